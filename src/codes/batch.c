/* batch.c: multi-row inserts into the code-set tables.
 *
 * One statement inserts up to `per` rows (per = (DB_MAX_PARAMS - 1) / columns: $1, the
 * version id, is shared by every row), so a 1.8 million row PTP file costs about 11,000
 * statements instead of 1.8 million round trips. The full
 * statement is prepared once and reused from the connection's cache; the last, shorter one
 * once per import. ON CONFLICT DO NOTHING RETURNING <key> tells which rows went in, so a
 * row repeating an earlier row's key is reported by its line instead of failing the file. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "codes/load.h"

#define BATCH_PARAMS DB_MAX_PARAMS

typedef struct val {
	char kind; /* 'i' integer, 't' text at off, 'n' NULL */
	int64_t i;
	size_t off;
} val;

struct codes_batch {
	codes_job *j;
	const char *table;
	const char *const *cols;
	int ncols, nkeys, per;
	int n;	 /* complete rows held */
	int cur; /* values given for the row being built */
	val *v;	 /* per x ncols */
	long *lines;
	bool *done;
	buf text;
	char *sql_full;
};

static char *build_sql(const codes_batch *b, int rows)
{
	buf s;
	buf_init(&s, 1 << 16);
	buf_addf(&s, "INSERT INTO %s (version_id", b->table);
	for (int k = 0; k < b->ncols; k++)
		buf_addf(&s, ", %s", b->cols[k]);
	buf_adds(&s, ") VALUES ");
	for (int r = 0, p = 2; r < rows; r++) {
		buf_adds(&s, r ? ", ($1" : "($1");
		for (int k = 0; k < b->ncols; k++)
			buf_addf(&s, ", $%d", p++);
		buf_adds(&s, ")");
	}
	buf_adds(&s, " ON CONFLICT DO NOTHING RETURNING ");
	for (int k = 0; k < b->nkeys; k++)
		buf_addf(&s, "%s%s", k ? ", " : "", b->cols[k]);
	return buf_detach(&s);
}

codes_batch *codes_batch_new(codes_job *j, const char *table, const char *const *cols, int ncols, int nkeys)
{
	codes_batch *b = calloc(1, sizeof *b);
	if (!b)
		abort();
	b->j = j;
	b->table = table;
	b->cols = cols;
	b->ncols = ncols;
	b->nkeys = nkeys;
	b->per = (BATCH_PARAMS - 1) / ncols;
	b->v = calloc((size_t)b->per * ncols, sizeof *b->v);
	b->lines = calloc((size_t)b->per, sizeof *b->lines);
	b->done = calloc((size_t)b->per, sizeof *b->done);
	if (!b->v || !b->lines || !b->done)
		abort();
	buf_init(&b->text, (size_t)64 << 20);
	b->sql_full = build_sql(b, b->per);
	return b;
}

void codes_batch_free(codes_batch *b)
{
	if (!b)
		return;
	free(b->v);
	free(b->lines);
	free(b->done);
	free(b->sql_full);
	buf_release(&b->text);
	free(b);
}

static val *next_val(codes_batch *b)
{
	if (b->cur >= b->ncols) /* a loader bug: more values than columns */
		abort();
	return &b->v[b->n * b->ncols + b->cur++];
}

void codes_batch_int(codes_batch *b, int64_t v) { *next_val(b) = (val){'i', v, 0}; }
void codes_batch_null(codes_batch *b) { *next_val(b) = (val){'n', 0, 0}; }

/* well-formed UTF-8 as PostgreSQL accepts it: no overlong forms, surrogates or values past U+10FFFF */
static bool utf8_valid(const unsigned char *s)
{
	while (*s) {
		unsigned c = *s++;
		int n = c < 0x80		 ? 0
			: c >= 0xc2 && c <= 0xdf ? 1
			: c >= 0xe0 && c <= 0xef ? 2
			: c >= 0xf0 && c <= 0xf4 ? 3
						 : -1;
		if (n < 0 || (c == 0xe0 && *s < 0xa0) || (c == 0xed && *s >= 0xa0) || (c == 0xf0 && *s < 0x90) ||
		    (c == 0xf4 && *s >= 0x90))
			return false;
		for (; n; n--, s++)
			if ((*s & 0xc0) != 0x80)
				return false;
	}
	return true;
}

