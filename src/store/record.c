/* record.c: field tables (see record.h). */
#include "store/record.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/json_text.h"
#include "base/text.h"
#include "base/timeutil.h"

/* The JSON value at a dotted path, or NULL. */
static json_t *get_path(json_t *o, const char *path)
{
	const char *dot = strchr(path, '.');
	if (!dot)
		return json_object_get(o, path);
	char head[64];
	size_t n = (size_t)(dot - path) < sizeof head - 1 ? (size_t)(dot - path) : sizeof head - 1;
	memcpy(head, path, n);
	head[n] = 0;
	json_t *inner = json_object_get(o, head);
	return json_is_object(inner) ? json_object_get(inner, dot + 1) : NULL;
}

/* True when `name` is a nested object of the table ("address" of "address.city"). */
static bool nests(const field *fs, int n, const char *name)
{
	size_t len = strlen(name);
	for (int i = 0; i < n; i++)
		if (!strncmp(fs[i].json, name, len) && fs[i].json[len] == '.')
			return true;
	return false;
}

static bool known(const field *fs, int n, const char *key, const char *parent, const char *const *allow)
{
	char full[128];
	snprintf(full, sizeof full, "%s%s%s", parent ? parent : "", parent ? "." : "", key);
	if (nests(fs, n, full))
		return true;
	for (int i = 0; i < n; i++)
		if (!strcmp(fs[i].json, full))
			return true;
	for (; !parent && allow && *allow; allow++)
		if (!strcmp(*allow, key))
			return true;
	return false;
}

static void check_unknown(const field *fs, int n, json_t *in, const char *const *allow, err *e)
{
	const char *k;
	json_t *v;
	json_object_foreach(in, k, v)
	{
		if (!known(fs, n, k, NULL, allow)) {
			err_field(e, k, "is not a known field");
			continue;
		}
		if (nests(fs, n, k) && !json_is_object(v) && !json_is_null(v))
			err_field(e, k, "must be an object");
		if (json_is_object(v)) {
			const char *k2;
			json_t *v2;
			json_object_foreach(v, k2, v2)
			{
				if (!known(fs, n, k2, k, NULL)) {
					char full[128];
					snprintf(full, sizeof full, "%s.%s", k, k2);
					err_field(e, full, "is not a known field");
				}
			}
		}
	}
}

static json_t *check_value(const field *f, json_t *v, err *e)
{
	const char *name = f->json;
	if (!v || json_is_null(v))
		goto absent;
	switch (f->type) {
	case F_BOOL:
		if (!json_is_boolean(v))
			return err_field(e, name, "must be true or false"), NULL;
		return json_integer(json_is_true(v));
	case F_INT:
		if (!json_is_integer(v))
			return err_field(e, name, "must be an integer"), NULL;
		return json_incref(v);
	default:
		break;
	}
	if (!json_is_string(v))
		return err_field(e, name, "must be a string"), NULL;
	/* trim surrounding white space */
	const char *s = json_string_value(v);
	while (*s == ' ' || *s == '\t')
		s++;
	size_t len = strlen(s);
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	if (!len)
		goto absent;
	int max = f->max ? f->max : 200;
	if ((int)len > max)
		return err_field(e, name, "is longer than %d characters", max), NULL;
	char *t = strndup(s, len);
	if (!t)
		abort();
	json_t *out = NULL;
	const char *why = NULL;
	if (!text_clean(t, false))
		why = "contains control characters or invalid UTF-8";
	else if (f->type == F_DATE) {
		char iso[11];
		if (!date_normalise(t, iso))
			why = "must be a real date, YYYY-MM-DD";
		else
			out = json_string(iso);
	} else if (f->type == F_INSTANT) {
		time_t at;
		if (ts_parse(t, &at) || !strchr(t, 'T'))
			why = "must be an RFC 3339 instant such as 2026-03-09T09:00:00-05:00";
		else
			out = json_integer((json_int_t)at);
	} else if (f->type == F_ENUM) {
		const char *const *c = f->choices;
		while (*c && strcmp(*c, t))
			c++;
		if (!*c)
			why = "is not one of the allowed values";
	}
	if (f->flags & F_LOWER)
		for (char *p = t; *p; p++)
			if (*p >= 'A' && *p <= 'Z')
				*p = (char)(*p - 'A' + 'a');
	if (!why && f->check)
		why = f->check(t);
	if (!why && !out)
		out = json_string(t);
	free(t);
	if (why) {
		json_decref(out);
		if (f->type == F_ENUM) {
			char list[200] = "";
			for (const char *const *c = f->choices; *c; c++)
				snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", c == f->choices ? "" : ", ", *c);
			return err_field(e, name, "must be one of: %s", list), NULL;
		}
		return err_field(e, name, "%s", why), NULL;
	}
	return out;
absent:
	if (f->flags & F_REQUIRED)
		return err_field(e, name, "is required"), NULL;
	return f->type == F_BOOL ? json_integer(0) : json_null();
}

