/* post_remit.c: posting a matched remittance into the journal (see billing.h remit_post).
 *
 * Each remittance claim is posted once (remittance_posting), as one insurance_payment entry,
 * in a savepoint of its own (claims are committed in batches). Per matched service line whose numbers balance (charge = paid +
 * the adjustments):
 *   - the payment: cash against the payer's A/R of the line's charge;
 *   - CO/OA/PI adjustments: contractual (CO-45) or other adjustments against that A/R;
 *   - PR amounts (deductible, coinsurance, copay): moved to the next payer of the coverage
 *     when it has a claim for the visit, else to the patient.
 * A line paid nothing for other reasons than the patient's share is a denial: it goes to
 * the denial worklist and stays on the payer's A/R (never written off here). An unmatched
 * claim or line, or one whose numbers do not balance, waits in posting_exception with the
 * reason. A line allowed (paid + patient share) below its contract's expected amount is an
 * underpayment. A line covered by capitation posts nothing (it was settled when charged).
 * On a secondary or tertiary claim, OA-23 (the impact of the prior payers' adjudication) is
 * what the earlier payers already settled: it is not posted again, is no denial, and the
 * contract's expected amount (a primary's) is not compared.
 * The claim becomes paid, partial or denied; a claim for the next payer is
 * scrubbed again (its primary has adjudicated). Provider-level adjustments (PLB) post once
 * per remittance against cash. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/timeutil.h"
#include "billing/billing.h"
#include "billing/claim.h"
#include "ledger/ledger.h"
#include "registry/registry.h"

typedef struct cl_line {
	int64_t line_no, charge_id, charge_cents, expected_cents;
	bool has_expected, capitated;
} cl_line;

typedef struct posting {
	ctx *x;
	int64_t rc_id, remittance, claim, payer, patient, encounter, order, next_payer;
	char date[11], dos[11]; /* the remittance's date; the claim's date of service */
	cl_line lines[BILL_MAX_LINES];
	int nlines;
	ledger_line out[8 * BILL_MAX_LINES + 16];
	int nout;
	int64_t paid;
	int denied, posted_lines, exceptions, underpaid;
	json_t *report; /* {exceptions: [...], denials: n, ...} */
} posting;

static int exception(posting *p, int64_t line_seq, int64_t amount, const char *reason, err *e)
{
	char now[TS_LEN];
	ts_now(now);
	p->exceptions++;
	json_array_append_new(json_object_get(p->report, "exceptions"),
			      json_pack("{s:o, s:s}", "line", line_seq ? json_integer(line_seq) : json_null(), "reason", reason));
	return db_run(p->x->db, e,
		      "INSERT INTO posting_exception (practice_id, remittance_id, remittance_claim_id, claim_id, line_seq, reason, "
		      "amount_cents, status, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, 'open', $8)",
		      "iiinnsis", ctx_practice(p->x), p->remittance, p->rc_id, p->claim, line_seq, reason, amount, now) < 0
		       ? -1
		       : 0;
}

static const cl_line *line_of(const posting *p, int64_t line_no)
{
	for (int i = 0; i < p->nlines; i++)
		if (p->lines[i].line_no == line_no)
			return &p->lines[i];
	return NULL;
}

static void add(posting *p, const char *account, int64_t cents, int64_t payer, int64_t charge, const char *group,
		const char *reason)
{
	if (!cents)
		return;
	/* what a payer's A/R of a charge loses is one line, whatever the reasons (they are on the
	 * other side: the payment, the adjustments, the patient's share) */
	if (!strcmp(account, ACCT_AR_INSURANCE) && payer == p->payer)
		for (int i = 0; i < p->nout; i++)
			if (p->out[i].charge_id == charge && p->out[i].payer_id == payer && !strcmp(p->out[i].account, account)) {
				p->out[i].amount_cents += cents;
				p->out[i].group = p->out[i].reason = NULL;
				return;
			}
	if (p->nout < (int)(sizeof p->out / sizeof *p->out))
		p->out[p->nout++] = (ledger_line){account, cents, p->patient, payer, charge, group, reason, p->dos};
}

/* OA-23 on a later payer's claim: the earlier payers' part, settled when they paid. */
static bool prior_payers(const posting *p, const char *group, const char *reason)
{
	return p->order > 1 && group && reason && !strcmp(group, "OA") && !strcmp(reason, "23");
}

