/* The ask queue and recheck against real servers: BIND named and udpfake on loopback,
 * started by tests/integration/recheck_engine.sh, which passes their ports in LAB_PORT_*
 * variables (without them the program skips, 77). Each question asked once however many
 * files need it, one channel a server, servers in waves when few may be asked at once, a
 * lost query asked again (a silent server not), files judged as a single check judges them,
 * --update appending one check and never writing a file it could not read. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "askq.h"
#include "check.h"
#include "checklist.h"
#include "lab_env.h"
#include "recheck.h"

#define LOOP_LIMIT_MS 20000 /* a hang fails instead of blocking */
#define FDS_MAX 2048

static struct {
    unsigned full, internet, silent, lossy, lossy_every, slow;
    const char *zone, *exchange_name, *exchange_ip, *cluster_name, *cluster_ip;
    char dir[256];
} lab;

static double now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static struct dns_server server_at(unsigned port)
{
    struct dns_server s;

    memset(&s, 0, sizeof s);
    s.ip.family = AF_INET;
    assert_int_equal(inet_pton(AF_INET, "127.0.0.1", &s.ip.u.v4), 1);
    snprintf(s.ip.text, sizeof s.ip.text, "127.0.0.1");
    s.port = port;
    return s;
}

/* ---- the ask queue ------------------------------------------------------------------------ */

struct told {
    size_t calls;
    size_t *per_waiter;
    size_t n_waiters;
};

static void on_told(void *arg, size_t waiter, size_t question)
{
    struct told *t = arg;

    (void)question;
    t->calls++;
    if (waiter < t->n_waiters)
        t->per_waiter[waiter]++;
}

static void run_queue(struct askq *q)
{
    struct pollfd fds[FDS_MAX];
    double t0 = now_ms();

    askq_pump(q);
    while (!askq_idle(q)) {
        size_t n = askq_pollfds(q, fds, FDS_MAX);
        assert_true(poll(fds, n, askq_timeout(q, 1000)) >= 0);
        askq_process(q, fds, n);
        assert_true(now_ms() - t0 < LOOP_LIMIT_MS);
    }
}

static void test_the_same_question_is_asked_once_for_every_waiter(void **state)
{
    size_t per[1000] = {0};
    struct told t = {.per_waiter = per, .n_waiters = 1000};
    struct askq *q = askq_new(2000, 0, on_told, &t);
    struct dns_server full = server_at(lab.full);
    struct askq_stats st;
    struct probe_answer a;
    char fqdn[300];
    long id = -1;

    (void)state;
    snprintf(fqdn, sizeof fqdn, "%s.%s", lab.exchange_name, lab.zone);
    for (size_t w = 0; w < 1000; w++) {
        bool known;
        long got = askq_ask(q, &full, PROBE_A, fqdn, w, &known);
        assert_true(got >= 0);
        assert_false(known);
        assert_true(id < 0 || got == id);
        id = got;
    }
    run_queue(q);
    askq_stats(q, &st);
    assert_int_equal(st.asks, 1000);
    assert_int_equal(st.questions, 1);
    assert_int_equal(st.sent, 1);
    assert_int_equal(t.calls, 1000);
    for (size_t w = 0; w < 1000; w++)
        assert_int_equal(per[w], 1);
    assert_true(askq_answer(q, (size_t)id, &a));
    assert_int_equal(a.outcome, PROBE_ANSWER);
    assert_int_equal(a.qtype, PROBE_A);
    assert_string_equal(a.qname, fqdn);
    assert_int_equal(a.n_addrs, 1);
    assert_string_equal(a.addrs[0].text, lab.exchange_ip);
    for (size_t w = 0; w < 1000; w++)
        askq_release(q, (size_t)id);
    askq_free(q);
}

