/* What changed between two checks of one case: a verdict that flipped, a server that
 * stopped answering (or answers again), a host record whose state changed on a server
 * that answered both times (one that turned missing, wrong or unanswered, or one that is
 * right now). For `recheck`, which compares each file's last check with the new one.
 *
 * A check is compared through its digest: the verdict and, per server, whether it answered
 * and each record's state, as records_evaluate judged them. A digest is small, so that a
 * thousand files can wait for their answers without their checklists in memory. Servers
 * are matched by address and port, not by position: the order may have changed. Pure
 * functions: no I/O. */
#ifndef CLUSTERDNS_ENGINE_CHANGES_H
#define CLUSTERDNS_ENGINE_CHANGES_H

#include <stdbool.h>
#include <stddef.h>

#include "names.h"
#include "records.h"
#include "servers.h"

struct digest_server {
    struct cd_ip ip;
    unsigned port;
    bool answered;                          /* replied to anything at all */
    enum record_status status[QUERY_COUNT]; /* [QUERY_SOA] unused */
};

struct check_digest {
    enum verdict verdict;
    size_t n;
    struct digest_server *server; /* n entries, in the order asked */
};

/* Fills d (allocating; free with check_digest_fini) from a check's servers and their
 * evaluation. CD_OK or CD_ENOMEM (d is then empty). */
int check_digest_of(struct check_digest *d, const struct server_list *servers,
                    const struct records_eval *e);
void check_digest_fini(struct check_digest *d);

enum change_kind {
    CHANGE_VERDICT,       /* before.verdict -> after.verdict */
    CHANGE_NAMES,         /* the last check was of other names or addresses: records not
                             compared */
    CHANGE_SERVER_SILENT, /* a server that answered the last check answers nothing now */
    CHANGE_SERVER_BACK,   /* a server silent at the last check answers now */
    CHANGE_RECORD,        /* a record's state on a server: before -> after */
};

struct change {
    enum change_kind kind;
    size_t server;                    /* the server's index in the new check (server changes,
                                         records) */
    enum records_query query;         /* CHANGE_RECORD: which record */
    enum record_status before, after; /* CHANGE_RECORD */
    enum verdict was, now;            /* CHANGE_VERDICT */
};

/* At most this many changes between two checks. */
#define CHANGES_MAX (2 + SERVERS_MAX * (QUERY_COUNT + 1))

/* The changes from before to after, verdict first, then by server in after's order, at
 * most max into out; returns how many. same_names: both checks were of the same names and
 * addresses (records_target_equal); when not, CHANGE_NAMES stands for the records. A
 * server's records are not listed when the server itself stopped answering or answers
 * again: that change says it. */
size_t changes_between(const struct check_digest *before, const struct check_digest *after,
                       bool same_names, struct change *out, size_t max);

#endif
