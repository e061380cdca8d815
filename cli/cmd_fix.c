/* `clusterdns fix --emit FORM`: what to run or do to fix the node (Microsoft KB Q263029),
 * from a live check (the check's options) or a saved checklist (--load, no network), as
 * text on standard output: dnscmd, PowerShell, NT 4.0 DNS Manager steps, BIND zone lines,
 * an nsupdate script, or the node's DNS order with netsh. `fix --apply` sends the records
 * by dynamic update, journals each, and checks again. Exit status: 0 the text was written
 * (also when it says there is nothing to do), 1 it could not be written, 2 bad usage or
 * input. */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "apply.h"
#include "check.h"
#include "checklist.h"
#include "cli.h"
#include "fileio.h"
#include "doc.h"
#include "i18n.h"
#include "remedy.h"
#include "render.h"
#include "text.h"

/* 1: the text was made but could not be written (or made: out of memory). */
enum { EXIT_NOT_WRITTEN = 1 };

/* What fix does. --emit writes text; --apply sends the records by dynamic update. */
enum fix_mode { FIX_NONE, FIX_EMIT, FIX_APPLY };

struct fix_options {
    struct check_input in;
    enum fix_mode mode;
    enum remedy_form form; /* FIX_EMIT */
    const char *interface; /* netsh; NULL: remedy's default */
    const char *key;       /* FIX_APPLY: nsupdate -k FILE */
    const char *output;    /* FIX_APPLY: the checklist, with what was applied */
    bool yes;              /* FIX_APPLY: without asking */
};

/* Long options without a short one. */
enum { OPT_EMIT = 256, OPT_INTERFACE, OPT_APPLY, OPT_KEY };


static void usage(FILE *out)
{
    fprintf(out, "%s",
            _("Usage: clusterdns fix --emit FORM --zone ZONE --exchange NAME=IP --cluster NAME=IP\n"
              "                      [OPTION]...\n"
              "  or:  clusterdns fix --emit FORM --load FILE [OPTION]...\n"
              "  or:  clusterdns fix --apply (--zone ZONE --exchange NAME=IP --cluster NAME=IP\n"
              "                      | --load FILE) [--key FILE] [--yes] [OPTION]...\n"
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
              "      --apply              add the missing host records where the check finds them\n"
              "                           missing, by dynamic update (nsupdate, one update per\n"
              "                           DNS server): it checks live, shows each update, asks\n"
              "                           before sending, then checks again and reports\n"
              "      --key=FILE           the TSIG key file nsupdate signs the updates with\n"
              "  -y, --yes                apply without asking (needed when standard input is\n"
              "                           not a terminal)\n"
              "  -o, --output=FILE        with --apply, save the checklist and what was applied\n"
              "      --interface=NAME     the node's network connection, for netsh (default:\n"
              "                           the adapter --servers-from read the servers from,\n"
              "                           else Local Area Connection)\n"
              "  -z, --zone=ZONE          the DNS zone of the names (fabrikam.local)\n"
              "  -e, --exchange=NAME=IP   the Exchange network name and IP address\n"
              "  -c, --cluster=NAME=IP    the cluster network name and IP address\n"
              "  -s, --servers=LIST       DNS servers in the node's order: IP, IP:PORT or\n"
              "                           [IPv6]:PORT, comma-separated (default: this host's)\n"
              "  -i, --servers-from=FILE  take the order from Windows 'ipconfig /all' or\n"
              "                           'netsh' text ('-' reads standard input)\n"
              "  -t, --timeout=MS         wait for each reply at most MS milliseconds (2000)\n"
              "  -O, --operator=NAME      who does this, on the journal's events from now on\n"
              "                           (default: the checklist's operator)\n"
              "  -T, --ticket=ID          the ticket it is done for, likewise\n"
              "  -l, --load=FILE          take the remediation of a saved checklist as it is\n"
              "                           (with --apply: check its names again, live)\n"
              "  -h, --help               display this help and exit\n"
              "\n"
              "Every name and address is checked again before any text is made, so that no\n"
              "command can carry a character that a shell would act on. The commands are in\n"
              "English; the comments and steps in your language.\n"
              "\n"
              "Exit status: 0 the text was written (also when it says there is nothing to do),\n"
              "1 it could not be written, 2 bad usage or input. With --apply: 0 the check\n"
              "passes after applying, 1 problems remain (an update failed or was declined),\n"
              "2 bad usage or input.\n"));
}

