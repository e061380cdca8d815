#include "config.h"

#include "report.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "i18n.h"

void report_safe(FILE *out, const char *s)
{
    for (; *s; s++) {
        unsigned char ch = (unsigned char)*s;

        if (ch < 0x20 || ch == 0x7f)
            fprintf(out, "\\x%02x", ch);
        else
            fputc(ch, out);
    }
}

/* Display columns of a (translated, UTF-8) string; bytes when it is not valid text. */
static int text_width(const char *s)
{
    wchar_t w[512];
    size_t n = mbstowcs(w, s, sizeof w / sizeof *w);
    int width;

    if (n == (size_t)-1 || n == sizeof w / sizeof *w)
        return (int)strlen(s);
    width = wcswidth(w, n);
    return width < 0 ? (int)n : width;
}

/* s, then spaces up to width columns (at least one). */
static void cell(FILE *out, const char *s, int width)
{
    int w = text_width(s);

    report_safe(out, s);
    do
        fputc(' ', out);
    while (++w < width);
}

static const char *ms(double v, char *buf, size_t n)
{
    if (v < 0)
        snprintf(buf, n, "-");
    else
        snprintf(buf, n, _("%.1f ms"), v);
    return buf;
}

static void report_header(FILE *out, struct check *c)
{
    const struct records_target *t = check_target(c);

    fprintf(out,
            ngettext("Zone %s, %zu DNS server asked (Microsoft KB Q263029)\n",
                     "Zone %s, %zu DNS servers asked (Microsoft KB Q263029)\n",
                     check_servers(c)->n),
            t->zone, check_servers(c)->n);
    for (int h = 0; h < HOST_COUNT; h++) {
        fputs("  ", out);
        cell(out, h == HOST_EXCHANGE ? _("Exchange") : _("Cluster"), 10);
        cell(out, t->name[h], 17);
        cell(out, t->fqdn[h], 32);
        fprintf(out, "%s\n", t->ip[h].text);
    }
}

static void report_servers(FILE *out, struct check *c, const struct records_eval *e)
{
    const struct server_list *servers = check_servers(c);
    char srv[SERVERS_TEXT_SIZE], buf[32];

    fprintf(out, "\n%s\n", _("DNS servers, in the order the node asks them"));
    fputs("  #  ", out);
    cell(out, _("server"), 24);
    cell(out, _("role"), 10);
    cell(out, _("reply for the zone"), 26);
    cell(out, _("time"), 10);
    fprintf(out, "%s\n", _("authority"));
    for (size_t i = 0; i < servers->n; i++) {
        const struct records_server *s = &e->server[i];

        fprintf(out, "  %-2zu ", i + 1);
        cell(out, server_format(&servers->v[i], srv, sizeof srv), 24);
        cell(out, s->role == ROLE_LOCAL      ? _("local")
                  : s->role == ROLE_INTERNET ? _("internet")
                                             : _("unknown"),
             10);
        cell(out, _(probe_outcome_text(s->soa)), 26);
        cell(out, ms(s->rtt_ms, buf, sizeof buf), 10);
        fprintf(out, "%s\n", s->authoritative ? _("authoritative") : "-");
    }
}

static void report_record(FILE *out, struct check *c, const struct records_eval *e, size_t i,
                          enum records_query q)
{
    const struct records_target *t = check_target(c);
    const struct probe_answer *a = check_answer(c, i, q);
    enum record_status st = e->server[i].status[q];
    int h = (q == QUERY_EXCHANGE || q == QUERY_EXCHANGE_PTR) ? HOST_EXCHANGE : HOST_CLUSTER;
    bool ptr = q == QUERY_EXCHANGE_PTR || q == QUERY_CLUSTER_PTR;
    char srv[SERVERS_TEXT_SIZE];

