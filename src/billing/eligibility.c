/* eligibility.c: asking a payer whether a coverage is in force (270), and taking its
 * answer (271) into the coverage: active or inactive, copay, coinsurance, deductible and how much of it
 * is met, and when it was checked. The coverage id travels as the inquiry's trace. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/json_text.h"
#include "base/timeutil.h"
#include "billing/billing.h"
#include "formats/x12/x27x.h"
#include "registry/registry.h"

static json_t *col(db_stmt *st, int c) { return db_col_null(st, c) ? json_null() : json_string(db_col_text(st, c)); }

/* The parties of an inquiry about a coverage (and, for a 276, a claim): the request JSON
 * and the EDI set-up, or an error. */
typedef struct inquiry {
	json_t *req;
	char q1[3], s1[16], q2[3], r2[16], gs[16], gr[16], usage;
	int64_t patient;
} inquiry;

static int inquiry_load(ctx *x, int64_t id, inquiry *q, err *e)
{
	db_stmt *st = db_prepare(
		x->db,
		"SELECT c.relationship, c.member_id, c.subscriber_family_name, c.subscriber_given_name, c.subscriber_birth_date, "
		"c.subscriber_sex, p.family_name, p.given_name, p.birth_date, p.sex_at_birth, y.name, y.payer_code, b.legal_name, "
		"b.npi, b.tax_id, s.isa_sender_qual, s.isa_sender_id, s.isa_receiver_qual, s.isa_receiver_id, s.gs_sender, "
		"s.gs_receiver, s.usage, c.patient_id FROM coverage c JOIN patient p ON p.id = c.patient_id "
		"JOIN payer y ON y.id = c.payer_id LEFT JOIN billing_profile b ON b.practice_id = c.practice_id "
		"LEFT JOIN edi_settings s ON s.practice_id = c.practice_id WHERE c.id = $1 AND c.practice_id = $2",
		e);
	if (!st)
		return -1;
	db_bindv(st, "ii", id, ctx_practice(x));
	int rc = db_step(st, e);
	if (rc != DB_ROW) {
		db_done(st);
		return rc == DB_ERR ? -1 : err_set(e, ERR_NOT_FOUND, "coverage %lld not found", (long long)id);
	}
	if (db_col_null(st, 16) || db_col_null(st, 13)) {
		db_done(st);
		return err_set(e, ERR_UNPROCESSABLE, "set up EDI and the billing profile's NPI first");
	}
	bool self = !strcmp(db_col_text(st, 0), "self");
	memset(q, 0, sizeof *q);
	char trace[24], today[11], originator[16];
	snprintf(trace, sizeof trace, "%lld", (long long)id);
	practice_today(x->db, ctx_practice(x), today);
	snprintf(originator, sizeof originator, "1%.9s", db_col_text(st, 14) ? db_col_text(st, 14) : "000000000");
	json_t *req = json_pack("{s:s, s:s, s:s, s:{s:o, s:o}, s:{s:o, s:o}}", "trace", trace, "date", today, "originator",
				originator, "payer", "name", col(st, 10), "payer_code", col(st, 11), "provider", "name", col(st, 12),
				"npi", col(st, 13));
	json_t *patient = json_pack("{s:o, s:o, s:o, s:o}", "family_name", col(st, 6), "given_name", col(st, 7), "birth_date",
				    col(st, 8), "sex", col(st, 9));
	json_t *sub = self ? json_deep_copy(patient)
			   : json_pack("{s:o, s:o, s:o, s:o}", "family_name", col(st, 2), "given_name", col(st, 3), "birth_date",
				       col(st, 4), "sex", col(st, 5));
	json_object_set_new(sub, "member_id", col(st, 1));
	json_object_set_new(req, "subscriber", sub);
	json_object_set_new(req, "patient", self ? json_null() : json_incref(patient));
	json_decref(patient);
	snprintf(q->q1, sizeof q->q1, "%s", db_col_text(st, 15));
	snprintf(q->s1, sizeof q->s1, "%s", db_col_text(st, 16));
	snprintf(q->q2, sizeof q->q2, "%s", db_col_text(st, 17));
	snprintf(q->r2, sizeof q->r2, "%s", db_col_text(st, 18));
	snprintf(q->gs, sizeof q->gs, "%s", db_col_text(st, 19));
	snprintf(q->gr, sizeof q->gr, "%s", db_col_text(st, 20));
	q->usage = db_col_text(st, 21)[0];
	q->patient = db_col_i64(st, 22);
	q->req = req;
	db_done(st);
	return 0;
}

/* One interchange holding one set written by fn; control numbers from `id`. */
static int inquiry_file(inquiry *q, int64_t id, const char *fid, const char *version,
			int (*fn)(x12_writer *, json_t *, const char *, err *), char **file, size_t *len, err *e)
{
	x12_writer *w = x12w_new((x12_seps){'*', ':', '^', '~'}, true);
	long control = (long)(id % 999999999) + 1;
	x12_isa isa = {q->q1, q->s1, q->q2, q->r2, control, q->usage, (long long)now_unix()};
	int rc = x12w_interchange(w, &isa, e) || x12w_group(w, fid, q->gs, q->gr, control, version, e) ||
				 fn(w, q->req, "0001", e) || x12w_end(w, e) || x12w_end(w, e)
			 ? -1
			 : 0;
	if (!rc) {
		const char *data = x12w_data(w, len);
		*file = strdup(data);
	}
	x12w_free(w);
	return rc;
}

