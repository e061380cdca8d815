#include "config.h"

#include "probe.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#include <ares.h>
#include <ares_dns.h>
#include <ares_nameser.h>

#include "i18n.h"

/* Behaviours of c-ares 1.18.1 this module relies on, each seen against real servers
 * (tests/unit/test_probe.c, run by tests/integration/probe.sh):
 * - A reply whose ID or question does not match the query, or that is shorter than the
 *   12-byte header, is dropped without a word: the query ends as ARES_ETIMEOUT.
 * - The UDP socket is connected, so a closed port's ICMP unreachable comes back as
 *   ARES_ECONNREFUSED at once on loopback; for the second query to such a port, already
 *   from inside ares_query(), because send() reports the pending socket error.  Bad names
 *   (a label over 63 octets) also fail inside ares_query().
 * - With one try the query times out after TIMEOUTMS (no jitter in 1.18.1), and only when
 *   ares_process_fd() runs: hence the (ARES_SOCKET_BAD, ARES_SOCKET_BAD) calls.
 * - A NOERROR reply with ANCOUNT > 0 whose answer record is cut short reaches the
 *   callback as ARES_SUCCESS with abuf; only the parser says ARES_EBADRESP.
 * - With ARES_FLAG_NOCHECKRESP, REFUSED and SERVFAIL end the query with abuf; without
 *   it, one server and one try, both come back as ARES_ECONNREFUSED, like a closed port.
 * - ares_library_init() and ares_library_cleanup() are counted by c-ares itself.
 * - The connected socket reports a closed port once: with two queries in flight, the
 *   second send() takes the error and the first waits for its timeout. A closed port is
 *   the server's, so one CONNREFUSED ends every query to that server alike.
 * - A UDP reply with TC set, or longer than 512 octets, is asked again over TCP; when TCP
 *   fails (refused, or closed before an answer) the query ends as ARES_ECONNREFUSED.  The
 *   socket callback says when a channel opens a TCP socket, which tells the two apart.
 * - The A and PTR parsers refuse names with bytes outside host names (ARES_EBADRESP); the
 *   SOA parser lets them through written as \DDD escapes. */

/* One query in flight.  Its answer is built in place, so a query that completes inside
 * probe_send() can wait in the deferred list until probe_process() delivers it. */
struct probe_query {
    struct probe *p;
    size_t server;
    size_t number;
    struct timespec sent, first_sent;
    struct probe_answer a;
    struct probe_query *next; /* deferred list */
};

struct fd_owner {
    ares_socket_t fd;
    size_t server;
};

/* What the probe learns of one server beside the answers; c-ares' socket callback holds a
 * pointer to it, so each lives in an allocation of its own. */
struct server_state {
    struct probe *p;
    bool port_closed; /* a reply said the port is closed */
    bool tcp_used;    /* a reply was truncated: c-ares went on over TCP */
    int socket_errno; /* why the last socket for it could not be opened, or 0 */
};

struct probe {
    int timeout_ms;
    int rcvbuf; /* SO_RCVBUF of new channels' sockets, 0: the system's */
    probe_cb cb;
    void *arg;
    ares_channel *channels;
    struct server_state **state; /* per server */
    size_t closing_server;      /* the server whose queries end as CONNREFUSED now, or -1 */
    size_t n_servers;
    size_t n_queries; /* numbers handed out */
    size_t pending;   /* sent, callback not yet made */
    struct probe_query *deferred, *deferred_tail;
    /* Queries no socket could be opened for (no descriptor left): sent again once some
     * close. */
    struct probe_query *waiting, *waiting_tail;
    size_t n_waiting;
    unsigned sockets_closed; /* since the waiting queries were last tried */
    struct fd_owner *owners; /* which channel each fd from probe_pollfds() belongs to */
    size_t n_owners, cap_owners;
    int in_send;        /* inside ares_query(): completions are deferred */
    int in_callback;    /* inside the caller's callback: probe_cancel() is deferred */
    bool cancel_wanted; /* probe_cancel() was called from a callback */
    bool closing;       /* probe_free() runs: no new queries */
};

/* --- names -------------------------------------------------------------------------- */

