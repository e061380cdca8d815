/* A session's apply queue: the fix's records sent by dynamic update (the real nsupdate),
 * one server after the other, without blocking the front end's loop; each outcome goes to
 * the journal, then the servers are checked again. */
#include "config.h"

#include "session_priv.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"

static void start_next_apply(struct session *s)
{
    struct cd_diag d;

    while (!s->job && s->next_queue < s->apply_queue.n) {
        const struct dns_server *server = &s->apply_queue.v[s->next_queue++];

        diag_clear(&d);
        s->job = apply_start(&s->cl, server, NULL, &d);
        if (!s->job) {
            s->apply_failed++;
            s->apply_err = d;
        }
    }
}

/* When the last server is done, what they hold now is asked, as the operator asked. */
static void after_apply(struct session *s)
{
    if (!s->job)
        session_recheck(s, NULL);
}

bool session_process_apply(struct session *s)
{
    struct cd_diag d;

    if (!s->job)
        return false;
    apply_job_process(s->job);
    if (!apply_job_done(s->job))
        return false;
    diag_clear(&d);
    if (apply_job_finish(s->job, &d) < 0) {
        s->apply_failed++;
        s->apply_err = d;
    }
    s->job = NULL;
    start_next_apply(s);
    after_apply(s);
    return true;
}

void apply_plan_fini(struct apply_plan *p)
{
    for (size_t i = 0; i < p->n; i++)
        free(p->v[i].script);
    free(p->v);
    memset(p, 0, sizeof *p);
}

/* The fix's servers into servers (initialised here), and the plan of their updates. */
static int plan(struct session *s, struct server_list *servers, struct apply_plan *p,
                struct cd_diag *d)
{
    int rc = CD_OK;

    memset(p, 0, sizeof *p);
    server_list_init(servers);
    if (s->job)
        return diag_set(d, CD_EINVAL, NULL, NULL, N_("The records are being sent already."), NULL,
                        NULL);
    if (!s->check_complete || !s->check || !check_done(s->check))
        return diag_set(d, CD_EINVAL, NULL, NULL,
                        N_("The check has not finished: wait for its answers first."), NULL, NULL);
    if (apply_servers(&s->cl, servers) < 0)
        return diag_set(d, CD_ENOMEM, NULL, NULL, N_("out of memory"), NULL, NULL);
    if (servers->n == 0)
        return diag_set(d, CD_EINVAL, NULL, NULL,
                        N_("Nothing to add: no local DNS lacks a record the check found."), NULL,
                        NULL);
    if (!(p->v = calloc(servers->n, sizeof *p->v))) {
        server_list_fini(servers);
        return diag_set(d, CD_ENOMEM, NULL, NULL, N_("out of memory"), NULL, NULL);
    }
    for (size_t i = 0; i < servers->n && rc == CD_OK; i++) {
        server_format(&servers->v[i], p->v[i].server, sizeof p->v[i].server);
        rc = apply_script(&s->cl, &servers->v[i], NULL, &p->v[i].script, d);
        p->n = i + 1;
    }
    if (rc != CD_OK) {
        apply_plan_fini(p);
        server_list_fini(servers);
    }
    return rc;
}

int session_apply_plan(struct session *s, struct apply_plan *p, struct cd_diag *d)
{
    struct server_list servers;
    int rc = plan(s, &servers, p, d);

    server_list_fini(&servers);
    return rc;
}

static bool plans_equal(const struct apply_plan *a, const struct apply_plan *b)
{
    if (a->n != b->n)
        return false;
    for (size_t i = 0; i < a->n; i++)
        if (strcmp(a->v[i].server, b->v[i].server) != 0 ||
            strcmp(a->v[i].script, b->v[i].script) != 0)
            return false;
    return true;
}

int session_apply(struct session *s, const struct apply_plan *shown, struct cd_diag *d)
{
    struct server_list servers;
    struct apply_plan now;
    int rc;

    if ((rc = plan(s, &servers, &now, d)) != CD_OK)
        return rc;
    /* What was shown is what is sent: anything else, and nothing is. */
    if (!plans_equal(&now, shown)) {
        apply_plan_fini(&now);
        server_list_fini(&servers);
        return diag_set(d, CD_EINVAL, NULL, NULL,
                        N_("The updates changed since they were shown (a check ended): nothing "
                           "was sent. Look at them again."),
                        NULL, NULL);
    }
    apply_plan_fini(&now);
    /* The check the fix comes from is kept: the updates rest on it. */
    session_commit(s);
    server_list_fini(&s->apply_queue);
    s->apply_queue = servers;
    s->next_queue = 0;
    s->apply_first_action = s->cl.n_actions;
    s->apply_failed = 0;
    diag_clear(&s->apply_err);
    s->unsaved = true;
    start_next_apply(s);
    after_apply(s); /* none could even start */
    return CD_OK;
}

bool session_applying(const struct session *s)
{
    return s->job != NULL;
}

const struct cd_diag *session_apply_error(const struct session *s, size_t *failed)
{
    if (failed)
        *failed = s->apply_failed;
    return s->apply_failed ? &s->apply_err : NULL;
}

size_t session_applied(const struct session *s)
{
    size_t n = 0;

    for (size_t i = s->apply_first_action; i < s->cl.n_actions; i++)
        n += s->cl.actions[i].status == ACTION_APPLIED;
    return n;
}
