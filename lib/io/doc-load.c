/*
 * The JSON loader of the ISMS document, format libisms/1 (lib/io/libisms-1.schema.json):
 * isms_document_parse() and isms_document_load().
 *
 * Loading goes in four steps:
 *  1. limits and encoding: the size limit, a UTF-8 byte order mark (skipped), and one pass
 *     over the bytes (prescan) that checks the UTF-8 and the nesting depth, so that jansson
 *     never sees text deeper than the limit and both errors have a position;
 *  2. jansson parses the text (duplicate keys rejected); its syntax errors keep their text,
 *     pointed at the start of the token it names. Because jansson reports some of its
 *     allocation failures as syntax errors, a small validator (json_fault) tells the two
 *     apart on that error path;
 *  3. the tree is walked in the schema's terms, building the document through the public
 *     API of the document and the core modules, so that their checks apply (an argument the
 *     core calls invalid, ISMS_EINVAL, is content of the document that cannot be: ISMS_EPARSE
 *     here). Whatever that API can hold loads, so that every saved document loads again:
 *     levels off the matrix's scales, risks not assessed, one residual level, empty titles,
 *     targets and prerequisites that name nothing, prerequisites that form a cycle (among
 *     open actions too) are kept (lint reports them, as for a table import; ordering such a
 *     plan names the cycle); only what the API cannot hold is an error (a relation that
 *     names nothing, an action that is its own prerequisite, an int overflow);
 *  4. every error names the JSON path of the node at fault ("$.risks[3].likelihod"); its
 *     line and column are found by scanning the text along that path (find_node). That
 *     scan only runs when there is an error.
 *
 * On any error the document built so far is freed: nothing is returned and nothing leaks.
 */
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "doc-internal.h"
#include "plan/plan-internal.h"

/* ---- small text helpers ------------------------------------------------------------------ */

/* The arguments of a "%.*s" that shows at most 64 bytes of s, cut on a UTF-8 boundary (as the
 * plan's messages quote ids). */
#define Q(s) ISMS__Q(s)

/* A number as the document writes it ("2.5", "1e+300"), whatever the C library's locale:
 * num(v).s is the argument of a "%s" (it lives until the end of the full expression). */
typedef struct numtext {
    char s[40];
} numtext;

static numtext num(double v)
{
    numtext t;
    if (isms__doc_double(t.s, sizeof t.s, v) <= 0) /* not finite */
        isms__format_general(t.s, sizeof t.s, v, 17, ".");
    return t;
}

/* Number of code points of the UTF-8 text s[0..len). */
static size_t utf8_chars(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            n++;
    return n;
}

/* ---- positions in the text ---------------------------------------------------------------- */

/* Line and column (1-based; the column counts code points) of byte `off` of the text. */
static void line_col(const char *s, size_t n, size_t off, unsigned *line, unsigned *col)
{
    if (off > n)
        off = n;
    size_t l = 1, c = 1;
    for (size_t i = 0; i < off; i++) {
        unsigned char b = (unsigned char)s[i];
        if (b == '\n') {
            l++;
            c = 1;
        } else if ((b & 0xC0) != 0x80) {
            c++;
        }
    }
    *line = l > UINT_MAX ? UINT_MAX : (unsigned)l;
    *col = c > UINT_MAX ? UINT_MAX : (unsigned)c;
}

static size_t skip_ws(const char *s, size_t n, size_t i)
{
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
        i++;
    return i;
}

/* At a '"': the offset after the closing quote (n when the string does not end). */
static size_t skip_string(const char *s, size_t n, size_t i)
{
    for (i++; i < n; i++) {
        if (s[i] == '\\')
            i++;
        else if (s[i] == '"')
            return i + 1;
    }
    return n;
}

/* Skips the value that starts at `i`: the offset after it. */
static size_t skip_value(const char *s, size_t n, size_t i)
{
    if (i >= n)
        return n;
    if (s[i] == '"')
        return skip_string(s, n, i);
    if (s[i] == '[' || s[i] == '{') {
        size_t depth = 0;
        while (i < n) {
            char c = s[i];
            if (c == '"') {
                i = skip_string(s, n, i);
                continue;
            }
            if (c == '[' || c == '{') {
                depth++;
            } else if (c == ']' || c == '}') {
                if (--depth == 0)
                    return i + 1;
            }
            i++;
        }
        return n;
    }
    while (i < n && s[i] != ',' && s[i] != ']' && s[i] != '}' && s[i] != ' ' && s[i] != '\t' &&
           s[i] != '\n' && s[i] != '\r')
        i++;
    return i;
}

static int hex_digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* The four hex digits at s[i]: their value, or -1. */
static long hex4(const char *s, size_t n, size_t i)
{
    if (n < 4 || i > n - 4)
        return -1;
    long v = 0;
    for (size_t k = 0; k < 4; k++) {
        int d = hex_digit(s[i + k]);
        if (d < 0)
            return -1;
        v = v * 16 + d;
    }
    return v;
}

/* Whether the JSON string that starts at s[i] (a '"') decodes to `key`; *end receives the
 * offset after it. */
static bool string_equals(const char *s, size_t n, size_t i, const char *key, size_t *end)
{
    const unsigned char *k = (const unsigned char *)key;
    bool eq = true;
    i++;
    while (i < n && s[i] != '"') {
        char buf[8];
        size_t len = 1;
        if (s[i] == '\\' && i + 1 < n) {
            char e = s[i + 1];
            i += 2;
            switch (e) {
            case 'b': buf[0] = '\b'; break;
            case 'f': buf[0] = '\f'; break;
            case 'n': buf[0] = '\n'; break;
            case 'r': buf[0] = '\r'; break;
            case 't': buf[0] = '\t'; break;
            case 'u': {
                long cp = hex4(s, n, i);
                if (cp < 0) {
                    buf[0] = '?';
                    break;
                }
                i += 4;
                if (cp >= 0xD800 && cp <= 0xDBFF && i + 1 < n && s[i] == '\\' &&
                    s[i + 1] == 'u') {
                    long lo = hex4(s, n, i + 2);
                    if (lo >= 0xDC00 && lo <= 0xDFFF) {
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                        i += 6;
                    }
                }
                len = isms__utf8_put(buf, (uint32_t)cp);
                break;
            }
            default: buf[0] = e; break;
            }
        } else {
            buf[0] = s[i++];
        }
        for (size_t b = 0; b < len && eq; b++) {
            if (*k == '\0' || *k != (unsigned char)buf[b])
                eq = false;
            else
                k++;
        }
    }
    *end = i < n ? i + 1 : n;
    return eq && *k == '\0';
}

/* A step of a JSON path: a key of an object, or (key NULL) an index of an array. */
typedef struct seg {
    const char *key;
    size_t index;
} seg;

/*
 * The offset of the node that the path leads to: its value, or with `at_key` the key of its
 * last step. Where the text does not hold the path (it always does for a document jansson
 * read), the offset of the deepest node found.
 */
static size_t find_node(const char *s, size_t n, const seg *segs, size_t count, bool at_key)
{
    size_t i = skip_ws(s, n, 0);
    for (size_t d = 0; d < count; d++) {
        size_t here = i;
        if (segs[d].key) {
            if (i >= n || s[i] != '{')
                return here;
            i++;
            for (;;) {
                i = skip_ws(s, n, i);
                if (i >= n || s[i] != '"')
                    return here;
                size_t key_at = i, end;
                bool eq = string_equals(s, n, i, segs[d].key, &end);
                i = skip_ws(s, n, end);
                if (i >= n || s[i] != ':')
                    return here;
                i = skip_ws(s, n, i + 1);
                if (eq) {
                    if (at_key && d + 1 == count)
                        return key_at;
                    break;
                }
                i = skip_ws(s, n, skip_value(s, n, i));
                if (i >= n || s[i] != ',')
                    return here;
                i++;
            }
        } else {
            if (i >= n || s[i] != '[')
                return here;
            i = skip_ws(s, n, i + 1);
            for (size_t k = 0; k < segs[d].index; k++) {
                i = skip_ws(s, n, skip_value(s, n, i));
                if (i >= n || s[i] != ',')
                    return here;
                i = skip_ws(s, n, i + 1);
            }
        }
    }
    return i;
}

/* ---- writing paths ------------------------------------------------------------------------ */

/* The longest path text a message shows, in bytes (then it ends with "…"). */
enum { PATH_TEXT_MAX = 320, KEY_TEXT_MAX = 64 };

typedef struct pathbuf {
    char text[PATH_TEXT_MAX + 8];
    size_t len;
    bool cut;
} pathbuf;

static void pb_init(pathbuf *p)
{
    strcpy(p->text, "$");
    p->len = 1;
    p->cut = false;
}

/* Appends n bytes, or marks the path as cut when they do not fit. */
static void pb_put(pathbuf *p, const char *s, size_t n)
{
    if (p->cut)
        return;
    if (p->len + n > PATH_TEXT_MAX) {
        p->cut = true;
        memcpy(p->text + p->len, "\xE2\x80\xA6", 4); /* "…" and the NUL */
        p->len += 3;
        return;
    }
    memcpy(p->text + p->len, s, n);
    p->len += n;
    p->text[p->len] = '\0';
}

static void pb_index(pathbuf *p, size_t index)
{
    char buf[32];
    int w = snprintf(buf, sizeof buf, "[%zu]", index);
    pb_put(p, buf, (size_t)w);
}

/*
 * Appends a key: `.key` when it is an identifier, else `["key"]`. `raw` keys are the text
 * between the quotes in the document (already escaped); other keys are decoded text, whose
 * quotes, backslashes and control characters are escaped here. Keys are cut at 64 bytes.
 */
static void pb_key(pathbuf *p, const char *k, size_t n, bool raw)
{
    bool ident = n > 0 && !(k[0] >= '0' && k[0] <= '9');
    for (size_t i = 0; i < n && ident; i++) {
        char c = k[i];
        ident = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                c == '_';
    }
    size_t show = n;
    if (show > KEY_TEXT_MAX) {
        show = KEY_TEXT_MAX;
        while (show > 0 && ((unsigned char)k[show] & 0xC0) == 0x80)
            show--;
    }
    char buf[KEY_TEXT_MAX * 6 + 16];
    size_t len = 0;
    if (ident) {
        buf[len++] = '.';
        memcpy(buf + len, k, show);
        len += show;
    } else {
        buf[len++] = '[';
        buf[len++] = '"';
        for (size_t i = 0; i < show; i++) {
            unsigned char c = (unsigned char)k[i];
            if (raw && c >= 0x80) { /* the text may be broken here: keep only UTF-8 */
                size_t sl = isms__doc_utf8_len(k + i, show - i);
                if (sl == 0) {
                    buf[len++] = '?';
                } else {
                    memcpy(buf + len, k + i, sl);
                    len += sl;
                    i += sl - 1;
                }
                continue;
            }
            if (c < 0x20) {
                if (raw)
                    buf[len++] = '?';
                else
                    len += (size_t)snprintf(buf + len, sizeof buf - len, "\\u%04x", c);
            } else if (!raw && (c == '"' || c == '\\')) {
                buf[len++] = '\\';
                buf[len++] = (char)c;
            } else {
                buf[len++] = (char)c;
            }
        }
        if (show < n) {
            memcpy(buf + len, "\xE2\x80\xA6", 3);
            len += 3;
        }
        buf[len++] = '"';
        buf[len++] = ']';
    }
    if (ident && show < n) {
        memcpy(buf + len, "\xE2\x80\xA6", 3);
        len += 3;
    }
    pb_put(p, buf, len);
}

/* Levels of nesting that path_at() follows (deeper ones are shown as "…"). */
enum { RAW_LEVELS = 48 };

/*
 * The path of the node at byte `off` of a text that may be broken (for syntax, encoding and
 * depth errors): the text before `off` is scanned, following objects, keys and array
 * indices. The node at `off` is the value of the key or the element of the array being read
 * there; between the members of an object, the object itself.
 */
static void path_at(pathbuf *p, const char *s, size_t n, size_t off)
{
    struct {
        bool object, want_key, has_key;
        size_t index, key_at, key_len;
    } lv[RAW_LEVELS];
    size_t depth = 0;
    size_t i = 0;
    if (off > n)
        off = n;
    while (i < off) {
        char c = s[i];
        bool tracked = depth > 0 && depth <= RAW_LEVELS;
        if (c == '"') {
            size_t end = skip_string(s, n, i);
            if (tracked && lv[depth - 1].object && lv[depth - 1].want_key) {
                lv[depth - 1].key_at = i + 1;
                lv[depth - 1].key_len = end > i + 1 && s[end - 1] == '"' ? end - i - 2
                                                                          : end - i - 1;
                lv[depth - 1].has_key = true;
                lv[depth - 1].want_key = false;
            }
            i = end;
            continue;
        }
        if (c == '{' || c == '[') {
            if (depth < RAW_LEVELS) {
                lv[depth].object = c == '{';
                lv[depth].want_key = c == '{';
                lv[depth].has_key = false;
                lv[depth].index = 0;
            }
            depth++;
        } else if (c == '}' || c == ']') {
            if (depth > 0)
                depth--;
        } else if (c == ',' && tracked) {
            if (lv[depth - 1].object) {
                lv[depth - 1].want_key = true;
                lv[depth - 1].has_key = false;
            } else {
                lv[depth - 1].index++;
            }
        }
        i++;
    }
    pb_init(p);
    for (size_t d = 0; d < depth && d < RAW_LEVELS; d++) {
        if (!lv[d].object)
            pb_index(p, lv[d].index);
        else if (lv[d].has_key)
            pb_key(p, s + lv[d].key_at, lv[d].key_len, true);
    }
    if (depth > RAW_LEVELS)
        pb_put(p, "\xE2\x80\xA6", 3);
}

/* ---- the loader's state and its errors ----------------------------------------------------- */

/* Deepest path the walk follows: $.assessments[i].entries[j].extra[k] is the deepest node of
 * the format. */
enum { MAX_SEGS = 12 };

typedef struct loader {
    const char *text; /* the JSON text (after a byte order mark) */
    size_t len;
    const char *source;
    seg segs[MAX_SEGS]; /* the path of the node being read */
    size_t depth;
    isms_document *doc;
} loader;

static void push_key(loader *L, const char *key)
{
    if (L->depth < MAX_SEGS) {
        L->segs[L->depth].key = key;
        L->segs[L->depth].index = 0;
    }
    L->depth++;
}

