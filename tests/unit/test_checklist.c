/* The checklist model and its JSON file: round trips, every load error with its path,
 * text limits, times, and atomic saving.
 *
 * Run with "--write-sample DIR" it writes DIR/full.json (every field set) and
 * DIR/empty.json (a new checklist) instead, for tests/integration/schema.sh. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "checklist.h"

#define T0 ((time_t)1795608000) /* 2026-11-25T12:00:00Z */

static char tmp_root[PATH_MAX];

/* ---- fixtures ----------------------------------------------------------------------- */

static void add_server(struct checklist *cl, const char *address, unsigned port, unsigned position,
                       const char *role, enum tri reachable, double rtt, enum tri auth,
                       const char *source)
{
    struct cl_server s = {0};

    snprintf(s.address, sizeof s.address, "%s", address);
    s.port = port;
    s.position = position;
    snprintf(s.role, sizeof s.role, "%s", role);
    s.reachable = reachable;
    s.rtt_ms = rtt;
    s.authoritative = auth;
    snprintf(s.source, sizeof s.source, "%s", source);
    assert_int_equal(checklist_add_server(cl, &s), CD_OK);
}

static void add_record(struct checklist *cl, const char *server, const char *name, const char *type,
                       const char *expected, const char *observed1, const char *observed2,
                       const char *status, const char *outcome)
{
    struct cl_record r = {0};

    snprintf(r.server, sizeof r.server, "%s", server);
    snprintf(r.name, sizeof r.name, "%s", name);
    snprintf(r.type, sizeof r.type, "%s", type);
    snprintf(r.expected, sizeof r.expected, "%s", expected);
    if (observed1)
        snprintf(r.observed[r.n_observed++], sizeof r.observed[0], "%s", observed1);
    if (observed2)
        snprintf(r.observed[r.n_observed++], sizeof r.observed[0], "%s", observed2);
    snprintf(r.status, sizeof r.status, "%s", status);
    snprintf(r.outcome, sizeof r.outcome, "%s", outcome);
    assert_int_equal(checklist_add_record(cl, &r), CD_OK);
}

static void add_action(struct checklist *cl, const char *kind, const char *server, const char *name,
                       const char *type, const char *value, const char *status)
{
    struct cl_action a = {0};

    snprintf(a.kind, sizeof a.kind, "%s", kind);
    snprintf(a.server, sizeof a.server, "%s", server);
    snprintf(a.name, sizeof a.name, "%s", name);
    snprintf(a.type, sizeof a.type, "%s", type);
    snprintf(a.value, sizeof a.value, "%s", value);
    snprintf(a.status, sizeof a.status, "%s", status);
    assert_int_equal(checklist_add_action(cl, &a), CD_OK);
}

static void set_host(struct cl_host *h, const char *name, const char *fqdn, const char *ip)
{
    snprintf(h->name, sizeof h->name, "%s", name);
    snprintf(h->fqdn, sizeof h->fqdn, "%s", fqdn);
    snprintf(h->ip, sizeof h->ip, "%s", ip);
}

static void set_step(struct checklist *cl, enum step_id id, enum step_status status, time_t at,
                     const char *notes)
{
    cl->steps[id].status = status;
    cl->steps[id].completed_at = at;
    snprintf(cl->steps[id].notes, sizeof cl->steps[id].notes, "%s", notes);
}

/* Every field away from its default, so that a field lost on the way fails the test. */
static void fill_full(struct checklist *cl)
{
    checklist_init(cl);
    snprintf(cl->tool_version, sizeof cl->tool_version, "0.0.7");
    cl->created = T0;
    cl->updated = T0 + 1807;
    snprintf(cl->operator_name, sizeof cl->operator_name, "Zoë Müller (ops)");
    snprintf(cl->ticket, sizeof cl->ticket, "INC-4058");
    snprintf(cl->group, sizeof cl->group, "Exchange Group");
    snprintf(cl->zone, sizeof cl->zone, "fabrikam.local");
    set_host(&cl->exchange, "EXSRV", "exsrv.fabrikam.local", "172.16.8.31");
    set_host(&cl->cluster, "CLUSTER1", "cluster1.fabrikam.local", "172.16.8.30");
    cl->symptoms.setup_hangs = TRI_YES;
    cl->symptoms.overlapped_io = TRI_NO;
    cl->symptoms.event_4058 = TRI_YES;

    add_server(cl, "127.0.0.1", 5353, 1, "local", TRI_YES, 0.25, TRI_YES, "Public");
    add_server(cl, "2001:db8::53", 53, 2, "internet", TRI_NO, -1, TRI_NO, "Wi-Fi");
    add_server(cl, "192.0.2.1", 65535, 3, "unknown", TRI_UNKNOWN, 1500.125, TRI_UNKNOWN, "");
    assert_int_equal(checklist_add_recommended(cl, "127.0.0.1:5353"), CD_OK);
    assert_int_equal(checklist_add_recommended(cl, "2001:db8::53"), CD_OK);

    add_record(cl, "127.0.0.1:5353", "exsrv.fabrikam.local", "A", "172.16.8.31", "172.16.8.31",
               NULL, "ok", "answer");
    add_record(cl, "127.0.0.1:5353", "30.8.16.172.in-addr.arpa", "PTR", "cluster1.fabrikam.local",
               NULL, NULL, "missing", "nxdomain");
    add_record(cl, "2001:db8::53", "cluster1.fabrikam.local", "AAAA", "2001:db8::30",
               "2001:db8::31", "2001:db8::32", "wrong", "answer");
    add_record(cl, "192.0.2.1", "cluster1.fabrikam.local", "A", "172.16.8.30", NULL, NULL,
               "unanswered", "timeout");

    snprintf(cl->verdict, sizeof cl->verdict, "fail");
    assert_int_equal(
        checklist_add_finding(cl, "The local DNS server has no A record for CLUSTER1."), CD_OK);
    assert_int_equal(checklist_add_finding(cl, "The Internet DNS server is asked first."), CD_OK);

    set_step(cl, STEP_SYMPTOMS, STEP_DONE, T0 + 60,
             "Setup hung at \"Starting services\".\n\tEvent 4058 logged.");
    set_step(cl, STEP_GROUP, STEP_DONE, T0 + 120, "Exchange Group");
    set_step(cl, STEP_NAMES, STEP_DONE, T0 + 180, "");
    set_step(cl, STEP_DNS_ORDER, STEP_FAILED, T0 + 240, "ISP server first");
    set_step(cl, STEP_HOST_RECORDS, STEP_SKIPPED, 0, "to do on Monday");
    set_step(cl, STEP_SUMMARY, STEP_PENDING, 0, "");

    add_action(cl, "add_record", "127.0.0.1:5353", "cluster1.fabrikam.local", "A", "172.16.8.30",
               "todo");
    add_action(cl, "fix_record", "2001:db8::53", "cluster1.fabrikam.local", "AAAA", "2001:db8::30",
               "applied");
    add_action(cl, "reorder", "", "", "", "127.0.0.1:5353,2001:db8::53", "failed");
    cl->remediation[1].applied_at = T0 + 300; /* when it was applied; the todo one has none */
}

static void assert_host_equal(const struct cl_host *a, const struct cl_host *b)
{
    assert_string_equal(a->name, b->name);
    assert_string_equal(a->fqdn, b->fqdn);
    assert_string_equal(a->ip, b->ip);
}

