/* x837p.h: professional claims as an 837P (005010X222A1) transaction set.
 *
 * The input is a list of claim documents (billing/doc.c; the shape is in formats/cms1500.h)
 * and who sends and receives them. Each billing provider becomes a 2000A loop; each claim a
 * 2000B subscriber loop (and a 2000C patient loop when the patient is not the subscriber)
 * with its 2010BA subscriber, 2010BB payer, 2300 claim (CLM, REF F8 for a replacement or
 * void, REF G1 prior authorisation, HI diagnoses), 2310A referring, 2310B rendering,
 * 2310C service facility and a 2400 loop per line (LX, SV1, DTP 472). Names and addresses
 * are written in capitals; amounts in dollars without trailing zeros. A secondary claim
 * carries the earlier payers' adjudication (2320/2330, 2430).
 *
 * Encounter data: a claim whose lines are all covered by capitation (doc "encounter_data")
 * carries CN1*05 (capitated), and a set of nothing but such claims says BHT06 RP
 * (reporting) instead of CH (chargeable); a batch writes the two kinds as separate sets.
 *
 * Not yet: ambulance, anesthesia and drug (LIN/CTP) details. */
#ifndef PRAXIS_X837P_H
#define PRAXIS_X837P_H

#include <jansson.h>

#include "formats/x12/writer.h"

typedef struct x837_parties {
	const char *submitter_name, *submitter_id, *contact_name, *contact_phone;
	const char *receiver_name, *receiver_id;
	const char *batch_ref; /* BHT03: the batch's own reference */
	long long when;        /* BHT04/05 */
} x837_parties;

/* Writes one ST..SE holding every claim of `docs` (a JSON array), with set control number
 * `control`, into the open functional group of `w`; BHT06 RP when every claim is encounter
 * data. A claim whose data cannot be written
 * (a separator in a name) fails the whole set, with the claim's id in the message. */
int x837p_write(x12_writer *w, const x837_parties *p, json_t *docs, const char *control, err *e);

/* Cents as X12 dollars: 15000 -> "150", 15050 -> "150.5", -25 -> "-0.25". */
void x12_amount(long long cents, char out[24]);

#endif
