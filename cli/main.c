/* clusterdns: walks an operator through Microsoft KB Q263029, the DNS host records an
 * Exchange 5.5 virtual server on a Windows 2000 cluster needs. */
#include "config.h"

#include <locale.h>
#include <stdlib.h>

#include "cli.h"
#include "cmd_wizard.h"
#include "i18n.h"

int main(int argc, char **argv)
{
    const struct cli_cmd *cmd;

    setlocale(LC_ALL, "");
#if ENABLE_NLS
    {
        /* CLUSTERDNS_LOCALEDIR: the catalogues of an uninstalled build (the tests). */
        const char *dir = getenv("CLUSTERDNS_LOCALEDIR");

        bindtextdomain(PACKAGE, dir && *dir ? dir : LOCALEDIR);
    }
    textdomain(PACKAGE);
#endif
    if (argc >= 2 && (cmd = cli_find(argv[1])))
        return cmd->exec(cmd, argc - 1, argv + 1);
    return cmd_wizard(argc, argv);
}
