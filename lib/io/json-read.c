/*
 * Reading JSON with errors that say where (lib/io/json-read.h): the checks of the raw text
 * before jansson, jansson's errors in our terms, the path of the node being read and the
 * getters that read a tree in a schema's terms. Shared by the document loader
 * (lib/io/doc-load.c) and the OSCAL catalog importer (lib/io/oscal-read.c).
 *
 * How it works:
 *  1. limits and encoding: the size limit, UTF-16 (also without a byte order mark), a UTF-8
 *     byte order mark (skipped), and one pass over the bytes (prescan) that checks the UTF-8
 *     (an error says what the bytes seem to be: cut short, Windows-1252, binary; see
 *     isms__not_utf8_advice()), NUL bytes outside strings (which jansson takes for the end of
 *     the text) and the nesting depth, so that jansson never sees text deeper than the limit
 *     and these errors have a position. The same pass
 *     finds a control character inside a string, which is refused before jansson reads it,
 *     and numbers or words long enough to trip jansson under allocation failure (scan_info:
 *     jansson then reads a padded copy);
 *  2. jansson parses the text (duplicate keys rejected); its syntax errors keep their text,
 *     pointed at the start of the token it names. Because jansson reports some of its
 *     allocation failures as syntax errors, a small validator (json_fault) tells the two
 *     apart on that error path;
 *  3. the caller walks the tree with the getters; every error names the JSON path of the node
 *     at fault ("$.risks[3].likelihod"); its line and column are found by scanning the text
 *     along that path (find_node). That scan only runs when there is an error.
 */
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "doc-internal.h"
#include "io-internal.h"
#include "json-read.h"
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

/*
 * The offset of the node that the path leads to: its value, or with `at_key` the key of its
 * last step. Where the text does not hold the path (it always does for a document jansson
 * read), the offset of the deepest node found.
 */
static size_t find_node(const char *s, size_t n, const isms__jr_seg *segs, size_t count,
                        bool at_key)
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
enum { PATH_TEXT_MAX = ISMS__JR_PATH_MAX - 8, KEY_TEXT_MAX = 64 };

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
                size_t sl = isms__utf8_len(k + i, show - i);
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

/* ---- the reader's path and its errors ------------------------------------------------------ */

void isms__jr_push_key(isms__jr *r, const char *key)
{
    if (r->depth < ISMS__JR_MAX_SEGS) {
        r->segs[r->depth].key = key;
        r->segs[r->depth].index = 0;
    }
    r->depth++;
}

void isms__jr_push_index(isms__jr *r, size_t index)
{
    if (r->depth < ISMS__JR_MAX_SEGS) {
        r->segs[r->depth].key = NULL;
        r->segs[r->depth].index = index;
    }
    r->depth++;
}

void isms__jr_pop(isms__jr *r)
{
    r->depth--;
}

static void seg_path(pathbuf *p, const isms__jr_seg *segs, size_t count)
{
    pb_init(p);
    for (size_t i = 0; i < count; i++) {
        if (segs[i].key)
            pb_key(p, segs[i].key, strlen(segs[i].key), false);
        else
            pb_index(p, segs[i].index);
    }
}

/* The steps of the current path that the reader keeps. */
static size_t kept_segs(const isms__jr *r)
{
    return r->depth < ISMS__JR_MAX_SEGS ? r->depth : ISMS__JR_MAX_SEGS;
}

/* The text of the current path ("…" at the end of one deeper than the reader keeps). */
static void current_path(pathbuf *p, const isms__jr *r)
{
    seg_path(p, r->segs, kept_segs(r));
    if (r->depth > ISMS__JR_MAX_SEGS)
        pb_put(p, "\xE2\x80\xA6", 3);
}

void isms__jr_path(const isms__jr *r, char *buf, size_t size)
{
    pathbuf p;
    current_path(&p, r);
    snprintf(buf, size, "%s", p.text);
}

/* Room for a message: as much as the thread's last error holds (1 KiB), so that a message cut
 * here, perhaps inside a character, is longer than what the error keeps after the path: the
 * error cuts it again, at a UTF-8 boundary (lib/base/error.c). */
enum { MSG_MAX = 1024 };

/* Sets the error `code` about the node at byte `off`, whose path is `p`: "<path>: <message>"
 * at its line and column. Returns `code`. */
static int vfail_node(const isms__jr *r, int code, size_t off, const pathbuf *p,
                      const char *fmt, va_list ap) ISMS__PRINTF(5, 0);
