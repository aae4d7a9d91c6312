/* clock.c: local time (see clock.h). Zone rules from libical, which reads the system's
 * zoneinfo; day numbers are base/timeutil's. */
#include "schedule/clock.h"

#include <libical/ical.h>
#include <stdio.h>
#include <string.h>

int clock_minute(const char *s)
{
	if (!s || strlen(s) != 5 || s[2] != ':')
		return -1;
	for (int i = 0; i < 5; i++)
		if (i != 2 && (s[i] < '0' || s[i] > '9'))
			return -1;
	int h = (s[0] - '0') * 10 + s[1] - '0', m = (s[3] - '0') * 10 + s[4] - '0';
	if (h > 24 || m > 59 || (h == 24 && m))
		return -1;
	return h * 60 + m;
}

/* libical finds a zone by a linear search of ~600 names; each thread remembers the few it
 * uses (built-in zones live as long as the process). */
static icaltimezone *zone(const char *tz)
{
	if (!tz || !strcmp(tz, "UTC"))
		return icaltimezone_get_utc_timezone();
	static __thread struct {
		char name[64];
		icaltimezone *z;
	} seen[8];
	static __thread unsigned next;
	for (int i = 0; i < 8; i++)
		if (seen[i].z && !strcmp(seen[i].name, tz))
			return seen[i].z;
	icaltimezone *z = icaltimezone_get_builtin_timezone(tz);
	if (z && strlen(tz) < sizeof seen[0].name) {
		unsigned k = next++ % 8;
		strcpy(seen[k].name, tz);
		seen[k].z = z;
	}
	return z;
}

bool tz_known(const char *tz) { return tz && zone(tz) != NULL; }

time_t tz_instant(const char *tz, int64_t day, int minute)
{
	icaltimezone *z = zone(tz);
	struct icaltimetype t = icaltime_null_time();
	day += minute / 1440;
	minute %= 1440;
	civil_from_day(day, &t.year, &t.month, &t.day);
	t.hour = minute / 60;
	t.minute = minute % 60;
	t.zone = z;
	time_t u = icaltime_as_timet_with_zone(t, z);
	/* In a gap libical uses the offset after it, so its answer reads earlier than asked;
	 * move forward by the difference (the gap's length) to get RFC 5545's reading. */
	int64_t ld;
	int lm, off;
	tz_local(tz, u, &ld, &lm, &off);
	int64_t got = ld * 1440 + lm, want = day * 1440 + minute;
	if (got < want)
		return u + (time_t)((want - got) * 60);
	/* A repeated time: libical answers the second occurrence; take the first. Shifts are
	 * 30 minutes (Lord Howe), an hour, or two. */
	static const int shifts[] = {1800, 3600, 7200};
	for (int i = 0; i < 3; i++) {
		tz_local(tz, u - shifts[i], &ld, &lm, &off);
		if (ld * 1440 + lm == want)
			return u - shifts[i];
	}
	return u;
}

void tz_local(const char *tz, time_t t, int64_t *day, int *minute, int *offset)
{
	icaltimezone *z = zone(tz);
	struct icaltimetype u = icaltime_from_timet_with_zone(t, 0, icaltimezone_get_utc_timezone());
	int dst = 0;
	*offset = icaltimezone_get_utc_offset_of_utc_time(z, &u, &dst);
	int64_t local = (int64_t)t + *offset;
	*day = local >= 0 ? local / 86400 : -((-local + 86399) / 86400);
	*minute = (int)((local - *day * 86400) / 60);
}

void tz_format(const char *tz, time_t t, char out[LOCAL_TS_LEN])
{
	int64_t day;
	int minute, off;
	tz_local(tz, t, &day, &minute, &off);
	int y, m, d;
	civil_from_day(day, &y, &m, &d);
	int sec = (int)(((int64_t)t + off) % 60 + 60) % 60;
	int a = off < 0 ? -off : off;
	snprintf(out, LOCAL_TS_LEN, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", y, m, d, minute / 60, minute % 60, sec,
		 off < 0 ? '-' : '+', a / 3600, a / 60 % 60);
}
