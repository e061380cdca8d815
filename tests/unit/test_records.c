/* records: what the answers mean, the node's walk through its server order, the verdict,
 * the recommended order and the findings, from synthetic answers (no network). */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <arpa/inet.h>
#include <cmocka.h>

#include "check.h"
#include "records.h"

#define MAXS 4

struct scenario {
    struct records_target t;
    struct server_list servers;
    struct probe_answer answers[MAXS][QUERY_COUNT];
    struct records_eval e;
};

static void ip(struct cd_ip *out, const char *text)
{
    memset(out, 0, sizeof *out);
    out->family = strchr(text, ':') ? AF_INET6 : AF_INET;
    assert_int_equal(inet_pton(out->family, text, &out->u), 1);
    snprintf(out->text, sizeof out->text, "%s", text);
}

static void add_server(struct scenario *s, const char *addr, unsigned port)
{
    struct dns_server srv = {.port = port};

    ip(&srv.ip, addr);
    assert_int_equal(server_list_add(&s->servers, &srv, NULL), CD_OK);
}

static int setup(void **state)
{
    static struct scenario s;
    struct cd_diag d;

    memset(&s, 0, sizeof s);
    server_list_init(&s.servers);
    assert_int_equal(check_target_set(&s.t, "fabrikam.local", "EXSRV", "172.16.8.31", "CLUSTER1",
                                      "172.16.8.30", &d),
                     CD_OK);
    *state = &s;
    return 0;
}

static int teardown(void **state)
{
    struct scenario *s = *state;

    records_eval_fini(&s->e);
    server_list_fini(&s->servers);
    return 0;
}

static void answer(struct scenario *s, size_t i, enum records_query q, enum probe_outcome o,
                   const char *addr)
{
    struct probe_answer *a = &s->answers[i][q];

    a->outcome = o;
    a->rtt_ms = 1.5;
    if (o == PROBE_ANSWER && q == QUERY_SOA)
        a->authoritative = true;
    if (o == PROBE_ANSWER && addr && (q == QUERY_EXCHANGE || q == QUERY_CLUSTER))
        ip(&a->addrs[a->n_addrs++], addr);
    if (o == PROBE_ANSWER && addr && (q == QUERY_EXCHANGE_PTR || q == QUERY_CLUSTER_PTR))
        snprintf(a->target, sizeof a->target, "%s", addr);
}

/* A server that answers every question the same way. */
static void all(struct scenario *s, size_t i, enum probe_outcome o)
{
    for (int q = 0; q < QUERY_COUNT; q++)
        answer(s, i, (enum records_query)q, o, NULL);
}

/* The local DNS: authoritative; with or without the two host records. */
static void local(struct scenario *s, size_t i, bool holds)
{
    answer(s, i, QUERY_SOA, PROBE_ANSWER, NULL);
    answer(s, i, QUERY_EXCHANGE, holds ? PROBE_ANSWER : PROBE_NXDOMAIN, "172.16.8.31");
    answer(s, i, QUERY_CLUSTER, holds ? PROBE_ANSWER : PROBE_NXDOMAIN, "172.16.8.30");
    answer(s, i, QUERY_EXCHANGE_PTR, PROBE_NXDOMAIN, NULL);
    answer(s, i, QUERY_CLUSTER_PTR, PROBE_NXDOMAIN, NULL);
}

static void evaluate(struct scenario *s)
{
    records_eval_fini(&s->e);
    assert_int_equal(records_evaluate(&s->t, &s->servers,
                                      (const struct probe_answer(*)[QUERY_COUNT])s->answers, &s->e),
                     CD_OK);
}

static bool findings_have(struct scenario *s, const char *needle)
{
    struct cd_diag f[RECORDS_FINDINGS_MAX];
    char text[1024];
    size_t n = records_findings(&s->t, &s->servers, &s->e, f, RECORDS_FINDINGS_MAX);

    for (size_t k = 0; k < n; k++)
        if (strstr(diag_format_c(&f[k], text, sizeof text), needle))
            return true;
    return false;
}

