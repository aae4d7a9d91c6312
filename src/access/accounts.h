/* accounts.h: practices, users, roles, sign-in sessions and TOTP.
 *
 * Passwords are hashed with argon2id; session and API tokens are 256 random bits of which
 * only the BLAKE2b hash is stored. Five failed sign-ins within 15 minutes lock the account
 * for 15 minutes. A session idle for longer than the practice's idle timeout (default 15
 * minutes) ends. A practice may require TOTP (RFC 6238): its users without a TOTP secret
 * can then only enrol until they have one. */
#ifndef PRAXIS_ACCOUNTS_H
#define PRAXIS_ACCOUNTS_H

#include <jansson.h>

#include "access/access.h"
#include "base/crypto.h"

#define LOCK_FAILURES 5
#define LOCK_WINDOW_S (15 * 60)
#define PASSWORD_MIN 10

/* Creates a practice (and its audit chain head); *id receives its id. */
int practice_create(db *c, const char *name, int64_t *id, err *e);
/* {id, name, require_totp, idle_timeout_seconds} of the caller's practice. */
int practice_get(ctx *x, json_t **out, err *e);

/* Creates a user from {email, display_name, roles: [...], password}. x->who may be NULL
 * (CLI) with practice_id given; otherwise the caller's practice is used. */
int user_create(ctx *x, int64_t practice_id, json_t *in, json_t **out, err *e);
int user_list(ctx *x, json_t **out, err *e);
int user_get(ctx *x, int64_t id, json_t **out, err *e);
/* {version, display_name?, roles?, disabled?}. Refuses to leave a practice without an
 * active admin. Disabling a user ends their sessions. */
int user_update(ctx *x, int64_t id, json_t *patch, json_t **out, err *e);

typedef struct login_result {
	char token[TOKEN_LEN];
	bool enrol_only;
	int64_t user_id, practice_id;
} login_result;

/* Roles as stored in app_user.roles (",a,b,"): as a JSON array, and as permissions. */
json_t *roles_json(const char *text);
permset roles_perms(const char *text);

/* Signs in with {email, password, totp?, practice_id?}. Audits success and failure. */
int session_login(db *c, json_t *in, const char *ip, login_result *out, err *e);
/* Resolves a bearer/cookie token into a principal; applies the idle timeout. */
int session_auth(db *c, const char *token, const char *ip, principal *p, err *e);
int session_logout(ctx *x, err *e);
/* The CSRF token belonging to a session token (derived, not stored). */
void session_csrf(const char *token, char out[HASH_HEX_LEN]);

/* TOTP enrolment: begin returns {secret, otpauth_uri}; confirm checks a code and enables. */
int totp_begin(ctx *x, json_t **out, err *e);
int totp_confirm(ctx *x, const char *code, err *e);
/* The current code for a base32 secret (tests and the CLI). */
int totp_now(const char *secret_b32, char out[7]);

#endif
