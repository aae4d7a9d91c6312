#include "base/log.h"

#include <stdarg.h>
#include <stdio.h>
#include <time.h>

static int quiet;

void log_quiet(int q) { quiet = q; }

static void emit(const char *level, const char *fmt, va_list ap)
{
	char line[1024], ts[32];
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(ts, sizeof ts, "%Y-%m-%dT%H:%M:%SZ", &tm);
	int n = snprintf(line, sizeof line, "%s %s ", ts, level);
	vsnprintf(line + n, sizeof line - (size_t)n, fmt, ap);
	fprintf(stderr, "%s\n", line); /* one write: lines from threads do not interleave */
}

#define LOGFN(name, level, skip)                                                                   \
	void name(const char *fmt, ...)                                                            \
	{                                                                                          \
		if (skip)                                                                          \
			return;                                                                    \
		va_list ap;                                                                        \
		va_start(ap, fmt);                                                                 \
		emit(level, fmt, ap);                                                              \
		va_end(ap);                                                                        \
	}
LOGFN(log_info, "info", quiet)
LOGFN(log_warn, "warn", 0)
LOGFN(log_error, "error", 0)
