#include "config.h"

#include "form.h"

#include "i18n.h"

#include <string.h>

void form_init(struct form *f)
{
    memset(f, 0, sizeof *f);
}

size_t form_add(struct form *f, enum item_kind kind, const char *label, int id, size_t max)
{
    struct form_item *it = &f->items[f->n];

    if (f->n >= FORM_ITEMS_MAX)
        return f->n - 1;
    it->kind = kind;
    it->label = label;
    it->id = id;
    line_edit_init(&it->edit, max);
    return f->n++;
}

void form_add_nav(struct form *f)
{
    bool alone = f->n == 0;

    form_add(f, ITEM_BUTTON, N_("< Back"), FORM_ID_BACK, 0);
    form_add(f, ITEM_BUTTON, N_("Next >"), FORM_ID_NEXT, 0);
    if (alone)
        f->focus = 1;
}

struct form_item *form_focused(struct form *f)
{
    return f->n ? &f->items[f->focus] : NULL;
}

void form_focus(struct form *f, size_t i)
{
    if (i < f->n)
        f->focus = i;
}

size_t form_find(const struct form *f, enum item_kind kind, int id)
{
    for (size_t i = 0; i < f->n; i++)
        if (f->items[i].kind == kind && f->items[i].id == id)
            return i;
    return (size_t)-1;
}

static enum form_event move(struct form *f, int delta, size_t *which)
{
    *which = f->focus;
    f->focus = (size_t)((int)f->focus + (int)f->n + delta) % f->n;
    return FORM_LEFT;
}

enum form_event form_key(struct form *f, const struct tui_key_event *k, size_t *which)
{
    struct form_item *it = form_focused(f);

    *which = f->focus;
    if (!it)
        return FORM_IGNORED;
    switch (k->key) {
    case TK_TAB:
        return move(f, 1, which);
    case TK_BTAB:
        return move(f, -1, which);
    default:
        break;
    }
    switch (it->kind) {
    case ITEM_TEXT:
        /* Enter in the last field goes on to [ Next ], not back a step. */
        if (k->key == TK_ENTER && f->focus + 1 < f->n && f->items[f->focus + 1].id == FORM_ID_BACK) {
            *which = f->focus;
            f->focus += 2;
            return FORM_LEFT;
        }
        if (k->key == TK_ENTER || k->key == TK_DOWN)
            return move(f, 1, which);
        if (k->key == TK_UP)
            return move(f, -1, which);
        return line_edit_key(&it->edit, k) ? FORM_HANDLED : FORM_IGNORED;
    case ITEM_TOGGLE:
        if (k->key == TK_SPACE)
            return FORM_TOGGLED;
        if (k->key == TK_ENTER || k->key == TK_DOWN)
            return move(f, 1, which);
        if (k->key == TK_UP)
            return move(f, -1, which);
        return FORM_IGNORED;
    case ITEM_BUTTON:
        if (k->key == TK_ENTER || k->key == TK_SPACE)
            return FORM_PRESSED;
        if (k->key == TK_DOWN || k->key == TK_RIGHT)
            return move(f, 1, which);
        if (k->key == TK_UP || k->key == TK_LEFT)
            return move(f, -1, which);
        return FORM_IGNORED;
    case ITEM_LIST:
        if (k->key == TK_ENTER)
            return FORM_PRESSED;
        return FORM_IGNORED; /* arrows belong to the list's owner */
    }
    return FORM_IGNORED;
}
