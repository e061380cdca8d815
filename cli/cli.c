#include "config.h"

#include "cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd_import.h"
#include "doc.h"
#include "fileio.h"
#include "i18n.h"
#include "rules.h"
#include "servers.h"
#include "text.h"

/* ---- the command table ------------------------------------------------------------------ */

static int import_exec(const struct cli_cmd *self, int argc, char **argv)
{
    (void)self;
    return cmd_import(argc, argv);
}

const struct cli_cmd cli_import_cmd = {
    .name = "import",
    .try_help = N_("Try 'clusterdns import --help' for more information."),
    .exec = import_exec,
    .usage = cmd_import_usage,
};

static const struct cli_cmd *const commands[] = {&cli_check_cmd, &cli_fix_cmd, &cli_import_cmd,
                                                 &cli_report_cmd, &cli_recheck_cmd};

const struct cli_cmd *cli_find(const char *name)
{
    for (size_t i = 0; name && i < sizeof commands / sizeof *commands; i++)
        if (strcmp(commands[i]->name, name) == 0)
            return commands[i];
    return NULL;
}

/* ---- messages --------------------------------------------------------------------------- */

/* "clusterdns NAME: " and the message, every byte of it shown by the escape policy: it
 * quotes arguments and file names, which may hold anything. */
static void message(const struct cli_cmd *cmd, const char *fmt, va_list ap)
{
    char *text = NULL;

    if (cmd->name)
        fprintf(stderr, "clusterdns %s: ", cmd->name);
    else
        fputs("clusterdns: ", stderr);
    if (vasprintf(&text, fmt, ap) < 0) {
        fputs(_("out of memory"), stderr);
        text = NULL;
    } else {
        text_fputs(text, stderr);
    }
    fputc('\n', stderr);
    free(text);
}

int cli_error(const struct cli_cmd *cmd, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    message(cmd, fmt, ap);
    va_end(ap);
    return EXIT_USAGE;
}

int cli_usage_error(const struct cli_cmd *cmd, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    message(cmd, fmt, ap);
    va_end(ap);
    fprintf(stderr, "%s\n", _(cmd->try_help));
    return EXIT_USAGE;
}

int cli_close_stdout(const struct cli_cmd *cmd, int rc, int fail)
{
    bool prev_fail = ferror(stdout) != 0, pending = __fpending(stdout) != 0;
    int closed;

    /* GNU's close_stdout: a write error is an error, even one found only by fclose (a full
     * disk takes buffered text at the end); a stdout closed before the start with nothing
     * written is not. */
    errno = 0;
    closed = fclose(stdout);
    if (!prev_fail && (closed == 0 || (!pending && errno == EBADF)))
        return rc;
    if (closed != 0 && errno)
        cli_error(cmd, "%s: %s", _("write error"), strerror(errno));
    else
        cli_error(cmd, "%s", _("write error"));
    return rc > fail ? rc : fail;
}

int cli_option_error(const struct cli_cmd *cmd, char **argv, const char *shortopts)
{
    const char *arg = optind > 0 ? argv[optind - 1] : "";
    char opt[2] = {(char)optopt, '\0'};

    /* getopt's own messages would quote the argument raw: opterr is 0, these say it. */
    if (strncmp(arg, "--", 2) == 0 && optopt != 0)
        return cli_usage_error(cmd, _("option '%s' requires an argument"), arg);
    if (strncmp(arg, "--", 2) == 0)
        return cli_usage_error(cmd, _("unrecognized option '%s'"), arg);
    if (optopt > 0 && optopt < 0x80 && strchr(shortopts, optopt))
        return cli_usage_error(cmd, _("option requires an argument -- '%s'"), opt);
    if (optopt > 0 && optopt < 0x80)
        return cli_usage_error(cmd, _("invalid option -- '%s'"), opt);
    return cli_usage_error(cmd, _("unrecognized option '%s'"), arg);
}

