/* pfs.c: the physician fee schedule relative value file (PPRRVU<YY>_<MON>.csv and kin).
 *
 * Preamble rows (title, release date, AMA/ADA notices) come first, then a column header
 * split over several rows ("NON-" above "FAC" above "PE RVU"). The header's last row is
 * found by content (first cell HCPCS, and a MOD cell); the rows just above it with an empty
 * first cell are its upper parts. Each column's name is its cells joined top to bottom and
 * compared as letters and digits only, so "FACILITY  NA INDICATOR" and "CO- SURG" match.
 * Columns are taken by name, not position; a missing one fails the import naming it.
 * DESCRIPTION is never read: CPT text is the AMA's. A PE RVU is NULL where its NA indicator
 * (or the cell itself) says NA. */
#include <stdlib.h>
#include <string.h>

#include "codes/load.h"

static const char *const cols[] = {"code",	 "modifier", "status",	    "work_rvu",	  "pe_nonfac_rvu",
				   "pe_fac_rvu", "mp_rvu",   "global_days", "conv_factor"};

enum { C_HCPCS, C_MOD, C_STATUS, C_WORK, C_PE_NF, C_NA_NF, C_PE_F, C_NA_F, C_MP, C_GLOB, C_CF, C__N };

static const struct need {
	const char *title;    /* for messages */
	const char *names[3]; /* accepted, as codes_colname makes them */
} need[C__N] = {
	{"HCPCS", {"HCPCS"}},
	{"MOD", {"MOD", "MODIFIER"}},
	{"STATUS CODE", {"STATUSCODE", "STATUS"}},
	{"WORK RVU", {"WORKRVU"}},
	{"NON-FAC PE RVU", {"NONFACPERVU", "NONFACILITYPERVU"}},
	{"NON-FAC NA INDICATOR", {"NONFACNAINDICATOR", "NONFACILITYNAINDICATOR"}},
	{"FACILITY PE RVU", {"FACILITYPERVU", "FACPERVU"}},
	{"FACILITY NA INDICATOR", {"FACILITYNAINDICATOR", "FACNAINDICATOR"}},
	{"MP RVU", {"MPRVU", "MALPRACTICERVU"}},
	{"GLOB DAYS", {"GLOBDAYS", "GLOBALDAYS"}},
	{"CONV FACTOR", {"CONVFACTOR", "CONVERSIONFACTOR"}},
};

#define UPPER_ROWS 6 /* header rows above the HCPCS row, at most */

typedef struct upper {
	int n;			  /* rows kept */
	buf name[CSV_MAX_FIELDS]; /* per column, the cells of the kept rows joined */
} upper;

static void upper_clear(upper *u)
{
	u->n = 0;
	for (int i = 0; i < CSV_MAX_FIELDS; i++)
		buf_reset(&u->name[i]);
}

/* Maps the columns from the header; -1 with e naming what is missing. */
static int map_columns(upper *u, csv_rec *rec, int at[C__N], const char *file, err *e)
{
	for (int k = 0; k < C__N; k++)
		at[k] = -1;
	for (int i = 0; i < rec->n; i++) {
		buf *b = &u->name[i];
		buf_addf(b, " %s", csv_field(rec, i));
		char norm[256];
		codes_colname(b->s, norm, sizeof norm);
		for (int k = 0; k < C__N; k++)
			for (int a = 0; a < 3 && need[k].names[a]; a++)
				if (!strcmp(norm, need[k].names[a])) {
					if (at[k] >= 0)
						return err_set(e, ERR_BAD_REQUEST,
							       "%s: the header at line %ld has column %s twice", file,
							       rec->line, need[k].title);
					at[k] = i;
				}
	}
	char missing[200] = "";
	for (int k = 0; k < C__N; k++)
		if (at[k] < 0)
			snprintf(missing + strlen(missing), sizeof missing - strlen(missing), "%s%s",
				 *missing ? ", " : "", need[k].title);
	if (*missing)
		return err_set(e, ERR_BAD_REQUEST, "%s: the header at line %ld has no column %s", file, rec->line,
			       missing);
	return 0;
}

/* PE RVU or NULL for NA; returns the reason when bad */
static const char *pe(const char *v, const char *na, int64_t *out, bool *null)
{
	*null = !strcmp(na, "NA") || !strcmp(v, "NA");
	return *null || !codes_scaled(v, 2, out) ? NULL : "not a number with at most 2 decimals";
}

