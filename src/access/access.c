/* access.c: the ctx audit helpers. */
#include <stdlib.h>
#include <string.h>

#include "access/access.h"

/* A queued event keeps its own copies of the strings: callers pass buffers of their own. */
typedef struct queued {
	audit_event ev;
	char *text; /* action, object type and reason, NUL-separated */
} queued;

struct audit_batch {
	queued *q;
	int n, cap;
};

static char *dup3(const char *a, const char *b, const char *c, const char **pa, const char **pb, const char **pc)
{
	size_t la = strlen(a) + 1, lb = strlen(b) + 1, lc = c ? strlen(c) + 1 : 0;
	char *t = malloc(la + lb + lc);
	if (!t)
		return NULL;
	memcpy(t, a, la);
	memcpy(t + la, b, lb);
	if (c)
		memcpy(t + la + lb, c, lc);
	*pa = t;
	*pb = t + la;
	*pc = c ? t + la + lb : NULL;
	return t;
}

int ctx_audit(ctx *x, const char *action, const char *otype, int64_t oid, int64_t patient, const char *reason, err *e)
{
	audit_event ev = {ctx_practice(x), ctx_user(x), action, otype, oid, patient, x->ip, "success", reason};
	audit_batch *b = x->batch;
	if (!b)
		return audit_append(x->db, &ev, e);
	if (b->n == b->cap) {
		int cap = b->cap ? 2 * b->cap : 256;
		queued *q = realloc(b->q, (size_t)cap * sizeof *q);
		if (!q)
			return err_set(e, ERR_INTERNAL, "out of memory");
		b->q = q;
		b->cap = cap;
	}
	queued *q = &b->q[b->n];
	q->ev = ev;
	if (!(q->text = dup3(action, otype, reason, &q->ev.action, &q->ev.object_type, &q->ev.reason)))
		return err_set(e, ERR_INTERNAL, "out of memory");
	b->n++;
	return 0;
}

int ctx_audit_batch_begin(ctx *x, err *e)
{
	if (!x->batch && !(x->batch = calloc(1, sizeof *x->batch)))
		return err_set(e, ERR_INTERNAL, "out of memory");
	return 0;
}

int ctx_audit_batch_mark(const ctx *x) { return x->batch ? x->batch->n : 0; }

void ctx_audit_batch_rewind(ctx *x, int mark)
{
	audit_batch *b = x->batch;
	while (b && b->n > mark)
		free(b->q[--b->n].text);
}

int ctx_audit_batch_flush(ctx *x, err *e)
{
	audit_batch *b = x->batch;
	if (!b || !b->n)
		return 0;
	audit_event *evs = malloc((size_t)b->n * sizeof *evs);
	if (!evs)
		return err_set(e, ERR_INTERNAL, "out of memory");
	for (int i = 0; i < b->n; i++)
		evs[i] = b->q[i].ev;
	int rc = audit_append_many(x->db, evs, b->n, e);
	free(evs);
	if (!rc)
		ctx_audit_batch_rewind(x, 0);
	return rc;
}

void ctx_audit_batch_end(ctx *x)
{
	if (!x->batch)
		return;
	ctx_audit_batch_rewind(x, 0);
	free(x->batch->q);
	free(x->batch);
	x->batch = NULL;
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
