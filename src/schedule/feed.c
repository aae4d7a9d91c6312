/* feed.c: a provider's iCalendar feed (RFC 5545, written with libical).
 *
 * The feed URL carries a 256-bit token; only its hash is stored, and deleting the feed
 * revokes it. By default an event says "Busy" and the appointment type; the patient's name
 * appears only if the feed was created with show_patient_names (schedule.setup). Each
 * fetch is audited against the practice. */
#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/crypto.h"
#include "base/timeutil.h"
#include "schedule/schedule.h"

int feed_create(ctx *x, int64_t provider, json_t *in, json_t **out, err *e)
{
	json_t *names = json_object_get(in, "show_patient_names");
	if (names && !json_is_boolean(names))
		return err_field(e, "show_patient_names", "must be true or false");
	int64_t one;
	int rc = db_one_i64(x->db, e, &one, "SELECT 1 FROM provider WHERE id = $1 AND practice_id = $2", "ii", provider,
			    ctx_practice(x));
	if (rc <= 0)
		return rc < 0 ? -1 : err_set(e, ERR_NOT_FOUND, "provider %lld not found", (long long)provider);
	char token[TOKEN_LEN], th[HASH_HEX_LEN], ts[TS_LEN];
	token_new(token);
	hash_hex(token, strlen(token), th);
	ts_now(ts);
	if (db_begin(x->db, e))
		return -1;
	int64_t id = 0;
	rc = db_one_i64(x->db, e, &id,
			"INSERT INTO calendar_feed (practice_id, provider_id, token_hash, show_patient_names, created_by, "
			"created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
			"iisiis", ctx_practice(x), provider, th, (int64_t)json_is_true(names), ctx_user(x), ts) == 1
		 ? 0
		 : -1;
	if (!rc)
		rc = ctx_audit(x, "calendar_feed.create", "calendar_feed", id, 0, json_is_true(names) ? "with patient names" : NULL, e);
	if (rc) {
		db_rollback(x->db);
		return -1;
	}
	if (db_commit(x->db, e))
		return -1;
	char path[160];
	snprintf(path, sizeof path, "/api/v1/providers/%lld/calendar.ics?token=%s", (long long)provider, token);
	*out = json_pack("{s:I,s:I,s:s,s:s,s:b}", "id", (json_int_t)id, "provider_id", (json_int_t)provider, "path", path,
			 "token", token, "show_patient_names", json_is_true(names));
	return 0;
}

int feed_revoke(ctx *x, int64_t provider, err *e)
{
	if (db_begin(x->db, e))
		return -1;
	int64_t n = db_run(x->db, e, "DELETE FROM calendar_feed WHERE provider_id = $1 AND practice_id = $2", "ii", provider,
			   ctx_practice(x));
	int rc = n < 0 ? -1
		 : n == 0 ? err_set(e, ERR_NOT_FOUND, "provider %lld has no calendar feed", (long long)provider)
			  : ctx_audit(x, "calendar_feed.revoke", "provider", provider, 0, NULL, e);
	if (rc) {
		db_rollback(x->db);
		return -1;
	}
	return db_commit(x->db, e);
}

static void add_event(icalcomponent *cal, db_stmt *st, bool names, const char *host)
{
	icalcomponent *ev = icalcomponent_new_vevent();
	char uid[96];
	snprintf(uid, sizeof uid, "appointment-%lld@%s", (long long)db_col_i64(st, 0), host);
	icalcomponent_add_property(ev, icalproperty_new_uid(uid));
	icalcomponent_add_property(ev, icalproperty_new_dtstamp(icaltime_from_timet_with_zone(now_unix(), 0, icaltimezone_get_utc_timezone())));
	icaltimezone *utc = icaltimezone_get_utc_timezone();
	icalcomponent_add_property(ev, icalproperty_new_dtstart(icaltime_from_timet_with_zone((time_t)db_col_i64(st, 1), 0, utc)));
	icalcomponent_add_property(ev, icalproperty_new_dtend(icaltime_from_timet_with_zone((time_t)db_col_i64(st, 2), 0, utc)));
	char summary[320];
	if (names)
		snprintf(summary, sizeof summary, "%s: %s, %s", db_col_text(st, 3), db_col_text(st, 4), db_col_text(st, 5));
	else
		snprintf(summary, sizeof summary, "Busy: %s", db_col_text(st, 3));
	icalcomponent_add_property(ev, icalproperty_new_summary(summary));
	icalcomponent_add_property(ev, icalproperty_new_transp(ICAL_TRANSP_OPAQUE));
	icalcomponent_add_property(ev, icalproperty_new_class(ICAL_CLASS_PRIVATE));
	icalcomponent_add_property(ev, icalproperty_new_status(strcmp(db_col_text(st, 6), "booked") ? ICAL_STATUS_CONFIRMED
												      : ICAL_STATUS_TENTATIVE));
	icalcomponent_add_component(cal, ev);
}

