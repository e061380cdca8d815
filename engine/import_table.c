/* Tables under a dashed ruler: cluster.exe's `cluster group`, `cluster res` and
 * `cluster res /priv`, and PowerShell's Get-ClusterGroup, Get-ClusterResource,
 * Get-ClusterParameter and Get-DnsClientServerAddress.
 *
 * A ruler is a line of two or more runs of two or more dashes. Its runs are the columns;
 * the line above (and the one above that, for PowerShell's two-line headers) names them.
 * PowerShell's header words are property names, never translated ("Name", "OwnerGroup",
 * "ServerAddresses"); cluster.exe's are translated, so its words are looked up in the
 * languages Windows ships and, when none is known, its tables are told by their ruler:
 * 3 runs `cluster group`, 4 `cluster res`, a first run of 2 dashes (the property type
 * column "T") `cluster res /priv`; also when the words that are known name the columns
 * the ruler puts there. A table with known words that fit none of these is not read: its
 * rows are listed as unread.
 *
 * Rows. cluster.exe's rows are laid out on the columns by import_fit.c (names longer than
 * their column push the row right). PowerShell cuts long cells ("...") and aligns numbers
 * and states right, so its cells are the runs of text split at runs of two spaces and at
 * column starts, each given to the column it overlaps most.
 *
 * The rows end at a blank line not followed by a row, a prompt or command line, a dashed
 * line, or the header of the next table. A line in between that is no row is the wrapped
 * end of the row above when it fits the row's empty last cells, else unread; a row that
 * splits several ways no other part of the text settles is unread too. */
#include "config.h"

#include "import_priv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define COLS 1024        /* characters of a line looked at */
#define RUNS IMP_COLUMNS /* columns of a table */

struct row {
    uint32_t c[COLS];
    size_t n;
};

enum role {
    R_NONE = 0,
    R_RESOURCE, /* cluster.exe Resource */
    R_GROUP,    /* Group, OwnerGroup */
    R_NODE,     /* Node, OwnerNode */
    R_STATUS,   /* Status, State */
    R_TYPE,     /* ResourceType */
    R_T,        /* cluster.exe property type "T" */
    R_NAME,     /* Name: a property's (cluster.exe /priv) or the object's (PowerShell) */
    R_VALUE,    /* Value */
    R_OBJECT,   /* Get-ClusterParameter Object */
    R_PTYPE,    /* Get-ClusterParameter Type */
    R_IFALIAS,  /* InterfaceAlias */
    R_IFINDEX,  /* Interface Index */
    R_FAMILY,   /* Address Family */
    R_SERVERS,  /* ServerAddresses */
    R_OTHER,    /* a known word of no use here */
};

enum table_kind { T_UNKNOWN, T_GROUP, T_RES, T_PRIV, T_PS_GROUP, T_PS_RES, T_PS_PARAM, T_PS_DNS };

struct table {
    size_t ncol;
    size_t start[RUNS + 1], end[RUNS]; /* run k: columns [start, end) */
    enum role role[RUNS];
    enum table_kind kind;
    bool ps; /* PowerShell layout */
    char resource[IMPORT_NAME_SIZE]; /* /priv of one resource: its name */
};

/* ---- characters -------------------------------------------------------------------------- */

static void decode(const char *s, struct row *r)
{
    r->n = 0;
    while (*s && r->n < COLS)
        s += imp_utf8_decode(s, &r->c[r->n++]);
}

/* ---- rulers and headers ------------------------------------------------------------------ */

/* Runs of dashes of l when it is a ruler (see the top), else 0. */
static size_t ruler_runs(const struct row *l, struct table *t)
{
    size_t i = 0, k = 0, from;

    while (i < l->n) {
        if (l->c[i] == ' ') {
            i++;
            continue;
        }
        for (from = i; i < l->n && l->c[i] == '-'; i++)
            ;
        if (i - from < 2 || (i < l->n && l->c[i] != ' ') || k == RUNS)
            return 0;
        t->start[k] = from;
        t->end[k++] = i;
    }
    return k >= 2 ? k : 0;
}

