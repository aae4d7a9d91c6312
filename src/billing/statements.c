/* statements.c: patient statements and their runs (see billing.h), from the journal.
 *
 * A statement lists the visits the patient owes for: charges with a patient balance and
 * nothing left with any payer (a claim still pending with insurance is never billed to the
 * patient). Its amount is what they owe less any credit. Successive statements without a
 * payment between them escalate: statement, second notice, final notice; after the final
 * notice the account is referred to collections instead of printed. Accounts on hold
 * (disputed, an arrangement outside Praxis) and accounts with an active payment plan are
 * skipped. A family account (ledger.h) gets one statement,
 * addressed to its holder, listing each patient's visits. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access/resource.h"
#include "base/json_text.h"
#include "base/timeutil.h"
#include "billing/billing.h"
#include "formats/statement.h"
#include "formats/table.h"
#include "ledger/ledger.h"
#include "registry/registry.h"

static json_t *addr(db_stmt *st, int c)
{
	return json_pack("{s:s?, s:s?, s:s?, s:s?, s:s?}", "line1", db_col_text(st, c), "line2", db_col_text(st, c + 1), "city",
			 db_col_text(st, c + 2), "state", db_col_text(st, c + 3), "postal_code", db_col_text(st, c + 4));
}

/* The statement document of an account (its holder) as of a date (formats/statement.h),
 * with the notice it would be; *doc NULL when the account owes nothing billable. */
