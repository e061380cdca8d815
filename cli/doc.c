#include "config.h"

#include "doc.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "checklist.h"
#include "text.h"

/* ---- text from outside: shown, never obeyed ------------------------------------------ */

/* ASCII punctuation with a meaning in CommonMark's inlines or in GitHub's tables; behind a
 * backslash each shows as itself. */
static bool md_special(uint32_t cp)
{
    return cp != 0 && cp < 0x80 && strchr("\\`*_[]<>|~&", (int)cp);
}

/* Writes s as the engine's text layer shows outside text (text.h). In Markdown also its
 * metacharacters behind a backslash, and a leading "#"; where s starts a block (at_start is
 * true: a list item, a quoted line), also what would begin a list or a rule there: "-",
 * "+", "=", "1. ". */
static void put_text(FILE *out, const char *s, bool md, bool at_start)
{
    const char *p = s;
    struct text_unit u;
    size_t n;

    if (md && *p == '#') {
        fputs("\\#", out);
        p++;
    } else if (md && at_start && (*p == '-' || *p == '+' || *p == '=')) {
        fprintf(out, "\\%c", *p++);
    } else if (md && at_start && *p >= '0' && *p <= '9') {
        size_t digits = strspn(s, "0123456789");

        /* An ordered list marker: up to 9 digits, "." or ")", then a blank or the end. */
        if (digits <= 9 && (p[digits] == '.' || p[digits] == ')') &&
            (p[digits + 1] == ' ' || p[digits + 1] == '\t' || p[digits + 1] == '\0')) {
            fprintf(out, "%.*s\\%c", (int)digits, s, p[digits]);
            p += digits + 1;
        }
    }
    for (n = strlen(p); n > 0; p += u.len, n -= u.len) {
        text_next(p, n, &u);
        if (u.escaped) {
            fputs(u.esc, out);
            continue;
        }
        if (md && md_special(u.cp))
            fputc('\\', out);
        fwrite(p, 1, u.len, out);
    }
}

/* s where it starts a block (a list item, a quoted line). */
static void put_block(struct doc *r, const char *s)
{
    put_text(r->f, s, r->md, true);
}

/* s escaped for the output, malloc'ed; NULL (and r->oom) when out of memory. */
static char *esc(struct doc *r, const char *s)
{
    char *buf = NULL;
    size_t n = 0;
    FILE *m = open_memstream(&buf, &n);

    if (!m) {
        r->oom = true;
        return NULL;
    }
    put_text(m, s, r->md, false);
    if (fclose(m) != 0) {
        free(buf);
        r->oom = true;
        return NULL;
    }
    return buf;
}

char *doc_escape(struct doc *d, const char *s)
{
    return esc(d, s);
}

static void pad(FILE *out, int n)
{
    while (n-- > 0)
        fputc(' ', out);
}

/* ---- layout: headings, blocks, tables ------------------------------------------------ */

void doc_title(struct doc *r, const char *text)
{
    fprintf(r->f, r->md ? "# %s\n" : "%s\n", text);
    r->started = r->fresh = true;
}

void doc_heading(struct doc *r, const char *text)
{
    if (r->started)
        fputc('\n', r->f);
    fprintf(r->f, r->md ? "## %s\n" : "%s\n", text);
    r->started = r->fresh = true;
}

/* Before a table, a list or a paragraph: Markdown blocks are set apart by a blank line, and
 * so are the blocks of one section in plain text. */
void doc_subheading(struct doc *r, const char *text)
{
    if (r->started)
        fputc('\n', r->f);
    fprintf(r->f, r->md ? "### %s\n" : "%s\n", text);
    r->started = r->fresh = true;
}

void doc_block(struct doc *r)
{
    if (r->md || !r->fresh)
        fputc('\n', r->f);
    r->started = true;
    r->fresh = false;
}

/* A line of our own text (translated, no data). */
void doc_para(struct doc *r, const char *text)
{
    doc_block(r);
    fprintf(r->f, r->md ? "%s\n" : "  %s\n", text);
}

void doc_init(struct doc *d, FILE *f, bool markdown)
{
    memset(d, 0, sizeof *d);
    d->f = f;
    d->md = markdown;
}

void doc_strong(struct doc *d, const char *text)
{
    doc_block(d);
    fprintf(d->f, d->md ? "**%s**\n" : "  %s\n", text);
}

void doc_item(struct doc *d, const char *text)
{
    fputs(d->md ? "- " : "  * ", d->f);
    put_block(d, text);
    fputc('\n', d->f);
}

size_t doc_table_rows(const struct doc_table *t)
{
    return t->nrows;
}

void doc_table_init(struct doc_table *t, int ncols, bool header)
{
    memset(t, 0, sizeof *t);
    t->ncols = ncols;
    t->header = header;
}

void doc_table_fini(struct doc_table *t)
{
    for (size_t i = 0; i < t->nrows * (size_t)t->ncols; i++)
        free(t->cell[i]);
    free(t->cell);
}

static const char *table_at(const struct doc_table *t, size_t row, int col)
{
    const char *s = t->cell[row * (size_t)t->ncols + (size_t)col];

    return s ? s : "";
}

