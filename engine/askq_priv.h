/* The ask queue's insides, shared by its two files: askq.c (the questions, their answers and
 * waiters, the loop) and askq_wave.c (the servers, each with a channel while it has
 * questions, in waves). Not for other modules: askq.h is the interface. */
#ifndef CLUSTERDNS_ENGINE_ASKQ_PRIV_H
#define CLUSTERDNS_ENGINE_ASKQ_PRIV_H

#include <stdint.h>

#include "askq.h"

#define NIL UINT32_MAX

enum qstate { Q_FREE, Q_QUEUED, Q_FLIGHT, Q_DONE };

/* A final answer without the address slots it does not use. */
struct compact {
    double rtt_ms;
    unsigned long serial;
    char *target; /* NULL for "" */
    int error;    /* PROBE_FAILED: why it was not asked (probe_answer.error) */
    unsigned char outcome, authoritative, n_addrs;
    struct cd_ip addrs[];
};

struct question {
    char *qname;
    uint32_t server;
    uint32_t next;      /* hash chain; free list when Q_FREE */
    uint32_t done_next; /* the list of answers whose waiters are still to be told */
    uint32_t refs;
    unsigned char type, state;
    bool retried;          /* asked a second time (or now being asked again) */
    unsigned char outcome; /* Q_DONE: also when answer is NULL (out of memory) */
    size_t *waiters;
    uint32_t n_waiters, cap_waiters;
    struct compact *answer;
};

struct fifo {
    uint32_t *v;
    size_t head, tail, cap;
};

/* A query in flight: its question (NIL once answered) and when it was sent. */
struct sent {
    uint32_t qid;
    double at_ms;
};

/* The probe's callback argument: which server of which askq. */
struct channel_ctx {
    struct askq *q;
    uint32_t server;
};

struct server {
    struct cd_ip ip;
    unsigned port;
    uint32_t next; /* hash chain */
    struct probe *probe;
    struct channel_ctx *ctx;
    struct sent *sent; /* each query number of this channel: its question, when it went */
    size_t n_numbers, cap_numbers;
    size_t oldest; /* no query before this number is still in flight */
    double rtt_ms; /* a moving average of its round trips; < 0: none seen yet */
    struct fifo fresh, retry;
    size_t in_flight, in_flight_retry;
    size_t fd_start, fd_count; /* its slice of the last askq_pollfds() */
    bool answered_any, waiting;
    bool starved; /* a query of it found no descriptor: its channel makes room */
};

struct askq {
    int timeout_ms;
    size_t max_servers;
    askq_cb cb;
    void *arg;
    struct question *q;
    size_t nq, capq;
    uint32_t free_head;
    uint32_t *qbuckets;
    size_t nqb, live;
    struct server *s;
    size_t ns, caps;
    uint32_t *sbuckets;
    size_t nsb;
    uint32_t *active; /* servers with a channel */
    size_t nactive;
    struct fifo wait; /* servers waiting for a channel */
    uint32_t done_head, done_tail;
    size_t queued, in_flight;
    bool closing;
    bool more; /* more questions are coming (files still loading): slow servers first */
    struct askq_stats st;
};

/* askq.c */
int askq_fifo_push(struct fifo *f, uint32_t v);
bool askq_fifo_empty(const struct fifo *f);
uint32_t askq_fifo_pop(struct fifo *f);
/* FNV-1a of n bytes at p, from h. */
uint64_t askq_mix(uint64_t h, const void *p, size_t n);
/* Empty hash buckets (NIL) for at least n entries, their count in *nb; NULL: no memory. */
uint32_t *askq_buckets_new(size_t n, size_t *nb);
/* The answer of question id is final: kept compact, its waiters told at the next delivery. */
void askq_finish(struct askq *q, uint32_t id, const struct probe_answer *a);
/* The same with PROBE_FAILED: not asked. */
void askq_fail(struct askq *q, uint32_t id);

/* askq_wave.c */
int askq_servers_rehash(struct askq *q);
/* The server's number, added when new; CD_ENOMEM, CD_EINVAL. */
long askq_server_id(struct askq *q, const struct dns_server *d);
bool askq_server_idle(const struct server *s);
/* Puts sid in line for a channel unless it has one or is in line. */
void askq_want_channel(struct askq *q, uint32_t sid);
/* Frees the channel of the k-th active server (no query of it may be in flight, unless the
 * queue is closing). */
void askq_close_channel(struct askq *q, size_t k);

#endif
