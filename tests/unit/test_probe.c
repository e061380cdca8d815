/* The probe against real servers: BIND named and udpfake on loopback, started by
 * tests/integration/probe.sh, which passes their ports in LAB_PORT_* variables.  Without
 * them the program skips (77).  With LAB_PHASE=updated it runs only the checks that follow
 * the lab's nsupdate of the local server (the KB's fix). */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <arpa/inet.h>
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "lab_env.h"
#include "probe.h"

#define QUERIES_MAX 32
#define FDS_MAX 64
#define LOOP_LIMIT_MS 5000 /* no test here needs longer: a hang fails instead of blocking */

static struct {
    unsigned local, full, internet, refuse, servfail, silent, closed, garbage, wrongid, shortr,
        delay, hostile, oversized, truncated;
    unsigned delay_ms;
    const char *zone, *ns1_ip, *exchange_name, *exchange_ip, *cluster_name, *cluster_ip;
    unsigned long serial;
} lab;

/* What the callback saw, per query number. */
struct got {
    size_t calls;
    size_t server;
    double at_ms; /* since the test started its probe */
    struct probe_answer a;
};

struct run {
    struct got got[QUERIES_MAX];
    size_t calls;
    double t0;
    struct probe *p;
    bool cancel_on_first; /* the callback calls probe_cancel() on its first answer */
};

static double now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static void on_answer(void *arg, size_t server, size_t query, const struct probe_answer *a)
{
    struct run *r = arg;

    assert_in_range(query, 0, QUERIES_MAX - 1);
    r->got[query].calls++;
    r->got[query].server = server;
    r->got[query].at_ms = now_ms() - r->t0;
    r->got[query].a = *a;
    if (r->calls++ == 0 && r->cancel_on_first)
        probe_cancel(r->p);
}

static struct dns_server server_at(unsigned port)
{
    struct dns_server s;

    memset(&s, 0, sizeof s);
    s.ip.family = AF_INET;
    assert_int_equal(inet_pton(AF_INET, "127.0.0.1", &s.ip.u.v4), 1);
    strcpy(s.ip.text, "127.0.0.1");
    s.port = port;
    return s;
}

static struct probe *probe_for(struct run *r, int timeout_ms)
{
    memset(r, 0, sizeof *r);
    r->p = probe_new(timeout_ms, on_answer, r);
    assert_non_null(r->p);
    r->t0 = now_ms();
    return r->p;
}

static size_t add(struct probe *p, unsigned port)
{
    struct dns_server s = server_at(port);
    struct cd_diag d;
    int i = probe_add_server(p, &s, &d);

    assert_true(i >= 0);
    return (size_t)i;
}

static size_t send_q(struct probe *p, size_t server, enum probe_qtype t, const char *name)
{
    int q = probe_send(p, server, t, name);

    assert_true(q >= 0);
    return (size_t)q;
}

/* The caller's event loop, as a front end runs it: poll the probe's sockets, never longer
 * than probe_timeout() says, then let the probe process what is ready. */
static void run_loop(struct probe *p)
{
    struct pollfd fds[FDS_MAX];
    double start = now_ms();

    while (probe_pending(p) > 0) {
        size_t n = probe_pollfds(p, fds, FDS_MAX);
        int t = probe_timeout(p, -1);
        assert_true(t >= 0); /* something is pending, so there is a deadline */
        assert_true(poll(fds, n, t) >= 0);
        probe_process(p, fds, n);
        assert_true(now_ms() - start < LOOP_LIMIT_MS);
    }
}

/* One query to one server, answered through the loop; exactly one callback. */
static struct probe_answer ask(unsigned port, enum probe_qtype t, const char *name, int timeout_ms)
{
    struct run r;
    struct probe *p = probe_for(&r, timeout_ms);
    size_t s = add(p, port);
    size_t q = send_q(p, s, t, name);

    run_loop(p);
    assert_int_equal(r.calls, 1);
    assert_int_equal(r.got[q].calls, 1);
    assert_int_equal(r.got[q].server, s);
    probe_free(p);
    return r.got[q].a;
}

static const char *fqdn(const char *host)
{
    static char buf[NAMES_FQDN_SIZE];

    snprintf(buf, sizeof buf, "%s.%s", host, lab.zone);
    return buf;
}

