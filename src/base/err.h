/* err.h: the one error type of Praxis.
 *
 * Every fallible function takes an `err *` last and returns -1 (or NULL) on failure after
 * filling it; `return err_set(e, ERR_NOT_FOUND, "patient not found");` keeps error paths one
 * line. Each code maps to one HTTP status and one problem+json `type` (the table in err.c).
 *
 * Messages are short, lowercase, without a final period, and NEVER contain health data:
 * name the field or the object id, never its value. */
#ifndef PRAXIS_ERR_H
#define PRAXIS_ERR_H

#include <jansson.h>

typedef enum {
	ERR_OK = 0,
	ERR_VALIDATION,       /* 400: fields[] says which */
	ERR_BAD_JSON,         /* 400: body is not JSON */
	ERR_BAD_REQUEST,      /* 400: other malformed request */
	ERR_UNAUTHORIZED,     /* 401 */
	ERR_TOTP_REQUIRED,    /* 401: password right, code missing */
	ERR_TOTP_INVALID,     /* 401 */
	ERR_FORBIDDEN,        /* 403 */
	ERR_NOT_FOUND,        /* 404 */
	ERR_METHOD,           /* 405 */
	ERR_CONFLICT,         /* 409: unique key taken */
	ERR_VERSION_CONFLICT, /* 409: stale version */
	ERR_DUPLICATE_PATIENT,/* 409: extra["candidates"] */
	ERR_STATE,            /* 409: the record's state does not allow this (illegal transition) */
	ERR_UNPROCESSABLE,    /* 422: well-formed, but against a business rule (outside availability) */
	ERR_TOO_LARGE,        /* 413 */
	ERR_LOCKED,           /* 423: account locked */
	ERR_RATE_LIMITED,     /* 429 */
	ERR_DB,               /* 500 */
	ERR_INTERNAL,         /* 500 */
	ERR_UNAVAILABLE,      /* 503 */
	ERR__COUNT
} err_code;

typedef struct err {
	err_code code;
	char msg[240];
	json_t *fields; /* NULL or array of {field, message}; owned */
	json_t *extra;  /* NULL or object merged into the problem document; owned */
} err;

#define ERR_INIT {ERR_OK, "", NULL, NULL}

/* Sets code and message (printf format); returns -1. Overwrites an earlier message. */
int err_set(err *e, err_code code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Adds one field error and makes the code ERR_VALIDATION; returns -1. */
int err_field(err *e, const char *field, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* True when field errors were collected. */
int err_has_fields(const err *e);
/* Frees fields/extra and resets to ERR_OK. */
void err_clear(err *e);

/* The table: HTTP status, short name ("not-found") and title for a code. */
int err_http_status(err_code code);
const char *err_name(err_code code);
const char *err_title(err_code code);

/* Builds the RFC 9457 problem document for e (new reference). */
json_t *err_problem(const err *e);

#endif