int cli_diag_error(const struct cli_cmd *cmd, const struct cd_diag *d)
{
    char text[1024];

    return cli_error(cmd, "%s", diag_format(d, text, sizeof text));
}

int cli_diag_usage_error(const struct cli_cmd *cmd, const struct cd_diag *d)
{
    char text[1024];

    return cli_usage_error(cmd, "%s", diag_format(d, text, sizeof text));
}

int cli_load_error(const struct cli_cmd *cmd, const char *file, const struct cd_diag *d)
{
    char text[1024 + 4096];

    return cli_error(cmd, "%s", diag_format_file(d, file, text, sizeof text));
}

int cli_out_of_memory(const struct cli_cmd *cmd)
{
    fprintf(stderr, "clusterdns %s: %s\n", cmd->name, _("out of memory"));
    return EXIT_USAGE;
}

/* ---- the input of a live check ----------------------------------------------------------- */

int check_input_option(const struct cli_cmd *cmd, struct check_input *in, int ch, const char *arg)
{
    char *end;
    long v;

    switch (ch) {
    case 'z': in->zone = arg; break;
    case 'e': in->exchange = arg; break;
    case 'c': in->cluster = arg; break;
    case 's': in->servers = arg; break;
    case 'i': in->servers_from = arg; break;
    case 'l': in->load = arg; break;
    case 'O': in->operator_name = arg; break;
    case 'T': in->ticket = arg; break;
    case 't':
        errno = 0;
        v = strtol(arg, &end, 10);
        if (errno || *end || end == arg || v < 1 || v > 60000)
            return cli_usage_error(cmd, _("--timeout: '%s' is not a whole number of "
                                          "milliseconds from 1 to 60000"), arg);
        in->timeout_ms = (int)v;
        break;
    default:
        return -1;
    }
    return EXIT_PASS;
}

int check_input_validate(const struct cli_cmd *cmd, const struct check_input *in)
{
    struct cd_diag d = {0};

    /* The rule of the wizard's Operator and Ticket fields: one rule, the engine's. */
    if ((in->operator_name &&
         rules_text(in->operator_name, CHECKLIST_SHORT - 1, false, false, N_("--operator"), &d) < 0) ||
        (in->ticket && rules_text(in->ticket, CHECKLIST_SHORT - 1, false, false, N_("--ticket"), &d) < 0))
        return cli_diag_usage_error(cmd, &d);
    if (in->servers && in->servers_from)
        return cli_usage_error(cmd, "%s", _("give --servers or --servers-from, not both"));
    if (in->load && (in->zone || in->exchange || in->cluster))
        return cli_usage_error(cmd, "%s", _("--load takes the zone and names from the file; "
                                            "leave out --zone, --exchange and --cluster"));
    if (!in->load && (!in->zone || !in->exchange || !in->cluster))
        return cli_usage_error(cmd, "%s", _("--zone, --exchange and --cluster are required "
                                            "(or --load)"));
    return EXIT_PASS;
}

/* "NAME=IP" into its two halves, in buffers of the caller. */
static int split_host(const struct cli_cmd *cmd, const char *opt, const char *arg, char *name,
                      size_t nn, char *ip, size_t ni)
{
    const char *eq = strchr(arg, '=');

    if (!eq || (size_t)(eq - arg) >= nn || strlen(eq + 1) >= ni)
        return cli_error(cmd, _("%s: expected NAME=IP, as in EXSRV=172.16.8.31, not '%s'"), opt,
                         arg);
    snprintf(name, nn, "%.*s", (int)(eq - arg), arg);
    snprintf(ip, ni, "%s", eq + 1);
    return EXIT_PASS;
}

