/* reminders.c: appointment reminders and the link in them (see schedule.h).
 *
 * A pass plans a reminder row for each live appointment and active rule whose time comes
 * within a day, then sends the rows that are due. Sending claims a row first (an UPDATE
 * from pending to sending), so two servers never send the same reminder. A reminder says
 * where and when, never why: no type, no provider specialty, no clinical detail. Each
 * attempt's outcome is kept on the row and audited; failures retry after 1, 5, 30 and 120
 * minutes, then the reminder is marked failed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/crypto.h"
#include "base/timeutil.h"
#include "jobs/jobs.h"
#include "notify/notify.h"
#include "schedule/appt.h"
#include "schedule/clock.h"

#define MAX_ATTEMPTS 5
static const int backoff_s[MAX_ATTEMPTS] = {60, 300, 1800, 7200, 7200};

static const char *const weekday_long[7] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
static const char *const month_long[12] = {"January", "February", "March",     "April",   "May",      "June",
					   "July",    "August",   "September", "October", "November", "December"};

/* "Tuesday, March 10 at 9:00 AM" in the location's zone */
static void when_text(const char *tz, time_t t, char *out, size_t n)
{
	int64_t day;
	int minute, off, y, m, d;
	tz_local(tz, t, &day, &minute, &off);
	civil_from_day(day, &y, &m, &d);
	int h = minute / 60 % 12;
	snprintf(out, n, "%s, %s %d at %d:%02d %s", weekday_long[day_weekday(day)], month_long[m - 1], d, h ? h : 12,
		 minute % 60, minute < 720 ? "AM" : "PM");
}

static bool quiet(const sched_settings *s, int minute)
{
	if (s->quiet_start == s->quiet_end)
		return false;
	return s->quiet_start < s->quiet_end ? minute >= s->quiet_start && minute < s->quiet_end
					     : minute >= s->quiet_start || minute < s->quiet_end;
}

static int plan(db *c, int64_t practice, time_t now, reminder_stats *s, err *e)
{
	char ts[TS_LEN];
	ts_format(now, ts);
	/* due within a day; a reminder whose time passed more than 6 hours ago is not sent late */
	int64_t n = db_run(c, e,
			   "INSERT INTO reminder (practice_id, appointment_id, rule_id, channel, status, next_s, created_at) "
			   "SELECT a.practice_id, a.id, r.id, r.channel, 'pending', a.start_s - r.hours_before * 3600, $1 "
			   "FROM appointment a JOIN reminder_rule r ON r.practice_id = a.practice_id AND r.active = 1 "
			   "WHERE a.practice_id = $2 AND a.start_s > $3 AND a.start_s < $4 AND a.live = 1 "
			   "AND a.status IN ('booked', 'confirmed') AND a.start_s - r.hours_before * 3600 <= $5 "
			   "AND a.start_s - r.hours_before * 3600 >= $6 "
			   "AND NOT EXISTS (SELECT 1 FROM reminder m WHERE m.appointment_id = a.id AND m.rule_id = r.id)",
			   "siiiii", ts, practice, (int64_t)now, (int64_t)now + 86400 + 337 * 3600, (int64_t)now + 86400,
			   (int64_t)now - 6 * 3600);
	if (n < 0)
		return -1;
	s->planned += (int)n;
	return 0;
}

/* What a reminder needs to know, read after claiming it. */
typedef struct job {
	int64_t id, practice, appointment, patient, start;
	int attempts;
	char channel[8], status[16], tz[64], location[128], practice_name[128], given[128], email[256], phone[40];
	bool email_ok, sms_ok;
} job;