static void assert_checklist_equal(const struct checklist *a, const struct checklist *b)
{
    assert_string_equal(a->tool_version, b->tool_version);
    assert_int_equal(a->created, b->created);
    assert_int_equal(a->updated, b->updated);
    assert_string_equal(a->operator_name, b->operator_name);
    assert_string_equal(a->ticket, b->ticket);
    assert_string_equal(a->group, b->group);
    assert_string_equal(a->zone, b->zone);
    assert_host_equal(&a->exchange, &b->exchange);
    assert_host_equal(&a->cluster, &b->cluster);
    assert_int_equal(a->symptoms.setup_hangs, b->symptoms.setup_hangs);
    assert_int_equal(a->symptoms.overlapped_io, b->symptoms.overlapped_io);
    assert_int_equal(a->symptoms.event_4058, b->symptoms.event_4058);

    assert_int_equal(a->n_servers, b->n_servers);
    for (size_t i = 0; i < a->n_servers; i++) {
        const struct cl_server *x = &a->servers[i], *y = &b->servers[i];

        assert_string_equal(x->address, y->address);
        assert_int_equal(x->port, y->port);
        assert_int_equal(x->position, y->position);
        assert_string_equal(x->role, y->role);
        assert_int_equal(x->reachable, y->reachable);
        assert_true(x->rtt_ms == y->rtt_ms);
        assert_int_equal(x->authoritative, y->authoritative);
        assert_string_equal(x->source, y->source);
    }
    assert_int_equal(a->n_recommended, b->n_recommended);
    for (size_t i = 0; i < a->n_recommended; i++)
        assert_string_equal(a->recommended[i], b->recommended[i]);
    assert_int_equal(a->n_records, b->n_records);
    for (size_t i = 0; i < a->n_records; i++) {
        const struct cl_record *x = &a->records[i], *y = &b->records[i];

        assert_string_equal(x->server, y->server);
        assert_string_equal(x->name, y->name);
        assert_string_equal(x->type, y->type);
        assert_string_equal(x->expected, y->expected);
        assert_int_equal(x->n_observed, y->n_observed);
        for (size_t j = 0; j < x->n_observed; j++)
            assert_string_equal(x->observed[j], y->observed[j]);
        assert_string_equal(x->status, y->status);
        assert_string_equal(x->outcome, y->outcome);
    }
    assert_string_equal(a->verdict, b->verdict);
    assert_int_equal(a->n_findings, b->n_findings);
    for (size_t i = 0; i < a->n_findings; i++)
        assert_string_equal(a->findings[i], b->findings[i]);
    for (size_t i = 0; i < STEP_COUNT; i++) {
        assert_int_equal(a->steps[i].status, b->steps[i].status);
        assert_int_equal(a->steps[i].completed_at, b->steps[i].completed_at);
        assert_string_equal(a->steps[i].notes, b->steps[i].notes);
    }
    assert_int_equal(a->n_remediation, b->n_remediation);
    for (size_t i = 0; i < a->n_remediation; i++) {
        const struct cl_action *x = &a->remediation[i], *y = &b->remediation[i];

        assert_string_equal(x->kind, y->kind);
        assert_string_equal(x->server, y->server);
        assert_string_equal(x->name, y->name);
        assert_string_equal(x->type, y->type);
        assert_string_equal(x->value, y->value);
        assert_int_equal(x->applied_at, y->applied_at);
        assert_string_equal(x->status, y->status);
    }
}

/* What checklist_init gives, times aside. */
static void assert_empty(const struct checklist *cl)
{
    struct checklist fresh;

    checklist_init(&fresh);
    fresh.created = cl->created;
    fresh.updated = cl->updated;
    assert_checklist_equal(cl, &fresh);
    assert_null(cl->servers);
    assert_null(cl->recommended);
    assert_null(cl->records);
    assert_null(cl->findings);
    assert_null(cl->remediation);
    checklist_fini(&fresh);
}

static const char *message(const struct cd_diag *d)
{
    static char buf[1024];

    return diag_format(d, buf, sizeof buf);
}

static int from_text(const char *json, struct checklist *cl, struct cd_diag *d)
{
    return checklist_from_json(json, strlen(json), cl, d);
}

static char *to_text(const struct checklist *cl)
{
    char *text = NULL;

    assert_int_equal(checklist_to_json(cl, &text), CD_OK);
    assert_non_null(text);
    return text;
}

static void join(char *out, const char *dir, const char *name)
{
    assert_true(snprintf(out, PATH_MAX, "%s/%s", dir, name) < PATH_MAX);
}

/* A folder of its own under tmp_root for each test that touches files. */
static const char *test_dir(const char *name)
{
    static char dir[PATH_MAX];

    join(dir, tmp_root, name);
    assert_int_equal(mkdir(dir, 0700), 0);
    return dir;
}

static int count_entries(const char *dir)
{
    DIR *dp = opendir(dir);
    struct dirent *e;
    int n = 0;

    assert_non_null(dp);
    while ((e = readdir(dp)))
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
            n++;
    closedir(dp);
    return n;
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");

    assert_non_null(f);
    assert_int_equal(fputs(text, f) >= 0, 1);
    assert_int_equal(fclose(f), 0);
}

