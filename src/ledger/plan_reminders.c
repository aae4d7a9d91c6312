/* plan_reminders.c: payment-plan reminders (see ledger.h plan_reminders_run).
 *
 * A pass plans, for each active plan, a reminder of its first installment not fully paid
 * when it is due within UPCOMING_DAYS, or a late notice when it is LATE_DAYS overdue (one
 * row per installment and kind, so each is sent once), then sends the rows that are due.
 * Sending claims a row first (pending -> sending), so two servers never send the same one.
 * It goes by e-mail to a patient who consented to e-mail; otherwise it is skipped with the
 * reason, for the desk to call. What is still owed is computed when sending: an installment
 * paid meanwhile is skipped. The message names the amount and the date, nothing clinical.
 * Failures retry after 5, 30 and 120 minutes, then the reminder is marked failed. */
#include <stdio.h>
#include <string.h>

#include "audit/audit.h"
#include "base/timeutil.h"
#include "jobs/jobs.h"
#include "ledger/ledger.h"
#include "notify/notify.h"
#include "registry/registry.h"

#define UPCOMING_DAYS 3
#define LATE_DAYS 7
#define MAX_ATTEMPTS 4
static const int backoff_s[MAX_ATTEMPTS] = {300, 1800, 7200, 7200};

static const char *const month_long[12] = {"January", "February", "March",     "April",   "May",      "June",
					   "July",    "August",   "September", "October", "November", "December"};

/* The plan's terms and the installment a reminder is about. */
typedef struct plan_view {
	int64_t id, practice, patient, total, inst;
	char freq[16], first_due[11], status[16];
} plan_view;

static int load_plan(db *c, int64_t id, plan_view *p, err *e)
{
	db_stmt *st = db_prepare(c,
				 "SELECT practice_id, patient_id, total_cents, installment_cents, frequency, first_due, status "
				 "FROM payment_plan WHERE id = $1",
				 e);
	if (!st)
		return -1;
	db_bind_i64(st, 1, id);
	int rc = db_step(st, e);
	if (rc == DB_ROW) {
		p->id = id;
		p->practice = db_col_i64(st, 0);
		p->patient = db_col_i64(st, 1);
		p->total = db_col_i64(st, 2);
		p->inst = db_col_i64(st, 3);
		snprintf(p->freq, sizeof p->freq, "%s", db_col_text(st, 4));
		snprintf(p->first_due, sizeof p->first_due, "%s", db_col_text(st, 5));
		snprintf(p->status, sizeof p->status, "%s", db_col_text(st, 6));
	}
	db_done(st);
	return rc == DB_ROW ? 0 : rc == DB_ERR ? -1 : err_set(e, ERR_NOT_FOUND, "payment plan %lld not found", (long long)id);
}

/* The plan's first installment not fully paid: its index, or -1 when all are paid. */
static int first_open(db *c, const plan_view *p, plan_installment *ins, err *e, int *k)
{
	int64_t paid;
	if (plan_paid(c, p->practice, p->id, p->patient, &paid, e))
		return -1;
	int n = plan_schedule(p->first_due, p->freq, p->total, p->inst, paid, ins);
	*k = -1;
	for (int i = 0; i < n && *k < 0; i++)
		if (ins[i].paid_cents < ins[i].amount_cents)
			*k = i;
	return 0;
}

static int plan_pass(db *c, int64_t practice, int64_t today, time_t now, plan_reminder_stats *s, err *e)
{
	int64_t ids[512];
	int n = 0, rc;
	int64_t after = 0;
	char ts[TS_LEN];
	ts_now(ts);
	do {
		db_stmt *st = db_prepare(c,
					 "SELECT id FROM payment_plan WHERE status = 'active' AND ($1 = 0 OR practice_id = $1) AND id > $2 "
					 "ORDER BY id LIMIT 512",
					 e);
		if (!st)
			return -1;
		db_bindv(st, "ii", practice, after);
		n = 0;
		while ((rc = db_step(st, e)) == DB_ROW)
			ids[n++] = db_col_i64(st, 0);
		db_done(st);
		if (rc == DB_ERR)
			return -1;
		for (int i = 0; i < n; i++) {
			plan_view p;
			plan_installment ins[PLAN_MAX_INSTALLMENTS];
			int k;
			if (load_plan(c, ids[i], &p, e) || first_open(c, &p, ins, e, &k))
				return -1;
			if (k < 0)
				continue;
			int64_t due = ins[k].day;
			const char *kind = due >= today && due - today <= UPCOMING_DAYS ? "upcoming" : due <= today - LATE_DAYS ? "late" : NULL;
			if (!kind)
				continue;
			char d[11];
			day_format(due, d);
			int64_t added = db_run(c, e,
					       "INSERT INTO plan_reminder (practice_id, plan_id, due, kind, status, next_s, created_at) "
					       "VALUES ($1, $2, $3, $4, 'pending', $5, $6) ON CONFLICT DO NOTHING",
					       "iissis", p.practice, p.id, d, kind, (int64_t)now, ts);
			if (added < 0)
				return -1;
			s->planned += (int)added;
		}
		after = n ? ids[n - 1] : after;
	} while (n == 512);
	return 0;
}

