/* remit.c: the demo practice's adjudicated claims paid the way a practice is paid: an 835 per
 * payer and week, written here and imported (read, matched and posted like any other), so the
 * journal, the worklists and the reports have real postings; then some patients pay what
 * they owe at the desk. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/timeutil.h"
#include "billing/billing.h"
#include "demo/demo.h"
#include "ledger/ledger.h"

typedef struct paid_claim {
	int64_t claim, week;
	char payer[24], paid_on[11];
	int outcome; /* 0 paid, 1 one line denied, 2 all lines denied */
} paid_claim;

static int by_payer_week(const void *a, const void *b)
{
	const paid_claim *x = a, *y = b;
	int c = strcmp(x->payer, y->payer);
	return c ? c : x->week < y->week ? -1 : x->week > y->week ? 1 : x->claim < y->claim ? -1 : x->claim > y->claim;
}

static void amount(buf *b, int64_t cents) { buf_addf(b, "%s%lld.%02lld", cents < 0 ? "-" : "", llabs(cents) / 100, llabs(cents) % 100); }

/* One claim's CLP loop: each line paid 60% with 25% contractual and 15% coinsurance, or denied
 * (CO-50, N115: not medically necessary). Adds its payment to *total. */
static int claim_loop(ctx *x, buf *b, const paid_claim *c, int64_t *total, int *segs, err *e)
{
	db_stmt *st = db_prepare(x->db, "SELECT code, modifiers, charge_cents FROM claim_line WHERE claim_id = $1 ORDER BY line_no", e);
	if (!st)
		return -1;
	db_bind_i64(st, 1, c->claim);
	buf lines;
	buf_init(&lines, 1 << 16);
	int64_t charge = 0, paid = 0, pr = 0;
	int rc, n = 0;
	while ((rc = db_step(st, e)) == DB_ROW) {
		int64_t ch = db_col_i64(st, 2);
		bool denied = c->outcome == 2 || (c->outcome == 1 && n == 0);
		const char *mods = db_col_text(st, 1);
		buf_addf(&lines, "SVC*HC:%s%s%s*", db_col_text(st, 0), *mods ? ":" : "", mods);
		amount(&lines, ch);
		if (denied) {
			buf_adds(&lines, "*0**1~\nCAS*CO*50*");
			amount(&lines, ch);
			buf_adds(&lines, "~\nLQ*HE*N115~\n");
			*segs += 3;
		} else {
			int64_t p = ch * 60 / 100, co = ch * 25 / 100, coins = ch - p - co;
			buf_adds(&lines, "*");
			amount(&lines, p);
			buf_adds(&lines, "**1~\nCAS*CO*45*");
			amount(&lines, co);
			buf_adds(&lines, "~\nCAS*PR*2*");
			amount(&lines, coins);
			buf_adds(&lines, "~\n");
			*segs += 3;
			paid += p;
			pr += coins;
		}
		charge += ch;
		n++;
	}
	db_done(st);
	if (rc == DB_ERR) {
		buf_release(&lines);
		return -1;
	}
	buf_addf(b, "CLP*%lld*%s*", (long long)c->claim, c->outcome == 2 ? "4" : "1");
	amount(b, charge);
	buf_adds(b, "*");
	amount(b, paid);
	buf_adds(b, "*");
	amount(b, pr);
	buf_addf(b, "*12*ICN%08lld~\n", (long long)c->claim);
	buf_add(b, lines.s, lines.len);
	buf_release(&lines);
	*segs += 1;
	*total += paid;
	return 0;
}

/* One transaction set for claims [from, to) of one payer and week. */
static int transaction(ctx *x, buf *b, const paid_claim *cs, size_t from, size_t to, int set, err *e)
{
	buf body;
	buf_init(&body, 64 << 20);
	int64_t total = 0;
	int segs = 0;
	for (size_t i = from; i < to; i++)
		if (claim_loop(x, &body, &cs[i], &total, &segs, e)) {
			buf_release(&body);
			return -1;
		}
	char d8[9];
	snprintf(d8, sizeof d8, "%.4s%.2s%.2s", cs[to - 1].paid_on, cs[to - 1].paid_on + 5, cs[to - 1].paid_on + 8);
	buf_addf(b, "ST*835*%04d~\nBPR*I*", set);
	amount(b, total);
	buf_addf(b, "*C*ACH*CCP*01*011000015*DA*123456789*1512345678**01*011000028*DA*987654321*%s~\n", d8);
	buf_addf(b, "TRN*1*DEMO%04d%s*1512345678~\nN1*PR*%s*XV*%s~\nN1*PE*DEMO PRACTICE*XX*1234567893~\nLX*1~\n", set, d8, cs[from].payer,
		 cs[from].payer);
	buf_add(b, body.s, body.len);
	buf_addf(b, "SE*%d~\n", segs + 7);
	buf_release(&body);
	return 0;
}

