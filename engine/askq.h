/* Questions to DNS servers, each asked once however many callers need its answer: the
 * scheduler under `recheck`. A question is a server, a type and a name; asking one that
 * is known already adds a waiter to it, and its one answer goes to every waiter.
 *
 * Each distinct server gets one c-ares channel (a probe of its own) while it has questions
 * queued or in flight, and at most max_servers are asked at once, so that the sockets stay
 * within the descriptors this process may open (askq_server_budget): the others wait their
 * turn, in waves. At most ASKQ_WINDOW questions are in flight to one server and
 * ASKQ_INFLIGHT_MAX in all; answers are kept compact (no unused address slots) until the
 * last waiter releases them. So memory is bounded by what is in flight and what callers
 * hold, not by how many ask.
 *
 * A question that gets no reply from a server that answers others was most likely lost on
 * the way (a burst of replies can overflow a socket's buffer): it is asked once more, with
 * at most ASKQ_RETRY_WINDOW such questions in flight to that server. A server that answers
 * nothing is not asked again: its questions end PROBE_TIMEOUT after the timeout, as in a
 * single check.
 *
 * Event-loop friendly: the caller polls askq_pollfds() beside its own descriptors. */
#ifndef CLUSTERDNS_ENGINE_ASKQ_H
#define CLUSTERDNS_ENGINE_ASKQ_H

#include <poll.h>
#include <stdbool.h>
#include <stddef.h>

#include "probe.h"
#include "servers.h"

#define ASKQ_WINDOW 4096        /* questions in flight to one server */
#define ASKQ_RETRY_WINDOW 256   /* questions asked again, in flight to one server */
#define ASKQ_INFLIGHT_MAX 16384 /* questions in flight in all */
#define ASKQ_SERVERS_MAX 128    /* channels at once, whatever the descriptors allow */
#define ASKQ_RCVBUF (4 << 20)   /* receive buffer asked for each server's socket */
#define ASKQ_HOLD_RATIO 0.8     /* askq_more(): held back when faster than this x the slowest */
#define ASKQ_NONE ((size_t)-1)

/* Called once for each waiter of a question when its answer is final, from inside
 * askq_process(); never for a waiter whose askq_ask() said the answer was known. The
 * callback may call askq_ask(), askq_answer() and askq_release(), not askq_free(). */
typedef void (*askq_cb)(void *arg, size_t waiter, size_t question);

struct askq;

/* timeout_ms <= 0: PROBE_TIMEOUT_DEFAULT_MS. max_servers: servers asked at once (0:
 * askq_server_budget()), at most ASKQ_SERVERS_MAX. NULL when out of memory. */
struct askq *askq_new(int timeout_ms, size_t max_servers, askq_cb cb, void *arg);
/* Ends what is in flight (no callbacks) and frees everything. NULL is ok. */
void askq_free(struct askq *q);

/* Asks server s the question type qname (copied) for waiter, or joins the same question
 * already asked. Returns the question's id with a reference taken for the caller (give it
 * back with askq_release), or CD_ENOMEM. *answered is set when the answer is known already:
 * no callback comes then. Nothing is sent before askq_process() or askq_pump(). */
long askq_ask(struct askq *q, const struct dns_server *s, enum probe_qtype type, const char *qname,
              size_t waiter, bool *answered);

/* The answer of question id as the probe gave it (qtype, qname, outcome, addresses...);
 * false, a untouched, while it is not final. */
bool askq_answer(const struct askq *q, size_t id, struct probe_answer *a);

/* Gives back the reference askq_ask() took; the answer is freed with the last one. */
void askq_release(struct askq *q, size_t id);

/* Sends what may be sent now: servers given a channel in turn, questions up to the
 * windows. askq_process() does it; call it after a batch of askq_ask() too. */
void askq_pump(struct askq *q);

/* Whether more questions are coming soon (the caller is still loading what asks them,
 * and sends as it goes). While they are, a server known to answer much faster than the
 * slowest one (its round trips under ASKQ_HOLD_RATIO x what the slowest is known to take,
 * its oldest unanswered query's age counting) is held back: the slowest servers' questions
 * go out first, and the others' once more is false. A server nothing is known of yet is
 * never held back. Say false before waiting on what is held back. */
void askq_more(struct askq *q, bool more);

/* Nothing queued and nothing in flight. */
bool askq_idle(const struct askq *q);

/* The event loop, as probe.h's: the sockets to poll (fds[] must be passed back unchanged
 * to askq_process), the milliseconds until the next timeout (max_ms when none; -1: no
 * cap), and the work after poll(): answers read, timeouts fired, callbacks made, the next
 * questions sent. */
size_t askq_pollfds(struct askq *q, struct pollfd *fds, size_t max);
int askq_timeout(struct askq *q, int max_ms);
void askq_process(struct askq *q, const struct pollfd *fds, size_t n);

struct askq_stats {
    size_t asks;      /* askq_ask() calls */
    size_t questions; /* distinct questions among them */
    size_t sent;      /* queries sent, second tries included */
    size_t retried;   /* questions asked a second time */
    size_t answered;  /* questions with their final answer */
    size_t queued;    /* now: waiting to be sent */
    size_t in_flight; /* now */
    size_t inflight_peak;
    size_t servers;      /* distinct servers */
    size_t servers_busy; /* now: with questions queued or in flight */
    size_t channels;     /* now: servers with a channel */
    size_t channels_peak;
    size_t channels_made; /* channels made in all (a server may get one in each wave) */
};
void askq_stats(const struct askq *q, struct askq_stats *st);

/* How many servers may be asked at once with the descriptors this process may still open
 * (RLIMIT_NOFILE less those open now and reserve kept for files), two a server (UDP, and
 * TCP after a truncated reply); at least 1, at most ASKQ_SERVERS_MAX. */
size_t askq_server_budget(size_t reserve);

#endif
