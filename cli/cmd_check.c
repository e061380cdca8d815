#include "config.h"

#include "cmd_check.h"

#include <errno.h>
#include <getopt.h>
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
    const char *zone, *exchange, *cluster, *servers, *servers_from, *load, *output;
    int timeout_ms;
    bool json, progress;
};

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

static int usage_error(const char *fmt, const char *arg)
{
    fputs("clusterdns check: ", stderr);
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\n%s\n", _("Try 'clusterdns check --help' for more information."));
    return EXIT_USAGE;
}

static int diag_error(const struct cd_diag *d)
{
    char text[1024];

    fputs("clusterdns check: ", stderr);
    report_safe(stderr, diag_format(d, text, sizeof text));
    fputc('\n', stderr);
    return EXIT_USAGE;
}

static int parse_options(int argc, char **argv, struct options *o)
{
    static const struct option longopts[] = {
        {"zone", required_argument, NULL, 'z'},   {"exchange", required_argument, NULL, 'e'},
        {"cluster", required_argument, NULL, 'c'}, {"servers", required_argument, NULL, 's'},
        {"servers-from", required_argument, NULL, 'i'}, {"load", required_argument, NULL, 'l'},
        {"timeout", required_argument, NULL, 't'}, {"json", no_argument, NULL, 'j'},
        {"output", required_argument, NULL, 'o'}, {"progress", no_argument, NULL, 'p'},
        {"help", no_argument, NULL, 'h'},          {NULL, 0, NULL, 0}};
    int ch;
    char *end;
    long v;

    while ((ch = getopt_long(argc, argv, "z:e:c:s:i:l:t:jo:ph", longopts, NULL)) != -1) {
        switch (ch) {
        case 'z': o->zone = optarg; break;
        case 'e': o->exchange = optarg; break;
        case 'c': o->cluster = optarg; break;
        case 's': o->servers = optarg; break;
        case 'i': o->servers_from = optarg; break;
        case 'l': o->load = optarg; break;
        case 'o': o->output = optarg; break;
        case 'j': o->json = true; break;
        case 'p': o->progress = true; break;
        case 't':
            errno = 0;
            v = strtol(optarg, &end, 10);
            if (errno || *end || end == optarg || v < 1 || v > 60000)
                return usage_error(_("--timeout: '%s' is not a whole number of milliseconds "
                                     "from 1 to 60000"), optarg);
            o->timeout_ms = (int)v;
            break;
        case 'h':
            cmd_check_usage(stdout);
            exit(EXIT_PASS);
        default:
            fprintf(stderr, "%s\n", _("Try 'clusterdns check --help' for more information."));
            return EXIT_USAGE;
        }
    }
    if (optind < argc)
        return usage_error(_("unexpected argument '%s'"), argv[optind]);
    if (o->servers && o->servers_from)
        return usage_error("%s", _("give --servers or --servers-from, not both"));
    if (o->load && (o->zone || o->exchange || o->cluster))
        return usage_error("%s", _("--load takes the zone and names from the file; leave out "
                                   "--zone, --exchange and --cluster"));
    if (!o->load && (!o->zone || !o->exchange || !o->cluster))
        return usage_error("%s", _("--zone, --exchange and --cluster are required (or --load)"));
    return EXIT_PASS;
}

/* "NAME=IP" into its two halves, in buffers of the caller. */
static int split_host(const char *opt, const char *arg, char *name, size_t nn, char *ip, size_t ni)
{
    const char *eq = strchr(arg, '=');

    if (!eq || (size_t)(eq - arg) >= nn || strlen(eq + 1) >= ni) {
        fputs("clusterdns check: ", stderr);
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

static int import_servers(const char *path, struct server_list *out)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
    struct servers_import rep = {0};
    struct cd_diag d = {0};
    char *text;
    int rc;

    if (!f)
        return usage_error(_("--servers-from: cannot open '%s'"), path);
    text = read_all(f);
    if (f != stdin)
        fclose(f);
    if (!text)
        return usage_error(_("--servers-from: cannot read '%s'"), path);
    rc = servers_import_text(text, out, &rep, &d);
    free(text);
    if (rc < 0)
        return diag_error(&d);
    if (rep.lines_unread) {
        fprintf(stderr,
                ngettext("clusterdns check: %zu line of '%s' looks like an address but could "
                         "not be read: ",
                         "clusterdns check: %zu lines of '%s' look like addresses but could not "
                         "be read, the first: ",
                         rep.lines_unread),
                rep.lines_unread, path);
        report_safe(stderr, rep.first_unread);
        fputc('\n', stderr);
    }
    return EXIT_PASS;
}

static int servers_of_checklist(const struct checklist *cl, struct server_list *out)
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
                return diag_error(&d);
            snprintf(out->v[out->n - 1].source, sizeof s.source, "%s", cl->servers[i].source);
        }
    }
    return EXIT_PASS;
}

