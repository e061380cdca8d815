/* cluster_text: the `cluster group` and `cluster res` samples of tests/samples, and the
 * variants real pastes bring (CRLF and a BOM, tabs, translated headers, UTF-8 names,
 * lost indentation, wrapped lines, trailing prompts) plus broken input and the limits. */
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

#include "cluster_text.h"
#include "diag.h"

#define RULER3 "-------------------- --------------- ------\n"
#define HEADER3 "Group                Node            Status\n"
#define RULER4 "-------------------- -------------------- --------------- ------\n"
#define HEADER4 "Resource             Group                Node            Status\n"

/* ---- helpers ---------------------------------------------------------------------------- */


/* Every row as "resource|group|node|status", rows joined by newlines: one string to
 * compare exactly. */
static const char *table_text(const struct cluster_table *t, char *buf, size_t n)
{
    size_t i, len = 0;

    buf[0] = '\0';
    for (i = 0; i < t->n && len < n; i++)
        len += (size_t)snprintf(buf + len, n - len, "%s%s|%s|%s|%s", i ? "\n" : "",
                                t->rows[i].resource, t->rows[i].group, t->rows[i].node,
                                t->rows[i].status);
    return buf;
}

/* Parses text into a fresh table and compares every cell. */
static void assert_parses(const char *text, int has_resources, const char *expected)
{
    struct cluster_table t;
    struct cd_diag d;
    char buf[8192], msg[512];
    int rc;

    cluster_table_init(&t);
    diag_clear(&d);
    rc = cluster_text_parse(text, &t, &d);
    if (rc != CD_OK)
        fail_msg("parse failed: %s", diag_format_c(&d, msg, sizeof msg));
    assert_string_equal(table_text(&t, buf, sizeof buf), expected);
    assert_int_equal(t.has_resources, has_resources);
    cluster_table_fini(&t);
}

/* Parses text, expects CD_EFORMAT, and compares the English message. */
static void assert_refused(const char *text, const char *message)
{
    struct cluster_table t;
    struct cd_diag d;
    char msg[512];

    cluster_table_init(&t);
    diag_clear(&d);
    assert_int_equal(cluster_text_parse(text, &t, &d), CD_EFORMAT);
    assert_int_equal(d.code, CD_EFORMAT);
    assert_string_equal(diag_format_c(&d, msg, sizeof msg), message);
    assert_int_equal(t.n, 0);
    assert_null(t.rows);
    cluster_table_fini(&t);
}

/* Copies text with "\r\n" for every "\n", after a BOM when bom. */
static char *to_crlf(const char *text, int bom)
{
    char *out = malloc(2 * strlen(text) + 4), *o = out;

    assert_non_null(out);
    if (bom)
        o += sprintf(o, "\xef\xbb\xbf");
    for (; *text; text++) {
        if (*text == '\n')
            *o++ = '\r';
        *o++ = *text;
    }
    *o = '\0';
    return out;
}


static const char group_rows[] = "|Cluster Group||\n"
                                 "|Exchange Group 1||\n"
                                 "|Disk Group 2||";

static const char res_rows[] = "Cluster IP Address|Cluster Group|NODEA|Online\n"
                               "Cluster Name|Cluster Group|NODEA|Online\n"
                               "Disk Q:|Cluster Group|NODEA|Online\n"
                               "EXSRV IP Address|Exchange Group 1|NODEA|Online\n"
                               "EXSRV Network Name|Exchange Group 1|NODEA|Online\n"
                               "Disk R:|Exchange Group 1|NODEA|Online\n"
                               "Microsoft Exchange System Attendant|Exchange Group 1|NODEA|Online\n"
                               "Microsoft Exchange Directory|Exchange Group 1|NODEA|Online\n"
                               "Microsoft Exchange Information Store|Exchange Group 1|NODEA|Online\n"
                               "Microsoft Exchange Message Transfer Agent|Exchange Group 1|NODEA|"
                               "Online\n"
                               "Microsoft Exchange Internet Mail Service|Exchange Group 1|NODEA|Failed";

/* ---- the samples ------------------------------------------------------------------------ */

