#include "config.h"

#include "servers.h"

#include <ares.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "fileio.h"
#include "i18n.h"
#include "import.h"
#include "text.h"

#define NUM_SIZE 24 /* a size_t in decimal */

static const char server_field[] = N_("DNS server");   /* one server */
static const char servers_field[] = N_("DNS servers"); /* the list */

static const char *num(char buf[NUM_SIZE], size_t v)
{
    snprintf(buf, NUM_SIZE, "%zu", v);
    return buf;
}

/* ---- the list --------------------------------------------------------------------------- */

void server_list_init(struct server_list *l)
{
    memset(l, 0, sizeof *l);
}

void server_list_fini(struct server_list *l)
{
    free(l->v);
    server_list_init(l);
}

static int server_list_grow(struct server_list *l, struct cd_diag *d)
{
    size_t cap = l->cap ? 2 * l->cap : 4;
    struct dns_server *v;

    if (cap > SERVERS_MAX)
        cap = SERVERS_MAX;
    v = realloc(l->v, cap * sizeof *v);
    if (!v)
        return diag_set(d, CD_ENOMEM, NULL, NULL, N_("out of memory"), NULL, NULL);
    l->v = v;
    l->cap = cap;
    return CD_OK;
}

int server_list_add(struct server_list *l, const struct dns_server *s, struct cd_diag *d)
{
    char max[NUM_SIZE];
    int rc;

    /* A repeat adds nothing: the node asks the first one, in its place. */
    if (server_list_find(l, s) != (size_t)-1)
        return CD_OK;
    if (l->n >= SERVERS_MAX)
        return diag_set(d, CD_EINVAL, servers_field, NULL,
                        N_("lists more than %1$s servers, the most clusterdns checks"),
                        num(max, SERVERS_MAX), NULL);
    if (l->n == l->cap && (rc = server_list_grow(l, d)) != CD_OK)
        return rc;
    l->v[l->n++] = *s;
    return CD_OK;
}

void server_list_remove(struct server_list *l, size_t i)
{
    if (i >= l->n)
        return;
    memmove(&l->v[i], &l->v[i + 1], (l->n - i - 1) * sizeof *l->v);
    l->n--;
}

void server_list_move(struct server_list *l, size_t from, size_t to)
{
    struct dns_server s;

    if (from >= l->n || to >= l->n || from == to)
        return;
    s = l->v[from];
    if (from < to)
        memmove(&l->v[from], &l->v[from + 1], (to - from) * sizeof s);
    else
        memmove(&l->v[to + 1], &l->v[to], (from - to) * sizeof s);
    l->v[to] = s;
}

/* Replaces dst's entries with copies of src's; dst is unchanged on failure. */
int server_list_copy(struct server_list *dst, const struct server_list *src)
{
    struct dns_server *v = NULL;

    if (dst == src)
        return CD_OK;
    if (src->n) {
        v = malloc(src->n * sizeof *v);
        if (!v)
            return CD_ENOMEM;
        memcpy(v, src->v, src->n * sizeof *v);
    }
    free(dst->v);
    dst->v = v;
    dst->n = dst->cap = src->n;
    return CD_OK;
}

bool server_same(const struct dns_server *a, const struct dns_server *b)
{
    return a->port == b->port && names_ip_equal(&a->ip, &b->ip);
}

size_t server_list_find(const struct server_list *l, const struct dns_server *s)
{
    for (size_t i = 0; i < l->n; i++)
        if (server_same(&l->v[i], s))
            return i;
    return (size_t)-1;
}

bool server_list_equal(const struct server_list *a, const struct server_list *b)
{
    if (a->n != b->n)
        return false;
    for (size_t i = 0; i < a->n; i++)
        if (!server_same(&a->v[i], &b->v[i]))
            return false;
    return true;
}

const char *server_format(const struct dns_server *s, char *buf, size_t n)
{
    if (s->port == 53)
        snprintf(buf, n, "%s", s->ip.text);
    else if (s->ip.family == AF_INET6)
        snprintf(buf, n, "[%s]:%u", s->ip.text, s->port);
    else
        snprintf(buf, n, "%s:%u", s->ip.text, s->port);
    return buf;
}

/* ---- --servers ---------------------------------------------------------------------------- */

/* 1 to 65535 in decimal digits only: no sign, no hex, no spaces. */
static bool parse_port(const char *s, unsigned *port)
{
    size_t len = strlen(s);
    unsigned long v;

    if (len == 0 || len > 5 || strspn(s, "0123456789") != len)
        return false;
    v = strtoul(s, NULL, 10);
    if (v < 1 || v > 65535)
        return false;
    *port = (unsigned)v;
    return true;
}

/* Splits text into its address (copied to addr) and its port text (NULL when none). */
static int split_server(const char *text, char *addr, size_t n, const char **port, bool *bracketed,
                        struct cd_diag *d)
{
    const char *start = text, *end, *colon;

