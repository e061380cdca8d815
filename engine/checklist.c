#include "config.h"

#include "checklist.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "checklist_json.h"
#include "fileio.h"
#include "i18n.h"
#include "rules.h"

static const char *const msg_nomem = N_("out of memory");

/* ---- the model ---------------------------------------------------------------------- */

void checklist_init(struct checklist *cl)
{
    memset(cl, 0, sizeof *cl);
    snprintf(cl->tool_version, sizeof cl->tool_version, "%s", PACKAGE_VERSION);
    cl->created = cl->updated = time(NULL);
    server_list_init(&cl->found);
}

static void run_fini(struct cl_run *r)
{
    server_list_fini(&r->servers);
    free(r->answers);
    records_eval_fini(&r->eval);
}

void cl_action_init(struct cl_action *a)
{
    memset(a, 0, sizeof *a);
    server_list_init(&a->order);
    a->check = a->since = CHECKLIST_NONE;
    a->type = PROBE_A;
}

void cl_action_fini(struct cl_action *a)
{
    server_list_fini(&a->order);
}

void checklist_fini(struct checklist *cl)
{
    for (size_t i = 0; i < cl->n_runs; i++)
        run_fini(&cl->runs[i]);
    for (size_t i = 0; i < cl->n_actions; i++)
        cl_action_fini(&cl->actions[i]);
    free(cl->runs);
    free(cl->actions);
    free(cl->lookups);
    server_list_fini(&cl->found);
    memset(cl, 0, sizeof *cl);
}

void checklist_set_target(struct checklist *cl, const struct records_target *t)
{
    struct cl_host *host[HOST_COUNT] = {&cl->exchange, &cl->cluster};

    snprintf(cl->zone, sizeof cl->zone, "%s", t->zone);
    for (int h = 0; h < HOST_COUNT; h++) {
        snprintf(host[h]->name, sizeof host[h]->name, "%s", t->name[h]);
        snprintf(host[h]->fqdn, sizeof host[h]->fqdn, "%s", t->fqdn[h]);
        snprintf(host[h]->ip, sizeof host[h]->ip, "%s", t->ip[h].text);
    }
}

void checklist_who(const struct checklist *cl, struct cl_who *who)
{
    memset(who, 0, sizeof *who);
    who->at = time(NULL);
    snprintf(who->operator_name, sizeof who->operator_name, "%s", cl->operator_name);
    snprintf(who->ticket, sizeof who->ticket, "%s", cl->ticket);
}

/* Room for item n: arrays hold a power of two of items, so n alone says when to grow. */
static void *grow(void *v, size_t n, size_t size)
{
    if (n & (n - 1))
        return v;
    return realloc(v, (n ? 2 * n : 1) * size);
}

/* ---- the node's order --------------------------------------------------------------- */

int checklist_set_found(struct checklist *cl, const struct server_list *servers,
                        const struct cl_who *who)
{
    if (cl->found_who.at)
        return CD_OK;
    if (server_list_copy(&cl->found, servers) < 0)
        return CD_ENOMEM;
    cl->found_who = *who;
    if (!cl->found_who.at)
        cl->found_who.at = time(NULL);
    return CD_OK;
}

/* The last reorder action with one of the statuses in mask (1 << status), or NULL. */
static const struct cl_action *last_reorder(const struct checklist *cl, unsigned mask)
{
    for (size_t i = cl->n_actions; i-- > 0;)
        if (cl->actions[i].kind == ACTION_REORDER && (mask >> cl->actions[i].status & 1))
            return &cl->actions[i];
    return NULL;
}

#define ANY_STATUS (~0u)
#define ON_NODE (1u << ACTION_CONFIRMED | 1u << ACTION_SEEN_DONE)

const struct server_list *checklist_servers(const struct checklist *cl)
{
    const struct cl_action *a = last_reorder(cl, ANY_STATUS);

    if (a)
        return &a->order;
    if (cl->found_who.at)
        return &cl->found;
    return cl->n_runs ? &cl->runs[cl->n_runs - 1].servers : NULL;
}

