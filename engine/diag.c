#include "config.h"

#include "diag.h"

#include <stdio.h>
#include <string.h>

#include "i18n.h"

static void copy_arg(char *dst, const char *src)
{
    if (!src)
        src = "";
    snprintf(dst, CD_DIAG_ARG_MAX, "%s", src);
}

int diag_set3(struct cd_diag *d, int code, const char *field, const char *where, const char *fmt,
              const char *a1, const char *a2, const char *a3)
{
    if (!d)
        return code;
    d->code = code;
    d->field = field;
    snprintf(d->where, sizeof d->where, "%s", where ? where : "");
    d->fmt = fmt;
    copy_arg(d->arg1, a1);
    copy_arg(d->arg2, a2);
    copy_arg(d->arg3, a3);
    return code;
}

int diag_set(struct cd_diag *d, int code, const char *field, const char *where, const char *fmt,
             const char *a1, const char *a2)
{
    return diag_set3(d, code, field, where, fmt, a1, a2, NULL);
}

void diag_clear(struct cd_diag *d)
{
    if (d)
        memset(d, 0, sizeof *d);
}

/* tr is gettext for people, or the identity for files. */
static const char *format(const struct cd_diag *d, char *buf, size_t n,
                          const char *(*tr)(const char *))
{
    char msg[3 * CD_DIAG_ARG_MAX + 256];

    if (n == 0)
        return buf;
    if (!d || !d->fmt) {
        snprintf(buf, n, "%s", tr(N_("unknown error")));
        return buf;
    }
    /* The format is a msgid from our own sources, never user input. */
    snprintf(msg, sizeof msg, tr(d->fmt), d->arg1, d->arg2, d->arg3);
    if (d->field)
        /* TRANSLATORS: a field's label, then what is wrong with it. */
        snprintf(buf, n, tr(N_("%1$s: %2$s")), tr(d->field), msg);
    else
        snprintf(buf, n, "%s", msg);
    return buf;
}

static const char *translate(const char *s)
{
    return _(s);
}

static const char *untranslated(const char *s)
{
    return s;
}

const char *diag_format(const struct cd_diag *d, char *buf, size_t n)
{
    return format(d, buf, n, translate);
}

const char *diag_format_c(const struct cd_diag *d, char *buf, size_t n)
{
    return format(d, buf, n, untranslated);
}

const char *diag_format_file(const struct cd_diag *d, const char *file, char *buf, size_t n)
{
    char msg[3 * CD_DIAG_ARG_MAX + 512];
    char at[CD_DIAG_WHERE_MAX + 3 * CD_DIAG_ARG_MAX + 512];

    if (!d || d->code != CD_EFORMAT || !file || n == 0)
        return diag_format(d, buf, n);
    diag_format(d, msg, sizeof msg);
    /* A rule of a field (a name, an address) names the field, not its place: the place in
     * front of it, as a field's label is (the same msgid). */
    if (d->field && d->where[0]) {
        snprintf(at, sizeof at, _("%1$s: %2$s"), d->where, msg);
        snprintf(buf, n, _("%1$s: %2$s"), file, at);
        return buf;
    }
    /* The file in front, as a field's label: the same msgid. */
    snprintf(buf, n, _("%1$s: %2$s"), file, msg);
    return buf;
}
