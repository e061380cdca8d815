/* The wizard's session: fields and their rules, symptoms, steps, servers, groups, the
 * checklist, saving and loading.  No test here asks a real DNS server: the servers are
 * loopback ports nothing listens on (the reply is "port closed", at once) or none.
 *
 * With SESSION_LAB=1 and the LAB_PORT_* variables of tests/integration/session.sh, a second
 * set of tests runs the session's own poll loop against real named servers; without them
 * those tests are skipped. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "lab_env.h"
#include "sample_file.h"

#include <arpa/inet.h>
#include <errno.h>
#include <ftw.h>
#include <limits.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "rules.h"
#include "session.h"

#define FDS_MAX 256
#define IDLE_LIMIT_MS 10000   /* a hang fails instead of blocking */
#define CLOSED_TIMEOUT_MS 300 /* closed ports answer at once; c-ares may still wait for one */
#define LAB_TIMEOUT_MS 2000   /* named on loopback, even on a busy machine */

static char tmp_root[PATH_MAX];
static unsigned closed_port;                       /* a loopback UDP port nothing listens on */
static char closed1[64], closed2[64], closed3[64]; /* "127.0.0.N:closed_port" */

static struct {
    bool on;
    unsigned internet, local, full;
    const char *zone, *exchange_name, *exchange_ip, *cluster_name, *cluster_ip;
} lab;

/* ---- helpers -------------------------------------------------------------------------- */

static double now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

static void join(char *out, const char *a, const char *b)
{
    int n = snprintf(out, PATH_MAX, "%s/%s", a, b);

    assert_true(n > 0 && n < PATH_MAX);
}

/* A fresh folder under the test root for one test. */
static void test_dir(char *out, const char *name)
{
    join(out, tmp_root, name);
    assert_int_equal(mkdir(out, 0755), 0);
}

static struct session *open_session_t(const char *servers, const char *output, int timeout_ms)
{
    struct session_options o = {.servers = servers, .output = output, .timeout_ms = timeout_ms};
    struct cd_diag d;
    struct session *s = session_new(&o, &d);

    assert_non_null(s);
    return s;
}

static struct session *open_session(const char *servers, const char *output)
{
    return open_session_t(servers, output, CLOSED_TIMEOUT_MS);
}

/* No server at all: nothing is ever sent. */
static struct session *offline(void)
{
    return open_session("", NULL);
}

static int set(struct session *s, enum session_field f, const char *text)
{
    struct cd_diag d;

    return session_set_text(s, f, text, &d);
}

static void fill_names(struct session *s)
{
    assert_int_equal(set(s, SF_ZONE, "fabrikam.local"), CD_OK);
    assert_int_equal(set(s, SF_EXCHANGE_NAME, "EXSRV"), CD_OK);
    assert_int_equal(set(s, SF_EXCHANGE_IP, "172.16.8.31"), CD_OK);
    assert_int_equal(set(s, SF_CLUSTER_NAME, "CLUSTER1"), CD_OK);
    assert_int_equal(set(s, SF_CLUSTER_IP, "172.16.8.30"), CD_OK);
}

/* The front end's loop, without the terminal; true when anything arrived. */
static bool run_until_idle(struct session *s)
{
    struct pollfd fds[FDS_MAX];
    double start = now_ms();
    bool arrived = false;

    while (session_busy(s)) {
        size_t n = session_pollfds(s, fds, FDS_MAX);
        int t = session_timeout(s, 100);

        assert_true(t >= 0 && t <= 100);
        assert_true(poll(fds, n, t) >= 0);
        arrived = session_process(s, fds, n) || arrived;
        assert_true(now_ms() - start < IDLE_LIMIT_MS);
    }
    return arrived;
}

static const char *server_text(const struct session *s, size_t i, char *buf)
{
    assert_true(i < session_servers(s)->n);
    return server_format(&session_servers(s)->v[i], buf, SERVERS_TEXT_SIZE);
}

static void assert_servers(const struct session *s, const char *a, const char *b, const char *c)
{
    const char *want[3] = {a, b, c};
    size_t n = c ? 3 : b ? 2 : a ? 1 : 0;
    char buf[SERVERS_TEXT_SIZE];

    assert_int_equal(session_servers(s)->n, n);
    for (size_t i = 0; i < n; i++)
        assert_string_equal(server_text(s, i, buf), want[i]);
}

/* The message of d as the operator reads it, in English. */
static const char *msg(const struct cd_diag *d)
{
    static char buf[1024];

    return diag_format_c(d, buf, sizeof buf);
}

static void assert_error(const struct session *s, enum session_field f, const char *field,
                         const char *part)
{
    const struct cd_diag *e = session_error(s, f);

    assert_non_null(e);
    assert_int_equal(e->code, CD_EINVAL);
    assert_string_equal(e->field, field);
    if (!strstr(msg(e), part))
        fail_msg("\"%s\" does not say \"%s\"", msg(e), part);
    assert_false(session_valid(s, f));
}

/* A checklist on disk for the load tests, with the KB's names and the given servers. */
static void base_checklist(struct checklist *cl)
{
    checklist_init(cl);
    strcpy(cl->zone, "fabrikam.local");
    strcpy(cl->exchange.name, "EXSRV");
    strcpy(cl->exchange.ip, "172.16.8.31");
    strcpy(cl->cluster.name, "CLUSTER1");
    strcpy(cl->cluster.ip, "172.16.8.30");
    strcpy(cl->group, "Exchange Group 1");
}

/* Appends a server on the closed port to the order found, at its position in the list. */
static void add_cl_server(struct checklist *cl, const char *address, unsigned position)
{
    struct dns_server srv = {.port = closed_port};
    struct cd_diag d;

    assert_int_equal(names_server_ip(address, &srv.ip, NULL, &d), CD_OK);
    assert_int_equal(server_list_add(&cl->found, &srv, &d), CD_OK);
    server_list_move(&cl->found, cl->found.n - 1, position - 1 < cl->found.n ? position - 1 : 0);
    if (!cl->found_who.at)
        cl->found_who.at = cl->created;
}

static void save_checklist(struct checklist *cl, const char *path)
{
    struct cd_diag d;

    if (checklist_save(cl, path, &d) != CD_OK)
        fail_msg("checklist_save: %s", msg(&d));
    checklist_fini(cl);
}

static struct session *load_session_t(const char *path, const char *servers, const char *output,
                                      int timeout_ms)
{
    struct session_options o = {
        .load = path, .servers = servers, .output = output, .timeout_ms = timeout_ms};
    struct cd_diag d;
    struct session *s = session_new(&o, &d);

    if (!s)
        fail_msg("session_new(load %s): %s", path, msg(&d));
    return s;
}

static struct session *load_session(const char *path, const char *servers, const char *output)
{
    return load_session_t(path, servers, output, CLOSED_TIMEOUT_MS);
}

static const struct cl_run *last_run(struct session *s)
{
    return checklist_last_check(session_checklist(s));
}

static enum verdict verdict(struct session *s)
{
    const struct cl_run *run = last_run(s);

    assert_non_null(run);
    return run->eval.verdict;
}

/* tests/samples/<name>, from $top_srcdir (absolute, set by make check) or next to this file. */

static bool file_exists(const char *path)
{
    struct stat st;

    return stat(path, &st) == 0;
}

/* ---- fields ---------------------------------------------------------------------------- */

static void test_labels_name_each_field_as_the_kb_does(void **state)
{
    static const char *const want[SF_COUNT] = {
        "Exchange group",
        "Zone",
        "Exchange network name",
        "Exchange IP address",
        "Cluster network name",
        "Cluster IP address",
        "Operator",
        "Ticket",
        "Notes",
        "Save to",
    };

    (void)state;
    for (int f = 0; f < SF_COUNT; f++)
        assert_string_equal(session_field_label((enum session_field)f), want[f]);
}

static void test_fields_never_set_show_no_error(void **state)
{
    struct session *s = offline();

    (void)state;
    for (int f = 0; f < SF_COUNT; f++) {
        assert_null(session_error(s, (enum session_field)f));
        assert_string_equal(session_text(s, (enum session_field)f),
                            f == SF_OUTPUT ? session_output(s) : "");
    }
    /* Required ones are not valid yet; optional ones are, empty. */
    assert_false(session_valid(s, SF_GROUP));
    assert_false(session_valid(s, SF_ZONE));
    assert_false(session_valid(s, SF_EXCHANGE_NAME));
    assert_false(session_valid(s, SF_CLUSTER_IP));
    assert_true(session_valid(s, SF_OPERATOR));
    assert_true(session_valid(s, SF_TICKET));
    assert_true(session_valid(s, SF_NOTES));
    assert_false(session_unsaved(s));
    session_free(s);
}

static void test_zone_follows_dns_rules_and_names_the_field(void **state)
{
    struct session *s = offline();
    struct cd_diag d;

    (void)state;
    assert_int_equal(session_set_text(s, SF_ZONE, "fabrikam..local", &d), CD_EINVAL);
    assert_string_equal(d.field, "Zone");
    assert_string_equal(d.where, "zone");
    assert_non_null(strstr(msg(&d), "two dots in a row"));
    assert_error(s, SF_ZONE, "Zone", "two dots in a row");
    assert_string_equal(session_text(s, SF_ZONE), "fabrikam..local"); /* kept as typed */

    assert_int_equal(session_set_text(s, SF_ZONE, "", &d), CD_EINVAL);
    assert_string_equal(msg(&d), "Zone: is required");

    assert_int_equal(session_set_text(s, SF_ZONE, "Fabrikam.Local.", &d), CD_OK);
    assert_null(session_error(s, SF_ZONE));
    assert_true(session_valid(s, SF_ZONE));
    assert_string_equal(session_checklist(s)->zone, "fabrikam.local");
    session_free(s);
}

static void test_network_names_follow_netbios_rules_with_their_own_labels(void **state)
{
    struct session *s = offline();
    struct cd_diag d;

    (void)state;
    assert_int_equal(session_set_text(s, SF_EXCHANGE_NAME, "EX SRV", &d), CD_EINVAL);
    assert_string_equal(d.field, "Exchange network name");
    assert_string_equal(d.where, "exchange.name");
    assert_error(s, SF_EXCHANGE_NAME, "Exchange network name", "contains a space");

    assert_int_equal(session_set_text(s, SF_CLUSTER_NAME, "CLUSTERNODENAME1", &d), CD_EINVAL);
    assert_string_equal(d.field, "Cluster network name");
    assert_error(s, SF_CLUSTER_NAME, "Cluster network name", "at most 15");

    assert_int_equal(session_set_text(s, SF_CLUSTER_NAME, "exsrv.fabrikam", &d), CD_EINVAL);
    assert_error(s, SF_CLUSTER_NAME, "Cluster network name", "without the zone");

    assert_int_equal(set(s, SF_EXCHANGE_NAME, "EXSRV"), CD_OK);
    assert_int_equal(set(s, SF_CLUSTER_NAME, "CLUSTER1"), CD_OK);
    assert_null(session_error(s, SF_EXCHANGE_NAME));
    assert_null(session_error(s, SF_CLUSTER_NAME));
    session_free(s);
}

