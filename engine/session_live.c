/* A session's live DNS work: the names step's lookups (each valid name asked of every
 * server as soon as it can be) and the full check (every record of every server, once the
 * names and a server are valid), polled by the front end's loop. A complete check becomes
 * the journal's last run. */
#include "config.h"

#include "session_priv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "i18n.h"
#include "names.h"

static const char msg_no_server[] = N_("Give at least one DNS server");

/* ---- live lookups ------------------------------------------------------------------------ */

static void copy_name(char dst[NAMES_FQDN_SIZE], const char *src)
{
    size_t n = strnlen(src, NAMES_FQDN_SIZE - 1);

    memcpy(dst, src, n);
    dst[n] = '\0';
}

static void on_lookup(void *arg, size_t server, size_t query, const struct probe_answer *a)
{
    struct session *s = arg;
    int h;

    if (s->lookup_closing || query >= s->n_queries || server >= s->lookup_servers.n)
        return;
    h = s->query_host[query];
    s->answers[h][server] = *a;
    s->answered_at[h][server] = time(NULL);
    s->lookup_arrived = true;
}

void session_drop_lookups(struct session *s)
{
    s->lookup_closing = true;
    probe_free(s->lookup);
    s->lookup_closing = false;
    s->lookup = NULL;
    for (int h = 0; h < HOST_COUNT; h++) {
        free(s->answers[h]);
        free(s->answered_at[h]);
        s->answers[h] = NULL;
        s->answered_at[h] = NULL;
        s->asked[h] = false;
    }
    free(s->query_host);
    s->query_host = NULL;
    s->n_queries = 0;
    server_list_fini(&s->lookup_servers);
    s->lookup_gen++;
}

/* What each host's lookup should be now: its FQDN and type, or nothing. */
static void lookup_wanted(const struct session *s, bool want[HOST_COUNT],
                          char fqdn[HOST_COUNT][NAMES_FQDN_SIZE], enum probe_qtype type[HOST_COUNT])
{
    static const enum session_field name_of[HOST_COUNT] = {SF_EXCHANGE_NAME, SF_CLUSTER_NAME};
    static const enum session_field ip_of[HOST_COUNT] = {SF_EXCHANGE_IP, SF_CLUSTER_IP};

    for (int h = 0; h < HOST_COUNT; h++) {
        want[h] = s->servers.n > 0 && s->f[SF_ZONE].valid && s->f[name_of[h]].valid &&
                  names_fqdn(s->f[name_of[h]].text, s->zone, fqdn[h], NAMES_FQDN_SIZE, NULL,
                             NULL) == CD_OK;
        type[h] = s->f[ip_of[h]].valid && s->ip[h].family == AF_INET6 ? PROBE_AAAA : PROBE_A;
        if (!want[h])
            fqdn[h][0] = '\0';
    }
}

static void start_lookups(struct session *s, const bool want[HOST_COUNT],
                          char fqdn[HOST_COUNT][NAMES_FQDN_SIZE],
                          const enum probe_qtype type[HOST_COUNT])
{
    size_t n = s->servers.n;

    s->lookup = probe_new(s->timeout_ms, on_lookup, s);
    if (!s->lookup || server_list_copy(&s->lookup_servers, &s->servers) < 0)
        goto fail;
    s->query_host = calloc(HOST_COUNT * n, 1);
    if (!s->query_host)
        goto fail;
    for (size_t i = 0; i < n; i++)
        if (probe_add_server(s->lookup, &s->servers.v[i], NULL) < 0)
            goto fail;
    for (int h = 0; h < HOST_COUNT; h++) {
        if (!want[h])
            continue;
        if (!(s->answers[h] = calloc(n, sizeof *s->answers[h])) ||
            !(s->answered_at[h] = calloc(n, sizeof *s->answered_at[h])))
            goto fail;
        s->asked[h] = true;
        copy_name(s->asked_fqdn[h], fqdn[h]);
        s->asked_type[h] = type[h];
        for (size_t i = 0; i < n; i++) {
            struct probe_answer *a = &s->answers[h][i];
            int q;

            a->qtype = type[h];
            a->outcome = PROBE_PENDING;
            copy_name(a->qname, fqdn[h]);
            q = probe_send(s->lookup, i, type[h], fqdn[h]);
            if (q < 0 || (size_t)q >= HOST_COUNT * n) {
                a->outcome = PROBE_FAILED;
                continue;
            }
            s->query_host[q] = (unsigned char)h;
            s->n_queries = (size_t)q + 1;
        }
    }
    return;
fail:
    /* Without lookups the wizard still works: the full check reports the same answers. */
    session_drop_lookups(s);
}

