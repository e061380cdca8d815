/* Many saved checklists checked again at once, in one event loop: `clusterdns recheck`.
 *
 * Each file is loaded and the check it asks for worked out as `check --load` does (its
 * names through check_target_set, its servers checklist_servers: the order its journal
 * ends with); the questions go to the ask queue (askq.h), which asks each distinct question
 * of each server once, one c-ares channel a server, so a thousand files sharing their
 * servers cost about one check. While it waits, a file keeps only its plan (names,
 * servers, which question is which, and a digest of its last check), not its checklist.
 * Once all of a file's answers are in, it is judged by the engine's rules
 * (records_evaluate, as checklist_add_check does) and compared with its last check
 * (changes.h); with update, the file is loaded again, the check appended to its journal
 * as `check --load FILE --output FILE` does (checklist_note_servers, checklist_add_check,
 * checklist_finish_checked_steps) and the file saved atomically (checklist_save). A file
 * that cannot be read is reported and never written.
 *
 * Files are loaded as questions go out (at most RECHECK_AHEAD waiting at once), in slices
 * of a few milliseconds, so the replies are read while later files load: memory stays
 * bounded however many files there are. */
#ifndef CLUSTERDNS_ENGINE_RECHECK_H
#define CLUSTERDNS_ENGINE_RECHECK_H

#include <poll.h>
#include <stdbool.h>
#include <stddef.h>

#include "askq.h"
#include "changes.h"
#include "checklist.h"
#include "diag.h"
#include "records.h"
#include "servers.h"

#define RECHECK_AHEAD 2048 /* files loaded and waiting for answers, at most */

struct recheck_options {
    int timeout_ms;     /* each reply, at most; <= 0: PROBE_TIMEOUT_DEFAULT_MS */
    bool update;        /* append each check to its file's journal and save the file */
    size_t max_servers; /* servers asked at once; 0: what the descriptors allow */
    /* update: who rechecks, and for which ticket: each file's operator and ticket from
     * now on, on its new check (as check --operator, --ticket); NULL: the file's own.
     * Borrowed: they outlive the recheck. */
    const char *operator_name, *ticket;
};

/* One file's outcome, handed to the callback once it is known; valid during the call. */
struct recheck_result {
    size_t index; /* the file's number, in the order added: 0, 1, ... */
    const char *path;
    int status; /* CD_OK: checked; else why not (diag; diag_format_file names it) */
    const struct cd_diag *diag;
    /* status CD_OK: */
    const char *ticket; /* the file's, as typed */
    const char *zone;
    enum verdict verdict;         /* of this check */
    bool first;                   /* the file held no check before */
    enum verdict before;          /* the last check's verdict, unless first */
    const struct change *changes; /* since the last check (none when first) */
    size_t n_changes;
    const struct server_list *servers;   /* asked, in order: a change's server index */
    const struct records_target *target; /* the names asked: a change's record */
    /* update: */
    bool saved;      /* the check was appended and the file saved */
    int save_status; /* CD_OK, or why it was not saved (save_diag) */
    const struct cd_diag *save_diag;
};

typedef void (*recheck_cb)(void *arg, const struct recheck_result *r);

struct recheck;

/* opt is copied. NULL when out of memory or when c-ares cannot be initialised. */
struct recheck *recheck_new(const struct recheck_options *opt, recheck_cb cb, void *arg);
void recheck_free(struct recheck *r);

/* Adds a file, or each checklist of a folder: its regular files ending in ".json", not
 * hidden, in byte order of their names. A file named twice (the same inode) counts once;
 * a path that is no regular file (a FIFO, a device) is reported as not readable when its
 * turn comes, as checklist_load says (fileio.h: never blocking). Returns how many files were added,
 * or CD_EIO (d names the folder) when a folder cannot be read, CD_ENOMEM. */
int recheck_add(struct recheck *r, const char *path, struct cd_diag *d);

/* Files added, and files whose result was given. */
size_t recheck_files(const struct recheck *r);
size_t recheck_files_done(const struct recheck *r);
/* The ask queue's figures: questions, servers still answering, channels... */
void recheck_ask_stats(const struct recheck *r, struct askq_stats *st);

/* The event loop, as check.h's. recheck_timeout() is 0 while files are still to load or to
 * judge. */
bool recheck_done(const struct recheck *r);
size_t recheck_pollfds(struct recheck *r, struct pollfd *fds, size_t max);
int recheck_timeout(struct recheck *r, int max_ms);
void recheck_process(struct recheck *r, const struct pollfd *fds, size_t n);

/* Runs the loop until every file is done (the command line's use); tick, when not NULL,
 * is called about every tick_ms milliseconds and once at the end. CD_OK, or CD_EIO when
 * poll() fails (d says why). */
int recheck_run(struct recheck *r, void (*tick)(void *arg), void *arg, int tick_ms,
                struct cd_diag *d);

#endif
