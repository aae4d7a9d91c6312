/* patients.c: registering, reading, changing, finding and merging patients. */
#include "patients/patients.h"
#include "registry/registry.h"

#include <stdio.h>
#include <string.h>

#include "access/resource.h"
#include "base/buf.h"
#include "base/json_text.h"
#include "base/text.h"
#include "base/timeutil.h"
#include "store/record.h"

static const char *const sexes[] = {"F", "M", "X", "U", NULL};
static const char *const contacts[] = {"phone", "sms", "email", "mail", NULL};
static const char *const statuses[] = {"active", "inactive", "deceased", "merged", NULL};

/* The patient resource. Order matters: rec_row reads columns in this order. */
static const field fields[] = {
	{"id", "id", F_INT, F_READONLY},
	{"mrn", "mrn", F_TEXT, F_READONLY},
	{"family_name", "family_name", F_TEXT, F_REQUIRED, 100},
	{"given_name", "given_name", F_TEXT, F_REQUIRED, 100},
	{"middle_name", "middle_name", F_TEXT, 0, 100},
	{"preferred_name", "preferred_name", F_TEXT, 0, 100},
	{"birth_date", "birth_date", F_DATE, F_REQUIRED},
	{"sex_at_birth", "sex_at_birth", F_ENUM, F_REQUIRED, 0, sexes},
	{"gender_identity", "gender_identity", F_TEXT, 0, 60},
	{"address.line1", "addr_line1", F_TEXT, 0, 100},
	{"address.line2", "addr_line2", F_TEXT, 0, 100},
	{"address.city", "addr_city", F_TEXT, 0, 60},
	{"address.state", "addr_state", F_TEXT, 0, 40},
	{"address.postal_code", "addr_postal_code", F_TEXT, 0, 12},
	{"address.country", "addr_country", F_TEXT, 0, 60},
	{"phone_mobile", "phone_mobile", F_TEXT, 0, 30, NULL, text_check_phone},
	{"phone_home", "phone_home", F_TEXT, 0, 30, NULL, text_check_phone},
	{"phone_work", "phone_work", F_TEXT, 0, 30, NULL, text_check_phone},
	{"email", "email", F_TEXT, F_LOWER, 254, NULL, text_check_email},
	{"preferred_language", "preferred_language", F_TEXT, 0, 35},
	{"preferred_contact", "preferred_contact", F_ENUM, 0, 0, contacts},
	{"emergency_contact.name", "emergency_name", F_TEXT, 0, 100},
	{"emergency_contact.relationship", "emergency_relationship", F_TEXT, 0, 40},
	{"emergency_contact.phone", "emergency_phone", F_TEXT, 0, 30, NULL, text_check_phone},
	{"guarantor.name", "guarantor_name", F_TEXT, 0, 100},
	{"guarantor.relationship", "guarantor_relationship", F_TEXT, 0, 40},
	{"guarantor.phone", "guarantor_phone", F_TEXT, 0, 30, NULL, text_check_phone},
	{"guarantor.patient_id", "guarantor_patient_id", F_INT, 0},
	{"sms_consent", "sms_consent", F_BOOL, 0},
	{"email_consent", "email_consent", F_BOOL, 0},
	{"privacy_notice_at", "privacy_notice_at", F_DATE, 0},
	{"status", "status", F_ENUM, 0, 0, statuses},
	{"merged_into_id", "merged_into_id", F_INT, F_READONLY},
	{"version", "version", F_INT, F_READONLY},
	{"created_at", "created_at", F_TEXT, F_READONLY},
	{"updated_at", "updated_at", F_TEXT, F_READONLY},
};
static const table patients = {"patient", fields, sizeof fields / sizeof *fields};

/* What a list shows: the minimum to pick the right person. */
#define LIST_COLS "p.id, p.mrn, p.family_name, p.given_name, p.preferred_name, p.birth_date, p.sex_at_birth, p.status, p.version"
/* The same columns of a patient_key row (0017: each key row carries them). */
#define KEY_COLS "k.patient_id, k.mrn, k.family_name, k.given_name, k.preferred_name, k.birth_date, k.sex_at_birth, k.status, k.version"