static void test_kb_case_internet_first_and_records_missing_fails_naming_the_cause(void **state)
{
    struct scenario *s = *state;

    add_server(s, "198.51.100.53", 53);
    add_server(s, "172.16.8.5", 53);
    all(s, 0, PROBE_NXDOMAIN);
    local(s, 1, false);
    evaluate(s);

    assert_int_equal(s->e.server[0].role, ROLE_INTERNET);
    assert_int_equal(s->e.server[1].role, ROLE_LOCAL);
    assert_true(s->e.server[1].authoritative);
    assert_int_equal(s->e.decide[HOST_EXCHANGE].server, 0);
    assert_int_equal(s->e.decide[HOST_EXCHANGE].status, REC_MISSING);
    assert_int_equal(s->e.decide[HOST_EXCHANGE].cause, 0);
    assert_int_equal(s->e.decide[HOST_EXCHANGE].holder, RECORDS_NONE);
    assert_int_equal(s->e.verdict, VERDICT_FAIL);
    assert_int_equal(s->e.recommended[0], 1);
    assert_int_equal(s->e.recommended[1], 0);
    assert_true(records_order_changes(&s->e));
    assert_true(findings_have(s, "198.51.100.53, an Internet provider's DNS listed before"));
    assert_true(findings_have(s, "Add a host (A) record for exsrv.fabrikam.local on the local DNS "
                                 "172.16.8.5"));
    assert_true(findings_have(s, "order, local DNS first: 172.16.8.5, 198.51.100.53"));
}

static void test_records_added_but_internet_still_first_still_fails(void **state)
{
    struct scenario *s = *state;

    add_server(s, "198.51.100.53", 53);
    add_server(s, "172.16.8.5", 53);
    all(s, 0, PROBE_NXDOMAIN);
    local(s, 1, true);
    evaluate(s);

    assert_int_equal(s->e.decide[HOST_CLUSTER].holder, 1);
    assert_int_equal(s->e.decide[HOST_CLUSTER].server, 0);
    assert_int_equal(s->e.decide[HOST_CLUSTER].cause, 0);
    assert_int_equal(s->e.verdict, VERDICT_FAIL);
    assert_false(findings_have(s, "Add a host (A) record"));
}

static void test_local_first_with_records_passes(void **state)
{
    struct scenario *s = *state;

    add_server(s, "172.16.8.5", 53);
    add_server(s, "198.51.100.53", 53);
    local(s, 0, true);
    all(s, 1, PROBE_NXDOMAIN);
    evaluate(s);

    assert_int_equal(s->e.verdict, VERDICT_PASS);
    assert_int_equal(s->e.decide[HOST_EXCHANGE].server, 0);
    assert_int_equal(s->e.decide[HOST_EXCHANGE].status, REC_OK);
    assert_false(records_order_changes(&s->e));
    assert_true(findings_have(s, "exsrv.fabrikam.local resolves to the right address"));
}

static void check_moves_on(struct scenario *s, enum probe_outcome first)
{
    add_server(s, "172.16.8.9", 53);
    add_server(s, "172.16.8.5", 53);
    all(s, 0, first);
    local(s, 1, true);
    evaluate(s);
    assert_int_equal(s->e.decide[HOST_EXCHANGE].server, 1);
    assert_int_equal(s->e.verdict, VERDICT_PASS);
}

static void test_timeout_moves_on_to_the_next_server(void **state)
{
    check_moves_on(*state, PROBE_TIMEOUT);
}

static void test_servfail_moves_on_to_the_next_server(void **state)
{
    check_moves_on(*state, PROBE_SERVFAIL);
}

static void test_refused_moves_on_to_the_next_server(void **state)
{
    check_moves_on(*state, PROBE_REFUSED);
}

static void test_closed_port_and_garbage_move_on(void **state)
{
    struct scenario *s = *state;

    add_server(s, "172.16.8.9", 53);
    add_server(s, "172.16.8.10", 53);
    add_server(s, "172.16.8.5", 53);
    all(s, 0, PROBE_CONNREFUSED);
    all(s, 1, PROBE_MALFORMED);
    local(s, 2, true);
    evaluate(s);
    assert_int_equal(s->e.decide[HOST_CLUSTER].server, 2);
    assert_int_equal(s->e.verdict, VERDICT_PASS);
    assert_false(s->e.server[0].answered);
    assert_true(s->e.server[1].answered);
    assert_true(findings_have(s, "172.16.8.9 refused the connection"));
    assert_true(findings_have(s, "172.16.8.10 sent a reply that could not be read"));
}

