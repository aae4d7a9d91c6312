/* audit.c: praxis audit verify. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "audit/audit.h"
#include "cmd/cmd.h"

static const char usage[] =
	"usage: praxis audit verify [--db DB]\n"
	"\n"
	"Recomputes every practice's audit hash chain. Exit 0 when every event verifies;\n"
	"exit 1 naming the first event that does not.\n";

int cmd_audit(int argc, char **argv)
{
	if (argc < 2 || strcmp(argv[1], "verify"))
		return fputs(usage, cmd_wants_help(argc, argv) ? stdout : stderr), cmd_wants_help(argc, argv) ? 0 : 2;
	static const struct option opts[] = {{"db", 1, 0, 'd'}, {"help", 0, 0, 'h'}, {0}};
	const char *dbs = NULL;
	int o;
	optind = 2;
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (o == 'd')
			dbs = optarg;
		else
			return fputs(usage, o == 'h' ? stdout : stderr), o == 'h' ? 0 : 2;
	}
	db *c;
	int rc = cmd_open(dbs, false, &c);
	if (rc)
		return rc;
	err e = ERR_INIT;
	int64_t count = 0, bad = 0;
	char why[200] = "";
	rc = audit_verify(c, &count, &bad, why, sizeof why, &e);
	db_close(c);
	if (rc < 0)
		return cmd_fail(&e);
	if (rc) {
		printf("audit event %lld does not verify: %s\n", (long long)bad, why);
		return 1;
	}
	printf("audit trail intact: %lld events verified\n", (long long)count);
	return 0;
}
