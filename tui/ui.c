#include "config.h"

#include "ui.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "i18n.h"
#include "text.h"

static bool use_color;

void ui_init(void)
{
    const char *no_color = getenv("NO_COLOR");

    /* NO_COLOR (no-color.org): any non-empty value turns colour off. */
    use_color = has_colors() && !(no_color && *no_color);
    if (!use_color)
        return;
    start_color();
    use_default_colors();
    init_pair(1, COLOR_GREEN, -1);
    init_pair(2, COLOR_RED, -1);
    init_pair(3, COLOR_YELLOW, -1);
    init_pair(4, COLOR_CYAN, -1);
    init_pair(5, COLOR_WHITE, COLOR_BLUE);
}

void ui_style(WINDOW *w, enum ui_style s)
{
    static const short pairs[] = {[UI_OK] = 1, [UI_BAD] = 2, [UI_WARN] = 3, [UI_PENDING] = 4,
                                  [UI_TITLE] = 5};

    wattrset(w, A_NORMAL);
    switch (s) {
    case UI_TITLE:
        wattron(w, use_color ? COLOR_PAIR(pairs[s]) | A_BOLD : A_REVERSE);
        break;
    case UI_FOCUS:
        wattron(w, A_REVERSE);
        break;
    case UI_DIM:
        wattron(w, A_DIM);
        break;
    case UI_BAD:
        wattron(w, use_color ? COLOR_PAIR(pairs[s]) | A_BOLD : A_BOLD);
        break;
    case UI_OK:
    case UI_WARN:
    case UI_PENDING:
        if (use_color)
            wattron(w, COLOR_PAIR(pairs[s]));
        break;
    default:
        break;
    }
}

int ui_width(const char *s)
{
    return text_width(s);
}

/* One unit as text_next() shows it, at the cursor. */
static void put_unit(WINDOW *w, const struct text_unit *u)
{
    wchar_t wc = (wchar_t)u->cp;

    if (u->escaped)
        waddstr(w, u->esc);
    else if (wcwidth(wc) < 0) /* a character this locale cannot show */
        waddch(w, '?');
    else
        waddnwstr(w, &wc, 1);
}

int ui_put(WINDOW *w, int y, int x, int width, const char *s)
{
    size_t n = strlen(s);
    struct text_unit u;
    int used = 0, maxx = getmaxx(w);

    if (width <= 0 || x + width > maxx)
        width = maxx - x;
    wmove(w, y, x);
    for (size_t i = 0; i < n; i += u.len) {
        text_next(s + i, n - i, &u);
        if (used + u.width > width)
            break;
        put_unit(w, &u);
        used += u.width;
    }
    return used;
}

/* The bytes of the longest start of s (up to its first new line) that fits avail columns
 * as ui_put shows it (escapes counted), cut after a space when there is one; at least one
 * character. */
static size_t wrap_cut(const char *s, int avail)
{
    size_t len = strcspn(s, "\n"), last_space = 0, i;
    struct text_unit u;
    int used = 0;

    for (i = 0; i < len; i += u.len) {
        text_next(s + i, len - i, &u);
        if (used + u.width > avail)
            break;
        used += u.width;
        if (s[i] == ' ')
            last_space = i;
    }
    if (i == len)
        return len;
    if (last_space)
        return last_space;
    if (i)
        return i;
    /* Not even one character fits: take one whole anyway. */
    return len ? text_next(s, len, &u) : 0;
}

int ui_wrap(WINDOW *w, int y, int x, int width, int indent, int max_lines, const char *s)
{
    char line[1024];
    int lines = 0;

    while (*s && *s != '\n' && lines < max_lines) {
        int avail = width - (lines ? indent : 0);
        size_t cut = wrap_cut(s, avail);

        text_copy(line, sizeof line, s, cut);
        ui_put(w, y + lines, x + (lines ? indent : 0), avail, line);
        lines++;
        s += cut;
        while (*s == ' ')
            s++;
    }
    return lines;
}

size_t ui_text(WINDOW *w, int y, int x, int width, int rows, size_t first, const char *text)
{
    char line[1024];
    size_t n = 0;
    const char *s = text;

    while (*s) {
        size_t cut = *s == '\n' ? 0 : wrap_cut(s, width);

        if (w && n >= first && n < first + (size_t)rows) {
            text_copy(line, sizeof line, s, cut);
            ui_put(w, y + (int)(n - first), x, width, line);
        }
        n++;
        s += cut;
        if (*s == '\n')
            s++;
        else
            while (*s == ' ')
                s++;
    }
    return n;
}

