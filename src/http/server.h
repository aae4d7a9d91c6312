/* server.h: the HTTP server (libmicrohttpd, a thread pool over epoll).
 *
 * For each request: match the route table (api/api.h), authenticate (bearer token or
 * session cookie; cookie-authenticated writes must carry X-CSRF-Token), check the route's
 * permission, parse the JSON body (at most 1 MiB, else 413), call the handler, and answer
 * JSON or application/problem+json. Audit events a handler queued are made durable by the
 * group-commit writer before the answer is sent: the connection is suspended meanwhile, so
 * a worker thread never waits on a commit. Anything outside /api/, /healthz and /metrics is
 * the web app, served from the web directory (index.html for unknown paths).
 *
 * Each worker thread opens and owns one database connection. Each request owns an arena
 * freed when its answer has been sent. Every answer carries the security headers. */
#ifndef PRAXIS_SERVER_H
#define PRAXIS_SERVER_H

#include "base/err.h"

typedef struct http_config {
	const char *db_url;
	const char *listen;   /* "HOST:PORT" */
	const char *web_dir;  /* built web app (web/dist); may be NULL */
	int threads;          /* worker threads */
	const char *tls_cert, *tls_key; /* PEM files; both or neither */
	int jobs_interval;    /* seconds between background passes (reminders); 0: none */
} http_config;

/* Serves until SIGINT or SIGTERM. */
int http_serve(const http_config *cfg, err *e);

#endif
