/* Translation macros shared by the engine and the front ends (GNU hello's system.h).
 * The engine only marks text with N_(); it is translated where it is shown. */
#ifndef CLUSTERDNS_ENGINE_I18N_H
#define CLUSTERDNS_ENGINE_I18N_H

#if ENABLE_NLS
#include <libintl.h>
#define _(s) gettext(s)
#else
#define _(s) (s)
#define ngettext(s, p, n) ((n) == 1 ? (s) : (p))
#endif
#define N_(s) (s)

#endif
