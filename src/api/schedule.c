/* schedule.c: appointment types, rooms, availability, appointments, the board, the waitlist. */
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "base/timeutil.h"
#include "schedule/schedule.h"

static int page(req *r, int *limit, int64_t *after, err *e)
{
	return api_limit(r, limit, e) || api_int_arg(r, "cursor", after, e) ? -1 : 0;
}

#define SETUP_HANDLERS(name, kind)                                                                    \
	static int name##_list(req *r, err *e)                                                        \
	{                                                                                             \
		int limit;                                                                            \
		int64_t after;                                                                        \
		return page(r, &limit, &after, e) ? -1 : setup_list(&r->x, kind, limit, after, &r->out, e); \
	}                                                                                             \
	static int name##_create(req *r, err *e) { return setup_create(&r->x, kind, r->body, &r->out, e); } \
	static int name##_get(req *r, err *e) { return setup_get(&r->x, kind, r->id, &r->out, e); }   \
	static int name##_update(req *r, err *e) { return setup_update(&r->x, kind, r->id, r->body, &r->out, e); }
SETUP_HANDLERS(type, SETUP_TYPE)
SETUP_HANDLERS(room, SETUP_RESOURCE)
SETUP_HANDLERS(rule, SETUP_RULE)
SETUP_HANDLERS(exc, SETUP_EXCEPTION)
static int rule_delete(req *r, err *e) { return setup_delete(&r->x, SETUP_RULE, r->id, e); }
static int exc_delete(req *r, err *e) { return setup_delete(&r->x, SETUP_EXCEPTION, r->id, e); }

static int availability(req *r, err *e)
{
	int64_t type, provider, location, limit;
	if (api_int_arg(r, "type_id", &type, e) | api_int_arg(r, "provider_id", &provider, e) |
	    api_int_arg(r, "location_id", &location, e) | api_int_arg(r, "limit", &limit, e))
		return -1;
	if (limit > 200)
		return err_field(e, "limit", "must be at most 200");
	const char *from = api_arg(r, "cursor") ? api_arg(r, "cursor") : api_arg(r, "from");
	return avail_search(&r->x, type, provider, location, from, api_arg(r, "to"), limit ? (int)limit : 10, &r->out, e);
}

static int working_hours(req *r, err *e)
{
	int64_t provider;
	if (api_int_arg(r, "provider_id", &provider, e))
		return -1;
	if (!provider)
		return err_field(e, "provider_id", "is required");
	const char *f = api_arg(r, "from"), *t = api_arg(r, "to");
	time_t from, to;
	if (!f || ts_parse(f, &from))
		return err_field(e, "from", "is required: an RFC 3339 instant or a date");
	if (!t || ts_parse(t, &to) || to <= from || to - from > 62 * 86400)
		return err_field(e, "to", "is required: after from, at most 62 days later");
	int64_t one;
	int rc = db_one_i64(r->x.db, e, &one, "SELECT 1 FROM provider WHERE id = $1 AND practice_id = $2", "ii", provider,
			    ctx_practice(&r->x));
	if (rc <= 0)
		return rc < 0 ? -1 : err_field(e, "provider_id", "is not one of this practice's providers");
	return avail_working(r->x.db, ctx_practice(&r->x), provider, (int64_t)from, (int64_t)to, &r->out, e);
}

static int appt_list_h(req *r, err *e)
{
	int limit;
	int64_t provider, location, patient;
	if (api_limit(r, &limit, e) | api_int_arg(r, "provider_id", &provider, e) |
	    api_int_arg(r, "location_id", &location, e) | api_int_arg(r, "patient_id", &patient, e))
		return -1;
	json_t *f = json_pack("{s:I,s:I,s:I}", "provider_id", (json_int_t)provider, "location_id", (json_int_t)location,
			      "patient_id", (json_int_t)patient);
	const char *names[] = {"from", "to", "status"};
	for (int i = 0; i < 3; i++)
		if (api_arg(r, names[i]))
			json_object_set_new(f, names[i], json_string(api_arg(r, names[i])));
	int rc = appt_list(&r->x, f, limit, api_arg(r, "cursor"), &r->out, e);
	json_decref(f);
	return rc;
}

