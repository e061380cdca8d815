/* firstpaint: how long a full-screen program takes from start to its first painted screen,
 * and its peak RSS (`make bench`).
 *
 *   firstpaint [--cols N] [--rows N] [--term NAME] [--timeout MS] [--log FILE]
 *              MARKER KEYS [MARKER KEYS]... -- PROGRAM [ARG]...
 *
 * Starts PROGRAM on a new pty of N columns and rows (80x24) with TERM=NAME
 * (xterm-256color), reads what it writes until the bytes MARKER have appeared, then types
 * KEYS; then waits for the next MARKER and types its KEYS, and so on (the last KEYS should
 * make it quit); reads on until it has gone and prints one line:
 *
 *   first_paint_ms=12.34 [step2_ms=150.12 ...] total_ms=15.67 maxrss_kb=4567 status=0
 *
 * first_paint_ms: CLOCK_MONOTONIC from just before the fork to the read that completed the
 * first MARKER; stepN_ms: from typing the KEYS before it to the read that completed the
 * Nth MARKER; total_ms: to the child's exit; maxrss_kb: wait4()'s ru_maxrss; status: the
 * exit status, or 128 + the signal.  MARKER and KEYS take C-like escapes: \r \n \t \e \\
 * \ooo \xHH.  --log writes everything the program wrote there (to see why a marker never
 * came).
 * Exit status 0 when measured, 1 when MARKER did not come (the program ended first, or the
 * timeout, default 10000 ms, passed: then it is killed), 2 for a usage or system error. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* memmem */
#endif
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define CHUNK 4096
#define MARKER_MAX 256
#define STEPS_MAX 8

/* A marker to wait for and the keys to type when it has come. */
struct step {
    char marker[MARKER_MAX], keys[MARKER_MAX];
    size_t mlen, klen;
    double seen; /* when the marker came, or -1 */
    double typed; /* when the keys were written */
};

static void usage(void)
{
    fprintf(stderr, "usage: firstpaint [--cols N] [--rows N] [--term NAME] [--timeout MS] "
                    "[--log FILE] MARKER KEYS [MARKER KEYS]... -- PROGRAM [ARG]...\n");
    exit(2);
}

/* forkpty made the child a session and process group leader: the group goes too, so
 * nothing it started is left holding the pty. */
static void stop(pid_t pid)
{
    kill(-pid, SIGKILL);
    kill(pid, SIGKILL);
}

static double now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static long number(const char *opt, const char *s, long lo, long hi)
{
    char *end;
    long v;

    errno = 0;
    v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < lo || v > hi) {
        fprintf(stderr, "firstpaint: %s: '%s' is not a number from %ld to %ld\n", opt, s, lo, hi);
        exit(2);
    }
    return v;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Decodes C-like escapes in s into out (at most max bytes); returns the length.  Shell
 * quoting cannot carry a NUL or make Ctrl-Q readable, so the escapes do. */
static size_t unescape(const char *what, const char *s, char *out, size_t max)
{
    size_t n = 0;

    while (*s) {
        int c = (unsigned char)*s++;

        if (c == '\\' && *s) {
            c = (unsigned char)*s++;
            switch (c) {
            case 'r': c = '\r'; break;
            case 'n': c = '\n'; break;
            case 't': c = '\t'; break;
            case 'e': c = 033; break;
            case 'x':
                if (hexval(*s) < 0) {
                    fprintf(stderr, "firstpaint: %s: \\x needs hex digits\n", what);
                    exit(2);
                }
                c = hexval(*s++);
                if (hexval(*s) >= 0)
                    c = c * 16 + hexval(*s++);
                break;
            default:
                if (c >= '0' && c <= '7') {
                    c -= '0';
                    for (int i = 0; i < 2 && *s >= '0' && *s <= '7'; i++)
                        c = c * 8 + (*s++ - '0');
                }
                break; /* \\ and anything else: the character itself */
            }
        }
        if (n == max) {
            fprintf(stderr, "firstpaint: %s: longer than %zu bytes\n", what, max);
            exit(2);
        }
        out[n++] = (char)c;
    }
    return n;
}

/* Writes all of buf to fd (the pty master: short writes are possible). */
static int write_all(int fd, const char *buf, size_t len)
{
    while (len) {
        ssize_t w = write(fd, buf, len);

        if (w < 0 && errno == EINTR)
            continue;
        if (w < 0)
            return -1;
        buf += w;
        len -= (size_t)w;
    }
    return 0;
}

