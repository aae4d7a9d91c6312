/* jobs.h: the work praxis serve does on its own: every interval, one pass of each job
 * (appointment and payment-plan reminders). One thread with its own connection. Several servers may
 * run it at once: each job claims its rows atomically. */
#ifndef PRAXIS_JOBS_H
#define PRAXIS_JOBS_H

#include <stdint.h>
#include <time.h>

#include "base/err.h"
#include "store/db.h"

/* interval_s: seconds between passes (the first pass runs at once). */
int jobs_start(const char *url, int interval_s, err *e);
/* Finishes the pass under way and stops. */
void jobs_stop(void);

/* One pass over a job table whose rows have id, practice_id, status (pending, sending, ...)
 * and next_s (unix seconds): send() for each pending row due by now (practice 0: all),
 * soonest first, at most 10,000 a pass (the next pass goes on); then the rows a server left
 * 'sending' (it died meanwhile) go back to pending once their next_s has passed. send()
 * claims its row (pending -> sending, next_s 10 minutes on) before it sends. `table` is the
 * code's own name, never input. */
typedef int (*jobs_send_fn)(db *c, int64_t id, time_t now, void *arg, err *e);
int jobs_due(db *c, const char *table, int64_t practice, time_t now, jobs_send_fn send, void *arg, err *e);

#endif
