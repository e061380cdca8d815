/* Step 5: the host records, server by record, live; what to add where; the verdict. */
#include "config.h"

#include "scr_common.h"
#include "i18n.h"
#include "ui.h"

static size_t first_finding; /* PgUp/PgDn scroll the findings when they do not fit */

static int key(struct app *a, const struct tui_key_event *k)
{
    struct cd_diag d;
    char text[1024];

    if (k->key == TK_PGDN || k->key == TK_DOWN) {
        first_finding++; /* bounded when drawn */
        return KR_HANDLED;
    }
    if ((k->key == TK_PGUP || k->key == TK_UP) && first_finding > 0) {
        first_finding--;
        return KR_HANDLED;
    }

    if (k->key == TK_CHAR && (k->ch == L'c' || k->ch == L'C')) {
        if (session_recheck(a->s, &d) < 0)
            app_message(a, MSG_ERROR, "%s", diag_format(&d, text, sizeof text));
        else
            app_message(a, MSG_INFO, "%s", _("Checking again..."));
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

static void draw(struct app *a, WINDOW *w, int h, int width)
{
    struct check *c = session_check(a->s);
    const struct records_eval *e = c ? check_eval(c) : NULL;
    struct cd_diag findings[RECORDS_FINDINGS_MAX];
    char text[1024];
    int y = 1;
    size_t n;

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
    draw_table(w, &y, h - 8, width, c, e);
    y++;
    switch (e->verdict) {
    case VERDICT_PASS:
        ui_style(w, UI_OK);
        ui_put(w, y++, 2, width - 4, _("Verdict: PASS: the node resolves both names to the right addresses."));
        break;
    case VERDICT_FAIL:
        ui_style(w, UI_BAD);
        ui_put(w, y++, 2, width - 4, _("Verdict: FAIL: the node does not get the right host records."));
        break;
    default:
        ui_style(w, UI_PENDING);
        ui_put(w, y++, 2, width - 4, _("Verdict: waiting for the answers..."));
        break;
    }
    ui_style(w, UI_NORMAL);
    n = records_findings(check_target(c), check_servers(c), e, findings, RECORDS_FINDINGS_MAX);
    if (first_finding >= n)
        first_finding = n ? n - 1 : 0;
    size_t k = first_finding;
    for (; k < n && y < h - 1; k++) {
        ui_put(w, y, 2, 2, "*");
        y += ui_wrap(w, y, 4, width - 6, 2, h - 1 - y, diag_format(&findings[k], text, sizeof text));
    }
    if (first_finding > 0 || k < n)
        ui_put(w, h - 1, 2, width - 4,
               _("C: check again after adding the records.  PgUp/PgDn: more findings"));
    else
        ui_put(w, h - 1, 2, width - 4, _("C: check again after adding the records."));
    wmove(w, h - 1, 2);
}

const struct screen_ops scr_records = {
    .step = STEP_HOST_RECORDS,
    .title = N_("Host records"),
    .help = N_("Every server is asked for the host (A) record of each name and the pointer (PTR)\n"
               "record of each address. ok: the right address; missing: no such record; wrong:\n"
               "another address; unanswered: the server did not say. Add the missing records in\n"
               "DNS Manager on the local DNS (New Host...), then press C to check again."),
    .key = key,
    .draw = draw,
};
