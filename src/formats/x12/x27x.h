/* x27x.h: eligibility: the 270 inquiry written, the 271 response read (005010X279A1).
 *
 * The inquiry asks for health benefit plan coverage (EQ 30) of one subscriber, or of a
 * dependent when the patient is not the subscriber, and carries the coverage's id as its
 * trace (TRN02), which the payer returns in the 271 so the answer finds its coverage. */
#ifndef PRAXIS_X27X_H
#define PRAXIS_X27X_H

#include <jansson.h>

#include "formats/x12/writer.h"

/* req: {trace, date (YYYY-MM-DD), payer: {name, payer_code}, provider: {name, npi},
 * originator (10 characters, TRN03), subscriber: {family_name, given_name, birth_date, sex,
 * member_id}, patient: {family_name, given_name, birth_date, sex} or null when the patient
 * is the subscriber}. Writes one ST..SE into the open group of w. */
int x270_write(x12_writer *w, json_t *req, const char *control, err *e);

/* A 276 claim status request (005010X212) for one claim. req: {trace (the claim id), date,
 * payer, provider, originator, subscriber, patient (as for the 270), payer_claim_number,
 * total_cents, service_date}. */
int x276_write(x12_writer *w, json_t *req, const char *control, err *e);

/* Every 271 answer of the input: [{trace, status: active | inactive | error, error_code,
 * copay_cents, coinsurance_bp, deductible_cents, deductible_remaining_cents, plan_begin,
 * plan_end, benefits: [{code (EB01), kind (in words), service_types: ["30", "98", ...],
 * coverage_level (IND, FAM, ...), insurance_type, plan, period (EB06: 23 year, 29
 * remaining, ...), amount_cents, percent_bp (2000 = 20%), in_network (Y, N, W)}]}] (fields
 * absent when the payer did not say). The summary amounts are those a physician office
 * collects: of the benefits of each kind, in network first, then plan-wide (no service
 * type, or 30) or office visits (98). Amounts read exactly. NULL with e set on bad input. */
json_t *x271_read(x12_reader *r, err *e);

#endif