static int load_row(codes_job *j, codes_batch *b, csv_rec *rec, const int at[C__N], err *e)
{
	const char *v[C__N];
	for (int k = 0; k < C__N; k++)
		v[k] = csv_trimmed(rec, at[k]);
	int64_t work, pe_nf, pe_f, mp, cf;
	bool nf_null, f_null;
	const char *why = NULL, *what = NULL;
	if (!codes_alnum(v[C_HCPCS], 5, 5))
		what = "HCPCS", why = "not 5 letters and digits";
	else if (*v[C_MOD] && !codes_alnum(v[C_MOD], 2, 2))
		what = "MOD", why = "not 2 letters and digits";
	else if (!codes_alnum(v[C_STATUS], 1, 1))
		what = "STATUS CODE", why = "not one letter";
	else if (codes_scaled(v[C_WORK], 2, &work))
		what = "WORK RVU", why = "not a number with at most 2 decimals";
	else if ((why = pe(v[C_PE_NF], v[C_NA_NF], &pe_nf, &nf_null)))
		what = "NON-FAC PE RVU";
	else if ((why = pe(v[C_PE_F], v[C_NA_F], &pe_f, &f_null)))
		what = "FACILITY PE RVU";
	else if (codes_scaled(v[C_MP], 2, &mp))
		what = "MP RVU", why = "not a number with at most 2 decimals";
	else if (*v[C_GLOB] && !codes_alnum(v[C_GLOB], 3, 3))
		what = "GLOB DAYS", why = "not 3 letters or digits";
	else if (codes_scaled(v[C_CF], 4, &cf))
		what = "CONV FACTOR", why = "not a number with at most 4 decimals";
	if (why) {
		codes_bad(j, rec->line, "%s: %s", what, why);
		return 0;
	}
	codes_batch_text(b, v[C_HCPCS]);
	codes_batch_text(b, v[C_MOD]);
	codes_batch_text(b, v[C_STATUS]);
	codes_batch_int(b, work);
	nf_null ? codes_batch_null(b) : codes_batch_int(b, pe_nf);
	f_null ? codes_batch_null(b) : codes_batch_int(b, pe_f);
	codes_batch_int(b, mp);
	codes_batch_text(b, *v[C_GLOB] ? v[C_GLOB] : NULL);
	codes_batch_int(b, cf);
	return codes_batch_row(b, rec->line, e);
}

int codes_load_pfs(codes_job *j, codes_rd *r, err *e)
{
	codes_batch *b = codes_batch_new(j, "pfs_rvu", cols, 9, 2);
	csv_rec rec;
	csv_init(&rec);
	upper *u = calloc(1, sizeof *u);
	if (!u)
		abort();
	for (int i = 0; i < CSV_MAX_FIELDS; i++)
		buf_init(&u->name[i], 4096);
	int at[C__N], rc;
	bool header = false;
	while ((rc = csv_next(r, &rec, e)) == 1) {
		if (!header) {
			char first[64];
			codes_colname(csv_field(&rec, 0), first, sizeof first);
			if (!strcmp(first, "HCPCS")) {
				if ((rc = map_columns(u, &rec, at, r->name, e)))
					break;
				header = true;
			} else {
				if (*first || u->n == UPPER_ROWS)
					upper_clear(u); /* preamble, or too far above to be the header */
				if (!*first) {
					for (int i = 0; i < rec.n; i++)
						buf_addf(&u->name[i], " %s", csv_field(&rec, i));
					u->n++;
				}
			}
			continue;
		}
		if (csv_blank(&rec))
			continue;
		if (!codes_alnum(csv_trimmed(&rec, at[C_HCPCS]), 5, 5) && csv_filled(&rec) == 1)
			continue; /* a note below the table */
		if (rec.unterminated) {
			codes_bad(j, rec.line, "a quoted field is not closed before the end of the file");
			continue;
		}
		if ((rc = load_row(j, b, &rec, at, e)))
			break;
	}
	if (!rc && !header)
		rc = err_set(e, ERR_BAD_REQUEST,
			     "%s: no header row starting HCPCS, MOD found: it should be a PPRRVU file", r->name);
	if (!rc)
		rc = codes_batch_flush(b, e);
	for (int i = 0; i < CSV_MAX_FIELDS; i++)
		buf_release(&u->name[i]);
	free(u);
	csv_release(&rec);
	codes_batch_free(b);
	return rc;
}
