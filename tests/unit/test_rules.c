/* rules: one test per rule of the case, on journals built from synthetic check runs (no
 * network): what "done" means for the KB's host records and DNS order steps, and the fix
 * to make, always from the last check. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "case_fixture.h"
#include "rules.h"

#define ISP "198.51.100.53"
#define LOCAL "172.16.8.5"
#define T0 ((time_t)1795608000) /* 2026-11-25T12:00:00Z */

static const enum fx_kind isp_then_empty[] = {FX_INTERNET, FX_LOCAL};
static const enum fx_kind isp_then_full[] = {FX_INTERNET, FX_LOCAL_FULL};
static const enum fx_kind full_then_isp[] = {FX_LOCAL_FULL, FX_INTERNET};
static const enum fx_kind empty_then_isp[] = {FX_LOCAL, FX_INTERNET};

static void found(struct checklist *cl, const char *csv)
{
    struct server_list l;
    struct cl_who who = {.at = T0, .operator_name = "J. Martin"};

    fx_servers(&l, csv);
    assert_int_equal(checklist_set_found(cl, &l, &who), CD_OK);
    server_list_fini(&l);
}

static void plan(struct checklist *cl, const char *csv)
{
    struct server_list l;
    struct cl_who who = {.at = T0 + 5};

    fx_servers(&l, csv);
    assert_int_equal(checklist_note_servers(cl, &l, true, &who), CD_OK);
    server_list_fini(&l);
}

static bool order_is(const struct server_list *l, const char *csv)
{
    struct server_list want;
    bool same;

    fx_servers(&want, csv);
    same = l && server_list_equal(l, &want);
    server_list_fini(&want);
    return same;
}

/* ---- host records ------------------------------------------------------------------------ */

/* The KB: "within the local network DNS, add host (A) records". Where the node looks first
 * does not matter for this step; a server that is not the local DNS holding them does not
 * count, nor does a local DNS holding only one, or a wrong one. */
static void test_records_are_held_when_a_local_dns_holds_both_right(void **state)
{
    static const enum fx_kind wrong[] = {FX_INTERNET, FX_LOCAL_WRONG};
    static const enum fx_kind cache_first[] = {FX_RESOLVER, FX_LOCAL};
    struct checklist cl;

    (void)state;
    checklist_init(&cl);
    assert_false(rules_records_held(checklist_last_check(&cl)));
    fx_run(&cl, ISP "," LOCAL, isp_then_full, T0, NULL);
    assert_true(rules_records_held(checklist_last_check(&cl))); /* the Internet DNS first */
    fx_run(&cl, ISP "," LOCAL, isp_then_empty, T0, NULL);
    assert_false(rules_records_held(checklist_last_check(&cl)));
    fx_run(&cl, ISP "," LOCAL, wrong, T0, NULL);
    assert_false(rules_records_held(checklist_last_check(&cl)));
    fx_run(&cl, "172.16.8.9," LOCAL, cache_first, T0, NULL); /* a cache is not the local DNS */
    assert_false(rules_records_held(checklist_last_check(&cl)));
    checklist_fini(&cl);
}

/* ---- the DNS order ------------------------------------------------------------------------- */

/* Done when the node's order as found already puts a server holding the records first. */
static void test_order_holds_when_the_order_found_resolves_both_names(void **state)
{
    struct checklist cl;

    (void)state;
    checklist_init(&cl);
    found(&cl, ISP "," LOCAL);
    assert_false(rules_order_holds(&cl)); /* no check */
    fx_run(&cl, ISP "," LOCAL, isp_then_full, T0, NULL);
    assert_false(rules_order_holds(&cl)); /* the Internet DNS says it does not exist */
    checklist_fini(&cl);

    checklist_init(&cl);
    found(&cl, LOCAL "," ISP);
    fx_run(&cl, LOCAL "," ISP, full_then_isp, T0, NULL);
    assert_true(rules_order_holds(&cl));
    /* The local DNS first without the records: the order is right, the records are the
     * other step's. */
    fx_run(&cl, LOCAL "," ISP, empty_then_isp, T0 + 10, NULL);
    assert_true(rules_order_holds(&cl));
    assert_int_equal(rules_step(&cl, STEP_HOST_RECORDS), STEP_FAILED);
    checklist_fini(&cl);

    /* A resolver that is not the local DNS, first, without the records: not right. */
    checklist_init(&cl);
    found(&cl, "172.16.8.9," LOCAL);
    fx_run(&cl, "172.16.8.9," LOCAL, (const enum fx_kind[]){FX_INTERNET, FX_LOCAL_FULL}, T0,
           NULL);
    assert_false(rules_order_holds(&cl));
    checklist_fini(&cl);

    /* A silent or refusing server first: the node moves on to the local DNS. */
    checklist_init(&cl);
    found(&cl, "172.16.8.9,172.16.8.10," LOCAL);
    fx_run(&cl, "172.16.8.9,172.16.8.10," LOCAL,
           (const enum fx_kind[]){FX_SILENT, FX_REFUSING, FX_LOCAL_FULL}, T0, NULL);
    assert_true(rules_order_holds(&cl));
    checklist_fini(&cl);
}