static int vfail_node(const isms__jr *r, int code, size_t off, const pathbuf *p,
                      const char *fmt, va_list ap)
{
    char msg[MSG_MAX];
    if (vsnprintf(msg, sizeof msg, fmt, ap) < 0)
        msg[0] = '\0';
    unsigned line, col;
    line_col(r->text, r->len, off, &line, &col);
    return isms__error_at(code, r->source, line, col, "%s: %s", p->text, msg);
}

int isms__jr_fail(isms__jr *r, int code, bool at_key, const char *fmt, ...)
{
    pathbuf p;
    current_path(&p, r);
    size_t off = find_node(r->text, r->len, r->segs, kept_segs(r), at_key);
    va_list ap;
    va_start(ap, fmt);
    code = vfail_node(r, code, off, &p, fmt, ap);
    va_end(ap);
    return code;
}

/* The core's ISMS_EINVAL (an argument it refuses: a blank title, a target that names no id, a
 * bad matrix) is content of the text that cannot be: ISMS_EPARSE. */
int isms__jr_relay(isms__jr *r, int rc)
{
    if (rc == ISMS_ENOMEM)
        return rc;
    if (rc == ISMS_EINVAL)
        rc = ISMS_EPARSE;
    char copy[MSG_MAX]; /* holds the whole last error */
    snprintf(copy, sizeof copy, "%s", isms_error_last()->message);
    return isms__jr_fail(r, rc, false, "%s", copy);
}

int isms__jr_fail_at(const isms__jr *r, int code, size_t off, const char *fmt, ...)
{
    pathbuf p;
    path_at(&p, r->text, r->len, off);
    va_list ap;
    va_start(ap, fmt);
    code = vfail_node(r, code, off, &p, fmt, ap);
    va_end(ap);
    return code;
}

/* ---- reading values ----------------------------------------------------------------------- */

const char *isms__jr_kind_of(const json_t *v)
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

int isms__jr_wrong_type(isms__jr *r, const json_t *v, const char *expected)
{
    if (json_is_real(v))
        return isms__jr_fail(r, ISMS_EPARSE, false, "expected %s, found the number %s",
                             expected, num(json_real_value(v)).s);
    return isms__jr_fail(r, ISMS_EPARSE, false, "expected %s, found %s", expected,
                         isms__jr_kind_of(v));
}

int isms__jr_member(isms__jr *r, json_t *obj, const char *key, unsigned flags, json_t **out)
{
    *out = json_object_get(obj, key);
    if (*out)
        return ISMS_OK;
    if (flags & ISMS__JR_REQ)
        return isms__jr_fail(r, ISMS_EPARSE, false, "missing key \"%s\"", key);
    return ISMS__JR_ABSENT;
}

int isms__jr_check_keys(isms__jr *r, json_t *obj, const char *const *names, size_t n)
{
    const char *key = NULL;
    json_t *v;
    json_object_foreach(obj, key, v) {
        if (isms__doc_lookup(names, n, key) >= 0)
            continue;
        isms__jr_push_key(r, key);
        const char *near = isms__doc_nearest(names, n, key);
        if (near)
            return isms__jr_fail(r, ISMS_EPARSE, true, "unknown key, did you mean \"%s\"?",
                                 near);
        char list[600]; /* the names are ASCII */
        isms__doc_describe(list, sizeof list, names, n);
        return isms__jr_fail(r, ISMS_EPARSE, true, "unknown key; the keys here are %s", list);
    }
    return ISMS_OK;
}

int isms__jr_as_object(isms__jr *r, json_t *v)
{
    return json_is_object(v) ? ISMS_OK : isms__jr_wrong_type(r, v, "an object");
}

int isms__jr_as_array(isms__jr *r, json_t *v)
{
    return json_is_array(v) ? ISMS_OK : isms__jr_wrong_type(r, v, "an array");
}

int isms__jr_as_string(isms__jr *r, json_t *v, unsigned flags, const char **out)
{
    if (!json_is_string(v))
        return isms__jr_wrong_type(r, v, "a string");
    const char *s = json_string_value(v);
    if ((flags & ISMS__JR_NONEMPTY) && !*s)
        return isms__jr_fail(r, ISMS_EPARSE, false, "must not be empty");
    *out = s;
    return ISMS_OK;
}

