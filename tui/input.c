#include "config.h"

#include "input.h"

#include "text.h"

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- escape sequences curses left undecoded ------------------------------------------ */

/* CSI n ~ (vt220 style: xterm, rxvt, PuTTY, the Linux console, screen, tmux). */
static const struct {
    int n;
    enum tui_key key;
    int fn;
} tilde_keys[] = {
    {1, TK_HOME, 0},  {2, TK_INSERT, 0}, {3, TK_DELETE, 0}, {4, TK_END, 0},
    {5, TK_PGUP, 0},  {6, TK_PGDN, 0},   {7, TK_HOME, 0},   {8, TK_END, 0},
    {11, TK_F1, 0},   {12, TK_F2, 0},    {13, TK_FKEY, 3},  {14, TK_FKEY, 4},
    {15, TK_FKEY, 5}, {17, TK_FKEY, 6},  {18, TK_FKEY, 7},  {19, TK_FKEY, 8},
    {20, TK_FKEY, 9}, {21, TK_F10, 0},   {23, TK_FKEY, 11}, {24, TK_FKEY, 12},
    {200, TK_PASTE_BEGIN, 0}, {201, TK_PASTE_END, 0},
};

/* CSI or SS3 with a final letter: xterm's normal and application modes, rxvt's shifted
 * and controlled keys, the Linux console's F1-F5 (CSI [ A..E). */
static bool letter_key(char intro, char final, int mod, struct tui_key_event *k)
{
    bool ctrl = mod == 5;

    k->ch = 0;
    switch (final) {
    case 'A': case 'a': k->key = TK_UP; return true;
    case 'B': case 'b': k->key = TK_DOWN; return true;
    case 'C': k->key = ctrl ? TK_CTRL_RIGHT : TK_RIGHT; return true;
    case 'D': k->key = ctrl ? TK_CTRL_LEFT : TK_LEFT; return true;
    case 'c': k->key = intro == 'O' ? TK_CTRL_RIGHT : TK_RIGHT; return true; /* rxvt */
    case 'd': k->key = intro == 'O' ? TK_CTRL_LEFT : TK_LEFT; return true;
    case 'H': k->key = TK_HOME; return true;
    case 'F': k->key = TK_END; return true;
    case 'Z': k->key = TK_BTAB; return true;
    case 'M': k->key = TK_ENTER; return true; /* the keypad's Enter */
    case 'P': k->key = TK_F1; return true;
    case 'Q': k->key = TK_F2; return true;
    case 'R': k->key = TK_FKEY; k->ch = 3; return true;
    case 'S': k->key = TK_FKEY; k->ch = 4; return true;
    default: return false;
    }
}

static bool linux_fkey(char final, struct tui_key_event *k)
{
    if (final < 'A' || final > 'E')
        return false;
    k->key = final == 'A' ? TK_F1 : final == 'B' ? TK_F2 : TK_FKEY;
    k->ch = final == 'A' || final == 'B' ? 0 : (wchar_t)(final - 'A' + 1);
    return true;
}

/* The byte a key stands for inside an escape sequence, or -1. */
static int seq_byte(const struct tui_key_event *k)
{
    if (k->key == TK_CHAR && k->ch > 0x20 && k->ch < 0x7f)
        return (int)k->ch;
    return -1;
}

static void seq_append(char *out, size_t n, int c)
{
    size_t len = strlen(out);

    if (len + 3 < n) {
        out[len++] = ' ';
        out[len++] = (char)c;
        out[len] = '\0';
    }
}

/* Reads the sequence that starts with ESC at keys[0]: fills *k with its key, or text with
 * the sequence when it is not known. Returns the keys it took (at least 1). */
