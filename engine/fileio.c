#include "config.h"

#include "fileio.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "i18n.h"

static const char *const msg_read = N_("cannot read %1$s: %2$s");
static const char *const msg_save = N_("cannot save %1$s: %2$s");
static const char *const msg_too_big = N_("cannot read %1$s: larger than %2$s MiB");
static const char *const msg_nomem = N_("out of memory");

/* What a path is when it is not a regular file, in a message for reading and one for
 * saving (the file type is part of the sentence: each language builds it its own way). */
static const struct {
    mode_t type;
    const char *read, *save;
} kinds[] = {
    {S_IFDIR, N_("cannot read %1$s: it is a folder, not a file"),
     N_("cannot save %1$s: it is a folder, not a file")},
    {S_IFIFO, N_("cannot read %1$s: it is a named pipe (FIFO), not a regular file"),
     N_("cannot save %1$s: it is a named pipe (FIFO), not a regular file")},
    {S_IFCHR, N_("cannot read %1$s: it is a character device, not a regular file"),
     N_("cannot save %1$s: it is a character device, not a regular file")},
    {S_IFBLK, N_("cannot read %1$s: it is a block device, not a regular file"),
     N_("cannot save %1$s: it is a block device, not a regular file")},
    {S_IFSOCK, N_("cannot read %1$s: it is a socket, not a regular file"),
     N_("cannot save %1$s: it is a socket, not a regular file")},
    {S_IFLNK, NULL, /* read through: only a write refuses it */
     N_("cannot save %1$s: it is a symbolic link, which is not followed to write; give the "
        "file it points to")},
};

static int io_fault(struct cd_diag *d, const char *fmt, const char *path, int err)
{
    return diag_set(d, CD_EIO, NULL, "", fmt, path, strerror(err));
}

/* The message that path, of mode m, is not a regular file. */
static int not_regular(struct cd_diag *d, const char *path, mode_t m, bool save)
{
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if ((m & S_IFMT) == kinds[i].type && (save ? kinds[i].save : kinds[i].read))
            return diag_set(d, CD_EIO, NULL, "", save ? kinds[i].save : kinds[i].read, path,
                            NULL);
    return diag_set(d, CD_EIO, NULL, "",
                    save ? N_("cannot save %1$s: it is not a regular file")
                         : N_("cannot read %1$s: it is not a regular file"),
                    path, NULL);
}

/* ---- reading ---------------------------------------------------------------------------- */

static int too_big(struct cd_diag *d, const char *path)
{
    char mib[24];

    snprintf(mib, sizeof mib, "%u", FILEIO_READ_MAX >> 20);
    return diag_set(d, CD_EFORMAT, NULL, "", msg_too_big, path, mib);
}

int fileio_read_fd(int fd, const char *name, char **out, size_t *len, struct cd_diag *d)
{
    size_t n = 0, cap = 0;
    char *buf = NULL, *nbuf;
    ssize_t r;

    *out = NULL;
    *len = 0;
    /* Not trusting st_size: a pipe has none, and a file may grow while it is read. */
    for (;;) {
        if (n == cap) {
            if (cap > FILEIO_READ_MAX) {
                free(buf);
                return too_big(d, name);
            }
            cap = cap ? 2 * cap : 65536;
            if (cap > FILEIO_READ_MAX)
                cap = FILEIO_READ_MAX + 1; /* one byte more says it is too big */
            if (!(nbuf = realloc(buf, cap + 1))) {
                free(buf);
                return diag_set(d, CD_ENOMEM, NULL, "", msg_nomem, NULL, NULL);
            }
            buf = nbuf;
        }
        r = read(fd, buf + n, cap - n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            int err = errno;

            free(buf);
            return io_fault(d, msg_read, name, err);
        }
        if (r == 0)
            break;
        n += (size_t)r;
    }
    if (n > FILEIO_READ_MAX) {
        free(buf);
        return too_big(d, name);
    }
    buf[n] = '\0';
    *out = buf;
    *len = n;
    return CD_OK;
}

