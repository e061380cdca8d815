/* storm: the real wizard on a pty under a storm of keys, pastes and resizes.
 *
 *   storm [-t SECONDS] [-s SEED] [-p PASTE_DIR] [-l SANITIZER_LOG_PREFIX] [-w HANG_MS]
 *         -- PROGRAM [ARG]...
 *
 * Starts PROGRAM on a pty (80x24) and, for SECONDS (60), sends it at random: keys (the
 * escape sequences of an xterm's arrows, function and editing keys, control characters,
 * printable ASCII, UTF-8 characters, U+202E, bytes that are not UTF-8, escape sequences cut
 * short or unknown); pastes of up to 64 KiB, bracketed or not, made of the files of
 * PASTE_DIR mixed with control bytes, C1 controls and bytes that are not UTF-8; and
 * resizes, down to 10x3. It reads all the program writes, and every 3 seconds checks that
 * the program still answers: Esc, then F1 must show the help ("closes this help") within
 * HANG_MS (5000). A program that ends by itself (Ctrl-Q then Q) is started again.
 *
 * It fails (exit 1) on a crash (a signal, or an exit status other than 0), a sanitizer
 * report (a file named SANITIZER_LOG_PREFIX.* appears: ASAN_OPTIONS and UBSAN_OPTIONS
 * log_path), keys not read for HANG_MS, or an F1 not answered; it prints the seed and the
 * last actions, to run the same storm again with -s SEED. At the end it quits the program
 * with Ctrl-Q, Q and checks it ends. Exit 0 when all held, 2 for a usage or system error.
 * One line of counts at the end: keys, pastes, resizes, restarts, F1 checks and the
 * slowest answer. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* memmem */
#endif
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <glob.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#define OUT_KEEP (256 * 1024) /* what the program wrote last, searched for the help */
#define PASTE_MAX (64 * 1024)
#define CHECK_EVERY_MS 3000
#define HISTORY 64
#define HELP_MARK "closes this help"

static struct {
    pid_t pid;
    int master, slave;
    char out[OUT_KEEP];
    size_t out_len;
    unsigned long long out_total; /* bytes read since the start */
} prog;

static struct {
    unsigned long long keys, pastes, paste_bytes, resizes, restarts, checks, late;
    double slowest_ms;
} count;

static size_t since_start; /* bytes the program wrote since it was last started */
static double left_screen_at; /* see watch_screen() */
static char history[HISTORY][96];
static unsigned hist_next;
static char *const *prog_argv;
static const char *san_prefix;
static char **pastes;
static size_t n_pastes;
static int hang_ms = 5000;
static unsigned seed;

static double now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static void note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void note(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(history[hist_next++ % HISTORY], sizeof history[0], fmt, ap);
    va_end(ap);
}

/* The end of what the program wrote, printable, for a failure's report. */
static void show_screen_tail(void)
{
    size_t from = prog.out_len > 1500 ? prog.out_len - 1500 : 0;

    fprintf(stderr, "storm: the last bytes the program wrote:\n  ");
    for (size_t i = from; i < prog.out_len; i++) {
        unsigned char c = (unsigned char)prog.out[i];

        if (c == '\n')
            fputs("\n  ", stderr);
        else if (c >= 0x20 && c < 0x7f)
            fputc(c, stderr);
        else if (c == 0x1b)
            fputs("^[", stderr);
    }
    fputc('\n', stderr);
}

/* Where the program is: its state and what it waits in, from /proc. */
static void show_process(void)
{
    static const char *const files[] = {"stat", "wchan", "syscall"};
    char path[64], buf[512];

    if (prog.pid <= 0)
        return;
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        FILE *f;
        size_t n;

        snprintf(path, sizeof path, "/proc/%d/%s", (int)prog.pid, files[i]);
        if (!(f = fopen(path, "r")))
            continue;
        n = fread(buf, 1, sizeof buf - 1, f);
        buf[n] = '\0';
        fclose(f);
        fprintf(stderr, "storm: %s: %s%s", path, buf, n && buf[n - 1] == '\n' ? "" : "\n");
    }
}

