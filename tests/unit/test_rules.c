/* test_rules.c: the business rules without HTTP: registry checks, roles, the audit
 * chain, and the patient register (scoping, duplicates, versions, search, merge). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "access/accounts.h"
#include "audit/audit.h"
#include "base/crypto.h"
#include "patients/patients.h"
#include "registry/registry.h"
#include "store/migrate.h"

/* Luhn over the full 15-digit card number "80840" + NPI, written independently of
 * npi_valid(), which folds the prefix into a constant. */
static bool luhn15(const char *npi)
{
	char full[16];
	snprintf(full, sizeof full, "80840%s", npi);
	int sum = 0;
	for (int i = 14, dbl = 0; i >= 0; i--, dbl = !dbl) {
		int d = full[i] - '0';
		if (dbl && (d *= 2) > 9)
			d -= 9;
		sum += d;
	}
	return sum % 10 == 0;
}

static void npi_check_digit_matches_fixtures(void **state)
{
	assert_true(npi_valid("1234567893"));
	assert_false(npi_valid("1234567890"));
	assert_false(npi_valid("123456789"));
	assert_false(npi_valid("12345678a3"));
	FILE *f = fopen(PRAXIS_FIXTURES "/codesets/npi/npm-npi-0.1.0-test-npis.txt", "r");
	assert_non_null(f);
	char line[64];
	int valid = 0, invalid = 0;
	while (fgets(line, sizeof line, f)) {
		line[strcspn(line, "\r\n")] = 0;
		bool want = strlen(line) == 10 && luhn15(line);
		assert_int_equal(npi_valid(line), want);
		want ? valid++ : invalid++;
	}
	fclose(f);
	assert_true(valid > 0 && invalid > 0);
	char nine[] = "123456789", d;
	npi_check_digit(nine, &d);
	assert_int_equal(d, '3');
}

static void every_nucc_taxonomy_code_is_accepted(void **state)
{
	FILE *f = fopen(PRAXIS_FIXTURES "/codesets/nucc/nucc_taxonomy_251.csv", "r");
	assert_non_null(f);
	char line[8192];
	int n = 0;
	assert_non_null(fgets(line, sizeof line, f)); /* header */
	while (fgets(line, sizeof line, f)) {
		if (strlen(line) < 11 || line[10] != ',')
			continue; /* continuation of a quoted multi-line definition */
		line[10] = 0;
		assert_true(taxonomy_valid(line));
		n++;
	}
	fclose(f);
	assert_true(n > 800);
	assert_false(taxonomy_valid("207Q00000"));
	assert_false(taxonomy_valid("207q00000X"));
	assert_true(time_zone_valid("America/New_York"));
	assert_true(time_zone_valid("UTC"));
	assert_false(time_zone_valid("Mars/Base"));
	assert_false(time_zone_valid("../etc/passwd"));
	assert_false(time_zone_valid("America/New York"));
	assert_true(pos_valid("11"));
	assert_false(pos_valid("00"));
	assert_false(pos_valid("1"));
}

static void roles_grant_least_privilege(void **state)
{
	assert_true(role_perms("front_desk") & PERM_BIT(P_PATIENT_WRITE));
	assert_false(role_perms("front_desk") & PERM_BIT(P_AUDIT_READ));
	assert_false(role_perms("auditor") & PERM_BIT(P_PATIENT_READ));
	assert_true(role_perms("auditor") & PERM_BIT(P_AUDIT_READ));
	assert_false(role_perms("provider") & PERM_BIT(P_PATIENT_WRITE));
	assert_false(role_perms("hr") & PERM_BIT(P_PATIENT_READ));
	assert_false(role_perms("practice_manager") & PERM_BIT(P_USER_WRITE));
	for (int p = 0; p < P__COUNT; p++)
		assert_true(role_perms("admin") & PERM_BIT(p));
	for (const char *const *r = role_names; *r; r++)
		assert_true(role_valid(*r));
	assert_false(role_valid("wizard"));
	assert_int_equal(role_perms("wizard"), 0);
}

/* a fresh SQLite database with the schema and two practices */
typedef struct fx {
	char path[64];
	db *c;
	int64_t a, b;
	principal pa, pb;
	ctx xa, xb;
} fx;