/* An integer in [lo, hi]; a number with a zero fraction (3.0) counts as one. */
int isms__jr_as_int(isms__jr *r, json_t *v, long long lo, long long hi, long long *out)
{
    long long x;
    if (json_is_integer(v)) {
        x = json_integer_value(v);
    } else if (json_is_real(v)) {
        double d = json_real_value(v);
        if (d != floor(d))
            return isms__jr_wrong_type(r, v, "an integer");
        if (!(d >= (double)lo && d <= (double)hi))
            return isms__jr_fail(r, ISMS_ERANGE, false, "%s is outside the range %lld–%lld",
                                 num(d).s, lo, hi);
        x = (long long)d;
    } else {
        return isms__jr_wrong_type(r, v, "an integer");
    }
    if (x < lo || x > hi) {
        if (hi == LLONG_MAX)
            return isms__jr_fail(r, ISMS_ERANGE, false, "%lld is below the minimum %lld", x,
                                 lo);
        return isms__jr_fail(r, ISMS_ERANGE, false, "%lld is outside the range %lld–%lld", x,
                             lo, hi);
    }
    *out = x;
    return ISMS_OK;
}

/* A number at least `lo` (above it when `lo_open`) and at most `hi`. */
int isms__jr_as_number(isms__jr *r, json_t *v, double lo, bool lo_open, double hi,
                       double *out)
{
    if (!json_is_number(v))
        return isms__jr_wrong_type(r, v, "a number");
    double d = json_number_value(v);
    if (lo_open && !(d > lo))
        return isms__jr_fail(r, ISMS_ERANGE, false, "%s must be greater than %s", num(d).s,
                             num(lo).s);
    if (!(d >= lo))
        return isms__jr_fail(r, ISMS_ERANGE, false, "%s is below the minimum %s", num(d).s,
                             num(lo).s);
    if (!(d <= hi))
        return isms__jr_fail(r, ISMS_ERANGE, false, "%s is above the maximum %s", num(d).s,
                             num(hi).s);
    *out = d;
    return ISMS_OK;
}

/* A value of a vocabulary: its index in `names`. */
int isms__jr_as_enum(isms__jr *r, json_t *v, const char *const *names, size_t n, int *out)
{
    const char *s = NULL;
    int rc = isms__jr_as_string(r, v, 0, &s);
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
        return isms__jr_fail(r, ISMS_EPARSE, false, "unknown value \"%.*s\", did you mean "
                             "\"%s\"? It is one of %s", Q(s), near, list);
    return isms__jr_fail(r, ISMS_EPARSE, false, "unknown value \"%.*s\"; it is one of %s", Q(s),
                         list);
}

/* A date written YYYY-MM-DD. */
int isms__jr_as_date(isms__jr *r, json_t *v, isms_date *out)
{
    const char *s = NULL;
    int rc = isms__jr_as_string(r, v, 0, &s);
    if (rc < 0)
        return rc;
    bool form = strlen(s) == 10 && s[4] == '-' && s[7] == '-';
    for (size_t i = 0; i < 10 && form; i++)
        if (i != 4 && i != 7 && !(s[i] >= '0' && s[i] <= '9'))
            form = false;
    if (!form)
        return isms__jr_fail(r, ISMS_EPARSE, false, "\"%.*s\" is not a date written "
                             "YYYY-MM-DD", Q(s));
    rc = isms_date_parse(out, s);
    return rc < 0 ? isms__jr_relay(r, rc) : ISMS_OK;
}

/* The getters read the member with isms__jr_enter(), which adds its key to the path, and end
 * with isms__jr_leave(), which takes the key off again when the member was read (an error
 * keeps the path at the member). */
int isms__jr_enter(isms__jr *r, json_t *obj, const char *key, unsigned flags, json_t **v)
{
    int rc = isms__jr_member(r, obj, key, flags, v);
    if (rc == ISMS_OK)
        isms__jr_push_key(r, key);
    return rc;
}

int isms__jr_leave(isms__jr *r, int rc)
{
    if (rc >= 0)
        isms__jr_pop(r);
    return rc;
}

int isms__jr_get_object(isms__jr *r, json_t *obj, const char *key, unsigned flags,
                        json_t **out)
{
    int rc = isms__jr_enter(r, obj, key, flags, out);
    return rc != ISMS_OK ? rc : isms__jr_leave(r, isms__jr_as_object(r, *out));
}

int isms__jr_get_array(isms__jr *r, json_t *obj, const char *key, unsigned flags,
                       json_t **out)
{
    int rc = isms__jr_enter(r, obj, key, flags, out);
    return rc != ISMS_OK ? rc : isms__jr_leave(r, isms__jr_as_array(r, *out));
}

