#include "config.h"

#include "remedy.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>

#include "fileio.h"
#include "i18n.h"
#include "names.h"
#include "rules.h"
#include "servers.h"
#include "text.h"

static const char *const form_names[REMEDY_FORM_COUNT] = {"dnscmd", "powershell", "nt4",
                                                          "zone",   "nsupdate",   "netsh"};

static const char interface_field[] = N_("Network connection");

#define PORT_TEXT 12 /* an unsigned in decimal */

const char *remedy_form_name(enum remedy_form f)
{
    return (unsigned)f < REMEDY_FORM_COUNT ? form_names[f] : "";
}

int remedy_form_parse(const char *name)
{
    for (int f = 0; name && f < REMEDY_FORM_COUNT; f++)
        if (strcmp(name, form_names[f]) == 0)
            return f;
    return -1;
}

/* ---- the connection name ------------------------------------------------------------- */

int remedy_interface(const char *name, struct cd_diag *d)
{
    /* cmd.exe acts on these even inside double quotes (% and ! expand, ^ escapes) or once
     * a quote is closed; PowerShell expands $ and ` inside double quotes. */
    static const char forbidden[] = "\"'`$%^&|<>!";
    const unsigned char *s = (const unsigned char *)name;
    char pos[24], shown[8];
    size_t i, len;
    uint32_t cp;

    if (!name || !*name)
        return diag_set(d, CD_EINVAL, interface_field, "interface", N_("is required"), NULL,
                        NULL);
    if (strlen(name) > REMEDY_INTERFACE_MAX)
        return diag_set(d, CD_EINVAL, interface_field, "interface",
                        N_("is longer than 255 bytes, more than Windows gives a connection name"),
                        NULL, NULL);
    for (i = 0; s[i]; i += len) {
        snprintf(pos, sizeof pos, "%zu", i + 1);
        len = text_decode(name + i, 4, &cp);
        /* Hidden characters too: the command shown would read other than the one run. */
        if (len == 0 || !text_is_safe(cp))
            return diag_set(d, CD_EINVAL, interface_field, "interface",
                            N_("has a control character, an invisible formatting character "
                               "or a byte that is not UTF-8 at position %1$s"),
                            pos, NULL);
        if (strchr(forbidden, s[i])) {
            snprintf(shown, sizeof shown, "%c", s[i]);
            return diag_set(d, CD_EINVAL, interface_field, "interface",
                            N_("contains %1$s at position %2$s, which a command line would act "
                               "on; rename the connection without it"),
                            shown, pos);
        }
    }
    return CD_OK;
}

/* ---- the plan: every value validated, before any text ------------------------------------ */

struct item {
    bool fix;                           /* fix_record: delete, then add */
    struct dns_server server;
    char server_text[SERVERS_TEXT_SIZE]; /* server_format(): as the check names it */
    char label[NAMES_NETBIOS_MAX + 1];  /* the host label, as the operator spelt it */
    char fqdn[NAMES_FQDN_SIZE];         /* lower case, no trailing dot */
    const char *type;                   /* "A" or "AAAA" */
    struct cd_ip ip;
    /* fix_record: the other addresses the check saw on that server (canonical text) */
    char wrong[PROBE_ADDRS_MAX][NAMES_IP_SIZE];
    size_t n_wrong;
};

struct plan {
    char zone[NAMES_FQDN_SIZE];
    struct item *items; /* grouped by server, in the order each server first appears */
    size_t n;
    bool reorder;
    struct server_list order; /* the recommended order, when reorder */
    const char *interface;
};

/* The engine check filled d's message; the JSON path of the value is ours to give. */
static int at(int rc, struct cd_diag *d, size_t m, const char *key)
{
    if (rc < 0 && d)
        snprintf(d->where, sizeof d->where, "checks[%zu].%s", m, key);
    return rc;
}

