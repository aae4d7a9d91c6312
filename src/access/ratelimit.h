/* ratelimit.h: failed sign-ins per client address, kept in this process.
 *
 * Account lockout (accounts.h) protects one account; this protects the server from one
 * address guessing across many accounts: after RATE_FAILURES failed sign-ins within
 * RATE_WINDOW_S seconds, an address may not try again until the window has passed. The
 * table is fixed-size (addresses share a slot when they collide, which only makes the
 * limit stricter) and per process: with N servers an address gets N times the budget. */
#ifndef PRAXIS_RATELIMIT_H
#define PRAXIS_RATELIMIT_H

#include <stdbool.h>
#include <time.h>

#define RATE_FAILURES 30
#define RATE_WINDOW_S (10 * 60)

bool ratelimit_allowed(const char *ip, time_t now);
void ratelimit_failed(const char *ip, time_t now);

#endif