/* Asked again once answered: the answer is there at once, no callback. */
static void test_an_answer_known_already_is_given_at_once(void **state)
{
    struct told t = {0};
    struct askq *q = askq_new(2000, 0, on_told, &t);
    struct dns_server full = server_at(lab.full);
    struct probe_answer a;
    bool known;
    long id = askq_ask(q, &full, PROBE_SOA, lab.zone, 0, &known), again;

    (void)state;
    assert_true(id >= 0);
    assert_false(askq_answer(q, (size_t)id, &a)); /* not before it is answered */
    run_queue(q);
    assert_int_equal(t.calls, 1);
    again = askq_ask(q, &full, PROBE_SOA, lab.zone, 1, &known);
    assert_int_equal(again, id);
    assert_true(known);
    run_queue(q);
    assert_int_equal(t.calls, 1);
    assert_true(askq_answer(q, (size_t)id, &a));
    assert_int_equal(a.outcome, PROBE_ANSWER);
    assert_true(a.authoritative);
    askq_release(q, (size_t)id);
    askq_release(q, (size_t)id);
    askq_free(q);
}

/* Four servers, one channel at a time: each gets its channel in turn, every answer right. */
static void test_servers_are_asked_in_waves_when_few_may_be_asked_at_once(void **state)
{
    struct told t = {0};
    struct askq *q = askq_new(300, 1, on_told, &t);
    unsigned ports[] = {lab.full, lab.internet, lab.silent, lab.full};
    enum probe_outcome want[] = {PROBE_ANSWER, PROBE_NXDOMAIN, PROBE_TIMEOUT, PROBE_ANSWER};
    long id[4];
    struct askq_stats st;
    char fqdn[300];

    (void)state;
    snprintf(fqdn, sizeof fqdn, "%s.%s", lab.cluster_name, lab.zone);
    for (size_t i = 0; i < 4; i++) {
        struct dns_server s = server_at(ports[i]);
        bool known;
        id[i] = askq_ask(q, &s, PROBE_A, fqdn, i, &known);
        assert_true(id[i] >= 0);
    }
    assert_int_equal(id[3], id[0]); /* the same server, the same question */
    run_queue(q);
    askq_stats(q, &st);
    assert_int_equal(st.servers, 3);
    assert_int_equal(st.channels_peak, 1);
    assert_int_equal(st.channels_made, 3);
    for (size_t i = 0; i < 4; i++) {
        struct probe_answer a;
        assert_true(askq_answer(q, (size_t)id[i], &a));
        assert_int_equal(a.outcome, want[i]);
        askq_release(q, (size_t)id[i]);
    }
    askq_free(q);
}

/* A forwarder that loses the first query of every Nth new question: each lost one is asked
 * again, and every question ends with the server's real answer. */
static void test_a_lost_query_is_asked_again(void **state)
{
    struct told t = {0};
    struct askq *q = askq_new(300, 0, on_told, &t);
    struct dns_server lossy = server_at(lab.lossy);
    struct askq_stats st;
    long id[50];
    char name[64];

    (void)state;
    for (int i = 0; i < 50; i++) {
        bool known;
        snprintf(name, sizeof name, "lost%d.%s", i, lab.zone);
        assert_true((id[i] = askq_ask(q, &lossy, PROBE_A, name, (size_t)i, &known)) >= 0);
    }
    run_queue(q);
    askq_stats(q, &st);
    assert_int_equal(st.retried, 50 / lab.lossy_every);
    assert_int_equal(st.sent, 50 + 50 / lab.lossy_every);
    for (int i = 0; i < 50; i++) {
        struct probe_answer a;
        assert_true(askq_answer(q, (size_t)id[i], &a));
        assert_int_equal(a.outcome, PROBE_NXDOMAIN);
        askq_release(q, (size_t)id[i]);
    }
    askq_free(q);
}

/* While more questions are coming, a server known to be fast waits for the slow one's
 * questions to go out; once no more are coming, its questions go too. */
