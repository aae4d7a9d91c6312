/* csv.c: RFC 4180 records (quoted fields may hold commas, "" and line ends). */
#include <string.h>

#include "codes/load.h"

#define CSV_RECORD_MAX (4 << 20)

void csv_init(csv_rec *rec)
{
	memset(rec, 0, sizeof *rec);
	buf_init(&rec->data, CSV_RECORD_MAX);
}

void csv_release(csv_rec *rec) { buf_release(&rec->data); }

const char *csv_field(const csv_rec *rec, int i) { return i >= 0 && i < rec->n ? rec->data.s + rec->off[i] : ""; }

const char *csv_trimmed(csv_rec *rec, int i)
{
	if (i < 0 || i >= rec->n)
		return "";
	char *s = rec->data.s + rec->off[i];
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		s[--n] = 0;
	return s + strspn(s, " \t");
}

int csv_filled(const csv_rec *rec)
{
	int n = 0;
	for (int i = 0; i < rec->n; i++)
		n += strspn(csv_field(rec, i), " \t") != strlen(csv_field(rec, i));
	return n;
}

bool csv_blank(const csv_rec *rec) { return csv_filled(rec) == 0; }

int csv_next(codes_rd *r, csv_rec *rec, err *e)
{
	buf_reset(&rec->data);
	rec->n = 0;
	rec->unterminated = false;
	int rc = codes_rd_next(r, e);
	if (rc <= 0)
		return rc;
	rec->line = r->lineno;
	buf *d = &rec->data;
	const char *p = r->line.s;
	int full = 0;
	for (;;) {
		size_t off = d->len;
		if (*p == '"') {
			p++;
			for (;;) {
				if (!*p) { /* the line ends inside quotes: the line break belongs to the field */
					if ((rc = codes_rd_next(r, e)) < 0)
						return -1;
					if (!rc) {
						rec->unterminated = true;
						break;
					}
					full |= buf_add(d, "\n", 1);
					p = r->line.s;
					continue;
				}
				if (*p == '"') {
					if (p[1] != '"') {
						p++;
						break;
					}
					full |= buf_add(d, "\"", 1);
					p += 2;
					continue;
				}
				size_t n = strcspn(p, "\"");
				full |= buf_add(d, p, n);
				p += n;
			}
		}
		size_t n = strcspn(p, ","); /* unquoted text, or stray text after a closing quote */
		full |= buf_add(d, p, n);
		p += n;
		full |= buf_add(d, "", 1);
		if (full)
			return err_set(e, ERR_BAD_REQUEST, "%s: the record at line %ld is longer than %d bytes",
				       r->name, rec->line, CSV_RECORD_MAX);
		if (rec->n < CSV_MAX_FIELDS)
			rec->off[rec->n++] = off;
		if (*p != ',')
			break;
		p++;
	}
	return 1;
}
