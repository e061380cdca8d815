#include "config.h"

#include "checklist.h"

#include <assert.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cJSON.h>

#include "i18n.h"

/* ---- messages: %1$s is always the JSON path (or the file) -------------------------- */

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
static const char *const msg_read = N_("cannot read %1$s: %2$s");
static const char *const msg_too_big =
    N_("cannot read %1$s: larger than %2$s MiB, not a checklist");
static const char *const msg_save = N_("cannot save %1$s: %2$s");
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

static int io_fault(struct cd_diag *d, const char *fmt, const char *path, int err)
{
    return diag_set(d, CD_EIO, NULL, "", fmt, path, strerror(err));
}

/* ---- enumerations: the JSON names; the first of each list is the default ------------ */

static const char *const step_names[] = {"symptoms",     "group",   "names", "dns_order",
                                         "host_records", "summary", NULL};
static const char *const status_names[] = {"pending", "done", "skipped", "failed", NULL};
static const char *const kb_names[] = {CHECKLIST_KB, NULL};
static const char *const role_names[] = {"unknown", "local", "internet", NULL};
static const char *const rtype_names[] = {"A", "AAAA", "PTR", NULL};
static const char *const rstatus_names[] = {"pending", "ok",         "missing",
                                            "wrong",   "unanswered", NULL};
/* probe_outcome_name()'s names: the file format is fixed here, whatever probe.c adds. */
static const char *const outcome_names[] = {"pending",   "answer",   "nxdomain", "nodata",
                                            "refused",   "servfail", "timeout",  "connrefused",
                                            "malformed", "truncated", "failed", NULL};
static const char *const verdict_names[] = {"unchecked", "incomplete", "pass", "fail", NULL};
static const char *const kind_names[] = {"add_record", "fix_record", "reorder", NULL};
static const char *const atype_names[] = {"", "A", "AAAA", "PTR", NULL}; /* "" for reorder */
static const char *const astatus_names[] = {"todo", "applied", "failed", NULL};

static int name_index(const char *const *names, const char *s)
{
    for (int i = 0; names[i]; i++)
        if (strcmp(names[i], s) == 0)
            return i;
    return -1;
}

const char *checklist_step_name(enum step_id id)
{
    return (unsigned)id < STEP_COUNT ? step_names[id] : NULL;
}

int checklist_step_parse(const char *name)
{
    return name ? name_index(step_names, name) : -1;
}

const char *checklist_status_name(enum step_status s)
{
    return (unsigned)s <= STEP_FAILED ? status_names[s] : NULL;
}

