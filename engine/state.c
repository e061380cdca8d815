#include "config.h"

#include "state.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "i18n.h"

#define STATE_PATH_MAX 4096

static const char msg_mkdir[] = N_("cannot create the folder %1$s: %2$s");

/* "<base>" of the state folder: $XDG_STATE_HOME when absolute, else ~/.local/state. */
static int state_base(char *out, size_t n)
{
    const char *xdg = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
    int len;

    /* The XDG spec: a relative path in the variable is invalid and ignored. */
    if (xdg && xdg[0] == '/')
        len = snprintf(out, n, "%s", xdg);
    else if (home && *home)
        len = snprintf(out, n, "%s/.local/state", home);
    else
        return CD_EINVAL;
    return len < 0 || (size_t)len >= n ? CD_EINVAL : CD_OK;
}

int state_default_output(char *path, size_t n)
{
    char base[STATE_PATH_MAX], stamp[32];
    time_t now = time(NULL);
    struct tm tm;
    int len;

    if (n)
        path[0] = '\0';
    if (state_base(base, sizeof base) != CD_OK || !localtime_r(&now, &tm) ||
        strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm) == 0)
        return CD_EINVAL;
    len = snprintf(path, n, "%s/clusterdns/checklist-%s.json", base, stamp);
    if (len < 0 || (size_t)len >= n) {
        if (n)
            path[0] = '\0';
        return CD_EINVAL;
    }
    return CD_OK;
}

/* The state folder and every folder made for it are private (the XDG spec's 0700); other
 * folders follow the umask. */
static mode_t folder_mode(const char *dir)
{
    char base[STATE_PATH_MAX], state[STATE_PATH_MAX + sizeof "/clusterdns"];
    size_t len;

    if (state_base(base, sizeof base) != CD_OK)
        return 0777;
    snprintf(state, sizeof state, "%s/clusterdns", base);
    len = strlen(state);
    return strncmp(dir, state, len) == 0 && (dir[len] == '\0' || dir[len] == '/') ? 0700 : 0777;
}

bool state_folder_missing_outside(const char *path, char *dir, size_t n)
{
    const char *slash = strrchr(path, '/');
    struct stat st;

    if (!slash || slash == path)
        return false;
    snprintf(dir, n, "%.*s", (int)(slash - path), path);
    /* The state folder is clusterdns' own: it is made without asking. */
    return stat(dir, &st) < 0 && errno == ENOENT && folder_mode(dir) != 0700;
}

int state_make_folder_of(const char *path, const char *field, struct cd_diag *d)
{
    char dir[STATE_PATH_MAX + 32];
    const char *slash = strrchr(path, '/');
    struct stat st;
    mode_t mode;
    size_t len;

    if (!slash || slash == path)
        return CD_OK; /* the current folder, or / */
    len = (size_t)(slash - path);
    if (len >= sizeof dir)
        return diag_set(d, CD_EIO, field, "", N_("cannot save %1$s: %2$s"), path,
                        strerror(ENAMETOOLONG));
    memcpy(dir, path, len);
    dir[len] = '\0';
    mode = folder_mode(dir);
    for (char *p = dir + 1;; p++) {
        bool last = *p == '\0';

        if (*p != '/' && !last)
            continue;
        *p = '\0';
        if (mkdir(dir, mode) < 0 && errno != EEXIST)
            return diag_set(d, CD_EIO, field, "", msg_mkdir, dir, strerror(errno));
        if (stat(dir, &st) < 0)
            return diag_set(d, CD_EIO, field, "", msg_mkdir, dir, strerror(errno));
        if (!S_ISDIR(st.st_mode))
            return diag_set(d, CD_EIO, field, "", msg_mkdir, dir, strerror(ENOTDIR));
        if (last)
            break;
        *p = '/';
    }
    return CD_OK;
}
