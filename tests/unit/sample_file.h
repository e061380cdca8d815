/* The Windows text samples of tests/samples/, for the unit tests that parse them. */
#ifndef CLUSTERDNS_TESTS_SAMPLE_FILE_H
#define CLUSTERDNS_TESTS_SAMPLE_FILE_H

/* tests/samples/<name>, from $top_srcdir (set by make check) or next to this file; a
 * malloc'ed, NUL-terminated copy (free() it). A missing file fails the running test. */
char *read_sample(const char *name);

#endif
