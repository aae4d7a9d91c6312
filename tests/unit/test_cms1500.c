/* test_cms1500.c: formats/cms1500.c — the CMS-1500 (02/12) claim form as PDF.
 *
 * The PDF is read back with poppler's pdftotext, cropped to one box of the form at a time,
 * so a check says that a value is printed inside its box, not merely somewhere on the page.
 * The boxes are restated here from the form's grid (80 columns of 7.2 pt and print lines of
 * 12 pt inside an 18 pt margin), independently of the renderer's tables. Page 1 as a whole is
 * compared with tests/data/cms1500/page1.txt; after a reviewed change of the layout,
 * PRAXIS_UPDATE_GOLDEN=1 rewrites that file. All data is synthetic. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "formats/cms1500.h"

/* ---- helpers ---- */

static double X(int c) { return 18 + (c - 1) * 7.2; }
static double Y(int r) { return 18 + (r - 1) * 12.0; }

/* the claim of the tests: 7 lines, so two pages */
static const char *const CLAIM = "{"
	"\"id\": 4711, \"frequency\": \"7\", \"payer_claim_number\": \"PCN20240001\", \"service_date\": \"2024-05-06\","
	"\"total_cents\": 36624, \"payer_order\": 1, \"pos_code\": \"11\", \"prior_auth\": \"PA778899\","
	"\"form_date\": \"2024-05-08\", \"diagnoses\": [\"E11.9\", \"I10\", \"E78.5\", \"Z79.84\", \"R07.9\"],"
	"\"lines\": ["
	" {\"line_no\": 1, \"code\": \"99213\", \"modifiers\": [\"25\"], \"units\": 1, \"pointers\": [1, 2], \"charge_cents\": 12500, \"expected_cents\": 9000},"
	" {\"line_no\": 2, \"code\": \"93000\", \"modifiers\": [], \"units\": 1, \"pointers\": [2], \"charge_cents\": 4550, \"expected_cents\": 1700},"
	" {\"line_no\": 3, \"code\": \"36415\", \"modifiers\": [], \"units\": 1, \"pointers\": [1], \"charge_cents\": 1000, \"expected_cents\": 300},"
	" {\"line_no\": 4, \"code\": \"82947\", \"modifiers\": [\"QW\", \"91\"], \"units\": 1, \"pointers\": [1], \"charge_cents\": 1575, \"expected_cents\": 500},"
	" {\"line_no\": 5, \"code\": \"97110\", \"modifiers\": [\"GP\", \"59\", \"KX\", \"XU\"], \"units\": 3, \"pointers\": [5, 1, 2, 3],"
	"  \"charge_cents\": 9000, \"expected_cents\": 6000},"
	" {\"line_no\": 6, \"code\": \"80061\", \"modifiers\": [], \"units\": 2, \"pointers\": [3], \"charge_cents\": 5000, \"expected_cents\": 1800},"
	" {\"line_no\": 7, \"code\": \"83036\", \"modifiers\": [\"QW\"], \"units\": 1, \"pointers\": [1, 4], \"charge_cents\": 2999, \"expected_cents\": 1300}],"
	"\"patient\": {\"family_name\": \"Quill\", \"given_name\": \"Avery\", \"middle_name\": \"Jo\", \"birth_date\": \"1958-03-14\","
	" \"sex\": \"F\", \"address\": {\"line1\": \"12 Elm St.\", \"line2\": \"Apt #4\", \"city\": \"Springfield\", \"state\": \"IL\","
	" \"postal_code\": \"62701-1234\"}, \"phone\": \"(217) 555-0143\", \"account_number\": \"MRN00042\"},"
	"\"insured\": {\"family_name\": \"Quill\", \"given_name\": \"Avery\", \"birth_date\": \"1958-03-14\", \"sex\": \"F\","
	" \"address\": {\"line1\": \"12 Elm St.\", \"line2\": \"Apt #4\", \"city\": \"Springfield\", \"state\": \"IL\", \"postal_code\": \"62701-1234\"},"
	" \"relationship\": \"self\", \"member_id\": \"XGP123456789\", \"group_number\": \"GRP5500\", \"plan_name\": \"Acme Choice PPO\"},"
	"\"payer\": {\"name\": \"Acme Health Plan\", \"payer_code\": \"ACME1\", \"address\": {\"line1\": \"PO Box 9000\", \"line2\": null,"
	" \"city\": \"Chicago\", \"state\": \"IL\", \"postal_code\": \"60601\"}, \"filing_indicator\": \"CI\", \"kind\": \"commercial\"},"
	"\"billing_provider\": {\"name\": \"Maple Street Family Medicine\", \"individual\": false, \"npi\": \"1111111112\","
	" \"taxonomy\": \"207Q00000X\", \"tax_id\": \"12-3456789\", \"address\": {\"line1\": \"400 Maple St\", \"line2\": null,"
	" \"city\": \"Springfield\", \"state\": \"IL\", \"postal_code\": \"62704\"}, \"phone\": \"217-555-0100\"},"
	"\"rendering_provider\": {\"family_name\": \"Reyes\", \"given_name\": \"Dana\", \"npi\": \"1234567893\", \"taxonomy\": \"207Q00000X\","
	" \"credentials\": \"MD\"},"
	"\"referring\": {\"name\": \"Morgan Lee\", \"npi\": \"1987654328\"},"
	"\"facility\": {\"name\": \"Maple Street Clinic\", \"address\": {\"line1\": \"400 Maple St\", \"line2\": \"Suite 2\","
	" \"city\": \"Springfield\", \"state\": \"IL\", \"postal_code\": \"62704\"}}}";

