/* The wizard's controller: the one event loop (terminal and DNS sockets in one poll), the
 * step flow, the common keys, help, questions (dialog.h), pastes and signals. */
#ifndef CLUSTERDNS_TUI_APP_H
#define CLUSTERDNS_TUI_APP_H

#include <stdbool.h>

#include "dialog.h"
#include "form.h"
#include "keys.h"
#include "session.h"

enum app_msg { MSG_INFO, MSG_ERROR };

struct app {
    struct session *s;
    enum step_id step;
    void *state[STEP_COUNT]; /* each screen's instance */
    char message[1024];
    enum app_msg message_kind;
    bool dirty;      /* draw at the end of this iteration */
    bool help;       /* the F1 overlay is up */
    bool resuming;   /* a loaded session's steps are being checked again */
    bool quit;       /* leave the loop */
    bool typed_ahead; /* a question opened: the rest of this batch was typed before it */
    struct dialog dialog;
    struct dialog help_box; /* F1's text, scrolled with the arrows */
    unsigned tick; /* spinner frame */
};

/* Runs the wizard until the operator quits; returns the exit status. */
int app_run(const struct session_options *o);

/* The controller without a terminal (unit tests drive it): creates the screens' instances
 * and opens the first step. app_init returns false when out of memory. */
bool app_init(struct app *a, struct session *s);
void app_fini(struct app *a);

/* A line for the status bar until the next key. */
void app_message(struct app *a, enum app_msg kind, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* One key. Returns false when the wizard should end. */
bool app_key(struct app *a, const struct tui_key_event *k);
/* A paste (bracketed, or input faster than typing): text in a text field, else offered to
 * the reader that recognises it; it never runs a command or answers a question. */
void app_paste(struct app *a, const char *text);
/* An escape sequence no known terminal sends for a key we know: says so, does nothing. */
void app_unknown_key(struct app *a, const char *seq);

/* Asks before doing something: a dialog (dialog_open's arguments), with what was typed
 * ahead dropped. done runs with the answer. */
void app_ask(struct app *a, const char *title, char *body, const struct dialog_button *b, size_t n,
             size_t safe, dialog_done_fn done, void *ctx, void (*free_ctx)(void *));

/* Offers text read from a paste or a file (origin, translated, names it: "the pasted
 * text", "/tmp/x.txt") to the one reader (engine/import): what it recognises is taken, and
 * a question comes first when it would replace what was entered. Unrecognised text is set
 * aside with a message. */
void app_offer_import(struct app *a, const char *text, const char *origin);

/* The field in focus hands its text to the session (before what was typed is compared). */
void app_commit(struct app *a);
/* An import was taken: every screen that shows imported data starts over on it. */
void app_imported(struct app *a);

/* What the frame (frame.c) paints from: the step's screen, its form (NULL: none), and
 * whether typing goes to a field or a paste box now (no one-letter command then). */
struct screen_ops;
const struct screen_ops *app_screen(const struct app *a);
struct form *app_form(struct app *a);
bool app_typing(struct app *a);

/* The screen's instance of step id. */
void *app_state(struct app *a, enum step_id id);

#endif
