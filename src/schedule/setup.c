/* setup.c: what the schedule is made of: rooms and equipment, appointment types (and the
 * providers offering each), availability rules and exceptions. */
#include <libical/ical.h>
#include <stdio.h>
#include <string.h>

#include "access/resource.h"
#include "schedule/clock.h"
#include "schedule/schedule.h"

/* --- rooms and equipment --- */

static const char *const resource_kinds[] = {"room", "equipment", NULL};
static const field resource_fields[] = {
	{"id", "id", F_INT, F_READONLY},
	{"location_id", "location_id", F_INT, F_REQUIRED},
	{"name", "name", F_TEXT, F_REQUIRED, 100},
	{"kind", "kind", F_ENUM, F_REQUIRED, 0, resource_kinds},
	{"active", "active", F_BOOL, 0},
	{"version", "version", F_INT, F_READONLY},
	{"created_at", "created_at", F_TEXT, F_READONLY},
	{"updated_at", "updated_at", F_TEXT, F_READONLY},
};
static const table resource_table = {"resource", resource_fields, sizeof resource_fields / sizeof *resource_fields};

static int check_resource(ctx *x, json_t *in, json_t *vals, err *e)
{
	(void)in;
	return res_ref(x, "location", json_integer_value(json_object_get(vals, "location_id")), "location_id", e);
}

/* --- appointment types --- */

static const char *const patient_kinds[] = {"any", "new", "established", NULL};
static const char *check_color(const char *v)
{
	bool ok = strlen(v) == 7 && v[0] == '#';
	for (int i = 1; ok && i < 7; i++)
		ok = strchr("0123456789abcdefABCDEF", v[i]) != NULL;
	return ok ? NULL : "must be a colour such as #4c6ef5";
}
static const field type_fields[] = {
	{"id", "id", F_INT, F_READONLY},
	{"name", "name", F_TEXT, F_REQUIRED, 100},
	{"duration_min", "duration_min", F_INT, F_REQUIRED},
	{"slot_step_min", "slot_step_min", F_INT, 0},
	{"color", "color", F_TEXT, F_REQUIRED, 7, NULL, check_color},
	{"patient_kind", "patient_kind", F_ENUM, F_REQUIRED, 0, patient_kinds},
	{"resource_id", "resource_id", F_INT, 0},
	{"active", "active", F_BOOL, 0},
	{"version", "version", F_INT, F_READONLY},
	{"created_at", "created_at", F_TEXT, F_READONLY},
	{"updated_at", "updated_at", F_TEXT, F_READONLY},
};
static const table type_table = {"appointment_type", type_fields, sizeof type_fields / sizeof *type_fields};
static const char *const type_extra[] = {"provider_ids", NULL};

static int check_type(ctx *x, json_t *in, json_t *vals, err *e)
{
	json_int_t dur = json_integer_value(json_object_get(vals, "duration_min"));
	if (dur < 5 || dur > 480)
		return err_field(e, "duration_min", "must be between 5 and 480 minutes");
	json_t *step = json_object_get(vals, "slot_step_min");
	if (json_is_null(step))
		json_object_set_new(vals, "slot_step_min", json_integer(dur < 15 ? dur : 15));
	else if (json_integer_value(step) < 5 || json_integer_value(step) > 480)
		return err_field(e, "slot_step_min", "must be between 5 and 480 minutes");
	json_t *res = json_object_get(vals, "resource_id");
	if (json_is_integer(res) && res_ref(x, "resource", json_integer_value(res), "resource_id", e))
		return -1;
	json_t *ids = json_object_get(in, "provider_ids");
	if (ids && !json_is_array(ids))
		return err_field(e, "provider_ids", "must be a list of provider ids");
	size_t i;
	json_t *v;
	json_array_foreach(ids, i, v) {
		if (!json_is_integer(v))
			return err_field(e, "provider_ids", "must be a list of provider ids");
		if (res_ref(x, "provider", json_integer_value(v), "provider_ids", e))
			return -1;
	}
	return 0;
}

static int type_providers(ctx *x, int64_t id, json_t *in, err *e)
{
	json_t *ids = json_object_get(in, "provider_ids");
	if (!ids)
		return 0;
	if (db_run(x->db, e, "DELETE FROM appointment_type_provider WHERE type_id = $1", "i", id) < 0)
		return -1;
	size_t i;
	json_t *v;
	json_array_foreach(ids, i, v) {
		if (db_run(x->db, e,
			   "INSERT INTO appointment_type_provider (practice_id, type_id, provider_id) VALUES ($1, $2, $3) "
			   "ON CONFLICT DO NOTHING",
			   "iii", ctx_practice(x), id, (int64_t)json_integer_value(v)) < 0)
			return -1;
	}
	return 0;
}

