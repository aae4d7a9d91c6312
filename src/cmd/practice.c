/* practice.c: praxis practice add. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "access/accounts.h"
#include "cmd/cmd.h"

static const char usage[] =
	"usage: praxis practice add [--db DB] --name NAME\n"
	"\n"
	"Creates a practice and prints its id alone on standard output.\n";

int cmd_practice(int argc, char **argv)
{
	if (argc < 2 || strcmp(argv[1], "add"))
		return fputs(usage, cmd_wants_help(argc, argv) ? stdout : stderr), cmd_wants_help(argc, argv) ? 0 : 2;
	static const struct option opts[] = {{"db", 1, 0, 'd'}, {"name", 1, 0, 'n'}, {"help", 0, 0, 'h'}, {0}};
	const char *dbs = NULL, *name = NULL;
	int o;
	optind = 2;
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (o == 'd')
			dbs = optarg;
		else if (o == 'n')
			name = optarg;
		else
			return fputs(usage, o == 'h' ? stdout : stderr), o == 'h' ? 0 : 2;
	}
	if (!name)
		return fputs("praxis: --name is required\n", stderr), 2;
	db *c;
	int rc = cmd_open(dbs, false, &c);
	if (rc)
		return rc;
	err e = ERR_INIT;
	int64_t id = 0;
	if (practice_create(c, name, &id, &e)) {
		db_close(c);
		return cmd_fail(&e);
	}
	printf("%lld\n", (long long)id);
	db_close(c);
	return 0;
}
