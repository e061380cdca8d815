/* import: the one reader, over the samples of tests/samples (real outputs and a few
 * written here, see SOURCES), and the names step's choice of names and IPs. */
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

#include <stdlib.h>
#include <string.h>

#include "import.h"

static void read_file(const char *name, struct import_result *r, int want)
{
    char *text = read_sample(name);
    struct cd_diag d;

    import_init(r);
    assert_int_equal(import_text(text, strlen(text), r, &d), want);
    free(text);
}

static void long_cluster_exe_names_push_their_row_right(void **state)
{
    struct import_result r;

    (void)state;
    read_file("cluster-res-en-long-names-perl.txt", &r, CD_OK);
    assert_int_equal(r.kind, IMPORT_CLUSTER_RES);
    assert_int_equal(r.n_resources, 18);
    assert_string_equal(r.resources[5].name, "SQL Network Name (RVT1DB1)");
    assert_string_equal(r.resources[5].group, "RVT1DB1");
    assert_string_equal(r.resources[5].node, "RST1DB2");
    assert_int_equal(r.n_unread, 0);
    import_fini(&r);
}

static void priv_and_res_pasted_together_fill_the_names_step(void **state)
{
    struct import_result r;
    struct import_names n;

    (void)state;
    read_file("combined-res-priv-written.txt", &r, CD_OK);
    import_names(&r, "Exchange Group 1", &n);
    assert_string_equal(n.cluster_group, "Cluster Group");
    assert_int_equal(n.exchange_name.found, IMPORT_FOUND);
    assert_string_equal(n.exchange_name.value, "EXSRV");
    assert_string_equal(n.exchange_ip.value, "172.16.8.31");
    assert_string_equal(n.cluster_name.value, "CLUSTER1");
    assert_string_equal(n.cluster_ip.value, "172.16.8.30");
    /* Without the Exchange group chosen, the cluster's are still found. */
    import_names(&r, NULL, &n);
    assert_int_equal(n.exchange_name.found, IMPORT_NOT_FOUND);
    assert_string_equal(n.cluster_ip.value, "172.16.8.30");
    import_fini(&r);
}

static void two_candidate_cluster_groups_are_ambiguous(void **state)
{
    const char text[] = "Resource             Group                Node            Status\n"
                        "-------------------- -------------------- --------------- ------\n"
                        "A Name               G1                   N1              Online\n"
                        "A IP                 G1                   N1              Online\n"
                        "B Name               G2                   N1              Online\n"
                        "B IP                 G2                   N1              Online\n"
                        "\n"
                        "Object Name    Value    Type\n"
                        "------ ----    -----    ----\n"
                        "A Name Name    ANAME    String\n"
                        "A IP   Address 10.0.0.1 String\n"
                        "B Name Name    BNAME    String\n"
                        "B IP   Address 10.0.0.2 String\n";
    struct import_result r;
    struct import_names n;

    (void)state;
    import_init(&r);
    assert_int_equal(import_text(text, strlen(text), &r, NULL), CD_OK);
    assert_int_equal(r.n_props, 4);
    import_names(&r, "EXG", &n);
    assert_true(n.cluster_group_ambiguous);
    assert_int_equal(n.cluster_name.found, IMPORT_AMBIGUOUS);
    import_fini(&r);
}

static void a_pasted_command_line_is_no_interface(void **state)
{
    struct import_result r;

    (void)state;
    read_file("netsh-findstr-noprompt-written.txt", &r, CD_OK);
    assert_int_equal(r.servers.n, 1);
    assert_string_equal(r.servers.v[0].source, "");
    import_fini(&r);
}

static void mail_quoted_netsh_keeps_every_server(void **state)
{
    struct import_result r;

    (void)state;
    read_file("netsh-de-mail-quoted-written.txt", &r, CD_OK);
    assert_int_equal(r.kind, IMPORT_NETSH);
    assert_int_equal(r.servers.n, 2);
    assert_string_equal(r.servers.v[1].ip.text, "172.16.8.5");
    assert_string_equal(r.servers.v[1].source, "Public");
    import_fini(&r);
}

