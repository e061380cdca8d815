#include "config.h"

#include "check.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "i18n.h"

struct check {
    struct records_target target;
    struct server_list servers;
    int timeout_ms;
    check_server_cb on_server;
    void *arg;

    struct probe *probe;
    struct probe_answer (*answers)[QUERY_COUNT]; /* [server][question] */
    size_t *left;                  /* questions still open, per server */
    unsigned char *question;       /* enum records_query of each probe query number */
    size_t n_questions;
    struct records_eval eval;
    bool eval_stale;
};

/* The names module fills the message; the path of the field is ours to give. */
static int at(int rc, struct cd_diag *d, const char *where)
{
    if (rc < 0 && d)
        snprintf(d->where, sizeof d->where, "%s", where);
    return rc;
}

static int set_host(struct records_target *t, int h, const char *name, const char *ip,
                    const char *name_field, const char *ip_field, const char *where_name,
                    const char *where_ip, struct cd_diag *d)
{
    int rc;

    if ((rc = at(names_netbios(name, name_field, d), d, where_name)) < 0)
        return rc;
    if ((rc = at(names_resource_ip(ip, &t->ip[h], ip_field, d), d, where_ip)) < 0)
        return rc;
    if ((rc = at(names_fqdn(name, t->zone, t->fqdn[h], sizeof t->fqdn[h], name_field, d), d,
                 where_name)) < 0)
        return rc;
    snprintf(t->name[h], sizeof t->name[h], "%s", name);
    return names_reverse(&t->ip[h], t->reverse[h], sizeof t->reverse[h]);
}

int check_target_set(struct records_target *t, const char *zone, const char *exchange_name,
                     const char *exchange_ip, const char *cluster_name, const char *cluster_ip,
                     struct cd_diag *d)
{
    int rc;

    memset(t, 0, sizeof *t);
    if ((rc = at(names_zone(zone, t->zone, sizeof t->zone, N_("Zone"), d), d, "zone")) < 0)
        return rc;
    if ((rc = set_host(t, HOST_EXCHANGE, exchange_name, exchange_ip, N_("Exchange network name"),
                       N_("Exchange IP address"), "exchange.name", "exchange.ip", d)) < 0)
        return rc;
    if ((rc = set_host(t, HOST_CLUSTER, cluster_name, cluster_ip, N_("Cluster network name"),
                       N_("Cluster IP address"), "cluster.name", "cluster.ip", d)) < 0)
        return rc;
    return names_distinct(t->name[HOST_EXCHANGE], &t->ip[HOST_EXCHANGE], t->name[HOST_CLUSTER],
                          &t->ip[HOST_CLUSTER], d);
}

struct check *check_new(const struct records_target *t, const struct server_list *servers,
                        int timeout_ms, check_server_cb on_server, void *arg)
{
    struct check *c = calloc(1, sizeof *c);

    if (!c)
        return NULL;
    c->target = *t;
    server_list_init(&c->servers);
    c->timeout_ms = timeout_ms;
    c->on_server = on_server;
    c->arg = arg;
    c->answers = calloc(servers->n ? servers->n : 1, sizeof *c->answers);
    c->left = calloc(servers->n ? servers->n : 1, sizeof *c->left);
    c->question = calloc(servers->n * QUERY_COUNT + 1, 1);
    if (!c->answers || !c->left || !c->question || server_list_copy(&c->servers, servers) < 0) {
        check_free(c);
        return NULL;
    }
    c->eval_stale = true;
    return c;
}

void check_free(struct check *c)
{
    if (!c)
        return;
    probe_free(c->probe); /* before the arrays: it calls back for what is pending */
    records_eval_fini(&c->eval);
    server_list_fini(&c->servers);
    free(c->answers);
    free(c->left);
    free(c->question);
    free(c);
}

static void on_answer(void *arg, size_t server, size_t query, const struct probe_answer *a)
{
    struct check *c = arg;

    if (server >= c->servers.n || query >= c->n_questions)
        return;
    c->answers[server][c->question[query]] = *a;
    c->eval_stale = true;
    if (c->left[server] > 0 && --c->left[server] == 0 && c->on_server)
        c->on_server(c->arg, server);
}

