/* balances.c: a patient's account and the A/R aging, both sums over journal lines (see
 * ledger.h), so they reconcile with each other and with the journal by construction. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access/resource.h"
#include "base/timeutil.h"
#include "formats/table.h"
#include "ledger/ledger.h"
#include "registry/registry.h"

static json_t *opt_s(db_stmt *st, int c) { return db_col_null(st, c) ? json_null() : json_string(db_col_text(st, c)); }

int ledger_patient_account(ctx *x, int64_t patient, json_t **out, err *e)
{
	if (res_find(x, "patient", patient, e))
		return -1;
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
int ledger_family_account(ctx *x, int64_t patient, json_t **out, err *e)
{
	int64_t holder, credit;
	if (res_find(x, "patient", patient, e) || ledger_account_holder(x, patient, &holder, e) ||
	    ledger_credit_balance(x, holder, &credit, e))
		return -1;
	db_stmt *st = db_prepare(x->db,
				 "SELECT m.id, m.mrn, m.family_name, m.given_name, "
				 "(SELECT COALESCE(SUM(l.amount_cents), 0) FROM journal_line l WHERE l.practice_id = $1 AND l.patient_id = m.id "
				 " AND l.account = '1100'), "
				 "(SELECT COALESCE(SUM(l.amount_cents), 0) FROM journal_line l WHERE l.practice_id = $1 AND l.patient_id = m.id "
				 " AND l.account = '1110') "
				 "FROM patient m WHERE m.id IN " ACCOUNT_MEMBERS(2) " ORDER BY m.id <> $2, m.family_name, m.given_name, m.id",
				 e);
	if (!st)
		return -1;
	db_bindv(st, "ii", ctx_practice(x), holder);
	json_t *members = json_array();
	int64_t ins = 0, pat = 0;
	int rc;
	while ((rc = db_step(st, e)) == DB_ROW) {
		ins += db_col_i64(st, 4);
		pat += db_col_i64(st, 5);
		json_array_append_new(members, json_pack("{s:I, s:s, s:s++, s:b, s:{s:I, s:I}}", "patient_id",
							 (json_int_t)db_col_i64(st, 0), "mrn", db_col_text(st, 1), "name",
							 db_col_text(st, 2), ", ", db_col_text(st, 3), "holder", db_col_i64(st, 0) == holder,
							 "balances", "insurance_cents", (json_int_t)db_col_i64(st, 4), "patient_cents",
							 (json_int_t)db_col_i64(st, 5)));
	}
	db_done(st);
	if (rc == DB_ERR) {
		json_decref(members);
		return -1;
	}
	*out = json_pack("{s:I, s:o, s:{s:I, s:I, s:I, s:I}}", "holder_id", (json_int_t)holder, "members", members, "balances",
			 "insurance_cents", (json_int_t)ins, "patient_cents", (json_int_t)pat, "credit_cents", (json_int_t)credit,
			 "due_cents", (json_int_t)(pat - credit > 0 ? pat - credit : 0));
	ctx_audit_read(x, "patient.family_account", "patient", holder, patient);
	return 0;
}

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

/* The rows' names: payers', or patients' ("Family, Given"); 0 is the patients' share. */
static int name_rows(ctx *x, bool by_payer, aging_row *rows, size_t n, err *e)
{
	for (size_t k = 0; k < n; k++) {
		snprintf(rows[k].name, sizeof rows[k].name, "%s", by_payer ? "Patient responsibility" : "");
		if (!rows[k].id)
			continue;
		db_stmt *st = db_prepare(x->db,
					 by_payer ? "SELECT name FROM payer WHERE id = $1 AND practice_id = $2"
						  : "SELECT family_name || ', ' || given_name FROM patient WHERE id = $1 AND practice_id = $2",
					 e); /* prepared once: the cache hands it back */
		if (!st)
			return -1;
		db_bindv(st, "ii", rows[k].id, ctx_practice(x));
		int rc = db_step(st, e);
		if (rc == DB_ROW)
			snprintf(rows[k].name, sizeof rows[k].name, "%s", db_col_text(st, 0));
		db_done(st);
		if (rc == DB_ERR)
			return -1;
	}
	return 0;
}

