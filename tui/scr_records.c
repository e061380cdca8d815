/* Step 5: the host records, server by record, live; what to add where; the verdict. The
 * fix in each form (dnscmd, PowerShell, NT 4.0 DNS Manager, zone file, nsupdate, netsh),
 * written to a file on request, and applied by dynamic update after the operator confirms. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wctype.h>

#include "remedy.h"
#include "list.h"
#include "scr_common.h"
#include "i18n.h"
#include "ui.h"

#define FORMS 6

enum { ID_TABLE = -2 };

struct records {
    struct form form;   /* the table, [ Back ] and [ Next ] */
    struct list table;  /* a row a server */
    size_t first_line;  /* of the findings, in wrapped lines: PgUp/PgDn page them */
    size_t page;        /* the findings' lines shown last time */
    unsigned long shown; /* a hash of the findings shown: new findings start at the top */
    int view;           /* the form of the fix W writes and F shows */
};

static void *create(void)
{
    struct records *st = calloc(1, sizeof *st);

    if (st) {
        form_init(&st->form);
        form_add(&st->form, ITEM_LIST, N_("DNS servers"), ID_TABLE, 0);
        form_add_nav(&st->form);
    }
    return st;
}

static struct form *form_of(void *st)
{
    return &((struct records *)st)->form;
}

static const char *translate(const char *msgid)
{
    return _(msgid);
}

/* The fix in the form shown, malloc'ed; NULL with d filled when it cannot be made. */
static char *fix_text(struct app *a, enum remedy_form form, struct cd_diag *d)
{
    struct remedy_opts ro = {.interface = NULL, .tr = translate};
    char *text = NULL;

    if (remedy_emit(session_checklist(a->s), form, &ro, &text, d) < 0)
        return NULL;
    return text;
}

static enum remedy_form shown_form(const struct records *st)
{
    return (enum remedy_form)st->view;
}

/* --- W: the fix to a file, after a yes ---------------------------------------------------- */

struct write_job {
    enum remedy_form form;
    char path[4096];
};

static void written(struct app *a, void *ctx, int id)
{
    struct write_job *job = ctx;
    struct remedy_opts ro = {.interface = NULL, .tr = translate};
    struct cd_diag d;

    if (id != 1) {
        app_message(a, MSG_INFO, "%s", _("Nothing was written."));
        return;
    }
    /* The engine's writer: atomic, never through a link, a new file 0600. */
    if (remedy_write(session_checklist(a->s), job->form, &ro, job->path, &d) < 0)
        scr_message_diag(a, &d);
    else
        app_message(a, MSG_INFO, _("Written to %s"), job->path);
}

static void run_write(struct app *a, void *vst, const struct tui_key_event *k)
{
    struct records *st = vst;
    struct write_job *job = malloc(sizeof *job);
    char *body;
    bool exists;
    const struct dialog_button b[] = {
        {_("Y  Write it"), dialog_keys_yes(), 1},
        {_("N  Cancel"), dialog_keys_no(), 0},
    };

    (void)k;
    if (!job)
        return;
    job->form = shown_form(st);
    snprintf(job->path, sizeof job->path, "%s.%s.txt", session_output(a->s),
             remedy_form_name(job->form));
    exists = access(job->path, F_OK) == 0;
    if (asprintf(&body, exists ? _("Write the fix as %s to\n  %s\nThat file exists: it is replaced.")
                               : _("Write the fix as %s to\n  %s\n(a new file)."),
                 remedy_form_name(job->form), job->path) < 0) {
        free(job);
        return;
    }
    app_ask(a, _("Write the fix to a file?"), body, b, 2, 1, written, job, free);
}

/* --- A: the updates, shown exactly as they are sent, after a yes ------------------------- */

static void plan_free(void *p)
{
    apply_plan_fini(p);
    free(p);
}

static void send_plan(struct app *a, void *ctx, int id)
{
    struct cd_diag d;

    if (id != 1) {
        app_message(a, MSG_INFO, "%s", _("Nothing was sent."));
        return;
    }
    if (session_apply(a->s, ctx, &d) < 0)
        scr_message_diag(a, &d);
    else
        app_message(a, MSG_INFO, "%s", _("Sending the records by dynamic update..."));
}

/* The plan as the operator reads it: per server, nsupdate's commands as sent (its comment
 * lines left out: nsupdate ignores them). */
