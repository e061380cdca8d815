/* changes: what `recheck` says changed between a file's last check and the new one, on check
 * runs built from synthetic answers (no network) and judged by records_evaluate: a verdict
 * that flipped, a server that stopped answering or answers again, a record whose state
 * changed, servers matched by address whatever their order. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "case_fixture.h"
#include "changes.h"

#define ISP "198.51.100.53"
#define LOCAL "172.16.8.5"
#define T0 ((time_t)1795608000)

/* The changes from a run of servers before (kinds kb) to one of after (kinds ka). */
static size_t between(const char *before, const enum fx_kind *kb, const char *after,
                      const enum fx_kind *ka, bool same_names, struct change *out, size_t max)
{
    struct checklist cl;
    struct check_digest b, a;
    size_t n;

    checklist_init(&cl);
    fx_run(&cl, before, kb, T0, "J. Martin");
    fx_run(&cl, after, ka, T0 + 60, "J. Martin");
    assert_int_equal(check_digest_of(&b, &cl.runs[0].servers, &cl.runs[0].eval), CD_OK);
    assert_int_equal(check_digest_of(&a, &cl.runs[1].servers, &cl.runs[1].eval), CD_OK);
    n = changes_between(&b, &a, same_names, out, max);
    check_digest_fini(&b);
    check_digest_fini(&a);
    checklist_fini(&cl);
    return n;
}

static void test_the_same_answers_change_nothing(void **state)
{
    static const enum fx_kind k[] = {FX_LOCAL_FULL, FX_INTERNET};
    struct change c[CHANGES_MAX];

    (void)state;
    assert_int_equal(between(LOCAL "," ISP, k, LOCAL "," ISP, k, true, c, CHANGES_MAX), 0);
}

/* The records removed from the local DNS: the verdict first, then each record that turned
 * missing there, and nothing on the Internet's DNS, which still knows nothing. */
static void test_records_that_turned_missing_follow_the_verdict(void **state)
{
    static const enum fx_kind was[] = {FX_LOCAL_FULL, FX_INTERNET};
    static const enum fx_kind now[] = {FX_LOCAL, FX_INTERNET};
    static const enum records_query q[] = {QUERY_EXCHANGE, QUERY_CLUSTER, QUERY_EXCHANGE_PTR,
                                           QUERY_CLUSTER_PTR};
    struct change c[CHANGES_MAX];
    size_t n = between(LOCAL "," ISP, was, LOCAL "," ISP, now, true, c, CHANGES_MAX);

    (void)state;
    assert_int_equal(n, 5);
    assert_int_equal(c[0].kind, CHANGE_VERDICT);
    assert_int_equal(c[0].was, VERDICT_PASS);
    assert_int_equal(c[0].now, VERDICT_FAIL);
    for (size_t i = 0; i < 4; i++) {
        assert_int_equal(c[1 + i].kind, CHANGE_RECORD);
        assert_int_equal(c[1 + i].server, 0);
        assert_int_equal(c[1 + i].query, q[i]);
        assert_int_equal(c[1 + i].before, REC_OK);
        assert_int_equal(c[1 + i].after, REC_MISSING);
    }
}

/* A server that stopped answering is one change: its records are not listed one by one. */
static void test_a_server_that_stopped_answering_is_one_change(void **state)
{
    static const enum fx_kind was[] = {FX_INTERNET, FX_LOCAL_FULL};
    static const enum fx_kind now[] = {FX_INTERNET, FX_SILENT};
    struct change c[CHANGES_MAX];
    size_t n = between(ISP "," LOCAL, was, ISP "," LOCAL, now, true, c, CHANGES_MAX);

    (void)state;
    assert_int_equal(n, 1);
    assert_int_equal(c[0].kind, CHANGE_SERVER_SILENT);
    assert_int_equal(c[0].server, 1);
}

static void test_a_server_that_answers_again_is_one_change(void **state)
{
    static const enum fx_kind was[] = {FX_LOCAL_FULL, FX_SILENT};
    static const enum fx_kind now[] = {FX_LOCAL_FULL, FX_INTERNET};
    struct change c[CHANGES_MAX];
    size_t n = between(LOCAL "," ISP, was, LOCAL "," ISP, now, true, c, CHANGES_MAX);

    (void)state;
    assert_int_equal(n, 1);
    assert_int_equal(c[0].kind, CHANGE_SERVER_BACK);
    assert_int_equal(c[0].server, 1);
}

