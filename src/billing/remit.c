/* remit.c: 835 files read into remittances and matched to the practice's claims.
 *
 * A file is kept once (by its SHA-256): importing the same bytes again answers the first
 * import. Each 835 transaction set becomes a remittance with its totals and whether they
 * reconcile (BPR02 = sum CLP04 - sum PLB). Each claim payment is matched to a claim by the
 * claim id Praxis sent (CLP01), else by the payer's claim number (CLP07); each service line
 * to a line of that claim by code and modifiers, tolerating a payer that drops, adds or
 * reorders modifiers, or that changed the code (SVC06 holds what was billed). Posting the
 * money is not done here. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/crypto.h"
#include "base/json_text.h"
#include "base/timeutil.h"
#include "billing/billing.h"
#include "formats/x12/envelope.h"
#include "formats/x12/x835.h"

static const char *or_empty(const char *s) { return s ? s : ""; }

typedef struct cline {
	int64_t no;
	char code[6], mods[16];
	bool used;
} cline;

/* Modifier lists compared as sets: 0 equal, 1 one holds the other, 2 otherwise. */
static int mod_relation(const char *claim_mods, json_t *remit_mods)
{
	int in_claim = 0, both = 0, nremit = (int)json_array_size(remit_mods);
	for (const char *p = claim_mods; *p;) {
		size_t n = strcspn(p, ",");
		in_claim++;
		size_t i;
		json_t *m;
		json_array_foreach(remit_mods, i, m) if (strlen(json_string_value(m)) == n &&
							 !strncmp(p, json_string_value(m), n)) both++;
		p += n + (p[n] == ',');
	}
	if (both == in_claim && both == nremit)
		return 0;
	return both == in_claim || both == nremit ? 1 : 2;
}

/* Matches the remittance's lines to the claim's; writes claim_line and match on each. */
static int match_lines(ctx *x, int64_t claim, json_t *rc, int64_t *matched, err *e)
{
	cline lines[64];
	int n = 0;
	db_stmt *st = db_prepare(x->db, "SELECT line_no, code, modifiers FROM claim_line WHERE claim_id = $1 ORDER BY line_no", e);
	if (!st)
		return -1;
	db_bind_i64(st, 1, claim);
	int r;
	while ((r = db_step(st, e)) == DB_ROW && n < 64) {
		lines[n].no = db_col_i64(st, 0);
		snprintf(lines[n].code, sizeof lines[n].code, "%s", db_col_text(st, 1));
		snprintf(lines[n].mods, sizeof lines[n].mods, "%s", db_col_text(st, 2));
		lines[n++].used = false;
	}
	db_done(st);
	if (r == DB_ERR)
		return -1;
	static const char *const kinds[] = {"exact", "modifiers_differ", "code_only"};
	size_t i;
	json_t *l;
	json_array_foreach(json_object_get(rc, "lines"), i, l) {
		const char *codes[2] = {json_string_value(json_object_get(l, "code")),
					json_string_value(json_object_get(l, "original_code"))};
		int best = -1, rank = 3;
		for (int c = 0; c < 2 && best < 0; c++)
			for (int k = 0; codes[c] && k < n; k++) {
				if (lines[k].used || strcmp(lines[k].code, codes[c]))
					continue;
				int rel = mod_relation(lines[k].mods, json_object_get(l, "modifiers"));
				if (rel < rank) {
					rank = rel;
					best = k;
				}
			}
		if (best >= 0) {
			lines[best].used = true;
			(*matched)++;
			json_object_set_new(l, "claim_line", json_integer(lines[best].no));
			json_object_set_new(l, "match", json_string(kinds[rank]));
		} else {
			json_object_set_new(l, "claim_line", json_null());
			json_object_set_new(l, "match", json_string("none"));
		}
	}
	return 0;
}