/* One adjustment of a charge: contractual or other adjustment, or the patient's share moved
 * on to whoever owes it next (nothing for the prior payers' part of a later payer's claim). */
static void adjust(posting *p, int64_t charge, const char *group, const char *reason, int64_t cents)
{
	if (prior_payers(p, group, reason))
		return;
	add(p, ACCT_AR_INSURANCE, -cents, p->payer, charge, group, reason);
	if (!strcmp(group, "PR"))
		add(p, p->next_payer ? ACCT_AR_INSURANCE : ACCT_AR_PATIENT, cents, p->next_payer, charge, group, reason);
	else
		add(p, !strcmp(group, "CO") && !strcmp(reason, "45") ? ACCT_CONTRACTUAL : ACCT_ADJUSTMENT, cents, 0, charge, group,
		    reason);
}

/* A line the payer paid nothing for, for more than the patient's share and the contract. */
static bool is_denial(const posting *p, int64_t paid, json_t *adjustments)
{
	if (paid)
		return false;
	size_t i;
	json_t *a;
	json_array_foreach(adjustments, i, a) {
		const char *g = json_string_value(json_object_get(a, "group")), *r = json_string_value(json_object_get(a, "reason"));
		if (g && r && strcmp(g, "PR") && !(strcmp(g, "CO") == 0 && strcmp(r, "45") == 0) && !prior_payers(p, g, r))
			return true;
	}
	return false;
}

/* "CO-50,N115": the adjustments' groups and reasons, then the remarks. */
static void reasons_text(json_t *adjustments, json_t *remarks, char *out, size_t cap)
{
	out[0] = 0;
	size_t i;
	json_t *a;
	json_array_foreach(adjustments, i, a)
		snprintf(out + strlen(out), cap - strlen(out), "%s%s-%s", *out ? "," : "", json_string_value(json_object_get(a, "group")),
			 json_string_value(json_object_get(a, "reason")));
	json_array_foreach(remarks, i, a) snprintf(out + strlen(out), cap - strlen(out), "%s%s", *out ? "," : "", json_string_value(a));
}

static int denial(posting *p, const cl_line *cl, int64_t amount, const char *reasons, err *e)
{
	char now[TS_LEN], appeal[11];
	ts_now(now);
	int64_t day;
	day_parse(p->date, &day);
	day_format(day + 180, appeal); /* the usual appeal window; the worklist sorts by it */
	p->denied++;
	return db_run(p->x->db, e,
		      "INSERT INTO denial (practice_id, claim_id, line_no, charge_id, payer_id, remittance_claim_id, amount_cents, "
		      "reasons, denied_on, appeal_by, status, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'open', $11)",
		      "iinniiissss", ctx_practice(p->x), p->claim, cl ? cl->line_no : 0, cl ? cl->charge_id : 0, p->payer, p->rc_id,
		      amount, reasons, p->date, appeal, now) < 0
		       ? -1
		       : 0;
}

