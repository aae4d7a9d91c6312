/* doc.c: the claim document: everything a CMS-1500 form or an 837P needs about one claim,
 * gathered once from the claim, its encounter, coverage, payer, patient, providers and the
 * practice's billing profile. The shape is documented in formats/cms1500.h. */
#include <stdio.h>
#include <string.h>

#include "billing/billing.h"
#include "billing/codes_fmt.h"
#include "formats/cms1500.h"

static json_t *col(db_stmt *st, int c) { return db_col_null(st, c) ? json_null() : json_string(db_col_text(st, c)); }

static json_t *address(db_stmt *st, int c)
{
	return json_pack("{s:o, s:o, s:o, s:o, s:o}", "line1", col(st, c), "line2", col(st, c + 1), "city", col(st, c + 2),
			 "state", col(st, c + 3), "postal_code", col(st, c + 4));
}

/* The remittance claim (835 CLP loop, as x835.h reads it) by which a payer adjudicated a
 * claim, the latest unless reversed, and the remittance's date; NULL when none. */
static json_t *adjudication(ctx *x, int64_t claim, err *e)
{
	db_stmt *st = db_prepare(x->db,
				 "SELECT r.document, rc.seq, r.paid_on FROM remittance_claim rc JOIN remittance r ON r.id = rc.remittance_id "
				 "WHERE rc.claim_id = $1 AND rc.practice_id = $2 AND rc.status <> '22' ORDER BY rc.id DESC LIMIT 1",
				 e);
	if (!st)
		return NULL;
	db_bindv(st, "ii", claim, ctx_practice(x));
	json_t *found = NULL;
	if (db_step(st, e) == DB_ROW) {
		json_t *remit = json_loads(db_col_text(st, 0), 0, NULL);
		/* the document is one remittance (an object); its claims in file order */
		json_t *claims = json_object_get(remit, "claims");
		found = json_incref(json_array_get(claims, (size_t)db_col_i64(st, 1) - 1));
		if (found)
			json_object_set_new(found, "adjudicated_on", db_col_null(st, 2) ? json_null() : json_string(db_col_text(st, 2)));
		json_decref(remit);
	}
	db_done(st);
	return found;
}

/* The payers before this one in the coverage order whose claims for the same encounter have
 * been adjudicated, with what they decided (for the 837P's 2320/2330 and 2430 loops):
 *   [{payer_order, payer: {name, payer_code, filing_indicator}, insured: {relationship,
 *     family_name, given_name, member_id, group_number, plan_name, benefits_assigned,
 *     release_of_information}, payer_claim_number, adjudicated_on, paid_cents, patient_cents,
 *     adjustments: [...], lines: [{line_no (this claim's), code, modifiers, units, paid_cents,
 *     adjustments}]}] */
static int other_payers(ctx *x, int64_t id, json_t *doc, err *e)
{
	json_t *list = json_array();
	json_object_set_new(doc, "other_payers", list);
	db_stmt *st = db_prepare(
		x->db,
		"SELECT k.id, k.payer_order, k.payer_claim_number, cv.relationship, cv.subscriber_family_name, "
		"cv.subscriber_given_name, cv.member_id, cv.group_number, cv.plan_name, cv.benefits_assigned, cv.release_code, "
		"y.name, y.payer_code, y.filing_indicator, p.family_name, p.given_name "
		"FROM claim c JOIN claim k ON k.encounter_id = c.encounter_id AND k.practice_id = c.practice_id "
		"JOIN coverage cv ON cv.id = k.coverage_id JOIN payer y ON y.id = k.payer_id JOIN patient p ON p.id = k.patient_id "
		"WHERE c.id = $1 AND c.practice_id = $2 AND k.payer_order < c.payer_order AND k.replaced_by IS NULL "
		"ORDER BY k.payer_order, k.id",
		e);
	if (!st)
		return -1;
	db_bindv(st, "ii", id, ctx_practice(x));
	int rc;
	while ((rc = db_step(st, e)) == DB_ROW) {
		json_t *adj = adjudication(x, db_col_i64(st, 0), e);
		if (!adj) {
			if (e->code != ERR_OK) {
				rc = DB_ERR;
				break;
			}
			continue;
		}
		bool self = !strcmp(db_col_text(st, 3), "self");
		json_t *o = json_pack(
			"{s:I, s:{s:o, s:o, s:o}, s:{s:o, s:o, s:o, s:o, s:o, s:o, s:b, s:o}, s:O, s:O, s:O, s:O, s:o}", "payer_order",
			(json_int_t)db_col_i64(st, 1), "payer", "name", col(st, 11), "payer_code", col(st, 12), "filing_indicator",
			col(st, 13), "insured", "relationship", col(st, 3), "family_name", col(st, self ? 14 : 4), "given_name",
			col(st, self ? 15 : 5), "member_id", col(st, 6), "group_number", col(st, 7), "plan_name", col(st, 8),
			"benefits_assigned", (int)db_col_i64(st, 9), "release_of_information", col(st, 10), "adjudicated_on",
			json_object_get(adj, "adjudicated_on"), "paid_cents", json_object_get(adj, "paid_cents"), "patient_cents",
			json_object_get(adj, "patient_cents"), "adjustments", json_object_get(adj, "adjustments"), "lines", json_array());
		if (!o) { /* a remittance document without the fields x835.h promises */
			json_decref(adj);
			err_set(e, ERR_INTERNAL, "the remittance of claim %lld cannot be read", (long long)db_col_i64(st, 0));
			rc = DB_ERR;
			break;
		}
		/* the payer's number for the claim: from its remittance, else from its acknowledgment */
		json_t *icn = json_object_get(adj, "payer_claim_number"), *ours = col(st, 2);
		json_object_set(o, "payer_claim_number", json_is_string(icn) && *json_string_value(icn) ? icn : ours);
		json_decref(ours);
		/* its lines, matched to ours through the charge both were billed from */
		db_stmt *ls = db_prepare(x->db,
					 "SELECT o.line_no, s.line_no FROM claim_line o JOIN claim_line s ON s.charge_id = o.charge_id "
					 "WHERE o.claim_id = $1 AND s.claim_id = $2",
					 e);
		if (!ls) {
			json_decref(o);
			json_decref(adj);
			rc = DB_ERR;
			break;
		}
		db_bindv(ls, "ii", db_col_i64(st, 0), id);
		while ((rc = db_step(ls, e)) == DB_ROW) {
			size_t i;
			json_t *l;
			json_array_foreach(json_object_get(adj, "lines"), i, l) if (json_integer_value(json_object_get(l, "claim_line")) ==
										     db_col_i64(ls, 0)) {
				json_t *line = json_pack("{s:I, s:O, s:O, s:O, s:O, s:O}", "line_no", (json_int_t)db_col_i64(ls, 1), "code",
							 json_object_get(l, "code"), "modifiers", json_object_get(l, "modifiers"), "units",
							 json_object_get(l, "units"), "paid_cents", json_object_get(l, "paid_cents"),
							 "adjustments", json_object_get(l, "adjustments"));
				json_array_append_new(json_object_get(o, "lines"), line);
			}
		}
		db_done(ls);
		json_decref(adj);
		json_array_append_new(list, o);
		if (rc == DB_ERR)
			break;
	}
	db_done(st);
	return rc == DB_ERR ? -1 : 0;
}

