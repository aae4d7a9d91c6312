/* statement.h: patient statements as PDF (cairo/pango), one US Letter page per statement.
 *
 * The input is an array of statement documents (billing/statements.c):
 *   {date (YYYY-MM-DD), notice (1 statement, 2 second notice, 3 final notice), account (the
 *    MRN), practice: {name, address: {line1, line2, city, state, postal_code}, phone},
 *    to: {name, address}, patient_name, balance_cents, aging_cents: [5] (0-30 ... 120+ days
 *    from the visit), lines: [{service_date, code, charge_cents, insurance_cents (paid and
 *    adjusted by insurance), patient_cents (what is owed), patient? (whose visit, on a
 *    family account's statement)}], payments_cents (what the account paid since the last
 *    statement)}
 * Each page holds the practice, the addressee, the amount due and by when, the notice's
 * wording, the visits owed for, the aging of the balance, how to pay and a stub to return
 * with the payment. Money is printed as dollars; text in the fonts cairo finds. */
#ifndef PRAXIS_STATEMENT_H
#define PRAXIS_STATEMENT_H

#include <jansson.h>
#include <stddef.h>

#include "base/err.h"

#define STATEMENT_LINES_MAX 24 /* visits listed on a page; more are summed on one line */

/* Writes the statements of docs (a JSON array) as one PDF in *pdf (malloc'ed, *len bytes). */
int statement_pdf(json_t *docs, char **pdf, size_t *len, err *e);

#endif
