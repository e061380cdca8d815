#include "config.h"

#include "cmd_import.h"

#include <cJSON.h>
#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "fileio.h"
#include "i18n.h"
#include "import.h"
#include "text.h"

void cmd_import_usage(FILE *out)
{
    fputs(_("Usage: clusterdns import [--json] FILE|-\n"
            "Show what clusterdns reads from saved or pasted Windows output: ipconfig /all,\n"
            "netsh, cluster.exe (cluster group, cluster res, cluster res /priv) and PowerShell\n"
            "(Get-ClusterGroup, Get-ClusterResource, Get-ClusterParameter,\n"
            "Get-DnsClientServerAddress, Get-NetIPConfiguration). FILE '-' is standard input.\n"
            "\n"
            "  -j, --json   print what was read as JSON (doc/import.schema.json)\n"
            "  -h, --help   show this help\n"
            "\n"
            "Exit status: 0 something usable was read, 2 nothing was or bad usage.\n"),
          out);
}

/* ---- what people read: every byte from the text escaped (text.h) ----------------------- */

static void put_text(FILE *out, const char *s)
{
    text_fputs(s, out);
}

static void print_text(FILE *out, const struct import_result *r)
{
    char addr[SERVERS_TEXT_SIZE];
    const char *source = NULL;
    size_t i, pos = 0;

    printf(_("Read as: %s\n"), _(import_kind_label(r->kind)));
    if (r->servers.n)
        fputs(_("DNS servers, in the order the node asks them:\n"), out);
    for (i = 0; i < r->servers.n; i++) {
        const struct dns_server *s = &r->servers.v[i];

        if (!source || strcmp(source, s->source) != 0) {
            source = s->source;
            fputs("  ", out);
            if (*source)
                put_text(out, source);
            else
                fputs(_("(adapter not named)"), out);
            fputs(":\n", out);
        }
        fprintf(out, "    %zu. %s\n", ++pos, server_format(s, addr, sizeof addr));
    }
    if (r->n_groups)
        fputs(_("Groups:\n"), out);
    for (i = 0; i < r->n_groups; i++) {
        fputs("  ", out);
        put_text(out, r->groups[i]);
        fputc('\n', out);
    }
    if (r->n_resources)
        fputs(_("Resources (group):\n"), out);
    for (i = 0; i < r->n_resources; i++) {
        fputs("  ", out);
        put_text(out, r->resources[i].name);
        fputs(" (", out);
        put_text(out, *r->resources[i].group ? r->resources[i].group : "?");
        fputs(")\n", out);
    }
    if (r->n_props)
        fputs(_("Names and IPs of resources:\n"), out);
    for (i = 0; i < r->n_props; i++) {
        const struct import_property *p = &r->props[i];

        fputs("  ", out);
        put_text(out, p->resource);
        fputs(p->kind == IMPORT_PROP_IP ? _(": IP ") : _(": name "), out);
        put_text(out, p->value);
        if (*p->subnet_mask) {
            fputs(" / ", out);
            put_text(out, p->subnet_mask);
        }
        if (*p->network) {
            fputs(_(", network "), out);
            put_text(out, p->network);
        }
        fputc('\n', out);
    }
    if (r->n_unread)
        fputs(_("Lines that could not be read:\n"), out);
    for (i = 0; i < r->n_unread; i++) {
        fprintf(out, _("  line %zu: "), r->unread[i].line);
        put_text(out, r->unread[i].text);
        fputc('\n', out);
    }
}

/* ---- JSON ------------------------------------------------------------------------------ */

static bool add_str(cJSON *o, const char *k, const char *v)
{
    return cJSON_AddStringToObject(o, k, v) != NULL;
}

