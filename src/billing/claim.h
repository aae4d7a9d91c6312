/* claim.h: what encounter.c and the claim files share (internal to billing). */
#ifndef PRAXIS_CLAIM_H
#define PRAXIS_CLAIM_H

#include <jansson.h>
#include <stdbool.h>

#include "access/access.h"
#include "billing/scrub.h"

/* Inside the caller's transaction: rebuilds and scrubs the encounter's claims that have
 * not left the practice (draft, ready, rejected) after its lines changed. */
int claims_refresh_encounter(ctx *x, int64_t encounter_id, err *e);
/* "a,b,c" as a JSON array of strings, or of integers when `ints`. */
json_t *bill_split(const char *s, bool ints);
/* Loads what the edits look at for claim `id` (lines as the claim_line rows hold them). */
int claim_load(ctx *x, int64_t id, bill_claim *c, err *e);

/* Inside a transaction: rebuilds a claim still in the practice's hands from its encounter,
 * runs the edits, stores them and moves draft/ready/rejected to ready (no errors) or draft.
 * *errors (may be NULL) gets the number of errors. */
int claim_rescrub(ctx *x, int64_t id, int64_t *errors, err *e);
/* The journal (post_charges.c), inside the caller's transaction: reverses the entries of
 * the encounter's replaced charges and posts its standing charges not yet posted, owed by
 * the primary payer in force on the date of service, else the patient. */
int charges_post(ctx *x, int64_t encounter, err *e);
/* Reverses the entries of all the encounter's charges (a void). */
int charges_unpost(ctx *x, int64_t encounter, const char *why, err *e);
/* A payer's answer about a claim it holds (inbound.c): moves a submitted claim, or an
 * accepted one to a decision, to `to` with the note (and the payer's claim number when
 * given); a claim elsewhere in its life is left alone. Appends {claim_id, outcome} to
 * result (outcome: `to`, "left as it was" or "unknown claim"). */
int claim_answer(ctx *x, int64_t claim, const char *to, const char *payer_no, const char *note, json_t *result, err *e);
/* Appends a claim_event row (from may be NULL). */
int claim_event(ctx *x, int64_t id, const char *from, const char *to, const char *note, err *e);

#endif
