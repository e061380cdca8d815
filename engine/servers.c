#include "config.h"

#include "servers.h"

#include <ares.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "i18n.h"

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
    size_t i;
    int rc;

    /* A repeat adds nothing: the node asks the first one, in its place. */
    for (i = 0; i < l->n; i++)
        if (l->v[i].port == s->port && names_ip_equal(&l->v[i].ip, &s->ip))
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
    FILE *f = fopen(path, "r");

    if (!f)
        return diag_set(d, CD_EIO, resolver_field, NULL, N_("cannot read %1$s: %2$s"), path,
                        strerror(errno));
    fclose(f);
    return CD_OK;
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

/* ---- Windows text ------------------------------------------------------------------------- *
 *
 * Labels are translated and pasted copies lose their indentation, so lines are recognised
 * by shape, in this order:
 *   - an address alone: continues the DNS servers entry above it (Windows prints one
 *     server per line under the first);
 *   - 'Configuration for interface "Public"': a netsh block, named by its quoted text;
 *   - "Ethernet adapter Public:": an ipconfig block, a line ending with a colon that is
 *     not indented, has no dot leader and lacks the token DNS;
 *   - "Label . . . : value": the DNS servers entry is a label holding the token DNS
 *     (every translation keeps it) whose value is an address or empty; "Primary DNS
 *     Suffix" and friends hold names, netsh says "None" in its own language.
 * Anything else ends the DNS servers entry. */

#define IMPORT_LINE_SIZE 512

struct import {
    struct server_list *out;
    struct servers_import *rep;
    char source[SERVERS_SOURCE_SIZE]; /* the block's adapter or interface */
    bool in_dns;                      /* inside the DNS servers entry */
    size_t found;
};

/* Copies len bytes of src, cut to fit at a UTF-8 character boundary, and terminates. */
static void copy_utf8(char *dst, size_t size, const char *src, size_t len)
{
    if (len >= size) {
        len = size - 1;
        while (len && ((unsigned char)src[len] & 0xc0) == 0x80)
            len--;
    }
    memcpy(dst, src, len);
    dst[len] = '\0';
}

/* Bytes of a no-break space at p (U+00A0, U+202F; French text puts them before colons). */
static size_t nbsp_len(const char *p)
{
    if (strncmp(p, "\xc2\xa0", 2) == 0)
        return 2;
    if (strncmp(p, "\xe2\x80\xaf", 3) == 0)
        return 3;
    return 0;
}

/* Copies the line at p into buf with tabs and no-break spaces as spaces and without
 * carriage returns (CRLF text); an overlong line is cut. Returns the bytes of p it spans,
 * its newline included. */
static size_t read_line(const char *p, char *buf, size_t size)
{
    size_t i = 0, o = 0;

    while (p[i] && p[i] != '\n') {
        size_t nb = nbsp_len(p + i);
        char c = nb || p[i] == '\t' ? ' ' : p[i];

        i += nb ? nb : 1;
        if (c != '\r' && o + 1 < size)
            buf[o++] = c;
    }
    buf[o] = '\0';
    return i + (p[i] == '\n');
}

static char *trim(char *s)
{
    char *e;

    while (*s == ' ')
        s++;
    e = s + strlen(s);
    while (e > s && e[-1] == ' ')
        e--;
    *e = '\0';
    return s;
}

