/* capitation.c: capitation (see billing.h): the payer's monthly rosters, capitation
 * payments reconciled against them, the lines a contract covers, and revenue per member.
 *
 * The contract itself is a setup resource (setup.c, BR_CAPITATION). What its members' visits
 * post is decided in post_charges.c (nothing owed by the payer: CO-24, the copay the
 * patient's) and claim_scrub.c (the lines are encounter data, expected to pay nothing). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/timeutil.h"
#include "billing/billing.h"
#include "ledger/ledger.h"

#define MAX_ROSTER 100000
#define MAX_MEMBER_ID 80
#define MAX_RATE 10000000
#define MAX_REPORT_MONTHS 36

/* "2026-11" -> true, the month copied to out[8]. */
static bool month_valid(const char *s, char out[8])
{
	char d[11], day[16];
	if (!s || strlen(s) != 7)
		return false;
	snprintf(day, sizeof day, "%s-01", s);
	if (!date_normalise(day, d))
		return false;
	memcpy(out, d, 7);
	out[7] = 0;
	return true;
}

int capitation_for(ctx *x, int64_t payer, int64_t patient, const char *dos, capitation *c, err *e)
{
	memset(c, 0, sizeof *c);
	char month[8];
	if (!payer || !patient || !dos || strlen(dos) < 7)
		return 0;
	memcpy(month, dos, 7);
	month[7] = 0;
	db_stmt *st = db_prepare(x->db,
				 "SELECT k.id, k.carve_outs FROM capitation_contract k JOIN capitation_member m ON m.contract_id = k.id "
				 "WHERE k.practice_id = $1 AND k.payer_id = $2 AND k.effective_from <= $3 "
				 "AND (k.effective_to IS NULL OR k.effective_to >= $3) AND m.practice_id = $1 AND m.patient_id = $4 "
				 "AND m.month = $5 ORDER BY k.effective_from DESC LIMIT 1",
				 e);
	if (!st)
		return -1;
	db_bindv(st, "iisis", ctx_practice(x), payer, dos, patient, month);
	int rc = db_step(st, e);
	if (rc == DB_ROW) {
		c->contract_id = db_col_i64(st, 0);
		snprintf(c->carve_outs, sizeof c->carve_outs, "%s", db_col_text(st, 1));
	}
	db_done(st);
	return rc == DB_ERR ? -1 : 0;
}

bool capitation_covers(const capitation *c, const char *code)
{
	if (!c->contract_id)
		return false;
	size_t n = strlen(code);
	for (const char *p = c->carve_outs; *p;) {
		size_t k = strcspn(p, ",");
		if (k == n && !strncmp(p, code, n))
			return false;
		p += k + (p[k] == ',');
	}
	return true;
}

/* The contract's payer and period, or ERR_NOT_FOUND. */
static int contract_load(ctx *x, int64_t id, int64_t *payer, int64_t *pmpm, char from[11], char to[11], err *e)
{
	db_stmt *st = db_prepare(x->db,
				 "SELECT payer_id, pmpm_cents, effective_from, COALESCE(effective_to, '9999-12-31') "
				 "FROM capitation_contract WHERE id = $1 AND practice_id = $2",
				 e);
	if (!st)
		return -1;
	db_bindv(st, "ii", id, ctx_practice(x));
	int rc = db_step(st, e);
	if (rc == DB_ROW) {
		*payer = db_col_i64(st, 0);
		*pmpm = db_col_i64(st, 1);
		snprintf(from, 11, "%s", db_col_text(st, 2));
		snprintf(to, 11, "%s", db_col_text(st, 3));
	}
	db_done(st);
	if (rc != DB_ROW)
		return rc == DB_ERR ? -1 : err_set(e, ERR_NOT_FOUND, "capitation contract %lld not found", (long long)id);
	return 0;
}

/* A month the contract is in force for some of, or a field error. */
static int contract_month(const char *in, const char *from, const char *to, char month[8], err *e)
{
	if (!month_valid(in, month))
		return err_field(e, "month", "must be a month YYYY-MM");
	if (strncmp(month, from, 7) < 0 || strncmp(month, to, 7) > 0)
		return err_field(e, "month", "is outside the contract's period (%s to %s)", from, to);
	return 0;
}

