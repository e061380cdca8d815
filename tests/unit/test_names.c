/* Names and addresses of the cluster resources: every rule accepts its boundary and
 * rejects one step past it, with a message that names the field and the rule. */
#include "config.h"

/* cmocka.h needs these first, in this order. */
/* clang-format off */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
/* clang-format on */

#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "diag.h"
#include "names.h"

#define FIELD "Exchange network name"

/* A macro, not a function, so that cmocka reports the test's own line. */
#define assert_rejected(rc, d, rule)                                                               \
    do {                                                                                           \
        assert_int_equal((rc), CD_EINVAL);                                                         \
        assert_int_equal((d).code, CD_EINVAL);                                                     \
        assert_non_null((d).field);                                                                \
        assert_string_equal((d).field, FIELD);                                                     \
        assert_non_null((d).fmt);                                                                  \
        if (!strstr((d).fmt, (rule)))                                                              \
            fail_msg("message \"%s\" is not about \"%s\"", (d).fmt, (rule));                       \
    } while (0)

/* A string of n copies of c. */
static const char *repeat(char *buf, char c, size_t n)
{
    memset(buf, c, n);
    buf[n] = '\0';
    return buf;
}

/* ---- NetBIOS names ---------------------------------------------------------------------- */

static void netbios_accepts_letters_digits_and_inner_hyphens(void **state)
{
    const char *ok[] = {"EXCH01", "a", "Exch-Cluster", "1a", "a1", "1-2", "X-9-Y"};
    struct cd_diag d;
    size_t i;

    (void)state;
    for (i = 0; i < sizeof ok / sizeof ok[0]; i++)
        assert_int_equal(names_netbios(ok[i], FIELD, &d), CD_OK);
}

static void netbios_accepts_15_characters_and_rejects_16(void **state)
{
    char name[32];
    struct cd_diag d;

    (void)state;
    assert_int_equal(names_netbios(repeat(name, 'A', 15), FIELD, &d), CD_OK);
    assert_rejected(names_netbios(repeat(name, 'A', 16), FIELD, &d), d, "at most 15");
    assert_string_equal(d.arg1, "16");
}

static void netbios_requires_a_name(void **state)
{
    struct cd_diag d;

    (void)state;
    assert_rejected(names_netbios("", FIELD, &d), d, "is required");
    assert_rejected(names_netbios(NULL, FIELD, &d), d, "is required");
}

static void netbios_rejects_each_netbios_forbidden_character(void **state)
{
    const char *bad = "\\/:*?\"<>|";
    char name[8], shown[2] = "";
    struct cd_diag d;

    (void)state;
    for (; *bad; bad++) {
        snprintf(name, sizeof name, "ab%cd", *bad);
        shown[0] = *bad;
        assert_rejected(names_netbios(name, FIELD, &d), d, "not allowed in a NetBIOS name");
        assert_string_equal(d.arg1, shown);
        assert_string_equal(d.arg2, "3");
    }
}

static void netbios_rejects_control_characters_shown_as_code_points(void **state)
{
    struct cd_diag d;

    (void)state;
    assert_rejected(names_netbios("ab\tc", FIELD, &d), d, "not allowed in a NetBIOS name");
    assert_string_equal(d.arg1, "U+0009");
    assert_string_equal(d.arg2, "3");
}

static void netbios_rejects_characters_netbios_allows_but_dns_does_not(void **state)
{
    const char *bad = ",~!@#$%^&'(){}_+=[];`";
    char name[8], shown[2] = "";
    struct cd_diag d;

    (void)state;
    for (; *bad; bad++) {
        snprintf(name, sizeof name, "a%cb", *bad);
        shown[0] = *bad;
        assert_rejected(names_netbios(name, FIELD, &d), d,
                        "allowed in NetBIOS but not in a DNS host name");
        assert_string_equal(d.arg1, shown);
        assert_string_equal(d.arg2, "2");
    }
}

