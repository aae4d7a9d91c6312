/* appointments.c: reading appointments: one, a list, the day's check-in board. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/timeutil.h"
#include "schedule/appt.h"
#include "schedule/clock.h"

static json_t *text_or_null(db_stmt *st, int c) { return db_col_null(st, c) ? json_null() : json_string(db_col_text(st, c)); }

json_t *appt_json(db_stmt *st)
{
	const char *tz = db_col_text(st, 26);
	char a[LOCAL_TS_LEN], b[LOCAL_TS_LEN];
	int64_t s = db_col_i64(st, 6), t = db_col_i64(st, 7);
	tz_format(tz, (time_t)s, a);
	tz_format(tz, (time_t)t, b);
	char name[256];
	snprintf(name, sizeof name, "%s, %s", db_col_text(st, 27), db_col_text(st, 28));
	char prov[256];
	snprintf(prov, sizeof prov, "%s %s", db_col_text(st, 33), db_col_text(st, 32));
	json_t *o = json_pack("{s:I,s:I,s:{s:I,s:s,s:s,s:s},s:I,s:s,s:I,s:I,s:{s:s,s:s},s:o,s:s,s:s,s:I,s:s,s:s}", "id",
			      (json_int_t)db_col_i64(st, 0), "patient_id", (json_int_t)db_col_i64(st, 1), "patient", "id",
			      (json_int_t)db_col_i64(st, 1), "name", name, "mrn", db_col_text(st, 29), "birth_date",
			      db_col_text(st, 34), "provider_id",
			      (json_int_t)db_col_i64(st, 2), "provider_name", prov, "location_id",
			      (json_int_t)db_col_i64(st, 3), "type_id", (json_int_t)db_col_i64(st, 4), "type", "name",
			      db_col_text(st, 30), "color", db_col_text(st, 31), "resource_id",
			      db_col_null(st, 5) ? json_null() : json_integer(db_col_i64(st, 5)), "start", a, "end", b,
			      "duration_min", (json_int_t)((t - s) / 60), "status", db_col_text(st, 8), "time_zone", tz);
	json_object_set_new(o, "overbook", json_boolean(db_col_i64(st, 9)));
	json_object_set_new(o, "outside_availability", json_boolean(db_col_i64(st, 10)));
	json_object_set_new(o, "series_id", db_col_null(st, 11) ? json_null() : json_integer(db_col_i64(st, 11)));
	json_object_set_new(o, "note", text_or_null(st, 12));
	json_object_set_new(o, "cancel_reason", text_or_null(st, 13));
	json_object_set_new(o, "cancelled_by", text_or_null(st, 14));
	json_object_set_new(o, "late_cancel", json_boolean(db_col_i64(st, 15)));
	static const char *const times[] = {"confirmed_at", "arrived_at", "roomed_at", "with_provider_at",
					    "checked_out_at", "cancelled_at", "no_show_at"};
	for (int i = 0; i < 7; i++)
		json_object_set_new(o, times[i], text_or_null(st, 16 + i));
	json_object_set_new(o, "version", json_integer(db_col_i64(st, 23)));
	json_object_set_new(o, "created_at", json_string(db_col_text(st, 24)));
	json_object_set_new(o, "updated_at", json_string(db_col_text(st, 25)));
	return o;
}

int appt_load(ctx *x, int64_t id, json_t **out, err *e)
{
	db_stmt *st = db_prepare(x->db, APPT_SELECT "WHERE a.id = $1 AND a.practice_id = $2", e);
	if (!st)
		return -1;
	db_bindv(st, "ii", id, ctx_practice(x));
	int rc = db_step(st, e);
	if (rc == DB_ROW)
		*out = appt_json(st);
	db_done(st);
	if (rc == DB_DONE)
		return err_set(e, ERR_NOT_FOUND, "appointment %lld not found", (long long)id);
	return rc == DB_ROW ? 0 : -1;
}

int appt_answer(ctx *x, int64_t id, json_t **out, err *e)
{
	if (appt_load(x, id, out, e))
		return -1;
	json_t *one = json_pack("[O]", *out);
	int rc = appt_risk(x, one, e);
	json_decref(one);
	if (rc) {
		json_decref(*out);
		*out = NULL;
	}
	return rc;
}

int appt_get(ctx *x, int64_t id, json_t **out, err *e)
{
	if (appt_load(x, id, out, e))
		return -1;
	db_stmt *st = db_prepare(x->db,
				 "SELECT h.at, h.user_id, h.from_status, h.to_status, h.from_start_s, h.reason, u.display_name "
				 "FROM appointment_event h LEFT JOIN app_user u ON u.id = h.user_id "
				 "WHERE h.appointment_id = $1 ORDER BY h.id",
				 e);
	if (!st)
		goto fail;
	db_bind_i64(st, 1, id);
	json_t *hist = json_array();
	json_object_set_new(*out, "history", hist);
	const char *tz = json_string_value(json_object_get(*out, "time_zone"));
	int rc;
	while ((rc = db_step(st, e)) == DB_ROW) {
		json_t *h = json_pack("{s:s,s:o,s:o,s:o,s:s,s:o}", "at", db_col_text(st, 0), "user_id",
				      db_col_null(st, 1) ? json_null() : json_integer(db_col_i64(st, 1)), "user_name",
				      text_or_null(st, 6), "from_status", text_or_null(st, 2), "to_status", db_col_text(st, 3),
				      "reason", text_or_null(st, 5));
		if (!db_col_null(st, 4)) {
			char w[LOCAL_TS_LEN];
			tz_format(tz, (time_t)db_col_i64(st, 4), w);
			json_object_set_new(h, "from_start", json_string(w));
		}
		json_array_append_new(hist, h);
	}
	db_done(st);
	json_t *one = json_pack("[O]", *out);
	rc = rc == DB_ERR ? DB_ERR : appt_risk(x, one, e) ? DB_ERR : DB_DONE;
	json_decref(one);
	if (rc == DB_ERR)
		goto fail;
	ctx_audit_read(x, "appointment.read", "appointment", id, json_integer_value(json_object_get(*out, "patient_id")));
	return 0;
fail:
	json_decref(*out);
	*out = NULL;
	return -1;
}

/* A filter argument: an instant or a date (its midnight UTC). */
static int instant_arg(json_t *f, const char *name, int64_t *out, err *e)
{
	const char *s = json_string_value(json_object_get(f, name));
	if (!s)
		return 0;
	time_t t;
	if (ts_parse(s, &t))
		return err_field(e, name, "must be an RFC 3339 instant or a date");
	*out = (int64_t)t;
	return 0;
}

