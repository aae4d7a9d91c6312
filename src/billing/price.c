/* price.c: fees and expected payments (see price.h). */
#include "billing/price.h"

#include <stdio.h>
#include <string.h>

#include "base/money.h"
#include "base/timeutil.h"
#include "billing/billing.h"
#include "billing/codes_fmt.h"

int fee_lookup(ctx *x, const char *code, const char *modifier, const char *date, int64_t *cents, err *e)
{
	/* the exact modifier first ('' sorts before any modifier, so DESC puts it last) */
	return db_one_i64(x->db, e, cents,
			  "SELECT fee_cents FROM fee WHERE practice_id = $1 AND code = $2 AND (modifier = $3 OR modifier = '') "
			  "AND effective_from <= $4 AND (effective_to IS NULL OR effective_to >= $4) "
			  "ORDER BY modifier DESC, effective_from DESC LIMIT 1",
			  "isss", ctx_practice(x), code, modifier ? modifier : "", date);
}

int price_ctx_open(ctx *x, int64_t payer_id, const char *pos, code_sets *sets, price_ctx *p, err *e)
{
	memset(p, 0, sizeof *p);
	p->payer_id = payer_id;
	p->facility = pos_facility(pos);
	p->sets = sets;
	db_stmt *st = db_prepare(x->db,
				 "SELECT p.kind, b.medicare_mac, b.medicare_locality FROM payer p "
				 "LEFT JOIN billing_profile b ON b.practice_id = p.practice_id WHERE p.id = $1 AND p.practice_id = $2",
				 e);
	if (!st)
		return -1;
	db_bindv(st, "ii", payer_id, ctx_practice(x));
	int rc = db_step(st, e);
	if (rc == DB_ROW) {
		p->medicare = !strcmp(db_col_text(st, 0), "medicare");
		snprintf(p->mac, sizeof p->mac, "%s", db_col_text(st, 1) ? db_col_text(st, 1) : "");
		snprintf(p->locality, sizeof p->locality, "%s", db_col_text(st, 2) ? db_col_text(st, 2) : "");
	}
	db_done(st);
	if (rc == DB_DONE)
		return err_set(e, ERR_NOT_FOUND, "payer not found");
	return rc == DB_ERR ? -1 : 0;
}

/* The Medicare fee of one unit in the practice's locality: 1 priced, 0 not, -1 error. */
static int medicare_unit(price_ctx *p, const char *code, const char *modifier, int64_t *cents, err *e)
{
	if (!p->sets->v[SET_PFS] || !p->sets->v[SET_GPCI] || !*p->mac)
		return 0;
	rvu_info r;
	gpci_info g;
	int rc = sets_rvu(p->sets, code, modifier, &r, e);
	if (rc == 0 && modifier && *modifier) /* no row for the modifier: the global row */
		rc = sets_rvu(p->sets, code, "", &r, e);
	if (rc <= 0)
		return rc;
	if ((rc = sets_gpci(p->sets, p->mac, p->locality, &g, e)) <= 0)
		return rc;
	return medicare_fee(&r, &g, p->facility, cents);
}

int expected_lookup(ctx *x, price_ctx *p, const char *code, const char *modifier, int64_t units, int64_t *cents,
		    const char **basis, err *e)
{
	*cents = 0;
	*basis = NULL;
	const char *mod = modifier ? modifier : "";
	db_stmt *st = db_prepare(x->db,
				 "SELECT c.medicare_pct_bp, (SELECT r.allowed_cents FROM contract_rate r WHERE r.contract_id = c.id "
				 "AND r.code = $3 AND (r.modifier = $4 OR r.modifier = '') ORDER BY r.modifier DESC LIMIT 1) "
				 "FROM payer_contract c WHERE c.practice_id = $1 AND c.payer_id = $2 AND c.effective_from <= $5 "
				 "AND (c.effective_to IS NULL OR c.effective_to >= $5) ORDER BY c.effective_from DESC LIMIT 1",
				 e);
	if (!st)
		return -1;
	db_bindv(st, "iisss", ctx_practice(x), p->payer_id, code, mod, p->sets->dos);
	int rc = db_step(st, e);
	bool contract = rc == DB_ROW, listed = false, pct = false;
	int64_t allowed = 0, bp = 0;
	if (contract) {
		listed = !db_col_null(st, 1);
		allowed = db_col_i64(st, 1);
		pct = !db_col_null(st, 0);
		bp = db_col_i64(st, 0);
	}
	db_done(st);
	if (rc == DB_ERR)
		return -1;
	if (listed) {
		*cents = allowed * units;
		*basis = "contract";
		return 0;
	}
	if (contract && !pct)
		return 0;
	if (!contract && !p->medicare)
		return 0;
	int64_t unit;
	if ((rc = medicare_unit(p, code, mod, &unit, e)) <= 0)
		return rc;
	*cents = contract ? money_pct(unit * units, bp) : unit * units;
	*basis = contract ? "contract % of Medicare" : "Medicare fee schedule";
	return 0;
}

int price_quote(ctx *x, json_t *q, json_t **out, err *e)
{
	char code[8] = "", mod[4] = "", date[11] = "";
	const char *c = json_string_value(json_object_get(q, "code"));
	const char *m = json_string_value(json_object_get(q, "modifier"));
	const char *d = json_string_value(json_object_get(q, "date"));
	const char *pos = json_string_value(json_object_get(q, "pos_code"));
	int64_t payer = json_integer_value(json_object_get(q, "payer_id"));
	if (c)
		snprintf(code, sizeof code, "%s", c);
	if (m)
		snprintf(mod, sizeof mod, "%s", m);
	upcase(code);
	upcase(mod);
	if (!proc_code_valid(code))
		err_field(e, "code", "must be a 5-character CPT or HCPCS code");
	if (*mod && !modifier_valid(mod))
		err_field(e, "modifier", "must be 2 characters");
	if (!d || !date_normalise(d, date))
		err_field(e, "date", "must be a date YYYY-MM-DD");
	if (err_has_fields(e))
		return -1;
	int64_t fee = 0, exp = 0;
	const char *basis = NULL;
	int found = fee_lookup(x, code, mod, date, &fee, e);
	if (found < 0)
		return -1;
	if (payer) {
		code_sets cs;
		price_ctx p;
		if (sets_open(x->db, date, &cs, e) || price_ctx_open(x, payer, pos ? pos : "11", &cs, &p, e) ||
		    expected_lookup(x, &p, code, mod, 1, &exp, &basis, e))
			return -1;
	}
	*out = json_pack("{s:o, s:o, s:o}", "fee_cents", found ? json_integer(fee) : json_null(), "expected_cents",
			 basis ? json_integer(exp) : json_null(), "basis", basis ? json_string(basis) : json_null());
	return 0;
}
