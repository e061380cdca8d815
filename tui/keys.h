/* Keys as the screens see them: named, independent of curses, so the screens' key logic
 * runs in unit tests without a terminal. app.c maps curses' codes to these. */
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
    TK_PGUP,
    TK_PGDN,
    TK_HOME,
    TK_END,
    TK_BACKSPACE,
    TK_DELETE,
    TK_F1,
    TK_F2,
    TK_F10,
    TK_CTRL_D, /* ends a paste */
    TK_CTRL_N,
    TK_CTRL_P,
    TK_CTRL_Q,
    TK_CTRL_C,
    TK_CTRL_U, /* erase to the start of the field */
    TK_CTRL_K, /* erase to its end */
    TK_RESIZE,
};

struct tui_key_event {
    enum tui_key key;
    wchar_t ch; /* TK_CHAR (and TK_SPACE: L' ') */
};

#endif
