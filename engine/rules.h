/* The rules of the case, each in one place, called by every front end (the wizard's
 * session, `check`, `fix`, `report`) on the one model (checklist.h): what "done" means for
 * the KB's DNS steps, and the fix to make. Pure functions of the checklist: no I/O.
 *
 * Each reads the last check run only: what an earlier check found is history, not the
 * state of the case. */
#ifndef CLUSTERDNS_ENGINE_RULES_H
#define CLUSTERDNS_ENGINE_RULES_H

#include <stdbool.h>
#include <stddef.h>

#include "checklist.h"

/* Host records (KB: "within the local network DNS, add host (A) records"): the run shows a
 * local DNS (a server whose role is local: it answers for the zone) holding both right host
 * records. false for NULL. */
bool rules_records_held(const struct cl_run *run);

/* Walking order as the node does, with the run's answers: does the node take each name
 * from a server that holds the right record, or from the local DNS that answers for the
 * zone with authority (where the fix adds or corrects the record)? A server of order the
 * run did not ask counts as unknown, which ends the walk unsettled (false). */
bool rules_order_resolves(const struct cl_run *run, const struct server_list *order);

/* DNS order (KB: "the DNS server on the local network is used before the DNS server on the
 * Internet"): the operator confirmed the node's order was changed (the last change of it
 * the journal knows), or the node's order (checklist_node_order: as found, or as seen; the
 * order the run asked when neither is known) already puts a server holding the records
 * (or the local DNS that is to hold them) first: rules_order_resolves with the last run's
 * answers. false without a run. */
bool rules_order_holds(const struct checklist *cl);

/* The state step id takes when it is completed now: dns_order and host_records by the
 * rules above on the last run (STEP_PENDING without a finished one), the others done. */
enum step_status rules_step(const struct checklist *cl, enum step_id id);

/* One host record to change on one server. */
struct rules_fix_record {
    enum cl_action_kind kind; /* ACTION_ADD_RECORD, or ACTION_FIX_RECORD (another address) */
    size_t server;            /* index in the run's servers */
    enum records_host host;
};

/* The fix to make, always from the last check: each local DNS that answers with authority
 * for the zone gets the host records it lacks or holds wrong; and the node's order changes
 * when it does not hold (rules_order_holds) or another one is planned: to the order planned
 * in the tool when that one resolves both names (or the node's holds already), else to the
 * run's recommended order; not when that is the node's order already. */
struct rules_fix {
    const struct cl_run *run; /* the last check; NULL: nothing is known, nothing to fix */
    struct rules_fix_record records[SERVERS_MAX * HOST_COUNT];
    size_t n;
    bool reorder;
    struct server_list order; /* when reorder: the node's order to set, best first */
    /* The order as the node has it, as far as the journal knows (the order the run asked
     * when it knows nothing); NULL without a run. Borrowed from the checklist. */
    const struct server_list *node;
};

/* Fills f (overwritten; free with rules_fix_fini) from cl, which must outlive it. CD_OK or
 * CD_ENOMEM. */
int rules_fix(const struct checklist *cl, struct rules_fix *f);
void rules_fix_fini(struct rules_fix *f);

/* The rule of free text the operator gives (group, operator, ticket, notes): UTF-8 without
 * control characters (new lines and tabs too when multiline), at most max bytes, not empty
 * when required. CD_OK, or CD_EINVAL with d naming field and the rule. */
int rules_text(const char *text, size_t max, bool multiline, bool required, const char *field,
               struct cd_diag *d);

#endif