static void netbios_rejects_space_and_dot_with_their_own_messages(void **state)
{
    struct cd_diag d;

    (void)state;
    assert_rejected(names_netbios("EXCH 01", FIELD, &d), d, "a space");
    assert_string_equal(d.arg1, "5");
    assert_rejected(names_netbios("exch.fabrikam", FIELD, &d), d, "without the zone");
    assert_string_equal(d.arg1, "5");
}

static void netbios_rejects_non_ascii(void **state)
{
    struct cd_diag d;

    (void)state;
    assert_rejected(names_netbios("caf\xc3\xa9", FIELD, &d), d, "outside ASCII");
    assert_string_equal(d.arg1, "4");
}

static void netbios_rejects_hyphen_at_either_end(void **state)
{
    struct cd_diag d;

    (void)state;
    assert_rejected(names_netbios("-EXCH", FIELD, &d), d, "starts with a hyphen");
    assert_rejected(names_netbios("EXCH-", FIELD, &d), d, "ends with a hyphen");
}

static void netbios_rejects_all_digits(void **state)
{
    struct cd_diag d;

    (void)state;
    assert_rejected(names_netbios("12345", FIELD, &d), d, "only digits");
}

static void netbios_message_reads_field_then_rule(void **state)
{
    char name[32], buf[256];
    struct cd_diag d;

    (void)state;
    names_netbios(repeat(name, 'B', 16), FIELD, &d);
    assert_string_equal(diag_format(&d, buf, sizeof buf),
                        "Exchange network name: is 16 characters long; a NetBIOS name has at "
                        "most 15");
}

/* ---- zones and FQDNs -------------------------------------------------------------------- */

/* A zone of exactly `total` octets made of 63-octet labels and a shorter last one. */
static const char *long_zone(char *buf, size_t total)
{
    size_t i;

    for (i = 0; i < total; i++)
        buf[i] = (i % 64 == 63) ? '.' : 'a';
    buf[total] = '\0';
    return buf;
}

static void zone_normalizes_case_and_one_trailing_dot(void **state)
{
    char norm[NAMES_FQDN_SIZE];
    struct cd_diag d;

    (void)state;
    assert_int_equal(names_zone("Fabrikam.LOCAL.", norm, sizeof norm, FIELD, &d), CD_OK);
    assert_string_equal(norm, "fabrikam.local");
    assert_int_equal(names_zone("corp-1.fabrikam.local", norm, sizeof norm, FIELD, &d), CD_OK);
    assert_string_equal(norm, "corp-1.fabrikam.local");
    assert_int_equal(names_zone("fabrikam.local", NULL, 0, FIELD, &d), CD_OK);
}

static void zone_accepts_a_single_label(void **state)
{
    char norm[NAMES_FQDN_SIZE];
    struct cd_diag d;

    (void)state;
    assert_int_equal(names_zone("LOCAL", norm, sizeof norm, FIELD, &d), CD_OK);
    assert_string_equal(norm, "local");
}

static void zone_accepts_63_octet_label_and_rejects_64(void **state)
{
    char zone[128], label[80];
    struct cd_diag d;

    (void)state;
    snprintf(zone, sizeof zone, "%s.local", repeat(label, 'a', 63));
    assert_int_equal(names_zone(zone, NULL, 0, FIELD, &d), CD_OK);
    snprintf(zone, sizeof zone, "%s.local", repeat(label, 'a', 64));
    assert_rejected(names_zone(zone, NULL, 0, FIELD, &d), d, "at most 63");
    assert_string_equal(d.arg1, "64");
    assert_string_equal(d.arg2, label);
}

