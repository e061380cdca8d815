/* The wizard and the command line judge the same case the same way. For each case, the
 * wizard's session (its fields set, its servers given or resumed from a file, every step
 * left as the operator leaves it, saved) and the real `clusterdns check` (the same input,
 * --output) are run against the same real named servers; the two saved checklists are then
 * compared on every judgement: the servers asked and their order, each server's role and
 * reply for the zone, each record's state, the verdict, the findings, the recommended
 * order, which server decides each name, the DNS order and host records steps, the node's
 * order, the fix (the rules' and its six forms' text). Run by tests/integration/judgements.sh,
 * which starts the servers and sets LAB_PORT_* and CLUSTERDNS (the binary). */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <limits.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "lab_env.h"

#include "checklist.h"
#include "remedy.h"
#include "rules.h"
#include "session.h"

#define FDS_MAX 256
#define LAB_TIMEOUT_MS 1000

static struct {
    unsigned internet, local, full, refuse, silent;
    const char *bin;
    char dir[PATH_MAX];
} lab;

static const char *server(unsigned port, char *buf)
{
    snprintf(buf, 32, "127.0.0.1:%u", port);
    return buf;
}

static void path_of(char *out, const char *name)
{
    int n = snprintf(out, PATH_MAX - 32, "%s/%s", lab.dir, name); /* room for a suffix */

    assert_true(n > 0 && n < PATH_MAX - 32);
}

/* ---- the wizard's side -------------------------------------------------------------------- */

static void run_until_idle(struct session *s)
{
    struct pollfd fds[FDS_MAX];
    time_t start = time(NULL);

    while (session_busy(s)) {
        size_t n = session_pollfds(s, fds, FDS_MAX);
        int t = session_timeout(s, 100);

        if (poll(fds, n, t < 0 ? 100 : t) < 0)
            fail_msg("poll failed");
        session_process(s, fds, n);
        if (time(NULL) - start > 20)
            fail_msg("the session is still busy after 20 s");
    }
}

static void set(struct session *s, enum session_field f, const char *text)
{
    struct cd_diag d;

    if (session_set_text(s, f, text, &d) != CD_OK)
        fail_msg("%s: %s", text, d.fmt);
}

/* As the operator walks the KB: every field, every step left in turn, saved. */
static void wizard(const char *servers, const char *load, const char *out)
{
    struct session_options o = {
        .servers = servers, .load = load, .output = out, .timeout_ms = LAB_TIMEOUT_MS};
    struct cd_diag d;
    struct session *s = session_new(&o, &d);

    if (!s)
        fail_msg("session_new: %s", d.fmt);
    if (!load) {
        set(s, SF_GROUP, "Exchange Group 1");
        set(s, SF_ZONE, "fabrikam.local");
        set(s, SF_EXCHANGE_NAME, "EXSRV");
        set(s, SF_EXCHANGE_IP, "172.16.8.31");
        set(s, SF_CLUSTER_NAME, "CLUSTER1");
        set(s, SF_CLUSTER_IP, "172.16.8.30");
    }
    run_until_idle(s);
    for (int i = 0; i < STEP_COUNT; i++)
        session_step_finish(s, (enum step_id)i);
    assert_int_equal(session_save(s, &d), CD_OK);
    session_free(s);
}

/* ---- the command line's side ---------------------------------------------------------------- */

static void cli(char *const *args)
{
    char *argv[32];
    int n = 0, st;
    pid_t pid;

    argv[n++] = (char *)lab.bin;
    argv[n++] = (char *)"check";
    for (; *args; args++)
        argv[n++] = *args;
    argv[n] = NULL;
    if ((pid = fork()) == 0) {
        if (!freopen("/dev/null", "w", stdout))
            _exit(99);
        execv(lab.bin, argv);
        _exit(99);
    }
    assert_true(pid > 0);
    assert_int_equal(waitpid(pid, &st, 0), pid);
    if (!WIFEXITED(st) || WEXITSTATUS(st) > 1)
        fail_msg("clusterdns check exited %d", WIFEXITED(st) ? WEXITSTATUS(st) : -1);
}

/* ---- the comparison ---------------------------------------------------------------------------- */

static void load(const char *path, struct checklist *cl)
{
    struct cd_diag d;

    checklist_init(cl);
    if (checklist_load(path, cl, &d) != CD_OK)
        fail_msg("%s: %s %s %s", path, d.where, d.fmt, d.arg1);
}

#define SAME(what, a, b)                                                                           \
    do {                                                                                           \
        if ((a) != (b))                                                                            \
            fail_msg("%s: the wizard says %ld, the command line %ld", what, (long)(a),            \
                     (long)(b));                                                                   \
    } while (0)

static void same_text(const char *what, const char *a, const char *b)
{
    if (strcmp(a, b) != 0)
        fail_msg("%s differs:\n  the wizard: %s\n  the command line: %s", what, a, b);
}

static void same_order(const char *what, const struct server_list *a, const struct server_list *b)
{
    if (!a || !b || !server_list_equal(a, b))
        fail_msg("%s: not the same servers in the same order (%zu, %zu)", what, a ? a->n : 0,
                 b ? b->n : 0);
}

