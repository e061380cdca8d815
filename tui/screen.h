/* A screen: one KB step, a table of hooks (tmux's modes, ncdu's init/draw/key trio). The
 * controller (app.c) owns the loop and the step flow; screens turn keys into session calls
 * and paint what the session reports. A screen's state is its own instance (create), never
 * a file static.
 *
 * A screen's one-key commands are a table (dialog's key tables): the same table drives the
 * dispatch, the key line under the body and the help, so a key works exactly where it is
 * shown. Commands never run while a text field has the focus. */
#ifndef CLUSTERDNS_TUI_SCREEN_H
#define CLUSTERDNS_TUI_SCREEN_H

#include <stdbool.h>

#include "curses_inc.h"
#include "form.h"
#include "keys.h"
#include "session.h"

struct app;

/* What key() did. */
enum { KR_IGNORED = 0, KR_HANDLED = 1 };

struct scr_command {
    const wchar_t *chars; /* the characters that run it (letters without case), or NULL */
    enum tui_key key;     /* or a named key (TK_DELETE) when chars is NULL */
    const char *keyname; /* N_(): the key as the key line shows it ("R", "Del") */
    const char *label;   /* N_(): what it does ("recommended order") */
    /* When it works, and so when it is shown; NULL: whenever no text field has the focus. */
    bool (*available)(struct app *a, void *st);
    void (*run)(struct app *a, void *st, const struct tui_key_event *k);
};

struct screen_ops {
    enum step_id step;
    const char *title; /* N_() */
    const char *help;  /* N_(): the F1 text, beside the common keys */
    void *(*create)(void); /* the screen's state, zeroed; NULL when out of memory */
    void (*destroy)(void *st);
    /* The screen is shown (again): load what it shows from the session. */
    void (*enter)(struct app *a, void *st);
    /* Optional: the form of the session's fields. Before the controller moves on, saves or
     * quits, the field in focus hands its text to the session; when a step is held back by
     * a field, the focus goes there. */
    struct form *(*form)(void *st);
    /* Keys the commands and the form did not take. */
    int (*key)(struct app *a, void *st, const struct tui_key_event *k);
    /* Optional: a paste while the screen collects one itself (its paste box); true when it
     * took it. */
    bool (*paste)(struct app *a, void *st, const char *text);
    /* Optional: true while the screen takes every key itself (its paste box): no command
     * runs then. */
    bool (*capturing)(void *st);
    /* Optional: an import (paste or file) was taken; lists start over. */
    void (*imported)(struct app *a, void *st);
    /* Paints the body, rows 0..h-1 of w. */
    void (*draw)(struct app *a, void *st, WINDOW *w, int h, int width);
    const struct scr_command *commands; /* ends with an entry whose run is NULL */
};

extern const struct screen_ops scr_symptoms, scr_group, scr_names, scr_servers, scr_records,
    scr_checklist;

#endif