static void refresh_lookups(struct session *s)
{
    bool want[HOST_COUNT], same = true, any = false;
    char fqdn[HOST_COUNT][NAMES_FQDN_SIZE];
    enum probe_qtype type[HOST_COUNT];

    lookup_wanted(s, want, fqdn, type);
    for (int h = 0; h < HOST_COUNT; h++) {
        any = any || want[h];
        if (want[h] != s->asked[h] ||
            (want[h] && (strcmp(fqdn[h], s->asked_fqdn[h]) != 0 || type[h] != s->asked_type[h])))
            same = false;
    }
    if (any && !server_list_equal(&s->lookup_servers, &s->servers))
        same = false;
    if (same && (any || !s->lookup))
        return;
    session_drop_lookups(s);
    if (any)
        start_lookups(s, want, fqdn, type);
}

void session_seed_lookups(struct session *s)
{
    bool want[HOST_COUNT], any = false;
    char fqdn[HOST_COUNT][NAMES_FQDN_SIZE];
    enum probe_qtype type[HOST_COUNT];
    size_t n = s->servers.n;

    lookup_wanted(s, want, fqdn, type);
    for (int h = 0; h < HOST_COUNT; h++)
        any = any || want[h];
    if (!any || s->cl.n_lookups == 0 || server_list_copy(&s->lookup_servers, &s->servers) < 0)
        return;
    for (int h = 0; h < HOST_COUNT; h++) {
        size_t found = 0;

        if (!want[h])
            continue;
        if (!(s->answers[h] = calloc(n, sizeof *s->answers[h])) ||
            !(s->answered_at[h] = calloc(n, sizeof *s->answered_at[h])))
            goto fail;
        for (size_t i = 0; i < n; i++) {
            for (size_t k = 0; k < s->cl.n_lookups; k++) {
                const struct cl_lookup *l = &s->cl.lookups[k];

                if (!server_same(&l->server, &s->servers.v[i]) || l->answer.qtype != type[h] ||
                    strcmp(l->answer.qname, fqdn[h]) != 0)
                    continue;
                s->answers[h][i] = l->answer;
                s->answered_at[h][i] = l->who.at;
                found++;
                break;
            }
        }
        if (found < n) /* not every server's answer was kept: ask them all again */
            goto fail;
        s->asked[h] = true;
        copy_name(s->asked_fqdn[h], fqdn[h]);
        s->asked_type[h] = type[h];
    }
    return;
fail:
    session_drop_lookups(s);
}

int session_keep_lookups(struct session *s)
{
    struct cl_lookup *v = calloc(HOST_COUNT * s->lookup_servers.n + 1, sizeof *v);
    size_t n = 0;
    int rc;

    if (!v)
        return CD_ENOMEM;
    for (int h = 0; h < HOST_COUNT; h++) {
        for (size_t i = 0; s->asked[h] && i < s->lookup_servers.n; i++) {
            if (s->answers[h][i].outcome == PROBE_PENDING)
                continue;
            v[n].who.at = s->answered_at[h][i];
            snprintf(v[n].who.operator_name, sizeof v[n].who.operator_name, "%s",
                     s->cl.operator_name);
            snprintf(v[n].who.ticket, sizeof v[n].who.ticket, "%s", s->cl.ticket);
            v[n].server = s->lookup_servers.v[i];
            v[n].answer = s->answers[h][i];
            n++;
        }
    }
    rc = checklist_set_lookups(&s->cl, v, n);
    free(v);
    return rc;
}

