/* journal.c: balanced entries, reversals and the chart of accounts (see ledger.h). */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/timeutil.h"
#include "ledger/ledger.h"
#include "registry/registry.h"

static const struct {
	const char *code, *name, *type;
} system_accounts[] = {
	{ACCT_CASH, "Cash and deposits", "asset"},
	{ACCT_AR_INSURANCE, "Accounts receivable: insurance", "asset"},
	{ACCT_AR_PATIENT, "Accounts receivable: patients", "asset"},
	{ACCT_CREDIT, "Patient credits not yet applied", "liability"},
	{ACCT_REVENUE, "Patient service revenue", "revenue"},
	{ACCT_CONTRACTUAL, "Contractual adjustments", "contra_revenue"},
	{ACCT_ADJUSTMENT, "Other adjustments", "contra_revenue"},
	{ACCT_WRITEOFF, "Write-offs", "contra_revenue"},
	{ACCT_CAPITATION, "Capitation revenue", "revenue"},
	{ACCT_CAPITATED, "Services covered by capitation", "contra_revenue"},
};
#define NACCOUNTS (sizeof system_accounts / sizeof *system_accounts)

static bool system_account(const char *code)
{
	for (size_t i = 0; i < NACCOUNTS; i++)
		if (!strcmp(code, system_accounts[i].code))
			return true;
	return false;
}

/* The practice's system accounts, created on first use. Each thread remembers the last
 * practice (and database) it found complete, so a run of postings asks once. */
static int ensure_accounts(ctx *x, bool force, err *e)
{
	static _Thread_local struct {
		const db *c;
		int64_t practice;
	} known;
	if (!force && known.c == x->db && known.practice == ctx_practice(x))
		return 0;
	int64_t n;
	if (db_one_i64(x->db, e, &n, "SELECT COUNT(*) FROM ledger_account WHERE practice_id = $1", "i", ctx_practice(x)) < 0)
		return -1;
	for (size_t i = 0; n < (int64_t)NACCOUNTS && i < NACCOUNTS; i++)
		if (db_run(x->db, e,
			   "INSERT INTO ledger_account (practice_id, code, name, type) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
			   "isss", ctx_practice(x), system_accounts[i].code, system_accounts[i].name, system_accounts[i].type) < 0)
			return -1;
	if (n == (int64_t)NACCOUNTS) { /* complete and committed before: created now, they could still roll back */
		known.c = x->db;
		known.practice = ctx_practice(x);
	}
	return 0;
}

#define LINE_COLS 11
#define ROWS_PER_INSERT 16

/* "INSERT INTO journal_line (...) VALUES ($1..$11), ... " for 1 to ROWS_PER_INSERT rows,
 * written once per process. */
static char *insert_sql[ROWS_PER_INSERT + 1];
static pthread_once_t insert_sql_once = PTHREAD_ONCE_INIT;

static void make_insert_sql(void)
{
	for (int n = 1; n <= ROWS_PER_INSERT; n++) {
		buf b;
		buf_init(&b, 1 << 16);
		buf_adds(&b, "INSERT INTO journal_line (entry_id, practice_id, account, amount_cents, patient_id, payer_id, charge_id, "
			     "group_code, reason_code, effective_date, service_date) VALUES ");
		for (int r = 0; r < n; r++) {
			buf_adds(&b, r ? ", (" : "(");
			for (int c = 1; c <= LINE_COLS; c++)
				buf_addf(&b, "%s$%d", c > 1 ? ", " : "", r * LINE_COLS + c);
			buf_adds(&b, ")");
		}
		insert_sql[n] = buf_detach(&b);
	}
}

static void bind_opt(db_stmt *st, int i, int64_t v)
{
	if (v)
		db_bind_i64(st, i, v);
	else
		db_bind_null(st, i);
}

/* The entry's non-zero lines, up to ROWS_PER_INSERT to a statement. A charge's line takes
 * its date of service from the caller, else from the charge's encounter. */
static int insert_lines(ctx *x, int64_t entry, const ledger_entry *en, const char *date, err *e)
{
	pthread_once(&insert_sql_once, make_insert_sql);
	const ledger_line *keep[ROWS_PER_INSERT];
	bool undated = false;
	for (int i = 0; i < en->nlines;) {
		int n = 0;
		for (; i < en->nlines && n < ROWS_PER_INSERT; i++)
			if (en->lines[i].amount_cents)
				keep[n++] = &en->lines[i];
		if (!n)
			break;
		db_stmt *st = db_prepare(x->db, insert_sql[n], e);
		if (!st)
			return -1;
		for (int r = 0; r < n; r++) {
			const ledger_line *l = keep[r];
			int b = r * LINE_COLS;
			db_bind_i64(st, b + 1, entry);
			db_bind_i64(st, b + 2, ctx_practice(x));
			db_bind_text(st, b + 3, l->account);
			db_bind_i64(st, b + 4, l->amount_cents);
			bind_opt(st, b + 5, l->patient_id);
			bind_opt(st, b + 6, l->payer_id);
			bind_opt(st, b + 7, l->charge_id);
			db_bind_text(st, b + 8, l->group);
			db_bind_text(st, b + 9, l->reason);
			db_bind_text(st, b + 10, date);
			db_bind_text(st, b + 11, l->charge_id ? l->service_date : NULL);
			undated = undated || (l->charge_id && !l->service_date);
		}
		int rc = db_step(st, e);
		db_done(st);
		if (rc == DB_ERR)
			return -1;
	}
	/* a charge's date of service the caller did not know */
	return undated && db_run(x->db, e,
		      "UPDATE journal_line SET service_date = (SELECT en.service_date FROM charge c JOIN encounter en "
		      "ON en.id = c.encounter_id WHERE c.id = journal_line.charge_id) WHERE entry_id = $1 AND charge_id IS NOT NULL "
		      "AND service_date IS NULL",
		      "i", entry) < 0
		       ? -1
		       : 0;
}

