/* The checklist: the model and its journal (found order, check runs, actions, the
 * inference of what was done outside the tool), its JSON text (version 2, and version 1
 * migrated on load): round trips, every load error with its path, the servers' positions,
 * text limits, times, and atomic saving.
 *
 * Run with "--write-sample DIR" it writes DIR/full.json (every part of the journal set) and
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

#include "case_fixture.h"
#include "checklist.h"
#include "checklist_json.h"
#include "rules.h"

#define T0 ((time_t)1795608000) /* 2026-11-25T12:00:00Z */
#define ISP "198.51.100.53"
#define LOCAL "172.16.8.5:5353"

static char tmp_root[PATH_MAX];

/* ---- fixtures ----------------------------------------------------------------------- */

static void set_host(struct cl_host *h, const char *name, const char *fqdn, const char *ip)
{
    snprintf(h->name, sizeof h->name, "%s", name);
    snprintf(h->fqdn, sizeof h->fqdn, "%s", fqdn);
    snprintf(h->ip, sizeof h->ip, "%s", ip);
}

static void who_is(struct cl_who *w, time_t at, const char *op, const char *ticket)
{
    memset(w, 0, sizeof *w);
    w->at = at;
    snprintf(w->operator_name, sizeof w->operator_name, "%s", op);
    snprintf(w->ticket, sizeof w->ticket, "%s", ticket);
}

static void set_step(struct checklist *cl, enum step_id id, enum step_status status, time_t at,
                     const char *notes)
{
    cl->steps[id].status = status;
    who_is(&cl->steps[id].done, at, at ? "Zoë Müller (ops)" : "", at ? "INC-4058" : "");
    snprintf(cl->steps[id].notes, sizeof cl->steps[id].notes, "%s", notes);
}

static void add_order(struct checklist *cl, const char *csv, enum cl_action_status st, time_t at,
                      const char *op)
{
    struct cl_action a;

    cl_action_init(&a);
    a.kind = ACTION_REORDER;
    a.status = st;
    who_is(&a.who, at, op, "INC-4058");
    fx_servers(&a.order, csv);
    a.check = cl->n_runs - 1;
    assert_int_equal(checklist_add_action(cl, &a), CD_OK);
    cl_action_fini(&a);
}

static void add_record_action(struct checklist *cl, enum cl_action_kind kind,
                              enum cl_action_status st, const char *server, int h,
                              const char *message)
{
    struct cl_action a;
    struct cd_diag d;

    cl_action_init(&a);
    a.kind = kind;
    a.status = st;
    who_is(&a.who, T0 + 300, "A. Dupont", "INC-4059");
    assert_int_equal(servers_parse_one(server, &a.server, &d), CD_OK);
    a.host = (enum records_host)h;
    a.type = PROBE_A;
    snprintf(a.name, sizeof a.name, "%s", h ? "cluster1.fabrikam.local" : "exsrv.fabrikam.local");
    snprintf(a.value, sizeof a.value, "%s", h ? "172.16.8.30" : "172.16.8.31");
    a.check = cl->n_runs - 1;
    snprintf(a.message, sizeof a.message, "%s", message);
    assert_int_equal(checklist_add_action(cl, &a), CD_OK);
    cl_action_fini(&a);
}

/* Every part away from its default, so that one lost on the way fails the test: the KB's
 * story with two operators. */
static void fill_full(struct checklist *cl)
{
    static const enum fx_kind first[] = {FX_INTERNET, FX_LOCAL, FX_SILENT};
    static const enum fx_kind second[] = {FX_LOCAL_FULL, FX_INTERNET, FX_SILENT};
    struct server_list l;
    struct cl_who who;
    struct cl_lookup look[2];

    checklist_init(cl);
    snprintf(cl->tool_version, sizeof cl->tool_version, "0.0.7");
    cl->created = T0;
    cl->updated = T0 + 1807;
    snprintf(cl->operator_name, sizeof cl->operator_name, "Zoë Müller (ops)");
    snprintf(cl->ticket, sizeof cl->ticket, "INC-4058");
    snprintf(cl->group, sizeof cl->group, "Exchange Group");
    cl->symptoms.setup_hangs = TRI_YES;
    cl->symptoms.overlapped_io = TRI_NO;
    cl->symptoms.event_4058 = TRI_YES;

    fx_servers(&l, ISP "," LOCAL ",[2001:db8::53]:53");
    snprintf(l.v[0].source, sizeof l.v[0].source, "Local Area Connection");
    snprintf(l.v[1].source, sizeof l.v[1].source, "Wi-Fi");
    who_is(&who, T0 + 30, "Zoë Müller (ops)", "INC-4058");
    assert_int_equal(checklist_set_found(cl, &l, &who), CD_OK);
    server_list_fini(&l);
    fx_run(cl, ISP "," LOCAL ",[2001:db8::53]:53", first, T0 + 100, "Zoë Müller (ops)");
    add_order(cl, LOCAL "," ISP ",[2001:db8::53]:53", ACTION_PLANNED, T0 + 200, "Zoë Müller (ops)");
    add_record_action(cl, ACTION_ADD_RECORD, ACTION_FAILED, LOCAL, HOST_CLUSTER,
                      "172.16.8.5:5353: nsupdate: update failed: REFUSED");
    fx_run(cl, LOCAL "," ISP ",[2001:db8::53]:53", second, T0 + 400, "A. Dupont");
    add_order(cl, LOCAL "," ISP ",[2001:db8::53]:53", ACTION_CONFIRMED, T0 + 500, "A. Dupont");
    /* the set-up scrambled the case's names: set them apart from the runs' */
    set_host(&cl->exchange, "EXSRV", "exsrv.fabrikam.local", "172.16.8.31");
    set_host(&cl->cluster, "CLUSTER1", "", "172.16.8.300");

    memset(look, 0, sizeof look);
    who_is(&look[0].who, T0 + 40, "Zoë Müller (ops)", "INC-4058");
    look[1].who = look[0].who;
    fx_servers(&l, ISP "," LOCAL);
    look[0].server = l.v[0];
    look[1].server = l.v[1];
    server_list_fini(&l);
    look[0].answer.qtype = look[1].answer.qtype = PROBE_A;
    snprintf(look[0].answer.qname, sizeof look[0].answer.qname, "exsrv.fabrikam.local");
    snprintf(look[1].answer.qname, sizeof look[1].answer.qname, "exsrv.fabrikam.local");
    look[0].answer.outcome = PROBE_NXDOMAIN;
    look[1].answer.outcome = PROBE_ANSWER;
    look[1].answer.n_addrs = 1;
    look[1].answer.addrs[0] = checklist_last_check(cl)->answers[0][QUERY_EXCHANGE].addrs[0];
    assert_int_equal(checklist_set_lookups(cl, look, 2), CD_OK);

    set_step(cl, STEP_SYMPTOMS, STEP_DONE, T0 + 60,
             "Setup hung at \"Starting services\".\n\tEvent 4058 logged.");
    set_step(cl, STEP_GROUP, STEP_DONE, T0 + 120, "Exchange Group");
    set_step(cl, STEP_NAMES, STEP_DONE, T0 + 180, "");
    set_step(cl, STEP_DNS_ORDER, STEP_FAILED, T0 + 240, "ISP server first");
    set_step(cl, STEP_HOST_RECORDS, STEP_SKIPPED, 0, "to do on Monday");
    set_step(cl, STEP_SUMMARY, STEP_PENDING, 0, "");
}

static void assert_host_equal(const struct cl_host *a, const struct cl_host *b)
{
    assert_string_equal(a->name, b->name);
    assert_string_equal(a->fqdn, b->fqdn);
    assert_string_equal(a->ip, b->ip);
}

static void assert_who_equal(const struct cl_who *a, const struct cl_who *b)
{
    assert_int_equal(a->at, b->at);
    assert_string_equal(a->operator_name, b->operator_name);
    assert_string_equal(a->ticket, b->ticket);
}

static void assert_servers_equal(const struct server_list *a, const struct server_list *b)
{
    assert_int_equal(a->n, b->n);
    assert_true(server_list_equal(a, b));
    for (size_t i = 0; i < a->n; i++)
        assert_string_equal(a->v[i].source, b->v[i].source);
}