static void push_index(loader *L, size_t index)
{
    if (L->depth < MAX_SEGS) {
        L->segs[L->depth].key = NULL;
        L->segs[L->depth].index = index;
    }
    L->depth++;
}

static void pop(loader *L)
{
    L->depth--;
}

static void seg_path(pathbuf *p, const seg *segs, size_t count)
{
    pb_init(p);
    for (size_t i = 0; i < count; i++) {
        if (segs[i].key)
            pb_key(p, segs[i].key, strlen(segs[i].key), false);
        else
            pb_index(p, segs[i].index);
    }
}

/* The text of the current path. */
static void current_path(pathbuf *p, const loader *L)
{
    seg_path(p, L->segs, L->depth < MAX_SEGS ? L->depth : MAX_SEGS);
}

/* Room for a message: as much as the thread's last error holds (1 KiB), so that a message cut
 * here, perhaps inside a character, is longer than what the error keeps after the path: the
 * error cuts it again, at a UTF-8 boundary (lib/base/error.c). */
enum { MSG_MAX = 1024 };

/* Sets the error `code` about the current node: "<path>: <message>" at its line and column
 * (with `at_key`, those of its key). Returns `code`. */
static int fail(loader *L, int code, bool at_key, const char *fmt, ...) ISMS__PRINTF(4, 5);
static int fail(loader *L, int code, bool at_key, const char *fmt, ...)
{
    char msg[MSG_MAX];
    va_list ap;
    va_start(ap, fmt);
    if (vsnprintf(msg, sizeof msg, fmt, ap) < 0)
        msg[0] = '\0';
    va_end(ap);
    pathbuf p;
    current_path(&p, L);
    size_t count = L->depth < MAX_SEGS ? L->depth : MAX_SEGS;
    size_t off = find_node(L->text, L->len, L->segs, count, at_key);
    unsigned line, col;
    line_col(L->text, L->len, off, &line, &col);
    return isms__error_at(code, L->source, line, col, "%s: %s", p.text, msg);
}

/* Passes on the error `rc` that a library call set, about the current node. Out of memory
 * stays as it is. The core's ISMS_EINVAL (an argument it refuses: a blank title, a target
 * that names no id, a bad matrix) is content of the document that cannot be: ISMS_EPARSE. */
static int relay(loader *L, int rc)
{
    if (rc == ISMS_ENOMEM)
        return rc;
    if (rc == ISMS_EINVAL)
        rc = ISMS_EPARSE;
    char copy[MSG_MAX]; /* holds the whole last error */
    snprintf(copy, sizeof copy, "%s", isms_error_last()->message);
    return fail(L, rc, false, "%s", copy);
}

/* An error about the text at byte `off`, with the path found there. */
static int fail_at(const loader *L, int code, size_t off, const char *fmt, ...)
    ISMS__PRINTF(4, 5);
static int fail_at(const loader *L, int code, size_t off, const char *fmt, ...)
{
    char msg[MSG_MAX];
    va_list ap;
    va_start(ap, fmt);
    if (vsnprintf(msg, sizeof msg, fmt, ap) < 0)
        msg[0] = '\0';
    va_end(ap);
    pathbuf p;
    path_at(&p, L->text, L->len, off);
    unsigned line, col;
    line_col(L->text, L->len, off, &line, &col);
    return isms__error_at(code, L->source, line, col, "%s: %s", p.text, msg);
}

/* ---- reading values ----------------------------------------------------------------------- */

/* A getter's result when an optional key is absent (errors are negative). */
#define ABSENT 1

/* Flags of the getters. */
enum {
    REQ = 1,       /* the key must be there */
    NONEMPTY = 2,  /* a string with at least one character */
    ID = 4,        /* an id: not empty (risk ids, asset ids and references have no limit) */
    ACTION_ID = 8  /* an action's id: not empty, at most 256 bytes once trimmed */
};

/* Longest action id, in bytes after trimming (the plan's limit; the schema's maxLength
 * counts characters, which is the same for ASCII). */
#define ACTION_ID_MAX_BYTES 256

static const char *kind_of(const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT: return "an object";
    case JSON_ARRAY: return "an array";
    case JSON_STRING: return "a string";
    case JSON_INTEGER: return "an integer";
    case JSON_REAL: return "a number with a fraction";
    case JSON_TRUE:
    case JSON_FALSE: return "a boolean";
    case JSON_NULL: return "null";
    }
    return "something else";
}

static int wrong_type(loader *L, const json_t *v, const char *expected)
{
    if (json_is_real(v))
        return fail(L, ISMS_EPARSE, false, "expected %s, found the number %s", expected,
                    num(json_real_value(v)).s);
    return fail(L, ISMS_EPARSE, false, "expected %s, found %s", expected, kind_of(v));
}

/* The member `key` of `obj`; missing and required is an error about the object. */
static int member(loader *L, json_t *obj, const char *key, unsigned flags, json_t **out)
{
    *out = json_object_get(obj, key);
    if (*out)
        return ISMS_OK;
    if (flags & REQ)
        return fail(L, ISMS_EPARSE, false, "missing key \"%s\"", key);
    return ABSENT;
}

/* Checks that every key of `obj` is one of `names`: an unknown key is an error about it,
 * with the nearest known key or the list of them. */
static int check_keys(loader *L, json_t *obj, const char *const *names, size_t n)
{
    const char *key = NULL;
    json_t *v;
    json_object_foreach(obj, key, v) {
        if (isms__doc_lookup(names, n, key) >= 0)
            continue;
        push_key(L, key);
        const char *near = isms__doc_nearest(names, n, key);
        if (near)
            return fail(L, ISMS_EPARSE, true, "unknown key, did you mean \"%s\"?", near);
        char list[600]; /* the names are ASCII */
        isms__doc_describe(list, sizeof list, names, n);
        return fail(L, ISMS_EPARSE, true, "unknown key; the keys here are %s", list);
    }
    return ISMS_OK;
}

static int as_object(loader *L, json_t *v)
{
    return json_is_object(v) ? ISMS_OK : wrong_type(L, v, "an object");
}

static int as_array(loader *L, json_t *v)
{
    return json_is_array(v) ? ISMS_OK : wrong_type(L, v, "an array");
}

static int as_string(loader *L, json_t *v, unsigned flags, const char **out)
{
    if (!json_is_string(v))
        return wrong_type(L, v, "a string");
    const char *s = json_string_value(v);
    if ((flags & (NONEMPTY | ID | ACTION_ID)) && !*s)
        return fail(L, ISMS_EPARSE, false, "must not be empty");
    if (flags & ACTION_ID) {
        size_t start = 0, len = strlen(s);
        isms__trim_span(s, len, &start, &len);
        if (len > ACTION_ID_MAX_BYTES)
            return fail(L, ISMS_ERANGE, false, "the id \"%.*s…\" is %zu bytes long (%zu "
                        "characters); an action id has at most %d bytes", Q(s), len,
                        utf8_chars(s + start, len), ACTION_ID_MAX_BYTES);
    }
    *out = s;
    return ISMS_OK;
}

/* An integer in [lo, hi]; a number with a zero fraction (3.0) counts as one. */
static int as_int(loader *L, json_t *v, long long lo, long long hi, long long *out)
{
    long long x;
    if (json_is_integer(v)) {
        x = json_integer_value(v);
    } else if (json_is_real(v)) {
        double d = json_real_value(v);
        if (d != floor(d))
            return wrong_type(L, v, "an integer");
        if (!(d >= (double)lo && d <= (double)hi))
            return fail(L, ISMS_ERANGE, false, "%s is outside the range %lld–%lld", num(d).s,
                        lo, hi);
        x = (long long)d;
    } else {
        return wrong_type(L, v, "an integer");
    }
    if (x < lo || x > hi) {
        if (hi == LLONG_MAX)
            return fail(L, ISMS_ERANGE, false, "%lld is below the minimum %lld", x, lo);
        return fail(L, ISMS_ERANGE, false, "%lld is outside the range %lld–%lld", x, lo, hi);
    }
    *out = x;
    return ISMS_OK;
}

/* A number at least `lo` (above it when `lo_open`) and at most `hi`. */
static int as_number(loader *L, json_t *v, double lo, bool lo_open, double hi, double *out)
{
    if (!json_is_number(v))
        return wrong_type(L, v, "a number");
    double d = json_number_value(v);
    if (lo_open && !(d > lo))
        return fail(L, ISMS_ERANGE, false, "%s must be greater than %s", num(d).s, num(lo).s);
    if (!(d >= lo))
        return fail(L, ISMS_ERANGE, false, "%s is below the minimum %s", num(d).s, num(lo).s);
    if (!(d <= hi))
        return fail(L, ISMS_ERANGE, false, "%s is above the maximum %s", num(d).s, num(hi).s);
    *out = d;
    return ISMS_OK;
}

/* A value of a vocabulary: its index in `names`. */
static int as_enum(loader *L, json_t *v, const char *const *names, size_t n, int *out)
{
    const char *s = NULL;
    int rc = as_string(L, v, 0, &s);
    if (rc < 0)
        return rc;
    int k = isms__doc_lookup(names, n, s);
    if (k >= 0) {
        *out = k;
        return ISMS_OK;
    }
    char list[600]; /* the names are ASCII */
    isms__doc_describe(list, sizeof list, names, n);
    const char *near = isms__doc_nearest(names, n, s);
    if (near)
        return fail(L, ISMS_EPARSE, false, "unknown value \"%.*s\", did you mean \"%s\"? "
                    "It is one of %s", Q(s), near, list);
    return fail(L, ISMS_EPARSE, false, "unknown value \"%.*s\"; it is one of %s", Q(s), list);
}

/* A date written YYYY-MM-DD. */
static int as_date(loader *L, json_t *v, isms_date *out)
{
    const char *s = NULL;
    int rc = as_string(L, v, 0, &s);
    if (rc < 0)
        return rc;
    bool form = strlen(s) == 10 && s[4] == '-' && s[7] == '-';
    for (size_t i = 0; i < 10 && form; i++)
        if (i != 4 && i != 7 && !(s[i] >= '0' && s[i] <= '9'))
            form = false;
    if (!form)
        return fail(L, ISMS_EPARSE, false, "\"%.*s\" is not a date written YYYY-MM-DD",
                    Q(s));
    rc = isms_date_parse(out, s);
    return rc < 0 ? relay(L, rc) : ISMS_OK;
}

/* The getters: the member `key` of `obj` read as above. They return ISMS_OK, ABSENT (an
 * optional key that is not there) or an error. They read the member with enter(), which
 * adds its key to the path, and end with leave(), which takes the key off again when the
 * member was read (an error keeps the path at the member). */
static int enter(loader *L, json_t *obj, const char *key, unsigned flags, json_t **v)
{
    int rc = member(L, obj, key, flags, v);
    if (rc == ISMS_OK)
        push_key(L, key);
    return rc;
}

static int leave(loader *L, int rc)
{
    if (rc >= 0)
        pop(L);
    return rc;
}

static int get_object(loader *L, json_t *obj, const char *key, unsigned flags, json_t **out)
{
    int rc = enter(L, obj, key, flags, out);
    return rc != ISMS_OK ? rc : leave(L, as_object(L, *out));
}

static int get_array(loader *L, json_t *obj, const char *key, unsigned flags, json_t **out)
{
    int rc = enter(L, obj, key, flags, out);
    return rc != ISMS_OK ? rc : leave(L, as_array(L, *out));
}

static int get_string(loader *L, json_t *obj, const char *key, unsigned flags,
                      const char **out)
{
    json_t *v;
    int rc = enter(L, obj, key, flags, &v);
    return rc != ISMS_OK ? rc : leave(L, as_string(L, v, flags, out));
}

static int get_int(loader *L, json_t *obj, const char *key, unsigned flags, long long lo,
                   long long hi, long long *out)
{
    json_t *v;
    int rc = enter(L, obj, key, flags, &v);
    return rc != ISMS_OK ? rc : leave(L, as_int(L, v, lo, hi, out));
}

static int get_number(loader *L, json_t *obj, const char *key, unsigned flags, double lo,
                      bool lo_open, double hi, double *out)
{
    json_t *v;
    int rc = enter(L, obj, key, flags, &v);
    return rc != ISMS_OK ? rc : leave(L, as_number(L, v, lo, lo_open, hi, out));
}

static int get_bool(loader *L, json_t *obj, const char *key, bool *out)
{
    json_t *v;
    int rc = enter(L, obj, key, 0, &v);
    if (rc != ISMS_OK)
        return rc;
    if (!json_is_boolean(v))
        return wrong_type(L, v, "true or false");
    *out = json_is_true(v);
    return leave(L, ISMS_OK);
}

static int get_enum(loader *L, json_t *obj, const char *key, unsigned flags,
                    const char *const *names, size_t n, int *out)
{
    json_t *v;
    int rc = enter(L, obj, key, flags, &v);
    return rc != ISMS_OK ? rc : leave(L, as_enum(L, v, names, n, out));
}

static int get_date(loader *L, json_t *obj, const char *key, isms_date *out)
{
    json_t *v;
    int rc = enter(L, obj, key, 0, &v);
    return rc != ISMS_OK ? rc : leave(L, as_date(L, v, out));
}

/* Passes on the error `rc` of a library call about the member `key` of the current node (as
 * relay()). */
static int relay_at(loader *L, const char *key, int rc)
{
    push_key(L, key);
    return relay(L, rc);
}

/* Reads element `i` of the array `arr`; the current path ends with its index. */
typedef int (*element_fn)(loader *L, json_t *arr, size_t i, void *ctx);

/* Reads each element of the array `arr`, which is at the current path, with `fn`. */
static int each_element(loader *L, json_t *arr, element_fn fn, void *ctx)
{
    for (size_t i = 0; i < json_array_size(arr); i++) {
        push_index(L, i);
        int rc = fn(L, arr, i, ctx);
        if (rc < 0)
            return rc;
        pop(L);
    }
    return ISMS_OK;
}

/* The array `key` of `obj`; with ISMS_OK the path ends with `key` (the caller leave()s it).
 * Returns ISMS_OK, ABSENT (an optional key that is not there) or an error. */
static int enter_array(loader *L, json_t *obj, const char *key, unsigned flags, json_t **out)
{
    int rc = get_array(L, obj, key, flags, out);
    if (rc == ISMS_OK)
        push_key(L, key);
    return rc;
}

