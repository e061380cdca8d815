#include "config.h"

#include "askq.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "askq_priv.h"
#include "diag.h"

/* ---- small containers --------------------------------------------------------------- */

int askq_fifo_push(struct fifo *f, uint32_t v)
{
    if (f->head > 0 && f->tail == f->cap) { /* slide down before growing */
        memmove(f->v, f->v + f->head, (f->tail - f->head) * sizeof *f->v);
        f->tail -= f->head;
        f->head = 0;
    }
    if (f->tail == f->cap) {
        size_t cap = f->cap ? 2 * f->cap : 16;
        uint32_t *grown = realloc(f->v, cap * sizeof *grown);
        if (!grown)
            return CD_ENOMEM;
        f->v = grown;
        f->cap = cap;
    }
    f->v[f->tail++] = v;
    return CD_OK;
}

bool askq_fifo_empty(const struct fifo *f)
{
    return f->head == f->tail;
}

uint32_t askq_fifo_pop(struct fifo *f)
{
    uint32_t v = f->v[f->head++];

    if (f->head == f->tail)
        f->head = f->tail = 0;
    return v;
}

uint64_t askq_mix(uint64_t h, const void *p, size_t n)
{
    const unsigned char *b = p;

    for (size_t i = 0; i < n; i++) /* FNV-1a */
        h = (h ^ b[i]) * 1099511628211ULL;
    return h;
}

static uint64_t question_hash(uint32_t server, int type, const char *qname)
{
    uint64_t h = askq_mix(14695981039346656037ULL, &server, sizeof server);

    h = askq_mix(h, &type, sizeof type);
    return askq_mix(h, qname, strlen(qname));
}

/* Buckets for at least n entries, all empty; NULL when out of memory. */
uint32_t *askq_buckets_new(size_t n, size_t *nb)
{
    size_t size = 64;
    uint32_t *b;

    while (size < 2 * n)
        size *= 2;
    if (!(b = malloc(size * sizeof *b)))
        return NULL;
    memset(b, 0xff, size * sizeof *b); /* NIL */
    *nb = size;
    return b;
}

/* ---- answers -------------------------------------------------------------------------- */

/* The question's answer is final: kept compact, its waiters told by deliver(). */
void askq_finish(struct askq *q, uint32_t id, const struct probe_answer *a)
{
    struct question *qq = &q->q[id];
    size_t n = a->n_addrs <= PROBE_ADDRS_MAX ? a->n_addrs : PROBE_ADDRS_MAX;
    struct compact *c = malloc(sizeof *c + n * sizeof c->addrs[0]);

    qq->outcome = (unsigned char)a->outcome;
    if (c) {
        c->rtt_ms = a->rtt_ms;
        c->serial = a->serial;
        c->error = a->error;
        c->outcome = (unsigned char)a->outcome;
        c->authoritative = a->authoritative;
        c->n_addrs = (unsigned char)n;
        memcpy(c->addrs, a->addrs, n * sizeof c->addrs[0]);
        c->target = NULL;
        if (*a->target && !(c->target = strdup(a->target))) {
            free(c);
            c = NULL;
        }
    }
    if (!c) /* the outcome alone says it: no addresses, no name */
        qq->outcome = PROBE_FAILED;
    qq->answer = c;
    qq->state = Q_DONE;
    qq->done_next = NIL;
    if (q->done_tail != NIL)
        q->q[q->done_tail].done_next = id;
    else
        q->done_head = id;
    q->done_tail = id;
    q->st.answered++;
}

void askq_fail(struct askq *q, uint32_t id)
{
    struct probe_answer a;

    memset(&a, 0, sizeof a);
    a.outcome = PROBE_FAILED;
    askq_finish(q, id, &a);
}

bool askq_answer(const struct askq *q, size_t id, struct probe_answer *a)
{
    const struct question *qq;

    if (!q || id >= q->nq || q->q[id].state != Q_DONE)
        return false;
    qq = &q->q[id];
    memset(a, 0, sizeof *a);
    a->qtype = (enum probe_qtype)qq->type;
    snprintf(a->qname, sizeof a->qname, "%s", qq->qname);
    a->outcome = (enum probe_outcome)qq->outcome;
    if (qq->answer) {
        a->rtt_ms = qq->answer->rtt_ms;
        a->serial = qq->answer->serial;
        a->error = qq->answer->error;
        a->authoritative = qq->answer->authoritative;
        a->n_addrs = qq->answer->n_addrs;
        memcpy(a->addrs, qq->answer->addrs, a->n_addrs * sizeof a->addrs[0]);
        if (qq->answer->target)
            snprintf(a->target, sizeof a->target, "%s", qq->answer->target);
    }
    return true;
}

