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
#include <wchar.h>
#include <wctype.h>

#include "curses_inc.h"
#include "i18n.h"
#include "input.h"
#include "scr_common.h"
#include "screen.h"
#include "term.h"
#include "text.h"
#include "frame.h"
#include "ui.h"

#define POLL_MAX 512

static const struct screen_ops *const screens[STEP_COUNT] = {
    [STEP_SYMPTOMS] = &scr_symptoms,     [STEP_GROUP] = &scr_group,
    [STEP_NAMES] = &scr_names,           [STEP_DNS_ORDER] = &scr_servers,
    [STEP_HOST_RECORDS] = &scr_records,  [STEP_SUMMARY] = &scr_checklist,
};

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

const struct screen_ops *app_screen(const struct app *a)
{
    return current(a);
}

void *app_state(struct app *a, enum step_id id)
{
    return a->state[id];
}

void app_imported(struct app *a)
{
    for (int i = 0; i < STEP_COUNT; i++)
        if (screens[i]->imported)
            screens[i]->imported(a, a->state[i]);
    a->dirty = true;
}

static struct form *current_form(struct app *a)
{
    return current(a)->form ? current(a)->form(a->state[a->step]) : NULL;
}

struct form *app_form(struct app *a)
{
    return current_form(a);
}

static bool text_focused(struct app *a)
{
    struct form *f = current_form(a);
    struct form_item *it = f ? form_focused(f) : NULL;

    return it && it->kind == ITEM_TEXT;
}

/* Typing goes to a text field or to the screen's paste box: no one-letter command then. */
bool app_typing(struct app *a)
{
    return text_focused(a) ||
           (current(a)->capturing && current(a)->capturing(a->state[a->step]));
}

static void commit(struct app *a)
{
    struct form *f = current_form(a);

    if (f)
        scr_commit(a, f, f->focus);
}

void app_commit(struct app *a)
{
    commit(a);
}

static void go(struct app *a, enum step_id step)
{
    a->step = step;
    if (current(a)->enter)
        current(a)->enter(a, a->state[step]);
    a->dirty = true;
}

bool app_init(struct app *a, struct session *s)
{
    memset(a, 0, sizeof *a);
    a->s = s;
    for (int i = 0; i < STEP_COUNT; i++)
        if (!(a->state[i] = screens[i]->create())) {
            app_fini(a);
            return false;
        }
    go(a, STEP_SYMPTOMS);
    return true;
}

void app_fini(struct app *a)
{
    dialog_close(&a->dialog);
    dialog_close(&a->help_box);
    for (int i = 0; i < STEP_COUNT; i++)
        if (a->state[i])
            screens[i]->destroy(a->state[i]);
    memset(a->state, 0, sizeof a->state);
}

void app_ask(struct app *a, const char *title, char *body, const struct dialog_button *b, size_t n,
             size_t safe, dialog_done_fn done, void *ctx, void (*free_ctx)(void *))
{
    dialog_open(&a->dialog, title, body, b, n, safe, done, ctx, free_ctx);
    /* Only a deliberate answer counts: nothing typed before the question answers it. */
    term_flush_input();
    a->typed_ahead = true;
    a->dirty = true;
}

static void save_now(struct app *a)
{
    struct cd_diag d;
    char text[1024];
    /* Saving is what the last step is for: F2 there finishes it, as F10 does (and a failed
     * save finishes nothing). */
    int rc = a->step == STEP_SUMMARY ? session_save_finished(a->s, &d) : session_save(a->s, &d);

    if (rc < 0)
        app_message(a, MSG_ERROR, _("Not saved: %s. Change \"Save to\" on the last step."),
                    diag_format(&d, text, sizeof text));
    else
        app_message(a, MSG_INFO, _("Saved to %s"), session_output(a->s));
}

enum { FOLDER_NO, FOLDER_MAKE };