/* The array `key` of `obj`, each of its elements read with `fn`. Returns ISMS_OK, ABSENT or
 * an error. */
static int load_list(loader *L, json_t *obj, const char *key, unsigned flags, element_fn fn,
                     void *ctx)
{
    json_t *arr;
    int rc = enter_array(L, obj, key, flags, &arr);
    return rc != ISMS_OK ? rc : leave(L, each_element(L, arr, fn, ctx));
}

/* The object `key` of `obj`, whose keys must be among `names`; with ISMS_OK the path ends
 * with `key` (the caller leave()s it). Returns ISMS_OK, ABSENT or an error. */
static int enter_object(loader *L, json_t *obj, const char *key, unsigned flags,
                        const char *const *names, size_t n, json_t **out)
{
    int rc = get_object(L, obj, key, flags, out);
    if (rc != ISMS_OK)
        return rc;
    push_key(L, key);
    return check_keys(L, *out, names, n);
}

/* A setter of a text field of an object of the core. */
typedef int (*text_setter)(void *obj, int field, const char *text);

/* Reads the optional strings names[f] of `o`, for the fields f from `first` on, and sets each
 * that is there with set(obj, f, text). */
static int load_text_fields(loader *L, json_t *o, const char *const *names, size_t first,
                            size_t n, text_setter set, void *obj)
{
    for (size_t f = first; f < n; f++) {
        const char *text = NULL;
        int rc = get_string(L, o, names[f], 0, &text);
        if (rc < 0)
            return rc;
        if (rc == ISMS_OK && (rc = set(obj, (int)f, text)) < 0)
            return relay_at(L, names[f], rc);
    }
    return ISMS_OK;
}

/* A list of vocabulary values read into flags: bit k for names[k]. */
typedef struct flag_list {
    const char *const *names;
    size_t n;
    unsigned flags;
} flag_list;

static int load_flag(loader *L, json_t *arr, size_t i, void *ctx)
{
    flag_list *fl = ctx;
    int k;
    int rc = as_enum(L, json_array_get(arr, i), fl->names, fl->n, &k);
    if (rc < 0)
        return rc;
    if (fl->flags & (1u << k))
        return fail(L, ISMS_EEXIST, false, "\"%s\" is listed twice", fl->names[k]);
    fl->flags |= 1u << k;
    return ISMS_OK;
}

/* Reads `key` of `obj` as a list of vocabulary values into flags (bit k for names[k]);
 * a value given twice is an error. */
static int get_flags(loader *L, json_t *obj, const char *key, const char *const *names,
                     size_t n, unsigned *out)
{
    flag_list fl = { names, n, 0 };
    int rc = load_list(L, obj, key, 0, load_flag, &fl);
    if (rc == ISMS_OK)
        *out = fl.flags;
    return rc;
}

/* ---- keys of the format ------------------------------------------------------------------- */

#define N(list) ISMS__DOC_N(list)

static const char *const root_keys[] = {
    "format", "organisation", "unit", "title", "author", "year", "date", "language", "scope",
    "context", "decision", "matrix", "classification", "risks", "assessments", "assets",
    "relations", "actions", "settings",
};
static const char *const context_keys[] = { "title", "text" };
static const char *const lang_names[] = { "sv", "en" };
static const char *const matrix_presets[] = { "4x4", "5x5", "3x3" };
static const char *const matrix_keys[] = { "name", "formula", "likelihood", "consequence",
                                           "grid", "bands", "acceptance" };
static const char *const level_keys[] = { "value", "label_sv", "label_en", "description" };
static const char *const band_keys[] = { "name", "min", "max", "color", "label_sv",
                                         "label_en" };
static const char *const class_keys[] = { "scheme", "floors" };
static const char *const scheme_presets[] = { "klassa", "klassa-cia", "fips199" };
static const char *const scheme_keys[] = { "name", "confidentiality", "integrity",
                                           "availability", "traceability" };
static const char *const risk_keys[] = {
    "id", "title", "consequence_text", "likelihood", "consequence", "stated_value", "residual",
    "treatment", "treatment_text", "owner", "status", "vector", "model",
};
static const char *const levels_keys[] = { "likelihood", "consequence" };
static const char *const model_keys[] = { "events", "nodes" };
static const char *const dist_keys[] = { "kind", "value", "low", "mode", "high", "gamma",
                                         "method", "mean", "sd", "rate" };
static const char *const assessment_keys[] = { "year", "edition", "scope", "date", "extra",
                                               "entries" };
static const char *const entry_keys[] = {
    "ref", "status", "need", "text", "comment", "plan", "owner", "due", "evidence",
    "applicability", "reasons", "justification", "origin", "extra",
};
static const char *const asset_keys[] = {
    "id", "name", "type", "owner", "description", "levels", "overrides", "override_reason",
    "personal_data", "special_categories", "nis", "classified", "interval", "purpose",
    "legal_basis", "subjects", "data_categories", "recipients", "transfers", "safeguards",
    "retention", "measures",
};
static const char *const relation_keys[] = { "from", "to", "kind" };
static const char *const action_keys[] = {
    "id", "title", "description", "owner", "effort", "cost", "due", "status", "recurrence",
    "targets", "prerequisites", "expected_residual", "expected_status",
};
static const char *const settings_keys[] = { "priority", "compliance", "schedule",
                                             "simulation" };
static const char *const priority_keys[] = { "base", "risk", "reduction", "requirement",
                                             "asset", "urgency", "overdue", "horizon_days",
                                             "effort_unit", "effort" };
static const char *const compliance_keys[] = { "yes", "partial", "no" };
static const char *const schedule_keys[] = { "unit", "start", "periods", "capacity", "owners",
                                             "strict" };
static const char *const simulation_keys[] = { "iterations", "seed" };

/* The ranges of the matrix's values, as the matrix builder takes them (and the schema says):
 * a scale's level ISMS_LEVEL_VALUE_MIN–ISMS_LEVEL_VALUE_MAX; a band's ends any int (a band may
 * reach beyond the cells' values); the acceptance within the cells' values, which are within
 * ±ISMS_GRID_VALUE_MAX. A risk's levels have a range of their own (RISK_LEVEL_MIN,
 * RISK_LEVEL_MAX). */
#define SCALE_MIN ((long long)ISMS_LEVEL_VALUE_MIN)
#define SCALE_MAX ((long long)ISMS_LEVEL_VALUE_MAX)
#define BAND_MIN ((long long)INT_MIN)
#define BAND_MAX ((long long)INT_MAX)
#define ACCEPTANCE_MIN (-(long long)ISMS_GRID_VALUE_MAX)
#define ACCEPTANCE_MAX ((long long)ISMS_GRID_VALUE_MAX)

/* ---- the matrix --------------------------------------------------------------------------- */

/* A matrix or a classification scheme at the current node: a preset's name (*preset is its
 * index in `presets`) or a full definition, an object whose keys are among `keys` (*preset is
 * -1 and *name its "name"). */
static int preset_or_definition(loader *L, json_t *v, const char *const *presets,
                                size_t n_presets, const char *const *keys, size_t n_keys,
                                int *preset, const char **name)
{
    int rc;
    *preset = -1;
    if (json_is_string(v))
        return as_enum(L, v, presets, n_presets, preset);
    if (!json_is_object(v))
        return wrong_type(L, v, "a preset's name or an object");
    if ((rc = check_keys(L, v, keys, n_keys)) < 0 ||
        (rc = get_string(L, v, "name", REQ | NONEMPTY, name)) < 0)
        return rc;
    return ISMS_OK;
}

/* A level of a scale, of the matrix or of the classification, at the current node. */
typedef struct level_def {
    long long value;
    const char *sv, *en, *desc;
} level_def;

static int get_level_def(loader *L, json_t *lv, long long lo, long long hi, level_def *d)
{
    int rc;
    d->sv = d->en = d->desc = NULL;
    if ((rc = as_object(L, lv)) < 0 || (rc = check_keys(L, lv, level_keys, N(level_keys))) < 0 ||
        (rc = get_int(L, lv, "value", REQ, lo, hi, &d->value)) < 0 ||
        (rc = get_string(L, lv, "label_sv", REQ | NONEMPTY, &d->sv)) < 0 ||
        (rc = get_string(L, lv, "label_en", REQ | NONEMPTY, &d->en)) < 0 ||
        (rc = get_string(L, lv, "description", 0, &d->desc)) < 0)
        return rc;
    return ISMS_OK;
}

typedef struct axis_ctx {
    isms_matrix_builder *b;
    isms_axis axis;
} axis_ctx;

static int load_axis_level(loader *L, json_t *arr, size_t i, void *ctx)
{
    const axis_ctx *c = ctx;
    level_def d;
    int rc = get_level_def(L, json_array_get(arr, i), SCALE_MIN, SCALE_MAX, &d);
    if (rc < 0)
        return rc;
    rc = isms_matrix_builder_add_level(c->b, c->axis, (int)d.value, d.sv, d.en, d.desc);
    return rc < 0 ? relay(L, rc) : ISMS_OK;
}

static int load_scale(loader *L, json_t *m, const char *key, isms_axis axis,
                      isms_matrix_builder *b, size_t *count)
{
    json_t *arr;
    int rc = enter_array(L, m, key, REQ, &arr);
    if (rc < 0)
        return rc;
    size_t n = json_array_size(arr);
    if (n < ISMS_SCALE_MIN_LEVELS || n > ISMS_SCALE_MAX_LEVELS)
        return fail(L, ISMS_ERANGE, false, "%zu levels; a scale has %d–%d", n,
                    ISMS_SCALE_MIN_LEVELS, ISMS_SCALE_MAX_LEVELS);
    axis_ctx c = { b, axis };
    if ((rc = each_element(L, arr, load_axis_level, &c)) < 0)
        return rc;
    *count = n;
    return leave(L, ISMS_OK);
}

static int load_grid(loader *L, json_t *m, isms_matrix_builder *b, size_t rows, size_t cols)
{
    json_t *grid;
    int rc = enter_array(L, m, "grid", REQ, &grid);
    if (rc < 0)
        return rc;
    if (json_array_size(grid) != rows)
        return fail(L, ISMS_ERANGE, false, "%zu rows, but the likelihood scale has %zu levels",
                    json_array_size(grid), rows);
    int values[ISMS_SCALE_MAX_LEVELS * ISMS_SCALE_MAX_LEVELS];
    for (size_t r = 0; r < rows; r++) {
        json_t *row = json_array_get(grid, r);
        push_index(L, r);
        if ((rc = as_array(L, row)) < 0)
            return rc;
        if (json_array_size(row) != cols)
            return fail(L, ISMS_ERANGE, false, "%zu values, but the consequence scale has %zu "
                        "levels", json_array_size(row), cols);
        for (size_t c = 0; c < cols; c++) {
            push_index(L, c);
            long long v;
            if ((rc = as_int(L, json_array_get(row, c), -ISMS_GRID_VALUE_MAX,
                             ISMS_GRID_VALUE_MAX, &v)) < 0)
                return rc;
            values[r * cols + c] = (int)v;
            pop(L);
        }
        pop(L);
    }
    rc = isms_matrix_builder_set_grid(b, values, rows, cols);
    if (rc < 0)
        return relay(L, rc);
    pop(L);
    return ISMS_OK;
}

static bool is_color(const char *s)
{
    if (strlen(s) != 7 || s[0] != '#')
        return false;
    for (size_t i = 1; i < 7; i++)
        if (hex_digit(s[i]) < 0)
            return false;
    return true;
}

static int load_band(loader *L, json_t *arr, size_t i, void *ctx)
{
    json_t *band = json_array_get(arr, i);
    int rc;
    if ((rc = as_object(L, band)) < 0 || (rc = check_keys(L, band, band_keys, N(band_keys))) < 0)
        return rc;
    const char *name = NULL, *color = NULL, *sv = NULL, *en = NULL;
    long long lo, hi;
    if ((rc = get_string(L, band, "name", REQ | NONEMPTY, &name)) < 0 ||
        (rc = get_int(L, band, "min", REQ, BAND_MIN, BAND_MAX, &lo)) < 0 ||
        (rc = get_int(L, band, "max", REQ, BAND_MIN, BAND_MAX, &hi)) < 0 ||
        (rc = get_string(L, band, "color", REQ, &color)) < 0 ||
        (rc = get_string(L, band, "label_sv", REQ | NONEMPTY, &sv)) < 0 ||
        (rc = get_string(L, band, "label_en", REQ | NONEMPTY, &en)) < 0)
        return rc;
    if (!is_color(color)) {
        push_key(L, "color");
        return fail(L, ISMS_EPARSE, false, "\"%.*s\" is not a colour written #rrggbb",
                    Q(color));
    }
    rc = isms_matrix_builder_add_band(ctx, name, (int)lo, (int)hi, color, sv, en);
    return rc < 0 ? relay(L, rc) : ISMS_OK;
}

static int load_bands(loader *L, json_t *m, isms_matrix_builder *b)
{
    json_t *arr;
    int rc = enter_array(L, m, "bands", REQ, &arr);
    if (rc < 0)
        return rc;
    if (json_array_size(arr) == 0)
        return fail(L, ISMS_ERANGE, false, "a matrix needs at least one band");
    return leave(L, each_element(L, arr, load_band, b));
}

static int build_matrix(loader *L, json_t *m, isms_matrix_builder *b, isms_matrix **out)
{
    int rc, formula = ISMS_FORMULA_PRODUCT;
    if ((rc = get_enum(L, m, "formula", 0, isms__doc_formula, N(isms__doc_formula),
                       &formula)) < 0)
        return rc;
    size_t rows, cols;
    if ((rc = load_scale(L, m, "likelihood", ISMS_AXIS_LIKELIHOOD, b, &rows)) < 0 ||
        (rc = load_scale(L, m, "consequence", ISMS_AXIS_CONSEQUENCE, b, &cols)) < 0)
        return rc;
    if (formula == ISMS_FORMULA_GRID) {
        if ((rc = load_grid(L, m, b, rows, cols)) < 0)
            return rc;
    } else {
        if (json_object_get(m, "grid")) {
            push_key(L, "grid");
            return fail(L, ISMS_EPARSE, true, "a grid is only used with the formula \"grid\", "
                        "not \"%s\"", isms__doc_formula[formula]);
        }
        if ((rc = isms_matrix_builder_set_formula(b, (isms_formula)formula)) < 0)
            return relay(L, rc);
    }
    if ((rc = load_bands(L, m, b)) < 0)
        return rc;
    long long acceptance;
    rc = get_int(L, m, "acceptance", 0, ACCEPTANCE_MIN, ACCEPTANCE_MAX, &acceptance);
    if (rc < 0)
        return rc;
    if (rc == ISMS_OK && (rc = isms_matrix_builder_set_acceptance(b, (int)acceptance)) < 0)
        return relay(L, rc);
    rc = isms_matrix_builder_build(out, b);
    return rc < 0 ? relay(L, rc) : ISMS_OK;
}

