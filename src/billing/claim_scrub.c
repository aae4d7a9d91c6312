/* claim_scrub.c: loading a claim for the edits, rebuilding its lines from the encounter, and
 * keeping the scrub's result on the claim. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/timeutil.h"
#include "billing/billing.h"
#include "billing/claim.h"
#include "billing/codes_fmt.h"
#include "billing/price.h"
#include "registry/registry.h"

static void copy(char *dst, size_t n, db_stmt *st, int col)
{
	const char *s = db_col_text(st, col);
	snprintf(dst, n, "%s", s ? s : "");
}

static void split_into(const char *s, char (*out)[3], int max, int *n)
{
	*n = 0;
	for (const char *p = s; p && *p && *n < max;) {
		size_t len = strcspn(p, ",");
		snprintf(out[(*n)++], 3, "%.*s", (int)len, p);
		p += len + (p[len] == ',');
	}
}

int claim_load(ctx *x, int64_t id, bill_claim *c, err *e)
{
	memset(c, 0, sizeof *c);
	practice_today(x->db, ctx_practice(x), c->today);
	int64_t patient = 0, rendering = 0, encounter = 0;
	db_stmt *st = db_prepare(
		x->db,
		"SELECT cl.service_date, cl.frequency, en.diagnoses, "
		"COALESCE(bp.npi, b.npi), COALESCE(bp.taxonomy, b.taxonomy), b.tax_id, rp.npi, en.referring_npi, "
		"cv.member_id, py.payer_code, cl.payer_claim_number, py.kind, py.takes_paper, py.timely_filing_days, "
		"cv.effective_from, cv.effective_to, cv.eligibility, cv.active, cl.payer_order, "
		"(SELECT MIN(o.id) FROM claim o WHERE o.practice_id = cl.practice_id AND o.encounter_id = cl.encounter_id AND o.payer_order < cl.payer_order "
		" AND o.replaced_by IS NULL AND o.status NOT IN ('paid', 'partial', 'denied', 'closed')), "
		"(SELECT MIN(d.id) FROM claim d JOIN claim_line dl ON dl.claim_id = d.id WHERE d.practice_id = cl.practice_id "
		" AND d.patient_id = cl.patient_id AND d.payer_id = cl.payer_id AND d.service_date = cl.service_date "
		" AND d.id <> cl.id AND d.encounter_id <> cl.encounter_id AND d.replaced_by IS NULL AND d.status <> 'closed' "
		" AND d.frequency <> '8' AND dl.code IN (SELECT code FROM claim_line WHERE claim_id = cl.id)), "
		"cv.msp_type, (SELECT COUNT(*) FROM patient p WHERE p.id = cl.patient_id AND p.addr_line1 <> '' AND p.addr_city <> '' "
		" AND p.addr_state <> '' AND p.addr_postal_code <> ''), cl.patient_id, en.rendering_provider_id, en.id "
		"FROM claim cl JOIN encounter en ON en.id = cl.encounter_id JOIN coverage cv ON cv.id = cl.coverage_id "
		"JOIN payer py ON py.id = cl.payer_id JOIN provider rp ON rp.id = en.rendering_provider_id "
		"LEFT JOIN provider bp ON bp.id = en.billing_provider_id "
		"LEFT JOIN billing_profile b ON b.practice_id = cl.practice_id WHERE cl.id = $1 AND cl.practice_id = $2",
		e);
	if (!st)
		return -1;
	db_bindv(st, "ii", id, ctx_practice(x));
	int rc = db_step(st, e);
	if (rc == DB_ROW) {
		copy(c->dos, sizeof c->dos, st, 0);
		c->frequency = db_col_text(st, 1)[0];
		const char *dx = db_col_text(st, 2);
		for (const char *p = dx; *p && c->ndx < BILL_MAX_DX;) {
			size_t len = strcspn(p, ",");
			snprintf(c->dx[c->ndx++], sizeof c->dx[0], "%.*s", (int)len, p);
			p += len + (p[len] == ',');
		}
		copy(c->billing_npi, sizeof c->billing_npi, st, 3);
		copy(c->billing_taxonomy, sizeof c->billing_taxonomy, st, 4);
		copy(c->billing_tax_id, sizeof c->billing_tax_id, st, 5);
		copy(c->rendering_npi, sizeof c->rendering_npi, st, 6);
		copy(c->referring_npi, sizeof c->referring_npi, st, 7);
		copy(c->member_id, sizeof c->member_id, st, 8);
		copy(c->payer_code, sizeof c->payer_code, st, 9);
		copy(c->payer_claim_number, sizeof c->payer_claim_number, st, 10);
		c->medicare = !strcmp(db_col_text(st, 11), "medicare");
		c->takes_paper = db_col_i64(st, 12);
		c->timely_days = db_col_i64(st, 13);
		copy(c->cov_from, sizeof c->cov_from, st, 14);
		copy(c->cov_to, sizeof c->cov_to, st, 15);
		copy(c->eligibility, sizeof c->eligibility, st, 16);
		c->cov_active = db_col_i64(st, 17);
		c->payer_order = (int)db_col_i64(st, 18);
		c->primary_open = !db_col_null(st, 19);
		c->duplicate_of = db_col_null(st, 20) ? 0 : db_col_i64(st, 20);
		copy(c->msp_type, sizeof c->msp_type, st, 21);
		c->patient_address = db_col_i64(st, 22) > 0;
		patient = db_col_i64(st, 23);
		rendering = db_col_i64(st, 24);
		encounter = db_col_i64(st, 25);
	}
	db_done(st);
	if (rc == DB_DONE)
		return err_set(e, ERR_NOT_FOUND, "claim %lld not found", (long long)id);
	if (rc == DB_ERR)
		return -1;
	st = db_prepare(x->db, "SELECT code, modifiers, units, pointers FROM claim_line WHERE claim_id = $1 ORDER BY line_no", e);
	if (!st)
		return -1;
	db_bind_i64(st, 1, id);
	while ((rc = db_step(st, e)) == DB_ROW && c->nlines < BILL_MAX_LINES) {
		bill_line *l = &c->lines[c->nlines++];
		copy(l->code, sizeof l->code, st, 0);
		split_into(db_col_text(st, 1), l->mods, BILL_MAX_MODS, &l->nmods);
		l->units = db_col_i64(st, 2);
		char ptrs[BILL_MAX_PTRS][3];
		split_into(db_col_text(st, 3), ptrs, BILL_MAX_PTRS, &l->nptrs);
		for (int i = 0; i < l->nptrs; i++)
			l->ptrs[i] = atoi(ptrs[i]);
	}
	db_done(st);
	if (rc == DB_ERR)
		return -1;
	/* the surgeon's procedures for this patient around the visit, for global periods */
	int64_t dos;
	char from[11], to[11];
	day_parse(c->dos, &dos);
	day_format(dos - 90, from);
	day_format(dos + 1, to);
	st = db_prepare(x->db,
			"SELECT ch.code, en.service_date FROM charge ch JOIN encounter en ON en.id = ch.encounter_id "
			"WHERE en.practice_id = $1 AND en.patient_id = $2 AND en.rendering_provider_id = $3 AND en.id <> $4 "
			"AND en.status <> 'void' AND ch.replaced = 0 AND en.service_date >= $5 AND en.service_date <= $6 "
			"AND ch.code NOT LIKE '99%' ORDER BY en.service_date DESC LIMIT 16",
			e);
	if (!st)
		return -1;
	db_bindv(st, "iiiiss", ctx_practice(x), patient, rendering, encounter, from, to);
	while ((rc = db_step(st, e)) == DB_ROW && c->nprior < 16) {
		copy(c->prior[c->nprior].code, sizeof c->prior[0].code, st, 0);
		copy(c->prior[c->nprior++].dos, sizeof c->prior[0].dos, st, 1);
	}
	db_done(st);
	return rc == DB_ERR ? -1 : 0;
}

