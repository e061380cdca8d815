#include "config.h"

#include "sample_file.h"

/* clang-format off */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
/* clang-format on */

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *read_sample(const char *name)
{
    return read_test_file("samples", name);
}

char *read_test_file(const char *folder, const char *name)
{
    const char *top = getenv("top_srcdir");
    char path[PATH_MAX];
    long size;
    char *text;
    FILE *f;

    if (top && *top) {
        snprintf(path, sizeof path, "%s/tests/%s/%s", top, folder, name);
    } else {
        const char *slash = strrchr(__FILE__, '/');
        int dir = slash ? (int)(slash - __FILE__) : 0;

        snprintf(path, sizeof path, "%.*s%s../%s/%s", dir, __FILE__, slash ? "/" : "", folder,
                 name);
    }
    f = fopen(path, "rb");
    if (!f)
        fail_msg("cannot open %s", path);
    fseek(f, 0, SEEK_END);
    size = ftell(f);
    rewind(f);
    text = malloc((size_t)size + 1);
    assert_non_null(text);
    assert_int_equal(fread(text, 1, (size_t)size, f), (size_t)size);
    text[size] = '\0';
    fclose(f);
    return text;
}