int isms__jr_get_string(isms__jr *r, json_t *obj, const char *key, unsigned flags,
                        const char **out)
{
    json_t *v;
    int rc = isms__jr_enter(r, obj, key, flags, &v);
    return rc != ISMS_OK ? rc : isms__jr_leave(r, isms__jr_as_string(r, v, flags, out));
}

int isms__jr_get_int(isms__jr *r, json_t *obj, const char *key, unsigned flags, long long lo,
                     long long hi, long long *out)
{
    json_t *v;
    int rc = isms__jr_enter(r, obj, key, flags, &v);
    return rc != ISMS_OK ? rc : isms__jr_leave(r, isms__jr_as_int(r, v, lo, hi, out));
}

int isms__jr_get_number(isms__jr *r, json_t *obj, const char *key, unsigned flags, double lo,
                        bool lo_open, double hi, double *out)
{
    json_t *v;
    int rc = isms__jr_enter(r, obj, key, flags, &v);
    return rc != ISMS_OK ? rc
                         : isms__jr_leave(r, isms__jr_as_number(r, v, lo, lo_open, hi, out));
}

int isms__jr_get_bool(isms__jr *r, json_t *obj, const char *key, bool *out)
{
    json_t *v;
    int rc = isms__jr_enter(r, obj, key, 0, &v);
    if (rc != ISMS_OK)
        return rc;
    if (!json_is_boolean(v))
        return isms__jr_wrong_type(r, v, "true or false");
    *out = json_is_true(v);
    return isms__jr_leave(r, ISMS_OK);
}

int isms__jr_get_enum(isms__jr *r, json_t *obj, const char *key, unsigned flags,
                      const char *const *names, size_t n, int *out)
{
    json_t *v;
    int rc = isms__jr_enter(r, obj, key, flags, &v);
    return rc != ISMS_OK ? rc : isms__jr_leave(r, isms__jr_as_enum(r, v, names, n, out));
}

int isms__jr_get_date(isms__jr *r, json_t *obj, const char *key, isms_date *out)
{
    json_t *v;
    int rc = isms__jr_enter(r, obj, key, 0, &v);
    return rc != ISMS_OK ? rc : isms__jr_leave(r, isms__jr_as_date(r, v, out));
}

int isms__jr_relay_at(isms__jr *r, const char *key, int rc)
{
    isms__jr_push_key(r, key);
    return isms__jr_relay(r, rc);
}

int isms__jr_each(isms__jr *r, json_t *arr, isms__jr_element_fn fn, void *ctx)
{
    for (size_t i = 0; i < json_array_size(arr); i++) {
        isms__jr_push_index(r, i);
        int rc = fn(r, arr, i, ctx);
        if (rc < 0)
            return rc;
        isms__jr_pop(r);
    }
    return ISMS_OK;
}

int isms__jr_enter_array(isms__jr *r, json_t *obj, const char *key, unsigned flags,
                         json_t **out)
{
    int rc = isms__jr_get_array(r, obj, key, flags, out);
    if (rc == ISMS_OK)
        isms__jr_push_key(r, key);
    return rc;
}

int isms__jr_list(isms__jr *r, json_t *obj, const char *key, unsigned flags,
                  isms__jr_element_fn fn, void *ctx)
{
    json_t *arr;
    int rc = isms__jr_enter_array(r, obj, key, flags, &arr);
    return rc != ISMS_OK ? rc : isms__jr_leave(r, isms__jr_each(r, arr, fn, ctx));
}

int isms__jr_enter_object(isms__jr *r, json_t *obj, const char *key, unsigned flags,
                          const char *const *names, size_t n, json_t **out)
{
    int rc = isms__jr_get_object(r, obj, key, flags, out);
    if (rc != ISMS_OK)
        return rc;
    isms__jr_push_key(r, key);
    return isms__jr_check_keys(r, *out, names, n);
}

/* ---- the text before jansson -------------------------------------------------------------- */

/*
 * What the prescan learns besides its errors, for the guards in isms__jr_open().
 *
 * jansson 2.14 keeps the text of the token it reads in a buffer of 16 bytes at first, which
 * grows as a token needs it and is kept for the next token; a failure to grow it is ignored
 * (the byte is lost). Where a token ends on a byte that jansson reads and then takes back (a
 * number or a bare word, at the byte after it; a string, at a control character), jansson
 * fails an assertion (lex_unget_unsave) when that byte was lost, and the program aborts. That
 * happens only when the buffer had to grow inside that token: a token of at least 15 bytes
 * and at least as long as every one before it.
 */
