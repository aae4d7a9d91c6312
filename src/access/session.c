/* session.c: sign-in, token authentication, sign-out and TOTP. */
#include <liboath/oath.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access/accounts.h"
#include "access/ratelimit.h"
#include "base/text.h"
#include "base/timeutil.h"

static pthread_once_t oath_once = PTHREAD_ONCE_INIT;
static void oath_setup(void) { oath_init(); }

/* an argon2id hash of a random password: unknown e-mails cost the same time as known ones */
static char dummy_hash[PWHASH_LEN];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;
static void dummy_setup(void)
{
	char pw[24];
	password_new(pw, 20);
	pw_hash(pw, dummy_hash);
}

static void audit_login(db *c, int64_t practice, int64_t user, const char *ip, const char *outcome, const char *reason)
{
	err e = ERR_INIT;
	audit_event ev = {practice, user, "session.create", "session", 0, 0, ip, outcome, reason};
	audit_append(c, &ev, &e);
	err_clear(&e);
}

static int totp_check(const char *secret_b32, const char *code)
{
	pthread_once(&oath_once, oath_setup);
	char *raw = NULL;
	size_t n = 0;
	if (!code || strlen(code) != 6 || oath_base32_decode(secret_b32, strlen(secret_b32), &raw, &n) != OATH_OK)
		return -1;
	int rc = oath_totp_validate(raw, n, now_unix(), 30, 0, 1, code);
	free(raw);
	return rc >= 0 ? 0 : -1;
}

int totp_now(const char *secret_b32, char out[7])
{
	pthread_once(&oath_once, oath_setup);
	char *raw = NULL;
	size_t n = 0;
	if (oath_base32_decode(secret_b32, strlen(secret_b32), &raw, &n) != OATH_OK)
		return -1;
	int rc = oath_totp_generate(raw, n, now_unix(), 30, 0, 6, out);
	free(raw);
	return rc == OATH_OK ? 0 : -1;
}

/* Records a failed attempt; locks the account at the limit. */
static void fail_attempt(db *c, int64_t user, int count, const char *since, time_t now)
{
	err e = ERR_INIT;
	char ts[TS_LEN], until[TS_LEN];
	ts_format(now, ts);
	time_t t0 = 0;
	bool fresh = !since || ts_parse(since, &t0) || now - t0 > LOCK_WINDOW_S;
	int n = fresh ? 1 : count + 1;
	ts_format(now + LOCK_WINDOW_S, until);
	db_run(c, &e,
	       "UPDATE app_user SET failed_count = $1, failed_since = $2, locked_until = $3 WHERE id = $4", "issi",
	       (int64_t)n, fresh ? ts : since, n >= LOCK_FAILURES ? until : NULL, user);
	err_clear(&e);
}

