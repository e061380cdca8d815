#include "config.h"

#include "changes.h"

#include <stdlib.h>
#include <string.h>

#include "diag.h"

int check_digest_of(struct check_digest *d, const struct server_list *servers,
                    const struct records_eval *e)
{
    size_t n = servers->n < e->n ? servers->n : e->n;

    memset(d, 0, sizeof *d);
    d->verdict = e->verdict;
    if (n && !(d->server = calloc(n, sizeof *d->server)))
        return CD_ENOMEM;
    d->n = n;
    for (size_t i = 0; i < n; i++) {
        d->server[i].ip = servers->v[i].ip;
        d->server[i].port = servers->v[i].port;
        d->server[i].answered = e->server[i].answered;
        memcpy(d->server[i].status, e->server[i].status, sizeof d->server[i].status);
    }
    return CD_OK;
}

void check_digest_fini(struct check_digest *d)
{
    free(d->server);
    memset(d, 0, sizeof *d);
}

static size_t find(const struct check_digest *d, const struct digest_server *s)
{
    for (size_t i = 0; i < d->n; i++)
        if (d->server[i].port == s->port && names_ip_equal(&d->server[i].ip, &s->ip))
            return i;
    return (size_t)-1;
}

size_t changes_between(const struct check_digest *before, const struct check_digest *after,
                       bool same_names, struct change *out, size_t max)
{
    static const enum records_query records[] = {QUERY_EXCHANGE, QUERY_CLUSTER, QUERY_EXCHANGE_PTR,
                                                 QUERY_CLUSTER_PTR};
    size_t k = 0;

#define PUT(...)                                                                                   \
    do {                                                                                           \
        if (k < max)                                                                               \
            out[k++] = (struct change){__VA_ARGS__};                                               \
    } while (0)

    if (before->verdict != after->verdict)
        PUT(.kind = CHANGE_VERDICT, .was = before->verdict, .now = after->verdict);
    if (!same_names)
        PUT(.kind = CHANGE_NAMES);
    for (size_t i = 0; i < after->n; i++) {
        const struct digest_server *now = &after->server[i];
        size_t j = find(before, now);
        const struct digest_server *was = j == (size_t)-1 ? NULL : &before->server[j];

        if (!was) /* not asked last time: nothing to compare */
            continue;
        if (was->answered != now->answered) {
            PUT(.kind = was->answered ? CHANGE_SERVER_SILENT : CHANGE_SERVER_BACK, .server = i);
            continue;
        }
        if (!same_names || !now->answered)
            continue;
        for (size_t r = 0; r < sizeof records / sizeof *records; r++) {
            enum records_query q = records[r];

            if (was->status[q] != now->status[q])
                PUT(.kind = CHANGE_RECORD, .server = i, .query = q, .before = was->status[q],
                    .after = now->status[q]);
        }
    }
#undef PUT
    return k;
}