static int statement_doc(ctx *x, int64_t patient, const char *as_of, json_t **doc, err *e)
{
	*doc = NULL;
	int64_t asof_day;
	day_parse(as_of, &asof_day);
	db_stmt *st = db_prepare(
		x->db,
		"SELECT c.code, c.charge_cents, en.service_date, SUM(CASE WHEN l.account = '1110' THEN l.amount_cents ELSE 0 END), "
		"SUM(CASE WHEN l.account = '1100' THEN l.amount_cents ELSE 0 END), p.given_name, p.family_name, en.patient_id "
		"FROM journal_line l JOIN charge c ON c.id = l.charge_id JOIN encounter en ON en.id = c.encounter_id "
		"JOIN patient p ON p.id = en.patient_id WHERE l.practice_id = $1 AND l.patient_id IN " ACCOUNT_MEMBERS(2)
		" AND l.account IN ('1100', '1110') AND l.effective_date <= $3 "
		"GROUP BY l.charge_id, c.code, c.charge_cents, en.service_date, c.line_no, p.given_name, p.family_name, en.patient_id "
		"HAVING SUM(CASE WHEN l.account = '1110' THEN l.amount_cents ELSE 0 END) > 0 "
		"AND SUM(CASE WHEN l.account = '1100' THEN l.amount_cents ELSE 0 END) = 0 ORDER BY en.service_date, c.line_no",
		e);
	if (!st)
		return -1;
	db_bindv(st, "iis", ctx_practice(x), patient, as_of);
	json_t *lines = json_array();
	int64_t owed = 0, aging[5] = {0}, first_patient = 0;
	bool family = false;
	int rc;
	while ((rc = db_step(st, e)) == DB_ROW) {
		int64_t charge = db_col_i64(st, 1), pat = db_col_i64(st, 3), dos;
		day_parse(db_col_text(st, 2), &dos);
		int64_t age = asof_day - dos;
		aging[age <= 30 ? 0 : age <= 60 ? 1 : age <= 90 ? 2 : age <= 120 ? 3 : 4] += pat;
		owed += pat;
		family = family || (first_patient && first_patient != db_col_i64(st, 7));
		first_patient = db_col_i64(st, 7);
		json_array_append_new(lines, json_pack("{s:s, s:s, s:I, s:I, s:I, s:s++}", "service_date", db_col_text(st, 2), "code",
						       db_col_text(st, 0), "charge_cents", (json_int_t)charge, "insurance_cents",
						       (json_int_t)(charge - pat), "patient_cents", (json_int_t)pat, "patient",
						       db_col_text(st, 5), " ", db_col_text(st, 6)));
	}
	if (!family) { /* one patient: their name heads the statement, the lines need none */
		size_t i;
		json_t *l;
		json_array_foreach(lines, i, l) json_object_del(l, "patient");
	}
	db_done(st);
	int64_t credit = 0, prior = 0, paid = 0;
	if (rc == DB_ERR || ledger_credit_balance(x, patient, &credit, e)) {
		json_decref(lines);
		return -1;
	}
	if (owed - credit <= 0) {
		json_decref(lines);
		return 0;
	}
	/* statements since the account last paid, and what it paid since the last statement */
	if (db_one_i64(x->db, e, &prior,
		       "SELECT COUNT(*) FROM statement s WHERE s.practice_id = $1 AND s.patient_id = $2 AND s.created_at > "
		       "COALESCE((SELECT MAX(j.created_at) FROM journal_entry j WHERE j.practice_id = $1 AND j.patient_id IN "
		       ACCOUNT_MEMBERS(2) " AND j.kind = 'payment'), '')",
		       "ii", ctx_practice(x), patient) < 0 ||
	    db_one_i64(x->db, e, &paid,
		       "SELECT COALESCE(SUM(l.amount_cents), 0) FROM journal_line l JOIN journal_entry j ON j.id = l.entry_id "
		       "WHERE j.practice_id = $1 AND j.patient_id IN " ACCOUNT_MEMBERS(2) " AND j.kind = 'payment' "
		       "AND l.account = '1000' AND j.created_at > "
		       "COALESCE((SELECT MAX(s.created_at) FROM statement s WHERE s.practice_id = $1 AND s.patient_id = $2), '')",
		       "ii", ctx_practice(x), patient) < 0) {
		json_decref(lines);
		return -1;
	}
	st = db_prepare(x->db,
			"SELECT p.mrn, p.family_name, p.given_name, p.guarantor_name, p.addr_line1, p.addr_line2, p.addr_city, "
			"p.addr_state, p.addr_postal_code, b.legal_name, b.addr_line1, b.addr_line2, b.addr_city, b.addr_state, "
			"b.addr_postal_code, b.phone FROM patient p LEFT JOIN billing_profile b ON b.practice_id = p.practice_id "
			"WHERE p.id = $1 AND p.practice_id = $2",
			e);
	if (!st) {
		json_decref(lines);
		return -1;
	}
	db_bindv(st, "ii", patient, ctx_practice(x));
	if ((rc = db_step(st, e)) == DB_ROW) {
		char name[220], holder[200];
		snprintf(holder, sizeof holder, "%s %s", db_col_text(st, 2), db_col_text(st, 1));
		snprintf(name, sizeof name, "%s%s", holder, family ? " and family" : "");
		const char *guarantor = db_col_text(st, 3);
		*doc = json_pack("{s:s, s:I, s:s, s:{s:s, s:o, s:s?}, s:{s:s, s:o}, s:s, s:I, s:[IIIII], s:o, s:I}", "date", as_of,
				 "notice", (json_int_t)(prior + 1 > 4 ? 4 : prior + 1), "account", db_col_text(st, 0), "practice",
				 "name", db_col_text(st, 9) ? db_col_text(st, 9) : "", "address", addr(st, 10), "phone",
				 db_col_text(st, 15), "to", "name", guarantor && *guarantor ? guarantor : holder, "address", addr(st, 4),
				 "patient_name", name, "balance_cents", (json_int_t)(owed - credit), "aging_cents",
				 (json_int_t)aging[0], (json_int_t)aging[1], (json_int_t)aging[2], (json_int_t)aging[3],
				 (json_int_t)aging[4], "lines", lines, "payments_cents", (json_int_t)paid);
		lines = NULL;
	}
	db_done(st);
	json_decref(lines);
	return rc == DB_ERR ? -1 : 0;
}

