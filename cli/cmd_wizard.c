#include "config.h"

#include "cmd_wizard.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "app.h"
#include "cli.h"
#include "i18n.h"
#include "session.h"
#include "text.h"

/* For the messages only: the wizard is no command of the table. */
static const struct cli_cmd wizard_cmd = {
    .name = NULL, .try_help = N_("Try 'clusterdns --help' for more information.")};

static void usage(FILE *out)
{
    fprintf(out, "%s",
            _("Usage: clusterdns [OPTION]...\n"
              "  or:  clusterdns COMMAND [OPTION]...\n"
              "Walk through Microsoft KB Q263029 (Exchange 5.5 Internet Mail Service setup hangs\n"
              "on a Windows 2000 cluster) step by step, checking each step live against the DNS\n"
              "servers, and keep a checklist of what was checked, found and fixed.\n"
              "\n"
              "  -s, --servers=LIST   the node's DNS servers in order: IP, IP:PORT, [IPv6]:PORT,\n"
              "                       comma-separated (default: this host's)\n"
              "  -z, --zone=ZONE      the DNS zone of the names\n"
              "  -l, --load=FILE      resume a saved checklist\n"
              "  -o, --output=FILE    save the checklist there (default: under\n"
              "                       $XDG_STATE_HOME/clusterdns/, named by date and time)\n"
              "  -t, --timeout=MS     wait for each DNS reply at most MS milliseconds (2000)\n"
              "  -h, --help           display this help and exit\n"
              "  -V, --version        output version information and exit\n"
              "\n"
              "Commands:\n"
              "  check                check the records from the command line (see check --help)\n"
              "  fix --emit FORM      what to run to add the records or fix the order\n"
              "                       (dnscmd, powershell, nt4, zone, nsupdate, netsh)\n"
              "  report               summarise a saved checklist for a ticket (see report --help)\n"
              "  recheck FILE...|DIR  check many saved checklists again at once (see recheck --help)\n"));
}

int cmd_wizard(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"servers", required_argument, NULL, 's'}, {"zone", required_argument, NULL, 'z'},
        {"load", required_argument, NULL, 'l'},    {"output", required_argument, NULL, 'o'},
        {"timeout", required_argument, NULL, 't'}, {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},       {NULL, 0, NULL, 0}};
    struct session_options o = {0};
    char *end;
    long v;
    int ch;

    opterr = 0;
    while ((ch = getopt_long(argc, argv, "s:z:l:o:t:hV", longopts, NULL)) != -1) {
        switch (ch) {
        case 's': o.servers = optarg; break;
        case 'z': o.zone = optarg; break;
        case 'l': o.load = optarg; break;
        case 'o': o.output = optarg; break;
        case 't':
            errno = 0;
            v = strtol(optarg, &end, 10);
            if (errno || *end || end == optarg || v < 1 || v > 60000)
                return cli_usage_error(&wizard_cmd,
                                       _("--timeout: '%s' is not a whole number of "
                                         "milliseconds from 1 to 60000"),
                                       optarg);
            o.timeout_ms = (int)v;
            break;
        case 'h':
            usage(stdout);
            return cli_close_stdout(&wizard_cmd, EXIT_PASS, EXIT_USAGE);
        case 'V':
            printf("clusterdns %s\n", PACKAGE_VERSION);
            printf("%s\n", _("Written by the clusterdns authors."));
            return cli_close_stdout(&wizard_cmd, EXIT_PASS, EXIT_USAGE);
        default:
            return cli_option_error(&wizard_cmd, argv, "s:z:l:o:t:hV");
        }
    }
    if (optind < argc) {
        char *shown = text_escape_dup(argv[optind]); /* it may be anything */

        fprintf(stderr, _("clusterdns: unknown command '%s'\n"), shown ? shown : "?");
        fprintf(stderr, "%s\n", _(wizard_cmd.try_help));
        free(shown);
        return EXIT_USAGE;
    }
    if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
        fprintf(stderr, "%s\n", _("clusterdns: the wizard needs a terminal; for scripts use "
                                  "'clusterdns check'."));
        return EXIT_USAGE;
    }
    return app_run(&o);
}
