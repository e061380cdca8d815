#include "config.h"

#include "session.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>

#include "apply.h"
#include "import.h"
#include "i18n.h"
#include "names.h"

#define NUM_SIZE 24 /* a size_t in decimal */
#define PATH_SIZE (SESSION_TEXT_MAX + sizeof ".unsaved.json")

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

    char groups[SESSION_GROUPS_MAX][IMPORT_NAME_SIZE]; /* the choices of the group step */
    size_t n_groups;

    struct server_list servers;

    /* Live lookups: one probe asking every server for each host whose name is valid.
     * Recreated (never patched) when a name, the zone, an IP family or the servers change,
     * so an answer about an older name can never show. */
    struct probe *lookup;
    bool lookup_closing; /* probe_free() calls back for what it cancels: ignored */
    bool lookup_arrived;
    unsigned lookup_gen;
    struct server_list lookup_servers; /* the list the probe was made for */
    bool asked[HOST_COUNT];
    char asked_fqdn[HOST_COUNT][NAMES_FQDN_SIZE];
    enum probe_qtype asked_type[HOST_COUNT];
    struct probe_answer *answers[HOST_COUNT]; /* [host][server] */
    unsigned char *query_host;                /* host of each probe query number */
    size_t n_queries;

    /* The full check, for the target and server list it was made with. */
    struct check *check;
    struct records_target target;
    unsigned check_gen;
    bool check_complete;
    bool check_failed; /* check_start() failed: check_err says why */
    struct cd_diag check_err;

    /* The last complete check's recommended order, for session_take_recommended(). */
    bool have_rec;
    struct records_target rec_target;
    struct server_list rec_order;

    /* How session_pollfds() split the caller's array, and for which probe and check. */
    size_t n_lookup_fds, n_check_fds;
    unsigned fds_lookup_gen, fds_check_gen;

    struct checklist cl; /* symptoms and steps live here; the rest is synchronised */

    /* Applying the missing records by dynamic update, one server at a time. */
    struct apply_job *job;
    char (*apply_queue)[SERVERS_TEXT_SIZE]; /* servers still to send to */
    size_t n_queue, next_queue;
    struct cl_action *sent; /* what was sent, with its outcome, kept across checks */
    size_t n_sent;
    size_t apply_failed;
    struct cd_diag apply_err; /* the last failure */

    bool save_failed, saved_once; /* the last session_save failed; one succeeded */
    struct cd_diag save_err;
};

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

static const char server_field[] = N_("DNS server");
static const char msg_required[] = N_("is required");
static const char msg_no_server[] = N_("Give at least one DNS server");
static const char msg_mkdir[] = N_("cannot create the folder %1$s: %2$s");
static const char msg_running[] =
    N_("Still waiting for answers from %1$s DNS server(s): at most %2$s s more, then a silent "
       "one is given up and F10 works");

static const char *num(char buf[NUM_SIZE], size_t v)
{
    snprintf(buf, NUM_SIZE, "%zu", v);
    return buf;
}

/* Copies src into dst (size bytes), cut at a UTF-8 character boundary when too long: the
 * fields are validated to fit, only an invalid one may be cut. */
static void copy_text(char *dst, size_t size, const char *src)
{
    size_t len = strlen(src);

    if (len >= size) {
        len = size - 1;
        while (len && ((unsigned char)src[len] & 0xc0) == 0x80)
            len--;
    }
    memcpy(dst, src, len);
    dst[len] = '\0';
}

static bool field_ok(enum session_field f)
{
    return (unsigned)f < SF_COUNT;
}

/* ---- text rules ------------------------------------------------------------------------ */

/* Length of the well-formed UTF-8 sequence at s (RFC 3629: no overlong forms, no
 * surrogates, nothing past U+10FFFF) with its code point, or 0. */
static size_t utf8_seq(const unsigned char *s, unsigned long *cp)
{
    size_t len, i;
    unsigned long c;

    if (s[0] < 0x80) {
        *cp = s[0];
        return 1;
    }
    if (s[0] >= 0xc2 && s[0] <= 0xdf)
        len = 2, c = s[0] & 0x1f;
    else if (s[0] >= 0xe0 && s[0] <= 0xef)
        len = 3, c = s[0] & 0x0f;
    else if (s[0] >= 0xf0 && s[0] <= 0xf4)
        len = 4, c = s[0] & 0x07;
    else
        return 0;
    for (i = 1; i < len; i++) {
        if ((s[i] & 0xc0) != 0x80) /* also stops at the NUL */
            return 0;
        c = (c << 6) | (s[i] & 0x3f);
    }
    if ((len == 3 && (c < 0x800 || (c >= 0xd800 && c <= 0xdfff))) ||
        (len == 4 && (c < 0x10000 || c > 0x10ffff)))
        return 0;
    *cp = c;
    return len;
}

/* Text the checklist keeps as it is: UTF-8, no control characters (C0, DEL, C1) except new
 * line and tab where multiline, at most max bytes. Positions count characters. */
static int free_text(const char *text, size_t max, bool multiline, bool required, const char *field,
                     struct cd_diag *d)
{
    const unsigned char *p = (const unsigned char *)text;
    char pos[NUM_SIZE], n1[NUM_SIZE], n2[NUM_SIZE];
    size_t chars = 0, len;
    unsigned long cp;

    if (!*text)
        return required ? diag_set(d, CD_EINVAL, field, NULL, msg_required, NULL, NULL) : CD_OK;
    for (; *p; p += len) {
        chars++;
        if ((len = utf8_seq(p, &cp)) == 0)
            return diag_set(d, CD_EINVAL, field, NULL,
                            N_("is not valid UTF-8 text (at character %1$s); type it again in "
                               "a UTF-8 terminal"),
                            num(pos, chars), NULL);
        if ((cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)) && !(multiline && (cp == '\n' || cp == '\t')))
            return diag_set(d, CD_EINVAL, field, NULL,
                            multiline ? N_("contains a control character at character %1$s; "
                                           "only new lines and tabs are allowed")
                                      : N_("contains a control character at character %1$s"),
                            num(pos, chars), NULL);
    }
    if ((len = strlen(text)) > max)
        return diag_set(d, CD_EINVAL, field, NULL,
                        N_("is %1$s bytes long; the checklist keeps at most %2$s"), num(n1, len),
                        num(n2, max));
    return CD_OK;
}

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
        rc = free_text(fl->text, CHECKLIST_SHORT - 1, false, true, label, d);
        break;
    case SF_OPERATOR:
    case SF_TICKET:
        rc = free_text(fl->text, CHECKLIST_SHORT - 1, false, false, label, d);
        break;
    case SF_NOTES:
        rc = free_text(fl->text, CHECKLIST_NOTES - 1, true, false, label, d);
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

