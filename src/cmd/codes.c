/* codes.c: praxis codes import | status: loading the official code-set files. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cmd/cmd.h"
#include "codes/codes.h"

static const char usage[] =
	"usage: praxis codes import KIND FILE... [--db DB] [--effective YYYY-MM-DD]\n"
	"       praxis codes status [--db DB]\n"
	"\n"
	"import loads an official code-set file as one release (one transaction; loading the\n"
	"same kind and effective date again replaces that release). KIND and FILE:\n"
	"  icd10cm   ICD-10-CM order file           icd10cm_order_2026.txt\n"
	"  hcpcs     HCPCS Level II record file     HCPC2026_JAN_ANWEB.txt\n"
	"  ncci-ptp  NCCI practitioner PTP edits    ccipra-v320r0-f1.txt ... f4.txt (give all four)\n"
	"  mue       NCCI practitioner MUE table    MCR_MUE_PractitionerServices_Eff_01-01-2026.csv\n"
	"  pfs       PFS relative value file        PPRRVU26_JAN.csv\n"
	"  gpci      PFS GPCI file                  GPCI2026.csv\n"
	"The effective date (first date of service covered) is --effective, else read from the\n"
	"publisher's file name where it says it. Lines that cannot be read are skipped and listed\n"
	"on standard error; the rest loads.\n"
	"\n"
	"status lists the loaded releases.\n";

static int help(int argc, char **argv)
{
	bool h = cmd_wants_help(argc, argv);
	fputs(usage, h ? stdout : stderr);
	return h ? 0 : 2;
}

static int import(int argc, char **argv)
{
	static const struct option opts[] = {{"db", 1, 0, 'd'}, {"effective", 1, 0, 'e'}, {"help", 0, 0, 'h'}, {0}};
	const char *dbs = NULL, *eff = NULL;
	int o;
	optind = 2;
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (o == 'd')
			dbs = optarg;
		else if (o == 'e')
			eff = optarg;
		else
			return fputs(usage, o == 'h' ? stdout : stderr), o == 'h' ? 0 : 2;
	}
	if (argc - optind < 2)
		return fputs("praxis: codes import needs KIND and FILE\n", stderr), 2;
	const char *kind = argv[optind];
	db *c;
	int rc = cmd_open(dbs, false, &c);
	if (rc)
		return rc;
	err e = ERR_INIT;
	codes_report rep;
	rc = codes_import_files(c, kind, (const char *const *)argv + optind + 1, argc - optind - 1, eff, &rep, &e);
	db_close(c);
	for (int i = 0; i < rep.nmsgs; i++)
		fprintf(stderr, "%s\n", rep.msgs[i]);
	if (rep.bad > rep.nmsgs)
		fprintf(stderr, "... and %lld more bad lines\n", (long long)(rep.bad - rep.nmsgs));
	if (rc)
		return cmd_fail(&e);
	printf("%s %s%s: %lld rows loaded, %lld bad line%s", rep.kind, rep.effective_from,
	       rep.inferred ? " (from the file name)" : "", (long long)rep.rows, (long long)rep.bad,
	       rep.bad == 1 ? "" : "s");
	if (rep.skipped)
		printf(", %lld skipped (modifier indicator 9)", (long long)rep.skipped);
	putchar('\n');
	return 0;
}

static int status(int argc, char **argv)
{
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
	json_t *a;
	rc = codes_status(c, &a, &e);
	db_close(c);
	if (rc)
		return cmd_fail(&e);
	if (!json_array_size(a))
		puts("no code sets loaded");
	else
		printf("%-9s %-10s %10s %6s  %-20s  %s\n", "kind", "effective", "rows", "bad", "loaded at", "file");
	size_t i;
	json_t *r;
	json_array_foreach(a, i, r)
	{
		printf("%-9s %-10s %10lld %6lld  %-20s  %s\n", json_string_value(json_object_get(r, "kind")),
		       json_string_value(json_object_get(r, "effective_from")),
		       (long long)json_integer_value(json_object_get(r, "rows")),
		       (long long)json_integer_value(json_object_get(r, "bad_lines")),
		       json_string_value(json_object_get(r, "loaded_at")),
		       json_string_value(json_object_get(r, "source_name")));
	}
	json_decref(a);
	return 0;
}

int cmd_codes(int argc, char **argv)
{
	if (argc >= 2 && !strcmp(argv[1], "import"))
		return import(argc, argv);
	if (argc >= 2 && !strcmp(argv[1], "status"))
		return status(argc, argv);
	return help(argc, argv);
}