int statement_run_create(ctx *x, json_t *in, json_t **out, err *e)
{
	json_t *min = json_object_get(in, "min_balance_cents");
	int64_t threshold = json_is_integer(min) ? json_integer_value(min) : 500;
	if (min && (!json_is_integer(min) || threshold < 1))
		return err_field(e, "min_balance_cents", "must be a positive amount in cents");
	char day[11];
	const char *as_of = json_string_value(json_object_get(in, "as_of"));
	if (as_of && !date_normalise(as_of, day))
		return err_field(e, "as_of", "must be a date YYYY-MM-DD");
	if (!as_of)
		practice_today(x->db, ctx_practice(x), day);
	/* the accounts (by holder) with a patient balance, not on hold and not on a payment plan */
	db_stmt *st = db_prepare(x->db,
				 "SELECT COALESCE(p.guarantor_patient_id, p.id) FROM journal_line l JOIN patient p ON p.id = l.patient_id "
				 "WHERE l.practice_id = $1 AND l.account = '1110' AND l.effective_date <= $2 "
				 "AND NOT EXISTS (SELECT 1 FROM account_hold h WHERE h.practice_id = $1 "
				 "AND h.patient_id = COALESCE(p.guarantor_patient_id, p.id)) "
				 "AND NOT EXISTS (SELECT 1 FROM payment_plan pp WHERE pp.practice_id = $1 "
				 "AND pp.patient_id = COALESCE(p.guarantor_patient_id, p.id) AND pp.status = 'active') "
				 "GROUP BY COALESCE(p.guarantor_patient_id, p.id) "
				 "HAVING SUM(l.amount_cents) > 0 ORDER BY 1",
				 e);
	if (!st)
		return -1;
	db_bindv(st, "is", ctx_practice(x), day);
	size_t n;
	int64_t *patients;
	int rc = db_rows_i64(st, 1, &patients, &n, e);
	db_done(st);
	if (rc)
		return -1;
	char now[TS_LEN];
	ts_now(now);
	int64_t run = 0, printed = 0, collections = 0, total = 0;
	rc = db_begin(x->db, e) ||
			     db_one_i64(x->db, e, &run,
					"INSERT INTO statement_run (practice_id, as_of, min_balance_cents, statements, collections, total_cents, "
					"created_by, created_at) VALUES ($1, $2, $3, 0, 0, 0, $4, $5) RETURNING id",
					"isins", ctx_practice(x), day, threshold, ctx_user(x), now) < 0
		     ? -1
		     : 0;
	for (size_t k = 0; !rc && k < n; k++) {
		json_t *doc;
		if (statement_doc(x, patients[k], day, &doc, e)) {
			rc = -1;
			break;
		}
		int64_t due = doc ? json_integer_value(json_object_get(doc, "balance_cents")) : 0;
		if (!doc || due < threshold) {
			json_decref(doc);
			continue;
		}
		int64_t notice = json_integer_value(json_object_get(doc, "notice"));
		char *text = json_text(doc, NULL);
		rc = db_run(x->db, e,
			    "INSERT INTO statement (practice_id, run_id, patient_id, notice, balance_cents, document, created_at) "
			    "VALUES ($1, $2, $3, $4, $5, $6, $7)",
			    "iiiiiss", ctx_practice(x), run, patients[k], notice, due, text ? text : "{}", now) < 0
			     ? -1
			     : 0;
		free(text);
		json_decref(doc);
		if (!rc)
			rc = ctx_audit(x, notice >= 4 ? "statement.collections" : "statement.create", "statement_run", run, patients[k],
				       NULL, e);
		if (notice >= 4)
			collections++;
		else
			printed++, total += due;
	}
	free(patients);
	if (!rc)
		rc = db_run(x->db, e, "UPDATE statement_run SET statements = $1, collections = $2, total_cents = $3 WHERE id = $4",
			    "iiii", printed, collections, total, run) < 0
			     ? -1
			     : 0;
	if (!rc)
		rc = db_commit(x->db, e);
	else if (db_in_tx(x->db))
		db_rollback(x->db);
	if (rc)
		return -1;
	*out = json_pack("{s:I, s:s, s:I, s:I, s:I, s:I}", "id", (json_int_t)run, "as_of", day, "min_balance_cents",
			 (json_int_t)threshold, "statements", (json_int_t)printed, "collections", (json_int_t)collections,
			 "total_cents", (json_int_t)total);
	return 0;
}

int statement_run_pdf(ctx *x, int64_t run, char **pdf, size_t *len, err *e)
{
	if (res_find(x, "statement_run", run, e))
		return -1;
	db_stmt *st = db_prepare(x->db, "SELECT document FROM statement WHERE run_id = $1 AND notice < 4 ORDER BY id", e);
	if (!st)
		return -1;
	db_bind_i64(st, 1, run);
	json_t *docs = json_array();
	int rc;
	while ((rc = db_step(st, e)) == DB_ROW)
		json_array_append_new(docs, json_loads(db_col_text(st, 0), 0, NULL));
	db_done(st);
	if (rc != DB_ERR)
		rc = statement_pdf(docs, pdf, len, e);
	json_decref(docs);
	if (rc == 0)
		ctx_audit_read(x, "statement_run.export", "statement_run", run, 0);
	return rc == 0 ? 0 : -1;
}

