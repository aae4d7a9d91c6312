/* pg.c: the PostgreSQL engine (libpq). Statements are prepared server-side once per
 * connection as "s<n>"; parameters travel as text and the server infers their types. */
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/engine.h"

#define H(c) ((PGconn *)(c)->h)
#define R(st) ((PGresult *)(st)->res)

static void quiet(void *arg, const char *msg) { (void)arg, (void)msg; }

static int fail(PGresult *r, PGconn *h, err *e)
{
	const char *state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
	const char *prim = r ? PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) : NULL;
	if (!prim)
		prim = PQerrorMessage(h);
	if (state && !strcmp(state, "23505")) {
		const char *cons = PQresultErrorField(r, PG_DIAG_CONSTRAINT_NAME);
		return err_set(e, ERR_CONFLICT, "unique constraint %s", cons ? cons : "?");
	}
	if (state && !strcmp(state, "23P01")) {
		const char *cons = PQresultErrorField(r, PG_DIAG_CONSTRAINT_NAME);
		return err_set(e, ERR_CONFLICT, "exclusion constraint %s", cons ? cons : "?");
	}
	if (state && (!strcmp(state, "40001") || !strcmp(state, "40P01") || !strcmp(state, "55P03")))
		return err_set(e, ERR_UNAVAILABLE, "database is busy");
	/* the primary message never carries row values (those are in DETAIL, not copied) */
	return err_set(e, ERR_DB, "postgresql: %s", prim);
}

static int pg_open(db *c, const char *url, err *e)
{
	PGconn *h = PQconnectdb(url);
	if (PQstatus(h) != CONNECTION_OK) {
		err_set(e, ERR_DB, "could not connect to postgresql: %s", PQerrorMessage(h));
		for (char *p = e->msg; *p; p++)
			if (*p == '\n')
				*p = ' ';
		PQfinish(h);
		return -1;
	}
	PQsetNoticeProcessor(h, quiet, NULL);
	c->h = h;
	return 0;
}

static void pg_close(db *c) { PQfinish(H(c)); }

static int pg_exec(db *c, const char *sql, err *e)
{
	PGresult *r = PQexec(H(c), sql);
	ExecStatusType s = PQresultStatus(r);
	int rc = 0;
	if (s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK)
		rc = fail(r, H(c), e);
	PQclear(r);
	return rc;
}

static int pg_prepare(db *c, db_stmt *st, const char *sql, err *e)
{
	int maxp = 0;
	char q = 0;
	for (const char *p = sql; *p; p++) {
		if (q) {
			if (*p == q)
				q = 0;
		} else if (*p == '\'' || *p == '"')
			q = *p;
		else if (*p == '$' && p[1] >= '0' && p[1] <= '9') {
			int n = atoi(p + 1);
			if (n > maxp)
				maxp = n;
		}
	}
	if (maxp > DB_MAX_PARAMS)
		return err_set(e, ERR_INTERNAL, "too many parameters");
	st->nparams = maxp;
	snprintf(st->name, sizeof st->name, "s%d", ++c->nstmts);
	PGresult *r = PQprepare(H(c), st->name, sql, 0, NULL);
	int rc = 0;
	if (PQresultStatus(r) != PGRES_COMMAND_OK)
		rc = fail(r, H(c), e);
	PQclear(r);
	if (!rc && maxp) {
		st->vals = calloc((size_t)maxp, sizeof *st->vals);
		st->num = calloc((size_t)maxp, sizeof *st->num);
		if (!st->vals || !st->num)
			abort();
	}
	return rc;
}

static void clear_vals(db_stmt *st)
{
	for (int i = 0; i < st->nparams; i++) {
		if (st->vals[i] && st->vals[i] != st->num[i])
			free(st->vals[i]);
		st->vals[i] = NULL;
	}
}

static void pg_reset(db_stmt *st)
{
	clear_vals(st);
	PQclear(R(st));
	st->res = NULL;
	st->row = -1;
}

static void pg_finalize(db_stmt *st)
{
	pg_reset(st);
	char sql[40];
	snprintf(sql, sizeof sql, "DEALLOCATE %s", st->name);
	PQclear(PQexec(H(st->c), sql));
	free(st->vals);
	free(st->num);
}

static void set_val(db_stmt *st, int i, char *v)
{
	if (st->vals[i - 1] && st->vals[i - 1] != st->num[i - 1])
		free(st->vals[i - 1]);
	st->vals[i - 1] = v;
}

static void pg_bind_i64(db_stmt *st, int i, int64_t v)
{
	if (i < 1 || i > st->nparams)
		return;
	snprintf(st->num[i - 1], sizeof st->num[0], "%lld", (long long)v);
	set_val(st, i, st->num[i - 1]);
}

static void pg_bind_text(db_stmt *st, int i, const char *s)
{
	if (i < 1 || i > st->nparams)
		return;
	char *v = strdup(s);
	if (!v)
		abort();
	set_val(st, i, v);
}

static void pg_bind_null(db_stmt *st, int i)
{
	if (i >= 1 && i <= st->nparams)
		set_val(st, i, NULL);
}

static int pg_step(db_stmt *st, err *e)
{
	if (!st->res) {
		PGresult *r = PQexecPrepared(H(st->c), st->name, st->nparams, (const char *const *)st->vals, NULL, NULL, 0);
		ExecStatusType s = PQresultStatus(r);
		if (s != PGRES_TUPLES_OK && s != PGRES_COMMAND_OK) {
			fail(r, H(st->c), e);
			PQclear(r);
			return DB_ERR;
		}
		st->res = r;
		st->row = -1;
		st->nrows = PQntuples(r);
	}
	if (++st->row < st->nrows)
		return DB_ROW;
	return DB_DONE;
}

static bool pg_col_null(db_stmt *st, int col) { return PQgetisnull(R(st), st->row, col); }
static int64_t pg_col_i64(db_stmt *st, int col) { return strtoll(PQgetvalue(R(st), st->row, col), NULL, 10); }
static const char *pg_col_text(db_stmt *st, int col)
{
	return PQgetisnull(R(st), st->row, col) ? NULL : PQgetvalue(R(st), st->row, col);
}
static int pg_ncols(db_stmt *st) { return st->res ? PQnfields(R(st)) : 0; }
static const char *pg_col_name(db_stmt *st, int col) { return PQfname(R(st), col); }
static int64_t pg_changes(db_stmt *st) { return st->res ? strtoll(PQcmdTuples(R(st)), NULL, 10) : 0; }

const engine pg_engine = {
	.open = pg_open,
	.close = pg_close,
	.exec = pg_exec,
	.prepare = pg_prepare,
	.finalize = pg_finalize,
	.bind_i64 = pg_bind_i64,
	.bind_text = pg_bind_text,
	.bind_null = pg_bind_null,
	.step = pg_step,
	.col_null = pg_col_null,
	.col_i64 = pg_col_i64,
	.col_text = pg_col_text,
	.ncols = pg_ncols,
	.col_name = pg_col_name,
	.reset = pg_reset,
	.changes = pg_changes,
	.begin_sql = "BEGIN",
};
