/* remedy: the fix of a checklist's last check as text in each of the six forms, for the KB's
 * scenario (compared byte for byte with tests/golden/<form>.txt), nothing to do, fix_record,
 * servers with ports, several servers, IPv6, translated comments that try to leave their
 * comment, and hostile values, which are refused naming the field before any text is made.
 *
 * `test_remedy --print FORM` writes the KB scenario's text of FORM on standard output (to
 * review a change to a golden file with diff). */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "sample_file.h"

#include "case_fixture.h"
#include "check.h"
#include "checklist.h"
#include "remedy.h"

/* ---- scenarios: check runs of synthetic answers ---------------------------------------- */

#define ISP "198.51.100.53"
#define LOCAL "172.16.8.5"

static void found(struct checklist *cl, const char *csv)
{
    struct server_list l;
    struct cl_who who = {.at = 1795608000};

    fx_servers(&l, csv);
    assert_int_equal(checklist_set_found(cl, &l, &who), CD_OK);
    server_list_fini(&l);
}

/* The Internet provider's DNS first (it says "name does not exist"), then the local DNS,
 * authoritative for fabrikam.local, without the two host records. */
static void kb_scenario(struct checklist *cl)
{
    checklist_init(cl);
    found(cl, ISP "," LOCAL);
    fx_run(cl, ISP "," LOCAL, (const enum fx_kind[]){FX_INTERNET, FX_LOCAL}, 1795608100, NULL);
}

/* The same after the fix: the local DNS first, holding both records. */
static void fixed_scenario(struct checklist *cl)
{
    checklist_init(cl);
    found(cl, LOCAL "," ISP);
    fx_run(cl, LOCAL "," ISP, (const enum fx_kind[]){FX_LOCAL_FULL, FX_INTERNET}, 1795608100,
           NULL);
}

/* A run of csv (kinds), with answer q of server i then changed by the caller: *tweak. */
static struct probe_answer (*answers_of(const struct records_target *t, const char *csv,
                                        const enum fx_kind *kinds, struct server_list *l))[QUERY_COUNT]
{
    static struct probe_answer a[SERVERS_MAX][QUERY_COUNT];

    fx_servers(l, csv);
    for (size_t i = 0; i < l->n; i++)
        fx_answers(t, kinds[i], a[i]);
    return a;
}

static void add_run(struct checklist *cl, const struct records_target *t,
                    const struct server_list *l, struct probe_answer (*a)[QUERY_COUNT])
{
    struct cl_who who = {.at = 1795608200};

    checklist_set_target(cl, t);
    assert_true(checklist_add_check(cl, t, l, (const struct probe_answer(*)[QUERY_COUNT])a,
                                    &who) >= 0);
}

/* ---- helpers ---------------------------------------------------------------------------- */

static char *emit(const struct checklist *cl, enum remedy_form f, const struct remedy_opts *o)
{
    struct cd_diag d = {0};
    char *text = NULL, msg[1024];
    int rc = remedy_emit(cl, f, o, &text, &d);

    if (rc != CD_OK)
        fail_msg("%s: remedy_emit returned %d: %s (at %s)", remedy_form_name(f), rc,
                 diag_format_c(&d, msg, sizeof msg), d.where);
    assert_non_null(text);
    return text;
}

static char *golden_read(const char *form)
{
    char name[64];

    snprintf(name, sizeof name, "%s.txt", form);
    return read_test_file("golden", name);
}

/* Byte for byte; on a difference, the line where it starts, both ways. */
static void assert_golden(const char *form, const char *got)
{
    char *want = golden_read(form);
    size_t i = 0, line = 1, start = 0;

    while (want[i] && want[i] == got[i]) {
        if (want[i] == '\n') {
            line++;
            start = i + 1;
        }
        i++;
    }
    if (want[i] != got[i]) {
        const char *w = want + start, *g = got + start;

        fail_msg("%s differs from tests/golden/%s.txt at line %zu:\n  golden: %.*s\n  made:   %.*s",
                 form, form, line, (int)strcspn(w, "\n"), w, (int)strcspn(g, "\n"), g);
    }
    free(want);
}

static size_t count_lines(const char *s)
{
    size_t n = 0;

    for (; *s; s++)
        n += *s == '\n';
    return n;
}

static size_t occurrences(const char *s, const char *needle)
{
    size_t n = 0;

    for (const char *p = s; (p = strstr(p, needle)) != NULL; p += strlen(needle))
        n++;
    return n;
}

static const char *const comment_of[REMEDY_FORM_COUNT] = {"REM ", "# ", "", "; ", "; ", "REM "};

/* Every line that is not a comment (of a script form) uses only these characters: no
 * shell, cmd.exe or PowerShell metacharacter, no quote but netsh's around the name. */
