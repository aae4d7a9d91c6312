/* registry.c: providers and locations. */
#include "registry/registry.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "base/text.h"
#include "access/resource.h"

void npi_check_digit(const char nine[9], char *digit)
{
	/* Luhn over the 9 digits prefixed with 80840 (the card issuer prefix of health providers):
	 * the prefix contributes a constant 24 to the sum */
	int sum = 24;
	for (int i = 0; i < 9; i++) {
		int d = nine[i] - '0';
		if (i % 2 == 0) { /* doubled: positions counted from the right of the full number */
			d *= 2;
			if (d > 9)
				d -= 9;
		}
		sum += d;
	}
	*digit = (char)('0' + (10 - sum % 10) % 10);
}

bool npi_valid(const char *npi)
{
	if (!npi || strlen(npi) != 10)
		return false;
	for (int i = 0; i < 10; i++)
		if (npi[i] < '0' || npi[i] > '9')
			return false;
	char d;
	npi_check_digit(npi, &d);
	return d == npi[9];
}

bool taxonomy_valid(const char *c)
{
	if (!c || strlen(c) != 10 || c[9] != 'X')
		return false;
	for (int i = 0; i < 9; i++)
		if (!((c[i] >= '0' && c[i] <= '9') || (c[i] >= 'A' && c[i] <= 'Z')))
			return false;
	return true;
}

bool time_zone_valid(const char *tz)
{
	if (!tz || !*tz || strlen(tz) > 64 || strstr(tz, "..") || tz[0] == '/')
		return false;
	for (const char *p = tz; *p; p++)
		if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || strchr("/_+-", *p)))
			return false;
	if (!strcmp(tz, "UTC"))
		return true;
	char path[128];
	snprintf(path, sizeof path, "/usr/share/zoneinfo/%s", tz);
	return access(path, R_OK) == 0 && strchr(tz, '/');
}

bool pos_valid(const char *c)
{
	return c && strlen(c) == 2 && c[0] >= '0' && c[0] <= '9' && c[1] >= '0' && c[1] <= '9' && strcmp(c, "00");
}

static const char *check_npi(const char *v) { return npi_valid(v) ? NULL : "must be 10 digits with a valid check digit"; }
static const char *check_tax(const char *v) { return taxonomy_valid(v) ? NULL : "must be a NUCC taxonomy code such as 207Q00000X"; }
static const char *check_tz(const char *v) { return time_zone_valid(v) ? NULL : "must be an IANA time zone such as America/New_York"; }
static const char *check_pos(const char *v) { return pos_valid(v) ? NULL : "must be a two-digit place-of-service code such as 11"; }

int address_validate(json_t *vals, err *e)
{
	const char *country = json_string_value(json_object_get(vals, "addr_country"));
	if (country && strcmp(country, "US") && strcmp(country, "USA"))
		return 0;
	const char *st = json_string_value(json_object_get(vals, "addr_state"));
	const char *zip = json_string_value(json_object_get(vals, "addr_postal_code"));
	int rc = 0;
	if (st) {
		char up[3] = {0};
		bool ok = strlen(st) == 2;
		for (int i = 0; ok && i < 2; i++) {
			up[i] = (char)(st[i] >= 'a' && st[i] <= 'z' ? st[i] - 32 : st[i]);
			ok = up[i] >= 'A' && up[i] <= 'Z';
		}
		if (ok)
			json_object_set_new(vals, "addr_state", json_string(up));
		else
			rc = err_field(e, "address.state", "must be the two-letter state code, such as NY");
	}
	if (zip) {
		size_t n = strlen(zip), d = 0;
		for (size_t i = 0; i < n; i++)
			d += zip[i] >= '0' && zip[i] <= '9';
		if (!((n == 5 && d == 5) || (n == 9 && d == 9) || (n == 10 && d == 9 && zip[5] == '-')))
			rc = err_field(e, "address.postal_code", "must be a ZIP code: 5 digits or ZIP+4");
	}
	return rc;
}

static const field provider_fields[] = {
	{"id", "id", F_INT, F_READONLY},
	{"family_name", "family_name", F_TEXT, F_REQUIRED, 100},
	{"given_name", "given_name", F_TEXT, F_REQUIRED, 100},
	{"credentials", "credentials", F_TEXT, 0, 40},
	{"npi", "npi", F_TEXT, 0, 10, NULL, check_npi},
	{"taxonomy", "taxonomy", F_TEXT, 0, 10, NULL, check_tax},
	{"email", "email", F_TEXT, F_LOWER, 254, NULL, text_check_email},
	{"phone", "phone", F_TEXT, 0, 30, NULL, text_check_phone},
	{"active", "active", F_BOOL, 0},
	{"version", "version", F_INT, F_READONLY},
	{"created_at", "created_at", F_TEXT, F_READONLY},
	{"updated_at", "updated_at", F_TEXT, F_READONLY},
};

static const field location_fields[] = {
	{"id", "id", F_INT, F_READONLY},
	{"name", "name", F_TEXT, F_REQUIRED, 100},
	{"address.line1", "addr_line1", F_TEXT, 0, 100},
	{"address.line2", "addr_line2", F_TEXT, 0, 100},
	{"address.city", "addr_city", F_TEXT, 0, 60},
	{"address.state", "addr_state", F_TEXT, 0, 40},
	{"address.postal_code", "addr_postal_code", F_TEXT, 0, 12},
	{"address.country", "addr_country", F_TEXT, 0, 60},
	{"phone", "phone", F_TEXT, 0, 30, NULL, text_check_phone},
	{"time_zone", "time_zone", F_TEXT, F_REQUIRED, 64, NULL, check_tz},
	{"pos_code", "pos_code", F_TEXT, F_REQUIRED, 2, NULL, check_pos},
	{"active", "active", F_BOOL, 0},
	{"version", "version", F_INT, F_READONLY},
	{"created_at", "created_at", F_TEXT, F_READONLY},
	{"updated_at", "updated_at", F_TEXT, F_READONLY},
};

static const table tables[] = {
	[REG_PROVIDER] = {"provider", provider_fields, sizeof provider_fields / sizeof *provider_fields},
	[REG_LOCATION] = {"location", location_fields, sizeof location_fields / sizeof *location_fields},
};

static int check_location(ctx *x, json_t *in, json_t *vals, err *e)
{
	(void)x, (void)in;
	return address_validate(vals, e);
}

static const resource resources[] = {
	[REG_PROVIDER] = {&tables[REG_PROVIDER], "provider", "{\"active\": true}", .conflict_field = "npi",
			  .conflict_msg = "is already registered for another provider"},
	[REG_LOCATION] = {&tables[REG_LOCATION], "location", "{\"active\": true}", .check = check_location,
			  .conflict_field = "name", .conflict_msg = "is already used by another location"},
};

int reg_create(ctx *x, reg_kind k, json_t *in, json_t **out, err *e) { return res_create(x, &resources[k], in, out, e); }
int reg_get(ctx *x, reg_kind k, int64_t id, json_t **out, err *e) { return res_get(x, &resources[k], id, out, e); }

int reg_list(ctx *x, reg_kind k, int limit, int64_t after, json_t **out, err *e)
{
	return res_list(x, &resources[k], limit, after, out, e);
}

int reg_update(ctx *x, reg_kind k, int64_t id, json_t *patch, json_t **out, err *e)
{
	return res_update(x, &resources[k], id, patch, out, e);
}
