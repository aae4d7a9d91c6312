/* buf.h: a growable, bounded string (after git's strbuf and curl's dynbuf).
 *
 * Invariants: `s` is never NULL after buf_init and always NUL-terminated; `len` excludes the
 * NUL. Every buf has a maximum size: an append that would pass it fails (returns -1) and
 * leaves the buffer unchanged, so untrusted input cannot grow it without bound. */
#ifndef PRAXIS_BUF_H
#define PRAXIS_BUF_H

#include <stddef.h>

typedef struct buf {
	char *s;
	size_t len, cap, max;
} buf;

void buf_init(buf *b, size_t max);
int buf_add(buf *b, const void *data, size_t n);
int buf_adds(buf *b, const char *s);
int buf_addf(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_reset(buf *b);         /* empties, keeps memory */
void buf_release(buf *b);       /* frees; buf_init again to reuse */
char *buf_detach(buf *b);       /* caller owns the string (free()); b is released */

#endif