static void zone_accepts_253_octets_and_rejects_254(void **state)
{
    char zone[300], norm[NAMES_FQDN_SIZE];
    struct cd_diag d;

    (void)state;
    assert_int_equal(names_zone(long_zone(zone, 253), norm, sizeof norm, FIELD, &d), CD_OK);
    assert_int_equal(strlen(norm), 253);
    strcat(zone, "."); /* the trailing dot does not count */
    assert_int_equal(names_zone(zone, norm, sizeof norm, FIELD, &d), CD_OK);
    assert_rejected(names_zone(long_zone(zone, 254), NULL, 0, FIELD, &d), d, "at most 253");
    assert_string_equal(d.arg1, "254");
}

static void zone_rejects_empty_labels(void **state)
{
    struct cd_diag d;

    (void)state;
    assert_rejected(names_zone("", NULL, 0, FIELD, &d), d, "is required");
    assert_rejected(names_zone(".", NULL, 0, FIELD, &d), d, "DNS root");
    assert_rejected(names_zone(".local", NULL, 0, FIELD, &d), d, "starts with a dot");
    assert_rejected(names_zone("fabrikam..local", NULL, 0, FIELD, &d), d, "two dots");
    assert_rejected(names_zone("fabrikam.local..", NULL, 0, FIELD, &d), d, "two dots");
}

static void zone_rejects_characters_outside_letters_digits_hyphens(void **state)
{
    struct cd_diag d;

    (void)state;
    assert_rejected(names_zone("fab_rikam.local", NULL, 0, FIELD, &d), d,
                    "only letters, digits, hyphens and dots");
    assert_string_equal(d.arg1, "_");
    assert_string_equal(d.arg2, "4");
    assert_rejected(names_zone("fabrikam.lo cal", NULL, 0, FIELD, &d), d,
                    "only letters, digits, hyphens and dots");
    assert_string_equal(d.arg1, "U+0020");
    assert_rejected(names_zone("fabrik\xc3\xa4m.local", NULL, 0, FIELD, &d), d, "xn--");
    assert_string_equal(d.arg1, "7");
}

static void zone_rejects_hyphen_at_either_end_of_a_label(void **state)
{
    struct cd_diag d;

    (void)state;
    assert_rejected(names_zone("-fab.local", NULL, 0, FIELD, &d), d, "starts with a hyphen");
    assert_string_equal(d.arg1, "-fab");
    assert_rejected(names_zone("fab.local-", NULL, 0, FIELD, &d), d, "ends with a hyphen");
    assert_string_equal(d.arg1, "local-");
}

static void zone_rejects_an_address_typed_as_zone(void **state)
{
    struct cd_diag d;

    (void)state;
    assert_rejected(names_zone("192.168.1.10", NULL, 0, FIELD, &d), d, "not an address");
    assert_string_equal(d.arg1, "10");
    assert_int_equal(names_zone("10.in-addr.arpa", NULL, 0, FIELD, &d), CD_OK);
}

static void zone_rejects_a_buffer_too_small_for_the_result(void **state)
{
    char norm[8];
    struct cd_diag d;

    (void)state;
    assert_rejected(names_zone("fabrikam.local", norm, sizeof norm, FIELD, &d), d, "too long");
}

static void fqdn_joins_name_and_zone_in_lower_case(void **state)
{
    char out[NAMES_FQDN_SIZE];
    struct cd_diag d;

    (void)state;
    assert_int_equal(names_fqdn("EXCH01", "Fabrikam.Local.", out, sizeof out, FIELD, &d), CD_OK);
    assert_string_equal(out, "exch01.fabrikam.local");
}

static void fqdn_checks_name_and_zone(void **state)
{
    char out[NAMES_FQDN_SIZE];
    struct cd_diag d;

    (void)state;
    assert_rejected(names_fqdn("EXCH_01", "fabrikam.local", out, sizeof out, FIELD, &d), d,
                    "not in a DNS host name");
    assert_rejected(names_fqdn("EXCH01", "fabrikam..local", out, sizeof out, FIELD, &d), d,
                    "two dots");
}