static char *plan_text(const struct apply_plan *p)
{
    char *text = NULL;
    size_t len = 0, cap = 0;

    for (size_t i = 0; i < p->n; i++) {
        const char *line = p->v[i].script;
        char head[512];
        int n = snprintf(head, sizeof head, _("%sTo %s:\n"), i ? "\n" : "", p->v[i].server);

        if (n < 0)
            return text;
        for (;;) {
            size_t l = strcspn(line, "\n");
            size_t need = len + (size_t)n + l + 8;

            if (need > cap) {
                char *t = realloc(text, cap = need * 2);

                if (!t) {
                    free(text);
                    return NULL;
                }
                text = t;
            }
            if (n) {
                memcpy(text + len, head, (size_t)n);
                len += (size_t)n;
                n = 0;
            }
            if (l && line[0] != ';') {
                len += (size_t)snprintf(text + len, cap - len, "  %.*s\n", (int)l, line);
            }
            if (!line[l])
                break;
            line += l + 1;
        }
    }
    return text;
}

static void run_apply(struct app *a, void *vst, const struct tui_key_event *k)
{
    struct apply_plan *plan = calloc(1, sizeof *plan);
    struct cd_diag d;
    char *updates, *body;
    const struct dialog_button b[] = {
        {_("Y  Send these updates"), dialog_keys_yes(), 1},
        {_("N  Cancel"), dialog_keys_no(), 0},
    };

    (void)vst, (void)k;
    if (!plan)
        return;
    if (session_apply_plan(a->s, plan, &d) < 0) {
        free(plan);
        scr_message_diag(a, &d);
        return;
    }
    updates = plan_text(plan);
    if (!updates || asprintf(&body, "%s\n\n%s\n%s",
                             _("These dynamic updates are sent with nsupdate, exactly as shown, "
                               "and nothing else:"),
                             updates,
                             _("Then every server is checked again. An NT 4.0 DNS takes no "
                               "dynamic update: use DNS Manager (F shows its steps).")) < 0) {
        free(updates);
        plan_free(plan);
        return;
    }
    free(updates);
    app_ask(a, _("Send these updates?"), body, b, 2, 1, send_plan, plan, plan_free);
}

/* --- the other commands --------------------------------------------------------------------- */

static bool have_check(struct app *a, void *st)
{
    (void)st;
    return session_check(a->s) != NULL;
}

static bool can_apply(struct app *a, void *st)
{
    struct check *c = session_check(a->s);

    (void)st;
    return c && check_done(c) && !session_applying(a->s) &&
           check_eval(c)->verdict != VERDICT_PASS;
}

/* F: the fix in one form, on the whole screen (as dialog's textbox): F the next form, W
 * writes it, Esc closes. */
enum { VIEW_CLOSE, VIEW_NEXT, VIEW_WRITE };

static void run_form(struct app *a, void *vst, const struct tui_key_event *k);

static void viewed(struct app *a, void *ctx, int id)
{
    struct records *st = app_state(a, STEP_HOST_RECORDS);

    (void)ctx;
    if (id == VIEW_NEXT) {
        st->view = (st->view + 1) % FORMS;
        run_form(a, st, NULL);
    } else if (id == VIEW_WRITE) {
        run_write(a, st, NULL);
    }
}

static void run_form(struct app *a, void *vst, const struct tui_key_event *k)
{
    struct records *st = vst;
    struct cd_diag d;
    char *text, title[128];
    const struct dialog_button b[] = {
        {_("F  Next form"), "f", VIEW_NEXT},
        {_("W  Write it to a file"), "w", VIEW_WRITE},
        {_("Esc  Close"), "", VIEW_CLOSE},
    };

    (void)k;
    if (!(text = fix_text(a, shown_form(st), &d))) {
        scr_message_diag(a, &d);
        return;
    }
    snprintf(title, sizeof title, _("The fix as %s (%d of %d)"), remedy_form_name(shown_form(st)),
             st->view + 1, FORMS);
    app_ask(a, title, text, b, 3, 2, viewed, NULL, NULL);
}

static const struct scr_command commands[] = {
    {L"c", TK_NONE, N_("C"), N_("check again"), have_check, scr_run_check},
    {L"a", TK_NONE, N_("A"), N_("apply"), can_apply, run_apply},
    {L"f", TK_NONE, N_("F"), N_("the fix"), have_check, run_form},
    {L"w", TK_NONE, N_("W"), N_("write the fix"), have_check, run_write},
    {NULL, TK_NONE, NULL, NULL, NULL, NULL},
};