static void assert_commands_clean(enum remedy_form f, const char *text)
{
    static const char allowed[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                  "0123456789 .-:/=,[]\"\n";
    const char *line = text;

    if (f == REMEDY_NT4)
        return; /* text for a person; its file lines are checked below */
    for (; *line; line += strcspn(line, "\n") + 1) {
        size_t len = strcspn(line, "\n");

        if (strncmp(line, comment_of[f], strlen(comment_of[f])) == 0 || len == 0)
            continue;
        for (size_t i = 0; i < len; i++)
            if (!strchr(allowed, line[i]) || (line[i] == '"' && f != REMEDY_NETSH))
                fail_msg("%s: '%c' in the command line: %.*s", remedy_form_name(f), line[i],
                         (int)len, line);
        if (!line[len])
            break;
    }
}

/* ---- the KB scenario, each form against its golden file --------------------------------- */

static void golden(enum remedy_form f)
{
    struct checklist cl;
    char *text;

    kb_scenario(&cl);
    text = emit(&cl, f, NULL);
    assert_golden(remedy_form_name(f), text);
    assert_commands_clean(f, text);
    free(text);
    checklist_fini(&cl);
}

static void kb_dnscmd_matches_golden(void **state)
{
    (void)state;
    golden(REMEDY_DNSCMD);
}

static void kb_powershell_matches_golden(void **state)
{
    (void)state;
    golden(REMEDY_POWERSHELL);
}

static void kb_nt4_matches_golden(void **state)
{
    (void)state;
    golden(REMEDY_NT4);
}

static void kb_zone_matches_golden(void **state)
{
    (void)state;
    golden(REMEDY_ZONE);
}

static void kb_nsupdate_matches_golden(void **state)
{
    (void)state;
    golden(REMEDY_NSUPDATE);
}

static void kb_netsh_matches_golden(void **state)
{
    (void)state;
    golden(REMEDY_NETSH);
}

static void kb_english_is_the_same_with_an_identity_translation(void **state)
{
    struct remedy_opts o = {.tr = NULL};
    struct checklist cl;

    (void)state;
    kb_scenario(&cl);
    for (int f = 0; f < REMEDY_FORM_COUNT; f++) {
        char *a = emit(&cl, (enum remedy_form)f, NULL), *b = emit(&cl, (enum remedy_form)f, &o);

        assert_string_equal(a, b);
        free(a);
        free(b);
    }
    checklist_fini(&cl);
}

/* ---- forms and names -------------------------------------------------------------------- */

static void form_names_round_trip_and_unknown_is_refused(void **state)
{
    struct checklist cl;
    struct cd_diag d = {0};
    char *text = (char *)"x";

    (void)state;
    for (int f = 0; f < REMEDY_FORM_COUNT; f++)
        assert_int_equal(remedy_form_parse(remedy_form_name((enum remedy_form)f)), f);
    assert_int_equal(remedy_form_parse("bind"), -1);
    assert_int_equal(remedy_form_parse("DNSCMD"), -1);
    assert_int_equal(remedy_form_parse(""), -1);
    assert_int_equal(remedy_form_parse(NULL), -1);
    kb_scenario(&cl);
    assert_int_equal(remedy_emit(&cl, REMEDY_FORM_COUNT, NULL, &text, &d), CD_EINVAL);
    assert_null(text);
    assert_string_equal(d.where, "form");
    checklist_fini(&cl);
}

/* ---- nothing to do ---------------------------------------------------------------------- */

static void nothing_to_do_is_one_comment_line_in_each_form(void **state)
{
    static const char *const want[REMEDY_FORM_COUNT] = {
        "REM Nothing to add: the DNS servers that hold the zone fabrikam.local have both host "
        "records.\n",
        "# Nothing to add: the DNS servers that hold the zone fabrikam.local have both host "
        "records.\n",
        "Nothing to add: the DNS servers that hold the zone fabrikam.local have both host "
        "records.\n",
        "; Nothing to add: the DNS servers that hold the zone fabrikam.local have both host "
        "records.\n",
        "; Nothing to add: the DNS servers that hold the zone fabrikam.local have both host "
        "records.\n",
        "REM The node's DNS server order is already right: nothing to change.\n",
    };
    struct checklist cl;

    (void)state;
    fixed_scenario(&cl);
    for (int f = 0; f < REMEDY_FORM_COUNT; f++) {
        char *text = emit(&cl, (enum remedy_form)f, NULL);

        assert_string_equal(text, want[f]);
        free(text);
    }
    checklist_fini(&cl);
}

static void records_in_place_but_order_wrong_points_to_netsh(void **state)
{
    struct checklist cl;
    char *text;

    (void)state;
    checklist_init(&cl);
    found(&cl, ISP "," LOCAL);
    fx_run(&cl, ISP "," LOCAL, (const enum fx_kind[]){FX_INTERNET, FX_LOCAL_FULL}, 1795608100,
           NULL);
    text = emit(&cl, REMEDY_NSUPDATE, NULL);
    assert_string_equal(text, "; Nothing to add: the DNS servers that hold the zone "
                              "fabrikam.local have both host records.\n"
                              "; The node's DNS server order must change too: clusterdns fix "
                              "--emit netsh\n");
    free(text);
    text = emit(&cl, REMEDY_NETSH, NULL);
    assert_non_null(strstr(text, "netsh interface ip set dns name=\"Local Area Connection\" "
                                 "source=static addr=172.16.8.5 register=none\n"));
    free(text);
    checklist_fini(&cl);
}

/* The fix is the last check's: once a check after the update finds the records, no form
 * says to add them any more, whatever an earlier check found. */
static void after_a_check_that_finds_the_records_no_form_adds_them(void **state)
{
    struct checklist cl;

    (void)state;
    kb_scenario(&cl);
    fx_run(&cl, LOCAL "," ISP, (const enum fx_kind[]){FX_LOCAL_FULL, FX_INTERNET}, 1795608300,
           NULL);
    for (int f = 0; f < REMEDY_FORM_COUNT; f++) {
        char *text = emit(&cl, (enum remedy_form)f, NULL);

        if (strstr(text, "add it") || strstr(text, "RecordAdd") || strstr(text, "update add") ||
            strstr(text, "Add-DnsServer") || strstr(text, "New Host"))
            fail_msg("%s still adds a record:\n%s", remedy_form_name((enum remedy_form)f), text);
        free(text);
    }
    checklist_fini(&cl);
}

static void no_authoritative_server_is_not_called_nothing_to_add(void **state)
{
    struct checklist cl;
    char *text;

    (void)state;
    checklist_init(&cl);
    fx_run(&cl, ISP, (const enum fx_kind[]){FX_INTERNET}, 1795608100, NULL);
    text = emit(&cl, REMEDY_DNSCMD, NULL);
    assert_string_equal(text, "REM Nothing to generate: no listed DNS server answers with "
                              "authority for the zone fabrikam.local; add the local DNS server "
                              "to the node's list and check again.\n");
    free(text);
    checklist_fini(&cl);
}

static void unanswered_record_on_the_local_dns_asks_to_check_again(void **state)
{
    struct checklist cl;
    struct records_target t;
    struct server_list l;
    struct probe_answer (*a)[QUERY_COUNT];
    char *text;

    (void)state;
    checklist_init(&cl);
    fx_target(&t);
    a = answers_of(&t, LOCAL "," ISP, (const enum fx_kind[]){FX_LOCAL_FULL, FX_INTERNET}, &l);
    a[0][QUERY_CLUSTER].outcome = PROBE_SERVFAIL;
    add_run(&cl, &t, &l, a);
    server_list_fini(&l);
    text = emit(&cl, REMEDY_ZONE, NULL);
    assert_string_equal(text, "; Nothing to generate: some host records on the local DNS could "
                              "not be read; check again.\n");
    free(text);
    checklist_fini(&cl);
}

static void unchecked_or_unfinished_checklist_is_refused(void **state)
{
    struct checklist cl;
    struct records_target t;
    struct server_list l;
    struct probe_answer (*a)[QUERY_COUNT];

    (void)state;
    for (int i = 0; i < 2; i++) {
        struct cd_diag d = {0};
        char *text = (char *)"x", msg[512];

        checklist_init(&cl);
        if (i == 1) { /* a check whose first server never answered */
            fx_target(&t);
            a = answers_of(&t, ISP "," LOCAL, (const enum fx_kind[]){FX_INTERNET, FX_LOCAL}, &l);
            a[0][QUERY_EXCHANGE].outcome = PROBE_PENDING;
            a[0][QUERY_CLUSTER].outcome = PROBE_PENDING;
            add_run(&cl, &t, &l, a);
            server_list_fini(&l);
        }
        assert_int_equal(remedy_emit(&cl, REMEDY_DNSCMD, NULL, &text, &d), CD_EINVAL);
        assert_null(text);
        assert_string_equal(d.where, "checks");
        assert_non_null(strstr(diag_format_c(&d, msg, sizeof msg), "Checklist: "));
        checklist_fini(&cl);
    }
}

/* ---- fix_record ------------------------------------------------------------------------- */

/* The local DNS first, both records there, but the Exchange one holding the addresses
 * wrong (as from two answers). */
static void wrong_scenario(struct checklist *cl, size_t n_wrong)
{
    struct records_target t;
    struct server_list l;
    struct probe_answer (*a)[QUERY_COUNT];
    struct cd_diag d;

    checklist_init(cl);
    found(cl, LOCAL "," ISP);
    fx_target(&t);
    a = answers_of(&t, LOCAL "," ISP, (const enum fx_kind[]){FX_LOCAL_FULL, FX_INTERNET}, &l);
    a[0][QUERY_EXCHANGE].n_addrs = n_wrong;
    for (size_t k = 0; k < n_wrong; k++)
        assert_int_equal(names_ip_parse("172.16.8.99", &a[0][QUERY_EXCHANGE].addrs[k], NULL, &d),
                         CD_OK);
    add_run(cl, &t, &l, a);
    server_list_fini(&l);
}

static void fix_record_deletes_the_name_then_adds_it_in_each_form(void **state)
{
    struct checklist cl;
    char *text;

    (void)state;
    wrong_scenario(&cl, 2);

    text = emit(&cl, REMEDY_DNSCMD, NULL);
    assert_non_null(strstr(text, "REM 172.16.8.5 answers for exsrv.fabrikam.local with another "
                                 "address: delete its A records, then add the right one.\n"
                                 "dnscmd 172.16.8.5 /RecordDelete fabrikam.local EXSRV A "
                                 "172.16.8.99 /f\n"
                                 "dnscmd 172.16.8.5 /RecordAdd fabrikam.local EXSRV A "
                                 "172.16.8.31\n"));
    assert_int_equal(occurrences(text, "/RecordDelete"), 1);
    free(text);

    text = emit(&cl, REMEDY_POWERSHELL, NULL);
    assert_non_null(strstr(text, "Remove-DnsServerResourceRecord -ComputerName 172.16.8.5 "
                                 "-ZoneName fabrikam.local -Name EXSRV -RRType A -Force\n"
                                 "Add-DnsServerResourceRecordA -ComputerName 172.16.8.5 "
                                 "-ZoneName fabrikam.local -Name EXSRV -IPv4Address "
                                 "172.16.8.31\n"));
    free(text);

    text = emit(&cl, REMEDY_NSUPDATE, NULL);
    assert_non_null(strstr(text, "update delete exsrv.fabrikam.local. IN A\n"
                                 "update add exsrv.fabrikam.local. 3600 IN A 172.16.8.31\n"));
    free(text);

    text = emit(&cl, REMEDY_ZONE, NULL);
    assert_non_null(strstr(text, "; Delete the A lines of EXSRV first.\n"
                                 "EXSRV            IN  A     172.16.8.31\n"));
    free(text);

    text = emit(&cl, REMEDY_NT4, NULL);
    assert_non_null(strstr(text, " 3. Click the zone fabrikam.local. In its records, right-click "
                                 "each A record of EXSRV\n    that holds another address than "
                                 "172.16.8.31, and click Delete Record.\n"));
    assert_non_null(strstr(text, " 3. In %SystemRoot%\\System32\\Dns\\fabrikam.local.dns, delete "
                                 "the A lines of EXSRV.\n"));
    assert_non_null(strstr(text, "Host Name: EXSRV\n"));
    free(text);
    checklist_fini(&cl);
}

static void fix_record_without_the_wrong_address_says_how_to_find_it(void **state)
{
    struct checklist cl;
    char *text;

    (void)state;
    wrong_scenario(&cl, 0); /* an answer without an address of its type */
    text = emit(&cl, REMEDY_DNSCMD, NULL);
    assert_null(strstr(text, "\ndnscmd 172.16.8.5 /RecordDelete"));
    assert_non_null(strstr(text, "REM The other address is not in the checklist: list the "
                                 "records with\n"
                                 "REM dnscmd 172.16.8.5 /EnumRecords fabrikam.local EXSRV\n"
                                 "REM and delete each wrong one with\n"
                                 "REM dnscmd 172.16.8.5 /RecordDelete fabrikam.local EXSRV A "
                                 "ADDRESS /f\n"
                                 "dnscmd 172.16.8.5 /RecordAdd fabrikam.local EXSRV A "
                                 "172.16.8.31\n"));
    free(text);
    checklist_fini(&cl);
}

/* ---- servers: ports, several, IPv6 -------------------------------------------------------- */

static void server_with_a_port_keeps_it_where_it_can_and_says_so_where_it_cannot(void **state)
{
    struct checklist cl;
    char *text;

    (void)state;
    checklist_init(&cl);
    found(&cl, "127.0.0.1:5301,127.0.0.1:5302");
    fx_run(&cl, "127.0.0.1:5301,127.0.0.1:5302", (const enum fx_kind[]){FX_INTERNET, FX_LOCAL},
           1795608100, NULL);

    text = emit(&cl, REMEDY_NSUPDATE, NULL);
    assert_non_null(strstr(text, "\nserver 127.0.0.1 5302\nzone fabrikam.local\n"));
    assert_non_null(strstr(text, "; 127.0.0.1:5302 has no A record for exsrv.fabrikam.local"));
    free(text);

    text = emit(&cl, REMEDY_DNSCMD, NULL);
    assert_non_null(strstr(text, "REM 127.0.0.1:5302 was checked on port 5302; dnscmd reaches "
                                 "the DNS server by its address alone.\n"));
    assert_non_null(strstr(text, "\ndnscmd 127.0.0.1 /RecordAdd fabrikam.local EXSRV A "
                                 "172.16.8.31\n"));
    free(text);

    text = emit(&cl, REMEDY_NETSH, NULL);
    assert_non_null(strstr(text, "REM 127.0.0.1:5302 answers on port 5302, but Windows asks every "
                                 "DNS server on port 53:\nREM its address is listed anyway.\n"));
    assert_non_null(strstr(text, "REM 127.0.0.1:5301 has the address of a server listed before "
                                 "it: listed once.\n"));
    assert_non_null(strstr(text, "\nnetsh interface ip set dns name=\"Local Area Connection\" "
                                 "source=static addr=127.0.0.1 register=none\n"));
    assert_null(strstr(text, "netsh interface ip add dns"));
    assert_null(strstr(text, "addr=127.0.0.1:"));
    assert_commands_clean(REMEDY_NETSH, text);
    free(text);
    checklist_fini(&cl);
}

static void several_local_servers_get_one_block_each(void **state)
{
    struct checklist cl;
    const char *a, *b;
    char *text;

    (void)state;
    checklist_init(&cl);
    fx_run(&cl, LOCAL ",172.16.8.6", (const enum fx_kind[]){FX_LOCAL, FX_LOCAL}, 1795608100,
           NULL);

    text = emit(&cl, REMEDY_NSUPDATE, NULL);
    assert_int_equal(occurrences(text, "\nsend\n"), 2);
    a = strstr(text, "server 172.16.8.5\nzone fabrikam.local\n");
    b = strstr(text, "server 172.16.8.6\nzone fabrikam.local\n");
    assert_non_null(a);
    assert_non_null(b);
    assert_true(a < b);
    assert_int_equal(occurrences(a, "update add") - occurrences(b, "update add"), 2);
    assert_null(strstr(text, "order must change"));
    free(text);

    text = emit(&cl, REMEDY_NT4, NULL);
    assert_int_equal(occurrences(text, "in DNS Manager:\n"), 2);
    assert_int_equal(occurrences(text, "Click Add Host."), 4);
    assert_int_equal(occurrences(text, " Click Done.\n"), 2);
    free(text);
    checklist_fini(&cl);
}

static void ipv6_records_and_servers_use_their_own_commands(void **state)
{
    struct checklist cl;
    struct records_target t;
    struct server_list l;
    struct probe_answer (*a)[QUERY_COUNT];
    struct cd_diag d;
    char *text;

    (void)state;
    checklist_init(&cl);
    found(&cl, ISP ",[2001:db8::53]:5353");
    assert_int_equal(check_target_set(&t, "fabrikam.local", "EXSRV", "2001:db8::31", "CLUSTER1",
                                      "172.16.8.30", &d),
                     CD_OK);
    a = answers_of(&t, ISP ",[2001:db8::53]:5353", (const enum fx_kind[]){FX_INTERNET, FX_LOCAL},
                   &l);
    add_run(&cl, &t, &l, a);
    server_list_fini(&l);

    text = emit(&cl, REMEDY_POWERSHELL, NULL);
    assert_non_null(strstr(text, "\nAdd-DnsServerResourceRecordAAAA -ComputerName 2001:db8::53 "
                                 "-ZoneName fabrikam.local -Name EXSRV -IPv6Address "
                                 "2001:db8::31\n"));
    free(text);
    text = emit(&cl, REMEDY_NSUPDATE, NULL);
    assert_non_null(strstr(text, "\nserver 2001:db8::53 5353\n"));
    assert_non_null(strstr(text, "\nupdate add exsrv.fabrikam.local. 3600 IN AAAA 2001:db8::31\n"));
    free(text);
    text = emit(&cl, REMEDY_NT4, NULL);
    assert_non_null(strstr(text, "click New Record..., choose AAAA Record"));
    free(text);
    text = emit(&cl, REMEDY_NETSH, NULL);
    assert_non_null(strstr(text, "\nnetsh interface ipv6 add dnsserver name=\"Local Area "
                                 "Connection\" address=2001:db8::53 index=1\n"
                                 "netsh interface ip set dns name=\"Local Area Connection\" "
                                 "source=static addr=198.51.100.53 register=none\n"));
    free(text);
    checklist_fini(&cl);
}

static void the_connection_name_is_an_option(void **state)
{
    struct remedy_opts o = {.interface = "LAN-Verbindung 2"};
    struct checklist cl;
    char *text;

    (void)state;
    kb_scenario(&cl);
    text = emit(&cl, REMEDY_NETSH, &o);
    assert_non_null(strstr(text, "REM  2. Right-click LAN-Verbindung 2, and then click "
                                 "Properties.\n"));
    assert_non_null(strstr(text, "\nnetsh interface ip add dns name=\"LAN-Verbindung 2\" "
                                 "addr=198.51.100.53 index=2\n"));
    assert_null(strstr(text, "Local Area Connection"));
    free(text);
    checklist_fini(&cl);
}

/* Servers read from a German 'ipconfig /all' carry their adapter's name: netsh uses it. */
static void the_connection_name_comes_from_the_imported_servers(void **state)
{
    struct remedy_opts o = {.interface = NULL};
    struct checklist cl;
    char *text;

    (void)state;
    kb_scenario(&cl);
    for (size_t i = 0; i < cl.found.n; i++)
        snprintf(cl.found.v[i].source, sizeof cl.found.v[i].source, "%s", "LAN-Verbindung");
    text = emit(&cl, REMEDY_NETSH, &o);
    assert_non_null(strstr(text, "\nnetsh interface ip add dns name=\"LAN-Verbindung\" "
                                 "addr=198.51.100.53 index=2\n"));
    assert_null(strstr(text, "Local Area Connection"));
    free(text);
    /* Two adapters: the operator says which (--interface); until then, the default. */
    snprintf(cl.found.v[0].source, sizeof cl.found.v[0].source, "%s", "Public");
    text = emit(&cl, REMEDY_NETSH, &o);
    assert_non_null(strstr(text, "name=\"Local Area Connection\""));
    free(text);
    /* A name netsh would not take is not used either. */
    for (size_t i = 0; i < cl.found.n; i++)
        snprintf(cl.found.v[i].source, sizeof cl.found.v[i].source, "%s", "LAN\"&calc");
    text = emit(&cl, REMEDY_NETSH, &o);
    assert_non_null(strstr(text, "name=\"Local Area Connection\""));
    free(text);
    checklist_fini(&cl);
}

/* ---- translations cannot leave their comment ---------------------------------------------- */

static const char *hostile_translation(const char *msgid)
{
    (void)msgid;
    return "Zeile eins %1$s\n& calc | %PATH% ^\r\n<x> !y! %% `z` $(id)";
}

static void translated_text_stays_inside_comments(void **state)
{
    struct remedy_opts o = {.tr = hostile_translation};
    struct checklist cl;

    (void)state;
    kb_scenario(&cl);
    for (int f = 0; f < REMEDY_FORM_COUNT; f++) {
        char *text = emit(&cl, (enum remedy_form)f, &o);
        const char *line = text;

        assert_null(strchr(text, '\r'));
        assert_commands_clean((enum remedy_form)f, text);
        for (; *line; line += strcspn(line, "\n") + 1) {
            size_t len = strcspn(line, "\n");
            bool comment = f != REMEDY_NT4 && strncmp(line, comment_of[f], strlen(comment_of[f])) == 0;

            if (comment && (f == REMEDY_DNSCMD || f == REMEDY_NETSH))
                for (size_t i = 0; i < len; i++)
                    if (strchr("%^&|<>!", line[i]))
                        fail_msg("%s: '%c' in a REM line: %.*s", remedy_form_name((enum remedy_form)f),
                                 line[i], (int)len, line);
            if (!line[len])
                break;
        }
        /* The commands themselves are still there, in English. */
        if (f == REMEDY_DNSCMD)
            assert_non_null(strstr(text, "\ndnscmd 172.16.8.5 /RecordAdd fabrikam.local EXSRV A "
                                         "172.16.8.31\n"));
        if (f == REMEDY_NSUPDATE)
            assert_non_null(strstr(text, "\nupdate add cluster1.fabrikam.local. 3600 IN A "
                                         "172.16.8.30\nsend\n"));
        if (f == REMEDY_NSUPDATE)
            assert_non_null(strstr(text, "; Zeile eins 172.16.8.5\n; & calc | %PATH% ^?\n; <x> "
                                         "!y! % `z` $(id)\n"));
        free(text);
    }
    checklist_fini(&cl);
}

/* ---- hostile values: refused before any text, naming the field ---------------------------- */

enum target { T_ZONE, T_SERVER, T_NAME, T_VALUE, T_INTERFACE };

struct hostile {
    enum target target;
    const char *value;
    const char *where;
    const char *field; /* the start of the message */
};

/* The model is typed and a loaded file's values checked, but remedy checks each value again
 * before it puts it in a command: a checklist changed in memory cannot get one through. */
static const struct hostile hostile_values[] = {
    {T_ZONE, "fabrikam.local;calc", "checks[0].zone", "Zone: "},
    {T_ZONE, "fabrikam.local\" & calc & \"", "checks[0].zone", "Zone: "},
    {T_ZONE, "fab&rikam.local", "checks[0].zone", "Zone: "},
    {T_ZONE, "fabrikam.local\nrm -rf /", "checks[0].zone", "Zone: "},
    {T_ZONE, "$(reboot).local", "checks[0].zone", "Zone: "},
    {T_ZONE, "`reboot`.local", "checks[0].zone", "Zone: "},
    {T_ZONE, "fabrikam.local|calc", "checks[0].zone", "Zone: "},
    {T_ZONE, "%COMSPEC%.local", "checks[0].zone", "Zone: "},
    {T_NAME, "exsrv;calc", "checks[0].exchange.name", "Record name: "},
    {T_NAME, "$(calc)", "checks[0].exchange.name", "Record name: "},
    {T_NAME, "exsrv\"", "checks[0].exchange.name", "Record name: "},
    {T_NAME, "exsrv\n", "checks[0].exchange.name", "Record name: "},
    {T_NAME, "ex srv", "checks[0].exchange.name", "Record name: "},
    {T_NAME, "exsrv.contoso", "checks[0].exchange.name", "Record name: "},
    {T_NAME, "", "checks[0].exchange.name", "Record name: "},
    {T_SERVER, "172.16.8.5 & calc", "checks[0].servers[1].address", "DNS server: "},
    {T_SERVER, "172.16.8.5;calc", "checks[0].servers[1].address", "DNS server: "},
    {T_SERVER, "172.16.8.5\n", "checks[0].servers[1].address", "DNS server: "},
    {T_SERVER, "$(calc)", "checks[0].servers[1].address", "DNS server: "},
    {T_SERVER, "dns.fabrikam.local", "checks[0].servers[1].address", "DNS server: "},
    {T_SERVER, "", "checks[0].servers[1].address", "DNS server: "},
    {T_VALUE, "172.16.8.31;shutdown", "checks[0].exchange.ip", "Record address: "},
    {T_VALUE, "172.16.8.31\"", "checks[0].exchange.ip", "Record address: "},
    {T_VALUE, "172.16.8.31 & calc", "checks[0].exchange.ip", "Record address: "},
    {T_VALUE, "127.0.0.1", "checks[0].exchange.ip", "Record address: "},
    {T_INTERFACE, "Local Area Connection\" & calc & \"", "interface", "Network connection: "},
    {T_INTERFACE, "LAN%PATH%", "interface", "Network connection: "},
    {T_INTERFACE, "LAN^", "interface", "Network connection: "},
    {T_INTERFACE, "LAN|calc", "interface", "Network connection: "},
    {T_INTERFACE, "LAN<in", "interface", "Network connection: "},
    {T_INTERFACE, "LAN>out", "interface", "Network connection: "},
    {T_INTERFACE, "LAN!x!", "interface", "Network connection: "},
    {T_INTERFACE, "LAN $(calc)", "interface", "Network connection: "},
    {T_INTERFACE, "LAN `calc`", "interface", "Network connection: "},
    {T_INTERFACE, "LAN'x", "interface", "Network connection: "},
    {T_INTERFACE, "LAN\nnetsh", "interface", "Network connection: "},
    {T_INTERFACE, "LAN\xc3", "interface", "Network connection: "},
    {T_INTERFACE, "LAN\xc2\x85", "interface", "Network connection: "},
};

static void hostile_values_are_refused_naming_the_field_in_every_form(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof hostile_values / sizeof *hostile_values; i++) {
        const struct hostile *h = &hostile_values[i];
        struct remedy_opts o = {0};
        struct checklist cl;
        struct records_target *t;

        kb_scenario(&cl);
        t = &cl.runs[0].target;
        switch (h->target) {
        case T_ZONE: snprintf(t->zone, sizeof t->zone, "%s", h->value); break;
        case T_SERVER:
            snprintf(cl.runs[0].servers.v[1].ip.text, sizeof cl.runs[0].servers.v[1].ip.text, "%s",
                     h->value);
            break;
        case T_NAME: snprintf(t->name[HOST_EXCHANGE], sizeof t->name[0], "%s", h->value); break;
        case T_VALUE:
            snprintf(t->ip[HOST_EXCHANGE].text, sizeof t->ip[0].text, "%s", h->value);
            break;
        case T_INTERFACE: o.interface = h->value; break;
        }
        for (int f = 0; f < REMEDY_FORM_COUNT; f++) {
            struct cd_diag d = {0};
            char *text = (char *)"x", msg[1024];

            if (remedy_emit(&cl, (enum remedy_form)f, &o, &text, &d) != CD_EINVAL)
                fail_msg("%s: '%s' was not refused", remedy_form_name((enum remedy_form)f),
                         h->value);
            assert_null(text);
            if (strcmp(d.where, h->where) != 0)
                fail_msg("'%s': at \"%s\", not \"%s\"", h->value, d.where, h->where);
            diag_format_c(&d, msg, sizeof msg);
            if (strncmp(msg, h->field, strlen(h->field)) != 0)
                fail_msg("'%s': the message does not name the field %s: %s", h->value, h->field,
                         msg);
        }
        if (h->target == T_INTERFACE)
            assert_int_equal(remedy_interface(h->value, NULL), CD_EINVAL);
        checklist_fini(&cl);
    }
}

