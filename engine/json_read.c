#include "config.h"

#include "json_read.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checklist.h"
#include "i18n.h"
#include "text.h"

/* ---- messages: %1$s is always the JSON path ------------------------------------------ */

static const char *const msg_empty = N_("the checklist is empty: no JSON text");
static const char *const msg_truncated =
    N_("the JSON text ends too early, at line %1$s, column %2$s: the file is truncated");
static const char *const msg_malformed = N_("malformed JSON at line %1$s, column %2$s");
const char *const jr_msg_missing = N_("%1$s is missing");
const char *const jr_msg_string = N_("%1$s: expected a string");
const char *const jr_msg_object = N_("%1$s: expected an object");
const char *const jr_msg_array = N_("%1$s: expected an array");
static const char *const msg_tri = N_("%1$s: expected true, false or null");
static const char *const msg_uint = N_("%1$s: expected a whole number from 1 to %2$s");
static const char *const msg_ms = N_("%1$s: expected a number of milliseconds (0 or more) or null");
static const char *const msg_time = N_("%1$s: expected a UTC time like 2026-11-25T12:00:00Z");
static const char *const msg_time_null =
    N_("%1$s: expected a UTC time like 2026-11-25T12:00:00Z, or null");
static const char *const msg_long = N_("%1$s: too long, at most %2$s bytes of UTF-8");
static const char *const msg_utf8 = N_("%1$s: not valid UTF-8 text");
static const char *const msg_control = N_("%1$s: control characters are not allowed");
static const char *const msg_control_notes =
    N_("%1$s: control characters other than new line and tab are not allowed");
const char *const jr_msg_enum = N_("%1$s: unknown value, expected one of %2$s");
const char *const jr_msg_too_many = N_("%1$s: too many entries, at most %2$s");
const char *const jr_msg_nomem = N_("out of memory");

int jr_fault(struct cd_diag *d, int code, const char *path, const char *fmt, const char *a2)
{
    return diag_set(d, code, NULL, path, fmt, path, a2);
}

int jr_fault_num(struct cd_diag *d, int code, const char *path, const char *fmt, unsigned long v)
{
    char num[24];

    snprintf(num, sizeof num, "%lu", v);
    return jr_fault(d, code, path, fmt, num);
}

int jr_fault_names(struct cd_diag *d, int code, const char *path, const char *const *names)
{
    char list[CD_DIAG_ARG_MAX] = "";
    size_t n = 0;

    for (; *names && n < sizeof list; names++)
        n += (size_t)snprintf(list + n, sizeof list - n, "%s\"%s\"", n ? ", " : "", *names);
    return jr_fault(d, code, path, jr_msg_enum, list);
}

/* A rule of names.h or servers.h jr_broke (d filled, with its field): the value's path. */
int jr_broke(int rc, struct cd_diag *d, const char *path)
{
    if (rc < 0 && d) {
        if (d->code != CD_ENOMEM)
            d->code = CD_EFORMAT;
        snprintf(d->where, sizeof d->where, "%s", path);
    }
    return rc < 0 && rc != CD_ENOMEM ? CD_EFORMAT : rc;
}

/* A path too long for a diag is cut: it is only shown. */
/* Appends src to out (holding n bytes), cut to CD_DIAG_WHERE_MAX: a path is built for every
 * value read, so without printf (a third of a load's time with it). */
static size_t put(char *out, size_t n, const char *src)
{
    size_t len = strlen(src);

    if (n + len >= CD_DIAG_WHERE_MAX)
        len = CD_DIAG_WHERE_MAX - 1 - n;
    memmove(out + n, src, len);
    out[n + len] = '\0';
    return n + len;
}

void jr_key(char *out, const char *parent, const char *key)
{
    size_t n = put(out, 0, parent);

    if (*parent)
        n = put(out, n, ".");
    put(out, n, key);
}