/* The claim a remittance claim is about: by the id Praxis sent, else the payer's number. */
static int match_claim(ctx *x, json_t *rc, int64_t *claim, const char **how, err *e)
{
	*claim = 0;
	*how = "none";
	const char *ref = json_string_value(json_object_get(rc, "claim_ref"));
	char *end;
	long long id = ref ? strtoll(ref, &end, 10) : 0;
	int r = 0;
	if (ref && *ref && !*end && id > 0)
		r = db_one_i64(x->db, e, claim, "SELECT id FROM claim WHERE id = $1 AND practice_id = $2", "ii", (int64_t)id,
			       ctx_practice(x));
	if (r == 1) {
		*how = "claim_id";
		return 0;
	}
	const char *icn = json_string_value(json_object_get(rc, "payer_claim_number"));
	if (r == 0 && icn && *icn)
		r = db_one_i64(x->db, e, claim,
			       "SELECT id FROM claim WHERE practice_id = $1 AND payer_claim_number = $2 ORDER BY id DESC LIMIT 1", "is",
			       ctx_practice(x), icn);
	if (r == 1)
		*how = "payer_claim_number";
	return r < 0 ? -1 : 0;
}

static int store(ctx *x, int64_t file, json_t *doc, const char *now, int64_t *id, err *e)
{
	json_t *pay = json_object_get(doc, "payment"), *tot = json_object_get(doc, "totals"), *payer = json_object_get(doc, "payer");
	json_t *claims = json_object_get(doc, "claims");
	struct match {
		int64_t claim, matched;
		const char *how;
	} *m = calloc(json_array_size(claims) + 1, sizeof *m);
	size_t n = json_array_size(claims), i;
	if (!m)
		return err_set(e, ERR_INTERNAL, "out of memory");
	int64_t unmatched = 0, payer_id = 0;
	for (i = 0; i < n; i++) {
		json_t *rc = json_array_get(claims, i);
		m[i].matched = 0;
		if (match_claim(x, rc, &m[i].claim, &m[i].how, e) || (m[i].claim && match_lines(x, m[i].claim, rc, &m[i].matched, e))) {
			free(m);
			return -1;
		}
		unmatched += !m[i].claim;
		if (m[i].claim && !payer_id &&
		    db_one_i64(x->db, e, &payer_id, "SELECT payer_id FROM claim WHERE id = $1", "i", m[i].claim) < 0) {
			free(m);
			return -1;
		}
		json_object_set_new(rc, "claim_id", m[i].claim ? json_integer(m[i].claim) : json_null());
		json_object_set_new(rc, "match", json_string(m[i].how));
	}
	const char *ident = json_string_value(json_object_get(payer, "id"));
	if (ident && db_one_i64(x->db, e, &payer_id, "SELECT id FROM payer WHERE practice_id = $1 AND payer_code = $2", "is",
				ctx_practice(x), ident) < 0) {
		free(m);
		return -1;
	}
	char *text = json_text(doc, NULL);
	int rc = db_one_i64(x->db, e, id,
			    "INSERT INTO remittance (practice_id, file_id, payer_name, payer_ident, payer_id, method, trace, paid_on, "
			    "amount_cents, claims_paid_cents, provider_adjustments_cents, balanced, claims, unmatched, document, "
			    "created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING id",
			    "iissnsssiiiiiiss", ctx_practice(x), file, or_empty(json_string_value(json_object_get(payer, "name"))), ident,
			    payer_id, or_empty(json_string_value(json_object_get(pay, "method"))),
			    json_string_value(json_object_get(pay, "trace")), json_string_value(json_object_get(pay, "date")),
			    (int64_t)json_integer_value(json_object_get(pay, "amount_cents")),
			    (int64_t)json_integer_value(json_object_get(tot, "claims_paid_cents")),
			    (int64_t)json_integer_value(json_object_get(tot, "provider_adjustments_cents")),
			    (int64_t)json_is_true(json_object_get(tot, "balanced")), (int64_t)json_array_size(claims), unmatched, text,
			    now) < 0
		     ? -1
		     : 0;
	free(text);
	for (i = 0; !rc && i < n; i++) {
		json_t *c = json_array_get(claims, i);
		rc = db_run(x->db, e,
			    "INSERT INTO remittance_claim (remittance_id, practice_id, seq, claim_ref, claim_id, match, status, "
			    "charge_cents, paid_cents, patient_cents, payer_claim_number, lines_matched, lines) VALUES ($1, $2, $3, $4, "
			    "$5, $6, $7, $8, $9, $10, $11, $12, $13)",
			    "iiisnssiiisii", *id, ctx_practice(x), (int64_t)(i + 1), json_string_value(json_object_get(c, "claim_ref")),
			    m[i].claim, m[i].how, json_string_value(json_object_get(c, "status")),
			    (int64_t)json_integer_value(json_object_get(c, "charge_cents")),
			    (int64_t)json_integer_value(json_object_get(c, "paid_cents")),
			    (int64_t)json_integer_value(json_object_get(c, "patient_cents")),
			    json_string_value(json_object_get(c, "payer_claim_number")), m[i].matched,
			    (int64_t)json_array_size(json_object_get(c, "lines"))) < 0
			     ? -1
			     : 0;
	}
	free(m);
	return rc;
}

