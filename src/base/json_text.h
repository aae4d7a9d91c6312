/* json_text.h: compact JSON text, of a jansson value or written piece by piece.
 *
 * json_text writes the same text as json_dumps(j, JSON_COMPACT | JSON_ENCODE_ANY): object
 * keys in insertion order, '"', '\\' and control characters escaped, UTF-8 passed through.
 * jansson's own dump formats every container's address into a hash table to detect cycles;
 * values built by Praxis have none, and answers and stored documents are written often
 * enough for that to show (it was a third of a patient read). json_out writes the same
 * text without building a value first (a record read from a row: store/record.c). */
#ifndef PRAXIS_JSON_TEXT_H
#define PRAXIS_JSON_TEXT_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A malloc'd, NUL-terminated string (free()); *len (may be NULL) gets its length. NULL for
 * NULL, as json_dumps. */
char *json_text(const json_t *j, size_t *len);

/* Text being written; json_out_done hands it over (malloc'd, NUL-terminated). */
typedef struct json_out {
	char *s;
	size_t len, cap;
} json_out;

void json_out_init(json_out *o);
void json_out_raw(json_out *o, const char *s, size_t n);     /* as is: punctuation, literals */
void json_out_string(json_out *o, const char *s, size_t n);  /* quoted and escaped */
void json_out_int(json_out *o, int64_t v);
/* Starts an object member: a comma unless *first (then cleared), then "key": as is (a name
 * of the program's own, which needs no escaping). */
void json_out_key(json_out *o, bool *first, const char *key, size_t n);
char *json_out_done(json_out *o, size_t *len);
/* True when s[0..n) is UTF-8 that jansson accepts in a string (json_string refuses the rest). */
bool json_utf8_ok(const char *s, size_t n);

#endif
