/* encounter.c: a visit's diagnoses and service lines (see billing.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/timeutil.h"
#include "billing/billing.h"
#include "billing/claim.h"
#include "billing/codes_fmt.h"
#include "billing/price.h"
#include "registry/registry.h"
#include "schedule/clock.h"

/* The visit as validated input: header fields and lines. */
typedef struct visit {
	int64_t patient, appointment, rendering, billing, location;
	char dos[11], pos[3], today[11]; /* today: the practice's, when the visit was entered */
	const char *referring_name, *referring_npi, *prior_auth;
	char dx[BILL_MAX_DX][8];
	int ndx;
	struct {
		char code[6], mods[BILL_MAX_MODS * 3];
		int64_t units, fee;
		char ptrs[BILL_MAX_PTRS * 3];
	} lines[BILL_MAX_LINES];
	int nlines;
} visit;

static const char *opt_text(json_t *o, const char *k, size_t max, const char *name, err *e)
{
	json_t *v = json_object_get(o, k);
	if (!v || json_is_null(v))
		return NULL;
	const char *s = json_string_value(v);
	if (!s || strlen(s) > max)
		return err_field(e, name, "must be text of at most %zu characters", max), NULL;
	return *s ? s : NULL;
}

/* Fills what a checked-out appointment says: patient, date (local), provider, location. */
static int from_appointment(ctx *x, visit *v, err *e)
{
	db_stmt *st = db_prepare(x->db,
				 "SELECT a.patient_id, a.provider_id, a.location_id, a.start_s, a.status, l.time_zone, l.pos_code "
				 "FROM appointment a JOIN location l ON l.id = a.location_id WHERE a.id = $1 AND a.practice_id = $2",
				 e);
	if (!st)
		return -1;
	db_bindv(st, "ii", v->appointment, ctx_practice(x));
	int rc = db_step(st, e);
	if (rc == DB_ROW) {
		if (strcmp(db_col_text(st, 4), "checked_out"))
			rc = err_field(e, "appointment_id", "is not checked out yet");
		else {
			v->patient = db_col_i64(st, 0);
			if (!v->rendering)
				v->rendering = db_col_i64(st, 1);
			if (!v->location)
				v->location = db_col_i64(st, 2);
			int64_t day;
			int minute, off;
			tz_local(db_col_text(st, 5), (time_t)db_col_i64(st, 3), &day, &minute, &off);
			day_format(day, v->dos);
			if (!*v->pos)
				snprintf(v->pos, sizeof v->pos, "%s", db_col_text(st, 6));
		}
	} else if (rc == DB_DONE)
		rc = err_field(e, "appointment_id", "is not one of this practice's appointments");
	db_done(st);
	return rc < 0 ? -1 : 0;
}

