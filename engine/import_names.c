/* The names step from an import: the Exchange virtual server's and the cluster's name and
 * IP, read from the resources' private properties (see import_names() in import.h). */
#include "config.h"

#include "import.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

static const struct import_resource *resource_named(const struct import_result *r,
                                                    const char *name)
{
    size_t i;

    for (i = 0; i < r->n_resources; i++)
        if (strcmp(r->resources[i].name, name) == 0)
            return &r->resources[i];
    return NULL;
}

/* The cluster's own resources keep these names in English installs. */
static bool cluster_resource_name(const char *name)
{
    return strcasecmp(name, "Cluster Name") == 0 || strcasecmp(name, "Cluster IP Address") == 0;
}

/* Whether resource `name` is in group g: by the resources read, or, when no group is known
 * for it, by its name (the cluster's) or because the text names at most one group. */
static bool in_group(const struct import_result *r, const char *name, const char *g,
                     bool cluster)
{
    const struct import_resource *res = resource_named(r, name);

    if (res && *res->group)
        return strcmp(res->group, g) == 0;
    if (cluster_resource_name(name))
        return cluster;
    return !cluster && r->n_groups <= 1;
}

static void find_value(const struct import_result *r, const char *g, enum import_prop kind,
                       bool cluster, struct import_value *v)
{
    size_t i;

    memset(v, 0, sizeof *v);
    if (!g)
        return;
    for (i = 0; i < r->n_props; i++) {
        const struct import_property *p = &r->props[i];

        if (p->kind != kind || !*p->value || !in_group(r, p->resource, g, cluster))
            continue;
        v->candidates++;
        if (v->found == IMPORT_NOT_FOUND) {
            v->found = IMPORT_FOUND;
            snprintf(v->value, sizeof v->value, "%s", p->value);
            snprintf(v->resource, sizeof v->resource, "%s", p->resource);
        } else if (strcasecmp(v->value, p->value) != 0) {
            v->found = IMPORT_AMBIGUOUS;
        }
    }
}

static bool has_prop_in(const struct import_result *r, const char *g, enum import_prop kind)
{
    size_t i;

    for (i = 0; i < r->n_props; i++) {
        const struct import_resource *res = resource_named(r, r->props[i].resource);

        if (r->props[i].kind == kind && res && strcmp(res->group, g) == 0)
            return true;
    }
    return false;
}

/* The cluster's group (see import.h); "" when none. */
static void cluster_group(const struct import_result *r, const char *exchange,
                          struct import_names *out)
{
    size_t i, n = 0;

    for (i = 0; i < r->n_groups; i++)
        if (strcasecmp(r->groups[i], "Cluster Group") == 0) {
            snprintf(out->cluster_group, sizeof out->cluster_group, "%s", r->groups[i]);
            return;
        }
    for (i = 0; i < r->n_resources; i++)
        if (cluster_resource_name(r->resources[i].name) && *r->resources[i].group) {
            snprintf(out->cluster_group, sizeof out->cluster_group, "%s",
                     r->resources[i].group);
            return;
        }
    for (i = 0; i < r->n_groups; i++) {
        const char *g = r->groups[i];

        if ((exchange && strcmp(g, exchange) == 0) || !has_prop_in(r, g, IMPORT_PROP_NAME) ||
            !has_prop_in(r, g, IMPORT_PROP_IP))
            continue;
        if (n++ == 0)
            snprintf(out->cluster_group, sizeof out->cluster_group, "%s", g);
    }
    out->cluster_group_ambiguous = n > 1;
}

void import_names(const struct import_result *r, const char *exchange_group,
                  struct import_names *out)
{
    const char *ex = exchange_group && *exchange_group ? exchange_group : NULL;

    memset(out, 0, sizeof *out);
    cluster_group(r, ex, out);
    find_value(r, ex, IMPORT_PROP_NAME, false, &out->exchange_name);
    find_value(r, ex, IMPORT_PROP_IP, false, &out->exchange_ip);
    /* Without a known group, the cluster's resources are still known by their names. */
    find_value(r, out->cluster_group, IMPORT_PROP_NAME, true, &out->cluster_name);
    find_value(r, out->cluster_group, IMPORT_PROP_IP, true, &out->cluster_ip);
    if (out->cluster_group_ambiguous) {
        if (out->cluster_name.found == IMPORT_FOUND)
            out->cluster_name.found = IMPORT_AMBIGUOUS;
        if (out->cluster_ip.found == IMPORT_FOUND)
            out->cluster_ip.found = IMPORT_AMBIGUOUS;
    }
}
