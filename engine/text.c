#include "config.h"

#include "text.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

size_t text_decode(const char *s, size_t n, uint32_t *cp)
{
    const unsigned char *p = (const unsigned char *)s;
    uint32_t c, min;
    size_t len;

    if (n == 0)
        return 0;
    if (p[0] < 0x80) {
        *cp = p[0];
        return 1;
    }
    if (p[0] >= 0xc2 && p[0] <= 0xdf)
        len = 2, c = p[0] & 0x1fu, min = 0x80;
    else if (p[0] >= 0xe0 && p[0] <= 0xef)
        len = 3, c = p[0] & 0x0fu, min = 0x800;
    else if (p[0] >= 0xf0 && p[0] <= 0xf4)
        len = 4, c = p[0] & 0x07u, min = 0x10000;
    else
        return 0; /* a continuation byte, 0xc0, 0xc1 (always overlong), 0xf5 and up */
    if (len > n)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((p[i] & 0xc0) != 0x80) /* also stops at a NUL */
            return 0;
        c = c << 6 | (p[i] & 0x3fu);
    }
    if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
        return 0;
    *cp = c;
    return len;
}

size_t text_encode(uint32_t c, char out[4])
{
    if (c < 0x80) {
        out[0] = (char)c;
        return 1;
    }
    if (c < 0x800) {
        out[0] = (char)(0xc0 | c >> 6);
        out[1] = (char)(0x80 | (c & 0x3f));
        return 2;
    }
    if (c < 0x10000) {
        out[0] = (char)(0xe0 | c >> 12);
        out[1] = (char)(0x80 | (c >> 6 & 0x3f));
        out[2] = (char)(0x80 | (c & 0x3f));
        return 3;
    }
    out[0] = (char)(0xf0 | c >> 18);
    out[1] = (char)(0x80 | (c >> 12 & 0x3f));
    out[2] = (char)(0x80 | (c >> 6 & 0x3f));
    out[3] = (char)(0x80 | (c & 0x3f));
    return 4;
}

bool text_is_control(uint32_t cp)
{
    return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f);
}

bool text_is_hidden(uint32_t cp)
{
    /* Unicode's format characters (Cf) that a terminal draws as nothing or that reorder
     * the text, and the two separators (Zl, Zp) that break a line where none is. */
    static const struct {
        uint32_t lo, hi;
    } ranges[] = {
        {0x00ad, 0x00ad},   /* soft hyphen */
        {0x061c, 0x061c},   /* Arabic letter mark */
        {0x180e, 0x180e},   /* Mongolian vowel separator */
        {0x200b, 0x200f},   /* zero width space, joiners, left-to-right and right-to-left marks */
        {0x2028, 0x202e},   /* separators; embeddings and overrides (U+202E) */
        {0x2060, 0x2064},   /* word joiner, invisible operators */
        {0x2066, 0x206f},   /* isolates, deprecated format characters */
        {0xfeff, 0xfeff},   /* byte order mark, zero width no-break space */
        {0xfff9, 0xfffb},   /* interlinear annotation */
        {0x1d173, 0x1d17a}, /* musical format characters */
        {0xe0000, 0xe007f}, /* tags */
    };

    for (size_t i = 0; i < sizeof ranges / sizeof ranges[0]; i++)
        if (cp >= ranges[i].lo && cp <= ranges[i].hi)
            return true;
    return false;
}

bool text_is_safe(uint32_t cp)
{
    return !text_is_control(cp) && !text_is_hidden(cp);
}

int text_char_width(uint32_t cp)
{
    /* glibc's wchar_t is UCS-4 in every locale; wcwidth says -1 where the locale does not
     * know the character. */
    int w = wcwidth((wchar_t)cp);

    return w < 0 ? 1 : w;
}

size_t text_next(const char *s, size_t n, struct text_unit *u)
{
    uint32_t cp;
    size_t len = text_decode(s, n, &cp);

    u->escaped = false;
    u->esc[0] = '\0';
    if (len == 0) {
        u->len = 1;
        u->cp = TEXT_INVALID;
        u->escaped = true;
        snprintf(u->esc, sizeof u->esc, "\\x%02x", (unsigned char)s[0]);
    } else {
        u->len = len;
        u->cp = cp;
        if (cp < 0x20 || cp == 0x7f) {
            u->escaped = true;
            snprintf(u->esc, sizeof u->esc, "\\x%02x", (unsigned)cp);
        } else if (!text_is_safe(cp)) {
            u->escaped = true;
            snprintf(u->esc, sizeof u->esc, cp > 0xffff ? "\\U%08x" : "\\u%04x", (unsigned)cp);
        }
    }
    u->width = u->escaped ? (int)strlen(u->esc) : text_char_width(u->cp);
    return u->len;
}

