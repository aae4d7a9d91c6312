/* icd10cm.c: the ICD-10-CM order file (icd10cm_order_YYYY.txt), fixed width:
 *   1-5 order number, 7-13 code (dotless, left-justified), 15 valid flag (1 billable,
 *   0 header), 17-76 short description, 78-end long description.
 * Header (category) rows load with billable 0: they serve search and the hierarchy. */
#include <stdlib.h>
#include <string.h>

#include "codes/load.h"

static const char *const cols[] = {"code", "billable", "short_desc", "long_desc"};

/* Checks one line; NULL when fine, else the reason. */
static const char *parse(const char *l, size_t len, char code[8], int *billable, char *sdesc, char *ldesc, size_t cap)
{
	if (len < 17)
		return "line too short for an order-file row";
	for (int i = 0; i < 5; i++)
		if (l[i] < '0' || l[i] > '9')
			return "order number: not 5 digits";
	if (l[5] != ' ' || l[13] != ' ' || l[15] != ' ')
		return "not in the order file's columns (blanks at 6, 14 and 16)";
	codes_trim(l + 6, 7, code, 8);
	if (!codes_alnum(code, 3, 7) || code[0] < 'A' || code[0] > 'Z')
		return "code: not 3-7 letters and digits";
	if (l[14] != '0' && l[14] != '1')
		return "valid flag: not 0 or 1";
	*billable = l[14] - '0';
	codes_trim(l + 16, len < 76 ? len - 16 : 60, sdesc, cap);
	if (!*sdesc)
		return "short description: empty";
	if (len < 78)
		return "long description: missing";
	codes_trim(l + 77, len - 77, ldesc, cap);
	return *ldesc ? NULL : "long description: missing";
}

int codes_load_icd10cm(codes_job *j, codes_rd *r, err *e)
{
	codes_batch *b = codes_batch_new(j, "icd10cm_code", cols, 4, 1);
	char code[8], *sdesc = malloc(CODES_LINE_MAX), *ldesc = malloc(CODES_LINE_MAX);
	int rc;
	if (!sdesc || !ldesc)
		abort();
	while ((rc = codes_rd_next(r, e)) == 1) {
		const char *l = r->line.s;
		if (strspn(l, " \t") == r->line.len)
			continue;
		int billable;
		const char *why = parse(l, r->line.len, code, &billable, sdesc, ldesc, CODES_LINE_MAX);
		if (why) {
			codes_bad(j, r->lineno, "%s", why);
			continue;
		}
		codes_batch_text(b, code);
		codes_batch_int(b, billable);
		codes_batch_text(b, sdesc);
		codes_batch_text(b, ldesc);
		if ((rc = codes_batch_row(b, r->lineno, e)))
			break;
	}
	if (!rc)
		rc = codes_batch_flush(b, e);
	codes_batch_free(b);
	free(sdesc);
	free(ldesc);
	return rc;
}
