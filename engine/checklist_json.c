#include "config.h"

#include "checklist_json.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cJSON.h>

#include "check.h"
#include "i18n.h"

/* ---- messages: %1$s is always the JSON path ------------------------------------------ */

static const char *const msg_empty = N_("the checklist is empty: no JSON text");
static const char *const msg_truncated =
    N_("the JSON text ends too early, at line %1$s, column %2$s: the file is truncated");
static const char *const msg_malformed = N_("malformed JSON at line %1$s, column %2$s");
static const char *const msg_not_object = N_("the document is not a JSON object");
static const char *const msg_missing = N_("%1$s is missing");
static const char *const msg_newer =
    N_("%1$s: \"%2$s\" was written by a newer clusterdns (unknown version); upgrade to read it");
static const char *const msg_foreign = N_("%1$s: \"%2$s\" is not a clusterdns checklist");
static const char *const msg_string = N_("%1$s: expected a string");
static const char *const msg_object = N_("%1$s: expected an object");
static const char *const msg_array = N_("%1$s: expected an array");
static const char *const msg_tri = N_("%1$s: expected true, false or null");
static const char *const msg_uint = N_("%1$s: expected a whole number from 1 to %2$s");
static const char *const msg_index = N_("%1$s: expected null or the number of an earlier check, "
                                        "from 0 to %2$s");
static const char *const msg_no_check = N_("%1$s: expected null: there is no check before it");
static const char *const msg_ms = N_("%1$s: expected a number of milliseconds (0 or more) or null");
static const char *const msg_time = N_("%1$s: expected a UTC time like 2026-11-25T12:00:00Z");
static const char *const msg_time_null =
    N_("%1$s: expected a UTC time like 2026-11-25T12:00:00Z, or null");
static const char *const msg_long = N_("%1$s: too long, at most %2$s bytes of UTF-8");
static const char *const msg_utf8 = N_("%1$s: not valid UTF-8 text");
static const char *const msg_control = N_("%1$s: control characters are not allowed");
static const char *const msg_control_notes =
    N_("%1$s: control characters other than new line and tab are not allowed");
static const char *const msg_enum = N_("%1$s: unknown value, expected one of %2$s");
static const char *const msg_step_twice = N_("%1$s: the step \"%2$s\" is listed twice");
static const char *const msg_too_many = N_("%1$s: too many entries, at most %2$s");
static const char *const msg_server_twice =
    N_("%1$s: the server %2$s is listed twice in this list");
static const char *const msg_not_listed =
    N_("%1$s: %2$s is not one of the servers this check asked");
static const char *const msg_record_twice =
    N_("%1$s: this record of %2$s is listed twice in this check");
static const char *const msg_not_a_record =
    N_("%1$s: \"%2$s\" is neither the Exchange nor the cluster name of this check");
static const char *const msg_nomem = N_("out of memory");

static int fault(struct cd_diag *d, int code, const char *path, const char *fmt, const char *a2)
{
    return diag_set(d, code, NULL, path, fmt, path, a2);
}

static int fault_num(struct cd_diag *d, int code, const char *path, const char *fmt,
                     unsigned long v)
{
    char num[24];

    snprintf(num, sizeof num, "%lu", v);
    return fault(d, code, path, fmt, num);
}

static int fault_names(struct cd_diag *d, int code, const char *path, const char *const *names)
{
    char list[CD_DIAG_ARG_MAX] = "";
    size_t n = 0;

    for (; *names && n < sizeof list; names++)
        n += (size_t)snprintf(list + n, sizeof list - n, "%s\"%s\"", n ? ", " : "", *names);
    return fault(d, code, path, msg_enum, list);
}

/* A rule of names.h or servers.h broke (d filled, with its field): the value's path. */
static int broke(int rc, struct cd_diag *d, const char *path)
{
    if (rc < 0 && d) {
        if (d->code != CD_ENOMEM)
            d->code = CD_EFORMAT;
        snprintf(d->where, sizeof d->where, "%s", path);
    }
    return rc < 0 && rc != CD_ENOMEM ? CD_EFORMAT : rc;
}

/* A path too long for a diag is cut: it is only shown. */
static void path_key(char *out, const char *parent, const char *key)
{
    if (snprintf(out, CD_DIAG_WHERE_MAX, "%s%s%s", parent, *parent ? "." : "", key) < 0)
        out[0] = '\0';
}

static void path_index(char *out, const char *parent, size_t i)
{
    if (snprintf(out, CD_DIAG_WHERE_MAX, "%s[%zu]", parent, i) < 0)
        out[0] = '\0';
}

/* ---- the names of the enumerations: here, and nowhere else ---------------------------- */

static const char *const step_names[] = {"symptoms",     "group",   "names", "dns_order",
                                         "host_records", "summary", NULL};
static const char *const status_names[] = {"pending", "done", "skipped", "failed", NULL};
static const char *const kb_names[] = {CHECKLIST_KB, NULL};
static const char *const role_names[] = {"unknown", "local", "internet", NULL};
static const char *const rstatus_names[] = {"pending", "ok",         "missing",
                                            "wrong",   "unanswered", NULL};
static const char *const outcome_names[] = {"pending",   "answer",   "nxdomain", "nodata",
                                            "refused",   "servfail", "timeout",  "connrefused",
                                            "malformed", "truncated", "failed", NULL};
static const char *const verdict_names[] = {"incomplete", "pass", "fail", NULL};
static const char *const kind_names[] = {"add_record", "fix_record", "reorder", NULL};
static const char *const astatus_names[] = {"planned", "applied", "failed", "seen_done",
                                            "confirmed", NULL};
static const char *const host_names[] = {"exchange", "cluster", NULL};
static const char *const rtype_names[] = {"A", "AAAA", "PTR", NULL};
static const char *const atype_names[] = {"A", "AAAA", NULL};
/* Version 1's own. */
static const char *const v1_verdict_names[] = {"unchecked", "incomplete", "pass", "fail", NULL};
static const char *const v1_astatus_names[] = {"todo", "applied", "failed", NULL};
static const char *const v1_atype_names[] = {"", "A", "AAAA", "PTR", NULL};

_Static_assert(STEP_COUNT == 6 && STEP_FAILED == 3 && ROLE_INTERNET == 2 &&
                   REC_UNANSWERED == 4 && PROBE_FAILED == 10 && VERDICT_FAIL == 2 &&
                   ACTION_REORDER == 2 && ACTION_CONFIRMED == 4 && HOST_CLUSTER == 1,
               "the name tables follow the enumerations");

static int name_index(const char *const *names, const char *s)
{
    for (int i = 0; names[i]; i++)
        if (strcmp(names[i], s) == 0)
            return i;
    return -1;
}

/* names[v] when v is one of them, else NULL. */
static const char *name_of(const char *const *names, int v)
{
    for (int i = 0; names[i]; i++)
        if (i == v)
            return names[i];
    return NULL;
}

/* ---- text: what the loader accepts, and the writer's repair of the rest ------------- */

/* Length of the well-formed UTF-8 sequence at s (n bytes left) with its code point, or 0. */
static size_t utf8_seq(const unsigned char *s, size_t n, unsigned long *cp)
{
    static const unsigned long min[] = {0, 0, 0x80, 0x800, 0x10000};
    size_t len = s[0] < 0x80   ? 1
                 : s[0] < 0xc0 ? 0
                 : s[0] < 0xe0 ? 2
                 : s[0] < 0xf0 ? 3
                 : s[0] < 0xf8 ? 4
                               : 0;
    unsigned long c;

    if (len == 0 || len > n)
        return 0;
    c = len == 1 ? s[0] : s[0] & (0x7f >> len);
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xc0) != 0x80)
            return 0;
        c = c << 6 | (s[i] & 0x3f);
    }
    /* Overlong forms, UTF-16 surrogates and code points past Unicode are not text. */
    if (c < min[len] || (c >= 0xd800 && c <= 0xdfff) || c > 0x10ffff)
        return 0;
    *cp = c;
    return len;
}

static bool is_control(unsigned long cp, bool multiline)
{
    if (multiline && (cp == '\n' || cp == '\t'))
        return false;
    return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f);
}

/* Checks s for a field of size bytes (NUL included): the message for its fault, or NULL. */
static const char *text_fault(const char *s, size_t size, bool multiline)
{
    size_t n = strlen(s), len;
    unsigned long cp;

    if (n >= size)
        return msg_long;
    for (size_t i = 0; i < n; i += len) {
        if (!(len = utf8_seq((const unsigned char *)s + i, n - i, &cp)))
            return msg_utf8;
        if (is_control(cp, multiline))
            return msg_control;
    }
    return NULL;
}