int appt_list(ctx *x, json_t *f, int limit, const char *cursor, json_t **out, err *e)
{
	int64_t from = 0, to = 0, after_s = INT64_MIN, after_id = 0;
	if (instant_arg(f, "from", &from, e) || instant_arg(f, "to", &to, e))
		return -1;
	int64_t patient = json_integer_value(json_object_get(f, "patient_id"));
	if (!patient && (!from || !to))
		return err_field(e, from ? "to" : "from", "is required (or patient_id)");
	if (!from)
		from = INT64_MIN / 2;
	if (!to)
		to = INT64_MAX / 2;
	if (cursor && *cursor) {
		long long cs, ci;
		char tail;
		if (sscanf(cursor, "%lld.%lld%c", &cs, &ci, &tail) != 2)
			return err_field(e, "cursor", "is not a cursor this list gave");
		after_s = cs, after_id = ci;
	}
	const char *status = json_string_value(json_object_get(f, "status"));
	db_stmt *st = db_prepare(x->db,
				 APPT_SELECT "WHERE a.practice_id = $1 AND a.start_s >= $2 AND a.start_s < $3 "
					     "AND ($4 = 0 OR a.provider_id = $4) AND ($5 = 0 OR a.location_id = $5) "
					     "AND ($6 = 0 OR a.patient_id = $6) AND ($7 = '' OR a.status = $7) "
					     "AND (a.start_s > $8 OR (a.start_s = $8 AND a.id > $9)) "
					     "ORDER BY a.start_s, a.id LIMIT $10",
				 e);
	if (!st)
		return -1;
	db_bindv(st, "iiiiiisiii", ctx_practice(x), from, to,
		 (int64_t)json_integer_value(json_object_get(f, "provider_id")),
		 (int64_t)json_integer_value(json_object_get(f, "location_id")), patient, status ? status : "", after_s,
		 after_id, (int64_t)limit + 1);
	json_t *items = json_array();
	int rc, n = 0;
	int64_t ls = 0, li = 0;
	while ((rc = db_step(st, e)) == DB_ROW && ++n <= limit) {
		ls = db_col_i64(st, 6);
		li = db_col_i64(st, 0);
		json_array_append_new(items, appt_json(st));
	}
	db_done(st);
	if (rc == DB_ERR || appt_risk(x, items, e)) {
		json_decref(items);
		return -1;
	}
	char next[48];
	snprintf(next, sizeof next, "%lld.%lld", (long long)ls, (long long)li);
	*out = json_pack("{s:o,s:o}", "items", items, "next_cursor", n > limit ? json_string(next) : json_null());
	ctx_audit_read(x, "appointment.list", "appointment", 0, patient);
	return 0;
}

