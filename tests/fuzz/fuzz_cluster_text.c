/* libFuzzer target: cluster_text_parse (`cluster group` / `cluster res` text) on a
 * NUL-terminated copy of the input. Built by tests/fuzz/run.sh. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cluster_text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    struct cluster_table t;
    struct cd_diag d;
    const char *groups[CLUSTER_TEXT_MAX];
    char msg[512];

    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    cluster_table_init(&t);
    if (cluster_text_parse(text, &t, &d) == CD_OK)
        cluster_text_groups(&t, groups, CLUSTER_TEXT_MAX);
    else
        diag_format_c(&d, msg, sizeof msg);
    cluster_table_fini(&t);
    free(text);
    return 0;
}