int ui_putf(WINDOW *w, int y, int x, int width, const char *fmt, ...)
{
    char buf[1024];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    return ui_put(w, y, x, width, buf);
}

void ui_field(WINDOW *w, int y, int x, int label_w, int field_w, struct form_item *it, bool focused)
{
    char text[LINE_EDIT_MAX * 4 + 1];
    size_t first = line_edit_view(&it->edit, field_w);
    struct line_edit shown = it->edit;

    ui_style(w, focused ? UI_NORMAL : UI_NORMAL);
    if (focused)
        wattron(w, A_BOLD);
    ui_put(w, y, x, label_w, _(it->label));
    ui_style(w, UI_NORMAL);
    /* The field's box: underlined where the terminal can, brackets everywhere. */
    mvwaddch(w, y, x + label_w, '[');
    wattron(w, A_UNDERLINE | (focused ? A_BOLD : 0));
    for (int i = 0; i < field_w; i++)
        mvwaddch(w, y, x + label_w + 1 + i, ' ');
    memmove(shown.buf, it->edit.buf + first, (it->edit.len - first + 1) * sizeof(wchar_t));
    shown.len = it->edit.len - first;
    ui_put(w, y, x + label_w + 1, field_w, line_edit_get(&shown, text, sizeof text));
    ui_style(w, UI_NORMAL);
    mvwaddch(w, y, x + label_w + 1 + field_w, ']');
    if (focused)
        wmove(w, y, x + label_w + 1 + line_edit_column(&it->edit));
}

int ui_status(WINDOW *w, int y, int x, enum record_status st)
{
    static const enum ui_style styles[] = {[REC_PENDING] = UI_PENDING, [REC_OK] = UI_OK,
                                           [REC_MISSING] = UI_BAD, [REC_WRONG] = UI_BAD,
                                           [REC_UNANSWERED] = UI_WARN};
    char buf[64];
    int n;

    snprintf(buf, sizeof buf, "[%s]", _(record_status_text(st)));
    ui_style(w, styles[st]);
    n = ui_put(w, y, x, 0, buf);
    ui_style(w, UI_NORMAL);
    return n;
}

const char *ui_answer_text(const struct probe_answer *a, char *buf, size_t n)
{
    size_t used = 0;

    if (!a) {
        snprintf(buf, n, "-");
        return buf;
    }
    if (a->outcome != PROBE_ANSWER) {
        snprintf(buf, n, "%s", a->outcome == PROBE_PENDING ? "..." : _(probe_outcome_text(a->outcome)));
        return buf;
    }
    buf[0] = '\0';
    for (size_t i = 0; i < a->n_addrs && used < n; i++)
        used += (size_t)snprintf(buf + used, n - used, "%s%s", i ? " " : "", a->addrs[i].text);
    return buf;
}

enum ui_style ui_answer_style(const struct probe_answer *a)
{
    if (!a || a->outcome == PROBE_PENDING)
        return UI_PENDING;
    if (a->outcome == PROBE_ANSWER)
        return UI_OK;
    if (a->outcome == PROBE_NXDOMAIN || a->outcome == PROBE_NODATA)
        return UI_BAD;
    return UI_WARN;
}

void ui_button(WINDOW *w, int y, int x, const char *label, bool focused)
{
    char buf[256];

    snprintf(buf, sizeof buf, focused ? "[>%s<]" : "[ %s ]", label);
    ui_style(w, focused ? UI_FOCUS : UI_NORMAL);
    ui_put(w, y, x, 0, buf);
    ui_style(w, UI_NORMAL);
}

int ui_error(WINDOW *w, int y, int x, int width, int max_lines, const struct cd_diag *d)
{
    char text[1024];
    int lines;

    if (!d)
        return 0;
    ui_style(w, UI_BAD);
    ui_put(w, y, x, 2, "! ");
    lines = ui_wrap(w, y, x + 2, width - 2, 0, max_lines, diag_format(d, text, sizeof text));
    ui_style(w, UI_NORMAL);
    return lines;
}

char ui_spinner(unsigned tick)
{
    return "|/-\\"[tick % 4];
}