/* One service line of the remittance. */
static int post_line(posting *p, json_t *l, int64_t seq, bool reversal, err *e)
{
	int64_t charge = json_integer_value(json_object_get(l, "charge_cents")), paid = json_integer_value(json_object_get(l, "paid_cents"));
	json_t *adjs = json_object_get(l, "adjustments"), *a;
	json_t *cln = json_object_get(l, "claim_line");
	const cl_line *cl = json_is_integer(cln) ? line_of(p, json_integer_value(cln)) : NULL;
	if (!cl)
		return exception(p, seq, paid, "the service line was not matched to a line of the claim", e);
	int64_t sum = paid, pr = 0;
	size_t i;
	json_array_foreach(adjs, i, a) {
		int64_t c = json_integer_value(json_object_get(a, "amount_cents"));
		sum += c;
		if (!strcmp(json_string_value(json_object_get(a, "group")), "PR"))
			pr += c;
	}
	if (sum != charge) {
		char why[120];
		snprintf(why, sizeof why, "the line does not balance: charge %lld, paid and adjusted %lld (cents)", (long long)charge,
			 (long long)sum);
		return exception(p, seq, paid, why, e);
	}
	/* a capitated line owes the payer nothing since it was charged (CO-24, the copay the
	 * patient's): the payer's answer is recorded, nothing is posted, and a payment on it is
	 * not what the contract says */
	if (cl->capitated) {
		if (paid)
			return exception(p, seq, paid, "the payer paid a line its capitation contract covers", e);
		p->posted_lines++;
		return 0;
	}
	if (!reversal && is_denial(p, paid, adjs)) {
		char reasons[200];
		reasons_text(adjs, json_object_get(l, "remarks"), reasons, sizeof reasons);
		return denial(p, cl, charge, reasons, e);
	}
	p->paid += paid;
	p->posted_lines++;
	add(p, ACCT_AR_INSURANCE, -paid, p->payer, cl->charge_id, NULL, NULL);
	json_array_foreach(adjs, i, a)
		adjust(p, cl->charge_id, json_string_value(json_object_get(a, "group")), json_string_value(json_object_get(a, "reason")),
		       json_integer_value(json_object_get(a, "amount_cents")));
	if (!reversal && p->order == 1 && cl->has_expected && paid + pr < cl->expected_cents) {
		char now[TS_LEN];
		ts_now(now);
		p->underpaid++;
		if (db_run(p->x->db, e,
			   "INSERT INTO underpayment (practice_id, claim_id, line_no, payer_id, remittance_claim_id, expected_cents, "
			   "allowed_cents, paid_cents, status, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'open', $9)",
			   "iiiiiiiis", ctx_practice(p->x), p->claim, cl->line_no, p->payer, p->rc_id, cl->expected_cents, paid + pr, paid,
			   now) < 0)
			return -1;
	}
	return 0;
}

/* A claim paid without service lines: the payment and each adjustment spread over the
 * claim's charges in line order, each charge taking up to what the payer still owes on it
 * (the last takes the rest). */
static int post_whole_claim(posting *p, json_t *rc, err *e)
{
	int64_t owed[BILL_MAX_LINES];
	for (int i = 0; i < p->nlines; i++)
		if (ledger_charge_balance(p->x, p->lines[i].charge_id, p->payer, &owed[i], e))
			return -1;
	struct {
		const char *group, *reason;
		int64_t cents;
	} parts[32];
	int n = 0;
	parts[n].group = parts[n].reason = NULL; /* the payment */
	parts[n++].cents = json_integer_value(json_object_get(rc, "paid_cents"));
	size_t k;
	json_t *a;
	json_array_foreach(json_object_get(rc, "adjustments"), k, a) if (n < 32) {
		parts[n].group = json_string_value(json_object_get(a, "group"));
		parts[n].reason = json_string_value(json_object_get(a, "reason"));
		parts[n].cents = json_integer_value(json_object_get(a, "amount_cents"));
		n += !prior_payers(p, parts[n].group, parts[n].reason);
	}
	for (int j = 0; j < n; j++) {
		int64_t left = parts[j].cents;
		for (int i = 0; i < p->nlines && left; i++) {
			/* a take-back (negative) goes to the first charge; the last charge takes the rest */
			int64_t take = i == p->nlines - 1 || left < 0 ? left : owed[i] > 0 ? (owed[i] < left ? owed[i] : left) : 0;
			if (!take)
				continue;
			owed[i] -= take;
			left -= take;
			if (!parts[j].group) {
				p->paid += take;
				add(p, ACCT_AR_INSURANCE, -take, p->payer, p->lines[i].charge_id, NULL, NULL);
			} else
				adjust(p, p->lines[i].charge_id, parts[j].group, parts[j].reason, take);
		}
	}
	p->posted_lines = p->nlines;
	return 0;
}

