/* accounts.c: practices and users. */
#include "access/accounts.h"

#include <stdio.h>
#include <string.h>

#include "base/text.h"
#include "base/timeutil.h"
#include "store/record.h"

int practice_create(db *c, const char *name, int64_t *id, err *e)
{
	if (!name || !*name || strlen(name) > 200)
		return err_field(e, "name", "is required (at most 200 characters)");
	char ts[TS_LEN];
	ts_now(ts);
	bool own = !db_in_tx(c);
	if (own && db_begin(c, e))
		return -1;
	int rc = db_one_i64(c, e, id, "INSERT INTO practice (name, created_at) VALUES ($1, $2) RETURNING id", "ss", name,
			    ts) == 1 ? 0 : -1;
	if (!rc)
		rc = db_run(c, e,
			    "INSERT INTO audit_head (practice_id, seq, hash) VALUES ($1, 0, "
			    "'0000000000000000000000000000000000000000000000000000000000000000')",
			    "i", *id) == 1 ? 0 : -1;
	if (!rc) {
		audit_event ev = {*id, 0, "practice.create", "practice", *id, 0, NULL, "success", NULL};
		rc = audit_append(c, &ev, e);
	}
	if (!own)
		return rc;
	if (rc) {
		db_rollback(c);
		return -1;
	}
	return db_commit(c, e);
}

int practice_get(ctx *x, json_t **out, err *e)
{
	db_stmt *st = db_prepare(x->db, "SELECT id, name, require_totp, idle_timeout_s FROM practice WHERE id = $1", e);
	if (!st)
		return -1;
	db_bind_i64(st, 1, ctx_practice(x));
	int rc = db_step(st, e);
	if (rc == DB_ROW)
		*out = json_pack("{s:I,s:s,s:b,s:I}", "id", (json_int_t)db_col_i64(st, 0), "name", db_col_text(st, 1),
				 "require_totp", (int)db_col_i64(st, 2), "idle_timeout_seconds",
				 (json_int_t)db_col_i64(st, 3));
	db_done(st);
	return rc == DB_ROW ? 0 : rc == DB_ERR ? -1 : err_set(e, ERR_NOT_FOUND, "practice not found");
}

/* Writable fields of a user; roles and password are handled beside the table. */
static const field user_fields[] = {
	{"email", "email", F_TEXT, F_REQUIRED | F_LOWER, 254, NULL, text_check_email},
	{"display_name", "display_name", F_TEXT, F_REQUIRED, 120},
	{"disabled", "disabled", F_BOOL, 0},
};
#define NUSER (int)(sizeof user_fields / sizeof *user_fields)

static int check_roles(json_t *roles, err *e)
{
	if (!json_is_array(roles) || !json_array_size(roles))
		return err_field(e, "roles", "must be a non-empty list of roles");
	size_t i;
	json_t *r;
	json_array_foreach(roles, i, r)
	{
		if (!role_valid(json_string_value(r)))
			return err_field(e, "roles", "has an unknown role (known: admin, practice_manager, front_desk, "
						   "biller, provider, hr, compliance_officer, auditor)");
	}
	return 0;
}

/* roles as stored: ",a,b," (each once) */
static void roles_text(json_t *roles, char *out, size_t n)
{
	size_t i;
	json_t *r;
	snprintf(out, n, ",");
	json_array_foreach(roles, i, r)
	{
		char item[64];
		snprintf(item, sizeof item, ",%s,", json_string_value(r));
		if (!strstr(out, item))
			snprintf(out + strlen(out), n - strlen(out), "%s", item + 1);
	}
}

static int set_roles(db *c, int64_t practice, int64_t user, json_t *roles, err *e)
{
	char text[256];
	roles_text(roles, text, sizeof text);
	return db_run(c, e, "UPDATE app_user SET roles = $1 WHERE practice_id = $2 AND id = $3", "sii", text, practice, user) < 0 ? -1 : 0;
}

