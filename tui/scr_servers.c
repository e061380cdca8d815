/* Step 4: the DNS servers in the node's order, each with its live status; for each name,
 * which server decides what the node gets. Move, add, remove, import, or take the
 * recommended order. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "scr_common.h"
#include "i18n.h"
#include "ui.h"

enum { ID_LIST = -2, ID_ADD = -3, ID_PASTE = -4, ID_FILE = -5 };

struct servers {
    struct form form;
    struct paste paste;
    size_t selected;
    struct server_list undo; /* the list before the last removal or reordering */
    bool has_undo;
};

static void *create(void)
{
    struct servers *st = calloc(1, sizeof *st);

    if (st) {
        form_init(&st->form);
        form_add(&st->form, ITEM_LIST, N_("DNS servers"), ID_LIST, 0);
        form_add(&st->form, ITEM_TEXT, N_("Add a server"), ID_ADD, 60);
        form_add(&st->form, ITEM_BUTTON, N_("Paste 'ipconfig /all'"), ID_PASTE, 0);
        form_add(&st->form, ITEM_TEXT, N_("or read it from file"), ID_FILE, 200);
        server_list_init(&st->undo);
    }
    return st;
}

static void destroy(void *vst)
{
    struct servers *st = vst;

    paste_end(&st->paste);
    server_list_fini(&st->undo);
    free(st);
}

static struct form *form_of(void *st)
{
    return &((struct servers *)st)->form;
}

static void imported(struct app *a, void *vst)
{
    struct servers *st = vst;

    (void)a;
    st->selected = 0;
    st->has_undo = false; /* the list the undo knew is gone */
}

static bool capturing(void *st)
{
    return ((struct servers *)st)->paste.active;
}

static bool paste(struct app *a, void *st, const char *text)
{
    return scr_import_paste(a, &((struct servers *)st)->paste, text);
}

static void message_diag(struct app *a, const struct cd_diag *d)
{
    char text[1024];

    app_message(a, MSG_ERROR, "%s", diag_format(d, text, sizeof text));
}

/* Keeps the list as it is now for U. */
static void keep_for_undo(struct app *a, struct servers *st)
{
    st->has_undo = server_list_copy(&st->undo, session_servers(a->s)) == CD_OK;
}

/* --- commands --------------------------------------------------------------------------- */

static bool list_focused(struct app *a, void *st)
{
    (void)a;
    return form_focused(&((struct servers *)st)->form)->id == ID_LIST;
}

static bool can_move(struct app *a, void *st)
{
    return list_focused(a, st) && session_servers(a->s)->n > 1;
}

static bool can_remove(struct app *a, void *st)
{
    return list_focused(a, st) && session_servers(a->s)->n > 0;
}

static bool can_undo(struct app *a, void *st)
{
    return list_focused(a, st) && ((struct servers *)st)->has_undo;
}

static bool can_take(struct app *a, void *st)
{
    return list_focused(a, st) && session_recommended(a->s) != NULL;
}

static void run_move(struct app *a, void *vst, const struct tui_key_event *k)
{
    struct servers *st = vst;

    st->selected = session_server_move(a->s, st->selected, k->ch == L'+' ? -1 : 1);
}

static void removed(struct app *a, void *ctx, int id)
{
    struct servers *st = app_state(a, STEP_DNS_ORDER);
    const struct dns_server *srv = ctx;
    const struct server_list *l = session_servers(a->s);
    char text[SERVERS_TEXT_SIZE];

    if (id != 1) {
        app_message(a, MSG_INFO, "%s", _("Nothing was removed."));
        return;
    }
    /* The list may have changed while the question was up: remove the server named. */
    for (size_t i = 0; i < l->n; i++)
        if (l->v[i].port == srv->port && names_ip_equal(&l->v[i].ip, &srv->ip)) {
            keep_for_undo(a, st);
            session_server_remove(a->s, i);
            if (st->selected >= l->n && st->selected)
                st->selected--;
            app_message(a, MSG_INFO, _("%s was removed from the list; U puts it back."),
                        server_format(srv, text, sizeof text));
            return;
        }
}

static void run_remove(struct app *a, void *vst, const struct tui_key_event *k)
{
    struct servers *st = vst;
    const struct server_list *l = session_servers(a->s);
    struct dns_server *srv;
    char text[SERVERS_TEXT_SIZE], *body;
    const struct dialog_button b[] = {
        {_("Y  Remove it"), dialog_keys_yes(), 1},
        {_("N  Keep it"), dialog_keys_no(), 0},
    };

    (void)k;
    if (st->selected >= l->n || !(srv = malloc(sizeof *srv)))
        return;
    *srv = l->v[st->selected];
    if (asprintf(&body,
                 _("Remove %s (position %zu of %zu) from the node's list of DNS servers?\n"
                   "This changes the wizard's list only. U puts it back."),
                 server_format(srv, text, sizeof text), st->selected + 1, l->n) < 0) {
        free(srv);
        return;
    }
    app_ask(a, _("Remove a DNS server?"), body, b, 2, 1, removed, srv, free);
}

