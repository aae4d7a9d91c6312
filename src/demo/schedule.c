/* schedule.c: the demo practice's schedule: appointment types, weekday availability for
 * every provider, a holiday, and appointments from some weeks back to some weeks ahead,
 * the past ones with their day (arrival, rooming, the provider, check-out, no-shows,
 * cancellations) so that the board and the reports have something true to show. */
#include <stdio.h>
#include <string.h>

#include "base/timeutil.h"
#include "demo/demo.h"
#include "schedule/clock.h"
#include "schedule/schedule.h"

static int create(ctx *x, setup_kind k, json_t *in, int64_t *id, err *e)
{
	json_t *out = NULL;
	int rc = setup_create(x, k, in, &out, e);
	if (!rc && id)
		*id = json_integer_value(json_object_get(out, "id"));
	json_decref(in);
	json_decref(out);
	return rc;
}

static const struct {
	const char *name, *color, *kind;
	int minutes, weight;
} types[] = {{"Follow-up", "#228be6", "established", 20, 5},
	     {"New patient", "#40c057", "new", 40, 1},
	     {"Annual physical", "#7950f2", "established", 30, 2},
	     {"Sick visit", "#fa5252", "any", 15, 2}};
#define NTYPES (int)(sizeof types / sizeof *types)

int demo_schedule(ctx *x, uint64_t *s, int appointments, err *e)
{
	int64_t practice = ctx_practice(x), lo, hi, nprov = 0;
	int64_t prov[1000], loc[2];
	db_stmt *st = db_prepare(x->db, "SELECT id FROM provider WHERE practice_id = $1 ORDER BY id", e);
	if (!st)
		return -1;
	db_bind_i64(st, 1, practice);
	while (db_step(st, e) == DB_ROW && nprov < 1000)
		prov[nprov++] = db_col_i64(st, 0);
	db_done(st);
	if (db_one_i64(x->db, e, &loc[0], "SELECT MIN(id) FROM location WHERE practice_id = $1", "i", practice) < 0 ||
	    db_one_i64(x->db, e, &loc[1], "SELECT MAX(id) FROM location WHERE practice_id = $1 AND pos_code = '11'", "i",
		       practice) < 0 ||
	    db_one_i64(x->db, e, &lo, "SELECT MIN(id) FROM patient WHERE practice_id = $1", "i", practice) < 0 ||
	    db_one_i64(x->db, e, &hi, "SELECT MAX(id) FROM patient WHERE practice_id = $1", "i", practice) < 0)
		return -1;
	if (!nprov || !lo)
		return 0;
	json_t *ids = json_array();
	for (int i = 0; i < nprov; i++)
		json_array_append_new(ids, json_integer(prov[i]));
	int64_t type_id[NTYPES];
	for (int i = 0; i < NTYPES; i++)
		if (create(x, SETUP_TYPE,
			   json_pack("{s:s,s:i,s:s,s:s,s:O}", "name", types[i].name, "duration_min", types[i].minutes, "color",
				     types[i].color, "patient_kind", types[i].kind, "provider_ids", ids),
			   &type_id[i], e)) {
			json_decref(ids);
			return -1;
		}
	json_decref(ids);
	/* two thirds of the appointments lie in the past: about 16 a provider and weekday */
	time_t now = now_unix();
	int64_t today, day;
	int minute, off;
	tz_local("America/New_York", now, &today, &minute, &off);
	int64_t weekdays = appointments / (nprov * 16) + 1, past = weekdays * 2 / 3 * 7 / 5;
	char from[11];
	day_format(today - past - 7, from);
	for (int i = 0; i < nprov; i++) {
		const char *hours[][2] = {{"08:00", "12:00"}, {"13:00", "17:00"}};
		for (int h = 0; h < 2; h++)
			if (create(x, SETUP_RULE,
				   json_pack("{s:I,s:I,s:[sssss],s:s,s:s,s:s}", "provider_id", (json_int_t)prov[i], "location_id",
					     (json_int_t)loc[i % 2], "weekdays", "MO", "TU", "WE", "TH", "FR", "start_time",
					     hours[h][0], "end_time", hours[h][1], "valid_from", from),
				   NULL, e))
				return -1;
	}
	/* the next 4 July, practice-wide */
	int y, m, d;
	civil_from_day(today, &y, &m, &d);
	int64_t july = day_from_civil(m > 7 || (m == 7 && d > 4) ? y + 1 : y, 7, 4);
	char a[TS_LEN], b[TS_LEN];
	ts_format(tz_instant("America/New_York", july, 0), a);
	ts_format(tz_instant("America/New_York", july + 1, 0), b);
	if (create(x, SETUP_EXCEPTION, json_pack("{s:s,s:s,s:s,s:s}", "kind", "blocked", "start", a, "end", b, "reason", "Independence Day"), NULL, e))
		return -1;

	int weight = 0;
	for (int i = 0; i < NTYPES; i++)
		weight += types[i].weight;
	int made = 0;
	if (db_begin(x->db, e))
		return -1;
	for (day = today - past; made < appointments; day++) {
		if (day_weekday(day) == 0 || day_weekday(day) == 6 || day == july)
			continue;
		for (int i = 0; i < nprov && made < appointments; i++)
			for (int h = 0; h < 2 && made < appointments; h++) {
				int t = h ? 13 * 60 : 8 * 60, end = h ? 17 * 60 : 12 * 60;
				while (made < appointments) {
					int w = (int)(demo_rand(s) % (uint64_t)weight), k = 0;
					while (w >= types[k].weight)
						w -= types[k++].weight;
					if (t + types[k].minutes > end)
						break;
					if (demo_rand(s) % 100 < 18) { /* an open gap */
						t += 20;
						continue;
					}
					appt_seed ap = {lo + (int64_t)(demo_rand(s) % (uint64_t)(hi - lo + 1)), prov[i], loc[i % 2], type_id[k],
							tz_instant("America/New_York", day, t), "booked", 0, 0, 0, 0};
					int r = (int)(demo_rand(s) % 100);
					/* booked 0 to 40 days ahead (mostly within two weeks), never in the future */
					int64_t lead = 3600 * (int64_t)(demo_rand(s) % 24) + 86400 * (int64_t)(demo_rand(s) % 100 < 70 ? demo_rand(s) % 14 : demo_rand(s) % 40);
					ap.booked = ap.start - lead < now ? ap.start - lead : now;
					if (ap.start + types[k].minutes * 60 < now) {
						ap.status = r < 7 ? "no_show" : r < 16 ? "cancelled" : "checked_out";
						ap.arrived = ap.start - 60 * (int64_t)(demo_rand(s) % 15);
						ap.roomed = ap.arrived + 60 * (2 + (int64_t)(demo_rand(s) % 24));
						ap.with_provider = ap.roomed + 60 * (1 + (int64_t)(demo_rand(s) % 18));
						ap.checked_out = ap.with_provider + 60 * (types[k].minutes - 5 + (int64_t)(demo_rand(s) % 10));
						if (strcmp(ap.status, "checked_out"))
							ap.arrived = ap.roomed = ap.with_provider = ap.checked_out = 0;
					} else
						ap.status = r < 35 ? "confirmed" : r < 43 ? "cancelled" : "booked";
					if (appt_seed_one(x, &ap, e)) {
						db_rollback(x->db);
						return -1;
					}
					t += types[k].minutes;
					if (++made % 2000 == 0 && (db_commit(x->db, e) || db_begin(x->db, e)))
						return -1;
				}
			}
	}
	return db_commit(x->db, e);
}