int claim_document(ctx *x, int64_t id, json_t **out, err *e)
{
	json_t *claim;
	if (claim_get(x, id, &claim, e))
		return -1;
	db_stmt *st = db_prepare(
		x->db,
		"SELECT p.family_name, p.given_name, p.middle_name, p.birth_date, p.sex_at_birth, p.addr_line1, p.addr_line2, "
		"p.addr_city, p.addr_state, p.addr_postal_code, COALESCE(p.phone_home, p.phone_mobile), p.mrn, "
		/* 12 */ "cv.relationship, cv.subscriber_family_name, cv.subscriber_given_name, cv.subscriber_birth_date, "
		"cv.subscriber_sex, cv.member_id, cv.group_number, cv.plan_name, "
		/* 20 */ "y.name, y.payer_code, y.addr_line1, y.addr_line2, y.addr_city, y.addr_state, y.addr_postal_code, "
		"y.filing_indicator, y.kind, "
		/* 29 */ "b.legal_name, b.npi, b.tax_id, b.taxonomy, b.addr_line1, b.addr_line2, b.addr_city, b.addr_state, "
		"b.addr_postal_code, b.phone, "
		/* 39 */ "bp.family_name, bp.given_name, bp.npi, bp.taxonomy, "
		/* 43 */ "rp.family_name, rp.given_name, rp.npi, rp.taxonomy, rp.credentials, "
		/* 48 */ "en.referring_name, en.referring_npi, en.prior_auth, en.pos_code, "
		/* 52 */ "l.name, l.addr_line1, l.addr_line2, l.addr_city, l.addr_state, l.addr_postal_code, "
		/* 58 */ "y.accepts_assignment, cv.benefits_assigned, cv.release_code, cv.msp_type "
		"FROM claim c JOIN encounter en ON en.id = c.encounter_id JOIN patient p ON p.id = c.patient_id "
		"JOIN coverage cv ON cv.id = c.coverage_id JOIN payer y ON y.id = c.payer_id "
		"JOIN provider rp ON rp.id = en.rendering_provider_id LEFT JOIN provider bp ON bp.id = en.billing_provider_id "
		"JOIN location l ON l.id = en.location_id LEFT JOIN billing_profile b ON b.practice_id = c.practice_id "
		"WHERE c.id = $1 AND c.practice_id = $2",
		e);
	if (!st) {
		json_decref(claim);
		return -1;
	}
	db_bindv(st, "ii", id, ctx_practice(x));
	int rc = db_step(st, e);
	if (rc != DB_ROW) {
		db_done(st);
		json_decref(claim);
		return rc == DB_ERR ? -1 : err_set(e, ERR_NOT_FOUND, "claim %lld not found", (long long)id);
	}
	json_t *patient = json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "family_name", col(st, 0), "given_name",
				    col(st, 1), "middle_name", col(st, 2), "birth_date", col(st, 3), "sex", col(st, 4),
				    "address", address(st, 5), "phone", col(st, 10));
	json_object_set_new(patient, "account_number", col(st, 11));
	bool self = !strcmp(db_col_text(st, 12), "self");
	json_t *insured = self ? json_pack("{s:O, s:O, s:O, s:O, s:O}", "family_name", json_object_get(patient, "family_name"),
					   "given_name", json_object_get(patient, "given_name"), "birth_date",
					   json_object_get(patient, "birth_date"), "sex", json_object_get(patient, "sex"),
					   "address", json_object_get(patient, "address"))
			       : json_pack("{s:o, s:o, s:o, s:o}", "family_name", col(st, 13), "given_name", col(st, 14),
					   "birth_date", col(st, 15), "sex", col(st, 16));
	json_object_set_new(insured, "relationship", json_string(db_col_text(st, 12)));
	json_object_set_new(insured, "member_id", col(st, 17));
	json_object_set_new(insured, "group_number", col(st, 18));
	json_object_set_new(insured, "plan_name", col(st, 19));
	json_object_set_new(insured, "benefits_assigned", json_boolean(db_col_i64(st, 59)));
	json_object_set_new(insured, "release_of_information", col(st, 60));
	json_object_set_new(insured, "medicare_secondary_type", col(st, 61));
	json_t *payer = json_pack("{s:o, s:o, s:o, s:o, s:o, s:b}", "name", col(st, 20), "payer_code", col(st, 21), "address",
				  address(st, 22), "filing_indicator", col(st, 27), "kind", col(st, 28), "accepts_assignment",
				  (int)db_col_i64(st, 58));
	/* the billing provider: the individual named on the encounter, else the practice */
	bool individual = !db_col_null(st, 41);
	char name[160];
	if (individual)
		snprintf(name, sizeof name, "%s %s", db_col_text(st, 40), db_col_text(st, 39));
	else
		snprintf(name, sizeof name, "%s", db_col_text(st, 29) ? db_col_text(st, 29) : "");
	json_t *billing = json_pack("{s:s, s:b, s:o, s:o, s:o, s:o, s:o}", "name", name, "individual", individual, "npi",
				    col(st, individual ? 41 : 30), "taxonomy", col(st, individual ? 42 : 32), "tax_id",
				    col(st, 31), "address", address(st, 33), "phone", col(st, 38));
	json_t *rendering = json_pack("{s:o, s:o, s:o, s:o, s:o}", "family_name", col(st, 43), "given_name", col(st, 44),
				      "npi", col(st, 45), "taxonomy", col(st, 46), "credentials", col(st, 47));
	json_t *referring = json_pack("{s:o, s:o}", "name", col(st, 48), "npi", col(st, 49));
	json_t *facility = json_pack("{s:o, s:o}", "name", col(st, 52), "address", address(st, 53));
	json_t *doc = json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "patient", patient, "insured", insured, "payer",
				payer, "billing_provider", billing, "rendering_provider", rendering, "referring", referring,
				"facility", facility);
	json_object_set_new(doc, "prior_auth", col(st, 50));
	json_object_set_new(doc, "pos_code", col(st, 51));
	db_done(st);
	static const char *const keep[] = {"id", "frequency", "payer_claim_number", "service_date", "total_cents",
					   "payer_order", "lines", NULL};
	for (const char *const *k = keep; *k; k++)
		json_object_set(doc, *k, json_object_get(claim, *k));
	/* every line covered by capitation: the claim is encounter data, not a bill */
	bool encounter_data = json_array_size(json_object_get(claim, "lines")) > 0;
	size_t li;
	json_t *ln;
	json_array_foreach(json_object_get(claim, "lines"), li, ln) encounter_data = encounter_data && json_is_true(json_object_get(ln, "capitated"));
	json_object_set_new(doc, "encounter_data", json_boolean(encounter_data));
	/* diagnoses in display form from the encounter */
	json_t *enc;
	if (encounter_get(x, json_integer_value(json_object_get(claim, "encounter_id")), &enc, e)) {
		json_decref(claim);
		json_decref(doc);
		return -1;
	}
	json_object_set(doc, "diagnoses", json_object_get(enc, "diagnoses"));
	json_decref(enc);
	json_decref(claim);
	if (json_integer_value(json_object_get(doc, "payer_order")) > 1 && other_payers(x, id, doc, e)) {
		json_decref(doc);
		return -1;
	}
	*out = doc;
	return 0;
}

int claim_cms1500(ctx *x, int64_t id, char **pdf, size_t *len, err *e)
{
	json_t *doc;
	if (claim_document(x, id, &doc, e))
		return -1;
	int rc = cms1500_pdf(doc, pdf, len, e);
	if (!rc) {
		int64_t patient;
		db_one_i64(x->db, e, &patient, "SELECT patient_id FROM claim WHERE id = $1", "i", id);
		ctx_audit_read(x, "claim.export_cms1500", "claim", id, patient);
	}
	json_decref(doc);
	return rc;
}