static void test_the_slowest_server_is_asked_first_while_more_are_coming(void **state)
{
    struct told t = {0};
    struct askq *q = askq_new(2000, 0, on_told, &t);
    struct dns_server fast = server_at(lab.full), slow = server_at(lab.slow);
    struct pollfd fds[FDS_MAX];
    struct askq_stats st;
    double t0 = now_ms();
    char name[64];
    bool known;

    (void)state;
    askq_more(q, true);
    snprintf(name, sizeof name, "%s.%s", lab.exchange_name, lab.zone);
    assert_true(askq_ask(q, &fast, PROBE_A, name, 0, &known) >= 0);
    assert_true(askq_ask(q, &slow, PROBE_A, name, 1, &known) >= 0);
    askq_pump(q);
    while (t.calls == 0 || now_ms() - t0 < 20) { /* the fast one answers; the slow one not */
        size_t n = askq_pollfds(q, fds, FDS_MAX);
        assert_true(poll(fds, n, 5) >= 0);
        askq_process(q, fds, n);
    }
    assert_int_equal(t.calls, 1);
    for (int i = 0; i < 10; i++) {
        snprintf(name, sizeof name, "later%d.%s", i, lab.zone);
        assert_true(askq_ask(q, &fast, PROBE_A, name, 2, &known) >= 0);
        assert_true(askq_ask(q, &slow, PROBE_A, name, 3, &known) >= 0);
    }
    askq_pump(q);
    askq_stats(q, &st);
    assert_int_equal(st.sent, 2 + 10); /* the slow server's ten, not the fast one's */
    askq_more(q, false);
    run_queue(q);
    askq_stats(q, &st);
    assert_int_equal(st.sent, 22);
    assert_int_equal(t.calls, 22);
    askq_free(q);
}

/* Silence from a server that answers nothing is its answer: not asked again. */
static void test_a_silent_server_is_not_asked_again(void **state)
{
    struct told t = {0};
    struct askq *q = askq_new(200, 0, on_told, &t);
    struct dns_server silent = server_at(lab.silent);
    struct askq_stats st;
    double t0 = now_ms();
    long id[10];
    char name[64];

    (void)state;
    for (int i = 0; i < 10; i++) {
        bool known;
        snprintf(name, sizeof name, "quiet%d.%s", i, lab.zone);
        assert_true((id[i] = askq_ask(q, &silent, PROBE_A, name, (size_t)i, &known)) >= 0);
    }
    run_queue(q);
    assert_true(now_ms() - t0 < 200 * 2);
    askq_stats(q, &st);
    assert_int_equal(st.retried, 0);
    assert_int_equal(st.sent, 10);
    for (int i = 0; i < 10; i++) {
        struct probe_answer a;
        assert_true(askq_answer(q, (size_t)id[i], &a));
        assert_int_equal(a.outcome, PROBE_TIMEOUT);
        askq_release(q, (size_t)id[i]);
    }
    askq_free(q);
}

static void test_the_budget_follows_the_descriptor_limit(void **state)
{
    struct rlimit was, low;
    size_t wide, narrow, tiny;

    (void)state;
    assert_int_equal(getrlimit(RLIMIT_NOFILE, &was), 0);
    wide = askq_server_budget(16);
    low = was;
    low.rlim_cur = 64;
    assert_int_equal(setrlimit(RLIMIT_NOFILE, &low), 0);
    narrow = askq_server_budget(16);
    low.rlim_cur = 20;
    assert_int_equal(setrlimit(RLIMIT_NOFILE, &low), 0);
    tiny = askq_server_budget(16);
    assert_int_equal(setrlimit(RLIMIT_NOFILE, &was), 0);
    assert_true(narrow <= (64 - 3 - 16) / 2); /* stdin, stdout, stderr at least are open */
    assert_true(narrow >= 10);
    assert_int_equal(tiny, 1);
    assert_true(wide >= narrow && wide <= ASKQ_SERVERS_MAX);
}

/* One descriptor left and two servers allowed at once: the silent server's socket holds it,
 * so the other channel finds none; its question waits for the silent one to close and is
 * then asked. It never ends "not asked", nor reads as an answer it never got. */