/* A member id as payers write them: letters, digits and - or _, at most 80. */
static bool member_id_valid(const char *s)
{
	size_t n = s ? strlen(s) : 0;
	if (!n || n > MAX_MEMBER_ID)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z') || s[i] == '-' ||
		      s[i] == '_'))
			return false;
	return true;
}

int capitation_roster_put(ctx *x, int64_t contract, json_t *in, json_t **out, err *e)
{
	int64_t payer, pmpm;
	char from[11], to[11], month[8];
	if (contract_load(x, contract, &payer, &pmpm, from, to, e) ||
	    contract_month(json_string_value(json_object_get(in, "month")), from, to, month, e))
		return -1;
	json_t *members = json_object_get(in, "members");
	if (!json_is_array(members) || json_array_size(members) > MAX_ROSTER)
		return err_field(e, "members", "must be a list of at most %d {member_id, rate_cents?}", MAX_ROSTER);
	/* rows that cannot be read are reported by position; the others are kept */
	json_t *rejected = json_array();
	char now[TS_LEN];
	ts_now(now);
	int64_t kept = 0;
	bool own;
	int rc = db_tx_begin(x->db, &own, e);
	if (!rc && db_run(x->db, e, "DELETE FROM capitation_member WHERE contract_id = $1 AND month = $2", "is", contract, month) < 0)
		rc = -1;
	size_t i;
	json_t *m;
	json_array_foreach(members, i, m) {
		if (rc)
			break;
		const char *id = json_string_value(json_object_get(m, "member_id"));
		json_t *rate = json_object_get(m, "rate_cents");
		char at[48];
		const char *why = !member_id_valid(id) ? "member_id must be 1 to 80 letters, digits, - or _"
				  : rate && !json_is_null(rate) && (!json_is_integer(rate) || json_integer_value(rate) < 0 ||
								    json_integer_value(rate) > MAX_RATE)
				      ? "rate_cents must be a whole number of cents from 0 to 10000000"
				      : NULL;
		snprintf(at, sizeof at, "members[%zu]", i);
		if (why) {
			json_array_append_new(rejected, json_pack("{s:s, s:s}", "field", at, "message", why));
			continue;
		}
		int64_t cents = json_is_integer(rate) ? json_integer_value(rate) : pmpm;
		int64_t n = db_run(x->db, e,
				   "INSERT INTO capitation_member (practice_id, contract_id, month, member_id, rate_cents, created_at) "
				   "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING",
				   "iissis", ctx_practice(x), contract, month, id, cents, now);
		if (n == 0)
			json_array_append_new(rejected, json_pack("{s:s, s:s}", "field", at, "message", "member_id is listed twice"));
		rc = n < 0 ? -1 : 0;
		kept += n > 0;
	}
	/* each member is the patient whose coverage with the payer carries the member id */
	if (!rc && db_run(x->db, e,
			  "UPDATE capitation_member SET patient_id = (SELECT cv.patient_id FROM coverage cv WHERE cv.practice_id = $1 "
			  "AND cv.payer_id = $2 AND cv.member_id = capitation_member.member_id ORDER BY cv.active DESC, cv.id DESC LIMIT 1) "
			  "WHERE contract_id = $3 AND month = $4",
			  "iiis", ctx_practice(x), payer, contract, month) < 0)
		rc = -1;
	char why[64];
	snprintf(why, sizeof why, "roster %s: %lld members", month, (long long)kept);
	if (!rc)
		rc = ctx_audit(x, "capitation.roster", "capitation_contract", contract, 0, why, e);
	if (db_tx_end(x->db, own, rc, e)) {
		json_decref(rejected);
		return -1;
	}
	if (capitation_reconcile(x, contract, month, out, e)) {
		json_decref(rejected);
		return -1;
	}
	json_object_set_new(*out, "rejected", rejected);
	return 0;
}

