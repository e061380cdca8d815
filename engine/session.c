/* A wizard session: its life (new, resumed, freed), the journal it keeps (the points where
 * the operator acts on what is shown), the KB's steps, and saving. The fields, the server
 * list, the live DNS work and the apply queue are the other session_*.c modules'. */
#include "config.h"

#include "session_priv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "rules.h"
#include "state.h"

#define PATH_SIZE (SESSION_TEXT_MAX + sizeof ".unsaved.json")

static const char msg_no_server[] = N_("Give at least one DNS server");
static const char msg_running[] =
    N_("Still waiting for answers from %1$s DNS server(s): at most %2$s s more, then a silent "
       "one is given up and F10 works");

/* ---- the journal ------------------------------------------------------------------------ */

void session_commit(struct session *s)
{
    size_t n = s->cl.n_actions;
    struct cl_who who;

    checklist_who(&s->cl, &who);
    if (s->servers_changed_at)
        who.at = s->servers_changed_at; /* a reorder is planned when the list changed */
    if (s->servers.n && checklist_note_servers(&s->cl, &s->servers, s->servers_from_node, &who) < 0)
        return;
    /* ... on what was shown then, not on the check of the new list made since. */
    if (s->cl.n_actions > n && s->servers_changed_at)
        s->cl.actions[n].check = s->servers_changed_check;
    s->run_provisional = false;
    checklist_rejudge_steps(&s->cl);
}

static void claim(struct cl_who *who, const struct checklist *cl)
{
    if (!who->operator_name[0])
        snprintf(who->operator_name, sizeof who->operator_name, "%s", cl->operator_name);
    if (!who->ticket[0])
        snprintf(who->ticket, sizeof who->ticket, "%s", cl->ticket);
}

/* The operator types a name on the last step, after the events: this session's events made
 * without a name are the operator's (never another session's). */
static void claim_events(struct session *s)
{
    struct checklist *cl = &s->cl;

    for (size_t i = s->runs_base; i < cl->n_runs; i++)
        claim(&cl->runs[i].who, cl);
    for (size_t i = s->actions_base; i < cl->n_actions; i++)
        claim(&cl->actions[i].who, cl);
    for (int i = 0; i < STEP_COUNT; i++)
        if (cl->steps[i].done.at >= s->started)
            claim(&cl->steps[i].done, cl);
    if (cl->found_who.at >= s->started)
        claim(&cl->found_who, cl);
}

const struct server_list *session_node_order(const struct session *s)
{
    return checklist_node_order(&s->cl);
}

const struct server_list *session_order_to_confirm(const struct session *s)
{
    const struct server_list *node = checklist_node_order(&s->cl);

    if (s->servers.n == 0 || !node || server_list_equal(node, &s->servers))
        return NULL;
    return &s->servers;
}

int session_confirm_order(struct session *s, struct cd_diag *d)
{
    struct cl_who who;
    int rc;

    if (!session_order_to_confirm(s))
        return diag_set(d, CD_EINVAL, NULL, NULL,
                        N_("No change of the node's DNS server order is planned: nothing to "
                           "confirm."),
                        NULL, NULL);
    session_commit(s);
    checklist_who(&s->cl, &who);
    if ((rc = checklist_confirm_order(&s->cl, &who, d)) == CD_OK)
        s->unsaved = true;
    return rc;
}

/* ---- lifecycle ---------------------------------------------------------------------------- */

/* A loaded value: an empty one counts as never set, so a half-done checklist opens without
 * "is required" on every field it has not reached. */
static void load_field(struct session *s, enum session_field f, const char *text)
{
    if (session_store(s, f, text))
        s->f[f].touched = *text != '\0';
}

