#include "config.h"

#include "checklist_json.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "checklist_names.h"
#include "i18n.h"
#include "json_read.h"
#include "text.h"

static const char *const msg_time = N_("%1$s: expected a UTC time like 2026-11-25T12:00:00Z");
static const char *const msg_time_null =
    N_("%1$s: expected a UTC time like 2026-11-25T12:00:00Z, or null");

/* ---- the names of the enumerations: here, and nowhere else ---------------------------- */

const char *const cj_step_names[] = {"symptoms",     "group",   "names", "dns_order",
                                     "host_records", "summary", NULL};
const char *const cj_status_names[] = {"pending", "done", "skipped", "failed", NULL};
const char *const cj_kb_names[] = {CHECKLIST_KB, NULL};
const char *const cj_role_names[] = {"unknown", "local", "internet", NULL};
const char *const cj_rstatus_names[] = {"pending", "ok", "missing", "wrong", "unanswered", NULL};
const char *const cj_outcome_names[] = {"pending",   "answer",    "nxdomain", "nodata",
                                        "refused",   "servfail",  "timeout",  "connrefused",
                                        "malformed", "truncated", "failed",   NULL};
const char *const cj_verdict_names[] = {"incomplete", "pass", "fail", NULL};
const char *const cj_kind_names[] = {"add_record", "fix_record", "reorder", NULL};
const char *const cj_astatus_names[] = {"planned",   "applied",   "failed",
                                        "seen_done", "confirmed", NULL};
const char *const cj_host_names[] = {"exchange", "cluster", NULL};
const char *const cj_rtype_names[] = {"A", "AAAA", "PTR", NULL};
const char *const cj_atype_names[] = {"A", "AAAA", NULL};
/* Version 1's own. */
const char *const cj_v1_verdict_names[] = {"unchecked", "incomplete", "pass", "fail", NULL};
const char *const cj_v1_astatus_names[] = {"todo", "applied", "failed", NULL};
const char *const cj_v1_atype_names[] = {"", "A", "AAAA", "PTR", NULL};

_Static_assert(STEP_COUNT == 6 && STEP_FAILED == 3 && ROLE_INTERNET == 2 && REC_UNANSWERED == 4 &&
                   PROBE_FAILED == 10 && VERDICT_FAIL == 2 && ACTION_REORDER == 2 &&
                   ACTION_CONFIRMED == 4 && HOST_CLUSTER == 1,
               "the name tables follow the enumerations");

/* names[v] when v is one of them, else NULL. */
static const char *name_of(const char *const *names, int v)
{
    for (int i = 0; names[i]; i++)
        if (i == v)
            return names[i];
    return NULL;
}

/* ---- writing ------------------------------------------------------------------------ */

/* A writer's state: what failed, and where. */
struct wr {
    struct cd_diag *d;
    int rc;
};

/* Adds item under key (or to the array when key is NULL); NULL is out of memory. */
static cJSON *add(struct wr *w, cJSON *parent, const char *key, cJSON *item)
{
    if (w->rc == CD_OK && item &&
        (key ? cJSON_AddItemToObject(parent, key, item) : cJSON_AddItemToArray(parent, item)))
        return item;
    cJSON_Delete(item);
    if (w->rc == CD_OK)
        w->rc = CD_ENOMEM;
    return NULL;
}

static void add_text(struct wr *w, cJSON *o, const char *key, const char *src, size_t size,
                     bool multiline)
{
    char text[CHECKLIST_NOTES];

    if (size > sizeof text)
        size = sizeof text;
    jr_text_clean(text, src, size, multiline);
    add(w, o, key, cJSON_CreateString(text));
}

static void add_name(struct wr *w, cJSON *o, const char *key, const char *const *names, int v,
                     const char *parent)
{
    const char *name = name_of(names, v);
    char path[CD_DIAG_WHERE_MAX];

    if (name) {
        add(w, o, key, cJSON_CreateString(name));
    } else if (w->rc == CD_OK) {
        jr_key(path, parent, key);
        w->rc = jr_fault_names(w->d, CD_EINVAL, path, names);
    }
}

static void add_time(struct wr *w, cJSON *o, const char *key, time_t t, bool nullable,
                     const char *parent)
{
    char buf[24], path[CD_DIAG_WHERE_MAX];

    if (t == 0 && nullable) {
        add(w, o, key, cJSON_CreateNull());
    } else if (*checklist_time_format(t, buf, sizeof buf)) {
        add(w, o, key, cJSON_CreateString(buf));
    } else if (w->rc == CD_OK) {
        jr_key(path, parent, key);
        w->rc = jr_fault(w->d, CD_EINVAL, path, nullable ? msg_time_null : msg_time, NULL);
    }
}

