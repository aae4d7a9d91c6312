/* test_x12.c: the X12 segment reader (separators, layout tolerance, positions, streaming
 * across blocks, limits) and the envelope checks, each on inputs written here. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "formats/x12/envelope.h"
#include "formats/x12/guide.h"
#include "formats/x12/writer.h"
#include "formats/x12/x837p.h"

#define ISA(el, rep, comp, term)                                                                   \
	"ISA" el "00" el "          " el "00" el "          " el "ZZ" el "SENDER         " el "ZZ" el      \
	"RECEIVER       " el "260301" el "1200" el rep el "00501" el "000000001" el "0" el "T" el comp term

static const char valid[] = ISA("*", "^", ":", "~") "\n"
			    "GS*HC*SENDER*RECEIVER*20260301*1200*1*X*005010X222A1~\n"
			    "ST*837*0001*005010X222A1~\n"
			    "BHT*0019*00*1*20260301*1200*CH~\n"
			    "SV1*HC:99213:25*150*UN*1***1:2~\n"
			    "SE*4*0001~\n"
			    "GE*1*1~\n"
			    "IEA*1*000000001~\n";

/* What read_all keeps of the last segment (a segment's strings live in the reader). */
typedef struct last_seg {
	char id[4], el2[32];
	long line;
	int64_t offset;
	x12_seps seps;
} last_seg;

/* Reads every segment of `data` into ids (space-separated) and returns the count. */
static int read_all(const char *data, size_t len, char *ids, size_t cap, last_seg *last)
{
	err e = ERR_INIT;
	x12_reader *r = x12_open_mem(data, len, &e);
	x12_seg s;
	int n = 0, rc;
	ids[0] = 0;
	while ((rc = x12_next(r, &s, &e)) == 1) {
		n++;
		snprintf(ids + strlen(ids), cap - strlen(ids), "%s%s", strlen(ids) ? " " : "", s.id);
		if (last) {
			snprintf(last->id, sizeof last->id, "%s", s.id);
			snprintf(last->el2, sizeof last->el2, "%s", x12_el(&s, 2));
			last->line = s.line;
			last->offset = s.offset;
			last->seps = s.seps;
		}
	}
	x12_close(r);
	return rc < 0 ? -1 : n;
}

static void separators_come_from_the_isa(void **state)
{
	(void)state;
	err e = ERR_INIT;
	x12_reader *r = x12_open_mem(valid, strlen(valid), &e);
	x12_seg s;
	assert_int_equal(x12_next(r, &s, &e), 1);
	assert_string_equal(s.id, "ISA");
	assert_int_equal(s.nel, 16);
	assert_int_equal(s.seps.element, '*');
	assert_int_equal(s.seps.component, ':');
	assert_int_equal(s.seps.repetition, '^');
	assert_int_equal(s.seps.segment, '~');
	assert_string_equal(x12_el(&s, 13), "000000001");
	while (x12_next(r, &s, &e) == 1 && strcmp(s.id, "SV1"))
		;
	assert_int_equal(s.line, 5);
	assert_int_equal(s.nel, 7);
	assert_string_equal(x12_el(&s, 5), "");
	char c[16];
	x12_component(x12_el(&s, 1), &s.seps, 2, c, sizeof c);
	assert_string_equal(c, "99213");
	x12_component(x12_el(&s, 1), &s.seps, 3, c, sizeof c);
	assert_string_equal(c, "25");
	x12_component(x12_el(&s, 1), &s.seps, 4, c, sizeof c);
	assert_string_equal(c, "");
	x12_component(x12_el(&s, 7), &s.seps, 2, c, sizeof c);
	assert_string_equal(c, "2");
	x12_close(r);
}

