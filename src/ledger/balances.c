/* balances.c: a patient's account and the A/R aging, both sums over journal lines (see
 * ledger.h), so they reconcile with each other and with the journal by construction. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/timeutil.h"
#include "ledger/ledger.h"
#include "schedule/clock.h"

static json_t *opt_s(db_stmt *st, int c) { return db_col_null(st, c) ? json_null() : json_string(db_col_text(st, c)); }

int ledger_patient_account(ctx *x, int64_t patient, json_t **out, err *e)
{
	int64_t n;
	if (db_one_i64(x->db, e, &n, "SELECT COUNT(*) FROM patient WHERE id = $1 AND practice_id = $2", "ii", patient,
		       ctx_practice(x)) < 0)
		return -1;
	if (!n)
		return err_set(e, ERR_NOT_FOUND, "patient %lld not found", (long long)patient);
	db_stmt *st = db_prepare(x->db,
				 "SELECT j.id, j.kind, j.effective_date, j.method, j.reference, j.reason, j.reverses, "
				 "SUM(CASE WHEN l.account = '1100' THEN l.amount_cents ELSE 0 END), "
				 "SUM(CASE WHEN l.account = '1110' THEN l.amount_cents ELSE 0 END), "
				 "-SUM(CASE WHEN l.account = '2100' THEN l.amount_cents ELSE 0 END), j.claim_id, j.payer_id "
				 "FROM journal_entry j JOIN journal_line l ON l.entry_id = j.id WHERE l.practice_id = $1 AND l.patient_id = $2 "
				 "AND l.account IN ('1100', '1110', '2100') "
				 "GROUP BY j.id, j.kind, j.effective_date, j.method, j.reference, j.reason, j.reverses, j.claim_id, j.payer_id "
				 "ORDER BY j.id",
				 e);
	if (!st)
		return -1;
	db_bindv(st, "ii", ctx_practice(x), patient);
	json_t *entries = json_array();
	int64_t ins = 0, pat = 0, cred = 0;
	int rc;
	while ((rc = db_step(st, e)) == DB_ROW) {
		int64_t di = db_col_i64(st, 7), dp = db_col_i64(st, 8), dc = db_col_i64(st, 9);
		ins += di, pat += dp, cred += dc;
		json_array_append_new(
			entries,
			json_pack("{s:I, s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:I, s:I, s:I, s:{s:I, s:I, s:I}}", "id",
				  (json_int_t)db_col_i64(st, 0), "kind", db_col_text(st, 1), "effective_date", db_col_text(st, 2), "method",
				  opt_s(st, 3), "reference", opt_s(st, 4), "reason", opt_s(st, 5), "reverses",
				  db_col_null(st, 6) ? json_null() : json_integer(db_col_i64(st, 6)), "claim_id",
				  db_col_null(st, 10) ? json_null() : json_integer(db_col_i64(st, 10)), "payer_id",
				  db_col_null(st, 11) ? json_null() : json_integer(db_col_i64(st, 11)), "insurance_cents", (json_int_t)di,
				  "patient_cents", (json_int_t)dp, "credit_cents", (json_int_t)dc, "balance", "insurance_cents",
				  (json_int_t)ins, "patient_cents", (json_int_t)pat, "credit_cents", (json_int_t)cred));
	}
	db_done(st);
	if (rc == DB_ERR) {
		json_decref(entries);
		return -1;
	}
	*out = json_pack("{s:I, s:{s:I, s:I, s:I}, s:o}", "patient_id", (json_int_t)patient, "balances", "insurance_cents",
			 (json_int_t)ins, "patient_cents", (json_int_t)pat, "credit_cents", (json_int_t)cred, "entries", entries);
	ctx_audit_read(x, "patient.account", "patient", patient, patient);
	return 0;
}

#define NBUCKETS 5
static const char *const bucket_names[NBUCKETS] = {"0-30", "31-60", "61-90", "91-120", "120+"};

static int bucket_of(int64_t age)
{
	return age <= 30 ? 0 : age <= 60 ? 1 : age <= 90 ? 2 : age <= 120 ? 3 : 4;
}

typedef struct aging_row {
	int64_t id; /* payer or patient; 0: patient responsibility (by payer) */
	char name[160];
	int64_t cents[NBUCKETS], total;
} aging_row;

