/* hcpcs.c: the HCPCS Level II record file (HCPC<YYYY>_<MON>_ANWEB*.txt), 320-byte records.
 *   1-5 code (a modifier: 1-3 blank, 4-5 the modifier), 6-10 sequence, 11 record id
 *   (3 procedure, 7 modifier, 4 and 8 their continuation lines), 12-91 this line's part of
 *   the long description, 92-119 short description, 120-121 first pricing indicator,
 *   230 coverage code, 269-276 code added, 285-292 termination date, 293 action code.
 * A long description over 80 characters goes on in continuation lines (same code, RIC 4
 * or 8, only 91 bytes long once trailing blanks are cut): their parts are joined in file
 * order, each padded back to 80 characters, and runs of blanks become one. */
#include <stdlib.h>
#include <string.h>

#include "codes/load.h"

static const char *const cols[] = {"code",    "is_modifier", "short_desc", "long_desc", "coverage",
				   "pricing", "added",	     "terminated", "action"};

typedef struct rec {
	bool open, refused; /* a first line is pending / was refused */
	char raw[6];	    /* positions 1-5 as in the file, to match continuation lines */
	char code[6];
	int modifier;
	char sdesc[29], pricing[3], coverage[2], action[2];
	char added[11], term[11];
	long line;
	buf ldesc;
} rec;

/* positions pos..pos+n-1 (1-based) trimmed; "" past the end of the line */
static void fld(const char *l, size_t len, size_t pos, size_t n, char *out, size_t cap)
{
	if (pos > len) {
		*out = 0;
		return;
	}
	codes_trim(l + pos - 1, pos - 1 + n > len ? len - (pos - 1) : n, out, cap);
}

/* appends positions 12-91 padded to 80 */
static void add_part(buf *d, const char *l, size_t len)
{
	size_t n = len > 11 ? (len > 91 ? 80 : len - 11) : 0;
	buf_add(d, l + 11, n);
	for (; n < 80; n++)
		buf_add(d, " ", 1);
}

static int emit(codes_job *j, codes_batch *b, rec *p, err *e)
{
	if (!p->open)
		return 0;
	p->open = false;
	char *s = p->ldesc.s, *w = s; /* collapse blanks, trim */
	for (char *q = s; *q; q++)
		if (*q != ' ' || (w > s && w[-1] != ' '))
			*w++ = *q;
	while (w > s && w[-1] == ' ')
		w--;
	*w = 0;
	if (!*s) {
		codes_bad(j, p->line, "long description: empty");
		return 0;
	}
	codes_batch_text(b, p->code);
	codes_batch_int(b, p->modifier);
	codes_batch_text(b, p->sdesc);
	codes_batch_text(b, s);
	codes_batch_text(b, *p->coverage ? p->coverage : NULL);
	codes_batch_text(b, *p->pricing ? p->pricing : NULL);
	codes_batch_text(b, *p->added ? p->added : NULL);
	codes_batch_text(b, *p->term ? p->term : NULL);
	codes_batch_text(b, *p->action ? p->action : NULL);
	return codes_batch_row(b, p->line, e);
}

static const char *date_field(const char *l, size_t len, size_t pos, char out[11])
{
	char d[9];
	fld(l, len, pos, 8, d, sizeof d);
	*out = 0;
	return !*d || !codes_date8(d, out) ? NULL : "not a date YYYYMMDD";
}

/* A first line (RIC 3 or 7) into p; NULL when fine, else the reason. */
static const char *first_line(const char *l, size_t len, rec *p)
{
	p->modifier = l[10] == '7';
	if (p->modifier) {
		if (strncmp(l, "   ", 3))
			return "modifier: positions 1-3 not blank";
		fld(l, len, 4, 2, p->code, sizeof p->code);
		if (!codes_alnum(p->code, 2, 2))
			return "modifier: not 2 letters and digits";
	} else {
		fld(l, len, 1, 5, p->code, sizeof p->code);
		if (!codes_alnum(p->code, 5, 5))
			return "code: not 5 letters and digits";
	}
	if (len < 92)
		return "line too short for a first record line (short description at 92-119)";
	fld(l, len, 92, 28, p->sdesc, sizeof p->sdesc);
	fld(l, len, 120, 2, p->pricing, sizeof p->pricing);
	fld(l, len, 230, 1, p->coverage, sizeof p->coverage);
	fld(l, len, 293, 1, p->action, sizeof p->action);
	if (date_field(l, len, 269, p->added))
		return "code added date (269-276): not a date YYYYMMDD";
	if (date_field(l, len, 285, p->term))
		return "termination date (285-292): not a date YYYYMMDD";
	return NULL;
}

int codes_load_hcpcs(codes_job *j, codes_rd *r, err *e)
{
	codes_batch *b = codes_batch_new(j, "hcpcs_code", cols, 9, 1);
	rec p = {0};
	buf_init(&p.ldesc, CODES_LINE_MAX);
	int rc;
	while ((rc = codes_rd_next(r, e)) == 1) {
		const char *l = r->line.s;
		size_t len = r->line.len;
		if (strspn(l, " \t") == len)
			continue;
		char ric = len > 10 ? l[10] : 0;
		if (ric != '3' && ric != '4' && ric != '7' && ric != '8') {
			codes_bad(j, r->lineno, "record id (position 11): not 3, 4, 7 or 8");
			continue;
		}
		for (int i = 5; i < 10; i++)
			if (l[i] < '0' || l[i] > '9') {
				ric = 0;
				codes_bad(j, r->lineno, "sequence number (6-10): not 5 digits");
				break;
			}
		if (!ric)
			continue;
		if (ric == '4' || ric == '8') { /* continuation of the pending record */
			bool same = (p.open || p.refused) && !strncmp(l, p.raw, 5) && (ric == '4') == !p.modifier;
			if (same && p.open)
				add_part(&p.ldesc, l, len);
			else
				codes_bad(j, r->lineno,
					  same ? "continuation of a refused line"
					       : "continuation line without its first line");
			continue;
		}
		if ((rc = emit(j, b, &p, e)))
			break;
		buf_reset(&p.ldesc);
		memcpy(p.raw, l, 5);
		p.raw[5] = 0;
		p.line = r->lineno;
		const char *why = first_line(l, len, &p);
		p.open = !why;
		p.refused = why != NULL;
		if (why)
			codes_bad(j, r->lineno, "%s", why);
		else
			add_part(&p.ldesc, l, len);
	}
	if (!rc)
		rc = emit(j, b, &p, e);
	if (!rc)
		rc = codes_batch_flush(b, e);
	buf_release(&p.ldesc);
	codes_batch_free(b);
	return rc;
}