const char *probe_error_text(int error)
{
    switch (error) {
    case EMFILE:
        return N_("this process ran out of file descriptors (ulimit -n)");
    case ENFILE:
        return N_("the system ran out of file descriptors");
    case ENOMEM:
    case ENOBUFS:
        return N_("out of memory");
    default:
        return N_("a local error");
    }
}

const char *probe_outcome_text(enum probe_outcome o)
{
    static const char *const texts[] = {
        [PROBE_PENDING] = N_("waiting"),
        [PROBE_ANSWER] = N_("answered"),
        [PROBE_NXDOMAIN] = N_("name does not exist"),
        [PROBE_NODATA] = N_("no record of that type"),
        [PROBE_REFUSED] = N_("refused (REFUSED)"),
        [PROBE_SERVFAIL] = N_("server failure (SERVFAIL)"),
        [PROBE_TIMEOUT] = N_("no reply (timeout)"),
        [PROBE_CONNREFUSED] = N_("port closed"),
        [PROBE_MALFORMED] = N_("unreadable reply"),
        [PROBE_TRUNCATED] = N_("truncated, TCP failed"),
        [PROBE_FAILED] = N_("not asked (a local error)"),
    };
    if ((unsigned)o < sizeof texts / sizeof texts[0])
        return texts[o];
    return N_("unknown outcome");
}

/* --- answers ------------------------------------------------------------------------ */

static double ms_since(const struct timespec *t0)
{
    struct timespec now;

    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - t0->tv_sec) * 1000.0 + (double)(now.tv_nsec - t0->tv_nsec) / 1e6;
}

static enum probe_outcome outcome_of(int status)
{
    switch (status) {
    case ARES_SUCCESS:
        return PROBE_ANSWER;
    case ARES_ENOTFOUND:
        return PROBE_NXDOMAIN;
    case ARES_ENODATA:
        return PROBE_NODATA;
    case ARES_EREFUSED:
        return PROBE_REFUSED;
    case ARES_ESERVFAIL:
        return PROBE_SERVFAIL;
    case ARES_ETIMEOUT:
        return PROBE_TIMEOUT;
    case ARES_ECONNREFUSED:
        return PROBE_CONNREFUSED;
    case ARES_EBADRESP:
        return PROBE_MALFORMED;
    default: /* EDESTRUCTION, ECANCELLED, ENOMEM, EFORMERR, ENOTIMP, ... */
        return PROBE_FAILED;
    }
}

/* Copies a name from a reply, any byte outside printable ASCII written \DDD (c-ares does
 * so already for SOA names; this holds whatever c-ares does). Returns whether the name is
 * a host name: letters, digits, '-', '_' and dots, nothing escaped. */
static bool copy_name(char *dst, const char *src)
{
    size_t n = 0;
    bool host = true;

    for (const unsigned char *c = (const unsigned char *)(src ? src : ""); *c; c++) {
        /* ASCII by hand: isalnum() would follow the locale. */
        if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.", *c))
            host = false;
        if (*c >= 0x20 && *c < 0x7f) {
            if (n + 1 >= NAMES_FQDN_SIZE)
                break;
            dst[n++] = (char)*c;
        } else {
            if (n + 4 >= NAMES_FQDN_SIZE)
                break;
            n += (size_t)snprintf(dst + n, 5, "\\%03u", *c);
        }
    }
    dst[n] = '\0';
    return host;
}

static int parse_a(const unsigned char *abuf, int alen, struct probe_answer *a)
{
    struct ares_addrttl ttls[PROBE_ADDRS_MAX];
    int n = PROBE_ADDRS_MAX;
    int st = ares_parse_a_reply(abuf, alen, NULL, ttls, &n);

    for (int i = 0; st == ARES_SUCCESS && i < n; i++) {
        struct cd_ip *ip = &a->addrs[a->n_addrs++];
        ip->family = AF_INET;
        ip->u.v4 = ttls[i].ipaddr;
        inet_ntop(AF_INET, &ip->u.v4, ip->text, sizeof ip->text);
    }
    return st;
}