static const struct {
    const char *word;
    enum role role;
    bool ps; /* a PowerShell property name */
} words[] = {
    {"Name", R_NAME, true},
    {"State", R_STATUS, true},
    {"OwnerGroup", R_GROUP, true},
    {"OwnerNode", R_NODE, true},
    {"ResourceType", R_TYPE, true},
    {"Object", R_OBJECT, true},
    {"Value", R_VALUE, true},
    {"Type", R_PTYPE, true},
    {"InterfaceAlias", R_IFALIAS, true},
    {"Interface Index", R_IFINDEX, true},
    {"InterfaceIndex", R_IFINDEX, true},
    {"Address Family", R_FAMILY, true},
    {"AddressFamily", R_FAMILY, true},
    {"ServerAddresses", R_SERVERS, true},
    {"Group", R_GROUP, false},
    {"Resource", R_RESOURCE, false},
    {"Node", R_NODE, false},
    {"Status", R_STATUS, false},
    {"T", R_T, false},
    /* cluster.exe in the languages Windows ships */
    {"Ressource", R_RESOURCE, false},
    {"Recurso", R_RESOURCE, false},
    {"Risorsa", R_RESOURCE, false},
    {"Zas\xc3\xb3" "b", R_RESOURCE, false},
    {"\xd0\xa0\xd0\xb5\xd1\x81\xd1\x83\xd1\x80\xd1\x81", R_RESOURCE, false},
    {"\xe8\xb5\x84\xe6\xba\x90", R_RESOURCE, false},
    {"\xe3\x83\xaa\xe3\x82\xbd\xe3\x83\xbc\xe3\x82\xb9", R_RESOURCE, false},
    {"\xeb\xa6\xac\xec\x86\x8c\xec\x8a\xa4", R_RESOURCE, false},
    {"Gruppe", R_GROUP, false},
    {"Groupe", R_GROUP, false},
    {"Grupo", R_GROUP, false},
    {"Gruppo", R_GROUP, false},
    {"Groep", R_GROUP, false},
    {"Grupa", R_GROUP, false},
    {"\xd0\x93\xd1\x80\xd1\x83\xd0\xbf\xd0\xbf\xd0\xb0", R_GROUP, false},
    {"\xe7\xbb\x84", R_GROUP, false},
    {"\xe3\x82\xb0\xe3\x83\xab\xe3\x83\xbc\xe3\x83\x97", R_GROUP, false},
    {"\xea\xb7\xb8\xeb\xa3\xb9", R_GROUP, false},
    {"Knoten", R_NODE, false},
    {"N\xc5\x93ud", R_NODE, false},
    {"Noeud", R_NODE, false},
    {"Nodo", R_NODE, false},
    {"Knooppunt", R_NODE, false},
    {"N\xc3\xb3", R_NODE, false},
    {"W\xc4\x99ze\xc5\x82", R_NODE, false},
    {"\xd0\xa3\xd0\xb7\xd0\xb5\xd0\xbb", R_NODE, false},
    {"\xe8\x8a\x82\xe7\x82\xb9", R_NODE, false},
    {"\xe3\x83\x8e\xe3\x83\xbc\xe3\x83\x89", R_NODE, false},
    {"\xeb\x85\xb8\xeb\x93\x9c", R_NODE, false},
    {"\xc3\x89tat", R_STATUS, false},
    {"Etat", R_STATUS, false},
    {"Estado", R_STATUS, false},
    {"Stato", R_STATUS, false},
    {"Stan", R_STATUS, false},
    {"\xd0\xa1\xd0\xbe\xd1\x81\xd1\x82\xd0\xbe\xd1\x8f\xd0\xbd\xd0\xb8\xd0\xb5", R_STATUS, false},
    {"\xe7\x8a\xb6\xe6\x80\x81", R_STATUS, false},
    {"\xe7\x8a\xb6\xe6\x85\x8b", R_STATUS, false},
    {"\xec\x83\x81\xed\x83\x9c", R_STATUS, false},
    {"Nom", R_NAME, false},
    {"Nombre", R_NAME, false},
    {"Nome", R_NAME, false},
    {"Naam", R_NAME, false},
    {"Nazwa", R_NAME, false},
    {"Wert", R_VALUE, false},
    {"Valeur", R_VALUE, false},
    {"Valor", R_VALUE, false},
    {"Valore", R_VALUE, false},
    {"Waarde", R_VALUE, false},
    {"Warto\xc5\x9b\xc4\x87", R_VALUE, false},
    {"\xd0\x97\xd0\xbd\xd0\xb0\xd1\x87\xd0\xb5\xd0\xbd\xd0\xb8\xd0\xb5", R_VALUE, false},
};

