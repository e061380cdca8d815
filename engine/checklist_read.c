#include "config.h"

#include "checklist_json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cJSON.h>

#include "check.h"
#include "checklist_names.h"
#include "i18n.h"
#include "json_read.h"

/* ---- messages: %1$s is always the JSON path ------------------------------------------ */

static const char *const msg_not_object = N_("the document is not a JSON object");
static const char *const msg_newer =
    N_("%1$s: \"%2$s\" was written by a newer clusterdns (unknown version); upgrade to read it");
static const char *const msg_foreign = N_("%1$s: \"%2$s\" is not a clusterdns checklist");
static const char *const msg_index = N_("%1$s: expected null or the number of an earlier check, "
                                        "from 0 to %2$s");
static const char *const msg_no_check = N_("%1$s: expected null: there is no check before it");
static const char *const msg_step_twice = N_("%1$s: the step \"%2$s\" is listed twice");
static const char *const msg_server_twice =
    N_("%1$s: the server %2$s is listed twice in this list");
static const char *const msg_not_listed =
    N_("%1$s: %2$s is not one of the servers this check asked");
static const char *const msg_record_twice =
    N_("%1$s: this record of %2$s is listed twice in this check");
static const char *const msg_not_a_record =
    N_("%1$s: \"%2$s\" is neither the Exchange nor the cluster name of this check");

/* The number of an earlier check (below limit), or null: CHECKLIST_NONE. */
static int get_index(const cJSON *obj, const char *key, const char *parent, size_t limit, size_t *v,
                     struct cd_diag *d)
{
    char path[CD_DIAG_WHERE_MAX];
    const cJSON *it = jr_member(obj, key, parent, path);
    double x;

    if (!it || cJSON_IsNull(it)) {
        *v = CHECKLIST_NONE;
        return CD_OK;
    }
    x = cJSON_IsNumber(it) ? it->valuedouble : -1;
    if (limit == 0)
        return jr_fault(d, CD_EFORMAT, path, msg_no_check, NULL);
    if (x < 0 || x >= (double)limit || x != (size_t)x)
        return jr_fault_num(d, CD_EFORMAT, path, msg_index, limit - 1);
    *v = (size_t)x;
    return CD_OK;
}

static int get_who(const cJSON *obj, const char *at_key, const char *parent, bool nullable,
                   struct cl_who *who, struct cd_diag *d)
{
    int rc;

    if ((rc = jr_get_time(obj, at_key, parent, nullable, false, &who->at, d)) < 0 ||
        (rc = jr_get_text(obj, "operator", parent, who->operator_name, sizeof who->operator_name,
                          false, d)) < 0)
        return rc;
    return jr_get_text(obj, "ticket", parent, who->ticket, sizeof who->ticket, false, d);
}

static int get_host(const cJSON *obj, const char *key, const char *parent, struct cl_host *h,
                    struct cd_diag *d)
{
    char path[CD_DIAG_WHERE_MAX];
    const cJSON *o;
    int rc;

    if ((rc = jr_get_object(obj, key, parent, path, &o, d)) < 0 || !o)
        return rc;
    if ((rc = jr_get_text(o, "name", path, h->name, sizeof h->name, false, d)) < 0 ||
        (rc = jr_get_text(o, "fqdn", path, h->fqdn, sizeof h->fqdn, false, d)) < 0)
        return rc;
    return jr_get_text(o, "ip", path, h->ip, sizeof h->ip, false, d);
}

/* "IP", "IP:PORT", "[IPv6]:PORT" by the --servers rules. */
static int read_server_text(const cJSON *it, const char *path, struct dns_server *s,
                            struct cd_diag *d)
{
    char text[SERVERS_TEXT_SIZE + 8];
    int rc;

    if ((rc = jr_read_text(it, path, sizeof text, false, text, d)) < 0)
        return rc;
    memset(s, 0, sizeof *s);
    return jr_broke(servers_parse_one(text, s, d), d, path);
}

static int get_server_text(const cJSON *obj, const char *key, const char *parent,
                           struct dns_server *s, struct cd_diag *d)
{
    char path[CD_DIAG_WHERE_MAX];
    const cJSON *it = jr_member(obj, key, parent, path);

    if (!it)
        return jr_fault(d, CD_EFORMAT, path, jr_msg_missing, NULL);
    return read_server_text(it, path, s, d);
}

/* ---- reading: lists of servers -------------------------------------------------------- */

/* What a list entry says beyond the server itself (a check's evidence; version 1's
 * judgements, from which its answers are rebuilt). */