/* ---- the full check ---------------------------------------------------------------------- */

void session_drop_check(struct session *s)
{
    check_free(s->check);
    s->check = NULL;
    s->check_complete = false;
    s->check_failed = false;
    s->check_asked = false;
    diag_clear(&s->check_err);
    s->check_gen++;
}

/* The inputs changed, or can no longer be checked: the live check's run, if not kept, goes
 * too, so that nothing stale shows. */
static void forget_check(struct session *s)
{
    session_drop_check(s);
    if (s->run_provisional)
        checklist_drop_last_check(&s->cl);
    s->run_provisional = false;
}

static void start_check(struct session *s, const struct records_target *t)
{
    struct cd_diag d;

    forget_check(s);
    s->target = *t;
    s->check = check_new(t, &s->servers, s->timeout_ms, NULL, NULL);
    if (!s->check) {
        s->check_failed = true;
        diag_set(&s->check_err, CD_ENOMEM, NULL, NULL, N_("out of memory"), NULL, NULL);
        return;
    }
    if (check_start(s->check, &d) < 0) {
        check_free(s->check);
        s->check = NULL;
        s->check_failed = true;
        s->check_err = d;
    }
}

/* The check for the fields and servers as they are now: kept when nothing it depends on
 * changed, restarted when something did, dropped when it cannot run. */
static void refresh_check(struct session *s)
{
    struct records_target t;

    if (s->servers.n == 0 || session_target(s, &t) != CD_OK) {
        if (s->check || s->check_failed)
            forget_check(s);
        return;
    }
    if (s->check && records_target_equal(&t, &s->target) &&
        server_list_equal(check_servers(s->check), &s->servers))
        return;
    start_check(s, &t);
}

static void check_completed(struct session *s);

/* A check that ends as it starts (every question failed at once) is complete too. */
static void settle(struct session *s)
{
    if (s->check && !s->check_complete && check_done(s->check))
        check_completed(s);
}

void session_refresh(struct session *s)
{
    refresh_lookups(s);
    refresh_check(s);
    settle(s);
}

/* A complete check is the journal's last run: in place of the live check's earlier one
 * when that was not kept. */
static void check_completed(struct session *s)
{
    struct cl_who who;

    s->check_complete = true;
    if (s->run_provisional)
        checklist_drop_last_check(&s->cl);
    checklist_who(&s->cl, &who);
    if (check_to_checklist(s->check, &s->cl, &who) < 0) {
        s->run_provisional = false; /* out of memory: the journal stays as it was */
        return;
    }
    s->run_provisional = !s->check_asked;
    if (s->check_asked)
        s->unsaved = true;
    s->check_asked = false;
}

/* The answers the check holds so far, to tell when one arrived. */
static size_t check_answered(const struct check *c)
{
    const struct server_list *l = check_servers(c);
    size_t n = 0;

    for (size_t i = 0; i < l->n; i++)
        for (int q = 0; q < QUERY_COUNT; q++)
            n += check_answer(c, i, (enum records_query)q)->outcome != PROBE_PENDING;
    return n;
}

/* ---- live answers -------------------------------------------------------------------------- */

enum record_status session_lookup_status(const struct session *s, enum records_host h, size_t i)
{
    const struct probe_answer *a = session_lookup(s, h, i);

    if (!a || a->outcome == PROBE_PENDING)
        return REC_PENDING;
    if (!s->f[h == HOST_EXCHANGE ? SF_EXCHANGE_IP : SF_CLUSTER_IP].valid)
        return a->outcome == PROBE_ANSWER ? REC_OK : records_status_addr(a, NULL);
    return records_status_addr(a, &s->ip[h]);
}