const struct server_list *checklist_node_order(const struct checklist *cl)
{
    const struct cl_action *a = last_reorder(cl, ON_NODE);

    if (a)
        return &a->order;
    return cl->found_who.at ? &cl->found : NULL;
}

const struct server_list *checklist_planned_order(const struct checklist *cl)
{
    const struct cl_action *a = last_reorder(cl, ANY_STATUS);
    const struct server_list *node = checklist_node_order(cl);

    if (!a || a->status != ACTION_PLANNED || (node && server_list_equal(node, &a->order)))
        return NULL;
    return &a->order;
}

static int add_reorder(struct checklist *cl, const struct server_list *order,
                       enum cl_action_status status, const struct cl_who *who)
{
    struct cl_action a;
    int rc;

    cl_action_init(&a);
    a.kind = ACTION_REORDER;
    a.status = status;
    a.who = *who;
    a.check = cl->n_runs ? cl->n_runs - 1 : CHECKLIST_NONE;
    if ((rc = server_list_copy(&a.order, order)) == CD_OK)
        rc = checklist_add_action(cl, &a);
    cl_action_fini(&a);
    return rc;
}

int checklist_note_servers(struct checklist *cl, const struct server_list *servers, bool from_node,
                           const struct cl_who *who)
{
    const struct server_list *now;

    if (!cl->found_who.at && from_node)
        return checklist_set_found(cl, servers, who);
    now = checklist_servers(cl);
    if (!now || server_list_equal(now, servers))
        return CD_OK;
    return add_reorder(cl, servers, ACTION_PLANNED, who);
}

int checklist_confirm_order(struct checklist *cl, const struct cl_who *who, struct cd_diag *d)
{
    const struct server_list *planned = checklist_planned_order(cl);

    if (!planned)
        return diag_set(d, CD_EINVAL, NULL, NULL,
                        N_("No change of the node's DNS server order is planned: nothing to "
                           "confirm."),
                        NULL, NULL);
    return add_reorder(cl, planned, ACTION_CONFIRMED, who);
}

/* ---- check runs --------------------------------------------------------------------- */

static bool same_target(const struct records_target *a, const struct records_target *b)
{
    if (strcmp(a->zone, b->zone) != 0)
        return false;
    for (int h = 0; h < HOST_COUNT; h++)
        if (strcasecmp(a->fqdn[h], b->fqdn[h]) != 0 || !names_ip_equal(&a->ip[h], &b->ip[h]))
            return false;
    return true;
}

/* Whether the tool applied (or tried) the record of host h on server after run since. */
static bool applied_since(const struct checklist *cl, const struct dns_server *server, int h,
                          size_t since)
{
    for (size_t i = 0; i < cl->n_actions; i++) {
        const struct cl_action *a = &cl->actions[i];

        if (a->kind != ACTION_REORDER && a->status == ACTION_APPLIED && (int)a->host == h &&
            server_same(&a->server, server) && a->check != CHECKLIST_NONE && a->check >= since)
            return true;
    }
    return false;
}

/* The records run m shows done outside the tool since the previous run of its target. */
static int note_seen_done(struct checklist *cl, size_t m)
{
    const struct cl_run *now = &cl->runs[m], *before = NULL;
    size_t p;
    int rc;

    for (p = m; p-- > 0;)
        if (same_target(&cl->runs[p].target, &now->target)) {
            before = &cl->runs[p];
            break;
        }
    if (!before)
        return CD_OK;
    for (size_t i = 0; i < now->servers.n; i++) {
        size_t j = server_list_find(&before->servers, &now->servers.v[i]);

        if (j == (size_t)-1)
            continue;
        for (int h = 0; h < HOST_COUNT; h++) {
            enum records_query q = h == HOST_EXCHANGE ? QUERY_EXCHANGE : QUERY_CLUSTER;
            enum record_status was = before->eval.server[j].status[q];
            struct cl_action a;

            if (now->eval.server[i].status[q] != REC_OK ||
                (was != REC_MISSING && was != REC_WRONG) ||
                applied_since(cl, &now->servers.v[i], h, p))
                continue;
            cl_action_init(&a);
            a.kind = was == REC_MISSING ? ACTION_ADD_RECORD : ACTION_FIX_RECORD;
            a.status = ACTION_SEEN_DONE;
            a.who = now->who;
            a.server = now->servers.v[i];
            a.host = (enum records_host)h;
            a.type = now->target.ip[h].family == AF_INET6 ? PROBE_AAAA : PROBE_A;
            snprintf(a.name, sizeof a.name, "%s", now->target.fqdn[h]);
            snprintf(a.value, sizeof a.value, "%s", now->target.ip[h].text);
            a.check = m;
            a.since = p;
            rc = checklist_add_action(cl, &a);
            cl_action_fini(&a);
            if (rc < 0)
                return rc;
        }
    }
    return CD_OK;
}