static enum role word_role(const char *w, bool *ps, bool *known)
{
    size_t i;

    *ps = *known = false;
    for (i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strcmp(w, words[i].word) == 0) {
            *ps = words[i].ps;
            *known = true;
            return words[i].role;
        }
    return R_NONE;
}

/* The header text of column k: from line h (columns shifted by its indent relative to the
 * ruler's). */
static void header_cell(const struct row *h, long shift, const struct table *t, size_t k,
                        char *out, size_t size)
{
    long a = (long)t->start[k] - shift, b = k + 1 < t->ncol ? (long)t->start[k + 1] - shift
                                                            : (long)h->n;

    if (a < 0)
        a = 0;
    if (b > (long)h->n)
        b = (long)h->n;
    out[0] = '\0';
    if (a < b)
        imp_encode(out, size, h->c, (size_t)a, (size_t)b);
}

/* The roles cluster.exe's layouts give the columns of t by its ruler alone: /priv (a
 * first column of 2 dashes, "T"), cluster res (4 columns), cluster group (3); the kind,
 * or T_UNKNOWN. */
static enum table_kind positional_roles(const struct table *t, enum role *role)
{
    static const enum role priv4[] = {R_T, R_RESOURCE, R_NAME, R_VALUE};
    static const enum role priv3[] = {R_T, R_NAME, R_VALUE};
    static const enum role res[] = {R_RESOURCE, R_GROUP, R_NODE, R_STATUS};
    static const enum role grp[] = {R_GROUP, R_NODE, R_STATUS};

    if (t->end[0] - t->start[0] == 2 && (t->ncol == 3 || t->ncol == 4)) {
        memcpy(role, t->ncol == 4 ? priv4 : priv3, t->ncol * sizeof role[0]);
        return T_PRIV;
    }
    if (t->ncol == 4) {
        memcpy(role, res, sizeof res);
        return T_RES;
    }
    if (t->ncol == 3) {
        memcpy(role, grp, sizeof grp);
        return T_GROUP;
    }
    return T_UNKNOWN;
}

/* Names the columns from the header line(s) above the ruler at index ri, and decides the
 * kind of table. cluster.exe's words are translated: a header with words not known is
 * still read by the ruler when every word that is known names the column the ruler puts
 * there ("Ressource Gruppe Knoten Zustand"); when one does not, the table is another
 * command's and its rows are unread. */