static int key(struct app *a, void *vst, const struct tui_key_event *k)
{
    struct records *st = vst;
    struct check *c = session_check(a->s);
    size_t page = st->page > 1 ? st->page - 1 : 1;
    enum form_event ev;
    size_t which;

    /* PgUp and PgDn page the findings by what the pane shows; the arrows move in the table. */
    if (k->key == TK_PGDN) {
        st->first_line += page; /* bounded when drawn */
        return KR_HANDLED;
    }
    if (k->key == TK_PGUP) {
        st->first_line = st->first_line > page ? st->first_line - page : 0;
        return KR_HANDLED;
    }
    if (form_focused(&st->form)->id == ID_TABLE) {
        list_set_count(&st->table, c ? check_servers(c)->n : 0);
        if (list_key(&st->table, k))
            return KR_HANDLED;
    }
    return scr_form_key(a, &st->form, k, &ev, &which);
}

enum { COL_SERVER = 2, COL_EXCHANGE = 26, COL_CLUSTER = 44, COL_PTR = 62 };

static void draw_row(void *ctx, WINDOW *w, int y, int x, int width, size_t i, bool sel)
{
    struct check *c = ctx;
    const struct records_server *rs = &check_eval(c)->server[i];
    char srv[SERVERS_TEXT_SIZE];

    (void)x, (void)width;
    ui_style(w, sel ? UI_FOCUS : UI_NORMAL);
    ui_putf(w, y, COL_SERVER, 23, "%c%s", sel ? '>' : ' ',
            server_format(&check_servers(c)->v[i], srv, sizeof srv));
    ui_style(w, UI_NORMAL);
    ui_status(w, y, COL_EXCHANGE, rs->status[QUERY_EXCHANGE]);
    ui_status(w, y, COL_CLUSTER, rs->status[QUERY_CLUSTER]);
    x = COL_PTR + ui_status(w, y, COL_PTR, rs->status[QUERY_EXCHANGE_PTR]) + 1;
    if (rs->status[QUERY_CLUSTER_PTR] != rs->status[QUERY_EXCHANGE_PTR])
        ui_status(w, y, x, rs->status[QUERY_CLUSTER_PTR]);
}

/* The table in at most height lines; returns the lines used and the selection's row. */
static int draw_table(struct records *st, WINDOW *w, int y, int height, int width, struct check *c,
                      int *sel_y)
{
    const struct records_target *t = check_target(c);
    bool focused = form_focused(&st->form)->id == ID_TABLE;
    int used;

    ui_style(w, focused ? UI_FOCUS : UI_DIM);
    ui_put(w, y, COL_SERVER, 23, _("server"));
    ui_putf(w, y, COL_EXCHANGE, 17, "A %s", t->name[HOST_EXCHANGE]);
    ui_putf(w, y, COL_CLUSTER, 17, "A %s", t->name[HOST_CLUSTER]);
    ui_put(w, y, COL_PTR, width - COL_PTR - 2, _("PTR (both)"));
    ui_style(w, UI_NORMAL);
    list_set_count(&st->table, check_servers(c)->n);
    used = list_draw(&st->table, w, y + 1, 2, width - 4, height - 1, focused, draw_row, c);
    *sel_y = y + 1 + (int)(st->table.selected - st->table.top);
    return 1 + used;
}

static void draw_verdict(WINDOW *w, int y, int width, const struct records_eval *e)
{
    switch (e->verdict) {
    case VERDICT_PASS:
        ui_style(w, UI_OK);
        ui_put(w, y, 2, width - 4, _("Verdict: PASS: the node resolves both names to the right addresses."));
        break;
    case VERDICT_FAIL:
        ui_style(w, UI_BAD);
        ui_put(w, y, 2, width - 4, _("Verdict: FAIL: the node does not get the right host records."));
        break;
    default:
        ui_style(w, UI_PENDING);
        ui_put(w, y, 2, width - 4, _("Verdict: waiting for the answers..."));
        break;
    }
    ui_style(w, UI_NORMAL);
}

/* The findings, one paragraph each, paged: the lines from st->first_line that fit rows
 * max_y - y, with where they are ("findings 1-6 of 14 lines") on the last row when they do
 * not all fit. New findings start at the top. */
