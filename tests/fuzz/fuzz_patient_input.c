/* fuzz_patient_input.c: untrusted input of the patient register, end to end below HTTP.
 *
 * The input is split at its first NUL-free newline: the first line is a search query
 * (patient_search: word classification, key ranges, SQL built per query), the rest a JSON
 * body (jansson, then patient_create and patient_update: field tables, dates, keys). Runs
 * on an in-memory SQLite database with the real schema. Anything but a clean error is a
 * finding; AddressSanitizer and UBSan watch memory. Seeds: tests/fuzz/seeds/. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "access/accounts.h"
#include "patients/patients.h"
#include "store/migrate.h"

static db *c;
static principal who;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	err e = ERR_INIT;
	int n;
	int64_t practice;
	crypto_setup();
	if (db_open(":memory:", &c, &e) || migrate_run(c, 0, &n, &e) || practice_create(c, "Fuzz", &practice, &e))
		abort();
	who = (principal){.practice_id = practice, .perms = ~(permset)0};
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ctx x = {.db = c, .who = &who};
	err e = ERR_INIT;
	const uint8_t *nl = memchr(data, '\n', size);
	size_t qlen = nl ? (size_t)(nl - data) : size;
	char *q = strndup((const char *)data, qlen);
	json_t *out = NULL;
	char *page = NULL;
	size_t len;
	if (!patient_search(&x, q, 20, 0, &page, &len, &e)) {
		/* the page is written as text: it must be JSON */
		json_t *j = json_loadb(page, len, 0, NULL);
		if (!json_is_array(json_object_get(j, "items")))
			abort();
		json_decref(j);
		free(page);
	}
	err_clear(&e);
	free(q);
	if (nl) {
		json_t *in = json_loadb((const char *)nl + 1, size - qlen - 1, JSON_REJECT_DUPLICATES, NULL);
		if (json_is_object(in)) {
			json_t *body = json_deep_copy(in);
			if (!patient_create(&x, body, &out, &e)) {
				int64_t id = json_integer_value(json_object_get(out, "id"));
				json_decref(out);
				json_object_set_new(in, "version", json_integer(1));
				if (!patient_update(&x, id, in, &out, &e))
					json_decref(out);
			}
			err_clear(&e);
			json_decref(body);
		}
		json_decref(in);
	}
	x.npending = 0; /* queued read events are not the subject here */
	return 0;
}