static void validate_all(struct session *s)
{
    /* The enum's order is the order the rules need: the zone before the names, the Exchange
     * host before the cluster's, as each rule reads the results of those before it. */
    for (int f = 0; f < SF_COUNT; f++)
        validate_one(s, (enum session_field)f);
}

/* The first of the names step's fields, in the form's order, that is not valid, or -1. */
static int names_fault(const struct session *s)
{
    for (size_t i = 0; i < sizeof names_fields / sizeof *names_fields; i++)
        if (!s->f[names_fields[i]].valid)
            return (int)names_fields[i];
    return -1;
}

static bool names_ready(const struct session *s, struct cd_diag *why)
{
    int fault = names_fault(s);

    if (fault >= 0 && why)
        *why = s->f[fault].diag;
    return fault < 0;
}

/* ---- servers ---------------------------------------------------------------------------- */

static bool same_server(const struct dns_server *a, const struct dns_server *b)
{
    return a->port == b->port && names_ip_equal(&a->ip, &b->ip);
}

/* The same servers in the same order. */
static bool servers_equal(const struct server_list *a, const struct server_list *b)
{
    if (a->n != b->n)
        return false;
    for (size_t i = 0; i < a->n; i++)
        if (!same_server(&a->v[i], &b->v[i]))
            return false;
    return true;
}

static size_t server_index(const struct server_list *l, const struct dns_server *s)
{
    for (size_t i = 0; i < l->n; i++)
        if (same_server(&l->v[i], s))
            return i;
    return (size_t)-1;
}

/* The same servers in any order (a list never holds one twice). */
static bool servers_same_set(const struct server_list *a, const struct server_list *b)
{
    if (a->n != b->n)
        return false;
    for (size_t i = 0; i < a->n; i++)
        if (server_index(b, &a->v[i]) == (size_t)-1)
            return false;
    return true;
}

/* ---- live lookups ------------------------------------------------------------------------ */

static void on_lookup(void *arg, size_t server, size_t query, const struct probe_answer *a)
{
    struct session *s = arg;
    int h;

    if (s->lookup_closing || query >= s->n_queries || server >= s->lookup_servers.n)
        return;
    h = s->query_host[query];
    s->answers[h][server] = *a;
    s->lookup_arrived = true;
}

static void drop_lookups(struct session *s)
{
    s->lookup_closing = true;
    probe_free(s->lookup);
    s->lookup_closing = false;
    s->lookup = NULL;
    for (int h = 0; h < HOST_COUNT; h++) {
        free(s->answers[h]);
        s->answers[h] = NULL;
        s->asked[h] = false;
    }
    free(s->query_host);
    s->query_host = NULL;
    s->n_queries = 0;
    server_list_fini(&s->lookup_servers);
    s->lookup_gen++;
}

/* What each host's lookup should be now: its FQDN and type, or nothing. */
static void lookup_wanted(const struct session *s, bool want[HOST_COUNT],
                          char fqdn[HOST_COUNT][NAMES_FQDN_SIZE], enum probe_qtype type[HOST_COUNT])
{
    static const enum session_field name_of[HOST_COUNT] = {SF_EXCHANGE_NAME, SF_CLUSTER_NAME};
    static const enum session_field ip_of[HOST_COUNT] = {SF_EXCHANGE_IP, SF_CLUSTER_IP};

    for (int h = 0; h < HOST_COUNT; h++) {
        want[h] = s->servers.n > 0 && s->f[SF_ZONE].valid && s->f[name_of[h]].valid &&
                  names_fqdn(s->f[name_of[h]].text, s->zone, fqdn[h], NAMES_FQDN_SIZE, NULL,
                             NULL) == CD_OK;
        type[h] = s->f[ip_of[h]].valid && s->ip[h].family == AF_INET6 ? PROBE_AAAA : PROBE_A;
        if (!want[h])
            fqdn[h][0] = '\0';
    }
}

static void start_lookups(struct session *s, const bool want[HOST_COUNT],
                          char fqdn[HOST_COUNT][NAMES_FQDN_SIZE],
                          const enum probe_qtype type[HOST_COUNT])
{
    size_t n = s->servers.n;

    s->lookup = probe_new(s->timeout_ms, on_lookup, s);
    if (!s->lookup || server_list_copy(&s->lookup_servers, &s->servers) < 0)
        goto fail;
    s->query_host = calloc(HOST_COUNT * n, 1);
    if (!s->query_host)
        goto fail;
    for (size_t i = 0; i < n; i++)
        if (probe_add_server(s->lookup, &s->servers.v[i], NULL) < 0)
            goto fail;
    for (int h = 0; h < HOST_COUNT; h++) {
        if (!want[h])
            continue;
        if (!(s->answers[h] = calloc(n, sizeof *s->answers[h])))
            goto fail;
        s->asked[h] = true;
        copy_text(s->asked_fqdn[h], sizeof s->asked_fqdn[h], fqdn[h]);
        s->asked_type[h] = type[h];
        for (size_t i = 0; i < n; i++) {
            struct probe_answer *a = &s->answers[h][i];
            int q;

            a->qtype = type[h];
            a->outcome = PROBE_PENDING;
            copy_text(a->qname, sizeof a->qname, fqdn[h]);
            q = probe_send(s->lookup, i, type[h], fqdn[h]);
            if (q < 0 || (size_t)q >= HOST_COUNT * n) {
                a->outcome = PROBE_FAILED;
                continue;
            }
            s->query_host[q] = (unsigned char)h;
            s->n_queries = (size_t)q + 1;
        }
    }
    return;
fail:
    /* Without lookups the wizard still works: the full check reports the same answers. */
    drop_lookups(s);
}

static void refresh_lookups(struct session *s)
{
    bool want[HOST_COUNT], same = true, any = false;
    char fqdn[HOST_COUNT][NAMES_FQDN_SIZE];
    enum probe_qtype type[HOST_COUNT];

    lookup_wanted(s, want, fqdn, type);
    for (int h = 0; h < HOST_COUNT; h++) {
        any = any || want[h];
        if (want[h] != s->asked[h] ||
            (want[h] && (strcmp(fqdn[h], s->asked_fqdn[h]) != 0 || type[h] != s->asked_type[h])))
            same = false;
    }
    if (any && !servers_equal(&s->lookup_servers, &s->servers))
        same = false;
    if (same && (any || !s->lookup))
        return;
    drop_lookups(s);
    if (any)
        start_lookups(s, want, fqdn, type);
}