static const char *val(json_t *vals, const char *col) { return json_string_value(json_object_get(vals, col)); }

/* Name keys of a validated record, as extra columns. */
static json_t *keys_of(json_t *vals)
{
	char fk[128], gk[128];
	text_key(val(vals, "family_name"), fk, sizeof fk);
	text_key(val(vals, "given_name"), gk, sizeof gk);
	return json_pack("{s:s,s:s}", "family_key", fk, "given_key", gk);
}

/* One key row: the key, the patient's name order (rank), every key of the patient (words,
 * " n:doe n:jane d:1980-04-02 ...", so the other words of a search are checked in the row)
 * and the patient's list columns as just written: a search reads nothing else. */
static int add_key(db *c, int64_t practice, int64_t patient, const char *rank, const char *words, const char *key, err *e)
{
	return db_run(c, e,
		      "INSERT INTO patient_key (practice_id, key, rank, patient_id, words, mrn, family_name, given_name, "
		      "preferred_name, birth_date, sex_at_birth, status, version) SELECT $1, $2, $3, p.id, $4, p.mrn, "
		      "p.family_name, p.given_name, p.preferred_name, p.birth_date, p.sex_at_birth, p.status, p.version "
		      "FROM patient p WHERE p.id = $5 ON CONFLICT DO NOTHING",
		      "isssi", practice, key, rank, words, patient) < 0 ? -1 : 0;
}

/* Phone key: the digits, without a leading North American 1 on 11 digits. */
static const char *phone_key(const char *s, char out[24])
{
	size_t n = text_digits(s, out, 24);
	return n == 11 && out[0] == '1' ? out + 1 : out;
}

static int index_keys(db *c, int64_t practice, int64_t id, json_t *vals, json_t *keys, const char *mrn, err *e)
{
	char rank[260];
	snprintf(rank, sizeof rank, "%s %s", val(keys, "family_key"), val(keys, "given_key"));
	if (db_run(c, e, "DELETE FROM patient_key WHERE practice_id = $1 AND patient_id = $2", "ii", practice, id) < 0)
		return -1;
	static const char *const names[] = {"family_name", "given_name", "preferred_name", "middle_name"};
	static const char *const phones[] = {"phone_mobile", "phone_home", "phone_work"};
	char key[9][160], k[128], d[24];
	int n = 0;
	for (int i = 0; i < 4; i++)
		if (text_key(val(vals, names[i]), k, sizeof k))
			snprintf(key[n++], sizeof key[0], "n:%s", k);
	for (int i = 0; i < 3; i++)
		if (val(vals, phones[i]) && *phone_key(val(vals, phones[i]), d))
			snprintf(key[n++], sizeof key[0], "p:%s", phone_key(val(vals, phones[i]), d));
	if (val(vals, "birth_date") && *val(vals, "birth_date"))
		snprintf(key[n++], sizeof key[0], "d:%s", val(vals, "birth_date"));
	if (mrn && *mrn)
		snprintf(key[n++], sizeof key[0], "m:%s", mrn);
	buf words;
	buf_init(&words, 1024);
	for (int i = 0; i < n; i++)
		buf_addf(&words, " %s", key[i]);
	int rc = 0;
	for (int i = 0; !rc && i < n; i++)
		rc = add_key(c, practice, id, rank, words.s, key[i], e);
	buf_release(&words);
	return rc;
}

/* A list row's members, in LIST_COLS (and KEY_COLS) order; the first and last are numbers. */
static const char *const list_keys[] = {"id", "mrn", "family_name", "given_name", "preferred_name", "birth_date",
					"sex_at_birth", "status", "version"};
#define NLIST (int)(sizeof list_keys / sizeof *list_keys)

static json_t *list_row(db_stmt *st)
{
	json_t *o = json_object();
	for (int c = 0; c < NLIST; c++) {
		json_t *v = c == 0 || c == NLIST - 1 ? json_integer(db_col_i64(st, c))
			    : db_col_null(st, c)     ? json_null()
						     : json_string(db_col_text(st, c));
		json_object_set_new_nocheck(o, list_keys[c], v);
	}
	return o;
}

