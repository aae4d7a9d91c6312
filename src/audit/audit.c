/* audit.c: appending, verifying and listing audit events (see audit.h). */
#include "audit/audit.h"

#include <stdio.h>
#include <string.h>

#include "base/buf.h"
#include "base/crypto.h"
#include "base/timeutil.h"

static const char zero_hash[] = "0000000000000000000000000000000000000000000000000000000000000000";

/* The encoding that is hashed: prev_hash then each field as "<len>:<bytes>", in this order.
 * Changing it invalidates every stored chain: do not. */
static void encode(buf *b, const char *prev, int64_t practice, int64_t seq, const char *at, int64_t user,
		   const char *action, const char *otype, int64_t oid, int64_t patient, const char *ip,
		   const char *outcome, const char *reason)
{
	char num[5][24];
	snprintf(num[0], 24, "%lld", (long long)practice);
	snprintf(num[1], 24, "%lld", (long long)seq);
	snprintf(num[2], 24, "%lld", (long long)user);
	snprintf(num[3], 24, "%lld", (long long)oid);
	snprintf(num[4], 24, "%lld", (long long)patient);
	const char *f[] = {prev, num[0], num[1], at, num[2], action, otype, num[3], num[4], ip, outcome, reason};
	for (size_t i = 0; i < sizeof f / sizeof *f; i++)
		buf_addf(b, "%zu:%s", f[i] ? strlen(f[i]) : 0, f[i] ? f[i] : "");
}

static void event_hash(const char *prev, int64_t practice, int64_t seq, const char *at, int64_t user,
		       const char *action, const char *otype, int64_t oid, int64_t patient, const char *ip,
		       const char *outcome, const char *reason, char out[HASH_HEX_LEN])
{
	buf b;
	buf_init(&b, 1 << 16);
	encode(&b, prev, practice, seq, at, user, action, otype, oid, patient, ip, outcome, reason);
	hash_hex(b.s, b.len, out);
	buf_release(&b);
}

static int append_in_tx(db *c, const audit_event *ev, err *e)
{
	const char *sel = db_kind(c) == DB_PG ? "SELECT seq, hash FROM audit_head WHERE practice_id = $1 FOR UPDATE"
					      : "SELECT seq, hash FROM audit_head WHERE practice_id = $1";
	db_stmt *st = db_prepare(c, sel, e);
	if (!st)
		return -1;
	db_bind_i64(st, 1, ev->practice_id);
	int rc = db_step(st, e);
	if (rc != DB_ROW) {
		db_done(st);
		return rc == DB_ERR ? -1 : err_set(e, ERR_INTERNAL, "audit chain of practice %lld has no head", (long long)ev->practice_id);
	}
	int64_t seq = db_col_i64(st, 0) + 1;
	char prev[HASH_HEX_LEN], h[HASH_HEX_LEN], at[TS_LEN];
	snprintf(prev, sizeof prev, "%s", db_col_text(st, 1));
	db_done(st);
	ts_now(at);
	event_hash(prev, ev->practice_id, seq, at, ev->user_id, ev->action, ev->object_type, ev->object_id,
		   ev->patient_id, ev->ip, ev->outcome, ev->reason, h);
	st = db_prepare(c,
			"INSERT INTO audit_event (practice_id, seq, at, user_id, action, object_type, object_id, "
			"patient_id, ip, outcome, reason, prev_hash, hash) "
			"VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
			e);
	if (!st)
		return -1;
	db_bind_i64(st, 1, ev->practice_id);
	db_bind_i64(st, 2, seq);
	db_bind_text(st, 3, at);
	if (ev->user_id)
		db_bind_i64(st, 4, ev->user_id);
	else
		db_bind_null(st, 4);
	db_bind_text(st, 5, ev->action);
	db_bind_text(st, 6, ev->object_type);
	if (ev->object_id)
		db_bind_i64(st, 7, ev->object_id);
	else
		db_bind_null(st, 7);
	if (ev->patient_id)
		db_bind_i64(st, 8, ev->patient_id);
	else
		db_bind_null(st, 8);
	db_bind_text(st, 9, ev->ip);
	db_bind_text(st, 10, ev->outcome);
	db_bind_text(st, 11, ev->reason);
	db_bind_text(st, 12, prev);
	db_bind_text(st, 13, h);
	rc = db_step(st, e);
	db_done(st);
	if (rc == DB_ERR)
		return -1;
	return db_run(c, e, "UPDATE audit_head SET seq = $1, hash = $2 WHERE practice_id = $3", "isi", seq, h,
		      ev->practice_id) == 1 ? 0 : -1;
}