static void test_a_channel_without_a_descriptor_waits_for_another_to_close(void **state)
{
    struct told t = {0};
    unsigned ports[] = {lab.silent, lab.full};
    enum probe_outcome want[] = {PROBE_TIMEOUT, PROBE_ANSWER};
    struct rlimit was, low;
    struct askq *q;
    struct askq_stats st;
    int fds[64], n = 0;
    long id[2];
    char fqdn[300];

    (void)state;
    assert_int_equal(getrlimit(RLIMIT_NOFILE, &was), 0);
    low = was;
    low.rlim_cur = 48;
    assert_int_equal(setrlimit(RLIMIT_NOFILE, &low), 0);
    q = askq_new(300, 2, on_told, &t);
    assert_non_null(q);
    snprintf(fqdn, sizeof fqdn, "%s.%s", lab.exchange_name, lab.zone);
    for (size_t i = 0; i < 2; i++) {
        struct dns_server s = server_at(ports[i]);
        bool known;
        assert_true((id[i] = askq_ask(q, &s, PROBE_A, fqdn, i, &known)) >= 0);
    }
    while (n < 64 && (fds[n] = dup(0)) >= 0) /* every descriptor taken... */
        n++;
    assert_true(n > 1 && n < 64);
    close(fds[--n]); /* ...but one */
    run_queue(q);
    askq_stats(q, &st);
    while (n > 0)
        close(fds[--n]);
    assert_int_equal(setrlimit(RLIMIT_NOFILE, &was), 0);
    assert_int_equal(st.channels_made, 3); /* the starved server got a channel again */
    for (size_t i = 0; i < 2; i++) {
        struct probe_answer a;
        assert_true(askq_answer(q, (size_t)id[i], &a));
        assert_int_equal(a.outcome, want[i]);
        askq_release(q, (size_t)id[i]);
    }
    askq_free(q);
}

/* ---- recheck -------------------------------------------------------------------------------- */

/* A checklist of the lab's names (or exchange/cluster), the servers csv as the node's
 * order found, and, when before_pass, one earlier check in which the first server held the
 * records; saved at dir/name. */
static void write_case(const char *name, const char *exchange, const char *cluster, const char *csv,
                       bool before_pass)
{
    static struct checklist cl;
    struct records_target t;
    struct server_list servers;
    struct cl_who who;
    struct cd_diag d = {0};
    char path[512];

    server_list_init(&servers);
    assert_int_equal(servers_parse_list(csv, &servers, &d), CD_OK);
    assert_int_equal(
        check_target_set(&t, lab.zone, exchange, lab.exchange_ip, cluster, lab.cluster_ip, &d),
        CD_OK);
    checklist_init(&cl);
    snprintf(cl.ticket, sizeof cl.ticket, "INC-%s", name);
    checklist_set_target(&cl, &t);
    checklist_who(&cl, &who);
    assert_int_equal(checklist_set_found(&cl, &servers, &who), CD_OK);
    if (before_pass) {
        struct probe_answer(*a)[QUERY_COUNT] = calloc(servers.n, sizeof *a);
        assert_non_null(a);
        for (size_t s = 0; s < servers.n; s++)
            for (int q = 0; q < QUERY_COUNT; q++) {
                int h =
                    q == QUERY_EXCHANGE || q == QUERY_EXCHANGE_PTR ? HOST_EXCHANGE : HOST_CLUSTER;
                const char *qname;
                check_question(&t, (enum records_query)q, &a[s][q].qtype, &qname);
                snprintf(a[s][q].qname, sizeof a[s][q].qname, "%s", qname);
                a[s][q].outcome = s == 0 ? PROBE_ANSWER : PROBE_NXDOMAIN;
                a[s][q].authoritative = s == 0;
                if (s == 0 && (q == QUERY_EXCHANGE || q == QUERY_CLUSTER)) {
                    a[s][q].n_addrs = 1;
                    a[s][q].addrs[0] = t.ip[h];
                } else if (s == 0 && q != QUERY_SOA) {
                    snprintf(a[s][q].target, sizeof a[s][q].target, "%s", t.fqdn[h]);
                } else if (s == 0) {
                    snprintf(a[s][q].target, sizeof a[s][q].target, "ns1.%.240s", t.zone);
                }
            }
        assert_true(checklist_add_check(&cl, &t, &servers,
                                        (const struct probe_answer(*)[QUERY_COUNT])a, &who) >= 0);
        free(a);
    }
    snprintf(path, sizeof path, "%s/%s", lab.dir, name);
    assert_int_equal(checklist_save(&cl, path, &d), CD_OK);
    checklist_fini(&cl);
    server_list_fini(&servers);
}

