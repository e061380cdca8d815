/* The lines of a pasted text, cleaned once for every reader.
 *
 * A line ends at LF, CRLF or a lone CR. The text is UTF-8; UTF-16 with its byte order
 * mark (what PowerShell's ">" writes) is converted first, and a leading UTF-8 byte order
 * mark is skipped. In each line:
 *   - a byte that starts no valid UTF-8 sequence becomes U+FFFD;
 *   - a tab becomes spaces up to the next multiple of 8 columns (columns are characters,
 *     as cluster.exe and PowerShell count them);
 *   - no-break spaces (U+00A0, U+202F, French text puts them before colons) are spaces;
 *   - HTML character references ("&#322;", "&#x142;", "&amp;", "&lt;", "&gt;", "&quot;",
 *     "&apos;", "&nbsp;") are the characters they stand for: a paste copied from a web page's
 *     source, or a forum that escaped what it could not store, never printed them so;
 *   - other control characters (C0, DEL, C1) and byte order marks are dropped;
 *   - leading spaces go, then any quoting prefix made of ">", "|", "#" and Markdown's bold
 *     "**", each with one space after it or not ("> ", "> > ", "| ", "#", "** "), then
 *     leading spaces again: mail replies, Markdown and comments indent a paste as a whole,
 *     and the readers count columns from the first character of a line (cluster.exe and
 *     PowerShell start their tables at the left margin);
 *   - trailing spaces go, and a bold line's closing "**". */
#include "config.h"

#include "import_priv.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

size_t imp_utf8_decode(const char *s, uint32_t *cp)
{
    size_t len = text_decode(s, 4, cp); /* stops at the NUL */

    if (len == 0) {
        *cp = 0xfffd;
        len = 1;
    }
    return len;
}

size_t imp_utf8_count(const char *s, size_t n)
{
    size_t i, k = 0;

    for (i = 0; i < n; i++)
        k += ((unsigned char)s[i] & 0xc0) != 0x80;
    return k;
}

void imp_copy(char *dst, size_t size, const char *src, size_t n)
{
    while (n && *src == ' ')
        src++, n--;
    while (n && src[n - 1] == ' ')
        n--;
    text_copy(dst, size, src, n);
}

void imp_encode(char *dst, size_t size, const uint32_t *c, size_t a, size_t b)
{
    size_t w = 0, k;
    char enc[4];

    while (a < b && c[a] == ' ')
        a++;
    while (b > a && c[b - 1] == ' ')
        b--;
    for (; a < b; a++) {
        k = text_encode(c[a], enc);
        if (w + k >= size)
            break;
        memcpy(dst + w, enc, k);
        w += k;
    }
    dst[w] = '\0';
}

/* UTF-16 (LE or BE, after its mark) to UTF-8; unpaired surrogates become U+FFFD. */
static char *from_utf16(const unsigned char *p, size_t len, bool be, size_t *out_len)
{
    char *out = malloc(len / 2 * 3 + 4), *o = out;
    size_t i;

    if (!out)
        return NULL;
    for (i = 0; i + 1 < len; i += 2) {
        uint32_t u = be ? (uint32_t)(p[i] << 8 | p[i + 1]) : (uint32_t)(p[i + 1] << 8 | p[i]);

        if (u >= 0xd800 && u <= 0xdbff && i + 3 < len) {
            uint32_t lo = be ? (uint32_t)(p[i + 2] << 8 | p[i + 3])
                             : (uint32_t)(p[i + 3] << 8 | p[i + 2]);

            if (lo >= 0xdc00 && lo <= 0xdfff) {
                u = 0x10000 + ((u - 0xd800) << 10) + (lo - 0xdc00);
                i += 2;
            }
        }
        if (u >= 0xd800 && u <= 0xdfff)
            u = 0xfffd;
        o += text_encode(u, o);
    }
    *out_len = (size_t)(o - out);
    return out;
}