static void test_name_too_long_with_the_zone_is_refused_when_the_zone_changes(void **state)
{
    struct session *s = offline();
    char zone[NAMES_FQDN_SIZE];

    (void)state;
    /* Four labels, 251 octets: a valid zone, but no name of 2 letters or more fits. */
    memset(zone, 'a', 251);
    zone[63] = zone[127] = zone[191] = '.';
    zone[251] = '\0';
    assert_int_equal(strlen(zone), 251);
    assert_int_equal(set(s, SF_EXCHANGE_NAME, "EXSRV"), CD_OK);
    assert_int_equal(set(s, SF_ZONE, zone), CD_OK);
    /* The name was fine alone; with this zone its FQDN is too long. */
    assert_error(s, SF_EXCHANGE_NAME, "Exchange network name", "with the zone");
    assert_int_equal(set(s, SF_ZONE, "fabrikam.local"), CD_OK);
    assert_null(session_error(s, SF_EXCHANGE_NAME));
    session_free(s);
}

static void test_ip_addresses_must_be_usable_by_a_cluster_resource(void **state)
{
    struct session *s = offline();
    struct cd_diag d;

    (void)state;
    assert_int_equal(session_set_text(s, SF_EXCHANGE_IP, "127.0.0.1", &d), CD_EINVAL);
    assert_string_equal(d.field, "Exchange IP address");
    assert_string_equal(d.where, "exchange.ip");
    assert_error(s, SF_EXCHANGE_IP, "Exchange IP address", "loopback");
    assert_int_equal(session_set_text(s, SF_CLUSTER_IP, "172.16.8.300", &d), CD_EINVAL);
    assert_error(s, SF_CLUSTER_IP, "Cluster IP address", "is not an IPv4 address");
    assert_int_equal(set(s, SF_EXCHANGE_IP, "2001:DB8::31"), CD_OK);
    assert_int_equal(set(s, SF_CLUSTER_IP, "172.16.8.30"), CD_OK);
    assert_string_equal(session_checklist(s)->exchange.ip, "2001:db8::31"); /* canonical */
    session_free(s);
}

static void test_kb_names_must_differ_shows_on_the_cluster_name(void **state)
{
    struct session *s = offline();
    struct cd_diag d;

    (void)state;
    assert_int_equal(set(s, SF_EXCHANGE_NAME, "EXSRV"), CD_OK);
    assert_int_equal(session_set_text(s, SF_CLUSTER_NAME, "exsrv", &d), CD_EINVAL);
    assert_string_equal(d.field, "Cluster network name");
    assert_string_equal(d.where, "cluster.name");
    assert_error(s, SF_CLUSTER_NAME, "Cluster network name", "to differ");
    assert_null(session_error(s, SF_EXCHANGE_NAME));
    /* Changing the first of the pair clears the second's error. */
    assert_int_equal(set(s, SF_EXCHANGE_NAME, "MAIL"), CD_OK);
    assert_null(session_error(s, SF_CLUSTER_NAME));
    /* And making it equal again puts the error back on the cluster name. */
    assert_int_equal(set(s, SF_EXCHANGE_NAME, "ExSrv"), CD_OK);
    assert_error(s, SF_CLUSTER_NAME, "Cluster network name", "(ExSrv)");
    assert_null(session_error(s, SF_EXCHANGE_NAME));
    session_free(s);
}

static void test_kb_ips_must_differ_shows_on_the_cluster_ip(void **state)
{
    struct session *s = offline();
    struct cd_diag d;

    (void)state;
    assert_int_equal(set(s, SF_EXCHANGE_IP, "172.16.8.31"), CD_OK);
    assert_int_equal(session_set_text(s, SF_CLUSTER_IP, "172.16.8.31", &d), CD_EINVAL);
    assert_string_equal(d.field, "Cluster IP address");
    assert_error(s, SF_CLUSTER_IP, "Cluster IP address", "to differ");
    assert_null(session_error(s, SF_EXCHANGE_IP));
    assert_int_equal(set(s, SF_CLUSTER_IP, "172.16.8.30"), CD_OK);
    assert_null(session_error(s, SF_CLUSTER_IP));
    session_free(s);
}

static void test_group_is_required_short_and_without_control_characters(void **state)
{
    struct session *s = offline();
    char text[200];
    struct cd_diag d;

    (void)state;
    assert_int_equal(session_set_text(s, SF_GROUP, "", &d), CD_EINVAL);
    assert_string_equal(msg(&d), "Exchange group: is required");
    assert_string_equal(d.where, "group");
    memset(text, 'g', 128);
    text[128] = '\0';
    assert_int_equal(set(s, SF_GROUP, text), CD_EINVAL);
    assert_error(s, SF_GROUP, "Exchange group", "128 bytes long");
    text[127] = '\0';
    assert_int_equal(set(s, SF_GROUP, text), CD_OK);
    assert_int_equal(set(s, SF_GROUP, "Exchange\tGroup"), CD_EINVAL);
    assert_error(s, SF_GROUP, "Exchange group", "control character at character 9");
    assert_int_equal(set(s, SF_GROUP, "Gruppe \xff"), CD_EINVAL);
    assert_error(s, SF_GROUP, "Exchange group", "not valid UTF-8");
    assert_int_equal(set(s, SF_GROUP, "Exchange Group 1"), CD_OK);
    assert_int_equal(set(s, SF_GROUP, "Groupe \xc3\xa9t\xc3\xa9"), CD_OK); /* UTF-8 */
    assert_null(session_error(s, SF_GROUP));
    session_free(s);
}

static void test_operator_ticket_and_notes_are_optional_but_clean(void **state)
{
    struct session *s = offline();
    char notes[CHECKLIST_NOTES + 1];

    (void)state;
    assert_int_equal(set(s, SF_OPERATOR, ""), CD_OK);
    assert_null(session_error(s, SF_OPERATOR));
    assert_int_equal(set(s, SF_TICKET, "T-4711\x01"), CD_EINVAL);
    assert_error(s, SF_TICKET, "Ticket", "control character");
    assert_int_equal(set(s, SF_OPERATOR, "Ana\nRuiz"), CD_EINVAL);
    assert_error(s, SF_OPERATOR, "Operator", "control character");
    /* Notes keep new lines and tabs, nothing else. */
    assert_int_equal(set(s, SF_NOTES, "line one\n\tline two"), CD_OK);
    assert_int_equal(set(s, SF_NOTES, "line one\r\nline two"), CD_EINVAL);
    assert_error(s, SF_NOTES, "Notes", "only new lines and tabs");
    memset(notes, 'n', CHECKLIST_NOTES);
    notes[CHECKLIST_NOTES] = '\0';
    assert_int_equal(set(s, SF_NOTES, notes), CD_EINVAL);
    assert_error(s, SF_NOTES, "Notes", "at most 2047");
    notes[CHECKLIST_NOTES - 1] = '\0';
    assert_int_equal(set(s, SF_NOTES, notes), CD_OK);
    session_free(s);
}

static void test_output_path_must_name_a_file(void **state)
{
    struct session *s = offline();

    (void)state;
    assert_int_equal(set(s, SF_OUTPUT, ""), CD_EINVAL);
    assert_error(s, SF_OUTPUT, "Save to", "is required");
    assert_int_equal(set(s, SF_OUTPUT, "/tmp/"), CD_EINVAL);
    assert_error(s, SF_OUTPUT, "Save to", "names a folder");
    assert_int_equal(set(s, SF_OUTPUT, "ticket-4711.json"), CD_OK);
    assert_string_equal(session_output(s), "ticket-4711.json");
    session_free(s);
}

static void test_overlong_text_is_refused_and_the_old_text_kept(void **state)
{
    struct session *s = offline();
    char *text = malloc(SESSION_TEXT_MAX + 1);
    struct cd_diag d;

    (void)state;
    assert_non_null(text);
    assert_int_equal(set(s, SF_NOTES, "kept"), CD_OK);
    memset(text, 'x', SESSION_TEXT_MAX);
    text[SESSION_TEXT_MAX] = '\0';
    assert_int_equal(session_set_text(s, SF_NOTES, text, &d), CD_EINVAL);
    assert_string_equal(d.field, "Notes");
    assert_non_null(strstr(msg(&d), "longer than 4095 bytes"));
    assert_string_equal(session_text(s, SF_NOTES), "kept");
    free(text);
    session_free(s);
}

/* ---- symptoms ------------------------------------------------------------------------------ */

static void test_symptoms_toggle_cycles_unknown_yes_no_unknown(void **state)
{
    struct session *s = offline();

    (void)state;
    assert_int_equal(session_symptom(s, SYMPTOM_OVERLAPPED_IO), TRI_UNKNOWN);
    session_toggle_symptom(s, SYMPTOM_OVERLAPPED_IO);
    assert_int_equal(session_symptom(s, SYMPTOM_OVERLAPPED_IO), TRI_YES);
    session_toggle_symptom(s, SYMPTOM_OVERLAPPED_IO);
    assert_int_equal(session_symptom(s, SYMPTOM_OVERLAPPED_IO), TRI_NO);
    session_toggle_symptom(s, SYMPTOM_OVERLAPPED_IO);
    assert_int_equal(session_symptom(s, SYMPTOM_OVERLAPPED_IO), TRI_UNKNOWN);
    /* The others did not move, and the checklist says the same. */
    session_toggle_symptom(s, SYMPTOM_EVENT_4058);
    assert_int_equal(session_symptom(s, SYMPTOM_SETUP_HANGS), TRI_UNKNOWN);
    assert_int_equal(session_checklist(s)->symptoms.event_4058, TRI_YES);
    assert_int_equal(session_checklist(s)->symptoms.overlapped_io, TRI_UNKNOWN);
    session_free(s);
}

static void test_symptoms_match_only_when_all_are_yes(void **state)
{
    struct session *s = offline();

    (void)state;
    assert_false(session_symptoms_match(s));
    session_set_symptom(s, SYMPTOM_SETUP_HANGS, TRI_YES);
    session_set_symptom(s, SYMPTOM_OVERLAPPED_IO, TRI_YES);
    assert_false(session_symptoms_match(s));
    session_set_symptom(s, SYMPTOM_EVENT_4058, TRI_NO);
    assert_false(session_symptoms_match(s));
    session_set_symptom(s, SYMPTOM_EVENT_4058, TRI_YES);
    assert_true(session_symptoms_match(s));
    session_free(s);
}

/* ---- steps ----------------------------------------------------------------------------- */

