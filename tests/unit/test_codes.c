/* test_codes.c: codes/ — importing the official code-set files and searching them.
 *
 * Each kind is loaded from a small synthetic file in the publisher's layout
 * (tests/data/codesets/, made-up codes such as U99x and Y99xx). Runs on SQLite always, and
 * on PostgreSQL too when PRAXIS_TEST_PG names a server (a database is made for the run).
 * PRAXIS_CODES_BIG=1 also times a generated 1.8 million row PTP file (PRAXIS_CODES_BIG=<n>:
 * n rows), on each engine. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/crypto.h"
#include "cmd/cmd.h"
#include "codes/codes.h"
#include "codes/load.h"
#include "store/migrate.h"

/* ---- helpers ---- */

static const char *data(const char *name)
{
	static char path[4][512];
	static int k;
	char *p = path[k++ % 4];
	const char *src = __FILE__, *cut = strstr(src, "tests/unit/");
	snprintf(p, sizeof path[0], "%.*stests/data/codesets/%s", cut ? (int)(cut - src) : 0, src, name);
	return p;
}

static int64_t count(db *c, const char *sql, const char *arg)
{
	int64_t n = -1;
	err e = ERR_INIT;
	assert_int_equal(db_one_i64(c, &e, &n, sql, arg ? "s" : NULL, arg), 1);
	return n;
}

/* the first column of the first row as a new string ("(null)" for NULL) */
static char *text1(db *c, const char *sql, const char *a, const char *b)
{
	err e = ERR_INIT;
	db_stmt *st = db_prepare(c, sql, &e);
	assert_non_null(st);
	db_bind_text(st, 1, a);
	if (b)
		db_bind_text(st, 2, b);
	assert_int_equal(db_step(st, &e), DB_ROW);
	char *s = strdup(db_col_text(st, 0) ? db_col_text(st, 0) : "(null)");
	db_done(st);
	return s;
}

#define assert_text(c, want, sql, a, b)                                                                                \
	do {                                                                                                           \
		char *got_ = text1(c, sql, a, b);                                                                      \
		assert_string_equal(got_, want);                                                                       \
		free(got_);                                                                                            \
	} while (0)

static void load(db *c, const char *kind, const char *file, const char *eff, codes_report *rep)
{
	err e = ERR_INIT;
	int rc = codes_import(c, kind, data(file), eff, rep, &e);
	if (rc)
		fprintf(stderr, "import %s: %s\n", file, e.msg);
	assert_int_equal(rc, 0);
}

static bool has_msg(const codes_report *rep, const char *msg)
{
	for (int i = 0; i < rep->nmsgs; i++)
		if (!strcmp(rep->msgs[i], msg))
			return true;
	return false;
}

static int64_t versions(db *c) { return count(c, "SELECT COUNT(*) FROM code_set_version", NULL); }

/* ---- fixtures: one database per engine, code-set tables emptied before each test ---- */

typedef struct fx {
	db *c;
	char path[64];	 /* SQLite file */
	char url[256];	 /* PostgreSQL database made for the run */
	char admin[256]; /* the server URL it was made from */
	char name[64];
} fx;

static fx sqlite_fx, pg_fx;

static int open_sqlite(void **state)
{
	fx *f = &sqlite_fx;
	strcpy(f->path, "/tmp/praxis-codes-XXXXXX");
	close(mkstemp(f->path));
	err e = ERR_INIT;
	int n;
	crypto_setup();
	if (db_open(f->path, &f->c, &e) || migrate_run(f->c, 0, &n, &e))
		return fprintf(stderr, "%s\n", e.msg), -1;
	*state = f;
	return 0;
}

static int open_pg(void **state)
{
	fx *f = &pg_fx;
	*state = f;
	const char *base = getenv("PRAXIS_TEST_PG");
	if (!base || !*base)
		return 0; /* tests skip */
	snprintf(f->admin, sizeof f->admin, "%s", base);
	snprintf(f->name, sizeof f->name, "praxis_codes_%ld", (long)getpid());
	const char *slash = strchr(strstr(base, "://") + 3, '/');
	snprintf(f->url, sizeof f->url, "%.*s/%s", slash ? (int)(slash - base) : (int)strlen(base), base, f->name);
	err e = ERR_INIT;
	db *a;
	char sql[200];
	int n;
	if (db_open(base, &a, &e))
		return fprintf(stderr, "%s\n", e.msg), -1;
	/* a linguistic collation where the server has ICU (PostgreSQL 15+), so searches are
	 * checked under the ordering a production database may well have */
	snprintf(sql, sizeof sql, "CREATE DATABASE %s TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-US'",
		 f->name);
	if (db_exec(a, sql, &e)) {
		err_clear(&e);
		snprintf(sql, sizeof sql, "CREATE DATABASE %s", f->name);
		if (db_exec(a, sql, &e))
			return fprintf(stderr, "%s\n", e.msg), -1;
	}
	db_close(a);
	if (db_open(f->url, &f->c, &e) || migrate_run(f->c, 0, &n, &e))
		return fprintf(stderr, "%s\n", e.msg), -1;
	return 0;
}

