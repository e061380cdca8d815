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

        if (is_record_action(a) && strcmp(a->server, server) == 0)
            snprintf(a->status, sizeof a->status, "%s", status);
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

/* Runs argv[0] with script on its standard input and its output in out (NUL-terminated,
 * at most OUTPUT_MAX); *status as waitpid's, *timed_out when it was killed for taking more
 * than limit_ms. CD_OK once it ran; CD_EIO (d says why) when it could not. */
static int run(char *const argv[], const char *script, int limit_ms, char *out, int *status,
               bool *timed_out, struct cd_diag *d)
{
    posix_spawn_file_actions_t fa;
    FILE *in = tmpfile();
    int pipefd[2] = {-1, -1}, rc = CD_EIO, err;
    size_t len = 0, slen = strlen(script);
    long long deadline;
    pid_t pid;

    out[0] = '\0';
    *status = 0;
    *timed_out = false;
    /* A file, not a pipe, on its standard input: no SIGPIPE when it ends early. */
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
        err = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    if (err != 0) {
        diag_set(d, CD_EIO, NULL, NULL, N_("cannot run %1$s: %2$s"), argv[0], strerror(err));
        goto out;
    }
    close(pipefd[1]);
    pipefd[1] = -1;

    deadline = now_ms() + limit_ms;
    for (;;) {
        struct pollfd pfd = {.fd = pipefd[0], .events = POLLIN};
        long long left = deadline - now_ms();
        char chunk[1024];
        ssize_t got;
        int pr;

        if (left <= 0) {
            kill(pid, SIGKILL);
            *timed_out = true;
            break;
        }
        pr = poll(&pfd, 1, (int)left);
        if (pr < 0 && errno == EINTR)
            continue;
        if (pr <= 0)
            continue; /* the deadline is checked above */
        got = read(pipefd[0], chunk, sizeof chunk);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            break; /* end of its output: it has ended, or closed both */
        for (ssize_t i = 0; i < got && len + 1 < OUTPUT_MAX; i++)
            out[len++] = chunk[i];
        out[len] = '\0';
    }
    /* Its output ended; so should it, within the same deadline. */
    for (;;) {
        pid_t w = waitpid(pid, status, *timed_out ? 0 : WNOHANG);

        if (w == pid || (w < 0 && errno != EINTR))
            break;
        if (w == 0 && now_ms() >= deadline) {
            kill(pid, SIGKILL);
            *timed_out = true;
        } else if (w == 0) {
            struct timespec ts = {0, 10 * 1000 * 1000};

            nanosleep(&ts, NULL);
        }
    }
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

int apply_server(struct checklist *cl, const char *server, const struct apply_opts *o,
                 struct cd_diag *d)
{
    const char *env = getenv("NSUPDATE");
    const char *prog = o && o->nsupdate ? o->nsupdate : env && *env ? env : "nsupdate";
    int timeout_s = o && o->timeout_s > 0 ? o->timeout_s : APPLY_TIMEOUT_S;
    char *argv[6], seconds[16], num[16], msg[CD_DIAG_ARG_MAX];
    char *script = NULL, *output = NULL;
    bool timed_out;
    int rc, status, argc = 0;

    if ((rc = apply_script(cl, server, NULL, &script, d)) < 0)
        return rc;
    if (!(output = malloc(OUTPUT_MAX))) {
        rc = CD_ENOMEM;
        goto out;
    }
    snprintf(seconds, sizeof seconds, "%d", timeout_s);
    argv[argc++] = (char *)prog;
    argv[argc++] = (char *)"-t";
    argv[argc++] = seconds;
    if (o && o->key_file) {
        argv[argc++] = (char *)"-k";
        argv[argc++] = (char *)o->key_file;
    }
    argv[argc] = NULL;

    if ((rc = run(argv, script, timeout_s * 1000 + GRACE_MS, output, &status, &timed_out, d)) <
        0) {
        mark(cl, server, "failed");
        goto out;
    }
    summarize(output, msg, sizeof msg);
    if (timed_out) {
        rc = diag_set(d, CD_EIO, NULL, NULL,
                      N_("%1$s: nsupdate did not end within %2$s seconds and was stopped"),
                      server, seconds);
    } else if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
        rc = CD_OK;
    } else if (msg[0]) {
        rc = diag_set(d, CD_EDNS, NULL, NULL, N_("%1$s: nsupdate: %2$s"), server, msg);
    } else {
        snprintf(num, sizeof num, "%d",
                 WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
        rc = diag_set(d, CD_EDNS, NULL, NULL,
                      N_("%1$s: nsupdate failed without a message (exit status %2$s)"), server,
                      num);
    }
    mark(cl, server, rc == CD_OK ? "applied" : "failed");
out:
    free(output);
    free(script);
    return rc;
}
