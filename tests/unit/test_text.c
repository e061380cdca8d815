/* The text layer: the UTF-8 decoder at every boundary of RFC 3629, the escape policy for
 * each kind of unsafe character, display widths, cuts at character boundaries, and JSON
 * made safe to show. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

static void decode_is(const char *s, size_t n, size_t want_len, uint32_t want_cp)
{
    uint32_t cp = 0x12345;
    size_t len = text_decode(s, n, &cp);

    assert_int_equal(len, want_len);
    if (want_len)
        assert_int_equal(cp, want_cp);
}

static void decode_well_formed(void **state)
{
    (void)state;
    decode_is("A", 1, 1, 'A');
    decode_is("\xc3\xa9", 2, 2, 0xe9);
    decode_is("\xc2\x80", 2, 2, 0x80);
    decode_is("\xe2\x80\xae", 3, 3, 0x202e);
    decode_is("\xef\xbf\xbf", 3, 3, 0xffff);
    decode_is("\xf0\x9f\x98\x80", 4, 4, 0x1f600);
    decode_is("\xf4\x8f\xbf\xbf", 4, 4, 0x10ffff);
}

static void decode_refuses_what_is_not_utf8(void **state)
{
    (void)state;
    decode_is("\x80", 1, 0, 0);             /* a continuation byte alone */
    decode_is("\xc0\x80", 2, 0, 0);         /* overlong NUL */
    decode_is("\xc1\xbf", 2, 0, 0);         /* overlong */
    decode_is("\xe0\x80\x80", 3, 0, 0);     /* overlong */
    decode_is("\xf0\x80\x80\x80", 4, 0, 0); /* overlong */
    decode_is("\xed\xa0\x80", 3, 0, 0);     /* a UTF-16 surrogate */
    decode_is("\xf4\x90\x80\x80", 4, 0, 0); /* past U+10FFFF */
    decode_is("\xf8\x88\x80\x80\x80", 5, 0, 0);
    decode_is("\xff", 1, 0, 0);
    decode_is("\xc3", 1, 0, 0);             /* cut short by n */
    decode_is("\xe2\x80\xae", 2, 0, 0);     /* cut short by n, the byte after not read */
    decode_is("\xc3\x00", 2, 0, 0);         /* cut short by a NUL */
    decode_is("", 0, 0, 0);
}

static void escaped_is(const char *s, const char *want)
{
    char out[256], *dup = text_escape_dup(s);

    assert_string_equal(text_escape(s, out, sizeof out), want);
    assert_non_null(dup);
    assert_string_equal(dup, want);
    free(dup);
}

static void escape_policy(void **state)
{
    (void)state;
    escaped_is("plain text, caf\xc3\xa9", "plain text, caf\xc3\xa9");
    escaped_is("\x1b]0;x\x07", "\\x1b]0;x\\x07");         /* OSC: retitles the terminal */
    escaped_is("a\x7f" "b", "a\\x7fb");                    /* DEL */
    escaped_is("\xc2\x9b" "2J", "\\u009b2J");              /* C1 CSI */
    escaped_is("\xc2\x85", "\\u0085");                     /* C1 NEL */
    escaped_is("abc\xe2\x80\xae" "fdp.exe", "abc\\u202efdp.exe"); /* right-to-left override */
    escaped_is("\xe2\x81\xa6x\xe2\x81\xa9", "\\u2066x\\u2069");   /* isolates */
    escaped_is("a\xe2\x80\x8b" "b", "a\\u200bb");          /* zero width space */
    escaped_is("\xef\xbb\xbfx", "\\ufeffx");               /* byte order mark */
    escaped_is("\xe2\x80\xa8", "\\u2028");                 /* line separator */
    escaped_is("\xf3\xa0\x80\x81", "\\U000e0001");         /* a tag */
    escaped_is("\xff\xfe", "\\xff\\xfe");                  /* not UTF-8 */
    escaped_is("\xe2\x80", "\\xe2\\x80");                  /* cut short */
    escaped_is("\t\n", "\\x09\\x0a");
}

static void escape_cuts_between_units(void **state)
{
    char out[8];

    (void)state;
    /* "ab" and the 6 bytes of \u202e do not fit in 7 bytes and a NUL: the escape goes whole. */
    assert_string_equal(text_escape("ab\xe2\x80\xae", out, 8), "ab");
    assert_string_equal(text_escape("abcdef\xc3\xa9", out, 8), "abcdef");
    assert_string_equal(text_escape("abcde\xc3\xa9", out, 8), "abcde\xc3\xa9");
}

