/* waitlist.c: patients asking for an earlier slot, offered in order when one frees. */
#include <stdio.h>
#include <string.h>

#include "access/resource.h"
#include "base/timeutil.h"
#include "schedule/appt.h"
#include "schedule/clock.h"

static const char *const times_of_day[] = {"any", "morning", "afternoon", "evening", NULL};
static const char *const wl_states[] = {"waiting", "offered", "booked", "removed", NULL};

static const char *check_weekdays(const char *v)
{
	static const char *const days = "MO TU WE TH FR SA SU";
	for (const char *p = v; *p;) {
		char d[3] = {p[0], p[0] ? p[1] : 0, 0};
		if (strlen(d) != 2 || !strstr(days, d))
			return "must be days such as MO,WE,FR";
		p += 2;
		if (*p == ',')
			p++;
		else if (*p)
			return "must be days such as MO,WE,FR";
	}
	return NULL;
}

static const field wl_fields[] = {
	{"id", "id", F_INT, F_READONLY},
	{"patient_id", "patient_id", F_INT, F_REQUIRED},
	{"type_id", "type_id", F_INT, F_REQUIRED},
	{"provider_id", "provider_id", F_INT, 0},
	{"location_id", "location_id", F_INT, 0},
	{"earliest_date", "earliest_date", F_DATE, 0},
	{"latest_date", "latest_date", F_DATE, 0},
	{"time_of_day", "time_of_day", F_ENUM, F_REQUIRED, 0, times_of_day},
	{"weekdays", "weekdays", F_TEXT, 0, 20, NULL, check_weekdays},
	{"note", "note", F_TEXT, 0, 300},
	{"status", "status", F_ENUM, F_REQUIRED, 0, wl_states},
	{"appointment_id", "appointment_id", F_INT, 0},
	{"offered_start", "offered_start_s", F_INSTANT, F_READONLY},
	{"offered_provider_id", "offered_provider_id", F_INT, F_READONLY},
	{"offered_at", "offered_at", F_TEXT, F_READONLY},
	{"version", "version", F_INT, F_READONLY},
	{"created_at", "created_at", F_TEXT, F_READONLY},
	{"updated_at", "updated_at", F_TEXT, F_READONLY},
};
static const table wl_table = {"waitlist", wl_fields, sizeof wl_fields / sizeof *wl_fields};

static int check_wl(ctx *x, json_t *in, json_t *vals, err *e)
{
	(void)in;
	const char *a = json_string_value(json_object_get(vals, "earliest_date"));
	const char *b = json_string_value(json_object_get(vals, "latest_date"));
	if (a && b && strcmp(b, a) < 0)
		return err_field(e, "latest_date", "must not be before earliest_date");
	static const char *const refs[][2] = {{"patient_id", "patient"}, {"type_id", "appointment_type"},
					      {"provider_id", "provider"}, {"location_id", "location"},
					      {"appointment_id", "appointment"}};
	for (size_t i = 0; i < sizeof refs / sizeof *refs; i++) {
		json_t *v = json_object_get(vals, refs[i][0]);
		if (json_is_integer(v) && res_ref(x, refs[i][1], json_integer_value(v), refs[i][0], e))
			return -1;
	}
	return 0;
}

static int wl_decorate(ctx *x, json_t *o, err *e)
{
	db_stmt *st = db_prepare(x->db, "SELECT family_name, given_name, mrn, birth_date FROM patient WHERE id = $1", e);
	if (!st)
		return -1;
	db_bind_i64(st, 1, json_integer_value(json_object_get(o, "patient_id")));
	int rc = db_step(st, e);
	if (rc == DB_ROW) {
		char name[256];
		snprintf(name, sizeof name, "%s, %s", db_col_text(st, 0), db_col_text(st, 1));
		json_object_set_new(o, "patient", json_pack("{s:s,s:s,s:s}", "name", name, "mrn", db_col_text(st, 2),
							    "birth_date", db_col_text(st, 3)));
	}
	db_done(st);
	return rc == DB_ERR ? -1 : 0;
}

