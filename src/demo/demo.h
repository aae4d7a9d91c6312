/* demo.h: a realistic, deterministic demo practice.
 *
 * The same seed and size always give the same people (names, birth dates, contacts,
 * providers, locations, appointments); only timestamps differ, and the schedule is laid out
 * around today. Everything goes through the areas' own
 * functions, so demo data obeys the same rules (and leaves the same audit trail) as data
 * typed in. Patients are created in batches of 1,000 per transaction. */
#ifndef PRAXIS_DEMO_H
#define PRAXIS_DEMO_H

#include <stddef.h>
#include <stdint.h>

#include "base/crypto.h"
#include "access/access.h"
#include "store/db.h"

typedef struct demo_opts {
	const char *name; /* practice name */
	int patients;
	uint64_t seed;
	int providers;    /* at least 1; the first five have hand-picked names */
	int appointments; /* spread over weekdays from some weeks back to some ahead */
} demo_opts;

typedef struct demo_result {
	int64_t practice_id;
	char admin_email[64];
	char admin_password[24]; /* generated: never a fixed default */
} demo_result;

int demo_generate(db *c, const demo_opts *o, demo_result *out, err *e);

/* Shared by the generator's files: splitmix64, and the schedule part (schedule.c). */
uint64_t demo_rand(uint64_t *s);
int demo_schedule(ctx *x, uint64_t *s, int appointments, err *e);
int demo_billing(ctx *x, uint64_t *s, err *e);
/* The adjudicated claims (claim ids with 0 paid, 1 one line denied, 2 denied) paid by 835s
 * per payer and week, imported and posted (remit.c); then about half of the patients who
 * owe pay at the desk. */
int demo_remittances(ctx *x, const int64_t *claims, const int *outcomes, size_t n, err *e);
int demo_desk_payments(ctx *x, uint64_t *s, err *e);

#endif