int audit_append(db *c, const audit_event *ev, err *e)
{
	if (db_in_tx(c))
		return append_in_tx(c, ev, e);
	if (db_begin(c, e))
		return -1;
	if (append_in_tx(c, ev, e)) {
		db_rollback(c);
		return -1;
	}
	return db_commit(c, e);
}

/* Exported for the writer: a batch in one transaction. */
int audit_append_batch(db *c, const audit_event *evs, int n, err *e);
int audit_append_batch(db *c, const audit_event *evs, int n, err *e)
{
	if (db_begin(c, e))
		return -1;
	for (int i = 0; i < n; i++)
		if (append_in_tx(c, &evs[i], e)) {
			db_rollback(c);
			return -1;
		}
	return db_commit(c, e);
}

static int64_t col_i64_or0(db_stmt *st, int col) { return db_col_null(st, col) ? 0 : db_col_i64(st, col); }

int audit_verify(db *c, int64_t *count, int64_t *bad_id, char *why, size_t whylen, err *e)
{
	*count = 0;
	*bad_id = 0;
	db_stmt *st = db_prepare(c,
				 "SELECT id, practice_id, seq, at, user_id, action, object_type, object_id, patient_id, "
				 "ip, outcome, reason, prev_hash, hash FROM audit_event ORDER BY practice_id, seq",
				 e);
	if (!st)
		return -1;
	int64_t cur_practice = -1, expect_seq = 0;
	char prev[HASH_HEX_LEN] = "";
	int rc, result = 0;
	while ((rc = db_step(st, e)) == DB_ROW) {
		int64_t id = db_col_i64(st, 0), practice = db_col_i64(st, 1), seq = db_col_i64(st, 2);
		if (practice != cur_practice) {
			cur_practice = practice;
			expect_seq = 1;
			snprintf(prev, sizeof prev, "%s", zero_hash);
		}
		const char *stored_prev = db_col_text(st, 12), *stored = db_col_text(st, 13);
		char h[HASH_HEX_LEN];
		event_hash(stored_prev ? stored_prev : "", practice, seq, db_col_text(st, 3), col_i64_or0(st, 4),
			   db_col_text(st, 5), db_col_text(st, 6), col_i64_or0(st, 7), col_i64_or0(st, 8),
			   db_col_text(st, 9), db_col_text(st, 10), db_col_text(st, 11), h);
		const char *bad = NULL;
		if (seq != expect_seq)
			bad = "an earlier event of this chain is missing";
		else if (!stored_prev || strcmp(stored_prev, prev))
			bad = "its link to the previous event is broken";
		else if (!stored || strcmp(stored, h))
			bad = "its content does not match its hash";
		if (bad) {
			*bad_id = id;
			snprintf(why, whylen, "%s", bad);
			result = 1;
			break;
		}
		snprintf(prev, sizeof prev, "%s", stored);
		expect_seq++;
		(*count)++;
	}
	db_done(st);
	if (rc == DB_ERR)
		return -1;
	if (result)
		return 1;
	/* the last event of each chain must be its head: a removed tail is caught here */
	st = db_prepare(c,
			"SELECT h.practice_id, h.seq, h.hash, e.id, e.hash FROM audit_head h "
			"LEFT JOIN audit_event e ON e.practice_id = h.practice_id AND e.seq = h.seq",
			e);
	if (!st)
		return -1;
	while ((rc = db_step(st, e)) == DB_ROW) {
		int64_t seq = db_col_i64(st, 1);
		if (seq == 0)
			continue;
		const char *eh = db_col_text(st, 4);
		if (!eh || strcmp(eh, db_col_text(st, 2))) {
			*bad_id = col_i64_or0(st, 3);
			snprintf(why, whylen, "the chain of practice %lld ends before its recorded head (event %lld)",
				 (long long)db_col_i64(st, 0), (long long)seq);
			result = 1;
			break;
		}
	}
	db_done(st);
	return rc == DB_ERR ? -1 : result;
}