static void test_symptoms_step_is_always_ready(void **state)
{
    struct session *s = offline();
    struct cd_diag why;

    (void)state;
    assert_true(session_step_ready(s, STEP_SYMPTOMS, &why));
    session_set_symptom(s, SYMPTOM_EVENT_4058, TRI_NO); /* the KB may not apply */
    assert_true(session_step_ready(s, STEP_SYMPTOMS, &why));
    session_free(s);
}

static void test_group_step_needs_a_valid_group_and_says_why(void **state)
{
    struct session *s = offline();
    struct cd_diag why;

    (void)state;
    assert_false(session_step_ready(s, STEP_GROUP, &why));
    assert_string_equal(msg(&why), "Exchange group: is required");
    assert_int_equal(session_step_fault(s, STEP_GROUP), SF_GROUP);
    assert_int_equal(session_step_fault(s, STEP_SYMPTOMS), -1);
    assert_int_equal(set(s, SF_GROUP, "Exchange\x7fGroup"), CD_EINVAL);
    assert_false(session_step_ready(s, STEP_GROUP, &why));
    assert_non_null(strstr(msg(&why), "control character"));
    assert_int_equal(set(s, SF_GROUP, "Exchange Group 1"), CD_OK);
    assert_true(session_step_ready(s, STEP_GROUP, &why));
    session_free(s);
}

static void test_names_step_reports_the_first_failing_field(void **state)
{
    struct session *s = offline();
    struct cd_diag why;

    (void)state;
    assert_false(session_step_ready(s, STEP_NAMES, &why));
    assert_string_equal(msg(&why), "Zone: is required");
    assert_int_equal(session_step_fault(s, STEP_NAMES), SF_ZONE);
    assert_int_equal(set(s, SF_ZONE, "fabrikam.local"), CD_OK);
    assert_false(session_step_ready(s, STEP_NAMES, &why));
    assert_string_equal(msg(&why), "Exchange network name: is required");
    assert_int_equal(session_step_fault(s, STEP_NAMES), SF_EXCHANGE_NAME);
    assert_int_equal(set(s, SF_EXCHANGE_NAME, "EXSRV"), CD_OK);
    assert_int_equal(set(s, SF_EXCHANGE_IP, "224.0.0.1"), CD_EINVAL);
    assert_false(session_step_ready(s, STEP_NAMES, &why));
    assert_string_equal(why.field, "Exchange IP address");
    assert_non_null(strstr(msg(&why), "multicast"));
    assert_int_equal(set(s, SF_EXCHANGE_IP, "172.16.8.31"), CD_OK);
    assert_false(session_step_ready(s, STEP_NAMES, &why));
    assert_string_equal(msg(&why), "Cluster network name: is required");
    assert_int_equal(set(s, SF_CLUSTER_NAME, "CLUSTER1"), CD_OK);
    assert_int_equal(set(s, SF_CLUSTER_IP, "172.16.8.31"), CD_EINVAL);
    assert_false(session_step_ready(s, STEP_NAMES, &why));
    assert_string_equal(why.field, "Cluster IP address");
    assert_non_null(strstr(msg(&why), "to differ"));
    assert_int_equal(session_step_fault(s, STEP_NAMES), SF_CLUSTER_IP);
    assert_int_equal(set(s, SF_CLUSTER_IP, "172.16.8.30"), CD_OK);
    assert_true(session_step_ready(s, STEP_NAMES, &why));
    assert_int_equal(session_step_fault(s, STEP_NAMES), -1);
    session_free(s);
}

static void test_dns_steps_need_the_names_and_a_server(void **state)
{
    struct session *s = offline();
    struct cd_diag why;

    (void)state;
    assert_false(session_step_ready(s, STEP_DNS_ORDER, &why));
    assert_string_equal(msg(&why), "Zone: is required");
    fill_names(s);
    assert_false(session_step_ready(s, STEP_DNS_ORDER, &why));
    assert_string_equal(msg(&why), "Give at least one DNS server");
    assert_false(session_step_ready(s, STEP_HOST_RECORDS, &why));
    assert_string_equal(msg(&why), "Give at least one DNS server");
    assert_null(session_check(s));
    session_free(s);
}

static void test_dns_steps_wait_for_the_running_check(void **state)
{
    struct session *s = open_session(closed1, NULL);
    struct cd_diag why;

    (void)state;
    fill_names(s);
    assert_non_null(session_check(s));
    assert_true(session_busy(s));
    assert_false(session_step_ready(s, STEP_DNS_ORDER, &why));
    assert_non_null(strstr(msg(&why), "Still waiting for answers from"));
    assert_false(session_step_ready(s, STEP_HOST_RECORDS, &why));
    assert_non_null(strstr(msg(&why), "Still waiting for answers from"));
    run_until_idle(s);
    assert_true(session_step_ready(s, STEP_DNS_ORDER, &why));
    assert_true(session_step_ready(s, STEP_HOST_RECORDS, &why));
    session_free(s);
}

static void test_summary_step_needs_where_to_save(void **state)
{
    struct session *s = offline();
    struct cd_diag why;

    (void)state;
    assert_int_equal(set(s, SF_OUTPUT, ""), CD_EINVAL);
    assert_false(session_step_ready(s, STEP_SUMMARY, &why));
    assert_string_equal(msg(&why), "Save to: is required");
    assert_int_equal(set(s, SF_OUTPUT, "ticket.json"), CD_OK);
    assert_true(session_step_ready(s, STEP_SUMMARY, &why));
    session_free(s);
}

static void test_finish_marks_done_now_and_keeps_step_notes(void **state)
{
    char dir[PATH_MAX], path[PATH_MAX];
    struct checklist cl;
    struct session *s;
    const struct checklist *out;
    time_t t0, t1;

    (void)state;
    test_dir(dir, "finish");
    join(path, dir, "ck.json");
    base_checklist(&cl);
    add_cl_server(&cl, "127.0.0.1", 1);
    strcpy(cl.steps[STEP_GROUP].notes, "asked the cluster admin");
    save_checklist(&cl, path);

    s = load_session(path, NULL, NULL);
    assert_int_equal(set(s, SF_NOTES, "all done"), CD_OK);
    t0 = time(NULL);
    session_step_finish(s, STEP_GROUP);
    session_step_finish(s, STEP_SUMMARY);
    t1 = time(NULL);
    out = session_checklist(s);
    assert_int_equal(out->steps[STEP_GROUP].status, STEP_DONE);
    assert_in_range(out->steps[STEP_GROUP].done.at, t0, t1);
    assert_string_equal(out->steps[STEP_GROUP].notes, "asked the cluster admin");
    assert_int_equal(out->steps[STEP_SUMMARY].status, STEP_DONE);
    assert_string_equal(out->steps[STEP_SUMMARY].notes, "all done");
    assert_int_equal(out->steps[STEP_SYMPTOMS].status, STEP_PENDING);
    assert_int_equal(out->steps[STEP_SYMPTOMS].done.at, 0);
    session_free(s);
}

static void test_finish_judges_the_dns_steps_by_the_complete_check(void **state)
{
    struct session *s = open_session(closed1, NULL);

    (void)state;
    fill_names(s);
    run_until_idle(s);
    /* A closed port decides nothing: no name resolves, so the records step fails, and so
     * does the order (no server that holds the records comes first: none holds them). */
    session_step_finish(s, STEP_DNS_ORDER);
    session_step_finish(s, STEP_HOST_RECORDS);
    assert_int_equal(session_checklist(s)->steps[STEP_DNS_ORDER].status, STEP_FAILED);
    assert_int_equal(session_checklist(s)->steps[STEP_HOST_RECORDS].status, STEP_FAILED);
    assert_true(session_checklist(s)->steps[STEP_HOST_RECORDS].done.at > 0);
    assert_int_equal(verdict(s), VERDICT_FAIL);
    session_free(s);
}

static void test_resume_opens_at_the_first_step_not_done(void **state)
{
    struct session *s = offline();

    (void)state;
    assert_int_equal(session_resume_step(s), STEP_SYMPTOMS);
    session_step_finish(s, STEP_SYMPTOMS);
    assert_int_equal(session_resume_step(s), STEP_GROUP);
    assert_int_equal(set(s, SF_GROUP, "Exchange Group 1"), CD_OK);
    session_step_finish(s, STEP_GROUP);
    session_step_finish(s, STEP_SUMMARY); /* out of order: names is still first */
    assert_int_equal(session_resume_step(s), STEP_NAMES);
    /* A finished step that no longer holds opens again. */
    assert_int_equal(set(s, SF_GROUP, ""), CD_EINVAL);
    assert_int_equal(session_resume_step(s), STEP_GROUP);
    session_free(s);
}

static void test_resume_reopens_names_when_a_loaded_ip_is_bad(void **state)
{
    char dir[PATH_MAX], path[PATH_MAX];
    struct checklist cl;
    struct session *s;

    (void)state;
    test_dir(dir, "badip");
    join(path, dir, "ck.json");
    base_checklist(&cl);
    strcpy(cl.exchange.ip, "172.16.8.310"); /* edited by hand */
    add_cl_server(&cl, "127.0.0.1", 1);
    cl.steps[STEP_SYMPTOMS].status = STEP_DONE;
    cl.steps[STEP_GROUP].status = STEP_SKIPPED; /* skipped on purpose: not reopened */
    cl.steps[STEP_NAMES].status = STEP_DONE;
    cl.steps[STEP_DNS_ORDER].status = STEP_DONE;
    save_checklist(&cl, path);

    s = load_session(path, NULL, NULL);
    assert_error(s, SF_EXCHANGE_IP, "Exchange IP address", "172.16.8.310");
    assert_null(session_error(s, SF_CLUSTER_IP));
    assert_null(session_check(s));
    run_until_idle(s);
    assert_int_equal(session_resume_step(s), STEP_NAMES);
    assert_false(session_unsaved(s));
    session_free(s);
}

static void test_resume_reopens_dns_order_when_no_server_is_left(void **state)
{
    char dir[PATH_MAX], path[PATH_MAX];
    struct checklist cl;
    struct session *s;

    (void)state;
    test_dir(dir, "noserver");
    join(path, dir, "ck.json");
    base_checklist(&cl);
    add_cl_server(&cl, "127.0.0.1", 1);
    for (int i = 0; i < STEP_COUNT; i++)
        cl.steps[i].status = STEP_DONE;
    save_checklist(&cl, path);

    s = load_session(path, NULL, NULL);
    run_until_idle(s);
    /* One closed port: neither the order nor the records hold. */
    assert_int_equal(session_resume_step(s), STEP_DNS_ORDER);
    assert_int_equal(rules_step(session_checklist(s), STEP_HOST_RECORDS), STEP_FAILED);
    session_server_remove(s, 0);
    assert_int_equal(session_resume_step(s), STEP_DNS_ORDER);
    session_free(s);
}

/* ---- servers ------------------------------------------------------------------------------ */

