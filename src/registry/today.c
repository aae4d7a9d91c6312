/* today.c: a practice's business day (see registry.h, practice_today). */
#include <stdio.h>
#include <string.h>

#include "base/log.h"
#include "registry/registry.h"
#include "schedule/clock.h"

/* The zone is read again after ZONE_TTL seconds, so a location's new zone takes effect
 * within a minute without a restart; between reads, a day is computed from the cached zone. */
#define ZONE_TTL 60
#define NCACHE 8

static _Thread_local struct {
	int64_t practice;
	time_t read_at;
	char tz[64];
} cache[NCACHE];

/* The zone of the practice's first active location (the lowest id; any location if none is
 * active), "UTC" when it has none. */
static const char *practice_zone(db *c, int64_t practice, time_t now)
{
	int slot = (int)((uint64_t)practice % NCACHE);
	if (cache[slot].practice == practice && now - cache[slot].read_at < ZONE_TTL && cache[slot].tz[0])
		return cache[slot].tz;
	err e = ERR_INIT;
	char tz[sizeof cache[0].tz] = "UTC";
	db_stmt *st = db_prepare(c,
				 "SELECT time_zone FROM location WHERE practice_id = $1 ORDER BY active DESC, id LIMIT 1",
				 &e);
	if (st) {
		db_bind_i64(st, 1, practice);
		if (db_step(st, &e) == DB_ROW && db_col_text(st, 0))
			snprintf(tz, sizeof tz, "%s", db_col_text(st, 0));
		db_done(st);
	}
	if (e.code) { /* the day in UTC rather than no day; said in the log, and nothing cached */
		log_error("practice %lld: could not read its time zone: %s", (long long)practice, e.msg);
		err_clear(&e);
		return "UTC";
	}
	cache[slot].practice = practice;
	cache[slot].read_at = now;
	memcpy(cache[slot].tz, tz, sizeof tz);
	return cache[slot].tz;
}

void practice_day_start(db *c, int64_t practice, const char *date, char out[TS_LEN])
{
	int64_t day = 0;
	day_parse(date, &day);
	ts_format(tz_instant(practice_zone(c, practice, now_unix()), day, 0), out);
}

void practice_today(db *c, int64_t practice, char out[11])
{
	time_t now = now_unix();
	int64_t day;
	int minute, offset;
	tz_local(practice_zone(c, practice, now), now, &day, &minute, &offset);
	day_format(day, out);
}
