/* `clusterdns check`: one live check from the command line, a report or the JSON
 * checklist, and an exit status for scripts (0 verdict holds, 1 problems, 2 bad input). */
#ifndef CLUSTERDNS_CLI_CMD_CHECK_H
#define CLUSTERDNS_CLI_CMD_CHECK_H

#include <stdio.h>

enum { EXIT_PASS = 0, EXIT_PROBLEMS = 1, EXIT_USAGE = 2 };

int cmd_check(int argc, char **argv);
void cmd_check_usage(FILE *out);

#endif