static int setup(void **state)
{
	fx *f = calloc(1, sizeof *f);
	strcpy(f->path, "/tmp/praxis-rules-XXXXXX");
	close(mkstemp(f->path));
	err e = ERR_INIT;
	int n;
	crypto_setup();
	if (db_open(f->path, &f->c, &e) || migrate_run(f->c, 0, &n, &e) || practice_create(f->c, "A", &f->a, &e) ||
	    practice_create(f->c, "B", &f->b, &e))
		return -1;
	f->pa = (principal){.user_id = 0, .practice_id = f->a, .perms = ~(permset)0};
	f->pb = (principal){.user_id = 0, .practice_id = f->b, .perms = ~(permset)0};
	f->xa = (ctx){.db = f->c, .who = &f->pa};
	f->xb = (ctx){.db = f->c, .who = &f->pb};
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fx *f = *state;
	db_close(f->c);
	char p[80];
	unlink(f->path);
	snprintf(p, sizeof p, "%s-wal", f->path);
	unlink(p);
	snprintf(p, sizeof p, "%s-shm", f->path);
	unlink(p);
	free(f);
	return 0;
}

static int64_t create(ctx *x, const char *fam, const char *giv, const char *dob, bool confirm, err *e)
{
	json_t *in = json_pack("{s:s,s:s,s:s,s:s,s:b}", "family_name", fam, "given_name", giv, "birth_date", dob, "sex_at_birth", "U", "confirm_new", confirm);
	json_t *out = NULL;
	int rc = patient_create(x, in, &out, e);
	json_decref(in);
	int64_t id = rc ? -1 : json_integer_value(json_object_get(out, "id"));
	json_decref(out);
	return id;
}

static int count_hits(ctx *x, const char *q)
{
	err e = ERR_INIT;
	char *text = NULL;
	size_t len;
	if (patient_search(x, q, 100, 0, &text, &len, &e))
		return -1;
	json_t *out = json_loadb(text, len, 0, NULL); /* the answer is JSON text */
	free(text);
	int n = out ? (int)json_array_size(json_object_get(out, "items")) : -2;
	json_decref(out);
	return n;
}

static void patients_are_scoped_versioned_and_deduplicated(void **state)
{
	fx *f = *state;
	err e = ERR_INIT;
	int64_t id = create(&f->xa, "García", "José", "1970-01-02", false, &e);
	assert_true(id > 0);
	json_t *out = NULL;
	assert_int_equal(patient_get(&f->xb, id, &out, &e), -1);
	assert_int_equal(e.code, ERR_NOT_FOUND);
	err_clear(&e);
	/* same normalised name and birth date: a duplicate, unless confirmed */
	assert_int_equal(create(&f->xa, "GARCIA", "jose", "1970-01-02", false, &e), -1);
	assert_int_equal(e.code, ERR_DUPLICATE_PATIENT);
	assert_int_equal(json_array_size(json_object_get(e.extra, "candidates")), 1);
	err_clear(&e);
	assert_true(create(&f->xb, "García", "José", "1970-01-02", false, &e) > 0); /* other practice: no duplicate */
	int64_t id2 = create(&f->xa, "García", "José", "1970-01-02", true, &e);
	assert_true(id2 > id);
	/* versions */
	json_t *patch = json_pack("{s:i,s:s}", "version", 1, "preferred_name", "Pepe");
	assert_int_equal(patient_update(&f->xa, id, patch, &out, &e), 0);
	assert_int_equal(json_integer_value(json_object_get(out, "version")), 2);
	json_decref(out);
	assert_int_equal(patient_update(&f->xa, id, patch, &out, &e), -1);
	assert_int_equal(e.code, ERR_VERSION_CONFLICT);
	err_clear(&e);
	assert_int_equal(patient_update(&f->xb, id, patch, &out, &e), -1);
	assert_int_equal(e.code, ERR_NOT_FOUND);
	err_clear(&e);
	json_decref(patch);
	/* search: preferred name is a key too; practice B sees only its own */
	assert_int_equal(count_hits(&f->xa, "pepe"), 1);
	assert_int_equal(count_hits(&f->xa, "garc jo"), 2);
	assert_int_equal(count_hits(&f->xb, "garc jo"), 1);
	assert_int_equal(count_hits(&f->xa, "1970-01-02"), 2);
	/* merge */
	assert_int_equal(patient_merge(&f->xa, id, id2, &out, &e), 0);
	json_decref(out);
	assert_int_equal(count_hits(&f->xa, "garc jo"), 1);
	assert_int_equal(patient_merge(&f->xa, id, id2, &out, &e), -1);
	assert_int_equal(e.code, ERR_CONFLICT);
	err_clear(&e);
	/* reads were queued for the audit writer; writes were appended at once */
	assert_true(f->xa.npending > 0);
	assert_int_equal(ctx_flush(&f->xa, &e), 0);
	int64_t n = 0;
	db_one_i64(f->c, &e, &n, "SELECT COUNT(*) FROM audit_event WHERE practice_id = $1 AND action = 'patient.create'", "i", f->a);
	assert_int_equal(n, 2);
}

