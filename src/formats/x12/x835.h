/* x835.h: a health care claim payment/advice (835, 005010X221A1) read into a remittance.
 *
 * Each 835 transaction set becomes one JSON object:
 *   {payer: {name, id}, payee: {name, npi, tax_id}, payment: {method (BPR04: CHK, ACH, NON,
 *    ...), amount_cents (BPR02), date (BPR16, YYYY-MM-DD), trace (TRN02)},
 *    claims: [{claim_ref (CLP01: the claim id the provider sent), status (CLP02),
 *      charge_cents, paid_cents, patient_cents (CLP05), payer_claim_number (CLP07),
 *      adjustments: [{group, reason, amount_cents, quantity}], remarks: [...],
 *      lines: [{code, modifiers: [...], charge_cents, paid_cents, units, date,
 *               original_code, adjustments: [...], remarks: [...]}]}],
 *    provider_adjustments: [{reason, reference, amount_cents}],
 *    totals: {claims_paid_cents, provider_adjustments_cents, balanced}}
 * balanced says whether BPR02 = sum of CLP04 - sum of PLB amounts. Amounts are read exactly
 * into cents; a CAS segment's six reason/amount/quantity triples are all read. A service
 * line's composite (SVC01) is split at the declared component separator, or at '>' or ':'
 * when a payer used another one than its ISA16 declares (seen in real files). */
#ifndef PRAXIS_X835_H
#define PRAXIS_X835_H

#include <jansson.h>

#include "formats/x12/x12.h"

/* Reads every 835 transaction set of the input: a JSON array (new reference), or NULL with
 * `e` naming the line and segment of the first thing it cannot read. */
json_t *x835_read(x12_reader *r, err *e);

/* "34.00" -> 3400, "-1.5" -> -150; false when not an amount with at most two decimals. */
bool x12_cents(const char *s, long long *cents);

#endif