/* One record of the fix, every value taken from the last check and validated again. */
static int plan_record(const struct rules_fix *f, size_t m, const struct rules_fix_record *r,
                       struct item *it, struct cd_diag *d)
{
    static const char *const name_key[HOST_COUNT] = {"exchange.name", "cluster.name"};
    static const char *const ip_key[HOST_COUNT] = {"exchange.ip", "cluster.ip"};
    const struct cl_run *run = f->run;
    const struct records_target *t = &run->target;
    enum records_query q = r->host == HOST_EXCHANGE ? QUERY_EXCHANGE : QUERY_CLUSTER;
    const struct probe_answer *a = &run->answers[r->server][q];
    char key[48];
    int h = r->host, rc;

    memset(it, 0, sizeof *it);
    it->fix = r->kind == ACTION_FIX_RECORD;
    it->server = run->servers.v[r->server];
    snprintf(key, sizeof key, "servers[%zu].address", r->server);
    if ((rc = at(names_server_ip(it->server.ip.text, &it->server.ip, N_("DNS server"), d), d, m,
                 key)) < 0)
        return rc;
    server_format(&it->server, it->server_text, sizeof it->server_text);
    if ((rc = at(names_netbios(t->name[h], N_("Record name"), d), d, m, name_key[h])) < 0 ||
        (rc = at(names_fqdn(t->name[h], t->zone, it->fqdn, sizeof it->fqdn, N_("Record name"), d),
                 d, m, name_key[h])) < 0 ||
        (rc = at(names_resource_ip(t->ip[h].text, &it->ip, N_("Record address"), d), d, m,
                 ip_key[h])) < 0)
        return rc;
    snprintf(it->label, sizeof it->label, "%s", t->name[h]);
    it->type = it->ip.family == AF_INET6 ? "AAAA" : "A";
    /* fix_record: the other addresses the check saw (dnscmd deletes a record by its data);
     * only inet_ntop's text of each goes into a command. */
    for (size_t k = 0; it->fix && a->outcome == PROBE_ANSWER && k < a->n_addrs; k++) {
        struct cd_ip ip;
        bool seen = false;

        if (names_ip_parse(a->addrs[k].text, &ip, NULL, NULL) < 0 || names_ip_equal(&ip, &it->ip))
            continue;
        for (size_t j = 0; j < it->n_wrong; j++)
            seen = seen || strcmp(it->wrong[j], ip.text) == 0;
        if (!seen && it->n_wrong < PROBE_ADDRS_MAX)
            memcpy(it->wrong[it->n_wrong++], ip.text, sizeof ip.text);
    }
    return CD_OK;
}

static void plan_fini(struct plan *p)
{
    free(p->items);
    server_list_fini(&p->order);
}

/* The connection the node's servers were read from ('ipconfig /all', netsh), when they all
 * name the same one and it is a name netsh takes; else NULL. */
static const char *servers_connection(const struct server_list *l)
{
    const char *name = NULL;

    for (size_t i = 0; l && i < l->n; i++) {
        const char *src = l->v[i].source;

        if (!*src)
            continue;
        if (name && strcmp(name, src) != 0)
            return NULL; /* two adapters: which one is the operator's to say */
        name = src;
    }
    return name && remedy_interface(name, NULL) == CD_OK ? name : NULL;
}

/* The fix of cl's last check (rules_fix), validated, into p (initialised by the caller). */
static int plan_make(const struct checklist *cl, const struct remedy_opts *o, struct plan *p,
                     struct cd_diag *d)
{
    static const char field[] = N_("Checklist");
    struct rules_fix f;
    size_t m = cl->n_runs ? cl->n_runs - 1 : 0;
    bool *taken = NULL;
    struct item *all = NULL;
    int rc;

