/* udpfake: a tiny UDP responder for what BIND named will not do on demand.
 *
 *   udpfake freeport                          print a port free for UDP and TCP on 127.0.0.1
 *   udpfake [--pidfile F] silent PORT         read queries, never answer
 *   udpfake [--pidfile F] delay PORT UP MS [N]
 *                                             forward to 127.0.0.1:UP, answer MS ms after arrival;
 *                                             with N, drop the first query of every Nth new
 *                                             question (once: asked again, it goes through)
 *   udpfake [--pidfile F] garbage PORT        answer with a reply whose answer record is cut short
 *   udpfake [--pidfile F] wrongid PORT        answer with a well-formed reply under another ID
 *   udpfake [--pidfile F] short PORT          answer with 6 bytes, less than a DNS header
 *   udpfake [--pidfile F] oversized PORT      answer with 600 A records in one 9.6 KB datagram,
 *                                             more than a resolver reads and without TC
 *   udpfake [--pidfile F] truncated PORT      answer with TC set and nothing else; on TCP,
 *                                             accept and close at once
 *
 * Serving modes bind 127.0.0.1:PORT (exit status 2 when the port is taken, so the lab can
 * retry another), then write the pid file: its presence means "ready".  SIGTERM, SIGINT and
 * SIGHUP end the program with status 0 and remove the pid file.  No engine code here. */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define DNS_MAX 4096
#define HEADER 12
#define UPSTREAM_GIVEUP_MS 10000

static volatile sig_atomic_t stopping;
static const char *pidfile;

static void on_signal(int sig)
{
    (void)sig;
    stopping = 1;
}

static void die(const char *what)
{
    perror(what);
    exit(1);
}

static struct sockaddr_in loopback(unsigned port)
{
    struct sockaddr_in sa;

    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_port = htons((uint16_t)port);
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return sa;
}

/* Returns the bound socket, or -1 with errno set. */
static int bind_loopback(int type, unsigned port)
{
    struct sockaddr_in sa = loopback(port);
    int fd = socket(AF_INET, type, 0);

    if (fd < 0)
        return -1;
    if (bind(fd, (struct sockaddr *)&sa, sizeof sa) < 0) {
        int e = errno;
        close(fd);
        errno = e;
        return -1;
    }
    return fd;
}

static unsigned bound_port(int fd)
{
    struct sockaddr_in sa;
    socklen_t len = sizeof sa;

    if (getsockname(fd, (struct sockaddr *)&sa, &len) < 0)
        die("getsockname");
    return ntohs(sa.sin_port);
}

/* The kernel picks a random UDP port; keep it only if TCP can have it too (named needs both). */
static int cmd_freeport(void)
{
    for (int i = 0; i < 100; i++) {
        int u = bind_loopback(SOCK_DGRAM, 0);
        if (u < 0)
            die("socket");
        unsigned port = bound_port(u);
        int t = bind_loopback(SOCK_STREAM, port);
        close(u);
        if (t >= 0) {
            close(t);
            printf("%u\n", port);
            return 0;
        }
    }
    fprintf(stderr, "udpfake: no free port found\n");
    return 1;
}

static double now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

/* Signals are blocked except inside ppoll(), so a SIGTERM can never slip in between the
 * check of `stopping` and the wait. */
static void setup_signals(sigset_t *during_poll)
{
    struct sigaction sa;
    sigset_t block;

    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&block);
    sigaddset(&block, SIGTERM);
    sigaddset(&block, SIGINT);
    sigaddset(&block, SIGHUP);
    sigprocmask(SIG_BLOCK, &block, during_poll);
    sigdelset(during_poll, SIGTERM);
    sigdelset(during_poll, SIGINT);
    sigdelset(during_poll, SIGHUP);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
}

/* Waits up to timeout_ms (-1: forever); returns poll's count, 0 on timeout or signal. */
static int wait_fds(struct pollfd *fds, nfds_t n, int timeout_ms, const sigset_t *mask)
{
    struct timespec ts, *tp = NULL;

    if (timeout_ms >= 0) {
        ts.tv_sec = timeout_ms / 1000;
        ts.tv_nsec = (long)(timeout_ms % 1000) * 1000000L;
        tp = &ts;
    }
    int r = ppoll(fds, n, tp, mask);
    if (r < 0 && errno != EINTR)
        die("ppoll");
    return r < 0 ? 0 : r;
}

