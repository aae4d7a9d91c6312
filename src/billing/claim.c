/* claim.c: building claims and the state machine of a claim's life.
 *
 *                    scrub finds errors
 *                 +----------------------+
 *                 v                      |
 *   build --> [draft] --scrub clean--> [ready] --submit--> [submitted] --> [accepted]
 *               |  ^                     |                   |   |            |   |
 *               |  +------ scrub --------|---- [rejected] <--+   |            |   |
 *               |                        |         ^             |            |   |
 *               |                        |         +-------------|------------+   |
 *               |                        |                       v                v
 *               |                        |          [paid] [partial] [denied] (adjudicated)
 *               |                        |             \       |       /
 *               +------ cancel ----------+--------------> [closed] <--+
 *
 * - draft and ready move only by scrubbing: a claim without errors is ready, one with
 *   errors is draft. A rejected claim is fixed (encounter, coverage, setup) and scrubbed,
 *   which brings it back to draft or ready.
 * - submitted needs a clean scrub at that moment (the claim is scrubbed again).
 * - A claim the payer holds (accepted, adjudicated or closed) is never edited: a corrected
 *   claim (frequency 7) or a void (frequency 8) is a new claim that replaces it; the old
 *   one keeps its history and gets replaced_by.
 * Every step is a claim_event row and an audit event; any other step is ERR_STATE (409). */
#include <stdio.h>
#include <string.h>

#include "base/timeutil.h"
#include "billing/billing.h"
#include "billing/claim.h"

static const struct step {
	const char *to;
	const char *from[5];
} steps[] = {
	{"submitted", {"ready"}},
	{"accepted", {"submitted"}},
	{"rejected", {"submitted", "accepted"}},
	{"paid", {"submitted", "accepted"}},
	{"partial", {"submitted", "accepted"}},
	{"denied", {"submitted", "accepted"}},
	{"closed", {"paid", "partial", "denied", "draft", "ready"}},
};

static bool allowed(const char *from, const char *to)
{
	for (size_t i = 0; i < sizeof steps / sizeof *steps; i++)
		if (!strcmp(steps[i].to, to))
			for (int k = 0; k < 5 && steps[i].from[k]; k++)
				if (!strcmp(steps[i].from[k], from))
					return true;
	return false;
}

/* A new claim row for the encounter and coverage; lines and edits follow by scrubbing. */
static int insert_claim(ctx *x, int64_t encounter, int64_t patient, int64_t payer, int64_t coverage, int64_t order,
			const char *dos, const char *freq, int64_t replaces, const char *payer_no, int64_t *id, err *e)
{
	char now[TS_LEN];
	ts_now(now);
	return db_one_i64(x->db, e, id,
			  "INSERT INTO claim (practice_id, encounter_id, patient_id, payer_id, coverage_id, payer_order, "
			  "service_date, status, frequency, replaces_id, payer_claim_number, total_cents, created_at, updated_at) "
			  "VALUES ($1, $2, $3, $4, $5, $6, $7, 'draft', $8, $9, $10, 0, $11, $11) RETURNING id",
			  "iiiiiissnss", ctx_practice(x), encounter, patient, payer, coverage, order, dos, freq, replaces,
			  payer_no, now) < 0
		       ? -1
		       : 0;
}

