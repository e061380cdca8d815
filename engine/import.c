#include "config.h"

#include "import.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cluster_text.h"
#include "i18n.h"

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

static int oom(struct cd_diag *d)
{
    return diag_set(d, CD_ENOMEM, NULL, NULL, N_("out of memory"), NULL, NULL);
}

static int read_servers(const char *text, struct import_result *r)
{
    struct servers_import rep;

    memset(&rep, 0, sizeof rep);
    if (servers_import_text(text, &r->servers, &rep, NULL) != CD_OK)
        return CD_OK;
    if (r->kind == IMPORT_UNKNOWN)
        r->kind = rep.kind == SERVERS_TEXT_NETSH ? IMPORT_NETSH : IMPORT_IPCONFIG;
    return CD_OK;
}

static int read_cluster(const char *text, struct import_result *r, struct cd_diag *d)
{
    struct cluster_table t;
    const char *names[CLUSTER_TEXT_MAX];
    size_t n;
    int rc = CD_OK;

    cluster_table_init(&t);
    if (cluster_text_parse(text, &t, NULL) != CD_OK)
        goto out;
    n = cluster_text_groups(&t, names, CLUSTER_TEXT_MAX);
    if (n && !(r->groups = calloc(n, sizeof *r->groups))) {
        rc = oom(d);
        goto out;
    }
    for (size_t i = 0; i < n; i++)
        snprintf(r->groups[i], sizeof r->groups[i], "%s", names[i]);
    r->n_groups = n;
    if (t.has_resources && t.n) {
        if (!(r->resources = calloc(t.n, sizeof *r->resources))) {
            rc = oom(d);
            goto out;
        }
        for (size_t i = 0; i < t.n; i++) {
            snprintf(r->resources[i].name, IMPORT_NAME_SIZE, "%s", t.rows[i].resource);
            snprintf(r->resources[i].group, IMPORT_NAME_SIZE, "%s", t.rows[i].group);
        }
        r->n_resources = t.n;
    }
    if (n && r->kind == IMPORT_UNKNOWN)
        r->kind = t.has_resources ? IMPORT_CLUSTER_RES : IMPORT_CLUSTER_GROUP;
out:
    cluster_table_fini(&t);
    return rc;
}

int import_text(const char *text, size_t len, struct import_result *r, struct cd_diag *d)
{
    char *copy = malloc(len + 1);
    int rc;

    import_fini(r);
    if (!copy)
        return oom(d);
    memcpy(copy, text, len);
    copy[len] = '\0';
    rc = read_servers(copy, r);
    if (rc == CD_OK)
        rc = read_cluster(copy, r, d);
    free(copy);
    if (rc != CD_OK)
        return rc;
    if (!import_usable(r))
        return diag_set(d, CD_EFORMAT, N_("Pasted text"), NULL,
                        N_("is not 'ipconfig /all', netsh, PowerShell or cluster.exe output "
                           "that clusterdns can read"),
                        NULL, NULL);
    return CD_OK;
}