static int close_fx(void **state)
{
	fx *f = *state;
	if (!f->c)
		return 0;
	db_close(f->c);
	f->c = NULL;
	if (*f->name) {
		err e = ERR_INIT;
		db *a;
		char sql[128];
		snprintf(sql, sizeof sql, "DROP DATABASE %s", f->name);
		if (!db_open(f->admin, &a, &e)) {
			db_exec(a, sql, &e);
			db_close(a);
		}
	} else {
		char p[80];
		unlink(f->path);
		snprintf(p, sizeof p, "%s-wal", f->path);
		unlink(p);
		snprintf(p, sizeof p, "%s-shm", f->path);
		unlink(p);
	}
	return 0;
}

static int empty(void **state)
{
	fx *f = *state;
	err e = ERR_INIT;
	if (f->c && db_exec(f->c,
			    "DELETE FROM icd10cm_code; DELETE FROM hcpcs_code; DELETE FROM ncci_ptp; DELETE FROM mue; "
			    "DELETE FROM pfs_rvu; DELETE FROM pfs_gpci; DELETE FROM code_set_version;",
			    &e))
		return fprintf(stderr, "%s\n", e.msg), -1;
	return 0;
}

static db *conn(void **state)
{
	fx *f = *state;
	if (!f->c)
		skip();
	return f->c;
}

/* ---- field parsing (no database) ---- */

static void decimals_parse_exactly(void **state)
{
	static const struct {
		const char *in;
		int places;
		int rc;
		int64_t want;
	} cases[] = {
		{"1.95", 2, 0, 195}, {"33.4009", 4, 0, 334009}, {"1.05", 3, 0, 1050}, {"0.29", 2, 0, 29},
		{"1.13", 2, 0, 113}, {"2", 2, 0, 200},		{".5", 2, 0, 50},     {"1.950", 2, 0, 195},
		{" 0.00 ", 2, 0, 0}, {"1.955", 2, -1, 0},	{"1.2.3", 2, -1, 0},  {"", 2, -1, 0},
		{"NA", 2, -1, 0},    {"-1.00", 2, -1, 0},	{"1,00", 2, -1, 0},   {"1234567890123", 2, -1, 0},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		int64_t v = -1;
		int rc = codes_scaled(cases[i].in, cases[i].places, &v);
		if (rc != cases[i].rc || (!rc && v != cases[i].want))
			fail_msg("codes_scaled(\"%s\", %d): rc %d value %lld", cases[i].in, cases[i].places, rc,
				 (long long)v);
	}
	char d[11];
	assert_int_equal(codes_date8("20241231", d), 0);
	assert_string_equal(d, "2024-12-31");
	assert_int_equal(codes_date8("20250230", d), -1);
	assert_int_equal(codes_date8("2025-01-01", d), -1);
	assert_int_equal(codes_date8("*", d), -1);
	assert_true(codes_alnum("U99111A", 3, 7));
	assert_false(codes_alnum("U9-1", 3, 7));
	assert_false(codes_alnum("u991", 3, 7));
	assert_false(codes_alnum("U9", 3, 7));
	char n[64];
	codes_colname("FACILITY  NA\nINDICATOR", n, sizeof n);
	assert_string_equal(n, "FACILITYNAINDICATOR");
	codes_colname(" CO- SURG", n, sizeof n);
	assert_string_equal(n, "COSURG");
}

