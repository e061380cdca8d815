/* The DNS servers of `ipconfig /all`, netsh (`interface ip show config|dns`,
 * `interface ipv4 show dnsservers`) and the list form of Get-NetIPConfiguration, in any
 * language, read from the lines no table took.
 *
 * Labels are translated, so lines are recognised by shape, in this order:
 *   - a prompt or a command line ends the block (a new piece begins);
 *   - an address alone continues the DNS servers entry above it (Windows prints one
 *     server a line under the first);
 *   - 'Configuration for interface "Public"' in any language (the name is the one quoted
 *     text: "接口 "本地连接" 的配置" too), when the next line is a "label: value" line: a
 *     netsh block;
 *   - "Ethernet adapter Public:": an ipconfig block, a line ending with a colon that has
 *     a space (type and name), no other colon, no dot leader and no token DNS; the
 *     adapter's name is what follows the adapter type, which is looked up in the wording
 *     of every language Windows ships ("Ethernet adapter ", "Drahtlos-LAN-Adapter ",
 *     "Adaptador desconocido ", "以太网适配器 ", "イーサネット アダプター ", "이더넷 어댑터 ",
 *     "Неизвестный адаптер "), so that "vEthernet (WSL)" and "Ethernet 2" stay whole, or
 *     what precedes " - Ethernet адаптер" (Windows XP in Russian);
 *   - "InterfaceAlias : Ethernet" (Get-NetIPConfiguration): a block;
 *   - "Label . . . : value": the DNS servers entry is a label holding the token DNS (every
 *     translation keeps it; "DNSServer" too; "ServerAddresses" for the list form of
 *     Get-DnsClientServerAddress) whose value is meant as an address, or as
 *     several ("80.58.61.250 / 80.58.61.254", "10.0.0.1, 1.1.1.1").
 * A value meant as an address (a word of hex digits, dots, colons, "%" and the "X" a poster
 * masks digits with, with a digit and a dot or colon; or one that starts so and goes on
 * with something else) that is not one leaves its line unread. */
#include "config.h"

#include "import_priv.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

struct netcfg {
    struct imp_ctx *c;
    char source[SERVERS_SOURCE_SIZE]; /* the block's adapter or interface */
    bool in_dns;                      /* inside the DNS servers entry */
    enum import_kind kind;            /* the block's kind, or IMPORT_UNKNOWN */
    size_t header_indent;             /* the block header's indentation, or SIZE_MAX */
};

/* "DNS" as a word of its own: "DNS Servers", "Serveurs DNS", "DNS-Server", "DNS 服务器",
 * "DNSServer"; not "DNSxyz" or "myDNS". */
static bool has_dns_token(const char *s)
{
    const char *p;

    for (p = s; (p = strstr(p, "DNS")) != NULL; p += 3) {
        bool before = p == s || !((p[-1] >= 'A' && p[-1] <= 'Z') || (p[-1] >= 'a' && p[-1] <= 'z'));
        bool after = !(p[3] >= 'a' && p[3] <= 'z');

        if (before && after)
            return true;
    }
    return false;
}

/* One word meant as an address: "172.16.8.5", "fec0:0:0:ffff::1%1", "192.168.5.XXX",
 * "198.51.100.300". */
static bool meant_as_address(const char *s)
{
    return *s && s[strspn(s, "0123456789abcdefABCDEFxX.:%")] == '\0' && strpbrk(s, "0123456789") &&
           strpbrk(s, ".:");
}

static const char *const quote_pairs[][2] = {
    {"\"", "\""},
    {"\xc2\xab", "\xc2\xbb"},         /* French netsh: « » */
    {"\xe2\x80\x9c", "\xe2\x80\x9d"}, /* a mail client's curly quotes */
    {"\xe3\x80\x8c", "\xe3\x80\x8d"}, /* 「 」 */
};

/* The one quoted text of a line with no colon outside it. */
static bool quoted_name(const char *s, char *name, size_t n)
{
    size_t i;

    for (i = 0; i < sizeof quote_pairs / sizeof quote_pairs[0]; i++) {
        const char *open = strstr(s, quote_pairs[i][0]), *close;

        if (!open)
            continue;
        open += strlen(quote_pairs[i][0]);
        close = strstr(open, quote_pairs[i][1]);
        if (!close || close == open || strstr(close + strlen(quote_pairs[i][1]), quote_pairs[i][0]))
            continue;
        if (memchr(s, ':', (size_t)(open - s)) || strchr(close, ':') || strchr(s, '|') ||
            strchr(s, '='))
            continue;
        imp_copy(name, n, open, (size_t)(close - open));
        return true;
    }
    return false;
}

