#include "config.h"

#include "recheck.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "check.h"
#include "i18n.h"
#include "text.h"

#define SLICE_NS 4000000L /* loading or judging this long at most before the sockets are read */

static const char *const msg_nomem = N_("out of memory");

enum fstate { F_NEW, F_ASKING, F_READY, F_DONE };

/* What a file waiting for its answers keeps: the check it asks for, not its checklist. */
struct plan {
    struct records_target target;
    struct server_list servers;
    size_t (*qid)[QUERY_COUNT]; /* [server][query]: the ask queue's question */
    struct check_digest before; /* its last check, unless first */
    bool first, same_names;
    char ticket[CHECKLIST_SHORT];
};

struct rfile {
    char *path;
    unsigned char state;
    size_t pending; /* questions without their answer */
    size_t next_ready;
    struct plan *plan;
};

struct recheck {
    struct recheck_options opt;
    recheck_cb cb;
    void *arg;
    struct askq *q;
    struct rfile *f;
    size_t n, cap;
    size_t next_plan; /* the next file to load */
    size_t waiting;   /* files loaded, not judged */
    size_t done;
    size_t ready_head, ready_tail; /* files with every answer in: a list through next_ready */
    struct seen {
        dev_t dev;
        ino_t ino;
        bool used;
    } * seen; /* the files added, to take each once: a hash set */
    size_t n_seen, cap_seen;
};

#define NONE ((size_t)-1)

/* ---- the files ---------------------------------------------------------------------------- */

static size_t seen_slot(const struct seen *v, size_t cap, dev_t dev, ino_t ino)
{
    size_t k = ((size_t)ino * 0x9E3779B97F4A7C15ULL ^ (size_t)dev) & (cap - 1);

    while (v[k].used && (v[k].dev != dev || v[k].ino != ino))
        k = (k + 1) & (cap - 1);
    return k;
}

/* Whether the file was added already; notes it when not. */
static bool seen_before(struct recheck *r, const struct stat *st)
{
    size_t k;

    if (2 * (r->n_seen + 1) > r->cap_seen) {
        size_t cap = r->cap_seen ? 2 * r->cap_seen : 256;
        struct seen *v = calloc(cap, sizeof *v);
        if (!v)
            return false; /* a duplicate then counts twice: no file is lost */
        for (size_t i = 0; i < r->cap_seen; i++)
            if (r->seen[i].used)
                v[seen_slot(v, cap, r->seen[i].dev, r->seen[i].ino)] = r->seen[i];
        free(r->seen);
        r->seen = v;
        r->cap_seen = cap;
    }
    k = seen_slot(r->seen, r->cap_seen, st->st_dev, st->st_ino);
    if (r->seen[k].used)
        return true;
    r->seen[k] = (struct seen){.dev = st->st_dev, .ino = st->st_ino, .used = true};
    r->n_seen++;
    return false;
}

