/* `clusterdns import [--json] FILE|-`: shows what import_text() (engine/import.h), the
 * reader the wizard's paste uses, reads from a saved or pasted Windows text: its kind,
 * each adapter's DNS servers in order, the cluster groups, the resources with their
 * groups, the names and IPs from resource properties, and the lines it could not read.
 * The JSON follows doc/import.schema.json. */
#ifndef CLUSTERDNS_CLI_CMD_IMPORT_H
#define CLUSTERDNS_CLI_CMD_IMPORT_H

#include <stdio.h>

/* Exit status: 0 something usable was read, 2 nothing was (or bad usage, an unreadable
 * file, out of memory). */
int cmd_import(int argc, char **argv);
void cmd_import_usage(FILE *out);

#endif