static int find_duplicates(ctx *x, json_t *vals, json_t *keys, json_t **cands, err *e)
{
	db_stmt *st = db_prepare(x->db,
				 "SELECT " LIST_COLS " FROM patient p WHERE p.practice_id = $1 AND p.family_key = $2 "
				 "AND p.given_key = $3 AND p.birth_date = $4 AND p.status <> 'merged' ORDER BY p.id LIMIT 10",
				 e);
	if (!st)
		return -1;
	db_bindv(st, "isss", ctx_practice(x), val(keys, "family_key"), val(keys, "given_key"), val(vals, "birth_date"));
	*cands = json_array();
	int rc;
	while ((rc = db_step(st, e)) == DB_ROW)
		json_array_append_new(*cands, list_row(st));
	db_done(st);
	return rc == DB_ERR ? -1 : 0;
}

/* A birth date or privacy notice is not after the practice's today (a baby born this
 * evening in New York is born "tomorrow" in UTC). */
static int dates_validate(ctx *x, json_t *vals, err *e)
{
	char today[11];
	practice_today(x->db, ctx_practice(x), today);
	static const char *const dated[] = {"birth_date", "privacy_notice_at"};
	for (size_t i = 0; i < sizeof dated / sizeof *dated; i++) {
		const char *v = val(vals, dated[i]);
		if (v && strcmp(v, today) > 0)
			err_field(e, dated[i], "cannot be in the future");
	}
	return err_has_fields(e) ? -1 : 0;
}

/* A guarantor who is a patient of the practice (a family account): not the patient, and
 * one level only (a guarantor has none of their own; a patient others rely on takes none). */
static int guarantor_validate(ctx *x, int64_t id, json_t *vals, err *e)
{
	json_t *g = json_object_get(vals, "guarantor_patient_id");
	if (!json_is_integer(g))
		return 0;
	int64_t gid = json_integer_value(g), theirs = 0, dependents = 0;
	if (gid == id)
		return err_field(e, "guarantor.patient_id", "cannot be the patient themself");
	if (res_ref(x, "patient", gid, "guarantor.patient_id", e))
		return -1;
	if (db_one_i64(x->db, e, &theirs, "SELECT COALESCE(guarantor_patient_id, 0) FROM patient WHERE id = $1", "i", gid) < 0 ||
	    (id && db_one_i64(x->db, e, &dependents,
			      "SELECT COUNT(*) FROM patient WHERE practice_id = $1 AND guarantor_patient_id = $2", "ii",
			      ctx_practice(x), id) < 0))
		return -1;
	if (theirs)
		return err_field(e, "guarantor.patient_id", "has a guarantor of their own: choose that guarantor");
	if (dependents)
		return err_field(e, "guarantor.patient_id", "this patient is the guarantor of others, so has none");
	return 0;
}

int patient_create(ctx *x, json_t *in, json_t **out, err *e)
{
	static const char *const allow[] = {"confirm_new", NULL};
	json_t *vals = NULL, *keys = NULL, *cands = NULL;
	json_t *confirm = json_object_get(in, "confirm_new");
	if (confirm && !json_is_boolean(confirm))
		err_field(e, "confirm_new", "must be true or false");
	json_t *status = json_object_get(in, "status");
	if (json_is_string(status) && !strcmp(json_string_value(status), "merged"))
		err_field(e, "status", "can only become merged by merging");
	if (rec_validate(patients.fs, patients.n, in, allow, &vals, e))
		return -1;
	if (dates_validate(x, vals, e) || address_validate(vals, e) || guarantor_validate(x, 0, vals, e)) {
		json_decref(vals);
		return -1;
	}
	if (json_is_null(json_object_get(vals, "status")))
		json_object_set_new(vals, "status", json_string("active"));
	keys = keys_of(vals);
	int64_t practice = ctx_practice(x), id = 0, seq = 0;
	bool own;
	int rc = db_tx_begin(x->db, &own, e);
	if (!rc && !json_is_true(confirm)) {
		rc = find_duplicates(x, vals, keys, &cands, e);
		if (!rc && json_array_size(cands)) {
			rc = err_set(e, ERR_DUPLICATE_PATIENT, "%zu registered patient(s) have the same name and birth date",
				     json_array_size(cands));
			e->extra = json_pack("{s:O}", "candidates", cands);
		}
	}
	if (!rc)
		rc = db_one_i64(x->db, e, &seq, "UPDATE practice SET mrn_seq = mrn_seq + 1 WHERE id = $1 RETURNING mrn_seq",
				"i", practice) == 1 ? 0 : -1;
	char mrn[24];
	snprintf(mrn, sizeof mrn, "%lld", (long long)(100000 + seq));
	if (!rc) {
		json_object_set_new(keys, "mrn", json_string(mrn));
		rc = rec_insert(x->db, &patients, practice, vals, keys, &id, e);
	}
	if (!rc)
		rc = index_keys(x->db, practice, id, vals, keys, mrn, e);
	if (!rc)
		rc = ctx_audit(x, "patient.create", "patient", id, id, json_is_true(confirm) ? "confirmed not a duplicate" : NULL, e);
	json_decref(vals);
	json_decref(keys);
	json_decref(cands);
	if (db_tx_end(x->db, own, rc, e))
		return -1;
	return out ? rec_get(x->db, &patients, practice, id, out, e) : 0;
}

