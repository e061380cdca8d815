/* save_loop: saves two versions of a checklist to one file, in turn, until it is killed;
 * the subject of tests/faults/save_kill.sh.
 *
 *   save_loop FILE OLD.json
 *
 * The old version is OLD.json as loaded; the new one has another ticket and every step's
 * notes filled, about 12 KB more to write.  Both are first saved to FILE.old and FILE.new,
 * the exact bytes FILE may hold, then FILE gets the old version and FILE.ready is created:
 * from then on the program does nothing but checklist_save(), the one save every front end
 * calls (temporary file, fsync, rename), new, old, new, ... */
#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "checklist.h"
#include "diag.h"

static void save_or_die(const struct checklist *cl, const char *path)
{
    struct cd_diag d = {0};
    char text[1024];

    if (checklist_save(cl, path, &d) < 0) {
        diag_format_c(&d, text, sizeof text);
        fprintf(stderr, "save_loop: %s\n", text);
        exit(1);
    }
}

static char *with_suffix(const char *path, const char *suffix)
{
    size_t n = strlen(path) + strlen(suffix) + 1;
    char *s = malloc(n);

    if (!s)
        exit(1);
    snprintf(s, n, "%s%s", path, suffix);
    return s;
}

int main(int argc, char **argv)
{
    static struct checklist old_cl, new_cl;
    struct cd_diag d = {0};
    char text[1024];

    if (argc != 3) {
        fputs("usage: save_loop FILE OLD.json\n", stderr);
        return 2;
    }
    checklist_init(&old_cl);
    checklist_init(&new_cl);
    if (checklist_load(argv[2], &old_cl, &d) < 0 || checklist_load(argv[2], &new_cl, &d) < 0) {
        diag_format_c(&d, text, sizeof text);
        fprintf(stderr, "save_loop: %s\n", text);
        return 1;
    }
    snprintf(new_cl.ticket, sizeof new_cl.ticket, "%s", "CHG-NEW-VERSION");
    for (size_t i = 0; i < STEP_COUNT; i++) {
        memset(new_cl.steps[i].notes, 'n', sizeof new_cl.steps[i].notes - 1);
        new_cl.steps[i].notes[sizeof new_cl.steps[i].notes - 1] = '\0';
    }

    char *old_ref = with_suffix(argv[1], ".old"), *new_ref = with_suffix(argv[1], ".new");
    char *ready = with_suffix(argv[1], ".ready");
    save_or_die(&old_cl, old_ref);
    save_or_die(&new_cl, new_ref);
    save_or_die(&old_cl, argv[1]);
    int fd = open(ready, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) {
        perror(ready);
        return 1;
    }
    close(fd);
    for (;;) {
        save_or_die(&new_cl, argv[1]);
        save_or_die(&old_cl, argv[1]);
    }
}