static bool ascii_alpha(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

/* "DNS" as a word of its own: "DNS Servers", "Serveurs DNS", "DNS-Server", not "DNSxyz". */
static bool has_dns_token(const char *s)
{
    const char *p;

    for (p = s; (p = strstr(p, "DNS")) != NULL; p += 3)
        if ((p == s || !ascii_alpha(p[-1])) && !ascii_alpha(p[3]))
            return true;
    return false;
}

/* Written only with what addresses are written with, with a digit and a dot or colon:
 * "172.16.8.5", "fec0:0:0:ffff::1%1", and "198.51.100.300", which is then unread. */
static bool looks_like_address(const char *s)
{
    return *s && s[strspn(s, "0123456789abcdefABCDEF.:%")] == '\0' && strpbrk(s, "0123456789") &&
           strpbrk(s, ".:");
}

/* Copies s[from, to) without surrounding spaces. */
static void copy_trimmed(char *dst, size_t size, const char *from, const char *to)
{
    while (from < to && *from == ' ')
        from++;
    while (to > from && to[-1] == ' ')
        to--;
    copy_utf8(dst, size, from, (size_t)(to - from));
}

static const char *const quote_pairs[][2] = {
    {"\"", "\""},
    {"\xc2\xab", "\xc2\xbb"},         /* French netsh: « » */
    {"\xe2\x80\x9c", "\xe2\x80\x9d"}, /* a mail client's curly quotes */
};

/* 'Configuration for interface "Public"', in any language: ends with a quoted name and
 * has no colon before it. */
static bool netsh_header(const char *s, char *name, size_t n)
{
    size_t len = strlen(s), i;

    for (i = 0; i < sizeof quote_pairs / sizeof quote_pairs[0]; i++) {
        const char *open = strstr(s, quote_pairs[i][0]);
        size_t cl = strlen(quote_pairs[i][1]);
        const char *close = s + len - cl;

        if (!open || len <= cl || strcmp(close, quote_pairs[i][1]) != 0)
            continue;
        open += strlen(quote_pairs[i][0]);
        if (open > close || memchr(s, ':', (size_t)(open - s)))
            continue;
        copy_trimmed(name, n, open, close);
        return true;
    }
    return false;
}

/* Where the adapter type ends in ipconfig headers: "Ethernet adapter ", German
 * "Ethernet-Adapter ", "Tunneladapter ", French "Carte Ethernet ", "Carte réseau sans fil ",
 * Spanish "Adaptador de Ethernet ", "Adaptador de LAN inalámbrica ". Tried in this order,
 * first occurrence, so that "Carte Ethernet Ethernet 2" gives "Ethernet 2". */
static const char *const adapter_markers[] = {
    "adapter ", "sans fil ", "inal\xc3\xa1mbrica ", "wireless ", "Ethernet ",
    "PPP ",     "Tunnel ",   "t\xc3\xbanel ",
};

/* The adapter's name in header h (len bytes, colon excluded); the whole header when no
 * marker is found. */
static void adapter_name(const char *h, size_t len, char *name, size_t n)
{
    char buf[IMPORT_LINE_SIZE];
    const char *at;
    size_t i;

    copy_utf8(buf, sizeof buf, h, len);
    for (i = 0; i < sizeof adapter_markers / sizeof adapter_markers[0]; i++) {
        at = strcasestr(buf, adapter_markers[i]);
        if (at && at[strlen(adapter_markers[i])] != '\0') {
            copy_trimmed(name, n, at + strlen(adapter_markers[i]), buf + strlen(buf));
            return;
        }
    }
    copy_trimmed(name, n, buf, buf + strlen(buf));
}

/* "Ethernet adapter Public:". Without indentation a label with an empty value looks the
 * same, so a header must also lack the dot leader and the token DNS: the first label of
 * every block is the connection's DNS suffix, which French prints without dots
 * ("Suffixe DNS propre à la connexion :"). */
static bool ipconfig_header(const char *s, char *name, size_t n)
{
    size_t len = strlen(s);

    if (len < 2 || s[len - 1] != ':')
        return false;
    len--;
    while (len && s[len - 1] == ' ')
        len--;
    if (!len || s[len - 1] == '.' || memchr(s, ':', len) || has_dns_token(s))
        return false;
    adapter_name(s, len, name, n);
    return true;
}

/* Splits "Label . . . : value" at the first colon followed by a space or the end (IPv6
 * values have colons, never followed by a space). Copies the label, without its dot
 * leader, to label; returns the value, or NULL when s has no separator. */
static const char *split_label(const char *s, char *label, size_t n, bool *dotted)
{
    const char *c = s, *e;

    while ((c = strchr(c, ':')) != NULL && c[1] != ' ' && c[1] != '\0')
        c++;
    if (!c)
        return NULL;
    for (e = c; e > s && (e[-1] == ' ' || e[-1] == '.'); e--)
        *dotted = *dotted || e[-1] == '.';
    copy_utf8(label, n, s, (size_t)(e - s));
    for (c++; *c == ' '; c++)
        ;
    return c;
}

static void note_unread(struct import *im, const char *line)
{
    if (im->rep->lines_unread++ == 0)
        copy_utf8(im->rep->first_unread, sizeof im->rep->first_unread, line, strlen(line));
}

/* An address-shaped text from `line`: a server when inside the DNS servers entry; unread
 * when no server could have it. */
static int take_address(struct import *im, const char *text, const char *line, struct cd_diag *d)
{
    char addr[NAMES_IP_SIZE];
    size_t len = strcspn(text, "%"); /* Windows adds the zone: "fec0:0:0:ffff::1%1" */
    struct dns_server s;

    memset(&s, 0, sizeof s);
    if (len >= sizeof addr) {
        note_unread(im, line);
        return CD_OK;
    }
    memcpy(addr, text, len);
    addr[len] = '\0';
    if (names_server_ip(addr, &s.ip, NULL, NULL) != CD_OK) {
        note_unread(im, line);
        return CD_OK;
    }
    if (!im->in_dns)
        return CD_OK;
    s.port = 53;
    snprintf(s.source, sizeof s.source, "%s", im->source);
    im->found++;
    return server_list_add(im->out, &s, d);
}

static void start_block(struct import *im, enum servers_text_kind kind, const char *name)
{
    if (im->rep->kind == SERVERS_TEXT_UNKNOWN)
        im->rep->kind = kind;
    im->rep->adapters++;
    snprintf(im->source, sizeof im->source, "%s", name);
}

/* A "Label : value" line (see the top of this part). */
static int import_label(struct import *im, const char *s, struct cd_diag *d)
{
    char label[IMPORT_LINE_SIZE];
    bool dotted = false;
    const char *value = split_label(s, label, sizeof label, &dotted);

    if (!value)
        return CD_OK;
    if (dotted && im->rep->kind == SERVERS_TEXT_UNKNOWN)
        im->rep->kind = SERVERS_TEXT_IPCONFIG;
    if (!has_dns_token(label))
        return CD_OK;
    if (*value == '\0') {
        im->in_dns = true; /* an empty entry, or one whose addresses wrapped */
        return CD_OK;
    }
    if (!looks_like_address(value))
        return CD_OK;
    im->in_dns = true;
    return take_address(im, value, s, d);
}

static int import_line(struct import *im, char *raw, struct cd_diag *d)
{
    char name[SERVERS_SOURCE_SIZE];
    bool indented = raw[0] == ' ';
    char *s = trim(raw);

    if (looks_like_address(s))
        return take_address(im, s, s, d);
    im->in_dns = false;
    if (*s == '\0')
        return CD_OK;
    if (netsh_header(s, name, sizeof name)) {
        start_block(im, SERVERS_TEXT_NETSH, name);
        return CD_OK;
    }
    if (!indented && ipconfig_header(s, name, sizeof name)) {
        start_block(im, SERVERS_TEXT_IPCONFIG, name);
        return CD_OK;
    }
    return import_label(im, s, d);
}

static int no_server(const struct servers_import *rep, const char *text, struct cd_diag *d)
{
    const char *field = N_("Pasted text");

    /* PowerShell's ">" writes UTF-16, which reaches us cut at its first zero byte. */
    if (strncmp(text, "\xff\xfe", 2) == 0 || strncmp(text, "\xfe\xff", 2) == 0)
        return diag_set(d, CD_EFORMAT, field, NULL,
                        N_("is UTF-16 text; save it as UTF-8 and try again"), NULL, NULL);
    if (rep->lines_unread)
        return diag_set(d, CD_EFORMAT, field, NULL,
                        N_("has no DNS server address that could be read; the first line "
                           "that could not is \"%1$s\""),
                        rep->first_unread, NULL);
    return diag_set(d, CD_EFORMAT, field, NULL,
                    N_("has no DNS server address; paste the output of \"ipconfig /all\" or "
                       "\"netsh interface ip show dns\""),
                    NULL, NULL);
}

int servers_import_text(const char *text, struct server_list *out, struct servers_import *report,
                        struct cd_diag *d)
{
    char line[IMPORT_LINE_SIZE];
    struct servers_import local;
    struct import im;
    size_t n0 = out->n;
    const char *p = text ? text : "";
    int rc = CD_OK;

    memset(&im, 0, sizeof im);
    im.out = out;
    im.rep = report ? report : &local;
    memset(im.rep, 0, sizeof *im.rep);
    if (strncmp(p, "\xef\xbb\xbf", 3) == 0)
        p += 3; /* the byte order mark Notepad writes */
    while (*p && rc == CD_OK) {
        p += read_line(p, line, sizeof line);
        rc = import_line(&im, line, d);
    }
    if (rc != CD_OK) {
        out->n = n0;
        return rc;
    }
    return im.found ? CD_OK : no_server(im.rep, text ? text : "", d);
}
