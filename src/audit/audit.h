/* audit.h: the audit trail (HIPAA audit controls).
 *
 * Every sign-in, failed sign-in, sign-out, read or write of patient data, export, and user
 * or role change is one event: who, what, which patient, when, from where, outcome, reason.
 * Events are appended to audit_event, never changed (the schema's triggers refuse UPDATE and
 * DELETE). Each practice has its own chain: event n carries
 *     hash_n = BLAKE2b-256( prev_hash || encode(event_n) )
 * where encode() writes each field as "<length>:<bytes>" in a fixed order (audit.c), so any
 * change, removal or reordering of a stored event breaks every later link; audit_verify
 * names the first event that does not verify.
 *
 * Writes of patient data append their event inside the same transaction as the change.
 * Reads are queued to the group-commit writer (audit_writer_*): one thread appends whatever
 * events have arrived together in one transaction and one fsync, then calls each
 * submitter back; the HTTP layer holds the response until that callback. */
#ifndef PRAXIS_AUDIT_H
#define PRAXIS_AUDIT_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "base/err.h"
#include "store/db.h"

typedef struct audit_event {
	int64_t practice_id; /* 0: outside any practice */
	int64_t user_id;     /* 0: none (unknown user, system) */
	const char *action;  /* "patient.read", "session.create", ... */
	const char *object_type;
	int64_t object_id;
	int64_t patient_id;  /* 0: no patient */
	const char *ip;
	const char *outcome; /* "success", "denied", "failure" */
	const char *reason;  /* free text, never health data; may be NULL */
} audit_event;

/* Appends one event. Inside an open transaction it joins it; otherwise it uses its own. */
int audit_append(db *c, const audit_event *ev, err *e);
/* Appends events in order inside the caller's open transaction, reading and writing each
 * practice's chain head once for all of them. */
int audit_append_many(db *c, const audit_event *evs, int n, err *e);

/* Checks every chain. Returns 0 when intact (with *count events checked), 1 when an event
 * does not verify (*bad_id names it, `why` says how), -1 on error. */
int audit_verify(db *c, int64_t *count, int64_t *bad_id, char *why, size_t whylen, err *e);

typedef struct audit_filter {
	int64_t patient_id, user_id; /* 0: any */
	const char *from, *to;       /* RFC 3339 instants, NULL: open */
	int limit;                   /* 1..500 */
	int64_t before_id;           /* keyset cursor: events with id < this (0: newest) */
} audit_filter;

/* Events of one practice, newest first: {items: [...], next_cursor}. */
int audit_list(db *c, int64_t practice_id, const audit_filter *f, json_t **out, err *e);

/* The group-commit writer. start opens its own connection to `url`. */
typedef void (*audit_done_fn)(void *arg, bool ok);
int audit_writer_start(const char *url, err *e);
void audit_writer_stop(void);
/* Queues copies of n events; `done` runs on the writer thread once they are durable (ok) or
 * could not be written. */
void audit_writer_submit(const audit_event *evs, int n, audit_done_fn done, void *arg);

#endif
