/* `clusterdns recheck`: many saved checklists checked again at once, in one event loop
 * (engine/recheck.h): a table of the files (or one JSON line a file), each with its verdict
 * and what changed since its last check; with --update, each check appended to its file's
 * journal. Exit status: 0 every checklist holds, 1 one does not, 2 bad usage or a file
 * that could not be read or saved (the others are still checked and reported). */
#include "config.h"

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "doc.h"
#include "i18n.h"
#include "recheck.h"
#include "recheck_json.h"
#include "render.h"
#include "rules.h"
#include "text.h"

#define TICK_MS 100

struct options {
    struct check_input in; /* --timeout, --operator, --ticket */
    bool update, json;
};

/* What the command keeps while the files come in, in any order. */
struct run {
    const struct cli_cmd *cmd;
    const struct options *o;
    struct recheck *r;
    struct render_recheck_row *rows; /* the table, a row a file */
    char **lines;                    /* --json: lines not yet written (the order given) */
    size_t n, next_line;
    bool progress, progress_shown, oom;
    int worst; /* the exit status so far */
};

static void usage(FILE *out)
{
    fprintf(out, "%s",
            _("Usage: clusterdns recheck [OPTION]... FILE...|DIR...\n"
              "Check many saved checklists again at once, against the DNS servers each one\n"
              "lists: each question asked once of each server, whichever files need it. Prints\n"
              "each file's ticket, zone and verdict, and what changed since its last check (a\n"
              "record that turned missing, a server that stopped answering, a verdict that\n"
              "flipped). A DIR stands for its *.json files.\n"
              "\n"
              "  -u, --update      add the check to each file's journal (saved atomically;\n"
              "                    a file that cannot be read is never written)\n"
              "  -j, --json        one line of JSON a file instead of the table\n"
              "  -O, --operator=NAME, -T, --ticket=ID\n"
              "                    with --update: who rechecks, and for which ticket (each\n"
              "                    file's own when left out)\n"
              "  -t, --timeout=MS  wait for each reply at most MS milliseconds (2000)\n"
              "  -h, --help        display this help and exit\n"
              "\n"
              "On a terminal, standard error shows the progress.\n"
              "\n"
              "Exit status: 0 every checklist holds, 1 one does not, 2 bad usage or a file\n"
              "that could not be read or saved (the others are still checked).\n"));
}

static int parse_options(const struct cli_cmd *cmd, int argc, char **argv, struct options *o)
{
    static const struct option longopts[] = {{"update", no_argument, NULL, 'u'},
                                             {"json", no_argument, NULL, 'j'},
                                             {"timeout", required_argument, NULL, 't'},
                                             {"operator", required_argument, NULL, 'O'},
                                             {"ticket", required_argument, NULL, 'T'},
                                             {"help", no_argument, NULL, 'h'},
                                             {NULL, 0, NULL, 0}};
    struct cd_diag d = {0};
    int ch, rc;

    opterr = 0;
    while ((ch = getopt_long(argc, argv, "ujt:O:T:h", longopts, NULL)) != -1) {
        switch (ch) {
        case 'u':
            o->update = true;
            break;
        case 'j':
            o->json = true;
            break;
        case 't':
        case 'O':
        case 'T':
            if ((rc = check_input_option(cmd, &o->in, ch, optarg)) != EXIT_PASS)
                return rc;
            break;
        case 'h':
            usage(stdout);
            exit(cli_close_stdout(cmd, EXIT_PASS, EXIT_USAGE));
        default:
            return cli_option_error(cmd, argv, "ujt:O:T:h");
        }
    }
    if (optind >= argc)
        return cli_usage_error(cmd, "%s", _("give the checklist FILEs or a DIR of them"));
    if ((o->in.operator_name || o->in.ticket) && !o->update)
        return cli_usage_error(cmd, "%s",
                               _("--operator and --ticket go with --update: without it nothing "
                                 "is written"));
    /* The rule of the wizard's Operator and Ticket fields, as check's. */
    if ((o->in.operator_name && rules_text(o->in.operator_name, CHECKLIST_SHORT - 1, false, false,
                                           N_("--operator"), &d) < 0) ||
        (o->in.ticket &&
         rules_text(o->in.ticket, CHECKLIST_SHORT - 1, false, false, N_("--ticket"), &d) < 0))
        return cli_diag_usage_error(cmd, &d);
    return EXIT_PASS;
}

static void worse(struct run *u, int rc)
{
    if (rc > u->worst)
        u->worst = rc;
}

/* ---- progress ------------------------------------------------------------------------- */

static void progress_clear(struct run *u)
{
    if (u->progress_shown) {
        fputs("\r\033[K", stderr);
        u->progress_shown = false;
    }
}

