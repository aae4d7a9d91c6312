/* billing.c: the demo practice's billing: a billing profile, payers, insurance on most
 * patients, a charge master and contracts, and encounters with claims for checked-out
 * visits (the last few left for the charge-entry queue; older claims further along, the
 * oldest paid by 835 and their patients' shares partly paid at the desk). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "billing/billing.h"
#include "demo/demo.h"
#include "registry/registry.h"

static int make(ctx *x, bill_res k, json_t *in, int64_t *id, err *e)
{
	json_t *out = NULL;
	int rc = res_create(x, billing_resource(k), in, id ? &out : NULL, e);
	if (!rc && id)
		*id = json_integer_value(json_object_get(out, "id"));
	json_decref(in);
	json_decref(out);
	return rc;
}

static const struct {
	const char *code;
	int64_t fee;
} fees[] = {{"99202", 11000}, {"99203", 17000}, {"99204", 25500}, {"99211", 4500},  {"99212", 9000},
	    {"99213", 14500}, {"99214", 21000}, {"99215", 29000}, {"99395", 26000}, {"99396", 28000},
	    {"93000", 6500},  {"36415", 1500},  {"81002", 1200},  {"85025", 2500},  {"80053", 4000},
	    {"90471", 3500},  {"90686", 4500},  {"96372", 4000},  {"J3420", 2500},  {"87880", 3000},
	    {"G0439", 22000}, {"99417", 8000}};
static const char *const dx_pool[] = {"E11.9", "I10", "E78.5", "J06.9", "M54.50", "Z00.00", "Z00.01", "F41.1",
				      "K21.9", "E03.9", "J45.909", "N39.0", "R05.9", "E66.9", "Z23", "G43.909"};

typedef struct payer_def {
	const char *name, *code, *kind, *filing;
	int paper;
} payer_def;
static const payer_def payers[] = {
	{"Medicare Part B (NGS)", "14212", "medicare", "MB", 0},
	{"MassHealth", "DMA7384", "medicaid", "MC", 0},
	{"Aetna", "60054", "commercial", "CI", 0},
	{"Blue Cross Blue Shield of Massachusetts", "SB700", "commercial", "BL", 0},
	{"UnitedHealthcare", "87726", "commercial", "CI", 0},
	{"Commonwealth Workers' Comp", NULL, "workers_comp", "WC", 1},
};
#define NPAYERS (int)(sizeof payers / sizeof *payers)

static int setup(ctx *x, uint64_t *s, int64_t *payer_ids, err *e)
{
	char npi[11];
	snprintf(npi, sizeof npi, "1%08llu", (unsigned long long)(demo_rand(s) % 100000000ull));
	npi_check_digit(npi, &npi[9]);
	npi[10] = 0;
	json_t *profile = json_pack("{s:s, s:s, s:s, s:s, s:{s:s, s:s, s:s, s:s}, s:s, s:s, s:s}", "legal_name",
				    "Main Street Medical Group PC", "npi", npi, "tax_id", "046123457", "taxonomy", "207Q00000X",
				    "address", "line1", "120 Main St", "city", "Springfield", "state", "MA", "postal_code",
				    "011031234", "phone", "413-555-0100", "medicare_mac", "14211", "medicare_locality", "99");
	json_t *out = NULL;
	int rc = billing_profile_put(x, profile, &out, e);
	json_decref(profile);
	json_decref(out);
	if (rc)
		return -1;
	for (int i = 0; i < NPAYERS; i++) {
		json_t *p = json_pack("{s:s, s:s, s:s, s:b, s:I, s:{s:s, s:s, s:s, s:s}}", "name", payers[i].name, "kind",
				      payers[i].kind, "filing_indicator", payers[i].filing, "takes_paper", payers[i].paper,
				      "timely_filing_days", (json_int_t)(i == 1 ? 90 : 365), "address", "line1", "PO Box 14000",
				      "city", "Hingham", "state", "MA", "postal_code", "02018");
		if (payers[i].code)
			json_object_set_new(p, "payer_code", json_string(payers[i].code));
		if (make(x, BR_PAYER, p, &payer_ids[i], e))
			return -1;
	}
	for (size_t i = 0; i < sizeof fees / sizeof *fees; i++)
		if (make(x, BR_FEE, json_pack("{s:s, s:I, s:s}", "code", fees[i].code, "fee_cents", (json_int_t)fees[i].fee,
					      "effective_from", "2020-01-01"),
			 NULL, e))
			return -1;
	/* commercial contracts list their common codes at a share of the fee */
	for (int i = 2; i < 5; i++) {
		json_t *rates = json_array();
		for (size_t k = 0; k < sizeof fees / sizeof *fees; k++)
			json_array_append_new(rates, json_pack("{s:s, s:I}", "code", fees[k].code, "allowed_cents",
							       (json_int_t)(fees[k].fee * (55 + 5 * i) / 100)));
		char name[80];
		snprintf(name, sizeof name, "%s 2026 fee schedule", payers[i].name);
		if (make(x, BR_CONTRACT,
			 json_pack("{s:I, s:s, s:s, s:o, s:I}", "payer_id", (json_int_t)payer_ids[i], "name", name,
				   "effective_from", "2020-01-01", "rates", rates, "medicare_pct_bp", (json_int_t)12000),
			 NULL, e))
			return -1;
	}
	return 0;
}

