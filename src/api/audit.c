/* audit.c: reading the audit trail (compliance officer, auditor, admin). */
#include "api/api.h"
#include <string.h>

#include "base/timeutil.h"

static int time_arg(req *r, const char *name, char out[TS_LEN], err *e)
{
	const char *s = api_arg(r, name);
	time_t t;
	if (!s || !*s)
		return 1;
	if (ts_parse(s, &t))
		return err_field(e, name, "must be an RFC 3339 time or a date (YYYY-MM-DD)");
	/* a bare date as `to` means the whole day */
	if (strlen(s) == 10 && name[0] == 't')
		t += 86399;
	ts_format(t, out);
	return 0;
}

static int list(req *r, err *e)
{
	audit_filter f = {0};
	char from[TS_LEN], to[TS_LEN];
	int rf = time_arg(r, "from", from, e), rt = time_arg(r, "to", to, e);
	if (api_limit(r, &f.limit, e) || api_int_arg(r, "patient_id", &f.patient_id, e) ||
	    api_int_arg(r, "user_id", &f.user_id, e) || api_int_arg(r, "cursor", &f.before_id, e) || rf < 0 || rt < 0)
		return -1;
	f.from = rf ? NULL : from;
	f.to = rt ? NULL : to;
	if (audit_list(r->x.db, ctx_practice(&r->x), &f, &r->out, e))
		return -1;
	ctx_audit_read(&r->x, "audit.read", "audit_event", 0, f.patient_id);
	return 0;
}

ROUTES(audit, {"GET", "/api/v1/audit", P_AUDIT_READ, 0, list, "Audit events, newest first (?patient_id=&user_id=&from=&to=)"});
