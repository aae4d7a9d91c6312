/* test_store.c: store/ — both engines behind db.h, migrations, field tables.
 * Runs on SQLite always, and on PostgreSQL too when PRAXIS_TEST_PG names a server. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/db.h"
#include "store/migrate.h"
#include "base/json_text.h"
#include "store/record.h"

static char *pg_url(void)
{
	const char *base = getenv("PRAXIS_TEST_PG");
	return base && *base ? strdup(base) : NULL;
}

/* the same checks run for each engine */
static void exercise(db *c)
{
	err e = ERR_INIT;
	assert_int_equal(db_exec(c, "DROP TABLE IF EXISTS t_unit; CREATE TABLE t_unit (id BIGINT PRIMARY KEY, name TEXT, n BIGINT)", &e), 0);
	for (int64_t i = 1; i <= 3; i++)
		assert_int_equal(db_run(c, &e, "INSERT INTO t_unit (id, name, n) VALUES ($1, $2, $3)", "isi", i, i == 2 ? NULL : "x'y", i * 10), 1);
	/* placeholders out of order and repeated */
	int64_t v = 0;
	assert_int_equal(db_one_i64(c, &e, &v, "SELECT n FROM t_unit WHERE name = $2 AND id = $1", "is", (int64_t)3, "x'y"), 1);
	assert_int_equal(v, 30);
	assert_int_equal(db_one_i64(c, &e, &v, "SELECT id FROM t_unit WHERE id = $1", "i", (int64_t)99), 0);
	/* NULLs read as NULL; '$1' inside quotes is text, not a parameter */
	db_stmt *st = db_prepare(c, "SELECT name, '$1' FROM t_unit WHERE id = $1", &e);
	assert_non_null(st);
	db_bind_i64(st, 1, 2);
	assert_int_equal(db_step(st, &e), DB_ROW);
	assert_true(db_col_null(st, 0));
	assert_null(db_col_text(st, 0));
	assert_string_equal(db_col_text(st, 1), "$1");
	assert_int_equal(db_step(st, &e), DB_DONE);
	db_done(st);
	/* a cached statement used inside a loop over itself gets a fresh copy */
	st = db_prepare(c, "SELECT id FROM t_unit ORDER BY id", &e);
	int outer = 0, inner = 0;
	while (db_step(st, &e) == DB_ROW) {
		outer++;
		db_stmt *st2 = db_prepare(c, "SELECT id FROM t_unit ORDER BY id", &e);
		while (db_step(st2, &e) == DB_ROW)
			inner++;
		db_done(st2);
	}
	db_done(st);
	assert_int_equal(outer, 3);
	assert_int_equal(inner, 9);
	/* every row's integer columns in one array: none, then more rows than the first allocation */
	int64_t *rows = NULL;
	size_t nrows = 99;
	st = db_prepare(c, "SELECT id, n FROM t_unit WHERE id > $1", &e);
	db_bind_i64(st, 1, 3);
	assert_int_equal(db_rows_i64(st, 2, &rows, &nrows, &e), 0);
	db_done(st);
	assert_null(rows);
	assert_int_equal(nrows, 0);
	for (int64_t i = 4; i <= 600; i++)
		db_run(c, &e, "INSERT INTO t_unit (id, n) VALUES ($1, $2)", "ii", i, -i);
	st = db_prepare(c, "SELECT id, n FROM t_unit ORDER BY id", &e);
	assert_int_equal(db_rows_i64(st, 2, &rows, &nrows, &e), 0);
	db_done(st);
	assert_int_equal(nrows, 600);
	assert_int_equal(rows[2 * 2], 3);
	assert_int_equal(rows[2 * 2 + 1], 30);
	assert_int_equal(rows[2 * 599], 600);
	assert_int_equal(rows[2 * 599 + 1], -600);
	free(rows);
	db_run(c, &e, "DELETE FROM t_unit WHERE id > 3", NULL);
	/* unique violations are ERR_CONFLICT */
	assert_int_equal(db_run(c, &e, "INSERT INTO t_unit (id) VALUES ($1)", "i", (int64_t)1), -1);
	assert_int_equal(e.code, ERR_CONFLICT);
	err_clear(&e);
	/* rollback undoes; changes counted */
	assert_int_equal(db_begin(c, &e), 0);
	assert_int_equal(db_run(c, &e, "UPDATE t_unit SET n = n + 1", NULL), 3);
	db_rollback(c);
	assert_int_equal(db_one_i64(c, &e, &v, "SELECT SUM(n) FROM t_unit", NULL), 1);
	assert_int_equal(v, 60);
	/* tx_begin joins an open transaction and leaves it to its owner */
	bool own;
	assert_int_equal(db_begin(c, &e), 0);
	assert_int_equal(db_tx_begin(c, &own, &e), 0);
	assert_false(own);
	db_run(c, &e, "DELETE FROM t_unit", NULL);
	assert_int_equal(db_tx_end(c, own, 0, &e), 0);
	assert_true(db_in_tx(c));
	db_rollback(c);
	assert_int_equal(db_one_i64(c, &e, &v, "SELECT COUNT(*) FROM t_unit", NULL), 1);
	assert_int_equal(v, 3);
	/* syntax errors are ERR_DB and name the engine */
	assert_null(db_prepare(c, "SELEKT 1", &e));
	assert_int_equal(e.code, ERR_DB);
	err_clear(&e);
	db_exec(c, "DROP TABLE t_unit", &e);
}

