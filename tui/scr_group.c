/* Step 2: the Exchange group, typed or chosen from `cluster group` output. */
#include "config.h"


#include "scr_common.h"
#include "i18n.h"
#include "ui.h"

enum { ID_FILE = -1, ID_LIST = -2, ID_PASTE = -3 };

static struct form form;
static struct paste paste;
static size_t selected;

static void enter(struct app *a)
{
    if (form.n == 0) {
        form_init(&form);
        form_add(&form, ITEM_TEXT, N_("Exchange group"), SF_GROUP, 127);
        form_add(&form, ITEM_LIST, N_("Groups found"), ID_LIST, 0);
        form_add(&form, ITEM_BUTTON, N_("Paste 'cluster group' output"), ID_PASTE, 0);
        form_add(&form, ITEM_TEXT, N_("or read it from file"), ID_FILE, 200);
    }
    scr_fields_load(a, &form);
}


static void import(struct app *a, const char *text)
{
    struct cd_diag d;
    char msg[1024];

    if (session_import_groups(a->s, text, &d) < 0) {
        app_message(a, MSG_ERROR, "%s", diag_format(&d, msg, sizeof msg));
        return;
    }
    selected = 0;
    form_focus(&form, form_find(&form, ITEM_LIST, ID_LIST));
    app_message(a, MSG_INFO,
                ngettext("%zu group found: choose the Exchange group with Enter.",
                         "%zu groups found: choose the Exchange group with Enter.",
                         session_groups(a->s)),
                session_groups(a->s));
}

static void choose(struct app *a)
{
    size_t field = form_find(&form, ITEM_TEXT, SF_GROUP);

    if (selected >= session_groups(a->s))
        return;
    line_edit_set(&form.items[field].edit, session_group(a->s, selected));
    scr_commit(a, &form, field);
}

static int key(struct app *a, const struct tui_key_event *k)
{
    enum form_event ev;
    size_t which;
    struct form_item *it = form_focused(&form);
    int r;

    if (scr_import_key(a, &paste, it->id == ID_FILE ? it : NULL, k, import))
        return KR_HANDLED;
    if (it->id == ID_LIST && (k->key == TK_UP || k->key == TK_DOWN)) {
        if (k->key == TK_UP && selected > 0)
            selected--;
        else if (k->key == TK_DOWN && selected + 1 < session_groups(a->s))
            selected++;
        return KR_HANDLED;
    }
    r = scr_form_key(a, &form, k, &ev, &which);
    if (ev == FORM_PRESSED && form.items[which].id == ID_PASTE)
        paste_begin(&paste);
    else if (ev == FORM_PRESSED && form.items[which].id == ID_LIST)
        choose(a);
    return r;
}

static void draw(struct app *a, WINDOW *w, int h, int width)
{
    int y = 1, cy = -1, cx = 0;
    size_t n = session_groups(a->s);

    ui_put(w, y++, 2, width - 4,
           _("In Cluster Administrator, the group that holds the Exchange resources."));
    y++;
    y = scr_draw_field(a, w, y, width, &form, 0);
    if (form.focus == 0)
        getyx(w, cy, cx);
    y++;
    ui_style(w, form.focus == 1 ? UI_FOCUS : UI_NORMAL);
    ui_put(w, y++, 2, width - 4, _("Groups found (Up/Down, Enter chooses):"));
    ui_style(w, UI_NORMAL);
    if (n == 0)
        ui_put(w, y++, 4, width - 6, _("none yet: paste or read 'cluster group' output below"));
    for (size_t i = 0; i < n && y < h - 6; i++) {
        bool sel = i == selected;

        ui_style(w, sel && form.focus == 1 ? UI_FOCUS : UI_NORMAL);
        ui_putf(w, y++, 4, width - 6, "%s %s", sel ? ">" : " ", session_group(a->s, i));
        ui_style(w, UI_NORMAL);
    }
    y = h - 5;
    if (paste.active) {
        paste_draw(w, y, width, &paste, "'cluster group'");
        return;
    }
    ui_button(w, y, 2, _(form.items[2].label), form.focus == 2);
    scr_draw_field(a, w, y + 2, width, &form, 3);
    if (form.focus == 3)
        getyx(w, cy, cx);
    if (cy >= 0)
        wmove(w, cy, cx);
    else
        wmove(w, y, 3);
}

const struct screen_ops scr_group = {
    .step = STEP_GROUP,
    .title = N_("Exchange group"),
    .help = N_("Type the name of the cluster group that holds Exchange, or paste the output of\n"
               "'cluster group' (run on a node) and choose it from the list. The output's\n"
               "columns are read by its dashed ruler, so names with spaces are kept whole."),
    .enter = enter,
    .form = &form,
    .key = key,
    .draw = draw,
};
