#include "config.h"

#include "records.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "diag.h"
#include "i18n.h"

bool records_target_equal(const struct records_target *a, const struct records_target *b)
{
    if (strcmp(a->zone, b->zone) != 0)
        return false;
    for (int h = 0; h < HOST_COUNT; h++)
        if (strcmp(a->name[h], b->name[h]) != 0 || strcmp(a->fqdn[h], b->fqdn[h]) != 0 ||
            !names_ip_equal(&a->ip[h], &b->ip[h]))
            return false;
    return true;
}

enum record_status records_status_addr(const struct probe_answer *a, const struct cd_ip *want)
{
    switch (a->outcome) {
    case PROBE_PENDING:
        return REC_PENDING;
    case PROBE_ANSWER:
        for (size_t i = 0; i < a->n_addrs; i++)
            if (names_ip_equal(&a->addrs[i], want))
                return REC_OK;
        return REC_WRONG;
    case PROBE_NXDOMAIN:
    case PROBE_NODATA:
        return REC_MISSING;
    default:
        return REC_UNANSWERED;
    }
}

/* DNS names compare without case and without a trailing dot. */
static bool same_name(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);

    if (la && a[la - 1] == '.')
        la--;
    if (lb && b[lb - 1] == '.')
        lb--;
    return la == lb && strncasecmp(a, b, la) == 0;
}

enum record_status records_status_ptr(const struct probe_answer *a, const char *want_fqdn)
{
    switch (a->outcome) {
    case PROBE_PENDING:
        return REC_PENDING;
    case PROBE_ANSWER:
        return same_name(a->target, want_fqdn) ? REC_OK : REC_WRONG;
    case PROBE_NXDOMAIN:
    case PROBE_NODATA:
        return REC_MISSING;
    default:
        return REC_UNANSWERED;
    }
}

/* A reply of any kind proves the server is there; silence and a closed port do not. */
static bool outcome_is_reply(enum probe_outcome o)
{
    return o != PROBE_PENDING && o != PROBE_TIMEOUT && o != PROBE_CONNREFUSED && o != PROBE_FAILED;
}

/* The Windows DNS client takes an answer or a negative answer as final; anything else
 * (timeout, SERVFAIL, REFUSED, a closed port, garbage) sends it to the next server. */
static bool outcome_decides(enum probe_outcome o)
{
    return o == PROBE_ANSWER || o == PROBE_NXDOMAIN || o == PROBE_NODATA;
}

/* A server's role, from its answers first: it answers for the zone (local), or says the
 * zone does not exist (the Internet's). Only when it says neither does its address count: a
 * public one is the Internet's; a private one that refuses, fails or is silent is not known
 * to be the local DNS, whatever network it sits on. */
static enum server_role classify(const struct dns_server *s, const struct probe_answer *soa)
{
    if (soa->outcome == PROBE_ANSWER)
        return ROLE_LOCAL;
    if (soa->outcome == PROBE_NXDOMAIN)
        return ROLE_INTERNET;
    return names_ip_is_private(&s->ip) ? ROLE_UNKNOWN : ROLE_INTERNET;
}

static void evaluate_server(const struct records_target *t, const struct dns_server *s,
                            const struct probe_answer *ans, struct records_server *out)
{
    const struct probe_answer *soa = &ans[QUERY_SOA];

    out->role = classify(s, soa);
    out->answered = false;
    out->not_asked = 0;
    for (int q = 0; q < QUERY_COUNT; q++) {
        out->answered = out->answered || outcome_is_reply(ans[q].outcome);
        if (ans[q].outcome == PROBE_FAILED && ans[q].error && !out->not_asked)
            out->not_asked = ans[q].error;
    }
    out->soa = soa->outcome;
    snprintf(out->soa_bad_name, sizeof out->soa_bad_name, "%s",
             soa->outcome == PROBE_MALFORMED ? soa->target : "");
    out->authoritative = soa->outcome == PROBE_ANSWER && soa->authoritative;
    out->rtt_ms = outcome_is_reply(soa->outcome) ? soa->rtt_ms : -1.0;
    out->status[QUERY_SOA] = REC_PENDING;
    out->status[QUERY_EXCHANGE] = records_status_addr(&ans[QUERY_EXCHANGE], &t->ip[HOST_EXCHANGE]);
    out->status[QUERY_CLUSTER] = records_status_addr(&ans[QUERY_CLUSTER], &t->ip[HOST_CLUSTER]);
    for (int h = 0; h < HOST_COUNT; h++) {
        const struct probe_answer *a = &ans[h == HOST_EXCHANGE ? QUERY_EXCHANGE : QUERY_CLUSTER];

        out->wrong_addr[h][0] = '\0';
        if (out->status[h == HOST_EXCHANGE ? QUERY_EXCHANGE : QUERY_CLUSTER] == REC_WRONG &&
            a->n_addrs)
            snprintf(out->wrong_addr[h], sizeof out->wrong_addr[h], "%s", a->addrs[0].text);
    }
    out->status[QUERY_EXCHANGE_PTR] =
        records_status_ptr(&ans[QUERY_EXCHANGE_PTR], t->fqdn[HOST_EXCHANGE]);
    out->status[QUERY_CLUSTER_PTR] =
        records_status_ptr(&ans[QUERY_CLUSTER_PTR], t->fqdn[HOST_CLUSTER]);
}

