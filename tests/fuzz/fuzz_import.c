/* libFuzzer target: import_text (every reader: ipconfig, netsh, cluster.exe, PowerShell)
 * on raw bytes, then import_names on what it read with its first group. Built by
 * tests/fuzz/run.sh. */
#include <stddef.h>
#include <stdint.h>

#include "import.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct import_result r;
    struct import_names names;
    struct cd_diag d;
    char msg[512];

    import_init(&r);
    if (import_text((const char *)data, size, &r, &d) != CD_OK)
        diag_format_c(&d, msg, sizeof msg);
    import_names(&r, r.n_groups ? r.groups[0] : NULL, &names);
    import_fini(&r);
    return 0;
}
