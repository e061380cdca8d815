/* A session's fields and their rules (names, addresses, the KB's must-differ, free text,
 * the file to save to), written into the case as they change; the symptoms; the groups
 * read from `cluster group` text. */
#include "config.h"

#include "rules.h"
#include "session_priv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "i18n.h"
#include "names.h"
#include "text.h"

/* clang-format off */
static const char *const field_labels[SF_COUNT] = {
    [SF_GROUP] = N_("Exchange group"),
    [SF_ZONE] = N_("Zone"),
    [SF_EXCHANGE_NAME] = N_("Exchange network name"),
    [SF_EXCHANGE_IP] = N_("Exchange IP address"),
    [SF_CLUSTER_NAME] = N_("Cluster network name"),
    [SF_CLUSTER_IP] = N_("Cluster IP address"),
    [SF_OPERATOR] = N_("Operator"),
    [SF_TICKET] = N_("Ticket"),
    [SF_NOTES] = N_("Notes"),
    [SF_OUTPUT] = N_("Save to"),
};

/* The checklist's JSON path of each field, for d->where. */
static const char *const field_paths[SF_COUNT] = {
    [SF_GROUP] = "group",
    [SF_ZONE] = "zone",
    [SF_EXCHANGE_NAME] = "exchange.name",
    [SF_EXCHANGE_IP] = "exchange.ip",
    [SF_CLUSTER_NAME] = "cluster.name",
    [SF_CLUSTER_IP] = "cluster.ip",
    [SF_OPERATOR] = "operator",
    [SF_TICKET] = "ticket",
    [SF_NOTES] = "steps[5].notes",
    [SF_OUTPUT] = "",
};
/* clang-format on */

/* The fields of the names step, in the order the form shows them. */
static const enum session_field names_fields[] = {SF_ZONE, SF_EXCHANGE_NAME, SF_EXCHANGE_IP,
                                                  SF_CLUSTER_NAME, SF_CLUSTER_IP};

static const char msg_required[] = N_("is required");

static const char *num(char buf[SESSION_NUM_SIZE], size_t v)
{
    snprintf(buf, SESSION_NUM_SIZE, "%zu", v);
    return buf;
}

/* Copies src into dst (size bytes), cut at a UTF-8 character boundary when too long: the
 * fields are validated to fit, only an invalid one may be cut. */
static void copy_text(char *dst, size_t size, const char *src)
{
    text_copy(dst, size, src, strlen(src));
}

static bool field_ok(enum session_field f)
{
    return (unsigned)f < SF_COUNT;
}

/* ---- text rules ------------------------------------------------------------------------ */

/* Text the checklist keeps as it is: UTF-8, no control characters (C0, DEL, C1) except new
 * line and tab where multiline, at most max bytes. Positions count characters. */
static int output_path(const char *text, const char *field, struct cd_diag *d)
{
    size_t len = strlen(text);

    if (len == 0)
        return diag_set(d, CD_EINVAL, field, NULL, msg_required, NULL, NULL);
    if (text[len - 1] == '/')
        return diag_set(d, CD_EINVAL, field, NULL,
                        N_("\"%1$s\" names a folder; give the name of a file in it"), text, NULL);
    return CD_OK;
}

/* ---- validation of every field ---------------------------------------------------------- */