/* The line after i that is not blank, or NULL. */
static const struct imp_line *next_text(const struct imp_ctx *c, size_t i)
{
    for (i++; i < c->n; i++)
        if (c->lines[i].len)
            return &c->lines[i];
    return NULL;
}

/* The adapter types of ipconfig headers in the languages Windows ships, the name
 * following. Matched at the start of the header, case ignored for ASCII letters. */
static const char *const adapter_types[] = {
    /* en */ "Ethernet adapter ", "Wireless LAN adapter ", "Tunnel adapter ", "PPP adapter ",
    "Unknown adapter ", "Token Ring adapter ", "Mobile Broadband adapter ",
    /* de */ "Ethernet-Adapter ", "Drahtlos-LAN-Adapter ", "Tunneladapter ", "PPP-Adapter ",
    "Unbekannter Adapter ", "Mobiles Breitband-Adapter ",
    /* fr */ "Carte Ethernet ", "Carte r\xc3\xa9seau sans fil ", "Carte Tunnel ", "Carte PPP ",
    "Carte inconnue ",
    /* es */ "Adaptador de Ethernet ", "Adaptador de LAN inal\xc3\xa1mbrica ",
    "Adaptador de t\xc3\xbanel ", "Adaptador PPP ", "Adaptador desconocido ",
    /* pt */ "Adaptador Ethernet ", "Adaptador de Rede sem Fio ", "Adaptador de LAN sem Fios ",
    "Adaptador de T\xc3\xbanel ", "Adaptador desconhecido ",
    /* it */ "Scheda Ethernet ", "Scheda LAN wireless ", "Scheda Tunnel ", "Scheda PPP ",
    "Scheda sconosciuta ",
    /* nl */ "Ethernet-adapter ", "Draadloos LAN-adapter ", "Tunnel-adapter ", "PPP-adapter ",
    "Onbekende adapter ",
    /* pl */ "Karta Ethernet ", "Karta bezprzewodowej sieci LAN ", "Karta tunelowa ",
    "Karta PPP ", "Nieznana karta ",
    /* ru */ "\xd0\x90\xd0\xb4\xd0\xb0\xd0\xbf\xd1\x82\xd0\xb5\xd1\x80 Ethernet ",
    "\xd0\x90\xd0\xb4\xd0\xb0\xd0\xbf\xd1\x82\xd0\xb5\xd1\x80 \xd0\xb1\xd0\xb5\xd1\x81\xd0\xbf"
    "\xd1\x80\xd0\xbe\xd0\xb2\xd0\xbe\xd0\xb4\xd0\xbd\xd0\xbe\xd0\xb9 \xd0\xbb\xd0\xbe\xd0\xba"
    "\xd0\xb0\xd0\xbb\xd1\x8c\xd0\xbd\xd0\xbe\xd0\xb9 \xd1\x81\xd0\xb5\xd1\x82\xd0\xb8 ",
    "\xd0\x90\xd0\xb4\xd0\xb0\xd0\xbf\xd1\x82\xd0\xb5\xd1\x80 \xd1\x82\xd1\x83\xd0\xbd\xd0\xbd"
    "\xd0\xb5\xd0\xbb\xd1\x8c\xd0\xbd\xd0\xbe\xd0\xb3\xd0\xbe \xd0\xbf\xd0\xbe\xd0\xb4\xd0\xba"
    "\xd0\xbb\xd1\x8e\xd1\x87\xd0\xb5\xd0\xbd\xd0\xb8\xd1\x8f ",
    "\xd0\x90\xd0\xb4\xd0\xb0\xd0\xbf\xd1\x82\xd0\xb5\xd1\x80 PPP ",
    "\xd0\x9d\xd0\xb5\xd0\xb8\xd0\xb7\xd0\xb2\xd0\xb5\xd1\x81\xd1\x82\xd0\xbd\xd1\x8b\xd0\xb9 "
    "\xd0\xb0\xd0\xb4\xd0\xb0\xd0\xbf\xd1\x82\xd0\xb5\xd1\x80 ",
    /* zh-CN */ "\xe4\xbb\xa5\xe5\xa4\xaa\xe7\xbd\x91\xe9\x80\x82\xe9\x85\x8d\xe5\x99\xa8 ",
    "\xe6\x97\xa0\xe7\xba\xbf\xe5\xb1\x80\xe5\x9f\x9f\xe7\xbd\x91\xe9\x80\x82\xe9\x85\x8d\xe5"
    "\x99\xa8 ",
    "\xe9\x9a\xa7\xe9\x81\x93\xe9\x80\x82\xe9\x85\x8d\xe5\x99\xa8 ",
    "PPP \xe9\x80\x82\xe9\x85\x8d\xe5\x99\xa8 ",
    "\xe6\x9c\xaa\xe7\x9f\xa5\xe9\x80\x82\xe9\x85\x8d\xe5\x99\xa8 ",
    /* zh-TW */ "\xe4\xb9\x99\xe5\xa4\xaa\xe7\xb6\xb2\xe8\xb7\xaf\xe5\x8d\xa1 ",
    "\xe7\x84\xa1\xe7\xb7\x9a\xe5\x8d\x80\xe5\x9f\x9f\xe7\xb6\xb2\xe8\xb7\xaf\xe4\xbb\x8b\xe9"
    "\x9d\xa2\xe5\x8d\xa1 ",
    "\xe9\x80\x9a\xe9\x81\x93\xe4\xbb\x8b\xe9\x9d\xa2\xe5\x8d\xa1 ",
    /* ja */ "\xe3\x82\xa4\xe3\x83\xbc\xe3\x82\xb5\xe3\x83\x8d\xe3\x83\x83\xe3\x83\x88 \xe3\x82"
    "\xa2\xe3\x83\x80\xe3\x83\x97\xe3\x82\xbf\xe3\x83\xbc ",
    "\xe3\x82\xa4\xe3\x83\xbc\xe3\x82\xb5\xe3\x83\x8d\xe3\x83\x83\xe3\x83\x88 \xe3\x82\xa2\xe3"
    "\x83\x80\xe3\x83\x97\xe3\x82\xbf ",
    "\xe3\x83\x88\xe3\x83\xb3\xe3\x83\x8d\xe3\x83\xab \xe3\x82\xa2\xe3\x83\x80\xe3\x83\x97\xe3"
    "\x82\xbf\xe3\x83\xbc ",
    "PPP \xe3\x82\xa2\xe3\x83\x80\xe3\x83\x97\xe3\x82\xbf\xe3\x83\xbc ",
    "\xe4\xb8\x8d\xe6\x98\x8e\xe3\x81\xaa\xe3\x82\xa2\xe3\x83\x80\xe3\x83\x97\xe3\x82\xbf\xe3"
    "\x83\xbc ",
    /* ko */ "\xec\x9d\xb4\xeb\x8d\x94\xeb\x84\xb7 \xec\x96\xb4\xeb\x8c\x91\xed\x84\xb0 ",
    "\xeb\xac\xb4\xec\x84\xa0 LAN \xec\x96\xb4\xeb\x8c\x91\xed\x84\xb0 ",
    "\xed\x84\xb0\xeb\x84\x90 \xec\x96\xb4\xeb\x8c\x91\xed\x84\xb0 ",
    "PPP \xec\x96\xb4\xeb\x8c\x91\xed\x84\xb0 ",
    "\xec\x95\x8c \xec\x88\x98 \xec\x97\x86\xeb\x8a\x94 \xec\x96\xb4\xeb\x8c\x91\xed\x84\xb0 ",
};