static void same_run(const struct cl_run *a, const struct cl_run *b)
{
    struct cd_diag fa[RECORDS_FINDINGS_MAX], fb[RECORDS_FINDINGS_MAX];
    char ta[1024], tb[1024];
    size_t na, nb;

    assert_true(records_target_equal(&a->target, &b->target));
    same_order("the servers asked", &a->servers, &b->servers);
    SAME("the verdict", a->eval.verdict, b->eval.verdict);
    for (size_t i = 0; i < a->servers.n; i++) {
        SAME("a server's role", a->eval.server[i].role, b->eval.server[i].role);
        SAME("a server's reply for the zone", a->eval.server[i].soa, b->eval.server[i].soa);
        SAME("a server's authority", a->eval.server[i].authoritative,
             b->eval.server[i].authoritative);
        SAME("the recommended order", a->eval.recommended[i], b->eval.recommended[i]);
        for (int q = QUERY_EXCHANGE; q < QUERY_COUNT; q++) {
            SAME("a record's state", a->eval.server[i].status[q], b->eval.server[i].status[q]);
            SAME("a record's reply", a->answers[i][q].outcome, b->answers[i][q].outcome);
        }
    }
    for (int h = 0; h < HOST_COUNT; h++) {
        SAME("the server that decides a name", a->eval.decide[h].server, b->eval.decide[h].server);
        SAME("what the node gets", a->eval.decide[h].status, b->eval.decide[h].status);
        SAME("the cause", a->eval.decide[h].cause, b->eval.decide[h].cause);
    }
    na = records_findings(&a->target, &a->servers, &a->eval, fa, RECORDS_FINDINGS_MAX);
    nb = records_findings(&b->target, &b->servers, &b->eval, fb, RECORDS_FINDINGS_MAX);
    SAME("the number of findings", na, nb);
    for (size_t k = 0; k < na; k++)
        same_text("a finding", diag_format_c(&fa[k], ta, sizeof ta),
                  diag_format_c(&fb[k], tb, sizeof tb));
}

static void same_fix(const struct checklist *a, const struct checklist *b)
{
    struct rules_fix fa, fb;

    assert_int_equal(rules_fix(a, &fa), CD_OK);
    assert_int_equal(rules_fix(b, &fb), CD_OK);
    SAME("the records to fix", fa.n, fb.n);
    for (size_t i = 0; i < fa.n; i++) {
        SAME("a record to fix", fa.records[i].kind, fb.records[i].kind);
        SAME("where to fix it", fa.records[i].server, fb.records[i].server);
        SAME("which name", fa.records[i].host, fb.records[i].host);
    }
    SAME("whether the order changes", fa.reorder, fb.reorder);
    if (fa.reorder)
        same_order("the order to set", &fa.order, &fb.order);
    rules_fix_fini(&fa);
    rules_fix_fini(&fb);
    for (int f = 0; f < REMEDY_FORM_COUNT; f++) {
        char *ta = NULL, *tb = NULL;
        struct cd_diag d;

        assert_int_equal(remedy_emit(a, (enum remedy_form)f, NULL, &ta, &d), CD_OK);
        assert_int_equal(remedy_emit(b, (enum remedy_form)f, NULL, &tb, &d), CD_OK);
        same_text(remedy_form_name((enum remedy_form)f), ta, tb);
        free(ta);
        free(tb);
    }
}

/* Every judgement of the two saved checklists. */
static void compare(const char *wizard_file, const char *cli_file, size_t servers)
{
    static const enum step_id judged[] = {STEP_NAMES, STEP_DNS_ORDER, STEP_HOST_RECORDS};
    struct checklist a, b;

    load(wizard_file, &a);
    load(cli_file, &b);
    assert_non_null(checklist_last_check(&a));
    assert_non_null(checklist_last_check(&b));
    assert_int_equal(checklist_last_check(&a)->servers.n, servers);
    same_run(checklist_last_check(&a), checklist_last_check(&b));
    same_order("the node's order", checklist_node_order(&a), checklist_node_order(&b));
    same_order("the order the next check asks", checklist_servers(&a), checklist_servers(&b));
    for (size_t i = 0; i < sizeof judged / sizeof *judged; i++)
        SAME("a step", a.steps[judged[i]].status, b.steps[judged[i]].status);
    SAME("whether the order holds", rules_order_holds(&a), rules_order_holds(&b));
    SAME("whether the records are held", rules_records_held(checklist_last_check(&a)),
         rules_records_held(checklist_last_check(&b)));
    same_fix(&a, &b);
    checklist_fini(&a);
    checklist_fini(&b);
}

/* One case given by its servers: the wizard and `check` with --servers. */
static void by_servers(const char *name, const char *servers, size_t n, enum step_status order,
                       enum step_status records)
{
    char a[PATH_MAX], b[PATH_MAX];
    struct checklist cl;

