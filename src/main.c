/* main.c: praxis, the practice management program: the table of subcommands. */
#include <stdio.h>
#include <string.h>

#include "base/log.h"
#include "cmd/cmd.h"

static const struct {
	const char *name;
	int (*fn)(int, char **);
	const char *summary;
} commands[] = {
	{"init", cmd_init, "create or upgrade the database schema"},
	{"serve", cmd_serve, "serve the API and the web app"},
	{"practice", cmd_practice, "practice add: create a practice"},
	{"user", cmd_user, "user add: create a user"},
	{"audit", cmd_audit, "audit verify: check the audit trail's hash chains"},
	{"demo", cmd_demo, "create a demo practice"},
	{"x12", cmd_x12, "x12 parse | validate: read and check an X12 5010 file"},
	{"codes", cmd_codes, "codes import | status: load the official code-set files"},
};

static int usage(FILE *f)
{
	fputs("usage: praxis <command> [options]   (praxis <command> --help for more)\n\n", f);
	for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
		fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
	fputs("\nThe database is --db DB or $PRAXIS_DB: a file path (SQLite) or a postgresql:// URL.\n", f);
	return f == stdout ? 0 : 2;
}

int main(int argc, char **argv)
{
	if (argc < 2)
		return usage(stderr);
	if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help") || !strcmp(argv[1], "help"))
		return usage(stdout);
	for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
		if (!strcmp(argv[1], commands[i].name))
			return commands[i].fn(argc - 1, argv + 1);
	fprintf(stderr, "praxis: unknown command '%s'\n", argv[1]);
	return usage(stderr);
}
