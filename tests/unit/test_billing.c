/* test_billing.c: every claim edit, table-driven, against code sets loaded in a real SQLite
 * database (the same queries production runs); code shapes; the Medicare fee formula. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/money.h"
#include "billing/codes_fmt.h"
#include "billing/scrub.h"
#include "billing/sets.h"
#include "store/migrate.h"

static db *c;

/* Synthetic releases: made-up codes in the official tables' shapes. */
static const char *const seed[] = {
	"INSERT INTO code_set_version (id, kind, effective_from, source_name, rows_loaded, bad_lines, loaded_at) VALUES "
	"(1, 'icd10cm', '2025-10-01', 't', 0, 0, 'x'), (2, 'hcpcs', '2026-01-01', 't', 0, 0, 'x'), "
	"(3, 'ncci_ptp', '2026-01-01', 't', 0, 0, 'x'), (4, 'mue', '2026-01-01', 't', 0, 0, 'x')",
	"INSERT INTO icd10cm_code VALUES (1, 'E11', 0, 'h', 'h'), (1, 'E119', 1, 'b', 'b'), (1, 'I10', 1, 'b', 'b')",
	"INSERT INTO hcpcs_code (version_id, code, is_modifier, short_desc, long_desc, coverage, pricing, added, terminated, action) "
	"VALUES (2, 'J3420', 0, 's', 'l', 'C', '51', '1990-01-01', NULL, 'N'), "
	"(2, 'G9999', 0, 's', 'l', 'C', '11', '2020-01-01', '2025-12-31', 'D'), "
	"(2, 'A9270', 0, 's', 'l', 'S', '00', '1990-01-01', NULL, 'N'), "
	"(2, 'G8888', 0, 's', 'l', 'C', '11', '2026-07-01', NULL, 'A')",
	/* 93000 into 99213: indicator 1; 36415 into 99214: indicator 0; an edit deleted last year;
	 * one that starts after the date of service */
	"INSERT INTO ncci_ptp VALUES (3, '99213', '93000', '2020-01-01', NULL, 1), "
	"(3, '99214', '36415', '2020-01-01', NULL, 0), (3, '99215', '81002', '2020-01-01', '2025-12-31', 0), "
	"(3, '99212', '81003', '2026-07-01', NULL, 0)",
	"INSERT INTO mue VALUES (4, 'J3420', 1, 1, 'r'), (4, '96372', 2, 2, 'r'), (4, '97110', 4, 3, 'r')",
	/* global periods: a major procedure (90 days), a minor one (10 days) */
	"INSERT INTO code_set_version (id, kind, effective_from, source_name, rows_loaded, bad_lines, loaded_at) VALUES "
	"(5, 'pfs', '2026-01-01', 't', 0, 0, 'x')",
	"INSERT INTO pfs_rvu (version_id, code, modifier, status, work_rvu, pe_nonfac_rvu, pe_fac_rvu, mp_rvu, global_days, "
	"conv_factor) VALUES (5, '27447', '', 'A', 2000, NULL, 1500, 300, '090', 330000), "
	"(5, '17110', '', 'A', 70, 200, 100, 10, '010', 330000), (5, '99213', '', 'A', 130, 100, 60, 10, 'XXX', 330000)",
	NULL,
};

static int setup(void **state)
{
	(void)state;
	err e = ERR_INIT;
	int applied;
	if (db_open(":memory:", &c, &e) || migrate_run(c, 0, &applied, &e))
		return fprintf(stderr, "%s\n", e.msg), -1;
	for (const char *const *s = seed; *s; s++)
		if (db_exec(c, *s, &e))
			return fprintf(stderr, "%s\n", e.msg), -1;
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	db_close(c);
	return 0;
}

