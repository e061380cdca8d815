/* libFuzzer target: servers_import_text (pasted ipconfig /all and netsh text) on a
 * NUL-terminated copy of the input. Built by tests/fuzz/run.sh. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "servers.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    struct server_list l;
    struct servers_import rep;
    struct cd_diag d;
    char buf[SERVERS_TEXT_SIZE];
    char msg[512];

    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    server_list_init(&l);
    if (servers_import_text(text, &l, &rep, &d) == CD_OK) {
        for (size_t i = 0; i < l.n; i++)
            server_format(&l.v[i], buf, sizeof buf);
    } else {
        diag_format_c(&d, msg, sizeof msg);
    }
    server_list_fini(&l);
    free(text);
    return 0;
}