static int build(ctx *x, int64_t encounter, json_t *ids, err *e)
{
	int64_t patient = 0;
	char dos[11] = "", status[8] = "";
	db_stmt *st = db_prepare(x->db, "SELECT patient_id, service_date, status FROM encounter WHERE id = $1 AND practice_id = $2", e);
	if (!st)
		return -1;
	db_bindv(st, "ii", encounter, ctx_practice(x));
	int rc = db_step(st, e);
	if (rc == DB_ROW) {
		patient = db_col_i64(st, 0);
		snprintf(dos, sizeof dos, "%s", db_col_text(st, 1));
		snprintf(status, sizeof status, "%s", db_col_text(st, 2));
	}
	db_done(st);
	if (rc != DB_ROW)
		return rc == DB_ERR ? -1 : err_set(e, ERR_NOT_FOUND, "encounter %lld not found", (long long)encounter);
	if (!strcmp(status, "void"))
		return err_set(e, ERR_STATE, "encounter %lld is void", (long long)encounter);
	/* the coverages in force on the date of service, one claim per payer in priority order */
	st = db_prepare(x->db,
			"SELECT c.id, c.payer_id, c.priority, (SELECT MIN(k.id) FROM claim k WHERE k.practice_id = $1 AND k.encounter_id = $3 "
			"AND k.payer_id = c.payer_id AND k.replaced_by IS NULL) FROM coverage c JOIN payer p ON p.id = c.payer_id "
			"WHERE c.practice_id = $1 AND c.patient_id = $2 AND c.active = 1 AND p.kind <> 'self_pay' "
			"AND c.effective_from <= $4 AND (c.effective_to IS NULL OR c.effective_to >= $4) ORDER BY c.priority, c.id",
			e);
	if (!st)
		return -1;
	db_bindv(st, "iiis", ctx_practice(x), patient, encounter, dos);
	struct {
		int64_t coverage, payer, prio, existing;
	} cov[6];
	int n = 0;
	while ((rc = db_step(st, e)) == DB_ROW && n < 6) {
		int64_t payer = db_col_i64(st, 1);
		bool seen = false;
		for (int i = 0; i < n; i++)
			seen = seen || cov[i].payer == payer;
		if (seen)
			continue;
		cov[n].coverage = db_col_i64(st, 0);
		cov[n].payer = payer;
		cov[n].prio = db_col_i64(st, 2);
		cov[n].existing = db_col_null(st, 3) ? 0 : db_col_i64(st, 3);
		n++;
	}
	db_done(st);
	if (rc == DB_ERR)
		return -1;
	if (n == 0)
		return err_set(e, ERR_UNPROCESSABLE, "the patient has no insurance coverage in force on %s: bill the patient", dos);
	for (int i = 0; i < n; i++) {
		int64_t id = cov[i].existing;
		if (!id) {
			if (insert_claim(x, encounter, patient, cov[i].payer, cov[i].coverage, i + 1, dos, "1", 0, NULL, &id, e) ||
			    claim_event(x, id, NULL, "draft", "built from the encounter", e) ||
			    ctx_audit(x, "claim.create", "claim", id, patient, NULL, e))
				return -1;
		}
		if (claim_rescrub(x, id, NULL, e))
			return -1;
		json_array_append_new(ids, json_integer(id));
	}
	return db_run(x->db, e, "UPDATE encounter SET status = 'billed' WHERE id = $1", "i", encounter) < 0 ? -1 : 0;
}

int claims_build(ctx *x, int64_t encounter, json_t **out, err *e)
{
	bool own;
	json_t *ids = json_array();
	int rc = db_tx_begin(x->db, &own, e);
	if (!rc)
		rc = build(x, encounter, ids, e);
	rc = db_tx_end(x->db, own, rc, e);
	if (!out || rc) {
		json_decref(ids);
		return rc ? -1 : 0;
	}
	json_t *items = json_array();
	size_t i;
	json_t *v;
	json_array_foreach(ids, i, v) {
		json_t *c;
		if (rc || claim_get(x, json_integer_value(v), &c, e)) {
			rc = -1;
			break;
		}
		json_array_append_new(items, c);
	}
	json_decref(ids);
	if (rc) {
		json_decref(items);
		return -1;
	}
	*out = json_pack("{s:o}", "items", items);
	return 0;
}

int claims_refresh_encounter(ctx *x, int64_t encounter, err *e)
{
	db_stmt *st = db_prepare(x->db,
				 "SELECT id FROM claim WHERE practice_id = $1 AND encounter_id = $2 AND replaced_by IS NULL "
				 "AND status IN ('draft', 'ready', 'rejected') ORDER BY payer_order",
				 e);
	if (!st)
		return -1;
	db_bindv(st, "ii", ctx_practice(x), encounter);
	int64_t ids[6];
	int n = 0, rc;
	while ((rc = db_step(st, e)) == DB_ROW && n < 6)
		ids[n++] = db_col_i64(st, 0);
	db_done(st);
	if (rc == DB_ERR)
		return -1;
	for (int i = 0; i < n; i++)
		if (claim_rescrub(x, ids[i], NULL, e))
			return -1;
	return 0;
}

