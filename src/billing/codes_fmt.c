/* codes_fmt.c: code shapes (see codes_fmt.h). */
#include "billing/codes_fmt.h"

#include <ctype.h>
#include <string.h>

static bool alnum(char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

bool icd_normalise(const char *in, char out[8])
{
	size_t n = 0;
	for (const char *p = in; *p; p++) {
		if (*p == '.' && n == 3)
			continue;
		if (n == 7)
			return false;
		out[n++] = (char)toupper((unsigned char)*p);
	}
	out[n] = 0;
	if (n < 3 || !(out[0] >= 'A' && out[0] <= 'Z') || !(out[1] >= '0' && out[1] <= '9'))
		return false;
	for (size_t i = 2; i < n; i++)
		if (!alnum(out[i]))
			return false;
	return true;
}

void icd_display(const char *c, char out[9])
{
	size_t n = strlen(c);
	if (n <= 3 || n > 7) {
		memcpy(out, c, n > 8 ? 8 : n + 1);
		out[8] = 0;
		return;
	}
	memcpy(out, c, 3);
	out[3] = '.';
	memcpy(out + 4, c + 3, n - 3 + 1);
}

bool proc_code_valid(const char *c)
{
	if (!c || strlen(c) != 5)
		return false;
	bool d4 = true;
	for (int i = 0; i < 4; i++)
		d4 = d4 && c[i] >= '0' && c[i] <= '9';
	if (d4 && c[0] >= '0' && c[0] <= '9')
		return (c[4] >= '0' && c[4] <= '9') || strchr("FTUM", c[4]);
	if (c[0] >= 'A' && c[0] <= 'V') {
		for (int i = 1; i < 5; i++)
			if (c[i] < '0' || c[i] > '9')
				return false;
		return true;
	}
	return false;
}

bool modifier_valid(const char *m) { return m && strlen(m) == 2 && alnum(m[0]) && alnum(m[1]); }

bool x12_safe(const char *s)
{
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && !strchr(" -./", *s))
			return false;
	return true;
}

void upcase(char *s)
{
	for (; *s; s++)
		*s = (char)toupper((unsigned char)*s);
}

void upcase_col(json_t *vals, const char *col)
{
	const char *v = json_string_value(json_object_get(vals, col));
	if (!v)
		return;
	char tmp[64];
	size_t n = strlen(v);
	if (n >= sizeof tmp)
		return;
	memcpy(tmp, v, n + 1);
	upcase(tmp);
	json_object_set_new(vals, col, json_string(tmp));
}