static json_t *claim(void)
{
	json_error_t je;
	json_t *doc = json_loads(CLAIM, 0, &je);
	if (!doc)
		fail_msg("test claim: %s", je.text);
	return doc;
}

typedef struct pdf {
	char path[64];
} pdf;

/* doc rendered into a temporary file */
static pdf render(json_t *doc)
{
	pdf out;
	char *bytes = NULL;
	size_t len = 0;
	err e = ERR_INIT;
	if (cms1500_pdf(doc, &bytes, &len, &e))
		fail_msg("cms1500_pdf: %s", e.msg);
	assert_true(len > 1000);
	assert_memory_equal(bytes, "%PDF-", 5);
	snprintf(out.path, sizeof out.path, "/tmp/praxis-cms1500-XXXXXX");
	int fd = mkstemp(out.path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, bytes, len), (ssize_t)len);
	close(fd);
	free(bytes);
	return out;
}

static void release(pdf *p) { unlink(p->path); }

/* the whole output of a command (malloc'ed) */
static char *run(const char *cmd)
{
	FILE *f = popen(cmd, "r");
	if (!f)
		fail_msg("could not run %s", cmd);
	size_t cap = 4096, n = 0;
	char *s = malloc(cap);
	for (size_t k; s && (k = fread(s + n, 1, cap - n - 1, f)) > 0;) {
		if ((n += k) == cap - 1) {
			char *t = realloc(s, cap *= 2);
			if (!t)
				free(s);
			s = t;
		}
	}
	assert_non_null(s);
	s[n] = 0;
	if (pclose(f) != 0)
		fail_msg("failed (is poppler-utils installed?): %s", cmd);
	return s;
}

/* the text of a box (columns c0..c1, rows r0..r1) of one page, whitespace runs as one space */
static char *box(const pdf *p, int page, int c0, int c1, int r0, int r1)
{
	char cmd[256];
	snprintf(cmd, sizeof cmd, "pdftotext -q -layout -r 72 -f %d -l %d -x %d -y %d -W %d -H %d '%s' -", page, page,
		 (int)X(c0), (int)Y(r0), (int)(X(c1 + 1) - (int)X(c0) + 0.5), (int)(Y(r1 + 1) - Y(r0)), p->path);
	char *s = run(cmd), *w = s;
	for (char *r = s; *r; r++)
		if (!isspace((unsigned char)*r))
			*w++ = *r;
		else if (w > s && w[-1] != ' ')
			*w++ = ' ';
	while (w > s && w[-1] == ' ')
		w--;
	*w = 0;
	return s;
}