static void test_servers_add_remove_and_move_keep_the_order(void **state)
{
    struct session *s = offline();
    struct cd_diag d;

    (void)state;
    assert_int_equal(session_server_add(s, "192.0.2.53", &d), CD_OK);
    assert_int_equal(session_server_add(s, "172.16.8.5", &d), CD_OK);
    assert_int_equal(session_server_add(s, "[2001:db8::53]:5353", &d), CD_OK);
    assert_servers(s, "192.0.2.53", "172.16.8.5", "[2001:db8::53]:5353");
    assert_int_equal(session_server_move(s, 1, -1), 0);
    assert_servers(s, "172.16.8.5", "192.0.2.53", "[2001:db8::53]:5353");
    assert_int_equal(session_server_move(s, 0, -1), 0); /* already first */
    assert_int_equal(session_server_move(s, 0, +1), 1);
    assert_servers(s, "192.0.2.53", "172.16.8.5", "[2001:db8::53]:5353");
    assert_int_equal(session_server_move(s, 2, +1), 2); /* already last */
    assert_int_equal(session_server_move(s, 7, -1), 7); /* no such server */
    session_server_remove(s, 0);
    assert_servers(s, "172.16.8.5", "[2001:db8::53]:5353", NULL);
    session_server_remove(s, 9);
    assert_int_equal(session_servers(s)->n, 2);
    session_server_remove(s, 1);
    session_server_remove(s, 0);
    assert_int_equal(session_servers(s)->n, 0);
    session_free(s);
}

static void test_server_add_refuses_duplicates_and_bad_text(void **state)
{
    struct session *s = offline();
    struct cd_diag d;

    (void)state;
    assert_int_equal(session_server_add(s, "172.16.8.5", &d), CD_OK);
    assert_int_equal(session_server_add(s, "192.0.2.53", &d), CD_OK);
    assert_int_equal(session_server_add(s, "192.0.2.53:53", &d), CD_EINVAL);
    assert_string_equal(d.field, "DNS server");
    assert_string_equal(msg(&d), "DNS server: 192.0.2.53 is already in the list, at position 2");
    /* Another port is another server. */
    assert_int_equal(session_server_add(s, "192.0.2.53:5353", &d), CD_OK);
    assert_int_equal(session_server_add(s, "192.0.2.300", &d), CD_EINVAL);
    assert_string_equal(d.field, "DNS server");
    assert_int_equal(session_server_add(s, "224.0.0.53", &d), CD_EINVAL);
    assert_non_null(strstr(msg(&d), "multicast"));
    assert_servers(s, "172.16.8.5", "192.0.2.53", "192.0.2.53:5353");
    session_free(s);
}

/* What the wizard does with a paste (tui/offer.c): the one reader, then its servers. */
static void test_servers_replaced_by_an_import_keep_its_order_and_adapter(void **state)
{
    struct session *s = offline();
    char *text = read_sample("ipconfig-all-win2000.txt");
    struct import_result r;
    struct cd_diag d;

    (void)state;
    assert_int_equal(session_server_add(s, "192.0.2.1", &d), CD_OK);
    import_init(&r);
    assert_int_equal(import_text(text, strlen(text), &r, &d), CD_OK);
    assert_int_equal(session_servers_replace(s, &r.servers), CD_OK);
    assert_servers(s, "198.51.100.53", "198.51.100.54", "172.16.8.5");
    assert_string_equal(session_servers(s)->v[0].source, "Public");
    assert_true(session_unsaved(s));
    import_fini(&r);
    free(text);
    session_free(s);
}

static void test_take_recommended_needs_a_complete_check(void **state)
{
    struct session *s = offline();
    struct cd_diag d;

    (void)state;
    assert_false(session_take_recommended(s));
    fill_names(s);
    assert_int_equal(session_server_add(s, closed2, &d), CD_OK);
    assert_int_equal(session_server_add(s, closed1, &d), CD_OK);
    assert_false(session_take_recommended(s)); /* running, never complete */
    run_until_idle(s);
    /* Two closed ports rank the same: the recommendation keeps the node's order. */
    assert_true(session_take_recommended(s));
    assert_servers(s, closed2, closed1, NULL);
    assert_false(session_busy(s)); /* nothing changed, nothing sent again */
    /* For other names the old recommendation does not count. */
    assert_int_equal(set(s, SF_CLUSTER_NAME, "CLUSTER2"), CD_OK);
    assert_false(session_take_recommended(s));
    session_free(s);
}

/* ---- groups -------------------------------------------------------------------------------- */

/* The group choices from an import: in order of first appearance, not the checklist. */
static void test_groups_are_set_from_cluster_group_text(void **state)
{
    struct session *s = offline();
    char *text = read_sample("cluster-group.txt");
    struct import_result r;
    struct cd_diag d;

    (void)state;
    assert_int_equal(session_groups(s), 0);
    assert_null(session_group(s, 0));
    import_init(&r);
    assert_int_equal(import_text(text, strlen(text), &r, &d), CD_OK);
    assert_int_equal(session_set_groups(s, (const char(*)[IMPORT_NAME_SIZE])r.groups, r.n_groups),
                     CD_OK);
    assert_int_equal(session_groups(s), 3);
    assert_string_equal(session_group(s, 0), "Cluster Group");
    assert_string_equal(session_group(s, 1), "Exchange Group 1");
    assert_string_equal(session_group(s, 2), "Disk Group 2");
    assert_null(session_group(s, 3));
    assert_false(session_unsaved(s)); /* the choices are not the checklist */
    free(text);

    /* `cluster res` lists each group once, in order of first appearance. */
    text = read_sample("cluster-res.txt");
    assert_int_equal(import_text(text, strlen(text), &r, &d), CD_OK);
    assert_int_equal(session_set_groups(s, (const char(*)[IMPORT_NAME_SIZE])r.groups, r.n_groups),
                     CD_OK);
    assert_int_equal(session_groups(s), 2);
    assert_string_equal(session_group(s, 1), "Exchange Group 1");
    import_fini(&r);
    free(text);
    session_free(s);
}

/* ---- saving and loading ------------------------------------------------------------------ */

static void test_unsaved_follows_changes_saves_and_loads(void **state)
{
    char dir[PATH_MAX], path[PATH_MAX];
    struct session *s;
    struct cd_diag d;

    (void)state;
    test_dir(dir, "unsaved");
    join(path, dir, "ck.json");
    s = open_session("", path);
    assert_false(session_unsaved(s));
    assert_int_equal(set(s, SF_OPERATOR, "Ana Ruiz"), CD_OK);
    assert_true(session_unsaved(s));
    assert_int_equal(session_save(s, &d), CD_OK);
    assert_false(session_unsaved(s));
    assert_int_equal(set(s, SF_OPERATOR, "Ana Ruiz"), CD_OK); /* the same text */
    assert_false(session_unsaved(s));
    assert_int_equal(set(s, SF_ZONE, "bad..zone"), CD_EINVAL); /* an invalid change counts */
    assert_true(session_unsaved(s));
    assert_int_equal(session_save(s, &d), CD_OK);
    session_toggle_symptom(s, SYMPTOM_SETUP_HANGS);
    assert_true(session_unsaved(s));
    assert_int_equal(session_save(s, &d), CD_OK);
    session_set_symptom(s, SYMPTOM_SETUP_HANGS, TRI_YES); /* already yes */
    assert_false(session_unsaved(s));
    assert_int_equal(session_server_add(s, "192.0.2.53", &d), CD_OK);
    assert_true(session_unsaved(s));
    assert_int_equal(session_server_add(s, "192.0.2.54", &d), CD_OK);
    assert_int_equal(session_save(s, &d), CD_OK);
    session_server_move(s, 0, -1); /* no move */
    assert_false(session_unsaved(s));
    session_server_move(s, 1, -1);
    assert_true(session_unsaved(s));
    assert_int_equal(session_save(s, &d), CD_OK);
    session_step_finish(s, STEP_SYMPTOMS);
    assert_true(session_unsaved(s));
    assert_int_equal(session_save(s, &d), CD_OK);
    session_free(s);

    s = load_session(path, NULL, NULL);
    assert_false(session_unsaved(s));
    session_free(s);
}

static void test_save_and_load_give_back_fields_symptoms_steps_and_server_order(void **state)
{
    char dir[PATH_MAX], path[PATH_MAX], a[SERVERS_TEXT_SIZE], b[SERVERS_TEXT_SIZE];
    struct session *s, *back;
    struct checklist cl;
    struct cd_diag d;
    char servers[200];

    (void)state;
    test_dir(dir, "roundtrip");
    join(path, dir, "ck.json");
    snprintf(servers, sizeof servers, "127.0.0.3:%u,127.0.0.1:%u,127.0.0.2:%u", closed_port,
             closed_port, closed_port);
    s = open_session(servers, path);
    fill_names(s);
    assert_int_equal(set(s, SF_GROUP, "Exchange Group 1"), CD_OK);
    assert_int_equal(set(s, SF_OPERATOR, "Ana Ruiz"), CD_OK);
    assert_int_equal(set(s, SF_TICKET, "T-4711"), CD_OK);
    assert_int_equal(set(s, SF_NOTES, "line one\nline two"), CD_OK);
    session_set_symptom(s, SYMPTOM_SETUP_HANGS, TRI_YES);
    session_set_symptom(s, SYMPTOM_OVERLAPPED_IO, TRI_NO);
    session_step_finish(s, STEP_SYMPTOMS);
    session_step_finish(s, STEP_GROUP);
    session_step_finish(s, STEP_NAMES);
    assert_int_equal(session_save(s, &d), CD_OK);
    assert_false(session_unsaved(s));

    back = load_session(path, NULL, NULL);
    for (int f = 0; f < SF_COUNT; f++)
        assert_string_equal(session_text(back, (enum session_field)f),
                            session_text(s, (enum session_field)f));
    for (int i = 0; i < SYMPTOM_COUNT; i++)
        assert_int_equal(session_symptom(back, (enum session_symptom)i),
                         session_symptom(s, (enum session_symptom)i));
    for (int i = 0; i < STEP_COUNT; i++) {
        assert_int_equal(session_checklist(back)->steps[i].status,
                         session_checklist(s)->steps[i].status);
        assert_int_equal(session_checklist(back)->steps[i].done.at,
                         session_checklist(s)->steps[i].done.at);
    }
    assert_int_equal(session_servers(back)->n, 3);
    for (size_t i = 0; i < 3; i++)
        assert_string_equal(server_text(back, i, a), server_text(s, i, b));
    assert_string_equal(session_output(back), path);
    assert_int_equal(session_resume_step(back), STEP_DNS_ORDER);

    /* The file is a checklist like any other. */
    checklist_init(&cl);
    assert_int_equal(checklist_load(path, &cl, &d), CD_OK);
    assert_string_equal(cl.operator_name, "Ana Ruiz");
    assert_string_equal(cl.exchange.fqdn, "exsrv.fabrikam.local");
    assert_string_equal(cl.cluster.fqdn, "cluster1.fabrikam.local");
    assert_string_equal(cl.steps[STEP_SUMMARY].notes, "line one\nline two");
    checklist_fini(&cl);
    session_free(back);
    session_free(s);
}

