/* init.c: praxis init: create or upgrade the schema. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cmd/cmd.h"
#include "store/migrate.h"

static const char usage[] =
	"usage: praxis init [--db DB] [--target N]\n"
	"\n"
	"Creates the database schema, or upgrades an older one in place, by applying the\n"
	"numbered migrations it has not applied yet. Running it again changes nothing.\n"
	"\n"
	"  --db DB       SQLite file path or postgresql:// URL (default: $PRAXIS_DB)\n"
	"  --target N    stop after migration N (for testing upgrades)\n";

int cmd_init(int argc, char **argv)
{
	static const struct option opts[] = {{"db", 1, 0, 'd'}, {"target", 1, 0, 't'}, {"help", 0, 0, 'h'}, {0}};
	const char *dbs = NULL;
	int target = 0, o;
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (o == 'd')
			dbs = optarg;
		else if (o == 't')
			target = atoi(optarg);
		else
			return fputs(usage, o == 'h' ? stdout : stderr), o == 'h' ? 0 : 2;
	}
	db *c;
	int rc = cmd_open(dbs, true, &c);
	if (rc)
		return rc;
	err e = ERR_INIT;
	int applied = 0;
	if (migrate_run(c, target, &applied, &e)) {
		db_close(c);
		return cmd_fail(&e);
	}
	printf("schema at version %d (%d migration%s applied)\n", migrate_current(c, &e), applied, applied == 1 ? "" : "s");
	db_close(c);
	return 0;
}
