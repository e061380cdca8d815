#include "config.h"

#include "frame.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "curses_inc.h"
#include "i18n.h"
#include "screen.h"
#include "term.h"
#include "ui.h"

#define MESSAGE_LINES_MAX 6
#define BAR_LINES_MAX 2

bool frame_too_small(void)
{
    int rows, cols;

    if (!stdscr)
        return false;
    getmaxyx(stdscr, rows, cols);
    return rows < FRAME_MIN_ROWS || cols < FRAME_MIN_COLS;
}

/* Appends s with its spaces made no-break ones where the locale can show them, so a
 * command wraps whole, never between its key and what it does. */
static size_t append_unbroken(char *out, size_t n, size_t len, const char *s)
{
    bool nbsp = MB_CUR_MAX > 1;

    for (; *s && len + 3 < n; s++) {
        if (*s == ' ' && nbsp) {
            out[len++] = (char)0xc2;
            out[len++] = (char)0xa0;
        } else {
            out[len++] = *s;
        }
    }
    out[len] = '\0';
    return len;
}

/* The step's commands that work now: "R recommended order  Del remove". */
static void commands_text(struct app *a, char *out, size_t n)
{
    const struct scr_command *c = app_screen(a)->commands;
    char one[256];
    size_t len = 0;

    out[0] = '\0';
    if (app_typing(a) || a->resuming)
        return;
    for (; c && c->run && len + 3 < n; c++) {
        if (c->available && !c->available(a, app_state(a, a->step)))
            continue;
        snprintf(one, sizeof one, "%s %s", _(c->keyname), _(c->label));
        if (len) { /* between two commands, where the line may break */
            out[len++] = ' ';
            out[len++] = ' ';
            out[len] = '\0';
        }
        len = append_unbroken(out, n, len, one);
    }
}

static const char *next_label(const struct app *a)
{
    return a->step + 1 < STEP_COUNT ? _("Next >") : _("Finish");
}

/* [< Back] [Next >] at the right of the bar; their width with a margin. */
static int nav_width(const struct app *a)
{
    return ui_width(_("< Back")) + ui_width(next_label(a)) + 7;
}

static void nav_button(int y, int x, const char *label, bool focused)
{
    ui_style(stdscr, focused ? UI_FOCUS : UI_NORMAL);
    ui_putf(stdscr, y, x, 0, "[%s]", label);
    ui_style(stdscr, UI_NORMAL);
}

static void draw_nav(struct app *a, int y, int cols, int *cy, int *cx)
{
    struct form *f = app_form(a);
    struct form_item *it = f ? form_focused(f) : NULL;
    int x = cols - nav_width(a) - 1;
    bool back = it && it->id == FORM_ID_BACK, next = it && it->id == FORM_ID_NEXT;

    nav_button(y, x, _("< Back"), back);
    if (back)
        *cy = y, *cx = x + 1;
    x += ui_width(_("< Back")) + 3;
    nav_button(y, x, next_label(a), next);
    if (next)
        *cy = y, *cx = x + 1;
}

/* The common keys, each with its letter alternative for terminals that take the F-keys
 * (GNOME Terminal takes F1 and F10), only those that work on this step, while they fit. */
static void draw_footer(struct app *a, int y, int cols)
{
    const struct {
        const char *keys, *what;
        bool shown;
    } k[] = {
        {_("F1/^G"), _("Help"), true},
        {_("F10/^N"), a->step + 1 < STEP_COUNT ? _("Next") : _("Finish"), !a->resuming},
        {_("Esc/^P"), _("Back"), a->step > 0 && !a->resuming},
        {_("F2/^S"), _("Save"), true},
        {_("^Q"), _("Quit"), true},
        {_("Tab"), _("Field"), true}, /* the first to go when the width is short */
    };
    char line[512];
    size_t len = 0;

    line[0] = '\0';
    for (size_t i = 0; i < sizeof k / sizeof *k; i++) {
        char item[128];

        if (!k[i].shown)
            continue;
        snprintf(item, sizeof item, "%s%s %s", len ? "  " : "", k[i].keys, k[i].what);
        if (ui_width(line) + ui_width(item) > cols - 2)
            continue;
        len += (size_t)snprintf(line + len, sizeof line - len, "%s", item);
    }
    ui_style(stdscr, UI_TITLE);
    mvhline(y, 0, ' ', cols);
    ui_put(stdscr, y, 1, cols - 2, line);
    ui_style(stdscr, UI_NORMAL);
}