int ledger_post(ctx *x, const ledger_entry *en, int64_t *id, bool *duplicate, err *e)
{
	int64_t sum = 0, entry = 0;
	int kept = 0;
	for (int i = 0; i < en->nlines; i++) {
		if (!system_account(en->lines[i].account))
			return err_set(e, ERR_INTERNAL, "ledger: unknown account %s", en->lines[i].account);
		sum += en->lines[i].amount_cents;
		kept += en->lines[i].amount_cents != 0;
	}
	if (sum)
		return err_set(e, ERR_INTERNAL, "ledger: a %s entry does not balance (%lld cents)", en->kind, (long long)sum);
	if (duplicate)
		*duplicate = false;
	bool own;
	if (db_tx_begin(x->db, &own, e))
		return -1;
	int rc = 0;
	if (en->idempotency_key && !en->key_is_new) {
		int found = db_one_i64(x->db, e, &entry,
				       "SELECT id FROM journal_entry WHERE practice_id = $1 AND idempotency_key = $2", "is",
				       ctx_practice(x), en->idempotency_key);
		if (found < 0)
			rc = -1;
		else if (found) {
			if (duplicate)
				*duplicate = true;
			if (id)
				*id = entry;
			return db_tx_end(x->db, own, 0, e);
		}
	}
	char now[TS_LEN], today[11];
	ts_now(now);
	practice_today(x->db, ctx_practice(x), today);
	if (!rc)
		rc = ensure_accounts(x, false, e);
	if (!rc && !kept) /* nothing moves: no entry (an all-zero posting is not an event) */
		return db_tx_end(x->db, own, 0, e);
	if (!rc)
		rc = db_one_i64(x->db, e, &entry,
				"INSERT INTO journal_entry (practice_id, kind, effective_date, patient_id, payer_id, claim_id, "
				"remittance_id, method, reference, reason, reverses, idempotency_key, created_by, created_at) "
				"VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id",
				"issnnnnsssnsns", ctx_practice(x), en->kind, en->effective_date ? en->effective_date : today,
				en->patient_id, en->payer_id, en->claim_id, en->remittance_id, en->method, en->reference, en->reason,
				en->reverses, en->idempotency_key, ctx_user(x), now) < 0
			     ? -1
			     : 0;
	if (!rc)
		rc = insert_lines(x, entry, en, en->effective_date ? en->effective_date : today, e);
	if (!rc) {
		char action[40];
		snprintf(action, sizeof action, "ledger.%s", en->kind);
		rc = ctx_audit(x, action, "journal_entry", entry, en->patient_id, en->reason, e);
	}
	rc = db_tx_end(x->db, own, rc, e);
	if (!rc && id)
		*id = entry;
	return rc;
}

int ledger_reverse(ctx *x, int64_t id, const char *reason, int64_t *out_id, err *e)
{
	json_t *orig;
	if (ledger_entry_get(x, id, &orig, e))
		return -1;
	if (!json_is_null(json_object_get(orig, "reversed_by")) || !strcmp(json_string_value(json_object_get(orig, "kind")), "reversal")) {
		json_decref(orig);
		return err_set(e, ERR_CONFLICT, "entry %lld is a reversal or has been reversed already", (long long)id);
	}
	json_t *lines = json_object_get(orig, "lines"), *l;
	size_t n = json_array_size(lines), i;
	ledger_line *ll = calloc(n ? n : 1, sizeof *ll);
	if (!ll) {
		json_decref(orig);
		return err_set(e, ERR_INTERNAL, "out of memory");
	}
	json_array_foreach(lines, i, l) {
		ll[i].account = json_string_value(json_object_get(l, "account"));
		ll[i].amount_cents = -json_integer_value(json_object_get(l, "amount_cents"));
		ll[i].patient_id = json_integer_value(json_object_get(l, "patient_id"));
		ll[i].payer_id = json_integer_value(json_object_get(l, "payer_id"));
		ll[i].charge_id = json_integer_value(json_object_get(l, "charge_id"));
		ll[i].group = json_string_value(json_object_get(l, "group"));
		ll[i].reason = json_string_value(json_object_get(l, "reason"));
	}
	ledger_entry en = {.kind = "reversal",
			   .patient_id = json_integer_value(json_object_get(orig, "patient_id")),
			   .payer_id = json_integer_value(json_object_get(orig, "payer_id")),
			   .claim_id = json_integer_value(json_object_get(orig, "claim_id")),
			   .remittance_id = json_integer_value(json_object_get(orig, "remittance_id")),
			   .reverses = id,
			   .reason = reason,
			   .lines = ll,
			   .nlines = (int)n};
	int rc = ledger_post(x, &en, out_id, NULL, e);
	if (rc && e->code == ERR_CONFLICT) /* reverses is unique: another reversal won the race */
		err_set(e, ERR_CONFLICT, "entry %lld has been reversed already", (long long)id);
	free(ll);
	json_decref(orig);
	return rc;
}

