/* sqlite.c: the SQLite engine. WAL journal, synchronous=FULL (it holds money), foreign keys
 * on, a busy timeout. Placeholders $n are rewritten to ?n. Checkpoints run in the commit that
 * fills the log, or on a background thread once sqlite_checkpoint_in_background was called. */
#include <pthread.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "store/engine.h"

#define H(c) ((sqlite3 *)(c)->h)
#define S(st) ((sqlite3_stmt *)(st)->h)

static int fail(sqlite3 *h, err *e)
{
	int rc = sqlite3_extended_errcode(h);
	if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY)
		/* "UNIQUE constraint failed: t.col" names columns, never values */
		return err_set(e, ERR_CONFLICT, "%s", sqlite3_errmsg(h));
	if (rc == SQLITE_CONSTRAINT_TRIGGER) /* the schema's own RAISE(ABORT, 'exclusion constraint <name>') */
		return err_set(e, ERR_CONFLICT, "%s", sqlite3_errmsg(h));
	if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
		return err_set(e, ERR_UNAVAILABLE, "database is busy");
	return err_set(e, ERR_DB, "sqlite: %s", sqlite3_errmsg(h));
}

static int sq_exec(db *c, const char *sql, err *e)
{
	char *msg = NULL;
	if (sqlite3_exec(H(c), sql, NULL, NULL, &msg) != SQLITE_OK) {
		fail(H(c), e);
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

/* Before the first connection: no memory statistics. SQLite would otherwise take a global
 * mutex on every allocation to count it (a few per row written), and nothing reads them. */
static void sq_configure(void) { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); }

/* Background checkpoints (db_checkpoint_in_background). A checkpoint copies the pages in the
 * write-ahead log back into the database file and fsyncs it: tens of milliseconds for
 * SQLite's 1000 pages, which the commit that crossed them would otherwise wait for, and with
 * it every request queued behind that commit. The hook only says one is due. */
#define CHECKPOINT_PAGES 1000
#define CHECKPOINT_LIMIT (8 * CHECKPOINT_PAGES)

static struct {
	pthread_mutex_t mu;
	pthread_cond_t due_cv;
	char *path; /* the file whose connections hand checkpoints over; NULL: none */
	db *c;      /* the checkpointer's connection */
	bool due;
} ck = {.mu = PTHREAD_MUTEX_INITIALIZER, .due_cv = PTHREAD_COND_INITIALIZER};

static int wal_hook(void *unused, sqlite3 *h, const char *schema, int pages)
{
	(void)unused, (void)schema;
	/* Under steady writes the background checkpoint never catches up with the log, so the
	 * log is never started over and grows without end (hundreds of MB a minute). Past
	 * CHECKPOINT_LIMIT pages the committing connection checkpoints itself, as SQLite
	 * would: no commit comes in meanwhile, the copy completes, the next commit starts the
	 * log over. Most pages are copied by then, so this one is short. */
	if (pages >= CHECKPOINT_LIMIT)
		sqlite3_wal_checkpoint_v2(h, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
	else if (pages >= CHECKPOINT_PAGES) {
		pthread_mutex_lock(&ck.mu);
		ck.due = true;
		pthread_cond_signal(&ck.due_cv);
		pthread_mutex_unlock(&ck.mu);
	}
	return SQLITE_OK;
}

static void *checkpointer(void *unused)
{
	(void)unused;
	for (;;) {
		pthread_mutex_lock(&ck.mu);
		while (!ck.due)
			pthread_cond_wait(&ck.due_cv, &ck.mu);
		ck.due = false;
		pthread_mutex_unlock(&ck.mu);
		/* PASSIVE: copies what no reader still needs and never waits for a writer; a busy
		 * log is simply tried again at the next hook */
		sqlite3_wal_checkpoint_v2(H(ck.c), NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
	}
	return NULL;
}

int sqlite_checkpoint_in_background(const char *url, err *e)
{
	const char *path = strncmp(url, "sqlite:", 7) ? url : url + 7;
	pthread_mutex_lock(&ck.mu);
	bool on = ck.path != NULL, same = on && !strcmp(ck.path, path);
	pthread_mutex_unlock(&ck.mu);
	if (on)
		return same ? 0 : err_set(e, ERR_INTERNAL, "background checkpoints are already on for another database");
	/* the checkpointer's own connection, opened before the path is set: it gets no hook */
	if (db_open(url, &ck.c, e))
		return -1;
	pthread_t th;
	pthread_attr_t at;
	pthread_attr_init(&at);
	pthread_attr_setdetachstate(&at, PTHREAD_CREATE_DETACHED); /* lives as long as the process */
	if (pthread_create(&th, &at, checkpointer, NULL)) {
		db_close(ck.c);
		ck.c = NULL;
		return err_set(e, ERR_INTERNAL, "could not start the checkpoint thread");
	}
	pthread_mutex_lock(&ck.mu);
	if (!(ck.path = strdup(path)))
		abort();
	pthread_mutex_unlock(&ck.mu);
	return 0;
}

static int sq_open(db *c, const char *url, err *e)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, sq_configure);
	sqlite3 *h = NULL;
	if (!strncmp(url, "sqlite:", 7))
		url += 7;
	int rc = sqlite3_open_v2(url, &h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		err_set(e, ERR_DB, "could not open database file: %s", h ? sqlite3_errmsg(h) : "out of memory");
		sqlite3_close(h);
		return -1;
	}
	c->h = h;
	sqlite3_busy_timeout(h, 10000);
	if (sq_exec(c,
		    "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"
		    "PRAGMA cache_size=-32000; PRAGMA temp_store=MEMORY;",
		    e)) {
		sqlite3_close(h);
		return -1;
	}
	pthread_mutex_lock(&ck.mu);
	if (ck.path && !strcmp(ck.path, url))
		sqlite3_wal_hook(h, wal_hook, NULL); /* replaces the checkpoint in the commit */
	pthread_mutex_unlock(&ck.mu);
	return 0;
}

static void sq_close(db *c)
{
	sqlite3_exec(H(c), "PRAGMA optimize", NULL, NULL, NULL); /* keeps the planner's statistics fresh */
	sqlite3_close(H(c));
}

static int sq_prepare(db *c, db_stmt *st, const char *sql, err *e)
{
	/* $n -> ?n outside quoted text */
	size_t n = strlen(sql);
	char *s = malloc(n + 1);
	if (!s)
		abort();
	char q = 0;
	for (size_t i = 0; i <= n; i++) {
		char ch = sql[i];
		if (q) {
			if (ch == q)
				q = 0;
		} else if (ch == '\'' || ch == '"')
			q = ch;
		else if (ch == '$' && sql[i + 1] >= '0' && sql[i + 1] <= '9')
			ch = '?';
		s[i] = ch;
	}
	sqlite3_stmt *h = NULL;
	int rc = sqlite3_prepare_v3(H(c), s, -1, SQLITE_PREPARE_PERSISTENT, &h, NULL);
	free(s);
	if (rc != SQLITE_OK)
		return fail(H(c), e);
	st->h = h;
	return 0;
}

static void sq_finalize(db_stmt *st) { sqlite3_finalize(S(st)); }
static void sq_bind_i64(db_stmt *st, int i, int64_t v) { sqlite3_bind_int64(S(st), i, v); }
static void sq_bind_text(db_stmt *st, int i, const char *s) { sqlite3_bind_text(S(st), i, s, -1, SQLITE_TRANSIENT); }
static void sq_bind_null(db_stmt *st, int i) { sqlite3_bind_null(S(st), i); }

static int sq_step(db_stmt *st, err *e)
{
	int rc = sqlite3_step(S(st));
	if (rc == SQLITE_ROW)
		return DB_ROW;
	if (rc == SQLITE_DONE)
		return DB_DONE;
	fail(H(st->c), e);
	return DB_ERR;
}

static bool sq_col_null(db_stmt *st, int col) { return sqlite3_column_type(S(st), col) == SQLITE_NULL; }
static int64_t sq_col_i64(db_stmt *st, int col) { return sqlite3_column_int64(S(st), col); }
static const char *sq_col_text(db_stmt *st, int col) { return (const char *)sqlite3_column_text(S(st), col); }
static int sq_ncols(db_stmt *st) { return sqlite3_column_count(S(st)); }
static const char *sq_col_name(db_stmt *st, int col) { return sqlite3_column_name(S(st), col); }
static int64_t sq_changes(db_stmt *st) { return sqlite3_changes64(H(st->c)); }

static void sq_reset(db_stmt *st)
{
	sqlite3_reset(S(st));
	sqlite3_clear_bindings(S(st));
}

const engine sqlite_engine = {
	.open = sq_open,
	.close = sq_close,
	.exec = sq_exec,
	.prepare = sq_prepare,
	.finalize = sq_finalize,
	.bind_i64 = sq_bind_i64,
	.bind_text = sq_bind_text,
	.bind_null = sq_bind_null,
	.step = sq_step,
	.col_null = sq_col_null,
	.col_i64 = sq_col_i64,
	.col_text = sq_col_text,
	.ncols = sq_ncols,
	.col_name = sq_col_name,
	.reset = sq_reset,
	.changes = sq_changes,
	.begin_sql = "BEGIN IMMEDIATE",
};
