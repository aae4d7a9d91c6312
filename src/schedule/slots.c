/* slots.c: open start times (see schedule.h, avail_find).
 *
 * For each provider: working spans = rule occurrences (local start/end times on the days the
 * RRULE yields, in the location's zone) + extra sessions - blocked time; free spans =
 * working spans - the provider's live appointments - the type's room or equipment bookings.
 * Offered starts lie on a grid of the type's slot step from the start of each working
 * session, so a booking never shifts the grid. The window is searched in chunks of growing
 * length (1, 1, 2, 4 ... days), so "the next 10" reads only the first days it needs. */
#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/timeutil.h"
#include "schedule/clock.h"
#include "schedule/schedule.h"

int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

typedef struct span {
	int64_t a, b, anchor, location;
} span;

typedef struct spans {
	span *v;
	int n, cap;
} spans;

static void push(spans *s, span x)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 16;
		s->v = realloc(s->v, (size_t)s->cap * sizeof *s->v);
		if (!s->v)
			abort();
	}
	s->v[s->n++] = x;
}

/* Removes [a, b) from the spans at `location` (every span if 0; with -L, every span not at L). */
static void subtract(spans *s, int64_t a, int64_t b, int64_t location)
{
	int n = s->n;
	for (int i = 0; i < n; i++) {
		span x = s->v[i];
		if (x.b <= a || x.a >= b || (location > 0 && x.location != location) || (location < 0 && x.location == -location))
			continue;
		s->v[i].b = s->v[i].a; /* emptied; pieces are appended */
		if (x.a < a)
			push(s, (span){x.a, a, x.anchor, x.location});
		if (b < x.b)
			push(s, (span){b, x.b, x.anchor, x.location});
	}
	int k = 0;
	for (int i = 0; i < s->n; i++)
		if (s->v[i].b > s->v[i].a)
			s->v[k++] = s->v[i];
	s->n = k;
}

typedef struct rule {
	int64_t provider, location, from_day, to_day;
	int start_min, end_min;
	const char *tz;
	unsigned weekdays; /* a plain weekly rule (bit 0 = Sunday), walked without libical; 0 if not */
	struct icalrecurrencetype r;
} rule;

/* The weekday mask of FREQ=WEEKLY;BYDAY=... with nothing else (the common rule), or 0. */
static unsigned plain_weekly(const struct icalrecurrencetype *r)
{
	if (r->freq != ICAL_WEEKLY_RECURRENCE || r->interval != 1 || r->count || !icaltime_is_null_time(r->until) ||
	    r->by_month[0] != ICAL_RECURRENCE_ARRAY_MAX || r->by_month_day[0] != ICAL_RECURRENCE_ARRAY_MAX ||
	    r->by_year_day[0] != ICAL_RECURRENCE_ARRAY_MAX || r->by_week_no[0] != ICAL_RECURRENCE_ARRAY_MAX ||
	    r->by_set_pos[0] != ICAL_RECURRENCE_ARRAY_MAX || r->by_day[0] == ICAL_RECURRENCE_ARRAY_MAX)
		return 0;
	unsigned mask = 0;
	for (int i = 0; i < ICAL_BY_DAY_SIZE && r->by_day[i] != ICAL_RECURRENCE_ARRAY_MAX; i++) {
		if (icalrecurrencetype_day_position(r->by_day[i]))
			return 0;
		mask |= 1u << ((int)icalrecurrencetype_day_day_of_week(r->by_day[i]) - 1);
	}
	return mask;
}

typedef struct place {
	int64_t id;
	char tz[64];
} place;

typedef struct exc {
	int64_t provider, location, a, b;
	bool extra;
} exc;

typedef struct plan {
	int64_t practice;
	rule *rules;
	int nrules;
	place *places;
	int nplaces;
	exc *excs;
	int nexcs;
} plan;

static const char *tz_of(const plan *p, int64_t location)
{
	for (int i = 0; i < p->nplaces; i++)
		if (p->places[i].id == location)
			return p->places[i].tz;
	return "UTC";
}

static void plan_free(plan *p)
{
	free(p->rules);
	free(p->places);
	free(p->excs);
}

