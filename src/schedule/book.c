/* book.c: booking, rescheduling, the status flow and cancelling. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/timeutil.h"
#include "schedule/appt.h"
#include "schedule/clock.h"

int appt_event(ctx *x, int64_t id, const char *from, const char *to, int64_t from_start, const char *reason, err *e)
{
	char ts[TS_LEN];
	ts_now(ts);
	db_stmt *st = db_prepare(x->db,
				 "INSERT INTO appointment_event (practice_id, appointment_id, at, user_id, from_status, "
				 "to_status, from_start_s, reason) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
				 e);
	if (!st)
		return -1;
	db_bindv(st, "iisnssns", ctx_practice(x), id, ts, ctx_user(x), from, to, from_start, reason);
	int rc = db_step(st, e);
	db_done(st);
	return rc == DB_DONE ? 0 : -1;
}

int appt_conflict(ctx *x, int64_t self, int64_t provider, int64_t resource, bool overbook, int64_t a, int64_t b,
		  const char *tz, err *e)
{
	for (int pass = 0; pass < 2; pass++) {
		if (pass == 1 && !resource)
			break;
		db_stmt *st;
		if (pass == 0) { /* the provider: a regular booking collides with regular ones, an overbooking with overbookings */
			st = db_prepare(x->db,
					"SELECT id, start_s, end_s FROM appointment WHERE provider_id = $1 AND start_s > $2 "
					"AND start_s < $3 AND end_s > $4 AND live = 1 AND overbook = $5 AND id <> $6 "
					"ORDER BY start_s LIMIT 1",
					e);
			if (st)
				db_bindv(st, "iiiiii", provider, a - 86400, b, a, (int64_t)overbook, self);
		} else { /* the room or equipment: with anything */
			st = db_prepare(x->db,
					"SELECT id, start_s, end_s FROM appointment WHERE resource_id = $1 AND start_s > $2 "
					"AND start_s < $3 AND end_s > $4 AND live = 1 AND id <> $5 ORDER BY start_s LIMIT 1",
					e);
			if (st)
				db_bindv(st, "iiiii", resource, a - 86400, b, a, self);
		}
		if (!st)
			return -1;
		int rc = db_step(st, e);
		if (rc == DB_ROW) {
			char s[LOCAL_TS_LEN], t[LOCAL_TS_LEN];
			tz_format(tz, (time_t)db_col_i64(st, 1), s);
			tz_format(tz, (time_t)db_col_i64(st, 2), t);
			int64_t id = db_col_i64(st, 0);
			db_done(st);
			const char *with = pass == 0 ? "provider" : "resource";
			err_set(e, ERR_CONFLICT, "the %s is booked from %s to %s (appointment %lld)", with, s, t, (long long)id);
			e->extra = json_pack("{s:{s:I,s:s,s:s,s:s}}", "conflict", "appointment_id", (json_int_t)id, "start", s,
					     "end", t, "with", with);
			return -1;
		}
		db_done(st);
		if (rc == DB_ERR)
			return -1;
	}
	return 0;
}

/* What a booking needs to know about its type, provider and location. */
typedef struct target {
	int64_t type, provider, location, resource;
	int duration_min;
	char tz[64];
} target;

