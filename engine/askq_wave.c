/* The ask queue's servers: one channel (a probe) a server while it has questions queued or
 * in flight, at most max_servers at once and the others in line, the windows, and the
 * second try of a query lost on the way. */
#include "config.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "askq_priv.h"
#include "diag.h"

static double now_ms(void)
{
    struct timespec t;

    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1000.0 + (double)t.tv_nsec / 1e6;
}

static uint64_t server_hash(const struct cd_ip *ip, unsigned port)
{
    uint64_t h = askq_mix(14695981039346656037ULL, &port, sizeof port);

    return ip->family == AF_INET6 ? askq_mix(h, &ip->u.v6, sizeof ip->u.v6)
                                  : askq_mix(h, &ip->u.v4, sizeof ip->u.v4);
}

/* ---- servers -------------------------------------------------------------------------- */

int askq_servers_rehash(struct askq *q)
{
    size_t nb;
    uint32_t *b = askq_buckets_new(q->ns + 1, &nb);

    if (!b)
        return CD_ENOMEM;
    for (uint32_t i = 0; i < q->ns; i++) {
        size_t k = server_hash(&q->s[i].ip, q->s[i].port) & (nb - 1);
        q->s[i].next = b[k];
        b[k] = i;
    }
    free(q->sbuckets);
    q->sbuckets = b;
    q->nsb = nb;
    return CD_OK;
}

long askq_server_id(struct askq *q, const struct dns_server *d)
{
    uint64_t h = server_hash(&d->ip, d->port);
    struct server *s;

    for (uint32_t i = q->nsb ? q->sbuckets[h & (q->nsb - 1)] : NIL; i != NIL; i = q->s[i].next)
        if (q->s[i].port == d->port && names_ip_equal(&q->s[i].ip, &d->ip))
            return (long)i;
    if (q->ns >= NIL - 1)
        return CD_EINVAL;
    if (q->ns == q->caps) {
        size_t cap = q->caps ? 2 * q->caps : 16;
        struct server *v = realloc(q->s, cap * sizeof *v);
        if (!v)
            return CD_ENOMEM;
        q->s = v;
        q->caps = cap;
    }
    if (2 * (q->ns + 1) > q->nsb && askq_servers_rehash(q) < 0)
        return CD_ENOMEM;
    s = &q->s[q->ns];
    memset(s, 0, sizeof *s);
    s->rtt_ms = -1;
    s->ip = d->ip;
    s->port = d->port;
    s->next = q->sbuckets[h & (q->nsb - 1)];
    q->sbuckets[h & (q->nsb - 1)] = (uint32_t)q->ns;
    q->st.servers++;
    return (long)q->ns++;
}

bool askq_server_idle(const struct server *s)
{
    return s->in_flight == 0 && askq_fifo_empty(&s->fresh) && askq_fifo_empty(&s->retry);
}

void askq_want_channel(struct askq *q, uint32_t sid)
{
    struct server *s = &q->s[sid];

    if (!s->probe && !s->waiting && askq_fifo_push(&q->wait, sid) == CD_OK)
        s->waiting = true;
}

static bool is_reply(enum probe_outcome o)
{
    return o != PROBE_PENDING && o != PROBE_TIMEOUT && o != PROBE_CONNREFUSED && o != PROBE_FAILED;
}

/* ---- channels ------------------------------------------------------------------------- */

static void on_probe(void *arg, size_t server, size_t number, const struct probe_answer *a)
{
    struct channel_ctx *ctx = arg;
    struct askq *q = ctx->q;
    struct server *s = &q->s[ctx->server];
    struct question *qq;
    uint32_t id;

    (void)server; /* a channel asks one server */
    if (q->closing || number >= s->n_numbers || (id = s->sent[number].qid) == NIL)
        return;
    s->sent[number].qid = NIL;
    while (s->oldest < s->n_numbers && s->sent[s->oldest].qid == NIL)
        s->oldest++;
    if (is_reply(a->outcome))
        s->rtt_ms = s->rtt_ms < 0 ? a->rtt_ms : (3 * s->rtt_ms + a->rtt_ms) / 4;
    qq = &q->q[id];
    if (qq->state != Q_FLIGHT)
        return;
    s->in_flight--;
    q->in_flight--;
    if (qq->retried)
        s->in_flight_retry--;
    if (is_reply(a->outcome))
        s->answered_any = true;
    /* No descriptor for its socket (the probe keeps such a query until one of its own is
     * freed, and gives up when it has none in flight): while other channels are open, it
     * waits for one of them to close, and fewer are opened at once from now on. */
    if (a->outcome == PROBE_FAILED && a->error && q->nactive > 1 &&
        askq_fifo_push(&s->fresh, id) == CD_OK) {
        qq->state = Q_QUEUED;
        q->queued++;
        s->starved = true;
        q->max_servers = q->nactive - 1;
        return;
    }
    /* Silence from a server that answers others: the query or its reply was lost. */
    if (a->outcome == PROBE_TIMEOUT && s->answered_any && !qq->retried &&
        askq_fifo_push(&s->retry, id) == CD_OK) {
        qq->retried = true;
        qq->state = Q_QUEUED;
        q->queued++;
        q->st.retried++;
        return;
    }
    askq_finish(q, id, a);
}

