#include "config.h"

#include "apply.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "i18n.h"

extern char **environ;

#define OUTPUT_MAX 8192 /* of nsupdate's messages kept; the rest is read and dropped */
#define GRACE_MS 5000   /* beyond nsupdate's own -t, before it is killed */

static bool is_record_action(const struct cl_action *a)
{
    return strcmp(a->kind, "add_record") == 0 || strcmp(a->kind, "fix_record") == 0;
}

int apply_servers(const struct checklist *cl, const char ***out, size_t *n)
{
    const char **v = NULL;

    *out = NULL;
    *n = 0;
    if (cl->n_remediation && !(v = calloc(cl->n_remediation, sizeof *v)))
        return CD_ENOMEM;
    for (size_t i = 0; i < cl->n_remediation; i++) {
        const struct cl_action *a = &cl->remediation[i];
        bool seen = false;

        if (!is_record_action(a))
            continue;
        for (size_t j = 0; j < *n && !seen; j++)
            seen = strcmp(v[j], a->server) == 0;
        if (!seen)
            v[(*n)++] = a->server;
    }
    if (*n == 0) {
        free(v);
        v = NULL;
    }
    *out = v;
    return CD_OK;
}

int apply_script(const struct checklist *cl, const char *server, remedy_tr_fn tr, char **out,
                 struct cd_diag *d)
{
    struct remedy_opts ro = {.interface = NULL, .tr = tr};
    struct checklist view;
    struct cl_action *acts;
    char *all = NULL;
    int rc;

    *out = NULL;
    /* The whole remediation first: a value at fault is named by its place in cl, and a
     * checklist with one is not applied anywhere. */
    if ((rc = remedy_emit(cl, REMEDY_NSUPDATE, &ro, &all, d)) < 0)
        return rc;
    free(all);
    if (!(acts = calloc(cl->n_remediation + 1, sizeof *acts)))
        return CD_ENOMEM;
    view = *cl; /* a view: the arrays stay cl's, only the remediation is narrowed */
    view.remediation = acts;
    view.n_remediation = 0;
    for (size_t i = 0; i < cl->n_remediation; i++)
        if (is_record_action(&cl->remediation[i]) &&
            strcmp(cl->remediation[i].server, server) == 0)
            acts[view.n_remediation++] = cl->remediation[i];
    rc = remedy_emit(&view, REMEDY_NSUPDATE, &ro, out, d);
    free(acts);
    return rc;
}

static void mark(struct checklist *cl, const char *server, const char *status)
{
    for (size_t i = 0; i < cl->n_remediation; i++) {
        struct cl_action *a = &cl->remediation[i];

        if (is_record_action(a) && strcmp(a->server, server) == 0) {
            snprintf(a->status, sizeof a->status, "%s", status);
            a->applied_at = time(NULL);
        }
    }
}

static long long now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* What nsupdate said, for a person: its last non-empty lines that fit, joined by "; ", with
 * control characters as '?'. Its debug lines start with ';' and are left out when there are
 * others. */
static void summarize(const char *text, char *buf, size_t n)
{
    const char *lines[8];
    size_t k = 0, len;
    const char *p = text;
    bool plain = false;

    for (const char *q = text; *q; q++)
        plain = plain || ((q == text || q[-1] == '\n') && *q != '\n' && *q != ';');
    while (*p) {
        const char *e = strchr(p, '\n');
        size_t l = e ? (size_t)(e - p) : strlen(p);

        if (l && (!plain || *p != ';')) {
            if (k == sizeof lines / sizeof *lines) {
                memmove(lines, lines + 1, sizeof lines - sizeof *lines);
                k--;
            }
            lines[k++] = p;
        }
        p += l + (e != NULL);
    }
    buf[0] = '\0';
    len = 0;
    for (size_t i = k > 2 ? k - 2 : 0; i < k && len + 1 < n; i++) {
        if (len && len + 3 < n) {
            memcpy(buf + len, "; ", 2);
            len += 2;
        }
        for (const char *c = lines[i]; *c && *c != '\n' && len + 1 < n; c++)
            buf[len++] = (unsigned char)*c < 0x20 || *c == 0x7f ? '?' : *c;
        buf[len] = '\0';
    }
}

/* The statuses of the actions sent, carried over to the remediation of the check made after
 * sending: an action still to do takes the outcome of its attempt, one no longer needed is
 * kept with it, so the checklist says what was applied, where, and how it went. */
