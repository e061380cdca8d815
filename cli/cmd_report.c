#include "config.h"

#include "cmd_report.h"

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "checklist.h"
#include "cmd_check.h"
#include "i18n.h"
#include "probe.h"
#include "records.h"
#include "report.h"

/* The summary is built in memory and written at the end, so that a failure (out of memory)
 * leaves standard output empty, as a failed load does. */
struct rep {
    FILE *f;
    bool md;
    bool started; /* something was written: blocks after it need a blank line first */
    bool fresh;   /* just after a heading: plain text needs no blank line there */
    bool oom;
};

/* ---- text from the file: shown, never obeyed ---------------------------------------- */

/* Length of the well-formed UTF-8 sequence at s (NUL-terminated) with its code point, or 0. */
static size_t utf8_seq(const unsigned char *s, unsigned long *cp)
{
    static const unsigned long min[] = {0, 0, 0x80, 0x800, 0x10000};
    size_t len = s[0] < 0x80   ? 1
                 : s[0] < 0xc0 ? 0
                 : s[0] < 0xe0 ? 2
                 : s[0] < 0xf0 ? 3
                 : s[0] < 0xf8 ? 4
                               : 0;
    unsigned long c;

    if (len == 0)
        return 0;
    c = len == 1 ? s[0] : s[0] & (0x7fu >> len);
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xc0) != 0x80) /* also stops at the NUL */
            return 0;
        c = c << 6 | (s[i] & 0x3f);
    }
    if (c < min[len] || (c >= 0xd800 && c <= 0xdfff) || c > 0x10ffff)
        return 0;
    *cp = c;
    return len;
}

/* C1 controls, and the formatting characters that make text read differently on a screen
 * from what the file holds: bidirectional overrides and isolates (CVE-2021-42574), line
 * and paragraph separators, the byte order mark. */
