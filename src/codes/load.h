/* load.h: what the code-set loaders of this folder share (internal to src/codes/).
 *
 * import.c drives an import: it opens the transaction and the release row, then hands each
 * file to the loader of its kind (one file per format: icd10cm.c, hcpcs.c, ncci_ptp.c,
 * mue.c, pfs.c, gpci.c). A loader reads lines (reader.c) or CSV records (csv.c), checks
 * fields (fields.c), refuses bad lines with codes_bad and adds good rows to a batch
 * (batch.c), which inserts them several rows per statement. */
#ifndef PRAXIS_CODES_LOAD_H
#define PRAXIS_CODES_LOAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "base/buf.h"
#include "codes/codes.h"

/* One import in progress. */
typedef struct codes_job {
	db *c;
	int64_t version_id; /* the release's code_set_version row */
	codes_report *rep;
	const char *file; /* the file's base name when a release has several files, else NULL */
} codes_job;

/* Counts a refused line and keeps "line N: <reason>" ("<file> line N: ..." when the release
 * has several files) while there is room. Reasons name the field and what is wrong, never
 * the value. */
void codes_bad(codes_job *j, long line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* The loaders. Each reads the whole file, loads its good rows into the job's release and
 * returns 0, or -1 with `e` set when the file cannot be used at all (no header, a missing
 * column, a database error). import.c fails an import that loaded no rows. */
struct codes_rd;
int codes_load_icd10cm(codes_job *j, struct codes_rd *r, err *e);
int codes_load_hcpcs(codes_job *j, struct codes_rd *r, err *e);
int codes_load_ncci_ptp(codes_job *j, struct codes_rd *r, err *e);
int codes_load_mue(codes_job *j, struct codes_rd *r, err *e);
int codes_load_pfs(codes_job *j, struct codes_rd *r, err *e);
int codes_load_gpci(codes_job *j, struct codes_rd *r, err *e);

/* reader.c: physical lines of a file. CRLF and LF both end a line (the CR is dropped); a
 * line holding only the 0x1A end-of-file byte ends the file. Lines are raw bytes (latin-1
 * notices stay as they are; batch.c makes stored text UTF-8). */
#define CODES_LINE_MAX (1 << 20)
#define CODES_BLOCK (1 << 16)
typedef struct codes_rd {
	FILE *f;
	const char *name; /* for messages: the file's base name */
	char *blk;	  /* read buffer, CODES_BLOCK bytes */
	size_t bpos, blen;
	buf line;    /* the current line, NUL-terminated, without its line end */
	long lineno; /* 1-based number of the current line */
	bool eof;
} codes_rd;

int codes_rd_open(codes_rd *r, const char *path, err *e);
void codes_rd_close(codes_rd *r);
/* Reads the next line into r->line. Returns 1, 0 at the end, -1 (e set) for a read error or
 * a line longer than CODES_LINE_MAX. */
int codes_rd_next(codes_rd *r, err *e);

/* csv.c: RFC 4180 records over the reader: fields separated by commas, double quotes
 * around a field that holds commas, quotes ("" inside) or line ends. A record may span
 * lines; `line` is where it starts. */
#define CSV_MAX_FIELDS 64 /* fields past this are dropped */
typedef struct csv_rec {
	buf data; /* the fields' text, each NUL-terminated */
	size_t off[CSV_MAX_FIELDS];
	int n; /* fields in this record */
	long line;
	bool unterminated; /* the file ended inside a quoted field */
} csv_rec;

void csv_init(csv_rec *rec);
void csv_release(csv_rec *rec);
/* Reads the next record. Returns 1, 0 at the end, -1 with e set. */
int csv_next(codes_rd *r, csv_rec *rec, err *e);
/* Field i, "" past the end. */
const char *csv_field(const csv_rec *rec, int i);
/* Field i without leading and trailing blanks (trimmed in place), "" past the end. */
const char *csv_trimmed(csv_rec *rec, int i);
/* True when every field is empty or blank. */
bool csv_blank(const csv_rec *rec);
/* The number of fields that are not blank. */
int csv_filled(const csv_rec *rec);

/* fields.c: checking and converting field text. */
/* Copies s[0..n) without leading and trailing blanks into out (size cap). */
void codes_trim(const char *s, size_t n, char *out, size_t cap);
/* A header cell's name for matching: uppercase letters and digits only ("NON-FAC  PE RVU"
 * -> "NONFACPERVU"), so spacing, hyphens and line breaks in headers do not matter. */
void codes_colname(const char *s, char *out, size_t cap);
/* True when s is min..max uppercase letters and digits. */
bool codes_alnum(const char *s, size_t min, size_t max);
/* Parses a non-negative decimal ("1.95", "33.4009", ".5", "2") into an integer scaled by
 * 10^places without floating point: "1.95", 2 -> 195. Extra decimals must be zeros.
 * Returns 0, or -1 when s is not such a number or too large. */
int codes_scaled(const char *s, int places, int64_t *out);
/* A whole number 0..2^53. Returns 0 or -1. */
int codes_int(const char *s, int64_t *out);
/* YYYYMMDD (a real date) -> YYYY-MM-DD. Returns 0 or -1. */
int codes_date8(const char *s, char out[11]);

/* batch.c: inserts rows into a code-set table, several per statement (multi-row VALUES,
 * at most 64 parameters: the PostgreSQL engine's limit), each statement prepared once and
 * reused. Every row gets the job's version_id as its first column. A row whose key (the
 * first nkeys columns, text) repeats an earlier row's is not inserted and its line is
 * reported. Text is made valid UTF-8 (bytes of a latin-1/Windows-1252 file are converted). */
typedef struct codes_batch codes_batch;
/* cols: the columns after version_id, e.g. {"code", "billable", ...}. */
codes_batch *codes_batch_new(codes_job *j, const char *table, const char *const *cols, int ncols, int nkeys);
void codes_batch_text(codes_batch *b, const char *s); /* NULL stores SQL NULL */
void codes_batch_int(codes_batch *b, int64_t v);
void codes_batch_null(codes_batch *b);
/* Ends the row read from `line` (all ncols values given); inserts when the batch is full. */
int codes_batch_row(codes_batch *b, long line, err *e);
/* Inserts the rows still held. */
int codes_batch_flush(codes_batch *b, err *e);
void codes_batch_free(codes_batch *b);

#endif