static void fqdn_accepts_253_octets_and_rejects_254(void **state)
{
    char zone[300], out[NAMES_FQDN_SIZE];
    struct cd_diag d;

    (void)state;
    /* "ab." is 3 octets */
    assert_int_equal(names_fqdn("ab", long_zone(zone, 250), out, sizeof out, FIELD, &d), CD_OK);
    assert_int_equal(strlen(out), 253);
    assert_rejected(names_fqdn("ab", long_zone(zone, 251), out, sizeof out, FIELD, &d), d,
                    "at most 253");
    assert_string_equal(d.arg1, "254");
}

/* ---- addresses -------------------------------------------------------------------------- */

static void ip_parse_gives_family_and_canonical_text(void **state)
{
    struct cd_ip ip;
    struct cd_diag d;

    (void)state;
    assert_int_equal(names_ip_parse("192.0.2.10", &ip, FIELD, &d), CD_OK);
    assert_int_equal(ip.family, AF_INET);
    assert_string_equal(ip.text, "192.0.2.10");
    assert_int_equal(names_ip_parse("2001:DB8:0:0:0:0:0:1", &ip, FIELD, &d), CD_OK);
    assert_int_equal(ip.family, AF_INET6);
    assert_string_equal(ip.text, "2001:db8::1");
}

static void ip_parse_rejects_what_inet_pton_rejects(void **state)
{
    const char *v4[] = {"192.0.2",     "192.0.2.256", "192.0.2.1.5",
                        "192.000.2.1", "0x7f.0.0.1",  "exch01"};
    const char *v6[] = {"2001:db8::g", "2001:db8:::1", "fe80::1%1", "1:2:3:4:5:6:7:8:9"};
    struct cd_diag d;
    size_t i;

    (void)state;
    for (i = 0; i < sizeof v4 / sizeof v4[0]; i++) {
        assert_rejected(names_ip_parse(v4[i], NULL, FIELD, &d), d, "not an IPv4 address");
        assert_string_equal(d.arg1, v4[i]);
    }
    for (i = 0; i < sizeof v6 / sizeof v6[0]; i++) {
        assert_rejected(names_ip_parse(v6[i], NULL, FIELD, &d), d, "not an IPv6 address");
        assert_string_equal(d.arg1, v6[i]);
    }
}

static void ip_parse_rejects_spaces_and_empty_text(void **state)
{
    struct cd_diag d;

    (void)state;
    assert_rejected(names_ip_parse(" 192.0.2.1", NULL, FIELD, &d), d, "spaces");
    assert_rejected(names_ip_parse("192.0.2.1 ", NULL, FIELD, &d), d, "spaces");
    assert_rejected(names_ip_parse("", NULL, FIELD, &d), d, "is required");
}

struct ip_case {
    const char *text;
    const char *rule; /* NULL: accepted */
};

static const struct ip_case resource_cases[] = {
    {"0.0.0.0", "unspecified"},
    {"0.255.255.255", "this network"},
    {"1.0.0.0", NULL},
    {"126.255.255.255", NULL},
    {"127.0.0.1", "loopback"},
    {"127.255.255.255", "loopback"},
    {"128.0.0.0", NULL},
    {"169.253.255.255", NULL},
    {"169.254.0.1", "link-local"},
    {"169.254.255.255", "link-local"},
    {"169.255.0.0", NULL},
    {"223.255.255.255", NULL},
    {"224.0.0.0", "multicast"},
    {"239.255.255.255", "multicast"},
    {"240.0.0.0", "reserved"},
    {"255.255.255.254", "reserved"},
    {"255.255.255.255", "broadcast"},
    {"10.0.0.1", NULL},
    {"192.0.2.10", NULL}, /* documentation ranges are fine: people use them in examples */
    {"198.51.100.1", NULL},
    {"203.0.113.5", NULL},
    {"::", "unspecified"},
    {"::1", "loopback"},
    {"::2", NULL},
    {"::ffff:192.0.2.1", "IPv4-mapped"},
    {"fe80::1", "link-local"},
    {"febf:ffff::1", "link-local"},
    {"fec0::1", NULL},
    {"fe7f::1", NULL},
    {"ff02::1", "multicast"},
    {"feff::1", NULL},
    {"2001:db8::10", NULL},
};