int fileio_read(const char *path, char **out, size_t *len, struct cd_diag *d)
{
    struct stat before, st;
    int fd, rc;

    *out = NULL;
    *len = 0;
    /* Looked at before it is opened: opening a device may do something of its own. */
    if (stat(path, &before) < 0)
        return io_fault(d, msg_read, path, errno);
    if (!S_ISREG(before.st_mode))
        return not_regular(d, path, before.st_mode, false);
    /* O_NONBLOCK: should it have become a FIFO meanwhile, open returns at once. */
    if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)) < 0)
        return io_fault(d, msg_read, path, errno);
    if (fstat(fd, &st) < 0) {
        rc = io_fault(d, msg_read, path, errno);
    } else if (!S_ISREG(st.st_mode)) {
        rc = not_regular(d, path, st.st_mode, false);
    } else if (st.st_size > (off_t)FILEIO_READ_MAX) {
        rc = too_big(d, path);
    } else {
        rc = fileio_read_fd(fd, path, out, len, d);
    }
    close(fd);
    return rc;
}

/* ---- writing ---------------------------------------------------------------------------- */

static int write_all(int fd, const char *buf, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, buf, n);

        if (w < 0 && errno == EINTR)
            continue;
        if (w < 0)
            return -1;
        if (w == 0) { /* not expected from a regular file; do not spin */
            errno = EIO;
            return -1;
        }
        buf += w;
        n -= (size_t)w;
    }
    return 0;
}

/* The folder's entry for the new file is durable only once the folder is synced. Some file
 * systems cannot sync a folder (EINVAL); nothing more can be done there. */
static int sync_dir(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    int rc = 0;

    if (fd < 0)
        return -1;
    if (fsync(fd) < 0 && errno != EINVAL)
        rc = -1;
    if (close(fd) < 0 && rc == 0)
        rc = -1;
    return rc;
}

/* A save killed between mkstemp() and rename() leaves its hidden ".<base>.XXXXXX" behind.
 * The next save of the same file removes such files of ours older than this: a save takes
 * milliseconds, so an older one belongs to no save still running.  Best effort. */
#define STALE_TEMP_SECONDS 600

