/* libFuzzer target: name and address validation. The input is cut at its first new line
 * into two slices, each copied into a buffer of its exact size plus the NUL (so an
 * over-read shows): the first is tried as a NetBIOS name, a zone and a resource IP, the
 * second as a zone, and the two as name and zone of an FQDN. Built by tests/fuzz/run.sh. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "names.h"

static char *slice(const uint8_t *p, size_t n)
{
    char *s = malloc(n + 1);
    if (s) {
        memcpy(s, p, n);
        s[n] = '\0';
    }
    return s;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *nl = memchr(data, '\n', size);
    size_t n1 = nl ? (size_t)(nl - data) : size;
    char *a = slice(data, n1);
    char *b = nl ? slice(nl + 1, size - n1 - 1) : slice(data, 0);
    struct cd_diag d;
    struct cd_ip ip;
    char norm[NAMES_FQDN_SIZE], fqdn[NAMES_FQDN_SIZE], rev[80], msg[512];

    if (a && b) {
        if (names_netbios(a, "name", &d) != CD_OK)
            diag_format_c(&d, msg, sizeof msg);
        if (names_zone(a, norm, sizeof norm, "zone", &d) != CD_OK)
            diag_format_c(&d, msg, sizeof msg);
        if (names_zone(b, norm, sizeof norm, "zone", &d) != CD_OK)
            diag_format_c(&d, msg, sizeof msg);
        if (names_fqdn(a, b, fqdn, sizeof fqdn, "name", &d) != CD_OK)
            diag_format_c(&d, msg, sizeof msg);
        if (names_resource_ip(a, &ip, "IP", &d) == CD_OK)
            names_reverse(&ip, rev, sizeof rev);
        else
            diag_format_c(&d, msg, sizeof msg);
        if (names_server_ip(b, &ip, "server", &d) != CD_OK)
            diag_format_c(&d, msg, sizeof msg);
    }
    free(a);
    free(b);
    return 0;
}
