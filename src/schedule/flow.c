/* flow.c: the day of an appointment: booked -> confirmed -> arrived -> roomed -> with the
 * provider -> checked out; or cancelled, or a no-show. Each step is stamped, kept in the
 * history and audited; a step the current status does not allow answers ERR_STATE. */
#include <stdio.h>
#include <string.h>

#include "base/timeutil.h"
#include "schedule/appt.h"

static const struct step {
	const char *to, *from[3], *stamp;
	bool live;
} steps[] = {
	{"confirmed", {"booked"}, "confirmed_at", true},
	{"arrived", {"booked", "confirmed"}, "arrived_at", true},
	{"roomed", {"arrived"}, "roomed_at", true},
	{"with_provider", {"arrived", "roomed"}, "with_provider_at", true},
	{"checked_out", {"with_provider"}, "checked_out_at", true},
	{"no_show", {"booked", "confirmed"}, "no_show_at", false},
};

static const struct step *find_step(const char *to)
{
	for (size_t i = 0; i < sizeof steps / sizeof *steps; i++)
		if (!strcmp(steps[i].to, to))
			return &steps[i];
	return NULL;
}

static bool allowed(const struct step *s, const char *from)
{
	for (int i = 0; i < 3 && s->from[i]; i++)
		if (!strcmp(s->from[i], from))
			return true;
	return false;
}

/* Moves one appointment from `from` to `to` inside the caller's transaction; the WHERE on
 * the old status makes a concurrent step lose cleanly. */
static int move(ctx *x, int64_t id, const char *from, const char *to, const char *stamp, bool live, const char *reason,
		err *e)
{
	char ts[TS_LEN];
	ts_now(ts);
	char sql[256];
	snprintf(sql, sizeof sql,
		 "UPDATE appointment SET status = $1, %s = $2, live = $3, version = version + 1, updated_at = $2 "
		 "WHERE id = $4 AND practice_id = $5 AND status = $6",
		 stamp);
	int64_t n = db_run(x->db, e, sql, "ssiiis", to, ts, (int64_t)live, id, ctx_practice(x), from);
	if (n < 0)
		return -1;
	if (n == 0)
		return err_set(e, ERR_STATE, "appointment %lld changed meanwhile; reload it", (long long)id);
	return appt_event(x, id, from, to, 0, reason, e);
}

int appt_status(ctx *x, int64_t id, json_t *in, json_t **out, err *e)
{
	const char *to = json_string_value(json_object_get(in, "status"));
	if (!to)
		return err_field(e, "status", "is required");
	if (!strcmp(to, "cancelled"))
		return err_field(e, "status", "cancelled goes through POST /appointments/{id}/cancel, with a reason");
	const struct step *s = find_step(to);
	if (!s)
		return err_field(e, "status", "must be one of: confirmed, arrived, roomed, with_provider, checked_out, no_show");
	json_t *reason = json_object_get(in, "reason");
	if (reason && (!json_is_string(reason) || strlen(json_string_value(reason)) > 200))
		return err_field(e, "reason", "must be text of at most 200 characters");
	json_t *cur;
	if (appt_load(x, id, &cur, e))
		return -1;
	char from[16];
	snprintf(from, sizeof from, "%s", json_string_value(json_object_get(cur, "status")));
	int64_t patient = json_integer_value(json_object_get(cur, "patient_id"));
	time_t start;
	ts_parse(json_string_value(json_object_get(cur, "start")), &start);
	json_decref(cur);
	if (!allowed(s, from))
		return err_set(e, ERR_STATE, "a %s appointment cannot become %s", from, to);
	if (!strcmp(to, "no_show") && now_unix() < start)
		return err_set(e, ERR_STATE, "an appointment is a no-show only once its start has passed");
	char action[48];
	snprintf(action, sizeof action, "appointment.%s", to);
	if (db_begin(x->db, e))
		return -1;
	int rc = move(x, id, from, to, s->stamp, s->live, json_string_value(reason), e);
	if (!rc)
		rc = ctx_audit(x, action, "appointment", id, patient, NULL, e);
	if (rc) {
		db_rollback(x->db);
		return -1;
	}
	if (db_commit(x->db, e))
		return -1;
	return appt_answer(x, id, out, e);
}

