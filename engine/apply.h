/* Apply by dynamic update (RFC 2136): the fix's host records (rules_fix, from the last
 * check) for one DNS server, sent by the real `nsupdate` (BIND) with the nsupdate form of remedy on its
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

/* The TSIG key file for nsupdate -k: a regular file this user can read (else CD_EIO, d
 * naming it and why; a FIFO or a device is refused, as nsupdate would wait on it). When
 * users other than its owner may read or write it, *warning is filled (its code CD_OK; N_()
 * text naming the file and its mode) and the key is still usable: whoever reads a TSIG key
 * can change every zone it signs for, so it is kept as ssh keeps private keys, mode 0600.
 * warning->fmt is NULL when there is nothing to say. */
int apply_key_check(const char *path, struct cd_diag *warning, struct cd_diag *d);

/* The servers the fix adds or corrects records on, each once, in the order they first
 * appear, into out (initialised here; server_list_fini it). Empty when there is none.
 * CD_OK or CD_ENOMEM. */
int apply_servers(const struct checklist *cl, struct server_list *out);

/* The nsupdate script for server alone (the form remedy_emit makes, restricted to that
 * server's records), malloc'ed into *out; tr as in struct remedy_opts (NULL: English, the
 * text apply_server sends). CD_OK, CD_EINVAL (d names the value and its JSON path as
 * remedy_emit does) or CD_ENOMEM. */
int apply_script(const struct checklist *cl, const struct dns_server *server, remedy_tr_fn tr,
                 char **out, struct cd_diag *d);

/* Sends server's records by nsupdate and journals each as an action applied (nsupdate
 * succeeded) or failed (with why), by cl's operator and ticket, now. o may be NULL.
 * Returns CD_OK; CD_EINVAL as apply_script (nothing sent, nothing journaled); CD_ENOMEM
 * (nothing journaled); CD_EIO when nsupdate could not be run or did not end in time (it
 * is killed), d giving the reason; CD_EDNS when it ran and failed: d's message is
 * "SERVER: nsupdate: MESSAGE", the last lines nsupdate wrote. With CD_EIO and CD_EDNS the
 * actions are journaled as failed. */
int apply_server(struct checklist *cl, const struct dns_server *server,
                 const struct apply_opts *o, struct cd_diag *d);

/* The same without blocking, for an event loop: apply_start spawns nsupdate (NULL with d
 * filled when it cannot: the actions are journaled as failed if it was not run); poll
 * apply_job_fd (POLLIN; -1 once the output ended) with apply_job_timeout (ms) and call
 * apply_job_process after each poll until apply_job_done; then apply_job_finish journals
 * the actions, frees the job and returns as apply_server does. cl must outlive the job.
 * d may be NULL. */
struct apply_job;
struct apply_job *apply_start(struct checklist *cl, const struct dns_server *server,
                              const struct apply_opts *o, struct cd_diag *d);
int apply_job_fd(const struct apply_job *j);
int apply_job_timeout(const struct apply_job *j);
bool apply_job_done(const struct apply_job *j);
void apply_job_process(struct apply_job *j);
int apply_job_finish(struct apply_job *j, struct cd_diag *d);

#endif