static void sample_cluster_group_gives_each_group_with_node_and_status(void **state)
{
    char *text = read_sample("cluster-group.txt");

    (void)state;
    assert_parses(text, 0, group_rows);
    free(text);
}

static void sample_cluster_res_keeps_long_names_whole_and_their_rows(void **state)
{
    char *text = read_sample("cluster-res.txt");

    (void)state;
    assert_parses(text, 1, res_rows);
    free(text);
}

static void groups_of_group_text_are_the_first_column(void **state)
{
    char *text = read_sample("cluster-group.txt");
    struct cluster_table t;
    const char *g[8];

    (void)state;
    cluster_table_init(&t);
    assert_int_equal(cluster_text_parse(text, &t, NULL), CD_OK);
    assert_int_equal(cluster_text_groups(&t, g, 8), 3);
    assert_string_equal(g[0], "Cluster Group");
    assert_string_equal(g[1], "Exchange Group 1");
    assert_string_equal(g[2], "Disk Group 2");
    cluster_table_fini(&t);
    free(text);
}

static void groups_of_res_text_are_distinct_in_first_appearance_order(void **state)
{
    char *text = read_sample("cluster-res.txt");
    struct cluster_table t;
    const char *g[8];

    (void)state;
    cluster_table_init(&t);
    assert_int_equal(cluster_text_parse(text, &t, NULL), CD_OK);
    assert_int_equal(cluster_text_groups(&t, g, 8), 2);
    assert_string_equal(g[0], "Cluster Group");
    assert_string_equal(g[1], "Exchange Group 1");
    assert_ptr_equal(g[0], t.rows[0].group); /* borrowed from the table */
    cluster_table_fini(&t);
    free(text);
}

static void groups_repeated_apart_are_listed_once_and_max_is_kept(void **state)
{
    const char text[] =
        HEADER4 RULER4 "R1                   B Group              NODEA           Online\n"
                       "R2                   A Group              NODEA           Online\n"
                       "R3                   B Group              NODEB           Online\n"
                       "R4                   C Group              NODEB           Online\n"
                       "R5                   A Group              NODEB           Online\n";
    struct cluster_table t;
    const char *g[8];

    (void)state;
    cluster_table_init(&t);
    assert_int_equal(cluster_text_parse(text, &t, NULL), CD_OK);
    assert_int_equal(cluster_text_groups(&t, g, 8), 3);
    assert_string_equal(g[0], "B Group");
    assert_string_equal(g[1], "A Group");
    assert_string_equal(g[2], "C Group");
    assert_int_equal(cluster_text_groups(&t, g, 2), 2);
    assert_string_equal(g[1], "A Group");
    assert_int_equal(cluster_text_groups(&t, g, 0), 0);
    cluster_table_fini(&t);
}

static void groups_leave_out_rows_without_a_group(void **state)
{
    const char text[] =
        HEADER4 RULER4 "Orphan Resource\n"
                       "Cluster Name         Cluster Group        NODEA           Online\n";
    struct cluster_table t;
    const char *g[8];

    (void)state;
    cluster_table_init(&t);
    assert_int_equal(cluster_text_parse(text, &t, NULL), CD_OK);
    assert_int_equal(t.n, 2);
    assert_string_equal(t.rows[0].resource, "Orphan Resource");
    assert_int_equal(cluster_text_groups(&t, g, 8), 1);
    assert_string_equal(g[0], "Cluster Group");
    cluster_table_fini(&t);
}

/* ---- what pastes do to the text ---------------------------------------------------------- */

static void crlf_text_with_a_byte_order_mark_reads_like_the_sample(void **state)
{
    char *text = read_sample("cluster-res.txt"), *crlf = to_crlf(text, 1);

    (void)state;
    assert_parses(crlf, 1, res_rows);
    free(crlf);
    /* The mark right before the ruler does not hide it. */
    crlf = to_crlf(RULER3 "Cluster Group        NODEA           Online\n", 1);
    assert_parses(crlf, 0, "|Cluster Group||");
    free(crlf);
    /* A CRLF is one line end: the ruler is still on line 4. */
    crlf = to_crlf("Listing status for all available resource groups:\n\n" HEADER3 RULER3, 1);
    assert_refused(crlf, "Pasted text: is not 'ipconfig /all', netsh, PowerShell or cluster.exe output that clusterdns can read");
    free(crlf);
    free(text);
}