    if ((rc = rules_fix(cl, &f)) < 0)
        return rc;
    if (!f.run) {
        rc = diag_set(d, CD_EINVAL, field, "checks",
                      N_("holds no check yet, so nothing is known to fix: check it first "
                         "(clusterdns check --load FILE --output FILE)"),
                      NULL, NULL);
        goto out;
    }
    if (f.run->eval.verdict == VERDICT_INCOMPLETE) {
        rc = diag_set(d, CD_EINVAL, field, "checks",
                      N_("holds a check that did not finish: check it again"), NULL, NULL);
        goto out;
    }
    p->interface = o && o->interface && *o->interface ? o->interface : servers_connection(f.node);
    if (!p->interface)
        p->interface = REMEDY_INTERFACE_DEFAULT;
    if ((rc = remedy_interface(p->interface, d)) < 0 ||
        (rc = at(names_zone(f.run->target.zone, p->zone, sizeof p->zone, N_("Zone"), d), d, m,
                 "zone")) < 0)
        goto out;
    all = calloc(f.n + 1, sizeof *all);
    p->items = calloc(f.n + 1, sizeof *p->items);
    taken = calloc(f.n + 1, sizeof *taken);
    if (!all || !p->items || !taken) {
        rc = CD_ENOMEM;
        goto out;
    }
    for (size_t i = 0; i < f.n; i++)
        if ((rc = plan_record(&f, m, &f.records[i], &all[i], d)) < 0)
            goto out;
    for (size_t i = 0; o && o->only && i < f.n; i++)
        taken[i] = !server_same(&all[i].server, o->only);
    if (f.reorder && !(o && o->only)) {
        if ((rc = server_list_copy(&p->order, &f.order)) < 0)
            goto out;
        p->reorder = true;
    }
    /* Grouped by server: one block, one nsupdate transaction, per server. */
    for (size_t i = 0; i < f.n; i++) {
        if (taken[i])
            continue;
        for (size_t j = i; j < f.n; j++) {
            if (!taken[j] && server_same(&all[j].server, &all[i].server)) {
                p->items[p->n++] = all[j];
                taken[j] = true;
            }
        }
    }
    rc = CD_OK;
out:
    free(all);
    free(taken);
    rules_fix_fini(&f);
    return rc;
}

/* ---- text ------------------------------------------------------------------------------ */

struct out {
    char *p;
    size_t len, cap;
    bool oom;
    remedy_tr_fn tr;
    const char *comment; /* "REM ", "# ", "; " or "" (text for a person) */
    bool cmd;            /* a cmd.exe comment */
};

static void put(struct out *o, const char *s, size_t n)
{
    if (o->oom)
        return;
    if (o->len + n + 1 > o->cap) {
        size_t cap = o->cap ? o->cap : 1024;
        char *p;

        while (cap < o->len + n + 1)
            cap *= 2;
        if (!(p = realloc(o->p, cap))) {
            o->oom = true;
            return;
        }
        o->p = p;
        o->cap = cap;
    }
    memcpy(o->p + o->len, s, n);
    o->len += n;
    o->p[o->len] = '\0';
}

static void puts_(struct out *o, const char *s)
{
    put(o, s, strlen(s));
}

/* Only for commands: the format is always a literal of this file. */
__attribute__((format(printf, 2, 3))) static void putf(struct out *o, const char *fmt, ...)
{
    char line[1024];
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= sizeof line)
        o->oom = true; /* cannot happen: every value is bounded well below */
    else
        put(o, line, (size_t)n);
}

static const char *tr(const struct out *o, const char *msgid)
{
    const char *t = o->tr ? o->tr(msgid) : msgid;

    return t ? t : msgid;
}

/* One character of a comment: control characters never reach the output, and in cmd.exe
 * comments neither does what cmd acts on inside REM (% expands, a final ^ joins the next
 * line to the remark). */
static void put_safe(struct out *o, char c)
{
    unsigned char u = (unsigned char)c;

    if (u < 0x20 || u == 0x7f || (o->cmd && strchr("%^&|<>!", c)))
        c = '?';
    put(o, &c, 1);
}

/* tr(msgid) with %1$s to %4$s replaced by the arguments and %% by %, as comment lines: the
 * first starts with `first` after the comment mark, each further line of the text with
 * `cont`. Nothing of a translation is taken as a format: only these directives are read. */