static int parse_lines(ctx *x, json_t *lines, visit *v, err *e)
{
	if (!json_is_array(lines) || json_array_size(lines) == 0)
		return err_field(e, "lines", "must list at least one service line");
	if (json_array_size(lines) > BILL_MAX_LINES)
		return err_field(e, "lines", "may hold at most %d lines", BILL_MAX_LINES);
	size_t i;
	json_t *l;
	json_array_foreach(lines, i, l) {
		char f[40];
		typeof(&v->lines[0]) o = &v->lines[v->nlines++];
		const char *code = json_string_value(json_object_get(l, "code"));
		snprintf(f, sizeof f, "lines[%zu].code", i);
		snprintf(o->code, sizeof o->code, "%s", code && strlen(code) == 5 ? code : "");
		upcase(o->code);
		if (!proc_code_valid(o->code))
			err_field(e, f, "must be a 5-character CPT or HCPCS code");
		json_t *mods = json_object_get(l, "modifiers"), *m;
		size_t k;
		snprintf(f, sizeof f, "lines[%zu].modifiers", i);
		if (mods && (!json_is_array(mods) || json_array_size(mods) > BILL_MAX_MODS))
			err_field(e, f, "must be a list of up to %d modifiers", BILL_MAX_MODS);
		else
			json_array_foreach(mods, k, m) {
				char mod[3];
				const char *s = json_string_value(m);
				snprintf(mod, sizeof mod, "%s", s && strlen(s) == 2 ? s : "");
				upcase(mod);
				if (!modifier_valid(mod)) {
					err_field(e, f, "modifier %zu must be two letters or digits", k + 1);
					break;
				}
				size_t n = strlen(o->mods);
				snprintf(o->mods + n, sizeof o->mods - n, "%s%s", n ? "," : "", mod);
			}
		json_t *u = json_object_get(l, "units");
		o->units = u ? json_integer_value(u) : 1;
		snprintf(f, sizeof f, "lines[%zu].units", i);
		if ((u && !json_is_integer(u)) || o->units < 1 || o->units > 9999)
			err_field(e, f, "must be a whole number from 1 to 9999");
		json_t *ptrs = json_object_get(l, "pointers"), *p;
		snprintf(f, sizeof f, "lines[%zu].pointers", i);
		if (!json_is_array(ptrs) || json_array_size(ptrs) < 1 || json_array_size(ptrs) > BILL_MAX_PTRS)
			err_field(e, f, "must list 1 to %d diagnosis positions", BILL_MAX_PTRS);
		else
			json_array_foreach(ptrs, k, p) {
				json_int_t n = json_integer_value(p);
				if (!json_is_integer(p) || n < 1 || n > v->ndx) {
					err_field(e, f, "pointer %zu must be a diagnosis position from 1 to %d", k + 1, v->ndx);
					break;
				}
				size_t len = strlen(o->ptrs);
				snprintf(o->ptrs + len, sizeof o->ptrs - len, "%s%d", len ? "," : "", (int)n);
			}
		if (err_has_fields(e) || !*v->dos)
			continue;
		/* the fee: the charge master's, for the first modifier (a pricing modifier such as 26) */
		char first[3] = "";
		memcpy(first, o->mods, o->mods[0] ? 2 : 0);
		int rc = fee_lookup(x, o->code, first, v->dos, &o->fee, e);
		if (rc < 0)
			return -1;
		snprintf(f, sizeof f, "lines[%zu].code", i);
		if (rc == 0)
			err_field(e, f, "%s has no fee in the charge master on %s", o->code, v->dos);
	}
	return err_has_fields(e) ? -1 : 0;
}

