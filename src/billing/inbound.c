/* inbound.c: X12 files coming back from the clearinghouse or payer, by kind.
 *
 * An 835 goes to remit.c. A 999 answers one of our 837P batches (AK1 names the batch's group
 * control number): a transaction set it rejects (IK5 R) rejects every claim of the batch
 * still submitted; so does a TA1 rejecting the interchange (TA101 is the batch's ISA13).
 * A 277CA (X214) or a 277 answering our 276 (X212) says per claim (TRN02 is the claim id we
 * sent) where the claim stands, by its first claim-level STC01 category (see categories[]),
 * with the payer's claim number (REF 1K). A 271 updates the coverages it answers
 * (eligibility.c). Each file is kept once by its bytes: the same file again answers what the
 * first import did. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/crypto.h"
#include "base/json_text.h"
#include "base/timeutil.h"
#include "billing/billing.h"
#include "billing/claim.h"
#include "formats/x12/x12.h"

int claim_answer(ctx *x, int64_t claim, const char *to, const char *payer_no, const char *note, json_t *result, err *e)
{
	char status[16] = "";
	int64_t patient = 0;
	db_stmt *st = db_prepare(x->db, "SELECT status, patient_id FROM claim WHERE id = $1 AND practice_id = $2", e);
	if (!st)
		return -1;
	db_bindv(st, "ii", claim, ctx_practice(x));
	int rc = db_step(st, e);
	if (rc == DB_ROW) {
		snprintf(status, sizeof status, "%s", db_col_text(st, 0));
		patient = db_col_i64(st, 1);
	}
	db_done(st);
	if (rc == DB_ERR)
		return -1;
	const char *outcome;
	/* the payer answers a claim it holds: submitted, or accepted and now decided */
	bool may = !strcmp(status, "submitted") || (!strcmp(status, "accepted") && strcmp(to, "accepted"));
	if (rc == DB_DONE)
		outcome = "unknown claim";
	else if (!may || !strcmp(status, to))
		outcome = "left as it was";
	else {
		char now[TS_LEN];
		ts_now(now);
		if (db_run(x->db, e,
			   "UPDATE claim SET status = $1, payer_claim_number = COALESCE($2, payer_claim_number), "
			   "version = version + 1, updated_at = $3 WHERE id = $4",
			   "sssi", to, payer_no && *payer_no ? payer_no : NULL, now, claim) < 0 ||
		    claim_event(x, claim, status, to, note, e))
			return -1;
		char action[24];
		snprintf(action, sizeof action, "claim.%s", to);
		if (ctx_audit(x, action, "claim", claim, patient, note, e))
			return -1;
		outcome = to;
	}
	json_array_append_new(result, json_pack("{s:I, s:s}", "claim_id", (json_int_t)claim, "outcome", outcome));
	return 0;
}

/* 277CA: per claim status; a claim's block ends at the next HL or SE. */
typedef struct status_block {
	char ref[32], cat[8], code[8], icn[64];
	char set[8]; /* "277CA" or "277", for the notes */
} status_block;

/* Health care claim status categories (STC01-1) and where they put a claim: NULL leaves it
 * as it is (the answer is reported, not applied). Finalized claims are paid or denied here
 * only as far as the status says; the amounts come with the 835. */
static const struct {
	const char *cat, *to, *what;
} categories[] = {
	{"A0", NULL, "forwarded to another entity"},
	{"A1", "accepted", "received"},
	{"A2", "accepted", "accepted into adjudication"},
	{"A3", "rejected", "returned as unprocessable"},
	{"A4", "rejected", "not found"},
	{"A5", "accepted", "split"},
	{"A6", "rejected", "rejected for missing information"},
	{"A7", "rejected", "rejected for invalid information"},
	{"A8", "rejected", "rejected for relational field errors"},
	{"P0", "accepted", "pending: adjudication details"},
	{"P1", "accepted", "pending: in process"},
	{"P2", "accepted", "pending: payer review"},
	{"P3", "accepted", "pending: information requested"},
	{"P4", "accepted", "pending: patient asked for information"},
	{"P5", "accepted", "pending: payer administrative"},
	{"F0", "accepted", "finalized"},
	{"F1", "paid", "finalized: payment"},
	{"F2", "denied", "finalized: denial"},
	{"F3", "accepted", "finalized: revised"},
	{"F3F", "accepted", "finalized: forwarded"},
	{"F3N", "accepted", "finalized: not forwarded"},
	{"F4", "accepted", "finalized: no payment forthcoming"},
	{"R0", "accepted", "requests additional information"},
	{"E0", NULL, "the payer's system could not answer"},
	{"E1", NULL, "the payer's system is unavailable"},
	{"E2", NULL, "information holder is not responding"},
	{"E3", NULL, "correction required"},
	{"E4", NULL, "trading partner agreement specific"},
	{"D0", NULL, "the payer found no such claim"},
};

