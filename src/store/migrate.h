/* migrate.h: numbered schema migrations, compiled into the binary.
 *
 * Each file src/store/migrations/NNNN_name.sql is one migration, applied once, in its own
 * transaction, and recorded in schema_migrations. Files are written in the SQL both engines
 * run, with two tokens and optional engine sections:
 *   {{id}}     the primary-key column type (SQLite INTEGER PRIMARY KEY, PostgreSQL identity)
 *   {{bytes}}  after a TEXT column compared by byte order (PostgreSQL COLLATE "C")
 *   -- engine: sqlite | pg | all    lines that follow apply to that engine only
 */
#ifndef PRAXIS_MIGRATE_H
#define PRAXIS_MIGRATE_H

#include "store/db.h"

struct migration {
	int version;
	const char *name;
	const char *sql;
};

extern const struct migration migrations[]; /* ends with version 0 */

/* Applies every migration up to `target` (0: all) not yet applied. Sets *applied to how many
 * it applied. Running it again changes nothing. */
int migrate_run(db *c, int target, int *applied, err *e);
/* The highest applied version (0 for an empty database), or -1. */
int migrate_current(db *c, err *e);
/* Expands tokens and engine sections for an engine; caller frees. */
char *migrate_render(const char *sql, db_engine kind);

#endif