/* Copies the field src (size bytes, maybe unterminated) into dst (size bytes), with '?' for
 * each byte text_fault() would refuse: pasted Windows text can be in a legacy code page. */
static void text_clean(char *dst, const char *src, size_t size, bool multiline)
{
    size_t n = strnlen(src, size - 1), o = 0, len;
    unsigned long cp;

    for (size_t i = 0; i < n; i += len) {
        len = utf8_seq((const unsigned char *)src + i, n - i, &cp);
        if (len == 0 || is_control(cp, multiline)) {
            dst[o++] = '?';
            len = 1;
        } else {
            memcpy(dst + o, src + i, len);
            o += len;
        }
    }
    dst[o] = '\0';
}

/* ---- writing ------------------------------------------------------------------------ */

/* A writer's state: what failed, and where. */
struct wr {
    struct cd_diag *d;
    int rc;
};

/* Adds item under key (or to the array when key is NULL); NULL is out of memory. */
static cJSON *add(struct wr *w, cJSON *parent, const char *key, cJSON *item)
{
    if (w->rc == CD_OK && item &&
        (key ? cJSON_AddItemToObject(parent, key, item) : cJSON_AddItemToArray(parent, item)))
        return item;
    cJSON_Delete(item);
    if (w->rc == CD_OK)
        w->rc = CD_ENOMEM;
    return NULL;
}

static void add_text(struct wr *w, cJSON *o, const char *key, const char *src, size_t size,
                     bool multiline)
{
    char text[CHECKLIST_NOTES];

    if (size > sizeof text)
        size = sizeof text;
    text_clean(text, src, size, multiline);
    add(w, o, key, cJSON_CreateString(text));
}

static void add_name(struct wr *w, cJSON *o, const char *key, const char *const *names, int v,
                     const char *parent)
{
    const char *name = name_of(names, v);
    char path[CD_DIAG_WHERE_MAX];

    if (name) {
        add(w, o, key, cJSON_CreateString(name));
    } else if (w->rc == CD_OK) {
        path_key(path, parent, key);
        w->rc = fault_names(w->d, CD_EINVAL, path, names);
    }
}

static void add_time(struct wr *w, cJSON *o, const char *key, time_t t, bool nullable,
                     const char *parent)
{
    char buf[24], path[CD_DIAG_WHERE_MAX];

    if (t == 0 && nullable) {
        add(w, o, key, cJSON_CreateNull());
    } else if (*checklist_time_format(t, buf, sizeof buf)) {
        add(w, o, key, cJSON_CreateString(buf));
    } else if (w->rc == CD_OK) {
        path_key(path, parent, key);
        w->rc = fault(w->d, CD_EINVAL, path, nullable ? msg_time_null : msg_time, NULL);
    }
}

static void add_tri(struct wr *w, cJSON *o, const char *key, enum tri t)
{
    add(w, o, key, t == TRI_YES ? cJSON_CreateTrue()
                   : t == TRI_NO ? cJSON_CreateFalse()
                                 : cJSON_CreateNull());
}

static void add_index(struct wr *w, cJSON *o, const char *key, size_t i)
{
    add(w, o, key, i == CHECKLIST_NONE ? cJSON_CreateNull() : cJSON_CreateNumber((double)i));
}

static void add_who(struct wr *w, cJSON *o, const char *at_key, const struct cl_who *who,
                    bool nullable, const char *parent)
{
    add_time(w, o, at_key, who->at, nullable, parent);
    add_text(w, o, "operator", who->operator_name, sizeof who->operator_name, false);
    add_text(w, o, "ticket", who->ticket, sizeof who->ticket, false);
}

static cJSON *add_object(struct wr *w, cJSON *parent, const char *key)
{
    return add(w, parent, key, cJSON_CreateObject());
}

static void add_host(struct wr *w, cJSON *o, const char *key, const char *name, const char *fqdn,
                     const char *ip)
{
    cJSON *h = add_object(w, o, key);

    if (!h)
        return;
    add_text(w, h, "name", name, NAMES_NETBIOS_MAX + 1, false);
    add_text(w, h, "fqdn", fqdn, NAMES_FQDN_SIZE, false);
    add_text(w, h, "ip", ip, NAMES_IP_SIZE, false);
}

/* {address, port, position, source}: the shape of a server in every list. */
static cJSON *add_server(struct wr *w, cJSON *arr, const struct dns_server *s, size_t k)
{
    cJSON *o = add_object(w, arr, NULL);

    if (!o)
        return NULL;
    add_text(w, o, "address", s->ip.text, sizeof s->ip.text, false);
    add(w, o, "port", cJSON_CreateNumber(s->port));
    add(w, o, "position", cJSON_CreateNumber((double)k + 1));
    add_text(w, o, "source", s->source, sizeof s->source, false);
    return o;
}

static void add_servers(struct wr *w, cJSON *o, const char *key, const struct server_list *l)
{
    cJSON *arr = add(w, o, key, cJSON_CreateArray());

    for (size_t k = 0; arr && k < l->n; k++)
        add_server(w, arr, &l->v[k], k);
}

static void add_server_text(struct wr *w, cJSON *o, const char *key, const struct dns_server *s)
{
    char text[SERVERS_TEXT_SIZE];

    add_text(w, o, key, server_format(s, text, sizeof text), sizeof text, false);
}

static enum tri tri_of(bool known, bool yes)
{
    return !known ? TRI_UNKNOWN : yes ? TRI_YES : TRI_NO;
}

/* The answers as they came, with their judgement beside them for readers. */
static void add_run_servers(struct wr *w, cJSON *o, const struct cl_run *r)
{
    cJSON *arr = add(w, o, "servers", cJSON_CreateArray());

    for (size_t i = 0; arr && i < r->servers.n; i++) {
        const struct probe_answer *soa = &r->answers[i][QUERY_SOA];
        const struct records_server *e = &r->eval.server[i];
        bool known = soa->outcome != PROBE_PENDING;
        cJSON *s = add_server(w, arr, &r->servers.v[i], i);

        if (!s)
            return;
        add_name(w, s, "zone_reply", outcome_names, soa->outcome, "checks[].servers[]");
        add_tri(w, s, "authoritative", tri_of(known, soa->outcome == PROBE_ANSWER && soa->authoritative));
        add(w, s, "rtt_ms", e->rtt_ms >= 0 && isfinite(e->rtt_ms) ? cJSON_CreateNumber(e->rtt_ms)
                                                                  : cJSON_CreateNull());
        add_text(w, s, "zone_primary", soa->target, sizeof soa->target, false);
        add_name(w, s, "role", role_names, e->role, "checks[].servers[]");
        add_tri(w, s, "reachable", tri_of(known || e->answered, e->answered));
    }
}

static void add_run_records(struct wr *w, cJSON *o, const struct cl_run *r)
{
    cJSON *arr = add(w, o, "records", cJSON_CreateArray());

    for (size_t i = 0; arr && i < r->servers.n; i++) {
        for (int q = QUERY_EXCHANGE; q < QUERY_COUNT; q++) {
            const struct probe_answer *a = &r->answers[i][q];
            int h = (q == QUERY_EXCHANGE || q == QUERY_EXCHANGE_PTR) ? HOST_EXCHANGE : HOST_CLUSTER;
            bool ptr = q == QUERY_EXCHANGE_PTR || q == QUERY_CLUSTER_PTR;
            cJSON *rec = add_object(w, arr, NULL), *obs;

            if (!rec)
                return;
            add_server_text(w, rec, "server", &r->servers.v[i]);
            add_name(w, rec, "host", host_names, h, "checks[].records[]");
            add_name(w, rec, "type", rtype_names,
                     ptr ? 2 : r->target.ip[h].family == AF_INET6 ? 1 : 0, "checks[].records[]");
            add_text(w, rec, "name", ptr ? r->target.reverse[h] : r->target.fqdn[h],
                     NAMES_FQDN_SIZE, false);
            add_text(w, rec, "expected", ptr ? r->target.fqdn[h] : r->target.ip[h].text,
                     NAMES_FQDN_SIZE, false);
            obs = add(w, rec, "observed", cJSON_CreateArray());
            if (obs && a->outcome == PROBE_ANSWER && ptr)
                add_text(w, obs, NULL, a->target, sizeof a->target, false);
            for (size_t k = 0; obs && !ptr && a->outcome == PROBE_ANSWER && k < a->n_addrs; k++)
                add_text(w, obs, NULL, a->addrs[k].text, sizeof a->addrs[k].text, false);
            add_name(w, rec, "outcome", outcome_names, a->outcome, "checks[].records[]");
            add_name(w, rec, "status", rstatus_names, r->eval.server[i].status[q],
                     "checks[].records[]");
        }
    }
}