int checklist_status_parse(const char *name)
{
    return name ? name_index(status_names, name) : -1;
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

/* ---- time ------------------------------------------------------------------------- */

const char *checklist_time_format(time_t t, char *buf, size_t n)
{
    struct tm tm;

    if (n == 0)
        return buf;
    buf[0] = '\0';
    if (n < 21 || t < 0 || !gmtime_r(&t, &tm) || tm.tm_year + 1900 > 9999)
        return buf;
    strftime(buf, n, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

time_t checklist_time_parse(const char *s)
{
    static const char shape[] = "dddd-dd-ddTdd:dd:ddZ";
    struct tm tm = {0}, back;
    time_t t;

    if (!s || strlen(s) != sizeof shape - 1)
        return -1;
    for (size_t i = 0; shape[i]; i++)
        if (shape[i] == 'd' ? s[i] < '0' || s[i] > '9' : s[i] != shape[i])
            return -1;
    tm.tm_year = atoi(s) - 1900;
    tm.tm_mon = atoi(s + 5) - 1;
    tm.tm_mday = atoi(s + 8);
    tm.tm_hour = atoi(s + 11);
    tm.tm_min = atoi(s + 14);
    tm.tm_sec = atoi(s + 17);
    if (tm.tm_year < 70)
        return -1;
    /* timegm() normalises 02-30 or 24:00:00; a date that does not read back is not one. */
    back = tm;
    t = timegm(&back);
    if (t < 0 || back.tm_year != tm.tm_year || back.tm_mon != tm.tm_mon ||
        back.tm_mday != tm.tm_mday || back.tm_hour != tm.tm_hour || back.tm_min != tm.tm_min ||
        back.tm_sec != tm.tm_sec)
        return -1;
    return t;
}

/* ---- the fields, one table per object --------------------------------------------- */

enum kind {
    K_STR,    /* one line of text */
    K_TEXT,   /* text that may hold new lines and tabs */
    K_ENUM,   /* one of names[], kept as its name */
    K_STATUS, /* one of status_names[], kept as enum step_status */
    K_TRI,    /* true, false or null */
    K_TIME,   /* "2026-11-25T12:00:00Z", or null (0) when F_NULLABLE */
    K_UINT,   /* whole number from 1 to max */
    K_MS,     /* milliseconds, null when negative */
    K_OBJ,    /* object described by sub, at off */
    K_LIST,   /* up to max strings of size bytes each at off, their count at count_off */
};

#define F_REQUIRED 1u
#define F_NULLABLE 2u

struct field {
    const char *key;
    enum kind kind;
    size_t off;
    size_t size;              /* text: bytes with the NUL */
    unsigned max;             /* K_UINT: largest value; K_LIST: most entries */
    unsigned dflt;            /* K_UINT: value when absent */
    const char *const *names; /* K_ENUM */
    const struct field *sub;  /* K_OBJ */
    size_t count_off;         /* K_LIST */
    unsigned flags;
};

#define FIELD(k, kd, type, m)                                                                      \
    .key = (k), .kind = (kd), .off = offsetof(type, m), .size = sizeof(((type *)0)->m)

static const struct field host_fields[] = {
    {FIELD("name", K_STR, struct cl_host, name)},
    {FIELD("fqdn", K_STR, struct cl_host, fqdn)},
    {FIELD("ip", K_STR, struct cl_host, ip)},
    {0},
};

static const struct field symptom_fields[] = {
    {FIELD("setup_hangs", K_TRI, struct cl_symptoms, setup_hangs)},
    {FIELD("overlapped_io", K_TRI, struct cl_symptoms, overlapped_io)},
    {FIELD("event_4058", K_TRI, struct cl_symptoms, event_4058)},
    {0},
};

/* The top level up to the lists, which have code of their own below. */
static const struct field top_fields[] = {
    {FIELD("tool_version", K_STR, struct checklist, tool_version)},
    {FIELD("created", K_TIME, struct checklist, created), .flags = F_REQUIRED},
    {FIELD("updated", K_TIME, struct checklist, updated), .flags = F_REQUIRED},
    {FIELD("operator", K_STR, struct checklist, operator_name)},
    {FIELD("ticket", K_STR, struct checklist, ticket)},
    {FIELD("group", K_STR, struct checklist, group)},
    {FIELD("zone", K_STR, struct checklist, zone)},
    {FIELD("exchange", K_OBJ, struct checklist, exchange), .sub = host_fields},
    {FIELD("cluster", K_OBJ, struct checklist, cluster), .sub = host_fields},
    {FIELD("symptoms", K_OBJ, struct checklist, symptoms), .sub = symptom_fields},
    {0},
};

/* The "verdict" object's status lives in struct checklist itself. */
static const struct field verdict_fields[] = {
    {FIELD("status", K_ENUM, struct checklist, verdict), .names = verdict_names},
    {0},
};

static const struct field server_fields[] = {
    {FIELD("address", K_STR, struct cl_server, address)},
    {FIELD("port", K_UINT, struct cl_server, port), .max = 65535, .dflt = 53},
    /* Absent: its place in the list (server_item). */
    {FIELD("position", K_UINT, struct cl_server, position), .max = SERVERS_MAX},
    {FIELD("role", K_ENUM, struct cl_server, role), .names = role_names},
    {FIELD("reachable", K_TRI, struct cl_server, reachable)},
    {FIELD("rtt_ms", K_MS, struct cl_server, rtt_ms)},
    {FIELD("authoritative", K_TRI, struct cl_server, authoritative)},
    {FIELD("source", K_STR, struct cl_server, source)},
    {0},
};

static const struct field record_fields[] = {
    {FIELD("server", K_STR, struct cl_record, server)},
    {FIELD("name", K_STR, struct cl_record, name)},
    {FIELD("type", K_ENUM, struct cl_record, type), .names = rtype_names},
    {FIELD("expected", K_STR, struct cl_record, expected)},
    {.key = "observed",
     .kind = K_LIST,
     .off = offsetof(struct cl_record, observed),
     .size = sizeof(((struct cl_record *)0)->observed[0]),
     .max = PROBE_ADDRS_MAX,
     .count_off = offsetof(struct cl_record, n_observed)},
    {FIELD("status", K_ENUM, struct cl_record, status), .names = rstatus_names},
    {FIELD("outcome", K_ENUM, struct cl_record, outcome), .names = outcome_names},
    {0},
};

static const struct field action_fields[] = {
    {FIELD("kind", K_ENUM, struct cl_action, kind), .names = kind_names},
    {FIELD("server", K_STR, struct cl_action, server)},
    {FIELD("name", K_STR, struct cl_action, name)},
    {FIELD("type", K_ENUM, struct cl_action, type), .names = atype_names},
    {FIELD("value", K_STR, struct cl_action, value)},
    {FIELD("status", K_ENUM, struct cl_action, status), .names = astatus_names},
    {FIELD("applied_at", K_TIME, struct cl_action, applied_at), .flags = F_NULLABLE},
    {0},
};

/* After the step's "id", written and read by hand. */
static const struct field step_fields[] = {
    {FIELD("status", K_STATUS, struct cl_step, status)},
    {FIELD("completed_at", K_TIME, struct cl_step, completed_at), .flags = F_NULLABLE},
    {FIELD("notes", K_TEXT, struct cl_step, notes)},
    {0},
};

/* Sets the fields whose default is not zero; base must be zeroed. */
static void set_defaults(const struct field *f, char *base)
{
    for (; f->key; f++) {
        void *p = base + f->off;

        if (f->kind == K_ENUM)
            snprintf(p, f->size, "%s", f->names[0]);
        else if (f->kind == K_UINT)
            *(unsigned *)p = f->dflt;
        else if (f->kind == K_MS)
            *(double *)p = -1;
        else if (f->kind == K_OBJ)
            set_defaults(f->sub, p);
    }
}

static void path_key(char *out, const char *parent, const char *key)
{
    snprintf(out, CD_DIAG_WHERE_MAX, "%s%s%s", parent, *parent ? "." : "", key);
}

static void path_index(char *out, const char *parent, size_t i)
{
    snprintf(out, CD_DIAG_WHERE_MAX, "%s[%zu]", parent, i);
}

/* ---- the model ---------------------------------------------------------------------- */

void checklist_init(struct checklist *cl)
{
    memset(cl, 0, sizeof *cl);
    set_defaults(top_fields, (char *)cl);
    set_defaults(verdict_fields, (char *)cl);
    snprintf(cl->tool_version, sizeof cl->tool_version, "%s", PACKAGE_VERSION);
    cl->created = cl->updated = time(NULL);
}

void checklist_clear_results(struct checklist *cl)
{
    free(cl->servers);
    free(cl->recommended);
    free(cl->records);
    free(cl->findings);
    free(cl->remediation);
    cl->servers = NULL;
    cl->recommended = NULL;
    cl->records = NULL;
    cl->findings = NULL;
    cl->remediation = NULL;
    cl->n_servers = cl->n_recommended = cl->n_records = cl->n_findings = cl->n_remediation = 0;
    set_defaults(verdict_fields, (char *)cl);
}

void checklist_fini(struct checklist *cl)
{
    checklist_clear_results(cl);
    memset(cl, 0, sizeof *cl);
}

/* Room for item n: arrays hold a power of two of items, so n alone says when to grow. */
static void *grow(void *v, size_t n, size_t size)
{
    if (n & (n - 1))
        return v;
    return realloc(v, (n ? 2 * n : 1) * size);
}

int checklist_add_server(struct checklist *cl, const struct cl_server *s)
{
    struct cl_server *v;

    if (cl->n_servers >= SERVERS_MAX)
        return CD_EINVAL;
    if (!(v = grow(cl->servers, cl->n_servers, sizeof *v)))
        return CD_ENOMEM;
    cl->servers = v;
    v[cl->n_servers++] = *s;
    return CD_OK;
}

int checklist_add_recommended(struct checklist *cl, const char *server)
{
    char(*v)[SERVERS_TEXT_SIZE];

    if (cl->n_recommended >= SERVERS_MAX)
        return CD_EINVAL;
    if (!(v = grow(cl->recommended, cl->n_recommended, sizeof *v)))
        return CD_ENOMEM;
    cl->recommended = v;
    snprintf(v[cl->n_recommended++], sizeof *v, "%s", server);
    return CD_OK;
}

int checklist_add_record(struct checklist *cl, const struct cl_record *r)
{
    struct cl_record *v;

    if (cl->n_records >= CHECKLIST_ITEMS_MAX)
        return CD_EINVAL;
    if (!(v = grow(cl->records, cl->n_records, sizeof *v)))
        return CD_ENOMEM;
    cl->records = v;
    v[cl->n_records++] = *r;
    return CD_OK;
}

int checklist_add_finding(struct checklist *cl, const char *text)
{
    char(*v)[CHECKLIST_NOTES];

    if (cl->n_findings >= CHECKLIST_ITEMS_MAX)
        return CD_EINVAL;
    if (!(v = grow(cl->findings, cl->n_findings, sizeof *v)))
        return CD_ENOMEM;
    cl->findings = v;
    snprintf(v[cl->n_findings++], sizeof *v, "%s", text);
    return CD_OK;
}

int checklist_add_action(struct checklist *cl, const struct cl_action *a)
{
    struct cl_action *v;

    if (cl->n_remediation >= CHECKLIST_ITEMS_MAX)
        return CD_EINVAL;
    if (!(v = grow(cl->remediation, cl->n_remediation, sizeof *v)))
        return CD_ENOMEM;
    cl->remediation = v;
    v[cl->n_remediation++] = *a;
    return CD_OK;
}

/* ---- writing ------------------------------------------------------------------------ */

/* Adds item under key (or to the array when key is NULL); a NULL item is out of memory. */
static int put(cJSON *parent, const char *key, cJSON *item)
{
    if (item &&
        (key ? cJSON_AddItemToObject(parent, key, item) : cJSON_AddItemToArray(parent, item)))
        return CD_OK;
    cJSON_Delete(item);
    return CD_ENOMEM;
}

static int put_text(cJSON *parent, const char *key, const char *src, size_t size, bool multiline)
{
    char text[CHECKLIST_NOTES];

    assert(size <= sizeof text); /* the largest text field */
    text_clean(text, src, size, multiline);
    return put(parent, key, cJSON_CreateString(text));
}

/* An array under key of n strings of size bytes each, starting at base. */
static int write_strings(cJSON *parent, const char *key, const char *base, size_t n, size_t size,
                         size_t max, const char *path, struct cd_diag *d)
{
    cJSON *arr = cJSON_CreateArray();
    int rc = put(parent, key, arr);

    if (rc == CD_OK && n > max)
        rc = fault_num(d, CD_EINVAL, path, msg_too_many, max);
    for (size_t i = 0; rc == CD_OK && i < n; i++)
        rc = put_text(arr, NULL, base + i * size, size, false);
    return rc;
}

static int write_fields(cJSON *obj, const struct field *f, const char *base, const char *parent,
                        struct cd_diag *d);

static int write_field(cJSON *obj, const struct field *f, const char *base, const char *path,
                       struct cd_diag *d)
{
    const void *p = base + f->off;
    char buf[24];

    switch (f->kind) {
    case K_STR:
    case K_TEXT:
        return put_text(obj, f->key, p, f->size, f->kind == K_TEXT);
    case K_ENUM:
        if (memchr(p, '\0', f->size) == NULL || name_index(f->names, p) < 0)
            return fault_names(d, CD_EINVAL, path, f->names);
        return put(obj, f->key, cJSON_CreateString(p));
    case K_STATUS: {
        const char *name = checklist_status_name(*(const enum step_status *)p);

        if (!name)
            return fault_names(d, CD_EINVAL, path, status_names);
        return put(obj, f->key, cJSON_CreateString(name));
    }
    case K_TRI:
        switch (*(const enum tri *)p) {
        case TRI_UNKNOWN:
            return put(obj, f->key, cJSON_CreateNull());
        case TRI_NO:
            return put(obj, f->key, cJSON_CreateFalse());
        case TRI_YES:
            return put(obj, f->key, cJSON_CreateTrue());
        }
        return fault(d, CD_EINVAL, path, msg_tri, NULL);
    case K_TIME: {
        time_t t = *(const time_t *)p;

        if (t == 0 && (f->flags & F_NULLABLE))
            return put(obj, f->key, cJSON_CreateNull());
        if (!*checklist_time_format(t, buf, sizeof buf))
            return fault(d, CD_EINVAL, path, f->flags & F_NULLABLE ? msg_time_null : msg_time,
                         NULL);
        return put(obj, f->key, cJSON_CreateString(buf));
    }
    case K_UINT: {
        unsigned v = *(const unsigned *)p;

        if (v < 1 || v > f->max)
            return fault_num(d, CD_EINVAL, path, msg_uint, f->max);
        return put(obj, f->key, cJSON_CreateNumber(v));
    }
    case K_MS: {
        double v = *(const double *)p;

        return put(obj, f->key, isfinite(v) && v >= 0 ? cJSON_CreateNumber(v) : cJSON_CreateNull());
    }
    case K_OBJ: {
        cJSON *sub = cJSON_CreateObject();
        int rc = put(obj, f->key, sub);

        return rc < 0 ? rc : write_fields(sub, f->sub, p, path, d);
    }
    case K_LIST:
        return write_strings(obj, f->key, p, *(const size_t *)(base + f->count_off), f->size,
                             f->max, path, d);
    }
    return CD_EINVAL;
}

static int write_fields(cJSON *obj, const struct field *f, const char *base, const char *parent,
                        struct cd_diag *d)
{
    char path[CD_DIAG_WHERE_MAX];
    int rc = CD_OK;

    for (; rc == CD_OK && f->key; f++) {
        path_key(path, parent, f->key);
        rc = write_field(obj, f, base, path, d);
    }
    return rc;
}

/* An array under key of n objects described by f, of size bytes each, starting at base. */
static int write_objects(cJSON *parent, const char *key, const struct field *f, const void *base,
                         size_t n, size_t size, size_t max, struct cd_diag *d)
{
    cJSON *arr = cJSON_CreateArray(), *obj;
    char path[CD_DIAG_WHERE_MAX];
    int rc = put(parent, key, arr);

    if (rc == CD_OK && n > max)
        rc = fault_num(d, CD_EINVAL, key, msg_too_many, max);
    for (size_t i = 0; rc == CD_OK && i < n; i++) {
        path_index(path, key, i);
        obj = cJSON_CreateObject();
        if ((rc = put(arr, NULL, obj)) == CD_OK)
            rc = write_fields(obj, f, (const char *)base + i * size, path, d);
    }
    return rc;
}

static int write_steps(cJSON *root, const struct checklist *cl, struct cd_diag *d)
{
    cJSON *arr = cJSON_CreateArray(), *obj;
    char path[CD_DIAG_WHERE_MAX];
    int rc = put(root, "steps", arr);

    for (size_t i = 0; rc == CD_OK && i < STEP_COUNT; i++) {
        path_index(path, "steps", i);
        obj = cJSON_CreateObject();
        if ((rc = put(arr, NULL, obj)) == CD_OK)
            rc = put(obj, "id", cJSON_CreateString(step_names[i]));
        if (rc == CD_OK)
            rc = write_fields(obj, step_fields, (const char *)&cl->steps[i], path, d);
    }
    return rc;
}

static int write_verdict(cJSON *root, const struct checklist *cl, struct cd_diag *d)
{
    cJSON *verdict = cJSON_CreateObject();
    int rc = put(root, "verdict", verdict);

    if (rc == CD_OK)
        rc = write_fields(verdict, verdict_fields, (const char *)cl, "verdict", d);
    if (rc == CD_OK)
        rc = write_strings(verdict, "findings", (const char *)cl->findings, cl->n_findings,
                           sizeof *cl->findings, CHECKLIST_ITEMS_MAX, "verdict.findings", d);
    return rc;
}

static int to_json(const struct checklist *cl, char **out, struct cd_diag *d)
{
    cJSON *root = cJSON_CreateObject();
    int rc = root ? CD_OK : CD_ENOMEM;

    *out = NULL;
    if (rc == CD_OK)
        rc = put(root, "schema", cJSON_CreateString(CHECKLIST_SCHEMA));
    if (rc == CD_OK)
        rc = put(root, "kb", cJSON_CreateString(CHECKLIST_KB));
    if (rc == CD_OK)
        rc = write_fields(root, top_fields, (const char *)cl, "", d);
    if (rc == CD_OK)
        rc = write_objects(root, "dns_servers", server_fields, cl->servers, cl->n_servers,
                           sizeof *cl->servers, SERVERS_MAX, d);
    if (rc == CD_OK)
        rc = write_strings(root, "recommended_order", (const char *)cl->recommended,
                           cl->n_recommended, sizeof *cl->recommended, SERVERS_MAX,
                           "recommended_order", d);
    if (rc == CD_OK)
        rc = write_objects(root, "records", record_fields, cl->records, cl->n_records,
                           sizeof *cl->records, CHECKLIST_ITEMS_MAX, d);
    if (rc == CD_OK)
        rc = write_verdict(root, cl, d);
    if (rc == CD_OK)
        rc = write_steps(root, cl, d);
    if (rc == CD_OK)
        rc = write_objects(root, "remediation", action_fields, cl->remediation, cl->n_remediation,
                           sizeof *cl->remediation, CHECKLIST_ITEMS_MAX, d);
    if (rc == CD_OK && !(*out = cJSON_Print(root)))
        rc = CD_ENOMEM;
    if (rc == CD_ENOMEM)
        diag_set(d, rc, NULL, "", msg_nomem, NULL, NULL);
    cJSON_Delete(root);
    return rc;
}

int checklist_to_json(const struct checklist *cl, char **out)
{
    return to_json(cl, out, NULL);
}

/* ---- reading ------------------------------------------------------------------------ */

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

typedef int (*item_fn)(const cJSON *it, const char *path, size_t i, void *ctx, struct cd_diag *d);

/* Calls fn for each entry of the array arr, at most max of them. */
static int read_list(const cJSON *arr, const char *path, size_t max, item_fn fn, void *ctx,
                     struct cd_diag *d)
{
    char ipath[CD_DIAG_WHERE_MAX];
    const cJSON *it;
    size_t i = 0;
    int rc;

    if (!cJSON_IsArray(arr))
        return fault(d, CD_EFORMAT, path, msg_array, NULL);
    cJSON_ArrayForEach(it, arr)
    {
        if (i == max)
            return fault_num(d, CD_EFORMAT, path, msg_too_many, max);
        path_index(ipath, path, i);
        if ((rc = fn(it, ipath, i, ctx, d)) < 0)
            return rc;
        i++;
    }
    return CD_OK;
}

struct strings_ctx {
    char *dst;
    size_t size;
    size_t *count;
};

static int string_item(const cJSON *it, const char *path, size_t i, void *ctx, struct cd_diag *d)
{
    struct strings_ctx *s = ctx;
    int rc = read_text(it, path, s->size, false, s->dst + i * s->size, d);

    if (rc == CD_OK)
        *s->count = i + 1;
    return rc;
}

static int read_fields(const cJSON *obj, const struct field *f, char *base, const char *parent,
                       struct cd_diag *d);

static int read_object(const cJSON *it, const struct field *f, void *base, const char *path,
                       struct cd_diag *d)
{
    if (!cJSON_IsObject(it))
        return fault(d, CD_EFORMAT, path, msg_object, NULL);
    set_defaults(f, base);
    return read_fields(it, f, base, path, d);
}

static int read_field(const cJSON *it, const struct field *f, char *base, const char *path,
                      struct cd_diag *d)
{
    void *p = base + f->off;
    int i, rc;

    switch (f->kind) {
    case K_STR:
    case K_TEXT:
        return read_text(it, path, f->size, f->kind == K_TEXT, p, d);
    case K_ENUM:
        if ((rc = read_name(it, path, f->names, &i, d)) == CD_OK)
            snprintf(p, f->size, "%s", f->names[i]);
        return rc;
    case K_STATUS:
        if ((rc = read_name(it, path, status_names, &i, d)) == CD_OK)
            *(enum step_status *)p = (enum step_status)i;
        return rc;
    case K_TRI:
        if (!cJSON_IsBool(it) && !cJSON_IsNull(it))
            return fault(d, CD_EFORMAT, path, msg_tri, NULL);
        *(enum tri *)p = cJSON_IsNull(it) ? TRI_UNKNOWN : cJSON_IsTrue(it) ? TRI_YES : TRI_NO;
        return CD_OK;
    case K_TIME: {
        time_t t = cJSON_IsString(it) ? checklist_time_parse(it->valuestring) : -1;

        if ((f->flags & F_NULLABLE) && cJSON_IsNull(it))
            t = 0;
        else if (t < 0)
            return fault(d, CD_EFORMAT, path, f->flags & F_NULLABLE ? msg_time_null : msg_time,
                         NULL);
        *(time_t *)p = t;
        return CD_OK;
    }
    case K_UINT: {
        double v = cJSON_IsNumber(it) ? it->valuedouble : 0;

        if (v < 1 || v > f->max || v != (unsigned)v) /* the cast is safe once in range */
            return fault_num(d, CD_EFORMAT, path, msg_uint, f->max);
        *(unsigned *)p = (unsigned)v;
        return CD_OK;
    }
    case K_MS:
        if (cJSON_IsNull(it))
            *(double *)p = -1;
        else if (cJSON_IsNumber(it) && isfinite(it->valuedouble) && it->valuedouble >= 0)
            *(double *)p = it->valuedouble;
        else
            return fault(d, CD_EFORMAT, path, msg_ms, NULL);
        return CD_OK;
    case K_OBJ:
        return read_object(it, f->sub, p, path, d);
    case K_LIST: {
        struct strings_ctx s = {p, f->size, (size_t *)(base + f->count_off)};

        *s.count = 0;
        return read_list(it, path, f->max, string_item, &s, d);
    }
    }
    return CD_EFORMAT;
}

static int read_fields(const cJSON *obj, const struct field *f, char *base, const char *parent,
                       struct cd_diag *d)
{
    char path[CD_DIAG_WHERE_MAX];
    const cJSON *it;
    int rc;

    for (; f->key; f++) {
        if ((it = member(obj, f->key, parent, path)))
            rc = read_field(it, f, base, path, d);
        else
            rc = f->flags & F_REQUIRED ? fault(d, CD_EFORMAT, path, msg_missing, NULL) : CD_OK;
        if (rc < 0)
            return rc;
    }
    return CD_OK;
}

static int server_item(const cJSON *it, const char *path, size_t i, void *ctx, struct cd_diag *d)
{
    struct cl_server s = {0};
    int rc = read_object(it, server_fields, &s, path, d);

    if (rc < 0)
        return rc;
    if (s.position == 0)
        s.position = (unsigned)i + 1;
    return checklist_add_server(ctx, &s);
}

static int record_item(const cJSON *it, const char *path, size_t i, void *ctx, struct cd_diag *d)
{
    struct cl_record r = {0};
    int rc = read_object(it, record_fields, &r, path, d);

    (void)i;
    return rc < 0 ? rc : checklist_add_record(ctx, &r);
}

static int action_item(const cJSON *it, const char *path, size_t i, void *ctx, struct cd_diag *d)
{
    struct cl_action a = {0};
    int rc = read_object(it, action_fields, &a, path, d);

    (void)i;
    return rc < 0 ? rc : checklist_add_action(ctx, &a);
}

static int recommended_item(const cJSON *it, const char *path, size_t i, void *ctx,
                            struct cd_diag *d)
{
    char text[SERVERS_TEXT_SIZE];
    int rc = read_text(it, path, sizeof text, false, text, d);

    (void)i;
    return rc < 0 ? rc : checklist_add_recommended(ctx, text);
}

static int finding_item(const cJSON *it, const char *path, size_t i, void *ctx, struct cd_diag *d)
{
    char text[CHECKLIST_NOTES];
    int rc = read_text(it, path, sizeof text, false, text, d);

    (void)i;
    return rc < 0 ? rc : checklist_add_finding(ctx, text);
}

struct steps_ctx {
    struct checklist *cl;
    bool seen[STEP_COUNT];
};

/* Steps are found by id, in any order; those not listed stay pending. */
static int step_item(const cJSON *it, const char *path, size_t i, void *ctx, struct cd_diag *d)
{
    struct steps_ctx *s = ctx;
    char ipath[CD_DIAG_WHERE_MAX];
    const cJSON *id;
    int n, rc;

    (void)i;
    if (!cJSON_IsObject(it))
        return fault(d, CD_EFORMAT, path, msg_object, NULL);
    if (!(id = member(it, "id", path, ipath)))
        return fault(d, CD_EFORMAT, ipath, msg_missing, NULL);
    if ((rc = read_name(id, ipath, step_names, &n, d)) < 0)
        return rc;
    if (s->seen[n])
        return fault(d, CD_EFORMAT, ipath, msg_step_twice, step_names[n]);
    s->seen[n] = true;
    return read_fields(it, step_fields, (char *)&s->cl->steps[n], path, d);
}

/* "clusterdns-checklist/N" with N > 1 comes from a newer clusterdns; anything else is not
 * ours. */
static int read_identity(const cJSON *root, struct cd_diag *d)
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
    if (strcmp(v, CHECKLIST_SCHEMA) != 0) {
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
    static const struct {
        const char *key;
        size_t max;
        item_fn fn;
    } lists[] = {
        {"dns_servers", SERVERS_MAX, server_item},
        {"recommended_order", SERVERS_MAX, recommended_item},
        {"records", CHECKLIST_ITEMS_MAX, record_item},
        {"remediation", CHECKLIST_ITEMS_MAX, action_item},
    };
    struct steps_ctx steps = {cl, {false}};
    char path[CD_DIAG_WHERE_MAX];
    const cJSON *it;
    int rc;

    if (!cJSON_IsObject(root))
        return fault(d, CD_EFORMAT, "", msg_not_object, NULL);
    if ((rc = read_identity(root, d)) < 0)
        return rc;
    cl->tool_version[0] = '\0'; /* unknown, rather than this version, when absent */
    if ((rc = read_fields(root, top_fields, (char *)cl, "", d)) < 0)
        return rc;
    for (size_t i = 0; i < sizeof lists / sizeof lists[0]; i++)
        if ((it = member(root, lists[i].key, "", path)) &&
            (rc = read_list(it, path, lists[i].max, lists[i].fn, cl, d)) < 0)
            return rc;
    if ((it = member(root, "verdict", "", path))) {
        if ((rc = read_object(it, verdict_fields, cl, path, d)) < 0)
            return rc;
        if ((it = member(it, "findings", "verdict", path)) &&
            (rc = read_list(it, path, CHECKLIST_ITEMS_MAX, finding_item, cl, d)) < 0)
            return rc;
    }
    if (!(it = member(root, "steps", "", path)))
        return fault(d, CD_EFORMAT, path, msg_missing, NULL);
    return read_list(it, path, STEP_COUNT, step_item, &steps, d);
}

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

/* ---- files -------------------------------------------------------------------------- */

static int too_big(struct cd_diag *d, const char *path)
{
    char mib[24];

    snprintf(mib, sizeof mib, "%u", CHECKLIST_FILE_MAX >> 20);
    return diag_set(d, CD_EFORMAT, NULL, "", msg_too_big, path, mib);
}

static int read_all(const char *path, char **out, size_t *len, struct cd_diag *d)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
    size_t n = 0, cap = 0;
    char *buf = NULL, *nbuf;
    struct stat st;
    ssize_t r;
    int rc = CD_OK;

    if (fd < 0)
        return io_fault(d, msg_read, path, errno);
    if (fstat(fd, &st) < 0) {
        rc = io_fault(d, msg_read, path, errno);
        goto out;
    }
    if (S_ISDIR(st.st_mode)) {
        rc = io_fault(d, msg_read, path, EISDIR);
        goto out;
    }
    if (S_ISREG(st.st_mode) && st.st_size > (off_t)CHECKLIST_FILE_MAX) {
        rc = too_big(d, path);
        goto out;
    }
    /* Not trusting st_size alone: a pipe has none and a file may grow while read. */
    for (;;) {
        if (n == cap) {
            if (cap > CHECKLIST_FILE_MAX) {
                rc = too_big(d, path);
                goto out;
            }
            cap = cap ? 2 * cap : 65536;
            if (cap > CHECKLIST_FILE_MAX)
                cap = CHECKLIST_FILE_MAX + 1;
            if (!(nbuf = realloc(buf, cap))) {
                rc = diag_set(d, CD_ENOMEM, NULL, "", msg_nomem, NULL, NULL);
                goto out;
            }
            buf = nbuf;
        }
        r = read(fd, buf + n, cap - n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            rc = io_fault(d, msg_read, path, errno);
            goto out;
        }
        if (r == 0)
            break;
        n += (size_t)r;
    }
    *out = buf;
    *len = n;
    buf = NULL;
out:
    free(buf);
    close(fd);
    return rc;
}

int checklist_load(const char *path, struct checklist *cl, struct cd_diag *d)
{
    char *text = NULL;
    size_t len = 0;
    int rc = read_all(path, &text, &len, d);

    if (rc == CD_OK) {
        rc = checklist_from_json(text, len, cl, d);
    } else {
        checklist_fini(cl);
        checklist_init(cl);
    }
    free(text);
    return rc;
}

static int write_all(int fd, const char *buf, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, buf, n);

        if (w < 0 && errno == EINTR)
            continue;
        if (w < 0)
            return -1;
        if (w == 0) { /* not expected from a regular file; do not spin */
            errno = EIO;
            return -1;
        }
        buf += w;
        n -= (size_t)w;
    }
    return 0;
}

