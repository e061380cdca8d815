/* The ordered DNS server list: the list itself, --servers, the resolver configuration
 * through c-ares, and the Windows texts of tests/samples (English, French pasted without
 * indentation, netsh) plus variants written here (CRLF, German, Spanish, broken input). */
#include "config.h"

/* cmocka.h needs these first, in this order. */
/* clang-format off */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
/* clang-format on */

#include "sample_file.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "diag.h"
#include "servers.h"

/* ---- helpers ---------------------------------------------------------------------------- */

static struct dns_server server_of(const char *ip, unsigned port, const char *source)
{
    struct dns_server s;

    memset(&s, 0, sizeof s);
    assert_int_equal(names_ip_parse(ip, &s.ip, "test", NULL), CD_OK);
    s.port = port;
    snprintf(s.source, sizeof s.source, "%s", source);
    return s;
}

/* "ip" or "ip:port" (server_format()) of each entry, then "@source" when set, joined by
 * spaces: one string to compare exactly. */
static const char *list_text(const struct server_list *l, char *buf, size_t n)
{
    char one[SERVERS_TEXT_SIZE];
    size_t i, len = 0;

    buf[0] = '\0';
    for (i = 0; i < l->n && len < n; i++)
        len += (size_t)snprintf(buf + len, n - len, "%s%s%s%s", i ? " " : "",
                                server_format(&l->v[i], one, sizeof one),
                                l->v[i].source[0] ? "@" : "", l->v[i].source);
    return buf;
}

#define assert_list(l, expected)                                                                   \
    do {                                                                                           \
        char buf_[2048];                                                                           \
        assert_string_equal(list_text((l), buf_, sizeof buf_), (expected));                        \
    } while (0)


/* Imports a sample file into an empty list and checks what was found. */
static void import_sample(const char *name, enum servers_text_kind kind, size_t adapters,
                          const char *expected)
{
    struct servers_import rep;
    struct server_list l;
    struct cd_diag d;
    char *text = read_sample(name);

    server_list_init(&l);
    assert_int_equal(servers_import_text(text, &l, &rep, &d), CD_OK);
    assert_list(&l, expected);
    assert_int_equal(rep.kind, kind);
    assert_int_equal(rep.adapters, adapters);
    assert_int_equal(rep.lines_unread, 0);
    server_list_fini(&l);
    free(text);
}

/* ---- the list --------------------------------------------------------------------------- */

static void list_add_keeps_the_first_of_a_repeated_address_and_port(void **state)
{
    struct dns_server a = server_of("192.0.2.1", 53, "Public");
    struct dns_server again = server_of("192.0.2.1", 53, "Private");
    struct dns_server other_port = server_of("192.0.2.1", 5353, "");
    struct server_list l;
    struct cd_diag d;

    (void)state;
    server_list_init(&l);
    assert_int_equal(server_list_add(&l, &a, &d), CD_OK);
    assert_int_equal(server_list_add(&l, &again, &d), CD_OK);
    assert_int_equal(server_list_add(&l, &other_port, &d), CD_OK);
    assert_list(&l, "192.0.2.1@Public 192.0.2.1:5353");
    server_list_fini(&l);
    assert_null(l.v);
    assert_int_equal(l.n, 0);
}

static void list_add_refuses_past_servers_max(void **state)
{
    struct server_list l;
    struct dns_server s;
    struct cd_diag d;
    char ip[32];
    unsigned i;

    (void)state;
    server_list_init(&l);
    for (i = 0; i < SERVERS_MAX; i++) {
        snprintf(ip, sizeof ip, "192.0.2.%u", i + 1);
        s = server_of(ip, 53, "");
        assert_int_equal(server_list_add(&l, &s, &d), CD_OK);
    }
    s = server_of("198.51.100.1", 53, "");
    assert_int_equal(server_list_add(&l, &s, &d), CD_EINVAL);
    assert_int_equal(d.code, CD_EINVAL);
    assert_string_equal(d.field, "DNS servers");
    assert_non_null(d.fmt);
    assert_string_equal(d.arg1, "64");
    assert_int_equal(l.n, SERVERS_MAX);
    s = server_of("192.0.2.1", 53, ""); /* a repeat still adds nothing, without error */
    assert_int_equal(server_list_add(&l, &s, &d), CD_OK);
    server_list_fini(&l);
}