int statement_run_list(ctx *x, int limit, int64_t before, json_t **out, err *e)
{
	db_stmt *st = db_prepare(x->db,
				 "SELECT r.id, r.as_of, r.min_balance_cents, r.statements, r.collections, r.total_cents, r.created_at, "
				 "u.email FROM statement_run r LEFT JOIN app_user u ON u.id = r.created_by WHERE r.practice_id = $1 "
				 "AND ($2 = 0 OR r.id < $2) ORDER BY r.id DESC LIMIT $3",
				 e);
	if (!st)
		return -1;
	db_bindv(st, "iii", ctx_practice(x), before, (int64_t)limit + 1);
	json_t *items = json_array();
	int rc, n = 0;
	int64_t last = 0;
	while ((rc = db_step(st, e)) == DB_ROW && n++ < limit) {
		last = db_col_i64(st, 0);
		json_array_append_new(items, json_pack("{s:I, s:s, s:I, s:I, s:I, s:I, s:s, s:s?}", "id", (json_int_t)last, "as_of",
						       db_col_text(st, 1), "min_balance_cents", (json_int_t)db_col_i64(st, 2),
						       "statements", (json_int_t)db_col_i64(st, 3), "collections",
						       (json_int_t)db_col_i64(st, 4), "total_cents", (json_int_t)db_col_i64(st, 5),
						       "created_at", db_col_text(st, 6), "created_by", db_col_text(st, 7)));
	}
	bool more = rc == DB_ROW;
	db_done(st);
	if (rc == DB_ERR) {
		json_decref(items);
		return -1;
	}
	*out = json_pack("{s:o, s:o}", "items", items, "next_cursor", more ? json_integer(last) : json_null());
	return 0;
}

static const column mailing_cols[] = {
	{"statement", "Statement", COL_INT}, {"account", "Account", COL_TEXT}, {"notice", "Notice", COL_TEXT},
	{"name", "Name", COL_TEXT},	     {"line1", "Address 1", COL_TEXT}, {"line2", "Address 2", COL_TEXT},
	{"city", "City", COL_TEXT},	     {"state", "State", COL_TEXT},     {"postal_code", "ZIP", COL_TEXT},
	{"amount", "Amount due", COL_NUM},   {"page", "Page in PDF", COL_INT},
};

int statement_run_mailing(ctx *x, int64_t run, char **csv, size_t *len, err *e)
{
	if (res_find(x, "statement_run", run, e))
		return -1;
	db_stmt *st = db_prepare(x->db, "SELECT id, document FROM statement WHERE run_id = $1 AND notice < 4 ORDER BY id", e);
	if (!st)
		return -1;
	db_bind_i64(st, 1, run);
	static const char *const notices[] = {"", "statement", "second notice", "final notice"};
	json_t *rows = json_array();
	int rc, page = 0;
	while ((rc = db_step(st, e)) == DB_ROW) {
		json_t *d = json_loads(db_col_text(st, 1), 0, NULL), *to = json_object_get(d, "to"), *a = json_object_get(to, "address");
		int64_t notice = json_integer_value(json_object_get(d, "notice"));
		json_array_append_new(
			rows, json_pack("{s:I, s:O?, s:s, s:O?, s:O?, s:O?, s:O?, s:O?, s:O?, s:f, s:i}", "statement",
					(json_int_t)db_col_i64(st, 0), "account", json_object_get(d, "account"), "notice",
					notices[notice >= 1 && notice <= 3 ? notice : 1], "name", json_object_get(to, "name"), "line1",
					json_object_get(a, "line1"), "line2", json_object_get(a, "line2"), "city", json_object_get(a, "city"),
					"state", json_object_get(a, "state"), "postal_code", json_object_get(a, "postal_code"), "amount",
					(double)json_integer_value(json_object_get(d, "balance_cents")) / 100.0, "page", ++page));
		json_decref(d);
	}
	db_done(st);
	if (rc == DB_ERR) {
		json_decref(rows);
		return -1;
	}
	rc = table_csv(mailing_cols, (int)(sizeof mailing_cols / sizeof *mailing_cols), rows, csv, len, e);
	json_decref(rows);
	if (!rc)
		ctx_audit_read(x, "statement_run.mailing", "statement_run", run, 0);
	return rc;
}

