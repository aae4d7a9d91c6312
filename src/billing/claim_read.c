/* claim_read.c: one claim with its lines, edits and history; worklists; counts. */
#include <stdio.h>
#include <string.h>

#include "billing/billing.h"
#include "billing/claim.h"
#include "billing/scrub.h"

#define CLAIM_COLS                                                                                 \
	"c.id, c.encounter_id, c.patient_id, c.payer_id, c.coverage_id, c.payer_order, c.service_date, c.status, "   \
	"c.frequency, c.replaces_id, c.replaced_by, c.payer_claim_number, c.total_cents, c.expected_cents, c.errors, " \
	"c.warnings, c.scrubbed_at, c.submitted_at, c.version, c.created_at, c.updated_at, p.family_name, "          \
	"p.given_name, p.mrn, y.name, e.rendering_provider_id "
#define CLAIM_FROM                                                                                 \
	"FROM claim c JOIN patient p ON p.id = c.patient_id JOIN payer y ON y.id = c.payer_id "    \
	"JOIN encounter e ON e.id = c.encounter_id "

static json_t *int_or_null(db_stmt *st, int c) { return db_col_null(st, c) ? json_null() : json_integer(db_col_i64(st, c)); }
static json_t *text_or_null(db_stmt *st, int c) { return db_col_null(st, c) ? json_null() : json_string(db_col_text(st, c)); }

static json_t *claim_row(db_stmt *st)
{
	char name[160];
	snprintf(name, sizeof name, "%s, %s", db_col_text(st, 21), db_col_text(st, 22));
	json_t *o = json_pack("{s:I, s:I, s:I, s:I, s:I, s:I, s:s, s:s, s:s, s:o, s:o, s:o, s:I, s:o, s:I, s:I}", "id",
			      (json_int_t)db_col_i64(st, 0), "encounter_id", (json_int_t)db_col_i64(st, 1), "patient_id",
			      (json_int_t)db_col_i64(st, 2), "payer_id", (json_int_t)db_col_i64(st, 3), "coverage_id",
			      (json_int_t)db_col_i64(st, 4), "payer_order", (json_int_t)db_col_i64(st, 5), "service_date",
			      db_col_text(st, 6), "status", db_col_text(st, 7), "frequency", db_col_text(st, 8),
			      "replaces_id", int_or_null(st, 9), "replaced_by", int_or_null(st, 10), "payer_claim_number",
			      text_or_null(st, 11), "total_cents", (json_int_t)db_col_i64(st, 12), "expected_cents",
			      int_or_null(st, 13), "errors", (json_int_t)db_col_i64(st, 14), "warnings",
			      (json_int_t)db_col_i64(st, 15));
	json_object_set_new(o, "scrubbed_at", text_or_null(st, 16));
	json_object_set_new(o, "submitted_at", text_or_null(st, 17));
	json_object_set_new(o, "version", json_integer(db_col_i64(st, 18)));
	json_object_set_new(o, "created_at", json_string(db_col_text(st, 19)));
	json_object_set_new(o, "updated_at", json_string(db_col_text(st, 20)));
	json_object_set_new(o, "patient", json_pack("{s:s, s:s}", "name", name, "mrn", db_col_text(st, 23)));
	json_object_set_new(o, "payer_name", json_string(db_col_text(st, 24)));
	json_object_set_new(o, "rendering_provider_id", json_integer(db_col_i64(st, 25)));
	return o;
}

/* Appends the rows of `sql` (bound to id) as objects built by fn. */
static int rows(ctx *x, const char *sql, int64_t id, const char *key, json_t *o, json_t *(*fn)(db_stmt *), err *e)
{
	db_stmt *st = db_prepare(x->db, sql, e);
	if (!st)
		return -1;
	db_bind_i64(st, 1, id);
	json_t *a = json_array();
	int rc;
	while ((rc = db_step(st, e)) == DB_ROW)
		json_array_append_new(a, fn(st));
	db_done(st);
	json_object_set_new(o, key, a);
	return rc == DB_ERR ? -1 : 0;
}

static json_t *line_row(db_stmt *st)
{
	return json_pack("{s:I, s:I, s:s, s:o, s:I, s:o, s:I, s:o, s:b}", "line_no", (json_int_t)db_col_i64(st, 0), "charge_id",
			 (json_int_t)db_col_i64(st, 1), "code", db_col_text(st, 2), "modifiers",
			 bill_split(db_col_text(st, 3), false), "units", (json_int_t)db_col_i64(st, 4), "pointers",
			 bill_split(db_col_text(st, 5), true), "charge_cents", (json_int_t)db_col_i64(st, 6),
			 "expected_cents", int_or_null(st, 7), "capitated", db_col_i64(st, 8) != 0);
}

static json_t *edit_row(db_stmt *st)
{
	return json_pack("{s:s, s:s, s:s, s:s}", "edit", db_col_text(st, 0), "severity", db_col_text(st, 1), "field",
			 db_col_text(st, 2), "message", db_col_text(st, 3));
}

static json_t *event_row(db_stmt *st)
{
	return json_pack("{s:s, s:o, s:o, s:s, s:o}", "at", db_col_text(st, 0), "user", text_or_null(st, 1), "from",
			 text_or_null(st, 2), "to", db_col_text(st, 3), "note", text_or_null(st, 4));
}