static void resource_ip_rejects_each_unusable_range_at_its_edges(void **state)
{
    struct cd_diag d;
    struct cd_ip ip;
    size_t i;

    (void)state;
    for (i = 0; i < sizeof resource_cases / sizeof resource_cases[0]; i++) {
        const struct ip_case *c = &resource_cases[i];
        int rc = names_resource_ip(c->text, &ip, FIELD, &d);

        if (!c->rule) {
            if (rc != CD_OK)
                fail_msg("%s was rejected: %s", c->text, d.fmt);
            continue;
        }
        if (rc == CD_OK)
            fail_msg("%s was accepted, expected \"%s\"", c->text, c->rule);
        assert_rejected(rc, d, c->rule);
    }
}

static void resource_ip_says_to_write_the_ipv4_form_of_a_mapped_address(void **state)
{
    struct cd_diag d;

    (void)state;
    assert_rejected(names_resource_ip("::ffff:192.0.2.1", NULL, FIELD, &d), d, "IPv4 form");
    assert_string_equal(d.arg1, "::ffff:192.0.2.1");
    assert_string_equal(d.arg2, "192.0.2.1");
}

static void resource_ip_fills_out_only_on_success(void **state)
{
    struct cd_diag d;
    struct cd_ip ip;

    (void)state;
    memset(&ip, 0, sizeof ip);
    assert_int_not_equal(names_resource_ip("127.0.0.1", &ip, FIELD, &d), CD_OK);
    assert_int_equal(ip.family, 0);
    assert_int_equal(names_resource_ip("192.0.2.10", &ip, FIELD, &d), CD_OK);
    assert_string_equal(ip.text, "192.0.2.10");
}

static void server_ip_allows_loopback_and_link_local_but_not_unusable_ranges(void **state)
{
    const char *ok[] = {"127.0.0.1", "::1", "169.254.1.1", "fe80::1", "10.0.0.53"};
    const char *bad[] = {"0.0.0.0",   "0.1.2.3", "224.0.0.1", "255.255.255.255",
                         "240.0.0.1", "::",      "ff02::1",   "::ffff:127.0.0.1"};
    struct cd_diag d;
    size_t i;

    (void)state;
    for (i = 0; i < sizeof ok / sizeof ok[0]; i++)
        assert_int_equal(names_server_ip(ok[i], NULL, FIELD, &d), CD_OK);
    for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_int_equal(names_server_ip(bad[i], NULL, FIELD, &d), CD_EINVAL);
}

static struct cd_ip ip_of(const char *text)
{
    struct cd_ip ip;

    memset(&ip, 0, sizeof ip);
    assert_int_equal(names_ip_parse(text, &ip, FIELD, NULL), CD_OK);
    return ip;
}

static void ip_equal_compares_family_and_value(void **state)
{
    struct cd_ip a = ip_of("192.0.2.1"), b = ip_of("192.0.2.1"), c = ip_of("192.0.2.2");
    struct cd_ip m = ip_of("::ffff:192.0.2.1"), v6a = ip_of("2001:db8::1"),
                 v6b = ip_of("2001:DB8:0::1"), unset;

    (void)state;
    memset(&unset, 0, sizeof unset);
    assert_true(names_ip_equal(&a, &b));
    assert_false(names_ip_equal(&a, &c));
    assert_false(names_ip_equal(&a, &m));
    assert_true(names_ip_equal(&v6a, &v6b));
    assert_false(names_ip_equal(&a, NULL));
    assert_false(names_ip_equal(&unset, &unset));
}

