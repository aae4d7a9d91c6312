/* ledger.c: postings (payments, adjustments, transfers, refunds, reversals, remittances,
 * paper EOBs, capitation payments), patients' and family accounts, statements and payment
 * plans, the posting worklists, capitation rosters, and the money reports (A/R aging,
 * money, revenue cycle, denials, collections, capitation) as JSON, CSV or XLSX. */
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "formats/table.h"
#include "billing/billing.h"
#include "ledger/ledger.h"

typedef int (*posting_fn)(ctx *x, json_t *in, const char *idem, json_t **out, err *e);

/* A posting with the client's Idempotency-Key, kept apart per kind of posting: the same key
 * answers the first posting again (200) instead of posting twice. */
static int post(req *r, const char *kind, posting_fn fn, err *e)
{
	const char *key;
	if (api_idempotency_key(r, &key, e))
		return -1;
	char scoped[128] = "";
	if (key)
		snprintf(scoped, sizeof scoped, "%s:%s", kind, key);
	if (fn(&r->x, r->body, key ? scoped : NULL, &r->out, e))
		return -1;
	if (json_is_true(json_object_get(r->out, "duplicate")))
		r->status = 200;
	return 0;
}

/* The format asked for is a spreadsheet (csv or xlsx), not JSON. */
static bool sheet(req *r)
{
	const char *fmt = api_arg(r, "format");
	return fmt && *fmt && strcmp(fmt, "json");
}

static int payment_h(req *r, err *e) { return post(r, "payment", ledger_patient_payment, e); }
static int adjust_h(req *r, err *e) { return post(r, "adjustment", ledger_adjust, e); }
static int transfer_h(req *r, err *e) { return post(r, "transfer", ledger_transfer, e); }
static int refund_h(req *r, err *e) { return post(r, "refund", ledger_refund, e); }

/* A paper EOB for claim {id}, posted as a remittance (billing.h eob_post). */
static int eob_h(req *r, err *e)
{
	const char *key;
	char scoped[128] = "";
	if (api_idempotency_key(r, &key, e))
		return -1;
	if (key)
		snprintf(scoped, sizeof scoped, "eob:%lld:%s", (long long)r->id, key);
	if (eob_post(&r->x, r->id, r->body, key ? scoped : NULL, &r->out, e))
		return -1;
	if (json_is_true(json_object_get(r->out, "duplicate")))
		r->status = 200;
	return 0;
}

static int reverse_h(req *r, err *e)
{
	const char *reason = json_string_value(json_object_get(r->body, "reason"));
	if (!reason || !*reason || strlen(reason) > 200)
		return err_field(e, "reason", "is required: why the entry is reversed (at most 200 characters)");
	int64_t id;
	return ledger_reverse(&r->x, r->id, reason, &id, e) || ledger_entry_get(&r->x, id, &r->out, e) ? -1 : 0;
}

static int entry_h(req *r, err *e) { return ledger_entry_get(&r->x, r->id, &r->out, e); }
static int account_h(req *r, err *e) { return ledger_patient_account(&r->x, r->id, &r->out, e); }
static int family_h(req *r, err *e) { return ledger_family_account(&r->x, r->id, &r->out, e); }
static const column aging_cols[] = {{"name", "Owed by", COL_TEXT},	 {"d0_30", "0-30 days", COL_NUM},
				    {"d31_60", "31-60 days", COL_NUM},	 {"d61_90", "61-90 days", COL_NUM},
				    {"d91_120", "91-120 days", COL_NUM}, {"d120", "Over 120 days", COL_NUM},
				    {"total", "Total", COL_NUM}};

