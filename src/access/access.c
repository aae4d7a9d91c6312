/* access.c: the ctx audit helpers. */
#include "access/access.h"

int ctx_audit(ctx *x, const char *action, const char *otype, int64_t oid, int64_t patient, const char *reason, err *e)
{
	audit_event ev = {ctx_practice(x), ctx_user(x), action, otype, oid, patient, x->ip, "success", reason};
	return audit_append(x->db, &ev, e);
}

void ctx_audit_read(ctx *x, const char *action, const char *otype, int64_t oid, int64_t patient)
{
	if (x->npending == CTX_MAX_PENDING)
		x->npending--; /* callers queue at most a few; keep the newest */
	x->pending[x->npending++] = (audit_event){ctx_practice(x), ctx_user(x), action, otype, oid, patient, x->ip,
						   "success", NULL};
}

int ctx_flush(ctx *x, err *e)
{
	for (int i = 0; i < x->npending; i++)
		if (audit_append(x->db, &x->pending[i], e))
			return -1;
	x->npending = 0;
	return 0;
}