/* "172.16.8.31" -> "31.8.16.172.in-addr.arpa" */
static const char *reverse_of(const char *ip)
{
    static char buf[64];
    unsigned a, b, c, d;

    assert_int_equal(sscanf(ip, "%u.%u.%u.%u", &a, &b, &c, &d), 4);
    snprintf(buf, sizeof buf, "%u.%u.%u.%u.in-addr.arpa", d, c, b, a);
    return buf;
}

/* --- every outcome, from a server that gives it ---------------------------------------- */

static void test_soa_from_local_is_authoritative_with_serial_and_mname(void **state)
{
    (void)state;
    struct probe_answer a = ask(lab.local, PROBE_SOA, lab.zone, 2000);
    char mname[NAMES_FQDN_SIZE];

    snprintf(mname, sizeof mname, "ns1.%s", lab.zone);
    assert_int_equal(a.outcome, PROBE_ANSWER);
    assert_int_equal(a.qtype, PROBE_SOA);
    assert_string_equal(a.qname, lab.zone);
    assert_true(a.authoritative);
    assert_int_equal(a.serial, lab.serial);
    assert_string_equal(a.target, mname);
    assert_true(a.rtt_ms > 0);
}

static void test_a_from_local_lists_the_address(void **state)
{
    (void)state;
    struct probe_answer a = ask(lab.local, PROBE_A, fqdn("ns1"), 2000);

    assert_int_equal(a.outcome, PROBE_ANSWER);
    assert_true(a.authoritative);
    assert_int_equal(a.n_addrs, 1);
    assert_int_equal(a.addrs[0].family, AF_INET);
    assert_string_equal(a.addrs[0].text, lab.ns1_ip);
    assert_true(a.rtt_ms > 0);
}

static void test_trailing_dot_is_left_out_of_qname(void **state)
{
    (void)state;
    char name[NAMES_FQDN_SIZE + 1];

    snprintf(name, sizeof name, "%s.", lab.zone);
    struct probe_answer a = ask(lab.local, PROBE_SOA, name, 2000);
    assert_int_equal(a.outcome, PROBE_ANSWER);
    assert_string_equal(a.qname, lab.zone);
}

static void test_internet_server_says_the_zone_does_not_exist(void **state)
{
    (void)state;
    struct probe_answer soa = ask(lab.internet, PROBE_SOA, lab.zone, 2000);
    struct probe_answer host = ask(lab.internet, PROBE_A, fqdn(lab.exchange_name), 2000);

    assert_int_equal(soa.outcome, PROBE_NXDOMAIN);
    assert_true(soa.authoritative); /* the root zone is its own */
    assert_int_equal(soa.n_addrs, 0);
    assert_string_equal(soa.target, "");
    assert_int_equal(host.outcome, PROBE_NXDOMAIN);
}

static void test_local_lacks_the_host_records_before_the_fix(void **state)
{
    (void)state;
    struct probe_answer ex = ask(lab.local, PROBE_A, fqdn(lab.exchange_name), 2000);
    struct probe_answer cl = ask(lab.local, PROBE_A, fqdn(lab.cluster_name), 2000);
    struct probe_answer ptr = ask(lab.local, PROBE_PTR, reverse_of(lab.cluster_ip), 2000);

    assert_int_equal(ex.outcome, PROBE_NXDOMAIN);
    assert_true(ex.authoritative);
    assert_int_equal(cl.outcome, PROBE_NXDOMAIN);
    assert_int_equal(ptr.outcome, PROBE_NXDOMAIN);
}

static void test_aaaa_of_a_name_with_only_a_is_nodata(void **state)
{
    (void)state;
    struct probe_answer a = ask(lab.local, PROBE_AAAA, fqdn("ns1"), 2000);

    assert_int_equal(a.outcome, PROBE_NODATA);
    assert_true(a.authoritative);
    assert_int_equal(a.n_addrs, 0);
}

static void test_server_without_the_zone_refuses(void **state)
{
    (void)state;
    struct probe_answer a = ask(lab.refuse, PROBE_SOA, lab.zone, 2000);

    assert_int_equal(a.outcome, PROBE_REFUSED);
    assert_false(a.authoritative);
}

static void test_zone_that_does_not_load_gives_servfail(void **state)
{
    (void)state;
    struct probe_answer a = ask(lab.servfail, PROBE_SOA, lab.zone, 2000);

    assert_int_equal(a.outcome, PROBE_SERVFAIL);
}