void askq_close_channel(struct askq *q, size_t k)
{
    struct server *s = &q->s[q->active[k]];

    probe_free(s->probe);
    free(s->ctx);
    s->probe = NULL;
    s->ctx = NULL;
    s->n_numbers = s->oldest = 0;
    q->active[k] = q->active[--q->nactive];
}

/* Every question queued for sid ends PROBE_FAILED (its channel cannot be made). */
static void fail_queued(struct askq *q, uint32_t sid)
{
    struct fifo *queues[] = {&q->s[sid].fresh, &q->s[sid].retry};

    for (size_t k = 0; k < 2; k++)
        while (!askq_fifo_empty(queues[k])) {
            uint32_t id = askq_fifo_pop(queues[k]);
            q->queued--;
            if (q->q[id].state == Q_QUEUED)
                askq_fail(q, id);
        }
}

static void open_channel(struct askq *q, uint32_t sid)
{
    struct server *s = &q->s[sid];
    struct channel_ctx *ctx = malloc(sizeof *ctx);
    struct probe *p = ctx ? probe_new(q->timeout_ms, on_probe, ctx) : NULL;
    struct dns_server d;
    struct cd_diag diag;

    memset(&d, 0, sizeof d);
    d.ip = s->ip;
    d.port = s->port;
    if (p) {
        *ctx = (struct channel_ctx){.q = q, .server = sid};
        probe_set_receive_buffer(p, ASKQ_RCVBUF);
    }
    if (!p || probe_add_server(p, &d, &diag) < 0) {
        probe_free(p);
        free(ctx);
        fail_queued(q, sid);
        return;
    }
    s->probe = p;
    s->ctx = ctx;
    s->n_numbers = s->oldest = 0;
    q->active[q->nactive++] = sid;
    q->st.channels_made++;
    if (q->nactive > q->st.channels_peak)
        q->st.channels_peak = q->nactive;
}

static bool send_one(struct askq *q, uint32_t sid, struct fifo *from)
{
    struct server *s = &q->s[sid];
    uint32_t id = askq_fifo_pop(from);
    struct question *qq = &q->q[id];
    int number;

    q->queued--;
    if (qq->state != Q_QUEUED)
        return true;
    if (s->n_numbers == s->cap_numbers) {
        size_t cap = s->cap_numbers ? 2 * s->cap_numbers : 64;
        struct sent *v = realloc(s->sent, cap * sizeof *v);
        if (!v) {
            askq_fail(q, id);
            return false;
        }
        s->sent = v;
        s->cap_numbers = cap;
    }
    number = probe_send(s->probe, 0, (enum probe_qtype)qq->type, qq->qname);
    if (number < 0) {
        askq_fail(q, id);
        return true;
    }
    /* The probe numbers its queries 0, 1, ... in the order sent. */
    while (s->n_numbers <= (size_t)number)
        s->sent[s->n_numbers++] = (struct sent){.qid = NIL};
    s->sent[number] = (struct sent){.qid = id, .at_ms = now_ms()};
    qq->state = Q_FLIGHT;
    s->in_flight++;
    if (qq->retried)
        s->in_flight_retry++;
    q->in_flight++;
    q->st.sent++;
    if (q->in_flight > q->st.inflight_peak)
        q->st.inflight_peak = q->in_flight;
    return true;
}

/* What a server's round trip is known to be at least, now: its answers' so far, or the
 * age of its oldest query still in flight when that is longer; -1 when nothing is known. */