json_t *roles_json(const char *text)
{
	json_t *a = json_array();
	char list[256];
	snprintf(list, sizeof list, "%s", text ? text : "");
	char *save = NULL;
	for (char *t = strtok_r(list, ",", &save); t; t = strtok_r(NULL, ",", &save))
		json_array_append_new(a, json_string(t));
	return a;
}

permset roles_perms(const char *text)
{
	permset p = 0;
	char list[256];
	snprintf(list, sizeof list, "%s", text ? text : "");
	char *save = NULL;
	for (char *t = strtok_r(list, ",", &save); t; t = strtok_r(NULL, ",", &save))
		p |= role_perms(t);
	return p;
}

int user_create(ctx *x, int64_t practice, json_t *in, json_t **out, err *e)
{
	if (x->who)
		practice = ctx_practice(x);
	static const char *const allow[] = {"roles", "password", NULL};
	json_t *vals = NULL;
	json_t *roles = json_object_get(in, "roles");
	const char *pw = json_string_value(json_object_get(in, "password"));
	if (json_is_object(in)) {
		check_roles(roles, e);
		if (!pw || strlen(pw) < PASSWORD_MIN || strlen(pw) > 1024)
			err_field(e, "password", "must be %d to 1024 characters", PASSWORD_MIN);
	}
	if (rec_validate(user_fields, NUSER, in, allow, &vals, e))
		return -1;
	char hash[PWHASH_LEN], ts[TS_LEN];
	if (pw_hash(pw, hash)) {
		json_decref(vals);
		return err_set(e, ERR_INTERNAL, "could not hash the password");
	}
	ts_now(ts);
	int64_t id = 0;
	int rc = db_begin(x->db, e);
	if (!rc)
		rc = db_one_i64(x->db, e, &id,
				"INSERT INTO app_user (practice_id, email, display_name, pw_hash, disabled, created_at) "
				"VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
				"isssis", practice, json_string_value(json_object_get(vals, "email")),
				json_string_value(json_object_get(vals, "display_name")), hash,
				json_integer_value(json_object_get(vals, "disabled")), ts) == 1 ? 0 : -1;
	if (!rc)
		rc = set_roles(x->db, practice, id, roles, e);
	if (!rc) {
		audit_event ev = {practice, ctx_user(x), "user.create", "user", id, 0, x->ip, "success", NULL};
		rc = audit_append(x->db, &ev, e);
	}
	json_decref(vals);
	if (rc) {
		db_rollback(x->db);
		if (e->code == ERR_CONFLICT)
			return err_field(e, "email", "is already used by another user of this practice");
		return -1;
	}
	if (db_commit(x->db, e))
		return -1;
	principal sys = {.practice_id = practice, .perms = ~(permset)0};
	ctx y = *x;
	y.who = x->who ? x->who : &sys;
	return out ? user_get(&y, id, out, e) : 0;
}

#define USER_COLS "id, email, display_name, disabled, totp_enabled, last_login_at, version, roles"

static json_t *user_row(db *c, db_stmt *st, int64_t practice, err *e)
{
	int64_t id = db_col_i64(st, 0);
	json_t *u = json_pack("{s:I,s:s,s:s,s:b,s:b,s:o,s:I}", "id", (json_int_t)id, "email", db_col_text(st, 1),
			      "display_name", db_col_text(st, 2), "disabled", (int)db_col_i64(st, 3), "totp_enabled",
			      (int)db_col_i64(st, 4), "last_login_at",
			      db_col_null(st, 5) ? json_null() : json_string(db_col_text(st, 5)), "version",
			      (json_int_t)db_col_i64(st, 6));
	json_t *roles = roles_json(db_col_text(st, 7));
	json_object_set_new(u, "roles", roles);
	return u;
}

int user_get(ctx *x, int64_t id, json_t **out, err *e)
{
	db_stmt *st = db_prepare(x->db, "SELECT " USER_COLS " FROM app_user WHERE practice_id = $1 AND id = $2", e);
	if (!st)
		return -1;
	db_bindv(st, "ii", ctx_practice(x), id);
	int rc = db_step(st, e);
	if (rc == DB_ROW)
		*out = user_row(x->db, st, ctx_practice(x), e);
	db_done(st);
	return rc == DB_ROW ? 0 : rc == DB_ERR ? -1 : err_set(e, ERR_NOT_FOUND, "user %lld not found", (long long)id);
}

