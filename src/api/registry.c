/* registry.c: providers and locations. */
#include "api/api.h"
#include "registry/registry.h"

static int list(req *r, reg_kind k, err *e)
{
	int limit;
	int64_t after;
	if (api_limit(r, &limit, e) || api_int_arg(r, "cursor", &after, e))
		return -1;
	return reg_list(&r->x, k, limit, after, &r->out, e);
}

#define HANDLERS(name, kind)                                                                       \
	static int name##_list(req *r, err *e) { return list(r, kind, e); }                        \
	static int name##_create(req *r, err *e) { return reg_create(&r->x, kind, r->body, &r->out, e); } \
	static int name##_get(req *r, err *e) { return reg_get(&r->x, kind, r->id, &r->out, e); }  \
	static int name##_update(req *r, err *e) { return reg_update(&r->x, kind, r->id, r->body, &r->out, e); }
HANDLERS(provider, REG_PROVIDER)
HANDLERS(location, REG_LOCATION)

ROUTES(registry,
       {"GET", "/api/v1/providers", P_PROVIDER_READ, 0, provider_list, "Providers"},
       {"POST", "/api/v1/providers", P_PROVIDER_WRITE, 0, provider_create, "Add a provider (NPI check digit validated)", 201},
       {"GET", "/api/v1/providers/{id}", P_PROVIDER_READ, 0, provider_get, "One provider"},
       {"PATCH", "/api/v1/providers/{id}", P_PROVIDER_WRITE, 0, provider_update, "Change a provider: {version, ...}"},
       {"GET", "/api/v1/locations", P_LOCATION_READ, 0, location_list, "Locations"},
       {"POST", "/api/v1/locations", P_LOCATION_WRITE, 0, location_create, "Add a location (IANA time zone, place of service)", 201},
       {"GET", "/api/v1/locations/{id}", P_LOCATION_READ, 0, location_get, "One location"},
       {"PATCH", "/api/v1/locations/{id}", P_LOCATION_WRITE, 0, location_update, "Change a location: {version, ...}"});
