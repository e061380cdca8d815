/* The text of Windows `cluster group` and `cluster res` (cluster.exe), pasted or saved:
 * fixed-width columns under a dashed ruler. Names contain spaces, so the columns are cut
 * where the ruler's dashes are, never at spaces. */
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

/* Parses the text (CRLF, a BOM, translated headers and a tab-expanded paste tolerated):
 * finds the ruler line (runs of dashes separated by spaces), takes the header line above it
 * to know which column is which (by position: 3 columns are group/node/status, 4 are
 * resource/group/node/status), and cuts each following non-empty line at the ruler's
 * columns. CD_EFORMAT, naming the line, when there is no ruler or no row. Replaces t's rows. */
int cluster_text_parse(const char *text, struct cluster_table *t, struct cd_diag *d);

/* Distinct group names in order of first appearance, up to max; returns how many. Borrowed
 * pointers into t. */
size_t cluster_text_groups(const struct cluster_table *t, const char **out, size_t max);

#endif
