/* Keys as the screens see them: named, independent of curses, so the screens' key logic
 * runs in unit tests without a terminal. term.c maps curses' codes to these, input.c reads
 * what curses could not decode. */
#ifndef CLUSTERDNS_TUI_KEYS_H
#define CLUSTERDNS_TUI_KEYS_H

#include <wchar.h>

enum tui_key {
    TK_NONE,
    TK_CHAR, /* a printable character in ch */
    TK_TAB,
    TK_BTAB,
    TK_ENTER,
    TK_ESC,
    TK_SPACE,
    TK_UP,
    TK_DOWN,
    TK_LEFT,
    TK_RIGHT,
    TK_CTRL_LEFT,  /* a word back */
    TK_CTRL_RIGHT, /* a word on */
    TK_PGUP,
    TK_PGDN,
    TK_HOME,
    TK_END,
    TK_INSERT,
    TK_BACKSPACE,
    TK_DELETE,
    TK_F1,
    TK_F2,
    TK_F10,
    TK_FKEY,   /* another function key: its number in ch */
    TK_CTRL_A, /* the start of the field */
    TK_CTRL_D, /* ends a paste typed into the paste box */
    TK_CTRL_E, /* the end of the field */
    TK_CTRL_G, /* help, where F1 is taken by the terminal */
    TK_CTRL_N,
    TK_CTRL_P,
    TK_CTRL_Q,
    TK_CTRL_S, /* save, beside F2 */
    TK_CTRL_C,
    TK_CTRL_U, /* erase to the start of the field */
    TK_CTRL_K, /* erase to its end */
    TK_CTRL_W, /* erase the word before the cursor */
    TK_CTRL_Z, /* suspend */
    TK_CTRL,   /* another control character: its code in ch */
    TK_RESIZE,
    TK_PASTE_BEGIN, /* bracketed paste: ESC [ 200 ~ */
    TK_PASTE_END,   /* ESC [ 201 ~ */
};

struct tui_key_event {
    enum tui_key key;
    wchar_t ch; /* TK_CHAR (and TK_SPACE: L' '), TK_FKEY's number, TK_CTRL's code */
};

#endif