static void draw_findings(struct records *st, WINDOW *w, int y, int max_y, int width,
                          struct check *c, const struct records_eval *e)
{
    struct cd_diag findings[RECORDS_FINDINGS_MAX];
    char *text, one[1024];
    size_t n = records_findings(check_target(c), check_servers(c), e, findings,
                                RECORDS_FINDINGS_MAX);
    size_t len = 0, total, rows = max_y > y ? (size_t)(max_y - y) : 0;
    unsigned long hash = 5381;

    if (!rows || !(text = malloc(n * 1100 + 1)))
        return;
    text[0] = '\0';
    for (size_t k = 0; k < n; k++)
        len += (size_t)snprintf(text + len, 1100, "* %s\n", diag_format(&findings[k], one, sizeof one));
    if (len && text[len - 1] == '\n')
        text[--len] = '\0';
    for (const char *p = text; *p; p++)
        hash = hash * 33 + (unsigned char)*p;
    if (hash != st->shown) {
        st->shown = hash;
        st->first_line = 0;
    }
    total = ui_text(NULL, 0, 0, width - 4, 0, 0, text);
    if (total > rows) {
        rows--; /* the last row says where the lines are */
        if (st->first_line > total - rows)
            st->first_line = total - rows;
        ui_style(w, UI_DIM);
        ui_putf(w, max_y - 1, 2, width - 4, _("findings: lines %zu-%zu of %zu (PgUp/PgDn)"),
                st->first_line + 1, st->first_line + rows, total);
        ui_style(w, UI_NORMAL);
    } else {
        st->first_line = 0;
    }
    st->page = rows;
    ui_text(w, y, 2, width - 4, (int)rows, st->first_line, text);
    free(text);
}

static void draw_apply_state(struct app *a, WINDOW *w, int y, int width)
{
    size_t failed;
    const struct cd_diag *err = session_apply_error(a->s, &failed);
    char text[1024];

    if (session_applying(a->s)) {
        ui_style(w, UI_PENDING);
        ui_put(w, y, 2, width - 4, _("Sending the records by dynamic update..."));
    } else if (err) {
        ui_style(w, UI_BAD);
        ui_putf(w, y, 2, width - 4, _("Not applied: %s"), diag_format(err, text, sizeof text));
    } else if (session_applied(a->s)) {
        ui_style(w, UI_OK);
        ui_putf(w, y, 2, width - 4, _("%zu records applied by dynamic update."),
                session_applied(a->s));
    }
    ui_style(w, UI_NORMAL);
}

static void draw(struct app *a, void *vst, WINDOW *w, int h, int width)
{
    struct records *st = vst;
    struct check *c = session_check(a->s);
    const struct records_eval *e = c ? check_eval(c) : NULL;
    int y = 1, sel_y = 0, table_h;

    /* Wrapped: the English line is 78 columns, wider than 80 less the margins. */
    y += ui_wrap(w, y, 2, width - 4, 0, 2,
                 _("The local DNS must hold the host (A) records of both names."));
    y++;
    if (!c || !e) {
        y += ui_wrap(w, y, 2, width - 4, 0, 2,
                     _("No check yet: complete the names (step 3) and servers (step 4)."));
        wmove(w, y - 1, 2);
        return;
    }
    /* The table takes what the verdict and six lines of findings leave. */
    table_h = h - y - 3 - 6;
    if (table_h < 3)
        table_h = 3;
    y += draw_table(st, w, y, table_h, width, c, &sel_y);
    y++;
    draw_verdict(w, y++, width, e);
    draw_apply_state(a, w, y++, width);
    draw_findings(st, w, y, h, width, c, e);
    wmove(w, form_focused(&st->form)->id == ID_TABLE ? sel_y : y, 2);
}

const struct screen_ops scr_records = {
    .step = STEP_HOST_RECORDS,
    .title = N_("Host records"),
    .help = N_("Each server is asked for the A record of each name and the PTR record of each\n"
               "address: ok, missing, wrong (another address) or unanswered. F shows the fix\n"
               "in each form on the whole screen and W writes it beside the checklist; A sends\n"
               "the missing records by dynamic update after you confirm (not to NT 4.0: use\n"
               "DNS Manager); C checks again. PgUp and PgDn page the findings."),
    .create = create,
    .destroy = free,
    .form = form_of,
    .key = key,
    .draw = draw,
    .commands = commands,
};