typedef struct scan_info {
    size_t first;          /* the offset of the first byte that is not white space */
    size_t longest_string; /* the longest string so far, in bytes with its quotes */
    size_t long_run;       /* the longest bare token that might grow the buffer (0: none) */
    size_t long_run_at;    /* where the first of them starts (SIZE_MAX: none) */
    size_t control_at;     /* the first control character in a string (SIZE_MAX: none) */
    size_t control_string; /* where that string starts */
} scan_info;

/* A bare token is a run of bytes outside strings that are neither white space nor one of
 * {}[]:," (a number, a word, or something jansson refuses). It counts as a danger by its
 * whole length, which may hold several of jansson's tokens ("12abc"): never less. */
static void end_run(scan_info *si, size_t at, size_t len)
{
    if (len < 15 || len < si->longest_string)
        return;
    if (len > si->long_run)
        si->long_run = len;
    if (at < si->long_run_at)
        si->long_run_at = at;
}

/* Whether the escape at s[i] (a backslash in a string) is one that jansson reads on. */
static bool escape_ok(const char *s, size_t n, size_t i)
{
    char e = i + 1 < n ? s[i + 1] : '\0';
    if (e == 'u')
        return hex4(s, n, i + 2) >= 0;
    return e != '\0' && strchr("\"\\/bfnrt", e) != NULL;
}

/* The error for byte `at`, which is not UTF-8: a character cut short by the end of the text,
 * or what the bytes seem to be (isms__not_utf8_advice()). */
static int not_utf8(const isms__jr *r, size_t at)
{
    unsigned char c = (unsigned char)r->text[at];
    if (isms__utf8_cut_at(r->text, r->len, at))
        return isms__jr_fail_at(r, ISMS_EPARSE, at, "the text ends in the middle of a UTF-8 "
                                "character (byte 0x%02X); the file seems to be cut short", c);
    char advice[200];
    isms__not_utf8_advice(advice, sizeof advice, r->text, r->len, at);
    return isms__jr_fail_at(r, ISMS_EPARSE, at, "the text is not UTF-8 (byte 0x%02X); save it as "
                            "UTF-8%s%s%s", c, advice[0] ? " (" : "", advice,
                            advice[0] ? ")" : "");
}

/* The error for a NUL byte outside a string, at `at`. */
static int nul_outside(const isms__jr *r, size_t at)
{
    char advice[200];
    isms__not_utf8_advice(advice, sizeof advice, r->text, r->len, at);
    return isms__jr_fail_at(r, ISMS_EPARSE, at, "a NUL byte, which JSON text cannot hold%s%s%s",
                            advice[0] ? " (" : "", advice, advice[0] ? ")" : "");
}

/*
 * One pass over the text: the first byte that is not UTF-8, and the first '[' or '{' that
 * opens a level deeper than `max_depth` (outside strings), which are errors; and for the
 * guards, the first control character inside a string (before any escape that jansson stops
 * at) and the bare tokens that might grow jansson's buffer. Returns ISMS_OK or the error.
 */
