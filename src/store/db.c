/* db.c: engine dispatch, the per-connection statement cache and small helpers. */
#include "store/db.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "store/engine.h"

static bool is_pg(const char *url)
{
	return !strncmp(url, "postgresql://", 13) || !strncmp(url, "postgres://", 11);
}

int db_checkpoint_in_background(const char *url, err *e)
{
	return is_pg(url) ? 0 : sqlite_checkpoint_in_background(url, e);
}

int db_open(const char *url, db **out, err *e)
{
	if (!url || !*url)
		return err_set(e, ERR_BAD_REQUEST, "no database given (use --db or PRAXIS_DB)");
	db *c = calloc(1, sizeof *c);
	if (!c)
		abort();
	bool pg = is_pg(url);
	c->eng = pg ? &pg_engine : &sqlite_engine;
	c->kind = pg ? DB_PG : DB_SQLITE;
	if (c->eng->open(c, url, e)) {
		free(c);
		return -1;
	}
	c->url = strdup(url);
	if (!c->url)
		abort();
	*out = c;
	return 0;
}

void db_close(db *c)
{
	if (!c)
		return;
	for (int i = 0; i < DB_CACHE_SLOTS; i++)
		for (db_stmt *st = c->cache[i], *n; st; st = n) {
			n = st->next;
			c->eng->finalize(st);
			free((char *)st->sql);
			free(st);
		}
	c->eng->close(c);
	free(c->url);
	free(c);
}

db_engine db_kind(const db *c) { return c->kind; }

int db_exec(db *c, const char *sql, err *e) { return c->eng->exec(c, sql, e); }

/* The cache slot of a statement's text: its length and its first and last 32 bytes (texts
 * that share all three share a chain, told apart by strcmp). Hashing all of a long text cost
 * a few percent of a posting. */
