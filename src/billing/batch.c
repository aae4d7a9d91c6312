/* batch.c: sending claims as an 837P file: the practice's EDI set-up and claim batches.
 *
 * A batch takes ready claims (the ones named, or every ready one), scrubs each again, writes
 * the clean ones into one interchange with the next control number, keeps the file, and
 * marks those claims submitted, all in one transaction: a failure leaves every claim as it
 * was. Claims that are not ready, or that the fresh scrub finds errors on, are left out and
 * listed with the reason. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/timeutil.h"
#include "billing/billing.h"
#include "billing/claim.h"
#include "billing/codes_fmt.h"
#include "formats/x12/x837p.h"

static const field edi_fields[] = {
	{"submitter_name", "submitter_name", F_TEXT, F_REQUIRED, 60},
	{"submitter_id", "submitter_id", F_TEXT, F_REQUIRED, 80},
	{"contact_name", "contact_name", F_TEXT, F_REQUIRED, 60},
	{"contact_phone", "contact_phone", F_TEXT, F_REQUIRED, 20},
	{"receiver_name", "receiver_name", F_TEXT, F_REQUIRED, 60},
	{"receiver_id", "receiver_id", F_TEXT, F_REQUIRED, 80},
	{"isa_sender_qual", "isa_sender_qual", F_TEXT, F_REQUIRED, 2},
	{"isa_sender_id", "isa_sender_id", F_TEXT, F_REQUIRED, 15},
	{"isa_receiver_qual", "isa_receiver_qual", F_TEXT, F_REQUIRED, 2},
	{"isa_receiver_id", "isa_receiver_id", F_TEXT, F_REQUIRED, 15},
	{"gs_sender", "gs_sender", F_TEXT, F_REQUIRED, 15},
	{"gs_receiver", "gs_receiver", F_TEXT, F_REQUIRED, 15},
	{"usage", "usage", F_ENUM, F_REQUIRED, 0, (const char *const[]){"T", "P", NULL}},
	{"last_control", "last_control", F_INT, F_READONLY},
	{"version", "version", F_INT, F_READONLY},
	{"updated_at", "updated_at", F_TEXT, F_READONLY},
};
#define NEDI ((int)(sizeof edi_fields / sizeof *edi_fields))
static const settings_table edi_table = {"edi_settings", "edi_settings.update", "EDI set-up", edi_fields, NEDI, false};

int edi_settings_get(ctx *x, json_t **out, err *e) { return settings_read(x, &edi_table, out, e); }

int edi_settings_put(ctx *x, json_t *in, json_t **out, err *e)
{
	json_t *vals = NULL;
	if (rec_validate(edi_fields, NEDI, in, (const char *const[]){"version", "updated_at", "last_control", NULL}, &vals, e))
		return -1;
	const char *k;
	json_t *v;
	json_object_foreach(vals, k, v) if (json_is_string(v) && !x12_safe(json_string_value(v)))
		err_field(e, k, "may hold only letters, digits, spaces and - . /");
	if (err_has_fields(e)) {
		json_decref(vals);
		return -1;
	}
	int rc = settings_write(x, &edi_table, vals, json_object_get(in, "version"), e);
	json_decref(vals);
	if (rc)
		return -1;
	return edi_settings_get(x, out, e);
}

/* The claims a batch considers: the ids given, or every ready current claim. */
static json_t *candidates(ctx *x, json_t *ids, err *e)
{
	if (ids && json_is_array(ids))
		return json_incref(ids);
	json_t *a = json_array();
	db_stmt *st = db_prepare(x->db,
				 "SELECT id FROM claim WHERE practice_id = $1 AND status = 'ready' AND replaced_by IS NULL "
				 "ORDER BY id LIMIT 5000",
				 e);
	if (!st) {
		json_decref(a);
		return NULL;
	}
	db_bind_i64(st, 1, ctx_practice(x));
	int rc;
	while ((rc = db_step(st, e)) == DB_ROW)
		json_array_append_new(a, json_integer(db_col_i64(st, 0)));
	db_done(st);
	if (rc == DB_ERR) {
		json_decref(a);
		return NULL;
	}
	return a;
}

/* The claims as one 837P set, or two when some are encounter data (capitated: BHT06 RP) and
 * some are bills (CH): a set is one or the other. */