static size_t read_sequence(const struct tui_key_event *keys, size_t n, struct tui_key_event *k,
                            char *text, size_t text_n, bool *known)
{
    int intro = n > 1 ? seq_byte(&keys[1]) : -1;
    size_t i;
    int params[4] = {0}, np = 0, c = -1;
    bool linux_intro = false;

    *known = false;
    snprintf(text, text_n, "ESC");
    if (intro != '[' && intro != 'O') {
        if (intro < 0) { /* Esc alone, or before another key: Esc */
            k->key = TK_ESC;
            k->ch = 0;
            *known = true;
            return 1;
        }
        seq_append(text, text_n, intro); /* Alt and a character */
        return 2;
    }
    seq_append(text, text_n, intro);
    i = 2;
    if (intro == '[' && i < n && seq_byte(&keys[i]) == '[') {
        linux_intro = true;
        seq_append(text, text_n, '[');
        i++;
    }
    for (; i < n; i++) {
        c = seq_byte(&keys[i]);
        if (c < 0)
            break;
        seq_append(text, text_n, c);
        if (intro == 'O' || linux_intro || (c >= 0x40 && c <= 0x7e)) {
            i++;
            break;
        }
        if (c >= '0' && c <= '9') {
            if (params[np] < 100000)
                params[np] = params[np] * 10 + (c - '0');
        } else if (c == ';' && np < 3) {
            np++;
        }
        c = -1;
    }
    if (c < 0)
        return i; /* cut short: unknown */
    if (linux_intro)
        *known = linux_fkey((char)c, k);
    else if (intro == '[' && c == '~') {
        for (size_t t = 0; t < sizeof tilde_keys / sizeof *tilde_keys; t++)
            if (tilde_keys[t].n == params[0]) {
                k->key = tilde_keys[t].key;
                k->ch = (wchar_t)tilde_keys[t].fn;
                *known = true;
            }
    } else {
        *known = letter_key((char)intro, (char)c, np ? params[1] : 0, k);
    }
    return i;
}

/* ---- pastes ----------------------------------------------------------------------------- */

static bool is_text(const struct tui_key_event *k)
{
    return k->key == TK_CHAR || k->key == TK_SPACE || k->key == TK_ENTER || k->key == TK_TAB;
}

static void paste_add(struct input *in, const char *s, size_t n)
{
    if (in->len + n + 1 > INPUT_PASTE_MAX) {
        in->cut = true;
        return;
    }
    if (in->len + n + 1 > in->cap) {
        size_t cap = in->cap ? in->cap : 1024;
        char *b;

        while (cap < in->len + n + 1)
            cap *= 2;
        if (!(b = realloc(in->buf, cap))) {
            in->cut = true;
            return;
        }
        in->buf = b;
        in->cap = cap;
    }
    memcpy(in->buf + in->len, s, n);
    in->len += n;
    in->buf[in->len] = '\0';
}

static void paste_key(struct input *in, const struct tui_key_event *k)
{
    char mb[8];
    int n;

    switch (k->key) {
    case TK_ENTER: paste_add(in, "\n", 1); break;
    case TK_TAB: paste_add(in, "\t", 1); break;
    case TK_SPACE: paste_add(in, " ", 1); break;
    case TK_CHAR:
        if ((k->ch >= 0xd800 && k->ch < 0xe000) || k->ch > 0x10ffff)
            break; /* no character */
        n = (int)text_encode((uint32_t)k->ch, mb);
        paste_add(in, mb, (size_t)n);
        break;
    default:
        break; /* a control character, or a key decoded inside the paste */
    }
}

static void paste_emit(struct input *in, input_emit_fn emit, void *ctx)
{
    struct input_event ev = {.kind = INPUT_PASTE};

    ev.text = in->buf ? in->buf : "";
    ev.len = in->len;
    ev.cut = in->cut;
    in->state = INPUT_IDLE;
    emit(ctx, &ev);
    in->len = 0;
    in->cut = false;
    if (in->buf)
        in->buf[0] = '\0';
}

void input_init(struct input *in)
{
    memset(in, 0, sizeof *in);
}

void input_fini(struct input *in)
{
    free(in->buf);
    input_init(in);
}

bool input_pasting(const struct input *in)
{
    return in->state != INPUT_IDLE;
}

