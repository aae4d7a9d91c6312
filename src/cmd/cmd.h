/* cmd.h: the subcommands of `praxis` (one file each) and what they share.
 *
 * Each command has the signature int cmd_x(int argc, char **argv), where argv[0] is the
 * command's own name; it prints its usage for --help and returns the process exit code
 * (0 success, 1 failure, 2 usage error). The table of commands is in main.c. */
#ifndef PRAXIS_CMD_H
#define PRAXIS_CMD_H

#include <stdbool.h>

#include "base/err.h"
#include "store/db.h"

int cmd_init(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_practice(int argc, char **argv);
int cmd_user(int argc, char **argv);
int cmd_audit(int argc, char **argv);
int cmd_demo(int argc, char **argv);
int cmd_x12(int argc, char **argv);
int cmd_codes(int argc, char **argv);

/* The --db value, else $PRAXIS_DB; NULL when neither is set. */
const char *cmd_db_url(const char *opt);
/* Opens the database and checks its schema is current (or migrates when `migrate`). */
int cmd_open(const char *opt_db, bool migrate, db **out);
/* Prints "praxis: <message>" for an error to stderr; returns 1. */
int cmd_fail(const err *e);
/* True when argv holds -h or --help. */
bool cmd_wants_help(int argc, char **argv);

#endif