static const char *at(const char *name)
{
    static char path[4][512];
    static int k;

    k = (k + 1) % 4;
    snprintf(path[k], sizeof path[k], "%s/%s", lab.dir, name);
    return path[k];
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    char *buf = calloc(1, 1 << 20);

    assert_non_null(f);
    assert_non_null(buf);
    assert_true(fread(buf, 1, (1 << 20) - 1, f) > 0);
    fclose(f);
    return buf;
}

struct result {
    bool seen;
    int status;
    enum verdict verdict;
    bool first, saved;
    size_t n_changes;
    struct change changes[CHANGES_MAX];
};

struct results {
    struct result r[64];
    size_t calls;
};

static void on_result(void *arg, const struct recheck_result *r)
{
    struct results *all = arg;
    struct result *x;

    assert_in_range(r->index, 0, 63);
    x = &all->r[r->index];
    assert_false(x->seen); /* once a file */
    x->seen = true;
    x->status = r->status;
    x->verdict = r->verdict;
    x->first = r->first;
    x->saved = r->saved;
    x->n_changes = r->n_changes;
    if (r->n_changes) /* changes is NULL for a file not checked */
        memcpy(x->changes, r->changes, r->n_changes * sizeof *r->changes);
    all->calls++;
}

static struct recheck *recheck_of(struct results *all, bool update, size_t max_servers,
                                  int timeout_ms)
{
    struct recheck_options o = {
        .timeout_ms = timeout_ms, .update = update, .max_servers = max_servers};
    struct recheck *r;

    memset(all, 0, sizeof *all);
    r = recheck_new(&o, on_result, all);
    assert_non_null(r);
    return r;
}

static void run_all(struct recheck *r)
{
    struct cd_diag d = {0};

    assert_int_equal(recheck_run(r, NULL, NULL, 100, &d), CD_OK);
    assert_true(recheck_done(r));
}

static char csv[256];

static const char *servers_csv(unsigned a, unsigned b)
{
    if (b)
        snprintf(csv, sizeof csv, "127.0.0.1:%u,127.0.0.1:%u", a, b);
    else
        snprintf(csv, sizeof csv, "127.0.0.1:%u", a);
    return csv;
}

/* Fifty files of the same names on the same two servers: five questions a server, each
 * asked once; two channels; every file judged. */
static void test_files_sharing_servers_ask_each_question_once(void **state)
{
    struct results all;
    struct recheck *r = recheck_of(&all, false, 0, 2000);
    struct askq_stats st;
    struct cd_diag d = {0};
    char name[32];

    (void)state;
    for (int i = 0; i < 50; i++) {
        snprintf(name, sizeof name, "shared-%02d.json", i);
        write_case(name, lab.exchange_name, lab.cluster_name, servers_csv(lab.full, lab.internet),
                   true);
        assert_int_equal(recheck_add(r, at(name), &d), 1);
    }
    run_all(r);
    recheck_ask_stats(r, &st);
    assert_int_equal(all.calls, 50);
    assert_int_equal(st.asks, 50 * 2 * QUERY_COUNT);
    assert_int_equal(st.questions, 2 * QUERY_COUNT);
    assert_int_equal(st.sent, 2 * QUERY_COUNT);
    assert_int_equal(st.channels_made, 2);
    for (int i = 0; i < 50; i++) {
        assert_int_equal(all.r[i].status, CD_OK);
        assert_int_equal(all.r[i].verdict, VERDICT_PASS);
        assert_false(all.r[i].first);
        assert_int_equal(all.r[i].n_changes, 0);
    }
    recheck_free(r);
}

/* Each file's appended check is the one a single check (check.h) makes of the same names
 * and servers: the same state for every record on every server, the same verdict. */