/* The claim's status and patient, for the checks before a change. */
static int head(ctx *x, int64_t id, char status[16], int64_t *patient, int64_t *version, int64_t *replaced_by, err *e)
{
	db_stmt *st = db_prepare(x->db, "SELECT status, patient_id, version, replaced_by FROM claim WHERE id = $1 AND practice_id = $2", e);
	if (!st)
		return -1;
	db_bindv(st, "ii", id, ctx_practice(x));
	int rc = db_step(st, e);
	if (rc == DB_ROW) {
		snprintf(status, 16, "%s", db_col_text(st, 0));
		*patient = db_col_i64(st, 1);
		*version = db_col_i64(st, 2);
		*replaced_by = db_col_null(st, 3) ? 0 : db_col_i64(st, 3);
	}
	db_done(st);
	if (rc == DB_DONE)
		return err_set(e, ERR_NOT_FOUND, "claim %lld not found", (long long)id);
	return rc == DB_ERR ? -1 : 0;
}

/* Ends a change begun with db_begin: commits it when rc is 0, else rolls it back; answers
 * claim `id` as it now is. */
static int finish(ctx *x, int64_t id, int rc, json_t **out, err *e)
{
	if (!rc)
		rc = db_commit(x->db, e);
	if (rc) {
		if (db_in_tx(x->db))
			db_rollback(x->db);
		return -1;
	}
	return claim_get(x, id, out, e);
}

int claim_scrub(ctx *x, int64_t id, json_t **out, err *e)
{
	char status[16];
	int64_t patient, version, replaced;
	int rc = db_begin(x->db, e);
	if (!rc)
		rc = head(x, id, status, &patient, &version, &replaced, e);
	if (!rc)
		rc = claim_rescrub(x, id, NULL, e);
	if (!rc)
		rc = ctx_audit(x, "claim.scrub", "claim", id, patient, NULL, e);
	return finish(x, id, rc, out, e);
}

int claim_transition(ctx *x, int64_t id, json_t *in, json_t **out, err *e)
{
	const char *to = json_string_value(json_object_get(in, "status"));
	const char *note = json_string_value(json_object_get(in, "note"));
	const char *payer_no = json_string_value(json_object_get(in, "payer_claim_number"));
	json_t *ver = json_object_get(in, "version");
	static const char *const targets[] = {"submitted", "accepted", "rejected", "paid", "partial", "denied", "closed", NULL};
	bool known = false;
	for (const char *const *t = targets; to && *t; t++)
		known = known || !strcmp(*t, to);
	if (!known)
		err_field(e, "status", "must be one of: submitted, accepted, rejected, paid, partial, denied, closed "
				       "(draft and ready follow from scrubbing)");
	if (note && strlen(note) > 500)
		err_field(e, "note", "must be at most 500 characters");
	if (payer_no && (strlen(payer_no) > 50 || !*payer_no))
		err_field(e, "payer_claim_number", "must be 1 to 50 characters");
	if (ver && !json_is_integer(ver))
		err_field(e, "version", "must be the claim's version");
	if (err_has_fields(e))
		return -1;
	char status[16] = "";
	int64_t patient = 0, version = 0, replaced = 0, errors = 0;
	int rc = db_begin(x->db, e);
	if (!rc)
		rc = head(x, id, status, &patient, &version, &replaced, e);
	if (!rc && ver && json_integer_value(ver) != version)
		rc = err_set(e, ERR_VERSION_CONFLICT, "claim %lld was changed by someone else", (long long)id);
	if (!rc && replaced)
		rc = err_set(e, ERR_STATE, "claim %lld was replaced by claim %lld", (long long)id, (long long)replaced);
	if (!rc && !allowed(status, to))
		rc = err_set(e, ERR_STATE, "a %s claim cannot become %s", status, to);
	if (!rc && !strcmp(to, "closed") && (!strcmp(status, "draft") || !strcmp(status, "ready")) && (!note || !*note))
		rc = err_field(e, "note", "is required to cancel a claim that was never sent");
	if (!rc && !strcmp(to, "submitted")) { /* the edits again, on today's data */
		rc = claim_rescrub(x, id, &errors, e);
		if (!rc && errors) {
			db_commit(x->db, e); /* keep the fresh edits: the claim is draft again */
			return err_set(e, ERR_UNPROCESSABLE, "claim %lld has %lld errors: fix them and scrub again",
				       (long long)id, (long long)errors);
		}
	}
	char now[TS_LEN];
	ts_now(now);
	if (!rc)
		rc = db_run(x->db, e,
			    "UPDATE claim SET status = $1, submitted_at = CASE WHEN $1 = 'submitted' THEN $2 ELSE submitted_at END, "
			    "payer_claim_number = COALESCE($3, payer_claim_number), version = version + 1, updated_at = $2 "
			    "WHERE id = $4",
			    "sssi", to, now, payer_no, id) < 0
			     ? -1
			     : 0;
	if (!rc)
		rc = claim_event(x, id, status, to, note, e);
	if (!rc) {
		char action[32];
		snprintf(action, sizeof action, "claim.%s", !strcmp(to, "submitted") ? "submit" : to);
		rc = ctx_audit(x, action, "claim", id, patient, NULL, e);
	}
	return finish(x, id, rc, out, e);
}

