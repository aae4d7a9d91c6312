/* payments.c: what the desk and the billing office post by hand (see ledger.h): patient
 * payments applied to the oldest balances (the rest kept as a credit), credits applied,
 * refunds, adjustments and write-offs, and transfers between who owes. Each is one entry. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/timeutil.h"
#include "access/resource.h"
#include "ledger/ledger.h"

#define MAX_APPLY 200

static const char *const methods[] = {"cash", "check", "card", "eft", "other", NULL};

static bool one_of(const char *v, const char *const *set)
{
	for (; v && *set; set++)
		if (!strcmp(v, *set))
			return true;
	return false;
}

/* Ends a posting by hand: the entry as the answer, with whether it was a replay. */
static int answer(ctx *x, int rc, int64_t id, bool dup, json_t **out, err *e)
{
	if (rc || ledger_entry_get(x, id, out, e))
		return -1;
	json_object_set_new(*out, "duplicate", json_boolean(dup));
	return 0;
}

static int64_t cents_field(json_t *in, const char *key, err *e)
{
	json_t *v = json_object_get(in, key);
	if (!json_is_integer(v) || json_integer_value(v) <= 0 || json_integer_value(v) > 100000000000LL) {
		err_field(e, key, "must be a positive amount in cents");
		return 0;
	}
	return json_integer_value(v);
}

static int patient_ref(ctx *x, json_t *in, int64_t *patient, err *e)
{
	*patient = json_integer_value(json_object_get(in, "patient_id"));
	/* a field error is kept with the others; only a database error stops here */
	return res_ref(x, "patient", *patient, "patient_id", e) && !err_has_fields(e) ? -1 : 0;
}

int ledger_account_holder(ctx *x, int64_t patient, int64_t *holder, err *e)
{
	*holder = patient;
	return db_one_i64(x->db, e, holder,
			  "SELECT COALESCE(guarantor_patient_id, id) FROM patient WHERE id = $1 AND practice_id = $2", "ii", patient,
			  ctx_practice(x)) < 0
		       ? -1
		       : 0;
}

/* The account's charges with a balance its patients owe, oldest visit first. */
static int open_charges(ctx *x, int64_t holder, int64_t ids[MAX_APPLY], int64_t who[MAX_APPLY], int64_t owed[MAX_APPLY],
			int *n, err *e)
{
	db_stmt *st = db_prepare(x->db,
				 "SELECT l.charge_id, l.patient_id, SUM(l.amount_cents) FROM journal_line l JOIN charge c ON c.id = l.charge_id "
				 "JOIN encounter en ON en.id = c.encounter_id WHERE l.practice_id = $1 AND l.patient_id IN " ACCOUNT_MEMBERS(2)
				 " AND l.account = '1110' GROUP BY l.charge_id, l.patient_id, en.service_date HAVING SUM(l.amount_cents) > 0 "
				 "ORDER BY en.service_date, l.charge_id",
				 e);
	if (!st)
		return -1;
	db_bindv(st, "ii", ctx_practice(x), holder);
	int rc;
	*n = 0;
	while ((rc = db_step(st, e)) == DB_ROW && *n < MAX_APPLY) {
		ids[*n] = db_col_i64(st, 0);
		who[*n] = db_col_i64(st, 1);
		owed[(*n)++] = db_col_i64(st, 2);
	}
	db_done(st);
	return rc == DB_ERR ? -1 : 0;
}

/* The credit of the account whose holder is `holder` (the credit account is a liability:
 * credits are negative amounts). */
static int account_credit(ctx *x, int64_t holder, int64_t *cents, err *e)
{
	return db_one_i64(x->db, e, cents,
			  "SELECT COALESCE(-SUM(amount_cents), 0) FROM journal_line WHERE practice_id = $1 AND patient_id IN "
			  ACCOUNT_MEMBERS(2) " AND account = '2100'",
			  "ii", ctx_practice(x), holder) < 0
		       ? -1
		       : 0;
}

int ledger_credit_balance(ctx *x, int64_t patient, int64_t *cents, err *e)
{
	int64_t holder;
	return ledger_account_holder(x, patient, &holder, e) || account_credit(x, holder, cents, e) ? -1 : 0;
}

/* Spreads `amount` over the account's open charges, oldest first: A/R lines into out[]. */
static int spread(ctx *x, int64_t holder, int64_t amount, ledger_line *out, int *n, int64_t *applied, err *e)
{
	int64_t ids[MAX_APPLY], who[MAX_APPLY], owed[MAX_APPLY];
	int m;
	if (open_charges(x, holder, ids, who, owed, &m, e))
		return -1;
	*applied = 0;
	for (int i = 0; i < m && amount > *applied; i++) {
		int64_t take = owed[i] < amount - *applied ? owed[i] : amount - *applied;
		out[(*n)++] = (ledger_line){ACCT_AR_PATIENT, -take, who[i], 0, ids[i], NULL, NULL};
		*applied += take;
	}
	return 0;
}