static int parse_options(int argc, char **argv, struct fix_options *o)
{
    static const struct option longopts[] = {
        CHECK_INPUT_LONGOPTS,
        {"emit", required_argument, NULL, OPT_EMIT},
        {"interface", required_argument, NULL, OPT_INTERFACE},
        {"apply", no_argument, NULL, OPT_APPLY},
        {"key", required_argument, NULL, OPT_KEY},
        {"yes", no_argument, NULL, 'y'},
        {"output", required_argument, NULL, 'o'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    struct cd_diag d = {0}, warning;
    char text[1024];
    int ch, rc, form;

    opterr = 0;
    while ((ch = getopt_long(argc, argv, CHECK_INPUT_SHORTOPTS "yo:h", longopts, NULL)) != -1) {
        if ((rc = check_input_option(&cli_fix_cmd, &o->in, ch, optarg)) >= 0) {
            if (rc != EXIT_PASS)
                return rc;
            continue;
        }
        switch (ch) {
        case OPT_EMIT:
            if (o->mode == FIX_APPLY)
                return cli_usage_error(&cli_fix_cmd, "%s", _("give --emit or --apply, not both"));
            if ((form = remedy_form_parse(optarg)) < 0)
                return cli_usage_error(&cli_fix_cmd,
                                       _("--emit: '%s' is not one of dnscmd, powershell, nt4, "
                                         "zone, nsupdate, netsh"),
                                       optarg);
            o->mode = FIX_EMIT;
            o->form = (enum remedy_form)form;
            break;
        case OPT_INTERFACE:
            if (remedy_interface(optarg, &d) < 0)
                return cli_diag_error(&cli_fix_cmd, &d);
            o->interface = optarg;
            break;
        case OPT_APPLY:
            if (o->mode == FIX_EMIT)
                return cli_usage_error(&cli_fix_cmd, "%s", _("give --emit or --apply, not both"));
            o->mode = FIX_APPLY;
            break;
        case OPT_KEY:
            if (apply_key_check(optarg, &warning, &d) < 0)
                return cli_error(&cli_fix_cmd, "--key: %s", diag_format(&d, text, sizeof text));
            if (warning.fmt) /* as ssh does for a private key anyone may read */
                cli_error(&cli_fix_cmd, _("warning: %s"),
                          diag_format(&warning, text, sizeof text));
            o->key = optarg;
            break;
        case 'y': o->yes = true; break;
        case 'o': o->output = optarg; break;
        case 'h':
            usage(stdout);
            exit(cli_close_stdout(&cli_fix_cmd, EXIT_PASS, EXIT_NOT_WRITTEN));
        default:
            return cli_option_error(&cli_fix_cmd, argv, CHECK_INPUT_SHORTOPTS "yo:h");
        }
    }
    if (optind < argc)
        return cli_usage_error(&cli_fix_cmd, _("unexpected argument '%s'"), argv[optind]);
    if (o->mode == FIX_NONE)
        return cli_usage_error(&cli_fix_cmd, "%s",
                               _("--emit FORM is required (dnscmd, powershell, nt4, zone, "
                                 "nsupdate or netsh)"));
    if (o->interface && (o->mode != FIX_EMIT || o->form != REMEDY_NETSH))
        return cli_usage_error(&cli_fix_cmd, "%s", _("--interface is for --emit netsh"));
    if (o->mode != FIX_APPLY && (o->key || o->yes || o->output))
        return cli_usage_error(&cli_fix_cmd, "%s", _("--key, --yes and --output are for --apply"));
    /* Asked before anything is checked or sent: nobody can answer the question later. */
    if (o->mode == FIX_APPLY && !o->yes && !isatty(STDIN_FILENO))
        return cli_usage_error(&cli_fix_cmd, "%s",
                               _("--apply asks before it changes anything, and standard input "
                                 "is not a terminal: add --yes to apply without asking"));
    if (o->mode == FIX_EMIT && o->in.load &&
        (o->in.servers || o->in.servers_from || o->in.timeout_ms))
        return cli_usage_error(&cli_fix_cmd, "%s",
                               _("--load takes the remediation of the file as it is, without "
                                 "checking again; leave out --servers, --servers-from and "
                                 "--timeout"));
    if ((rc = check_input_validate(&cli_fix_cmd, &o->in)) != EXIT_PASS)
        return rc;
    /* Refused before anything is checked or sent: what is applied must be recorded. */
    if (o->output && fileio_check_target(o->output, &d) < 0)
        return cli_diag_error(&cli_fix_cmd, &d);
    return EXIT_PASS;
}

/* A value remedy refuses: in a loaded file, its path and the value's JSON path. */
static int refused(const struct fix_options *o, const struct cd_diag *d)
{
    char text[1024];

    fputs("clusterdns fix: ", stderr);
    if (o->in.load) {
        text_fputs(o->in.load, stderr);
        fputs(": ", stderr);
        if (d->where[0]) {
            text_fputs(d->where, stderr);
            fputs(": ", stderr);
        }
    }
    text_fputs(diag_format(d, text, sizeof text), stderr);
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
        __fpurge(stdout); /* said once: the end of the command has nothing more to say */
        clearerr(stdout);
        return EXIT_NOT_WRITTEN;
    }
    return EXIT_PASS;
}

/* Shows what will be sent, where: the nsupdate script of each server, in the user's
 * language (the commands are the ones apply_server sends). EXIT_PASS; EXIT_USAGE; or
 * EXIT_PROBLEMS when it could not be written (a full disk, a closed pipe): what was not
 * shown is not sent. */
static int show_updates(const struct fix_options *o, const struct checklist *cl,
                        const struct server_list *servers)
{
    char srv[SERVERS_TEXT_SIZE];
    struct cd_diag d = {0};

    for (size_t i = 0; i < servers->n; i++) {
        char *text = NULL;
        int rc = apply_script(cl, &servers->v[i], translate, &text, &d);

        if (rc == CD_ENOMEM)
            return cli_out_of_memory(&cli_fix_cmd);
        if (rc < 0)
            return refused(o, &d);
        printf(_("The update for the DNS server %s (nsupdate):\n"),
               server_format(&servers->v[i], srv, sizeof srv));
        fputs(text, stdout);
        fputc('\n', stdout);
        free(text);
    }
    errno = 0;
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "clusterdns fix: %s: %s\n", _("the updates could not be shown"),
                strerror(errno ? errno : EIO));
        fprintf(stderr, "clusterdns fix: %s\n", _("nothing was sent"));
        __fpurge(stdout);
        clearerr(stdout);
        return EXIT_PROBLEMS;
    }
    return EXIT_PASS;
}

