/* billing.h: from a visit to a clean claim.
 *
 * Setup (setup.c): payers, patients' coverage, the charge master (fees), payer contracts and
 * the practice's billing profile, as audited practice-scoped resources.
 * Prices (price.c): the practice's fee for a code on a date, and what a payer should pay
 * for it (a contract's listed amount, or a percentage of the Medicare fee computed from RVUs,
 * GPCIs and the conversion factor), so every line's expected amount is known before billing.
 * Encounters (encounter.c): a visit's diagnoses and service lines, from a checked-out
 * appointment or entered on their own; fees come from the charge master.
 * Claims (claim.c): one claim per encounter and payer in coverage order, the state machine
 * of a claim's life (diagram in claim.c), corrections and voids as new claims.
 * The scrubber (scrub.c): named edits run before a claim may leave the practice. */
#ifndef PRAXIS_BILLING_H
#define PRAXIS_BILLING_H

#include <jansson.h>

#include "access/resource.h"

typedef enum { BR_PAYER, BR_COVERAGE, BR_FEE, BR_CONTRACT, BR_CAPITATION } bill_res;
const resource *billing_resource(bill_res k);
extern const char *const payer_kinds[];

/* A patient's coverages, active first and in priority order: {items}. Audited read. */
int coverage_list_patient(ctx *x, int64_t patient_id, json_t **out, err *e);

/* The practice as a billing entity: GET answers 404 until it is first PUT; a PUT without
 * version creates it, with version changes it. */
int billing_profile_get(ctx *x, json_t **out, err *e);
int billing_profile_put(ctx *x, json_t *in, json_t **out, err *e);

/* What a code costs and pays on a date: {fee_cents, expected_cents|null, basis}.
 * q: {code, modifier?, payer_id?, date, pos_code?}. */
int price_quote(ctx *x, json_t *q, json_t **out, err *e);

/* Encounters: POST body {appointment_id | patient_id+service_date+rendering_provider_id+
 * location_id, billing_provider_id?, pos_code?, referring: {name, npi}?, prior_auth?,
 * diagnoses: ["E11.9", ...], lines: [{code, modifiers: [], units, pointers: [1, 2]}]}.
 * A PATCH {version, ...} is allowed while no claim of the encounter has left the practice
 * (its claims are draft, ready or rejected); they are rebuilt and scrubbed again.
 * encounter_create joins an open transaction (a batch); id_out and out may be NULL. */
int encounter_create(ctx *x, json_t *in, int64_t *id_out, json_t **out, err *e);
int encounter_get(ctx *x, int64_t id, json_t **out, err *e);
int encounter_update(ctx *x, int64_t id, json_t *patch, json_t **out, err *e);
/* Voids an encounter entered in error, with a reason: its claims that never left are
 * closed. Once a claim of it has been submitted, the claim is voided instead (ERR_STATE). */
int encounter_void(ctx *x, int64_t id, json_t *in, json_t **out, err *e);
/* Checked-out appointments of the last `days` days without an encounter: the visits
 * waiting for charge entry, newest first: {items}. */
int encounter_queue(ctx *x, int days, json_t **out, err *e);
/* f: {patient_id?, status?, from?, to?} (YYYY-MM-DD service dates). */
int encounter_list(ctx *x, json_t *f, int limit, int64_t after, json_t **out, err *e);

/* Claims of an encounter, one per payer of the coverages active on the date of service,
 * in priority order; claims that exist already are kept. Answers {items: [claim...]} when
 * out is not NULL. Joins an open transaction (a batch). */
int claims_build(ctx *x, int64_t encounter_id, json_t **out, err *e);
int claim_get(ctx *x, int64_t id, json_t **out, err *e);
/* f: {status?, payer_id?, patient_id?, edit?, encounter_id?} */
int claim_list(ctx *x, json_t *f, int limit, int64_t after, json_t **out, err *e);
/* Counts of current claims by status and of claims by edit, for the worklist. */
int claim_summary(ctx *x, json_t **out, err *e);
/* Runs the edits again (a draft, ready or rejected claim is rebuilt from its encounter
 * first); a claim without errors becomes ready, one with errors draft. */