static json_t *opt_i(db_stmt *st, int c) { return db_col_null(st, c) ? json_null() : json_integer(db_col_i64(st, c)); }
static json_t *opt_s(db_stmt *st, int c) { return db_col_null(st, c) ? json_null() : json_string(db_col_text(st, c)); }

int ledger_entry_get(ctx *x, int64_t id, json_t **out, err *e)
{
	db_stmt *st = db_prepare(x->db,
				 "SELECT j.id, j.kind, j.effective_date, j.patient_id, j.payer_id, j.claim_id, j.method, j.reference, "
				 "j.reason, j.reverses, (SELECT r.id FROM journal_entry r WHERE r.reverses = j.id), j.created_at, "
				 "j.remittance_id FROM journal_entry j WHERE j.id = $1 AND j.practice_id = $2",
				 e);
	if (!st)
		return -1;
	db_bindv(st, "ii", id, ctx_practice(x));
	int rc = db_step(st, e);
	if (rc != DB_ROW) {
		db_done(st);
		return rc == DB_ERR ? -1 : err_set(e, ERR_NOT_FOUND, "journal entry %lld not found", (long long)id);
	}
	json_t *o = json_pack("{s:I, s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:s, s:o}", "id", (json_int_t)db_col_i64(st, 0),
			      "kind", db_col_text(st, 1), "effective_date", db_col_text(st, 2), "patient_id", opt_i(st, 3),
			      "payer_id", opt_i(st, 4), "claim_id", opt_i(st, 5), "method", opt_s(st, 6), "reference",
			      opt_s(st, 7), "reason", opt_s(st, 8), "reverses", opt_i(st, 9), "reversed_by", opt_i(st, 10),
			      "created_at", db_col_text(st, 11), "remittance_id", opt_i(st, 12));
	db_done(st);
	json_t *lines = json_array();
	json_object_set_new(o, "lines", lines);
	st = db_prepare(x->db,
			"SELECT account, amount_cents, patient_id, payer_id, charge_id, group_code, reason_code FROM journal_line "
			"WHERE entry_id = $1 ORDER BY id",
			e);
	if (!st) {
		json_decref(o);
		return -1;
	}
	db_bind_i64(st, 1, id);
	while ((rc = db_step(st, e)) == DB_ROW)
		json_array_append_new(lines, json_pack("{s:s, s:I, s:o, s:o, s:o, s:o, s:o}", "account", db_col_text(st, 0),
						       "amount_cents", (json_int_t)db_col_i64(st, 1), "patient_id", opt_i(st, 2),
						       "payer_id", opt_i(st, 3), "charge_id", opt_i(st, 4), "group", opt_s(st, 5),
						       "reason", opt_s(st, 6)));
	db_done(st);
	if (rc == DB_ERR) {
		json_decref(o);
		return -1;
	}
	*out = o;
	return 0;
}

int ledger_charge_balance(ctx *x, int64_t charge_id, int64_t payer_id, int64_t *cents, err *e)
{
	return db_one_i64(x->db, e, cents,
			  payer_id ? "SELECT COALESCE(SUM(amount_cents), 0) FROM journal_line WHERE charge_id = $1 AND account = '1100' "
				     "AND payer_id = $2 AND practice_id = $3"
				   : "SELECT COALESCE(SUM(amount_cents), 0) FROM journal_line WHERE charge_id = $1 AND account = '1110' "
				     "AND $2 = 0 AND practice_id = $3",
			  "iii", charge_id, payer_id, ctx_practice(x)) < 0
		       ? -1
		       : 0;
}

int ledger_accounts(ctx *x, json_t **out, err *e)
{
	bool own;
	if (db_tx_begin(x->db, &own, e) || db_tx_end(x->db, own, ensure_accounts(x, true, e), e))
		return -1;
	db_stmt *st = db_prepare(x->db, "SELECT code, name, type FROM ledger_account WHERE practice_id = $1 ORDER BY code", e);
	if (!st)
		return -1;
	db_bind_i64(st, 1, ctx_practice(x));
	json_t *a = json_array();
	int rc;
	while ((rc = db_step(st, e)) == DB_ROW)
		json_array_append_new(a, json_pack("{s:s, s:s, s:s}", "code", db_col_text(st, 0), "name", db_col_text(st, 1), "type",
						   db_col_text(st, 2)));
	db_done(st);
	if (rc == DB_ERR) {
		json_decref(a);
		return -1;
	}
	*out = json_pack("{s:o}", "items", a);
	return 0;
}
