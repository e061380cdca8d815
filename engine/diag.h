/* Diagnostics: what went wrong, in which field, by which rule.
 *
 * Engine calls return 0 (CD_OK) or a negative enum cd_err and, when given a
 * struct cd_diag, fill it.  The texts are untranslated msgids marked with N_();
 * diag_format() translates them in the current locale for display.  Saved
 * checklists never carry translated text. */
#ifndef CLUSTERDNS_ENGINE_DIAG_H
#define CLUSTERDNS_ENGINE_DIAG_H

#include <stddef.h>

enum cd_err {
    CD_OK = 0,
    CD_EINVAL = -1,  /* input breaks a rule */
    CD_ENOMEM = -2,
    CD_EIO = -3,     /* file system error; errno text in arg */
    CD_EFORMAT = -4, /* a document (JSON, pasted text) could not be read */
    CD_EDNS = -5,    /* resolver library error */
};

#define CD_DIAG_ARG_MAX 256
#define CD_DIAG_WHERE_MAX 128

struct cd_diag {
    int code;                     /* enum cd_err */
    const char *field;            /* N_() label of the field ("Exchange network name"), or NULL */
    char where[CD_DIAG_WHERE_MAX]; /* machine path of the field ("exchange.name", "dns_servers[2].port"), or "" */
    const char *fmt;              /* N_() printf format taking arg1 then arg2 as strings ("%1$s" allowed) */
    char arg1[CD_DIAG_ARG_MAX];
    char arg2[CD_DIAG_ARG_MAX];
    char arg3[CD_DIAG_ARG_MAX]; /* "%3$s": only where a message needs three */
};

/* Fills d (if not NULL) and returns code, so callers can `return diag_set(...)`.
 * a1 and a2 may be NULL; they are copied (truncated to fit). */
int diag_set(struct cd_diag *d, int code, const char *field, const char *where, const char *fmt,
             const char *a1, const char *a2);

/* The same with a third argument. */
int diag_set3(struct cd_diag *d, int code, const char *field, const char *where, const char *fmt,
              const char *a1, const char *a2, const char *a3);

/* Clears d (if not NULL). */
void diag_clear(struct cd_diag *d);

/* Writes "Field: message" (or just the message without a field) translated in the current
 * locale into buf, always NUL-terminated; returns buf. */
const char *diag_format(const struct cd_diag *d, char *buf, size_t n);

/* The same in English, untranslated: for saved checklists and logs. */
const char *diag_format_c(const struct cd_diag *d, char *buf, size_t n);

/* diag_format() of a failed load of FILE: a document error (CD_EFORMAT, whose message
 * names a place in the document, not the document) begins with "FILE: ", and when it is a
 * field's rule (d->field set) with its place too: "FILE: PATH: Field: message".  Read
 * errors name the file already. */
const char *diag_format_file(const struct cd_diag *d, const char *file, char *buf, size_t n);

#endif