static int appt_create_h(req *r, err *e) { return appt_book(&r->x, r->body, &r->out, e); }
static int appt_get_h(req *r, err *e) { return appt_get(&r->x, r->id, &r->out, e); }
static int appt_update_h(req *r, err *e) { return appt_update(&r->x, r->id, r->body, &r->out, e); }
static int appt_status_h(req *r, err *e) { return appt_status(&r->x, r->id, r->body, &r->out, e); }
static int appt_cancel_h(req *r, err *e) { return appt_cancel(&r->x, r->id, r->body, &r->out, e); }

static int board(req *r, err *e)
{
	int64_t location;
	if (api_int_arg(r, "location_id", &location, e))
		return -1;
	return appt_board(&r->x, api_arg(r, "date"), location, &r->out, e);
}

static int wl_list(req *r, err *e)
{
	int limit;
	int64_t after;
	return page(r, &limit, &after, e) ? -1 : waitlist_list(&r->x, limit, after, &r->out, e);
}
static int wl_create(req *r, err *e) { return waitlist_create(&r->x, r->body, &r->out, e); }
static int wl_get(req *r, err *e) { return waitlist_get(&r->x, r->id, &r->out, e); }
static int wl_update(req *r, err *e) { return waitlist_update(&r->x, r->id, r->body, &r->out, e); }

static int feed_new(req *r, err *e) { return feed_create(&r->x, r->id, r->body, &r->out, e); }
static int feed_del(req *r, err *e) { return feed_revoke(&r->x, r->id, e); }

static int feed_get(req *r, err *e)
{
	if (feed_ics(r->x.db, r->id, api_arg(r, "token"), r->x.ip, &r->out_text, e))
		return -1;
	r->content_type = "text/calendar; charset=utf-8";
	return 0;
}

static int utilisation(req *r, err *e)
{
	json_t *rows;
	if (report_utilisation(&r->x, api_arg(r, "from"), api_arg(r, "to"), &rows, e))
		return -1;
	return api_report(r, "utilisation", utilisation_columns, utilisation_ncolumns, rows, e);
}

static int wait_times(req *r, err *e)
{
	int64_t provider;
	json_t *rows;
	if (api_int_arg(r, "provider_id", &provider, e) ||
	    report_wait_times(&r->x, api_arg(r, "from"), api_arg(r, "to"), provider, &rows, e))
		return -1;
	return api_report(r, "wait-times", wait_columns, wait_ncolumns, rows, e);
}

static int settings_get_h(req *r, err *e) { return settings_get(&r->x, &r->out, e); }
static int settings_patch_h(req *r, err *e) { return settings_update(&r->x, r->body, &r->out, e); }
static int rrule_list(req *r, err *e)
{
	int limit;
	int64_t after;
	return page(r, &limit, &after, e) ? -1 : reminder_rule_list(&r->x, limit, after, &r->out, e);
}
static int rrule_create(req *r, err *e) { return reminder_rule_create(&r->x, r->body, &r->out, e); }
static int rrule_update(req *r, err *e) { return reminder_rule_update(&r->x, r->id, r->body, &r->out, e); }
static int appt_reminders(req *r, err *e)
{
	json_t *a;
	if (appt_get(&r->x, r->id, &a, e)) /* scoped, and audited as a read of the appointment */
		return -1;
	json_decref(a);
	return reminder_list(&r->x, r->id, &r->out, e);
}

static int reminders_now(req *r, err *e)
{
	reminder_stats s;
	if (reminders_run(r->x.db, ctx_practice(&r->x), &s, e))
		return -1;
	r->out = json_pack("{s:i,s:i,s:i,s:i,s:i,s:i}", "planned", s.planned, "sent", s.sent, "skipped", s.skipped, "deferred",
			   s.deferred, "retrying", s.retrying, "failed", s.failed);
	return 0;
}

