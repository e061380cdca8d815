/* The checklist: the typed model of one case (Microsoft KB Q263029), owned by the engine,
 * and a journal of what happened to it: the node's DNS order as found and each change,
 * every check run with its answers, every action (applied by the tool, seen done outside
 * it, planned, confirmed by the operator), each with who and when. The wizard's session,
 * `check`, `fix` and `report` read and change it through these calls; the judgements
 * (a step done, the verdict, the fix to make, what is left) are rules.h's.
 *
 * Everything here is typed (enumerations, parsed addresses and servers); names appear only
 * in the JSON codec (checklist_json.h). Strings are plain C strings, untranslated. Arrays are
 * owned by the checklist. */
#ifndef CLUSTERDNS_ENGINE_CHECKLIST_H
#define CLUSTERDNS_ENGINE_CHECKLIST_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "diag.h"
#include "fileio.h"
#include "names.h"
#include "probe.h"
#include "records.h"
#include "servers.h"

#define CHECKLIST_KB "Q263029"
#define CHECKLIST_SHORT 128     /* operator, ticket, group */
#define CHECKLIST_NOTES 2048
#define CHECKLIST_MESSAGE 256   /* what nsupdate said */
#define CHECKLIST_RUNS_MAX 256  /* check runs kept */
#define CHECKLIST_ITEMS_MAX 1024 /* actions, records, lookups */
#define CHECKLIST_NONE ((size_t)-1)

enum step_id {
    STEP_SYMPTOMS,
    STEP_GROUP,
    STEP_NAMES,
    STEP_DNS_ORDER,
    STEP_HOST_RECORDS,
    STEP_SUMMARY,
    STEP_COUNT
};

enum step_status { STEP_PENDING, STEP_DONE, STEP_SKIPPED, STEP_FAILED };

/* A yes/no that may not be known yet (JSON null). */
enum tri { TRI_UNKNOWN = 0, TRI_NO, TRI_YES };

/* Who did something, and when: every event of the journal carries its own, so that a case
 * two operators worked on says who did what. at 0: never (JSON null). */
struct cl_who {
    time_t at;
    char operator_name[CHECKLIST_SHORT];
    char ticket[CHECKLIST_SHORT];
};

struct cl_step {
    enum step_status status;
    struct cl_who done; /* done.at: when it was completed, 0 when not */
    char notes[CHECKLIST_NOTES];
};

/* A host as the operator typed it (the case may be half done: not validated). */
struct cl_host {
    char name[NAMES_NETBIOS_MAX + 1];
    char fqdn[NAMES_FQDN_SIZE];
    char ip[NAMES_IP_SIZE];
};

struct cl_symptoms {
    enum tri setup_hangs;   /* IMS setup stops responding while starting services */
    enum tri overlapped_io; /* "Overlapped I/O operation is in progress", ID 0xc00203e5 */
    enum tri event_4058;    /* EventID 4058 in the application log */
};

/* One check run: what was asked (the target, the servers in the order asked), each answer
 * as it came, and their judgement by records_evaluate (computed when the run is added or
 * loaded, never stored apart from the answers). */
struct cl_run {
    struct cl_who who;
    struct records_target target;
    struct server_list servers;
    struct probe_answer (*answers)[QUERY_COUNT]; /* [server][question] */
    struct records_eval eval;
};

enum cl_action_kind { ACTION_ADD_RECORD, ACTION_FIX_RECORD, ACTION_REORDER };

enum cl_action_status {
    ACTION_PLANNED,   /* decided in the tool (the wizard's order), not done on the node yet */
    ACTION_APPLIED,   /* done by the tool (dynamic update), with success */
    ACTION_FAILED,    /* tried by the tool, without success */
    ACTION_SEEN_DONE, /* done outside the tool: missing in one check, right in the next */
    ACTION_CONFIRMED, /* done on the node, as the operator confirms */
};