static void write_pidfile(void)
{
    if (!pidfile)
        return;
    /* Written under another name and renamed, so a reader never sees it half-written. */
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp", pidfile);
    FILE *f = fopen(tmp, "w");
    if (!f || fprintf(f, "%ld\n", (long)getpid()) < 0 || fclose(f) != 0 || rename(tmp, pidfile))
        die(pidfile);
}

struct client {
    struct sockaddr_in addr;
    socklen_t len;
};

static ssize_t recv_query(int fd, unsigned char *buf, struct client *c)
{
    c->len = sizeof c->addr;
    ssize_t n = recvfrom(fd, buf, DNS_MAX, 0, (struct sockaddr *)&c->addr, &c->len);
    if (n < 0 && errno != EAGAIN && errno != EINTR)
        perror("recvfrom");
    return n;
}

static void reply(int fd, const unsigned char *buf, size_t n, const struct client *c)
{
    if (sendto(fd, buf, n, 0, (const struct sockaddr *)&c->addr, c->len) < 0)
        perror("sendto");
}

/* --- silent ------------------------------------------------------------------------- */

static int serve_silent(int fd, const sigset_t *mask)
{
    struct pollfd pfd = {.fd = fd, .events = POLLIN};
    unsigned char buf[DNS_MAX];
    struct client c;

    while (!stopping)
        if (wait_fds(&pfd, 1, -1, mask) > 0)
            (void)recv_query(fd, buf, &c);
    return 0;
}

/* --- garbage, wrongid, short ---------------------------------------------------------- */

/* Length of the question section's one name + type + class, or 0 if the query has none. */
static size_t question_len(const unsigned char *q, size_t n)
{
    size_t i = HEADER;

    if (n < HEADER || q[4] != 0 || q[5] != 1)
        return 0;
    while (i < n && q[i] != 0) {
        if (q[i] & 0xc0) /* queries carry no compression */
            return 0;
        i += 1u + q[i];
    }
    i += 1 + 4;
    return i <= n ? i - HEADER : 0;
}

enum bad_kind { BAD_GARBAGE, BAD_WRONGID, BAD_SHORT, BAD_OVERSIZED, BAD_TRUNCATED };

#define OVERSIZED_RECORDS 600
#define REPLY_MAX (DNS_MAX + OVERSIZED_RECORDS * 16)

/* Builds the bad reply for the query q (n bytes) into r; returns its length or 0. */
static size_t bad_reply(enum bad_kind kind, const unsigned char *q, size_t n, unsigned char *r)
{
    /* An answer record cut off after its type and class: no TTL, no RDLENGTH. */
    static const unsigned char cut_rr[] = {0xc0, 0x0c, 0x00, 0x01, 0x00, 0x01};
    /* A whole A record 192.0.2.1 with TTL 60, for the well-formed wrong-ID reply. */
    static const unsigned char a_rr[] = {0xc0, 0x0c, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 192, 0, 2, 1};
    size_t ql = question_len(q, n);

    if (ql == 0)
        return 0;
    memcpy(r, q, HEADER + ql);           /* ID, flags, counts, question */
    r[2] = (unsigned char)(r[2] | 0x84); /* QR, AA; opcode and RD kept */
    r[3] = 0;                            /* RA off, RCODE NOERROR */
    memset(r + 6, 0, 6);                 /* counts: answer 1, no authority or additional */
    r[7] = 1;
    switch (kind) {
    case BAD_GARBAGE:
        memcpy(r + HEADER + ql, cut_rr, sizeof cut_rr);
        return HEADER + ql + sizeof cut_rr;
    case BAD_WRONGID:
        r[0] ^= 0x5a;
        memcpy(r + HEADER + ql, a_rr, sizeof a_rr);
        return HEADER + ql + sizeof a_rr;
    case BAD_SHORT:
        return 6;
    case BAD_OVERSIZED: /* well formed, only too big: 192.0.2.0/24 over and over */
        r[6] = OVERSIZED_RECORDS >> 8;
        r[7] = OVERSIZED_RECORDS & 0xff;
        for (size_t i = 0; i < OVERSIZED_RECORDS; i++) {
            unsigned char *rr = r + HEADER + ql + i * sizeof a_rr;
            memcpy(rr, a_rr, sizeof a_rr);
            rr[sizeof a_rr - 1] = (unsigned char)(i % 254 + 1);
        }
        return HEADER + ql + OVERSIZED_RECORDS * sizeof a_rr;
    case BAD_TRUNCATED: /* "ask again over TCP", where nobody answers */
        r[2] = (unsigned char)(r[2] | 0x02);
        r[7] = 0;
        return HEADER + ql;
    }
    return 0;
}

