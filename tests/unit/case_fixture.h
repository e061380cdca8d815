/* Cases for the unit tests, built from synthetic answers (no network): the KB's target, and
 * check runs of servers of a few kinds, as check_to_checklist would append them. */
#ifndef CLUSTERDNS_TESTS_CASE_FIXTURE_H
#define CLUSTERDNS_TESTS_CASE_FIXTURE_H

#include <time.h>

#include "checklist.h"

enum fx_kind {
    FX_INTERNET,   /* "name does not exist" for everything, the zone too */
    FX_LOCAL,      /* authoritative for the zone, without the host records */
    FX_LOCAL_FULL, /* authoritative, with both host records and their PTR */
    FX_LOCAL_WRONG, /* authoritative, the cluster's record holds another address */
    FX_REFUSING,   /* REFUSED for everything */
    FX_RESOLVER,   /* REFUSED for the zone, but both host records right (a cache) */
    FX_SILENT,     /* no reply */
};

/* fabrikam.local, EXSRV 172.16.8.31, CLUSTER1 172.16.8.30. */
void fx_target(struct records_target *t);
/* A comma-separated --servers list (the test fails when it does not parse). */
void fx_servers(struct server_list *l, const char *csv);
/* The answers a server of kind k gives to the check's questions for t. */
void fx_answers(const struct records_target *t, enum fx_kind k,
                struct probe_answer out[QUERY_COUNT]);
/* Appends a check run of the servers csv, of kinds kinds[i], at time at by op; returns its
 * index. The case's names are set to the target's. */
size_t fx_run(struct checklist *cl, const char *csv, const enum fx_kind *kinds, time_t at,
              const char *op);

#endif