struct server_extra {
    enum probe_outcome zone_reply;
    enum tri authoritative, reachable;
    double rtt_ms;
    enum server_role role;
    char primary[NAMES_FQDN_SIZE];
};

/* A list of servers: each {address, port, position, source} (and the extras, when extra is
 * not NULL), in the order of the positions; see checklist_from_json. */
static int read_servers(const cJSON *arr, const char *path, struct server_list *out,
                        struct server_extra *extra, struct cd_diag *d)
{
    struct dns_server v[SERVERS_MAX];
    struct server_extra x[SERVERS_MAX];
    unsigned pos[SERVERS_MAX];
    size_t order[SERVERS_MAX], n = 0;
    char ipath[CD_DIAG_WHERE_MAX], apath[CD_DIAG_WHERE_MAX];
    const cJSON *it, *addr;
    int rc;

    if (!cJSON_IsArray(arr))
        return jr_fault(d, CD_EFORMAT, path, jr_msg_array, NULL);
    cJSON_ArrayForEach(it, arr)
    {
        struct dns_server *s = &v[n];
        char text[NAMES_IP_SIZE];

        if (n == SERVERS_MAX)
            return jr_fault_num(d, CD_EFORMAT, path, jr_msg_too_many, SERVERS_MAX);
        jr_index(ipath, path, n);
        if (!cJSON_IsObject(it))
            return jr_fault(d, CD_EFORMAT, ipath, jr_msg_object, NULL);
        memset(s, 0, sizeof *s);
        memset(&x[n], 0, sizeof x[n]);
        s->port = 53;
        pos[n] = (unsigned)n + 1; /* absent: its place in the list */
        x[n].rtt_ms = -1;
        if (!(addr = jr_member(it, "address", ipath, apath)))
            return jr_fault(d, CD_EFORMAT, apath, jr_msg_missing, NULL);
        if ((rc = jr_read_text(addr, apath, sizeof text, false, text, d)) < 0 ||
            (rc = jr_broke(names_server_ip(text, &s->ip, N_("DNS server"), d), d, apath)) < 0 ||
            (rc = jr_get_uint(it, "port", ipath, 65535, &s->port, d)) < 0 ||
            (rc = jr_get_uint(it, "position", ipath, SERVERS_MAX, &pos[n], d)) < 0 ||
            (rc = jr_get_text(it, "source", ipath, s->source, sizeof s->source, false, d)) < 0)
            return rc;
        for (size_t k = 0; k < n; k++)
            if (server_same(&v[k], s)) {
                char shown[SERVERS_TEXT_SIZE];

                return jr_fault(d, CD_EFORMAT, ipath, msg_server_twice,
                                server_format(s, shown, sizeof shown));
            }
        if (extra && ((rc = jr_get_enum(it, "zone_reply", ipath, cj_outcome_names, &x[n].zone_reply,
                                        d)) < 0 ||
                      (rc = jr_get_tri(it, "authoritative", ipath, &x[n].authoritative, d)) < 0 ||
                      (rc = jr_get_tri(it, "reachable", ipath, &x[n].reachable, d)) < 0 ||
                      (rc = jr_get_ms(it, "rtt_ms", ipath, &x[n].rtt_ms, d)) < 0 ||
                      (rc = jr_get_enum(it, "role", ipath, cj_role_names, &x[n].role, d)) < 0 ||
                      (rc = jr_get_text(it, "zone_primary", ipath, x[n].primary,
                                        sizeof x[n].primary, false, d)) < 0))
            return rc;
        n++;
    }
    /* The node's order: by position, a stable sort (equal positions keep the file's order,
     * gaps close up). */
    for (size_t i = 0; i < n; i++) {
        size_t k = i;

        for (; k > 0 && pos[order[k - 1]] > pos[i]; k--)
            order[k] = order[k - 1];
        order[k] = i;
    }
    for (size_t k = 0; k < n; k++) {
        if ((rc = server_list_add(out, &v[order[k]], d)) < 0)
            return rc;
        if (extra)
            extra[k] = x[order[k]];
    }
    return CD_OK;
}

static int get_servers(const cJSON *obj, const char *key, const char *parent,
                       struct server_list *out, struct server_extra *extra, struct cd_diag *d)
{
    char path[CD_DIAG_WHERE_MAX];
    const cJSON *it = jr_member(obj, key, parent, path);

    return it ? read_servers(it, path, out, extra, d) : CD_OK;
}

/* ---- reading: a check's answers --------------------------------------------------------- */