/* The node's order changed, the servers did not: they are matched by address, so only the
 * verdict changes (the Internet's DNS is asked first now). */
static void test_servers_are_matched_by_address_not_position(void **state)
{
    static const enum fx_kind was[] = {FX_LOCAL_FULL, FX_INTERNET};
    static const enum fx_kind now[] = {FX_INTERNET, FX_LOCAL_FULL};
    struct change c[CHANGES_MAX];
    size_t n = between(LOCAL "," ISP, was, ISP "," LOCAL, now, true, c, CHANGES_MAX);

    (void)state;
    assert_int_equal(n, 1);
    assert_int_equal(c[0].kind, CHANGE_VERDICT);
    assert_int_equal(c[0].was, VERDICT_PASS);
    assert_int_equal(c[0].now, VERDICT_FAIL);
}

/* A wrong address on the local DNS: the record changed from ok to wrong. */
static void test_a_record_that_turned_wrong(void **state)
{
    static const enum fx_kind was[] = {FX_LOCAL_FULL};
    static const enum fx_kind now[] = {FX_LOCAL_WRONG};
    struct change c[CHANGES_MAX];
    size_t n = between(LOCAL, was, LOCAL, now, true, c, CHANGES_MAX);

    (void)state;
    assert_true(n >= 2);
    assert_int_equal(c[0].kind, CHANGE_VERDICT);
    assert_int_equal(c[1].kind, CHANGE_RECORD);
    assert_int_equal(c[1].query, QUERY_CLUSTER);
    assert_int_equal(c[1].before, REC_OK);
    assert_int_equal(c[1].after, REC_WRONG);
}

/* The last check was of other names: its records say nothing of these; that is said once. */
static void test_other_names_are_said_and_records_not_compared(void **state)
{
    static const enum fx_kind was[] = {FX_LOCAL_FULL, FX_INTERNET};
    static const enum fx_kind now[] = {FX_LOCAL, FX_INTERNET};
    struct change c[CHANGES_MAX];
    size_t n = between(LOCAL "," ISP, was, LOCAL "," ISP, now, false, c, CHANGES_MAX);

    (void)state;
    assert_int_equal(n, 2);
    assert_int_equal(c[0].kind, CHANGE_VERDICT);
    assert_int_equal(c[1].kind, CHANGE_NAMES);
}

/* A server not asked last time has nothing to compare with. */
static void test_a_server_new_to_the_list_changes_nothing(void **state)
{
    static const enum fx_kind was[] = {FX_LOCAL_FULL};
    static const enum fx_kind now[] = {FX_LOCAL_FULL, FX_SILENT};
    struct change c[CHANGES_MAX];

    (void)state;
    assert_int_equal(between(LOCAL, was, LOCAL "," ISP, now, true, c, CHANGES_MAX), 0);
}

static void test_no_more_than_max_changes_are_written(void **state)
{
    static const enum fx_kind was[] = {FX_LOCAL_FULL, FX_INTERNET};
    static const enum fx_kind now[] = {FX_LOCAL, FX_INTERNET};
    struct change c[2];

    (void)state;
    assert_int_equal(between(LOCAL "," ISP, was, LOCAL "," ISP, now, true, c, 2), 2);
    assert_int_equal(c[1].kind, CHANGE_RECORD);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_the_same_answers_change_nothing),
        cmocka_unit_test(test_records_that_turned_missing_follow_the_verdict),
        cmocka_unit_test(test_a_server_that_stopped_answering_is_one_change),
        cmocka_unit_test(test_a_server_that_answers_again_is_one_change),
        cmocka_unit_test(test_servers_are_matched_by_address_not_position),
        cmocka_unit_test(test_a_record_that_turned_wrong),
        cmocka_unit_test(test_other_names_are_said_and_records_not_compared),
        cmocka_unit_test(test_a_server_new_to_the_list_changes_nothing),
        cmocka_unit_test(test_no_more_than_max_changes_are_written),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
