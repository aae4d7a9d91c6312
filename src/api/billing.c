/* billing.c: payers, coverage, fees, contracts, code sets, encounters and claims. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "billing/billing.h"
#include "codes/codes.h"

static int page(req *r, int *limit, int64_t *after, err *e)
{
	return api_limit(r, limit, e) || api_int_arg(r, "cursor", after, e) ? -1 : 0;
}

#define RES_HANDLERS(name, kind)                                                                   \
	static int name##_list(req *r, err *e)                                                     \
	{                                                                                          \
		int limit;                                                                         \
		int64_t after;                                                                     \
		return page(r, &limit, &after, e) ? -1 : res_list(&r->x, billing_resource(kind), limit, after, &r->out, e); \
	}                                                                                          \
	static int name##_create(req *r, err *e) { return res_create(&r->x, billing_resource(kind), r->body, &r->out, e); } \
	static int name##_get(req *r, err *e) { return res_get(&r->x, billing_resource(kind), r->id, &r->out, e); } \
	static int name##_update(req *r, err *e)                                                   \
	{                                                                                          \
		return res_update(&r->x, billing_resource(kind), r->id, r->body, &r->out, e);      \
	}
RES_HANDLERS(payer, BR_PAYER)
RES_HANDLERS(coverage, BR_COVERAGE)
RES_HANDLERS(fee, BR_FEE)
RES_HANDLERS(contract, BR_CONTRACT)
RES_HANDLERS(capitation, BR_CAPITATION)

static int coverage_get_audited(req *r, err *e)
{
	if (coverage_get(r, e))
		return -1;
	ctx_audit_read(&r->x, "coverage.read", "coverage", r->id, json_integer_value(json_object_get(r->out, "patient_id")));
	return 0;
}

static int patient_coverages(req *r, err *e) { return coverage_list_patient(&r->x, r->id, &r->out, e); }
static int profile_get(req *r, err *e) { return billing_profile_get(&r->x, &r->out, e); }
static int profile_put(req *r, err *e) { return billing_profile_put(&r->x, r->body, &r->out, e); }

static int quote(req *r, err *e)
{
	int64_t payer;
	if (api_int_arg(r, "payer_id", &payer, e))
		return -1;
	json_t *q = json_pack("{s:I}", "payer_id", (json_int_t)payer);
	const char *names[] = {"code", "modifier", "date", "pos_code"};
	for (int i = 0; i < 4; i++)
		if (api_arg(r, names[i]))
			json_object_set_new(q, names[i], json_string(api_arg(r, names[i])));
	int rc = price_quote(&r->x, q, &r->out, e);
	json_decref(q);
	return rc;
}

static int code_sets(req *r, err *e)
{
	json_t *items;
	if (codes_status(r->x.db, &items, e))
		return -1;
	r->out = json_pack("{s:o}", "items", items);
	return 0;
}

static int code_search(req *r, err *e)
{
	const char *set = api_arg(r, "set"), *q = api_arg(r, "q"), *date = api_arg(r, "date");
	int limit;
	if (api_limit(r, &limit, e))
		return -1;
	if (!set || (strcmp(set, "icd10cm") && strcmp(set, "hcpcs")))
		return err_field(e, "set", "must be icd10cm or hcpcs");
	if (!q || strlen(q) < 1 || strlen(q) > 60)
		return err_field(e, "q", "must be 1 to 60 characters");
	if (date && (strlen(date) != 10))
		return err_field(e, "date", "must be a date YYYY-MM-DD");
	json_t *items;
	if (codes_search(r->x.db, set, q, date, limit > 50 ? 50 : limit, &items, e))
		return -1;
	r->out = json_pack("{s:o}", "items", items);
	return 0;
}

static int enc_queue(req *r, err *e)
{
	int64_t days;
	if (api_int_arg(r, "days", &days, e))
		return -1;
	if (days > 366)
		return err_field(e, "days", "must be at most 366");
	return encounter_queue(&r->x, days ? (int)days : 30, &r->out, e);
}

static int enc_create(req *r, err *e) { return encounter_create(&r->x, r->body, NULL, &r->out, e); }
static int enc_get(req *r, err *e) { return encounter_get(&r->x, r->id, &r->out, e); }
static int enc_update(req *r, err *e) { return encounter_update(&r->x, r->id, r->body, &r->out, e); }
static int enc_void(req *r, err *e) { return encounter_void(&r->x, r->id, r->body, &r->out, e); }
static int enc_claims(req *r, err *e) { return claims_build(&r->x, r->id, &r->out, e); }

/* Filters from the query: the integer ones, then the text ones. */
static json_t *filters(req *r, const char *const *ints, const char *const *texts, err *e)
{
	json_t *f = json_object();
	for (; ints && *ints; ints++) {
		int64_t v;
		if (api_int_arg(r, *ints, &v, e)) {
			json_decref(f);
			return NULL;
		}
		json_object_set_new(f, *ints, json_integer(v));
	}
	for (; texts && *texts; texts++)
		if (api_arg(r, *texts))
			json_object_set_new(f, *texts, json_string(api_arg(r, *texts)));
	return f;
}