/* what a box must hold: exactly `want`, `want` among other text, or not `want` */
enum how { IS, HAS, NOT };

static void expect(const pdf *p, int page, int c0, int c1, int r0, int r1, enum how how, const char *want)
{
	char *got = box(p, page, c0, c1, r0, r1);
	bool ok = how == IS ? !strcmp(got, want) : !strstr(got, want) == (how == NOT);
	if (!ok)
		fail_msg("page %d, columns %d-%d, rows %d-%d: %s \"%s\", got \"%s\"", page, c0, c1, r0, r1,
			 how == IS ? "want" : how == HAS ? "missing" : "unexpected", want, got);
	free(got);
}

static int pages(const pdf *p)
{
	char cmd[128];
	snprintf(cmd, sizeof cmd, "pdfinfo '%s'", p->path);
	char *s = run(cmd), *at = strstr(s, "\nPages:");
	int n = at ? atoi(at + 7) : -1;
	free(s);
	return n;
}

/* ---- the claim, box by box ---- */

/* what each box holds: page, columns c0..c1, rows r0..r1 (mostly the box's data row) */
static const struct expect {
	int page;
	unsigned char c0, c1, r0, r1;
	enum how how;
	const char *text;
} expects[] = {
	{1, 66, 80, 1, 1, IS, "PAGE 1 OF 2"},
	{2, 66, 80, 1, 1, IS, "PAGE 2 OF 2"},
	{1, 45, 80, 2, 5, IS, "ACME HEALTH PLAN PO BOX 9000 CHICAGO IL 60601"},
	{1, 1, 49, 8, 8, HAS, "(Member ID#) X(ID#) (ID#)"}, /* 1: group health plan for a commercial payer */
	{1, 30, 30, 8, 8, IS, "X"},
	{1, 1, 29, 8, 8, NOT, "X"},
	{1, 32, 49, 8, 8, NOT, "X"},
	{1, 50, 80, 8, 8, IS, "XGP123456789"},
	{1, 1, 29, 10, 10, IS, "QUILL, AVERY, J"},
	{1, 30, 49, 10, 10, IS, "03 14 1958 M F X"},
	{1, 47, 47, 10, 10, IS, "X"}, /* 3: F */
	{1, 50, 80, 10, 10, IS, "QUILL, AVERY"},
	{1, 1, 29, 12, 12, IS, "12 ELM ST APT 4"}, /* no punctuation in addresses */
	{1, 32, 32, 12, 12, IS, "X"}, /* 6: self */
	{1, 34, 49, 12, 12, IS, ""},
	{1, 50, 80, 12, 12, IS, "12 ELM ST APT 4"},
	{1, 1, 25, 14, 14, IS, "SPRINGFIELD"},
	{1, 26, 29, 14, 14, IS, "IL"},
	{1, 1, 12, 16, 16, IS, "627011234"}, /* ZIP without its hyphen */
	{1, 13, 29, 16, 16, IS, "( 217 ) 5550143"},
	{1, 50, 61, 16, 16, IS, "627011234"},
	{1, 62, 80, 16, 16, IS, "( )"}, /* no phone for the insured */
	{1, 30, 49, 19, 24, NOT, "X"}, /* 10a-c: not known */
	{1, 50, 80, 18, 18, IS, "GRP5500"},
	{1, 50, 80, 20, 20, IS, "03 14 1958 M F X"},
	{1, 74, 74, 20, 20, IS, "X"}, /* 11a: F */
	{1, 50, 80, 24, 24, IS, "ACME CHOICE PPO"},
	{1, 1, 29, 33, 33, IS, "DN MORGAN LEE"},
	{1, 30, 49, 33, 33, IS, "17b. NPI 1987654328"},
	{1, 40, 49, 36, 36, IS, "ICD Ind. 0"},
	{1, 1, 12, 37, 37, IS, "A. E119"}, /* 21: without the period */
	{1, 13, 24, 37, 37, IS, "B. I10"},
	{1, 25, 36, 37, 37, IS, "C. E785"},
	{1, 37, 49, 37, 37, IS, "D. Z7984"},
	{1, 1, 12, 38, 38, IS, "E. R079"},
	{1, 13, 24, 38, 38, IS, "F."},
	{1, 50, 61, 37, 37, IS, "7"},
	{1, 62, 80, 37, 37, IS, "PCN20240001"},
	{1, 50, 80, 39, 39, IS, "PA778899"},
	{1, 1, 19, 55, 55, IS, "123456789 X"}, /* 25: no hyphen; EIN */
	{1, 17, 17, 55, 55, IS, "X"},
	{1, 20, 33, 55, 55, IS, "MRN00042"},
	{1, 34, 44, 55, 55, IS, "XYES NO"}, /* 27 */
	{1, 45, 58, 55, 55, IS, "$ CONTINUED"},
	{2, 45, 58, 55, 55, IS, "$ 366 24"},
	{1, 1, 19, 58, 58, IS, "SIGNATURE ON FILE"},
	{1, 1, 19, 60, 60, IS, "SIGNED DATE 05 08 24"},
	{1, 20, 46, 57, 59, IS, "MAPLE STREET CLINIC 400 MAPLE ST SUITE 2 SPRINGFIELD IL 62704"},
	{1, 20, 32, 60, 60, IS, "a."},
	{1, 47, 80, 56, 56, IS, "33. BILLING PROVIDER INFO & PH # ( 217 ) 5550100"},
	{1, 47, 80, 57, 59, IS, "MAPLE STREET FAMILY MEDICINE 400 MAPLE ST SPRINGFIELD IL 62704"},
	{1, 47, 60, 60, 60, IS, "a. 1111111112"},
	{1, 61, 80, 60, 60, IS, "b. ZZ207Q00000X"},
	/* each page is a whole form */
	{2, 1, 29, 10, 10, IS, "QUILL, AVERY, J"},
	{2, 50, 80, 8, 8, IS, "XGP123456789"},
	{2, 1, 12, 37, 37, IS, "A. E119"},
	{2, 47, 60, 60, 60, IS, "a. 1111111112"},
	{2, 1, 80, 44, 53, NOT, "05 06 24"}, /* page 2 has one line */
};

