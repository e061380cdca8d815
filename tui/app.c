#include "config.h"

#include "app.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wctype.h>

#include "curses_inc.h"
#include "i18n.h"
#include "scr_common.h"
#include "screen.h"
#include "ui.h"

#define MIN_ROWS 24
#define MIN_COLS 80
#define POLL_MAX 512

static const struct screen_ops *const screens[STEP_COUNT] = {
    [STEP_SYMPTOMS] = &scr_symptoms,     [STEP_GROUP] = &scr_group,
    [STEP_NAMES] = &scr_names,           [STEP_DNS_ORDER] = &scr_servers,
    [STEP_HOST_RECORDS] = &scr_records,  [STEP_SUMMARY] = &scr_checklist,
};

static volatile sig_atomic_t got_signal;

static void on_signal(int sig)
{
    got_signal = sig;
}

void app_message(struct app *a, enum app_msg kind, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(a->message, sizeof a->message, fmt, ap);
    va_end(ap);
    a->message_kind = kind;
    a->dirty = true;
}

static const struct screen_ops *current(const struct app *a)
{
    return screens[a->step];
}

static void commit(struct app *a)
{
    struct form *f = current(a)->form;

    if (f)
        scr_commit(a, f, f->focus);
}

static void go(struct app *a, enum step_id step)
{
    a->step = step;
    if (current(a)->enter)
        current(a)->enter(a);
    a->dirty = true;
}

static void save(struct app *a)
{
    struct cd_diag d;
    char text[1024];

    commit(a);
    /* Saving is what the last step is for: F2 there finishes it, as F10 does. */
    if (a->step == STEP_SUMMARY && session_step_ready(a->s, a->step, NULL))
        session_step_finish(a->s, a->step);
    if (session_save(a->s, &d) < 0)
        app_message(a, MSG_ERROR, _("Not saved: %s. Change \"Save to\" on the last step."),
                    diag_format(&d, text, sizeof text));
    else
        app_message(a, MSG_INFO, _("Saved to %s"), session_output(a->s));
}

static void next(struct app *a)
{
    struct cd_diag why;
    char text[1024];

    commit(a);
    if (!session_step_ready(a->s, a->step, &why)) {
        int fault = session_step_fault(a->s, a->step);

        app_message(a, MSG_ERROR, "%s", diag_format(&why, text, sizeof text));
        if (fault >= 0 && current(a)->form) /* where the operator has to go anyway */
            form_focus(current(a)->form, form_find(current(a)->form, ITEM_TEXT, fault));
        return;
    }
    session_step_finish(a->s, a->step);
    if (a->step + 1 < STEP_COUNT)
        go(a, a->step + 1);
    else
        save(a);
}

static void back(struct app *a)
{
    commit(a);
    if (a->step > 0)
        go(a, a->step - 1);
    else
        app_message(a, MSG_INFO, "%s", _("This is the first step."));
}

/* The answer to "unsaved work: save before quitting?". */
static bool quit_answer(struct app *a, const struct tui_key_event *k)
{
    wchar_t c = k->key == TK_CHAR ? towlower(k->ch) : 0;

    a->asking_quit = false;
    a->dirty = true;
    /* S and Q in every language: the dialog's text names them. */
    if (c && wcschr(L"s", c)) {
        save(a);
        return session_unsaved(a->s); /* stay when the save failed */
    }
    if (c && wcschr(L"q", c))
        return false;
    app_message(a, MSG_INFO, "%s", _("Quit cancelled."));
    return true;
}

bool app_key(struct app *a, const struct tui_key_event *k)
{
    const struct screen_ops *scr = current(a);

    if (a->asking_quit)
        return quit_answer(a, k);
    if (a->help) {
        a->help = false;
        a->dirty = true;
        return true;
    }
    a->message[0] = '\0';
    a->dirty = true;
    switch (k->key) {
    case TK_F1:
        a->help = true;
        return true;
    case TK_F2:
        save(a);
        return true;
    case TK_F10:
    case TK_CTRL_N:
        if (!a->resuming)
            next(a);
        return true;
    case TK_CTRL_P:
        if (!a->resuming)
            back(a);
        return true;
    case TK_CTRL_Q:
    case TK_CTRL_C:
        commit(a);
        if (!session_unsaved(a->s))
            return false;
        a->asking_quit = true;
        return true;
    default:
        break;
    }
    /* Until the resumed session opens at its step, keys would edit a screen that is about
     * to be left. */
    if (a->resuming) {
        app_message(a, MSG_INFO, "%s", _("Checking the saved steps again..."));
        return true;
    }
    if (scr->key && scr->key(a, k) != KR_IGNORED)
        return true;
    if (k->key == TK_ESC)
        back(a);
    return true;
}

/* --- terminal ------------------------------------------------------------------------ */

static struct tui_key_event key_of(int r, wint_t ch)
{
    struct tui_key_event k = {TK_NONE, 0};

