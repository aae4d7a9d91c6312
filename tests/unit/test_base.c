/* test_base.c: base/ — text keys, dates, bounded buffers, arena, errors, JSON text. */
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
#include "base/json_text.h"
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

/* json_text must write exactly what jansson's compact dump writes */
static void json_text_matches_jansson(void **state)
{
	(void)state;
	const char *docs[] = {
		"{}", "[]", "\"\"", "0", "-9223372036854775808", "9223372036854775807", "true", "false", "null",
		"1.5", "-0.000125", "1e300",
		"{\"a\":1,\"z\":[1,2,{\"k\":null}],\"b\":{\"c\":\"d\",\"e\":[]}}",
		"\"quote \\\" backslash \\\\ slash / tab \\t nl \\n cr \\r bs \\b ff \\f\"",
		"\"ctl \\u0001 \\u001f del \\u007f\"",
		"\"Zo\\u00eb \\u00c5ngstr\\u00f6m \\u2028 \\ud83d\\ude00 \\u65e5\\u672c\"",
		"{\"k\\\"ey\\n\":\"v\",\"\\u00e9\":-42}",
		"[[[[[]]]],{\"\":{}}]",
	};
	for (size_t i = 0; i < sizeof docs / sizeof *docs; i++) {
		json_error_t je;
		json_t *j = json_loads(docs[i], JSON_DECODE_ANY | JSON_ALLOW_NUL, &je);
		assert_non_null(j);
		char *want = json_dumps(j, JSON_COMPACT | JSON_ENCODE_ANY);
		size_t len = 0;
		char *got = json_text(j, &len);
		assert_string_equal(got, want);
		assert_int_equal(len, strlen(want));
		free(want);
		free(got);
		json_decref(j);
	}
	/* a NUL inside a string is escaped, not a terminator */
	json_t *s = json_stringn("a\0b", 3);
	char *got = json_text(s, NULL);
	assert_string_equal(got, "\"a\\u0000b\"");
	free(got);
	json_decref(s);
}

/* json_utf8_ok accepts exactly what jansson's json_stringn accepts */
static void json_utf8_ok_matches_jansson(void **state)
{
	(void)state;
	unsigned seed = 12345;
	unsigned char s[6];
	for (int round = 0; round < 200000; round++) {
		size_t n = 1 + round % 5;
		for (size_t i = 0; i < n; i++) {
			seed = seed * 1103515245u + 12345u;
			unsigned r = seed >> 16;
			/* mostly bytes around the interesting boundaries */
			static const unsigned char pick[] = {0x41, 0x7F, 0x80, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xED, 0xEF,
							     0xF0, 0xF4, 0xF5, 0xFF, 0x90, 0xA0, 0x9F, 0x8F};
			s[i] = r % 3 ? pick[r % sizeof pick] : (unsigned char)(r >> 4);
			if (!s[i])
				s[i] = 0x20;
		}
		json_t *j = json_stringn((const char *)s, n);
		if (json_utf8_ok((const char *)s, n) != (j != NULL))
			fail_msg("round %d: json_utf8_ok disagrees with jansson on %zu bytes starting %02x", round, n, s[0]);
		json_decref(j);
	}
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
		cmocka_unit_test(json_text_matches_jansson),
		cmocka_unit_test(json_utf8_ok_matches_jansson),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
