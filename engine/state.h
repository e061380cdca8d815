/* The state folder (the XDG base directory spec's $XDG_STATE_HOME, else ~/.local/state):
 * where checklists go by default, and the folders a save needs, made private inside it. */
#ifndef CLUSTERDNS_ENGINE_STATE_H
#define CLUSTERDNS_ENGINE_STATE_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

/* The default checklist: <state>/clusterdns/checklist-YYYYMMDD-HHMMSS.json, local time.
 * CD_EINVAL (path "") when neither variable gives a folder (a relative $XDG_STATE_HOME is
 * ignored, as the spec says) or n is too small. */
int state_default_output(char *path, size_t n);

/* mkdir -p of the folder that holds path: 0700 for the folders inside <state>/clusterdns
 * (the spec's rule), else 0777 less the umask. CD_EIO with the folder and the system's
 * reason in d (field: the N_() label of the field that names the file). */
int state_make_folder_of(const char *path, const char *field, struct cd_diag *d);

/* True when the folder that holds path does not exist (dir gets it, size n) and is not in
 * <state>/clusterdns: saving there would create a folder the operator did not choose, so
 * the front end asks first. False for a file in the current folder or in /. */
bool state_folder_missing_outside(const char *path, char *dir, size_t n);

#endif
