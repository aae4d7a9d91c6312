/* bench/common.c: see common.h. */
#include "common.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "access/accounts.h"
#include "registry/registry.h"

extern const char *bench_name; /* each bench defines its program name */

double now_s(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

void die(const char *what, err *e)
{
	fprintf(stderr, "%s: %s: %s\n", bench_name, what, e->msg);
	exit(1);
}

int64_t make(ctx *x, bill_res k, json_t *in, err *e)
{
	json_t *out = NULL;
	if (res_create(x, billing_resource(k), in, &out, e))
		die("setup", e);
	int64_t id = json_integer_value(json_object_get(out, "id"));
	json_decref(in);
	json_decref(out);
	return id;
}

void bench_practice_create(db *c, const char *name, principal *sys, ctx *x, bench_practice *out)
{
	err e = ERR_INIT;
	if (practice_create(c, name, &out->practice, &e))
		die("practice", &e);
	*sys = (principal){.practice_id = out->practice, .perms = ~(permset)0};
	*x = (ctx){.db = c, .who = sys};
	json_t *r = NULL;
	json_t *profile = json_pack("{s:s, s:s, s:s, s:s}", "legal_name", "Bench Group", "npi", "1234567893", "tax_id",
				    "123456789", "taxonomy", "207Q00000X");
	if (billing_profile_put(x, profile, &r, &e))
		die("profile", &e);
	json_decref(profile);
	json_decref(r);
	if (reg_create(x, REG_PROVIDER, json_pack("{s:s, s:s, s:s}", "family_name", "Bench", "given_name", "Doc", "npi", "1245319599"), &r, &e))
		die("provider", &e);
	out->provider = json_integer_value(json_object_get(r, "id"));
	json_decref(r);
	if (reg_create(x, REG_LOCATION, json_pack("{s:s, s:s, s:s}", "name", "Main", "time_zone", "America/New_York", "pos_code", "11"), &r, &e))
		die("location", &e);
	out->location = json_integer_value(json_object_get(r, "id"));
	json_decref(r);
	out->payer = make(x, BR_PAYER, json_pack("{s:s, s:s, s:s, s:s}", "name", "Bench Health", "payer_code", "BH001", "kind",
						  "commercial", "filing_indicator", "CI"), &e);
}