/* ---- questions ------------------------------------------------------------------------ */

static int questions_rehash(struct askq *q, size_t want)
{
    size_t nb;
    uint32_t *b = askq_buckets_new(want, &nb);

    if (!b)
        return CD_ENOMEM;
    for (uint32_t i = 0; i < q->nq; i++) {
        struct question *qq = &q->q[i];
        if (qq->state == Q_FREE)
            continue;
        size_t k = question_hash(qq->server, qq->type, qq->qname) & (nb - 1);
        qq->next = b[k];
        b[k] = i;
    }
    free(q->qbuckets);
    q->qbuckets = b;
    q->nqb = nb;
    return CD_OK;
}

static long question_find(const struct askq *q, uint32_t server, int type, const char *qname,
                          uint64_t h)
{
    for (uint32_t i = q->nqb ? q->qbuckets[h & (q->nqb - 1)] : NIL; i != NIL; i = q->q[i].next)
        if (q->q[i].server == server && q->q[i].type == type && strcmp(q->q[i].qname, qname) == 0)
            return (long)i;
    return -1;
}

/* A slot for a new question (from the free list, else appended); NIL when out of memory. */
static uint32_t question_slot(struct askq *q)
{
    uint32_t id;

    if (q->free_head != NIL) {
        id = q->free_head;
        q->free_head = q->q[id].next;
        return id;
    }
    if (q->nq >= NIL - 1)
        return NIL;
    if (q->nq == q->capq) {
        size_t cap = q->capq ? 2 * q->capq : 256;
        struct question *v = realloc(q->q, cap * sizeof *v);
        if (!v)
            return NIL;
        q->q = v;
        q->capq = cap;
    }
    return (uint32_t)q->nq++;
}

static long question_new(struct askq *q, uint32_t sid, enum probe_qtype type, const char *qname,
                         uint64_t h)
{
    uint32_t id;
    struct question *qq;

    if (2 * (q->live + 1) > q->nqb && questions_rehash(q, 2 * (q->live + 1)) < 0)
        return CD_ENOMEM;
    if ((id = question_slot(q)) == NIL)
        return CD_ENOMEM;
    qq = &q->q[id];
    memset(qq, 0, sizeof *qq);
    qq->state = Q_QUEUED;
    if (!(qq->qname = strdup(qname)) || askq_fifo_push(&q->s[sid].fresh, id) < 0) {
        free(qq->qname);
        qq->state = Q_FREE;
        qq->next = q->free_head;
        q->free_head = id;
        return CD_ENOMEM;
    }
    qq->server = sid;
    qq->type = (unsigned char)type;
    qq->next = q->qbuckets[h & (q->nqb - 1)];
    q->qbuckets[h & (q->nqb - 1)] = id;
    q->live++;
    q->queued++;
    q->st.questions++;
    askq_want_channel(q, sid);
    return (long)id;
}

long askq_ask(struct askq *q, const struct dns_server *s, enum probe_qtype type, const char *qname,
              size_t waiter, bool *answered)
{
    long sid, id;
    uint64_t h;
    struct question *qq;

    *answered = false;
    if (!q || !s || !qname)
        return CD_EINVAL;
    if ((sid = askq_server_id(q, s)) < 0)
        return sid;
    h = question_hash((uint32_t)sid, (int)type, qname);
    if ((id = question_find(q, (uint32_t)sid, (int)type, qname, h)) < 0 &&
        (id = question_new(q, (uint32_t)sid, type, qname, h)) < 0)
        return id;
    qq = &q->q[id];
    if (qq->state != Q_DONE) {
        if (qq->n_waiters == qq->cap_waiters) {
            uint32_t cap = qq->cap_waiters ? 2 * qq->cap_waiters : 2;
            size_t *v = realloc(qq->waiters, cap * sizeof *v);
            if (!v)
                return CD_ENOMEM;
            qq->waiters = v;
            qq->cap_waiters = cap;
        }
        qq->waiters[qq->n_waiters++] = waiter;
    } else {
        *answered = true;
    }
    qq->refs++;
    q->st.asks++;
    return id;
}

static void question_free(struct askq *q, uint32_t id)
{
    struct question *qq = &q->q[id];
    uint32_t *link = &q->qbuckets[question_hash(qq->server, qq->type, qq->qname) & (q->nqb - 1)];

    while (*link != NIL && *link != id)
        link = &q->q[*link].next;
    if (*link == id)
        *link = qq->next;
    if (qq->answer)
        free(qq->answer->target);
    free(qq->answer);
    free(qq->qname);
    free(qq->waiters);
    memset(qq, 0, sizeof *qq);
    qq->state = Q_FREE;
    qq->next = q->free_head;
    q->free_head = id;
    q->live--;
}

