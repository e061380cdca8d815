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
    /* The names step, from the cluster's own properties (cluster res /priv). */
    bool names;              /* a value for at least one field */
    bool group_guessed;      /* the Exchange group was not typed: the operator confirms it */
    char group[IMPORT_NAME_SIZE];
    struct import_names found;
    char note[256]; /* why the Exchange values are not there, when they are not */
};

/* The names step's fields and where import_names puts each. */
static const struct import_value *value_of(const struct import_names *n, enum session_field f)
{
    switch (f) {
    case SF_EXCHANGE_NAME: return &n->exchange_name;
    case SF_EXCHANGE_IP: return &n->exchange_ip;
    case SF_CLUSTER_NAME: return &n->cluster_name;
    case SF_CLUSTER_IP: return &n->cluster_ip;
    default: return NULL;
    }
}

static const enum session_field name_fields[] = {SF_EXCHANGE_NAME, SF_EXCHANGE_IP, SF_CLUSTER_NAME,
                                                 SF_CLUSTER_IP};
#define N_NAME_FIELDS (sizeof name_fields / sizeof *name_fields)

/* Which group is the Exchange group: the one typed on step 2, else the only group besides
 * the cluster's whose resources give a network name and an address (then the operator
 * confirms it). */
static void find_names(struct app *a, struct offer *o)
{
    const char *typed = session_text(a->s, SF_GROUP);
    size_t candidates = 0;

    if (!o->r.n_props)
        return;
    if (session_valid(a->s, SF_GROUP) && typed[0]) {
        snprintf(o->group, sizeof o->group, "%s", typed);
        import_names(&o->r, o->group, &o->found);
    } else {
        for (size_t i = 0; i < o->r.n_groups; i++) {
            struct import_names n;

            import_names(&o->r, o->r.groups[i], &n);
            if (strcmp(o->r.groups[i], n.cluster_group) == 0 ||
                n.exchange_name.found == IMPORT_NOT_FOUND || n.exchange_ip.found == IMPORT_NOT_FOUND)
                continue;
            if (candidates++ == 0) {
                snprintf(o->group, sizeof o->group, "%s", o->r.groups[i]);
                o->found = n;
            }
        }
        if (candidates == 1) {
            o->group_guessed = true;
        } else {
            /* The cluster's values still count; the Exchange ones wait for the group. */
            o->group[0] = '\0';
            import_names(&o->r, NULL, &o->found);
            o->found.exchange_name.found = o->found.exchange_ip.found = IMPORT_NOT_FOUND;
            snprintf(o->note, sizeof o->note, "%s",
                     candidates ? _("Several groups could be the Exchange group: give it on "
                                    "step 2, then paste again for its name and address.")
                                : _("No group besides the cluster's has a network name and an "
                                    "address: give the Exchange group on step 2, then paste "
                                    "again."));
        }
    }
    for (size_t i = 0; i < N_NAME_FIELDS; i++)
        o->names = o->names || value_of(&o->found, name_fields[i])->found != IMPORT_NOT_FOUND;
}

/* A value would replace one typed differently. */
static bool names_replace(struct app *a, const struct offer *o)
{
    for (size_t i = 0; o->names && i < N_NAME_FIELDS; i++) {
        const struct import_value *v = value_of(&o->found, name_fields[i]);
        const char *now = session_text(a->s, name_fields[i]);

        if (v->found != IMPORT_NOT_FOUND && now[0] && strcmp(now, v->value) != 0)
            return true;
    }
    return false;
}