int ledger_aging(ctx *x, const char *by, const char *as_of, json_t **out, err *e)
{
	bool by_payer = !by || !strcmp(by, "payer");
	if (by && strcmp(by, "payer") && strcmp(by, "patient"))
		return err_field(e, "by", "must be payer or patient");
	char day[11];
	if (as_of && !date_normalise(as_of, day))
		return err_field(e, "as_of", "must be a date YYYY-MM-DD");
	if (!as_of)
		practice_today(x->db, ctx_practice(x), day);
	int64_t asof_day;
	day_parse(day, &asof_day);
	/* every A/R line into the bucket of its date of service: a charge's lines share its date
	 * and its owner, so paid-off charges add up to nothing and the sums are the open
	 * balances. Streamed from the covering index, summed here (no sort). */
	db_stmt *st = db_prepare(x->db,
				 by_payer ? "SELECT payer_id, service_date, amount_cents FROM journal_line "
					    "WHERE practice_id = $1 AND account IN ('1100', '1110') AND effective_date <= $2"
					  : "SELECT patient_id, service_date, amount_cents FROM journal_line "
					    "WHERE practice_id = $1 AND account IN ('1100', '1110') AND effective_date <= $2",
				 e);
	if (!st)
		return -1;
	db_bindv(st, "is", ctx_practice(x), day);
	size_t cap = 1024, n = 0; /* open addressing on the id; rows[] in first-seen order */
	aging_row *rows = calloc(cap, sizeof *rows), totals = {0};
	int32_t *slot = malloc(2 * cap * sizeof *slot);
	if (slot)
		memset(slot, 0xff, 2 * cap * sizeof *slot);
	int rc = DB_DONE;
	char last_date[11] = "";
	int bucket = 0;
	while (rows && slot && (rc = db_step(st, e)) == DB_ROW) {
		int64_t id = db_col_null(st, 0) ? 0 : db_col_i64(st, 0), cents = db_col_i64(st, 2);
		const char *d = db_col_text(st, 1);
		if (d && strcmp(d, last_date)) {
			int64_t dos;
			snprintf(last_date, sizeof last_date, "%s", d);
			bucket = day_parse(d, &dos) ? bucket_of(asof_day - dos) : 0;
		}
		size_t h = (size_t)((uint64_t)id * 0x9e3779b97f4a7c15ull >> 20) & (2 * cap - 1);
		while (slot[h] >= 0 && rows[slot[h]].id != id)
			h = (h + 1) & (2 * cap - 1);
		if (slot[h] < 0) {
			if (n == cap) { /* grow both and re-place */
				aging_row *more = realloc(rows, 2 * cap * sizeof *rows);
				int32_t *ns = malloc(4 * cap * sizeof *ns);
				if (!more || !ns) {
					rows = more ? more : rows;
					free(ns);
					free(slot);
					slot = NULL;
					break;
				}
				rows = more;
				free(slot);
				slot = ns;
				cap *= 2;
				memset(slot, 0xff, 2 * cap * sizeof *slot);
				for (size_t k = 0; k < n; k++) {
					size_t g = (size_t)((uint64_t)rows[k].id * 0x9e3779b97f4a7c15ull >> 20) & (2 * cap - 1);
					while (slot[g] >= 0)
						g = (g + 1) & (2 * cap - 1);
					slot[g] = (int32_t)k;
				}
				h = (size_t)((uint64_t)id * 0x9e3779b97f4a7c15ull >> 20) & (2 * cap - 1);
				while (slot[h] >= 0)
					h = (h + 1) & (2 * cap - 1);
			}
			memset(&rows[n], 0, sizeof rows[n]);
			rows[n].id = id;
			slot[h] = (int32_t)n++;
		}
		// cppcheck-suppress nullPointerRedundantCheck ; the loop stops (break) when slot is NULL
		aging_row *r = &rows[slot[h]];
		r->cents[bucket] += cents, r->total += cents;
		totals.cents[bucket] += cents, totals.total += cents;
	}
	db_done(st);
	free(slot);
	if (!rows || !slot || rc == DB_ERR) {
		free(rows);
		return rc == DB_ERR ? -1 : err_set(e, ERR_INTERNAL, "out of memory");
	}
	/* a party whose lines add up to nothing owes nothing: not a row */
	size_t kept = 0;
	for (size_t k = 0; k < n; k++)
		if (rows[k].total || rows[k].cents[0] || rows[k].cents[1] || rows[k].cents[2] || rows[k].cents[3] || rows[k].cents[4])
			rows[kept++] = rows[k];
	n = kept;
	if (name_rows(x, by_payer, rows, n, e)) {
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
			 (json_int_t)totals.total);
	return 0;
}