static void effective_date_from_file_names(void **state)
{
	static const char *const cases[][3] = {
		{"icd10cm", "icd10cm_order_2026.txt", "2025-10-01"},
		{"icd10cm", "/x/Code Descriptions/icd10cm_order_2025.txt", "2024-10-01"},
		{"icd10cm", "icd10cm-order-April-2024.txt", "2024-04-01"},
		{"hcpcs", "HCPC2026_JAN_ANWEB_v2.txt", "2026-01-01"},
		{"hcpcs", "HCPC2026_APR_ANWEB.txt", "2026-04-01"},
		{"hcpcs", "hcpc2025_oct_anweb_10012025.txt", "2025-10-01"},
		{"mue", "MCR_MUE_PractitionerServices_Eff_07-01-2026.csv", "2026-07-01"},
		{"pfs", "PPRRVU26_JAN.csv", "2026-01-01"},
		{"pfs", "PPRRVU2026_Jul_nonQPP.csv", "2026-07-01"},
		{"pfs", "PPRRVU25_OCT.txt", "2025-10-01"},
		{"gpci", "GPCI2026.csv", "2026-01-01"},
		{"ncci-ptp", "medicare-ncci-2026q3-practitioner-ptp-edits-ccipra-v322r0-f1.txt", "2026-07-01"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char d[11] = "";
		if (!codes_infer_effective(cases[i][0], cases[i][1], d) || strcmp(d, cases[i][2]))
			fail_msg("%s %s: got '%s', want %s", cases[i][0], cases[i][1], d, cases[i][2]);
	}
	static const char *const none[][2] = {
		{"ncci-ptp", "ccipra-v320r0-f1.txt"},
		{"icd10cm", "codes.txt"},
		{"hcpcs", "HCPC2016_CONTR_ANWEB.txt"},
		{"mue", "mue.csv"},
		{"pfs", "PPRRVU_JAN.csv"},
		{"gpci", "26LOCCO.csv"},
		{"gpci", "/data/GPCI2026/gpci.csv"},
		{"mue", "MUE_Eff_13-01-2026.csv"},
	};
	for (size_t i = 0; i < sizeof none / sizeof *none; i++) {
		char d[11] = "";
		if (codes_infer_effective(none[i][0], none[i][1], d))
			fail_msg("%s %s: inferred %s", none[i][0], none[i][1], d);
	}
}

/* ---- each kind ---- */

/* Y9901's long description: its first line's 80 characters and two continuation lines */
#define LONG_Y9901                                                                                                     \
	"Synthetic supply item, first eighty characters of the long description go here..continuation text of the "    \
	"same long description, split at a word boundary (fake)"

static void icd10cm_order_file_loads_headers_and_reports_a_bad_line(void **state)
{
	db *c = conn(state);
	codes_report rep;
	load(c, "icd10cm", "icd10cm_order_2026.txt", NULL, &rep);
	assert_string_equal(rep.kind, "icd10cm");
	assert_string_equal(rep.effective_from, "2025-10-01");
	assert_true(rep.inferred);
	assert_int_equal(rep.rows, 12);
	assert_int_equal(rep.bad, 1);
	assert_int_equal(rep.nmsgs, 1);
	assert_string_equal(rep.msgs[0], "line 5: code: not 3-7 letters and digits");
	assert_int_equal(count(c, "SELECT COUNT(*) FROM icd10cm_code", NULL), 12);
	assert_int_equal(count(c, "SELECT billable FROM icd10cm_code WHERE code = $1", "U99"), 0);
	assert_int_equal(count(c, "SELECT billable FROM icd10cm_code WHERE code = $1", "U990"), 1);
	assert_text(c, "Synthetic billable subcode (fake)", "SELECT short_desc FROM icd10cm_code WHERE code = $1",
		    "U990", NULL);
	assert_text(c, "Synthetic injury of the left thumb, initial encounter (fake)",
		    "SELECT long_desc FROM icd10cm_code WHERE code = $1", "U99111A", NULL);
	assert_text(c, "icd10cm_order_2026.txt", "SELECT source_name FROM code_set_version WHERE kind = $1", "icd10cm",
		    NULL);
	assert_int_equal(count(c, "SELECT rows_loaded FROM code_set_version WHERE kind = $1", "icd10cm"), 12);
	assert_int_equal(count(c, "SELECT bad_lines FROM code_set_version WHERE kind = $1", "icd10cm"), 1);
	assert_text(c, "2025-10-01", "SELECT effective_from FROM code_set_version WHERE kind = $1", "icd10cm", NULL);
}

static void loading_a_release_again_replaces_it(void **state)
{
	db *c = conn(state);
	codes_report rep;
	load(c, "icd10cm", "icd10cm_order_2026.txt", NULL, &rep);
	int64_t id = count(c, "SELECT id FROM code_set_version WHERE kind = $1", "icd10cm");
	load(c, "icd10cm", "icd10cm_order_2026_corrected.txt", NULL, &rep);
	assert_string_equal(rep.effective_from, "2025-10-01");
	assert_int_equal(rep.rows, 3);
	assert_int_equal(versions(c), 1);
	assert_int_equal(count(c, "SELECT id FROM code_set_version WHERE kind = $1", "icd10cm"), id);
	assert_int_equal(count(c, "SELECT COUNT(*) FROM icd10cm_code", NULL), 3);
	assert_int_equal(count(c, "SELECT COUNT(*) FROM icd10cm_code WHERE code = $1", "U990"), 0);
	assert_text(c, "Synthetic billable code A, corrected title (fake)",
		    "SELECT long_desc FROM icd10cm_code WHERE code = $1", "U980", NULL);
	assert_text(c, "icd10cm_order_2026_corrected.txt", "SELECT source_name FROM code_set_version WHERE kind = $1",
		    "icd10cm", NULL);
	/* another effective date is another release, side by side */
	load(c, "icd10cm", "icd10cm_order_2026.txt", "2026-04-01", &rep);
	assert_false(rep.inferred);
	assert_int_equal(versions(c), 2);
	assert_int_equal(count(c, "SELECT COUNT(*) FROM icd10cm_code", NULL), 15);
}

static void hcpcs_joins_continuation_lines_and_reads_modifiers(void **state)
{
	db *c = conn(state);
	codes_report rep;
	load(c, "hcpcs", "HCPC2026_JAN_ANWEB_v2.txt", NULL, &rep);
	assert_string_equal(rep.effective_from, "2026-01-01");
	assert_int_equal(rep.rows, 5);
	assert_int_equal(rep.bad, 3);
	assert_true(has_msg(&rep, "line 6: record id (position 11): not 3, 4, 7 or 8"));
	assert_true(has_msg(&rep, "line 7: continuation line without its first line"));
	assert_true(has_msg(&rep, "line 8: code added date (269-276): not a date YYYYMMDD"));
	assert_text(c, LONG_Y9901, "SELECT long_desc FROM hcpcs_code WHERE code = $1", "Y9901", NULL);
	assert_text(c, "Synthetic supply item", "SELECT short_desc FROM hcpcs_code WHERE code = $1", "Y9901", NULL);
	assert_text(c,
		    "Synthetic modifier: item furnished in a synthetic setting, with a description that goes on (fake)",
		    "SELECT long_desc FROM hcpcs_code WHERE code = $1", "ZQ", NULL);
	assert_int_equal(count(c, "SELECT is_modifier FROM hcpcs_code WHERE code = $1", "ZQ"), 1);
	assert_int_equal(count(c, "SELECT is_modifier FROM hcpcs_code WHERE code = $1", "Y9906"), 0);
	assert_text(c, "(null)", "SELECT pricing FROM hcpcs_code WHERE code = $1", "ZQ", NULL);
	assert_text(c, "32", "SELECT pricing FROM hcpcs_code WHERE code = $1", "Y9906", NULL);
	assert_text(c, "2025-01-01", "SELECT added FROM hcpcs_code WHERE code = $1", "Y9906", NULL);
	assert_text(c, "(null)", "SELECT terminated FROM hcpcs_code WHERE code = $1", "Y9906", NULL);
	assert_text(c, "2025-12-31", "SELECT terminated FROM hcpcs_code WHERE code = $1", "Y9907", NULL);
	assert_text(c, "D", "SELECT action FROM hcpcs_code WHERE code = $1", "Y9907", NULL);
	assert_text(c, "I", "SELECT coverage FROM hcpcs_code WHERE code = $1", "Y9907", NULL);
}

static void ptp_skips_preamble_and_indicator_9_and_needs_a_date(void **state)
{
	db *c = conn(state);
	codes_report rep;
	err e = ERR_INIT;
	/* the PTP file name carries no date */
	assert_int_equal(codes_import(c, "ncci-ptp", data("ccipra-v320r0-f1.txt"), NULL, &rep, &e), -1);
	assert_non_null(strstr(e.msg, "--effective"));
	assert_int_equal(versions(c), 0);
	load(c, "ncci-ptp", "ccipra-v320r0-f1.txt", "2026-01-01", &rep);
	assert_string_equal(rep.kind, "ncci_ptp");
	assert_int_equal(rep.rows, 4);
	assert_int_equal(rep.skipped, 1);
	assert_int_equal(rep.bad, 2);
	assert_true(has_msg(&rep, "line 10: effective date: not a date YYYYMMDD"));
	assert_true(has_msg(&rep, "line 13: col1, col2, effective: repeats an earlier line"));
	assert_int_equal(count(c, "SELECT COUNT(*) FROM ncci_ptp WHERE col1 = $1", "Y9904"), 0);
	assert_text(c, "(null)", "SELECT deleted FROM ncci_ptp WHERE col1 = $1 AND col2 = $2", "Y9901", "Y9902");
	assert_text(c, "2024-12-31", "SELECT deleted FROM ncci_ptp WHERE col1 = $1 AND col2 = $2", "Y9901", "Y9903");
	assert_text(c, "1996-01-01", "SELECT effective FROM ncci_ptp WHERE col1 = $1 AND col2 = $2", "Y9901", "Y9903");
	assert_text(c, "1", "SELECT CAST(modifier_ind AS TEXT) FROM ncci_ptp WHERE col1 = $1 AND col2 = $2", "Y9901",
		    "Y9902");
	assert_text(c, "0", "SELECT CAST(modifier_ind AS TEXT) FROM ncci_ptp WHERE col1 = $1 AND col2 = $2", "99213",
		    "99211");
	assert_text(c, "ncci_ptp", "SELECT kind FROM code_set_version WHERE effective_from = $1", "2026-01-01", NULL);
}

static void ptp_release_of_several_files_loads_as_one(void **state)
{
	db *c = conn(state);
	codes_report rep;
	err e = ERR_INIT;
	const char *files[] = {data("ccipra-v320r0-f1.txt"), data("ccipra-v320r0-f2.txt")};
	assert_int_equal(codes_import_files(c, "ncci_ptp", files, 2, "2026-01-01", &rep, &e), 0);
	assert_int_equal(rep.rows, 5);
	assert_true(has_msg(&rep, "ccipra-v320r0-f1.txt line 10: effective date: not a date YYYYMMDD"));
	assert_int_equal(versions(c), 1);
	assert_int_equal(count(c, "SELECT COUNT(*) FROM ncci_ptp WHERE col1 = $1", "Y9920"), 1);
	assert_text(c, "ccipra-v320r0-f1.txt, ccipra-v320r0-f2.txt",
		    "SELECT source_name FROM code_set_version WHERE kind = $1", "ncci_ptp", NULL);
}

static void mue_reads_quoted_newlines_and_the_first_mai_character(void **state)
{
	db *c = conn(state);
	codes_report rep;
	load(c, "mue", "MCR_MUE_PractitionerServices_Eff_07-01-2026.csv", NULL, &rep);
	assert_string_equal(rep.effective_from, "2026-07-01");
	assert_int_equal(rep.rows, 5);
	assert_int_equal(rep.bad, 2);
	assert_string_equal(rep.msgs[0], "line 10: MUE value: not a whole number");
	assert_string_equal(rep.msgs[1], "line 13: adjudication indicator: does not start with 1, 2 or 3");
	assert_int_equal(count(c, "SELECT units FROM mue WHERE code = $1", "Y9901"), 2);
	assert_int_equal(count(c, "SELECT mai FROM mue WHERE code = $1", "Y9901"), 2);
	assert_int_equal(count(c, "SELECT mai FROM mue WHERE code = $1", "Y9903"), 3);
	assert_int_equal(count(c, "SELECT units FROM mue WHERE code = $1", "Y9905"), 0);
	assert_text(c, "Nature of Analyte,\nsynthetic two-line rationale", "SELECT rationale FROM mue WHERE code = $1",
		    "Y9905", NULL);
	assert_text(c, "Anatomic Consideration", "SELECT rationale FROM mue WHERE code = $1", "Y9901", NULL);
}

static void pfs_finds_split_header_by_name_and_scales_exactly(void **state)
{
	db *c = conn(state);
	codes_report rep;
	load(c, "pfs", "PPRRVU26_JAN.csv", NULL, &rep);
	assert_string_equal(rep.effective_from, "2026-01-01");
	assert_int_equal(rep.rows, 6);
	assert_int_equal(rep.bad, 2);
	assert_string_equal(rep.msgs[0], "line 15: WORK RVU: not a number with at most 2 decimals");
	assert_string_equal(rep.msgs[1], "line 16: WORK RVU: not a number with at most 2 decimals");
	static const char *const q =
		"SELECT work_rvu, pe_nonfac_rvu, pe_fac_rvu, mp_rvu, conv_factor, global_days, status "
		"FROM pfs_rvu WHERE code = $1 AND modifier = $2";
	static const struct {
		const char *code, *mod;
		int64_t v[5]; /* -1: NULL */
		const char *glob;
	} want[] = {
		{"Y9901", "", {100, 90, 40, 5, 334009}, "010"},	  {"Y9902", "26", {50, 20, 20, 2, 334009}, "XXX"},
		{"Y9902", "TC", {0, 110, -1, 1, 334009}, "XXX"},  {"Y9903", "", {211, -1, 75, 10, 334009}, "090"},
		{"99213", "", {130, 126, 55, 10, 334009}, "XXX"},
	};
	err e = ERR_INIT;
	for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
		db_stmt *st = db_prepare(c, q, &e);
		db_bindv(st, "ss", want[i].code, want[i].mod);
		assert_int_equal(db_step(st, &e), DB_ROW);
		for (int k = 0; k < 5; k++)
			if (want[i].v[k] < 0)
				assert_true(db_col_null(st, k));
			else
				assert_int_equal(db_col_i64(st, k), want[i].v[k]);
		assert_string_equal(db_col_text(st, 5), want[i].glob);
		assert_string_equal(db_col_text(st, 6), "A");
		db_done(st);
	}
}