static void run_undo(struct app *a, void *vst, const struct tui_key_event *k)
{
    struct servers *st = vst;

    (void)k;
    if (session_servers_replace(a->s, &st->undo) == CD_OK) {
        st->has_undo = false;
        app_message(a, MSG_INFO, "%s", _("The list is back as it was."));
    }
}

static void taken(struct app *a, void *ctx, int id)
{
    struct servers *st = app_state(a, STEP_DNS_ORDER);

    (void)ctx;
    if (id != 1) {
        app_message(a, MSG_INFO, "%s", _("The order was kept."));
        return;
    }
    keep_for_undo(a, st);
    if (!session_take_recommended(a->s)) {
        st->has_undo = false;
        app_message(a, MSG_ERROR, "%s",
                    _("The recommended order is no longer there (a check started): nothing changed."));
        return;
    }
    st->selected = 0;
    app_message(a, MSG_INFO, "%s",
                _("The recommended order is taken (U puts the old one back); checking again. "
                  "Change it on the node too."));
}

static void list_order(char **body, size_t *len, const struct server_list *l)
{
    char srv[SERVERS_TEXT_SIZE];

    for (size_t i = 0; i < l->n; i++) {
        int n = snprintf(*body + *len, 8192 - *len, "  %2zu  %s\n", i + 1,
                         server_format(&l->v[i], srv, sizeof srv));

        if (n > 0 && *len + (size_t)n < 8192)
            *len += (size_t)n;
    }
}

static void run_take(struct app *a, void *vst, const struct tui_key_event *k)
{
    const struct server_list *rec = session_recommended(a->s);
    char *body = malloc(8192);
    size_t len = 0;
    const struct dialog_button b[] = {
        {_("Y  Take it"), dialog_keys_yes(), 1},
        {_("N  Keep this order"), dialog_keys_no(), 0},
    };

    (void)vst, (void)k;
    if (!rec || !body) {
        free(body);
        return;
    }
    len = (size_t)snprintf(body, 8192, "%s\n", _("The recommended order, the local DNS first:"));
    list_order(&body, &len, rec);
    len += (size_t)snprintf(body + len, 8192 - len, "%s\n", _("instead of the order now:"));
    list_order(&body, &len, session_servers(a->s));
    snprintf(body + len, 8192 - len, "%s",
             _("This changes the wizard's list only: the node's own order changes on its DNS "
               "tab (step 5's netsh form has the command). U puts the old order back."));
    app_ask(a, _("Take the recommended order?"), body, b, 2, 1, taken, NULL, NULL);
}

static void run_check(struct app *a, void *st, const struct tui_key_event *k)
{
    struct cd_diag d;

    (void)st, (void)k;
    if (session_recheck(a->s, &d) < 0)
        message_diag(a, &d);
    else
        app_message(a, MSG_INFO, "%s", _("Checking again..."));
}

static const struct scr_command commands[] = {
    {L"r", TK_NONE, N_("R"), N_("recommended order"), can_take, run_take},
    {L"+-", TK_NONE, N_("+/-"), N_("move"), can_move, run_move},
    {NULL, TK_DELETE, N_("Del"), N_("remove"), can_remove, run_remove},
    {L"u", TK_NONE, N_("U"), N_("undo"), can_undo, run_undo},
    {L"c", TK_NONE, N_("C"), N_("check again"), NULL, run_check},
    {NULL, TK_NONE, NULL, NULL, NULL, NULL},
};

static int list_key(struct app *a, struct servers *st, const struct tui_key_event *k)
{
    size_t n = session_servers(a->s)->n;

    if (k->key == TK_UP && st->selected > 0)
        st->selected--;
    else if (k->key == TK_DOWN && st->selected + 1 < n)
        st->selected++;
    else if (k->key == TK_PGUP || k->key == TK_HOME)
        st->selected = 0;
    else if ((k->key == TK_PGDN || k->key == TK_END) && n)
        st->selected = n - 1;
    else if (k->key != TK_UP && k->key != TK_DOWN)
        return KR_IGNORED;
    return KR_HANDLED;
}

