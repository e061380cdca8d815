/* Apply by dynamic update (RFC 2136): the checklist's add_record and fix_record actions for
 * one DNS server, sent by the real `nsupdate` (BIND) with the nsupdate form of remedy on its
 * standard input, one transaction per server.
 *
 * nsupdate runs without a shell: the program is $NSUPDATE when set and not empty, else
 * "nsupdate" found on PATH; its arguments are "-t SECONDS" and, for a TSIG key, "-k FILE".
 * The script's values went through remedy's validation, so a hand-edited checklist cannot
 * put a command into it. nsupdate's own message (its standard output and error) is what
 * the diag carries when it fails ("update failed: REFUSED"). */
#ifndef CLUSTERDNS_ENGINE_APPLY_H
#define CLUSTERDNS_ENGINE_APPLY_H

#include <stdbool.h>
#include <stddef.h>

#include "checklist.h"
#include "diag.h"
#include "remedy.h"
#include "servers.h"

#define APPLY_TIMEOUT_S 10 /* nsupdate -t; the wait for it to end is a little longer */

struct apply_opts {
    const char *nsupdate; /* NULL: $NSUPDATE, else "nsupdate" on PATH */
    const char *key_file; /* NULL: no TSIG (nsupdate -k FILE otherwise) */
    int timeout_s;        /* <= 0: APPLY_TIMEOUT_S */
};

/* The servers cl's add_record and fix_record actions name (cl_action.server), each once, in
 * the order they first appear; *out is a malloc'ed array of n pointers into cl (borrowed
 * until cl changes; free() the array only). *n is 0 (and *out NULL) when there is none.
 * CD_OK or CD_ENOMEM. */
int apply_servers(const struct checklist *cl, const char ***out, size_t *n);

/* The nsupdate script for server alone (the form remedy_emit makes, restricted to that
 * server's record actions), malloc'ed into *out; tr as in struct remedy_opts (NULL:
 * English, the text apply_server sends). CD_OK, CD_EINVAL (d names the value and its JSON
 * path as remedy_emit does, and the path indexes cl->remediation) or CD_ENOMEM. */
int apply_script(const struct checklist *cl, const char *server, remedy_tr_fn tr, char **out,
                 struct cd_diag *d);

/* Sends server's record actions by nsupdate and marks each of them "applied" when nsupdate
 * succeeds, "failed" otherwise. o may be NULL. Returns CD_OK; CD_EINVAL as apply_script
 * (nothing sent, nothing marked); CD_ENOMEM (nothing marked); CD_EIO when nsupdate could
 * not be run or did not end in time (it is killed), d giving the reason; CD_EDNS when it
 * ran and failed: d's message is "SERVER: nsupdate: MESSAGE", the last lines nsupdate
 * wrote. With CD_EIO and CD_EDNS the actions are marked "failed". */
int apply_server(struct checklist *cl, const char *server, const struct apply_opts *o,
                 struct cd_diag *d);

/* The statuses of the actions sent (sent[0..n-1]), carried over to cl's remediation as made
 * by the check after sending: an action still to do takes the outcome of its attempt, one
 * no longer needed is kept with it, so the checklist says what was applied, where, and how
 * it went. CD_OK or CD_ENOMEM. */
int apply_keep_outcomes(struct checklist *cl, const struct cl_action *sent, size_t n);

/* The same without blocking, for an event loop: apply_start spawns nsupdate (NULL with d
 * filled when it cannot: the actions are marked "failed" if it was not run); poll
 * apply_job_fd (POLLIN; -1 once the output ended) with apply_job_timeout (ms) and call
 * apply_job_process after each poll until apply_job_done; then apply_job_finish marks the
 * actions, frees the job and returns as apply_server does. cl must outlive the job. */
struct apply_job;
struct apply_job *apply_start(struct checklist *cl, const char *server,
                              const struct apply_opts *o, struct cd_diag *d);
int apply_job_fd(const struct apply_job *j);
int apply_job_timeout(const struct apply_job *j);
bool apply_job_done(const struct apply_job *j);
void apply_job_process(struct apply_job *j);
int apply_job_finish(struct apply_job *j, struct cd_diag *d);

#endif