static void classify(struct imp_ctx *c, size_t ri, struct table *t)
{
    struct row *h1 = malloc(sizeof *h1), *h2 = malloc(sizeof *h2);
    const struct imp_line *rl = &c->lines[ri], *l1 = ri ? &c->lines[ri - 1] : NULL,
                          *l2 = ri > 1 ? &c->lines[ri - 2] : NULL;
    size_t k, known = 0, ps = 0, unknown = 0, cl = 0;
    bool has[R_OTHER + 1] = {0}, col_known[RUNS] = {0};
    enum role pos[RUNS];

    t->kind = T_UNKNOWN;
    if (!h1 || !h2 || !l1 || !l1->len || l1->state != IMP_FREE)
        goto positional;
    decode(l1->s, h1);
    if (l2 && l2->len && l2->state == IMP_FREE && !imp_command_line(l2->s) && l2->indent == rl->indent)
        decode(l2->s, h2);
    else
        h2->n = 0;
    for (k = 0; k < t->ncol; k++) {
        char a[IMPORT_NAME_SIZE], b[IMPORT_NAME_SIZE], w[2 * IMPORT_NAME_SIZE];
        bool is_ps, is_known;

        header_cell(h1, (long)l1->indent - (long)rl->indent, t, k, b, sizeof b);
        a[0] = '\0';
        if (h2->n)
            header_cell(h2, 0, t, k, a, sizeof a);
        snprintf(w, sizeof w, "%s%s%s", a, *a && *b ? " " : "", b);
        if (!*w) /* a header shorter than its ruler */
            continue;
        t->role[k] = word_role(w, &is_ps, &is_known);
        if (!is_known && *a) /* a line above that was no header */
            t->role[k] = word_role(b, &is_ps, &is_known);
        col_known[k] = is_known;
        known += is_known;
        ps += is_ps;
        unknown += !is_known;
        cl += is_known && !is_ps && t->role[k] != R_GROUP; /* "Group" is both */
        has[t->role[k]] = true;
    }
    t->ps = ps > 0 && cl == 0;
    if (has[R_IFALIAS] && has[R_SERVERS])
        t->kind = T_PS_DNS;
    else if (has[R_OBJECT] && has[R_NAME] && has[R_VALUE])
        t->kind = T_PS_PARAM;
    else if (t->ps && has[R_NAME] && (has[R_TYPE] || has[R_GROUP]))
        t->kind = T_PS_RES;
    else if (t->ps && has[R_NAME] && has[R_NODE] && has[R_STATUS])
        t->kind = T_PS_GROUP;
    else if (has[R_RESOURCE] && has[R_GROUP] && !unknown && !has[R_T])
        t->kind = T_RES;
    else if (has[R_GROUP] && has[R_NODE] && !has[R_RESOURCE] && !unknown && !has[R_T])
        t->kind = T_GROUP;
    else if (!unknown)
        goto positional; /* known words, too few to tell: by the ruler */
    else if (!t->ps && positional_roles(t, pos) != T_UNKNOWN) {
        for (k = 0; k < t->ncol && (!col_known[k] || t->role[k] == pos[k]); k++)
            ;
        if (k == t->ncol)
            goto positional;
    }
    goto out;
positional:
    /* cluster.exe in a language whose words are not (all) known: by the ruler. */
    t->ps = false;
    t->kind = positional_roles(t, t->role);
out:
    free(h1);
    free(h2);
}

/* ---- PowerShell rows --------------------------------------------------------------------- */

static size_t overlap(size_t a, size_t b, size_t c, size_t d)
{
    size_t lo = a > c ? a : c, hi = b < d ? b : d;

    return hi > lo ? hi - lo : 0;
}