static int key(struct app *a, void *vst, const struct tui_key_event *k)
{
    struct servers *st = vst;
    struct form_item *it = form_focused(&st->form);
    enum form_event ev;
    size_t which;
    char text[1024];
    struct cd_diag d;
    int r;

    if (scr_import_key(a, &st->paste, it->id == ID_FILE ? it : NULL, k))
        return KR_HANDLED;
    if (it->id == ID_LIST && list_key(a, st, k) != KR_IGNORED)
        return KR_HANDLED;
    if (it->id == ID_ADD && k->key == TK_ENTER) {
        line_edit_get(&it->edit, text, sizeof text);
        if (session_server_add(a->s, text, &d) < 0)
            message_diag(a, &d);
        else
            line_edit_set(&it->edit, "");
        return KR_HANDLED;
    }
    r = scr_form_key(a, &st->form, k, &ev, &which);
    if (ev == FORM_PRESSED && st->form.items[which].id == ID_PASTE)
        paste_begin(&st->paste);
    return r;
}

static const char *role_text(enum server_role r)
{
    return r == ROLE_LOCAL ? _("local") : r == ROLE_INTERNET ? _("internet") : _("unknown");
}

/* The reply to the zone's SOA in a word or two: the column is narrow. */
static const char *zone_text(const struct records_server *rs)
{
    switch (rs->soa) {
    case PROBE_ANSWER:
        return rs->authoritative ? _("authoritative") : _("answers");
    case PROBE_NXDOMAIN:
        return _("zone unknown");
    case PROBE_NODATA:
        return _("no SOA");
    case PROBE_REFUSED:
        return _("refused");
    case PROBE_SERVFAIL:
        return _("SERVFAIL");
    case PROBE_TIMEOUT:
        return _("no reply");
    case PROBE_CONNREFUSED:
        return C_("zone column", "port closed");
    case PROBE_MALFORMED:
        return _("unreadable");
    case PROBE_TRUNCATED:
        return _("no TCP");
    default:
        return _("failed");
    }
}

enum { COL_NUM = 2, COL_SERVER = 5, COL_ROLE = 24, COL_ZONE = 33, COL_TIME = 48, COL_RECORDS = 57 };

static int draw_list(struct app *a, struct servers *st, WINDOW *w, int y, int max_y, int width,
                     const struct records_eval *e)
{
    struct form *form = &st->form;
    const struct server_list *servers = session_servers(a->s);
    char srv[SERVERS_TEXT_SIZE], ms[32];

    ui_style(w, form->focus == 0 ? UI_FOCUS : UI_DIM);
    ui_put(w, y, COL_NUM, 3, "#");
    ui_put(w, y, COL_SERVER, COL_ROLE - COL_SERVER - 1, _("server"));
    ui_put(w, y, COL_ROLE, COL_ZONE - COL_ROLE - 1, _("role"));
    ui_put(w, y, COL_ZONE, COL_TIME - COL_ZONE - 1, _("zone"));
    ui_put(w, y, COL_TIME, COL_RECORDS - COL_TIME - 1, _("time"));
    ui_put(w, y++, COL_RECORDS, width - COL_RECORDS - 1, _("records"));
    ui_style(w, UI_NORMAL);
    if (servers->n == 0)
        ui_put(w, y++, 4, width - 6, _("No DNS server: add one, or paste 'ipconfig /all'."));
    for (size_t i = 0; i < servers->n && y < max_y; i++) {
        const struct records_server *rs = e && i < e->n ? &e->server[i] : NULL;
        bool sel = i == st->selected && form->focus == 0;

        ui_style(w, sel ? UI_FOCUS : UI_NORMAL);
        ui_putf(w, y, COL_NUM, 3, "%c%zu", i == st->selected ? '>' : ' ', i + 1);
        ui_put(w, y, COL_SERVER, COL_ROLE - COL_SERVER - 1,
               server_format(&servers->v[i], srv, sizeof srv));
        ui_style(w, UI_NORMAL);
        if (!rs || rs->soa == PROBE_PENDING) {
            ui_style(w, UI_PENDING);
            ui_put(w, y++, COL_ROLE, 20, rs ? _("asking...") : "-");
            ui_style(w, UI_NORMAL);
            continue;
        }
        ui_put(w, y, COL_ROLE, COL_ZONE - COL_ROLE - 1, role_text(rs->role));
        ui_style(w, rs->authoritative ? UI_OK : rs->answered ? UI_NORMAL : UI_WARN);
        ui_put(w, y, COL_ZONE, COL_TIME - COL_ZONE - 1, zone_text(rs));
        ui_style(w, UI_NORMAL);
        if (rs->rtt_ms >= 0)
            snprintf(ms, sizeof ms, _("%.1f ms"), rs->rtt_ms);
        else
            snprintf(ms, sizeof ms, "-");
        ui_put(w, y, COL_TIME, COL_RECORDS - COL_TIME - 1, ms);
        {
            int x = COL_RECORDS;
            /* One word when both agree: two long ones would not fit 80 columns. */
            x += ui_status(w, y, x, rs->status[QUERY_EXCHANGE]) + 1;
            if (rs->status[QUERY_CLUSTER] != rs->status[QUERY_EXCHANGE])
                ui_status(w, y, x, rs->status[QUERY_CLUSTER]);
        }
        y++;
    }
    return y;
}

