/* The one file layer: a whole-file reader with one size limit, and one atomic writer. Every
 * file clusterdns reads or writes goes through it: checklists, fix files, the wizard's
 * file fields, --servers-from, TSIG keys.
 *
 * The reader takes regular files only: a FIFO, a terminal (/dev/tty), any other device, a
 * folder or a socket is refused and named, and the file is opened O_NONBLOCK, so that no
 * read can block the wizard's single thread. The writer writes a temporary file created
 * O_EXCL beside the target, syncs it and renames it over the target: the old file or the
 * new one, complete, whatever happens. It never follows a symbolic link to write, and
 * refuses a target that is not a regular file, naming what it is; a new file is made mode
 * 0600 (checklists hold operators, tickets and internal addresses, as shells' histories
 * do), an existing one keeps its mode.
 *
 * Messages are N_() formats in the diag, naming the file (CD_EIO), as diag.h describes. */
#ifndef CLUSTERDNS_ENGINE_FILEIO_H
#define CLUSTERDNS_ENGINE_FILEIO_H

#include <stddef.h>
#include <sys/types.h>

#include "diag.h"

#define FILEIO_READ_MAX (16u << 20) /* the one limit: no checklist or pasted text is larger */
#define FILEIO_NEW_MODE 0600

/* Reads the regular file path whole into *out (malloc'ed, NUL-terminated; *len bytes
 * without the NUL). CD_OK; CD_EIO when it cannot be read or is not a regular file (d says
 * which kind it is); CD_EFORMAT when it is larger than FILEIO_READ_MAX; CD_ENOMEM. *out
 * is NULL on failure. */
int fileio_read(const char *path, char **out, size_t *len, struct cd_diag *d);

/* The same from an open descriptor (standard input for "-"), named name in messages; it
 * may be a pipe, read to its end. */
int fileio_read_fd(int fd, const char *name, char **out, size_t *len, struct cd_diag *d);

/* Writes len bytes of data to path atomically (see the top of this file). CD_OK; CD_EIO
 * (d names the file and the cause; the file that was there is untouched); CD_ENOMEM. A
 * temporary file left by a save killed earlier (".<base>.XXXXXX", ours, over ten minutes
 * old) is removed. */
int fileio_write(const char *path, const char *data, size_t len, struct cd_diag *d);

/* What fileio_write would refuse before writing anything: path names a folder, or
 * something other than a regular file (a symbolic link, a FIFO, a device...), or its
 * folder is missing. For a command to say so before it does any work. CD_OK or CD_EIO. */
int fileio_check_target(const char *path, struct cd_diag *d);

/* The permission bits (mode & 07777) of the regular file path in *mode, for a secret
 * such as a TSIG key: mode & 077 are those that let users other than its owner in. CD_OK,
 * or CD_EIO as fileio_read when it is no regular file this user can read. */
int fileio_check_private(const char *path, mode_t *mode, struct cd_diag *d);

#endif