static int minutes_since(json_t *o, const char *field, time_t now)
{
	time_t t;
	const char *s = json_string_value(json_object_get(o, field));
	return s && !ts_parse(s, &t) ? (int)((now - t) / 60) : -1;
}

int appt_board(ctx *x, const char *date, int64_t location, json_t **out, err *e)
{
	db_stmt *ls = db_prepare(x->db, "SELECT id, time_zone FROM location WHERE practice_id = $1 AND ($2 = 0 OR id = $2) ORDER BY id", e);
	if (!ls)
		return -1;
	db_bindv(ls, "ii", ctx_practice(x), location);
	int64_t ids[64];
	char tzs[64][64];
	int nl = 0, rc;
	while ((rc = db_step(ls, e)) == DB_ROW && nl < 64) {
		ids[nl] = db_col_i64(ls, 0);
		snprintf(tzs[nl++], 64, "%s", db_col_text(ls, 1));
	}
	db_done(ls);
	if (rc == DB_ERR)
		return -1;
	if (location && !nl)
		return err_set(e, ERR_NOT_FOUND, "location %lld not found", (long long)location);
	char today[11];
	int64_t day;
	if (!date || !*date) { /* today where the practice is (its first location's zone) */
		int minute, off;
		tz_local(nl ? tzs[0] : "UTC", now_unix(), &day, &minute, &off);
		day_format(day, today);
		date = today;
	} else if (!day_parse(date, &day))
		return err_field(e, "date", "must be a date, YYYY-MM-DD");
	time_t now = now_unix();
	json_t *items = json_array();
	for (int i = 0; i < nl; i++) {
		db_stmt *st = db_prepare(x->db,
					 APPT_SELECT "WHERE a.practice_id = $1 AND a.location_id = $2 AND a.start_s >= $3 "
						     "AND a.start_s < $4 AND a.status <> 'cancelled' ORDER BY a.start_s, a.id",
					 e);
		if (!st) {
			json_decref(items);
			return -1;
		}
		db_bindv(st, "iiii", ctx_practice(x), ids[i], (int64_t)tz_instant(tzs[i], day, 0),
			 (int64_t)tz_instant(tzs[i], day + 1, 0));
		while ((rc = db_step(st, e)) == DB_ROW) {
			json_t *o = appt_json(st);
			const char *s = json_string_value(json_object_get(o, "status"));
			/* minutes waiting: arrival to rooming, then rooming to the provider */
			int w = !strcmp(s, "arrived") ? minutes_since(o, "arrived_at", now)
				: !strcmp(s, "roomed") ? minutes_since(o, "roomed_at", now) : -1;
			json_object_set_new(o, "minutes_waiting", w >= 0 ? json_integer(w) : json_null());
			json_object_set_new(o, "late", json_boolean((!strcmp(s, "booked") || !strcmp(s, "confirmed")) &&
								    db_col_i64(st, 6) < (int64_t)now));
			json_array_append_new(items, o);
		}
		db_done(st);
		if (rc == DB_ERR) {
			json_decref(items);
			return -1;
		}
	}
	if (appt_risk(x, items, e)) {
		json_decref(items);
		return -1;
	}
	*out = json_pack("{s:s,s:o,s:o}", "date", date, "items", items, "next_cursor", json_null());
	ctx_audit_read(x, "schedule.board", "appointment", 0, 0);
	return 0;
}
