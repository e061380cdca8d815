/* One wizard session: what the operator entered, whether each field holds, the live DNS
 * answers, which KB step may be left, and the checklist (the case and its journal) that
 * records it all. No screens and no curses here: the front end turns keys into these calls
 * and draws what they report, so every rule of the wizard is testable without a terminal.
 * The judgements are the engine's rules (rules.h), the same for the command line.
 *
 * The journal follows what the operator acts on: a complete check becomes its last run at
 * once, but is replaced by the next one (the operator is still typing) until a "commit":
 * finishing a step, saving, checking again, applying, taking the recommended order,
 * importing the node's servers, confirming the order. A commit also notes the server list:
 * as the node's order as found (when the operator gave it and none is known), else, when it
 * changed, as a reorder planned.
 *
 * DNS work is asynchronous: the session owns probes and a check whose sockets the caller
 * polls beside the terminal (session_pollfds/session_timeout/session_process). */
#ifndef CLUSTERDNS_ENGINE_SESSION_H
#define CLUSTERDNS_ENGINE_SESSION_H

#include <poll.h>
#include <stdbool.h>
#include <stddef.h>

#include "check.h"
#include "checklist.h"
#include "cluster_text.h"
#include "diag.h"
#include "import.h"
#include "probe.h"
#include "records.h"
#include "servers.h"

/* The fields a person types. */
enum session_field {
    SF_GROUP,
    SF_ZONE,
    SF_EXCHANGE_NAME,
    SF_EXCHANGE_IP,
    SF_CLUSTER_NAME,
    SF_CLUSTER_IP,
    SF_OPERATOR,
    SF_TICKET,
    SF_NOTES,  /* the summary step's notes */
    SF_OUTPUT, /* where the checklist is saved */
    SF_COUNT
};

enum session_symptom { SYMPTOM_SETUP_HANGS, SYMPTOM_OVERLAPPED_IO, SYMPTOM_EVENT_4058, SYMPTOM_COUNT };

#define SESSION_TEXT_MAX 4096 /* bytes of one field's text, NUL included */
#define SESSION_GROUPS_MAX 64

struct session_options {
    const char *zone;       /* preset (wins over a loaded zone), or NULL */
    const char *servers;    /* --servers list (wins over a loaded list), "" for no server at
                               all, or NULL: the loaded list, else this host's resolver (an
                               empty list when it gives none) */
    const char *load;       /* --load FILE, or NULL */
    const char *output;     /* --output FILE, or NULL: the loaded file itself, else the default
                               under the state folder (left empty when there is none) */
    int timeout_ms;         /* <= 0: the default */
};

struct session;

/* Creates a session. With o->load, the saved checklist is read (d says why when it cannot
 * be; nothing is written) and every field, symptom, step and server (checklist_servers: the
 * order its journal ends with) comes from it, its lookups too (shown at once when they are
 * for the same names and servers); every field is validated (a bad value shows as its error;
 * an empty one counts as never set), the full check starts at once, and the session counts
 * as saved. o->servers are taken as the node's order as found (unless the file knows one).
 * Returns NULL with d filled on failure: the file, a bad o->servers entry (d->where
 * "dns_servers[i]"), or a loaded server address that is not one. */
struct session *session_new(const struct session_options *o, struct cd_diag *d);
void session_free(struct session *s);

/* --- fields ------------------------------------------------------------------------- */
const char *session_text(const struct session *s, enum session_field f);
/* Stores text and validates it with the engine's rules (names, addresses, the KB's
 * "must differ"); returns CD_OK or CD_EINVAL with the rule in d and in session_error().
 * An empty optional field (operator, ticket, notes) is fine. A valid name or zone starts its
 * live lookups at once. Marks the session unsaved when the text changed.
 * Every field is checked again on each change, as one depends on another (the zone on the
 * names' FQDN length, the cluster name and IP on the Exchange ones): the KB's "must differ"
 * shows on the cluster name or IP, so setting the Exchange field returns CD_OK and the
 * error appears (or clears) on the cluster field. Group, operator and ticket: UTF-8 without
 * control characters, at most 127 bytes (the group is required); notes: at most 2047 bytes,
 * new lines and tabs allowed; SF_OUTPUT: not empty, not ending with "/". Text of
 * SESSION_TEXT_MAX bytes or more is refused and the field keeps its text. */
int session_set_text(struct session *s, enum session_field f, const char *text, struct cd_diag *d);
/* The rule the field breaks now, or NULL. Fields never set report nothing. */
const struct cd_diag *session_error(const struct session *s, enum session_field f);
bool session_valid(const struct session *s, enum session_field f);
/* N_() label of a field, "Exchange network name". */
const char *session_field_label(enum session_field f);

