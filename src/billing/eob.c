/* eob.c: a payer's paper EOB entered by hand (see billing.h eob_post).
 *
 * Not every payer sends an 835. What a biller reads off a paper explanation of benefits is
 * checked as a whole (the claim was sent; each line is one of the claim's, once; its
 * payment and adjustments add up to its charge; CARC groups and reasons, RARCs), then
 * becomes a remittance in the 835's own shape and goes through the same matching and
 * posting: payments, contractual adjustments, the patient's share, denials to the
 * worklist, underpayments. A bad EOB writes nothing. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "base/timeutil.h"
#include "billing/billing.h"
#include "billing/claim.h"
#include "registry/registry.h"

#define MAX_ADJ 20
#define MAX_REMARKS 10

typedef struct eob_line {
	int64_t no, units, charge;
	char code[6], mods[16];
	bool seen;
} eob_line;

/* 1 to `max` letters and digits. */
static bool code_ok(const char *s, size_t max)
{
	size_t n = s ? strlen(s) : 0;
	if (!n || n > max)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)s[i]))
			return false;
	return true;
}

/* The adjustments of a line: [{group, reason, amount_cents}] checked, copied, summed. */
static json_t *adjustments(json_t *in, const char *at, int64_t *sum, int64_t *pr, err *e)
{
	json_t *out = json_array(), *a;
	size_t i;
	if (in && (!json_is_array(in) || json_array_size(in) > MAX_ADJ)) {
		err_field(e, at, "adjustments must be a list of at most %d {group, reason, amount_cents}", MAX_ADJ);
		return out;
	}
	json_array_foreach(in, i, a) {
		static const char *const groups[] = {"CO", "PR", "OA", "PI", "CR"};
		const char *g = json_string_value(json_object_get(a, "group")), *r = json_string_value(json_object_get(a, "reason"));
		json_t *amt = json_object_get(a, "amount_cents");
		bool gok = false;
		for (size_t k = 0; g && k < sizeof groups / sizeof *groups; k++)
			gok = gok || !strcmp(g, groups[k]);
		if (!gok || !code_ok(r, 5) || !json_is_integer(amt)) {
			err_field(e, at, "adjustments[%zu] must be {group (CO, PR, OA, PI, CR), reason (a CARC), amount_cents}", i);
			continue;
		}
		*sum += json_integer_value(amt);
		if (!strcmp(g, "PR"))
			*pr += json_integer_value(amt);
		json_array_append_new(out, json_pack("{s:s, s:s, s:O, s:n}", "group", g, "reason", r, "amount_cents", amt, "quantity"));
	}
	return out;
}

/* The claim as sent: its lines, payer and place in the payers' order. */
static int load(ctx *x, int64_t claim, eob_line *lines, int *n, json_t **payer, char *order, err *e)
{
	char status[16] = "";
	db_stmt *st = db_prepare(x->db,
				 "SELECT c.status, c.payer_order, y.name, y.payer_code FROM claim c JOIN payer y ON y.id = c.payer_id "
				 "WHERE c.id = $1 AND c.practice_id = $2 AND c.replaced_by IS NULL",
				 e);
	if (!st)
		return -1;
	db_bindv(st, "ii", claim, ctx_practice(x));
	int rc = db_step(st, e);
	if (rc == DB_ROW) {
		snprintf(status, sizeof status, "%s", db_col_text(st, 0));
		*order = (char)('0' + (db_col_i64(st, 1) > 0 && db_col_i64(st, 1) < 4 ? db_col_i64(st, 1) : 1));
		*payer = json_pack("{s:s, s:s?}", "name", db_col_text(st, 2), "id", db_col_text(st, 3));
	}
	db_done(st);
	if (rc != DB_ROW)
		return rc == DB_ERR ? -1 : err_set(e, ERR_NOT_FOUND, "claim %lld not found", (long long)claim);
	if (strcmp(status, "submitted") && strcmp(status, "accepted")) {
		json_decref(*payer);
		return err_set(e, ERR_STATE, "claim %lld is %s: an EOB answers a claim the payer has (submitted or accepted)",
			       (long long)claim, status);
	}
	st = db_prepare(x->db, "SELECT line_no, code, modifiers, units, charge_cents FROM claim_line WHERE claim_id = $1 ORDER BY line_no",
			e);
	if (!st) {
		json_decref(*payer);
		return -1;
	}
	db_bind_i64(st, 1, claim);
	*n = 0;
	while ((rc = db_step(st, e)) == DB_ROW && *n < BILL_MAX_LINES) {
		eob_line *l = &lines[(*n)++];
		l->no = db_col_i64(st, 0);
		snprintf(l->code, sizeof l->code, "%s", db_col_text(st, 1));
		snprintf(l->mods, sizeof l->mods, "%s", db_col_text(st, 2));
		l->units = db_col_i64(st, 3);
		l->charge = db_col_i64(st, 4);
		l->seen = false;
	}
	db_done(st);
	if (rc == DB_ERR) {
		json_decref(*payer);
		return -1;
	}
	return 0;
}