/* A clean claim: every test case changes one thing. */
static void base(bill_claim *b)
{
	memset(b, 0, sizeof *b);
	strcpy(b->dos, "2026-03-02");
	strcpy(b->today, "2026-03-10");
	b->frequency = '1';
	strcpy(b->dx[0], "E119");
	strcpy(b->dx[1], "I10");
	b->ndx = 2;
	bill_line *l = &b->lines[0];
	strcpy(l->code, "99213");
	l->units = 1;
	l->ptrs[0] = 1;
	l->nptrs = 1;
	b->nlines = 1;
	strcpy(b->billing_npi, "1234567893");
	strcpy(b->billing_taxonomy, "207Q00000X");
	strcpy(b->billing_tax_id, "123456789");
	strcpy(b->rendering_npi, "1234567893");
	strcpy(b->member_id, "W123");
	b->patient_address = true;
	strcpy(b->payer_code, "60054");
	b->timely_days = 90;
	strcpy(b->cov_from, "2026-01-01");
	strcpy(b->eligibility, "active");
	b->cov_active = true;
	b->payer_order = 1;
}

static bill_line *line(bill_claim *b, const char *code, int64_t units, const char *mod)
{
	bill_line *l = &b->lines[b->nlines++];
	memset(l, 0, sizeof *l);
	strcpy(l->code, code);
	l->units = units;
	l->ptrs[0] = 1;
	l->nptrs = 1;
	if (mod) {
		strcpy(l->mods[0], mod);
		l->nmods = 1;
	}
	return l;
}

typedef struct tcase {
	const char *name;
	void (*make)(bill_claim *b);
	const char *dos;       /* the code sets in force on this date (default: the claim's) */
	const char *edit;      /* the edit expected, or NULL for a clean claim */
	const char *field;     /* the field it names (NULL: not checked) */
} tcase;

