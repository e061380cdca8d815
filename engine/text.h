/* The one text layer: UTF-8 decoding, display width, and the escape policy for text that
 * comes from outside (arguments, files, pasted text, DNS replies, nsupdate's output).
 *
 * Text is UTF-8 (RFC 3629: no overlong forms, no UTF-16 surrogates, nothing past
 * U+10FFFF). A character is unsafe to show as it is when it is a control character (C0,
 * DEL, C1 including U+009B CSI) or a hidden one (bidirectional controls such as U+202E,
 * zero-width and other format characters, line and paragraph separators, the byte order
 * mark, tags): they can move the cursor, retitle the terminal, or make text read other
 * than it is (CVE-2021-42574). The policy shows each of them, and each byte that is not
 * UTF-8, as an ASCII escape: \xHH for C0, DEL and bytes that are not text, \uXXXX (or
 * \UXXXXXXXX) for the others. Data keeps its characters; only what is shown is escaped.
 *
 * Widths are display columns in the current locale (wcwidth), as the terminal counts
 * them; a character the locale does not know counts one. No allocation except in
 * text_escape_dup(); no curses. */
#ifndef CLUSTERDNS_ENGINE_TEXT_H
#define CLUSTERDNS_ENGINE_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define TEXT_INVALID 0xffffffffu /* text_unit.cp of a byte that starts no character */
#define TEXT_ESC_SIZE 12         /* "\U000e0001" and its NUL */

/* The character at s (n bytes left): its length in bytes (1 to 4) with *cp, or 0 when the
 * bytes at s start no well-formed sequence (or n is 0). Never reads past s[n - 1], nor past
 * a NUL: in a NUL-terminated string, n may be 4 whatever is left. */
size_t text_decode(const char *s, size_t n, uint32_t *cp);

/* cp (at most U+10FFFF) as UTF-8 into out; returns its length (1 to 4). */
size_t text_encode(uint32_t cp, char out[4]);

/* C0 (U+0000 to U+001F), DEL and C1 (U+0080 to U+009F). */
bool text_is_control(uint32_t cp);
/* Bidirectional controls, zero-width and other format characters, separators: characters
 * that show as nothing, or change how the text around them reads. */
bool text_is_hidden(uint32_t cp);
/* Shown as itself: neither of the above. */
bool text_is_safe(uint32_t cp);

/* Columns of a safe character in the current locale: 0 (combining), 1 or 2; 1 when the
 * locale does not know it. */
int text_char_width(uint32_t cp);

/* Columns of the character cp as shown: its escape's when it is unsafe. */
int text_shown_width(uint32_t cp);

/* One unit of text as shown: a safe character, or the escape of an unsafe character or of
 * a byte that is not UTF-8. */
struct text_unit {
    size_t len;    /* bytes of the source it covers, at least 1 */
    uint32_t cp;   /* the character, or TEXT_INVALID */
    bool escaped;  /* shown as esc, not as the source's bytes */
    char esc[TEXT_ESC_SIZE];
    int width;     /* columns of what is shown */
};

/* The unit at s (n > 0 bytes left) into *u; returns u->len. */
size_t text_next(const char *s, size_t n, struct text_unit *u);

/* Columns of s (NUL-terminated) as shown, escapes counted. */
int text_width(const char *s);
/* The same for the first n bytes of s. */
int text_width_n(const char *s, size_t n);

/* s as shown into dst (size n > 0), always terminated, cut before the first unit that does
 * not fit whole; returns dst. */
char *text_escape(const char *s, char *dst, size_t n);
/* The same, malloc'ed whole; NULL when out of memory. */
char *text_escape_dup(const char *s);
/* Writes s as shown to f; EOF on a write error, else 0. */
int text_fputs(const char *s, FILE *f);

/* The longest prefix of s[0..len) of at most max bytes that ends between two characters
 * (a continuation byte never starts the cut-off part). */
size_t text_cut(const char *s, size_t len, size_t max);
/* Copies src[0..len) into dst (size bytes, > 0), cut by text_cut to fit, terminated. */
void text_copy(char *dst, size_t size, const char *src, size_t len);

/* What a text field can hold: the first fault of s, and where it is in characters
 * (1-based) when at is not NULL. Multiline text may hold new lines and tabs. */
enum text_fault { TEXT_OK, TEXT_NOT_UTF8, TEXT_CONTROL };
enum text_fault text_check(const char *s, bool multiline, size_t *at);

/* JSON text (as cJSON prints it: UTF-8, C0 already escaped) with every other unsafe
 * character written as a \uXXXX escape (a surrogate pair past U+FFFF): the same document,
 * safe to show on a terminal. malloc'ed; NULL when out of memory. */
char *text_json_safe(const char *json);

#endif
