#include "config.h"

#include "cmd_import.h"

#include <cJSON.h>
#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "import.h"

#define READ_MAX (16u << 20) /* bytes of a text read at most */

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

/* Reads all of f into a malloc'ed buffer; NULL with errno on failure. */
static char *slurp(FILE *f, size_t *len)
{
    size_t cap = 65536, n = 0, got;
    char *buf = malloc(cap), *p;

    while (buf) {
        if (n == cap) {
            if (cap >= READ_MAX) {
                free(buf);
                errno = EFBIG;
                return NULL;
            }
            p = realloc(buf, cap *= 2);
            if (!p)
                break;
            buf = p;
        }
        got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0) {
            if (ferror(f))
                break;
            *len = n;
            return buf;
        }
    }
    free(buf);
    return NULL;
}

/* ---- what people read: every byte from the text escaped -------------------------------- */

/* Decodes one UTF-8 character; 0 when p starts no valid sequence. (The same rule as
 * cli/cmd_report.c; both go to one engine escape policy when engine/text lands.) */
static size_t utf8_seq(const unsigned char *p, unsigned long *cp)
{
    static const unsigned long min[] = {0, 0, 0x80, 0x800, 0x10000};
    size_t len, i;
    unsigned long c;

    if (p[0] < 0x80)
        len = 1, c = p[0];
    else if ((p[0] & 0xe0) == 0xc0)
        len = 2, c = p[0] & 0x1f;
    else if ((p[0] & 0xf0) == 0xe0)
        len = 3, c = p[0] & 0x0f;
    else if ((p[0] & 0xf8) == 0xf0)
        len = 4, c = p[0] & 0x07;
    else
        return 0;
    for (i = 1; i < len; i++) {
        if ((p[i] & 0xc0) != 0x80)
            return 0;
        c = c << 6 | (p[i] & 0x3f);
    }
    if (c < min[len] || (c >= 0xd800 && c <= 0xdfff) || c > 0x10ffff)
        return 0;
    *cp = c;
    return len;
}

/* C1 controls and the formatting characters that make text read differently on a screen
 * from what it holds: bidirectional overrides and isolates, separators, the BOM. */
static bool is_hidden(unsigned long cp)
{
    return (cp >= 0x80 && cp <= 0x9f) || cp == 0x061c || cp == 0x200e || cp == 0x200f ||
           (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x2028 ||
           cp == 0x2029 || cp == 0xfeff;
}

static void put_text(FILE *out, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    unsigned long cp;
    size_t len;

    for (; *p; p += len) {
        if (!(len = utf8_seq(p, &cp))) {
            fprintf(out, "\\x%02x", *p);
            len = 1;
        } else if (cp < 0x20 || cp == 0x7f) {
            fprintf(out, "\\x%02lx", cp);
        } else if (is_hidden(cp)) {
            fprintf(out, "\\u%04lx", cp);
        } else {
            fwrite(p, 1, len, out);
        }
    }
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
    char *text, msg[512], *json;
    bool as_json = false;
    size_t len = 0;
    FILE *f;
    cJSON *root;
    int ch, rc;

    optind = 1;
    while ((ch = getopt_long(argc, argv, "jh", longopts, NULL)) != -1) {
        switch (ch) {
        case 'j': as_json = true; break;
        case 'h': cmd_import_usage(stdout); return 0;
        default: cmd_import_usage(stderr); return 2;
        }
    }
    if (optind != argc - 1) {
        fprintf(stderr, _("clusterdns import: give one FILE, or - for standard input\n"));
        cmd_import_usage(stderr);
        return 2;
    }
    f = strcmp(argv[optind], "-") == 0 ? stdin : fopen(argv[optind], "rb");
    if (!f || !(text = slurp(f, &len))) {
        fprintf(stderr, _("clusterdns import: cannot read %s: %s\n"), argv[optind],
                strerror(errno));
        if (f && f != stdin)
            fclose(f);
        return 2;
    }
    if (f != stdin)
        fclose(f);
    import_init(&r);
    rc = import_text(text, len, &r, &d);
    free(text);
    if (rc == CD_ENOMEM) {
        fprintf(stderr, "clusterdns import: %s\n", diag_format(&d, msg, sizeof msg));
        return 2;
    }
    if (as_json) {
        root = to_json(&r);
        json = root ? cJSON_Print(root) : NULL;
        cJSON_Delete(root);
        if (!json) {
            fprintf(stderr, _("clusterdns import: out of memory\n"));
            import_fini(&r);
            return 2;
        }
        puts(json);
        cJSON_free(json);
    } else {
        print_text(stdout, &r);
    }
    if (rc != CD_OK) {
        fputs("clusterdns import: ", stderr);
        put_text(stderr, diag_format(&d, msg, sizeof msg));
        fputc('\n', stderr);
    }
    import_fini(&r);
    if (fflush(stdout) != 0)
        return 2;
    return rc == CD_OK ? 0 : 2;
}