static void ordinary_connection_names_are_accepted(void **state)
{
    static const char *const ok[] = {"Local Area Connection", "Local Area Connection 2",
                                     "LAN-Verbindung", "Connexion au r\xc3\xa9seau local",
                                     "Ethernet (Team #1)", "Public, Cluster [heartbeat]"};
    struct cd_diag d = {0};

    (void)state;
    for (size_t i = 0; i < sizeof ok / sizeof *ok; i++)
        assert_int_equal(remedy_interface(ok[i], &d), CD_OK);
    assert_int_equal(remedy_interface("", &d), CD_EINVAL);
    assert_int_equal(remedy_interface(NULL, &d), CD_EINVAL);
}

static void a_refused_value_leaves_no_text_behind(void **state)
{
    struct checklist cl;
    struct cd_diag d = {0};
    char *text = (char *)"x";
    struct records_target *t;

    (void)state;
    kb_scenario(&cl);
    /* The last record is bad: nothing of the good one before it comes out. */
    t = &cl.runs[0].target;
    snprintf(t->ip[HOST_CLUSTER].text, sizeof t->ip[0].text, "172.16.8.32;calc");
    assert_int_equal(remedy_emit(&cl, REMEDY_DNSCMD, NULL, &text, &d), CD_EINVAL);
    assert_null(text);
    assert_string_equal(d.where, "checks[0].cluster.ip");
    checklist_fini(&cl);
}