int coverage_270(ctx *x, int64_t id, char **file, size_t *len, err *e)
{
	inquiry q;
	if (inquiry_load(x, id, &q, e))
		return -1;
	int rc = inquiry_file(&q, id, "HS", "005010X279A1", x270_write, file, len, e);
	if (!rc)
		ctx_audit_read(x, "coverage.eligibility_request", "coverage", id, q.patient);
	json_decref(q.req);
	return rc;
}

int claim_276(ctx *x, int64_t claim, char **file, size_t *len, err *e)
{
	int64_t coverage = 0;
	char dos[11] = "", icn[64] = "";
	int64_t total = 0;
	db_stmt *st = db_prepare(x->db, "SELECT coverage_id, service_date, payer_claim_number, total_cents FROM claim WHERE id = $1 AND practice_id = $2", e);
	if (!st)
		return -1;
	db_bindv(st, "ii", claim, ctx_practice(x));
	int rc = db_step(st, e);
	if (rc == DB_ROW) {
		coverage = db_col_i64(st, 0);
		snprintf(dos, sizeof dos, "%s", db_col_text(st, 1));
		snprintf(icn, sizeof icn, "%s", db_col_text(st, 2) ? db_col_text(st, 2) : "");
		total = db_col_i64(st, 3);
	}
	db_done(st);
	if (rc != DB_ROW)
		return rc == DB_ERR ? -1 : err_set(e, ERR_NOT_FOUND, "claim %lld not found", (long long)claim);
	inquiry q;
	if (inquiry_load(x, coverage, &q, e))
		return -1;
	char trace[24];
	snprintf(trace, sizeof trace, "%lld", (long long)claim);
	json_object_set_new(q.req, "trace", json_string(trace));
	json_object_set_new(q.req, "service_date", json_string(dos));
	json_object_set_new(q.req, "payer_claim_number", json_string(icn));
	json_object_set_new(q.req, "total_cents", json_integer(total));
	rc = inquiry_file(&q, claim, "HR", "005010X212", x276_write, file, len, e);
	if (!rc)
		ctx_audit_read(x, "claim.status_request", "claim", claim, q.patient);
	json_decref(q.req);
	return rc;
}

int coverage_apply_271(ctx *x, x12_reader *r, json_t *result, err *e)
{
	json_t *answers = x271_read(r, e);
	if (!answers)
		return -1;
	char now[TS_LEN];
	ts_now(now);
	size_t i;
	json_t *a;
	int rc = 0;
	json_array_foreach(answers, i, a) {
		const char *trace = json_string_value(json_object_get(a, "trace")), *status = json_string_value(json_object_get(a, "status"));
		char *end;
		long long id = trace ? strtoll(trace, &end, 10) : 0;
		int64_t patient = 0;
		int found = id > 0 && !*end ? db_one_i64(x->db, e, &patient, "SELECT patient_id FROM coverage WHERE id = $1 AND practice_id = $2",
							 "ii", (int64_t)id, ctx_practice(x))
					   : 0;
		if (found < 0) {
			rc = -1;
			break;
		}
		if (!found) {
			json_array_append_new(result, json_pack("{s:o, s:s}", "coverage_id", json_null(), "outcome", "unknown coverage"));
			continue;
		}
		const char *elig = status && strcmp(status, "error") ? status : "unknown";
		json_t *ded = json_object_get(a, "deductible_cents"), *rem = json_object_get(a, "deductible_remaining_cents");
		json_t *copay = json_object_get(a, "copay_cents"), *coins = json_object_get(a, "coinsurance_bp");
		char *benefits = json_text(json_object_get(a, "benefits"), NULL);
		int urc = db_run(x->db, e,
				 "UPDATE coverage SET eligibility = $1, eligibility_checked_at = $2, eligibility_benefits = $3, "
				 "version = version + 1, updated_at = $2 WHERE id = $4",
				 "sssi", elig, now, benefits ? benefits : "[]", (int64_t)id);
		free(benefits);
		if (urc < 0 ||
		    (coins && db_run(x->db, e, "UPDATE coverage SET coinsurance_bp = $1 WHERE id = $2", "ii",
				     (int64_t)json_integer_value(coins), (int64_t)id) < 0) ||
		    (copay && db_run(x->db, e, "UPDATE coverage SET copay_cents = $1 WHERE id = $2", "ii",
				     (int64_t)json_integer_value(copay), (int64_t)id) < 0) ||
		    (ded && db_run(x->db, e, "UPDATE coverage SET deductible_cents = $1 WHERE id = $2", "ii",
				   (int64_t)json_integer_value(ded), (int64_t)id) < 0) ||
		    (ded && rem && db_run(x->db, e, "UPDATE coverage SET deductible_met_cents = $1 WHERE id = $2", "ii",
					  (int64_t)(json_integer_value(ded) - json_integer_value(rem)), (int64_t)id) < 0) ||
		    ctx_audit(x, "coverage.eligibility", "coverage", (int64_t)id, patient, elig, e)) {
			rc = -1;
			break;
		}
		json_t *o = json_pack("{s:I, s:s, s:s}", "coverage_id", (json_int_t)id, "eligibility", elig, "outcome",
				      status && !strcmp(status, "error") ? "the payer could not answer" : "updated");
		if (json_object_get(a, "error_code"))
			json_object_set(o, "error_code", json_object_get(a, "error_code"));
		json_array_append_new(result, o);
	}
	json_decref(answers);
	return rc;
}
