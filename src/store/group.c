/* group.c: group commit of write transactions on SQLite (see db.h, db_group_write).
 *
 * SQLite commits one transaction at a time and each commit waits for an fsync of the pages
 * it wrote. Small transactions (a booking, a payment) are mostly that wait. One writer
 * thread per database file takes every call queued while it was busy, runs each in a
 * SAVEPOINT of one transaction, commits once, and wakes the callers: under load the group
 * grows with the number of concurrent callers, and so does the throughput. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/engine.h"

typedef struct call {
	struct call *next;
	db_group_fn fn;
	void *arg;
	err *e;
	int rc;
	bool done;
} call;

typedef struct writer {
	char *url;
	db *w;
	pthread_t th;
	pthread_cond_t work, finished;
	call *head, **tail;
} writer;

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static writer *writers[8];
static int nwriters;

static void *run(void *arg)
{
	writer *wr = arg;
	for (;;) {
		pthread_mutex_lock(&mu);
		while (!wr->head)
			pthread_cond_wait(&wr->work, &mu);
		call *list = wr->head;
		wr->head = NULL;
		wr->tail = &wr->head;
		pthread_mutex_unlock(&mu);

		err e = ERR_INIT;
		int rc = db_begin(wr->w, &e);
		for (call *c = list; c; c = c->next) {
			if (rc) { /* no transaction: everyone gets its error */
				c->rc = err_set(c->e, e.code, "%s", e.msg);
				continue;
			}
			if (db_exec(wr->w, "SAVEPOINT g", c->e)) {
				c->rc = -1;
				continue;
			}
			c->rc = c->fn(wr->w, c->arg, c->e);
			err ignore = ERR_INIT;
			if (c->rc)
				db_exec(wr->w, "ROLLBACK TO g", &ignore);
			db_exec(wr->w, "RELEASE g", &ignore);
			err_clear(&ignore);
		}
		if (!rc && db_commit(wr->w, &e))
			for (call *c = list; c; c = c->next)
				if (!c->rc) {
					err_clear(c->e);
					c->rc = err_set(c->e, e.code, "%s", e.msg);
				}
		err_clear(&e);
		pthread_mutex_lock(&mu);
		for (call *c = list; c; c = c->next)
			c->done = true;
		pthread_cond_broadcast(&wr->finished);
		pthread_mutex_unlock(&mu);
	}
	return NULL;
}

/* The writer of c's file, started on first use (under mu). */
static writer *writer_for(db *c, err *e)
{
	for (int i = 0; i < nwriters; i++)
		if (!strcmp(writers[i]->url, c->url))
			return writers[i];
	if (nwriters == (int)(sizeof writers / sizeof *writers)) {
		err_set(e, ERR_INTERNAL, "too many databases for group commit");
		return NULL;
	}
	writer *wr = calloc(1, sizeof *wr);
	if (!wr || !(wr->url = strdup(c->url)))
		abort();
	if (db_open(c->url, &wr->w, e)) {
		free(wr->url);
		free(wr);
		return NULL;
	}
	wr->tail = &wr->head;
	pthread_cond_init(&wr->work, NULL);
	pthread_cond_init(&wr->finished, NULL);
	pthread_attr_t at;
	pthread_attr_init(&at);
	pthread_attr_setdetachstate(&at, PTHREAD_CREATE_DETACHED); /* lives as long as the process */
	if (pthread_create(&wr->th, &at, run, wr)) {
		db_close(wr->w);
		free(wr->url);
		free(wr);
		err_set(e, ERR_INTERNAL, "could not start the group-commit writer");
		return NULL;
	}
	writers[nwriters++] = wr;
	return wr;
}

int db_group_write(db *c, db_group_fn fn, void *arg, err *e)
{
	/* PostgreSQL, already inside the caller's transaction, or a private in-memory database
	 * (a second connection would open another, empty one): run it here */
	if (c->kind == DB_PG || c->in_tx || strstr(c->url, ":memory:")) {
		bool own;
		if (db_tx_begin(c, &own, e))
			return -1;
		return db_tx_end(c, own, fn(c, arg, e), e);
	}
	call me = {.fn = fn, .arg = arg, .e = e};
	pthread_mutex_lock(&mu);
	writer *wr = writer_for(c, e);
	if (!wr) {
		pthread_mutex_unlock(&mu);
		return -1;
	}
	*wr->tail = &me;
	wr->tail = &me.next;
	pthread_cond_signal(&wr->work);
	while (!me.done)
		pthread_cond_wait(&wr->finished, &mu);
	pthread_mutex_unlock(&mu);
	return me.rc;
}
