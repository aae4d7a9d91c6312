/* cms1500.h: a claim on the CMS-1500 (02/12) health insurance claim form, as PDF (cairo).
 *
 * The input is the claim document (billing/doc.c), a JSON object:
 *   id, frequency ("1" | "7" | "8"), payer_claim_number, service_date (YYYY-MM-DD),
 *   total_cents, payer_order (1..3), pos_code, prior_auth,
 *   diagnoses: ["E11.9", ...] (up to 12, display form),
 *   lines: [{line_no, code, modifiers: ["25"], units, pointers: [1, 2], charge_cents,
 *            expected_cents}] (the form holds 6 lines per page; more lines continue on
 *            further pages, each a whole form marked "PAGE n OF m", with "CONTINUED" in
 *            box 28 and the claim's total_cents on the last page),
 *   patient: {family_name, given_name, middle_name, birth_date, sex, address: {line1, line2,
 *             city, state, postal_code}, phone, account_number},
 *   insured: {family_name, given_name, birth_date, sex, address?, relationship (self |
 *             spouse | child | other), member_id, group_number, plan_name,
 *             benefits_assigned, release_of_information (Y | I), medicare_secondary_type},
 *   payer: {name, payer_code, address, filing_indicator, kind, accepts_assignment (box 27)},
 *   other_payers: [...] (a later payer's claim: what the earlier ones decided; billing/doc.c),
 *   billing_provider: {name, individual, npi, taxonomy, tax_id, address, phone},
 *   rendering_provider: {family_name, given_name, npi, taxonomy, credentials},
 *   referring: {name, npi}, facility: {name, address},
 *   form_date (YYYY-MM-DD, the date by the signature in box 31; today when absent).
 * Any value may be null, missing or of another type; it then prints nothing. Text is printed
 * in the form's boxes (1 to 33) in capitals, as payers' scanners expect; money as dollars and
 * cents in the split boxes; diagnosis pointers as the letters A to L of box 21. Boxes the
 * document has no data for (9, 10a-c, 11d, 12, 13, 14-16, 18-20, 32a) stay empty. */
#ifndef PRAXIS_CMS1500_H
#define PRAXIS_CMS1500_H

#include <jansson.h>
#include <stddef.h>

#include "base/err.h"

/* Renders the form: 0 with *pdf malloc'ed (the caller frees it) and *len its size, or -1
 * (ERR_INTERNAL) when cairo cannot draw or write it. */
int cms1500_pdf(json_t *doc, char **pdf, size_t *len, err *e);

#endif