/* Insurance for most patients: Medicare from 65, otherwise mostly commercial; a few with a
 * secondary, some uninsured. */
static int coverages(ctx *x, uint64_t *s, const int64_t *payer_ids, err *e)
{
	db_stmt *st = db_prepare(x->db,
				 "SELECT id, CAST(substr(birth_date, 1, 4) AS INTEGER) FROM patient WHERE practice_id = $1 ORDER BY id", e);
	if (!st)
		return -1;
	db_bind_i64(st, 1, ctx_practice(x));
	size_t n;
	int64_t *ps; /* id, year of birth */
	int rc = db_rows_i64(st, 2, &ps, &n, e) ? DB_ERR : DB_DONE;
	db_done(st);
	for (size_t i = 0; rc != DB_ERR && i < n; i++) {
		int r = (int)(demo_rand(s) % 100);
		if (r < 8)
			continue; /* self-pay */
		int prim = ps[2 * i + 1] <= 1961 ? 0 : r < 20 ? 1 : 2 + (int)(demo_rand(s) % 3);
		char member[16];
		snprintf(member, sizeof member, "%c%09llu", "MWXBU"[prim % 5], (unsigned long long)(demo_rand(s) % 1000000000ull));
		json_t *c = json_pack("{s:I, s:I, s:i, s:s, s:s, s:s, s:s, s:I, s:s}", "patient_id", (json_int_t)ps[2 * i],
				      "payer_id", (json_int_t)payer_ids[prim], "priority", 1, "relationship", "self", "member_id",
				      member, "effective_from", "2024-01-01", "plan_name", prim < 2 ? "Original" : "PPO",
				      "copay_cents", (json_int_t)(prim < 2 ? 0 : 2500), "eligibility", r < 90 ? "active" : "unknown");
		if (prim >= 2)
			json_object_set_new(c, "group_number", json_sprintf("G%05d", (int)(demo_rand(s) % 90000) + 10000));
		if (make(x, BR_COVERAGE, c, NULL, e))
			rc = DB_ERR;
		else if (prim == 0 && r < 40) { /* Medicare with a supplement */
			snprintf(member, sizeof member, "S%09llu", (unsigned long long)(demo_rand(s) % 1000000000ull));
			if (make(x, BR_COVERAGE,
				 json_pack("{s:I, s:I, s:i, s:s, s:s, s:s}", "patient_id", (json_int_t)ps[2 * i], "payer_id",
					   (json_int_t)payer_ids[3], "priority", 2, "relationship", "self", "member_id", member,
					   "effective_from", "2024-01-01"),
				 NULL, e))
				rc = DB_ERR;
		}
	}
	free(ps);
	return rc == DB_ERR ? -1 : 0;
}

/* Encounters and claims for checked-out visits, oldest first; the newest `queue` are left
 * for charge entry. Older claims are submitted, and older still adjudicated. */
