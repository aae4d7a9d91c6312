/* fuzz_billing_input.c: untrusted input of billing, below HTTP.
 *
 * The input is a JSON object used on an in-memory SQLite database with the real schema, a
 * provider, location, patient with insurance, fees and small code sets: merged over a valid
 * encounter (diagnoses, lines, modifiers, pointers, units, referring), then its claims are
 * built and scrubbed, moved to the input's "status", and the input's "patch" is applied to
 * the encounter; a price quote reads the input as its query. Anything but a clean error is a
 * finding, and no failed call may leave a transaction open. Seeds:
 * tests/fuzz/seeds/fuzz_billing_input/. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "access/accounts.h"
#include "billing/billing.h"
#include "patients/patients.h"
#include "registry/registry.h"
#include "store/migrate.h"

static db *c;
static principal who;
static int64_t provider, location, patient;

/* Creates one record with fn from `in` (taken) and answers its id. */
static int64_t made(ctx *x, int (*fn)(ctx *, json_t *, json_t **, err *), json_t *in)
{
	err e = ERR_INIT;
	json_t *out = NULL;
	if (fn(x, in, &out, &e))
		abort();
	int64_t id = json_integer_value(json_object_get(out, "id"));
	json_decref(out);
	json_decref(in);
	return id;
}

static int provider_add(ctx *x, json_t *in, json_t **out, err *e) { return reg_create(x, REG_PROVIDER, in, out, e); }
static int location_add(ctx *x, json_t *in, json_t **out, err *e) { return reg_create(x, REG_LOCATION, in, out, e); }
static int payer_add(ctx *x, json_t *in, json_t **out, err *e) { return res_create(x, billing_resource(BR_PAYER), in, out, e); }
static int coverage_add(ctx *x, json_t *in, json_t **out, err *e) { return res_create(x, billing_resource(BR_COVERAGE), in, out, e); }
static int fee_add(ctx *x, json_t *in, json_t **out, err *e) { return res_create(x, billing_resource(BR_FEE), in, out, e); }

static const char *const seed_sql =
	"INSERT INTO code_set_version (kind, effective_from, source_name, rows_loaded, bad_lines, loaded_at) VALUES "
	"('icd10cm', '2025-10-01', 'f', 3, 0, 'x'), ('ncci_ptp', '2026-01-01', 'f', 1, 0, 'x'), ('mue', '2026-01-01', 'f', 1, 0, 'x');"
	"INSERT INTO icd10cm_code SELECT id, 'E11', 0, 's', 'l' FROM code_set_version WHERE kind = 'icd10cm';"
	"INSERT INTO icd10cm_code SELECT id, 'E119', 1, 's', 'l' FROM code_set_version WHERE kind = 'icd10cm';"
	"INSERT INTO icd10cm_code SELECT id, 'I10', 1, 's', 'l' FROM code_set_version WHERE kind = 'icd10cm';"
	"INSERT INTO ncci_ptp SELECT id, '99213', '93000', '2020-01-01', NULL, 1 FROM code_set_version WHERE kind = 'ncci_ptp';"
	"INSERT INTO mue SELECT id, '93000', 1, 1, 'r' FROM code_set_version WHERE kind = 'mue';";

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	err e = ERR_INIT;
	int n;
	int64_t practice;
	crypto_setup();
	if (db_open(":memory:", &c, &e) || migrate_run(c, 0, &n, &e) || practice_create(c, "Fuzz", &practice, &e) ||
	    db_exec(c, seed_sql, &e))
		abort();
	who = (principal){.practice_id = practice, .perms = ~(permset)0};
	ctx x = {.db = c, .who = &who};
	json_t *out = NULL;
	provider = made(&x, provider_add, json_pack("{s:s,s:s,s:s}", "family_name", "F", "given_name", "G", "npi", "1245319599"));
	location = made(&x, location_add, json_pack("{s:s,s:s,s:s}", "name", "L", "time_zone", "America/New_York", "pos_code", "11"));
	patient = made(&x, patient_create, json_pack("{s:s,s:s,s:s,s:s}", "family_name", "D", "given_name", "J", "birth_date", "1980-01-02", "sex_at_birth", "F"));
	int64_t payer = made(&x, payer_add, json_pack("{s:s,s:s,s:s,s:s}", "name", "P", "payer_code", "P1", "kind", "commercial", "filing_indicator", "CI"));
	made(&x, coverage_add, json_pack("{s:I,s:I,s:i,s:s,s:s,s:s}", "patient_id", (json_int_t)patient, "payer_id", (json_int_t)payer, "priority", 1, "relationship", "self", "member_id", "M1", "effective_from", "2020-01-01"));
	for (const char *const *code = (const char *const[]){"99213", "93000", "J3420", NULL}; *code; code++)
		made(&x, fee_add, json_pack("{s:s,s:i,s:s}", "code", *code, "fee_cents", 1000, "effective_from", "2020-01-01"));
	json_t *profile = json_pack("{s:s,s:s,s:s,s:s}", "legal_name", "G", "npi", "1234567893", "tax_id", "123456789", "taxonomy", "207Q00000X");
	if (billing_profile_put(&x, profile, &out, &e))
		abort();
	json_decref(profile);
	json_decref(out);
	return 0;
}

static void attempt(ctx *x, int rc, json_t **out, err *e)
{
	if (!rc) {
		json_decref(*out);
		*out = NULL;
	}
	err_clear(e);
	if (db_in_tx(x->db))
		abort(); /* a failed write must never leave its transaction open */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ctx x = {.db = c, .who = &who};
	err e = ERR_INIT;
	json_t *in = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES, NULL);
	if (!json_is_object(in)) {
		json_decref(in);
		return 0;
	}
	json_t *out = NULL, *claims = NULL;
	json_t *enc = json_pack("{s:I,s:s,s:I,s:I,s:[s,s],s:[{s:s,s:[i]},{s:s,s:[i]}]}", "patient_id", (json_int_t)patient,
				"service_date", "2026-03-02", "rendering_provider_id", (json_int_t)provider, "location_id",
				(json_int_t)location, "diagnoses", "E11.9", "I10", "lines", "code", "99213", "pointers", 1, "code",
				"93000", "pointers", 2);
	json_t *status = json_incref(json_object_get(in, "status")), *patch = json_incref(json_object_get(in, "patch"));
	json_object_del(in, "status");
	json_object_del(in, "patch");
	json_object_update(enc, in);
	int64_t id = 0;
	int rc = encounter_create(&x, enc, &id, NULL, &e);
	attempt(&x, rc, &out, &e);
	json_decref(enc);
	if (!rc) {
		rc = claims_build(&x, id, &claims, &e);
		int64_t claim = rc ? 0 : json_integer_value(json_object_get(json_array_get(json_object_get(claims, "items"), 0), "id"));
		attempt(&x, rc, &claims, &e);
		json_t *move = json_pack("{s:O}", "status", status ? status : json_null());
		if (claim)
			attempt(&x, claim_transition(&x, claim, move, &out, &e), &out, &e);
		json_decref(move);
		if (json_is_object(patch))
			attempt(&x, encounter_update(&x, id, patch, &out, &e), &out, &e);
		if (claim)
			attempt(&x, claim_scrub(&x, claim, &out, &e), &out, &e);
	}
	attempt(&x, price_quote(&x, in, &out, &e), &out, &e);
	json_decref(status);
	json_decref(patch);
	json_decref(in);
	x.npending = 0;
	return 0;
}