static void lone_carriage_returns_end_lines(void **state)
{
    (void)state;
    assert_parses(HEADER3 RULER3 "Cluster Group        NODEA           Online\r"
                                 "Disk Group 2         NODEB           Offline\r",
                  0, "|Cluster Group||\n|Disk Group 2||");
}

static void tabs_expand_to_eight_column_stops_before_cutting(void **state)
{
    /* What an editor's "tabify" makes of the sample: NODEA at 21, Online at 37. */
    (void)state;
    assert_parses(HEADER3 RULER3 "Cluster Group\t     NODEA\t     Online\n"
                                 "Disk Group 2\t     NODEB\t     Offline\n",
                  0, "|Cluster Group||\n|Disk Group 2||");
}

static void french_header_is_read_by_its_number_of_columns(void **state)
{
    (void)state;
    assert_parses(
        "Affichage de l'\xc3\xa9tat de tous les groupes de ressources disponibles\xc2\xa0:\n"
        "\n"
        "Groupe               N\xc5\x93ud            \xc3\x89tat\n" RULER3
        "Groupe de cluster    NODEA           En ligne\n"
        "Groupe Exchange 1    NODEB           Hors connexion\n",
        0, "|Groupe de cluster||\n|Groupe Exchange 1||");
    assert_parses(
        "Ressource            Groupe               N\xc5\x93ud            \xc3\x89tat\n" RULER4
        "Nom du cluster       Groupe de cluster    NODEA           En ligne\n",
        1, "Nom du cluster|Groupe de cluster|NODEA|En ligne");
}

static void utf8_name_filling_its_column_is_cut_on_characters_not_bytes(void **state)
{
    /* "Groupe Exchange \xc3\xa9\xc3\xa8\xc3\xa0\xc3\xa7" is 20 characters and 24 bytes: cut
     * by bytes, the node column would start inside it. */
    (void)state;
    assert_parses(
        HEADER4 RULER4
        "Adresse IP \xc3\xa9t\xc3\xa9       Groupe Exchange \xc3\xa9\xc3\xa8\xc3\xa0\xc3\xa7 "
        "N\xc5\x92UD-\xc3\x89          En ligne\n",
        1,
        "Adresse IP \xc3\xa9t\xc3\xa9|Groupe Exchange \xc3\xa9\xc3\xa8\xc3\xa0\xc3\xa7|"
        "N\xc5\x92UD-\xc3\x89|En ligne");
}

static void overlong_cell_is_cut_to_the_name_size_on_a_character_boundary(void **state)
{
    char text[2048], *o = text;
    struct cluster_table t;
    size_t i;

    (void)state;
    /* A 200-column first column holding 100 "é" (200 bytes): 63 whole ones fit in 127. */
    o += sprintf(o, "Group\n");
    for (i = 0; i < 200; i++)
        *o++ = '-';
    o += sprintf(o, " ----- ------\n");
    for (i = 0; i < 100; i++)
        o += sprintf(o, "\xc3\xa9");
    o += sprintf(o, "%*sNODEA Online\n", 101, "");
    cluster_table_init(&t);
    assert_int_equal(cluster_text_parse(text, &t, NULL), CD_OK);
    assert_int_equal(t.n, 1);
    assert_int_equal(strlen(t.rows[0].group), 126);
    assert_memory_equal(t.rows[0].group, strstr(text, "\xc3\xa9"), 126);
    cluster_table_fini(&t);
}

static void ruler_and_rows_indented_differently_still_line_up(void **state)
{
    /* Quoted in a mail: header and ruler indented, the rows' indentation lost or changed. */
    (void)state;
    assert_parses("    " HEADER3 "    " RULER3 "Cluster Group        NODEA           Online\n"
                  "  Disk Group 2         NODEB           Offline\n",
                  0, "|Cluster Group||\n|Disk Group 2||");
}