static void test_saved_file_lists_the_servers_before_any_check(void **state)
{
    char dir[PATH_MAX], path[PATH_MAX], servers[200];
    struct session *s;
    struct checklist cl;
    struct cd_diag d;

    (void)state;
    test_dir(dir, "plain");
    join(path, dir, "ck.json");
    snprintf(servers, sizeof servers, "127.0.0.2:%u,127.0.0.1:%u", closed_port, closed_port);
    s = open_session(servers, path);
    assert_int_equal(set(s, SF_ZONE, "fabrikam.local"), CD_OK); /* no check: names missing */
    assert_int_equal(session_save(s, &d), CD_OK);
    checklist_init(&cl);
    assert_int_equal(checklist_load(path, &cl, &d), CD_OK);
    /* Given for the node: its order as found. */
    assert_int_equal(cl.found.n, 2);
    assert_string_equal(cl.found.v[0].ip.text, "127.0.0.2");
    assert_int_equal(cl.found.v[0].port, closed_port);
    assert_true(cl.found_who.at > 0);
    assert_int_equal(cl.n_runs, 0);
    assert_int_equal(cl.n_actions, 0);
    checklist_fini(&cl);
    session_free(s);
}

static void test_wizard_step_states_win_over_the_check_results(void **state)
{
    struct session *s = open_session(closed1, NULL);
    const struct checklist *cl;

    (void)state;
    fill_names(s);
    run_until_idle(s);
    cl = session_checklist(s);
    /* The check's results are in: the journal's last run... */
    assert_int_equal(verdict(s), VERDICT_FAIL);
    assert_int_equal(cl->n_runs, 1);
    assert_int_equal(cl->runs[0].servers.n, 1);
    assert_int_equal(cl->runs[0].eval.server[0].role, ROLE_UNKNOWN); /* silent, private */
    assert_int_equal(cl->runs[0].answers[0][QUERY_EXCHANGE].outcome, PROBE_CONNREFUSED);
    /* ...but the operator has left no step: the check does not mark them. */
    for (int i = 0; i < STEP_COUNT; i++) {
        assert_int_equal(cl->steps[i].status, STEP_PENDING);
        assert_int_equal(cl->steps[i].done.at, 0);
    }
    session_free(s);
}

/* A check the operator did not act on is replaced by the next; one acted on stays in the
 * journal, and so does what it showed. */
static void test_the_journal_keeps_the_checks_acted_on(void **state)
{
    char dir[PATH_MAX], path[PATH_MAX];
    struct session *s = open_session(closed1, NULL);
    struct checklist cl;
    struct cd_diag d;

    (void)state;
    test_dir(dir, "journal");
    join(path, dir, "ck.json");
    assert_int_equal(set(s, SF_OUTPUT, path), CD_OK);
    assert_int_equal(set(s, SF_OPERATOR, "Ana Ruiz"), CD_OK);
    fill_names(s);
    run_until_idle(s);
    assert_int_equal(set(s, SF_CLUSTER_IP, "172.16.8.33"), CD_OK); /* still typing */
    run_until_idle(s);
    assert_int_equal(session_checklist(s)->n_runs, 1); /* replaced */
    session_step_finish(s, STEP_NAMES);                /* acted on */
    assert_int_equal(session_recheck(s, &d), CD_OK);   /* asked for */
    run_until_idle(s);
    assert_int_equal(session_checklist(s)->n_runs, 2);
    assert_int_equal(set(s, SF_OPERATOR, "Ben Ode"), CD_OK);
    assert_int_equal(session_recheck(s, &d), CD_OK);
    run_until_idle(s);
    assert_int_equal(session_save(s, &d), CD_OK);
    session_free(s);

    checklist_init(&cl);
    assert_int_equal(checklist_load(path, &cl, &d), CD_OK);
    assert_int_equal(cl.n_runs, 3);
    assert_string_equal(cl.runs[0].who.operator_name, "Ana Ruiz");
    assert_string_equal(cl.runs[2].who.operator_name, "Ben Ode"); /* one per event */
    assert_string_equal(cl.runs[0].target.ip[HOST_CLUSTER].text, "172.16.8.33");
    assert_true(cl.runs[0].who.at > 0);
    assert_string_equal(cl.steps[STEP_NAMES].done.operator_name, "Ana Ruiz");
    checklist_fini(&cl);
}

/* The wizard's own order is a plan; the node's changes when the operator confirms it. */
static void test_the_operator_confirms_the_order_changed_on_the_node(void **state)
{
    char servers[200];
    struct session *s;
    struct cd_diag d;
    const struct checklist *cl;

    (void)state;
    snprintf(servers, sizeof servers, "%s,%s", closed1, closed2);
    s = open_session(servers, NULL);
    assert_null(session_order_to_confirm(s));
    assert_int_equal(session_confirm_order(s, &d), CD_EINVAL);
    assert_non_null(strstr(msg(&d), "nothing to confirm"));
    assert_int_equal(session_server_move(s, 1, -1), 0);
    assert_non_null(session_order_to_confirm(s));
    assert_true(server_list_equal(session_order_to_confirm(s), session_servers(s)));
    assert_int_equal(set(s, SF_OPERATOR, "Ana Ruiz"), CD_OK);
    assert_int_equal(session_confirm_order(s, &d), CD_OK);
    assert_true(session_unsaved(s));
    assert_null(session_order_to_confirm(s));
    assert_true(server_list_equal(session_node_order(s), session_servers(s)));
    cl = session_checklist(s);
    assert_int_equal(cl->n_actions, 2); /* the plan, then its confirmation */
    assert_int_equal(cl->actions[0].status, ACTION_PLANNED);
    assert_int_equal(cl->actions[1].status, ACTION_CONFIRMED);
    assert_string_equal(cl->actions[1].who.operator_name, "Ana Ruiz");
    session_free(s);
}

/* A resume shows at once the lookups seen before the save, as they were answered. */
static void test_a_resume_keeps_the_lookups_already_made(void **state)
{
    char dir[PATH_MAX], path[PATH_MAX];
    struct session *s;
    struct cd_diag d;
    const struct probe_answer *a;

    (void)state;
    test_dir(dir, "lookups");
    join(path, dir, "ck.json");
    s = open_session(closed1, path);
    assert_int_equal(set(s, SF_ZONE, "fabrikam.local"), CD_OK);
    assert_int_equal(set(s, SF_EXCHANGE_NAME, "EXSRV"), CD_OK); /* no full check: names missing */
    run_until_idle(s);
    a = session_lookup(s, HOST_EXCHANGE, 0);
    assert_non_null(a);
    assert_int_equal(a->outcome, PROBE_CONNREFUSED);
    assert_int_equal(session_save(s, &d), CD_OK);
    session_free(s);

    s = load_session(path, NULL, NULL);
    assert_false(session_busy(s)); /* nothing asked again */
    a = session_lookup(s, HOST_EXCHANGE, 0);
    assert_non_null(a);
    assert_int_equal(a->outcome, PROBE_CONNREFUSED);
    assert_string_equal(a->qname, "exsrv.fabrikam.local");
    assert_null(session_lookup(s, HOST_CLUSTER, 0));
    assert_true(session_checklist(s)->lookups[0].who.at > 0);
    /* A name that changes is asked anew. */
    assert_int_equal(set(s, SF_EXCHANGE_NAME, "MAIL"), CD_OK);
    assert_int_equal(session_lookup(s, HOST_EXCHANGE, 0)->outcome, PROBE_PENDING);
    session_free(s);
}
static void test_save_into_an_impossible_folder_fails_and_keeps_the_state(void **state)
{
    char dir[PATH_MAX], file[PATH_MAX], path[PATH_MAX], good[PATH_MAX];
    struct session *s;
    struct cd_diag d;
    FILE *f;

    (void)state;
    test_dir(dir, "impossible");
    join(file, dir, "plain-file");
    assert_non_null(f = fopen(file, "w"));
    fclose(f);
    join(path, file, "sub/ck.json"); /* under a file: no folder can be made there */
    s = open_session("", path);
    assert_int_equal(set(s, SF_OPERATOR, "Ana Ruiz"), CD_OK);
    session_toggle_symptom(s, SYMPTOM_EVENT_4058);
    assert_int_equal(session_save(s, &d), CD_EIO);
    assert_non_null(strstr(msg(&d), "plain-file"));
    assert_non_null(strstr(msg(&d), "Not a directory"));
    assert_true(session_unsaved(s));
    assert_string_equal(session_text(s, SF_OPERATOR), "Ana Ruiz");
    assert_int_equal(session_symptom(s, SYMPTOM_EVENT_4058), TRI_YES);
    assert_string_equal(session_output(s), path);
    /* Elsewhere it saves. */
    join(good, dir, "ck.json");
    assert_int_equal(set(s, SF_OUTPUT, good), CD_OK);
    assert_int_equal(session_save(s, &d), CD_OK);
    assert_false(session_unsaved(s));
    session_free(s);
}