int patient_get(ctx *x, int64_t id, json_t **out, err *e)
{
	if (rec_get(x->db, &patients, ctx_practice(x), id, out, e))
		return -1;
	ctx_audit_read(x, "patient.read", "patient", id, id);
	return 0;
}

int patient_get_text(ctx *x, int64_t id, char **out, size_t *len, err *e)
{
	if (rec_get_text(x->db, &patients, ctx_practice(x), id, out, len, e))
		return -1;
	ctx_audit_read(x, "patient.read", "patient", id, id);
	return 0;
}

int patient_update(ctx *x, int64_t id, json_t *patch, json_t **out, err *e)
{
	if (!json_is_object(patch))
		return err_set(e, ERR_BAD_REQUEST, "the body must be a JSON object");
	json_t *ver = json_object_get(patch, "version");
	if (!json_is_integer(ver))
		return err_field(e, "version", "is required: the version you are changing");
	json_t *status = json_object_get(patch, "status");
	if (json_is_string(status) && !strcmp(json_string_value(status), "merged"))
		return err_field(e, "status", "can only become merged by merging");
	json_t *cur = NULL, *vals = NULL, *keys = NULL;
	int64_t practice = ctx_practice(x);
	if (rec_get(x->db, &patients, practice, id, &cur, e))
		return -1;
	if (!strcmp(json_string_value(json_object_get(cur, "status")), "merged")) {
		json_int_t into = json_integer_value(json_object_get(cur, "merged_into_id"));
		json_decref(cur);
		err_set(e, ERR_CONFLICT, "patient %lld was merged into patient %lld", (long long)id, (long long)into);
		e->extra = json_pack("{s:I}", "merged_into_id", into);
		return -1;
	}
	json_t *p = json_deep_copy(patch);
	json_object_del(p, "version");
	/* read-only fields may be echoed back unchanged; changing them is refused */
	for (int i = 0; i < patients.n; i++)
		if ((patients.fs[i].flags & F_READONLY) && json_object_get(p, patients.fs[i].json)) {
			if (!json_equal(json_object_get(p, patients.fs[i].json), json_object_get(cur, patients.fs[i].json)))
				err_field(e, patients.fs[i].json, "cannot be changed");
			json_object_del(p, patients.fs[i].json);
		}
	rec_merge(cur, p);
	json_decref(p);
	const char *mrn_s = json_string_value(json_object_get(cur, "mrn"));
	char mrn[24];
	snprintf(mrn, sizeof mrn, "%s", mrn_s ? mrn_s : "");
	/* the read-only members of cur are not input: drop them before validating */
	for (int i = 0; i < patients.n; i++)
		if (patients.fs[i].flags & F_READONLY)
			json_object_del(cur, patients.fs[i].json);
	int rc = err_has_fields(e) ? -1 : rec_validate(patients.fs, patients.n, cur, NULL, &vals, e);
	json_decref(cur);
	if (!rc && (dates_validate(x, vals, e) || address_validate(vals, e) || guarantor_validate(x, id, vals, e)))
		json_decref(vals), rc = -1;
	if (rc)
		return -1;
	keys = keys_of(vals);
	rc = db_begin(x->db, e);
	if (!rc)
		rc = rec_update(x->db, &patients, practice, id, json_integer_value(ver), vals, keys, e);
	if (!rc)
		rc = index_keys(x->db, practice, id, vals, keys, mrn, e);
	if (!rc)
		rc = ctx_audit(x, "patient.update", "patient", id, id, NULL, e);
	json_decref(vals);
	json_decref(keys);
	if (rc) {
		db_rollback(x->db);
		return -1;
	}
	if (db_commit(x->db, e))
		return -1;
	return rec_get(x->db, &patients, practice, id, out, e);
}