static void test_a_file_is_judged_as_a_single_check_judges_it(void **state)
{
    static const struct {
        const char *name;
        unsigned a, b;
        enum verdict want;
    } cases[] = {
        {"judged-pass.json", 0, 0, VERDICT_PASS},
        {"judged-fail.json", 1, 0, VERDICT_FAIL},
        {"judged-silent.json", 2, 0, VERDICT_PASS},
    };
    struct results all;
    struct recheck *r = recheck_of(&all, true, 0, 300);
    struct cd_diag d = {0};

    (void)state;
    for (size_t i = 0; i < 3; i++) {
        unsigned order[3][2] = {
            {lab.full, lab.internet}, {lab.internet, lab.full}, {lab.full, lab.silent}};
        write_case(cases[i].name, lab.exchange_name, lab.cluster_name,
                   servers_csv(order[i][0], order[i][1]), false);
        assert_int_equal(recheck_add(r, at(cases[i].name), &d), 1);
    }
    run_all(r);
    for (size_t i = 0; i < 3; i++) {
        struct checklist cl;
        const struct cl_run *run;
        struct check *c;
        const struct records_eval *e;

        assert_int_equal(all.r[i].status, CD_OK);
        assert_true(all.r[i].first);
        assert_true(all.r[i].saved);
        assert_int_equal(all.r[i].verdict, cases[i].want);
        checklist_init(&cl);
        assert_int_equal(checklist_load(at(cases[i].name), &cl, &d), CD_OK);
        assert_int_equal(cl.n_runs, 1);
        run = checklist_last_check(&cl);
        c = check_new(&run->target, &run->servers, 300, NULL, NULL);
        assert_non_null(c);
        assert_int_equal(check_start(c, &d), CD_OK);
        assert_int_equal(check_run(c, &d), CD_OK);
        e = check_eval(c);
        assert_non_null(e);
        assert_int_equal(e->verdict, run->eval.verdict);
        for (size_t s = 0; s < run->servers.n; s++) {
            assert_int_equal(e->server[s].answered, run->eval.server[s].answered);
            assert_int_equal(e->server[s].role, run->eval.server[s].role);
            for (int q = QUERY_EXCHANGE; q < QUERY_COUNT; q++)
                assert_int_equal(e->server[s].status[q], run->eval.server[s].status[q]);
        }
        /* as `check --load --output` writes it: the steps a check proves are completed */
        assert_int_not_equal(cl.steps[STEP_HOST_RECORDS].status, STEP_PENDING);
        assert_true(cl.steps[STEP_NAMES].done.at > 0);
        check_free(c);
        checklist_fini(&cl);
    }
    recheck_free(r);
}

/* --update: one check more in each readable file; the unreadable, the truncated and the
 * future version untouched, byte for byte; and every file reported. */
static void test_update_appends_one_check_and_never_writes_what_it_cannot_read(void **state)
{
    static const char *const bad[] = {"bad-truncated.json", "bad-future.json", "bad-names.json"};
    static const char *const text[] = {
        "{\"schema\": \"clusterdns-checklist/2\", \"kb\": ",
        "{\"schema\": \"clusterdns-checklist/3\", \"kb\": \"Q263029\"}",
        /* loads, but its names make no check (the same IP twice) */
        "{\"schema\": \"clusterdns-checklist/1\", \"kb\": \"Q263029\", \"created\": "
        "\"2026-11-25T14:02:11Z\", \"updated\": \"2026-11-25T14:02:11Z\", \"steps\": [], "
        "\"zone\": \"fabrikam.local\", \"exchange\": {\"name\": \"EXSRV\", \"ip\": "
        "\"172.16.8.31\"}, \"cluster\": {\"name\": \"CLUSTER1\", \"ip\": \"172.16.8.31\"}, "
        "\"dns_servers\": [{\"address\": \"127.0.0.1\", \"port\": 53, \"position\": 1}]}",
    };
    char *before[3];
    struct results all;
    struct recheck *r = recheck_of(&all, true, 0, 2000);
    struct cd_diag d = {0};

    (void)state;
    write_case("good-1.json", lab.exchange_name, lab.cluster_name,
               servers_csv(lab.full, lab.internet), true);
    write_case("good-2.json", lab.exchange_name, lab.cluster_name,
               servers_csv(lab.internet, lab.full), true);
    assert_int_equal(recheck_add(r, at("good-1.json"), &d), 1);
    for (size_t i = 0; i < 3; i++) {
        FILE *f = fopen(at(bad[i]), "w");
        assert_non_null(f);
        fputs(text[i], f);
        fclose(f);
        before[i] = slurp(at(bad[i]));
        assert_int_equal(recheck_add(r, at(bad[i]), &d), 1);
    }
    assert_int_equal(recheck_add(r, at("good-2.json"), &d), 1);
    run_all(r);
    assert_int_equal(all.calls, 5);
    assert_int_equal(all.r[0].status, CD_OK);
    assert_true(all.r[0].saved);
    assert_int_equal(all.r[4].status, CD_OK);
    assert_true(all.r[4].saved);
    assert_int_equal(all.r[4].verdict, VERDICT_FAIL); /* the Internet's DNS first */
    assert_int_equal(all.r[4].changes[0].kind, CHANGE_VERDICT);
    for (size_t i = 0; i < 3; i++) {
        char *now = slurp(at(bad[i]));
        assert_true(all.r[1 + i].status < 0);
        assert_false(all.r[1 + i].saved);
        assert_string_equal(now, before[i]);
        free(now);
        free(before[i]);
    }
    for (int g = 1; g <= 2; g++) {
        struct checklist cl;
        char name[32];
        snprintf(name, sizeof name, "good-%d.json", g);
        checklist_init(&cl);
        assert_int_equal(checklist_load(at(name), &cl, &d), CD_OK);
        assert_int_equal(cl.n_runs, 2);
        checklist_fini(&cl);
    }
    recheck_free(r);
}

