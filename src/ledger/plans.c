/* plans.c: payment plans (see ledger.h): installments due on a schedule, measured against the
 * patient's payments since the plan began (less those reversed, a returned check); an active
 * plan holds the account from statements (statement_run_create asks for one). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access/resource.h"
#include "base/timeutil.h"
#include "ledger/ledger.h"
#include "registry/registry.h"


/* The day of installment k (0-based) after first_due. */
static int64_t due_day(int64_t first, const char *frequency, int k)
{
	if (!strcmp(frequency, "weekly"))
		return first + 7 * k;
	if (!strcmp(frequency, "biweekly"))
		return first + 14 * k;
	/* monthly: the same day of the month (the month's last day when shorter) */
	char d[11];
	day_format(first, d);
	int y = atoi(d), m = atoi(d + 5) - 1 + k, dd = atoi(d + 8);
	y += m / 12;
	m = m % 12 + 1;
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int last = mdays[m - 1] + (m == 2 && ((y % 4 == 0 && y % 100) || y % 400 == 0));
	return day_from_civil(y, m, dd > last ? last : dd);
}

int plan_schedule(const char *first_due, const char *frequency, int64_t total, int64_t installment, int64_t paid,
		  plan_installment out[PLAN_MAX_INSTALLMENTS])
{
	int64_t first, left = total;
	if (!day_parse(first_due, &first) || installment <= 0)
		return 0;
	int n = 0;
	for (; left > 0 && n < PLAN_MAX_INSTALLMENTS; n++) {
		int64_t amount = left < installment ? left : installment;
		left -= amount;
		out[n].day = due_day(first, frequency, n);
		out[n].amount_cents = amount;
		out[n].paid_cents = paid < amount ? paid : amount;
		paid -= out[n].paid_cents;
	}
	return n;
}

int plan_paid(db *c, int64_t practice, int64_t plan, int64_t holder, int64_t *paid, err *e)
{
	return db_one_i64(c, e, paid,
			  "SELECT COALESCE(SUM(l.amount_cents), 0) FROM journal_line l JOIN journal_entry j ON j.id = l.entry_id "
			  "WHERE j.practice_id = $1 AND j.patient_id IN " ACCOUNT_MEMBERS(2) " AND j.kind = 'payment' "
			  "AND l.account = '1000' AND j.id > (SELECT after_entry_id FROM payment_plan WHERE id = $3) "
			  "AND NOT EXISTS (SELECT 1 FROM journal_entry r WHERE r.reverses = j.id)",
			  "iii", practice, holder, plan) < 0
		       ? -1
		       : 0;
}