static char *read_file(const char *path)
{
    FILE *f = fopen(path, "r");
    char *buf = calloc(1, 1 << 16);
    size_t n;

    assert_non_null(f);
    assert_non_null(buf);
    n = fread(buf, 1, (1 << 16) - 1, f);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

/* ---- the model ---------------------------------------------------------------------- */

static void test_init_is_unchecked_with_every_step_pending(void **state)
{
    struct checklist cl;
    time_t before = time(NULL);

    (void)state;
    checklist_init(&cl);
    assert_string_equal(cl.tool_version, PACKAGE_VERSION);
    assert_true(cl.created >= before && cl.created <= time(NULL));
    assert_int_equal(cl.updated, cl.created);
    assert_string_equal(cl.verdict, "unchecked");
    for (size_t i = 0; i < STEP_COUNT; i++) {
        assert_int_equal(cl.steps[i].status, STEP_PENDING);
        assert_int_equal(cl.steps[i].completed_at, 0);
    }
    assert_int_equal(cl.symptoms.setup_hangs, TRI_UNKNOWN);
    checklist_fini(&cl);
}

static void test_clear_results_drops_results_and_keeps_the_session(void **state)
{
    struct checklist cl;

    (void)state;
    fill_full(&cl);
    checklist_clear_results(&cl);
    assert_int_equal(
        cl.n_servers + cl.n_recommended + cl.n_records + cl.n_findings + cl.n_remediation, 0);
    assert_string_equal(cl.verdict, "unchecked");
    assert_string_equal(cl.exchange.name, "EXSRV");
    assert_int_equal(cl.steps[STEP_SYMPTOMS].status, STEP_DONE);
    /* and the arrays grow again from nothing */
    add_server(&cl, "192.0.2.7", 53, 1, "local", TRI_YES, 1, TRI_YES, "");
    assert_int_equal(cl.n_servers, 1);
    checklist_fini(&cl);
}

static void test_add_refuses_entries_past_the_limits(void **state)
{
    struct checklist cl;
    struct cl_server s = {.address = "192.0.2.1", .port = 53, .role = "local", .rtt_ms = -1};
    struct cl_record r = {.type = "A", .status = "ok", .outcome = "answer"};

    (void)state;
    checklist_init(&cl);
    for (unsigned i = 0; i < SERVERS_MAX; i++) {
        s.position = i + 1;
        assert_int_equal(checklist_add_server(&cl, &s), CD_OK);
        assert_int_equal(checklist_add_recommended(&cl, "192.0.2.1"), CD_OK);
    }
    assert_int_equal(checklist_add_server(&cl, &s), CD_EINVAL);
    assert_int_equal(checklist_add_recommended(&cl, "192.0.2.1"), CD_EINVAL);
    for (unsigned i = 0; i < CHECKLIST_ITEMS_MAX; i++)
        assert_int_equal(checklist_add_record(&cl, &r), CD_OK);
    assert_int_equal(checklist_add_record(&cl, &r), CD_EINVAL);
    assert_int_equal(cl.n_servers, SERVERS_MAX);
    assert_int_equal(cl.n_records, CHECKLIST_ITEMS_MAX);
    /* what the model holds at its limits is a file that loads */
    {
        char *text = to_text(&cl);
        struct checklist back;
        struct cd_diag d;

        checklist_init(&back);
        assert_int_equal(from_text(text, &back, &d), CD_OK);
        assert_int_equal(back.n_records, CHECKLIST_ITEMS_MAX);
        checklist_fini(&back);
        free(text);
    }
    checklist_fini(&cl);
}

static void test_step_and_status_names_parse_back(void **state)
{
    static const char *const steps[] = {"symptoms",  "group",        "names",
                                        "dns_order", "host_records", "summary"};
    static const char *const statuses[] = {"pending", "done", "skipped", "failed"};

    (void)state;
    for (int i = 0; i < STEP_COUNT; i++) {
        assert_string_equal(checklist_step_name((enum step_id)i), steps[i]);
        assert_int_equal(checklist_step_parse(steps[i]), i);
    }
    for (int i = 0; i < 4; i++) {
        assert_string_equal(checklist_status_name((enum step_status)i), statuses[i]);
        assert_int_equal(checklist_status_parse(statuses[i]), i);
    }
    assert_null(checklist_step_name(STEP_COUNT));
    assert_int_equal(checklist_step_parse("Symptoms"), -1);
    assert_int_equal(checklist_status_parse(""), -1);
    assert_int_equal(checklist_status_parse(NULL), -1);
}

/* ---- round trips ---------------------------------------------------------------------- */

static void test_full_checklist_survives_round_trip(void **state)
{
    struct checklist cl, back;
    struct cd_diag d;
    char *text, *again;

    (void)state;
    fill_full(&cl);
    text = to_text(&cl);
    checklist_init(&back);
    assert_int_equal(from_text(text, &back, &d), CD_OK);
    assert_checklist_equal(&cl, &back);
    again = to_text(&back);
    assert_string_equal(text, again);
    free(again);
    free(text);
    checklist_fini(&back);
    checklist_fini(&cl);
}

static void test_empty_checklist_survives_round_trip(void **state)
{
    struct checklist cl, back;
    struct cd_diag d;
    char *text;

    (void)state;
    checklist_init(&cl);
    text = to_text(&cl);
    fill_full(&back); /* loading replaces what was there */
    assert_int_equal(from_text(text, &back, &d), CD_OK);
    assert_checklist_equal(&cl, &back);
    assert_true(strstr(text, "\"completed_at\":\tnull") != NULL);
    assert_true(strstr(text, "\"setup_hangs\":\tnull") != NULL);
    free(text);
    checklist_fini(&back);
    checklist_fini(&cl);
}

static void test_keys_are_written_in_the_documented_order(void **state)
{
    static const char *const keys[] = {"\"schema\":\t\"clusterdns-checklist/1\"",
                                       "\"kb\":\t\"Q263029\"",
                                       "\"tool_version\":",
                                       "\"created\":\t\"2026-11-25T12:00:00Z\"",
                                       "\"updated\":\t\"2026-11-25T12:30:07Z\"",
                                       "\"operator\":",
                                       "\"ticket\":",
                                       "\"group\":",
                                       "\"zone\":",
                                       "\"exchange\":",
                                       "\"cluster\":",
                                       "\"symptoms\":",
                                       "\"dns_servers\":",
                                       "\"address\":",
                                       "\"port\":\t5353",
                                       "\"position\":",
                                       "\"role\":",
                                       "\"reachable\":",
                                       "\"rtt_ms\":\t0.25",
                                       "\"authoritative\":",
                                       "\"source\":",
                                       "\"recommended_order\":",
                                       "\"records\":",
                                       "\"server\":",
                                       "\"name\":",
                                       "\"type\":",
                                       "\"expected\":",
                                       "\"observed\":",
                                       "\"status\":",
                                       "\"outcome\":",
                                       "\"verdict\":",
                                       "\"findings\":",
                                       "\"steps\":",
                                       "\"id\":\t\"symptoms\"",
                                       "\"status\":\t\"done\"",
                                       "\"completed_at\":\t\"2026-11-25T12:01:00Z\"",
                                       "\"notes\":",
                                       "\"id\":\t\"group\"",
                                       "\"id\":\t\"names\"",
                                       "\"id\":\t\"dns_order\"",
                                       "\"id\":\t\"host_records\"",
                                       "\"id\":\t\"summary\"",
                                       "\"remediation\":",
                                       "\"kind\":",
                                       "\"value\":"};
    struct checklist cl;
    char *text;
    const char *at;

    (void)state;
    fill_full(&cl);
    text = to_text(&cl);
    at = text;
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        const char *next = strstr(at, keys[i]);

        if (!next)
            fail_msg("%s missing or out of order in\n%s", keys[i], text);
        at = next;
    }
    assert_true(strstr(text, "\"rtt_ms\":\tnull") != NULL); /* a negative rtt is unknown */
    free(text);
    checklist_fini(&cl);
}

static void test_minimal_hand_written_file_loads_with_defaults(void **state)
{
    static const char json[] = "{\"schema\": \"clusterdns-checklist/1\", \"kb\": \"Q263029\",\n"
                               " \"created\": \"2026-11-25T12:00:00Z\",\n"
                               " \"updated\": \"2026-11-25T12:00:00Z\", \"steps\": [],\n"
                               " \"dns_servers\": [{\"address\": \"192.0.2.53\"}, {}],\n"
                               " \"records\": [{}], \"remediation\": [{}]}";
    struct checklist cl;
    struct cd_diag d;

    (void)state;
    checklist_init(&cl);
    assert_int_equal(from_text(json, &cl, &d), CD_OK);
    assert_int_equal(cl.created, T0);
    assert_string_equal(cl.tool_version, ""); /* unknown, not this version */
    assert_string_equal(cl.verdict, "unchecked");
    assert_int_equal(cl.n_servers, 2);
    assert_string_equal(cl.servers[0].address, "192.0.2.53");
    assert_int_equal(cl.servers[0].port, 53);
    assert_int_equal(cl.servers[0].position, 1);
    assert_int_equal(cl.servers[1].position, 2); /* its place in the list */
    assert_string_equal(cl.servers[0].role, "unknown");
    assert_int_equal(cl.servers[0].reachable, TRI_UNKNOWN);
    assert_true(cl.servers[0].rtt_ms < 0);
    assert_string_equal(cl.records[0].status, "pending");
    assert_string_equal(cl.records[0].outcome, "pending");
    assert_int_equal(cl.records[0].n_observed, 0);
    assert_string_equal(cl.remediation[0].status, "todo");
    for (size_t i = 0; i < STEP_COUNT; i++)
        assert_int_equal(cl.steps[i].status, STEP_PENDING);
    checklist_fini(&cl);
}

static void test_unknown_keys_are_ignored(void **state)
{
    static const char json[] =
        "{\"schema\": \"clusterdns-checklist/1\", \"kb\": \"Q263029\", \"future\": {\"x\": [1]},"
        " \"created\": \"2026-11-25T12:00:00Z\", \"updated\": \"2026-11-25T12:00:00Z\","
        " \"exchange\": {\"name\": \"EXSRV\", \"site\": 3},"
        " \"steps\": [{\"id\": \"names\", \"status\": \"done\", \"by\": \"me\"}]}";
    struct checklist cl;
    struct cd_diag d;

    (void)state;
    checklist_init(&cl);
    assert_int_equal(from_text(json, &cl, &d), CD_OK);
    assert_string_equal(cl.exchange.name, "EXSRV");
    assert_int_equal(cl.steps[STEP_NAMES].status, STEP_DONE);
    checklist_fini(&cl);
}

static void test_steps_are_matched_by_id_in_any_order(void **state)
{
    static const char json[] =
        "{\"schema\": \"clusterdns-checklist/1\", \"kb\": \"Q263029\","
        " \"created\": \"2026-11-25T12:00:00Z\", \"updated\": \"2026-11-25T12:00:00Z\","
        " \"steps\": [{\"id\": \"summary\", \"status\": \"skipped\"},"
        " {\"id\": \"symptoms\", \"status\": \"done\", \"completed_at\": "
        "\"2026-11-25T12:01:00Z\"}]}";
    struct checklist cl;
    struct cd_diag d;

    (void)state;
    checklist_init(&cl);
    assert_int_equal(from_text(json, &cl, &d), CD_OK);
    assert_int_equal(cl.steps[STEP_SUMMARY].status, STEP_SKIPPED);
    assert_int_equal(cl.steps[STEP_SYMPTOMS].status, STEP_DONE);
    assert_int_equal(cl.steps[STEP_SYMPTOMS].completed_at, T0 + 60);
    assert_int_equal(cl.steps[STEP_GROUP].status, STEP_PENDING);
    checklist_fini(&cl);
}