#define MAX_WORDS 4

/* One search word becomes one or two key ranges [lo, hi) (digits: phone or MRN). */
typedef struct word {
	int n;
	char lo[2][80], hi[2][80];
	char in_words[2][84]; /* "% <lo>%": the word among a key row's words */
} word;

static void range(word *w, const char *kind, const char *k)
{
	snprintf(w->lo[w->n], sizeof w->lo[0], "%s:%s", kind, k);
	text_prefix_end(w->lo[w->n], w->hi[w->n], sizeof w->hi[0]);
	size_t len = strlen(w->lo[w->n]); /* "% <lo>%" (keys hold no % or _) */
	memcpy(w->in_words[w->n], "% ", 2);
	memcpy(w->in_words[w->n] + 2, w->lo[w->n], len);
	memcpy(w->in_words[w->n] + 2 + len, "%", 2);
	w->n++;
}

static bool classify(const char *tok, word *w)
{
	memset(w, 0, sizeof *w);
	char iso[11], d[40], pk[24], k[64];
	if (date_normalise(tok, iso)) {
		range(w, "d", iso);
		return true;
	}
	bool digits_only = true;
	for (const char *p = tok; *p; p++)
		if (!strchr("0123456789()-.+", *p))
			digits_only = false;
	if (digits_only && text_digits(tok, d, sizeof d) >= 3) {
		range(w, "p", phone_key(tok, pk));
		range(w, "m", d);
		return true;
	}
	if (!text_key(tok, k, sizeof k))
		return false;
	range(w, "n", k);
	return true;
}

/* Statement parameters collected while the SQL text is built. */
typedef struct params {
	int n;
	const char *v[40];
} params;

static int param(params *ps, const char *v)
{
	ps->v[ps->n++] = v;
	return ps->n + 1; /* $1 is the practice */
}

static void ranges_sql(buf *b, const char *alias, const word *w, params *ps)
{
	buf_adds(b, "(");
	for (int i = 0; i < w->n; i++) {
		int lo = param(ps, w->lo[i]), hi = param(ps, w->hi[i]);
		buf_addf(b, "%s(%s.key >= $%d AND %s.key < $%d)", i ? " OR " : "", alias, lo, alias, hi);
	}
	buf_adds(b, ")");
}

/* Reads the (key, rank) place of the cursor's patient from a prepared, bound statement. */
static int cursor_place(db_stmt *st, char ck[160], char cr[260], err *e)
{
	if (!st)
		return -1;
	int r = db_step(st, e);
	if (r == DB_ROW) {
		snprintf(ck, 160, "%s", db_col_text(st, 0));
		snprintf(cr, 260, "%s", db_col_text(st, 1));
	}
	db_done(st);
	return r == DB_ROW ? 0 : r == DB_ERR ? -1 : err_field(e, "cursor", "is not valid");
}

/* list_row's object as text (a search answers many rows: no JSON value is built). */
static void list_row_text(db_stmt *st, json_out *o)
{
	bool first = true;
	json_out_raw(o, "{", 1);
	for (int c = 0; c < NLIST; c++) {
		bool num = c == 0 || c == NLIST - 1;
		const char *v = num || db_col_null(st, c) ? NULL : db_col_text(st, c);
		if (v && !json_utf8_ok(v, strlen(v)))
			continue; /* as jansson leaves it out */
		json_out_key(o, &first, list_keys[c], strlen(list_keys[c]));
		if (num)
			json_out_int(o, db_col_i64(st, c));
		else if (v)
			json_out_string(o, v, strlen(v));
		else
			json_out_raw(o, "null", 4);
	}
	json_out_raw(o, "}", 1);
}

