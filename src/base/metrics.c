#include "base/metrics.h"

#include <stdatomic.h>
#include <string.h>

static atomic_ulong counters[METRIC__COUNT];

static const struct {
	const char *name, *help;
} defs[] = {
#define X(id, name, help) {name, help},
	METRICS(X)
#undef X
};

void metrics_add(metric m, unsigned long n) { atomic_fetch_add_explicit(&counters[m], n, memory_order_relaxed); }

void metrics_text(buf *b)
{
	for (int i = 0; i < METRIC__COUNT; i++) {
		if (defs[i].help) {
			size_t base = strcspn(defs[i].name, "{");
			buf_addf(b, "# HELP %.*s %s\n# TYPE %.*s counter\n", (int)base, defs[i].name, defs[i].help,
				 (int)base, defs[i].name);
		}
		buf_addf(b, "%s %lu\n", defs[i].name, atomic_load(&counters[i]));
	}
}