/* Rules, locations and exceptions of the practice for providers `prov` (sorted) in [from, to). */
static int plan_load(db *c, int64_t practice, const int64_t *prov, int nprov, int64_t from, int64_t to, plan *p, err *e)
{
	memset(p, 0, sizeof *p);
	p->practice = practice;
	db_stmt *st = db_prepare(c, "SELECT id, time_zone FROM location WHERE practice_id = $1 AND active = 1", e);
	if (!st)
		return -1;
	db_bind_i64(st, 1, practice);
	int rc, cap = 0;
	while ((rc = db_step(st, e)) == DB_ROW) {
		if (p->nplaces == cap) {
			cap = cap ? cap * 2 : 8;
			p->places = realloc(p->places, (size_t)cap * sizeof *p->places);
			if (!p->places)
				abort();
		}
		place *l = &p->places[p->nplaces++];
		l->id = db_col_i64(st, 0);
		snprintf(l->tz, sizeof l->tz, "%s", db_col_text(st, 1));
	}
	db_done(st);
	if (rc == DB_ERR)
		return -1;

	st = db_prepare(c,
			"SELECT provider_id, location_id, rrule, start_time, end_time, valid_from, valid_to "
			"FROM availability_rule WHERE practice_id = $1",
			e);
	if (!st)
		return -1;
	db_bind_i64(st, 1, practice);
	cap = 0;
	while ((rc = db_step(st, e)) == DB_ROW) {
		int64_t pv = db_col_i64(st, 0);
		if (!bsearch(&pv, prov, (size_t)nprov, sizeof *prov, cmp_i64))
			continue;
		if (p->nrules == cap) {
			cap = cap ? cap * 2 : 16;
			p->rules = realloc(p->rules, (size_t)cap * sizeof *p->rules);
			if (!p->rules)
				abort();
		}
		rule *r = &p->rules[p->nrules];
		r->provider = pv;
		r->location = db_col_i64(st, 1);
		r->r = icalrecurrencetype_from_string(db_col_text(st, 2));
		r->start_min = clock_minute(db_col_text(st, 3));
		r->end_min = clock_minute(db_col_text(st, 4));
		if (!day_parse(db_col_text(st, 5), &r->from_day))
			continue;
		r->to_day = INT64_MAX;
		if (!db_col_null(st, 6) && !day_parse(db_col_text(st, 6), &r->to_day))
			continue;
		r->tz = NULL; /* set below, once places are final */
		r->weekdays = plain_weekly(&r->r);
		if (r->r.freq != ICAL_NO_RECURRENCE && r->start_min >= 0 && r->end_min > r->start_min)
			p->nrules++;
	}
	db_done(st);
	if (rc == DB_ERR)
		return -1;
	for (int i = 0; i < p->nrules; i++)
		p->rules[i].tz = tz_of(p, p->rules[i].location);

	st = db_prepare(c,
			"SELECT provider_id, location_id, kind, start_s, end_s FROM availability_exception "
			"WHERE practice_id = $1 AND start_s < $2 AND start_s > $3 AND end_s > $4",
			e);
	if (!st)
		return -1;
	db_bindv(st, "iiii", practice, to, from - 367 * 86400, from);
	cap = 0;
	while ((rc = db_step(st, e)) == DB_ROW) {
		int64_t pv = db_col_null(st, 0) ? 0 : db_col_i64(st, 0);
		if (pv && !bsearch(&pv, prov, (size_t)nprov, sizeof *prov, cmp_i64))
			continue;
		if (p->nexcs == cap) {
			cap = cap ? cap * 2 : 8;
			p->excs = realloc(p->excs, (size_t)cap * sizeof *p->excs);
			if (!p->excs)
				abort();
		}
		p->excs[p->nexcs++] = (exc){pv, db_col_null(st, 1) ? 0 : db_col_i64(st, 1), db_col_i64(st, 3),
					    db_col_i64(st, 4), !strcmp(db_col_text(st, 2), "extra")};
	}
	db_done(st);
	return rc == DB_ERR ? -1 : 0;
}

/* A DATE value (icaltime_null_date() leaves the time fields at -1, which the iterator does
 * not expect). */
static struct icaltimetype ical_date(int64_t day)
{
	struct icaltimetype t = icaltime_null_time();
	t.is_date = 1;
	civil_from_day(day, &t.year, &t.month, &t.day);
	return t;
}