static void test_silent_server_times_out_after_the_timeout(void **state)
{
    (void)state;
    struct probe_answer a = ask(lab.silent, PROBE_SOA, lab.zone, 300);

    assert_int_equal(a.outcome, PROBE_TIMEOUT);
    assert_false(a.authoritative);
    assert_true(a.rtt_ms >= 290 && a.rtt_ms < 600);
}

static void test_closed_port_is_connrefused_at_once(void **state)
{
    (void)state;
    struct probe_answer a = ask(lab.closed, PROBE_SOA, lab.zone, 2000);

    assert_int_equal(a.outcome, PROBE_CONNREFUSED);
    assert_true(a.rtt_ms < 1000);
}

static void test_cut_short_answer_is_malformed(void **state)
{
    (void)state;
    struct probe_answer a = ask(lab.garbage, PROBE_A, fqdn("ns1"), 2000);
    struct probe_answer soa = ask(lab.garbage, PROBE_SOA, lab.zone, 2000);

    assert_int_equal(a.outcome, PROBE_MALFORMED);
    assert_int_equal(a.n_addrs, 0);
    assert_true(a.authoritative); /* the header was read */
    assert_int_equal(soa.outcome, PROBE_MALFORMED);
}

/* Only printable ASCII, nothing raw: what the terminal and the JSON may be given. */
static void assert_printable(const char *s)
{
    for (const unsigned char *c = (const unsigned char *)s; *c; c++)
        if (*c < 0x20 || *c >= 0x7f)
            fail_msg("byte 0x%02x at %zu in \"%s\"", *c, (size_t)(c - (const unsigned char *)s), s);
}

/* tests/dnslab/zones.sh (hostile): every name carries ESC, BEL, NUL or DEL.  The CNAMEs
 * lead to the right addresses; the names alone make the replies unreadable. */
static void test_names_with_control_characters_are_malformed(void **state)
{
    (void)state;
    struct probe_answer ex = ask(lab.hostile, PROBE_A, fqdn(lab.exchange_name), 2000);
    struct probe_answer cl = ask(lab.hostile, PROBE_A, fqdn(lab.cluster_name), 2000);
    struct probe_answer ptr = ask(lab.hostile, PROBE_PTR, reverse_of(lab.exchange_ip), 2000);
    struct probe_answer ptr2 = ask(lab.hostile, PROBE_PTR, reverse_of(lab.cluster_ip), 2000);
    struct probe_answer soa = ask(lab.hostile, PROBE_SOA, lab.zone, 2000);

    assert_int_equal(ex.outcome, PROBE_MALFORMED);
    assert_int_equal(ex.n_addrs, 0);
    assert_int_equal(cl.outcome, PROBE_MALFORMED);
    assert_int_equal(cl.n_addrs, 0);
    assert_int_equal(ptr.outcome, PROBE_MALFORMED);
    assert_int_equal(ptr2.outcome, PROBE_MALFORMED);
    assert_printable(ptr.target);
    assert_printable(ptr2.target);
    /* The SOA parser lets the name through; the probe keeps it escaped as evidence. */
    assert_int_equal(soa.outcome, PROBE_MALFORMED);
    assert_printable(soa.target);
    assert_non_null(strstr(soa.target, "ns1\\027]0"));
    assert_non_null(strstr(soa.target, "pwned\\007"));
}

/* Too big for UDP (9.6 KB, no TC) or TC set, and TCP refused or closed at once: the
 * server is there, so neither a timeout nor "port closed". */
static void test_truncated_reply_without_tcp_is_truncated(void **state)
{
    (void)state;
    struct probe_answer big = ask(lab.oversized, PROBE_A, fqdn(lab.exchange_name), 2000);
    struct probe_answer tc = ask(lab.truncated, PROBE_A, fqdn(lab.exchange_name), 2000);
    struct probe_answer tc_soa = ask(lab.truncated, PROBE_SOA, lab.zone, 2000);

    assert_int_equal(big.outcome, PROBE_TRUNCATED);
    assert_int_equal(big.n_addrs, 0);
    assert_true(big.rtt_ms < 1000);
    assert_int_equal(tc.outcome, PROBE_TRUNCATED);
    assert_true(tc.rtt_ms < 1000);
    assert_int_equal(tc_soa.outcome, PROBE_TRUNCATED);
}

