/* The checklist's JSON form, "clusterdns-checklist/2" (JSON Schema 2020-12 in
 * doc/checklist.schema.json), and the only place where the model's enumerations have
 * names. A "clusterdns-checklist/1" document (one check, no journal) still loads: it is
 * migrated in memory, and only a save writes it again, as version 2.
 *
 * What a check found is kept as its answers; the judgements (roles, record states, the
 * verdict, the findings, the recommended order) are written beside them for readers and
 * worked out again from the answers on load, by the engine's own rules. So is the top
 * level's "dns_servers": the order the next check asks (checklist_servers). */
#ifndef CLUSTERDNS_ENGINE_CHECKLIST_JSON_H
#define CLUSTERDNS_ENGINE_CHECKLIST_JSON_H

#include <stddef.h>

#include "checklist.h"
#include "diag.h"

#define CHECKLIST_SCHEMA "clusterdns-checklist/2"
#define CHECKLIST_SCHEMA_V1 "clusterdns-checklist/1"

/* Serialises cl to a malloc'ed, NUL-terminated, pretty-printed JSON text (free() it). Text
 * that checklist_from_json would refuse (invalid UTF-8, control characters other than new
 * line and tab in notes) is written with '?' in place of each bad byte, so that every file
 * written loads again. CD_EINVAL (*out NULL, d names the value by its JSON path when d is
 * not NULL) for a value the schema does not allow (an enumeration out of range, a time
 * outside 1970..9999); CD_ENOMEM. */
int checklist_to_json(const struct checklist *cl, char **out, struct cd_diag *d);

/* Reads a checklist from JSON text into cl, which must be initialised (checklist_init or a
 * previous load); what it held is dropped. Required keys: schema, kb, created, updated,
 * steps; the others take their checklist_init defaults when absent, and unknown keys are
 * ignored. Lists of servers are read in the order of their "position" (1-based; equal
 * positions keep the order of the file, and a gap closes up: positions 1, 2, 3, 7 are four
 * servers, the last fourth); a server listed twice in one list is refused. Addresses follow
 * the --servers rules (names_server_ip), a check's names the names step's
 * (check_target_set). On failure (CD_EFORMAT, or CD_ENOMEM) cl is left initialised and
 * empty and d says what is wrong: empty or truncated text, malformed JSON at a line and
 * column, unknown schema version, wrong type, text too long, unknown name, a value that
 * breaks its rule. d->where holds the JSON path of the value at fault
 * ("checks[0].servers[2].port"; "" for the text as a whole); the message about a value
 * starts with that path, or, for a rule of names.h, d->field names the rule's field. */
int checklist_from_json(const char *text, size_t len, struct checklist *cl, struct cd_diag *d);

#endif