/* The working spans of `provider` that start in [a, b) or run into it. */
static void working(const plan *p, int64_t provider, int64_t a, int64_t b, spans *out)
{
	out->n = 0;
	for (int i = 0; i < p->nrules; i++) {
		const rule *r = &p->rules[i];
		if (r->provider != provider)
			continue;
		int64_t d0, d1;
		int m, off;
		tz_local(r->tz, (time_t)a, &d0, &m, &off);
		tz_local(r->tz, (time_t)b, &d1, &m, &off);
		d0 -= 1; /* a session of the day before may run into the chunk */
		if (d0 < r->from_day)
			d0 = r->from_day;
		if (d1 > r->to_day)
			d1 = r->to_day;
		if (d0 > d1)
			continue;
		if (r->weekdays) {
			for (int64_t day = d0; day <= d1; day++) {
				if (!(r->weekdays & (1u << day_weekday(day))))
					continue;
				int64_t sa = tz_instant(r->tz, day, r->start_min), sb = tz_instant(r->tz, day, r->end_min);
				if (sb > a && sa < b)
					push(out, (span){sa, sb, sa, r->location});
			}
			continue;
		}
		icalrecur_iterator *it = icalrecur_iterator_new(r->r, ical_date(r->from_day));
		if (!it)
			continue;
		if (r->r.count == 0 && d0 > r->from_day) /* a COUNT rule must be walked from its start */
			icalrecur_iterator_set_start(it, ical_date(d0));
		for (;;) {
			struct icaltimetype t = icalrecur_iterator_next(it);
			if (icaltime_is_null_time(t))
				break;
			int64_t day = day_from_civil(t.year, t.month, t.day);
			if (day > d1)
				break;
			if (day < d0)
				continue;
			int64_t sa = tz_instant(r->tz, day, r->start_min), sb = tz_instant(r->tz, day, r->end_min);
			if (sb > a && sa < b)
				push(out, (span){sa, sb, sa, r->location});
		}
		icalrecur_iterator_free(it);
	}
	for (int i = 0; i < p->nexcs; i++)
		if (p->excs[i].extra && p->excs[i].provider == provider)
			push(out, (span){p->excs[i].a, p->excs[i].b, p->excs[i].a, p->excs[i].location});
	for (int i = 0; i < p->nexcs; i++)
		if (!p->excs[i].extra && (!p->excs[i].provider || p->excs[i].provider == provider))
			subtract(out, p->excs[i].a, p->excs[i].b, p->excs[i].location);
}

static int cmp_slot(const void *a, const void *b)
{
	const slot *x = a, *y = b;
	if (x->start != y->start)
		return (x->start > y->start) - (x->start < y->start);
	return (x->provider_id > y->provider_id) - (x->provider_id < y->provider_id);
}

/* Live appointments of the providers (or of the resource) overlapping [a, b), subtracted from
 * the free spans of each provider. */
static int take_booked(db *c, int64_t practice, const int64_t *prov, spans *open, int nprov, int64_t resource,
		       int64_t a, int64_t b, err *e)
{
	db_stmt *st;
	if (nprov == 1)
		st = db_prepare(c,
				"SELECT provider_id, start_s, end_s FROM appointment WHERE provider_id = $1 AND start_s > $2 "
				"AND start_s < $3 AND end_s > $4 AND live = 1",
				e);
	else
		st = db_prepare(c,
				"SELECT provider_id, start_s, end_s FROM appointment WHERE practice_id = $1 AND start_s > $2 "
				"AND start_s < $3 AND end_s > $4 AND live = 1",
				e);
	if (!st)
		return -1;
	db_bindv(st, "iiii", nprov == 1 ? prov[0] : practice, a - 86400, b, a);
	int rc;
	while ((rc = db_step(st, e)) == DB_ROW) {
		int64_t pv = db_col_i64(st, 0), s = db_col_i64(st, 1), t = db_col_i64(st, 2);
		int64_t *hit = bsearch(&pv, prov, (size_t)nprov, sizeof *prov, cmp_i64);
		if (hit)
			subtract(&open[hit - prov], s, t, 0);
	}
	db_done(st);
	if (rc == DB_ERR || !resource)
		return rc == DB_ERR ? -1 : 0;
	st = db_prepare(c,
			"SELECT start_s, end_s FROM appointment WHERE resource_id = $1 AND start_s > $2 AND start_s < $3 "
			"AND end_s > $4 AND live = 1",
			e);
	if (!st)
		return -1;
	db_bindv(st, "iiii", resource, a - 86400, b, a);
	while ((rc = db_step(st, e)) == DB_ROW) {
		int64_t s = db_col_i64(st, 0), t = db_col_i64(st, 1);
		for (int i = 0; i < nprov; i++)
			subtract(&open[i], s, t, 0);
	}
	db_done(st);
	return rc == DB_ERR ? -1 : 0;
}

static int cmp_span(const void *a, const void *b)
{
	const span *x = a, *y = b;
	return (x->a > y->a) - (x->a < y->a);
}