int feed_ics(db *c, int64_t provider, const char *token, const char *ip, char **out, err *e)
{
	if (!token || strlen(token) != TOKEN_LEN - 1)
		return err_set(e, ERR_NOT_FOUND, "no such calendar feed");
	char th[HASH_HEX_LEN];
	hash_hex(token, strlen(token), th);
	db_stmt *st = db_prepare(c,
				 "SELECT f.id, f.practice_id, f.show_patient_names, p.family_name, p.given_name FROM calendar_feed f "
				 "JOIN provider p ON p.id = f.provider_id WHERE f.token_hash = $1 AND f.provider_id = $2",
				 e);
	if (!st)
		return -1;
	db_bind_text(st, 1, th);
	db_bind_i64(st, 2, provider);
	int rc = db_step(st, e);
	int64_t feed = 0, practice = 0;
	bool names = false;
	char calname[240] = "";
	if (rc == DB_ROW) {
		feed = db_col_i64(st, 0);
		practice = db_col_i64(st, 1);
		names = db_col_i64(st, 2);
		snprintf(calname, sizeof calname, "%s %s", db_col_text(st, 4), db_col_text(st, 3));
	}
	db_done(st);
	if (rc != DB_ROW) /* a revoked or forged token looks like no feed at all */
		return rc == DB_ERR ? -1 : err_set(e, ERR_NOT_FOUND, "no such calendar feed");

	icalcomponent *cal = icalcomponent_new_vcalendar();
	icalcomponent_add_property(cal, icalproperty_new_version("2.0"));
	icalcomponent_add_property(cal, icalproperty_new_prodid("-//Praxis//Schedule//EN"));
	icalcomponent_add_property(cal, icalproperty_new_method(ICAL_METHOD_PUBLISH));
	icalproperty *xn = icalproperty_new_x(calname);
	icalproperty_set_x_name(xn, "X-WR-CALNAME");
	icalcomponent_add_property(cal, xn);
	time_t now = now_unix();
	st = db_prepare(c,
			"SELECT a.id, a.start_s, a.end_s, t.name, p.family_name, p.given_name, a.status FROM appointment a "
			"JOIN appointment_type t ON t.id = a.type_id JOIN patient p ON p.id = a.patient_id "
			"WHERE a.provider_id = $1 AND a.practice_id = $2 AND a.live = 1 AND a.start_s >= $3 AND a.start_s < $4 "
			"ORDER BY a.start_s",
			e);
	if (!st) {
		icalcomponent_free(cal);
		return -1;
	}
	db_bindv(st, "iiii", provider, practice, (int64_t)now - 30 * 86400, (int64_t)now + 180 * 86400);
	while ((rc = db_step(st, e)) == DB_ROW)
		add_event(cal, st, names, "praxis");
	db_done(st);
	if (rc == DB_ERR) {
		icalcomponent_free(cal);
		return -1;
	}
	*out = icalcomponent_as_ical_string_r(cal);
	icalcomponent_free(cal);
	audit_event ev = {practice, 0, "calendar_feed.read", "calendar_feed", feed, 0, ip, "success",
			  names ? "with patient names" : NULL};
	return audit_append(c, &ev, e);
}