/* The matrix at the current node: a preset's name or a full definition. */
static int load_matrix(loader *L, json_t *v, isms_matrix **out)
{
    int k;
    const char *name = NULL;
    int rc = preset_or_definition(L, v, matrix_presets, N(matrix_presets), matrix_keys,
                                  N(matrix_keys), &k, &name);
    if (rc < 0)
        return rc;
    if (k >= 0) {
        rc = isms_matrix_preset(out, matrix_presets[k]);
        return rc < 0 ? relay(L, rc) : ISMS_OK;
    }
    isms_matrix_builder *b = NULL;
    if ((rc = isms_matrix_builder_new(&b, name)) < 0)
        return relay(L, rc);
    rc = build_matrix(L, v, b, out);
    isms_matrix_builder_free(b);
    return rc;
}

/* ---- risks and models --------------------------------------------------------------------- */

/* The range of a risk's levels and stated value: every int the register holds but
 * ISMS_LEVEL_UNSET (which is written by leaving the key out). Levels off the matrix's scales
 * are kept; the register's lint reports them. */
#define RISK_LEVEL_MIN ((long long)ISMS_LEVEL_UNSET + 1)
#define RISK_LEVEL_MAX ((long long)INT_MAX)

/* An optional level `key` of `obj` in [lo, hi]: ISMS_LEVEL_UNSET when absent. */
static int get_level(loader *L, json_t *obj, const char *key, long long lo, long long hi,
                     int *out)
{
    long long x;
    int rc = get_int(L, obj, key, 0, lo, hi, &x);
    if (rc < 0)
        return rc;
    *out = rc == ABSENT ? ISMS_LEVEL_UNSET : (int)x;
    return ISMS_OK;
}

/* An object {"likelihood": l, "consequence": c} of levels in [lo, hi]; a level left out is
 * ISMS_LEVEL_UNSET, and with `both` the two must be given together. ABSENT when the key
 * is not there. */
static int get_levels(loader *L, json_t *obj, const char *key, long long lo, long long hi,
                      bool both, int *l, int *c)
{
    json_t *v;
    int rc = enter_object(L, obj, key, 0, levels_keys, N(levels_keys), &v);
    if (rc != ISMS_OK ||
        (rc = get_level(L, v, "likelihood", lo, hi, l)) < 0 ||
        (rc = get_level(L, v, "consequence", lo, hi, c)) < 0)
        return rc;
    if (both && (*l == ISMS_LEVEL_UNSET || *c == ISMS_LEVEL_UNSET))
        return fail(L, ISMS_EPARSE, false, "missing key \"%s\": an expected residual has both "
                    "a likelihood and a consequence", *l == ISMS_LEVEL_UNSET ? "likelihood"
                                                                              : "consequence");
    pop(L);
    return ISMS_OK;
}

/* The parameters each kind of distribution takes (bits over dist_keys). */
static unsigned dist_params(isms_dist_kind kind)
{
    enum { VALUE = 1 << 1, LOW = 1 << 2, MODE = 1 << 3, HIGH = 1 << 4, GAMMA = 1 << 5,
           METHOD = 1 << 6, MEAN = 1 << 7, SD = 1 << 8, RATE = 1 << 9 };
    switch (kind) {
    case ISMS_DIST_CONSTANT: return VALUE;
    case ISMS_DIST_UNIFORM: return LOW | HIGH;
    case ISMS_DIST_NORMAL: return MEAN | SD;
    case ISMS_DIST_PERT: return LOW | MODE | HIGH | GAMMA | METHOD;
    case ISMS_DIST_LOGNORMAL90: return LOW | HIGH;
    case ISMS_DIST_POISSON: return RATE;
    }
    return 0;
}

/* The distribution at the current node. */
static int load_dist(loader *L, json_t *d, isms_dist *out)
{
    int rc, kind;
    if ((rc = as_object(L, d)) < 0 || (rc = check_keys(L, d, dist_keys, N(dist_keys))) < 0 ||
        (rc = get_enum(L, d, "kind", REQ, isms__doc_dist, N(isms__doc_dist), &kind)) < 0)
        return rc;
    unsigned takes = dist_params((isms_dist_kind)kind);
    /* Parameters of other kinds would be lost: refuse them. */
    const char *key = NULL;
    json_t *v;
    json_object_foreach(d, key, v) {
        int k = isms__doc_lookup(dist_keys, N(dist_keys), key);
        if (k <= 0 || (takes & (1u << k)))
            continue;
        /* "low", "mode" and "high": at most five short names, which fit. */
        char list[200];
        size_t used = 0, total = 0, seen = 0;
        for (size_t i = 1; i < N(dist_keys); i++)
            total += (takes >> i) & 1u;
        for (size_t i = 1; i < N(dist_keys); i++) {
            if (!(takes & (1u << i)))
                continue;
            const char *sep = seen == 0 ? "" : seen + 1 == total ? " and " : ", ";
            int w = snprintf(list + used, sizeof list - used, "%s\"%s\"", sep, dist_keys[i]);
            used += w > 0 ? (size_t)w : 0;
            seen++;
        }
        push_key(L, key);
        return fail(L, ISMS_EPARSE, true, "not a parameter of a %s distribution, which takes %s",
                    isms__doc_dist[kind], list);
    }
    double value = 0, low = 0, mode = 0, high = 0, gamma = ISMS_PERT_GAMMA_DEFAULT, mean = 0,
           sd = 0, rate = 0;
    int method = ISMS_PERT_CLASSIC;
    switch ((isms_dist_kind)kind) {
    case ISMS_DIST_CONSTANT:
        if ((rc = get_number(L, d, "value", REQ, -INFINITY, false, INFINITY, &value)) < 0)
            return rc;
        rc = isms_dist_constant(out, value);
        break;
    case ISMS_DIST_UNIFORM:
    case ISMS_DIST_LOGNORMAL90:
        if ((rc = get_number(L, d, "low", REQ, -INFINITY, false, INFINITY, &low)) < 0 ||
            (rc = get_number(L, d, "high", REQ, -INFINITY, false, INFINITY, &high)) < 0)
            return rc;
        rc = kind == ISMS_DIST_UNIFORM ? isms_dist_uniform(out, low, high)
                                       : isms_dist_lognormal90(out, low, high);
        break;
    case ISMS_DIST_NORMAL:
        if ((rc = get_number(L, d, "mean", REQ, -INFINITY, false, INFINITY, &mean)) < 0 ||
            (rc = get_number(L, d, "sd", REQ, 0, false, INFINITY, &sd)) < 0)
            return rc;
        rc = isms_dist_normal(out, mean, sd);
        break;
    case ISMS_DIST_PERT:
        if ((rc = get_number(L, d, "low", REQ, -INFINITY, false, INFINITY, &low)) < 0 ||
            (rc = get_number(L, d, "mode", REQ, -INFINITY, false, INFINITY, &mode)) < 0 ||
            (rc = get_number(L, d, "high", REQ, -INFINITY, false, INFINITY, &high)) < 0 ||
            (rc = get_number(L, d, "gamma", 0, 0, true, INFINITY, &gamma)) < 0 ||
            (rc = get_enum(L, d, "method", 0, isms__doc_pert, N(isms__doc_pert), &method)) < 0)
            return rc;
        rc = isms_dist_pert(out, low, mode, high, gamma, (isms_pert_method)method);
        break;
    case ISMS_DIST_POISSON:
        if ((rc = get_number(L, d, "rate", REQ, 0, false, INFINITY, &rate)) < 0)
            return rc;
        rc = isms_dist_poisson(out, rate);
        break;
    }
    return rc < 0 ? relay(L, rc) : ISMS_OK;
}

/* The model at the current node, named after the risk. */
static int build_model(loader *L, json_t *m, isms_fair *model)
{
    int rc;
    bool events = false;
    if ((rc = get_bool(L, m, "events", &events)) < 0)
        return rc;
    if ((rc = isms_fair_set_events(model, events)) < 0)
        return relay(L, rc);
    json_t *nodes;
    if ((rc = enter_object(L, m, "nodes", REQ, isms__doc_fair_node, N(isms__doc_fair_node),
                           &nodes)) < 0)
        return rc;
    if (json_object_size(nodes) == 0)
        return fail(L, ISMS_EPARSE, false, "a model needs at least one node");
    for (size_t k = 0; k < ISMS_FAIR_NODE_COUNT; k++) {
        json_t *d = json_object_get(nodes, isms__doc_fair_node[k]);
        if (!d)
            continue;
        push_key(L, isms__doc_fair_node[k]);
        isms_dist dist;
        if ((rc = load_dist(L, d, &dist)) < 0)
            return rc;
        if ((rc = isms_fair_set(model, (isms_fair_node)k, &dist)) < 0)
            return relay(L, rc);
        pop(L);
    }
    pop(L);
    if ((rc = isms_fair_check(model)) < 0)
        return relay(L, rc);
    return ISMS_OK;
}

static int load_model(loader *L, json_t *risk, const char *id)
{
    json_t *m;
    int rc = enter_object(L, risk, "model", 0, model_keys, N(model_keys), &m);
    if (rc != ISMS_OK)
        return rc < 0 ? rc : ISMS_OK;
    isms_fair *model = NULL;
    if ((rc = isms_fair_new(&model, id)) < 0)
        return relay(L, rc);
    rc = build_model(L, m, model);
    if (rc == ISMS_OK && (rc = isms_document_set_model(L->doc, id, model)) < 0)
        rc = relay(L, rc);
    if (rc < 0) {
        isms_fair_free(model);
        return rc;
    }
    pop(L);
    return ISMS_OK;
}

/* The first element of `arr` before `before` whose string member `key` equals `id` (after
 * trimming when `trim`), or `before` when there is none. */
static size_t earlier_with(json_t *arr, size_t before, const char *key, const char *id,
                           bool trim)
{
    size_t s0 = 0, n0 = strlen(id);
    if (trim)
        isms__trim_span(id, n0, &s0, &n0);
    for (size_t j = 0; j < before; j++) {
        const char *other = json_string_value(json_object_get(json_array_get(arr, j), key));
        if (!other)
            continue;
        size_t s1 = 0, n1 = strlen(other);
        if (trim)
            isms__trim_span(other, n1, &s1, &n1);
        if (n1 == n0 && memcmp(other + s1, id + s0, n0) == 0)
            return j;
    }
    return before;
}

/* "$.risks[0].id": the path of member `key` of element `j` of the array at the current
 * path's end, when the current path is that array's element. */
static void sibling_path(pathbuf *p, const loader *L, size_t j, const char *key)
{
    size_t count = L->depth < MAX_SEGS ? L->depth : MAX_SEGS;
    seg segs[MAX_SEGS + 1];
    memcpy(segs, L->segs, count * sizeof *segs);
    /* The current path ends with the element's index and then the key. */
    size_t at = count >= 2 ? count - 2 : 0;
    segs[at].key = NULL;
    segs[at].index = j;
    segs[at + 1].key = key;
    seg_path(p, segs, at + 2);
}

static int duplicate(loader *L, json_t *arr, size_t i, const char *key, const char *id,
                     bool trim, const char *what)
{
    size_t j = earlier_with(arr, i, key, id, trim);
    push_key(L, key);
    if (j == i)
        return fail(L, ISMS_EEXIST, false, "duplicate %s \"%.*s\"", what, Q(id));
    pathbuf p;
    sibling_path(&p, L, j, key);
    return fail(L, ISMS_EEXIST, false, "duplicate %s \"%.*s\" (also at %s)", what, Q(id),
                p.text);
}

static int load_risk(loader *L, json_t *arr, size_t i, void *reg)
{
    json_t *r = json_array_get(arr, i);
    int rc;
    if ((rc = as_object(L, r)) < 0 || (rc = check_keys(L, r, risk_keys, N(risk_keys))) < 0)
        return rc;
    const char *id = NULL, *title = NULL, *text = NULL;
    int l, c;
    if ((rc = get_string(L, r, "id", REQ | ID, &id)) < 0 ||
        (rc = get_string(L, r, "title", REQ, &title)) < 0 ||
        (rc = get_level(L, r, "likelihood", RISK_LEVEL_MIN, RISK_LEVEL_MAX, &l)) < 0 ||
        (rc = get_level(L, r, "consequence", RISK_LEVEL_MIN, RISK_LEVEL_MAX, &c)) < 0)
        return rc;
    isms_risk *risk = NULL;
    rc = isms_register_add(&risk, reg, id, title, l, c);
    if (rc == ISMS_EEXIST)
        return duplicate(L, arr, i, "id", id, false, "risk id");
    if (rc < 0)
        return relay(L, rc);
    if ((rc = get_string(L, r, "consequence_text", 0, &text)) < 0)
        return rc;
    if (rc == ISMS_OK && (rc = isms_risk_set_consequence_text(risk, text)) < 0)
        return relay(L, rc);
    int stated;
    if ((rc = get_level(L, r, "stated_value", RISK_LEVEL_MIN, RISK_LEVEL_MAX, &stated)) < 0)
        return rc;
    if (stated != ISMS_VALUE_UNSET && (rc = isms_risk_set_stated_value(risk, stated)) < 0)
        return relay(L, rc);
    int rl, rcq;
    if ((rc = get_levels(L, r, "residual", RISK_LEVEL_MIN, RISK_LEVEL_MAX, false, &rl,
                         &rcq)) < 0)
        return rc;
    if (rc == ISMS_OK && (rc = isms_risk_set_residual(risk, rl, rcq)) < 0)
        return relay(L, rc);
    int treatment = ISMS_TREATMENT_NONE;
    const char *ttext = NULL;
    if ((rc = get_enum(L, r, "treatment", 0, isms__doc_treatment, N(isms__doc_treatment),
                       &treatment)) < 0 ||
        (rc = get_string(L, r, "treatment_text", 0, &ttext)) < 0)
        return rc;
    if ((rc = isms_risk_set_treatment(risk, (isms_treatment)treatment, ttext)) < 0)
        return relay(L, rc);
    const char *owner = NULL, *vector = NULL;
    if ((rc = get_string(L, r, "owner", 0, &owner)) < 0)
        return rc;
    if (rc == ISMS_OK && (rc = isms_risk_set_owner(risk, owner)) < 0)
        return relay(L, rc);
    int status = ISMS_RISK_OPEN;
    if ((rc = get_enum(L, r, "status", 0, isms__doc_risk_status, N(isms__doc_risk_status),
                       &status)) < 0)
        return rc;
    if ((rc = isms_risk_set_status(risk, (isms_risk_status)status)) < 0)
        return relay(L, rc);
    if ((rc = get_string(L, r, "vector", 0, &vector)) < 0)
        return rc;
    if (rc == ISMS_OK && *vector && (rc = isms_risk_set_vector(risk, vector)) < 0)
        return relay_at(L, "vector", rc);
    return load_model(L, r, id);
}