/* Words that end an adapter type in a language the table lacks: the name follows the
 * first of them. */
static const char *const adapter_words[] = {
    "adapter ", "Adapter ", "adaptador ", "Adaptador ", "adaptateur ", "Carte ", "carte ",
    "Scheda ", "Karta ", "karta ", "\xd0\xb0\xd0\xb4\xd0\xb0\xd0\xbf\xd1\x82\xd0\xb5\xd1\x80 ",
    "\xe9\x80\x82\xe9\x85\x8d\xe5\x99\xa8 ", "\xe3\x82\xa2\xe3\x83\x80\xe3\x83\x97\xe3\x82\xbf\xe3\x83\xbc ",
    "\xec\x96\xb4\xeb\x8c\x91\xed\x84\xb0 ",
};

/* Whether t[0, n) holds one of adapter_words as a word of its own. */
static bool has_adapter_word(const char *t, size_t n)
{
    size_t i, k, j;

    for (i = 0; i < sizeof adapter_words / sizeof adapter_words[0]; i++) {
        k = strlen(adapter_words[i]) - 1; /* without its space */
        for (j = 0; j + k <= n; j++)
            if ((j == 0 || t[j - 1] == ' ') && (j + k == n || t[j + k] == ' ') &&
                memcmp(t + j, adapter_words[i], k) == 0)
                return true;
    }
    return false;
}

