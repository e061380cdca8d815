/* A screen's focus ring: text fields bound to session fields, toggles, buttons and lists.
 * Tab and Shift-Tab move, Enter in a field moves to the next one, Space toggles, Enter
 * presses a button. No curses: screens feed keys and read back what happened. */
#ifndef CLUSTERDNS_TUI_FORM_H
#define CLUSTERDNS_TUI_FORM_H

#include <stdbool.h>
#include <stddef.h>

#include "keys.h"
#include "line_edit.h"

#define FORM_ITEMS_MAX 16

/* The ids of the [ Back ] and [ Next ] buttons every step's form ends with (form_add_nav);
 * the controller presses them and paints them. */
enum { FORM_ID_BACK = -100, FORM_ID_NEXT = -101 };

enum item_kind { ITEM_TEXT, ITEM_TOGGLE, ITEM_BUTTON, ITEM_LIST };

struct form_item {
    enum item_kind kind;
    const char *label; /* N_() */
    int id;            /* the screen's meaning: session field, symptom, action, list */
    struct line_edit edit;
};

struct form {
    struct form_item items[FORM_ITEMS_MAX];
    size_t n;
    size_t focus;
};

enum form_event {
    FORM_IGNORED,   /* not a key for the form: the screen or the controller may use it */
    FORM_HANDLED,   /* edited or moved within an item */
    FORM_LEFT,      /* focus left item `which` (a text field: commit and validate it) */
    FORM_TOGGLED,   /* Space on a toggle */
    FORM_PRESSED,   /* Enter or Space on a button, Enter on a list */
};

void form_init(struct form *f);
/* Adds an item; returns its index. max: characters for a text field. */
size_t form_add(struct form *f, enum item_kind kind, const char *label, int id, size_t max);
/* Ends the form with [ Back ] and [ Next ]. A form of nothing else starts on [ Next ]. */
void form_add_nav(struct form *f);
struct form_item *form_focused(struct form *f);
/* Feeds a key; *which is the item concerned. */
enum form_event form_key(struct form *f, const struct tui_key_event *k, size_t *which);
/* Moves focus to item i (FORM_LEFT semantics are the caller's). */
void form_focus(struct form *f, size_t i);
size_t form_find(const struct form *f, enum item_kind kind, int id);

#endif