/* ---- classification and assets ------------------------------------------------------------ */

typedef struct aspect_ctx {
    isms_scheme_builder *b;
    isms_aspect aspect;
} aspect_ctx;

static int load_aspect_level(loader *L, json_t *arr, size_t i, void *ctx)
{
    const aspect_ctx *c = ctx;
    level_def d;
    int rc = get_level_def(L, json_array_get(arr, i), 0, ISMS_CLASS_MAX, &d);
    if (rc < 0)
        return rc;
    rc = isms_scheme_builder_add_level(c->b, c->aspect, (int)d.value, d.sv, d.en, d.desc);
    return rc < 0 ? relay(L, rc) : ISMS_OK;
}

static int load_scheme_def(loader *L, json_t *v, isms_scheme_builder *b, isms_scheme **out)
{
    int rc;
    for (int a = 0; a < ISMS_ASPECTS; a++) {
        json_t *arr;
        bool optional = a == ISMS_ASPECT_TRACEABILITY;
        if ((rc = enter_array(L, v, isms__doc_aspect[a], optional ? 0 : REQ, &arr)) < 0)
            return rc;
        if (rc == ABSENT)
            continue;
        if (json_array_size(arr) < 2)
            return fail(L, ISMS_ERANGE, false, "%zu levels; a scale has at least 2",
                        json_array_size(arr));
        aspect_ctx c = { b, (isms_aspect)a };
        if ((rc = each_element(L, arr, load_aspect_level, &c)) < 0)
            return rc;
        pop(L);
    }
    rc = isms_scheme_builder_build(out, b);
    return rc < 0 ? relay(L, rc) : ISMS_OK;
}

/* The scheme at the current node: a preset's name or a full definition. */
static int load_scheme(loader *L, json_t *v, isms_scheme **out)
{
    int k;
    const char *name = NULL;
    int rc = preset_or_definition(L, v, scheme_presets, N(scheme_presets), scheme_keys,
                                  N(scheme_keys), &k, &name);
    if (rc < 0)
        return rc;
    if (k >= 0) {
        rc = isms_scheme_preset(out, scheme_presets[k]);
        return rc < 0 ? relay(L, rc) : ISMS_OK;
    }
    isms_scheme_builder *b = NULL;
    if ((rc = isms_scheme_builder_new(&b, name)) < 0)
        return relay(L, rc);
    rc = load_scheme_def(L, v, b, out);
    isms_scheme_builder_free(b);
    return rc;
}

/* Reads an object of levels per aspect: calls set(asset, aspect, level) for each, or stores
 * them in `levels` when `asset` is NULL. */
static int load_aspects(loader *L, json_t *obj, const char *key, isms_asset *asset,
                        int (*set)(isms_asset *, isms_aspect, int), int *levels)
{
    json_t *v;
    int rc = enter_object(L, obj, key, 0, isms__doc_aspect, N(isms__doc_aspect), &v);
    if (rc != ISMS_OK)
        return rc < 0 ? rc : ISMS_OK;
    for (int a = 0; a < ISMS_ASPECTS; a++) {
        long long level;
        if ((rc = get_int(L, v, isms__doc_aspect[a], 0, 0, ISMS_CLASS_MAX, &level)) < 0)
            return rc;
        if (rc == ABSENT)
            continue;
        if (!asset) {
            levels[a] = (int)level;
            continue;
        }
        if ((rc = set(asset, (isms_aspect)a, (int)level)) < 0)
            return relay_at(L, isms__doc_aspect[a], rc);
    }
    return leave(L, ISMS_OK);
}

static int load_floors(loader *L, json_t *cls, isms_inventory *inv)
{
    json_t *v;
    int rc = enter_object(L, cls, "floors", 0, isms__doc_pdata, N(isms__doc_pdata), &v);
    if (rc != ISMS_OK)
        return rc < 0 ? rc : ISMS_OK;
    isms_floors floors;
    for (size_t k = 0; k < ISMS_PDATA_KINDS; k++)
        for (size_t a = 0; a < ISMS_ASPECTS; a++)
            floors.min[k][a] = ISMS_CLASS_UNSET;
    for (size_t k = 0; k < ISMS_PDATA_KINDS; k++)
        if ((rc = load_aspects(L, v, isms__doc_pdata[k], NULL, NULL, floors.min[k])) < 0)
            return rc;
    if ((rc = isms_inventory_set_floors(inv, &floors)) < 0)
        return relay(L, rc);
    pop(L);
    return ISMS_OK;
}

/* The classification: a new inventory with its scheme and floors, installed in the
 * document. */
static int load_classification(loader *L, json_t *root)
{
    json_t *cls;
    int rc = enter_object(L, root, "classification", 0, class_keys, N(class_keys), &cls);
    if (rc != ISMS_OK)
        return rc;
    isms_scheme *scheme = NULL;
    json_t *sv = json_object_get(cls, "scheme");
    if (sv) {
        push_key(L, "scheme");
        if ((rc = load_scheme(L, sv, &scheme)) < 0)
            return rc;
        pop(L);
    }
    isms_inventory *inv = NULL;
    rc = isms_inventory_new(&inv, scheme);
    isms_scheme_free(scheme);
    if (rc < 0)
        return relay(L, rc);
    rc = load_floors(L, cls, inv);
    if (rc == ISMS_OK && (rc = isms_document_set_inventory(L->doc, inv)) < 0)
        rc = relay(L, rc);
    if (rc < 0) {
        isms_inventory_free(inv);
        return rc;
    }
    pop(L);
    return ISMS_OK;
}

static int set_asset_text(void *asset, int field, const char *text)
{
    return isms_asset_set(asset, (isms_asset_field)field, text);
}

static int load_asset(loader *L, json_t *arr, size_t i, void *inv)
{
    json_t *o = json_array_get(arr, i);
    int rc, type;
    const char *id = NULL, *name = NULL;
    if ((rc = as_object(L, o)) < 0 || (rc = check_keys(L, o, asset_keys, N(asset_keys))) < 0 ||
        (rc = get_string(L, o, "id", REQ | ID, &id)) < 0 ||
        (rc = get_string(L, o, "name", REQ, &name)) < 0 ||
        (rc = get_enum(L, o, "type", REQ, isms__doc_asset_type, N(isms__doc_asset_type),
                       &type)) < 0)
        return rc;
    isms_asset *a = NULL;
    rc = isms_inventory_add(&a, inv, id, name, (isms_asset_type)type);
    if (rc == ISMS_EEXIST)
        return duplicate(L, arr, i, "id", id, true, "asset id");
    if (rc < 0)
        return relay_at(L, "id", rc);
    /* the name is set: from the next field on */
    if ((rc = load_text_fields(L, o, isms__doc_asset_field, ISMS_ASSET_NAME + 1,
                               N(isms__doc_asset_field), set_asset_text, a)) < 0 ||
        (rc = load_aspects(L, o, "levels", a, isms_asset_set_level, NULL)) < 0 ||
        (rc = load_aspects(L, o, "overrides", a, isms_asset_set_override, NULL)) < 0)
        return rc;
    unsigned pdata = 0, special = 0;
    int has_pdata, has_special;
    if ((has_pdata = get_flags(L, o, "personal_data", isms__doc_pdata, N(isms__doc_pdata),
                               &pdata)) < 0)
        return has_pdata;
    if ((has_special = get_flags(L, o, "special_categories", isms__doc_special,
                                 N(isms__doc_special), &special)) < 0)
        return has_special;
    if ((has_pdata == ISMS_OK || has_special == ISMS_OK) &&
        (rc = isms_asset_set_pdata(a, pdata, special)) < 0)
        return relay(L, rc);
    bool nis = false;
    if ((rc = get_bool(L, o, "nis", &nis)) < 0)
        return rc;
    isms_asset_set_nis(a, nis);
    isms_date date;
    if ((rc = get_date(L, o, "classified", &date)) < 0)
        return rc;
    if (rc == ISMS_OK && (rc = isms_asset_set_classified(a, date)) < 0)
        return relay_at(L, "classified", rc);
    long long interval;
    if ((rc = get_int(L, o, "interval", 0, 1, 120, &interval)) < 0)
        return rc;
    if (rc == ISMS_OK && (rc = isms_asset_set_interval(a, (int)interval)) < 0)
        return relay_at(L, "interval", rc);
    return ISMS_OK;
}

/* Whether relations `a` and `b` (objects that passed their checks) are the same. */
static bool same_relation(json_t *a, json_t *b)
{
    static const char *const keys[] = { "from", "to", "kind" };
    for (size_t k = 0; k < 3; k++) {
        const char *x = json_string_value(json_object_get(a, keys[k]));
        const char *y = json_string_value(json_object_get(b, keys[k]));
        if (!x || !y)
            return false;
        size_t sx = 0, nx = strlen(x), sy = 0, ny = strlen(y);
        isms__trim_span(x, nx, &sx, &nx);
        isms__trim_span(y, ny, &sy, &ny);
        if (nx != ny || memcmp(x + sx, y + sy, nx) != 0)
            return false;
    }
    return true;
}

static int load_relation(loader *L, json_t *arr, size_t i, void *inv)
{
    json_t *o = json_array_get(arr, i);
    const char *from = NULL, *to = NULL;
    int rc, kind;
    if ((rc = as_object(L, o)) < 0 ||
        (rc = check_keys(L, o, relation_keys, N(relation_keys))) < 0 ||
        (rc = get_string(L, o, "from", REQ | ID, &from)) < 0 ||
        (rc = get_string(L, o, "to", REQ | ID, &to)) < 0 ||
        (rc = get_enum(L, o, "kind", REQ, isms__doc_relkind, N(isms__doc_relkind), &kind)) < 0)
        return rc;
    static const char *const ends[2] = { "from", "to" };
    const char *ids[2] = { from, to };
    for (size_t e = 0; e < 2; e++) {
        if (isms_inventory_find(inv, ids[e]))
            continue;
        push_key(L, ends[e]);
        return fail(L, ISMS_ENOTFOUND, false, "no asset has the id \"%.*s\"", Q(ids[e]));
    }
    rc = isms_inventory_link(inv, from, to, (isms_relkind)kind);
    if (rc == ISMS_EEXIST) {
        size_t j = 0;
        while (j < i && !same_relation(json_array_get(arr, j), o))
            j++;
        pop(L);
        pathbuf p;
        push_index(L, j);
        current_path(&p, L);
        pop(L);
        push_index(L, i);
        return fail(L, ISMS_EEXIST, false, "duplicate relation \"%.*s\" %s \"%.*s\" (also at "
                    "%s)", Q(from), isms__doc_relkind[kind], Q(to), p.text);
    }
    return rc < 0 ? relay(L, rc) : ISMS_OK;
}

/* ---- assessments -------------------------------------------------------------------------- */

/* An entry and its assessment, for reading the entry's lists. */
typedef struct entry_ctx {
    isms_assessment *as;
    isms_entry *e;
} entry_ctx;

/* A cell of the entry's extra cells: an array of texts, one per column of the assessment's
 * "extra" list in its order; cells left out at the end are empty. */
static int load_extra_cell(loader *L, json_t *arr, size_t k, void *ctx)
{
    const entry_ctx *c = ctx;
    size_t n = isms_assessment_extra_count(c->as), cells = json_array_size(arr);
    if (k >= n) {
        if (n == 0)
            return fail(L, ISMS_ERANGE, false, "%zu cell%s, but the assessment has no extra "
                        "columns", cells, cells == 1 ? "" : "s");
        return fail(L, ISMS_ERANGE, false, "%zu cells, but the assessment has %zu extra "
                    "column%s (its \"extra\" list)", cells, n, n == 1 ? "" : "s");
    }
    const char *text = NULL;
    int rc = as_string(L, json_array_get(arr, k), 0, &text);
    if (rc < 0)
        return rc;
    rc = isms_entry_set_extra(c->e, k, text);
    return rc < 0 ? relay(L, rc) : ISMS_OK;
}

static int load_evidence(loader *L, json_t *arr, size_t k, void *ctx)
{
    const entry_ctx *c = ctx;
    const char *text = NULL;
    int rc = as_string(L, json_array_get(arr, k), NONEMPTY, &text);
    if (rc < 0)
        return rc;
    rc = isms_entry_add_evidence(c->e, text);
    return rc < 0 ? relay(L, rc) : ISMS_OK;
}

static int set_entry_text(void *entry, int field, const char *text)
{
    return isms_entry_set(entry, (isms_entry_field)field, text);
}