void askq_release(struct askq *q, size_t id)
{
    struct question *qq;

    if (!q || id >= q->nq || q->q[id].state == Q_FREE || q->q[id].refs == 0)
        return;
    qq = &q->q[id];
    /* A question still queued or in flight is freed when askq_free() ends it. */
    if (--qq->refs == 0 && qq->state == Q_DONE)
        question_free(q, (uint32_t)id);
}

/* Tells each waiter of each final answer, once. */
static void deliver(struct askq *q)
{
    while (q->done_head != NIL) {
        uint32_t id = q->done_head;

        q->done_head = q->q[id].done_next;
        if (q->done_head == NIL)
            q->done_tail = NIL;
        q->q[id].refs++; /* the callbacks may release it */
        for (uint32_t w = 0; w < q->q[id].n_waiters; w++)
            q->cb(q->arg, q->q[id].waiters[w], id);
        free(q->q[id].waiters);
        q->q[id].waiters = NULL;
        q->q[id].n_waiters = q->q[id].cap_waiters = 0;
        askq_release(q, id);
    }
}

/* ---- the loop --------------------------------------------------------------------------- */

size_t askq_pollfds(struct askq *q, struct pollfd *fds, size_t max)
{
    size_t n = 0;

    for (size_t k = 0; q && k < q->nactive; k++) {
        struct server *s = &q->s[q->active[k]];
        s->fd_start = n;
        s->fd_count = probe_pollfds(s->probe, fds + n, max - n);
        n += s->fd_count;
    }
    return n;
}

int askq_timeout(struct askq *q, int max_ms)
{
    int t = max_ms;

    if (!q)
        return max_ms;
    if (q->done_head != NIL)
        return 0;
    for (size_t k = 0; k < q->nactive; k++)
        t = probe_timeout(q->s[q->active[k]].probe, t);
    return t;
}

void askq_process(struct askq *q, const struct pollfd *fds, size_t n)
{
    if (!q)
        return;
    for (size_t k = 0; k < q->nactive; k++) {
        struct server *s = &q->s[q->active[k]];
        bool mine = s->fd_start + s->fd_count <= n;
        probe_process(s->probe, mine ? fds + s->fd_start : NULL, mine ? s->fd_count : 0);
    }
    deliver(q);
    askq_pump(q);
    deliver(q); /* questions that failed as they were sent */
}

bool askq_idle(const struct askq *q)
{
    return !q || (q->queued == 0 && q->in_flight == 0 && q->done_head == NIL);
}

void askq_stats(const struct askq *q, struct askq_stats *st)
{
    memset(st, 0, sizeof *st);
    if (!q)
        return;
    *st = q->st;
    st->queued = q->queued;
    st->in_flight = q->in_flight;
    st->channels = q->nactive;
    for (size_t i = 0; i < q->ns; i++)
        st->servers_busy += !askq_server_idle(&q->s[i]);
}

/* ---- lifecycle -------------------------------------------------------------------------- */

struct askq *askq_new(int timeout_ms, size_t max_servers, askq_cb cb, void *arg)
{
    struct askq *q;

    if (!cb || !(q = calloc(1, sizeof *q)))
        return NULL;
    q->timeout_ms = timeout_ms > 0 ? timeout_ms : PROBE_TIMEOUT_DEFAULT_MS;
    q->max_servers = max_servers ? max_servers : askq_server_budget(16);
    if (q->max_servers > ASKQ_SERVERS_MAX)
        q->max_servers = ASKQ_SERVERS_MAX;
    q->cb = cb;
    q->arg = arg;
    q->free_head = q->done_head = q->done_tail = NIL;
    q->active = malloc(q->max_servers * sizeof *q->active);
    if (!q->active || askq_servers_rehash(q) < 0 || questions_rehash(q, 64) < 0) {
        askq_free(q);
        return NULL;
    }
    return q;
}

void askq_free(struct askq *q)
{
    if (!q)
        return;
    q->closing = true;
    while (q->nactive)
        askq_close_channel(q, q->nactive - 1);
    for (size_t i = 0; i < q->nq; i++)
        if (q->q[i].state != Q_FREE) {
            if (q->q[i].answer)
                free(q->q[i].answer->target);
            free(q->q[i].answer);
            free(q->q[i].qname);
            free(q->q[i].waiters);
        }
    for (size_t i = 0; i < q->ns; i++) {
        free(q->s[i].sent);
        free(q->s[i].fresh.v);
        free(q->s[i].retry.v);
    }
    free(q->q);
    free(q->qbuckets);
    free(q->s);
    free(q->sbuckets);
    free(q->active);
    free(q->wait.v);
    free(q);
}