    *port = NULL;
    *bracketed = text[0] == '[';
    if (*bracketed) {
        start = text + 1;
        end = strchr(start, ']');
        if (!end)
            return diag_set(d, CD_EINVAL, server_field, NULL,
                            N_("\"%1$s\" opens a bracket without closing it"), text, NULL);
        if (end[1] != '\0' && end[1] != ':')
            return diag_set(d, CD_EINVAL, server_field, NULL,
                            N_("\"%1$s\" has text after \"]\"; write [IPv6]:PORT"), text, NULL);
        if (end[1] == ':')
            *port = end + 2;
    } else if ((colon = strchr(text, ':')) != NULL && !strchr(colon + 1, ':')) {
        end = colon; /* IPv4:PORT; two colons or more make a bare IPv6 address */
        *port = colon + 1;
    } else {
        end = text + strlen(text);
    }
    if (end == start)
        return diag_set(d, CD_EINVAL, server_field, NULL, N_("\"%1$s\" has no address"), text,
                        NULL);
    /* An overlong address is cut; it stays invalid, as no address is that long. */
    snprintf(addr, n, "%.*s", (int)(end - start), start);
    return CD_OK;
}

int servers_parse_one(const char *text, struct dns_server *out, struct cd_diag *d)
{
    struct dns_server s;
    char addr[CD_DIAG_ARG_MAX];
    const char *port;
    bool bracketed;
    int rc;

    if (!text || !*text)
        return diag_set(d, CD_EINVAL, server_field, NULL, N_("is required"), NULL, NULL);
    memset(&s, 0, sizeof s);
    if ((rc = split_server(text, addr, sizeof addr, &port, &bracketed, d)) != CD_OK ||
        (rc = names_server_ip(addr, &s.ip, server_field, d)) != CD_OK)
        return rc;
    if (bracketed && s.ip.family != AF_INET6)
        return diag_set(d, CD_EINVAL, server_field, NULL,
                        N_("\"%1$s\" puts an IPv4 address in brackets, which are for IPv6 "
                           "addresses with a port"),
                        text, NULL);
    s.port = 53;
    if (port && !parse_port(port, &s.port))
        return diag_set(d, CD_EINVAL, server_field, NULL,
                        N_("\"%1$s\" has the port \"%2$s\"; a port is a number from 1 to 65535"),
                        text, port);
    if (out)
        *out = s;
    return CD_OK;
}

/* Parses and adds entry i (len bytes at p, spaces around it allowed). The message of a
 * bad entry quotes it; d->where gives its index. */
static int parse_entry(const char *p, size_t len, size_t i, struct server_list *out,
                       struct cd_diag *d)
{
    char entry[CD_DIAG_ARG_MAX], pos[NUM_SIZE];
    struct dns_server s;
    int rc;

    while (len && (*p == ' ' || *p == '\t'))
        p++, len--;
    while (len && (p[len - 1] == ' ' || p[len - 1] == '\t'))
        len--;
    if (len == 0)
        rc = diag_set(d, CD_EINVAL, servers_field, NULL,
                      N_("entry %1$s is empty; separate the addresses with single commas"),
                      num(pos, i + 1), NULL);
    else {
        snprintf(entry, sizeof entry, "%.*s", (int)len, p);
        rc = servers_parse_one(entry, &s, d);
        if (rc == CD_OK)
            rc = server_list_add(out, &s, d);
    }
    if (rc != CD_OK && d)
        snprintf(d->where, sizeof d->where, "dns_servers[%zu]", i);
    return rc;
}

int servers_parse_list(const char *csv, struct server_list *out, struct cd_diag *d)
{
    size_t n0 = out->n, i, len;
    const char *p = csv;
    int rc = CD_OK;

    if (!csv || csv[strspn(csv, " \t")] == '\0')
        return diag_set(d, CD_EINVAL, servers_field, NULL,
                        N_("is empty; give one or more addresses separated by commas"), NULL, NULL);
    for (i = 0;; i++) {
        len = strcspn(p, ",");
        if ((rc = parse_entry(p, len, i, out, d)) != CD_OK || p[len] == '\0')
            break;
        p += len + 1;
    }
    if (rc != CD_OK)
        out->n = n0; /* all or nothing */
    return rc;
}

/* ---- the resolver configuration ------------------------------------------------------------ */

static const char resolver_field[] = N_("Resolver configuration");

static int ares_failed(struct cd_diag *d, int status)
{
    return diag_set(d, CD_EDNS, resolver_field, NULL, N_("the resolver library failed: %1$s"),
                    ares_strerror(status), NULL);
}

/* c-ares reads a missing file as an empty one and then falls back to 127.0.0.1, like libc,
 * so a mistyped path would go unnoticed without this check. */