static int encounters(ctx *x, uint64_t *s, int queue, err *e)
{
	db_stmt *st = db_prepare(x->db,
				 "SELECT a.id FROM appointment a WHERE a.practice_id = $1 AND a.status = 'checked_out' "
				 "ORDER BY a.start_s, a.id",
				 e);
	if (!st)
		return -1;
	db_bind_i64(st, 1, ctx_practice(x));
	size_t n;
	int64_t *ids;
	int rc = db_rows_i64(st, 1, &ids, &n, e) ? DB_ERR : DB_DONE;
	db_done(st);
	size_t bill = n > (size_t)queue ? n - (size_t)queue : 0, npaid = 0;
	int64_t *paid = malloc((bill + 1) * sizeof *paid);
	int *outcome = malloc((bill + 1) * sizeof *outcome);
	if (!paid || !outcome)
		rc = DB_ERR, err_set(e, ERR_INTERNAL, "out of memory");
	for (size_t i = 0; rc != DB_ERR && i < bill; i++) {
		int ndx = 1 + (int)(demo_rand(s) % 3);
		json_t *dx = json_array();
		for (int k = 0; k < ndx; k++) {
			const char *d = dx_pool[demo_rand(s) % (sizeof dx_pool / sizeof *dx_pool)];
			bool dup = false;
			for (size_t j = 0; j < json_array_size(dx); j++)
				dup = dup || !strcmp(json_string_value(json_array_get(dx, j)), d);
			if (!dup)
				json_array_append_new(dx, json_string(d));
		}
		int r = (int)(demo_rand(s) % 100);
		json_t *lines = json_pack("[{s:s, s:i, s:[i]}]", "code", r < 15 ? "99212" : r < 60 ? "99213" : r < 90 ? "99214" : "99215",
					  "units", 1, "pointers", 1);
		if (r % 7 == 0) /* an ECG the same day */
			json_array_append_new(lines, json_pack("{s:s, s:i, s:[i]}", "code", "93000", "units", 1, "pointers", 1));
		if (r % 5 == 0)
			json_array_append_new(lines, json_pack("{s:s, s:i, s:[i]}", "code", "36415", "units", 1, "pointers", 1));
		json_t *in = json_pack("{s:I, s:o, s:o}", "appointment_id", (json_int_t)ids[i], "diagnoses", dx, "lines", lines);
		json_t *claims = NULL;
		int64_t eid;
		int erc = encounter_create(x, in, &eid, NULL, e);
		json_decref(in);
		if (erc) {
			rc = DB_ERR;
			break;
		}
		if (claims_build(x, eid, &claims, e)) {
			if (e->code != ERR_UNPROCESSABLE) { /* the uninsured are billed directly */
				rc = DB_ERR;
				break;
			}
			err_clear(e);
			continue;
		}
		/* the older half of the claims has gone out; the oldest quarter is adjudicated */
		json_t *c = json_array_get(json_object_get(claims, "items"), 0);
		int64_t cid = json_integer_value(json_object_get(c, "id"));
		bool ready = !strcmp(json_string_value(json_object_get(c, "status")), "ready");
		json_decref(claims);
		if (!ready || i > bill / 2)
			continue;
		/* the oldest quarter is answered by the payers' 835s (demo/remit.c): paid, one line
		 * denied, or denied */
		if (i < bill / 4) {
			paid[npaid] = cid;
			outcome[npaid++] = r < 80 ? 0 : r < 92 ? 1 : 2;
		}
		const char *path[] = {"submitted", "accepted"};
		for (int k = 0; k < 2; k++) {
			json_t *step = json_pack("{s:s}", "status", path[k]), *o = NULL;
			if (k == 1)
				json_object_set_new(step, "payer_claim_number", json_sprintf("ICN%08lld", (long long)cid));
			int trc = claim_transition(x, cid, step, &o, e);
			json_decref(step);
			json_decref(o);
			if (trc) {
				rc = DB_ERR;
				break;
			}
		}
	}
	free(ids);
	if (rc != DB_ERR && (demo_remittances(x, paid, outcome, npaid, e) || demo_desk_payments(x, s, e)))
		rc = DB_ERR;
	free(paid);
	free(outcome);
	return rc == DB_ERR ? -1 : 0;
}

int demo_billing(ctx *x, uint64_t *s, err *e)
{
	int64_t payer_ids[NPAYERS];
	if (setup(x, s, payer_ids, e) || db_begin(x->db, e))
		return -1;
	if (coverages(x, s, payer_ids, e)) {
		db_rollback(x->db);
		return -1;
	}
	if (db_commit(x->db, e))
		return -1;
	return encounters(x, s, 12, e);
}
