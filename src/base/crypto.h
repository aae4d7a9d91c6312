/* crypto.h: the few primitives Praxis needs, all from libsodium.
 * Call crypto_setup() once at start (it is idempotent and thread-safe). */
#ifndef PRAXIS_CRYPTO_H
#define PRAXIS_CRYPTO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define TOKEN_LEN 44   /* 256 random bits, base64url without padding, + NUL */
#define HASH_HEX_LEN 65 /* BLAKE2b-256 as lowercase hex + NUL */
#define PWHASH_LEN 128  /* crypto_pwhash_STRBYTES */

int crypto_setup(void);
/* A new secret token (session, API): 32 random bytes, base64url. */
void token_new(char out[TOKEN_LEN]);
/* BLAKE2b-256 of data, as hex. Tokens are stored only as this hash. */
void hash_hex(const void *data, size_t n, char out[HASH_HEX_LEN]);
/* SHA-256 as lowercase hex: the digest `sha256sum` prints, for files kept by their bytes. */
void sha256_hex(const void *data, size_t n, char out[HASH_HEX_LEN]);
/* argon2id (interactive limits). 0 on success. */
int pw_hash(const char *password, char out[PWHASH_LEN]);
bool pw_verify(const char *hash, const char *password);
/* Constant-time comparison of two NUL-terminated strings. */
bool str_equal_ct(const char *a, const char *b);
/* Random bytes, and a random password of n letters and digits (n < size of out). */
void random_bytes(void *p, size_t n);
void password_new(char *out, size_t n);

#endif
