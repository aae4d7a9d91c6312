/* writer.h: writing X12 5010 files with correct envelopes and counts.
 *
 * The writer builds a file in memory: x12w_interchange / x12w_group / x12w_set open the
 * envelopes and x12w_end closes the innermost one, writing its trailer with the right count
 * and control number. x12w_seg writes one segment from its elements; trailing empty
 * elements are dropped, as the standard wants.
 *
 * Nothing is escaped (X12 has no escape): a value holding a separator, or any control
 * character, is refused with an error naming the segment and element (never the value), and
 * the segment is not written. A composite element is written with X12_COMP between its
 * components ("HC" X12_COMP "99213"); the writer puts the component separator there.
 * After the first refusal every call fails with the same error (check once at the end). */
#ifndef PRAXIS_X12_WRITER_H
#define PRAXIS_X12_WRITER_H

#include <stddef.h>

#include "formats/x12/x12.h"

#define X12_COMP "\x1f"

typedef struct x12_writer x12_writer;

/* The interchange's parties and options. Qualifiers are two characters (ZZ mutually
 * defined, 30 federal tax id, ...); ids at most 15 characters; control a number from 1 to
 * 999999999; usage 'P' production or 'T' test. */
typedef struct x12_isa {
	const char *sender_qual, *sender_id, *receiver_qual, *receiver_id;
	long control;
	char usage;
	long long when; /* unix seconds, for ISA09/ISA10 (UTC) */
} x12_isa;

/* Separators: element, component, repetition, segment; line_breaks adds "\n" after each
 * segment terminator (readable files; receivers ignore it). */
x12_writer *x12w_new(x12_seps seps, bool line_breaks);
void x12w_free(x12_writer *w);

int x12w_interchange(x12_writer *w, const x12_isa *isa, err *e);
/* GS: functional id (HC claims, HP payment), application sender and receiver, control
 * number, version (e.g. 005010X222A1). */
int x12w_group(x12_writer *w, const char *functional_id, const char *app_sender, const char *app_receiver, long control,
	       const char *version, err *e);
/* ST: set id (837), control number, implementation guide (ST03). */
int x12w_set(x12_writer *w, const char *set_id, const char *control, const char *guide, err *e);
/* Closes the innermost open envelope (SE, GE or IEA with counts and control numbers). */
int x12w_end(x12_writer *w, err *e);

/* One segment: id then elements (NULL or "" for an empty one), NULL-terminated. */
int x12w_seg(x12_writer *w, err *e, const char *id, ...) __attribute__((sentinel));

/* The file so far (valid until the next call); all envelopes should be closed. */
const char *x12w_data(const x12_writer *w, size_t *len);
/* Segments written in the open transaction set so far (ST included). */
int x12w_set_segments(const x12_writer *w);

#endif
