/* A one-line text editor's state: characters, cursor, horizontal scroll. No curses. */
#ifndef CLUSTERDNS_TUI_LINE_EDIT_H
#define CLUSTERDNS_TUI_LINE_EDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

#include "keys.h"

#define LINE_EDIT_MAX 255 /* characters */

struct line_edit {
    wchar_t buf[LINE_EDIT_MAX + 1];
    size_t len, cursor;
    size_t scroll; /* first character shown */
    size_t max;    /* characters allowed, at most LINE_EDIT_MAX */
};

void line_edit_init(struct line_edit *e, size_t max);
/* Replaces the text with a UTF-8 string (bytes that are not UTF-8 and C0 controls are
 * skipped); cursor at the end. */
void line_edit_set(struct line_edit *e, const char *utf8);
/* Inserts UTF-8 text at the cursor, as far as the maximum allows (control characters and
 * bytes that are not text are left out); the cursor ends after it. */
void line_edit_insert(struct line_edit *e, const char *utf8);
/* The text as UTF-8 into out (size n), always terminated, whatever the locale. */
const char *line_edit_get(const struct line_edit *e, char *out, size_t n);
/* Applies an editing key; true when the key was one (insert, delete, move). */
bool line_edit_key(struct line_edit *e, const struct tui_key_event *k);
/* Keeps the cursor visible in a box of width columns, measured as ui_put shows each
 * character (escapes counted); returns the first character shown. */
size_t line_edit_view(struct line_edit *e, int width);
/* Columns from the first character shown to the cursor. */
int line_edit_column(const struct line_edit *e);

#endif
