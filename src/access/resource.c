/* resource.c: the life of a simple resource (see resource.h). */
#include "access/resource.h"

#include <stdio.h>
#include <string.h>

#include "base/timeutil.h"

/* Ends a write begun with db_tx_begin: dependent rows and the audit event join the
 * transaction; any failure rolls back what it began. Answers the stored row. */
static int finish(ctx *x, const resource *r, int64_t id, json_t *in, const char *what, bool own, int rc, json_t **out,
		  err *e)
{
	char action[64];
	snprintf(action, sizeof action, "%s.%s", r->action, what);
	if (!rc && r->after)
		rc = r->after(x, id, in, e);
	int64_t patient = r->patient_key ? json_integer_value(json_object_get(in, r->patient_key)) : 0;
	if (!rc)
		rc = ctx_audit(x, action, r->t->name, id, patient, NULL, e);
	if (rc) {
		if (own && db_in_tx(x->db))
			db_rollback(x->db);
		if (e->code == ERR_CONFLICT && r->conflict_field && strncmp(e->msg, "exclusion", 9)) {
			err_clear(e);
			return err_field(e, r->conflict_field, "%s", r->conflict_msg);
		}
		return -1;
	}
	if (own && db_commit(x->db, e))
		return -1;
	return out ? res_get(x, r, id, out, e) : 0;
}

static int validate(ctx *x, const resource *r, json_t *in, json_t **vals, err *e)
{
	if (rec_validate(r->t->fs, r->t->n, in, r->allow, vals, e))
		return -1;
	if (r->check && r->check(x, in, *vals, e)) {
		json_decref(*vals);
		return -1;
	}
	return 0;
}

int res_create(ctx *x, const resource *r, json_t *in, json_t **out, err *e)
{
	if (!json_is_object(in))
		return err_set(e, ERR_BAD_REQUEST, "the body must be a JSON object");
	if (r->defaults) {
		json_t *d = json_loads(r->defaults, 0, NULL);
		json_object_update_missing(in, d);
		json_decref(d);
	}
	json_t *vals = NULL;
	if (validate(x, r, in, &vals, e))
		return -1;
	int64_t id = 0;
	bool own;
	int rc = db_tx_begin(x->db, &own, e);
	if (!rc)
		rc = rec_insert(x->db, r->t, ctx_practice(x), vals, NULL, &id, e);
	json_decref(vals);
	return finish(x, r, id, in, "create", own, rc, out, e);
}

int res_get(ctx *x, const resource *r, int64_t id, json_t **out, err *e)
{
	if (rec_get(x->db, r->t, ctx_practice(x), id, out, e))
		return -1;
	if (r->decorate && r->decorate(x, *out, e)) {
		json_decref(*out);
		*out = NULL;
		return -1;
	}
	return 0;
}

int res_list(ctx *x, const resource *r, int limit, int64_t after, json_t **out, err *e)
{
	if (rec_list(x->db, r->t, ctx_practice(x), limit, after, out, e))
		return -1;
	size_t i;
	json_t *it;
	json_array_foreach(json_object_get(*out, "items"), i, it) {
		if (r->decorate && r->decorate(x, it, e)) {
			json_decref(*out);
			*out = NULL;
			return -1;
		}
	}
	return 0;
}

int res_update(ctx *x, const resource *r, int64_t id, json_t *patch, json_t **out, err *e)
{
	const table *t = r->t;
	if (!json_is_object(patch))
		return err_set(e, ERR_BAD_REQUEST, "the body must be a JSON object");
	json_t *ver = json_object_get(patch, "version");
	if (!json_is_integer(ver))
		return err_field(e, "version", "is required: the version you are changing");
	json_t *cur = NULL, *vals = NULL;
	if (rec_get(x->db, t, ctx_practice(x), id, &cur, e)) /* the row alone: not what decorate adds */
		return -1;
	json_t *p = json_deep_copy(patch);
	for (int i = 0; i < t->n; i++)
		if (t->fs[i].flags & F_READONLY) {
			json_object_del(p, t->fs[i].json);
			json_object_del(cur, t->fs[i].json);
		}
	rec_merge(cur, p);
	json_decref(p);
	int rc = validate(x, r, cur, &vals, e);
	if (!rc) {
		bool own;
		rc = db_tx_begin(x->db, &own, e);
		if (!rc)
			rc = rec_update(x->db, t, ctx_practice(x), id, json_integer_value(ver), vals, NULL, e);
		json_decref(vals);
		rc = finish(x, r, id, cur, "update", own, rc, out, e);
	}
	json_decref(cur);
	return rc;
}

/* 1 when `id` is a row of `tab` in the caller's practice, 0 when not (noun: the table's name
 * in words), -1 on a database error. */