static void nothing(bill_claim *b) { (void)b; }
static void no_member(bill_claim *b) { b->member_id[0] = 0; }
static void no_payer_code(bill_claim *b) { b->payer_code[0] = 0; }
static void paper_payer(bill_claim *b) { b->payer_code[0] = 0, b->takes_paper = true; }
static void no_billing_npi(bill_claim *b) { b->billing_npi[0] = 0; }
static void bad_billing_npi(bill_claim *b) { strcpy(b->billing_npi, "1234567890"); }
static void bad_rendering_npi(bill_claim *b) { strcpy(b->rendering_npi, "1234567891"); }
static void bad_referring_npi(bill_claim *b) { strcpy(b->referring_npi, "1234567892"); }
static void no_rendering(bill_claim *b) { b->rendering_npi[0] = 0; }
static void no_tax_id(bill_claim *b) { b->billing_tax_id[0] = 0; }
static void no_taxonomy(bill_claim *b) { b->billing_taxonomy[0] = 0; }
static void no_dx(bill_claim *b) { b->ndx = 0; }
static void no_lines(bill_claim *b) { b->nlines = 0; }
static void no_pointer(bill_claim *b) { b->lines[0].nptrs = 0; }
static void pointer_out(bill_claim *b) { b->lines[0].ptrs[0] = 3; }
static void corrected_no_number(bill_claim *b) { b->frequency = '7'; }
static void void_no_number(bill_claim *b) { b->frequency = '8'; }
static void corrected_number(bill_claim *b) { b->frequency = '7', strcpy(b->payer_claim_number, "ICN1"); }
static void icd_shape(bill_claim *b) { strcpy(b->dx[1], "1E0"); }
static void icd_unknown(bill_claim *b) { strcpy(b->dx[1], "E108"); }
static void icd_header(bill_claim *b) { strcpy(b->dx[0], "E11"); }
static void proc_shape(bill_claim *b) { strcpy(b->lines[0].code, "9921"); }
static void mod_shape(bill_claim *b) { strcpy(b->lines[0].mods[0], "2"), b->lines[0].nmods = 1; }
static void hcpcs_unknown(bill_claim *b) { line(b, "J9999", 1, NULL); }
static void hcpcs_known(bill_claim *b) { line(b, "J3420", 1, NULL); }
static void hcpcs_ended(bill_claim *b) { line(b, "G9999", 1, NULL); }
static void hcpcs_not_yet(bill_claim *b) { line(b, "G8888", 1, NULL); }
static void hcpcs_noncovered(bill_claim *b) { b->medicare = true, line(b, "A9270", 1, NULL); }
static void hcpcs_noncovered_commercial(bill_claim *b) { line(b, "A9270", 1, NULL); }
static void cpt_not_in_hcpcs(bill_claim *b) { line(b, "99999", 1, NULL); }
/* NCCI: indicator 0 never bypasses, indicator 1 with and without bypass modifiers */
static void ptp0(bill_claim *b) { strcpy(b->lines[0].code, "99214"), line(b, "36415", 1, NULL); }
static void ptp0_with_59(bill_claim *b) { strcpy(b->lines[0].code, "99214"), line(b, "36415", 1, "59"); }
static void ptp1(bill_claim *b) { line(b, "93000", 1, NULL); }
static void ptp1_59(bill_claim *b) { line(b, "93000", 1, "59"); }
static void ptp1_xe(bill_claim *b) { line(b, "93000", 1, "XE"); }
static void ptp1_xs(bill_claim *b) { line(b, "93000", 1, "XS"); }
static void ptp1_xp(bill_claim *b) { line(b, "93000", 1, "XP"); }
static void ptp1_xu(bill_claim *b) { line(b, "93000", 1, "XU"); }
static void ptp1_25_on_col1(bill_claim *b) { strcpy(b->lines[0].mods[0], "25"), b->lines[0].nmods = 1, line(b, "93000", 1, NULL); }
static void ptp1_non_bypass(bill_claim *b) { line(b, "93000", 1, "26"); }
static void ptp_reversed(bill_claim *b) { strcpy(b->lines[0].code, "93000"), line(b, "99213", 1, NULL); }
static void ptp_deleted(bill_claim *b) { strcpy(b->lines[0].code, "99215"), line(b, "81002", 1, NULL); }
static void ptp_future(bill_claim *b) { strcpy(b->lines[0].code, "99212"), line(b, "81003", 1, NULL); }
/* MUE: a line edit; date-of-service edits summed across lines */
static void mue_line(bill_claim *b) { line(b, "J3420", 2, NULL); }
static void mue_line_split(bill_claim *b) { line(b, "J3420", 1, NULL), line(b, "J3420", 1, "76"); }
static void mue_day(bill_claim *b) { line(b, "96372", 2, NULL), line(b, "96372", 1, "59"); }
static void mue_day_ok(bill_claim *b) { line(b, "96372", 1, NULL), line(b, "96372", 1, "59"); }
static void mue_clinical(bill_claim *b) { line(b, "97110", 5, NULL); }
static void dup(bill_claim *b) { b->duplicate_of = 77; }
static void late(bill_claim *b) { strcpy(b->today, "2026-06-01"); }
static void soon(bill_claim *b) { strcpy(b->today, "2026-05-10"); }
static void late_corrected(bill_claim *b) { strcpy(b->today, "2026-06-01"), corrected_number(b); }
static void before_coverage(bill_claim *b) { strcpy(b->cov_from, "2026-03-03"); }
static void after_coverage(bill_claim *b) { strcpy(b->cov_to, "2026-03-01"); }
static void inactive(bill_claim *b) { b->cov_active = false; }
static void inelig(bill_claim *b) { strcpy(b->eligibility, "inactive"); }
static void unchecked(bill_claim *b) { strcpy(b->eligibility, "unknown"); }
static void secondary_waiting(bill_claim *b) { b->payer_order = 2, b->primary_open = true; }
static void no_address(bill_claim *b) { b->patient_address = false; }
static void prior(bill_claim *b, const char *code, const char *dos)
{
	strcpy(b->prior[b->nprior].code, code);
	strcpy(b->prior[b->nprior++].dos, dos);
}
static void after_major(bill_claim *b) { prior(b, "27447", "2026-02-10"); }
static void after_major_unrelated(bill_claim *b) { after_major(b), strcpy(b->lines[0].mods[0], "24"), b->lines[0].nmods = 1; }
static void before_major(bill_claim *b) { prior(b, "27447", "2026-03-03"); }
static void with_minor(bill_claim *b) { line(b, "17110", 1, NULL); }
static void with_minor_25(bill_claim *b) { with_minor(b), strcpy(b->lines[0].mods[0], "25"), b->lines[0].nmods = 1; }
static void after_minor(bill_claim *b) { prior(b, "17110", "2026-02-10"); }
static void medicare_second(bill_claim *b) { b->payer_order = 2, b->medicare = true; }
static void medicare_second_typed(bill_claim *b) { medicare_second(b), strcpy(b->msp_type, "12"); }