static void sanitizer_logs(bool show, bool *found)
{
    char pattern[4200];
    glob_t g;

    *found = false;
    if (!san_prefix)
        return;
    snprintf(pattern, sizeof pattern, "%s.*", san_prefix);
    if (glob(pattern, 0, NULL, &g) != 0)
        return;
    *found = g.gl_pathc > 0;
    for (size_t i = 0; show && i < g.gl_pathc; i++) {
        FILE *f = fopen(g.gl_pathv[i], "r");
        char line[512];
        int n = 0;

        fprintf(stderr, "storm: sanitizer report %s:\n", g.gl_pathv[i]);
        while (f && fgets(line, sizeof line, f) && n++ < 60)
            fprintf(stderr, "  %s", line);
        if (f)
            fclose(f);
    }
    globfree(&g);
}

static void fail(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
static void fail(const char *fmt, ...)
{
    va_list ap;
    bool found;

    fprintf(stderr, "storm: FAIL: ");
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nstorm: seed %u (again: -s %u); the last actions, oldest first:\n", seed,
            seed);
    for (unsigned i = hist_next > HISTORY ? hist_next - HISTORY : 0; i < hist_next; i++)
        fprintf(stderr, "  %s\n", history[i % HISTORY]);
    show_screen_tail();
    show_process();
    sanitizer_logs(true, &found);
    if (prog.pid > 0)
        kill(prog.pid, SIGKILL);
    exit(1);
}

/* ---- the program on its pty -------------------------------------------------------------- */

static void drain(int wait_ms);

/* Nothing is typed until the program has its screen: before, the new terminal is cooked
 * (echo, Ctrl-C a signal), as any terminal is before a program takes it. */
static void wait_for_screen(void)
{
    double t0 = now_ms();

    while (!memmem(prog.out + (prog.out_len > since_start ? prog.out_len - since_start : 0),
                   since_start < prog.out_len ? since_start : prog.out_len, "\033[?2004h", 8)) {
        if (now_ms() - t0 > hang_ms)
            fail("the program did not take its screen within %d ms of its start", hang_ms);
        drain(20);
        if (waitpid(prog.pid, NULL, WNOHANG) == prog.pid)
            fail("the program ended before it took its screen");
    }
}

static void start(void)
{
    since_start = 0;
    struct winsize ws = {.ws_row = 24, .ws_col = 80};

    struct termios raw_mode;

    if (openpty(&prog.master, &prog.slave, NULL, NULL, &ws) < 0) {
        perror("storm: openpty");
        exit(2);
    }
    /* The terminal is raw before the program starts, and so after it gives it back: a key
     * is always a byte for the program, never a signal or an echo from the line discipline
     * (which, in the moments the program's terminal is cooked, while it starts, leaves or
     * waits for its output to drain, would turn the storm's Ctrl-C into a SIGINT). */
    if (tcgetattr(prog.slave, &raw_mode) == 0) {
        cfmakeraw(&raw_mode);
        tcsetattr(prog.slave, TCSANOW, &raw_mode);
    }
    prog.pid = fork();
    if (prog.pid < 0) {
        perror("storm: fork");
        exit(2);
    }
    if (prog.pid == 0) {
        struct rlimit no_core = {0, 0};

        setrlimit(RLIMIT_CORE, &no_core); /* a crash is reported here, not dumped */
        close(prog.master);
        setsid();
        ioctl(prog.slave, TIOCSCTTY, 0);
        dup2(prog.slave, 0);
        dup2(prog.slave, 1);
        dup2(prog.slave, 2);
        if (prog.slave > 2)
            close(prog.slave);
        execvp(prog_argv[0], prog_argv);
        _exit(127);
    }
    /* The slave stays open here, so that the pty lives on while the program restarts. */
    fcntl(prog.master, F_SETFL, fcntl(prog.master, F_GETFL) | O_NONBLOCK);
    fcntl(prog.master, F_SETFD, FD_CLOEXEC);
    fcntl(prog.slave, F_SETFD, FD_CLOEXEC);
    wait_for_screen();
}

/* When the program left its full screen (an endwin(): a suspend, or its end) and has not
 * taken it again (raw mode and bracketed paste on); 0 while it is on it. Nothing is typed
 * meanwhile: the terminal is cooked then (echo, Ctrl-C and Ctrl-\ signals), and a person
 * does not type into a program that is leaving or suspended. */
