/* A recheck's result for one file as one line of JSON, for scripts: `clusterdns recheck
 * --json` writes one a file (doc/recheck.schema.json). Part of the JSON codec: the names
 * of verdicts, record states and hosts are checklist_names.h's, as in a checklist. */
#ifndef CLUSTERDNS_ENGINE_RECHECK_JSON_H
#define CLUSTERDNS_ENGINE_RECHECK_JSON_H

#include "recheck.h"

#define RECHECK_JSON_SCHEMA "clusterdns-recheck/1"

/* r as one line of JSON (no new line at the end), malloc'ed into *out (free() it):
 *   {"schema", "file", "status": "checked" or "unreadable", "error", "ticket", "zone",
 *    "verdict", "first_check", "verdict_before", "changes": [...], "updated"}
 * Texts are untranslated; bytes a checklist could not hold are written '?'. CD_OK or
 * CD_ENOMEM. */
int recheck_json_line(const struct recheck_result *r, char **out);

#endif