static const tcase cases[] = {
	{"a clean claim", nothing, NULL, NULL, NULL},
	{"member id", no_member, NULL, "REQ-MEMBER-ID", "coverage.member_id"},
	{"E/M 20 days after major surgery", after_major, NULL, "GLOBAL-PERIOD", "lines[0].modifiers"},
	{"unrelated E/M in a global period (24)", after_major_unrelated, NULL, NULL, NULL},
	{"E/M the day before major surgery", before_major, NULL, "GLOBAL-PERIOD", "lines[0].modifiers"},
	{"E/M with a minor procedure", with_minor, NULL, "GLOBAL-PERIOD", "lines[0].modifiers"},
	{"separate E/M with a minor procedure (25)", with_minor_25, NULL, NULL, NULL},
	{"E/M after a minor procedure's 10 days", after_minor, NULL, NULL, NULL},
	{"patient address", no_address, NULL, "REQ-PATIENT-ADDRESS", "patient.address"},
	{"EDI payer id", no_payer_code, NULL, "REQ-PAYER-ID", "payer.payer_code"},
	{"a paper payer needs no EDI id", paper_payer, NULL, NULL, NULL},
	{"billing NPI", no_billing_npi, NULL, "REQ-BILLING-NPI", "billing_provider.npi"},
	{"billing NPI check digit", bad_billing_npi, NULL, "NPI-CHECK", "billing_provider.npi"},
	{"rendering NPI check digit", bad_rendering_npi, NULL, "NPI-CHECK", "rendering_provider.npi"},
	{"referring NPI check digit", bad_referring_npi, NULL, "NPI-CHECK", "referring.npi"},
	{"rendering NPI", no_rendering, NULL, "REQ-RENDERING-NPI", "rendering_provider.npi"},
	{"tax id", no_tax_id, NULL, "REQ-TAX-ID", "billing_provider.tax_id"},
	{"taxonomy", no_taxonomy, NULL, "REQ-TAXONOMY", "billing_provider.taxonomy"},
	{"diagnoses", no_dx, NULL, "REQ-DX", "diagnoses"},
	{"lines", no_lines, NULL, "REQ-LINES", "lines"},
	{"pointer", no_pointer, NULL, "REQ-POINTER", "lines[0].pointers"},
	{"pointer range", pointer_out, NULL, "PTR-RANGE", "lines[0].pointers"},
	{"corrected claim number", corrected_no_number, NULL, "REQ-PAYER-CLAIM-NUMBER", "payer_claim_number"},
	{"void claim number", void_no_number, NULL, "REQ-PAYER-CLAIM-NUMBER", "payer_claim_number"},
	{"corrected with number", corrected_number, NULL, NULL, NULL},
	{"ICD shape", icd_shape, NULL, "ICD-FORMAT", "diagnoses[1]"},
	{"ICD not in release", icd_unknown, NULL, "ICD-UNKNOWN", "diagnoses[1]"},
	{"ICD header", icd_header, NULL, "ICD-HEADER", "diagnoses[0]"},
	{"ICD set missing", nothing, "2025-09-30", "ICD-SET-MISSING", "diagnoses"},
	{"procedure shape", proc_shape, NULL, "HCPCS-FORMAT", "lines[0].code"},
	{"modifier shape", mod_shape, NULL, "MOD-FORMAT", "lines[0].modifiers[0]"},
	{"HCPCS not in release", hcpcs_unknown, NULL, "HCPCS-UNKNOWN", "lines[1].code"},
	{"HCPCS in release", hcpcs_known, NULL, NULL, NULL},
	{"HCPCS terminated", hcpcs_ended, NULL, "HCPCS-INACTIVE", "lines[1].code"},
	{"HCPCS added later", hcpcs_not_yet, NULL, "HCPCS-INACTIVE", "lines[1].code"},
	{"HCPCS Medicare non-covered", hcpcs_noncovered, NULL, "HCPCS-NONCOVERED", "lines[1].code"},
	{"non-covered only matters to Medicare", hcpcs_noncovered_commercial, NULL, NULL, NULL},
	{"CPT is not looked up in HCPCS", cpt_not_in_hcpcs, NULL, NULL, NULL},
	{"HCPCS set missing", hcpcs_known, "2025-12-31", "HCPCS-SET-MISSING", "lines"},
	{"PTP indicator 0", ptp0, NULL, "NCCI-PTP", "lines[1].modifiers"},
	{"PTP indicator 0 ignores 59", ptp0_with_59, NULL, "NCCI-PTP", "lines[1].modifiers"},
	{"PTP indicator 1 without modifier", ptp1, NULL, "NCCI-PTP", "lines[1].modifiers"},
	{"PTP indicator 1 with 59", ptp1_59, NULL, "NCCI-PTP-BYPASS", "lines[1].modifiers"},
	{"PTP indicator 1 with XE", ptp1_xe, NULL, "NCCI-PTP-BYPASS", NULL},
	{"PTP indicator 1 with XS", ptp1_xs, NULL, "NCCI-PTP-BYPASS", NULL},
	{"PTP indicator 1 with XP", ptp1_xp, NULL, "NCCI-PTP-BYPASS", NULL},
	{"PTP indicator 1 with XU", ptp1_xu, NULL, "NCCI-PTP-BYPASS", NULL},
	{"PTP indicator 1 with 25 on column 1", ptp1_25_on_col1, NULL, "NCCI-PTP-BYPASS", NULL},
	{"PTP indicator 1 with a non-PTP modifier", ptp1_non_bypass, NULL, "NCCI-PTP", NULL},
	{"PTP column order matters", ptp_reversed, NULL, "NCCI-PTP", "lines[0].modifiers"},
	{"PTP deleted before the date", ptp_deleted, NULL, NULL, NULL},
	{"PTP effective after the date", ptp_future, NULL, NULL, NULL},
	{"PTP set missing", ptp1, "2025-12-31", "NCCI-SET-MISSING", "lines"},
	{"MUE line edit", mue_line, NULL, "MUE-UNITS", "lines[1].units"},
	{"MUE line edit per line", mue_line_split, NULL, NULL, NULL},
	{"MUE day edit summed", mue_day, NULL, "MUE-UNITS", "lines[1].units"},
	{"MUE day edit within", mue_day_ok, NULL, NULL, NULL},
	{"MUE clinical", mue_clinical, NULL, "MUE-UNITS", "lines[1].units"},
	{"MUE set missing", nothing, "2025-12-31", "MUE-SET-MISSING", "lines"},
	{"duplicate claim", dup, NULL, "DUP-CLAIM", "lines"},
	{"timely filing", late, NULL, "TIMELY-FILING", "service_date"},
	{"timely filing soon", soon, NULL, "TIMELY-FILING-SOON", "service_date"},
	{"corrected claims skip timely filing", late_corrected, NULL, NULL, NULL},
	{"coverage starts later", before_coverage, NULL, "COVERAGE-DATES", "coverage"},
	{"coverage ended", after_coverage, NULL, "COVERAGE-DATES", "coverage"},
	{"coverage inactive", inactive, NULL, "COVERAGE-INACTIVE", "coverage.eligibility"},
	{"eligibility inactive", inelig, NULL, "COVERAGE-INACTIVE", "coverage.eligibility"},
	{"eligibility unchecked", unchecked, NULL, "ELIGIBILITY-UNCHECKED", "coverage.eligibility"},
	{"secondary waits for primary", secondary_waiting, NULL, "COB-PRIMARY-OPEN", "payer_order"},
	{"Medicare second without its MSP type", medicare_second, NULL, "MSP-TYPE-MISSING", "coverage.medicare_secondary_type"},
	{"Medicare second, working aged", medicare_second_typed, NULL, NULL, NULL},
};