/* The aging as JSON, or with ?format=csv|xlsx its rows (and the totals) in dollars. */
static int aging_h(req *r, err *e)
{
	if (ledger_aging(&r->x, api_arg(r, "by"), api_arg(r, "as_of"), &r->out, e))
		return -1;
	if (!sheet(r))
		return 0;
	json_t *rows = json_array(), *row;
	json_t *all = json_copy(json_object_get(r->out, "rows"));
	json_array_append_new(all, json_pack("{s:s, s:O}", "name", "Total", "cents", json_object_get(json_object_get(r->out, "totals"), "cents")));
	size_t i;
	json_array_foreach(all, i, row) {
		json_t *c = json_object_get(row, "cents");
		double t = 0;
		json_t *o = json_pack("{s:s}", "name", json_string_value(json_object_get(row, "name")));
		for (size_t b = 0; b < 5; b++) {
			double d = (double)json_integer_value(json_array_get(c, b)) / 100.0;
			json_object_set_new(o, aging_cols[b + 1].key, json_real(d));
			t += d;
		}
		json_object_set_new(o, "total", json_real(t));
		json_array_append_new(rows, o);
	}
	json_decref(all);
	json_decref(r->out);
	r->out = NULL;
	return api_report(r, "ar-aging", aging_cols, 7, rows, e);
}
/* Charges, payments and adjustments by provider, payer, code or month; or as a spreadsheet. */
static int summary_h(req *r, err *e)
{
	json_t *rows;
	if (ledger_summary(&r->x, api_arg(r, "by"), api_arg(r, "from"), api_arg(r, "to"), &rows, e))
		return -1;
	if (!sheet(r))
		return api_report(r, "money", ledger_summary_columns, ledger_summary_ncolumns, rows, e);
	size_t i;
	json_t *row;
	json_array_foreach(rows, i, row) {
		static const char *const keys[][2] = {{"charges_cents", "charges"}, {"payments_cents", "payments"},
						      {"adjustments_cents", "adjustments"}};
		for (size_t k = 0; k < 3; k++)
			json_object_set_new(row, keys[k][1], json_real((double)json_integer_value(json_object_get(row, keys[k][0])) / 100.0));
	}
	return api_report(r, "money", ledger_summary_columns, ledger_summary_ncolumns, rows, e);
}

static const column denial_cols[] = {{"name", "Reason or payer", COL_TEXT}, {"denials", "Denials", COL_NUM},
				     {"amount", "Amount", COL_NUM},	       {"unresolved", "Unresolved", COL_NUM},
				     {"open", "Open", COL_NUM},		       {"appealed", "Appealed", COL_NUM},
				     {"resubmitted", "Resubmitted", COL_NUM},  {"written_off", "Written off", COL_NUM},
				     {"closed", "Closed", COL_NUM}};

/* Denials by reason or payer, as JSON or (?format=csv|xlsx) its rows and total in dollars. */
static int denials_report_h(req *r, err *e)
{
	if (denial_report(&r->x, api_arg(r, "by"), api_arg(r, "from"), api_arg(r, "to"), &r->out, e))
		return -1;
	if (!sheet(r))
		return 0;
	json_t *rows = json_copy(json_object_get(r->out, "rows")), *row;
	json_array_append(rows, json_object_get(r->out, "totals"));
	size_t i;
	json_array_foreach(rows, i, row) {
		json_object_set_new(row, "amount", json_real((double)json_integer_value(json_object_get(row, "amount_cents")) / 100.0));
		json_object_set_new(row, "unresolved",
				    json_real((double)json_integer_value(json_object_get(row, "unresolved_cents")) / 100.0));
	}
	json_decref(r->out);
	r->out = NULL;
	return api_report(r, "denials", denial_cols, 9, rows, e);
}
static const column collection_cols[] = {{"mrn", "MRN", COL_TEXT},
					 {"name", "Patient", COL_TEXT},
					 {"stage", "Stage", COL_TEXT},
					 {"last_statement_on", "Last statement", COL_TEXT},
					 {"balance", "Balance ($)", COL_NUM},
					 {"last_payment_on", "Last payment", COL_TEXT}};

/* Patient collections as JSON, or (?format=csv|xlsx) its accounts at final notice or in
 * collections. */
static int collections_h(req *r, err *e)
{
	if (collections_report(&r->x, api_arg(r, "from"), api_arg(r, "to"), &r->out, e))
		return -1;
	if (!sheet(r))
		return 0;
	json_t *rows = json_incref(json_object_get(r->out, "accounts")), *row;
	size_t i;
	json_array_foreach(rows, i, row)
		json_object_set_new(row, "balance", json_real((double)json_integer_value(json_object_get(row, "balance_cents")) / 100.0));
	json_decref(r->out);
	r->out = NULL;
	return api_report(r, "collections", collection_cols, 6, rows, e);
}
static const column kpi_cols[] = {{"indicator", "Indicator", COL_TEXT}, {"value", "Value", COL_NUM}, {"unit", "Unit", COL_TEXT},
				  {"numerator", "Numerator", COL_NUM},	{"denominator", "Denominator", COL_NUM}};

