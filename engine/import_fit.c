/* cluster.exe rows: every layout a row allows on its table's columns, and the one to take.
 *
 * cluster.exe prints each cell but the last padded to its column and one space after, and
 * never cuts a name: a longer one pushes the rest of the row right, one space after it. A
 * cell holds no padding. A row is read by finding the cells that reproduce exactly that
 * layout; it must show padding somewhere (a run of two spaces), so prose and rows whose
 * spacing a mail client collapsed are not mistaken for rows. When two names in a row
 * overflow their columns, the row may split more than one way; the split naming a group or
 * resource the text names elsewhere is taken, else the row is ambiguous. */
#include "config.h"

#include "import_priv.h"

#include <string.h>

#define RUNS IMP_COLUMNS
#define BUDGET 4096 /* layouts tried for one row */
#define ALTS 8      /* layouts of one row kept */

struct fit {
    const uint32_t *c;
    size_t n;
    const size_t *start; /* column k starts at start[k] */
    size_t ncol;
    size_t cell[RUNS][2];
    unsigned budget;
    size_t alt[ALTS][RUNS][2]; /* the layouts found, in the order found */
    size_t found;
};

/* Keeps the layout in f->cell; whether to stop looking (more than ALTS found). */
static bool found_layout(struct fit *f)
{
    if (f->found < ALTS)
        memcpy(f->alt[f->found], f->cell, sizeof f->cell);
    f->found++;
    return f->found > ALTS;
}

static bool spaces(const uint32_t *c, size_t a, size_t b)
{
    for (; a < b; a++)
        if (c[a] != ' ')
            return false;
    return true;
}

/* Whether c[a, b) holds two spaces in a row. */
static bool gap(const uint32_t *c, size_t a, size_t b)
{
    for (; a + 1 < b; a++)
        if (c[a] == ' ' && c[a + 1] == ' ')
            return true;
    return false;
}

/* Lays cells k.. out from pos (see the top of this file), every way the row allows: each
 * layout is kept by found_layout(); true when the search is to stop. */
static bool fit_from(struct fit *f, size_t k, size_t pos, bool padded)
{
    size_t w, e, j;

    if (f->budget == 0)
        return false;
    f->budget--;
    if (pos >= f->n) { /* the line ends: the cells left are empty */
        for (j = k; j < f->ncol; j++)
            f->cell[j][0] = f->cell[j][1] = f->n;
        return (padded || k <= 1) && found_layout(f);
    }
    if (k == f->ncol - 1) {
        f->cell[k][0] = pos;
        f->cell[k][1] = f->n;
        return (padded || k == 0) && found_layout(f);
    }
    w = f->start[k + 1] - f->start[k] - 1;
    if (f->c[pos] == ' ') { /* an empty cell: its padding and the space after */
        if (pos + w + 1 > f->n || !spaces(f->c, pos, pos + w + 1))
            return false;
        f->cell[k][0] = f->cell[k][1] = pos;
        return fit_from(f, k + 1, pos + w + 1, true);
    }
    for (e = pos + 1; e <= f->n; e++) {
        if (e < f->n && !(f->c[e] == ' ' && f->c[e - 1] != ' '))
            continue;
        /* A cell holds no padding: past a run of two spaces, the row has another cell
         * ("Exchange IP Address Address      172.16.8.31" is a name, then a value). */
        if (gap(f->c, pos, e))
            break;
        f->cell[k][0] = pos;
        f->cell[k][1] = e;
        if (e == f->n) {
            for (j = k + 1; j < f->ncol; j++)
                f->cell[j][0] = f->cell[j][1] = f->n;
            return (padded || k == 0) && found_layout(f);
        }
        if (e - pos < w) {
            if (pos + w + 1 <= f->n && spaces(f->c, e, pos + w + 1) &&
                (pos + w + 1 == f->n || f->c[pos + w + 1] != ' ') &&
                fit_from(f, k + 1, pos + w + 1, true))
                return true;
        } else if (e + 1 < f->n && f->c[e + 1] != ' ' && fit_from(f, k + 1, e + 1, padded)) {
            return true;
        }
        if (f->budget == 0)
            return false;
    }
    return false;
}