static int load_target(ctx *x, target *t, err *e)
{
	db_stmt *st = db_prepare(x->db, "SELECT duration_min, resource_id, active FROM appointment_type WHERE id = $1 AND practice_id = $2", e);
	if (!st)
		return -1;
	db_bindv(st, "ii", t->type, ctx_practice(x));
	int rc = db_step(st, e);
	bool active = false;
	if (rc == DB_ROW) {
		t->duration_min = (int)db_col_i64(st, 0);
		t->resource = db_col_null(st, 1) ? 0 : db_col_i64(st, 1);
		active = db_col_i64(st, 2);
	}
	db_done(st);
	if (rc == DB_ERR)
		return -1;
	if (rc == DB_DONE || !active)
		return err_field(e, "type_id", "is not an active appointment type of this practice");
	int64_t one;
	rc = db_one_i64(x->db, e, &one,
			"SELECT 1 FROM appointment_type_provider tp JOIN provider p ON p.id = tp.provider_id "
			"WHERE tp.type_id = $1 AND tp.provider_id = $2 AND p.practice_id = $3 AND p.active = 1",
			"iii", t->type, t->provider, ctx_practice(x));
	if (rc <= 0)
		return rc < 0 ? -1 : err_field(e, "provider_id", "is not an active provider offering this appointment type");
	st = db_prepare(x->db, "SELECT time_zone FROM location WHERE id = $1 AND practice_id = $2 AND active = 1", e);
	if (!st)
		return -1;
	db_bindv(st, "ii", t->location, ctx_practice(x));
	rc = db_step(st, e);
	if (rc == DB_ROW)
		snprintf(t->tz, sizeof t->tz, "%s", db_col_text(st, 0));
	db_done(st);
	if (rc == DB_ERR)
		return -1;
	return rc == DB_ROW ? 0 : err_field(e, "location_id", "is not an active location of this practice");
}

/* Outside availability is refused unless the caller may override and asked to, with a reason. */
static int check_hours(ctx *x, const target *t, int64_t a, int64_t b, json_t *in, bool *outside, err *e)
{
	bool inside;
	if (avail_covers(x->db, ctx_practice(x), t->provider, t->location, a, b, &inside, e))
		return -1;
	*outside = !inside;
	if (inside)
		return 0;
	if (!json_is_true(json_object_get(in, "override"))) {
		char s[LOCAL_TS_LEN];
		tz_format(t->tz, (time_t)a, s);
		err_set(e, ERR_UNPROCESSABLE, "%s is outside the provider's availability at this location", s);
		e->extra = json_pack("{s:s}", "rule", "outside_availability");
		return -1;
	}
	if (!ctx_can(x, P_SCHEDULE_OVERRIDE))
		return err_set(e, ERR_FORBIDDEN, "booking outside availability needs the schedule.override permission");
	const char *why = json_string_value(json_object_get(in, "override_reason"));
	if (!why || !*why)
		return err_field(e, "override_reason", "is required when booking outside availability");
	return 0;
}

/* Overbooking is a deliberate act: anyone with schedule.override; otherwise only where the
 * practice allows it and the regular booking of that time is at high risk of a no-show. */
static int may_overbook(ctx *x, const target *t, int64_t a, err *e)
{
	if (ctx_can(x, P_SCHEDULE_OVERRIDE))
		return 0;
	sched_settings s;
	if (settings_load(x->db, ctx_practice(x), &s, e))
		return -1;
	if (!s.overbook_high_risk)
		return err_set(e, ERR_FORBIDDEN, "overbooking needs the schedule.override permission here");
	err probe = ERR_INIT;
	if (appt_conflict(x, 0, t->provider, 0, false, a, a + t->duration_min * 60, t->tz, &probe) == 0)
		return err_field(e, "overbook", "there is no booking to overbook at this time");
	if (probe.code != ERR_CONFLICT) {
		*e = probe;
		return -1;
	}
	int64_t id = json_integer_value(json_object_get(json_object_get(probe.extra, "conflict"), "appointment_id"));
	err_clear(&probe);
	json_t *cur;
	if (appt_load(x, id, &cur, e))
		return -1;
	json_t *one = json_pack("[O]", cur);
	int rc = appt_risk(x, one, e);
	json_decref(one);
	const char *level = json_string_value(json_object_get(json_object_get(cur, "no_show_risk"), "level"));
	if (!rc && (!level || strcmp(level, "high"))) {
		err_set(e, ERR_UNPROCESSABLE, "only a slot whose booking is at high risk of a no-show may be overbooked (appointment %lld is %s)",
			(long long)id, level ? level : "not open");
		e->extra = json_pack("{s:s}", "rule", "overbook_not_high_risk");
		rc = -1;
	}
	json_decref(cur);
	return rc;
}