static void watch_screen(const char *buf, size_t n)
{
    const char *leave = memmem(buf, n, "\033[?1049l", 8), *enter = NULL, *p = buf;

    /* Back once bracketed paste is on again: the program writes it after raw(). */
    while ((p = memmem(p, n - (size_t)(p - buf), "\033[?2004h", 8))) {
        enter = p;
        p += 8;
    }
    if (leave && (!enter || enter < leave)) {
        if (!left_screen_at)
            left_screen_at = now_ms();
    } else if (enter) {
        left_screen_at = 0;
    }
}

static void keep(const char *buf, size_t n)
{
    watch_screen(buf, n);
    since_start += n;
    prog.out_total += n;
    if (n > OUT_KEEP) {
        buf += n - OUT_KEEP;
        n = OUT_KEEP;
    }
    if (prog.out_len + n > OUT_KEEP) {
        size_t drop = prog.out_len + n - OUT_KEEP;

        memmove(prog.out, prog.out + drop, prog.out_len - drop);
        prog.out_len -= drop;
    }
    memcpy(prog.out + prog.out_len, buf, n);
    prog.out_len += n;
}

/* Reads what the program wrote, waiting at most wait_ms for the first byte. */
static void drain(int wait_ms)
{
    struct pollfd p = {.fd = prog.master, .events = POLLIN};
    char buf[16384];
    ssize_t r;

    if (poll(&p, 1, wait_ms) <= 0)
        return;
    while ((r = read(prog.master, buf, sizeof buf)) > 0)
        keep(buf, (size_t)r);
}

/* A signal a cooked terminal sends for a key (Ctrl-C, Ctrl-\): it can reach the program
 * only once it has given the terminal back, on its way out. */
static bool keyboard_signal(int status)
{
    if (WIFSIGNALED(status))
        return WTERMSIG(status) == SIGINT || WTERMSIG(status) == SIGQUIT;
    return WIFEXITED(status) && (WEXITSTATUS(status) == 128 + SIGINT ||
                                 WEXITSTATUS(status) == 128 + SIGQUIT);
}

static void finish_child(int status, bool expected_exit)
{
    bool found;

    sanitizer_logs(false, &found);
    if (found)
        fail("a sanitizer report");
    if (left_screen_at && keyboard_signal(status)) {
        note("a key's signal after the program left its screen: it was leaving");
        return;
    }
    if (WIFSIGNALED(status))
        fail("the program was killed by signal %d (%s)", WTERMSIG(status),
             strsignal(WTERMSIG(status)));
    if (WIFEXITED(status) && WEXITSTATUS(status) != 0)
        fail("the program exited with status %d", WEXITSTATUS(status));
    if (!expected_exit)
        note("the program quit (status 0): started again");
}

/* Restarts the program when it has quit; wakes it when it stopped itself (Ctrl-Z). */
static void reap(void)
{
    int status;
    pid_t r = waitpid(prog.pid, &status, WNOHANG | WUNTRACED);

    if (r != prog.pid)
        return;
    if (WIFSTOPPED(status)) {
        note("stopped by signal %d: SIGCONT", WSTOPSIG(status));
        kill(prog.pid, SIGCONT);
        return;
    }
    drain(0);
    finish_child(status, false);
    close(prog.master);
    close(prog.slave);
    count.restarts++;
    left_screen_at = 0;
    start();
}

/* Writes all of s to the program's terminal, reading its output meanwhile; fails when it
 * leaves its input unread for hang_ms. */
static void type(const char *s, size_t n)
{
    double stuck_since = -1;
    unsigned long long restarts = count.restarts;

    while (left_screen_at) { /* leaving or suspended: wait until it ends or comes back */
        if (now_ms() - left_screen_at > hang_ms)
            fail("the program left its screen (endwin) %d ms ago and runs on without it",
                 hang_ms);
        drain(10);
        reap();
        if (count.restarts != restarts)
            return; /* it ended: what was to be typed was for it */
    }

    while (n > 0) {
        ssize_t w = write(prog.master, s, n);

        if (w > 0) {
            s += w;
            n -= (size_t)w;
            stuck_since = -1;
            continue;
        }
        if (w < 0 && errno != EAGAIN && errno != EINTR)
            break; /* the program is gone: reap() starts it again */
        if (stuck_since < 0)
            stuck_since = now_ms();
        else if (now_ms() - stuck_since > hang_ms)
            fail("the program has read none of its input for %d ms", hang_ms);
        drain(5);
        reap();
    }
}

