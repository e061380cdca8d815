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

#include "fileio.h"
#include "i18n.h"
#include "text.h"
#include "rules.h"

extern char **environ;

#define OUTPUT_MAX 8192 /* of nsupdate's messages kept; the rest is read and dropped */
#define GRACE_MS 5000   /* beyond nsupdate's own -t, before it is killed */

int apply_key_check(const char *path, struct cd_diag *warning, struct cd_diag *d)
{
    char shown[16];
    mode_t mode;
    int rc;

    diag_clear(warning);
    if ((rc = fileio_check_private(path, &mode, d)) < 0 || !(mode & 077))
        return rc;
    snprintf(shown, sizeof shown, "%04o", (unsigned)mode);
    diag_set(warning, CD_OK, NULL, "",
             N_("the TSIG key %1$s can be read or written by other users (mode %2$s): whoever "
                "reads it can change the DNS zones it signs for; make it private with "
                "chmod 600"),
             path, shown);
    return CD_OK;
}

int apply_servers(const struct checklist *cl, struct server_list *out)
{
    struct rules_fix f;
    int rc;

    server_list_init(out);
    if ((rc = rules_fix(cl, &f)) < 0)
        return rc;
    for (size_t i = 0; i < f.n && rc == CD_OK; i++)
        rc = server_list_add(out, &f.run->servers.v[f.records[i].server], NULL);
    rules_fix_fini(&f);
    if (rc < 0)
        server_list_fini(out);
    return rc < 0 ? CD_ENOMEM : CD_OK;
}

int apply_script(const struct checklist *cl, const struct dns_server *server, remedy_tr_fn tr,
                 char **out, struct cd_diag *d)
{
    struct remedy_opts ro = {.interface = NULL, .tr = tr};
    char *all = NULL;
    int rc;

    *out = NULL;
    /* The whole fix first: a value at fault is named by its place in cl, and a checklist
     * with one is not applied anywhere. */
    if ((rc = remedy_emit(cl, REMEDY_NSUPDATE, &ro, &all, d)) < 0)
        return rc;
    free(all);
    ro.only = server;
    return remedy_emit(cl, REMEDY_NSUPDATE, &ro, out, d);
}

static long long now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* What nsupdate said, for a person: its last non-empty lines that fit, joined by "; ", shown
 * by the escape policy of text.h. Its debug lines start with ';' and are left out when there are
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
        {
            /* As every outside text is shown: escaped (text.h), cut between escapes. */
            size_t l = strcspn(lines[i], "\n");
            char *line = strndup(lines[i], l);

            text_escape(line ? line : "?", buf + len, n - len);
            len += strlen(buf + len);
            free(line);
        }
    }
}

/* One nsupdate run: the child, the read end of its output, what it said so far. */
struct apply_job {
    struct checklist *cl;
    struct cl_action acts[HOST_COUNT]; /* what is sent: the fix's records on that server */
    size_t n_acts;
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

/* The fix's records on server, as the actions the job will record. */
static int job_actions(struct apply_job *j, const struct dns_server *server)
{
    struct rules_fix f;
    int rc = rules_fix(j->cl, &f);

    for (size_t i = 0; rc == CD_OK && i < f.n; i++) {
        const struct rules_fix_record *r = &f.records[i];
        const struct records_target *t = &f.run->target;
        struct cl_action *a;

        if (!server_same(&f.run->servers.v[r->server], server) || j->n_acts == HOST_COUNT)
            continue;
        a = &j->acts[j->n_acts++];
        cl_action_init(a);
        a->kind = r->kind;
        a->server = f.run->servers.v[r->server];
        a->host = r->host;
        a->type = t->ip[r->host].family == AF_INET6 ? PROBE_AAAA : PROBE_A;
        snprintf(a->name, sizeof a->name, "%s", t->fqdn[r->host]);
        snprintf(a->value, sizeof a->value, "%s", t->ip[r->host].text);
    }
    rules_fix_fini(&f);
    return rc;
}

/* Journals what was sent, with its outcome: applied, or failed with why. */
static void record(struct apply_job *j, bool ok, const struct cd_diag *why)
{
    struct cl_who who;

    checklist_who(j->cl, &who);
    for (size_t i = 0; i < j->n_acts; i++) {
        struct cl_action *a = &j->acts[i];

        a->status = ok ? ACTION_APPLIED : ACTION_FAILED;
        a->who = who;
        a->check = j->cl->n_runs ? j->cl->n_runs - 1 : CHECKLIST_NONE;
        if (!ok && why)
            diag_format_c(why, a->message, sizeof a->message);
        checklist_add_action(j->cl, a);
        cl_action_fini(a);
    }
    j->n_acts = 0;
}

struct apply_job *apply_start(struct checklist *cl, const struct dns_server *server,
                              const struct apply_opts *o, struct cd_diag *d)
{
    const char *env = getenv("NSUPDATE");
    const char *prog = o && o->nsupdate ? o->nsupdate : env && *env ? env : "nsupdate";
    int timeout_s = o && o->timeout_s > 0 ? o->timeout_s : APPLY_TIMEOUT_S;
    struct apply_job *j;
    struct cd_diag why;
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
    server_format(server, j->server, sizeof j->server);
    if (job_actions(j, server) < 0) {
        free(script);
        free(j);
        diag_set(d, CD_ENOMEM, NULL, NULL, N_("out of memory"), NULL, NULL);
        return NULL;
    }
    snprintf(j->seconds, sizeof j->seconds, "%d", timeout_s);
    argv[argc++] = (char *)prog;
    argv[argc++] = (char *)"-t";
    argv[argc++] = j->seconds;
    if (o && o->key_file) {
        argv[argc++] = (char *)"-k";
        argv[argc++] = (char *)o->key_file;
    }
    argv[argc] = NULL;
    if (spawn(j, argv, script, &why) < 0) {
        record(j, false, &why);
        if (d)
            *d = why;
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

int apply_job_finish(struct apply_job *j, struct cd_diag *out)
{
    char num[16], msg[CD_DIAG_ARG_MAX];
    struct cd_diag why, *d = &why;
    int rc;

    diag_clear(&why);
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
    record(j, rc == CD_OK, d);
    free(j);
    if (out)
        *out = why;
    return rc;
}

int apply_server(struct checklist *cl, const struct dns_server *server,
                 const struct apply_opts *o, struct cd_diag *d)
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
