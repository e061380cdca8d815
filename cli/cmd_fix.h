/* `clusterdns fix --emit FORM`: what to run or do to fix the node (Microsoft KB Q263029),
 * from a live check (the check's options) or a saved checklist (--load, no network), as
 * text on standard output: dnscmd, PowerShell, NT 4.0 DNS Manager steps, BIND zone lines,
 * an nsupdate script, or the node's DNS order with netsh. Exit status: 0 the text was
 * written (also when it says there is nothing to do), 1 it could not be written, 2 bad
 * usage or input. */
#ifndef CLUSTERDNS_CLI_CMD_FIX_H
#define CLUSTERDNS_CLI_CMD_FIX_H

#include <stdio.h>

int cmd_fix(int argc, char **argv);
void cmd_fix_usage(FILE *out);

#endif
