/* post_charges.c: an encounter's charges in the journal (ledger/ledger.h).
 *
 * When charges are entered, each is owed by the primary payer of the coverage in force on
 * the date of service, or by the patient when there is none (or it is self-pay): A/R
 * (insurance or patient) against revenue, one entry per encounter version. A correction
 * reverses the entry of the charges it replaced and posts the new ones; a void reverses
 * them all.
 *
 * A visit of a member of the payer's capitation roster (billing.h capitation_for) owes the
 * payer nothing for the lines the contract covers: their charge is revenue against the
 * capitated-services account (CO-24), except the coverage's copay, which the patient owes
 * (PR-3, from the first covered lines on). Carved-out lines are billed as usual. */
#include <stdlib.h>
#include <string.h>

#include "billing/billing.h"
#include "billing/claim.h"
#include "ledger/ledger.h"

/* The entries of the encounter's charges still standing: those of replaced charges when
 * `replaced`, else all. */
static int live_entries(ctx *x, int64_t encounter, bool replaced_only, int64_t *ids, int cap, int *n, err *e)
{
	db_stmt *st = db_prepare(
		x->db,
		replaced_only
			? "SELECT DISTINCT j.id FROM journal_entry j JOIN journal_line l ON l.entry_id = j.id JOIN charge c ON c.id = l.charge_id "
			  "WHERE c.encounter_id = $1 AND j.practice_id = $2 AND j.kind = 'charge' AND c.replaced = 1 "
			  "AND NOT EXISTS (SELECT 1 FROM journal_entry r WHERE r.reverses = j.id) ORDER BY j.id"
			: "SELECT DISTINCT j.id FROM journal_entry j JOIN journal_line l ON l.entry_id = j.id JOIN charge c ON c.id = l.charge_id "
			  "WHERE c.encounter_id = $1 AND j.practice_id = $2 AND j.kind = 'charge' "
			  "AND NOT EXISTS (SELECT 1 FROM journal_entry r WHERE r.reverses = j.id) ORDER BY j.id",
		e);
	if (!st)
		return -1;
	db_bindv(st, "ii", encounter, ctx_practice(x));
	int rc;
	*n = 0;
	while ((rc = db_step(st, e)) == DB_ROW && *n < cap)
		ids[(*n)++] = db_col_i64(st, 0);
	db_done(st);
	return rc == DB_ERR ? -1 : 0;
}

static int reverse_all(ctx *x, int64_t encounter, bool replaced_only, const char *why, err *e)
{
	int64_t ids[64];
	int n;
	if (live_entries(x, encounter, replaced_only, ids, 64, &n, e))
		return -1;
	for (int i = 0; i < n; i++)
		if (ledger_reverse(x, ids[i], why, NULL, e))
			return -1;
	return 0;
}

int charges_post(ctx *x, int64_t encounter, err *e)
{
	if (reverse_all(x, encounter, true, "encounter corrected", e))
		return -1;
	char dos[11] = "";
	int64_t patient = 0, payer = 0, copay = 0;
	/* the visit, and the payer and copay of the primary coverage in force that day */
	db_stmt *st = db_prepare(x->db,
				 "SELECT en.patient_id, en.service_date, pc.payer_id, COALESCE(pc.copay_cents, 0) FROM encounter en "
				 "LEFT JOIN coverage pc ON pc.id = (SELECT cv.id FROM coverage cv JOIN payer y ON y.id = cv.payer_id "
				 " WHERE cv.practice_id = en.practice_id AND cv.patient_id = en.patient_id AND cv.active = 1 "
				 " AND y.kind <> 'self_pay' AND cv.effective_from <= en.service_date "
				 " AND (cv.effective_to IS NULL OR cv.effective_to >= en.service_date) ORDER BY cv.priority, cv.id LIMIT 1) "
				 "WHERE en.id = $1 AND en.practice_id = $2",
				 e);
	if (!st)
		return -1;
	db_bindv(st, "ii", encounter, ctx_practice(x));
	int rc = db_step(st, e);
	if (rc == DB_ROW) {
		patient = db_col_i64(st, 0);
		snprintf(dos, sizeof dos, "%s", db_col_text(st, 1));
		payer = db_col_null(st, 2) ? 0 : db_col_i64(st, 2);
		copay = db_col_i64(st, 3);
	}
	db_done(st);
	if (rc != DB_ROW)
		return rc == DB_ERR ? -1 : err_set(e, ERR_NOT_FOUND, "encounter %lld not found", (long long)encounter);
	capitation cap;
	if (capitation_for(x, payer, patient, dos, &cap, e))
		return -1;
	/* the standing charges not yet in the journal */
	st = db_prepare(x->db,
			"SELECT c.id, c.charge_cents, c.code FROM charge c WHERE c.encounter_id = $1 AND c.replaced = 0 "
			"AND NOT EXISTS (SELECT 1 FROM journal_line l WHERE l.charge_id = c.id) ORDER BY c.line_no",
			e);
	if (!st)
		return -1;
	db_bind_i64(st, 1, encounter);
	ledger_line lines[3 * BILL_MAX_LINES];
	int n = 0;
	while ((rc = db_step(st, e)) == DB_ROW && n + 3 <= 3 * BILL_MAX_LINES) {
		int64_t charge = db_col_i64(st, 0), cents = db_col_i64(st, 1);
		if (capitation_covers(&cap, db_col_text(st, 2))) {
			int64_t owes = copay < cents ? copay : cents;
			copay -= owes;
			lines[n++] = (ledger_line){ACCT_AR_PATIENT, owes, patient, 0, charge, "PR", "3", dos};
			lines[n++] = (ledger_line){ACCT_CAPITATED, cents - owes, patient, 0, charge, "CO", "24", dos};
		} else
			lines[n++] = (ledger_line){payer ? ACCT_AR_INSURANCE : ACCT_AR_PATIENT, cents, patient, payer, charge, NULL, NULL, dos};
		lines[n++] = (ledger_line){ACCT_REVENUE, -cents, patient, 0, charge, NULL, NULL, dos};
	}
	db_done(st);
	if (rc == DB_ERR)
		return -1;
	ledger_entry en = {.kind = "charge", .effective_date = dos, .patient_id = patient, .payer_id = payer, .lines = lines,
			   .nlines = n};
	if (!n || ledger_post(x, &en, NULL, NULL, e))
		return n ? -1 : 0;
	/* what the patient owes now may be met by a credit (a copay taken at check-in) */
	for (int i = 0; i < n; i++)
		if (!strcmp(lines[i].account, ACCT_AR_PATIENT) && lines[i].amount_cents > 0) {
			int64_t applied;
			return ledger_apply_credit(x, patient, &applied, e);
		}
	return 0;
}

int charges_unpost(ctx *x, int64_t encounter, const char *why, err *e) { return reverse_all(x, encounter, false, why, e); }
