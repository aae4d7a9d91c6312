/* bench/common.h: what the in-process benches share: a clock, a fatal error, and a billing
 * practice set up through the services (profile, a provider, a location, a payer). */
#ifndef PRAXIS_BENCH_COMMON_H
#define PRAXIS_BENCH_COMMON_H

#include "billing/billing.h"

double now_s(void);
/* Prints "<prog>: <what>: <message>" and exits 1. */
void die(const char *what, err *e);
/* Creates a billing resource from `in` (stolen) and answers its id; dies on failure. */
int64_t make(ctx *x, bill_res k, json_t *in, err *e);

typedef struct bench_practice {
	int64_t practice, provider, location, payer;
} bench_practice;

/* A new practice named `name` on c with its billing profile, a provider, a location (POS 11)
 * and a commercial payer "Bench Health" (BH001); *sys is the principal with every right. */
void bench_practice_create(db *c, const char *name, principal *sys, ctx *x, bench_practice *out);

#endif