/* Loads the claim and who owes after its payer. */
static int load_claim(posting *p, err *e)
{
	db_stmt *st = db_prepare(p->x->db,
				 "SELECT c.payer_id, c.patient_id, c.encounter_id, c.payer_order, c.service_date, "
				 /* LIMIT, not MIN: MIN(payer_id) would walk the payer index of every claim */
				 "(SELECT n.payer_id FROM claim n WHERE n.practice_id = c.practice_id AND n.encounter_id = c.encounter_id "
				 " AND n.payer_order = c.payer_order + 1 AND n.replaced_by IS NULL AND n.status <> 'closed' LIMIT 1) "
				 "FROM claim c WHERE c.id = $1 AND c.practice_id = $2",
				 e);
	if (!st)
		return -1;
	db_bindv(st, "ii", p->claim, ctx_practice(p->x));
	int rc = db_step(st, e);
	if (rc == DB_ROW) {
		p->payer = db_col_i64(st, 0);
		p->patient = db_col_i64(st, 1);
		p->encounter = db_col_i64(st, 2);
		p->order = db_col_i64(st, 3);
		snprintf(p->dos, sizeof p->dos, "%s", db_col_text(st, 4));
		p->next_payer = db_col_null(st, 5) ? 0 : db_col_i64(st, 5);
	}
	db_done(st);
	if (rc != DB_ROW)
		return rc == DB_ERR ? -1 : err_set(e, ERR_NOT_FOUND, "claim %lld not found", (long long)p->claim);
	st = db_prepare(p->x->db,
			"SELECT line_no, charge_id, charge_cents, expected_cents, capitated FROM claim_line WHERE claim_id = $1 "
			"ORDER BY line_no",
			e);
	if (!st)
		return -1;
	db_bind_i64(st, 1, p->claim);
	p->nlines = 0;
	while ((rc = db_step(st, e)) == DB_ROW && p->nlines < BILL_MAX_LINES) {
		cl_line *l = &p->lines[p->nlines++];
		l->line_no = db_col_i64(st, 0);
		l->charge_id = db_col_i64(st, 1);
		l->charge_cents = db_col_i64(st, 2);
		l->has_expected = !db_col_null(st, 3);
		l->expected_cents = l->has_expected ? db_col_i64(st, 3) : 0;
		l->capitated = db_col_i64(st, 4) != 0;
	}
	db_done(st);
	return rc == DB_ERR ? -1 : 0;
}

