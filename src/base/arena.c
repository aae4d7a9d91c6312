/* arena.c: chunks of 8 KiB or more, newest first. */
#include "base/arena.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct arena_chunk {
	arena_chunk *next;
	size_t used, size;
	_Alignas(16) unsigned char data[];
};

void *arena_alloc(arena *a, size_t n)
{
	n = (n + 15) & ~(size_t)15;
	arena_chunk *c = a->head;
	if (!c || c->size - c->used < n) {
		size_t size = n > 8192 ? n : 8192;
		c = malloc(sizeof *c + size);
		if (!c)
			abort();
		c->next = a->head;
		c->used = 0;
		c->size = size;
		a->head = c;
	}
	void *p = c->data + c->used;
	c->used += n;
	memset(p, 0, n);
	return p;
}

char *arena_strndup(arena *a, const char *s, size_t n)
{
	if (!s)
		return NULL;
	char *p = arena_alloc(a, n + 1);
	memcpy(p, s, n);
	return p;
}

char *arena_strdup(arena *a, const char *s) { return s ? arena_strndup(a, s, strlen(s)) : NULL; }

char *arena_printf(arena *a, const char *fmt, ...)
{
	va_list ap, ap2;
	va_start(ap, fmt);
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	char *p = arena_alloc(a, (size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap2);
	va_end(ap2);
	return p;
}

void arena_release(arena *a)
{
	while (a->head) {
		arena_chunk *n = a->head->next;
		free(a->head);
		a->head = n;
	}
}