size_t records_walk(const enum probe_outcome *outcomes, size_t n, bool *pending)
{
    if (pending)
        *pending = false;
    for (size_t i = 0; i < n; i++) {
        if (outcomes[i] == PROBE_PENDING) {
            /* The node's result hangs on this server: not known yet. */
            if (pending)
                *pending = true;
            return i;
        }
        if (outcome_decides(outcomes[i]))
            return i;
    }
    return RECORDS_NONE;
}

/* Walks the order as the node does for one name. */
static void decide(const struct records_eval *e, const struct probe_answer (*answers)[QUERY_COUNT],
                   enum records_query q, struct records_decision *out)
{
    enum probe_outcome o[SERVERS_MAX];
    bool pending;

    for (size_t i = 0; i < e->n; i++)
        o[i] = answers[i][q].outcome;
    out->server = records_walk(o, e->n, &pending);
    out->status = REC_UNANSWERED;
    out->outcome = PROBE_PENDING;
    out->holder = RECORDS_NONE;
    out->cause = RECORDS_NONE;
    if (out->server != RECORDS_NONE) {
        out->status = pending ? REC_PENDING : e->server[out->server].status[q];
        out->outcome = o[out->server];
    }
    for (size_t i = 0; i < e->n; i++) {
        if (e->server[i].status[q] == REC_OK) {
            out->holder = i;
            break;
        }
    }
    if (out->server != RECORDS_NONE && out->status == REC_MISSING &&
        e->server[out->server].role == ROLE_INTERNET)
        out->cause = out->server;
}

static int rank(const struct records_eval *e, const struct probe_answer (*answers)[QUERY_COUNT],
                size_t i)
{
    const struct records_server *s = &e->server[i];
    bool holds = s->status[QUERY_EXCHANGE] == REC_OK && s->status[QUERY_CLUSTER] == REC_OK;

    if (s->authoritative && holds)
        return 0;
    if (answers[i][QUERY_SOA].outcome == PROBE_ANSWER)
        return 1;
    return 2;
}

static void recommend(struct records_eval *e, const struct probe_answer (*answers)[QUERY_COUNT])
{
    size_t k = 0;

    /* A stable three-bucket sort: best servers first, each bucket in the original order. */
    for (int r = 0; r <= 2; r++)
        for (size_t i = 0; i < e->n; i++)
            if (rank(e, answers, i) == r)
                e->recommended[k++] = i;
}

/* No server holds the zone (see records_eval.zone_nowhere): nobody is called the Internet's
 * for saying so, since which one is the local DNS cannot be told. */
static void find_zone_nowhere(struct records_eval *e)
{
    bool nxdomain = false;

    for (size_t i = 0; i < e->n; i++) {
        enum probe_outcome o = e->server[i].soa;

        if (o == PROBE_ANSWER || o == PROBE_PENDING)
            return;
        nxdomain = nxdomain || o == PROBE_NXDOMAIN;
    }
    if (!nxdomain)
        return;
    e->zone_nowhere = true;
    for (size_t i = 0; i < e->n; i++)
        if (e->server[i].soa == PROBE_NXDOMAIN)
            e->server[i].role = ROLE_UNKNOWN;
}

