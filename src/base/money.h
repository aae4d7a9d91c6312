/* money.h: the one place money is rounded.
 *
 * Money is signed 64-bit integer cents everywhere; rates are scaled integers (basis points,
 * RVU hundredths, GPCI thousandths, conversion factor ten-thousandths). A product of such
 * scaled integers is turned back into cents here, rounding half away from zero. */
#ifndef PRAXIS_MONEY_H
#define PRAXIS_MONEY_H

#include <stdint.h>

/* value / den rounded half away from zero (den > 0). */
static inline int64_t money_div_round(int64_t value, int64_t den)
{
	int64_t q = value / den, r = value % den;
	if (r < 0)
		r = -r;
	if (2 * r >= den)
		q += value < 0 ? -1 : 1;
	return q;
}

/* cents x basis points / 10000, rounded. */
static inline int64_t money_pct(int64_t cents, int64_t bp) { return money_div_round(cents * bp, 10000); }

#endif