void jr_index(char *out, const char *parent, size_t i)
{
    char num[24], *p = num + sizeof num;

    *--p = '\0';
    *--p = ']';
    do
        *--p = (char)('0' + i % 10);
    while (i /= 10);
    *--p = '[';
    put(out, put(out, 0, parent), p);
}

int jr_name_index(const char *const *names, const char *s)
{
    for (int i = 0; names[i]; i++)
        if (strcmp(names[i], s) == 0)
            return i;
    return -1;
}

/* ---- text: what the loader accepts, and the writer's repair of the rest ------------- */

/* Checks s for a field of size bytes (NUL included): the message for its fault, or NULL. */
static const char *text_fault(const char *s, size_t size, bool multiline)
{
    if (strlen(s) >= size)
        return msg_long;
    switch (text_check(s, multiline, NULL)) {
    case TEXT_NOT_UTF8:
        return msg_utf8;
    case TEXT_CONTROL:
        return msg_control;
    default:
        return NULL;
    }
}

/* Copies the field src (size bytes, maybe unterminated) into dst (size bytes), with '?' for
 * each byte text_fault() would refuse: pasted Windows text can be in a legacy code page. */
void jr_text_clean(char *dst, const char *src, size_t size, bool multiline)
{
    size_t n = strnlen(src, size - 1), o = 0, len;
    uint32_t cp;

    for (size_t i = 0; i < n; i += len) {
        len = text_decode(src + i, n - i, &cp);
        if (len == 0 || (text_is_control(cp) && !(multiline && (cp == '\n' || cp == '\t')))) {
            dst[o++] = '?';
            len = 1;
        } else {
            memcpy(dst + o, src + i, len);
            o += len;
        }
    }
    dst[o] = '\0';
}

/* ---- reading: values ---------------------------------------------------------------- */

/* The member key of obj, or NULL; path receives its JSON path. */
const cJSON *jr_member(const cJSON *obj, const char *key, const char *parent, char *path)
{
    jr_key(path, parent, key);
    return cJSON_GetObjectItemCaseSensitive(obj, key);
}

int jr_read_text(const cJSON *it, const char *path, size_t size, bool multiline, char *dst,
                 struct cd_diag *d)
{
    const char *msg;

    if (!cJSON_IsString(it))
        return jr_fault(d, CD_EFORMAT, path, jr_msg_string, NULL);
    if ((msg = text_fault(it->valuestring, size, multiline))) {
        if (msg == msg_long)
            return jr_fault_num(d, CD_EFORMAT, path, msg, size - 1);
        return jr_fault(d, CD_EFORMAT, path,
                        msg == msg_control && multiline ? msg_control_notes : msg, NULL);
    }
    memcpy(dst, it->valuestring, strlen(it->valuestring) + 1);
    return CD_OK;
}

int jr_read_name(const cJSON *it, const char *path, const char *const *names, int *index,
                 struct cd_diag *d)
{
    if (!cJSON_IsString(it))
        return jr_fault(d, CD_EFORMAT, path, jr_msg_string, NULL);
    if ((*index = jr_name_index(names, it->valuestring)) < 0)
        return jr_fault_names(d, CD_EFORMAT, path, names);
    return CD_OK;
}

/* The optional members of an object: each leaves its destination alone when absent. */

int jr_get_text(const cJSON *obj, const char *key, const char *parent, char *dst, size_t size,
                bool multiline, struct cd_diag *d)
{
    char path[CD_DIAG_WHERE_MAX];
    const cJSON *it = jr_member(obj, key, parent, path);

    return it ? jr_read_text(it, path, size, multiline, dst, d) : CD_OK;
}

/* An enumeration into *v (an int-sized enum), or, with v NULL, only its name checked. */
int jr_get_enum(const cJSON *obj, const char *key, const char *parent, const char *const *names,
                void *v, struct cd_diag *d)
{
    char path[CD_DIAG_WHERE_MAX];
    const cJSON *it = jr_member(obj, key, parent, path);
    int i, rc;

    if (!it)
        return CD_OK;
    if ((rc = jr_read_name(it, path, names, &i, d)) == CD_OK && v)
        memcpy(v, &i, sizeof i);
    return rc;
}

