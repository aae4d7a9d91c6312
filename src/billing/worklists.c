/* worklists.c: what the posting of remittances leaves for people (see billing.h
 * posting_worklist): denials to work (appealed, resubmitted, written off, closed), underpayments
 * to query, exceptions to resolve. */
#include <stdio.h>
#include <string.h>

#include "billing/billing.h"
#include "billing/scrub.h"
#include "ledger/ledger.h"

/* Each list binds $1 practice, $2 status ('' any), $3 cursor, $4 limit; and as its `bind`
 * says, $5 payer (0 any) and $6 a reason pattern ('' any). */
static const struct {
	const char *name, *sql, *bind, *fmt; /* columns: id first, then JSON fields named in fmt order */
	const char *const cols[12];
} lists[] = {
	{"denial",
	 "SELECT d.id, d.claim_id, d.line_no, c.patient_id, d.payer_id, y.name, d.amount_cents, d.reasons, d.denied_on, d.appeal_by, "
	 "d.status FROM denial d JOIN claim c ON c.id = d.claim_id JOIN payer y ON y.id = d.payer_id "
	 "WHERE d.practice_id = $1 AND ($2 = '' OR d.status = $2) AND d.id > $3 AND ($5 = 0 OR d.payer_id = $5) "
	 "AND ($6 = '' OR ',' || d.reasons || ',' LIKE $6) ORDER BY d.id LIMIT $4",
	 "isiiis", "iiiiisissss",
	 {"id", "claim_id", "line_no", "patient_id", "payer_id", "payer_name", "amount_cents", "reasons", "denied_on", "appeal_by",
	  "status"}},
	{"underpayment",
	 "SELECT u.id, u.claim_id, u.line_no, c.patient_id, u.payer_id, y.name, u.expected_cents, u.allowed_cents, u.paid_cents, "
	 "u.expected_cents - u.allowed_cents, u.status FROM underpayment u JOIN claim c ON c.id = u.claim_id "
	 "JOIN payer y ON y.id = u.payer_id WHERE u.practice_id = $1 AND ($2 = '' OR u.status = $2) AND u.id > $3 "
	 "AND ($5 = 0 OR u.payer_id = $5) ORDER BY u.id LIMIT $4",
	 "isiii", "iiiiisiiiis",
	 {"id", "claim_id", "line_no", "patient_id", "payer_id", "payer_name", "expected_cents", "allowed_cents", "paid_cents",
	  "difference_cents", "status"}},
	{"posting_exception",
	 "SELECT x.id, x.remittance_id, x.claim_id, x.line_seq, x.reason, x.amount_cents, x.status, x.created_at "
	 "FROM posting_exception x WHERE x.practice_id = $1 AND ($2 = '' OR x.status = $2) AND x.id > $3 ORDER BY x.id LIMIT $4",
	 "isii", "iiiisiss", {"id", "remittance_id", "claim_id", "line", "reason", "amount_cents", "status", "created_at"}},
};

