/* Translation macros shared by the engine and the front ends (GNU hello's system.h).
 * The engine only marks text with N_(); it is translated where it is shown. */
#ifndef CLUSTERDNS_ENGINE_I18N_H
#define CLUSTERDNS_ENGINE_I18N_H

#if ENABLE_NLS
#include <libintl.h>
#define _(s) gettext(s)
/* The same English in a context of its own (gettext.h's pgettext; xgettext --keyword=C_:1c,2),
 * for a place that needs other words, such as a narrow column. */
#define C_(ctx, s) cd_pgettext(ctx "\004" s, s)
static inline const char *cd_pgettext(const char *key, const char *s)
{
    const char *t = gettext(key);
    return t == key ? s : t;
}
#else
#define _(s) (s)
#define C_(ctx, s) (s)
#define ngettext(s, p, n) ((n) == 1 ? (s) : (p))
#endif
#define N_(s) (s)

#endif
