/* The file layer: the reader takes regular files only and never blocks (a FIFO with no
 * writer, a device), with one size limit; the writer replaces regular files only, never
 * writes through a symbolic link, makes new files 0600 and keeps the mode of one that is
 * there; the check of a secret's mode. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fileio.h"

static char root[PATH_MAX];

static const char *message(const struct cd_diag *d)
{
    static char buf[1024];

    return diag_format(d, buf, sizeof buf);
}

static const char *at(const char *name)
{
    static char path[4][PATH_MAX];
    static int k;

    k = (k + 1) % 4;
    snprintf(path[k], sizeof path[k], "%s/%s", root, name);
    return path[k];
}

static void put(const char *path, const char *text, mode_t mode)
{
    FILE *f = fopen(path, "w");

    assert_non_null(f);
    fputs(text, f);
    assert_int_equal(fclose(f), 0);
    assert_int_equal(chmod(path, mode), 0);
}

static char *get(const char *path)
{
    static char buf[256];
    FILE *f = fopen(path, "r");
    size_t n;

    assert_non_null(f);
    n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

static void read_a_regular_file_and_through_a_link(void **state)
{
    struct cd_diag d = {0};
    char *text;
    size_t len;

    (void)state;
    put(at("a.txt"), "hello\n", 0644);
    assert_int_equal(fileio_read(at("a.txt"), &text, &len, &d), CD_OK);
    assert_int_equal(len, 6);
    assert_string_equal(text, "hello\n");
    free(text);
    assert_int_equal(symlink(at("a.txt"), at("link.txt")), 0);
    assert_int_equal(fileio_read(at("link.txt"), &text, &len, &d), CD_OK);
    assert_string_equal(text, "hello\n");
    free(text);
}

static void read_refuses_a_fifo_without_waiting_for_a_writer(void **state)
{
    struct cd_diag d = {0};
    char *text = (char *)"x";
    size_t len;

    (void)state;
    assert_int_equal(mkfifo(at("fifo"), 0600), 0);
    /* With no writer, open() without O_NONBLOCK would wait here forever. */
    alarm(5);
    assert_int_equal(fileio_read(at("fifo"), &text, &len, &d), CD_EIO);
    alarm(0);
    assert_null(text);
    assert_string_equal(d.arg1, at("fifo"));
    assert_non_null(strstr(message(&d), "it is a named pipe (FIFO), not a regular file"));
}

static void read_refuses_devices_and_folders(void **state)
{
    struct cd_diag d = {0};
    char *text;
    size_t len;

    (void)state;
    assert_int_equal(fileio_read("/dev/null", &text, &len, &d), CD_EIO);
    assert_non_null(strstr(message(&d), "it is a character device, not a regular file"));
    assert_int_equal(fileio_read(root, &text, &len, &d), CD_EIO);
    assert_non_null(strstr(message(&d), "it is a folder, not a file"));
    assert_int_equal(fileio_read(at("none"), &text, &len, &d), CD_EIO);
    assert_string_equal(d.arg2, strerror(ENOENT));
}

static void read_from_a_pipe_to_its_end(void **state)
{
    struct cd_diag d = {0};
    char *text;
    size_t len;
    int fds[2];

    (void)state;
    assert_int_equal(pipe(fds), 0);
    assert_int_equal(write(fds[1], "a\nb", 3), 3);
    close(fds[1]);
    assert_int_equal(fileio_read_fd(fds[0], "-", &text, &len, &d), CD_OK);
    close(fds[0]);
    assert_int_equal(len, 3);
    assert_string_equal(text, "a\nb");
    free(text);
}

static void write_makes_a_private_file_and_keeps_a_mode(void **state)
{
    struct cd_diag d = {0};
    struct stat st;
    mode_t old = umask(022);

    (void)state;
    assert_int_equal(fileio_write(at("new.json"), "{}\n", 3, &d), CD_OK);
    assert_int_equal(stat(at("new.json"), &st), 0);
    assert_int_equal(st.st_mode & 07777, 0600);
    assert_string_equal(get(at("new.json")), "{}\n");
    put(at("shared.json"), "old", 0664);
    assert_int_equal(fileio_write(at("shared.json"), "new", 3, &d), CD_OK);
    assert_int_equal(stat(at("shared.json"), &st), 0);
    assert_int_equal(st.st_mode & 07777, 0664);
    assert_string_equal(get(at("shared.json")), "new");
    umask(old);
}