/* Posts one remittance claim (inside the caller's transaction). */
static int post_claim(posting *p, json_t *rc, const char *method, const char *trace, err *e)
{
	if (!p->claim)
		return exception(p, 0, json_integer_value(json_object_get(rc, "paid_cents")),
				 "the claim was not matched to a claim of the practice", e);
	if (load_claim(p, e))
		return -1;
	const char *status = json_string_value(json_object_get(rc, "status"));
	bool reversal = status && !strcmp(status, "22");
	/* a second payment of a claim already posted (and not taken back) waits for review */
	int64_t standing = 0;
	if (db_one_i64(p->x->db, e, &standing,
		       "SELECT COALESCE(SUM(CASE WHEN rc.status = '22' THEN -1 ELSE 1 END), 0) FROM remittance_posting rp "
		       "JOIN remittance_claim rc ON rc.id = rp.remittance_claim_id WHERE rc.claim_id = $1 AND rc.practice_id = $2 "
		       "AND rp.outcome <> 'exception'",
		       "ii", p->claim, ctx_practice(p->x)) < 0)
		return -1;
	if (standing > 0 && !reversal)
		return exception(p, 0, json_integer_value(json_object_get(rc, "paid_cents")),
				 "the claim was posted from an earlier remittance: a second payment waits for review", e);
	json_t *lines = json_object_get(rc, "lines"), *l, *a;
	size_t i, k;
	/* the claim balances: charge - paid = every adjustment, claim-level and line-level */
	int64_t gap = json_integer_value(json_object_get(rc, "charge_cents")) - json_integer_value(json_object_get(rc, "paid_cents"));
	json_array_foreach(json_object_get(rc, "adjustments"), k, a) gap -= json_integer_value(json_object_get(a, "amount_cents"));
	json_array_foreach(lines, i, l) json_array_foreach(json_object_get(l, "adjustments"), k, a) gap -=
		json_integer_value(json_object_get(a, "amount_cents"));
	if (gap) {
		char why[120];
		snprintf(why, sizeof why, "the claim does not balance: charge less payment differs from its adjustments by %lld cents",
			 (long long)gap);
		return exception(p, 0, json_integer_value(json_object_get(rc, "paid_cents")), why, e);
	}
	if (json_array_size(lines) == 0) {
		if (!reversal && status && !strcmp(status, "4")) {
			char reasons[200];
			reasons_text(json_object_get(rc, "adjustments"), json_object_get(rc, "remarks"), reasons, sizeof reasons);
			if (denial(p, NULL, json_integer_value(json_object_get(rc, "charge_cents")), reasons, e))
				return -1;
		} else if (post_whole_claim(p, rc, e))
			return -1;
	} else {
		json_array_foreach(lines, i, l) if (post_line(p, l, (int64_t)i + 1, reversal, e)) return -1;
		/* beside line detail, claim-level adjustments are taken from the payment (CLP04 is the
		 * lines' payments less them): they reduce the cash, not the payer's A/R, and a PR one
		 * is the patient's (or next payer's) to pay, on the first charge */
		json_array_foreach(json_object_get(rc, "adjustments"), i, a) if (p->nlines && p->posted_lines) {
			const char *g = json_string_value(json_object_get(a, "group")), *r = json_string_value(json_object_get(a, "reason"));
			int64_t cents = json_integer_value(json_object_get(a, "amount_cents"));
			if (prior_payers(p, g, r))
				continue;
			p->paid -= cents;
			if (!strcmp(g, "PR"))
				add(p, p->next_payer ? ACCT_AR_INSURANCE : ACCT_AR_PATIENT, cents, p->next_payer, p->lines[0].charge_id, g, r);
			else
				add(p, !strcmp(g, "CO") && !strcmp(r, "45") ? ACCT_CONTRACTUAL : ACCT_ADJUSTMENT, cents, 0,
				    p->lines[0].charge_id, g, r);
		}
	}
	add(p, ACCT_CASH, p->paid, 0, 0, NULL, NULL);
	char key[40];
	snprintf(key, sizeof key, "remit-claim:%lld", (long long)p->rc_id);
	int64_t entry = 0;
	ledger_entry en = {.kind = "insurance_payment", .effective_date = p->date, .patient_id = p->patient, .payer_id = p->payer,
			   .claim_id = p->claim, .remittance_id = p->remittance, .method = method, .reference = trace,
			   .idempotency_key = key, .key_is_new = true, .lines = p->out, .nlines = p->nout};
	if (p->nout && ledger_post(p->x, &en, &entry, NULL, e))
		return -1;
	/* the patient's share may be met by a credit they already have (a copay paid at the desk) */
	int64_t applied;
	for (int o = 0; o < p->nout; o++)
		if (!strcmp(p->out[o].account, ACCT_AR_PATIENT) && p->out[o].amount_cents > 0) {
			if (ledger_apply_credit(p->x, p->patient, &applied, e))
				return -1;
			break;
		}
	json_object_set_new(p->report, "entry_id", entry ? json_integer(entry) : json_null());
	if (reversal)
		return 0;
	/* where the claim stands now */
	const char *to = p->posted_lines == 0 && p->denied ? "denied" : p->denied ? "partial" : p->posted_lines ? "paid" : NULL;
	json_t *answer = json_array();
	char note[48];
	snprintf(note, sizeof note, "835 posted (remittance %lld)", (long long)p->remittance);
	int r = to ? claim_answer(p->x, p->claim, to, json_string_value(json_object_get(rc, "payer_claim_number")), note, answer, e) : 0;
	json_decref(answer);
	if (r)
		return -1;
	/* the next payer's claim may go now */
	if (p->next_payer && strcmp(to ? to : "", "denied")) {
		int64_t next = 0;
		if (db_one_i64(p->x->db, e, &next,
			       "SELECT id FROM claim WHERE practice_id = $1 AND encounter_id = $2 AND payer_id = $3 AND replaced_by IS NULL "
			       "AND status IN ('draft', 'ready')",
			       "iii", ctx_practice(p->x), p->encounter, p->next_payer) < 0 ||
		    (next && claim_rescrub(p->x, next, NULL, e)))
			return -1;
		if (next)
			json_object_set_new(p->report, "next_claim_id", json_integer(next));
	}
	return 0;
}

