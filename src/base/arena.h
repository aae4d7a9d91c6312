/* arena.h: a bump allocator; everything allocated from it is freed at once.
 *
 * Each HTTP request owns one arena (freed when the response has been sent); handlers allocate
 * from it and never free. Allocation failure aborts the process (as git's xmalloc does):
 * a server that cannot allocate a few bytes cannot answer anyway. */
#ifndef PRAXIS_ARENA_H
#define PRAXIS_ARENA_H

#include <stddef.h>

typedef struct arena_chunk arena_chunk;
typedef struct arena {
	arena_chunk *head;
} arena;

#define ARENA_INIT {NULL}

void *arena_alloc(arena *a, size_t n);               /* zeroed, 16-byte aligned */
char *arena_strdup(arena *a, const char *s);         /* NULL stays NULL */
char *arena_strndup(arena *a, const char *s, size_t n);
char *arena_printf(arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void arena_release(arena *a);                        /* frees everything; arena reusable */

#endif
