#include "config.h"

#include "cmd_check.h"

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "checklist.h"
#include "i18n.h"
#include "report.h"
#include "servers.h"

struct options {
    struct check_input in;
    const char *output;
    bool json, progress;
};

static const struct cli_cmd check_cmd = {
    "check", N_("Try 'clusterdns check --help' for more information.")};

void cmd_check_usage(FILE *out)
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
              "  -t, --timeout=MS         wait for each reply at most MS milliseconds (2000)\n"
              "  -j, --json               print the checklist as JSON instead of the report\n"
              "  -o, --output=FILE        save the checklist to FILE (atomically)\n"
              "  -p, --progress           a line on standard error as each server completes\n"
              "  -h, --help               display this help and exit\n"
              "\n"
              "Exit status: 0 the node gets both records right, 1 problems were found,\n"
              "2 bad usage or input.\n"));
}

int cli_usage_error(const struct cli_cmd *cmd, const char *fmt, ...)
{
    va_list ap;

    fprintf(stderr, "clusterdns %s: ", cmd->name);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\n%s\n", _(cmd->try_help));
    return EXIT_USAGE;
}

int cli_diag_error(const struct cli_cmd *cmd, const struct cd_diag *d)
{
    char text[1024];

    fprintf(stderr, "clusterdns %s: ", cmd->name);
    report_safe(stderr, diag_format(d, text, sizeof text));
    fputc('\n', stderr);
    return EXIT_USAGE;
}

int cli_load_error(const struct cli_cmd *cmd, const char *file, const struct cd_diag *d)
{
    char text[1024 + 4096];

    fprintf(stderr, "clusterdns %s: ", cmd->name);
    report_safe(stderr, diag_format_file(d, file, text, sizeof text));
    fputc('\n', stderr);
    return EXIT_USAGE;
}

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

