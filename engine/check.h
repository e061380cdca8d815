/* One live check of the KB's host records: every question to every server at once through
 * the probe, the answers evaluated as they arrive (records), and the result written into a
 * checklist. Event-loop friendly: the caller polls check_pollfds() with its own fds. */
#ifndef CLUSTERDNS_ENGINE_CHECK_H
#define CLUSTERDNS_ENGINE_CHECK_H

#include <poll.h>
#include <stdbool.h>
#include <stddef.h>

#include "checklist.h"
#include "diag.h"
#include "probe.h"
#include "records.h"
#include "servers.h"

/* Validates and fills t: the zone, each host's NetBIOS name and resource IP, the FQDNs, the
 * reverse names, and the KB's rule that names and IPs differ. d names the field at fault. */
int check_target_set(struct records_target *t, const char *zone, const char *exchange_name,
                     const char *exchange_ip, const char *cluster_name, const char *cluster_ip,
                     struct cd_diag *d);

/* The question q asks of every server about t: its type and name (the zone's SOA, the A or
 * AAAA of a host's FQDN, the PTR of its reverse name); *qname points into t. */
void check_question(const struct records_target *t, enum records_query q, enum probe_qtype *type,
                    const char **qname);

/* Called each time all of one server's questions have been answered (or given up). */
typedef void (*check_server_cb)(void *arg, size_t server);

struct check;

/* Copies t and servers. timeout_ms <= 0 means the default. */
struct check *check_new(const struct records_target *t, const struct server_list *servers,
                        int timeout_ms, check_server_cb on_server, void *arg);
void check_free(struct check *c);

/* Sends every question to every server; answers from an earlier start are dropped. */
int check_start(struct check *c, struct cd_diag *d);
bool check_done(const struct check *c);

size_t check_pollfds(struct check *c, struct pollfd *fds, size_t max);
int check_timeout(struct check *c, int max_ms);
void check_process(struct check *c, const struct pollfd *fds, size_t n);
/* Runs the loop until done (the command line's use). */
int check_run(struct check *c, struct cd_diag *d);

const struct server_list *check_servers(const struct check *c);
const struct records_target *check_target(const struct check *c);
const struct probe_answer *check_answer(const struct check *c, size_t server, enum records_query q);
/* The evaluation of the answers so far; valid until the next check_process(). */
const struct records_eval *check_eval(struct check *c);

/* Appends the check's answers to cl's journal as a check run by who
 * (checklist_add_check); call once check_done(). Returns the run's index, or CD_ENOMEM,
 * CD_EINVAL (too many runs). */
int check_to_checklist(struct check *c, struct checklist *cl, const struct cl_who *who);

#endif