static void add_run(struct wr *w, cJSON *arr, const struct cl_run *r, size_t m)
{
    struct cd_diag f[RECORDS_FINDINGS_MAX];
    char path[CD_DIAG_WHERE_MAX], text[CHECKLIST_NOTES];
    cJSON *o = add_object(w, arr, NULL), *list;
    size_t n;

    if (!o)
        return;
    path_index(path, "checks", m);
    add_who(w, o, "at", &r->who, false, path);
    add_text(w, o, "zone", r->target.zone, sizeof r->target.zone, false);
    for (int h = 0; h < HOST_COUNT; h++)
        add_host(w, o, host_names[h], r->target.name[h], r->target.fqdn[h], r->target.ip[h].text);
    add_run_servers(w, o, r);
    add_run_records(w, o, r);
    add_name(w, o, "verdict", verdict_names, r->eval.verdict, path);
    list = add(w, o, "findings", cJSON_CreateArray());
    n = records_findings(&r->target, &r->servers, &r->eval, f, RECORDS_FINDINGS_MAX);
    for (size_t k = 0; list && k < n; k++)
        add_text(w, list, NULL, diag_format_c(&f[k], text, sizeof text), sizeof text, false);
    list = add(w, o, "recommended_order", cJSON_CreateArray());
    for (size_t k = 0; list && k < r->eval.n; k++)
        add_server_text(w, list, NULL, &r->servers.v[r->eval.recommended[k]]);
}

static void add_action(struct wr *w, cJSON *arr, const struct checklist *cl, size_t i)
{
    const struct cl_action *a = &cl->actions[i];
    bool record = a->kind != ACTION_REORDER;
    char path[CD_DIAG_WHERE_MAX];
    cJSON *o = add_object(w, arr, NULL);

    if (!o)
        return;
    path_index(path, "actions", i);
    add_name(w, o, "kind", kind_names, a->kind, path);
    add_name(w, o, "status", astatus_names, a->status, path);
    add_who(w, o, "at", &a->who, false, path);
    if (record) {
        add_server_text(w, o, "server", &a->server);
        add_name(w, o, "host", host_names, a->host, path);
        add_name(w, o, "type", atype_names, a->type == PROBE_AAAA ? 1 : 0, path);
    } else {
        add(w, o, "server", cJSON_CreateString(""));
        add(w, o, "host", cJSON_CreateNull());
        add(w, o, "type", cJSON_CreateString(""));
    }
    add_text(w, o, "name", record ? a->name : "", sizeof a->name, false);
    add_text(w, o, "value", record ? a->value : "", sizeof a->value, false);
    add_servers(w, o, "order", record ? &(struct server_list){0} : &a->order);
    add_index(w, o, "check", a->check < cl->n_runs ? a->check : CHECKLIST_NONE);
    add_index(w, o, "since_check", a->since < cl->n_runs ? a->since : CHECKLIST_NONE);
    add_text(w, o, "message", a->message, sizeof a->message, false);
}

static void add_lookup(struct wr *w, cJSON *arr, const struct cl_lookup *l, size_t i)
{
    const struct probe_answer *a = &l->answer;
    char path[CD_DIAG_WHERE_MAX];
    cJSON *o = add_object(w, arr, NULL), *obs;

    if (!o)
        return;
    path_index(path, "lookups", i);
    add_who(w, o, "at", &l->who, false, path);
    add_server_text(w, o, "server", &l->server);
    add_text(w, o, "name", a->qname, sizeof a->qname, false);
    add_name(w, o, "type", atype_names, a->qtype == PROBE_AAAA ? 1 : 0, path);
    add_name(w, o, "outcome", outcome_names, a->outcome, path);
    obs = add(w, o, "observed", cJSON_CreateArray());
    for (size_t k = 0; obs && a->outcome == PROBE_ANSWER && k < a->n_addrs; k++)
        add_text(w, obs, NULL, a->addrs[k].text, sizeof a->addrs[k].text, false);
}

static void add_steps(struct wr *w, cJSON *root, const struct checklist *cl)
{
    cJSON *arr = add(w, root, "steps", cJSON_CreateArray());
    char path[CD_DIAG_WHERE_MAX];

    for (size_t i = 0; arr && i < STEP_COUNT; i++) {
        const struct cl_step *st = &cl->steps[i];
        cJSON *o = add_object(w, arr, NULL);

        if (!o)
            return;
        path_index(path, "steps", i);
        add(w, o, "id", cJSON_CreateString(step_names[i]));
        add_name(w, o, "status", status_names, st->status, path);
        add_who(w, o, "completed_at", &st->done, true, path);
        add_text(w, o, "notes", st->notes, sizeof st->notes, true);
    }
}

static void add_case(struct wr *w, cJSON *root, const struct checklist *cl)
{
    const struct cl_host *host[HOST_COUNT] = {&cl->exchange, &cl->cluster};
    cJSON *o;

    add(w, root, "schema", cJSON_CreateString(CHECKLIST_SCHEMA));
    add(w, root, "kb", cJSON_CreateString(CHECKLIST_KB));
    add_text(w, root, "tool_version", cl->tool_version, sizeof cl->tool_version, false);
    add_time(w, root, "created", cl->created, false, "");
    add_time(w, root, "updated", cl->updated, false, "");
    add_text(w, root, "operator", cl->operator_name, sizeof cl->operator_name, false);
    add_text(w, root, "ticket", cl->ticket, sizeof cl->ticket, false);
    add_text(w, root, "group", cl->group, sizeof cl->group, false);
    add_text(w, root, "zone", cl->zone, sizeof cl->zone, false);
    for (int h = 0; h < HOST_COUNT; h++)
        add_host(w, root, host_names[h], host[h]->name, host[h]->fqdn, host[h]->ip);
    if ((o = add_object(w, root, "symptoms"))) {
        add_tri(w, o, "setup_hangs", cl->symptoms.setup_hangs);
        add_tri(w, o, "overlapped_io", cl->symptoms.overlapped_io);
        add_tri(w, o, "event_4058", cl->symptoms.event_4058);
    }
    add_steps(w, root, cl);
}

int checklist_to_json(const struct checklist *cl, char **out, struct cd_diag *d)
{
    struct wr w = {d, CD_OK};
    cJSON *root = cJSON_CreateObject(), *o, *arr;

    *out = NULL;
    if (!root)
        w.rc = CD_ENOMEM;
    add_case(&w, root, cl);
    if (!cl->found_who.at) {
        add(&w, root, "order_found", cJSON_CreateNull());
    } else if ((o = add_object(&w, root, "order_found"))) {
        add_who(&w, o, "at", &cl->found_who, false, "order_found");
        add_servers(&w, o, "servers", &cl->found);
    }
    /* For readers: the order the next check asks (the journal's last), as import gives it. */
    add_servers(&w, root, "dns_servers",
                checklist_servers(cl) ? checklist_servers(cl) : &(struct server_list){0});
    arr = add(&w, root, "checks", cJSON_CreateArray());
    for (size_t m = 0; arr && m < cl->n_runs; m++)
        add_run(&w, arr, &cl->runs[m], m);
    arr = add(&w, root, "actions", cJSON_CreateArray());
    for (size_t i = 0; arr && i < cl->n_actions; i++)
        add_action(&w, arr, cl, i);
    arr = add(&w, root, "lookups", cJSON_CreateArray());
    for (size_t i = 0; arr && i < cl->n_lookups; i++)
        add_lookup(&w, arr, &cl->lookups[i], i);
    if (w.rc == CD_OK && !(*out = cJSON_Print(root)))
        w.rc = CD_ENOMEM;
    if (w.rc == CD_ENOMEM)
        diag_set(d, w.rc, NULL, "", msg_nomem, NULL, NULL);
    cJSON_Delete(root);
    return w.rc;
}

/* ---- reading: values ---------------------------------------------------------------- */

/* The member key of obj, or NULL; path receives its JSON path. */
static const cJSON *member(const cJSON *obj, const char *key, const char *parent, char *path)
{
    path_key(path, parent, key);
    return cJSON_GetObjectItemCaseSensitive(obj, key);
}

static int read_text(const cJSON *it, const char *path, size_t size, bool multiline, char *dst,
                     struct cd_diag *d)
{
    const char *msg;

    if (!cJSON_IsString(it))
        return fault(d, CD_EFORMAT, path, msg_string, NULL);
    if ((msg = text_fault(it->valuestring, size, multiline))) {
        if (msg == msg_long)
            return fault_num(d, CD_EFORMAT, path, msg, size - 1);
        return fault(d, CD_EFORMAT, path, msg == msg_control && multiline ? msg_control_notes : msg,
                     NULL);
    }
    memcpy(dst, it->valuestring, strlen(it->valuestring) + 1);
    return CD_OK;
}