static int enc_list(req *r, err *e)
{
	int limit;
	int64_t after;
	json_t *f;
	if (page(r, &limit, &after, e) ||
	    !(f = filters(r, (const char *const[]){"patient_id", NULL}, (const char *const[]){"status", "from", "to", NULL}, e)))
		return -1;
	int rc = encounter_list(&r->x, f, limit, after, &r->out, e);
	json_decref(f);
	return rc;
}

static int claims_list(req *r, err *e)
{
	int limit;
	int64_t after;
	json_t *f;
	if (page(r, &limit, &after, e) ||
	    !(f = filters(r, (const char *const[]){"payer_id", "patient_id", "encounter_id", NULL},
			  (const char *const[]){"status", "edit", NULL}, e)))
		return -1;
	const char *all = api_arg(r, "include_replaced");
	json_object_set_new(f, "include_replaced", json_boolean(all && !strcmp(all, "true")));
	int rc = claim_list(&r->x, f, limit, after, &r->out, e);
	json_decref(f);
	return rc;
}

static int claims_summary(req *r, err *e) { return claim_summary(&r->x, &r->out, e); }
static int claim_get_h(req *r, err *e) { return claim_get(&r->x, r->id, &r->out, e); }
static int claim_scrub_h(req *r, err *e) { return claim_scrub(&r->x, r->id, &r->out, e); }
static int claim_status_h(req *r, err *e) { return claim_transition(&r->x, r->id, r->body, &r->out, e); }
static int claim_correct_h(req *r, err *e) { return claim_replace(&r->x, r->id, '7', r->body, &r->out, e); }
static int claim_void_h(req *r, err *e) { return claim_replace(&r->x, r->id, '8', r->body, &r->out, e); }

/* A file made by fn for the route's {id}, sent as a download named from `name` (a format
 * with one %lld for the id). */
static int claim_pdf(req *r, err *e) { return api_download(r, claim_cms1500, "claim-%lld-cms1500.pdf", "application/pdf", e); }

static int edi_get(req *r, err *e) { return edi_settings_get(&r->x, &r->out, e); }
static int edi_put(req *r, err *e) { return edi_settings_put(&r->x, r->body, &r->out, e); }
static int batch_create(req *r, err *e) { return claim_batch_create(&r->x, r->body, &r->out, e); }

static int batch_list(req *r, err *e)
{
	int limit;
	int64_t before;
	return page(r, &limit, &before, e) ? -1 : claim_batch_list(&r->x, limit, before, &r->out, e);
}

static int batch_file(req *r, err *e) { return api_download(r, claim_batch_file, "claims-%lld.837", "application/edi-x12", e); }

/* A file uploaded as the body (?name= its file name), read by fn; a file seen before
 * creates nothing and answers 200. */
static int upload(req *r, int (*fn)(ctx *, const char *, const char *, size_t, json_t **, err *), err *e)
{
	const char *name = api_arg(r, "name");
	if (name && strlen(name) > 200)
		return err_field(e, "name", "must be at most 200 characters");
	if (fn(&r->x, name, r->raw, r->raw_len, &r->out, e))
		return -1;
	if (json_is_true(json_object_get(r->out, "duplicate")))
		r->status = 200;
	return 0;
}
static int remit_upload(req *r, err *e) { return upload(r, remit_import, e); }
static int inbound_post(req *r, err *e) { return upload(r, x12_inbound_import, e); }
static int coverage_270_h(req *r, err *e) { return api_download(r, coverage_270, "eligibility-%lld.270", "application/edi-x12", e); }
static int claim_276_h(req *r, err *e) { return api_download(r, claim_276, "claim-status-%lld.276", "application/edi-x12", e); }
static int remit_get_h(req *r, err *e) { return remit_get(&r->x, r->id, &r->out, e); }
static int remit_list_h(req *r, err *e)
{
	int limit;
	int64_t before;
	return page(r, &limit, &before, e) ? -1 : remit_list(&r->x, limit, before, &r->out, e);
}

