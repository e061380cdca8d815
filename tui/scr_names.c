/* Step 3: the zone, the Exchange and cluster network names and IPs, each checked as the
 * operator leaves it; beside each valid name, what every DNS server answers for it today. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "list.h"
#include "scr_common.h"
#include "i18n.h"
#include "ui.h"

enum { ID_ANSWERS = -2 };

struct names {
    struct form form;
    struct list answers; /* what every server says for each name, a row a server */
};

static void *create(void)
{
    struct names *st = calloc(1, sizeof *st);

    if (st) {
        form_init(&st->form);
        form_add(&st->form, ITEM_TEXT, N_("Zone"), SF_ZONE, 253);
        form_add(&st->form, ITEM_TEXT, N_("Exchange network name"), SF_EXCHANGE_NAME, 63);
        form_add(&st->form, ITEM_TEXT, N_("Exchange IP address"), SF_EXCHANGE_IP, 45);
        form_add(&st->form, ITEM_TEXT, N_("Cluster network name"), SF_CLUSTER_NAME, 63);
        form_add(&st->form, ITEM_TEXT, N_("Cluster IP address"), SF_CLUSTER_IP, 45);
        form_add(&st->form, ITEM_LIST, N_("Answers"), ID_ANSWERS, 0);
        form_add_nav(&st->form);
    }
    return st;
}

static struct form *form_of(void *st)
{
    return &((struct names *)st)->form;
}

static void enter(struct app *a, void *st)
{
    scr_fields_load(a, form_of(st));
}

static void imported(struct app *a, void *st)
{
    scr_fields_load(a, form_of(st));
}

static int key(struct app *a, void *vst, const struct tui_key_event *k)
{
    struct names *st = vst;
    enum form_event ev;
    size_t which;

    if (form_focused(&st->form)->id == ID_ANSWERS) {
        list_set_count(&st->answers, session_servers(a->s)->n);
        if (list_key(&st->answers, k))
            return KR_HANDLED;
    }
    return scr_form_key(a, &st->form, k, &ev, &which);
}

enum { COL_NUM = 2, COL_SERVER = 5, COL_EXCHANGE = 26, COL_CLUSTER = 53 };

/* One server's answer for host h, in words, styled by what it means for the address typed:
 * another address than typed is named as wrong. */
static void draw_cell(struct app *a, WINDOW *w, int y, int x, int width, enum records_host h,
                      size_t i)
{
    const struct probe_answer *ans = session_lookup(a->s, h, i);
    enum record_status st = session_lookup_status(a->s, h, i);
    char text[512], shown[600];

    if (!ans) {
        ui_style(w, UI_DIM);
        ui_put(w, y, x, width, "-");
    } else if (st == REC_PENDING) {
        ui_style(w, UI_PENDING);
        ui_put(w, y, x, width, _("asking..."));
    } else {
        ui_answer_text(ans, text, sizeof text);
        if (st == REC_WRONG)
            snprintf(shown, sizeof shown, _("wrong: %s"), text);
        else
            snprintf(shown, sizeof shown, "%s", text);
        ui_style(w, st == REC_OK ? UI_OK : st == REC_UNANSWERED ? UI_WARN : UI_BAD);
        ui_put(w, y, x, width, shown);
    }
    ui_style(w, UI_NORMAL);
}

static void draw_row(void *ctx, WINDOW *w, int y, int x, int width, size_t i, bool sel)
{
    struct app *a = ctx;
    char srv[SERVERS_TEXT_SIZE];

    (void)x;
    ui_style(w, sel ? UI_FOCUS : UI_DIM);
    ui_putf(w, y, COL_NUM, COL_EXCHANGE - COL_NUM - 1, "%c%2zu %s", sel ? '>' : ' ', i + 1,
            server_format(&session_servers(a->s)->v[i], srv, sizeof srv));
    ui_style(w, UI_NORMAL);
    draw_cell(a, w, y, COL_EXCHANGE, COL_CLUSTER - COL_EXCHANGE - 1, HOST_EXCHANGE, i);
    draw_cell(a, w, y, COL_CLUSTER, width - COL_CLUSTER - 1, HOST_CLUSTER, i);
}

static void draw(struct app *a, void *vst, WINDOW *w, int h, int width)
{
    struct names *st = vst;
    struct form *form = &st->form;
    const struct server_list *servers = session_servers(a->s);
    int y = 1, cy = 0, cx = 0;
    bool focused = form_focused(form)->id == ID_ANSWERS;

    y += ui_wrap(w, y, 2, width - 4, 0, 2,
                 _("From Cluster Administrator, the Exchange group: the network names and IPs."));
    y += ui_wrap(w, y, 2, width - 4, 0, 2,
                 _("The KB: the Exchange and cluster names and IPs must differ."));
    y++;
    for (size_t i = 0; i < form->n; i++) {
        if (form->items[i].kind != ITEM_TEXT)
            continue;
        y = scr_draw_field(a, w, y, width, form, i);
        if (form->focus == i)
            getyx(w, cy, cx);
    }
    y++;
    if (y + 2 > h || servers->n == 0) {
        wmove(w, cy, cx);
        return;
    }
    ui_style(w, focused ? UI_FOCUS : UI_DIM);
    ui_put(w, y, COL_NUM, COL_EXCHANGE - COL_NUM - 1, _("DNS server answers"));
    ui_put(w, y, COL_EXCHANGE, COL_CLUSTER - COL_EXCHANGE - 1,
           session_valid(a->s, SF_EXCHANGE_NAME) ? session_text(a->s, SF_EXCHANGE_NAME) : "-");
    ui_put(w, y++, COL_CLUSTER, width - COL_CLUSTER - 1,
           session_valid(a->s, SF_CLUSTER_NAME) ? session_text(a->s, SF_CLUSTER_NAME) : "-");
    ui_style(w, UI_NORMAL);
    list_set_count(&st->answers, servers->n);
    if (focused)
        cy = y + (int)(st->answers.selected - st->answers.top), cx = COL_NUM + 1;
    list_draw(&st->answers, w, y, 2, width - 4, h - y, focused, draw_row, a);
    if (focused)
        cy = y + (int)(st->answers.selected - st->answers.top);
    wmove(w, cy, cx);
}

const struct screen_ops scr_names = {
    .step = STEP_NAMES,
    .title = N_("Names and IPs"),
    .help = N_("Record, from the Exchange group in Cluster Administrator, the network name and IP\n"
               "address of the Exchange virtual server and of the cluster, and the DNS zone they\n"
               "belong to. Names are NetBIOS names (1 to 15 letters, digits, hyphens). As soon\n"
               "as a name is valid, each DNS server is asked for it and its answer shows."),
    .create = create,
    .destroy = free,
    .enter = enter,
    .form = form_of,
    .imported = imported,
    .key = key,
    .draw = draw,
};
