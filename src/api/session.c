/* session.c: sign-in, sign-out, the signed-in user and TOTP enrolment. */
#include <string.h>

#include "access/accounts.h"
#include "api/api.h"

static int me_json(req *r, json_t **out, err *e)
{
	json_t *user = NULL, *practice = NULL;
	if (user_get(&r->x, r->x.who->user_id, &user, e) || practice_get(&r->x, &practice, e)) {
		json_decref(user);
		return -1;
	}
	char csrf[HASH_HEX_LEN] = "";
	if (r->token)
		session_csrf(r->token, csrf);
	*out = json_pack("{s:o,s:O,s:o,s:s,s:O,s:b}", "user", user, "practice", practice, "permissions",
			 perm_json(r->x.who->perms), "csrf_token", csrf, "idle_timeout_seconds",
			 json_object_get(practice, "idle_timeout_seconds"), "totp_enrolment_required",
			 r->x.who->enrol_only);
	json_decref(practice);
	return 0;
}

static int create(req *r, err *e)
{
	login_result lr;
	if (session_login(r->x.db, r->body, r->x.ip, &lr, e))
		return -1;
	/* answer as the new session would see itself */
	if (session_auth(r->x.db, lr.token, r->x.ip, &r->who, e))
		return -1;
	r->who.cookie = false;
	r->x.who = &r->who;
	r->token = lr.token;
	json_t *me = NULL;
	if (me_json(r, &me, e))
		return -1;
	json_object_set_new(me, "token", json_string(lr.token));
	memcpy(r->cookie, lr.token, TOKEN_LEN);
	r->out = me;
	return 0;
}

static int destroy(req *r, err *e)
{
	if (session_logout(&r->x, e))
		return -1;
	strcpy(r->cookie, "-");
	return 0;
}

static int me(req *r, err *e) { return me_json(r, &r->out, e); }
static int totp_start(req *r, err *e) { return totp_begin(&r->x, &r->out, e); }

static int totp_finish(req *r, err *e)
{
	const char *code = json_string_value(json_object_get(r->body, "code"));
	if (!code)
		return err_field(e, "code", "is required: the 6 digits your authenticator app shows");
	return totp_confirm(&r->x, code, e);
}

ROUTES(session,
       {"POST", "/api/v1/session", P_NONE, R_PUBLIC, create, "Sign in: {email, password, totp?}; returns a bearer token and sets the session cookie", 201},
       {"DELETE", "/api/v1/session", P_NONE, R_ENROL, destroy, "Sign out", 204},
       {"GET", "/api/v1/me", P_NONE, R_ENROL, me, "The signed-in user, practice, permissions and CSRF token"},
       {"POST", "/api/v1/me/totp", P_NONE, R_ENROL, totp_start, "Start TOTP enrolment: a new secret and otpauth URI"},
       {"POST", "/api/v1/me/totp/confirm", P_NONE, R_ENROL, totp_finish, "Finish TOTP enrolment with a current code", 204});