static void test_save_creates_missing_folders_and_the_state_folder_is_private(void **state)
{
    char dir[PATH_MAX], xdg[PATH_MAX], path[PATH_MAX], folder[PATH_MAX];
    struct session *s;
    struct cd_diag d;
    struct stat st;
    mode_t old = umask(022);

    (void)state;
    test_dir(dir, "folders");
    join(xdg, dir, "xdg");
    assert_int_equal(setenv("XDG_STATE_HOME", xdg, 1), 0);
    s = open_session("", NULL); /* the default target, under $XDG_STATE_HOME */
    assert_int_equal(strncmp(session_output(s), xdg, strlen(xdg)), 0);
    assert_int_equal(session_save(s, &d), CD_OK);
    assert_true(file_exists(session_output(s)));
    join(folder, xdg, "clusterdns");
    assert_int_equal(stat(folder, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0700);
    assert_int_equal(stat(xdg, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0700);
    /* A folder the operator names follows the umask. */
    join(path, dir, "mine/deep/ck.json");
    assert_int_equal(set(s, SF_OUTPUT, path), CD_OK);
    assert_int_equal(session_save(s, &d), CD_OK);
    join(folder, dir, "mine/deep");
    assert_int_equal(stat(folder, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0755);
    session_free(s);
    umask(old);
}

static void assert_default_name(const char *path, const char *folder)
{
    size_t len = strlen(folder);
    const char *name = path + len;

    assert_int_equal(strncmp(path, folder, len), 0);
    /* "checklist-YYYYMMDD-HHMMSS.json" */
    assert_int_equal(strlen(name), strlen("checklist-20261125-120000.json"));
    assert_int_equal(strncmp(name, "checklist-", 10), 0);
    assert_int_equal(strspn(name + 10, "0123456789"), 8);
    assert_int_equal(name[18], '-');
    assert_int_equal(strspn(name + 19, "0123456789"), 6);
    assert_string_equal(name + 25, ".json");
}

static void test_default_output_is_under_xdg_state_home(void **state)
{
    char path[PATH_MAX];

    (void)state;
    assert_int_equal(setenv("XDG_STATE_HOME", "/srv/state", 1), 0);
    assert_int_equal(setenv("HOME", "/home/ana", 1), 0);
    assert_int_equal(session_default_output(path, sizeof path), CD_OK);
    assert_default_name(path, "/srv/state/clusterdns/");
    assert_int_equal(session_default_output(path, 20), CD_EINVAL); /* does not fit */
    assert_string_equal(path, "");
}

static void test_default_output_falls_back_to_home(void **state)
{
    char path[PATH_MAX];

    (void)state;
    assert_int_equal(unsetenv("XDG_STATE_HOME"), 0);
    assert_int_equal(setenv("HOME", "/home/ana", 1), 0);
    assert_int_equal(session_default_output(path, sizeof path), CD_OK);
    assert_default_name(path, "/home/ana/.local/state/clusterdns/");
    /* A relative $XDG_STATE_HOME is invalid by the XDG spec and ignored. */
    assert_int_equal(setenv("XDG_STATE_HOME", "state", 1), 0);
    assert_int_equal(session_default_output(path, sizeof path), CD_OK);
    assert_default_name(path, "/home/ana/.local/state/clusterdns/");
}

static void test_default_output_fails_without_home_or_xdg(void **state)
{
    char path[PATH_MAX];
    struct session *s;
    struct cd_diag why;

    (void)state;
    assert_int_equal(unsetenv("XDG_STATE_HOME"), 0);
    assert_int_equal(unsetenv("HOME"), 0);
    assert_int_equal(session_default_output(path, sizeof path), CD_EINVAL);
    /* The session still opens; the last step asks where to save. */
    s = open_session("", NULL);
    assert_string_equal(session_output(s), "");
    assert_null(session_error(s, SF_OUTPUT));
    assert_false(session_step_ready(s, STEP_SUMMARY, &why));
    assert_string_equal(msg(&why), "Save to: is required");
    session_free(s);
}

static void test_save_beside_writes_next_to_the_target_and_stays_unsaved(void **state)
{
    char dir[PATH_MAX], path[PATH_MAX], want[PATH_MAX + 16], got[PATH_MAX + 16];
    struct session *s;
    struct checklist cl;
    struct cd_diag d;

    (void)state;
    test_dir(dir, "beside");
    join(path, dir, "sub/ck.json");
    s = open_session("", path);
    assert_int_equal(set(s, SF_TICKET, "T-4711"), CD_OK);
    assert_int_equal(session_save_beside(s, got, sizeof got, &d), CD_OK);
    snprintf(want, sizeof want, "%s.unsaved.json", path);
    assert_string_equal(got, want);
    assert_false(file_exists(path));
    assert_true(session_unsaved(s));
    checklist_init(&cl);
    assert_int_equal(checklist_load(want, &cl, &d), CD_OK);
    assert_string_equal(cl.ticket, "T-4711");
    checklist_fini(&cl);
    session_free(s);
}

static void test_load_of_a_missing_file_fails_and_creates_nothing(void **state)
{
    char dir[PATH_MAX], path[PATH_MAX];
    struct session_options o = {.servers = ""};
    struct cd_diag d;

    (void)state;
    test_dir(dir, "missing");
    join(path, dir, "nope.json");
    o.load = path;
    assert_null(session_new(&o, &d));
    assert_int_equal(d.code, CD_EIO);
    assert_non_null(strstr(msg(&d), "nope.json"));
    assert_false(file_exists(path));
}

/* The order found is read by its positions, a gap closed up: what check --load and report
 * read (a version 1 file here, as clusterdns 0.1 wrote it). */
static void test_loaded_servers_follow_their_positions_and_the_option_wins(void **state)
{
    char dir[PATH_MAX], path[PATH_MAX], want[4][64], json[2048];
    struct session *s;
    FILE *f;

    (void)state;
    test_dir(dir, "positions");
    join(path, dir, "ck.json");
    snprintf(json, sizeof json,
             "{\"schema\": \"clusterdns-checklist/1\", \"kb\": \"Q263029\","
             " \"created\": \"2026-11-25T12:00:00Z\", \"updated\": \"2026-11-25T12:00:00Z\","
             " \"zone\": \"fabrikam.local\", \"steps\": [], \"dns_servers\": ["
             "{\"address\": \"127.0.0.1\", \"port\": %u, \"position\": 3},"
             "{\"address\": \"127.0.0.2\", \"port\": %u, \"position\": 1},"
             "{\"address\": \"127.0.0.4\", \"port\": %u, \"position\": 7},"
             "{\"address\": \"127.0.0.3\", \"port\": %u, \"position\": 2}]}\n",
             closed_port, closed_port, closed_port, closed_port);
    assert_non_null(f = fopen(path, "w"));
    assert_true(fputs(json, f) >= 0);
    assert_int_equal(fclose(f), 0);
    for (int i = 0; i < 4; i++)
        snprintf(want[i], sizeof want[i], "127.0.0.%d:%u", (int[]){2, 3, 1, 4}[i], closed_port);

    s = load_session(path, NULL, NULL);
    assert_int_equal(session_servers(s)->n, 4);
    for (size_t i = 0; i < 4; i++) {
        char got[SERVERS_TEXT_SIZE];

        assert_string_equal(server_text(s, i, got), want[i]);
    }
    session_free(s);
    s = load_session(path, closed2, NULL);
    assert_servers(s, closed2, NULL, NULL);
    assert_false(session_unsaved(s));
    session_free(s);
}
static void test_loaded_output_is_the_file_unless_an_output_is_given(void **state)
{
    char dir[PATH_MAX], path[PATH_MAX], other[PATH_MAX];
    struct checklist cl;
    struct session *s;

    (void)state;
    test_dir(dir, "output");
    join(path, dir, "ck.json");
    join(other, dir, "other.json");
    base_checklist(&cl);
    save_checklist(&cl, path);
    s = load_session(path, "", NULL);
    assert_string_equal(session_output(s), path);
    assert_string_equal(session_text(s, SF_ZONE), "fabrikam.local");
    assert_true(session_valid(s, SF_CLUSTER_IP));
    session_free(s);
    s = load_session(path, "", other);
    assert_string_equal(session_output(s), other);
    session_free(s);
}

static void test_bad_servers_option_fails_with_the_entry_at_fault(void **state)
{
    struct session_options o = {.servers = "172.16.8.5,192.0.2.1:99999"};
    struct cd_diag d;

    (void)state;
    assert_null(session_new(&o, &d));
    assert_int_equal(d.code, CD_EINVAL);
    assert_string_equal(d.where, "dns_servers[1]");
    assert_non_null(strstr(msg(&d), "99999"));
}

/* ---- live lookups and the check, against closed ports --------------------------------------- */

static void test_lookups_wait_for_a_valid_zone_and_name(void **state)
{
    struct session *s = open_session(closed1, NULL);
    const struct probe_answer *a;

    (void)state;
    assert_int_equal(set(s, SF_EXCHANGE_NAME, "EXSRV"), CD_OK);
    assert_null(session_lookup(s, HOST_EXCHANGE, 0)); /* no zone yet */
    assert_int_equal(set(s, SF_ZONE, "fabrikam..local"), CD_EINVAL);
    assert_null(session_lookup(s, HOST_EXCHANGE, 0));
    assert_int_equal(set(s, SF_ZONE, "Fabrikam.Local"), CD_OK);
    a = session_lookup(s, HOST_EXCHANGE, 0);
    assert_non_null(a);
    assert_int_equal(a->outcome, PROBE_PENDING);
    assert_int_equal(a->qtype, PROBE_A);
    assert_string_equal(a->qname, "exsrv.fabrikam.local");
    assert_null(session_lookup(s, HOST_EXCHANGE, 1)); /* one server only */
    assert_null(session_lookup(s, HOST_CLUSTER, 0));  /* no cluster name yet */
    assert_true(session_busy(s));
    /* An IPv6 resource is looked up by its AAAA record. */
    assert_int_equal(set(s, SF_EXCHANGE_IP, "2001:db8::31"), CD_OK);
    assert_int_equal(session_lookup(s, HOST_EXCHANGE, 0)->qtype, PROBE_AAAA);
    session_free(s);
}

static void test_lookups_are_asked_again_when_the_name_changes(void **state)
{
    struct session *s = open_session(closed1, NULL);
    const struct probe_answer *a;

    (void)state;
    assert_int_equal(set(s, SF_ZONE, "fabrikam.local"), CD_OK);
    assert_int_equal(set(s, SF_EXCHANGE_NAME, "EXSRV"), CD_OK);
    assert_int_equal(set(s, SF_EXCHANGE_NAME, "MAIL"), CD_OK);
    a = session_lookup(s, HOST_EXCHANGE, 0);
    assert_string_equal(a->qname, "mail.fabrikam.local");
    assert_int_equal(a->outcome, PROBE_PENDING);
    assert_true(run_until_idle(s));
    a = session_lookup(s, HOST_EXCHANGE, 0);
    assert_string_equal(a->qname, "mail.fabrikam.local");
    assert_int_equal(a->outcome, PROBE_CONNREFUSED);
    /* An invalid name takes its lookup away. */
    assert_int_equal(set(s, SF_EXCHANGE_NAME, "MA IL"), CD_EINVAL);
    assert_null(session_lookup(s, HOST_EXCHANGE, 0));
    assert_false(session_busy(s));
    session_free(s);
}

static void test_check_starts_once_every_field_holds_and_stops_when_one_breaks(void **state)
{
    struct session *s = open_session(closed1, NULL);
    struct check *c;

    (void)state;
    assert_int_equal(set(s, SF_ZONE, "fabrikam.local"), CD_OK);
    assert_int_equal(set(s, SF_EXCHANGE_NAME, "EXSRV"), CD_OK);
    assert_int_equal(set(s, SF_EXCHANGE_IP, "172.16.8.31"), CD_OK);
    assert_int_equal(set(s, SF_CLUSTER_NAME, "CLUSTER1"), CD_OK);
    assert_null(session_check(s));
    assert_int_equal(set(s, SF_CLUSTER_IP, "172.16.8.30"), CD_OK);
    c = session_check(s);
    assert_non_null(c);
    assert_string_equal(check_target(c)->fqdn[HOST_CLUSTER], "cluster1.fabrikam.local");
    assert_false(check_done(c));
    assert_int_equal(set(s, SF_CLUSTER_IP, "172.16.8.31"), CD_EINVAL); /* the KB's rule */
    assert_null(session_check(s));
    assert_int_equal(set(s, SF_CLUSTER_IP, "172.16.8.30"), CD_OK);
    assert_non_null(session_check(s));
    session_server_remove(s, 0);
    assert_null(session_check(s));
    session_free(s);
}

static void test_check_restarts_when_any_input_changes(void **state)
{
    char servers[2 * sizeof closed1 + 2];
    struct session *s;
    struct check *c;
    struct cd_diag d;

    (void)state;
    snprintf(servers, sizeof servers, "%s,%s", closed1, closed2);
    s = open_session(servers, NULL);
    fill_names(s);
    run_until_idle(s);
    c = session_check(s);
    assert_true(check_done(c));
    assert_string_equal(check_servers(c)->v[0].ip.text, "127.0.0.1");

    session_server_move(s, 1, -1);
    c = session_check(s);
    assert_non_null(c);
    assert_false(check_done(c));
    assert_string_equal(check_servers(c)->v[0].ip.text, "127.0.0.2");
    run_until_idle(s);

    assert_int_equal(set(s, SF_EXCHANGE_IP, "172.16.8.32"), CD_OK);
    c = session_check(s);
    assert_false(check_done(c));
    assert_string_equal(check_target(c)->ip[HOST_EXCHANGE].text, "172.16.8.32");
    run_until_idle(s);

    /* An operator field is not an input of the check. */
    assert_int_equal(set(s, SF_OPERATOR, "Ana"), CD_OK);
    assert_false(session_busy(s));
    /* "Check again" sends everything again. */
    assert_int_equal(session_recheck(s, &d), CD_OK);
    assert_true(session_busy(s));
    assert_false(check_done(session_check(s)));
    run_until_idle(s);
    assert_true(check_done(session_check(s)));
    session_free(s);
}

static void test_recheck_without_names_or_servers_says_why(void **state)
{
    struct session *s = offline();
    struct cd_diag d;

    (void)state;
    assert_int_equal(session_recheck(s, &d), CD_EINVAL);
    assert_string_equal(msg(&d), "Zone: is required");
    fill_names(s);
    assert_int_equal(session_recheck(s, &d), CD_EINVAL);
    assert_string_equal(msg(&d), "Give at least one DNS server");
    session_free(s);
}

static void test_process_reports_answers_until_nothing_is_pending(void **state)
{
    struct session *s = open_session(closed1, NULL);
    struct pollfd fds[FDS_MAX];

    (void)state;
    assert_false(session_busy(s));
    assert_int_equal(session_pollfds(s, fds, FDS_MAX), 0);
    assert_int_equal(session_timeout(s, -1), -1); /* no deadline when idle */
    assert_false(session_process(s, fds, 0));
    fill_names(s);
    assert_true(session_busy(s));
    assert_true(session_timeout(s, -1) >= 0);
    assert_true(run_until_idle(s));
    assert_false(session_busy(s));
    assert_int_equal(session_lookup(s, HOST_CLUSTER, 0)->outcome, PROBE_CONNREFUSED);
    assert_int_equal(check_answer(session_check(s), 0, QUERY_SOA)->outcome, PROBE_CONNREFUSED);
    assert_false(session_process(s, fds, 0)); /* nothing more to come */
    session_free(s);
}

/* ---- against the DNS lab (SESSION_LAB=1, from tests/integration/session.sh) ------------- */

static void lab_only(void)
{
    if (!lab.on)
        skip();
}

static const char *lab_server(unsigned port)
{
    static char buf[4][32];
    static int k;

    k = (k + 1) % 4;
    snprintf(buf[k], sizeof buf[k], "127.0.0.1:%u", port);
    return buf[k];
}

static struct session *lab_session(unsigned first, unsigned second)
{
    char servers[100];

    snprintf(servers, sizeof servers, "%s%s%s", lab_server(first), second ? "," : "",
             second ? lab_server(second) : "");
    return open_session_t(servers, NULL, LAB_TIMEOUT_MS);
}

static void lab_fill(struct session *s)
{
    assert_int_equal(set(s, SF_ZONE, lab.zone), CD_OK);
    assert_int_equal(set(s, SF_EXCHANGE_NAME, lab.exchange_name), CD_OK);
    assert_int_equal(set(s, SF_EXCHANGE_IP, lab.exchange_ip), CD_OK);
    assert_int_equal(set(s, SF_CLUSTER_NAME, lab.cluster_name), CD_OK);
    assert_int_equal(set(s, SF_CLUSTER_IP, lab.cluster_ip), CD_OK);
}

static void test_lab_lookups_show_what_each_server_answers(void **state)
{
    char servers[200], other[NAMES_FQDN_SIZE];
    struct session *s;
    const struct probe_answer *a;

    (void)state;
    lab_only();
    snprintf(servers, sizeof servers, "%s,%s,%s", lab_server(lab.internet), lab_server(lab.local),
             lab_server(lab.full));
    s = open_session_t(servers, NULL, LAB_TIMEOUT_MS);
    assert_int_equal(set(s, SF_ZONE, lab.zone), CD_OK);
    assert_int_equal(set(s, SF_EXCHANGE_NAME, lab.exchange_name), CD_OK);
    assert_null(session_check(s)); /* lookups only: the IPs are not given yet */
    assert_int_equal(session_lookup(s, HOST_EXCHANGE, 2)->outcome, PROBE_PENDING);
    assert_true(run_until_idle(s));
    /* The provider's DNS says the name does not exist; so does the local DNS before the
     * fix; the fixed local DNS answers with the address. */
    assert_int_equal(session_lookup(s, HOST_EXCHANGE, 0)->outcome, PROBE_NXDOMAIN);
    a = session_lookup(s, HOST_EXCHANGE, 1);
    assert_int_equal(a->outcome, PROBE_NXDOMAIN);
    assert_true(a->authoritative);
    a = session_lookup(s, HOST_EXCHANGE, 2);
    assert_int_equal(a->outcome, PROBE_ANSWER);
    assert_int_equal(a->n_addrs, 1);
    assert_string_equal(a->addrs[0].text, lab.exchange_ip);
    assert_null(session_lookup(s, HOST_CLUSTER, 0));

    /* A name typed over another while its answers are on the way: only the new name's
     * answers ever show. */
    assert_int_equal(set(s, SF_EXCHANGE_NAME, "NOSUCHHOST"), CD_OK);
    assert_int_equal(set(s, SF_EXCHANGE_NAME, lab.exchange_name), CD_OK);
    assert_int_equal(set(s, SF_EXCHANGE_NAME, "OTHER"), CD_OK);
    run_until_idle(s);
    snprintf(other, sizeof other, "other.%s", lab.zone);
    for (size_t i = 0; i < 3; i++) {
        a = session_lookup(s, HOST_EXCHANGE, i);
        assert_string_equal(a->qname, other);
        assert_int_equal(a->outcome, PROBE_NXDOMAIN);
    }
    session_free(s);
}

static void test_lab_check_starts_by_itself_and_completes(void **state)
{
    struct session *s;
    struct cd_diag why;

    (void)state;
    lab_only();
    s = lab_session(lab.internet, lab.local); /* the KB's order */
    assert_int_equal(set(s, SF_ZONE, lab.zone), CD_OK);
    assert_int_equal(set(s, SF_EXCHANGE_NAME, lab.exchange_name), CD_OK);
    assert_int_equal(set(s, SF_EXCHANGE_IP, lab.exchange_ip), CD_OK);
    assert_int_equal(set(s, SF_CLUSTER_NAME, lab.cluster_name), CD_OK);
    assert_null(session_check(s));
    assert_int_equal(set(s, SF_CLUSTER_IP, lab.cluster_ip), CD_OK);
    assert_non_null(session_check(s));
    assert_false(session_step_ready(s, STEP_HOST_RECORDS, &why));
    assert_true(run_until_idle(s));
    assert_true(check_done(session_check(s)));
    assert_true(session_step_ready(s, STEP_DNS_ORDER, &why));
    assert_true(session_step_ready(s, STEP_HOST_RECORDS, &why));
    assert_int_equal(verdict(s), VERDICT_FAIL);
    assert_int_equal(last_run(s)->eval.server[0].role, ROLE_INTERNET);
    assert_int_equal(last_run(s)->eval.server[1].role, ROLE_LOCAL);
    assert_true(last_run(s)->eval.server[1].authoritative);
    session_free(s);
}

static void test_lab_kb_order_fails_and_take_recommended_puts_local_first(void **state)
{
    struct session *s;
    struct cd_diag d;

    (void)state;
    lab_only();
    s = lab_session(lab.internet, lab.local);
    lab_fill(s);
    run_until_idle(s);
    session_step_finish(s, STEP_DNS_ORDER);
    session_step_finish(s, STEP_HOST_RECORDS);
    /* The provider's "does not exist" ends the node's lookup before the local DNS. */
    assert_int_equal(session_checklist(s)->steps[STEP_DNS_ORDER].status, STEP_FAILED);
    assert_int_equal(session_checklist(s)->steps[STEP_HOST_RECORDS].status, STEP_FAILED);
    assert_int_equal(session_resume_step(s), STEP_SYMPTOMS);

    assert_true(session_take_recommended(s));
    assert_servers(s, lab_server(lab.local), lab_server(lab.internet), NULL);
    assert_true(session_busy(s)); /* the check runs again for the new order */
    run_until_idle(s);
    /* The records are still missing on the local DNS; and the wizard's order is a plan:
     * the node still asks the provider first, until the operator confirms the change. */
    session_step_finish(s, STEP_DNS_ORDER);
    session_step_finish(s, STEP_HOST_RECORDS);
    assert_int_equal(session_checklist(s)->steps[STEP_DNS_ORDER].status, STEP_FAILED);
    assert_int_equal(session_checklist(s)->steps[STEP_HOST_RECORDS].status, STEP_FAILED);
    assert_int_equal(verdict(s), VERDICT_FAIL);
    assert_non_null(session_order_to_confirm(s));
    assert_int_equal(session_confirm_order(s, &d), CD_OK);
    session_step_finish(s, STEP_DNS_ORDER);
    assert_int_equal(session_checklist(s)->steps[STEP_DNS_ORDER].status, STEP_DONE);
    session_free(s);
}

static void test_lab_reordering_restarts_the_check_and_local_full_passes(void **state)
{
    struct session *s;
    struct check *c;

    (void)state;
    lab_only();
    s = lab_session(lab.internet, lab.full);
    lab_fill(s);
    run_until_idle(s);
    assert_int_equal(verdict(s), VERDICT_FAIL);
    assert_int_equal(session_server_move(s, 1, -1), 0);
    c = session_check(s);
    assert_false(check_done(c));
    assert_int_equal(check_servers(c)->v[0].port, lab.full);
    assert_null(last_run(s)); /* nothing stale shows */
    run_until_idle(s);
    assert_int_equal(verdict(s), VERDICT_PASS);
    session_step_finish(s, STEP_DNS_ORDER);
    session_step_finish(s, STEP_HOST_RECORDS);
    /* The records are there, whatever the order; the order is the node's to change. */
    assert_int_equal(session_checklist(s)->steps[STEP_DNS_ORDER].status, STEP_FAILED);
    assert_int_equal(session_checklist(s)->steps[STEP_HOST_RECORDS].status, STEP_DONE);
    session_free(s);
}
/* A session where every step passed, saved with the fixed local DNS first. */
static void lab_save_passing(const char *path)
{
    struct session *s = lab_session(lab.full, lab.internet);
    struct cd_diag d;

    lab_fill(s);
    assert_int_equal(set(s, SF_GROUP, "Exchange Group 1"), CD_OK);
    assert_int_equal(set(s, SF_OUTPUT, path), CD_OK);
    run_until_idle(s);
    for (int i = 0; i < STEP_COUNT; i++)
        session_step_finish(s, (enum step_id)i);
    for (int i = 0; i < STEP_COUNT; i++)
        assert_int_equal(session_checklist(s)->steps[i].status, STEP_DONE);
    assert_int_equal(session_save(s, &d), CD_OK);
    session_free(s);
}

static void test_lab_resume_rejudges_the_order_after_loading(void **state)
{
    char dir[PATH_MAX], path[PATH_MAX];
    struct checklist cl;
    struct session *s;
    struct cd_diag d;

    (void)state;
    lab_only();
    test_dir(dir, "lab-resume-order");
    join(path, dir, "ck.json");
    lab_save_passing(path);
    s = load_session_t(path, NULL, NULL, LAB_TIMEOUT_MS);
    run_until_idle(s);
    assert_int_equal(session_resume_step(s), STEP_SUMMARY); /* everything still holds */
    session_free(s);

    /* Someone put the provider's DNS first again in the file. */
    checklist_init(&cl);
    assert_int_equal(checklist_load(path, &cl, &d), CD_OK);
    assert_int_equal(cl.found.n, 2);
    {
        struct dns_server first = cl.found.v[0];

        cl.found.v[0] = cl.found.v[1];
        cl.found.v[1] = first;
    }
    save_checklist(&cl, path);

    s = load_session_t(path, NULL, NULL, LAB_TIMEOUT_MS);
    assert_non_null(session_check(s)); /* started at once */
    assert_int_equal(session_checklist(s)->steps[STEP_DNS_ORDER].status, STEP_DONE);
    run_until_idle(s);
    assert_int_equal(session_resume_step(s), STEP_DNS_ORDER);
    session_free(s);
}

static void test_lab_resume_rejudges_the_records_with_other_servers(void **state)
{
    char dir[PATH_MAX], path[PATH_MAX];
    struct session *s;

    (void)state;
    lab_only();
    test_dir(dir, "lab-resume-records");
    join(path, dir, "ck.json");
    lab_save_passing(path);
    /* The same checklist against the local DNS that lacks the records: a list that is not
     * the node's order as found (the file knows that one), so the order opens first. */
    s = load_session_t(path, lab_server(lab.local), NULL, LAB_TIMEOUT_MS);
    run_until_idle(s);
    assert_int_equal(rules_step(session_checklist(s), STEP_HOST_RECORDS), STEP_FAILED);
    assert_int_equal(session_resume_step(s), STEP_DNS_ORDER);
    session_free(s);
}

/* ---- setup ---------------------------------------------------------------------------- */

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(path);
}

static char saved_home[PATH_MAX], saved_xdg[PATH_MAX];
static bool had_home, had_xdg;

static void restore_env(void)
{
    if (had_home)
        setenv("HOME", saved_home, 1);
    else
        unsetenv("HOME");
    if (had_xdg)
        setenv("XDG_STATE_HOME", saved_xdg, 1);
    else
        unsetenv("XDG_STATE_HOME");
}

/* Every test's default target is under the test folder, never the operator's home. */
static int each_setup(void **state)
{
    char xdg[PATH_MAX];

    (void)state;
    restore_env();
    join(xdg, tmp_root, "state");
    return setenv("XDG_STATE_HOME", xdg, 1);
}

static int each_teardown(void **state)
{
    (void)state;
    restore_env();
    return 0;
}

static int find_closed_port(void)
{
    struct sockaddr_in a = {.sin_family = AF_INET};
    socklen_t len = sizeof a;
    int fd = socket(AF_INET, SOCK_DGRAM, 0);

    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof a) < 0 ||
        getsockname(fd, (struct sockaddr *)&a, &len) < 0) {
        if (fd >= 0)
            close(fd);
        return -1;
    }
    close(fd); /* now nothing listens there */
    closed_port = ntohs(a.sin_port);
    snprintf(closed1, sizeof closed1, "127.0.0.1:%u", closed_port);
    snprintf(closed2, sizeof closed2, "127.0.0.2:%u", closed_port);
    snprintf(closed3, sizeof closed3, "127.0.0.3:%u", closed_port);
    return 0;
}

