/* What the terminal sent, as the wizard should take it. No curses here: the terminal layer
 * (term.c) reads every key that is waiting, in one go (a batch), maps what curses decoded
 * to tui keys, and hands the batch here with the time. Then:
 *  - an escape sequence curses could not decode (terminfo lacks it: PuTTY's Home, ESC [ 1 ~,
 *    under TERM=xterm) is read whole: a known variant of xterm, rxvt, the Linux console,
 *    PuTTY, screen or tmux becomes its key; any other one is reported as unknown, never as
 *    Esc followed by text;
 *  - a bracketed paste (ESC [ 200 ~ ... ESC [ 201 ~) is one paste, never keys;
 *  - input that arrives faster than a person types (INPUT_BURST_MIN characters or more in
 *    one batch) is a paste too, for terminals without bracketed paste. The keys of the
 *    batch before its first character are still keys. The paste goes on while the next
 *    batches bring characters; it ends after INPUT_BURST_GAP_MS without input, or at a
 *    batch that brings none (that batch's keys are keys again).
 * A paste keeps its characters, new lines and tabs; other control characters, and keys
 * that curses decoded inside it, are dropped. */
#ifndef CLUSTERDNS_TUI_INPUT_H
#define CLUSTERDNS_TUI_INPUT_H

#include <stdbool.h>
#include <stddef.h>

#include "keys.h"

#define INPUT_BURST_MIN 3
#define INPUT_BURST_GAP_MS 50
#define INPUT_BRACKET_WAIT_MS 500 /* quiet that long, a paste whose end marker was lost ends */
#define INPUT_PASTE_MAX (1u << 20) /* bytes kept of one paste; the rest is counted, dropped */
#define INPUT_SEQ_MAX 32

enum input_kind {
    INPUT_KEY,
    INPUT_PASTE,   /* text: what was pasted */
    INPUT_UNKNOWN, /* text: the sequence, printable ("ESC [ 9 9 ~") */
};

struct input_event {
    enum input_kind kind;
    struct tui_key_event key; /* INPUT_KEY */
    const char *text;         /* UTF-8, NUL-terminated; valid during the callback only */
    size_t len;
    bool cut; /* INPUT_PASTE: longer than INPUT_PASTE_MAX, the rest was dropped */
};

typedef void (*input_emit_fn)(void *ctx, const struct input_event *ev);

enum input_state { INPUT_IDLE, INPUT_BRACKETED, INPUT_BURST };

struct input {
    enum input_state state;
    long last_ms; /* the last input of the paste under way */
    char *buf;    /* the paste under way */
    size_t len, cap;
    bool cut;
};

void input_init(struct input *in);
void input_fini(struct input *in);
/* One batch of keys read together at now_ms (milliseconds on a monotonic clock). Calls
 * emit for each event, in order. */
void input_batch(struct input *in, const struct tui_key_event *keys, size_t n, long now_ms,
                 input_emit_fn emit, void *ctx);
/* Milliseconds until input_tick has a paste to end, or -1. */
int input_timeout(const struct input *in, long now_ms);
/* Ends a paste whose time is up (emitting it). */
void input_tick(struct input *in, long now_ms, input_emit_fn emit, void *ctx);
/* True while a paste is being received. */
bool input_pasting(const struct input *in);

#endif