static void list_of(struct server_list *l, const char *csv)
{
    server_list_init(l);
    assert_int_equal(servers_parse_list(csv, l, NULL), CD_OK);
}

static void list_remove_closes_the_gap_and_ignores_bad_index(void **state)
{
    struct server_list l;

    (void)state;
    list_of(&l, "192.0.2.1,192.0.2.2,192.0.2.3");
    server_list_remove(&l, 1);
    assert_list(&l, "192.0.2.1 192.0.2.3");
    server_list_remove(&l, 2);
    assert_list(&l, "192.0.2.1 192.0.2.3");
    server_list_remove(&l, 1);
    assert_list(&l, "192.0.2.1");
    server_list_fini(&l);
}

static void list_move_shifts_the_others_in_order(void **state)
{
    struct server_list l;

    (void)state;
    list_of(&l, "192.0.2.1,192.0.2.2,192.0.2.3,192.0.2.4");
    server_list_move(&l, 0, 2);
    assert_list(&l, "192.0.2.2 192.0.2.3 192.0.2.1 192.0.2.4");
    server_list_move(&l, 3, 0);
    assert_list(&l, "192.0.2.4 192.0.2.2 192.0.2.3 192.0.2.1");
    server_list_move(&l, 1, 4); /* out of range: nothing */
    server_list_move(&l, 2, 2);
    assert_list(&l, "192.0.2.4 192.0.2.2 192.0.2.3 192.0.2.1");
    server_list_fini(&l);
}

static void list_copy_is_independent_of_its_source(void **state)
{
    struct server_list a, b;

    (void)state;
    list_of(&a, "192.0.2.1,192.0.2.2");
    list_of(&b, "198.51.100.9");
    assert_int_equal(server_list_copy(&b, &a), CD_OK);
    server_list_remove(&a, 0);
    assert_list(&b, "192.0.2.1 192.0.2.2");
    server_list_fini(&a);
    assert_int_equal(server_list_copy(&b, &a), CD_OK);
    assert_int_equal(b.n, 0);
    server_list_fini(&b);
}

static void format_leaves_out_port_53_and_brackets_ipv6_with_a_port(void **state)
{
    char buf[SERVERS_TEXT_SIZE];
    struct dns_server s;

    (void)state;
    s = server_of("192.0.2.1", 53, "");
    assert_string_equal(server_format(&s, buf, sizeof buf), "192.0.2.1");
    s = server_of("192.0.2.1", 5353, "");
    assert_string_equal(server_format(&s, buf, sizeof buf), "192.0.2.1:5353");
    s = server_of("2001:db8::1", 5353, "");
    assert_string_equal(server_format(&s, buf, sizeof buf), "[2001:db8::1]:5353");
    s = server_of("2001:db8::1", 53, "");
    assert_string_equal(server_format(&s, buf, sizeof buf), "2001:db8::1");
    /* the longest text inet_ntop gives, with the longest port, fits SERVERS_TEXT_SIZE */
    s = server_of("ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe", 65535, "");
    assert_string_equal(server_format(&s, buf, sizeof buf),
                        "[ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe]:65535");
}

/* ---- --servers ---------------------------------------------------------------------------- */

static void parse_one_reads_each_written_form(void **state)
{
    static const struct {
        const char *text, *ip;
        unsigned port;
    } cases[] = {
        {"192.0.2.1", "192.0.2.1", 53},
        {"192.0.2.1:5353", "192.0.2.1", 5353},
        {"127.0.0.1:1", "127.0.0.1", 1},
        {"127.0.0.1:65535", "127.0.0.1", 65535},
        {"[2001:db8::1]:5353", "2001:db8::1", 5353},
        {"[2001:DB8::1]", "2001:db8::1", 53},
        {"2001:db8::1", "2001:db8::1", 53},
        {"::1", "::1", 53},
        {"192.0.2.1:053", "192.0.2.1", 53},
    };
    struct dns_server s;
    struct cd_diag d;
    size_t i;

    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        if (servers_parse_one(cases[i].text, &s, &d) != CD_OK)
            fail_msg("%s was rejected: %s", cases[i].text, d.fmt);
        assert_string_equal(s.ip.text, cases[i].ip);
        assert_int_equal(s.port, cases[i].port);
        assert_string_equal(s.source, "");
    }
}