int avail_find(db *c, int64_t practice, const avail_query *q, slot *out, int *nout, err *e)
{
	*nout = 0;
	int64_t now = (int64_t)now_unix();
	int64_t from = q->from > now ? q->from : now, to = q->to;
	int np = q->nproviders;
	if (from >= to || q->limit <= 0 || np <= 0)
		return 0;
	plan p;
	if (plan_load(c, practice, q->providers, np, from, to, &p, e)) {
		plan_free(&p);
		return -1;
	}
	spans *open = calloc((size_t)np, sizeof *open);
	slot *cand = malloc((size_t)np * (size_t)q->limit * sizeof *cand);
	if (!open || !cand)
		abort();
	int64_t step = (int64_t)q->step_min * 60, dur = (int64_t)q->duration_min * 60;
	int64_t len = 86400, a = from;
	int rc = 0;
	while (a < to && *nout < q->limit && !rc) {
		int64_t b = a + len < to ? a + len : to;
		for (int i = 0; i < np; i++) {
			working(&p, q->providers[i], a, b, &open[i]);
			if (q->location)
				subtract(&open[i], INT64_MIN / 2, INT64_MAX / 2, -q->location); /* other locations */
		}
		/* a start just before b runs on for the type's duration */
		rc = take_booked(c, practice, q->providers, open, np, q->resource, a, b + dur, e);
		int n = 0;
		for (int i = 0; i < np && !rc; i++) {
			/* each provider's earliest `limit` starts in this chunk, in time order */
			if (open[i].n > 1)
				qsort(open[i].v, (size_t)open[i].n, sizeof *open[i].v, cmp_span);
			int mine = 0;
			for (int k = 0; k < open[i].n && mine < q->limit; k++) {
				span sp = open[i].v[k];
				int64_t t = sp.anchor + (sp.a > sp.anchor ? (sp.a - sp.anchor + step - 1) / step * step : 0);
				if (t < a)
					t += (a - t + step - 1) / step * step;
				for (; t + dur <= sp.b && t < b && mine < q->limit; t += step, mine++)
					cand[n++] = (slot){t, t + dur, q->providers[i], sp.location};
			}
		}
		qsort(cand, (size_t)n, sizeof *cand, cmp_slot);
		for (int i = 0; i < n && *nout < q->limit; i++) /* overlapping rules yield a start twice */
			if (!*nout || cand[i].start != out[*nout - 1].start || cand[i].provider_id != out[*nout - 1].provider_id)
				out[(*nout)++] = cand[i];
		a = b;
		if (len < 32 * 86400)
			len *= 2;
	}
	for (int i = 0; i < np; i++)
		free(open[i].v);
	free(open);
	free(cand);
	plan_free(&p);
	return rc;
}

int avail_covers(db *c, int64_t practice, int64_t provider, int64_t location, int64_t a, int64_t b, bool *inside, err *e)
{
	plan p;
	*inside = false;
	if (plan_load(c, practice, &provider, 1, a, b, &p, e)) {
		plan_free(&p);
		return -1;
	}
	spans w = {0};
	working(&p, provider, a, b, &w);
	for (int i = 0; i < w.n && !*inside; i++)
		*inside = w.v[i].location == location && w.v[i].a <= a && w.v[i].b >= b;
	free(w.v);
	plan_free(&p);
	return 0;
}

int avail_worked(db *c, int64_t practice, const int64_t *prov, int nprov, const int64_t *edges, int nedges,
		 int64_t *minutes, err *e)
{
	plan p;
	if (plan_load(c, practice, prov, nprov, edges[0], edges[nedges - 1], &p, e)) {
		plan_free(&p);
		return -1;
	}
	spans w = {0};
	for (int i = 0; i < nprov; i++)
		for (int k = 0; k + 1 < nedges; k++) {
			working(&p, prov[i], edges[k], edges[k + 1], &w);
			int64_t sum = 0;
			for (int j = 0; j < w.n; j++) {
				int64_t a = w.v[j].a > edges[k] ? w.v[j].a : edges[k];
				int64_t b = w.v[j].b < edges[k + 1] ? w.v[j].b : edges[k + 1];
				sum += b > a ? b - a : 0;
			}
			minutes[i * (nedges - 1) + k] = sum / 60;
		}
	free(w.v);
	plan_free(&p);
	return 0;
}

int avail_working(db *c, int64_t practice, int64_t provider, int64_t from, int64_t to, json_t **out, err *e)
{
	plan p;
	if (plan_load(c, practice, &provider, 1, from, to, &p, e)) {
		plan_free(&p);
		return -1;
	}
	spans w = {0};
	working(&p, provider, from, to, &w);
	if (w.n > 1)
		qsort(w.v, (size_t)w.n, sizeof *w.v, cmp_span);
	json_t *items = json_array();
	for (int i = 0; i < w.n; i++) {
		if (w.v[i].b <= from || w.v[i].a >= to)
			continue;
		char a[LOCAL_TS_LEN], b[LOCAL_TS_LEN];
		const char *tz = tz_of(&p, w.v[i].location);
		tz_format(tz, (time_t)w.v[i].a, a);
		tz_format(tz, (time_t)w.v[i].b, b);
		json_array_append_new(items, json_pack("{s:s,s:s,s:I}", "start", a, "end", b, "location_id", (json_int_t)w.v[i].location));
	}
	free(w.v);
	plan_free(&p);
	*out = json_pack("{s:o,s:n}", "items", items, "next_cursor");
	return 0;
}
