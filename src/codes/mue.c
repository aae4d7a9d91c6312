/* mue.c: the NCCI practitioner MUE table (MCR_MUE_PractitionerServices_Eff_MM-DD-YYYY.csv).
 *
 * RFC 4180 CSV: a quoted AMA notice spanning several lines, then a header whose first cell
 * is "HCPCS/<line break>CPT Code", then records: code, MUE value (units), adjudication
 * indicator as text starting with its digit ("2 Date of Service Edit: Policy": the first
 * character is kept), rationale. Records before the first one starting with a 5-character
 * code are skipped. */
#include <string.h>

#include "codes/load.h"

static const char *const cols[] = {"code", "units", "mai", "rationale"};

int codes_load_mue(codes_job *j, codes_rd *r, err *e)
{
	codes_batch *b = codes_batch_new(j, "mue", cols, 4, 1);
	csv_rec rec;
	csv_init(&rec);
	bool data = false;
	int rc;
	while ((rc = csv_next(r, &rec, e)) == 1) {
		if (csv_blank(&rec))
			continue;
		const char *code = csv_trimmed(&rec, 0), *units = csv_trimmed(&rec, 1), *mai = csv_trimmed(&rec, 2);
		const char *rationale = csv_trimmed(&rec, 3);
		bool is_code = codes_alnum(code, 5, 5);
		if (!data && !is_code)
			continue; /* notice and header */
		data = true;
		if (!is_code && csv_filled(&rec) == 1)
			continue; /* a note below the table */
		int64_t u = 0;
		const char *why = NULL;
		if (rec.unterminated)
			why = "a quoted field is not closed before the end of the file";
		else if (!is_code)
			why = "code: not 5 letters and digits";
		else if (codes_int(units, &u))
			why = "MUE value: not a whole number";
		else if (mai[0] < '1' || mai[0] > '3')
			why = "adjudication indicator: does not start with 1, 2 or 3";
		if (why) {
			codes_bad(j, rec.line, "%s", why);
			continue;
		}
		codes_batch_text(b, code);
		codes_batch_int(b, u);
		codes_batch_int(b, mai[0] - '0');
		codes_batch_text(b, *rationale ? rationale : NULL);
		if ((rc = codes_batch_row(b, rec.line, e)))
			break;
	}
	if (!rc)
		rc = codes_batch_flush(b, e);
	csv_release(&rec);
	codes_batch_free(b);
	return rc;
}
