#include "config.h"

#include "dialog.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "i18n.h"
#include "ui.h"

static void unpaint(struct dialog *d)
{
    if (d->panel)
        del_panel(d->panel);
    if (d->win)
        delwin(d->win);
    d->panel = NULL;
    d->win = NULL;
}

void dialog_close(struct dialog *d)
{
    unpaint(d);
    free(d->body);
    if (d->free_ctx && d->ctx)
        d->free_ctx(d->ctx);
    memset(d, 0, sizeof *d);
}

void dialog_open(struct dialog *d, const char *title, char *body, const struct dialog_button *b,
                 size_t n, size_t safe, dialog_done_fn done, void *ctx, void (*free_ctx)(void *))
{
    dialog_close(d);
    d->open = true;
    snprintf(d->title, sizeof d->title, "%s", title);
    d->body = body;
    if (n > DIALOG_BUTTONS_MAX)
        n = DIALOG_BUTTONS_MAX;
    for (size_t i = 0; i < n; i++) {
        snprintf(d->labels[i], sizeof d->labels[i], "%s", b[i].label);
        snprintf(d->keys[i], sizeof d->keys[i], "%s", b[i].keys);
        d->buttons[i] = (struct dialog_button){d->labels[i], d->keys[i], b[i].id};
    }
    d->n_buttons = n;
    d->focus = safe < n ? safe : 0;
    d->cancel_id = n ? d->buttons[d->focus].id : 0;
    d->done = done;
    d->ctx = ctx;
    d->free_ctx = free_ctx;
}

/* "y" (or "n") in every language, and the letter the translation gives, as the key list
 * of a button. */
const char *dialog_keys(char *buf, size_t n, const char *always, const char *translated)
{
    snprintf(buf, n, "%s%s", always, strcmp(translated, always) ? translated : "");
    return buf;
}

const char *dialog_keys_yes(void)
{
    static char buf[16];

    return dialog_keys(buf, sizeof buf, "y", C_("keys: yes", "y"));
}

const char *dialog_keys_no(void)
{
    static char buf[16];

    return dialog_keys(buf, sizeof buf, "n", C_("keys: no", "n"));
}

void dialog_paste(struct dialog *d)
{
    d->note = N_("A paste does not answer this question: choose with the keys shown.");
}

/* The button whose keys hold c (lower case), or -1. */
static int button_of(const struct dialog *d, wchar_t c)
{
    char mb[8];
    int n = wctomb(mb, (wchar_t)towlower((wint_t)c));

    if (n <= 0)
        return -1;
    mb[n] = '\0';
    for (size_t i = 0; i < d->n_buttons; i++)
        if (d->buttons[i].keys[0] && strstr(d->buttons[i].keys, mb))
            return (int)i;
    return -1;
}

int dialog_key(struct dialog *d, const struct tui_key_event *k)
{
    size_t page = d->page ? d->page : 1;
    int b;

    d->note = NULL;
    switch (k->key) {
    case TK_TAB:
    case TK_RIGHT:
        d->focus = (d->focus + 1) % d->n_buttons;
        return DIALOG_NO_ANSWER;
    case TK_BTAB:
    case TK_LEFT:
        d->focus = (d->focus + d->n_buttons - 1) % d->n_buttons;
        return DIALOG_NO_ANSWER;
    case TK_UP:
        d->first_line -= d->first_line > 0;
        return DIALOG_NO_ANSWER;
    case TK_DOWN:
        d->first_line++; /* bounded when drawn */
        return DIALOG_NO_ANSWER;
    case TK_PGUP:
        d->first_line = d->first_line > page ? d->first_line - page : 0;
        return DIALOG_NO_ANSWER;
    case TK_PGDN:
        d->first_line += page;
        return DIALOG_NO_ANSWER;
    case TK_HOME:
        d->first_line = 0;
        return DIALOG_NO_ANSWER;
    case TK_END:
        d->first_line = (size_t)-1 / 2;
        return DIALOG_NO_ANSWER;
    case TK_ENTER:
        return d->buttons[d->focus].id;
    case TK_CHAR:
        if ((b = button_of(d, k->ch)) >= 0)
            return d->buttons[b].id;
        return d->cancel_id;
    default:
        return d->cancel_id; /* Esc, and any key that is no answer: the safe one */
    }
}

void dialog_draw(struct dialog *d, int rows, int cols)
{
    WINDOW *win;
    int w = cols - 4 < 76 ? cols - 4 : 76, h, body_rows, x;
    size_t lines;

    unpaint(d);
    if (!d->open || w < 20 || rows < 8)
        return;
    lines = ui_text(NULL, 0, 0, w - 4, 0, 0, d->body);
    h = (int)lines + 6 + (d->note != NULL);
    if (h > rows - 2)
        h = rows - 2;
    body_rows = h - 6 - (d->note != NULL);
    d->page = body_rows > 1 ? (size_t)body_rows - 1 : 1;
    if (lines <= (size_t)body_rows)
        d->first_line = 0;
    else if (d->first_line > lines - (size_t)body_rows)
        d->first_line = lines - (size_t)body_rows;
    if (!(win = d->win = newwin(h, w, (rows - h) / 2, (cols - w) / 2)))
        return;
    d->panel = new_panel(win);
    werase(win);
    box(win, 0, 0);
    ui_style(win, UI_TITLE);
    ui_putf(win, 0, 2, w - 4, " %s ", d->title);
    ui_style(win, UI_NORMAL);
    ui_text(win, 2, 2, w - 4, body_rows, d->first_line, d->body);
    if (lines > (size_t)body_rows) {
        ui_style(win, UI_DIM);
        ui_putf(win, h - 4 - (d->note != NULL), 2, w - 4,
                _("lines %zu-%zu of %zu (Up/Down, PgUp/PgDn)"), d->first_line + 1,
                d->first_line + (size_t)body_rows, lines);
        ui_style(win, UI_NORMAL);
    }
    if (d->note) {
        ui_style(win, UI_WARN);
        ui_put(win, h - 4, 2, w - 4, _(d->note));
        ui_style(win, UI_NORMAL);
    }
    if (!d->n_buttons && d->hint) {
        ui_style(win, UI_DIM);
        ui_put(win, h - 2, 2, w - 4, _(d->hint));
        ui_style(win, UI_NORMAL);
    }
    x = 2;
    for (size_t i = 0; i < d->n_buttons; i++) {
        ui_button(win, h - 2, x, d->buttons[i].label, i == d->focus);
        x += ui_width(d->buttons[i].label) + 6;
    }
    wmove(win, h - 2, 3);
    update_panels();
}