/* The indicators as JSON, or (?format=csv|xlsx) one row each with its parts (money in dollars). */
static int kpis_h(req *r, err *e)
{
	if (revenue_cycle_kpis(&r->x, api_arg(r, "from"), api_arg(r, "to"), &r->out, e))
		return -1;
	if (!sheet(r))
		return 0;
	static const struct {
		const char *key, *name, *unit;
		bool money; /* numerator and denominator in cents */
	} rows[] = {
		{"days_in_ar", "Days in A/R", "days", true},
		{"gross_collection_rate", "Gross collection rate", "%", true},
		{"net_collection_rate", "Net collection rate", "%", true},
		{"denial_rate", "Denial rate", "%", false},
		{"clean_claim_rate", "Clean claim rate", "%", false},
		{"first_pass_resolution_rate", "First-pass resolution rate", "%", false},
		{"charge_lag_days", "Charge lag", "days", false},
		{"ar_over_90_share", "A/R over 90 days", "%", true},
	};
	json_t *out = json_array();
	for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
		json_t *k = json_object_get(r->out, rows[i].key), *v = json_object_get(k, "value");
		json_t *num = json_object_get(k, "numerator"), *den = json_object_get(k, "denominator");
		if (!strcmp(rows[i].key, "days_in_ar")) { /* A/R at the end over charges a day */
			num = json_object_get(k, "ar_cents");
			den = json_object_get(k, "charges_cents");
		}
		double scale = rows[i].money ? 100.0 : 1.0;
		json_array_append_new(out, json_pack("{s:s, s:o, s:s, s:f, s:f}", "indicator", rows[i].name, "value",
						     json_is_number(v) ? json_real(json_number_value(v)) : json_null(), "unit",
						     rows[i].unit, "numerator", json_number_value(num) / scale, "denominator",
						     json_number_value(den) / scale));
	}
	json_decref(r->out);
	r->out = NULL;
	return api_report(r, "revenue-cycle", kpi_cols, 5, out, e);
}
static int run_h(req *r, err *e) { return statement_run_create(&r->x, r->body, &r->out, e); }
static int runs_h(req *r, err *e)
{
	int limit;
	int64_t before;
	return api_limit(r, &limit, e) || api_int_arg(r, "cursor", &before, e) ? -1 : statement_run_list(&r->x, limit, before, &r->out, e);
}
static int mailing_h(req *r, err *e) { return api_download(r, statement_run_mailing, "statements-%lld-mailing.csv", "text/csv; charset=utf-8", e); }
static int run_pdf_h(req *r, err *e) { return api_download(r, statement_run_pdf, "statements-%lld.pdf", "application/pdf", e); }
static int statement_h(req *r, err *e) { return api_download(r, patient_statement_pdf, "statement-%lld.pdf", "application/pdf", e); }
static int hold_h(req *r, err *e) { return account_hold_set(&r->x, r->id, r->body, &r->out, e); }
static int hold_get_h(req *r, err *e) { return account_hold_get(&r->x, r->id, &r->out, e); }
static int plan_create_h(req *r, err *e) { return payment_plan_create(&r->x, r->body, &r->out, e); }
static int plan_get_h(req *r, err *e) { return payment_plan_get(&r->x, r->id, &r->out, e); }
static int plan_cancel_h(req *r, err *e) { return payment_plan_cancel(&r->x, r->id, r->body, &r->out, e); }
static int accounts_h(req *r, err *e) { return ledger_accounts(&r->x, &r->out, e); }
static int remit_post_h(req *r, err *e) { return remit_post(&r->x, r->id, NULL, &r->out, e); }
static int roster_put_h(req *r, err *e) { return capitation_roster_put(&r->x, r->id, r->body, &r->out, e); }
static int roster_get_h(req *r, err *e)
{
	int limit;
	int64_t after;
	return api_limit(r, &limit, e) || api_int_arg(r, "cursor", &after, e)
		       ? -1
		       : capitation_roster_get(&r->x, r->id, api_arg(r, "month"), limit, after, &r->out, e);
}
static int cap_payment_h(req *r, err *e) { return post(r, "capitation", capitation_payment_post, e); }
static int cap_reconcile_h(req *r, err *e) { return capitation_reconcile(&r->x, r->id, api_arg(r, "month"), &r->out, e); }
static int cap_report_h(req *r, err *e) { return capitation_report(&r->x, api_arg(r, "from"), api_arg(r, "to"), &r->out, e); }
static int plan_reminders_h(req *r, err *e)
{
	plan_reminder_stats s;
	if (plan_reminders_run(r->x.db, ctx_practice(&r->x), &s, e))
		return -1;
	r->out = json_pack("{s:i, s:i, s:i, s:i, s:i}", "planned", s.planned, "sent", s.sent, "skipped", s.skipped, "retrying",
			   s.retrying, "failed", s.failed);
	return 0;
}
static int worklist_h(req *r, const char *which, err *e)
{
	int limit;
	int64_t after;
	worklist_filter f = {api_arg(r, "status"), api_arg(r, "reason"), 0};
	return api_limit(r, &limit, e) || api_int_arg(r, "cursor", &after, e) || api_int_arg(r, "payer_id", &f.payer_id, e)
		       ? -1
		       : posting_worklist(&r->x, which, &f, limit, after, &r->out, e);
}
static int denials_h(req *r, err *e) { return worklist_h(r, "denial", e); }
static int denial_h(req *r, err *e) { return denial_update(&r->x, r->id, r->body, &r->out, e); }
static int underpayments_h(req *r, err *e) { return worklist_h(r, "underpayment", e); }
static int exceptions_h(req *r, err *e) { return worklist_h(r, "posting_exception", e); }