/* Validates the merged input into `v`. */
static int parse(ctx *x, json_t *in, visit *v, err *e)
{
	static const char *const keys[] = {"appointment_id", "patient_id", "service_date", "rendering_provider_id",
					   "billing_provider_id", "location_id", "pos_code", "referring", "prior_auth",
					   "diagnoses", "lines", "version", NULL};
	const char *k;
	json_t *val;
	json_object_foreach(in, k, val) {
		const char *const *p = keys;
		while (*p && strcmp(*p, k))
			p++;
		if (!*p)
			err_field(e, k, "is not a field of an encounter");
	}
	memset(v, 0, sizeof *v);
	v->appointment = json_integer_value(json_object_get(in, "appointment_id"));
	v->patient = json_integer_value(json_object_get(in, "patient_id"));
	v->rendering = json_integer_value(json_object_get(in, "rendering_provider_id"));
	v->billing = json_integer_value(json_object_get(in, "billing_provider_id"));
	v->location = json_integer_value(json_object_get(in, "location_id"));
	const char *pos = opt_text(in, "pos_code", 2, "pos_code", e);
	if (pos && !pos_valid(pos))
		err_field(e, "pos_code", "must be a two-digit place-of-service code such as 11");
	else if (pos)
		snprintf(v->pos, sizeof v->pos, "%s", pos);
	json_t *ref = json_object_get(in, "referring");
	v->referring_name = opt_text(ref, "name", 60, "referring.name", e);
	v->referring_npi = opt_text(ref, "npi", 10, "referring.npi", e);
	if (v->referring_npi && !npi_valid(v->referring_npi))
		err_field(e, "referring.npi", "must be 10 digits with a valid check digit");
	if (v->referring_npi && !v->referring_name)
		err_field(e, "referring.name", "is required with a referring NPI");
	v->prior_auth = opt_text(in, "prior_auth", 50, "prior_auth", e);
	if (v->prior_auth && !x12_safe(v->prior_auth))
		err_field(e, "prior_auth", "may hold only letters, digits, spaces and - . /");
	if (v->appointment) {
		if (from_appointment(x, v, e) && !err_has_fields(e))
			return -1;
	} else {
		const char *d = json_string_value(json_object_get(in, "service_date"));
		if (!d || !date_normalise(d, v->dos))
			err_field(e, "service_date", "must be a date YYYY-MM-DD");
		if (!v->patient || res_ref(x, "patient", v->patient, "patient_id", e))
			err_field(e, "patient_id", "must be one of this practice's patients");
	}
	practice_today(x->db, ctx_practice(x), v->today);
	if (*v->dos && strcmp(v->dos, v->today) > 0)
		err_field(e, "service_date", "must not be in the future");
	if (!v->rendering)
		err_field(e, "rendering_provider_id", "is required");
	else
		res_ref(x, "provider", v->rendering, "rendering_provider_id", e);
	if (v->billing)
		res_ref(x, "provider", v->billing, "billing_provider_id", e);
	if (!v->location)
		err_field(e, "location_id", "is required");
	else if (!res_ref(x, "location", v->location, "location_id", e) && !*v->pos) {
		db_stmt *st = db_prepare(x->db, "SELECT pos_code FROM location WHERE id = $1", e);
		if (!st)
			return -1;
		db_bind_i64(st, 1, v->location);
		if (db_step(st, e) == DB_ROW)
			snprintf(v->pos, sizeof v->pos, "%s", db_col_text(st, 0));
		db_done(st);
	}
	json_t *dx = json_object_get(in, "diagnoses"), *d;
	size_t i;
	if (!json_is_array(dx) || json_array_size(dx) < 1 || json_array_size(dx) > BILL_MAX_DX)
		err_field(e, "diagnoses", "must list 1 to %d ICD-10-CM codes", BILL_MAX_DX);
	else
		json_array_foreach(dx, i, d) {
			char f[24];
			snprintf(f, sizeof f, "diagnoses[%zu]", i);
			const char *s = json_string_value(d);
			if (!s || !icd_normalise(s, v->dx[v->ndx]))
				err_field(e, f, "must be an ICD-10-CM code such as E11.9");
			for (int j = 0; j < v->ndx; j++)
				if (!strcmp(v->dx[j], v->dx[v->ndx]))
					err_field(e, f, "repeats diagnosis %d", j + 1);
			v->ndx++;
		}
	if (parse_lines(x, json_object_get(in, "lines"), v, e) && !err_has_fields(e))
		return -1;
	return err_has_fields(e) ? -1 : 0;
}

static void join_dx(const visit *v, char out[BILL_MAX_DX * 8])
{
	out[0] = 0;
	for (int i = 0; i < v->ndx; i++)
		sprintf(out + strlen(out), "%s%s", i ? "," : "", v->dx[i]);
}

static int insert_lines(ctx *x, int64_t id, const visit *v, err *e)
{
	char now[TS_LEN];
	ts_now(now);
	if (db_run(x->db, e, "UPDATE charge SET replaced = 1 WHERE encounter_id = $1 AND replaced = 0", "i", id) < 0)
		return -1;
	for (int i = 0; i < v->nlines; i++)
		if (db_run(x->db, e,
			   "INSERT INTO charge (practice_id, encounter_id, line_no, code, modifiers, units, pointers, "
			   "unit_fee_cents, charge_cents, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
			   "iiissisiis", ctx_practice(x), id, (int64_t)(i + 1), v->lines[i].code, v->lines[i].mods,
			   v->lines[i].units, v->lines[i].ptrs, v->lines[i].fee, v->lines[i].fee * v->lines[i].units, now) < 0)
			return -1;
	return 0;
}