/* A page of patients as text: {"items": [...], "next_cursor": "id" or null}, as rec_page. */
static int run_list(ctx *x, const char *sql, const params *ps, int64_t after_id, int limit, char **out, size_t *len,
		    err *e)
{
	db_stmt *st = db_prepare(x->db, sql, e);
	if (!st)
		return -1;
	db_bind_i64(st, 1, ctx_practice(x));
	for (int i = 0; i < ps->n; i++)
		db_bind_text(st, i + 2, ps->v[i]);
	int p = ps->n + 2;
	if (after_id)
		db_bind_i64(st, p++, after_id);
	db_bind_i64(st, p, (int64_t)limit + 9); /* room for a few duplicates */
	json_out o;
	json_out_init(&o);
	json_out_raw(&o, "{\"items\":[", 10);
	int rc, n = 0;
	int64_t last = 0, seen[512];
	while ((rc = db_step(st, e)) == DB_ROW) {
		int64_t id = db_col_i64(st, 0);
		bool dup = false; /* one patient can match a word through two of its names */
		for (int i = 0; i < n && !dup; i++)
			dup = seen[i] == id;
		if (dup)
			continue;
		seen[n++] = id;
		if (n > limit)
			break;
		last = id;
		if (n > 1)
			json_out_raw(&o, ",", 1);
		list_row_text(st, &o);
	}
	db_done(st);
	if (rc == DB_ERR) {
		free(json_out_done(&o, NULL));
		return -1;
	}
	json_out_raw(&o, "],\"next_cursor\":", 16);
	if (n > limit) {
		json_out_raw(&o, "\"", 1);
		json_out_int(&o, last);
		json_out_raw(&o, "\"", 1);
	} else
		json_out_raw(&o, "null", 4);
	json_out_raw(&o, "}", 1);
	*out = json_out_done(&o, len);
	return 0;
}

int patient_search(ctx *x, const char *q, int limit, int64_t after_id, char **out, size_t *len, err *e)
{
	word words[MAX_WORDS];
	int nw = 0;
	if (q && strlen(q) > 200)
		return err_field(e, "q", "is longer than 200 characters");
	char qbuf[201];
	snprintf(qbuf, sizeof qbuf, "%s", q ? q : "");
	char *save = NULL;
	for (char *tok = strtok_r(qbuf, " ,\t", &save); tok && nw < MAX_WORDS; tok = strtok_r(NULL, " ,\t", &save))
		if (classify(tok, &words[nw]))
			nw++;
	if (q && *q && !nw)
		return err_field(e, "q", "has nothing to search for: use a name, birth date, phone or MRN");
	if (limit > 500)
		limit = 500;

	int64_t practice = ctx_practice(x);
	params ps = {0};
	char ck[160] = "", cr[260] = "";
	buf b;
	buf_init(&b, 8192);
	if (!nw) {
		/* everyone, in name order, straight off the name index */
		if (after_id) {
			db_stmt *c = db_prepare(x->db, "SELECT family_key, given_key FROM patient WHERE practice_id = $1 AND id = $2", e);
			if (c)
				db_bindv(c, "ii", practice, after_id);
			if (cursor_place(c, ck, cr, e))
				return buf_release(&b), -1;
		}
		buf_adds(&b, "SELECT " LIST_COLS " FROM patient p WHERE p.practice_id = $1 AND p.status <> 'merged'");
		if (after_id) {
			int a = param(&ps, ck), g = param(&ps, cr);
			buf_addf(&b, " AND (p.family_key, p.given_key, p.id) > ($%d, $%d, $%d)", a, g, ps.n + 2);
		}
		buf_addf(&b, " ORDER BY p.family_key, p.given_key, p.id LIMIT $%d", ps.n + 2 + (after_id ? 1 : 0));
	} else {
		/* the longest word drives an index walk in (key, name) order; the others filter */
		int drive = 0;
		for (int i = 1; i < nw; i++)
			if (strlen(words[i].lo[0]) > strlen(words[drive].lo[0]))
				drive = i;
		if (after_id) {
			buf c;
			buf_init(&c, 1024);
			params cp = {0};
			buf_adds(&c, "SELECT k.key, k.rank FROM patient_key k WHERE k.practice_id = $1 AND k.patient_id = $2 AND ");
			cp.n = 1; /* $2 is the patient */
			ranges_sql(&c, "k", &words[drive], &cp);
			buf_adds(&c, " ORDER BY k.key LIMIT 1");
			db_stmt *st = db_prepare(x->db, c.s, e);
			buf_release(&c);
			if (st) {
				db_bindv(st, "ii", practice, after_id);
				for (int i = 1; i < cp.n; i++)
					db_bind_text(st, i + 2, cp.v[i]);
			}
			if (cursor_place(st, ck, cr, e))
				return buf_release(&b), -1;
		}
		/* the key rows carry the list columns (KEY_COLS, with an index covering them) */
		buf_adds(&b, "SELECT " KEY_COLS " FROM patient_key k WHERE k.practice_id = $1 AND ");
		ranges_sql(&b, "k", &words[drive], &ps);
		buf_adds(&b, " AND k.status <> 'merged'");
		for (int i = 0; i < nw; i++) /* the others: among the row's words, no other row read */
			for (int j = 0; i != drive && j < words[i].n; j++)
				buf_addf(&b, "%sk.words LIKE $%d%s", j ? " OR " : " AND (", param(&ps, words[i].in_words[j]),
					 j == words[i].n - 1 ? ")" : "");
		if (after_id) {
			int a = param(&ps, ck), r = param(&ps, cr);
			buf_addf(&b, " AND (k.key, k.rank, k.patient_id) > ($%d, $%d, $%d)", a, r, ps.n + 2);
		}
		buf_addf(&b, " ORDER BY k.key, k.rank, k.patient_id LIMIT $%d", ps.n + 2 + (after_id ? 1 : 0));
	}
	int rc = run_list(x, b.s, &ps, after_id, limit, out, len, e);
	buf_release(&b);
	if (rc)
		return -1;
	ctx_audit_read(x, "patient.search", "patient", 0, 0);
	return 0;
}