int payment_plan_create(ctx *x, json_t *in, json_t **out, err *e)
{
	int64_t patient = json_integer_value(json_object_get(in, "patient_id"));
	if (res_ref(x, "patient", patient, "patient_id", e) && !err_has_fields(e))
		return -1;
	if (!err_has_fields(e) && ledger_account_holder(x, patient, &patient, e)) /* a plan is the account's */
		return -1;
	json_t *inst = json_object_get(in, "installment_cents"), *tot = json_object_get(in, "total_cents");
	if (!json_is_integer(inst) || json_integer_value(inst) <= 0)
		err_field(e, "installment_cents", "must be a positive amount in cents");
	if (tot && (!json_is_integer(tot) || json_integer_value(tot) <= 0))
		err_field(e, "total_cents", "must be a positive amount in cents, or left out for the patient's balance");
	const char *freq = json_string_value(json_object_get(in, "frequency"));
	if (!freq)
		freq = "monthly";
	if (strcmp(freq, "monthly") && strcmp(freq, "biweekly") && strcmp(freq, "weekly"))
		err_field(e, "frequency", "must be monthly, biweekly or weekly");
	char first[11];
	const char *fd = json_string_value(json_object_get(in, "first_due"));
	if (!fd || !date_normalise(fd, first))
		err_field(e, "first_due", "must be a date YYYY-MM-DD");
	const char *note = json_string_value(json_object_get(in, "note"));
	if (note && strlen(note) > 500)
		err_field(e, "note", "must be at most 500 characters");
	if (err_has_fields(e))
		return -1;
	int64_t total = tot ? json_integer_value(tot) : 0, open = 0;
	if (!tot && db_one_i64(x->db, e, &total,
			       "SELECT COALESCE(SUM(amount_cents), 0) FROM journal_line WHERE practice_id = $1 AND patient_id IN "
			       ACCOUNT_MEMBERS(2) " AND account = '1110'",
			       "ii", ctx_practice(x), patient) < 0)
		return -1;
	if (total <= 0)
		return err_field(e, "total_cents", "the patient owes nothing to spread over a plan");
	if ((total + json_integer_value(inst) - 1) / json_integer_value(inst) > PLAN_MAX_INSTALLMENTS)
		return err_field(e, "installment_cents", "would take more than %d installments", PLAN_MAX_INSTALLMENTS);
	char now[TS_LEN];
	ts_now(now);
	int64_t id = 0;
	int rc = db_begin(x->db, e);
	if (!rc && db_one_i64(x->db, e, &open,
			      "SELECT COUNT(*) FROM payment_plan WHERE practice_id = $1 AND patient_id = $2 AND status = 'active'", "ii",
			      ctx_practice(x), patient) < 0)
		rc = -1;
	if (!rc && open)
		rc = err_set(e, ERR_CONFLICT, "the patient has an active payment plan: cancel it first");
	if (!rc)
		rc = db_one_i64(x->db, e, &id,
				"INSERT INTO payment_plan (practice_id, patient_id, total_cents, installment_cents, frequency, first_due, "
				"status, note, created_by, created_at, after_entry_id) VALUES ($1, $2, $3, $4, $5, $6, 'active', $7, $8, $9, "
				"(SELECT COALESCE(MAX(id), 0) FROM journal_entry WHERE practice_id = $1)) RETURNING id",
				"iiiisssns", ctx_practice(x), patient, total, (int64_t)json_integer_value(inst), freq, first, note,
				ctx_user(x), now) < 0
			     ? -1
			     : 0;
	if (!rc)
		rc = ctx_audit(x, "payment_plan.create", "payment_plan", id, patient, NULL, e);
	if (!rc)
		rc = db_commit(x->db, e);
	else if (db_in_tx(x->db))
		db_rollback(x->db);
	return rc ? -1 : payment_plan_get(x, patient, out, e);
}

int payment_plan_get(ctx *x, int64_t patient, json_t **out, err *e)
{
	if (res_find(x, "patient", patient, e) || ledger_account_holder(x, patient, &patient, e))
		return -1;
	db_stmt *st = db_prepare(x->db,
				 "SELECT id, total_cents, installment_cents, frequency, first_due, status, note, cancel_reason FROM payment_plan "
				 "WHERE practice_id = $1 AND patient_id = $2 ORDER BY id DESC LIMIT 1",
				 e);
	if (!st)
		return -1;
	db_bindv(st, "ii", ctx_practice(x), patient);
	int rc = db_step(st, e);
	if (rc != DB_ROW) { /* none: null, a state of the account, not a missing resource */
		db_done(st);
		if (rc == DB_ERR)
			return -1;
		*out = json_null();
		return 0;
	}
	int64_t id = db_col_i64(st, 0), total = db_col_i64(st, 1), inst = db_col_i64(st, 2);
	char freq[16], first_due[11], status[16];
	snprintf(freq, sizeof freq, "%s", db_col_text(st, 3));
	snprintf(first_due, sizeof first_due, "%s", db_col_text(st, 4));
	snprintf(status, sizeof status, "%s", db_col_text(st, 5));
	json_t *note = db_col_null(st, 6) ? json_null() : json_string(db_col_text(st, 6));
	char why[256] = ""; /* a cancelled plan's reason */
	if (!db_col_null(st, 7))
		snprintf(why, sizeof why, "%s", db_col_text(st, 7));
	db_done(st);
	int64_t paid;
	if (plan_paid(x->db, ctx_practice(x), id, patient, &paid, e)) {
		json_decref(note);
		return -1;
	}
	/* the schedule, each installment paid, part paid or due from the payments in order */
	char today_s[11];
	practice_today(x->db, ctx_practice(x), today_s);
	int64_t today;
	day_parse(today_s, &today);
	plan_installment ins[PLAN_MAX_INSTALLMENTS];
	int n = plan_schedule(first_due, freq, total, inst, paid, ins);
	json_t *sched = json_array();
	int64_t expected = 0;
	for (int k = 0; k < n; k++) {
		if (ins[k].day <= today)
			expected += ins[k].amount_cents;
		char d[11];
		day_format(ins[k].day, d);
		int64_t got = ins[k].paid_cents, amount = ins[k].amount_cents;
		json_array_append_new(sched, json_pack("{s:s, s:I, s:I, s:s}", "due", d, "amount_cents", (json_int_t)amount, "paid_cents",
						       (json_int_t)got,
						       "status", got == amount ? "paid" : ins[k].day < today ? "late" : got ? "part paid" : "due"));
	}
	int64_t behind = expected > paid ? expected - paid : 0;
	/* the reminders sent or planned for it */
	json_t *reminders = json_array();
	st = db_prepare(x->db,
			"SELECT due, kind, status, attempts, outcome, sent_at FROM plan_reminder WHERE plan_id = $1 ORDER BY due, id", e);
	if (!st)
		rc = DB_ERR;
	else {
		db_bind_i64(st, 1, id);
		while ((rc = db_step(st, e)) == DB_ROW)
			json_array_append_new(reminders, json_pack("{s:s, s:s, s:s, s:I, s:s?, s:s?}", "due", db_col_text(st, 0), "kind",
								   db_col_text(st, 1), "status", db_col_text(st, 2), "attempts",
								   (json_int_t)db_col_i64(st, 3), "outcome", db_col_text(st, 4),
								   "sent_at", db_col_text(st, 5)));
		db_done(st);
	}
	if (rc == DB_ERR) {
		json_decref(note);
		json_decref(sched);
		json_decref(reminders);
		return -1;
	}
	*out = json_pack("{s:I, s:I, s:s, s:I, s:I, s:s, s:s, s:o, s:I, s:I, s:I, s:o, s:o}", "id", (json_int_t)id, "patient_id",
			 (json_int_t)patient, "status", status, "total_cents", (json_int_t)total, "installment_cents", (json_int_t)inst,
			 "frequency", freq, "first_due", first_due, "note", note, "paid_cents", (json_int_t)paid, "expected_to_date_cents",
			 (json_int_t)expected, "behind_cents", (json_int_t)behind, "schedule", sched, "reminders", reminders);
	json_object_set_new(*out, "cancel_reason", *why ? json_string(why) : json_null());
	ctx_audit_read(x, "payment_plan.read", "payment_plan", id, patient);
	return 0;
}