static int draw_decisions(struct app *a, WINDOW *w, int y, int width, const struct records_eval *e)
{
    struct check *c = session_check(a->s);
    const struct records_target *t = c ? check_target(c) : NULL;
    const struct server_list *servers = session_servers(a->s);
    char srv[SERVERS_TEXT_SIZE], line[512];

    if (!e || !t) {
        ui_put(w, y++, 2, width - 4,
               servers->n ? _("The check starts once the names and IPs are valid (step 3).")
                          : _("The check starts once there is a DNS server to ask."));
        return y;
    }
    ui_put(w, y++, 2, width - 4, _("What the node gets, asking in this order:"));
    for (int h = 0; h < HOST_COUNT; h++) {
        const struct records_decision *d = &e->decide[h];

        if (d->status == REC_PENDING)
            snprintf(line, sizeof line, _("%1$s: %2$s"), t->fqdn[h], _("waiting for the answers..."));
        else if (d->server == RECORDS_NONE)
            snprintf(line, sizeof line, _("%1$s: %2$s"), t->fqdn[h], _("no server answers"));
        else
            snprintf(line, sizeof line, _("%s: from %s, %s"), t->fqdn[h],
                     server_format(&servers->v[d->server], srv, sizeof srv),
                     _(record_status_text(d->status)));
        ui_style(w, d->status == REC_OK ? UI_OK : d->status == REC_PENDING ? UI_PENDING : UI_BAD);
        ui_put(w, y++, 4, width - 6, line);
        if (d->cause != RECORDS_NONE)
            ui_put(w, y++, 6, width - 8,
                   _("an Internet DNS listed before the local DNS says it does not exist"));
        ui_style(w, UI_NORMAL);
    }
    /* Only once the check is done: R takes nothing before (session_take_recommended). */
    if (check_done(c) && e->verdict != VERDICT_INCOMPLETE && records_order_changes(e)) {
        size_t len = 0;

        line[0] = '\0';
        for (size_t k = 0; k < e->n && len < sizeof line; k++)
            len += (size_t)snprintf(line + len, sizeof line - len, "%s%s", k ? ", " : "",
                                    server_format(&servers->v[e->recommended[k]], srv, sizeof srv));
        ui_style(w, UI_WARN);
        ui_put(w, y++, 2, width - 4, _("Recommended order, local DNS first (R takes it):"));
        ui_put(w, y++, 4, width - 6, line);
        ui_style(w, UI_NORMAL);
    }
    return y;
}

static void draw(struct app *a, void *vst, WINDOW *w, int h, int width)
{
    struct servers *st = vst;
    struct form *form = &st->form;
    struct check *c = session_check(a->s);
    const struct records_eval *e = c ? check_eval(c) : NULL;
    int y = 1, cy = 2, cx = 3;

    ui_put(w, y++, 2, width - 4,
           _("The node must ask the local DNS before the Internet provider's DNS."));
    y = draw_list(a, st, w, y + 1, h - 11, width, e);
    y++;
    draw_decisions(a, w, y, width, e);
    y = h - 3;
    if (st->paste.active) {
        paste_draw(w, y, width, &st->paste, "'ipconfig /all'");
        return;
    }
    scr_draw_field(a, w, y, width, form, 1);
    if (form->focus == 1)
        getyx(w, cy, cx);
    ui_button(w, y + 1, 2, _(form->items[2].label), form->focus == 2);
    if (form->focus == 2)
        cy = y + 1, cx = 3;
    scr_draw_field(a, w, y + 2, width, form, 3);
    if (form->focus == 3)
        getyx(w, cy, cx);
    if (form->focus == 0)
        cy = 3 + (int)st->selected, cx = 3;
    wmove(w, cy, cx);
}

const struct screen_ops scr_servers = {
    .step = STEP_DNS_ORDER,
    .title = N_("DNS server order"),
    .help = N_("The order of 'DNS server addresses, in order of use' on the node's DNS tab. The\n"
               "node takes the first answer or \"name does not exist\"; it moves on only when a\n"
               "server is silent, fails or refuses. So the local DNS must come first. Each\n"
               "server is asked live; R takes the recommended order; paste 'ipconfig /all'\n"
               "output (or read it from a file) to import the node's order."),
    .create = create,
    .destroy = destroy,
    .form = form_of,
    .key = key,
    .paste = paste,
    .capturing = capturing,
    .imported = imported,
    .draw = draw,
    .commands = commands,
};