static int add_file(struct recheck *r, const char *path)
{
    struct rfile *f;

    if (r->n == r->cap) {
        size_t cap = r->cap ? 2 * r->cap : 64;
        struct rfile *v = realloc(r->f, cap * sizeof *v);
        if (!v)
            return CD_ENOMEM;
        r->f = v;
        r->cap = cap;
    }
    f = &r->f[r->n];
    memset(f, 0, sizeof *f);
    if (!(f->path = strdup(path)))
        return CD_ENOMEM;
    f->next_ready = NONE;
    r->n++;
    return 1;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool is_checklist_name(const char *name)
{
    size_t n = strlen(name);

    return name[0] != '.' && n > 5 && strcmp(name + n - 5, ".json") == 0;
}

/* The paths of dir's checklists, sorted; *n of them (free each and the array). */
static int folder_names(const char *dir, char ***out, size_t *out_n, struct cd_diag *d)
{
    DIR *dp = opendir(dir);
    struct dirent *e;
    char **names = NULL;
    size_t n = 0, cap = 0, len = strlen(dir);
    const char *sep = len && dir[len - 1] == '/' ? "" : "/";
    int rc = CD_OK;

    if (!dp)
        return diag_set(d, CD_EIO, NULL, "", N_("cannot read %1$s: %2$s"), dir, strerror(errno));
    while (rc == CD_OK && (e = readdir(dp))) {
        size_t size = len + strlen(e->d_name) + 2;

        if (!is_checklist_name(e->d_name))
            continue;
        if (n == cap) {
            char **v = realloc(names, (cap = cap ? 2 * cap : 64) * sizeof *v);
            if (!v) {
                rc = CD_ENOMEM;
                break;
            }
            names = v;
        }
        if (!(names[n] = malloc(size)))
            rc = CD_ENOMEM;
        else
            snprintf(names[n++], size, "%s%s%s", dir, sep, e->d_name);
    }
    closedir(dp);
    if (n)
        qsort(names, n, sizeof *names, by_name);
    *out = names;
    *out_n = n;
    return rc == CD_OK ? CD_OK : diag_set(d, rc, NULL, "", msg_nomem, NULL, NULL);
}

static int add_folder(struct recheck *r, const char *dir, struct cd_diag *d)
{
    char **names = NULL;
    size_t n = 0;
    int rc = folder_names(dir, &names, &n, d), added = 0;

    for (size_t i = 0; i < n; i++) {
        struct stat st;

        /* Only regular files: a folder or a FIFO named *.json is not a checklist. */
        if (rc == CD_OK && stat(names[i], &st) == 0 && S_ISREG(st.st_mode) &&
            !seen_before(r, &st)) {
            int k = add_file(r, names[i]);
            if (k < 0)
                rc = diag_set(d, k, NULL, "", msg_nomem, NULL, NULL);
            added += k > 0;
        }
        free(names[i]);
    }
    free(names);
    return rc < 0 ? rc : added;
}

int recheck_add(struct recheck *r, const char *path, struct cd_diag *d)
{
    struct stat st;
    bool known = stat(path, &st) == 0;
    int rc;

    if (known && S_ISDIR(st.st_mode))
        return add_folder(r, path, d);
    if (known && S_ISREG(st.st_mode) && seen_before(r, &st))
        return 0;
    /* Anything else is loaded anyway: the load says why it cannot be (no such file, a
     * FIFO: fileio refuses what is no regular file, without blocking). */
    rc = add_file(r, path);
    return rc < 0 ? diag_set(d, rc, NULL, "", msg_nomem, NULL, NULL) : rc;
}

size_t recheck_files(const struct recheck *r)
{
    return r->n;
}

size_t recheck_files_done(const struct recheck *r)
{
    return r->done;
}

void recheck_ask_stats(const struct recheck *r, struct askq_stats *st)
{
    askq_stats(r->q, st);
}

/* ---- one file's plan ------------------------------------------------------------------- */

static void plan_free(struct recheck *r, struct plan *p)
{
    if (!p)
        return;
    for (size_t i = 0; p->qid && i < p->servers.n; i++)
        for (int k = 0; k < QUERY_COUNT; k++)
            if (p->qid[i][k] != NONE)
                askq_release(r->q, p->qid[i][k]);
    free(p->qid);
    server_list_fini(&p->servers);
    check_digest_fini(&p->before);
    free(p);
}

/* The check a loaded checklist asks for, as `check --load` works it out: its names, and the
 * servers in the order its journal ends with. */
static int case_of(const struct checklist *cl, struct records_target *t, struct server_list *s,
                   struct cd_diag *d)
{
    const struct server_list *saved = checklist_servers(cl);
    int rc = check_target_set(t, cl->zone, cl->exchange.name, cl->exchange.ip, cl->cluster.name,
                              cl->cluster.ip, d);

    if (rc < 0)
        return rc;
    if (!saved || saved->n == 0)
        return diag_set(d, CD_EINVAL, NULL, "dns_servers",
                        N_("the checklist lists no DNS server to ask: check it once with "
                           "'clusterdns check --load FILE --servers LIST --output FILE'"),
                        NULL, NULL);
    return server_list_copy(s, saved) < 0 ? diag_set(d, CD_ENOMEM, NULL, "", msg_nomem, NULL, NULL)
                                          : CD_OK;
}

static int plan_of(const struct checklist *cl, struct plan *p, struct cd_diag *d)
{
    const struct cl_run *last = checklist_last_check(cl);
    int rc;

    snprintf(p->ticket, sizeof p->ticket, "%s", cl->ticket);
    if ((rc = case_of(cl, &p->target, &p->servers, d)) < 0)
        return rc;
    p->first = !last;
    if (last) {
        p->same_names = records_target_equal(&last->target, &p->target);
        if (check_digest_of(&p->before, &last->servers, &last->eval) < 0)
            return diag_set(d, CD_ENOMEM, NULL, "", msg_nomem, NULL, NULL);
    }
    if (!(p->qid = malloc(p->servers.n * sizeof *p->qid)))
        return diag_set(d, CD_ENOMEM, NULL, "", msg_nomem, NULL, NULL);
    for (size_t i = 0; i < p->servers.n; i++)
        for (int k = 0; k < QUERY_COUNT; k++)
            p->qid[i][k] = NONE;
    return CD_OK;
}

static void report_fault(struct recheck *r, size_t i, int status, const struct cd_diag *d)
{
    struct recheck_result res;

    memset(&res, 0, sizeof res);
    res.index = i;
    res.path = r->f[i].path;
    res.status = status;
    res.diag = d;
    r->f[i].state = F_DONE;
    r->done++;
    r->cb(r->arg, &res);
}

static void make_ready(struct recheck *r, size_t i)
{
    r->f[i].state = F_READY;
    if (r->ready_tail != NONE)
        r->f[r->ready_tail].next_ready = i;
    else
        r->ready_head = i;
    r->ready_tail = i;
}

/* Loads file i and asks its questions. */
static void start(struct recheck *r, size_t i)
{
    struct rfile *f = &r->f[i];
    struct checklist cl;
    struct cd_diag d = {0};
    struct plan *p = calloc(1, sizeof *p);
    int rc;

    if (!p) {
        diag_set(&d, CD_ENOMEM, NULL, "", msg_nomem, NULL, NULL);
        report_fault(r, i, CD_ENOMEM, &d);
        return;
    }
    server_list_init(&p->servers);
    checklist_init(&cl);
    if ((rc = checklist_load(f->path, &cl, &d)) == CD_OK)
        rc = plan_of(&cl, p, &d);
    checklist_fini(&cl);
    for (size_t s = 0; rc == CD_OK && s < p->servers.n; s++)
        for (int k = 0; rc == CD_OK && k < QUERY_COUNT; k++) {
            enum probe_qtype type;
            const char *qname;
            bool known;
            long id;

            check_question(&p->target, (enum records_query)k, &type, &qname);
            id = askq_ask(r->q, &p->servers.v[s], type, qname, i, &known);
            if (id < 0)
                rc = diag_set(&d, CD_ENOMEM, NULL, "", msg_nomem, NULL, NULL);
            else {
                p->qid[s][k] = (size_t)id;
                f->pending += !known;
            }
        }
    if (rc < 0) {
        plan_free(r, p);
        report_fault(r, i, rc, &d);
        return;
    }
    f->plan = p;
    f->state = F_ASKING;
    r->waiting++;
    if (f->pending == 0)
        make_ready(r, i);
}

static void on_answer(void *arg, size_t waiter, size_t question)
{
    struct recheck *r = arg;
    struct rfile *f = &r->f[waiter];

    (void)question;
    if (f->state == F_ASKING && f->pending > 0 && --f->pending == 0)
        make_ready(r, waiter);
}

/* ---- judging --------------------------------------------------------------------------- */

/* The answers of p's questions, [server][query], calloc'ed; NULL when out of memory. */
static struct probe_answer (*answers_of(struct recheck *r, const struct plan *p))[QUERY_COUNT]
{
    struct probe_answer(*a)[QUERY_COUNT] = calloc(p->servers.n ? p->servers.n : 1, sizeof *a);

    for (size_t s = 0; a && s < p->servers.n; s++)
        for (int k = 0; k < QUERY_COUNT; k++)
            askq_answer(r->q, p->qid[s][k], &a[s][k]);
    return a;
}

/* --update: the file again, the check appended to its journal as `check --load FILE
 * --output FILE` does, and saved. The verdict and the digest are those of the run
 * appended. */
static int update(const struct recheck_options *o, struct rfile *f,
                  const struct probe_answer (*answers)[QUERY_COUNT], struct check_digest *now,
                  enum verdict *verdict, struct cd_diag *d, int *save_rc, struct cd_diag *sd)
{
    struct plan *p = f->plan, again;
    struct checklist cl;
    struct cl_who who;
    int rc;

    memset(&again, 0, sizeof again);
    server_list_init(&again.servers);
    checklist_init(&cl);
    if ((rc = checklist_load(f->path, &cl, d)) < 0 ||
        (rc = case_of(&cl, &again.target, &again.servers, d)) < 0)
        goto out;
    if (!records_target_equal(&again.target, &p->target) ||
        !server_list_equal(&again.servers, &p->servers)) {
        rc = diag_set(d, CD_EINVAL, NULL, "",
                      N_("%1$s changed while it was checked again: its names or DNS servers are "
                         "not those asked; it was not written"),
                      f->path, NULL);
        goto out;
    }
    if (o->operator_name)
        text_copy(cl.operator_name, sizeof cl.operator_name, o->operator_name,
                  strlen(o->operator_name));
    if (o->ticket)
        text_copy(cl.ticket, sizeof cl.ticket, o->ticket, strlen(o->ticket));
    checklist_who(&cl, &who);
    if (checklist_note_servers(&cl, &p->servers, true, &who) < 0 ||
        checklist_add_check(&cl, &p->target, &p->servers, answers, &who) < 0 ||
        check_digest_of(now, &checklist_last_check(&cl)->servers,
                        &checklist_last_check(&cl)->eval) < 0) {
        rc = diag_set(d, CD_ENOMEM, NULL, "", msg_nomem, NULL, NULL);
        goto out;
    }
    checklist_finish_checked_steps(&cl, &who);
    *verdict = checklist_last_check(&cl)->eval.verdict;
    *save_rc = checklist_save(&cl, f->path, sd);
out:
    server_list_fini(&again.servers);
    checklist_fini(&cl);
    return rc;
}

static void judge(struct recheck *r, size_t i)
{
    struct rfile *f = &r->f[i];
    struct plan *p = f->plan;
    struct probe_answer(*answers)[QUERY_COUNT] = answers_of(r, p);
    struct change changes[CHANGES_MAX];
    struct check_digest now = {0};
    struct records_eval eval = {0};
    struct recheck_result res;
    struct cd_diag d = {0}, sd = {0};
    int rc = CD_OK, save_rc = CD_OK;

    memset(&res, 0, sizeof res);
    if (!answers) {
        rc = diag_set(&d, CD_ENOMEM, NULL, "", msg_nomem, NULL, NULL);
    } else if (r->opt.update) {
        rc = update(&r->opt, f, (const struct probe_answer(*)[QUERY_COUNT])answers, &now,
                    &res.verdict, &d, &save_rc, &sd);
    } else if (records_evaluate(&p->target, &p->servers,
                                (const struct probe_answer(*)[QUERY_COUNT])answers, &eval) < 0 ||
               check_digest_of(&now, &p->servers, &eval) < 0) {
        rc = diag_set(&d, CD_ENOMEM, NULL, "", msg_nomem, NULL, NULL);
    } else {
        res.verdict = eval.verdict;
    }
    free(answers);
    records_eval_fini(&eval);
    f->plan = NULL;
    r->waiting--;
    if (rc < 0) {
        check_digest_fini(&now);
        plan_free(r, p);
        report_fault(r, i, rc, &d);
        return;
    }
    res.index = i;
    res.path = f->path;
    res.status = CD_OK;
    res.ticket = p->ticket;
    res.zone = p->target.zone;
    res.first = p->first;
    res.before = p->before.verdict;
    res.changes = changes;
    res.n_changes =
        p->first ? 0 : changes_between(&p->before, &now, p->same_names, changes, CHANGES_MAX);
    res.servers = &p->servers;
    res.target = &p->target;
    res.saved = r->opt.update && save_rc == CD_OK;
    res.save_status = save_rc;
    res.save_diag = &sd;
    f->state = F_DONE;
    r->done++;
    r->cb(r->arg, &res);
    check_digest_fini(&now);
    plan_free(r, p);
}

/* ---- the loop --------------------------------------------------------------------------- */

static long elapsed_ns(const struct timespec *t0)
{
    struct timespec t;

    clock_gettime(CLOCK_MONOTONIC, &t);
    return (t.tv_sec - t0->tv_sec) * 1000000000L + (t.tv_nsec - t0->tv_nsec);
}

static bool may_start(const struct recheck *r)
{
    return r->next_plan < r->n && r->waiting < RECHECK_AHEAD;
}

/* Loads more files and asks their questions, for a slice; else judges the files whose
 * answers are in. Loading comes first: the last file's questions going out is what the
 * whole run waits for, and judging fits in the wait for the answers. */
static void work(struct recheck *r)
{
    struct timespec t0;

    clock_gettime(CLOCK_MONOTONIC, &t0);
    while (may_start(r) && elapsed_ns(&t0) < SLICE_NS)
        start(r, r->next_plan++);
    while (!may_start(r) && r->ready_head != NONE && elapsed_ns(&t0) < SLICE_NS) {
        size_t i = r->ready_head;

        r->ready_head = r->f[i].next_ready;
        if (r->ready_head == NONE)
            r->ready_tail = NONE;
        judge(r, i);
    }
    askq_more(r->q, may_start(r));
    askq_pump(r->q);
}

bool recheck_done(const struct recheck *r)
{
    return r->done == r->n;
}

size_t recheck_pollfds(struct recheck *r, struct pollfd *fds, size_t max)
{
    return askq_pollfds(r->q, fds, max);
}

int recheck_timeout(struct recheck *r, int max_ms)
{
    if (r->ready_head != NONE || may_start(r))
        return 0;
    return askq_timeout(r->q, max_ms);
}

void recheck_process(struct recheck *r, const struct pollfd *fds, size_t n)
{
    askq_process(r->q, fds, n);
    work(r);
}

int recheck_run(struct recheck *r, void (*tick)(void *arg), void *arg, int tick_ms,
                struct cd_diag *d)
{
    struct pollfd fds[ASKQ_SERVERS_MAX * 16];
    struct timespec last;

    clock_gettime(CLOCK_MONOTONIC, &last);
    work(r);
    while (!recheck_done(r)) {
        size_t n = recheck_pollfds(r, fds, sizeof fds / sizeof *fds);
        int t = recheck_timeout(r, tick ? tick_ms : 1000);

        if (poll(fds, n, t) < 0 && errno != EINTR)
            return diag_set(d, CD_EIO, NULL, NULL, N_("waiting for DNS replies failed: %1$s"),
                            strerror(errno), NULL);
        recheck_process(r, fds, n);
        if (tick && elapsed_ns(&last) >= tick_ms * 1000000L) {
            tick(arg);
            clock_gettime(CLOCK_MONOTONIC, &last);
        }
    }
    if (tick)
        tick(arg);
    return CD_OK;
}

/* ---- lifecycle ---------------------------------------------------------------------------- */

struct recheck *recheck_new(const struct recheck_options *opt, recheck_cb cb, void *arg)
{
    struct recheck *r = calloc(1, sizeof *r);

    if (!r || !cb) {
        free(r);
        return NULL;
    }
    r->opt = *opt;
    r->cb = cb;
    r->arg = arg;
    r->ready_head = r->ready_tail = NONE;
    /* Files loaded and saved while the servers are asked need a few descriptors too. */
    r->q = askq_new(opt->timeout_ms, opt->max_servers ? opt->max_servers : askq_server_budget(16),
                    on_answer, r);
    if (!r->q) {
        free(r);
        return NULL;
    }
    return r;
}

void recheck_free(struct recheck *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->n; i++) {
        plan_free(r, r->f[i].plan);
        free(r->f[i].path);
    }
    askq_free(r->q);
    free(r->f);
    free(r->seen);
    free(r);
}