static void sqlite_engine(void **state)
{
	char path[] = "/tmp/praxis-unit-XXXXXX";
	int fd = mkstemp(path);
	close(fd);
	db *c;
	err e = ERR_INIT;
	assert_int_equal(db_open(path, &c, &e), 0);
	assert_int_equal(db_kind(c), DB_SQLITE);
	int64_t fk = 0;
	assert_int_equal(db_one_i64(c, &e, &fk, "PRAGMA foreign_keys", NULL), 1);
	assert_int_equal(fk, 1);
	exercise(c);
	db_close(c);
	unlink(path);
	char wal[64];
	snprintf(wal, sizeof wal, "%s-wal", path);
	unlink(wal);
	snprintf(wal, sizeof wal, "%s-shm", path);
	unlink(wal);
}

static void pg_engine(void **state)
{
	char *url = pg_url();
	if (!url) {
		skip();
		return;
	}
	db *c;
	err e = ERR_INIT;
	assert_int_equal(db_open(url, &c, &e), 0);
	assert_int_equal(db_kind(c), DB_PG);
	exercise(c);
	db_close(c);
	free(url);
}

static void open_reports_errors(void **state)
{
	db *c;
	err e = ERR_INIT;
	assert_int_equal(db_open("/nonexistent-dir/x.db", &c, &e), -1);
	assert_int_equal(e.code, ERR_DB);
	assert_int_equal(db_open("postgresql://nobody@127.0.0.1:1/none", &c, &e), -1);
	assert_non_null(strstr(e.msg, "could not connect"));
}

static void migrations_render_per_engine(void **state)
{
	const char *sql = "CREATE TABLE x (id {{id}}, k TEXT {{bytes}});\n-- engine: sqlite\nS;\n-- engine: pg\nP;\n-- engine: all\nA;\n";
	char *s = migrate_render(sql, DB_SQLITE);
	assert_string_equal(s, "CREATE TABLE x (id INTEGER PRIMARY KEY, k TEXT );\nS;\nA;\n");
	free(s);
	s = migrate_render(sql, DB_PG);
	assert_string_equal(s, "CREATE TABLE x (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, k TEXT COLLATE \"C\");\nP;\nA;\n");
	free(s);
	/* numbered, increasing, each with a name */
	int last = 0;
	for (const struct migration *m = migrations; m->version; m++) {
		assert_true(m->version > last);
		last = m->version;
		assert_non_null(m->name);
	}
	assert_true(last >= 3);
}