int ledger_aging(ctx *x, const char *by, const char *as_of, json_t **out, err *e)
{
	bool by_payer = !by || !strcmp(by, "payer");
	if (by && strcmp(by, "payer") && strcmp(by, "patient"))
		return err_field(e, "by", "must be payer or patient");
	char day[11];
	if (as_of && !date_normalise(as_of, day))
		return err_field(e, "as_of", "must be a date YYYY-MM-DD");
	if (!as_of)
		date_today(day);
	int64_t asof_day;
	day_parse(day, &asof_day);
	/* each charge's open balance per who owes it, with its date of service */
	db_stmt *st = db_prepare(
		x->db,
		by_payer ? "SELECT COALESCE(l.payer_id, 0), COALESCE(y.name, 'Patient responsibility'), en.service_date, SUM(l.amount_cents) "
			   "FROM journal_line l JOIN journal_entry j ON j.id = l.entry_id JOIN charge c ON c.id = l.charge_id "
			   "JOIN encounter en ON en.id = c.encounter_id LEFT JOIN payer y ON y.id = l.payer_id "
			   "WHERE l.practice_id = $1 AND l.account IN ('1100', '1110') AND j.effective_date <= $2 "
			   "GROUP BY l.charge_id, l.payer_id, y.name, en.service_date HAVING SUM(l.amount_cents) <> 0"
			 : "SELECT l.patient_id, p.family_name || ', ' || p.given_name, en.service_date, SUM(l.amount_cents) "
			   "FROM journal_line l JOIN journal_entry j ON j.id = l.entry_id JOIN charge c ON c.id = l.charge_id "
			   "JOIN encounter en ON en.id = c.encounter_id JOIN patient p ON p.id = l.patient_id "
			   "WHERE l.practice_id = $1 AND l.account IN ('1100', '1110') AND j.effective_date <= $2 "
			   "GROUP BY l.charge_id, l.patient_id, p.family_name, p.given_name, en.service_date "
			   "HAVING SUM(l.amount_cents) <> 0",
		e);
	if (!st)
		return -1;
	db_bindv(st, "is", ctx_practice(x), day);
	size_t cap = 64, n = 0;
	aging_row *rows = calloc(cap, sizeof *rows), totals = {0};
	int rc;
	while (rows && (rc = db_step(st, e)) == DB_ROW) {
		int64_t id = db_col_i64(st, 0), dos, cents = db_col_i64(st, 3);
		size_t k = 0;
		while (k < n && rows[k].id != id)
			k++;
		if (k == n) {
			if (n == cap) {
				aging_row *more = realloc(rows, 2 * cap * sizeof *rows);
				if (!more)
					break;
				rows = more;
				cap *= 2;
			}
			memset(&rows[n], 0, sizeof rows[n]);
			rows[n].id = id;
			snprintf(rows[n].name, sizeof rows[n].name, "%s", db_col_text(st, 1));
			n++;
		}
		day_parse(db_col_text(st, 2), &dos);
		int b = bucket_of(asof_day - dos);
		rows[k].cents[b] += cents, rows[k].total += cents;
		totals.cents[b] += cents, totals.total += cents;
	}
	db_done(st);
	if (!rows || rc == DB_ERR) {
		free(rows);
		return rows ? -1 : err_set(e, ERR_INTERNAL, "out of memory");
	}
	int64_t ar;
	if (db_one_i64(x->db, e, &ar,
		       "SELECT COALESCE(SUM(l.amount_cents), 0) FROM journal_line l JOIN journal_entry j ON j.id = l.entry_id "
		       "WHERE l.practice_id = $1 AND l.account IN ('1100', '1110') AND j.effective_date <= $2",
		       "is", ctx_practice(x), day) < 0) {
		free(rows);
		return -1;
	}
	json_t *list = json_array(), *names = json_array();
	for (int b = 0; b < NBUCKETS; b++)
		json_array_append_new(names, json_string(bucket_names[b]));
	for (size_t k = 0; k < n; k++) {
		json_t *c = json_array();
		for (int b = 0; b < NBUCKETS; b++)
			json_array_append_new(c, json_integer(rows[k].cents[b]));
		json_array_append_new(list, json_pack("{s:o, s:s, s:o, s:I}", "id", rows[k].id ? json_integer(rows[k].id) : json_null(),
						      "name", rows[k].name, "cents", c, "total_cents", (json_int_t)rows[k].total));
	}
	json_t *tc = json_array();
	for (int b = 0; b < NBUCKETS; b++)
		json_array_append_new(tc, json_integer(totals.cents[b]));
	free(rows);
	*out = json_pack("{s:s, s:s, s:o, s:o, s:{s:o, s:I}, s:I}", "as_of", day, "by", by_payer ? "payer" : "patient", "buckets",
			 names, "rows", list, "totals", "cents", tc, "total_cents", (json_int_t)totals.total, "ar_cents",
			 (json_int_t)ar);
	return 0;
}