static void tick(void *arg)
{
    struct run *u = arg;
    struct askq_stats st;
    size_t done = recheck_files_done(u->r), all = recheck_files(u->r);

    if (!u->progress)
        return;
    progress_clear(u);
    if (done == all)
        return;
    recheck_ask_stats(u->r, &st);
    fputs("\r", stderr);
    fprintf(stderr, ngettext("%zu of %zu checklist checked", "%zu of %zu checklists checked", all),
            done, all);
    fputs(", ", stderr);
    fprintf(stderr,
            ngettext("%zu DNS server still answering", "%zu DNS servers still answering",
                     st.servers_busy),
            st.servers_busy);
    fflush(stderr);
    u->progress_shown = true;
}

/* ---- results ------------------------------------------------------------------------ */

static void write_lines(struct run *u)
{
    while (u->next_line < u->n && u->lines[u->next_line]) {
        fputs(u->lines[u->next_line], stdout);
        fputc('\n', stdout);
        free(u->lines[u->next_line]);
        u->lines[u->next_line] = NULL;
        u->next_line++;
    }
    fflush(stdout);
}

static void on_result(void *arg, const struct recheck_result *r)
{
    struct run *u = arg;
    char msg[1024 + 4096];

    if (r->status != CD_OK || r->save_status != CD_OK) {
        progress_clear(u);
        fprintf(stderr, "clusterdns %s: ", u->cmd->name);
        if (r->status != CD_OK)
            text_fputs(diag_format_file(r->diag, r->path, msg, sizeof msg), stderr);
        else
            text_fputs(diag_format(r->save_diag, msg, sizeof msg), stderr);
        fputc('\n', stderr);
        worse(u, EXIT_USAGE);
    } else if (r->verdict != VERDICT_PASS) {
        worse(u, EXIT_PROBLEMS);
    }
    if (u->o->json) {
        if (recheck_json_line(r, &u->lines[r->index]) < 0)
            u->oom = true;
        write_lines(u);
    } else if (render_recheck_row(&u->rows[r->index], r) < 0) {
        u->oom = true;
    }
}

/* ---- the command ---------------------------------------------------------------------- */

static int add_paths(struct run *u, int argc, char **argv)
{
    struct cd_diag d = {0};
    int rc;

    for (int i = 0; i < argc; i++) {
        if ((rc = recheck_add(u->r, argv[i], &d)) < 0) {
            if (rc == CD_ENOMEM)
                return cli_out_of_memory(u->cmd);
            cli_diag_error(u->cmd, &d);
            worse(u, EXIT_USAGE);
        } else if (rc == 0 && !recheck_files(u->r)) {
            fprintf(stderr, "clusterdns %s: ", u->cmd->name);
            fprintf(stderr, _("no checklist (*.json) in '%s'"), argv[i]);
            fputc('\n', stderr);
            worse(u, EXIT_USAGE);
        }
    }
    return EXIT_PASS;
}

static int run_all(struct run *u)
{
    struct cd_diag d = {0};

    u->n = recheck_files(u->r);
    u->rows = calloc(u->n ? u->n : 1, sizeof *u->rows);
    u->lines = calloc(u->n ? u->n : 1, sizeof *u->lines);
    if (!u->rows || !u->lines)
        return cli_out_of_memory(u->cmd);
    if (recheck_run(u->r, tick, u, TICK_MS, &d) < 0) {
        progress_clear(u);
        return cli_diag_error(u->cmd, &d);
    }
    progress_clear(u);
    if (u->oom)
        return cli_out_of_memory(u->cmd);
    if (!u->o->json && u->n && render_recheck(stdout, u->rows, u->n) < 0)
        return cli_out_of_memory(u->cmd);
    fflush(stdout);
    return EXIT_PASS;
}

static int cmd_recheck(const struct cli_cmd *cmd, int argc, char **argv)
{
    struct options o = {0};
    struct recheck_options ro = {0};
    struct run u = {.cmd = cmd, .o = &o};
    int rc;

    if ((rc = parse_options(cmd, argc, argv, &o)) != EXIT_PASS)
        return rc;
    ro.timeout_ms = o.in.timeout_ms;
    ro.update = o.update;
    ro.operator_name = o.in.operator_name;
    ro.ticket = o.in.ticket;
    if (!(u.r = recheck_new(&ro, on_result, &u)))
        return cli_out_of_memory(cmd);
    u.progress = isatty(STDERR_FILENO);
    if ((rc = add_paths(&u, argc - optind, argv + optind)) == EXIT_PASS)
        rc = run_all(&u);
    for (size_t i = 0; u.rows && i < u.n; i++)
        render_recheck_row_fini(&u.rows[i]);
    for (size_t i = 0; u.lines && i < u.n; i++)
        free(u.lines[i]);
    free(u.rows);
    free(u.lines);
    recheck_free(u.r);
    return cli_close_stdout(cmd, rc != EXIT_PASS ? rc : u.worst, EXIT_USAGE);
}

const struct cli_cmd cli_recheck_cmd = {
    .name = "recheck",
    .try_help = N_("Try 'clusterdns recheck --help' for more information."),
    .exec = cmd_recheck,
    .usage = usage,
};