/* The wizard's list is a plan: the node's order as found still decides, whatever a check of
 * the planned order says, until the operator confirms it was changed on the node. */
static void test_order_holds_only_once_the_change_is_confirmed_on_the_node(void **state)
{
    struct checklist cl;
    struct cl_who who = {.at = T0 + 60, .operator_name = "A. Dupont"};
    struct cd_diag d;

    (void)state;
    checklist_init(&cl);
    found(&cl, ISP "," LOCAL);
    fx_run(&cl, ISP "," LOCAL, isp_then_full, T0, NULL);
    assert_int_equal(checklist_confirm_order(&cl, &who, &d), CD_EINVAL); /* nothing planned */
    plan(&cl, LOCAL "," ISP);
    fx_run(&cl, LOCAL "," ISP, full_then_isp, T0 + 10, NULL); /* PASS, with the plan */
    assert_int_equal(checklist_last_check(&cl)->eval.verdict, VERDICT_PASS);
    assert_false(rules_order_holds(&cl));
    assert_int_equal(rules_step(&cl, STEP_DNS_ORDER), STEP_FAILED);
    assert_true(order_is(checklist_planned_order(&cl), LOCAL "," ISP));

    assert_int_equal(checklist_confirm_order(&cl, &who, &d), CD_OK);
    assert_true(rules_order_holds(&cl));
    assert_int_equal(rules_step(&cl, STEP_DNS_ORDER), STEP_DONE);
    assert_true(order_is(checklist_node_order(&cl), LOCAL "," ISP));
    assert_null(checklist_planned_order(&cl));
    checklist_fini(&cl);

    /* Confirmed, the order is done whatever a check says of it (the operator's word on the
     * node: a silent server first that the check saw as unsettled). */
    checklist_init(&cl);
    found(&cl, ISP "," LOCAL);
    plan(&cl, "172.16.8.9," LOCAL);
    fx_run(&cl, "172.16.8.9," LOCAL, (const enum fx_kind[]){FX_SILENT, FX_LOCAL}, T0, NULL);
    checklist_last_check(&cl)->answers[0][QUERY_EXCHANGE].outcome = PROBE_PENDING;
    assert_int_equal(rules_step(&cl, STEP_DNS_ORDER), STEP_FAILED);
    assert_int_equal(checklist_confirm_order(&cl, &who, &d), CD_OK);
    assert_int_equal(rules_step(&cl, STEP_DNS_ORDER), STEP_DONE);
    checklist_fini(&cl);
}

/* Without a known order of the node's, the order checked stands for it; a server of the
 * node's order that the last check did not ask leaves the walk unsettled. */
static void test_order_without_a_found_order_is_the_order_checked(void **state)
{
    struct checklist cl;

    (void)state;
    checklist_init(&cl);
    fx_run(&cl, LOCAL "," ISP, full_then_isp, T0, NULL);
    assert_true(rules_order_holds(&cl));
    checklist_fini(&cl);

    checklist_init(&cl);
    found(&cl, "172.16.8.9," LOCAL);
    fx_run(&cl, LOCAL, (const enum fx_kind[]){FX_LOCAL_FULL}, T0, NULL);
    assert_false(rules_order_holds(&cl));
    checklist_fini(&cl);
}

/* ---- steps --------------------------------------------------------------------------------- */

/* The case the wizard and `check --json` judged apart: the Internet DNS first, the local
 * DNS holding both records: the records step is done, the order step failed. */
static void test_steps_are_judged_each_by_its_own_rule(void **state)
{
    struct checklist cl;

    (void)state;
    checklist_init(&cl);
    assert_int_equal(rules_step(&cl, STEP_HOST_RECORDS), STEP_PENDING);
    assert_int_equal(rules_step(&cl, STEP_DNS_ORDER), STEP_PENDING);
    assert_int_equal(rules_step(&cl, STEP_NAMES), STEP_DONE);
    found(&cl, ISP "," LOCAL);
    fx_run(&cl, ISP "," LOCAL, isp_then_full, T0, NULL);
    assert_int_equal(checklist_last_check(&cl)->eval.verdict, VERDICT_FAIL);
    assert_int_equal(rules_step(&cl, STEP_HOST_RECORDS), STEP_DONE);
    assert_int_equal(rules_step(&cl, STEP_DNS_ORDER), STEP_FAILED);
    checklist_fini(&cl);
}

/* ---- the fix ------------------------------------------------------------------------------- */

/* From the last check only: records the first check found missing and a later one found
 * right are no longer to add, whoever added them. */