/* The rule field f breaks now (CD_EINVAL, d filled), or CD_OK. */
static int field_rule(struct session *s, enum session_field f, struct cd_diag *d)
{
    const struct field *fl = &s->f[f];
    const char *label = field_labels[f];
    char fqdn[NAMES_FQDN_SIZE];
    int h = (f == SF_EXCHANGE_NAME || f == SF_EXCHANGE_IP) ? HOST_EXCHANGE : HOST_CLUSTER;
    int rc = CD_OK;

    switch (f) {
    case SF_GROUP:
        rc = rules_text(fl->text, CHECKLIST_SHORT - 1, false, true, label, d);
        break;
    case SF_OPERATOR:
    case SF_TICKET:
        rc = rules_text(fl->text, CHECKLIST_SHORT - 1, false, false, label, d);
        break;
    case SF_NOTES:
        rc = rules_text(fl->text, CHECKLIST_NOTES - 1, true, false, label, d);
        break;
    case SF_OUTPUT:
        rc = output_path(fl->text, label, d);
        break;
    case SF_ZONE:
        rc = names_zone(fl->text, s->zone, sizeof s->zone, label, d);
        if (rc != CD_OK)
            s->zone[0] = '\0';
        break;
    case SF_EXCHANGE_NAME:
    case SF_CLUSTER_NAME:
        rc = names_netbios(fl->text, label, d);
        /* With the zone, the FQDN must fit in 253 octets: the name is what is too long. */
        if (rc == CD_OK && s->f[SF_ZONE].valid)
            rc = names_fqdn(fl->text, s->zone, fqdn, sizeof fqdn, label, d);
        /* The KB's "must differ" shows on the second of the pair, the cluster's. */
        if (rc == CD_OK && f == SF_CLUSTER_NAME && s->f[SF_EXCHANGE_NAME].valid)
            rc = names_distinct(s->f[SF_EXCHANGE_NAME].text, NULL, fl->text, NULL, d);
        break;
    case SF_EXCHANGE_IP:
    case SF_CLUSTER_IP:
        rc = names_resource_ip(fl->text, &s->ip[h], label, d);
        if (rc == CD_OK && f == SF_CLUSTER_IP && s->f[SF_EXCHANGE_IP].valid)
            rc = names_distinct(NULL, &s->ip[HOST_EXCHANGE], NULL, &s->ip[HOST_CLUSTER], d);
        if (rc != CD_OK)
            memset(&s->ip[h], 0, sizeof s->ip[h]);
        break;
    default:
        break;
    }
    return rc;
}

static void validate_one(struct session *s, enum session_field f)
{
    struct field *fl = &s->f[f];

    diag_clear(&fl->diag);
    fl->valid = field_rule(s, f, &fl->diag) == CD_OK;
    if (!fl->valid)
        snprintf(fl->diag.where, sizeof fl->diag.where, "%s", field_paths[f]);
}

_Static_assert(SF_ZONE < SF_EXCHANGE_NAME && SF_EXCHANGE_NAME < SF_CLUSTER_NAME &&
                   SF_EXCHANGE_IP < SF_CLUSTER_IP && SF_ZONE < SF_EXCHANGE_IP,
               "validate_all() relies on this order");

void session_validate_all(struct session *s)
{
    /* The enum's order is the order the rules need: the zone before the names, the Exchange
     * host before the cluster's, as each rule reads the results of those before it. */
    for (int f = 0; f < SF_COUNT; f++)
        validate_one(s, (enum session_field)f);
}

/* The first of the names step's fields, in the form's order, that is not valid, or -1. */
int session_names_fault(const struct session *s)
{
    for (size_t i = 0; i < sizeof names_fields / sizeof *names_fields; i++)
        if (!s->f[names_fields[i]].valid)
            return (int)names_fields[i];
    return -1;
}

bool session_names_ready(const struct session *s, struct cd_diag *why)
{
    int fault = session_names_fault(s);

    if (fault >= 0 && why)
        *why = s->f[fault].diag;
    return fault < 0;
}

int session_target(const struct session *s, struct records_target *t)
{
    if (!session_names_ready(s, NULL))
        return CD_EINVAL;
    return check_target_set(t, s->f[SF_ZONE].text, s->f[SF_EXCHANGE_NAME].text,
                            s->f[SF_EXCHANGE_IP].text, s->f[SF_CLUSTER_NAME].text,
                            s->f[SF_CLUSTER_IP].text, NULL);
}

/* ---- the case ---------------------------------------------------------------------------- */

static void put_host(const struct session *s, int h, enum session_field name, enum session_field ip,
                     struct cl_host *out)
{
    copy_text(out->name, sizeof out->name, s->f[name].text);
    if (!s->f[SF_ZONE].valid || !s->f[name].valid ||
        names_fqdn(s->f[name].text, s->zone, out->fqdn, sizeof out->fqdn, NULL, NULL) != CD_OK)
        out->fqdn[0] = '\0';
    copy_text(out->ip, sizeof out->ip, s->f[ip].valid ? s->ip[h].text : s->f[ip].text);
}

void session_put_case(struct session *s)
{
    struct checklist *cl = &s->cl;

    copy_text(cl->operator_name, sizeof cl->operator_name, s->f[SF_OPERATOR].text);
    copy_text(cl->ticket, sizeof cl->ticket, s->f[SF_TICKET].text);
    copy_text(cl->group, sizeof cl->group, s->f[SF_GROUP].text);
    copy_text(cl->zone, sizeof cl->zone, s->f[SF_ZONE].valid ? s->zone : s->f[SF_ZONE].text);
    put_host(s, HOST_EXCHANGE, SF_EXCHANGE_NAME, SF_EXCHANGE_IP, &cl->exchange);
    put_host(s, HOST_CLUSTER, SF_CLUSTER_NAME, SF_CLUSTER_IP, &cl->cluster);
    copy_text(cl->steps[STEP_SUMMARY].notes, sizeof cl->steps[STEP_SUMMARY].notes,
              s->f[SF_NOTES].text);
}

