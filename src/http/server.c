/* server.c: see server.h. */
#include "http/server.h"
#include "jobs/jobs.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <microhttpd.h>
#include <netdb.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "access/accounts.h"
#include "api/api.h"
#include "audit/audit.h"
#include "base/arena.h"
#include "base/buf.h"
#include "base/json_text.h"
#include "base/log.h"
#include "base/metrics.h"
#include "http/static.h"

#define MAX_BODY (1u << 20)
#define MAX_UPLOAD (64u << 20) /* R_RAW routes: files such as an 835 */

static const char *security_headers[][2] = {
	{"Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
				    "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; "
				    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"},
	{"X-Content-Type-Options", "nosniff"},
	{"X-Frame-Options", "DENY"},
	{"Referrer-Policy", "no-referrer"},
	{"Cross-Origin-Opener-Policy", "same-origin"},
};

static struct {
	const http_config *cfg;
	bool tls;
	pthread_key_t dbkey;
} srv;

typedef struct conn {
	arena a;
	buf body;
	bool too_large, waiting, audit_ok, raw;
	struct MHD_Connection *mc;
	struct MHD_Response *resp;
	unsigned status;
} conn;

static void close_db(void *p) { db_close(p); }

/* The calling worker thread's own connection. */
static db *thread_db(err *e)
{
	db *c = pthread_getspecific(srv.dbkey);
	if (!c) {
		if (db_open(srv.cfg->db_url, &c, e))
			return NULL;
		pthread_setspecific(srv.dbkey, c);
	}
	return c;
}

static void add_headers(struct MHD_Response *resp, bool api)
{
	for (size_t i = 0; i < sizeof security_headers / sizeof *security_headers; i++)
		MHD_add_response_header(resp, security_headers[i][0], security_headers[i][1]);
	if (srv.tls)
		MHD_add_response_header(resp, "Strict-Transport-Security", "max-age=31536000");
	if (api)
		MHD_add_response_header(resp, "Cache-Control", "no-store");
}

static struct MHD_Response *json_response(json_t *j, const char *type)
{
	size_t n;
	char *s = json_text(j, &n);
	struct MHD_Response *resp = MHD_create_response_from_buffer(n, s, MHD_RESPMEM_MUST_FREE);
	MHD_add_response_header(resp, "Content-Type", type);
	add_headers(resp, true);
	return resp;
}

static struct MHD_Response *problem_response(const err *e)
{
	json_t *p = err_problem(e);
	struct MHD_Response *resp = json_response(p, "application/problem+json");
	json_decref(p);
	return resp;
}

static enum MHD_Result send_response(struct MHD_Connection *mc, unsigned status, struct MHD_Response *resp)
{
	metrics_add(status >= 500 ? METRIC_HTTP_5XX : status >= 400 ? METRIC_HTTP_4XX : status >= 300 ? METRIC_HTTP_3XX : METRIC_HTTP_2XX, 1);
	enum MHD_Result rc = MHD_queue_response(mc, status, resp);
	MHD_destroy_response(resp);
	return rc;
}

static enum MHD_Result send_problem(struct MHD_Connection *mc, err *e)
{
	if (err_http_status(e->code) >= 500)
		log_error("request failed: %s", e->msg); /* messages never hold health data */
	unsigned status = (unsigned)err_http_status(e->code);
	return send_response(mc, status, problem_response(e));
}

/* Matches a path against a pattern with "{id}" segments; *id gets the number. */
static bool path_match(const char *pat, const char *path, int64_t *id)
{
	while (*pat && *path) {
		if (*pat == '{' && !strncmp(pat, "{id}", 4)) {
			char *end;
			if (*path < '1' || *path > '9')
				return false;
			long long v = strtoll(path, &end, 10);
			if (end - path > 18 || (*end && *end != '/'))
				return false;
			*id = v;
			pat += 4;
			path = end;
			continue;
		}
		if (*pat++ != *path++)
			return false;
	}
	return !*pat && !*path;
}

/* Routes sorted by their resource, the path up to its third '/' ("/api/v1/patients"), so a
 * request is compared only with the routes of its own resource. */
typedef struct keyed {
	char key[48];
	int order;
	const route *rt;
} keyed;
static keyed *rtab;
static int nrtab;

static size_t resource_len(const char *path)
{
	size_t n = 0;
	for (int slashes = 0; path[n] && !(path[n] == '/' && ++slashes == 3); n++)
		;
	return n;
}

static int keyed_cmp(const void *a, const void *b)
{
	const keyed *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	return c ? c : x->order - y->order;
}

static int index_routes(err *e)
{
	nrtab = api_route_count();
	rtab = calloc((size_t)nrtab, sizeof *rtab);
	if (!rtab)
		abort();
	for (int i = 0; i < nrtab; i++) {
		const route *rt = api_route_at(i);
		size_t n = resource_len(rt->path);
		if (n >= sizeof rtab[i].key || memchr(rt->path, '{', n))
			return err_set(e, ERR_INTERNAL, "route %s: its resource must be literal and short", rt->path);
		memcpy(rtab[i].key, rt->path, n);
		rtab[i].order = i;
		rtab[i].rt = rt;
	}
	qsort(rtab, (size_t)nrtab, sizeof *rtab, keyed_cmp);
	return 0;
}

/* A route's resource against the first n bytes of a path: <0, 0, >0. */
static int key_cmp(const char *key, const char *path, size_t n)
{
	int c = strncmp(key, path, n);
	return c ? c : key[n] != 0;
}

static const route *find_route(const char *method, const char *path, int64_t *id, bool *path_known)
{
	*path_known = false;
	size_t n = resource_len(path);
	int lo = 0, hi = nrtab; /* the first route of the path's resource */
	while (lo < hi) {
		int mid = (lo + hi) / 2;
		if (key_cmp(rtab[mid].key, path, n) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (int i = lo; i < nrtab && !key_cmp(rtab[i].key, path, n); i++) {
		const route *rt = rtab[i].rt;
		int64_t v = 0;
		if (!path_match(rt->path, path, &v))
			continue;
		*path_known = true;
		if (!strcmp(rt->method, method) || (!strcmp(method, "HEAD") && !strcmp(rt->method, "GET"))) {
			*id = v;
			return rt;
		}
	}
	return NULL;
}

static const char *header_arg(void *mc, const char *name)
{
	return MHD_lookup_connection_value(mc, MHD_HEADER_KIND, name);
}

static const char *query_arg(void *mc, const char *name)
{
	return MHD_lookup_connection_value(mc, MHD_GET_ARGUMENT_KIND, name);
}

static const char *client_ip(struct MHD_Connection *mc, arena *a)
{
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(mc, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	char s[INET6_ADDRSTRLEN] = "?";
	if (ci && ci->client_addr) {
		if (ci->client_addr->sa_family == AF_INET)
			inet_ntop(AF_INET, &((struct sockaddr_in *)ci->client_addr)->sin_addr, s, sizeof s);
		else if (ci->client_addr->sa_family == AF_INET6)
			inet_ntop(AF_INET6, &((struct sockaddr_in6 *)ci->client_addr)->sin6_addr, s, sizeof s);
	}
	return arena_strdup(a, s);
}

static void on_audit_done(void *arg, bool ok)
{
	conn *c = arg;
	c->audit_ok = ok;
	MHD_resume_connection(c->mc);
}

/* Authentication, CSRF, enrolment and permission. 0 to go on, -1 with e set. */
static int authorise(struct MHD_Connection *mc, const route *rt, req *r, const char *method, err *e)
{
	const char *auth = MHD_lookup_connection_value(mc, MHD_HEADER_KIND, "Authorization");
	const char *cookie = MHD_lookup_connection_value(mc, MHD_COOKIE_KIND, "praxis_session");
	bool by_cookie = false;
	if (auth && !strncasecmp(auth, "Bearer ", 7))
		r->token = auth + 7;
	else if (cookie && *cookie) {
		r->token = cookie;
		by_cookie = true;
	}
	if (rt->flags & R_PUBLIC)
		return 0;
	if (!r->token)
		return err_set(e, ERR_UNAUTHORIZED, "sign in first");
	if (session_auth(r->x.db, r->token, r->x.ip, &r->who, e))
		return -1;
	r->who.cookie = by_cookie;
	r->x.who = &r->who;
	if (by_cookie && strcmp(method, "GET") && strcmp(method, "HEAD")) {
		const char *sent = MHD_lookup_connection_value(mc, MHD_HEADER_KIND, "X-CSRF-Token");
		char want[HASH_HEX_LEN];
		session_csrf(r->token, want);
		if (!sent || !str_equal_ct(sent, want))
			return err_set(e, ERR_FORBIDDEN, "missing or wrong X-CSRF-Token header");
	}
	if (r->who.enrol_only && !(rt->flags & R_ENROL))
		return err_set(e, ERR_FORBIDDEN, "your practice requires a one-time code: set it up first");
	if (rt->need != P_NONE && !(r->who.perms & PERM_BIT(rt->need))) {
		/* a refused attempt is itself worth an audit event */
		r->x.pending[r->x.npending++] = (audit_event){r->who.practice_id, r->who.user_id, "access.denied", "route",
							      r->id, 0, r->x.ip, "denied", rt->path};
		return err_set(e, ERR_FORBIDDEN, "this needs the %s permission", perm_name(rt->need));
	}
	return 0;
}

static enum MHD_Result handle(conn *c, struct MHD_Connection *mc, const char *url, const char *method)
{
	err e = ERR_INIT;
	bool known = false;
	int64_t id = 0;
	const route *rt = find_route(method, url, &id, &known);
	if (!rt) {
		bool api = !strncmp(url, "/api/", 5) || !strcmp(url, "/healthz") || !strcmp(url, "/metrics");
		if (known)
			err_set(&e, ERR_METHOD, "%s is not allowed here", method);
		else if (api || (strcmp(method, "GET") && strcmp(method, "HEAD")))
			err_set(&e, ERR_NOT_FOUND, "no such endpoint");
		else {
			unsigned status;
			struct MHD_Response *resp = static_response(srv.cfg->web_dir, url, &status);
			add_headers(resp, false);
			return send_response(mc, status, resp);
		}
		enum MHD_Result rc = send_problem(mc, &e);
		err_clear(&e);
		return rc;
	}
	req *r = arena_alloc(&c->a, sizeof *r);
	r->method = method;
	r->path = url;
	r->id = id;
	r->arg = query_arg;
	r->header = header_arg;
	r->conn = mc;
	r->x.a = &c->a;
	r->x.ip = client_ip(mc, &c->a);
	int rc = (r->x.db = thread_db(&e)) ? 0 : -1;
	if (!rc)
		rc = authorise(mc, rt, r, method, &e);
	if (!rc && c->too_large)
		rc = err_set(&e, ERR_TOO_LARGE, "the body is larger than %u bytes", c->raw ? MAX_UPLOAD : MAX_BODY);
	if (!rc && (rt->flags & R_RAW)) {
		r->raw = c->body.s;
		r->raw_len = c->body.len;
	} else if (!rc && c->body.len) {
		json_error_t je;
		r->body = json_loadb(c->body.s, c->body.len, JSON_REJECT_DUPLICATES, &je);
		if (!r->body) /* position only: the text near the error could be health data */
			rc = err_set(&e, ERR_BAD_JSON, "the body is not valid JSON (line %d, column %d)", je.line, je.column);
	}
	if (!rc)
		rc = rt->fn(r, &e);
	if (r->x.db && db_in_tx(r->x.db)) /* a handler must never leave one open */
		db_rollback(r->x.db);

	struct MHD_Response *resp;
	unsigned status;
	if (rc) {
		resp = problem_response(&e);
		status = (unsigned)err_http_status(e.code);
		if (status >= 500)
			log_error("%s %s failed: %s", method, rt->path, e.msg);
	} else {
		status = (unsigned)(r->status ? r->status : rt->ok_status ? rt->ok_status : 200);
		if (r->out_text) {
			resp = MHD_create_response_from_buffer(r->out_len ? r->out_len : strlen(r->out_text), r->out_text,
							       MHD_RESPMEM_MUST_FREE);
			r->out_text = NULL;
			MHD_add_response_header(resp, "Content-Type", r->content_type ? r->content_type : "text/plain");
			if (r->filename) {
				char cd[160];
				snprintf(cd, sizeof cd, "attachment; filename=\"%s\"", r->filename);
				MHD_add_response_header(resp, "Content-Disposition", cd);
			}
			add_headers(resp, true);
		} else if (r->out && status != 204) {
			resp = json_response(r->out, "application/json");
		} else {
			resp = MHD_create_response_from_buffer(0, "", MHD_RESPMEM_PERSISTENT);
			add_headers(resp, true);
		}
		if (r->cookie[0]) {
			char sc[160];
			if (!strcmp(r->cookie, "-"))
				snprintf(sc, sizeof sc, "praxis_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict%s", srv.tls ? "; Secure" : "");
			else
				snprintf(sc, sizeof sc, "praxis_session=%s; Path=/; HttpOnly; SameSite=Strict%s", r->cookie, srv.tls ? "; Secure" : "");
			MHD_add_response_header(resp, "Set-Cookie", sc);
		}
	}
	if (!strcmp(rt->path, "/api/v1/session") && !strcmp(method, "POST"))
		metrics_add(rc ? METRIC_LOGIN_FAIL : METRIC_LOGIN_OK, 1);
	json_decref(r->out);
	json_decref(r->body);
	free(r->out_text);
	err_clear(&e);

	if (!r->x.npending)
		return send_response(mc, status, resp);
	/* hold the answer until its audit events are durable */
	c->resp = resp;
	c->status = status;
	c->waiting = true;
	c->mc = mc;
	MHD_suspend_connection(mc);
	audit_writer_submit(r->x.pending, r->x.npending, on_audit_done, c);
	return MHD_YES;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *mc, const char *url, const char *method,
				  const char *version, const char *upload, size_t *upload_size, void **con_cls)
{
	conn *c = *con_cls;
	if (!c) {
		c = calloc(1, sizeof *c);
		if (!c)
			return MHD_NO;
		int64_t id;
		bool known;
		const route *rt = find_route(method, url, &id, &known);
		c->raw = rt && (rt->flags & R_RAW);
		unsigned max = c->raw ? MAX_UPLOAD : MAX_BODY;
		buf_init(&c->body, max);
		*con_cls = c;
		/* a body a little over the limit is read and dropped, so the client sees the 413
		 * (answering mid-upload resets the connection under many clients); a huge one is
		 * refused at once and the connection closed */
		const char *cl = MHD_lookup_connection_value(mc, MHD_HEADER_KIND, "Content-Length");
		if (cl && strtoull(cl, NULL, 10) > (c->raw ? max : 16 * (unsigned long long)max)) {
			err e = ERR_INIT;
			err_set(&e, ERR_TOO_LARGE, "the body is larger than %u bytes", max);
			c->too_large = true;
			return send_problem(mc, &e);
		}
		return MHD_YES;
	}
	if (c->waiting) { /* resumed: the audit writer has answered */
		c->waiting = false;
		struct MHD_Response *resp = c->resp;
		c->resp = NULL;
		if (c->audit_ok)
			return send_response(mc, c->status, resp);
		MHD_destroy_response(resp);
		err e = ERR_INIT;
		err_set(&e, ERR_UNAVAILABLE, "could not record the audit event; nothing was shown");
		return send_problem(mc, &e);
	}
	if (*upload_size) {
		if (!c->too_large && buf_add(&c->body, upload, *upload_size))
			c->too_large = true;
		*upload_size = 0;
		return MHD_YES;
	}
	return handle(c, mc, url, method);
}

static void on_completed(void *cls, struct MHD_Connection *mc, void **con_cls, enum MHD_RequestTerminationCode code)
{
	conn *c = *con_cls;
	if (!c)
		return;
	if (c->resp)
		MHD_destroy_response(c->resp);
	buf_release(&c->body);
	arena_release(&c->a);
	free(c);
	*con_cls = NULL;
}

static bool is_loopback(const struct sockaddr *sa)
{
	if (sa->sa_family == AF_INET)
		return (ntohl(((const struct sockaddr_in *)sa)->sin_addr.s_addr) >> 24) == 127;
	if (sa->sa_family == AF_INET6)
		return IN6_IS_ADDR_LOOPBACK(&((const struct sockaddr_in6 *)sa)->sin6_addr);
	return false;
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	buf b;
	buf_init(&b, 1 << 20);
	char tmp[4096];
	size_t n;
	while ((n = fread(tmp, 1, sizeof tmp, f)) > 0)
		buf_add(&b, tmp, n);
	fclose(f);
	return buf_detach(&b);
}

int http_serve(const http_config *cfg, err *e)
{
	srv.cfg = cfg;
	pthread_key_create(&srv.dbkey, close_db);
	if (!rtab && index_routes(e))
		return -1;
	/* where to listen */
	char host[256];
	snprintf(host, sizeof host, "%s", cfg->listen);
	char *colon = strrchr(host, ':');
	if (!colon)
		return err_set(e, ERR_BAD_REQUEST, "--listen must be HOST:PORT");
	*colon = 0;
	const char *port = colon + 1;
	char *h = host;
	if (*h == '[') { /* [::1]:8080 */
		h++;
		h[strlen(h) - 1] = 0;
	}
	struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM, .ai_flags = AI_NUMERICSERV}, *ai = NULL;
	if (getaddrinfo(h, port, &hints, &ai) || !ai)
		return err_set(e, ERR_BAD_REQUEST, "cannot resolve the listen address %s", cfg->listen);
	srv.tls = cfg->tls_cert && cfg->tls_key;
	if (!srv.tls && !is_loopback(ai->ai_addr)) {
		freeaddrinfo(ai);
		return err_set(e, ERR_BAD_REQUEST,
			       "refusing to serve on a non-loopback address without TLS: set PRAXIS_TLS_CERT and PRAXIS_TLS_KEY");
	}
	if (db_checkpoint_in_background(cfg->db_url, e) || audit_writer_start(cfg->db_url, e)) {
		freeaddrinfo(ai);
		return -1;
	}
	/* the workers inherit this mask: only sigwait below sees the signals */
	sigset_t sigs;
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGINT);
	sigaddset(&sigs, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &sigs, NULL);
	signal(SIGPIPE, SIG_IGN);

	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_ALLOW_SUSPEND_RESUME;
	if (ai->ai_family == AF_INET6)
		flags |= MHD_USE_IPv6;
	char *cert = NULL, *key = NULL;
	if (srv.tls) {
		cert = slurp(cfg->tls_cert);
		key = slurp(cfg->tls_key);
		if (!cert || !key) {
			freeaddrinfo(ai);
			audit_writer_stop();
			return err_set(e, ERR_BAD_REQUEST, "cannot read the TLS certificate or key");
		}
		flags |= MHD_USE_TLS;
	}
	struct MHD_OptionItem tls_opts[] = {
		{srv.tls ? MHD_OPTION_HTTPS_MEM_CERT : MHD_OPTION_END, 0, cert},
		{MHD_OPTION_HTTPS_MEM_KEY, 0, key},
		{MHD_OPTION_END, 0, NULL},
	};
	struct MHD_Daemon *d = MHD_start_daemon(
		flags, 0, NULL, NULL, on_request, NULL, MHD_OPTION_SOCK_ADDR, ai->ai_addr, MHD_OPTION_THREAD_POOL_SIZE,
		(unsigned)cfg->threads, MHD_OPTION_CONNECTION_LIMIT, 4096u, MHD_OPTION_CONNECTION_TIMEOUT, 60u,
		MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL, MHD_OPTION_LISTENING_ADDRESS_REUSE, 1u,
		MHD_OPTION_ARRAY, tls_opts, MHD_OPTION_END);
	freeaddrinfo(ai);
	if (!d) {
		audit_writer_stop();
		free(cert);
		free(key);
		return err_set(e, ERR_BAD_REQUEST, "could not listen on %s: %s", cfg->listen, strerror(errno));
	}
	if (cfg->jobs_interval > 0 && jobs_start(cfg->db_url, cfg->jobs_interval, e)) {
		MHD_stop_daemon(d);
		audit_writer_stop();
		free(cert);
		free(key);
		return -1;
	}
	log_info("serving on %s://%s with %d threads", srv.tls ? "https" : "http", cfg->listen, cfg->threads);
	int sig = 0;
	sigwait(&sigs, &sig);
	log_info("stopping (signal %d)", sig);
	/* stop accepting, let the writer answer every held response, then close */
	MHD_quiesce_daemon(d);
	jobs_stop();
	audit_writer_stop();
	MHD_stop_daemon(d);
	free(cert);
	free(key);
	return 0;
}