int checklist_put_run(struct checklist *cl, const struct records_target *t,
                      const struct server_list *servers,
                      const struct probe_answer (*answers)[QUERY_COUNT], const struct cl_who *who)
{
    struct cl_run r, *v;
    size_t n = servers->n;

    if (cl->n_runs >= CHECKLIST_RUNS_MAX)
        return CD_EINVAL;
    memset(&r, 0, sizeof r);
    server_list_init(&r.servers);
    r.who = *who;
    r.target = *t;
    r.answers = calloc(n ? n : 1, sizeof *r.answers);
    if (!r.answers || server_list_copy(&r.servers, servers) < 0)
        goto nomem;
    if (n)
        memcpy(r.answers, answers, n * sizeof *r.answers);
    if (records_evaluate(&r.target, &r.servers,
                         (const struct probe_answer(*)[QUERY_COUNT])r.answers, &r.eval) < 0)
        goto nomem;
    if (!(v = grow(cl->runs, cl->n_runs, sizeof *v)))
        goto nomem;
    cl->runs = v;
    v[cl->n_runs++] = r;
    return (int)(cl->n_runs - 1);
nomem:
    run_fini(&r);
    return CD_ENOMEM;
}

int checklist_add_check(struct checklist *cl, const struct records_target *t,
                        const struct server_list *servers,
                        const struct probe_answer (*answers)[QUERY_COUNT], const struct cl_who *who)
{
    int m = checklist_put_run(cl, t, servers, answers, who);

    if (m < 0)
        return m;
    if (note_seen_done(cl, (size_t)m) < 0)
        return CD_ENOMEM;
    return m;
}

void checklist_drop_last_check(struct checklist *cl)
{
    size_t m, k = 0;

    if (cl->n_runs == 0)
        return;
    m = --cl->n_runs;
    run_fini(&cl->runs[m]);
    /* What that run alone showed goes with it; what rests on it stays, on the run before. */
    for (size_t i = 0; i < cl->n_actions; i++) {
        struct cl_action *a = &cl->actions[i];

        if (a->status == ACTION_SEEN_DONE && a->check == m) {
            cl_action_fini(a);
            continue;
        }
        if (a->check == m)
            a->check = m ? m - 1 : CHECKLIST_NONE;
        cl->actions[k++] = *a;
    }
    cl->n_actions = k;
}

const struct cl_run *checklist_last_check(const struct checklist *cl)
{
    return cl->n_runs ? &cl->runs[cl->n_runs - 1] : NULL;
}

/* ---- actions, lookups, steps -------------------------------------------------------- */

int checklist_add_action(struct checklist *cl, const struct cl_action *a)
{
    struct cl_action *v, copy = *a;

    if (cl->n_actions >= CHECKLIST_ITEMS_MAX)
        return CD_EINVAL;
    server_list_init(&copy.order);
    if (server_list_copy(&copy.order, &a->order) < 0)
        return CD_ENOMEM;
    if (!(v = grow(cl->actions, cl->n_actions, sizeof *v))) {
        cl_action_fini(&copy);
        return CD_ENOMEM;
    }
    cl->actions = v;
    v[cl->n_actions++] = copy;
    return CD_OK;
}

int checklist_set_lookups(struct checklist *cl, const struct cl_lookup *v, size_t n)
{
    struct cl_lookup *copy = NULL;

    if (n > CHECKLIST_ITEMS_MAX)
        return CD_EINVAL;
    if (n && !(copy = malloc(n * sizeof *copy)))
        return CD_ENOMEM;
    if (n)
        memcpy(copy, v, n * sizeof *copy);
    free(cl->lookups);
    cl->lookups = copy;
    cl->n_lookups = n;
    return CD_OK;
}