int encounter_create(ctx *x, json_t *in, int64_t *id_out, json_t **out, err *e)
{
	if (!json_is_object(in))
		return err_set(e, ERR_BAD_REQUEST, "the body must be a JSON object");
	visit *v = malloc(sizeof *v);
	if (!v)
		return err_set(e, ERR_INTERNAL, "out of memory");
	int rc = parse(x, in, v, e);
	char dx[BILL_MAX_DX * 8], now[TS_LEN];
	int64_t id = 0, dos_day, today_day;
	bool own = false;
	if (!rc) {
		join_dx(v, dx);
		ts_now(now);
		day_parse(v->dos, &dos_day);
		day_parse(v->today, &today_day);
		rc = db_tx_begin(x->db, &own, e);
	}
	if (!rc) {
		rc = db_one_i64(x->db, e, &id,
				"INSERT INTO encounter (practice_id, patient_id, appointment_id, service_date, rendering_provider_id, "
				"billing_provider_id, location_id, pos_code, referring_name, referring_npi, prior_auth, diagnoses, "
				"status, charge_lag_days, created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, "
				"$9, $10, $11, $12, 'open', $13, $14, $15, $15) RETURNING id",
				"iinsinisssssins", ctx_practice(x), v->patient, v->appointment, v->dos, v->rendering, v->billing,
				v->location, v->pos, v->referring_name, v->referring_npi, v->prior_auth, dx,
				today_day - dos_day, ctx_user(x), now) < 0
			     ? -1
			     : 0;
		if (rc && e->code == ERR_CONFLICT)
			err_field(e, "appointment_id", "already has an encounter");
		if (!rc)
			rc = insert_lines(x, id, v, e);
		if (!rc)
			rc = charges_post(x, id, e);
		if (!rc)
			rc = ctx_audit(x, "encounter.create", "encounter", id, v->patient, NULL, e);
		rc = db_tx_end(x->db, own, rc, e);
	}
	free(v);
	if (rc)
		return -1;
	if (id_out)
		*id_out = id;
	return out ? encounter_get(x, id, out, e) : 0;
}

static json_t *split(const char *s, bool ints)
{
	json_t *a = json_array();
	char tmp[128];
	snprintf(tmp, sizeof tmp, "%s", s ? s : "");
	for (char *save, *t = strtok_r(tmp, ",", &save); t; t = strtok_r(NULL, ",", &save))
		json_array_append_new(a, ints ? json_integer(atoi(t)) : json_string(t));
	return a;
}

json_t *bill_split(const char *s, bool ints) { return split(s, ints); }

static int load_lines(ctx *x, int64_t id, json_t *o, err *e)
{
	db_stmt *st = db_prepare(x->db,
				 "SELECT id, line_no, code, modifiers, units, pointers, unit_fee_cents, charge_cents FROM charge "
				 "WHERE encounter_id = $1 AND replaced = 0 ORDER BY line_no",
				 e);
	if (!st)
		return -1;
	db_bind_i64(st, 1, id);
	json_t *a = json_array();
	int64_t total = 0;
	int rc;
	while ((rc = db_step(st, e)) == DB_ROW) {
		total += db_col_i64(st, 7);
		json_array_append_new(a, json_pack("{s:I, s:I, s:s, s:o, s:I, s:o, s:I, s:I}", "charge_id",
						    (json_int_t)db_col_i64(st, 0), "line_no", (json_int_t)db_col_i64(st, 1),
						    "code", db_col_text(st, 2), "modifiers", split(db_col_text(st, 3), false),
						    "units", (json_int_t)db_col_i64(st, 4), "pointers",
						    split(db_col_text(st, 5), true), "unit_fee_cents",
						    (json_int_t)db_col_i64(st, 6), "charge_cents", (json_int_t)db_col_i64(st, 7)));
	}
	db_done(st);
	json_object_set_new(o, "lines", a);
	json_object_set_new(o, "total_cents", json_integer(total));
	return rc == DB_ERR ? -1 : 0;
}