/* ---- the full check ---------------------------------------------------------------------- */

static bool target_equal(const struct records_target *a, const struct records_target *b)
{
    if (strcmp(a->zone, b->zone) != 0)
        return false;
    for (int h = 0; h < HOST_COUNT; h++)
        if (strcmp(a->name[h], b->name[h]) != 0 || strcmp(a->fqdn[h], b->fqdn[h]) != 0 ||
            !names_ip_equal(&a->ip[h], &b->ip[h]))
            return false;
    return true;
}

static void drop_check(struct session *s)
{
    check_free(s->check);
    s->check = NULL;
    s->check_complete = false;
    s->check_failed = false;
    diag_clear(&s->check_err);
    s->check_gen++;
}

static void start_check(struct session *s, const struct records_target *t)
{
    struct cd_diag d;

    drop_check(s);
    s->target = *t;
    s->check = check_new(t, &s->servers, s->timeout_ms, NULL, NULL);
    if (!s->check) {
        s->check_failed = true;
        diag_set(&s->check_err, CD_ENOMEM, NULL, NULL, N_("out of memory"), NULL, NULL);
        return;
    }
    if (check_start(s->check, &d) < 0) {
        check_free(s->check);
        s->check = NULL;
        s->check_failed = true;
        s->check_err = d;
    }
}

/* The check for the fields and servers as they are now: kept when nothing it depends on
 * changed, restarted when something did, dropped when it cannot run. */
static void refresh_check(struct session *s)
{
    struct records_target t;

    if (!names_ready(s, NULL) || s->servers.n == 0 ||
        check_target_set(&t, s->f[SF_ZONE].text, s->f[SF_EXCHANGE_NAME].text,
                         s->f[SF_EXCHANGE_IP].text, s->f[SF_CLUSTER_NAME].text,
                         s->f[SF_CLUSTER_IP].text, NULL) != CD_OK) {
        if (s->check || s->check_failed)
            drop_check(s);
        return;
    }
    if (s->check && target_equal(&t, &s->target) &&
        servers_equal(check_servers(s->check), &s->servers))
        return;
    start_check(s, &t);
}

static void refresh(struct session *s)
{
    refresh_lookups(s);
    refresh_check(s);
}

/* Keeps what a complete check recommends, for session_take_recommended() after later
 * changes of order restart the check. */
static void check_completed(struct session *s)
{
    const struct records_eval *e = check_eval(s->check);
    const struct server_list *l = check_servers(s->check);
    struct server_list order;

    s->check_complete = true;
    if (!e)
        return;
    server_list_init(&order);
    for (size_t k = 0; k < e->n; k++)
        if (server_list_add(&order, &l->v[e->recommended[k]], NULL) < 0) {
            server_list_fini(&order);
            return;
        }
    server_list_fini(&s->rec_order);
    s->rec_order = order;
    s->rec_target = s->target;
    s->have_rec = true;
}

/* The answers the check holds so far, to tell when one arrived. */
static size_t check_answered(const struct check *c)
{
    const struct server_list *l = check_servers(c);
    size_t n = 0;

    for (size_t i = 0; i < l->n; i++)
        for (int q = 0; q < QUERY_COUNT; q++)
            n += check_answer(c, i, (enum records_query)q)->outcome != PROBE_PENDING;
    return n;
}

/* ---- lifecycle ---------------------------------------------------------------------------- */

/* Stores text as the field's, without validating; false when it does not fit. */
static bool store(struct session *s, enum session_field f, const char *text)
{
    size_t len = strlen(text);

    if (len >= SESSION_TEXT_MAX)
        return false;
    memcpy(s->f[f].text, text, len + 1);
    return true;
}

/* A loaded value: an empty one counts as never set, so a half-done checklist opens without
 * "is required" on every field it has not reached. */