/* An HTML character reference at s (n bytes): its code point in *c and its length, or 0. */
static size_t html_reference(const char *s, size_t n, uint32_t *c)
{
    static const struct {
        const char *name;
        uint32_t c;
    } named[] = {{"&amp;", '&'},  {"&lt;", '<'},    {"&gt;", '>'},
                 {"&quot;", '"'}, {"&apos;", '\''}, {"&nbsp;", 0xa0}};
    size_t i, k;
    uint32_t v = 0;
    bool hex;

    if (n < 4 || s[0] != '&')
        return 0;
    if (s[1] != '#') {
        for (i = 0; i < sizeof named / sizeof named[0]; i++) {
            k = strlen(named[i].name);
            if (k <= n && memcmp(s, named[i].name, k) == 0) {
                *c = named[i].c;
                return k;
            }
        }
        return 0;
    }
    hex = s[2] == 'x' || s[2] == 'X';
    for (i = hex ? 3 : 2; i < n && i < 10 && isxdigit((unsigned char)s[i]); i++) {
        if (!hex && !isdigit((unsigned char)s[i]))
            return 0;
        v = v * (hex ? 16 : 10) + (uint32_t)(isdigit((unsigned char)s[i])
                                                 ? s[i] - '0'
                                                 : (tolower((unsigned char)s[i]) - 'a' + 10));
    }
    if (i == (hex ? 3u : 2u) || i >= n || s[i] != ';' || v == 0 || v > 0x10ffff ||
        (v >= 0xd800 && v <= 0xdfff))
        return 0;
    *c = v;
    return i + 1;
}

static bool dropped(uint32_t c)
{
    return (text_is_control(c) && c != '\t') || c == 0xfeff;
}

/* Cleans the line at text[*i, end) into o (room for 8 bytes per input byte); returns the
 * bytes written. Advances *i past the line and its end. */
static size_t clean_line(const char *text, size_t end, size_t *i, char *o, size_t *indent)
{
    size_t w = 0, col = 0, k, lead, start;
    uint32_t c;
    char enc[4];
    bool bold = false;

    while (*i < end && text[*i] != '\n' && text[*i] != '\r') {
        if (text[*i] == '\0') { /* a NUL byte: dropped, like other control characters */
            ++*i;
            continue;
        }
        if ((k = html_reference(text + *i, end - *i, &c)) != 0) {
            *i += k;
        } else {
            /* The text need not end with a NUL: decode from a terminated copy. */
            char seq[5] = {0};
            size_t k2 = end - *i < 4 ? end - *i : 4;

            memcpy(seq, text + *i, k2);
            *i += imp_utf8_decode(seq, &c);
        }
        if (c == '\t') {
            do
                o[w++] = ' ';
            while (++col % 8);
            continue;
        }
        if (c == 0xa0 || c == 0x202f)
            c = ' ';
        if (dropped(c))
            continue;
        k = text_encode(c, enc);
        memcpy(o + w, enc, k);
        w += k;
        col++;
    }
    if (*i < end && text[*i] == '\r')
        ++*i;
    if (*i < end && text[*i] == '\n')
        ++*i;
    /* Leading spaces, quoting prefixes, spaces again; then trailing spaces. */
    for (lead = 0; lead < w && o[lead] == ' '; lead++)
        ;
    start = lead;
    while (start < w && (o[start] == '>' || o[start] == '|' || o[start] == '#' ||
                         (o[start] == '*' && start + 1 < w && o[start + 1] == '*'))) {
        if (o[start] == '*') {
            bold = true;
            start++;
        }
        start++;
        if (start < w && o[start] == ' ')
            start++;
    }
    *indent = lead;
    if (start > lead) {
        size_t q = start;

        while (start < w && o[start] == ' ')
            start++;
        *indent = start - q;
    }
    while (w > start && o[w - 1] == ' ')
        w--;
    if (bold && w >= start + 2 && o[w - 1] == '*' && o[w - 2] == '*') {
        w -= 2;
        while (w > start && o[w - 1] == ' ')
            w--;
    }
    /* A comment box: "# text #", "| cell |" */
    if (start > lead && w > start + 1 && o[w - 1] == o[lead] && o[w - 2] == ' ') {
        w -= 2;
        while (w > start && o[w - 1] == ' ')
            w--;
    }
    memmove(o, o + start, w - start);
    return w - start;
}