int ledger_apply_credit(ctx *x, int64_t patient, int64_t *applied, err *e)
{
	int64_t credit, holder;
	*applied = 0;
	if (ledger_account_holder(x, patient, &holder, e) || account_credit(x, holder, &credit, e))
		return -1;
	if (credit <= 0)
		return 0;
	ledger_line lines[MAX_APPLY + 1];
	int n = 0;
	if (spread(x, holder, credit, lines, &n, applied, e))
		return -1;
	if (!*applied)
		return 0;
	lines[n++] = (ledger_line){ACCT_CREDIT, *applied, holder, 0, 0, NULL, NULL};
	ledger_entry en = {.kind = "credit_apply", .patient_id = holder, .lines = lines, .nlines = n};
	return ledger_post(x, &en, NULL, NULL, e);
}

int ledger_patient_payment(ctx *x, json_t *in, const char *idem, json_t **out, err *e)
{
	int64_t patient, amount = cents_field(in, "amount_cents", e);
	if (patient_ref(x, in, &patient, e))
		return -1;
	const char *method = json_string_value(json_object_get(in, "method"));
	if (!one_of(method, methods))
		err_field(e, "method", "must be cash, check, card, eft or other");
	const char *ref = json_string_value(json_object_get(in, "reference"));
	if (ref && strlen(ref) > 60)
		err_field(e, "reference", "must be at most 60 characters");
	const char *date = json_string_value(json_object_get(in, "received_on"));
	char day[11] = "";
	if (date && !date_normalise(date, day))
		err_field(e, "received_on", "must be a date YYYY-MM-DD");
	if (err_has_fields(e))
		return -1;
	bool own, dup = false;
	if (db_tx_begin(x->db, &own, e))
		return -1;
	ledger_line lines[MAX_APPLY + 2];
	int n = 0;
	int64_t applied = 0, id = 0, holder;
	/* a payment for any patient of a family account goes to the account's oldest balances */
	int rc = ledger_account_holder(x, patient, &holder, e) || spread(x, holder, amount, lines + 1, &n, &applied, e) ? -1 : 0;
	lines[0] = (ledger_line){ACCT_CASH, amount, patient, 0, 0, NULL, NULL};
	n++;
	if (amount > applied) /* the rest waits as the account's credit */
		lines[n++] = (ledger_line){ACCT_CREDIT, -(amount - applied), holder, 0, 0, NULL, NULL};
	ledger_entry en = {.kind = "payment", .effective_date = *day ? day : NULL, .patient_id = patient, .method = method,
			   .reference = ref, .idempotency_key = idem, .lines = lines, .nlines = n};
	if (!rc)
		rc = ledger_post(x, &en, &id, &dup, e);
	if (!rc && !dup)
		rc = payment_plan_settle(x, holder, e);
	return answer(x, db_tx_end(x->db, own, rc, e), id, dup, out, e);
}

/* Who owes a charge, from the request: payer_id, or 0 for the patient. */
static int charge_ref(ctx *x, json_t *in, int64_t *charge, int64_t *patient, err *e)
{
	*charge = json_integer_value(json_object_get(in, "charge_id"));
	*patient = 0;
	int r = *charge > 0 ? db_one_i64(x->db, e, patient,
					 "SELECT en.patient_id FROM charge c JOIN encounter en ON en.id = c.encounter_id "
					 "WHERE c.id = $1 AND c.practice_id = $2",
					 "ii", *charge, ctx_practice(x))
			    : 0;
	if (r < 0)
		return -1;
	if (!r)
		err_field(e, "charge_id", "must be one of this practice's charges");
	return 0;
}

static int payer_of(json_t *in, const char *key, int64_t *payer, err *e)
{
	json_t *v = json_object_get(in, key);
	*payer = json_is_integer(v) ? json_integer_value(v) : 0;
	if (v && !json_is_null(v) && (!json_is_integer(v) || *payer <= 0))
		return err_field(e, key, "must be a payer id, or null for the patient");
	return 0;
}

int ledger_adjust(ctx *x, json_t *in, const char *idem, json_t **out, err *e)
{
	int64_t charge, patient, payer, amount = cents_field(in, "amount_cents", e);
	if (charge_ref(x, in, &charge, &patient, e))
		return -1;
	payer_of(in, "payer_id", &payer, e);
	const char *kind = json_string_value(json_object_get(in, "kind"));
	if (!kind || (strcmp(kind, "adjustment") && strcmp(kind, "writeoff")))
		err_field(e, "kind", "must be adjustment or writeoff");
	const char *reason = json_string_value(json_object_get(in, "reason"));
	if (!reason || !*reason || strlen(reason) > 200)
		err_field(e, "reason", "is required (at most 200 characters)");
	const char *group = json_string_value(json_object_get(in, "group")), *carc = json_string_value(json_object_get(in, "carc"));
	if (group && !one_of(group, (const char *const[]){"CO", "PR", "OA", "PI", NULL}))
		err_field(e, "group", "must be CO, PR, OA or PI");
	if (err_has_fields(e))
		return -1;
	if (!strcmp(kind, "writeoff") && !ctx_can(x, P_WRITEOFF))
		return err_set(e, ERR_FORBIDDEN, "writing off needs the writeoff permission");
	bool own, dup = false;
	int64_t owed, id = 0;
	if (db_tx_begin(x->db, &own, e))
		return -1;
	int rc = ledger_charge_balance(x, charge, payer, &owed, e);
	if (!rc && amount > owed)
		rc = err_field(e, "amount_cents", "is more than the %lld cents owed on the charge by %s", (long long)owed,
			       payer ? "that payer" : "the patient");
	ledger_line lines[2] = {{payer ? ACCT_AR_INSURANCE : ACCT_AR_PATIENT, -amount, patient, payer, charge, group, carc},
				{!strcmp(kind, "writeoff") ? ACCT_WRITEOFF : ACCT_ADJUSTMENT, amount, patient, 0, charge, group, carc}};
	ledger_entry en = {.kind = kind, .patient_id = patient, .payer_id = payer, .reason = reason, .idempotency_key = idem,
			   .lines = lines, .nlines = 2};
	if (!rc)
		rc = ledger_post(x, &en, &id, &dup, e);
	return answer(x, db_tx_end(x->db, own, rc, e), id, dup, out, e);
}

