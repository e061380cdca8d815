/* `clusterdns report FILE`: a readable summary of a saved checklist for a ticket, in plain
 * text or Markdown. It only reads the file; the output depends on nothing but the file, the
 * locale and the options (no clock), so it can be compared with a golden file. Exit status:
 * 0 the summary was printed, 2 bad usage, a checklist that cannot be read, or a failed
 * write. Nothing is written on standard output unless the whole summary could be built. */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <string.h>

#include "checklist.h"
#include "cli.h"
#include "doc.h"
#include "i18n.h"
#include "render.h"
#include "text.h"

static void usage(FILE *out)
{
    fprintf(out, "%s",
            _("Usage: clusterdns report [OPTION]... FILE\n"
              "Print a readable summary of the saved checklist FILE for a ticket: the symptoms,\n"
              "the Exchange group, the names and IPs; what was found (the first check), what\n"
              "was done (in order, who and when), how it stands now (the last check: the DNS\n"
              "server order, each server and host record, the verdict) and what is left to do.\n"
              "\n"
              "  -m, --markdown   write Markdown instead of plain text\n"
              "  -h, --help       display this help and exit\n"
              "\n"
              "Exit status: 0 the summary was printed, 2 bad usage or a checklist that cannot\n"
              "be read.\n"));
}

static int fail(const char *what)
{
    return cli_error(&cli_report_cmd, "%s", what);
}

static int cmd_report(const struct cli_cmd *cmd, int argc, char **argv)
{
    static const struct option longopts[] = {
        {"markdown", no_argument, NULL, 'm'}, {"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
    struct checklist cl;
    struct cd_diag d = {0};
    bool markdown = false;
    char *text = NULL;
    size_t len = 0;
    FILE *m;
    int ch, rc = EXIT_PASS;

    opterr = 0;
    while ((ch = getopt_long(argc, argv, "mh", longopts, NULL)) != -1) {
        switch (ch) {
        case 'm':
            markdown = true;
            break;
        case 'h':
            usage(stdout);
            return cli_close_stdout(cmd, EXIT_PASS, EXIT_USAGE);
        default:
            return cli_option_error(cmd, argv, "mh");
        }
    }
    if (optind >= argc)
        return cli_usage_error(cmd, "%s", _("give the checklist FILE to summarise"));
    if (optind + 1 < argc)
        return cli_usage_error(cmd, _("unexpected argument '%s'"), argv[optind + 1]);

    checklist_init(&cl);
    if (checklist_load(argv[optind], &cl, &d) < 0) {
        rc = cli_load_error(cmd, argv[optind], &d);
        goto out;
    }
    if (!(m = open_memstream(&text, &len))) {
        rc = fail(_("out of memory"));
        goto out;
    }
    rc = render_report(m, &cl, markdown);
    if (fclose(m) != 0 || rc < 0) {
        rc = fail(_("out of memory"));
        goto out;
    }
    errno = 0;
    if (fwrite(text, 1, len, stdout) != len || fflush(stdout) != 0) {
        cli_error(cmd, _("cannot write the summary: %s"), strerror(errno ? errno : EIO));
        __fpurge(stdout); /* said once: the end of the command has nothing more to say */
        clearerr(stdout);
        rc = EXIT_USAGE;
    }
out:
    free(text);
    checklist_fini(&cl);
    return cli_close_stdout(cmd, rc, EXIT_USAGE);
}

const struct cli_cmd cli_report_cmd = {
    .name = "report",
    .try_help = N_("Try 'clusterdns report --help' for more information."),
    .exec = cmd_report,
    .usage = usage,
};