static void other_separators_and_no_line_breaks(void **state)
{
	(void)state;
	/* 4010-style: ISA11 is "U" (no repetition separator); | elements, > components, ' ends */
	const char *d = ISA("|", "U", ">", "'") "GS|HC|A|B|20260301|1200|7|X|004010X098A1'ST|837|0001'"
			"SV1|HC>99213|1'SE|3|0001'GE|1|7'IEA|1|000000001'";
	char ids[200];
	last_seg last;
	assert_int_equal(read_all(d, strlen(d), ids, sizeof ids, &last), 7);
	assert_string_equal(ids, "ISA GS ST SV1 SE GE IEA");
	assert_int_equal(last.seps.repetition, 0);
	assert_int_equal(last.seps.element, '|');
	assert_int_equal(last.line, 1);
}

static void layout_tolerance(void **state)
{
	(void)state;
	/* a byte-order mark, CRLF and blank lines between segments, a 0x1A at the end */
	char d[1024];
	snprintf(d, sizeof d, "\xEF\xBB\xBF%s\r\n\r\nGS*HC*A*B*1*1*1*X*1~\r\n  ST*837*1~SE*2*1~\r\nGE*1*1~IEA*1*000000001~\r\n\x1A",
		 ISA("*", "^", ":", "~"));
	char ids[200];
	last_seg last;
	assert_int_equal(read_all(d, strlen(d), ids, sizeof ids, &last), 6);
	assert_string_equal(ids, "ISA GS ST SE GE IEA");
	assert_int_equal(last.line, 5);
	assert_int_equal(last.offset, (int64_t)(strstr(d, "IEA*") - d));
	/* line breaks as segment terminators: LF, and CRLF (CR ends the segment, LF is skipped) */
	snprintf(d, sizeof d, "%sGS*HC*A*B*1*1*1*X*1\nIEA*1*000000001\n", ISA("*", "^", ":", "\n"));
	assert_int_equal(read_all(d, strlen(d), ids, sizeof ids, &last), 3);
	assert_string_equal(last.el2, "000000001");
	assert_int_equal(last.line, 3);
	snprintf(d, sizeof d, "%s\nGS*HC*A*B*1*1*1*X*1\r\nIEA*1*000000001\r\n", ISA("*", "^", ":", "\r"));
	assert_int_equal(read_all(d, strlen(d), ids, sizeof ids, &last), 3);
	assert_string_equal(last.el2, "000000001");
	assert_int_equal(last.line, 3);
}

static void several_interchanges_with_their_own_separators(void **state)
{
	(void)state;
	char d[2048];
	snprintf(d, sizeof d, "%sIEA*0*000000001~\n%sIEA|0|000000001'\n", ISA("*", "^", ":", "~"), ISA("|", "^", ">", "'"));
	err e = ERR_INIT;
	x12_reader *r = x12_open_mem(d, strlen(d), &e);
	x12_seg s;
	char seen[8] = "";
	while (x12_next(r, &s, &e) == 1)
		seen[strlen(seen)] = s.seps.element;
	x12_close(r);
	assert_string_equal(seen, "**||");
}

static void bad_starts_and_limits(void **state)
{
	(void)state;
	char ids[64];
	err e = ERR_INIT;
	x12_seg s;
	const char *no_isa = "GS*HC*A*B~ST*837*1~";
	x12_reader *r = x12_open_mem(no_isa, strlen(no_isa), &e);
	assert_int_equal(x12_next(r, &s, &e), -1);
	assert_non_null(strstr(e.msg, "line 1: the file does not begin with an ISA segment"));
	x12_close(r);
	const char *short_isa = "ISA*00*0000*01~";
	assert_int_equal(read_all(short_isa, strlen(short_isa), ids, sizeof ids, NULL), -1);
	/* a segment over the limit is refused, not read whole */
	size_t n = X12_MAX_SEGMENT + 200;
	char *big = malloc(n + 256);
	int k = snprintf(big, n + 256, "%sNTE*", ISA("*", "^", ":", "~"));
	memset(big + k, 'A', n);
	big[k + n] = 0;
	err_clear(&e);
	r = x12_open_mem(big, strlen(big), &e);
	assert_int_equal(x12_next(r, &s, &e), 1);
	assert_int_equal(x12_next(r, &s, &e), -1);
	assert_non_null(strstr(e.msg, "longer than"));
	x12_close(r);
	free(big);
}