#define ENC_COLS                                                                                   \
	"e.id, e.patient_id, e.appointment_id, e.service_date, e.rendering_provider_id, e.billing_provider_id, " \
	"e.location_id, e.pos_code, e.referring_name, e.referring_npi, e.prior_auth, e.diagnoses, e.status, "    \
	"e.charge_lag_days, e.version, e.created_at, e.updated_at, p.family_name, p.given_name, p.mrn, "         \
	"r.family_name, r.given_name "
#define ENC_FROM                                                                                   \
	"FROM encounter e JOIN patient p ON p.id = e.patient_id JOIN provider r ON r.id = e.rendering_provider_id "

static json_t *nullable_text(db_stmt *st, int c) { return db_col_null(st, c) ? json_null() : json_string(db_col_text(st, c)); }
static json_t *nullable_int(db_stmt *st, int c) { return db_col_null(st, c) ? json_null() : json_integer(db_col_i64(st, c)); }

static json_t *enc_row(db_stmt *st)
{
	json_t *dx = split(db_col_text(st, 11), false), *d;
	size_t i;
	json_array_foreach(dx, i, d) {
		char disp[9];
		icd_display(json_string_value(d), disp);
		json_array_set_new(dx, i, json_string(disp));
	}
	char pname[160], rname[160];
	snprintf(pname, sizeof pname, "%s, %s", db_col_text(st, 17), db_col_text(st, 18));
	snprintf(rname, sizeof rname, "%s %s", db_col_text(st, 21), db_col_text(st, 20));
	json_t *o = json_pack("{s:I, s:I, s:o, s:s, s:I, s:o, s:I, s:s, s:{s:o, s:o}, s:o, s:o, s:s, s:I, s:I, s:s, s:s}",
			      "id", (json_int_t)db_col_i64(st, 0), "patient_id", (json_int_t)db_col_i64(st, 1),
			      "appointment_id", nullable_int(st, 2), "service_date", db_col_text(st, 3),
			      "rendering_provider_id", (json_int_t)db_col_i64(st, 4), "billing_provider_id",
			      nullable_int(st, 5), "location_id", (json_int_t)db_col_i64(st, 6), "pos_code",
			      db_col_text(st, 7), "referring", "name", nullable_text(st, 8), "npi", nullable_text(st, 9),
			      "prior_auth", nullable_text(st, 10), "diagnoses", dx, "status", db_col_text(st, 12),
			      "charge_lag_days", (json_int_t)db_col_i64(st, 13), "version", (json_int_t)db_col_i64(st, 14),
			      "created_at", db_col_text(st, 15), "updated_at", db_col_text(st, 16));
	json_object_set_new(o, "patient", json_pack("{s:s, s:s}", "name", pname, "mrn", db_col_text(st, 19)));
	json_object_set_new(o, "rendering_provider_name", json_string(rname));
	return o;
}

int encounter_get(ctx *x, int64_t id, json_t **out, err *e)
{
	db_stmt *st = db_prepare(x->db, "SELECT " ENC_COLS ENC_FROM "WHERE e.id = $1 AND e.practice_id = $2", e);
	if (!st)
		return -1;
	db_bindv(st, "ii", id, ctx_practice(x));
	int rc = db_step(st, e);
	json_t *o = rc == DB_ROW ? enc_row(st) : NULL;
	db_done(st);
	if (rc == DB_DONE)
		return err_set(e, ERR_NOT_FOUND, "encounter %lld not found", (long long)id);
	if (rc == DB_ERR || load_lines(x, id, o, e)) {
		json_decref(o);
		return -1;
	}
	ctx_audit_read(x, "encounter.read", "encounter", id, json_integer_value(json_object_get(o, "patient_id")));
	*out = o;
	return 0;
}