static double slowness(const struct server *s, double now)
{
    double age = s->oldest < s->n_numbers ? now - s->sent[s->oldest].at_ms : -1;

    return age > s->rtt_ms ? age : s->rtt_ms;
}

/* While more questions are coming (files still loading, their questions sent as they
 * load), a server known to be much faster than the slowest waits: its questions go out once
 * the loading is done. The run ends when the slowest server's last answer is in, so its
 * questions go first; a fast server's wait costs nothing then. A server nothing is known
 * of is not held back. */
static bool held_back(const struct askq *q, const struct server *s, double slowest, double now)
{
    double mine = slowness(s, now);

    return q->more && mine >= 0 && mine < ASKQ_HOLD_RATIO * slowest;
}

static void send_some(struct askq *q, uint32_t sid, double slowest, double now)
{
    struct server *s = &q->s[sid];
    bool hold = held_back(q, s, slowest, now);

    while (q->in_flight < ASKQ_INFLIGHT_MAX) {
        struct fifo *from = NULL;

        if (!askq_fifo_empty(&s->retry) && s->in_flight_retry < ASKQ_RETRY_WINDOW)
            from = &s->retry;
        else if (!hold && !askq_fifo_empty(&s->fresh) &&
                 s->in_flight - s->in_flight_retry < ASKQ_WINDOW)
            from = &s->fresh;
        if (!from || !send_one(q, sid, from))
            return;
    }
}

void askq_pump(struct askq *q)
{
    if (!q || q->closing)
        return;
    /* A channel with nothing left to ask makes room for a server waiting its turn; one
     * that found no descriptor goes back in line with what it still has to ask. */
    for (size_t k = q->nactive; k-- > 0;) {
        uint32_t sid = q->active[k];
        struct server *s = &q->s[sid];

        if (s->starved && s->in_flight == 0) {
            s->starved = false;
            askq_close_channel(q, k);
            askq_want_channel(q, sid);
        } else if (!askq_fifo_empty(&q->wait) && askq_server_idle(s)) {
            askq_close_channel(q, k);
        }
    }
    while (q->nactive < q->max_servers && !askq_fifo_empty(&q->wait)) {
        uint32_t sid = askq_fifo_pop(&q->wait);

        q->s[sid].waiting = false;
        if (!askq_server_idle(&q->s[sid]) && !q->s[sid].probe)
            open_channel(q, sid);
    }
    double now = now_ms(), slowest = 0;

    /* Slowest first (an insertion sort: a few servers, nearly in order already). */
    for (size_t k = 1; k < q->nactive; k++) {
        uint32_t sid = q->active[k];
        double v = slowness(&q->s[sid], now);
        size_t j = k;

        for (; j > 0 && slowness(&q->s[q->active[j - 1]], now) < v; j--)
            q->active[j] = q->active[j - 1];
        q->active[j] = sid;
    }
    for (size_t k = 0; k < q->nactive; k++) {
        double v = slowness(&q->s[q->active[k]], now);
        slowest = v > slowest ? v : slowest;
    }
    for (size_t k = 0; k < q->nactive; k++)
        send_some(q, q->active[k], slowest, now);
}

void askq_more(struct askq *q, bool more)
{
    if (q)
        q->more = more;
}

static size_t open_descriptors(void)
{
    DIR *d = opendir("/proc/self/fd");
    struct dirent *e;
    size_t n = 0;

    if (!d)
        return 16; /* not Linux: a guess on the safe side */
    while ((e = readdir(d)))
        n += e->d_name[0] != '.';
    closedir(d);
    return n ? n - 1 : 0; /* less the folder's own */
}

size_t askq_server_budget(size_t reserve)
{
    struct rlimit rl;
    size_t limit = 1024, open = open_descriptors(), budget;

    if (getrlimit(RLIMIT_NOFILE, &rl) == 0)
        limit = rl.rlim_cur == RLIM_INFINITY || rl.rlim_cur > (rlim_t)1 << 20 ? (size_t)1 << 20
                                                                              : (size_t)rl.rlim_cur;
    budget = limit > open + reserve ? (limit - open - reserve) / 2 : 0;
    return budget < 1 ? 1 : budget > ASKQ_SERVERS_MAX ? ASKQ_SERVERS_MAX : budget;
}