static int prescan(const isms__jr *r, unsigned max_depth, scan_info *si)
{
    const unsigned char *p = (const unsigned char *)r->text;
    size_t n = r->len, depth = 0;
    bool in_string = false, bad_escape = false;
    size_t i = 0, string_at = 0, run_at = SIZE_MAX;
    si->first = skip_ws(r->text, n, 0);
    si->longest_string = 0;
    si->long_run = 0;
    si->long_run_at = SIZE_MAX;
    si->control_at = SIZE_MAX;
    si->control_string = 0;
    while (i < n) {
        unsigned char c = p[i];
        if (c >= 0x80) {
            size_t len = isms__utf8_len(r->text + i, n - i);
            if (len == 0)
                return not_utf8(r, i);
            if (!in_string && run_at == SIZE_MAX)
                run_at = i;
            i += len;
            continue;
        }
        if (in_string) {
            if (c == '\\') {
                if (!escape_ok(r->text, n, i))
                    bad_escape = true; /* jansson stops there: nothing after it is read */
                if (i + 1 < n && p[i + 1] < 0x80)
                    i++;
            } else if (c == '"') {
                in_string = false;
                if (i + 1 - string_at > si->longest_string)
                    si->longest_string = i + 1 - string_at;
            } else if (c < 0x20 && !bad_escape && si->control_at == SIZE_MAX) {
                si->control_at = i;
                si->control_string = string_at;
            }
            i++;
            continue;
        }
        if (c == 0x00) /* jansson would take it for the end of the text */
            return nul_outside(r, i);
        bool bare = true;
        switch (c) {
        case ' ': case '\t': case '\n': case '\r': case '{': case '}': case '[': case ']':
        case ':': case ',': case '"':
            bare = false;
            break;
        default:
            break;
        }
        if (bare) {
            if (run_at == SIZE_MAX)
                run_at = i;
            i++;
            continue;
        }
        if (run_at != SIZE_MAX) {
            end_run(si, run_at, i - run_at);
            run_at = SIZE_MAX;
        }
        if (c == '"') {
            in_string = true;
            string_at = i;
        } else if (c == '[' || c == '{') {
            if (++depth > max_depth)
                return isms__jr_fail_at(r, ISMS_ERANGE, i, "nested deeper than %u level%s",
                                        max_depth, max_depth == 1 ? "" : "s");
        } else if ((c == ']' || c == '}') && depth > 0) {
            depth--;
        }
        i++;
    }
    if (run_at != SIZE_MAX)
        end_run(si, run_at, n - run_at);
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

/* Whether byte `off` of the text lies inside a string (between its quotes). */
static bool in_string(const char *s, size_t n, size_t off)
{
    for (size_t i = 0; i < off;) {
        if (s[i] != '"') {
            i++;
            continue;
        }
        i = skip_string(s, n, i);
        if (i > off)
            return true;
    }
    return false;
}

/* A byte of a number or a word. */
static bool word_byte(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           c == '.' || c == '+' || c == '-';
}

/* Turns jansson's error into ours: the offset of the token it names when it can be found,
 * with the path there. */
static int syntax_error(const isms__jr *r, const json_error_t *err, unsigned max_depth)
{
    /* jansson says nothing when it cannot start for want of memory, and reports some other
     * allocation failures as errors in the text: an error raised before the text's first
     * fault means the same, and so does one raised after a string that ends right at it
     * (jansson allocates for strings; a fault it finds is inside the token it read, or just
     * after a number, whose next byte it takes back). */
    enum json_error_code code = json_error_code(err);
    size_t pos = err->position > 0 ? (size_t)err->position : 0;
    if (err->text[0] == '\0' || code == json_error_out_of_memory)
        return isms__error_nomem();
    if (code != json_error_duplicate_key && code != json_error_stack_overflow) {
        size_t fault = json_fault(r->text, r->len);
        if (pos < fault || (pos == fault && pos > 0 && pos <= r->len &&
                            r->text[pos - 1] == '"' && code != json_error_premature_end_of_input))
            return isms__error_nomem();
        /* jansson's "\u0000 is not allowed without JSON_ALLOW_NUL" (and "NUL byte in object
         * key not supported") speak of its flags: say what is wrong, at the escape itself
         * (the validator stops at its backslash). An error jansson raised on that string for
         * want of memory ("invalid token") gets the same answer: the text's first fault. */
        if (fault < r->len - 1 && r->text[fault] == '\\' && r->text[fault + 1] == 'u' &&
            hex4(r->text, r->len, fault + 2) == 0 && in_string(r->text, r->len, fault)) {
            /* In a key when a ':' follows the string. */
            size_t after = skip_ws(r->text, r->len, skip_string(r->text, r->len, fault - 1));
            bool key = after < r->len && r->text[after] == ':';
            return isms__jr_fail_at(r, ISMS_EPARSE, fault, "\\u0000 (a null character) inside "
                                    "a %s: a %s cannot hold it", key ? "key" : "string",
                                    key ? "key" : "string");
        }
    }
    if (pos > r->len)
        pos = r->len;
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
            if (tlen > 0 && tlen <= end && memcmp(r->text + end - tlen, tok, tlen) == 0) {
                off = end - tlen;
                break;
            }
        }
    } else if (code != json_error_premature_end_of_input) {
        /* Without the token (jansson quotes none longer than 20 bytes): a number or a word
         * that ends where jansson stopped starts where that run of bytes does. */
        while (off < pos && off > 0 && word_byte(r->text[off - 1]) && word_byte(r->text[off]))
            off--;
    }
    /* jansson's text quotes the token as far as it read it, which may end inside a
     * character (an escape before a multibyte one): keep only whole characters. */
    char text[sizeof err->text + 1];
    size_t used = 0;
    for (size_t i = 0; err->text[i] && i < sizeof err->text;) {
        size_t sl = (unsigned char)err->text[i] < 0x80 ? 1
                    : isms__utf8_len(err->text + i, strlen(err->text + i));
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
        return isms__jr_fail_at(r, ISMS_EPARSE, off, "the key %.*s is given twice",
                                near ? (int)tlen : 0, near ? near + 7 : "");
    case json_error_stack_overflow:
        return isms__jr_fail_at(r, ISMS_ERANGE, off, "nested deeper than %u level%s", max_depth,
                                max_depth == 1 ? "" : "s");
    default:
        return isms__jr_fail_at(r, ISMS_EPARSE, off, "syntax error: %s", text);
    }
}