static int parse_aaaa(const unsigned char *abuf, int alen, struct probe_answer *a)
{
    struct ares_addr6ttl ttls[PROBE_ADDRS_MAX];
    int n = PROBE_ADDRS_MAX;
    int st = ares_parse_aaaa_reply(abuf, alen, NULL, ttls, &n);

    for (int i = 0; st == ARES_SUCCESS && i < n; i++) {
        struct cd_ip *ip = &a->addrs[a->n_addrs++];
        ip->family = AF_INET6;
        memcpy(&ip->u.v6, &ttls[i].ip6addr, sizeof ip->u.v6);
        inet_ntop(AF_INET6, &ip->u.v6, ip->text, sizeof ip->text);
    }
    return st;
}

static int parse_ptr(const unsigned char *abuf, int alen, struct probe_answer *a)
{
    /* The parser wants the address to put in the hostent; only the name is used here. */
    struct in_addr unused = {0};
    struct hostent *host = NULL;
    int st = ares_parse_ptr_reply(abuf, alen, &unused, sizeof unused, AF_INET, &host);

    if (st == ARES_SUCCESS && !copy_name(a->target, host->h_name))
        st = ARES_EBADRESP;
    if (host)
        ares_free_hostent(host);
    return st;
}

static int parse_soa(const unsigned char *abuf, int alen, struct probe_answer *a)
{
    struct ares_soa_reply *soa = NULL;
    int st = ares_parse_soa_reply(abuf, alen, &soa);

    if (st == ARES_SUCCESS) {
        a->serial = soa->serial;
        if (!copy_name(a->target, soa->nsname))
            st = ARES_EBADRESP;
    }
    if (soa)
        ares_free_data(soa);
    return st;
}

/* A NOERROR reply with answers: its records of the type asked, or why there are none. */
static enum probe_outcome parse_answer(const unsigned char *abuf, int alen, struct probe_answer *a)
{
    int st = ARES_EBADRESP;

    switch (a->qtype) {
    case PROBE_A:
        st = parse_a(abuf, alen, a);
        break;
    case PROBE_AAAA:
        st = parse_aaaa(abuf, alen, a);
        break;
    case PROBE_PTR:
        st = parse_ptr(abuf, alen, a);
        break;
    case PROBE_SOA:
        st = parse_soa(abuf, alen, a);
        break;
    }
    if (st == ARES_SUCCESS && (a->qtype == PROBE_A || a->qtype == PROBE_AAAA) && a->n_addrs == 0)
        st = ARES_ENODATA; /* only a CNAME pointing elsewhere */
    switch (st) {
    case ARES_SUCCESS:
        return PROBE_ANSWER;
    case ARES_ENODATA: /* answers of other types only (a CNAME): no record of this type */
        return PROBE_NODATA;
    case ARES_EBADRESP:
        return PROBE_MALFORMED;
    default: /* ENOMEM */
        return PROBE_FAILED;
    }
}

/* --- delivery ----------------------------------------------------------------------- */

static void deliver(struct probe_query *q)
{
    struct probe *p = q->p;

    p->pending--;
    p->in_callback++;
    p->cb(p->arg, q->server, q->number, &q->a);
    p->in_callback--;
    free(q);
}

static void deliver_deferred(struct probe *p)
{
    while (p->deferred) {
        struct probe_query *q = p->deferred;
        p->deferred = q->next;
        if (!p->deferred)
            p->deferred_tail = NULL;
        deliver(q);
    }
}

static void append(struct probe_query **head, struct probe_query **tail, struct probe_query *q)
{
    q->next = NULL;
    if (*tail)
        (*tail)->next = q;
    else
        *head = q;
    *tail = q;
}

/* c-ares calls this once per query: with the reply (abuf lives only during this call), on
 * timeout, on cancel or destroy, and from inside ares_query() when it fails at once. */