/* The operator's yes, on the terminal; anything else, or the end of input, is no. */
static bool confirmed(void)
{
    char *line = NULL;
    size_t cap = 0;
    bool yes;

    fputs(_("Apply these changes? [y/N] "), stderr);
    fflush(stderr);
    yes = getline(&line, &cap, stdin) > 0 && rpmatch(line) == 1;
    free(line);
    return yes;
}

static int apply(const struct fix_options *o, struct checklist *cl, struct check *c)
{
    struct apply_opts ao = {.key_file = o->key};
    struct server_list servers;
    struct cd_diag d = {0};
    size_t failed = 0, sent = 0;
    char text[1024], srv[SERVERS_TEXT_SIZE];
    const struct cl_run *run;
    int rc;

    if (apply_servers(cl, &servers) < 0)
        return cli_out_of_memory(&cli_fix_cmd);
    if (servers.n == 0) {
        /* remedy's own words for why there is nothing to add */
        struct fix_options e = *o;

        e.mode = FIX_EMIT;
        e.form = REMEDY_NSUPDATE;
        if ((rc = emit(&e, cl)) != EXIT_PASS)
            goto out;
        if (render_check(stdout, cl) < 0) {
            rc = cli_out_of_memory(&cli_fix_cmd);
            goto out;
        }
        fflush(stdout);
        goto save;
    }
    if ((rc = show_updates(o, cl, &servers)) != EXIT_PASS)
        goto out;
    if (!o->yes && !confirmed()) {
        fprintf(stderr, "clusterdns fix: %s\n", _("nothing was sent"));
        rc = EXIT_PROBLEMS;
        goto out;
    }
    for (size_t i = 0; i < servers.n; i++, sent++) {
        if (apply_server(cl, &servers.v[i], &ao, &d) == CD_OK) {
            printf(_("%s: the update was applied.\n"),
                   server_format(&servers.v[i], srv, sizeof srv));
            continue;
        }
        failed++;
        fputs("clusterdns fix: ", stderr);
        text_fputs(diag_format(&d, text, sizeof text), stderr);
        fputc('\n', stderr);
    }
    printf("\n%s\n\n", _("Checking again:"));
    fflush(stdout);
    if ((rc = check_input_again(&cli_fix_cmd, c, cl)) != EXIT_PASS)
        goto out;
    if (render_check(stdout, cl) < 0) {
        rc = cli_out_of_memory(&cli_fix_cmd);
        goto out;
    }
    fflush(stdout);
save:
    if (o->output && checklist_save(cl, o->output, &d) < 0) {
        fputs("clusterdns fix: ", stderr);
        text_fputs(diag_format(&d, text, sizeof text), stderr);
        fputc('\n', stderr);
        if (sent > 0)
            fprintf(stderr, "clusterdns fix: %s\n",
                    _("the updates were sent all the same: the report above is their only "
                      "record"));
        rc = EXIT_PROBLEMS;
        goto out;
    }
    run = checklist_last_check(cl);
    rc = failed == 0 && run && run->eval.verdict == VERDICT_PASS ? EXIT_PASS : EXIT_PROBLEMS;
out:
    server_list_fini(&servers);
    return rc;
}