static int type_decorate(ctx *x, json_t *o, err *e)
{
	db_stmt *st = db_prepare(x->db, "SELECT provider_id FROM appointment_type_provider WHERE type_id = $1 ORDER BY provider_id", e);
	if (!st)
		return -1;
	db_bind_i64(st, 1, json_integer_value(json_object_get(o, "id")));
	json_t *ids = json_array();
	int rc;
	while ((rc = db_step(st, e)) == DB_ROW)
		json_array_append_new(ids, json_integer(db_col_i64(st, 0)));
	db_done(st);
	json_object_set_new(o, "provider_ids", ids);
	return rc == DB_ERR ? -1 : 0;
}

/* --- availability rules --- */

static const char *check_hhmm(const char *v)
{
	int m = clock_minute(v);
	return m < 0 ? "must be a local time HH:MM" : NULL;
}
static const field rule_fields[] = {
	{"id", "id", F_INT, F_READONLY},
	{"provider_id", "provider_id", F_INT, F_REQUIRED},
	{"location_id", "location_id", F_INT, F_REQUIRED},
	{"rrule", "rrule", F_TEXT, 0, 300},
	{"start_time", "start_time", F_TEXT, F_REQUIRED, 5, NULL, check_hhmm},
	{"end_time", "end_time", F_TEXT, F_REQUIRED, 5, NULL, check_hhmm},
	{"valid_from", "valid_from", F_DATE, F_REQUIRED},
	{"valid_to", "valid_to", F_DATE, 0},
	{"version", "version", F_INT, F_READONLY},
	{"created_at", "created_at", F_TEXT, F_READONLY},
	{"updated_at", "updated_at", F_TEXT, F_READONLY},
};
static const table rule_table = {"availability_rule", rule_fields, sizeof rule_fields / sizeof *rule_fields};
static const char *const rule_extra[] = {"weekdays", NULL};

int rrule_normalise(const char *in, char *out, size_t n)
{
	if (!in || strlen(in) > 300)
		return -1;
	const char *s = !strncmp(in, "RRULE:", 6) ? in + 6 : in;
	struct icalrecurrencetype r = icalrecurrencetype_from_string(s);
	if (r.freq == ICAL_NO_RECURRENCE || r.freq < ICAL_DAILY_RECURRENCE)
		return -1; /* a rule names days; the hours are start_time and end_time */
	if (r.count > 1000)
		return -1; /* a COUNT rule is walked from its start on every search */
	if (r.by_hour[0] != ICAL_RECURRENCE_ARRAY_MAX || r.by_minute[0] != ICAL_RECURRENCE_ARRAY_MAX ||
	    r.by_second[0] != ICAL_RECURRENCE_ARRAY_MAX)
		return -1;
	char *txt = icalrecurrencetype_as_string_r(&r);
	if (!txt)
		return -1;
	int rc = snprintf(out, n, "%s", txt) < (int)n ? 0 : -1;
	icalmemory_free_buffer(txt);
	return rc;
}

static int check_rule(ctx *x, json_t *in, json_t *vals, err *e)
{
	json_t *wd = json_object_get(in, "weekdays");
	char rule[320];
	if (wd && !json_is_null(wd)) {
		static const char *const days[] = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};
		size_t i;
		json_t *v;
		snprintf(rule, sizeof rule, "FREQ=WEEKLY;BYDAY=");
		if (!json_is_array(wd) || !json_array_size(wd))
			return err_field(e, "weekdays", "must be a list such as [\"MO\", \"TU\"]");
		json_array_foreach(wd, i, v) {
			const char *d = json_string_value(v);
			int k = 0;
			while (k < 7 && (!d || strcmp(d, days[k])))
				k++;
			if (k == 7)
				return err_field(e, "weekdays", "must be a list of MO, TU, WE, TH, FR, SA, SU");
			snprintf(rule + strlen(rule), sizeof rule - strlen(rule), "%s%s", i ? "," : "", d);
		}
		json_object_set_new(vals, "rrule", json_string(rule));
	}
	const char *rr = json_string_value(json_object_get(vals, "rrule"));
	if (!rr)
		return err_field(e, "weekdays", "or rrule is required");
	if (rrule_normalise(rr, rule, sizeof rule))
		return err_field(e, "rrule", "must be an RFC 5545 RRULE of days, such as FREQ=WEEKLY;BYDAY=MO,WE");
	json_object_set_new(vals, "rrule", json_string(rule));
	int a = clock_minute(json_string_value(json_object_get(vals, "start_time")));
	int b = clock_minute(json_string_value(json_object_get(vals, "end_time")));
	if (b <= a)
		return err_field(e, "end_time", "must be after start_time");
	const char *from = json_string_value(json_object_get(vals, "valid_from"));
	const char *to = json_string_value(json_object_get(vals, "valid_to"));
	if (to && strcmp(to, from) < 0)
		return err_field(e, "valid_to", "must not be before valid_from");
	if (res_ref(x, "provider", json_integer_value(json_object_get(vals, "provider_id")), "provider_id", e))
		return -1;
	return res_ref(x, "location", json_integer_value(json_object_get(vals, "location_id")), "location_id", e);
}

