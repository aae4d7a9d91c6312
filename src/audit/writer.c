/* writer.c: the group-commit audit writer (see audit.h).
 *
 * Submitters append an item (copies of their events and a callback) to a queue and return.
 * One thread takes everything queued, appends it in one transaction (one fsync), and calls
 * each item's callback. Under load, the batch grows to the number of concurrent requests,
 * so an audited read costs a fraction of a commit. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "audit/audit.h"
#include "base/log.h"
#include "base/metrics.h"

int audit_append_batch(db *c, const audit_event *evs, int n, err *e);

#define MAXEV 4

/* Under load (the last batch had BUSY_BATCH events or more) the writer waits up to
 * COMMIT_DELAY_US for COMMIT_GROUP events before it commits, as PostgreSQL's commit_delay
 * does with commit_siblings. On SQLite every commit makes each other connection drop its
 * page cache and read its pages again, so fewer, larger commits keep the readers' pages warm
 * (searches: about 8% less CPU each). With little traffic it commits at once. */
#define BUSY_BATCH 4
#define COMMIT_GROUP 16
#define COMMIT_DELAY_US 2000

typedef struct item {
	struct item *next;
	int n;
	audit_event ev[MAXEV];
	char action[MAXEV][48], otype[MAXEV][32], ip[MAXEV][64], outcome[MAXEV][16], reason[MAXEV][256];
	audit_done_fn done;
	void *arg;
} item;

static struct {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	pthread_t th;
	item *head, **tail;
	bool running, started;
	db *c;
	int queued; /* events waiting */
} w = {.mu = PTHREAD_MUTEX_INITIALIZER, .cv = PTHREAD_COND_INITIALIZER};

static void copy(char *dst, size_t n, const char *src, const char **field)
{
	if (!src) {
		*field = NULL;
		return;
	}
	snprintf(dst, n, "%s", src);
	*field = dst;
}

void audit_writer_submit(const audit_event *evs, int n, audit_done_fn done, void *arg)
{
	item *it = calloc(1, sizeof *it);
	if (!it)
		abort();
	it->n = n > MAXEV ? MAXEV : n;
	for (int i = 0; i < it->n; i++) {
		it->ev[i] = evs[i];
		copy(it->action[i], sizeof it->action[i], evs[i].action, &it->ev[i].action);
		copy(it->otype[i], sizeof it->otype[i], evs[i].object_type, &it->ev[i].object_type);
		copy(it->ip[i], sizeof it->ip[i], evs[i].ip, &it->ev[i].ip);
		copy(it->outcome[i], sizeof it->outcome[i], evs[i].outcome, &it->ev[i].outcome);
		copy(it->reason[i], sizeof it->reason[i], evs[i].reason, &it->ev[i].reason);
	}
	it->done = done;
	it->arg = arg;
	pthread_mutex_lock(&w.mu);
	if (!w.running) {
		pthread_mutex_unlock(&w.mu);
		done(arg, false);
		free(it);
		return;
	}
	*w.tail = it;
	w.tail = &it->next;
	w.queued += it->n;
	pthread_cond_signal(&w.cv);
	pthread_mutex_unlock(&w.mu);
}

static void *run(void *unused)
{
	(void)unused;
	audit_event *batch = NULL;
	size_t cap = 0, last = 0;
	for (;;) {
		pthread_mutex_lock(&w.mu);
		while (w.running && !w.head)
			pthread_cond_wait(&w.cv, &w.mu);
		if (last >= BUSY_BATCH) {
			struct timespec until;
			clock_gettime(CLOCK_REALTIME, &until);
			until.tv_nsec += COMMIT_DELAY_US * 1000L;
			if (until.tv_nsec >= 1000000000L) {
				until.tv_sec++;
				until.tv_nsec -= 1000000000L;
			}
			while (w.running && w.queued < COMMIT_GROUP && !pthread_cond_timedwait(&w.cv, &w.mu, &until))
				;
		}
		item *list = w.head;
		w.head = NULL;
		w.tail = &w.head;
		w.queued = 0;
		bool stop = !w.running;
		pthread_mutex_unlock(&w.mu);
		if (!list && stop)
			break;
		size_t n = 0;
		for (item *it = list; it; it = it->next)
			n += (size_t)it->n;
		if (n > cap) {
			cap = n * 2;
			batch = realloc(batch, cap * sizeof *batch);
			if (!batch)
				abort();
		}
		n = 0;
		for (item *it = list; it; it = it->next)
			for (int i = 0; i < it->n; i++)
				batch[n++] = it->ev[i];
		err e = ERR_INIT;
		bool ok = audit_append_batch(w.c, batch, (int)n, &e) == 0;
		if (!ok) {
			/* a busy database is retried once; anything else fails the batch */
			err_clear(&e);
			ok = audit_append_batch(w.c, batch, (int)n, &e) == 0;
			if (!ok)
				log_error("audit: could not append %zu events: %s", n, e.msg);
		}
		err_clear(&e);
		last = n;
		metrics_add(METRIC_AUDIT_EVENTS, ok ? n : 0);
		metrics_add(METRIC_AUDIT_BATCHES, 1);
		for (item *it = list, *next; it; it = next) {
			next = it->next;
			it->done(it->arg, ok);
			free(it);
		}
	}
	free(batch);
	return NULL;
}

int audit_writer_start(const char *url, err *e)
{
	if (db_open(url, &w.c, e))
		return -1;
	w.head = NULL;
	w.tail = &w.head;
	w.running = true;
	if (pthread_create(&w.th, NULL, run, NULL)) {
		db_close(w.c);
		return err_set(e, ERR_INTERNAL, "could not start the audit writer");
	}
	w.started = true;
	return 0;
}

void audit_writer_stop(void)
{
	if (!w.started)
		return;
	pthread_mutex_lock(&w.mu);
	w.running = false;
	pthread_cond_signal(&w.cv);
	pthread_mutex_unlock(&w.mu);
	pthread_join(w.th, NULL);
	db_close(w.c);
	w.started = false;
}