/* ---- load errors ---------------------------------------------------------------------- */

#define IDENT "\"schema\":\"clusterdns-checklist/1\",\"kb\":\"Q263029\""
#define TIMES ",\"created\":\"2026-11-25T12:00:00Z\",\"updated\":\"2026-11-25T12:30:00Z\""
#define DOC(x) "{" IDENT TIMES x ",\"steps\":[]}"
#define STEPS(x) "{" IDENT TIMES ",\"steps\":[" x "]}"

struct bad_case {
    const char *json;
    const char *where;
    const char *says; /* part of the formatted message */
};

static const struct bad_case bad_cases[] = {
    /* the text */
    {"", "", "is empty"},
    {" \n\t\r\n", "", "is empty"},
    {"{\"schema\": \"clusterdns-checklist/1\", \"kb\"", "",
     "line 1, column 42: the file is truncated"},
    {"{\"schema\": \"clusterdns", "", "truncated"},
    {"{\"a\":1]", "", "malformed JSON at line 1, column 7"},
    {"{\n  \"a\": 1,\n  \"b\": nope\n}", "", "malformed JSON at line 3, column 8"},
    {"{\n  \"é\": \"à\", x}", "",
     "malformed JSON at line 2, column 13"}, /* columns count characters */
    {"{\"a\":\"\\q\"}", "", "malformed JSON at line 1, column 7"},
    {"{} x", "", "malformed JSON at line 1, column 4"},
    {"{}{}", "", "malformed JSON at line 1, column 3"},
    {"[1, 2]", "", "not a JSON object"},
    {"\"clusterdns-checklist/1\"", "", "not a JSON object"},
    /* the identity */
    {"{}", "schema", "schema is missing"},
    {"{\"schema\": 1}", "schema", "schema: expected a string"},
    {"{\"schema\": \"clusterdns-checklist/2\"}", "schema", "written by a newer clusterdns"},
    {"{\"schema\": \"clusterdns-checklist/10\"}", "schema", "newer clusterdns (unknown version)"},
    {"{\"schema\": \"clusterdns-checklist/0\"}", "schema", "is not a clusterdns checklist"},
    {"{\"schema\": \"clusterdns-checklist/1.1\"}", "schema", "is not a clusterdns checklist"},
    {"{\"schema\": \"https://json-schema.org/draft/2020-12/schema\"}", "schema",
     "is not a clusterdns checklist"},
    {"{\"schema\": \"evil\\u001b[2J\"}", "schema", "\"evil?[2J\" is not a clusterdns checklist"},
    {"{\"schema\": \"clusterdns-checklist/1\"}", "kb", "kb is missing"},
    {"{\"schema\": \"clusterdns-checklist/1\", \"kb\": \"Q263030\"}", "kb",
     "kb: unknown value, expected one of \"Q263029\""},
    /* required keys */
    {"{" IDENT ",\"updated\":\"2026-11-25T12:30:00Z\",\"steps\":[]}", "created",
     "created is missing"},
    {"{" IDENT ",\"created\":\"2026-11-25T12:30:00Z\",\"steps\":[]}", "updated",
     "updated is missing"},
    {"{" IDENT TIMES "}", "steps", "steps is missing"},
    {"{" IDENT ",\"created\":\"2026-11-25 12:00:00\"" TIMES ",\"steps\":[]}", "created",
     "created: expected a UTC time like 2026-11-25T12:00:00Z"},
    {"{" IDENT ",\"created\":null" TIMES ",\"steps\":[]}", "created", "expected a UTC time"},
    /* types */
    {DOC(",\"tool_version\":1"), "tool_version", "tool_version: expected a string"},
    {DOC(",\"operator\":[\"me\"]"), "operator", "operator: expected a string"},
    {DOC(",\"ticket\":null"), "ticket", "expected a string"},
    {DOC(",\"exchange\":\"EXSRV\""), "exchange", "exchange: expected an object"},
    {DOC(",\"cluster\":{\"ip\":172}"), "cluster.ip", "cluster.ip: expected a string"},
    {DOC(",\"symptoms\":{\"event_4058\":\"yes\"}"), "symptoms.event_4058",
     "symptoms.event_4058: expected true, false or null"},
    {DOC(",\"symptoms\":{\"setup_hangs\":1}"), "symptoms.setup_hangs",
     "expected true, false or null"},
    {DOC(",\"dns_servers\":{}"), "dns_servers", "dns_servers: expected an array"},
    {DOC(",\"dns_servers\":[\"127.0.0.1\"]"), "dns_servers[0]",
     "dns_servers[0]: expected an object"},
    {DOC(",\"dns_servers\":[{},{\"port\":0}]"), "dns_servers[1].port",
     "dns_servers[1].port: expected a whole number from 1 to 65535"},
    {DOC(",\"dns_servers\":[{\"port\":65536}]"), "dns_servers[0].port", "from 1 to 65535"},
    {DOC(",\"dns_servers\":[{\"port\":53.5}]"), "dns_servers[0].port", "from 1 to 65535"},
    {DOC(",\"dns_servers\":[{\"port\":\"53\"}]"), "dns_servers[0].port", "from 1 to 65535"},
    {DOC(",\"dns_servers\":[{\"position\":65}]"), "dns_servers[0].position", "from 1 to 64"},
    {DOC(",\"dns_servers\":[{\"rtt_ms\":-1}]"), "dns_servers[0].rtt_ms",
     "expected a number of milliseconds (0 or more) or null"},
    {DOC(",\"dns_servers\":[{\"rtt_ms\":\"fast\"}]"), "dns_servers[0].rtt_ms", "milliseconds"},
    {DOC(",\"dns_servers\":[{\"reachable\":\"true\"}]"), "dns_servers[0].reachable",
     "true, false or null"},
    {DOC(",\"recommended_order\":[\"127.0.0.1\",53]"), "recommended_order[1]", "expected a string"},
    {DOC(",\"records\":[{\"observed\":\"172.16.8.31\"}]"), "records[0].observed",
     "records[0].observed: expected an array"},
    {DOC(",\"records\":[{\"observed\":[\"172.16.8.31\",true]}]"), "records[0].observed[1]",
     "expected a string"},
    {DOC(",\"verdict\":\"pass\""), "verdict", "verdict: expected an object"},
    {DOC(",\"verdict\":{\"findings\":\"none\"}"), "verdict.findings", "expected an array"},
    {STEPS("\"symptoms\""), "steps[0]", "steps[0]: expected an object"},
    {STEPS("{\"status\":\"done\"}"), "steps[0].id", "steps[0].id is missing"},
    {STEPS("{\"id\":3}"), "steps[0].id", "expected a string"},
    {STEPS("{\"id\":\"group\",\"completed_at\":\"yesterday\"}"), "steps[0].completed_at",
     "steps[0].completed_at: expected a UTC time like 2026-11-25T12:00:00Z, or null"},
    {STEPS("{\"id\":\"group\",\"notes\":[]}"), "steps[0].notes", "expected a string"},
    /* enumerations */
    {DOC(",\"dns_servers\":[{\"role\":\"lan\"}]"), "dns_servers[0].role",
     "dns_servers[0].role: unknown value, expected one of \"unknown\", \"local\", \"internet\""},
    {DOC(",\"records\":[{\"type\":\"MX\"}]"), "records[0].type",
     "expected one of \"A\", \"AAAA\", \"PTR\""},
    {DOC(",\"records\":[{\"status\":\"OK\"}]"), "records[0].status",
     "expected one of \"pending\", \"ok\", \"missing\", \"wrong\", \"unanswered\""},
    {DOC(",\"records\":[{\"outcome\":\"lost\"}]"), "records[0].outcome",
     "\"pending\", \"answer\", \"nxdomain\", \"nodata\", \"refused\", \"servfail\", \"timeout\", "
     "\"connrefused\", \"malformed\", \"truncated\", \"failed\""},
    {DOC(",\"verdict\":{\"status\":\"maybe\"}"), "verdict.status",
     "expected one of \"unchecked\", \"incomplete\", \"pass\", \"fail\""},
    {DOC(",\"remediation\":[{},{\"kind\":\"delete\"}]"), "remediation[1].kind",
     "expected one of \"add_record\", \"fix_record\", \"reorder\""},
    {DOC(",\"remediation\":[{\"type\":\"CNAME\"}]"), "remediation[0].type",
     "expected one of \"\", \"A\", \"AAAA\", \"PTR\""},
    {DOC(",\"remediation\":[{\"status\":\"done\"}]"), "remediation[0].status",
     "expected one of \"todo\", \"applied\", \"failed\""},
    {STEPS("{\"id\":\"group\",\"status\":\"finished\"}"), "steps[0].status",
     "expected one of \"pending\", \"done\", \"skipped\", \"failed\""},
    /* steps */
    {STEPS("{\"id\":\"setup\"}"), "steps[0].id",
     "steps[0].id: unknown value, expected one of \"symptoms\", \"group\", \"names\", "
     "\"dns_order\", \"host_records\", \"summary\""},
    {STEPS("{\"id\":\"group\"},{\"id\":\"names\"},{\"id\":\"group\"}"), "steps[2].id",
     "steps[2].id: the step \"group\" is listed twice"},
    /* text */
    {DOC(",\"operator\":\"J\\u0007ne\""), "operator",
     "operator: control characters are not allowed"},
    {DOC(",\"operator\":\"Jane\\nDoe\""), "operator", "control characters are not allowed"},
    {DOC(",\"zone\":\"fabrikam\\u0085local\""), "zone", "control characters are not allowed"},
    {DOC(",\"verdict\":{\"findings\":[\"ok\",\"\\u001b[31m\"]}"), "verdict.findings[1]",
     "control characters are not allowed"},
    {STEPS("{\"id\":\"group\",\"notes\":\"a\\rb\"}"), "steps[0].notes",
     "control characters other than new line and tab are not allowed"},
    {DOC(",\"group\":\"Exchange \xff Group\""), "group", "group: not valid UTF-8 text"},
    {DOC(",\"group\":\"\xc0\xaf\""), "group", "not valid UTF-8"},     /* overlong "/" */
    {DOC(",\"group\":\"\xed\xa0\x80\""), "group", "not valid UTF-8"}, /* a surrogate */
    {DOC(",\"group\":\"caf\xc3\""), "group", "not valid UTF-8"},      /* cut sequence */
    {DOC(",\"tool_version\":\"0123456789012345678901234567890x\""), "tool_version",
     "tool_version: too long, at most 31 bytes of UTF-8"},
};

