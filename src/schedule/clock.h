/* clock.h: wall-clock time in a location's IANA time zone (libical's zone data).
 *
 * Availability is defined in local time ("09:00 at the Main St office"); appointments are
 * instants (unix seconds). These functions cross between the two so that a 09:00 slot stays
 * 09:00 local across daylight-saving changes. Dates are kept as day numbers (days since
 * 1970-01-01, base/timeutil.h) so that stepping through days is integer arithmetic. */
#ifndef PRAXIS_CLOCK_H
#define PRAXIS_CLOCK_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "base/timeutil.h" /* day numbers */


/* "HH:MM" (00:00..24:00) as minutes since midnight, or -1. */
int clock_minute(const char *hhmm);

/* True when `tz` names a zone libical knows ("UTC" included). */
bool tz_known(const char *tz);
/* The instant of local `day` at `minute` (0..1440) in tz. As RFC 5545 (3.3.5) says, a time
 * skipped by a DST change is read with the offset before the gap (02:30 becomes 03:30
 * daylight time); a repeated time is its first occurrence. */
time_t tz_instant(const char *tz, int64_t day, int minute);
/* The local day and minute of the day of an instant, and the zone's UTC offset (seconds). */
void tz_local(const char *tz, time_t t, int64_t *day, int *minute, int *offset);
/* RFC 3339 with the local offset: "2026-03-09T09:00:00-04:00" (26 bytes with NUL). */
#define LOCAL_TS_LEN 26
void tz_format(const char *tz, time_t t, char out[LOCAL_TS_LEN]);

#endif