static int load_job(db *c, job *j, err *e)
{
	db_stmt *st = db_prepare(c,
				 "SELECT m.practice_id, m.appointment_id, m.channel, m.attempts, a.status, a.start_s, l.time_zone, "
				 "l.name, pr.name, p.id, p.given_name, p.email, p.phone_mobile, p.email_consent, p.sms_consent "
				 "FROM reminder m JOIN appointment a ON a.id = m.appointment_id JOIN location l ON l.id = a.location_id "
				 "JOIN practice pr ON pr.id = m.practice_id JOIN patient p ON p.id = a.patient_id WHERE m.id = $1",
				 e);
	if (!st)
		return -1;
	db_bind_i64(st, 1, j->id);
	int rc = db_step(st, e);
	if (rc == DB_ROW) {
		j->practice = db_col_i64(st, 0);
		j->appointment = db_col_i64(st, 1);
		snprintf(j->channel, sizeof j->channel, "%s", db_col_text(st, 2));
		j->attempts = (int)db_col_i64(st, 3);
		snprintf(j->status, sizeof j->status, "%s", db_col_text(st, 4));
		j->start = db_col_i64(st, 5);
		snprintf(j->tz, sizeof j->tz, "%s", db_col_text(st, 6));
		snprintf(j->location, sizeof j->location, "%s", db_col_text(st, 7));
		snprintf(j->practice_name, sizeof j->practice_name, "%s", db_col_text(st, 8));
		j->patient = db_col_i64(st, 9);
		snprintf(j->given, sizeof j->given, "%s", db_col_text(st, 10));
		snprintf(j->email, sizeof j->email, "%s", db_col_null(st, 11) ? "" : db_col_text(st, 11));
		snprintf(j->phone, sizeof j->phone, "%s", db_col_null(st, 12) ? "" : db_col_text(st, 12));
		j->email_ok = db_col_i64(st, 13) && j->email[0];
		j->sms_ok = db_col_i64(st, 14) && j->phone[0];
	}
	db_done(st);
	return rc == DB_ROW ? 0 : rc == DB_ERR ? -1 : err_set(e, ERR_NOT_FOUND, "reminder %lld not found", (long long)j->id);
}

/* Records an attempt: the row's new state and its audit event, in one transaction. */
static int finish(db *c, const job *j, const char *status, int64_t next, const char *outcome, const char *audit_outcome,
		  err *e)
{
	char ts[TS_LEN];
	ts_now(ts);
	if (db_begin(c, e))
		return -1;
	int rc = db_run(c, e,
			"UPDATE reminder SET status = $1, next_s = $2, attempts = $3, outcome = $4, "
			"sent_at = CASE WHEN $1 = 'sent' THEN $5 ELSE sent_at END WHERE id = $6",
			"siissi", status, next, (int64_t)(j->attempts + (strcmp(status, "skipped") ? 1 : 0)), outcome, ts, j->id) < 0
		     ? -1
		     : 0;
	if (!rc && audit_outcome) { /* every attempt; a deferral is not one */
		audit_event ev = {j->practice, 0, "reminder.send", "reminder", j->id, j->patient, NULL, audit_outcome, outcome};
		rc = audit_append(c, &ev, e);
	}
	if (rc) {
		db_rollback(c);
		return -1;
	}
	return db_commit(c, e);
}

/* A one-time link for the patient to confirm or cancel, valid until the start. */
static int new_link(db *c, const job *j, char token[TOKEN_LEN], err *e)
{
	char th[HASH_HEX_LEN];
	token_new(token);
	hash_hex(token, strlen(token), th);
	return db_run(c, e,
		      "INSERT INTO appointment_link (token_hash, practice_id, appointment_id, expires_s) VALUES ($1, $2, $3, $4)",
		      "siii", th, j->practice, j->appointment, j->start) < 0
		       ? -1
		       : 0;
}