static void folder_answer(struct app *a, void *ctx, int id)
{
    bool *quit_after = ctx;

    if (id == FOLDER_MAKE) {
        save_now(a);
        if (*quit_after && !session_unsaved(a->s))
            a->quit = true;
    } else {
        app_message(a, MSG_INFO, "%s", _("Not saved: change \"Save to\" on the last step."));
    }
}

/* Saves; when that would create a folder, asks first. quit_after: leave once saved. */
static void save_then(struct app *a, bool quit_after)
{
    char dir[4096], *body;
    bool *ctx;
    const struct dialog_button b[] = {
        {_("Y  Create it and save"), dialog_keys_yes(), FOLDER_MAKE},
        {_("N  Do not save"), dialog_keys_no(), FOLDER_NO},
    };

    commit(a);
    if (!session_output_folder_missing(a->s, dir, sizeof dir)) {
        save_now(a);
        if (quit_after && !session_unsaved(a->s))
            a->quit = true;
        return;
    }
    if (!(ctx = malloc(sizeof *ctx)))
        return;
    *ctx = quit_after;
    if (asprintf(&body, _("The folder %s does not exist. Create it and save the checklist in it "
                          "as\n  %s?"),
                 dir, session_output(a->s)) < 0) {
        free(ctx);
        return;
    }
    app_ask(a, _("Create a folder?"), body, b, 2, 1, folder_answer, ctx, free);
}

static void save(struct app *a)
{
    save_then(a, false);
}