static int read_name(const cJSON *it, const char *path, const char *const *names, int *index,
                     struct cd_diag *d)
{
    if (!cJSON_IsString(it))
        return fault(d, CD_EFORMAT, path, msg_string, NULL);
    if ((*index = name_index(names, it->valuestring)) < 0)
        return fault_names(d, CD_EFORMAT, path, names);
    return CD_OK;
}

/* The optional members of an object: each leaves its destination alone when absent. */

static int get_text(const cJSON *obj, const char *key, const char *parent, char *dst, size_t size,
                    bool multiline, struct cd_diag *d)
{
    char path[CD_DIAG_WHERE_MAX];
    const cJSON *it = member(obj, key, parent, path);

    return it ? read_text(it, path, size, multiline, dst, d) : CD_OK;
}

/* An enumeration into *v (an int-sized enum), or, with v NULL, only its name checked. */
static int get_enum(const cJSON *obj, const char *key, const char *parent,
                    const char *const *names, void *v, struct cd_diag *d)
{
    char path[CD_DIAG_WHERE_MAX];
    const cJSON *it = member(obj, key, parent, path);
    int i, rc;

    if (!it)
        return CD_OK;
    if ((rc = read_name(it, path, names, &i, d)) == CD_OK && v)
        memcpy(v, &i, sizeof i);
    return rc;
}

static int get_time(const cJSON *obj, const char *key, const char *parent, bool nullable,
                    bool required, time_t *t, struct cd_diag *d)
{
    char path[CD_DIAG_WHERE_MAX];
    const cJSON *it = member(obj, key, parent, path);
    time_t v;

    if (!it)
        return required ? fault(d, CD_EFORMAT, path, msg_missing, NULL) : CD_OK;
    if (nullable && cJSON_IsNull(it)) {
        *t = 0;
        return CD_OK;
    }
    v = cJSON_IsString(it) ? checklist_time_parse(it->valuestring) : -1;
    if (v < 0)
        return fault(d, CD_EFORMAT, path, nullable ? msg_time_null : msg_time, NULL);
    *t = v;
    return CD_OK;
}

static int get_tri(const cJSON *obj, const char *key, const char *parent, enum tri *t,
                   struct cd_diag *d)
{
    char path[CD_DIAG_WHERE_MAX];
    const cJSON *it = member(obj, key, parent, path);

    if (!it)
        return CD_OK;
    if (!cJSON_IsBool(it) && !cJSON_IsNull(it))
        return fault(d, CD_EFORMAT, path, msg_tri, NULL);
    *t = cJSON_IsNull(it) ? TRI_UNKNOWN : cJSON_IsTrue(it) ? TRI_YES : TRI_NO;
    return CD_OK;
}

static int get_uint(const cJSON *obj, const char *key, const char *parent, unsigned max,
                    unsigned *v, struct cd_diag *d)
{
    char path[CD_DIAG_WHERE_MAX];
    const cJSON *it = member(obj, key, parent, path);
    double x;

    if (!it)
        return CD_OK;
    x = cJSON_IsNumber(it) ? it->valuedouble : 0;
    if (x < 1 || x > max || x != (unsigned)x) /* the cast is safe once in range */
        return fault_num(d, CD_EFORMAT, path, msg_uint, max);
    *v = (unsigned)x;
    return CD_OK;
}

static int get_ms(const cJSON *obj, const char *key, const char *parent, double *v,
                  struct cd_diag *d)
{
    char path[CD_DIAG_WHERE_MAX];
    const cJSON *it = member(obj, key, parent, path);

    if (!it)
        return CD_OK;
    if (cJSON_IsNull(it))
        *v = -1;
    else if (cJSON_IsNumber(it) && isfinite(it->valuedouble) && it->valuedouble >= 0)
        *v = it->valuedouble;
    else
        return fault(d, CD_EFORMAT, path, msg_ms, NULL);
    return CD_OK;
}

/* The number of an earlier check (below limit), or null: CHECKLIST_NONE. */
static int get_index(const cJSON *obj, const char *key, const char *parent, size_t limit,
                     size_t *v, struct cd_diag *d)
{
    char path[CD_DIAG_WHERE_MAX];
    const cJSON *it = member(obj, key, parent, path);
    double x;

    if (!it || cJSON_IsNull(it)) {
        *v = CHECKLIST_NONE;
        return CD_OK;
    }
    x = cJSON_IsNumber(it) ? it->valuedouble : -1;
    if (limit == 0)
        return fault(d, CD_EFORMAT, path, msg_no_check, NULL);
    if (x < 0 || x >= (double)limit || x != (size_t)x)
        return fault_num(d, CD_EFORMAT, path, msg_index, limit - 1);
    *v = (size_t)x;
    return CD_OK;
}

/* An optional object member: *out NULL when absent. */
static int get_object(const cJSON *obj, const char *key, const char *parent, char *path,
                      const cJSON **out, struct cd_diag *d)
{
    *out = member(obj, key, parent, path);
    if (*out && !cJSON_IsObject(*out))
        return fault(d, CD_EFORMAT, path, msg_object, NULL);
    return CD_OK;
}

/* An optional array member of at most max entries: *out NULL when absent. */
static int get_array(const cJSON *obj, const char *key, const char *parent, size_t max,
                     char *path, const cJSON **out, struct cd_diag *d)
{
    *out = member(obj, key, parent, path);
    if (!*out)
        return CD_OK;
    if (!cJSON_IsArray(*out))
        return fault(d, CD_EFORMAT, path, msg_array, NULL);
    if ((size_t)cJSON_GetArraySize(*out) > max)
        return fault_num(d, CD_EFORMAT, path, msg_too_many, max);
    return CD_OK;
}

/* An array of strings of size bytes each: only checked (derived values, or kept in dst). */
static int get_strings(const cJSON *obj, const char *key, const char *parent, size_t max,
                       size_t size, char (*dst)[NAMES_FQDN_SIZE], size_t *n, struct cd_diag *d)
{
    char path[CD_DIAG_WHERE_MAX], ipath[CD_DIAG_WHERE_MAX], buf[CHECKLIST_NOTES];
    const cJSON *arr, *it;
    size_t i = 0;
    int rc;

    if ((rc = get_array(obj, key, parent, max, path, &arr, d)) < 0 || !arr)
        return rc;
    cJSON_ArrayForEach(it, arr)
    {
        path_index(ipath, path, i);
        if ((rc = read_text(it, ipath, size, false, dst ? dst[i] : buf, d)) < 0)
            return rc;
        i++;
    }
    if (n)
        *n = i;
    return CD_OK;
}

static int get_who(const cJSON *obj, const char *at_key, const char *parent, bool nullable,
                   struct cl_who *who, struct cd_diag *d)
{
    int rc;

    if ((rc = get_time(obj, at_key, parent, nullable, false, &who->at, d)) < 0 ||
        (rc = get_text(obj, "operator", parent, who->operator_name, sizeof who->operator_name,
                       false, d)) < 0)
        return rc;
    return get_text(obj, "ticket", parent, who->ticket, sizeof who->ticket, false, d);
}

static int get_host(const cJSON *obj, const char *key, const char *parent, struct cl_host *h,
                    struct cd_diag *d)
{
    char path[CD_DIAG_WHERE_MAX];
    const cJSON *o;
    int rc;

    if ((rc = get_object(obj, key, parent, path, &o, d)) < 0 || !o)
        return rc;
    if ((rc = get_text(o, "name", path, h->name, sizeof h->name, false, d)) < 0 ||
        (rc = get_text(o, "fqdn", path, h->fqdn, sizeof h->fqdn, false, d)) < 0)
        return rc;
    return get_text(o, "ip", path, h->ip, sizeof h->ip, false, d);
}

/* "IP", "IP:PORT", "[IPv6]:PORT" by the --servers rules. */
static int read_server_text(const cJSON *it, const char *path, struct dns_server *s,
                            struct cd_diag *d)
{
    char text[SERVERS_TEXT_SIZE + 8];
    int rc;

    if ((rc = read_text(it, path, sizeof text, false, text, d)) < 0)
        return rc;
    memset(s, 0, sizeof *s);
    return broke(servers_parse_one(text, s, d), d, path);
}

static int get_server_text(const cJSON *obj, const char *key, const char *parent,
                           struct dns_server *s, struct cd_diag *d)
{
    char path[CD_DIAG_WHERE_MAX];
    const cJSON *it = member(obj, key, parent, path);

    if (!it)
        return fault(d, CD_EFORMAT, path, msg_missing, NULL);
    return read_server_text(it, path, s, d);
}

/* ---- reading: lists of servers -------------------------------------------------------- */

/* What a list entry says beyond the server itself (a check's evidence; version 1's
 * judgements, from which its answers are rebuilt). */
