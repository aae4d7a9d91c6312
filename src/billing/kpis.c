/* kpis.c: the revenue-cycle indicators of a period (see billing.h revenue_cycle_kpis), from
 * the journal, the claims' histories, the denials and the encounters. Each indicator comes
 * with the numbers it is made of, so a reader can check it. */
#include <stdio.h>
#include <string.h>

#include "base/timeutil.h"
#include "billing/billing.h"
#include "ledger/ledger.h"
#include "registry/registry.h"

static int one(ctx *x, const char *sql, const char *from, const char *to, int64_t *v, err *e)
{
	return db_one_i64(x->db, e, v, sql, "iss", ctx_practice(x), from, to) < 0 ? -1 : 0;
}

/* {value, numerator, denominator}: value null when the denominator is 0. */
static json_t *ratio(double scale, int64_t num, int64_t den)
{
	return json_pack("{s:o, s:I, s:I}", "value", den ? json_real(scale * (double)num / (double)den) : json_null(), "numerator",
			 (json_int_t)num, "denominator", (json_int_t)den);
}

int revenue_cycle_kpis(ctx *x, const char *from_in, const char *to_in, json_t **out, err *e)
{
	char from[11], to[11];
	if (date_range(from_in, to_in, 0, from, to, e))
		return -1;
	int64_t d0, d1;
	day_parse(from, &d0);
	day_parse(to, &d1);
	int64_t days = d1 - d0 + 1, charges, cash, contractual, adjustments, ar, ar90 = 0, denied, adjudicated, submitted, clean,
		resolved, first_pass, lag_sum, lag_n;
	/* money: from the journal lines dated in the period */
	const char *money = "SELECT COALESCE(SUM(amount_cents), 0) FROM journal_line WHERE practice_id = $1 AND effective_date >= $2 "
			    "AND effective_date <= $3 AND account = ";
	char sql[320];
#define SUM(acct, var)                                                                                                 \
	(snprintf(sql, sizeof sql, "%s'%s'", money, acct), one(x, sql, from, to, &var, e))
	if (SUM(ACCT_REVENUE, charges) || SUM(ACCT_CASH, cash) || SUM(ACCT_CONTRACTUAL, contractual))
		return -1;
	int64_t adj1, adj2, capitated, cap_paid;
	if (SUM(ACCT_ADJUSTMENT, adj1) || SUM(ACCT_WRITEOFF, adj2) || SUM(ACCT_CAPITATED, capitated) ||
	    SUM(ACCT_CAPITATION, cap_paid))
		return -1;
#undef SUM
	/* fee-for-service measures: charges covered by capitation, and capitation payments, are
	 * not in them (revenue is a credit) */
	charges = -charges - capitated;
	cash += cap_paid;
	adjustments = adj1 + adj2;
	if (db_one_i64(x->db, e, &ar,
		       "SELECT COALESCE(SUM(amount_cents), 0) FROM journal_line WHERE practice_id = $1 AND account IN ('1100', '1110') "
		       "AND effective_date <= $2",
		       "is", ctx_practice(x), to) < 0)
		return -1;
	json_t *aging;
	if (ledger_aging(x, "payer", to, &aging, e))
		return -1;
	json_t *tc = json_object_get(json_object_get(aging, "totals"), "cents");
	ar90 = json_integer_value(json_array_get(tc, 3)) + json_integer_value(json_array_get(tc, 4));
	json_decref(aging);
	/* claims: denials, adjudications, submissions and their histories in the period, whose
	 * instants are compared with the practice's local days: [start of from, start of to + 1) */
	char next[11], t0[TS_LEN], t1[TS_LEN];
	day_format(d1 + 1, next);
	practice_day_start(x->db, ctx_practice(x), from, t0);
	practice_day_start(x->db, ctx_practice(x), next, t1);
	if (one(x,
		"SELECT COUNT(DISTINCT claim_id) FROM denial WHERE practice_id = $1 AND denied_on >= $2 AND denied_on <= $3", from, to,
		&denied, e) ||
	    one(x,
		"SELECT COUNT(DISTINCT rc.claim_id) FROM remittance_posting p JOIN remittance_claim rc ON rc.id = p.remittance_claim_id "
		"WHERE p.practice_id = $1 AND p.outcome <> 'exception' AND p.created_at >= $2 "
		"AND p.created_at < $3",
		t0, t1, &adjudicated, e) ||
	    one(x,
		"SELECT COUNT(DISTINCT claim_id) FROM claim_event WHERE practice_id = $1 AND to_status = 'submitted' "
		"AND at >= $2 AND at < $3",
		t0, t1, &submitted, e) ||
	    /* clean: taken by the payer (or clearinghouse) on its first submission, never rejected */
	    one(x,
		"SELECT COUNT(DISTINCT s.claim_id) FROM claim_event s WHERE s.practice_id = $1 AND s.to_status = 'submitted' "
		"AND s.at >= $2 AND s.at < $3 "
		"AND NOT EXISTS (SELECT 1 FROM claim_event r WHERE r.claim_id = s.claim_id AND r.to_status = 'rejected')",
		t0, t1, &clean, e) ||
	    one(x,
		"SELECT COUNT(DISTINCT claim_id) FROM claim_event WHERE practice_id = $1 AND to_status IN ('paid', 'partial', 'denied') "
		"AND at >= $2 AND at < $3",
		t0, t1, &resolved, e) ||
	    /* first pass: paid on its one and only submission */
	    one(x,
		"SELECT COUNT(DISTINCT a.claim_id) FROM claim_event a WHERE a.practice_id = $1 AND a.to_status IN ('paid', 'partial') "
		"AND a.at >= $2 AND a.at < $3 "
		"AND (SELECT COUNT(*) FROM claim_event s WHERE s.claim_id = a.claim_id AND s.to_status = 'submitted') = 1",
		t0, t1, &first_pass, e) ||
	    one(x,
		"SELECT COALESCE(SUM(charge_lag_days), 0) FROM encounter WHERE practice_id = $1 AND status <> 'void' "
		"AND service_date >= $2 AND service_date <= $3",
		from, to, &lag_sum, e) ||
	    one(x, "SELECT COUNT(*) FROM encounter WHERE practice_id = $1 AND status <> 'void' AND service_date >= $2 AND service_date <= $3",
		from, to, &lag_n, e))
		return -1;
	/* days in A/R: the A/R at the end over the period's average charges per day */
	json_t *dar = json_pack("{s:o, s:I, s:I, s:I}", "value",
				charges > 0 ? json_real((double)ar / ((double)charges / (double)days)) : json_null(), "ar_cents",
				(json_int_t)ar, "charges_cents", (json_int_t)charges, "days", (json_int_t)days);
	*out = json_pack(
		"{s:s, s:s, s:{s:I, s:I, s:I, s:I, s:I}, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "from", from, "to", to, "totals",
		"charges_cents", (json_int_t)charges, "payments_cents", (json_int_t)cash, "contractual_cents", (json_int_t)contractual,
		"other_adjustments_cents", (json_int_t)adjustments, "ar_cents", (json_int_t)ar, "days_in_ar", dar,
		"gross_collection_rate", ratio(100, cash, charges), "net_collection_rate", ratio(100, cash, charges - contractual),
		"denial_rate", ratio(100, denied, adjudicated), "clean_claim_rate", ratio(100, clean, submitted),
		"first_pass_resolution_rate", ratio(100, first_pass, resolved), "charge_lag_days", ratio(1, lag_sum, lag_n),
		"ar_over_90_share", ratio(100, ar90, ar));
	return 0;
}
