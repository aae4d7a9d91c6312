/* table.h: a report's rows as CSV (RFC 4180) or XLSX (libxlsxwriter).
 *
 * Reports build their rows once, as a JSON array of objects; the API answers that JSON, and
 * these writers turn the same rows into the files a practice manager opens in a spreadsheet.
 * Text cells that a spreadsheet would run as a formula (=, +, -, @ first) are written with a
 * leading apostrophe in CSV, and always as text in XLSX. */
#ifndef PRAXIS_TABLE_H
#define PRAXIS_TABLE_H

#include <jansson.h>
#include <stddef.h>

#include "base/err.h"

typedef enum { COL_TEXT, COL_INT, COL_NUM, COL_PCT } col_kind; /* COL_PCT: a fraction 0..1 */

typedef struct column {
	const char *key;   /* the row object's key */
	const char *title; /* the header */
	col_kind kind;
} column;

/* *out is malloc'ed; *len its length (CSV is also NUL-terminated). */
int table_csv(const column *cols, int n, json_t *rows, char **out, size_t *len, err *e);
int table_xlsx(const char *sheet, const column *cols, int n, json_t *rows, char **out, size_t *len, err *e);

#endif