static int group_setup(void **state)
{
    const char *base = getenv("TMPDIR"), *v;

    (void)state;
    if ((v = getenv("HOME")) != NULL) {
        had_home = true;
        snprintf(saved_home, sizeof saved_home, "%s", v);
    }
    if ((v = getenv("XDG_STATE_HOME")) != NULL) {
        had_xdg = true;
        snprintf(saved_xdg, sizeof saved_xdg, "%s", v);
    }
    snprintf(tmp_root, sizeof tmp_root, "%s/test_session.XXXXXX", base && *base ? base : "/tmp");
    if (!mkdtemp(tmp_root))
        return -1;
    return find_closed_port();
}

static int group_teardown(void **state)
{
    (void)state;
    restore_env();
    return nftw(tmp_root, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

#define TEST(f) cmocka_unit_test_setup_teardown(f, each_setup, each_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        TEST(test_labels_name_each_field_as_the_kb_does),
        TEST(test_fields_never_set_show_no_error),
        TEST(test_zone_follows_dns_rules_and_names_the_field),
        TEST(test_network_names_follow_netbios_rules_with_their_own_labels),
        TEST(test_name_too_long_with_the_zone_is_refused_when_the_zone_changes),
        TEST(test_ip_addresses_must_be_usable_by_a_cluster_resource),
        TEST(test_kb_names_must_differ_shows_on_the_cluster_name),
        TEST(test_kb_ips_must_differ_shows_on_the_cluster_ip),
        TEST(test_group_is_required_short_and_without_control_characters),
        TEST(test_operator_ticket_and_notes_are_optional_but_clean),
        TEST(test_output_path_must_name_a_file),
        TEST(test_overlong_text_is_refused_and_the_old_text_kept),
        TEST(test_symptoms_toggle_cycles_unknown_yes_no_unknown),
        TEST(test_symptoms_match_only_when_all_are_yes),
        TEST(test_symptoms_step_is_always_ready),
        TEST(test_group_step_needs_a_valid_group_and_says_why),
        TEST(test_names_step_reports_the_first_failing_field),
        TEST(test_dns_steps_need_the_names_and_a_server),
        TEST(test_dns_steps_wait_for_the_running_check),
        TEST(test_summary_step_needs_where_to_save),
        TEST(test_finish_marks_done_now_and_keeps_step_notes),
        TEST(test_finish_judges_the_dns_steps_by_the_complete_check),
        TEST(test_resume_opens_at_the_first_step_not_done),
        TEST(test_resume_reopens_names_when_a_loaded_ip_is_bad),
        TEST(test_resume_reopens_dns_order_when_no_server_is_left),
        TEST(test_servers_add_remove_and_move_keep_the_order),
        TEST(test_server_add_refuses_duplicates_and_bad_text),
        TEST(test_servers_replaced_by_an_import_keep_its_order_and_adapter),
        TEST(test_take_recommended_needs_a_complete_check),
        TEST(test_groups_are_set_from_cluster_group_text),
        TEST(test_unsaved_follows_changes_saves_and_loads),
        TEST(test_save_and_load_give_back_fields_symptoms_steps_and_server_order),
        TEST(test_saved_file_lists_the_servers_before_any_check),
        TEST(test_wizard_step_states_win_over_the_check_results),
        TEST(test_the_journal_keeps_the_checks_acted_on),
        TEST(test_the_operator_confirms_the_order_changed_on_the_node),
        TEST(test_a_resume_keeps_the_lookups_already_made),
        TEST(test_save_into_an_impossible_folder_fails_and_keeps_the_state),
        TEST(test_save_creates_missing_folders_and_the_state_folder_is_private),
        TEST(test_default_output_is_under_xdg_state_home),
        TEST(test_default_output_falls_back_to_home),
        TEST(test_default_output_fails_without_home_or_xdg),
        TEST(test_save_beside_writes_next_to_the_target_and_stays_unsaved),
        TEST(test_load_of_a_missing_file_fails_and_creates_nothing),
        TEST(test_loaded_servers_follow_their_positions_and_the_option_wins),
        TEST(test_loaded_output_is_the_file_unless_an_output_is_given),
        TEST(test_bad_servers_option_fails_with_the_entry_at_fault),
        TEST(test_lookups_wait_for_a_valid_zone_and_name),
        TEST(test_lookups_are_asked_again_when_the_name_changes),
        TEST(test_check_starts_once_every_field_holds_and_stops_when_one_breaks),
        TEST(test_check_restarts_when_any_input_changes),
        TEST(test_recheck_without_names_or_servers_says_why),
        TEST(test_process_reports_answers_until_nothing_is_pending),
        /* SESSION_LAB=1 only; skipped otherwise */
        TEST(test_lab_lookups_show_what_each_server_answers),
        TEST(test_lab_check_starts_by_itself_and_completes),
        TEST(test_lab_kb_order_fails_and_take_recommended_puts_local_first),
        TEST(test_lab_reordering_restarts_the_check_and_local_full_passes),
        TEST(test_lab_resume_rejudges_the_order_after_loading),
        TEST(test_lab_resume_rejudges_the_records_with_other_servers),
    };

    if (strcmp(env_or("SESSION_LAB", "0"), "1") == 0) {
        lab.on = env_port("LAB_PORT_INTERNET", &lab.internet) &&
                 env_port("LAB_PORT_LOCAL", &lab.local) && env_port("LAB_PORT_FULL", &lab.full);
        if (!lab.on) {
            fprintf(stderr, "test_session: SESSION_LAB=1 needs LAB_PORT_INTERNET, "
                            "LAB_PORT_LOCAL and LAB_PORT_FULL; run tests/integration/"
                            "session.sh\n");
            return 1;
        }
    }
    lab.zone = env_or("LAB_ZONE", "fabrikam.local");
    lab.exchange_name = env_or("LAB_EXCHANGE_NAME", "EXSRV");
    lab.exchange_ip = env_or("LAB_EXCHANGE_IP", "172.16.8.31");
    lab.cluster_name = env_or("LAB_CLUSTER_NAME", "CLUSTER1");
    lab.cluster_ip = env_or("LAB_CLUSTER_IP", "172.16.8.30");
    return cmocka_run_group_tests_name(lab.on ? "session (with the DNS lab)" : "session", tests,
                                       group_setup, group_teardown);
}
