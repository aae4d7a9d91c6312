/* demo.c: praxis demo. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cmd/cmd.h"
#include "demo/demo.h"

static const char usage[] =
	"usage: praxis demo [--db DB] [--patients N] [--seed S] [--name NAME] [--providers P]\n"
	"                   [--appointments A]\n"
	"\n"
	"Creates a realistic, deterministic demo practice: P providers (default 5), locations, an\n"
	"admin user with a generated password (printed once), N patients (default 300) and their\n"
	"schedule: appointment types, weekday availability and A appointments (default 3000)\n"
	"around today, the past ones checked out, missed or cancelled.\n";

int cmd_demo(int argc, char **argv)
{
	static const struct option opts[] = {{"db", 1, 0, 'd'},		{"patients", 1, 0, 'p'}, {"seed", 1, 0, 's'},
					     {"name", 1, 0, 'n'},		{"providers", 1, 0, 'v'}, {"appointments", 1, 0, 'a'},
					     {"help", 0, 0, 'h'},		{0}};
	const char *dbs = NULL;
	demo_opts o = {"Riverside Family Medicine", 300, 1, 5, 3000};
	int opt;
	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (opt) {
		case 'd': dbs = optarg; break;
		case 'p': o.patients = atoi(optarg); break;
		case 's': o.seed = strtoull(optarg, NULL, 10); break;
		case 'n': o.name = optarg; break;
		case 'v': o.providers = atoi(optarg); break;
		case 'a': o.appointments = atoi(optarg); break;
		default: return fputs(usage, opt == 'h' ? stdout : stderr), opt == 'h' ? 0 : 2;
		}
	}
	if (o.patients < 0 || o.patients > 10000000)
		return fputs("praxis: --patients must be 0 to 10000000\n", stderr), 2;
	if (o.providers < 1 || o.providers > 1000 || o.appointments < 0 || o.appointments > 10000000)
		return fputs("praxis: --providers must be 1 to 1000, --appointments 0 to 10000000\n", stderr), 2;
	db *c;
	int rc = cmd_open(dbs, false, &c);
	if (rc)
		return rc;
	err e = ERR_INIT;
	demo_result r;
	rc = demo_generate(c, &o, &r, &e);
	db_close(c);
	if (rc)
		return cmd_fail(&e);
	printf("practice %lld: %s, %d patients, %d providers, %d appointments\n", (long long)r.practice_id, o.name,
	       o.patients, o.providers, o.patients ? o.appointments : 0);
	printf("admin login: %s\npassword:    %s\n", r.admin_email, r.admin_password);
	return 0;
}
