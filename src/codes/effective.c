/* effective.c: the effective date a publisher's file name implies (codes_infer_effective).
 * Only the base name counts: a folder's name says nothing about the file in it. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "base/timeutil.h"
#include "codes/codes.h"

/* the value of exactly n digits at s (no digit after them), else -1 */
static int digits_at(const char *s, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return isdigit((unsigned char)s[n]) ? -1 : v;
}

/* 1..12 for a three-letter month name at s (lowercase), else 0 */
static int month_at(const char *s)
{
	static const char months[] = "janfebmaraprmayjunjulaugsepoctnovdec";
	for (int m = 0; m < 12; m++)
		if (!strncmp(s, months + 3 * m, 3))
			return m + 1;
	return 0;
}

static bool put(char out[11], int y, int m, int d)
{
	if (y < 1900 || y > 2199)
		return false;
	snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
	return date_valid(out);
}

static bool icd10cm(const char *n, char out[11])
{
	const char *p = strstr(n, "icd10cm");
	if (!p)
		return false;
	for (p += 7; *p; p++) /* the first run of four digits: the fiscal year, or April's calendar year */
		if (!isdigit((unsigned char)p[-1]) && digits_at(p, 4) > 0) {
			int y = digits_at(p, 4);
			return strstr(n, "april") ? put(out, y, 4, 1) : put(out, y - 1, 10, 1);
		}
	return false;
}

/* <prefix><YYYY or YY>_<mon>: HCPC2026_JAN_ANWEB, PPRRVU26_JAN, PPRRVU2026_Jan_nonQPP */
static bool year_month(const char *n, const char *prefix, bool two_digit, char out[11])
{
	for (const char *p = n; (p = strstr(p, prefix)); p++) {
		const char *q = p + strlen(prefix);
		int y = digits_at(q, 4), len = 4;
		if (y < 0 && two_digit && (y = digits_at(q, 2)) >= 0)
			y += 2000, len = 2;
		if (y < 0 || q[len] != '_' || !month_at(q + len + 1))
			continue;
		return put(out, y, month_at(q + len + 1), 1);
	}
	return false;
}

/* Eff_MM-DD-YYYY */
static bool mue(const char *n, char out[11])
{
	const char *p = strstr(n, "eff_");
	if (!p)
		return false;
	p += 4;
	int m = digits_at(p, 2), d = p[2] == '-' ? digits_at(p + 3, 2) : -1, y = p[5] == '-' ? digits_at(p + 6, 4) : -1;
	return m > 0 && d > 0 && y > 0 && put(out, y, m, d);
}

static bool gpci(const char *n, char out[11])
{
	const char *p = strstr(n, "gpci");
	return p && digits_at(p + 4, 4) > 0 && put(out, digits_at(p + 4, 4), 1, 1);
}

/* <YYYY>q<N>, as in medicare-ncci-2026q1-practitioner-ptp-edits-... */
static bool quarter(const char *n, char out[11])
{
	for (const char *p = n; *p; p++)
		if ((p == n || !isdigit((unsigned char)p[-1])) && digits_at(p, 4) > 0 && p[4] == 'q' && p[5] >= '1' &&
		    p[5] <= '4' && !isdigit((unsigned char)p[6]))
			return put(out, digits_at(p, 4), 3 * (p[5] - '1') + 1, 1);
	return false;
}

bool codes_infer_effective(const char *kind, const char *path, char out[11])
{
	if (!kind || !path)
		return false;
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	char n[256];
	size_t i = 0;
	for (; base[i] && i + 1 < sizeof n; i++)
		n[i] = (char)tolower((unsigned char)base[i]);
	n[i] = 0;
	if (!strcmp(kind, "icd10cm"))
		return icd10cm(n, out);
	if (!strcmp(kind, "hcpcs"))
		return year_month(n, "hcpc", false, out);
	if (!strcmp(kind, "mue"))
		return mue(n, out);
	if (!strcmp(kind, "pfs"))
		return year_month(n, "pprrvu", true, out);
	if (!strcmp(kind, "gpci"))
		return gpci(n, out);
	if (!strcmp(kind, "ncci_ptp") || !strcmp(kind, "ncci-ptp"))
		return quarter(n, out);
	return false;
}