static int send_one(db *c, int64_t id, time_t now, void *arg, err *e)
{
	reminder_stats *s = arg;
	/* claim it: another server may be looking at the same row */
	int64_t n = db_run(c, e, "UPDATE reminder SET status = 'sending', next_s = $1 WHERE id = $2 AND status = 'pending'",
			   "ii", (int64_t)now + 600, id);
	if (n <= 0)
		return n < 0 ? -1 : 0;
	job j = {.id = id};
	if (load_job(c, &j, e))
		return -1;
	sched_settings set;
	if (settings_load(c, j.practice, &set, e))
		return -1;
	bool email = !strcmp(j.channel, "email");
	if ((strcmp(j.status, "booked") && strcmp(j.status, "confirmed")) || j.start <= (int64_t)now) {
		s->skipped++;
		return finish(c, &j, "skipped", 0, "skipped: the appointment is no longer open", "success", e);
	}
	if (email ? !j.email_ok : !j.sms_ok) {
		s->skipped++;
		return finish(c, &j, "skipped", 0,
			      email ? "skipped: no e-mail consent or address" : "skipped: no SMS consent or mobile number", "success", e);
	}
	int64_t day;
	int minute, off;
	tz_local(j.tz, now, &day, &minute, &off);
	if (quiet(&set, minute)) { /* wait for the end of the quiet hours, local time */
		int64_t end_day = minute >= set.quiet_end ? day + 1 : day;
		s->deferred++;
		return finish(c, &j, "pending", (int64_t)tz_instant(j.tz, end_day, set.quiet_end), "deferred: quiet hours", NULL, e);
	}
	char token[TOKEN_LEN], when[96], url[512], body[1400];
	if (new_link(c, &j, token, e))
		return -1;
	const char *base = getenv("PRAXIS_PUBLIC_URL");
	snprintf(url, sizeof url, "%s/appointment-link?token=%s", base && *base ? base : "http://127.0.0.1:8080", token);
	when_text(j.tz, (time_t)j.start, when, sizeof when);
	err te = ERR_INIT;
	int rc;
	if (email) {
		char subject[200];
		snprintf(subject, sizeof subject, "Appointment reminder from %s", j.practice_name);
		snprintf(body, sizeof body,
			 "Hello %s,\n\nThis is a reminder of your appointment at %s on %s.\n\n"
			 "Please confirm, or cancel if you cannot come: %s\n\n%s\n",
			 j.given, j.location, when, url, j.practice_name);
		rc = notify_email(j.email, subject, body, &te);
	} else {
		snprintf(body, sizeof body, "%s: reminder of your appointment on %s at %s. Confirm or cancel: %s", j.practice_name,
			 when, j.location, url);
		rc = notify_sms(j.phone, body, &te);
	}
	if (rc == 0) {
		s->sent++;
		err_clear(&te);
		return finish(c, &j, "sent", 0, "sent", "success", e);
	}
	bool last = j.attempts + 1 >= MAX_ATTEMPTS;
	char outcome[300];
	snprintf(outcome, sizeof outcome, "attempt %d failed: %s", j.attempts + 1, te.msg);
	err_clear(&te);
	s->failed += last;
	s->retrying += !last;
	return finish(c, &j, last ? "failed" : "pending", last ? 0 : (int64_t)now + backoff_s[j.attempts], outcome, "failure", e);
}

int reminders_run(db *c, int64_t practice, reminder_stats *s, err *e)
{
	memset(s, 0, sizeof *s);
	time_t now = now_unix();
	int64_t ids[256];
	int n = 0, rc;
	db_stmt *st = db_prepare(c, "SELECT id FROM practice WHERE id > 0 AND ($1 = 0 OR id = $1) ORDER BY id", e);
	if (!st)
		return -1;
	db_bind_i64(st, 1, practice);
	while ((rc = db_step(st, e)) == DB_ROW && n < 256)
		ids[n++] = db_col_i64(st, 0);
	db_done(st);
	if (rc == DB_ERR)
		return -1;
	for (int i = 0; i < n; i++)
		if (plan(c, ids[i], now, s, e))
			return -1;
	return jobs_due(c, "reminder", practice, now, send_one, s, e);
}

int reminder_list(ctx *x, int64_t appointment, json_t **out, err *e)
{
	db_stmt *st = db_prepare(x->db,
				 "SELECT m.id, m.channel, m.status, m.next_s, m.attempts, m.outcome, m.sent_at, r.hours_before "
				 "FROM reminder m JOIN reminder_rule r ON r.id = m.rule_id "
				 "WHERE m.practice_id = $1 AND m.appointment_id = $2 ORDER BY m.id",
				 e);
	if (!st)
		return -1;
	db_bindv(st, "ii", ctx_practice(x), appointment);
	json_t *items = json_array();
	int rc;
	while ((rc = db_step(st, e)) == DB_ROW) {
		char due[TS_LEN];
		ts_format((time_t)db_col_i64(st, 3), due);
		json_array_append_new(items, json_pack("{s:I,s:s,s:s,s:s,s:I,s:s?,s:s?,s:I}", "id", (json_int_t)db_col_i64(st, 0),
						       "channel", db_col_text(st, 1), "status", db_col_text(st, 2), "next_attempt",
						       due, "attempts", (json_int_t)db_col_i64(st, 4), "outcome",
						       db_col_text(st, 5), "sent_at", db_col_text(st, 6), "hours_before",
						       (json_int_t)db_col_i64(st, 7)));
	}
	db_done(st);
	if (rc == DB_ERR) {
		json_decref(items);
		return -1;
	}
	*out = json_pack("{s:o,s:n}", "items", items, "next_cursor");
	return 0;
}

/* --- the link --- */

typedef struct link {
	int64_t practice, appointment, expires;
	bool used;
	char used_action[16];
} link;