int encounter_list(ctx *x, json_t *f, int limit, int64_t after, json_t **out, err *e)
{
	const char *status = json_string_value(json_object_get(f, "status"));
	const char *from = json_string_value(json_object_get(f, "from"));
	const char *to = json_string_value(json_object_get(f, "to"));
	int64_t patient = json_integer_value(json_object_get(f, "patient_id"));
	db_stmt *st = db_prepare(x->db,
				 "SELECT " ENC_COLS ENC_FROM "WHERE e.practice_id = $1 AND e.id > $2 "
				 "AND ($3 = 0 OR e.patient_id = $3) AND ($4 = '' OR e.status = $4) "
				 "AND ($5 = '' OR e.service_date >= $5) AND ($6 = '' OR e.service_date <= $6) "
				 "ORDER BY e.id LIMIT $7",
				 e);
	if (!st)
		return -1;
	db_bindv(st, "iiisssi", ctx_practice(x), after, patient, status ? status : "", from ? from : "", to ? to : "",
		 (int64_t)limit + 1);
	json_t *items = json_array();
	int rc;
	int64_t last = 0;
	while ((rc = db_step(st, e)) == DB_ROW) {
		if ((int)json_array_size(items) == limit) {
			last = json_integer_value(json_object_get(json_array_get(items, limit - 1), "id"));
			break;
		}
		json_array_append_new(items, enc_row(st));
	}
	db_done(st);
	if (rc == DB_ERR) {
		json_decref(items);
		return -1;
	}
	ctx_audit_read(x, "encounter.list", "encounter", 0, patient);
	*out = rec_page(items, last);
	return 0;
}

int encounter_update(ctx *x, int64_t id, json_t *patch, json_t **out, err *e)
{
	if (!json_is_object(patch))
		return err_set(e, ERR_BAD_REQUEST, "the body must be a JSON object");
	json_t *ver = json_object_get(patch, "version");
	if (!json_is_integer(ver))
		return err_field(e, "version", "is required: the version you are changing");
	json_t *cur;
	if (encounter_get(x, id, &cur, e))
		return -1;
	/* the current encounter as input, then the change over it */
	json_t *in = json_pack("{s:O, s:O, s:O, s:O, s:O, s:O, s:O, s:O, s:O, s:O, s:[]}", "patient_id",
			       json_object_get(cur, "patient_id"), "service_date", json_object_get(cur, "service_date"),
			       "rendering_provider_id", json_object_get(cur, "rendering_provider_id"), "billing_provider_id",
			       json_object_get(cur, "billing_provider_id"), "location_id", json_object_get(cur, "location_id"),
			       "pos_code", json_object_get(cur, "pos_code"), "referring", json_object_get(cur, "referring"),
			       "prior_auth", json_object_get(cur, "prior_auth"), "diagnoses", json_object_get(cur, "diagnoses"),
			       "version", ver, "lines");
	size_t i;
	json_t *l;
	json_array_foreach(json_object_get(cur, "lines"), i, l)
		json_array_append_new(json_object_get(in, "lines"),
				      json_pack("{s:O, s:O, s:O, s:O}", "code", json_object_get(l, "code"), "modifiers",
						json_object_get(l, "modifiers"), "units", json_object_get(l, "units"),
						"pointers", json_object_get(l, "pointers")));
	const char *k;
	json_t *v;
	json_object_foreach(patch, k, v) {
		if (!strcmp(k, "patient_id") || !strcmp(k, "appointment_id"))
			err_field(e, k, "cannot change: enter a new encounter for another visit");
		else
			json_object_set(in, k, v);
	}
	const char *status = json_string_value(json_object_get(cur, "status"));
	int64_t patient = json_integer_value(json_object_get(cur, "patient_id"));
	bool void_ = !strcmp(status, "void");
	json_decref(cur);
	if (err_has_fields(e)) {
		json_decref(in);
		return -1;
	}
	if (void_) {
		json_decref(in);
		return err_set(e, ERR_STATE, "encounter %lld is void", (long long)id);
	}
	visit *vis = malloc(sizeof *vis); /* its text fields point into `in`: freed together below */
	int rc = vis ? parse(x, in, vis, e) : err_set(e, ERR_INTERNAL, "out of memory");
	int64_t sent = 0;
	if (!rc)
		rc = db_begin(x->db, e);
	if (!rc && db_one_i64(x->db, e, &sent,
			      "SELECT COUNT(*) FROM claim WHERE practice_id = $1 AND encounter_id = $2 AND replaced_by IS NULL "
			      "AND status NOT IN ('draft', 'ready', 'rejected')",
			      "ii", ctx_practice(x), id) < 0)
		rc = -1;
	if (!rc && sent)
		rc = err_set(e, ERR_STATE, "a claim of encounter %lld is with the payer: send a corrected claim instead",
			     (long long)id);
	if (!rc) {
		char dx[BILL_MAX_DX * 8], now[TS_LEN];
		join_dx(vis, dx);
		ts_now(now);
		int64_t n = db_run(x->db, e,
				   "UPDATE encounter SET service_date = $1, rendering_provider_id = $2, billing_provider_id = $3, "
				   "location_id = $4, pos_code = $5, referring_name = $6, referring_npi = $7, prior_auth = $8, "
				   "diagnoses = $9, version = version + 1, updated_at = $10 "
				   "WHERE id = $11 AND practice_id = $12 AND version = $13",
				   "sinissssssiii", vis->dos, vis->rendering, vis->billing, vis->location, vis->pos,
				   vis->referring_name, vis->referring_npi, vis->prior_auth, dx, now, id, ctx_practice(x),
				   (int64_t)json_integer_value(ver));
		if (n < 0)
			rc = -1;
		else if (n == 0)
			rc = err_set(e, ERR_VERSION_CONFLICT, "encounter %lld was changed by someone else", (long long)id);
	}
	if (!rc)
		rc = insert_lines(x, id, vis, e);
	if (!rc)
		rc = charges_post(x, id, e);
	if (!rc)
		rc = claims_refresh_encounter(x, id, e);
	if (!rc)
		rc = ctx_audit(x, "encounter.update", "encounter", id, patient, NULL, e);
	if (!rc)
		rc = db_commit(x->db, e);
	if (rc && db_in_tx(x->db))
		db_rollback(x->db);
	free(vis);
	json_decref(in);
	return rc ? -1 : encounter_get(x, id, out, e);
}

