/* The inside of a wizard session, shared by its modules (not part of the engine's API):
 * session.c (lifecycle, the journal, steps, saving), session_fields.c (fields and their
 * rules, symptoms, groups), session_servers.c (the server list), session_live.c (live
 * lookups and the full check), session_apply.c (the apply queue). */
#ifndef CLUSTERDNS_ENGINE_SESSION_PRIV_H
#define CLUSTERDNS_ENGINE_SESSION_PRIV_H

#include <time.h>

#include "apply.h"
#include "import.h"
#include "session.h"

#define SESSION_NUM_SIZE 24 /* a size_t in decimal */

/* One field as typed, and what the rules say of it now. Every field is validated on every
 * change (the zone changes what a name may be, one name what the other may be), whether
 * or not it was ever set; `touched` only decides whether session_error() shows it. */
struct field {
    char text[SESSION_TEXT_MAX];
    bool touched;
    bool valid;
    struct cd_diag diag;
};

struct session {
    int timeout_ms;
    struct field f[SF_COUNT];
    char zone[NAMES_FQDN_SIZE];  /* normalised, while SF_ZONE is valid */
    struct cd_ip ip[HOST_COUNT]; /* while the host's IP field is valid */
    bool unsaved;

    /* The case and its journal: the one model. The fields' values are written into it as
     * they change (session_fields.c); check runs, orders and actions as they happen. */
    struct checklist cl;

    char groups[SESSION_GROUPS_MAX][IMPORT_NAME_SIZE]; /* the choices of the group step */
    size_t n_groups;

    /* The servers in the order the wizard checks them. from_node: the operator gave them
     * (an option, a resumed file, an import, one typed), so they may be the node's order as
     * found; not so for this host's resolver, the default. changed_at: when they last
     * changed, for the reorder the journal then records. */
    struct server_list servers;
    bool servers_from_node;
    time_t servers_changed_at;
    size_t servers_changed_check; /* the last check kept when they changed (a plan rests on it) */
    struct server_list recommended; /* session_recommended's */

    /* What this session journaled: its runs and actions from these on, and its steps and
     * order found from started on. Events made before the operator typed a name are theirs. */
    time_t started;
    size_t runs_base, actions_base;

    /* Live lookups: one probe asking every server for each host whose name is valid.
     * Recreated (never patched) when a name, the zone, an IP family or the servers change,
     * so an answer about an older name can never show. A resume seeds them from the file. */
    struct probe *lookup;
    bool lookup_closing; /* probe_free() calls back for what it cancels: ignored */
    bool lookup_arrived;
    unsigned lookup_gen;
    struct server_list lookup_servers; /* the list the probe was made for */
    bool asked[HOST_COUNT];
    char asked_fqdn[HOST_COUNT][NAMES_FQDN_SIZE];
    enum probe_qtype asked_type[HOST_COUNT];
    struct probe_answer *answers[HOST_COUNT]; /* [host][server] */
    time_t *answered_at[HOST_COUNT];          /* [host][server], 0 while waiting */
    unsigned char *query_host;                /* host of each probe query number */
    size_t n_queries;

    /* The full check, for the target and server list it was made with. Once complete it is
     * the journal's last run: provisional (replaced by the next one) until the operator acts
     * on it (session_commit), kept at once when asked for (C, apply). */
    struct check *check;
    struct records_target target;
    unsigned check_gen;
    bool check_complete;
    bool check_failed; /* check_start() failed: check_err says why */
    struct cd_diag check_err;
    bool check_asked;     /* started by the operator: kept when complete */
    bool run_provisional; /* the journal's last run is the live check's, not kept yet */

    /* How session_pollfds() split the caller's array, and for which probe and check. */
    size_t n_lookup_fds, n_check_fds;
    unsigned fds_lookup_gen, fds_check_gen;

    /* Applying the missing records by dynamic update, one server at a time. */
    struct apply_job *job;
    struct server_list apply_queue; /* servers to send to */
    size_t next_queue;
    size_t apply_first_action; /* the journal's actions from here on are the last apply's */
    size_t apply_failed;
    struct cd_diag apply_err; /* the last failure */

    bool save_failed, saved_once; /* the last session_save failed; one succeeded */
    struct cd_diag save_err;
};

/* session_fields.c */
void session_validate_all(struct session *s);
/* Writes the fields' values into the case (s->cl), as they are now. */
void session_put_case(struct session *s);
/* Stores text as the field's, without validating; false when it does not fit. */
bool session_store(struct session *s, enum session_field f, const char *text);
bool session_names_ready(const struct session *s, struct cd_diag *why);
int session_names_fault(const struct session *s);
/* The target the names give, when they are all valid: CD_OK. */
int session_target(const struct session *s, struct records_target *t);

/* session_live.c */
void session_refresh(struct session *s);
void session_drop_lookups(struct session *s);
void session_drop_check(struct session *s);
/* Seeds the lookups from the journal's (a resume). */
void session_seed_lookups(struct session *s);
/* The lookups as the journal keeps them. */
int session_keep_lookups(struct session *s);

/* session_servers.c */
/* The list changed by the operator: unsaved, its time, the lookups and check follow. */
void session_servers_changed(struct session *s);

/* session_apply.c */
bool session_process_apply(struct session *s);

/* session.c */
/* A point the operator acts on what is shown: the list is noted in the journal (as found,
 * or as a reorder planned) and the last run is kept. */
void session_commit(struct session *s);

#endif