static void parse_one_rejects_ports_outside_1_to_65535_in_decimal(void **state)
{
    const char *bad[] = {
        "192.0.2.1:0",   "192.0.2.1:65536", "192.0.2.1:0x35", "192.0.2.1:-1",
        "192.0.2.1:+53", "192.0.2.1:",      "192.0.2.1: 53",  "[2001:db8::1]:99999"};
    struct cd_diag d;
    size_t i;

    (void)state;
    for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(servers_parse_one(bad[i], NULL, &d), CD_EINVAL);
        assert_string_equal(d.field, "DNS server");
        assert_non_null(strstr(d.fmt, "from 1 to 65535"));
        assert_string_equal(d.arg1, bad[i]);
    }
}

static void parse_one_rejects_bad_brackets(void **state)
{
    struct cd_diag d;

    (void)state;
    assert_int_equal(servers_parse_one("[192.0.2.1]:53", NULL, &d), CD_EINVAL);
    assert_non_null(strstr(d.fmt, "IPv4 address in brackets"));
    assert_int_equal(servers_parse_one("[2001:db8::1:53", NULL, &d), CD_EINVAL);
    assert_non_null(strstr(d.fmt, "without closing"));
    assert_int_equal(servers_parse_one("[2001:db8::1]5353", NULL, &d), CD_EINVAL);
    assert_non_null(strstr(d.fmt, "text after"));
    assert_int_equal(servers_parse_one(":53", NULL, &d), CD_EINVAL);
    assert_non_null(strstr(d.fmt, "no address"));
}

static void parse_one_rejects_addresses_no_server_can_have(void **state)
{
    static const struct {
        const char *text, *rule;
    } cases[] = {
        {"0.0.0.0", "unspecified"},
        {"[::]:53", "unspecified"},
        {"224.0.0.251", "multicast"},
        {"ff02::fb", "multicast"},
        {"255.255.255.255", "broadcast"},
        {"dns.fabrikam.local", "not an IPv4 address"},
        {"192.0.2.256:53", "not an IPv4 address"},
    };
    struct cd_diag d;
    size_t i;

    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        assert_int_equal(servers_parse_one(cases[i].text, NULL, &d), CD_EINVAL);
        assert_string_equal(d.field, "DNS server");
        if (!strstr(d.fmt, cases[i].rule))
            fail_msg("%s: \"%s\" is not about \"%s\"", cases[i].text, d.fmt, cases[i].rule);
    }
}

static void parse_list_keeps_order_ports_and_ipv6(void **state)
{
    struct server_list l;
    struct cd_diag d;

    (void)state;
    server_list_init(&l);
    assert_int_equal(servers_parse_list("192.0.2.1, 198.51.100.1:5353 ,[2001:db8::1]:53,"
                                        "2001:db8::2,127.0.0.1:5300",
                                        &l, &d),
                     CD_OK);
    assert_list(&l, "192.0.2.1 198.51.100.1:5353 2001:db8::1 2001:db8::2 127.0.0.1:5300");
    server_list_fini(&l);
}

static void parse_list_appends_and_drops_repeats(void **state)
{
    struct server_list l;
    struct cd_diag d;

    (void)state;
    list_of(&l, "192.0.2.1");
    assert_int_equal(servers_parse_list("192.0.2.2,192.0.2.1:53,192.0.2.2", &l, &d), CD_OK);
    assert_list(&l, "192.0.2.1 192.0.2.2");
    server_list_fini(&l);
}