static bool is_hidden(unsigned long cp)
{
    return (cp >= 0x80 && cp <= 0x9f) || cp == 0x061c || cp == 0x200e || cp == 0x200f ||
           (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x2028 ||
           cp == 0x2029 || cp == 0xfeff;
}

/* ASCII punctuation with a meaning in CommonMark's inlines or in GitHub's tables; behind a
 * backslash each shows as itself. */
static bool md_special(unsigned long cp)
{
    return cp != 0 && cp < 0x80 && strchr("\\`*_[]<>|~&", (int)cp);
}

/* Writes s: control characters as \xHH (as report_safe does), C1 and formatting characters
 * as \uXXXX, bytes that are not UTF-8 as \xHH. In Markdown also its metacharacters behind
 * a backslash, and a leading "#"; where s starts a block (at_start is true: a list item, a
 * quoted line), also what would begin a list or a rule there: "-", "+", "=", "1. ". */
static void put_text(FILE *out, const char *s, bool md, bool at_start)
{
    const unsigned char *p = (const unsigned char *)s;
    unsigned long cp;
    size_t len;

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
    for (; *p; p += len) {
        if (!(len = utf8_seq(p, &cp))) {
            fprintf(out, "\\x%02x", *p);
            len = 1;
        } else if (cp < 0x20 || cp == 0x7f) {
            fprintf(out, "\\x%02lx", cp);
        } else if (is_hidden(cp)) {
            fprintf(out, "\\u%04lx", cp);
        } else {
            if (md && md_special(cp))
                fputc('\\', out);
            fwrite(p, 1, len, out);
        }
    }
}

/* s where it starts a block (a list item, a quoted line). */
static void put_block(struct rep *r, const char *s)
{
    put_text(r->f, s, r->md, true);
}

/* s escaped for the output, malloc'ed; NULL (and r->oom) when out of memory. */
static char *esc(struct rep *r, const char *s)
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

/* Display columns of s in the current locale: a byte a column where it is not text there. */
static int text_width(const char *s)
{
    mbstate_t st;
    size_t n = strlen(s), len;
    wchar_t wc;
    int w = 0, cw;

    memset(&st, 0, sizeof st);
    while (n > 0) {
        len = mbrtowc(&wc, s, n, &st);
        if (len == (size_t)-1 || len == (size_t)-2 || len == 0) {
            memset(&st, 0, sizeof st);
            len = 1;
            w++;
        } else {
            cw = wcwidth(wc);
            w += cw < 0 ? 1 : cw;
        }
        s += len;
        n -= len;
    }
    return w;
}

static void pad(FILE *out, int n)
{
    while (n-- > 0)
        fputc(' ', out);
}

/* ---- layout: headings, blocks, tables ------------------------------------------------ */

static void title(struct rep *r, const char *text)
{
    fprintf(r->f, r->md ? "# %s\n" : "%s\n", text);
    r->started = r->fresh = true;
}

static void heading(struct rep *r, const char *text)
{
    if (r->started)
        fputc('\n', r->f);
    fprintf(r->f, r->md ? "## %s\n" : "%s\n", text);
    r->started = r->fresh = true;
}

/* Before a table, a list or a paragraph: Markdown blocks are set apart by a blank line, and
 * so are the blocks of one section in plain text. */
static void block(struct rep *r)
{
    if (r->md || !r->fresh)
        fputc('\n', r->f);
    r->started = true;
    r->fresh = false;
}

/* A line of our own text (translated, no data). */
static void para(struct rep *r, const char *text)
{
    block(r);
    fprintf(r->f, r->md ? "%s\n" : "  %s\n", text);
}

#define TABLE_COLS_MAX 8

/* Rows of escaped cells. With a header, the first row names the columns; without one it
 * is a list of labels (2 columns) and values: "- **Label:** value" in Markdown. */
struct table {
    int ncols;
    bool header;
    size_t nrows, cap;
    char **cell; /* nrows * ncols */
};

static void table_init(struct table *t, int ncols, bool header)
{
    memset(t, 0, sizeof *t);
    t->ncols = ncols;
    t->header = header;
}

static void table_fini(struct table *t)
{
    for (size_t i = 0; i < t->nrows * (size_t)t->ncols; i++)
        free(t->cell[i]);
    free(t->cell);
}

static const char *table_at(const struct table *t, size_t row, int col)
{
    const char *s = t->cell[row * (size_t)t->ncols + (size_t)col];

    return s ? s : "";
}

static void table_row(struct rep *r, struct table *t, bool ours, va_list ap)
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
static void table_head(struct rep *r, struct table *t, ...)
{
    va_list ap;

    va_start(ap, t);
    table_row(r, t, true, ap);
    va_end(ap);
}

/* A row of t->ncols texts (NULL for an empty cell), escaped: they may come from the file. */
static void table_add(struct rep *r, struct table *t, ...)
{
    va_list ap;

    va_start(ap, t);
    table_row(r, t, false, ap);
    va_end(ap);
}

static void table_print_md(struct rep *r, const struct table *t, const int *width)
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
static void table_print_plain(struct rep *r, const struct table *t, const int *width)
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

static void table_print(struct rep *r, const struct table *t)
{
    int width[TABLE_COLS_MAX] = {0};

    for (size_t i = 0; i < t->nrows; i++)
        for (int c = 0; c < t->ncols; c++) {
            int w = text_width(table_at(t, i, c));
            width[c] = w > width[c] ? w : width[c];
        }
    block(r);
    if (r->md)
        table_print_md(r, t, width);
    else
        table_print_plain(r, t, width);
}

/* ---- JSON names in words ------------------------------------------------------------- */

static const char *tri_seen(enum tri t)
{
    return t == TRI_YES ? _("yes") : t == TRI_NO ? _("no") : _("not checked");
}

static const char *tri_known(enum tri t)
{
    return t == TRI_YES ? _("yes") : t == TRI_NO ? _("no") : _("not known");
}

static const char *role_text(const char *name)
{
    return strcmp(name, "local") == 0      ? _("local")
           : strcmp(name, "internet") == 0 ? _("internet")
                                           : _("unknown");
}

static const char *record_text(const char *name)
{
    for (int s = REC_PENDING; s <= REC_UNANSWERED; s++)
        if (strcmp(name, record_status_name((enum record_status)s)) == 0)
            return _(record_status_text((enum record_status)s));
    return name; /* the loader lets no other name through */
}

static const char *outcome_text(const char *name)
{
    for (int o = PROBE_PENDING; o <= PROBE_FAILED; o++)
        if (strcmp(name, probe_outcome_name((enum probe_outcome)o)) == 0)
            return _(probe_outcome_text((enum probe_outcome)o));
    return name;
}

static const char *step_title(int id)
{
    /* The wizard's titles for its screens (tui/scr_checklist.c). */
    static const char *const titles[STEP_COUNT] = {
        N_("Symptoms"),         N_("Exchange group"), N_("Names and IPs"),
        N_("DNS server order"), N_("Host records"),   N_("Checklist"),
    };
    return _(titles[id]);
}

static const char *step_text(enum step_status s)
{
    return s == STEP_DONE      ? _("done")
           : s == STEP_SKIPPED ? _("skipped")
           : s == STEP_FAILED  ? _("failed")
                               : _("pending");
}

static const char *action_text(const char *kind)
{
    return strcmp(kind, "add_record") == 0   ? _("add the record")
           : strcmp(kind, "fix_record") == 0 ? _("correct the record")
                                             : _("change the DNS server order");
}

static const char *action_status_text(const char *status)
{
    return strcmp(status, "applied") == 0  ? _("applied")
           : strcmp(status, "failed") == 0 ? _("failed")
                                           : _("to do");
}

static const char *verdict_text(const char *name)
{
    /* The live check's own words (cli/report.c). */
    if (strcmp(name, "pass") == 0)
        return _("Verdict: PASS: the node resolves both names to the right addresses.");
    if (strcmp(name, "fail") == 0)
        return _("Verdict: FAIL: the node does not get the right host records.");
    if (strcmp(name, "incomplete") == 0)
        return _("Verdict: INCOMPLETE: some servers have not answered yet.");
    return _("Verdict: NOT CHECKED: no check was run for this checklist.");
}

static const char *when(time_t t, char *buf, size_t n)
{
    if (!t || !*checklist_time_format(t, buf, n))
        snprintf(buf, n, "-");
    return buf;
}

static const char *or_dash(const char *s)
{
    return *s ? s : "-";
}

/* As server_format(): the address alone for port 53, else address:port, [v6]:port (room
 * for any unsigned port, though the loader keeps them from 1 to 65535). */
#define SERVER_TEXT (NAMES_IP_SIZE + 16)

static const char *server_text(const struct cl_server *s, char *buf, size_t n)
{
    if (s->port == 53)
        snprintf(buf, n, "%s", s->address);
    else if (strchr(s->address, ':'))
        snprintf(buf, n, "[%s]:%u", s->address, s->port);
    else
        snprintf(buf, n, "%s:%u", s->address, s->port);
    return buf;
}

/* ---- sections -------------------------------------------------------------------------- */

static void report_header(struct rep *r, const struct checklist *cl)
{
    struct table t;
    char created[32], updated[32];

    title(r, _("Checklist for Microsoft KB Q263029"));
    table_init(&t, 2, false);
    table_add(r, &t, _("Ticket"), or_dash(cl->ticket));
    table_add(r, &t, _("Operator"), or_dash(cl->operator_name));
    table_add(r, &t, _("Created"), when(cl->created, created, sizeof created));
    table_add(r, &t, _("Updated"), when(cl->updated, updated, sizeof updated));
    table_add(r, &t, _("Saved by clusterdns"), or_dash(cl->tool_version));
    table_print(r, &t);
    table_fini(&t);
}

static void report_symptoms(struct rep *r, const struct checklist *cl)
{
    struct table t;

    heading(r, _("Symptoms"));
    table_init(&t, 2, true);
    table_head(r, &t, _("symptom"), _("seen"));
    /* The wizard's words for them (tui/scr_symptoms.c). */
    table_add(r, &t, _("IMS setup stops responding while starting services"),
              tri_seen(cl->symptoms.setup_hangs));
    table_add(r, &t, _("\"Overlapped I/O operation is in progress\", 0xc00203e5"),
              tri_seen(cl->symptoms.overlapped_io));
    table_add(r, &t, _("EventID 4058 in the application event log"),
              tri_seen(cl->symptoms.event_4058));
    table_print(r, &t);
    table_fini(&t);
}

static void report_names(struct rep *r, const struct checklist *cl)
{
    const struct cl_host *host[2] = {&cl->exchange, &cl->cluster};
    const char *label[2] = {_("Exchange"), _("Cluster")};
    struct table t;

    heading(r, _("Exchange group and names"));
    table_init(&t, 2, false);
    table_add(r, &t, _("Exchange group"), or_dash(cl->group));
    table_add(r, &t, _("Zone"), or_dash(cl->zone));
    table_print(r, &t);
    table_fini(&t);

    table_init(&t, 4, true);
    table_head(r, &t, "", _("network name"), _("FQDN"), _("IP address"));
    for (int h = 0; h < 2; h++)
        table_add(r, &t, label[h], or_dash(host[h]->name), or_dash(host[h]->fqdn),
                  or_dash(host[h]->ip));
    table_print(r, &t);
    table_fini(&t);
}

/* The servers by their position in the node's order (a stable sort: ties keep file order). */
static size_t *servers_by_position(struct rep *r, const struct checklist *cl)
{
    size_t *order = malloc((cl->n_servers ? cl->n_servers : 1) * sizeof *order);

    if (!order) {
        r->oom = true;
        return NULL;
    }
    for (size_t i = 0; i < cl->n_servers; i++) {
        size_t k = i;

        for (; k > 0 && cl->servers[order[k - 1]].position > cl->servers[i].position; k--)
            order[k] = order[k - 1];
        order[k] = i;
    }
    return order;
}

static void report_order(struct rep *r, const struct checklist *cl, const size_t *order)
{
    size_t rows = cl->n_servers > cl->n_recommended ? cl->n_servers : cl->n_recommended;
    bool same = cl->n_servers == cl->n_recommended;
    char srv[SERVER_TEXT], num[24];
    struct table t;

    heading(r, _("DNS server order, before and after"));
    if (rows == 0) {
        para(r, _("No DNS server in this checklist."));
        return;
    }
    table_init(&t, 3, true);
    table_head(r, &t, "#", _("now (the node's order)"), _("recommended"));
    for (size_t k = 0; k < rows; k++) {
        const char *now =
            k < cl->n_servers ? server_text(&cl->servers[order[k]], srv, sizeof srv) : "";
        const char *rec = k < cl->n_recommended ? cl->recommended[k] : "";

        same = same && strcmp(now, rec) == 0;
        snprintf(num, sizeof num, "%zu", k + 1);
        table_add(r, &t, num, now, rec);
    }
    table_print(r, &t);
    table_fini(&t);
    if (cl->n_recommended == 0)
        para(r, _("No recommended order: the servers were not checked."));
    else if (same)
        para(r, _("The node already asks them in the recommended order."));
}

static void report_servers(struct rep *r, const struct checklist *cl, const size_t *order)
{
    bool adapters = false;
    char srv[SERVER_TEXT], pos[24], ms[32];
    struct table t;

    if (cl->n_servers == 0)
        return;
    for (size_t i = 0; i < cl->n_servers; i++)
        adapters = adapters || cl->servers[i].source[0];
    heading(r, _("DNS servers, in the order the node asks them"));
    table_init(&t, adapters ? 7 : 6, true);
    /* With 6 columns, the adapter (the last) is left out: no server names one. */
    table_head(r, &t, "#", _("server"), _("role"), _("reachable"), _("time"), _("authority"),
               _("adapter"));
    for (size_t k = 0; k < cl->n_servers; k++) {
        const struct cl_server *s = &cl->servers[order[k]];

        snprintf(pos, sizeof pos, "%u", s->position);
        if (s->rtt_ms < 0)
            snprintf(ms, sizeof ms, "-");
        else
            snprintf(ms, sizeof ms, _("%.1f ms"), s->rtt_ms);
        table_add(r, &t, pos, server_text(s, srv, sizeof srv), role_text(s->role),
                  tri_known(s->reachable), ms,
                  s->authoritative == TRI_YES  ? _("authoritative")
                  : s->authoritative == TRI_NO ? "-"
                                               : _("not known"),
                  s->source);
    }
    table_print(r, &t);
    table_fini(&t);
}

/* What a record's state rests on: what the server holds when wrong, what it said when it
 * did not answer with the record. */
static const char *record_detail(const struct cl_record *rec, char *buf, size_t n)
{
    size_t len;

    buf[0] = '\0';
    if (strcmp(rec->status, "wrong") == 0 && rec->n_observed > 0) {
        len = (size_t)snprintf(buf, n, "%s", _("holds"));
        for (size_t k = 0; k < rec->n_observed && len + 1 < n; k++)
            len += (size_t)snprintf(buf + len, n - len, " %s", rec->observed[k]);
    } else if (strcmp(rec->status, "ok") != 0 && strcmp(rec->status, "pending") != 0) {
        snprintf(buf, n, "%s", outcome_text(rec->outcome));
    }
    return buf;
}

static void report_records(struct rep *r, const struct checklist *cl)
{
    char detail[PROBE_ADDRS_MAX * NAMES_FQDN_SIZE + 64];
    struct table t;

    heading(r, _("Host records on each server"));
    if (cl->n_records == 0) {
        para(r, _("No host record was checked."));
        return;
    }
    table_init(&t, 6, true);
    table_head(r, &t, _("server"), _("type"), _("name"), _("expected"), _("state"), _("detail"));
    for (size_t i = 0; i < cl->n_records; i++) {
        const struct cl_record *rec = &cl->records[i];

        table_add(r, &t, rec->server, rec->type, rec->name, rec->expected, record_text(rec->status),
                  record_detail(rec, detail, sizeof detail));
    }
    table_print(r, &t);
    table_fini(&t);
}

static void report_verdict(struct rep *r, const struct checklist *cl)
{
    if (r->md) {
        heading(r, _("Verdict"));
        block(r);
        fprintf(r->f, "**%s**\n", verdict_text(cl->verdict));
    } else {
        heading(r, verdict_text(cl->verdict));
    }
    if (cl->n_findings)
        block(r);
    /* Findings are saved in English (the checklist reads the same in every language). */
    for (size_t k = 0; k < cl->n_findings; k++) {
        fputs(r->md ? "- " : "  * ", r->f);
        put_block(r, cl->findings[k]);
        fputc('\n', r->f);
    }
}

/* One action; with when, the time it was applied or tried as a sixth cell. */
static void action_row(struct rep *r, struct table *t, const struct cl_action *a, bool when)
{
    char record[NAMES_FQDN_SIZE + 16] = "", at[32] = "-";

    if (a->name[0])
        snprintf(record, sizeof record, "%s %s", a->name, a->type);
    if (a->applied_at)
        checklist_time_format(a->applied_at, at, sizeof at);
    if (when)
        table_add(r, t, action_text(a->kind), a->server[0] ? a->server : _("the node"), record,
                  a->value, action_status_text(a->status), at);
    else
        table_add(r, t, action_text(a->kind), a->server[0] ? a->server : _("the node"), record,
                  a->value, action_status_text(a->status));
}

/* Actions applied, or tried and failed, and when. */
static void report_applied(struct rep *r, const struct checklist *cl)
{
    struct table t;

    heading(r, _("What was applied"));
    table_init(&t, 6, true);
    table_head(r, &t, _("action"), _("where"), _("record"), _("value"), _("outcome"), _("when"));
    for (size_t i = 0; i < cl->n_remediation; i++)
        if (strcmp(cl->remediation[i].status, "todo") != 0)
            action_row(r, &t, &cl->remediation[i], true);
    if (t.nrows > 1)
        table_print(r, &t);
    else
        para(r, _("Nothing was applied."));
    table_fini(&t);
}

/* Actions not applied yet, and those that failed (still to do, another way); steps not done. */
static void report_left(struct rep *r, const struct checklist *cl)
{
    char num[24];
    struct table t;
    bool any = false;

    heading(r, _("What is left to do"));
    table_init(&t, 5, true);
    table_head(r, &t, _("action"), _("where"), _("record"), _("value"), _("state"));
    for (size_t i = 0; i < cl->n_remediation; i++)
        if (strcmp(cl->remediation[i].status, "applied") != 0)
            action_row(r, &t, &cl->remediation[i], false);
    if (t.nrows > 1) {
        table_print(r, &t);
        any = true;
    }
    table_fini(&t);

    table_init(&t, 3, true);
    table_head(r, &t, "#", _("step not done"), _("state"));
    for (int s = 0; s < STEP_COUNT; s++) {
        if (cl->steps[s].status == STEP_DONE)
            continue;
        snprintf(num, sizeof num, "%d", s + 1);
        table_add(r, &t, num, step_title(s), step_text(cl->steps[s].status));
    }
    if (t.nrows > 1) {
        table_print(r, &t);
        any = true;
    }
    table_fini(&t);
    if (!any)
        para(r, _("Nothing is left to do."));
}

/* Plain text: tabs to the next multiple of 8 columns (counted in characters). */
static void put_plain_line(struct rep *r, const char *s, size_t n)
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
static void put_md_line(struct rep *r, const char *s, size_t n, bool more)
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

static void report_notes(struct rep *r, int step, const char *notes)
{
    const char *p = notes, *end = notes + strlen(notes), *nl;
    char intro[256];

    /* No blank lines or blanks at the end. */
    while (end > notes && (end[-1] == '\n' || end[-1] == ' ' || end[-1] == '\t'))
        end--;
    if (end == notes)
        return;
    snprintf(intro, sizeof intro, _("Notes on step %d, %s:"), step + 1, step_title(step));
    para(r, intro);
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

static void report_steps(struct rep *r, const struct checklist *cl)
{
    char num[24], done[32];
    struct table t;

    heading(r, _("Steps"));
    table_init(&t, 4, true);
    table_head(r, &t, "#", _("step"), _("state"), _("completed"));
    for (int s = 0; s < STEP_COUNT; s++) {
        snprintf(num, sizeof num, "%d", s + 1);
        table_add(r, &t, num, step_title(s), step_text(cl->steps[s].status),
                  when(cl->steps[s].completed_at, done, sizeof done));
    }
    table_print(r, &t);
    table_fini(&t);
    for (int s = 0; s < STEP_COUNT; s++)
        report_notes(r, s, cl->steps[s].notes);
}

int report_checklist(FILE *out, const struct checklist *cl, bool markdown)
{
    struct rep r = {.f = out, .md = markdown};
    size_t *order = servers_by_position(&r, cl);

    if (!order)
        return -1;
    report_header(&r, cl);
    report_symptoms(&r, cl);
    report_names(&r, cl);
    report_order(&r, cl, order);
    report_servers(&r, cl, order);
    report_records(&r, cl);
    report_verdict(&r, cl);
    report_applied(&r, cl);
    report_left(&r, cl);
    report_steps(&r, cl);
    free(order);
    return r.oom ? -1 : 0;
}

/* ---- the command ----------------------------------------------------------------------- */

void cmd_report_usage(FILE *out)
{
    fprintf(out, "%s",
            _("Usage: clusterdns report [OPTION]... FILE\n"
              "Print a readable summary of the saved checklist FILE for a ticket: the symptoms,\n"
              "the Exchange group, the names and IPs, the DNS server order before and after,\n"
              "each host record, the verdict, what was applied and what is left to do.\n"
              "\n"
              "  -m, --markdown   write Markdown instead of plain text\n"
              "  -h, --help       display this help and exit\n"
              "\n"
              "Exit status: 0 the summary was printed, 2 bad usage or a checklist that cannot\n"
              "be read.\n"));
}

static int usage_error(const char *msg)
{
    fputs("clusterdns report: ", stderr);
    report_safe(stderr, msg); /* it may quote an argument, which may be anything */
    fprintf(stderr, "\n%s\n", _("Try 'clusterdns report --help' for more information."));
    return EXIT_USAGE;
}

static int fail(const char *what)
{
    fprintf(stderr, "clusterdns report: %s\n", what);
    return EXIT_USAGE;
}

int cmd_report(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"markdown", no_argument, NULL, 'm'}, {"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
    struct checklist cl;
    struct cd_diag d = {0};
    bool markdown = false;
    char *text = NULL, msg[4096];
    size_t len = 0;
    FILE *m;
    int ch, rc = EXIT_PASS;

    while ((ch = getopt_long(argc, argv, "mh", longopts, NULL)) != -1) {
        switch (ch) {
        case 'm':
            markdown = true;
            break;
        case 'h':
            cmd_report_usage(stdout);
            return fflush(stdout) == 0 && !ferror(stdout) ? EXIT_PASS : EXIT_USAGE;
        default:
            fprintf(stderr, "%s\n", _("Try 'clusterdns report --help' for more information."));
            return EXIT_USAGE;
        }
    }
    if (optind >= argc)
        return usage_error(_("give the checklist FILE to summarise"));
    if (optind + 1 < argc) {
        snprintf(msg, sizeof msg, _("unexpected argument '%s'"), argv[optind + 1]);
        return usage_error(msg);
    }

    checklist_init(&cl);
    if (checklist_load(argv[optind], &cl, &d) < 0) {
        fputs("clusterdns report: ", stderr);
        report_safe(stderr, diag_format_file(&d, argv[optind], msg, sizeof msg));
        fputc('\n', stderr);
        rc = EXIT_USAGE;
        goto out;
    }
    if (!(m = open_memstream(&text, &len))) {
        rc = fail(_("out of memory"));
        goto out;
    }
    rc = report_checklist(m, &cl, markdown);
    if (fclose(m) != 0 || rc < 0) {
        rc = fail(_("out of memory"));
        goto out;
    }
    if (fwrite(text, 1, len, stdout) != len || fflush(stdout) != 0) {
        snprintf(msg, sizeof msg, _("cannot write the summary: %s"), strerror(errno));
        rc = fail(msg);
    }
out:
    free(text);
    checklist_fini(&cl);
    return rc;
}
