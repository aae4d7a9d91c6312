/* audit.c: appending, verifying and listing audit events (see audit.h). */
#include "audit/audit.h"

#include <stdio.h>
#include <string.h>

#include "base/buf.h"
#include "base/crypto.h"
#include "base/timeutil.h"
#include "store/record.h"

static const char zero_hash[] = "0000000000000000000000000000000000000000000000000000000000000000";

/* The encoding that is hashed: prev_hash then each field as "<len>:<bytes>", in this order.
 * Changing it invalidates every stored chain: do not. */
/* v in decimal at the end of out[24]; returns where it starts. (Every event is hashed:
 * this runs on each read of patient data, so no printf.) */
static char *decimal(int64_t v, char out[24])
{
	char *p = out + 23;
	uint64_t u = v < 0 ? -(uint64_t)v : (uint64_t)v;
	*p = 0;
	do
		*--p = (char)('0' + u % 10);
	while (u /= 10);
	if (v < 0)
		*--p = '-';
	return p;
}

static void put_len(buf *b, const char *s, size_t n)
{
	char len[24], *d = decimal((int64_t)n, len);
	buf_add(b, d, (size_t)(len + 23 - d));
	buf_add(b, ":", 1);
	buf_add(b, s, n);
}

static void put(buf *b, const char *s) { put_len(b, s ? s : "", s ? strlen(s) : 0); }

static void num(buf *b, int64_t v)
{
	char s[24], *d = decimal(v, s);
	put_len(b, d, (size_t)(s + 23 - d));
}

