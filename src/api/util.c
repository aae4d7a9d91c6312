/* util.c: query parameter helpers. */
#include <stdlib.h>
#include <string.h>

#include "api/api.h"

const char *api_arg(req *r, const char *name) { return r->arg ? r->arg(r->conn, name) : NULL; }

int api_int_arg(req *r, const char *name, int64_t *v, err *e)
{
	const char *s = api_arg(r, name);
	*v = 0;
	if (!s || !*s)
		return 0;
	char *end;
	long long n = strtoll(s, &end, 10);
	if (*end || n <= 0 || strlen(s) > 18)
		return err_field(e, name, "must be a positive integer");
	*v = n;
	return 0;
}

int api_limit(req *r, int *limit, err *e)
{
	int64_t n;
	if (api_int_arg(r, "limit", &n, e))
		return -1;
	if (n > 500)
		return err_field(e, "limit", "must be at most 500");
	*limit = n ? (int)n : 50;
	return 0;
}