static int cmd_fix(const struct cli_cmd *cmd, int argc, char **argv)
{
    struct fix_options o = {0};
    struct checklist cl;
    struct check *c = NULL;
    struct cd_diag d = {0};
    int rc;

    (void)cmd;
    if ((rc = parse_options(argc, argv, &o)) != EXIT_PASS)
        return rc;
    checklist_init(&cl);
    if (o.mode == FIX_APPLY) {
        /* A reader that goes away is a write error to report, not a signal that ends the
         * command between two updates. */
        signal(SIGPIPE, SIG_IGN);
        if ((rc = check_input_run(&cli_fix_cmd, &o.in, false, &cl, &c)) == EXIT_PASS)
            rc = apply(&o, &cl, c);
    } else {
        if (o.in.load)
            rc = checklist_load(o.in.load, &cl, &d) < 0 ? cli_load_error(&cli_fix_cmd, o.in.load, &d)
                                                        : EXIT_PASS;
        else
            rc = check_input_run(&cli_fix_cmd, &o.in, false, &cl, NULL);
        if (rc == EXIT_PASS)
            rc = emit(&o, &cl);
    }
    check_free(c);
    checklist_fini(&cl);
    return cli_close_stdout(&cli_fix_cmd, rc, EXIT_NOT_WRITTEN);
}

const struct cli_cmd cli_fix_cmd = {
    .name = "fix",
    .try_help = N_("Try 'clusterdns fix --help' for more information."),
    .exec = cmd_fix,
    .usage = usage,
};