static const resource waitlist = {&wl_table, "waitlist", "{\"time_of_day\": \"any\", \"status\": \"waiting\"}", NULL,
				  check_wl, NULL, wl_decorate};

int waitlist_create(ctx *x, json_t *in, json_t **out, err *e) { return res_create(x, &waitlist, in, out, e); }
int waitlist_update(ctx *x, int64_t id, json_t *in, json_t **out, err *e) { return res_update(x, &waitlist, id, in, out, e); }

int waitlist_get(ctx *x, int64_t id, json_t **out, err *e)
{
	if (res_get(x, &waitlist, id, out, e))
		return -1;
	ctx_audit_read(x, "waitlist.read", "waitlist", id, json_integer_value(json_object_get(*out, "patient_id")));
	return 0;
}

int waitlist_list(ctx *x, int limit, int64_t after, json_t **out, err *e)
{
	if (res_list(x, &waitlist, limit, after, out, e))
		return -1;
	ctx_audit_read(x, "waitlist.list", "waitlist", 0, 0);
	return 0;
}

/* Whether an entry's time-of-day and weekday wishes admit a local day and minute. */
static bool fits(const char *tod, const char *weekdays, int64_t day, int minute)
{
	static const char *const names[] = {"SU", "MO", "TU", "WE", "TH", "FR", "SA"};
	if (weekdays && *weekdays && !strstr(weekdays, names[day_weekday(day)]))
		return false;
	if (!strcmp(tod, "morning"))
		return minute < 12 * 60;
	if (!strcmp(tod, "afternoon"))
		return minute >= 12 * 60 && minute < 17 * 60;
	if (!strcmp(tod, "evening"))
		return minute >= 17 * 60;
	return true;
}

int waitlist_offer(ctx *x, int64_t type, int64_t provider, int64_t location, int64_t start, const char *tz,
		   json_t **matches, err *e)
{
	*matches = json_array();
	int64_t day;
	int minute, off;
	tz_local(tz, (time_t)start, &day, &minute, &off);
	char date[11];
	day_format(day, date);
	db_stmt *st = db_prepare(x->db,
				 "SELECT id, patient_id, time_of_day, weekdays FROM waitlist WHERE practice_id = $1 "
				 "AND status = 'waiting' AND type_id = $2 AND (provider_id IS NULL OR provider_id = $3) "
				 "AND (location_id IS NULL OR location_id = $4) AND (earliest_date IS NULL OR earliest_date <= $5) "
				 "AND (latest_date IS NULL OR latest_date >= $5) ORDER BY id",
				 e);
	if (!st)
		return -1;
	db_bindv(st, "iiiis", ctx_practice(x), type, provider, location, date);
	int rc;
	while ((rc = db_step(st, e)) == DB_ROW && json_array_size(*matches) < 20)
		if (fits(db_col_text(st, 2), db_col_text(st, 3), day, minute))
			json_array_append_new(*matches, json_pack("{s:I,s:I}", "waitlist_id", (json_int_t)db_col_i64(st, 0),
								  "patient_id", (json_int_t)db_col_i64(st, 1)));
	db_done(st);
	if (rc == DB_ERR || !json_array_size(*matches))
		return rc == DB_ERR ? -1 : 0;
	json_t *first = json_array_get(*matches, 0);
	int64_t id = json_integer_value(json_object_get(first, "waitlist_id"));
	char ts[TS_LEN];
	ts_now(ts);
	if (db_run(x->db, e,
		   "UPDATE waitlist SET status = 'offered', offered_start_s = $1, offered_provider_id = $2, offered_at = $3, "
		   "version = version + 1, updated_at = $3 WHERE id = $4 AND status = 'waiting'",
		   "iisi", start, provider, ts, id) < 0)
		return -1;
	json_object_set_new(first, "offered", json_true());
	return ctx_audit(x, "waitlist.offer", "waitlist", id, json_integer_value(json_object_get(first, "patient_id")), NULL, e);
}
