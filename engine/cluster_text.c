#include "config.h"

#include "cluster_text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "import.h"
#include "text.h"

/* Copies src into dst (CLUSTER_TEXT_NAME bytes), cut at a character boundary. */
static void copy_name(char *dst, const char *src)
{
    text_copy(dst, CLUSTER_TEXT_NAME, src, strlen(src));
}

int cluster_text_parse(const char *text, struct cluster_table *t, struct cd_diag *d)
{
    struct import_result r;
    struct cluster_row *rows;
    size_t i, n;
    int rc;

    import_init(&r);
    rc = import_text(text ? text : "", text ? strlen(text) : 0, &r, d);
    if (rc == CD_OK && r.n_groups == 0)
        rc = diag_set(d, CD_EFORMAT, N_("Pasted text"), NULL,
                      N_("lists no cluster group; paste the output of \"cluster group\", "
                         "\"cluster res\" or Get-ClusterGroup"),
                      NULL, NULL);
    if (rc != CD_OK)
        goto out;
    n = r.n_resources ? r.n_resources : r.n_groups;
    if (n > CLUSTER_TEXT_MAX)
        n = CLUSTER_TEXT_MAX;
    rows = calloc(n, sizeof *rows);
    if (!rows) {
        rc = diag_set(d, CD_ENOMEM, NULL, NULL, N_("out of memory"), NULL, NULL);
        goto out;
    }
    for (i = 0; i < n; i++) {
        if (r.n_resources) {
            copy_name(rows[i].resource, r.resources[i].name);
            copy_name(rows[i].group, r.resources[i].group);
            copy_name(rows[i].node, r.resources[i].node);
            copy_name(rows[i].status, r.resources[i].status);
        } else {
            copy_name(rows[i].group, r.groups[i]);
        }
    }
    free(t->rows);
    t->rows = rows;
    t->n = n;
    t->has_resources = r.n_resources > 0;
out:
    import_fini(&r);
    return rc;
}

void cluster_table_init(struct cluster_table *t)
{
    memset(t, 0, sizeof *t);
}

void cluster_table_fini(struct cluster_table *t)
{
    free(t->rows);
    cluster_table_init(t);
}

size_t cluster_text_groups(const struct cluster_table *t, const char **out, size_t max)
{
    size_t i, j, n = 0;

    for (i = 0; i < t->n && n < max; i++) {
        const char *g = t->rows[i].group;

        if (*g == '\0')
            continue;
        for (j = 0; j < n && strcmp(out[j], g) != 0; j++)
            ;
        if (j == n)
            out[n++] = g;
    }
    return n;
}