int input_timeout(const struct input *in, long now_ms)
{
    long end;

    if (in->state == INPUT_IDLE)
        return -1;
    end = in->last_ms + (in->state == INPUT_BURST ? INPUT_BURST_GAP_MS : INPUT_BRACKET_WAIT_MS);
    return end <= now_ms ? 0 : end - now_ms > INT_MAX ? INT_MAX : (int)(end - now_ms);
}

void input_tick(struct input *in, long now_ms, input_emit_fn emit, void *ctx)
{
    if (in->state != INPUT_IDLE && input_timeout(in, now_ms) == 0)
        paste_emit(in, emit, ctx);
}

/* The keys of a batch after sequences are read whole: a key, or an unknown sequence. */
struct token {
    bool unknown;
    struct tui_key_event key;
    char seq[INPUT_SEQ_MAX * 2];
};

static size_t tokenize(const struct tui_key_event *keys, size_t n, struct token *t)
{
    size_t nt = 0;

    for (size_t i = 0; i < n;) {
        struct token *tk = &t[nt++];

        memset(tk, 0, sizeof *tk);
        if (keys[i].key == TK_ESC) {
            bool known;

            i += read_sequence(keys + i, n - i, &tk->key, tk->seq, sizeof tk->seq, &known);
            tk->unknown = !known;
        } else {
            tk->key = keys[i++];
        }
    }
    return nt;
}

void input_batch(struct input *in, const struct tui_key_event *keys, size_t n, long now_ms,
                 input_emit_fn emit, void *ctx)
{
    struct token *t = n ? calloc(n, sizeof *t) : NULL;
    size_t nt, text = 0, i = 0;

    if (!t)
        return; /* out of memory: the batch is lost, never misread */
    /* A paste whose time ran out before this batch was read ends first: what comes now is
     * typed (the loop may have been busy when its time came). */
    input_tick(in, now_ms, emit, ctx);
    nt = tokenize(keys, n, t);
    for (size_t j = 0; j < nt; j++)
        text += !t[j].unknown && is_text(&t[j].key);
    if (in->state == INPUT_BURST && text == 0)
        paste_emit(in, emit, ctx); /* a batch without characters: the burst is over */
    else if (in->state == INPUT_IDLE && text >= INPUT_BURST_MIN) {
        /* Keys before the first character were typed before the paste began. */
        for (; i < nt && (t[i].unknown || !is_text(&t[i].key)) &&
               t[i].key.key != TK_PASTE_BEGIN; i++) {
            struct input_event ev = {.kind = t[i].unknown ? INPUT_UNKNOWN : INPUT_KEY,
                                     .key = t[i].key, .text = t[i].seq};

            ev.len = strlen(t[i].seq);
            emit(ctx, &ev);
        }
        if (i < nt && t[i].key.key != TK_PASTE_BEGIN)
            in->state = INPUT_BURST;
    }
    for (; i < nt; i++) {
        const struct token *tk = &t[i];

        if (!tk->unknown && tk->key.key == TK_PASTE_BEGIN) {
            if (in->state == INPUT_BURST)
                paste_emit(in, emit, ctx);
            in->state = INPUT_BRACKETED;
            in->last_ms = now_ms;
            continue;
        }
        if (in->state == INPUT_BRACKETED && !tk->unknown && tk->key.key == TK_PASTE_END) {
            paste_emit(in, emit, ctx);
            continue;
        }
        if (in->state != INPUT_IDLE) {
            if (!tk->unknown)
                paste_key(in, &tk->key);
            in->last_ms = now_ms;
            continue;
        }
        if (tk->unknown) {
            struct input_event ev = {.kind = INPUT_UNKNOWN, .text = tk->seq};

            ev.len = strlen(tk->seq);
            emit(ctx, &ev);
        } else if (tk->key.key != TK_PASTE_END) { /* a stray end marker says nothing */
            struct input_event ev = {.kind = INPUT_KEY, .key = tk->key};

            emit(ctx, &ev);
        }
    }
    free(t);
}
