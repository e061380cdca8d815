/* clusterdns: walks an operator through Microsoft KB Q263029, the DNS host records an
 * Exchange 5.5 virtual server on a Windows 2000 cluster needs. */
#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "cmd_check.h"
#include "cmd_fix.h"
#include "cmd_import.h"
#include "cmd_report.h"
#include "cmd_wizard.h"
#include "i18n.h"

int main(int argc, char **argv)
{
    setlocale(LC_ALL, "");
#if ENABLE_NLS
    {
        /* CLUSTERDNS_LOCALEDIR: the catalogues of an uninstalled build (the tests). */
        const char *dir = getenv("CLUSTERDNS_LOCALEDIR");

        bindtextdomain(PACKAGE, dir && *dir ? dir : LOCALEDIR);
    }
    textdomain(PACKAGE);
#endif
    if (argc >= 2 && strcmp(argv[1], "check") == 0)
        return cmd_check(argc - 1, argv + 1);
    if (argc >= 2 && strcmp(argv[1], "fix") == 0)
        return cmd_fix(argc - 1, argv + 1);
    if (argc >= 2 && strcmp(argv[1], "import") == 0)
        return cmd_import(argc - 1, argv + 1);
    if (argc >= 2 && strcmp(argv[1], "report") == 0)
        return cmd_report(argc - 1, argv + 1);
    return cmd_wizard(argc, argv);
}