static void test_no_data_ends_the_lookup_as_missing(void **state)
{
    struct scenario *s = *state;

    add_server(s, "172.16.8.5", 53);
    add_server(s, "172.16.8.6", 53);
    local(s, 0, true);
    answer(s, 0, QUERY_EXCHANGE, PROBE_NODATA, NULL);
    local(s, 1, true);
    evaluate(s);
    assert_int_equal(s->e.decide[HOST_EXCHANGE].server, 0);
    assert_int_equal(s->e.decide[HOST_EXCHANGE].status, REC_MISSING);
    assert_int_equal(s->e.decide[HOST_EXCHANGE].cause, RECORDS_NONE); /* a local server */
    assert_int_equal(s->e.decide[HOST_EXCHANGE].holder, 1);
    assert_int_equal(s->e.verdict, VERDICT_FAIL);
    assert_true(findings_have(s, "172.16.8.5 has no host (A) record for exsrv.fabrikam.local"));
}

static void test_wrong_address_is_reported_wrong(void **state)
{
    struct scenario *s = *state;

    add_server(s, "172.16.8.5", 53);
    local(s, 0, true);
    s->answers[0][QUERY_CLUSTER].n_addrs = 0;
    answer(s, 0, QUERY_CLUSTER, PROBE_ANSWER, "172.16.8.99");
    evaluate(s);
    assert_int_equal(s->e.server[0].status[QUERY_CLUSTER], REC_WRONG);
    assert_int_equal(s->e.decide[HOST_CLUSTER].status, REC_WRONG);
    assert_int_equal(s->e.verdict, VERDICT_FAIL);
    assert_true(findings_have(s, "172.16.8.5 answers for cluster1.fabrikam.local with "
                                 "172.16.8.99, another address than typed on step 3"));
    assert_true(findings_have(s, "change that host (A) record (delete it, add the right one)"));
}

static void test_a_zone_no_server_holds_is_named_and_blames_no_one(void **state)
{
    struct scenario *s = *state;

    /* A misspelt zone: every server says it does not exist, the Internet's and the local
     * one alike. */
    add_server(s, "198.51.100.53", 53);
    add_server(s, "172.16.8.5", 53);
    all(s, 0, PROBE_NXDOMAIN);
    all(s, 1, PROBE_NXDOMAIN);
    evaluate(s);
    assert_true(s->e.zone_nowhere);
    assert_int_equal(s->e.server[0].role, ROLE_UNKNOWN);
    assert_int_equal(s->e.server[1].role, ROLE_UNKNOWN);
    assert_int_equal(s->e.decide[HOST_EXCHANGE].cause, RECORDS_NONE);
    assert_int_equal(s->e.verdict, VERDICT_FAIL);
    assert_true(findings_have(s, "No DNS server holds the zone fabrikam.local: check its spelling"));
    assert_false(findings_have(s, "Internet provider's DNS"));
    /* One server holding it: no such finding. */
    local(s, 1, true);
    evaluate(s);
    assert_false(s->e.zone_nowhere);
    assert_false(findings_have(s, "No DNS server holds the zone"));
}

static void test_pending_first_server_is_incomplete_but_a_known_failure_fails(void **state)
{
    struct scenario *s = *state;

    add_server(s, "172.16.8.9", 53);
    add_server(s, "172.16.8.5", 53);
    local(s, 1, true);
    evaluate(s);
    assert_int_equal(s->e.decide[HOST_EXCHANGE].status, REC_PENDING);
    assert_int_equal(s->e.verdict, VERDICT_INCOMPLETE);

    answer(s, 0, QUERY_CLUSTER, PROBE_NXDOMAIN, NULL);
    evaluate(s);
    assert_int_equal(s->e.verdict, VERDICT_FAIL);
}