    if (r == KEY_CODE_YES) {
        switch (ch) {
        case KEY_BTAB: k.key = TK_BTAB; break;
        case KEY_ENTER: k.key = TK_ENTER; break;
        case KEY_UP: k.key = TK_UP; break;
        case KEY_DOWN: k.key = TK_DOWN; break;
        case KEY_LEFT: k.key = TK_LEFT; break;
        case KEY_RIGHT: k.key = TK_RIGHT; break;
        case KEY_PPAGE: k.key = TK_PGUP; break;
        case KEY_NPAGE: k.key = TK_PGDN; break;
        case KEY_HOME: k.key = TK_HOME; break;
        case KEY_END: k.key = TK_END; break;
        case KEY_BACKSPACE: k.key = TK_BACKSPACE; break;
        case KEY_DC: k.key = TK_DELETE; break;
        case KEY_RESIZE: k.key = TK_RESIZE; break;
        default:
            if (ch == (wint_t)KEY_F(1)) k.key = TK_F1;
            else if (ch == (wint_t)KEY_F(2)) k.key = TK_F2;
            else if (ch == (wint_t)KEY_F(10)) k.key = TK_F10;
            break;
        }
        return k;
    }
    switch (ch) {
    case '\t': k.key = TK_TAB; break;
    case '\r': case '\n': k.key = TK_ENTER; break;
    case 27: k.key = TK_ESC; break;
    case ' ': k.key = TK_SPACE; k.ch = L' '; break;
    case 127: case 8: k.key = TK_BACKSPACE; break;
    case 3: k.key = TK_CTRL_C; break;
    case 4: k.key = TK_CTRL_D; break;
    case 14: k.key = TK_CTRL_N; break;
    case 16: k.key = TK_CTRL_P; break;
    case 17: k.key = TK_CTRL_Q; break;
    case 21: k.key = TK_CTRL_U; break;
    case 11: k.key = TK_CTRL_K; break;
    default:
        if (ch >= ' ') {
            k.key = TK_CHAR;
            k.ch = (wchar_t)ch;
        }
        break;
    }
    return k;
}

static void draw_frame(struct app *a, int rows, int cols)
{
    char title[256];
    const char *keys = _("F1 Help  Tab Field  F10 Next step  Esc Back  F2 Save  ^Q Quit");

    ui_style(stdscr, UI_TITLE);
    mvhline(0, 0, ' ', cols);
    snprintf(title, sizeof title, _("clusterdns - KB Q263029 - Step %d of %d: %s"), a->step + 1,
             STEP_COUNT, _(current(a)->title));
    ui_put(stdscr, 0, 1, cols - 12, title);
    if (session_busy(a->s))
        ui_putf(stdscr, 0, cols - 11, 10, "%c %s", ui_spinner(a->tick), _("DNS"));
    ui_style(stdscr, UI_NORMAL);
    move(rows - 2, 0);
    clrtoeol();
    if (a->message[0]) {
        ui_style(stdscr, a->message_kind == MSG_ERROR ? UI_BAD : UI_OK);
        ui_put(stdscr, rows - 2, 1, cols - 2, a->message);
        ui_style(stdscr, UI_NORMAL);
    }
    ui_style(stdscr, UI_TITLE);
    mvhline(rows - 1, 0, ' ', cols);
    ui_put(stdscr, rows - 1, 1, cols - 2, keys);
    ui_style(stdscr, UI_NORMAL);
}

static void draw_box_text(WINDOW *w, int h, int wd, const char *title, const char *text)
{
    int y = 2;
    const char *p = text;

    werase(w);
    box(w, 0, 0);
    ui_style(w, UI_TITLE);
    ui_putf(w, 0, 2, wd - 4, " %s ", title);
    ui_style(w, UI_NORMAL);
    while (*p && y < h - 1) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        char line[512];

        snprintf(line, sizeof line, "%.*s", (int)len, p);
        y += len ? ui_wrap(w, y, 2, wd - 4, 0, h - 1 - y, line) : 1;
        p += len + (nl ? 1 : 0);
    }
}

static void draw_overlay(struct app *a, int rows, int cols)
{
    static WINDOW *win;
    static PANEL *panel;
    char text[4096];
    int h = rows - 2, w = cols - 8;

    if (panel) {
        del_panel(panel);
        delwin(win);
        panel = NULL;
    }
    if (!a->help && !a->asking_quit)
        return;
    if (a->asking_quit) {
        h = 7;
        w = 64 < cols - 4 ? 64 : cols - 4;
    }
    win = newwin(h, w, (rows - h) / 2, (cols - w) / 2);
    panel = new_panel(win);
    if (a->asking_quit) {
        draw_box_text(win, h, w, _("Unsaved work"),
                      /* TRANSLATORS: keep the keys S and Q, they are not translated. */
                      _("This session has changes that are not saved.\n"
                        "S: save and quit    Q: quit without saving\n"
                        "any other key: stay"));
    } else {
        char para[2048];

        /* A screen's help is one paragraph: rewrapped to the box, whatever the translator's
         * line breaks. */
        snprintf(para, sizeof para, "%s", _(current(a)->help));
        for (char *p = para; (p = strchr(p, '\n'));)
            *p = ' ';
        snprintf(text, sizeof text, "%s\n\n%s", para,
                 _("Tab, Shift-Tab  move between fields and buttons\n"
                   "Enter          in a field: the next field; on a button: press it\n"
                   "Space          toggle; Arrows, PgUp, PgDn: move in lists\n"
                   "F10, Ctrl-N    next step, when this one holds (else it says why)\n"
                   "Esc, Ctrl-P    previous step\n"
                   "Ctrl-U, Ctrl-K erase to the start, to the end of the field\n"
                   "F2             save the checklist now\n"
                   "Ctrl-Q         quit (asks first when work is unsaved)\n"
                   "\nAny key closes this help."));
        draw_box_text(win, h, w, _("Help"), text);
    }
    update_panels();
}