int ledger_transfer(ctx *x, json_t *in, const char *idem, json_t **out, err *e)
{
	int64_t charge, patient, from, to;
	if (charge_ref(x, in, &charge, &patient, e))
		return -1;
	payer_of(in, "from_payer_id", &from, e);
	payer_of(in, "to_payer_id", &to, e);
	if (from == to)
		err_field(e, "to_payer_id", "must differ from from_payer_id");
	if (to && !err_has_fields(e) && res_ref(x, "payer", to, "to_payer_id", e) && !err_has_fields(e))
		return -1;
	json_t *amt = json_object_get(in, "amount_cents");
	int64_t amount = amt ? cents_field(in, "amount_cents", e) : 0;
	if (err_has_fields(e))
		return -1;
	bool own, dup = false;
	int64_t owed, id = 0, applied = 0;
	if (db_tx_begin(x->db, &own, e))
		return -1;
	int rc = ledger_charge_balance(x, charge, from, &owed, e);
	if (!rc && !amt)
		amount = owed; /* the whole balance, by default */
	if (!rc && (amount <= 0 || amount > owed))
		rc = err_field(e, "amount_cents", "the charge has %lld cents owed by %s to move", (long long)owed,
			       from ? "that payer" : "the patient");
	ledger_line lines[2] = {{from ? ACCT_AR_INSURANCE : ACCT_AR_PATIENT, -amount, patient, from, charge, NULL, NULL},
				{to ? ACCT_AR_INSURANCE : ACCT_AR_PATIENT, amount, patient, to, charge, NULL, NULL}};
	ledger_entry en = {.kind = "transfer", .patient_id = patient, .payer_id = to ? to : from, .idempotency_key = idem,
			   .reason = json_string_value(json_object_get(in, "reason")), .lines = lines, .nlines = 2};
	if (!rc)
		rc = ledger_post(x, &en, &id, &dup, e);
	if (!rc && !to && !dup) /* a credit waiting for this balance is applied to it */
		rc = ledger_apply_credit(x, patient, &applied, e);
	return answer(x, db_tx_end(x->db, own, rc, e), id, dup, out, e);
}

int ledger_refund(ctx *x, json_t *in, const char *idem, json_t **out, err *e)
{
	int64_t patient, amount = cents_field(in, "amount_cents", e);
	if (patient_ref(x, in, &patient, e))
		return -1;
	const char *method = json_string_value(json_object_get(in, "method")), *reason = json_string_value(json_object_get(in, "reason"));
	if (!one_of(method, methods))
		err_field(e, "method", "must be cash, check, card, eft or other");
	if (!reason || !*reason || strlen(reason) > 200)
		err_field(e, "reason", "is required (at most 200 characters)");
	if (err_has_fields(e))
		return -1;
	bool own, dup = false;
	int64_t credit, id = 0;
	if (db_tx_begin(x->db, &own, e))
		return -1;
	int64_t holder;
	int rc = ledger_account_holder(x, patient, &holder, e) || account_credit(x, holder, &credit, e) ? -1 : 0;
	if (!rc && amount > credit && !idem)
		rc = err_field(e, "amount_cents", "the patient has %lld cents of credit to refund", (long long)credit);
	ledger_line lines[2] = {{ACCT_CREDIT, amount, holder, 0, 0, NULL, NULL}, {ACCT_CASH, -amount, patient, 0, 0, NULL, NULL}};
	ledger_entry en = {.kind = "refund", .patient_id = patient, .method = method, .reason = reason,
			   .reference = json_string_value(json_object_get(in, "reference")), .idempotency_key = idem, .lines = lines,
			   .nlines = 2};
	if (!rc)
		rc = ledger_post(x, &en, &id, &dup, e);
	if (!rc && !dup && amount > credit) /* checked after the idempotent replay */
		rc = err_field(e, "amount_cents", "the patient has %lld cents of credit to refund", (long long)credit);
	return answer(x, db_tx_end(x->db, own, rc, e), id, dup, out, e);
}
