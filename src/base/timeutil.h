/* timeutil.h: instants and calendar dates.
 *
 * Instants are stored and sent as RFC 3339 UTC text with a fixed width,
 * "2026-11-27T06:58:31Z", so they sort as text in both databases. Calendar dates (birth
 * date, date of service) are "YYYY-MM-DD" and carry no time zone. */
#ifndef PRAXIS_TIMEUTIL_H
#define PRAXIS_TIMEUTIL_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "base/err.h"

#define TS_LEN 21 /* "YYYY-MM-DDTHH:MM:SSZ" + NUL */

/* Current time; tests may pin it with PRAXIS_NOW=<unix seconds>. */
time_t now_unix(void);
void ts_format(time_t t, char out[TS_LEN]);
void ts_now(char out[TS_LEN]);
/* Parses RFC 3339 (Z or ±hh:mm offset) into unix seconds; -1 when invalid. Also accepts a
 * bare date "YYYY-MM-DD" as its midnight UTC. */
int ts_parse(const char *s, time_t *out);
/* True for a real calendar date "YYYY-MM-DD" (leap years checked), years 1850..2200. */
bool date_valid(const char *s);
/* Accepts "YYYY-MM-DD" or "MM/DD/YYYY" and writes the ISO form; false if not a real date. */
bool date_normalise(const char *s, char out[11]);
/* Today's date in UTC, "YYYY-MM-DD". */
void date_today(char out[11]);
/* A report's period from its "from" and "to" arguments (YYYY-MM-DD, to not before from, and
 * at most max_days long when max_days > 0), normalised into from[11] and to[11]; otherwise
 * field errors naming them. */
int date_range(const char *from_in, const char *to_in, int max_days, char from[11], char to[11], err *e);

/* Day numbers (days since 1970-01-01): of a civil date, and back; the weekday of one
 * (0 = Sunday); "YYYY-MM-DD" <-> day number (parse is false for anything but a real date). */
int64_t day_from_civil(int y, int m, int d);
void civil_from_day(int64_t day, int *y, int *m, int *d);
int day_weekday(int64_t day);
bool day_parse(const char *s, int64_t *day);
void day_format(int64_t day, char out[11]);

#endif