static void on_reply(void *arg, int status, int timeouts, unsigned char *abuf, int alen)
{
    struct probe_query *q = arg;
    struct probe *p = q->p;
    struct server_state *st = p->state[q->server];

    (void)timeouts;
    /* c-ares says "connection refused" when it could not even open the socket: the query
     * never left, and waits for a descriptor (retry_waiting). */
    if (status == ARES_ECONNREFUSED && st->socket_errno) {
        q->a.error = st->socket_errno;
        st->socket_errno = 0;
        append(&p->waiting, &p->waiting_tail, q);
        p->n_waiting++;
        return;
    }
    q->a.rtt_ms = ms_since(&q->sent);
    if (abuf && alen >= HFIXEDSZ)
        q->a.authoritative = DNS_HEADER_AA(abuf) != 0;
    q->a.outcome = outcome_of(status);
    if (status == ARES_ECANCELLED && q->server == p->closing_server)
        q->a.outcome = PROBE_CONNREFUSED;
    if (q->a.outcome == PROBE_CONNREFUSED && p->state[q->server]->tcp_used)
        q->a.outcome = PROBE_TRUNCATED; /* the UDP port answered; TCP did not */
    if (q->a.outcome == PROBE_CONNREFUSED)
        p->state[q->server]->port_closed = true;
    if (status == ARES_SUCCESS)
        q->a.outcome = abuf ? parse_answer(abuf, alen, &q->a) : PROBE_MALFORMED;

    if (p->in_send) {
        /* The caller is still inside probe_send(); callbacks only come from
         * probe_process() and probe_cancel(), so this one waits. */
        append(&p->deferred, &p->deferred_tail, q);
        return;
    }
    deliver(q);
}

/* --- lifecycle ---------------------------------------------------------------------- */

struct probe *probe_new(int timeout_ms, probe_cb cb, void *arg)
{
    struct probe *p;

    if (!cb)
        return NULL;
    /* Each probe holds one reference; c-ares counts them, so the front end's own
     * ares_library_init() stays valid after probe_free(). */
    if (ares_library_init(ARES_LIB_INIT_ALL) != ARES_SUCCESS)
        return NULL;
    p = calloc(1, sizeof *p);
    if (!p) {
        ares_library_cleanup();
        return NULL;
    }
    p->timeout_ms = timeout_ms > 0 ? timeout_ms : PROBE_TIMEOUT_DEFAULT_MS;
    p->cb = cb;
    p->arg = arg;
    p->closing_server = (size_t)-1;
    return p;
}

void probe_free(struct probe *p)
{
    if (!p)
        return;
    p->closing = true;
    probe_cancel(p);
    /* Nothing is left to destroy with ARES_EDESTRUCTION, but on_reply handles it too. */
    for (size_t i = 0; i < p->n_servers; i++) {
        ares_destroy(p->channels[i]);
        free(p->state[i]);
    }
    free(p->channels);
    free(p->state);
    free(p->owners);
    free(p);
    ares_library_cleanup();
}

/* The channel's sockets, as c-ares would make them (non-blocking, close-on-exec, TCP
 * without delay), but saying why one could not be opened (no descriptor left is not a
 * closed port) and when one closes (a descriptor is free for a waiting query). Writes
 * never raise SIGPIPE. */
static ares_socket_t sock_open(int af, int type, int protocol, void *arg)
{
    struct server_state *st = arg;
    /* c-ares leaves sockets it did not make as they are: non-blocking is ours to set. */
    int fd = socket(af, type | SOCK_NONBLOCK | SOCK_CLOEXEC, protocol), on = 1;

    if (fd < 0) {
        st->socket_errno = errno;
        return ARES_SOCKET_BAD;
    }
    if (type == SOCK_STREAM) /* as c-ares does: a query is one small write */
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
    /* c-ares sets no buffer size on sockets it did not make (ARES_OPT_SOCK_RCVBUF): ours. */
    if (type == SOCK_DGRAM && st->p->rcvbuf > 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &st->p->rcvbuf, sizeof st->p->rcvbuf);
    return fd;
}

void probe_set_receive_buffer(struct probe *p, int bytes)
{
    if (p)
        p->rcvbuf = bytes > 0 ? bytes : 0;
}

static int sock_close(ares_socket_t fd, void *arg)
{
    struct server_state *st = arg;

    st->p->sockets_closed++;
    return close(fd);
}

static int sock_connect(ares_socket_t fd, const struct sockaddr *addr, ares_socklen_t len,
                        void *arg)
{
    (void)arg;
    return connect(fd, addr, len);
}