struct server_extra {
    enum probe_outcome zone_reply;
    enum tri authoritative, reachable;
    double rtt_ms;
    enum server_role role;
    char primary[NAMES_FQDN_SIZE];
};

/* A list of servers: each {address, port, position, source} (and the extras, when extra is
 * not NULL), in the order of the positions; see checklist_from_json. */
static int read_servers(const cJSON *arr, const char *path, struct server_list *out,
                        struct server_extra *extra, struct cd_diag *d)
{
    struct dns_server v[SERVERS_MAX];
    struct server_extra x[SERVERS_MAX];
    unsigned pos[SERVERS_MAX];
    size_t order[SERVERS_MAX], n = 0;
    char ipath[CD_DIAG_WHERE_MAX], apath[CD_DIAG_WHERE_MAX];
    const cJSON *it, *addr;
    int rc;

    if (!cJSON_IsArray(arr))
        return fault(d, CD_EFORMAT, path, msg_array, NULL);
    cJSON_ArrayForEach(it, arr)
    {
        struct dns_server *s = &v[n];
        char text[NAMES_IP_SIZE];

        if (n == SERVERS_MAX)
            return fault_num(d, CD_EFORMAT, path, msg_too_many, SERVERS_MAX);
        path_index(ipath, path, n);
        if (!cJSON_IsObject(it))
            return fault(d, CD_EFORMAT, ipath, msg_object, NULL);
        memset(s, 0, sizeof *s);
        memset(&x[n], 0, sizeof x[n]);
        s->port = 53;
        pos[n] = (unsigned)n + 1; /* absent: its place in the list */
        x[n].rtt_ms = -1;
        if (!(addr = member(it, "address", ipath, apath)))
            return fault(d, CD_EFORMAT, apath, msg_missing, NULL);
        if ((rc = read_text(addr, apath, sizeof text, false, text, d)) < 0 ||
            (rc = broke(names_server_ip(text, &s->ip, N_("DNS server"), d), d, apath)) < 0 ||
            (rc = get_uint(it, "port", ipath, 65535, &s->port, d)) < 0 ||
            (rc = get_uint(it, "position", ipath, SERVERS_MAX, &pos[n], d)) < 0 ||
            (rc = get_text(it, "source", ipath, s->source, sizeof s->source, false, d)) < 0)
            return rc;
        for (size_t k = 0; k < n; k++)
            if (server_same(&v[k], s)) {
                char shown[SERVERS_TEXT_SIZE];

                return fault(d, CD_EFORMAT, ipath, msg_server_twice,
                             server_format(s, shown, sizeof shown));
            }
        if (extra &&
            ((rc = get_enum(it, "zone_reply", ipath, outcome_names, &x[n].zone_reply, d)) < 0 ||
             (rc = get_tri(it, "authoritative", ipath, &x[n].authoritative, d)) < 0 ||
             (rc = get_tri(it, "reachable", ipath, &x[n].reachable, d)) < 0 ||
             (rc = get_ms(it, "rtt_ms", ipath, &x[n].rtt_ms, d)) < 0 ||
             (rc = get_enum(it, "role", ipath, role_names, &x[n].role, d)) < 0 ||
             (rc = get_text(it, "zone_primary", ipath, x[n].primary, sizeof x[n].primary, false,
                            d)) < 0))
            return rc;
        n++;
    }
    /* The node's order: by position, a stable sort (equal positions keep the file's order,
     * gaps close up). */
    for (size_t i = 0; i < n; i++) {
        size_t k = i;

        for (; k > 0 && pos[order[k - 1]] > pos[i]; k--)
            order[k] = order[k - 1];
        order[k] = i;
    }
    for (size_t k = 0; k < n; k++) {
        if ((rc = server_list_add(out, &v[order[k]], d)) < 0)
            return rc;
        if (extra)
            extra[k] = x[order[k]];
    }
    return CD_OK;
}

static int get_servers(const cJSON *obj, const char *key, const char *parent,
                       struct server_list *out, struct server_extra *extra, struct cd_diag *d)
{
    char path[CD_DIAG_WHERE_MAX];
    const cJSON *it = member(obj, key, parent, path);

    return it ? read_servers(it, path, out, extra, d) : CD_OK;
}

/* ---- reading: a check's answers --------------------------------------------------------- */

/* Every answer pending, for the questions the check asks of each server. */
static void answers_init(const struct records_target *t, size_t n,
                         struct probe_answer (*a)[QUERY_COUNT])
{
    for (size_t i = 0; i < n; i++) {
        for (int q = 0; q < QUERY_COUNT; q++) {
            int h = (q == QUERY_EXCHANGE || q == QUERY_EXCHANGE_PTR) ? HOST_EXCHANGE : HOST_CLUSTER;
            struct probe_answer *x = &a[i][q];

            memset(x, 0, sizeof *x);
            x->outcome = PROBE_PENDING;
            x->rtt_ms = -1;
            if (q == QUERY_SOA) {
                x->qtype = PROBE_SOA;
                snprintf(x->qname, sizeof x->qname, "%s", t->zone);
            } else if (q == QUERY_EXCHANGE || q == QUERY_CLUSTER) {
                x->qtype = t->ip[h].family == AF_INET6 ? PROBE_AAAA : PROBE_A;
                snprintf(x->qname, sizeof x->qname, "%s", t->fqdn[h]);
            } else {
                x->qtype = PROBE_PTR;
                snprintf(x->qname, sizeof x->qname, "%s", t->reverse[h]);
            }
        }
    }
}

/* The observed values of an answer: addresses for A and AAAA, a name for PTR. */
static int read_observed(const cJSON *rec, const char *path, struct probe_answer *a,
                         struct cd_diag *d)
{
    char obs[PROBE_ADDRS_MAX][NAMES_FQDN_SIZE], opath[CD_DIAG_WHERE_MAX];
    size_t n = 0;
    int rc;

    if ((rc = get_strings(rec, "observed", path, PROBE_ADDRS_MAX, NAMES_FQDN_SIZE, obs, &n, d)) < 0)
        return rc;
    if (a->qtype == PROBE_PTR) {
        if (n)
            snprintf(a->target, sizeof a->target, "%s", obs[0]);
        return CD_OK;
    }
    for (size_t k = 0; k < n; k++) {
        snprintf(opath, sizeof opath, "%s.observed[%zu]", path, k);
        if ((rc = broke(names_ip_parse(obs[k], &a->addrs[k], N_("Record address"), d), d,
                        opath)) < 0)
            return rc;
    }
    a->n_addrs = n;
    return CD_OK;
}

/* Which question a record answers: by its host and type (version 2), or by its name
 * (version 1, which has no host). -1 with d filled when neither fits. */
static int record_query(const cJSON *rec, const char *path, const struct records_target *t,
                        bool v1, struct cd_diag *d)
{
    char name[NAMES_FQDN_SIZE] = "", npath[CD_DIAG_WHERE_MAX];
    int type = 0, host = -1, rc;

    if ((rc = get_enum(rec, "type", path, rtype_names, &type, d)) < 0 ||
        (rc = get_text(rec, "name", path, name, sizeof name, false, d)) < 0)
        return rc;
    if (!v1 && (rc = get_enum(rec, "host", path, host_names, &host, d)) < 0)
        return rc;
    for (int h = 0; v1 && h < HOST_COUNT; h++)
        if (strcasecmp(name, type == 2 ? t->reverse[h] : t->fqdn[h]) == 0)
            host = h;
    if (host < 0) {
        path_key(npath, path, v1 ? "name" : "host");
        return fault(d, CD_EFORMAT, npath, v1 ? msg_not_a_record : msg_missing, name);
    }
    if (type == 2)
        return host == HOST_EXCHANGE ? QUERY_EXCHANGE_PTR : QUERY_CLUSTER_PTR;
    return host == HOST_EXCHANGE ? QUERY_EXCHANGE : QUERY_CLUSTER;
}