static void test_each_load_error_names_its_path_and_leaves_checklist_empty(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof bad_cases / sizeof bad_cases[0]; i++) {
        const struct bad_case *c = &bad_cases[i];
        struct checklist cl;
        struct cd_diag d;
        int rc;

        fill_full(&cl); /* what was there must go */
        diag_clear(&d);
        rc = from_text(c->json, &cl, &d);
        if (rc != CD_EFORMAT || strcmp(d.where, c->where) != 0 || !strstr(message(&d), c->says))
            fail_msg("case %zu: %s\n  got rc %d, where \"%s\": %s\n  wanted \"%s\": ...%s...", i,
                     c->json, rc, d.where, message(&d), c->where, c->says);
        assert_empty(&cl);
        checklist_fini(&cl);
    }
}

static void test_every_cut_of_a_file_is_reported_as_truncated(void **state)
{
    struct checklist cl;
    struct cd_diag d;
    char *text;
    size_t len;

    (void)state;
    fill_full(&cl);
    text = to_text(&cl);
    len = strlen(text);
    for (size_t cut = 1; cut < len; cut++) {
        /* exactly cut bytes, no NUL after them, so reading past the end is caught */
        char *part = malloc(cut);

        assert_non_null(part);
        memcpy(part, text, cut);
        if (checklist_from_json(part, cut, &cl, &d) != CD_EFORMAT ||
            !strstr(message(&d), "truncated"))
            fail_msg("cut at %zu (...%.20s): %s", cut, text + (cut > 20 ? cut - 20 : 0),
                     message(&d));
        free(part);
    }
    assert_empty(&cl);
    free(text);
    checklist_fini(&cl);
}

static void test_text_without_terminating_nul_loads(void **state)
{
    struct checklist full, cl;
    struct cd_diag d;
    char *text = NULL, *exact;
    size_t len;

    (void)state;
    fill_full(&full);
    text = to_text(&full);
    len = strlen(text);
    exact = malloc(len);
    assert_non_null(exact);
    memcpy(exact, text, len);
    checklist_init(&cl);
    assert_int_equal(checklist_from_json(exact, len, &cl, &d), CD_OK);
    assert_checklist_equal(&full, &cl);
    free(exact);
    free(text);
    checklist_fini(&cl);
    checklist_fini(&full);
}

static void test_nul_byte_in_text_is_malformed(void **state)
{
    static const char json[] = DOC(",\"operator\":\"Jane\0 Doe\"");
    struct checklist cl;
    struct cd_diag d;

    (void)state;
    checklist_init(&cl);
    assert_int_equal(checklist_from_json(json, sizeof json - 1, &cl, &d), CD_EFORMAT);
    assert_non_null(strstr(message(&d), "malformed JSON at line 1, column 133"));
    assert_empty(&cl);
    checklist_fini(&cl);
}

static void test_too_many_entries_are_refused_on_load(void **state)
{
    struct checklist cl;
    struct cd_diag d;
    char *json = malloc(1 << 16), *p;

    (void)state;
    assert_non_null(json);
    p = json + sprintf(json, "{" IDENT TIMES ",\"steps\":[],\"dns_servers\":[");
    for (int i = 0; i <= SERVERS_MAX; i++)
        p += sprintf(p, "%s{}", i ? "," : "");
    sprintf(p, "]}");
    checklist_init(&cl);
    assert_int_equal(from_text(json, &cl, &d), CD_EFORMAT);
    assert_string_equal(d.where, "dns_servers");
    assert_non_null(strstr(message(&d), "dns_servers: too many entries, at most 64"));
    assert_empty(&cl);

    p = json + sprintf(json, "{" IDENT TIMES ",\"steps\":[],\"records\":[{\"observed\":[");
    for (int i = 0; i <= PROBE_ADDRS_MAX; i++)
        p += sprintf(p, "%s\"192.0.2.%d\"", i ? "," : "", i);
    sprintf(p, "]}]}");
    assert_int_equal(from_text(json, &cl, &d), CD_EFORMAT);
    assert_string_equal(d.where, "records[0].observed");
    assert_non_null(strstr(message(&d), "at most 16"));

    p = json + sprintf(json, "{" IDENT TIMES ",\"steps\":[");
    for (int i = 0; i <= STEP_COUNT; i++)
        p += sprintf(p, "%s{\"id\":\"%s\"}", i ? "," : "",
                     i < STEP_COUNT ? checklist_step_name((enum step_id)i) : "summary");
    sprintf(p, "]}");
    assert_int_equal(from_text(json, &cl, &d), CD_EFORMAT);
    assert_string_equal(d.where, "steps");
    free(json);
    checklist_fini(&cl);
}

/* ---- text limits and repair ----------------------------------------------------------- */

/* Loads the document fmt with its %s replaced by n letters x. */
static int load_repeated(const char *fmt, size_t n, struct checklist *cl, struct cd_diag *d)
{
    char *x = malloc(n + 1), *json = NULL;
    int rc;

    assert_non_null(x);
    memset(x, 'x', n);
    x[n] = '\0';
    assert_true(asprintf(&json, fmt, x) > 0);
    rc = from_text(json, cl, d);
    free(json);
    free(x);
    return rc;
}