int claim_get(ctx *x, int64_t id, json_t **out, err *e)
{
	db_stmt *st = db_prepare(x->db, "SELECT " CLAIM_COLS CLAIM_FROM "WHERE c.id = $1 AND c.practice_id = $2", e);
	if (!st)
		return -1;
	db_bindv(st, "ii", id, ctx_practice(x));
	int rc = db_step(st, e);
	json_t *o = rc == DB_ROW ? claim_row(st) : NULL;
	db_done(st);
	if (rc == DB_DONE)
		return err_set(e, ERR_NOT_FOUND, "claim %lld not found", (long long)id);
	if (rc == DB_ERR ||
	    rows(x,
		 "SELECT line_no, charge_id, code, modifiers, units, pointers, charge_cents, expected_cents, capitated "
		 "FROM claim_line WHERE claim_id = $1 ORDER BY line_no",
		 id, "lines", o, line_row, e) ||
	    rows(x, "SELECT edit, severity, field, message FROM claim_edit WHERE claim_id = $1 ORDER BY severity, seq", id,
		 "edits", o, edit_row, e) ||
	    rows(x,
		 "SELECT v.at, u.email, v.from_status, v.to_status, v.note FROM claim_event v "
		 "LEFT JOIN app_user u ON u.id = v.user_id WHERE v.claim_id = $1 ORDER BY v.id",
		 id, "history", o, event_row, e)) {
		json_decref(o);
		return -1;
	}
	ctx_audit_read(x, "claim.read", "claim", id, json_integer_value(json_object_get(o, "patient_id")));
	*out = o;
	return 0;
}

int claim_list(ctx *x, json_t *f, int limit, int64_t after, json_t **out, err *e)
{
	const char *status = json_string_value(json_object_get(f, "status"));
	const char *edit_id = json_string_value(json_object_get(f, "edit"));
	int64_t payer = json_integer_value(json_object_get(f, "payer_id"));
	int64_t patient = json_integer_value(json_object_get(f, "patient_id"));
	int64_t encounter = json_integer_value(json_object_get(f, "encounter_id"));
	bool all = json_is_true(json_object_get(f, "include_replaced"));
	db_stmt *st = db_prepare(x->db,
				 "SELECT " CLAIM_COLS CLAIM_FROM "WHERE c.practice_id = $1 AND c.id > $2 "
				 "AND ($3 = '' OR c.status = $3) AND ($4 = 0 OR c.payer_id = $4) AND ($5 = 0 OR c.patient_id = $5) "
				 "AND ($6 = 0 OR c.encounter_id = $6) AND ($7 = 1 OR c.replaced_by IS NULL) "
				 "AND ($8 = '' OR EXISTS (SELECT 1 FROM claim_edit d WHERE d.claim_id = c.id AND d.edit = $8)) "
				 "ORDER BY c.id LIMIT $9",
				 e);
	if (!st)
		return -1;
	db_bindv(st, "iisiiiisi", ctx_practice(x), after, status ? status : "", payer, patient, encounter, (int64_t)all,
		 edit_id ? edit_id : "", (int64_t)limit + 1);
	json_t *items = json_array();
	int rc;
	int64_t next = 0;
	while ((rc = db_step(st, e)) == DB_ROW) {
		if ((int)json_array_size(items) == limit) {
			next = json_integer_value(json_object_get(json_array_get(items, limit - 1), "id"));
			break;
		}
		json_array_append_new(items, claim_row(st));
	}
	db_done(st);
	if (rc == DB_ERR) {
		json_decref(items);
		return -1;
	}
	ctx_audit_read(x, "claim.list", "claim", 0, patient);
	*out = rec_page(items, next);
	return 0;
}

int claim_summary(ctx *x, json_t **out, err *e)
{
	db_stmt *st = db_prepare(x->db,
				 "SELECT status, COUNT(*), SUM(total_cents) FROM claim WHERE practice_id = $1 AND replaced_by IS NULL "
				 "GROUP BY status ORDER BY status",
				 e);
	if (!st)
		return -1;
	db_bind_i64(st, 1, ctx_practice(x));
	json_t *by_status = json_array(), *by_edit = json_array();
	int rc;
	while ((rc = db_step(st, e)) == DB_ROW)
		json_array_append_new(by_status, json_pack("{s:s, s:I, s:I}", "status", db_col_text(st, 0), "claims",
							   (json_int_t)db_col_i64(st, 1), "total_cents",
							   (json_int_t)db_col_i64(st, 2)));
	db_done(st);
	if (rc != DB_ERR) {
		st = db_prepare(x->db,
				"SELECT d.edit, d.severity, COUNT(DISTINCT d.claim_id) FROM claim_edit d JOIN claim c ON c.id = d.claim_id "
				"WHERE c.practice_id = $1 AND c.replaced_by IS NULL AND c.status IN ('draft', 'ready', 'rejected') "
				"GROUP BY d.edit, d.severity ORDER BY 3 DESC, 1",
				e);
		if (!st)
			rc = DB_ERR;
		else {
			db_bind_i64(st, 1, ctx_practice(x));
			while ((rc = db_step(st, e)) == DB_ROW)
				json_array_append_new(by_edit, json_pack("{s:s, s:s, s:I}", "edit", db_col_text(st, 0), "severity",
									  db_col_text(st, 1), "claims", (json_int_t)db_col_i64(st, 2)));
			db_done(st);
		}
	}
	if (rc == DB_ERR) {
		json_decref(by_status);
		json_decref(by_edit);
		return -1;
	}
	json_t *defs = json_array();
	for (int i = 0; i < edit_ndefs; i++)
		json_array_append_new(defs, json_pack("{s:s, s:s, s:s}", "edit", edit_defs[i].id, "severity",
						      edit_defs[i].sev == SEV_ERROR ? "error" : "warning", "checks", edit_defs[i].what));
	*out = json_pack("{s:o, s:o, s:o}", "by_status", by_status, "by_edit", by_edit, "edits", defs);
	return 0;
}