const struct probe_answer *session_lookup(const struct session *s, enum records_host h, size_t i)
{
    if ((unsigned)h >= HOST_COUNT || !s->asked[h] || i >= s->lookup_servers.n)
        return NULL;
    return &s->answers[h][i];
}

struct check *session_check(struct session *s)
{
    return s->check;
}

int session_recheck(struct session *s, struct cd_diag *d)
{
    int rc;

    if (!session_names_ready(s, d))
        return CD_EINVAL;
    if (s->servers.n == 0)
        return diag_set(d, CD_EINVAL, NULL, NULL, msg_no_server, NULL, NULL);
    /* What is shown now is kept; the new answers are asked for, so kept too. */
    session_commit(s);
    if (!s->check) {
        refresh_check(s);
        if (!s->check) {
            if (d)
                *d = s->check_err;
            return s->check_err.code ? s->check_err.code : CD_EDNS;
        }
        s->check_asked = true;
        settle(s);
        return CD_OK;
    }
    s->check_complete = false;
    s->check_asked = true;
    s->check_gen++;
    if ((rc = check_start(s->check, d)) < 0) {
        check_free(s->check);
        s->check = NULL;
        s->check_failed = true;
        if (d)
            s->check_err = *d;
        return rc;
    }
    settle(s);
    return CD_OK;
}

bool session_busy(const struct session *s)
{
    return probe_pending(s->lookup) > 0 || (s->check && !check_done(s->check)) || s->job;
}

size_t session_pollfds(struct session *s, struct pollfd *fds, size_t max)
{
    size_t n;

    s->n_lookup_fds = probe_pollfds(s->lookup, fds, max);
    s->n_check_fds =
        s->check ? check_pollfds(s->check, fds + s->n_lookup_fds, max - s->n_lookup_fds) : 0;
    s->fds_lookup_gen = s->lookup_gen;
    s->fds_check_gen = s->check_gen;
    n = s->n_lookup_fds + s->n_check_fds;
    /* nsupdate's output, last: session_process reads it whatever its slot says. */
    if (s->job && apply_job_fd(s->job) >= 0 && n < max) {
        fds[n].fd = apply_job_fd(s->job);
        fds[n].events = POLLIN;
        fds[n].revents = 0;
        n++;
    }
    return n;
}

int session_timeout(struct session *s, int max_ms)
{
    int t = probe_timeout(s->lookup, max_ms);

    t = s->check ? check_timeout(s->check, t) : t;
    if (s->job) {
        int j = apply_job_timeout(s->job);

        if (j >= 0 && (t < 0 || j < t))
            t = j;
    }
    return t;
}

bool session_process(struct session *s, const struct pollfd *fds, size_t n)
{
    size_t nl = s->n_lookup_fds < n ? s->n_lookup_fds : n;
    size_t nc = s->n_check_fds < n - nl ? s->n_check_fds : n - nl;
    bool arrived = false;

    /* A probe or check replaced since session_pollfds() gets no fds, only its timeouts:
     * those fds were another's. */
    if (s->lookup) {
        s->lookup_arrived = false;
        probe_process(s->lookup, fds, s->fds_lookup_gen == s->lookup_gen ? nl : 0);
        arrived = s->lookup_arrived;
    }
    if (s->check) {
        size_t before = check_answered(s->check);
        bool ours = s->fds_check_gen == s->check_gen && nl == s->n_lookup_fds;

        check_process(s->check, ours ? fds + nl : NULL, ours ? nc : 0);
        if (check_answered(s->check) != before)
            arrived = true;
        if (!s->check_complete && check_done(s->check)) {
            settle(s);
            arrived = true;
        }
    }
    if (session_process_apply(s))
        arrived = true;
    return arrived;
}