/* The operator confirms a guessed group or a value that is one of several. */
static bool names_ask(struct app *a, const struct offer *o)
{
    if (!o->names)
        return false;
    for (size_t i = 0; i < N_NAME_FIELDS; i++)
        if (value_of(&o->found, name_fields[i])->found == IMPORT_AMBIGUOUS)
            return true;
    return o->group_guessed || names_replace(a, o);
}

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
        if (len < sizeof msg && o->group_guessed)
            len += (size_t)snprintf(msg + len, sizeof msg - len,
                                    ngettext("%s%zu cluster group read; the Exchange group is \"%s\".",
                                             "%s%zu cluster groups read; the Exchange group is \"%s\".",
                                             o->r.n_groups),
                                    len ? " " : "", o->r.n_groups, o->group);
        else if (len < sizeof msg)
            len += (size_t)snprintf(msg + len, sizeof msg - len,
                                    ngettext("%s%zu cluster group read: choose the Exchange group on step 2.",
                                             "%s%zu cluster groups read: choose the Exchange group on step 2.",
                                             o->r.n_groups),
                                    len ? " " : "", o->r.n_groups);
    }
    if (o->names) {
        size_t taken = 0;

        if (o->group_guessed)
            session_set_text(a->s, SF_GROUP, o->group, NULL);
        for (size_t i = 0; i < N_NAME_FIELDS; i++) {
            const struct import_value *v = value_of(&o->found, name_fields[i]);

            if (v->found != IMPORT_NOT_FOUND) {
                session_set_text(a->s, name_fields[i], v->value, NULL);
                taken++;
            }
        }
        if (len < sizeof msg)
            len += (size_t)snprintf(msg + len, sizeof msg - len,
                                    ngettext("%s%zu name or address read from the cluster's "
                                             "properties for step 3.",
                                             "%s%zu names and addresses read from the cluster's "
                                             "properties for step 3.",
                                             taken),
                                    len ? " " : "", taken);
    }
    if (o->note[0] && len < sizeof msg)
        len += (size_t)snprintf(msg + len, sizeof msg - len, "%s%s", len ? " " : "", o->note);
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
    app_commit(a); /* what is being typed counts as typed */
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
    find_names(a, o);
    if (!o->servers && !o->groups && !o->names) {
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
        (!o->groups || session_groups(a->s) == 0 || same_groups(a, &o->r)) && !names_ask(a, o)) {
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
    if (o->names) {
        if (o->group_guessed)
            addf(&body, &len,
                 _("The Exchange group is taken to be \"%s\": besides the cluster's, it is the "
                   "only group with a network name and an address. Its values, for step 3:\n"),
                 o->group);
        else if (o->group[0])
            addf(&body, &len, _("For the Exchange group \"%s\", the values for step 3:\n"),
                 o->group);
        else
            addf(&body, &len, "%s\n", _("The cluster's values for step 3:"));
        for (size_t i = 0; i < N_NAME_FIELDS; i++) {
            const struct import_value *v = value_of(&o->found, name_fields[i]);
            const char *typed = session_text(a->s, name_fields[i]);

            if (v->found == IMPORT_NOT_FOUND)
                continue;
            addf(&body, &len, "  %-24s %-16s %s\n", _(session_field_label(name_fields[i])),
                 v->value, v->resource);
            if (v->found == IMPORT_AMBIGUOUS)
                addf(&body, &len,
                     ngettext("    (the first of %zu resource that could give it)\n",
                              "    (the first of %zu resources that could give it)\n",
                              v->candidates),
                     v->candidates);
            if (typed[0] && strcmp(typed, v->value) != 0)
                addf(&body, &len, _("    replaces what is typed: %s\n"), typed);
        }
        if (o->note[0])
            addf(&body, &len, "%s\n", o->note);
    }
    if (!body) {
        app_message(a, MSG_ERROR, "%s", _("out of memory"));
        offer_free(o);
        return;
    }
    {
        bool replaces = (o->servers && now->n && !same_servers(now, &o->r.servers)) ||
                        (o->groups && session_groups(a->s) && !same_groups(a, &o->r)) ||
                        names_replace(a, o);
        const struct dialog_button replace[] = {
            {_("Y  Replace"), dialog_keys_yes(), OFFER_TAKE},
            {_("N  Keep what is there"), dialog_keys_no(), OFFER_KEEP},
        };
        const struct dialog_button take_it[] = {
            {_("Y  Take it"), dialog_keys_yes(), OFFER_TAKE},
            {_("N  Leave it"), dialog_keys_no(), OFFER_KEEP},
        };

        if (replaces)
            app_ask(a, _("Replace what is there?"), body, replace, 2, 1, answer, o, offer_free);
        else
            app_ask(a, _("Take what was read?"), body, take_it, 2, 1, answer, o, offer_free);
    }
}