static int find_link(db *c, const char *token, char th[HASH_HEX_LEN], link *l, err *e)
{
	if (!token || strlen(token) != TOKEN_LEN - 1)
		return err_set(e, ERR_NOT_FOUND, "this link is not valid");
	hash_hex(token, strlen(token), th);
	db_stmt *st = db_prepare(c, "SELECT practice_id, appointment_id, expires_s, used_at, used_action FROM appointment_link WHERE token_hash = $1", e);
	if (!st)
		return -1;
	db_bind_text(st, 1, th);
	int rc = db_step(st, e);
	if (rc == DB_ROW) {
		l->practice = db_col_i64(st, 0);
		l->appointment = db_col_i64(st, 1);
		l->expires = db_col_i64(st, 2);
		l->used = !db_col_null(st, 3);
		snprintf(l->used_action, sizeof l->used_action, "%s", l->used ? db_col_text(st, 4) : "");
	}
	db_done(st);
	return rc == DB_ROW ? 0 : rc == DB_ERR ? -1 : err_set(e, ERR_NOT_FOUND, "this link is not valid");
}

int link_view(db *c, const char *token, json_t **out, err *e)
{
	char th[HASH_HEX_LEN];
	link l;
	if (find_link(c, token, th, &l, e))
		return -1;
	db_stmt *st = db_prepare(c,
				 "SELECT a.start_s, a.status, l.time_zone, l.name, pr.name FROM appointment a "
				 "JOIN location l ON l.id = a.location_id JOIN practice pr ON pr.id = a.practice_id WHERE a.id = $1",
				 e);
	if (!st)
		return -1;
	db_bind_i64(st, 1, l.appointment);
	int rc = db_step(st, e);
	if (rc == DB_ROW) {
		char when[96], start[LOCAL_TS_LEN];
		when_text(db_col_text(st, 2), (time_t)db_col_i64(st, 0), when, sizeof when);
		tz_format(db_col_text(st, 2), (time_t)db_col_i64(st, 0), start);
		const char *status = db_col_text(st, 1);
		bool expired = l.expires <= (int64_t)now_unix();
		bool open = !l.used && !expired && (!strcmp(status, "booked") || !strcmp(status, "confirmed"));
		*out = json_pack("{s:s,s:s,s:s,s:s,s:s,s:b,s:b,s:s?}", "practice", db_col_text(st, 4), "location",
				 db_col_text(st, 3), "start", start, "when", when, "status", status, "actionable", open, "expired",
				 expired, "used_action", l.used ? l.used_action : NULL);
	}
	db_done(st);
	return rc == DB_ROW ? 0 : -1;
}

int link_act(db *c, const char *token, const char *action, const char *ip, json_t **out, err *e)
{
	if (!action || (strcmp(action, "confirm") && strcmp(action, "cancel")))
		return err_field(e, "action", "must be confirm or cancel");
	char th[HASH_HEX_LEN], ts[TS_LEN];
	link l;
	if (find_link(c, token, th, &l, e))
		return -1;
	ts_now(ts);
	/* spend the link first: a second use (or a replay) finds it used */
	int64_t n = db_run(c, e,
			   "UPDATE appointment_link SET used_at = $1, used_action = $2 WHERE token_hash = $3 AND used_at IS NULL "
			   "AND expires_s > $4",
			   "sssi", ts, action, th, (int64_t)now_unix());
	if (n < 0)
		return -1;
	if (n == 0)
		return err_set(e, ERR_STATE, l.used ? "this link was already used" : "this link has expired");
	principal patient = {.practice_id = l.practice, .user_id = 0, .perms = ~(permset)0};
	ctx x = {.db = c, .who = &patient, .ip = ip};
	json_t *in = !strcmp(action, "confirm")
			     ? json_pack("{s:s,s:s}", "status", "confirmed", "reason", "confirmed by the patient from a reminder")
			     : json_pack("{s:s,s:s}", "reason", "cancelled by the patient from a reminder", "by", "patient");
	json_t *done = NULL;
	int rc = !strcmp(action, "confirm") ? appt_status(&x, l.appointment, in, &done, e) : appt_cancel(&x, l.appointment, in, &done, e);
	json_decref(in);
	json_decref(done);
	if (rc && e->code == ERR_STATE && !strcmp(action, "confirm")) { /* confirmed already: nothing to do */
		err_clear(e);
		rc = 0;
	}
	if (!rc)
		rc = ctx_flush(&x, e);
	return rc ? -1 : link_view(c, token, out, e);
}
