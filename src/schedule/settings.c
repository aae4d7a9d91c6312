/* settings.c: the practice's scheduling policy (quiet hours, late cancellation) and its
 * reminder rules. */
#include <stdio.h>
#include <string.h>

#include "access/resource.h"
#include "base/timeutil.h"
#include "schedule/clock.h"
#include "schedule/schedule.h"

int settings_load(db *c, int64_t practice, sched_settings *s, err *e)
{
	*s = (sched_settings){21 * 60, 8 * 60, 24, false, 0};
	db_stmt *st = db_prepare(c,
				 "SELECT quiet_start, quiet_end, late_cancel_hours, version, overbook_high_risk FROM schedule_settings "
				 "WHERE practice_id = $1",
				 e);
	if (!st)
		return -1;
	db_bind_i64(st, 1, practice);
	int rc = db_step(st, e);
	if (rc == DB_ROW) {
		s->quiet_start = clock_minute(db_col_text(st, 0));
		s->quiet_end = clock_minute(db_col_text(st, 1));
		s->late_cancel_hours = (int)db_col_i64(st, 2);
		s->version = db_col_i64(st, 3);
		s->overbook_high_risk = db_col_i64(st, 4) != 0;
	}
	db_done(st);
	return rc == DB_ERR ? -1 : 0;
}

static json_t *settings_json(const sched_settings *s)
{
	char a[6], b[6];
	snprintf(a, sizeof a, "%02d:%02d", s->quiet_start / 60, s->quiet_start % 60);
	snprintf(b, sizeof b, "%02d:%02d", s->quiet_end / 60, s->quiet_end % 60);
	return json_pack("{s:s,s:s,s:i,s:b,s:I}", "quiet_start", a, "quiet_end", b, "late_cancel_hours", s->late_cancel_hours,
			 "overbook_high_risk", s->overbook_high_risk, "version", (json_int_t)s->version);
}

int settings_get(ctx *x, json_t **out, err *e)
{
	sched_settings s;
	if (settings_load(x->db, ctx_practice(x), &s, e))
		return -1;
	*out = settings_json(&s);
	return 0;
}

int settings_update(ctx *x, json_t *in, json_t **out, err *e)
{
	if (!json_is_object(in))
		return err_set(e, ERR_BAD_REQUEST, "the body must be a JSON object");
	sched_settings s;
	if (settings_load(x->db, ctx_practice(x), &s, e))
		return -1;
	json_t *ver = json_object_get(in, "version");
	if (!json_is_integer(ver))
		return err_field(e, "version", "is required: the version you are changing (0 before the first change)");
	const char *k;
	json_t *v;
	json_object_foreach(in, k, v) {
		if (!strcmp(k, "quiet_start") || !strcmp(k, "quiet_end")) {
			int m = clock_minute(json_string_value(v));
			if (m < 0 || m == 1440)
				err_field(e, k, "must be a local time HH:MM");
			else
				*(k[6] == 's' ? &s.quiet_start : &s.quiet_end) = m;
		} else if (!strcmp(k, "late_cancel_hours")) {
			if (!json_is_integer(v) || json_integer_value(v) < 0 || json_integer_value(v) > 168)
				err_field(e, k, "must be 0 to 168 hours");
			else
				s.late_cancel_hours = (int)json_integer_value(v);
		} else if (!strcmp(k, "overbook_high_risk")) {
			if (!json_is_boolean(v))
				err_field(e, k, "must be true or false");
			else
				s.overbook_high_risk = json_is_true(v);
		} else if (strcmp(k, "version"))
			err_field(e, k, "is not a known field");
	}
	if (err_has_fields(e))
		return -1;
	char qs[6], qe[6], ts[TS_LEN];
	snprintf(qs, sizeof qs, "%02d:%02d", s.quiet_start / 60, s.quiet_start % 60);
	snprintf(qe, sizeof qe, "%02d:%02d", s.quiet_end / 60, s.quiet_end % 60);
	ts_now(ts);
	if (db_begin(x->db, e))
		return -1;
	int64_t n = s.version == 0
			    ? (json_integer_value(ver) == 0
				       ? db_run(x->db, e,
						"INSERT INTO schedule_settings (practice_id, quiet_start, quiet_end, late_cancel_hours, "
						"overbook_high_risk, version, updated_at) VALUES ($1, $2, $3, $4, $5, 1, $6)",
						"issiis", ctx_practice(x), qs, qe, (int64_t)s.late_cancel_hours,
						(int64_t)s.overbook_high_risk, ts)
				       : 0)
			    : db_run(x->db, e,
				     "UPDATE schedule_settings SET quiet_start = $1, quiet_end = $2, late_cancel_hours = $3, "
				     "overbook_high_risk = $4, version = version + 1, updated_at = $5 WHERE practice_id = $6 "
				     "AND version = $7",
				     "ssiisii", qs, qe, (int64_t)s.late_cancel_hours, (int64_t)s.overbook_high_risk, ts,
				     ctx_practice(x), (int64_t)json_integer_value(ver));
	int rc = n < 0 ? -1 : n == 0 ? err_set(e, ERR_VERSION_CONFLICT, "the settings were changed by someone else; reload them") : 0;
	if (!rc)
		rc = ctx_audit(x, "schedule_settings.update", "practice", ctx_practice(x), 0, NULL, e);
	if (rc) {
		db_rollback(x->db);
		return -1;
	}
	if (db_commit(x->db, e))
		return -1;
	return settings_get(x, out, e);
}

/* --- reminder rules --- */

static const char *const channels[] = {"email", "sms", NULL};
static const field rule_fields[] = {
	{"id", "id", F_INT, F_READONLY},
	{"channel", "channel", F_ENUM, F_REQUIRED, 0, channels},
	{"hours_before", "hours_before", F_INT, F_REQUIRED},
	{"active", "active", F_BOOL, 0},
	{"version", "version", F_INT, F_READONLY},
	{"created_at", "created_at", F_TEXT, F_READONLY},
	{"updated_at", "updated_at", F_TEXT, F_READONLY},
};
static const table rule_table = {"reminder_rule", rule_fields, sizeof rule_fields / sizeof *rule_fields};

static int check_rule(ctx *x, json_t *in, json_t *vals, err *e)
{
	(void)x, (void)in;
	json_int_t h = json_integer_value(json_object_get(vals, "hours_before"));
	return h < 1 || h > 336 ? err_field(e, "hours_before", "must be 1 to 336 (two weeks)") : 0;
}

static const resource rules = {&rule_table, "reminder_rule", "{\"active\": true}", NULL, check_rule, .conflict_field = "hours_before",
			       .conflict_msg = "already has a rule for this channel"};

int reminder_rule_create(ctx *x, json_t *in, json_t **out, err *e) { return res_create(x, &rules, in, out, e); }
int reminder_rule_update(ctx *x, int64_t id, json_t *in, json_t **out, err *e) { return res_update(x, &rules, id, in, out, e); }
int reminder_rule_list(ctx *x, int limit, int64_t after, json_t **out, err *e) { return res_list(x, &rules, limit, after, out, e); }
