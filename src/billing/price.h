/* price.h: fees and expected payments (internal to billing; price_quote in billing.h is the
 * outside view).
 *
 * The fee is what the practice charges: the charge-master row for the code and modifier
 * in force on the date, else the row for the code without a modifier. The expected amount
 * is what the payer should pay for the line: the payer's contract in force on the date
 * lists the code (allowed amount x units), or pays a percentage of the Medicare fee; a
 * Medicare payer without a contract pays the Medicare fee itself. Otherwise it is unknown. */
#ifndef PRAXIS_PRICE_H
#define PRAXIS_PRICE_H

#include <stdbool.h>
#include <stdint.h>

#include "access/access.h"
#include "billing/sets.h"

/* 1 found (unit fee in *cents), 0 no fee for the code on that date, -1 error. */
int fee_lookup(ctx *x, const char *code, const char *modifier, const char *date, int64_t *cents, err *e);

/* The expectation for one line. basis: "contract", "contract % of Medicare", "Medicare fee
 * schedule", or NULL when unknown (then *cents is 0 and 0 is returned). */
typedef struct price_ctx {
	int64_t payer_id;
	bool medicare;      /* the payer is Medicare */
	bool facility;      /* the place of service is a facility */
	code_sets *sets;
	char mac[6], locality[3]; /* the practice's Medicare locality, "" when not set */
} price_ctx;
int price_ctx_open(ctx *x, int64_t payer_id, const char *pos, code_sets *sets, price_ctx *p, err *e);
int expected_lookup(ctx *x, price_ctx *p, const char *code, const char *modifier, int64_t units, int64_t *cents,
		    const char **basis, err *e);

#endif