int posting_worklist(ctx *x, const char *which, const worklist_filter *f, int limit, int64_t after, json_t **out, err *e)
{
	const char *status = f->status, *reason = f->reason;
	char pattern[24] = "";
	if (reason && *reason) {
		bool fine = strlen(reason) <= 12;
		for (const char *c = reason; fine && *c; c++)
			fine = (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') || *c == '-';
		if (!fine)
			return err_field(e, "reason", "must be a CARC with its group (CO-50) or a RARC (N115)");
		snprintf(pattern, sizeof pattern, "%%,%s,%%", reason);
	}
	size_t k = 0;
	while (k < sizeof lists / sizeof *lists && strcmp(lists[k].name, which))
		k++;
	if (k == sizeof lists / sizeof *lists)
		return err_set(e, ERR_INTERNAL, "no worklist %s", which);
	if (status && strlen(status) > 20)
		return err_field(e, "status", "is not a status of this list");
	db_stmt *st = db_prepare(x->db, lists[k].sql, e);
	if (!st)
		return -1;
	db_bindv(st, lists[k].bind, ctx_practice(x), status ? status : "", after, (int64_t)limit + 1, f->payer_id, pattern);
	json_t *items = json_array();
	int rc, n = 0;
	int64_t last = 0;
	while ((rc = db_step(st, e)) == DB_ROW && n < limit) {
		json_t *o = json_object();
		for (int c = 0; lists[k].fmt[c]; c++)
			json_object_set_new(o, lists[k].cols[c],
					    db_col_null(st, c)		   ? json_null()
					    : lists[k].fmt[c] == 'i' ? json_integer(db_col_i64(st, c))
								   : json_string(db_col_text(st, c)));
		last = db_col_i64(st, 0);
		json_array_append_new(items, o);
		n++;
	}
	bool more = rc == DB_ROW;
	db_done(st);
	if (rc == DB_ERR) {
		json_decref(items);
		return -1;
	}
	*out = json_pack("{s:o, s:o}", "items", items, "next_cursor", more ? json_integer(last) : json_null());
	return 0;
}

/* Denial statuses and where each may go. */
static const struct {
	const char *from, *to;
} denial_steps[] = {
	{"open", "appealed"},	      {"open", "resubmitted"},	    {"open", "written_off"},	   {"open", "closed"},
	{"appealed", "resubmitted"}, {"appealed", "written_off"}, {"appealed", "closed"},	   {"appealed", "open"},
	{"resubmitted", "closed"},   {"resubmitted", "open"},
};

int denial_update(ctx *x, int64_t id, json_t *in, json_t **out, err *e)
{
	const char *to = json_string_value(json_object_get(in, "status")), *note = json_string_value(json_object_get(in, "note"));
	if (!to)
		return err_field(e, "status", "is required: appealed, resubmitted, written_off, closed or open");
	if (note && strlen(note) > 500)
		return err_field(e, "note", "must be at most 500 characters");
	if (!strcmp(to, "written_off") && (!note || !*note))
		return err_field(e, "note", "is required to write a denial off: why");
	char from[16] = "", reasons[200] = "";
	int64_t claim = 0, charge = 0, payer = 0, patient = 0;
	db_stmt *st = db_prepare(x->db,
				 "SELECT d.status, d.claim_id, d.charge_id, d.payer_id, c.patient_id, d.reasons FROM denial d "
				 "JOIN claim c ON c.id = d.claim_id WHERE d.id = $1 AND d.practice_id = $2",
				 e);
	if (!st)
		return -1;
	db_bindv(st, "ii", id, ctx_practice(x));
	int rc = db_step(st, e);
	if (rc == DB_ROW) {
		snprintf(from, sizeof from, "%s", db_col_text(st, 0));
		claim = db_col_i64(st, 1);
		charge = db_col_null(st, 2) ? 0 : db_col_i64(st, 2);
		payer = db_col_i64(st, 3);
		patient = db_col_i64(st, 4);
		snprintf(reasons, sizeof reasons, "%s", db_col_text(st, 5));
	}
	db_done(st);
	if (rc != DB_ROW)
		return rc == DB_ERR ? -1 : err_set(e, ERR_NOT_FOUND, "denial %lld not found", (long long)id);
	bool ok = false;
	for (size_t i = 0; i < sizeof denial_steps / sizeof *denial_steps; i++)
		ok |= !strcmp(denial_steps[i].from, from) && !strcmp(denial_steps[i].to, to);
	if (!ok)
		return err_set(e, ERR_STATE, "a denial %s cannot become %s", from, to);
	if (!strcmp(to, "written_off") && !ctx_can(x, P_WRITEOFF))
		return err_set(e, ERR_FORBIDDEN, "writing off needs the writeoff permission");
	bool own;
	if (db_tx_begin(x->db, &own, e))
		return -1;
	rc = db_run(x->db, e, "UPDATE denial SET status = $1, note = COALESCE($2, note) WHERE id = $3", "ssi", to, note, id) < 0 ? -1 : 0;
	if (!rc && !strcmp(to, "written_off")) {
		/* what the payer still owes on the denied charge (or claim) goes to write-offs */
		ledger_line lines[2 * BILL_MAX_LINES];
		int n = 0;
		db_stmt *q = db_prepare(x->db,
					charge ? "SELECT charge_id, SUM(amount_cents) FROM journal_line WHERE charge_id = $1 AND payer_id = $2 "
						 "AND account = '1100' AND practice_id = $3 GROUP BY charge_id"
					       : "SELECT l.charge_id, SUM(l.amount_cents) FROM journal_line l JOIN claim_line cl ON cl.charge_id = l.charge_id "
						 "WHERE cl.claim_id = $1 AND l.payer_id = $2 AND l.account = '1100' AND l.practice_id = $3 "
						 "GROUP BY l.charge_id",
					e);
		if (!q)
			rc = -1;
		else {
			db_bindv(q, "iii", charge ? charge : claim, payer, ctx_practice(x));
			while ((rc = db_step(q, e)) == DB_ROW && n + 2 <= 2 * BILL_MAX_LINES) {
				int64_t c = db_col_i64(q, 0), cents = db_col_i64(q, 1);
				if (cents <= 0)
					continue;
				lines[n++] = (ledger_line){ACCT_AR_INSURANCE, -cents, patient, payer, c, NULL, NULL};
				lines[n++] = (ledger_line){ACCT_WRITEOFF, cents, patient, 0, c, NULL, NULL};
			}
			db_done(q);
			rc = rc == DB_ERR ? -1 : 0;
		}
		char why[600];
		snprintf(why, sizeof why, "denial %s written off: %s", reasons, note);
		ledger_entry en = {.kind = "writeoff", .patient_id = patient, .payer_id = payer, .claim_id = claim, .reason = why,
				   .lines = lines, .nlines = n};
		if (!rc && n)
			rc = ledger_post(x, &en, NULL, NULL, e);
	}
	if (!rc) {
		char action[32];
		snprintf(action, sizeof action, "denial.%s", to);
		rc = ctx_audit(x, action, "denial", id, patient, note, e);
	}
	if (db_tx_end(x->db, own, rc, e))
		return -1;
	*out = json_pack("{s:I, s:s, s:s, s:o}", "id", (json_int_t)id, "status", to, "from", from, "note",
			 note ? json_string(note) : json_null());
	return 0;
}