static void adapter_names_stay_whole_in_every_script(void **state)
{
    struct import_result r;

    (void)state;
    read_file("ipconfig-all-ja-fec0.txt", &r, CD_OK);
    assert_string_equal(r.servers.v[0].source, "\xe3\x82\xa4\xe3\x83\xbc\xe3\x82\xb5\xe3\x83\x8d"
                                               "\xe3\x83\x83\xe3\x83\x88");
    import_fini(&r);
    read_file("ipconfig-es-unknown-adapter-written.txt", &r, CD_OK);
    assert_string_equal(r.servers.v[0].source, "Conexi\xc3\xb3n de \xc3\xa1rea local 2");
    assert_string_equal(r.servers.v[1].source, "vEthernet (WSL)");
    import_fini(&r);
}

static void powershell_columns_are_found_by_their_header_words(void **state)
{
    struct import_result r;

    (void)state;
    read_file("ps-get-clusterresource-en.txt", &r, CD_OK);
    assert_int_equal(r.kind, IMPORT_PS_CLUSTER);
    assert_int_equal(r.n_groups, 2); /* not "Online" */
    assert_string_equal(r.groups[0], "Cluster Group");
    assert_string_equal(r.resources[9].type, "Network Name");
    import_fini(&r);
}

static void masked_servers_are_unread_by_line(void **state)
{
    struct import_result r;

    (void)state;
    read_file("ipconfig-all-ru-masked-dns.txt", &r, CD_EFORMAT);
    assert_int_equal(r.n_unread, 2);
    assert_int_equal(r.unread[0].line, 15);
    assert_int_equal(r.unread[1].line, 16);
    import_fini(&r);
}

static void text_without_a_nul_is_read_to_its_length(void **state)
{
    char buf[] = {'\xe4'}; /* the first byte of a three-byte character, then nothing */
    struct import_result r;

    (void)state;
    import_init(&r);
    assert_int_equal(import_text(buf, 1, &r, NULL), CD_EFORMAT);
    import_fini(&r);
}

static void read_text(const char *text, struct import_result *r, int want)
{
    import_init(r);
    assert_int_equal(import_text(text, strlen(text), r, NULL), want);
}

static void html_references_and_markdown_bold_are_cleaned_away(void **state)
{
    struct import_result r;

    (void)state;
    read_file("ipconfig-all-pl-xp-html-entities.txt", &r, CD_OK);
    assert_string_equal(r.servers.v[0].source, "Po\xc5\x82\xc4\x85" "czenie sieci bezprzewodowej");
    import_fini(&r);
    read_file("ipconfig-all-nl-markdown-bold.txt", &r, CD_OK);
    assert_int_equal(r.servers.n, 2);
    assert_string_equal(r.servers.v[0].ip.text, "212.142.28.68");
    assert_string_equal(r.servers.v[1].ip.text, "62.179.104.196");
    assert_string_equal(r.servers.v[1].source, "LAN-verbinding 5");
    import_fini(&r);
    /* A reference that is none stays as it is. */
    read_text("Ethernet adapter R&D &#xZZ; &#0;:\n\n   DNS Servers . . . : 10.0.0.1\n", &r, CD_OK);
    assert_string_equal(r.servers.v[0].source, "R&D &#xZZ; &#0;");
    import_fini(&r);
}

static void a_dns_entry_may_list_several_servers(void **state)
{
    struct import_result r;

    (void)state;
    read_file("ipconfig-es-list-quoted-slash.txt", &r, CD_OK);
    assert_int_equal(r.servers.n, 2);
    assert_string_equal(r.servers.v[0].ip.text, "80.58.61.250");
    assert_string_equal(r.servers.v[1].ip.text, "80.58.61.254");
    assert_int_equal(r.n_unread, 0);
    import_fini(&r);
    read_text("InterfaceAlias : Ethernet\nDNSServer      : {10.0.0.1, 1.1.1.1}\n", &r, CD_OK);
    assert_int_equal(r.servers.n, 2);
    assert_string_equal(r.servers.v[1].ip.text, "1.1.1.1");
    import_fini(&r);
    /* One that is not an address: the whole line is unread, no server taken from it. */
    read_text("DNS Servers . . . : 10.0.0.1, 10.0.0.XXX\n", &r, CD_EFORMAT);
    assert_int_equal(r.servers.n, 0);
    assert_int_equal(r.n_unread, 1);
    import_fini(&r);
    /* Suffixes are no servers, and say nothing. */
    read_text("DNS Suffix Search List. . . : 10.in-addr.arpa example.com\n"
              "DNS Servers . . . : 10.0.0.1\n", &r, CD_OK);
    assert_int_equal(r.servers.n, 1);
    assert_int_equal(r.n_unread, 0);
    import_fini(&r);
}

