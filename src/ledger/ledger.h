/* ledger.h: the journal every cent moves through (DESIGN.md: "Money moves through one
 * journal").
 *
 * A financial event is one entry of signed lines (debit positive, credit negative) on the
 * practice's chart of accounts; the lines of an entry add up to zero or the entry is
 * refused. Entries are never changed: ledger_reverse writes the opposite entry (once).
 * Accounts receivable lines carry who owes (payer_id; 0 for the patient) and the charge
 * they are for, so every balance (a charge's, a patient's, a payer's, the aging) is a sum of
 * lines and they cannot disagree.
 *
 * Business rules that decide what to post (charges from encounters, remittances, payments)
 * live with their areas (billing/post_*.c, ledger/payments.c) and post through here. */
#ifndef PRAXIS_LEDGER_H
#define PRAXIS_LEDGER_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "access/access.h"
#include "formats/table.h"

/* The system accounts. */
#define ACCT_CASH "1000"          /* cash and deposits */
#define ACCT_AR_INSURANCE "1100"  /* accounts receivable: insurance, by payer */
#define ACCT_AR_PATIENT "1110"    /* accounts receivable: patients */
#define ACCT_CREDIT "2100"        /* patient credits not yet applied (a liability) */
#define ACCT_REVENUE "4000"       /* patient service revenue (gross charges) */
#define ACCT_CAPITATION "4010"    /* capitation revenue (per member per month) */
#define ACCT_CONTRACTUAL "4100"   /* contractual adjustments (CO-45 ...) */
#define ACCT_ADJUSTMENT "4110"    /* other adjustments (OA, PI, CO other than 45, PLB) */
#define ACCT_WRITEOFF "4120"      /* write-offs (small balances, bad debt, charity, denials) */
#define ACCT_CAPITATED "4130"     /* charges covered by capitation (CO-24): owed by nobody */

typedef struct ledger_line {
	const char *account;
	int64_t amount_cents;  /* debit positive, credit negative */
	int64_t patient_id;    /* 0: none */
	int64_t payer_id;      /* A/R insurance: who owes; 0 otherwise */
	int64_t charge_id;     /* A/R: what for; 0: none */
	const char *group;     /* CARC group of an adjustment, or NULL */
	const char *reason;    /* CARC reason, or NULL */
	const char *service_date; /* the charge's date of service when the caller knows it (NULL:
				     read from the charge's encounter) */
} ledger_line;

typedef struct ledger_entry {
	const char *kind;           /* charge, payment, insurance_payment, adjustment, writeoff, transfer,
				       refund, credit_apply, provider_adjustment, capitation_payment,
				       reversal */
	const char *effective_date; /* YYYY-MM-DD; NULL: today */
	int64_t patient_id, payer_id, claim_id, remittance_id, reverses; /* 0: none */
	const char *method, *reference, *reason, *idempotency_key;
	bool key_is_new; /* the caller knows the key was never used (a remittance claim posts once):
			    no lookup, the unique index still guards */
	const ledger_line *lines;
	int nlines;
} ledger_entry;

/* Inside the caller's transaction (or its own): writes the entry and its lines, dropping
 * zero lines, and an audit event with the patient. Refuses (ERR_INTERNAL: a programming
 * error) lines that do not add up to zero. With an idempotency key already used, writes
 * nothing and answers the earlier entry (*duplicate true). *id may be NULL. */
int ledger_post(ctx *x, const ledger_entry *en, int64_t *id, bool *duplicate, err *e);

/* Writes the opposite of entry `id` (kind reversal, reverses = id), once: a second reversal
 * is ERR_CONFLICT. */
int ledger_reverse(ctx *x, int64_t id, const char *reason, int64_t *out_id, err *e);

/* One entry with its lines, as JSON: {id, kind, effective_date, patient_id, payer_id,
 * claim_id, method, reference, reason, reverses, reversed_by, created_at, lines: [{account,
 * amount_cents, patient_id, payer_id, charge_id, group, reason}]}. */
int ledger_entry_get(ctx *x, int64_t id, json_t **out, err *e);

/* The balance of a charge owed by payer (0: by the patient). */
int ledger_charge_balance(ctx *x, int64_t charge_id, int64_t payer_id, int64_t *cents, err *e);

/* Family accounts: a patient whose guarantor is another patient of the practice belongs to
 * the guarantor's account (patient.guarantor_patient_id, one level). Payments for any of its
 * patients go to the account's oldest balances, credit is the account's (kept with the
 * holder), and statements, holds and payment plans are the holder's. */
int ledger_account_holder(ctx *x, int64_t patient, int64_t *holder, err *e);
/* SQL: the patients of the account whose holder is parameter $n, in a query whose $1 is the
 * practice. */
#define ACCOUNT_MEMBERS(n) \
	"(SELECT am.id FROM patient am WHERE am.practice_id = $1 AND (am.id = $" #n " OR am.guarantor_patient_id = $" #n "))"

/* --- posted by hand (payments.c); each answers the entry (ledger_entry_get) with
 * duplicate: true when the idempotency key (the Idempotency-Key header, or NULL) was used. */

/* A patient payment {patient_id, amount_cents, method (cash | check | card | eft | other),
 * reference?, received_on?}: applied to the open charges of the patient's account, oldest
 * visit first; the rest is kept as the account's credit. */
int ledger_patient_payment(ctx *x, json_t *in, const char *idem, json_t **out, err *e);
/* {charge_id, payer_id (null: the patient), amount_cents, kind (adjustment | writeoff),
 * reason, group?, carc?}: at most what that party owes on the charge; a write-off needs
 * P_WRITEOFF. */
