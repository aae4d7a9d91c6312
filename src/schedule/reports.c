/* reports.c: what the practice manager judges the schedule by (see schedule.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/timeutil.h"
#include "schedule/clock.h"
#include "schedule/schedule.h"

const column utilisation_columns[] = {
	{"provider", "Provider", COL_TEXT},
	{"week", "Week of", COL_TEXT},
	{"available_min", "Available minutes", COL_INT},
	{"booked_min", "Booked minutes", COL_INT},
	{"utilisation", "Utilisation", COL_PCT},
	{"appointments", "Appointments", COL_INT},
	{"no_shows", "No-shows", COL_INT},
	{"past_appointments", "Past appointments", COL_INT},
	{"no_show_rate", "No-show rate", COL_PCT},
	{"cancellations", "Cancellations", COL_INT},
	{"cancellation_rate", "Cancellation rate", COL_PCT},
	{"late_cancellations", "Late cancellations", COL_INT},
	{"late_cancellation_rate", "Late-cancellation rate", COL_PCT},
	{"median_lead_days", "Median lead time (days)", COL_NUM},
	{"new_patient_share", "New-patient share", COL_PCT},
};
const int utilisation_ncolumns = sizeof utilisation_columns / sizeof *utilisation_columns;

const column wait_columns[] = {
	{"provider", "Provider", COL_TEXT},
	{"date", "Date", COL_TEXT},
	{"visits", "Visits", COL_INT},
	{"arrival_to_roomed_median", "Arrival to rooming, median (min)", COL_NUM},
	{"arrival_to_roomed_p90", "Arrival to rooming, 90th pct (min)", COL_NUM},
	{"roomed_to_provider_median", "Rooming to provider, median (min)", COL_NUM},
	{"roomed_to_provider_p90", "Rooming to provider, 90th pct (min)", COL_NUM},
	{"visit_median", "Whole visit, median (min)", COL_NUM},
	{"visit_p90", "Whole visit, 90th pct (min)", COL_NUM},
};
const int wait_ncolumns = sizeof wait_columns / sizeof *wait_columns;

/* The practice's zone (its first location's) and its providers, sorted, with names. */
typedef struct practice_view {
	char tz[64];
	int64_t *ids;
	char (*names)[160];
	int n;
} practice_view;

static int load_view(ctx *x, practice_view *v, err *e)
{
	memset(v, 0, sizeof *v);
	snprintf(v->tz, sizeof v->tz, "UTC");
	db_stmt *st = db_prepare(x->db, "SELECT time_zone FROM location WHERE practice_id = $1 AND active = 1 ORDER BY id LIMIT 1", e);
	if (!st)
		return -1;
	db_bind_i64(st, 1, ctx_practice(x));
	if (db_step(st, e) == DB_ROW)
		snprintf(v->tz, sizeof v->tz, "%s", db_col_text(st, 0));
	db_done(st);
	st = db_prepare(x->db, "SELECT id, given_name, family_name, credentials FROM provider WHERE practice_id = $1 ORDER BY id", e);
	if (!st)
		return -1;
	db_bind_i64(st, 1, ctx_practice(x));
	int rc, cap = 0;
	while ((rc = db_step(st, e)) == DB_ROW) {
		if (v->n == cap) {
			cap = cap ? cap * 2 : 16;
			v->ids = realloc(v->ids, (size_t)cap * sizeof *v->ids);
			v->names = realloc(v->names, (size_t)cap * sizeof *v->names);
			if (!v->ids || !v->names)
				abort();
		}
		v->ids[v->n] = db_col_i64(st, 0);
		const char *cred = db_col_text(st, 3);
		snprintf(v->names[v->n++], sizeof *v->names, "%s %s%s%s", db_col_text(st, 1), db_col_text(st, 2),
			 cred ? ", " : "", cred ? cred : "");
	}
	db_done(st);
	return rc == DB_ERR ? -1 : 0;
}

static void free_view(practice_view *v)
{
	free(v->ids);
	free(v->names);
}

static int provider_index(const practice_view *v, int64_t id)
{
	int64_t *hit = bsearch(&id, v->ids, (size_t)v->n, sizeof *v->ids, cmp_i64);
	return hit ? (int)(hit - v->ids) : -1;
}

/* The period [from, to] (inclusive) as day numbers, at most max_days long. */
static int day_range(const char *from_in, const char *to_in, int64_t *d0, int64_t *d1, int max_days, err *e)
{
	char from[11], to[11];
	if (date_range(from_in, to_in, max_days, from, to, e))
		return -1;
	day_parse(from, d0);
	day_parse(to, d1);
	return 0;
}

static int cmp_int(const void *a, const void *b) { return (*(const int *)a > *(const int *)b) - (*(const int *)a < *(const int *)b); }

