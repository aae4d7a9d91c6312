/* schedule.h: appointment types, availability, booking and the day's flow.
 *
 * Availability is recurring rules in each location's local time (RRULE, expanded with
 * libical) plus exceptions; open start times are computed, never stored. An appointment
 * holds [start, end) of its provider and, if its type needs one, of a room or equipment;
 * the database refuses overlaps among live appointments (a PostgreSQL exclusion
 * constraint, a SQLite trigger inside the single writer), so two requests for one slot
 * cannot both win. Every status change and reschedule is kept in appointment_event and
 * audited. All functions are scoped to the caller's practice (ctx). */
#ifndef PRAXIS_SCHEDULE_H
#define PRAXIS_SCHEDULE_H

#include <jansson.h>
#include <stdbool.h>
#include <time.h>

#include "access/access.h"
#include "formats/table.h"

/* --- set-up: rooms and equipment, types, availability rules and exceptions --- */

typedef enum { SETUP_RESOURCE, SETUP_TYPE, SETUP_RULE, SETUP_EXCEPTION } setup_kind;

int setup_create(ctx *x, setup_kind k, json_t *in, json_t **out, err *e);
int setup_get(ctx *x, setup_kind k, int64_t id, json_t **out, err *e);
int setup_list(ctx *x, setup_kind k, int limit, int64_t after_id, json_t **out, err *e);
int setup_update(ctx *x, setup_kind k, int64_t id, json_t *patch, json_t **out, err *e);
/* Rules and exceptions only (types and rooms are deactivated instead). */
int setup_delete(ctx *x, setup_kind k, int64_t id, err *e);
/* An RRULE of days (DAILY or coarser, no BYHOUR/BYMINUTE/BYSECOND), normalised; -1 if not. */
int rrule_normalise(const char *in, char *out, size_t n);

/* --- open slots --- */

typedef struct avail_query {
	const int64_t *providers; /* sorted ascending */
	int nproviders;
	int64_t location;         /* 0: any */
	int64_t resource;         /* the room or equipment the type needs, 0: none */
	int duration_min, step_min;
	int64_t from, to;         /* unix seconds; starts before now are never offered */
	int limit;
} avail_query;

typedef struct slot {
	int64_t start, end, provider_id, location_id;
} slot;

/* The earliest `limit` open starts in [from, to), ordered by start then provider, into
 * out[0..*n). */
int avail_find(db *c, int64_t practice, const avail_query *q, slot *out, int *n, err *e);
/* Whether [a, b) lies inside one working session of the provider at the location (rules
 * and exceptions; bookings are not considered). */
int avail_covers(db *c, int64_t practice, int64_t provider, int64_t location, int64_t a, int64_t b, bool *inside,
		 err *e);
/* Working minutes (rules + extra sessions - blocked time, bookings ignored) of each
 * provider (sorted) in each window [edges[k], edges[k+1]): minutes[i * (nedges - 1) + k]. */
int avail_worked(db *c, int64_t practice, const int64_t *prov, int nprov, const int64_t *edges, int nedges,
		 int64_t *minutes, err *e);
/* A provider's working time in [from, to) (rules + extra sessions - blocked time, bookings
 * ignored) as {items: [{start, end, location_id}]}, in each location's local offset. */
int avail_working(db *c, int64_t practice, int64_t provider, int64_t from, int64_t to, json_t **out, err *e);
/* GET /availability: type_id required; provider_id (else every provider offering the
 * type), location_id, from (default now), to (default from + 90 days, at most 366), limit. */
int avail_search(ctx *x, int64_t type, int64_t provider, int64_t location, const char *from, const char *to,
		 int limit, json_t **out, err *e);

/* --- appointments --- */

/* {patient_id, provider_id, location_id, type_id, start, note?, override?, override_reason?,
 *  overbook?, repeat?: {every_weeks, count}}. A conflict answers ERR_CONFLICT with extra
 * {"conflict": {appointment_id, start, end, with: "provider"|"resource"}}; outside
 * availability ERR_UNPROCESSABLE unless the caller holds schedule.override and says so.
 * A booking meets the patient's waiting or offered waitlist entry for the type.
 * overbook: a deliberate second booking on a taken slot, by schedule.override, or by
 * schedule.write where the practice allows it and the booking there is at high risk of a
 * no-show. */
int appt_book(ctx *x, json_t *in, json_t **out, err *e);
int appt_get(ctx *x, int64_t id, json_t **out, err *e);
/* from/to (RFC 3339 or dates) with provider_id, location_id, patient_id, status filters;
 * ordered by start; cursor from next_cursor. */
int appt_list(ctx *x, json_t *filter, int limit, const char *cursor, json_t **out, err *e);
/* {version, start?, provider_id?, location_id?, note?, override?, override_reason?, reason?}
 * A move answers "waitlist_matches" for the time it left. */
int appt_update(ctx *x, int64_t id, json_t *in, json_t **out, err *e);
/* {status, reason?}: confirmed arrived roomed with_provider checked_out no_show. */
int appt_status(ctx *x, int64_t id, json_t *in, json_t **out, err *e);
/* {reason, by: patient|practice, scope?: one|remaining}; answers the appointment with
 * "waitlist_matches" for the freed time. */
