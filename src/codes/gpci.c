/* gpci.c: the PFS geographic practice cost indices (GPCI<YYYY>.csv).
 *
 * Title lines, then a header row, then one row per Medicare locality. The header is found
 * and its columns chosen by their text: "Medicare Administrative Contractor (MAC)", "State",
 * "Locality Number", "Locality Name" and year-prefixed indices ("2026 PW GPCI (with 1.0
 * Floor)", "2026 PE GPCI", "2026 MP GPCI"). Where the work GPCI comes with and without the
 * 1.0 floor, the with-floor column is the one paid with. Footnote marks (*) are dropped;
 * the MAC is padded to 5 digits and the locality to 2. */
#include <string.h>

#include "codes/load.h"

static const char *const cols[] = {"mac", "locality", "state", "name", "work", "pe", "mp"};

enum { G_MAC, G_STATE, G_LOC, G_NAME, G_PW, G_PE, G_MP, G__N };
static const char *const titles[G__N] = {"MAC",	    "State",   "Locality Number", "Locality Name",
					 "PW GPCI", "PE GPCI", "MP GPCI"};

/* which column a header cell names (-1 none); *floor: 1 with the 1.0 floor, 0 plain, -1 without */
static int classify(const char *cell, int *floor)
{
	char n[256];
	codes_colname(cell, n, sizeof n);
	*floor = strstr(n, "WITHOUT") ? -1 : strstr(n, "WITH") ? 1 : 0;
	if (strstr(n, "CONTRACTOR") || !strcmp(n, "MAC"))
		return G_MAC;
	if (!strcmp(n, "STATE"))
		return G_STATE;
	if (strstr(n, "LOCALITYNUMBER") || !strcmp(n, "LOCALITY"))
		return G_LOC;
	if (strstr(n, "LOCALITYNAME") || strstr(n, "FEESCHEDULEAREA"))
		return G_NAME;
	if (strstr(n, "PWGPCI") || strstr(n, "WORKGPCI"))
		return G_PW;
	if (strstr(n, "PEGPCI"))
		return G_PE;
	if (strstr(n, "MPGPCI"))
		return G_MP;
	return -1;
}

static bool is_header(const csv_rec *rec)
{
	int seen = 0, f;
	for (int i = 0; i < rec->n; i++) {
		int k = classify(csv_field(rec, i), &f);
		if (k >= 0)
			seen |= 1 << k;
	}
	return (seen & (1 << G_MAC)) && (seen & (1 << G_LOC)) && (seen & ((1 << G_PW) | (1 << G_PE) | (1 << G_MP)));
}

static int map_columns(const csv_rec *rec, int at[G__N], const char *file, err *e)
{
	int pw[3] = {-1, -1, -1}; /* without, plain, with the floor */
	for (int k = 0; k < G__N; k++)
		at[k] = -1;
	for (int i = 0; i < rec->n; i++) {
		int f, k = classify(csv_field(rec, i), &f);
		int *slot = k == G_PW ? &pw[f + 1] : k >= 0 ? &at[k] : NULL;
		if (!slot)
			continue;
		if (*slot >= 0)
			return err_set(e, ERR_BAD_REQUEST, "%s: the header at line %ld has column %s twice", file,
				       rec->line, titles[k]);
		*slot = i;
	}
	at[G_PW] = pw[2] >= 0 ? pw[2] : pw[1] >= 0 ? pw[1] : pw[0];
	char missing[160] = "";
	for (int k = 0; k < G__N; k++)
		if (at[k] < 0 && k != G_STATE)
			snprintf(missing + strlen(missing), sizeof missing - strlen(missing), "%s%s",
				 *missing ? ", " : "", titles[k]);
	if (*missing)
		return err_set(e, ERR_BAD_REQUEST, "%s: the header at line %ld has no column %s", file, rec->line,
			       missing);
	return 0;
}

/* field i without footnote marks and blanks */
static void unmarked(const csv_rec *rec, int i, char *out, size_t cap)
{
	char tmp[256];
	size_t n = 0;
	for (const char *s = csv_field(rec, i); *s && n + 1 < sizeof tmp; s++)
		if (*s != '*')
			tmp[n++] = *s;
	codes_trim(tmp, n, out, cap);
}

/* digits padded with zeros on the left to `width`; false when not 1..width digits */
static bool pad(char *s, size_t width)
{
	size_t n = strlen(s);
	if (!n || n > width || strspn(s, "0123456789") != n)
		return false;
	memmove(s + width - n, s, n + 1);
	memset(s, '0', width - n);
	return true;
}

static int load_row(codes_job *j, codes_batch *b, const csv_rec *rec, const int at[G__N], err *e)
{
	char mac[16], loc[16], state[16], name[256], v[3][32];
	int64_t g[3];
	unmarked(rec, at[G_MAC], mac, sizeof mac);
	unmarked(rec, at[G_LOC], loc, sizeof loc);
	unmarked(rec, at[G_NAME], name, sizeof name);
	if (at[G_STATE] >= 0)
		unmarked(rec, at[G_STATE], state, sizeof state);
	else
		*state = 0;
	const char *what = NULL, *why = NULL;
	if (!pad(mac, 5))
		what = titles[G_MAC], why = "not 1-5 digits";
	else if (!pad(loc, 2))
		what = titles[G_LOC], why = "not 1-2 digits";
	else if (!*name)
		what = titles[G_NAME], why = "empty";
	for (int k = 0; k < 3 && !why; k++) {
		unmarked(rec, at[G_PW + k], v[k], sizeof v[k]);
		if (codes_scaled(v[k], 3, &g[k]))
			what = titles[G_PW + k], why = "not a number with at most 3 decimals";
	}
	if (why) {
		codes_bad(j, rec->line, "%s: %s", what, why);
		return 0;
	}
	codes_batch_text(b, mac);
	codes_batch_text(b, loc);
	codes_batch_text(b, *state ? state : NULL);
	codes_batch_text(b, name);
	for (int k = 0; k < 3; k++)
		codes_batch_int(b, g[k]);
	return codes_batch_row(b, rec->line, e);
}

int codes_load_gpci(codes_job *j, codes_rd *r, err *e)
{
	codes_batch *b = codes_batch_new(j, "pfs_gpci", cols, 7, 2);
	csv_rec rec;
	csv_init(&rec);
	int at[G__N], rc;
	bool header = false;
	while ((rc = csv_next(r, &rec, e)) == 1) {
		if (!header) {
			if (is_header(&rec)) {
				if ((rc = map_columns(&rec, at, r->name, e)))
					break;
				header = true;
			}
			continue;
		}
		if (csv_blank(&rec))
			continue;
		char mac[16];
		unmarked(&rec, at[G_MAC], mac, sizeof mac);
		if (csv_filled(&rec) == 1 && !pad(mac, 5))
			continue; /* a note below the table */
		if ((rc = load_row(j, b, &rec, at, e)))
			break;
	}
	if (!rc && !header)
		rc = err_set(e, ERR_BAD_REQUEST,
			     "%s: no header row naming the contractor (MAC), locality and GPCI columns found: it "
			     "should be a "
			     "GPCI file",
			     r->name);
	if (!rc)
		rc = codes_batch_flush(b, e);
	csv_release(&rec);
	codes_batch_free(b);
	return rc;
}