    fputs("  ", out);
    cell(out, server_format(&check_servers(c)->v[i], srv, sizeof srv), 24);
    cell(out, ptr ? "PTR" : t->ip[h].family == AF_INET6 ? "AAAA" : "A", 5);
    cell(out, ptr ? t->ip[h].text : t->fqdn[h], 32);
    cell(out, _(record_status_text(st)), 12);
    if (st == REC_WRONG) {
        fputs(_("holds"), out);
        if (ptr) {
            fputc(' ', out);
            report_safe(out, a->target);
        }
        for (size_t k = 0; !ptr && k < a->n_addrs; k++)
            fprintf(out, " %s", a->addrs[k].text);
    } else if (st != REC_OK && st != REC_PENDING) {
        fputs(_(probe_outcome_text(a->outcome)), out);
    }
    fputc('\n', out);
}

static void report_records(FILE *out, struct check *c, const struct records_eval *e)
{
    fprintf(out, "\n%s\n", _("Host records on each server"));
    for (size_t i = 0; i < check_servers(c)->n; i++)
        for (int q = QUERY_EXCHANGE; q < QUERY_COUNT; q++)
            report_record(out, c, e, i, (enum records_query)q);
}

static void report_decisions(FILE *out, struct check *c, const struct records_eval *e)
{
    const struct records_target *t = check_target(c);
    char srv[SERVERS_TEXT_SIZE];

    fprintf(out, "\n%s\n", _("What the node gets, asking in its order"));
    for (int h = 0; h < HOST_COUNT; h++) {
        const struct records_decision *d = &e->decide[h];

        fputs("  ", out);
        cell(out, t->fqdn[h], 32);
        if (d->server == RECORDS_NONE) {
            fprintf(out, "%s\n", _("no server answers"));
            continue;
        }
        fprintf(out, _("from %s: %s"), server_format(&check_servers(c)->v[d->server], srv, sizeof srv),
                _(record_status_text(d->status)));
        if (d->status != REC_OK && d->status != REC_PENDING)
            fprintf(out, " (%s)", _(probe_outcome_text(d->outcome)));
        fputc('\n', out);
    }
}

static void report_verdict(FILE *out, struct check *c, const struct records_eval *e)
{
    struct cd_diag findings[RECORDS_FINDINGS_MAX];
    char text[1024];
    size_t n = records_findings(check_target(c), check_servers(c), e, findings,
                                RECORDS_FINDINGS_MAX);

    fputc('\n', out);
    switch (e->verdict) {
    case VERDICT_PASS:
        fprintf(out, "%s\n", _("Verdict: PASS: the node resolves both names to the right addresses."));
        break;
    case VERDICT_FAIL:
        fprintf(out, "%s\n", _("Verdict: FAIL: the node does not get the right host records."));
        break;
    default:
        fprintf(out, "%s\n", _("Verdict: INCOMPLETE: some servers have not answered yet."));
        break;
    }
    for (size_t k = 0; k < n; k++) {
        fputs("  * ", out);
        report_safe(out, diag_format(&findings[k], text, sizeof text));
        fputc('\n', out);
    }
}

void report_check(FILE *out, struct check *c)
{
    const struct records_eval *e = check_eval(c);

    if (!e) {
        fprintf(out, "%s\n", _("out of memory"));
        return;
    }
    report_header(out, c);
    report_servers(out, c, e);
    report_records(out, c, e);
    report_decisions(out, c, e);
    report_verdict(out, c, e);
}

void report_server_done(FILE *out, struct check *c, size_t server)
{
    const struct probe_answer *soa = check_answer(c, server, QUERY_SOA);
    char srv[SERVERS_TEXT_SIZE], buf[32];
    double slowest = 0;

    for (int q = 0; q < QUERY_COUNT; q++) {
        double rtt = check_answer(c, server, (enum records_query)q)->rtt_ms;
        slowest = rtt > slowest ? rtt : slowest;
    }
    fprintf(out, _("server %s: all answers in, after %s (zone: %s)\n"),
            server_format(&check_servers(c)->v[server], srv, sizeof srv),
            ms(slowest, buf, sizeof buf), _(probe_outcome_text(soa->outcome)));
    fflush(out);
}
