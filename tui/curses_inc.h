/* The only place that picks the curses headers (htop's ProvideCurses.h). */
#ifndef CLUSTERDNS_TUI_CURSES_INC_H
#define CLUSTERDNS_TUI_CURSES_INC_H

#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <curses.h>
#include <panel.h>

#endif