int rec_validate(const field *fs, int n, json_t *in, const char *const *allow, json_t **out, err *e)
{
	if (!json_is_object(in))
		return err_set(e, ERR_BAD_REQUEST, "the body must be a JSON object");
	check_unknown(fs, n, in, allow, e);
	json_t *vals = json_object();
	for (int i = 0; i < n; i++) {
		if (fs[i].flags & F_READONLY)
			continue;
		json_t *v = check_value(&fs[i], get_path(in, fs[i].json), e);
		if (v)
			json_object_set_new(vals, fs[i].col, v);
	}
	if (err_has_fields(e)) {
		json_decref(vals);
		return -1;
	}
	*out = vals;
	return 0;
}

void rec_merge(json_t *base, json_t *patch)
{
	const char *k;
	json_t *v;
	json_object_foreach(patch, k, v)
	{
		json_t *cur = json_object_get(base, k);
		if (json_is_object(v) && json_is_object(cur))
			rec_merge(cur, v);
		else
			json_object_set(base, k, v);
	}
}

void rec_cols(const field *fs, int n, bool writable, const char *prefix, buf *b)
{
	bool first = true;
	for (int i = 0; i < n; i++) {
		if (writable && (fs[i].flags & F_READONLY))
			continue;
		if (!first)
			buf_adds(b, ", ");
		if (prefix)
			buf_adds(b, prefix);
		buf_adds(b, fs[i].col);
		first = false;
	}
}

int rec_bind(const field *fs, int n, json_t *vals, db_stmt *st, int p)
{
	for (int i = 0; i < n; i++) {
		if (fs[i].flags & F_READONLY)
			continue;
		json_t *v = json_object_get(vals, fs[i].col);
		if (json_is_integer(v))
			db_bind_i64(st, p, json_integer_value(v));
		else if (json_is_string(v))
			db_bind_text(st, p, json_string_value(v));
		else
			db_bind_null(st, p);
		p++;
	}
	return p;
}

static void set_path(json_t *o, const char *path, json_t *v)
{
	const char *dot = strchr(path, '.');
	if (!dot) { /* field names are the program's own */
		json_object_set_new_nocheck(o, path, v);
		return;
	}
	char head[64];
	size_t n = (size_t)(dot - path) < sizeof head - 1 ? (size_t)(dot - path) : sizeof head - 1;
	memcpy(head, path, n);
	head[n] = 0;
	json_t *inner = json_object_get(o, head);
	if (!inner) {
		inner = json_object();
		json_object_set_new_nocheck(o, head, inner);
	}
	json_object_set_new_nocheck(inner, dot + 1, v);
}

json_t *rec_row(const field *fs, int n, db_stmt *st, int col0)
{
	json_t *o = json_object();
	for (int i = 0; i < n; i++) {
		int c = col0 + i;
		json_t *v;
		if (db_col_null(st, c))
			v = json_null();
		else if (fs[i].type == F_BOOL)
			v = json_boolean(db_col_i64(st, c) != 0);
		else if (fs[i].type == F_INT)
			v = json_integer(db_col_i64(st, c));
		else if (fs[i].type == F_INSTANT) {
			char ts[TS_LEN];
			ts_format((time_t)db_col_i64(st, c), ts);
			v = json_stringn_nocheck(ts, TS_LEN - 1);
		} else
			v = json_string(db_col_text(st, c));
		set_path(o, fs[i].json, v);
	}
	return o;
}

static void bind_json(db_stmt *st, int p, json_t *v)
{
	if (json_is_integer(v))
		db_bind_i64(st, p, json_integer_value(v));
	else if (json_is_string(v))
		db_bind_text(st, p, json_string_value(v));
	else
		db_bind_null(st, p);
}