static void draw_title(struct app *a, int cols)
{
    char title[256];

    ui_style(stdscr, UI_TITLE);
    mvhline(0, 0, ' ', cols);
    snprintf(title, sizeof title, _("clusterdns - KB Q263029 - Step %d of %d: %s"), a->step + 1,
             STEP_COUNT, _(app_screen(a)->title));
    ui_put(stdscr, 0, 1, cols - 12, title);
    if (session_busy(a->s))
        ui_putf(stdscr, 0, cols - 11, 10, "%c %s", ui_spinner(a->tick), _("DNS"));
    ui_style(stdscr, UI_NORMAL);
}

static int lines_of(const char *text, int width, int max)
{
    int n = text[0] ? (int)ui_text(NULL, 0, 0, width, 0, 0, text) : 0;

    return n > max ? max : n;
}

/* Too small for the wizard: what is needed, and an open question in words. */
static void draw_small(struct app *a, int rows, int cols)
{
    char text[2048];
    size_t len;

    len = (size_t)snprintf(text, sizeof text,
                           _("Terminal too small: %dx%d needed, this one is %dx%d. Make it larger "
                             "to go on; Ctrl-Q quits."),
                           FRAME_MIN_COLS, FRAME_MIN_ROWS, cols, rows);
    if (a->dialog.open && len < sizeof text) {
        len += (size_t)snprintf(text + len, sizeof text - len, "\n\n%s", a->dialog.title);
        for (size_t i = 0; i < a->dialog.n_buttons && len < sizeof text; i++)
            len += (size_t)snprintf(text + len, sizeof text - len, "\n%s", a->dialog.buttons[i].label);
    }
    ui_text(stdscr, 0, 0, cols, rows, 0, text);
}

void frame_draw(struct app *a)
{
    int rows, cols, bar, msg, body_h, cy = -1, cx = 0;
    char commands[512];

    term_sync_size();
    getmaxyx(stdscr, rows, cols);
    erase();
    a->dirty = false;
    if (rows < FRAME_MIN_ROWS || cols < FRAME_MIN_COLS) {
        curs_set(0);
        draw_small(a, rows, cols);
        wnoutrefresh(stdscr);
        doupdate();
        return;
    }
    commands_text(a, commands, sizeof commands);
    bar = lines_of(commands, cols - 4 - nav_width(a), BAR_LINES_MAX);
    if (bar < 1)
        bar = 1;
    msg = lines_of(a->message, cols - 2, MESSAGE_LINES_MAX);
    if (msg < 1)
        msg = 1;
    body_h = rows - 2 - bar - msg;
    draw_title(a, cols);
    {
        WINDOW *body = derwin(stdscr, body_h, cols, 1, 0);

        if (body) {
            app_screen(a)->draw(a, app_state(a, a->step), body, body_h, cols);
            getyx(body, cy, cx); /* the body placed the cursor in the focused field, if any */
            cy += 1;
            wnoutrefresh(body);
            delwin(body);
        }
    }
    ui_style(stdscr, UI_DIM);
    ui_text(stdscr, 1 + body_h, 2, cols - 4 - nav_width(a), bar, 0, commands);
    ui_style(stdscr, UI_NORMAL);
    draw_nav(a, 1 + body_h, cols, &cy, &cx);
    if (a->message[0]) {
        ui_style(stdscr, a->message_kind == MSG_ERROR ? UI_BAD : UI_OK);
        ui_text(stdscr, rows - 1 - msg, 1, cols - 2, msg, 0, a->message);
        ui_style(stdscr, UI_NORMAL);
    }
    draw_footer(a, rows - 1, cols);
    if (a->help || a->dialog.open) {
        curs_set(0);
    } else if (cy >= 0) {
        move(cy, cx);
        curs_set(1);
    }
    wnoutrefresh(stdscr);
    dialog_draw(&a->help_box, rows, cols);
    dialog_draw(&a->dialog, rows, cols);
    doupdate();
}