int appt_cancel(ctx *x, int64_t id, json_t *in, json_t **out, err *e)
{
	if (!json_is_object(in))
		return err_set(e, ERR_BAD_REQUEST, "the body must be a JSON object");
	const char *reason = json_string_value(json_object_get(in, "reason"));
	const char *by = json_string_value(json_object_get(in, "by"));
	const char *scope = json_string_value(json_object_get(in, "scope"));
	if (!reason || !*reason || strlen(reason) > 200)
		err_field(e, "reason", "is required: why the appointment is cancelled (at most 200 characters)");
	if (!by || (strcmp(by, "patient") && strcmp(by, "practice")))
		err_field(e, "by", "must be patient or practice");
	if (scope && strcmp(scope, "one") && strcmp(scope, "remaining"))
		err_field(e, "scope", "must be one or remaining");
	if (err_has_fields(e))
		return -1;
	json_t *cur;
	if (appt_load(x, id, &cur, e))
		return -1;
	/* this one, or this one and the series' later open occurrences */
	int64_t ids[64], n = 0;
	char from[64][16];
	ids[n] = id;
	snprintf(from[n++], 16, "%s", json_string_value(json_object_get(cur, "status")));
	if (strcmp(from[0], "booked") && strcmp(from[0], "confirmed")) {
		err_set(e, ERR_STATE, "a %s appointment cannot be cancelled", from[0]);
		json_decref(cur);
		return -1;
	}
	time_t start;
	ts_parse(json_string_value(json_object_get(cur, "start")), &start);
	int64_t series = json_integer_value(json_object_get(cur, "series_id"));
	int64_t patient = json_integer_value(json_object_get(cur, "patient_id"));
	int64_t type = json_integer_value(json_object_get(cur, "type_id"));
	int64_t provider = json_integer_value(json_object_get(cur, "provider_id"));
	int64_t location = json_integer_value(json_object_get(cur, "location_id"));
	char tz[64];
	snprintf(tz, sizeof tz, "%s", json_string_value(json_object_get(cur, "time_zone")));
	json_decref(cur);
	sched_settings set;
	if (settings_load(x->db, ctx_practice(x), &set, e))
		return -1;
	bool late = !strcmp(by, "patient") && start - now_unix() < (time_t)set.late_cancel_hours * 3600;

	if (scope && !strcmp(scope, "remaining") && series) {
		db_stmt *st = db_prepare(x->db,
					 "SELECT id, status FROM appointment WHERE series_id = $1 AND practice_id = $2 "
					 "AND start_s > $3 AND status IN ('booked', 'confirmed') ORDER BY start_s",
					 e);
		if (!st)
			return -1;
		db_bindv(st, "iii", series, ctx_practice(x), (int64_t)start);
		int rc;
		while ((rc = db_step(st, e)) == DB_ROW && n < 64) {
			ids[n] = db_col_i64(st, 0);
			snprintf(from[n++], 16, "%s", db_col_text(st, 1));
		}
		db_done(st);
		if (rc == DB_ERR)
			return -1;
	}
	if (db_begin(x->db, e))
		return -1;
	int rc = 0;
	for (int i = 0; i < n && !rc; i++) {
		/* lateness concerns the one being cancelled now, not the later ones of the series */
		char ts[TS_LEN];
		ts_now(ts);
		int64_t ch = db_run(x->db, e,
				    "UPDATE appointment SET status = 'cancelled', cancelled_at = $1, live = 0, version = version + 1, "
				    "updated_at = $1, cancel_reason = $2, cancelled_by = $3, late_cancel = $4 "
				    "WHERE id = $5 AND practice_id = $6 AND status = $7",
				    "sssiiis", ts, reason, by, (int64_t)(late && i == 0), ids[i], ctx_practice(x), from[i]);
		if (ch < 0)
			rc = -1;
		else if (ch == 0)
			rc = err_set(e, ERR_STATE, "appointment %lld changed meanwhile; reload it", (long long)ids[i]);
		if (!rc)
			rc = appt_event(x, ids[i], from[i], "cancelled", 0, reason, e);
		if (!rc)
			rc = ctx_audit(x, late && i == 0 ? "appointment.cancel_late" : "appointment.cancel", "appointment", ids[i],
				       patient, by, e);
	}
	json_t *matches = NULL;
	if (!rc)
		rc = waitlist_offer(x, type, provider, location, (int64_t)start, tz, &matches, e);
	if (rc) {
		db_rollback(x->db);
		return -1;
	}
	if (db_commit(x->db, e)) {
		json_decref(matches);
		return -1;
	}
	if (appt_answer(x, id, out, e)) {
		json_decref(matches);
		return -1;
	}
	json_object_set_new(*out, "cancelled_count", json_integer(n));
	json_object_set_new(*out, "waitlist_matches", matches);
	return 0;
}