int capitation_roster_get(ctx *x, int64_t contract, const char *month_in, int limit, int64_t after, json_t **out, err *e)
{
	int64_t payer, pmpm;
	char from[11], to[11], month[8];
	if (contract_load(x, contract, &payer, &pmpm, from, to, e) || contract_month(month_in, from, to, month, e))
		return -1;
	db_stmt *st = db_prepare(x->db,
				 "SELECT m.id, m.member_id, m.rate_cents, m.patient_id, p.mrn, p.family_name, p.given_name "
				 "FROM capitation_member m LEFT JOIN patient p ON p.id = m.patient_id "
				 "WHERE m.contract_id = $1 AND m.month = $2 AND m.id > $3 ORDER BY m.id LIMIT $4",
				 e);
	if (!st)
		return -1;
	db_bindv(st, "isii", contract, month, after, (int64_t)limit + 1);
	json_t *items = json_array();
	int rc, n = 0;
	int64_t last = 0;
	while ((rc = db_step(st, e)) == DB_ROW && n < limit) {
		last = db_col_i64(st, 0);
		bool known = !db_col_null(st, 3);
		json_array_append_new(items, json_pack("{s:s, s:I, s:o, s:o, s:o}", "member_id", db_col_text(st, 1), "rate_cents",
						       (json_int_t)db_col_i64(st, 2), "patient_id",
						       known ? json_integer(db_col_i64(st, 3)) : json_null(), "mrn",
						       known ? json_string(db_col_text(st, 4)) : json_null(), "patient_name",
						       known ? json_sprintf("%s, %s", db_col_text(st, 5), db_col_text(st, 6)) : json_null()));
		n++;
	}
	bool more = rc == DB_ROW;
	db_done(st);
	if (rc == DB_ERR) {
		json_decref(items);
		return -1;
	}
	*out = json_pack("{s:I, s:s, s:o, s:o}", "contract_id", (json_int_t)contract, "month", month, "items", items, "next_cursor",
			 more ? json_integer(last) : json_null());
	ctx_audit_read(x, "capitation.roster.read", "capitation_contract", contract, 0);
	return 0;
}

int capitation_payment_post(ctx *x, json_t *in, const char *idem, json_t **out, err *e)
{
	int64_t contract = json_integer_value(json_object_get(in, "contract_id")), payer, pmpm;
	char from[11], to[11], month[8];
	if (contract_load(x, contract, &payer, &pmpm, from, to, e)) {
		if (e->code != ERR_NOT_FOUND)
			return -1;
		err_clear(e);
		return err_field(e, "contract_id", "is not one of this practice's capitation contracts");
	}
	contract_month(json_string_value(json_object_get(in, "month")), from, to, month, e);
	json_t *amt = json_object_get(in, "amount_cents");
	if (!json_is_integer(amt) || !json_integer_value(amt) || llabs(json_integer_value(amt)) > 1000000000000LL)
		err_field(e, "amount_cents", "must be a non-zero amount in cents (negative for a payer's take-back)");
	static const char *const methods[] = {"eft", "check", "other", NULL};
	const char *method = json_string_value(json_object_get(in, "method")), *ref = json_string_value(json_object_get(in, "reference"));
	bool known = false;
	for (int k = 0; method && methods[k]; k++)
		known = known || !strcmp(method, methods[k]);
	if (!known)
		err_field(e, "method", "must be eft, check or other");
	if (ref && strlen(ref) > 80)
		err_field(e, "reference", "must be at most 80 characters");
	char day[11] = "";
	const char *rd = json_string_value(json_object_get(in, "received_on"));
	if (rd && !date_normalise(rd, day))
		err_field(e, "received_on", "must be a date YYYY-MM-DD");
	json_t *detail = json_object_get(in, "members"), *m;
	size_t i;
	if (detail && (!json_is_array(detail) || json_array_size(detail) > MAX_ROSTER))
		err_field(e, "members", "must be a list of at most %d {member_id, amount_cents}", MAX_ROSTER);
	else
		json_array_foreach(detail, i, m) if (!member_id_valid(json_string_value(json_object_get(m, "member_id"))) ||
						     !json_is_integer(json_object_get(m, "amount_cents"))) {
			char f[48];
			snprintf(f, sizeof f, "members[%zu]", i);
			err_field(e, f, "must be {member_id, amount_cents}");
			break;
		}
	if (err_has_fields(e))
		return -1;
	int64_t cents = json_integer_value(amt), entry = 0, payment = 0;
	char why[24];
	snprintf(why, sizeof why, "capitation %s", month);
	ledger_line lines[] = {{ACCT_CASH, cents, 0, 0, 0, NULL, NULL}, {ACCT_CAPITATION, -cents, 0, 0, 0, NULL, NULL}};
	ledger_entry en = {.kind = "capitation_payment", .effective_date = *day ? day : NULL, .payer_id = payer, .method = method,
			   .reference = ref, .reason = why, .idempotency_key = idem, .lines = lines, .nlines = 2};
	bool own, dup = false;
	char now[TS_LEN];
	ts_now(now);
	int rc = db_tx_begin(x->db, &own, e) || ledger_post(x, &en, &entry, &dup, e) ? -1 : 0;
	if (!rc && !dup)
		rc = db_one_i64(x->db, e, &payment,
				"INSERT INTO capitation_payment (practice_id, contract_id, month, amount_cents, entry_id, created_at) "
				"VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
				"iisiis", ctx_practice(x), contract, month, cents, entry, now) < 0
			     ? -1
			     : 0;
	json_array_foreach(detail, i, m) {
		if (rc || dup)
			break;
		int64_t n = db_run(x->db, e,
				   "INSERT INTO capitation_payment_member (payment_id, member_id, amount_cents) VALUES ($1, $2, $3) "
				   "ON CONFLICT DO NOTHING",
				   "isi", payment, json_string_value(json_object_get(m, "member_id")),
				   (int64_t)json_integer_value(json_object_get(m, "amount_cents")));
		if (n == 0) {
			char f[48];
			snprintf(f, sizeof f, "members[%zu]", i);
			rc = err_field(e, f, "member_id is listed twice");
		} else if (n < 0)
			rc = -1;
	}
	if (db_tx_end(x->db, own, rc, e) || capitation_reconcile(x, contract, month, out, e))
		return -1;
	json_object_set_new(*out, "entry_id", json_integer(entry));
	json_object_set_new(*out, "duplicate", json_boolean(dup));
	return 0;
}