static void parse_list_names_the_position_of_an_empty_entry(void **state)
{
    const char *csv[] = {"192.0.2.1,,192.0.2.2", "192.0.2.1, 192.0.2.2, ", ",192.0.2.1"};
    const char *pos[] = {"2", "3", "1"};
    const char *where[] = {"dns_servers[1]", "dns_servers[2]", "dns_servers[0]"};
    struct server_list l;
    struct cd_diag d;
    size_t i;

    (void)state;
    for (i = 0; i < 3; i++) {
        list_of(&l, "198.51.100.9");
        assert_int_equal(servers_parse_list(csv[i], &l, &d), CD_EINVAL);
        assert_string_equal(d.field, "DNS servers");
        assert_non_null(strstr(d.fmt, "entry %1$s is empty"));
        assert_string_equal(d.arg1, pos[i]);
        assert_string_equal(d.where, where[i]);
        assert_list(&l, "198.51.100.9"); /* nothing of the bad list is kept */
        server_list_fini(&l);
    }
}

static void parse_list_reports_a_bad_entry_with_its_text_and_index(void **state)
{
    struct server_list l;
    struct cd_diag d;

    (void)state;
    server_list_init(&l);
    assert_int_equal(servers_parse_list("192.0.2.1, 192.0.2.300 ,192.0.2.3", &l, &d), CD_EINVAL);
    assert_string_equal(d.field, "DNS server");
    assert_string_equal(d.where, "dns_servers[1]");
    assert_string_equal(d.arg1, "192.0.2.300");
    assert_int_equal(l.n, 0);
    assert_int_equal(servers_parse_list("192.0.2.1,192.0.2.2:0", &l, &d), CD_EINVAL);
    assert_string_equal(d.arg1, "192.0.2.2:0");
    assert_string_equal(d.arg2, "0");
    server_list_fini(&l);
}

static void parse_list_rejects_an_empty_list(void **state)
{
    struct server_list l;
    struct cd_diag d;

    (void)state;
    server_list_init(&l);
    assert_int_equal(servers_parse_list("", &l, &d), CD_EINVAL);
    assert_string_equal(d.field, "DNS servers");
    assert_int_equal(servers_parse_list("  ", &l, &d), CD_EINVAL);
    assert_int_equal(servers_parse_list(NULL, &l, &d), CD_EINVAL);
    server_list_fini(&l);
}

/* ---- the resolver configuration ------------------------------------------------------------ */

