/* registry.h: the practice's providers and locations.
 *
 * Providers carry an NPI (10 digits whose last is a Luhn check digit computed over
 * "80840" + the first nine) and a NUCC taxonomy code (10 characters ending in X).
 * Locations carry an IANA time zone (availability is defined in it) and a CMS
 * place-of-service code. Both are scoped to the caller's practice and versioned. */
#ifndef PRAXIS_REGISTRY_H
#define PRAXIS_REGISTRY_H

#include <jansson.h>
#include <stdbool.h>

#include "access/access.h"
#include "base/timeutil.h"

typedef enum { REG_PROVIDER, REG_LOCATION } reg_kind;

int reg_create(ctx *x, reg_kind k, json_t *in, json_t **out, err *e);
int reg_get(ctx *x, reg_kind k, int64_t id, json_t **out, err *e);
int reg_list(ctx *x, reg_kind k, int limit, int64_t after_id, json_t **out, err *e);
int reg_update(ctx *x, reg_kind k, int64_t id, json_t *patch, json_t **out, err *e);

/* A US address (country absent or "US") needs a two-letter state (upper-cased here) and
 * a 5- or 9-digit ZIP: claims and statements need them. `vals` holds validated columns
 * addr_state, addr_postal_code, addr_country (patients and locations share them). */
int address_validate(json_t *vals, err *e);

/* Today's date ("YYYY-MM-DD") where the practice is: the local date at its first active
 * location, UTC when it has no location. Dates that default to today (postings, paid-on
 * dates, statements, aging, plans, dates of service) use it: a payment taken at 8 p.m. in
 * New York is dated that day, not the next as UTC would have it. */
void practice_today(db *c, int64_t practice, char out[11]);
/* The instant (UTC, base/timeutil.h) at which the practice's local `date` begins: a period of
 * local dates [from, to] is the instants [start of from, start of the day after to). */
void practice_day_start(db *c, int64_t practice, const char *date, char out[TS_LEN]);

/* Rules, exposed for tests and the demo generator. */
bool npi_valid(const char *npi);
void npi_check_digit(const char nine[9], char *digit);
bool taxonomy_valid(const char *code);
bool time_zone_valid(const char *tz);
bool pos_valid(const char *code);

#endif