/* Another user plants a link where a file will be written: the file it points to stays. */
static void write_never_follows_a_link(void **state)
{
    struct cd_diag d = {0};
    struct stat st;

    (void)state;
    put(at("victim"), "precious", 0600);
    assert_int_equal(symlink(at("victim"), at("planted.txt")), 0);
    assert_int_equal(fileio_check_target(at("planted.txt"), &d), CD_EIO);
    assert_non_null(strstr(message(&d), "it is a symbolic link"));
    assert_int_equal(fileio_write(at("planted.txt"), "evil", 4, &d), CD_EIO);
    assert_string_equal(d.arg1, at("planted.txt"));
    assert_non_null(strstr(message(&d), "cannot save"));
    assert_non_null(strstr(message(&d), "it is a symbolic link"));
    assert_string_equal(get(at("victim")), "precious");
    assert_int_equal(lstat(at("planted.txt"), &st), 0);
    assert_true(S_ISLNK(st.st_mode));
}

static void write_refuses_what_is_not_a_regular_file(void **state)
{
    struct cd_diag d = {0};
    struct stat st;

    (void)state;
    assert_int_equal(mkfifo(at("out.fifo"), 0600), 0);
    assert_int_equal(fileio_write(at("out.fifo"), "x", 1, &d), CD_EIO);
    assert_non_null(strstr(message(&d), "cannot save"));
    assert_non_null(strstr(message(&d), "named pipe (FIFO)"));
    assert_int_equal(lstat(at("out.fifo"), &st), 0);
    assert_true(S_ISFIFO(st.st_mode));
    assert_int_equal(fileio_check_target("/dev/null", &d), CD_EIO);
    assert_non_null(strstr(message(&d), "it is a character device"));
    assert_int_equal(fileio_write("/dev/null", "x", 1, &d), CD_EIO);
    assert_int_equal(lstat("/dev/null", &st), 0);
    assert_true(S_ISCHR(st.st_mode));
    assert_int_equal(fileio_check_target(at("no/such/x.json"), &d), CD_EIO);
    assert_string_equal(d.arg2, strerror(ENOENT));
    assert_int_equal(fileio_check_target(at("fine.json"), &d), CD_OK);
}

static void private_check_says_who_else_may_read(void **state)
{
    struct cd_diag d = {0};
    mode_t mode = 1;

    (void)state;
    put(at("key"), "secret", 0600);
    assert_int_equal(fileio_check_private(at("key"), &mode, &d), CD_OK);
    assert_int_equal(mode, 0600);
    assert_int_equal(chmod(at("key"), 0644), 0);
    assert_int_equal(fileio_check_private(at("key"), &mode, &d), CD_OK);
    assert_int_equal(mode, 0644);
    assert_int_equal(fileio_check_private("/dev/null", &mode, &d), CD_EIO);
}

static int rm(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    return remove(path);
}

static int setup(void **state)
{
    (void)state;
    snprintf(root, sizeof root, "%s/fileio-test.XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    return mkdtemp(root) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    return nftw(root, rm, 16, FTW_DEPTH | FTW_PHYS);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(read_a_regular_file_and_through_a_link),
        cmocka_unit_test(read_refuses_a_fifo_without_waiting_for_a_writer),
        cmocka_unit_test(read_refuses_devices_and_folders),
        cmocka_unit_test(read_from_a_pipe_to_its_end),
        cmocka_unit_test(write_makes_a_private_file_and_keeps_a_mode),
        cmocka_unit_test(write_never_follows_a_link),
        cmocka_unit_test(write_refuses_what_is_not_a_regular_file),
        cmocka_unit_test(private_check_says_who_else_may_read),
    };

    return cmocka_run_group_tests(tests, setup, teardown);
}