int claim_scrub(ctx *x, int64_t id, json_t **out, err *e);
/* in: {status, note?, payer_claim_number?, version?}; an illegal step is ERR_STATE. */
int claim_transition(ctx *x, int64_t id, json_t *in, json_t **out, err *e);
/* A corrected (frequency 7) or void (frequency 8) claim replacing `id`. in: {note?}. */
int claim_replace(ctx *x, int64_t id, char frequency, json_t *in, json_t **out, err *e);
/* Everything a claim form or an 837P needs, gathered in one document (see doc.c). */
int claim_document(ctx *x, int64_t id, json_t **out, err *e);
/* The claim as a CMS-1500 (02/12) PDF (malloc'ed bytes). */
int claim_cms1500(ctx *x, int64_t id, char **pdf, size_t *len, err *e);

/* Electronic claims (batch.c). The EDI set-up: GET answers 404 until the first PUT; a PUT
 * without version creates it. */
int edi_settings_get(ctx *x, json_t **out, err *e);
int edi_settings_put(ctx *x, json_t *in, json_t **out, err *e);
/* An 837P batch of the ready claims in `in.claim_ids` (or every ready claim): {id, control,
 * claims, total_cents, claim_ids, skipped: [{claim_id, reason}], created_at}. The claims sent
 * become submitted; ERR_UNPROCESSABLE when none can go. */
int claim_batch_create(ctx *x, json_t *in, json_t **out, err *e);
int claim_batch_list(ctx *x, int limit, int64_t before_id, json_t **out, err *e);
/* The file as sent (malloc'ed), audited as an export. */
int claim_batch_file(ctx *x, int64_t id, char **data, size_t *len, err *e);

/* Remittances (remit.c): an 835 file read, reconciled and matched to claims. Importing the
 * same bytes again answers the first import with duplicate: true. Answers {file_id,
 * duplicate, remittances: [{id, payer_name, amount_cents, claims, unmatched, balanced}],
 * envelope_errors}. */
int remit_import(ctx *x, const char *name, const char *data, size_t len, json_t **out, err *e);
int remit_file_answer(ctx *x, int64_t file, bool duplicate, json_t *issues, json_t **out, err *e);
/* A remittance entered by hand (a paper EOB: eob.c), in the shape x835_read gives, kept
 * once per key (an Idempotency-Key; NULL: the same content is the same remittance) and
 * posted like an imported one; answers as remit_file_answer. */
int remit_enter(ctx *x, const char *key, json_t *doc, json_t **out, err *e);
/* With a key already entered: answers that remittance again (duplicate) and returns 1; 0
 * when the key is new. */
int remit_entered(ctx *x, const char *key, json_t **out, err *e);
/* A payer's paper EOB for a sent claim {paid_on?, method (check | eft | other), reference?,
 * payer_claim_number?, lines: [{line_no, paid_cents, adjustments?: [{group, reason,
 * amount_cents}], remarks?: [...]}]}: checked whole (each line balances: charge = paid +
 * adjustments) before anything is written, then entered and posted as a remittance. */
int eob_post(ctx *x, int64_t claim, json_t *in, const char *key, json_t **out, err *e);
/* One remittance as read, each claim and line with what it matched (claim_id, claim_line,
 * match: exact | modifiers_differ | code_only | none). */
int remit_get(ctx *x, int64_t id, json_t **out, err *e);
int remit_list(ctx *x, int limit, int64_t before_id, json_t **out, err *e);
/* Posts a remittance's claims not yet posted into the journal (post_remit.c: payments,
 * adjustments, the patient's share moved on, denials to the worklist, exceptions queued,
 * underpayments noted, claims moved to paid/partial/denied), each claim in a savepoint of
 * its own (a claim that fails is rolled back alone and queued as an exception; claims commit
 * in batches), then its provider-level adjustments once. Answers {remittance_id, claims:
 * [{remittance_claim_id, claim_id, outcome (posted | denied | exception), entry_id,
 * paid_cents, denials, underpayments, exceptions: [{line, reason}], next_claim_id?}]}.
 * doc: the remittance as just stored (an import posting at once), or NULL to read it. */
int remit_post(ctx *x, int64_t remittance, json_t *doc, json_t **out, err *e);
/* The worklists posting leaves (worklists.c): which is "denial", "underpayment" or
 * "posting_exception"; {items, next_cursor}. Filters (NULL or 0: all): status; payer_id
 * (denials, underpayments); reason, a CARC with its group or a RARC the denial carries. */