static void text(struct out *o, const char *first, const char *cont, const char *msgid,
                 const char *a1, const char *a2, const char *a3, const char *a4)
{
    const char *args[4] = {a1, a2, a3, a4};
    const char *s = tr(o, msgid);

    puts_(o, o->comment);
    puts_(o, first);
    for (; *s; s++) {
        if (s[0] == '%' && s[1] >= '1' && s[1] <= '4' && s[2] == '$' && s[3] == 's') {
            for (const char *v = args[s[1] - '1'] ? args[s[1] - '1'] : ""; *v; v++)
                put_safe(o, *v);
            s += 3;
        } else if (s[0] == '%' && s[1] == '%') {
            put_safe(o, '%');
            s++;
        } else if (*s == '\n') {
            puts_(o, "\n");
            puts_(o, o->comment);
            puts_(o, cont);
        } else {
            put_safe(o, *s);
        }
    }
    puts_(o, "\n");
}

static void note(struct out *o, const char *msgid, const char *a1, const char *a2, const char *a3)
{
    text(o, "", "", msgid, a1, a2, a3, NULL);
}

/* A numbered step: " 1. text", further lines under the text. */
static void step(struct out *o, unsigned *n, const char *msgid, const char *a1, const char *a2,
                 const char *a3, const char *a4)
{
    char num[16];

    snprintf(num, sizeof num, "%2u. ", ++*n);
    text(o, num, "    ", msgid, a1, a2, a3, a4);
}

static void blank(struct out *o)
{
    puts_(o, "\n");
}

static const char *port_text(const struct dns_server *s, char buf[PORT_TEXT])
{
    snprintf(buf, PORT_TEXT, "%u", s->port);
    return buf;
}

/* ---- the record forms --------------------------------------------------------------------- */

/* The first item of the group that starts at i, and the index past its last. */
static size_t group_end(const struct plan *p, size_t i)
{
    size_t j = i;

    while (j < p->n && strcmp(p->items[j].server_text, p->items[i].server_text) == 0)
        j++;
    return j;
}

static void why(struct out *o, const struct item *it)
{
    if (it->fix)
        note(o, N_("%1$s answers for %3$s with another address: delete its %2$s records, then "
                   "add the right one."),
             it->server_text, it->type, it->fqdn);
    else
        note(o, N_("%1$s has no %2$s record for %3$s: add it."), it->server_text, it->type,
             it->fqdn);
}

static void header(struct out *o, const struct plan *p)
{
    note(o, N_("Microsoft KB Q263029: the host records of the Exchange virtual server and of "
               "the cluster, in the zone %1$s."),
         p->zone, NULL, NULL);
}

/* A server checked on another port than 53 is still managed by its address alone. */
static void port_note(struct out *o, const struct item *it, const char *msgid)
{
    char port[PORT_TEXT];

    if (it->server.port != 53)
        note(o, msgid, it->server_text, port_text(&it->server, port), NULL);
}

static void emit_dnscmd(struct out *o, const struct plan *p)
{
    header(o, p);
    note(o, N_("For a Windows 2000 or later DNS server, run as a DNS administrator (dnscmd is in "
               "the Windows Support Tools)."),
         NULL, NULL, NULL);
    note(o, N_("For the Windows NT 4.0 DNS: clusterdns fix --emit nt4"), NULL, NULL, NULL);
    for (size_t i = 0; i < p->n; i = group_end(p, i)) {
        port_note(o, &p->items[i],
                  N_("%1$s was checked on port %2$s; dnscmd reaches the DNS server by its "
                     "address alone."));
        for (size_t j = i; j < group_end(p, i); j++) {
            const struct item *it = &p->items[j];
            const char *srv = it->server.ip.text;

            why(o, it);
            for (size_t k = 0; k < it->n_wrong; k++)
                putf(o, "dnscmd %s /RecordDelete %s %s %s %s /f\n", srv, p->zone, it->label,
                     it->type, it->wrong[k]);
            if (it->fix && it->n_wrong == 0)
                text(o, "", "", N_("The other address is not in the checklist: list the "
                                   "records with\n"
                                   "dnscmd %1$s /EnumRecords %2$s %3$s\n"
                                   "and delete each wrong one with\n"
                                   "dnscmd %1$s /RecordDelete %2$s %3$s %4$s ADDRESS /f"),
                     srv, p->zone, it->label, it->type);
            putf(o, "dnscmd %s /RecordAdd %s %s %s %s\n", srv, p->zone, it->label, it->type,
                 it->ip.text);
        }
    }
}

