/* What the screens share: text fields bound to session fields, committed as the operator
 * leaves them, and painted with their errors. */
#ifndef CLUSTERDNS_TUI_SCR_COMMON_H
#define CLUSTERDNS_TUI_SCR_COMMON_H

#include "app.h"
#include "form.h"
#include "screen.h"

#define SCR_LABEL_W 24 /* columns for field labels */

/* Fills every text item bound to a session field (id >= 0) from the session. */
void scr_fields_load(struct app *a, struct form *f);
/* Hands item i's text to the session, validated there even when unchanged (the controller's
 * commit before F10, F2 or quitting); no-op for unbound items. Leaving a field by Tab
 * validates it only when its text changed. */
void scr_commit(struct app *a, struct form *f, size_t i);
/* Feeds k to the form, committing a text field as focus leaves it. *ev and *which say what
 * happened. Returns KR_* flags. */
int scr_form_key(struct app *a, struct form *f, const struct tui_key_event *k,
                 enum form_event *ev, size_t *which);
/* A bound field with its error line under it when it breaks a rule; returns the next row. */
int scr_draw_field(struct app *a, WINDOW *w, int y, int width, struct form *f, size_t i);

/* The paste box, for terminals whose paste arrives too slowly to be told from typing:
 * while it is open every key goes into it (Enter and Tab kept), Ctrl-D ends it and Esc
 * drops it; a paste the terminal marks as one ends it at once. */
struct paste {
    bool active;
    char *text;
    size_t len, cap;
    int lines;
};
void paste_begin(struct paste *p);
/* Returns 1 when the paste is complete (text ready, caller frees via paste_end), -1 when it
 * was cancelled, 0 while it goes on. */
int paste_key(struct paste *p, const struct tui_key_event *k);
void paste_end(struct paste *p);
/* The import keys of a screen that reads pasted or saved Windows text: while the paste box
 * is open every key goes to it; Enter in the file field reads that file. Either way the
 * text goes to app_offer_import. Returns true when it took the key. */
bool scr_import_key(struct app *a, struct paste *p, struct form_item *file_field,
                    const struct tui_key_event *k);
/* A paste while the paste box is open: offered at once. True when the box took it. */
bool scr_import_paste(struct app *a, struct paste *p, const char *text);
void paste_draw(WINDOW *w, int y, int width, const struct paste *p, const char *what);

/* The rule an engine call says is broken, on the status line. */
void scr_message_diag(struct app *a, const struct cd_diag *d);
/* C, on every step that shows the check: it runs again now. A command's run hook. */
void scr_run_check(struct app *a, void *st, const struct tui_key_event *k);

#endif
