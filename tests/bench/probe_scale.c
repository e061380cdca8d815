/* probe_scale: the engine's probe asked NAMES host names on every server at once, in one
 * poll loop as the front ends run it (`make bench`, scaling in names: the CLI and the
 * wizard always ask the KB's two).
 *
 *   probe_scale TIMEOUT_MS NAMES SERVERS
 *
 * SERVERS is a --servers list.  Sends the A query of host1.fabrikam.local ...
 * hostNAMES.fabrikam.local to each server, runs the loop until every answer is in and
 * prints "elapsed_us=N queries=N replies=N": a reply is any outcome but a timeout, a
 * closed port or a local failure.  Exit status 1 when a query got no reply. */
#include "config.h"

#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "diag.h"
#include "probe.h"
#include "servers.h"

#define FDS_MAX 1024

static size_t replies;

static void on_answer(void *arg, size_t server, size_t query, const struct probe_answer *a)
{
    (void)arg;
    (void)server;
    (void)query;
    if (a->outcome != PROBE_TIMEOUT && a->outcome != PROBE_CONNREFUSED &&
        a->outcome != PROBE_FAILED)
        replies++;
}

static long long now_us(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

int main(int argc, char **argv)
{
    struct server_list servers;
    struct cd_diag d = {0};
    struct pollfd fds[FDS_MAX];
    char text[512], name[64];
    size_t queries = 0;

    if (argc != 4) {
        fputs("usage: probe_scale TIMEOUT_MS NAMES SERVERS\n", stderr);
        return 2;
    }
    int timeout_ms = atoi(argv[1]), names = atoi(argv[2]);
    server_list_init(&servers);
    if (timeout_ms <= 0 || names <= 0 || servers_parse_list(argv[3], &servers, &d) < 0) {
        fprintf(stderr, "probe_scale: %s\n", d.fmt ? diag_format_c(&d, text, sizeof text)
                                                   : "TIMEOUT_MS and NAMES must be positive");
        return 2;
    }
    struct probe *p = probe_new(timeout_ms, on_answer, NULL);
    for (size_t s = 0; p && s < servers.n; s++)
        if (probe_add_server(p, &servers.v[s], &d) < 0) {
            fprintf(stderr, "probe_scale: %s\n", diag_format_c(&d, text, sizeof text));
            return 2;
        }
    if (!p)
        return 2;

    long long t0 = now_us();
    for (size_t s = 0; s < servers.n; s++)
        for (int k = 1; k <= names; k++) {
            snprintf(name, sizeof name, "host%d.fabrikam.local", k);
            if (probe_send(p, s, PROBE_A, name) >= 0)
                queries++;
        }
    while (probe_pending(p) > 0) {
        size_t n = probe_pollfds(p, fds, FDS_MAX);
        if (poll(fds, n, probe_timeout(p, -1)) < 0)
            return 2;
        probe_process(p, fds, n);
    }
    long long elapsed = now_us() - t0;

    printf("elapsed_us=%lld queries=%zu replies=%zu\n", elapsed, queries, replies);
    probe_free(p);
    server_list_fini(&servers);
    return replies == queries ? 0 : 1;
}