int audit_list(db *c, int64_t practice_id, const audit_filter *f, json_t **out, err *e)
{
#define AUDIT_LIST(where)                                                                          \
	"SELECT a.id, a.at, a.user_id, u.email, a.action, a.object_type, a.object_id, a.patient_id, "  \
	"a.ip, a.outcome, a.reason FROM audit_event a LEFT JOIN app_user u ON u.id = a.user_id "        \
	"WHERE a.practice_id = $1 AND " where " = $2 AND a.at >= $3 AND a.at <= $4 AND a.id < $5 "      \
	"ORDER BY a.id DESC LIMIT $6"
	/* one statement per filter so each uses its index */
	const char *sql = f->patient_id ? AUDIT_LIST("a.patient_id")
			  : f->user_id  ? AUDIT_LIST("a.user_id")
					: AUDIT_LIST("a.practice_id");
	int64_t key = f->patient_id ? f->patient_id : f->user_id ? f->user_id : practice_id;
	db_stmt *st = db_prepare(c, sql, e);
	if (!st)
		return -1;
	db_bindv(st, "iissii", practice_id, key, f->from ? f->from : "", f->to ? f->to : "9999",
		 f->before_id ? f->before_id : INT64_MAX, (int64_t)f->limit + 1);
	if (f->patient_id && f->user_id)
		return db_done(st), err_field(e, "user_id", "cannot be combined with patient_id");
	json_t *items = json_array();
	int rc, n = 0;
	int64_t last = 0;
	while ((rc = db_step(st, e)) == DB_ROW) {
		if (++n > f->limit)
			break;
		last = db_col_i64(st, 0);
		json_t *o = json_pack("{s:I,s:s,s:o,s:o,s:s,s:o,s:o,s:o,s:o,s:s,s:o}", "id", (json_int_t)last, "at",
				      db_col_text(st, 1), "user_id",
				      db_col_null(st, 2) ? json_null() : json_integer(db_col_i64(st, 2)), "user_email",
				      db_col_null(st, 3) ? json_null() : json_string(db_col_text(st, 3)), "action",
				      db_col_text(st, 4), "object_type",
				      db_col_null(st, 5) ? json_null() : json_string(db_col_text(st, 5)), "object_id",
				      db_col_null(st, 6) ? json_null() : json_integer(db_col_i64(st, 6)), "patient_id",
				      db_col_null(st, 7) ? json_null() : json_integer(db_col_i64(st, 7)), "ip",
				      db_col_null(st, 8) ? json_null() : json_string(db_col_text(st, 8)), "outcome",
				      db_col_text(st, 9), "reason",
				      db_col_null(st, 10) ? json_null() : json_string(db_col_text(st, 10)));
		json_array_append_new(items, o);
	}
	db_done(st);
	if (rc == DB_ERR) {
		json_decref(items);
		return -1;
	}
	json_t *next = json_null();
	if (n > f->limit) {
		char cur[24];
		snprintf(cur, sizeof cur, "%lld", (long long)last);
		next = json_string(cur);
	}
	*out = json_pack("{s:o,s:o}", "items", items, "next_cursor", next);
	return 0;
}