static int read_records(const cJSON *arr, const char *path, const struct records_target *t,
                        const struct server_list *servers, struct probe_answer (*a)[QUERY_COUNT],
                        bool v1, struct cd_diag *d)
{
    bool seen[SERVERS_MAX][QUERY_COUNT] = {{false}};
    char ipath[CD_DIAG_WHERE_MAX], spath[CD_DIAG_WHERE_MAX], shown[SERVERS_TEXT_SIZE];
    const cJSON *it;
    size_t i = 0;
    int rc, q;

    cJSON_ArrayForEach(it, arr)
    {
        struct dns_server s;
        struct probe_answer *x;
        size_t k;

        path_index(ipath, path, i++);
        if (!cJSON_IsObject(it))
            return fault(d, CD_EFORMAT, ipath, msg_object, NULL);
        if ((rc = get_server_text(it, "server", ipath, &s, d)) < 0)
            return rc;
        path_key(spath, ipath, "server");
        if ((k = server_list_find(servers, &s)) == (size_t)-1)
            return fault(d, CD_EFORMAT, spath, msg_not_listed, server_format(&s, shown, sizeof shown));
        if ((q = record_query(it, ipath, t, v1, d)) < 0)
            return q;
        if (seen[k][q])
            return fault(d, CD_EFORMAT, ipath, msg_record_twice,
                         server_format(&s, shown, sizeof shown));
        seen[k][q] = true;
        x = &a[k][q];
        if ((rc = get_enum(it, "outcome", ipath, outcome_names, &x->outcome, d)) < 0 ||
            (rc = get_enum(it, "status", ipath, rstatus_names, NULL, d)) < 0 ||
            (rc = read_observed(it, ipath, x, d)) < 0)
            return rc;
        if (x->outcome != PROBE_PENDING)
            x->rtt_ms = 0;
    }
    return CD_OK;
}

/* The zone's answer of each server, from a check's server entries. Version 1 kept only
 * the judgement (reachable, authoritative, role): its answer is rebuilt from that. */
static void soa_answers(const struct server_extra *x, size_t n,
                        struct probe_answer (*a)[QUERY_COUNT], bool v1)
{
    for (size_t i = 0; i < n; i++) {
        struct probe_answer *soa = &a[i][QUERY_SOA];

        soa->outcome = x[i].zone_reply;
        if (v1) {
            soa->outcome = x[i].authoritative == TRI_YES ? PROBE_ANSWER
                           : x[i].reachable == TRI_NO    ? PROBE_TIMEOUT
                           : x[i].reachable == TRI_UNKNOWN ? PROBE_PENDING
                           : x[i].role == ROLE_INTERNET  ? PROBE_NXDOMAIN
                           : x[i].role == ROLE_LOCAL     ? PROBE_ANSWER
                                                         : PROBE_REFUSED;
        }
        soa->authoritative = soa->outcome == PROBE_ANSWER && x[i].authoritative == TRI_YES;
        soa->rtt_ms = x[i].rtt_ms;
        snprintf(soa->target, sizeof soa->target, "%s", x[i].primary);
    }
}

/* A check: the target (the names step's rules), the servers, the answers; appended to cl. */
static int read_run(struct checklist *cl, const cJSON *run, const char *path, bool v1,
                    const struct cl_who *who, struct cd_diag *d)
{
    struct server_extra x[SERVERS_MAX];
    struct cl_host host[HOST_COUNT];
    struct records_target t;
    struct server_list servers;
    struct probe_answer (*a)[QUERY_COUNT] = NULL;
    char zone[NAMES_FQDN_SIZE] = "", lpath[CD_DIAG_WHERE_MAX];
    const cJSON *list;
    int rc;

    server_list_init(&servers);
    memset(host, 0, sizeof host);
    if ((rc = get_text(run, "zone", path, zone, sizeof zone, false, d)) < 0 ||
        (rc = get_host(run, "exchange", path, &host[HOST_EXCHANGE], d)) < 0 ||
        (rc = get_host(run, "cluster", path, &host[HOST_CLUSTER], d)) < 0)
        goto out;
    if ((rc = check_target_set(&t, zone, host[0].name, host[0].ip, host[1].name, host[1].ip, d)) <
        0) {
        path_key(lpath, path, d ? d->where : "");
        rc = broke(rc, d, lpath);
        goto out;
    }
    if ((rc = get_servers(run, v1 ? "dns_servers" : "servers", path, &servers, x, d)) < 0)
        goto out;
    if (!(a = calloc(servers.n ? servers.n : 1, sizeof *a))) {
        rc = CD_ENOMEM;
        goto out;
    }
    answers_init(&t, servers.n, a);
    soa_answers(x, servers.n, a, v1);
    if ((rc = get_array(run, "records", path, SERVERS_MAX * (QUERY_COUNT - 1), lpath, &list, d)) <
            0 ||
        (list && (rc = read_records(list, lpath, &t, &servers, a, v1, d)) < 0))
        goto out;
    /* The judgements, for readers: checked, then worked out again from the answers. */
    if (!v1 && ((rc = get_enum(run, "verdict", path, verdict_names, NULL, d)) < 0 ||
                (rc = get_strings(run, "findings", path, CHECKLIST_ITEMS_MAX, CHECKLIST_NOTES,
                                  NULL, NULL, d)) < 0 ||
                (rc = get_strings(run, "recommended_order", path, SERVERS_MAX, SERVERS_TEXT_SIZE,
                                  NULL, NULL, d)) < 0))
        goto out;
    rc = checklist_put_run(cl, &t, &servers, (const struct probe_answer(*)[QUERY_COUNT])a, who);
    if (rc >= 0)
        rc = CD_OK;
    else if (rc == CD_EINVAL)
        rc = fault_num(d, CD_EFORMAT, "checks", msg_too_many, CHECKLIST_RUNS_MAX);
out:
    free(a);
    server_list_fini(&servers);
    return rc;
}

/* ---- reading: the journal ----------------------------------------------------------------- */

static int read_action(struct checklist *cl, const cJSON *it, const char *path, struct cd_diag *d)
{
    struct cl_action a;
    int type = 0, host = -1, rc;

    cl_action_init(&a);
    if (!cJSON_IsObject(it)) {
        rc = fault(d, CD_EFORMAT, path, msg_object, NULL);
        goto out;
    }
    if ((rc = get_enum(it, "kind", path, kind_names, &a.kind, d)) < 0 ||
        (rc = get_enum(it, "status", path, astatus_names, &a.status, d)) < 0 ||
        (rc = get_who(it, "at", path, false, &a.who, d)) < 0 ||
        (rc = get_text(it, "message", path, a.message, sizeof a.message, false, d)) < 0 ||
        (rc = get_index(it, "check", path, cl->n_runs, &a.check, d)) < 0 ||
        (rc = get_index(it, "since_check", path, cl->n_runs, &a.since, d)) < 0)
        goto out;
    if (a.kind == ACTION_REORDER) {
        rc = get_servers(it, "order", path, &a.order, NULL, d);
    } else if ((rc = get_server_text(it, "server", path, &a.server, d)) == CD_OK &&
               (rc = get_enum(it, "host", path, host_names, &host, d)) == CD_OK &&
               (rc = get_enum(it, "type", path, atype_names, &type, d)) == CD_OK &&
               (rc = get_text(it, "name", path, a.name, sizeof a.name, false, d)) == CD_OK &&
               (rc = get_text(it, "value", path, a.value, sizeof a.value, false, d)) == CD_OK) {
        a.host = host == HOST_CLUSTER ? HOST_CLUSTER : HOST_EXCHANGE;
        a.type = type == 1 ? PROBE_AAAA : PROBE_A;
    }
    if (rc == CD_OK && (rc = checklist_add_action(cl, &a)) == CD_EINVAL)
        rc = fault_num(d, CD_EFORMAT, "actions", msg_too_many, CHECKLIST_ITEMS_MAX);
out:
    cl_action_fini(&a);
    return rc;
}

static int read_lookup(struct checklist *cl, const cJSON *it, const char *path,
                       struct cl_lookup *l, struct cd_diag *d)
{
    int type = 0, rc;

    (void)cl;
    memset(l, 0, sizeof *l);
    if (!cJSON_IsObject(it))
        return fault(d, CD_EFORMAT, path, msg_object, NULL);
    if ((rc = get_who(it, "at", path, false, &l->who, d)) < 0 ||
        (rc = get_server_text(it, "server", path, &l->server, d)) < 0 ||
        (rc = get_text(it, "name", path, l->answer.qname, sizeof l->answer.qname, false, d)) < 0 ||
        (rc = get_enum(it, "type", path, atype_names, &type, d)) < 0 ||
        (rc = get_enum(it, "outcome", path, outcome_names, &l->answer.outcome, d)) < 0)
        return rc;
    l->answer.qtype = type == 1 ? PROBE_AAAA : PROBE_A;
    return read_observed(it, path, &l->answer, d);
}