/* A file larger than the reader's block: segments cut at block boundaries come out whole,
 * lines and offsets stay exact. */
static void streaming_across_blocks(void **state)
{
	(void)state;
	char path[] = "/tmp/praxis-x12-XXXXXX";
	int fd = mkstemp(path);
	FILE *f = fdopen(fd, "w");
	fputs(ISA("*", "^", ":", "~") "\nGS*HC*A*B*1*1*1*X*1~\nST*837*0001~\n", f);
	int lines = 20000;
	for (int i = 0; i < lines; i++)
		fprintf(f, "NM1*IL*1*FAMILY%06d*GIVEN****MI*W%09d~\n", i, i);
	fprintf(f, "SE*%d*0001~\nGE*1*1~\nIEA*1*000000001~\n", lines + 2);
	fclose(f);
	err e = ERR_INIT;
	x12_reader *r = x12_open_file(path, &e);
	assert_non_null(r);
	x12_seg s;
	x12_envelope v;
	x12_envelope_init(&v);
	int n = 0, rc;
	while ((rc = x12_next(r, &s, &e)) == 1) {
		x12_envelope_step(&v, &s);
		if (!strcmp(s.id, "NM1")) {
			char want[16];
			snprintf(want, sizeof want, "FAMILY%06d", n);
			assert_string_equal(x12_el(&s, 3), want);
			assert_int_equal(s.line, 4 + n);
			n++;
		}
	}
	x12_envelope_end(&v, s.line);
	assert_int_equal(rc, 0);
	assert_int_equal(n, lines);
	assert_int_equal(v.total_issues, 0);
	assert_true(x12_bytes(r) > 256 * 1024 * 3);
	x12_close(r);
	unlink(path);
}

/* Runs the envelope checker over `d` and answers the issues as "SEGnn" words. */
static void envelope_of(const char *d, char *out, size_t cap)
{
	err e = ERR_INIT;
	x12_reader *r = x12_open_mem(d, strlen(d), &e);
	x12_envelope v;
	x12_envelope_init(&v);
	x12_seg s;
	long last = 1;
	while (x12_next(r, &s, &e) == 1) {
		x12_envelope_step(&v, &s);
		last = s.line;
	}
	x12_envelope_end(&v, last);
	x12_close(r);
	out[0] = 0;
	for (int i = 0; i < v.nissues; i++)
		snprintf(out + strlen(out), cap - strlen(out), "%s%s%02d@%ld", *out ? " " : "", v.issues[i].segment,
			 v.issues[i].element, v.issues[i].line);
}

