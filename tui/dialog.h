/* The question asked before anything that changes the world outside the wizard (a dynamic
 * update, a file written) or throws work away (a server removed, an order or a list
 * replaced). It says exactly what will happen; its default is the safe answer; a paste
 * never answers it (the controller also drops what was typed ahead when it opens). Key
 * logic without curses (unit tested); dialog_draw paints it. */
#ifndef CLUSTERDNS_TUI_DIALOG_H
#define CLUSTERDNS_TUI_DIALOG_H

#include <stdbool.h>
#include <stddef.h>

#include "curses_inc.h"
#include "keys.h"

#define DIALOG_BUTTONS_MAX 3
#define DIALOG_NO_ANSWER (-1)

struct app;

struct dialog_button {
    const char *label; /* translated */
    const char *keys;  /* the letters that press it (lower case, UTF-8), "" for none */
    int id;            /* what dialog_key returns for it */
};

/* Called with the id of the answer (the cancel id for Esc and any other key); ctx is then
 * freed with free_ctx. */
typedef void (*dialog_done_fn)(struct app *a, void *ctx, int id);

struct dialog {
    bool open;
    char title[128];
    char *body; /* malloc'ed, lines separated by '\n' */
    struct dialog_button buttons[DIALOG_BUTTONS_MAX]; /* pointing into the copies below */
    char labels[DIALOG_BUTTONS_MAX][128], keys[DIALOG_BUTTONS_MAX][16];
    size_t n_buttons, focus;
    int cancel_id;
    size_t first_line; /* body scroll */
    size_t page;       /* body lines shown last time (PgUp/PgDn move by it) */
    const char *note;  /* a line under the body: why a key did not answer ("a paste...") */
    const char *hint;  /* N_(): shown where the buttons go when there is none (the help) */
    dialog_done_fn done;
    void *ctx;
    void (*free_ctx)(void *ctx);
    WINDOW *win; /* dialog_draw's */
    PANEL *panel;
};

/* Opens d (closing what it held) with title (copied), body (taken: malloc'ed), the buttons
 * (copied, their texts too) with focus on button `safe`, whose id is also the answer to Esc and to any key
 * that is no answer. */
void dialog_open(struct dialog *d, const char *title, char *body, const struct dialog_button *b,
                 size_t n, size_t safe, dialog_done_fn done, void *ctx, void (*free_ctx)(void *));
/* Feeds a key: returns the id chosen (the dialog is then closed, done not yet called), or
 * DIALOG_NO_ANSWER while it stays open (moving between buttons, scrolling the body). */
int dialog_key(struct dialog *d, const struct tui_key_event *k);
/* The letters of the yes and no buttons: "y" and "n" in every language, with the
 * translation's own letter ("j" in German). */
const char *dialog_keys_yes(void);
/* always, and the translation's letters when they differ, into buf. */
const char *dialog_keys(char *buf, size_t n, const char *always, const char *translated);
const char *dialog_keys_no(void);
/* A paste arrived: it answers nothing; the dialog says so. */
void dialog_paste(struct dialog *d);
/* Frees what d holds (ctx with free_ctx) and closes it. */
void dialog_close(struct dialog *d);
/* Paints d centred on a rows x cols screen. */
void dialog_draw(struct dialog *d, int rows, int cols);

#endif