int appt_cancel(ctx *x, int64_t id, json_t *in, json_t **out, err *e);
/* The check-in board of a local day at a location (default: today, every location). */
int appt_board(ctx *x, const char *date, int64_t location, json_t **out, err *e);

/* The demo generator's way in: an appointment placed inside availability by its caller,
 * with its day's stamps (unix seconds, 0 for none) when it lies in the past. Overlaps are
 * still refused. status: booked confirmed checked_out no_show cancelled. */
typedef struct appt_seed {
	int64_t patient, provider, location, type, start;
	const char *status;
	int64_t arrived, roomed, with_provider, checked_out;
	int64_t booked; /* when it was booked (0: now) */
} appt_seed;
int appt_seed_one(ctx *x, const appt_seed *a, err *e);

/* --- the waitlist: {patient_id, type_id, provider_id?, location_id?, earliest_date?,
 * latest_date?, time_of_day?, weekdays?, note?, status?}; a cancellation offers the freed
 * time to the first matching waiting entry (see appt_cancel) --- */
int waitlist_create(ctx *x, json_t *in, json_t **out, err *e);
int waitlist_update(ctx *x, int64_t id, json_t *in, json_t **out, err *e);
int waitlist_get(ctx *x, int64_t id, json_t **out, err *e);
int waitlist_list(ctx *x, int limit, int64_t after, json_t **out, err *e);

/* --- reports: rows (a JSON array of objects) and the columns to write them with --- */
/* Per provider and week (weeks start on Monday in the practice's zone): available and
 * booked minutes, utilisation, appointments, past appointments (the no-show rate's base),
 * no-show, cancellation and late-cancellation rates, median booking lead time, new-patient
 * share. Weeks and days are in the zone of the practice's first active location. from/to:
 * dates, at most 53 weeks. */
int report_utilisation(ctx *x, const char *from, const char *to, json_t **rows, err *e);
extern const column utilisation_columns[];
extern const int utilisation_ncolumns;
/* Per provider and day, from checked-out visits: arrival to rooming, rooming to the
 * provider, and the whole visit (arrival to check-out), median and 90th percentile in
 * minutes. provider 0: every provider. */
int report_wait_times(ctx *x, const char *from, const char *to, int64_t provider, json_t **rows, err *e);
extern const column wait_columns[];
extern const int wait_ncolumns;

/* --- policy and reminders --- */

typedef struct sched_settings {
	int quiet_start, quiet_end; /* minutes of the local day; no reminder goes out in between */
	int late_cancel_hours;
	bool overbook_high_risk;    /* schedule.write may overbook a slot whose booking is at high no-show risk */
	int64_t version;            /* 0: never changed (the defaults) */
} sched_settings;
/* The practice's settings, or the defaults (quiet 21:00-08:00, late within 24 hours, no
 * overbooking but by schedule.override). */
int settings_load(db *c, int64_t practice, sched_settings *s, err *e);
int settings_get(ctx *x, json_t **out, err *e);
/* {version, quiet_start?, quiet_end?, late_cancel_hours?, overbook_high_risk?} */
int settings_update(ctx *x, json_t *in, json_t **out, err *e);
/* Reminder rules: {channel: email|sms, hours_before, active} */
int reminder_rule_create(ctx *x, json_t *in, json_t **out, err *e);
int reminder_rule_update(ctx *x, int64_t id, json_t *in, json_t **out, err *e);
int reminder_rule_list(ctx *x, int limit, int64_t after, json_t **out, err *e);

typedef struct reminder_stats {
	int planned, sent, skipped, deferred, retrying, failed;
} reminder_stats;
/* One pass (practice 0: every practice): plan the reminders due within a day, send the
 * due ones. Runs in the background of praxis serve (jobs/) and on demand. */
int reminders_run(db *c, int64_t practice, reminder_stats *s, err *e);
/* The reminders of one appointment with their outcomes. */
int reminder_list(ctx *x, int64_t appointment, json_t **out, err *e);
/* The reminder link (no sign-in: the token is the credential, once, until the start):
 * what it is for, and confirming or cancelling through it. */
int link_view(db *c, const char *token, json_t **out, err *e);
int link_act(db *c, const char *token, const char *action, const char *ip, json_t **out, err *e);

/* --- a provider's iCalendar feed --- */
/* {show_patient_names?} -> {id, path (with the token), token}; the token is shown once. */
int feed_create(ctx *x, int64_t provider, json_t *in, json_t **out, err *e);
/* Deletes every feed of the provider: their URLs stop working. */
int feed_revoke(ctx *x, int64_t provider, err *e);
/* The feed for a token (no sign-in: the token is the credential): live appointments from
 * 30 days back to 180 ahead as text/calendar (*out is libical-allocated, free() it).
 * A wrong or revoked token is ERR_NOT_FOUND. */
int feed_ics(db *c, int64_t provider, const char *token, const char *ip, char **out, err *e);

/* Shared by the files of this folder. */
int cmp_i64(const void *a, const void *b);

#endif