static int parse_options(int argc, char **argv, struct options *o)
{
    static const struct option longopts[] = {
        CHECK_INPUT_LONGOPTS,
        {"json", no_argument, NULL, 'j'},     {"output", required_argument, NULL, 'o'},
        {"progress", no_argument, NULL, 'p'}, {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    int ch, rc;

    while ((ch = getopt_long(argc, argv, CHECK_INPUT_SHORTOPTS "jo:ph", longopts, NULL)) != -1) {
        if ((rc = check_input_option(&check_cmd, &o->in, ch, optarg)) >= 0) {
            if (rc != EXIT_PASS)
                return rc;
            continue;
        }
        switch (ch) {
        case 'o': o->output = optarg; break;
        case 'j': o->json = true; break;
        case 'p': o->progress = true; break;
        case 'h':
            cmd_check_usage(stdout);
            exit(EXIT_PASS);
        default:
            fprintf(stderr, "%s\n", _(check_cmd.try_help));
            return EXIT_USAGE;
        }
    }
    if (optind < argc)
        return cli_usage_error(&check_cmd, _("unexpected argument '%s'"), argv[optind]);
    return check_input_validate(&check_cmd, &o->in);
}

/* "NAME=IP" into its two halves, in buffers of the caller. */
static int split_host(const struct cli_cmd *cmd, const char *opt, const char *arg, char *name,
                      size_t nn, char *ip, size_t ni)
{
    const char *eq = strchr(arg, '=');

    if (!eq || (size_t)(eq - arg) >= nn || strlen(eq + 1) >= ni) {
        fprintf(stderr, "clusterdns %s: ", cmd->name);
        fprintf(stderr, _("%s: expected NAME=IP, as in EXSRV=172.16.8.31, not '%s'"), opt, arg);
        fputc('\n', stderr);
        return EXIT_USAGE;
    }
    snprintf(name, nn, "%.*s", (int)(eq - arg), arg);
    snprintf(ip, ni, "%s", eq + 1);
    return EXIT_PASS;
}

static char *read_all(FILE *f)
{
    size_t len = 0, cap = 4096;
    char *buf = malloc(cap);
    size_t got;

    while (buf && (got = fread(buf + len, 1, cap - len - 1, f)) > 0) {
        len += got;
        if (cap - len < 2) {
            char *bigger = cap < (16u << 20) ? realloc(buf, cap * 2) : NULL;
            if (!bigger) {
                free(buf);
                return NULL;
            }
            buf = bigger;
            cap *= 2;
        }
    }
    if (buf)
        buf[len] = '\0';
    return buf;
}

/* The warning names its command; each command's text is its own msgid, for ngettext. */
static void warn_unread(const struct cli_cmd *cmd, const char *path,
                        const struct servers_import *rep)
{
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
    report_safe(stderr, rep->first_unread);
    fputc('\n', stderr);
}

static int import_servers(const struct cli_cmd *cmd, const char *path, struct server_list *out)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
    struct servers_import rep = {0};
    struct cd_diag d = {0};
    char *text;
    int rc;

    if (!f)
        return cli_usage_error(cmd, _("--servers-from: cannot open '%s'"), path);
    text = read_all(f);
    if (f != stdin)
        fclose(f);
    if (!text)
        return cli_usage_error(cmd, _("--servers-from: cannot read '%s'"), path);
    rc = servers_import_text(text, out, &rep, &d);
    free(text);
    if (rc < 0)
        return cli_diag_error(cmd, &d);
    if (rep.lines_unread)
        warn_unread(cmd, path, &rep);
    return EXIT_PASS;
}

static int servers_of_checklist(const struct cli_cmd *cmd, const struct checklist *cl,
                                struct server_list *out)
{
    struct cd_diag d = {0};

    /* Saved in the node's order; position says it even if the array was reordered by hand. */
    for (unsigned pos = 1; pos <= cl->n_servers; pos++) {
        for (size_t i = 0; i < cl->n_servers; i++) {
            struct dns_server s = {.port = cl->servers[i].port};

            if (cl->servers[i].position != pos)
                continue;
            if (names_ip_parse(cl->servers[i].address, &s.ip, N_("DNS server"), &d) < 0 ||
                server_list_add(out, &s, &d) < 0)
                return cli_diag_error(cmd, &d);
            snprintf(out->v[out->n - 1].source, sizeof s.source, "%s", cl->servers[i].source);
        }
    }
    return EXIT_PASS;
}

static int gather_servers(const struct cli_cmd *cmd, const struct check_input *in,
                          const struct checklist *cl, struct server_list *out)
{
    struct cd_diag d = {0};
    int rc = EXIT_PASS;

    if (in->servers)
        rc = servers_parse_list(in->servers, out, &d) < 0 ? cli_diag_error(cmd, &d) : EXIT_PASS;
    else if (in->servers_from)
        rc = import_servers(cmd, in->servers_from, out);
    else if (in->load && cl->n_servers)
        rc = servers_of_checklist(cmd, cl, out);
    else if (servers_from_resolver(NULL, out, &d) < 0)
        rc = cli_diag_error(cmd, &d);
    if (rc == EXIT_PASS && out->n == 0)
        rc = cli_usage_error(cmd, "%s", _("no DNS server to ask: give them with --servers"));
    return rc;
}

/* arg points at the caller's check pointer, which exists only once check_new returns. */
static void on_server(void *arg, size_t server)
{
    struct check **c = arg;

    report_server_done(stderr, *c, server);
}

static int out_of_memory(const struct cli_cmd *cmd)
{
    fprintf(stderr, "clusterdns %s: %s\n", cmd->name, _("out of memory"));
    return EXIT_USAGE;
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

int check_input_run(const struct cli_cmd *cmd, const struct check_input *in, bool progress,
                    struct checklist *cl, struct check **out)
{
    struct server_list servers;
    struct records_target target;
    struct cd_diag d = {0};
    struct check *c = NULL;
    int rc;

    server_list_init(&servers);
    if ((rc = target_of(cmd, in, cl, &target)) != EXIT_PASS ||
        (rc = gather_servers(cmd, in, cl, &servers)) != EXIT_PASS)
        goto out;
    c = check_new(&target, &servers, in->timeout_ms, progress ? on_server : NULL, &c);
    if (!c) {
        rc = out_of_memory(cmd);
        goto out;
    }
    if (check_start(c, &d) < 0 || check_run(c, &d) < 0) {
        rc = cli_diag_error(cmd, &d);
        goto out;
    }
    if (check_to_checklist(c, cl) < 0) {
        rc = out_of_memory(cmd);
        goto out;
    }
    rc = EXIT_PASS;
    if (out) {
        *out = c;
        c = NULL;
    }
out:
    check_free(c);
    server_list_fini(&servers);
    return rc;
}

static int emit(const struct options *o, struct check *c, struct checklist *cl)
{
    struct cd_diag d = {0};
    char *json = NULL;

    if (o->json) {
        if (checklist_to_json(cl, &json) < 0)
            return out_of_memory(&check_cmd);
        fputs(json, stdout);
        fputc('\n', stdout);
        free(json);
    } else {
        report_check(stdout, c);
    }
    fflush(stdout);
    if (o->output && checklist_save(cl, o->output, &d) < 0)
        return cli_diag_error(&check_cmd, &d);
    return strcmp(cl->verdict, "pass") == 0 ? EXIT_PASS : EXIT_PROBLEMS;
}

int cmd_check(int argc, char **argv)
{
    struct options o = {0};
    struct checklist cl;
    struct check *c = NULL;
    int rc;

    if ((rc = parse_options(argc, argv, &o)) != EXIT_PASS)
        return rc;
    checklist_init(&cl);
    if ((rc = check_input_run(&check_cmd, &o.in, o.progress, &cl, &c)) == EXIT_PASS)
        rc = emit(&o, c, &cl);
    check_free(c);
    checklist_fini(&cl);
    return rc;
}