int patient_statement_pdf(ctx *x, int64_t patient, char **pdf, size_t *len, err *e)
{
	if (res_find(x, "patient", patient, e))
		return -1;
	char today[11];
	practice_today(x->db, ctx_practice(x), today);
	json_t *doc;
	int64_t holder;
	if (ledger_account_holder(x, patient, &holder, e) || statement_doc(x, holder, today, &doc, e))
		return -1;
	if (!doc)
		return err_set(e, ERR_UNPROCESSABLE, "the patient owes nothing that can be billed to them");
	json_t *docs = json_pack("[o]", doc);
	int rc = statement_pdf(docs, pdf, len, e);
	json_decref(docs);
	if (!rc)
		ctx_audit_read(x, "patient.statement", "patient", patient, patient);
	return rc;
}

/* The holder's hold and active plan (the caller checked the patient is the practice's). */
static int hold_of(ctx *x, int64_t holder, json_t **out, err *e)
{
	db_stmt *st = db_prepare(x->db,
				 "SELECT h.reason, h.created_at, (SELECT MAX(pp.id) FROM payment_plan pp WHERE pp.practice_id = $1 "
				 " AND pp.patient_id = $2 AND pp.status = 'active') "
				 "FROM (SELECT 1 AS one) o LEFT JOIN account_hold h ON h.practice_id = $1 AND h.patient_id = $2",
				 e);
	if (!st)
		return -1;
	db_bindv(st, "ii", ctx_practice(x), holder);
	int rc = db_step(st, e);
	if (rc == DB_ROW)
		*out = json_pack("{s:I, s:o, s:o, s:o}", "patient_id", (json_int_t)holder, "hold",
				 db_col_null(st, 0) ? json_null() : json_string(db_col_text(st, 0)), "since",
				 db_col_null(st, 1) ? json_null() : json_string(db_col_text(st, 1)), "payment_plan_id",
				 db_col_null(st, 2) ? json_null() : json_integer(db_col_i64(st, 2)));
	db_done(st);
	return rc == DB_ROW ? 0 : rc == DB_ERR ? -1 : err_set(e, ERR_INTERNAL, "the account's hold could not be read");
}

int account_hold_get(ctx *x, int64_t id, json_t **out, err *e)
{
	int64_t holder;
	if (res_find(x, "patient", id, e) || ledger_account_holder(x, id, &holder, e) || hold_of(x, holder, out, e))
		return -1;
	ctx_audit_read(x, "patient.account_hold", "patient", holder, holder);
	return 0;
}

int account_hold_set(ctx *x, int64_t id, json_t *in, json_t **out, err *e)
{
	const char *reason = json_string_value(json_object_get(in, "reason"));
	int64_t patient; /* the account's holder: the hold is the account's */
	*out = NULL;
	if (res_find(x, "patient", id, e) || ledger_account_holder(x, id, &patient, e))
		return -1;
	bool lift = json_is_null(json_object_get(in, "reason"));
	if (!lift && (!reason || !*reason || strlen(reason) > 200))
		return err_field(e, "reason", "is required (e.g. disputed, payment plan; at most 200 characters), or null to lift the hold");
	char now[TS_LEN];
	ts_now(now);
	int rc = db_begin(x->db, e) ||
				 db_run(x->db, e, "DELETE FROM account_hold WHERE practice_id = $1 AND patient_id = $2", "ii",
					ctx_practice(x), patient) < 0 ||
				 (!lift && db_run(x->db, e,
						  "INSERT INTO account_hold (practice_id, patient_id, reason, created_by, created_at) "
						  "VALUES ($1, $2, $3, $4, $5)",
						  "iisns", ctx_practice(x), patient, reason, ctx_user(x), now) < 0) ||
				 ctx_audit(x, lift ? "account.hold_lift" : "account.hold", "patient", patient, patient, reason, e) ||
				 hold_of(x, patient, out, e) || db_commit(x->db, e) /* the answer read in the change's transaction */
			 ? -1
			 : 0;
	if (rc) {
		if (db_in_tx(x->db))
			db_rollback(x->db);
		json_decref(*out);
		*out = NULL;
		return -1;
	}
	return 0;
}
