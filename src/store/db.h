/* db.h: one database interface, two engines (SQLite and PostgreSQL).
 *
 * A `db` is one connection, used by one thread at a time (each HTTP worker thread owns its
 * own). SQL is written once, in the subset both engines run, with PostgreSQL-style
 * placeholders $1..$n; the SQLite engine rewrites them to ?1..?n. Statements are prepared
 * once per connection and cached by their text, so pass string literals.
 *
 * Usage:
 *     db_stmt *st = db_prepare(c, "SELECT name FROM practice WHERE id = $1", e);
 *     db_bind_i64(st, 1, id);
 *     while ((rc = db_step(st, e)) == DB_ROW) use(db_col_text(st, 0));
 *     db_done(st);                       -- always, also after an error
 *
 * Values: integers are int64; text is UTF-8; there is no boolean (0/1 integers) and no
 * native time type (RFC 3339 text, see base/timeutil.h). A text column read with
 * db_col_text stays valid until the next db_step or db_done on that statement.
 *
 * Errors: db_step returns DB_ERR with `e` set: ERR_CONFLICT for a unique-key violation or
 * an overlap refused by an exclusion constraint (the message names the constraint), ERR_DB
 * otherwise. Messages carry no row values. */
#ifndef PRAXIS_DB_H
#define PRAXIS_DB_H

#include <stdbool.h>
#include <stdint.h>

#include "base/err.h"

typedef struct db db;
typedef struct db_stmt db_stmt;

enum { DB_ERR = -1, DB_DONE = 0, DB_ROW = 1 };
#define DB_MAX_PARAMS 999 /* the most parameters one statement may have ($1..$999) */
typedef enum { DB_SQLITE, DB_PG } db_engine;

/* url: a file path (SQLite, created if missing) or "postgresql://..." / "postgres://...". */
int db_open(const char *url, db **out, err *e);
void db_close(db *c);
db_engine db_kind(const db *c);

/* Runs SQL text that may hold several statements and no parameters (migrations). */
int db_exec(db *c, const char *sql, err *e);

db_stmt *db_prepare(db *c, const char *sql, err *e);
void db_bind_i64(db_stmt *st, int i, int64_t v);
void db_bind_text(db_stmt *st, int i, const char *s); /* NULL binds SQL NULL */
void db_bind_null(db_stmt *st, int i);
int db_step(db_stmt *st, err *e);
bool db_col_null(db_stmt *st, int col);
int64_t db_col_i64(db_stmt *st, int col);
const char *db_col_text(db_stmt *st, int col); /* NULL for SQL NULL */
int db_ncols(db_stmt *st);
const char *db_col_name(db_stmt *st, int col);
int64_t db_changes(db_stmt *st); /* rows changed; after db_step returned DB_DONE */
void db_done(db_stmt *st); /* resets bindings and returns the statement to the cache */

/* Runs a statement expected to return at most one row and reads its first column as an
 * integer. Returns 1 found, 0 no row, -1 error. `fmt` describes the arguments that follow:
 * 'i' int64_t, 'n' int64_t where 0 binds NULL (an optional reference), 's' const char *
 * (NULL allowed). */
int db_one_i64(db *c, err *e, int64_t *out, const char *sql, const char *fmt, ...);
/* Runs a statement for its effect; returns the number of rows changed, or -1. */
int64_t db_run(db *c, err *e, const char *sql, const char *fmt, ...);
/* Binds arguments as described above to a prepared statement. */
void db_bindv(db_stmt *st, const char *fmt, ...);
/* Steps `st` to its end, keeping the first `ncols` columns (integers) of every row in a
 * malloc'd array, row after row: (*out)[r * ncols + c], *nrows rows (*out NULL when none).
 * Returns 0, or -1 with `e` set (the engine's error, or out of memory) and *out freed. The
 * caller frees *out and still calls db_done. */
int db_rows_i64(db_stmt *st, int ncols, int64_t **out, size_t *nrows, err *e);

/* Transactions. db_begin starts a write transaction (SQLite: BEGIN IMMEDIATE, so two
 * writers never deadlock on lock upgrade). Nesting is not supported. */
int db_begin(db *c, err *e);
int db_commit(db *c, err *e);
void db_rollback(db *c);
bool db_in_tx(const db *c);
/* For operations that may run alone or inside a caller's batch: joins the open transaction,
 * or starts one (then *own is true). db_tx_end commits what it started when rc == 0 and
 * rolls it back otherwise; a joined transaction is the caller's to end. Returns rc, or -1
 * when the commit fails. */
int db_tx_begin(db *c, bool *own, err *e);
int db_tx_end(db *c, bool own, int rc, err *e);

/* Group commit of small write transactions (group.c). On SQLite, fn runs on a writer
 * thread's own connection `w`, in a SAVEPOINT of one transaction shared with the calls
 * queued meanwhile; the transaction commits once (one fsync for the group) and then each
 * caller gets fn's result. A failing fn rolls back only its own work; a failed commit fails
 * them all. On PostgreSQL, fn runs in its own transaction on `c` (the server already
 * commits concurrent transactions together). fn must not begin or end transactions, and
 * must do its reads that need no lock before calling (on `c`). Returns fn's result. */
typedef int (*db_group_fn)(db *w, void *arg, err *e);
int db_group_write(db *c, db_group_fn fn, void *arg, err *e);

/* SQLite: connections this process opens to `url` from now on leave checkpoints (copying the
 * write-ahead log back into the database file, then an fsync of it) to one background
 * thread, instead of running one inside whichever commit fills the log. For a server, where
 * that commit holds every request queued behind it; a short command need not call it. One
 * database per process; call it at start-up, never from two threads at once (it checks, then opens);
 * the thread lives as long as the process. No-op on PostgreSQL. */
int db_checkpoint_in_background(const char *url, err *e);

#endif