static void control_characters_are_dropped_and_no_break_spaces_are_spaces(void **state)
{
    (void)state;
    assert_parses(HEADER3 RULER3 "\x1b"
                                 "Cluster\x7f Group\xc2\xa0       NODEA\x01           Online\n"
                                 "Disk\xc2\xa0Group 2         NODEB           Offline\x1b\n",
                  0, "|Cluster Group||\n|Disk Group 2||");
}

static void invalid_utf8_byte_becomes_a_replacement_character_of_one_column(void **state)
{
    /* "é" saved as Windows-1252: one byte, one column. */
    (void)state;
    assert_parses(HEADER3 RULER3 "Groupe \xe9t\xe9           NODEA           Online\n", 0,
                  "|Groupe \xef\xbf\xbdt\xef\xbf\xbd||");
}

/* ---- where the table ends ------------------------------------------------------------------ */

static void row_shorter_than_the_ruler_has_empty_cells(void **state)
{
    (void)state;
    assert_parses(HEADER4 RULER4
                  "Cluster Name         Cluster Group        NODEA           Online\n"
                  "Disk Q:              Cluster Group\n",
                  1, "Cluster Name|Cluster Group|NODEA|Online\nDisk Q:|Cluster Group||");
    /* The first row, with its first column only. */
    assert_parses(HEADER3 RULER3 "Cluster Group\n"
                                 "Disk Group 2         NODEB           Offline\n",
                  0, "|Cluster Group||\n|Disk Group 2||");
}

static void wrapped_end_of_a_row_fills_its_missing_cells(void **state)
{
    (void)state;
    /* Wrapped after the node, and inside the group's name. */
    assert_parses(HEADER4 RULER4
                  "Cluster Name         Cluster Group        NODEA\n"
                  "Online\n"
                  "EXSRV IP Address     Exchange Group\n"
                  "1     NODEA           Online\n"
                  "Disk R:              Exchange Group 1     NODEA           Online\n",
                  1,
                  "Cluster Name|Cluster Group|NODEA|Online\n"
                  "EXSRV IP Address|Exchange Group 1|NODEA|Online\n"
                  "Disk R:|Exchange Group 1|NODEA|Online");
}

static void wrapped_two_word_status_continues_the_last_cell(void **state)
{
    (void)state;
    assert_parses(HEADER4 RULER4
                  "Cluster Name         Cluster Group        NODEA           Online\n"
                  "Pending\n"
                  "Disk R:              Exchange Group 1     NODEA           Online\n",
                  1,
                  "Cluster Name|Cluster Group|NODEA|Online Pending\n"
                  "Disk R:|Exchange Group 1|NODEA|Online");
}

static void blank_line_then_prose_ends_the_table(void **state)
{
    (void)state;
    assert_parses(HEADER3 RULER3 "Cluster Group        NODEA           Online\n"
                                 "\n"
                                 "The cluster was failed over to NODEB at 10:02, see the log.\n"
                                 "C:\\>\n",
                  0, "|Cluster Group||");
}

static void blank_line_then_a_comment_ends_the_table_before_later_rows(void **state)
{
    /* Without the blank line, the comment would be the wrapped end of the row above. */
    (void)state;
    assert_parses(HEADER3 RULER3 "Cluster Group        NODEA           Online\n"
                                 "\n"
                                 "Before failover:\n"
                                 "Cluster Group        NODEB           Online\n",
                  0, "|Cluster Group||");
}

static void dashed_separator_under_the_rows_ends_the_table(void **state)
{
    (void)state;
    assert_parses(HEADER3 RULER3 "Cluster Group        NODEA           Online\n"
                                 "--------------------------------------------\n"
                                 "Disk Group 2         NODEB           Offline\n",
                  0, "|Cluster Group||");
}

static void blank_line_between_rows_does_not_end_the_table(void **state)
{
    (void)state;
    /* The row after the blank lines is wrapped: its end is still taken. */
    assert_parses(HEADER3 RULER3 "Cluster Group        NODEA           Online\n"
                                 "\n\n"
                                 "Disk Group 2         NODEB\n"
                                 "Offline\n",
                  0, "|Cluster Group||\n|Disk Group 2||");
}

