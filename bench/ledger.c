/* bench/ledger.c: posting remittances and aging receivables, measured in process (make bench).
 *
 *   bench_ledger NEW-DB [CLAIMS [LINES]]
 *
 * A practice with CLAIMS (default 10,000) insured patients, one visit each with two service
 * lines, their charges posted and their claims built and sent. Then, timed:
 *   - an 835 of CLAIMS claims (two service lines each: paid, CO-45, PR-2 coinsurance; every
 *     tenth second line denied with CO-50), generated to match them, imported: read,
 *     reconciled, matched and auto-posted (journal entries, the coinsurance moved to the
 *     patient, denials to the worklist). Every claim must post or the bench stops. Next to it, a
 *     reference: as many journal entries, six lines each, written in plain SQL;
 *   - the A/R aging by payer and by patient over LINES (default 1,000,000) more open A/R
 *     lines written straight into the journal (5 payers and patients' shares, dates of
 *     service over 18 months), next to a reference measured in the same run: one plain scan
 *     summing the same lines. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "access/accounts.h"
#include "billing/billing.h"
#include "ledger/ledger.h"
#include "patients/patients.h"
#include "registry/registry.h"
#include "store/migrate.h"

#include "common.h"

const char *bench_name = "bench_ledger";

typedef struct text {
	char *p;
	size_t len, cap;
} text;

static void put(text *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(text *b, const char *fmt, ...)
{
	va_list ap;
	for (;;) {
		va_start(ap, fmt);
		int n = vsnprintf(b->p + b->len, b->cap - b->len, fmt, ap);
		va_end(ap);
		if ((size_t)n < b->cap - b->len) {
			b->len += (size_t)n;
			return;
		}
		b->cap = b->cap * 2 + (size_t)n + 1024;
		if (!(b->p = realloc(b->p, b->cap)))
			exit(1);
	}
}

int main(int argc, char **argv)
{
	if (argc < 2 || access(argv[1], F_OK) == 0) {
		fprintf(stderr, "usage: bench_ledger NEW-DB [CLAIMS [LINES]]\n");
		return 2;
	}
	int nclaims = argc > 2 ? atoi(argv[2]) : 10000;
	long nlines = argc > 3 ? atol(argv[3]) : 1000000;
	err e = ERR_INIT;
	db *c;
	int applied;
	if (db_open(argv[1], &c, &e) || migrate_run(c, 0, &applied, &e))
		die("open", &e);
	principal sys;
	ctx x;
	bench_practice bp;
	bench_practice_create(c, "Bench Ledger", &sys, &x, &bp);
	int64_t practice = bp.practice, prov = bp.provider, loc = bp.location, payer = bp.payer;
	json_t *out = NULL;
	make(&x, BR_FEE, json_pack("{s:s, s:i, s:s}", "code", "99213", "fee_cents", 15000, "effective_from", "2025-01-01"), &e);
	make(&x, BR_FEE, json_pack("{s:s, s:i, s:s}", "code", "93000", "fee_cents", 6500, "effective_from", "2025-01-01"), &e);

	/* patients, coverage, visits (charges posted), claims built and sent */
	double t = now_s();
	int64_t *claims = malloc(sizeof *claims * (size_t)nclaims);
	for (int i = 0; i < nclaims; i++) {
		if (i % 500 == 0 && db_begin(c, &e))
			die("begin", &e);
		char fam[32], member[16];
		snprintf(fam, sizeof fam, "Ledger%05d", i);
		snprintf(member, sizeof member, "M%09d", i);
		json_t *p = json_pack("{s:s, s:s, s:s, s:s, s:{s:s, s:s, s:s, s:s}}", "family_name", fam, "given_name", "Pat",
				      "birth_date", "1970-01-01", "sex_at_birth", i % 2 ? "F" : "M", "address", "line1", "1 Bench St",
				      "city", "Springfield", "state", "MA", "postal_code", "01103"),
		       *po = NULL;
		if (patient_create(&x, p, &po, &e))
			die("patient", &e);
		int64_t patient = json_integer_value(json_object_get(po, "id"));
		json_decref(p);
		json_decref(po);
		make(&x, BR_COVERAGE, json_pack("{s:I, s:I, s:i, s:s, s:s, s:s, s:s}", "patient_id", (json_int_t)patient, "payer_id",
						(json_int_t)payer, "priority", 1, "relationship", "self", "member_id", member,
						"effective_from", "2025-01-01", "eligibility", "active"), &e);
		char dos[11];
		snprintf(dos, sizeof dos, "2026-%02d-%02d", 1 + i % 2, 1 + i % 28);
		json_t *in = json_pack("{s:I, s:s, s:I, s:I, s:[s], s:[{s:s, s:[i]}, {s:s, s:[s], s:[i]}]}", "patient_id",
				       (json_int_t)patient, "service_date", dos, "rendering_provider_id", (json_int_t)prov, "location_id",
				       (json_int_t)loc, "diagnoses", "I10", "lines", "code", "99213", "pointers", 1, "code", "93000",
				       "modifiers", "59", "pointers", 1);
		int64_t enc;
		json_t *built = NULL;
		if (encounter_create(&x, in, &enc, NULL, &e) || claims_build(&x, enc, &built, &e))
			die("visit", &e);
		json_decref(in);
		claims[i] = json_integer_value(json_object_get(json_array_get(json_object_get(built, "items"), 0), "id"));
		json_decref(built);
		if (i % 500 == 499 || i == nclaims - 1) {
			if (db_commit(c, &e))
				die("commit", &e);
			x.npending = 0;
		}
	}
	if (db_run(c, &e, "UPDATE claim SET status = 'submitted'", NULL) < 0)
		die("submit", &e);
	printf("ledger setup: %d visits with their charges posted and claims built in %.1f s\n", nclaims, now_s() - t);

	/* the 835 paying them */
	text f = {0};
	put(&f, "ISA*00*          *00*          *ZZ*BH001          *ZZ*BENCH          *260320*1200*^*00501*000000001*0*P*:~"
		"GS*HP*BH001*BENCH*20260320*1200*1*X*005010X221A1~");
	int64_t paid_total = 0;
	put(&f, "ST*835*0001~");
	size_t bpr_at = f.len;
	put(&f, "BPR*I*%012lld*C*ACH*CCP*01*999999999*DA*123456*1512345678**01*999999999*DA*654321*20260320~", 0LL);
	put(&f, "TRN*1*EFT1*1512345678~N1*PR*BENCH HEALTH*XV*BH001~N1*PE*BENCH GROUP*XX*1234567893~LX*1~");
	int segs = 6; /* ST to LX */
	for (int i = 0; i < nclaims; i++) {
		bool deny = i % 10 == 0; /* 93000 denied: CO-50 */
		int64_t paid = 8000 + (deny ? 0 : 4000);
		paid_total += paid;
		put(&f, "CLP*%lld*1*215*%lld.%02lld*%s*12*ICN%06d~NM1*QC*1*LEDGER*PAT****MI*M%09d~", (long long)claims[i],
		    (long long)(paid / 100), (long long)(paid % 100), "10", i, i);
		put(&f, "SVC*HC:99213*150*80**1~DTM*472*20260101~CAS*CO*45*60~CAS*PR*2*10~");
		if (deny)
			put(&f, "SVC*HC:93000*65*0**1~DTM*472*20260101~CAS*CO*50*65~");
		else
			put(&f, "SVC*HC:93000*65*40**1~DTM*472*20260101~CAS*CO*45*25~");
		segs += 9;
	}
	put(&f, "SE*%d*0001~GE*1*1~IEA*1*000000001~", segs + 1);
	char amount[16];
	snprintf(amount, sizeof amount, "%lld.%02lld", (long long)(paid_total / 100), (long long)(paid_total % 100));
	char *bpr = f.p + bpr_at + 6; /* the 12 characters reserved after "BPR*I*" */
	memset(bpr, ' ', 12);
	memcpy(bpr + 12 - strlen(amount), amount, strlen(amount));
	for (int k = 0; k < 12 && bpr[k] == ' '; k++)
		bpr[k] = '0';
	t = now_s();
	if (remit_import(&x, "bench.835", f.p, f.len, &out, &e))
		die("import", &e);
	double s = now_s() - t;
	json_t *r0 = json_array_get(json_object_get(out, "remittances"), 0), *pst = json_object_get(r0, "posting");
	long long posted = json_integer_value(json_object_get(pst, "claims_posted")),
		  exceptions = json_integer_value(json_object_get(pst, "exceptions")),
		  denials = json_integer_value(json_object_get(pst, "denials"));
	if (posted != nclaims || exceptions || !json_is_true(json_object_get(r0, "balanced")) || json_object_get(out, "posting_error")) {
		fprintf(stderr, "bench_ledger: the 835 did not post whole: %s\n", json_dumps(out, JSON_COMPACT));
		return 1;
	}
	printf("835 posting: %d claims (%.1f MB) read, matched and posted in %.2f s  (%.0f claims posted/s; %lld denials "
	       "to the worklist)\n",
	       nclaims, f.len / 1e6, s, nclaims / s, denials);
	x.npending = 0;

	/* the reference: what the posting writes at the least, in plain SQL (an entry and six
	 * balanced lines a claim, in transactions of 250 claims), without reading the 835,
	 * matching, checking, the claims' status or the audit trail */
	t = now_s();
	for (int i = 0; i < nclaims; i++) {
		if (i % 250 == 0 && db_begin(c, &e))
			die("begin", &e);
		int64_t ref_entry;
		if (db_one_i64(c, &e, &ref_entry,
			       "INSERT INTO journal_entry (practice_id, kind, effective_date, patient_id, payer_id, created_at) "
			       "VALUES ($1, 'reference', '2026-03-20', NULL, $2, '2026-03-20T12:00:00Z') RETURNING id",
			       "ii", practice, payer) < 0)
			die("reference entry", &e);
		for (int k = 0; k < 6; k++)
			if (db_run(c, &e,
				   "INSERT INTO journal_line (entry_id, practice_id, account, amount_cents, payer_id, effective_date) "
				   "VALUES ($1, $2, $3, $4, $5, '2026-03-20')",
				   "iisii", ref_entry, practice, k % 2 ? ACCT_CASH : ACCT_CONTRACTUAL, (int64_t)(k % 2 ? 100 : -100),
				   payer) < 0)
				die("reference lines", &e);
		if ((i % 250 == 249 || i == nclaims - 1) && db_commit(c, &e))
			die("commit", &e);
	}
	double ref_s = now_s() - t;
	printf("  reference, the same number of journal entries (6 lines each) written in plain SQL: %.2f s (%.0f/s)\n", ref_s,
	       nclaims / ref_s);
	json_decref(out);
	free(f.p);
	x.npending = 0;

	/* LINES more open A/R lines, then the aging */
	t = now_s();
	if (db_begin(c, &e))
		die("begin", &e);
	int64_t entry;
	if (db_one_i64(c, &e, &entry,
		       "INSERT INTO journal_entry (practice_id, kind, effective_date, created_at) VALUES ($1, 'charge', '2026-03-01', "
		       "'2026-03-01T00:00:00Z') RETURNING id",
		       "i", practice) < 0)
		die("entry", &e);
	int64_t payers[5] = {payer};
	for (int k = 1; k < 5; k++) {
		char name[32], code[16];
		snprintf(name, sizeof name, "Bench Payer %d", k);
		snprintf(code, sizeof code, "BP%03d", k);
		payers[k] = make(&x, BR_PAYER, json_pack("{s:s, s:s, s:s, s:s}", "name", name, "payer_code", code, "kind", "commercial",
							  "filing_indicator", "CI"), &e);
	}
	for (long i = 0; i < nlines; i++) {
		char dos[11];
		int d = (int)(i % 540); /* 18 months of visits, 30 days to a month */
		snprintf(dos, sizeof dos, "%04d-%02d-%02d", 2024 + d / 360, 1 + d / 30 % 12, 1 + d % 28);
		bool patient_share = i % 6 == 5;
		if (db_run(c, &e,
			   "INSERT INTO journal_line (entry_id, practice_id, account, amount_cents, patient_id, payer_id, effective_date, "
			   "service_date) VALUES ($1, $2, $3, $4, $5, $6, '2026-03-01', $7)",
			   "iisinns", entry, practice, patient_share ? ACCT_AR_PATIENT : ACCT_AR_INSURANCE, (int64_t)(1000 + i % 9000),
			   (int64_t)(1 + i % nclaims), patient_share ? 0 : payers[i % 5], dos) < 0)
			die("lines", &e);
	}
	if (db_commit(c, &e))
		die("commit", &e);
	printf("aging data: %ld open A/R lines written in %.1f s\n", nlines, now_s() - t);
	int64_t sum;
	t = now_s();
	if (db_one_i64(c, &e, &sum, "SELECT SUM(amount_cents) FROM journal_line WHERE practice_id = $1 AND account IN ('1100', '1110')",
		       "i", practice) < 0)
		die("scan", &e);
	double ref = now_s() - t;
	for (int by = 0; by < 2; by++) {
		t = now_s();
		if (ledger_aging(&x, by ? "patient" : "payer", "2026-03-20", &out, &e))
			die("aging", &e);
		s = now_s() - t;
		if (json_integer_value(json_object_get(json_object_get(out, "totals"), "total_cents")) != sum) {
			fprintf(stderr, "bench_ledger: the aging does not add up to the A/R lines\n");
			return 1;
		}
		printf("A/R aging by %-7s over %ld+ open lines: %.3f s (%zu rows); reference, one scan summing them: %.3f s\n",
		       by ? "patient" : "payer", nlines, s, json_array_size(json_object_get(out, "rows")), ref);
		json_decref(out);
	}
	db_close(c);
	free(claims);
	return 0;
}