static int read_steps(struct checklist *cl, const cJSON *root, bool v1, struct cd_diag *d)
{
    bool seen[STEP_COUNT] = {false};
    char path[CD_DIAG_WHERE_MAX], ipath[CD_DIAG_WHERE_MAX], idpath[CD_DIAG_WHERE_MAX];
    const cJSON *arr, *it, *id;
    size_t i = 0;
    int n, rc;

    if ((rc = get_array(root, "steps", "", STEP_COUNT, path, &arr, d)) < 0)
        return rc;
    if (!arr)
        return fault(d, CD_EFORMAT, path, msg_missing, NULL);
    /* Steps are found by id, in any order; those not listed stay pending. */
    cJSON_ArrayForEach(it, arr)
    {
        struct cl_step *st;

        path_index(ipath, path, i++);
        if (!cJSON_IsObject(it))
            return fault(d, CD_EFORMAT, ipath, msg_object, NULL);
        if (!(id = member(it, "id", ipath, idpath)))
            return fault(d, CD_EFORMAT, idpath, msg_missing, NULL);
        if ((rc = read_name(id, idpath, step_names, &n, d)) < 0)
            return rc;
        if (seen[n])
            return fault(d, CD_EFORMAT, idpath, msg_step_twice, step_names[n]);
        seen[n] = true;
        st = &cl->steps[n];
        /* Version 1 knew one operator for the whole file. */
        if (v1) {
            snprintf(st->done.operator_name, sizeof st->done.operator_name, "%s",
                     cl->operator_name);
            snprintf(st->done.ticket, sizeof st->done.ticket, "%s", cl->ticket);
        }
        if ((rc = get_enum(it, "status", ipath, status_names, &st->status, d)) < 0 ||
            (rc = get_who(it, "completed_at", ipath, true, &st->done, d)) < 0 ||
            (rc = get_text(it, "notes", ipath, st->notes, sizeof st->notes, true, d)) < 0)
            return rc;
    }
    return CD_OK;
}

/* What both versions share: the case. */
static int read_case(struct checklist *cl, const cJSON *root, struct cd_diag *d)
{
    char path[CD_DIAG_WHERE_MAX];
    const cJSON *o;
    int rc;

    cl->tool_version[0] = '\0'; /* unknown, rather than this version, when absent */
    if ((rc = get_text(root, "tool_version", "", cl->tool_version, sizeof cl->tool_version, false,
                       d)) < 0 ||
        (rc = get_time(root, "created", "", false, true, &cl->created, d)) < 0 ||
        (rc = get_time(root, "updated", "", false, true, &cl->updated, d)) < 0 ||
        (rc = get_text(root, "operator", "", cl->operator_name, sizeof cl->operator_name, false,
                       d)) < 0 ||
        (rc = get_text(root, "ticket", "", cl->ticket, sizeof cl->ticket, false, d)) < 0 ||
        (rc = get_text(root, "group", "", cl->group, sizeof cl->group, false, d)) < 0 ||
        (rc = get_text(root, "zone", "", cl->zone, sizeof cl->zone, false, d)) < 0 ||
        (rc = get_host(root, "exchange", "", &cl->exchange, d)) < 0 ||
        (rc = get_host(root, "cluster", "", &cl->cluster, d)) < 0 ||
        (rc = get_object(root, "symptoms", "", path, &o, d)) < 0)
        return rc;
    if (o && ((rc = get_tri(o, "setup_hangs", path, &cl->symptoms.setup_hangs, d)) < 0 ||
              (rc = get_tri(o, "overlapped_io", path, &cl->symptoms.overlapped_io, d)) < 0 ||
              (rc = get_tri(o, "event_4058", path, &cl->symptoms.event_4058, d)) < 0))
        return rc;
    return CD_OK;
}

static int read_v2(struct checklist *cl, const cJSON *root, struct cd_diag *d)
{
    char path[CD_DIAG_WHERE_MAX], ipath[CD_DIAG_WHERE_MAX];
    const cJSON *o, *arr, *it;
    struct cl_lookup *lookups = NULL;
    size_t i;
    int rc;

    if ((rc = read_steps(cl, root, false, d)) < 0)
        return rc;
    o = member(root, "order_found", "", path);
    if (o && !cJSON_IsNull(o)) {
        struct cl_who who = {0};

        if (!cJSON_IsObject(o))
            return fault(d, CD_EFORMAT, path, msg_object, NULL);
        if ((rc = get_who(o, "at", path, false, &who, d)) < 0 ||
            (rc = get_servers(o, "servers", path, &cl->found, NULL, d)) < 0)
            return rc;
        cl->found_who = who;
        if (!cl->found_who.at)
            cl->found_who.at = cl->created;
    }
    if ((rc = get_array(root, "checks", "", CHECKLIST_RUNS_MAX, path, &arr, d)) < 0)
        return rc;
    i = 0;
    cJSON_ArrayForEach(it, arr)
    {
        struct cl_who who = {0};

        path_index(ipath, path, i++);
        if (!cJSON_IsObject(it))
            return fault(d, CD_EFORMAT, ipath, msg_object, NULL);
        if ((rc = get_who(it, "at", ipath, false, &who, d)) < 0 ||
            (rc = read_run(cl, it, ipath, false, &who, d)) < 0)
            return rc;
    }
    if ((rc = get_array(root, "actions", "", CHECKLIST_ITEMS_MAX, path, &arr, d)) < 0)
        return rc;
    i = 0;
    cJSON_ArrayForEach(it, arr)
    {
        path_index(ipath, path, i++);
        if ((rc = read_action(cl, it, ipath, d)) < 0)
            return rc;
    }
    if ((rc = get_array(root, "lookups", "", CHECKLIST_ITEMS_MAX, path, &arr, d)) < 0 || !arr)
        return rc;
    if (!(lookups = calloc((size_t)cJSON_GetArraySize(arr) + 1, sizeof *lookups)))
        return CD_ENOMEM;
    i = 0;
    cJSON_ArrayForEach(it, arr)
    {
        path_index(ipath, path, i);
        if ((rc = read_lookup(cl, it, ipath, &lookups[i], d)) < 0)
            break;
        i++;
    }
    if (rc == CD_OK)
        rc = checklist_set_lookups(cl, lookups, i);
    free(lookups);
    return rc;
}

/* Version 1: one check, its servers and records at the top, the actions in "remediation".
 * Its servers are the order found and, when it was checked, the servers of its one check;
 * its applied and failed actions are kept, what was still to do is worked out again. */
static int read_v1(struct checklist *cl, const cJSON *root, struct cd_diag *d)
{
    struct cl_who created = {.at = cl->created}, updated = {.at = cl->updated};
    char path[CD_DIAG_WHERE_MAX], ipath[CD_DIAG_WHERE_MAX];
    const cJSON *o, *arr, *it;
    int verdict = 0, rc;
    size_t i;

    snprintf(created.operator_name, sizeof created.operator_name, "%s", cl->operator_name);
    snprintf(created.ticket, sizeof created.ticket, "%s", cl->ticket);
    snprintf(updated.operator_name, sizeof updated.operator_name, "%s", cl->operator_name);
    snprintf(updated.ticket, sizeof updated.ticket, "%s", cl->ticket);
    if ((rc = read_steps(cl, root, true, d)) < 0 ||
        (rc = get_servers(root, "dns_servers", "", &cl->found, NULL, d)) < 0)
        return rc;
    if (cl->found.n)
        cl->found_who = created;
    if ((rc = get_strings(root, "recommended_order", "", SERVERS_MAX, SERVERS_TEXT_SIZE, NULL, NULL,
                          d)) < 0 ||
        (rc = get_object(root, "verdict", "", path, &o, d)) < 0)
        return rc;
    if (o && ((rc = get_enum(o, "status", path, v1_verdict_names, &verdict, d)) < 0 ||
              (rc = get_strings(o, "findings", path, CHECKLIST_ITEMS_MAX, CHECKLIST_NOTES, NULL,
                                NULL, d)) < 0))
        return rc;
    if (verdict != 0 && (rc = read_run(cl, root, "", true, &updated, d)) < 0)
        return rc;
    if ((rc = get_array(root, "remediation", "", CHECKLIST_ITEMS_MAX, path, &arr, d)) < 0)
        return rc;
    i = 0;
    cJSON_ArrayForEach(it, arr)
    {
        struct cl_action a;
        char value[NAMES_FQDN_SIZE] = ""; /* a reorder's held the order */
        int status = 0, type = 0, kind = 0;

        path_index(ipath, path, i++);
        if (!cJSON_IsObject(it))
            return fault(d, CD_EFORMAT, ipath, msg_object, NULL);
        cl_action_init(&a);
        a.who = updated;
        /* Its one check is the one made after them (the wizard's, the --apply's). */
        a.check = CHECKLIST_NONE;
        if ((rc = get_enum(it, "kind", ipath, kind_names, &kind, d)) < 0 ||
            (rc = get_enum(it, "status", ipath, v1_astatus_names, &status, d)) < 0 ||
            (rc = get_enum(it, "type", ipath, v1_atype_names, &type, d)) < 0 ||
            (rc = get_time(it, "applied_at", ipath, true, false, &a.who.at, d)) < 0 ||
            (rc = get_text(it, "name", ipath, a.name, sizeof a.name, false, d)) < 0 ||
            (rc = get_text(it, "value", ipath, value, sizeof value, false, d)) < 0)
            return rc;
        /* What was still to do, and the order, are the last check's to say now. */
        if (status == 0 || kind == ACTION_REORDER)
            continue;
        snprintf(a.value, sizeof a.value, "%s", value);
        a.kind = (enum cl_action_kind)kind;
        a.status = status == 1 ? ACTION_APPLIED : ACTION_FAILED;
        a.type = type == 2 ? PROBE_AAAA : PROBE_A;
        a.host = cl->n_runs && strcasecmp(a.name, cl->runs[0].target.fqdn[HOST_CLUSTER]) == 0
                     ? HOST_CLUSTER
                     : HOST_EXCHANGE;
        if (!a.who.at)
            a.who.at = cl->updated;
        if ((rc = get_server_text(it, "server", ipath, &a.server, d)) < 0 ||
            (rc = checklist_add_action(cl, &a)) < 0)
            return rc == CD_EINVAL ? fault_num(d, CD_EFORMAT, path, msg_too_many, CHECKLIST_ITEMS_MAX) : rc;
    }
    return CD_OK;
}

