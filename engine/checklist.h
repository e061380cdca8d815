/* The checklist: the record of one session, what was checked, found and fixed, and its
 * JSON form "clusterdns-checklist/1" (schema in doc/checklist.schema.json).
 *
 * Strings in the model are plain C strings, untranslated; enumerations are stored as
 * their JSON names so that a file reads the same in every language. Arrays are owned by
 * the checklist and grown by the checklist_add_* calls. */
#ifndef CLUSTERDNS_ENGINE_CHECKLIST_H
#define CLUSTERDNS_ENGINE_CHECKLIST_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "diag.h"
#include "names.h"
#include "probe.h"
#include "servers.h"

#define CHECKLIST_SCHEMA "clusterdns-checklist/1"
#define CHECKLIST_KB "Q263029"
#define CHECKLIST_SHORT 128  /* operator, ticket, group */
#define CHECKLIST_NOTES 2048
#define CHECKLIST_WORD 16    /* status and role names */
#define CHECKLIST_ITEMS_MAX 1024 /* records, findings, remediation (servers: SERVERS_MAX) */
#define CHECKLIST_FILE_MAX (16u << 20) /* checklist_load refuses larger files */

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

struct cl_step {
    enum step_status status;
    time_t completed_at; /* 0: not completed (JSON null) */
    char notes[CHECKLIST_NOTES];
};

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

struct cl_server {
    char address[NAMES_IP_SIZE];
    unsigned port;
    unsigned position;           /* 1-based, in the node's order */
    char role[CHECKLIST_WORD];   /* "local", "internet", "unknown" */
    enum tri reachable;
    double rtt_ms;               /* < 0: unknown (JSON null) */
    enum tri authoritative;      /* answers with authority for the zone */
    char source[SERVERS_SOURCE_SIZE];
};

struct cl_record {
    char server[SERVERS_TEXT_SIZE]; /* server_format() of the server asked */
    char name[NAMES_FQDN_SIZE];     /* the FQDN, or the reverse name for PTR */
    char type[8];                   /* "A", "AAAA", "PTR" */
    char expected[NAMES_FQDN_SIZE]; /* an address, or for PTR the FQDN */
    size_t n_observed;
    char observed[PROBE_ADDRS_MAX][NAMES_FQDN_SIZE];
    char status[CHECKLIST_WORD];    /* "ok", "missing", "wrong", "unanswered", "pending" */
    char outcome[CHECKLIST_WORD];   /* probe_outcome_name() of the reply */
};

/* One thing to do (or done) to fix the node: add or correct a record, change the order. */
struct cl_action {
    char kind[CHECKLIST_WORD];      /* "add_record", "fix_record", "reorder" */
    char server[SERVERS_TEXT_SIZE]; /* where; "" for "reorder" (the node) */
    char name[NAMES_FQDN_SIZE];
    char type[8];
    char value[NAMES_FQDN_SIZE];
    char status[CHECKLIST_WORD];    /* "todo", "applied", "failed" */
    time_t applied_at;              /* when it was applied or tried; 0: never (JSON null) */
};

struct checklist {
    char tool_version[32];
    time_t created, updated;
    char operator_name[CHECKLIST_SHORT]; /* JSON "operator" */
    char ticket[CHECKLIST_SHORT];
    char group[CHECKLIST_SHORT];
    char zone[NAMES_FQDN_SIZE];
    struct cl_host exchange, cluster;
    struct cl_symptoms symptoms;

    struct cl_server *servers;
    size_t n_servers;
    char (*recommended)[SERVERS_TEXT_SIZE]; /* server_format() strings, best first */
    size_t n_recommended;
    struct cl_record *records;
    size_t n_records;

    char verdict[CHECKLIST_WORD];  /* "unchecked", "incomplete", "pass", "fail" */
    char (*findings)[CHECKLIST_NOTES]; /* English sentences explaining the verdict */
    size_t n_findings;

    struct cl_step steps[STEP_COUNT];
    struct cl_action *remediation;
    size_t n_remediation;
};

/* Empty checklist: created = updated = now, tool_version = PACKAGE_VERSION, steps pending. */
void checklist_init(struct checklist *cl);
void checklist_fini(struct checklist *cl);
/* Drops servers, recommended order, records, findings and remediation (a new check), and
 * sets the verdict back to "unchecked". */
void checklist_clear_results(struct checklist *cl);

/* Each appends a copy (strings truncated to fit); CD_ENOMEM on failure, CD_EINVAL past
 * SERVERS_MAX servers or recommended entries, or CHECKLIST_ITEMS_MAX of the others. */
int checklist_add_server(struct checklist *cl, const struct cl_server *s);
int checklist_add_recommended(struct checklist *cl, const char *server);
int checklist_add_record(struct checklist *cl, const struct cl_record *r);
int checklist_add_finding(struct checklist *cl, const char *text);
int checklist_add_action(struct checklist *cl, const struct cl_action *a);

/* JSON names: "symptoms", "group", "names", "dns_order", "host_records", "summary";
 * "pending", "done", "skipped", "failed". The _parse functions return -1 when unknown. */
const char *checklist_step_name(enum step_id id);
int checklist_step_parse(const char *name);
const char *checklist_status_name(enum step_status s);
int checklist_status_parse(const char *name);

/* Serialises to a malloc'ed, NUL-terminated, pretty-printed JSON text (free() it).
 * Text that checklist_from_json would refuse (invalid UTF-8, control characters other
 * than new line and tab in notes) is written with '?' in place of each bad byte, so that
 * every file written loads again. CD_EINVAL (and *out NULL) when a value breaks the
 * schema: an enumeration name not allowed, a port or position out of range, a time
 * outside 1970..9999; checklist_save reports which one in its diag. */
int checklist_to_json(const struct checklist *cl, char **out);

/* Reads a checklist from JSON text into cl, which must be initialised (checklist_init or a
 * previous load); what it held is dropped. Required keys: schema, kb, created, updated,
 * steps; the others take their checklist_init defaults when absent (tool_version is then
 * "", a server's position its place in the list), and unknown keys are ignored. On failure
 * (CD_EFORMAT, or CD_ENOMEM) cl is left initialised and empty and d says what is wrong:
 * empty text, truncated text, malformed JSON at a line and column, unknown schema version,
 * wrong type, text too long, unknown name, duplicate step. d->where holds the JSON path of
 * the value at fault ("dns_servers[2].port"; "" for the text as a whole), and the message
 * about a value starts with that path. */
int checklist_from_json(const char *text, size_t len, struct checklist *cl, struct cd_diag *d);

/* Saves atomically: a temporary file in the same folder, fsync, mode 0666 & ~umask, rename
 * over path, fsync of the folder. On failure (CD_EIO, with path and the system's reason in
 * d) the old file is untouched and the temporary removed, except when only the final fsync
 * of the folder fails: the new file is then in place. CD_EINVAL as checklist_to_json. */
int checklist_save(const struct checklist *cl, const char *path, struct cd_diag *d);

/* Loads path as checklist_from_json does; never writes anything. CD_EIO when it cannot be
 * read (path and the system's reason in d), CD_EFORMAT for a file over CHECKLIST_FILE_MAX. */
int checklist_load(const char *path, struct checklist *cl, struct cd_diag *d);

/* ISO 8601 UTC, "2026-11-25T12:00:00Z", into buf (at least 21 bytes; "" when n is smaller
 * or t is outside the years 1970 to 9999); and back, exactly that form, -1 on error. */
const char *checklist_time_format(time_t t, char *buf, size_t n);
time_t checklist_time_parse(const char *s);

#endif