/* Every answer pending, for the questions the check asks of each server. */
static void answers_init(const struct records_target *t, size_t n,
                         struct probe_answer (*a)[QUERY_COUNT])
{
    for (size_t i = 0; i < n; i++) {
        for (int q = 0; q < QUERY_COUNT; q++) {
            int h = (q == QUERY_EXCHANGE || q == QUERY_EXCHANGE_PTR) ? HOST_EXCHANGE : HOST_CLUSTER;
            struct probe_answer *x = &a[i][q];

            memset(x, 0, sizeof *x);
            x->outcome = PROBE_PENDING;
            x->rtt_ms = -1;
            if (q == QUERY_SOA) {
                x->qtype = PROBE_SOA;
                snprintf(x->qname, sizeof x->qname, "%s", t->zone);
            } else if (q == QUERY_EXCHANGE || q == QUERY_CLUSTER) {
                x->qtype = t->ip[h].family == AF_INET6 ? PROBE_AAAA : PROBE_A;
                snprintf(x->qname, sizeof x->qname, "%s", t->fqdn[h]);
            } else {
                x->qtype = PROBE_PTR;
                snprintf(x->qname, sizeof x->qname, "%s", t->reverse[h]);
            }
        }
    }
}

/* The observed values of an answer: addresses for A and AAAA, a name for PTR. */
static int read_observed(const cJSON *rec, const char *path, struct probe_answer *a,
                         struct cd_diag *d)
{
    char obs[PROBE_ADDRS_MAX][NAMES_FQDN_SIZE], opath[CD_DIAG_WHERE_MAX];
    size_t n = 0;
    int rc;

    if ((rc = jr_get_strings(rec, "observed", path, PROBE_ADDRS_MAX, NAMES_FQDN_SIZE, obs, &n, d)) <
        0)
        return rc;
    if (a->qtype == PROBE_PTR) {
        if (n)
            snprintf(a->target, sizeof a->target, "%s", obs[0]);
        return CD_OK;
    }
    for (size_t k = 0; k < n; k++) {
        snprintf(opath, sizeof opath, "%s.observed[%zu]", path, k);
        if ((rc = jr_broke(names_ip_parse(obs[k], &a->addrs[k], N_("Record address"), d), d,
                           opath)) < 0)
            return rc;
    }
    a->n_addrs = n;
    return CD_OK;
}

/* Which question a record answers: by its host and type (version 2), or by its name
 * (version 1, which has no host). -1 with d filled when neither fits. */
static int record_query(const cJSON *rec, const char *path, const struct records_target *t, bool v1,
                        struct cd_diag *d)
{
    char name[NAMES_FQDN_SIZE] = "", npath[CD_DIAG_WHERE_MAX];
    int type = 0, host = -1, rc;

    if ((rc = jr_get_enum(rec, "type", path, cj_rtype_names, &type, d)) < 0 ||
        (rc = jr_get_text(rec, "name", path, name, sizeof name, false, d)) < 0)
        return rc;
    if (!v1 && (rc = jr_get_enum(rec, "host", path, cj_host_names, &host, d)) < 0)
        return rc;
    for (int h = 0; v1 && h < HOST_COUNT; h++)
        if (strcasecmp(name, type == 2 ? t->reverse[h] : t->fqdn[h]) == 0)
            host = h;
    if (host < 0) {
        jr_key(npath, path, v1 ? "name" : "host");
        return jr_fault(d, CD_EFORMAT, npath, v1 ? msg_not_a_record : jr_msg_missing, name);
    }
    if (type == 2)
        return host == HOST_EXCHANGE ? QUERY_EXCHANGE_PTR : QUERY_CLUSTER_PTR;
    return host == HOST_EXCHANGE ? QUERY_EXCHANGE : QUERY_CLUSTER;
}

