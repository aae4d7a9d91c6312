/* meta.c: the OpenAPI document, liveness and metrics. */
#include <stdlib.h>

#include "api/api.h"
#include "base/metrics.h"

static int openapi(req *r, err *e)
{
	r->out = api_openapi();
	return 0;
}

static int healthz(req *r, err *e)
{
	int64_t one = 0;
	if (db_one_i64(r->x.db, e, &one, "SELECT 1", NULL) != 1)
		return err_set(e, ERR_UNAVAILABLE, "database unreachable");
	r->out = json_pack("{s:s,s:s}", "status", "ok", "database", db_kind(r->x.db) == DB_PG ? "postgresql" : "sqlite");
	return 0;
}

static int metrics(req *r, err *e)
{
	buf b;
	buf_init(&b, 1 << 20);
	metrics_text(&b);
	r->out_text = buf_detach(&b);
	r->content_type = "text/plain; version=0.0.4";
	return 0;
}

ROUTES(meta,
       {"GET", "/api/v1/openapi.json", P_NONE, R_PUBLIC, openapi, "This document"},
       {"GET", "/healthz", P_NONE, R_PUBLIC, healthz, "Liveness: the server answers and the database is reachable"},
       {"GET", "/metrics", P_NONE, R_PUBLIC | R_TEXT, metrics, "Counters in the Prometheus text format"});