static int load(struct session *s, const char *path, struct cd_diag *d)
{
    struct checklist *cl = &s->cl;
    int rc;

    if ((rc = checklist_load(path, cl, d)) != CD_OK)
        return rc;
    load_field(s, SF_ZONE, cl->zone);
    load_field(s, SF_EXCHANGE_NAME, cl->exchange.name);
    load_field(s, SF_EXCHANGE_IP, cl->exchange.ip);
    load_field(s, SF_CLUSTER_NAME, cl->cluster.name);
    load_field(s, SF_CLUSTER_IP, cl->cluster.ip);
    load_field(s, SF_GROUP, cl->group);
    load_field(s, SF_OPERATOR, cl->operator_name);
    load_field(s, SF_TICKET, cl->ticket);
    load_field(s, SF_NOTES, cl->steps[STEP_SUMMARY].notes);
    return CD_OK;
}

static int initial_servers(struct session *s, const struct session_options *o, struct cd_diag *d)
{
    const struct server_list *saved = o->load ? checklist_servers(&s->cl) : NULL;
    struct cl_who who;
    int rc;

    if (o->servers) {
        if (o->servers[strspn(o->servers, " \t")] == '\0')
            return CD_OK; /* "" : no server, the resolver is not asked */
        if ((rc = servers_parse_list(o->servers, &s->servers, d)) != CD_OK)
            return rc;
        /* Given for the node: its order as found, unless the journal knows one. */
        s->servers_from_node = true;
        checklist_who(&s->cl, &who);
        return checklist_set_found(&s->cl, &s->servers, &who) < 0
                   ? diag_set(d, CD_ENOMEM, NULL, NULL, N_("out of memory"), NULL, NULL)
                   : CD_OK;
    }
    if (saved && saved->n) {
        s->servers_from_node = true;
        return server_list_copy(&s->servers, saved) < 0
                   ? diag_set(d, CD_ENOMEM, NULL, NULL, N_("out of memory"), NULL, NULL)
                   : CD_OK;
    }
    /* This host's resolver; nothing from it is fine: the DNS step then asks for a server. */
    servers_from_resolver(NULL, &s->servers, NULL);
    return CD_OK;
}

struct session *session_new(const struct session_options *o, struct cd_diag *d)
{
    static const struct session_options none;
    struct session *s = calloc(1, sizeof *s);
    char path[SESSION_TEXT_MAX];

    if (!s) {
        diag_set(d, CD_ENOMEM, NULL, NULL, N_("out of memory"), NULL, NULL);
        return NULL;
    }
    if (!o)
        o = &none;
    s->timeout_ms = o->timeout_ms;
    checklist_init(&s->cl);
    server_list_init(&s->servers);
    server_list_init(&s->lookup_servers);
    server_list_init(&s->apply_queue);
    server_list_init(&s->recommended);

    if (o->load && load(s, o->load, d) != CD_OK)
        goto fail;
    s->started = time(NULL);
    s->runs_base = s->cl.n_runs;
    s->actions_base = s->cl.n_actions;
    if (o->zone && !session_store(s, SF_ZONE, o->zone)) {
        diag_set(d, CD_EINVAL, session_field_label(SF_ZONE), "zone", N_("is too long"), NULL, NULL);
        goto fail;
    }
    if (o->zone)
        s->f[SF_ZONE].touched = true;
    if (initial_servers(s, o, d) != CD_OK)
        goto fail;
    if (o->output || o->load) {
        if (!session_store(s, SF_OUTPUT, o->output ? o->output : o->load)) {
            diag_set(d, CD_EINVAL, session_field_label(SF_OUTPUT), "", N_("is too long"), NULL,
                     NULL);
            goto fail;
        }
        s->f[SF_OUTPUT].touched = true;
    } else if (state_default_output(path, sizeof path) == CD_OK) {
        session_store(s, SF_OUTPUT, path);
        s->f[SF_OUTPUT].touched = true;
    }
    session_validate_all(s);
    session_put_case(s);
    session_seed_lookups(s); /* a resume shows the answers already seen */
    session_refresh(s);
    s->unsaved = false;
    return s;
fail:
    session_free(s);
    return NULL;
}

