/* reports.c: denials by reason or payer, and patient collections (see billing.h). The
 * revenue-cycle indicators are in kpis.c; A/R aging and the money report in ledger/. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/timeutil.h"
#include "billing/billing.h"
#include "ledger/ledger.h"

#define MAX_GROUPS 500
#define MAX_ACCOUNTS 500

static const char *const denial_statuses[] = {"open", "appealed", "resubmitted", "written_off", "closed"};
#define NSTATUS (sizeof denial_statuses / sizeof *denial_statuses)

typedef struct dgroup {
	char name[128];
	int64_t count, cents, open_cents, by_status[NSTATUS];
} dgroup;

static int by_amount(const void *a, const void *b)
{
	const dgroup *x = a, *y = b;
	return x->cents < y->cents ? 1 : x->cents > y->cents ? -1 : strcmp(x->name, y->name);
}

int denial_report(ctx *x, const char *by, const char *from_in, const char *to_in, json_t **out, err *e)
{
	char from[11], to[11];
	bool payer = by && !strcmp(by, "payer");
	if (by && *by && strcmp(by, "reason") && !payer)
		err_field(e, "by", "must be reason or payer");
	if (date_range(from_in, to_in, 0, from, to, e))
		return -1;
	db_stmt *st = db_prepare(x->db,
				 "SELECT d.reasons, y.name, d.status, d.amount_cents FROM denial d JOIN payer y ON y.id = d.payer_id "
				 "WHERE d.practice_id = $1 AND d.denied_on >= $2 AND d.denied_on <= $3",
				 e);
	if (!st)
		return -1;
	db_bindv(st, "iss", ctx_practice(x), from, to);
	dgroup *g = calloc(MAX_GROUPS + 1, sizeof *g);
	if (!g) {
		db_done(st);
		return err_set(e, ERR_INTERNAL, "out of memory");
	}
	int n = 0, rc;
	dgroup total = {.name = "Total"};
	while ((rc = db_step(st, e)) == DB_ROW) {
		/* a denial counts under its first reason: the one the payer gave first */
		char key[128];
		const char *reasons = db_col_text(st, 0);
		if (payer)
			snprintf(key, sizeof key, "%s", db_col_text(st, 1));
		else
			snprintf(key, sizeof key, "%.*s", (int)strcspn(reasons, ","), reasons);
		int k = 0;
		while (k < n && strcmp(g[k].name, key))
			k++;
		if (k == n && n < MAX_GROUPS)
			snprintf(g[n++].name, sizeof g->name, "%s", key);
		else if (k == n) { /* past MAX_GROUPS, the rest count as "Other" */
			k = MAX_GROUPS;
			snprintf(g[k].name, sizeof g->name, "Other");
		}
		const char *status = db_col_text(st, 2);
		int64_t cents = db_col_i64(st, 3);
		for (dgroup *d = &g[k]; d; d = d == &total ? NULL : &total) {
			d->count++;
			d->cents += cents;
			for (size_t s = 0; s < NSTATUS; s++)
				d->by_status[s] += !strcmp(status, denial_statuses[s]);
			if (!strcmp(status, "open") || !strcmp(status, "appealed") || !strcmp(status, "resubmitted"))
				d->open_cents += cents;
		}
	}
	db_done(st);
	if (rc == DB_ERR) {
		free(g);
		return -1;
	}
	int rows_n = n + (g[MAX_GROUPS].count > 0);
	if (g[MAX_GROUPS].count)
		g[n] = g[MAX_GROUPS];
	qsort(g, (size_t)rows_n, sizeof *g, by_amount);
	json_t *rows = json_array();
	for (int k = 0; k <= rows_n; k++) {
		dgroup *d = k < rows_n ? &g[k] : &total;
		json_t *o = json_pack("{s:s, s:I, s:I, s:I}", "name", d->name, "denials", (json_int_t)d->count, "amount_cents",
				      (json_int_t)d->cents, "unresolved_cents", (json_int_t)d->open_cents);
		for (size_t s = 0; s < NSTATUS; s++)
			json_object_set_new(o, denial_statuses[s], json_integer(d->by_status[s]));
		if (k < rows_n)
			json_array_append_new(rows, o);
		else
			*out = json_pack("{s:s, s:s, s:s, s:o, s:o}", "from", from, "to", to, "by", payer ? "payer" : "reason", "rows", rows,
					 "totals", o);
	}
	free(g);
	return 0;
}

/* Sum of the A/R-patient (or cash) lines of entries of the given kinds in the period; a
 * reversal counts under the kind of the entry it reverses. */