static void a_mangled_address_is_unread_not_dropped(void **state)
{
    struct import_result r;

    (void)state;
    read_text("Ethernet adapter Public:\n\n   DNS Servers . . . : 10.0.0.1**\n"
              "                       10.0.0.2(x)\n", &r, CD_EFORMAT);
    assert_int_equal(r.n_unread, 2);
    assert_int_equal(r.unread[0].line, 3);
    assert_int_equal(r.unread[1].line, 4);
    import_fini(&r);
}

static void empty_powershell_properties_are_no_adapter_headers(void **state)
{
    struct import_result r;

    (void)state;
    read_file("ps-get-netipconfiguration-en-alias-prompt.txt", &r, CD_OK);
    assert_int_equal(r.kind, IMPORT_PS_DNS);
    assert_string_equal(r.servers.v[0].source, "Ethernet");
    import_fini(&r);
    read_file("ps-get-netipconfiguration-pl-script-comment.txt", &r, CD_OK);
    assert_int_equal(r.servers.n, 4);
    assert_string_equal(r.servers.v[0].source, "VirtualBox");
    assert_string_equal(r.servers.v[3].source, "WiFi");
    import_fini(&r);
}

static void russian_xp_headers_put_the_adapter_name_first(void **state)
{
    struct import_result r;

    (void)state;
    read_file("ipconfig-netsh-ru-xp-session.txt", &r, CD_OK);
    assert_int_equal(r.servers.n, 2);
    assert_string_equal(r.servers.v[0].source,
                        "\xd0\x9f\xd0\xbe\xd0\xb4\xd0\xba\xd0\xbb\xd1\x8e\xd1\x87\xd0\xb5"
                        "\xd0\xbd\xd0\xb8\xd0\xb5 \xd0\xbf\xd0\xbe \xd0\xbb\xd0\xbe\xd0\xba"
                        "\xd0\xb0\xd0\xbb\xd1\x8c\xd0\xbd\xd0\xbe\xd0\xb9 \xd1\x81\xd0\xb5"
                        "\xd1\x82\xd0\xb8 2");
    import_fini(&r);
}

static void cluster_exe_words_not_known_fall_back_to_the_ruler(void **state)
{
    const char res[] = "Ressource            Gruppe               Knoten          Zustand\n"
                       "-------------------- -------------------- --------------- ------\n"
                       "Cluster-IP-Adresse   Clustergruppe        NODEA           Online\n";
    const char node[] = "Node           Node ID Status\n"
                        "-------------- ------- ---------------------\n"
                        "NODEA                1 Up\n";
    struct import_result r;

    (void)state;
    read_text(res, &r, CD_OK);
    assert_int_equal(r.kind, IMPORT_CLUSTER_RES);
    assert_string_equal(r.resources[0].group, "Clustergruppe");
    import_fini(&r);
    /* "Node" where the ruler would put the group: another command's table, unread. */
    read_text(node, &r, CD_EFORMAT);
    assert_int_equal(r.n_unread, 1);
    import_fini(&r);
}

static void get_dnsclientserveraddress_list_form_is_read(void **state)
{
    const char text[] = "PS C:\\> Get-DnsClientServerAddress -InterfaceAlias Ethernet | Format-List\n\n"
                        "InterfaceAlias  : Ethernet\nInterfaceIndex  : 6\nAddressFamily   : IPv4\n"
                        "ServerAddresses : {10.0.0.1, 10.0.0.2}\n\n"
                        "InterfaceAlias  : Ethernet\nInterfaceIndex  : 6\nAddressFamily   : IPv6\n"
                        "ServerAddresses : {}\n";
    struct import_result r;

    (void)state;
    read_text(text, &r, CD_OK);
    assert_int_equal(r.kind, IMPORT_PS_DNS);
    assert_int_equal(r.servers.n, 2);
    assert_string_equal(r.servers.v[1].ip.text, "10.0.0.2");
    assert_string_equal(r.servers.v[1].source, "Ethernet");
    import_fini(&r);
}