int apply_keep_outcomes(struct checklist *cl, const struct cl_action *sent, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const struct cl_action *a = &sent[i];
        bool found = false;

        for (size_t j = 0; j < cl->n_remediation; j++) {
            struct cl_action *b = &cl->remediation[j];

            if (strcmp(a->kind, b->kind) == 0 && strcmp(a->server, b->server) == 0 &&
                strcasecmp(a->name, b->name) == 0 && strcmp(a->type, b->type) == 0 &&
                strcmp(a->value, b->value) == 0 && strcmp(b->status, "todo") == 0) {
                snprintf(b->status, sizeof b->status, "%s", a->status);
                b->applied_at = a->applied_at;
                found = true;
                break;
            }
        }
        if (!found && checklist_add_action(cl, a) < 0)
            return CD_ENOMEM;
    }
    return CD_OK;
}

/* One nsupdate run: the child, the read end of its output, what it said so far. */
struct apply_job {
    struct checklist *cl;
    char server[SERVERS_TEXT_SIZE];
    char seconds[16];
    pid_t pid;
    int fd;          /* its standard output and error; -1 once they ended */
    bool reaped, timed_out;
    int status;      /* waitpid's */
    long long deadline;
    char out[OUTPUT_MAX];
    size_t len;
};

/* Spawns argv[0] with script on its standard input (a file, not a pipe: no SIGPIPE when it
 * ends early) and its output on a pipe. CD_OK, or CD_EIO with d saying why. */
static int spawn(struct apply_job *j, char *const argv[], const char *script, struct cd_diag *d)
{
    posix_spawn_file_actions_t fa;
    FILE *in = tmpfile();
    int pipefd[2] = {-1, -1}, rc = CD_EIO, err;
    size_t slen = strlen(script);

    if (!in || fwrite(script, 1, slen, in) != slen || fflush(in) != 0 ||
        fseek(in, 0, SEEK_SET) != 0) {
        diag_set(d, CD_EIO, NULL, NULL, N_("cannot make a temporary file for nsupdate: %1$s"),
                 strerror(errno ? errno : EIO), NULL);
        goto out;
    }
    if (pipe2(pipefd, O_CLOEXEC) < 0) {
        diag_set(d, CD_EIO, NULL, NULL, N_("cannot run %1$s: %2$s"), argv[0], strerror(errno));
        goto out;
    }
    if ((err = posix_spawn_file_actions_init(&fa)) != 0) {
        diag_set(d, CD_EIO, NULL, NULL, N_("cannot run %1$s: %2$s"), argv[0], strerror(err));
        goto out;
    }
    if ((err = posix_spawn_file_actions_adddup2(&fa, fileno(in), STDIN_FILENO)) == 0 &&
        (err = posix_spawn_file_actions_adddup2(&fa, pipefd[1], STDOUT_FILENO)) == 0 &&
        (err = posix_spawn_file_actions_adddup2(&fa, pipefd[1], STDERR_FILENO)) == 0)
        err = posix_spawnp(&j->pid, argv[0], &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    if (err != 0) {
        diag_set(d, CD_EIO, NULL, NULL, N_("cannot run %1$s: %2$s"), argv[0], strerror(err));
        goto out;
    }
    j->fd = pipefd[0];
    pipefd[0] = -1;
    rc = CD_OK;
out:
    if (in)
        fclose(in);
    if (pipefd[0] >= 0)
        close(pipefd[0]);
    if (pipefd[1] >= 0)
        close(pipefd[1]);
    return rc;
}

struct apply_job *apply_start(struct checklist *cl, const char *server,
                              const struct apply_opts *o, struct cd_diag *d)
{
    const char *env = getenv("NSUPDATE");
    const char *prog = o && o->nsupdate ? o->nsupdate : env && *env ? env : "nsupdate";
    int timeout_s = o && o->timeout_s > 0 ? o->timeout_s : APPLY_TIMEOUT_S;
    struct apply_job *j;
    char *argv[6], *script = NULL;
    int argc = 0;

    if (apply_script(cl, server, NULL, &script, d) < 0)
        return NULL;
    j = calloc(1, sizeof *j);
    if (!j) {
        free(script);
        diag_set(d, CD_ENOMEM, NULL, NULL, N_("out of memory"), NULL, NULL);
        return NULL;
    }
    j->cl = cl;
    j->fd = -1;
    snprintf(j->server, sizeof j->server, "%s", server);
    snprintf(j->seconds, sizeof j->seconds, "%d", timeout_s);
    argv[argc++] = (char *)prog;
    argv[argc++] = (char *)"-t";
    argv[argc++] = j->seconds;
    if (o && o->key_file) {
        argv[argc++] = (char *)"-k";
        argv[argc++] = (char *)o->key_file;
    }
    argv[argc] = NULL;
    if (spawn(j, argv, script, d) < 0) {
        mark(cl, server, "failed");
        free(script);
        free(j);
        return NULL;
    }
    free(script);
    j->deadline = now_ms() + timeout_s * 1000 + GRACE_MS;
    return j;
}

int apply_job_fd(const struct apply_job *j)
{
    return j ? j->fd : -1;
}

int apply_job_timeout(const struct apply_job *j)
{
    long long left;

    if (!j || apply_job_done(j))
        return -1;
    left = j->deadline - now_ms();
    /* Once its output has ended it is reaped on a short tick. */
    if (j->fd < 0)
        return left < 10 ? (int)(left > 0 ? left : 0) : 10;
    return left > 0 ? (int)left : 0;
}

bool apply_job_done(const struct apply_job *j)
{
    return !j || j->reaped;
}

void apply_job_process(struct apply_job *j)
{
    char chunk[1024];
    ssize_t got;

    if (!j || j->reaped)
        return;
    /* Read what is there without waiting: the caller's poll said so, or it is the tick. */
    while (j->fd >= 0) {
        struct pollfd pfd = {.fd = j->fd, .events = POLLIN};

        if (poll(&pfd, 1, 0) <= 0)
            break;
        got = read(j->fd, chunk, sizeof chunk);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0) {
            close(j->fd); /* its output ended: it has ended, or closed both */
            j->fd = -1;
            break;
        }
        for (ssize_t i = 0; i < got && j->len + 1 < OUTPUT_MAX; i++)
            j->out[j->len++] = chunk[i];
        j->out[j->len] = '\0';
    }
    if (now_ms() >= j->deadline && !j->timed_out) {
        kill(j->pid, SIGKILL);
        j->timed_out = true;
    }
    if (j->fd < 0 || j->timed_out) {
        pid_t w = waitpid(j->pid, &j->status, j->timed_out ? 0 : WNOHANG);

        if (w == j->pid || (w < 0 && errno != EINTR))
            j->reaped = true;
    }
}

