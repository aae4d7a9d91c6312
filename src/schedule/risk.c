/* risk.c: the no-show risk of an appointment, with its reasons.
 *
 * The patient's own history speaks first: their no-shows among past visits, smoothed toward
 * the practice's rate (3 visits' weight) so one missed visit of one does not read as 100%.
 * The practice's own pattern then scales it: how much more or less often appointments
 * booked that far ahead, and on that weekday, end in a no-show than the practice's average
 * (each smoothed with 20 visits' weight). The level compares the score with the practice's
 * rate: high at twice it (and at least 20%), medium at 1.4 times (and at least 10%). The
 * model is rebuilt from the last 365 days at most once an hour per practice. */
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "base/timeutil.h"
#include "schedule/appt.h"
#include "schedule/clock.h"

enum { NLEAD = 5 };
static const int lead_days[NLEAD] = {1, 7, 14, 30, 100000}; /* upper bounds of the buckets */
static const char *const lead_names[NLEAD] = {"a day or less", "2 to 7 days", "8 to 14 days", "15 to 30 days",
					      "over 30 days"};
static const char *const weekday_names[7] = {"Sundays", "Mondays", "Tuesdays", "Wednesdays", "Thursdays", "Fridays",
					     "Saturdays"};

typedef struct model {
	int64_t practice;
	time_t built;
	double base, lead[NLEAD], weekday[7]; /* lead and weekday: factors relative to base */
} model;

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static model models[32];

static int lead_bucket(int64_t seconds)
{
	int d = (int)(seconds / 86400);
	int k = 0;
	while (k < NLEAD - 1 && d > lead_days[k])
		k++;
	return k;
}

static int build(db *c, int64_t practice, const char *tz, model *m, err *e)
{
	time_t now = now_unix();
	db_stmt *st = db_prepare(c,
				 "SELECT start_s, created_at, status FROM appointment WHERE practice_id = $1 AND start_s >= $2 "
				 "AND start_s < $3 AND status IN ('checked_out', 'no_show')",
				 e);
	if (!st)
		return -1;
	db_bindv(st, "iii", practice, (int64_t)now - 365 * 86400, (int64_t)now);
	double n = 0, ns = 0, ln[NLEAD] = {0}, lns[NLEAD] = {0}, wn[7] = {0}, wns[7] = {0};
	int rc;
	while ((rc = db_step(st, e)) == DB_ROW) {
		int64_t start = db_col_i64(st, 0);
		time_t made;
		bool missed = !strcmp(db_col_text(st, 2), "no_show");
		int k = ts_parse(db_col_text(st, 1), &made) ? 0 : lead_bucket(start - (int64_t)made);
		int64_t day;
		int minute, off;
		tz_local(tz, (time_t)start, &day, &minute, &off);
		int w = day_weekday(day);
		n++, ns += missed, ln[k]++, lns[k] += missed, wn[w]++, wns[w] += missed;
	}
	db_done(st);
	if (rc == DB_ERR)
		return -1;
	m->practice = practice;
	m->built = now;
	m->base = (ns + 1) / (n + 10); /* a new practice starts near 10% */
	for (int k = 0; k < NLEAD; k++)
		m->lead[k] = (lns[k] + 20 * m->base) / (ln[k] + 20) / m->base;
	for (int w = 0; w < 7; w++)
		m->weekday[w] = (wns[w] + 20 * m->base) / (wn[w] + 20) / m->base;
	return 0;
}

static int model_of(db *c, int64_t practice, const char *tz, model *out, err *e)
{
	time_t now = now_unix();
	pthread_mutex_lock(&mu);
	int k = (int)(practice % 32);
	bool fresh = models[k].practice == practice && now - models[k].built < 3600;
	if (fresh)
		*out = models[k];
	pthread_mutex_unlock(&mu);
	if (fresh)
		return 0;
	if (build(c, practice, tz, out, e))
		return -1;
	pthread_mutex_lock(&mu);
	models[k] = *out;
	pthread_mutex_unlock(&mu);
	return 0;
}

/* One appointment (an item of appt_json): its risk and why. */
static int annotate(db *c, int64_t practice, const model *m, json_t *a, err *e)
{
	time_t start, made, now = now_unix();
	if (ts_parse(json_string_value(json_object_get(a, "start")), &start) ||
	    ts_parse(json_string_value(json_object_get(a, "created_at")), &made))
		return 0;
	int64_t past = 0, missed = 0;
	db_stmt *st = db_prepare(c,
				 "SELECT COUNT(*), COALESCE(SUM(CASE WHEN status = 'no_show' THEN 1 ELSE 0 END), 0) FROM appointment "
				 "WHERE practice_id = $1 AND patient_id = $2 AND start_s < $3 AND status IN ('checked_out', 'no_show')",
				 e);
	if (!st)
		return -1;
	db_bindv(st, "iii", practice, (int64_t)json_integer_value(json_object_get(a, "patient_id")), (int64_t)now);
	int rc = db_step(st, e);
	if (rc == DB_ROW)
		past = db_col_i64(st, 0), missed = db_col_i64(st, 1);
	db_done(st);
	if (rc == DB_ERR)
		return -1;
	double own = (missed + 3 * m->base) / (past + 3.0);
	int k = lead_bucket((int64_t)(start - made));
	int64_t day;
	int minute, off;
	tz_local(json_string_value(json_object_get(a, "time_zone")), start, &day, &minute, &off);
	int w = day_weekday(day);
	double score = own * m->lead[k] * m->weekday[w];
	if (score > 0.95)
		score = 0.95;
	json_t *why = json_array();
	char s[160];
	if (past)
		snprintf(s, sizeof s, "%lld no-show%s in %lld past visit%s", (long long)missed, missed == 1 ? "" : "s",
			 (long long)past, past == 1 ? "" : "s");
	else
		snprintf(s, sizeof s, "no past visits: the practice's rate of %.0f%% applies", 100 * m->base);
	json_array_append_new(why, json_string(s));
	if (fabs(m->lead[k] - 1) > 0.15) {
		snprintf(s, sizeof s, "booked %s ahead: no-shows %.1fx the practice's average", lead_names[k], m->lead[k]);
		json_array_append_new(why, json_string(s));
	}
	if (fabs(m->weekday[w] - 1) > 0.15) {
		snprintf(s, sizeof s, "%s: no-shows %.1fx the practice's average", weekday_names[w], m->weekday[w]);
		json_array_append_new(why, json_string(s));
	}
	/* levels against the practice's own rate: at a 15% practice, 15% is ordinary */
	double ratio = score / m->base;
	const char *level = ratio >= 2 && score >= 0.2 ? "high" : ratio >= 1.4 && score >= 0.1 ? "medium" : "low";
	json_object_set_new(a, "no_show_risk",
			    json_pack("{s:f,s:s,s:o}", "score", round(score * 1000) / 1000, "level", level, "reasons", why));
	return 0;
}

int appt_risk(ctx *x, json_t *items, err *e)
{
	size_t i;
	json_t *a;
	model m;
	bool have = false;
	json_array_foreach(items, i, a) {
		const char *s = json_string_value(json_object_get(a, "status"));
		if (!s || (strcmp(s, "booked") && strcmp(s, "confirmed")))
			continue;
		if (!have && model_of(x->db, ctx_practice(x), json_string_value(json_object_get(a, "time_zone")), &m, e))
			return -1;
		have = true;
		if (annotate(x->db, ctx_practice(x), &m, a, e))
			return -1;
	}
	return 0;
}