static void fputs_writes_the_escapes(void **state)
{
    char *buf = NULL;
    size_t n = 0;
    FILE *m = open_memstream(&buf, &n);

    (void)state;
    assert_non_null(m);
    assert_int_equal(text_fputs("x\x1b[2J\xc2\x9by", m), 0);
    assert_int_equal(fclose(m), 0);
    assert_string_equal(buf, "x\\x1b[2J\\u009by");
    free(buf);
}

static void widths(void **state)
{
    (void)state;
    assert_int_equal(text_width(""), 0);
    assert_int_equal(text_width("abc"), 3);
    assert_int_equal(text_width("caf\xc3\xa9"), 4);
    assert_int_equal(text_width("\xe6\x97\xa5\xe6\x9c\xac"), 4); /* two wide characters */
    assert_int_equal(text_width("e\xcc\x81"), 1);                /* a combining accent */
    assert_int_equal(text_width("\x1b"), 4);                     /* \x1b */
    assert_int_equal(text_width("\xe2\x80\xae"), 6);             /* \u202e */
    assert_int_equal(text_width("\xff"), 4);                     /* \xff */
    assert_int_equal(text_width_n("abcdef", 2), 2);
    assert_int_equal(text_char_width(0xe9), 1);
    assert_int_equal(text_char_width(0x65e5), 2);
}

static void cuts_keep_characters_whole(void **state)
{
    char dst[5];

    (void)state;
    assert_int_equal(text_cut("abc", 3, 10), 3);
    assert_int_equal(text_cut("ab\xc3\xa9", 4, 3), 2);
    assert_int_equal(text_cut("ab\xe2\x80\xae", 5, 4), 2);
    assert_int_equal(text_cut("ab\xe2\x80\xae", 5, 5), 5);
    text_copy(dst, sizeof dst, "abc\xc3\xa9", 5);
    assert_string_equal(dst, "abc");
    text_copy(dst, sizeof dst, "ab\xc3\xa9z", 5);
    assert_string_equal(dst, "ab\xc3\xa9");
}

static void check_finds_the_first_fault(void **state)
{
    size_t at = 99;

    (void)state;
    assert_int_equal(text_check("caf\xc3\xa9", false, &at), TEXT_OK);
    assert_int_equal(text_check("ab\xc3\xa9\xff", false, &at), TEXT_NOT_UTF8);
    assert_int_equal(at, 4);
    assert_int_equal(text_check("a\x1b", false, &at), TEXT_CONTROL);
    assert_int_equal(at, 2);
    assert_int_equal(text_check("\xc2\x9b", false, &at), TEXT_CONTROL);
    assert_int_equal(at, 1);
    assert_int_equal(text_check("a\x7f", false, NULL), TEXT_CONTROL);
    assert_int_equal(text_check("a\nb\tc", false, NULL), TEXT_CONTROL);
    assert_int_equal(text_check("a\nb\tc", true, NULL), TEXT_OK);
    assert_int_equal(text_check("a\rb", true, NULL), TEXT_CONTROL);
    /* Hidden characters are text: shown escaped, but kept. */
    assert_int_equal(text_check("a\xe2\x80\xae", false, NULL), TEXT_OK);
}

static void json_made_safe(void **state)
{
    char *s;

    (void)state;
    s = text_json_safe("{\n\t\"group\":\t\"EX\xe2\x80\xae" "1\",\n\t\"n\":\t\"caf\xc3\xa9\x7f\xc2\x9b\xf3\xa0\x80\x81\"\n}");
    assert_non_null(s);
    assert_string_equal(s, "{\n\t\"group\":\t\"EX\\u202e1\",\n\t\"n\":\t\"caf\xc3\xa9\\u007f\\u009b"
                           "\\udb40\\udc01\"\n}");
    free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(decode_well_formed),
        cmocka_unit_test(decode_refuses_what_is_not_utf8),
        cmocka_unit_test(escape_policy),
        cmocka_unit_test(escape_cuts_between_units),
        cmocka_unit_test(fputs_writes_the_escapes),
        cmocka_unit_test(widths),
        cmocka_unit_test(cuts_keep_characters_whole),
        cmocka_unit_test(check_finds_the_first_fault),
        cmocka_unit_test(json_made_safe),
    };

    /* Widths are the locale's: the test needs one that knows wide characters. */
    if (!setlocale(LC_ALL, "C.UTF-8"))
        return 77;
    return cmocka_run_group_tests(tests, NULL, NULL);
}