int encounter_queue(ctx *x, int days, json_t **out, err *e)
{
	db_stmt *st = db_prepare(x->db,
				 "SELECT a.id, a.patient_id, p.family_name, p.given_name, p.mrn, a.provider_id, r.family_name, "
				 "r.given_name, a.location_id, a.start_s, l.time_zone FROM appointment a "
				 "JOIN patient p ON p.id = a.patient_id JOIN provider r ON r.id = a.provider_id "
				 "JOIN location l ON l.id = a.location_id WHERE a.practice_id = $1 AND a.status = 'checked_out' "
				 "AND a.start_s >= $2 AND NOT EXISTS (SELECT 1 FROM encounter e WHERE e.appointment_id = a.id) "
				 "ORDER BY a.start_s DESC LIMIT 200",
				 e);
	if (!st)
		return -1;
	db_bindv(st, "ii", ctx_practice(x), (int64_t)now_unix() - (int64_t)days * 86400);
	json_t *items = json_array();
	int rc;
	while ((rc = db_step(st, e)) == DB_ROW) {
		char pname[160], rname[160], start[LOCAL_TS_LEN], dos[11];
		int64_t day;
		int minute, off;
		snprintf(pname, sizeof pname, "%s, %s", db_col_text(st, 2), db_col_text(st, 3));
		snprintf(rname, sizeof rname, "%s %s", db_col_text(st, 7), db_col_text(st, 6));
		tz_format(db_col_text(st, 10), (time_t)db_col_i64(st, 9), start);
		tz_local(db_col_text(st, 10), (time_t)db_col_i64(st, 9), &day, &minute, &off);
		day_format(day, dos);
		json_array_append_new(items, json_pack("{s:I, s:I, s:{s:s, s:s}, s:I, s:s, s:I, s:s, s:s}", "appointment_id",
						       (json_int_t)db_col_i64(st, 0), "patient_id", (json_int_t)db_col_i64(st, 1),
						       "patient", "name", pname, "mrn", db_col_text(st, 4), "provider_id",
						       (json_int_t)db_col_i64(st, 5), "provider_name", rname, "location_id",
						       (json_int_t)db_col_i64(st, 8), "start", start, "service_date", dos));
	}
	db_done(st);
	if (rc == DB_ERR) {
		json_decref(items);
		return -1;
	}
	ctx_audit_read(x, "encounter.queue", "appointment", 0, 0);
	*out = json_pack("{s:o}", "items", items);
	return 0;
}

