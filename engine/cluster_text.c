#include "config.h"

#include "cluster_text.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"

/* How the text is read.
 *
 * Lines. A BOM is skipped; CRLF, LF and a lone CR end lines. The text is decoded as UTF-8
 * (a byte that starts no valid sequence becomes U+FFFD) into one code point per column,
 * because cluster.exe lays its columns out in characters, not bytes. Tabs become spaces up
 * to the next multiple of 8; no-break spaces (U+00A0, U+202F) become spaces; other control
 * characters, and a BOM inside the text, are dropped. Leading spaces are removed from every
 * line, so a ruler and rows indented differently by a mail client still line up (cluster.exe
 * starts its columns at the left margin, and no name is blank).
 *
 * The ruler is the first line made only of runs of two or more dashes separated by spaces,
 * with 3 runs (`cluster group`: group, node, status) or 4 (`cluster res`: resource, group,
 * node, status); the header above it may be in any language and is not read. Column i runs
 * from the start of run i to the start of run i + 1; the last one to the end of the line.
 *
 * Under the ruler, a line "lines up" when at least two of its cells hold text and each of
 * those texts starts exactly at its column, after a space; rows of cluster.exe always do.
 *   - A line that lines up is a row (missing cells are empty).
 *   - A blank line ends the table unless the next line lines up.
 *   - A dashed line, or the line above another ruler (the next table's header), ends it.
 *   - Any other line is taken as the end of the previous row wrapped by a mail client: it
 *     is split at runs of two or more spaces, the last pieces fill the previous row's empty
 *     last cells, and a piece left over continues the last cell that has text ("Online" +
 *     "Pending"). This is done when the previous row lacks cells and the pieces are at most
 *     one more than the empty cells, or, for a complete previous row, when the line has
 *     text in the first column only and a row follows it.
 *   - Text that is none of these ends the table (a prompt, a signature) if no row follows;
 *     between rows it is an error that quotes it. The first line under the ruler with text
 *     in the first column only is a row when a row follows it.
 * Cells are trimmed and cut to CLUSTER_TEXT_NAME - 1 bytes at a character boundary. */

#define LINE_COLS 1024 /* columns kept of a line; text further right is cut */
#define COLS_MAX 4
#define QUOTE_SIZE 120 /* bytes of a line quoted in a message */
#define NUM_SIZE 24    /* a size_t in decimal */

static const char *const text_field = N_("Pasted text");
static const char *const unfit_fmt =
    N_("line %1$s does not line up with the columns of the dashed ruler: \"%2$s\"");

struct line {
    uint32_t c[LINE_COLS]; /* one code point per column, without leading or trailing spaces */
    size_t n;
    size_t no; /* line number, from 1 */
};

struct ruler {
    size_t ncol;
    size_t start[COLS_MAX]; /* column of each run of dashes */
    size_t no;              /* its line number */
};

struct parse {
    const char *p; /* next unread byte */
    size_t lineno;
    struct ruler r;
    struct cluster_row *rows;
    size_t n, cap;
    size_t unfit_no; /* a line just under the ruler that does not line up, or 0 */
    char unfit_quote[QUOTE_SIZE];
};

static const char *num(char buf[NUM_SIZE], size_t v)
{
    snprintf(buf, NUM_SIZE, "%zu", v);
    return buf;
}

/* ---- UTF-8 ---------------------------------------------------------------------------- */

/* Decodes the character at p (not at its NUL) into *cp and returns its length in bytes; a
 * byte that starts no valid sequence gives U+FFFD and length 1. */
