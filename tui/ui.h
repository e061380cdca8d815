/* Painting helpers shared by the screens: colours that degrade to attributes (NO_COLOR,
 * monochrome), status words that never rely on colour alone, text cut to display width,
 * and control characters from outside never reaching the terminal raw. */
#ifndef CLUSTERDNS_TUI_UI_H
#define CLUSTERDNS_TUI_UI_H

#include <stdbool.h>

#include "curses_inc.h"
#include "diag.h"
#include "form.h"
#include "probe.h"
#include "records.h"

enum ui_style { UI_NORMAL, UI_OK, UI_BAD, UI_WARN, UI_PENDING, UI_TITLE, UI_FOCUS, UI_DIM };

void ui_init(void);
void ui_style(WINDOW *w, enum ui_style s);
/* Writes s at (y, x) cut to width columns (0: to the edge); control characters as '?'.
 * Returns the columns used. */
int ui_put(WINDOW *w, int y, int x, int width, const char *s);
int ui_putf(WINDOW *w, int y, int x, int width, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
int ui_width(const char *s);
/* Writes s from (y, x) wrapped at spaces to width columns, at most max_lines lines, the
 * lines after the first indented by indent; returns the lines used. */
int ui_wrap(WINDOW *w, int y, int x, int width, int indent, int max_lines, const char *s);
/* Text as a reader sees it in a box: paragraphs split at new lines, each wrapped at spaces
 * to width (once: the text's own line breaks are kept), painted from wrapped line `first`
 * for at most `rows` lines. Returns the wrapped lines the whole text takes, so the caller
 * can bound its scrolling; w NULL only counts. */
size_t ui_text(WINDOW *w, int y, int x, int width, int rows, size_t first, const char *text);
/* A labelled text field; the cursor is placed in it when focused. */
void ui_field(WINDOW *w, int y, int x, int label_w, int field_w, struct form_item *it, bool focused);
/* "[ok]", "[missing]"... with the matching style. */
int ui_status(WINDOW *w, int y, int x, enum record_status st);
/* A probe answer in a few words: the addresses, or what went wrong; "..." while waiting. */
const char *ui_answer_text(const struct probe_answer *a, char *buf, size_t n);
enum ui_style ui_answer_style(const struct probe_answer *a);
/* A button "[ Label ]". */
void ui_button(WINDOW *w, int y, int x, const char *label, bool focused);
/* An error under a field, "! message", wrapped over at most max_lines; returns the lines. */
int ui_error(WINDOW *w, int y, int x, int width, int max_lines, const struct cd_diag *d);
/* Spinner frame for pending work. */
char ui_spinner(unsigned tick);

#endif
