#include "config.h"

#include "case_fixture.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "check.h"

void fx_target(struct records_target *t)
{
    struct cd_diag d;

    assert_int_equal(check_target_set(t, "fabrikam.local", "EXSRV", "172.16.8.31", "CLUSTER1",
                                      "172.16.8.30", &d),
                     CD_OK);
}

void fx_servers(struct server_list *l, const char *csv)
{
    struct cd_diag d;

    server_list_init(l);
    assert_int_equal(servers_parse_list(csv, l, &d), CD_OK);
}

static void set(struct probe_answer *a, enum probe_outcome o)
{
    a->outcome = o;
    a->rtt_ms = o == PROBE_TIMEOUT ? -1 : 1.5;
}

static void addr(struct probe_answer *a, const char *text)
{
    struct cd_diag d;

    set(a, PROBE_ANSWER);
    assert_int_equal(names_ip_parse(text, &a->addrs[a->n_addrs++], NULL, &d), CD_OK);
}

void fx_answers(const struct records_target *t, enum fx_kind k,
                struct probe_answer out[QUERY_COUNT])
{
    static const enum probe_outcome all[] = {
        [FX_INTERNET] = PROBE_NXDOMAIN, [FX_REFUSING] = PROBE_REFUSED, [FX_SILENT] = PROBE_TIMEOUT};

    memset(out, 0, QUERY_COUNT * sizeof *out);
    out[QUERY_SOA].qtype = PROBE_SOA;
    snprintf(out[QUERY_SOA].qname, sizeof out[QUERY_SOA].qname, "%s", t->zone);
    for (int h = 0; h < HOST_COUNT; h++) {
        struct probe_answer *a = &out[h == HOST_EXCHANGE ? QUERY_EXCHANGE : QUERY_CLUSTER];
        struct probe_answer *p = &out[h == HOST_EXCHANGE ? QUERY_EXCHANGE_PTR : QUERY_CLUSTER_PTR];

        a->qtype = PROBE_A;
        snprintf(a->qname, sizeof a->qname, "%s", t->fqdn[h]);
        p->qtype = PROBE_PTR;
        snprintf(p->qname, sizeof p->qname, "%s", t->reverse[h]);
    }
    if (k == FX_INTERNET || k == FX_REFUSING || k == FX_SILENT) {
        for (int q = 0; q < QUERY_COUNT; q++)
            set(&out[q], all[k]);
        return;
    }
    set(&out[QUERY_SOA], k == FX_RESOLVER ? PROBE_REFUSED : PROBE_ANSWER);
    out[QUERY_SOA].authoritative = k != FX_RESOLVER;
    snprintf(out[QUERY_SOA].target, sizeof out[QUERY_SOA].target, "ns1.fabrikam.local");
    if (k == FX_LOCAL) {
        for (int q = QUERY_EXCHANGE; q < QUERY_COUNT; q++)
            set(&out[q], PROBE_NXDOMAIN);
        return;
    }
    addr(&out[QUERY_EXCHANGE], t->ip[HOST_EXCHANGE].text);
    addr(&out[QUERY_CLUSTER], k == FX_LOCAL_WRONG ? "172.16.8.99" : t->ip[HOST_CLUSTER].text);
    set(&out[QUERY_EXCHANGE_PTR], PROBE_ANSWER);
    snprintf(out[QUERY_EXCHANGE_PTR].target, sizeof out[QUERY_EXCHANGE_PTR].target, "%s",
             t->fqdn[HOST_EXCHANGE]);
    set(&out[QUERY_CLUSTER_PTR], PROBE_ANSWER);
    snprintf(out[QUERY_CLUSTER_PTR].target, sizeof out[QUERY_CLUSTER_PTR].target, "%s",
             t->fqdn[HOST_CLUSTER]);
}

size_t fx_run(struct checklist *cl, const char *csv, const enum fx_kind *kinds, time_t at,
              const char *op)
{
    static struct probe_answer answers[SERVERS_MAX][QUERY_COUNT];
    struct records_target t;
    struct server_list l;
    struct cl_who who = {.at = at};
    int m;

    fx_target(&t);
    fx_servers(&l, csv);
    for (size_t i = 0; i < l.n; i++)
        fx_answers(&t, kinds[i], answers[i]);
    snprintf(who.operator_name, sizeof who.operator_name, "%s", op ? op : "");
    snprintf(who.ticket, sizeof who.ticket, "INC-4711");
    checklist_set_target(cl, &t);
    m = checklist_add_check(cl, &t, &l, (const struct probe_answer(*)[QUERY_COUNT])answers, &who);
    assert_true(m >= 0);
    server_list_fini(&l);
    return (size_t)m;
}
