/* test_schedule.c: the calendar arithmetic and time zones under scheduling, checked
 * against independent references (the C library's own zone conversion, known dates). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "schedule/clock.h"
#include "schedule/schedule.h"

/* days since 1970 agree with timegm() for every day from 1900 to 2100 */
static void day_numbers_match_the_c_library(void **state)
{
	(void)state;
	for (int64_t day = -25567; day <= 47482; day++) {
		int y, m, d;
		civil_from_day(day, &y, &m, &d);
		struct tm tm = {.tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = d, .tm_hour = 12};
		time_t t = timegm(&tm);
		assert_int_equal((t - 12 * 3600) / 86400, day);
		assert_int_equal(day_from_civil(y, m, d), day);
		struct tm back;
		gmtime_r(&t, &back);
		assert_int_equal(day_weekday(day), back.tm_wday);
	}
	int64_t day;
	assert_true(day_parse("2024-02-29", &day));
	assert_false(day_parse("2026-02-29", &day));
	assert_false(day_parse("2026-13-01", &day));
	assert_false(day_parse("2026-1-01", &day));
	char s[11];
	day_format(day_from_civil(2026, 3, 8), s);
	assert_string_equal(s, "2026-03-08");
}

/* libical's zone data agrees with glibc's (TZ + mktime) on every hour of a year that has
 * both daylight-saving changes, in zones east and west of UTC */
static void local_times_agree_with_the_system_zone_data(void **state)
{
	(void)state;
	const char *zones[] = {"America/New_York", "Europe/Berlin", "Australia/Sydney", "America/Phoenix"};
	for (size_t z = 0; z < sizeof zones / sizeof *zones; z++) {
		setenv("TZ", zones[z], 1);
		tzset();
		int64_t first = day_from_civil(2026, 1, 1);
		for (int64_t day = first; day < first + 365; day++)
			for (int minute = 30; minute < 1440; minute += 180) {
				time_t t = tz_instant(zones[z], day, minute);
				struct tm lt;
				localtime_r(&t, &lt);
				int y, m, d;
				civil_from_day(day, &y, &m, &d);
				bool gap = lt.tm_hour * 60 + lt.tm_min != minute; /* skipped by a DST change */
				if (!gap) {
					assert_int_equal(lt.tm_year + 1900, y);
					assert_int_equal(lt.tm_mon + 1, m);
					assert_int_equal(lt.tm_mday, d);
				}
				int64_t ld;
				int lm, off;
				tz_local(zones[z], t, &ld, &lm, &off);
				assert_int_equal(off, lt.tm_gmtoff);
				assert_int_equal(lm, lt.tm_hour * 60 + lt.tm_min);
			}
	}
	unsetenv("TZ");
	tzset();
	char s[LOCAL_TS_LEN];
	tz_format("America/New_York", tz_instant("America/New_York", day_from_civil(2026, 3, 9), 9 * 60), s);
	assert_string_equal(s, "2026-03-09T09:00:00-04:00");
	tz_format("America/New_York", tz_instant("America/New_York", day_from_civil(2026, 3, 6), 9 * 60), s);
	assert_string_equal(s, "2026-03-06T09:00:00-05:00");
	/* 02:30 on 8 March 2026 does not exist in New York: read with the offset before the gap */
	tz_format("America/New_York", tz_instant("America/New_York", day_from_civil(2026, 3, 8), 150), s);
	assert_string_equal(s, "2026-03-08T03:30:00-04:00");
	/* 01:30 on 1 November 2026 happens twice: the first, EDT */
	tz_format("America/New_York", tz_instant("America/New_York", day_from_civil(2026, 11, 1), 90), s);
	assert_string_equal(s, "2026-11-01T01:30:00-04:00");
	assert_true(tz_known("Europe/Paris"));
	assert_false(tz_known("Mars/Olympus_Mons"));
}

static void rules_name_days_only(void **state)
{
	(void)state;
	char out[320];
	assert_int_equal(rrule_normalise("FREQ=WEEKLY;BYDAY=MO,WE", out, sizeof out), 0);
	assert_non_null(strstr(out, "FREQ=WEEKLY"));
	assert_non_null(strstr(out, "BYDAY=MO,WE"));
	assert_int_equal(rrule_normalise("RRULE:FREQ=MONTHLY;BYDAY=1SA", out, sizeof out), 0);
	assert_int_equal(rrule_normalise("FREQ=HOURLY", out, sizeof out), -1);
	assert_int_equal(rrule_normalise("FREQ=DAILY;BYHOUR=9", out, sizeof out), -1);
	assert_int_equal(rrule_normalise("BYDAY=MO", out, sizeof out), -1);
	assert_int_equal(rrule_normalise("nonsense", out, sizeof out), -1);
	assert_int_equal(rrule_normalise("FREQ=DAILY;COUNT=1000", out, sizeof out), 0);
	assert_int_equal(rrule_normalise("FREQ=DAILY;COUNT=1001", out, sizeof out), -1);
	assert_int_equal(clock_minute("09:30"), 570);
	assert_int_equal(clock_minute("24:00"), 1440);
	assert_int_equal(clock_minute("24:01"), -1);
	assert_int_equal(clock_minute("9:30"), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(day_numbers_match_the_c_library),
		cmocka_unit_test(local_times_agree_with_the_system_zone_data),
		cmocka_unit_test(rules_name_days_only),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