static size_t utf8_decode(const unsigned char *p, uint32_t *cp)
{
    uint32_t c, min;
    size_t len, i;

    if (p[0] < 0x80) {
        *cp = p[0];
        return 1;
    }
    if (p[0] >= 0xc2 && p[0] <= 0xdf) {
        len = 2;
        c = p[0] & 0x1fu;
        min = 0x80;
    } else if ((p[0] & 0xf0) == 0xe0) {
        len = 3;
        c = p[0] & 0x0fu;
        min = 0x800;
    } else if (p[0] >= 0xf0 && p[0] <= 0xf4) {
        len = 4;
        c = p[0] & 0x07u;
        min = 0x10000;
    } else {
        *cp = 0xfffd;
        return 1;
    }
    for (i = 1; i < len; i++) {
        if ((p[i] & 0xc0) != 0x80) { /* also stops at the NUL */
            *cp = 0xfffd;
            return 1;
        }
        c = c << 6 | (p[i] & 0x3fu);
    }
    if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff)) {
        *cp = 0xfffd;
        return 1;
    }
    *cp = c;
    return len;
}

static size_t utf8_encode(uint32_t c, char out[4])
{
    if (c < 0x80) {
        out[0] = (char)c;
        return 1;
    }
    if (c < 0x800) {
        out[0] = (char)(0xc0 | c >> 6);
        out[1] = (char)(0x80 | (c & 0x3f));
        return 2;
    }
    if (c < 0x10000) {
        out[0] = (char)(0xe0 | c >> 12);
        out[1] = (char)(0x80 | (c >> 6 & 0x3f));
        out[2] = (char)(0x80 | (c & 0x3f));
        return 3;
    }
    out[0] = (char)(0xf0 | c >> 18);
    out[1] = (char)(0x80 | (c >> 12 & 0x3f));
    out[2] = (char)(0x80 | (c >> 6 & 0x3f));
    out[3] = (char)(0x80 | (c & 0x3f));
    return 4;
}

/* Appends the characters c[a, b) to the string dst of the given size, stopping before the
 * first one that does not fit whole. */
static void append_cps(char *dst, size_t size, const uint32_t *c, size_t a, size_t b)
{
    size_t len = strlen(dst), k;
    char enc[4];

    for (; a < b; a++) {
        k = utf8_encode(c[a], enc);
        if (len + k >= size)
            break;
        memcpy(dst + len, enc, k);
        len += k;
    }
    dst[len] = '\0';
}

/* Appends the string src to the string dst of the given size, cut at a character
 * boundary to fit. */
static void append_utf8(char *dst, size_t size, const char *src)
{
    size_t len = strlen(dst), add = strlen(src);

    if (len + add >= size) {
        add = size - 1 - len;
        while (add && ((unsigned char)src[add] & 0xc0) == 0x80)
            add--;
    }
    memcpy(dst + len, src, add);
    dst[len + add] = '\0';
}

/* ---- lines ----------------------------------------------------------------------------- */

static void push(struct line *l, uint32_t c)
{
    if (l->n < LINE_COLS)
        l->c[l->n++] = c;
}

/* Reads the line at p into l (see the top of this file); returns where the next one
 * starts. */
static const char *read_line(const char *p, size_t *lineno, struct line *l)
{
    size_t lead = 0;
    uint32_t c;

    l->n = 0;
    l->no = ++*lineno;
    while (*p && *p != '\n' && *p != '\r') {
        p += utf8_decode((const unsigned char *)p, &c);
        if (c == '\t') {
            do
                push(l, ' ');
            while (l->n % 8 && l->n < LINE_COLS);
        } else if (c == 0xa0 || c == 0x202f) {
            push(l, ' ');
        } else if (!(c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == 0xfeff)) {
            push(l, c);
        }
    }
    if (*p == '\r')
        p++;
    if (*p == '\n')
        p++;
    while (l->n && l->c[l->n - 1] == ' ')
        l->n--;
    while (lead < l->n && l->c[lead] == ' ')
        lead++;
    memmove(l->c, l->c + lead, (l->n - lead) * sizeof l->c[0]);
    l->n -= lead;
    return p;
}

static void quote_line(const struct line *l, char *buf, size_t size)
{
    buf[0] = '\0';
    append_cps(buf, size, l->c, 0, l->n);
}

/* The number of runs of dashes when l is made only of runs of two or more dashes separated
 * by spaces, else 0. Stores the first COLS_MAX starts in start (may be NULL). */