/* Provider-level adjustments of the remittance, once. */
static int post_plb(ctx *x, int64_t remittance, json_t *doc, const char *date, err *e)
{
	ledger_line lines[2 * 64];
	int n = 0;
	size_t i;
	json_t *a;
	json_array_foreach(json_object_get(doc, "provider_adjustments"), i, a) if (n + 2 <= 2 * 64) {
		int64_t c = json_integer_value(json_object_get(a, "amount_cents"));
		const char *reason = json_string_value(json_object_get(a, "reason"));
		lines[n++] = (ledger_line){ACCT_CASH, -c, 0, 0, 0, NULL, reason};
		lines[n++] = (ledger_line){ACCT_ADJUSTMENT, c, 0, 0, 0, "PLB", reason};
	}
	char key[40];
	snprintf(key, sizeof key, "remit-plb:%lld", (long long)remittance);
	ledger_entry en = {.kind = "provider_adjustment", .effective_date = date, .remittance_id = remittance,
			   .idempotency_key = key, .lines = lines, .nlines = n};
	return n ? ledger_post(x, &en, NULL, NULL, e) : 0;
}

#define POST_BATCH 250

/* Posts remittance claims todo[from..to) inside a new transaction, each report appended to
 * `claims`; `careful` gives each claim a savepoint, so one that fails is rolled back alone
 * and becomes an exception. Returns 0; 1 when a claim failed without `careful` (the
 * transaction is left for the caller to roll back); -1 on an error that stops the posting. */
static int post_batch(ctx *x, posting *p, json_t *doc, int64_t (*todo)[3], int from, int to, bool careful, json_t *claims,
		      const char *method, const char *trace, const char *date, err *e)
{
	if (db_begin(x->db, e))
		return -1;
	char now[TS_LEN];
	ts_now(now);
	for (int k = from; k < to; k++) {
		/* a fresh posting (not memset: out[] is large, and nout says what of it is used) */
		p->nout = p->nlines = p->denied = p->posted_lines = p->exceptions = p->underpaid = 0;
		p->paid = p->payer = p->patient = p->encounter = p->order = p->next_payer = 0;
		p->dos[0] = 0;
		p->x = x;
		p->rc_id = todo[k][0];
		p->claim = todo[k][2];
		snprintf(p->date, sizeof p->date, "%s", date);
		p->report = json_pack("{s:I, s:o, s:[]}", "remittance_claim_id", (json_int_t)p->rc_id, "claim_id",
				      p->claim ? json_integer(p->claim) : json_null(), "exceptions");
		json_array_append_new(claims, p->report);
		json_t *rcj = json_array_get(json_object_get(doc, "claims"), (size_t)todo[k][1] - 1);
		int mark = ctx_audit_batch_mark(x);
		if (careful && db_run(x->db, e, "SAVEPOINT claim_posting", "") < 0)
			return -1;
		if (post_claim(p, rcj, method, trace, e)) {
			if (!careful) {
				err_clear(e);
				return 1;
			}
			char why[sizeof e->msg + 40];
			snprintf(why, sizeof why, "could not be posted: %s", e->msg);
			err_clear(e);
			p->nout = p->posted_lines = p->denied = 0;
			ctx_audit_batch_rewind(x, mark);
			if (db_run(x->db, e, "ROLLBACK TO SAVEPOINT claim_posting", "") < 0 ||
			    exception(p, 0, json_integer_value(json_object_get(rcj, "paid_cents")), why, e))
				return -1;
			json_object_set_new(p->report, "entry_id", json_null());
		}
		const char *outcome = p->exceptions && !p->posted_lines && !p->denied ? "exception"
				      : p->denied && !p->posted_lines			 ? "denied"
											 : "posted";
		if (db_run(x->db, e,
			   "INSERT INTO remittance_posting (remittance_claim_id, practice_id, outcome, entry_id, created_at) "
			   "VALUES ($1, $2, $3, $4, $5)",
			   "iisns", p->rc_id, ctx_practice(x), outcome, json_integer_value(json_object_get(p->report, "entry_id")),
			   now) < 0 ||
		    (careful && db_run(x->db, e, "RELEASE SAVEPOINT claim_posting", "") < 0))
			return -1;
		json_object_set_new(p->report, "outcome", json_string(outcome));
		json_object_set_new(p->report, "paid_cents", json_integer(p->paid));
		json_object_set_new(p->report, "denials", json_integer(p->denied));
		json_object_set_new(p->report, "underpayments", json_integer(p->underpaid));
	}
	return 0;
}

