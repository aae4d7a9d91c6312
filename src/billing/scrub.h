/* scrub.h: the claim scrubber, the edits a claim must pass before it leaves the practice.
 *
 * A `bill_claim` holds what the edits look at, loaded by claim.c (or built by a test);
 * scrub() runs every edit against it and the code sets in force on its date of service and
 * appends what it finds to `out`. Each edit has an id, a severity, the field it concerns
 * and a message; the table of edits is at the top of scrub.c. Errors stop a claim from
 * being submitted; warnings do not. Messages name codes and fields, never patient data. */
#ifndef PRAXIS_SCRUB_H
#define PRAXIS_SCRUB_H

#include <stdbool.h>
#include <stdint.h>

#include "billing/sets.h"

#define BILL_MAX_DX 12
#define BILL_MAX_LINES 50 /* 837P allows 50 service lines per claim */
#define BILL_MAX_MODS 4
#define BILL_MAX_PTRS 4

typedef struct bill_line {
	char code[6];
	char mods[BILL_MAX_MODS][3];
	int nmods;
	int64_t units;
	int ptrs[BILL_MAX_PTRS];
	int nptrs;
} bill_line;

typedef struct bill_claim {
	char dos[11], today[11];
	char frequency;                /* '1', '7' or '8' */
	char dx[BILL_MAX_DX][8];       /* dotless, as entered (shape not yet checked) */
	int ndx;
	bill_line lines[BILL_MAX_LINES];
	int nlines;
	/* the parties */
	char billing_npi[11], billing_taxonomy[11], billing_tax_id[10];
	char rendering_npi[11], referring_npi[11];
	/* the payer and the coverage */
	char member_id[81], payer_code[81], payer_claim_number[51];
	bool patient_address;          /* street, city, state and ZIP all present */
	bool medicare, takes_paper;
	int64_t timely_days;
	char cov_from[11], cov_to[11], eligibility[10];
	bool cov_active;
	int payer_order;
	bool primary_open;             /* a secondary claim whose primary is not adjudicated yet */
	char msp_type[4];              /* the coverage's Medicare secondary payer type (SBR05), "" */
	int64_t duplicate_of;          /* another live claim for the same services, or 0 */
	/* procedures of the same patient by the same rendering provider at other visits from 90
	 * days before to a day after this one (global surgical periods) */
	struct {
		char code[6], dos[11];
	} prior[16];
	int nprior;
} bill_claim;

typedef enum { SEV_ERROR, SEV_WARNING } severity;

typedef struct edit {
	const char *id;
	severity sev;
	char field[40];
	char message[200];
} edit;

typedef struct edit_list {
	edit items[128];
	int n, errors, warnings;
} edit_list;

/* The description of each edit, for the API and the documentation: {id, severity, what}. */
typedef struct edit_def {
	const char *id;
	severity sev;
	const char *what;
} edit_def;
extern const edit_def edit_defs[];
extern const int edit_ndefs;

/* True for the modifiers that may bypass a PTP edit whose indicator is 1. */
bool ptp_bypass_modifier(const char *mod);

/* Runs every edit. `cs` holds the code sets in force on the claim's date of service. */
int scrub(const bill_claim *c, code_sets *cs, edit_list *out, err *e);

#endif