static void pfs_without_a_needed_column_fails_and_loads_nothing(void **state)
{
	db *c = conn(state);
	codes_report rep;
	err e = ERR_INIT;
	assert_int_equal(codes_import(c, "pfs", data("PPRRVU2026_Apr_nonQPP_nocf.csv"), NULL, &rep, &e), -1);
	assert_non_null(strstr(e.msg, "no column CONV FACTOR"));
	assert_int_equal(versions(c), 0);
	assert_int_equal(count(c, "SELECT COUNT(*) FROM pfs_rvu", NULL), 0);
	err_clear(&e);
	/* a failed reload of a loaded release leaves that release as it was */
	load(c, "pfs", "PPRRVU26_JAN.csv", NULL, &rep);
	assert_int_equal(codes_import(c, "pfs", data("PPRRVU2026_Apr_nonQPP_nocf.csv"), "2026-01-01", &rep, &e), -1);
	assert_int_equal(rep.rows, 0);
	assert_int_equal(versions(c), 1);
	assert_int_equal(count(c, "SELECT COUNT(*) FROM pfs_rvu", NULL), 6);
	assert_text(c, "PPRRVU26_JAN.csv", "SELECT source_name FROM code_set_version WHERE kind = $1", "pfs", NULL);
}

static void gpci_takes_the_floor_column_pads_and_strips_marks(void **state)
{
	db *c = conn(state);
	codes_report rep;
	load(c, "gpci", "GPCI2026.csv", NULL, &rep);
	assert_string_equal(rep.effective_from, "2026-01-01");
	assert_int_equal(rep.rows, 3);
	assert_int_equal(rep.bad, 1);
	assert_string_equal(rep.msgs[0], "line 7: PE GPCI: not a number with at most 3 decimals");
	assert_int_equal(count(c, "SELECT work FROM pfs_gpci WHERE mac = '00000' AND locality = $1", "99"), 1000);
	assert_int_equal(count(c, "SELECT pe FROM pfs_gpci WHERE mac = '00000' AND locality = $1", "99"), 1050);
	assert_int_equal(count(c, "SELECT mp FROM pfs_gpci WHERE mac = '00000' AND locality = $1", "99"), 800);
	assert_text(c, "SYNTHETIC CITY", "SELECT name FROM pfs_gpci WHERE mac = $1 AND locality = $2", "01112", "01");
	assert_text(c, "REST OF SYNTHETIC CA\xc3\x91ON", "SELECT name FROM pfs_gpci WHERE mac = $1 AND locality = $2",
		    "09202", "00");
	assert_text(c, "XX", "SELECT state FROM pfs_gpci WHERE mac = $1 AND locality = $2", "09202", "00");
	/* a year with only the with-floor work column */
	load(c, "gpci", "GPCI2025.csv", NULL, &rep);
	assert_int_equal(rep.rows, 1);
	assert_int_equal(count(c,
			       "SELECT g.pe FROM pfs_gpci g JOIN code_set_version v ON v.id = g.version_id "
			       "WHERE v.effective_from = $1",
			       "2025-01-01"),
			 1040);
}

