/* api.h: HTTP requests mapped to business calls, and back. No SQL, no rules here.
 *
 * Each area file (session.c, users.c, patients.c, registry.c, audit.c, meta.c) defines its
 * routes; routes.c gathers them into one table: method, path pattern, the permission needed,
 * flags, handler and a summary. The HTTP layer matches, authenticates, checks the
 * permission, parses the JSON body and calls the handler; the same table generates
 * /api/v1/openapi.json, so the documentation cannot drift from the code. */
#ifndef PRAXIS_API_H
#define PRAXIS_API_H

#include <jansson.h>

#include "access/access.h"
#include "base/crypto.h"

enum {
	R_PUBLIC = 1, /* no sign-in needed */
	R_ENROL = 2,  /* allowed while the user must still set up TOTP */
	R_TEXT = 4,   /* answers text (out_text), not JSON */
	R_RAW = 8,    /* takes the body as bytes (raw, raw_len; up to 64 MiB), not JSON: file uploads */
};

typedef struct req req;
typedef int (*handler_fn)(req *r, err *e);

typedef struct route {
	const char *method;
	const char *path; /* "/api/v1/patients/{id}": {id} is a positive integer */
	perm need;        /* P_NONE: any signed-in user */
	unsigned flags;
	handler_fn fn;
	const char *summary;
	int ok_status;    /* the success status documented and answered (200 if 0) */
} route;

struct req {
	const char *method, *path;
	int64_t id;             /* the {id} path parameter, 0 if none */
	json_t *body;           /* parsed JSON body, NULL when none was sent */
	const char *raw;        /* R_RAW routes: the body as sent */
	size_t raw_len;
	const char *(*arg)(void *conn, const char *name); /* query parameter lookup */
	const char *(*header)(void *conn, const char *name); /* request header lookup */
	void *conn;
	ctx x;                  /* x.who points at `who` for signed-in routes */
	principal who;
	const char *token;      /* the presented token (bearer or cookie), if any */
	/* the answer */
	int status;             /* defaults to the route's ok_status */
	json_t *out;            /* JSON body (owned), NULL for none */
	char *out_text;         /* R_TEXT routes: malloc'ed body */
	size_t out_len;         /* its length when it is binary (0: a C string) */
	const char *filename;   /* a download: sent as Content-Disposition: attachment */
	const char *content_type;
	char cookie[TOKEN_LEN]; /* a new session token to set as cookie; "-" clears it */
};

/* The whole table, as the areas' tables one after another. */
int api_route_count(void);
const route *api_route_at(int i);

/* The OpenAPI 3.1 document of the table (new reference). */
json_t *api_openapi(void);

/* Helpers for handlers: query parameters with errors that name them. */
const char *api_arg(req *r, const char *name);
int api_limit(req *r, int *limit, err *e);             /* ?limit=, default 50, 1..500 */
int api_int_arg(req *r, const char *name, int64_t *v, err *e); /* positive integer or absent (0) */
/* A file made for the path's {id} by fn, answered as an attachment named by the format
 * `name` (one %lld: the id) with the content type. */
int api_download(req *r, int (*fn)(ctx *, int64_t, char **, size_t *, err *), const char *name, const char *type, err *e);
/* A report's rows (stolen) as JSON ({items}), or with ?format=csv|xlsx as a download named
 * "<name>-<from>-to-<to>.<format>" (or "<name>-<as_of>.<format>"; the columns say how:
 * formats/table.h), audited. */
struct column;
int api_report(req *r, const char *name, const struct column *cols, int ncols, json_t *rows, err *e);
/* The Idempotency-Key header of a posting (1 to 100 printable characters), or NULL. */
int api_idempotency_key(req *r, const char **key, err *e);

/* The routes of each area file. */
extern const route session_routes[], user_routes[], patient_routes[], registry_routes[], audit_routes[],
	meta_routes[], schedule_routes[], billing_routes[], ledger_routes[];
extern const int session_nroutes, user_nroutes, patient_nroutes, registry_nroutes, audit_nroutes, meta_nroutes,
	schedule_nroutes, billing_nroutes, ledger_nroutes;

#define ROUTES(name, ...)                                                                          \
	const route name##_routes[] = {__VA_ARGS__};                                               \
	const int name##_nroutes = sizeof name##_routes / sizeof *name##_routes

#endif