/* Writes text to a new temporary file; path receives its name. */
static void write_temp(char *path, size_t n, const char *text)
{
    int fd;

    snprintf(path, n, "%s/clusterdns-resolv-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
}

static void resolver_lists_nameservers_in_file_order(void **state)
{
    char path[4096];
    struct server_list l;
    struct cd_diag d;

    (void)state;
    write_temp(path, sizeof path,
               "# fixture\nsearch fabrikam.local\nnameserver 192.0.2.1\n"
               "nameserver 2001:db8::53\noptions timeout:1\n");
    server_list_init(&l);
    assert_int_equal(servers_from_resolver(path, &l, &d), CD_OK);
    assert_list(&l, "192.0.2.1 2001:db8::53");
    assert_int_equal(l.v[1].ip.family, AF_INET6);
    server_list_fini(&l);
    unlink(path);
}

/* c-ares, like libc, asks 127.0.0.1 when the file names no server. */
static void resolver_without_nameserver_means_loopback(void **state)
{
    char path[4096];
    struct server_list l;
    struct cd_diag d;

    (void)state;
    write_temp(path, sizeof path, "search fabrikam.local\n");
    server_list_init(&l);
    assert_int_equal(servers_from_resolver(path, &l, &d), CD_OK);
    assert_list(&l, "127.0.0.1");
    server_list_fini(&l);
    unlink(path);
}

static void resolver_reports_a_missing_file_instead_of_falling_back(void **state)
{
    const char *path = "/nonexistent/clusterdns/resolv.conf";
    struct server_list l;
    struct cd_diag d;

    (void)state;
    server_list_init(&l);
    assert_int_equal(servers_from_resolver(path, &l, &d), CD_EIO);
    assert_int_equal(d.code, CD_EIO);
    assert_non_null(d.fmt);
    assert_string_equal(d.arg1, path);
    assert_int_equal(l.n, 0);
    server_list_fini(&l);
}

/* ---- Windows text ------------------------------------------------------------------------- */

static void import_ipconfig_win2000_takes_public_servers_in_order(void **state)
{
    (void)state;
    import_sample("ipconfig-all-win2000.txt", SERVERS_TEXT_IPCONFIG, 1,
                  "198.51.100.53@Public 198.51.100.54@Public 172.16.8.5@Public");
}

static void import_ipconfig_pasted_french_without_indentation(void **state)
{
    (void)state;
    /* adapters == 1: "Suffixe DNS propre à la connexion :" is a label, not a header */
    import_sample("ipconfig-all-pasted-fr.txt", SERVERS_TEXT_IPCONFIG, 1,
                  "198.51.100.53@Public 172.16.8.5@Public");
}

static void import_netsh_ip_show_dns(void **state)
{
    (void)state;
    import_sample("netsh-interface-ip-show-dns.txt", SERVERS_TEXT_NETSH, 1,
                  "198.51.100.53@Public 172.16.8.5@Public");
}

static void import_netsh_ipv4_show_dnsservers(void **state)
{
    (void)state;
    import_sample("netsh-interface-ipv4-show-dnsservers.txt", SERVERS_TEXT_NETSH, 1,
                  "192.0.2.53@Local Area Connection 172.16.8.5@Local Area Connection");
}

static void import_reads_crlf_text_with_a_byte_order_mark(void **state)
{
    char *text = read_sample("ipconfig-all-win2000.txt"), *crlf, *o;
    const char *p;
    struct servers_import rep;
    struct server_list l;
    struct cd_diag d;

    (void)state;
    crlf = malloc(2 * strlen(text) + 4);
    assert_non_null(crlf);
    o = crlf + sprintf(crlf, "\xef\xbb\xbf");
    for (p = text; *p; p++) {
        if (*p == '\n')
            *o++ = '\r';
        *o++ = *p;
    }
    *o = '\0';
    server_list_init(&l);
    assert_int_equal(servers_import_text(crlf, &l, &rep, &d), CD_OK);
    assert_list(&l, "198.51.100.53@Public 198.51.100.54@Public 172.16.8.5@Public");
    assert_int_equal(rep.adapters, 1);
    server_list_fini(&l);
    free(crlf);
    free(text);
}

/* Also shows the fallback for a header in a language without a known adapter-type word
 * (Swedish): the whole header names the adapter. */
static void import_drops_the_byte_order_mark_before_the_first_header(void **state)
{
    const char *text = "\xef\xbb\xbf"
                       "Ethernet-kort LAN:\r\n"
                       "   DNS-servrar . . . . . . . . . . . : 192.0.2.1\r\n";
    struct server_list l;
    struct cd_diag d;

    (void)state;
    server_list_init(&l);
    assert_int_equal(servers_import_text(text, &l, NULL, &d), CD_OK);
    assert_list(&l, "192.0.2.1@Ethernet-kort LAN");
    server_list_fini(&l);
}

/* A mail client wrapped the first address below its label. */
static void import_takes_addresses_below_an_empty_dns_servers_label(void **state)
{
    const char *text = "Ethernet adapter Public:\n"
                       "   DNS Servers . . . . . . . . . . . :\n"
                       "192.0.2.1\n"
                       "192.0.2.2\n"
                       "   Primary WINS Server . . . . . . . : 192.0.2.3\n"
                       "192.0.2.4\n";
    struct server_list l;
    struct cd_diag d;

    (void)state;
    server_list_init(&l);
    assert_int_equal(servers_import_text(text, &l, NULL, &d), CD_OK);
    assert_list(&l, "192.0.2.1@Public 192.0.2.2@Public");
    server_list_fini(&l);
}

/* Empty labels end with a colon too: flush ones keep their dot leader, and indented ones
 * (whatever their translation) are never headers. */
static void import_does_not_take_empty_labels_for_adapter_headers(void **state)
{
    const char *flush = "Carte Ethernet Public :\n"
                        "Passerelle par d\xc3\xa9"
                        "faut. . . . . . :\n"
                        "Serveurs DNS. . . . . . . . . . . : 192.0.2.1\n";
    const char *indented = "Ethernet adapter Public:\n"
                           "   Standardgateway:\n"
                           "   DNS Servers . . . . . . . . . . . : 192.0.2.1\n";
    struct servers_import rep;
    struct server_list l;
    struct cd_diag d;

    (void)state;
    server_list_init(&l);
    assert_int_equal(servers_import_text(flush, &l, &rep, &d), CD_OK);
    assert_list(&l, "192.0.2.1@Public");
    assert_int_equal(rep.adapters, 1);
    server_list_fini(&l);
    assert_int_equal(servers_import_text(indented, &l, &rep, &d), CD_OK);
    assert_list(&l, "192.0.2.1@Public");
    assert_int_equal(rep.adapters, 1);
    server_list_fini(&l);
}

static void import_does_not_take_a_quoted_value_for_a_netsh_header(void **state)
{
    const char *text = "Ethernet adapter Public:\n"
                       "   Description . . . . . . . . . . . : Intel \"PRO/100\"\n"
                       "   DNS Servers . . . . . . . . . . . : 192.0.2.1\n";
    struct servers_import rep;
    struct server_list l;
    struct cd_diag d;

    (void)state;
    server_list_init(&l);
    assert_int_equal(servers_import_text(text, &l, &rep, &d), CD_OK);
    assert_list(&l, "192.0.2.1@Public");
    assert_int_equal(rep.kind, SERVERS_TEXT_IPCONFIG);
    assert_int_equal(rep.adapters, 1);
    server_list_fini(&l);
}

static const char german[] =
    "Windows-IP-Konfiguration\n"
    "\n"
    "   Hostname  . . . . . . . . . . . . : KNOTENA\n"
    "   Prim\xc3\xa4res DNS-Suffix . . . . . . . : fabrikam.local\n"
    "\n"
    "Ethernet-Adapter \xc3\x96"
    "ffentlich:\n"
    "\n"
    "   Verbindungsspezifisches DNS-Suffix:\n"
    "   Beschreibung. . . . . . . . . . . : Intel(R) PRO/1000 MT-Netzwerkverbindung\n"
    "   IPv4-Adresse  . . . . . . . . . . : 172.16.8.23(Bevorzugt)\n"
    "   Standardgateway . . . . . . . . . : fe80::1%11\n"
    "                                       172.16.8.1\n"
    "   DNS-Server  . . . . . . . . . . . : 198.51.100.53\n"
    "                                       fec0:0:0:ffff::1%1\n"
    "                                       2001:db8::53\n"
    "   NetBIOS \xc3\xbc"
    "ber TCP/IP . . . . . . . : Aktiviert\n";

static void import_german_ipconfig_with_ipv6_zone_indexes(void **state)
{
    struct servers_import rep;
    struct server_list l;
    struct cd_diag d;

    (void)state;
    server_list_init(&l);
    assert_int_equal(servers_import_text(german, &l, &rep, &d), CD_OK);
    /* the gateway's continuation line is not a DNS server */
    assert_list(&l, "198.51.100.53@\xc3\x96"
                    "ffentlich fec0:0:0:ffff::1@\xc3\x96"
                    "ffentlich "
                    "2001:db8::53@\xc3\x96"
                    "ffentlich");
    assert_int_equal(rep.kind, SERVERS_TEXT_IPCONFIG);
    assert_int_equal(rep.adapters, 1);
    assert_int_equal(rep.lines_unread, 0);
    server_list_fini(&l);
}

static void import_spanish_ipconfig_names_the_adapter_after_its_type(void **state)
{
    const char *text = "Adaptador de Ethernet Conexi\xc3\xb3n de \xc3\xa1rea local:\n"
                       "   Sufijo DNS espec\xc3\xad"
                       "fico para la conexi\xc3\xb3n. . :\n"
                       "   Servidores DNS. . . . . . . . . . . . . . : 192.0.2.53\n"
                       "                                               192.0.2.54\n"
                       "Adaptador de LAN inal\xc3\xa1mbrica Wi-Fi:\n"
                       "   Servidores DNS. . . . . . . . . . . . . . : 198.51.100.53\n";
    struct servers_import rep;
    struct server_list l;
    struct cd_diag d;

    (void)state;
    server_list_init(&l);
    assert_int_equal(servers_import_text(text, &l, &rep, &d), CD_OK);
    assert_list(&l, "192.0.2.53@Conexi\xc3\xb3n de \xc3\xa1rea local "
                    "192.0.2.54@Conexi\xc3\xb3n de \xc3\xa1rea local 198.51.100.53@Wi-Fi");
    assert_int_equal(rep.adapters, 2);
    server_list_fini(&l);
}

static void import_french_netsh_with_guillemets_and_no_break_spaces(void **state)
{
    const char *text = "Configuration pour l'interface \xc2\xab\xc2\xa0"
                       "Connexion au r\xc3\xa9seau local"
                       "\xc2\xa0\xc2\xbb\r\n"
                       "    Serveurs DNS configur\xc3\xa9s statiquement\xc2\xa0:  192.0.2.1\r\n"
                       "                                              192.0.2.2\r\n"
                       "    Enregistrer avec quel suffixe\xc2\xa0:        Principal uniquement\r\n";
    struct servers_import rep;
    struct server_list l;
    struct cd_diag d;

    (void)state;
    server_list_init(&l);
    assert_int_equal(servers_import_text(text, &l, &rep, &d), CD_OK);
    assert_list(&l, "192.0.2.1@Connexion au r\xc3\xa9seau local "
                    "192.0.2.2@Connexion au r\xc3\xa9seau local");
    assert_int_equal(rep.kind, SERVERS_TEXT_NETSH);
    server_list_fini(&l);
}

static void import_keeps_the_first_adapter_of_a_repeated_server(void **state)
{
    const char *text = "Ethernet adapter Public:\n"
                       "   DNS Servers . . . . . . . . . . . : 192.0.2.1\n"
                       "                                       192.0.2.2\n"
                       "Ethernet adapter Private:\n"
                       "   DNS Servers . . . . . . . . . . . : 192.0.2.2\n"
                       "                                       10.0.0.53\n";
    struct server_list l;
    struct cd_diag d;

    (void)state;
    server_list_init(&l);
    assert_int_equal(servers_import_text(text, &l, NULL, &d), CD_OK);
    assert_list(&l, "192.0.2.1@Public 192.0.2.2@Public 10.0.0.53@Private");
    server_list_fini(&l);
}

static void import_counts_address_lines_that_do_not_parse(void **state)
{
    const char *text = "Ethernet adapter Public:\n"
                       "   DNS Servers . . . . . . . . . . . : 198.51.100.300\n"
                       "                                       198.51.100.53\n"
                       "                                       224.0.0.1\n";
    struct servers_import rep;
    struct server_list l;
    struct cd_diag d;

    (void)state;
    server_list_init(&l);
    assert_int_equal(servers_import_text(text, &l, &rep, &d), CD_OK);
    assert_list(&l, "198.51.100.53@Public");
    assert_int_equal(rep.lines_unread, 2);
    assert_string_equal(rep.first_unread, "DNS Servers . . . . . . . . . . . : 198.51.100.300");
    server_list_fini(&l);
}

static void import_without_dns_servers_is_a_format_error(void **state)
{
    const char *texts[] = {"", "hello\nworld\n",
                           "Ethernet adapter Private:\n   DNS Servers . . . . :\n"
                           "   Primary DNS Suffix  . . . . . . . : fabrikam.local\n"};
    struct servers_import rep;
    struct server_list l;
    struct cd_diag d;
    char *cluster = read_sample("cluster-res.txt");
    size_t i;

    (void)state;
    server_list_init(&l);
    for (i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        assert_int_equal(servers_import_text(texts[i], &l, &rep, &d), CD_EFORMAT);
        assert_int_equal(d.code, CD_EFORMAT);
        assert_string_equal(d.field, "Pasted text");
        assert_non_null(strstr(d.fmt, "ipconfig /all"));
    }
    assert_int_equal(servers_import_text(cluster, &l, &rep, &d), CD_EFORMAT);
    assert_int_equal(l.n, 0);
    server_list_fini(&l);
    free(cluster);
}

static void import_with_only_unreadable_addresses_quotes_the_first(void **state)
{
    struct servers_import rep;
    struct server_list l;
    struct cd_diag d;

    (void)state;
    server_list_init(&l);
    assert_int_equal(servers_import_text("DNS Servers . . . : 1.2.3\n", &l, &rep, &d), CD_EFORMAT);
    assert_string_equal(d.arg1, "DNS Servers . . . : 1.2.3");
    assert_int_equal(rep.kind, SERVERS_TEXT_IPCONFIG);
    server_list_fini(&l);
}

static void import_recognises_utf16_text(void **state)
{
    struct server_list l;
    struct cd_diag d;

    (void)state;
    server_list_init(&l);
    assert_int_equal(servers_import_text("\xff\xfe\r", &l, NULL, &d), CD_EFORMAT);
    assert_non_null(strstr(d.fmt, "UTF-16"));
    server_list_fini(&l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(list_add_keeps_the_first_of_a_repeated_address_and_port),
        cmocka_unit_test(list_add_refuses_past_servers_max),
        cmocka_unit_test(list_remove_closes_the_gap_and_ignores_bad_index),
        cmocka_unit_test(list_move_shifts_the_others_in_order),
        cmocka_unit_test(list_copy_is_independent_of_its_source),
        cmocka_unit_test(format_leaves_out_port_53_and_brackets_ipv6_with_a_port),
        cmocka_unit_test(parse_one_reads_each_written_form),
        cmocka_unit_test(parse_one_rejects_ports_outside_1_to_65535_in_decimal),
        cmocka_unit_test(parse_one_rejects_bad_brackets),
        cmocka_unit_test(parse_one_rejects_addresses_no_server_can_have),
        cmocka_unit_test(parse_list_keeps_order_ports_and_ipv6),
        cmocka_unit_test(parse_list_appends_and_drops_repeats),
        cmocka_unit_test(parse_list_names_the_position_of_an_empty_entry),
        cmocka_unit_test(parse_list_reports_a_bad_entry_with_its_text_and_index),
        cmocka_unit_test(parse_list_rejects_an_empty_list),
        cmocka_unit_test(resolver_lists_nameservers_in_file_order),
        cmocka_unit_test(resolver_without_nameserver_means_loopback),
        cmocka_unit_test(resolver_reports_a_missing_file_instead_of_falling_back),
        cmocka_unit_test(import_ipconfig_win2000_takes_public_servers_in_order),
        cmocka_unit_test(import_ipconfig_pasted_french_without_indentation),
        cmocka_unit_test(import_netsh_ip_show_dns),
        cmocka_unit_test(import_netsh_ipv4_show_dnsservers),
        cmocka_unit_test(import_reads_crlf_text_with_a_byte_order_mark),
        cmocka_unit_test(import_drops_the_byte_order_mark_before_the_first_header),
        cmocka_unit_test(import_takes_addresses_below_an_empty_dns_servers_label),
        cmocka_unit_test(import_does_not_take_empty_labels_for_adapter_headers),
        cmocka_unit_test(import_does_not_take_a_quoted_value_for_a_netsh_header),
        cmocka_unit_test(import_german_ipconfig_with_ipv6_zone_indexes),
        cmocka_unit_test(import_spanish_ipconfig_names_the_adapter_after_its_type),
        cmocka_unit_test(import_french_netsh_with_guillemets_and_no_break_spaces),
        cmocka_unit_test(import_keeps_the_first_adapter_of_a_repeated_server),
        cmocka_unit_test(import_counts_address_lines_that_do_not_parse),
        cmocka_unit_test(import_without_dns_servers_is_a_format_error),
        cmocka_unit_test(import_with_only_unreadable_addresses_quotes_the_first),
        cmocka_unit_test(import_recognises_utf16_text),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
