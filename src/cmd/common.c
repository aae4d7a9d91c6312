/* common.c: what the commands share. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/crypto.h"
#include "cmd/cmd.h"
#include "store/migrate.h"

const char *cmd_db_url(const char *opt)
{
	if (opt && *opt)
		return opt;
	const char *env = getenv("PRAXIS_DB");
	return env && *env ? env : NULL;
}

int cmd_fail(const err *e)
{
	fprintf(stderr, "praxis: %s\n", e->msg[0] ? e->msg : err_title(e->code));
	if (e->fields) {
		size_t i;
		json_t *f;
		json_array_foreach(e->fields, i, f)
		{
			fprintf(stderr, "  %s: %s\n", json_string_value(json_object_get(f, "field")),
				json_string_value(json_object_get(f, "message")));
		}
	}
	return 1;
}

int cmd_open(const char *opt_db, bool migrate, db **out)
{
	err e = ERR_INIT;
	const char *url = cmd_db_url(opt_db);
	if (!url) {
		fprintf(stderr, "praxis: no database: give --db or set PRAXIS_DB\n");
		return 2;
	}
	if (crypto_setup())
		return err_set(&e, ERR_INTERNAL, "could not initialise libsodium"), cmd_fail(&e);
	if (db_open(url, out, &e))
		return cmd_fail(&e);
	int latest = 0;
	for (const struct migration *m = migrations; m->version; m++)
		latest = m->version;
	int cur = migrate_current(*out, &e);
	if (cur < 0 || (migrate ? 0 : cur < latest)) {
		if (cur >= 0)
			err_set(&e, ERR_BAD_REQUEST, "the database schema is at version %d, this program needs %d: run praxis init", cur, latest);
		db_close(*out);
		return cmd_fail(&e);
	}
	return 0;
}

bool cmd_wants_help(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help"))
			return true;
	return false;
}