static unsigned slot(const char *s)
{
	size_t n = strlen(s), head = n < 32 ? n : 32;
	unsigned h = 2166136261u ^ (unsigned)n;
	for (size_t i = 0; i < head; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	for (size_t i = n - head; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h % DB_CACHE_SLOTS;
}

db_stmt *db_prepare(db *c, const char *sql, err *e)
{
	unsigned k = slot(sql);
	db_stmt *st;
	for (st = c->cache[k]; st; st = st->next)
		if (!st->in_use && !strcmp(st->sql, sql)) {
			st->in_use = true;
			return st;
		}
	/* not cached, or in use by an outer loop: prepare a new one */
	bool busy = false;
	for (st = c->cache[k]; st; st = st->next)
		busy |= !strcmp(st->sql, sql);
	st = calloc(1, sizeof *st);
	if (!st)
		abort();
	st->c = c;
	st->sql = strdup(sql);
	if (c->eng->prepare(c, st, sql, e)) {
		free((char *)st->sql);
		free(st);
		return NULL;
	}
	st->in_use = true;
	if (!busy) {
		st->cached = true;
		st->next = c->cache[k];
		c->cache[k] = st;
	}
	return st;
}

void db_bind_i64(db_stmt *st, int i, int64_t v) { st->c->eng->bind_i64(st, i, v); }
void db_bind_text(db_stmt *st, int i, const char *s)
{
	if (s)
		st->c->eng->bind_text(st, i, s);
	else
		st->c->eng->bind_null(st, i);
}
void db_bind_null(db_stmt *st, int i) { st->c->eng->bind_null(st, i); }
int db_step(db_stmt *st, err *e) { return st->c->eng->step(st, e); }
bool db_col_null(db_stmt *st, int col) { return st->c->eng->col_null(st, col); }
int64_t db_col_i64(db_stmt *st, int col) { return st->c->eng->col_i64(st, col); }
const char *db_col_text(db_stmt *st, int col) { return st->c->eng->col_text(st, col); }
int db_ncols(db_stmt *st) { return st->c->eng->ncols(st); }
const char *db_col_name(db_stmt *st, int col) { return st->c->eng->col_name(st, col); }

int64_t db_changes(db_stmt *st) { return st->c->eng->changes(st); }

void db_done(db_stmt *st)
{
	if (!st)
		return;
	st->c->eng->reset(st);
	st->in_use = false;
	if (!st->cached) {
		st->c->eng->finalize(st);
		free((char *)st->sql);
		free(st);
	}
}

static void bindva(db_stmt *st, const char *fmt, va_list ap)
{
	for (int i = 1; fmt && fmt[i - 1]; i++) {
		if (fmt[i - 1] == 'i')
			db_bind_i64(st, i, va_arg(ap, int64_t));
		else if (fmt[i - 1] == 'n') {
			int64_t v = va_arg(ap, int64_t);
			if (v)
				db_bind_i64(st, i, v);
			else
				db_bind_null(st, i);
		} else
			db_bind_text(st, i, va_arg(ap, const char *));
	}
}

void db_bindv(db_stmt *st, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	bindva(st, fmt, ap);
	va_end(ap);
}

int db_rows_i64(db_stmt *st, int ncols, int64_t **out, size_t *nrows, err *e)
{
	size_t n = 0, cap = 0;
	int64_t *rows = NULL;
	int rc;
	while ((rc = db_step(st, e)) == DB_ROW) {
		if (n == cap) {
			int64_t *more = realloc(rows, (cap = cap ? 2 * cap : 256) * (size_t)ncols * sizeof *rows);
			if (!more) {
				rc = err_set(e, ERR_INTERNAL, "out of memory");
				break;
			}
			rows = more;
		}
		for (int c = 0; c < ncols; c++)
			rows[n * (size_t)ncols + (size_t)c] = db_col_i64(st, c);
		n++;
	}
	if (rc == DB_ERR) {
		free(rows);
		rows = NULL, n = 0;
	}
	*out = rows;
	*nrows = n;
	return rc == DB_ERR ? -1 : 0;
}

int db_one_i64(db *c, err *e, int64_t *out, const char *sql, const char *fmt, ...)
{
	db_stmt *st = db_prepare(c, sql, e);
	if (!st)
		return -1;
	va_list ap;
	va_start(ap, fmt);
	bindva(st, fmt, ap);
	va_end(ap);
	int rc = db_step(st, e);
	if (rc == DB_ROW && out)
		*out = db_col_i64(st, 0);
	db_done(st);
	return rc == DB_ERR ? -1 : rc == DB_ROW;
}

int64_t db_run(db *c, err *e, const char *sql, const char *fmt, ...)
{
	db_stmt *st = db_prepare(c, sql, e);
	if (!st)
		return -1;
	va_list ap;
	va_start(ap, fmt);
	bindva(st, fmt, ap);
	va_end(ap);
	int64_t n = 0;
	int rc;
	while ((rc = db_step(st, e)) == DB_ROW)
		n++;
	if (rc == DB_DONE)
		n = db_changes(st);
	db_done(st);
	return rc == DB_ERR ? -1 : n;
}

int db_begin(db *c, err *e)
{
	if (db_exec(c, c->eng->begin_sql, e))
		return -1;
	c->in_tx = true;
	return 0;
}

int db_commit(db *c, err *e)
{
	int rc = db_exec(c, "COMMIT", e);
	if (rc)
		db_rollback(c);
	c->in_tx = false;
	return rc;
}

void db_rollback(db *c)
{
	err e = ERR_INIT;
	if (c->in_tx)
		db_exec(c, "ROLLBACK", &e);
	c->in_tx = false;
	err_clear(&e);
}

bool db_in_tx(const db *c) { return c->in_tx; }

int db_tx_begin(db *c, bool *own, err *e)
{
	*own = !c->in_tx;
	return *own ? db_begin(c, e) : 0;
}

int db_tx_end(db *c, bool own, int rc, err *e)
{
	if (!own)
		return rc;
	if (rc) {
		db_rollback(c);
		return rc;
	}
	return db_commit(c, e);
}
