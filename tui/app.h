/* The wizard's controller: the one event loop (terminal and DNS sockets in one poll), the
 * step flow, the common keys, the help and quit dialogs, signals and resizing. */
#ifndef CLUSTERDNS_TUI_APP_H
#define CLUSTERDNS_TUI_APP_H

#include <stdbool.h>

#include "keys.h"
#include "session.h"

enum app_msg { MSG_INFO, MSG_ERROR };

struct app {
    struct session *s;
    enum step_id step;
    char message[512];
    enum app_msg message_kind;
    bool dirty;       /* draw at the end of this iteration */
    bool help;        /* the F1 overlay is up */
    bool asking_quit; /* the "unsaved work" question is up */
    bool resuming;    /* a loaded session's steps are being checked again */
    unsigned tick;    /* spinner frame */
};

/* Runs the wizard until the operator quits; returns the exit status. */
int app_run(const struct session_options *o);

/* A line for the status bar until the next key. */
void app_message(struct app *a, enum app_msg kind, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* The controller's handling of one key, curses-free (unit tests drive it). Returns false
 * when the wizard should end. */
bool app_key(struct app *a, const struct tui_key_event *k);

#endif