/* The folder's entry for the new file is durable only once the folder is synced. Some file
 * systems cannot sync a folder (EINVAL); nothing more can be done there. */
static int sync_dir(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    int rc = 0;

    if (fd < 0)
        return -1;
    if (fsync(fd) < 0 && errno != EINVAL)
        rc = -1;
    if (close(fd) < 0 && rc == 0)
        rc = -1;
    return rc;
}

/* A save killed between mkstemp() and rename() leaves its hidden ".<base>.XXXXXX" behind.
 * The next save of the same file removes such files of ours older than this: a save takes
 * milliseconds, so an older one belongs to no save still running.  Best effort. */
#define STALE_TEMP_SECONDS 600

static void remove_stale_temps(const char *dir, const char *base)
{
    static const char alnum[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    size_t blen = strlen(base);
    DIR *dp = opendir(dir);
    struct dirent *e;

    if (!dp)
        return;
    while ((e = readdir(dp))) {
        const char *n = e->d_name, *x = n + 2 + blen;
        struct stat st;

        if (n[0] != '.' || strncmp(n + 1, base, blen) != 0 || n[1 + blen] != '.' ||
            strlen(x) != 6 || strspn(x, alnum) != 6)
            continue;
        if (fstatat(dirfd(dp), n, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(st.st_mode) &&
            st.st_uid == geteuid() && time(NULL) - st.st_mtime > STALE_TEMP_SECONDS)
            unlinkat(dirfd(dp), n, 0);
    }
    closedir(dp);
}

int checklist_save(const struct checklist *cl, const char *path, struct cd_diag *d)
{
    const char *slash = strrchr(path, '/'), *base = slash ? slash + 1 : path;
    int dir_len = slash ? (slash == path ? 1 : (int)(slash - path)) : 1;
    size_t size = strlen(path) + sizeof "..XXXXXX";
    char *text = NULL, *tmp = malloc(size), *dir = malloc(size);
    bool have_tmp = false;
    int fd = -1, closed, rc;
    mode_t mask;

    if (!tmp || !dir) {
        rc = diag_set(d, CD_ENOMEM, NULL, "", msg_nomem, NULL, NULL);
        goto out;
    }
    if ((rc = to_json(cl, &text, d)) < 0)
        goto out;
    if (!*base) {
        rc = io_fault(d, msg_save, path, EISDIR);
        goto out;
    }
    /* "<dir>/.<base>.XXXXXX": the same file system, so rename() is atomic; hidden. */
    snprintf(tmp, size, "%.*s.%s.XXXXXX", (int)(base - path), path, base);
    snprintf(dir, size, "%.*s", dir_len, slash ? path : ".");
    if ((fd = mkstemp(tmp)) < 0) {
        rc = io_fault(d, msg_save, path, errno);
        goto out;
    }
    have_tmp = true;
    /* The only way to read the umask is to set it; this tool has one thread. */
    mask = umask(0);
    umask(mask);
    /* fchmod before fsync, so that the mode is on disk with the data. */
    if (write_all(fd, text, strlen(text)) < 0 || write_all(fd, "\n", 1) < 0 ||
        fchmod(fd, 0666 & ~mask) < 0 || fsync(fd) < 0) {
        rc = io_fault(d, msg_save, path, errno);
        goto out;
    }
    closed = close(fd); /* a delayed write error (NFS, quota) shows here */
    fd = -1;
    if (closed < 0 || rename(tmp, path) < 0) {
        rc = io_fault(d, msg_save, path, errno);
        goto out;
    }
    have_tmp = false;
    if (sync_dir(dir) < 0)
        rc = io_fault(d, msg_save, path, errno);
    remove_stale_temps(dir, base);
out:
    if (fd >= 0)
        close(fd);
    if (have_tmp)
        unlink(tmp);
    free(dir);
    free(tmp);
    free(text);
    return rc;
}
