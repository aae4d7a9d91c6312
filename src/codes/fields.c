/* fields.c: checking and converting the fields of code-set files. Exact integer arithmetic
 * throughout: a fee schedule read through a double would drift by a cent here and there. */
#include <ctype.h>
#include <string.h>

#include "base/timeutil.h"
#include "codes/load.h"

void codes_trim(const char *s, size_t n, char *out, size_t cap)
{
	while (n && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (n >= cap)
		n = cap - 1;
	memcpy(out, s, n);
	out[n] = 0;
}

void codes_colname(const char *s, char *out, size_t cap)
{
	size_t n = 0;
	for (; *s && n + 1 < cap; s++)
		if (isalnum((unsigned char)*s) && !((unsigned char)*s & 0x80))
			out[n++] = (char)toupper((unsigned char)*s);
	out[n] = 0;
}

bool codes_alnum(const char *s, size_t min, size_t max)
{
	size_t n = 0;
	for (; s[n]; n++)
		if (!((s[n] >= 'A' && s[n] <= 'Z') || (s[n] >= '0' && s[n] <= '9')))
			return false;
	return n >= min && n <= max;
}

int codes_scaled(const char *s, int places, int64_t *out)
{
	while (*s == ' ')
		s++;
	int64_t v = 0;
	int digits = 0, decimals = 0;
	const char *p = s;
	for (; *p >= '0' && *p <= '9'; p++, digits++) {
		if (digits >= 12) /* with up to 4 decimals still far from overflow */
			return -1;
		v = v * 10 + (*p - '0');
	}
	if (*p == '.')
		for (p++; *p >= '0' && *p <= '9'; p++, digits++) {
			if (decimals < places) {
				v = v * 10 + (*p - '0');
				decimals++;
			} else if (*p != '0')
				return -1; /* finer than the scale: storing it would round */
		}
	while (*p == ' ')
		p++;
	if (!digits || *p)
		return -1;
	for (; decimals < places; decimals++)
		v *= 10;
	*out = v;
	return 0;
}

int codes_int(const char *s, int64_t *out)
{
	while (*s == ' ')
		s++;
	int64_t v = 0;
	const char *p = s;
	for (; *p >= '0' && *p <= '9'; p++) {
		if (v > (INT64_C(1) << 53) / 10)
			return -1;
		v = v * 10 + (*p - '0');
	}
	size_t n = (size_t)(p - s);
	while (*p == ' ')
		p++;
	if (!n || *p)
		return -1;
	*out = v;
	return 0;
}

int codes_date8(const char *s, char out[11])
{
	for (int i = 0; i < 8; i++)
		if (s[i] < '0' || s[i] > '9')
			return -1;
	if (s[8])
		return -1;
	memcpy(out, s, 4);
	out[4] = '-';
	memcpy(out + 5, s + 4, 2);
	out[7] = '-';
	memcpy(out + 8, s + 6, 2);
	out[10] = 0;
	return date_valid(out) ? 0 : -1;
}