/* Windows-1252 0x80..0x9f; the rest of the upper half is latin-1 */
static const unsigned short cp1252[32] = {0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
					  0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008d, 0x017d, 0x008f,
					  0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
					  0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x009d, 0x017e, 0x0178};

/* appends code point c (below U+10000) as UTF-8 */
static int put_utf8(buf *t, unsigned c)
{
	char u[3];
	if (c < 0x80) {
		u[0] = (char)c;
		return buf_add(t, u, 1);
	}
	if (c < 0x800) {
		u[0] = (char)(0xc0 | c >> 6);
		u[1] = (char)(0x80 | (c & 0x3f));
		return buf_add(t, u, 2);
	}
	u[0] = (char)(0xe0 | c >> 12);
	u[1] = (char)(0x80 | ((c >> 6) & 0x3f));
	u[2] = (char)(0x80 | (c & 0x3f));
	return buf_add(t, u, 3);
}

void codes_batch_text(codes_batch *b, const char *s)
{
	val *v = next_val(b);
	if (!s) {
		*v = (val){'n', 0, 0};
		return;
	}
	*v = (val){'t', 0, b->text.len};
	int rc = 0;
	if (utf8_valid((const unsigned char *)s))
		rc = buf_add(&b->text, s, strlen(s) + 1);
	else /* a latin-1 / Windows-1252 file */
		for (const unsigned char *p = (const unsigned char *)s;; p++) {
			rc |= put_utf8(&b->text, *p >= 0x80 && *p < 0xa0 ? cp1252[*p - 0x80] : *p);
			if (!*p)
				break;
		}
	if (rc) /* cannot happen: rows are flushed long before 64 MB of text */
		abort();
}

static const char *text_of(const codes_batch *b, const val *v) { return b->text.s + v->off; }

int codes_batch_flush(codes_batch *b, err *e)
{
	if (!b->n)
		return 0;
	char *sql = b->n == b->per ? b->sql_full : build_sql(b, b->n);
	db_stmt *st = db_prepare(b->j->c, sql, e);
	if (sql != b->sql_full)
		free(sql);
	if (!st)
		return -1;
	db_bind_i64(st, 1, b->j->version_id);
	for (int r = 0, p = 2; r < b->n; r++) {
		b->done[r] = false;
		for (int k = 0; k < b->ncols; k++, p++) {
			const val *v = &b->v[r * b->ncols + k];
			if (v->kind == 'i')
				db_bind_i64(st, p, v->i);
			else if (v->kind == 't')
				db_bind_text(st, p, text_of(b, v));
			else
				db_bind_null(st, p);
		}
	}
	int rc;
	while ((rc = db_step(st, e)) == DB_ROW) {
		for (int r = 0; r < b->n; r++) {
			if (b->done[r])
				continue;
			int k = 0;
			while (k < b->nkeys && !strcmp(text_of(b, &b->v[r * b->ncols + k]),
						       db_col_text(st, k) ? db_col_text(st, k) : ""))
				k++;
			if (k == b->nkeys) {
				b->done[r] = true;
				b->j->rep->rows++;
				break;
			}
		}
	}
	db_done(st);
	if (rc == DB_ERR)
		return -1;
	for (int r = 0; r < b->n; r++)
		if (!b->done[r]) {
			char keys[80] = "";
			for (int k = 0; k < b->nkeys; k++)
				snprintf(keys + strlen(keys), sizeof keys - strlen(keys), "%s%s", k ? ", " : "",
					 b->cols[k]);
			codes_bad(b->j, b->lines[r], "%s: repeats an earlier line", keys);
		}
	b->n = 0;
	buf_reset(&b->text);
	return 0;
}

int codes_batch_row(codes_batch *b, long line, err *e)
{
	if (b->cur != b->ncols) /* a loader bug: a row with missing values */
		abort();
	b->lines[b->n++] = line;
	b->cur = 0;
	return b->n == b->per ? codes_batch_flush(b, e) : 0;
}
