#include "config.h"

#include "import.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "i18n.h"
#include "import_priv.h"
#include "names.h"

static const struct {
    const char *name, *label;
} kinds[IMPORT_KIND_COUNT] = {
    [IMPORT_UNKNOWN] = {"unknown", N_("unknown text")},
    [IMPORT_IPCONFIG] = {"ipconfig", N_("'ipconfig /all'")},
    [IMPORT_NETSH] = {"netsh", N_("netsh")},
    [IMPORT_PS_DNS] = {"powershell-dns", N_("PowerShell DNS client")},
    [IMPORT_CLUSTER_GROUP] = {"cluster-group", N_("'cluster group'")},
    [IMPORT_CLUSTER_RES] = {"cluster-res", N_("'cluster res'")},
    [IMPORT_CLUSTER_PRIV] = {"cluster-priv", N_("'cluster res /priv'")},
    [IMPORT_PS_CLUSTER] = {"powershell-cluster", N_("PowerShell cluster")},
    [IMPORT_PS_PARAM] = {"powershell-parameters", N_("PowerShell cluster parameters")},
};

const char *import_kind_name(enum import_kind k)
{
    return (unsigned)k < IMPORT_KIND_COUNT ? kinds[k].name : kinds[0].name;
}

const char *import_kind_label(enum import_kind k)
{
    return (unsigned)k < IMPORT_KIND_COUNT ? kinds[k].label : kinds[0].label;
}

void import_init(struct import_result *r)
{
    memset(r, 0, sizeof *r);
    server_list_init(&r->servers);
}

void import_fini(struct import_result *r)
{
    server_list_fini(&r->servers);
    free(r->groups);
    free(r->resources);
    free(r->props);
    free(r->unread);
    import_init(r);
}

bool import_usable(const struct import_result *r)
{
    return r->servers.n || r->n_groups || r->n_resources || r->n_props;
}

/* ---- what readers add ------------------------------------------------------------------ */

static int nomem(struct imp_ctx *c)
{
    c->rc = CD_ENOMEM;
    return CD_ENOMEM;
}

/* Makes room for one more item of size sz in *v holding n; CD_ENOMEM or CD_OK. */
static int grow(struct imp_ctx *c, void **v, size_t n, size_t sz)
{
    void *p;

    if (n & (n - 1) && n) /* grows at 0, 1, 2, 4, 8 ... */
        return CD_OK;
    p = realloc(*v, (n ? 2 * n : 1) * sz);
    if (!p)
        return nomem(c);
    *v = p;
    return CD_OK;
}

void imp_set_kind(struct imp_ctx *c, enum import_kind k, size_t line_index)
{
    if (c->r->kind == IMPORT_UNKNOWN || c->kind_weak || line_index + 1 < c->kind_line) {
        c->r->kind = k;
        c->kind_line = line_index + 1;
        c->kind_weak = false;
    }
}

void imp_set_kind_weak(struct imp_ctx *c, enum import_kind k, size_t line_index)
{
    if (c->r->kind == IMPORT_UNKNOWN) {
        c->r->kind = k;
        c->kind_line = line_index + 1;
        c->kind_weak = true;
    }
}

bool imp_server_address(const char *s)
{
    char addr[NAMES_IP_SIZE];
    size_t len = strcspn(s, "%"); /* Windows adds the zone: "fec0:0:0:ffff::1%1" */
    struct cd_ip ip;

    if (len == 0 || len >= sizeof addr || (s[len] == '%' && !s[len + 1]))
        return false;
    memcpy(addr, s, len);
    addr[len] = '\0';
    return names_server_ip(addr, &ip, NULL, NULL) == CD_OK;
}

int imp_add_server(struct imp_ctx *c, const char *text, const char *source)
{
    char addr[NAMES_IP_SIZE];
    size_t len = strcspn(text, "%");
    struct dns_server s;

    memset(&s, 0, sizeof s);
    if (len >= sizeof addr)
        return CD_OK;
    memcpy(addr, text, len);
    addr[len] = '\0';
    if (names_server_ip(addr, &s.ip, NULL, NULL) != CD_OK)
        return CD_OK;
    s.port = 53;
    imp_copy(s.source, sizeof s.source, source, strlen(source));
    /* Past SERVERS_MAX, or a repeat: server_list_add says so or keeps the first. */
    if (server_list_add(&c->r->servers, &s, NULL) == CD_ENOMEM)
        return nomem(c);
    return CD_OK;
}

int imp_add_group(struct imp_ctx *c, const char *name)
{
    struct import_result *r = c->r;
    size_t i;

    if (!*name || r->n_groups >= IMPORT_ROWS_MAX)
        return CD_OK;
    for (i = 0; i < r->n_groups; i++)
        if (strcmp(r->groups[i], name) == 0)
            return CD_OK;
    if (grow(c, (void **)&r->groups, r->n_groups, sizeof *r->groups) != CD_OK)
        return CD_ENOMEM;
    imp_copy(r->groups[r->n_groups++], IMPORT_NAME_SIZE, name, strlen(name));
    return CD_OK;
}

static void fill_empty(char *dst, const char *src)
{
    if (!*dst && *src)
        snprintf(dst, IMPORT_NAME_SIZE, "%s", src);
}