static void emit_powershell(struct out *o, const struct plan *p)
{
    header(o, p);
    note(o, N_("For a Windows Server 2012 or later DNS server, run as a DNS administrator (the "
               "DnsServer module)."),
         NULL, NULL, NULL);
    note(o, N_("For the Windows NT 4.0 DNS: clusterdns fix --emit nt4"), NULL, NULL, NULL);
    for (size_t i = 0; i < p->n; i = group_end(p, i)) {
        port_note(o, &p->items[i],
                  N_("%1$s was checked on port %2$s; PowerShell reaches the DNS server by its "
                     "address alone."));
        for (size_t j = i; j < group_end(p, i); j++) {
            const struct item *it = &p->items[j];
            const char *srv = it->server.ip.text;
            bool v6 = it->type[1] != '\0';

            why(o, it);
            if (it->fix)
                putf(o,
                     "Remove-DnsServerResourceRecord -ComputerName %s -ZoneName %s -Name %s "
                     "-RRType %s -Force\n",
                     srv, p->zone, it->label, it->type);
            putf(o, "Add-DnsServerResourceRecord%s -ComputerName %s -ZoneName %s -Name %s -%s %s\n",
                 it->type, srv, p->zone, it->label, v6 ? "IPv6Address" : "IPv4Address",
                 it->ip.text);
        }
    }
}

/* "EXSRV            IN  A     172.16.8.31": a line of a zone's file, names relative. */
static void zone_line(struct out *o, const char *indent, const struct item *it)
{
    putf(o, "%s%-16s IN  %-5s %s\n", indent, it->label, it->type, it->ip.text);
}

/* The reverse zone an address usually falls in: its reverse name without the first label
 * (8.16.172.in-addr.arpa for 172.16.8.31). */
static const char *reverse_zone(const struct cd_ip *ip, char *buf, size_t n)
{
    const char *dot;

    if (names_reverse(ip, buf, n) < 0)
        return "";
    dot = strchr(buf, '.');
    return dot ? dot + 1 : buf;
}

static void nt4_manager(struct out *o, const struct plan *p, size_t i, size_t end)
{
    const struct item *first = &p->items[i];
    const char *srv = first->server.ip.text;
    char rev[NAMES_FQDN_SIZE];
    unsigned n = 0;
    bool hosts = false;

    note(o, N_("On the DNS server %1$s, in DNS Manager:"), srv, NULL, NULL);
    port_note(o, first,
              N_("(%1$s was checked on port %2$s; DNS Manager reaches the server by its address "
                 "alone.)"));
    step(o, &n,
         N_("Click Start, point to Programs, then to Administrative Tools, and click DNS Manager\n"
            "(Start > Programs > Administrative Tools > DNS Manager)."),
         NULL, NULL, NULL, NULL);
    step(o, &n,
         N_("In the Server List, double-click %1$s. If it is not listed, right-click Server\n"
            "List, click New Server... and type %1$s."),
         srv, NULL, NULL, NULL);
    for (size_t j = i; j < end; j++)
        if (p->items[j].fix)
            step(o, &n,
                 N_("Click the zone %1$s. In its records, right-click each %2$s record of %3$s\n"
                    "that holds another address than %4$s, and click Delete Record."),
                 p->zone, p->items[j].type, p->items[j].label, p->items[j].ip.text);
    for (size_t j = i; j < end; j++) {
        const struct item *it = &p->items[j];

        if (it->type[1] != '\0') {
            step(o, &n,
                 N_("Right-click the zone %1$s, click New Record..., choose AAAA Record, type the\n"
                    "Host Name %2$s and the IPv6 address %3$s, and click OK."),
                 p->zone, it->label, it->ip.text, NULL);
            continue;
        }
        if (!hosts)
            step(o, &n, N_("Right-click the zone %1$s, and then click New Host..."), p->zone,
                 NULL, NULL, NULL);
        hosts = true;
        step(o, &n,
             N_("Host Name: %1$s\n"
                "Host IP Address: %2$s\n"
                "Check Create Associated PTR Record if the server holds the reverse lookup\n"
                "zone of %2$s (such as %3$s).\n"
                "Click Add Host."),
             it->label, it->ip.text, reverse_zone(&it->ip, rev, sizeof rev), NULL);
    }
    if (hosts)
        step(o, &n, N_("Click Done."), NULL, NULL, NULL, NULL);
}

