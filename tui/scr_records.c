/* Step 5: the host records, server by record, live; what to add where; the verdict. The
 * fix in each form (dnscmd, PowerShell, NT 4.0 DNS Manager, zone file, nsupdate, netsh),
 * written to a file on request, and applied by dynamic update after the operator confirms. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "remedy.h"
#include "scr_common.h"
#include "i18n.h"
#include "ui.h"

#define FORMS 6

static size_t first_line; /* PgUp/PgDn scroll the findings or the fix when they do not fit */
static int view;          /* 0: the findings; 1..FORMS: the fix as remedy form view - 1 */
static bool confirming;   /* "send these records?" is asked */

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

/* Writes the fix shown to "<output>.<form>.txt", beside the checklist. */
static void write_fix(struct app *a)
{
    enum remedy_form form = (enum remedy_form)(view > 0 ? view - 1 : REMEDY_NSUPDATE);
    struct cd_diag d;
    char path[4096], *text = fix_text(a, form, &d);
    FILE *f;

    if (!text) {
        message_diag(a, &d);
        return;
    }
    snprintf(path, sizeof path, "%s.%s.txt", session_output(a->s), remedy_form_name(form));
    f = fopen(path, "w");
    if (!f || fputs(text, f) == EOF || fclose(f) != 0) {
        app_message(a, MSG_ERROR, _("Cannot write %s: %s"), path, strerror(errno));
        if (f)
            fclose(f);
    } else {
        app_message(a, MSG_INFO, _("Written to %s"), path);
    }
    free(text);
}

static int key(struct app *a, const struct tui_key_event *k)
{
    struct cd_diag d;
    wchar_t c = k->key == TK_CHAR ? towlower(k->ch) : 0;

    if (confirming) {
        confirming = false;
        if (c == L'y' || c == L'j' || c == L'o') { /* yes, ja, oui */
            if (session_apply(a->s, &d) < 0)
                message_diag(a, &d);
            else
                app_message(a, MSG_INFO, "%s", _("Sending the records by dynamic update..."));
        } else {
            app_message(a, MSG_INFO, "%s", _("Nothing was sent."));
        }
        return KR_HANDLED;
    }
    if (k->key == TK_PGDN || k->key == TK_DOWN) {
        first_line++; /* bounded when drawn */
        return KR_HANDLED;
    }
    if ((k->key == TK_PGUP || k->key == TK_UP) && first_line > 0) {
        first_line--;
        return KR_HANDLED;
    }
    switch (c) {
    case L'c':
        if (session_recheck(a->s, &d) < 0)
            message_diag(a, &d);
        else
            app_message(a, MSG_INFO, "%s", _("Checking again..."));
        return KR_HANDLED;
    case L'f':
        view = (view + 1) % (FORMS + 1);
        first_line = 0;
        return KR_HANDLED;
    case L'w':
        write_fix(a);
        return KR_HANDLED;
    case L'a':
        if (session_applying(a->s))
            app_message(a, MSG_INFO, "%s", _("The records are being sent already."));
        else
            confirming = true;
        return KR_HANDLED;
    default:
        return KR_IGNORED;
    }
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
static bool draw_lines(WINDOW *w, int y, int max_y, int width, const char *text)
{
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
        first_line = line ? line - 1 : 0;
    return false;
}

static bool draw_findings(struct app *a, WINDOW *w, int y, int max_y, int width, struct check *c,
                          const struct records_eval *e)
{
    struct cd_diag findings[RECORDS_FINDINGS_MAX];
    char text[1024];
    size_t n = records_findings(check_target(c), check_servers(c), e, findings,
                                RECORDS_FINDINGS_MAX);
    size_t k;

    (void)a;
    if (first_line >= n)
        first_line = n ? n - 1 : 0;
    for (k = first_line; k < n && y < max_y; k++) {
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

    if (confirming) {
        ui_style(w, UI_WARN);
        ui_put(w, y, 2, width - 4,
               _("Send the missing records to the local DNS by dynamic update (nsupdate)? y/n"));
    } else if (session_applying(a->s)) {
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

static void draw(struct app *a, WINDOW *w, int h, int width)
{
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
    if (view == 0) {
        more = draw_findings(a, w, y, h - 2, width, c, e);
    } else {
        struct cd_diag d;
        char *text = fix_text(a, (enum remedy_form)(view - 1), &d), msg[1024];

        ui_style(w, UI_DIM);
        ui_putf(w, y++, 2, width - 4, _("The fix as %s (F: next form, W: write it to a file):"),
                remedy_form_name((enum remedy_form)(view - 1)));
        ui_style(w, UI_NORMAL);
        if (text) {
            more = draw_lines(w, y, h - 2, width, text);
            free(text);
        } else {
            ui_put(w, y, 2, width - 4, diag_format(&d, msg, sizeof msg));
            more = false;
        }
    }
    ui_put(w, h - 1, 2, width - 4,
           more || first_line ? _("C check again  A apply  F the fix as commands  PgUp/PgDn more")
                              : _("C check again  A apply by dynamic update  F the fix as commands"));
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
    .key = key,
    .draw = draw,
};
