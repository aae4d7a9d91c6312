/* access.h: who is acting, and the context every business operation runs in.
 *
 * A `principal` is an authenticated user of one practice with the union of their roles'
 * permissions. A `ctx` carries the connection, the principal, where the request came from
 * and the audit events it owes. Business functions take a ctx; they read practice_id from
 * it (never from the caller's input), so every query is scoped to the caller's practice.
 *
 * Audit: writes call ctx_audit() inside their transaction. Reads call ctx_audit_read(),
 * which queues the event; whoever finishes the request (the HTTP layer, or ctx_flush for
 * the CLI) makes the queued events durable before the answer leaves. */
#ifndef PRAXIS_ACCESS_H
#define PRAXIS_ACCESS_H

#include <stdbool.h>
#include <stdint.h>

#include "access/perm.h"
#include "audit/audit.h"
#include "base/arena.h"
#include "store/db.h"

typedef struct principal {
	int64_t user_id, practice_id, session_id;
	permset perms;
	bool cookie;     /* authenticated by session cookie: writes need the CSRF header */
	bool enrol_only; /* the practice requires TOTP and the user has not enrolled yet */
	char token_hash[65];
} principal;

#define CTX_MAX_PENDING 4

typedef struct audit_batch audit_batch;

typedef struct ctx {
	db *db;
	const principal *who; /* NULL: the system (CLI, jobs) */
	const char *ip;       /* NULL for the CLI */
	arena *a;
	audit_event pending[CTX_MAX_PENDING];
	int npending;
	audit_batch *batch; /* non-NULL: ctx_audit queues (ctx_audit_batch_begin) */
} ctx;

static inline int64_t ctx_practice(const ctx *x) { return x->who ? x->who->practice_id : 0; }
static inline int64_t ctx_user(const ctx *x) { return x->who ? x->who->user_id : 0; }
static inline bool ctx_can(const ctx *x, perm p) { return !x->who || (x->who->perms & PERM_BIT(p)); }

/* Appends an event now (joins the open transaction). outcome "success". */
int ctx_audit(ctx *x, const char *action, const char *object_type, int64_t object_id, int64_t patient_id,
	      const char *reason, err *e);
/* Queues a read event for group commit. */
void ctx_audit_read(ctx *x, const char *action, const char *object_type, int64_t object_id, int64_t patient_id);
/* Appends queued events synchronously (CLI). */
int ctx_flush(ctx *x, err *e);

/* Batches of many writes in one transaction (posting a remittance's claims): between
 * begin and end, ctx_audit queues its events (copied) instead of appending each; flush
 * appends the queue inside the open transaction with one read and write of the chain head,
 * and must run before that transaction commits. A savepoint rolled back drops the events
 * queued after its mark. end drops what was not flushed. */
int ctx_audit_batch_begin(ctx *x, err *e);
int ctx_audit_batch_mark(const ctx *x);
void ctx_audit_batch_rewind(ctx *x, int mark);
int ctx_audit_batch_flush(ctx *x, err *e);
void ctx_audit_batch_end(ctx *x);

#endif
