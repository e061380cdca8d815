/* One list for every screen (htop's Panel): the selection, kept visible in the rows the
 * list has, the keys that move it, and where the window is ("3-7 of 12", arrows). A screen
 * says how many rows there are and paints one row; the list does the rest. */
#ifndef CLUSTERDNS_TUI_LIST_H
#define CLUSTERDNS_TUI_LIST_H

#include <stdbool.h>
#include <stddef.h>

#include "curses_inc.h"
#include "keys.h"

struct list {
    size_t n;        /* rows */
    size_t selected; /* < n, or 0 when empty */
    size_t top;      /* the first row shown */
    size_t height;   /* rows shown when last drawn (PgUp/PgDn move by it) */
};

/* The rows changed in number: the selection and the window stay within them. */
void list_set_count(struct list *l, size_t n);
/* Selects row i (within the rows) and brings it into view. */
void list_select(struct list *l, size_t i);
/* Up, Down, PgUp, PgDn, Home, End: true when the key was one of them (even at an end). */
bool list_key(struct list *l, const struct tui_key_event *k);

/* Paints one row i at (y, x), width columns; sel: the selected row of a focused list. */
typedef void (*list_row_fn)(void *ctx, WINDOW *w, int y, int x, int width, size_t i, bool sel);
/* Paints the rows that fit in height lines from (y, x), the selection in view; when not all
 * fit, the last line says which are shown ("rows 3-7 of 12", arrows). Returns the lines
 * used. */
int list_draw(struct list *l, WINDOW *w, int y, int x, int width, int height, bool focused,
              list_row_fn row, void *ctx);
/* The lines list_draw would use for n rows in at most height lines. */
int list_lines(size_t n, int height);

#endif
