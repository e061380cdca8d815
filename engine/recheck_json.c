#include "config.h"

#include "recheck_json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "check.h"
#include "checklist_names.h"
#include "json_read.h"
#include "text.h"

#define TEXT_MAX 4096

/* text as a checklist would write it: '?' for each byte that is no printable UTF-8. */
static bool add_text(cJSON *o, const char *key, const char *text)
{
    char clean[TEXT_MAX];

    jr_text_clean(clean, text ? text : "", sizeof clean, false);
    return cJSON_AddStringToObject(o, key, clean) != NULL;
}

static bool add_name(cJSON *o, const char *key, const char *const *names, int v)
{
    return cJSON_AddStringToObject(o, key, names[v]) != NULL;
}

static const char *qtype_name(enum probe_qtype t)
{
    return t == PROBE_A ? "A" : t == PROBE_AAAA ? "AAAA" : t == PROBE_PTR ? "PTR" : "SOA";
}

static bool add_change(cJSON *list, const struct recheck_result *r, const struct change *c)
{
    static const char *const kinds[] = {[CHANGE_VERDICT] = "verdict",
                                        [CHANGE_NAMES] = "names",
                                        [CHANGE_SERVER_SILENT] = "server_silent",
                                        [CHANGE_SERVER_BACK] = "server_back",
                                        [CHANGE_RECORD] = "record"};
    cJSON *o = cJSON_CreateObject();
    char srv[SERVERS_TEXT_SIZE];
    enum probe_qtype type;
    const char *qname;
    bool ok;

    if (!o || !cJSON_AddItemToArray(list, o))
        return cJSON_Delete(o), false;
    ok = cJSON_AddStringToObject(o, "change", kinds[c->kind]) != NULL;
    if (c->kind == CHANGE_VERDICT)
        return ok && add_name(o, "before", cj_verdict_names, c->was) &&
               add_name(o, "after", cj_verdict_names, c->now);
    if (c->kind == CHANGE_NAMES)
        return ok;
    ok = ok && cJSON_AddStringToObject(o, "server",
                                       server_format(&r->servers->v[c->server], srv, sizeof srv));
    if (c->kind != CHANGE_RECORD)
        return ok;
    check_question(r->target, c->query, &type, &qname);
    return ok &&
           add_name(o, "host", cj_host_names,
                    c->query == QUERY_EXCHANGE || c->query == QUERY_EXCHANGE_PTR ? HOST_EXCHANGE
                                                                                 : HOST_CLUSTER) &&
           cJSON_AddStringToObject(o, "type", qtype_name(type)) && add_text(o, "name", qname) &&
           add_name(o, "before", cj_rstatus_names, c->before) &&
           add_name(o, "after", cj_rstatus_names, c->after);
}

static bool fill(cJSON *o, const struct recheck_result *r)
{
    char msg[TEXT_MAX];
    cJSON *changes;
    bool ok = cJSON_AddStringToObject(o, "schema", RECHECK_JSON_SCHEMA) &&
              add_text(o, "file", r->path) &&
              cJSON_AddStringToObject(o, "status", r->status == CD_OK ? "checked" : "unreadable");

    if (!ok)
        return false;
    if (r->status != CD_OK)
        return add_text(o, "error", diag_format_c(r->diag, msg, sizeof msg));
    if (r->saved || r->save_status == CD_OK)
        ok = cJSON_AddNullToObject(o, "error") != NULL;
    else
        ok = add_text(o, "error", diag_format_c(r->save_diag, msg, sizeof msg));
    ok = ok && add_text(o, "ticket", r->ticket) && add_text(o, "zone", r->zone) &&
         add_name(o, "verdict", cj_verdict_names, r->verdict) &&
         cJSON_AddBoolToObject(o, "first_check", r->first) &&
         (r->first ? cJSON_AddNullToObject(o, "verdict_before") != NULL
                   : add_name(o, "verdict_before", cj_verdict_names, r->before)) &&
         (changes = cJSON_AddArrayToObject(o, "changes")) != NULL &&
         cJSON_AddBoolToObject(o, "updated", r->saved);
    for (size_t i = 0; ok && i < r->n_changes; i++)
        ok = add_change(changes, r, &r->changes[i]);
    return ok;
}

int recheck_json_line(const struct recheck_result *r, char **out)
{
    cJSON *o = cJSON_CreateObject();

    char *raw = NULL;

    *out = NULL;
    /* Shown on terminals too: C1 and hidden characters as \u escapes, as a checklist's. */
    if (o && fill(o, r) && (raw = cJSON_PrintUnformatted(o)))
        *out = text_json_safe(raw);
    free(raw);
    cJSON_Delete(o);
    return *out ? CD_OK : CD_ENOMEM;
}