static bool ps_cells(const struct row *l, const struct table *t, char cell[][IMPORT_NAME_SIZE])
{
    size_t i = 0, a, k, best, bk, j, filled = 0;
    char piece[IMPORT_NAME_SIZE];

    for (k = 0; k < t->ncol; k++)
        cell[k][0] = '\0';
    while (i < l->n) {
        while (i < l->n && l->c[i] == ' ')
            i++;
        if (i >= l->n)
            break;
        a = i;
        /* A piece ends at two spaces, or at one space before a column start. */
        while (i < l->n) {
            if (l->c[i] == ' ' && (i + 1 >= l->n || l->c[i + 1] == ' '))
                break;
            if (l->c[i] == ' ') {
                for (j = 1; j < t->ncol && t->start[j] != i + 1; j++)
                    ;
                if (j < t->ncol)
                    break;
            }
            i++;
        }
        for (k = 0, best = 0, bk = 0; k < t->ncol; k++) {
            size_t end = k + 1 < t->ncol ? t->start[k + 1] : (size_t)-1 / 2;
            size_t o = overlap(a, i, t->start[k], k + 1 < t->ncol ? t->end[k] : end);

            if (o > best)
                best = o, bk = k;
        }
        if (!best) /* between columns: the nearest one to its left */
            for (k = 0; k < t->ncol; k++)
                if (t->start[k] <= a)
                    bk = k;
        imp_encode(piece, sizeof piece, l->c, a, i);
        if (cell[bk][0]) {
            size_t len = strlen(cell[bk][0] ? cell[bk] : "");

            snprintf(cell[bk] + len, IMPORT_NAME_SIZE - len, " %s", piece);
        } else {
            snprintf(cell[bk], IMPORT_NAME_SIZE, "%s", piece);
            filled++;
        }
    }
    return filled >= 2;
}

/* ---- one table --------------------------------------------------------------------------- */

/* "{172.16.8.5, 198.51.100.53}" (cut "...}" when long): each address a server; false when
 * the list was cut or held something else. */
static bool ps_servers(struct imp_ctx *c, const char *list, const char *source)
{
    char buf[IMPORT_NAME_SIZE], *p, *save = NULL;
    size_t len = strlen(list);
    bool whole = true;

    if (len < 2 || list[0] != '{')
        return false;
    imp_copy(buf, sizeof buf, list + 1, len - 1 - (list[len - 1] == '}'));
    len = strlen(buf);
    if ((len >= 3 && strcmp(buf + len - 3, "...") == 0) ||
        (len >= 3 && strcmp(buf + len - 3, "\xe2\x80\xa6") == 0)) {
        whole = false;
        buf[len - 3] = '\0';
        p = strrchr(buf, ',');
        if (p)
            *p = '\0'; /* the last one was cut */
        else
            buf[0] = '\0';
    }
    for (p = strtok_r(buf, ", ", &save); p; p = strtok_r(NULL, ", ", &save)) {
        if (!imp_server_address(p))
            whole = false;
        else
            imp_add_server(c, p, source);
    }
    return whole;
}

static const char *role_cell(const struct table *t, char cell[][IMPORT_NAME_SIZE], enum role r)
{
    size_t k;

    for (k = 0; k < t->ncol; k++)
        if (t->role[k] == r)
            return cell[k];
    return "";
}

/* Adds the row in cell[] to the result; false when it could not be read. */
static bool take_row(struct imp_ctx *c, struct table *t, char cell[][IMPORT_NAME_SIZE], size_t i)
{
    struct import_resource res;
    static const enum import_kind kinds[] = {
        [T_GROUP] = IMPORT_CLUSTER_GROUP, [T_RES] = IMPORT_CLUSTER_RES,
        [T_PRIV] = IMPORT_CLUSTER_PRIV,   [T_PS_GROUP] = IMPORT_PS_CLUSTER,
        [T_PS_RES] = IMPORT_PS_CLUSTER,   [T_PS_PARAM] = IMPORT_PS_PARAM,
        [T_PS_DNS] = IMPORT_PS_DNS,
    };
    const char *resource;

    memset(&res, 0, sizeof res);
    switch (t->kind) {
    case T_GROUP:
    case T_PS_GROUP:
        imp_add_group(c, t->kind == T_GROUP ? role_cell(t, cell, R_GROUP)
                                            : role_cell(t, cell, R_NAME));
        break;
    case T_RES:
    case T_PS_RES:
        snprintf(res.name, sizeof res.name, "%s",
                 role_cell(t, cell, t->kind == T_RES ? R_RESOURCE : R_NAME));
        snprintf(res.group, sizeof res.group, "%s", role_cell(t, cell, R_GROUP));
        snprintf(res.type, sizeof res.type, "%s", role_cell(t, cell, R_TYPE));
        snprintf(res.node, sizeof res.node, "%s", role_cell(t, cell, R_NODE));
        snprintf(res.status, sizeof res.status, "%s", role_cell(t, cell, R_STATUS));
        if (!*res.name)
            return false;
        imp_add_resource(c, &res);
        break;
    case T_PRIV:
    case T_PS_PARAM:
        resource = t->kind == T_PS_PARAM ? role_cell(t, cell, R_OBJECT)
                                         : *role_cell(t, cell, R_RESOURCE)
                                               ? role_cell(t, cell, R_RESOURCE)
                                               : t->resource;
        if (!*resource || !*role_cell(t, cell, R_NAME))
            return false;
        imp_add_property(c, resource, role_cell(t, cell, R_NAME), role_cell(t, cell, R_VALUE));
        break;
    case T_PS_DNS:
        if (!ps_servers(c, role_cell(t, cell, R_SERVERS), role_cell(t, cell, R_IFALIAS)))
            return false;
        break;
    case T_UNKNOWN:
        return false;
    }
    imp_set_kind(c, kinds[t->kind], i);
    return true;
}