static int int_field(json_t *in, const char *name, bool required, int64_t *v, err *e)
{
	json_t *j = json_object_get(in, name);
	if (!j || json_is_null(j)) {
		*v = 0;
		return required ? err_field(e, name, "is required") : 0;
	}
	if (!json_is_integer(j) || json_integer_value(j) <= 0)
		return err_field(e, name, "must be a positive integer id");
	*v = json_integer_value(j);
	return 0;
}

static int text_field(json_t *in, const char *name, int max, err *e)
{
	json_t *j = json_object_get(in, name);
	if (j && !json_is_null(j) && (!json_is_string(j) || strlen(json_string_value(j)) > (size_t)max))
		return err_field(e, name, "must be text of at most %d characters", max);
	return 0;
}

static const char *const book_keys[] = {"patient_id", "provider_id", "location_id", "type_id", "start", "note",
					"override", "override_reason", "overbook", "repeat", NULL};

static int known_keys(json_t *in, const char *const *keys, err *e)
{
	const char *k;
	json_t *v;
	json_object_foreach(in, k, v) {
		const char *const *p = keys;
		while (*p && strcmp(*p, k))
			p++;
		if (!*p)
			err_field(e, k, "is not a known field");
	}
	return err_has_fields(e) ? -1 : 0;
}

/* Inserts one appointment inside the caller's transaction. */
static int insert(ctx *x, const target *t, int64_t patient, int64_t a, bool overbook, bool outside, int64_t series,
		  const char *note, const char *reason, int64_t *id, err *e)
{
	if (appt_conflict(x, 0, t->provider, t->resource, overbook, a, a + t->duration_min * 60, t->tz, e))
		return -1;
	char ts[TS_LEN];
	ts_now(ts);
	db_stmt *st = db_prepare(x->db,
				 "INSERT INTO appointment (practice_id, patient_id, provider_id, location_id, type_id, "
				 "resource_id, start_s, end_s, status, live, overbook, outside_availability, series_id, note, "
				 "booked_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'booked', 1, $9, "
				 "$10, $11, $12, $13, $14, $14) RETURNING id",
				 e);
	if (!st)
		return -1;
	db_bindv(st, "iiiiiniiiinsns", ctx_practice(x), patient, t->provider, t->location, t->type, t->resource, a,
		 a + t->duration_min * 60, (int64_t)overbook, (int64_t)outside, series, note, ctx_user(x), ts);
	int rc = db_step(st, e);
	if (rc == DB_ROW)
		*id = db_col_i64(st, 0);
	db_done(st);
	if (rc != DB_ROW)
		return -1;
	if (appt_event(x, *id, NULL, "booked", 0, outside ? reason : NULL, e))
		return -1;
	return ctx_audit(x, outside ? "appointment.create_override" : overbook ? "appointment.create_overbook" : "appointment.create",
			 "appointment", *id, patient, outside ? reason : NULL, e);
}

/* A lost race: the database refused an overlap the pre-check did not see. Name the winner. */
static int lost_race(ctx *x, const target *t, bool overbook, int64_t a, err *e)
{
	if (e->code != ERR_CONFLICT || strncmp(e->msg, "exclusion", 9) || e->extra)
		return -1;
	err_clear(e);
	if (appt_conflict(x, 0, t->provider, t->resource, overbook, a, a + t->duration_min * 60, t->tz, e) == 0)
		err_set(e, ERR_CONFLICT, "the time was taken by another booking");
	return -1;
}

/* The write of a booking: every occurrence, or none (see db_group_write). */
typedef struct booking {
	ctx x;
	const target *t;
	int64_t patient;
	int count;
	const int64_t *at;
	const bool *outside;
	bool overbook;
	const char *note, *reason;
	int64_t first; /* out: the first appointment's id */
	int failed;    /* out: the occurrence that could not be booked */
} booking;