static void a_long_name_in_priv_pushes_the_property_right(void **state)
{
    const char text[] =
        "T  Resource             Name                           Value\n"
        "-- -------------------- ------------------------------ -----------------------\n"
        "S  Cluster Name         Name                           CLUSTER1\n"
        "SR Cluster Name         ResourceData                   01 00 00 00 02 00 00 00 0\n"
        "0 00 00 00\n"
        "S  Exchange Virtual Server IP Address Address                        172.16.8.31\n"
        "S  Exchange Virtual Server IP Address SubnetMask                     255.255.255.0\n"
        "S  Exchange Virtual Server Network Name Name                           EXSRV\n";
    struct import_result r;

    (void)state;
    read_text(text, &r, CD_OK);
    assert_int_equal(r.kind, IMPORT_CLUSTER_PRIV);
    assert_int_equal(r.n_props, 3);
    assert_string_equal(r.props[1].resource, "Exchange Virtual Server IP Address");
    assert_string_equal(r.props[1].value, "172.16.8.31");
    assert_string_equal(r.props[1].subnet_mask, "255.255.255.0");
    assert_string_equal(r.props[2].value, "EXSRV");
    assert_int_equal(r.n_unread, 0);
    import_fini(&r);
}

static void a_row_two_long_names_make_ambiguous_is_settled_by_the_text_or_unread(void **state)
{
    const char res[] =
        "Resource             Group                Node            Status\n"
        "-------------------- -------------------- --------------- ------\n"
        "Cluster IP Address   Cluster Group        NODE1           Online\n"
        "Exchange Virtual Server IP Address Exchange Virtual Server Group NODE2           Online\n"
        "Microsoft Exchange Message Transfer Agent Exchange Virtual Server Group NODE2           "
        "Failed\n";
    const char group[] = "\nGroup                Node            Status\n"
                         "-------------------- --------------- ------\n"
                         "Exchange Virtual Server Group NODE2           Online\n";
    const char priv[] = "\nListing private properties for 'Exchange Virtual Server IP Address':\n\n"
                        "T  Name                           Value\n"
                        "-- ------------------------------ -----------------------\n"
                        "S  Address                        10.1.1.20\n";
    char text[2048];
    struct import_result r;

    (void)state;
    /* Alone, each long row splits several ways: listed, not guessed. */
    read_text(res, &r, CD_OK);
    assert_int_equal(r.n_resources, 1);
    assert_int_equal(r.n_unread, 2);
    assert_int_equal(r.unread[0].line, 4);
    import_fini(&r);
    /* `cluster group` pasted after it names the group. */
    snprintf(text, sizeof text, "%s%s", res, group);
    read_text(text, &r, CD_OK);
    assert_int_equal(r.n_unread, 0);
    assert_int_equal(r.n_resources, 3);
    assert_string_equal(r.resources[1].name, "Exchange Virtual Server IP Address");
    assert_string_equal(r.resources[2].name, "Microsoft Exchange Message Transfer Agent");
    assert_string_equal(r.resources[2].group, "Exchange Virtual Server Group");
    assert_int_equal(r.n_groups, 2);
    import_fini(&r);
    /* A resource's /priv names it; the group it settles settles the next row. */
    snprintf(text, sizeof text, "%s%s", res, priv);
    read_text(text, &r, CD_OK);
    assert_int_equal(r.n_unread, 0);
    assert_string_equal(r.resources[2].group, "Exchange Virtual Server Group");
    import_fini(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(long_cluster_exe_names_push_their_row_right),
        cmocka_unit_test(priv_and_res_pasted_together_fill_the_names_step),
        cmocka_unit_test(two_candidate_cluster_groups_are_ambiguous),
        cmocka_unit_test(a_pasted_command_line_is_no_interface),
        cmocka_unit_test(mail_quoted_netsh_keeps_every_server),
        cmocka_unit_test(adapter_names_stay_whole_in_every_script),
        cmocka_unit_test(powershell_columns_are_found_by_their_header_words),
        cmocka_unit_test(masked_servers_are_unread_by_line),
        cmocka_unit_test(text_without_a_nul_is_read_to_its_length),
        cmocka_unit_test(html_references_and_markdown_bold_are_cleaned_away),
        cmocka_unit_test(a_dns_entry_may_list_several_servers),
        cmocka_unit_test(a_mangled_address_is_unread_not_dropped),
        cmocka_unit_test(empty_powershell_properties_are_no_adapter_headers),
        cmocka_unit_test(russian_xp_headers_put_the_adapter_name_first),
        cmocka_unit_test(cluster_exe_words_not_known_fall_back_to_the_ruler),
        cmocka_unit_test(get_dnsclientserveraddress_list_form_is_read),
        cmocka_unit_test(a_long_name_in_priv_pushes_the_property_right),
        cmocka_unit_test(a_row_two_long_names_make_ambiguous_is_settled_by_the_text_or_unread),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