/* nearest-rank quantile of n sorted values */
static double quantile(int *v, int n, double q)
{
	int k = (int)((q * n) + 0.999999) - 1;
	return v[k < 0 ? 0 : k >= n ? n - 1 : k];
}

typedef struct week_acc {
	int64_t booked_min;
	int appointments, no_shows, past, cancellations, late, new_patients, nlead, caplead;
	int *lead;
} week_acc;

int report_utilisation(ctx *x, const char *from, const char *to, json_t **rows, err *e)
{
	int64_t d0, d1;
	if (day_range(from, to, &d0, &d1, 53 * 7, e))
		return -1;
	practice_view v;
	if (load_view(x, &v, e)) {
		free_view(&v);
		return -1;
	}
	d0 -= (day_weekday(d0) + 6) % 7; /* back to Monday */
	int nweeks = (int)((d1 - d0) / 7 + 1);
	int64_t *edges = malloc(sizeof *edges * (size_t)(nweeks + 1));
	int64_t *avail = malloc(sizeof *avail * (size_t)(v.n ? v.n : 1) * (size_t)nweeks);
	week_acc *acc = calloc((size_t)(v.n ? v.n : 1) * (size_t)nweeks, sizeof *acc);
	if (!edges || !avail || !acc)
		abort();
	for (int k = 0; k <= nweeks; k++)
		edges[k] = tz_instant(v.tz, d0 + 7 * k, 0);
	int rc = v.n ? avail_worked(x->db, ctx_practice(x), v.ids, v.n, edges, nweeks + 1, avail, e) : 0;
	db_stmt *st = rc ? NULL
			 : db_prepare(x->db,
				      "SELECT a.provider_id, a.start_s, a.end_s, a.status, a.late_cancel, a.created_at, t.patient_kind "
				      "FROM appointment a JOIN appointment_type t ON t.id = a.type_id "
				      "WHERE a.practice_id = $1 AND a.start_s >= $2 AND a.start_s < $3",
				      e);
	if (!rc && !st)
		rc = -1;
	int64_t now = (int64_t)now_unix();
	if (st) {
		db_bindv(st, "iii", ctx_practice(x), edges[0], edges[nweeks]);
		int s;
		while ((s = db_step(st, e)) == DB_ROW) {
			int p = provider_index(&v, db_col_i64(st, 0));
			int64_t start = db_col_i64(st, 1);
			int k = 0;
			while (k + 1 < nweeks && edges[k + 1] <= start)
				k++;
			if (p < 0)
				continue;
			week_acc *w = &acc[p * nweeks + k];
			const char *status = db_col_text(st, 3);
			w->appointments++;
			if (!strcmp(status, "cancelled")) {
				w->cancellations++;
				w->late += db_col_i64(st, 4) != 0;
				continue;
			}
			w->booked_min += (db_col_i64(st, 2) - start) / 60;
			w->no_shows += !strcmp(status, "no_show");
			w->past += start < now;
			w->new_patients += !strcmp(db_col_text(st, 6), "new");
			time_t made;
			if (!ts_parse(db_col_text(st, 5), &made)) {
				if (w->nlead == w->caplead) {
					w->caplead = w->caplead ? w->caplead * 2 : 32;
					w->lead = realloc(w->lead, sizeof *w->lead * (size_t)w->caplead);
					if (!w->lead)
						abort();
				}
				int64_t lead = start - (int64_t)made;
				w->lead[w->nlead++] = lead > 0 ? (int)(lead / 60) : 0;
			}
		}
		db_done(st);
		rc = s == DB_ERR ? -1 : 0;
	}
	if (!rc) {
		*rows = json_array();
		for (int p = 0; p < v.n; p++)
			for (int k = 0; k < nweeks; k++) {
				week_acc *w = &acc[p * nweeks + k];
				int64_t a = avail[p * nweeks + k];
				if (!a && !w->appointments)
					continue;
				char week[11];
				day_format(d0 + 7 * k, week);
				int held = w->appointments - w->cancellations;
				if (w->nlead)
					qsort(w->lead, (size_t)w->nlead, sizeof *w->lead, cmp_int);
				json_t *r = json_pack("{s:I,s:s,s:s,s:I,s:I,s:i,s:i,s:i,s:i}", "provider_id", (json_int_t)v.ids[p],
						      "provider", v.names[p], "week", week, "available_min", (json_int_t)a, "booked_min",
						      (json_int_t)w->booked_min, "appointments", w->appointments, "no_shows", w->no_shows,
						      "cancellations", w->cancellations, "late_cancellations", w->late);
				json_object_set_new(r, "past_appointments", json_integer(w->past));
				json_object_set_new(r, "utilisation", a ? json_real((double)w->booked_min / (double)a) : json_null());
				json_object_set_new(r, "no_show_rate", w->past ? json_real((double)w->no_shows / w->past) : json_null());
				json_object_set_new(r, "cancellation_rate",
						    w->appointments ? json_real((double)w->cancellations / w->appointments) : json_null());
				json_object_set_new(r, "late_cancellation_rate",
						    w->appointments ? json_real((double)w->late / w->appointments) : json_null());
				json_object_set_new(r, "median_lead_days",
						    w->nlead ? json_real(quantile(w->lead, w->nlead, 0.5) / 1440.0) : json_null());
				json_object_set_new(r, "new_patient_share", held ? json_real((double)w->new_patients / held) : json_null());
				json_array_append_new(*rows, r);
			}
	}
	for (int i = 0; i < v.n * nweeks; i++)
		free(acc[i].lead);
	free(acc);
	free(avail);
	free(edges);
	free_view(&v);
	return rc;
}