static int book_tx(db *w, void *arg, err *e)
{
	booking *b = arg;
	ctx x = b->x;
	x.db = w;
	for (int i = 0; i < b->count; i++) {
		int64_t id;
		if (insert(&x, b->t, b->patient, b->at[i], b->overbook, b->outside[i], b->count > 1 ? b->first : 0, b->note,
			   b->reason, &id, e)) {
			b->failed = i;
			return -1;
		}
		if (!i) {
			b->first = id;
			if (b->count > 1 && db_run(w, e, "UPDATE appointment SET series_id = id WHERE id = $1", "i", id) < 0)
				return -1;
		}
	}
	/* the patient's wish for this type is met */
	char ts[TS_LEN];
	ts_now(ts);
	return db_run(w, e,
		      "UPDATE waitlist SET status = 'booked', appointment_id = $1, version = version + 1, updated_at = $2 "
		      "WHERE practice_id = $3 AND patient_id = $4 AND type_id = $5 AND status IN ('waiting', 'offered')",
		      "isiii", b->first, ts, ctx_practice(&x), b->patient, b->t->type) < 0
		       ? -1
		       : 0;
}

int appt_book(ctx *x, json_t *in, json_t **out, err *e)
{
	if (!json_is_object(in))
		return err_set(e, ERR_BAD_REQUEST, "the body must be a JSON object");
	if (known_keys(in, book_keys, e))
		return -1;
	int64_t patient;
	target t = {0};
	int_field(in, "patient_id", true, &patient, e);
	int_field(in, "provider_id", true, &t.provider, e);
	int_field(in, "location_id", true, &t.location, e);
	int_field(in, "type_id", true, &t.type, e);
	time_t start = 0;
	const char *s = json_string_value(json_object_get(in, "start"));
	if (!s || ts_parse(s, &start) || !strchr(s, 'T'))
		err_field(e, "start", "is required: an RFC 3339 instant such as 2026-03-09T09:00:00-05:00");
	text_field(in, "note", 500, e);
	text_field(in, "override_reason", 200, e);
	int every = 1, count = 1;
	json_t *rep = json_object_get(in, "repeat");
	if (rep && !json_is_null(rep)) {
		json_t *ew = json_object_get(rep, "every_weeks"), *c = json_object_get(rep, "count");
		every = ew ? (int)json_integer_value(ew) : 1;
		count = (int)json_integer_value(c);
		if (!json_is_object(rep) || (ew && !json_is_integer(ew)) || every < 1 || every > 8)
			err_field(e, "repeat.every_weeks", "must be 1 to 8");
		if (count < 2 || count > 52)
			err_field(e, "repeat.count", "must be 2 to 52");
	}
	if (err_has_fields(e))
		return -1;
	bool overbook = json_is_true(json_object_get(in, "overbook"));
	int64_t one;
	int rc = db_one_i64(x->db, e, &one, "SELECT 1 FROM patient WHERE id = $1 AND practice_id = $2 AND status = 'active'",
			    "ii", patient, ctx_practice(x));
	if (rc <= 0)
		return rc < 0 ? -1 : err_field(e, "patient_id", "is not an active patient of this practice");
	if (load_target(x, &t, e))
		return -1;
	rc = 0;
	/* occurrences keep their local wall time: weekly in the location's zone */
	int64_t day;
	int minute, off;
	tz_local(t.tz, start, &day, &minute, &off);
	int64_t *at = calloc((size_t)count, sizeof *at);
	bool *outside = calloc((size_t)count, sizeof *outside);
	if (!at || !outside)
		abort();
	for (int i = 0; i < count && !rc; i++) {
		at[i] = i ? (int64_t)tz_instant(t.tz, day + (int64_t)i * 7 * every, minute) : (int64_t)start;
		rc = check_hours(x, &t, at[i], at[i] + t.duration_min * 60, in, &outside[i], e);
		if (!rc && overbook)
			rc = may_overbook(x, &t, at[i], e);
	}
	booking b = {*x, &t, patient, count, at, outside, overbook, json_string_value(json_object_get(in, "note")),
		     json_string_value(json_object_get(in, "override_reason")), 0, -1};
	if (rc == 0)
		rc = db_group_write(x->db, book_tx, &b, e);
	if (rc && b.failed >= 0) {
		lost_race(x, &t, overbook, at[b.failed], e);
		if (count > 1 && e->extra)
			json_object_set_new(e->extra, "occurrence", json_integer(b.failed + 1));
	}
	free(at);
	free(outside);
	if (rc)
		return -1;
	return appt_answer(x, b.first, out, e);
}