int rec_insert(db *c, const table *t, int64_t practice, json_t *vals, json_t *extra, int64_t *id, err *e)
{
	buf b;
	buf_init(&b, 8192);
	buf_addf(&b, "INSERT INTO %s (practice_id, ", t->name);
	rec_cols(t->fs, t->n, true, NULL, &b);
	const char *k;
	json_t *v;
	json_object_foreach(extra, k, v) buf_addf(&b, ", %s", k);
	buf_adds(&b, ", created_at, updated_at) VALUES ($1");
	int np = 1;
	for (int i = 0; i < t->n; i++)
		if (!(t->fs[i].flags & F_READONLY))
			buf_addf(&b, ", $%d", ++np);
	json_object_foreach(extra, k, v) buf_addf(&b, ", $%d", ++np);
	buf_addf(&b, ", $%d, $%d) RETURNING id", np + 1, np + 1);
	db_stmt *st = db_prepare(c, b.s, e);
	buf_release(&b);
	if (!st)
		return -1;
	db_bind_i64(st, 1, practice);
	int p = rec_bind(t->fs, t->n, vals, st, 2);
	json_object_foreach(extra, k, v) bind_json(st, p++, v);
	char ts[TS_LEN];
	ts_now(ts);
	db_bind_text(st, p, ts);
	int rc = db_step(st, e);
	if (rc == DB_ROW)
		*id = db_col_i64(st, 0);
	db_done(st);
	return rc == DB_ROW ? 0 : -1;
}

int rec_update(db *c, const table *t, int64_t practice, int64_t id, int64_t version, json_t *vals, json_t *extra,
	       err *e)
{
	buf b;
	buf_init(&b, 8192);
	buf_addf(&b, "UPDATE %s SET ", t->name);
	int np = 0;
	for (int i = 0; i < t->n; i++)
		if (!(t->fs[i].flags & F_READONLY))
			buf_addf(&b, "%s = $%d, ", t->fs[i].col, ++np);
	const char *k;
	json_t *v;
	json_object_foreach(extra, k, v) buf_addf(&b, "%s = $%d, ", k, ++np);
	buf_addf(&b, "updated_at = $%d, version = version + 1 WHERE practice_id = $%d AND id = $%d AND version = $%d",
		 np + 1, np + 2, np + 3, np + 4);
	db_stmt *st = db_prepare(c, b.s, e);
	buf_release(&b);
	if (!st)
		return -1;
	int p = rec_bind(t->fs, t->n, vals, st, 1);
	json_object_foreach(extra, k, v) bind_json(st, p++, v);
	char ts[TS_LEN];
	ts_now(ts);
	db_bind_text(st, p, ts);
	db_bind_i64(st, p + 1, practice);
	db_bind_i64(st, p + 2, id);
	db_bind_i64(st, p + 3, version);
	int rc = db_step(st, e);
	int64_t changed = rc == DB_DONE ? db_changes(st) : 0;
	db_done(st);
	if (rc == DB_ERR)
		return -1;
	if (changed)
		return 0;
	/* nothing changed: stale version, or no such row in this practice */
	buf_init(&b, 256);
	buf_addf(&b, "SELECT version FROM %s WHERE practice_id = $1 AND id = $2", t->name);
	int64_t cur = 0;
	int found = db_one_i64(c, e, &cur, b.s, "ii", practice, id);
	buf_release(&b);
	if (found < 0)
		return -1;
	if (!found)
		return err_set(e, ERR_NOT_FOUND, "%s %lld not found", t->name, (long long)id);
	return err_set(e, ERR_VERSION_CONFLICT, "%s %lld is at version %lld, not %lld", t->name, (long long)id,
		       (long long)cur, (long long)version);
}

/* Each table's SELECT of one record, written once (tables are static: kept for good). */
static struct {
	pthread_mutex_t mu;
	const table *t[64];
	char *sql[64];
	int n;
} reads = {.mu = PTHREAD_MUTEX_INITIALIZER};

/* The statement reading one record, bound and not yet stepped. */
static db_stmt *select_one(db *c, const table *t, int64_t practice, int64_t id, err *e)
{
	pthread_mutex_lock(&reads.mu);
	int i = 0;
	while (i < reads.n && reads.t[i] != t)
		i++;
	if (i == reads.n) {
		if (i == 64) /* cannot happen: there are fewer tables */
			abort();
		buf b;
		buf_init(&b, 8192);
		buf_adds(&b, "SELECT ");
		rec_cols(t->fs, t->n, false, NULL, &b);
		buf_addf(&b, " FROM %s WHERE practice_id = $1 AND id = $2", t->name);
		reads.t[i] = t;
		reads.sql[i] = buf_detach(&b);
		reads.n++;
	}
	const char *sql = reads.sql[i];
	pthread_mutex_unlock(&reads.mu);
	db_stmt *st = db_prepare(c, sql, e);
	if (st)
		db_bindv(st, "ii", practice, id);
	return st;
}

static int not_found(const table *t, int64_t id, int rc, err *e)
{
	if (rc == DB_ERR)
		return -1;
	return rc == DB_ROW ? 0 : err_set(e, ERR_NOT_FOUND, "%s %lld not found", t->name, (long long)id);
}