static void envelope_checks(void **state)
{
	(void)state;
	char got[512];
	envelope_of(valid, got, sizeof got);
	assert_string_equal(got, "");
	static const struct {
		const char *body; /* after the ISA */
		const char *want;
	} cases[] = {
		{"GS*HC*A*B*1*1*1*X*1~ST*837*0001~BHT*1~SE*4*0001~GE*1*1~IEA*1*000000001~", "SE01@1"},
		{"GS*HC*A*B*1*1*1*X*1~ST*837*0001~SE*2*0002~GE*1*1~IEA*1*000000001~", "SE02@1"},
		{"GS*HC*A*B*1*1*1*X*1~ST*837*0001~SE*2*0001~GE*2*1~IEA*1*000000001~", "GE01@1"},
		{"GS*HC*A*B*1*1*1*X*1~ST*837*0001~SE*2*0001~GE*1*9~IEA*1*000000001~", "GE02@1"},
		{"GS*HC*A*B*1*1*1*X*1~ST*837*0001~SE*2*0001~GE*1*1~IEA*2*000000001~", "IEA01@1"},
		{"GS*HC*A*B*1*1*1*X*1~ST*837*0001~SE*2*0001~GE*1*1~IEA*1*000000002~", "IEA02@1"},
		{"GS*HC*A*B*1*1*1*X*1~ST*837*0001~GE*1*1~IEA*1*000000001~", "SE00@1"},
		{"GS*HC*A*B*1*1*1*X*1~ST*837*0001~SE*2*0001~", "GE00@1 IEA00@1"},
		{"BHT*1~GS*HC*A*B*1*1*1*X*1~GE*0*1~IEA*1*000000001~", "BHT00@1"},
		{"GS*HC*A*B*1*1*1*X*1~ST*837*0001~b@d*1~SE*3*0001~GE*1*1~IEA*1*000000001~", "?00@1"},
		{"SE*1*1~GE*0*1~IEA*0*000000001~", "SE00@1 GE00@1"},
		/* a set outside any group (the fuzzer's: it once wrote before the groups it acknowledges) */
		{"ST*837*0001~SE*2*0001~IEA*0*000000001~", "ST00@1 GE00@1"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char d[1024];
		snprintf(d, sizeof d, "%s%s", ISA("*", "^", ":", "~"), cases[i].body);
		envelope_of(d, got, sizeof got);
		if (strcmp(got, cases[i].want))
			fail_msg("case %zu: got \"%s\", want \"%s\"", i, got, cases[i].want);
	}
}

/* What the writer writes the reader reads back: ISA fields at their fixed widths, the
 * separators, composites, counts and control numbers that the envelope checks accept. */
static void writer_round_trip(void **state)
{
	(void)state;
	err e = ERR_INIT;
	x12_writer *w = x12w_new((x12_seps){'*', ':', '^', '~'}, true);
	x12_isa isa = {"ZZ", "PRAXIS", "ZZ", "CLEARINGHOUSE", 42, 'T', 1772366400}; /* 2026-03-01 12:00 UTC */
	assert_int_equal(x12w_interchange(w, &isa, &e), 0);
	assert_int_equal(x12w_group(w, "HC", "PRAXIS", "CH", 7, "005010X222A1", &e), 0);
	assert_int_equal(x12w_set(w, "837", "0001", "005010X222A1", &e), 0);
	assert_int_equal(x12w_seg(w, &e, "SV1", "HC" X12_COMP "99213" X12_COMP "25", "150", "UN", "1", "", "", "1" X12_COMP "2", "", NULL), 0);
	assert_int_equal(x12w_end(w, &e), 0);
	assert_int_equal(x12w_end(w, &e), 0);
	assert_int_equal(x12w_end(w, &e), 0);
	size_t len;
	const char *d = x12w_data(w, &len);
	assert_int_equal(strstr(d, "\n") - d, 106); /* the ISA is 106 bytes with its terminator */
	assert_non_null(strstr(d, "SV1*HC:99213:25*150*UN*1***1:2~\n"));
	x12_reader *r = x12_open_mem(d, len, &e);
	x12_seg s;
	x12_envelope v;
	x12_envelope_init(&v);
	assert_int_equal(x12_next(r, &s, &e), 1);
	x12_envelope_step(&v, &s);
	assert_int_equal(s.nel, 16);
	assert_string_equal(x12_el(&s, 6), "PRAXIS         ");
	assert_string_equal(x12_el(&s, 8), "CLEARINGHOUSE  ");
	assert_string_equal(x12_el(&s, 9), "260301");
	assert_string_equal(x12_el(&s, 10), "1200");
	assert_string_equal(x12_el(&s, 11), "^");
	assert_string_equal(x12_el(&s, 12), "00501");
	assert_string_equal(x12_el(&s, 13), "000000042");
	assert_string_equal(x12_el(&s, 15), "T");
	assert_string_equal(x12_el(&s, 16), ":");
	int n = 1;
	while (x12_next(r, &s, &e) == 1) {
		x12_envelope_step(&v, &s);
		n++;
	}
	x12_envelope_end(&v, s.line);
	assert_int_equal(n, 7);
	assert_string_equal(s.id, "IEA");
	assert_int_equal(v.total_issues, 0);
	x12_close(r);
	x12w_free(w);
}

/* A value holding a separator or a control character is refused, naming the element. */
static void writer_refuses_separators(void **state)
{
	(void)state;
	static const struct {
		const char *value, *want;
	} cases[] = {
		{"O*BRIEN", "NM103: the value holds the element separator"},
		{"A:B", "NM103: the value holds the component separator"},
		{"A^B", "NM103: the value holds the repetition separator"},
		{"A~B", "NM103: the value holds the segment terminator"},
		{"A\nB", "NM103: the value holds a control character"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		err e = ERR_INIT;
		x12_writer *w = x12w_new((x12_seps){'*', ':', '^', '~'}, false);
		x12_isa isa = {"ZZ", "A", "ZZ", "B", 1, 'T', 0};
		x12w_interchange(w, &isa, &e);
		x12w_group(w, "HC", "A", "B", 1, "005010X222A1", &e);
		x12w_set(w, "837", "0001", "005010X222A1", &e);
		assert_int_equal(x12w_seg(w, &e, "NM1", "IL", "1", cases[i].value, NULL), -1);
		assert_non_null(strstr(e.msg, cases[i].want));
		assert_null(strstr(e.msg, cases[i].value)); /* never the value */
		size_t len;
		assert_null(strstr(x12w_data(w, &len), "NM1"));
		err_clear(&e);
		assert_int_equal(x12w_end(w, &e), -1); /* the first refusal sticks */
		err_clear(&e);
		x12w_free(w);
	}
}

static void amounts(void **state)
{
	(void)state;
	static const struct {
		long long cents;
		const char *want;
	} cases[] = {{15000, "150"}, {15050, "150.5"}, {15055, "150.55"}, {5, "0.05"}, {0, "0"}, {-25, "-0.25"}, {-100, "-1"}};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char out[24];
		x12_amount(cases[i].cents, out);
		assert_string_equal(out, cases[i].want);
	}
}

/* Segments of the written set as "ID*el*el" strings, for comparing. */
static void set_of(json_t *docs, char *out, size_t cap, err *e, int *rc)
{
	x12_writer *w = x12w_new((x12_seps){'*', ':', '^', '~'}, false);
	x12_isa isa = {"ZZ", "A", "ZZ", "B", 1, 'T', 0};
	x837_parties p = {"Group", "G1", "Office", "4135550100", "Clearing", "CH1", "1", 1772366400};
	*rc = x12w_interchange(w, &isa, e) || x12w_group(w, "HC", "A", "B", 1, "005010X222A1", e) ||
			      x837p_write(w, &p, docs, "0001", e)
		      ? -1
		      : 0;
	size_t len;
	snprintf(out, cap, "%s", x12w_data(w, &len));
	x12w_free(w);
}

/* A spouse's coverage: subscriber loop without patient details, then a 2000C patient loop;
 * a secondary claim's SBR; a corrected claim's REF F8; the rendering provider when not the
 * billing one; a separator inside a name fails the set naming the claim. */
static void claim_loops(void **state)
{
	(void)state;
	json_t *doc = json_pack(
		"{s:i, s:s, s:s, s:s, s:i, s:i, s:s, s:[s,s], s:[{s:s, s:[s], s:i, s:[i,i], s:i}],"
		" s:{s:s, s:s, s:s, s:s, s:{s:s, s:s, s:s, s:s}},"
		" s:{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s},"
		" s:{s:s, s:s, s:s}, s:{s:s, s:b, s:s, s:s, s:s, s:{s:s, s:s, s:s, s:s}},"
		" s:{s:s, s:s, s:s, s:s}}",
		"id", 77, "frequency", "7", "payer_claim_number", "ICN9", "service_date", "2026-03-02", "total_cents", 21500,
		"payer_order", 2, "pos_code", "11", "diagnoses", "E11.9", "I10", "lines", "code", "99213", "modifiers", "25",
		"units", 1, "pointers", 1, 2, "charge_cents", 15000, "patient", "family_name", "Doe", "given_name", "Jane",
		"birth_date", "1950-04-02", "sex", "F", "address", "line1", "1 Elm St", "city", "Springfield", "state", "MA",
		"postal_code", "01103-1234", "insured", "family_name", "Doe", "given_name", "John", "birth_date", "1948-01-01",
		"sex", "M", "relationship", "spouse", "member_id", "S1", "group_number", "", "plan_name", "Medigap F", "payer",
		"name", "Medigap Co", "payer_code", "MG001", "filing_indicator", "CI", "billing_provider", "name",
		"Main Street Group", "individual", 0, "npi", "1234567893", "taxonomy", "207Q00000X", "tax_id", "046123457",
		"address", "line1", "1 Main St", "city", "Springfield", "state", "MA", "postal_code", "01103",
		"rendering_provider", "family_name", "Welby", "given_name", "Marcus", "npi", "1245319599", "taxonomy", "207Q00000X");
	json_t *docs = json_pack("[O]", doc);
	char got[4096];
	err e = ERR_INIT;
	int rc;
	set_of(docs, got, sizeof got, &e, &rc);
	assert_int_equal(rc, 0);
	static const char *const want[] = {
		("HL*1**20*1~PRV*BI*PXC*207Q00000X~NM1*85*2*MAIN STREET GROUP*****XX*1234567893~N3*1 MAIN ST~"
		 "N4*SPRINGFIELD*MA*01103~REF*EI*046123457~"),
		"HL*2*1*22*1~SBR*S***MEDIGAP F*****CI~NM1*IL*1*DOE*JOHN****MI*S1~NM1*PR*2*MEDIGAP CO*****PI*MG001~",
		"HL*3*2*23*0~PAT*01~NM1*QC*1*DOE*JANE~N3*1 ELM ST~N4*SPRINGFIELD*MA*011031234~DMG*D8*19500402*F~",
		"CLM*77*215***11:B:7*Y*A*Y*Y~REF*F8*ICN9~HI*ABK:E119*ABF:I10~",
		"NM1*82*1*WELBY*MARCUS****XX*1245319599~PRV*PE*PXC*207Q00000X~",
		"LX*1~SV1*HC:99213:25*150*UN*1***1:2~DTP*472*D8*20260302~",
	};
	for (size_t i = 0; i < sizeof want / sizeof *want; i++)
		if (!strstr(got, want[i]))
			fail_msg("missing %s in %s", want[i], got);
	assert_null(strstr(got, "NM1*IL*1*DOE*JOHN****MI*S1~N3")); /* no subscriber address when not the patient */
	/* a separator in the payer's name fails the set and names the claim, not the value */
	json_object_set_new(json_object_get(doc, "payer"), "name", json_string("MEDIGAP*CO"));
	set_of(docs, got, sizeof got, &e, &rc);
	assert_int_equal(rc, -1);
	assert_non_null(strstr(e.msg, "claim 77: NM103: the value holds the element separator"));
	json_decref(docs);
	json_decref(doc);
}

/* Runs a set's segments (between ST and SE, one per line) through the guide's checks and
 * writes each issue as "SEGnn[-c]:CODE" (space-separated) into out. */
static void guide_issues(const char *set, const char *body, char *out, size_t cap)
{
	char buf[4096];
	const char *guide = strcmp(set, "837") ? "005010X221A1" : "005010X222A1";
	int nseg = 2;
	for (const char *p = body; *p; p++)
		nseg += *p == '~';
	snprintf(buf, sizeof buf, ISA("*", "^", ":", "~") "GS*HC*S*R*20260301*1200*1*X*%s~ST*%s*0001*%s~%sSE*%d*0001~GE*1*1~IEA*1*000000001~",
		 guide, set, guide, body, nseg);
	err e = ERR_INIT;
	x12_reader *r = x12_open_mem(buf, strlen(buf), &e);
	static x12_envelope v;
	static x12_guide g;
	x12_seg s;
	x12_envelope_init(&v);
	memset(&g, 0, sizeof g);
	while (x12_next(r, &s, &e) == 1) {
		x12_envelope_step(&v, &s);
		x12_guide_feed(&g, &v, &s);
	}
	x12_close(r);
	out[0] = 0;
	for (int i = 0; i < v.nissues; i++) {
		const x12_issue *x = &v.issues[i];
		char one[32];
		if (x->component)
			snprintf(one, sizeof one, "%s%02d-%d:%s", x->segment, x->element, x->component, x->code);
		else if (x->element)
			snprintf(one, sizeof one, "%s%02d:%s", x->segment, x->element, x->code);
		else
			snprintf(one, sizeof one, "%s:%s", x->segment, x->code);
		snprintf(out + strlen(out), cap - strlen(out), "%s%s", *out ? " " : "", one);
	}
}

/* The element rules: each kind of error once, on segments otherwise right. */
static void guide_element_rules(void **state)
{
	(void)state;
	char got[512];
	const char *head = "N1*PR*PAYER~N3*1 MAIN~N4*TOWN*MD*20705~PER*BL*X*TE*5551234567~N1*PE*CLINIC*XX*1234567893~";
	char body[1024];
	/* a clean 835 first: what follows differs from it in one place each */
	snprintf(body, sizeof body, "BPR*I*10*C*CHK************20260301~TRN*1*123*1512345678~%sLX*1~CLP*A1*1*10*10**12*PCN~"
		 "NM1*QC*1*DOE*JANE****MI*M1~SVC*HC:99213*10*10**1~DTM*472*20260228~", head);
	guide_issues("835", body, got, sizeof got);
	assert_string_equal(got, "");
	struct {
		const char *from, *to, *want;
	} cases[] = {
		{"DTM*472*20260228", "DTM*472*20260230", "DTM02:8"},         /* no 30 February */
		{"BPR*I*10*", "BPR*I*1O*", "BPR02:6"},                     /* not a number */
		{"CLP*A1*1*", "CLP*A1*9*", "CLP02:7"},                     /* not a claim status code */
		{"CLP*A1*1*10*10**12*PCN", "CLP*A1*1*10*10**12", "CLP07:1"}, /* payer claim number required */
		{"TRN*1*123*1512345678", "TRN*1*123*15123", "TRN03:4"},    /* TRN03 is 10 characters */
		{"SVC*HC:99213", "SVC*HC:99213:25:26:27:28:X", "SVC01-7:I10"}, /* a component the guide does not use */
		{"DTM*472*20260228", "DTM*472*20260228*1200", "DTM03:3"},     /* DTM has two elements here */
		{"NM1*QC*1*DOE*JANE****MI*M1", "NM1*QC*1*DOE*JANE****MI*M1*X*Y*Z*W", "NM110:3"},
		{"DTM*472*", "DTM*999*", "DTM01:7"},                        /* no DTM rule of 2110 has 999 */
		{"N3*1 MAIN~N4", "N4", "N3:3"},                             /* 1000A needs its N3 */
		{"N3*1 MAIN~N4*TOWN*MD*20705", "N4*TOWN*MD*20705~N3*1 MAIN", "N3:7"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char changed[1024];
		const char *at = strstr(body, cases[i].from);
		assert_non_null(at);
		snprintf(changed, sizeof changed, "%.*s%s%s", (int)(at - body), body, cases[i].to, at + strlen(cases[i].from));
		guide_issues("835", changed, got, sizeof got);
		assert_string_equal(got, cases[i].want);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(separators_come_from_the_isa),
		cmocka_unit_test(other_separators_and_no_line_breaks),
		cmocka_unit_test(layout_tolerance),
		cmocka_unit_test(several_interchanges_with_their_own_separators),
		cmocka_unit_test(bad_starts_and_limits),
		cmocka_unit_test(streaming_across_blocks),
		cmocka_unit_test(envelope_checks),
		cmocka_unit_test(writer_round_trip),
		cmocka_unit_test(writer_refuses_separators),
		cmocka_unit_test(amounts),
		cmocka_unit_test(claim_loops),
		cmocka_unit_test(guide_element_rules),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