static cJSON *to_json(const struct import_result *r)
{
    cJSON *root = cJSON_CreateObject(), *a, *o;
    size_t i;
    bool ok = root && add_str(root, "kind", import_kind_name(r->kind));

    if (ok && (ok = (a = cJSON_AddArrayToObject(root, "dns_servers")) != NULL))
        for (i = 0; ok && i < r->servers.n; i++) {
            const struct dns_server *s = &r->servers.v[i];

            ok = (o = cJSON_CreateObject()) && cJSON_AddItemToArray(a, o) &&
                 add_str(o, "address", s->ip.text) && cJSON_AddNumberToObject(o, "port", s->port) &&
                 cJSON_AddNumberToObject(o, "position", (double)i + 1) &&
                 add_str(o, "source", s->source);
        }
    if (ok && (ok = (a = cJSON_AddArrayToObject(root, "groups")) != NULL))
        for (i = 0; ok && i < r->n_groups; i++)
            ok = cJSON_AddItemToArray(a, cJSON_CreateString(r->groups[i]));
    if (ok && (ok = (a = cJSON_AddArrayToObject(root, "resources")) != NULL))
        for (i = 0; ok && i < r->n_resources; i++) {
            const struct import_resource *res = &r->resources[i];

            ok = (o = cJSON_CreateObject()) && cJSON_AddItemToArray(a, o) &&
                 add_str(o, "name", res->name) && add_str(o, "group", res->group) &&
                 add_str(o, "type", res->type) && add_str(o, "node", res->node) &&
                 add_str(o, "status", res->status);
        }
    if (ok && (ok = (a = cJSON_AddArrayToObject(root, "properties")) != NULL))
        for (i = 0; ok && i < r->n_props; i++) {
            const struct import_property *p = &r->props[i];

            ok = (o = cJSON_CreateObject()) && cJSON_AddItemToArray(a, o) &&
                 add_str(o, "kind", p->kind == IMPORT_PROP_IP ? "ip" : "name") &&
                 add_str(o, "resource", p->resource) && add_str(o, "value", p->value) &&
                 (p->kind != IMPORT_PROP_IP || (add_str(o, "subnet_mask", p->subnet_mask) &&
                                                add_str(o, "network", p->network)));
        }
    if (ok && (ok = (a = cJSON_AddArrayToObject(root, "unread")) != NULL))
        for (i = 0; ok && i < r->n_unread; i++)
            ok = (o = cJSON_CreateObject()) && cJSON_AddItemToArray(a, o) &&
                 cJSON_AddNumberToObject(o, "line", (double)r->unread[i].line) &&
                 add_str(o, "text", r->unread[i].text);
    if (!ok) {
        cJSON_Delete(root);
        return NULL;
    }
    return root;
}

int cmd_import(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"json", no_argument, NULL, 'j'}, {"help", no_argument, NULL, 'h'}, {0}};
    struct import_result r;
    struct cd_diag d;
    char *text, msg[512], *json, *raw;
    bool as_json = false;
    size_t len = 0;
    cJSON *root;
    int ch, rc;

    optind = 1;
    opterr = 0;
    while ((ch = getopt_long(argc, argv, "jh", longopts, NULL)) != -1) {
        switch (ch) {
        case 'j': as_json = true; break;
        case 'h':
            cmd_import_usage(stdout);
            return cli_close_stdout(&cli_import_cmd, 0, 2);
        default: return cli_option_error(&cli_import_cmd, argv, "jh");
        }
    }
    if (optind != argc - 1) {
        fprintf(stderr, _("clusterdns import: give one FILE, or - for standard input\n"));
        cmd_import_usage(stderr);
        return 2;
    }
    /* The engine's reader: a regular file only (never a FIFO's wait), one size limit. */
    if (strcmp(argv[optind], "-") == 0)
        rc = fileio_read_fd(STDIN_FILENO, _("standard input"), &text, &len, &d);
    else
        rc = fileio_read(argv[optind], &text, &len, &d);
    if (rc < 0)
        return cli_error(&cli_import_cmd, "%s", diag_format(&d, msg, sizeof msg));
    import_init(&r);
    rc = import_text(text, len, &r, &d);
    free(text);
    if (rc == CD_ENOMEM) {
        fprintf(stderr, "clusterdns import: %s\n", diag_format(&d, msg, sizeof msg));
        return 2;
    }
    if (as_json) {
        root = to_json(&r);
        raw = root ? cJSON_Print(root) : NULL;
        cJSON_Delete(root);
        /* On a terminal too: C1 and hidden characters as \u escapes, the same data. */
        json = raw ? text_json_safe(raw) : NULL;
        cJSON_free(raw);
        if (!json) {
            fprintf(stderr, _("clusterdns import: out of memory\n"));
            import_fini(&r);
            return 2;
        }
        puts(json);
        free(json);
    } else {
        print_text(stdout, &r);
    }
    if (rc != CD_OK) {
        fputs("clusterdns import: ", stderr);
        put_text(stderr, diag_format(&d, msg, sizeof msg));
        fputc('\n', stderr);
    }
    import_fini(&r);
    return cli_close_stdout(&cli_import_cmd, rc == CD_OK ? 0 : 2, 2);
}