/* The cells of line l: IMP_CELLS_NONE when it is no row of t; a cluster.exe row is laid
 * out by import_fit.c, against the groups and resources the text names elsewhere. */
static enum imp_cells cells_of(const struct imp_ctx *c, struct table *t, const struct row *l,
                               char cell[][IMPORT_NAME_SIZE])
{
    enum imp_column what[RUNS];
    size_t k;

    if (t->ps)
        return ps_cells(l, t, cell) ? IMP_CELLS_ROW : IMP_CELLS_NONE;
    for (k = 0; k < t->ncol; k++)
        what[k] = t->role[k] == R_GROUP      ? IMP_COLUMN_GROUP
                  : t->role[k] == R_RESOURCE ? IMP_COLUMN_RESOURCE
                                             : IMP_COLUMN_OTHER;
    return imp_fit_row(l->c, l->n, t->start, t->ncol, what, c->known, cell);
}

static size_t filled_cells(const struct table *t, char cell[][IMPORT_NAME_SIZE])
{
    size_t k, n = 0;

    for (k = 0; k < t->ncol; k++)
        n += cell[k][0] != '\0';
    return n;
}

static bool is_ruler_line(const struct imp_line *l, struct row *tmp)
{
    struct table t;

    decode(l->s, tmp);
    return ruler_runs(tmp, &t) != 0;
}

/* Whether line j is a full row of t (two cells or more). */
static bool row_at(struct imp_ctx *c, struct table *t, size_t j, struct row *tmp,
                   char cell[][IMPORT_NAME_SIZE])
{
    if (j >= c->n || !c->lines[j].len || c->lines[j].state != IMP_FREE ||
        imp_command_line(c->lines[j].s))
        return false;
    decode(c->lines[j].s, tmp);
    if (ruler_runs(tmp, &(struct table){0}))
        return false;
    if (j + 1 < c->n && is_ruler_line(&c->lines[j + 1], tmp))
        return false;
    decode(c->lines[j].s, tmp);
    switch (cells_of(c, t, tmp, cell)) {
    case IMP_CELLS_AMBIGUOUS:
        return true;
    case IMP_CELLS_ROW:
        return filled_cells(t, cell) >= 2;
    default:
        return false;
    }
}

