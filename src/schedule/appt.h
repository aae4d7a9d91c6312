/* appt.h: what the appointment files of this folder share (not a public contract). */
#ifndef PRAXIS_APPT_H
#define PRAXIS_APPT_H

#include "schedule/schedule.h"

/* The columns appt_json reads, and the joins they need; append a WHERE. */
#define APPT_SELECT                                                                                    \
	"SELECT a.id, a.patient_id, a.provider_id, a.location_id, a.type_id, a.resource_id, a.start_s, a.end_s, " \
	"a.status, a.overbook, a.outside_availability, a.series_id, a.note, a.cancel_reason, a.cancelled_by, "    \
	"a.late_cancel, a.confirmed_at, a.arrived_at, a.roomed_at, a.with_provider_at, a.checked_out_at, "         \
	"a.cancelled_at, a.no_show_at, a.version, a.created_at, a.updated_at, l.time_zone, p.family_name, "       \
	"p.given_name, p.mrn, t.name, t.color, v.family_name, v.given_name, p.birth_date "                        \
	"FROM appointment a JOIN location l ON l.id = a.location_id JOIN patient p ON p.id = a.patient_id "       \
	"JOIN appointment_type t ON t.id = a.type_id JOIN provider v ON v.id = a.provider_id "

/* One appointment as JSON, from a row of APPT_SELECT. */
json_t *appt_json(db_stmt *st);
/* One appointment by id, not audited (the caller audits). */
int appt_load(ctx *x, int64_t id, json_t **out, err *e);
/* The same with its no-show risk: the answer of a change. */
int appt_answer(ctx *x, int64_t id, json_t **out, err *e);
/* The live appointment that [a, b) would collide with for this provider (same overbook
 * class) or resource, excluding `self`; names it in e (ERR_CONFLICT) and returns -1, or 0
 * when the time is free. */
int appt_conflict(ctx *x, int64_t self, int64_t provider, int64_t resource, bool overbook, int64_t a, int64_t b,
		  const char *tz, err *e);
/* Appends one history row. */
int appt_event(ctx *x, int64_t id, const char *from, const char *to, int64_t from_start, const char *reason, err *e);
/* Adds "no_show_risk": {score 0..0.95, level low|medium|high, reasons[]} to each booked or
 * confirmed appointment of `items` (risk.c). */
int appt_risk(ctx *x, json_t *items, err *e);
/* Waitlist entries that fit a freed time, in order; the first is marked offered. */
int waitlist_offer(ctx *x, int64_t type, int64_t provider, int64_t location, int64_t start, const char *tz,
		   json_t **matches, err *e);

#endif
