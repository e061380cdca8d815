/* Asynchronous DNS probing through c-ares, one channel per server so that every answer
 * comes from that server alone: no rotation, no fallback to another server, one try.
 * All queries go out at once; the caller owns the event loop and polls the probe's
 * sockets beside its own (the terminal), so nothing here ever blocks.
 *
 *     p = probe_new(2000, on_answer, ctx);
 *     i = probe_add_server(p, &server, &d);
 *     probe_send(p, i, PROBE_SOA, "fabrikam.local");
 *     while (probe_pending(p)) {
 *         n = probe_pollfds(p, fds, max);
 *         poll(fds, n, probe_timeout(p, -1));
 *         probe_process(p, fds, n);
 *     }
 */
#ifndef CLUSTERDNS_ENGINE_PROBE_H
#define CLUSTERDNS_ENGINE_PROBE_H

#include <poll.h>
#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "names.h"
#include "servers.h"

#define PROBE_TIMEOUT_DEFAULT_MS 2000
#define PROBE_ADDRS_MAX 16

enum probe_qtype { PROBE_SOA, PROBE_A, PROBE_AAAA, PROBE_PTR };

enum probe_outcome {
    PROBE_PENDING = 0,
    PROBE_ANSWER,      /* NOERROR with answer records of the type asked */
    PROBE_NXDOMAIN,    /* "name does not exist" */
    PROBE_NODATA,      /* the name exists, no record of that type */
    PROBE_REFUSED,
    PROBE_SERVFAIL,
    PROBE_TIMEOUT,     /* no reply within the timeout */
    PROBE_CONNREFUSED, /* the port is closed (ICMP unreachable, TCP reset) */
    PROBE_MALFORMED,   /* a reply c-ares could not parse, or a name that is no host name */
    PROBE_TRUNCATED,   /* a truncated or oversized UDP reply, and no answer over TCP */
    PROBE_FAILED,      /* a local error (out of memory, cancelled) */
};

struct probe_answer {
    enum probe_qtype qtype;
    char qname[NAMES_FQDN_SIZE];
    enum probe_outcome outcome;
    bool authoritative;   /* the AA bit of the reply */
    double rtt_ms;        /* from send to reply (or to giving up) */
    size_t n_addrs;       /* A or AAAA answers */
    struct cd_ip addrs[PROBE_ADDRS_MAX];
    /* PTR: the first name; SOA: the primary master (mname).  Printable ASCII only: any
     * other byte is written \DDD, and a name with such bytes makes the reply MALFORMED. */
    char target[NAMES_FQDN_SIZE];
    unsigned long serial; /* SOA serial */
    /* PROBE_FAILED: the errno that kept the question from being asked at all (EMFILE,
     * ENFILE: no file descriptor for its socket; ENOMEM, ENOBUFS), 0 for any other local
     * failure (cancelled, out of memory reading the reply). */
    int error;
};

/* Called once per query as it completes, from inside probe_process() (or probe_cancel(),
 * probe_free()), never from inside probe_send().  `a` is valid only during the call.  The
 * callback may call probe_send() and probe_cancel() (the cancel takes effect when the probe
 * call that made the callback returns), but not probe_free(). */
typedef void (*probe_cb)(void *arg, size_t server, size_t query, const struct probe_answer *a);

struct probe;

/* timeout_ms <= 0 means PROBE_TIMEOUT_DEFAULT_MS. Returns NULL when out of memory or when
 * c-ares cannot be initialised. */
struct probe *probe_new(int timeout_ms, probe_cb cb, void *arg);
/* Cancels what is pending (each gets its callback with PROBE_FAILED) and frees. NULL is ok. */
void probe_free(struct probe *p);

/* The UDP sockets the probe opens from now on ask the system for a receive buffer of bytes
 * (SO_RCVBUF, which the system may cap; 0, the default: the system's size), so that many
 * replies arriving at once wait there instead of being dropped. */
void probe_set_receive_buffer(struct probe *p, int bytes);

/* Adds a server with a channel of its own; returns its index (0, 1, ...) or a negative
 * cd_err. */
int probe_add_server(struct probe *p, const struct dns_server *s, struct cd_diag *d);
size_t probe_servers(const struct probe *p);

/* Sends one query to one server now; for PROBE_PTR, qname is the reverse name (see
 * names_reverse()). Returns the query's number (0, 1, ... over the whole probe) or a
 * negative cd_err.
 * When no socket can be opened for it (the process's descriptors are all taken: ulimit -n),
 * the query waits and goes out as soon as another server's queries end and free theirs:
 * the servers are asked in waves. When nothing is left in flight to free one, each query
 * still waiting ends PROBE_FAILED with error set: not asked, never "port closed". */
int probe_send(struct probe *p, size_t server, enum probe_qtype type, const char *qname);

/* Queries still waiting for an answer. */
size_t probe_pending(const struct probe *p);

/* Fills fds (at most max) with the sockets to poll, events set; returns how many. */
size_t probe_pollfds(struct probe *p, struct pollfd *fds, size_t max);
/* Milliseconds until the next query times out (rounded up), at most max_ms (-1: no cap);
 * max_ms itself when nothing is pending, so -1 then means "no probe deadline". */
int probe_timeout(struct probe *p, int max_ms);
/* After poll(): reads what is ready on the fds given (as returned by probe_pollfds, with
 * revents) and expires timed-out queries. Safe to call with n == 0. */
void probe_process(struct probe *p, const struct pollfd *fds, size_t n);

/* Cancels every pending query (callbacks with PROBE_FAILED); the probe stays usable. */
void probe_cancel(struct probe *p);

/* N_() text for people: "no reply (timeout)", "name does not exist", ... */
const char *probe_outcome_text(enum probe_outcome o);
/* N_() text for what kept a query from being asked (probe_answer.error): "this process
 * ran out of file descriptors (ulimit -n)", ... */
const char *probe_error_text(int error);

#endif