/* the service lines as printed: page, line on the page, then box 24's columns */
static const struct line {
	int page, k;
	const char *code, *mods[4], *pointer, *charge, *units;
} service_lines[] = {
	{1, 0, "99213", {"25", "", "", ""}, "AB", "125 00", "1"},
	{1, 1, "93000", {"", "", "", ""}, "B", "45 50", "1"},
	{1, 2, "36415", {"", "", "", ""}, "A", "10 00", "1"},
	{1, 3, "82947", {"QW", "91", "", ""}, "A", "15 75", "1"},
	{1, 4, "97110", {"GP", "59", "KX", "XU"}, "EABC", "90 00", "3"},
	{1, 5, "80061", {"", "", "", ""}, "C", "50 00", "2"},
	{2, 0, "83036", {"QW", "", "", ""}, "AD", "29 99", "1"},
};

static void every_value_is_in_its_box(void **state)
{
	json_t *doc = claim();
	pdf p = render(doc);
	assert_int_equal(pages(&p), 2);
	for (size_t i = 0; i < sizeof expects / sizeof *expects; i++) {
		const struct expect *x = &expects[i];
		expect(&p, x->page, x->c0, x->c1, x->r0, x->r1, x->how, x->text);
	}
	for (size_t i = 0; i < sizeof service_lines / sizeof *service_lines; i++) {
		const struct line *l = &service_lines[i];
		int r = 43 + 2 * l->k; /* the unshaded half of the line */
		expect(&p, l->page, 1, 9, r, r, IS, "05 06 24");
		expect(&p, l->page, 10, 18, r, r, IS, "05 06 24");
		expect(&p, l->page, 19, 21, r, r, IS, "11");
		expect(&p, l->page, 22, 23, r, r, IS, "");
		expect(&p, l->page, 24, 29, r, r, IS, l->code);
		for (int m = 0; m < 4; m++)
			expect(&p, l->page, 30 + 3 * m, 32 + 3 * m, r, r, IS, l->mods[m]);
		expect(&p, l->page, 42, 46, r, r, IS, l->pointer);
		expect(&p, l->page, 47, 56, r, r, IS, l->charge);
		expect(&p, l->page, 57, 60, r, r, IS, l->units);
		expect(&p, l->page, 61, 62, r, r, IS, "");
		expect(&p, l->page, 63, 80, r, r, IS, "NPI 1234567893");
		expect(&p, l->page, 1, 80, r - 1, r - 1, IS, ""); /* nothing in the shaded half */
	}
	release(&p);
	json_decref(doc);
}