void session_free(struct session *s)
{
    if (!s)
        return;
    session_drop_lookups(s);
    if (s->job)
        apply_job_finish(s->job, NULL); /* stops nsupdate if it still runs */
    server_list_fini(&s->apply_queue);
    server_list_fini(&s->recommended);
    check_free(s->check);
    server_list_fini(&s->servers);
    checklist_fini(&s->cl);
    free(s);
}

/* ---- steps ---------------------------------------------------------------------------------- */

/* May the live steps be judged: names, servers and a finished check. */
static bool live_ready(const struct session *s, struct cd_diag *why)
{
    if (!session_names_ready(s, why))
        return false;
    if (s->servers.n == 0) {
        diag_set(why, CD_EINVAL, NULL, NULL, msg_no_server, NULL, NULL);
        return false;
    }
    if (!s->check) {
        if (why) {
            if (s->check_failed)
                *why = s->check_err;
            else
                diag_set(why, CD_EDNS, NULL, NULL, N_("The check has not started"), NULL, NULL);
        }
        return false;
    }
    if (!check_done(s->check)) {
        if (why) {
            const struct server_list *l = check_servers(s->check);
            size_t waiting = 0;
            int ms = check_timeout(s->check, -1);
            char n[SESSION_NUM_SIZE], secs[SESSION_NUM_SIZE];

            for (size_t i = 0; i < l->n; i++)
                for (int q = 0; q < QUERY_COUNT; q++)
                    if (check_answer(s->check, i, (enum records_query)q)->outcome ==
                        PROBE_PENDING) {
                        waiting++;
                        break;
                    }
            snprintf(n, sizeof n, "%zu", waiting);
            snprintf(secs, sizeof secs, "%.1f", (ms < 0 ? 0 : ms) / 1000.0);
            diag_set(why, CD_EINVAL, NULL, NULL, msg_running, n, secs);
        }
        return false;
    }
    return true;
}

bool session_step_ready(struct session *s, enum step_id id, struct cd_diag *why)
{
    bool ok = true;

    switch (id) {
    case STEP_SYMPTOMS:
        break;
    case STEP_GROUP:
    case STEP_NAMES:
    case STEP_SUMMARY: {
        int fault = session_step_fault(s, id);

        if ((ok = fault < 0) == false && why)
            *why = s->f[fault].diag;
        break;
    }
    case STEP_DNS_ORDER:
    case STEP_HOST_RECORDS:
        ok = live_ready(s, why);
        break;
    case STEP_COUNT:
        ok = false;
        diag_set(why, CD_EINVAL, NULL, NULL, N_("unknown step"), NULL, NULL);
        break;
    }
    if (ok)
        diag_clear(why);
    return ok;
}

int session_step_fault(const struct session *s, enum step_id id)
{
    switch (id) {
    case STEP_GROUP:
        return s->f[SF_GROUP].valid ? -1 : SF_GROUP;
    case STEP_NAMES:
        return session_names_fault(s);
    case STEP_SUMMARY:
        return s->f[SF_OUTPUT].valid ? -1 : SF_OUTPUT;
    default:
        return -1;
    }
}

void session_step_finish(struct session *s, enum step_id id)
{
    struct cl_who who;

    if ((unsigned)id >= STEP_COUNT)
        return;
    /* The step rests on what is shown: the journal keeps it. */
    session_commit(s);
    checklist_who(&s->cl, &who);
    checklist_finish_step(&s->cl, id, &who);
    s->unsaved = true;
}