/* ---- what the storm sends -------------------------------------------------------------- */

static unsigned rnd(unsigned n)
{
    return n ? (unsigned)(rand() % (int)n) : 0;
}

static const char *const keys[] = {
    "\033[A", "\033[B", "\033[C", "\033[D", "\033OA", "\033OB", "\033OC", "\033OD",
    "\033OP", "\033OQ", "\033OR", "\033OS", "\033[15~", "\033[17~", "\033[18~", "\033[19~",
    "\033[20~", "\033[21~", "\033[23~", "\033[24~", "\033[1;2P", "\033[H", "\033[F",
    "\033[1~", "\033[4~", "\033[5~", "\033[6~", "\033[2~", "\033[3~", "\033[Z", "\t", "\r",
    "\n", "\033", "\177", "\b", "\033[1;5D", "\033[1;5C", "\033[M !!", "\033[<0;5;5M",
    "\033[", "\033O", "\033[99;99", "\033[?1;2c", "\033]0;x\007", "\302\233" "2J",
    "\342\200\256", "\303\251", "\346\227\245", "\360\237\230\200", "\377", "\300\200",
    "\355\240\200", " ", "y", "n", "j", "o", "q", "s", "a", "c", "f", "w", "r", "p", "i",
    "Y", "N", "Q", "S", "A", "C", "F", "W", "R", "fabrikam.local", "EXSRV", "172.16.8.31",
    "CLUSTER1", "172.16.8.30", "127.0.0.1", "::1", "0.0.0.0",
};

/* Ctrl-Z on its own, nothing typed until the program is back on its screen: here it is a
 * session leader, its SIGTSTP is discarded, and it takes its screen again at once. (Keys
 * typed meanwhile would meet a cooked terminal, as in any curses program's suspend.) */
static void send_suspend(void)
{
    double t0 = now_ms();

    note("Ctrl-Z alone");
    type("\032", 1);
    drain(50);
    while (left_screen_at) {
        if (now_ms() - t0 > hang_ms)
            fail("after Ctrl-Z the program did not take its screen again within %d ms", hang_ms);
        drain(20);
        reap();
    }
    count.keys++;
}

static void send_key(void)
{
    char buf[8];
    unsigned pick = rnd(100);

    if (pick < 60) {
        const char *k = keys[rnd(sizeof keys / sizeof keys[0])];

        note("key %s", k[0] == '\033' ? "ESC-seq" : k);
        type(k, strlen(k));
    } else if (pick < 80) { /* printable ASCII */
        buf[0] = (char)(0x20 + rnd(0x5f));
        note("char %c", buf[0]);
        type(buf, 1);
    } else if (pick < 92) { /* a control character (Ctrl-A .. Ctrl-Z and the rest) */
        buf[0] = (char)rnd(0x20);
        if (buf[0] == '\032')
            return send_suspend();
        note("control 0x%02x", (unsigned char)buf[0]);
        type(buf, 1);
    } else { /* any byte */
        buf[0] = (char)rnd(256);
        if (buf[0] == '\032')
            return send_suspend();
        note("byte 0x%02x", (unsigned char)buf[0]);
        type(buf, 1);
    }
    count.keys++;
}