static void ip_is_private_knows_each_private_range_at_its_edges(void **state)
{
    static const struct {
        const char *text;
        bool private_;
    } cases[] = {
        {"9.255.255.255", false},  {"10.0.0.0", true},        {"10.255.255.255", true},
        {"11.0.0.0", false},       {"100.63.255.255", false}, {"100.64.0.0", true},
        {"100.127.255.255", true}, {"100.128.0.0", false},    {"127.0.0.1", true},
        {"169.254.0.1", true},     {"172.15.255.255", false}, {"172.16.0.0", true},
        {"172.31.255.255", true},  {"172.32.0.0", false},     {"192.167.255.255", false},
        {"192.168.0.0", true},     {"192.168.255.255", true}, {"192.169.0.0", false},
        {"198.51.100.53", false},  {"8.8.8.8", false},        {"::1", true},
        {"fbff::1", false},        {"fc00::1", true},         {"fdff::1", true},
        {"fe00::1", false},        {"fe80::1", true},         {"fec0:0:0:ffff::1", true},
        {"2001:db8::1", false},
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct cd_ip ip = ip_of(cases[i].text);

        if (names_ip_is_private(&ip) != cases[i].private_)
            fail_msg("%s: expected %s", cases[i].text, cases[i].private_ ? "private" : "public");
    }
    assert_false(names_ip_is_private(NULL));
}

static void distinct_rejects_the_same_name_in_any_case(void **state)
{
    struct cd_ip a = ip_of("192.0.2.10"), b = ip_of("192.0.2.11");
    struct cd_diag d;

    (void)state;
    assert_int_equal(names_distinct("exch01", &a, "EXCH01", &b, &d), CD_EINVAL);
    assert_int_equal(d.code, CD_EINVAL);
    assert_string_equal(d.field, "Cluster network name");
    assert_string_equal(d.where, "cluster.name");
    assert_non_null(strstr(d.fmt, "the KB requires"));
    assert_non_null(strstr(d.fmt, "Exchange network name"));
    assert_string_equal(d.arg1, "exch01");
}

static void distinct_rejects_the_same_ip(void **state)
{
    struct cd_ip a = ip_of("192.0.2.10"), b = ip_of("192.0.2.10");
    struct cd_diag d;

    (void)state;
    assert_int_equal(names_distinct("EXCH01", &a, "CLUSTER01", &b, &d), CD_EINVAL);
    assert_string_equal(d.field, "Cluster IP address");
    assert_string_equal(d.where, "cluster.ip");
    assert_non_null(strstr(d.fmt, "the KB requires"));
    assert_string_equal(d.arg1, "192.0.2.10");
}

static void distinct_accepts_different_or_missing_values(void **state)
{
    struct cd_ip a = ip_of("192.0.2.10"), b = ip_of("192.0.2.11");
    struct cd_diag d;

    (void)state;
    assert_int_equal(names_distinct("EXCH01", &a, "CLUSTER01", &b, &d), CD_OK);
    assert_int_equal(names_distinct("", NULL, "", NULL, &d), CD_OK);
    assert_int_equal(names_distinct(NULL, &a, NULL, NULL, &d), CD_OK);
}

static void reverse_gives_in_addr_arpa_name(void **state)
{
    struct cd_ip ip = ip_of("192.0.2.10");
    char out[NAMES_FQDN_SIZE];

    (void)state;
    assert_int_equal(names_reverse(&ip, out, sizeof out), CD_OK);
    assert_string_equal(out, "10.2.0.192.in-addr.arpa");
}

static void reverse_gives_ip6_arpa_nibbles_as_in_rfc3596(void **state)
{
    struct cd_ip ip = ip_of("4321:0:1:2:3:4:567:89ab");
    char out[NAMES_FQDN_SIZE];

    (void)state;
    assert_int_equal(names_reverse(&ip, out, sizeof out), CD_OK);
    assert_string_equal(out, "b.a.9.8.7.6.5.0.4.0.0.0.3.0.0.0.2.0.0.0.1.0.0.0.0.0.0.0.1.2.3.4."
                             "ip6.arpa");
}