int session_login(db *c, json_t *in, const char *ip, login_result *out, err *e)
{
	if (!json_is_object(in))
		return err_set(e, ERR_BAD_REQUEST, "the body must be a JSON object");
	const char *email = json_string_value(json_object_get(in, "email"));
	const char *pw = json_string_value(json_object_get(in, "password"));
	json_t *totp = json_object_get(in, "totp");
	json_t *pid = json_object_get(in, "practice_id");
	if (!email || !*email)
		err_field(e, "email", "is required");
	if (!pw || !*pw)
		err_field(e, "password", "is required");
	if (totp && !json_is_string(totp) && !json_is_null(totp))
		err_field(e, "totp", "must be a string of 6 digits");
	if (pid && !json_is_integer(pid) && !json_is_null(pid))
		err_field(e, "practice_id", "must be an integer");
	if (err_has_fields(e))
		return -1;
	time_t now = now_unix();
	if (!ratelimit_allowed(ip, now)) {
		audit_login(c, 0, 0, ip, "denied", "too many failed sign-ins from this address");
		return err_set(e, ERR_RATE_LIMITED, "too many failed sign-ins from this address; try again later");
	}
	if (strlen(email) > 254 || strlen(pw) > 1024) {
		ratelimit_failed(ip, now);
		return err_set(e, ERR_UNAUTHORIZED, "the e-mail or password is not correct");
	}
	char lower[256];
	snprintf(lower, sizeof lower, "%s", email);
	for (char *p = lower; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');

	db_stmt *st = db_prepare(c,
				 "SELECT u.id, u.practice_id, u.pw_hash, u.disabled, u.totp_secret, u.totp_enabled, "
				 "u.failed_count, u.failed_since, u.locked_until, p.require_totp "
				 "FROM app_user u JOIN practice p ON p.id = u.practice_id "
				 "WHERE u.email = $1 AND ($2 = 0 OR u.practice_id = $2) ORDER BY u.id LIMIT 2",
				 e);
	if (!st)
		return -1;
	db_bindv(st, "si", lower, (int64_t)json_integer_value(pid));
	int rc = db_step(st, e), matches = 0;
	int64_t user = 0, practice = 0;
	char hash[PWHASH_LEN] = "", secret[64] = "", since[TS_LEN] = "", locked[TS_LEN] = "";
	bool disabled = false, totp_on = false, require = false;
	int failed = 0;
	if (rc == DB_ROW) {
		matches = 1;
		user = db_col_i64(st, 0);
		practice = db_col_i64(st, 1);
		snprintf(hash, sizeof hash, "%s", db_col_text(st, 2));
		disabled = db_col_i64(st, 3);
		snprintf(secret, sizeof secret, "%s", db_col_text(st, 4) ? db_col_text(st, 4) : "");
		totp_on = db_col_i64(st, 5);
		failed = (int)db_col_i64(st, 6);
		snprintf(since, sizeof since, "%s", db_col_text(st, 7) ? db_col_text(st, 7) : "");
		snprintf(locked, sizeof locked, "%s", db_col_text(st, 8) ? db_col_text(st, 8) : "");
		require = db_col_i64(st, 9);
		if (db_step(st, e) == DB_ROW)
			matches = 2;
	}
	db_done(st);
	if (rc == DB_ERR)
		return -1;
	if (matches == 2)
		return err_field(e, "practice_id", "is required: this e-mail signs in to several practices");
	if (!matches) {
		ratelimit_failed(ip, now);
		pthread_once(&dummy_once, dummy_setup);
		pw_verify(dummy_hash, pw);
		audit_login(c, 0, 0, ip, "failure", "unknown account");
		return err_set(e, ERR_UNAUTHORIZED, "the e-mail or password is not correct");
	}
	time_t until = 0;
	if (*locked && !ts_parse(locked, &until) && until > now) {
		audit_login(c, practice, user, ip, "denied", "account locked");
		return err_set(e, ERR_LOCKED, "too many failed sign-ins; try again later");
	}
	if (!pw_verify(hash, pw)) {
		ratelimit_failed(ip, now);
		fail_attempt(c, user, failed, *since ? since : NULL, now);
		audit_login(c, practice, user, ip, "failure", "wrong password");
		return err_set(e, ERR_UNAUTHORIZED, "the e-mail or password is not correct");
	}
	if (disabled) {
		audit_login(c, practice, user, ip, "denied", "account disabled");
		return err_set(e, ERR_UNAUTHORIZED, "the e-mail or password is not correct");
	}
	if (totp_on) {
		const char *code = json_string_value(totp);
		if (!code || !*code) {
			audit_login(c, practice, user, ip, "denied", "one-time code required");
			return err_set(e, ERR_TOTP_REQUIRED, "enter the code from your authenticator app");
		}
		if (totp_check(secret, code)) {
			ratelimit_failed(ip, now);
			fail_attempt(c, user, failed, *since ? since : NULL, now);
			audit_login(c, practice, user, ip, "failure", "wrong one-time code");
			return err_set(e, ERR_TOTP_INVALID, "the one-time code is not correct");
		}
	}
	char ts[TS_LEN], th[HASH_HEX_LEN];
	ts_format(now, ts);
	token_new(out->token);
	hash_hex(out->token, strlen(out->token), th);
	if (db_begin(c, e))
		return -1;
	rc = db_run(c, e,
		    "UPDATE app_user SET failed_count = 0, failed_since = NULL, locked_until = NULL, last_login_at = $1 "
		    "WHERE id = $2",
		    "si", ts, user) < 0;
	int64_t sid = 0;
	if (!rc)
		rc = db_one_i64(c, e, &sid,
				"INSERT INTO session (practice_id, user_id, token_hash, kind, created_at, last_seen_at, ip) "
				"VALUES ($1, $2, $3, 'session', $4, $4, $5) RETURNING id",
				"iisss", practice, user, th, ts, ip) == 1 ? 0 : -1;
	if (!rc) {
		audit_event ev = {practice, user, "session.create", "session", sid, 0, ip, "success", NULL};
		rc = audit_append(c, &ev, e);
	}
	if (rc) {
		db_rollback(c);
		return -1;
	}
	if (db_commit(c, e))
		return -1;
	out->enrol_only = require && !totp_on;
	out->user_id = user;
	out->practice_id = practice;
	return 0;
}

void session_csrf(const char *token, char out[HASH_HEX_LEN])
{
	char buf[TOKEN_LEN + 8];
	snprintf(buf, sizeof buf, "csrf:%s", token);
	hash_hex(buf, strlen(buf), out);
}

int session_auth(db *c, const char *token, const char *ip, principal *p, err *e)
{
	if (!token || strlen(token) != TOKEN_LEN - 1)
		return err_set(e, ERR_UNAUTHORIZED, "sign in first");
	char th[HASH_HEX_LEN];
	hash_hex(token, strlen(token), th);
	db_stmt *st = db_prepare(c,
				 "SELECT s.id, s.practice_id, s.user_id, s.kind, s.last_seen_at, u.disabled, u.totp_enabled, "
				 "p.require_totp, p.idle_timeout_s, u.roles FROM session s "
				 "JOIN app_user u ON u.id = s.user_id JOIN practice p ON p.id = s.practice_id "
				 "WHERE s.token_hash = $1",
				 e);
	if (!st)
		return -1;
	db_bind_text(st, 1, th);
	int rc = db_step(st, e);
	if (rc != DB_ROW) {
		db_done(st);
		return rc == DB_ERR ? -1 : err_set(e, ERR_UNAUTHORIZED, "sign in first");
	}
	memset(p, 0, sizeof *p);
	p->session_id = db_col_i64(st, 0);
	p->practice_id = db_col_i64(st, 1);
	p->user_id = db_col_i64(st, 2);
	bool idle_applies = !strcmp(db_col_text(st, 3), "session");
	time_t seen = 0;
	ts_parse(db_col_text(st, 4), &seen);
	bool disabled = db_col_i64(st, 5);
	p->enrol_only = db_col_i64(st, 7) && !db_col_i64(st, 6);
	int64_t idle = db_col_i64(st, 8);
	p->perms = roles_perms(db_col_text(st, 9));
	snprintf(p->token_hash, sizeof p->token_hash, "%s", th);
	db_done(st);
	time_t now = now_unix();
	if (disabled)
		return err_set(e, ERR_UNAUTHORIZED, "sign in first");
	if (idle_applies && now - seen > idle) {
		db_run(c, e, "DELETE FROM session WHERE id = $1", "i", p->session_id);
		audit_event ev = {p->practice_id, p->user_id, "session.expire", "session", p->session_id, 0, ip,
				  "success", "idle timeout"};
		audit_append(c, &ev, e);
		err_clear(e);
		return err_set(e, ERR_UNAUTHORIZED, "your session ended after inactivity; sign in again");
	}
	if (now - seen >= 60) { /* refreshed at most once a minute: reads stay reads */
		char ts[TS_LEN];
		ts_format(now, ts);
		if (db_run(c, e, "UPDATE session SET last_seen_at = $1 WHERE id = $2", "si", ts, p->session_id) < 0)
			return -1;
	}
	return 0;
}

int session_logout(ctx *x, err *e)
{
	if (db_begin(x->db, e))
		return -1;
	int rc = db_run(x->db, e, "DELETE FROM session WHERE id = $1 AND practice_id = $2", "ii", x->who->session_id,
			ctx_practice(x)) < 0;
	if (!rc)
		rc = ctx_audit(x, "session.delete", "session", x->who->session_id, 0, NULL, e);
	if (rc) {
		db_rollback(x->db);
		return -1;
	}
	return db_commit(x->db, e);
}

int totp_begin(ctx *x, json_t **out, err *e)
{
	pthread_once(&oath_once, oath_setup);
	unsigned char raw[20];
	random_bytes(raw, sizeof raw);
	char *b32 = NULL;
	size_t n = 0;
	if (oath_base32_encode((char *)raw, sizeof raw, &b32, &n) != OATH_OK)
		return err_set(e, ERR_INTERNAL, "could not encode the secret");
	int64_t changed = db_run(x->db, e,
				 "UPDATE app_user SET totp_secret = $1 WHERE id = $2 AND practice_id = $3 AND totp_enabled = 0",
				 "sii", b32, ctx_user(x), ctx_practice(x));
	if (changed <= 0) {
		free(b32);
		return changed < 0 ? -1 : err_set(e, ERR_CONFLICT, "a one-time code is already set up; ask an admin to reset it");
	}
	char email[256] = "";
	db_stmt *st = db_prepare(x->db, "SELECT email FROM app_user WHERE id = $1", e);
	if (st) {
		db_bind_i64(st, 1, ctx_user(x));
		if (db_step(st, e) == DB_ROW)
			snprintf(email, sizeof email, "%s", db_col_text(st, 0));
		db_done(st);
	}
	char uri[512];
	snprintf(uri, sizeof uri, "otpauth://totp/Praxis:%s?secret=%s&issuer=Praxis&digits=6&period=30", email, b32);
	*out = json_pack("{s:s,s:s}", "secret", b32, "otpauth_uri", uri);
	free(b32);
	return 0;
}

int totp_confirm(ctx *x, const char *code, err *e)
{
	char secret[64] = "";
	db_stmt *st = db_prepare(x->db, "SELECT totp_secret FROM app_user WHERE id = $1 AND practice_id = $2", e);
	if (!st)
		return -1;
	db_bindv(st, "ii", ctx_user(x), ctx_practice(x));
	if (db_step(st, e) == DB_ROW && db_col_text(st, 0))
		snprintf(secret, sizeof secret, "%s", db_col_text(st, 0));
	db_done(st);
	if (!*secret)
		return err_set(e, ERR_CONFLICT, "start the set-up first (POST /api/v1/me/totp)");
	if (totp_check(secret, code))
		return err_field(e, "code", "is not the current code of your authenticator app");
	if (db_begin(x->db, e))
		return -1;
	int rc = db_run(x->db, e, "UPDATE app_user SET totp_enabled = 1, version = version + 1 WHERE id = $1", "i",
			ctx_user(x)) < 0;
	if (!rc)
		rc = ctx_audit(x, "user.totp_enable", "user", ctx_user(x), 0, NULL, e);
	if (rc) {
		db_rollback(x->db);
		return -1;
	}
	return db_commit(x->db, e);
}