/* --- symptoms ----------------------------------------------------------------------- */
enum tri session_symptom(const struct session *s, enum session_symptom which);
void session_set_symptom(struct session *s, enum session_symptom which, enum tri seen);
/* Cycles unknown -> yes -> no -> unknown (what Space does). */
void session_toggle_symptom(struct session *s, enum session_symptom which);
/* True when every symptom was seen: the KB applies. */
bool session_symptoms_match(const struct session *s);

/* --- the Exchange group ------------------------------------------------------------- */
/* The group choices, from an import_result (engine/import.h): copies, up to
 * SESSION_GROUPS_MAX. Not part of the checklist. */
int session_set_groups(struct session *s, const char (*names)[IMPORT_NAME_SIZE], size_t n);
size_t session_groups(const struct session *s);
const char *session_group(const struct session *s, size_t i);

/* --- DNS servers in the node's order ------------------------------------------------- */
const struct server_list *session_servers(const struct session *s);
/* Appends one server ("IP", "IP:PORT", "[IPv6]:PORT"); CD_EINVAL for bad text or a server
 * already listed ("... is already in the list, at position N"). */
int session_server_add(struct session *s, const char *text, struct cd_diag *d);
void session_server_remove(struct session *s, size_t i);
/* Moves server i one place up (-1) or down (+1); returns its new index (the same at either
 * end, or i itself when there is no server i). */
size_t session_server_move(struct session *s, size_t i, int delta);
/* Replaces the list with a copy of l (an import's servers, in the node's order). CD_ENOMEM
 * leaves it as it was. */
int session_servers_replace(struct session *s, const struct server_list *l);
/* Puts srv back at index i (the end when i is past it): undoing a removal. A server already
 * listed stays where it is (CD_OK). */
int session_server_insert(struct session *s, size_t i, const struct dns_server *srv,
                          struct cd_diag *d);
/* Takes the order the last complete check recommends (a reorder planned: the node itself
 * changes only when the operator does it there); false when there is none yet, or when it
 * was made for other names or another set of servers. True without any change (nothing is
 * sent again) when the list is already in that order. */
bool session_take_recommended(struct session *s);
/* The order session_take_recommended would take when it differs from the list, else NULL
 * (borrowed until the next call that changes the session). */
const struct server_list *session_recommended(struct session *s);

/* --- the node's order ------------------------------------------------------------------ */
/* The node's order as the journal knows it (as found, or as last confirmed), or NULL. */
const struct server_list *session_node_order(const struct session *s);
/* The order the operator would confirm now: the wizard's list when it differs from the
 * node's; NULL when there is nothing to confirm. */
const struct server_list *session_order_to_confirm(const struct session *s);
/* The operator confirms that the node's DNS order was changed, on the node, to the
 * wizard's list: journaled (who and when), the node's order from now on. Call only after
 * the operator said so. CD_EINVAL (d says why) when nothing is to confirm. */
int session_confirm_order(struct session *s, struct cd_diag *d);

/* --- live answers ------------------------------------------------------------------- */
/* What server i answers today for host h's FQDN (as soon as zone and name are valid):
 * NULL when not asked, outcome PROBE_PENDING while waiting. */
const struct probe_answer *session_lookup(const struct session *s, enum records_host h, size_t i);
/* What that answer means for the address typed for host h (the records rule): ok, wrong
 * (another address), missing, unanswered; REC_PENDING while waiting or not asked. While
 * the IP field does not hold, any address counts as ok. */
enum record_status session_lookup_status(const struct session *s, enum records_host h, size_t i);
/* The full check of every record on every server: started when the zone, both names, both
 * IPs and at least one server are valid, and again after any of them changes. NULL until
 * then. */
struct check *session_check(struct session *s);
/* Starts the full check again now (the "check again" key). */
int session_recheck(struct session *s, struct cd_diag *d);
/* True while any lookup or check waits for a reply. */
bool session_busy(const struct session *s);

/* Fills fds (at most max) with the sockets of the lookups and of the check, in that order,
 * and remembers which are whose. */
size_t session_pollfds(struct session *s, struct pollfd *fds, size_t max);
/* Milliseconds until the next DNS deadline, at most max_ms (-1: no cap; -1 is returned
 * when nothing is pending). */
int session_timeout(struct session *s, int max_ms);
/* After poll(), with the array session_pollfds() filled (n may be smaller, 0 after EINTR):
 * reads what is ready and expires what timed out. A probe or check replaced since
 * session_pollfds() only gets its timeouts. Returns true when an answer arrived (the
 * screen should be drawn again). */
bool session_process(struct session *s, const struct pollfd *fds, size_t n);

/* --- applying the fix ------------------------------------------------------------------ */
/* What session_apply would send now, exactly as nsupdate gets it: per server, the script
 * (English: "server", "zone", each "update delete" and "update add", "send", and comments).
 * The records the last complete check found missing (or wrong) on each local DNS that is
 * authoritative for the zone (rules_fix). CD_EINVAL with the reason when there is nothing to send, the
 * check has not finished or the records are being sent; p is then empty. */