int apply_job_finish(struct apply_job *j, struct cd_diag *d)
{
    char num[16], msg[CD_DIAG_ARG_MAX];
    int rc;

    if (!j)
        return CD_OK;
    if (!j->reaped) { /* given up on: stop it now */
        kill(j->pid, SIGKILL);
        waitpid(j->pid, &j->status, 0);
        j->timed_out = true;
    }
    if (j->fd >= 0)
        close(j->fd);
    summarize(j->out, msg, sizeof msg);
    if (j->timed_out) {
        rc = diag_set(d, CD_EIO, NULL, NULL,
                      N_("%1$s: nsupdate did not end within %2$s seconds and was stopped"),
                      j->server, j->seconds);
    } else if (WIFEXITED(j->status) && WEXITSTATUS(j->status) == 0) {
        rc = CD_OK;
    } else if (msg[0]) {
        rc = diag_set(d, CD_EDNS, NULL, NULL, N_("%1$s: nsupdate: %2$s"), j->server, msg);
    } else {
        snprintf(num, sizeof num, "%d",
                 WIFEXITED(j->status) ? WEXITSTATUS(j->status) : 128 + WTERMSIG(j->status));
        rc = diag_set(d, CD_EDNS, NULL, NULL,
                      N_("%1$s: nsupdate failed without a message (exit status %2$s)"), j->server,
                      num);
    }
    mark(j->cl, j->server, rc == CD_OK ? "applied" : "failed");
    free(j);
    return rc;
}

int apply_server(struct checklist *cl, const char *server, const struct apply_opts *o,
                 struct cd_diag *d)
{
    struct cd_diag spawn_diag;
    struct apply_job *j;

    diag_clear(&spawn_diag);
    j = apply_start(cl, server, o, &spawn_diag);
    if (!j) {
        if (d)
            *d = spawn_diag;
        return spawn_diag.code ? spawn_diag.code : CD_EIO;
    }
    while (!apply_job_done(j)) {
        struct pollfd pfd = {.fd = apply_job_fd(j), .events = POLLIN};

        if (poll(&pfd, pfd.fd >= 0 ? 1 : 0, apply_job_timeout(j)) < 0 && errno != EINTR)
            break;
        apply_job_process(j);
    }
    return apply_job_finish(j, d);
}
