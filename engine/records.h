/* What the answers mean: for each server and each expected record, ok, missing, wrong or
 * unanswered; which server decides each name for the node, walking the order as the
 * Windows DNS client does (KB2834226: an answer or "name does not exist" ends the lookup,
 * a timeout, SERVFAIL or REFUSED moves on); the verdict; and a recommended order.
 * Pure functions of the answers: no I/O. */
#ifndef CLUSTERDNS_ENGINE_RECORDS_H
#define CLUSTERDNS_ENGINE_RECORDS_H

#include <stdbool.h>
#include <stddef.h>

#include "names.h"
#include "probe.h"
#include "servers.h"

#define RECORDS_NONE ((size_t)-1)

/* The KB's two hosts. */
enum records_host { HOST_EXCHANGE, HOST_CLUSTER, HOST_COUNT };

/* The questions asked of every server. */
enum records_query {
    QUERY_SOA,          /* SOA of the zone: reachable, authoritative, round trip */
    QUERY_EXCHANGE,     /* A (AAAA) of the Exchange FQDN */
    QUERY_CLUSTER,      /* A (AAAA) of the cluster FQDN */
    QUERY_EXCHANGE_PTR, /* PTR of the Exchange IP */
    QUERY_CLUSTER_PTR,  /* PTR of the cluster IP */
    QUERY_COUNT
};

enum record_status { REC_PENDING, REC_OK, REC_MISSING, REC_WRONG, REC_UNANSWERED };
enum server_role { ROLE_UNKNOWN, ROLE_LOCAL, ROLE_INTERNET };
enum verdict { VERDICT_INCOMPLETE, VERDICT_PASS, VERDICT_FAIL };

/* The expected records, validated (see check_target_set()). */
struct records_target {
    char zone[NAMES_FQDN_SIZE];
    char name[HOST_COUNT][NAMES_NETBIOS_MAX + 1];
    char fqdn[HOST_COUNT][NAMES_FQDN_SIZE];
    struct cd_ip ip[HOST_COUNT];
    char reverse[HOST_COUNT][NAMES_FQDN_SIZE];
};

struct records_server {
    enum server_role role;
    bool answered;      /* replied to anything at all */
    bool authoritative; /* SOA of the zone with the AA bit */
    double rtt_ms;      /* of the SOA query, < 0 when unanswered */
    enum probe_outcome soa; /* what it said to the SOA query */
    /* A malformed SOA's primary server, as the probe kept it (escaped), or "": evidence. */
    char soa_bad_name[NAMES_FQDN_SIZE];
    enum record_status status[QUERY_COUNT]; /* [QUERY_SOA] unused */
    /* The address a host's A (AAAA) record holds when it is wrong: evidence to name. */
    char wrong_addr[HOST_COUNT][NAMES_IP_SIZE];
    /* A question this host could not ask it (no file descriptor left, out of memory): the
     * errno (probe_answer.error), or 0 when every question went out. */
    int not_asked;
};

struct records_decision {
    size_t server;          /* the server whose reply the node takes, or RECORDS_NONE */
    enum record_status status; /* what that reply means for the record */
    enum probe_outcome outcome;
    size_t holder;          /* first server holding the right record, or RECORDS_NONE */
    size_t cause;           /* an Internet server listed before the holder that says
                               "name does not exist" (or has no data), or RECORDS_NONE */
};

/* The verdict is never PASS while a server was not asked (records_server.not_asked): a
 * lack on this host is no answer of the DNS; INCOMPLETE then. */
struct records_eval {
    size_t n;
    struct records_server *server;   /* n entries */
    struct records_decision decide[HOST_COUNT];
    enum verdict verdict;
    size_t *recommended;             /* n server indexes, best first */
    /* Every server has replied and none holds the zone, some saying it does not exist: a
     * misspelt zone, or a list without the local DNS. No server is called the Internet's
     * then: which one is local cannot be told. */
    bool zone_nowhere;
};

/* The same zone, names (as spelt), FQDNs and addresses. */
bool records_target_equal(const struct records_target *a, const struct records_target *b);

/* answers[i][q] is server i's reply to question q (PROBE_PENDING while waiting).
 * Fills out (allocating; free with records_eval_fini). CD_ENOMEM on failure. */
int records_evaluate(const struct records_target *t, const struct server_list *servers,
                     const struct probe_answer (*answers)[QUERY_COUNT], struct records_eval *out);
void records_eval_fini(struct records_eval *e);

#define RECORDS_FINDINGS_MAX (4 * HOST_COUNT + SERVERS_MAX + 2)

/* Why the verdict is what it is and what to do, one message a finding (fmt is N_(),
 * arguments filled; show with diag_format, save with diag_format_c). Writes at most max;
 * returns how many. */
size_t records_findings(const struct records_target *t, const struct server_list *servers,
                        const struct records_eval *e, struct cd_diag *out, size_t max);

/* The Windows DNS client's walk for one name over n replies in the node's order (at most
 * SERVERS_MAX): the index of the first that decides (an answer, "name does not exist", no
 * data), or RECORDS_NONE when none does; a reply still pending before it stops the walk
 * there (its index is returned, *pending set). pending may be NULL. The one walk: the
 * evaluation's and the rules' on a journal's order. */
size_t records_walk(const enum probe_outcome *outcomes, size_t n, bool *pending);

/* True when the recommended order differs from the node's. */
bool records_order_changes(const struct records_eval *e);

/* The status of one reply for an expected address (A/AAAA) or name (PTR). */
enum record_status records_status_addr(const struct probe_answer *a, const struct cd_ip *want);
enum record_status records_status_ptr(const struct probe_answer *a, const char *want_fqdn);

/* N_() text of a record's state for people: "ok", "missing", ... */
const char *record_status_text(enum record_status s);

#endif