/* The wrapped end of the previous row: fills its empty last cells (see cluster_text.h). */
static bool take_tail(struct table *t, char prev[][IMPORT_NAME_SIZE], const struct row *l,
                      bool row_follows)
{
    size_t span[RUNS + 1][2], k = 0, i = 0, m = 0, fill, j;

    while (m + 1 < t->ncol && prev[t->ncol - 1 - m][0] == '\0')
        m++;
    while (i < l->n && k <= RUNS) {
        span[k][0] = i;
        while (i < l->n && !(l->c[i] == ' ' && i + 1 < l->n && l->c[i + 1] == ' '))
            i++;
        span[k++][1] = i;
        while (i < l->n && l->c[i] == ' ')
            i++;
    }
    if (k == 0 || k > RUNS || (m > 0 ? k > m + 1 : !(k == 1 && row_follows)))
        return false;
    fill = k < m ? k : m;
    for (j = 0; j < fill; j++)
        imp_encode(prev[t->ncol - fill + j], IMPORT_NAME_SIZE, l->c, span[k - fill + j][0],
               span[k - fill + j][1]);
    if (k > fill) {
        char rest[IMPORT_NAME_SIZE], *last = prev[t->ncol - 1 - m];
        size_t len = strlen(last);

        imp_encode(rest, sizeof rest, l->c, span[0][0], span[k - fill - 1][1]);
        snprintf(last + len, IMPORT_NAME_SIZE - len, " %s", rest);
    }
    return true;
}

/* `cluster resource "NAME" /priv` or "Listing private properties for 'NAME':" above the
 * table at index ri: the resource a one-resource /priv table is about. */
static void priv_resource(struct imp_ctx *c, size_t ri, char *out, size_t size)
{
    size_t j;

    for (j = ri; j-- > 0 && ri - j < 6;) {
        const char *s = c->lines[j].s, *a, *b;

        if ((a = strchr(s, '\'')) && (b = strrchr(s, '\'')) > a + 1) {
            imp_copy(out, size, a + 1, (size_t)(b - a - 1));
            return;
        }
        if (imp_command_line(s) && (a = strchr(s, '"')) && (b = strchr(a + 1, '"')) > a + 1) {
            imp_copy(out, size, a + 1, (size_t)(b - a - 1));
            return;
        }
    }
    out[0] = '\0';
}

/* Reads the table whose ruler is at index ri; returns the index after it. */
static size_t read_table(struct imp_ctx *c, size_t ri, struct row *l, struct row *tmp)
{
    struct table t;
    char(*cell)[IMPORT_NAME_SIZE] = calloc(RUNS, IMPORT_NAME_SIZE);
    char(*prev)[IMPORT_NAME_SIZE] = calloc(RUNS, IMPORT_NAME_SIZE);
    char(*next)[IMPORT_NAME_SIZE] = calloc(RUNS, IMPORT_NAME_SIZE);
    size_t j, prev_line = 0;
    bool have_prev = false;

    if (!cell || !prev || !next) {
        c->rc = CD_ENOMEM;
        j = c->n;
        goto out;
    }
    memset(&t, 0, sizeof t);
    decode(c->lines[ri].s, l);
    t.ncol = ruler_runs(l, &t);
    classify(c, ri, &t);
    if (t.kind == T_PRIV && t.ncol == 3)
        priv_resource(c, ri, t.resource, sizeof t.resource);
    c->lines[ri].state = IMP_TAKEN;
    if (ri && c->lines[ri - 1].len && c->lines[ri - 1].state == IMP_FREE)
        c->lines[ri - 1].state = IMP_TAKEN;
    for (j = ri + 1; j < c->n; j++) {
        struct imp_line *line = &c->lines[j];
        enum imp_cells fit;
        bool follows;

        if (line->state != IMP_FREE)
            break;
        if (!line->len) {
            size_t k = j + 1;

            while (k < c->n && !c->lines[k].len)
                k++;
            if (t.kind == T_UNKNOWN || !row_at(c, &t, k, tmp, next))
                break;
            continue;
        }
        if (imp_command_line(line->s))
            break;
        decode(line->s, l);
        if (ruler_runs(l, &(struct table){0}) || (l->n && l->c[0] == '-' && l->c[l->n - 1] == '-'))
            break;
        if (j + 1 < c->n && is_ruler_line(&c->lines[j + 1], tmp))
            break;
        decode(line->s, l);
        if (t.kind == T_UNKNOWN) {
            line->state = IMP_UNREAD;
            continue;
        }
        follows = row_at(c, &t, j + 1, tmp, next);
        decode(line->s, l);
        fit = cells_of(c, &t, l, cell);
        if (fit == IMP_CELLS_AMBIGUOUS) { /* a row, but which layout is not known: unread */
            if (have_prev && !take_row(c, &t, prev, prev_line))
                c->lines[prev_line].state = IMP_UNREAD;
            have_prev = false;
            line->state = IMP_UNREAD;
            continue;
        }
        if (fit == IMP_CELLS_ROW && (filled_cells(&t, cell) >= 2 || (!have_prev && follows))) {
            if (have_prev && !take_row(c, &t, prev, prev_line))
                c->lines[prev_line].state = IMP_UNREAD;
            memcpy(prev, cell, RUNS * IMPORT_NAME_SIZE);
            prev_line = j;
            have_prev = true;
            line->state = IMP_TAKEN;
            continue;
        }
        if (have_prev && !t.ps && take_tail(&t, prev, l, follows)) {
            line->state = IMP_TAKEN;
            continue;
        }
        /* Under the ruler, before any row, a line is meant as a row; after the rows, a
         * line of prose (no padding) ends the table. */
        if (have_prev && !follows && (j + 1 >= c->n || !c->lines[j + 1].len) &&
            !strstr(line->s, "  "))
            break;
        line->state = IMP_UNREAD;
    }
    if (have_prev && !take_row(c, &t, prev, prev_line))
        c->lines[prev_line].state = IMP_UNREAD;
out:
    free(cell);
    free(prev);
    free(next);
    return j;
}