static void load_field(struct session *s, enum session_field f, const char *text)
{
    if (store(s, f, text))
        s->f[f].touched = *text != '\0';
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

/* The checklist's servers in the node's order: by position, ties in file order (a
 * hand-edited file may repeat or skip positions; no server is dropped for it). */
static int servers_of_checklist(const struct checklist *cl, struct server_list *out,
                                struct cd_diag *d)
{
    size_t *idx = malloc((cl->n_servers ? cl->n_servers : 1) * sizeof *idx);
    int rc = CD_OK;

    if (!idx)
        return diag_set(d, CD_ENOMEM, NULL, NULL, N_("out of memory"), NULL, NULL);
    for (size_t i = 0; i < cl->n_servers; i++) {
        size_t k = i;

        while (k > 0 && cl->servers[idx[k - 1]].position > cl->servers[i].position) {
            idx[k] = idx[k - 1];
            k--;
        }
        idx[k] = i;
    }
    for (size_t k = 0; k < cl->n_servers && rc == CD_OK; k++) {
        const struct cl_server *cs = &cl->servers[idx[k]];
        struct dns_server srv;

        memset(&srv, 0, sizeof srv);
        srv.port = cs->port;
        snprintf(srv.source, sizeof srv.source, "%s", cs->source);
        rc = names_server_ip(cs->address, &srv.ip, server_field, d);
        if (rc == CD_OK)
            rc = server_list_add(out, &srv, d);
        if (rc != CD_OK && d)
            snprintf(d->where, sizeof d->where, "dns_servers[%zu].address", idx[k]);
    }
    free(idx);
    return rc;
}

static int load(struct session *s, const char *path, struct cd_diag *d)
{
    struct checklist *cl = &s->cl;
    int rc;

    if ((rc = checklist_load(path, cl, d)) != CD_OK)
        return rc;
    load_field(s, SF_ZONE, cl->zone);
    load_field(s, SF_EXCHANGE_NAME, cl->exchange.name);
    load_field(s, SF_EXCHANGE_IP, cl->exchange.ip);
    load_field(s, SF_CLUSTER_NAME, cl->cluster.name);
    load_field(s, SF_CLUSTER_IP, cl->cluster.ip);
    load_field(s, SF_GROUP, cl->group);
    load_field(s, SF_OPERATOR, cl->operator_name);
    load_field(s, SF_TICKET, cl->ticket);
    load_field(s, SF_NOTES, cl->steps[STEP_SUMMARY].notes);
    return CD_OK;
}

static int initial_servers(struct session *s, const struct session_options *o, struct cd_diag *d)
{
    if (o->servers) {
        if (o->servers[strspn(o->servers, " \t")] == '\0')
            return CD_OK; /* "" : no server, the resolver is not asked */
        return servers_parse_list(o->servers, &s->servers, d);
    }
    if (o->load && s->cl.n_servers)
        return servers_of_checklist(&s->cl, &s->servers, d);
    /* This host's resolver; nothing from it is fine: the DNS step then asks for a server. */
    servers_from_resolver(NULL, &s->servers, NULL);
    return CD_OK;
}

struct session *session_new(const struct session_options *o, struct cd_diag *d)
{
    static const struct session_options none;
    struct session *s = calloc(1, sizeof *s);
    char path[SESSION_TEXT_MAX];

    if (!s) {
        diag_set(d, CD_ENOMEM, NULL, NULL, N_("out of memory"), NULL, NULL);
        return NULL;
    }
    if (!o)
        o = &none;
    s->timeout_ms = o->timeout_ms;
    checklist_init(&s->cl);
    server_list_init(&s->servers);
    server_list_init(&s->lookup_servers);
    server_list_init(&s->rec_order);

    if (o->load && load(s, o->load, d) != CD_OK)
        goto fail;
    if (o->zone && !store(s, SF_ZONE, o->zone)) {
        diag_set(d, CD_EINVAL, field_labels[SF_ZONE], "zone", N_("is too long"), NULL, NULL);
        goto fail;
    }
    if (o->zone)
        s->f[SF_ZONE].touched = true;
    if (initial_servers(s, o, d) != CD_OK)
        goto fail;
    if (o->output || o->load) {
        if (!store(s, SF_OUTPUT, o->output ? o->output : o->load)) {
            diag_set(d, CD_EINVAL, field_labels[SF_OUTPUT], "", N_("is too long"), NULL, NULL);
            goto fail;
        }
        s->f[SF_OUTPUT].touched = true;
    } else if (session_default_output(path, sizeof path) == CD_OK) {
        store(s, SF_OUTPUT, path);
        s->f[SF_OUTPUT].touched = true;
    }
    validate_all(s);
    refresh(s);
    s->unsaved = false;
    return s;
fail:
    session_free(s);
    return NULL;
}

void session_free(struct session *s)
{
    if (!s)
        return;
    drop_lookups(s);
    if (s->job)
        apply_job_finish(s->job, NULL); /* stops nsupdate if it still runs */
    free(s->apply_queue);
    free(s->sent);
    check_free(s->check);
    server_list_fini(&s->servers);
    server_list_fini(&s->rec_order);
    checklist_fini(&s->cl);
    free(s);
}

/* ---- fields ------------------------------------------------------------------------------ */

const char *session_text(const struct session *s, enum session_field f)
{
    return field_ok(f) ? s->f[f].text : "";
}

int session_set_text(struct session *s, enum session_field f, const char *text, struct cd_diag *d)
{
    char max[NUM_SIZE];

    if (!field_ok(f))
        return diag_set(d, CD_EINVAL, NULL, NULL, N_("unknown field"), NULL, NULL);
    if (!text)
        text = "";
    if (strcmp(text, s->f[f].text) != 0) {
        if (!store(s, f, text))
            return diag_set(d, CD_EINVAL, field_labels[f], field_paths[f],
                            N_("is longer than %1$s bytes"), num(max, SESSION_TEXT_MAX - 1), NULL);
        s->unsaved = true;
        validate_all(s);
        refresh(s);
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

int session_import_groups(struct session *s, const char *text, struct cd_diag *d)
{
    struct import_result r;
    int rc;

    import_init(&r);
    rc = import_text(text ? text : "", text ? strlen(text) : 0, &r, d);
    if (rc == CD_OK && r.n_groups == 0)
        rc = diag_set(d, CD_EFORMAT, NULL, NULL, N_("the text names no cluster group"), NULL,
                      NULL);
    if (rc == CD_OK)
        session_set_groups(s, (const char (*)[IMPORT_NAME_SIZE])r.groups, r.n_groups);
    import_fini(&r);
    return rc;
}

size_t session_groups(const struct session *s)
{
    return s->n_groups;
}

const char *session_group(const struct session *s, size_t i)
{
    return i < s->n_groups ? s->groups[i] : NULL;
}

/* ---- servers ------------------------------------------------------------------------------ */

static void servers_changed(struct session *s)
{
    s->unsaved = true;
    refresh(s);
}

const struct server_list *session_servers(const struct session *s)
{
    return &s->servers;
}

int session_server_add(struct session *s, const char *text, struct cd_diag *d)
{
    struct dns_server srv;
    char shown[SERVERS_TEXT_SIZE], pos[NUM_SIZE];
    size_t at;
    int rc;

    if ((rc = servers_parse_one(text, &srv, d)) != CD_OK)
        return rc;
    if ((at = server_index(&s->servers, &srv)) != (size_t)-1)
        return diag_set(d, CD_EINVAL, server_field, NULL,
                        N_("%1$s is already in the list, at position %2$s"),
                        server_format(&srv, shown, sizeof shown), num(pos, at + 1));
    if ((rc = server_list_add(&s->servers, &srv, d)) != CD_OK)
        return rc;
    servers_changed(s);
    return CD_OK;
}

void session_server_remove(struct session *s, size_t i)
{
    if (i >= s->servers.n)
        return;
    server_list_remove(&s->servers, i);
    servers_changed(s);
}

size_t session_server_move(struct session *s, size_t i, int delta)
{
    size_t to;

    if (i >= s->servers.n)
        return i;
    if (delta < 0)
        to = (size_t)-delta > i ? 0 : i - (size_t)-delta;
    else
        to = (size_t)delta >= s->servers.n - i ? s->servers.n - 1 : i + (size_t)delta;
    if (to != i) {
        server_list_move(&s->servers, i, to);
        servers_changed(s);
    }
    return to;
}

int session_servers_replace(struct session *s, const struct server_list *l)
{
    if (server_list_copy(&s->servers, l) < 0)
        return CD_ENOMEM;
    servers_changed(s);
    return CD_OK;
}

int session_server_insert(struct session *s, size_t i, const struct dns_server *srv,
                          struct cd_diag *d)
{
    size_t n = s->servers.n;
    int rc;

    if (server_index(&s->servers, srv) != (size_t)-1)
        return CD_OK;
    if ((rc = server_list_add(&s->servers, srv, d)) != CD_OK)
        return rc;
    if (i < n)
        server_list_move(&s->servers, n, i);
    servers_changed(s);
    return CD_OK;
}

int session_servers_import(struct session *s, const char *text, struct cd_diag *d)
{
    struct import_result r;
    int rc;

    import_init(&r);
    rc = import_text(text ? text : "", text ? strlen(text) : 0, &r, d);
    if (rc == CD_OK && r.servers.n == 0)
        rc = diag_set(d, CD_EFORMAT, N_("Pasted text"), NULL,
                      N_("names no DNS server (no 'DNS Servers' line with an address)"), NULL,
                      NULL);
    if (rc == CD_OK)
        rc = session_servers_replace(s, &r.servers);
    import_fini(&r);
    return rc;
}

/* The last complete check's recommended order, when it was made for these names and this
 * set of servers. */
static bool recommended_here(struct session *s)
{
    struct records_target t;

    return s->have_rec && names_ready(s, NULL) &&
           check_target_set(&t, s->f[SF_ZONE].text, s->f[SF_EXCHANGE_NAME].text,
                            s->f[SF_EXCHANGE_IP].text, s->f[SF_CLUSTER_NAME].text,
                            s->f[SF_CLUSTER_IP].text, NULL) == CD_OK &&
           target_equal(&t, &s->rec_target) && servers_same_set(&s->rec_order, &s->servers);
}

const struct server_list *session_recommended(struct session *s)
{
    return recommended_here(s) && !servers_equal(&s->rec_order, &s->servers) ? &s->rec_order
                                                                               : NULL;
}

bool session_take_recommended(struct session *s)
{
    if (!recommended_here(s))
        return false;
    if (servers_equal(&s->rec_order, &s->servers))
        return true;
    if (server_list_copy(&s->servers, &s->rec_order) < 0)
        return false;
    servers_changed(s);
    return true;
}

/* ---- live answers -------------------------------------------------------------------------- */

const struct probe_answer *session_lookup(const struct session *s, enum records_host h, size_t i)
{
    if ((unsigned)h >= HOST_COUNT || !s->asked[h] || i >= s->lookup_servers.n)
        return NULL;
    return &s->answers[h][i];
}

enum record_status session_lookup_status(const struct session *s, enum records_host h, size_t i)
{
    const struct probe_answer *a = session_lookup(s, h, i);

    if (!a || a->outcome == PROBE_PENDING)
        return REC_PENDING;
    if (!s->f[h == HOST_EXCHANGE ? SF_EXCHANGE_IP : SF_CLUSTER_IP].valid)
        return a->outcome == PROBE_ANSWER ? REC_OK : records_status_addr(a, NULL);
    return records_status_addr(a, &s->ip[h]);
}

struct check *session_check(struct session *s)
{
    return s->check;
}

int session_recheck(struct session *s, struct cd_diag *d)
{
    int rc;

    if (!names_ready(s, d))
        return CD_EINVAL;
    if (s->servers.n == 0)
        return diag_set(d, CD_EINVAL, NULL, NULL, msg_no_server, NULL, NULL);
    if (!s->check) {
        refresh_check(s);
        if (!s->check) {
            if (d)
                *d = s->check_err;
            return s->check_err.code ? s->check_err.code : CD_EDNS;
        }
        return CD_OK;
    }
    s->check_complete = false;
    s->check_gen++;
    if ((rc = check_start(s->check, d)) < 0) {
        check_free(s->check);
        s->check = NULL;
        s->check_failed = true;
        if (d)
            s->check_err = *d;
        return rc;
    }
    return CD_OK;
}

bool session_busy(const struct session *s)
{
    return probe_pending(s->lookup) > 0 || (s->check && !check_done(s->check)) || s->job;
}

size_t session_pollfds(struct session *s, struct pollfd *fds, size_t max)
{
    size_t n;

    s->n_lookup_fds = probe_pollfds(s->lookup, fds, max);
    s->n_check_fds =
        s->check ? check_pollfds(s->check, fds + s->n_lookup_fds, max - s->n_lookup_fds) : 0;
    s->fds_lookup_gen = s->lookup_gen;
    s->fds_check_gen = s->check_gen;
    n = s->n_lookup_fds + s->n_check_fds;
    /* nsupdate's output, last: session_process reads it whatever its slot says. */
    if (s->job && apply_job_fd(s->job) >= 0 && n < max) {
        fds[n].fd = apply_job_fd(s->job);
        fds[n].events = POLLIN;
        fds[n].revents = 0;
        n++;
    }
    return n;
}

int session_timeout(struct session *s, int max_ms)
{
    int t = probe_timeout(s->lookup, max_ms);

    t = s->check ? check_timeout(s->check, t) : t;
    if (s->job) {
        int j = apply_job_timeout(s->job);

        if (j >= 0 && (t < 0 || j < t))
            t = j;
    }
    return t;
}

static void sync_checklist(struct session *s);

/* ---- applying by dynamic update -------------------------------------------------------- */

static void start_next_apply(struct session *s)
{
    struct cd_diag d;

    while (!s->job && s->next_queue < s->n_queue) {
        const char *server = s->apply_queue[s->next_queue++];

        diag_clear(&d);
        s->job = apply_start(&s->cl, server, NULL, &d);
        if (!s->job) {
            s->apply_failed++;
            s->apply_err = d;
        }
    }
}

/* What was sent to one server, with the outcome apply marked in s->cl. */
static void keep_sent(struct session *s, const char *server)
{
    for (size_t i = 0; i < s->cl.n_remediation; i++) {
        const struct cl_action *a = &s->cl.remediation[i];
        struct cl_action *grown;

        if (strcmp(a->server, server) != 0 || strcmp(a->status, "todo") == 0)
            continue;
        grown = realloc(s->sent, (s->n_sent + 1) * sizeof *grown);
        if (!grown)
            return;
        s->sent = grown;
        s->sent[s->n_sent++] = *a;
    }
}

/* Advances the job; when the last server is done, checks again. True on any change. */
static bool process_apply(struct session *s)
{
    char server[SERVERS_TEXT_SIZE];
    struct cd_diag d;

    if (!s->job)
        return false;
    apply_job_process(s->job);
    if (!apply_job_done(s->job))
        return false;
    snprintf(server, sizeof server, "%s", s->apply_queue[s->next_queue - 1]);
    diag_clear(&d);
    if (apply_job_finish(s->job, &d) < 0) {
        s->apply_failed++;
        s->apply_err = d;
    }
    s->job = NULL;
    keep_sent(s, server);
    start_next_apply(s);
    if (!s->job)
        session_recheck(s, NULL); /* see what the servers hold now */
    return true;
}

void apply_plan_fini(struct apply_plan *p)
{
    for (size_t i = 0; i < p->n; i++)
        free(p->v[i].script);
    free(p->v);
    memset(p, 0, sizeof *p);
}

int session_apply_plan(struct session *s, struct apply_plan *p, struct cd_diag *d)
{
    const char **servers = NULL;
    size_t n = 0;
    int rc = CD_OK;

    memset(p, 0, sizeof *p);
    if (s->job)
        return diag_set(d, CD_EINVAL, NULL, NULL, N_("The records are being sent already."), NULL,
                        NULL);
    if (!s->check_complete || !s->check || !check_done(s->check))
        return diag_set(d, CD_EINVAL, NULL, NULL,
                        N_("The check has not finished: wait for its answers first."), NULL, NULL);
    sync_checklist(s);
    if (apply_servers(&s->cl, &servers, &n) < 0)
        return diag_set(d, CD_ENOMEM, NULL, NULL, N_("out of memory"), NULL, NULL);
    if (n == 0)
        return diag_set(d, CD_EINVAL, NULL, NULL,
                        N_("Nothing to add: no local DNS lacks a record the check found."), NULL,
                        NULL);
    if (!(p->v = calloc(n, sizeof *p->v))) {
        free(servers);
        return diag_set(d, CD_ENOMEM, NULL, NULL, N_("out of memory"), NULL, NULL);
    }
    for (size_t i = 0; i < n && rc == CD_OK; i++) {
        copy_text(p->v[i].server, sizeof p->v[i].server, servers[i]);
        rc = apply_script(&s->cl, servers[i], NULL, &p->v[i].script, d);
        p->n = i + 1;
    }
    free(servers);
    if (rc != CD_OK)
        apply_plan_fini(p);
    return rc;
}

static bool plans_equal(const struct apply_plan *a, const struct apply_plan *b)
{
    if (a->n != b->n)
        return false;
    for (size_t i = 0; i < a->n; i++)
        if (strcmp(a->v[i].server, b->v[i].server) != 0 ||
            strcmp(a->v[i].script, b->v[i].script) != 0)
            return false;
    return true;
}

int session_apply(struct session *s, const struct apply_plan *shown, struct cd_diag *d)
{
    struct apply_plan now;
    int rc;

    if ((rc = session_apply_plan(s, &now, d)) != CD_OK)
        return rc;
    /* What was shown is what is sent: anything else, and nothing is. */
    if (!plans_equal(&now, shown)) {
        apply_plan_fini(&now);
        return diag_set(d, CD_EINVAL, NULL, NULL,
                        N_("The updates changed since they were shown (a check ended): nothing "
                           "was sent. Look at them again."),
                        NULL, NULL);
    }
    free(s->apply_queue);
    s->apply_queue = calloc(now.n, sizeof *s->apply_queue);
    if (!s->apply_queue) {
        apply_plan_fini(&now);
        return diag_set(d, CD_ENOMEM, NULL, NULL, N_("out of memory"), NULL, NULL);
    }
    for (size_t i = 0; i < now.n; i++)
        snprintf(s->apply_queue[i], sizeof s->apply_queue[i], "%s", now.v[i].server);
    free(s->sent);
    s->sent = NULL;
    s->n_sent = 0;
    s->n_queue = now.n;
    s->next_queue = 0;
    s->apply_failed = 0;
    diag_clear(&s->apply_err);
    s->unsaved = true;
    apply_plan_fini(&now);
    start_next_apply(s);
    if (!s->job) /* none could even start */
        session_recheck(s, NULL);
    return CD_OK;
}

bool session_applying(const struct session *s)
{
    return s->job != NULL;
}

const struct cd_diag *session_apply_error(const struct session *s, size_t *failed)
{
    if (failed)
        *failed = s->apply_failed;
    return s->apply_failed ? &s->apply_err : NULL;
}

size_t session_applied(const struct session *s)
{
    size_t n = 0;

    for (size_t i = 0; i < s->n_sent; i++)
        n += strcmp(s->sent[i].status, "applied") == 0;
    return n;
}

bool session_process(struct session *s, const struct pollfd *fds, size_t n)
{
    size_t nl = s->n_lookup_fds < n ? s->n_lookup_fds : n;
    size_t nc = s->n_check_fds < n - nl ? s->n_check_fds : n - nl;
    bool arrived = false;

    /* A probe or check replaced since session_pollfds() gets no fds, only its timeouts:
     * those fds were another's. */
    if (s->lookup) {
        s->lookup_arrived = false;
        probe_process(s->lookup, fds, s->fds_lookup_gen == s->lookup_gen ? nl : 0);
        arrived = s->lookup_arrived;
    }
    if (s->check) {
        size_t before = check_answered(s->check);
        bool ours = s->fds_check_gen == s->check_gen && nl == s->n_lookup_fds;

        check_process(s->check, ours ? fds + nl : NULL, ours ? nc : 0);
        if (check_answered(s->check) != before)
            arrived = true;
        if (!s->check_complete && check_done(s->check)) {
            check_completed(s);
            arrived = true;
        }
    }
    if (process_apply(s))
        arrived = true;
    return arrived;
}

/* ---- steps ---------------------------------------------------------------------------------- */

/* May the live steps be judged: names, servers and a finished check. */
static bool live_ready(const struct session *s, struct cd_diag *why)
{
    if (!names_ready(s, why))
        return false;
    if (s->servers.n == 0) {
        diag_set(why, CD_EINVAL, NULL, NULL, msg_no_server, NULL, NULL);
        return false;
    }
    if (!s->check) {
        if (why) {
            if (s->check_failed)
                *why = s->check_err;
            else
                diag_set(why, CD_EDNS, NULL, NULL, N_("The check has not started"), NULL, NULL);
        }
        return false;
    }
    if (!check_done(s->check)) {
        if (why) {
            const struct server_list *l = check_servers(s->check);
            size_t waiting = 0;
            int ms = check_timeout(s->check, -1);
            char n[NUM_SIZE], secs[NUM_SIZE];

            for (size_t i = 0; i < l->n; i++)
                for (int q = 0; q < QUERY_COUNT; q++)
                    if (check_answer(s->check, i, (enum records_query)q)->outcome ==
                        PROBE_PENDING) {
                        waiting++;
                        break;
                    }
            snprintf(secs, sizeof secs, "%.1f", (ms < 0 ? 0 : ms) / 1000.0);
            diag_set(why, CD_EINVAL, NULL, NULL, msg_running, num(n, waiting), secs);
        }
        return false;
    }
    return true;
}

/* The KB's order holds: no name is decided by an Internet server's "does not exist" before
 * the local DNS, and the recommended order is the node's. */
static bool order_holds(const struct records_eval *e)
{
    for (int h = 0; h < HOST_COUNT; h++)
        if (e->decide[h].cause != RECORDS_NONE)
            return false;
    return !records_order_changes(e);
}

/* The complete check's evaluation, or NULL when there is none yet. */
static const struct records_eval *complete_eval(struct session *s)
{
    if (!s->check || !check_done(s->check))
        return NULL;
    return check_eval(s->check);
}

/* Whether step id holds by the live check; true when it cannot tell yet. */
static bool live_holds(struct session *s, enum step_id id)
{
    const struct records_eval *e = complete_eval(s);

    if (!e)
        return true;
    return id == STEP_DNS_ORDER ? order_holds(e) : e->verdict == VERDICT_PASS;
}

bool session_step_ready(struct session *s, enum step_id id, struct cd_diag *why)
{
    bool ok = true;

    switch (id) {
    case STEP_SYMPTOMS:
        break;
    case STEP_GROUP:
    case STEP_NAMES:
    case STEP_SUMMARY: {
        int fault = session_step_fault(s, id);

        if ((ok = fault < 0) == false && why)
            *why = s->f[fault].diag;
        break;
    }
    case STEP_DNS_ORDER:
    case STEP_HOST_RECORDS:
        ok = live_ready(s, why);
        break;
    case STEP_COUNT:
        ok = false;
        diag_set(why, CD_EINVAL, NULL, NULL, N_("unknown step"), NULL, NULL);
        break;
    }
    if (ok)
        diag_clear(why);
    return ok;
}

int session_step_fault(const struct session *s, enum step_id id)
{
    switch (id) {
    case STEP_GROUP:
        return s->f[SF_GROUP].valid ? -1 : SF_GROUP;
    case STEP_NAMES:
        return names_fault(s);
    case STEP_SUMMARY:
        return s->f[SF_OUTPUT].valid ? -1 : SF_OUTPUT;
    default:
        return -1;
    }
}

void session_step_finish(struct session *s, enum step_id id)
{
    struct cl_step *st;

    if ((unsigned)id >= STEP_COUNT)
        return;
    st = &s->cl.steps[id];
    st->status = STEP_DONE;
    if ((id == STEP_DNS_ORDER || id == STEP_HOST_RECORDS) && !live_holds(s, id))
        st->status = STEP_FAILED;
    st->completed_at = time(NULL);
    s->unsaved = true;
}

/* Whether a step marked done still holds now. */
static bool still_holds(struct session *s, enum step_id id)
{
    switch (id) {
    case STEP_GROUP:
        return s->f[SF_GROUP].valid;
    case STEP_NAMES:
        return names_ready(s, NULL);
    case STEP_DNS_ORDER:
    case STEP_HOST_RECORDS:
        if (!names_ready(s, NULL) || s->servers.n == 0)
            return false;
        return live_holds(s, id);
    case STEP_SUMMARY:
        return s->f[SF_OUTPUT].valid;
    default:
        return true;
    }
}

enum step_id session_resume_step(struct session *s)
{
    for (int i = 0; i < STEP_COUNT; i++) {
        enum step_status st = s->cl.steps[i].status;

        if (st == STEP_SKIPPED)
            continue;
        if (st != STEP_DONE || !still_holds(s, (enum step_id)i))
            return (enum step_id)i;
    }
    return STEP_SUMMARY;
}

/* ---- the checklist ---------------------------------------------------------------------- */

static void put_host(const struct session *s, int h, enum session_field name, enum session_field ip,
                     struct cl_host *out)
{
    copy_text(out->name, sizeof out->name, s->f[name].text);
    if (!s->f[SF_ZONE].valid || !s->f[name].valid ||
        names_fqdn(s->f[name].text, s->zone, out->fqdn, sizeof out->fqdn, NULL, NULL) != CD_OK)
        out->fqdn[0] = '\0';
    copy_text(out->ip, sizeof out->ip, s->f[ip].valid ? s->ip[h].text : s->f[ip].text);
}

/* Before a check completes, the servers in the node's order with nothing known of them, so
 * a saved checklist keeps the order. */
static void put_plain_servers(struct session *s)
{
    checklist_clear_results(&s->cl);
    for (size_t i = 0; i < s->servers.n; i++) {
        const struct dns_server *srv = &s->servers.v[i];
        struct cl_server cs = {.port = srv->port, .position = (unsigned)i + 1, .rtt_ms = -1};

        snprintf(cs.address, sizeof cs.address, "%s", srv->ip.text);
        snprintf(cs.role, sizeof cs.role, "%s", server_role_name(ROLE_UNKNOWN));
        snprintf(cs.source, sizeof cs.source, "%s", srv->source);
        checklist_add_server(&s->cl, &cs);
    }
}

static void sync_checklist(struct session *s)
{
    struct checklist *cl = &s->cl;
    struct cl_step steps[STEP_COUNT];
    time_t updated = cl->updated;

    snprintf(cl->tool_version, sizeof cl->tool_version, "%s", PACKAGE_VERSION);
    copy_text(cl->operator_name, sizeof cl->operator_name, s->f[SF_OPERATOR].text);
    copy_text(cl->ticket, sizeof cl->ticket, s->f[SF_TICKET].text);
    copy_text(cl->group, sizeof cl->group, s->f[SF_GROUP].text);
    copy_text(cl->zone, sizeof cl->zone, s->f[SF_ZONE].valid ? s->zone : s->f[SF_ZONE].text);
    put_host(s, HOST_EXCHANGE, SF_EXCHANGE_NAME, SF_EXCHANGE_IP, &cl->exchange);
    put_host(s, HOST_CLUSTER, SF_CLUSTER_NAME, SF_CLUSTER_IP, &cl->cluster);
    copy_text(cl->steps[STEP_SUMMARY].notes, sizeof cl->steps[STEP_SUMMARY].notes,
              s->f[SF_NOTES].text);
    if (complete_eval(s)) {
        /* check_to_checklist() judges the steps too; the wizard's own judgement, made when
         * the operator left each step, is the one the checklist keeps. */
        memcpy(steps, cl->steps, sizeof steps);
        if (check_to_checklist(s->check, cl) < 0 ||
            apply_keep_outcomes(cl, s->sent, s->n_sent) < 0)
            put_plain_servers(s);
        memcpy(cl->steps, steps, sizeof steps);
        cl->updated = updated;
    } else {
        put_plain_servers(s);
    }
}

const struct checklist *session_checklist(struct session *s)
{
    sync_checklist(s);
    return &s->cl;
}

const char *session_output(const struct session *s)
{
    return s->f[SF_OUTPUT].text;
}

bool session_unsaved(const struct session *s)
{
    return s->unsaved;
}

/* "<base>" of the state folder: $XDG_STATE_HOME when absolute, else ~/.local/state. */
static int state_base(char *out, size_t n)
{
    const char *xdg = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
    int len;

    /* The XDG spec: a relative path in the variable is invalid and ignored. */
    if (xdg && xdg[0] == '/')
        len = snprintf(out, n, "%s", xdg);
    else if (home && *home)
        len = snprintf(out, n, "%s/.local/state", home);
    else
        return CD_EINVAL;
    return len < 0 || (size_t)len >= n ? CD_EINVAL : CD_OK;
}

int session_default_output(char *path, size_t n)
{
    char base[SESSION_TEXT_MAX], stamp[32];
    time_t now = time(NULL);
    struct tm tm;
    int len;

    if (n)
        path[0] = '\0';
    if (state_base(base, sizeof base) != CD_OK || !localtime_r(&now, &tm) ||
        strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm) == 0)
        return CD_EINVAL;
    len = snprintf(path, n, "%s/clusterdns/checklist-%s.json", base, stamp);
    if (len < 0 || (size_t)len >= n) {
        if (n)
            path[0] = '\0';
        return CD_EINVAL;
    }
    return CD_OK;
}

/* The state folder and every folder made for it are private (the XDG spec's 0700); other
 * folders follow the umask. */
static mode_t folder_mode(const char *dir)
{
    char base[SESSION_TEXT_MAX], state[SESSION_TEXT_MAX + sizeof "/clusterdns"];
    size_t len;

    if (state_base(base, sizeof base) != CD_OK)
        return 0777;
    snprintf(state, sizeof state, "%s/clusterdns", base);
    len = strlen(state);
    return strncmp(dir, state, len) == 0 && (dir[len] == '\0' || dir[len] == '/') ? 0700 : 0777;
}

/* mkdir -p of the folder that holds path. */
static int make_folder_of(const char *path, struct cd_diag *d)
{
    char dir[PATH_SIZE];
    const char *slash = strrchr(path, '/');
    struct stat st;
    mode_t mode;
    size_t len;

    if (!slash || slash == path)
        return CD_OK; /* the current folder, or / */
    len = (size_t)(slash - path);
    if (len >= sizeof dir)
        return diag_set(d, CD_EIO, field_labels[SF_OUTPUT], "", N_("cannot save %1$s: %2$s"), path,
                        strerror(ENAMETOOLONG));
    memcpy(dir, path, len);
    dir[len] = '\0';
    mode = folder_mode(dir);
    for (char *p = dir + 1;; p++) {
        bool last = *p == '\0';

        if (*p != '/' && !last)
            continue;
        *p = '\0';
        if (mkdir(dir, mode) < 0 && errno != EEXIST)
            return diag_set(d, CD_EIO, field_labels[SF_OUTPUT], "", msg_mkdir, dir,
                            strerror(errno));
        if (stat(dir, &st) < 0)
            return diag_set(d, CD_EIO, field_labels[SF_OUTPUT], "", msg_mkdir, dir,
                            strerror(errno));
        if (!S_ISDIR(st.st_mode))
            return diag_set(d, CD_EIO, field_labels[SF_OUTPUT], "", msg_mkdir, dir,
                            strerror(ENOTDIR));
        if (last)
            break;
        *p = '/';
    }
    return CD_OK;
}

static int save_to(struct session *s, const char *path, struct cd_diag *d)
{
    int rc;

    sync_checklist(s);
    s->cl.updated = time(NULL);
    if ((rc = make_folder_of(path, d)) != CD_OK)
        return rc;
    return checklist_save(&s->cl, path, d);
}

int session_save(struct session *s, struct cd_diag *d)
{
    struct cd_diag why;
    int rc;

    diag_clear(&why);
    if (!s->f[SF_OUTPUT].valid) {
        why = s->f[SF_OUTPUT].diag;
        rc = CD_EINVAL;
    } else {
        rc = save_to(s, s->f[SF_OUTPUT].text, &why);
    }
    s->save_failed = rc != CD_OK;
    s->save_err = why;
    if (rc == CD_OK) {
        s->unsaved = false;
        s->saved_once = true;
    }
    if (d)
        *d = why;
    return rc;
}

int session_save_finished(struct session *s, struct cd_diag *d)
{
    struct cl_step was = s->cl.steps[STEP_SUMMARY];
    int rc;

    /* Saved with the last step done, or the step stays as it was: a failed save finishes
     * nothing. */
    if (session_step_ready(s, STEP_SUMMARY, NULL))
        session_step_finish(s, STEP_SUMMARY);
    if ((rc = session_save(s, d)) != CD_OK)
        s->cl.steps[STEP_SUMMARY] = was;
    return rc;
}

const struct cd_diag *session_save_error(const struct session *s)
{
    return s->save_failed ? &s->save_err : NULL;
}

bool session_saved_once(const struct session *s)
{
    return s->saved_once;
}

bool session_output_folder_missing(const struct session *s, char *dir, size_t n)
{
    const char *path = s->f[SF_OUTPUT].text, *slash = strrchr(path, '/');
    struct stat st;
    size_t len;

    if (!s->f[SF_OUTPUT].valid || !slash || slash == path)
        return false;
    len = (size_t)(slash - path);
    snprintf(dir, n, "%.*s", (int)len, path);
    /* The state folder is clusterdns' own: it is made without asking. */
    return stat(dir, &st) < 0 && errno == ENOENT && folder_mode(dir) != 0700;
}

int session_save_beside(struct session *s, char *path, size_t n, struct cd_diag *d)
{
    char beside[PATH_SIZE];
    const char *out = s->f[SF_OUTPUT].text;

    /* An emergency: save even when the target is not valid, in the current folder if need
     * be. The target itself is not saved, so the session stays unsaved. */
    snprintf(beside, sizeof beside, "%s.unsaved.json",
             *out && out[strlen(out) - 1] != '/' ? out : "clusterdns-checklist");
    if (n)
        snprintf(path, n, "%s", beside);
    return save_to(s, beside, d);
}