int imp_lines_split(struct imp_ctx *c, const char *text, size_t len)
{
    const unsigned char *u = (const unsigned char *)text;
    char *conv = NULL, *o;
    size_t i = 0, cap = 16, w, indent;

    if (len >= 2 && ((u[0] == 0xff && u[1] == 0xfe) || (u[0] == 0xfe && u[1] == 0xff))) {
        conv = from_utf16(u + 2, len - 2, u[0] == 0xfe, &len);
        if (!conv)
            return CD_ENOMEM;
        text = conv;
    } else if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0) {
        i = 3;
    }
    /* A tab can become 8 spaces; any other byte at most 3 (U+FFFD). */
    c->buf = malloc(len * 8 + 1);
    c->lines = malloc(cap * sizeof *c->lines);
    if (!c->buf || !c->lines)
        goto oom;
    o = c->buf;
    c->n = 0;
    while (i < len) {
        if (c->n == cap) {
            struct imp_line *l = realloc(c->lines, 2 * cap * sizeof *l);

            if (!l)
                goto oom;
            c->lines = l;
            cap *= 2;
        }
        w = clean_line(text, len, &i, o, &indent);
        o[w] = '\0';
        c->lines[c->n] = (struct imp_line){
            .s = o, .no = c->n + 1, .len = w, .indent = indent, .state = IMP_FREE};
        c->n++;
        o += w + 1;
    }
    free(conv);
    return CD_OK;
oom:
    free(conv);
    imp_lines_free(c);
    return CD_ENOMEM;
}

void imp_lines_free(struct imp_ctx *c)
{
    free(c->buf);
    free(c->lines);
    c->buf = NULL;
    c->lines = NULL;
    c->n = 0;
}

/* ---- prompts and command lines --------------------------------------------------------- */

/* "C:\>", "C:\Users\x>", "PS C:\x>", "PS>": returns the text after the prompt, or NULL. */
static const char *after_prompt(const char *s)
{
    const char *gt;

    if (strncmp(s, "PS ", 3) == 0 || strncmp(s, "PS>", 3) == 0) {
        gt = strchr(s + 2, '>');
        return gt ? gt + 1 : NULL;
    }
    if (isalpha((unsigned char)s[0]) && s[1] == ':' &&
        (s[2] == '\\' || s[2] == '/' || s[2] == '>')) {
        gt = strchr(s, '>');
        return gt ? gt + 1 : NULL;
    }
    return NULL;
}

/* Commands as typed. "cluster" only in lower or upper case: "Cluster Group NODEA Online" is
 * a row of `cluster group` whose spacing a mail client collapsed. */
static const char *const commands[] = {
    "ipconfig", "IPCONFIG", "netsh", "NETSH", "cluster", "CLUSTER", "cluster.exe", "findstr",
    "powershell", "pwsh", "nslookup", "wmic",
};

static bool word_is(const char *s, const char *w)
{
    size_t n = strlen(w);

    return strncmp(s, w, n) == 0 && (s[n] == ' ' || s[n] == '\0');
}

bool imp_command_line(const char *s)
{
    const char *rest = after_prompt(s);
    size_t i;

    if (rest || strncmp(s, "```", 3) == 0 || strncmp(s, "~~~", 3) == 0)
        return true; /* a prompt, or a Markdown fence */
    /* A table row pads its cells: a command line has no run of two spaces. */
    if (strstr(s, "  "))
        return false;
    /* PowerShell: Verb-Noun, possibly piped. */
    if ((strncasecmp(s, "Get-", 4) == 0 || strncasecmp(s, "Set-", 4) == 0) &&
        isalpha((unsigned char)s[4]))
        return true;
    for (i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (word_is(s, commands[i]))
            return true;
    /* user@host:~$ command */
    {
        const char *at = strchr(s, '@'), *dollar = strstr(s, "$ ");

        if (at && dollar && at < dollar && !memchr(s, ' ', (size_t)(at - s)))
            return true;
    }
    return false;
}