static void add_tri(struct wr *w, cJSON *o, const char *key, enum tri t)
{
    add(w, o, key,
        t == TRI_YES  ? cJSON_CreateTrue()
        : t == TRI_NO ? cJSON_CreateFalse()
                      : cJSON_CreateNull());
}

static void add_index(struct wr *w, cJSON *o, const char *key, size_t i)
{
    add(w, o, key, i == CHECKLIST_NONE ? cJSON_CreateNull() : cJSON_CreateNumber((double)i));
}

static void add_who(struct wr *w, cJSON *o, const char *at_key, const struct cl_who *who,
                    bool nullable, const char *parent)
{
    add_time(w, o, at_key, who->at, nullable, parent);
    add_text(w, o, "operator", who->operator_name, sizeof who->operator_name, false);
    add_text(w, o, "ticket", who->ticket, sizeof who->ticket, false);
}

static cJSON *add_object(struct wr *w, cJSON *parent, const char *key)
{
    return add(w, parent, key, cJSON_CreateObject());
}

static void add_host(struct wr *w, cJSON *o, const char *key, const char *name, const char *fqdn,
                     const char *ip)
{
    cJSON *h = add_object(w, o, key);

    if (!h)
        return;
    add_text(w, h, "name", name, NAMES_NETBIOS_MAX + 1, false);
    add_text(w, h, "fqdn", fqdn, NAMES_FQDN_SIZE, false);
    add_text(w, h, "ip", ip, NAMES_IP_SIZE, false);
}

/* {address, port, position, source}: the shape of a server in every list. */
static cJSON *add_server(struct wr *w, cJSON *arr, const struct dns_server *s, size_t k)
{
    cJSON *o = add_object(w, arr, NULL);

    if (!o)
        return NULL;
    add_text(w, o, "address", s->ip.text, sizeof s->ip.text, false);
    add(w, o, "port", cJSON_CreateNumber(s->port));
    add(w, o, "position", cJSON_CreateNumber((double)k + 1));
    add_text(w, o, "source", s->source, sizeof s->source, false);
    return o;
}

static void add_servers(struct wr *w, cJSON *o, const char *key, const struct server_list *l)
{
    cJSON *arr = add(w, o, key, cJSON_CreateArray());

    for (size_t k = 0; arr && k < l->n; k++)
        add_server(w, arr, &l->v[k], k);
}

static void add_server_text(struct wr *w, cJSON *o, const char *key, const struct dns_server *s)
{
    char text[SERVERS_TEXT_SIZE];

    add_text(w, o, key, server_format(s, text, sizeof text), sizeof text, false);
}

static enum tri tri_of(bool known, bool yes)
{
    return !known ? TRI_UNKNOWN : yes ? TRI_YES : TRI_NO;
}

/* The answers as they came, with their judgement beside them for readers. */
static void add_run_servers(struct wr *w, cJSON *o, const struct cl_run *r)
{
    cJSON *arr = add(w, o, "servers", cJSON_CreateArray());

    for (size_t i = 0; arr && i < r->servers.n; i++) {
        const struct probe_answer *soa = &r->answers[i][QUERY_SOA];
        const struct records_server *e = &r->eval.server[i];
        bool known = soa->outcome != PROBE_PENDING;
        cJSON *s = add_server(w, arr, &r->servers.v[i], i);

        if (!s)
            return;
        add_name(w, s, "zone_reply", cj_outcome_names, soa->outcome, "checks[].servers[]");
        add_tri(w, s, "authoritative",
                tri_of(known, soa->outcome == PROBE_ANSWER && soa->authoritative));
        add(w, s, "rtt_ms",
            e->rtt_ms >= 0 && isfinite(e->rtt_ms) ? cJSON_CreateNumber(e->rtt_ms)
                                                  : cJSON_CreateNull());
        add_text(w, s, "zone_primary", soa->target, sizeof soa->target, false);
        add_name(w, s, "role", cj_role_names, e->role, "checks[].servers[]");
        add_tri(w, s, "reachable", tri_of(known || e->answered, e->answered));
    }
}

