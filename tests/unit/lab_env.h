/* The DNS lab's settings as the unit tests that ask real servers get them: environment
 * variables set by tests/dnslab/lab.sh and the scripts that start it. */
#ifndef CLUSTERDNS_TESTS_LAB_ENV_H
#define CLUSTERDNS_TESTS_LAB_ENV_H

#include <stdbool.h>

/* The port in $name (1..65535) into *out; false when unset, empty or not a port. */
bool env_port(const char *name, unsigned *out);

/* $name, or dflt when it is unset or empty. */
const char *env_or(const char *name, const char *dflt);

#endif