static void send_paste(void)
{
    static char buf[PASTE_MAX + 16];
    size_t n = 0, want = 1 + rnd(rnd(4) ? 2048 : PASTE_MAX);
    bool bracketed = rnd(3) != 0;

    if (bracketed) {
        memcpy(buf, "\033[200~", 6);
        n = 6;
    }
    while (n < want) {
        unsigned pick = rnd(10);

        if (pick < 5 && n_pastes) { /* a piece of real Windows text */
            const char *p = pastes[rnd((unsigned)n_pastes)];
            size_t len = strlen(p), from = rnd((unsigned)len), k = 1 + rnd(512);

            if (from + k > len)
                k = len - from;
            if (n + k > want)
                k = want - n;
            memcpy(buf + n, p + from, k);
            n += k;
        } else if (pick < 7) {
            buf[n++] = (char)rnd(256);
        } else if (pick < 8) {
            buf[n++] = "\r\n\t\033\177\0\a\b"[rnd(8)];
        } else {
            const char *k = keys[rnd(sizeof keys / sizeof keys[0])];
            size_t len = strlen(k);

            if (n + len <= want) {
                memcpy(buf + n, k, len);
                n += len;
            } else {
                buf[n++] = 'x';
            }
        }
    }
    if (bracketed) {
        memcpy(buf + n, "\033[201~", 6);
        n += 6;
    } else {
        for (size_t i = 0; i < n; i++) /* keys, not text: Ctrl-Z is sent alone */
            if (buf[i] == '\032')
                buf[i] = '?';
    }
    note("paste %zu bytes%s", n, bracketed ? ", bracketed" : "");
    type(buf, n);
    count.pastes++;
    count.paste_bytes += n;
}

static void send_resize(void)
{
    struct winsize ws = {.ws_row = (unsigned short)(3 + rnd(60)),
                         .ws_col = (unsigned short)(10 + rnd(190))};

    if (rnd(4) == 0) { /* the usual sizes more often */
        ws.ws_row = rnd(2) ? 24 : 30;
        ws.ws_col = rnd(2) ? 80 : 100;
    }
    note("resize %ux%u", ws.ws_col, ws.ws_row);
    /* The kernel sends SIGWINCH to the program. */
    ioctl(prog.master, TIOCSWINSZ, &ws);
    count.resizes++;
}

/* One try: Esc twice (out of a question, a paste, the help; a key that came with a paste
 * which opened a question is dropped as typed before it, hence two), then F1: true when the
 * help showed within wait_ms. */
static bool f1_shows_help(int wait_ms, double *took)
{
    unsigned long long mark, restarts;
    double t0;

    type("\033", 1);
    drain(300);
    type("\033", 1);
    drain(300);
    reap();
    restarts = count.restarts;
    mark = prog.out_total;
    t0 = now_ms();
    type("\033OP", 3);
    for (;;) {
        size_t fresh = (size_t)(prog.out_total - mark);
        size_t from = fresh < prog.out_len ? prog.out_len - fresh : 0;

        if (memmem(prog.out + from, prog.out_len - from, HELP_MARK, strlen(HELP_MARK))) {
            *took = now_ms() - t0;
            return true;
        }
        if (now_ms() - t0 > wait_ms || count.restarts != restarts)
            return false;
        drain(20);
        reap();
    }
}

/* The program still answers: F1 shows the help, within hang_ms, in at most four tries.
 * A bracketed paste whose end marker was lost (the storm's pastes hold lone escapes) takes
 * every key as text until the wizard's wait for the marker ends (tui/input.h,
 * INPUT_BRACKET_WAIT_MS, 3 s); each key restarts that wait, so after two tries the check
 * waits that long in silence first, and counts it as a late answer. */
#define BRACKET_WAIT_MS 3000

static void check_answers(void)
{
    struct winsize ws = {.ws_row = 30, .ws_col = 100};
    unsigned long long restarts = count.restarts;
    double took = 0, t0 = now_ms();
    int tries = 0;

    ioctl(prog.master, TIOCSWINSZ, &ws); /* room for the help's last line */
    note("check: Esc, Esc, F1");
    while (!f1_shows_help(hang_ms / 4, &took)) {
        if (count.restarts != restarts) /* it had quit: asked again at the next check */
            return;
        if (++tries == 4)
            fail("F1 did not show the help in %d tries (Esc, Esc, F1) over %.0f ms", tries,
                 now_ms() - t0);
        if (tries == 2) {
            note("check: silence for the paste's end marker, then Esc, Esc, F1");
            for (double q = now_ms(); now_ms() - q < BRACKET_WAIT_MS + 500;)
                drain(50);
            count.late++;
        }
    }
    if (took > count.slowest_ms)
        count.slowest_ms = took;
    count.checks++;
    type("\033", 1); /* close the help */
    drain(50);
}