/* The warning names its command; each command's text is its own msgid, for ngettext. */
static void warn_unread(const struct cli_cmd *cmd, const char *path,
                        const struct servers_import *rep)
{
    char *shown = text_escape_dup(path);

    if (!shown)
        return;
    path = shown;
    if (strcmp(cmd->name, "check") == 0)
        fprintf(stderr,
                ngettext("clusterdns check: %zu line of '%s' looks like an address but could "
                         "not be read: ",
                         "clusterdns check: %zu lines of '%s' look like addresses but could not "
                         "be read, the first: ",
                         rep->lines_unread),
                rep->lines_unread, path);
    else
        fprintf(stderr,
                ngettext("clusterdns fix: %zu line of '%s' looks like an address but could "
                         "not be read: ",
                         "clusterdns fix: %zu lines of '%s' look like addresses but could not "
                         "be read, the first: ",
                         rep->lines_unread),
                rep->lines_unread, path);
    text_fputs(rep->first_unread, stderr);
    fputc('\n', stderr);
    free(shown);
}

static int import_servers(const struct cli_cmd *cmd, const char *path, struct server_list *out)
{
    struct servers_import rep = {0};
    struct cd_diag d = {0};
    char *text, msg[1024];
    size_t len;
    int rc;

    if (strcmp(path, "-") == 0)
        rc = fileio_read_fd(STDIN_FILENO, _("standard input"), &text, &len, &d);
    else
        rc = fileio_read(path, &text, &len, &d);
    if (rc < 0)
        return cli_error(cmd, "--servers-from: %s", diag_format(&d, msg, sizeof msg));
    rc = servers_import_text(text, out, &rep, &d);
    free(text);
    if (rc < 0)
        return cli_diag_error(cmd, &d);
    if (rep.lines_unread)
        warn_unread(cmd, path, &rep);
    return EXIT_PASS;
}

/* The servers to ask, and whether they stand for the node's own order (given for it). */
static int gather_servers(const struct cli_cmd *cmd, const struct check_input *in,
                          const struct checklist *cl, struct server_list *out, bool *from_node)
{
    const struct server_list *saved = in->load ? checklist_servers(cl) : NULL;
    struct cd_diag d = {0};
    int rc = EXIT_PASS;

    *from_node = true;
    if (in->servers)
        rc = servers_parse_list(in->servers, out, &d) < 0 ? cli_diag_error(cmd, &d) : EXIT_PASS;
    else if (in->servers_from)
        rc = import_servers(cmd, in->servers_from, out);
    else if (saved && saved->n)
        rc = server_list_copy(out, saved) < 0 ? cli_out_of_memory(cmd) : EXIT_PASS;
    else if ((*from_node = false), servers_from_resolver(NULL, out, &d) < 0)
        rc = cli_diag_error(cmd, &d);
    if (rc == EXIT_PASS && out->n == 0)
        rc = cli_usage_error(cmd, "%s", _("no DNS server to ask: give them with --servers"));
    return rc;
}

static const char *ms(double v, char *buf, size_t n)
{
    if (v < 0)
        snprintf(buf, n, "-");
    else
        snprintf(buf, n, _("%.1f ms"), v);
    return buf;
}

/* arg points at the caller's check pointer, which exists only once check_new returns. */
static void on_server(void *arg, size_t server)
{
    struct check *c = *(struct check **)arg;
    const struct probe_answer *soa = check_answer(c, server, QUERY_SOA);
    char srv[SERVERS_TEXT_SIZE], buf[32];
    double slowest = 0;

    for (int q = 0; q < QUERY_COUNT; q++) {
        double rtt = check_answer(c, server, (enum records_query)q)->rtt_ms;
        slowest = rtt > slowest ? rtt : slowest;
    }
    fprintf(stderr, _("server %s: all answers in, after %s (zone: %s)\n"),
            server_format(&check_servers(c)->v[server], srv, sizeof srv),
            ms(slowest, buf, sizeof buf), _(probe_outcome_text(soa->outcome)));
    fflush(stderr);
}

static int target_of(const struct cli_cmd *cmd, const struct check_input *in,
                     struct checklist *cl, struct records_target *target)
{
    char exname[64], exip[64], clname[64], clip[64];
    struct cd_diag d = {0};
    int rc;