/* tcp >= 0 (truncated): a listening socket whose connections are closed at once. */
static int serve_bad(int fd, int tcp, enum bad_kind kind, const sigset_t *mask)
{
    struct pollfd pfd[2] = {{.fd = fd, .events = POLLIN}, {.fd = tcp, .events = POLLIN}};
    unsigned char q[DNS_MAX];
    static unsigned char r[REPLY_MAX];
    struct client c;

    while (!stopping) {
        if (wait_fds(pfd, tcp >= 0 ? 2 : 1, -1, mask) <= 0)
            continue;
        if (tcp >= 0 && pfd[1].revents) {
            int conn = accept(tcp, NULL, NULL);
            if (conn >= 0)
                close(conn);
        }
        if (!pfd[0].revents)
            continue;
        ssize_t n = recv_query(fd, q, &c);
        size_t len = n > 0 ? bad_reply(kind, q, (size_t)n, r) : 0;
        if (len)
            reply(fd, r, len, &c);
    }
    return 0;
}

/* --- delay ------------------------------------------------------------------------------ */

/* Every request goes upstream on one socket under an ID of ours (the slot's index), so
 * thousands can be in flight at once (`recheck` sends that many); the reply goes back under
 * the client's ID once it has arrived and the delay has passed. Both sockets get large
 * receive buffers and are drained whole at each wake-up: a burst is queued, not dropped. */
#define FLIGHTS 65536 /* one a DNS ID */
#define SOCKET_BUFFER (8 << 20)

struct flight {
    bool used;
    uint16_t id; /* the client's */
    struct client c;
    double due; /* arrival + delay: the earliest moment the reply may go back */
    unsigned char *reply; /* NULL until upstream answers */
    size_t reply_len;
};

static struct flight flights[FLIGHTS];
/* The IDs free for upstream, oldest first (so an ID is not reused while a late reply may
 * still come), and the flights in the order they arrived (so in the order they are due). */
static uint16_t free_ids[FLIGHTS], order[FLIGHTS];
static size_t free_head, free_n = FLIGHTS, order_head, order_n;

/* The first query for every drop_every-th new question is dropped, once (0: none): a lost
 * packet, for the tests of what a lost query does. The questions seen, by their bytes. */
static unsigned drop_every;
static char **seen;
static size_t seen_cap, seen_n, new_questions;

static bool first_time(const unsigned char *q, size_t len)
{
    uint64_t h = 14695981039346656037ULL;
    size_t i;

    for (i = 0; i < len; i++)
        h = (h ^ q[i]) * 1099511628211ULL;
    if (2 * (seen_n + 1) > seen_cap) { /* grow and rehash */
        size_t cap = seen_cap ? 2 * seen_cap : 1024;
        char **old = seen, **v = calloc(cap, sizeof *v);
        if (!v)
            die("calloc");
        seen = v;
        seen_cap = cap;
        for (size_t k = 0; old && k < cap / 2; k++)
            if (old[k]) {
                uint64_t g = 14695981039346656037ULL;
                size_t n = (unsigned char)old[k][0];
                for (i = 0; i < n; i++)
                    g = (g ^ (unsigned char)old[k][1 + i]) * 1099511628211ULL;
                for (i = g & (cap - 1); seen[i]; i = (i + 1) & (cap - 1))
                    ;
                seen[i] = old[k];
            }
        free(old);
    }
    if (len > 255)
        len = 255;
    for (i = h & (seen_cap - 1); seen[i]; i = (i + 1) & (seen_cap - 1))
        if ((unsigned char)seen[i][0] == len && memcmp(seen[i] + 1, q, len) == 0)
            return false;
    if (!(seen[i] = malloc(len + 1)))
        die("malloc");
    seen[i][0] = (char)len;
    memcpy(seen[i] + 1, q, len);
    seen_n++;
    return true;
}