static int gather_servers(const struct options *o, const struct checklist *cl,
                          struct server_list *out)
{
    struct cd_diag d = {0};
    int rc = EXIT_PASS;

    if (o->servers)
        rc = servers_parse_list(o->servers, out, &d) < 0 ? diag_error(&d) : EXIT_PASS;
    else if (o->servers_from)
        rc = import_servers(o->servers_from, out);
    else if (o->load && cl->n_servers)
        rc = servers_of_checklist(cl, out);
    else if (servers_from_resolver(NULL, out, &d) < 0)
        rc = diag_error(&d);
    if (rc == EXIT_PASS && out->n == 0)
        rc = usage_error("%s", _("no DNS server to ask: give them with --servers"));
    return rc;
}

/* arg points at the caller's check pointer, which exists only once check_new returns. */
static void on_server(void *arg, size_t server)
{
    struct check **c = arg;

    report_server_done(stderr, *c, server);
}

static int emit(const struct options *o, struct check *c, struct checklist *cl)
{
    struct cd_diag d = {0};
    char *json = NULL;

    if (check_to_checklist(c, cl) < 0) {
        fprintf(stderr, "clusterdns check: %s\n", _("out of memory"));
        return EXIT_USAGE;
    }
    if (o->json) {
        if (checklist_to_json(cl, &json) < 0) {
            fprintf(stderr, "clusterdns check: %s\n", _("out of memory"));
            return EXIT_USAGE;
        }
        fputs(json, stdout);
        fputc('\n', stdout);
        free(json);
    } else {
        report_check(stdout, c);
    }
    fflush(stdout);
    if (o->output && checklist_save(cl, o->output, &d) < 0)
        return diag_error(&d);
    return strcmp(cl->verdict, "pass") == 0 ? EXIT_PASS : EXIT_PROBLEMS;
}

int cmd_check(int argc, char **argv)
{
    struct options o = {0};
    struct checklist cl;
    struct server_list servers;
    struct records_target target;
    struct cd_diag d = {0};
    char exname[64], exip[64], clname[64], clip[64];
    struct check *c = NULL;
    int rc;

    if ((rc = parse_options(argc, argv, &o)) != EXIT_PASS)
        return rc;
    checklist_init(&cl);
    server_list_init(&servers);
    if (o.load) {
        if (checklist_load(o.load, &cl, &d) < 0) {
            rc = diag_error(&d);
            goto out;
        }
        rc = check_target_set(&target, cl.zone, cl.exchange.name, cl.exchange.ip, cl.cluster.name,
                              cl.cluster.ip, &d) < 0
                 ? diag_error(&d)
                 : EXIT_PASS;
    } else if ((rc = split_host("--exchange", o.exchange, exname, sizeof exname, exip,
                                sizeof exip)) == EXIT_PASS &&
               (rc = split_host("--cluster", o.cluster, clname, sizeof clname, clip,
                                sizeof clip)) == EXIT_PASS) {
        rc = check_target_set(&target, o.zone, exname, exip, clname, clip, &d) < 0
                 ? diag_error(&d)
                 : EXIT_PASS;
    }
    if (rc != EXIT_PASS || (rc = gather_servers(&o, &cl, &servers)) != EXIT_PASS)
        goto out;

    c = check_new(&target, &servers, o.timeout_ms, o.progress ? on_server : NULL, &c);
    if (!c) {
        fprintf(stderr, "clusterdns check: %s\n", _("out of memory"));
        rc = EXIT_USAGE;
        goto out;
    }
    if (check_start(c, &d) < 0 || check_run(c, &d) < 0) {
        rc = diag_error(&d);
        goto out;
    }
    rc = emit(&o, c, &cl);
out:
    check_free(c);
    server_list_fini(&servers);
    checklist_fini(&cl);
    return rc;
}