static void nt4_file(struct out *o, const struct plan *p, size_t i, size_t end)
{
    const char *srv = p->items[i].server.ip.text;
    char file[NAMES_FQDN_SIZE + 40];
    unsigned n = 0;

    snprintf(file, sizeof file, "%%SystemRoot%%\\System32\\Dns\\%s.dns", p->zone);
    note(o, N_("Or, for those who edit the zone's file on %1$s:"), srv, NULL, NULL);
    step(o, &n,
         N_("In DNS Manager, right-click %1$s and click Update Server Data Files, so that\n"
            "the file holds every change made in DNS Manager."),
         srv, NULL, NULL, NULL);
    step(o, &n, N_("Stop the DNS service: net stop dns"), NULL, NULL, NULL, NULL);
    for (size_t j = i; j < end; j++)
        if (p->items[j].fix)
            step(o, &n, N_("In %1$s, delete the %2$s lines of %3$s."), file, p->items[j].type,
                 p->items[j].label, NULL);
    step(o, &n,
         N_("Add these lines to %1$s\n"
            "(the zone's file, as the zone's Properties in DNS Manager name it):"),
         file, NULL, NULL, NULL);
    for (size_t j = i; j < end; j++)
        zone_line(o, "      ", &p->items[j]);
    step(o, &n,
         N_("Raise the serial number of the zone's SOA record (the first number in its\n"
            "parentheses) by one."),
         NULL, NULL, NULL, NULL);
    step(o, &n, N_("Start the DNS service: net start dns"), NULL, NULL, NULL, NULL);
}

static void emit_nt4(struct out *o, const struct plan *p)
{
    header(o, p);
    /* TRANSLATORS: the labels of DNS Manager in these steps (Server List, New Host..., Host
       Name, Add Host, Update Server Data Files...) are those of the English Windows NT 4.0;
       use the ones of the Windows in your language. */
    note(o, N_("The Windows NT 4.0 DNS takes no dynamic updates: add them in DNS Manager, or in "
               "the zone's file."),
         NULL, NULL, NULL);
    for (size_t i = 0; i < p->n; i = group_end(p, i)) {
        blank(o);
        nt4_manager(o, p, i, group_end(p, i));
        blank(o);
        nt4_file(o, p, i, group_end(p, i));
    }
}

static void emit_zone(struct out *o, const struct plan *p)
{
    header(o, p);
    for (size_t i = 0; i < p->n; i = group_end(p, i)) {
        size_t end = group_end(p, i);

        note(o, N_("On the DNS server %1$s, in the zone's file (names relative to %2$s.):"),
             p->items[i].server_text, p->zone, NULL);
        for (size_t j = i; j < end; j++) {
            why(o, &p->items[j]);
            if (p->items[j].fix)
                note(o, N_("Delete the %1$s lines of %2$s first."), p->items[j].type,
                     p->items[j].label, NULL);
            zone_line(o, "", &p->items[j]);
        }
    }
    note(o, N_("Then raise the serial number of the zone's SOA record and reload the zone:"),
         NULL, NULL, NULL);
    putf(o, "%s  rndc reload %s\n", o->comment, p->zone);
    note(o, N_("(A zone that takes dynamic updates: rndc freeze %1$s before the edit and\n"
               "rndc thaw %1$s after it, instead of the reload.)"),
         p->zone, NULL, NULL);
}