static int load_entry(loader *L, json_t *arr, size_t i, void *assessment)
{
    isms_assessment *as = assessment;
    json_t *o = json_array_get(arr, i);
    int rc;
    const char *ref = NULL;
    if ((rc = as_object(L, o)) < 0 || (rc = check_keys(L, o, entry_keys, N(entry_keys))) < 0 ||
        (rc = get_string(L, o, "ref", REQ | ID, &ref)) < 0)
        return rc;
    isms_entry *e = NULL;
    rc = isms_assessment_add(&e, as, ref);
    if (rc == ISMS_EEXIST) {
        /* The entry it collides with, perhaps written another way ("A 5.1", "A.5.1"). */
        const isms_entry *old = isms_assessment_find(as, ref);
        size_t j = 0;
        for (; j < i; j++) {
            const char *other = json_string_value(json_object_get(json_array_get(arr, j),
                                                                  "ref"));
            if (other && isms_assessment_find(as, other) == old)
                break;
        }
        push_key(L, "ref");
        pathbuf p;
        sibling_path(&p, L, j, "ref");
        return fail(L, ISMS_EEXIST, false, "duplicate requirement \"%.*s\" (also at %s)",
                    Q(ref), p.text);
    }
    if (rc < 0)
        return relay_at(L, "ref", rc);
    int status = ISMS_STATUS_NOT_ASSESSED, need, appl;
    if ((rc = get_enum(L, o, "status", 0, isms__doc_status, N(isms__doc_status), &status)) < 0)
        return rc;
    if ((rc = isms_entry_set_status(e, (isms_status)status)) < 0)
        return relay(L, rc);
    if ((rc = get_enum(L, o, "need", 0, isms__doc_need, N(isms__doc_need), &need)) < 0)
        return rc;
    if (rc == ISMS_OK && (rc = isms_entry_set_need(e, (isms_need)need)) < 0)
        return relay(L, rc);
    entry_ctx c = { as, e };
    if ((rc = load_text_fields(L, o, isms__doc_entry_field, 0, N(isms__doc_entry_field),
                               set_entry_text, e)) < 0 ||
        (rc = load_list(L, o, "evidence", 0, load_evidence, &c)) < 0)
        return rc;
    if ((rc = get_enum(L, o, "applicability", 0, isms__doc_applicability,
                       N(isms__doc_applicability), &appl)) < 0)
        return rc;
    if (rc == ISMS_OK && (rc = isms_entry_set_applicability(e, (isms_applicability)appl)) < 0)
        return relay(L, rc);
    unsigned reasons;
    if ((rc = get_flags(L, o, "reasons", isms__doc_reason, N(isms__doc_reason), &reasons)) < 0)
        return rc;
    if (rc == ISMS_OK && (rc = isms_entry_set_reasons(e, reasons)) < 0)
        return relay(L, rc);
    rc = load_list(L, o, "extra", 0, load_extra_cell, &c);
    return rc < 0 ? rc : ISMS_OK;
}

/* A column of the assessment's extra columns. Headers may repeat (tables have such
 * columns), but not be blank: a table's column without a header is not kept. */
static int load_extra_column(loader *L, json_t *arr, size_t k, void *as)
{
    const char *name = NULL;
    int rc = as_string(L, json_array_get(arr, k), 0, &name);
    if (rc < 0)
        return rc;
    size_t start = 0, len = strlen(name);
    isms__trim_span(name, len, &start, &len);
    if (len == 0)
        return fail(L, ISMS_EPARSE, false, "a column's header must not be blank");
    rc = isms_assessment_add_extra(NULL, as, name);
    return rc < 0 ? relay(L, rc) : ISMS_OK;
}

static int build_assessment(loader *L, json_t *o, isms_assessment *as)
{
    int rc;
    isms_date date;
    if ((rc = get_date(L, o, "date", &date)) < 0)
        return rc;
    if (rc == ISMS_OK && (rc = isms_assessment_set_date(as, date)) < 0)
        return relay_at(L, "date", rc);
    if ((rc = load_list(L, o, "extra", 0, load_extra_column, as)) < 0 ||
        (rc = load_list(L, o, "entries", REQ, load_entry, as)) < 0)
        return rc;
    return ISMS_OK;
}

static int load_assessment(loader *L, json_t *arr, size_t i, void *ctx)
{
    (void)ctx; /* the document: L->doc */
    json_t *o = json_array_get(arr, i);
    int rc, edition, scope = ISMS_SCOPE_BOTH;
    long long year;
    if ((rc = as_object(L, o)) < 0 ||
        (rc = check_keys(L, o, assessment_keys, N(assessment_keys))) < 0 ||
        (rc = get_int(L, o, "year", REQ, 1900, 9999, &year)) < 0 ||
        (rc = get_enum(L, o, "edition", REQ, isms__doc_edition, N(isms__doc_edition),
                       &edition)) < 0 ||
        (rc = get_enum(L, o, "scope", 0, isms__doc_scope, N(isms__doc_scope), &scope)) < 0)
        return rc;
    if (isms_document_assessment_find(L->doc, (int)year)) {
        size_t j = 0;
        for (; j < i; j++) {
            json_t *y = json_object_get(json_array_get(arr, j), "year");
            if (y && json_number_value(y) == (double)year)
                break;
        }
        push_key(L, "year");
        pathbuf p;
        sibling_path(&p, L, j, "year");
        return fail(L, ISMS_EEXIST, false, "a second assessment of %lld (also at %s)", year,
                    p.text);
    }
    isms_assessment *as = NULL;
    if ((rc = isms_assessment_new(&as, (isms_edition)edition, (int)year, (isms_scope)scope)) < 0)
        return relay(L, rc);
    rc = build_assessment(L, o, as);
    if (rc == ISMS_OK && (rc = isms_document_add_assessment(L->doc, as)) < 0)
        rc = relay(L, rc);
    if (rc < 0)
        isms_assessment_free(as);
    return rc;
}

/* ---- actions ------------------------------------------------------------------------------ */

/* The target at the current node: "risk:R1", "req:6.1.2", "asset:HR" or a bare id, which
 * the plan reads (isms_action_add_target() with ISMS_TARGET_ANY takes the prefixes the writer
 * writes, and a few more: "krav:", "tillgång:"). It need not name anything the document
 * holds: the plan's lint reports a target that names nothing (plan-unknown-target), as it
 * does for a plan imported from a table. */
static int load_target(loader *L, json_t *arr, size_t k, void *a)
{
    const char *t = NULL;
    int rc = as_string(L, json_array_get(arr, k), NONEMPTY, &t);
    if (rc < 0)
        return rc;
    rc = isms_action_add_target(a, ISMS_TARGET_ANY, t);
    return rc < 0 ? relay(L, rc) : ISMS_OK;
}

/* The keys of the action's text fields, by isms_action_field. */
static const char *const action_text_keys[] = { "title", "description", "owner", "due" };

static int set_action_text(void *action, int field, const char *text)
{
    return isms_action_set(action, (isms_action_field)field, text);
}

static int load_action(loader *L, json_t *arr, size_t i, void *plan)
{
    json_t *o = json_array_get(arr, i);
    int rc;
    const char *id = NULL, *title = NULL;
    if ((rc = as_object(L, o)) < 0 || (rc = check_keys(L, o, action_keys, N(action_keys))) < 0 ||
        (rc = get_string(L, o, "id", REQ | ACTION_ID, &id)) < 0 ||
        (rc = get_string(L, o, "title", REQ, &title)) < 0)
        return rc;
    isms_action *a = NULL;
    rc = isms_plan_add(&a, plan, id, title);
    if (rc == ISMS_EEXIST)
        return duplicate(L, arr, i, "id", id, true, "action id");
    if (rc < 0)
        return relay_at(L, "id", rc);
    /* the title is set: from the next field on */
    if ((rc = load_text_fields(L, o, action_text_keys, ISMS_ACTION_TITLE + 1,
                               N(action_text_keys), set_action_text, a)) < 0)
        return rc;
    json_t *effort = json_object_get(o, "effort");
    if (effort) {
        push_key(L, "effort");
        if (json_is_string(effort)) {
            int size;
            if ((rc = as_enum(L, effort, isms__doc_effort, N(isms__doc_effort), &size)) < 0)
                return rc;
            rc = isms_action_set_effort_size(a, (isms_effort_size)size);
        } else if (json_is_number(effort)) {
            double days;
            if ((rc = as_number(L, effort, 0, false, ISMS__EFFORT_MAX, &days)) < 0)
                return rc;
            rc = isms_action_set_effort(a, days);
        } else {
            return wrong_type(L, effort, "a number of person-days or a size");
        }
        if (rc < 0)
            return relay(L, rc);
        pop(L);
    }
    double cost;
    if ((rc = get_number(L, o, "cost", 0, 0, false, INFINITY, &cost)) < 0)
        return rc;
    if (rc == ISMS_OK && (rc = isms_action_set_cost(a, cost)) < 0)
        return relay_at(L, "cost", rc);
    int status = ISMS_ACTION_PROPOSED, recur = ISMS_RECUR_NONE, expected;
    if ((rc = get_enum(L, o, "status", 0, isms__doc_action_status,
                       N(isms__doc_action_status), &status)) < 0 ||
        (rc = get_enum(L, o, "recurrence", 0, isms__doc_recurrence, N(isms__doc_recurrence),
                       &recur)) < 0)
        return rc;
    if ((rc = isms_action_set_status(a, (isms_action_status)status)) < 0 ||
        (rc = isms_action_set_recurrence(a, (isms_recurrence)recur)) < 0)
        return relay(L, rc);
    if ((rc = load_list(L, o, "targets", 0, load_target, a)) < 0)
        return rc;
    int el, ec;
    if ((rc = get_levels(L, o, "expected_residual", ISMS_LEVEL_VALUE_MIN, ISMS_LEVEL_VALUE_MAX,
                         true, &el, &ec)) < 0)
        return rc;
    if (rc == ISMS_OK && (rc = isms_action_set_expected_residual(a, el, ec)) < 0)
        return relay_at(L, "expected_residual", rc);
    if ((rc = get_enum(L, o, "expected_status", 0, isms__doc_status, N(isms__doc_status),
                       &expected)) < 0)
        return rc;
    if (rc == ISMS_OK) {
        push_key(L, "expected_status");
        if (expected != ISMS_STATUS_YES && expected != ISMS_STATUS_PARTIAL)
            return fail(L, ISMS_EPARSE, false, "\"%s\" is no expected status: it is \"yes\" or "
                        "\"partial\" (left out, \"yes\" is assumed)", isms__doc_status[expected]);
        if ((rc = isms_action_set_expected_status(a, (isms_status)expected)) < 0)
            return relay(L, rc);
        pop(L);
    }
    return ISMS_OK;
}

/* A prerequisite that names no action, for finding it given twice in one list: the action
 * (its index + 1) that listed it last, and where in that list. */
typedef struct dangling {
    size_t owner;
    size_t at;
    char id[]; /* trimmed */
} dangling;

static const char *dangling_key(const void *item)
{
    return ((const dangling *)item)->id;
}

/* What load_prerequisites() needs, freed in one place. */
typedef struct prereq_state {
    isms_plan *plan;
    size_t action;        /* the action whose list is read */
    size_t *owner;        /* per action: the action (index + 1) that listed it last */
    size_t *at;           /* per action: where in that action's list */
    const char **ids;     /* the current action's list, trimmed */
    size_t *lens;
    size_t cap;
    dangling **dangling;  /* every distinct prerequisite that names no action */
    size_t n_dangling, cap_dangling;
    isms__index dangling_ix;
} prereq_state;

static void prereq_state_free(prereq_state *st)
{
    isms__free(st->owner);
    isms__free(st->at);
    isms__free(st->ids);
    isms__free(st->lens);
    for (size_t i = 0; i < st->n_dangling; i++)
        isms__free(st->dangling[i]);
    isms__free(st->dangling);
    isms__index_free(&st->dangling_ix);
}

/* The record of the prerequisite [id, id + len) that names no action, made when it is new;
 * NULL when out of memory. */
static dangling *dangling_of(prereq_state *st, const char *id, size_t len)
{
    dangling *d = isms__index_find_n(&st->dangling_ix, id, len);
    if (d)
        return d;
    d = isms__malloc(sizeof *d + len + 1);
    if (!d || !isms__grow((void **)&st->dangling, &st->cap_dangling, st->n_dangling + 1,
                          sizeof *st->dangling) ||
        !isms__index_reserve(&st->dangling_ix, st->n_dangling + 1)) {
        isms__free(d);
        return NULL;
    }
    memcpy(d->id, id, len);
    d->id[len] = '\0';
    d->owner = 0;
    d->at = 0;
    st->dangling[st->n_dangling++] = d;
    isms__index_insert(&st->dangling_ix, d);
    return d;
}

/* A prerequisite of the action st->action, at the current path: checked and noted in st->ids
 * and st->lens. */
static int load_prereq(loader *L, json_t *list, size_t k, void *ctx)
{
    prereq_state *st = ctx;
    size_t i = st->action;
    const char *pid = NULL;
    int rc = as_string(L, json_array_get(list, k), ACTION_ID, &pid);
    if (rc < 0)
        return rc;
    /* The id as the plan keeps it: trimmed. */
    size_t start = 0, len = strlen(pid);
    isms__trim_span(pid, len, &start, &len);
    if (len == 0)
        return fail(L, ISMS_EPARSE, false, "\"%.*s\" names no action: a prerequisite needs an "
                    "id that is not blank", Q(pid));
    const isms_action *q = isms__index_find_n(&st->plan->index, pid + start, len);
    size_t *owner, *at;
    const char *name;
    if (q) {
        if (q->idx == i) /* the plan refuses it too (isms_action_add_prerequisite()) */
            return fail(L, ISMS_ECYCLE, false, "action \"%.*s\" cannot be its own "
                        "prerequisite", Q(isms_action_id(q)));
        owner = &st->owner[q->idx];
        at = &st->at[q->idx];
        name = isms_action_id(q);
    } else { /* names no action: kept, as the plan keeps it */
        dangling *d = dangling_of(st, pid + start, len);
        if (!d)
            return isms__error_nomem();
        owner = &d->owner;
        at = &d->at;
        name = d->id;
    }
    if (*owner == i + 1)
        return fail(L, ISMS_EEXIST, false, "\"%.*s\" is listed twice (also at [%zu])",
                    Q(name), *at);
    *owner = i + 1;
    *at = k;
    st->ids[k] = pid + start;
    st->lens[k] = len;
    return ISMS_OK;
}

/* Reads the prerequisites of action `i` into st->ids and st->lens and adds them to the action
 * at once: O(length), where adding them one by one would walk the action's list for each. */
static int load_prereq_list(loader *L, json_t *arr, size_t i, void *ctx)
{
    prereq_state *st = ctx;
    json_t *list;
    int rc = enter_array(L, json_array_get(arr, i), "prerequisites", 0, &list);
    if (rc != ISMS_OK)
        return rc;
    size_t n = json_array_size(list);
    if (n > st->cap) {
        const char **ids = isms__realloc(st->ids, n * sizeof *ids);
        if (!ids)
            return isms__error_nomem();
        st->ids = ids;
        size_t *lens = isms__realloc(st->lens, n * sizeof *lens);
        if (!lens)
            return isms__error_nomem();
        st->lens = lens;
        st->cap = n;
    }
    st->action = i;
    if ((rc = each_element(L, list, load_prereq, st)) < 0)
        return rc;
    rc = isms__action_add_prerequisites(isms_plan_at(st->plan, i), st->ids, st->lens, n);
    return leave(L, rc < 0 ? relay(L, rc) : ISMS_OK);
}

