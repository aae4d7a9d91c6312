/* util.c: query parameter helpers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "formats/table.h"

const char *api_arg(req *r, const char *name) { return r->arg ? r->arg(r->conn, name) : NULL; }

int api_int_arg(req *r, const char *name, int64_t *v, err *e)
{
	const char *s = api_arg(r, name);
	*v = 0;
	if (!s || !*s)
		return 0;
	char *end;
	long long n = strtoll(s, &end, 10);
	if (*end || n <= 0 || strlen(s) > 18)
		return err_field(e, name, "must be a positive integer");
	*v = n;
	return 0;
}

int api_limit(req *r, int *limit, err *e)
{
	int64_t n;
	if (api_int_arg(r, "limit", &n, e))
		return -1;
	if (n > 500)
		return err_field(e, "limit", "must be at most 500");
	*limit = n ? (int)n : 50;
	return 0;
}

int api_idempotency_key(req *r, const char **key, err *e)
{
	*key = r->header ? r->header(r->conn, "Idempotency-Key") : NULL;
	if (!*key)
		return 0;
	size_t n = strlen(*key);
	bool ok = n >= 1 && n <= 100;
	for (size_t i = 0; ok && i < n; i++)
		ok = (*key)[i] > 0x20 && (*key)[i] < 0x7f;
	return ok ? 0 : err_field(e, "Idempotency-Key", "must be 1 to 100 printable characters");
}

int api_download(req *r, int (*fn)(ctx *, int64_t, char **, size_t *, err *), const char *name, const char *type, err *e)
{
	if (fn(&r->x, r->id, &r->out_text, &r->out_len, e))
		return -1;
	static __thread char filename[64];
	snprintf(filename, sizeof filename, name, (long long)r->id);
	r->filename = filename;
	r->content_type = type;
	return 0;
}

/* A report as JSON ({items}), or ?format=csv|xlsx as a download named after it. */
int api_report(req *r, const char *name, const column *cols, int ncols, json_t *rows, err *e)
{
	const char *fmt = api_arg(r, "format");
	if (!fmt || !*fmt || !strcmp(fmt, "json")) {
		r->out = json_pack("{s:o,s:n}", "items", rows, "next_cursor");
		return 0;
	}
	static __thread char filename[96];
	const char *from = api_arg(r, "from"), *to = api_arg(r, "to"), *as_of = api_arg(r, "as_of");
	if (from && to)
		snprintf(filename, sizeof filename, "%s-%.10s-to-%.10s.%s", name, from, to, fmt);
	else
		snprintf(filename, sizeof filename, "%s-%.10s.%s", name, as_of ? as_of : "today", fmt);
	int rc;
	if (!strcmp(fmt, "csv")) {
		rc = table_csv(cols, ncols, rows, &r->out_text, &r->out_len, e);
		r->content_type = "text/csv; charset=utf-8";
	} else if (!strcmp(fmt, "xlsx")) {
		rc = table_xlsx(name, cols, ncols, rows, &r->out_text, &r->out_len, e);
		r->content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
	} else
		rc = err_field(e, "format", "must be json, csv or xlsx");
	json_decref(rows);
	if (!rc) {
		r->filename = filename;
		ctx_audit_read(&r->x, "report.export", "report", 0, 0);
	}
	return rc;
}