/* A real server's answer too big for UDP: TC set, c-ares asks again over TCP and reads it;
 * the probe keeps the first PROBE_ADDRS_MAX addresses. */
static void test_big_answer_comes_over_tcp(void **state)
{
    (void)state;
    struct probe_answer a = ask(lab.full, PROBE_A, fqdn("roundrobin"), 2000);

    assert_int_equal(a.outcome, PROBE_ANSWER);
    assert_true(a.authoritative);
    assert_int_equal(a.n_addrs, PROBE_ADDRS_MAX);
    assert_int_equal(strncmp(a.addrs[0].text, "192.0.2.", 8), 0);
}

/* c-ares drops replies that do not match the query or lack a header: they time out. */
static void test_reply_with_wrong_id_is_ignored_and_times_out(void **state)
{
    (void)state;
    struct probe_answer a = ask(lab.wrongid, PROBE_A, fqdn("ns1"), 300);

    assert_int_equal(a.outcome, PROBE_TIMEOUT);
}

static void test_reply_shorter_than_a_header_is_ignored_and_times_out(void **state)
{
    (void)state;
    struct probe_answer a = ask(lab.shortr, PROBE_A, fqdn("ns1"), 300);

    assert_int_equal(a.outcome, PROBE_TIMEOUT);
}

static void test_ptr_and_a_from_the_full_zone(void **state)
{
    (void)state;
    struct probe_answer ptr = ask(lab.full, PROBE_PTR, reverse_of(lab.exchange_ip), 2000);
    struct probe_answer a = ask(lab.full, PROBE_A, fqdn(lab.cluster_name), 2000);
    char want[NAMES_FQDN_SIZE];

    assert_int_equal(ptr.outcome, PROBE_ANSWER);
    assert_true(ptr.authoritative);
    snprintf(want, sizeof want, "%s.%s", lab.exchange_name, lab.zone);
    assert_int_equal(strcasecmp(ptr.target, want), 0);
    assert_int_equal(a.outcome, PROBE_ANSWER);
    assert_int_equal(a.n_addrs, 1);
    assert_string_equal(a.addrs[0].text, lab.cluster_ip);
}

/* --- the event loop ------------------------------------------------------------------- */

/* A silent server must not hold back another server's answer: the fast answer arrives
 * through the caller's poll() long before the slow query's timeout. */
static void test_fast_answer_does_not_wait_for_a_silent_server(void **state)
{
    (void)state;
    struct run r;
    struct probe *p = probe_for(&r, 1000);
    size_t silent = add(p, lab.silent), local = add(p, lab.local);
    size_t qs = send_q(p, silent, PROBE_SOA, lab.zone);
    size_t ql = send_q(p, local, PROBE_SOA, lab.zone);

    assert_int_equal(probe_pending(p), 2);
    run_loop(p);
    assert_int_equal(r.got[ql].a.outcome, PROBE_ANSWER);
    assert_int_equal(r.got[ql].server, local);
    assert_true(r.got[ql].at_ms < 200);
    assert_int_equal(r.got[qs].a.outcome, PROBE_TIMEOUT);
    assert_int_equal(r.got[qs].server, silent);
    assert_true(r.got[qs].at_ms >= 990);
    probe_free(p);
}

/* Ten queries through a forwarder that holds every reply 200 ms: sent one after another
 * they would take 2 s; at once, a little over 200 ms. */
static void test_queries_are_in_flight_at_once(void **state)
{
    (void)state;
    struct run r;
    struct probe *p = probe_for(&r, 3000);
    size_t s = add(p, lab.delay);

    for (int i = 0; i < 10; i++)
        send_q(p, s, i % 2 ? PROBE_SOA : PROBE_A, i % 2 ? lab.zone : fqdn("ns1"));
    assert_int_equal(probe_pending(p), 10);
    run_loop(p);
    assert_true(now_ms() - r.t0 < 1000);
    for (int i = 0; i < 10; i++) {
        assert_int_equal(r.got[i].calls, 1);
        assert_int_equal(r.got[i].a.outcome, PROBE_ANSWER);
        assert_true(r.got[i].a.rtt_ms >= lab.delay_ms - 10); /* the delay was real */
    }
    probe_free(p);
}