int imp_add_resource(struct imp_ctx *c, const struct import_resource *res)
{
    struct import_result *r = c->r;
    struct import_resource *o;
    size_t i;

    if (!*res->name)
        return CD_OK;
    if (imp_add_group(c, res->group) != CD_OK)
        return CD_ENOMEM;
    /* The same resource in a second table (cluster res and Get-ClusterResource): one entry,
     * completed. */
    for (i = 0; i < r->n_resources; i++) {
        o = &r->resources[i];
        if (strcmp(o->name, res->name) == 0 && (!*o->group || !*res->group ||
                                                strcmp(o->group, res->group) == 0)) {
            fill_empty(o->group, res->group);
            fill_empty(o->type, res->type);
            fill_empty(o->node, res->node);
            fill_empty(o->status, res->status);
            return CD_OK;
        }
    }
    if (r->n_resources >= IMPORT_ROWS_MAX)
        return CD_OK;
    if (grow(c, (void **)&r->resources, r->n_resources, sizeof *r->resources) != CD_OK)
        return CD_ENOMEM;
    r->resources[r->n_resources++] = *res;
    return CD_OK;
}

static struct import_property *find_prop(struct import_result *r, enum import_prop kind,
                                         const char *resource)
{
    size_t i;

    for (i = 0; i < r->n_props; i++)
        if (r->props[i].kind == kind && strcmp(r->props[i].resource, resource) == 0)
            return &r->props[i];
    return NULL;
}

bool imp_add_property(struct imp_ctx *c, const char *resource, const char *name,
                      const char *value)
{
    struct import_result *r = c->r;
    enum import_prop kind = IMPORT_PROP_IP;
    struct import_property *p;
    char *field;

    if (!*resource)
        return false;
    if (strcasecmp(name, "Name") == 0)
        kind = IMPORT_PROP_NAME;
    else if (strcasecmp(name, "Address") != 0 && strcasecmp(name, "SubnetMask") != 0 &&
             strcasecmp(name, "Network") != 0)
        return false;
    p = find_prop(r, kind, resource);
    if (!p) {
        if (r->n_props >= IMPORT_ROWS_MAX)
            return true;
        if (grow(c, (void **)&r->props, r->n_props, sizeof *r->props) != CD_OK)
            return true;
        p = &r->props[r->n_props++];
        memset(p, 0, sizeof *p);
        p->kind = kind;
        imp_copy(p->resource, sizeof p->resource, resource, strlen(resource));
    }
    if (kind == IMPORT_PROP_NAME || strcasecmp(name, "Address") == 0)
        field = p->value;
    else if (strcasecmp(name, "SubnetMask") == 0)
        field = p->subnet_mask;
    else
        field = p->network;
    imp_copy(field, IMPORT_NAME_SIZE, value, strlen(value));
    return true;
}

/* ---- the whole text -------------------------------------------------------------------- */

static int collect_unread(struct imp_ctx *c)
{
    struct import_result *r = c->r;
    size_t i, n = 0;

    for (i = 0; i < c->n; i++)
        n += c->lines[i].state == IMP_UNREAD;
    if (!n)
        return CD_OK;
    r->unread = calloc(n, sizeof *r->unread);
    if (!r->unread)
        return nomem(c);
    for (i = 0; i < c->n; i++) {
        if (c->lines[i].state != IMP_UNREAD)
            continue;
        r->unread[r->n_unread].line = c->lines[i].no;
        imp_copy(r->unread[r->n_unread].text, IMPORT_UNREAD_SIZE, c->lines[i].s,
                 c->lines[i].len);
        r->n_unread++;
    }
    return CD_OK;
}

int import_text(const char *text, size_t len, struct import_result *r, struct cd_diag *d)
{
    struct imp_ctx c;
    char no[24];
    size_t i;

    import_fini(r);
    memset(&c, 0, sizeof c);
    c.r = r;
    if (imp_lines_split(&c, text ? text : "", text ? len : 0) != CD_OK)
        return diag_set(d, CD_ENOMEM, NULL, NULL, N_("out of memory"), NULL, NULL);
    /* Tables first: their rows are not labels; then what is left. */
    imp_read_tables(&c);
    if (c.rc == CD_OK)
        imp_read_netcfg(&c);
    if (c.rc == CD_OK)
        collect_unread(&c);
    for (c.blank = true, i = 0; i < c.n && c.blank; i++)
        c.blank = c.lines[i].len == 0;
    imp_lines_free(&c);
    if (c.rc != CD_OK) {
        import_fini(r);
        return diag_set(d, CD_ENOMEM, NULL, NULL, N_("out of memory"), NULL, NULL);
    }
    if (import_usable(r))
        return CD_OK;
    if (c.blank)
        return diag_set(d, CD_EFORMAT, N_("Pasted text"), NULL, N_("is empty"), NULL, NULL);
    if (r->n_unread) {
        snprintf(no, sizeof no, "%zu", r->unread[0].line);
        return diag_set(d, CD_EFORMAT, N_("Pasted text"), NULL,
                        N_("has nothing clusterdns could read; line %1$s looks like data but "
                           "could not be read: \"%2$s\""),
                        no, r->unread[0].text);
    }
    return diag_set(d, CD_EFORMAT, N_("Pasted text"), NULL,
                    N_("is not 'ipconfig /all', netsh, PowerShell or cluster.exe output "
                       "that clusterdns can read"),
                    NULL, NULL);
}