/* Keeps a file (its SHA-256 hex, name and content) with the remittances read from it (docs,
 * consumed), audited as `action`, then posts them; answers as remit_file_answer. */
static int keep_and_post(ctx *x, const char *hex, const char *name, const char *content, json_t *docs, json_t *issues,
			 const char *action, json_t **out, err *e)
{
	int64_t file = 0;
	char now[TS_LEN];
	ts_now(now);
	int rc = db_begin(x->db, e);
	if (!rc)
		rc = db_one_i64(x->db, e, &file,
				"INSERT INTO remittance_file (practice_id, sha256, name, content, created_by, created_at) "
				"VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
				"isssns", ctx_practice(x), hex, name, content, ctx_user(x), now) < 0
			     ? -1
			     : 0;
	size_t i, n = json_array_size(docs);
	json_t *d;
	int64_t *ids = calloc(n, sizeof *ids); /* the remittances stored, for posting */
	if (!ids && !rc)
		rc = err_set(e, ERR_INTERNAL, "out of memory");
	json_array_foreach(docs, i, d) {
		if (rc || (rc = store(x, file, d, now, &ids[i], e)))
			break;
	}
	if (!rc)
		rc = ctx_audit(x, action, "remittance_file", file, 0, NULL, e);
	if (!rc)
		rc = db_commit(x->db, e);
	else if (db_in_tx(x->db))
		db_rollback(x->db);
	if (rc) {
		free(ids);
		json_decref(docs);
		json_decref(issues);
		if (e->code == ERR_CONFLICT) /* imported meanwhile by another request */
			return err_set(e, ERR_CONFLICT, "this file is being imported by someone else");
		return -1;
	}
	/* auto-posting (remit_post: a claim that fails is rolled back alone); what fails waits for POST
	 * /remittances/{id}/post and is said in the answer */
	char posting_error[sizeof e->msg] = "";
	for (size_t k = 0; k < n && !*posting_error; k++) {
		json_t *posted = NULL;
		if (remit_post(x, ids[k], json_array_get(docs, k), &posted, e)) /* as stored, matched */
			snprintf(posting_error, sizeof posting_error, "%s", e->msg);
		json_decref(posted);
	}
	json_decref(docs);
	free(ids);
	err_clear(e);
	if (remit_file_answer(x, file, false, issues, out, e))
		return -1;
	if (*posting_error)
		json_object_set_new(*out, "posting_error", json_string(posting_error));
	return 0;
}

