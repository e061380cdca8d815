#include "config.h"

#include "list.h"

#include "i18n.h"
#include "ui.h"

static void keep_in_view(struct list *l)
{
    size_t h = l->height ? l->height : 1;

    if (l->selected < l->top)
        l->top = l->selected;
    else if (l->selected >= l->top + h)
        l->top = l->selected - h + 1;
    if (l->n <= h)
        l->top = 0;
    else if (l->top > l->n - h)
        l->top = l->n - h;
}

void list_set_count(struct list *l, size_t n)
{
    l->n = n;
    if (l->selected >= n)
        l->selected = n ? n - 1 : 0;
    keep_in_view(l);
}

void list_select(struct list *l, size_t i)
{
    l->selected = l->n ? (i < l->n ? i : l->n - 1) : 0;
    keep_in_view(l);
}

bool list_key(struct list *l, const struct tui_key_event *k)
{
    size_t page = l->height > 1 ? l->height - 1 : 1;

    switch (k->key) {
    case TK_UP:
        list_select(l, l->selected ? l->selected - 1 : 0);
        return true;
    case TK_DOWN:
        list_select(l, l->selected + 1);
        return true;
    case TK_PGUP:
        list_select(l, l->selected > page ? l->selected - page : 0);
        return true;
    case TK_PGDN:
        list_select(l, l->selected + page);
        return true;
    case TK_HOME:
        list_select(l, 0);
        return true;
    case TK_END:
        list_select(l, l->n ? l->n - 1 : 0);
        return true;
    default:
        return false;
    }
}

int list_lines(size_t n, int height)
{
    if (height < 1)
        return 0;
    if (n <= (size_t)height)
        return (int)n;
    return height; /* the rows that fit, the last line saying where they are */
}

int list_draw(struct list *l, WINDOW *w, int y, int x, int width, int height, bool focused,
              list_row_fn row, void *ctx)
{
    int lines = list_lines(l->n, height);
    bool all = l->n <= (size_t)height;

    l->height = all ? l->n : (size_t)(height > 1 ? height - 1 : 1);
    keep_in_view(l);
    for (size_t i = 0; i < l->height && l->top + i < l->n; i++)
        row(ctx, w, y + (int)i, x, width, l->top + i, focused && l->top + i == l->selected);
    if (!all) {
        size_t last = l->top + l->height;

        ui_style(w, UI_DIM);
        /* TRANSLATORS: where the rows shown are in a list: "rows 3-7 of 12". */
        ui_putf(w, y + (int)l->height, x, width, _("%s rows %zu-%zu of %zu %s"),
                l->top ? "^" : " ", l->top + 1, last, l->n, last < l->n ? "v" : " ");
        ui_style(w, UI_NORMAL);
    }
    return lines;
}