/* ---- the golden page ---- */

static const char *golden_path(void)
{
	static char path[512];
	const char *src = __FILE__, *cut = strstr(src, "tests/unit/");
	snprintf(path, sizeof path, "%.*stests/data/cms1500/page1.txt", cut ? (int)(cut - src) : 0, src);
	return path;
}

/* text without trailing blanks on its lines */
static void trim_lines(char *s)
{
	char *w = s;
	for (char *r = s;; r++) {
		if (*r == '\n' || !*r)
			while (w > s && (w[-1] == ' ' || w[-1] == '\t'))
				w--;
		if (!(*w++ = *r))
			break;
	}
}

static void page_one_matches_the_reviewed_golden_text(void **state)
{
	json_t *doc = claim();
	pdf p = render(doc);
	char cmd[128];
	snprintf(cmd, sizeof cmd, "pdftotext -q -layout -f 1 -l 1 '%s' -", p.path);
	char *got = run(cmd);
	trim_lines(got);
	release(&p);
	json_decref(doc);
	if (getenv("PRAXIS_UPDATE_GOLDEN")) {
		FILE *f = fopen(golden_path(), "w");
		assert_non_null(f);
		fputs(got, f);
		fclose(f);
	}
	FILE *f = fopen(golden_path(), "r");
	if (!f) {
		fail_msg("no golden file %s", golden_path());
		return;
	}
	static char want[1 << 17];
	size_t n = fread(want, 1, sizeof want - 1, f);
	fclose(f);
	want[n] = 0;
	trim_lines(want);
	if (strcmp(got, want)) {
		FILE *o = fopen("/tmp/praxis-cms1500-page1.txt", "w");
		if (o) {
			fputs(got, o);
			fclose(o);
		}
		fail_msg("page 1 differs from %s (got /tmp/praxis-cms1500-page1.txt)", golden_path());
	}
	free(got);
}

/* ---- pages, totals and the program box ---- */

static json_t *with_lines(int n)
{
	json_t *doc = claim(), *lines = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(lines, json_pack("{s:i, s:s, s:i, s:[i], s:i}", "line_no", i + 1, "code", "99213",
						       "units", 1, "pointers", 1, "charge_cents", 100 * (i + 1)));
	json_object_set_new(doc, "lines", lines);
	json_object_set_new(doc, "total_cents", json_integer(4242));
	return doc;
}

static void six_lines_a_page_the_total_on_the_last(void **state)
{
	static const struct {
		int lines, pages;
	} cases[] = {{0, 1}, {1, 1}, {6, 1}, {7, 2}, {12, 2}, {13, 3}};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		json_t *doc = with_lines(cases[i].lines);
		pdf p = render(doc);
		int n = cases[i].pages;
		assert_int_equal(pages(&p), n);
		for (int page = 1; page <= n; page++) {
			bool last = page == n;
			expect(&p, page, 45, 58, 55, 55, IS, last ? "$ 42 42" : "$ CONTINUED");
			char label[32] = "";
			if (n > 1)
				snprintf(label, sizeof label, "PAGE %d OF %d", page, n);
			expect(&p, page, 45, 80, 1, 1, IS, label);
			/* the page's last line: line 6 of a full page, else the claim's last */
			int k = last ? cases[i].lines - 6 * (n - 1) : 6;
			if (k > 0) {
				char charge[16];
				snprintf(charge, sizeof charge, "%d 00", 6 * (page - 1) + k);
				expect(&p, page, 47, 56, 41 + 2 * k, 41 + 2 * k, IS, charge);
			}
			if (k < 6) /* the rest of the page's lines are empty */
				expect(&p, page, 1, 62, 42 + 2 * k, 53, IS, "");
		}
		release(&p);
		json_decref(doc);
	}
}

