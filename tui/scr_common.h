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
/* Reads a whole text file (up to 1 MiB) into a malloc'ed string, or NULL with errno. */
char *scr_read_file(const char *path);

/* A multi-line paste: Enter and Tab are kept, Ctrl-D ends it, Esc drops it. */
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
/* The import keys of a screen that reads pasted or saved Windows text: while a paste is
 * active every key goes to it; Enter in the file field reads that file. Either way the text
 * goes to import(). Returns true when it took the key. */
bool scr_import_key(struct app *a, struct paste *p, struct form_item *file_field,
                    const struct tui_key_event *k, void (*import)(struct app *, const char *));
void paste_draw(WINDOW *w, int y, int width, const struct paste *p, const char *what);

#endif