int rec_get(db *c, const table *t, int64_t practice, int64_t id, json_t **out, err *e)
{
	db_stmt *st = select_one(c, t, practice, id, e);
	if (!st)
		return -1;
	int rc = db_step(st, e);
	if (rc == DB_ROW)
		*out = rec_row(t->fs, t->n, st, 0);
	db_done(st);
	return not_found(t, id, rc, e);
}

/* Member `key` with column c as rec_row makes it; nothing when rec_row leaves it out (text
 * that is not UTF-8). */
static void field_text(json_out *o, bool *first, const char *key, size_t klen, const field *f, db_stmt *st, int c)
{
	bool null = db_col_null(st, c);
	const char *s = NULL;
	size_t n = 0;
	if (!null && f->type != F_BOOL && f->type != F_INT && f->type != F_INSTANT) {
		s = db_col_text(st, c);
		n = strlen(s);
		if (!json_utf8_ok(s, n))
			return;
	}
	json_out_key(o, first, key, klen);
	if (null)
		json_out_raw(o, "null", 4);
	else if (f->type == F_BOOL)
		json_out_raw(o, db_col_i64(st, c) ? "true" : "false", db_col_i64(st, c) ? 4 : 5);
	else if (f->type == F_INT)
		json_out_int(o, db_col_i64(st, c));
	else if (f->type == F_INSTANT) {
		char ts[TS_LEN];
		ts_format((time_t)db_col_i64(st, c), ts);
		json_out_string(o, ts, TS_LEN - 1);
	} else
		json_out_string(o, s, n);
}

/* rec_row's object as text in one pass. rec_row creates a dotted field's object when it meets
 * the first of its fields, and fills it in field order: all of it is written there. */
static void row_text(const field *fs, int n, db_stmt *st, json_out *o)
{
	bool done[128] = {false};
	bool first = true;
	json_out_raw(o, "{", 1);
	for (int i = 0; i < n && i < 128; i++) {
		if (done[i])
			continue;
		const char *dot = strchr(fs[i].json, '.');
		if (!dot) {
			field_text(o, &first, fs[i].json, strlen(fs[i].json), &fs[i], st, i);
			continue;
		}
		size_t plen = (size_t)(dot - fs[i].json);
		json_out_key(o, &first, fs[i].json, plen);
		json_out_raw(o, "{", 1);
		bool inner_first = true;
		for (int j = i; j < n && j < 128; j++) {
			if (strncmp(fs[j].json, fs[i].json, plen) || fs[j].json[plen] != '.')
				continue;
			done[j] = true;
			field_text(o, &inner_first, fs[j].json + plen + 1, strlen(fs[j].json + plen + 1), &fs[j], st, j);
		}
		json_out_raw(o, "}", 1);
	}
	json_out_raw(o, "}", 1);
}

int rec_get_text(db *c, const table *t, int64_t practice, int64_t id, char **out, size_t *len, err *e)
{
	db_stmt *st = select_one(c, t, practice, id, e);
	if (!st)
		return -1;
	int rc = db_step(st, e);
	if (rc == DB_ROW) {
		json_out o;
		json_out_init(&o);
		row_text(t->fs, t->n, st, &o);
		*out = json_out_done(&o, len);
	}
	db_done(st);
	return not_found(t, id, rc, e);
}

int rec_list(db *c, const table *t, int64_t practice, int limit, int64_t after_id, json_t **out, err *e)
{
	buf b;
	buf_init(&b, 8192);
	buf_adds(&b, "SELECT ");
	rec_cols(t->fs, t->n, false, NULL, &b);
	buf_addf(&b, " FROM %s WHERE practice_id = $1 AND id > $2 ORDER BY id LIMIT $3", t->name);
	db_stmt *st = db_prepare(c, b.s, e);
	buf_release(&b);
	if (!st)
		return -1;
	db_bindv(st, "iii", practice, after_id, (int64_t)limit + 1);
	json_t *items = json_array();
	int rc, n = 0;
	int64_t last = 0;
	while ((rc = db_step(st, e)) == DB_ROW && ++n <= limit) {
		last = db_col_i64(st, 0);
		json_array_append_new(items, rec_row(t->fs, t->n, st, 0));
	}
	db_done(st);
	if (rc == DB_ERR) {
		json_decref(items);
		return -1;
	}
	*out = rec_page(items, n > limit ? last : 0);
	return 0;
}

json_t *rec_page(json_t *items, int64_t next)
{
	char cur[24];
	snprintf(cur, sizeof cur, "%lld", (long long)next);
	return json_pack("{s:o,s:o}", "items", items, "next_cursor", next ? json_string(cur) : json_null());
}