/* Appends the rows of `sql` (member_id, expected, paid) to a new array under key. */
static int member_rows(ctx *x, json_t *o, const char *key, const char *sql, int64_t contract, const char *month, err *e)
{
	db_stmt *st = db_prepare(x->db, sql, e);
	if (!st)
		return -1;
	db_bindv(st, "is", contract, month);
	json_t *a = json_array();
	int rc;
	while ((rc = db_step(st, e)) == DB_ROW)
		json_array_append_new(a, json_pack("{s:s, s:o, s:I, s:I}", "member_id", db_col_text(st, 0), "patient_id",
						   db_col_null(st, 3) ? json_null() : json_integer(db_col_i64(st, 3)), "expected_cents",
						   (json_int_t)db_col_i64(st, 1), "paid_cents", (json_int_t)db_col_i64(st, 2)));
	db_done(st);
	json_object_set_new(o, key, a);
	return rc == DB_ERR ? -1 : 0;
}

/* The payments of a contract's month that stand (not reversed). */
#define STANDING "FROM capitation_payment cp WHERE cp.contract_id = $1 AND cp.month = $2 " \
		 "AND NOT EXISTS (SELECT 1 FROM journal_entry r WHERE r.reverses = cp.entry_id)"
/* What each member was paid by the standing payments that list members. */
#define PAID_BY_MEMBER "SELECT pm.member_id, SUM(pm.amount_cents) AS cents FROM capitation_payment_member pm " \
		       "WHERE pm.payment_id IN (SELECT cp.id " STANDING ") GROUP BY pm.member_id"