static void test_nobody_answers_fails_with_no_decider(void **state)
{
    struct scenario *s = *state;

    add_server(s, "172.16.8.9", 53);
    add_server(s, "198.51.100.1", 53);
    all(s, 0, PROBE_TIMEOUT);
    all(s, 1, PROBE_TIMEOUT);
    evaluate(s);
    assert_int_equal(s->e.decide[HOST_EXCHANGE].server, RECORDS_NONE);
    assert_int_equal(s->e.decide[HOST_EXCHANGE].status, REC_UNANSWERED);
    assert_int_equal(s->e.server[0].role, ROLE_UNKNOWN);  /* private, silent */
    assert_int_equal(s->e.server[1].role, ROLE_INTERNET); /* public */
    assert_true(s->e.server[0].rtt_ms < 0);
    assert_int_equal(s->e.verdict, VERDICT_FAIL);
    assert_true(findings_have(s, "No DNS server answered for exsrv.fabrikam.local"));
    assert_true(findings_have(s, "No listed DNS server answers with authority"));
    assert_true(findings_have(s, "172.16.8.9 did not answer (timeout)"));
}

/* The role comes from the answers first: a private server that refuses, fails or sends
 * garbage is not the local DNS; a public one that answers for the zone is. */
static void test_role_comes_from_the_answers_before_the_address(void **state)
{
    struct scenario *s = *state;
    static const enum probe_outcome unsure[] = {PROBE_REFUSED, PROBE_SERVFAIL, PROBE_MALFORMED,
                                                PROBE_TIMEOUT, PROBE_CONNREFUSED};

    add_server(s, "172.16.8.9", 53);   /* private */
    add_server(s, "198.51.100.1", 53); /* public */
    add_server(s, "198.51.100.2", 53); /* public, holds the zone */
    add_server(s, "172.16.8.10", 53);  /* private, does not know the zone */
    local(s, 2, true);
    all(s, 3, PROBE_NXDOMAIN);
    for (size_t k = 0; k < sizeof unsure / sizeof *unsure; k++) {
        all(s, 0, unsure[k]);
        all(s, 1, unsure[k]);
        evaluate(s);
        if (s->e.server[0].role != ROLE_UNKNOWN)
            fail_msg("a private server whose reply is %d is not known to be local", unsure[k]);
        assert_int_equal(s->e.server[1].role, ROLE_INTERNET);
        assert_int_equal(s->e.server[2].role, ROLE_LOCAL);
        assert_int_equal(s->e.server[3].role, ROLE_INTERNET);
    }
}

static void test_no_servers_fails(void **state)
{
    struct scenario *s = *state;

    evaluate(s);
    assert_int_equal(s->e.verdict, VERDICT_FAIL);
    assert_true(findings_have(s, "No DNS server to ask"));
}

static void test_recommended_order_is_holders_then_zone_servers_then_the_rest(void **state)
{
    struct scenario *s = *state;

    add_server(s, "198.51.100.53", 53); /* internet */
    add_server(s, "172.16.8.5", 53);    /* local, missing records */
    add_server(s, "172.16.8.9", 53);    /* silent */
    add_server(s, "172.16.8.6", 53);    /* local, holds them */
    all(s, 0, PROBE_NXDOMAIN);
    local(s, 1, false);
    all(s, 2, PROBE_TIMEOUT);
    local(s, 3, true);
    evaluate(s);
    assert_int_equal(s->e.recommended[0], 3);
    assert_int_equal(s->e.recommended[1], 1);
    assert_int_equal(s->e.recommended[2], 0);
    assert_int_equal(s->e.recommended[3], 2);
}