static void box_1_marks_the_program_of_the_payer(void **state)
{
	static const unsigned char cols[] = {1, 8, 15, 23, 30, 38, 44}; /* Medicare .. Other */
	static const struct {
		const char *kind;
		int col;
	} cases[] = {{"medicare", 1}, {"medicaid", 8}, {"tricare", 15}, {"commercial", 30},
		     {"workers_comp", 44}, {"auto", 44}, {"self_pay", 0}, {"unknown", 0}};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		json_t *doc = json_pack("{s:{s:s}}", "payer", "kind", cases[i].kind);
		pdf p = render(doc);
		for (size_t c = 0; c < sizeof cols; c++)
			expect(&p, 1, cols[c], cols[c], 8, 8, IS, cols[c] == cases[i].col ? "X" : "");
		release(&p);
		json_decref(doc);
	}
}

static void box_22_only_for_a_replacement_or_void(void **state)
{
	json_t *doc = claim();
	json_object_set_new(doc, "frequency", json_string("1"));
	pdf p = render(doc);
	expect(&p, 1, 50, 80, 37, 37, IS, "");
	release(&p);
	json_object_set_new(doc, "frequency", json_string("8"));
	p = render(doc);
	expect(&p, 1, 50, 61, 37, 37, IS, "8");
	expect(&p, 1, 62, 80, 37, 37, IS, "PCN20240001");
	release(&p);
	json_decref(doc);
}

static void boxes_3_6_and_11a_mark_sex_and_relationship(void **state)
{
	static const struct {
		const char *sex, *relationship;
		int sex_col, rel_col, ins_col; /* 0: no mark */
	} cases[] = {
		{"M", "self", 43, 32, 67}, {"F", "spouse", 47, 36, 74}, {"X", "child", 0, 40, 0},
		{"U", "other", 0, 45, 0},  {NULL, "friend", 0, 0, 0},
	};
	static const unsigned char sex_cols[] = {43, 47}, rel_cols[] = {32, 36, 40, 45}, ins_cols[] = {67, 74};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		json_t *doc = json_pack("{s:{s:s?}, s:{s:s?, s:s}}", "patient", "sex", cases[i].sex, "insured", "sex",
					cases[i].sex, "relationship", cases[i].relationship);
		pdf p = render(doc);
		for (size_t c = 0; c < sizeof sex_cols; c++)
			expect(&p, 1, sex_cols[c], sex_cols[c], 10, 10, IS, sex_cols[c] == cases[i].sex_col ? "X" : "");
		for (size_t c = 0; c < sizeof rel_cols; c++)
			expect(&p, 1, rel_cols[c], rel_cols[c], 12, 12, IS, rel_cols[c] == cases[i].rel_col ? "X" : "");
		for (size_t c = 0; c < sizeof ins_cols; c++)
			expect(&p, 1, ins_cols[c], ins_cols[c], 20, 20, IS, ins_cols[c] == cases[i].ins_col ? "X" : "");
		release(&p);
		json_decref(doc);
	}
}

/* ---- bad input ---- */

static void long_text_is_cut_at_the_box(void **state)
{
	json_t *doc = claim();
	json_object_set_new(json_object_get(json_object_get(doc, "patient"), "address"), "line1",
			    json_string("1234 Extraordinarily Long Boulevard Name Way"));
	pdf p = render(doc);
	expect(&p, 1, 1, 29, 12, 12, IS, "1234 EXTRAORDINARILY LONG BO");
	expect(&p, 1, 30, 49, 12, 12, IS, "X"); /* nothing runs over into box 6 */
	release(&p);
	json_decref(doc);
}