int remit_import(ctx *x, const char *name, const char *data, size_t len, json_t **out, err *e)
{
	if (!data || !len)
		return err_set(e, ERR_BAD_REQUEST, "the body must be an 835 file");
	char hex[HASH_HEX_LEN];
	sha256_hex(data, len, hex);
	int64_t file = 0;
	int r = db_one_i64(x->db, e, &file, "SELECT id FROM remittance_file WHERE practice_id = $1 AND sha256 = $2", "is",
			   ctx_practice(x), hex);
	if (r < 0)
		return -1;
	if (r == 1) /* the same file again: it was imported once */
		return remit_file_answer(x, file, true, NULL, out, e);
	/* the envelopes are checked and reported; the remittances are read */
	x12_reader *rd = x12_open_mem(data, len, e);
	x12_envelope *v = calloc(1, sizeof *v);
	x12_seg *s = malloc(sizeof *s);
	if (!rd || !v || !s) {
		x12_close(rd), free(v), free(s);
		return e->code ? -1 : err_set(e, ERR_INTERNAL, "out of memory");
	}
	x12_envelope_init(v);
	long last = 1;
	while ((r = x12_next(rd, s, e)) == 1) {
		x12_envelope_step(v, s);
		last = s->line;
	}
	x12_close(rd);
	free(s);
	if (r < 0) {
		free(v);
		return -1;
	}
	x12_envelope_end(v, last);
	json_t *issues = x12_issues_json(v);
	free(v);
	rd = x12_open_mem(data, len, e);
	json_t *docs = rd ? x835_read(rd, e) : NULL;
	x12_close(rd);
	if (!docs) {
		json_decref(issues);
		return -1;
	}
	if (json_array_size(docs) == 0) {
		json_decref(issues);
		json_decref(docs);
		return err_set(e, ERR_UNPROCESSABLE, "the file holds no 835 transaction set");
	}
	return keep_and_post(x, hex, name ? name : "upload.835", data, docs, issues, "remittance.import", out, e);
}

/* The file row a remittance entered by hand is kept under: by its key, else its content. */
static int entered_file(ctx *x, const char *key, const char *text, char hex[HASH_HEX_LEN], int64_t *file, err *e)
{
	char basis[160];
	if (key)
		snprintf(basis, sizeof basis, "entered:%s", key);
	sha256_hex(key ? basis : text, strlen(key ? basis : text), hex);
	return db_one_i64(x->db, e, file, "SELECT id FROM remittance_file WHERE practice_id = $1 AND sha256 = $2", "is",
			  ctx_practice(x), hex);
}

int remit_entered(ctx *x, const char *key, json_t **out, err *e)
{
	char hex[HASH_HEX_LEN];
	int64_t file = 0;
	int r = entered_file(x, key, NULL, hex, &file, e);
	return r <= 0 ? r : remit_file_answer(x, file, true, NULL, out, e) ? -1 : 1;
}

int remit_enter(ctx *x, const char *key, json_t *doc, json_t **out, err *e)
{
	char *text = json_dumps(doc, JSON_COMPACT | JSON_SORT_KEYS);
	if (!text)
		return err_set(e, ERR_INTERNAL, "out of memory");
	char hex[HASH_HEX_LEN];
	int64_t file = 0;
	int r = entered_file(x, key, text, hex, &file, e);
	if (r != 0) {
		free(text);
		return r < 0 ? -1 : remit_file_answer(x, file, true, NULL, out, e);
	}
	int rc = keep_and_post(x, hex, "entered by hand", text, json_pack("[O]", doc), NULL, "remittance.enter", out, e);
	free(text);
	return rc;
}

int remit_file_answer(ctx *x, int64_t file, bool duplicate, json_t *issues, json_t **out, err *e)
{
	db_stmt *st = db_prepare(x->db,
				 "SELECT r.id, r.payer_name, r.amount_cents, r.claims, r.unmatched, r.balanced, "
				 "(SELECT COUNT(*) FROM remittance_posting p JOIN remittance_claim rc ON rc.id = p.remittance_claim_id "
				 " WHERE rc.remittance_id = r.id AND p.outcome = 'posted'), "
				 "(SELECT COUNT(*) FROM denial d JOIN remittance_claim rc ON rc.id = d.remittance_claim_id WHERE rc.remittance_id = r.id), "
				 "(SELECT COUNT(*) FROM posting_exception x WHERE x.remittance_id = r.id) "
				 "FROM remittance r WHERE r.file_id = $1 AND r.practice_id = $2 ORDER BY r.id",
				 e);
	if (!st) {
		json_decref(issues);
		return -1;
	}
	db_bindv(st, "ii", file, ctx_practice(x));
	json_t *items = json_array();
	int r;
	while ((r = db_step(st, e)) == DB_ROW)
		json_array_append_new(items, json_pack("{s:I, s:s, s:I, s:I, s:I, s:b, s:{s:I, s:I, s:I}}", "id",
						       (json_int_t)db_col_i64(st, 0), "payer_name", db_col_text(st, 1), "amount_cents",
						       (json_int_t)db_col_i64(st, 2), "claims", (json_int_t)db_col_i64(st, 3), "unmatched",
						       (json_int_t)db_col_i64(st, 4), "balanced", (int)db_col_i64(st, 5), "posting",
						       "claims_posted", (json_int_t)db_col_i64(st, 6), "denials", (json_int_t)db_col_i64(st, 7),
						       "exceptions", (json_int_t)db_col_i64(st, 8)));
	db_done(st);
	if (r == DB_ERR) {
		json_decref(items);
		json_decref(issues);
		return -1;
	}
	*out = json_pack("{s:I, s:b, s:o, s:o}", "file_id", (json_int_t)file, "duplicate", duplicate, "remittances", items,
			 "envelope_errors", issues ? issues : json_array());
	return 0;
}

