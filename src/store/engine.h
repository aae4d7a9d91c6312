/* engine.h: what each engine implements (internal to store/). db.c dispatches to these. */
#ifndef PRAXIS_ENGINE_H
#define PRAXIS_ENGINE_H

#include "store/db.h"

typedef struct engine {
	int (*open)(db *c, const char *url, err *e);
	void (*close)(db *c);
	int (*exec)(db *c, const char *sql, err *e);
	int (*prepare)(db *c, db_stmt *st, const char *sql, err *e);
	void (*finalize)(db_stmt *st);
	void (*bind_i64)(db_stmt *st, int i, int64_t v);
	void (*bind_text)(db_stmt *st, int i, const char *s);
	void (*bind_null)(db_stmt *st, int i);
	int (*step)(db_stmt *st, err *e);
	bool (*col_null)(db_stmt *st, int col);
	int64_t (*col_i64)(db_stmt *st, int col);
	const char *(*col_text)(db_stmt *st, int col);
	int (*ncols)(db_stmt *st);
	const char *(*col_name)(db_stmt *st, int col);
	void (*reset)(db_stmt *st);
	int64_t (*changes)(db_stmt *st); /* rows changed by the last step that finished */
	const char *begin_sql;
} engine;

struct db_stmt {
	db *c;
	const char *sql;   /* the caller's text: the cache key */
	db_stmt *next;     /* cache chain */
	bool in_use, cached;
	void *h;           /* engine handle */
	/* PostgreSQL only: parameters as text (nparams of each), and the current result */
	int nparams;
	char **vals;
	char (*num)[24];
	void *res;
	int row, nrows;
	char name[16];
};

#define DB_CACHE_SLOTS 256

struct db {
	const engine *eng;
	db_engine kind;
	char *url; /* as opened: group.c opens the writer's own connection with it */
	void *h;
	bool in_tx;
	int nstmts;
	db_stmt *cache[DB_CACHE_SLOTS];
};

extern const engine sqlite_engine, pg_engine;

int sqlite_checkpoint_in_background(const char *url, err *e);

#endif
