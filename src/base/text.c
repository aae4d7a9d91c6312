#include "base/text.h"

#include <string.h>

/* Latin-1 Supplement and Latin Extended-A (U+00C0..U+017F) folded to ASCII; 0 drops. */
static const char fold_c0[] = "aaaaaa\0ceeeeiiiidnooooo\0ouuuuyt\0" /* C0..DF */
			      "aaaaaa\0ceeeeiiiidnooooo\0ouuuuyty"; /* E0..FF */
static const char fold_100[] = "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiiiijjkkkllllllllll"
			       "nnnnnnnnnoooooooorrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";

static unsigned decode(const unsigned char **pp)
{
	const unsigned char *p = *pp;
	unsigned c = p[0];
	if (c < 0x80) {
		*pp = p + 1;
		return c;
	}
	int n = c >= 0xf0 ? 3 : c >= 0xe0 ? 2 : c >= 0xc0 ? 1 : 0;
	unsigned cp = n == 3 ? c & 7 : n == 2 ? c & 15 : c & 31;
	int i;
	for (i = 1; i <= n && (p[i] & 0xc0) == 0x80; i++)
		cp = cp << 6 | (p[i] & 0x3f);
	*pp = p + (i > 1 ? i : 1);
	return i == n + 1 ? cp : 0xfffd;
}

size_t text_key(const char *s, char *out, size_t n)
{
	size_t k = 0;
	if (!s) {
		out[0] = 0;
		return 0;
	}
	const unsigned char *p = (const unsigned char *)s;
	while (*p && k + 1 < n) {
		unsigned c = decode(&p);
		char a = 0;
		if (c >= 'A' && c <= 'Z')
			a = (char)(c - 'A' + 'a');
		else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
			a = (char)c;
		else if (c >= 0xc0 && c <= 0xff)
			a = fold_c0[c - 0xc0];
		else if (c >= 0x100 && c < 0x100 + sizeof fold_100 - 1)
			a = fold_100[c - 0x100];
		if ((c == 0xdf || c == 0xe6 || c == 0xc6) && k + 2 < n) { /* sharp s, ae ligature */
			out[k++] = c == 0xdf ? 's' : 'a';
			a = c == 0xdf ? 's' : 'e';
		}
		if (a && k + 1 < n)
			out[k++] = a;
	}
	out[k] = 0;
	return k;
}

size_t text_digits(const char *s, char *out, size_t n)
{
	size_t k = 0;
	for (; s && *s && k + 1 < n; s++)
		if (*s >= '0' && *s <= '9')
			out[k++] = *s;
	out[k] = 0;
	return k;
}

bool text_clean(const char *s, bool allow_tab)
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		if (*p < 0x20 || *p == 0x7f) {
			if (!(allow_tab && *p == '\t'))
				return false;
			p++;
			continue;
		}
		unsigned c = decode(&p);
		if (c == 0xfffd)
			return false;
	}
	return true;
}

void text_prefix_end(const char *p, char *out, size_t n)
{
	size_t len = strlen(p);
	if (len >= n)
		len = n - 1;
	memcpy(out, p, len);
	out[len] = 0;
	if (len)
		out[len - 1]++;
}

const char *text_check_email(const char *v)
{
	const char *at = strchr(v, '@');
	if (!at || at == v || !strchr(at, '.') || strchr(v, ' ') || strchr(at + 1, '@') || at[1] == '.')
		return "must be an e-mail address";
	return NULL;
}

const char *text_check_phone(const char *v)
{
	size_t d = 0;
	for (const char *p = v; *p; p++) {
		if (*p >= '0' && *p <= '9')
			d++;
		else if (!strchr("()-.+ ", *p))
			return "must be a phone number (digits, spaces, ( ) - . +)";
	}
	return d >= 7 && d <= 15 ? NULL : "must have 7 to 15 digits";
}
