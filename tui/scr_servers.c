/* Step 4: the DNS servers in the node's order, each with its live status; for each name,
 * which server decides what the node gets. Move, add, remove, import, or take the
 * recommended order. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "list.h"
#include "scr_common.h"
#include "i18n.h"
#include "ui.h"

enum { ID_LIST = -2, ID_ADD = -3, ID_PASTE = -4, ID_FILE = -5 };

struct servers {
    struct form form;
    struct paste paste;
    struct list list; /* the servers, in the node's order */
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
        form_add_nav(&st->form);
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
    list_select(&st->list, 0);
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

    list_select(&st->list, session_server_move(a->s, st->list.selected, k->ch == L'+' ? -1 : 1));
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
            list_set_count(&st->list, l->n);
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
    if (st->list.selected >= l->n || !(srv = malloc(sizeof *srv)))
        return;
    *srv = l->v[st->list.selected];
    if (asprintf(&body,
                 _("Remove %s (position %zu of %zu) from the node's list of DNS servers?\n"
                   "This changes the wizard's list only. U puts it back."),
                 server_format(srv, text, sizeof text), st->list.selected + 1, l->n) < 0) {
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
    list_select(&st->list, 0);
    app_message(a, MSG_INFO, "%s",
                _("The recommended order is taken (U puts the old one back); checking again. "
                  "Change it on the node too."));
}

static void run_take(struct app *a, void *vst, const struct tui_key_event *k)
{
    const struct server_list *rec = session_recommended(a->s), *now = session_servers(a->s);
    char *body = malloc(8192), srv[SERVERS_TEXT_SIZE], was[SERVERS_TEXT_SIZE];
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
    /* The two orders side by side: the same servers, in another order. */
    len = (size_t)snprintf(body, 8192, "      %-26s %s\n", _("recommended order"), _("order now"));
    for (size_t i = 0; i < rec->n && len < 8192; i++)
        len += (size_t)snprintf(body + len, 8192 - len, "  %2zu  %-26s %s\n", i + 1,
                                server_format(&rec->v[i], srv, sizeof srv),
                                i < now->n ? server_format(&now->v[i], was, sizeof was) : "");
    if (len < 8192)
        snprintf(body + len, 8192 - len, "\n%s",
                 _("The local DNS first. This changes the wizard's list only: the node's own "
                   "order changes on its DNS tab (step 5's netsh form has the command). U puts "
                   "the old order back."));
    app_ask(a, _("Take the recommended order?"), body, b, 2, 1, taken, NULL, NULL);
}

/* O: the operator says the node's own order was changed to the wizard's list. */
static bool can_confirm(struct app *a, void *st)
{
    (void)st;
    return session_order_to_confirm(a->s) != NULL;
}

static void confirmed(struct app *a, void *ctx, int id)
{
    struct cd_diag d;
    char text[1024];

    (void)ctx;
    if (id != 1) {
        app_message(a, MSG_INFO, "%s", _("Not confirmed: the node's order stays as found."));
        return;
    }
    if (session_confirm_order(a->s, &d) < 0)
        app_message(a, MSG_ERROR, "%s", diag_format(&d, text, sizeof text));
    else
        app_message(a, MSG_INFO, "%s",
                    _("Confirmed: the checklist records that the node has this order now, with "
                      "who and when."));
}

static void run_confirm(struct app *a, void *vst, const struct tui_key_event *k)
{
    const struct server_list *order = session_order_to_confirm(a->s),
                             *node = session_node_order(a->s);
    char *body = malloc(8192), srv[SERVERS_TEXT_SIZE], was[SERVERS_TEXT_SIZE];
    size_t len;
    const struct dialog_button b[] = {
        {_("Y  Yes, it is done on the node"), dialog_keys_yes(), 1},
        {_("N  Not yet"), dialog_keys_no(), 0},
    };

    (void)vst, (void)k;
    if (!order || !body) {
        free(body);
        return;
    }
    len = (size_t)snprintf(body, 8192, "%s\n\n      %-26s %s\n",
                           _("Was the node's DNS server order changed, on its DNS tab (or with "
                             "netsh), to this one?"),
                           _("the order now"), _("the node's order as found"));
    for (size_t i = 0; i < order->n && len < 8192; i++)
        len += (size_t)snprintf(body + len, 8192 - len, "  %2zu  %-26s %s\n", i + 1,
                                server_format(&order->v[i], srv, sizeof srv),
                                node && i < node->n ? server_format(&node->v[i], was, sizeof was)
                                                    : "");
    if (len < 8192)
        snprintf(body + len, 8192 - len, "\n%s",
                 _("Say yes only once it is done on the node: the checklist records it, with "
                   "who and when, and step 4 holds by it."));
    app_ask(a, _("Is the order changed on the node?"), body, b, 2, 1, confirmed, NULL, NULL);
}