static void test_text_exactly_at_its_limit_loads_and_one_more_byte_fails(void **state)
{
    static const char zone[] = "{" IDENT TIMES ",\"zone\":\"%s\",\"steps\":[]}";
    static const char notes[] =
        "{" IDENT TIMES ",\"steps\":[{\"id\":\"summary\",\"notes\":\"%s\"}]}";
    static const char name[] = "{" IDENT TIMES ",\"exchange\":{\"name\":\"%s\"},\"steps\":[]}";
    struct checklist cl;
    struct cd_diag d;

    (void)state;
    checklist_init(&cl);
    assert_int_equal(load_repeated(name, NAMES_NETBIOS_MAX, &cl, &d), CD_OK);
    assert_int_equal(strlen(cl.exchange.name), 15);
    assert_int_equal(load_repeated(name, NAMES_NETBIOS_MAX + 1, &cl, &d), CD_EFORMAT);
    assert_string_equal(d.where, "exchange.name");
    assert_non_null(strstr(message(&d), "exchange.name: too long, at most 15 bytes"));

    assert_int_equal(load_repeated(zone, NAMES_FQDN_MAX, &cl, &d), CD_OK);
    assert_int_equal(strlen(cl.zone), 253);
    assert_int_equal(load_repeated(zone, NAMES_FQDN_MAX + 1, &cl, &d), CD_EFORMAT);
    assert_string_equal(d.where, "zone");
    assert_non_null(strstr(message(&d), "at most 253 bytes"));

    assert_int_equal(load_repeated(notes, CHECKLIST_NOTES - 1, &cl, &d), CD_OK);
    assert_int_equal(strlen(cl.steps[STEP_SUMMARY].notes), 2047);
    assert_int_equal(load_repeated(notes, CHECKLIST_NOTES, &cl, &d), CD_EFORMAT);
    assert_string_equal(d.where, "steps[0].notes");
    assert_non_null(strstr(message(&d), "at most 2047 bytes"));

    /* the limit is in bytes: 7 two-byte letters fit in 15, 8 do not */
    assert_int_equal(from_text(DOC(",\"cluster\":{\"name\":\"ééééééé\"}"), &cl, &d), CD_OK);
    assert_int_equal(from_text(DOC(",\"cluster\":{\"name\":\"éééééééé\"}"), &cl, &d), CD_EFORMAT);
    assert_string_equal(d.where, "cluster.name");
    checklist_fini(&cl);
}

static void test_notes_keep_new_lines_and_tabs(void **state)
{
    struct checklist cl, back;
    struct cd_diag d;
    char *text;

    (void)state;
    checklist_init(&cl);
    set_step(&cl, STEP_NAMES, STEP_DONE, T0, "line 1\nline 2\n\tindented\n");
    text = to_text(&cl);
    checklist_init(&back);
    assert_int_equal(from_text(text, &back, &d), CD_OK);
    assert_string_equal(back.steps[STEP_NAMES].notes, "line 1\nline 2\n\tindented\n");
    free(text);
    checklist_fini(&back);
    checklist_fini(&cl);
}

static void test_writer_replaces_bytes_the_loader_would_refuse(void **state)
{
    struct checklist cl, back;
    struct cd_diag d;
    char *text;

    (void)state;
    checklist_init(&cl);
    snprintf(cl.operator_name, sizeof cl.operator_name, "Jos\xe9 (Latin-1)");
    add_server(&cl, "192.0.2.1", 53, 1, "local", TRI_YES, 2, TRI_YES, "R\xe9seau\x01 local");
    set_step(&cl, STEP_NAMES, STEP_DONE, T0, "ok\r\n\tnext\x7f");
    assert_int_equal(checklist_add_finding(&cl, "\x1b[31mred\x1b[0m caf\xc3\xa9"), CD_OK);
    /* a sequence cut by the end of the field */
    memset(cl.ticket, 'x', sizeof cl.ticket - 2);
    cl.ticket[sizeof cl.ticket - 2] = '\xc3';
    cl.ticket[sizeof cl.ticket - 1] = '\0';
    text = to_text(&cl);
    checklist_init(&back);
    assert_int_equal(from_text(text, &back, &d), CD_OK);
    assert_string_equal(back.operator_name, "Jos? (Latin-1)");
    assert_string_equal(back.servers[0].source, "R?seau? local");
    assert_string_equal(back.steps[STEP_NAMES].notes, "ok?\n\tnext?");
    assert_string_equal(back.findings[0], "?[31mred?[0m caf\xc3\xa9");
    assert_int_equal(back.ticket[sizeof back.ticket - 2], '?');
    free(text);
    checklist_fini(&back);
    checklist_fini(&cl);
}

static void test_writer_refuses_values_the_schema_does_not_allow(void **state)
{
    static const struct {
        const char *where;
        const char *says;
    } cases[] = {
        {"dns_servers[0].role", "expected one of \"unknown\", \"local\", \"internet\""},
        {"dns_servers[1].port", "from 1 to 65535"},
        {"dns_servers[2].position", "from 1 to 64"},
        {"records[0].outcome", "\"connrefused\""},
        {"verdict.status", "\"unchecked\""},
        {"steps[3].status", "\"skipped\""},
        {"steps[4].completed_at", "or null"},
        {"updated", "expected a UTC time"},
        {"remediation[0].type", "\"PTR\""},
    };
    const char *dir = test_dir("refuses");
    char path[PATH_MAX];

    (void)state;
    join(path, dir, "x.json");
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct checklist cl;
        struct cd_diag d;
        char *text = (char *)1;

        fill_full(&cl);
        switch (i) {
        case 0:
            cl.servers[0].role[0] = '\0';
            break;
        case 1:
            cl.servers[1].port = 0;
            break;
        case 2:
            cl.servers[2].position = SERVERS_MAX + 1;
            break;
        case 3:
            snprintf(cl.records[0].outcome, sizeof cl.records[0].outcome, "ANSWER");
            break;
        case 4:
            snprintf(cl.verdict, sizeof cl.verdict, "ok");
            break;
        case 5:
            cl.steps[3].status = (enum step_status)7;
            break;
        case 6:
            cl.steps[4].completed_at = -5;
            break;
        case 7:
            cl.updated = (time_t)253402300800;
            break; /* year 10000 */
        case 8:
            snprintf(cl.remediation[0].type, sizeof cl.remediation[0].type, "MX");
            break;
        }
        assert_int_equal(checklist_to_json(&cl, &text), CD_EINVAL);
        assert_null(text);
        assert_int_equal(checklist_save(&cl, path, &d), CD_EINVAL);
        if (strcmp(d.where, cases[i].where) != 0 || !strstr(message(&d), cases[i].says))
            fail_msg("case %zu: got \"%s\": %s", i, d.where, message(&d));
        assert_int_equal(count_entries(dir), 0);
        checklist_fini(&cl);
    }
}

/* ---- time ----------------------------------------------------------------------------- */

static void test_time_format_and_parse_round_trip(void **state)
{
    static const struct {
        time_t t;
        const char *text;
    } cases[] = {
        {0, "1970-01-01T00:00:00Z"},
        {T0, "2026-11-25T12:00:00Z"},
        {1709164800, "2024-02-29T00:00:00Z"},
        {951782400, "2000-02-29T00:00:00Z"},
        {(time_t)253402300799, "9999-12-31T23:59:59Z"},
    };
    char buf[21];

    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        assert_string_equal(checklist_time_format(cases[i].t, buf, sizeof buf), cases[i].text);
        assert_int_equal(checklist_time_parse(cases[i].text), cases[i].t);
    }
    assert_int_equal(checklist_time_parse(checklist_time_format(T0 + 86399, buf, sizeof buf)),
                     T0 + 86399);
}

static void test_time_parse_refuses_anything_but_the_exact_form(void **state)
{
    static const char *const bad[] = {
        "",
        "2026-11-25",
        "2026-11-25T12:00:00",       /* no zone */
        "2026-11-25T12:00:00+00:00", /* not the form written */
        "2026-11-25t12:00:00Z",
        "2026-11-25T12:00:00z",
        "2026-11-25 12:00:00Z",
        "2026-11-25T12:00:00.5Z",
        "2026-11-25T12:00:00Z ",
        " 2026-11-25T12:00:00Z",
        "2026-1-25T12:00:00Z",
        "+026-11-25T12:00:00Z",
        "2026-13-01T00:00:00Z",
        "2026-00-01T00:00:00Z",
        "2026-11-00T00:00:00Z",
        "2026-11-31T00:00:00Z",
        "2023-02-29T00:00:00Z", /* not a leap year */
        "1900-02-29T00:00:00Z",
        "2026-11-25T24:00:00Z",
        "2026-11-25T12:60:00Z",
        "2026-11-25T12:00:60Z", /* leap seconds are not written */
        "1969-12-31T23:59:59Z", /* before 1970 */
    };

    (void)state;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        if (checklist_time_parse(bad[i]) != -1)
            fail_msg("\"%s\" was accepted", bad[i]);
    assert_int_equal(checklist_time_parse(NULL), -1);
}