int patient_merge(ctx *x, int64_t survivor, int64_t dup, json_t **out, err *e)
{
	if (survivor == dup)
		return err_field(e, "duplicate_id", "must be another patient than the survivor");
	int64_t practice = ctx_practice(x);
	json_t *a = NULL, *b = NULL;
	if (rec_get(x->db, &patients, practice, survivor, &a, e))
		return -1;
	if (rec_get(x->db, &patients, practice, dup, &b, e)) {
		json_decref(a);
		if (e->code == ERR_NOT_FOUND)
			return err_field(e, "duplicate_id", "is not a patient of this practice");
		return -1;
	}
	bool merged = !strcmp(json_string_value(json_object_get(a, "status")), "merged") ||
		      !strcmp(json_string_value(json_object_get(b, "status")), "merged");
	json_decref(a);
	json_decref(b);
	if (merged)
		return err_set(e, ERR_CONFLICT, "one of the patients was already merged");
	char ts[TS_LEN];
	ts_now(ts);
	int rc = db_begin(x->db, e);
	if (!rc)
		rc = db_run(x->db, e,
			    "UPDATE patient SET status = 'merged', merged_into_id = $1, version = version + 1, updated_at = $2 "
			    "WHERE practice_id = $3 AND id = $4 AND status <> 'merged'",
			    "isii", survivor, ts, practice, dup) == 1 ? 0 : err_set(e, ERR_CONFLICT, "the duplicate changed meanwhile");
	if (!rc)
		rc = db_run(x->db, e, "DELETE FROM patient_key WHERE practice_id = $1 AND patient_id = $2", "ii", practice, dup) < 0;
	if (!rc)
		rc = ctx_audit(x, "patient.merge", "patient", dup, survivor, "duplicate merged into this patient", e);
	if (!rc)
		rc = ctx_audit(x, "patient.merge", "patient", dup, dup, "merged into another patient", e);
	if (rc) {
		db_rollback(x->db);
		return -1;
	}
	if (db_commit(x->db, e))
		return -1;
	return patient_get(x, survivor, out, e);
}
