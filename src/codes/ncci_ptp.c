/* ncci_ptp.c: NCCI practitioner procedure-to-procedure edits (ccipra-v<VVV>r0-f<n>.txt).
 *
 * Tab-delimited. A copyright line, a title and a column header wrapped over several lines
 * come first (their number changes between releases), so data starts at the first line
 * whose first field is a 5-character code; everything before it is skipped. Fields:
 *   1 column 1 code, 2 column 2 code, 3 "*" when the edit existed before 1996,
 *   4 effective date YYYYMMDD, 5 deletion date YYYYMMDD or "*" (none: stored NULL),
 *   6 modifier indicator 0, 1 or 9, 7 rationale (not stored).
 * Indicator 9 means the edit does not apply: those rows are counted as skipped, not loaded. */
#include <string.h>

#include "codes/load.h"

static const char *const cols[] = {"col1", "col2", "effective", "deleted", "modifier_ind"};

#define PTP_FIELDS 8

/* splits on tabs, trimming each field; returns the number of fields (at most PTP_FIELDS) */
static int split(char *l, char *f[PTP_FIELDS])
{
	int n = 0;
	for (char *p = l;; p++) {
		char *t = strchr(p, '\t');
		if (t)
			*t = 0;
		while (*p == ' ')
			p++;
		size_t k = strlen(p);
		while (k && p[k - 1] == ' ')
			p[--k] = 0;
		if (n < PTP_FIELDS)
			f[n++] = p;
		if (!t)
			break;
		p = t;
	}
	return n;
}

/* Checks a data line's fields; NULL when fine, else the reason. Writes the dates (del "" for "*"). */
static const char *check(char *f[PTP_FIELDS], int n, char eff[11], char del[11])
{
	if (!codes_alnum(f[0], 5, 5))
		return "column 1 code: not 5 letters and digits";
	if (n < 6)
		return "fewer than 6 tab-separated fields";
	if (!codes_alnum(f[1], 5, 5))
		return "column 2 code: not 5 letters and digits";
	if (strcmp(f[2], "*") && *f[2])
		return "prior-to-1996 flag: not * or empty";
	if (codes_date8(f[3], eff))
		return "effective date: not a date YYYYMMDD";
	*del = 0;
	if (strcmp(f[4], "*") && codes_date8(f[4], del))
		return "deletion date: not a date YYYYMMDD or *";
	if (strlen(f[5]) != 1 || !strchr("019", f[5][0]))
		return "modifier indicator: not 0, 1 or 9";
	return NULL;
}

int codes_load_ncci_ptp(codes_job *j, codes_rd *r, err *e)
{
	codes_batch *b = codes_batch_new(j, "ncci_ptp", cols, 5, 3);
	bool data = false;
	int rc;
	while ((rc = codes_rd_next(r, e)) == 1) {
		if (strspn(r->line.s, " \t") == r->line.len)
			continue;
		char *f[PTP_FIELDS];
		int n = split(r->line.s, f);
		while (n > 7 && !*f[n - 1]) /* trailing tabs */
			n--;
		if (!data && !codes_alnum(f[0], 5, 5))
			continue; /* notice, title, header lines */
		data = true;
		long line = r->lineno;
		char eff[11], del[11];
		const char *why = check(f, n, eff, del);
		if (why) {
			codes_bad(j, line, "%s", why);
			continue;
		}
		if (f[5][0] == '9') {
			j->rep->skipped++;
			continue;
		}
		codes_batch_text(b, f[0]);
		codes_batch_text(b, f[1]);
		codes_batch_text(b, eff);
		codes_batch_text(b, *del ? del : NULL);
		codes_batch_int(b, f[5][0] - '0');
		if ((rc = codes_batch_row(b, line, e)))
			break;
	}
	if (!rc)
		rc = codes_batch_flush(b, e);
	codes_batch_free(b);
	return rc;
}