/* one provider-day of wait times */
typedef struct day_acc {
	int n, cap;
	int *roomed, *provider, *visit;
} day_acc;

static void push3(day_acc *d, int a, int b, int c)
{
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 16;
		d->roomed = realloc(d->roomed, sizeof(int) * (size_t)d->cap);
		d->provider = realloc(d->provider, sizeof(int) * (size_t)d->cap);
		d->visit = realloc(d->visit, sizeof(int) * (size_t)d->cap);
		if (!d->roomed || !d->provider || !d->visit)
			abort();
	}
	d->roomed[d->n] = a, d->provider[d->n] = b, d->visit[d->n++] = c;
}

static void put_quantiles(json_t *r, const char *name, int *v, int n)
{
	char k[64];
	qsort(v, (size_t)n, sizeof *v, cmp_int);
	snprintf(k, sizeof k, "%s_median", name);
	json_object_set_new(r, k, json_real(quantile(v, n, 0.5) / 60.0));
	snprintf(k, sizeof k, "%s_p90", name);
	json_object_set_new(r, k, json_real(quantile(v, n, 0.9) / 60.0));
}

int report_wait_times(ctx *x, const char *from, const char *to, int64_t provider, json_t **rows, err *e)
{
	int64_t d0, d1;
	if (day_range(from, to, &d0, &d1, 366, e))
		return -1;
	practice_view v;
	if (load_view(x, &v, e)) {
		free_view(&v);
		return -1;
	}
	int ndays = (int)(d1 - d0 + 1);
	day_acc *acc = calloc((size_t)(v.n ? v.n : 1) * (size_t)ndays, sizeof *acc);
	if (!acc)
		abort();
	db_stmt *st = db_prepare(x->db,
				 "SELECT provider_id, start_s, arrived_at, roomed_at, with_provider_at, checked_out_at FROM appointment "
				 "WHERE practice_id = $1 AND start_s >= $2 AND start_s < $3 AND status = 'checked_out' "
				 "AND ($4 = 0 OR provider_id = $4)",
				 e);
	int rc = st ? 0 : -1;
	if (st) {
		db_bindv(st, "iiii", ctx_practice(x), (int64_t)tz_instant(v.tz, d0, 0), (int64_t)tz_instant(v.tz, d1 + 1, 0), provider);
		int s;
		while ((s = db_step(st, e)) == DB_ROW) {
			int p = provider_index(&v, db_col_i64(st, 0));
			time_t t[4];
			bool ok = p >= 0;
			for (int i = 0; i < 4 && ok; i++)
				ok = !ts_parse(db_col_text(st, 2 + i), &t[i]);
			if (!ok) /* a visit without every stamp (e.g. never roomed) has no complete wait to report */
				continue;
			int64_t day;
			int minute, off;
			tz_local(v.tz, (time_t)db_col_i64(st, 1), &day, &minute, &off);
			if (day < d0 || day > d1)
				continue;
			push3(&acc[p * ndays + (day - d0)], (int)(t[1] - t[0]), (int)(t[2] - t[1]), (int)(t[3] - t[0]));
		}
		db_done(st);
		rc = s == DB_ERR ? -1 : 0;
	}
	if (!rc) {
		*rows = json_array();
		for (int p = 0; p < v.n; p++)
			for (int k = 0; k < ndays; k++) {
				day_acc *d = &acc[p * ndays + k];
				if (!d->n)
					continue;
				char date[11];
				day_format(d0 + k, date);
				json_t *r = json_pack("{s:I,s:s,s:s,s:i}", "provider_id", (json_int_t)v.ids[p], "provider", v.names[p],
						      "date", date, "visits", d->n);
				put_quantiles(r, "arrival_to_roomed", d->roomed, d->n);
				put_quantiles(r, "roomed_to_provider", d->provider, d->n);
				put_quantiles(r, "visit", d->visit, d->n);
				json_array_append_new(*rows, r);
			}
	}
	for (int i = 0; i < v.n * ndays; i++) {
		free(acc[i].roomed);
		free(acc[i].provider);
		free(acc[i].visit);
	}
	free(acc);
	free_view(&v);
	return rc;
}