int appt_seed_one(ctx *x, const appt_seed *a, err *e)
{
	target t = {a->type, a->provider, a->location, 0, 0, ""};
	int64_t id;
	if (load_target(x, &t, e) || insert(x, &t, a->patient, a->start, false, false, 0, NULL, NULL, &id, e))
		return -1;
	if (a->booked) {
		char made[TS_LEN];
		ts_format((time_t)a->booked, made);
		if (db_run(x->db, e, "UPDATE appointment SET created_at = $1 WHERE id = $2", "si", made, id) < 0)
			return -1;
	}
	if (!strcmp(a->status, "booked"))
		return 0;
	char st[4][TS_LEN];
	const int64_t at[4] = {a->arrived, a->roomed, a->with_provider, a->checked_out};
	for (int i = 0; i < 4; i++)
		ts_format((time_t)at[i], st[i]);
	bool live = strcmp(a->status, "cancelled") && strcmp(a->status, "no_show");
	char when[TS_LEN];
	ts_format((time_t)(a->start - 86400), when); /* confirmations and cancellations: the day before */
	char missed[TS_LEN];
	ts_format((time_t)(a->start + 1200), missed);
	if (db_run(x->db, e,
		   "UPDATE appointment SET status = $1, live = $2, confirmed_at = $3, arrived_at = $4, roomed_at = $5, "
		   "with_provider_at = $6, checked_out_at = $7, no_show_at = $8, cancelled_at = $9, "
		   "cancel_reason = $10, cancelled_by = $11 WHERE id = $12",
		   "sisssssssssi", a->status, (int64_t)live, when, a->arrived ? st[0] : NULL, a->roomed ? st[1] : NULL,
		   a->with_provider ? st[2] : NULL, a->checked_out ? st[3] : NULL,
		   !strcmp(a->status, "no_show") ? missed : NULL, !strcmp(a->status, "cancelled") ? when : NULL,
		   !strcmp(a->status, "cancelled") ? "schedule conflict" : NULL,
		   !strcmp(a->status, "cancelled") ? "patient" : NULL, id) < 0)
		return -1;
	return appt_event(x, id, "booked", a->status, 0, NULL, e);
}

/* --- changes --- */

static bool movable(const char *status) { return !strcmp(status, "booked") || !strcmp(status, "confirmed"); }

static const char *const update_keys[] = {"version", "start", "provider_id", "location_id", "note", "override",
					  "override_reason", "reason", NULL};