int remit_post(ctx *x, int64_t remittance, json_t *given, json_t **out, err *e)
{
	db_stmt *st = db_prepare(x->db,
				 "SELECT CASE WHEN $3 = 1 THEN '' ELSE document END, COALESCE(paid_on, ''), method, trace FROM remittance "
				 "WHERE id = $1 AND practice_id = $2",
				 e);
	if (!st)
		return -1;
	db_bindv(st, "iii", remittance, ctx_practice(x), (int64_t)(given != NULL));
	int r = db_step(st, e);
	json_t *doc = NULL;
	char date[11] = "", method[16] = "", trace[64] = "";
	if (r == DB_ROW) {
		doc = given ? json_incref(given) : json_loads(db_col_text(st, 0), 0, NULL);
		if (!date_normalise(db_col_text(st, 1), date)) /* a payer's impossible BPR16: the day it came */
			practice_today(x->db, ctx_practice(x), date);
		snprintf(method, sizeof method, "%s", db_col_text(st, 2));
		snprintf(trace, sizeof trace, "%s", db_col_null(st, 3) ? "" : db_col_text(st, 3));
	}
	db_done(st);
	if (r != DB_ROW)
		return r == DB_ERR ? -1 : err_set(e, ERR_NOT_FOUND, "remittance %lld not found", (long long)remittance);
	json_t *claims = json_array();
	*out = json_pack("{s:I, s:o}", "remittance_id", (json_int_t)remittance, "claims", claims);
	posting *p = calloc(1, sizeof *p);
	if (!p || !doc) {
		free(p);
		json_decref(doc);
		return err_set(e, ERR_INTERNAL, p ? "the remittance cannot be read" : "out of memory");
	}
	p->remittance = remittance;
	/* the claims not yet posted, a page at a time (each page's claims get their posting row);
	 * their audit events are written with each batch's commit */
	int64_t todo[512][3];
	int n = 0, rc = ctx_audit_batch_begin(x, e);
	if (rc) {
		free(p);
		json_decref(doc);
		json_decref(*out);
		*out = NULL;
		return -1;
	}
next_page:
	n = 0;
	st = db_prepare(x->db,
			"SELECT rc.id, rc.seq, rc.claim_id FROM remittance_claim rc WHERE rc.remittance_id = $1 "
			"AND NOT EXISTS (SELECT 1 FROM remittance_posting p WHERE p.remittance_claim_id = rc.id) ORDER BY rc.seq LIMIT 512",
			e);
	if (st) {
		db_bind_i64(st, 1, remittance);
		while ((r = db_step(st, e)) == DB_ROW && n < 512) {
			todo[n][0] = db_col_i64(st, 0);
			todo[n][1] = db_col_i64(st, 1);
			todo[n++][2] = db_col_null(st, 2) ? 0 : db_col_i64(st, 2);
		}
		db_done(st);
	}
	rc = !st || r == DB_ERR ? -1 : 0;
	/* claims go in batches of one transaction (one fsync). A claim that fails is rolled back
	 * alone and waits as an exception: that needs a savepoint per claim, whose page copies
	 * cost a tenth of the posting, so a batch is first posted without them and only done
	 * again, claim by claim, if one of its claims fails. */
	for (int from = 0; !rc && from < n; from += POST_BATCH) {
		int to = from + POST_BATCH < n ? from + POST_BATCH : n;
		size_t reported = json_array_size(claims);
		int mark = ctx_audit_batch_mark(x);
		int fast = post_batch(x, p, doc, todo, from, to, false, claims, method, trace, date, e);
		if (fast > 0) { /* a claim failed: nothing of the batch stays */
			db_rollback(x->db);
			ctx_audit_batch_rewind(x, mark);
			while (json_array_size(claims) > reported)
				json_array_remove(claims, json_array_size(claims) - 1);
			fast = post_batch(x, p, doc, todo, from, to, true, claims, method, trace, date, e);
		}
		rc = fast ? -1 : ctx_audit_batch_flush(x, e) || db_commit(x->db, e) ? -1 : 0;
	}
	if (rc && db_in_tx(x->db))
		db_rollback(x->db);
	if (!rc && n == 512)
		goto next_page;
	ctx_audit_batch_end(x); /* what was not flushed was rolled back */
	if (!rc) {
		bool own;
		rc = db_tx_begin(x->db, &own, e) ? -1 : db_tx_end(x->db, own, post_plb(x, remittance, doc, date, e), e);
	}
	free(p);
	json_decref(doc);
	if (rc) {
		json_decref(*out);
		*out = NULL;
	}
	return rc;
}
