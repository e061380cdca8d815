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
#include "scr_common.h"
#include "i18n.h"
#include "ui.h"

#define FORMS 6

struct records {
    size_t first_line; /* PgUp/PgDn scroll the findings or the fix when they do not fit */
    int view;          /* 0: the findings; 1..FORMS: the fix as remedy form view - 1 */
};

static void *create(void)
{
    return calloc(1, sizeof(struct records));
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

static void message_diag(struct app *a, const struct cd_diag *d)
{
    char text[1024];

    app_message(a, MSG_ERROR, "%s", diag_format(d, text, sizeof text));
}

static enum remedy_form shown_form(const struct records *st)
{
    return (enum remedy_form)(st->view > 0 ? st->view - 1 : REMEDY_NSUPDATE);
}

/* --- W: the fix to a file, after a yes ---------------------------------------------------- */

struct write_job {
    enum remedy_form form;
    char path[4096];
};

static void written(struct app *a, void *ctx, int id)
{
    struct write_job *job = ctx;
    struct cd_diag d;
    char *text;
    FILE *f;

    if (id != 1) {
        app_message(a, MSG_INFO, "%s", _("Nothing was written."));
        return;
    }
    if (!(text = fix_text(a, job->form, &d))) {
        message_diag(a, &d);
        return;
    }
    f = fopen(job->path, "w");
    if (!f) {
        app_message(a, MSG_ERROR, _("Cannot write %s: %s"), job->path, strerror(errno));
    } else {
        bool ok = fputs(text, f) != EOF;
        int err = errno;

        if (fclose(f) != 0 && ok)
            ok = false, err = errno;
        if (ok)
            app_message(a, MSG_INFO, _("Written to %s"), job->path);
        else
            app_message(a, MSG_ERROR, _("Cannot write %s: %s"), job->path, strerror(err));
    }
    free(text);
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
        message_diag(a, &d);
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
        message_diag(a, &d);
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

static void run_check(struct app *a, void *st, const struct tui_key_event *k)
{
    struct cd_diag d;

    (void)st, (void)k;
    if (session_recheck(a->s, &d) < 0)
        message_diag(a, &d);
    else
        app_message(a, MSG_INFO, "%s", _("Checking again..."));
}

static void run_form(struct app *a, void *vst, const struct tui_key_event *k)
{
    struct records *st = vst;

    (void)a, (void)k;
    st->view = (st->view + 1) % (FORMS + 1);
    st->first_line = 0;
}

static const struct scr_command commands[] = {
    {L"c", TK_NONE, N_("C"), N_("check again"), have_check, run_check},
    {L"a", TK_NONE, N_("A"), N_("apply by dynamic update"), can_apply, run_apply},
    {L"f", TK_NONE, N_("F"), N_("the fix as commands"), have_check, run_form},
    {L"w", TK_NONE, N_("W"), N_("write it to a file"), have_check, run_write},
    {NULL, TK_NONE, NULL, NULL, NULL, NULL},
};

static int key(struct app *a, void *vst, const struct tui_key_event *k)
{
    struct records *st = vst;

    (void)a;
    if (k->key == TK_PGDN || k->key == TK_DOWN) {
        st->first_line++; /* bounded when drawn */
        return KR_HANDLED;
    }
    if (k->key == TK_PGUP || k->key == TK_UP) {
        st->first_line -= st->first_line > 0;
        return KR_HANDLED;
    }
    return KR_IGNORED;
}

static void draw_table(WINDOW *w, int *y, int max_y, int width, struct check *c,
                       const struct records_eval *e)
{
    const struct records_target *t = check_target(c);
    const struct server_list *servers = check_servers(c);
    char srv[SERVERS_TEXT_SIZE];
    const int col[] = {2, 26, 44, 62};

    ui_style(w, UI_DIM);
    ui_put(w, *y, col[0], 23, _("server"));
    ui_putf(w, *y, col[1], 17, "A %s", t->name[HOST_EXCHANGE]);
    ui_putf(w, *y, col[2], 17, "A %s", t->name[HOST_CLUSTER]);
    ui_put(w, (*y)++, col[3], width - col[3] - 2, _("PTR (both)"));
    ui_style(w, UI_NORMAL);
    for (size_t i = 0; i < servers->n && *y < max_y; i++) {
        const struct records_server *rs = &e->server[i];

        ui_put(w, *y, col[0], 23, server_format(&servers->v[i], srv, sizeof srv));
        ui_status(w, *y, col[1], rs->status[QUERY_EXCHANGE]);
        ui_status(w, *y, col[2], rs->status[QUERY_CLUSTER]);
        {
            int x = col[3];
            x += ui_status(w, *y, x, rs->status[QUERY_EXCHANGE_PTR]) + 1;
            if (rs->status[QUERY_CLUSTER_PTR] != rs->status[QUERY_EXCHANGE_PTR])
                ui_status(w, *y, x, rs->status[QUERY_CLUSTER_PTR]);
        }
        (*y)++;
    }
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

/* The lines of text from line first_line on, wrapped, up to row max_y; returns whether
 * more lines follow. */
static bool draw_lines(struct records *st, WINDOW *w, int y, int max_y, int width,
                       const char *text)
{
    size_t first_line = st->first_line;
    size_t line = 0;
    const char *p = text;

    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        char buf[1024];

        if (line++ >= first_line) {
            if (y >= max_y)
                return true;
            snprintf(buf, sizeof buf, "%.*s", (int)len, p);
            y += len ? ui_wrap(w, y, 2, width - 4, 4, max_y - y, buf) : 1;
        }
        p += len + (nl != NULL);
    }
    if (first_line > line)
        st->first_line = line ? line - 1 : 0;
    return false;
}

static bool draw_findings(struct records *st, WINDOW *w, int y, int max_y, int width,
                          struct check *c, const struct records_eval *e)
{
    struct cd_diag findings[RECORDS_FINDINGS_MAX];
    char text[1024];
    size_t n = records_findings(check_target(c), check_servers(c), e, findings,
                                RECORDS_FINDINGS_MAX);
    size_t k;

    if (st->first_line >= n)
        st->first_line = n ? n - 1 : 0;
    for (k = st->first_line; k < n && y < max_y; k++) {
        ui_put(w, y, 2, 2, "*");
        y += ui_wrap(w, y, 4, width - 6, 2, max_y - y, diag_format(&findings[k], text, sizeof text));
    }
    return k < n;
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
    int y = 1;
    bool more;

    /* Wrapped: the English line is 78 columns, wider than 80 less the margins. */
    y += ui_wrap(w, y, 2, width - 4, 0, 2,
                 _("Within the local DNS, host (A) records for the Exchange and the cluster "
                   "names."));
    y++;
    if (!c || !e) {
        ui_put(w, y, 2, width - 4, _("No check yet: complete the names (step 3) and servers (step 4)."));
        wmove(w, y, 2);
        return;
    }
    draw_table(w, &y, h - 9, width, c, e);
    y++;
    draw_verdict(w, y++, width, e);
    draw_apply_state(a, w, y++, width);
    if (st->view == 0) {
        more = draw_findings(st, w, y, h - 1, width, c, e);
    } else {
        struct cd_diag d;
        char *text = fix_text(a, shown_form(st), &d), msg[1024];

        ui_style(w, UI_DIM);
        ui_putf(w, y++, 2, width - 4, _("The fix as %s (F: next form, W: write it to a file):"),
                remedy_form_name(shown_form(st)));
        ui_style(w, UI_NORMAL);
        if (text) {
            more = draw_lines(st, w, y, h - 1, width, text);
            free(text);
        } else {
            ui_put(w, y, 2, width - 4, diag_format(&d, msg, sizeof msg));
            more = false;
        }
    }
    if (more || st->first_line) {
        ui_style(w, UI_DIM);
        ui_put(w, h - 1, width - 24, 22, _("PgUp/PgDn: more"));
        ui_style(w, UI_NORMAL);
    }
    wmove(w, h - 1, 2);
}

const struct screen_ops scr_records = {
    .step = STEP_HOST_RECORDS,
    .title = N_("Host records"),
    .help = N_("Each server is asked for the A record of each name and the PTR record of each\n"
               "address: ok, missing, wrong (another address) or unanswered. F shows the fix\n"
               "in each form and W writes it beside the checklist; A sends the missing records\n"
               "by dynamic update after you confirm (not to NT 4.0: use DNS Manager); C checks\n"
               "again."),
    .create = create,
    .destroy = free,
    .key = key,
    .draw = draw,
    .commands = commands,
};