static void add_run_records(struct wr *w, cJSON *o, const struct cl_run *r)
{
    cJSON *arr = add(w, o, "records", cJSON_CreateArray());

    for (size_t i = 0; arr && i < r->servers.n; i++) {
        for (int q = QUERY_EXCHANGE; q < QUERY_COUNT; q++) {
            const struct probe_answer *a = &r->answers[i][q];
            int h = (q == QUERY_EXCHANGE || q == QUERY_EXCHANGE_PTR) ? HOST_EXCHANGE : HOST_CLUSTER;
            bool ptr = q == QUERY_EXCHANGE_PTR || q == QUERY_CLUSTER_PTR;
            cJSON *rec = add_object(w, arr, NULL), *obs;

            if (!rec)
                return;
            add_server_text(w, rec, "server", &r->servers.v[i]);
            add_name(w, rec, "host", cj_host_names, h, "checks[].records[]");
            add_name(w, rec, "type", cj_rtype_names,
                     ptr                                  ? 2
                     : r->target.ip[h].family == AF_INET6 ? 1
                                                          : 0,
                     "checks[].records[]");
            add_text(w, rec, "name", ptr ? r->target.reverse[h] : r->target.fqdn[h],
                     NAMES_FQDN_SIZE, false);
            add_text(w, rec, "expected", ptr ? r->target.fqdn[h] : r->target.ip[h].text,
                     NAMES_FQDN_SIZE, false);
            obs = add(w, rec, "observed", cJSON_CreateArray());
            if (obs && a->outcome == PROBE_ANSWER && ptr)
                add_text(w, obs, NULL, a->target, sizeof a->target, false);
            for (size_t k = 0; obs && !ptr && a->outcome == PROBE_ANSWER && k < a->n_addrs; k++)
                add_text(w, obs, NULL, a->addrs[k].text, sizeof a->addrs[k].text, false);
            add_name(w, rec, "outcome", cj_outcome_names, a->outcome, "checks[].records[]");
            add_name(w, rec, "status", cj_rstatus_names, r->eval.server[i].status[q],
                     "checks[].records[]");
        }
    }
}

static void add_run(struct wr *w, cJSON *arr, const struct cl_run *r, size_t m)
{
    struct cd_diag f[RECORDS_FINDINGS_MAX];
    char path[CD_DIAG_WHERE_MAX], text[CHECKLIST_NOTES];
    cJSON *o = add_object(w, arr, NULL), *list;
    size_t n;

    if (!o)
        return;
    jr_index(path, "checks", m);
    add_who(w, o, "at", &r->who, false, path);
    add_text(w, o, "zone", r->target.zone, sizeof r->target.zone, false);
    for (int h = 0; h < HOST_COUNT; h++)
        add_host(w, o, cj_host_names[h], r->target.name[h], r->target.fqdn[h],
                 r->target.ip[h].text);
    add_run_servers(w, o, r);
    add_run_records(w, o, r);
    add_name(w, o, "verdict", cj_verdict_names, r->eval.verdict, path);
    list = add(w, o, "findings", cJSON_CreateArray());
    n = records_findings(&r->target, &r->servers, &r->eval, f, RECORDS_FINDINGS_MAX);
    for (size_t k = 0; list && k < n; k++)
        add_text(w, list, NULL, diag_format_c(&f[k], text, sizeof text), sizeof text, false);
    list = add(w, o, "recommended_order", cJSON_CreateArray());
    for (size_t k = 0; list && k < r->eval.n; k++)
        add_server_text(w, list, NULL, &r->servers.v[r->eval.recommended[k]]);
}

static void add_action(struct wr *w, cJSON *arr, const struct checklist *cl, size_t i)
{
    const struct cl_action *a = &cl->actions[i];
    bool record = a->kind != ACTION_REORDER;
    char path[CD_DIAG_WHERE_MAX];
    cJSON *o = add_object(w, arr, NULL);

    if (!o)
        return;
    jr_index(path, "actions", i);
    add_name(w, o, "kind", cj_kind_names, a->kind, path);
    add_name(w, o, "status", cj_astatus_names, a->status, path);
    add_who(w, o, "at", &a->who, false, path);
    if (record) {
        add_server_text(w, o, "server", &a->server);
        add_name(w, o, "host", cj_host_names, a->host, path);
        add_name(w, o, "type", cj_atype_names, a->type == PROBE_AAAA ? 1 : 0, path);
    } else {
        add(w, o, "server", cJSON_CreateString(""));
        add(w, o, "host", cJSON_CreateNull());
        add(w, o, "type", cJSON_CreateString(""));
    }
    add_text(w, o, "name", record ? a->name : "", sizeof a->name, false);
    add_text(w, o, "value", record ? a->value : "", sizeof a->value, false);
    add_servers(w, o, "order", record ? &(struct server_list){0} : &a->order);
    add_index(w, o, "check", a->check < cl->n_runs ? a->check : CHECKLIST_NONE);
    add_index(w, o, "since_check", a->since < cl->n_runs ? a->since : CHECKLIST_NONE);
    add_text(w, o, "message", a->message, sizeof a->message, false);
}

