/* Files the unit tests read from the source tree: the Windows samples, the golden texts. */
#ifndef CLUSTERDNS_TESTS_SAMPLE_FILE_H
#define CLUSTERDNS_TESTS_SAMPLE_FILE_H

/* tests/samples/<name>, from $top_srcdir (set by make check) or next to this file; a
 * malloc'ed, NUL-terminated copy (free() it). A missing file fails the running test. */
char *read_sample(const char *name);

/* tests/<folder>/<name> likewise (folder "golden", "samples"). */
char *read_test_file(const char *folder, const char *name);

#endif