static int read_records(const cJSON *arr, const char *path, const struct records_target *t,
                        const struct server_list *servers, struct probe_answer (*a)[QUERY_COUNT],
                        bool v1, struct cd_diag *d)
{
    bool seen[SERVERS_MAX][QUERY_COUNT] = {{false}};
    char ipath[CD_DIAG_WHERE_MAX], spath[CD_DIAG_WHERE_MAX], shown[SERVERS_TEXT_SIZE];
    const cJSON *it;
    size_t i = 0;
    int rc, q;

    cJSON_ArrayForEach(it, arr)
    {
        struct dns_server s;
        struct probe_answer *x;
        size_t k;

        jr_index(ipath, path, i++);
        if (!cJSON_IsObject(it))
            return jr_fault(d, CD_EFORMAT, ipath, jr_msg_object, NULL);
        if ((rc = get_server_text(it, "server", ipath, &s, d)) < 0)
            return rc;
        jr_key(spath, ipath, "server");
        if ((k = server_list_find(servers, &s)) == (size_t)-1)
            return jr_fault(d, CD_EFORMAT, spath, msg_not_listed,
                            server_format(&s, shown, sizeof shown));
        if ((q = record_query(it, ipath, t, v1, d)) < 0)
            return q;
        if (seen[k][q])
            return jr_fault(d, CD_EFORMAT, ipath, msg_record_twice,
                            server_format(&s, shown, sizeof shown));
        seen[k][q] = true;
        x = &a[k][q];
        if ((rc = jr_get_enum(it, "outcome", ipath, cj_outcome_names, &x->outcome, d)) < 0 ||
            (rc = jr_get_enum(it, "status", ipath, cj_rstatus_names, NULL, d)) < 0 ||
            (rc = read_observed(it, ipath, x, d)) < 0)
            return rc;
        if (x->outcome != PROBE_PENDING)
            x->rtt_ms = 0;
    }
    return CD_OK;
}

/* The zone's answer of each server, from a check's server entries. Version 1 kept only
 * the judgement (reachable, authoritative, role): its answer is rebuilt from that. */
static void soa_answers(const struct server_extra *x, size_t n,
                        struct probe_answer (*a)[QUERY_COUNT], bool v1)
{
    for (size_t i = 0; i < n; i++) {
        struct probe_answer *soa = &a[i][QUERY_SOA];

        soa->outcome = x[i].zone_reply;
        if (v1) {
            soa->outcome = x[i].authoritative == TRI_YES   ? PROBE_ANSWER
                           : x[i].reachable == TRI_NO      ? PROBE_TIMEOUT
                           : x[i].reachable == TRI_UNKNOWN ? PROBE_PENDING
                           : x[i].role == ROLE_INTERNET    ? PROBE_NXDOMAIN
                           : x[i].role == ROLE_LOCAL       ? PROBE_ANSWER
                                                           : PROBE_REFUSED;
        }
        soa->authoritative = soa->outcome == PROBE_ANSWER && x[i].authoritative == TRI_YES;
        soa->rtt_ms = x[i].rtt_ms;
        snprintf(soa->target, sizeof soa->target, "%s", x[i].primary);
    }
}

/* A check: the target (the names step's rules), the servers, the answers; appended to cl. */
static int read_run(struct checklist *cl, const cJSON *run, const char *path, bool v1,
                    const struct cl_who *who, struct cd_diag *d)
{
    struct server_extra x[SERVERS_MAX];
    struct cl_host host[HOST_COUNT];
    struct records_target t;
    struct server_list servers;
    struct probe_answer(*a)[QUERY_COUNT] = NULL;
    char zone[NAMES_FQDN_SIZE] = "", lpath[CD_DIAG_WHERE_MAX];
    const cJSON *list;
    int rc;

    server_list_init(&servers);
    memset(host, 0, sizeof host);
    if ((rc = jr_get_text(run, "zone", path, zone, sizeof zone, false, d)) < 0 ||
        (rc = get_host(run, "exchange", path, &host[HOST_EXCHANGE], d)) < 0 ||
        (rc = get_host(run, "cluster", path, &host[HOST_CLUSTER], d)) < 0)
        goto out;
    if ((rc = check_target_set(&t, zone, host[0].name, host[0].ip, host[1].name, host[1].ip, d)) <
        0) {
        jr_key(lpath, path, d ? d->where : "");
        rc = jr_broke(rc, d, lpath);
        goto out;
    }
    if ((rc = get_servers(run, v1 ? "dns_servers" : "servers", path, &servers, x, d)) < 0)
        goto out;
    if (!(a = calloc(servers.n ? servers.n : 1, sizeof *a))) {
        rc = CD_ENOMEM;
        goto out;
    }
    answers_init(&t, servers.n, a);
    soa_answers(x, servers.n, a, v1);
    if ((rc = jr_get_array(run, "records", path, SERVERS_MAX * (QUERY_COUNT - 1), lpath, &list,
                           d)) < 0 ||
        (list && (rc = read_records(list, lpath, &t, &servers, a, v1, d)) < 0))
        goto out;
    /* The judgements, for readers: checked, then worked out again from the answers. */
    if (!v1 && ((rc = jr_get_enum(run, "verdict", path, cj_verdict_names, NULL, d)) < 0 ||
                (rc = jr_get_strings(run, "findings", path, CHECKLIST_ITEMS_MAX, CHECKLIST_NOTES,
                                     NULL, NULL, d)) < 0 ||
                (rc = jr_get_strings(run, "recommended_order", path, SERVERS_MAX, SERVERS_TEXT_SIZE,
                                     NULL, NULL, d)) < 0))
        goto out;
    rc = checklist_put_run(cl, &t, &servers, (const struct probe_answer(*)[QUERY_COUNT])a, who);
    if (rc >= 0)
        rc = CD_OK;
    else if (rc == CD_EINVAL)
        rc = jr_fault_num(d, CD_EFORMAT, "checks", jr_msg_too_many, CHECKLIST_RUNS_MAX);
out:
    free(a);
    server_list_fini(&servers);
    return rc;
}