/* One thing done (or planned) to fix the case. */
struct cl_action {
    enum cl_action_kind kind;
    enum cl_action_status status;
    struct cl_who who;
    /* add_record, fix_record: the record, on which server */
    struct dns_server server;
    enum records_host host;
    enum probe_qtype type; /* PROBE_A or PROBE_AAAA */
    char name[NAMES_FQDN_SIZE];
    char value[NAMES_IP_SIZE];
    /* reorder: the node's order, best first */
    struct server_list order;
    size_t check; /* the run it rests on (the last before it), or, seen done, the run that
                     shows it; CHECKLIST_NONE when there was none */
    size_t since; /* seen done: the run that still lacked it; else CHECKLIST_NONE */
    char message[CHECKLIST_MESSAGE]; /* applied, failed: what the DNS server said */
};

/* One name of the names step asked of one server (the wizard's live lookups), kept so that a
 * resume shows what was seen. */
struct cl_lookup {
    struct cl_who who; /* when it was answered */
    struct dns_server server;
    struct probe_answer answer; /* qname, qtype, outcome, addresses */
};

struct checklist {
    char tool_version[32];
    time_t created, updated;
    /* The case: who works on it now, and what was typed. */
    char operator_name[CHECKLIST_SHORT]; /* JSON "operator" */
    char ticket[CHECKLIST_SHORT];
    char group[CHECKLIST_SHORT];
    char zone[NAMES_FQDN_SIZE];
    struct cl_host exchange, cluster;
    struct cl_symptoms symptoms;
    struct cl_step steps[STEP_COUNT];

    /* The journal. */
    struct cl_who found_who;     /* found_who.at 0: the order found is not known */
    struct server_list found;    /* the node's DNS order as found */
    struct cl_run *runs;         /* every check run, oldest first */
    size_t n_runs;
    struct cl_action *actions;   /* oldest first */
    size_t n_actions;
    struct cl_lookup *lookups;   /* the last live lookups */
    size_t n_lookups;
};

/* Empty checklist: created = updated = now, tool_version = PACKAGE_VERSION, steps pending,
 * nothing in the journal. */
void checklist_init(struct checklist *cl);
void checklist_fini(struct checklist *cl);

/* The case's names are those of t (zone, names, FQDNs, addresses as checked). */
void checklist_set_target(struct checklist *cl, const struct records_target *t);

/* Now, by the checklist's operator and ticket. */
void checklist_who(const struct checklist *cl, struct cl_who *who);

/* ---- the node's order ------------------------------------------------------------------- */
/* Records servers as the node's order as found, by who, unless one is known already (then
 * nothing changes). CD_OK, CD_ENOMEM. */
int checklist_set_found(struct checklist *cl, const struct server_list *servers,
                        const struct cl_who *who);
/* The order a check asks: that of the last order event (the found order, or a reorder
 * planned, confirmed or seen), else the servers of the last check run; NULL when none. */
const struct server_list *checklist_servers(const struct checklist *cl);
/* The node's order as the journal knows it: the last reorder confirmed or seen done, else
 * the order found; NULL when not known. */
const struct server_list *checklist_node_order(const struct checklist *cl);
/* The order planned in the tool and not on the node yet (the last planned reorder, when it
 * differs from the node's order); NULL when none. */
const struct server_list *checklist_planned_order(const struct checklist *cl);
/* What both front ends do with the servers a check is about to ask: the found order when
 * none is known and from_node (they were read from the node or given for it), else a
 * reorder planned by who when they differ from checklist_servers(). CD_OK, CD_ENOMEM. */
int checklist_note_servers(struct checklist *cl, const struct server_list *servers,
                           bool from_node, const struct cl_who *who);
/* The operator confirms that the node's order was changed to the one planned: a reorder
 * confirmed by who. CD_EINVAL (d says so) when no change is planned. */
int checklist_confirm_order(struct checklist *cl, const struct cl_who *who, struct cd_diag *d);

