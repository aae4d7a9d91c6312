/* log.h: one line per event on standard error: time, level, message.
 * Never log health data: ids and codes only, never names, birth dates or free text. */
#ifndef PRAXIS_LOG_H
#define PRAXIS_LOG_H

void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_quiet(int quiet); /* 1: info lines are dropped (tests, CLI) */

#endif