/* ---- reading: the journal ----------------------------------------------------------------- */

static int read_action(struct checklist *cl, const cJSON *it, const char *path, struct cd_diag *d)
{
    struct cl_action a;
    int type = 0, host = -1, rc;

    cl_action_init(&a);
    if (!cJSON_IsObject(it)) {
        rc = jr_fault(d, CD_EFORMAT, path, jr_msg_object, NULL);
        goto out;
    }
    if ((rc = jr_get_enum(it, "kind", path, cj_kind_names, &a.kind, d)) < 0 ||
        (rc = jr_get_enum(it, "status", path, cj_astatus_names, &a.status, d)) < 0 ||
        (rc = get_who(it, "at", path, false, &a.who, d)) < 0 ||
        (rc = jr_get_text(it, "message", path, a.message, sizeof a.message, false, d)) < 0 ||
        (rc = get_index(it, "check", path, cl->n_runs, &a.check, d)) < 0 ||
        (rc = get_index(it, "since_check", path, cl->n_runs, &a.since, d)) < 0)
        goto out;
    if (a.kind == ACTION_REORDER) {
        rc = get_servers(it, "order", path, &a.order, NULL, d);
    } else if ((rc = get_server_text(it, "server", path, &a.server, d)) == CD_OK &&
               (rc = jr_get_enum(it, "host", path, cj_host_names, &host, d)) == CD_OK &&
               (rc = jr_get_enum(it, "type", path, cj_atype_names, &type, d)) == CD_OK &&
               (rc = jr_get_text(it, "name", path, a.name, sizeof a.name, false, d)) == CD_OK &&
               (rc = jr_get_text(it, "value", path, a.value, sizeof a.value, false, d)) == CD_OK) {
        a.host = host == HOST_CLUSTER ? HOST_CLUSTER : HOST_EXCHANGE;
        a.type = type == 1 ? PROBE_AAAA : PROBE_A;
    }
    if (rc == CD_OK && (rc = checklist_add_action(cl, &a)) == CD_EINVAL)
        rc = jr_fault_num(d, CD_EFORMAT, "actions", jr_msg_too_many, CHECKLIST_ITEMS_MAX);
out:
    cl_action_fini(&a);
    return rc;
}

static int read_lookup(struct checklist *cl, const cJSON *it, const char *path, struct cl_lookup *l,
                       struct cd_diag *d)
{
    int type = 0, rc;

    (void)cl;
    memset(l, 0, sizeof *l);
    if (!cJSON_IsObject(it))
        return jr_fault(d, CD_EFORMAT, path, jr_msg_object, NULL);
    if ((rc = get_who(it, "at", path, false, &l->who, d)) < 0 ||
        (rc = get_server_text(it, "server", path, &l->server, d)) < 0 ||
        (rc = jr_get_text(it, "name", path, l->answer.qname, sizeof l->answer.qname, false, d)) <
            0 ||
        (rc = jr_get_enum(it, "type", path, cj_atype_names, &type, d)) < 0 ||
        (rc = jr_get_enum(it, "outcome", path, cj_outcome_names, &l->answer.outcome, d)) < 0)
        return rc;
    l->answer.qtype = type == 1 ? PROBE_AAAA : PROBE_A;
    return read_observed(it, path, &l->answer, d);
}