int eob_post(ctx *x, int64_t claim, json_t *in, const char *key, json_t **out, err *e)
{
	eob_line cl[BILL_MAX_LINES];
	int ncl = 0;
	json_t *payer = NULL;
	char order = '1';
	int seen = key ? remit_entered(x, key, out, e) : 0; /* the same key again: the first answer */
	if (seen)
		return seen < 0 ? -1 : 0;
	if (load(x, claim, cl, &ncl, &payer, &order, e))
		return -1;
	char paid_on[11];
	const char *pd = json_string_value(json_object_get(in, "paid_on"));
	if (!pd)
		practice_today(x->db, ctx_practice(x), paid_on);
	else if (!date_normalise(pd, paid_on))
		err_field(e, "paid_on", "must be a date YYYY-MM-DD");
	static const char *const methods[][2] = {{"check", "CHK"}, {"eft", "ACH"}, {"other", "NON"}};
	const char *method = json_string_value(json_object_get(in, "method")), *bpr04 = NULL;
	for (size_t k = 0; method && k < 3; k++)
		if (!strcmp(method, methods[k][0]))
			bpr04 = methods[k][1];
	if (!bpr04)
		err_field(e, "method", "must be check, eft or other");
	const char *ref = json_string_value(json_object_get(in, "reference")),
		   *icn = json_string_value(json_object_get(in, "payer_claim_number"));
	if (ref && strlen(ref) > 50)
		err_field(e, "reference", "must be at most 50 characters");
	if (icn && (strlen(icn) > 50 || !*icn))
		err_field(e, "payer_claim_number", "must be 1 to 50 characters");
	json_t *lines = json_object_get(in, "lines"), *l, *rlines = json_array();
	if (!json_is_array(lines) || !json_array_size(lines) || json_array_size(lines) > BILL_MAX_LINES)
		err_field(e, "lines", "must list the claim's lines the EOB answers: [{line_no, paid_cents, adjustments}]");
	int64_t charge = 0, paid = 0, patient = 0;
	size_t i;
	json_array_foreach(lines, i, l) {
		char at[24];
		snprintf(at, sizeof at, "lines[%zu]", i);
		int64_t no = json_integer_value(json_object_get(l, "line_no"));
		json_t *pc = json_object_get(l, "paid_cents");
		eob_line *c = NULL;
		for (int k = 0; k < ncl && !c; k++)
			if (cl[k].no == no)
				c = &cl[k];
		if (!c || c->seen) {
			err_field(e, at, c ? "line_no %lld is listed twice" : "line_no %lld is not a line of the claim", (long long)no);
			continue;
		}
		c->seen = true;
		if (!json_is_integer(pc) || json_integer_value(pc) < 0) {
			err_field(e, at, "paid_cents must be a whole number of cents, not negative");
			continue;
		}
		int64_t sum = json_integer_value(pc), pr = 0;
		json_t *adj = adjustments(json_object_get(l, "adjustments"), at, &sum, &pr, e);
		json_t *remarks = json_array(), *rm, *in_rm = json_object_get(l, "remarks");
		size_t k;
		if (in_rm && (!json_is_array(in_rm) || json_array_size(in_rm) > MAX_REMARKS))
			err_field(e, at, "remarks must be a list of at most %d RARCs", MAX_REMARKS);
		json_array_foreach(in_rm, k, rm) {
			if (!code_ok(json_string_value(rm), 5))
				err_field(e, at, "remarks[%zu] must be a RARC such as N115", k);
			else
				json_array_append(remarks, rm);
		}
		if (sum != c->charge)
			err_field(e, at, "paid and adjusted %lld cents; the line charged %lld: they must be equal", (long long)sum,
				  (long long)c->charge);
		json_t *mods = json_array();
		for (const char *p = c->mods; *p;) {
			size_t len = strcspn(p, ",");
			json_array_append_new(mods, json_stringn(p, len));
			p += len + (p[len] == ',');
		}
		charge += c->charge;
		paid += json_integer_value(pc);
		patient += pr;
		json_array_append_new(rlines, json_pack("{s:s, s:o, s:I, s:O, s:I, s:n, s:n, s:o, s:o}", "code", c->code, "modifiers", mods,
							"charge_cents", (json_int_t)c->charge, "paid_cents", pc, "units",
							(json_int_t)c->units, "date", "original_code", "adjustments", adj, "remarks", remarks));
	}
	if (err_has_fields(e)) {
		json_decref(rlines);
		json_decref(payer);
		return -1;
	}
	char claim_ref[24], status[2] = {order, 0};
	snprintf(claim_ref, sizeof claim_ref, "%lld", (long long)claim);
	json_t *doc = json_pack("{s:o, s:{s:s, s:I, s:s, s:s?}, s:[{s:s, s:s, s:I, s:I, s:I, s:s?, s:[], s:[], s:o}], s:[], "
				"s:{s:I, s:I, s:b}}",
				"payer", payer, "payment", "method", bpr04, "amount_cents", (json_int_t)paid, "date", paid_on, "trace", ref,
				"claims", "claim_ref", claim_ref, "status", status, "charge_cents", (json_int_t)charge, "paid_cents",
				(json_int_t)paid, "patient_cents", (json_int_t)patient, "payer_claim_number", icn, "adjustments",
				"remarks", "lines", rlines, "provider_adjustments", "totals", "claims_paid_cents", (json_int_t)paid,
				"provider_adjustments_cents", (json_int_t)0, "balanced", 1);
	if (!doc)
		return err_set(e, ERR_INTERNAL, "the EOB could not be put together");
	int rc = remit_enter(x, key, doc, out, e);
	json_decref(doc);
	return rc;
}