static void test_fix_comes_from_the_last_check_only(void **state)
{
    struct checklist cl;
    struct rules_fix f;

    (void)state;
    checklist_init(&cl);
    assert_int_equal(rules_fix(&cl, &f), CD_OK);
    assert_null(f.run);
    assert_int_equal(f.n, 0);
    assert_false(f.reorder);
    rules_fix_fini(&f);

    found(&cl, ISP "," LOCAL);
    fx_run(&cl, ISP "," LOCAL, isp_then_empty, T0, NULL);
    assert_int_equal(rules_fix(&cl, &f), CD_OK);
    assert_int_equal(f.n, 2);
    assert_int_equal(f.records[0].kind, ACTION_ADD_RECORD);
    assert_int_equal(f.records[0].server, 1);
    assert_int_equal(f.records[0].host, HOST_EXCHANGE);
    assert_int_equal(f.records[1].host, HOST_CLUSTER);
    assert_true(f.reorder);
    assert_true(order_is(&f.order, LOCAL "," ISP)); /* the recommended order */
    assert_true(order_is(f.node, ISP "," LOCAL));
    rules_fix_fini(&f);

    fx_run(&cl, ISP "," LOCAL, isp_then_full, T0 + 20, NULL);
    assert_int_equal(rules_fix(&cl, &f), CD_OK);
    assert_int_equal(f.n, 0);
    assert_true(f.reorder);
    rules_fix_fini(&f);

    fx_run(&cl, ISP "," LOCAL, (const enum fx_kind[]){FX_INTERNET, FX_LOCAL_WRONG}, T0 + 30, NULL);
    assert_int_equal(rules_fix(&cl, &f), CD_OK);
    assert_int_equal(f.n, 1);
    assert_int_equal(f.records[0].kind, ACTION_FIX_RECORD);
    assert_int_equal(f.records[0].host, HOST_CLUSTER);
    rules_fix_fini(&f);
    checklist_fini(&cl);
}

/* The order to set: the one planned in the tool when it resolves both names (not "already
 * right" because the wizard's list was changed), none once the node's holds. */
static void test_fix_sets_the_planned_order_until_the_node_holds(void **state)
{
    struct checklist cl;
    struct rules_fix f;
    struct cl_who who = {.at = T0 + 60};
    struct cd_diag d;

    (void)state;
    checklist_init(&cl);
    found(&cl, ISP "," LOCAL "," "172.16.8.9");
    fx_run(&cl, ISP "," LOCAL ",172.16.8.9",
           (const enum fx_kind[]){FX_INTERNET, FX_LOCAL_FULL, FX_SILENT}, T0, NULL);
    plan(&cl, "172.16.8.9," LOCAL "," ISP); /* the operator's own order, silent one first */
    fx_run(&cl, "172.16.8.9," LOCAL "," ISP,
           (const enum fx_kind[]){FX_SILENT, FX_LOCAL_FULL, FX_INTERNET}, T0 + 10, NULL);
    assert_int_equal(rules_fix(&cl, &f), CD_OK);
    assert_true(f.reorder);
    assert_true(order_is(&f.order, "172.16.8.9," LOCAL "," ISP)); /* not the recommended */
    rules_fix_fini(&f);

    /* A plan that does not resolve the names gives way to the recommended order. */
    plan(&cl, ISP ",172.16.8.9," LOCAL);
    fx_run(&cl, ISP ",172.16.8.9," LOCAL,
           (const enum fx_kind[]){FX_INTERNET, FX_SILENT, FX_LOCAL_FULL}, T0 + 20, NULL);
    assert_int_equal(rules_fix(&cl, &f), CD_OK);
    assert_true(order_is(&f.order, LOCAL "," ISP ",172.16.8.9"));
    rules_fix_fini(&f);

    plan(&cl, LOCAL "," ISP ",172.16.8.9");
    fx_run(&cl, LOCAL "," ISP ",172.16.8.9",
           (const enum fx_kind[]){FX_LOCAL_FULL, FX_INTERNET, FX_SILENT}, T0 + 30, NULL);
    assert_int_equal(checklist_confirm_order(&cl, &who, &d), CD_OK);
    assert_int_equal(rules_fix(&cl, &f), CD_OK);
    assert_false(f.reorder);
    assert_int_equal(f.n, 0);
    rules_fix_fini(&f);
    checklist_fini(&cl);
}

/* Nothing holds the records anywhere yet and the local DNS is already first: the records
 * are left to add, the order is not left to change. */
static void test_fix_does_not_reorder_what_is_already_the_order_to_set(void **state)
{
    struct checklist cl;
    struct rules_fix f;

    (void)state;
    checklist_init(&cl);
    found(&cl, LOCAL "," ISP);
    fx_run(&cl, LOCAL "," ISP, empty_then_isp, T0, NULL);
    assert_int_equal(rules_fix(&cl, &f), CD_OK);
    assert_int_equal(f.n, 2);
    assert_false(f.reorder);
    rules_fix_fini(&f);
    checklist_fini(&cl);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_records_are_held_when_a_local_dns_holds_both_right),
        cmocka_unit_test(test_order_holds_when_the_order_found_resolves_both_names),
        cmocka_unit_test(test_order_holds_only_once_the_change_is_confirmed_on_the_node),
        cmocka_unit_test(test_order_without_a_found_order_is_the_order_checked),
        cmocka_unit_test(test_steps_are_judged_each_by_its_own_rule),
        cmocka_unit_test(test_fix_comes_from_the_last_check_only),
        cmocka_unit_test(test_fix_sets_the_planned_order_until_the_node_holds),
        cmocka_unit_test(test_fix_does_not_reorder_what_is_already_the_order_to_set),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
