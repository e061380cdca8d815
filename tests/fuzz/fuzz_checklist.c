/* libFuzzer target: checklist_from_json on the raw bytes (not NUL-terminated, so an
 * over-read shows), then the contract of checklist_json.h: what loads and serialises loads
 * again, and writes again the same. Built by tests/fuzz/run.sh. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "checklist.h"
#include "checklist_json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct checklist cl;
    struct cd_diag d;
    char msg[512];

    checklist_init(&cl);
    if (checklist_from_json((const char *)data, size, &cl, &d) == CD_OK) {
        char *json = NULL;
        if (checklist_to_json(&cl, &json, NULL) == CD_OK) {
            struct checklist again;
            char *json2 = NULL;

            checklist_init(&again);
            /* "every file written loads again", and a journal read back is written the same
             * (nothing added, dropped or judged otherwise on the way) */
            if (checklist_from_json(json, strlen(json), &again, &d) != CD_OK ||
                checklist_to_json(&again, &json2, NULL) != CD_OK || strcmp(json, json2) != 0)
                abort();
            checklist_fini(&again);
            free(json2);
            free(json);
        }
    } else {
        diag_format_c(&d, msg, sizeof msg);
    }
    checklist_fini(&cl);
    return 0;
}
