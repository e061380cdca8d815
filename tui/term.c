#include "config.h"

#include "term.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "curses_inc.h"

/* Bracketed paste (xterm's mode 2004): terminals that do not know it ignore it. */
#define PASTE_ON "\033[?2004h"
#define PASTE_OFF "\033[?2004l"
/* After a crash: bracketed paste off, the normal screen back, the cursor shown. */
#define CRASH_RESTORE "\033[?2004l\033[?1049l\033[?25h\r\n"

/* Key codes past curses' own, for the paste markers define_key teaches it. */
#define KEY_PASTE_BEGIN (KEY_MAX + 1)
#define KEY_PASTE_END (KEY_MAX + 2)

static volatile sig_atomic_t exit_signal, suspend_asked;
static bool started;
static bool have_tty_modes;
static struct termios tty_modes; /* as the shell left them: what a crash puts back */

static const int crash_signals[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT};
static struct sigaction crash_next[sizeof crash_signals / sizeof *crash_signals];

static void on_exit_signal(int sig)
{
    exit_signal = sig;
}

static void on_tstp(int sig)
{
    (void)sig;
    suspend_asked = 1;
}

/* Async-signal-safe: write() and tcsetattr() only; then the handler that was there (a
 * sanitizer's report, or the default: a core). */
static void on_crash(int sig)
{
    ssize_t r = write(STDOUT_FILENO, CRASH_RESTORE, sizeof CRASH_RESTORE - 1);

    (void)r;
    if (have_tty_modes)
        tcsetattr(STDIN_FILENO, TCSANOW, &tty_modes);
    for (size_t i = 0; i < sizeof crash_signals / sizeof *crash_signals; i++)
        if (crash_signals[i] == sig)
            sigaction(sig, &crash_next[i], NULL);
    raise(sig);
}

static void handlers(void)
{
    struct sigaction sa;

    memset(&sa, 0, sizeof sa);
    sigemptyset(&sa.sa_mask);
    sa.sa_handler = on_exit_signal;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    sigaction(SIGQUIT, &sa, NULL); /* a Ctrl-\ while the terminal is cooked: leave cleanly */
    sa.sa_handler = on_tstp; /* before initscr: curses then installs none of its own */
    sigaction(SIGTSTP, &sa, NULL);
    sa.sa_handler = on_crash;
    sa.sa_flags = SA_RESETHAND;
    for (size_t i = 0; i < sizeof crash_signals / sizeof *crash_signals; i++)
        sigaction(crash_signals[i], &sa, &crash_next[i]);
}

static void paste_mode(bool on)
{
    fputs(on ? PASTE_ON : PASTE_OFF, stdout);
    fflush(stdout);
}

static void take(void)
{
    raw(); /* Ctrl-Q, Ctrl-C and Ctrl-Z reach us as keys, not as flow control or signals */
    noecho();
    keypad(stdscr, TRUE);
    nodelay(stdscr, TRUE);
    paste_mode(true);
}

void term_start(void)
{
    have_tty_modes = tcgetattr(STDIN_FILENO, &tty_modes) == 0;
    handlers();
    initscr();
    set_escdelay(25);
    define_key("\033[200~", KEY_PASTE_BEGIN);
    define_key("\033[201~", KEY_PASTE_END);
    take();
    started = true;
}

void term_stop(void)
{
    if (!started)
        return;
    started = false;
    endwin();
    paste_mode(false);
}

int term_signal(void)
{
    return exit_signal;
}

void term_ask_suspend(void)
{
    suspend_asked = 1;
}

bool term_suspend_if_asked(void)
{
    struct sigaction sa, ours;

    if (!suspend_asked)
        return false;
    suspend_asked = 0;
    endwin();
    paste_mode(false);
    /* Stop for real, with the default action, then take the terminal again. */
    memset(&sa, 0, sizeof sa);
    sigemptyset(&sa.sa_mask);
    sa.sa_handler = SIG_DFL;
    sigaction(SIGTSTP, &sa, &ours);
    raise(SIGTSTP);
    sigaction(SIGTSTP, &ours, NULL);
    refresh();
    take();
    clearok(curscr, TRUE);
    return true;
}