static bool dropped(const unsigned char *q, size_t n)
{
    size_t ql = question_len(q, n);

    return drop_every && ql && first_time(q + HEADER, ql) && ++new_questions % drop_every == 0;
}

static void flight_end(uint16_t id)
{
    struct flight *f = &flights[id];

    free(f->reply);
    f->reply = NULL;
    f->used = false;
    free_ids[(free_head + free_n++) % FLIGHTS] = id;
}

static void flight_start(int up, unsigned char *q, size_t n, const struct client *c, int delay_ms)
{
    uint16_t id, theirs;

    if (n < HEADER || dropped(q, n))
        return;
    if (free_n == 0 || order_n == FLIGHTS) {
        fprintf(stderr, "udpfake: %d requests in flight, one dropped\n", FLIGHTS);
        return;
    }
    id = free_ids[free_head];
    free_head = (free_head + 1) % FLIGHTS;
    free_n--;
    theirs = (uint16_t)(q[0] << 8 | q[1]);
    q[0] = (unsigned char)(id >> 8);
    q[1] = (unsigned char)id;
    if (send(up, q, n, 0) < 0) {
        perror("upstream");
        free_ids[(free_head + free_n++) % FLIGHTS] = id;
        return;
    }
    flights[id] = (struct flight){.used = true, .id = theirs, .c = *c,
                                  .due = now_ms() + delay_ms};
    order[(order_head + order_n++) % FLIGHTS] = id;
}

static void send_back(int fd, uint16_t id)
{
    struct flight *f = &flights[id];

    f->reply[0] = (unsigned char)(f->id >> 8);
    f->reply[1] = (unsigned char)f->id;
    reply(fd, f->reply, f->reply_len, &f->c);
    flight_end(id);
}

static void upstream_reply(int fd, const unsigned char *r, size_t n)
{
    uint16_t id;
    struct flight *f;

    if (n < HEADER)
        return;
    id = (uint16_t)(r[0] << 8 | r[1]);
    f = &flights[id];
    if (!f->used || f->reply || !(f->reply = malloc(n)))
        return;
    memcpy(f->reply, r, n);
    f->reply_len = n;
    if (f->due <= now_ms())
        send_back(fd, id);
}

/* Sends the replies that are due, gives up on requests upstream never answered; returns the
 * milliseconds until the next one is due (-1: none waiting). */
static int flights_run(int fd)
{
    double now = now_ms();

    /* Done from the front; then the due ones, which come first, in arrival order. */
    for (size_t k = 0; k < order_n; k++) {
        uint16_t id = order[(order_head + k) % FLIGHTS];
        struct flight *f = &flights[id];

        if (!f->used) /* sent as its late answer came */
            continue;
        if (f->due > now)
            break;
        if (f->reply)
            send_back(fd, id);
        else if (now - f->due > UPSTREAM_GIVEUP_MS)
            flight_end(id);
    }
    while (order_n && !flights[order[order_head]].used) {
        order_head = (order_head + 1) % FLIGHTS;
        order_n--;
    }
    for (size_t k = 0; k < order_n; k++) {
        struct flight *f = &flights[order[(order_head + k) % FLIGHTS]];
        if (f->used && f->due > now)
            return (int)(f->due - now) + 1;
        if (f->used && !f->reply)
            return 100; /* look again for an answer, or give up on it */
    }
    return -1;
}

static void big_buffers(int fd)
{
    int size = SOCKET_BUFFER;

    /* Best effort: the system caps it (net.core.rmem_max). */
    setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof size);
    setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &size, sizeof size);
}