int capitation_reconcile(ctx *x, int64_t contract, const char *month_in, json_t **out, err *e)
{
	int64_t payer, pmpm, members = 0, matched = 0, expected = 0, paid = 0, detailed = 0;
	char from[11], to[11], month[8];
	if (contract_load(x, contract, &payer, &pmpm, from, to, e) || contract_month(month_in, from, to, month, e))
		return -1;
	if (db_one_i64(x->db, e, &members, "SELECT COUNT(*) FROM capitation_member WHERE contract_id = $1 AND month = $2", "is",
		       contract, month) < 0 ||
	    db_one_i64(x->db, e, &matched,
		       "SELECT COUNT(*) FROM capitation_member WHERE contract_id = $1 AND month = $2 AND patient_id IS NOT NULL", "is",
		       contract, month) < 0 ||
	    db_one_i64(x->db, e, &expected,
		       "SELECT COALESCE(SUM(rate_cents), 0) FROM capitation_member WHERE contract_id = $1 AND month = $2", "is",
		       contract, month) < 0 ||
	    db_one_i64(x->db, e, &paid, "SELECT COALESCE(SUM(cp.amount_cents), 0) " STANDING, "is", contract, month) < 0 ||
	    db_one_i64(x->db, e, &detailed,
		       "SELECT COUNT(*) FROM capitation_payment_member WHERE payment_id IN (SELECT cp.id " STANDING ")", "is",
		       contract, month) < 0)
		return -1;
	const char *status = !members ? "no roster" : !paid ? "not paid" : paid == expected ? "reconciled"
						     : paid < expected	   ? "underpaid"
									   : "overpaid";
	json_t *payments = json_array();
	*out = json_pack("{s:I, s:s, s:I, s:I, s:I, s:I, s:I, s:I, s:s, s:o}", "contract_id", (json_int_t)contract, "month", month,
			 "members", (json_int_t)members, "matched", (json_int_t)matched, "unmatched", (json_int_t)(members - matched),
			 "expected_cents", (json_int_t)expected, "paid_cents", (json_int_t)paid, "difference_cents",
			 (json_int_t)(paid - expected), "status", status, "payments", payments);
	db_stmt *st = db_prepare(x->db,
				 "SELECT cp.id, cp.entry_id, cp.amount_cents, j.effective_date, j.method, j.reference, "
				 "(SELECT r.id FROM journal_entry r WHERE r.reverses = cp.entry_id) "
				 "FROM capitation_payment cp JOIN journal_entry j ON j.id = cp.entry_id "
				 "WHERE cp.contract_id = $1 AND cp.month = $2 ORDER BY cp.id",
				 e);
	if (!st)
		goto fail;
	db_bindv(st, "is", contract, month);
	int rc;
	while ((rc = db_step(st, e)) == DB_ROW)
		json_array_append_new(payments,
				      json_pack("{s:I, s:I, s:I, s:s, s:s, s:o, s:o}", "id", (json_int_t)db_col_i64(st, 0), "entry_id",
						(json_int_t)db_col_i64(st, 1), "amount_cents", (json_int_t)db_col_i64(st, 2), "received_on",
						db_col_text(st, 3), "method", db_col_text(st, 4), "reference",
						db_col_null(st, 5) ? json_null() : json_string(db_col_text(st, 5)), "reversed_by",
						db_col_null(st, 6) ? json_null() : json_integer(db_col_i64(st, 6))));
	db_done(st);
	if (rc == DB_ERR)
		goto fail;
	/* with the payer's member detail: who was not paid, paid without being on the roster,
	 * or paid another amount than the roster's (at most 500 of each) */
	if (detailed &&
	    (member_rows(x, *out, "unpaid",
			 "SELECT m.member_id, m.rate_cents, 0, m.patient_id FROM capitation_member m WHERE m.contract_id = $1 "
			 "AND m.month = $2 AND m.member_id NOT IN (SELECT member_id FROM (" PAID_BY_MEMBER ") pb) "
			 "ORDER BY m.member_id LIMIT 500",
			 contract, month, e) ||
	     member_rows(x, *out, "not_on_roster",
			 "SELECT pb.member_id, 0, pb.cents, NULL FROM (" PAID_BY_MEMBER ") pb WHERE pb.member_id NOT IN "
			 "(SELECT m.member_id FROM capitation_member m WHERE m.contract_id = $1 AND m.month = $2) "
			 "ORDER BY pb.member_id LIMIT 500",
			 contract, month, e) ||
	     member_rows(x, *out, "wrong_amount",
			 "SELECT m.member_id, m.rate_cents, pb.cents, m.patient_id FROM capitation_member m JOIN (" PAID_BY_MEMBER
			 ") pb ON pb.member_id = m.member_id WHERE m.contract_id = $1 AND m.month = $2 AND pb.cents <> m.rate_cents "
			 "ORDER BY m.member_id LIMIT 500",
			 contract, month, e)))
		goto fail;
	return 0;
fail:
	json_decref(*out);
	*out = NULL;
	return -1;
}