static void encode(buf *b, const char *prev, int64_t practice, int64_t seq, const char *at, int64_t user,
		   const char *action, const char *otype, int64_t oid, int64_t patient, const char *ip,
		   const char *outcome, const char *reason)
{
	put(b, prev);
	num(b, practice);
	num(b, seq);
	put(b, at);
	num(b, user);
	put(b, action);
	put(b, otype);
	num(b, oid);
	num(b, patient);
	put(b, ip);
	put(b, outcome);
	put(b, reason);
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

/* The end of a practice's chain, locked for the rest of the transaction. */
static int load_head(db *c, int64_t practice, int64_t *seq, char prev[HASH_HEX_LEN], err *e)
{
	const char *sel = db_kind(c) == DB_PG ? "SELECT seq, hash FROM audit_head WHERE practice_id = $1 FOR UPDATE"
					      : "SELECT seq, hash FROM audit_head WHERE practice_id = $1";
	db_stmt *st = db_prepare(c, sel, e);
	if (!st)
		return -1;
	db_bind_i64(st, 1, practice);
	int rc = db_step(st, e);
	if (rc == DB_ROW) {
		*seq = db_col_i64(st, 0);
		memcpy(prev, db_col_text(st, 1), HASH_HEX_LEN - 1);
		prev[HASH_HEX_LEN - 1] = 0;
	}
	db_done(st);
	if (rc != DB_ROW)
		return rc == DB_ERR ? -1 : err_set(e, ERR_INTERNAL, "audit chain of practice %lld has no head", (long long)practice);
	return 0;
}

static int store_head(db *c, int64_t practice, int64_t seq, const char *hash, err *e)
{
	return db_run(c, e, "UPDATE audit_head SET seq = $1, hash = $2 WHERE practice_id = $3", "isi", seq, hash,
		      practice) == 1 ? 0 : -1;
}

static void bind_id(db_stmt *st, int i, int64_t v)
{
	if (v)
		db_bind_i64(st, i, v);
	else
		db_bind_null(st, i);
}

/* Appends ev as event `seq` after `prev`; `prev` becomes the new event's hash. */
static int insert_event(db *c, const audit_event *ev, int64_t seq, char prev[HASH_HEX_LEN], err *e)
{
	char h[HASH_HEX_LEN], at[TS_LEN];
	ts_now(at);
	event_hash(prev, ev->practice_id, seq, at, ev->user_id, ev->action, ev->object_type, ev->object_id,
		   ev->patient_id, ev->ip, ev->outcome, ev->reason, h);
	db_stmt *st = db_prepare(c,
				 "INSERT INTO audit_event (practice_id, seq, at, user_id, action, object_type, object_id, "
				 "patient_id, ip, outcome, reason, prev_hash, hash) "
				 "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
				 e);
	if (!st)
		return -1;
	db_bind_i64(st, 1, ev->practice_id);
	db_bind_i64(st, 2, seq);
	db_bind_text(st, 3, at);
	bind_id(st, 4, ev->user_id);
	db_bind_text(st, 5, ev->action);
	db_bind_text(st, 6, ev->object_type);
	bind_id(st, 7, ev->object_id);
	bind_id(st, 8, ev->patient_id);
	db_bind_text(st, 9, ev->ip);
	db_bind_text(st, 10, ev->outcome);
	db_bind_text(st, 11, ev->reason);
	db_bind_text(st, 12, prev);
	db_bind_text(st, 13, h);
	int rc = db_step(st, e);
	db_done(st);
	memcpy(prev, h, HASH_HEX_LEN);
	return rc == DB_ERR ? -1 : 0;
}

static int append_in_tx(db *c, const audit_event *ev, err *e)
{
	int64_t seq;
	char prev[HASH_HEX_LEN];
	if (load_head(c, ev->practice_id, &seq, prev, e) || insert_event(c, ev, seq + 1, prev, e))
		return -1;
	return store_head(c, ev->practice_id, seq + 1, prev, e);
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

int audit_append_many(db *c, const audit_event *evs, int n, err *e)
{
	struct head {
		int64_t practice, seq;
		char hash[HASH_HEX_LEN];
	} heads[16];
	int nh = 0, rc = 0;
	for (int i = 0; !rc && i < n; i++) {
		int k = 0;
		while (k < nh && heads[k].practice != evs[i].practice_id)
			k++;
		if (k == nh) {
			if (nh == 16) { /* many practices in one batch: flush the heads so far */
				for (int j = 0; !rc && j < nh; j++)
					rc = store_head(c, heads[j].practice, heads[j].seq, heads[j].hash, e);
				nh = k = 0;
			}
			heads[k].practice = evs[i].practice_id;
			rc = rc ? rc : load_head(c, heads[k].practice, &heads[k].seq, heads[k].hash, e);
			nh++;
		}
		if (!rc)
			rc = insert_event(c, &evs[i], ++heads[k].seq, heads[k].hash, e);
	}
	for (int j = 0; !rc && j < nh; j++)
		rc = store_head(c, heads[j].practice, heads[j].seq, heads[j].hash, e);
	return rc;
}

/* Exported for the writer: a batch in a transaction of its own. */
int audit_append_batch(db *c, const audit_event *evs, int n, err *e);
int audit_append_batch(db *c, const audit_event *evs, int n, err *e)
{
	if (db_begin(c, e))
		return -1;
	if (audit_append_many(c, evs, n, e)) {
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
	int64_t cur_practice = -1, expect_seq = 0, after_practice = -1, after_seq = 0;
	char prev[HASH_HEX_LEN] = "";
	int rc, result = 0;
	/* in pages of 10,000, so a long trail never has to fit in memory at once */
	for (int64_t got = 1; got && !result;) {
		db_stmt *st = db_prepare(c,
					 "SELECT id, practice_id, seq, at, user_id, action, object_type, object_id, patient_id, "
					 "ip, outcome, reason, prev_hash, hash FROM audit_event "
					 "WHERE (practice_id, seq) > ($1, $2) ORDER BY practice_id, seq LIMIT 10000",
					 e);
		if (!st)
			return -1;
		db_bindv(st, "ii", after_practice, after_seq);
		got = 0;
		while ((rc = db_step(st, e)) == DB_ROW) {
			got++;
			int64_t id = db_col_i64(st, 0), practice = db_col_i64(st, 1), seq = db_col_i64(st, 2);
			after_practice = practice;
			after_seq = seq;
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
	}
	if (result)
		return 1;
	/* the last event of each chain must be its head: a removed tail is caught here */
	db_stmt *st = db_prepare(c,
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

/* An event as the API shows it, in the order AUDIT_LIST selects it. */
static const field event_fields[] = {
	{"id", "a.id", F_INT}, {"at", "a.at", F_TEXT}, {"user_id", "a.user_id", F_INT},
	{"user_email", "u.email", F_TEXT}, {"action", "a.action", F_TEXT}, {"object_type", "a.object_type", F_TEXT},
	{"object_id", "a.object_id", F_INT}, {"patient_id", "a.patient_id", F_INT}, {"ip", "a.ip", F_TEXT},
	{"outcome", "a.outcome", F_TEXT}, {"reason", "a.reason", F_TEXT},
};
#define NEVENT (int)(sizeof event_fields / sizeof *event_fields)

int audit_list(db *c, int64_t practice_id, const audit_filter *f, json_t **out, err *e)
{
#define AUDIT_LIST(where)                                                                          \
	"SELECT a.id, a.at, a.user_id, u.email, a.action, a.object_type, a.object_id, a.patient_id, "  \
	"a.ip, a.outcome, a.reason FROM audit_event a LEFT JOIN app_user u ON u.id = a.user_id "        \
	"WHERE a.practice_id = $1 AND " where " AND a.at >= $3 AND a.at <= $4 AND a.id < $5 "           \
	"ORDER BY a.id DESC LIMIT $6"
	/* one statement per filter so each uses its index ($7 only with both filters) */
	const char *sql = f->patient_id && f->user_id ? AUDIT_LIST("a.patient_id = $2 AND a.user_id = $7")
			  : f->patient_id	      ? AUDIT_LIST("a.patient_id = $2")
			  : f->user_id		      ? AUDIT_LIST("a.user_id = $2")
						      : AUDIT_LIST("a.practice_id = $2");
	int64_t key = f->patient_id ? f->patient_id : f->user_id ? f->user_id : practice_id;
	db_stmt *st = db_prepare(c, sql, e);
	if (!st)
		return -1;
	db_bindv(st, "iissii", practice_id, key, f->from ? f->from : "", f->to ? f->to : "9999",
		 f->before_id ? f->before_id : INT64_MAX, (int64_t)f->limit + 1);
	if (f->patient_id && f->user_id)
		db_bind_i64(st, 7, f->user_id);
	json_t *items = json_array();
	int rc, n = 0;
	int64_t last = 0;
	while ((rc = db_step(st, e)) == DB_ROW) {
		if (++n > f->limit)
			break;
		last = db_col_i64(st, 0);
		json_array_append_new(items, rec_row(event_fields, NEVENT, st, 0));
	}
	db_done(st);
	if (rc == DB_ERR) {
		json_decref(items);
		return -1;
	}
	*out = rec_page(items, n > f->limit ? last : 0);
	return 0;
}
