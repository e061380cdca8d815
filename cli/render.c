#include "config.h"

#include "render.h"

#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "i18n.h"
#include "rules.h"

/* ---- the model in words --------------------------------------------------------------- */

static const char *tri_seen(enum tri t)
{
    return t == TRI_YES ? _("yes") : t == TRI_NO ? _("no") : _("not checked");
}

static const char *tri_known(enum tri t)
{
    return t == TRI_YES ? _("yes") : t == TRI_NO ? _("no") : _("not known");
}

static const char *role_text(enum server_role r)
{
    return r == ROLE_LOCAL ? _("local") : r == ROLE_INTERNET ? _("internet") : _("unknown");
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

static const char *verdict_text(const struct cl_run *run)
{
    /* The live check's own words. */
    if (!run)
        return _("Verdict: NOT CHECKED: no check was run for this checklist.");
    switch (run->eval.verdict) {
    case VERDICT_PASS:
        return _("Verdict: PASS: the node resolves both names to the right addresses.");
    case VERDICT_FAIL:
        return _("Verdict: FAIL: the node does not get the right host records.");
    default:
        return _("Verdict: INCOMPLETE: some servers have not answered yet.");
    }
}

const char *render_verdict_word(enum verdict v)
{
    return v == VERDICT_PASS ? _("PASS") : v == VERDICT_FAIL ? _("FAIL") : _("INCOMPLETE");
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

/* "J. Martin (INC-4711)", the operator alone, the ticket alone, or "-". */
static const char *who_text(const struct cl_who *w, char *buf, size_t n)
{
    if (*w->operator_name && *w->ticket)
        snprintf(buf, n, "%s (%s)", w->operator_name, w->ticket);
    else
        snprintf(buf, n, "%s", *w->operator_name ? w->operator_name : or_dash(w->ticket));
    return buf;
}

/* A sentence of ours, fmt (translated) with %1$s the time of who's event and %2$s who, as
 * a paragraph: who is text from the file, shown escaped. */
static void event_para(struct doc *r, const char *fmt, const struct cl_who *who)
{
    char at[32], text[2 * CHECKLIST_SHORT + 4], line[1024];
    char *shown = doc_escape(r, who_text(who, text, sizeof text));

    if (!shown)
        return;
    snprintf(line, sizeof line, fmt, when(who->at, at, sizeof at), shown);
    doc_para(r, line);
    free(shown);
}

#define ORDER_TEXT (SERVERS_MAX * SERVERS_TEXT_SIZE)

/* "a, b, c" */
static const char *order_text(const struct server_list *l, char *buf, size_t n)
{
    char srv[SERVERS_TEXT_SIZE];
    size_t len = 0;

    buf[0] = '\0';
    for (size_t k = 0; l && k < l->n && len < n; k++)
        len += (size_t)snprintf(buf + len, n - len, "%s%s", k ? ", " : "",
                                server_format(&l->v[k], srv, sizeof srv));
    return buf;
}

/* ---- the case --------------------------------------------------------------------------- */

/* Everyone who took part, each once, in the order they first appear. */
static void people(const struct checklist *cl, char *buf, size_t n)
{
    const struct cl_who *all[1 + STEP_COUNT + CHECKLIST_RUNS_MAX + CHECKLIST_ITEMS_MAX + 1];
    size_t k = 0, len = 0;
    char one[2 * CHECKLIST_SHORT + 4];

    all[k++] = &cl->found_who;
    for (size_t i = 0; i < cl->n_runs && k < sizeof all / sizeof *all; i++)
        all[k++] = &cl->runs[i].who;
    for (size_t i = 0; i < cl->n_actions && k < sizeof all / sizeof *all; i++)
        all[k++] = &cl->actions[i].who;
    for (size_t i = 0; i < STEP_COUNT; i++)
        all[k++] = &cl->steps[i].done;
    buf[0] = '\0';
    for (size_t i = 0; i < k; i++) {
        bool seen = !all[i]->at || (!*all[i]->operator_name && !*all[i]->ticket);

        for (size_t j = 0; j < i && !seen; j++)
            seen = all[j]->at && strcmp(all[j]->operator_name, all[i]->operator_name) == 0 &&
                   strcmp(all[j]->ticket, all[i]->ticket) == 0;
        if (!seen && len < n)
            len += (size_t)snprintf(buf + len, n - len, "%s%s", len ? ", " : "",
                                    who_text(all[i], one, sizeof one));
    }
}

static void render_header(struct doc *r, const struct checklist *cl)
{
    struct doc_table t;
    char created[32], updated[32], took_part[1024];

    doc_title(r, _("Checklist for Microsoft KB Q263029"));
    people(cl, took_part, sizeof took_part);
    doc_table_init(&t, 2, false);
    doc_table_add(r, &t, _("Ticket"), or_dash(cl->ticket));
    doc_table_add(r, &t, _("Operator"), or_dash(cl->operator_name));
    if (*took_part)
        doc_table_add(r, &t, _("Took part"), took_part);
    doc_table_add(r, &t, _("Created"), when(cl->created, created, sizeof created));
    doc_table_add(r, &t, _("Updated"), when(cl->updated, updated, sizeof updated));
    doc_table_add(r, &t, _("Saved by clusterdns"), or_dash(cl->tool_version));
    doc_table_print(r, &t);
    doc_table_fini(&t);
}

static void render_symptoms(struct doc *r, const struct checklist *cl)
{
    struct doc_table t;

    doc_heading(r, _("Symptoms"));
    doc_table_init(&t, 2, true);
    doc_table_head(r, &t, _("symptom"), _("seen"));
    /* The wizard's words for them (tui/scr_symptoms.c). */
    doc_table_add(r, &t, _("IMS setup stops responding while starting services"),
                  tri_seen(cl->symptoms.setup_hangs));
    doc_table_add(r, &t, _("\"Overlapped I/O operation is in progress\", 0xc00203e5"),
                  tri_seen(cl->symptoms.overlapped_io));
    doc_table_add(r, &t, _("EventID 4058 in the application event log"),
                  tri_seen(cl->symptoms.event_4058));
    doc_table_print(r, &t);
    doc_table_fini(&t);
}

static void render_names(struct doc *r, const struct checklist *cl)
{
    const struct cl_host *host[2] = {&cl->exchange, &cl->cluster};
    const char *label[2] = {_("Exchange"), _("Cluster")};
    struct doc_table t;

    doc_heading(r, _("Exchange group and names"));
    doc_table_init(&t, 2, false);
    doc_table_add(r, &t, _("Exchange group"), or_dash(cl->group));
    doc_table_add(r, &t, _("Zone"), or_dash(cl->zone));
    doc_table_print(r, &t);
    doc_table_fini(&t);

    doc_table_init(&t, 4, true);
    doc_table_head(r, &t, "", _("network name"), _("FQDN"), _("IP address"));
    for (int h = 0; h < 2; h++)
        doc_table_add(r, &t, label[h], or_dash(host[h]->name), or_dash(host[h]->fqdn),
                      or_dash(host[h]->ip));
    doc_table_print(r, &t);
    doc_table_fini(&t);
}

/* ---- one check ---------------------------------------------------------------------------- */

static void render_findings(struct doc *r, const struct cl_run *run)
{
    struct cd_diag f[RECORDS_FINDINGS_MAX];
    char text[1024];
    size_t n = records_findings(&run->target, &run->servers, &run->eval, f, RECORDS_FINDINGS_MAX);

    if (n)
        doc_block(r);
    for (size_t k = 0; k < n; k++)
        doc_item(r, diag_format(&f[k], text, sizeof text));
}

static void render_verdict(struct doc *r, const struct cl_run *run)
{
    doc_strong(r, verdict_text(run));
    if (run)
        render_findings(r, run);
}

static void render_servers(struct doc *r, const struct cl_run *run)
{
    bool adapters = false;
    char srv[SERVERS_TEXT_SIZE], pos[24], ms[32];
    struct doc_table t;

    for (size_t i = 0; i < run->servers.n; i++)
        adapters = adapters || run->servers.v[i].source[0];
    doc_subheading(r, _("DNS servers, in the order checked"));
    doc_table_init(&t, adapters ? 8 : 7, true);
    /* With 7 columns, the adapter (the last) is left out: no server names one. */
    doc_table_head(r, &t, "#", _("server"), _("role"), _("reply for the zone"), _("reachable"),
                   _("time"), _("authority"), _("adapter"));
    for (size_t i = 0; i < run->servers.n; i++) {
        const struct records_server *s = &run->eval.server[i];
        const struct probe_answer *soa = &run->answers[i][QUERY_SOA];
        bool known = soa->outcome != PROBE_PENDING;

        snprintf(pos, sizeof pos, "%zu", i + 1);
        if (s->rtt_ms < 0)
            snprintf(ms, sizeof ms, "-");
        else
            snprintf(ms, sizeof ms, _("%.1f ms"), s->rtt_ms);
        doc_table_add(r, &t, pos, server_format(&run->servers.v[i], srv, sizeof srv),
                      role_text(s->role), _(probe_outcome_text(s->soa)),
                      tri_known(!known && !s->answered ? TRI_UNKNOWN
                                : s->answered          ? TRI_YES
                                                       : TRI_NO),
                      ms,
                      s->authoritative ? _("authoritative")
                      : s->answered    ? "-"
                                       : _("not known"),
                      run->servers.v[i].source);
    }
    doc_table_print(r, &t);
    doc_table_fini(&t);
}

/* What a record's state rests on: what the server holds when wrong, what it said when it
 * did not answer with the record. */
static const char *record_detail(const struct probe_answer *a, enum record_status st, bool ptr,
                                 char *buf, size_t n)
{
    size_t len;

    buf[0] = '\0';
    if (st == REC_WRONG) {
        len = (size_t)snprintf(buf, n, "%s", _("holds"));
        if (ptr)
            snprintf(buf + len, n - len, " %s", a->target);
        for (size_t k = 0; !ptr && k < a->n_addrs && len + 1 < n; k++)
            len += (size_t)snprintf(buf + len, n - len, " %s", a->addrs[k].text);
    } else if (st != REC_OK && st != REC_PENDING) {
        snprintf(buf, n, "%s", _(probe_outcome_text(a->outcome)));
    }
    return buf;
}

static void render_records(struct doc *r, const struct cl_run *run)
{
    const struct records_target *t = &run->target;
    char detail[PROBE_ADDRS_MAX * NAMES_IP_SIZE + 64], srv[SERVERS_TEXT_SIZE];
    struct doc_table tb;

    doc_subheading(r, _("Host records on each server"));
    doc_table_init(&tb, 6, true);
    doc_table_head(r, &tb, _("server"), _("type"), _("name"), _("expected"), _("state"),
                   _("detail"));
    for (size_t i = 0; i < run->servers.n; i++) {
        for (int q = QUERY_EXCHANGE; q < QUERY_COUNT; q++) {
            int h = (q == QUERY_EXCHANGE || q == QUERY_EXCHANGE_PTR) ? HOST_EXCHANGE : HOST_CLUSTER;
            bool ptr = q == QUERY_EXCHANGE_PTR || q == QUERY_CLUSTER_PTR;
            enum record_status st = run->eval.server[i].status[q];

            doc_table_add(r, &tb, server_format(&run->servers.v[i], srv, sizeof srv),
                          ptr                           ? "PTR"
                          : t->ip[h].family == AF_INET6 ? "AAAA"
                                                        : "A",
                          ptr ? t->reverse[h] : t->fqdn[h], ptr ? t->fqdn[h] : t->ip[h].text,
                          _(record_status_text(st)),
                          record_detail(&run->answers[i][q], st, ptr, detail, sizeof detail));
        }
    }
    doc_table_print(r, &tb);
    doc_table_fini(&tb);
}

static void render_decisions(struct doc *r, const struct cl_run *run)
{
    char srv[SERVERS_TEXT_SIZE], from[SERVERS_TEXT_SIZE + 64];
    struct doc_table t;

    doc_subheading(r, _("What the node gets, asking in the order checked"));
    doc_table_init(&t, 3, true);
    doc_table_head(r, &t, _("name"), _("answered by"), _("state"));
    for (int h = 0; h < HOST_COUNT; h++) {
        const struct records_decision *d = &run->eval.decide[h];

        if (d->server == RECORDS_NONE) {
            doc_table_add(r, &t, run->target.fqdn[h], _("no server answers"), "");
            continue;
        }
        snprintf(from, sizeof from, "%s",
                 server_format(&run->servers.v[d->server], srv, sizeof srv));
        if (d->status != REC_OK && d->status != REC_PENDING)
            snprintf(from + strlen(from), sizeof from - strlen(from), " (%s)",
                     _(probe_outcome_text(d->outcome)));
        doc_table_add(r, &t, run->target.fqdn[h], from, _(record_status_text(d->status)));
    }
    doc_table_print(r, &t);
    doc_table_fini(&t);
}

/* ---- the journal -------------------------------------------------------------------------- */

static void render_found(struct doc *r, const struct checklist *cl)
{
    const struct cl_run *first = cl->n_runs ? &cl->runs[0] : NULL;
    char srv[SERVERS_TEXT_SIZE], pos[24];
    struct doc_table t;

    doc_heading(r, _("What was found"));
    if (cl->found_who.at) {
        event_para(r, _("The node's DNS server order as found (%1$s, %2$s):"), &cl->found_who);
        doc_table_init(&t, 3, true);
        doc_table_head(r, &t, "#", _("server"), _("adapter"));
        for (size_t k = 0; k < cl->found.n; k++) {
            snprintf(pos, sizeof pos, "%zu", k + 1);
            doc_table_add(r, &t, pos, server_format(&cl->found.v[k], srv, sizeof srv),
                          cl->found.v[k].source);
        }
        doc_table_print(r, &t);
        doc_table_fini(&t);
    }
    if (!first) {
        doc_para(r, _("No check was run."));
        return;
    }
    event_para(r, _("The first check (%1$s, %2$s):"), &first->who);
    render_verdict(r, first);
}

static const char *action_what(const struct cl_action *a)
{
    static const char *const what[3][5] = {
        [ACTION_ADD_RECORD] = {N_("record to add, planned"), N_("record added by the tool"),
                               N_("record not added: the update failed"),
                               N_("record added outside the tool"),
                               N_("record added, as the operator confirms")},
        [ACTION_FIX_RECORD] = {N_("record to correct, planned"), N_("record corrected by the tool"),
                               N_("record not corrected: the update failed"),
                               N_("record corrected outside the tool"),
                               N_("record corrected, as the operator confirms")},
        [ACTION_REORDER] = {N_("DNS server order planned"), N_("DNS server order set by the tool"),
                            N_("DNS server order not set"),
                            N_("DNS server order changed outside the tool"),
                            N_("DNS server order changed on the node, as the operator confirms")},
    };
    return _(what[a->kind][a->status]);
}

/* One line of what was done: a check run, or an action. */
struct event {
    size_t run;    /* a check run, or CHECKLIST_NONE */
    size_t action; /* an action, or CHECKLIST_NONE */
};

static void event_row(struct doc *r, struct doc_table *t, const struct checklist *cl,
                      const struct event *e)
{
    char at[32], who[2 * CHECKLIST_SHORT + 4], where[SERVERS_TEXT_SIZE], what[256];
    char detail[ORDER_TEXT + CHECKLIST_MESSAGE + 64];

    if (e->run != CHECKLIST_NONE) {
        const struct cl_run *run = &cl->runs[e->run];

        snprintf(what, sizeof what, _("check %zu: %s"), e->run + 1,
                 render_verdict_word(run->eval.verdict));
        doc_table_add(r, t, when(run->who.at, at, sizeof at), who_text(&run->who, who, sizeof who),
                      what, "", order_text(&run->servers, detail, sizeof detail));
        return;
    }
    {
        const struct cl_action *a = &cl->actions[e->action];

        detail[0] = '\0';
        if (a->kind == ACTION_REORDER) {
            snprintf(where, sizeof where, "%s", _("the node"));
            order_text(&a->order, detail, sizeof detail);
        } else {
            server_format(&a->server, where, sizeof where);
            snprintf(detail, sizeof detail, "%s %s %s", a->name,
                     a->type == PROBE_AAAA ? "AAAA" : "A", a->value);
            if (a->status == ACTION_SEEN_DONE && a->since != CHECKLIST_NONE &&
                a->check != CHECKLIST_NONE)
                snprintf(detail + strlen(detail), sizeof detail - strlen(detail),
                         _(" (not there in check %zu, there in check %zu)"), a->since + 1,
                         a->check + 1);
            if (a->message[0])
                snprintf(detail + strlen(detail), sizeof detail - strlen(detail), ": %s",
                         a->message);
        }
        doc_table_add(r, t, when(a->who.at, at, sizeof at), who_text(&a->who, who, sizeof who),
                      action_what(a), where, detail);
    }
}

/* Each action after the check it rests on (or was seen in), in the journal's order: the
 * order things happened, whatever the clock's resolution. */
static size_t chronicle(const struct checklist *cl, struct event *ev)
{
    size_t n = 0;

    for (size_t m = CHECKLIST_NONE;; m++) {
        if (m != CHECKLIST_NONE)
            ev[n++] = (struct event){m, CHECKLIST_NONE};
        for (size_t i = 0; i < cl->n_actions; i++)
            if (cl->actions[i].check == m ||
                (m == CHECKLIST_NONE && cl->actions[i].check >= cl->n_runs))
                ev[n++] = (struct event){CHECKLIST_NONE, i};
        if (m + 1 >= cl->n_runs)
            break;
    }
    return n;
}

static void render_done(struct doc *r, const struct checklist *cl)
{
    struct event *ev = calloc(cl->n_runs + cl->n_actions + 1, sizeof *ev);
    size_t n;
    struct doc_table t;

    if (!ev) {
        r->oom = true;
        return;
    }
    n = chronicle(cl, ev);
    doc_heading(r, _("What was done"));
    if (n == 0) {
        doc_para(r, _("Nothing was done."));
        free(ev);
        return;
    }
    doc_table_init(&t, 5, true);
    doc_table_head(r, &t, _("when"), _("who"), _("what"), _("where"), _("detail"));
    for (size_t i = 0; i < n; i++)
        event_row(r, &t, cl, &ev[i]);
    doc_table_print(r, &t);
    doc_table_fini(&t);
    free(ev);
}

/* The node's order as the journal knows it, beside the order checked and the one to set. */
static void render_order(struct doc *r, const struct checklist *cl, const struct rules_fix *f)
{
    const struct server_list *node = checklist_node_order(cl), *checked = &f->run->servers;
    size_t rows = checked->n;
    char a[SERVERS_TEXT_SIZE], b[SERVERS_TEXT_SIZE], c[SERVERS_TEXT_SIZE], num[24];
    struct doc_table t;

    if (node && node->n > rows)
        rows = node->n;
    if (f->reorder && f->order.n > rows)
        rows = f->order.n;
    doc_subheading(r, _("DNS server order"));
    doc_table_init(&t, 4, true);
    doc_table_head(r, &t, "#", _("on the node"), _("checked"), _("to set on the node"));
    for (size_t k = 0; k < rows; k++) {
        snprintf(num, sizeof num, "%zu", k + 1);
        doc_table_add(r, &t, num,
                      !node         ? "?"
                      : k < node->n ? server_format(&node->v[k], a, sizeof a)
                                    : "",
                      k < checked->n ? server_format(&checked->v[k], b, sizeof b) : "",
                      f->reorder && k < f->order.n ? server_format(&f->order.v[k], c, sizeof c)
                                                   : "");
    }
    doc_table_print(r, &t);
    doc_table_fini(&t);
    if (!node)
        doc_para(r, _("The node's own order is not known: the order checked stands for it."));
    if (!f->reorder)
        doc_para(r, _("The node's order needs no change."));
}

static void render_now(struct doc *r, const struct checklist *cl, const struct rules_fix *f,
                       bool heading)
{
    const struct cl_run *run = f->run;

    if (heading)
        doc_heading(r, _("How it stands now"));
    if (!run) {
        if (heading)
            doc_para(r, _("No check was run."));
        return;
    }
    if (heading) {
        event_para(r, _("The last check (%1$s, %2$s):"), &run->who);
        render_verdict(r, run);
    }
    render_order(r, cl, f);
    render_servers(r, run);
    render_records(r, run);
    render_decisions(r, run);
    if (!heading) {
        doc_heading(r, verdict_text(run));
        render_findings(r, run);
    }
}

static void render_left(struct doc *r, const struct checklist *cl, const struct rules_fix *f,
                        bool steps)
{
    char srv[SERVERS_TEXT_SIZE], record[NAMES_FQDN_SIZE + 8], order[ORDER_TEXT], num[24];
    const struct records_target *tg = f->run ? &f->run->target : NULL;
    struct doc_table t;
    bool any = false;

    doc_heading(r, _("What is left to do"));
    if (!f->run) {
        doc_para(r, _("Check the DNS servers: no check was run."));
        any = true;
    }
    doc_table_init(&t, 4, true);
    doc_table_head(r, &t, _("action"), _("where"), _("record"), _("value"));
    for (size_t i = 0; i < f->n; i++) {
        const struct rules_fix_record *x = &f->records[i];

        snprintf(record, sizeof record, "%s %s", tg->fqdn[x->host],
                 tg->ip[x->host].family == AF_INET6 ? "AAAA" : "A");
        doc_table_add(r, &t,
                      x->kind == ACTION_ADD_RECORD ? _("add the record") : _("correct the record"),
                      server_format(&f->run->servers.v[x->server], srv, sizeof srv), record,
                      tg->ip[x->host].text);
    }
    if (f->reorder)
        doc_table_add(r, &t, _("change the DNS server order"), _("the node"), "",
                      order_text(&f->order, order, sizeof order));
    if (doc_table_rows(&t) > 1) {
        doc_table_print(r, &t);
        any = true;
    }
    doc_table_fini(&t);
    if (f->reorder)
        doc_para(r, _("The order changes on the node itself (its DNS tab, or netsh): it is "
                      "left to do until the operator confirms it was changed there."));

    doc_table_init(&t, 3, true);
    doc_table_head(r, &t, "#", _("step not done"), _("state"));
    for (int s = 0; steps && s < STEP_COUNT; s++) {
        if (cl->steps[s].status == STEP_DONE || cl->steps[s].status == STEP_SKIPPED)
            continue;
        snprintf(num, sizeof num, "%d", s + 1);
        doc_table_add(r, &t, num, step_title(s), step_text(cl->steps[s].status));
    }
    if (doc_table_rows(&t) > 1) {
        doc_table_print(r, &t);
        any = true;
    }
    doc_table_fini(&t);
    if (!any)
        doc_para(r, _("Nothing is left to do."));
}

static void render_steps(struct doc *r, const struct checklist *cl)
{
    char num[24], done[32], who[2 * CHECKLIST_SHORT + 4], intro[256];
    struct doc_table t;

    doc_heading(r, _("Steps"));
    doc_table_init(&t, 5, true);
    doc_table_head(r, &t, "#", _("step"), _("state"), _("completed"), _("by"));
    for (int s = 0; s < STEP_COUNT; s++) {
        const struct cl_step *st = &cl->steps[s];

        snprintf(num, sizeof num, "%d", s + 1);
        doc_table_add(r, &t, num, step_title(s), step_text(st->status),
                      when(st->done.at, done, sizeof done),
                      st->done.at ? who_text(&st->done, who, sizeof who) : "");
    }
    doc_table_print(r, &t);
    doc_table_fini(&t);
    for (int s = 0; s < STEP_COUNT; s++) {
        snprintf(intro, sizeof intro, _("Notes on step %d, %s:"), s + 1, step_title(s));
        doc_notes(r, intro, cl->steps[s].notes);
    }
}

int render_report(FILE *out, const struct checklist *cl, bool markdown)
{
    struct doc r;
    struct rules_fix f;

    doc_init(&r, out, markdown);
    if (rules_fix(cl, &f) < 0)
        return -1;
    render_header(&r, cl);
    render_symptoms(&r, cl);
    render_names(&r, cl);
    render_found(&r, cl);
    render_done(&r, cl);
    render_now(&r, cl, &f, true);
    render_left(&r, cl, &f, true);
    render_steps(&r, cl);
    rules_fix_fini(&f);
    return r.oom ? -1 : 0;
}

int render_check(FILE *out, const struct checklist *cl)
{
    const struct cl_run *run = checklist_last_check(cl);
    struct doc r;
    struct rules_fix f;

    doc_init(&r, out, false);
    if (!run || rules_fix(cl, &f) < 0)
        return -1;
    fprintf(out,
            ngettext("Zone %s, %zu DNS server asked (Microsoft KB Q263029)\n",
                     "Zone %s, %zu DNS servers asked (Microsoft KB Q263029)\n", run->servers.n),
            run->target.zone, run->servers.n);
    r.started = true;
    render_now(&r, cl, &f, false);
    render_left(&r, cl, &f, false);
    rules_fix_fini(&f);
    return r.oom ? -1 : 0;
}
