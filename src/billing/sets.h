/* sets.h: the loaded code sets as the scrubber and the pricer read them.
 *
 * A date of service picks, for each kind, the release with the latest effective date on or
 * before it (code_set_version). A kind with no such release is "missing": codes are then
 * checked by their shape only and the claim says which set was missing.
 *
 * The releases the edits read (ICD-10-CM, HCPCS, PTP, MUE) are held in memory once per
 * process, the first time a claim needs them, and shared read-only by every thread: a PTP
 * release is 1.7 million pairs, and a scrub looks up every ordered pair of a claim's lines.
 * A release loaded again (same id, new loaded_at) is read again. Fee schedule rows (one per
 * priced line) are read from the database. */
#ifndef PRAXIS_SETS_H
#define PRAXIS_SETS_H

#include <stdbool.h>
#include <stdint.h>

#include "store/db.h"

typedef enum { SET_ICD, SET_HCPCS, SET_PTP, SET_MUE, SET_PFS, SET_GPCI, SET__COUNT } set_kind;

typedef struct release release; /* a release held in memory (sets.c) */

typedef struct code_sets {
	db *c;
	char dos[11];
	int64_t day;                    /* the date of service as a day number */
	int64_t v[SET__COUNT];          /* release id per kind, 0 when missing */
	const release *r[SET__COUNT];   /* in memory: ICD, HCPCS, PTP, MUE */
} code_sets;

/* Resolves the releases in force on `dos` (YYYY-MM-DD). */
int sets_open(db *c, const char *dos, code_sets *cs, err *e);
const char *set_name(set_kind k); /* "ICD-10-CM", "HCPCS", ... for messages */

/* Each lookup returns 1 found, 0 not in the release, -1 error. */
int sets_icd(code_sets *cs, const char *code, bool *billable, err *e);
typedef struct hcpcs_info {
	char coverage[2], added[11], terminated[11];
} hcpcs_info;
int sets_hcpcs(code_sets *cs, const char *code, hcpcs_info *out, err *e);
/* The PTP edit for col1 then col2 in force on the date of service: its modifier indicator. */
int sets_ptp(code_sets *cs, const char *col1, const char *col2, int *indicator, err *e);
int sets_mue(code_sets *cs, const char *code, int64_t *units, int *mai, err *e);

typedef struct rvu_info {
	char status[2];
	int64_t work, pe_nonfac, pe_fac, mp, cf; /* RVUs in hundredths, CF ten-thousandths */
	bool nonfac_na, fac_na;
	char global[4];
} rvu_info;
int sets_rvu(code_sets *cs, const char *code, const char *modifier, rvu_info *out, err *e);
typedef struct gpci_info {
	int64_t work, pe, mp; /* thousandths */
} gpci_info;
int sets_gpci(code_sets *cs, const char *mac, const char *locality, gpci_info *out, err *e);

/* The Medicare fee in cents for one unit: [(work x GPCI) + (PE x GPCI) + (MP x GPCI)] x CF,
 * with the facility PE when `facility`. Returns 1 priced, 0 not priced there (NA). */
int medicare_fee(const rvu_info *r, const gpci_info *g, bool facility, int64_t *cents);
/* Places of service that are facilities for the fee schedule (hospital, ASC, SNF, ...). */
bool pos_facility(const char *pos);

#endif
