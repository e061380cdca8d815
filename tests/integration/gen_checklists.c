/* gen_checklists: writes COUNT checklists for `recheck` tests and the benchmark, through
 * the engine (checklist_save), so that each is what clusterdns itself writes.
 *
 *   gen_checklists DIR COUNT SERVERS [--names lab|distinct] [--ips shared|distinct]
 *                  [--before none|pass]
 *
 * DIR/ticket-NNNNN.json for NNNNN = 00001 ... COUNT: ticket INC-NNNNN, zone fabrikam.local,
 * the servers of the --servers list SERVERS as the node's order found. Names: "lab" gives
 * every file the lab's EXSRV and CLUSTER1 (the files differ in their tickets only);
 * "distinct" (the default) EXNNNNN and CLNNNNN. Addresses: "shared" (the default) the lab's
 * 172.16.8.31 and .30 for every file; "distinct" 10.1.x.y and 10.2.x.y, one pair a file.
 * --before pass (the default) journals one earlier check in which the first server held
 * both records and the others said the names do not exist (PASS); none: no check yet. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "checklist.h"
#include "diag.h"
#include "servers.h"

static void die(const char *what, const struct cd_diag *d)
{
    char text[1024];

    fprintf(stderr, "gen_checklists: %s%s%s\n", what, d ? ": " : "",
            d ? diag_format_c(d, text, sizeof text) : "");
    exit(2);
}

/* The answers of a check in which server 0 holds the records and the others do not know
 * the names. */
static void earlier_answers(const struct records_target *t, size_t n,
                            struct probe_answer (*a)[QUERY_COUNT])
{
    for (size_t s = 0; s < n; s++)
        for (int q = 0; q < QUERY_COUNT; q++) {
            struct probe_answer *x = &a[s][q];
            enum probe_qtype type;
            const char *qname;
            int h = (q == QUERY_EXCHANGE || q == QUERY_EXCHANGE_PTR) ? HOST_EXCHANGE : HOST_CLUSTER;

            check_question(t, (enum records_query)q, &type, &qname);
            memset(x, 0, sizeof *x);
            x->qtype = type;
            snprintf(x->qname, sizeof x->qname, "%s", qname);
            x->rtt_ms = 1.0;
            if (s > 0) {
                x->outcome = PROBE_NXDOMAIN;
                continue;
            }
            x->outcome = PROBE_ANSWER;
            x->authoritative = true;
            if (q == QUERY_SOA) {
                snprintf(x->target, sizeof x->target, "ns1.%.240s", t->zone);
                x->serial = 2024010101;
            } else if (type == PROBE_PTR) {
                snprintf(x->target, sizeof x->target, "%s", t->fqdn[h]);
            } else {
                x->n_addrs = 1;
                x->addrs[0] = t->ip[h];
            }
        }
}

int main(int argc, char **argv)
{
    struct server_list servers;
    struct cd_diag d = {0};
    bool lab_names = false, shared_ips = true, before = true;
    char path[4096];
    long count;

    if (argc < 4 || (count = strtol(argv[2], NULL, 10)) < 1 || count > 99999) {
        fputs("usage: gen_checklists DIR COUNT SERVERS [--names lab|distinct] "
              "[--ips shared|distinct] [--before none|pass]\n",
              stderr);
        return 2;
    }
    for (int i = 4; i + 1 < argc; i += 2) {
        if (strcmp(argv[i], "--names") == 0)
            lab_names = strcmp(argv[i + 1], "lab") == 0;
        else if (strcmp(argv[i], "--ips") == 0)
            shared_ips = strcmp(argv[i + 1], "distinct") != 0;
        else if (strcmp(argv[i], "--before") == 0)
            before = strcmp(argv[i + 1], "none") != 0;
        else
            die("unknown option", NULL);
    }
    server_list_init(&servers);
    if (servers_parse_list(argv[3], &servers, &d) < 0)
        die("SERVERS", &d);
    for (long i = 1; i <= count; i++) {
        static struct checklist cl;
        struct records_target t;
        struct cl_who who;
        char ex[16], cl_name[16], exip[32], clip[32];

        snprintf(ex, sizeof ex, lab_names ? "EXSRV" : "EX%05ld", i);
        snprintf(cl_name, sizeof cl_name, lab_names ? "CLUSTER1" : "CL%05ld", i);
        if (shared_ips) {
            snprintf(exip, sizeof exip, "172.16.8.31");
            snprintf(clip, sizeof clip, "172.16.8.30");
        } else {
            snprintf(exip, sizeof exip, "10.1.%ld.%ld", i / 250, i % 250 + 1);
            snprintf(clip, sizeof clip, "10.2.%ld.%ld", i / 250, i % 250 + 1);
        }
        if (check_target_set(&t, "fabrikam.local", ex, exip, cl_name, clip, &d) < 0)
            die("names", &d);
        checklist_init(&cl);
        snprintf(cl.operator_name, sizeof cl.operator_name, "gen");
        snprintf(cl.ticket, sizeof cl.ticket, "INC-%05ld", i);
        checklist_set_target(&cl, &t);
        checklist_who(&cl, &who);
        if (checklist_set_found(&cl, &servers, &who) < 0)
            die("out of memory", NULL);
        if (before) {
            struct probe_answer(*a)[QUERY_COUNT] = calloc(servers.n, sizeof *a);
            if (!a)
                die("out of memory", NULL);
            earlier_answers(&t, servers.n, a);
            if (checklist_add_check(&cl, &t, &servers, (const struct probe_answer(*)[QUERY_COUNT])a,
                                    &who) < 0)
                die("out of memory", NULL);
            checklist_finish_checked_steps(&cl, &who);
            free(a);
        }
        snprintf(path, sizeof path, "%s/ticket-%05ld.json", argv[1], i);
        if (checklist_save(&cl, path, &d) < 0)
            die("save", &d);
        checklist_fini(&cl);
    }
    server_list_fini(&servers);
    return 0;
}