static int apply_status(ctx *x, status_block *b, json_t *result, err *e)
{
	char *end;
	long long id = strtoll(b->ref, &end, 10);
	int rc = 0, k = -1;
	for (int i = 0; i < (int)(sizeof categories / sizeof *categories); i++)
		if (!strcmp(b->cat, categories[i].cat) || (b->cat[0] == 'R' && !strcmp(categories[i].cat, "R0")))
			k = i;
	if (*b->ref && !*end && id > 0 && *b->cat) {
		char note[64];
		snprintf(note, sizeof note, "%s %s:%s", b->set, b->cat, b->code);
		if (k >= 0 && categories[k].to)
			rc = claim_answer(x, id, categories[k].to, b->icn, note, result, e);
		else
			json_array_append_new(result, json_pack("{s:I, s:s, s:s}", "claim_id", (json_int_t)id, "outcome", "left as it was",
								"status", k >= 0 ? categories[k].what : "an unknown status category"));
		if (!rc && k >= 0) /* what the payer said, in words, on the claim's answer */
			json_object_set_new(json_array_get(result, json_array_size(result) - 1), "status",
					    json_string(categories[k].what));
	}
	char set[8];
	memcpy(set, b->set, sizeof set);
	memset(b, 0, sizeof *b);
	memcpy(b->set, set, sizeof set);
	return rc;
}

static int read_277(ctx *x, x12_reader *r, json_t *result, err *e)
{
	x12_seg *s = malloc(sizeof *s);
	status_block b = {{0}};
	bool claim_level = false;
	int rc = s ? 0 : err_set(e, ERR_INTERNAL, "out of memory");
	while (!rc && (rc = x12_next(r, s, e)) == 1) {
		rc = 0;
		if (!strcmp(s->id, "ST"))
			snprintf(b.set, sizeof b.set, "%s", strncmp(x12_el(s, 3), "005010X214", 10) ? "277" : "277CA");
		else if (!strcmp(s->id, "HL") || !strcmp(s->id, "SE")) {
			rc = apply_status(x, &b, result, e);
			const char *level = x12_el(s, 3);
			claim_level = !strcmp(s->id, "HL") && (!strcmp(level, "PT") || !strcmp(level, "22") || !strcmp(level, "23"));
		} else if (claim_level && !strcmp(s->id, "TRN") && !*b.ref)
			snprintf(b.ref, sizeof b.ref, "%s", x12_el(s, 2));
		else if (claim_level && !strcmp(s->id, "STC") && !*b.cat) {
			x12_component(x12_el(s, 1), &s->seps, 1, b.cat, sizeof b.cat);
			x12_component(x12_el(s, 1), &s->seps, 2, b.code, sizeof b.code);
		} else if (claim_level && !strcmp(s->id, "REF") && !strcmp(x12_el(s, 1), "1K"))
			snprintf(b.icn, sizeof b.icn, "%s", x12_el(s, 2));
	}
	free(s);
	return rc < 0 ? -1 : 0;
}

/* Rejects every claim of a batch still with the payer, with the note. */
static int reject_batch(ctx *x, int64_t batch, const char *note, json_t *result, err *e)
{
	db_stmt *st = db_prepare(x->db, "SELECT claim_id FROM claim_batch_claim WHERE batch_id = $1 ORDER BY claim_id", e);
	if (!st)
		return -1;
	db_bind_i64(st, 1, batch);
	int64_t ids[5000];
	int n = 0, q;
	while ((q = db_step(st, e)) == DB_ROW && n < 5000)
		ids[n++] = db_col_i64(st, 0);
	db_done(st);
	for (int i = 0; q != DB_ERR && i < n; i++)
		if (claim_answer(x, ids[i], "rejected", NULL, note, result, e))
			q = DB_ERR;
	return q == DB_ERR ? -1 : 0;
}

/* The batch whose control number (ISA13 / GS06) a file answers, or 0. */
static int batch_of(ctx *x, const char *control, int64_t *batch, err *e)
{
	char *end;
	long long n = strtoll(control, &end, 10);
	*batch = 0;
	if (*end || n <= 0)
		return 0;
	return db_one_i64(x->db, e, batch, "SELECT id FROM claim_batch WHERE practice_id = $1 AND control = $2", "ii",
			  ctx_practice(x), (int64_t)n) < 0
		       ? -1
		       : 0;
}

/* TA1: a rejected interchange (TA104 R) rejects the claims of the batch it answers. */
static int read_ta1(ctx *x, x12_reader *r, json_t *result, err *e)
{
	x12_seg *s = malloc(sizeof *s);
	int rc = s ? 0 : err_set(e, ERR_INTERNAL, "out of memory");
	while (!rc && (rc = x12_next(r, s, e)) == 1) {
		rc = 0;
		int64_t batch;
		if (strcmp(s->id, "TA1") || strcmp(x12_el(s, 4), "R"))
			continue;
		char note[64];
		snprintf(note, sizeof note, "TA1 rejected the interchange (note %s)", x12_el(s, 5));
		rc = batch_of(x, x12_el(s, 1), &batch, e) || (batch && reject_batch(x, batch, note, result, e)) ? -1 : 0;
	}
	free(s);
	return rc < 0 ? -1 : 0;
}