struct apply_plan_item {
    char server[SERVERS_TEXT_SIZE];
    char *script;
};
struct apply_plan {
    struct apply_plan_item *v;
    size_t n;
};
int session_apply_plan(struct session *s, struct apply_plan *p, struct cd_diag *d);
void apply_plan_fini(struct apply_plan *p);
/* Sends exactly the plan the operator was shown and confirmed, by dynamic update through
 * the real nsupdate, one server after the other, without blocking (the job's output is
 * among session_pollfds); then checks again. When what would be sent now is not `shown`
 * (a check ended meanwhile), nothing is sent: CD_EINVAL. The outcome of each update is
 * journaled (applied, or failed with why). */
int session_apply(struct session *s, const struct apply_plan *shown, struct cd_diag *d);
bool session_applying(const struct session *s);
/* The last failure of the last session_apply (NULL when none) and how many servers failed. */
const struct cd_diag *session_apply_error(const struct session *s, size_t *failed);
/* Actions applied by the last session_apply. */
size_t session_applied(const struct session *s);

/* --- steps ---------------------------------------------------------------------------- */
/* May the operator leave step id forward? When not, why names the field and the rule
 * ("Exchange IP address: ...", "Give at least one DNS server", "Still waiting for answers from 2 DNS server(s): at
 * most 1.4 s more ...").
 * The symptoms step never blocks (the KB may not apply, but the operator may go on).
 * group: SF_GROUP valid. names: zone, both names and IPs valid and distinct (why: the first
 * field, in the form's order, that is not). dns_order and host_records: the names as for
 * names, at least one server, and the check finished. summary: SF_OUTPUT valid. */
bool session_step_ready(struct session *s, enum step_id id, struct cd_diag *why);
/* The field that keeps step id from being ready, the one session_step_ready's why names
 * (group, names and summary), or -1: none, or what is missing is not a field. */
int session_step_fault(const struct session *s, enum step_id id);
/* Completes step id by the operator, now (a commit): done, or for dns_order and
 * host_records what the rules say of the last check (rules_step: pending without one); its
 * notes stay. */
void session_step_finish(struct session *s, enum step_id id);
/* The first step that is not done, or that no longer holds by the live check: where a
 * resumed session opens. Call when !session_busy() for the live part to count. Steps marked
 * skipped are passed over; a done group or names step whose fields no longer hold, or a done
 * DNS step without servers, opens again. STEP_SUMMARY when every step is done and holds. */
enum step_id session_resume_step(struct session *s);

/* --- the checklist ------------------------------------------------------------------ */
/* The case and its journal as they are (written as things change, not on this call; the
 * last run is the last complete check). Valid until the next mutating call. */
const struct checklist *session_checklist(struct session *s);
const char *session_output(const struct session *s);
/* True after a change of a field's text, a symptom, the servers, a step, an apply, a check
 * asked for or a confirmation since the last session_save() or the load (not after a check
 * of its own, nor a group import). */
bool session_unsaved(const struct session *s);
/* Commits, keeps the lookups, and saves atomically to SF_OUTPUT (creating its folder and the
 * missing ones above it: 0700 inside the state folder, else 0777 less the umask); on failure (CD_EINVAL: SF_OUTPUT
 * breaks its rule; CD_EIO) everything stays in memory and d says why, so the operator can
 * save elsewhere. */
int session_save(struct session *s, struct cd_diag *d);
/* session_save with the last step finished when it holds; when the save fails the step
 * stays as it was (a failed save finishes nothing). */
int session_save_finished(struct session *s, struct cd_diag *d);
/* Why the last session_save failed, or NULL (it did not, or none was tried). */
const struct cd_diag *session_save_error(const struct session *s);
/* True once a session_save succeeded. */
bool session_saved_once(const struct session *s);
/* True when SF_OUTPUT's folder does not exist (dir gets it, size n) and is not in the state
 * folder: saving would create it, which the operator is asked first. */
bool session_output_folder_missing(const struct session *s, char *dir, size_t n);
/* Emergency save for SIGTERM/SIGHUP: beside the target, "<output>.unsaved.json" (with no
 * valid target, "clusterdns-checklist.unsaved.json" in the current folder); writes the path
 * used into path (size n, cut to fit). Call it from the loop, not from a signal handler. The
 * target itself is not saved, so the session stays unsaved. */
int session_save_beside(struct session *s, char *path, size_t n, struct cd_diag *d);
/* The default target: $XDG_STATE_HOME/clusterdns/ (else ~/.local/state/clusterdns/)
 * checklist-YYYYMMDD-HHMMSS.json, local time. CD_EINVAL (path "") when neither variable
 * gives a folder (a relative $XDG_STATE_HOME is ignored, as the XDG spec says) or n is too
 * small. */
int session_default_output(char *path, size_t n);

#endif