static void add_lookup(struct wr *w, cJSON *arr, const struct cl_lookup *l, size_t i)
{
    const struct probe_answer *a = &l->answer;
    char path[CD_DIAG_WHERE_MAX];
    cJSON *o = add_object(w, arr, NULL), *obs;

    if (!o)
        return;
    jr_index(path, "lookups", i);
    add_who(w, o, "at", &l->who, false, path);
    add_server_text(w, o, "server", &l->server);
    add_text(w, o, "name", a->qname, sizeof a->qname, false);
    add_name(w, o, "type", cj_atype_names, a->qtype == PROBE_AAAA ? 1 : 0, path);
    add_name(w, o, "outcome", cj_outcome_names, a->outcome, path);
    obs = add(w, o, "observed", cJSON_CreateArray());
    for (size_t k = 0; obs && a->outcome == PROBE_ANSWER && k < a->n_addrs; k++)
        add_text(w, obs, NULL, a->addrs[k].text, sizeof a->addrs[k].text, false);
}

static void add_steps(struct wr *w, cJSON *root, const struct checklist *cl)
{
    cJSON *arr = add(w, root, "steps", cJSON_CreateArray());
    char path[CD_DIAG_WHERE_MAX];

    for (size_t i = 0; arr && i < STEP_COUNT; i++) {
        const struct cl_step *st = &cl->steps[i];
        cJSON *o = add_object(w, arr, NULL);

        if (!o)
            return;
        jr_index(path, "steps", i);
        add(w, o, "id", cJSON_CreateString(cj_step_names[i]));
        add_name(w, o, "status", cj_status_names, st->status, path);
        add_who(w, o, "completed_at", &st->done, true, path);
        add_text(w, o, "notes", st->notes, sizeof st->notes, true);
    }
}

static void add_case(struct wr *w, cJSON *root, const struct checklist *cl)
{
    const struct cl_host *host[HOST_COUNT] = {&cl->exchange, &cl->cluster};
    cJSON *o;

    add(w, root, "schema", cJSON_CreateString(CHECKLIST_SCHEMA));
    add(w, root, "kb", cJSON_CreateString(CHECKLIST_KB));
    add_text(w, root, "tool_version", cl->tool_version, sizeof cl->tool_version, false);
    add_time(w, root, "created", cl->created, false, "");
    add_time(w, root, "updated", cl->updated, false, "");
    add_text(w, root, "operator", cl->operator_name, sizeof cl->operator_name, false);
    add_text(w, root, "ticket", cl->ticket, sizeof cl->ticket, false);
    add_text(w, root, "group", cl->group, sizeof cl->group, false);
    add_text(w, root, "zone", cl->zone, sizeof cl->zone, false);
    for (int h = 0; h < HOST_COUNT; h++)
        add_host(w, root, cj_host_names[h], host[h]->name, host[h]->fqdn, host[h]->ip);
    if ((o = add_object(w, root, "symptoms"))) {
        add_tri(w, o, "setup_hangs", cl->symptoms.setup_hangs);
        add_tri(w, o, "overlapped_io", cl->symptoms.overlapped_io);
        add_tri(w, o, "event_4058", cl->symptoms.event_4058);
    }
    add_steps(w, root, cl);
}

int checklist_to_json(const struct checklist *cl, char **out, struct cd_diag *d)
{
    struct wr w = {d, CD_OK};
    cJSON *root = cJSON_CreateObject(), *o, *arr;

    *out = NULL;
    if (!root)
        w.rc = CD_ENOMEM;
    add_case(&w, root, cl);
    if (!cl->found_who.at) {
        add(&w, root, "order_found", cJSON_CreateNull());
    } else if ((o = add_object(&w, root, "order_found"))) {
        add_who(&w, o, "at", &cl->found_who, false, "order_found");
        add_servers(&w, o, "servers", &cl->found);
    }
    /* For readers: the order the next check asks (the journal's last), as import gives it. */
    add_servers(&w, root, "dns_servers",
                checklist_servers(cl) ? checklist_servers(cl) : &(struct server_list){0});
    arr = add(&w, root, "checks", cJSON_CreateArray());
    for (size_t m = 0; arr && m < cl->n_runs; m++)
        add_run(&w, arr, &cl->runs[m], m);
    arr = add(&w, root, "actions", cJSON_CreateArray());
    for (size_t i = 0; arr && i < cl->n_actions; i++)
        add_action(&w, arr, cl, i);
    arr = add(&w, root, "lookups", cJSON_CreateArray());
    for (size_t i = 0; arr && i < cl->n_lookups; i++)
        add_lookup(&w, arr, &cl->lookups[i], i);
    if (w.rc == CD_OK) {
        /* Shown on terminals too (check --json): C1 and hidden characters as \u escapes. */
        char *raw = cJSON_Print(root);

        if (!raw || !(*out = text_json_safe(raw)))
            w.rc = CD_ENOMEM;
        free(raw);
    }
    if (w.rc == CD_ENOMEM)
        diag_set(d, w.rc, NULL, "", jr_msg_nomem, NULL, NULL);
    cJSON_Delete(root);
    return w.rc;
}