int capitation_report(ctx *x, const char *from_in, const char *to_in, json_t **out, err *e)
{
	char from[8], to[8];
	if (!month_valid(from_in, from))
		err_field(e, "from", "must be a month YYYY-MM");
	if (!month_valid(to_in, to))
		err_field(e, "to", "must be a month YYYY-MM");
	if (err_has_fields(e))
		return -1;
	if (strcmp(to, from) < 0)
		return err_field(e, "to", "must not be before from");
	if ((atoi(to) * 12 + atoi(to + 5)) - (atoi(from) * 12 + atoi(from + 5)) >= MAX_REPORT_MONTHS)
		return err_field(e, "to", "the report covers at most %d months", MAX_REPORT_MONTHS);
	/* per contract and month: the roster, what was paid, and the members' capitated visits
	 * (their claims' lines covered by the contract) with what they would have charged */
	db_stmt *st = db_prepare(
		x->db,
		"SELECT k.id, k.name, y.name, m.month, COUNT(*), SUM(m.rate_cents), "
		"(SELECT COALESCE(SUM(cp.amount_cents), 0) FROM capitation_payment cp WHERE cp.contract_id = k.id AND cp.month = m.month "
		" AND NOT EXISTS (SELECT 1 FROM journal_entry r WHERE r.reverses = cp.entry_id)), "
		"(SELECT COUNT(DISTINCT c.encounter_id) FROM claim c WHERE c.practice_id = k.practice_id AND c.payer_id = k.payer_id "
		" AND c.replaced_by IS NULL AND c.service_date >= m.month || '-01' AND c.service_date <= m.month || '-31' "
		" AND EXISTS (SELECT 1 FROM claim_line cl WHERE cl.claim_id = c.id AND cl.capitated = 1)), "
		"(SELECT COALESCE(SUM(cl.charge_cents), 0) FROM claim c JOIN claim_line cl ON cl.claim_id = c.id "
		" WHERE c.practice_id = k.practice_id AND c.payer_id = k.payer_id AND c.replaced_by IS NULL AND cl.capitated = 1 "
		" AND c.service_date >= m.month || '-01' AND c.service_date <= m.month || '-31') "
		"FROM capitation_member m JOIN capitation_contract k ON k.id = m.contract_id JOIN payer y ON y.id = k.payer_id "
		"WHERE m.practice_id = $1 AND m.month >= $2 AND m.month <= $3 GROUP BY k.id, k.name, y.name, m.month, k.practice_id, "
		"k.payer_id ORDER BY k.name, k.id, m.month",
		e);
	if (!st)
		return -1;
	db_bindv(st, "iss", ctx_practice(x), from, to);
	json_t *rows = json_array();
	int64_t t_members = 0, t_expected = 0, t_paid = 0, t_visits = 0, t_charges = 0;
	int rc;
	while ((rc = db_step(st, e)) == DB_ROW) {
		int64_t members = db_col_i64(st, 4), expected = db_col_i64(st, 5), paid = db_col_i64(st, 6), visits = db_col_i64(st, 7),
			charges = db_col_i64(st, 8);
		t_members += members;
		t_expected += expected;
		t_paid += paid;
		t_visits += visits;
		t_charges += charges;
		json_array_append_new(
			rows, json_pack("{s:I, s:s, s:s, s:s, s:I, s:I, s:I, s:I, s:I, s:I, s:I}", "contract_id", (json_int_t)db_col_i64(st, 0),
					"contract", db_col_text(st, 1), "payer", db_col_text(st, 2), "month", db_col_text(st, 3), "members",
					(json_int_t)members, "expected_cents", (json_int_t)expected, "paid_cents", (json_int_t)paid,
					"revenue_per_member_cents", (json_int_t)(members ? paid / members : 0), "visits",
					(json_int_t)visits, "capitated_charges_cents", (json_int_t)charges,
					"charges_per_member_cents", (json_int_t)(members ? charges / members : 0)));
	}
	db_done(st);
	if (rc == DB_ERR) {
		json_decref(rows);
		return -1;
	}
	*out = json_pack("{s:s, s:s, s:o, s:{s:I, s:I, s:I, s:I, s:I, s:I, s:I}}", "from", from, "to", to, "rows", rows, "totals",
			 "member_months", (json_int_t)t_members, "expected_cents", (json_int_t)t_expected, "paid_cents",
			 (json_int_t)t_paid, "revenue_per_member_cents", (json_int_t)(t_members ? t_paid / t_members : 0), "visits",
			 (json_int_t)t_visits, "capitated_charges_cents", (json_int_t)t_charges, "visits_per_1000_member_months",
			 (json_int_t)(t_members ? t_visits * 1000 / t_members : 0));
	return 0;
}