static void next(struct app *a)
{
    struct cd_diag why;
    char text[1024];

    commit(a);
    if (!session_step_ready(a->s, a->step, &why)) {
        int fault = session_step_fault(a->s, a->step);
        struct form *f = current_form(a);

        app_message(a, MSG_ERROR, "%s", diag_format(&why, text, sizeof text));
        if (fault >= 0 && f) /* where the operator has to go anyway */
            form_focus(f, form_find(f, ITEM_TEXT, fault));
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

enum { QUIT_STAY, QUIT_SAVE, QUIT_DISCARD };

static void quit_answer(struct app *a, void *ctx, int id)
{
    (void)ctx;
    if (id == QUIT_SAVE) {
        save_then(a, true); /* stays when the save fails */
    } else if (id == QUIT_DISCARD) {
        a->quit = true;
    } else {
        app_message(a, MSG_INFO, "%s", _("Quit cancelled."));
    }
}

static void ask_quit(struct app *a)
{
    char save_keys[16], quit_keys[16];
    const struct dialog_button b[] = {
        /* TRANSLATORS: the keys S and Q work in every language; a translation may add its
         * own letter to each key list. */
        {_("S  Save and quit"),
         dialog_keys(save_keys, sizeof save_keys, "s", C_("keys: save and quit", "s")), QUIT_SAVE},
        {_("Q  Quit without saving"),
         dialog_keys(quit_keys, sizeof quit_keys, "q", C_("keys: quit without saving", "q")),
         QUIT_DISCARD},
        {_("Esc  Stay"), "", QUIT_STAY},
    };
    char *body = strdup(_("This session has changes that are not saved."));

    if (body)
        app_ask(a, _("Unsaved work"), body, b, 3, 2, quit_answer, NULL, NULL);
}

/* The screen's command for key k, available now, or NULL; *shown_elsewhere when a command
 * has that key but does not work now. */
static const struct scr_command *command_of(struct app *a, const struct tui_key_event *k,
                                            bool *unavailable)
{
    const struct scr_command *c = current(a)->commands;

    *unavailable = false;
    for (; c && c->run; c++) {
        bool match = c->chars ? k->key == TK_CHAR && k->ch &&
                                    wcschr(c->chars, (wchar_t)towlower((wint_t)k->ch))
                              : k->key == c->key;

        if (!match)
            continue;
        if (!c->available || c->available(a, a->state[a->step]))
            return c;
        *unavailable = true;
    }
    return NULL;
}

/* F1: the screen's help, its commands (from the same table that runs them) and the keys
 * every step takes. */
static void open_help(struct app *a)
{
    char para[2048], *text;
    const struct scr_command *c;
    size_t len;

    /* A screen's help is one paragraph: rewrapped to the box, whatever the translator's
     * line breaks. */
    snprintf(para, sizeof para, "%s", _(current(a)->help));
    for (char *p = para; (p = strchr(p, '\n'));)
        *p = ' ';
    if (!(text = malloc(8192)))
        return;
    len = (size_t)snprintf(text, 8192, "%s\n\n", para);
    for (c = current(a)->commands; c && c->run && len < 8192; c++)
        len += (size_t)snprintf(text + len, 8192 - len, "%-14s %s\n", _(c->keyname), _(c->label));
    if (len < 8192)
        snprintf(text + len, 8192 - len, "%s",
                 _("Tab, Shift-Tab  move between fields and buttons\n"
                   "Enter          in a field: the next field; on a button: press it\n"
                   "Space          toggle; Arrows, PgUp, PgDn: move in lists\n"
                   "F10, Ctrl-N    next step, when this one holds (else it says why)\n"
                   "Esc, Ctrl-P    previous step\n"
                   "Ctrl-A, Ctrl-E the start, the end of the field\n"
                   "Ctrl-U, Ctrl-K erase to the start, to the end of the field\n"
                   "Ctrl-W         erase the word before the cursor\n"
                   "F2             save the checklist now\n"
                   "Ctrl-Z         suspend (the shell's fg comes back)\n"
                   "Ctrl-Q         quit (asks first when work is unsaved)\n"
                   "A paste is text in a field; elsewhere 'ipconfig /all', netsh or cluster "
                   "output is read, and nothing is replaced without a question."));
    dialog_open(&a->help_box, _("Help"), text, NULL, 0, 0, NULL, NULL, NULL);
    a->help_box.hint = N_("Up/Down, PgUp/PgDn: scroll. Any other key closes this help.");
    a->help = true;
}

static void close_help(struct app *a)
{
    dialog_close(&a->help_box);
    a->help = false;
}

static bool common_key(struct app *a, const struct tui_key_event *k)
{
    switch (k->key) {
    case TK_F1:
    case TK_CTRL_G:
        open_help(a);
        return true;
    case TK_F2:
    case TK_CTRL_S:
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
            a->quit = true;
        else
            ask_quit(a);
        return true;
    case TK_CTRL_Z:
        term_ask_suspend();
        return true;
    default:
        return false;
    }
}

static void nothing_done(struct app *a, const struct tui_key_event *k, bool unavailable)
{
    if (k->key == TK_CHAR && unavailable)
        app_message(a, MSG_INFO, _("'%lc' does nothing now: see the keys on the line above."),
                    (wint_t)k->ch);
    else if (k->key == TK_CHAR)
        app_message(a, MSG_INFO,
                    _("'%lc' does nothing here: the keys of this step are on the line above, "
                      "F1 shows them all."),
                    (wint_t)k->ch);
    else if (k->key == TK_FKEY)
        app_message(a, MSG_INFO, _("F%d does nothing here: F1 shows the keys."), (int)k->ch);
}

bool app_key(struct app *a, const struct tui_key_event *k)
{
    const struct screen_ops *scr = current(a);
    void *st = a->state[a->step];
    const struct scr_command *cmd;
    bool unavailable = false;

    a->dirty = true;
    if (a->dialog.open) {
        int id = dialog_key(&a->dialog, k);

        if (id != DIALOG_NO_ANSWER) {
            dialog_done_fn done = a->dialog.done;
            void *ctx = a->dialog.ctx;
            void (*free_ctx)(void *) = a->dialog.free_ctx;

            a->dialog.ctx = NULL; /* the answer runs first: it may ask again */
            dialog_close(&a->dialog);
            if (done)
                done(a, ctx, id);
            if (free_ctx && ctx)
                free_ctx(ctx);
        }
        return !a->quit;
    }
    if (a->help) {
        if (k->key == TK_UP || k->key == TK_DOWN || k->key == TK_PGUP || k->key == TK_PGDN ||
            k->key == TK_HOME || k->key == TK_END)
            dialog_key(&a->help_box, k);
        else
            close_help(a);
        return true;
    }
    a->message[0] = '\0';
    /* Too small to see: only quitting works (its question is shown in words). */
    if (frame_too_small() && k->key != TK_CTRL_Q && k->key != TK_CTRL_C)
        return true;
    if (common_key(a, k))
        return !a->quit;
    /* Until the resumed session opens at its step, keys would edit a screen that is about
     * to be left. */
    if (a->resuming) {
        app_message(a, MSG_INFO, "%s", _("Checking the saved steps again..."));
        return true;
    }
    /* The [ Back ] and [ Next ] every step ends with. */
    {
        struct form *f = current_form(a);
        struct form_item *it = f ? form_focused(f) : NULL;

        if (it && (it->id == FORM_ID_BACK || it->id == FORM_ID_NEXT) &&
            (k->key == TK_ENTER || k->key == TK_SPACE)) {
            if (it->id == FORM_ID_NEXT)
                next(a);
            else
                back(a);
            return !a->quit;
        }
    }
    /* One-letter commands never run while a text field takes the typing. */
    if (!app_typing(a) && (cmd = command_of(a, k, &unavailable))) {
        cmd->run(a, st, k);
        return !a->quit;
    }
    if (scr->key && scr->key(a, st, k) != KR_IGNORED)
        return !a->quit;
    if (k->key == TK_ESC)
        back(a);
    else if (!app_typing(a))
        nothing_done(a, k, unavailable);
    return !a->quit;
}

void app_unknown_key(struct app *a, const char *seq)
{
    if (a->dialog.open || a->help)
        return;
    app_message(a, MSG_INFO, _("A key sent %s, which is not known here: nothing was done."), seq);
}

/* Control characters out of a pasted line: a paste is text, never keys. */
static void paste_line(const char *text, char *out, size_t n)
{
    size_t j = 0;

    for (const unsigned char *p = (const unsigned char *)text; *p && *p != '\n' && *p != '\r'; p++) {
        if (*p < 0x20 || *p == 0x7f)
            continue;
        if (j + 1 < n)
            out[j++] = (char)*p;
    }
    out[j] = '\0';
}

/* Lines after the first that hold anything. */
static size_t more_lines(const char *text)
{
    size_t n = 0;
    const char *p = strpbrk(text, "\r\n");

    while (p) {
        const char *e;

        p += strspn(p, "\r\n");
        e = p + strcspn(p, "\r\n");
        n += p + strspn(p, " \t") < e;
        p = *e ? e : NULL;
    }
    return n;
}

void app_paste(struct app *a, const char *text)
{
    struct form *f = current_form(a);
    struct form_item *it = f ? form_focused(f) : NULL;
    char line[SESSION_TEXT_MAX];
    size_t more;

    a->dirty = true;
    if (a->dialog.open) {
        dialog_paste(&a->dialog);
        return;
    }
    if (a->help || a->resuming) {
        app_message(a, MSG_INFO, "%s", _("The paste was set aside: nothing changed."));
        return;
    }
    if (current(a)->paste && current(a)->paste(a, a->state[a->step], text))
        return;
    if (!it || it->kind != ITEM_TEXT) {
        app_offer_import(a, text, _("The pasted text"));
        return;
    }
    /* In a text field a paste is text: its first line. Lines after it are not the field's:
     * a text the readers know goes to them, anything else is left out, and said so. */
    more = more_lines(text);
    if (more) {
        struct import_result r;
        bool known;

        import_init(&r);
        known = import_text(text, strlen(text), &r, NULL) == CD_OK;
        import_fini(&r);
        if (known) {
            app_offer_import(a, text, _("The pasted text"));
            return;
        }
    }
    paste_line(text, line, sizeof line);
    line_edit_insert(&it->edit, line);
    if (more)
        app_message(a, MSG_INFO,
                    ngettext("Only the first line was pasted into the field; %zu more line was left out.",
                             "Only the first line was pasted into the field; %zu more lines were left out.",
                             more),
                    more);
}

/* --- the loop ------------------------------------------------------------------------------ */

/* A line naming a path (outside text: escaped) for the shell that gets the terminal back;
 * fmt ends with its new line. */
static void say_path(FILE *f, const char *fmt, const char *path)
{
    char line[4096 + 512];
    size_t len;

    snprintf(line, sizeof line, fmt, path);
    len = strlen(line);
    if (len && line[len - 1] == '\n')
        line[--len] = '\0';
    text_fputs(line, f);
    fputc('\n', f);
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
    term_stop();
    if (saved == 0)
        say_path(stderr, _("clusterdns: unsaved work saved to %s\n"), path);
    return 128 + sig;
}

static void on_input(void *ctx, const struct input_event *ev)
{
    struct app *a = ctx;

    if (a->quit)
        return;
    if (a->typed_ahead && ev->kind != INPUT_PASTE) /* typed before the question opened */
        return;
    switch (ev->kind) {
    case INPUT_KEY:
        if (ev->key.key == TK_RESIZE)
            a->dirty = true; /* laid out again from the model: nothing typed is lost */
        else
            app_key(a, &ev->key);
        break;
    case INPUT_PASTE:
        app_paste(a, ev->text);
        break;
    case INPUT_UNKNOWN:
        app_unknown_key(a, ev->text);
        break;
    }
}

int app_run(const struct session_options *o)
{
    static struct tui_key_event keys[TERM_BATCH_MAX];
    struct app a;
    struct input in;
    struct pollfd fds[POLL_MAX];
    struct cd_diag d;
    char text[1024 + 4096];
    struct session *s = session_new(o, &d);
    int status = 0;

    if (!s) {
        fputs("clusterdns: ", stderr);
        text_fputs(diag_format_file(&d, o->load, text, sizeof text), stderr);
        fputc('\n', stderr);
        return 2;
    }
    if (!app_init(&a, s)) {
        fprintf(stderr, "clusterdns: %s\n", _("out of memory"));
        session_free(s);
        return 1;
    }
    input_init(&in);
    term_start();
    ui_init();
    /* A resumed session opens where the work stopped, once its finished steps have been
     * checked again, live. */
    a.resuming = o->load != NULL;
    if (a.resuming)
        app_message(&a, MSG_INFO, "%s", _("Checking the saved steps again..."));

    while (!a.quit) {
        size_t n, nk;
        int timeout, rc, paste_wait;

        if (term_signal()) {
            status = on_exit_signal(&a, term_signal());
            break;
        }
        if (term_suspend_if_asked())
            a.dirty = true;
        if (a.dirty)
            frame_draw(&a);
        fds[0].fd = STDIN_FILENO;
        fds[0].events = POLLIN;
        fds[0].revents = 0;
        n = 1 + session_pollfds(a.s, fds + 1, POLL_MAX - 1);
        timeout = session_timeout(a.s, session_busy(a.s) ? 100 : -1);
        if (a.resuming && !session_busy(a.s))
            timeout = 0; /* nothing to check again: open at once, no key needed */
        paste_wait = input_timeout(&in, term_now_ms());
        if (paste_wait >= 0 && (timeout < 0 || paste_wait < timeout))
            timeout = paste_wait;
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
            raise(SIGHUP); /* the terminal is gone: as a hang-up */
            continue;
        }
        a.typed_ahead = false;
        nk = term_read(keys, TERM_BATCH_MAX);
        if (nk)
            input_batch(&in, keys, nk, term_now_ms(), on_input, &a);
        input_tick(&in, term_now_ms(), on_input, &a);
        if (input_pasting(&in))
            a.dirty = true;
    }
    term_stop();
    /* Where the work went, for the shell that gets the terminal back. */
    if (session_saved_once(a.s) && !status)
        say_path(stdout, _("clusterdns: the checklist is saved in %s\n"), session_output(a.s));
    input_fini(&in);
    app_fini(&a);
    session_free(a.s);
    return status;
}
