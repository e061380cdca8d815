/* A screen: one KB step, a table of hooks (tmux's modes, ncdu's init/draw/key trio). The
 * controller (app.c) owns the loop and acts on what key() returns; screens turn keys into
 * session calls and paint what the session reports. */
#ifndef CLUSTERDNS_TUI_SCREEN_H
#define CLUSTERDNS_TUI_SCREEN_H

#include "curses_inc.h"
#include "form.h"
#include "keys.h"
#include "session.h"

struct app;

/* What key() did, as bit flags; only the controller acts on NEXT, BACK, QUIT. */
enum {
    KR_IGNORED = 0,
    KR_HANDLED = 1 << 0,
    KR_REDRAW = 1 << 1,
};

struct screen_ops {
    enum step_id step;
    const char *title; /* N_() */
    const char *help;  /* N_(): the F1 text, beside the common keys */
    /* The screen is shown (again): load what it shows from the session. */
    void (*enter)(struct app *a);
    /* Optional: the form of the session's fields.  Before the controller moves on, saves or
     * quits, the field in focus hands its text to the session; when a step is held back by
     * a field, the focus goes there. */
    struct form *form;
    int (*key)(struct app *a, const struct tui_key_event *k);
    /* Paints the body, rows 0..h-1 of w. */
    void (*draw)(struct app *a, WINDOW *w, int h, int width);
};

extern const struct screen_ops scr_symptoms, scr_group, scr_names, scr_servers, scr_records,
    scr_checklist;

#endif
