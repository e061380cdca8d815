/* Text from a paste or a file, offered to the one reader (engine/import): what it
 * recognises is taken; a question comes first when it would replace what is there. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "i18n.h"
#include "import.h"
#include "screen.h"

struct offer {
    struct import_result r;
    char origin[512];
    bool servers, groups; /* what it brings */
};

static void offer_free(void *p)
{
    struct offer *o = p;

    import_fini(&o->r);
    free(o);
}

/* Appends to a growing text; the text stays as it was when out of memory. */
static void addf(char **buf, size_t *len, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void addf(char **buf, size_t *len, const char *fmt, ...)
{
    va_list ap;
    int n;
    char *b;

    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || !(b = realloc(*buf, *len + (size_t)n + 1)))
        return;
    va_start(ap, fmt);
    vsnprintf(b + *len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    *buf = b;
    *len += (size_t)n;
}

static void list_servers(char **buf, size_t *len, const struct server_list *l)
{
    char srv[SERVERS_TEXT_SIZE];

    for (size_t i = 0; i < l->n; i++)
        addf(buf, len, "  %2zu  %-24s %s\n", i + 1, server_format(&l->v[i], srv, sizeof srv),
             l->v[i].source);
}

static bool same_servers(const struct server_list *a, const struct server_list *b)
{
    if (a->n != b->n)
        return false;
    for (size_t i = 0; i < a->n; i++)
        if (a->v[i].port != b->v[i].port || !names_ip_equal(&a->v[i].ip, &b->v[i].ip))
            return false;
    return true;
}

static bool same_groups(struct app *a, const struct import_result *r)
{
    if (session_groups(a->s) != r->n_groups)
        return false;
    for (size_t i = 0; i < r->n_groups; i++)
        if (strcmp(session_group(a->s, i), r->groups[i]) != 0)
            return false;
    return true;
}

/* "2 lines could not be read: 5, 9." or "". */
static void unread_note(const struct import_result *r, char *out, size_t n)
{
    size_t len;

    out[0] = '\0';
    if (!r->n_unread)
        return;
    len = (size_t)snprintf(out, n, ngettext(" %zu line could not be read:", " %zu lines could not be read:",
                                            r->n_unread),
                           r->n_unread);
    for (size_t i = 0; i < r->n_unread && i < 8 && len < n; i++)
        len += (size_t)snprintf(out + len, n - len, "%s %zu", i ? "," : "", r->unread[i].line);
    if (r->n_unread > 8 && len < n)
        snprintf(out + len, n - len, ", ...");
}

static void take(struct app *a, struct offer *o)
{
    char msg[1024], unread[256], srv[SERVERS_TEXT_SIZE];
    size_t len = 0;

    unread_note(&o->r, unread, sizeof unread);
    if (o->servers) {
        if (session_servers_replace(a->s, &o->r.servers) < 0) {
            app_message(a, MSG_ERROR, "%s", _("out of memory"));
            return;
        }
        len = (size_t)snprintf(msg, sizeof msg,
                               ngettext("%zu DNS server read from %s, in the node's order:",
                                        "%zu DNS servers read from %s, in the node's order:",
                                        o->r.servers.n),
                               o->r.servers.n, _(import_kind_label(o->r.kind)));
        for (size_t i = 0; i < o->r.servers.n && len < sizeof msg; i++)
            len += (size_t)snprintf(msg + len, sizeof msg - len, "%s %s", i ? "," : "",
                                    server_format(&o->r.servers.v[i], srv, sizeof srv));
        if (len < sizeof msg)
            len += (size_t)snprintf(msg + len, sizeof msg - len, ".");
    }
    if (o->groups) {
        session_set_groups(a->s, (const char (*)[IMPORT_NAME_SIZE])o->r.groups, o->r.n_groups);
        if (len < sizeof msg)
            len += (size_t)snprintf(msg + len, sizeof msg - len,
                                    ngettext("%s%zu cluster group read: choose the Exchange group on step 2.",
                                             "%s%zu cluster groups read: choose the Exchange group on step 2.",
                                             o->r.n_groups),
                                    len ? " " : "", o->r.n_groups);
    }
    if (len < sizeof msg)
        snprintf(msg + len, sizeof msg - len, "%s", unread);
    app_message(a, MSG_INFO, "%s", msg);
    app_imported(a);
}

enum { OFFER_KEEP, OFFER_TAKE };

static void answer(struct app *a, void *ctx, int id)
{
    if (id == OFFER_TAKE)
        take(a, ctx);
    else
        app_message(a, MSG_INFO, "%s", _("Nothing was replaced: the list is as it was."));
}

void app_offer_import(struct app *a, const char *text, const char *origin)
{
    struct offer *o = calloc(1, sizeof *o);
    const struct server_list *now = session_servers(a->s);
    char *body = NULL;
    size_t len = 0, lines = 0;
    int rc;

    if (!o) {
        app_message(a, MSG_ERROR, "%s", _("out of memory"));
        return;
    }
    import_init(&o->r);
    snprintf(o->origin, sizeof o->origin, "%s", origin);
    rc = import_text(text, strlen(text), &o->r, NULL);
    for (const char *p = text; *p; p++)
        lines += *p == '\n' || !p[1];
    if (rc == CD_ENOMEM) {
        app_message(a, MSG_ERROR, "%s", _("out of memory"));
        offer_free(o);
        return;
    }
    o->servers = o->r.servers.n > 0;
    o->groups = o->r.n_groups > 0;
    if (!o->servers && !o->groups) {
        app_message(a, MSG_INFO,
                    ngettext("%s (%zu line) is not 'ipconfig /all', netsh, PowerShell or cluster "
                             "output: it was set aside, nothing changed.",
                             "%s (%zu lines) is not 'ipconfig /all', netsh, PowerShell or cluster "
                             "output: it was set aside, nothing changed.",
                             lines),
                    origin, lines);
        offer_free(o);
        return;
    }
    /* Nothing there yet, or the same: taken at once. Otherwise asked first. */
    if ((!o->servers || now->n == 0 || same_servers(now, &o->r.servers)) &&
        (!o->groups || session_groups(a->s) == 0 || same_groups(a, &o->r))) {
        take(a, o);
        offer_free(o);
        return;
    }
    addf(&body, &len, _("%s is %s output.\n"), origin, _(import_kind_label(o->r.kind)));
    if (o->servers) {
        addf(&body, &len,
             ngettext("It names %zu DNS server, in the node's order:\n",
                      "It names %zu DNS servers, in the node's order:\n", o->r.servers.n),
             o->r.servers.n);
        list_servers(&body, &len, &o->r.servers);
        if (now->n && !same_servers(now, &o->r.servers)) {
            addf(&body, &len,
                 ngettext("It would replace the %zu server listed now (step 4):\n",
                          "It would replace the %zu servers listed now (step 4):\n", now->n),
                 now->n);
            list_servers(&body, &len, now);
        }
    }
    if (o->groups) {
        addf(&body, &len,
             ngettext("It names %zu cluster group", "It names %zu cluster groups", o->r.n_groups),
             o->r.n_groups);
        addf(&body, &len, "%s\n",
             session_groups(a->s) && !same_groups(a, &o->r)
                 ? _(", which would replace the groups to choose from on step 2.")
                 : ".");
    }
    if (!body) {
        app_message(a, MSG_ERROR, "%s", _("out of memory"));
        offer_free(o);
        return;
    }
    {
        const struct dialog_button b[] = {
            {_("Y  Replace"), dialog_keys_yes(), OFFER_TAKE},
            {_("N  Keep what is there"), dialog_keys_no(), OFFER_KEEP},
        };

        app_ask(a, _("Replace what is there?"), body, b, 2, 1, answer, o, offer_free);
    }
}