static void remove_stale_temps(const char *dir, const char *base)
{
    static const char alnum[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    size_t blen = strlen(base);
    DIR *dp = opendir(dir);
    struct dirent *e;

    if (!dp)
        return;
    while ((e = readdir(dp))) {
        const char *n = e->d_name, *x = n + 2 + blen;
        struct stat st;

        if (n[0] != '.' || strncmp(n + 1, base, blen) != 0 || n[1 + blen] != '.' ||
            strlen(x) != 6 || strspn(x, alnum) != 6)
            continue;
        if (fstatat(dirfd(dp), n, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(st.st_mode) &&
            st.st_uid == geteuid() && time(NULL) - st.st_mtime > STALE_TEMP_SECONDS)
            unlinkat(dirfd(dp), n, 0);
    }
    closedir(dp);
}

/* The folder of path into dir (size bytes, at least strlen(path) + 2), "." when none. */
static void dir_of(const char *path, char *dir, size_t size)
{
    const char *slash = strrchr(path, '/');

    if (!slash)
        snprintf(dir, size, ".");
    else
        snprintf(dir, size, "%.*s", slash == path ? 1 : (int)(slash - path), path);
}

static const char *base_of(const char *path)
{
    const char *slash = strrchr(path, '/');

    return slash ? slash + 1 : path;
}

/* path as a target: CD_OK with *exists and its *st when there, else the refusal. */
static int target(const char *path, bool *exists, struct stat *st, struct cd_diag *d)
{
    *exists = false;
    if (!*base_of(path))
        return not_regular(d, path, S_IFDIR, true);
    if (lstat(path, st) == 0) {
        if (!S_ISREG(st->st_mode))
            return not_regular(d, path, st->st_mode, true);
        *exists = true;
        return CD_OK;
    }
    if (errno != ENOENT)
        return io_fault(d, msg_save, path, errno);
    return CD_OK;
}

int fileio_check_target(const char *path, struct cd_diag *d)
{
    size_t size = strlen(path) + 2;
    char *dir = malloc(size);
    struct stat st;
    bool exists;
    int rc;

    if (!dir)
        return diag_set(d, CD_ENOMEM, NULL, "", msg_nomem, NULL, NULL);
    rc = target(path, &exists, &st, d);
    if (rc == CD_OK && !exists) {
        dir_of(path, dir, size);
        if (stat(dir, &st) < 0)
            rc = io_fault(d, msg_save, path, errno);
        else if (!S_ISDIR(st.st_mode))
            rc = io_fault(d, msg_save, path, ENOTDIR);
    }
    free(dir);
    return rc;
}

int fileio_write(const char *path, const char *data, size_t len, struct cd_diag *d)
{
    const char *base = base_of(path);
    size_t size = strlen(path) + sizeof "..XXXXXX";
    char *tmp = malloc(size), *dir = malloc(size);
    bool have_tmp = false, exists;
    int fd = -1, closed, rc;
    struct stat st;
    mode_t mode;

    if (!tmp || !dir) {
        rc = diag_set(d, CD_ENOMEM, NULL, "", msg_nomem, NULL, NULL);
        goto out;
    }
    if ((rc = target(path, &exists, &st, d)) < 0)
        goto out;
    if (exists) {
        mode = st.st_mode & 07777;
    } else {
        /* The only way to read the umask is to set it; this tool has one thread. */
        mode_t mask = umask(0);

        umask(mask);
        mode = FILEIO_NEW_MODE & ~mask;
    }
    /* "<dir>/.<base>.XXXXXX": the same file system, so rename() is atomic; hidden;
     * created O_EXCL, so nothing planted there is opened. */
    snprintf(tmp, size, "%.*s.%s.XXXXXX", (int)(base - path), path, base);
    dir_of(path, dir, size);
    if ((fd = mkostemp(tmp, O_CLOEXEC)) < 0) {
        rc = io_fault(d, msg_save, path, errno);
        goto out;
    }
    have_tmp = true;
    /* fchmod before fsync, so that the mode is on disk with the data. The owner of a file
     * root replaces stays its owner (best effort). */
    if (exists && st.st_uid != geteuid() && fchown(fd, st.st_uid, st.st_gid) < 0)
        mode &= ~(mode_t)07000; /* no set-id bits on a file of another owner */
    if (write_all(fd, data, len) < 0 || fchmod(fd, mode) < 0 || fsync(fd) < 0) {
        rc = io_fault(d, msg_save, path, errno);
        goto out;
    }
    closed = close(fd); /* a delayed write error (NFS, quota) shows here */
    fd = -1;
    /* rename() replaces the name, never what a symbolic link planted there points to. */
    if (closed < 0 || rename(tmp, path) < 0) {
        rc = io_fault(d, msg_save, path, errno);
        goto out;
    }
    have_tmp = false;
    if (sync_dir(dir) < 0)
        rc = io_fault(d, msg_save, path, errno);
    remove_stale_temps(dir, base);
out:
    if (fd >= 0)
        close(fd);
    if (have_tmp)
        unlink(tmp);
    free(dir);
    free(tmp);
    return rc;
}

int fileio_check_private(const char *path, mode_t *mode, struct cd_diag *d)
{
    struct stat st;

    *mode = 0;
    if (stat(path, &st) < 0)
        return io_fault(d, msg_read, path, errno);
    if (!S_ISREG(st.st_mode))
        return not_regular(d, path, st.st_mode, false);
    if (access(path, R_OK) < 0)
        return io_fault(d, msg_read, path, errno);
    *mode = st.st_mode & 07777;
    return CD_OK;
}