/* Whether a step marked done still holds now. */
static bool still_holds(struct session *s, enum step_id id)
{
    switch (id) {
    case STEP_GROUP:
        return s->f[SF_GROUP].valid;
    case STEP_NAMES:
        return session_names_ready(s, NULL);
    case STEP_DNS_ORDER:
    case STEP_HOST_RECORDS:
        if (!session_names_ready(s, NULL) || s->servers.n == 0)
            return false;
        /* Without a check nothing says it fails. */
        return rules_step(&s->cl, id) != STEP_FAILED;
    case STEP_SUMMARY:
        return s->f[SF_OUTPUT].valid;
    default:
        return true;
    }
}

enum step_id session_resume_step(struct session *s)
{
    for (int i = 0; i < STEP_COUNT; i++) {
        enum step_status st = s->cl.steps[i].status;

        if (st == STEP_SKIPPED)
            continue;
        if (st != STEP_DONE || !still_holds(s, (enum step_id)i))
            return (enum step_id)i;
    }
    return STEP_SUMMARY;
}

/* ---- the checklist ---------------------------------------------------------------------- */

const struct checklist *session_checklist(struct session *s)
{
    return &s->cl;
}

const char *session_output(const struct session *s)
{
    return s->f[SF_OUTPUT].text;
}

bool session_unsaved(const struct session *s)
{
    return s->unsaved;
}

int session_default_output(char *path, size_t n)
{
    return state_default_output(path, n);
}

static int save_to(struct session *s, const char *path, struct cd_diag *d)
{
    int rc;

    session_commit(s);
    claim_events(s);
    if ((rc = session_keep_lookups(s)) < 0)
        return diag_set(d, rc, NULL, NULL, N_("out of memory"), NULL, NULL);
    s->cl.updated = time(NULL);
    snprintf(s->cl.tool_version, sizeof s->cl.tool_version, "%s", PACKAGE_VERSION);
    if ((rc = state_make_folder_of(path, session_field_label(SF_OUTPUT), d)) != CD_OK)
        return rc;
    return checklist_save(&s->cl, path, d);
}

int session_save(struct session *s, struct cd_diag *d)
{
    struct cd_diag why;
    int rc;

    diag_clear(&why);
    if (!s->f[SF_OUTPUT].valid) {
        why = s->f[SF_OUTPUT].diag;
        rc = CD_EINVAL;
    } else {
        rc = save_to(s, s->f[SF_OUTPUT].text, &why);
    }
    s->save_failed = rc != CD_OK;
    s->save_err = why;
    if (rc == CD_OK) {
        s->unsaved = false;
        s->saved_once = true;
    }
    if (d)
        *d = why;
    return rc;
}

int session_save_finished(struct session *s, struct cd_diag *d)
{
    struct cl_step was = s->cl.steps[STEP_SUMMARY];
    int rc;

    /* Saved with the last step done, or the step stays as it was: a failed save finishes
     * nothing. */
    if (session_step_ready(s, STEP_SUMMARY, NULL))
        session_step_finish(s, STEP_SUMMARY);
    if ((rc = session_save(s, d)) != CD_OK)
        s->cl.steps[STEP_SUMMARY] = was;
    return rc;
}

const struct cd_diag *session_save_error(const struct session *s)
{
    return s->save_failed ? &s->save_err : NULL;
}

bool session_saved_once(const struct session *s)
{
    return s->saved_once;
}

bool session_output_folder_missing(const struct session *s, char *dir, size_t n)
{
    return s->f[SF_OUTPUT].valid && state_folder_missing_outside(s->f[SF_OUTPUT].text, dir, n);
}

int session_save_beside(struct session *s, char *path, size_t n, struct cd_diag *d)
{
    char beside[PATH_SIZE];
    const char *out = s->f[SF_OUTPUT].text;

    /* An emergency: save even when the target is not valid, in the current folder if need
     * be. The target itself is not saved, so the session stays unsaved. */
    snprintf(beside, sizeof beside, "%s.unsaved.json",
             *out && out[strlen(out) - 1] != '/' ? out : "clusterdns-checklist");
    if (n)
        snprintf(path, n, "%s", beside);
    return save_to(s, beside, d);
}
