/* The command line's shared pieces: the command table (each command's name, usage and
 * function in one const entry, as tmux's cmd_entry; main walks the table), the messages of
 * every command, and the input of a live check (the names, the servers, or a saved
 * checklist) that `check` and `fix` share. */
#ifndef CLUSTERDNS_CLI_CLI_H
#define CLUSTERDNS_CLI_CLI_H

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>

#include "check.h"
#include "checklist.h"
#include "diag.h"

enum { EXIT_PASS = 0, EXIT_PROBLEMS = 1, EXIT_USAGE = 2 };

/* A subcommand: "clusterdns NAME [OPTION]...". */
struct cli_cmd {
    const char *name;     /* "check" */
    const char *try_help; /* N_("Try 'clusterdns check --help' for more information.") */
    int (*exec)(const struct cli_cmd *self, int argc, char **argv); /* argv[0] is NAME */
    void (*usage)(FILE *out);
};

extern const struct cli_cmd cli_check_cmd, cli_fix_cmd, cli_import_cmd, cli_report_cmd,
    cli_recheck_cmd;

/* The command named name, or NULL (the wizard then takes the arguments). */
const struct cli_cmd *cli_find(const char *name);

/* "clusterdns NAME: " ("clusterdns: " when name is NULL) and the message on stderr, shown
 * by the engine's escape policy (text.h): arguments and file names may hold anything. Each
 * returns EXIT_USAGE. cli_usage_error adds the command's "Try --help" line; fmt is a
 * translated printf format without a new line. */
int cli_error(const struct cli_cmd *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int cli_usage_error(const struct cli_cmd *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* After getopt_long() returned '?' with opterr 0: its message for the option, escaped.
 * shortopts: the command's short options. */
int cli_option_error(const struct cli_cmd *cmd, char **argv, const char *shortopts);
/* Closes standard output at the end of a command (GNU close_stdout): when something written
 * to it was lost (a full disk, a closed descriptor), "write error" and the cause on stderr
 * and the larger of rc and fail; else rc. */
int cli_close_stdout(const struct cli_cmd *cmd, int rc, int fail);
int cli_diag_error(const struct cli_cmd *cmd, const struct cd_diag *d);
/* The same as bad usage (a bad option value). */
int cli_diag_usage_error(const struct cli_cmd *cmd, const struct cd_diag *d);
/* The same for a failed load of FILE (diag_format_file). */
int cli_load_error(const struct cli_cmd *cmd, const char *file, const struct cd_diag *d);
int cli_out_of_memory(const struct cli_cmd *cmd);

/* What a live check is run from: the names and servers, or a saved checklist. */
struct check_input {
    const char *zone, *exchange, *cluster, *servers, *servers_from, *load;
    const char *operator_name, *ticket; /* who does this, for the journal's events */
    int timeout_ms; /* 0: the default */
};

/* The getopt_long options of struct check_input, for a command's own tables. */
#define CHECK_INPUT_SHORTOPTS "z:e:c:s:i:l:t:O:T:"
#define CHECK_INPUT_LONGOPTS                                                                   \
    {"zone", required_argument, NULL, 'z'}, {"exchange", required_argument, NULL, 'e'},        \
        {"cluster", required_argument, NULL, 'c'}, {"servers", required_argument, NULL, 's'},  \
        {"servers-from", required_argument, NULL, 'i'},                                        \
        {"load", required_argument, NULL, 'l'}, {"timeout", required_argument, NULL, 't'},     \
        {"operator", required_argument, NULL, 'O'}, {"ticket", required_argument, NULL, 'T'}

/* Takes option ch (one of CHECK_INPUT_SHORTOPTS) with its argument: EXIT_PASS, EXIT_USAGE
 * (after a message on stderr), or -1 when ch is not one of them. */
int check_input_option(const struct cli_cmd *cmd, struct check_input *in, int ch, const char *arg);

/* The rules between the options, once all are read: EXIT_PASS or EXIT_USAGE (message). */
int check_input_validate(const struct cli_cmd *cmd, const struct check_input *in);

/* Runs one live check into cl (initialised), as the wizard's session does: the names from
 * the options or from the checklist --load reads into cl (its journal kept); the servers
 * from --servers or --servers-from (the node's order as found when the journal knows none,
 * else a reorder planned when they differ from its order), from the file (the order its
 * journal ends with), else this host's resolver; then the check is appended as a run and
 * the steps it proves (names, dns_order, host_records) are completed by the rules.
 * progress: a line on stderr as each server completes. The check is handed to *out
 * (check_free() it) when out is not NULL. EXIT_PASS when the check ran, whatever its
 * verdict; EXIT_USAGE after a message naming the field otherwise. */
int check_input_run(const struct cli_cmd *cmd, const struct check_input *in, bool progress,
                    struct checklist *cl, struct check **out);

/* Checks c again and appends the run to cl (fix --apply, after sending). EXIT_PASS, or
 * EXIT_USAGE after a message. */
int check_input_again(const struct cli_cmd *cmd, struct check *c, struct checklist *cl);

#endif