int user_list(ctx *x, json_t **out, err *e)
{
	db_stmt *st = db_prepare(x->db, "SELECT " USER_COLS " FROM app_user WHERE practice_id = $1 ORDER BY email", e);
	if (!st)
		return -1;
	db_bind_i64(st, 1, ctx_practice(x));
	json_t *items = json_array();
	int rc;
	while ((rc = db_step(st, e)) == DB_ROW)
		json_array_append_new(items, user_row(x->db, st, ctx_practice(x), e));
	db_done(st);
	if (rc == DB_ERR) {
		json_decref(items);
		return -1;
	}
	*out = rec_page(items, 0);
	return 0;
}

static int active_admins(db *c, int64_t practice, err *e, int64_t *n)
{
	return db_one_i64(c, e, n,
			  "SELECT COUNT(*) FROM app_user WHERE practice_id = $1 AND roles LIKE '%,admin,%' AND disabled = 0",
			  "i", practice) < 0 ? -1 : 0;
}

int user_update(ctx *x, int64_t id, json_t *patch, json_t **out, err *e)
{
	json_t *cur = NULL;
	if (!json_is_object(patch))
		return err_set(e, ERR_BAD_REQUEST, "the body must be a JSON object");
	json_t *ver = json_object_get(patch, "version");
	if (!json_is_integer(ver))
		return err_field(e, "version", "is required: the version you are changing");
	json_t *roles = json_object_get(patch, "roles");
	if (roles && check_roles(roles, e))
		return -1;
	if (user_get(x, id, &cur, e))
		return -1;
	json_t *p = json_deep_copy(patch);
	json_object_del(p, "version");
	json_object_del(p, "roles");
	rec_merge(cur, p);
	json_decref(p);
	static const char *const allow[] = {"id", "roles", "version", "totp_enabled", "last_login_at", NULL};
	json_t *vals = NULL;
	if (rec_validate(user_fields, NUSER, cur, allow, &vals, e)) {
		json_decref(cur);
		return -1;
	}
	json_decref(cur);
	int64_t practice = ctx_practice(x);
	int rc = db_begin(x->db, e);
	int64_t changed = 0;
	if (!rc) {
		changed = db_run(x->db, e,
				 "UPDATE app_user SET display_name = $1, disabled = $2, version = version + 1 "
				 "WHERE practice_id = $3 AND id = $4 AND version = $5",
				 "siiii", json_string_value(json_object_get(vals, "display_name")),
				 json_integer_value(json_object_get(vals, "disabled")), practice, id,
				 (int64_t)json_integer_value(ver));
		rc = changed < 0 ? -1 : changed == 0 ? err_set(e, ERR_VERSION_CONFLICT, "user %lld changed since version %lld", (long long)id, (long long)json_integer_value(ver)) : 0;
	}
	bool disabled = json_integer_value(json_object_get(vals, "disabled"));
	if (!rc && roles)
		rc = set_roles(x->db, practice, id, roles, e);
	if (!rc && disabled)
		rc = db_run(x->db, e, "DELETE FROM session WHERE practice_id = $1 AND user_id = $2", "ii", practice, id) < 0;
	int64_t admins = 0;
	if (!rc && !active_admins(x->db, practice, e, &admins) && admins == 0)
		rc = err_field(e, roles ? "roles" : "disabled", "would leave the practice without an active admin");
	if (!rc)
		rc = ctx_audit(x, roles ? "user.role_change" : "user.update", "user", id, 0, disabled ? "disabled" : NULL, e);
	json_decref(vals);
	if (rc) {
		db_rollback(x->db);
		return -1;
	}
	if (db_commit(x->db, e))
		return -1;
	return user_get(x, id, out, e);
}