static ares_ssize_t sock_recvfrom(ares_socket_t fd, void *buf, size_t len, int flags,
                                  struct sockaddr *from, ares_socklen_t *from_len, void *arg)
{
    (void)arg;
    return recvfrom(fd, buf, len, flags, from, from_len);
}

static ares_ssize_t sock_sendv(ares_socket_t fd, const struct iovec *iov, int n, void *arg)
{
    struct msghdr m = {.msg_iov = (struct iovec *)iov, .msg_iovlen = (size_t)n};

    (void)arg;
    return sendmsg(fd, &m, MSG_NOSIGNAL);
}

static const struct ares_socket_functions sock_funcs = {sock_open, sock_close, sock_connect,
                                                        sock_recvfrom, sock_sendv};

/* c-ares calls this for every socket a channel opens; a TCP one follows a truncated reply. */
static int on_socket(ares_socket_t fd, int type, void *arg)
{
    struct server_state *st = arg;

    (void)fd;
    if (type == SOCK_STREAM)
        st->tcp_used = true;
    return ARES_SUCCESS;
}

static int channel_new(const struct probe *p, const struct dns_server *s,
                       struct server_state *state, ares_channel *out, struct cd_diag *d)
{
    struct ares_options opt;
    struct ares_addr_port_node node;
    int st;

    memset(&opt, 0, sizeof opt);
    /* NOCHECKRESP: see REFUSED and SERVFAIL instead of skipping them.  NOROTATE has no
     * field; it overrides "options rotate" from resolv.conf.  One try, no retry. */
    opt.flags = ARES_FLAG_NOCHECKRESP | ARES_FLAG_NOSEARCH;
    opt.timeout = p->timeout_ms;
    opt.tries = 1;
    st = ares_init_options(
        out, &opt, ARES_OPT_FLAGS | ARES_OPT_TIMEOUTMS | ARES_OPT_TRIES | ARES_OPT_NOROTATE);
    if (st != ARES_SUCCESS)
        return diag_set(d, st == ARES_ENOMEM ? CD_ENOMEM : CD_EDNS, N_("DNS server"), "",
                        N_("cannot set up the resolver: %1$s"), ares_strerror(st), NULL);

    memset(&node, 0, sizeof node);
    node.family = s->ip.family;
    if (s->ip.family == AF_INET)
        node.addr.addr4 = s->ip.u.v4;
    else
        memcpy(&node.addr.addr6, &s->ip.u.v6, sizeof node.addr.addr6);
    node.udp_port = node.tcp_port = (int)s->port; /* host order; 0 would mean 53 */
    st = ares_set_servers_ports(*out, &node);
    if (st != ARES_SUCCESS) {
        ares_destroy(*out);
        return diag_set(d, st == ARES_ENOMEM ? CD_ENOMEM : CD_EDNS, N_("DNS server"), "",
                        N_("cannot set up the resolver: %1$s"), ares_strerror(st), NULL);
    }
    ares_set_socket_callback(*out, on_socket, state);
    ares_set_socket_functions(*out, &sock_funcs, state);
    return CD_OK;
}

int probe_add_server(struct probe *p, const struct dns_server *s, struct cd_diag *d)
{
    ares_channel ch, *grown;
    int rc;

    if (!p || !s || (s->ip.family != AF_INET && s->ip.family != AF_INET6))
        return diag_set(d, CD_EINVAL, N_("DNS server"), "", N_("the server address is not set"),
                        NULL, NULL);
    if (s->port > 65535) {
        char port[16];
        snprintf(port, sizeof port, "%u", s->port);
        return diag_set(d, CD_EINVAL, N_("DNS server"), "",
                        N_("port %1$s is not between 1 and 65535"), port, NULL);
    }
    struct server_state **states = realloc(p->state, (p->n_servers + 1) * sizeof *states);

    if (states)
        p->state = states;
    grown = states ? realloc(p->channels, (p->n_servers + 1) * sizeof *grown) : NULL;
    if (grown)
        p->channels = grown;
    struct server_state *state = grown ? calloc(1, sizeof *state) : NULL;
    if (!state)
        return diag_set(d, CD_ENOMEM, NULL, "", N_("out of memory"), NULL, NULL);
    state->p = p;
    rc = channel_new(p, s, state, &ch, d);
    if (rc != CD_OK) {
        free(state);
        return rc;
    }
    p->channels[p->n_servers] = ch;
    p->state[p->n_servers] = state;
    return (int)p->n_servers++;
}