static void test_timeout_is_capped_and_left_alone_when_idle(void **state)
{
    (void)state;
    struct run r;
    struct probe *p = probe_for(&r, 1000);
    size_t s = add(p, lab.silent);

    assert_int_equal(probe_timeout(p, -1), -1);
    assert_int_equal(probe_timeout(p, 100), 100);
    send_q(p, s, PROBE_SOA, lab.zone);
    int t = probe_timeout(p, -1);
    assert_true(t > 900 && t <= 1000);
    assert_int_equal(probe_timeout(p, 50), 50);
    probe_free(p);
    assert_int_equal(r.got[0].a.outcome, PROBE_FAILED);
}

/* Failures c-ares reports from inside ares_query() (the second send to a closed port, a
 * bad label) wait for probe_process(): probe_send() never calls back. */
static void test_immediate_failures_are_delivered_by_process(void **state)
{
    (void)state;
    struct run r;
    struct probe *p = probe_for(&r, 2000);
    size_t s = add(p, lab.closed);
    char label[80];

    memset(label, 'a', 64);
    strcpy(label + 64, ".test");
    for (int i = 0; i < 3; i++)
        send_q(p, s, PROBE_A, fqdn("ns1"));
    size_t bad = send_q(p, s, PROBE_A, label);
    assert_int_equal(r.calls, 0);
    assert_int_equal(probe_pending(p), 4);
    assert_int_equal(probe_timeout(p, -1), 0);
    run_loop(p);
    assert_int_equal(r.calls, 4);
    for (size_t i = 0; i < 3; i++)
        assert_int_equal(r.got[i].a.outcome, PROBE_CONNREFUSED);
    assert_int_equal(r.got[bad].a.outcome, PROBE_FAILED);
    assert_int_equal(r.got[bad].calls, 1);
    probe_free(p);
}

/* The socket reports a closed port once; with two queries in flight the other would wait
 * for its whole timeout. A closed port is the server's: both end at once. */