static int in_practice(ctx *x, const char *tab, int64_t id, char noun[64], err *e)
{
	char sql[128];
	snprintf(sql, sizeof sql, "SELECT 1 FROM %s WHERE id = $1 AND practice_id = $2", tab);
	int64_t one;
	int rc = db_one_i64(x->db, e, &one, sql, "ii", id, ctx_practice(x));
	snprintf(noun, 64, "%s", tab);
	for (char *c = noun; *c; c++)
		if (*c == '_')
			*c = ' ';
	return rc;
}

int res_ref(ctx *x, const char *tab, int64_t id, const char *name, err *e)
{
	char noun[64];
	int rc = in_practice(x, tab, id, noun, e);
	if (rc)
		return rc < 0 ? -1 : 0;
	return err_field(e, name, "is not one of this practice's %ss", noun);
}

int res_find(ctx *x, const char *tab, int64_t id, err *e)
{
	char noun[64];
	int rc = in_practice(x, tab, id, noun, e);
	if (rc)
		return rc < 0 ? -1 : 0;
	return err_set(e, ERR_NOT_FOUND, "%s %lld not found", noun, (long long)id);
}

int settings_write(ctx *x, const settings_table *t, json_t *vals, json_t *version, err *e)
{
	buf sql;
	buf_init(&sql, 4096);
	int n = 0;
	char now[TS_LEN];
	ts_now(now);
	if (json_is_integer(version)) {
		buf_addf(&sql, "UPDATE %s SET ", t->name);
		for (int i = 0; i < t->n; i++)
			if (!(t->fs[i].flags & F_READONLY))
				buf_addf(&sql, "%s = $%d, ", t->fs[i].col, ++n);
		buf_addf(&sql, "version = version + 1, updated_at = $%d WHERE practice_id = $%d AND version = $%d", n + 1, n + 2,
			 n + 3);
	} else {
		buf_addf(&sql, "INSERT INTO %s (", t->name);
		rec_cols(t->fs, t->n, true, NULL, &sql);
		for (int i = 0; i < t->n; i++)
			n += !(t->fs[i].flags & F_READONLY);
		buf_addf(&sql, ", updated_at, practice_id%s) VALUES (", t->created ? ", created_at" : "");
		for (int i = 1; i <= n; i++)
			buf_addf(&sql, "$%d, ", i);
		if (t->created) /* created_at is the same instant as updated_at */
			buf_addf(&sql, "$%d, $%d, $%d)", n + 1, n + 2, n + 1);
		else
			buf_addf(&sql, "$%d, $%d)", n + 1, n + 2);
	}
	int rc = db_begin(x->db, e);
	db_stmt *st = rc ? NULL : db_prepare(x->db, sql.s, e);
	buf_release(&sql);
	if (st) {
		rec_bind(t->fs, t->n, vals, st, 1);
		db_bind_text(st, n + 1, now);
		db_bind_i64(st, n + 2, ctx_practice(x));
		if (json_is_integer(version))
			db_bind_i64(st, n + 3, json_integer_value(version));
		rc = db_step(st, e) == DB_ERR ? -1 : 0;
		if (!rc && db_changes(st) == 0)
			rc = err_set(e, ERR_VERSION_CONFLICT, "the %s was changed by someone else", t->what);
		else if (rc && e->code == ERR_CONFLICT)
			err_set(e, ERR_VERSION_CONFLICT, "the %s exists: send its version to change it", t->what);
		db_done(st);
	} else
		rc = -1;
	if (!rc)
		rc = ctx_audit(x, t->action, "practice", ctx_practice(x), 0, NULL, e);
	if (!rc)
		rc = db_commit(x->db, e);
	if (rc && db_in_tx(x->db))
		db_rollback(x->db);
	return rc ? -1 : 0;
}

int settings_read(ctx *x, const settings_table *t, json_t **out, err *e)
{
	buf sql;
	buf_init(&sql, 4096);
	buf_adds(&sql, "SELECT ");
	rec_cols(t->fs, t->n, false, NULL, &sql);
	buf_addf(&sql, " FROM %s WHERE practice_id = $1", t->name);
	db_stmt *st = db_prepare(x->db, sql.s, e);
	buf_release(&sql);
	if (!st)
		return -1;
	db_bind_i64(st, 1, ctx_practice(x));
	int rc = db_step(st, e);
	if (rc == DB_ROW)
		*out = rec_row(t->fs, t->n, st, 0);
	db_done(st);
	if (rc == DB_DONE)
		return err_set(e, ERR_NOT_FOUND, "the practice has no %s yet", t->what);
	return rc == DB_ERR ? -1 : 0;
}
