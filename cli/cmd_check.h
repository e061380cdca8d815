/* `clusterdns check`: one live check from the command line, a report or the JSON
 * checklist, and an exit status for scripts (0 verdict holds, 1 problems, 2 bad input).
 *
 * The check's input options (names, servers, timeout, --load) and the run of one check
 * from them are shared with the commands that start with a check (`clusterdns fix`). */
#ifndef CLUSTERDNS_CLI_CMD_CHECK_H
#define CLUSTERDNS_CLI_CMD_CHECK_H

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>

#include "check.h"
#include "checklist.h"
#include "diag.h"

enum { EXIT_PASS = 0, EXIT_PROBLEMS = 1, EXIT_USAGE = 2 };

/* A subcommand, for its messages: "clusterdns NAME: ..." and its N_() "Try ... --help"
 * line. */
struct cli_cmd {
    const char *name;     /* "check", "fix" */
    const char *try_help; /* N_("Try 'clusterdns check --help' for more information.") */
};

/* What a live check is run from: the names and servers, or a saved checklist. */
struct check_input {
    const char *zone, *exchange, *cluster, *servers, *servers_from, *load;
    int timeout_ms; /* 0: the default */
};

/* The getopt_long options of struct check_input, for a command's own tables. */
#define CHECK_INPUT_SHORTOPTS "z:e:c:s:i:l:t:"
#define CHECK_INPUT_LONGOPTS                                                                   \
    {"zone", required_argument, NULL, 'z'}, {"exchange", required_argument, NULL, 'e'},        \
        {"cluster", required_argument, NULL, 'c'}, {"servers", required_argument, NULL, 's'},  \
        {"servers-from", required_argument, NULL, 'i'},                                        \
        {"load", required_argument, NULL, 'l'}, {"timeout", required_argument, NULL, 't'}

/* Takes option ch (one of CHECK_INPUT_SHORTOPTS) with its argument: EXIT_PASS, EXIT_USAGE
 * (after a message on stderr), or -1 when ch is not one of them. */
int check_input_option(const struct cli_cmd *cmd, struct check_input *in, int ch, const char *arg);

/* The rules between the options, once all are read: EXIT_PASS or EXIT_USAGE (message). */
int check_input_validate(const struct cli_cmd *cmd, const struct check_input *in);

/* Validates the names (from the options, or from the checklist --load reads into cl), finds
 * the servers, runs one live check and writes its result into cl (initialised; other
 * content such as the operator and ticket of a loaded checklist is kept). progress: a line
 * on stderr as each server completes. The check is handed to *out (check_free() it) when
 * out is not NULL. EXIT_PASS when the check ran, whatever its verdict; EXIT_USAGE after a
 * message naming the field otherwise. */
int check_input_run(const struct cli_cmd *cmd, const struct check_input *in, bool progress,
                    struct checklist *cl, struct check **out);

/* "clusterdns NAME: " and the message on stderr; each returns EXIT_USAGE. cli_usage_error
 * adds the command's "Try --help" line; fmt is a translated printf format. */
int cli_usage_error(const struct cli_cmd *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
int cli_diag_error(const struct cli_cmd *cmd, const struct cd_diag *d);
/* The same for a failed load of FILE (diag_format_file). */
int cli_load_error(const struct cli_cmd *cmd, const char *file, const struct cd_diag *d);

int cmd_check(int argc, char **argv);
void cmd_check_usage(FILE *out);

#endif