ROUTES(ledger,
       {"POST", "/api/v1/payments", P_PAYMENT_WRITE, 0, payment_h, "A patient payment (cash, check, card): applied to the oldest balances, the rest kept as credit. Idempotency-Key header", 201},
       {"POST", "/api/v1/adjustments", P_CLAIM_WRITE, 0, adjust_h, "An adjustment or write-off of a charge (write-offs need the writeoff permission; reason required). Idempotency-Key header", 201},
       {"POST", "/api/v1/transfers", P_CLAIM_WRITE, 0, transfer_h, "Move what is owed on a charge to the next payer or to the patient. Idempotency-Key header", 201},
       {"POST", "/api/v1/refunds", P_CLAIM_WRITE, 0, refund_h, "Pay back a patient's credit. Idempotency-Key header", 201},
       {"GET", "/api/v1/journal-entries/{id}", P_BILLING_READ, 0, entry_h, "One journal entry with its lines"},
       {"POST", "/api/v1/journal-entries/{id}/reverse", P_CLAIM_WRITE, 0, reverse_h, "Reverse an entry (once): {reason}", 201},
       {"GET", "/api/v1/patients/{id}/account", P_PATIENT_READ, 0, account_h, "A patient's account: insurance, patient and credit balances with the entries and running balances"},
       {"GET", "/api/v1/patients/{id}/family-account", P_PATIENT_READ, 0, family_h, "The family account a patient belongs to (their guarantor's): each patient's balances, the account's credit and what is due"},
       {"GET", "/api/v1/reports/ar-aging", P_BILLING_READ, 0, aging_h, "A/R aging (0-30 ... 120+ days from the date of service) ?by=payer|patient&as_of="},
       {"GET", "/api/v1/reports/money", P_BILLING_READ, 0, summary_h, "Charges, payments and adjustments ?by=provider|payer|code|month&from=&to=&format=json|csv|xlsx"},
       {"GET", "/api/v1/reports/denials", P_BILLING_READ, 0, denials_report_h, "Denials of a period by first reason or payer ?by=reason|payer&from=&to=&format=json|csv|xlsx"},
       {"GET", "/api/v1/reports/collections", P_BILLING_READ, 0, collections_h, "Patient collections of a period ?from=&to=&format=json|csv|xlsx: responsibility, payments, rate, and the accounts at final notice or in collections"},
       {"GET", "/api/v1/reports/revenue-cycle", P_BILLING_READ, 0, kpis_h, "Revenue-cycle indicators of a period ?from=&to=&format=json|csv|xlsx: days in A/R, gross and net collection, denial, clean-claim and first-pass rates, charge lag, A/R over 90 days"},
       {"POST", "/api/v1/statement-runs", P_CLAIM_WRITE, 0, run_h, "Statements for every patient owing at least min_balance_cents (default 500) and not on hold; past the final notice, collections: {min_balance_cents?, as_of?}", 201},
       {"GET", "/api/v1/statement-runs", P_BILLING_READ, 0, runs_h, "The statement runs, newest first"},
       {"GET", "/api/v1/statement-runs/{id}/mailing.csv", P_BILLING_READ, 0, mailing_h, "A run's mailing list for the mail house: each printed statement's addressee, address, amount and page in the PDF"},
       {"GET", "/api/v1/statement-runs/{id}/statements.pdf", P_BILLING_READ, 0, run_pdf_h, "A run's statements as one PDF to print and mail"},
       {"GET", "/api/v1/patients/{id}/statement.pdf", P_PATIENT_READ, 0, statement_h, "A patient's statement as of today (PDF)"},
       {"GET", "/api/v1/patients/{id}/account-hold", P_PATIENT_READ, 0, hold_get_h, "Whether statement runs pass over the account (the holder's): {patient_id, hold, since, payment_plan_id}"},
       {"PUT", "/api/v1/patients/{id}/account-hold", P_CLAIM_WRITE, 0, hold_h, "Hold an account from statements {reason} (disputed, other), or lift that hold {reason: null}; an active payment plan holds it by itself"},
       {"POST", "/api/v1/payment-plans", P_CLAIM_WRITE, 0, plan_create_h, "A payment plan: {patient_id, installment_cents, first_due, frequency?, total_cents?, note?}; holds the account from statements while active", 201},
       {"GET", "/api/v1/patients/{id}/payment-plan", P_PATIENT_READ, 0, plan_get_h, "The account's payment plan with its schedule, what was paid and what is behind (null: never had one)"},
       {"POST", "/api/v1/payment-plans/{id}/cancel", P_CLAIM_WRITE, 0, plan_cancel_h, "Cancel an active plan: {reason}"},
       {"POST", "/api/v1/payment-plan-reminders/run", P_CLAIM_WRITE, 0, plan_reminders_h, "Send the payment-plan reminders due now (the server also does every interval)"},
       {"GET", "/api/v1/ledger-accounts", P_BILLING_READ, 0, accounts_h, "The chart of accounts"},
       {"POST", "/api/v1/claims/{id}/eob", P_CLAIM_WRITE, 0, eob_h, "Post a paper EOB for a sent claim: {paid_on?, method, reference?, payer_claim_number?, lines: [{line_no, paid_cents, adjustments: [{group, reason, amount_cents}], remarks?}]}. Idempotency-Key header", 201},
       {"POST", "/api/v1/remittances/{id}/post", P_CLAIM_WRITE, 0, remit_post_h, "Post what of a remittance is not posted yet (imports post at once)"},
       {"PUT", "/api/v1/capitation-contracts/{id}/roster", P_CLAIM_WRITE, 0, roster_put_h, "Replace a month's roster {month, members: [{member_id, rate_cents?}]}; rows that cannot be read are listed, the others kept"},
       {"GET", "/api/v1/capitation-contracts/{id}/roster", P_BILLING_READ, 0, roster_get_h, "A month's roster ?month=YYYY-MM with the patients its members are"},
       {"GET", "/api/v1/capitation-contracts/{id}/reconciliation", P_BILLING_READ, 0, cap_reconcile_h, "A month's capitation payments against its roster ?month=YYYY-MM"},
       {"POST", "/api/v1/capitation-payments", P_CLAIM_WRITE, 0, cap_payment_h, "A capitation payment {contract_id, month, amount_cents, method, reference?, received_on?, members?}. Idempotency-Key header", 201},
       {"GET", "/api/v1/reports/capitation", P_BILLING_READ, 0, cap_report_h, "Capitation revenue per member ?from=YYYY-MM&to=YYYY-MM: members, paid, visits and what they would have charged"},
       {"GET", "/api/v1/denials", P_BILLING_READ, 0, denials_h, "The denial worklist ?status=open&payer_id=&reason=CO-50|N115"},
       {"PATCH", "/api/v1/denials/{id}", P_CLAIM_WRITE, 0, denial_h, "Work a denial: {status: appealed | resubmitted | written_off (writeoff permission, posts the write-off) | closed | open, note}"},
       {"GET", "/api/v1/underpayments", P_BILLING_READ, 0, underpayments_h, "Lines paid below their contract ?status=open&payer_id="},
       {"GET", "/api/v1/posting-exceptions", P_BILLING_READ, 0, exceptions_h, "What an 835 could not post, with the reason ?status=open"});