void checklist_finish_step(struct checklist *cl, enum step_id id, const struct cl_who *who)
{
    struct cl_step *st;

    if ((unsigned)id >= STEP_COUNT)
        return;
    st = &cl->steps[id];
    st->status = rules_step(cl, id);
    st->done = *who;
    if (st->status == STEP_PENDING)
        st->done.at = 0;
}

void checklist_finish_checked_steps(struct checklist *cl, const struct cl_who *who)
{
    static const enum step_id proved[] = {STEP_NAMES, STEP_DNS_ORDER, STEP_HOST_RECORDS};

    cl->updated = who->at;
    for (size_t i = 0; i < sizeof proved / sizeof *proved; i++)
        checklist_finish_step(cl, proved[i], who);
}

void checklist_rejudge_steps(struct checklist *cl)
{
    static const enum step_id live[] = {STEP_DNS_ORDER, STEP_HOST_RECORDS};

    for (size_t i = 0; i < sizeof live / sizeof *live; i++) {
        struct cl_step *st = &cl->steps[live[i]];
        enum step_status now = rules_step(cl, live[i]);

        if (st->done.at && (st->status == STEP_DONE || st->status == STEP_FAILED) &&
            now != STEP_PENDING)
            st->status = now;
    }
}

/* ---- time ------------------------------------------------------------------------- */

const char *checklist_time_format(time_t t, char *buf, size_t n)
{
    struct tm tm;

    if (n == 0)
        return buf;
    buf[0] = '\0';
    if (n < 21 || t < 0 || !gmtime_r(&t, &tm) || tm.tm_year + 1900 > 9999)
        return buf;
    strftime(buf, n, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

time_t checklist_time_parse(const char *s)
{
    static const char shape[] = "dddd-dd-ddTdd:dd:ddZ";
    struct tm tm = {0}, back;
    time_t t;

    if (!s || strlen(s) != sizeof shape - 1)
        return -1;
    for (size_t i = 0; shape[i]; i++)
        if (shape[i] == 'd' ? s[i] < '0' || s[i] > '9' : s[i] != shape[i])
            return -1;
    tm.tm_year = atoi(s) - 1900;
    tm.tm_mon = atoi(s + 5) - 1;
    tm.tm_mday = atoi(s + 8);
    tm.tm_hour = atoi(s + 11);
    tm.tm_min = atoi(s + 14);
    tm.tm_sec = atoi(s + 17);
    if (tm.tm_year < 70)
        return -1;
    /* timegm() normalises 02-30 or 24:00:00; a date that does not read back is not one. */
    back = tm;
    t = timegm(&back);
    if (t < 0 || back.tm_year != tm.tm_year || back.tm_mon != tm.tm_mon ||
        back.tm_mday != tm.tm_mday || back.tm_hour != tm.tm_hour || back.tm_min != tm.tm_min ||
        back.tm_sec != tm.tm_sec)
        return -1;
    return t;
}

/* ---- files: the engine's file layer (fileio) ------------------------------------------ */

int checklist_load(const char *path, struct checklist *cl, struct cd_diag *d)
{
    char *text = NULL;
    size_t len = 0;
    int rc = fileio_read(path, &text, &len, d);

    if (rc == CD_OK) {
        rc = checklist_from_json(text, len, cl, d);
    } else {
        checklist_fini(cl);
        checklist_init(cl);
    }
    free(text);
    return rc;
}

int checklist_save(const struct checklist *cl, const char *path, struct cd_diag *d)
{
    char *text = NULL, *line;
    size_t n;
    int rc;

    if ((rc = checklist_to_json(cl, &text, d)) < 0)
        return rc;
    n = strlen(text);
    if (!(line = realloc(text, n + 2))) {
        free(text);
        return diag_set(d, CD_ENOMEM, NULL, "", msg_nomem, NULL, NULL);
    }
    memcpy(line + n, "\n", 2);
    rc = fileio_write(path, line, n + 1, d);
    free(line);
    return rc;
}