int appt_update(ctx *x, int64_t id, json_t *in, json_t **out, err *e)
{
	if (!json_is_object(in))
		return err_set(e, ERR_BAD_REQUEST, "the body must be a JSON object");
	if (known_keys(in, update_keys, e))
		return -1;
	json_t *ver = json_object_get(in, "version");
	if (!json_is_integer(ver))
		return err_field(e, "version", "is required: the version you are changing");
	text_field(in, "note", 500, e);
	text_field(in, "override_reason", 200, e);
	text_field(in, "reason", 200, e);
	if (err_has_fields(e))
		return -1;
	json_t *cur;
	if (appt_load(x, id, &cur, e))
		return -1;
	target t = {json_integer_value(json_object_get(cur, "type_id")), json_integer_value(json_object_get(cur, "provider_id")),
		    json_integer_value(json_object_get(cur, "location_id")), 0, 0, ""};
	time_t old_start, start;
	ts_parse(json_string_value(json_object_get(cur, "start")), &old_start);
	start = old_start;
	const int64_t old_provider = t.provider, old_location = t.location;
	char old_tz[64];
	snprintf(old_tz, sizeof old_tz, "%s", json_string_value(json_object_get(cur, "time_zone")));
	bool overbook = json_is_true(json_object_get(cur, "overbook"));
	bool was_outside = json_is_true(json_object_get(cur, "outside_availability"));
	int64_t patient = json_integer_value(json_object_get(cur, "patient_id"));
	char status[16];
	snprintf(status, sizeof status, "%s", json_string_value(json_object_get(cur, "status")));
	bool moved = false;
	int rc = 0;
	if (json_object_get(in, "start") || json_object_get(in, "provider_id") || json_object_get(in, "location_id")) {
		const char *s = json_string_value(json_object_get(in, "start"));
		if (json_object_get(in, "start") && (!s || ts_parse(s, &start) || !strchr(s, 'T')))
			rc = err_field(e, "start", "must be an RFC 3339 instant");
		if (!rc && json_object_get(in, "provider_id"))
			rc = int_field(in, "provider_id", true, &t.provider, e);
		if (!rc && json_object_get(in, "location_id"))
			rc = int_field(in, "location_id", true, &t.location, e);
		if (!rc && !movable(status))
			rc = err_set(e, ERR_STATE, "a %s appointment cannot be moved", status);
		moved = true;
	}
	bool outside = was_outside;
	if (!rc)
		rc = load_target(x, &t, e);
	if (!rc && moved)
		rc = check_hours(x, &t, start, start + t.duration_min * 60, in, &outside, e);
	json_decref(cur);
	if (rc)
		return -1;
	const char *note = json_object_get(in, "note") ? json_string_value(json_object_get(in, "note")) : NULL;
	bool note_given = json_object_get(in, "note") != NULL;
	if (db_begin(x->db, e))
		return -1;
	if (moved)
		rc = appt_conflict(x, id, t.provider, t.resource, overbook, start, start + t.duration_min * 60, t.tz, e);
	char ts[TS_LEN];
	ts_now(ts);
	int64_t n = rc ? -1
		       : db_run(x->db, e,
				"UPDATE appointment SET provider_id = $1, location_id = $2, resource_id = $3, start_s = $4, "
				"end_s = $5, outside_availability = $6, note = CASE WHEN $7 = 1 THEN $8 ELSE note END, "
				"version = version + 1, updated_at = $9 WHERE id = $10 AND practice_id = $11 AND version = $12",
				"iiniiiissiii", t.provider, t.location, t.resource, (int64_t)start,
				(int64_t)start + t.duration_min * 60, (int64_t)outside, (int64_t)note_given, note, ts, id,
				ctx_practice(x), (int64_t)json_integer_value(ver));
	if (n == 0)
		rc = err_set(e, ERR_VERSION_CONFLICT, "appointment %lld was changed by someone else; reload it", (long long)id);
	else if (n < 0)
		rc = -1;
	const char *why = json_string_value(json_object_get(in, "reason"));
	if (!rc && moved)
		rc = appt_event(x, id, status, "rescheduled", (int64_t)old_start, why, e);
	json_t *matches = NULL; /* the time it leaves is offered like a cancelled one */
	if (!rc && moved && (start != old_start || t.provider != old_provider))
		rc = waitlist_offer(x, t.type, old_provider, old_location, (int64_t)old_start, old_tz, &matches, e);
	if (!rc)
		rc = ctx_audit(x, moved ? "appointment.reschedule" : "appointment.update", "appointment", id, patient,
			       outside && moved ? json_string_value(json_object_get(in, "override_reason")) : NULL, e);
	if (rc) {
		db_rollback(x->db);
		if (moved && e->code == ERR_CONFLICT && !e->extra && !strncmp(e->msg, "exclusion", 9)) {
			err_clear(e);
			if (!appt_conflict(x, id, t.provider, t.resource, overbook, start, start + t.duration_min * 60, t.tz, e))
				err_set(e, ERR_CONFLICT, "the time was taken by another booking");
		}
		json_decref(matches);
		return -1;
	}
	if (db_commit(x->db, e) || appt_answer(x, id, out, e)) {
		json_decref(matches);
		return -1;
	}
	if (matches)
		json_object_set_new(*out, "waitlist_matches", matches);
	return 0;
}