static void read_all(struct imp_ctx *c, struct row *l, struct row *tmp)
{
    struct table t;
    size_t i = 0;

    while (i < c->n && c->rc == CD_OK) {
        if (c->lines[i].state == IMP_FREE && c->lines[i].len) {
            decode(c->lines[i].s, l);
            if (ruler_runs(l, &t)) {
                i = read_table(c, i, l, tmp);
                continue;
            }
        }
        i++;
    }
}

static size_t names_in(const struct import_result *r)
{
    return r->n_groups + r->n_resources + r->n_props;
}

/* The tables are read into a scratch result first, for the groups and resources rows name
 * where they are not ambiguous (a `cluster group` pasted after `cluster res` names the
 * groups of its long rows), again while that finds more (a row the first reading settled
 * names a group that settles another), then for good. */
int imp_read_tables(struct imp_ctx *c)
{
    struct row *l = malloc(sizeof *l), *tmp = malloc(sizeof *tmp);
    enum imp_state *state = malloc((c->n ? c->n : 1) * sizeof *state);
    struct import_result scratch[2], *real = c->r;
    size_t i, pass, kind_line = c->kind_line;
    bool kind_weak = c->kind_weak;

    import_init(&scratch[0]);
    import_init(&scratch[1]);
    if (!l || !tmp || !state) {
        c->rc = CD_ENOMEM;
        goto out;
    }
    for (i = 0; i < c->n; i++)
        state[i] = c->lines[i].state;
    c->known = NULL;
    for (pass = 0; pass < 4 && c->rc == CD_OK; pass++) {
        c->r = &scratch[pass % 2];
        import_fini(c->r);
        read_all(c, l, tmp);
        for (i = 0; i < c->n; i++)
            c->lines[i].state = state[i];
        c->kind_line = kind_line;
        c->kind_weak = kind_weak;
        if (c->known && names_in(c->r) == names_in(c->known))
            break;
        c->known = c->r;
    }
    c->r = real;
    if (c->rc == CD_OK)
        read_all(c, l, tmp);
out:
    c->known = NULL;
    import_fini(&scratch[0]);
    import_fini(&scratch[1]);
    free(l);
    free(tmp);
    free(state);
    return c->rc;
}