/* The file was given other names while its answers were awaited: those answers are not
 * its, and it is not written. */
static void test_a_file_changed_while_rechecked_is_not_written(void **state)
{
    struct results all;
    struct recheck *r = recheck_of(&all, true, 0, 300);
    struct cd_diag d = {0};
    char *edited;

    (void)state;
    write_case("edited.json", lab.exchange_name, lab.cluster_name,
               servers_csv(lab.full, lab.silent), true);
    assert_int_equal(recheck_add(r, at("edited.json"), &d), 1);
    recheck_process(r, NULL, 0); /* loaded, asked; the silent server holds it back */
    write_case("edited.json", "OTHER", lab.cluster_name, servers_csv(lab.full, lab.silent), true);
    edited = slurp(at("edited.json"));
    run_all(r);
    assert_int_equal(all.calls, 1);
    assert_true(all.r[0].status < 0);
    {
        char *now = slurp(at("edited.json"));
        assert_string_equal(now, edited);
        free(now);
    }
    free(edited);
    recheck_free(r);
}

/* A folder stands for its *.json files that are regular and not hidden, by name; a file
 * named twice counts once. */
static void test_a_folder_gives_its_checklists_in_name_order(void **state)
{
    struct results all;
    struct recheck *r = recheck_of(&all, false, 0, 2000);
    struct cd_diag d = {0};
    char sub[512];
    FILE *f;

    (void)state;
    snprintf(sub, sizeof sub, "%s/folder", lab.dir);
    assert_int_equal(mkdir(sub, 0700), 0);
    write_case("folder/b.json", lab.exchange_name, lab.cluster_name, servers_csv(lab.full, 0),
               false);
    write_case("folder/a.json", lab.exchange_name, lab.cluster_name, servers_csv(lab.internet, 0),
               false);
    write_case("folder/.hidden.json", lab.exchange_name, lab.cluster_name, servers_csv(lab.full, 0),
               false);
    assert_non_null(f = fopen(at("folder/notes.txt"), "w"));
    fclose(f);
    assert_int_equal(mkdir(at("folder/dir.json"), 0700), 0);
    assert_int_equal(recheck_add(r, sub, &d), 2);
    assert_int_equal(recheck_add(r, at("folder/a.json"), &d), 0); /* named twice */
    assert_int_equal(recheck_files(r), 2);
    run_all(r);
    assert_int_equal(all.r[0].verdict, VERDICT_FAIL); /* a.json: the Internet's DNS only */
    assert_int_equal(all.r[1].verdict, VERDICT_PASS); /* b.json */
    recheck_free(r);
}

