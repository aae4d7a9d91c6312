/* metrics.h: process-wide counters, exported in the Prometheus text format at /metrics.
 * Counters are atomic; incrementing one costs a single atomic add. */
#ifndef PRAXIS_METRICS_H
#define PRAXIS_METRICS_H

#include "base/buf.h"

#define METRICS(X)                                                                                 \
	X(HTTP_2XX, "praxis_http_responses_total{class=\"2xx\"}", "HTTP responses by status class")  \
	X(HTTP_3XX, "praxis_http_responses_total{class=\"3xx\"}", NULL)                              \
	X(HTTP_4XX, "praxis_http_responses_total{class=\"4xx\"}", NULL)                              \
	X(HTTP_5XX, "praxis_http_responses_total{class=\"5xx\"}", NULL)                              \
	X(LOGIN_OK, "praxis_logins_total{outcome=\"success\"}", "sign-in attempts by outcome")       \
	X(LOGIN_FAIL, "praxis_logins_total{outcome=\"failure\"}", NULL)                              \
	X(AUDIT_EVENTS, "praxis_audit_events_group_committed_total", "audit events written by the group-commit writer") \
	X(AUDIT_BATCHES, "praxis_audit_batches_total", "group commits (one transaction each)")

typedef enum {
#define X(id, name, help) METRIC_##id,
	METRICS(X)
#undef X
	METRIC__COUNT
} metric;

void metrics_add(metric m, unsigned long n);
void metrics_text(buf *b);

#endif