bool session_store(struct session *s, enum session_field f, const char *text)
{
    size_t len = strlen(text);

    if (len >= SESSION_TEXT_MAX)
        return false;
    memcpy(s->f[f].text, text, len + 1);
    return true;
}

/* ---- fields ------------------------------------------------------------------------------ */

const char *session_text(const struct session *s, enum session_field f)
{
    return field_ok(f) ? s->f[f].text : "";
}

int session_set_text(struct session *s, enum session_field f, const char *text, struct cd_diag *d)
{
    char max[SESSION_NUM_SIZE];

    if (!field_ok(f))
        return diag_set(d, CD_EINVAL, NULL, NULL, N_("unknown field"), NULL, NULL);
    if (!text)
        text = "";
    if (strcmp(text, s->f[f].text) != 0) {
        if (!session_store(s, f, text))
            return diag_set(d, CD_EINVAL, field_labels[f], field_paths[f],
                            N_("is longer than %1$s bytes"), num(max, SESSION_TEXT_MAX - 1), NULL);
        s->unsaved = true;
        session_validate_all(s);
        session_put_case(s);
        session_refresh(s);
    }
    s->f[f].touched = true;
    if (s->f[f].valid) {
        diag_clear(d);
        return CD_OK;
    }
    if (d)
        *d = s->f[f].diag;
    return CD_EINVAL;
}

const struct cd_diag *session_error(const struct session *s, enum session_field f)
{
    if (!field_ok(f) || !s->f[f].touched || s->f[f].valid)
        return NULL;
    return &s->f[f].diag;
}

bool session_valid(const struct session *s, enum session_field f)
{
    return field_ok(f) && s->f[f].valid;
}

const char *session_field_label(enum session_field f)
{
    return field_ok(f) ? field_labels[f] : "";
}

static enum tri *symptom_slot(struct cl_symptoms *sy, enum session_symptom which)
{
    switch (which) {
    case SYMPTOM_SETUP_HANGS:
        return &sy->setup_hangs;
    case SYMPTOM_OVERLAPPED_IO:
        return &sy->overlapped_io;
    case SYMPTOM_EVENT_4058:
        return &sy->event_4058;
    case SYMPTOM_COUNT:
        break;
    }
    return NULL;
}

/* ---- symptoms ----------------------------------------------------------------------------- */

enum tri session_symptom(const struct session *s, enum session_symptom which)
{
    struct cl_symptoms sy = s->cl.symptoms;
    enum tri *slot = symptom_slot(&sy, which);

    return slot ? *slot : TRI_UNKNOWN;
}

void session_set_symptom(struct session *s, enum session_symptom which, enum tri seen)
{
    enum tri *slot = symptom_slot(&s->cl.symptoms, which);

    if (slot && *slot != seen && (seen == TRI_UNKNOWN || seen == TRI_NO || seen == TRI_YES)) {
        *slot = seen;
        s->unsaved = true;
    }
}

void session_toggle_symptom(struct session *s, enum session_symptom which)
{
    enum tri now = session_symptom(s, which);

    session_set_symptom(s, which,
                        now == TRI_UNKNOWN ? TRI_YES
                        : now == TRI_YES   ? TRI_NO
                                           : TRI_UNKNOWN);
}

bool session_symptoms_match(const struct session *s)
{
    for (int i = 0; i < SYMPTOM_COUNT; i++)
        if (session_symptom(s, (enum session_symptom)i) != TRI_YES)
            return false;
    return true;
}

/* ---- groups ------------------------------------------------------------------------------- */

int session_set_groups(struct session *s, const char (*names)[IMPORT_NAME_SIZE], size_t n)
{
    if (n > SESSION_GROUPS_MAX)
        n = SESSION_GROUPS_MAX;
    for (size_t i = 0; i < n; i++)
        copy_text(s->groups[i], sizeof s->groups[i], names[i]);
    s->n_groups = n;
    return CD_OK;
}

size_t session_groups(const struct session *s)
{
    return s->n_groups;
}

const char *session_group(const struct session *s, size_t i)
{
    return i < s->n_groups ? s->groups[i] : NULL;
}