static void test_time_format_gives_empty_text_when_it_cannot(void **state)
{
    char buf[32] = "x";

    (void)state;
    assert_string_equal(checklist_time_format(T0, buf, 20), "");
    assert_string_equal(checklist_time_format(-1, buf, sizeof buf), "");
    assert_string_equal(checklist_time_format((time_t)253402300800, buf, sizeof buf), "");
    assert_string_equal(checklist_time_format(T0, buf, 21), "2026-11-25T12:00:00Z");
}

/* ---- files ---------------------------------------------------------------------------- */

static void test_save_then_load_gives_the_same_checklist(void **state)
{
    const char *dir = test_dir("save_load");
    struct checklist cl, back;
    struct cd_diag d;
    char path[PATH_MAX], *text, *file;
    struct stat before, after;

    (void)state;
    join(path, dir, "session.json");
    fill_full(&cl);
    assert_int_equal(checklist_save(&cl, path, &d), CD_OK);
    assert_int_equal(count_entries(dir), 1);
    /* the file is exactly the JSON text and a final new line */
    text = to_text(&cl);
    file = read_file(path);
    assert_int_equal(strlen(file), strlen(text) + 1);
    assert_memory_equal(file, text, strlen(text));
    assert_int_equal(file[strlen(text)], '\n');

    assert_int_equal(stat(path, &before), 0);
    checklist_init(&back);
    assert_int_equal(checklist_load(path, &back, &d), CD_OK);
    assert_checklist_equal(&cl, &back);
    /* loading wrote nothing */
    assert_int_equal(stat(path, &after), 0);
    assert_int_equal(before.st_mtim.tv_sec, after.st_mtim.tv_sec);
    assert_int_equal(before.st_mtim.tv_nsec, after.st_mtim.tv_nsec);
    assert_int_equal(count_entries(dir), 1);
    free(file);
    free(text);
    checklist_fini(&back);
    checklist_fini(&cl);
}

static void test_save_in_current_folder_with_a_bare_name(void **state)
{
    const char *dir = test_dir("bare");
    char here[PATH_MAX];
    struct checklist cl, back;
    struct cd_diag d;

    (void)state;
    assert_non_null(getcwd(here, sizeof here));
    assert_int_equal(chdir(dir), 0);
    fill_full(&cl);
    assert_int_equal(checklist_save(&cl, "bare.json", &d), CD_OK);
    checklist_init(&back);
    assert_int_equal(checklist_load("bare.json", &back, &d), CD_OK);
    assert_int_equal(chdir(here), 0);
    assert_checklist_equal(&cl, &back);
    assert_int_equal(count_entries(dir), 1);
    checklist_fini(&back);
    checklist_fini(&cl);
}

static void test_save_replaces_an_existing_file_by_rename_and_leaves_no_temporary(void **state)
{
    const char *dir = test_dir("replace");
    struct checklist cl, back;
    struct cd_diag d;
    char path[PATH_MAX];
    struct stat old, now;

    (void)state;
    join(path, dir, "session.json");
    write_file(path, "{\"old\": true}\n");
    assert_int_equal(stat(path, &old), 0);
    fill_full(&cl);
    assert_int_equal(checklist_save(&cl, path, &d), CD_OK);
    assert_int_equal(stat(path, &now), 0);
    assert_true(old.st_ino != now.st_ino); /* a new file took its name: never half written */
    assert_int_equal(count_entries(dir), 1);
    /* and again over our own file */
    cl.symptoms.event_4058 = TRI_NO;
    assert_int_equal(checklist_save(&cl, path, &d), CD_OK);
    assert_int_equal(count_entries(dir), 1);
    checklist_init(&back);
    assert_int_equal(checklist_load(path, &back, &d), CD_OK);
    assert_checklist_equal(&cl, &back);
    checklist_fini(&back);
    checklist_fini(&cl);
}

/* What a save killed before its rename left: removed by the next save once it is old, so
 * that crashes do not fill the tickets' folder; a fresh one may be another save's. */
static void test_save_removes_stale_temporaries_of_its_file_only(void **state)
{
    const char *dir = test_dir("stale");
    struct checklist cl;
    struct cd_diag d;
    char path[PATH_MAX], stale[PATH_MAX], fresh[PATH_MAX], other[PATH_MAX], odd[PATH_MAX];
    struct timespec hour_ago[2] = {{.tv_sec = time(NULL) - 3600}, {.tv_sec = time(NULL) - 3600}};

    (void)state;
    join(path, dir, "session.json");
    join(stale, dir, ".session.json.Ab3xYz");
    join(fresh, dir, ".session.json.Qw9eRt");
    join(other, dir, ".other.json.Ab3xYz");
    join(odd, dir, ".session.json.keep");
    write_file(stale, "{");
    write_file(fresh, "{");
    write_file(other, "{");
    write_file(odd, "{");
    assert_int_equal(utimensat(AT_FDCWD, stale, hour_ago, 0), 0);
    assert_int_equal(utimensat(AT_FDCWD, other, hour_ago, 0), 0);
    assert_int_equal(utimensat(AT_FDCWD, odd, hour_ago, 0), 0);
    checklist_init(&cl);
    assert_int_equal(checklist_save(&cl, path, &d), CD_OK);
    assert_int_equal(access(stale, F_OK), -1);
    assert_int_equal(access(fresh, F_OK), 0);
    assert_int_equal(access(other, F_OK), 0);
    assert_int_equal(access(odd, F_OK), 0);
    assert_int_equal(count_entries(dir), 4);
    checklist_fini(&cl);
}

static void test_saved_file_mode_follows_the_umask(void **state)
{
    const char *dir = test_dir("mode");
    struct checklist cl;
    struct cd_diag d;
    char path[PATH_MAX];
    struct stat st;
    mode_t old = umask(027);

    (void)state;
    join(path, dir, "session.json");
    checklist_init(&cl);
    assert_int_equal(checklist_save(&cl, path, &d), CD_OK);
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0640);
    umask(0);
    assert_int_equal(checklist_save(&cl, path, &d), CD_OK);
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0666);
    umask(old);
    checklist_fini(&cl);
}

static void assert_save_fails(const char *path, int err)
{
    struct checklist cl;
    struct cd_diag d;

    fill_full(&cl);
    assert_int_equal(checklist_save(&cl, path, &d), CD_EIO);
    assert_string_equal(d.arg1, path);
    assert_string_equal(d.arg2, strerror(err));
    assert_non_null(strstr(message(&d), "cannot save"));
    checklist_fini(&cl);
}

static void test_save_into_a_missing_folder_fails_and_creates_nothing(void **state)
{
    const char *dir = test_dir("missing");
    char path[PATH_MAX];

    (void)state;
    join(path, dir, "no/such/session.json");
    assert_save_fails(path, ENOENT);
    assert_int_equal(access(path, F_OK), -1);
    assert_int_equal(count_entries(dir), 0);
}

static void test_save_into_an_unwritable_folder_fails_and_creates_nothing(void **state)
{
    const char *dir = test_dir("unwritable");
    char path[PATH_MAX], inner[PATH_MAX];

    (void)state;
    if (geteuid() == 0) {
        /* Permissions do not stop root: a folder that is a regular file does. */
        join(inner, dir, "plain");
        write_file(inner, "not a folder\n");
        join(path, inner, "session.json");
        assert_save_fails(path, ENOTDIR);
        assert_int_equal(count_entries(dir), 1);
    } else {
        join(inner, dir, "ro");
        assert_int_equal(mkdir(inner, 0500), 0);
        join(path, inner, "session.json");
        assert_save_fails(path, EACCES);
        assert_int_equal(count_entries(inner), 0);
        assert_int_equal(chmod(inner, 0700), 0);
    }
}

