/* Step 2: the Exchange group, typed or chosen from pasted `cluster group` output. */
#include "config.h"

#include <stdlib.h>

#include "list.h"
#include "scr_common.h"
#include "i18n.h"
#include "ui.h"

enum { ID_FILE = -1, ID_LIST = -2, ID_PASTE = -3 };

struct group {
    struct form form;
    struct paste paste;
    struct list list; /* the groups read, to choose from */
};

static void *create(void)
{
    struct group *st = calloc(1, sizeof *st);

    if (st) {
        form_init(&st->form);
        form_add(&st->form, ITEM_TEXT, N_("Exchange group"), SF_GROUP, 127);
        form_add(&st->form, ITEM_LIST, N_("Groups found"), ID_LIST, 0);
        form_add(&st->form, ITEM_BUTTON, N_("Paste 'cluster group' output"), ID_PASTE, 0);
        form_add(&st->form, ITEM_TEXT, N_("or read it from file"), ID_FILE, 200);
        form_add_nav(&st->form);
    }
    return st;
}

static void destroy(void *vst)
{
    struct group *st = vst;

    paste_end(&st->paste);
    free(st);
}

static struct form *form_of(void *st)
{
    return &((struct group *)st)->form;
}

static void enter(struct app *a, void *st)
{
    scr_fields_load(a, form_of(st));
}

/* New choices: the first is selected, and the focus goes to the list when the group is
 * still to be given. */
static void imported(struct app *a, void *vst)
{
    struct group *st = vst;

    scr_fields_load(a, &st->form); /* the group may come from the import */
    list_set_count(&st->list, session_groups(a->s));
    list_select(&st->list, 0);
    if (session_groups(a->s) && !session_text(a->s, SF_GROUP)[0])
        form_focus(&st->form, form_find(&st->form, ITEM_LIST, ID_LIST));
}

static bool capturing(void *st)
{
    return ((struct group *)st)->paste.active;
}

static bool paste(struct app *a, void *st, const char *text)
{
    return scr_import_paste(a, &((struct group *)st)->paste, text);
}

static void choose(struct app *a, struct group *st)
{
    size_t field = form_find(&st->form, ITEM_TEXT, SF_GROUP);

    if (st->list.selected >= session_groups(a->s))
        return;
    line_edit_set(&st->form.items[field].edit, session_group(a->s, st->list.selected));
    scr_commit(a, &st->form, field);
    app_message(a, MSG_INFO, _("The Exchange group is \"%s\"."),
                session_group(a->s, st->list.selected));
}

static int key(struct app *a, void *vst, const struct tui_key_event *k)
{
    struct group *st = vst;
    struct form_item *it = form_focused(&st->form);
    size_t n = session_groups(a->s);
    enum form_event ev;
    size_t which;
    int r;

    if (scr_import_key(a, &st->paste, it->id == ID_FILE ? it : NULL, k))
        return KR_HANDLED;
    list_set_count(&st->list, n);
    if (it->id == ID_LIST && list_key(&st->list, k))
        return KR_HANDLED;
    r = scr_form_key(a, &st->form, k, &ev, &which);
    if (ev == FORM_PRESSED && st->form.items[which].id == ID_PASTE)
        paste_begin(&st->paste);
    else if (ev == FORM_PRESSED && st->form.items[which].id == ID_LIST)
        choose(a, st);
    return r;
}

static void draw_row(void *ctx, WINDOW *w, int y, int x, int width, size_t i, bool sel)
{
    struct app *a = ctx;

    ui_style(w, sel ? UI_FOCUS : UI_NORMAL);
    ui_putf(w, y, x, width, "%s %s", sel ? ">" : " ", session_group(a->s, i));
    ui_style(w, UI_NORMAL);
}

static void draw(struct app *a, void *vst, WINDOW *w, int h, int width)
{
    struct group *st = vst;
    struct form *form = &st->form;
    int y = 1, cy = -1, cx = 0;
    size_t n = session_groups(a->s);

    ui_put(w, y++, 2, width - 4,
           _("In Cluster Administrator, the group that holds the Exchange resources."));
    y++;
    y = scr_draw_field(a, w, y, width, form, 0);
    if (form->focus == 0)
        getyx(w, cy, cx);
    y++;
    ui_style(w, form->focus == 1 ? UI_FOCUS : UI_NORMAL);
    ui_put(w, y++, 2, width - 4, _("Groups found (Up/Down, Enter chooses):"));
    ui_style(w, UI_NORMAL);
    if (n == 0) {
        ui_put(w, y++, 4, width - 6, _("none yet: paste or read 'cluster group' output below"));
    } else {
        list_set_count(&st->list, n);
        if (form->focus == 1)
            cy = y + (int)(st->list.selected - st->list.top), cx = 4;
        list_draw(&st->list, w, y, 4, width - 6, h - 6 - y, form->focus == 1, draw_row, a);
    }
    y = h - 5;
    if (st->paste.active) {
        paste_draw(w, y, width, &st->paste, "'cluster group'");
        return;
    }
    ui_button(w, y, 2, _(form->items[2].label), form->focus == 2);
    scr_draw_field(a, w, y + 2, width, form, 3);
    if (form->focus == 3)
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
    .create = create,
    .destroy = destroy,
    .enter = enter,
    .form = form_of,
    .key = key,
    .paste = paste,
    .capturing = capturing,
    .imported = imported,
    .draw = draw,
};