/* The adapter's name in header h (len bytes, colon excluded); whether an adapter type
 * was found (else the name is the whole header). The type comes first ("Ethernet adapter
 * Public"), or last after " - " as Windows XP writes it in Russian ("Public - Ethernet
 * адаптер"). */
static bool adapter_name(const char *h, size_t len, char *name, size_t n)
{
    size_t i, best = 0, k, dash = 0;
    const char *at;

    for (i = 0; i < sizeof adapter_types / sizeof adapter_types[0]; i++) {
        k = strlen(adapter_types[i]);
        if (k < len && k > best && strncasecmp(h, adapter_types[i], k) == 0)
            best = k;
    }
    if (!best) {
        for (i = 0; i + 3 <= len; i++)
            if (memcmp(h + i, " - ", 3) == 0)
                dash = i;
        if (dash && has_adapter_word(h + dash + 3, len - dash - 3)) {
            imp_copy(name, n, h, dash);
            return true;
        }
        for (i = 0; i < sizeof adapter_words / sizeof adapter_words[0]; i++) {
            at = strstr(h, adapter_words[i]);
            k = at ? (size_t)(at - h) + strlen(adapter_words[i]) : 0;
            if (at && k < len && (!best || k < best))
                best = k;
        }
    }
    imp_copy(name, n, h + best, len - best);
    return best > 0;
}

/* "Ethernet adapter Public:" (see the top of this file). */
static bool ipconfig_header(const char *s, size_t len, char *name, size_t n, bool *typed)
{
    if (len < 2 || s[len - 1] != ':')
        return false;
    len--;
    while (len && s[len - 1] == ' ')
        len--;
    /* An adapter type and a name: a header has a space ("IPv6DefaultGateway   :", an empty
     * property of Get-NetIPConfiguration, has none). */
    if (!len || s[len - 1] == '.' || memchr(s, ':', len) || !memchr(s, ' ', len) ||
        has_dns_token(s) || strstr(s, ". .") || strstr(s, ".."))
        return false;
    *typed = adapter_name(s, len, name, n);
    return true;
}

/* Splits "Label . . . : value" at the first colon followed by a space or the end (IPv6
 * values have colons, never followed by a space); a full-width colon too. Copies the
 * label without its dot leader; returns the value, or NULL without a separator. */
static const char *split_label(const char *s, char *label, size_t n, bool *dotted)
{
    const char *c = s, *e, *v;

    for (;; c++) {
        c = strchr(c, ':');
        if (!c || c[1] == ' ' || c[1] == '\0')
            break;
    }
    v = c ? c + 1 : NULL;
    if (!c && (c = strstr(s, "\xef\xbc\x9a")) != NULL) /* ： */
        v = c + 3;
    if (!c)
        return NULL;
    for (e = c; e > s && (e[-1] == ' ' || e[-1] == '.'); e--)
        *dotted = *dotted || e[-1] == '.';
    imp_copy(label, n, s, (size_t)(e - s));
    while (*v == ' ')
        v++;
    return v;
}

static void start_block(struct netcfg *nc, enum import_kind kind, const char *name, size_t i)
{
    nc->kind = kind;
    if (kind != IMPORT_UNKNOWN)
        imp_set_kind_weak(nc->c, kind, i);
    snprintf(nc->source, sizeof nc->source, "%s", name);
    nc->in_dns = false;
}

/* A word that starts as an address and goes on with something else: "212.142.28.68**",
 * "10.0.0.1(x)". Not a suffix such as "10.in-addr.arpa": the start has two dots or two
 * colons. */
static bool mangled_address(const char *w)
{
    char head[64];
    size_t n = strspn(w, "0123456789abcdefABCDEF.:%"), dots = 0, colons = 0, k;

    if (n < 3 || n >= sizeof head || !w[n])
        return false;
    memcpy(head, w, n);
    head[n] = '\0';
    for (k = 0; k < n; k++)
        dots += head[k] == '.', colons += head[k] == ':';
    return (dots >= 2 || colons >= 2) && meant_as_address(head);
}

/* The value v of the DNS servers entry on line i, or a line continuing it: one address, or
 * several separated by commas, semicolons, slashes or spaces, in braces or not
 * ("80.58.61.250 /", "{10.0.0.1, 1.1.1.1}"). A value meant as addresses that is not
 * (masked, mangled) leaves the whole line unread, no server taken from it. False when the
 * value is not meant as addresses at all (a suffix list, "None", "Keine"). */