static int link_get(req *r, err *e) { return link_view(r->x.db, api_arg(r, "token"), &r->out, e); }
static int link_post(req *r, err *e)
{
	return link_act(r->x.db, json_string_value(json_object_get(r->body, "token")),
			json_string_value(json_object_get(r->body, "action")), r->x.ip, &r->out, e);
}

ROUTES(schedule,
       {"GET", "/api/v1/appointment-types", P_SCHEDULE_READ, 0, type_list, "Appointment types"},
       {"POST", "/api/v1/appointment-types", P_SCHEDULE_SETUP, 0, type_create, "Add an appointment type: {name, duration_min, provider_ids, ...}", 201},
       {"GET", "/api/v1/appointment-types/{id}", P_SCHEDULE_READ, 0, type_get, "One appointment type"},
       {"PATCH", "/api/v1/appointment-types/{id}", P_SCHEDULE_SETUP, 0, type_update, "Change an appointment type: {version, ...}"},
       {"GET", "/api/v1/resources", P_SCHEDULE_READ, 0, room_list, "Rooms and equipment"},
       {"POST", "/api/v1/resources", P_SCHEDULE_SETUP, 0, room_create, "Add a room or piece of equipment", 201},
       {"GET", "/api/v1/resources/{id}", P_SCHEDULE_READ, 0, room_get, "One room or piece of equipment"},
       {"PATCH", "/api/v1/resources/{id}", P_SCHEDULE_SETUP, 0, room_update, "Change a room or piece of equipment"},
       {"GET", "/api/v1/availability-rules", P_SCHEDULE_READ, 0, rule_list, "Recurring availability rules"},
       {"POST", "/api/v1/availability-rules", P_SCHEDULE_SETUP, 0, rule_create, "Add a rule: {provider_id, location_id, weekdays or rrule, start_time, end_time, valid_from, valid_to?}", 201},
       {"GET", "/api/v1/availability-rules/{id}", P_SCHEDULE_READ, 0, rule_get, "One availability rule"},
       {"PATCH", "/api/v1/availability-rules/{id}", P_SCHEDULE_SETUP, 0, rule_update, "Change an availability rule"},
       {"DELETE", "/api/v1/availability-rules/{id}", P_SCHEDULE_SETUP, 0, rule_delete, "Remove an availability rule", 204},
       {"GET", "/api/v1/availability-exceptions", P_SCHEDULE_READ, 0, exc_list, "Blocked time and extra sessions"},
       {"POST", "/api/v1/availability-exceptions", P_SCHEDULE_SETUP, 0, exc_create, "Block time or add a session: {kind, start, end, provider_id?, location_id?, reason?}", 201},
       {"GET", "/api/v1/availability-exceptions/{id}", P_SCHEDULE_READ, 0, exc_get, "One exception"},
       {"PATCH", "/api/v1/availability-exceptions/{id}", P_SCHEDULE_SETUP, 0, exc_update, "Change an exception"},
       {"DELETE", "/api/v1/availability-exceptions/{id}", P_SCHEDULE_SETUP, 0, exc_delete, "Remove an exception", 204},
       {"GET", "/api/v1/availability", P_SCHEDULE_READ, 0, availability, "Open start times: ?type_id=&provider_id=&location_id=&from=&to=&limit="},
       {"GET", "/api/v1/working-hours", P_SCHEDULE_READ, 0, working_hours, "A provider's working time: ?provider_id=&from=&to= (rules, extra sessions, minus blocked time)"},
       {"GET", "/api/v1/appointments", P_SCHEDULE_READ, 0, appt_list_h, "Appointments: ?from=&to= (or patient_id) &provider_id=&location_id=&status="},
       {"POST", "/api/v1/appointments", P_SCHEDULE_WRITE, 0, appt_create_h, "Book: {patient_id, provider_id, location_id, type_id, start, repeat?}; 409 names a conflict", 201},
       {"GET", "/api/v1/appointments/{id}", P_SCHEDULE_READ, 0, appt_get_h, "One appointment with its history"},
       {"PATCH", "/api/v1/appointments/{id}", P_SCHEDULE_WRITE, 0, appt_update_h, "Reschedule or change the note: {version, start?, provider_id?, location_id?, note?}"},
       {"POST", "/api/v1/appointments/{id}/status", P_SCHEDULE_WRITE, 0, appt_status_h, "Next step: {status: confirmed|arrived|roomed|with_provider|checked_out|no_show}"},
       {"POST", "/api/v1/appointments/{id}/cancel", P_SCHEDULE_WRITE, 0, appt_cancel_h, "Cancel: {reason, by: patient|practice, scope?: one|remaining}"},
       {"GET", "/api/v1/schedule/board", P_SCHEDULE_READ, 0, board, "The check-in board of a day: ?date=&location_id="},
       {"POST", "/api/v1/providers/{id}/calendar-feed", P_SCHEDULE_SETUP, 0, feed_new, "A new calendar feed URL for a provider: {show_patient_names?}", 201},
       {"DELETE", "/api/v1/providers/{id}/calendar-feed", P_SCHEDULE_SETUP, 0, feed_del, "Revoke the provider's calendar feeds", 204},
       {"GET", "/api/v1/providers/{id}/calendar.ics", P_NONE, R_PUBLIC | R_TEXT, feed_get, "iCalendar feed (?token= is the credential): busy time and types"},
       {"GET", "/api/v1/reports/schedule/utilisation", P_SCHEDULE_REPORTS, 0, utilisation, "Utilisation, no-shows, cancellations, lead time, new patients per provider and week: ?from=&to=&format=json|csv|xlsx"},
       {"GET", "/api/v1/reports/schedule/wait-times", P_SCHEDULE_REPORTS, 0, wait_times, "Waits per provider and day, median and 90th percentile: ?from=&to=&provider_id=&format=json|csv|xlsx"},
       {"GET", "/api/v1/schedule/settings", P_SCHEDULE_READ, 0, settings_get_h, "Quiet hours for reminders, the late-cancellation window"},
       {"PATCH", "/api/v1/schedule/settings", P_SCHEDULE_SETUP, 0, settings_patch_h, "Change them: {version, quiet_start?, quiet_end?, late_cancel_hours?, overbook_high_risk?}"},
       {"GET", "/api/v1/reminder-rules", P_SCHEDULE_READ, 0, rrule_list, "When reminders go out"},
       {"POST", "/api/v1/reminder-rules", P_SCHEDULE_SETUP, 0, rrule_create, "Add a rule: {channel: email|sms, hours_before}", 201},
       {"PATCH", "/api/v1/reminder-rules/{id}", P_SCHEDULE_SETUP, 0, rrule_update, "Change a rule: {version, hours_before?, active?}"},
       {"GET", "/api/v1/appointments/{id}/reminders", P_SCHEDULE_READ, 0, appt_reminders, "The reminders of an appointment and their outcomes"},
       {"POST", "/api/v1/reminders/run", P_SCHEDULE_SETUP, 0, reminders_now, "Plan and send due reminders now (they also go out every minute)"},
       {"GET", "/api/v1/appointment-link", P_NONE, R_PUBLIC, link_get, "What a reminder link is for (?token=)"},
       {"POST", "/api/v1/appointment-link", P_NONE, R_PUBLIC, link_post, "Confirm or cancel through a reminder link: {token, action: confirm|cancel}"},
       {"GET", "/api/v1/waitlist", P_SCHEDULE_READ, 0, wl_list, "The waitlist, oldest first"},
       {"POST", "/api/v1/waitlist", P_SCHEDULE_WRITE, 0, wl_create, "Add a patient to the waitlist", 201},
       {"GET", "/api/v1/waitlist/{id}", P_SCHEDULE_READ, 0, wl_get, "One waitlist entry"},
       {"PATCH", "/api/v1/waitlist/{id}", P_SCHEDULE_WRITE, 0, wl_update, "Change a waitlist entry (status, wishes)"});