int main(int argc, char **argv)
{
    struct winsize ws = {.ws_row = 24, .ws_col = 80};
    const char *term = "xterm-256color", *logpath = NULL;
    long timeout_ms = 10000;
    static struct step steps[STEPS_MAX];
    /* The tail of the previous read before each new one, so a marker split across reads is
     * still found. */
    char window[MARKER_MAX + CHUNK];
    size_t n_steps = 0, at = 0, held = 0;
    double t0, t_end;
    struct rusage ru;
    int i, fd, status, wstatus;
    bool killed = false;
    FILE *log = NULL;
    pid_t pid;

    for (i = 1; i < argc && strncmp(argv[i], "--", 2) == 0 && argv[i][2]; i += 2) {
        if (i + 1 >= argc)
            usage();
        if (strcmp(argv[i], "--cols") == 0)
            ws.ws_col = (unsigned short)number("--cols", argv[i + 1], 1, 1000);
        else if (strcmp(argv[i], "--rows") == 0)
            ws.ws_row = (unsigned short)number("--rows", argv[i + 1], 1, 1000);
        else if (strcmp(argv[i], "--timeout") == 0)
            timeout_ms = number("--timeout", argv[i + 1], 1, 3600000);
        else if (strcmp(argv[i], "--term") == 0)
            term = argv[i + 1];
        else if (strcmp(argv[i], "--log") == 0)
            logpath = argv[i + 1];
        else
            usage();
    }
    for (; i + 1 < argc && strcmp(argv[i], "--") != 0; i += 2) {
        struct step *st = &steps[n_steps];

        if (n_steps == STEPS_MAX)
            usage();
        st->mlen = unescape("MARKER", argv[i], st->marker, sizeof st->marker);
        st->klen = unescape("KEYS", argv[i + 1], st->keys, sizeof st->keys);
        st->seen = -1;
        if (st->mlen == 0)
            usage();
        n_steps++;
    }
    if (n_steps == 0 || i + 1 >= argc || strcmp(argv[i], "--") != 0)
        usage();
    char **prog = argv + i + 1;
    if (logpath && !(log = fopen(logpath, "w"))) {
        fprintf(stderr, "firstpaint: %s: %s\n", logpath, strerror(errno));
        return 2;
    }
    fflush(NULL); /* nothing buffered may be written twice by the child */

    t0 = now_ms();
    pid = forkpty(&fd, NULL, NULL, &ws);
    if (pid < 0) {
        fprintf(stderr, "firstpaint: forkpty: %s\n", strerror(errno));
        return 2;
    }
    if (pid == 0) {
        /* curses believes LINES and COLUMNS over the pty's size. */
        unsetenv("LINES");
        unsetenv("COLUMNS");
        setenv("TERM", term, 1);
        execvp(prog[0], prog);
        fprintf(stderr, "firstpaint: %s: %s\r\n", prog[0], strerror(errno));
        _exit(127);
    }

    /* Read until the pty closes (the child and anything it started are gone): curses
     * blocks on a full pty, so the output is drained the whole time. */
    for (;;) {
        struct pollfd p = {.fd = fd, .events = POLLIN};
        int left = (int)(t0 + (double)timeout_ms - now_ms());
        ssize_t r;

        if (left <= 0) {
            stop(pid);
            killed = true;
            break;
        }
        if (poll(&p, 1, left) < 0) {
            if (errno == EINTR)
                continue;
            fprintf(stderr, "firstpaint: poll: %s\n", strerror(errno));
            stop(pid);
            killed = true;
            break;
        }
        if (!p.revents)
            continue;
        r = read(fd, window + held, CHUNK);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break; /* EIO: no one holds the pty's other end any more */
        if (log)
            fwrite(window + held, 1, (size_t)r, log);
        if (at == n_steps)
            continue; /* only draining now */
        held += (size_t)r;
        struct step *st = &steps[at];
        if (memmem(window, held, st->marker, st->mlen)) {
            st->seen = now_ms();
            if (write_all(fd, st->keys, st->klen) < 0) {
                fprintf(stderr, "firstpaint: writing KEYS: %s\n", strerror(errno));
                stop(pid);
                killed = true;
                break;
            }
            st->typed = now_ms();
            at++;
            held = 0; /* the next marker comes after these keys, not before */
        } else if (held >= st->mlen) {
            /* Keep the last mlen - 1 bytes: the start of a marker the next read completes. */
            memmove(window, window + held - (st->mlen - 1), st->mlen - 1);
            held = st->mlen - 1;
        }
    }
    /* wait4: the child's own peak RSS, not firstpaint's (getrusage would mix them).  It
     * includes the forked copy of firstpaint before exec (about 1.5 MB), a floor only. */
    while (wait4(pid, &wstatus, 0, &ru) < 0)
        if (errno != EINTR) {
            fprintf(stderr, "firstpaint: wait4: %s\n", strerror(errno));
            return 2;
        }
    t_end = now_ms();
    close(fd);
    if (log)
        fclose(log);
    status = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : 128 + WTERMSIG(wstatus);

    if (killed) {
        if (at < n_steps)
            fprintf(stderr, "firstpaint: %s: no marker %zu after %ld ms; killed\n", prog[0],
                    at + 1, timeout_ms);
        else
            fprintf(stderr, "firstpaint: %s: the last KEYS did not end it in %ld ms; killed\n",
                    prog[0], timeout_ms);
        return 1;
    }
    if (at < n_steps) {
        fprintf(stderr, "firstpaint: %s ended (status %d) before marker %zu appeared\n",
                prog[0], status, at + 1);
        return 1;
    }
    printf("first_paint_ms=%.2f", steps[0].seen - t0);
    for (size_t k = 1; k < n_steps; k++)
        printf(" step%zu_ms=%.2f", k + 1, steps[k].seen - steps[k - 1].typed);
    printf(" total_ms=%.2f maxrss_kb=%ld status=%d\n", t_end - t0, ru.ru_maxrss, status);
    return 0;
}
