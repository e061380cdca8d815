#include "config.h"

#include "line_edit.h"

#include <stdlib.h>
#include <string.h>

#include "text.h"

void line_edit_init(struct line_edit *e, size_t max)
{
    memset(e, 0, sizeof *e);
    e->max = max && max < LINE_EDIT_MAX ? max : LINE_EDIT_MAX;
}

static bool insert(struct line_edit *e, wchar_t wc);

void line_edit_insert(struct line_edit *e, const char *utf8)
{
    const char *p = utf8 ? utf8 : "";
    size_t left = strlen(p), len;
    uint32_t cp;

    for (; left > 0 && e->len < e->max; p += len, left -= len) {
        if ((len = text_decode(p, left, &cp)) == 0) { /* skip a byte that is not text */
            len = 1;
            continue;
        }
        if (!text_is_control(cp)) /* one line: controls have no place; the rest shows escaped */
            insert(e, (wchar_t)cp);
    }
}

void line_edit_set(struct line_edit *e, const char *utf8)
{
    e->len = e->cursor = e->scroll = 0;
    e->buf[0] = L'\0';
    line_edit_insert(e, utf8);
}

const char *line_edit_get(const struct line_edit *e, char *out, size_t n)
{
    size_t used = 0;
    char mb[4];

    /* UTF-8 whatever the locale: wchar_t holds code points (glibc), the engine UTF-8. */
    for (size_t i = 0; i < e->len; i++) {
        uint32_t cp = (uint32_t)e->buf[i];
        size_t r;

        if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
            continue;
        r = text_encode(cp, mb);
        if (used + r >= n)
            break;
        memcpy(out + used, mb, r);
        used += r;
    }
    if (n)
        out[used < n ? used : n - 1] = '\0';
    return out;
}

static bool insert(struct line_edit *e, wchar_t wc)
{
    if (e->len >= e->max)
        return true; /* full: the key is still ours, nothing else should act on it */
    memmove(&e->buf[e->cursor + 1], &e->buf[e->cursor], (e->len - e->cursor) * sizeof(wchar_t));
    e->buf[e->cursor++] = wc;
    e->buf[++e->len] = L'\0';
    return true;
}

static void erase_at(struct line_edit *e, size_t i)
{
    memmove(&e->buf[i], &e->buf[i + 1], (e->len - i - 1) * sizeof(wchar_t));
    e->buf[--e->len] = L'\0';
}

/* Words end at spaces and at the punctuation of names and addresses. */
static bool word_sep(wchar_t c)
{
    return c == L' ' || c == L'.' || c == L':' || c == L'/' || c == L',' || c == L'-';
}

static size_t word_start(const struct line_edit *e, size_t i)
{
    while (i > 0 && word_sep(e->buf[i - 1]))
        i--;
    while (i > 0 && !word_sep(e->buf[i - 1]))
        i--;
    return i;
}

bool line_edit_key(struct line_edit *e, const struct tui_key_event *k)
{
    switch (k->key) {
    case TK_CHAR:
    case TK_SPACE:
        return insert(e, k->key == TK_SPACE ? L' ' : k->ch);
    case TK_BACKSPACE:
        if (e->cursor > 0)
            erase_at(e, --e->cursor);
        return true;
    case TK_DELETE:
        if (e->cursor < e->len)
            erase_at(e, e->cursor);
        return true;
    case TK_LEFT:
        if (e->cursor > 0)
            e->cursor--;
        return true;
    case TK_RIGHT:
        if (e->cursor < e->len)
            e->cursor++;
        return true;
    case TK_HOME:
    case TK_CTRL_A:
        e->cursor = 0;
        return true;
    case TK_END:
    case TK_CTRL_E:
        e->cursor = e->len;
        return true;
    case TK_CTRL_LEFT:
        e->cursor = word_start(e, e->cursor);
        return true;
    case TK_CTRL_RIGHT:
        while (e->cursor < e->len && word_sep(e->buf[e->cursor]))
            e->cursor++;
        while (e->cursor < e->len && !word_sep(e->buf[e->cursor]))
            e->cursor++;
        return true;
    case TK_CTRL_W: { /* the word before the cursor, as in readline */
        size_t from = word_start(e, e->cursor);

        memmove(&e->buf[from], &e->buf[e->cursor], (e->len - e->cursor + 1) * sizeof(wchar_t));
        e->len -= e->cursor - from;
        e->cursor = from;
        return true;
    }
    case TK_CTRL_U: /* as in readline and the shells */
        memmove(e->buf, &e->buf[e->cursor], (e->len - e->cursor + 1) * sizeof(wchar_t));
        e->len -= e->cursor;
        e->cursor = 0;
        return true;
    case TK_CTRL_K:
        e->buf[e->cursor] = L'\0';
        e->len = e->cursor;
        return true;
    default:
        return false;
    }
}

/* Columns of the characters [from, to) as ui_put shows them. */
static int columns(const struct line_edit *e, size_t from, size_t to)
{
    int w = 0;

    for (size_t i = from; i < to; i++)
        w += text_shown_width((uint32_t)e->buf[i]);
    return w;
}

size_t line_edit_view(struct line_edit *e, int width)
{
    int avail = width > 1 ? width - 1 : 1; /* one column for the cursor at the end */

    if (e->cursor < e->scroll)
        e->scroll = e->cursor;
    while (e->scroll < e->cursor && columns(e, e->scroll, e->cursor) > avail)
        e->scroll++;
    return e->scroll;
}

int line_edit_column(const struct line_edit *e)
{
    return columns(e, e->scroll, e->cursor);
}