static void nulls_and_wrong_types_print_nothing(void **state)
{
	/* a NULL document, an empty one, one of nulls and one of wrong types: the same empty form */
	static const char *const docs[] = {
		"{\"form_date\": \"2024-05-08\"}",
		"{\"form_date\": \"2024-05-08\", \"patient\": null, \"insured\": null, \"payer\": null, \"lines\": null,"
		" \"diagnoses\": null, \"total_cents\": null, \"frequency\": null, \"billing_provider\": null,"
		" \"facility\": null, \"referring\": null, \"rendering_provider\": null, \"service_date\": null}",
		"{\"form_date\": \"2024-05-08\", \"patient\": [1, 2], \"insured\": \"self\", \"payer\": {\"kind\": 5, \"name\": 7,"
		" \"address\": \"Main St\"}, \"lines\": \"many\", \"diagnoses\": {\"a\": \"E11.9\"}, \"total_cents\": \"100\","
		" \"frequency\": 7, \"billing_provider\": {\"tax_id\": 123456789, \"address\": [], \"phone\": 2175550100},"
		" \"facility\": 3, \"referring\": {\"name\": false}, \"service_date\": 20240506}",
	};
	char *first = NULL;
	for (size_t i = 0; i < sizeof docs / sizeof *docs; i++) {
		json_t *doc = json_loads(docs[i], 0, NULL);
		assert_non_null(doc);
		pdf p = render(doc);
		assert_int_equal(pages(&p), 1);
		char *all = box(&p, 1, 1, 80, 1, 61);
		if (!first)
			first = all;
		else {
			assert_string_equal(all, first);
			free(all);
		}
		release(&p);
		json_decref(doc);
	}
	/* what the empty form prints: captions, the standing marks, nothing from a claim */
	assert_non_null(strstr(first, "SIGNATURE ON FILE"));
	assert_null(strstr(first, "123456789"));
	assert_null(strstr(first, "CONTINUED"));
	assert_null(strstr(first, "100"));
	free(first);
	char *bytes;
	size_t len;
	err e = ERR_INIT;
	assert_int_equal(cms1500_pdf(NULL, &bytes, &len, &e), 0);
	assert_true(len > 1000);
	free(bytes);
}

static void bad_lines_print_what_is_valid(void **state)
{
	json_t *doc = json_loads(
		"{\"service_date\": \"2024-13\", \"lines\": [null, 5,"
		" {\"code\": 99213, \"modifiers\": \"25\", \"pointers\": [0, 13, \"A\", 2.5, 12], \"charge_cents\": 12.5, \"units\": \"2\"},"
		" {\"code\": \"99214\", \"modifiers\": [25, \"59\"], \"pointers\": [12, 1, 2, 3, 4], \"charge_cents\": 5, \"units\": 1},"
		" {\"code\": \"99215\", \"charge_cents\": 99999999}]}",
		0, NULL);
	assert_non_null(doc);
	pdf p = render(doc);
	assert_int_equal(pages(&p), 1);
	expect(&p, 1, 1, 62, 42, 45, IS, "");                 /* lines 1 and 2 are not objects */
	expect(&p, 1, 1, 62, 47, 47, IS, "L");                /* line 3: only pointer 12 is one */
	expect(&p, 1, 1, 62, 49, 49, IS, "99214 59 LABC 0 05 1"); /* line 4: four pointers at most */
	expect(&p, 1, 33, 35, 49, 49, IS, "59");              /* the second modifier in its column */
	expect(&p, 1, 1, 62, 51, 51, IS, "99215 999999 99"); /* no date of service from a bad date */
	release(&p);
	json_decref(doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_value_is_in_its_box),
		cmocka_unit_test(page_one_matches_the_reviewed_golden_text),
		cmocka_unit_test(six_lines_a_page_the_total_on_the_last),
		cmocka_unit_test(box_1_marks_the_program_of_the_payer),
		cmocka_unit_test(box_22_only_for_a_replacement_or_void),
		cmocka_unit_test(boxes_3_6_and_11a_mark_sex_and_relationship),
		cmocka_unit_test(long_text_is_cut_at_the_box),
		cmocka_unit_test(nulls_and_wrong_types_print_nothing),
		cmocka_unit_test(bad_lines_print_what_is_valid),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