/* 999: a rejected set rejects the claims of the batch it answers. */
static int read_999(ctx *x, x12_reader *r, json_t *result, err *e)
{
	x12_seg *s = malloc(sizeof *s);
	int64_t batch = 0;
	int rc = s ? 0 : err_set(e, ERR_INTERNAL, "out of memory");
	while (s && (rc = x12_next(r, s, e)) == 1) {
		if (!strcmp(s->id, "AK1")) {
			if (batch_of(x, x12_el(s, 2), &batch, e)) {
				rc = -1;
				break;
			}
		} else if (!strcmp(s->id, "IK5") && batch && !strcmp(x12_el(s, 1), "R")) {
			char note[48];
			snprintf(note, sizeof note, "999 rejected the file (IK5 %s)", x12_el(s, 2));
			if (reject_batch(x, batch, note, result, e)) {
				rc = -1;
				break;
			}
		}
	}
	free(s);
	return rc < 0 ? -1 : 0;
}

/* The set id of the file's first transaction set. */
static int first_set(const char *data, size_t len, char out[4], err *e)
{
	x12_reader *r = x12_open_mem(data, len, e);
	x12_seg *s = malloc(sizeof *s);
	int rc = r && s ? 1 : -1;
	out[0] = 0;
	while (rc == 1 && (rc = x12_next(r, s, e)) == 1)
		if (!strcmp(s->id, "ST")) {
			snprintf(out, 4, "%s", x12_el(s, 1));
			break;
		} else if (!strcmp(s->id, "TA1") && !*out)
			snprintf(out, 4, "TA1"); /* an interchange acknowledgment has no transaction set */
	x12_close(r);
	free(s);
	return rc < 0 ? -1 : 0;
}

int x12_inbound_import(ctx *x, const char *name, const char *data, size_t len, json_t **out, err *e)
{
	if (!data || !len)
		return err_set(e, ERR_BAD_REQUEST, "the body must be an X12 file");
	char set[4];
	if (first_set(data, len, set, e))
		return -1;
	/* an eligibility answer changes coverage (the desk's work); the rest changes claims */
	if (strcmp(set, "271") && !ctx_can(x, P_CLAIM_WRITE))
		return err_set(e, ERR_FORBIDDEN, "reading a %s changes claims: it needs the claim.write permission",
			       *set ? set : "file");
	if (!strcmp(set, "835"))
		return remit_import(x, name, data, len, out, e);
	if (strcmp(set, "999") && strcmp(set, "277") && strcmp(set, "271") && strcmp(set, "TA1"))
		return err_set(e, ERR_UNPROCESSABLE, "Praxis reads 835, 999, TA1, 277CA and 271 files; this one holds %s",
			       *set ? set : "no transaction set");
	char hex[HASH_HEX_LEN];
	sha256_hex(data, len, hex);
	db_stmt *st = db_prepare(x->db, "SELECT summary FROM x12_inbound WHERE practice_id = $1 AND sha256 = $2", e);
	if (!st)
		return -1;
	db_bindv(st, "is", ctx_practice(x), hex);
	int rc = db_step(st, e);
	if (rc == DB_ROW) {
		*out = json_loads(db_col_text(st, 0), 0, NULL);
		json_object_set_new(*out, "duplicate", json_true());
	}
	db_done(st);
	if (rc != DB_DONE)
		return rc == DB_ERR ? -1 : 0;
	json_t *claims = json_array();
	x12_reader *r = x12_open_mem(data, len, e);
	rc = r ? db_begin(x->db, e) : -1;
	if (!rc)
		rc = !strcmp(set, "999")   ? read_999(x, r, claims, e)
		     : !strcmp(set, "TA1") ? read_ta1(x, r, claims, e)
		     : !strcmp(set, "271") ? coverage_apply_271(x, r, claims, e)
					   : read_277(x, r, claims, e);
	x12_close(r);
	json_t *summary = json_pack("{s:s, s:o, s:b}", "kind", set, !strcmp(set, "271") ? "coverages" : "claims", claims,
				    "duplicate", 0);
	char *text = json_text(summary, NULL), now[TS_LEN];
	ts_now(now);
	if (!rc)
		rc = db_run(x->db, e,
			    "INSERT INTO x12_inbound (practice_id, sha256, kind, name, content, summary, created_by, created_at) "
			    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
			    "isssssns", ctx_practice(x), hex, set, name ? name : "upload", data, text, ctx_user(x), now) < 0
			     ? -1
			     : 0;
	free(text);
	if (!rc)
		rc = ctx_audit(x, "x12.import", "x12_inbound", 0, 0, set, e);
	if (!rc)
		rc = db_commit(x->db, e);
	else if (db_in_tx(x->db))
		db_rollback(x->db);
	if (rc) {
		json_decref(summary);
		return -1;
	}
	*out = summary;
	return 0;
}