static void a_file_of_another_kind_is_refused(void **state)
{
	db *c = conn(state);
	codes_report rep;
	err e = ERR_INIT;
	assert_int_equal(codes_import(c, "pfs", data("GPCI2026.csv"), "2026-01-01", &rep, &e), -1);
	assert_non_null(strstr(e.msg, "no header row starting HCPCS"));
	err_clear(&e);
	assert_int_equal(codes_import(c, "icd10cm", data("PPRRVU26_JAN.csv"), "2026-01-01", &rep, &e), -1);
	assert_non_null(strstr(e.msg, "no icd10cm rows found"));
	assert_true(rep.bad > 0);
	err_clear(&e);
	assert_int_equal(codes_import(c, "gpci", data("MCR_MUE_PractitionerServices_Eff_07-01-2026.csv"), "2026-01-01",
				      &rep, &e),
			 -1);
	assert_non_null(strstr(e.msg, "no header row naming the contractor"));
	err_clear(&e);
	assert_int_equal(codes_import(c, "cpt", data("PPRRVU26_JAN.csv"), "2026-01-01", &rep, &e), -1);
	assert_int_equal(e.code, ERR_VALIDATION);
	err_clear(&e);
	assert_int_equal(codes_import(c, "mue", data("no-such-file.csv"), "2026-01-01", &rep, &e), -1);
	assert_non_null(strstr(e.msg, "could not open"));
	err_clear(&e);
	assert_int_equal(codes_import(c, "mue", data("ccipra-v320r0-f1.txt"), "2026-02-30", &rep, &e), -1);
	assert_non_null(strstr(e.msg, "YYYY-MM-DD"));
	assert_int_equal(versions(c), 0);
}

