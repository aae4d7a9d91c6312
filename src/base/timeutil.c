#include "base/timeutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

time_t now_unix(void)
{
	const char *pin = getenv("PRAXIS_NOW");
	return pin && *pin ? (time_t)strtoll(pin, NULL, 10) : time(NULL);
}

void ts_format(time_t t, char out[TS_LEN])
{
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, TS_LEN, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void ts_now(char out[TS_LEN]) { ts_format(now_unix(), out); }

static int days_in_month(int y, int m)
{
	static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return d[m - 1];
}

static bool digits(const char *s, int n)
{
	for (int i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

static bool ymd(int y, int m, int d) { return y >= 1850 && y <= 2200 && m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m); }

bool date_valid(const char *s)
{
	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-' || !digits(s, 4) || !digits(s + 5, 2) ||
	    !digits(s + 8, 2))
		return false;
	return ymd(atoi(s), atoi(s + 5), atoi(s + 8));
}

bool date_normalise(const char *s, char out[11])
{
	if (date_valid(s)) {
		memcpy(out, s, 11);
		return true;
	}
	if (s && strlen(s) == 10 && s[2] == '/' && s[5] == '/' && digits(s, 2) && digits(s + 3, 2) &&
	    digits(s + 6, 4)) {
		int m = atoi(s), d = atoi(s + 3), y = atoi(s + 6);
		if (!ymd(y, m, d))
			return false;
		snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
		return true;
	}
	return false;
}

void date_today(char out[11])
{
	char ts[TS_LEN];
	ts_now(ts);
	memcpy(out, ts, 10);
	out[10] = 0;
}

int ts_parse(const char *s, time_t *out)
{
	if (!s)
		return -1;
	size_t n = strlen(s);
	if (n < 10 || !date_valid((char[11]){s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7], s[8], s[9], 0}))
		return -1;
	struct tm tm = {0};
	tm.tm_year = atoi(s) - 1900;
	tm.tm_mon = atoi(s + 5) - 1;
	tm.tm_mday = atoi(s + 8);
	long off = 0;
	if (n > 10) {
		if ((s[10] != 'T' && s[10] != 't' && s[10] != ' ') || n < 20 || s[13] != ':' || s[16] != ':' ||
		    !digits(s + 11, 2) || !digits(s + 14, 2) || !digits(s + 17, 2))
			return -1;
		tm.tm_hour = atoi(s + 11);
		tm.tm_min = atoi(s + 14);
		tm.tm_sec = atoi(s + 17);
		if (tm.tm_hour > 23 || tm.tm_min > 59 || tm.tm_sec > 60)
			return -1;
		const char *z = s + 19;
		if (*z == '.') /* fractional seconds are accepted and dropped */
			for (z++; *z >= '0' && *z <= '9'; z++)
				;
		if ((*z == 'Z' || *z == 'z') && !z[1])
			off = 0;
		else if ((*z == '+' || *z == '-') && strlen(z) == 6 && z[3] == ':' && digits(z + 1, 2) && digits(z + 4, 2))
			off = (*z == '-' ? -1 : 1) * (atoi(z + 1) * 3600L + atoi(z + 4) * 60L);
		else
			return -1;
	}
	*out = timegm(&tm) - off;
	return 0;
}

/* Civil-date arithmetic after H. Hinnant's days_from_civil. */
int64_t day_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void civil_from_day(int64_t z, int *y, int *m, int *d)
{
	z += 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

int day_weekday(int64_t day) { return (int)((day % 7 + 11) % 7); } /* 1970-01-01 was a Thursday */

bool day_parse(const char *s, int64_t *day)
{
	int y, m, d, n = 0;
	if (!s || strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || n != 10)
		return false;
	if (y < 1850 || y > 2200 || m < 1 || m > 12 || d < 1 || d > 31)
		return false;
	*day = day_from_civil(y, m, d);
	int yy, mm, dd;
	civil_from_day(*day, &yy, &mm, &dd);
	return yy == y && mm == m && dd == d;
}

void day_format(int64_t day, char out[11])
{
	int y, m, d;
	civil_from_day(day, &y, &m, &d);
	snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
}

int date_range(const char *from_in, const char *to_in, int max_days, char from[11], char to[11], err *e)
{
	if (!from_in || !date_normalise(from_in, from))
		err_field(e, "from", "must be a date YYYY-MM-DD");
	if (!to_in || !date_normalise(to_in, to))
		err_field(e, "to", "must be a date YYYY-MM-DD");
	if (err_has_fields(e))
		return -1;
	int64_t d0, d1;
	day_parse(from, &d0);
	day_parse(to, &d1);
	if (d1 < d0)
		return err_field(e, "to", "must not be before from");
	return max_days > 0 && d1 - d0 >= max_days ? err_field(e, "to", "must be within %d days of from", max_days) : 0;
}