static void migrate_is_idempotent_and_upgrades(void **state)
{
	char path[] = "/tmp/praxis-unit-XXXXXX";
	close(mkstemp(path));
	db *c;
	err e = ERR_INIT;
	int applied = -1;
	assert_int_equal(db_open(path, &c, &e), 0);
	assert_int_equal(migrate_run(c, 1, &applied, &e), 0);
	assert_int_equal(applied, 1);
	assert_int_equal(migrate_current(c, &e), 1);
	assert_int_equal(migrate_run(c, 0, &applied, &e), 0);
	assert_true(applied >= 2);
	assert_int_equal(migrate_run(c, 0, &applied, &e), 0);
	assert_int_equal(applied, 0);
	db_close(c);
	unlink(path);
}

static const char *const colours[] = {"red", "blue", NULL};
static const char *no_x(const char *v) { return strchr(v, 'x') ? "must not contain x" : NULL; }
static const field fs[] = {
	{"id", "id", F_INT, F_READONLY},
	{"name", "name", F_TEXT, F_REQUIRED, 5, NULL, no_x},
	{"born", "born", F_DATE, 0},
	{"colour", "colour", F_ENUM, 0, 0, colours},
	{"ok", "ok", F_BOOL, 0},
	{"mail", "mail", F_TEXT, F_LOWER},
	{"where.city", "city", F_TEXT, 0},
};

static void record_validates_every_field(void **state)
{
	err e = ERR_INIT;
	json_t *out = NULL;
	json_t *in = json_loads("{\"name\":\" Ann \",\"born\":\"12/31/1999\",\"colour\":\"red\",\"ok\":true,\"mail\":\"A@B.C\",\"where\":{\"city\":\"\"}}", 0, NULL);
	assert_int_equal(rec_validate(fs, 7, in, NULL, &out, &e), 0);
	assert_string_equal(json_string_value(json_object_get(out, "name")), "Ann");
	assert_string_equal(json_string_value(json_object_get(out, "born")), "1999-12-31");
	assert_int_equal(json_integer_value(json_object_get(out, "ok")), 1);
	assert_string_equal(json_string_value(json_object_get(out, "mail")), "a@b.c");
	assert_true(json_is_null(json_object_get(out, "city"))); /* empty is absent */
	json_decref(in);
	json_decref(out);

	in = json_loads("{\"name\":\"toolong\",\"born\":\"1999-02-30\",\"colour\":\"green\",\"ok\":1,\"where\":{\"town\":\"x\"},\"extra\":1}", 0, NULL);
	assert_int_equal(rec_validate(fs, 7, in, NULL, &out, &e), -1);
	const char *want[] = {"where.town", "extra", "name", "born", "colour", "ok"};
	assert_int_equal(json_array_size(e.fields), 6);
	for (size_t i = 0; i < 6; i++)
		assert_string_equal(json_string_value(json_object_get(json_array_get(e.fields, i), "field")), want[i]);
	json_decref(in);
	err_clear(&e);

	in = json_loads("{\"name\":\"axb\"}", 0, NULL);
	assert_int_equal(rec_validate(fs, 7, in, NULL, &out, &e), -1);
	assert_string_equal(json_string_value(json_object_get(json_array_get(e.fields, 0), "message")), "must not contain x");
	json_decref(in);
	err_clear(&e);

	in = json_loads("{\"name\":\"a\\u0007b\"}", 0, NULL);
	assert_int_equal(rec_validate(fs, 7, in, NULL, &out, &e), -1);
	json_decref(in);
	err_clear(&e);

	in = json_loads("{}", 0, NULL);
	assert_int_equal(rec_validate(fs, 7, in, NULL, &out, &e), -1);
	assert_string_equal(json_string_value(json_object_get(json_array_get(e.fields, 0), "field")), "name");
	json_decref(in);
	err_clear(&e);
}

