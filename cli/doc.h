/* The document the command line writes for people: plain text or Markdown, with headings,
 * paragraphs, lists, tables in columns measured by display width, and quoted notes. Text
 * from outside (a checklist, a DNS reply, an argument) is shown, never obeyed: control, C1
 * and bidirectional formatting characters are escaped as \xHH or \uXXXX, and in Markdown
 * its metacharacters are put behind a backslash. The document is written to a FILE the
 * caller owns (a memory stream, so that a failure leaves nothing half written). */
#ifndef CLUSTERDNS_CLI_DOC_H
#define CLUSTERDNS_CLI_DOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct doc {
    FILE *f;
    bool md;
    bool started; /* something was written: blocks after it need a blank line first */
    bool fresh;   /* just after a heading: plain text needs no blank line there */
    bool oom;
};

void doc_init(struct doc *d, FILE *f, bool markdown);
/* Our own (translated) text: the document's title, a section's heading, a paragraph. */
void doc_title(struct doc *d, const char *text);
void doc_heading(struct doc *d, const char *text);
/* A heading inside a section (Markdown: one level down). */
void doc_subheading(struct doc *d, const char *text);
void doc_para(struct doc *d, const char *text);
/* A strong line of our own (Markdown: bold). */
void doc_strong(struct doc *d, const char *text);
/* A list item whose text may come from outside (escaped); call doc_block() before a list. */
void doc_item(struct doc *d, const char *text);
void doc_block(struct doc *d);
/* Notes typed by an operator, under an intro of our own: indented in plain text (tabs to
 * columns of 8), a quote in Markdown. Blank lines at the end are dropped. */
void doc_notes(struct doc *d, const char *intro, const char *notes);

#define DOC_TABLE_COLS_MAX 8

/* Rows of escaped cells. With a header, the first row names the columns; without one it
 * is a list of labels (2 columns) and values: "- **Label:** value" in Markdown. */
struct doc_table {
    int ncols;
    bool header;
    size_t nrows, cap;
    char **cell; /* nrows * ncols */
};

void doc_table_init(struct doc_table *t, int ncols, bool header);
void doc_table_fini(struct doc_table *t);
/* The header row: t->ncols labels of our own, as they are. */
void doc_table_head(struct doc *d, struct doc_table *t, ...);
/* A row of t->ncols texts (NULL for an empty cell), escaped: they may come from outside. */
void doc_table_add(struct doc *d, struct doc_table *t, ...);
/* Prints the table (plain: columns two spaces apart, no trailing blanks). */
void doc_table_print(struct doc *d, const struct doc_table *t);
/* Rows added so far, the header included. */
size_t doc_table_rows(const struct doc_table *t);

/* s as the document shows text from outside, malloc'ed (escaped; NULL and d->oom when out of
 * memory): for our own sentences that quote it. */
char *doc_escape(struct doc *d, const char *s);

#endif