static void emit_nsupdate(struct out *o, const struct plan *p)
{
    char port[PORT_TEXT];

    header(o, p);
    note(o, N_("Feed it to nsupdate (nsupdate FILE, with -k KEYFILE when the server wants a TSIG\n"
               "key) from a host the DNS server accepts updates from."),
         NULL, NULL, NULL);
    for (size_t i = 0; i < p->n; i = group_end(p, i)) {
        const struct dns_server *s = &p->items[i].server;

        /* The port the check asked on, so that the script reaches the same server. */
        if (s->port != 53)
            putf(o, "server %s %s\n", s->ip.text, port_text(s, port));
        else
            putf(o, "server %s\n", s->ip.text);
        putf(o, "zone %s\n", p->zone);
        for (size_t j = i; j < group_end(p, i); j++) {
            const struct item *it = &p->items[j];

            why(o, it);
            if (it->fix)
                putf(o, "update delete %s. IN %s\n", it->fqdn, it->type);
            putf(o, "update add %s. %d IN %s %s\n", it->fqdn, REMEDY_TTL, it->type, it->ip.text);
        }
        puts_(o, "send\n");
    }
}

/* ---- the node's order ------------------------------------------------------------------------ */

static bool listed_before(const struct server_list *l, size_t k)
{
    for (size_t i = 0; i < k; i++)
        if (names_ip_equal(&l->v[i].ip, &l->v[k].ip))
            return true;
    return false;
}

static void emit_netsh(struct out *o, const struct plan *p)
{
    const struct server_list *l = &p->order;
    const char *ifc = p->interface;
    char srv[SERVERS_TEXT_SIZE], port[PORT_TEXT];
    unsigned n = 0, v4 = 0, v6 = 0;

    if (!p->reorder) {
        note(o, N_("The node's DNS server order is already right: nothing to change."), NULL, NULL,
             NULL);
        return;
    }
    note(o, N_("Microsoft KB Q263029: the cluster node must ask the local DNS first."), NULL,
         NULL, NULL);
    note(o, N_("On the cluster node (on each node of the cluster), as an administrator:"), NULL,
         NULL, NULL);
    step(o, &n, N_("Right-click My Network Places, and then click Properties."), NULL, NULL,
         NULL, NULL);
    step(o, &n, N_("Right-click %1$s, and then click Properties."), ifc, NULL, NULL, NULL);
    step(o, &n, N_("Click Internet Protocol (TCP/IP), click Properties, and then click Advanced."),
         NULL, NULL, NULL, NULL);
    step(o, &n, N_("Click the DNS tab."), NULL, NULL, NULL, NULL);
    step(o, &n,
         N_("Under \"DNS server addresses, in order of use\", list these addresses in this\n"
            "order (Add, Edit, Remove and the arrows beside the list), then click OK in each\n"
            "dialog:"),
         NULL, NULL, NULL, NULL);
    for (size_t k = 0; k < l->n; k++)
        if (!listed_before(l, k))
            putf(o, "%s        %s\n", o->comment, l->v[k].ip.text);
    note(o, N_("Or run these commands on the node:"), NULL, NULL, NULL);
    for (size_t k = 0; k < l->n; k++) {
        server_format(&l->v[k], srv, sizeof srv);
        if (listed_before(l, k))
            note(o, N_("%1$s has the address of a server listed before it: listed once."), srv,
                 NULL, NULL);
        else if (l->v[k].port != 53)
            note(o, N_("%1$s answers on port %2$s, but Windows asks every DNS server on port 53:\n"
                       "its address is listed anyway."),
                 srv, port_text(&l->v[k], port), NULL);
        if (l->v[k].ip.family == AF_INET6 && !listed_before(l, k))
            note(o, N_("%1$s is an IPv6 address, which Windows 2000 cannot use as a DNS server;\n"
                       "the ipv6 line is for Windows Server 2008 or later."),
                 l->v[k].ip.text, NULL, NULL);
    }
    note(o, N_("register=none: the node does not try to register its name, which the Windows\n"
               "NT 4.0 DNS refuses; write register=primary if the local DNS takes dynamic updates."),
         NULL, NULL, NULL);
    for (size_t k = 0; k < l->n; k++) {
        const char *ip = l->v[k].ip.text;

        if (listed_before(l, k))
            continue;
        if (l->v[k].ip.family == AF_INET6)
            putf(o, "netsh interface ipv6 add dnsserver name=\"%s\" address=%s index=%u\n", ifc,
                 ip, ++v6);
        else if (v4++ == 0)
            putf(o, "netsh interface ip set dns name=\"%s\" source=static addr=%s register=none\n",
                 ifc, ip);
        else
            putf(o, "netsh interface ip add dns name=\"%s\" addr=%s index=%u\n", ifc, ip, v4);
    }
}