/* ---- check runs ------------------------------------------------------------------------- */
/* Appends a check run (copies of target, servers and answers, judged by records_evaluate)
 * by who, and the records it shows done outside the tool (seen done: missing or wrong in
 * the previous run of the same target on that server, right now, and not applied by the
 * tool in between). Works on any checklist, loaded or live. Returns the run's index, or
 * CD_ENOMEM, or CD_EINVAL past CHECKLIST_RUNS_MAX. */
int checklist_add_check(struct checklist *cl, const struct records_target *t,
                        const struct server_list *servers,
                        const struct probe_answer (*answers)[QUERY_COUNT],
                        const struct cl_who *who);
/* The same without the seen-done inference: a run as a file holds it (the codec's). */
int checklist_put_run(struct checklist *cl, const struct records_target *t,
                      const struct server_list *servers,
                      const struct probe_answer (*answers)[QUERY_COUNT], const struct cl_who *who);
/* Removes the last run and the actions it alone showed (the wizard's provisional run,
 * replaced by a newer one). */
void checklist_drop_last_check(struct checklist *cl);
/* The last check run, or NULL. */
const struct cl_run *checklist_last_check(const struct checklist *cl);

/* ---- actions ---------------------------------------------------------------------------- */
/* Appends a copy of a (its order copied too). CD_OK, CD_ENOMEM, CD_EINVAL past
 * CHECKLIST_ITEMS_MAX. */
int checklist_add_action(struct checklist *cl, const struct cl_action *a);
void cl_action_init(struct cl_action *a);
void cl_action_fini(struct cl_action *a);

/* ---- lookups ---------------------------------------------------------------------------- */
/* Replaces the kept lookups with n copies (v may be NULL when n is 0). */
int checklist_set_lookups(struct checklist *cl, const struct cl_lookup *v, size_t n);

/* ---- steps ------------------------------------------------------------------------------ */
/* Marks step id completed by who: done, or for the DNS order and host records steps what
 * the rules say of the last check (rules_step). The notes stay. */
void checklist_finish_step(struct checklist *cl, enum step_id id, const struct cl_who *who);
/* What a check run from the command line proves (`check`, `fix --apply`, `recheck
 * --update`): updated set to who's time, and the names, DNS order and host records steps
 * completed by who, each as the rules say of the last check (checklist_finish_step). */
void checklist_finish_checked_steps(struct checklist *cl, const struct cl_who *who);
/* The DNS order and host records steps already completed take what the rules say of the
 * last check now (a step failed on an earlier check holds once the records are added); when
 * and by whom they were completed stays. */
void checklist_rejudge_steps(struct checklist *cl);

/* ---- files (the JSON text of checklist_json.h) ------------------------------------------ */
#define CHECKLIST_FILE_MAX FILEIO_READ_MAX /* checklist_load refuses larger files */

/* Saves by fileio_write (fileio.h): atomically, a new file mode 0600, an existing one
 * keeping its mode, never through a symbolic link, nothing but a regular file replaced.
 * On failure (CD_EIO, with path and the reason in d) the old file is untouched and the
 * temporary removed, except when only the final fsync of the folder fails: the new file is
 * then in place. CD_EINVAL as checklist_to_json. */
int checklist_save(const struct checklist *cl, const char *path, struct cd_diag *d);

/* Loads path as checklist_from_json does, read by fileio_read (a regular file only, never
 * blocking); never writes anything. CD_EIO when it cannot be read (path and the reason in
 * d), CD_EFORMAT for a file over CHECKLIST_FILE_MAX. */
int checklist_load(const char *path, struct checklist *cl, struct cd_diag *d);

/* ISO 8601 UTC, "2026-11-25T12:00:00Z", into buf (at least 21 bytes; "" when n is smaller
 * or t is outside the years 1970 to 9999); and back, exactly that form, -1 on error. */
const char *checklist_time_format(time_t t, char *buf, size_t n);
time_t checklist_time_parse(const char *s);

#endif