/* --- exceptions --- */

static const char *const exception_kinds[] = {"blocked", "extra", NULL};
static const field exception_fields[] = {
	{"id", "id", F_INT, F_READONLY},
	{"provider_id", "provider_id", F_INT, 0},
	{"location_id", "location_id", F_INT, 0},
	{"kind", "kind", F_ENUM, F_REQUIRED, 0, exception_kinds},
	{"start", "start_s", F_INSTANT, F_REQUIRED},
	{"end", "end_s", F_INSTANT, F_REQUIRED},
	{"reason", "reason", F_TEXT, 0, 200},
	{"version", "version", F_INT, F_READONLY},
	{"created_at", "created_at", F_TEXT, F_READONLY},
	{"updated_at", "updated_at", F_TEXT, F_READONLY},
};
static const table exception_table = {"availability_exception", exception_fields,
				      sizeof exception_fields / sizeof *exception_fields};

static int check_exception(ctx *x, json_t *in, json_t *vals, err *e)
{
	(void)in;
	json_int_t a = json_integer_value(json_object_get(vals, "start_s"));
	json_int_t b = json_integer_value(json_object_get(vals, "end_s"));
	if (b <= a)
		return err_field(e, "end", "must be after start");
	if (b - a > 366 * 86400)
		return err_field(e, "end", "must be within a year of start");
	json_t *p = json_object_get(vals, "provider_id"), *l = json_object_get(vals, "location_id");
	const char *kind = json_string_value(json_object_get(vals, "kind"));
	if (!strcmp(kind, "extra") && (json_is_null(p) || json_is_null(l)))
		return err_field(e, json_is_null(p) ? "provider_id" : "location_id", "is required for an extra session");
	if (json_is_integer(p) && res_ref(x, "provider", json_integer_value(p), "provider_id", e))
		return -1;
	if (json_is_integer(l) && res_ref(x, "location", json_integer_value(l), "location_id", e))
		return -1;
	return 0;
}

static const resource setups[] = {
	[SETUP_RESOURCE] = {&resource_table, "resource", "{\"active\": true}", .check = check_resource,
			    .conflict_field = "name", .conflict_msg = "is already used by another room or equipment"},
	[SETUP_TYPE] = {&type_table, "appointment_type", "{\"active\": true, \"patient_kind\": \"any\", \"color\": \"#4c6ef5\"}",
			type_extra, check_type, type_providers, type_decorate, "name",
			"is already used by another appointment type"},
	[SETUP_RULE] = {&rule_table, "availability_rule", NULL, rule_extra, check_rule},
	[SETUP_EXCEPTION] = {&exception_table, "availability_exception", NULL, NULL, check_exception},
};

int setup_create(ctx *x, setup_kind k, json_t *in, json_t **out, err *e) { return res_create(x, &setups[k], in, out, e); }
int setup_get(ctx *x, setup_kind k, int64_t id, json_t **out, err *e) { return res_get(x, &setups[k], id, out, e); }
int setup_list(ctx *x, setup_kind k, int limit, int64_t after, json_t **out, err *e)
{
	return res_list(x, &setups[k], limit, after, out, e);
}
int setup_update(ctx *x, setup_kind k, int64_t id, json_t *patch, json_t **out, err *e)
{
	return res_update(x, &setups[k], id, patch, out, e);
}

int setup_delete(ctx *x, setup_kind k, int64_t id, err *e)
{
	if (k != SETUP_RULE && k != SETUP_EXCEPTION)
		return err_set(e, ERR_BAD_REQUEST, "only rules and exceptions are deleted; deactivate the others");
	const table *t = setups[k].t;
	char sql[96], action[64];
	snprintf(sql, sizeof sql, "DELETE FROM %s WHERE id = $1 AND practice_id = $2", t->name);
	snprintf(action, sizeof action, "%s.delete", setups[k].action);
	if (db_begin(x->db, e))
		return -1;
	int64_t n = db_run(x->db, e, sql, "ii", id, ctx_practice(x));
	int rc = n < 0 ? -1 : n == 0 ? err_set(e, ERR_NOT_FOUND, "not found") : ctx_audit(x, action, t->name, id, 0, NULL, e);
	if (rc) {
		db_rollback(x->db);
		return -1;
	}
	return db_commit(x->db, e);
}
