/* routes.c: the route table of every area, and the OpenAPI document built from it. */
#include <stdio.h>
#include <string.h>

#include "api/api.h"

static const struct {
	const route *r;
	const int *n;
	const char *tag;
} areas[] = {
	{meta_routes, &meta_nroutes, "meta"},
	{session_routes, &session_nroutes, "session"},
	{user_routes, &user_nroutes, "users"},
	{patient_routes, &patient_nroutes, "patients"},
	{registry_routes, &registry_nroutes, "registry"},
	{audit_routes, &audit_nroutes, "audit"},
	{schedule_routes, &schedule_nroutes, "schedule"},
	{billing_routes, &billing_nroutes, "billing"},
	{ledger_routes, &ledger_nroutes, "ledger"},
};
#define NAREAS (int)(sizeof areas / sizeof *areas)

int api_route_count(void)
{
	int n = 0;
	for (int i = 0; i < NAREAS; i++)
		n += *areas[i].n;
	return n;
}

const route *api_route_at(int i)
{
	for (int a = 0; a < NAREAS; a++) {
		if (i < *areas[a].n)
			return &areas[a].r[i];
		i -= *areas[a].n;
	}
	return NULL;
}

static const char *tag_of(int i)
{
	for (int a = 0; a < NAREAS; a++) {
		if (i < *areas[a].n)
			return areas[a].tag;
		i -= *areas[a].n;
	}
	return "other";
}

json_t *api_openapi(void)
{
	json_t *paths = json_object();
	for (int i = 0; i < api_route_count(); i++) {
		const route *rt = api_route_at(i);
		json_t *item = json_object_get(paths, rt->path);
		if (!item) {
			item = json_object();
			json_object_set_new(paths, rt->path, item);
			if (strstr(rt->path, "{id}"))
				json_object_set_new(item, "parameters",
						    json_pack("[{s:s,s:s,s:b,s:{s:s,s:i}}]", "name", "id", "in", "path",
							      "required", 1, "schema", "type", "integer", "minimum", 1));
		}
		char method[8];
		size_t n = strlen(rt->method);
		for (size_t k = 0; k <= n && k < sizeof method; k++)
			method[k] = (char)(rt->method[k] >= 'A' && rt->method[k] <= 'Z' ? rt->method[k] + 32 : rt->method[k]);
		char status[8];
		snprintf(status, sizeof status, "%d", rt->ok_status ? rt->ok_status : 200);
		json_t *op = json_pack("{s:s,s:[s],s:{s:{s:s}}}", "summary", rt->summary, "tags", tag_of(i), "responses",
				       status, "description", "success");
		json_t *resp = json_object_get(op, "responses");
		json_object_set_new(resp, "default", json_pack("{s:s,s:{s:{s:{s:s}}}}", "description",
							       "an RFC 9457 problem", "content",
							       "application/problem+json", "schema", "$ref",
							       "#/components/schemas/Problem"));
		if (rt->flags & R_PUBLIC)
			json_object_set_new(op, "security", json_array());
		else
			json_object_set_new(op, "x-permission", json_string(rt->need == P_NONE ? "signed-in" : perm_name(rt->need)));
		json_object_set_new(item, method, op);
	}
	return json_pack(
		"{s:s,s:{s:s,s:s,s:s},s:o,s:{s:{s:{s:s,s:s},s:{s:s,s:s,s:s}},s:{s:{s:s,s:{s:{s:s},s:{s:s},s:{s:s},s:{s:s},s:{s:s},s:{s:s},s:{s:s}}}}},s:[{s:[]},{s:[]}]}",
		"openapi", "3.1.0", "info", "title", "Praxis API", "version", "1", "description",
		"Practice management: every route, its permission and its answer. Errors are application/problem+json.",
		"paths", paths, "components", "securitySchemes", "bearer", "type", "http", "scheme", "bearer", "cookie",
		"type", "apiKey", "in", "cookie", "name", "praxis_session", "schemas", "Problem", "type", "object",
		"properties", "type", "type", "string", "title", "type", "string", "status", "type", "integer", "detail",
		"type", "string", "code", "type", "string", "errors", "type", "array", "candidates", "type", "array",
		"security", "bearer", "cookie");
}