/* Copies the encounter's current charges onto the claim with the payer's expected amounts;
 * a line the payer's capitation covers is expected to pay nothing. */
static int rebuild_lines(ctx *x, int64_t id, code_sets *cs, err *e)
{
	int64_t payer = 0, patient = 0;
	char pos[3] = "", dos[11] = "";
	db_stmt *st = db_prepare(x->db,
				 "SELECT c.payer_id, e.pos_code, c.patient_id, c.service_date FROM claim c "
				 "JOIN encounter e ON e.id = c.encounter_id WHERE c.id = $1",
				 e);
	if (!st)
		return -1;
	db_bind_i64(st, 1, id);
	int rc = db_step(st, e);
	if (rc == DB_ROW) {
		payer = db_col_i64(st, 0);
		copy(pos, sizeof pos, st, 1);
		patient = db_col_i64(st, 2);
		copy(dos, sizeof dos, st, 3);
	}
	db_done(st);
	if (rc != DB_ROW)
		return rc == DB_ERR ? -1 : err_set(e, ERR_NOT_FOUND, "claim %lld not found", (long long)id);
	price_ctx pc;
	capitation cap;
	if (capitation_for(x, payer, patient, dos, &cap, e) || price_ctx_open(x, payer, pos, cs, &pc, e) ||
	    db_run(x->db, e, "DELETE FROM claim_line WHERE claim_id = $1", "i", id) < 0)
		return -1;
	st = db_prepare(x->db,
			"SELECT ch.id, ch.line_no, ch.code, ch.modifiers, ch.units, ch.pointers, ch.charge_cents FROM charge ch "
			"JOIN claim c ON c.encounter_id = ch.encounter_id WHERE c.id = $1 AND ch.replaced = 0 ORDER BY ch.line_no",
			e);
	if (!st)
		return -1;
	db_bind_i64(st, 1, id);
	struct line {
		int64_t charge, no, units, cents;
		char code[6], mods[16], ptrs[16];
	} lines[BILL_MAX_LINES];
	int n = 0;
	while ((rc = db_step(st, e)) == DB_ROW && n < BILL_MAX_LINES) {
		struct line *l = &lines[n++];
		l->charge = db_col_i64(st, 0);
		l->no = db_col_i64(st, 1);
		copy(l->code, sizeof l->code, st, 2);
		copy(l->mods, sizeof l->mods, st, 3);
		l->units = db_col_i64(st, 4);
		copy(l->ptrs, sizeof l->ptrs, st, 5);
		l->cents = db_col_i64(st, 6);
	}
	db_done(st);
	if (rc == DB_ERR)
		return -1;
	int64_t total = 0, expected = 0;
	bool known = n > 0;
	for (int i = 0; i < n; i++) {
		char first[3] = "";
		memcpy(first, lines[i].mods, lines[i].mods[0] ? 2 : 0);
		int64_t exp = 0, capitated = capitation_covers(&cap, lines[i].code);
		const char *basis = "capitation";
		if (!capitated && expected_lookup(x, &pc, lines[i].code, first, lines[i].units, &exp, &basis, e))
			return -1;
		total += lines[i].cents;
		expected += exp;
		known = known && basis;
		int64_t r = basis ? db_run(x->db, e,
					   "INSERT INTO claim_line (claim_id, line_no, charge_id, code, modifiers, units, pointers, "
					   "charge_cents, expected_cents, capitated) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
					   "iiissisiii", id, (int64_t)(i + 1), lines[i].charge, lines[i].code, lines[i].mods,
					   lines[i].units, lines[i].ptrs, lines[i].cents, exp, capitated)
				  : db_run(x->db, e,
					   "INSERT INTO claim_line (claim_id, line_no, charge_id, code, modifiers, units, pointers, "
					   "charge_cents) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
					   "iiissisi", id, (int64_t)(i + 1), lines[i].charge, lines[i].code, lines[i].mods,
					   lines[i].units, lines[i].ptrs, lines[i].cents);
		if (r < 0)
			return -1;
	}
	int64_t r = known ? db_run(x->db, e, "UPDATE claim SET total_cents = $1, expected_cents = $2 WHERE id = $3", "iii",
				   total, expected, id)
			  : db_run(x->db, e, "UPDATE claim SET total_cents = $1, expected_cents = NULL WHERE id = $2", "ii", total, id);
	return r < 0 ? -1 : 0;
}