int encounter_void(ctx *x, int64_t id, json_t *in, json_t **out, err *e)
{
	const char *reason = json_string_value(json_object_get(in, "reason"));
	if (!reason || !*reason || strlen(reason) > 500)
		return err_field(e, "reason", "is required: why the encounter is void (at most 500 characters)");
	char status[8] = "";
	int64_t patient = 0, sent = 0;
	db_stmt *st = db_prepare(x->db, "SELECT status, patient_id FROM encounter WHERE id = $1 AND practice_id = $2", e);
	if (!st)
		return -1;
	db_bindv(st, "ii", id, ctx_practice(x));
	int rc = db_step(st, e);
	if (rc == DB_ROW) {
		snprintf(status, sizeof status, "%s", db_col_text(st, 0));
		patient = db_col_i64(st, 1);
	}
	db_done(st);
	if (rc != DB_ROW)
		return rc == DB_ERR ? -1 : err_set(e, ERR_NOT_FOUND, "encounter %lld not found", (long long)id);
	if (!strcmp(status, "void"))
		return err_set(e, ERR_STATE, "encounter %lld is void already", (long long)id);
	rc = db_begin(x->db, e);
	if (!rc && db_one_i64(x->db, e, &sent,
			      "SELECT COUNT(*) FROM claim WHERE practice_id = $1 AND encounter_id = $2 AND submitted_at IS NOT NULL",
			      "ii", ctx_practice(x), id) < 0)
		rc = -1;
	if (!rc && sent)
		rc = err_set(e, ERR_STATE, "a claim of encounter %lld went to the payer: void that claim instead", (long long)id);
	/* its claims that never left are closed with the reason */
	int64_t open[6];
	int n = 0;
	if (!rc && (st = db_prepare(x->db,
				   "SELECT id FROM claim WHERE practice_id = $1 AND encounter_id = $2 AND replaced_by IS NULL "
				   "AND status IN ('draft', 'ready', 'rejected')",
				   e))) {
		db_bindv(st, "ii", ctx_practice(x), id);
		while ((rc = db_step(st, e)) == DB_ROW && n < 6)
			open[n++] = db_col_i64(st, 0);
		db_done(st);
		rc = rc == DB_ERR ? -1 : 0;
	} else if (!rc)
		rc = -1;
	char now[TS_LEN];
	ts_now(now);
	for (int i = 0; !rc && i < n; i++) {
		if (db_run(x->db, e, "UPDATE claim SET status = 'closed', version = version + 1, updated_at = $1 WHERE id = $2",
			   "si", now, open[i]) < 0 ||
		    claim_event(x, open[i], NULL, "closed", reason, e))
			rc = -1;
	}
	if (!rc && db_run(x->db, e,
			  "UPDATE encounter SET status = 'void', version = version + 1, updated_at = $1 WHERE id = $2", "si",
			  now, id) < 0)
		rc = -1;
	if (!rc)
		rc = charges_unpost(x, id, reason, e);
	if (!rc)
		rc = ctx_audit(x, "encounter.void", "encounter", id, patient, reason, e);
	if (!rc)
		rc = db_commit(x->db, e);
	if (rc) {
		if (db_in_tx(x->db))
			db_rollback(x->db);
		return -1;
	}
	return encounter_get(x, id, out, e);
}
