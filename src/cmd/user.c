/* user.c: praxis user add. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access/accounts.h"
#include "cmd/cmd.h"

static const char usage[] =
	"usage: praxis user add [--db DB] --practice ID --email EMAIL --role ROLE [--role ROLE ...]\n"
	"                       [--name DISPLAY_NAME]\n"
	"\n"
	"Creates a user. The password is read from the first line of standard input.\n"
	"Roles: admin, practice_manager, front_desk, biller, provider, hr, compliance_officer, auditor.\n";

int cmd_user(int argc, char **argv)
{
	if (argc < 2 || strcmp(argv[1], "add"))
		return fputs(usage, cmd_wants_help(argc, argv) ? stdout : stderr), cmd_wants_help(argc, argv) ? 0 : 2;
	static const struct option opts[] = {{"db", 1, 0, 'd'},	  {"practice", 1, 0, 'p'}, {"email", 1, 0, 'e'},
					     {"role", 1, 0, 'r'}, {"name", 1, 0, 'n'},	   {"help", 0, 0, 'h'},
					     {0}};
	const char *dbs = NULL, *email = NULL, *name = NULL;
	long long practice = 0;
	json_t *roles = json_array();
	int o;
	optind = 2;
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (o) {
		case 'd': dbs = optarg; break;
		case 'p': practice = atoll(optarg); break;
		case 'e': email = optarg; break;
		case 'n': name = optarg; break;
		case 'r': json_array_append_new(roles, json_string(optarg)); break;
		default: json_decref(roles); return fputs(usage, o == 'h' ? stdout : stderr), o == 'h' ? 0 : 2;
		}
	}
	if (practice <= 0 || !email || !json_array_size(roles)) {
		json_decref(roles);
		return fputs("praxis: --practice, --email and --role are required\n", stderr), 2;
	}
	char pw[1100] = "";
	if (!fgets(pw, sizeof pw, stdin)) {
		json_decref(roles);
		return fputs("praxis: give the password on standard input\n", stderr), 2;
	}
	pw[strcspn(pw, "\r\n")] = 0;
	char display[256];
	snprintf(display, sizeof display, "%s", name ? name : email);
	if (!name)
		display[strcspn(display, "@")] = 0;
	db *c;
	int rc = cmd_open(dbs, false, &c);
	if (rc) {
		json_decref(roles);
		return rc;
	}
	err e = ERR_INIT;
	int64_t exists = 0;
	if (db_one_i64(c, &e, &exists, "SELECT id FROM practice WHERE id = $1", "i", (int64_t)practice) != 1) {
		json_decref(roles);
		db_close(c);
		return fputs("praxis: no such practice\n", stderr), 1;
	}
	json_t *in = json_pack("{s:s,s:s,s:o,s:s}", "email", email, "display_name", display, "roles", roles, "password", pw);
	ctx x = {.db = c};
	json_t *out = NULL;
	rc = user_create(&x, practice, in, &out, &e);
	json_decref(in);
	db_close(c);
	if (rc)
		return cmd_fail(&e);
	printf("%lld\n", (long long)json_integer_value(json_object_get(out, "id")));
	json_decref(out);
	return 0;
}