static void reverse_fails_when_the_buffer_is_one_short(void **state)
{
    struct cd_ip ip = ip_of("192.0.2.10"), unset;
    char out[32];
    size_t need = strlen("10.2.0.192.in-addr.arpa") + 1;

    (void)state;
    assert_int_equal(names_reverse(&ip, out, need), CD_OK);
    assert_int_equal(names_reverse(&ip, out, need - 1), CD_EINVAL);
    assert_string_equal(out, "");
    memset(&unset, 0, sizeof unset);
    assert_int_equal(names_reverse(&unset, out, sizeof out), CD_EINVAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(netbios_accepts_letters_digits_and_inner_hyphens),
        cmocka_unit_test(netbios_accepts_15_characters_and_rejects_16),
        cmocka_unit_test(netbios_requires_a_name),
        cmocka_unit_test(netbios_rejects_each_netbios_forbidden_character),
        cmocka_unit_test(netbios_rejects_control_characters_shown_as_code_points),
        cmocka_unit_test(netbios_rejects_characters_netbios_allows_but_dns_does_not),
        cmocka_unit_test(netbios_rejects_space_and_dot_with_their_own_messages),
        cmocka_unit_test(netbios_rejects_non_ascii),
        cmocka_unit_test(netbios_rejects_hyphen_at_either_end),
        cmocka_unit_test(netbios_rejects_all_digits),
        cmocka_unit_test(netbios_message_reads_field_then_rule),
        cmocka_unit_test(zone_normalizes_case_and_one_trailing_dot),
        cmocka_unit_test(zone_accepts_a_single_label),
        cmocka_unit_test(zone_accepts_63_octet_label_and_rejects_64),
        cmocka_unit_test(zone_accepts_253_octets_and_rejects_254),
        cmocka_unit_test(zone_rejects_empty_labels),
        cmocka_unit_test(zone_rejects_characters_outside_letters_digits_hyphens),
        cmocka_unit_test(zone_rejects_hyphen_at_either_end_of_a_label),
        cmocka_unit_test(zone_rejects_an_address_typed_as_zone),
        cmocka_unit_test(zone_rejects_a_buffer_too_small_for_the_result),
        cmocka_unit_test(fqdn_joins_name_and_zone_in_lower_case),
        cmocka_unit_test(fqdn_checks_name_and_zone),
        cmocka_unit_test(fqdn_accepts_253_octets_and_rejects_254),
        cmocka_unit_test(ip_parse_gives_family_and_canonical_text),
        cmocka_unit_test(ip_parse_rejects_what_inet_pton_rejects),
        cmocka_unit_test(ip_parse_rejects_spaces_and_empty_text),
        cmocka_unit_test(resource_ip_rejects_each_unusable_range_at_its_edges),
        cmocka_unit_test(resource_ip_says_to_write_the_ipv4_form_of_a_mapped_address),
        cmocka_unit_test(resource_ip_fills_out_only_on_success),
        cmocka_unit_test(server_ip_allows_loopback_and_link_local_but_not_unusable_ranges),
        cmocka_unit_test(ip_equal_compares_family_and_value),
        cmocka_unit_test(ip_is_private_knows_each_private_range_at_its_edges),
        cmocka_unit_test(distinct_rejects_the_same_name_in_any_case),
        cmocka_unit_test(distinct_rejects_the_same_ip),
        cmocka_unit_test(distinct_accepts_different_or_missing_values),
        cmocka_unit_test(reverse_gives_in_addr_arpa_name),
        cmocka_unit_test(reverse_gives_ip6_arpa_nibbles_as_in_rfc3596),
        cmocka_unit_test(reverse_fails_when_the_buffer_is_one_short),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