static void test_save_to_a_folder_name_fails(void **state)
{
    const char *dir = test_dir("folder_name");
    char path[PATH_MAX];

    (void)state;
    join(path, dir, "");
    assert_save_fails(path, EISDIR);
    assert_int_equal(count_entries(dir), 0);
}

/* A file size limit makes write() fail half way, as a full disk would. */
static void test_write_error_keeps_the_old_file_and_removes_the_temporary(void **state)
{
    const char *dir = test_dir("write_error");
    struct checklist cl;
    struct cd_diag d;
    char path[PATH_MAX], *file;
    struct rlimit old, small;
    void (*old_handler)(int);
    int rc;

    (void)state;
    join(path, dir, "session.json");
    write_file(path, "{\"old\": true}\n");
    fill_full(&cl);
    assert_int_equal(getrlimit(RLIMIT_FSIZE, &old), 0);
    small = old;
    small.rlim_cur = 1000;
    old_handler = signal(SIGXFSZ, SIG_IGN);
    assert_int_equal(setrlimit(RLIMIT_FSIZE, &small), 0);
    rc = checklist_save(&cl, path, &d); /* nothing else may write a file meanwhile */
    assert_int_equal(setrlimit(RLIMIT_FSIZE, &old), 0);
    signal(SIGXFSZ, old_handler);

    assert_int_equal(rc, CD_EIO);
    assert_string_equal(d.arg1, path);
    assert_string_equal(d.arg2, strerror(EFBIG));
    file = read_file(path);
    assert_string_equal(file, "{\"old\": true}\n");
    assert_int_equal(count_entries(dir), 1);
    free(file);
    checklist_fini(&cl);
}

static void test_load_of_a_missing_file_fails_without_creating_it(void **state)
{
    const char *dir = test_dir("load_missing");
    struct checklist cl;
    struct cd_diag d;
    char path[PATH_MAX];

    (void)state;
    join(path, dir, "session.json");
    fill_full(&cl);
    assert_int_equal(checklist_load(path, &cl, &d), CD_EIO);
    assert_string_equal(d.arg1, path);
    assert_string_equal(d.arg2, strerror(ENOENT));
    assert_non_null(strstr(message(&d), "cannot read"));
    assert_empty(&cl);
    assert_int_equal(count_entries(dir), 0);
    checklist_fini(&cl);
}

static void test_load_of_a_folder_fails(void **state)
{
    const char *dir = test_dir("load_folder");
    struct checklist cl;
    struct cd_diag d;

    (void)state;
    checklist_init(&cl);
    assert_int_equal(checklist_load(dir, &cl, &d), CD_EIO);
    assert_string_equal(d.arg2, strerror(EISDIR));
    checklist_fini(&cl);
}

static void test_load_refuses_a_file_over_16_mib_and_reads_one_at_the_limit(void **state)
{
    const char *dir = test_dir("big");
    struct checklist cl;
    struct cd_diag d;
    char path[PATH_MAX];
    int fd;

    (void)state;
    join(path, dir, "big.json");
    fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    assert_true(fd >= 0);
    /* spaces up to the limit: read in full and found empty, not refused */
    {
        static char block[1 << 16];

        memset(block, ' ', sizeof block);
        for (size_t n = 0; n < CHECKLIST_FILE_MAX; n += sizeof block)
            assert_int_equal(write(fd, block, sizeof block), sizeof block);
    }
    checklist_init(&cl);
    assert_int_equal(checklist_load(path, &cl, &d), CD_EFORMAT);
    assert_non_null(strstr(message(&d), "is empty"));
    assert_int_equal(write(fd, " ", 1), 1);
    assert_int_equal(checklist_load(path, &cl, &d), CD_EFORMAT);
    assert_string_equal(d.arg1, path);
    assert_non_null(strstr(message(&d), "larger than 16 MiB"));
    close(fd);
    checklist_fini(&cl);
}

/* ---- set up --------------------------------------------------------------------------- */

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(path);
}

static int make_tmp_root(void **state)
{
    const char *base = getenv("TMPDIR");

    (void)state;
    snprintf(tmp_root, sizeof tmp_root, "%s/test_checklist.XXXXXX", base && *base ? base : "/tmp");
    return mkdtemp(tmp_root) ? 0 : -1;
}

static int remove_tmp_root(void **state)
{
    (void)state;
    return nftw(tmp_root, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* The fixtures as files, for the schema test. */
static int write_samples(const char *dir)
{
    struct checklist cl;
    struct cd_diag d;
    char path[PATH_MAX], msg[512];
    int rc;

    fill_full(&cl);
    join(path, dir, "full.json");
    rc = checklist_save(&cl, path, &d);
    checklist_fini(&cl);
    if (rc == CD_OK) {
        checklist_init(&cl);
        join(path, dir, "empty.json");
        rc = checklist_save(&cl, path, &d);
        checklist_fini(&cl);
    }
    if (rc != CD_OK)
        fprintf(stderr, "test_checklist: %s\n", diag_format(&d, msg, sizeof msg));
    return rc == CD_OK ? 0 : 1;
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_init_is_unchecked_with_every_step_pending),
        cmocka_unit_test(test_clear_results_drops_results_and_keeps_the_session),
        cmocka_unit_test(test_add_refuses_entries_past_the_limits),
        cmocka_unit_test(test_step_and_status_names_parse_back),
        cmocka_unit_test(test_full_checklist_survives_round_trip),
        cmocka_unit_test(test_empty_checklist_survives_round_trip),
        cmocka_unit_test(test_keys_are_written_in_the_documented_order),
        cmocka_unit_test(test_minimal_hand_written_file_loads_with_defaults),
        cmocka_unit_test(test_unknown_keys_are_ignored),
        cmocka_unit_test(test_steps_are_matched_by_id_in_any_order),
        cmocka_unit_test(test_each_load_error_names_its_path_and_leaves_checklist_empty),
        cmocka_unit_test(test_every_cut_of_a_file_is_reported_as_truncated),
        cmocka_unit_test(test_text_without_terminating_nul_loads),
        cmocka_unit_test(test_nul_byte_in_text_is_malformed),
        cmocka_unit_test(test_too_many_entries_are_refused_on_load),
        cmocka_unit_test(test_text_exactly_at_its_limit_loads_and_one_more_byte_fails),
        cmocka_unit_test(test_notes_keep_new_lines_and_tabs),
        cmocka_unit_test(test_writer_replaces_bytes_the_loader_would_refuse),
        cmocka_unit_test(test_writer_refuses_values_the_schema_does_not_allow),
        cmocka_unit_test(test_time_format_and_parse_round_trip),
        cmocka_unit_test(test_time_parse_refuses_anything_but_the_exact_form),
        cmocka_unit_test(test_time_format_gives_empty_text_when_it_cannot),
        cmocka_unit_test(test_save_then_load_gives_the_same_checklist),
        cmocka_unit_test(test_save_in_current_folder_with_a_bare_name),
        cmocka_unit_test(test_save_replaces_an_existing_file_by_rename_and_leaves_no_temporary),
        cmocka_unit_test(test_save_removes_stale_temporaries_of_its_file_only),
        cmocka_unit_test(test_saved_file_mode_follows_the_umask),
        cmocka_unit_test(test_save_into_a_missing_folder_fails_and_creates_nothing),
        cmocka_unit_test(test_save_into_an_unwritable_folder_fails_and_creates_nothing),
        cmocka_unit_test(test_save_to_a_folder_name_fails),
        cmocka_unit_test(test_write_error_keeps_the_old_file_and_removes_the_temporary),
        cmocka_unit_test(test_load_of_a_missing_file_fails_without_creating_it),
        cmocka_unit_test(test_load_of_a_folder_fails),
        cmocka_unit_test(test_load_refuses_a_file_over_16_mib_and_reads_one_at_the_limit),
    };

    if (argc == 3 && strcmp(argv[1], "--write-sample") == 0)
        return write_samples(argv[2]);
    if (argc != 1) {
        fprintf(stderr, "usage: %s [--write-sample DIR]\n", argv[0]);
        return 2;
    }
    return cmocka_run_group_tests(tests, make_tmp_root, remove_tmp_root);
}
