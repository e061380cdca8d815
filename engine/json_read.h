/* Reading a JSON document that people write and edit (a checklist): cJSON's text parsed
 * with a located error ("malformed JSON at line 3, column 8", "the file is truncated"),
 * then each value read by its rule, every fault named by its JSON path
 * ("checks[0].servers[2].port") in a cd_diag whose message starts with that path
 * (CD_EFORMAT). Text must be UTF-8 without control characters (new lines and tabs where
 * multiline) and fit its field. The getters read an optional member: absent, the
 * destination is left alone. No allocation but the parse's. */
#ifndef CLUSTERDNS_ENGINE_JSON_READ_H
#define CLUSTERDNS_ENGINE_JSON_READ_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include <cJSON.h>

#include "checklist.h"
#include "diag.h"
#include "names.h"

/* N_() messages that take the path as %1$s. */
extern const char *const jr_msg_missing, *const jr_msg_string, *const jr_msg_object,
    *const jr_msg_array, *const jr_msg_too_many, *const jr_msg_enum, *const jr_msg_nomem;

/* Fills d with fmt, the path as %1$s and a2 as %2$s; returns code. */
int jr_fault(struct cd_diag *d, int code, const char *path, const char *fmt, const char *a2);
int jr_fault_num(struct cd_diag *d, int code, const char *path, const char *fmt,
                 unsigned long v);
/* "path: unknown value, expected one of "a", "b"". */
int jr_fault_names(struct cd_diag *d, int code, const char *path, const char *const *names);
/* A rule of names.h or servers.h broke (d filled, with its field): rc as CD_EFORMAT (or
 * CD_ENOMEM), and the value's path in d->where. */
int jr_broke(int rc, struct cd_diag *d, const char *path);
/* "parent.key" and "parent[i]" into out (CD_DIAG_WHERE_MAX bytes, cut to fit). */
void jr_key(char *out, const char *parent, const char *key);
void jr_index(char *out, const char *parent, size_t i);

/* The index of s in the NULL-ended names, or -1. */
int jr_name_index(const char *const *names, const char *s);

/* Copies the field src (size bytes, maybe unterminated) into dst (size bytes), with '?' for
 * each byte a read would refuse: so that what is written loads again. */
void jr_text_clean(char *dst, const char *src, size_t size, bool multiline);

/* The member key of obj, or NULL; path receives its JSON path. */
const cJSON *jr_member(const cJSON *obj, const char *key, const char *parent, char *path);
/* A string into dst (size bytes with the NUL), by the text rule. */
int jr_read_text(const cJSON *it, const char *path, size_t size, bool multiline, char *dst,
                 struct cd_diag *d);
/* One of the NULL-ended names: its index into *index. */
int jr_read_name(const cJSON *it, const char *path, const char *const *names, int *index,
                 struct cd_diag *d);

/* Optional members of obj, below parent in the paths. */
int jr_get_text(const cJSON *obj, const char *key, const char *parent, char *dst, size_t size,
                bool multiline, struct cd_diag *d);
/* One of names into *v (an int-sized enum), or, with v NULL, only checked. */
int jr_get_enum(const cJSON *obj, const char *key, const char *parent, const char *const *names,
                void *v, struct cd_diag *d);
/* "2026-11-25T12:00:00Z" (checklist_time_parse), or null (0) when nullable; required: its
 * absence is a fault. */
int jr_get_time(const cJSON *obj, const char *key, const char *parent, bool nullable,
                bool required, time_t *t, struct cd_diag *d);
int jr_get_tri(const cJSON *obj, const char *key, const char *parent, enum tri *t,
               struct cd_diag *d);
/* A whole number from 1 to max. */
int jr_get_uint(const cJSON *obj, const char *key, const char *parent, unsigned max, unsigned *v,
                struct cd_diag *d);
/* Milliseconds (0 or more), or null (-1). */
int jr_get_ms(const cJSON *obj, const char *key, const char *parent, double *v,
              struct cd_diag *d);
/* An object, or an array of at most max entries: *out, NULL when absent; path its path. */
int jr_get_object(const cJSON *obj, const char *key, const char *parent, char *path,
                  const cJSON **out, struct cd_diag *d);
int jr_get_array(const cJSON *obj, const char *key, const char *parent, size_t max, char *path,
                 const cJSON **out, struct cd_diag *d);
/* An array of at most max strings of size bytes each, into dst (or only checked when dst is
 * NULL), their count into *n (may be NULL). */
int jr_get_strings(const cJSON *obj, const char *key, const char *parent, size_t max,
                   size_t size, char (*dst)[NAMES_FQDN_SIZE], size_t *n, struct cd_diag *d);

/* Parses len bytes of text (NUL-terminated or not) into *root (cJSON_Delete it). CD_OK, or
 * CD_EFORMAT with d saying why: empty, truncated (and where), malformed (and where),
 * something after the document; *root is then NULL. */
int jr_parse(const char *text, size_t len, cJSON **root, struct cd_diag *d);

#endif
