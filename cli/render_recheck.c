/* `recheck`'s table: one line a file, what changed since its last check in words. Part of
 * the renderer (render.h); the document and its escaping are doc.h's. */
#include "config.h"

#include "render.h"

#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "doc.h"
#include "i18n.h"

#define CHANGES_TEXT 4096

static const char *server_text(const struct recheck_result *r, size_t i, char *buf, size_t n)
{
    return server_format(&r->servers->v[i], buf, n);
}

/* One change in words, into buf. */
static void change_text(const struct recheck_result *r, const struct change *c, char *buf, size_t n)
{
    char srv[SERVERS_TEXT_SIZE];
    enum probe_qtype type;
    const char *qname;

    switch (c->kind) {
    case CHANGE_VERDICT:
        snprintf(buf, n, _("was %s"), render_verdict_word(c->was));
        break;
    case CHANGE_NAMES:
        snprintf(buf, n, "%s", _("the last check was of other names"));
        break;
    case CHANGE_SERVER_SILENT:
        snprintf(buf, n, _("%s stopped answering"), server_text(r, c->server, srv, sizeof srv));
        break;
    case CHANGE_SERVER_BACK:
        snprintf(buf, n, _("%s answers again"), server_text(r, c->server, srv, sizeof srv));
        break;
    case CHANGE_RECORD:
        check_question(r->target, c->query, &type, &qname);
        /* TRANSLATORS: "exsrv.fabrikam.local A on 172.16.8.5: missing, was ok" */
        snprintf(buf, n, _("%1$s %2$s on %3$s: %4$s, was %5$s"), qname,
                 type == PROBE_PTR    ? "PTR"
                 : type == PROBE_AAAA ? "AAAA"
                                      : "A",
                 server_text(r, c->server, srv, sizeof srv), _(record_status_text(c->after)),
                 _(record_status_text(c->before)));
        break;
    }
}

static const char *changes_text(const struct recheck_result *r, char *buf, size_t n)
{
    char one[512];
    size_t len = 0;

    if (r->first) {
        snprintf(buf, n, "%s", _("first check"));
        return buf;
    }
    if (r->n_changes == 0) {
        snprintf(buf, n, "%s", _("no change"));
        return buf;
    }
    buf[0] = '\0';
    for (size_t i = 0; i < r->n_changes && len < n; i++) {
        change_text(r, &r->changes[i], one, sizeof one);
        len += (size_t)snprintf(buf + len, n - len, "%s%s", i ? "; " : "", one);
    }
    return buf;
}

void render_recheck_row_fini(struct render_recheck_row *row)
{
    free(row->file);
    free(row->ticket);
    free(row->zone);
    free(row->verdict);
    free(row->changes);
    memset(row, 0, sizeof *row);
}

int render_recheck_row(struct render_recheck_row *row, const struct recheck_result *r)
{
    char text[CHANGES_TEXT + 1024], msg[1024 + 4096];
    const char *verdict;

    memset(row, 0, sizeof *row);
    row->state = -1;
    if (r->status != CD_OK) {
        verdict = _("not checked");
        /* The file is in the first column: the message alone. */
        snprintf(text, sizeof text, "%s", diag_format(r->diag, msg, sizeof msg));
    } else {
        size_t len;

        row->state = (int)r->verdict;
        verdict = render_verdict_word(r->verdict);
        changes_text(r, text, CHANGES_TEXT);
        len = strlen(text);
        if (r->save_status != CD_OK)
            snprintf(text + len, sizeof text - len, _("; not saved: %s"),
                     diag_format(r->save_diag, msg, sizeof msg));
    }
    row->file = strdup(r->path);
    row->ticket = strdup(r->status == CD_OK ? r->ticket : "");
    row->zone = strdup(r->status == CD_OK ? r->zone : "");
    row->verdict = strdup(verdict);
    row->changes = strdup(text);
    if (!row->file || !row->ticket || !row->zone || !row->verdict || !row->changes) {
        render_recheck_row_fini(row);
        return -1;
    }
    return 0;
}

int render_recheck(FILE *out, const struct render_recheck_row *rows, size_t n)
{
    size_t count[3] = {0}, unchecked = 0;
    struct doc d;
    struct doc_table t;

    doc_init(&d, out, false);
    d.fresh = true; /* the table comes first: no blank line before it */
    doc_table_init(&t, 5, true);
    doc_table_head(&d, &t, _("file"), _("ticket"), _("zone"), _("verdict"),
                   _("since the last check"));
    for (size_t i = 0; i < n; i++) {
        const struct render_recheck_row *row = &rows[i];

        if (!row->file) /* no result: out of memory when it came */
            continue;
        doc_table_add(&d, &t, row->file, *row->ticket ? row->ticket : "-",
                      *row->zone ? row->zone : "-", row->verdict, row->changes);
        if (row->state >= 0 && row->state < 3)
            count[row->state]++;
        else
            unchecked++;
    }
    doc_table_print(&d, &t);
    doc_table_fini(&t);
    fputc('\n', out);
    fprintf(out, ngettext("%zu checklist: ", "%zu checklists: ", n), n);
    fprintf(out, _("%zu PASS, %zu FAIL, %zu INCOMPLETE, %zu not checked.\n"), count[VERDICT_PASS],
            count[VERDICT_FAIL], count[VERDICT_INCOMPLETE], unchecked);
    return d.oom ? -1 : 0;
}