static void draw(struct app *a)
{
    int rows, cols;

    getmaxyx(stdscr, rows, cols);
    erase();
    if (rows < MIN_ROWS || cols < MIN_COLS) {
        char msg[256];

        snprintf(msg, sizeof msg, _("Terminal too small: %dx%d needed, this one is %dx%d."),
                 MIN_COLS, MIN_ROWS, cols, rows);
        ui_put(stdscr, rows / 2, 0, cols, msg);
        wnoutrefresh(stdscr);
        doupdate();
        return;
    }
    draw_frame(a, rows, cols);
    {
        WINDOW *body = derwin(stdscr, rows - 3, cols, 1, 0);

        if (body) {
            curs_set(0);
            current(a)->draw(a, body, rows - 3, cols);
            /* The body placed the cursor in the focused field, if any. */
            if (!a->help && !a->asking_quit) {
                int cy, cx;

                getyx(body, cy, cx);
                wnoutrefresh(body);
                move(cy + 1, cx);
                curs_set(1);
            }
            delwin(body);
        }
    }
    wnoutrefresh(stdscr);
    draw_overlay(a, rows, cols);
    doupdate();
    a->dirty = false;
}

static void install_signals(void)
{
    struct sigaction sa;

    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
}

/* SIGTERM and SIGHUP save unsaved work beside the target first; SIGINT just leaves. */
static int on_exit_signal(struct app *a, int sig)
{
    char path[4096];
    struct cd_diag d;
    int saved = -1;

    commit(a);
    if (sig != SIGINT && session_unsaved(a->s))
        saved = session_save_beside(a->s, path, sizeof path, &d);
    endwin();
    if (saved == 0)
        fprintf(stderr, _("clusterdns: unsaved work saved to %s\n"), path);
    return 128 + sig;
}

int app_run(const struct session_options *o)
{
    struct app a = {0};
    struct pollfd fds[POLL_MAX];
    struct cd_diag d;
    char text[1024 + 4096];
    bool running = true;
    int status = 0;

    a.s = session_new(o, &d);
    if (!a.s) {
        fprintf(stderr, "clusterdns: %s\n", diag_format_file(&d, o->load, text, sizeof text));
        return 2;
    }
    install_signals();
    initscr();
    raw(); /* Ctrl-Q and Ctrl-C reach us as keys, not as flow control or a signal */
    noecho();
    keypad(stdscr, TRUE);
    nodelay(stdscr, TRUE);
    set_escdelay(25);
    ui_init();
    /* A resumed session opens where the work stopped, once its finished steps have been
     * checked again, live. */
    a.resuming = o->load != NULL;
    go(&a, STEP_SYMPTOMS);
    if (a.resuming)
        app_message(&a, MSG_INFO, "%s", _("Checking the saved steps again..."));

    while (running) {
        size_t n;
        int timeout, rc;

        if (got_signal) {
            status = on_exit_signal(&a, got_signal);
            session_free(a.s);
            return status;
        }
        if (a.dirty)
            draw(&a);
        fds[0].fd = STDIN_FILENO;
        fds[0].events = POLLIN;
        fds[0].revents = 0;
        n = 1 + session_pollfds(a.s, fds + 1, POLL_MAX - 1);
        timeout = session_timeout(a.s, session_busy(a.s) ? 100 : -1);
        rc = poll(fds, n, timeout);
        if (rc < 0 && errno != EINTR)
            break;
        if (rc < 0)
            fds[0].revents = 0, n = 1;
        if (session_process(a.s, fds + 1, n - 1))
            a.dirty = true;
        if (session_busy(a.s)) {
            a.tick++;
            a.dirty = true;
        } else if (a.resuming) {
            a.resuming = false;
            go(&a, session_resume_step(a.s));
            app_message(&a, MSG_INFO, _("Resumed: the finished steps were checked again."));
        }
        if (fds[0].revents & (POLLHUP | POLLERR)) {
            got_signal = SIGHUP; /* the terminal is gone */
            continue;
        }
        for (;;) {
            wint_t ch;
            int r = wget_wch(stdscr, &ch);
            struct tui_key_event k;

            if (r == ERR)
                break;
            k = key_of(r, ch);
            if (k.key == TK_RESIZE) {
                a.dirty = true; /* laid out again from the model: nothing typed is lost */
                continue;
            }
            if (k.key != TK_NONE && !app_key(&a, &k)) {
                running = false;
                break;
            }
        }
    }
    endwin();
    session_free(a.s);
    return status;
}