static int read_steps(struct checklist *cl, const cJSON *root, bool v1, struct cd_diag *d)
{
    bool seen[STEP_COUNT] = {false};
    char path[CD_DIAG_WHERE_MAX], ipath[CD_DIAG_WHERE_MAX], idpath[CD_DIAG_WHERE_MAX];
    const cJSON *arr, *it, *id;
    size_t i = 0;
    int n, rc;

    if ((rc = jr_get_array(root, "steps", "", STEP_COUNT, path, &arr, d)) < 0)
        return rc;
    if (!arr)
        return jr_fault(d, CD_EFORMAT, path, jr_msg_missing, NULL);
    /* Steps are found by id, in any order; those not listed stay pending. */
    cJSON_ArrayForEach(it, arr)
    {
        struct cl_step *st;

        jr_index(ipath, path, i++);
        if (!cJSON_IsObject(it))
            return jr_fault(d, CD_EFORMAT, ipath, jr_msg_object, NULL);
        if (!(id = jr_member(it, "id", ipath, idpath)))
            return jr_fault(d, CD_EFORMAT, idpath, jr_msg_missing, NULL);
        if ((rc = jr_read_name(id, idpath, cj_step_names, &n, d)) < 0)
            return rc;
        if (seen[n])
            return jr_fault(d, CD_EFORMAT, idpath, msg_step_twice, cj_step_names[n]);
        seen[n] = true;
        st = &cl->steps[n];
        /* Version 1 knew one operator for the whole file. */
        if (v1) {
            snprintf(st->done.operator_name, sizeof st->done.operator_name, "%s",
                     cl->operator_name);
            snprintf(st->done.ticket, sizeof st->done.ticket, "%s", cl->ticket);
        }
        if ((rc = jr_get_enum(it, "status", ipath, cj_status_names, &st->status, d)) < 0 ||
            (rc = get_who(it, "completed_at", ipath, true, &st->done, d)) < 0 ||
            (rc = jr_get_text(it, "notes", ipath, st->notes, sizeof st->notes, true, d)) < 0)
            return rc;
    }
    return CD_OK;
}

/* What both versions share: the case. */
static int read_case(struct checklist *cl, const cJSON *root, struct cd_diag *d)
{
    char path[CD_DIAG_WHERE_MAX];
    const cJSON *o;
    int rc;

    cl->tool_version[0] = '\0'; /* unknown, rather than this version, when absent */
    if ((rc = jr_get_text(root, "tool_version", "", cl->tool_version, sizeof cl->tool_version,
                          false, d)) < 0 ||
        (rc = jr_get_time(root, "created", "", false, true, &cl->created, d)) < 0 ||
        (rc = jr_get_time(root, "updated", "", false, true, &cl->updated, d)) < 0 ||
        (rc = jr_get_text(root, "operator", "", cl->operator_name, sizeof cl->operator_name, false,
                          d)) < 0 ||
        (rc = jr_get_text(root, "ticket", "", cl->ticket, sizeof cl->ticket, false, d)) < 0 ||
        (rc = jr_get_text(root, "group", "", cl->group, sizeof cl->group, false, d)) < 0 ||
        (rc = jr_get_text(root, "zone", "", cl->zone, sizeof cl->zone, false, d)) < 0 ||
        (rc = get_host(root, "exchange", "", &cl->exchange, d)) < 0 ||
        (rc = get_host(root, "cluster", "", &cl->cluster, d)) < 0 ||
        (rc = jr_get_object(root, "symptoms", "", path, &o, d)) < 0)
        return rc;
    if (o && ((rc = jr_get_tri(o, "setup_hangs", path, &cl->symptoms.setup_hangs, d)) < 0 ||
              (rc = jr_get_tri(o, "overlapped_io", path, &cl->symptoms.overlapped_io, d)) < 0 ||
              (rc = jr_get_tri(o, "event_4058", path, &cl->symptoms.event_4058, d)) < 0))
        return rc;
    return CD_OK;
}