static size_t dash_runs(const struct line *l, size_t start[COLS_MAX])
{
    size_t i = 0, runs = 0, from;

    while (i < l->n) {
        if (l->c[i] == ' ') {
            i++;
            continue;
        }
        for (from = i; i < l->n && l->c[i] == '-'; i++)
            ;
        if (i - from < 2 || (i < l->n && l->c[i] != ' '))
            return 0;
        if (start && runs < COLS_MAX)
            start[runs] = from;
        runs++;
    }
    return runs;
}

/* Column i of line l under ruler r: [*a, *b), trimmed. Returns whether its text starts
 * exactly at the column, after a space (or at the start of the line). */
static bool cell_bounds(const struct line *l, const struct ruler *r, size_t i, size_t *a, size_t *b)
{
    size_t s = r->start[i] < l->n ? r->start[i] : l->n;
    size_t e = i + 1 < r->ncol && r->start[i + 1] < l->n ? r->start[i + 1] : l->n;

    *a = s;
    *b = e;
    while (*a < *b && l->c[*a] == ' ')
        ++*a;
    while (*b > *a && l->c[*b - 1] == ' ')
        --*b;
    return *a == s && (s == 0 || l->c[s - 1] == ' ');
}

/* How many cells of l hold text; *aligned tells whether each starts at its column. */
static size_t filled_cells(const struct line *l, const struct ruler *r, bool *aligned)
{
    size_t i, a, b, filled = 0;

    *aligned = true;
    for (i = 0; i < r->ncol; i++) {
        bool at_start = cell_bounds(l, r, i, &a, &b);

        if (a < b) {
            filled++;
            *aligned = *aligned && at_start;
        }
    }
    return filled;
}

/* A row of its own: text in two cells or more, each at its column. */
static bool lines_up(const struct line *l, const struct ruler *r)
{
    bool aligned;

    return l && dash_runs(l, NULL) == 0 && filled_cells(l, r, &aligned) >= 2 && aligned;
}

/* ---- rows ------------------------------------------------------------------------------ */

/* Points cell[] at the fields of row in column order; returns how many. */
static size_t row_cells(struct cluster_row *row, size_t ncol, char *cell[COLS_MAX])
{
    size_t i = 0;

    if (ncol == 4)
        cell[i++] = row->resource;
    cell[i++] = row->group;
    cell[i++] = row->node;
    cell[i++] = row->status;
    return i;
}

static int add_row(struct parse *ps, const struct line *l, struct cd_diag *d)
{
    char *cell[COLS_MAX], max[NUM_SIZE];
    struct cluster_row *row;
    size_t i, a, b;

    if (ps->n == CLUSTER_TEXT_MAX)
        return diag_set(d, CD_EFORMAT, text_field, NULL,
                        N_("lists more than %1$s rows under the dashed ruler, the most "
                           "clusterdns reads"),
                        num(max, CLUSTER_TEXT_MAX), NULL);
    if (ps->n == ps->cap) {
        size_t cap = ps->cap ? 2 * ps->cap : 16;
        struct cluster_row *rows;

        if (cap > CLUSTER_TEXT_MAX)
            cap = CLUSTER_TEXT_MAX;
        rows = realloc(ps->rows, cap * sizeof *rows);
        if (!rows)
            return diag_set(d, CD_ENOMEM, NULL, NULL, N_("out of memory"), NULL, NULL);
        ps->rows = rows;
        ps->cap = cap;
    }
    row = &ps->rows[ps->n++];
    memset(row, 0, sizeof *row);
    row_cells(row, ps->r.ncol, cell);
    for (i = 0; i < ps->r.ncol; i++) {
        cell_bounds(l, &ps->r, i, &a, &b);
        append_cps(cell[i], CLUSTER_TEXT_NAME, l->c, a, b);
    }
    return CD_OK;
}

/* Empty cells at the end of row, at most all but the first. */
static size_t missing_cells(char *const cell[], size_t ncol)
{
    size_t m = 0;

    while (m + 1 < ncol && cell[ncol - 1 - m][0] == '\0')
        m++;
    return m;
}

