/* ratelimit.c: a fixed window per address slot. */
#include "access/ratelimit.h"

#include <pthread.h>
#include <string.h>

#define SLOTS 4096

static struct {
	time_t start;
	int count;
} slots[SLOTS];
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;

static unsigned slot(const char *ip)
{
	unsigned h = 2166136261u;
	for (; ip && *ip; ip++)
		h = (h ^ (unsigned char)*ip) * 16777619u;
	return h % SLOTS;
}

bool ratelimit_allowed(const char *ip, time_t now)
{
	unsigned k = slot(ip);
	pthread_mutex_lock(&mu);
	bool ok = now - slots[k].start >= RATE_WINDOW_S || slots[k].count < RATE_FAILURES;
	pthread_mutex_unlock(&mu);
	return ok;
}

void ratelimit_failed(const char *ip, time_t now)
{
	unsigned k = slot(ip);
	pthread_mutex_lock(&mu);
	if (now - slots[k].start >= RATE_WINDOW_S) {
		slots[k].start = now;
		slots[k].count = 0;
	}
	slots[k].count++;
	pthread_mutex_unlock(&mu);
}