static int read_v2(struct checklist *cl, const cJSON *root, struct cd_diag *d)
{
    char path[CD_DIAG_WHERE_MAX], ipath[CD_DIAG_WHERE_MAX];
    const cJSON *o, *arr, *it;
    struct cl_lookup *lookups = NULL;
    size_t i;
    int rc;

    if ((rc = read_steps(cl, root, false, d)) < 0)
        return rc;
    o = jr_member(root, "order_found", "", path);
    if (o && !cJSON_IsNull(o)) {
        struct cl_who who = {0};

        if (!cJSON_IsObject(o))
            return jr_fault(d, CD_EFORMAT, path, jr_msg_object, NULL);
        if ((rc = get_who(o, "at", path, false, &who, d)) < 0 ||
            (rc = get_servers(o, "servers", path, &cl->found, NULL, d)) < 0)
            return rc;
        cl->found_who = who;
        if (!cl->found_who.at)
            cl->found_who.at = cl->created;
    }
    if ((rc = jr_get_array(root, "checks", "", CHECKLIST_RUNS_MAX, path, &arr, d)) < 0)
        return rc;
    i = 0;
    cJSON_ArrayForEach(it, arr)
    {
        struct cl_who who = {0};

        jr_index(ipath, path, i++);
        if (!cJSON_IsObject(it))
            return jr_fault(d, CD_EFORMAT, ipath, jr_msg_object, NULL);
        if ((rc = get_who(it, "at", ipath, false, &who, d)) < 0 ||
            (rc = read_run(cl, it, ipath, false, &who, d)) < 0)
            return rc;
    }
    if ((rc = jr_get_array(root, "actions", "", CHECKLIST_ITEMS_MAX, path, &arr, d)) < 0)
        return rc;
    i = 0;
    cJSON_ArrayForEach(it, arr)
    {
        jr_index(ipath, path, i++);
        if ((rc = read_action(cl, it, ipath, d)) < 0)
            return rc;
    }
    if ((rc = jr_get_array(root, "lookups", "", CHECKLIST_ITEMS_MAX, path, &arr, d)) < 0 || !arr)
        return rc;
    if (!(lookups = calloc((size_t)cJSON_GetArraySize(arr) + 1, sizeof *lookups)))
        return CD_ENOMEM;
    i = 0;
    cJSON_ArrayForEach(it, arr)
    {
        jr_index(ipath, path, i);
        if ((rc = read_lookup(cl, it, ipath, &lookups[i], d)) < 0)
            break;
        i++;
    }
    if (rc == CD_OK)
        rc = checklist_set_lookups(cl, lookups, i);
    free(lookups);
    return rc;
}

/* Version 1: one check, its servers and records at the top, the actions in "remediation".
 * Its servers are the order found and, when it was checked, the servers of its one check;
 * its applied and failed actions are kept, what was still to do is worked out again. */
static int read_v1(struct checklist *cl, const cJSON *root, struct cd_diag *d)
{
    struct cl_who created = {.at = cl->created}, updated = {.at = cl->updated};
    char path[CD_DIAG_WHERE_MAX], ipath[CD_DIAG_WHERE_MAX];
    const cJSON *o, *arr, *it;
    int verdict = 0, rc;
    size_t i;

    snprintf(created.operator_name, sizeof created.operator_name, "%s", cl->operator_name);
    snprintf(created.ticket, sizeof created.ticket, "%s", cl->ticket);
    snprintf(updated.operator_name, sizeof updated.operator_name, "%s", cl->operator_name);
    snprintf(updated.ticket, sizeof updated.ticket, "%s", cl->ticket);
    if ((rc = read_steps(cl, root, true, d)) < 0 ||
        (rc = get_servers(root, "dns_servers", "", &cl->found, NULL, d)) < 0)
        return rc;
    if (cl->found.n)
        cl->found_who = created;
    if ((rc = jr_get_strings(root, "recommended_order", "", SERVERS_MAX, SERVERS_TEXT_SIZE, NULL,
                             NULL, d)) < 0 ||
        (rc = jr_get_object(root, "verdict", "", path, &o, d)) < 0)
        return rc;
    if (o && ((rc = jr_get_enum(o, "status", path, cj_v1_verdict_names, &verdict, d)) < 0 ||
              (rc = jr_get_strings(o, "findings", path, CHECKLIST_ITEMS_MAX, CHECKLIST_NOTES, NULL,
                                   NULL, d)) < 0))
        return rc;
    if (verdict != 0 && (rc = read_run(cl, root, "", true, &updated, d)) < 0)
        return rc;
    if ((rc = jr_get_array(root, "remediation", "", CHECKLIST_ITEMS_MAX, path, &arr, d)) < 0)
        return rc;
    i = 0;
    cJSON_ArrayForEach(it, arr)
    {
        struct cl_action a;
        char order[NAMES_FQDN_SIZE]; /* a reorder's value held the order */
        int status = 0, type = 0, kind = 0;

        jr_index(ipath, path, i++);
        if (!cJSON_IsObject(it))
            return jr_fault(d, CD_EFORMAT, ipath, jr_msg_object, NULL);
        cl_action_init(&a);
        a.who = updated;
        /* Its one check is the one made after them (the wizard's, the --apply's). */
        a.check = CHECKLIST_NONE;
        if ((rc = jr_get_enum(it, "kind", ipath, cj_kind_names, &kind, d)) < 0 ||
            (rc = jr_get_enum(it, "status", ipath, cj_v1_astatus_names, &status, d)) < 0 ||
            (rc = jr_get_enum(it, "type", ipath, cj_v1_atype_names, &type, d)) < 0 ||
            (rc = jr_get_time(it, "applied_at", ipath, true, false, &a.who.at, d)) < 0 ||
            (rc = jr_get_text(it, "name", ipath, a.name, sizeof a.name, false, d)) < 0 ||
            (rc = kind == ACTION_REORDER
                      ? jr_get_text(it, "value", ipath, order, sizeof order, false, d)
                      : jr_get_text(it, "value", ipath, a.value, sizeof a.value, false, d)) < 0)
            return rc;
        /* What was still to do, and the order, are the last check's to say now. */
        if (status == 0 || kind == ACTION_REORDER)
            continue;
        a.kind = (enum cl_action_kind)kind;
        a.status = status == 1 ? ACTION_APPLIED : ACTION_FAILED;
        a.type = type == 2 ? PROBE_AAAA : PROBE_A;
        a.host = cl->n_runs && strcasecmp(a.name, cl->runs[0].target.fqdn[HOST_CLUSTER]) == 0
                     ? HOST_CLUSTER
                     : HOST_EXCHANGE;
        if (!a.who.at)
            a.who.at = cl->updated;
        if ((rc = get_server_text(it, "server", ipath, &a.server, d)) < 0 ||
            (rc = checklist_add_action(cl, &a)) < 0)
            return rc == CD_EINVAL
                       ? jr_fault_num(d, CD_EFORMAT, path, jr_msg_too_many, CHECKLIST_ITEMS_MAX)
                       : rc;
    }
    return CD_OK;
}