static struct tui_key_event code_key(wint_t ch)
{
    struct tui_key_event k = {TK_NONE, 0};

    switch (ch) {
    case KEY_BTAB: k.key = TK_BTAB; break;
    case KEY_ENTER: k.key = TK_ENTER; break;
    case KEY_UP: k.key = TK_UP; break;
    case KEY_DOWN: k.key = TK_DOWN; break;
    case KEY_LEFT: k.key = TK_LEFT; break;
    case KEY_RIGHT: k.key = TK_RIGHT; break;
    case KEY_SLEFT: k.key = TK_LEFT; break;
    case KEY_SRIGHT: k.key = TK_RIGHT; break;
    case KEY_PPAGE: k.key = TK_PGUP; break;
    case KEY_NPAGE: k.key = TK_PGDN; break;
    case KEY_HOME: case KEY_A1: k.key = TK_HOME; break;
    case KEY_END: case KEY_C1: k.key = TK_END; break;
    case KEY_IC: k.key = TK_INSERT; break;
    case KEY_BACKSPACE: k.key = TK_BACKSPACE; break;
    case KEY_DC: k.key = TK_DELETE; break;
    case KEY_RESIZE: k.key = TK_RESIZE; break;
    case KEY_PASTE_BEGIN: k.key = TK_PASTE_BEGIN; break;
    case KEY_PASTE_END: k.key = TK_PASTE_END; break;
    default:
        if (ch >= (wint_t)KEY_F(1) && ch <= (wint_t)KEY_F(63)) {
            int n = (int)(ch - KEY_F0);

            k.key = n == 1 ? TK_F1 : n == 2 ? TK_F2 : n == 10 ? TK_F10 : TK_FKEY;
            k.ch = (wchar_t)n;
        }
        break;
    }
    return k;
}

static struct tui_key_event char_key(wint_t ch)
{
    static const enum tui_key ctrl[32] = {
        [1] = TK_CTRL_A,  [3] = TK_CTRL_C,  [4] = TK_CTRL_D,  [5] = TK_CTRL_E,
        [7] = TK_CTRL_G,  [8] = TK_BACKSPACE, [9] = TK_TAB,   [10] = TK_ENTER,
        [11] = TK_CTRL_K, [13] = TK_ENTER,  [14] = TK_CTRL_N, [16] = TK_CTRL_P,
        [17] = TK_CTRL_Q, [19] = TK_CTRL_S, [21] = TK_CTRL_U, [23] = TK_CTRL_W,
        [26] = TK_CTRL_Z, [27] = TK_ESC,
    };
    struct tui_key_event k = {TK_NONE, 0};

    if (ch < 32) {
        k.key = ctrl[ch] ? ctrl[ch] : TK_CTRL;
        k.ch = ctrl[ch] ? 0 : (wchar_t)ch;
    } else if (ch == ' ') {
        k.key = TK_SPACE;
        k.ch = L' ';
    } else if (ch == 127) {
        k.key = TK_BACKSPACE;
    } else if (ch >= 0x80 && ch < 0xa0) {
        k.key = TK_CTRL; /* C1: a control character too */
        k.ch = (wchar_t)ch;
    } else {
        k.key = TK_CHAR;
        k.ch = (wchar_t)ch;
    }
    return k;
}

size_t term_read(struct tui_key_event *keys, size_t max)
{
    size_t n = 0;
    wint_t ch;
    int r;

    while (n < max && (r = wget_wch(stdscr, &ch)) != ERR) {
        struct tui_key_event k = r == KEY_CODE_YES ? code_key(ch) : char_key(ch);

        if (k.key != TK_NONE)
            keys[n++] = k;
    }
    return n;
}

void term_flush_input(void)
{
    if (started)
        flushinp();
}

void term_sync_size(void)
{
    struct winsize ws;

    /* A resize not read yet (its KEY_RESIZE still queued): take the size now, so no frame
     * is drawn for the old one. */
    if (started && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row && ws.ws_col &&
        (ws.ws_row != LINES || ws.ws_col != COLS))
        resize_term(ws.ws_row, ws.ws_col);
}

long term_now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}