static void record_merge_is_deep(void **state)
{
	json_t *base = json_loads("{\"a\":1,\"o\":{\"x\":1,\"y\":2}}", 0, NULL);
	json_t *patch = json_loads("{\"a\":null,\"o\":{\"y\":3}}", 0, NULL);
	rec_merge(base, patch);
	char *s = json_dumps(base, JSON_SORT_KEYS | JSON_COMPACT);
	assert_string_equal(s, "{\"a\":null,\"o\":{\"x\":1,\"y\":3}}");
	free(s);
	json_decref(base);
	json_decref(patch);
}

/* rec_get_text writes what json_text(rec_get) writes: field order, a dotted field's object
 * where its first field is (even when its fields are apart), nulls, booleans, instants,
 * escapes, and text that is not UTF-8 left out */
static void record_text_matches_json(void **state)
{
	(void)state;
	static const field tf[] = {
		{"id", "id", F_INT, F_READONLY},
		{"where.city", "city", F_TEXT, 0},
		{"name", "name", F_TEXT, 0},
		{"ok", "ok", F_BOOL, 0},
		{"where.zip", "zip", F_TEXT, 0},
		{"seen", "seen", F_INSTANT, 0},
		{"bad", "bad", F_TEXT, 0},
		{"who.nick", "nick", F_TEXT, 0},
		{"n", "n", F_INT, 0},
	};
	static const table t = {"t_text", tf, 9};
	char path[] = "/tmp/praxis-unit-XXXXXX";
	close(mkstemp(path));
	db *c;
	err e = ERR_INIT;
	assert_int_equal(db_open(path, &c, &e), 0);
	assert_int_equal(db_exec(c, "CREATE TABLE t_text (id INTEGER PRIMARY KEY, practice_id BIGINT, city TEXT, name TEXT, "
				    "ok BIGINT, zip TEXT, seen BIGINT, bad TEXT, nick TEXT, n BIGINT);"
				    "INSERT INTO t_text VALUES (1, 7, 'Zo\xc3\xab \"q\" \\ back', 'line\nnext\ttab', 1, NULL, 1700000000, "
				    "CAST(X'41C328' AS TEXT), 'x', -42);"
				    "INSERT INTO t_text VALUES (2, 7, NULL, NULL, 0, '02134', NULL, 'fine', NULL, NULL);",
				    &e),
			 0);
	for (int64_t id = 1; id <= 2; id++) {
		json_t *j = NULL;
		char *text = NULL;
		size_t len = 0;
		assert_int_equal(rec_get(c, &t, 7, id, &j, &e), 0);
		assert_int_equal(rec_get_text(c, &t, 7, id, &text, &len, &e), 0);
		char *want = json_text(j, NULL);
		assert_string_equal(text, want);
		assert_int_equal(len, strlen(want));
		free(want);
		free(text);
		json_decref(j);
	}
	/* the row with text that is not UTF-8 has no "bad" (as jansson leaves it out) */
	char *text = NULL;
	size_t len;
	assert_int_equal(rec_get_text(c, &t, 7, 1, &text, &len, &e), 0);
	assert_null(strstr(text, "\"bad\""));
	assert_non_null(strstr(text, "\"where\":{\"city\":"));
	free(text);
	/* another practice's row is not found */
	assert_int_equal(rec_get_text(c, &t, 8, 1, &text, &len, &e), -1);
	assert_int_equal(e.code, ERR_NOT_FOUND);
	err_clear(&e);
	db_close(c);
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sqlite_engine),
		cmocka_unit_test(pg_engine),
		cmocka_unit_test(open_reports_errors),
		cmocka_unit_test(migrations_render_per_engine),
		cmocka_unit_test(migrate_is_idempotent_and_upgrades),
		cmocka_unit_test(record_validates_every_field),
		cmocka_unit_test(record_merge_is_deep),
		cmocka_unit_test(record_text_matches_json),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
