/* Step 4: the DNS servers in the node's order, each with its live status; for each name,
 * which server decides what the node gets. Move, add, remove, import, or take the
 * recommended order. */
#include "config.h"


#include "scr_common.h"
#include "i18n.h"
#include "ui.h"

enum { ID_LIST = -2, ID_ADD = -3, ID_PASTE = -4, ID_FILE = -5 };

static struct form form;
static struct paste paste;
static size_t selected;

static void enter(struct app *a)
{
    (void)a;
    if (form.n == 0) {
        form_init(&form);
        form_add(&form, ITEM_LIST, N_("DNS servers"), ID_LIST, 0);
        form_add(&form, ITEM_TEXT, N_("Add a server"), ID_ADD, 60);
        form_add(&form, ITEM_BUTTON, N_("Paste 'ipconfig /all'"), ID_PASTE, 0);
        form_add(&form, ITEM_TEXT, N_("or read it from file"), ID_FILE, 200);
    }
}

static void message_diag(struct app *a, const struct cd_diag *d)
{
    char text[1024];

    app_message(a, MSG_ERROR, "%s", diag_format(d, text, sizeof text));
}

static void import(struct app *a, const char *text)
{
    struct cd_diag d;

    if (session_servers_import(a->s, text, &d) < 0) {
        message_diag(a, &d);
        return;
    }
    selected = 0;
    app_message(a, MSG_INFO,
                ngettext("%zu DNS server read, in the order the node uses them.",
                         "%zu DNS servers read, in the order the node uses them.",
                         session_servers(a->s)->n),
                session_servers(a->s)->n);
}

static int list_key(struct app *a, const struct tui_key_event *k)
{
    size_t n = session_servers(a->s)->n;
    wchar_t c = k->key == TK_CHAR ? k->ch : 0;

    if (k->key == TK_UP && selected > 0)
        selected--;
    else if (k->key == TK_DOWN && selected + 1 < n)
        selected++;
    else if (k->key == TK_PGUP || k->key == TK_HOME)
        selected = 0;
    else if ((k->key == TK_PGDN || k->key == TK_END) && n)
        selected = n - 1;
    else if (c == L'+' || c == L'-' || c == L'u' || c == L'd')
        selected = n ? session_server_move(a->s, selected, c == L'+' || c == L'u' ? -1 : 1) : 0;
    else if (k->key == TK_DELETE && n) {
        session_server_remove(a->s, selected);
        if (selected && selected >= n - 1)
            selected--;
    } else if (c == L'r' || c == L'R') {
        if (!session_take_recommended(a->s))
            app_message(a, MSG_ERROR, "%s", _("No recommended order yet: the check has not finished."));
        else
            app_message(a, MSG_INFO, "%s", _("The recommended order is taken; checking again."));
    } else
        return KR_IGNORED;
    return KR_HANDLED;
}

static int key(struct app *a, const struct tui_key_event *k)
{
    struct form_item *it = form_focused(&form);
    enum form_event ev;
    size_t which;
    char text[1024];
    struct cd_diag d;
    int r;

    if (scr_import_key(a, &paste, it->id == ID_FILE ? it : NULL, k, import))
        return KR_HANDLED;
    if (k->key == TK_CHAR && (k->ch == L'c' || k->ch == L'C') && it->kind != ITEM_TEXT) {
        if (session_recheck(a->s, &d) < 0)
            message_diag(a, &d);
        return KR_HANDLED;
    }
    if (it->id == ID_LIST && list_key(a, k) != KR_IGNORED)
        return KR_HANDLED;
    if (it->id == ID_ADD && k->key == TK_ENTER) {
        line_edit_get(&it->edit, text, sizeof text);
        if (session_server_add(a->s, text, &d) < 0)
            message_diag(a, &d);
        else
            line_edit_set(&it->edit, "");
        return KR_HANDLED;
    }
    r = scr_form_key(a, &form, k, &ev, &which);
    if (ev == FORM_PRESSED && form.items[which].id == ID_PASTE)
        paste_begin(&paste);
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

static int draw_list(struct app *a, WINDOW *w, int y, int max_y, int width,
                     const struct records_eval *e)
{
    const struct server_list *servers = session_servers(a->s);
    char srv[SERVERS_TEXT_SIZE], ms[32];

    ui_style(w, form.focus == 0 ? UI_FOCUS : UI_DIM);
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
        bool sel = i == selected && form.focus == 0;

        ui_style(w, sel ? UI_FOCUS : UI_NORMAL);
        ui_putf(w, y, COL_NUM, 3, "%c%zu", i == selected ? '>' : ' ', i + 1);
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

static void draw(struct app *a, WINDOW *w, int h, int width)
{
    struct check *c = session_check(a->s);
    const struct records_eval *e = c ? check_eval(c) : NULL;
    int y = 1, cy = 2, cx = 3;

    ui_put(w, y++, 2, width - 4,
           _("The node must ask the local DNS before the Internet provider's DNS."));
    y = draw_list(a, w, y + 1, h - 12, width, e);
    y++;
    draw_decisions(a, w, y, width, e);
    y = h - 3;
    if (paste.active) {
        paste_draw(w, y, width, &paste, "'ipconfig /all'");
        return;
    }
    ui_put(w, y - 1, 2, width - 4,
           _("Up/Down select  +/- move  Del remove  R recommended order  C check again"));
    scr_draw_field(a, w, y, width, &form, 1);
    if (form.focus == 1)
        getyx(w, cy, cx);
    ui_button(w, y + 1, 2, _(form.items[2].label), form.focus == 2);
    if (form.focus == 2)
        cy = y + 1, cx = 3;
    scr_draw_field(a, w, y + 2, width, &form, 3);
    if (form.focus == 3)
        getyx(w, cy, cx);
    if (form.focus == 0)
        cy = 3 + (int)selected, cx = 3;
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
    .enter = enter,
    .key = key,
    .draw = draw,
};
