/* The human report of one check: servers, records, what the node gets, the verdict and
 * what to fix, translated, in columns measured by display width. */
#ifndef CLUSTERDNS_CLI_REPORT_H
#define CLUSTERDNS_CLI_REPORT_H

#include <stdio.h>

#include "check.h"

void report_check(FILE *out, struct check *c);

/* One line on the progress of a server whose questions are all answered. */
void report_server_done(FILE *out, struct check *c, size_t server);

/* Writes s to out with control characters shown as \xHH: text from DNS servers and files
 * never reaches the terminal raw. */
void report_safe(FILE *out, const char *s);

#endif