static void test_status_of_addresses_and_pointers(void **state)
{
    struct probe_answer a = {.outcome = PROBE_ANSWER};
    struct cd_ip want;

    (void)state;
    ip(&want, "172.16.8.31");
    ip(&a.addrs[0], "172.16.8.1");
    ip(&a.addrs[1], "172.16.8.31");
    a.n_addrs = 2;
    assert_int_equal(records_status_addr(&a, &want), REC_OK);
    a.n_addrs = 1;
    assert_int_equal(records_status_addr(&a, &want), REC_WRONG);
    a.outcome = PROBE_PENDING;
    assert_int_equal(records_status_addr(&a, &want), REC_PENDING);
    a.outcome = PROBE_NODATA;
    assert_int_equal(records_status_addr(&a, &want), REC_MISSING);
    a.outcome = PROBE_MALFORMED;
    assert_int_equal(records_status_addr(&a, &want), REC_UNANSWERED);

    a.outcome = PROBE_ANSWER;
    snprintf(a.target, sizeof a.target, "EXSRV.Fabrikam.Local.");
    assert_int_equal(records_status_ptr(&a, "exsrv.fabrikam.local"), REC_OK);
    assert_int_equal(records_status_ptr(&a, "exsrv.fabrikam.loca"), REC_WRONG);
    a.outcome = PROBE_NXDOMAIN;
    assert_int_equal(records_status_ptr(&a, "exsrv.fabrikam.local"), REC_MISSING);
}

static void test_target_rejects_equal_names_and_bad_fields(void **state)
{
    struct records_target t;
    struct cd_diag d;

    (void)state;
    assert_int_equal(check_target_set(&t, "fabrikam.local", "EXSRV", "172.16.8.31", "exsrv",
                                      "172.16.8.30", &d),
                     CD_EINVAL);
    /* The KB's must-differ rule, in the words and on the field the wizard shows it. */
    assert_string_equal(d.where, "cluster.name");
    assert_string_equal(d.field, "Cluster network name");
    assert_string_equal(d.arg1, "EXSRV");
    assert_int_equal(check_target_set(&t, "fabrikam.local", "EXSRV", "172.16.8.31", "CLUSTER1",
                                      "172.16.8.31", &d),
                     CD_EINVAL);
    assert_string_equal(d.where, "cluster.ip");
    assert_int_equal(check_target_set(&t, "fab..local", "EXSRV", "172.16.8.31", "CLUSTER1",
                                      "172.16.8.30", &d),
                     CD_EINVAL);
    assert_string_equal(d.where, "zone");
    assert_int_equal(check_target_set(&t, "fabrikam.local", "EXSRV", "127.0.0.1", "CLUSTER1",
                                      "172.16.8.30", &d),
                     CD_EINVAL);
    assert_string_equal(d.where, "exchange.ip");
    assert_int_equal(check_target_set(&t, "fabrikam.local", "EXSRV", "172.16.8.31",
                                      "CLUSTER_ONE_TOO_LONG", "172.16.8.30", &d),
                     CD_EINVAL);
    assert_string_equal(d.where, "cluster.name");
    assert_int_equal(check_target_set(&t, "Fabrikam.Local.", "EXSRV", "172.16.8.31", "CLUSTER1",
                                      "172.16.8.30", &d),
                     CD_OK);
    assert_string_equal(t.fqdn[HOST_CLUSTER], "cluster1.fabrikam.local");
    assert_string_equal(t.reverse[HOST_EXCHANGE], "31.8.16.172.in-addr.arpa");
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_kb_case_internet_first_and_records_missing_fails_naming_the_cause),
        T(test_records_added_but_internet_still_first_still_fails),
        T(test_local_first_with_records_passes),
        T(test_timeout_moves_on_to_the_next_server),
        T(test_servfail_moves_on_to_the_next_server),
        T(test_refused_moves_on_to_the_next_server),
        T(test_closed_port_and_garbage_move_on),
        T(test_no_data_ends_the_lookup_as_missing),
        T(test_wrong_address_is_reported_wrong),
        T(test_pending_first_server_is_incomplete_but_a_known_failure_fails),
        T(test_nobody_answers_fails_with_no_decider),
        T(test_role_comes_from_the_answers_before_the_address),
        T(test_no_servers_fails),
        T(test_recommended_order_is_holders_then_zone_servers_then_the_rest),
        cmocka_unit_test(test_status_of_addresses_and_pointers),
        T(test_a_zone_no_server_holds_is_named_and_blames_no_one),
        cmocka_unit_test(test_target_rejects_equal_names_and_bad_fields),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
