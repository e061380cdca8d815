/* `clusterdns` with no command: the wizard, with its options. */
#ifndef CLUSTERDNS_CLI_CMD_WIZARD_H
#define CLUSTERDNS_CLI_CMD_WIZARD_H

int cmd_wizard(int argc, char **argv);

#endif