typedef struct worklist_filter {
	const char *status, *reason;
	int64_t payer_id;
} worklist_filter;
int posting_worklist(ctx *x, const char *which, const worklist_filter *f, int limit, int64_t after, json_t **out, err *e);
/* The revenue-cycle indicators of a period [from, to] (YYYY-MM-DD, kpis.c): {from, to,
 * totals: {charges_cents, payments_cents, contractual_cents, other_adjustments_cents,
 * ar_cents (at `to`)}, days_in_ar: {value, ar_cents, charges_cents, days}, and as {value,
 * numerator, denominator} (percentages; value null when nothing to divide by):
 * gross_collection_rate (payments / charges), net_collection_rate (payments / (charges -
 * contractual)), denial_rate (claims with a denial / claims adjudicated), clean_claim_rate
 * (claims sent and never rejected / claims sent), first_pass_resolution_rate (paid
 * on their one submission / claims decided), charge_lag_days (days from visit to charge
 * entry, average), ar_over_90_share (A/R over 90 days / A/R)}. Fee-for-service: charges
 * covered by capitation and capitation payments are left out. */
int revenue_cycle_kpis(ctx *x, const char *from, const char *to, json_t **out, err *e);
/* Reports (reports.c). Denials of a period [from, to] (YYYY-MM-DD, by the day denied) by
 * "reason" (the first CARC the payer gave, with its group) or "payer": {from, to, by, rows:
 * [{name, denials, amount_cents, unresolved_cents (open, appealed or resubmitted), open,
 * appealed, resubmitted, written_off, closed}] largest first, totals}. */
int denial_report(ctx *x, const char *by, const char *from, const char *to, json_t **out, err *e);
/* Patient collections of a period: {from, to, totals: {patient_responsibility_cents (what
 * became patients' to pay: self-pay charges, shares from payers, transfers),
 * patient_payments_cents (less refunds), paid_on_visit_day_cents, refunds_cents,
 * adjusted_cents (patients' balances adjusted or written off), collection_rate (payments /
 * responsibility, %)}, accounts: [{patient_id, mrn, name, stage (final notice |
 * collections), last_statement_on, balance_cents, last_payment_on}] (at most 500, still
 * owing)}. */
int collections_report(ctx *x, const char *from, const char *to, json_t **out, err *e);
/* Capitation (capitation.c). A contract (BR_CAPITATION: payer, period, pmpm_cents, carve_outs
 * "90471,90686") pays per member per month for the members on its monthly roster. */
typedef struct capitation {
	int64_t contract_id; /* 0: the visit is not capitated */
	char carve_outs[601];
} capitation;
/* The contract of the payer in force on the date of service whose roster of that month has
 * the patient (c->contract_id 0 when none). */
int capitation_for(ctx *x, int64_t payer, int64_t patient, const char *dos, capitation *c, err *e);
/* Whether a line's code is covered by the contract (not carved out); false without one. */
bool capitation_covers(const capitation *c, const char *code);
/* Replaces a month's roster {month: YYYY-MM, members: [{member_id, rate_cents? (default the
 * contract's pmpm)}]}; members are matched to patients by their coverage's member id with the
 * payer. Rows that cannot be read are left out and listed (rejected: [{field, message}]); the
 * others are kept. Answers the month's reconciliation with rejected. */
int capitation_roster_put(ctx *x, int64_t contract, json_t *in, json_t **out, err *e);
/* A month's roster: {contract_id, month, items: [{member_id, rate_cents, patient_id, mrn,
 * patient_name}], next_cursor}. */
int capitation_roster_get(ctx *x, int64_t contract, const char *month, int limit, int64_t after, json_t **out, err *e);
/* A capitation payment {contract_id, month, amount_cents (negative: a take-back), method (eft |
 * check | other), reference?, received_on?, members?: [{member_id, amount_cents}]}: cash
 * against capitation revenue; idempotent by key. Answers the month's reconciliation with
 * entry_id and duplicate. */