/*
 * Adds the prerequisites of every action (the array `arr` of $.actions), once all actions are
 * there: a prerequisite may name a later action. Whatever the plan can hold is kept, so that
 * every plan saved loads again: a prerequisite that names no action (its lint reports
 * plan-missing-prerequisite) and prerequisites that form a cycle, among open actions too
 * (its lint reports plan-cycle; isms_plan_prioritise() and the report refuse to order such a
 * plan and name the cycle). A prerequisite listed twice, or the action itself, is an error.
 */
static int load_prerequisites(loader *L, json_t *arr, isms_plan *plan)
{
    size_t n = json_array_size(arr);
    if (n == 0)
        return ISMS_OK;
    prereq_state st;
    memset(&st, 0, sizeof st);
    st.plan = plan;
    isms__index_init(&st.dangling_ix, dangling_key);
    int rc;
    st.owner = isms__calloc(n, sizeof *st.owner);
    st.at = isms__calloc(n, sizeof *st.at);
    if (!st.owner || !st.at) {
        rc = isms__error_nomem();
    } else {
        push_key(L, "actions");
        rc = leave(L, each_element(L, arr, load_prereq_list, &st));
    }
    prereq_state_free(&st);
    return rc;
}

static int load_actions(loader *L, json_t *root)
{
    isms_plan *plan = isms_document_plan(L->doc);
    int rc = load_list(L, root, "actions", 0, load_action, plan);
    if (rc != ISMS_OK)
        return rc;
    return load_prerequisites(L, json_object_get(root, "actions"), plan);
}

/* ---- settings ----------------------------------------------------------------------------- */

typedef struct settings_arrays {
    double *capacities;
    const char **owners;
    double *owner_capacity;
} settings_arrays;

static int load_capacity(loader *L, json_t *arr, size_t k, void *capacities)
{
    return as_number(L, json_array_get(arr, k), 0, false, INFINITY,
                     &((double *)capacities)[k]);
}

/* The schedule's settings: the object `v`, whose keys are checked. */
static int load_schedule(loader *L, json_t *v, isms_settings *s, settings_arrays *arrays)
{
    int rc, unit;
    if ((rc = get_enum(L, v, "unit", 0, isms__doc_unit, N(isms__doc_unit), &unit)) < 0)
        return rc;
    if (rc == ISMS_OK)
        s->unit = (isms_period_kind)unit;
    long long start, periods;
    if ((rc = get_int(L, v, "start", 0, 1900, 9999, &start)) < 0)
        return rc;
    if (rc == ISMS_OK)
        s->start_year = (int)start;
    if ((rc = get_int(L, v, "periods", 0, 1, 1200, &periods)) < 0)
        return rc;
    if (rc == ISMS_OK)
        s->periods = (size_t)periods;
    if ((rc = get_bool(L, v, "strict", &s->strict)) < 0)
        return rc;
    json_t *cap = json_object_get(v, "capacity");
    if (cap) {
        push_key(L, "capacity");
        if (json_is_array(cap)) {
            size_t n = json_array_size(cap);
            if (n != s->periods)
                return fail(L, ISMS_ERANGE, false, "%zu capacities for %zu periods: give one "
                            "per period", n, s->periods);
            arrays->capacities = isms__malloc(n * sizeof(double));
            if (!arrays->capacities)
                return isms__error_nomem();
            if ((rc = each_element(L, cap, load_capacity, arrays->capacities)) < 0)
                return rc;
            s->capacities = arrays->capacities;
        } else if (json_is_number(cap)) {
            if ((rc = as_number(L, cap, 0, false, INFINITY, &s->capacity)) < 0)
                return rc;
        } else {
            return wrong_type(L, cap, "a number or an array of numbers");
        }
        pop(L);
    }
    json_t *owners;
    if ((rc = get_object(L, v, "owners", 0, &owners)) < 0)
        return rc;
    if (rc == ISMS_OK && json_object_size(owners) > 0) {
        size_t n = json_object_size(owners);
        arrays->owners = isms__malloc(n * sizeof *arrays->owners);
        arrays->owner_capacity = isms__malloc(n * sizeof(double));
        if (!arrays->owners || !arrays->owner_capacity)
            return isms__error_nomem();
        push_key(L, "owners");
        size_t k = 0;
        const char *key = NULL;
        json_t *c;
        json_object_foreach(owners, key, c) {
            push_key(L, key);
            if ((rc = as_number(L, c, 0, false, INFINITY, &arrays->owner_capacity[k])) < 0)
                return rc;
            arrays->owners[k++] = key;
            pop(L);
        }
        pop(L);
        s->owners = arrays->owners;
        s->owner_capacity = arrays->owner_capacity;
        s->owner_count = n;
    }
    return ISMS_OK;
}

static int load_settings_into(loader *L, json_t *v, isms_settings *s, settings_arrays *arrays)
{
    int rc;
    json_t *o;
    if ((rc = enter_object(L, v, "priority", 0, priority_keys, N(priority_keys), &o)) < 0)
        return rc;
    if (rc == ISMS_OK) {
        double *w[] = { &s->priority.base, &s->priority.risk, &s->priority.reduction,
                        &s->priority.requirement, &s->priority.asset, &s->priority.urgency,
                        &s->priority.overdue, &s->priority.horizon_days,
                        &s->priority.effort_unit, &s->priority.effort };
        for (size_t k = 0; k < N(priority_keys); k++) {
            bool open = strcmp(priority_keys[k], "horizon_days") == 0 ||
                        strcmp(priority_keys[k], "effort_unit") == 0;
            if ((rc = get_number(L, o, priority_keys[k], 0, 0, open, INFINITY, w[k])) < 0)
                return rc;
        }
        pop(L);
    }
    if ((rc = enter_object(L, v, "compliance", 0, compliance_keys, N(compliance_keys), &o)) < 0)
        return rc;
    if (rc == ISMS_OK) {
        if ((rc = get_number(L, o, "yes", 0, 0, false, 1, &s->compliance.yes)) < 0 ||
            (rc = get_number(L, o, "partial", 0, 0, false, 1, &s->compliance.partial)) < 0 ||
            (rc = get_number(L, o, "no", 0, 0, false, 1, &s->compliance.no)) < 0)
            return rc;
        pop(L);
    }
    if ((rc = enter_object(L, v, "schedule", 0, schedule_keys, N(schedule_keys), &o)) < 0)
        return rc;
    if (rc == ISMS_OK) {
        if ((rc = load_schedule(L, o, s, arrays)) < 0)
            return rc;
        pop(L);
    }
    if ((rc = enter_object(L, v, "simulation", 0, simulation_keys, N(simulation_keys), &o)) < 0)
        return rc;
    if (rc == ISMS_OK) {
        long long iterations, seed;
        if ((rc = get_int(L, o, "iterations", 0, 1, 100000000, &iterations)) < 0)
            return rc;
        if (rc == ISMS_OK)
            s->iterations = (size_t)iterations;
        if ((rc = get_int(L, o, "seed", 0, 0, LLONG_MAX, &seed)) < 0)
            return rc;
        if (rc == ISMS_OK)
            s->seed = (uint64_t)seed;
        pop(L);
    }
    if ((rc = isms_document_set_settings(L->doc, s)) < 0)
        return relay(L, rc);
    return ISMS_OK;
}

static int load_settings(loader *L, json_t *root)
{
    json_t *v;
    int rc = enter_object(L, root, "settings", 0, settings_keys, N(settings_keys), &v);
    if (rc != ISMS_OK)
        return rc;
    isms_settings s = isms_settings_default();
    settings_arrays arrays = { NULL, NULL, NULL };
    rc = load_settings_into(L, v, &s, &arrays);
    isms__free(arrays.capacities);
    isms__free(arrays.owners);
    isms__free(arrays.owner_capacity);
    if (rc < 0)
        return rc;
    pop(L);
    return ISMS_OK;
}

/* ---- the document ------------------------------------------------------------------------- */

static int load_format(loader *L, json_t *root)
{
    if (!json_object_get(root, "format"))
        return fail(L, ISMS_EPARSE, false, "missing key \"format\": a libisms document says "
                    "\"format\": \"%s\"", ISMS_DOCUMENT_FORMAT);
    const char *format = NULL;
    int rc = get_string(L, root, "format", REQ, &format);
    if (rc < 0)
        return rc;
    if (strcmp(format, ISMS_DOCUMENT_FORMAT) == 0)
        return ISMS_OK;
    push_key(L, "format");
    if (strncmp(format, "libisms/", 8) == 0)
        return fail(L, ISMS_EUNSUPPORTED, false, "the format \"%.*s\" is not supported; this "
                    "version of libisms reads \"%s\"", Q(format), ISMS_DOCUMENT_FORMAT);
    return fail(L, ISMS_EPARSE, false, "\"%.*s\" is not a libisms format; this version of "
                "libisms reads \"%s\"", Q(format), ISMS_DOCUMENT_FORMAT);
}

/* The keys of the document's text fields, by isms_document_field. */
static const char *const doc_text_keys[] = { "organisation", "unit", "title", "author", "scope",
                                             "decision" };

static int set_doc_text(void *doc, int field, const char *text)
{
    return isms_document_set(doc, (isms_document_field)field, text);
}

/* A context item: {"title": …, "text": …}. */
static int load_context(loader *L, json_t *arr, size_t i, void *doc)
{
    json_t *item = json_array_get(arr, i);
    const char *title = NULL, *text = NULL;
    int rc;
    if ((rc = as_object(L, item)) < 0 ||
        (rc = check_keys(L, item, context_keys, N(context_keys))) < 0 ||
        (rc = get_string(L, item, "title", REQ | NONEMPTY, &title)) < 0 ||
        (rc = get_string(L, item, "text", 0, &text)) < 0)
        return rc;
    rc = isms_document_add_context(doc, title, text);
    return rc < 0 ? relay(L, rc) : ISMS_OK;
}

static int load_texts(loader *L, json_t *root)
{
    int rc;
    json_t *v;
    if ((rc = member(L, root, "organisation", REQ, &v)) < 0 ||
        (rc = load_text_fields(L, root, doc_text_keys, 0, N(doc_text_keys), set_doc_text,
                               L->doc)) < 0)
        return rc;
    isms_date date;
    if ((rc = get_date(L, root, "date", &date)) < 0)
        return rc;
    if (rc == ISMS_OK && (rc = isms_document_set_date(L->doc, date)) < 0)
        return relay_at(L, "date", rc);
    int lang;
    if ((rc = get_enum(L, root, "language", 0, lang_names, N(lang_names), &lang)) < 0)
        return rc;
    if (rc == ISMS_OK && (rc = isms_document_set_lang(L->doc, (isms_lang)lang)) < 0)
        return relay_at(L, "language", rc);
    rc = load_list(L, root, "context", 0, load_context, L->doc);
    return rc < 0 ? rc : ISMS_OK;
}

/* The register: on the document's matrix ("4x4" unless the document gives one). */
static int load_register(loader *L, json_t *root)
{
    json_t *mv = json_object_get(root, "matrix");
    if (mv) {
        isms_matrix *m = NULL;
        push_key(L, "matrix");
        int rc = load_matrix(L, mv, &m);
        if (rc < 0)
            return rc;
        isms_register *reg = NULL;
        rc = isms_register_new(&reg, m);
        isms_matrix_free(m);
        if (rc < 0)
            return relay(L, rc);
        if ((rc = isms_document_set_register(L->doc, reg)) < 0) {
            isms_register_free(reg);
            return relay(L, rc);
        }
        pop(L);
    }
    return load_list(L, root, "risks", 0, load_risk, isms_document_register(L->doc));
}

static int load_document(loader *L, json_t *root)
{
    int rc;
    if (!json_is_object(root))
        return wrong_type(L, root, "an object");
    if ((rc = load_format(L, root)) < 0 || (rc = check_keys(L, root, root_keys, N(root_keys))) < 0)
        return rc;
    long long year;
    if ((rc = get_int(L, root, "year", REQ, 1900, 9999, &year)) < 0)
        return rc;
    if ((rc = isms_document_new(&L->doc, (int)year)) < 0)
        return relay(L, rc);
    if ((rc = load_texts(L, root)) < 0 || (rc = load_register(L, root)) < 0 ||
        (rc = load_classification(L, root)) < 0 ||
        (rc = load_list(L, root, "assets", 0, load_asset, isms_document_inventory(L->doc))) < 0 ||
        (rc = load_list(L, root, "relations", 0, load_relation,
                        isms_document_inventory(L->doc))) < 0 ||
        (rc = load_list(L, root, "assessments", 0, load_assessment, L->doc)) < 0 ||
        (rc = load_actions(L, root)) < 0 || (rc = load_settings(L, root)) < 0)
        return rc;
    return ISMS_OK;
}

/* ---- the text before jansson -------------------------------------------------------------- */

/*
 * One pass over the text: the first byte that is not UTF-8, and the first '[' or '{' that
 * opens a level deeper than `max_depth` (outside strings). Returns ISMS_OK or the error.
 */
static int prescan(const loader *L, unsigned max_depth)
{
    const unsigned char *p = (const unsigned char *)L->text;
    size_t n = L->len, depth = 0;
    bool in_string = false;
    size_t i = 0;
    while (i < n) {
        unsigned char c = p[i];
        if (c >= 0x80) {
            size_t len = isms__doc_utf8_len(L->text + i, n - i);
            if (len == 0)
                return fail_at(L, ISMS_EPARSE, i, "the text is not UTF-8 (byte 0x%02X); save it "
                               "as UTF-8", c);
            i += len;
            continue;
        }
        if (in_string) {
            if (c == '\\' && i + 1 < n && p[i + 1] < 0x80)
                i++;
            else if (c == '"')
                in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            if (++depth > max_depth)
                return fail_at(L, ISMS_ERANGE, i, "nested deeper than %u level%s", max_depth,
                               max_depth == 1 ? "" : "s");
        } else if ((c == ']' || c == '}') && depth > 0) {
            depth--;
        }
        i++;
    }
    return ISMS_OK;
}

/* The validator's functions read the item at s[*i]: true with *i after it, or false with *i
 * at the byte where it stops being JSON. */