int text_shown_width(uint32_t cp)
{
    struct text_unit u;
    char enc[4];

    if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
        return 4; /* no character: as a byte that is not text */
    text_next(enc, text_encode(cp, enc), &u);
    return u.width;
}

int text_width_n(const char *s, size_t n)
{
    struct text_unit u;
    int w = 0;

    for (size_t i = 0; i < n; i += u.len) {
        text_next(s + i, n - i, &u);
        w += u.width;
    }
    return w;
}

int text_width(const char *s)
{
    return text_width_n(s, strlen(s));
}

char *text_escape(const char *s, char *dst, size_t n)
{
    size_t len = strlen(s), o = 0;
    struct text_unit u;

    for (size_t i = 0; i < len; i += u.len) {
        const char *add;
        size_t k;

        text_next(s + i, len - i, &u);
        add = u.escaped ? u.esc : s + i;
        k = u.escaped ? strlen(u.esc) : u.len;
        if (o + k >= n)
            break;
        memcpy(dst + o, add, k);
        o += k;
    }
    dst[o] = '\0';
    return dst;
}

char *text_escape_dup(const char *s)
{
    size_t len = strlen(s), need = 1;
    struct text_unit u;
    char *out;

    for (size_t i = 0; i < len; i += u.len) {
        text_next(s + i, len - i, &u);
        need += u.escaped ? strlen(u.esc) : u.len;
    }
    if (!(out = malloc(need)))
        return NULL;
    return text_escape(s, out, need);
}

int text_fputs(const char *s, FILE *f)
{
    size_t len = strlen(s);
    struct text_unit u;

    for (size_t i = 0; i < len; i += u.len) {
        text_next(s + i, len - i, &u);
        if (u.escaped ? fputs(u.esc, f) == EOF : fwrite(s + i, 1, u.len, f) != u.len)
            return EOF;
    }
    return 0;
}

size_t text_cut(const char *s, size_t len, size_t max)
{
    if (len <= max)
        return len;
    while (max > 0 && ((unsigned char)s[max] & 0xc0) == 0x80)
        max--;
    return max;
}

void text_copy(char *dst, size_t size, const char *src, size_t len)
{
    len = text_cut(src, len, size - 1);
    memcpy(dst, src, len);
    dst[len] = '\0';
}

enum text_fault text_check(const char *s, bool multiline, size_t *at)
{
    size_t n = strlen(s), chars = 0, len;
    uint32_t cp;

    for (size_t i = 0; i < n; i += len) {
        chars++;
        if (at)
            *at = chars;
        if ((len = text_decode(s + i, n - i, &cp)) == 0)
            return TEXT_NOT_UTF8;
        if (text_is_control(cp) && !(multiline && (cp == '\n' || cp == '\t')))
            return TEXT_CONTROL;
    }
    if (at)
        *at = 0;
    return TEXT_OK;
}

/* Writes json made safe into out, or only counts when out is NULL; returns the length. */
static size_t json_safe(const char *json, size_t n, char *out)
{
    char esc[TEXT_ESC_SIZE + 6];
    size_t o = 0, len, k;
    uint32_t cp;

    for (size_t i = 0; i < n; i += len) {
        const char *add = json + i;

        if ((len = text_decode(json + i, n - i, &cp)) == 0) {
            len = k = 1; /* not from cJSON; kept as it is */
        } else if ((cp < 0x80 && cp != 0x7f) || text_is_safe(cp)) {
            /* cJSON escapes C0 in strings; outside them it writes only new lines and tabs */
            k = len;
        } else if (cp > 0xffff) {
            cp -= 0x10000;
            k = (size_t)snprintf(esc, sizeof esc, "\\u%04x\\u%04x", 0xd800 + (unsigned)(cp >> 10),
                                 0xdc00 + (unsigned)(cp & 0x3ff));
            add = esc;
        } else {
            k = (size_t)snprintf(esc, sizeof esc, "\\u%04x", (unsigned)cp);
            add = esc;
        }
        if (out)
            memcpy(out + o, add, k);
        o += k;
    }
    return o;
}

char *text_json_safe(const char *json)
{
    size_t n = strlen(json), need = json_safe(json, n, NULL);
    char *out = malloc(need + 1);

    if (!out)
        return NULL;
    json_safe(json, n, out);
    out[need] = '\0';
    return out;
}
