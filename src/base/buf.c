#include "base/buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char empty[1];

void buf_init(buf *b, size_t max)
{
	b->s = empty;
	b->len = b->cap = 0;
	b->max = max;
}

static int grow(buf *b, size_t extra)
{
	if (b->len + extra + 1 > b->max)
		return -1;
	if (b->len + extra + 1 <= b->cap)
		return 0;
	size_t cap = b->cap ? b->cap * 2 : 256;
	while (cap < b->len + extra + 1)
		cap *= 2;
	if (cap > b->max)
		cap = b->max;
	char *s = realloc(b->cap ? b->s : NULL, cap);
	if (!s)
		abort();
	if (!b->cap)
		s[0] = 0;
	b->s = s;
	b->cap = cap;
	return 0;
}

int buf_add(buf *b, const void *data, size_t n)
{
	if (grow(b, n))
		return -1;
	memcpy(b->s + b->len, data, n);
	b->len += n;
	b->s[b->len] = 0;
	return 0;
}

int buf_adds(buf *b, const char *s) { return buf_add(b, s, strlen(s)); }

int buf_addf(buf *b, const char *fmt, ...)
{
	va_list ap, ap2;
	va_start(ap, fmt);
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || grow(b, (size_t)n)) {
		va_end(ap2);
		return -1;
	}
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap2);
	va_end(ap2);
	b->len += (size_t)n;
	return 0;
}

void buf_reset(buf *b)
{
	b->len = 0;
	if (b->cap)
		b->s[0] = 0;
}

void buf_release(buf *b)
{
	if (b->cap)
		free(b->s);
	buf_init(b, b->max);
}

char *buf_detach(buf *b)
{
	char *s = b->cap ? b->s : strdup("");
	buf_init(b, b->max);
	return s;
}
