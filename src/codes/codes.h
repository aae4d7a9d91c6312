/* codes.h: the official code sets (ICD-10-CM, HCPCS Level II, NCCI PTP and MUE edits, the
 * Medicare physician fee schedule's RVUs and GPCIs), loaded from the publishers' own files.
 *
 * Code sets are public reference data shared by every practice (migration 0005). Each load
 * of a file is one release: a row of code_set_version (kind, effective_from) and its rows in
 * the kind's table. A code is looked up in the release of its kind with the latest
 * effective_from on or before the date of service.
 *
 * Rules:
 * - An import is one transaction. Loading the same kind and effective date again replaces
 *   that release; a failed import leaves the database as it was.
 * - Lines that cannot be read are skipped and reported ("line 812: code: not 3-7 letters
 *   and digits"); the good rows load. A file with no recognisable rows, or without a
 *   column the import needs, fails as a whole.
 * - Decimals become scaled integers by exact integer parsing: RVUs in hundredths, the
 *   conversion factor in ten-thousandths, GPCIs in thousandths.
 * - CPT descriptions (AMA copyright) are never stored: from the fee schedule only codes
 *   and numbers are kept.
 * File layouts and their traps: README.md in this folder. */
#ifndef PRAXIS_CODES_H
#define PRAXIS_CODES_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "base/err.h"
#include "store/db.h"

#define CODES_REPORT_MSGS 100 /* bad lines kept with their reason; the rest are only counted */

/* What an import did. Messages are "line N: reason" and never quote the line's content. */
typedef struct codes_report {
	char kind[16];		 /* as stored: icd10cm, hcpcs, ncci_ptp, mue, pfs, gpci */
	char effective_from[11]; /* YYYY-MM-DD of the release */
	bool inferred;		 /* effective_from was read from the file name */
	int64_t rows;		 /* rows loaded (0 after a failed import) */
	int64_t bad;		 /* lines refused */
	int64_t skipped;	 /* rows left out by rule, not errors: PTP modifier indicator 9 */
	int nmsgs;		 /* messages kept: min(bad, CODES_REPORT_MSGS) */
	char msgs[CODES_REPORT_MSGS][96];
} codes_report;

/* Loads one file as a release of a code set.
 *   kind            "icd10cm" (icd10cm_order_YYYY.txt), "hcpcs" (HCPC<YYYY>_<MON>_ANWEB*.txt),
 *                   "ncci-ptp" (ccipra-v<VVV>r0-f<n>.txt), "mue" (MCR_MUE_PractitionerServices_
 *                   Eff_MM-DD-YYYY.csv), "pfs" (PPRRVU*.csv) or "gpci" (GPCI<YYYY>.csv);
 *                   "ncci_ptp" is accepted too
 *   path            the file; its base name is recorded as the release's source_name
 *   effective_from  YYYY-MM-DD, or NULL to infer it from the file name (codes_infer_effective)
 *   rep             filled in, also on failure (bad lines help explain a refused file)
 * Returns 0 when the release is loaded, -1 with `e` set otherwise (nothing is loaded). */
int codes_import(db *c, const char *kind, const char *path, const char *effective_from, codes_report *rep, err *e);

/* The same for a release published as several files (the PTP edits come in four files per
 * quarter, f1..f4): all of them load as one release, in one transaction. source_name lists
 * their base names. */
int codes_import_files(db *c, const char *kind, const char *const *paths, int npaths, const char *effective_from,
		       codes_report *rep, err *e);

/* The effective date a publisher's file name implies, when it does (base name only):
 *   icd10cm_order_2026.txt -> 2025-10-01 (fiscal year 2026); icd10cm-order-April-2024.txt
 *   -> 2024-04-01; HCPC2026_JAN_ANWEB*.txt -> 2026-01-01 (APR, JUL, OCT likewise);
 *   MCR_MUE_PractitionerServices_Eff_07-01-2026.csv -> 2026-07-01; PPRRVU26_JAN*,
 *   PPRRVU2026_Jan* -> 2026-01-01; GPCI2026.csv -> 2026-01-01; a PTP name holding
 *   2026q3 (the zip's naming) -> 2026-07-01.
 * Returns true and writes out, or false when the name says nothing usable. */
bool codes_infer_effective(const char *kind, const char *path, char out[11]);

/* Loaded releases, newest first within each kind: a new JSON array of
 * {kind, effective_from, source_name, rows, bad_lines, loaded_at}. */
int codes_status(db *c, json_t **out, err *e);

/* Typeahead over a code set.
 *   set    "icd10cm" or "hcpcs" (HCPCS Level II codes, modifiers left out, plus the CPT
 *          numbers of the fee schedule, whose description is "" because CPT text is the AMA's)
 *   q      a code prefix (ICD-10-CM may be typed with its dot: "E11.9") and/or words that
 *          must all occur in the description; case does not matter. One token with a digit
 *          ("E119", "99213") is taken as a code only
 *   date   YYYY-MM-DD: search the release in force on that date of service; NULL the latest
 *   limit  1..100 (other values mean 20)
 * Answers a new JSON array of {code, display, description, billable}: codes matching by
 * prefix first, in code order, then description matches. display has the ICD-10-CM dot
 * ("E11.9"); billable is 1 for an ICD-10-CM code valid on a claim (0 for a category) and
 * for a HCPCS code not terminated (nor yet to be added) on the date. An empty array when
 * no release is loaded. */
int codes_search(db *c, const char *set, const char *q, const char *date, int limit, json_t **out, err *e);

#endif
