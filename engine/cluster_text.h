/* The cluster groups of a pasted text, as rows the wizard's group step lists; read by
 * import.h. */
#ifndef CLUSTERDNS_ENGINE_CLUSTER_TEXT_H
#define CLUSTERDNS_ENGINE_CLUSTER_TEXT_H

#include <stddef.h>

#include "diag.h"

#define CLUSTER_TEXT_NAME 128
#define CLUSTER_TEXT_MAX 256 /* rows kept */

struct cluster_row {
    char resource[CLUSTER_TEXT_NAME]; /* `cluster res` only, else "" */
    char group[CLUSTER_TEXT_NAME];
    char node[CLUSTER_TEXT_NAME];
    char status[CLUSTER_TEXT_NAME];
};

struct cluster_table {
    struct cluster_row *rows;
    size_t n;
    int has_resources; /* the text was `cluster res` */
};

void cluster_table_init(struct cluster_table *t);
void cluster_table_fini(struct cluster_table *t);

/* The groups (and resources) of pasted `cluster group`, `cluster res` or
 * Get-ClusterGroup/Get-ClusterResource text, read by import_text() (import.h), the one
 * reader: one row a resource when the text lists resources (node and status as printed),
 * else one row a group (resource, node and status ""). CD_EFORMAT when no group was read
 * (d says why); t is then left as it was. Replaces t's rows. */
int cluster_text_parse(const char *text, struct cluster_table *t, struct cd_diag *d);

/* Distinct group names in order of first appearance, up to max; returns how many. Borrowed
 * pointers into t. */
size_t cluster_text_groups(const struct cluster_table *t, const char **out, size_t max);

#endif
