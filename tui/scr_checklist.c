/* Step 6: who, which ticket, notes, where to save; every step's state; save. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "scr_common.h"
#include "i18n.h"
#include "ui.h"

enum { ID_SAVE = -2 };

struct summary {
    struct form form;
};

static void *create(void)
{
    struct summary *st = calloc(1, sizeof *st);

    if (st) {
        form_init(&st->form);
        form_add(&st->form, ITEM_TEXT, N_("Operator"), SF_OPERATOR, 127);
        form_add(&st->form, ITEM_TEXT, N_("Ticket"), SF_TICKET, 127);
        form_add(&st->form, ITEM_TEXT, N_("Notes"), SF_NOTES, LINE_EDIT_MAX);
        form_add(&st->form, ITEM_TEXT, N_("Save to"), SF_OUTPUT, LINE_EDIT_MAX);
        form_add(&st->form, ITEM_BUTTON, N_("Save the checklist"), ID_SAVE, 0);
        form_add_nav(&st->form);
    }
    return st;
}

static struct form *form_of(void *st)
{
    return &((struct summary *)st)->form;
}

static void enter(struct app *a, void *st)
{
    scr_fields_load(a, form_of(st));
}

static int key(struct app *a, void *st, const struct tui_key_event *k)
{
    struct form *form = form_of(st);
    enum form_event ev;
    size_t which;
    int r = scr_form_key(a, form, k, &ev, &which);

    if (ev == FORM_PRESSED && form->items[which].id == ID_SAVE) {
        struct tui_key_event f2 = {TK_F2, 0};

        app_key(a, &f2);
    }
    return r;
}

static const char *step_title(enum step_id id)
{
    static const char *const titles[STEP_COUNT] = {
        N_("Symptoms"), N_("Exchange group"), N_("Names and IPs"), N_("DNS server order"),
        N_("Host records"), N_("Checklist"),
    };
    return _(titles[id]);
}

static const char *status_text(enum step_status s, enum ui_style *st)
{
    *st = s == STEP_DONE ? UI_OK : s == STEP_FAILED ? UI_BAD : UI_DIM;
    return s == STEP_DONE      ? _("[done]")
           : s == STEP_FAILED  ? _("[failed]")
           : s == STEP_SKIPPED ? _("[skipped]")
                               : _("[pending]");
}

static const char *verdict_text(const struct cl_run *run)
{
    if (!run)
        return _("not checked yet");
    if (run->eval.verdict == VERDICT_PASS)
        return _("PASS: the node gets both host records right");
    if (run->eval.verdict == VERDICT_FAIL)
        return _("FAIL: the node does not get the right host records");
    return _("incomplete: some servers have not answered");
}

static void draw(struct app *a, void *st, WINDOW *w, int h, int width)
{
    struct form *form = form_of(st);
    const struct checklist *cl = session_checklist(a->s);
    int y = 1, cy = 0, cx = 0;
    char when[32];

    for (size_t i = 0; i < 4; i++) {
        y = scr_draw_field(a, w, y, width, form, i);
        if (form->focus == i)
            getyx(w, cy, cx);
    }
    ui_button(w, y, 2 + SCR_LABEL_W, _(form->items[4].label), form->focus == 4);
    if (form->focus == 4)
        cy = y, cx = 3 + SCR_LABEL_W;
    y += 2;
    ui_put(w, y++, 2, width - 4, _("Steps:"));
    for (int i = 0; i < STEP_COUNT; i++) {
        enum ui_style style;
        const char *s = status_text(cl->steps[i].status, &style);

        ui_putf(w, y, 4, 28, "%d %s", i + 1, step_title((enum step_id)i));
        ui_style(w, style);
        ui_put(w, y, 32, 12, s);
        ui_style(w, UI_NORMAL);
        if (cl->steps[i].done.at)
            ui_put(w, y, 44, width - 46, checklist_time_format(cl->steps[i].done.at, when, sizeof when));
        y++;
    }
    y++;
    ui_putf(w, y++, 2, width - 4, _("Verdict: %s"), verdict_text(checklist_last_check(cl)));
    {
        const struct cd_diag *err = session_save_error(a->s);
        char line[4096 + 1024], why[1024];

        /* The whole path, wrapped: the field shows its end only. */
        if (err)
            snprintf(line, sizeof line, _("Not saved: %s. Change \"Save to\" and press F2."),
                     diag_format(err, why, sizeof why));
        else if (session_unsaved(a->s))
            snprintf(line, sizeof line, _("Not saved yet: F2 saves to %s"), session_output(a->s));
        else
            snprintf(line, sizeof line, _("Saved to %s"), session_output(a->s));
        ui_style(w, err ? UI_BAD : session_unsaved(a->s) ? UI_WARN : UI_OK);
        ui_wrap(w, y, 2, width - 4, 2, h - y, line);
        ui_style(w, UI_NORMAL);
    }
    wmove(w, cy, cx);
}

const struct screen_ops scr_checklist = {
    .step = STEP_SUMMARY,
    .title = N_("Checklist"),
    .help = N_("The record of this session for the ticket: who ran it, the ticket, notes, and\n"
               "where the JSON checklist is saved. F2 (or the button) saves it atomically; F10\n"
               "on this last step saves too."),
    .create = create,
    .destroy = free,
    .enter = enter,
    .form = form_of,
    .key = key,
    .draw = draw,
};