size_t probe_servers(const struct probe *p)
{
    return p ? p->n_servers : 0;
}

size_t probe_pending(const struct probe *p)
{
    return p ? p->pending : 0;
}

/* --- queries ------------------------------------------------------------------------ */

static int qtype_code(enum probe_qtype t)
{
    switch (t) {
    case PROBE_SOA:
        return T_SOA;
    case PROBE_A:
        return T_A;
    case PROBE_AAAA:
        return T_AAAA;
    case PROBE_PTR:
        return T_PTR;
    }
    return -1;
}

static void send_query(struct probe *p, struct probe_query *q, const char *qname)
{
    p->in_send++;
    clock_gettime(CLOCK_MONOTONIC, &q->sent);
    if (!q->first_sent.tv_sec && !q->first_sent.tv_nsec)
        q->first_sent = q->sent;
    ares_query(p->channels[q->server], qname, C_IN, qtype_code(q->a.qtype), on_reply, q);
    p->in_send--;
}

/* Ends every waiting query: not asked (PROBE_FAILED, a.error says why). */
static void give_up_waiting(struct probe *p)
{
    struct probe_query *q;

    while ((q = p->waiting)) {
        p->waiting = q->next;
        p->n_waiting--;
        q->a.outcome = PROBE_FAILED;
        q->a.rtt_ms = ms_since(&q->first_sent);
        deliver(q);
    }
    p->waiting_tail = NULL;
}

int probe_send(struct probe *p, size_t server, enum probe_qtype type, const char *qname)
{
    struct probe_query *q;
    int code = qtype_code(type);
    size_t len = qname ? strlen(qname) : 0;

    if (len > 1 && qname[len - 1] == '.')
        len--; /* kept in the answer without the root's dot */
    if (!p || p->closing || server >= p->n_servers || code < 0 || len == 0 || len > NAMES_FQDN_MAX)
        return CD_EINVAL;
    q = calloc(1, sizeof *q);
    if (!q)
        return CD_ENOMEM;
    q->p = p;
    q->server = server;
    q->number = p->n_queries++;
    q->a.qtype = type;
    q->a.outcome = PROBE_PENDING;
    snprintf(q->a.qname, sizeof q->a.qname, "%.*s", (int)len, qname);

    p->pending++;
    send_query(p, q, qname);
    return (int)q->number;
}

/* The queries that waited for a descriptor, sent again once one was freed; when nothing
 * is left in flight to free one, they end: not asked. */
static void retry_waiting(struct probe *p)
{
    struct probe_query *list = p->waiting, *q;

    if (!list || (p->sockets_closed == 0 && p->pending > p->n_waiting))
        return;
    p->sockets_closed = 0;
    p->waiting = p->waiting_tail = NULL;
    p->n_waiting = 0;
    while ((q = list)) {
        list = q->next;
        send_query(p, q, q->a.qname); /* back to the waiting list when it fails again */
    }
    deliver_deferred(p);
    if (p->waiting && p->pending == p->n_waiting)
        give_up_waiting(p);
}

/* --- event loop --------------------------------------------------------------------- */

size_t probe_pollfds(struct probe *p, struct pollfd *fds, size_t max)
{
    size_t n = 0;

    if (!p)
        return 0;
    p->n_owners = 0;
    if (p->cap_owners < p->n_servers * ARES_GETSOCK_MAXNUM) {
        size_t cap = p->n_servers * ARES_GETSOCK_MAXNUM;
        struct fd_owner *grown = realloc(p->owners, cap * sizeof *grown);
        if (!grown)
            return 0; /* probe_process() still expires the queries */
        p->owners = grown;
        p->cap_owners = cap;
    }
    for (size_t s = 0; s < p->n_servers; s++) {
        ares_socket_t socks[ARES_GETSOCK_MAXNUM];
        int bits = ares_getsock(p->channels[s], socks, ARES_GETSOCK_MAXNUM);
        for (int i = 0; i < ARES_GETSOCK_MAXNUM && n < max; i++) {
            bool r = ARES_GETSOCK_READABLE(bits, i), w = ARES_GETSOCK_WRITABLE(bits, i);
            if (!r && !w)
                break; /* the sockets come first, in order */
            fds[n] = (struct pollfd){.fd = socks[i],
                                     .events = (short)((r ? POLLIN : 0) | (w ? POLLOUT : 0))};
            p->owners[p->n_owners++] = (struct fd_owner){.fd = socks[i], .server = s};
            n++;
        }
    }
    return n;
}

