#include "config.h"

#include "cmd_fix.h"

#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checklist.h"
#include "cmd_check.h"
#include "i18n.h"
#include "remedy.h"
#include "report.h"

/* 1: the text was made but could not be written (or made: out of memory). */
enum { EXIT_NOT_WRITTEN = 1 };

/* What fix does. --emit writes text; --apply (dynamic updates) is the mode to come. */
enum fix_mode { FIX_NONE, FIX_EMIT };

struct fix_options {
    struct check_input in;
    enum fix_mode mode;
    enum remedy_form form; /* FIX_EMIT */
    const char *interface; /* netsh; NULL: remedy's default */
};

/* Long options without a short one. */
enum { OPT_EMIT = 256, OPT_INTERFACE };

static const struct cli_cmd fix_cmd = {
    "fix", N_("Try 'clusterdns fix --help' for more information.")};

void cmd_fix_usage(FILE *out)
{
    fprintf(out, "%s",
            _("Usage: clusterdns fix --emit FORM --zone ZONE --exchange NAME=IP --cluster NAME=IP\n"
              "                      [OPTION]...\n"
              "  or:  clusterdns fix --emit FORM --load FILE [OPTION]...\n"
              "Print exactly what to run or do to fix what a check finds (Microsoft KB Q263029):\n"
              "the host (A) records to add on the local DNS, and the node's DNS server order.\n"
              "With the names, it checks live first, as 'clusterdns check' does; with --load, it\n"
              "takes the remediation of a saved checklist as it is, without the network.\n"
              "\n"
              "      --emit=FORM          the form of the text:\n"
              "                             dnscmd      Windows DNS server: dnscmd lines\n"
              "                             powershell  Windows DNS server: PowerShell lines\n"
              "                             nt4         Windows NT 4.0 DNS: DNS Manager steps\n"
              "                                         and the zone file's lines\n"
              "                             zone        BIND: the zone file's lines\n"
              "                             nsupdate    a script for nsupdate (dynamic update)\n"
              "                             netsh       the node's DNS server order: the DNS\n"
              "                                         tab's steps and netsh lines\n"
              "      --interface=NAME     the node's network connection, for netsh\n"
              "                           (default: Local Area Connection)\n"
              "  -z, --zone=ZONE          the DNS zone of the names (fabrikam.local)\n"
              "  -e, --exchange=NAME=IP   the Exchange network name and IP address\n"
              "  -c, --cluster=NAME=IP    the cluster network name and IP address\n"
              "  -s, --servers=LIST       DNS servers in the node's order: IP, IP:PORT or\n"
              "                           [IPv6]:PORT, comma-separated (default: this host's)\n"
              "  -i, --servers-from=FILE  take the order from Windows 'ipconfig /all' or\n"
              "                           'netsh' text ('-' reads standard input)\n"
              "  -t, --timeout=MS         wait for each reply at most MS milliseconds (2000)\n"
              "  -l, --load=FILE          take the remediation of a saved checklist as it is\n"
              "  -h, --help               display this help and exit\n"
              "\n"
              "Every name and address is checked again before any text is made, so that no\n"
              "command can carry a character that a shell would act on. The commands are in\n"
              "English; the comments and steps in your language.\n"
              "\n"
              "Exit status: 0 the text was written (also when it says there is nothing to do),\n"
              "1 it could not be written, 2 bad usage or input.\n"));
}