static int serve_delay(int fd, unsigned upstream, int delay_ms, const sigset_t *mask)
{
    struct sockaddr_in sa = loopback(upstream);
    unsigned char q[DNS_MAX];
    struct client c;
    int up = socket(AF_INET, SOCK_DGRAM, 0);

    if (up < 0 || connect(up, (struct sockaddr *)&sa, sizeof sa) < 0)
        die("upstream");
    big_buffers(fd);
    big_buffers(up);
    for (size_t i = 0; i < FLIGHTS; i++)
        free_ids[i] = (uint16_t)i;
    while (!stopping) {
        struct pollfd pfds[2] = {{.fd = fd, .events = POLLIN}, {.fd = up, .events = POLLIN}};
        ssize_t r;

        if (wait_fds(pfds, 2, flights_run(fd), mask) <= 0)
            continue;
        /* Replies first: they free IDs for the requests. */
        while ((r = recv(up, q, sizeof q, MSG_DONTWAIT)) > 0)
            upstream_reply(fd, q, (size_t)r);
        for (;;) {
            c.len = sizeof c.addr;
            r = recvfrom(fd, q, sizeof q, MSG_DONTWAIT, (struct sockaddr *)&c.addr, &c.len);
            if (r <= 0)
                break;
            flight_start(up, q, (size_t)r, &c, delay_ms);
        }
    }
    close(up);
    return 0;
}

/* --- main ------------------------------------------------------------------------------- */

static unsigned parse_num(const char *s, unsigned lo, unsigned hi, const char *what)
{
    char *end;
    unsigned long v = strtoul(s, &end, 10);

    if (!*s || *end || v < lo || v > hi) {
        fprintf(stderr, "udpfake: bad %s: %s\n", what, s);
        exit(1);
    }
    return (unsigned)v;
}

static int usage(void)
{
    fputs("usage: udpfake freeport\n"
          "       udpfake [--pidfile F] silent|garbage|wrongid|short|oversized|truncated PORT\n"
          "       udpfake [--pidfile F] delay PORT UPSTREAM_PORT MS [DROP_EVERY]\n",
          stderr);
    return 1;
}

int main(int argc, char **argv)
{
    int a = 1;
    sigset_t mask;

    if (argc > 2 && strcmp(argv[1], "--pidfile") == 0) {
        pidfile = argv[2];
        a = 3;
    }
    if (argc - a == 1 && strcmp(argv[a], "freeport") == 0)
        return cmd_freeport();
    if (argc - a < 2)
        return usage();

    const char *mode = argv[a];
    bool delay = strcmp(mode, "delay") == 0;
    if (delay ? argc - a != 4 && argc - a != 5 : argc - a != 2)
        return usage();
    unsigned port = parse_num(argv[a + 1], 1, 65535, "port");

    setup_signals(&mask);
    int fd = bind_loopback(SOCK_DGRAM, port);
    if (fd < 0) {
        perror("bind");
        return errno == EADDRINUSE ? 2 : 1;
    }

    int rc;
    if (delay) {
        unsigned up = parse_num(argv[a + 2], 1, 65535, "upstream port");
        int ms = (int)parse_num(argv[a + 3], 0, 600000, "delay");
        if (argc - a == 5)
            drop_every = parse_num(argv[a + 4], 1, 1000000, "drop every");
        write_pidfile();
        rc = serve_delay(fd, up, ms, &mask);
    } else if (strcmp(mode, "silent") == 0) {
        write_pidfile();
        rc = serve_silent(fd, &mask);
    } else {
        enum bad_kind kind;
        if (strcmp(mode, "garbage") == 0)
            kind = BAD_GARBAGE;
        else if (strcmp(mode, "wrongid") == 0)
            kind = BAD_WRONGID;
        else if (strcmp(mode, "short") == 0)
            kind = BAD_SHORT;
        else if (strcmp(mode, "oversized") == 0)
            kind = BAD_OVERSIZED;
        else if (strcmp(mode, "truncated") == 0)
            kind = BAD_TRUNCATED;
        else
            return usage();
        int tcp = -1;
        if (kind == BAD_TRUNCATED) {
            tcp = bind_loopback(SOCK_STREAM, port);
            if (tcp < 0 || listen(tcp, 16) < 0) {
                perror("bind tcp");
                return errno == EADDRINUSE ? 2 : 1;
            }
        }
        write_pidfile();
        rc = serve_bad(fd, tcp, kind, &mask);
        if (tcp >= 0)
            close(tcp);
    }
    close(fd);
    if (pidfile)
        unlink(pidfile);
    return rc;
}