ROUTES(billing,
       {"GET", "/api/v1/payers", P_PATIENT_READ, 0, payer_list, "Payers (read by whoever registers insurance)"},
       {"POST", "/api/v1/payers", P_BILLING_SETUP, 0, payer_create, "Add a payer: kind, EDI payer id, filing indicator, timely-filing days", 201},
       {"GET", "/api/v1/payers/{id}", P_PATIENT_READ, 0, payer_get, "One payer"},
       {"PATCH", "/api/v1/payers/{id}", P_BILLING_SETUP, 0, payer_update, "Change a payer: {version, ...}"},
       {"GET", "/api/v1/patients/{id}/coverages", P_PATIENT_READ, 0, patient_coverages, "A patient's insurance, active first, in priority order"},
       {"GET", "/api/v1/coverages", P_BILLING_READ, 0, coverage_list, "All coverage records"},
       {"POST", "/api/v1/coverages", P_PATIENT_WRITE, 0, coverage_create, "Add insurance to a patient: payer, priority, subscriber, member id, dates", 201},
       {"GET", "/api/v1/coverages/{id}", P_PATIENT_READ, 0, coverage_get_audited, "One coverage"},
       {"PATCH", "/api/v1/coverages/{id}", P_PATIENT_WRITE, 0, coverage_update, "Change a coverage (e.g. eligibility checked): {version, ...}"},
       {"GET", "/api/v1/coverages/{id}/270", P_PATIENT_READ, 0, coverage_270_h, "The 270 eligibility inquiry for a coverage (its answer, a 271, goes to POST /x12-files)"},
       {"GET", "/api/v1/fees", P_BILLING_READ, 0, fee_list, "The charge master"},
       {"POST", "/api/v1/fees", P_BILLING_SETUP, 0, fee_create, "Add a fee: code, modifier, fee_cents, effective dates", 201},
       {"GET", "/api/v1/fees/quote", P_BILLING_READ, 0, quote, "Fee and expected payment of a code: ?code=&modifier=&date=&payer_id=&pos_code="},
       {"GET", "/api/v1/fees/{id}", P_BILLING_READ, 0, fee_get, "One fee"},
       {"PATCH", "/api/v1/fees/{id}", P_BILLING_SETUP, 0, fee_update, "Change a fee: {version, ...}"},
       {"GET", "/api/v1/payer-contracts", P_BILLING_READ, 0, contract_list, "Payer contracts with their rates"},
       {"POST", "/api/v1/payer-contracts", P_BILLING_SETUP, 0, contract_create, "Add a contract: rates per code and/or a % of Medicare", 201},
       {"GET", "/api/v1/payer-contracts/{id}", P_BILLING_READ, 0, contract_get, "One contract"},
       {"PATCH", "/api/v1/payer-contracts/{id}", P_BILLING_SETUP, 0, contract_update, "Change a contract (rates replace the list): {version, ...}"},
       {"GET", "/api/v1/capitation-contracts", P_BILLING_READ, 0, capitation_list, "Capitation contracts: a payer pays per member per month"},
       {"POST", "/api/v1/capitation-contracts", P_BILLING_SETUP, 0, capitation_create, "Add a capitation contract: {payer_id, name, effective_from, effective_to?, pmpm_cents, carve_outs? (codes billed fee-for-service, comma-separated)}", 201},
       {"GET", "/api/v1/capitation-contracts/{id}", P_BILLING_READ, 0, capitation_get, "One capitation contract"},
       {"PATCH", "/api/v1/capitation-contracts/{id}", P_BILLING_SETUP, 0, capitation_update, "Change a capitation contract: {version, ...}"},
       {"GET", "/api/v1/billing-profile", P_BILLING_READ, 0, profile_get, "The practice as billing entity: group NPI, tax id, taxonomy, Medicare locality"},
       {"PUT", "/api/v1/billing-profile", P_BILLING_SETUP, 0, profile_put, "Set the billing profile (version to change it)"},
       {"GET", "/api/v1/code-sets", P_NONE, 0, code_sets, "Loaded code-set releases"},
       {"GET", "/api/v1/codes", P_NONE, 0, code_search, "Code typeahead: ?set=icd10cm|hcpcs&q=&date="},
       {"GET", "/api/v1/encounters", P_BILLING_READ, 0, enc_list, "Encounters: ?patient_id=&status=&from=&to="},
       {"GET", "/api/v1/encounters/queue", P_BILLING_READ, 0, enc_queue, "Checked-out visits waiting for charge entry: ?days= (default 30)"},
       {"POST", "/api/v1/encounters", P_CHARGE_WRITE, 0, enc_create, "Enter charges: from a checked-out appointment or on their own", 201},
       {"GET", "/api/v1/encounters/{id}", P_BILLING_READ, 0, enc_get, "One encounter with its lines"},
       {"PATCH", "/api/v1/encounters/{id}", P_CHARGE_WRITE, 0, enc_update, "Fix an encounter whose claims have not left: {version, ...}; claims are scrubbed again"},
       {"POST", "/api/v1/encounters/{id}/void", P_CHARGE_WRITE, 0, enc_void, "Void an encounter entered in error: {reason}; its unsent claims are closed"},
       {"POST", "/api/v1/encounters/{id}/claims", P_CLAIM_WRITE, 0, enc_claims, "Build the encounter's claims, one per payer in coverage order, scrubbed"},
       {"GET", "/api/v1/claims", P_BILLING_READ, 0, claims_list, "Claim worklist: ?status=&payer_id=&patient_id=&encounter_id=&edit=&include_replaced="},
       {"GET", "/api/v1/claims/summary", P_BILLING_READ, 0, claims_summary, "Claims by status and by edit, and the list of edits"},
       {"GET", "/api/v1/claims/{id}", P_BILLING_READ, 0, claim_get_h, "One claim with lines, edits and history"},
       {"POST", "/api/v1/claims/{id}/scrub", P_CLAIM_WRITE, 0, claim_scrub_h, "Run the edits again (rebuilds a claim not yet sent)"},
       {"POST", "/api/v1/claims/{id}/status", P_CLAIM_WRITE, 0, claim_status_h, "Move a claim: {status, note?, payer_claim_number?, version?}; illegal steps 409"},
       {"POST", "/api/v1/claims/{id}/correct", P_CLAIM_WRITE, 0, claim_correct_h, "A corrected claim (frequency 7) replacing this one", 201},
       {"POST", "/api/v1/claims/{id}/void", P_CLAIM_WRITE, 0, claim_void_h, "A void (frequency 8) of this claim", 201},
       {"GET", "/api/v1/claims/{id}/cms1500.pdf", P_BILLING_READ, 0, claim_pdf, "The claim on a CMS-1500 (02/12) form, as PDF"},
       {"GET", "/api/v1/claims/{id}/276", P_BILLING_READ, 0, claim_276_h, "The 276 claim status request for a claim (the 277 answer goes to POST /x12-files)"},
       {"GET", "/api/v1/edi-settings", P_BILLING_READ, 0, edi_get, "The practice's EDI set-up: submitter, receiver, ISA/GS identifiers"},
       {"PUT", "/api/v1/edi-settings", P_BILLING_SETUP, 0, edi_put, "Set the EDI set-up (version to change it)"},
       {"GET", "/api/v1/claim-batches", P_BILLING_READ, 0, batch_list, "837P batches sent, newest first"},
       {"POST", "/api/v1/claim-batches", P_CLAIM_WRITE, 0, batch_create, "Send ready claims as one 837P file: {claim_ids?}; they become submitted", 201},
       {"GET", "/api/v1/claim-batches/{id}/837", P_BILLING_READ, 0, batch_file, "The 837P file of a batch, as sent"},
       {"POST", "/api/v1/remittances", P_CLAIM_WRITE, R_RAW, remit_upload, "Upload an 835 file (the body, up to 64 MiB; ?name=): read, reconciled, matched to claims; the same file twice imports once", 201},
       {"POST", "/api/v1/x12-files", P_PATIENT_WRITE, R_RAW, inbound_post, "Upload an inbound X12 file (835, 999, TA1, 277CA, 277 or 271, up to 64 MiB; ?name=): read and applied once. Files that change claims also need claim.write", 201},
       {"GET", "/api/v1/remittances", P_BILLING_READ, 0, remit_list_h, "Remittances received, newest first"},
       {"GET", "/api/v1/remittances/{id}", P_BILLING_READ, 0, remit_get_h, "One remittance with its claims and lines and what each matched"});
