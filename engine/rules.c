#include "config.h"

#include "rules.h"

#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "text.h"

static const enum records_query host_query[HOST_COUNT] = {QUERY_EXCHANGE, QUERY_CLUSTER};

bool rules_records_held(const struct cl_run *run)
{
    if (!run)
        return false;
    for (size_t i = 0; i < run->eval.n; i++) {
        const struct records_server *s = &run->eval.server[i];

        if (s->role == ROLE_LOCAL && s->status[QUERY_EXCHANGE] == REC_OK &&
            s->status[QUERY_CLUSTER] == REC_OK)
            return true;
    }
    return false;
}

bool rules_order_resolves(const struct cl_run *run, const struct server_list *order)
{
    enum probe_outcome o[SERVERS_MAX];
    size_t at[SERVERS_MAX], n = order->n < SERVERS_MAX ? order->n : SERVERS_MAX;

    for (size_t k = 0; k < n; k++)
        at[k] = server_list_find(&run->servers, &order->v[k]);
    for (int h = 0; h < HOST_COUNT; h++) {
        enum records_query q = host_query[h];
        size_t k, i;
        bool pending;

        for (k = 0; k < n; k++)
            o[k] = at[k] == (size_t)-1 ? PROBE_PENDING : run->answers[at[k]][q].outcome;
        k = records_walk(o, n, &pending);
        if (k == RECORDS_NONE || pending)
            return false;
        /* The server the node takes its answer from holds the record, or is the local DNS
         * the fix adds it on: then the order is right, and the records are what is left. */
        i = at[k];
        if (run->eval.server[i].status[q] != REC_OK && !run->eval.server[i].authoritative)
            return false;
    }
    return true;
}

/* The node's order as the journal knows it, else the order the run asked. */
static const struct server_list *node_order(const struct checklist *cl, const struct cl_run *run)
{
    const struct server_list *node = checklist_node_order(cl);

    return node ? node : &run->servers;
}

/* The node's order is the one the operator confirmed was set there (the last change seen
 * on the node is that confirmation). */
static bool order_confirmed(const struct checklist *cl)
{
    for (size_t i = cl->n_actions; i-- > 0;) {
        const struct cl_action *a = &cl->actions[i];

        if (a->kind == ACTION_REORDER &&
            (a->status == ACTION_CONFIRMED || a->status == ACTION_SEEN_DONE))
            return a->status == ACTION_CONFIRMED;
    }
    return false;
}

bool rules_order_holds(const struct checklist *cl)
{
    const struct cl_run *run = checklist_last_check(cl);

    if (!run)
        return false;
    return order_confirmed(cl) || rules_order_resolves(run, node_order(cl, run));
}

enum step_status rules_step(const struct checklist *cl, enum step_id id)
{
    const struct cl_run *run = checklist_last_check(cl);

    switch (id) {
    case STEP_DNS_ORDER:
        if (!run || run->eval.verdict == VERDICT_INCOMPLETE)
            return STEP_PENDING;
        return rules_order_holds(cl) ? STEP_DONE : STEP_FAILED;
    case STEP_HOST_RECORDS:
        if (!run || run->eval.verdict == VERDICT_INCOMPLETE)
            return STEP_PENDING;
        return rules_records_held(run) ? STEP_DONE : STEP_FAILED;
    default:
        return STEP_DONE;
    }
}

static void fix_records(struct rules_fix *f)
{
    const struct records_eval *e = &f->run->eval;

    for (int h = 0; h < HOST_COUNT; h++) {
        for (size_t i = 0; i < e->n; i++) {
            enum record_status st = e->server[i].status[host_query[h]];

            if (!e->server[i].authoritative || (st != REC_MISSING && st != REC_WRONG))
                continue;
            f->records[f->n].kind = st == REC_MISSING ? ACTION_ADD_RECORD : ACTION_FIX_RECORD;
            f->records[f->n].server = i;
            f->records[f->n].host = (enum records_host)h;
            f->n++;
        }
    }
}

/* The order to put on the node: the planned one when it resolves both names (or when the
 * node's order holds already: the plan is the operator's wish), else the run's recommended
 * order. */
static int fix_order(const struct checklist *cl, struct rules_fix *f)
{
    const struct server_list *planned = checklist_planned_order(cl);
    const struct records_eval *e = &f->run->eval;
    struct cd_diag d;

    if (planned && (rules_order_resolves(f->run, planned) || rules_order_holds(cl)))
        return server_list_copy(&f->order, planned);
    for (size_t k = 0; k < e->n; k++)
        if (server_list_add(&f->order, &f->run->servers.v[e->recommended[k]], &d) < 0)
            return d.code;
    return CD_OK;
}

int rules_fix(const struct checklist *cl, struct rules_fix *f)
{
    int rc;

    memset(f, 0, sizeof *f);
    server_list_init(&f->order);
    if (!(f->run = checklist_last_check(cl)))
        return CD_OK;
    f->node = node_order(cl, f->run);
    fix_records(f);
    /* The order changes when it does not hold, or when the operator planned another one. */
    if (f->run->eval.verdict == VERDICT_INCOMPLETE ||
        (rules_order_holds(cl) && !checklist_planned_order(cl)))
        return CD_OK;
    if ((rc = fix_order(cl, f)) < 0) {
        rules_fix_fini(f);
        return rc;
    }
    /* The order to set may be the node's already (nothing holds the records yet): then
     * the records are what is left, not the order. */
    f->reorder = !server_list_equal(&f->order, f->node);
    return CD_OK;
}

void rules_fix_fini(struct rules_fix *f)
{
    server_list_fini(&f->order);
    f->reorder = false;
}

int rules_text(const char *text, size_t max, bool multiline, bool required, const char *field,
               struct cd_diag *d)
{
    char pos[24], n1[24], n2[24];
    size_t at, len;

    if (!*text)
        return required ? diag_set(d, CD_EINVAL, field, NULL, N_("is required"), NULL, NULL)
                        : CD_OK;
    switch (text_check(text, multiline, &at)) {
    case TEXT_NOT_UTF8:
        snprintf(pos, sizeof pos, "%zu", at);
        return diag_set(d, CD_EINVAL, field, NULL,
                        N_("is not valid UTF-8 text (at character %1$s); type it again in "
                           "a UTF-8 terminal"),
                        pos, NULL);
    case TEXT_CONTROL:
        snprintf(pos, sizeof pos, "%zu", at);
        return diag_set(d, CD_EINVAL, field, NULL,
                        multiline ? N_("contains a control character at character %1$s; "
                                       "only new lines and tabs are allowed")
                                  : N_("contains a control character at character %1$s"),
                        pos, NULL);
    case TEXT_OK:
        break;
    }
    if ((len = strlen(text)) > max) {
        snprintf(n1, sizeof n1, "%zu", len);
        snprintf(n2, sizeof n2, "%zu", max);
        return diag_set(d, CD_EINVAL, field, NULL,
                        N_("is %1$s bytes long; the checklist keeps at most %2$s"), n1, n2);
    }
    return CD_OK;
}