static const struct scr_command commands[] = {
    {L"r", TK_NONE, N_("R"), N_("recommended order"), can_take, run_take},
    {L"+-", TK_NONE, N_("+/-"), N_("move"), can_move, run_move},
    {NULL, TK_DELETE, N_("Del"), N_("remove"), can_remove, run_remove},
    {L"u", TK_NONE, N_("U"), N_("undo"), can_undo, run_undo},
    {L"c", TK_NONE, N_("C"), N_("check again"), NULL, scr_run_check},
    {L"o", TK_NONE, N_("O"), N_("done on the node"), can_confirm, run_confirm},
    {NULL, TK_NONE, NULL, NULL, NULL, NULL},
};

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
    list_set_count(&st->list, session_servers(a->s)->n);
    if (it->id == ID_LIST && list_key(&st->list, k))
        return KR_HANDLED;
    if (it->id == ID_ADD && k->key == TK_ENTER) {
        line_edit_get(&it->edit, text, sizeof text);
        if (session_server_add(a->s, text, &d) < 0)
            scr_message_diag(a, &d);
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

enum { COL_NUM = 2, COL_SERVER = 6, COL_ROLE = 25, COL_ZONE = 34, COL_TIME = 49, COL_RECORDS = 58 };

struct row_ctx {
    struct app *a;
    const struct records_eval *e;
};

static void draw_row(void *vctx, WINDOW *w, int y, int x, int width, size_t i, bool sel)
{
    const struct row_ctx *ctx = vctx;
    const struct server_list *servers = session_servers(ctx->a->s);
    const struct records_server *rs = ctx->e && i < ctx->e->n ? &ctx->e->server[i] : NULL;
    char srv[SERVERS_TEXT_SIZE], ms[32];

    (void)x, (void)width;
    ui_style(w, sel ? UI_FOCUS : UI_NORMAL);
    ui_putf(w, y, COL_NUM, COL_SERVER - COL_NUM, "%c%2zu", sel ? '>' : ' ', i + 1);
    ui_put(w, y, COL_SERVER, COL_ROLE - COL_SERVER - 1, server_format(&servers->v[i], srv, sizeof srv));
    ui_style(w, UI_NORMAL);
    if (!rs || rs->soa == PROBE_PENDING) {
        ui_style(w, UI_PENDING);
        ui_put(w, y, COL_ROLE, 20, rs ? _("asking...") : "-");
        ui_style(w, UI_NORMAL);
        return;
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
    x = COL_RECORDS;
    /* One word when both agree: two long ones would not fit 80 columns. */
    x += ui_status(w, y, x, rs->status[QUERY_EXCHANGE]) + 1;
    if (rs->status[QUERY_CLUSTER] != rs->status[QUERY_EXCHANGE])
        ui_status(w, y, x, rs->status[QUERY_CLUSTER]);
}

/* The header and the list of servers in at most height lines; returns the next row and
 * the row of the selection in *sel_y. */
static int draw_list(struct app *a, struct servers *st, WINDOW *w, int y, int height, int width,
                     const struct records_eval *e, int *sel_y)
{
    const struct server_list *servers = session_servers(a->s);
    bool focused = form_focused(&st->form)->id == ID_LIST;
    struct row_ctx ctx = {a, e};

    ui_style(w, focused ? UI_FOCUS : UI_DIM);
    ui_put(w, y, COL_NUM, 3, "#");
    ui_put(w, y, COL_SERVER, COL_ROLE - COL_SERVER - 1, _("server"));
    ui_put(w, y, COL_ROLE, COL_ZONE - COL_ROLE - 1, _("role"));
    ui_put(w, y, COL_ZONE, COL_TIME - COL_ZONE - 1, _("zone"));
    ui_put(w, y, COL_TIME, COL_RECORDS - COL_TIME - 1, _("time"));
    ui_put(w, y++, COL_RECORDS, width - COL_RECORDS - 1, _("records"));
    ui_style(w, UI_NORMAL);
    if (servers->n == 0) {
        ui_put(w, y, 4, width - 6, _("No DNS server: add one, or paste 'ipconfig /all'."));
        *sel_y = y;
        return y + 1;
    }
    list_set_count(&st->list, servers->n);
    *sel_y = y;
    y += list_draw(&st->list, w, y, 2, width - 4, height - 1, focused, draw_row, &ctx);
    *sel_y += (int)(st->list.selected - st->list.top);
    return y;
}

/* What the node gets, asking in this order, and whether the order should change. Returns
 * the next row; draws nothing past max_y. */
static int draw_decisions(struct app *a, WINDOW *w, int y, int max_y, int width,
                          const struct records_eval *e)
{
    struct check *c = session_check(a->s);
    const struct records_target *t = c ? check_target(c) : NULL;
    const struct server_list *servers = session_servers(a->s);
    char srv[SERVERS_TEXT_SIZE], line[1024];
    bool cause = false;

    if (!e || !t) {
        y += ui_wrap(w, y, 2, width - 4, 0, max_y - y,
                     servers->n ? _("The check starts once the names and IPs are valid (step 3).")
                                : _("The check starts once there is a DNS server to ask."));
        return y;
    }
    if (e->zone_nowhere) {
        ui_style(w, UI_BAD);
        snprintf(line, sizeof line,
                 _("No DNS server holds the zone %s: check its spelling on step 3, and that "
                   "the local DNS is listed."),
                 t->zone);
        y += ui_wrap(w, y, 2, width - 4, 2, max_y - y, line);
        ui_style(w, UI_NORMAL);
    }
    ui_put(w, y++, 2, width - 4, _("What the node gets, asking in this order:"));
    for (int h = 0; h < HOST_COUNT && y < max_y; h++) {
        const struct records_decision *d = &e->decide[h];
        /* Both names decided alike (the usual case): one line for both. */
        bool both = h == 0 && d->server == e->decide[1].server &&
                    d->status == e->decide[1].status && d->cause == e->decide[1].cause;
        const char *names = both ? _("both names") : t->fqdn[h];

        if (d->status == REC_PENDING)
            snprintf(line, sizeof line, _("%1$s: %2$s"), names, _("waiting for the answers..."));
        else if (d->server == RECORDS_NONE)
            snprintf(line, sizeof line, _("%1$s: %2$s"), names, _("no server answers"));
        else
            snprintf(line, sizeof line, _("%s: from %s, %s"), names,
                     server_format(&servers->v[d->server], srv, sizeof srv),
                     _(record_status_text(d->status)));
        ui_style(w, d->status == REC_OK ? UI_OK : d->status == REC_PENDING ? UI_PENDING : UI_BAD);
        /* Wrapped at spaces, never cut: a long zone makes a long name. */
        y += ui_wrap(w, y, 4, width - 6, 2, max_y - y, line);
        ui_style(w, UI_NORMAL);
        if (d->cause != RECORDS_NONE)
            cause = true;
        if (both)
            break;
    }
    /* Only once the check is done: R takes nothing before (session_take_recommended). */
    if (check_done(c) && e->verdict != VERDICT_INCOMPLETE && records_order_changes(e) &&
        y < max_y) {
        ui_style(w, UI_WARN);
        snprintf(line, sizeof line, _("Recommended order: %s first (R shows it all and takes it)."),
                 server_format(&servers->v[e->recommended[0]], srv, sizeof srv));
        y += ui_wrap(w, y, 2, width - 4, 2, max_y - y, line);
        ui_style(w, UI_NORMAL);
    }
    /* What is left on the node, when the wizard's list is not the node's yet. */
    if (session_order_to_confirm(a->s) && y < max_y) {
        ui_style(w, UI_WARN);
        y += ui_wrap(w, y, 2, width - 4, 2, max_y - y,
                     _("The node still has its own order: change it on its DNS tab, then O "
                       "confirms it."));
        ui_style(w, UI_NORMAL);
    }
    /* The reason only when it fits whole: findings on step 5 say it too. */
    if (cause) {
        const char *why = _("Why: an Internet DNS listed first says the name does not exist.");

        if (y + (int)ui_text(NULL, 0, 0, width - 6, 0, 0, why) <= max_y) {
            ui_style(w, UI_BAD);
            y += ui_wrap(w, y, 4, width - 6, 0, max_y - y, why);
            ui_style(w, UI_NORMAL);
        }
    }
    return y;
}

static void draw(struct app *a, void *vst, WINDOW *w, int h, int width)
{
    struct servers *st = vst;
    struct form *form = &st->form;
    struct check *c = session_check(a->s);
    const struct records_eval *e = c ? check_eval(c) : NULL;
    int y = 1, cy = 2, cx = 3, sel_y = 2, bottom = h - 3, list_h;

    y += ui_wrap(w, y, 2, width - 4, 0, 2,
                 _("The node must ask the local DNS before the Internet provider's DNS."));
    y++;
    /* The decisions below take about 5 lines; the list gets the rest, at least 2 rows. */
    list_h = bottom - y - 7;
    if (list_h < 3)
        list_h = 3;
    y = draw_list(a, st, w, y, list_h, width, e, &sel_y);
    y++;
    draw_decisions(a, w, y, bottom - 1, width, e);
    y = bottom;
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
        cy = sel_y, cx = 3;
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