int remit_get(ctx *x, int64_t id, json_t **out, err *e)
{
	db_stmt *st = db_prepare(x->db,
				 "SELECT document, payer_id, balanced, unmatched, created_at, file_id FROM remittance WHERE id = $1 "
				 "AND practice_id = $2",
				 e);
	if (!st)
		return -1;
	db_bindv(st, "ii", id, ctx_practice(x));
	int r = db_step(st, e);
	if (r == DB_ROW) {
		*out = json_loads(db_col_text(st, 0), 0, NULL);
		json_object_set_new(*out, "id", json_integer(id));
		json_object_set_new(*out, "payer_id", db_col_null(st, 1) ? json_null() : json_integer(db_col_i64(st, 1)));
		json_object_set_new(*out, "unmatched", json_integer(db_col_i64(st, 3)));
		json_object_set_new(*out, "created_at", json_string(db_col_text(st, 4)));
		json_object_set_new(*out, "file_id", json_integer(db_col_i64(st, 5)));
	}
	db_done(st);
	if (r == DB_DONE)
		return err_set(e, ERR_NOT_FOUND, "remittance %lld not found", (long long)id);
	if (r == DB_ERR)
		return -1;
	ctx_audit_read(x, "remittance.read", "remittance", id, 0);
	return 0;
}

int remit_list(ctx *x, int limit, int64_t before, json_t **out, err *e)
{
	db_stmt *st = db_prepare(x->db,
				 "SELECT id, payer_name, method, trace, paid_on, amount_cents, claims, unmatched, balanced, created_at "
				 "FROM remittance WHERE practice_id = $1 AND ($2 = 0 OR id < $2) ORDER BY id DESC LIMIT $3",
				 e);
	if (!st)
		return -1;
	db_bindv(st, "iii", ctx_practice(x), before, (int64_t)limit + 1);
	json_t *items = json_array();
	int r;
	int64_t next = 0;
	while ((r = db_step(st, e)) == DB_ROW) {
		if ((int)json_array_size(items) == limit) {
			next = json_integer_value(json_object_get(json_array_get(items, limit - 1), "id"));
			break;
		}
		json_t *o = json_pack("{s:I, s:s, s:s, s:I, s:I, s:I, s:b, s:s}", "id", (json_int_t)db_col_i64(st, 0), "payer_name",
				      db_col_text(st, 1), "method", db_col_text(st, 2), "amount_cents", (json_int_t)db_col_i64(st, 5),
				      "claims", (json_int_t)db_col_i64(st, 6), "unmatched", (json_int_t)db_col_i64(st, 7), "balanced",
				      (int)db_col_i64(st, 8), "created_at", db_col_text(st, 9));
		json_object_set_new(o, "trace", db_col_null(st, 3) ? json_null() : json_string(db_col_text(st, 3)));
		json_object_set_new(o, "paid_on", db_col_null(st, 4) ? json_null() : json_string(db_col_text(st, 4)));
		json_array_append_new(items, o);
	}
	db_done(st);
	if (r == DB_ERR) {
		json_decref(items);
		return -1;
	}
	*out = rec_page(items, next);
	return 0;
}