int records_evaluate(const struct records_target *t, const struct server_list *servers,
                     const struct probe_answer (*answers)[QUERY_COUNT], struct records_eval *out)
{
    size_t n = servers->n;

    memset(out, 0, sizeof *out);
    out->server = calloc(n ? n : 1, sizeof *out->server);
    out->recommended = calloc(n ? n : 1, sizeof *out->recommended);
    if (!out->server || !out->recommended) {
        records_eval_fini(out);
        return CD_ENOMEM;
    }
    out->n = n;
    for (size_t i = 0; i < n; i++)
        evaluate_server(t, &servers->v[i], answers[i], &out->server[i]);
    find_zone_nowhere(out);
    decide(out, answers, QUERY_EXCHANGE, &out->decide[HOST_EXCHANGE]);
    decide(out, answers, QUERY_CLUSTER, &out->decide[HOST_CLUSTER]);
    recommend(out, answers);

    /* One name the node gets wrong is enough to fail; a pass needs both settled. */
    out->verdict = n ? VERDICT_PASS : VERDICT_FAIL;
    for (int h = 0; h < HOST_COUNT; h++)
        if (out->decide[h].status == REC_PENDING && out->verdict == VERDICT_PASS)
            out->verdict = VERDICT_INCOMPLETE;
    for (int h = 0; h < HOST_COUNT; h++)
        if (out->decide[h].status != REC_PENDING && out->decide[h].status != REC_OK)
            out->verdict = VERDICT_FAIL;
    /* What this host could not ask is not known: no pass on it. */
    for (size_t i = 0; i < n && out->verdict == VERDICT_PASS; i++)
        if (out->server[i].not_asked)
            out->verdict = VERDICT_INCOMPLETE;
    return CD_OK;
}

void records_eval_fini(struct records_eval *e)
{
    free(e->server);
    free(e->recommended);
    memset(e, 0, sizeof *e);
}

bool records_order_changes(const struct records_eval *e)
{
    for (size_t i = 0; i < e->n; i++)
        if (e->recommended[i] != i)
            return true;
    return false;
}

struct findings {
    struct cd_diag *v;
    size_t n, max;
};

static void add3(struct findings *f, const char *fmt, const char *a1, const char *a2,
                 const char *a3)
{
    if (f->n < f->max)
        diag_set3(&f->v[f->n++], CD_OK, NULL, NULL, fmt, a1, a2, a3);
}

static void add(struct findings *f, const char *fmt, const char *a1, const char *a2)
{
    add3(f, fmt, a1, a2, NULL);
}

static const char *server_text(const struct server_list *servers, size_t i, char *buf)
{
    return server_format(&servers->v[i], buf, SERVERS_TEXT_SIZE);
}

/* The first server that answers for the zone with authority: the local DNS. */
static size_t local_dns(const struct records_eval *e)
{
    for (size_t i = 0; i < e->n; i++)
        if (e->server[i].authoritative)
            return i;
    return RECORDS_NONE;
}

static void explain_host(const struct records_target *t, const struct server_list *servers,
                         const struct records_eval *e, int h, struct findings *f)
{
    const struct records_decision *dc = &e->decide[h];
    const char *fqdn = t->fqdn[h];
    char srv[SERVERS_TEXT_SIZE], loc[SERVERS_TEXT_SIZE];
    size_t local = local_dns(e);

    if (dc->status == REC_PENDING)
        return;
    if (dc->server == RECORDS_NONE) {
        add(f, N_("No DNS server answered for %1$s: the node cannot resolve it."), fqdn, NULL);
    } else if (dc->status == REC_OK) {
        add(f, N_("%1$s resolves to the right address, from %2$s."), fqdn,
            server_text(servers, dc->server, srv));
        return;
    } else if (dc->cause != RECORDS_NONE) {
        add(f,
            N_("%1$s, an Internet provider's DNS listed before the local DNS, says \"name does "
               "not exist\" for %2$s: the node never asks the local DNS."),
            server_text(servers, dc->cause, srv), fqdn);
    } else if (dc->status == REC_WRONG) {
        add3(f,
             N_("%1$s answers for %2$s with %3$s, another address than typed on step 3: when "
                "the typed one is right, change that host (A) record (delete it, add the right "
                "one)."),
             server_text(servers, dc->server, srv), fqdn, e->server[dc->server].wrong_addr[h]);
    } else if (dc->status == REC_MISSING && e->zone_nowhere) {
        return; /* the zone's finding says why */
    } else if (dc->status == REC_MISSING) {
        add(f, N_("%1$s has no host (A) record for %2$s."), server_text(servers, dc->server, srv),
            fqdn);
    }
    if (dc->holder != RECORDS_NONE)
        return;
    if (local != RECORDS_NONE)
        add(f, N_("Add a host (A) record for %1$s on the local DNS %2$s."), fqdn,
            server_text(servers, local, loc));
    else
        add(f, N_("No listed DNS server holds a host (A) record for %1$s."), fqdn, NULL);
}

