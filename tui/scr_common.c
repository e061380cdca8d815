#include "config.h"

#include "scr_common.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fileio.h"
#include "i18n.h"
#include "ui.h"

void scr_fields_load(struct app *a, struct form *f)
{
    for (size_t i = 0; i < f->n; i++)
        if (f->items[i].kind == ITEM_TEXT && f->items[i].id >= 0)
            line_edit_set(&f->items[i].edit, session_text(a->s, (enum session_field)f->items[i].id));
}

static void commit_item(struct app *a, struct form *f, size_t i, bool force)
{
    char text[SESSION_TEXT_MAX];
    struct form_item *it = &f->items[i];

    if (i >= f->n || it->kind != ITEM_TEXT || it->id < 0)
        return;
    line_edit_get(&it->edit, text, sizeof text);
    /* Tabbing through an untouched empty field says nothing; F10, F2 and a change do. */
    if (force || strcmp(text, session_text(a->s, (enum session_field)it->id)) != 0)
        session_set_text(a->s, (enum session_field)it->id, text, NULL);
    a->dirty = true;
}

void scr_commit(struct app *a, struct form *f, size_t i)
{
    commit_item(a, f, i, true);
}

int scr_form_key(struct app *a, struct form *f, const struct tui_key_event *k,
                 enum form_event *ev, size_t *which)
{
    *ev = form_key(f, k, which);
    if (*ev == FORM_LEFT)
        commit_item(a, f, *which, false);
    return *ev == FORM_IGNORED ? KR_IGNORED : KR_HANDLED;
}

int scr_draw_field(struct app *a, WINDOW *w, int y, int width, struct form *f, size_t i)
{
    struct form_item *it = &f->items[i];
    int field_w = width - SCR_LABEL_W - 6;
    const struct cd_diag *err = NULL;

    if (field_w > 48)
        field_w = 48;
    if (it->id >= 0)
        err = session_error(a->s, (enum session_field)it->id);
    ui_field(w, y, 2, SCR_LABEL_W, field_w, it, f->focus == i);
    if (err) {
        int cy, cx, lines;

        getyx(w, cy, cx);
        /* The whole rule, under the field, from the label column: the message names the
         * field itself. */
        lines = ui_error(w, y + 1, 4, width - 6, 3, err);
        if (f->focus == i)
            wmove(w, cy, cx);
        return y + 1 + lines;
    }
    return y + 1;
}

void paste_begin(struct paste *p)
{
    paste_end(p);
    p->active = true;
}

static void paste_add(struct paste *p, const char *s, size_t n)
{
    if (p->len + n + 1 > p->cap) {
        size_t cap = p->cap ? p->cap * 2 : 4096;
        char *t;

        while (cap < p->len + n + 1)
            cap *= 2;
        if (cap > (1u << 20) || !(t = realloc(p->text, cap)))
            return; /* a paste over 1 MiB is cut: no `ipconfig /all` is that long */
        p->text = t;
        p->cap = cap;
    }
    memcpy(p->text + p->len, s, n);
    p->len += n;
    p->text[p->len] = '\0';
}

int paste_key(struct paste *p, const struct tui_key_event *k)
{
    char mb[MB_LEN_MAX];
    mbstate_t st;
    size_t n;

    switch (k->key) {
    case TK_CTRL_D:
        p->active = false;
        if (!p->text)
            paste_add(p, "", 0);
        return 1;
    case TK_ESC:
        paste_end(p);
        return -1;
    case TK_ENTER:
        paste_add(p, "\n", 1);
        p->lines++;
        return 0;
    case TK_TAB:
        paste_add(p, "\t", 1);
        return 0;
    case TK_SPACE:
        paste_add(p, " ", 1);
        return 0;
    case TK_CHAR:
        memset(&st, 0, sizeof st);
        n = wcrtomb(mb, k->ch, &st);
        if (n != (size_t)-1)
            paste_add(p, mb, n);
        return 0;
    default:
        return 0;
    }
}

void paste_end(struct paste *p)
{
    free(p->text);
    memset(p, 0, sizeof *p);
}

bool scr_import_key(struct app *a, struct paste *p, struct form_item *file_field,
                    const struct tui_key_event *k)
{
    char path[1024], msg[1024], *text;
    struct cd_diag d;
    size_t len;
    int r;

    if (p->active) {
        r = paste_key(p, k);
        if (r > 0)
            app_offer_import(a, p->text, _("The pasted text"));
        if (r != 0)
            paste_end(p);
        return true;
    }
    if (!file_field || k->key != TK_ENTER)
        return false;
    line_edit_get(&file_field->edit, path, sizeof path);
    if (!path[0])
        return true;
    /* The engine's reader: a regular file only, never blocking this thread. */
    if (fileio_read(path, &text, &len, &d) < 0) {
        app_message(a, MSG_ERROR, "%s", diag_format(&d, msg, sizeof msg));
        return true;
    }
    app_offer_import(a, text, path);
    free(text);
    return true;
}

bool scr_import_paste(struct app *a, struct paste *p, const char *text)
{
    if (!p->active)
        return false;
    paste_end(p);
    app_offer_import(a, text, _("The pasted text"));
    return true;
}

void paste_draw(WINDOW *w, int y, int width, const struct paste *p, const char *what)
{
    ui_style(w, UI_PENDING);
    ui_putf(w, y, 2, width - 4, _("Paste the output of %s now, then press Ctrl-D (Esc cancels)."),
            what);
    ui_style(w, UI_NORMAL);
    ui_putf(w, y + 1, 2, width - 4, _("%d lines received"), p->lines);
}

void scr_message_diag(struct app *a, const struct cd_diag *d)
{
    char text[1024];

    app_message(a, MSG_ERROR, "%s", diag_format(d, text, sizeof text));
}

void scr_run_check(struct app *a, void *st, const struct tui_key_event *k)
{
    struct cd_diag d;

    (void)st, (void)k;
    if (session_recheck(a->s, &d) < 0)
        scr_message_diag(a, &d);
    else
        app_message(a, MSG_INFO, "%s", _("Checking again..."));
}