static int check_readable(const char *path, struct cd_diag *d)
{
    char *text = NULL;
    size_t len;
    int rc = fileio_read(path, &text, &len, d); /* a regular file: a FIFO would hold c-ares */

    free(text);
    return rc;
}

static int add_nodes(const struct ares_addr_port_node *node, struct server_list *out,
                     struct cd_diag *d)
{
    char text[NAMES_IP_SIZE];
    struct dns_server s;
    int rc;

    for (; node; node = node->next) {
        memset(&s, 0, sizeof s);
        if (!ares_inet_ntop(node->family, &node->addr, text, sizeof text))
            return ares_failed(d, ARES_EBADFAMILY);
        if ((rc = names_server_ip(text, &s.ip, resolver_field, d)) != CD_OK)
            return rc;
        s.port = node->udp_port ? (unsigned)node->udp_port : 53;
        if ((rc = server_list_add(out, &s, d)) != CD_OK)
            return rc;
    }
    return CD_OK;
}

int servers_from_resolver(const char *resolvconf_path, struct server_list *out, struct cd_diag *d)
{
    struct ares_addr_port_node *list = NULL;
    struct ares_options opts;
    ares_channel ch = NULL;
    size_t n0 = out->n;
    int optmask = 0, status, rc;

    if (resolvconf_path && (rc = check_readable(resolvconf_path, d)) != CD_OK)
        return rc;
    if ((status = ares_library_init(ARES_LIB_INIT_ALL)) != ARES_SUCCESS)
        return ares_failed(d, status);
    memset(&opts, 0, sizeof opts);
    if (resolvconf_path) {
        opts.resolvconf_path = (char *)resolvconf_path; /* c-ares copies it */
        optmask |= ARES_OPT_RESOLVCONF;
    }
    if ((status = ares_init_options(&ch, &opts, optmask)) != ARES_SUCCESS ||
        (status = ares_get_servers_ports(ch, &list)) != ARES_SUCCESS) {
        rc = ares_failed(d, status);
        goto out;
    }
    rc = add_nodes(list, out, d);
out:
    if (rc != CD_OK)
        out->n = n0;
    ares_free_data(list);
    if (ch)
        ares_destroy(ch);
    ares_library_cleanup();
    return rc;
}

/* ---- Windows text: read by import.h, the one reader ------------------------------------ */

int servers_import_text(const char *text, struct server_list *out, struct servers_import *report,
                        struct cd_diag *d)
{
    struct servers_import local, *rep = report ? report : &local;
    struct import_result r;
    size_t n0 = out->n, i, j;
    int rc = CD_OK;

    memset(rep, 0, sizeof *rep);
    /* A C string cannot carry UTF-16: it reaches here cut at its first zero byte. */
    if (text && ((unsigned char)text[0] == 0xff || (unsigned char)text[0] == 0xfe) &&
        ((unsigned char)text[1] ^ (unsigned char)text[0]) == 0x01)
        return diag_set(d, CD_EFORMAT, N_("Pasted text"), NULL,
                        N_("is UTF-16 text; save it as UTF-8 and try again"), NULL, NULL);
    import_init(&r);
    if (import_text(text ? text : "", text ? strlen(text) : 0, &r, NULL) == CD_ENOMEM) {
        rc = diag_set(d, CD_ENOMEM, NULL, NULL, N_("out of memory"), NULL, NULL);
        goto out;
    }
    rep->kind = r.kind == IMPORT_NETSH   ? SERVERS_TEXT_NETSH
                : r.kind == IMPORT_IPCONFIG ? SERVERS_TEXT_IPCONFIG
                                            : SERVERS_TEXT_UNKNOWN;
    for (i = 0; i < r.servers.n; i++) {
        for (j = 0; j < i && strcmp(r.servers.v[j].source, r.servers.v[i].source) != 0; j++)
            ;
        rep->adapters += j == i;
    }
    rep->lines_unread = r.n_unread;
    if (r.n_unread) {
        size_t len = strlen(r.unread[0].text);

        text_copy(rep->first_unread, sizeof rep->first_unread, r.unread[0].text, len);
    }
    for (i = 0; i < r.servers.n && rc == CD_OK; i++)
        rc = server_list_add(out, &r.servers.v[i], d);
    if (rc != CD_OK)
        out->n = n0;
    else if (r.servers.n == 0)
        rc = r.n_unread ? diag_set(d, CD_EFORMAT, N_("Pasted text"), NULL,
                                   N_("has no DNS server address that could be read; the first "
                                      "line that could not is \"%1$s\""),
                                   r.unread[0].text, NULL)
                        : diag_set(d, CD_EFORMAT, N_("Pasted text"), NULL,
                                   N_("has no DNS server address; paste the output of "
                                      "\"ipconfig /all\" or \"netsh interface ip show dns\""),
                                   NULL, NULL);
out:
    import_fini(&r);
    return rc;
}