static int write_sets(x12_writer *w, const x837_parties *p, json_t *docs, err *e)
{
	json_t *kind[2] = {json_array(), json_array()}, *d;
	size_t i;
	json_array_foreach(docs, i, d) json_array_append(kind[json_is_true(json_object_get(d, "encounter_data"))], d);
	int rc = 0, set = 0;
	for (int k = 0; k < 2 && !rc; k++)
		if (json_array_size(kind[k])) {
			char control[8];
			snprintf(control, sizeof control, "%04d", ++set);
			rc = x837p_write(w, p, kind[k], control, e);
		}
	json_decref(kind[0]);
	json_decref(kind[1]);
	return rc;
}

int claim_batch_create(ctx *x, json_t *in, json_t **out, err *e)
{
	json_t *given = json_object_get(in, "claim_ids");
	if (given && (!json_is_array(given) || json_array_size(given) > 5000))
		return err_field(e, "claim_ids", "must be a list of at most 5000 claim ids");
	size_t gi;
	json_t *gv;
	json_array_foreach(given, gi, gv) if (!json_is_integer(gv)) return err_field(e, "claim_ids", "must be a list of claim ids");
	json_t *edi;
	if (edi_settings_get(x, &edi, e)) {
		if (e->code != ERR_NOT_FOUND)
			return -1;
		err_clear(e);
		return err_set(e, ERR_UNPROCESSABLE, "set up EDI first (submitter, receiver, ISA identifiers)");
	}
#define EDI(k) json_string_value(json_object_get(edi, k))
	int64_t control = json_integer_value(json_object_get(edi, "last_control")) % 999999999 + 1;
	int rc;
	json_t *ids = candidates(x, given, e), *docs = json_array(), *sent = json_array(), *skipped = json_array();
	if (!ids)
		rc = -1;
	else
		rc = db_begin(x->db, e);
	int64_t total = 0;
	size_t i;
	json_t *v;
	json_array_foreach(ids, i, v) {
		if (rc)
			break;
		int64_t id = json_integer_value(v), errors = 0;
		char status[16] = "";
		db_stmt *q = db_prepare(x->db, "SELECT status FROM claim WHERE id = $1 AND practice_id = $2 AND replaced_by IS NULL", e);
		if (!q) {
			rc = -1;
			break;
		}
		db_bindv(q, "ii", id, ctx_practice(x));
		int qrc = db_step(q, e);
		if (qrc == DB_ROW)
			snprintf(status, sizeof status, "%s", db_col_text(q, 0));
		db_done(q);
		if (qrc == DB_ERR) {
			rc = -1;
			break;
		}
		const char *why = qrc == DB_DONE ? "not a current claim of this practice" : strcmp(status, "ready") ? "not ready" : NULL;
		if (!why) {
			if (claim_rescrub(x, id, &errors, e)) {
				rc = -1;
				break;
			}
			why = errors ? "the scrub found errors" : NULL;
		}
		if (why) {
			json_array_append_new(skipped, json_pack("{s:I, s:s}", "claim_id", (json_int_t)id, "reason", why));
			continue;
		}
		json_t *doc;
		if (claim_document(x, id, &doc, e)) {
			rc = -1;
			break;
		}
		x->npending = 0; /* the batch's own export event stands for these reads */
		total += json_integer_value(json_object_get(doc, "total_cents"));
		json_array_append_new(docs, doc);
		json_array_append_new(sent, json_integer(id));
	}
	char now[TS_LEN];
	ts_now(now);
	x12_writer *w = NULL;
	int64_t batch = 0;
	if (!rc && json_array_size(sent) == 0)
		rc = err_set(e, ERR_UNPROCESSABLE, "no claim is ready to send");
	if (!rc) {
		w = x12w_new((x12_seps){'*', ':', '^', '~'}, true);
		char ref[16];
		snprintf(ref, sizeof ref, "%lld", (long long)control);
		x12_isa isa = {EDI("isa_sender_qual"), EDI("isa_sender_id"), EDI("isa_receiver_qual"), EDI("isa_receiver_id"),
			       (long)control, EDI("usage")[0], (long long)now_unix()};
		x837_parties p = {EDI("submitter_name"), EDI("submitter_id"), EDI("contact_name"), EDI("contact_phone"),
				  EDI("receiver_name"), EDI("receiver_id"), ref, (long long)now_unix()};
		rc = x12w_interchange(w, &isa, e) ||
				     x12w_group(w, "HC", EDI("gs_sender"), EDI("gs_receiver"), (long)control, "005010X222A1", e) ||
				     write_sets(w, &p, docs, e) || x12w_end(w, e) || x12w_end(w, e)
			     ? -1
			     : 0;
	}
	if (!rc) {
		size_t len;
		const char *file = x12w_data(w, &len);
		rc = db_one_i64(x->db, e, &batch,
				"INSERT INTO claim_batch (practice_id, control, claims, total_cents, content, created_by, created_at) "
				"VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
				"iiiisns", ctx_practice(x), control, (int64_t)json_array_size(sent), total, file, ctx_user(x), now) < 0
			     ? -1
			     : 0;
	}
	if (!rc)
		rc = db_run(x->db, e, "UPDATE edi_settings SET last_control = $1 WHERE practice_id = $2", "ii", control,
			    ctx_practice(x)) < 0
			     ? -1
			     : 0;
	json_array_foreach(sent, i, v) {
		if (rc)
			break;
		int64_t id = json_integer_value(v), patient = 0;
		char note[48];
		snprintf(note, sizeof note, "in 837P batch %lld", (long long)batch);
		rc = db_run(x->db, e, "INSERT INTO claim_batch_claim (batch_id, claim_id) VALUES ($1, $2)", "ii", batch, id) < 0 ||
				     db_run(x->db, e,
					    "UPDATE claim SET status = 'submitted', submitted_at = $1, version = version + 1, "
					    "updated_at = $1 WHERE id = $2",
					    "si", now, id) < 0 ||
				     claim_event(x, id, "ready", "submitted", note, e) ||
				     db_one_i64(x->db, e, &patient, "SELECT patient_id FROM claim WHERE id = $1", "i", id) < 0 ||
				     ctx_audit(x, "claim.submit", "claim", id, patient, note, e)
			     ? -1
			     : 0;
	}
	if (!rc)
		rc = ctx_audit(x, "claim_batch.create", "claim_batch", batch, 0, NULL, e);
	if (!rc)
		rc = db_commit(x->db, e);
	else if (db_in_tx(x->db))
		db_rollback(x->db);
#undef EDI
	x12w_free(w);
	json_decref(edi);
	json_decref(ids);
	json_decref(docs);
	if (rc) {
		json_decref(sent);
		json_decref(skipped);
		return -1;
	}
	*out = json_pack("{s:I, s:I, s:I, s:I, s:o, s:o, s:s}", "id", (json_int_t)batch, "control", (json_int_t)control, "claims",
			 (json_int_t)json_array_size(sent), "total_cents", (json_int_t)total, "claim_ids", sent, "skipped", skipped,
			 "created_at", now);
	return 0;
}