/* ---- reading ---- */

static json_t *search(db *c, const char *set, const char *q, const char *date, int limit)
{
	json_t *a = NULL;
	err e = ERR_INIT;
	assert_int_equal(codes_search(c, set, q, date, limit, &a, &e), 0);
	return a;
}

static const char *at(json_t *a, size_t i, const char *key)
{
	json_t *v = json_object_get(json_array_get(a, i), key);
	return json_is_integer(v) ? (json_integer_value(v) ? "1" : "0") : json_string_value(v);
}

/* the codes of a search answer, comma-separated */
static void assert_codes(json_t *a, const char *want)
{
	char got[512] = "";
	for (size_t i = 0; i < json_array_size(a); i++)
		snprintf(got + strlen(got), sizeof got - strlen(got), "%s%s", i ? "," : "", at(a, i, "code"));
	assert_string_equal(got, want);
	json_decref(a);
}

static void search_finds_codes_by_prefix_then_words(void **state)
{
	db *c = conn(state);
	codes_report rep;
	load(c, "icd10cm", "icd10cm_order_2026.txt", NULL, &rep);
	load(c, "hcpcs", "HCPC2026_JAN_ANWEB_v2.txt", NULL, &rep);
	load(c, "pfs", "PPRRVU26_JAN.csv", NULL, &rep);
	json_t *a = search(c, "icd10cm", "U99.1", NULL, 10);
	assert_string_equal(at(a, 0, "display"), "U99.1");
	assert_string_equal(at(a, 0, "billable"), "0");
	assert_string_equal(at(a, 1, "display"), "U99.10");
	assert_string_equal(at(a, 1, "billable"), "1");
	assert_string_equal(at(a, 1, "description"), "Synthetic fever of unknown origin, first episode (fake)");
	assert_codes(a, "U991,U9910,U9911,U99111A,U99111D,U99111S");
	assert_codes(search(c, "icd10cm", "u99111", NULL, 2), "U99111A,U99111D");
	assert_codes(search(c, "icd10cm", "Fever", NULL, 10), "U9910,U9911");
	assert_codes(search(c, "icd10cm", "thumb INITIAL", NULL, 10), "U99111A");
	assert_codes(search(c, "icd10cm", "diabetes type 2", NULL, 10), "Y990");
	assert_codes(search(c, "icd10cm", "U99", NULL, 3), "U99,U990,U991");
	assert_codes(search(c, "icd10cm", "Y9", NULL, 10), "Y99,Y990"); /* prefixes ending in 9 */
	assert_codes(search(c, "icd10cm", "U99111S", NULL, 10), "U99111S");
	assert_codes(search(c, "icd10cm", "nothing like it", NULL, 10), "");
	/* no release in force yet on that date */
	assert_codes(search(c, "icd10cm", "U99", "2025-09-30", 10), "");
	/* HCPCS codes and CPT numbers from the fee schedule, merged in code order; no modifiers */
	a = search(c, "hcpcs", "y990", "2026-03-01", 20);
	assert_string_equal(at(a, 0, "description"), LONG_Y9901);
	assert_string_equal(at(a, 1, "description"), "");
	assert_string_equal(at(a, 4, "code"), "Y9907");
	assert_string_equal(at(a, 4, "billable"), "0"); /* terminated 2025-12-31 */
	assert_string_equal(at(a, 3, "billable"), "1");
	assert_codes(a, "Y9901,Y9902,Y9903,Y9906,Y9907");
	a = search(c, "hcpcs", "9921", NULL, 20);
	assert_string_equal(at(a, 0, "description"), "");
	assert_codes(a, "99213,99214");
	assert_codes(search(c, "hcpcs", "ZQ", NULL, 20), "");
	assert_codes(search(c, "hcpcs", "glucose", NULL, 20), "Y9911");
	assert_codes(search(c, "hcpcs", "office visit", NULL, 20), ""); /* CPT text is never stored */
	json_t *x = NULL;
	err e = ERR_INIT;
	assert_int_equal(codes_search(c, "cpt", "99213", NULL, 10, &x, &e), -1);
	assert_int_equal(e.code, ERR_VALIDATION);
	err_clear(&e);
	assert_int_equal(codes_search(c, "icd10cm", "U99", "2026-13-01", 10, &x, &e), -1);
	assert_int_equal(e.code, ERR_VALIDATION);
	err_clear(&e);
}