static void explain_server(const struct server_list *servers, size_t i,
                           const struct records_server *rs, struct findings *f)
{
    char srv[SERVERS_TEXT_SIZE];
    const char *fmt = NULL;

    if (rs->not_asked) {
        switch (rs->not_asked) {
        case EMFILE:
            fmt = N_("%1$s was not asked: this process ran out of file descriptors (ulimit "
                     "-n); no verdict rests on it.");
            break;
        case ENFILE:
            fmt = N_("%1$s was not asked: the system ran out of file descriptors; no verdict "
                     "rests on it.");
            break;
        case ENOMEM:
        case ENOBUFS:
            fmt = N_("%1$s was not asked: out of memory; no verdict rests on it.");
            break;
        default:
            fmt = N_("%1$s was not asked: a local error; no verdict rests on it.");
            break;
        }
        add(f, fmt, server_text(servers, i, srv), NULL);
        return;
    }
    switch (rs->soa) {
    case PROBE_TIMEOUT:
        fmt = N_("%1$s did not answer (timeout).");
        break;
    case PROBE_CONNREFUSED:
        fmt = N_("%1$s refused the connection: no DNS server listens there.");
        break;
    case PROBE_REFUSED:
        fmt = N_("%1$s refuses to answer for the zone (REFUSED).");
        break;
    case PROBE_SERVFAIL:
        fmt = N_("%1$s fails to answer for the zone (SERVFAIL).");
        break;
    case PROBE_MALFORMED:
        if (rs->soa_bad_name[0]) {
            add(f, N_("%1$s names the zone's primary server %2$s: that is no host name."),
                server_text(servers, i, srv), rs->soa_bad_name);
            return;
        }
        fmt = N_("%1$s sent a reply that could not be read.");
        break;
    case PROBE_TRUNCATED:
        fmt = N_("%1$s sent a truncated reply and did not answer over TCP (is TCP port 53 "
                 "open to it?).");
        break;
    default:
        return;
    }
    add(f, fmt, server_text(servers, i, srv), NULL);
}

size_t records_findings(const struct records_target *t, const struct server_list *servers,
                        const struct records_eval *e, struct cd_diag *out, size_t max)
{
    struct findings f = {out, 0, max};

    if (e->n == 0) {
        add(&f, N_("No DNS server to ask: give the node's DNS servers."), NULL, NULL);
        return f.n;
    }
    if (e->zone_nowhere)
        add(&f, N_("No DNS server holds the zone %1$s: check its spelling (step 3), and that "
                   "the local DNS is in the node's list."),
            t->zone, NULL);
    for (int h = 0; h < HOST_COUNT; h++)
        explain_host(t, servers, e, h, &f);
    for (size_t i = 0; i < e->n; i++)
        explain_server(servers, i, &e->server[i], &f);
    if (local_dns(e) == RECORDS_NONE && e->verdict != VERDICT_INCOMPLETE && !e->zone_nowhere)
        add(&f, N_("No listed DNS server answers with authority for the zone %1$s: add the local "
                   "DNS server to the node's list."),
            t->zone, NULL);
    if (records_order_changes(e)) {
        char order[SERVERS_MAX * SERVERS_TEXT_SIZE / 4] = "", srv[SERVERS_TEXT_SIZE];
        size_t len = 0;

        for (size_t k = 0; k < e->n && len < sizeof order; k++)
            len += (size_t)snprintf(order + len, sizeof order - len, "%s%s", k ? ", " : "",
                                    server_text(servers, e->recommended[k], srv));
        add(&f, N_("Put the DNS servers in this order, local DNS first: %1$s."), order, NULL);
    }
    return f.n;
}

const char *record_status_text(enum record_status s)
{
    static const char *const texts[] = {N_("pending"), N_("ok"), N_("missing"), N_("wrong"),
                                        N_("unanswered")};
    return (unsigned)s < sizeof texts / sizeof *texts ? texts[s] : texts[0];
}
