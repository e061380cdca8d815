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
#include "recheck.h"

/* The whole case, Markdown when markdown is true. 0, or -1 when out of memory (out may
 * then hold part of it). */
int render_report(FILE *out, const struct checklist *cl, bool markdown);

/* How the case stands after its last check, and what is left: plain text. 0 or -1. */
int render_check(FILE *out, const struct checklist *cl);

/* "PASS", "FAIL", "INCOMPLETE", translated. */
const char *render_verdict_word(enum verdict v);

/* ---- recheck (render_recheck.c) ---------------------------------------------------------- */

/* One line of `recheck`'s table: the file, its ticket, its zone, the verdict (or why it was
 * not checked) and what changed since its last check, in words. Owned strings. */
struct render_recheck_row {
    char *file, *ticket, *zone, *verdict, *changes;
    int state; /* enum verdict, or -1: not checked (not readable, or not saved) */
};

/* Fills row from one file's result. 0, or -1 when out of memory (row then empty). */
int render_recheck_row(struct render_recheck_row *row, const struct recheck_result *r);
void render_recheck_row_fini(struct render_recheck_row *row);

/* The table of n rows (plain text, columns by display width; text from the files escaped)
 * and a line of totals. 0 or -1 when out of memory. */
int render_recheck(FILE *out, const struct render_recheck_row *rows, size_t n);

#endif
