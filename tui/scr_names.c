/* Step 3: the zone, the Exchange and cluster network names and IPs, each checked as the
 * operator leaves it; beside each valid name, what every DNS server answers for it today. */
#include "config.h"

#include <stdlib.h>

#include "scr_common.h"
#include "i18n.h"
#include "ui.h"

struct names {
    struct form form;
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

static int key(struct app *a, void *st, const struct tui_key_event *k)
{
    enum form_event ev;
    size_t which;

    return scr_form_key(a, form_of(st), k, &ev, &which);
}

/* One line per server: what it answers for host h now. Returns the next row. */
static int draw_answers(struct app *a, WINDOW *w, int y, int max_y, int width, enum records_host h)
{
    const struct server_list *servers = session_servers(a->s);
    char srv[SERVERS_TEXT_SIZE], text[512];

    for (size_t i = 0; i < servers->n && y < max_y; i++) {
        const struct probe_answer *ans = session_lookup(a->s, h, i);

        if (!ans)
            return y;
        if (y == max_y - 1 && i + 1 < servers->n) {
            ui_putf(w, y++, SCR_LABEL_W + 4, width - SCR_LABEL_W - 6, _("... and %zu more servers"),
                    servers->n - i);
            break;
        }
        ui_style(w, UI_DIM);
        ui_putf(w, y, SCR_LABEL_W + 4, 24, "%zu %s", i + 1,
                server_format(&servers->v[i], srv, sizeof srv));
        ui_style(w, ui_answer_style(ans));
        ui_put(w, y++, SCR_LABEL_W + 29, width - SCR_LABEL_W - 31,
               ans->outcome == PROBE_PENDING ? _("asking...") : ui_answer_text(ans, text, sizeof text));
        ui_style(w, UI_NORMAL);
    }
    return y;
}

static void draw(struct app *a, void *st, WINDOW *w, int h, int width)
{
    struct form *form = form_of(st);
    int y = 1, cy = 0, cx = 0;
    int budget = (h - 11) / 2; /* rows for each name's answers */

    ui_put(w, y++, 2, width - 4,
           _("From Cluster Administrator, the Exchange group: the network names and IPs."));
    ui_put(w, y++, 2, width - 4, _("The KB: the Exchange and cluster names and IPs must differ."));
    y++;
    for (size_t i = 0; i < form->n; i++) {
        int row = y;

        y = scr_draw_field(a, w, y, width, form, i);
        if (form->focus == i)
            getyx(w, cy, cx);
        if (form->items[i].id == SF_EXCHANGE_NAME || form->items[i].id == SF_CLUSTER_NAME) {
            enum records_host host =
                form->items[i].id == SF_EXCHANGE_NAME ? HOST_EXCHANGE : HOST_CLUSTER;

            (void)row;
            y = draw_answers(a, w, y, y + (budget > 1 ? budget : 1), width, host);
        }
    }
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
    .key = key,
    .draw = draw,
};