static void a_failed_registration_changes_nothing(void **state)
{
	fx *f = *state;
	err e = ERR_INIT;
	int64_t before = 0, after = 0, seq0 = 0, seq1 = 0;
	db_one_i64(f->c, &e, &before, "SELECT COUNT(*) FROM patient", NULL);
	db_one_i64(f->c, &e, &seq0, "SELECT mrn_seq FROM practice WHERE id = $1", "i", f->a);
	/* make the audit append fail inside the transaction: the patient must not remain */
	db_exec(f->c, "DELETE FROM audit_head WHERE practice_id = 1", &e);
	assert_int_equal(create(&f->xa, "Lost", "Nobody", "1999-09-09", true, &e), -1);
	err_clear(&e);
	db_one_i64(f->c, &e, &after, "SELECT COUNT(*) FROM patient", NULL);
	db_one_i64(f->c, &e, &seq1, "SELECT mrn_seq FROM practice WHERE id = $1", "i", f->a);
	assert_int_equal(after, before);
	assert_int_equal(seq1, seq0);
}

static void audit_chain_detects_change_removal_and_truncation(void **state)
{
	fx *f = *state;
	err e = ERR_INIT;
	for (int i = 0; i < 5; i++) {
		audit_event ev = {f->a, 7, "patient.read", "patient", i + 1, i + 1, "127.0.0.1", "success", NULL};
		assert_int_equal(audit_append(f->c, &ev, &e), 0);
	}
	int64_t count = 0, bad = 0;
	char why[200];
	assert_int_equal(audit_verify(f->c, &count, &bad, why, sizeof why, &e), 0);
	assert_true(count >= 7); /* two practice.create + five reads */

	assert_int_equal(db_exec(f->c, "UPDATE audit_event SET reason = 'x' WHERE id = 4", &e), -1); /* append-only */
	err_clear(&e);
	db_exec(f->c, "DROP TRIGGER audit_event_no_update; DROP TRIGGER audit_event_no_delete", &e);

	db_exec(f->c, "UPDATE audit_event SET object_id = 99 WHERE id = 4", &e);
	assert_int_equal(audit_verify(f->c, &count, &bad, why, sizeof why, &e), 1);
	assert_int_equal(bad, 4);
	assert_non_null(strstr(why, "hash"));
	db_exec(f->c, "UPDATE audit_event SET object_id = 2 WHERE id = 4", &e); /* restore */
	assert_int_equal(audit_verify(f->c, &count, &bad, why, sizeof why, &e), 0);

	db_exec(f->c, "DELETE FROM audit_event WHERE id = 5", &e);
	assert_int_equal(audit_verify(f->c, &count, &bad, why, sizeof why, &e), 1);
	assert_int_equal(bad, 6);
	assert_non_null(strstr(why, "missing"));
}

static void audit_chain_detects_a_removed_tail(void **state)
{
	fx *f = *state;
	err e = ERR_INIT;
	audit_event ev = {f->b, 7, "patient.read", "patient", 1, 1, NULL, "success", NULL};
	assert_int_equal(audit_append(f->c, &ev, &e), 0);
	db_exec(f->c, "DROP TRIGGER audit_event_no_delete", &e);
	db_exec(f->c, "DELETE FROM audit_event WHERE id = (SELECT MAX(id) FROM audit_event)", &e);
	int64_t count = 0, bad = 0;
	char why[200];
	assert_int_equal(audit_verify(f->c, &count, &bad, why, sizeof why, &e), 1);
	assert_non_null(strstr(why, "ends before"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(npi_check_digit_matches_fixtures),
		cmocka_unit_test(every_nucc_taxonomy_code_is_accepted),
		cmocka_unit_test(roles_grant_least_privilege),
		cmocka_unit_test_setup_teardown(patients_are_scoped_versioned_and_deduplicated, setup, teardown),
		cmocka_unit_test_setup_teardown(a_failed_registration_changes_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(audit_chain_detects_change_removal_and_truncation, setup, teardown),
		cmocka_unit_test_setup_teardown(audit_chain_detects_a_removed_tail, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