static void search_uses_the_release_in_force_on_the_date(void **state)
{
	db *c = conn(state);
	codes_report rep;
	load(c, "icd10cm", "icd10cm_order_2026.txt", NULL, &rep);
	load(c, "icd10cm", "icd10cm_order_2026_corrected.txt", "2026-04-01", &rep);
	assert_codes(search(c, "icd10cm", "U990", "2026-03-31", 10), "U990");
	assert_codes(search(c, "icd10cm", "U990", "2026-04-01", 10), "");
	assert_codes(search(c, "icd10cm", "U990", NULL, 10), "");
	json_t *s = NULL;
	err e = ERR_INIT;
	assert_int_equal(codes_status(c, &s, &e), 0);
	assert_int_equal(json_array_size(s), 2);
	json_t *first = json_array_get(s, 0);
	assert_string_equal(json_string_value(json_object_get(first, "kind")), "icd10cm");
	assert_string_equal(json_string_value(json_object_get(first, "effective_from")), "2026-04-01");
	assert_string_equal(json_string_value(json_object_get(first, "source_name")),
			    "icd10cm_order_2026_corrected.txt");
	assert_int_equal(json_integer_value(json_object_get(first, "rows")), 3);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(s, 1), "bad_lines")), 1);
	assert_non_null(json_string_value(json_object_get(first, "loaded_at")));
	json_decref(s);
}

/* ---- the command ---- */