int claim_event(ctx *x, int64_t id, const char *from, const char *to, const char *note, err *e)
{
	char now[TS_LEN];
	ts_now(now);
	return db_run(x->db, e,
		      "INSERT INTO claim_event (practice_id, claim_id, at, user_id, from_status, to_status, note) "
		      "VALUES ($1, $2, $3, $4, $5, $6, $7)",
		      "iisnsss", ctx_practice(x), id, now, ctx_user(x), from, to, note) < 0
		       ? -1
		       : 0;
}

/* Inside a transaction: rebuilds (when still in the practice's hands) and scrubs claim `id`,
 * stores the edits and moves draft/ready/rejected to ready or draft. *errors gets the count. */
int claim_rescrub(ctx *x, int64_t id, int64_t *errors, err *e)
{
	char status[16] = "", dos[11] = "";
	db_stmt *st = db_prepare(x->db, "SELECT status, service_date FROM claim WHERE id = $1 AND practice_id = $2", e);
	if (!st)
		return -1;
	db_bindv(st, "ii", id, ctx_practice(x));
	int rc = db_step(st, e);
	if (rc == DB_ROW) {
		copy(status, sizeof status, st, 0);
		copy(dos, sizeof dos, st, 1);
	}
	db_done(st);
	if (rc != DB_ROW)
		return rc == DB_ERR ? -1 : err_set(e, ERR_NOT_FOUND, "claim %lld not found", (long long)id);
	bool open = !strcmp(status, "draft") || !strcmp(status, "ready") || !strcmp(status, "rejected");
	code_sets cs;
	if (sets_open(x->db, dos, &cs, e) || (open && rebuild_lines(x, id, &cs, e)))
		return -1;
	bill_claim *c = malloc(sizeof *c);
	edit_list *out = calloc(1, sizeof *out);
	if (!c || !out) {
		free(c), free(out);
		return err_set(e, ERR_INTERNAL, "out of memory");
	}
	rc = claim_load(x, id, c, e);
	if (!rc)
		rc = scrub(c, &cs, out, e);
	if (!rc)
		rc = db_run(x->db, e, "DELETE FROM claim_edit WHERE claim_id = $1", "i", id) < 0 ? -1 : 0;
	for (int i = 0; !rc && i < out->n; i++)
		rc = db_run(x->db, e,
			    "INSERT INTO claim_edit (claim_id, seq, edit, severity, field, message) VALUES ($1, $2, $3, $4, $5, $6)",
			    "iissss", id, (int64_t)(i + 1), out->items[i].id, out->items[i].sev == SEV_ERROR ? "error" : "warning",
			    out->items[i].field, out->items[i].message) < 0
			     ? -1
			     : 0;
	const char *to = !open ? status : out->errors ? "draft" : "ready";
	char now[TS_LEN];
	ts_now(now);
	if (!rc)
		rc = db_run(x->db, e,
			    "UPDATE claim SET errors = $1, warnings = $2, scrubbed_at = $3, status = $4, version = version + 1, "
			    "updated_at = $3 WHERE id = $5",
			    "iissi", (int64_t)out->errors, (int64_t)out->warnings, now, to, id) < 0
			     ? -1
			     : 0;
	if (!rc && strcmp(to, status))
		rc = claim_event(x, id, status, to, out->errors ? "scrub found errors" : "scrub passed", e);
	if (errors)
		*errors = out->errors;
	free(c);
	free(out);
	return rc;
}