static void assert_answer_equal(const struct probe_answer *a, const struct probe_answer *b,
                                bool soa)
{
    assert_int_equal(a->qtype, b->qtype);
    assert_string_equal(a->qname, b->qname);
    assert_int_equal(a->outcome, b->outcome);
    assert_int_equal(a->n_addrs, b->n_addrs);
    for (size_t k = 0; k < a->n_addrs; k++)
        assert_true(names_ip_equal(&a->addrs[k], &b->addrs[k]));
    if (soa || a->qtype == PROBE_PTR)
        assert_string_equal(a->target, b->target);
    if (soa) {
        assert_int_equal(a->authoritative, b->authoritative);
        assert_true(a->rtt_ms == b->rtt_ms || (a->rtt_ms < 0 && b->rtt_ms < 0));
    }
}

static void assert_run_equal(const struct cl_run *a, const struct cl_run *b)
{
    assert_who_equal(&a->who, &b->who);
    assert_true(records_target_equal(&a->target, &b->target));
    assert_servers_equal(&a->servers, &b->servers);
    for (size_t i = 0; i < a->servers.n; i++)
        for (int q = 0; q < QUERY_COUNT; q++)
            assert_answer_equal(&a->answers[i][q], &b->answers[i][q], q == QUERY_SOA);
    assert_int_equal(a->eval.verdict, b->eval.verdict);
    for (size_t i = 0; i < a->servers.n; i++) {
        assert_int_equal(a->eval.server[i].role, b->eval.server[i].role);
        assert_int_equal(a->eval.recommended[i], b->eval.recommended[i]);
    }
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
    for (size_t i = 0; i < STEP_COUNT; i++) {
        assert_int_equal(a->steps[i].status, b->steps[i].status);
        assert_who_equal(&a->steps[i].done, &b->steps[i].done);
        assert_string_equal(a->steps[i].notes, b->steps[i].notes);
    }
    assert_who_equal(&a->found_who, &b->found_who);
    assert_servers_equal(&a->found, &b->found);
    assert_int_equal(a->n_runs, b->n_runs);
    for (size_t m = 0; m < a->n_runs; m++)
        assert_run_equal(&a->runs[m], &b->runs[m]);
    assert_int_equal(a->n_actions, b->n_actions);
    for (size_t i = 0; i < a->n_actions; i++) {
        const struct cl_action *x = &a->actions[i], *y = &b->actions[i];

        assert_int_equal(x->kind, y->kind);
        assert_int_equal(x->status, y->status);
        assert_who_equal(&x->who, &y->who);
        assert_servers_equal(&x->order, &y->order);
        assert_int_equal(x->check, y->check);
        assert_int_equal(x->since, y->since);
        assert_string_equal(x->message, y->message);
        if (x->kind == ACTION_REORDER)
            continue;
        assert_true(server_same(&x->server, &y->server));
        assert_int_equal(x->host, y->host);
        assert_int_equal(x->type, y->type);
        assert_string_equal(x->name, y->name);
        assert_string_equal(x->value, y->value);
    }
    assert_int_equal(a->n_lookups, b->n_lookups);
    for (size_t i = 0; i < a->n_lookups; i++) {
        assert_who_equal(&a->lookups[i].who, &b->lookups[i].who);
        assert_true(server_same(&a->lookups[i].server, &b->lookups[i].server));
        assert_answer_equal(&a->lookups[i].answer, &b->lookups[i].answer, false);
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
    assert_null(cl->runs);
    assert_null(cl->actions);
    assert_null(cl->lookups);
    assert_int_equal(cl->found.n, 0);
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

    assert_int_equal(checklist_to_json(cl, &text, NULL), CD_OK);
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

/* ---- the model and its journal ------------------------------------------------------ */

static void test_init_is_an_empty_case_with_every_step_pending(void **state)
{
    struct checklist cl;
    time_t before = time(NULL);

    (void)state;
    checklist_init(&cl);
    assert_string_equal(cl.tool_version, PACKAGE_VERSION);
    assert_true(cl.created >= before && cl.created <= time(NULL));
    assert_int_equal(cl.updated, cl.created);
    assert_null(checklist_last_check(&cl));
    assert_null(checklist_servers(&cl));
    assert_null(checklist_node_order(&cl));
    assert_null(checklist_planned_order(&cl));
    for (size_t i = 0; i < STEP_COUNT; i++) {
        assert_int_equal(cl.steps[i].status, STEP_PENDING);
        assert_int_equal(cl.steps[i].done.at, 0);
    }
    assert_int_equal(cl.symptoms.setup_hangs, TRI_UNKNOWN);
    checklist_fini(&cl);
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

static void note(struct checklist *cl, const char *csv, bool from_node)
{
    struct server_list l;
    struct cl_who who;

    who_is(&who, T0, "J. Martin", "INC-4711");
    fx_servers(&l, csv);
    assert_int_equal(checklist_note_servers(cl, &l, from_node, &who), CD_OK);
    server_list_fini(&l);
}

/* The servers a check asks are the node's order as found the first time they are given for
 * it, a reorder planned when they change, nothing new when they do not; this host's
 * resolver, never given for the node, is no order found. */
static void test_servers_noted_are_the_order_found_then_a_plan(void **state)
{
    struct checklist cl;
    struct cl_who who;
    struct cd_diag d;

    (void)state;
    checklist_init(&cl);
    note(&cl, "127.0.0.53", false);
    assert_null(checklist_node_order(&cl));
    assert_int_equal(cl.n_actions, 0);
    note(&cl, ISP "," LOCAL, true);
    assert_true(order_is(checklist_node_order(&cl), ISP "," LOCAL));
    assert_string_equal(cl.found_who.operator_name, "J. Martin");
    assert_int_equal(cl.n_actions, 0);
    note(&cl, ISP "," LOCAL, true);
    assert_int_equal(cl.n_actions, 0);
    assert_null(checklist_planned_order(&cl));
    note(&cl, LOCAL "," ISP, true);
    assert_int_equal(cl.n_actions, 1);
    assert_int_equal(cl.actions[0].kind, ACTION_REORDER);
    assert_int_equal(cl.actions[0].status, ACTION_PLANNED);
    assert_true(order_is(checklist_planned_order(&cl), LOCAL "," ISP));
    assert_true(order_is(checklist_servers(&cl), LOCAL "," ISP));
    assert_true(order_is(checklist_node_order(&cl), ISP "," LOCAL)); /* the node: unchanged */

    who_is(&who, T0 + 9, "A. Dupont", "INC-4712");
    assert_int_equal(checklist_confirm_order(&cl, &who, &d), CD_OK);
    assert_int_equal(cl.actions[1].status, ACTION_CONFIRMED);
    assert_string_equal(cl.actions[1].who.operator_name, "A. Dupont");
    assert_true(order_is(checklist_node_order(&cl), LOCAL "," ISP));
    assert_null(checklist_planned_order(&cl));
    assert_int_equal(checklist_confirm_order(&cl, &who, &d), CD_EINVAL);
    assert_non_null(strstr(message(&d), "nothing to confirm"));
    /* A plan back to the node's own order leaves nothing planned. */
    note(&cl, ISP "," LOCAL, true);
    note(&cl, LOCAL "," ISP, true);
    assert_null(checklist_planned_order(&cl));
    checklist_fini(&cl);
}

/* A record missing in one check and right in the next, the tool having applied nothing
 * there in between, was added outside the tool; compared with the last check of the same
 * names only. */
static void test_a_check_shows_what_was_done_outside_the_tool(void **state)
{
    static const enum fx_kind empty[] = {FX_INTERNET, FX_LOCAL};
    static const enum fx_kind full[] = {FX_INTERNET, FX_LOCAL_FULL};
    static const enum fx_kind wrong[] = {FX_INTERNET, FX_LOCAL_WRONG};
    struct checklist cl;

    (void)state;
    checklist_init(&cl);
    fx_run(&cl, ISP "," LOCAL, empty, T0, "J. Martin");
    assert_int_equal(cl.n_actions, 0);
    fx_run(&cl, ISP "," LOCAL, wrong, T0 + 10, "J. Martin");
    /* the Exchange record appeared; the cluster's is there but wrong: not done */
    assert_int_equal(cl.n_actions, 1);
    assert_int_equal(cl.actions[0].kind, ACTION_ADD_RECORD);
    assert_int_equal(cl.actions[0].status, ACTION_SEEN_DONE);
    assert_int_equal(cl.actions[0].host, HOST_EXCHANGE);
    assert_int_equal(cl.actions[0].since, 0);
    assert_int_equal(cl.actions[0].check, 1);
    assert_string_equal(cl.actions[0].name, "exsrv.fabrikam.local");
    assert_true(order_is(&(struct server_list){&cl.actions[0].server, 1, 1}, LOCAL));
    assert_int_equal(cl.actions[0].who.at, T0 + 10);
    fx_run(&cl, ISP "," LOCAL, full, T0 + 20, "J. Martin");
    assert_int_equal(cl.n_actions, 2);
    assert_int_equal(cl.actions[1].kind, ACTION_FIX_RECORD); /* corrected outside */
    assert_int_equal(cl.actions[1].host, HOST_CLUSTER);

    /* the previous run is replaced (the wizard's provisional run): what it alone showed
     * goes with it */
    checklist_drop_last_check(&cl);
    assert_int_equal(cl.n_runs, 2);
    assert_int_equal(cl.n_actions, 1);
    checklist_fini(&cl);
}

static void test_what_the_tool_applied_is_not_seen_done_outside(void **state)
{
    static const enum fx_kind empty[] = {FX_INTERNET, FX_LOCAL};
    static const enum fx_kind full[] = {FX_INTERNET, FX_LOCAL_FULL};
    struct checklist cl;
    struct cl_action a;
    struct cd_diag d;

    (void)state;
    checklist_init(&cl);
    fx_run(&cl, ISP "," LOCAL, empty, T0, NULL);
    cl_action_init(&a);
    a.kind = ACTION_ADD_RECORD;
    a.status = ACTION_APPLIED;
    a.host = HOST_EXCHANGE;
    a.check = 0;
    assert_int_equal(servers_parse_one(LOCAL, &a.server, &d), CD_OK);
    assert_int_equal(checklist_add_action(&cl, &a), CD_OK);
    cl_action_fini(&a);
    fx_run(&cl, ISP "," LOCAL, full, T0 + 10, NULL);
    assert_int_equal(cl.n_actions, 2); /* the cluster's record only */
    assert_int_equal(cl.actions[1].status, ACTION_SEEN_DONE);
    assert_int_equal(cl.actions[1].host, HOST_CLUSTER);
    checklist_fini(&cl);
}

static void test_the_journal_refuses_entries_past_its_limits(void **state)
{
    static const enum fx_kind one[] = {FX_LOCAL_FULL};
    struct checklist cl;
    struct cl_action a;
    struct records_target t;
    struct server_list l;
    struct probe_answer ans[1][QUERY_COUNT];
    struct cl_who who = {.at = T0};

    (void)state;
    checklist_init(&cl);
    fx_target(&t);
    fx_servers(&l, LOCAL);
    fx_answers(&t, one[0], ans[0]);
    for (size_t m = 0; m < CHECKLIST_RUNS_MAX; m++)
        assert_int_equal(checklist_put_run(&cl, &t, &l, (const struct probe_answer(*)[QUERY_COUNT])ans,
                                           &who),
                         (int)m);
    assert_int_equal(checklist_add_check(&cl, &t, &l, (const struct probe_answer(*)[QUERY_COUNT])ans,
                                         &who),
                     CD_EINVAL);
    server_list_fini(&l);
    cl_action_init(&a);
    a.kind = ACTION_REORDER;
    for (size_t i = 0; i < CHECKLIST_ITEMS_MAX; i++)
        assert_int_equal(checklist_add_action(&cl, &a), CD_OK);
    assert_int_equal(checklist_add_action(&cl, &a), CD_EINVAL);
    /* what the model holds at its limits is a file that loads */
    {
        char *text = to_text(&cl);
        struct checklist back;
        struct cd_diag d;

        checklist_init(&back);
        assert_int_equal(from_text(text, &back, &d), CD_OK);
        assert_int_equal(back.n_runs, CHECKLIST_RUNS_MAX);
        assert_int_equal(back.n_actions, CHECKLIST_ITEMS_MAX);
        checklist_fini(&back);
        free(text);
    }
    checklist_fini(&cl);
}

/* The steps a check proves are completed by the rules, by who. */
static void test_finishing_a_step_follows_the_rules(void **state)
{
    static const enum fx_kind isp_full[] = {FX_INTERNET, FX_LOCAL_FULL};
    struct checklist cl;
    struct cl_who who;

    (void)state;
    checklist_init(&cl);
    who_is(&who, T0, "J. Martin", "INC-4711");
    checklist_finish_step(&cl, STEP_HOST_RECORDS, &who);
    assert_int_equal(cl.steps[STEP_HOST_RECORDS].status, STEP_PENDING); /* no check yet */
    assert_int_equal(cl.steps[STEP_HOST_RECORDS].done.at, 0);
    fx_run(&cl, ISP "," LOCAL, isp_full, T0, NULL);
    checklist_finish_step(&cl, STEP_HOST_RECORDS, &who);
    checklist_finish_step(&cl, STEP_DNS_ORDER, &who);
    checklist_finish_step(&cl, STEP_GROUP, &who);
    assert_int_equal(cl.steps[STEP_HOST_RECORDS].status, STEP_DONE);
    assert_int_equal(cl.steps[STEP_DNS_ORDER].status, STEP_FAILED);
    assert_int_equal(cl.steps[STEP_GROUP].status, STEP_DONE);
    assert_string_equal(cl.steps[STEP_GROUP].done.operator_name, "J. Martin");
    assert_int_equal(cl.steps[STEP_GROUP].done.at, T0);
    checklist_fini(&cl);
}

/* ---- round trips ---------------------------------------------------------------------- */

static void test_full_checklist_survives_round_trip(void **state)
{
    struct checklist cl, back;
    struct cd_diag d;
    char *text, *again;

    (void)state;
    fill_full(&cl);
    assert_int_equal(cl.n_runs, 2);
    assert_int_equal(cl.n_actions, 5); /* planned, failed, two seen done, confirmed */
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
    assert_empty(&back);
    assert_true(strstr(text, "\"completed_at\":\tnull") != NULL);
    assert_true(strstr(text, "\"setup_hangs\":\tnull") != NULL);
    assert_true(strstr(text, "\"order_found\":\tnull") != NULL);
    free(text);
    checklist_fini(&back);
    checklist_fini(&cl);
}

static void test_keys_are_written_in_the_documented_order(void **state)
{
    static const char *const keys[] = {"\"schema\":\t\"clusterdns-checklist/2\"",
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
                                       "\"steps\":",
                                       "\"id\":\t\"symptoms\"",
                                       "\"status\":\t\"done\"",
                                       "\"completed_at\":\t\"2026-11-25T12:01:00Z\"",
                                       "\"operator\":",
                                       "\"notes\":",
                                       "\"id\":\t\"summary\"",
                                       "\"order_found\":",
                                       "\"at\":\t\"2026-11-25T12:00:30Z\"",
                                       "\"servers\":",
                                       "\"address\":",
                                       "\"port\":",
                                       "\"position\":",
                                       "\"source\":\t\"Local Area Connection\"",
                                       "\"dns_servers\":",
                                       "\"checks\":",
                                       "\"at\":\t\"2026-11-25T12:01:40Z\"",
                                       "\"zone\":\t\"fabrikam.local\"",
                                       "\"servers\":",
                                       "\"zone_reply\":\t\"nxdomain\"",
                                       "\"authoritative\":",
                                       "\"rtt_ms\":",
                                       "\"zone_primary\":",
                                       "\"role\":\t\"internet\"",
                                       "\"reachable\":",
                                       "\"records\":",
                                       "\"server\":",
                                       "\"host\":\t\"exchange\"",
                                       "\"type\":\t\"A\"",
                                       "\"name\":",
                                       "\"expected\":",
                                       "\"observed\":",
                                       "\"outcome\":",
                                       "\"status\":\t\"missing\"",
                                       "\"verdict\":\t\"fail\"",
                                       "\"findings\":",
                                       "\"recommended_order\":",
                                       "\"actions\":",
                                       "\"kind\":\t\"reorder\"",
                                       "\"status\":\t\"planned\"",
                                       "\"order\":",
                                       "\"check\":\t0",
                                       "\"since_check\":\tnull",
                                       "\"message\":",
                                       "\"status\":\t\"seen_done\"",
                                       "\"since_check\":\t0",
                                       "\"lookups\":"};
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
    assert_true(strstr(text, "\"rtt_ms\":\tnull") != NULL); /* a silent server's is unknown */
    assert_true(strstr(text, "\"address\":\t\"2001:db8::53\"") != NULL);
    assert_true(strstr(text, "\"server\":\t\"172.16.8.5:5353\"") != NULL);
    free(text);
    checklist_fini(&cl);
}

#define IDENT "\"schema\":\"clusterdns-checklist/2\",\"kb\":\"Q263029\""
#define IDENT1 "\"schema\":\"clusterdns-checklist/1\",\"kb\":\"Q263029\""
#define TIMES ",\"created\":\"2026-11-25T12:00:00Z\",\"updated\":\"2026-11-25T12:30:00Z\""
#define DOC(x) "{" IDENT TIMES x ",\"steps\":[]}"
#define STEPS(x) "{" IDENT TIMES ",\"steps\":[" x "]}"
#define NAMES                                                                                      \
    "\"zone\":\"fabrikam.local\",\"exchange\":{\"name\":\"EXSRV\",\"ip\":\"172.16.8.31\"},"        \
    "\"cluster\":{\"name\":\"CLUSTER1\",\"ip\":\"172.16.8.30\"}"
#define RUN(x) DOC(",\"checks\":[{\"at\":\"2026-11-25T12:10:00Z\"," NAMES x "}]")

static void test_minimal_hand_written_file_loads_with_defaults(void **state)
{
    static const char json[] = "{\"schema\": \"clusterdns-checklist/2\", \"kb\": \"Q263029\",\n"
                               " \"created\": \"2026-11-25T12:00:00Z\",\n"
                               " \"updated\": \"2026-11-25T12:00:00Z\", \"steps\": [],\n"
                               " \"order_found\": {\"servers\": [{\"address\": \"192.0.2.53\"},"
                               " {\"address\": \"192.0.2.54\", \"port\": 5353}]},\n"
                               " \"checks\": [{" NAMES ", \"servers\": [{\"address\": \"192.0.2.53\"}],"
                               " \"records\": [{\"server\": \"192.0.2.53\", \"host\": \"cluster\"}]}],\n"
                               " \"actions\": [{\"kind\": \"reorder\"}]}";
    struct checklist cl;
    struct cd_diag d;

    (void)state;
    checklist_init(&cl);
    if (from_text(json, &cl, &d) != CD_OK)
        fail_msg("%s (%s)", message(&d), d.where);
    assert_int_equal(cl.created, T0);
    assert_string_equal(cl.tool_version, ""); /* unknown, not this version */
    assert_true(order_is(checklist_node_order(&cl), "192.0.2.53,192.0.2.54:5353"));
    assert_int_equal(cl.found_who.at, T0); /* when: the case's creation */
    assert_int_equal(cl.n_runs, 1);
    assert_int_equal(cl.runs[0].answers[0][QUERY_CLUSTER].outcome, PROBE_PENDING);
    assert_int_equal(cl.runs[0].eval.verdict, VERDICT_INCOMPLETE);
    assert_int_equal(cl.n_actions, 1);
    assert_int_equal(cl.actions[0].status, ACTION_PLANNED);
    assert_int_equal(cl.actions[0].check, CHECKLIST_NONE);
    for (size_t i = 0; i < STEP_COUNT; i++)
        assert_int_equal(cl.steps[i].status, STEP_PENDING);
    checklist_fini(&cl);
}

static void test_unknown_keys_are_ignored(void **state)
{
    static const char json[] =
        "{\"schema\": \"clusterdns-checklist/2\", \"kb\": \"Q263029\", \"future\": {\"x\": [1]},"
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
        "{\"schema\": \"clusterdns-checklist/2\", \"kb\": \"Q263029\","
        " \"created\": \"2026-11-25T12:00:00Z\", \"updated\": \"2026-11-25T12:00:00Z\","
        " \"steps\": [{\"id\": \"summary\", \"status\": \"skipped\"},"
        " {\"id\": \"symptoms\", \"status\": \"done\", \"completed_at\": "
        "\"2026-11-25T12:01:00Z\", \"operator\": \"J. Martin\"}]}";
    struct checklist cl;
    struct cd_diag d;

    (void)state;
    checklist_init(&cl);
    assert_int_equal(from_text(json, &cl, &d), CD_OK);
    assert_int_equal(cl.steps[STEP_SUMMARY].status, STEP_SKIPPED);
    assert_int_equal(cl.steps[STEP_SYMPTOMS].status, STEP_DONE);
    assert_int_equal(cl.steps[STEP_SYMPTOMS].done.at, T0 + 60);
    assert_string_equal(cl.steps[STEP_SYMPTOMS].done.operator_name, "J. Martin");
    assert_int_equal(cl.steps[STEP_GROUP].status, STEP_PENDING);
    checklist_fini(&cl);
}

/* ---- version 1 ---------------------------------------------------------------------------- */

/* What clusterdns 0.1 wrote: one check at the top, the actions in "remediation". */
static const char v1_doc[] =
    "{\"schema\": \"clusterdns-checklist/1\", \"kb\": \"Q263029\", \"tool_version\": \"0.1.0\",\n"
    " \"created\": \"2026-11-25T12:00:00Z\", \"updated\": \"2026-11-25T12:30:00Z\",\n"
    " \"operator\": \"J. Martin\", \"ticket\": \"INC-4711\", \"group\": \"Exchange Group\",\n"
    " " NAMES ",\n"
    " \"dns_servers\": [\n"
    "  {\"address\": \"172.16.8.5\", \"port\": 53, \"position\": 2, \"role\": \"local\",\n"
    "   \"reachable\": true, \"rtt_ms\": 0.9, \"authoritative\": true, \"source\": \"LAN\"},\n"
    "  {\"address\": \"198.51.100.53\", \"port\": 53, \"position\": 1, \"role\": \"internet\",\n"
    "   \"reachable\": true, \"rtt_ms\": 41.8, \"authoritative\": false, \"source\": \"LAN\"}],\n"
    " \"recommended_order\": [\"172.16.8.5\", \"198.51.100.53\"],\n"
    " \"records\": [\n"
    "  {\"server\": \"198.51.100.53\", \"name\": \"exsrv.fabrikam.local\", \"type\": \"A\",\n"
    "   \"expected\": \"172.16.8.31\", \"observed\": [], \"status\": \"missing\",\n"
    "   \"outcome\": \"nxdomain\"},\n"
    "  {\"server\": \"198.51.100.53\", \"name\": \"cluster1.fabrikam.local\", \"type\": \"A\",\n"
    "   \"expected\": \"172.16.8.30\", \"observed\": [], \"status\": \"missing\",\n"
    "   \"outcome\": \"nxdomain\"},\n"
    "  {\"server\": \"172.16.8.5\", \"name\": \"exsrv.fabrikam.local\", \"type\": \"A\",\n"
    "   \"expected\": \"172.16.8.31\", \"observed\": [\"172.16.8.31\"], \"status\": \"ok\",\n"
    "   \"outcome\": \"answer\"},\n"
    "  {\"server\": \"172.16.8.5\", \"name\": \"cluster1.fabrikam.local\", \"type\": \"A\",\n"
    "   \"expected\": \"172.16.8.30\", \"observed\": [], \"status\": \"missing\",\n"
    "   \"outcome\": \"nxdomain\"},\n"
    "  {\"server\": \"172.16.8.5\", \"name\": \"31.8.16.172.in-addr.arpa\", \"type\": \"PTR\",\n"
    "   \"expected\": \"exsrv.fabrikam.local\", \"observed\": [\"exsrv.fabrikam.local.\"],\n"
    "   \"status\": \"ok\", \"outcome\": \"answer\"}],\n"
    " \"verdict\": {\"status\": \"fail\", \"findings\": [\"words of the time\"]},\n"
    " \"steps\": [{\"id\": \"names\", \"status\": \"done\",\n"
    "   \"completed_at\": \"2026-11-25T12:05:00Z\", \"notes\": \"\"}],\n"
    " \"remediation\": [\n"
    "  {\"kind\": \"add_record\", \"server\": \"172.16.8.5\", \"name\": \"exsrv.fabrikam.local\",\n"
    "   \"type\": \"A\", \"value\": \"172.16.8.31\", \"status\": \"applied\",\n"
    "   \"applied_at\": \"2026-11-25T12:20:00Z\"},\n"
    "  {\"kind\": \"add_record\", \"server\": \"172.16.8.5\",\n"
    "   \"name\": \"cluster1.fabrikam.local\", \"type\": \"A\", \"value\": \"172.16.8.30\",\n"
    "   \"status\": \"todo\", \"applied_at\": null},\n"
    "  {\"kind\": \"reorder\", \"server\": \"\", \"name\": \"\", \"type\": \"\",\n"
    "   \"value\": \"172.16.8.5,198.51.100.53\", \"status\": \"todo\", \"applied_at\": null}]}\n";

/* A /1 file loads, migrated: its servers (in position order) are the order found, its
 * check one run (its answers rebuilt from what it kept, judged again), what it applied an
 * action; what it still had to do is the rules' to work out again. Only a save writes it,
 * as version 2. */
static void test_a_version_1_file_loads_migrated(void **state)
{
    struct checklist cl, back;
    struct cd_diag d;
    const struct cl_run *run;
    char *text;

    (void)state;
    checklist_init(&cl);
    if (from_text(v1_doc, &cl, &d) != CD_OK)
        fail_msg("%s (%s)", message(&d), d.where);
    assert_string_equal(cl.operator_name, "J. Martin");
    assert_true(order_is(checklist_node_order(&cl), "198.51.100.53,172.16.8.5"));
    assert_int_equal(cl.found_who.at, T0);
    assert_string_equal(cl.found_who.operator_name, "J. Martin");
    assert_string_equal(cl.found.v[1].source, "LAN");
    assert_int_equal(cl.n_runs, 1);
    run = &cl.runs[0];
    assert_int_equal(run->who.at, T0 + 1800);
    assert_string_equal(run->who.ticket, "INC-4711");
    assert_int_equal(run->eval.verdict, VERDICT_FAIL);
    assert_int_equal(run->eval.server[0].role, ROLE_INTERNET);
    assert_int_equal(run->eval.server[1].role, ROLE_LOCAL);
    assert_true(run->eval.server[1].authoritative);
    assert_true(run->answers[1][QUERY_SOA].rtt_ms == 0.9);
    assert_int_equal(run->eval.server[1].status[QUERY_EXCHANGE], REC_OK);
    assert_int_equal(run->eval.server[1].status[QUERY_CLUSTER], REC_MISSING);
    assert_int_equal(run->eval.server[1].status[QUERY_EXCHANGE_PTR], REC_OK);
    assert_int_equal(run->eval.server[1].status[QUERY_CLUSTER_PTR], REC_PENDING); /* not kept */
    assert_int_equal(cl.n_actions, 1);
    assert_int_equal(cl.actions[0].status, ACTION_APPLIED);
    assert_int_equal(cl.actions[0].who.at, T0 + 1200);
    assert_int_equal(cl.actions[0].host, HOST_EXCHANGE);
    assert_int_equal(cl.actions[0].check, CHECKLIST_NONE); /* made before its one check */
    assert_int_equal(cl.steps[STEP_NAMES].status, STEP_DONE);
    assert_string_equal(cl.steps[STEP_NAMES].done.operator_name, "J. Martin");

    text = to_text(&cl);
    assert_non_null(strstr(text, "\"clusterdns-checklist/2\""));
    checklist_init(&back);
    assert_int_equal(from_text(text, &back, &d), CD_OK);
    assert_checklist_equal(&cl, &back);
    free(text);
    checklist_fini(&back);
    checklist_fini(&cl);
}

static void test_a_version_1_file_without_a_check_has_only_its_order(void **state)
{
    static const char json[] =
        "{" IDENT1 TIMES ",\"steps\":[],\"verdict\":{\"status\":\"unchecked\"},"
        "\"dns_servers\":[{\"address\":\"192.0.2.1\"},{\"address\":\"192.0.2.2\"}],"
        "\"remediation\":[{\"kind\":\"add_record\",\"status\":\"todo\"}]}";
    struct checklist cl;
    struct cd_diag d;

    (void)state;
    checklist_init(&cl);
    assert_int_equal(from_text(json, &cl, &d), CD_OK);
    assert_int_equal(cl.n_runs, 0);
    assert_int_equal(cl.n_actions, 0);
    assert_true(order_is(checklist_servers(&cl), "192.0.2.1,192.0.2.2"));
    checklist_fini(&cl);
}

/* A value /1 applied longer than an address fits is refused by its path, never cut. */
static void test_a_version_1_action_too_long_is_refused_by_path(void **state)
{
    static const char json[] =
        "{" IDENT1 TIMES ",\"steps\":[],\"remediation\":[{\"kind\":\"add_record\","
        "\"status\":\"applied\",\"server\":\"192.0.2.1\",\"name\":\"a.b\",\"type\":\"A\","
        "\"value\":\"192.0.2.10.192.0.2.10.192.0.2.10.192.0.2.10.192.0.2.10\"}]}";
    struct checklist cl;
    struct cd_diag d;

    (void)state;
    checklist_init(&cl);
    assert_int_equal(from_text(json, &cl, &d), CD_EFORMAT);
    assert_string_equal(d.where, "remediation[0].value");
    assert_non_null(strstr(message(&d), "too long"));
    assert_int_equal(cl.n_actions, 0);
    checklist_fini(&cl);
}

/* ---- the servers' positions ----------------------------------------------------------------- */

/* One rule for every list and every reader: by position, a gap closes up, equal positions
 * keep the list's order; nothing is dropped. */
static void test_positions_order_a_list_and_a_gap_closes_up(void **state)
{
    static const char *const docs[] = {
        DOC(",\"order_found\":{\"servers\":[{\"address\":\"192.0.2.1\",\"position\":1},"
            "{\"address\":\"192.0.2.7\",\"position\":7},{\"address\":\"192.0.2.2\",\"position\":2},"
            "{\"address\":\"192.0.2.3\",\"position\":3}]}"),
        "{" IDENT1 TIMES ",\"steps\":[],\"dns_servers\":[{\"address\":\"192.0.2.7\",\"position\":7},"
        "{\"address\":\"192.0.2.1\",\"position\":1},{\"address\":\"192.0.2.2\",\"position\":2},"
        "{\"address\":\"192.0.2.3\",\"position\":3}]}",
    };
    struct checklist cl;
    struct cd_diag d;

    (void)state;
    checklist_init(&cl);
    for (size_t i = 0; i < sizeof docs / sizeof *docs; i++) {
        assert_int_equal(from_text(docs[i], &cl, &d), CD_OK);
        if (!order_is(checklist_servers(&cl), "192.0.2.1,192.0.2.2,192.0.2.3,192.0.2.7"))
            fail_msg("document %zu: the order is not 1, 2, 3, 7", i);
    }
    assert_int_equal(
        from_text(DOC(",\"order_found\":{\"servers\":[{\"address\":\"192.0.2.9\",\"position\":2},"
                      "{\"address\":\"192.0.2.8\",\"position\":2},{\"address\":\"192.0.2.1\","
                      "\"position\":5}]}"),
                  &cl, &d),
        CD_OK);
    assert_true(order_is(checklist_servers(&cl), "192.0.2.9,192.0.2.8,192.0.2.1"));
    checklist_fini(&cl);
}

/* ---- load errors ---------------------------------------------------------------------- */

struct bad_case {
    const char *json;
    const char *where;
    const char *says; /* part of the formatted message */
};

static const struct bad_case bad_cases[] = {
    /* the text */
    {"", "", "is empty"},
    {" \n\t\r\n", "", "is empty"},
    {"{\"schema\": \"clusterdns-checklist/2\", \"kb\"", "",
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
    {"\"clusterdns-checklist/2\"", "", "not a JSON object"},
    /* the identity */
    {"{}", "schema", "schema is missing"},
    {"{\"schema\": 1}", "schema", "schema: expected a string"},
    {"{\"schema\": \"clusterdns-checklist/3\"}", "schema", "written by a newer clusterdns"},
    {"{\"schema\": \"clusterdns-checklist/10\"}", "schema", "newer clusterdns (unknown version)"},
    {"{\"schema\": \"clusterdns-checklist/0\"}", "schema", "is not a clusterdns checklist"},
    {"{\"schema\": \"clusterdns-checklist/2.1\"}", "schema", "is not a clusterdns checklist"},
    {"{\"schema\": \"https://json-schema.org/draft/2020-12/schema\"}", "schema",
     "is not a clusterdns checklist"},
    {"{\"schema\": \"evil\\u001b[2J\"}", "schema", "\"evil?[2J\" is not a clusterdns checklist"},
    {"{\"schema\": \"clusterdns-checklist/2\"}", "kb", "kb is missing"},
    {"{\"schema\": \"clusterdns-checklist/2\", \"kb\": \"Q263030\"}", "kb",
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
    {DOC(",\"order_found\":[]"), "order_found", "order_found: expected an object"},
    {DOC(",\"order_found\":{\"servers\":{}}"), "order_found.servers",
     "order_found.servers: expected an array"},
    {DOC(",\"order_found\":{\"servers\":[\"127.0.0.1\"]}"), "order_found.servers[0]",
     "order_found.servers[0]: expected an object"},
    {DOC(",\"order_found\":{\"servers\":[{}]}"), "order_found.servers[0].address",
     "order_found.servers[0].address is missing"},
    {DOC(",\"order_found\":{\"servers\":[{\"address\":\"192.0.2.1\"},{\"address\":\"192.0.2.2\","
         "\"port\":0}]}"),
     "order_found.servers[1].port", "order_found.servers[1].port: expected a whole number from 1 to 65535"},
    {DOC(",\"order_found\":{\"servers\":[{\"address\":\"192.0.2.1\",\"port\":65536}]}"),
     "order_found.servers[0].port", "from 1 to 65535"},
    {DOC(",\"order_found\":{\"servers\":[{\"address\":\"192.0.2.1\",\"port\":53.5}]}"),
     "order_found.servers[0].port", "from 1 to 65535"},
    {DOC(",\"order_found\":{\"servers\":[{\"address\":\"192.0.2.1\",\"position\":65}]}"),
     "order_found.servers[0].position", "from 1 to 64"},
    /* the --servers rules, on every list of servers */
    {DOC(",\"order_found\":{\"servers\":[{\"address\":\"0.0.0.0\"}]}"),
     "order_found.servers[0].address", "DNS server: "},
    {DOC(",\"order_found\":{\"servers\":[{\"address\":\"dns.fabrikam.local\"}]}"),
     "order_found.servers[0].address", "DNS server: "},
    {DOC(",\"order_found\":{\"servers\":[{\"address\":\"192.0.2.1\"},{\"address\":\"192.0.2.1\","
         "\"port\":53}]}"),
     "order_found.servers[1]", "the server 192.0.2.1 is listed twice in this list"},
    {DOC(",\"actions\":[{\"kind\":\"reorder\",\"order\":[{\"address\":\"224.0.0.1\"}]}]"),
     "actions[0].order[0].address", "DNS server: "},
    {DOC(",\"actions\":[{\"kind\":\"add_record\",\"server\":\"172.16.8.5 & calc\"}]"),
     "actions[0].server", "DNS server: "},
    {DOC(",\"actions\":[{\"kind\":\"add_record\"}]"), "actions[0].server",
     "actions[0].server is missing"},
    /* a check */
    {RUN(",\"servers\":[{\"address\":\"192.0.2.1\",\"rtt_ms\":-1}]"),
     "checks[0].servers[0].rtt_ms", "expected a number of milliseconds (0 or more) or null"},
    {RUN(",\"servers\":[{\"address\":\"192.0.2.1\",\"reachable\":\"true\"}]"),
     "checks[0].servers[0].reachable", "true, false or null"},
    {RUN(",\"servers\":[{\"address\":\"192.0.2.1\",\"role\":\"lan\"}]"),
     "checks[0].servers[0].role",
     "checks[0].servers[0].role: unknown value, expected one of \"unknown\", \"local\", \"internet\""},
    {RUN(",\"servers\":[{\"address\":\"192.0.2.1\",\"zone_reply\":\"lost\"}]"),
     "checks[0].servers[0].zone_reply",
     "\"pending\", \"answer\", \"nxdomain\", \"nodata\", \"refused\", \"servfail\", \"timeout\", "
     "\"connrefused\", \"malformed\", \"truncated\", \"failed\""},
    {RUN(",\"recommended_order\":[\"127.0.0.1\",53]"), "checks[0].recommended_order[1]",
     "expected a string"},
    {RUN(",\"verdict\":\"maybe\""), "checks[0].verdict",
     "expected one of \"incomplete\", \"pass\", \"fail\""},
    {RUN(",\"findings\":\"none\""), "checks[0].findings", "expected an array"},
    {RUN(",\"findings\":[\"ok\",\"\\u001b[31m\"]"), "checks[0].findings[1]",
     "control characters are not allowed"},
    {RUN(",\"servers\":[{\"address\":\"192.0.2.1\"}],\"records\":[{\"server\":\"192.0.2.2\","
         "\"host\":\"exchange\"}]"),
     "checks[0].records[0].server", "192.0.2.2 is not one of the servers this check asked"},
    {RUN(",\"servers\":[{\"address\":\"192.0.2.1\"}],\"records\":[{\"server\":\"192.0.2.1\","
         "\"host\":\"exchange\"},{\"server\":\"192.0.2.1\",\"host\":\"exchange\"}]"),
     "checks[0].records[1]", "this record of 192.0.2.1 is listed twice in this check"},
    {RUN(",\"servers\":[{\"address\":\"192.0.2.1\"}],\"records\":[{\"server\":\"192.0.2.1\"}]"),
     "checks[0].records[0].host", "checks[0].records[0].host is missing"},
    {RUN(",\"servers\":[{\"address\":\"192.0.2.1\"}],\"records\":[{\"server\":\"192.0.2.1\","
         "\"host\":\"exchange\",\"observed\":\"172.16.8.31\"}]"),
     "checks[0].records[0].observed", "checks[0].records[0].observed: expected an array"},
    {RUN(",\"servers\":[{\"address\":\"192.0.2.1\"}],\"records\":[{\"server\":\"192.0.2.1\","
         "\"host\":\"exchange\",\"observed\":[\"172.16.8.31;calc\"]}]"),
     "checks[0].records[0].observed[0]", "Record address: "},
    {RUN(",\"servers\":[{\"address\":\"192.0.2.1\"}],\"records\":[{\"server\":\"192.0.2.1\","
         "\"host\":\"cluster\",\"type\":\"MX\"}]"),
     "checks[0].records[0].type", "expected one of \"A\", \"AAAA\", \"PTR\""},
    {RUN(",\"servers\":[{\"address\":\"192.0.2.1\"}],\"records\":[{\"server\":\"192.0.2.1\","
         "\"host\":\"cluster\",\"status\":\"OK\"}]"),
     "checks[0].records[0].status",
     "expected one of \"pending\", \"ok\", \"missing\", \"wrong\", \"unanswered\""},
    /* a check's names follow the names step's rules */
    {DOC(",\"checks\":[{\"zone\":\"fabrikam.local\",\"exchange\":{\"name\":\"EX;SRV\","
         "\"ip\":\"172.16.8.31\"},\"cluster\":{\"name\":\"CLUSTER1\",\"ip\":\"172.16.8.30\"}}]"),
     "checks[0].exchange.name", "Exchange network name: "},
    {DOC(",\"checks\":[{\"zone\":\"fabrikam.local\",\"exchange\":{\"name\":\"EXSRV\","
         "\"ip\":\"172.16.8.31\"},\"cluster\":{\"name\":\"CLUSTER1\",\"ip\":\"172.16.8.31\"}}]"),
     "checks[0].cluster.ip", "to differ"},
    {DOC(",\"checks\":{}"), "checks", "checks: expected an array"},
    /* actions */
    {DOC(",\"actions\":[{\"kind\":\"reorder\"},{\"kind\":\"delete\"}]"), "actions[1].kind",
     "expected one of \"add_record\", \"fix_record\", \"reorder\""},
    {DOC(",\"actions\":[{\"kind\":\"reorder\",\"status\":\"todo\"}]"), "actions[0].status",
     "expected one of \"planned\", \"applied\", \"failed\", \"seen_done\", \"confirmed\""},
    {DOC(",\"actions\":[{\"kind\":\"add_record\",\"server\":\"192.0.2.1\",\"type\":\"PTR\"}]"),
     "actions[0].type", "expected one of \"A\", \"AAAA\""},
    {DOC(",\"actions\":[{\"kind\":\"reorder\",\"check\":0}]"), "actions[0].check",
     "expected null: there is no check before it"},
    /* steps */
    {STEPS("\"symptoms\""), "steps[0]", "steps[0]: expected an object"},
    {STEPS("{\"status\":\"done\"}"), "steps[0].id", "steps[0].id is missing"},
    {STEPS("{\"id\":3}"), "steps[0].id", "expected a string"},
    {STEPS("{\"id\":\"group\",\"completed_at\":\"yesterday\"}"), "steps[0].completed_at",
     "steps[0].completed_at: expected a UTC time like 2026-11-25T12:00:00Z, or null"},
    {STEPS("{\"id\":\"group\",\"notes\":[]}"), "steps[0].notes", "expected a string"},
    {STEPS("{\"id\":\"group\",\"status\":\"finished\"}"), "steps[0].status",
     "expected one of \"pending\", \"done\", \"skipped\", \"failed\""},
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
    {STEPS("{\"id\":\"group\",\"notes\":\"a\\rb\"}"), "steps[0].notes",
     "control characters other than new line and tab are not allowed"},
    {DOC(",\"group\":\"Exchange \xff Group\""), "group", "group: not valid UTF-8 text"},
    {DOC(",\"group\":\"\xc0\xaf\""), "group", "not valid UTF-8"},     /* overlong "/" */
    {DOC(",\"group\":\"\xed\xa0\x80\""), "group", "not valid UTF-8"}, /* a surrogate */
    {DOC(",\"group\":\"caf\xc3\""), "group", "not valid UTF-8"},      /* cut sequence */
    {DOC(",\"tool_version\":\"0123456789012345678901234567890x\""), "tool_version",
     "tool_version: too long, at most 31 bytes of UTF-8"},
    /* version 1 */
    {"{" IDENT1 TIMES ",\"steps\":[],\"dns_servers\":[{},{\"port\":0}]}", "dns_servers[0].address",
     "dns_servers[0].address is missing"},
    {"{" IDENT1 TIMES ",\"steps\":[],\"dns_servers\":[{\"address\":\"192.0.2.1\",\"port\":0}]}",
     "dns_servers[0].port", "from 1 to 65535"},
    {"{" IDENT1 TIMES ",\"steps\":[],\"verdict\":{\"status\":\"maybe\"}}", "verdict.status",
     "expected one of \"unchecked\", \"incomplete\", \"pass\", \"fail\""},
    {"{" IDENT1 TIMES ",\"steps\":[],\"remediation\":[{\"status\":\"done\"}]}",
     "remediation[0].status", "expected one of \"todo\", \"applied\", \"failed\""},
    {"{" IDENT1 TIMES ",\"steps\":[],\"verdict\":{\"status\":\"fail\"}," NAMES
     ",\"dns_servers\":[{\"address\":\"192.0.2.1\"}],\"records\":[{\"server\":\"192.0.2.1\","
     "\"name\":\"mail.fabrikam.local\"}]}",
     "records[0].name", "\"mail.fabrikam.local\" is neither the Exchange nor the cluster name"},
    {"{" IDENT1 TIMES ",\"steps\":[],\"verdict\":{\"status\":\"pass\"},\"zone\":\"fab..local\"}",
     "zone", "Zone: "},
    {"{" IDENT1 TIMES ",\"steps\":[],\"remediation\":[{\"kind\":\"add_record\",\"status\":"
     "\"applied\",\"server\":\"127.0.0.1 & calc\"}]}",
     "remediation[0].server", "DNS server: "},
};

static void test_each_load_error_names_its_path_and_leaves_checklist_empty(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof bad_cases / sizeof bad_cases[0]; i++) {
        const struct bad_case *c = &bad_cases[i];
        struct checklist cl;
        struct cd_diag d;
        char text[2048];
        int rc;

        if (!*c->where && !*c->says)
            continue;
        fill_full(&cl); /* what was there must go */
        diag_clear(&d);
        rc = from_text(c->json, &cl, &d);
        /* as the command line shows it: the path, then the field of a rule */
        diag_format_file(&d, "f.json", text, sizeof text);
        if (rc != CD_EFORMAT || strcmp(d.where, c->where) != 0 || !strstr(text, c->says) ||
            (d.field && !strstr(text, c->where)))
            fail_msg("case %zu: %s\n  got rc %d, where \"%s\": %s\n  wanted \"%s\": ...%s...", i,
                     c->json, rc, d.where, text, c->where, c->says);
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
    for (size_t cut = 1; cut < len; cut += cut < 4096 ? 1 : 7) {
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
    p = json + sprintf(json, "{" IDENT TIMES ",\"steps\":[],\"order_found\":{\"servers\":[");
    for (int i = 0; i <= SERVERS_MAX; i++)
        p += sprintf(p, "%s{\"address\":\"192.0.2.%d\"}", i ? "," : "", i + 1);
    sprintf(p, "]}}");
    checklist_init(&cl);
    assert_int_equal(from_text(json, &cl, &d), CD_EFORMAT);
    assert_string_equal(d.where, "order_found.servers");
    assert_non_null(strstr(message(&d), "order_found.servers: too many entries, at most 64"));
    assert_empty(&cl);

    p = json + sprintf(json, "{" IDENT TIMES ",\"steps\":[],\"lookups\":[{\"server\":\"192.0.2.1\","
                             "\"observed\":[");
    for (int i = 0; i <= PROBE_ADDRS_MAX; i++)
        p += sprintf(p, "%s\"192.0.2.%d\"", i ? "," : "", i);
    sprintf(p, "]}]}");
    assert_int_equal(from_text(json, &cl, &d), CD_EFORMAT);
    assert_string_equal(d.where, "lookups[0].observed");
    assert_non_null(strstr(message(&d), "at most 16"));

    p = json + sprintf(json, "{" IDENT TIMES ",\"steps\":[");
    for (int i = 0; i <= STEP_COUNT; i++)
        p += sprintf(p, "%s{\"id\":\"%s\"}", i ? "," : "", "summary");
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
    fill_full(&cl);
    snprintf(cl.operator_name, sizeof cl.operator_name, "Jos\xe9 (Latin-1)");
    snprintf(cl.found.v[0].source, sizeof cl.found.v[0].source, "R\xe9seau\x01 local");
    set_step(&cl, STEP_NAMES, STEP_DONE, T0, "ok\r\n\tnext\x7f");
    snprintf(cl.actions[1].message, sizeof cl.actions[1].message, "\x1b[31mred\x1b[0m caf\xc3\xa9");
    /* a sequence cut by the end of the field */
    memset(cl.ticket, 'x', sizeof cl.ticket - 2);
    cl.ticket[sizeof cl.ticket - 2] = '\xc3';
    cl.ticket[sizeof cl.ticket - 1] = '\0';
    text = to_text(&cl);
    checklist_init(&back);
    assert_int_equal(from_text(text, &back, &d), CD_OK);
    assert_string_equal(back.operator_name, "Jos? (Latin-1)");
    assert_string_equal(back.found.v[0].source, "R?seau? local");
    assert_string_equal(back.steps[STEP_NAMES].notes, "ok?\n\tnext?");
    assert_string_equal(back.actions[1].message, "?[31mred?[0m caf\xc3\xa9");
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
        {"steps[3].status", "\"skipped\""},
        {"steps[4].completed_at", "or null"},
        {"updated", "expected a UTC time"},
        {"actions[0].kind", "\"reorder\""},
        {"actions[1].status", "\"seen_done\""},
        {"checks[1].at", "expected a UTC time"},
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
            cl.steps[3].status = (enum step_status)7;
            break;
        case 1:
            cl.steps[4].done.at = -5;
            break;
        case 2:
            cl.updated = (time_t)253402300800;
            break; /* year 10000 */
        case 3:
            cl.actions[0].kind = (enum cl_action_kind)9;
            break;
        case 4:
            cl.actions[1].status = (enum cl_action_status)9;
            break;
        case 5:
            cl.runs[1].who.at = -1;
            break;
        }
        assert_int_equal(checklist_to_json(&cl, &text, &d), CD_EINVAL);
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

/* A checklist names operators, tickets and internal addresses: a new file is its owner's
 * alone (0600, less what the umask takes); a file that is there keeps its mode. */
static void test_saved_file_is_private_and_an_existing_one_keeps_its_mode(void **state)
{
    const char *dir = test_dir("mode");
    struct checklist cl;
    struct cd_diag d;
    char path[PATH_MAX];
    struct stat st;
    mode_t old = umask(022);

    (void)state;
    join(path, dir, "session.json");
    checklist_init(&cl);
    assert_int_equal(checklist_save(&cl, path, &d), CD_OK);
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    assert_int_equal(chmod(path, 0640), 0);
    umask(0);
    assert_int_equal(checklist_save(&cl, path, &d), CD_OK);
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0640);
    umask(077);
    join(path, dir, "other.json");
    assert_int_equal(checklist_save(&cl, path, &d), CD_OK);
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
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
    struct checklist cl;
    struct cd_diag d;

    (void)state;
    join(path, dir, "");
    fill_full(&cl);
    assert_int_equal(checklist_save(&cl, path, &d), CD_EIO);
    assert_string_equal(d.arg1, path);
    assert_non_null(strstr(message(&d), "cannot save"));
    assert_non_null(strstr(message(&d), "it is a folder, not a file"));
    checklist_fini(&cl);
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
    assert_string_equal(d.arg1, dir);
    assert_non_null(strstr(message(&d), "it is a folder, not a file"));
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

/* The lab walk, as the wizard journals it: the Internet DNS first and the local
 * DNS without the records (FAIL), the order taken with R (planned), the records added from
 * outside between two checks, C, PASS, saved; two operators. tests/golden/report-journal.json
 * is this. */
static void fill_walk(struct checklist *cl)
{
    static const enum fx_kind first[] = {FX_INTERNET, FX_LOCAL};
    static const enum fx_kind planned[] = {FX_LOCAL, FX_INTERNET};
    static const enum fx_kind fixed[] = {FX_LOCAL_FULL, FX_INTERNET};
    struct server_list l;
    struct cl_who who;

    checklist_init(cl);
    snprintf(cl->tool_version, sizeof cl->tool_version, "0.2.0");
    cl->created = T0 + 120;
    cl->updated = T0 + 2477;
    snprintf(cl->operator_name, sizeof cl->operator_name, "A. Dupont");
    snprintf(cl->ticket, sizeof cl->ticket, "INC-4711");
    snprintf(cl->group, sizeof cl->group, "Exchange Group");
    cl->symptoms.setup_hangs = TRI_YES;
    cl->symptoms.overlapped_io = TRI_YES;
    fx_servers(&l, "198.51.100.53,172.16.8.5");
    snprintf(l.v[0].source, sizeof l.v[0].source, "Local Area Connection");
    snprintf(l.v[1].source, sizeof l.v[1].source, "Local Area Connection");
    who_is(&who, T0 + 130, "J. Martin", "INC-4711");
    assert_int_equal(checklist_set_found(cl, &l, &who), CD_OK);
    server_list_fini(&l);
    set_step(cl, STEP_SYMPTOMS, STEP_DONE, T0 + 200, "Setup stopped at \"Starting services\".");
    set_step(cl, STEP_GROUP, STEP_DONE, T0 + 260, "");
    fx_run(cl, "198.51.100.53,172.16.8.5", first, T0 + 331, "J. Martin");
    set_step(cl, STEP_NAMES, STEP_DONE, T0 + 340, "");
    for (int i = STEP_SYMPTOMS; i <= STEP_NAMES; i++)
        who_is(&cl->steps[i].done, cl->steps[i].done.at, "J. Martin", "INC-4711");
    /* R: the recommended order, planned in the wizard */
    fx_servers(&l, "172.16.8.5,198.51.100.53");
    who_is(&who, T0 + 402, "J. Martin", "INC-4711");
    assert_int_equal(checklist_note_servers(cl, &l, true, &who), CD_OK);
    server_list_fini(&l);
    fx_run(cl, "172.16.8.5,198.51.100.53", planned, T0 + 403, "J. Martin");
    /* the DNS administrator adds the records; the next operator checks again */
    fx_run(cl, "172.16.8.5,198.51.100.53", fixed, T0 + 2460, "A. Dupont");
    cl->steps[STEP_DNS_ORDER].status = rules_step(cl, STEP_DNS_ORDER);
    cl->steps[STEP_HOST_RECORDS].status = rules_step(cl, STEP_HOST_RECORDS);
    who_is(&cl->steps[STEP_DNS_ORDER].done, T0 + 2470, "A. Dupont", "INC-4711");
    who_is(&cl->steps[STEP_HOST_RECORDS].done, T0 + 2471, "A. Dupont", "INC-4711");
    snprintf(cl->steps[STEP_HOST_RECORDS].notes, sizeof cl->steps[0].notes,
             "The DNS team added both records in DNS Manager.");
}

/* The fixtures as files, for the schema test and the golden report. */
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
    if (rc == CD_OK) {
        fill_walk(&cl);
        join(path, dir, "walk.json");
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
        cmocka_unit_test(test_init_is_an_empty_case_with_every_step_pending),
        cmocka_unit_test(test_servers_noted_are_the_order_found_then_a_plan),
        cmocka_unit_test(test_a_check_shows_what_was_done_outside_the_tool),
        cmocka_unit_test(test_what_the_tool_applied_is_not_seen_done_outside),
        cmocka_unit_test(test_the_journal_refuses_entries_past_its_limits),
        cmocka_unit_test(test_finishing_a_step_follows_the_rules),
        cmocka_unit_test(test_full_checklist_survives_round_trip),
        cmocka_unit_test(test_empty_checklist_survives_round_trip),
        cmocka_unit_test(test_keys_are_written_in_the_documented_order),
        cmocka_unit_test(test_minimal_hand_written_file_loads_with_defaults),
        cmocka_unit_test(test_unknown_keys_are_ignored),
        cmocka_unit_test(test_steps_are_matched_by_id_in_any_order),
        cmocka_unit_test(test_a_version_1_file_loads_migrated),
        cmocka_unit_test(test_a_version_1_file_without_a_check_has_only_its_order),
        cmocka_unit_test(test_a_version_1_action_too_long_is_refused_by_path),
        cmocka_unit_test(test_positions_order_a_list_and_a_gap_closes_up),
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
        cmocka_unit_test(test_saved_file_is_private_and_an_existing_one_keeps_its_mode),
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