/* The columns of the money report's spreadsheet. */
const column ledger_summary_columns[] = {{"name", "Group", COL_TEXT},
					 {"charges", "Charges ($)", COL_NUM},
					 {"payments", "Payments ($)", COL_NUM},
					 {"adjustments", "Adjustments ($)", COL_NUM}};
const int ledger_summary_ncolumns = 4;

int ledger_summary(ctx *x, const char *by, const char *from_in, const char *to_in, json_t **out, err *e)
{
	static const struct {
		const char *by, *key, *name;
	} keys[] = {
		{"provider", "en.rendering_provider_id", "COALESCE(pr.family_name || ', ' || pr.given_name, 'Not a visit''s')"},
		{"payer", "COALESCE(o.payer_id, j.payer_id)", "COALESCE(y.name, 'Patients')"},
		{"code", "NULL", "COALESCE(c.code, 'Not a visit''s')"},
		{"month", "NULL", "substr(l.effective_date, 1, 7)"},
	};
	size_t k = 0;
	while (k < sizeof keys / sizeof *keys && (!by || strcmp(keys[k].by, by)))
		k++;
	if (k == sizeof keys / sizeof *keys)
		return err_field(e, "by", "must be provider, payer, code or month");
	char from[11], to[11];
	if (date_range(from_in, to_in, 0, from, to, e))
		return -1;
	/* per line: charges are revenue credits; payments are what a payment entry (or its
	 * reversal) took off a charge's A/R, net of the adjustments and transfers it also made on
	 * that charge (they cancel out per charge); adjustments are the contra accounts */
	char sql[2048];
	snprintf(sql, sizeof sql,
		 "SELECT %s, "
		 "SUM(CASE WHEN l.account = '4000' THEN -l.amount_cents ELSE 0 END), "
		 "SUM(CASE WHEN COALESCE(o.kind, j.kind) IN ('payment', 'insurance_payment', 'credit_apply') AND l.charge_id IS NOT NULL "
		 " AND l.account <> '1000' THEN -l.amount_cents ELSE 0 END), "
		 "SUM(CASE WHEN l.account IN ('4100', '4110', '4120', '4130') THEN l.amount_cents ELSE 0 END) "
		 "FROM journal_line l JOIN journal_entry j ON j.id = l.entry_id LEFT JOIN journal_entry o ON o.id = j.reverses "
		 "LEFT JOIN charge c ON c.id = l.charge_id LEFT JOIN encounter en ON en.id = c.encounter_id "
		 "LEFT JOIN provider pr ON pr.id = en.rendering_provider_id LEFT JOIN payer y ON y.id = COALESCE(o.payer_id, j.payer_id) "
		 "WHERE l.practice_id = $1 AND l.effective_date >= $2 AND l.effective_date <= $3 GROUP BY 1 ORDER BY 1",
		 keys[k].name);
	db_stmt *st = db_prepare(x->db, sql, e);
	if (!st)
		return -1;
	db_bindv(st, "iss", ctx_practice(x), from, to);
	json_t *rows = json_array();
	int rc;
	while ((rc = db_step(st, e)) == DB_ROW) {
		int64_t ch = db_col_i64(st, 1), pay = db_col_i64(st, 2), adj = db_col_i64(st, 3);
		if (ch || pay || adj)
			json_array_append_new(rows, json_pack("{s:s, s:I, s:I, s:I}", "name", db_col_text(st, 0), "charges_cents",
							      (json_int_t)ch, "payments_cents", (json_int_t)pay, "adjustments_cents",
							      (json_int_t)adj));
	}
	db_done(st);
	if (rc == DB_ERR) {
		json_decref(rows);
		return -1;
	}
	*out = rows;
	return 0;
}