static void prompt_right_after_the_rows_is_not_a_row(void **state)
{
    (void)state;
    assert_parses(HEADER3 RULER3 "Cluster Group        NODEA           Online\n"
                                 "PS C:\\Users\\admin> cluster res\n"
                                 "Listing status for all available resources:\n",
                  0, "|Cluster Group||");
}

static void second_table_pasted_below_the_first_is_read_on_its_own(void **state)
{
    char *group = read_sample("cluster-group.txt"), *res = read_sample("cluster-res.txt");
    char *both = malloc(strlen(group) + strlen(res) + 1);

    (void)state;
    assert_non_null(both);
    strcpy(both, group);
    strcat(both, res);
    assert_parses(both, 1, res_rows);
    /* Even when the second table follows without its title and blank line. */
    sprintf(both, "%s%s", group, strstr(res, "Resource "));
    assert_parses(both, 1, res_rows);
    /* Or a second `cluster group`, whose header lines up with the first ruler. */
    sprintf(both, "%s%s", group, strstr(group, "Group "));
    assert_parses(both, 0, group_rows);
    free(both);
    free(res);
    free(group);
}

/* ---- refusals ----------------------------------------------------------------------------- */

static void empty_text_is_refused_as_empty(void **state)
{
    (void)state;
    assert_refused(NULL, "Pasted text: is empty");
    assert_refused("", "Pasted text: is empty");
    assert_refused("\xef\xbb\xbf \r\n\t\n",
                   "Pasted text: is empty");
}

static void text_without_a_ruler_asks_for_the_whole_output(void **state)
{
    const char message[] = "Pasted text: is not 'ipconfig /all', netsh, PowerShell or cluster.exe output that clusterdns can read";
    char *ipconfig = read_sample("ipconfig-all-win2000.txt");

    (void)state;
    assert_refused("Cluster Group        NODEA           Online\n", message);
    assert_refused(HEADER3 "- - -\n-----\nCluster Group        NODEA           Online\n", message);
    assert_refused(ipconfig, "Pasted text: lists no cluster group; paste the output of "
                             "\"cluster group\", \"cluster res\" or Get-ClusterGroup");
    free(ipconfig);
}

static void ruler_of_another_width_names_its_columns_and_line(void **state)
{
    (void)state;
    assert_refused("Name                 Status\n"
                   "-------------------- ------\n"
                   "Cluster Group        Online\n",
                   "Pasted text: has nothing clusterdns could read; line 3 looks like data but "
                   "could not be read: \"Cluster Group        Online\"");
}

static void ruler_without_rows_names_the_ruler_line(void **state)
{
    const char message[] = "Pasted text: is not 'ipconfig /all', netsh, PowerShell or cluster.exe output that clusterdns can read";

    (void)state;
    assert_refused("Listing status for all available resource groups:\n\n" HEADER3 RULER3, message);
    assert_refused("Listing status for all available resource groups:\n\n" HEADER3 RULER3
                   "\nC:\\>\n",
                   message);
}

static void rows_that_lost_their_spacing_are_not_read_as_rows(void **state)
{
    (void)state;
    /* A web form collapsed the runs of spaces. */
    assert_refused(HEADER3 RULER3 "Cluster Group NODEA Online\n"
                                  "Disk Group 2 NODEB Offline\n",
                   "Pasted text: has nothing clusterdns could read; line 3 looks like data but "
                   "could not be read: \"Cluster Group NODEA Online\"");
    /* One such line between good rows: the rows are read (the line is unread, import.h). */
    assert_parses(HEADER3 RULER3 "Cluster Group        NODEA           Online\n"
                                 "Exchange Group 1 NODEA Online\n"
                                 "Disk Group 2         NODEB           Offline\n",
                  0, "|Cluster Group||\n|Disk Group 2||");
}

static void utf16_mark_alone_is_nothing_to_read(void **state)
{
    (void)state;
    /* A UTF-16 mark and half a character: nothing (import.h reads whole UTF-16 text). */
    assert_refused("\xff\xfeG", "Pasted text: is empty");
}


/* ---- the table ------------------------------------------------------------------------------ */

