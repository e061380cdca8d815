/* A session's DNS servers in the order the wizard checks them: added, removed, moved,
 * imported from the node's `ipconfig /all` or netsh text, or put in the order the last
 * check recommends. */
#include "config.h"

#include "session_priv.h"

#include <stdio.h>
#include <string.h>

#include "i18n.h"

static const char server_field[] = N_("DNS server");

void session_servers_changed(struct session *s)
{
    s->unsaved = true;
    s->servers_changed_at = time(NULL);
    /* A plan rests on what was shown before it: the last check the journal keeps. */
    s->servers_changed_check = s->cl.n_runs - (s->run_provisional ? 1 : 0) - 1;
    session_refresh(s);
}

const struct server_list *session_servers(const struct session *s)
{
    return &s->servers;
}

int session_server_add(struct session *s, const char *text, struct cd_diag *d)
{
    struct dns_server srv;
    char shown[SERVERS_TEXT_SIZE], pos[SESSION_NUM_SIZE];
    size_t at;
    int rc;

    if ((rc = servers_parse_one(text, &srv, d)) != CD_OK)
        return rc;
    if ((at = server_list_find(&s->servers, &srv)) != (size_t)-1) {
        snprintf(pos, sizeof pos, "%zu", at + 1);
        return diag_set(d, CD_EINVAL, server_field, NULL,
                        N_("%1$s is already in the list, at position %2$s"),
                        server_format(&srv, shown, sizeof shown), pos);
    }
    if ((rc = server_list_add(&s->servers, &srv, d)) != CD_OK)
        return rc;
    /* Typed in: the operator is giving the node's servers. */
    s->servers_from_node = true;
    session_servers_changed(s);
    return CD_OK;
}

void session_server_remove(struct session *s, size_t i)
{
    if (i >= s->servers.n)
        return;
    server_list_remove(&s->servers, i);
    session_servers_changed(s);
}

size_t session_server_move(struct session *s, size_t i, int delta)
{
    size_t to;

    if (i >= s->servers.n)
        return i;
    if (delta < 0)
        to = (size_t)-delta > i ? 0 : i - (size_t)-delta;
    else
        to = (size_t)delta >= s->servers.n - i ? s->servers.n - 1 : i + (size_t)delta;
    if (to != i) {
        server_list_move(&s->servers, i, to);
        session_servers_changed(s);
    }
    return to;
}

int session_servers_replace(struct session *s, const struct server_list *l)
{
    struct server_list copy;
    struct cl_who who;

    server_list_init(&copy);
    if (server_list_copy(&copy, l) < 0)
        return CD_ENOMEM;
    /* What was shown so far rests on the list before; the node's own text is the order as
     * found, unless the journal knows one already. */
    session_commit(s);
    checklist_who(&s->cl, &who);
    if (checklist_set_found(&s->cl, &copy, &who) < 0) {
        server_list_fini(&copy);
        return CD_ENOMEM;
    }
    server_list_fini(&s->servers);
    s->servers = copy;
    s->servers_from_node = true;
    session_servers_changed(s);
    return CD_OK;
}

int session_server_insert(struct session *s, size_t i, const struct dns_server *srv,
                          struct cd_diag *d)
{
    size_t n = s->servers.n;
    int rc;

    if (server_list_find(&s->servers, srv) != (size_t)-1)
        return CD_OK;
    if ((rc = server_list_add(&s->servers, srv, d)) != CD_OK)
        return rc;
    if (i < n)
        server_list_move(&s->servers, n, i);
    session_servers_changed(s);
    return CD_OK;
}

/* The order the journal's last run recommends, into out, when that run was made for these
 * names and this set of servers. */
static bool recommended_here(struct session *s, struct server_list *out)
{
    const struct cl_run *run = checklist_last_check(&s->cl);
    struct records_target t;

    if (!run || session_target(s, &t) != CD_OK || !records_target_equal(&t, &run->target) ||
        run->servers.n != s->servers.n)
        return false;
    for (size_t i = 0; i < s->servers.n; i++)
        if (server_list_find(&run->servers, &s->servers.v[i]) == (size_t)-1)
            return false;
    for (size_t k = 0; k < run->eval.n; k++)
        if (server_list_add(out, &run->servers.v[run->eval.recommended[k]], NULL) < 0)
            return false;
    return true;
}

const struct server_list *session_recommended(struct session *s)
{
    server_list_fini(&s->recommended);
    if (!recommended_here(s, &s->recommended) || server_list_equal(&s->recommended, &s->servers))
        return NULL;
    return &s->recommended;
}

bool session_take_recommended(struct session *s)
{
    struct server_list order;

    server_list_init(&order);
    if (!recommended_here(s, &order)) {
        server_list_fini(&order);
        return false;
    }
    if (server_list_equal(&order, &s->servers)) {
        server_list_fini(&order);
        return true;
    }
    /* The check that found the order is kept: the change is planned on what it showed. */
    session_commit(s);
    server_list_fini(&s->servers);
    s->servers = order;
    session_servers_changed(s);
    return true;
}