static int kind_sum(ctx *x, const char *account, const char *kinds, const char *from, const char *to, int64_t *v, err *e)
{
	char sql[512];
	snprintf(sql, sizeof sql,
		 "SELECT COALESCE(SUM(l.amount_cents), 0) FROM journal_line l JOIN journal_entry j ON j.id = l.entry_id "
		 "LEFT JOIN journal_entry o ON o.id = j.reverses WHERE l.practice_id = $1 AND l.account = '%s' "
		 "AND l.effective_date >= $2 AND l.effective_date <= $3 AND COALESCE(o.kind, j.kind) IN (%s)",
		 account, kinds);
	return db_one_i64(x->db, e, v, sql, "iss", ctx_practice(x), from, to) < 0 ? -1 : 0;
}

int collections_report(ctx *x, const char *from_in, const char *to_in, json_t **out, err *e)
{
	char from[11], to[11];
	if (date_range(from_in, to_in, 0, from, to, e))
		return -1;
	int64_t owed, paid, refunded, adjusted, same_day;
	if (kind_sum(x, ACCT_AR_PATIENT, "'charge', 'insurance_payment', 'transfer'", from, to, &owed, e) ||
	    kind_sum(x, ACCT_CASH, "'payment'", from, to, &paid, e) || kind_sum(x, ACCT_CASH, "'refund'", from, to, &refunded, e) ||
	    kind_sum(x, ACCT_AR_PATIENT, "'adjustment', 'writeoff'", from, to, &adjusted, e))
		return -1;
	/* paid at the desk on the day of a visit (copays, self-pay at check-out) */
	if (db_one_i64(x->db, e, &same_day,
		       "SELECT COALESCE(SUM(l.amount_cents), 0) FROM journal_line l JOIN journal_entry j ON j.id = l.entry_id "
		       "WHERE l.practice_id = $1 AND l.account = '1000' AND j.kind = 'payment' AND l.effective_date >= $2 "
		       "AND l.effective_date <= $3 AND NOT EXISTS (SELECT 1 FROM journal_entry r WHERE r.reverses = j.id) "
		       "AND EXISTS (SELECT 1 FROM encounter en WHERE en.practice_id = j.practice_id AND en.patient_id = j.patient_id "
		       "AND en.service_date = j.effective_date AND en.status <> 'void')",
		       "iss", ctx_practice(x), from, to) < 0)
		return -1;
	int64_t net = paid + refunded; /* a refund is a cash credit */
	/* the accounts at their final notice or in collections, with what they owe now */
	db_stmt *st = db_prepare(
		x->db,
		"SELECT s.patient_id, p.mrn, p.family_name, p.given_name, s.notice, r.as_of, "
		"(SELECT COALESCE(SUM(l.amount_cents), 0) FROM journal_line l WHERE l.practice_id = s.practice_id "
		" AND l.patient_id = s.patient_id AND l.account = '1110'), "
		"(SELECT MAX(j.effective_date) FROM journal_entry j WHERE j.practice_id = s.practice_id AND j.patient_id = s.patient_id "
		" AND j.kind = 'payment') "
		"FROM statement s JOIN statement_run r ON r.id = s.run_id JOIN patient p ON p.id = s.patient_id "
		"WHERE s.practice_id = $1 AND s.notice >= 3 AND s.id = (SELECT MAX(t.id) FROM statement t "
		" WHERE t.practice_id = s.practice_id AND t.patient_id = s.patient_id) ORDER BY s.notice DESC, s.balance_cents DESC LIMIT $2",
		e);
	if (!st)
		return -1;
	db_bindv(st, "ii", ctx_practice(x), (int64_t)MAX_ACCOUNTS);
	json_t *accounts = json_array();
	int rc;
	while ((rc = db_step(st, e)) == DB_ROW) {
		int64_t balance = db_col_i64(st, 6);
		if (balance <= 0)
			continue; /* paid since: no longer in collections */
		json_array_append_new(accounts, json_pack("{s:I, s:s, s:s++, s:s, s:s, s:I, s:o}", "patient_id",
							  (json_int_t)db_col_i64(st, 0), "mrn", db_col_text(st, 1), "name",
							  db_col_text(st, 2), ", ", db_col_text(st, 3), "stage",
							  db_col_i64(st, 4) >= 4 ? "collections" : "final notice", "last_statement_on",
							  db_col_text(st, 5), "balance_cents", (json_int_t)balance, "last_payment_on",
							  db_col_null(st, 7) ? json_null() : json_string(db_col_text(st, 7))));
	}
	db_done(st);
	if (rc == DB_ERR) {
		json_decref(accounts);
		return -1;
	}
	*out = json_pack("{s:s, s:s, s:{s:I, s:I, s:I, s:I, s:I, s:o}, s:o}", "from", from, "to", to, "totals",
			 "patient_responsibility_cents", (json_int_t)owed, "patient_payments_cents", (json_int_t)net,
			 "paid_on_visit_day_cents", (json_int_t)same_day, "refunds_cents", (json_int_t)-refunded,
			 "adjusted_cents", (json_int_t)-adjusted, "collection_rate",
			 owed > 0 ? json_real(100.0 * (double)net / (double)owed) : json_null(), "accounts", accounts);
	ctx_audit_read(x, "report.collections", "report", 0, 0);
	return 0;
}