static bool take_value(struct netcfg *nc, const char *v, size_t i, enum import_kind kind)
{
    static const char sep[] = " ,;/{}";
    struct imp_line *l = &nc->c->lines[i];
    char buf[512], *p, *save = NULL;
    bool bad = false;

    imp_copy(buf, sizeof buf, v, strlen(v));
    p = strtok_r(buf, sep, &save);
    if (!p || (!meant_as_address(p) && !mangled_address(p)))
        return false;
    for (; p; p = strtok_r(NULL, sep, &save))
        bad = bad || !meant_as_address(p) || !imp_server_address(p);
    if (bad || strlen(v) >= sizeof buf) {
        l->state = IMP_UNREAD;
        imp_set_kind_weak(nc->c, kind, i);
        return true;
    }
    l->state = IMP_TAKEN;
    imp_set_kind(nc->c, kind, i);
    imp_copy(buf, sizeof buf, v, strlen(v));
    for (p = strtok_r(buf, sep, &save); p; p = strtok_r(NULL, sep, &save))
        imp_add_server(nc->c, p, nc->source);
    return true;
}

static enum import_kind label_kind(struct netcfg *nc, bool dotted)
{
    if (nc->kind != IMPORT_UNKNOWN)
        return nc->kind;
    return dotted ? IMPORT_IPCONFIG : IMPORT_NETSH;
}

static void read_label(struct netcfg *nc, size_t i)
{
    struct imp_line *l = &nc->c->lines[i];
    char label[512];
    bool dotted = false;
    const char *v = split_label(l->s, label, sizeof label, &dotted);

    if (!v)
        return;
    if (strcmp(label, "InterfaceAlias") == 0) {
        start_block(nc, IMPORT_PS_DNS, v, i);
        l->state = IMP_TAKEN;
        return;
    }
    /* Get-DnsClientServerAddress | Format-List names its entry by the property */
    if (!has_dns_token(label) && strcmp(label, "ServerAddresses") != 0)
        return;
    nc->in_dns = true;
    if (*v == '\0') { /* an empty entry, or one whose addresses wrapped */
        l->state = IMP_TAKEN;
        return;
    }
    /* "DNS Suffix Search List : a.example b.example", "None": not servers */
    if (!take_value(nc, v, i, label_kind(nc, dotted)))
        nc->in_dns = false;
}

static void read_line(struct netcfg *nc, size_t i)
{
    struct imp_ctx *c = nc->c;
    struct imp_line *l = &c->lines[i];
    const struct imp_line *next;
    char name[SERVERS_SOURCE_SIZE], other[SERVERS_SOURCE_SIZE];
    bool typed;

    if (l->state != IMP_FREE) {
        nc->in_dns = false;
        if (l->state == IMP_COMMAND)
            nc->source[0] = '\0', nc->kind = IMPORT_UNKNOWN, nc->header_indent = SIZE_MAX;
        return;
    }
    if (l->len == 0)
        return;
    if (imp_command_line(l->s)) {
        l->state = IMP_COMMAND;
        nc->in_dns = false;
        nc->source[0] = '\0';
        nc->kind = IMPORT_UNKNOWN;
        nc->header_indent = SIZE_MAX;
        return;
    }
    if ((meant_as_address(l->s) || mangled_address(l->s)) && !strchr(l->s, ' ')) {
        if (nc->in_dns)
            take_value(nc, l->s, i, label_kind(nc, false));
        return;
    }
    nc->in_dns = false;
    if (quoted_name(l->s, name, sizeof name) && (next = next_text(c, i)) != NULL &&
        next->state == IMP_FREE && strchr(next->s, ':') &&
        !quoted_name(next->s, other, sizeof other)) {
        start_block(nc, IMPORT_NETSH, name, i);
        l->state = IMP_TAKEN;
        return;
    }
    /* A header is not indented more than the one before it: an empty label is. */
    if (l->indent <= nc->header_indent &&
        ipconfig_header(l->s, l->len, name, sizeof name, &typed)) {
        nc->header_indent = l->indent;
        start_block(nc, typed ? IMPORT_IPCONFIG : IMPORT_UNKNOWN, name, i);
        l->state = IMP_TAKEN;
        return;
    }
    read_label(nc, i);
}

int imp_read_netcfg(struct imp_ctx *c)
{
    struct netcfg nc;
    size_t i;

    memset(&nc, 0, sizeof nc);
    nc.c = c;
    nc.header_indent = SIZE_MAX;
    for (i = 0; i < c->n && c->rc == CD_OK; i++)
        read_line(&nc, i);
    return c->rc;
}