/* ---- setup -------------------------------------------------------------------------------- */

static void load_pastes(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;

    if (!d) {
        perror(dir);
        exit(2);
    }
    while ((e = readdir(d))) {
        char path[4200], *text;
        FILE *f;
        long len;

        if (e->d_name[0] == '.')
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        if (!(f = fopen(path, "rb")))
            continue;
        fseek(f, 0, SEEK_END);
        len = ftell(f);
        rewind(f);
        if (len > 0 && len < 1 << 20 && (text = calloc(1, (size_t)len + 1)) &&
            fread(text, 1, (size_t)len, f) == (size_t)len) {
            pastes = realloc(pastes, (n_pastes + 1) * sizeof *pastes);
            pastes[n_pastes++] = text;
        }
        fclose(f);
    }
    closedir(d);
}

static void usage(void)
{
    fprintf(stderr, "usage: storm [-t SECONDS] [-s SEED] [-p PASTE_DIR] [-l SANITIZER_LOG] "
                    "[-w HANG_MS] -- PROGRAM [ARG]...\n");
    exit(2);
}

int main(int argc, char **argv)
{
    double seconds = 60, end, next_check;
    int ch, status;

    seed = (unsigned)time(NULL) ^ (unsigned)getpid();
    while ((ch = getopt(argc, argv, "t:s:p:l:w:")) != -1) {
        switch (ch) {
        case 't': seconds = atof(optarg); break;
        case 's': seed = (unsigned)strtoul(optarg, NULL, 10); break;
        case 'p': load_pastes(optarg); break;
        case 'l': san_prefix = optarg; break;
        case 'w': hang_ms = atoi(optarg); break;
        default: usage();
        }
    }
    if (optind >= argc)
        usage();
    prog_argv = argv + optind;
    signal(SIGPIPE, SIG_IGN);
    srand(seed);
    printf("storm: seed %u, %.0f s\n", seed, seconds);
    fflush(stdout);
    start();
    drain(1000);
    end = now_ms() + seconds * 1000;
    next_check = now_ms() + CHECK_EVERY_MS;
    while (now_ms() < end) {
        unsigned burst = 1 + rnd(20), pick = rnd(1000);

        for (unsigned i = 0; i < burst; i++)
            send_key();
        if (pick < 15)
            send_paste();
        else if (pick < 45)
            send_resize();
        drain(rnd(4) ? 0 : 5);
        reap();
        if (left_screen_at && now_ms() - left_screen_at > hang_ms)
            fail("the program left its screen (endwin) %d ms ago and runs on without it",
                 hang_ms);
        if (now_ms() >= next_check) {
            check_answers();
            next_check = now_ms() + CHECK_EVERY_MS;
        }
    }
    check_answers();
    /* Quit: Esc twice out of whatever is open, Ctrl-Q, and Q (quit without saving) when
     * asked; four tries. */
    for (int tries = 0;; tries++) {
        double t0 = now_ms();
        pid_t r = 0;

        if (tries == 4)
            fail("Esc, Esc, Ctrl-Q, Q did not end the program in %d tries", tries);
        note("quit: Esc, Esc, Ctrl-Q, q");
        type("\033", 1);
        drain(300);
        type("\033", 1);
        drain(300);
        type("\021", 1);
        drain(300);
        if (!left_screen_at)
            type("q", 1);
        while ((r = waitpid(prog.pid, &status, WNOHANG)) != prog.pid && now_ms() - t0 < 2000)
            drain(20);
        if (r == prog.pid)
            break;
    }
    prog.pid = -1;
    finish_child(status, true);
    printf("storm: ok: %llu keys, %llu pastes (%llu bytes), %llu resizes, %llu restarts, "
           "%llu F1 checks (%llu answered only after the paste wait), slowest answer %.0f ms\n",
           count.keys, count.pastes, count.paste_bytes, count.resizes, count.restarts,
           count.checks, count.late, count.slowest_ms);
    return 0;
}