static void table_row(struct doc *r, struct doc_table *t, bool ours, va_list ap)
{
    if (t->nrows == t->cap) {
        size_t cap = t->cap ? 2 * t->cap : 8;
        char **cell = realloc(t->cell, cap * (size_t)t->ncols * sizeof *cell);

        if (!cell) {
            r->oom = true;
            return;
        }
        t->cell = cell;
        t->cap = cap;
    }
    for (int c = 0; c < t->ncols; c++) {
        const char *s = va_arg(ap, const char *);
        char **dst = &t->cell[t->nrows * (size_t)t->ncols + (size_t)c];

        if (!s)
            s = "";
        if (ours && !(*dst = strdup(s)))
            r->oom = true;
        else if (!ours)
            *dst = esc(r, s);
    }
    t->nrows++;
}

/* The header row: t->ncols labels of our own, as they are. */
void doc_table_head(struct doc *r, struct doc_table *t, ...)
{
    va_list ap;

    va_start(ap, t);
    table_row(r, t, true, ap);
    va_end(ap);
}

/* A row of t->ncols texts (NULL for an empty cell), escaped: they may come from the file. */
void doc_table_add(struct doc *r, struct doc_table *t, ...)
{
    va_list ap;

    va_start(ap, t);
    table_row(r, t, false, ap);
    va_end(ap);
}

static void table_print_md(struct doc *r, const struct doc_table *t, const int *width)
{
    for (size_t i = 0; i < t->nrows; i++) {
        if (!t->header) {
            fprintf(r->f, "- **%s:** %s\n", table_at(t, i, 0), table_at(t, i, 1));
            continue;
        }
        for (int c = 0; c < t->ncols; c++) {
            fprintf(r->f, "| %s ", table_at(t, i, c));
            pad(r->f, width[c] - text_width(table_at(t, i, c)));
        }
        fputs("|\n", r->f);
        for (int c = 0; i == 0 && c < t->ncols; c++) {
            fputc('|', r->f);
            for (int k = 0; k < (width[c] < 1 ? 3 : width[c] + 2); k++)
                fputc('-', r->f);
        }
        if (i == 0)
            fputs("|\n", r->f);
    }
}

/* Plain text: columns two spaces apart, measured by display width, no trailing blanks. */
static void table_print_plain(struct doc *r, const struct doc_table *t, const int *width)
{
    for (size_t i = 0; i < t->nrows; i++) {
        int last = t->ncols - 1;

        while (last > 0 && !*table_at(t, i, last))
            last--;
        fputs("  ", r->f);
        for (int c = 0; c <= last; c++) {
            fputs(table_at(t, i, c), r->f);
            if (c < last)
                pad(r->f, width[c] - text_width(table_at(t, i, c)) + 2);
        }
        fputc('\n', r->f);
    }
}

void doc_table_print(struct doc *r, const struct doc_table *t)
{
    int width[DOC_TABLE_COLS_MAX] = {0};

    for (size_t i = 0; i < t->nrows; i++)
        for (int c = 0; c < t->ncols; c++) {
            int w = text_width(table_at(t, i, c));
            width[c] = w > width[c] ? w : width[c];
        }
    doc_block(r);
    if (r->md)
        table_print_md(r, t, width);
    else
        table_print_plain(r, t, width);
}

/* ---- JSON names in words ------------------------------------------------------------- */

/* Plain text: tabs to the next multiple of 8 columns (counted in characters). */
static void put_plain_line(struct doc *r, const char *s, size_t n)
{
    char line[CHECKLIST_NOTES * 8];
    size_t o = 0, col = 0;

    for (size_t i = 0; i < n && o < sizeof line - 9; i++) {
        if (s[i] == '\t') {
            do
                line[o++] = ' ';
            while (++col % 8);
        } else {
            line[o++] = s[i];
            col += ((unsigned char)s[i] & 0xc0) != 0x80;
        }
    }
    line[o] = '\0';
    put_block(r, line);
}

/* Markdown: a quoted block, one line a line (a backslash at the end breaks the line);
 * leading blanks go, as they would make a code block. */
static void put_md_line(struct doc *r, const char *s, size_t n, bool more)
{
    char line[CHECKLIST_NOTES];
    size_t o = 0;

    while (n > 0 && (*s == ' ' || *s == '\t'))
        s++, n--;
    if (n == 0) {
        fputs(">\n", r->f);
        return;
    }
    for (size_t i = 0; i < n && o < sizeof line - 1; i++)
        line[o++] = s[i] == '\t' ? ' ' : s[i];
    line[o] = '\0';
    fputs("> ", r->f);
    put_block(r, line);
    fputs(more ? "\\\n" : "\n", r->f);
}

/* True when the line at s (up to a new line or end) holds only blanks. */
static bool blank_line(const char *s, const char *end)
{
    for (; s < end && *s != '\n'; s++)
        if (*s != ' ' && *s != '\t')
            return false;
    return true;
}

void doc_notes(struct doc *r, const char *intro, const char *notes)
{
    const char *p = notes, *end = notes + strlen(notes), *nl;

    /* No blank lines or blanks at the end. */
    while (end > notes && (end[-1] == '\n' || end[-1] == ' ' || end[-1] == '\t'))
        end--;
    if (end == notes)
        return;
    doc_para(r, intro);
    if (r->md)
        fputc('\n', r->f);
    for (; p < end; p = nl + 1) {
        size_t n;

        if (!(nl = memchr(p, '\n', (size_t)(end - p))))
            nl = end;
        n = (size_t)(nl - p);
        while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t'))
            n--;
        if (r->md) {
            /* A break only between lines of text; a blank line ends the paragraph. */
            put_md_line(r, p, n, n > 0 && nl < end && !blank_line(nl + 1, end));
        } else {
            if (n > 0) {
                fputs("    ", r->f);
                put_plain_line(r, p, n);
            }
            fputc('\n', r->f);
        }
    }
}
