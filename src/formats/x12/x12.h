/* x12.h: reading X12 5010 files as a stream of segments.
 *
 * The reader takes its separators from each ISA segment (element separator: the byte after
 * "ISA"; repetition separator: ISA11 when it is punctuation; component separator: ISA16;
 * segment terminator: the byte after ISA16), so a file may hold several interchanges with
 * different separators. It skips a UTF-8 byte-order mark, line breaks and blanks between
 * segments, and a trailing 0x1A. Memory is bounded: the file is read in 256 KiB blocks and a
 * segment may be at most X12_MAX_SEGMENT bytes with X12_MAX_ELEMENTS elements, so a 100 MB
 * file costs the same memory as a small one.
 *
 * Each segment carries its 1-based line and its byte offset in the input. Errors name the
 * line and the segment identifier and never quote element values (they may be health
 * data).
 *
 *     x12_reader *r = x12_open_file(path, &e);
 *     x12_seg s;
 *     while ((rc = x12_next(r, &s, &e)) == 1) use(s.id, s.el[0], s.nel);
 *     x12_close(r);
 */
#ifndef PRAXIS_X12_H
#define PRAXIS_X12_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"

#define X12_MAX_SEGMENT 65536
#define X12_MAX_ELEMENTS 512

typedef struct x12_seps {
	char element, component, repetition, segment; /* repetition 0 when the ISA has none (4010) */
} x12_seps;

/* One segment; the strings stay valid until the next x12_next. el[i] is element i+1 (ISA01 is
 * el[0]); an element absent at the end of the segment is not counted in nel. */
typedef struct x12_seg {
	const char *id;
	const char *el[X12_MAX_ELEMENTS];
	int nel;
	long line;       /* of the segment's first byte */
	int64_t offset;  /* byte offset of the segment's first byte */
	x12_seps seps;   /* in force for this segment */
} x12_seg;

typedef struct x12_reader x12_reader;

x12_reader *x12_open_file(const char *path, err *e);
/* Reads from memory (not copied: it must outlive the reader). */
x12_reader *x12_open_mem(const char *data, size_t len, err *e);
/* 1: a segment; 0: the end; -1: an error that stops reading (no ISA where one must be, a
 * segment too long, a read error). */
int x12_next(x12_reader *r, x12_seg *s, err *e);
void x12_close(x12_reader *r);
/* Bytes read so far (for throughput figures). */
int64_t x12_bytes(const x12_reader *r);

/* Element `el` (may be NULL: absent) split at the component separator: component n (1-based)
 * copied into out (cap bytes); "" when absent. */
void x12_component(const char *el, const x12_seps *s, int n, char *out, size_t cap);
/* The element (1-based) or "" when absent. */
static inline const char *x12_el(const x12_seg *s, int n) { return n >= 1 && n <= s->nel && s->el[n - 1] ? s->el[n - 1] : ""; }

#endif
