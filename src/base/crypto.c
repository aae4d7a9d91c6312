#include "base/crypto.h"

#include <sodium.h>
#include <string.h>

int crypto_setup(void) { return sodium_init() < 0 ? -1 : 0; }

void token_new(char out[TOKEN_LEN])
{
	unsigned char raw[32];
	randombytes_buf(raw, sizeof raw);
	sodium_bin2base64(out, TOKEN_LEN, raw, sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

void hash_hex(const void *data, size_t n, char out[HASH_HEX_LEN])
{
	unsigned char h[32];
	crypto_generichash(h, sizeof h, data, n, NULL, 0);
	sodium_bin2hex(out, HASH_HEX_LEN, h, sizeof h);
}

void sha256_hex(const void *data, size_t n, char out[HASH_HEX_LEN])
{
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, data, n);
	sodium_bin2hex(out, HASH_HEX_LEN, h, sizeof h);
}

int pw_hash(const char *pw, char out[PWHASH_LEN])
{
	return crypto_pwhash_str(out, pw, strlen(pw), crypto_pwhash_OPSLIMIT_INTERACTIVE,
				 crypto_pwhash_MEMLIMIT_INTERACTIVE);
}

bool pw_verify(const char *hash, const char *pw)
{
	return hash && crypto_pwhash_str_verify(hash, pw, strlen(pw)) == 0;
}

bool str_equal_ct(const char *a, const char *b)
{
	size_t n = strlen(a);
	if (n != strlen(b))
		return false;
	return sodium_memcmp(a, b, n) == 0;
}

void random_bytes(void *p, size_t n) { randombytes_buf(p, n); }

void password_new(char *out, size_t n)
{
	static const char al[] = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
	for (size_t i = 0; i < n; i++)
		out[i] = al[randombytes_uniform(sizeof al - 1)];
	out[n] = 0;
}