/* Records an attempt: the row's new state and its audit event, in one transaction. */
static int finish(db *c, int64_t id, const plan_view *p, int attempts, const char *status, int64_t next, const char *outcome,
		  const char *audit_outcome, err *e)
{
	char ts[TS_LEN];
	ts_now(ts);
	if (db_begin(c, e))
		return -1;
	audit_event ev = {p->practice, 0, "plan_reminder.send", "plan_reminder", id, p->patient, NULL, audit_outcome, outcome};
	int rc = db_run(c, e,
			"UPDATE plan_reminder SET status = $1, next_s = $2, attempts = $3, outcome = $4, "
			"sent_at = CASE WHEN $1 = 'sent' THEN $5 ELSE sent_at END WHERE id = $6",
			"siissi", status, next, (int64_t)attempts, outcome, ts, id) < 0 ||
				 audit_append(c, &ev, e)
			 ? -1
			 : 0;
	if (rc) {
		db_rollback(c);
		return -1;
	}
	return db_commit(c, e);
}

static int send_one(db *c, int64_t id, time_t now, void *arg, err *e)
{
	plan_reminder_stats *s = arg;
	int64_t n = db_run(c, e, "UPDATE plan_reminder SET status = 'sending', next_s = $1 WHERE id = $2 AND status = 'pending'",
			   "ii", (int64_t)now + 600, id);
	if (n <= 0)
		return n < 0 ? -1 : 0;
	int64_t plan = 0, attempts = 0;
	char due[11] = "", kind[16] = "", given[128] = "", email[256] = "", practice_name[128] = "";
	bool consent = false;
	db_stmt *st = db_prepare(c,
				 "SELECT r.plan_id, r.due, r.kind, r.attempts, p.given_name, p.email, p.email_consent, pr.name "
				 "FROM plan_reminder r JOIN payment_plan pp ON pp.id = r.plan_id JOIN patient p ON p.id = pp.patient_id "
				 "JOIN practice pr ON pr.id = r.practice_id WHERE r.id = $1",
				 e);
	if (!st)
		return -1;
	db_bind_i64(st, 1, id);
	int rc = db_step(st, e);
	if (rc == DB_ROW) {
		plan = db_col_i64(st, 0);
		snprintf(due, sizeof due, "%s", db_col_text(st, 1));
		snprintf(kind, sizeof kind, "%s", db_col_text(st, 2));
		attempts = db_col_i64(st, 3);
		snprintf(given, sizeof given, "%s", db_col_text(st, 4));
		snprintf(email, sizeof email, "%s", db_col_null(st, 5) ? "" : db_col_text(st, 5));
		consent = db_col_i64(st, 6) && email[0];
		snprintf(practice_name, sizeof practice_name, "%s", db_col_text(st, 7));
	}
	db_done(st);
	if (rc != DB_ROW)
		return rc == DB_ERR ? -1 : 0;
	plan_view p;
	plan_installment ins[PLAN_MAX_INSTALLMENTS];
	int k;
	if (load_plan(c, plan, &p, e) || first_open(c, &p, ins, e, &k))
		return -1;
	char open_due[11] = "";
	if (k >= 0)
		day_format(ins[k].day, open_due);
	if (strcmp(p.status, "active") || k < 0 || strcmp(open_due, due)) {
		s->skipped++;
		return finish(c, id, &p, (int)attempts, "skipped", 0,
			      strcmp(p.status, "active") ? "skipped: the plan is no longer active" : "skipped: the installment was paid",
			      "success", e);
	}
	if (!consent) {
		s->skipped++;
		return finish(c, id, &p, (int)attempts, "skipped", 0, "skipped: no e-mail consent or address", "success", e);
	}
	int64_t owed = ins[k].amount_cents - ins[k].paid_cents;
	char amount[32], when[40], subject[200], body[1200];
	snprintf(amount, sizeof amount, "$%lld.%02lld", (long long)(owed / 100), (long long)(owed % 100));
	int y, m, d;
	civil_from_day(ins[k].day, &y, &m, &d);
	snprintf(when, sizeof when, "%s %d, %d", month_long[m - 1], d, y);
	snprintf(subject, sizeof subject, "Payment plan %s from %s", strcmp(kind, "late") ? "reminder" : "notice", practice_name);
	if (strcmp(kind, "late"))
		snprintf(body, sizeof body,
			 "Hello %s,\n\nThis is a reminder that the next installment of your payment plan, %s, is due on %s.\n\n"
			 "You can pay at the front desk, by phone or by mail. Thank you.\n\n%s\n",
			 given, amount, when, practice_name);
	else
		snprintf(body, sizeof body,
			 "Hello %s,\n\nWe have not received the installment of your payment plan that was due on %s (%s).\n\n"
			 "Please pay it, or call us if the plan needs to change.\n\n%s\n",
			 given, when, amount, practice_name);
	err te = ERR_INIT;
	if (notify_email(email, subject, body, &te) == 0) {
		s->sent++;
		return finish(c, id, &p, (int)attempts + 1, "sent", 0, "sent", "success", e);
	}
	bool last = attempts + 1 >= MAX_ATTEMPTS;
	char outcome[300];
	snprintf(outcome, sizeof outcome, "attempt %lld failed: %s", (long long)attempts + 1, te.msg);
	err_clear(&te);
	s->failed += last;
	s->retrying += !last;
	return finish(c, id, &p, (int)attempts + 1, last ? "failed" : "pending", last ? 0 : (int64_t)now + backoff_s[attempts],
		      outcome, "failure", e);
}

int plan_reminders_run(db *c, int64_t practice, plan_reminder_stats *s, err *e)
{
	memset(s, 0, sizeof *s);
	time_t now = now_unix();
	char today_s[11];
	practice_today(c, practice, today_s);
	int64_t today;
	day_parse(today_s, &today);
	if (plan_pass(c, practice, today, now, s, e))
		return -1;
	return jobs_due(c, "plan_reminder", practice, now, send_one, s, e);
}