/* "clusterdns-checklist/N" with N > 2 comes from a newer clusterdns; anything else is not
 * ours. *v1 tells the two versions read here apart. */
static int read_identity(const cJSON *root, bool *v1, struct cd_diag *d)
{
    static const char prefix[] = "clusterdns-checklist/";
    const cJSON *it = cJSON_GetObjectItemCaseSensitive(root, "schema");
    char path[CD_DIAG_WHERE_MAX], shown[CD_DIAG_ARG_MAX];
    const char *v, *n;
    int kb;

    if (!it)
        return jr_fault(d, CD_EFORMAT, "schema", jr_msg_missing, NULL);
    if (!cJSON_IsString(it))
        return jr_fault(d, CD_EFORMAT, "schema", jr_msg_string, NULL);
    v = it->valuestring;
    *v1 = strcmp(v, CHECKLIST_SCHEMA_V1) == 0;
    if (!*v1 && strcmp(v, CHECKLIST_SCHEMA) != 0) {
        n = strncmp(v, prefix, sizeof prefix - 1) == 0 ? v + sizeof prefix - 1 : "";
        jr_text_clean(shown, v, sizeof shown, false); /* no escape sequences to the terminal */
        if (n[0] >= '1' && n[0] <= '9' && strspn(n, "0123456789") == strlen(n))
            return jr_fault(d, CD_EFORMAT, "schema", msg_newer, shown);
        return jr_fault(d, CD_EFORMAT, "schema", msg_foreign, shown);
    }
    if (!(it = jr_member(root, "kb", "", path)))
        return jr_fault(d, CD_EFORMAT, path, jr_msg_missing, NULL);
    return jr_read_name(it, path, cj_kb_names, &kb, d);
}

static int read_document(const cJSON *root, struct checklist *cl, struct cd_diag *d)
{
    bool v1;
    int rc;

    if (!cJSON_IsObject(root))
        return jr_fault(d, CD_EFORMAT, "", msg_not_object, NULL);
    if ((rc = read_identity(root, &v1, d)) < 0 || (rc = read_case(cl, root, d)) < 0)
        return rc;
    return v1 ? read_v1(cl, root, d) : read_v2(cl, root, d);
}

int checklist_from_json(const char *text, size_t len, struct checklist *cl, struct cd_diag *d)
{
    cJSON *root = NULL;
    int rc;

    checklist_fini(cl);
    checklist_init(cl);
    rc = jr_parse(text, len, &root, d);
    if (rc == CD_OK)
        rc = read_document(root, cl, d);
    if (rc == CD_ENOMEM) /* from the checklist_add_* calls */
        diag_set(d, rc, NULL, "", jr_msg_nomem, NULL, NULL);
    if (rc < 0) {
        checklist_fini(cl);
        checklist_init(cl);
    }
    cJSON_Delete(root);
    return rc;
}