int claim_replace(ctx *x, int64_t id, char frequency, json_t *in, json_t **out, err *e)
{
	const char *note = json_string_value(json_object_get(in, "note"));
	if (note && strlen(note) > 500)
		return err_field(e, "note", "must be at most 500 characters");
	char status[16] = "";
	int64_t patient = 0, version = 0, replaced = 0, nid = 0;
	int rc = db_begin(x->db, e);
	if (!rc)
		rc = head(x, id, status, &patient, &version, &replaced, e);
	if (!rc && replaced)
		rc = err_set(e, ERR_STATE, "claim %lld was already replaced by claim %lld", (long long)id, (long long)replaced);
	static const char *const held[] = {"accepted", "paid", "partial", "denied", "closed", NULL};
	bool ok = false;
	for (const char *const *h = held; *h; h++)
		ok = ok || !strcmp(*h, status);
	if (!rc && !ok)
		rc = err_set(e, ERR_STATE, "a %s claim is still in the practice's hands: fix and scrub it instead", status);
	char fq[2] = {frequency, 0}, now[TS_LEN];
	ts_now(now);
	if (!rc)
		rc = db_one_i64(x->db, e, &nid,
				"INSERT INTO claim (practice_id, encounter_id, patient_id, payer_id, coverage_id, payer_order, "
				"service_date, status, frequency, replaces_id, payer_claim_number, total_cents, created_at, "
				"updated_at) SELECT practice_id, encounter_id, patient_id, payer_id, coverage_id, payer_order, "
				"service_date, 'draft', $1, id, payer_claim_number, 0, $3, $3 FROM claim "
				"WHERE id = $2 RETURNING id",
				"sis", fq, id, now) < 0
			     ? -1
			     : 0;
	if (!rc)
		rc = db_run(x->db, e, "UPDATE claim SET replaced_by = $1, version = version + 1 WHERE id = $2", "ii", nid, id) < 0 ? -1 : 0;
	if (!rc)
		rc = claim_event(x, nid, NULL, "draft",
				 note ? note : frequency == '7' ? "corrected claim" : "void of the claim", e);
	if (!rc)
		rc = claim_rescrub(x, nid, NULL, e);
	if (!rc)
		rc = ctx_audit(x, frequency == '7' ? "claim.correct" : "claim.void", "claim", nid, patient, NULL, e);
	return finish(x, nid, rc, out, e);
}
