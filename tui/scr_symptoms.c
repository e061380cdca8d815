/* Step 1: the KB's three symptoms, each seen, not seen or not checked. */
#include "config.h"

#include <stdlib.h>

#include "scr_common.h"
#include "i18n.h"
#include "ui.h"

struct symptoms {
    struct form form;
};

static const char *const symptom_text[SYMPTOM_COUNT] = {
    N_("IMS setup stops responding while starting services"),
    N_("\"Overlapped I/O operation is in progress\", 0xc00203e5"),
    N_("EventID 4058 in the application event log"),
};

static void *create(void)
{
    struct symptoms *st = calloc(1, sizeof *st);

    if (st) {
        form_init(&st->form);
        for (int i = 0; i < SYMPTOM_COUNT; i++)
            form_add(&st->form, ITEM_TOGGLE, symptom_text[i], i, 0);
        form_add_nav(&st->form);
    }
    return st;
}

static struct form *form_of(void *st)
{
    return &((struct symptoms *)st)->form;
}

static int key(struct app *a, void *vst, const struct tui_key_event *k)
{
    struct symptoms *st = vst;
    enum form_event ev;
    size_t which;
    int r = scr_form_key(a, &st->form, k, &ev, &which);

    if (ev == FORM_TOGGLED)
        session_toggle_symptom(a->s, (enum session_symptom)st->form.items[which].id);
    return r;
}

static const char *mark(enum tri t, enum ui_style *style)
{
    *style = t == TRI_YES ? UI_BAD : t == TRI_NO ? UI_OK : UI_DIM;
    return t == TRI_YES ? _("[x] seen") : t == TRI_NO ? _("[ ] not seen") : _("[?] not checked");
}

static void draw(struct app *a, void *vst, WINDOW *w, int h, int width)
{
    struct symptoms *st = vst;
    struct form *form = &st->form;
    int y = 1, cursor_y = 3;
    bool all_checked = true;

    (void)h;
    ui_put(w, y++, 2, width - 4,
           _("Does Exchange 5.5 Internet Mail Service setup fail as KB Q263029 says?"));
    ui_put(w, y++, 2, width - 4, _("Mark each symptom (Space: seen, not seen, not checked)."));
    y++;
    for (size_t i = 0; i < SYMPTOM_COUNT; i++) {
        enum tri t = session_symptom(a->s, (enum session_symptom)form->items[i].id);
        enum ui_style style;
        const char *m = mark(t, &style);

        all_checked = all_checked && t != TRI_UNKNOWN;
        if (form->focus == i)
            cursor_y = y;
        ui_style(w, form->focus == i ? UI_FOCUS : style);
        ui_put(w, y, 2, 18, m);
        ui_style(w, UI_NORMAL);
        ui_put(w, y, 21, width - 23, _(form->items[i].label));
        y += 2;
    }
    y++;
    if (session_symptoms_match(a->s)) {
        ui_style(w, UI_OK);
        ui_put(w, y, 2, width - 4, _("All three symptoms are there: this KB applies. F10 goes on."));
    } else if (all_checked) {
        ui_style(w, UI_WARN);
        ui_put(w, y, 2, width - 4,
               _("The symptoms do not match: the KB may not apply. You may go on anyway (F10)."));
    } else {
        ui_put(w, y, 2, width - 4, _("Check each symptom, or go on (F10) to check the DNS anyway."));
    }
    ui_style(w, UI_NORMAL);
    wmove(w, cursor_y, 3);
}

const struct screen_ops scr_symptoms = {
    .step = STEP_SYMPTOMS,
    .title = N_("Symptoms"),
    .help = N_("Mark what you see on the cluster. The KB applies when Internet Mail Service\n"
               "setup hangs with \"Overlapped I/O operation is in progress\" (0xc00203e5) and\n"
               "event 4058 is logged. If not, the checks that follow may still help."),
    .create = create,
    .destroy = free,
    .form = form_of,
    .key = key,
    .draw = draw,
};
