/* availability.c: GET /availability, the open slots as JSON (the engine is slots.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/timeutil.h"
#include "schedule/clock.h"
#include "schedule/schedule.h"

#define MAX_PROVIDERS 500

int avail_search(ctx *x, int64_t type, int64_t provider, int64_t location, const char *from_s, const char *to_s,
		 int limit, json_t **out, err *e)
{
	if (!type)
		return err_field(e, "type_id", "is required");
	time_t from = now_unix(), to;
	if (from_s && *from_s && ts_parse(from_s, &from))
		return err_field(e, "from", "must be an RFC 3339 instant or a date");
	to = from + 90 * 86400;
	if (to_s && *to_s && ts_parse(to_s, &to))
		return err_field(e, "to", "must be an RFC 3339 instant or a date");
	if (to <= from || to - from > 366 * 86400)
		return err_field(e, "to", "must be after from, and at most 366 days later");
	avail_query q = {.location = location, .from = from, .to = to, .limit = limit};
	db_stmt *st = db_prepare(x->db,
				 "SELECT duration_min, slot_step_min, resource_id FROM appointment_type "
				 "WHERE id = $1 AND practice_id = $2 AND active = 1",
				 e);
	if (!st)
		return -1;
	db_bindv(st, "ii", type, ctx_practice(x));
	int rc = db_step(st, e);
	if (rc == DB_ROW) {
		q.duration_min = (int)db_col_i64(st, 0);
		q.step_min = (int)db_col_i64(st, 1);
		q.resource = db_col_null(st, 2) ? 0 : db_col_i64(st, 2);
	}
	db_done(st);
	if (rc != DB_ROW)
		return rc == DB_ERR ? -1 : err_field(e, "type_id", "is not an active appointment type of this practice");
	int64_t *prov = malloc(MAX_PROVIDERS * sizeof *prov);
	slot *slots = malloc((size_t)limit * sizeof *slots);
	if (!prov || !slots)
		abort();
	st = db_prepare(x->db,
			"SELECT tp.provider_id FROM appointment_type_provider tp JOIN provider p ON p.id = tp.provider_id "
			"WHERE tp.type_id = $1 AND p.active = 1 AND ($2 = 0 OR tp.provider_id = $2) ORDER BY tp.provider_id",
			e);
	rc = st ? DB_DONE : DB_ERR;
	if (st) {
		db_bindv(st, "ii", type, provider);
		while ((rc = db_step(st, e)) == DB_ROW && q.nproviders < MAX_PROVIDERS)
			prov[q.nproviders++] = db_col_i64(st, 0);
		db_done(st);
	}
	q.providers = prov;
	int n = 0;
	if (rc != DB_ERR && provider && !q.nproviders) {
		err_field(e, "provider_id", "is not an active provider offering this appointment type");
		rc = DB_ERR;
	}
	if (rc != DB_ERR)
		rc = avail_find(x->db, ctx_practice(x), &q, slots, &n, e) ? DB_ERR : DB_DONE;
	if (rc == DB_ERR) {
		free(prov);
		free(slots);
		return -1;
	}
	/* answer each start in its location's local time */
	json_t *items = json_array();
	int64_t tzloc = 0;
	char tz[64] = "UTC";
	for (int i = 0; i < n; i++) {
		if (slots[i].location_id != tzloc) {
			st = db_prepare(x->db, "SELECT time_zone FROM location WHERE id = $1", e);
			if (st) {
				db_bind_i64(st, 1, slots[i].location_id);
				if (db_step(st, e) == DB_ROW)
					snprintf(tz, sizeof tz, "%s", db_col_text(st, 0));
				db_done(st);
			}
			tzloc = slots[i].location_id;
		}
		char a[LOCAL_TS_LEN], b[LOCAL_TS_LEN];
		tz_format(tz, (time_t)slots[i].start, a);
		tz_format(tz, (time_t)slots[i].end, b);
		json_array_append_new(items, json_pack("{s:s,s:s,s:I,s:I}", "start", a, "end", b, "provider_id",
						       (json_int_t)slots[i].provider_id, "location_id",
						       (json_int_t)slots[i].location_id));
	}
	json_t *next = json_null();
	if (n == limit) {
		char ts[TS_LEN];
		ts_format((time_t)slots[n - 1].start + 1, ts);
		next = json_string(ts);
	}
	free(prov);
	free(slots);
	*out = json_pack("{s:o,s:o}", "items", items, "next_cursor", next);
	return 0;
}