int ledger_adjust(ctx *x, json_t *in, const char *idem, json_t **out, err *e);
/* {charge_id, from_payer_id, to_payer_id (null: the patient), amount_cents? (default: all
 * that is owed), reason?}: moves what is owed on a charge; a credit of the patient's then
 * applies to it. */
int ledger_transfer(ctx *x, json_t *in, const char *idem, json_t **out, err *e);
/* {patient_id, amount_cents, method, reference?, reason}: pays back the account's credit. */
int ledger_refund(ctx *x, json_t *in, const char *idem, json_t **out, err *e);
/* Applies the credit of the patient's account to its open charges, oldest first (*applied
 * cents). */
int ledger_apply_credit(ctx *x, int64_t patient, int64_t *applied, err *e);
/* The credit of the patient's account not yet applied, in cents. */
int ledger_credit_balance(ctx *x, int64_t patient, int64_t *cents, err *e);

/* --- read (balances.c) --- */

/* A patient's account: {balances: {insurance_cents, patient_cents, credit_cents}, entries:
 * [{id, kind, effective_date, method, reference, reason, reverses, insurance_cents,
 * patient_cents, credit_cents, balance: {insurance_cents, patient_cents, credit_cents}}]}
 * oldest first with running balances. Audited as a read of the patient's data. */
int ledger_patient_account(ctx *x, int64_t patient, json_t **out, err *e);
/* The family account a patient belongs to: {holder_id, members: [{patient_id, mrn, name,
 * holder, balances: {insurance_cents, patient_cents}}] (the holder first), balances:
 * {insurance_cents, patient_cents, credit_cents, due_cents (patients' balance less the
 * credit)}}. Audited as a read of the patient's data. */
int ledger_family_account(ctx *x, int64_t patient, json_t **out, err *e);
/* A/R aging as of a date (YYYY-MM-DD, NULL: today) by "payer" or "patient": {as_of, by,
 * buckets: ["0-30", "31-60", "61-90", "91-120", "120+"], rows: [{id, name, cents: [5],
 * total_cents}], totals: {cents: [5], total_cents}, ar_cents (all A/R lines: the same sum,
 * taken in the same pass)}. Age counts from the date of service. */
int ledger_aging(ctx *x, const char *by, const char *as_of, json_t **out, err *e);

/* Charges, payments and adjustments of a period [from, to] grouped by "provider" (the
 * visit's rendering provider), "payer" (who the entry was with; "Patients" for none), "code"
 * or "month": [{name, charges_cents, payments_cents, adjustments_cents}]. A payment counts
 * against the charge it paid, when it paid it (a credit counts once it is applied);
 * adjustments of no visit (an 835's PLB) count under "Not a visit's" by provider and code.
 * For spreadsheets: ledger_summary_columns (in dollars: charges, payments, adjustments). */
int ledger_summary(ctx *x, const char *by, const char *from, const char *to, json_t **out, err *e);
extern const column ledger_summary_columns[];
extern const int ledger_summary_ncolumns;

/* --- payment plans (plans.c) --- */

/* {patient_id, installment_cents, first_due, frequency (monthly | biweekly | weekly),
 * total_cents? (default: what the patient owes), note?}: one active plan per patient (a
 * second is ERR_CONFLICT); while active, the account is held from statements. Answers the
 * plan as payment_plan_get does. */
int payment_plan_create(ctx *x, json_t *in, json_t **out, err *e);
/* The patient's latest plan: {id, patient_id, status (active | completed | cancelled),
 * total_cents, installment_cents, frequency, first_due, note, cancel_reason, paid_cents (payments since it
 * began, less those reversed), expected_to_date_cents, behind_cents, schedule: [{due, amount_cents, paid_cents,
 * status: paid | part paid | due | late}], reminders: [{due, kind (upcoming | late), status,
 * attempts, outcome, sent_at}]}, or null when the account never had one. Reads only. */
int payment_plan_get(ctx *x, int64_t patient, json_t **out, err *e);
/* In the transaction of a patient payment: the account's active plan, once paid off,
 * becomes completed (audited), which ends its hold. */
int payment_plan_settle(ctx *x, int64_t holder, err *e);
/* Cancels an active plan {reason}, which ends its hold (a hold set by hand stays). */
int payment_plan_cancel(ctx *x, int64_t id, json_t *in, json_t **out, err *e);

/* For the plan's reminders (plan_reminders.c): the installments of a plan from its terms,
 * each with what the payments made since it began cover, in order; and those payments
 * (posted after the plan was made, not reversed). */
#define PLAN_MAX_INSTALLMENTS 120
typedef struct plan_installment {
	int64_t day, amount_cents, paid_cents; /* day: days since 1970-01-01 */
} plan_installment;
int plan_schedule(const char *first_due, const char *frequency, int64_t total, int64_t installment, int64_t paid,
		  plan_installment out[PLAN_MAX_INSTALLMENTS]);
int plan_paid(db *c, int64_t practice, int64_t plan, int64_t holder, int64_t *paid, err *e);

/* One pass of payment-plan reminders (the jobs thread, or on demand for one practice; 0:
 * all): an e-mail a few days before each installment not yet paid, and a notice once an
 * installment is a week late, each sent once (plan_reminder), with consent, retried on
 * failure and audited. The message says the amount and the date, nothing clinical. */
typedef struct plan_reminder_stats {
	int planned, sent, skipped, retrying, failed;
} plan_reminder_stats;
int plan_reminders_run(db *c, int64_t practice, plan_reminder_stats *s, err *e);

/* The chart of accounts as JSON [{code, name, type}] (the system accounts created first). */
int ledger_accounts(ctx *x, json_t **out, err *e);

#endif