static void command_exit_codes(void **state)
{
	fx *f = *state;
	if (!f->c || *f->name)
		skip(); /* runs once, on the SQLite file */
	char *imp[] = {"codes", "import", "icd10cm", (char *)data("icd10cm_order_2026.txt"), "--db", f->path, NULL};
	assert_int_equal(cmd_codes(6, imp), 0);
	assert_int_equal(count(f->c, "SELECT COUNT(*) FROM icd10cm_code", NULL), 12);
	char *ptp[] = {"codes", "import", "ncci-ptp", (char *)data("ccipra-v320r0-f1.txt"), "--db", f->path, NULL};
	assert_int_equal(cmd_codes(6, ptp), 1); /* no effective date */
	char *ptp2[] = {"codes",
			"import",
			"ncci-ptp",
			(char *)data("ccipra-v320r0-f1.txt"),
			(char *)data("ccipra-v320r0-f2.txt"),
			"--effective",
			"2026-01-01",
			"--db",
			f->path,
			NULL};
	assert_int_equal(cmd_codes(9, ptp2), 0);
	assert_int_equal(count(f->c, "SELECT COUNT(*) FROM ncci_ptp", NULL), 5);
	char *st[] = {"codes", "status", "--db", f->path, NULL};
	assert_int_equal(cmd_codes(4, st), 0);
	char *bad[] = {"codes", "import", "icd10cm", NULL};
	assert_int_equal(cmd_codes(3, bad), 2);
	char *help[] = {"codes", "import", "--help", NULL};
	assert_int_equal(cmd_codes(3, help), 0);
	char *none[] = {"codes", NULL};
	assert_int_equal(cmd_codes(1, none), 2);
}

/* ---- size: PRAXIS_CODES_BIG=1 ---- */

static void a_real_sized_ptp_file_loads_in_time(void **state)
{
	fx *f = *state;
	const char *big = getenv("PRAXIS_CODES_BIG");
	if (!f->c || !big)
		skip();
	const int n = atoi(big) > 1 ? atoi(big) : 1800000;
	char path[] = "/tmp/praxis-ptp-XXXXXX";
	FILE *out = fdopen(mkstemp(path), "w");
	assert_non_null(out);
	fputs("CPT only copyright 2025 American Medical Association.\r\nColumn1/Column2 Edits\r\n", out);
	fputs("Column 1\tColumn 2\t*=in existence prior to 1996\tEffective Date\tDeletion Date\tModifier\tPTP Edit "
	      "Rationale\r\n",
	      out);
	for (int i = 0; i < n; i++)
		fprintf(out, "%05d\t%c%04d\t%s\t%d\t%s\t%d\tMutually exclusive procedures\r\n", 10000 + i / 40,
			'A' + i % 26, i % 40 * 100 + i % 26, i % 3 ? "" : "*", 20240101 + i % 3 * 100,
			i % 5 ? "*" : "20251231", i % 2);
	fclose(out);
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	codes_report rep;
	err e = ERR_INIT;
	int rc = codes_import(f->c, "ncci-ptp", path, "2026-01-01", &rep, &e);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double s = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	fprintf(stderr, "PTP %d rows: %.1f s (%s)\n", n, s, *f->name ? "postgresql" : "sqlite");
	int64_t rows = rep.rows, bad = rep.bad;
	/* loading it again replaces the release */
	clock_gettime(CLOCK_MONOTONIC, &t0);
	int rc2 = codes_import(f->c, "ncci-ptp", path, "2026-01-01", &rep, &e);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	fprintf(stderr, "PTP %d rows again (replacing): %.1f s\n", n,
		(double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
	unlink(path);
	assert_int_equal(rc, 0);
	assert_int_equal(rows, n);
	assert_int_equal(bad, 0);
	assert_int_equal(rc2, 0);
	assert_int_equal(count(f->c, "SELECT COUNT(*) FROM ncci_ptp", NULL), n);
	if (!*f->name) /* the target on SQLite: 1.8 million rows in under a minute */
		assert_true(s < (n / 1800000.0) * 60);
}

#define T(fn) cmocka_unit_test_setup(fn, empty)

int main(void)
{
	const struct CMUnitTest plain[] = {
		cmocka_unit_test(decimals_parse_exactly),
		cmocka_unit_test(effective_date_from_file_names),
	};
	const struct CMUnitTest tests[] = {
		T(icd10cm_order_file_loads_headers_and_reports_a_bad_line),
		T(loading_a_release_again_replaces_it),
		T(hcpcs_joins_continuation_lines_and_reads_modifiers),
		T(ptp_skips_preamble_and_indicator_9_and_needs_a_date),
		T(ptp_release_of_several_files_loads_as_one),
		T(mue_reads_quoted_newlines_and_the_first_mai_character),
		T(pfs_finds_split_header_by_name_and_scales_exactly),
		T(pfs_without_a_needed_column_fails_and_loads_nothing),
		T(gpci_takes_the_floor_column_pads_and_strips_marks),
		T(a_file_of_another_kind_is_refused),
		T(search_finds_codes_by_prefix_then_words),
		T(search_uses_the_release_in_force_on_the_date),
		T(command_exit_codes),
		T(a_real_sized_ptp_file_loads_in_time),
	};
	int rc = cmocka_run_group_tests_name("codes", plain, NULL, NULL);
	rc |= cmocka_run_group_tests_name("codes on sqlite", tests, open_sqlite, close_fx);
	rc |= cmocka_run_group_tests_name("codes on postgresql", tests, open_pg, close_fx);
	return rc;
}