int jr_get_time(const cJSON *obj, const char *key, const char *parent, bool nullable, bool required,
                time_t *t, struct cd_diag *d)
{
    char path[CD_DIAG_WHERE_MAX];
    const cJSON *it = jr_member(obj, key, parent, path);
    time_t v;

    if (!it)
        return required ? jr_fault(d, CD_EFORMAT, path, jr_msg_missing, NULL) : CD_OK;
    if (nullable && cJSON_IsNull(it)) {
        *t = 0;
        return CD_OK;
    }
    v = cJSON_IsString(it) ? checklist_time_parse(it->valuestring) : -1;
    if (v < 0)
        return jr_fault(d, CD_EFORMAT, path, nullable ? msg_time_null : msg_time, NULL);
    *t = v;
    return CD_OK;
}

int jr_get_tri(const cJSON *obj, const char *key, const char *parent, enum tri *t,
               struct cd_diag *d)
{
    char path[CD_DIAG_WHERE_MAX];
    const cJSON *it = jr_member(obj, key, parent, path);

    if (!it)
        return CD_OK;
    if (!cJSON_IsBool(it) && !cJSON_IsNull(it))
        return jr_fault(d, CD_EFORMAT, path, msg_tri, NULL);
    *t = cJSON_IsNull(it) ? TRI_UNKNOWN : cJSON_IsTrue(it) ? TRI_YES : TRI_NO;
    return CD_OK;
}

int jr_get_uint(const cJSON *obj, const char *key, const char *parent, unsigned max, unsigned *v,
                struct cd_diag *d)
{
    char path[CD_DIAG_WHERE_MAX];
    const cJSON *it = jr_member(obj, key, parent, path);
    double x;

    if (!it)
        return CD_OK;
    x = cJSON_IsNumber(it) ? it->valuedouble : 0;
    if (x < 1 || x > max || x != (unsigned)x) /* the cast is safe once in range */
        return jr_fault_num(d, CD_EFORMAT, path, msg_uint, max);
    *v = (unsigned)x;
    return CD_OK;
}

int jr_get_ms(const cJSON *obj, const char *key, const char *parent, double *v, struct cd_diag *d)
{
    char path[CD_DIAG_WHERE_MAX];
    const cJSON *it = jr_member(obj, key, parent, path);

    if (!it)
        return CD_OK;
    if (cJSON_IsNull(it))
        *v = -1;
    else if (cJSON_IsNumber(it) && isfinite(it->valuedouble) && it->valuedouble >= 0)
        *v = it->valuedouble;
    else
        return jr_fault(d, CD_EFORMAT, path, msg_ms, NULL);
    return CD_OK;
}

/* An optional object member: *out NULL when absent. */
int jr_get_object(const cJSON *obj, const char *key, const char *parent, char *path,
                  const cJSON **out, struct cd_diag *d)
{
    *out = jr_member(obj, key, parent, path);
    if (*out && !cJSON_IsObject(*out))
        return jr_fault(d, CD_EFORMAT, path, jr_msg_object, NULL);
    return CD_OK;
}

/* An optional array member of at most max entries: *out NULL when absent. */
int jr_get_array(const cJSON *obj, const char *key, const char *parent, size_t max, char *path,
                 const cJSON **out, struct cd_diag *d)
{
    *out = jr_member(obj, key, parent, path);
    if (!*out)
        return CD_OK;
    if (!cJSON_IsArray(*out))
        return jr_fault(d, CD_EFORMAT, path, jr_msg_array, NULL);
    if ((size_t)cJSON_GetArraySize(*out) > max)
        return jr_fault_num(d, CD_EFORMAT, path, jr_msg_too_many, max);
    return CD_OK;
}