/* "clusterdns-checklist/N" with N > 2 comes from a newer clusterdns; anything else is not
 * ours. *v1 tells the two versions read here apart. */
static int read_identity(const cJSON *root, bool *v1, struct cd_diag *d)
{
    static const char prefix[] = "clusterdns-checklist/";
    const cJSON *it = cJSON_GetObjectItemCaseSensitive(root, "schema");
    char path[CD_DIAG_WHERE_MAX], shown[CD_DIAG_ARG_MAX];
    const char *v, *n;
    int kb;

    if (!it)
        return fault(d, CD_EFORMAT, "schema", msg_missing, NULL);
    if (!cJSON_IsString(it))
        return fault(d, CD_EFORMAT, "schema", msg_string, NULL);
    v = it->valuestring;
    *v1 = strcmp(v, CHECKLIST_SCHEMA_V1) == 0;
    if (!*v1 && strcmp(v, CHECKLIST_SCHEMA) != 0) {
        n = strncmp(v, prefix, sizeof prefix - 1) == 0 ? v + sizeof prefix - 1 : "";
        text_clean(shown, v, sizeof shown, false); /* no escape sequences to the terminal */
        if (n[0] >= '1' && n[0] <= '9' && strspn(n, "0123456789") == strlen(n))
            return fault(d, CD_EFORMAT, "schema", msg_newer, shown);
        return fault(d, CD_EFORMAT, "schema", msg_foreign, shown);
    }
    if (!(it = member(root, "kb", "", path)))
        return fault(d, CD_EFORMAT, path, msg_missing, NULL);
    return read_name(it, path, kb_names, &kb, d);
}

static int read_document(const cJSON *root, struct checklist *cl, struct cd_diag *d)
{
    bool v1;
    int rc;

    if (!cJSON_IsObject(root))
        return fault(d, CD_EFORMAT, "", msg_not_object, NULL);
    if ((rc = read_identity(root, &v1, d)) < 0 || (rc = read_case(cl, root, d)) < 0)
        return rc;
    return v1 ? read_v1(cl, root, d) : read_v2(cl, root, d);
}

/* ---- the JSON text: where a parse fails ------------------------------------------------- */

static void line_col(const char *text, size_t pos, char *line, char *col)
{
    unsigned long l = 1, c = 1;

    for (size_t i = 0; i < pos; i++) {
        if (text[i] == '\n') {
            l++;
            c = 1;
        } else if (((unsigned char)text[i] & 0xc0) != 0x80) { /* characters, not bytes */
            c++;
        }
    }
    snprintf(line, 24, "%lu", l);
    snprintf(col, 24, "%lu", c);
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* s (n bytes) is the beginning of word, or of a number, and no more. */
static bool is_cut_token(const char *s, size_t n)
{
    static const char *const words[] = {"true", "false", "null"};
    size_t i = 0;

    for (size_t w = 0; w < sizeof words / sizeof words[0]; w++)
        if (n < strlen(words[w]) && strncmp(s, words[w], n) == 0)
            return true;
    while (i < n && strchr("0123456789+-.eE", s[i]) && s[i])
        i++;
    return i == n;
}

/* The state of the JSON text just before offset end, for placing cJSON's errors. */
struct scan {
    bool in_string; /* inside a string that began at string_start */
    size_t string_start;
    bool key_expected; /* in an object, after "{" or "," */
};

static void scan_to(const char *text, size_t end, struct scan *s)
{
    char stack[CJSON_NESTING_LIMIT + 1]; /* deeper text fails in cJSON anyway */
    size_t depth = 0;
    char last = 0;

    s->in_string = false;
    for (size_t i = 0; i < end; i++) {
        char c = text[i];

        if (s->in_string) {
            if (c == '\\')
                i++; /* the escaped character */
            else if (c == '"')
                s->in_string = false;
        } else if (c == '"') {
            s->in_string = true;
            s->string_start = i;
        } else if ((c == '{' || c == '[') && depth < sizeof stack) {
            stack[depth++] = c;
        } else if ((c == '}' || c == ']') && depth > 0) {
            depth--;
        }
        if (!s->in_string && !is_space(c))
            last = c;
    }
    s->key_expected =
        !s->in_string && depth > 0 && stack[depth - 1] == '{' && (last == '{' || last == ',');
}

/* Where a failed parse went wrong, or len when the text ends too early. cJSON reports the
 * end of input and an error on the last character alike, so the text is parsed again with
 * a sentinel that no JSON can hold after it: stopping there means the text ran out. */
static size_t error_at(const char *text, size_t len)
{
    char *copy = malloc(len + 2);
    const char *end = NULL;
    struct scan s;
    size_t pos;

    if (!copy)
        return 0;
    memcpy(copy, text, len);
    memcpy(copy + len, "#", 2);
    cJSON_Delete(cJSON_ParseWithLengthOpts(copy, len + 1, &end, 0));
    pos = end ? (size_t)(end - copy) : 0;
    free(copy);
    if (pos >= len)
        return len;
    /* A literal or a number cut short ("tru", "-") fails at its first character. */
    if (is_cut_token(text + pos, len - pos))
        return len;
    /* A string that fails, unterminated or where a key should be, is reported one past
     * its first character. */
    scan_to(text, len, &s);
    if (s.in_string && pos == s.string_start + 1)
        return len;
    if (pos > 0) {
        scan_to(text, pos - 1, &s);
        if (s.key_expected && text[pos - 1] != '"')
            return pos - 1;
    }
    return pos;
}

static bool is_blank(const char *text, size_t len)
{
    size_t i = len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0 ? 3 : 0; /* UTF-8 BOM */

    while (i < len && is_space(text[i]))
        i++;
    return i == len;
}

static int parse(const char *text, size_t len, cJSON **root, struct cd_diag *d)
{
    const char *end = NULL, *nul = len ? memchr(text, '\0', len) : NULL;
    char line[24], col[24];
    size_t pos;

    if (len == 0 || is_blank(text, len))
        return fault(d, CD_EFORMAT, "", msg_empty, NULL);
    /* cJSON would stop a string at a NUL and take the rest for its end. */
    if (nul) {
        *root = NULL;
        pos = (size_t)(nul - text);
    } else {
        *root = cJSON_ParseWithLengthOpts(text, len, &end, 0);
        pos = end ? (size_t)(end - text) : 0;
    }
    if (!*root) {
        if (!nul)
            pos = error_at(text, len);
        line_col(text, pos, line, col);
        return diag_set(d, CD_EFORMAT, NULL, "", pos == len ? msg_truncated : msg_malformed, line,
                        col);
    }
    while (pos < len && is_space(text[pos]))
        pos++;
    if (pos < len) { /* something after the document */
        cJSON_Delete(*root);
        *root = NULL;
        line_col(text, pos, line, col);
        return diag_set(d, CD_EFORMAT, NULL, "", msg_malformed, line, col);
    }
    return CD_OK;
}


int checklist_from_json(const char *text, size_t len, struct checklist *cl, struct cd_diag *d)
{
    cJSON *root = NULL;
    int rc;

    checklist_fini(cl);
    checklist_init(cl);
    rc = parse(text, len, &root, d);
    if (rc == CD_OK)
        rc = read_document(root, cl, d);
    if (rc == CD_ENOMEM) /* from the checklist_add_* calls */
        diag_set(d, rc, NULL, "", msg_nomem, NULL, NULL);
    if (rc < 0) {
        checklist_fini(cl);
        checklist_init(cl);
    }
    cJSON_Delete(root);
    return rc;
}