/* A control character inside a string, at byte `at`: where it is and how to write it. */
static int control_error(const isms__jr *r, size_t at)
{
    unsigned char c = (unsigned char)r->text[at];
    const char *name = NULL, *escape = NULL;
    switch (c) {
    case 0x00: name = "a null character"; break;
    case '\b': name = "a backspace"; escape = "\\b"; break;
    case '\t': name = "a tab"; escape = "\\t"; break;
    case '\n': name = "a line break"; escape = "\\n"; break;
    case '\f': name = "a form feed"; escape = "\\f"; break;
    case '\r': name = "a carriage return"; escape = "\\r"; break;
    default: break;
    }
    char what[32], how[48];
    snprintf(what, sizeof what, "U+%04X%s%s", c, name ? ", " : "", name ? name : "");
    if (c == 0x00)
        snprintf(how, sizeof how, "remove it (a string cannot hold it)");
    else if (escape)
        snprintf(how, sizeof how, "write it as %s", escape);
    else
        snprintf(how, sizeof how, "write it as \\u%04x", c);
    return isms__jr_fail_at(r, ISMS_EPARSE, at, "a control character (%s) inside a string; %s",
                            what, how);
}

/*
 * jansson's reading of a text in which it would meet a bare token that might grow its buffer
 * (scan_info): it reads a copy in which a string longer than every token of the text comes
 * first, so that the buffer has grown before any bare token and never grows inside one. The
 * string goes right after the root's opening bracket, as a member ("____": 0) or an element,
 * and is taken out of the tree again; a root that is not an array or an object is put in an
 * array after it (`close`: with its closing bracket, for a text without errors). The string
 * cannot be a key of the text: it is longer than every string there. `*at` receives where
 * the copy's added bytes go, `*added` how many come before the rest of the text.
 * NULL with *nomem when the copy cannot be made; NULL with `err` set as jansson sets it.
 */
static json_t *load_padded(const isms__jr *r, const scan_info *si, bool close, size_t *at,
                           size_t *added, json_error_t *err, bool *nomem)
{
    const char *s = r->text;
    char open = s[si->first];
    bool container = open == '{' || open == '[';
    size_t key = (si->longest_string > si->long_run ? si->longest_string : si->long_run) + 2;
    size_t ins = container ? si->first + 1 : si->first;
    bool comma = true;
    if (container) {
        size_t next = skip_ws(s, r->len, ins);
        comma = !(next < r->len && s[next] == (open == '{' ? '}' : ']'));
    }
    /* [ "key" :0 , ... ] */
    size_t pre = !container + key + 2 + (open == '{' ? 2 : 0) + comma;
    size_t post = !container && close;
    *at = ins;
    *added = pre;
    *nomem = false;
    char *copy = isms__malloc(r->len + pre + post); /* the text is at most 64 MiB */
    if (!copy) {
        *nomem = true;
        return NULL;
    }
    char *w = copy;
    memcpy(w, s, ins);
    w += ins;
    if (!container)
        *w++ = '[';
    *w++ = '"';
    memset(w, '_', key);
    w += key;
    *w++ = '"';
    if (open == '{') {
        *w++ = ':';
        *w++ = '0';
    }
    if (comma)
        *w++ = ',';
    memcpy(w, s + ins, r->len - ins);
    w += r->len - ins;
    if (post)
        *w++ = ']';
    json_t *root = json_loadb(copy, (size_t)(w - copy), JSON_REJECT_DUPLICATES |
                              JSON_DECODE_ANY, err);
    if (root && open == '{') {
        copy[ins + 1 + key] = '\0'; /* the key's closing quote */
        json_object_del(root, copy + ins + 1);
    } else if (root && open == '[') {
        json_array_remove(root, 0);
    } else if (root) {
        json_t *v = json_incref(json_array_get(root, 1));
        json_decref(root);
        root = v;
    }
    isms__free(copy);
    return root;
}

/*
 * Parses the checked text with the guards described at scan_info: a control character in a
 * string that jansson would reach is our error (jansson's column for it is one too small),
 * and bare tokens that might grow jansson's buffer are read from a padded copy (errors keep
 * jansson's text, at their places in the original).
 */
