/* jobs.h: the work praxis serve does on its own: every interval, one pass of each job
 * (today: appointment reminders). One thread with its own connection. Several servers may
 * run it at once: each job claims its rows atomically. */
#ifndef PRAXIS_JOBS_H
#define PRAXIS_JOBS_H

#include "base/err.h"

/* interval_s: seconds between passes (the first pass runs at once). */
int jobs_start(const char *url, int interval_s, err *e);
/* Finishes the pass under way and stops. */
void jobs_stop(void);

#endif