static int parse_options(int argc, char **argv, struct fix_options *o)
{
    static const struct option longopts[] = {
        CHECK_INPUT_LONGOPTS,
        {"emit", required_argument, NULL, OPT_EMIT},
        {"interface", required_argument, NULL, OPT_INTERFACE},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    struct cd_diag d = {0};
    int ch, rc, form;

    while ((ch = getopt_long(argc, argv, CHECK_INPUT_SHORTOPTS "h", longopts, NULL)) != -1) {
        if ((rc = check_input_option(&fix_cmd, &o->in, ch, optarg)) >= 0) {
            if (rc != EXIT_PASS)
                return rc;
            continue;
        }
        switch (ch) {
        case OPT_EMIT:
            if ((form = remedy_form_parse(optarg)) < 0)
                return cli_usage_error(&fix_cmd,
                                       _("--emit: '%s' is not one of dnscmd, powershell, nt4, "
                                         "zone, nsupdate, netsh"),
                                       optarg);
            o->mode = FIX_EMIT;
            o->form = (enum remedy_form)form;
            break;
        case OPT_INTERFACE:
            if (remedy_interface(optarg, &d) < 0)
                return cli_diag_error(&fix_cmd, &d);
            o->interface = optarg;
            break;
        case 'h':
            cmd_fix_usage(stdout);
            exit(EXIT_PASS);
        default:
            fprintf(stderr, "%s\n", _(fix_cmd.try_help));
            return EXIT_USAGE;
        }
    }
    if (optind < argc)
        return cli_usage_error(&fix_cmd, _("unexpected argument '%s'"), argv[optind]);
    if (o->mode == FIX_NONE)
        return cli_usage_error(&fix_cmd, "%s",
                               _("--emit FORM is required (dnscmd, powershell, nt4, zone, "
                                 "nsupdate or netsh)"));
    if (o->interface && o->form != REMEDY_NETSH)
        return cli_usage_error(&fix_cmd, "%s", _("--interface is for --emit netsh"));
    if (o->in.load && (o->in.servers || o->in.servers_from || o->in.timeout_ms))
        return cli_usage_error(&fix_cmd, "%s",
                               _("--load takes the remediation of the file as it is, without "
                                 "checking again; leave out --servers, --servers-from and "
                                 "--timeout"));
    return check_input_validate(&fix_cmd, &o->in);
}

/* A value remedy refuses: in a loaded file, its path and the value's JSON path. */
static int refused(const struct fix_options *o, const struct cd_diag *d)
{
    char text[1024];

    fputs("clusterdns fix: ", stderr);
    if (o->in.load) {
        report_safe(stderr, o->in.load);
        fputs(": ", stderr);
        if (d->where[0]) {
            report_safe(stderr, d->where);
            fputs(": ", stderr);
        }
    }
    report_safe(stderr, diag_format(d, text, sizeof text));
    fputc('\n', stderr);
    return EXIT_USAGE;
}

/* The engine's comments and steps, in the user's language. */
static const char *translate(const char *msgid)
{
    return _(msgid);
}

static int emit(const struct fix_options *o, const struct checklist *cl)
{
    struct remedy_opts ro = {.interface = o->interface, .tr = translate};
    struct cd_diag d = {0};
    char *text = NULL;
    int rc;

    if ((rc = remedy_emit(cl, o->form, &ro, &text, &d)) == CD_ENOMEM) {
        fprintf(stderr, "clusterdns fix: %s\n", _("out of memory"));
        return EXIT_NOT_WRITTEN;
    }
    if (rc < 0)
        return refused(o, &d);
    errno = 0;
    fputs(text, stdout);
    free(text);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "clusterdns fix: %s: %s\n", _("cannot write the text"),
                strerror(errno ? errno : EIO));
        return EXIT_NOT_WRITTEN;
    }
    return EXIT_PASS;
}

int cmd_fix(int argc, char **argv)
{
    struct fix_options o = {0};
    struct checklist cl;
    struct cd_diag d = {0};
    int rc;

    if ((rc = parse_options(argc, argv, &o)) != EXIT_PASS)
        return rc;
    checklist_init(&cl);
    if (o.in.load)
        rc = checklist_load(o.in.load, &cl, &d) < 0 ? cli_diag_error(&fix_cmd, &d) : EXIT_PASS;
    else
        rc = check_input_run(&fix_cmd, &o.in, false, &cl, NULL);
    if (rc == EXIT_PASS)
        rc = emit(&o, &cl);
    checklist_fini(&cl);
    return rc;
}