static long tv_ms_ceil(const struct timeval *tv)
{
    /* Rounded up: polling for 0 ms while c-ares still waits for the last fraction would spin. */
    return (long)tv->tv_sec * 1000 + (tv->tv_usec + 999) / 1000;
}

int probe_timeout(struct probe *p, int max_ms)
{
    long best = max_ms;

    if (!p || p->pending == 0)
        return max_ms;
    if (p->deferred || (p->waiting && p->pending == p->n_waiting))
        return 0;
    for (size_t s = 0; s < p->n_servers; s++) {
        struct timeval tv, *t = ares_timeout(p->channels[s], NULL, &tv);
        if (t && (best < 0 || tv_ms_ceil(t) < best))
            best = tv_ms_ceil(t);
    }
    return (int)best;
}

/* Ends every query pending now with PROBE_FAILED; again if a callback asked for it. */
static void cancel_now(struct probe *p)
{
    do {
        p->cancel_wanted = false;
        deliver_deferred(p);
        give_up_waiting(p);
        /* ares_cancel() calls back every query with ARES_ECANCELLED (-> PROBE_FAILED). */
        for (size_t s = 0; s < p->n_servers; s++)
            ares_cancel(p->channels[s]);
    } while (p->cancel_wanted);
}

static bool owner_of(const struct probe *p, ares_socket_t fd, size_t *server)
{
    for (size_t i = 0; i < p->n_owners; i++) {
        if (p->owners[i].fd == fd) {
            *server = p->owners[i].server;
            return true;
        }
    }
    return false;
}

/* The rest of a closed port's queries end as CONNREFUSED now, not at their timeout. */
static void end_closed_ports(struct probe *p)
{
    for (size_t s = 0; s < p->n_servers; s++) {
        if (!p->state[s]->port_closed)
            continue;
        p->state[s]->port_closed = false;
        p->closing_server = s;
        ares_cancel(p->channels[s]);
        p->closing_server = (size_t)-1;
    }
}

void probe_process(struct probe *p, const struct pollfd *fds, size_t n)
{
    if (!p)
        return;
    deliver_deferred(p);
    for (size_t i = 0; i < n; i++) {
        size_t s;
        short ev = fds[i].revents;
        if (!ev || !owner_of(p, fds[i].fd, &s))
            continue;
        ares_socket_t r = (ev & (POLLIN | POLLERR | POLLHUP)) ? fds[i].fd : ARES_SOCKET_BAD;
        ares_socket_t w = (ev & POLLOUT) ? fds[i].fd : ARES_SOCKET_BAD;
        if (r != ARES_SOCKET_BAD || w != ARES_SOCKET_BAD)
            ares_process_fd(p->channels[s], r, w);
    }
    /* Every channel, ready or not, so its timeouts fire (as curl does). */
    for (size_t s = 0; s < p->n_servers; s++)
        ares_process_fd(p->channels[s], ARES_SOCKET_BAD, ARES_SOCKET_BAD);
    deliver_deferred(p); /* queries sent from callbacks that failed at once */
    end_closed_ports(p);
    retry_waiting(p);
    if (p->cancel_wanted)
        cancel_now(p);
}

void probe_cancel(struct probe *p)
{
    if (!p)
        return;
    /* ares_cancel() from inside a c-ares callback would end the query being answered a
     * second time; the probe call that made the callback cancels once it has returned. */
    if (p->in_callback) {
        p->cancel_wanted = true;
        return;
    }
    cancel_now(p);
}
