/* clusterdns: walks an operator through Microsoft KB Q263029, the DNS host records an
 * Exchange 5.5 virtual server on a Windows 2000 cluster needs. */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "cmd_check.h"
#include "i18n.h"

static void usage(FILE *out)
{
    fprintf(out, "%s",
            _("Usage: clusterdns COMMAND [OPTION]...\n"
              "Check and fix the DNS host records of an Exchange 5.5 cluster (Microsoft KB "
              "Q263029).\n"
              "\n"
              "Commands:\n"
              "  check      check the records live against each DNS server the node asks\n"
              "\n"
              "  -h, --help     display this help and exit\n"
              "  -V, --version  output version information and exit\n"
              "\n"
              "'clusterdns COMMAND --help' describes each command.\n"));
}

static void version(void)
{
    printf("clusterdns %s\n", PACKAGE_VERSION);
    printf("%s\n", _("Written by the clusterdns authors."));
}

int main(int argc, char **argv)
{
    setlocale(LC_ALL, "");
#if ENABLE_NLS
    bindtextdomain(PACKAGE, LOCALEDIR);
    textdomain(PACKAGE);
#endif
    if (argc >= 2 && strcmp(argv[1], "check") == 0)
        return cmd_check(argc - 1, argv + 1);
    if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        usage(stdout);
        return EXIT_PASS;
    }
    if (argc >= 2 && (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0)) {
        version();
        return EXIT_PASS;
    }
    if (argc >= 2)
        fprintf(stderr, _("clusterdns: unknown command '%s'\n"), argv[1]);
    usage(stderr);
    return EXIT_USAGE;
}