/* Splits l at runs of two or more spaces into span[] (room for LINE_COLS / 3 + 1);
 * returns how many pieces. */
static size_t pieces(const struct line *l, size_t span[][2])
{
    size_t i = 0, k = 0;

    while (i < l->n) {
        span[k][0] = i;
        while (i < l->n && !(l->c[i] == ' ' && i + 1 < l->n && l->c[i + 1] == ' '))
            i++;
        span[k++][1] = i;
        while (i < l->n && l->c[i] == ' ')
            i++;
    }
    return k;
}

/* Adds l to the previous row as the wrapped end of its line (see the top of this file);
 * false when l cannot be that. */
static bool take_tail(struct parse *ps, const struct line *l, size_t filled, bool row_follows)
{
    size_t span[LINE_COLS / 3 + 1][2];
    char *cell[COLS_MAX], rest[CLUSTER_TEXT_NAME] = "";
    size_t ncol = row_cells(&ps->rows[ps->n - 1], ps->r.ncol, cell);
    size_t m = missing_cells(cell, ncol), k = pieces(l, span), fill = k < m ? k : m, j;
    char *last = cell[ncol - 1 - m];

    if (m > 0 ? k > m + 1 : !(filled == 1 && row_follows))
        return false;
    for (j = 0; j < fill; j++)
        append_cps(cell[ncol - fill + j], CLUSTER_TEXT_NAME, l->c, span[k - fill + j][0],
                   span[k - fill + j][1]);
    if (k > fill) {
        /* The text left over continues the last cell, after a space. */
        rest[0] = ' ';
        append_cps(rest, sizeof rest, l->c, span[0][0], span[k - fill - 1][1]);
        append_utf8(last, CLUSTER_TEXT_NAME, rest);
    }
    return true;
}

static int unfit(const struct line *l, struct cd_diag *d)
{
    char no[NUM_SIZE], quote[QUOTE_SIZE];

    quote_line(l, quote, sizeof quote);
    return diag_set(d, CD_EFORMAT, text_field, NULL, unfit_fmt, num(no, l->no), quote);
}

/* Takes line l under the ruler; next is the line after it, or NULL at the end. Sets *end
 * when the table ends before l. */
static int take_line(struct parse *ps, const struct line *l, const struct line *next,
                     bool *blank_before, bool *end, struct cd_diag *d)
{
    bool aligned, row_follows;
    size_t filled;

    if (l->n == 0) {
        *blank_before = true;
        return CD_OK;
    }
    if (dash_runs(l, NULL) || (next && dash_runs(next, NULL) >= 2)) {
        *end = true;
        return CD_OK;
    }
    filled = filled_cells(l, &ps->r, &aligned);
    if (filled >= 2 && aligned) {
        *blank_before = false;
        return add_row(ps, l, d);
    }
    if (*blank_before) {
        *end = true;
        return CD_OK;
    }
    row_follows = lines_up(next, &ps->r);
    if (ps->n > 0 && take_tail(ps, l, filled, row_follows))
        return CD_OK;
    if (ps->n == 0 && filled == 1 && row_follows)
        return add_row(ps, l, d); /* a first row cut short */
    if (row_follows)
        return unfit(l, d);
    if (ps->n == 0 && filled > 1) {
        ps->unfit_no = l->no;
        quote_line(l, ps->unfit_quote, sizeof ps->unfit_quote);
    }
    *end = true;
    return CD_OK;
}