/* An array of strings of size bytes each: only checked (derived values, or kept in dst). */
int jr_get_strings(const cJSON *obj, const char *key, const char *parent, size_t max, size_t size,
                   char (*dst)[NAMES_FQDN_SIZE], size_t *n, struct cd_diag *d)
{
    char path[CD_DIAG_WHERE_MAX], ipath[CD_DIAG_WHERE_MAX], buf[CHECKLIST_NOTES];
    const cJSON *arr, *it;
    size_t i = 0;
    int rc;

    if ((rc = jr_get_array(obj, key, parent, max, path, &arr, d)) < 0 || !arr)
        return rc;
    cJSON_ArrayForEach(it, arr)
    {
        jr_index(ipath, path, i);
        if ((rc = jr_read_text(it, ipath, size, false, dst ? dst[i] : buf, d)) < 0)
            return rc;
        i++;
    }
    if (n)
        *n = i;
    return CD_OK;
}

/* ---- the JSON text: where a parse fails ------------------------------------------------- */

static void line_col(const char *text, size_t pos, char *line, char *col)
{
    unsigned long l = 1, c = 1;

    for (size_t i = 0; i < pos; i++) {
        if (text[i] == '\n') {
            l++;
            c = 1;
        } else if (((unsigned char)text[i] & 0xc0) != 0x80) { /* characters, not bytes */
            c++;
        }
    }
    snprintf(line, 24, "%lu", l);
    snprintf(col, 24, "%lu", c);
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* s (n bytes) is the beginning of word, or of a number, and no more. */
static bool is_cut_token(const char *s, size_t n)
{
    static const char *const words[] = {"true", "false", "null"};
    size_t i = 0;

    for (size_t w = 0; w < sizeof words / sizeof words[0]; w++)
        if (n < strlen(words[w]) && strncmp(s, words[w], n) == 0)
            return true;
    while (i < n && strchr("0123456789+-.eE", s[i]) && s[i])
        i++;
    return i == n;
}

/* The state of the JSON text just before offset end, for placing cJSON's errors. */
struct scan {
    bool in_string; /* inside a string that began at string_start */
    size_t string_start;
    bool key_expected; /* in an object, after "{" or "," */
};

static void scan_to(const char *text, size_t end, struct scan *s)
{
    char stack[CJSON_NESTING_LIMIT + 1]; /* deeper text fails in cJSON anyway */
    size_t depth = 0;
    char last = 0;

    s->in_string = false;
    for (size_t i = 0; i < end; i++) {
        char c = text[i];

        if (s->in_string) {
            if (c == '\\')
                i++; /* the escaped character */
            else if (c == '"')
                s->in_string = false;
        } else if (c == '"') {
            s->in_string = true;
            s->string_start = i;
        } else if ((c == '{' || c == '[') && depth < sizeof stack) {
            stack[depth++] = c;
        } else if ((c == '}' || c == ']') && depth > 0) {
            depth--;
        }
        if (!s->in_string && !is_space(c))
            last = c;
    }
    s->key_expected =
        !s->in_string && depth > 0 && stack[depth - 1] == '{' && (last == '{' || last == ',');
}

/* Where a failed parse went wrong, or len when the text ends too early. cJSON reports the
 * end of input and an error on the last character alike, so the text is parsed again with
 * a sentinel that no JSON can hold after it: stopping there means the text ran out. */
static size_t error_at(const char *text, size_t len)
{
    char *copy = malloc(len + 2);
    const char *end = NULL;
    struct scan s;
    size_t pos;

    if (!copy)
        return 0;
    memcpy(copy, text, len);
    memcpy(copy + len, "#", 2);
    cJSON_Delete(cJSON_ParseWithLengthOpts(copy, len + 1, &end, 0));
    pos = end ? (size_t)(end - copy) : 0;
    free(copy);
    if (pos >= len)
        return len;
    /* A literal or a number cut short ("tru", "-") fails at its first character. */
    if (is_cut_token(text + pos, len - pos))
        return len;
    /* A string that fails, unterminated or where a key should be, is reported one past
     * its first character. */
    scan_to(text, len, &s);
    if (s.in_string && pos == s.string_start + 1)
        return len;
    if (pos > 0) {
        scan_to(text, pos - 1, &s);
        if (s.key_expected && text[pos - 1] != '"')
            return pos - 1;
    }
    return pos;
}

static bool is_blank(const char *text, size_t len)
{
    size_t i = len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0 ? 3 : 0; /* UTF-8 BOM */

    while (i < len && is_space(text[i]))
        i++;
    return i == len;
}

/* cJSON cannot tell out of memory from a syntax error: its allocations are watched. */
static bool parse_oom;

static void *parse_malloc(size_t n)
{
    void *p = malloc(n);

    if (!p)
        parse_oom = true;
    return p;
}

/* True at a "\u0000" escape (text[i] is its backslash, not itself escaped). */
static bool is_nul_escape(const char *text, size_t i, size_t len)
{
    size_t k = 0;

    if (len - i < 6 || text[i] != '\\' || text[i + 1] != 'u' || strncmp(text + i + 2, "0000", 4))
        return false;
    while (k < i && text[i - 1 - k] == '\\')
        k++;
    return k % 2 == 0;
}

/* cJSON ends a string at a decoded \u0000 and drops the rest ("al\u0000ice; rm" reads
 * as "al"): the escape becomes \u0001 in a copy, a control character every text field
 * refuses by name (and no name of an enumeration holds). The same length, so places in
 * messages stay right. NULL when there is none, or out of memory (*oom then). */
static char *without_nul_escapes(const char *text, size_t len, bool *oom)
{
    size_t i = 0;
    char *copy;

    while (i + 6 <= len && !is_nul_escape(text, i, len))
        i++;
    if (i + 6 > len)
        return NULL;
    if (!(copy = malloc(len + 1))) {
        *oom = true;
        return NULL;
    }
    memcpy(copy, text, len);
    copy[len] = '\0';
    for (; i + 6 <= len; i++)
        if (is_nul_escape(copy, i, len))
            copy[i + 5] = '1';
    return copy;
}

int jr_parse(const char *text, size_t len, cJSON **root, struct cd_diag *d)
{
    const char *end = NULL, *nul = len ? memchr(text, '\0', len) : NULL;
    cJSON_Hooks hooks = {parse_malloc, free};
    bool oom = false;
    char line[24], col[24], *copy;
    size_t pos;

    *root = NULL;
    if (len == 0 || is_blank(text, len))
        return jr_fault(d, CD_EFORMAT, "", msg_empty, NULL);
    copy = nul ? NULL : without_nul_escapes(text, len, &oom);
    if (oom)
        return diag_set(d, CD_ENOMEM, NULL, "", jr_msg_nomem, NULL, NULL);
    if (copy)
        text = copy;
    /* cJSON would stop a string at a NUL and take the rest for its end. */
    if (nul) {
        pos = (size_t)(nul - text);
    } else {
        parse_oom = false;
        cJSON_InitHooks(&hooks);
        *root = cJSON_ParseWithLengthOpts(text, len, &end, 0);
        cJSON_InitHooks(NULL);
        pos = end ? (size_t)(end - text) : 0;
        if (!*root && parse_oom) { /* not the text's fault: it is not "malformed" */
            free(copy);
            return diag_set(d, CD_ENOMEM, NULL, "", jr_msg_nomem, NULL, NULL);
        }
    }
    if (!*root) {
        if (!nul)
            pos = error_at(text, len);
        line_col(text, pos, line, col);
        free(copy);
        return diag_set(d, CD_EFORMAT, NULL, "", pos == len ? msg_truncated : msg_malformed, line,
                        col);
    }
    while (pos < len && is_space(text[pos]))
        pos++;
    if (pos < len) { /* something after the document */
        cJSON_Delete(*root);
        *root = NULL;
        line_col(text, pos, line, col);
        free(copy);
        return diag_set(d, CD_EFORMAT, NULL, "", msg_malformed, line, col);
    }
    free(copy);
    return CD_OK;
}
