/* text.h: normalising text for matching.
 *
 * A "key" is how Praxis compares names: lowercase ASCII letters and digits only, accents
 * folded ("Zoë O'Brien-Núñez" -> "zoeobriennunez"). Keys make search case- and
 * accent-insensitive and duplicate detection robust to punctuation. */
#ifndef PRAXIS_TEXT_H
#define PRAXIS_TEXT_H

#include <stdbool.h>
#include <stddef.h>

/* Writes the key of a UTF-8 string (truncated to n-1 bytes). Returns its length. */
size_t text_key(const char *s, char *out, size_t n);
/* Writes only the ASCII digits of s. Returns the count. */
size_t text_digits(const char *s, char *out, size_t n);
/* True when s is valid UTF-8 without control characters (tab excepted when allow_tab). */
bool text_clean(const char *s, bool allow_tab);
/* Checks for form fields: NULL when fine, else a message naming what is wrong. */
const char *text_check_email(const char *s);
const char *text_check_phone(const char *s); /* 7 to 15 digits, with ( ) - . + and spaces */

/* Smallest string greater than every string having prefix p: copies p and increments its
 * last byte (p must be non-empty ASCII below 0x7f). Used for index range scans. */
void text_prefix_end(const char *p, char *out, size_t n);

#endif
