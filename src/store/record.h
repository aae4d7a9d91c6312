/* record.h: a table of fields maps one JSON resource to one table row.
 *
 * An area describes its resource once (JSON name, column, type, limits, checks); the same
 * table validates input (with an error per field), builds the column list for SQL, binds
 * values and turns a row back into JSON. Nested JSON objects are written with a dot:
 * "address.city" is {"address": {"city": ...}}.
 *
 * Writes always carry every writable column, so each table has one INSERT and one UPDATE
 * statement: a PATCH loads the record, merges the change (rec_merge) and validates the
 * result as a whole. */
#ifndef PRAXIS_RECORD_H
#define PRAXIS_RECORD_H

#include <jansson.h>
#include <stdbool.h>

#include "base/buf.h"
#include "base/err.h"
#include "store/db.h"

/* F_INSTANT: RFC 3339 text in JSON (any offset), unix seconds in the column, UTC out. */
typedef enum { F_TEXT, F_DATE, F_BOOL, F_INT, F_ENUM, F_INSTANT } field_type;

enum {
	F_REQUIRED = 1,  /* must be present and non-empty */
	F_READONLY = 2,  /* output only: id, mrn, version, timestamps */
	F_LOWER = 4,     /* text stored lowercased (e-mail) */
};

typedef struct field {
	const char *json;            /* "family_name", "address.city" */
	const char *col;             /* column name */
	field_type type;
	unsigned flags;
	int max;                     /* F_TEXT: maximum length in bytes (0: 200) */
	const char *const *choices;  /* F_ENUM: NULL-terminated */
	/* extra check on a non-null text value; returns NULL if fine, else the message */
	const char *(*check)(const char *v);
} field;

/* Validates `in` (the whole resource after any merge) against fields[0..n). Unknown keys
 * are refused unless listed in `allow` (NULL-terminated, may be NULL). On success *out is a
 * new object mapping column -> normalised value (json null for absent). */
int rec_validate(const field *fs, int n, json_t *in, const char *const *allow, json_t **out, err *e);
/* Merges a patch into a resource: nested objects merge key by key, other values replace. */
void rec_merge(json_t *base, json_t *patch);
/* Appends "col, col, ..." of the fields (writable only if `writable`) to b. */
void rec_cols(const field *fs, int n, bool writable, const char *prefix, buf *b);
/* Binds the writable fields' values from `vals` (rec_validate's output) from $first on;
 * returns the next free parameter number. */
int rec_bind(const field *fs, int n, json_t *vals, db_stmt *st, int first);
/* Builds a JSON object from the row's columns starting at `col0`, in field order (all
 * fields, as rec_cols(.., false, ..) listed them). */
json_t *rec_row(const field *fs, int n, db_stmt *st, int col0);

/* A resource stored in one practice-scoped table with id, version, created_at, updated_at. */
typedef struct table {
	const char *name;
	const field *fs; /* the first field is "id", then every column rec_row reads */
	int n;
} table;

/* INSERT of the writable fields plus `extra` (column -> value object, may be NULL). */
int rec_insert(db *c, const table *t, int64_t practice, json_t *vals, json_t *extra, int64_t *id, err *e);
/* UPDATE guarded by version: ERR_VERSION_CONFLICT when stale, ERR_NOT_FOUND when absent. */
int rec_update(db *c, const table *t, int64_t practice, int64_t id, int64_t version, json_t *vals, json_t *extra,
	       err *e);
/* One row as JSON, or ERR_NOT_FOUND (also for another practice's id). */
int rec_get(db *c, const table *t, int64_t practice, int64_t id, json_t **out, err *e);
/* The same as JSON text (json_text of rec_get's object), written from the row without
 * building the object: a record read is the most frequent answer. *out is malloc'd. A table
 * has at most 128 fields. */
int rec_get_text(db *c, const table *t, int64_t practice, int64_t id, char **out, size_t *len, err *e);
/* A page of a list: {items, next_cursor}; next 0 means the last page (cursor null).
 * Takes the reference to items. */
json_t *rec_page(json_t *items, int64_t next);
/* Rows in id order after `after_id`: {items, next_cursor}. */
int rec_list(db *c, const table *t, int64_t practice, int limit, int64_t after_id, json_t **out, err *e);

#endif