int claim_batch_list(ctx *x, int limit, int64_t after, json_t **out, err *e)
{
	db_stmt *st = db_prepare(x->db,
				 "SELECT id, control, claims, total_cents, created_at FROM claim_batch WHERE practice_id = $1 "
				 "AND ($2 = 0 OR id < $2) ORDER BY id DESC LIMIT $3",
				 e);
	if (!st)
		return -1;
	db_bindv(st, "iii", ctx_practice(x), after, (int64_t)limit + 1);
	json_t *items = json_array();
	int rc;
	int64_t next = 0;
	while ((rc = db_step(st, e)) == DB_ROW) {
		if ((int)json_array_size(items) == limit) {
			next = json_integer_value(json_object_get(json_array_get(items, limit - 1), "id"));
			break;
		}
		json_array_append_new(items, json_pack("{s:I, s:I, s:I, s:I, s:s}", "id", (json_int_t)db_col_i64(st, 0), "control",
						       (json_int_t)db_col_i64(st, 1), "claims", (json_int_t)db_col_i64(st, 2),
						       "total_cents", (json_int_t)db_col_i64(st, 3), "created_at", db_col_text(st, 4)));
	}
	db_done(st);
	if (rc == DB_ERR) {
		json_decref(items);
		return -1;
	}
	*out = rec_page(items, next);
	return 0;
}

int claim_batch_file(ctx *x, int64_t id, char **data, size_t *len, err *e)
{
	db_stmt *st = db_prepare(x->db, "SELECT content FROM claim_batch WHERE id = $1 AND practice_id = $2", e);
	if (!st)
		return -1;
	db_bindv(st, "ii", id, ctx_practice(x));
	int rc = db_step(st, e);
	if (rc == DB_ROW) {
		*data = strdup(db_col_text(st, 0));
		*len = strlen(*data);
	}
	db_done(st);
	if (rc == DB_DONE)
		return err_set(e, ERR_NOT_FOUND, "claim batch %lld not found", (long long)id);
	if (rc == DB_ERR)
		return -1;
	ctx_audit_read(x, "claim_batch.export", "claim_batch", id, 0);
	return 0;
}
