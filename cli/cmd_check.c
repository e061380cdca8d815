/* `clusterdns check`: one live check from the command line, appended to the checklist's
 * journal; how the case stands and what is left, or the JSON checklist; and an exit status
 * for scripts (0 the node gets both records right, 1 problems, 2 bad input). */
#include "config.h"

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checklist_json.h"
#include "cli.h"
#include "fileio.h"
#include "i18n.h"
#include "render.h"

struct options {
    struct check_input in;
    const char *output;
    bool json, progress;
};

static void usage(FILE *out)
{
    fprintf(out, "%s",
            _("Usage: clusterdns check --zone ZONE --exchange NAME=IP --cluster NAME=IP [OPTION]...\n"
              "  or:  clusterdns check --load FILE [OPTION]...\n"
              "Check live, against each DNS server the node asks, that the host (A) records of\n"
              "the Exchange virtual server and of the cluster exist and that the node gets them\n"
              "(Microsoft KB Q263029).\n"
              "\n"
              "  -z, --zone=ZONE          the DNS zone of the names (fabrikam.local)\n"
              "  -e, --exchange=NAME=IP   the Exchange network name and IP address\n"
              "  -c, --cluster=NAME=IP    the cluster network name and IP address\n"
              "  -s, --servers=LIST       DNS servers in the node's order: IP, IP:PORT or\n"
              "                           [IPv6]:PORT, comma-separated (default: this host's)\n"
              "  -i, --servers-from=FILE  take the order from Windows 'ipconfig /all' or\n"
              "                           'netsh' text ('-' reads standard input)\n"
              "  -l, --load=FILE          check again the names and servers of a saved checklist\n"
              "                           (with --output, saved with this check in its journal)\n"
              "  -t, --timeout=MS         wait for each reply at most MS milliseconds (2000)\n"
              "  -O, --operator=NAME      who does this, on the journal's events from now on\n"
              "                           (default: the checklist's operator)\n"
              "  -T, --ticket=ID          the ticket it is done for, likewise\n"
              "  -j, --json               print the checklist as JSON instead of the report\n"
              "  -o, --output=FILE        save the checklist to FILE (atomically)\n"
              "  -p, --progress           a line on standard error as each server completes\n"
              "  -h, --help               display this help and exit\n"
              "\n"
              "Exit status: 0 the node gets both records right, 1 problems were found,\n"
              "2 bad usage or input.\n"));
}

static int parse_options(const struct cli_cmd *cmd, int argc, char **argv, struct options *o)
{
    static const struct option longopts[] = {
        CHECK_INPUT_LONGOPTS,
        {"json", no_argument, NULL, 'j'},     {"output", required_argument, NULL, 'o'},
        {"progress", no_argument, NULL, 'p'}, {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    struct cd_diag d = {0};
    int ch, rc;

    opterr = 0;
    while ((ch = getopt_long(argc, argv, CHECK_INPUT_SHORTOPTS "jo:ph", longopts, NULL)) != -1) {
        if ((rc = check_input_option(cmd, &o->in, ch, optarg)) >= 0) {
            if (rc != EXIT_PASS)
                return rc;
            continue;
        }
        switch (ch) {
        case 'o': o->output = optarg; break;
        case 'j': o->json = true; break;
        case 'p': o->progress = true; break;
        case 'h':
            usage(stdout);
            exit(cli_close_stdout(cmd, EXIT_PASS, EXIT_USAGE));
        default:
            return cli_option_error(cmd, argv, CHECK_INPUT_SHORTOPTS "jo:ph");
        }
    }
    if (optind < argc)
        return cli_usage_error(cmd, _("unexpected argument '%s'"), argv[optind]);
    if ((rc = check_input_validate(cmd, &o->in)) != EXIT_PASS)
        return rc;
    /* A FIFO, a device or a link as --output is refused before any work is done. */
    if (o->output && fileio_check_target(o->output, &d) < 0)
        return cli_diag_error(cmd, &d);
    return EXIT_PASS;
}

static int emit(const struct cli_cmd *cmd, const struct options *o, struct checklist *cl)
{
    const struct cl_run *run = checklist_last_check(cl);
    struct cd_diag d = {0};
    char *json = NULL;
    int rc = run && run->eval.verdict == VERDICT_PASS ? EXIT_PASS : EXIT_PROBLEMS;

    /* Saved before anything is written to standard output: a reader that goes away (a
     * closed pipe, SIGPIPE) cannot cost the checklist. */
    if (o->output && checklist_save(cl, o->output, &d) < 0)
        rc = cli_diag_error(cmd, &d);
    if (o->json) {
        if (checklist_to_json(cl, &json, &d) < 0)
            return cli_diag_error(cmd, &d);
        fputs(json, stdout);
        fputc('\n', stdout);
        free(json);
    } else if (render_check(stdout, cl) < 0) {
        return cli_out_of_memory(cmd);
    }
    return rc;
}

static int cmd_check(const struct cli_cmd *cmd, int argc, char **argv)
{
    struct options o = {0};
    struct checklist cl;
    int rc;

    if ((rc = parse_options(cmd, argc, argv, &o)) != EXIT_PASS)
        return rc;
    checklist_init(&cl);
    if ((rc = check_input_run(cmd, &o.in, o.progress, &cl, NULL)) == EXIT_PASS)
        rc = emit(cmd, &o, &cl);
    checklist_fini(&cl);
    return cli_close_stdout(cmd, rc, EXIT_USAGE);
}

const struct cli_cmd cli_check_cmd = {
    .name = "check",
    .try_help = N_("Try 'clusterdns check --help' for more information."),
    .exec = cmd_check,
    .usage = usage,
};
