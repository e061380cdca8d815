/* The case for people, from the one model (checklist.h) and the engine's rules: the one
 * renderer of the command line. `report` prints the whole case: what was found (the first
 * check), what was done (in order, who and when), how it stands now (the last check), what
 * is left; `check` and `fix --apply` print how it stands now and what is left. Translated;
 * text from the checklist or a DNS reply is escaped (doc.h). Nothing depends on the clock,
 * so a file always renders the same. */
#ifndef CLUSTERDNS_CLI_RENDER_H
#define CLUSTERDNS_CLI_RENDER_H

#include <stdbool.h>
#include <stdio.h>

#include "checklist.h"

/* The whole case, Markdown when markdown is true. 0, or -1 when out of memory (out may
 * then hold part of it). */
int render_report(FILE *out, const struct checklist *cl, bool markdown);

/* How the case stands after its last check, and what is left: plain text. 0 or -1. */
int render_check(FILE *out, const struct checklist *cl);

#endif