static void refused_text_leaves_the_previous_rows(void **state)
{
    char *text = read_sample("cluster-group.txt"), buf[1024];
    struct cluster_table t;
    struct cd_diag d;

    (void)state;
    cluster_table_init(&t);
    assert_int_equal(cluster_text_parse(text, &t, &d), CD_OK);
    assert_int_equal(cluster_text_parse("no table here", &t, &d), CD_EFORMAT);
    assert_string_equal(table_text(&t, buf, sizeof buf), group_rows);
    assert_int_equal(t.has_resources, 0);
    cluster_table_fini(&t);
    free(text);
}

static void parse_replaces_the_rows_and_the_kind(void **state)
{
    char *group = read_sample("cluster-group.txt"), *res = read_sample("cluster-res.txt");
    char buf[1024];
    struct cluster_table t;

    (void)state;
    cluster_table_init(&t);
    assert_int_equal(cluster_text_parse(res, &t, NULL), CD_OK);
    assert_int_equal(t.has_resources, 1);
    assert_int_equal(cluster_text_parse(group, &t, NULL), CD_OK);
    assert_string_equal(table_text(&t, buf, sizeof buf), group_rows);
    assert_int_equal(t.has_resources, 0);
    cluster_table_fini(&t);
    assert_null(t.rows);
    assert_int_equal(t.n, 0);
    cluster_table_fini(&t); /* twice is harmless */
    free(res);
    free(group);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(sample_cluster_group_gives_each_group_with_node_and_status),
        cmocka_unit_test(sample_cluster_res_keeps_long_names_whole_and_their_rows),
        cmocka_unit_test(groups_of_group_text_are_the_first_column),
        cmocka_unit_test(groups_of_res_text_are_distinct_in_first_appearance_order),
        cmocka_unit_test(groups_repeated_apart_are_listed_once_and_max_is_kept),
        cmocka_unit_test(groups_leave_out_rows_without_a_group),
        cmocka_unit_test(crlf_text_with_a_byte_order_mark_reads_like_the_sample),
        cmocka_unit_test(lone_carriage_returns_end_lines),
        cmocka_unit_test(tabs_expand_to_eight_column_stops_before_cutting),
        cmocka_unit_test(french_header_is_read_by_its_number_of_columns),
        cmocka_unit_test(utf8_name_filling_its_column_is_cut_on_characters_not_bytes),
        cmocka_unit_test(overlong_cell_is_cut_to_the_name_size_on_a_character_boundary),
        cmocka_unit_test(ruler_and_rows_indented_differently_still_line_up),
        cmocka_unit_test(control_characters_are_dropped_and_no_break_spaces_are_spaces),
        cmocka_unit_test(invalid_utf8_byte_becomes_a_replacement_character_of_one_column),
        cmocka_unit_test(row_shorter_than_the_ruler_has_empty_cells),
        cmocka_unit_test(wrapped_end_of_a_row_fills_its_missing_cells),
        cmocka_unit_test(wrapped_two_word_status_continues_the_last_cell),
        cmocka_unit_test(blank_line_then_prose_ends_the_table),
        cmocka_unit_test(blank_line_then_a_comment_ends_the_table_before_later_rows),
        cmocka_unit_test(dashed_separator_under_the_rows_ends_the_table),
        cmocka_unit_test(blank_line_between_rows_does_not_end_the_table),
        cmocka_unit_test(prompt_right_after_the_rows_is_not_a_row),
        cmocka_unit_test(second_table_pasted_below_the_first_is_read_on_its_own),
        cmocka_unit_test(empty_text_is_refused_as_empty),
        cmocka_unit_test(text_without_a_ruler_asks_for_the_whole_output),
        cmocka_unit_test(ruler_of_another_width_names_its_columns_and_line),
        cmocka_unit_test(ruler_without_rows_names_the_ruler_line),
        cmocka_unit_test(rows_that_lost_their_spacing_are_not_read_as_rows),
        cmocka_unit_test(utf16_mark_alone_is_nothing_to_read),
        cmocka_unit_test(refused_text_leaves_the_previous_rows),
        cmocka_unit_test(parse_replaces_the_rows_and_the_kind),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