void check_question(const struct records_target *t, enum records_query q, enum probe_qtype *type,
                    const char **qname)
{
    int h = (q == QUERY_EXCHANGE || q == QUERY_EXCHANGE_PTR) ? HOST_EXCHANGE : HOST_CLUSTER;

    switch (q) {
    case QUERY_SOA:
        *type = PROBE_SOA;
        *qname = t->zone;
        break;
    case QUERY_EXCHANGE:
    case QUERY_CLUSTER:
        *type = t->ip[h].family == AF_INET6 ? PROBE_AAAA : PROBE_A;
        *qname = t->fqdn[h];
        break;
    default:
        *type = PROBE_PTR;
        *qname = t->reverse[h];
        break;
    }
}

static int ask(struct check *c, size_t server, enum records_query q, struct cd_diag *d)
{
    enum probe_qtype type;
    const char *qname;
    int id;

    check_question(&c->target, q, &type, &qname);
    c->answers[server][q].qtype = type;
    snprintf(c->answers[server][q].qname, sizeof c->answers[server][q].qname, "%s", qname);
    c->question[c->n_questions] = (unsigned char)q;
    c->n_questions++;
    c->left[server]++;
    id = probe_send(c->probe, server, type, qname);
    if (id < 0) {
        c->n_questions--;
        c->left[server]--;
        return diag_set(d, id, NULL, NULL, N_("cannot send a DNS query for %1$s"), qname, NULL);
    }
    return CD_OK;
}

int check_start(struct check *c, struct cd_diag *d)
{
    int rc;

    probe_free(c->probe);
    c->probe = probe_new(c->timeout_ms, on_answer, c);
    if (!c->probe)
        return diag_set(d, CD_EDNS, NULL, NULL, N_("cannot start the DNS resolver library"), NULL,
                        NULL);
    memset(c->answers, 0, c->servers.n * sizeof *c->answers);
    memset(c->left, 0, c->servers.n * sizeof *c->left);
    c->n_questions = 0;
    c->eval_stale = true;
    for (size_t i = 0; i < c->servers.n; i++)
        if ((rc = probe_add_server(c->probe, &c->servers.v[i], d)) < 0)
            return rc;
    /* Every question to every server before any answer is read: all in flight at once. */
    for (size_t i = 0; i < c->servers.n; i++)
        for (int q = 0; q < QUERY_COUNT; q++)
            if ((rc = ask(c, i, (enum records_query)q, d)) < 0)
                return rc;
    return CD_OK;
}

bool check_done(const struct check *c)
{
    return !c->probe || probe_pending(c->probe) == 0;
}

size_t check_pollfds(struct check *c, struct pollfd *fds, size_t max)
{
    return c->probe ? probe_pollfds(c->probe, fds, max) : 0;
}

int check_timeout(struct check *c, int max_ms)
{
    return c->probe ? probe_timeout(c->probe, max_ms) : max_ms;
}

void check_process(struct check *c, const struct pollfd *fds, size_t n)
{
    if (c->probe)
        probe_process(c->probe, fds, n);
}

int check_run(struct check *c, struct cd_diag *d)
{
    struct pollfd fds[256];

    while (!check_done(c)) {
        size_t n = check_pollfds(c, fds, sizeof fds / sizeof *fds);

        if (poll(fds, n, check_timeout(c, 1000)) < 0 && errno != EINTR)
            return diag_set(d, CD_EIO, NULL, NULL, N_("waiting for DNS replies failed: %1$s"),
                            strerror(errno), NULL);
        check_process(c, fds, n);
    }
    return CD_OK;
}

const struct server_list *check_servers(const struct check *c)
{
    return &c->servers;
}

const struct records_target *check_target(const struct check *c)
{
    return &c->target;
}

const struct probe_answer *check_answer(const struct check *c, size_t server, enum records_query q)
{
    return server < c->servers.n ? &c->answers[server][q] : NULL;
}

const struct records_eval *check_eval(struct check *c)
{
    if (c->eval_stale) {
        records_eval_fini(&c->eval);
        if (records_evaluate(&c->target, &c->servers,
                             (const struct probe_answer(*)[QUERY_COUNT])c->answers, &c->eval) < 0)
            return NULL;
        c->eval_stale = false;
    }
    return &c->eval;
}

int check_to_checklist(struct check *c, struct checklist *cl, const struct cl_who *who)
{
    return checklist_add_check(cl, &c->target, &c->servers,
                               (const struct probe_answer(*)[QUERY_COUNT])c->answers, who);
}
