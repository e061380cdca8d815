/* Shared by the readers of import.c: the cleaned lines of a text and what each reader
 * adds to the result. Not a public header. */
#ifndef CLUSTERDNS_ENGINE_IMPORT_PRIV_H
#define CLUSTERDNS_ENGINE_IMPORT_PRIV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "import.h"

enum imp_state {
    IMP_FREE = 0, /* not taken by a reader yet */
    IMP_TAKEN,    /* read (data, a header, a ruler, a label that was understood) */
    IMP_COMMAND,  /* a prompt or a pasted command line: separates pieces */
    IMP_UNREAD,   /* looks like data a reader knows, but could not be read */
};

struct imp_line {
    char *s;     /* cleaned UTF-8 (see import_lines.c), no leading or trailing spaces */
    size_t no;   /* line number, from 1 */
    size_t len;  /* strlen(s) */
    size_t indent; /* leading spaces removed (after any quoting prefix) */
    enum imp_state state;
};

struct imp_ctx {
    struct imp_line *lines;
    size_t n;
    char *buf; /* owns every lines[i].s */
    struct import_result *r;
    size_t kind_line; /* line of the piece that set r->kind; 0 when unknown */
    bool kind_weak;   /* r->kind only from a header that gave nothing yet */
    int rc;           /* first CD_ENOMEM, else CD_OK */
    bool blank;       /* every line is empty once cleaned */
    /* Groups and resources a first reading of the tables found where it was sure: what
     * an ambiguous cluster.exe row is matched against (NULL during that first reading). */
    const struct import_result *known;
};

/* import_lines.c */
int imp_lines_split(struct imp_ctx *c, const char *text, size_t len);
void imp_lines_free(struct imp_ctx *c);
/* A prompt ("C:\>", "PS C:\x>", "user@host:~$") or a command line ("ipconfig /all",
 * "netsh interface ip show config | findstr \"DNS\"", "Get-ClusterResource | ..."). */
bool imp_command_line(const char *s);
/* Decodes the UTF-8 character at s into *cp; returns its length (1 for an invalid byte,
 * which gives U+FFFD). s must not be at its NUL. */
size_t imp_utf8_decode(const char *s, uint32_t *cp);
/* Characters (code points) in s[0, n). */
size_t imp_utf8_count(const char *s, size_t n);
/* Copies src[0, n) into dst (size bytes), cut at a character boundary; trims spaces. */
void imp_copy(char *dst, size_t size, const char *src, size_t n);
/* The same from characters (code points) c[a, b), written as UTF-8. */
void imp_encode(char *dst, size_t size, const uint32_t *c, size_t a, size_t b);

/* import.c: what readers add. Each returns CD_OK or CD_ENOMEM (also kept in c->rc). */
void imp_set_kind(struct imp_ctx *c, enum import_kind k, size_t line_index);
/* The same for a header that gave nothing yet: kept only while nothing else sets one. */
void imp_set_kind_weak(struct imp_ctx *c, enum import_kind k, size_t line_index);
int imp_add_server(struct imp_ctx *c, const char *addr, const char *source);
int imp_add_group(struct imp_ctx *c, const char *name);
int imp_add_resource(struct imp_ctx *c, const struct import_resource *res);
/* A private property of a resource: kept when it is Address, SubnetMask, Network (IP) or
 * Name (network name); returns whether it was one of those. */
bool imp_add_property(struct imp_ctx *c, const char *resource, const char *name,
                      const char *value);
/* True when s is an address a DNS server can have (a zone "%n" is allowed). */
bool imp_server_address(const char *s);

/* import_fit.c: one cluster.exe row. */
#define IMP_COLUMNS 8 /* columns of a table, at most */
enum imp_column { IMP_COLUMN_OTHER, IMP_COLUMN_GROUP, IMP_COLUMN_RESOURCE };
enum imp_cells {
    IMP_CELLS_NONE,     /* no layout of the columns fits the row */
    IMP_CELLS_ROW,      /* one does (or known settles which) */
    IMP_CELLS_AMBIGUOUS /* several do, and known settles none */
};
/* Lays the row c[0, n) out on ncol columns (column k starts at start[k], the ruler's runs;
 * what[k] says which hold group and resource names) and writes its cells (UTF-8) to cell.
 * known (NULL: none) holds the groups and resources the text names elsewhere. When
 * ambiguous, cell holds the first layout found. */
enum imp_cells imp_fit_row(const uint32_t *c, size_t n, const size_t *start, size_t ncol,
                           const enum imp_column *what, const struct import_result *known,
                           char cell[][IMPORT_NAME_SIZE]);

/* The readers; each walks the IMP_FREE lines. */
int imp_read_tables(struct imp_ctx *c);
int imp_read_netcfg(struct imp_ctx *c);

#endif