/* A string as jansson accepts it. */
static bool valid_string(const char *s, size_t n, size_t *at)
{
    size_t i = *at;
    if (i >= n || s[i] != '"')
        return false;
    i++;
    bool ok = false;
    while (i < n) {
        unsigned char b = (unsigned char)s[i];
        if (b == '"') {
            i++;
            ok = true;
            break;
        }
        if (b < 0x20)
            break;
        if (b != '\\') {
            i++;
            continue;
        }
        char e = i + 1 < n ? s[i + 1] : '\0';
        if (e != 'u') {
            if (e == '\0' || !strchr("\"\\/bfnrt", e))
                break;
            i += 2;
            continue;
        }
        /* No \u0000, no lone surrogates. */
        long cp = hex4(s, n, i + 2);
        if (cp <= 0 || (cp >= 0xDC00 && cp <= 0xDFFF))
            break;
        if (cp >= 0xD800 && cp <= 0xDBFF) {
            long lo = i + 7 < n && s[i + 6] == '\\' && s[i + 7] == 'u' ? hex4(s, n, i + 8) : -1;
            if (lo < 0xDC00 || lo > 0xDFFF)
                break;
            i += 6;
        }
        i += 6;
    }
    *at = i;
    return ok;
}

static size_t digits(const char *s, size_t n, size_t i)
{
    while (i < n && s[i] >= '0' && s[i] <= '9')
        i++;
    return i;
}

/* 2^1024 − 2^970, the least value that strtod() rounds to infinity (halfway between DBL_MAX
 * and 2^1024, where rounding to even goes up): its 309 digits. */
static const char overflow_digits[] =
    "17976931348623158079372897140530341507993413271003782693617377898044496829276475094664"
    "90179775872070963302864166928879109465555478519404026306574886715058206819089020007083"
    "83676273854845817711531764475730270069855571366959622842914819860834936475292719074168"
    "444365510704342711559699508093042880177904174497792";

/* The digits of a number's significand: the integer part [ip, ie) and the fraction [fp, fe),
 * read as one run. */
typedef struct digit_run {
    const char *s;
    size_t ip, ie, fp, fe;
} digit_run;

static size_t run_len(const digit_run *r)
{
    return (r->ie - r->ip) + (r->fe - r->fp);
}

static char run_at(const digit_run *r, size_t k)
{
    size_t in = r->ie - r->ip;
    return k < in ? r->s[r->ip + k] : r->s[r->fp + k - in];
}

/*
 * Whether the real whose significand is `r` and whose exponent is s[ep, ee) (digits, after
 * its sign: `neg` when it is '-') overflows a double as strtod() rounds it. Judged from the
 * digits alone: strtod() reads '.' only where the C library's locale writes decimal points,
 * so under a locale with decimal commas it would misjudge "1.5e400".
 */
static bool real_overflows(const digit_run *r, const char *s, size_t ep, size_t ee, bool neg)
{
    size_t n = run_len(r), first = 0;
    while (first < n && run_at(r, first) == '0')
        first++;
    if (first == n)
        return false; /* zero */
    size_t last = n;
    while (run_at(r, last - 1) == '0')
        last--;
    /* The value is d.ddd × 10^e, e = the place of the first digit that is not zero + the
     * exponent (which saturates: beyond ±10^9 nothing is near the limit). */
    long long e = (long long)(r->ie - r->ip) - 1 - (long long)first, x = 0;
    for (size_t i = ep; i < ee; i++)
        if (x < 1000000000LL)
            x = x * 10 + (s[i] - '0');
    e += neg ? -x : x;
    if (e != 308)
        return e > 308;
    size_t m = sizeof overflow_digits - 1;
    for (size_t k = 0; k < m; k++) {
        char d = first + k < last ? run_at(r, first + k) : '0';
        if (d != overflow_digits[k])
            return d > overflow_digits[k];
    }
    return true; /* at least the limit itself */
}

/* Whether the integer of digits s[i, e) (no leading zeros) and sign `neg` fits in 64 bits. */
static bool integer_fits(const char *s, size_t i, size_t e, bool neg)
{
    static const char max[] = "9223372036854775807", min[] = "9223372036854775808";
    const char *limit = neg ? min : max;
    size_t n = e - i, m = sizeof max - 1;
    if (n != m)
        return n < m;
    return memcmp(s + i, limit, m) <= 0;
}

/* A number; an integer beyond 64 bits and a real that overflows are refused, as jansson
 * refuses them (at the number's start). */
static bool valid_number(const char *s, size_t n, size_t *at)
{
    size_t start = *at, i = start;
    bool neg = false, real = false;
    if (i < n && s[i] == '-') {
        neg = true;
        i++;
    }
    digit_run r = { s, i, i, 0, 0 };
    if (i < n && s[i] == '0') {
        i++;
    } else if (i < n && s[i] >= '1' && s[i] <= '9') {
        i = digits(s, n, i);
    } else {
        *at = i;
        return false;
    }
    r.ie = i;
    r.fp = r.fe = i;
    if (i < n && s[i] == '.') {
        real = true;
        size_t end = digits(s, n, i + 1);
        if (end == i + 1) {
            *at = end;
            return false;
        }
        r.fp = i + 1;
        r.fe = end;
        i = end;
    }
    size_t ep = i, ee = i;
    bool eneg = false;
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        real = true;
        i++;
        if (i < n && (s[i] == '+' || s[i] == '-'))
            eneg = s[i++] == '-';
        size_t end = digits(s, n, i);
        if (end == i) {
            *at = end;
            return false;
        }
        ep = i;
        ee = end;
        i = end;
    }
    bool ok = real ? !real_overflows(&r, s, ep, ee, eneg) : integer_fits(s, r.ip, r.ie, neg);
    *at = ok ? i : start;
    return ok;
}

/* A key and its colon: *at then is the offset of its value. */
static bool valid_key(const char *s, size_t n, size_t *at)
{
    if (!valid_string(s, n, at))
        return false;
    size_t i = skip_ws(s, n, *at);
    if (i >= n || s[i] != ':') {
        *at = i;
        return false;
    }
    *at = skip_ws(s, n, i + 1);
    return true;
}

/*
 * Where the text stops being JSON as jansson reads it (the grammar of RFC 8259 with any value
 * at the top, no \u0000 and no lone surrogates in strings, integers that fit in 64 bits and
 * reals that do not overflow): the offset of the first byte at fault, or SIZE_MAX for a text
 * without fault. Nesting deeper than jansson's own limit (2048) is a fault. It allocates
 * nothing.
 *
 * It tells, after jansson failed, whether jansson found that fault or ran out of memory
 * before it: jansson reports some allocation failures as errors in the text ("invalid
 * token", "string or '}' expected") at a place where the text is fine, or with no text.
 */
static size_t json_fault(const char *s, size_t n)
{
    enum { MAX_LEVELS = 2048 };
    unsigned char is_object[MAX_LEVELS / 8];
    memset(is_object, 0, sizeof is_object);
    size_t depth = 0, i = skip_ws(s, n, 0);
    bool at_value = true;
    for (;;) {
        if (at_value) {
            if (i >= n)
                return i;
            char c = s[i];
            if (c == '{' || c == '[') {
                if (depth == MAX_LEVELS)
                    return i;
                if (c == '{')
                    is_object[depth / 8] |= (unsigned char)(1u << (depth % 8));
                else
                    is_object[depth / 8] &= (unsigned char)~(1u << (depth % 8));
                depth++;
                i = skip_ws(s, n, i + 1);
                if (i < n && s[i] == (c == '{' ? '}' : ']')) {
                    depth--;
                    i++;
                    at_value = false;
                } else if (c == '{' && !valid_key(s, n, &i)) {
                    return i;
                }
                continue;
            }
            bool ok;
            if (c == '"') {
                ok = valid_string(s, n, &i);
            } else if (c == '-' || (c >= '0' && c <= '9')) {
                ok = valid_number(s, n, &i);
            } else {
                static const char *const words[] = { "true", "false", "null" };
                ok = false;
                for (size_t k = 0; k < 3 && !ok; k++) {
                    size_t wl = strlen(words[k]);
                    if (n - i >= wl && memcmp(s + i, words[k], wl) == 0) {
                        i += wl;
                        ok = true;
                    }
                }
            }
            if (!ok)
                return i;
            at_value = false;
            continue;
        }
        i = skip_ws(s, n, i);
        if (depth == 0)
            return i == n ? SIZE_MAX : i;
        bool object = is_object[(depth - 1) / 8] & (1u << ((depth - 1) % 8));
        if (i < n && s[i] == ',') {
            i = skip_ws(s, n, i + 1);
            if (object && !valid_key(s, n, &i))
                return i;
            at_value = true;
        } else if (i < n && s[i] == (object ? '}' : ']')) {
            depth--;
            i++;
        } else {
            return i;
        }
    }
}

/* Turns jansson's error into ours: the offset of the token it names when it can be found,
 * with the path there. */
static int syntax_error(const loader *L, const json_error_t *err, unsigned max_depth)
{
    /* jansson says nothing when it cannot start for want of memory, and reports some other
     * allocation failures as errors in the text: a text without errors means the same. */
    enum json_error_code code = json_error_code(err);
    if (err->text[0] == '\0' || code == json_error_out_of_memory ||
        (code != json_error_duplicate_key && code != json_error_stack_overflow &&
         (size_t)(err->position > 0 ? err->position : 0) < json_fault(L->text, L->len)))
        return isms__error_nomem();
    size_t pos = err->position > 0 ? (size_t)err->position : 0;
    if (pos > L->len)
        pos = L->len;
    size_t off = pos > 0 ? pos - 1 : 0;
    if (code == json_error_premature_end_of_input)
        off = pos;
    /* "... near 'token'": point at the token's start when it ends where jansson stopped. */
    const char *near = strstr(err->text, " near '");
    size_t tlen = 0;
    if (near) {
        const char *tok = near + 7;
        tlen = strlen(tok);
        if (tlen > 0 && tok[tlen - 1] == '\'')
            tlen--;
        for (size_t back = 0; back <= 8 && back <= pos; back++) {
            size_t end = pos - back;
            if (tlen > 0 && tlen <= end && memcmp(L->text + end - tlen, tok, tlen) == 0) {
                off = end - tlen;
                break;
            }
        }
    }
    /* jansson's text quotes the token as far as it read it, which may end inside a
     * character (an escape before a multibyte one): keep only whole characters. */
    char text[sizeof err->text + 1];
    size_t used = 0;
    for (size_t i = 0; err->text[i] && i < sizeof err->text;) {
        size_t sl = (unsigned char)err->text[i] < 0x80 ? 1
                    : isms__doc_utf8_len(err->text + i, strlen(err->text + i));
        if (sl == 0) {
            text[used++] = '?';
            i++;
        } else {
            memcpy(text + used, err->text + i, sl);
            used += sl;
            i += sl;
        }
    }
    text[used] = '\0';
    switch (code) {
    case json_error_duplicate_key:
        return fail_at(L, ISMS_EPARSE, off, "the key %.*s is given twice",
                       near ? (int)tlen : 0, near ? near + 7 : "");
    case json_error_stack_overflow:
        return fail_at(L, ISMS_ERANGE, off, "nested deeper than %u level%s", max_depth,
                       max_depth == 1 ? "" : "s");
    default:
        return fail_at(L, ISMS_EPARSE, off, "syntax error: %s", text);
    }
}

int isms_document_parse(isms_document **out, const char *data, size_t len, const char *source,
                        const isms_load_options *options)
{
    if (!out)
        return isms__error(ISMS_EINVAL, "isms_document_parse: out is NULL");
    if (!data && len > 0)
        return isms__error(ISMS_EINVAL, "isms_document_parse: data is NULL");
    size_t max_bytes = options && options->max_bytes ? options->max_bytes
                                                     : ISMS_DOCUMENT_MAX_BYTES;
    unsigned max_depth = options && options->max_depth ? options->max_depth
                                                       : ISMS_DOCUMENT_MAX_DEPTH;
    if (!source)
        source = "<memory>";
    if (len > max_bytes)
        return isms__error_at(ISMS_ERANGE, source, 0, 0, "$: the document is %zu bytes, more "
                              "than the limit of %zu bytes", len, max_bytes);
    loader L;
    memset(&L, 0, sizeof L);
    L.text = data ? data : "";
    L.len = len;
    L.source = source;
    if (len >= 2 && (((unsigned char)data[0] == 0xFF && (unsigned char)data[1] == 0xFE) ||
                     ((unsigned char)data[0] == 0xFE && (unsigned char)data[1] == 0xFF)))
        return isms__error_at(ISMS_EPARSE, source, 1, 1, "$: the text is UTF-16, not UTF-8; "
                              "save it as UTF-8");
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) { /* a byte order mark */
        L.text += 3;
        L.len -= 3;
    }
    if (skip_ws(L.text, L.len, 0) == L.len)
        return isms__error_at(ISMS_EPARSE, source, 1, 1, "$: the document is empty");
    int rc = prescan(&L, max_depth);
    if (rc < 0)
        return rc;
    json_error_t err;
    memset(&err, 0, sizeof err); /* jansson leaves it unset when it cannot start */
    json_t *root = json_loadb(L.text, L.len, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &err);
    if (!root)
        return syntax_error(&L, &err, max_depth);
    rc = load_document(&L, root);
    json_decref(root);
    if (rc < 0) {
        isms_document_free(L.doc);
        return rc;
    }
    *out = L.doc;
    return ISMS_OK;
}


int isms_document_load(isms_document **out, const char *path, const isms_load_options *options)
{
    if (!out || !path)
        return isms__error(ISMS_EINVAL, "isms_document_load: NULL argument");
    size_t max_bytes = options && options->max_bytes ? options->max_bytes
                                                     : ISMS_DOCUMENT_MAX_BYTES;
    bool std_in = strcmp(path, "-") == 0;
    char *data = NULL;
    size_t len = 0;
    int rc = std_in ? isms__stdin_read(&data, &len, max_bytes)
                    : isms__file_read(&data, &len, path, max_bytes);
    if (rc == ISMS_ERANGE)
        return isms__error_at(rc, std_in ? "<stdin>" : path, 0, 0, "$: the document is larger "
                              "than the limit of %zu bytes", max_bytes);
    if (rc < 0)
        return rc;
    rc = isms_document_parse(out, data, len, std_in ? "<stdin>" : path, options);
    isms__free(data);
    return rc;
}