int payment_plan_settle(ctx *x, int64_t holder, err *e)
{
	int64_t id = 0, total = 0, paid = 0;
	db_stmt *st = db_prepare(x->db,
				 "SELECT id, total_cents FROM payment_plan WHERE practice_id = $1 AND patient_id = $2 "
				 "AND status = 'active'",
				 e);
	if (!st)
		return -1;
	db_bindv(st, "ii", ctx_practice(x), holder);
	int rc = db_step(st, e);
	if (rc == DB_ROW) {
		id = db_col_i64(st, 0);
		total = db_col_i64(st, 1);
	}
	db_done(st);
	if (rc != DB_ROW)
		return rc == DB_ERR ? -1 : 0;
	if (plan_paid(x->db, ctx_practice(x), id, holder, &paid, e))
		return -1;
	if (paid < total)
		return 0;
	char now[TS_LEN];
	ts_now(now);
	return db_run(x->db, e, "UPDATE payment_plan SET status = 'completed', ended_at = $1 WHERE id = $2", "si", now, id) < 0 ||
			       ctx_audit(x, "payment_plan.complete", "payment_plan", id, holder, NULL, e)
		       ? -1
		       : 0;
}

int payment_plan_cancel(ctx *x, int64_t id, json_t *in, json_t **out, err *e)
{
	const char *reason = json_string_value(json_object_get(in, "reason"));
	if (!reason || !*reason || strlen(reason) > 200)
		return err_field(e, "reason", "is required (at most 200 characters)");
	int64_t patient = 0;
	int r = db_one_i64(x->db, e, &patient, "SELECT patient_id FROM payment_plan WHERE id = $1 AND practice_id = $2 AND status = 'active'",
			   "ii", id, ctx_practice(x));
	if (r < 0)
		return -1;
	if (!r)
		return err_set(e, ERR_NOT_FOUND, "no active payment plan %lld", (long long)id);
	char now[TS_LEN];
	ts_now(now);
	int rc = db_begin(x->db, e) ||
				 db_run(x->db, e, "UPDATE payment_plan SET status = 'cancelled', ended_at = $1, cancel_reason = $2 WHERE id = $3", "ssi",
					now, reason, id) < 0 ||
				 ctx_audit(x, "payment_plan.cancel", "payment_plan", id, patient, reason, e) || db_commit(x->db, e)
			 ? -1
			 : 0;
	if (rc) {
		if (db_in_tx(x->db))
			db_rollback(x->db);
		return -1;
	}
	return payment_plan_get(x, patient, out, e);
}