/* One server at a time: the files still all judged, each with its own servers' answers. */
static void test_files_are_judged_right_when_servers_are_asked_one_at_a_time(void **state)
{
    struct results all;
    struct recheck *r = recheck_of(&all, false, 1, 300);
    struct askq_stats st;
    struct cd_diag d = {0};

    (void)state;
    write_case("wave-1.json", lab.exchange_name, lab.cluster_name,
               servers_csv(lab.full, lab.internet), false);
    write_case("wave-2.json", lab.exchange_name, lab.cluster_name,
               servers_csv(lab.internet, lab.silent), false);
    write_case("wave-3.json", lab.exchange_name, lab.cluster_name,
               servers_csv(lab.silent, lab.full), false);
    for (int i = 1; i <= 3; i++) {
        char name[32];
        snprintf(name, sizeof name, "wave-%d.json", i);
        assert_int_equal(recheck_add(r, at(name), &d), 1);
    }
    run_all(r);
    recheck_ask_stats(r, &st);
    assert_int_equal(st.channels_peak, 1);
    assert_int_equal(all.r[0].verdict, VERDICT_PASS);
    assert_int_equal(all.r[1].verdict, VERDICT_FAIL);
    assert_int_equal(all.r[2].verdict, VERDICT_PASS); /* the silent server, then the local */
    recheck_free(r);
}

static bool read_lab(void)
{
    bool ok = env_port("LAB_PORT_FULL", &lab.full) &&
              env_port("LAB_PORT_INTERNET", &lab.internet) &&
              env_port("LAB_PORT_SILENT", &lab.silent) && env_port("LAB_PORT_LOSSY", &lab.lossy) &&
              env_port("LAB_LOSSY_EVERY", &lab.lossy_every) && env_port("LAB_PORT_SLOW", &lab.slow);
    const char *dir = getenv("LAB_DIR");

    lab.zone = env_or("LAB_ZONE", "fabrikam.local");
    lab.exchange_name = env_or("LAB_EXCHANGE_NAME", "EXSRV");
    lab.exchange_ip = env_or("LAB_EXCHANGE_IP", "172.16.8.31");
    lab.cluster_name = env_or("LAB_CLUSTER_NAME", "CLUSTER1");
    lab.cluster_ip = env_or("LAB_CLUSTER_IP", "172.16.8.30");
    if (!dir)
        return false;
    snprintf(lab.dir, sizeof lab.dir, "%s/recheck", dir);
    return ok && (mkdir(lab.dir, 0700) == 0 || errno == EEXIST);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_the_same_question_is_asked_once_for_every_waiter),
        cmocka_unit_test(test_an_answer_known_already_is_given_at_once),
        cmocka_unit_test(test_servers_are_asked_in_waves_when_few_may_be_asked_at_once),
        cmocka_unit_test(test_a_lost_query_is_asked_again),
        cmocka_unit_test(test_the_slowest_server_is_asked_first_while_more_are_coming),
        cmocka_unit_test(test_a_silent_server_is_not_asked_again),
        cmocka_unit_test(test_the_budget_follows_the_descriptor_limit),
        cmocka_unit_test(test_a_channel_without_a_descriptor_waits_for_another_to_close),
        cmocka_unit_test(test_files_sharing_servers_ask_each_question_once),
        cmocka_unit_test(test_a_file_is_judged_as_a_single_check_judges_it),
        cmocka_unit_test(test_update_appends_one_check_and_never_writes_what_it_cannot_read),
        cmocka_unit_test(test_a_file_changed_while_rechecked_is_not_written),
        cmocka_unit_test(test_a_folder_gives_its_checklists_in_name_order),
        cmocka_unit_test(test_files_are_judged_right_when_servers_are_asked_one_at_a_time),
    };

    if (!read_lab()) {
        fprintf(stderr, "test_recheck: LAB_PORT_* or LAB_DIR not set; run it through "
                        "tests/integration/recheck_engine.sh\n");
        return 77;
    }
    return cmocka_run_group_tests_name("recheck", tests, NULL, NULL);
}