int capitation_payment_post(ctx *x, json_t *in, const char *idem, json_t **out, err *e);
/* A month's payments against its roster: {contract_id, month, members, matched, unmatched,
 * expected_cents, paid_cents (payments not reversed), difference_cents, status (no roster |
 * not paid | reconciled | underpaid | overpaid), payments: [...], and when a payment lists
 * members: unpaid, not_on_roster, wrong_amount: [{member_id, patient_id, expected_cents,
 * paid_cents}]}. */
int capitation_reconcile(ctx *x, int64_t contract, const char *month, json_t **out, err *e);
/* Revenue per member of months [from, to] (YYYY-MM, at most 36): rows per contract and month
 * {contract_id, contract, payer, month, members, expected_cents, paid_cents,
 * revenue_per_member_cents, visits, capitated_charges_cents (what the members' capitated
 * lines would have charged), charges_per_member_cents} and totals {member_months,
 * expected_cents, paid_cents, revenue_per_member_cents, visits, capitated_charges_cents,
 * visits_per_1000_member_months}. */
int capitation_report(ctx *x, const char *from, const char *to, json_t **out, err *e);
/* Patient statements (statements.c): a run for every patient whose billable balance (charges
 * with nothing left with a payer, less credit) is at least min_balance_cents (default 500)
 * and whose account is not on hold: {min_balance_cents?, as_of?} -> {id, as_of,
 * min_balance_cents, statements, collections, total_cents}. Each statement is kept as
 * printed; a run's statements as one PDF; one patient's statement as of today (PDF,
 * ERR_UNPROCESSABLE when nothing is billable). Holds: {reason} sets, {reason: null} lifts. */
int statement_run_create(ctx *x, json_t *in, json_t **out, err *e);
int statement_run_pdf(ctx *x, int64_t run, char **pdf, size_t *len, err *e);
/* The runs, newest first: {items: [{id, as_of, min_balance_cents, statements, collections,
 * total_cents, created_at, created_by}], next_cursor}. */
int statement_run_list(ctx *x, int limit, int64_t before, json_t **out, err *e);
/* A run's mailing list for the mail house, one row per printed statement in the PDF's order
 * (statement, account, notice, addressee and address, amount due, page): CSV. */
int statement_run_mailing(ctx *x, int64_t run, char **csv, size_t *len, err *e);
int patient_statement_pdf(ctx *x, int64_t patient, char **pdf, size_t *len, err *e);
/* Whether statement runs pass over a patient's account (their holder's, in a family):
 * {patient_id: the holder, hold: the reason set by hand or null, since, payment_plan_id: the
 * active plan, which holds the account while it runs, or null}. */
int account_hold_get(ctx *x, int64_t patient, json_t **out, err *e);
/* Holds the account {reason} or lifts the hand-set hold {reason: null} (an active plan
 * still holds it); answers as account_hold_get. */
int account_hold_set(ctx *x, int64_t patient, json_t *in, json_t **out, err *e);
/* Works a denial: {status: appealed | resubmitted | written_off | closed | open, note}. A
 * write-off (P_WRITEOFF, note required) posts what the payer still owes on the denied line
 * (or claim) to write-offs. Answers {id, status, from, note}; a step the denial cannot take
 * is ERR_STATE. */
int denial_update(ctx *x, int64_t id, json_t *in, json_t **out, err *e);
/* Any inbound file (inbound.c): an 835 as remit_import; a 999 or TA1 rejecting a batch, or
 * a 277CA or 277 status answer, moves those claims; a 271 updates coverages. Answers
 * {kind, claims: [{claim_id, outcome, status?}] | coverages: [...], duplicate}. The same
 * bytes again answer the first import. */
int x12_inbound_import(ctx *x, const char *name, const char *data, size_t len, json_t **out, err *e);

/* Eligibility (eligibility.c): the 270 inquiry for a coverage (malloc'ed file; needs the EDI
 * set-up), and a 271 read into the coverages it answers (by the trace the 270 carried):
 * appends {coverage_id, eligibility, outcome} to result. */
int coverage_270(ctx *x, int64_t coverage_id, char **file, size_t *len, err *e);
/* The 276 claim status request for a claim (its id as the trace). */
int claim_276(ctx *x, int64_t claim_id, char **file, size_t *len, err *e);
struct x12_reader;
int coverage_apply_271(ctx *x, struct x12_reader *r, json_t *result, err *e);

#endif
