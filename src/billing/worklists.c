/* worklists.c: what the posting of remittances leaves for people (see billing.h
 * posting_worklist): denials to work, underpayments to query, exceptions to resolve. */
#include <stdio.h>
#include <string.h>

#include "billing/billing.h"

static const struct {
	const char *name, *sql, *fmt; /* columns: id first, then JSON fields named in fmt order */
	const char *const cols[12];
} lists[] = {
	{"denial",
	 "SELECT d.id, d.claim_id, d.line_no, c.patient_id, d.payer_id, y.name, d.amount_cents, d.reasons, d.denied_on, d.appeal_by, "
	 "d.status FROM denial d JOIN claim c ON c.id = d.claim_id JOIN payer y ON y.id = d.payer_id "
	 "WHERE d.practice_id = $1 AND ($2 = '' OR d.status = $2) AND d.id > $3 ORDER BY d.id LIMIT $4",
	 "iiiiisisss",
	 {"id", "claim_id", "line_no", "patient_id", "payer_id", "payer_name", "amount_cents", "reasons", "denied_on", "appeal_by",
	  "status"}},
	{"underpayment",
	 "SELECT u.id, u.claim_id, u.line_no, c.patient_id, u.payer_id, y.name, u.expected_cents, u.allowed_cents, u.paid_cents, "
	 "u.expected_cents - u.allowed_cents, u.status FROM underpayment u JOIN claim c ON c.id = u.claim_id "
	 "JOIN payer y ON y.id = u.payer_id WHERE u.practice_id = $1 AND ($2 = '' OR u.status = $2) AND u.id > $3 "
	 "ORDER BY u.id LIMIT $4",
	 "iiiiisiiiis",
	 {"id", "claim_id", "line_no", "patient_id", "payer_id", "payer_name", "expected_cents", "allowed_cents", "paid_cents",
	  "difference_cents", "status"}},
	{"posting_exception",
	 "SELECT x.id, x.remittance_id, x.claim_id, x.line_seq, x.reason, x.amount_cents, x.status, x.created_at "
	 "FROM posting_exception x WHERE x.practice_id = $1 AND ($2 = '' OR x.status = $2) AND x.id > $3 ORDER BY x.id LIMIT $4",
	 "iiiisiss", {"id", "remittance_id", "claim_id", "line", "reason", "amount_cents", "status", "created_at"}},
};

int posting_worklist(ctx *x, const char *which, const char *status, int limit, int64_t after, json_t **out, err *e)
{
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
	db_bindv(st, "isii", ctx_practice(x), status ? status : "", after, (int64_t)limit + 1);
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
