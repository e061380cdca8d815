#include "config.h"

#include "lab_env.h"

#include <stdlib.h>

bool env_port(const char *name, unsigned *out)
{
    const char *v = getenv(name);
    char *end;
    unsigned long n;

    if (!v || !*v)
        return false;
    n = strtoul(v, &end, 10);
    if (*end || n == 0 || n > 65535)
        return false;
    *out = (unsigned)n;
    return true;
}

const char *env_or(const char *name, const char *dflt)
{
    const char *v = getenv(name);

    return v && *v ? v : dflt;
}
