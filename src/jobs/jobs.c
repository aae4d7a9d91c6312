/* jobs.c: the background pass of praxis serve (see jobs.h). */
#include "jobs/jobs.h"

#include <pthread.h>
#include <stdbool.h>
#include <time.h>

#include "base/log.h"
#include "ledger/ledger.h"
#include "schedule/schedule.h"

static struct {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	pthread_t th;
	bool running, started;
	int interval;
	db *c;
} j = {.mu = PTHREAD_MUTEX_INITIALIZER, .cv = PTHREAD_COND_INITIALIZER};

static void *run(void *unused)
{
	(void)unused;
	pthread_mutex_lock(&j.mu);
	while (j.running) {
		pthread_mutex_unlock(&j.mu);
		err e = ERR_INIT;
		reminder_stats s;
		if (reminders_run(j.c, 0, &s, &e))
			log_error("reminders: %s", e.msg);
		else if (s.sent || s.failed || s.retrying)
			log_info("reminders: %d sent, %d retrying, %d failed, %d skipped", s.sent, s.retrying, s.failed, s.skipped);
		err_clear(&e);
		plan_reminder_stats ps;
		if (plan_reminders_run(j.c, 0, &ps, &e))
			log_error("payment-plan reminders: %s", e.msg);
		else if (ps.sent || ps.failed || ps.retrying)
			log_info("payment-plan reminders: %d sent, %d retrying, %d failed, %d skipped", ps.sent, ps.retrying, ps.failed,
				 ps.skipped);
		err_clear(&e);
		pthread_mutex_lock(&j.mu);
		struct timespec until;
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += j.interval;
		while (j.running && pthread_cond_timedwait(&j.cv, &j.mu, &until) == 0)
			; /* woken early only to stop */
	}
	pthread_mutex_unlock(&j.mu);
	return NULL;
}

int jobs_start(const char *url, int interval_s, err *e)
{
	if (db_open(url, &j.c, e))
		return -1;
	j.interval = interval_s;
	j.running = true;
	if (pthread_create(&j.th, NULL, run, NULL)) {
		db_close(j.c);
		return err_set(e, ERR_INTERNAL, "could not start the background jobs");
	}
	j.started = true;
	return 0;
}

void jobs_stop(void)
{
	if (!j.started)
		return;
	pthread_mutex_lock(&j.mu);
	j.running = false;
	pthread_cond_signal(&j.cv);
	pthread_mutex_unlock(&j.mu);
	pthread_join(j.th, NULL);
	db_close(j.c);
	j.started = false;
}
