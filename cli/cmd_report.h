/* `clusterdns report FILE`: a readable summary of a saved checklist for a ticket, in plain
 * text or Markdown. It only reads the file; the output depends on nothing but the file, the
 * locale and the options (no clock), so it can be compared with a golden file. */
#ifndef CLUSTERDNS_CLI_CMD_REPORT_H
#define CLUSTERDNS_CLI_CMD_REPORT_H

#include <stdbool.h>
#include <stdio.h>

struct checklist;

/* Exit status (cmd_check.h's numbers): 0 the summary was printed, 2 bad usage, a checklist
 * that cannot be read, or a failed write. Nothing is written on standard output unless the
 * whole summary could be built. */
int cmd_report(int argc, char **argv);
void cmd_report_usage(FILE *out);

/* Writes the summary of cl to out, translated, Markdown when markdown is true. Text from
 * the checklist is escaped: control, C1 and bidirectional formatting characters are shown
 * as \xHH or \uXXXX, and in Markdown its metacharacters are put behind a backslash.
 * Returns 0, or -1 when out of memory (out may then hold part of the summary). */
int report_checklist(FILE *out, const struct checklist *cl, bool markdown);

#endif