    path_of(a, name);
    strcat(a, "-wizard.json");
    path_of(b, name);
    strcat(b, "-cli.json");
    wizard(servers, NULL, a);
    cli((char *const[]){(char *)"--zone", (char *)"fabrikam.local", (char *)"--exchange",
                        (char *)"EXSRV=172.16.8.31", (char *)"--cluster",
                        (char *)"CLUSTER1=172.16.8.30", (char *)"--servers", (char *)servers,
                        (char *)"--timeout", (char *)"1000", (char *)"--output", b, NULL});
    compare(a, b, n);
    /* and what the two agree on is the rule's */
    load(a, &cl);
    SAME("the DNS order step", cl.steps[STEP_DNS_ORDER].status, order);
    SAME("the host records step", cl.steps[STEP_HOST_RECORDS].status, records);
    checklist_fini(&cl);
}

static void test_the_kb_case(void **state)
{
    char s1[32], s2[32], list[80];

    (void)state;
    snprintf(list, sizeof list, "%s,%s", server(lab.internet, s1), server(lab.local, s2));
    by_servers("kb", list, 2, STEP_FAILED, STEP_FAILED);
}

/* The case the two judged apart: the Internet DNS first, the local DNS holding both. */
static void test_the_internet_dns_first_and_the_records_on_the_local_dns(void **state)
{
    char s1[32], s2[32], list[80];

    (void)state;
    snprintf(list, sizeof list, "%s,%s", server(lab.internet, s1), server(lab.full, s2));
    by_servers("held", list, 2, STEP_FAILED, STEP_DONE);
}

static void test_the_local_dns_first_with_the_records(void **state)
{
    char s1[32], s2[32], list[80];

    (void)state;
    snprintf(list, sizeof list, "%s,%s", server(lab.full, s1), server(lab.internet, s2));
    by_servers("fixed", list, 2, STEP_DONE, STEP_DONE);
}

/* A refusing and a silent server first: the node moves on; neither is the local DNS. */
static void test_a_refusing_and_a_silent_server_first(void **state)
{
    char s1[32], s2[32], s3[32], list[120];

    (void)state;
    snprintf(list, sizeof list, "%s,%s,%s", server(lab.refuse, s1), server(lab.silent, s2),
             server(lab.local, s3));
    by_servers("moves-on", list, 3, STEP_DONE, STEP_FAILED);
}

/* A saved list with positions 1, 2, 3 and 7: four servers for both, in that order. */
static void test_a_saved_list_with_a_gap_in_its_positions(void **state)
{
    char in[PATH_MAX], a[PATH_MAX], b[PATH_MAX], json[2048];
    FILE *f;

    (void)state;
    path_of(in, "gap.json");
    path_of(a, "gap-wizard.json");
    path_of(b, "gap-cli.json");
    snprintf(json, sizeof json,
             "{\"schema\": \"clusterdns-checklist/1\", \"kb\": \"Q263029\","
             " \"created\": \"2026-11-25T12:00:00Z\", \"updated\": \"2026-11-25T12:00:00Z\","
             " \"group\": \"Exchange Group 1\", \"zone\": \"fabrikam.local\","
             " \"exchange\": {\"name\": \"EXSRV\", \"ip\": \"172.16.8.31\"},"
             " \"cluster\": {\"name\": \"CLUSTER1\", \"ip\": \"172.16.8.30\"},"
             " \"steps\": [], \"dns_servers\": ["
             "{\"address\": \"127.0.0.1\", \"port\": %u, \"position\": 7},"
             "{\"address\": \"127.0.0.1\", \"port\": %u, \"position\": 1},"
             "{\"address\": \"127.0.0.1\", \"port\": %u, \"position\": 2},"
             "{\"address\": \"127.0.0.1\", \"port\": %u, \"position\": 3}]}\n",
             lab.silent, lab.internet, lab.refuse, lab.local);
    assert_non_null(f = fopen(in, "w"));
    assert_true(fputs(json, f) >= 0);
    assert_int_equal(fclose(f), 0);
    wizard(NULL, in, a);
    cli((char *const[]){(char *)"--load", in, (char *)"--timeout", (char *)"1000", (char *)"--output",
                        b, NULL});
    compare(a, b, 4);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_the_kb_case),
        cmocka_unit_test(test_the_internet_dns_first_and_the_records_on_the_local_dns),
        cmocka_unit_test(test_the_local_dns_first_with_the_records),
        cmocka_unit_test(test_a_refusing_and_a_silent_server_first),
        cmocka_unit_test(test_a_saved_list_with_a_gap_in_its_positions),
    };

    if (!env_port("LAB_PORT_INTERNET", &lab.internet) || !env_port("LAB_PORT_LOCAL", &lab.local) ||
        !env_port("LAB_PORT_FULL", &lab.full) || !env_port("LAB_PORT_REFUSE", &lab.refuse) ||
        !env_port("LAB_PORT_SILENT", &lab.silent) || !(lab.bin = getenv("CLUSTERDNS")) ||
        !getenv("LAB_DIR")) {
        fprintf(stderr, "test_judgements: run by tests/integration/judgements.sh\n");
        return 77;
    }
    snprintf(lab.dir, sizeof lab.dir, "%s", getenv("LAB_DIR"));
    return cmocka_run_group_tests(tests, NULL, NULL);
}
