/* err.c: the error table and the problem+json builder. */
#include "base/err.h"

#include <stdarg.h>
#include <stdio.h>

static const struct {
	int status;
	const char *name;
	const char *title;
} table[ERR__COUNT] = {
	[ERR_OK] = {200, "ok", "ok"},
	[ERR_VALIDATION] = {400, "validation", "the request has invalid fields"},
	[ERR_BAD_JSON] = {400, "bad-json", "the body is not valid JSON"},
	[ERR_BAD_REQUEST] = {400, "bad-request", "the request is malformed"},
	[ERR_UNAUTHORIZED] = {401, "unauthorized", "authentication is required"},
	[ERR_TOTP_REQUIRED] = {401, "totp-required", "a one-time code is required"},
	[ERR_TOTP_INVALID] = {401, "totp-invalid", "the one-time code is not valid"},
	[ERR_FORBIDDEN] = {403, "forbidden", "you do not have permission for this"},
	[ERR_NOT_FOUND] = {404, "not-found", "not found"},
	[ERR_METHOD] = {405, "method-not-allowed", "method not allowed"},
	[ERR_CONFLICT] = {409, "conflict", "conflicts with an existing record"},
	[ERR_VERSION_CONFLICT] = {409, "version-conflict", "someone else changed this record"},
	[ERR_DUPLICATE_PATIENT] = {409, "duplicate-patient", "this patient may already be registered"},
	[ERR_STATE] = {409, "invalid-state", "the record's state does not allow this"},
	[ERR_UNPROCESSABLE] = {422, "rule-violation", "the request breaks a business rule"},
	[ERR_TOO_LARGE] = {413, "payload-too-large", "the request body is too large"},
	[ERR_LOCKED] = {423, "locked", "the account is locked"},
	[ERR_RATE_LIMITED] = {429, "rate-limited", "too many attempts; wait and try again"},
	[ERR_DB] = {500, "internal", "internal error"},
	[ERR_INTERNAL] = {500, "internal", "internal error"},
	[ERR_UNAVAILABLE] = {503, "unavailable", "service unavailable"},
};

int err_set(err *e, err_code code, const char *fmt, ...)
{
	if (!e)
		return -1;
	e->code = code;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof e->msg, fmt, ap);
	va_end(ap);
	return -1;
}

int err_field(err *e, const char *field, const char *fmt, ...)
{
	char msg[200];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (!e->fields)
		e->fields = json_array();
	json_array_append_new(e->fields, json_pack("{s:s,s:s}", "field", field, "message", msg));
	if (e->code != ERR_VALIDATION) {
		e->code = ERR_VALIDATION;
		snprintf(e->msg, sizeof e->msg, "%s: %s", field, msg);
	}
	return -1;
}

int err_has_fields(const err *e) { return e->fields && json_array_size(e->fields) > 0; }

void err_clear(err *e)
{
	json_decref(e->fields);
	json_decref(e->extra);
	e->fields = e->extra = NULL;
	e->code = ERR_OK;
	e->msg[0] = 0;
}

int err_http_status(err_code c) { return c < ERR__COUNT ? table[c].status : 500; }
const char *err_name(err_code c) { return c < ERR__COUNT ? table[c].name : "internal"; }
const char *err_title(err_code c) { return c < ERR__COUNT ? table[c].title : "internal error"; }

json_t *err_problem(const err *e)
{
	char type[64];
	snprintf(type, sizeof type, "urn:praxis:problem:%s", err_name(e->code));
	int status = err_http_status(e->code);
	json_t *p = json_pack("{s:s,s:s,s:i,s:s}", "type", type, "title", err_title(e->code),
			      "status", status, "code", err_name(e->code));
	/* internal details stay in the log, never in the answer */
	if (e->msg[0] && status < 500)
		json_object_set_new(p, "detail", json_string(e->msg));
	if (e->fields)
		json_object_set(p, "errors", e->fields);
	if (e->extra)
		json_object_update(p, e->extra);
	return p;
}