int demo_remittances(ctx *x, const int64_t *claims, const int *outcomes, size_t n, err *e)
{
	if (!n)
		return 0;
	paid_claim *cs = calloc(n, sizeof *cs);
	if (!cs)
		return err_set(e, ERR_INTERNAL, "out of memory");
	char today[11];
	date_today(today);
	int64_t now;
	day_parse(today, &now);
	int rc = 0;
	for (size_t i = 0; !rc && i < n; i++) {
		/* paid three weeks after the visit (not after today) */
		db_stmt *st = db_prepare(x->db,
					 "SELECT y.payer_code, c.service_date FROM claim c JOIN payer y ON y.id = c.payer_id WHERE c.id = $1", e);
		if (!st) {
			rc = -1;
			break;
		}
		db_bind_i64(st, 1, claims[i]);
		if (db_step(st, e) == DB_ROW) {
			int64_t dos;
			day_parse(db_col_text(st, 1), &dos);
			int64_t day = dos + 21 < now ? dos + 21 : now;
			cs[i] = (paid_claim){.claim = claims[i], .week = day / 7, .outcome = outcomes[i]};
			snprintf(cs[i].payer, sizeof cs[i].payer, "%s", db_col_text(st, 0));
			day_format(day, cs[i].paid_on);
		} else
			rc = -1;
		db_done(st);
	}
	qsort(cs, n, sizeof *cs, by_payer_week);
	buf b;
	buf_init(&b, 256 << 20);
	buf_adds(&b, "ISA*00*          *00*          *ZZ*DEMOPAYERS     *ZZ*DEMOPRACTICE   *260101*1200*^*00501*000000001*0*T*:~\n"
		     "GS*HP*DEMOPAYERS*DEMOPRACTICE*20260101*1200*1*X*005010X221A1~\n");
	int sets = 0;
	for (size_t i = 0, j; !rc && i < n; i = j) {
		for (j = i; j < n && !strcmp(cs[j].payer, cs[i].payer) && cs[j].week == cs[i].week; j++)
			;
		rc = transaction(x, &b, cs, i, j, ++sets, e);
	}
	buf_addf(&b, "GE*%d*1~\nIEA*1*000000001~\n", sets);
	json_t *out = NULL;
	if (!rc)
		rc = remit_import(x, "demo-remittances.835", b.s, b.len, &out, e);
	json_decref(out);
	buf_release(&b);
	free(cs);
	return rc;
}

int demo_desk_payments(ctx *x, uint64_t *s, err *e)
{
	/* about half of the patients who owe pay it at the desk, by card */
	db_stmt *st = db_prepare(x->db,
				 "SELECT patient_id, SUM(amount_cents) FROM journal_line WHERE practice_id = $1 AND account = '1110' "
				 "GROUP BY patient_id HAVING SUM(amount_cents) > 0 ORDER BY patient_id",
				 e);
	if (!st)
		return -1;
	db_bind_i64(st, 1, ctx_practice(x));
	size_t n;
	int64_t *owe; /* patient, amount */
	int rc = db_rows_i64(st, 2, &owe, &n, e);
	db_done(st);
	if (rc)
		return -1;
	rc = 0;
	for (size_t i = 0; !rc && i < n; i++) {
		if (demo_rand(s) % 2)
			continue;
		json_t *in = json_pack("{s:I, s:I, s:s}", "patient_id", (json_int_t)owe[2 * i], "amount_cents", (json_int_t)owe[2 * i + 1], "method",
				       "card"),
		       *out = NULL;
		rc = ledger_patient_payment(x, in, NULL, &out, e);
		json_decref(in);
		json_decref(out);
	}
	free(owe);
	return rc;
}