static int load(const isms__jr *r, const scan_info *si, unsigned max_depth, json_t **root)
{
    const size_t flags = JSON_REJECT_DUPLICATES | JSON_DECODE_ANY;
    json_error_t err;
    memset(&err, 0, sizeof err); /* jansson leaves it unset when it cannot start */
    size_t fault = SIZE_MAX;
    bool faulted = false;
    /* jansson reaches the string when nothing before it is at fault (it reads the token at
     * the fault whole), and the character when no escape before it stops it. */
    if (si->control_at != SIZE_MAX) {
        fault = json_fault(r->text, r->len);
        faulted = true;
        if (fault >= si->control_string)
            return control_error(r, si->control_at);
    }
    if (si->long_run == 0) {
        *root = json_loadb(r->text, r->len, flags, &err);
        return *root ? ISMS_OK : syntax_error(r, &err, max_depth);
    }
    char open = r->text[si->first];
    bool close = true;
    if (open != '{' && open != '[') {
        /* A root that is neither: only it and the token after it are read. */
        if (!faulted)
            fault = json_fault(r->text, r->len);
        if (fault != SIZE_MAX && si->long_run_at > fault) { /* jansson stops before */
            *root = json_loadb(r->text, r->len, flags, &err);
            return *root ? ISMS_OK : syntax_error(r, &err, max_depth);
        }
        close = fault == SIZE_MAX;
        /* In the array the copy makes, a ',' or ']' after the root would be read as the
         * array's: jansson would say that it expected the end of the text there. */
        if (!close && fault < r->len && (r->text[fault] == ',' || r->text[fault] == ']') &&
            json_fault(r->text, fault) == SIZE_MAX)
            return isms__jr_fail_at(r, ISMS_EPARSE, fault, "syntax error: end of file "
                                    "expected near '%c'", r->text[fault]);
    }
    size_t at, added;
    bool nomem;
    *root = load_padded(r, si, close, &at, &added, &err, &nomem);
    if (*root)
        return ISMS_OK;
    if (nomem || err.text[0] == '\0')
        return isms__error_nomem();
    size_t pos = err.position > 0 ? (size_t)err.position : 0;
    if (pos > at && pos < at + added)
        return isms__error_nomem(); /* in the string added: only memory can fail there */
    if (pos >= at + added)
        pos -= added;
    err.position = (int)pos;
    /* After a root that is not an array or an object, the copy's array expected its end
     * where the text expects the end of the text. */
    static const char expected[] = "']' expected";
    if (!close && strncmp(err.text, expected, sizeof expected - 1) == 0) {
        char text[sizeof err.text + 16];
        snprintf(text, sizeof text, "end of file expected%s", err.text + sizeof expected - 1);
        memcpy(err.text, text, sizeof err.text - 1); /* cut as jansson cuts its text */
        err.text[sizeof err.text - 1] = '\0';
    }
    return syntax_error(r, &err, max_depth);
}

int isms__jr_open(isms__jr *r, json_t **root, const char *data, size_t len, const char *source,
                  size_t max_bytes, unsigned max_depth, const char *what)
{
    *root = NULL;
    memset(r, 0, sizeof *r);
    if (!source)
        source = "<memory>";
    r->text = data ? data : "";
    r->len = len;
    r->source = source;
    if (len > max_bytes)
        return isms__error_at(ISMS_ERANGE, source, 0, 0, "$: %s is %zu bytes, more than the "
                              "limit of %zu bytes", what, len, max_bytes);
    if (len >= 2 && (((unsigned char)data[0] == 0xFF && (unsigned char)data[1] == 0xFE) ||
                     ((unsigned char)data[0] == 0xFE && (unsigned char)data[1] == 0xFF)))
        return isms__error_at(ISMS_EPARSE, source, 1, 1, "$: the text is UTF-16, not UTF-8; "
                              "save it as UTF-8");
    const char *seems = NULL;
    if (isms__sniff(data, len, &seems) == ISMS__SEEMS_UTF16)
        return isms__error_at(ISMS_EPARSE, source, 1, 1, "$: the file is %s, not UTF-8; save "
                              "it as UTF-8", seems);
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) { /* a byte order mark */
        r->text += 3;
        r->len -= 3;
    }
    if (skip_ws(r->text, r->len, 0) == r->len)
        return isms__error_at(ISMS_EPARSE, source, 1, 1, "$: %s is empty", what);
    scan_info si;
    int rc = prescan(r, max_depth, &si);
    return rc < 0 ? rc : load(r, &si, max_depth, root);
}