static void each_edit_fires_alone(void **state)
{
	(void)state;
	bill_claim *b = malloc(sizeof *b);
	edit_list *out = malloc(sizeof *out);
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		const tcase *t = &cases[i];
		base(b);
		t->make(b);
		code_sets cs;
		err e = ERR_INIT;
		assert_int_equal(sets_open(c, t->dos ? t->dos : b->dos, &cs, &e), 0);
		memset(out, 0, sizeof *out);
		assert_int_equal(scrub(b, &cs, out, &e), 0);
		/* when a set is missing on purpose, its warning is the only one expected */
		int found = 0;
		for (int k = 0; k < out->n; k++) {
			const edit *ed = &out->items[k];
			bool expected = t->edit && !strcmp(ed->id, t->edit);
			bool missing = t->dos && strstr(ed->id, "SET-MISSING");
			if (!expected && !missing)
				fail_msg("%s: unexpected %s on %s: %s", t->name, ed->id, ed->field, ed->message);
			if (expected) {
				found++;
				if (t->field && strcmp(ed->field, t->field))
					fail_msg("%s: %s names %s, expected %s", t->name, ed->id, ed->field, t->field);
				assert_true(strlen(ed->message) > 10);
			}
		}
		if (t->edit && !found)
			fail_msg("%s: %s did not fire", t->name, t->edit);
		/* severity: errors block, warnings do not */
		for (int d = 0; t->edit && d < edit_ndefs; d++)
			if (!strcmp(edit_defs[d].id, t->edit))
				assert_int_equal(out->errors > 0, edit_defs[d].sev == SEV_ERROR);
	}
	free(b);
	free(out);
}