    if (in->load) {
        if (checklist_load(in->load, cl, &d) < 0)
            return cli_load_error(cmd, in->load, &d);
        return check_target_set(target, cl->zone, cl->exchange.name, cl->exchange.ip,
                                cl->cluster.name, cl->cluster.ip, &d) < 0
                   ? cli_diag_error(cmd, &d)
                   : EXIT_PASS;
    }
    if ((rc = split_host(cmd, "--exchange", in->exchange, exname, sizeof exname, exip,
                         sizeof exip)) != EXIT_PASS ||
        (rc = split_host(cmd, "--cluster", in->cluster, clname, sizeof clname, clip,
                         sizeof clip)) != EXIT_PASS)
        return rc;
    return check_target_set(target, in->zone, exname, exip, clname, clip, &d) < 0
               ? cli_diag_error(cmd, &d)
               : EXIT_PASS;
}

/* The check, done, into cl's journal, and the steps it proves. */
static int journal(const struct cli_cmd *cmd, struct check *c, struct checklist *cl)
{
    struct cl_who who;

    checklist_who(cl, &who);
    if (check_to_checklist(c, cl, &who) < 0)
        return cli_out_of_memory(cmd);
    checklist_finish_checked_steps(cl, &who);
    return EXIT_PASS;
}

/* What this host ran out of, when servers could not be asked: never a DNS server's fault,
 * and the verdict waits for them (records.h). */
static void warn_not_asked(const struct cli_cmd *cmd, struct check *c)
{
    const struct records_eval *e = check_eval(c);
    size_t n = 0;
    int err = 0;

    for (size_t i = 0; e && i < e->n; i++)
        if (e->server[i].not_asked) {
            n++;
            err = err ? err : e->server[i].not_asked;
        }
    if (n)
        cli_error(cmd, _("%zu of %zu DNS servers were not asked: %s"), n, e->n,
                  _(probe_error_text(err)));
}

int check_input_run(const struct cli_cmd *cmd, const struct check_input *in, bool progress,
                    struct checklist *cl, struct check **out)
{
    struct server_list servers;
    struct records_target target;
    struct cd_diag d = {0};
    struct check *c = NULL;
    struct cl_who who;
    bool from_node;
    int rc;

    server_list_init(&servers);
    if ((rc = target_of(cmd, in, cl, &target)) != EXIT_PASS ||
        (rc = gather_servers(cmd, in, cl, &servers, &from_node)) != EXIT_PASS)
        goto out;
    checklist_set_target(cl, &target);
    /* Who does this: the checklist's operator and ticket from now on, on every event. */
    if (in->operator_name)
        text_copy(cl->operator_name, sizeof cl->operator_name, in->operator_name,
                  strlen(in->operator_name));
    if (in->ticket)
        text_copy(cl->ticket, sizeof cl->ticket, in->ticket, strlen(in->ticket));
    checklist_who(cl, &who);
    if (checklist_note_servers(cl, &servers, from_node, &who) < 0) {
        rc = cli_out_of_memory(cmd);
        goto out;
    }
    c = check_new(&target, &servers, in->timeout_ms, progress ? on_server : NULL, &c);
    if (!c) {
        rc = cli_out_of_memory(cmd);
        goto out;
    }
    if (check_start(c, &d) < 0 || check_run(c, &d) < 0) {
        rc = cli_diag_error(cmd, &d);
        goto out;
    }
    if ((rc = journal(cmd, c, cl)) != EXIT_PASS)
        goto out;
    warn_not_asked(cmd, c);
    if (out) {
        *out = c;
        c = NULL;
    }
out:
    check_free(c);
    server_list_fini(&servers);
    return rc;
}

int check_input_again(const struct cli_cmd *cmd, struct check *c, struct checklist *cl)
{
    struct cd_diag d = {0};

    if (check_start(c, &d) < 0 || check_run(c, &d) < 0)
        return cli_diag_error(cmd, &d);
    return journal(cmd, c, cl);
}