/* Whether name is one of the groups or resources (with their properties or not) of r, as
 * column what asks. */
static bool known_name(const struct import_result *r, enum imp_column what, const char *name)
{
    size_t i;

    if (!*name)
        return false;
    if (what == IMP_COLUMN_GROUP)
        for (i = 0; i < r->n_groups; i++)
            if (strcmp(r->groups[i], name) == 0)
                return true;
    if (what == IMP_COLUMN_RESOURCE) {
        for (i = 0; i < r->n_resources; i++)
            if (strcmp(r->resources[i].name, name) == 0)
                return true;
        for (i = 0; i < r->n_props; i++)
            if (strcmp(r->props[i].resource, name) == 0)
                return true;
    }
    return false;
}

/* Cells of layout a of f that are not empty. */
static size_t layout_filled(const struct fit *f, size_t a)
{
    size_t k, n = 0;

    for (k = 0; k < f->ncol; k++)
        n += f->alt[a][k][1] > f->alt[a][k][0];
    return n;
}

/* The layout of a row to take, or ALTS when it is ambiguous. A layout that leaves cells
 * empty at the end of the line is no rival to one that fills them ("NODEA Online" is a
 * node and a status, not one node); among those left, the one naming the most groups and
 * resources the text names elsewhere (known), when one does. */
static size_t choose_layout(const struct import_result *known, const enum imp_column *what,
                            const struct fit *f)
{
    char cell[IMPORT_NAME_SIZE];
    size_t a, k, most = 0, best = ALTS, best_score = 0, score, rivals = 0;
    bool tie = false;

    if (f->found > ALTS)
        return ALTS;
    for (a = 0; a < f->found; a++)
        if (layout_filled(f, a) > most)
            most = layout_filled(f, a);
    for (a = 0; a < f->found; a++)
        if (layout_filled(f, a) == most)
            rivals++, best = a;
    if (rivals == 1)
        return best;
    if (!known)
        return ALTS;
    for (best = ALTS, a = 0; a < f->found; a++) {
        if (layout_filled(f, a) != most)
            continue;
        for (score = 0, k = 0; k < f->ncol; k++) {
            imp_encode(cell, sizeof cell, f->c, f->alt[a][k][0], f->alt[a][k][1]);
            score += known_name(known, what[k], cell);
        }
        if (score > best_score)
            best = a, best_score = score, tie = false;
        else if (score == best_score)
            tie = true;
    }
    return best_score && !tie ? best : ALTS;
}

enum imp_cells imp_fit_row(const uint32_t *c, size_t n, const size_t *start, size_t ncol,
                           const enum imp_column *what, const struct import_result *known,
                           char cell[][IMPORT_NAME_SIZE])
{
    struct fit f;
    size_t k, filled = 0, a;

    if (ncol == 0 || ncol > RUNS)
        return IMP_CELLS_NONE;
    memset(&f, 0, sizeof f);
    f.c = c;
    f.n = n;
    f.start = start;
    f.ncol = ncol;
    f.budget = BUDGET;
    fit_from(&f, 0, 0, false);
    if (!f.found)
        return IMP_CELLS_NONE;
    a = choose_layout(known, what, &f);
    for (k = 0; k < ncol; k++) {
        imp_encode(cell[k], IMPORT_NAME_SIZE, c, f.alt[a < ALTS ? a : 0][k][0],
                   f.alt[a < ALTS ? a : 0][k][1]);
        filled += cell[k][0] != '\0';
    }
    if (!filled)
        return IMP_CELLS_NONE;
    return a == ALTS ? IMP_CELLS_AMBIGUOUS : IMP_CELLS_ROW;
}