/* every edit in the table is exercised by some case */
static void every_edit_is_tested(void **state)
{
	(void)state;
	for (int d = 0; d < edit_ndefs; d++) {
		bool seen = false;
		for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
			seen = seen || (cases[i].edit && !strcmp(cases[i].edit, edit_defs[d].id));
		if (!seen)
			fail_msg("edit %s has no test case", edit_defs[d].id);
	}
}

static void code_shapes(void **state)
{
	(void)state;
	char o[8], d[9];
	assert_true(icd_normalise("e11.9", o));
	assert_string_equal(o, "E119");
	assert_true(icd_normalise("S72.001A", o));
	assert_string_equal(o, "S72001A");
	assert_false(icd_normalise("S72.001AB", o));
	assert_false(icd_normalise("E1", o));
	assert_false(icd_normalise("11.9", o));
	assert_false(icd_normalise("E1.19", o)); /* the dot goes after the third character */
	icd_display("S72001A", d);
	assert_string_equal(d, "S72.001A");
	icd_display("I10", d);
	assert_string_equal(d, "I10");
	assert_true(proc_code_valid("99213"));
	assert_true(proc_code_valid("0001U"));
	assert_true(proc_code_valid("1234F"));
	assert_true(proc_code_valid("J3420"));
	assert_false(proc_code_valid("J342"));
	assert_false(proc_code_valid("W3420"));
	assert_false(proc_code_valid("9921A"));
	assert_true(modifier_valid("25"));
	assert_true(modifier_valid("XS"));
	assert_false(modifier_valid("X"));
	assert_false(modifier_valid("x-"));
	assert_true(x12_safe("W123-45 A.B/C"));
	assert_false(x12_safe("W1*23"));
	assert_false(x12_safe("W1~23"));
	assert_false(x12_safe("W1:23"));
}

/* The worked example of the reference: RVUs 1.00/0.90/0.40/0.05, GPCI 1.000/1.050/0.800,
 * CF 33.0000: office $65.51 (65.505 rounds away from zero), facility $48.18. */
static void medicare_fee_formula(void **state)
{
	(void)state;
	rvu_info r = {.work = 100, .pe_nonfac = 90, .pe_fac = 40, .mp = 5, .cf = 330000};
	gpci_info g = {.work = 1000, .pe = 1050, .mp = 800};
	int64_t cents;
	assert_int_equal(medicare_fee(&r, &g, false, &cents), 1);
	assert_int_equal(cents, 6551);
	assert_int_equal(medicare_fee(&r, &g, true, &cents), 1);
	assert_int_equal(cents, 4818);
	r.fac_na = true;
	assert_int_equal(medicare_fee(&r, &g, true, &cents), 0);
	assert_true(pos_facility("22"));
	assert_false(pos_facility("11"));
	assert_int_equal(money_div_round(5, 10), 1);
	assert_int_equal(money_div_round(-5, 10), -1);
	assert_int_equal(money_div_round(4, 10), 0);
	assert_int_equal(money_pct(10001, 11000), 11001); /* 110% of $100.01 = 110.011 */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(each_edit_fires_alone),
		cmocka_unit_test(every_edit_is_tested),
		cmocka_unit_test(code_shapes),
		cmocka_unit_test(medicare_fee_formula),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