static void every_line_of_every_form_ends_with_a_new_line(void **state)
{
    struct checklist cl;

    (void)state;
    kb_scenario(&cl);
    for (int f = 0; f < REMEDY_FORM_COUNT; f++) {
        char *text = emit(&cl, (enum remedy_form)f, NULL);
        size_t len = strlen(text);

        assert_true(len > 0 && text[len - 1] == '\n');
        assert_true(count_lines(text) >= 2);
        /* nsupdate takes an empty line for "send": none in any script form */
        if (f != REMEDY_NT4)
            assert_null(strstr(text, "\n\n"));
        free(text);
    }
    checklist_fini(&cl);
}

/* ---- --print FORM -------------------------------------------------------------------------- */

static int print_form(const char *name)
{
    int f = remedy_form_parse(name);
    struct checklist cl;
    struct cd_diag d = {0};
    char *text = NULL;

    if (f < 0) {
        fprintf(stderr, "test_remedy: unknown form '%s'\n", name);
        return 2;
    }
    kb_scenario(&cl);
    if (remedy_emit(&cl, (enum remedy_form)f, NULL, &text, &d) < 0)
        return 1;
    fputs(text, stdout);
    free(text);
    checklist_fini(&cl);
    return 0;
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(kb_dnscmd_matches_golden),
        cmocka_unit_test(kb_powershell_matches_golden),
        cmocka_unit_test(kb_nt4_matches_golden),
        cmocka_unit_test(kb_zone_matches_golden),
        cmocka_unit_test(kb_nsupdate_matches_golden),
        cmocka_unit_test(kb_netsh_matches_golden),
        cmocka_unit_test(kb_english_is_the_same_with_an_identity_translation),
        cmocka_unit_test(form_names_round_trip_and_unknown_is_refused),
        cmocka_unit_test(nothing_to_do_is_one_comment_line_in_each_form),
        cmocka_unit_test(records_in_place_but_order_wrong_points_to_netsh),
        cmocka_unit_test(after_a_check_that_finds_the_records_no_form_adds_them),
        cmocka_unit_test(no_authoritative_server_is_not_called_nothing_to_add),
        cmocka_unit_test(unanswered_record_on_the_local_dns_asks_to_check_again),
        cmocka_unit_test(unchecked_or_unfinished_checklist_is_refused),
        cmocka_unit_test(fix_record_deletes_the_name_then_adds_it_in_each_form),
        cmocka_unit_test(fix_record_without_the_wrong_address_says_how_to_find_it),
        cmocka_unit_test(server_with_a_port_keeps_it_where_it_can_and_says_so_where_it_cannot),
        cmocka_unit_test(several_local_servers_get_one_block_each),
        cmocka_unit_test(ipv6_records_and_servers_use_their_own_commands),
        cmocka_unit_test(the_connection_name_is_an_option),
        cmocka_unit_test(the_connection_name_comes_from_the_imported_servers),
        cmocka_unit_test(translated_text_stays_inside_comments),
        cmocka_unit_test(hostile_values_are_refused_naming_the_field_in_every_form),
        cmocka_unit_test(ordinary_connection_names_are_accepted),
        cmocka_unit_test(a_refused_value_leaves_no_text_behind),
        cmocka_unit_test(every_line_of_every_form_ends_with_a_new_line),
    };

    if (argc == 3 && strcmp(argv[1], "--print") == 0)
        return print_form(argv[2]);
    return cmocka_run_group_tests(tests, NULL, NULL);
}
