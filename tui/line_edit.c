#include "config.h"

#include "line_edit.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

void line_edit_init(struct line_edit *e, size_t max)
{
    memset(e, 0, sizeof *e);
    e->max = max && max < LINE_EDIT_MAX ? max : LINE_EDIT_MAX;
}

static bool insert(struct line_edit *e, wchar_t wc);

void line_edit_insert(struct line_edit *e, const char *utf8)
{
    mbstate_t st;
    const char *p = utf8 ? utf8 : "";
    size_t left = strlen(p);

    memset(&st, 0, sizeof st);
    while (left > 0 && e->len < e->max) {
        wchar_t wc;
        size_t r = mbrtowc(&wc, p, left, &st);

        if (r == (size_t)-1 || r == (size_t)-2) { /* skip a byte that is not text */
            memset(&st, 0, sizeof st);
            p++, left--;
            continue;
        }
        if (r == 0)
            break;
        if (wc >= L' ' && wc != 0x7f && !(wc >= 0x80 && wc < 0xa0))
            insert(e, wc);
        p += r, left -= r;
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
    mbstate_t st;
    size_t used = 0;
    char mb[MB_LEN_MAX];

    memset(&st, 0, sizeof st);
    for (size_t i = 0; i < e->len; i++) {
        size_t r = wcrtomb(mb, e->buf[i], &st);

        if (r == (size_t)-1)
            continue;
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

size_t line_edit_view(struct line_edit *e, int width)
{
    size_t w = width > 1 ? (size_t)width - 1 : 1; /* one column for the cursor at the end */

    if (e->cursor < e->scroll)
        e->scroll = e->cursor;
    else if (e->cursor - e->scroll > w)
        e->scroll = e->cursor - w;
    return e->scroll;
}