/* Finds the ruler, leaving ps->p after it. */
static int find_ruler(struct parse *ps, struct line *l, struct cd_diag *d)
{
    size_t runs, bad_no = 0, bad_runs = 0;
    char a[NUM_SIZE], b[NUM_SIZE];

    while (*ps->p) {
        ps->p = read_line(ps->p, &ps->lineno, l);
        runs = dash_runs(l, ps->r.start);
        if (runs == 3 || runs == 4) {
            ps->r.ncol = runs;
            ps->r.no = l->no;
            return CD_OK;
        }
        if (runs >= 2 && bad_no == 0) {
            bad_no = l->no;
            bad_runs = runs;
        }
    }
    if (bad_no)
        return diag_set(d, CD_EFORMAT, text_field, NULL,
                        N_("has a dashed ruler of %1$s columns on line %2$s; \"cluster group\" "
                           "prints 3 and \"cluster res\" prints 4"),
                        num(a, bad_runs), num(b, bad_no));
    return diag_set(d, CD_EFORMAT, text_field, NULL,
                    N_("has no dashed ruler line (\"------- -----\") under the column names; "
                       "paste the whole output of \"cluster group\""),
                    NULL, NULL);
}

static int read_rows(struct parse *ps, struct line *cur, struct line *next, struct cd_diag *d)
{
    bool blank_before = false, end = false, more;
    struct line *swap;
    int rc = CD_OK;

    if (!*ps->p)
        return CD_OK;
    ps->p = read_line(ps->p, &ps->lineno, cur);
    for (;;) {
        more = *ps->p != '\0';
        if (more)
            ps->p = read_line(ps->p, &ps->lineno, next);
        rc = take_line(ps, cur, more ? next : NULL, &blank_before, &end, d);
        if (rc != CD_OK || end || !more)
            return rc;
        swap = cur, cur = next, next = swap;
    }
}

static bool blank_text(const char *s)
{
    return s[strspn(s, " \t\r\n")] == '\0';
}

int cluster_text_parse(const char *text, struct cluster_table *t, struct cd_diag *d)
{
    struct line lines[2];
    struct parse ps;
    char no[NUM_SIZE];
    int rc;

    memset(&ps, 0, sizeof ps);
    ps.p = text ? text : "";
    /* PowerShell's ">" writes UTF-16, which reaches us cut at its first zero byte. */
    if (strncmp(ps.p, "\xff\xfe", 2) == 0 || strncmp(ps.p, "\xfe\xff", 2) == 0)
        return diag_set(d, CD_EFORMAT, text_field, NULL,
                        N_("is UTF-16 text; save it as UTF-8 and try again"), NULL, NULL);
    if (strncmp(ps.p, "\xef\xbb\xbf", 3) == 0)
        ps.p += 3; /* the byte order mark Notepad writes */
    if (blank_text(ps.p))
        return diag_set(d, CD_EFORMAT, text_field, NULL,
                        N_("is empty; paste the output of \"cluster group\""), NULL, NULL);
    if ((rc = find_ruler(&ps, &lines[0], d)) != CD_OK ||
        (rc = read_rows(&ps, &lines[0], &lines[1], d)) != CD_OK)
        goto out;
    if (ps.n == 0) {
        if (ps.unfit_no)
            rc = diag_set(d, CD_EFORMAT, text_field, NULL, unfit_fmt, num(no, ps.unfit_no),
                          ps.unfit_quote);
        else
            rc = diag_set(d, CD_EFORMAT, text_field, NULL,
                          N_("lists no group under the dashed ruler on line %1$s"),
                          num(no, ps.r.no), NULL);
        goto out;
    }
    free(t->rows);
    t->rows = ps.rows;
    t->n = ps.n;
    t->has_resources = ps.r.ncol == 4;
    ps.rows = NULL;
out:
    free(ps.rows);
    return rc;
}

/* ---- the table ------------------------------------------------------------------------- */

void cluster_table_init(struct cluster_table *t)
{
    memset(t, 0, sizeof *t);
}

void cluster_table_fini(struct cluster_table *t)
{
    free(t->rows);
    cluster_table_init(t);
}

size_t cluster_text_groups(const struct cluster_table *t, const char **out, size_t max)
{
    size_t i, j, n = 0;

    for (i = 0; i < t->n && n < max; i++) {
        const char *g = t->rows[i].group;

        if (*g == '\0')
            continue;
        for (j = 0; j < n && strcmp(out[j], g) != 0; j++)
            ;
        if (j == n)
            out[n++] = g;
    }
    return n;
}