static void test_every_query_to_a_closed_port_ends_at_once(void **state)
{
    (void)state;
    struct run r;
    struct probe *p = probe_for(&r, 3000);
    size_t s = add(p, lab.closed);
    struct timespec t0, t1;

    send_q(p, s, PROBE_A, fqdn("exsrv"));
    send_q(p, s, PROBE_A, fqdn("cluster1"));
    clock_gettime(CLOCK_MONOTONIC, &t0);
    run_loop(p);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    assert_int_equal(r.calls, 2);
    assert_int_equal(r.got[0].a.outcome, PROBE_CONNREFUSED);
    assert_int_equal(r.got[1].a.outcome, PROBE_CONNREFUSED);
    /* Far below the 3000 ms timeout: a correctness bound, not a benchmark. */
    assert_true((t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000 < 1500);
    probe_free(p);
}

/* --- no file descriptor left (ulimit -n) -------------------------------------------------- */

/* Lowers the soft limit so that exactly spare descriptors can be opened: new ones take the
 * lowest free number, so the limit is that number plus spare. *old to restore. */
static void limit_fds(size_t spare, struct rlimit *old)
{
    struct rlimit lim;
    int lowest = dup(0);

    assert_true(lowest >= 0);
    close(lowest);
    assert_int_equal(getrlimit(RLIMIT_NOFILE, old), 0);
    lim = *old;
    lim.rlim_cur = (rlim_t)lowest + spare;
    assert_int_equal(setrlimit(RLIMIT_NOFILE, &lim), 0);
}

/* One descriptor for four servers: each waits for the one before it to end, none reads as a
 * closed port. */
static void test_servers_wait_for_a_descriptor_and_are_all_asked(void **state)
{
    (void)state;
    struct run r;
    struct rlimit old;
    struct probe *p = probe_for(&r, 2000);
    size_t s[4] = {add(p, lab.local), add(p, lab.delay), add(p, lab.internet), add(p, lab.full)};

    limit_fds(1, &old);
    for (size_t i = 0; i < 4; i++) {
        send_q(p, s[i], PROBE_SOA, lab.zone);
        send_q(p, s[i], PROBE_A, fqdn("exsrv"));
    }
    run_loop(p);
    assert_int_equal(setrlimit(RLIMIT_NOFILE, &old), 0);
    assert_int_equal(r.calls, 8);
    for (size_t q = 0; q < 8; q++) {
        assert_int_not_equal(r.got[q].a.outcome, PROBE_CONNREFUSED);
        assert_int_not_equal(r.got[q].a.outcome, PROBE_FAILED);
    }
    assert_int_equal(r.got[0].a.outcome, PROBE_ANSWER);   /* local: SOA */
    assert_int_equal(r.got[2].a.outcome, PROBE_ANSWER);   /* the delayed local */
    assert_int_equal(r.got[4].a.outcome, PROBE_NXDOMAIN); /* internet */
    assert_int_equal(r.got[7].a.outcome, PROBE_ANSWER);   /* full: exsrv */
    probe_free(p);
}

/* No descriptor at all: the queries end not asked, saying why, and at once. */
static void test_no_descriptor_at_all_is_not_asked_not_a_closed_port(void **state)
{
    (void)state;
    struct run r;
    struct rlimit old;
    struct probe *p = probe_for(&r, 3000);
    size_t s0 = add(p, lab.local), s1 = add(p, lab.internet);

    limit_fds(0, &old);
    send_q(p, s0, PROBE_SOA, lab.zone);
    send_q(p, s1, PROBE_SOA, lab.zone);
    run_loop(p);
    assert_int_equal(setrlimit(RLIMIT_NOFILE, &old), 0);
    assert_int_equal(r.calls, 2);
    for (size_t q = 0; q < 2; q++) {
        assert_int_equal(r.got[q].a.outcome, PROBE_FAILED);
        assert_int_equal(r.got[q].a.error, EMFILE);
        assert_true(r.got[q].at_ms < 1500);
    }
    assert_string_equal(probe_error_text(EMFILE),
                        "this process ran out of file descriptors (ulimit -n)");
    probe_free(p);
}

/* --- cancel and free ------------------------------------------------------------------ */

static void test_cancel_calls_back_failed_and_keeps_the_probe(void **state)
{
    (void)state;
    struct run r;
    struct probe *p = probe_for(&r, 5000);
    size_t silent = add(p, lab.silent), local = add(p, lab.local);

    for (int i = 0; i < 3; i++)
        send_q(p, silent, PROBE_SOA, lab.zone);
    probe_cancel(p);
    assert_int_equal(probe_pending(p), 0);
    assert_int_equal(r.calls, 3);
    for (int i = 0; i < 3; i++) {
        assert_int_equal(r.got[i].calls, 1);
        assert_int_equal(r.got[i].a.outcome, PROBE_FAILED);
    }
    size_t q = send_q(p, local, PROBE_SOA, lab.zone);
    run_loop(p);
    assert_int_equal(q, 3);
    assert_int_equal(r.got[q].a.outcome, PROBE_ANSWER);
    probe_free(p);
}

static void test_cancel_from_a_callback_ends_the_rest(void **state)
{
    (void)state;
    struct run r;
    struct probe *p = probe_for(&r, 3000);
    size_t silent = add(p, lab.silent), local = add(p, lab.local);

    r.cancel_on_first = true;
    size_t q1 = send_q(p, silent, PROBE_SOA, lab.zone);
    size_t q2 = send_q(p, silent, PROBE_A, fqdn("ns1"));
    size_t ql = send_q(p, local, PROBE_SOA, lab.zone);
    run_loop(p);
    assert_int_equal(r.calls, 3);
    assert_int_equal(r.got[ql].a.outcome, PROBE_ANSWER);
    assert_int_equal(r.got[q1].a.outcome, PROBE_FAILED);
    assert_int_equal(r.got[q2].a.outcome, PROBE_FAILED);
    assert_true(r.got[q1].at_ms < 1000 && r.got[q2].at_ms < 1000);
    probe_free(p);
}

static void test_free_with_pending_queries_calls_back_failed(void **state)
{
    (void)state;
    struct run r;
    struct probe *p = probe_for(&r, 5000);
    size_t silent = add(p, lab.silent), delay = add(p, lab.delay);
    struct pollfd fds[FDS_MAX];

    send_q(p, silent, PROBE_SOA, lab.zone);
    send_q(p, delay, PROBE_SOA, lab.zone);
    send_q(p, delay, PROBE_PTR, reverse_of(lab.cluster_ip));
    /* One turn of the loop, so the sockets are open and polled when the probe goes. */
    size_t n = probe_pollfds(p, fds, FDS_MAX);
    assert_true(n >= 2);
    assert_int_equal(poll(fds, n, 0), 0);
    probe_process(p, fds, n);
    probe_free(p);
    assert_int_equal(r.calls, 3);
    for (int i = 0; i < 3; i++) {
        assert_int_equal(r.got[i].calls, 1);
        assert_int_equal(r.got[i].a.outcome, PROBE_FAILED);
    }
}

/* --- contract edges ------------------------------------------------------------------- */

static void test_bad_arguments_are_refused(void **state)
{
    (void)state;
    struct run r;
    struct probe *p = probe_for(&r, 0);
    struct dns_server none;
    struct cd_diag d;
    char long_name[300];

    memset(&none, 0, sizeof none);
    diag_clear(&d);
    assert_int_equal(probe_add_server(p, &none, &d), CD_EINVAL);
    assert_int_equal(d.code, CD_EINVAL);
    assert_non_null(d.fmt);
    assert_int_equal(probe_servers(p), 0);
    size_t s = add(p, lab.local);
    assert_int_equal(probe_servers(p), 1);
    assert_int_equal(probe_send(p, s + 1, PROBE_A, lab.zone), CD_EINVAL);
    assert_int_equal(probe_send(p, s, PROBE_A, ""), CD_EINVAL);
    assert_int_equal(probe_send(p, s, PROBE_A, NULL), CD_EINVAL);
    assert_int_equal(probe_send(p, s, (enum probe_qtype)42, lab.zone), CD_EINVAL);
    memset(long_name, 'a', sizeof long_name - 1);
    long_name[sizeof long_name - 1] = '\0';
    assert_int_equal(probe_send(p, s, PROBE_A, long_name), CD_EINVAL);
    assert_int_equal(probe_pending(p), 0);
    assert_null(probe_new(100, NULL, NULL));
    probe_free(p);
    probe_free(NULL);
}

/* The texts for people tell every outcome apart (the JSON names are the codec's). */
static void test_names_and_texts(void **state)
{
    (void)state;
    for (int o = PROBE_PENDING; o <= PROBE_FAILED; o++) {
        for (int k = PROBE_PENDING; k < o; k++)
            assert_string_not_equal(probe_outcome_text((enum probe_outcome)o),
                                    probe_outcome_text((enum probe_outcome)k));
    }
    assert_string_equal(probe_outcome_text(PROBE_TIMEOUT), "no reply (timeout)");
    assert_string_equal(probe_outcome_text(PROBE_NXDOMAIN), "name does not exist");
}

/* --- after the lab's nsupdate (LAB_PHASE=updated) --------------------------------------- */

static void test_local_answers_the_host_records_after_the_fix(void **state)
{
    (void)state;
    struct probe_answer ex = ask(lab.local, PROBE_A, fqdn(lab.exchange_name), 2000);
    struct probe_answer cl = ask(lab.local, PROBE_A, fqdn(lab.cluster_name), 2000);
    struct probe_answer ptr = ask(lab.local, PROBE_PTR, reverse_of(lab.cluster_ip), 2000);
    char want[NAMES_FQDN_SIZE];

    assert_int_equal(ex.outcome, PROBE_ANSWER);
    assert_string_equal(ex.addrs[0].text, lab.exchange_ip);
    assert_int_equal(cl.outcome, PROBE_ANSWER);
    assert_string_equal(cl.addrs[0].text, lab.cluster_ip);
    assert_int_equal(ptr.outcome, PROBE_ANSWER);
    snprintf(want, sizeof want, "%s.%s", lab.cluster_name, lab.zone);
    assert_int_equal(strcasecmp(ptr.target, want), 0);
}

/* --- environment ---------------------------------------------------------------------- */

static bool read_lab(void)
{
    bool ok =
        env_port("LAB_PORT_LOCAL", &lab.local) && env_port("LAB_PORT_FULL", &lab.full) &&
        env_port("LAB_PORT_INTERNET", &lab.internet) && env_port("LAB_PORT_REFUSE", &lab.refuse) &&
        env_port("LAB_PORT_SERVFAIL", &lab.servfail) && env_port("LAB_PORT_SILENT", &lab.silent) &&
        env_port("LAB_PORT_CLOSED", &lab.closed) && env_port("LAB_PORT_GARBAGE", &lab.garbage) &&
        env_port("LAB_PORT_WRONGID", &lab.wrongid) && env_port("LAB_PORT_SHORT", &lab.shortr) &&
        env_port("LAB_PORT_DELAY", &lab.delay) && env_port("LAB_DELAY_MS", &lab.delay_ms) &&
        env_port("LAB_PORT_HOSTILE", &lab.hostile) &&
        env_port("LAB_PORT_OVERSIZED", &lab.oversized) &&
        env_port("LAB_PORT_TRUNCATED", &lab.truncated);
    lab.zone = env_or("LAB_ZONE", "fabrikam.local");
    lab.ns1_ip = env_or("LAB_NS1_IP", "172.16.8.2");
    lab.exchange_name = env_or("LAB_EXCHANGE_NAME", "EXSRV");
    lab.exchange_ip = env_or("LAB_EXCHANGE_IP", "172.16.8.31");
    lab.cluster_name = env_or("LAB_CLUSTER_NAME", "CLUSTER1");
    lab.cluster_ip = env_or("LAB_CLUSTER_IP", "172.16.8.30");
    lab.serial = strtoul(env_or("LAB_SERIAL", "2024010101"), NULL, 10);
    return ok;
}

int main(void)
{
    const struct CMUnitTest before_fix[] = {
        cmocka_unit_test(test_soa_from_local_is_authoritative_with_serial_and_mname),
        cmocka_unit_test(test_a_from_local_lists_the_address),
        cmocka_unit_test(test_trailing_dot_is_left_out_of_qname),
        cmocka_unit_test(test_internet_server_says_the_zone_does_not_exist),
        cmocka_unit_test(test_local_lacks_the_host_records_before_the_fix),
        cmocka_unit_test(test_aaaa_of_a_name_with_only_a_is_nodata),
        cmocka_unit_test(test_server_without_the_zone_refuses),
        cmocka_unit_test(test_zone_that_does_not_load_gives_servfail),
        cmocka_unit_test(test_silent_server_times_out_after_the_timeout),
        cmocka_unit_test(test_closed_port_is_connrefused_at_once),
        cmocka_unit_test(test_every_query_to_a_closed_port_ends_at_once),
        cmocka_unit_test(test_cut_short_answer_is_malformed),
        cmocka_unit_test(test_names_with_control_characters_are_malformed),
        cmocka_unit_test(test_truncated_reply_without_tcp_is_truncated),
        cmocka_unit_test(test_big_answer_comes_over_tcp),
        cmocka_unit_test(test_reply_with_wrong_id_is_ignored_and_times_out),
        cmocka_unit_test(test_reply_shorter_than_a_header_is_ignored_and_times_out),
        cmocka_unit_test(test_ptr_and_a_from_the_full_zone),
        cmocka_unit_test(test_fast_answer_does_not_wait_for_a_silent_server),
        cmocka_unit_test(test_queries_are_in_flight_at_once),
        cmocka_unit_test(test_timeout_is_capped_and_left_alone_when_idle),
        cmocka_unit_test(test_immediate_failures_are_delivered_by_process),
        cmocka_unit_test(test_servers_wait_for_a_descriptor_and_are_all_asked),
        cmocka_unit_test(test_no_descriptor_at_all_is_not_asked_not_a_closed_port),
        cmocka_unit_test(test_cancel_calls_back_failed_and_keeps_the_probe),
        cmocka_unit_test(test_cancel_from_a_callback_ends_the_rest),
        cmocka_unit_test(test_free_with_pending_queries_calls_back_failed),
        cmocka_unit_test(test_bad_arguments_are_refused),
        cmocka_unit_test(test_names_and_texts),
    };
    const struct CMUnitTest after_fix[] = {
        cmocka_unit_test(test_local_answers_the_host_records_after_the_fix),
    };

    if (!read_lab()) {
        fprintf(stderr, "test_probe: LAB_PORT_* not set; run it through "
                        "tests/integration/probe.sh\n");
        return 77;
    }
    if (strcmp(env_or("LAB_PHASE", "before"), "updated") == 0)
        return cmocka_run_group_tests_name("probe after nsupdate", after_fix, NULL, NULL);
    return cmocka_run_group_tests_name("probe", before_fix, NULL, NULL);
}
