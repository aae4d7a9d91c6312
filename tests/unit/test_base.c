/* test_base.c: base/ — text keys, dates, bounded buffers, arena, errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/crypto.h"
#include "base/err.h"
#include "base/text.h"
#include "base/timeutil.h"

static void text_key_folds_case_accents_and_punctuation(void **state)
{
	static const struct {
		const char *in, *key;
	} cases[] = {
		{"Smith", "smith"},
		{"O'Brien-Núñez", "obriennunez"},
		{"Zoë", "zoe"},
		{"ØSTERGÅRD", "ostergard"},
		{"Straße", "strasse"},
		{"Æsir", "aesir"},
		{"Łukasz Żółć", "lukaszzolc"},
		{"  Mary  Ann ", "maryann"},
		{"", ""},
		{"李", ""},
		{"\xff\xfe", ""}, /* invalid UTF-8 contributes nothing */
	};
	char out[64];
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		text_key(cases[i].in, out, sizeof out);
		assert_string_equal(out, cases[i].key);
	}
	text_key("abcdefgh", out, 4); /* truncates within the buffer */
	assert_string_equal(out, "abc");
}

static void text_checks(void **state)
{
	assert_null(text_check_email("a@b.org"));
	assert_non_null(text_check_email("a@b"));
	assert_non_null(text_check_email("@b.org"));
	assert_non_null(text_check_email("a b@c.org"));
	assert_null(text_check_phone("(413) 555-0100"));
	assert_null(text_check_phone("+1 413.555.0100"));
	assert_non_null(text_check_phone("555-01"));
	assert_non_null(text_check_phone("413-555-0100 ext 4"));
	assert_true(text_clean("Zoë\tx", true));
	assert_false(text_clean("a\nb", false));
	assert_false(text_clean("\xc3", false));
	char d[16];
	assert_int_equal(text_digits("(413) 555-0100", d, sizeof d), 10);
	assert_string_equal(d, "4135550100");
	char end[16];
	text_prefix_end("n:smi", end, sizeof end);
	assert_string_equal(end, "n:smj");
}

static void dates_are_real_calendar_dates(void **state)
{
	assert_true(date_valid("2024-02-29"));
	assert_false(date_valid("2023-02-29"));
	assert_false(date_valid("1900-02-29"));
	assert_true(date_valid("2000-02-29"));
	assert_false(date_valid("2024-13-01"));
	assert_false(date_valid("2024-1-01"));
	assert_false(date_valid("1849-12-31"));
	char iso[11];
	assert_true(date_normalise("04/02/1980", iso));
	assert_string_equal(iso, "1980-04-02");
	assert_false(date_normalise("02/30/1980", iso));
	time_t t;
	assert_int_equal(ts_parse("2026-11-27T06:58:31Z", &t), 0);
	assert_int_equal((long long)t, 1795762711LL);
	assert_int_equal(ts_parse("2026-11-27T01:58:31-05:00", &t), 0);
	assert_int_equal((long long)t, 1795762711LL);
	assert_int_equal(ts_parse("2026-11-27T06:58:31.250Z", &t), 0);
	assert_int_equal(ts_parse("2026-11-27T06:58Z", &t), -1);
	assert_int_equal(ts_parse("yesterday", &t), -1);
	char ts[TS_LEN];
	ts_format(1795762711, ts);
	assert_string_equal(ts, "2026-11-27T06:58:31Z");
}

static void buf_is_bounded_and_terminated(void **state)
{
	buf b;
	buf_init(&b, 8);
	assert_string_equal(b.s, "");
	assert_int_equal(buf_adds(&b, "abc"), 0);
	assert_int_equal(buf_addf(&b, "%d", 1234), 0);
	assert_string_equal(b.s, "abc1234");
	assert_int_equal(buf_adds(&b, "xy"), -1); /* would pass the maximum: refused, unchanged */
	assert_string_equal(b.s, "abc1234");
	char *s = buf_detach(&b);
	assert_string_equal(s, "abc1234");
	free(s);
	assert_int_equal(b.len, 0);
	buf_release(&b);
}

static void arena_allocates_aligned_zeroed_memory(void **state)
{
	arena a = ARENA_INIT;
	for (int i = 0; i < 2000; i++) {
		char *p = arena_alloc(&a, (size_t)(i % 50) + 1);
		assert_int_equal((uintptr_t)p % 16, 0);
		for (int k = 0; k < i % 50 + 1; k++)
			assert_int_equal(p[k], 0);
		memset(p, 0xab, (size_t)(i % 50) + 1);
	}
	assert_string_equal(arena_printf(&a, "%s-%d", "x", 7), "x-7");
	assert_null(arena_strdup(&a, NULL));
	char *big = arena_alloc(&a, 100000);
	big[99999] = 1;
	arena_release(&a);
	assert_null(a.head);
}

static void errors_map_to_status_and_problem(void **state)
{
	err e = ERR_INIT;
	assert_int_equal(err_field(&e, "birth_date", "is required"), -1);
	err_field(&e, "sex_at_birth", "must be one of: %s", "F, M");
	assert_int_equal(e.code, ERR_VALIDATION);
	json_t *p = err_problem(&e);
	assert_int_equal(json_integer_value(json_object_get(p, "status")), 400);
	assert_string_equal(json_string_value(json_object_get(p, "type")), "urn:praxis:problem:validation");
	assert_int_equal(json_array_size(json_object_get(p, "errors")), 2);
	json_decref(p);
	err_clear(&e);
	err_set(&e, ERR_DB, "sqlite: disk I/O error");
	p = err_problem(&e);
	assert_int_equal(json_integer_value(json_object_get(p, "status")), 500);
	assert_null(json_object_get(p, "detail")); /* internal details never leave the server */
	json_decref(p);
	assert_int_equal(err_http_status(ERR_TOO_LARGE), 413);
	assert_int_equal(err_http_status(ERR_LOCKED), 423);
	assert_int_equal(err_http_status(ERR_VERSION_CONFLICT), 409);
}

static void crypto_tokens_and_passwords(void **state)
{
	assert_int_equal(crypto_setup(), 0);
	char a[TOKEN_LEN], b[TOKEN_LEN];
	token_new(a);
	token_new(b);
	assert_int_equal(strlen(a), 43);
	assert_string_not_equal(a, b);
	char h[HASH_HEX_LEN];
	hash_hex("abc", 3, h);
	/* BLAKE2b-256("abc"), RFC 7693 test vector family */
	assert_string_equal(h, "bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319");
	char ph[PWHASH_LEN];
	assert_int_equal(pw_hash("correct horse", ph), 0);
	assert_true(strncmp(ph, "$argon2id$", 10) == 0);
	assert_true(pw_verify(ph, "correct horse"));
	assert_false(pw_verify(ph, "correct horsE"));
	assert_true(str_equal_ct("abc", "abc"));
	assert_false(str_equal_ct("abc", "abd"));
	assert_false(str_equal_ct("abc", "abcd"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(text_key_folds_case_accents_and_punctuation),
		cmocka_unit_test(text_checks),
		cmocka_unit_test(dates_are_real_calendar_dates),
		cmocka_unit_test(buf_is_bounded_and_terminated),
		cmocka_unit_test(arena_allocates_aligned_zeroed_memory),
		cmocka_unit_test(errors_map_to_status_and_problem),
		cmocka_unit_test(crypto_tokens_and_passwords),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
