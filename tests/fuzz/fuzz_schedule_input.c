/* fuzz_schedule_input.c: untrusted input of scheduling, below HTTP.
 *
 * The input is a JSON object used three ways on an in-memory SQLite database with the real
 * schema and one provider, location and type: as an availability rule (RRULE text through
 * libical, local times, dates), as an exception (instants), and merged over a valid booking
 * (start, repeat, override, overbook). After each, an availability search over its "from"
 * and "to" runs the slot engine over whatever rules the corpus has left. Anything but a
 * clean error is a finding (a hang too: libFuzzer reports slow units). Seeds:
 * tests/fuzz/seeds/fuzz_schedule_input/. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "access/accounts.h"
#include "patients/patients.h"
#include "registry/registry.h"
#include "schedule/schedule.h"
#include "store/migrate.h"

static db *c;
static principal who;
static int64_t provider, location, type, patient;

/* Creates one record from `in` (taken) and answers its id. */
static int64_t made(ctx *x, int (*fn)(ctx *, int, json_t *, json_t **, err *), int kind, json_t *in)
{
	err e = ERR_INIT;
	json_t *out = NULL;
	if (fn(x, kind, in, &out, &e))
		abort();
	int64_t id = json_integer_value(json_object_get(out, "id"));
	json_decref(out);
	json_decref(in);
	return id;
}

static int reg(ctx *x, int k, json_t *in, json_t **out, err *e) { return reg_create(x, (reg_kind)k, in, out, e); }
static int set(ctx *x, int k, json_t *in, json_t **out, err *e) { return setup_create(x, (setup_kind)k, in, out, e); }
static int pat(ctx *x, int k, json_t *in, json_t **out, err *e) { return (void)k, patient_create(x, in, out, e); }

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	err e = ERR_INIT;
	int n;
	int64_t practice;
	crypto_setup();
	if (db_open(":memory:", &c, &e) || migrate_run(c, 0, &n, &e) || practice_create(c, "Fuzz", &practice, &e))
		abort();
	who = (principal){.practice_id = practice, .perms = ~(permset)0};
	ctx x = {.db = c, .who = &who};
	provider = made(&x, reg, REG_PROVIDER, json_pack("{s:s,s:s}", "family_name", "F", "given_name", "G"));
	location = made(&x, reg, REG_LOCATION, json_pack("{s:s,s:s,s:s}", "name", "L", "time_zone", "America/New_York", "pos_code", "11"));
	type = made(&x, set, SETUP_TYPE, json_pack("{s:s,s:i,s:[I]}", "name", "T", "duration_min", 20, "provider_ids", (json_int_t)provider));
	patient = made(&x, pat, 0, json_pack("{s:s,s:s,s:s,s:s}", "family_name", "D", "given_name", "J", "birth_date", "1980-01-02", "sex_at_birth", "F"));
	return 0;
}

static void attempt(ctx *x, int rc, json_t *out, err *e)
{
	if (!rc)
		json_decref(out);
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
	json_t *out = NULL;
	json_t *rule = json_deep_copy(in);
	json_object_set_new(rule, "provider_id", json_integer(provider));
	json_object_set_new(rule, "location_id", json_integer(location));
	attempt(&x, setup_create(&x, SETUP_RULE, rule, &out, &e), out, &e);
	json_decref(rule);
	json_t *exc = json_deep_copy(in);
	attempt(&x, setup_create(&x, SETUP_EXCEPTION, exc, &out, &e), out, &e);
	json_decref(exc);
	json_t *book = json_pack("{s:I,s:I,s:I,s:I,s:s}", "patient_id", (json_int_t)patient, "provider_id", (json_int_t)provider,
				 "location_id", (json_int_t)location, "type_id", (json_int_t)type, "start", "2030-01-07T09:00:00-05:00");
	json_object_update(book, in);
	attempt(&x, appt_book(&x, book, &out, &e), out, &e);
	json_decref(book);
	attempt(&x,
		avail_search(&x, type, 0, 0, json_string_value(json_object_get(in, "from")), json_string_value(json_object_get(in, "to")),
			     10, &out, &e),
		out, &e);
	json_decref(in);
	x.npending = 0;
	return 0;
}