/* ---- nothing to do ----------------------------------------------------------------------------- */

/* The one line of a record form with no record to add: why there is none. */
static void nothing_to_add(struct out *o, const struct checklist *cl, const struct plan *p)
{
    const struct cl_run *run = checklist_last_check(cl);
    bool local = false, unread = false;

    for (size_t i = 0; run && i < run->eval.n; i++) {
        const struct records_server *s = &run->eval.server[i];

        if (!s->authoritative)
            continue;
        local = true;
        for (int q = QUERY_EXCHANGE; q <= QUERY_CLUSTER; q++)
            unread = unread || s->status[q] != REC_OK;
    }
    if (!local)
        note(o, N_("Nothing to generate: no listed DNS server answers with authority for the "
                   "zone %1$s; add the local DNS server to the node's list and check again."),
             p->zone, NULL, NULL);
    else if (unread)
        note(o, N_("Nothing to generate: some host records on the local DNS could not be read; "
                   "check again."),
             NULL, NULL, NULL);
    else
        note(o, N_("Nothing to add: the DNS servers that hold the zone %1$s have both host "
                   "records."),
             p->zone, NULL, NULL);
}

int remedy_emit(const struct checklist *cl, enum remedy_form form, const struct remedy_opts *o,
                char **out, struct cd_diag *d)
{
    static const char *const comments[REMEDY_FORM_COUNT] = {"REM ", "# ", "", "; ", "; ",
                                                            "REM "};
    struct plan p = {0};
    struct out t = {0};
    int rc;

    *out = NULL;
    if ((unsigned)form >= REMEDY_FORM_COUNT)
        return diag_set(d, CD_EINVAL, N_("Form"), "form",
                        N_("is not one of dnscmd, powershell, nt4, zone, nsupdate, netsh"), NULL,
                        NULL);
    server_list_init(&p.order);
    if ((rc = plan_make(cl, o, &p, d)) < 0)
        goto out;
    t.tr = o ? o->tr : NULL;
    t.comment = comments[form];
    t.cmd = form == REMEDY_DNSCMD || form == REMEDY_NETSH;
    if (form == REMEDY_NETSH) {
        emit_netsh(&t, &p);
    } else if (p.n == 0) {
        nothing_to_add(&t, cl, &p);
    } else {
        switch (form) {
        case REMEDY_DNSCMD: emit_dnscmd(&t, &p); break;
        case REMEDY_POWERSHELL: emit_powershell(&t, &p); break;
        case REMEDY_NT4: emit_nt4(&t, &p); break;
        case REMEDY_ZONE: emit_zone(&t, &p); break;
        default: emit_nsupdate(&t, &p); break;
        }
        if (form == REMEDY_NT4 && p.reorder)
            blank(&t);
    }
    if (form != REMEDY_NETSH && p.reorder)
        note(&t, N_("The node's DNS server order must change too: clusterdns fix --emit netsh"),
             NULL, NULL, NULL);
    if (t.oom) {
        rc = CD_ENOMEM;
        free(t.p);
        goto out;
    }
    *out = t.p;
    rc = CD_OK;
out:
    plan_fini(&p);
    return rc;
}

int remedy_write(const struct checklist *cl, enum remedy_form form, const struct remedy_opts *o,
                 const char *path, struct cd_diag *d)
{
    char *text = NULL;
    int rc = remedy_emit(cl, form, o, &text, d);

    if (rc == CD_OK)
        rc = fileio_write(path, text, strlen(text), d);
    free(text);
    return rc;
}
