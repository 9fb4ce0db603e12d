/*
 * The streaming JSON writer (json-internal.h) and the text of JSON numbers
 * (isms__doc_double()).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc-internal.h"
#include "json-internal.h"

/* A newline and enough indentation for ISMS__JSON_MAX_DEPTH levels. */
static const char newline_indent[] = "\n"
                                     "                                "
                                     "                                ";

void isms__json_init(isms__json *w, isms__buf *out, const char *subject, unsigned flags)
{
    memset(w, 0, sizeof *w);
    w->out = out;
    w->subject = subject;
    w->script_safe = (flags & ISMS__JSON_SCRIPT_SAFE) != 0;
    w->path[0].flat = true; /* values at the top need no separator */
}

/* ---- the buffer ---------------------------------------------------------------------- */

bool isms__json_grow(isms__json *w, size_t n)
{
    isms__buf *b = w->out;
    if (w->err == ISMS_ENOMEM)
        return false;
    if (b->failed || n > SIZE_MAX - b->len - 1 ||
        !isms__grow((void **)&b->data, &b->cap, b->len + n + 1, 1)) {
        w->err = ISMS_ENOMEM;
        b->failed = true;
        return false;
    }
    return true;
}

/* Ends a write of reserved room at `o`: the length and the NUL. */
static inline void commit(isms__json *w, char *o)
{
    *o = '\0';
    w->out->len = (size_t)(o - w->out->data);
}

void isms__json_raw(isms__json *w, const char *s, size_t n)
{
    if (!isms__json_reserve(w, n))
        return;
    char *o = w->out->data + w->out->len;
    memcpy(o, s, n);
    commit(w, o + n);
}

#define RAW_LIT(w, lit) isms__json_raw((w), (lit), sizeof(lit) - 1)

/* The path of the value being written, "$.risks[3].title", for error messages. */
static void describe_path(char *buf, size_t size, const isms__json *w)
{
    size_t used = 0;
    int n = snprintf(buf, size, "$");
    if (n > 0)
        used = (size_t)n;
    for (int d = 1; d <= w->depth && used < size; d++) {
        const isms__json_level *p = &w->path[d];
        if (p->array)
            n = snprintf(buf + used, size - used, "[%zu]", p->index);
        else
            n = snprintf(buf + used, size - used, ".%s", p->key ? p->key : "");
        if (n < 0)
            break;
        used += (size_t)n;
    }
}

void isms__json_invalid(isms__json *w, const char *what)
{
    if (w->err)
        return;
    char path[256];
    describe_path(path, sizeof path, w);
    w->err = isms__error(ISMS_EINVAL, "cannot write %s: %s: %s",
                         w->subject ? w->subject : "JSON", path, what);
}

/* ---- structure ----------------------------------------------------------------------- */

/* Starts a value or a key in the innermost container: the comma, then the line break and
 * indentation, or in a flat container a space. Makes room for `n` bytes more; returns where
 * they go, or NULL when out of memory. */
static char *begin(isms__json *w, size_t n)
{
    bool flat = w->path[w->depth].flat;
    size_t indent = flat ? 0 : (size_t)w->depth * 2;
    if (!isms__json_reserve(w, indent + n + 2))
        return NULL;
    char *o = w->out->data + w->out->len;
    if (!w->first)
        *o++ = ',';
    if (!flat) {
        memcpy(o, newline_indent, indent + 1);
        o += indent + 1;
    } else if (!w->first) {
        *o++ = ' ';
    }
    w->first = false;
    return o;
}

void isms__json_key(isms__json *w, const char *key, size_t n)
{
    w->path[w->depth].key = key;
    char *o = begin(w, n + 4);
    if (!o)
        return;
    *o++ = '"';
    memcpy(o, key, n);
    o += n;
    *o++ = '"';
    *o++ = ':';
    *o++ = ' ';
    commit(w, o);
}

void isms__json_key_text(isms__json *w, const char *key)
{
    w->path[w->depth].key = key;
    char *o = begin(w, 0);
    if (!o)
        return;
    commit(w, o);
    isms__json_string(w, key);
    RAW_LIT(w, ": ");
}

void isms__json_element(isms__json *w)
{
    isms__json_level *p = &w->path[w->depth];
    if (w->first)
        p->index = 0;
    else
        p->index++;
    char *o = begin(w, 0);
    if (o)
        commit(w, o);
}

static void open_container(isms__json *w, char c, bool array, bool flat)
{
    if (w->depth >= ISMS__JSON_MAX_DEPTH) {
        isms__json_invalid(w, "nested too deeply");
        return;
    }
    isms__json_raw(w, &c, 1);
    w->depth++;
    isms__json_level *p = &w->path[w->depth];
    p->array = array;
    /* what a flat container holds is on its line too */
    p->flat = flat || (w->depth > 1 && w->path[w->depth - 1].flat);
    p->key = NULL;
    p->index = 0;
    w->first = true;
}

void isms__json_open_object(isms__json *w, bool flat)
{
    open_container(w, '{', false, flat);
}

void isms__json_open_array(isms__json *w, bool flat)
{
    open_container(w, '[', true, flat);
}

void isms__json_close(isms__json *w)
{
    if (w->depth <= 0)
        return;
    const isms__json_level *p = &w->path[w->depth];
    bool flat = p->flat;
    char c = p->array ? ']' : '}';
    w->depth--;
    if (!w->first && !flat)
        isms__json_raw(w, newline_indent, (size_t)w->depth * 2 + 1);
    isms__json_raw(w, &c, 1);
    w->first = false;
}

/* ---- strings ------------------------------------------------------------------------- */

/* Bytes that go into a JSON string as they are, without a closer look: printable ASCII but
 * the quote and the backslash (bit 0: by default; bit 1: script-safe, which also excludes
 * '<', '>', '&' and DEL). Control characters need escapes; bytes of 0x80 and above must form
 * valid UTF-8. */
static const unsigned char plain[256] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0x00 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0x10 */
    3, 3, 0, 3, 3, 3, 1, 3, 3, 3, 3, 3, 3, 3, 3, 3, /* 0x20 */
    3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 1, 3, 1, 3, /* 0x30 */
    3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, /* 0x40 */
    3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 0, 3, 3, 3, /* 0x50 */
    3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, /* 0x60 */
    3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 1, /* 0x70 */
};

static inline unsigned plain_mask(const isms__json *w)
{
    return w->script_safe ? 2u : 1u;
}

/* The short escape of an ASCII byte that is not plain ('n' for a newline), or 0 when it is
 * written as \u00XX. Script-safe text uses only \" \\ \n \r \t. */
static char short_escape(const isms__json *w, unsigned char c)
{
    switch (c) {
    case '"': return '"';
    case '\\': return '\\';
    case '\n': return 'n';
    case '\t': return 't';
    case '\r': return 'r';
    case '\b': return w->script_safe ? 0 : 'b';
    case '\f': return w->script_safe ? 0 : 'f';
    default: return 0;
    }
}

/* In script-safe text, true when the valid UTF-8 sequence of `k` bytes at `p` is a C1
 * control (U+0080 to U+009F) or U+2028/U+2029, which are written as \uXXXX. */
static bool script_escaped(const unsigned char *p, size_t k)
{
    return (k == 2 && p[0] == 0xC2 && p[1] <= 0x9F) ||
           (k == 3 && p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0xA8 || p[2] == 0xA9));
}

static char *put_u(char *o, unsigned cp)
{
    static const char hex[] = "0123456789abcdef";
    *o++ = '\\';
    *o++ = 'u';
    *o++ = hex[(cp >> 12) & 15];
    *o++ = hex[(cp >> 8) & 15];
    *o++ = hex[(cp >> 4) & 15];
    *o++ = hex[cp & 15];
    return o;
}

/* Writes the `n` bytes of text as a JSON string; the bytes before `from` are plain (need no
 * closer look). */
static void string_from(isms__json *w, const char *text, size_t n, const char *from)
{
    const unsigned char *s = (const unsigned char *)text, *end = s + n;
    const unsigned char *p = (const unsigned char *)from;
    unsigned mask = plain_mask(w);
    size_t extra = 0;
    while (p < end) { /* the slow part: check the UTF-8 and count the escapes */
        if (*p >= 0x80) {
            size_t k = isms__utf8_len((const char *)p, (size_t)(end - p));
            if (!k && !w->script_safe) {
                char what[96];
                snprintf(what, sizeof what, "the text is not valid UTF-8 (byte %zu is 0x%02X)",
                         (size_t)(p - s) + 1, *p);
                isms__json_invalid(w, what);
                return;
            }
            if (!k) /* \ufffd for the byte */
                extra += 5;
            else if (w->script_safe && script_escaped(p, k))
                extra += 6 - k;
            p += k ? k : 1;
        } else {
            if (!(plain[*p] & mask))
                extra += short_escape(w, *p) ? 1 : 5;
            p++;
        }
    }
    if (n > SIZE_MAX / 2 || !isms__json_reserve(w, n + extra + 2))
        return;
    char *o = w->out->data + w->out->len;
    *o++ = '"';
    if (!extra) {
        memcpy(o, text, n);
        o += n;
    } else {
        for (p = s; p < end;) {
            unsigned char c = *p;
            if (c < 0x80) {
                if (plain[c] & mask) {
                    *o++ = (char)c;
                } else {
                    char e = short_escape(w, c);
                    if (e) {
                        *o++ = '\\';
                        *o++ = e;
                    } else {
                        o = put_u(o, c);
                    }
                }
                p++;
                continue;
            }
            size_t k = isms__utf8_len((const char *)p, (size_t)(end - p));
            if (!k) {
                o = put_u(o, 0xFFFD);
                p++;
            } else if (w->script_safe && script_escaped(p, k)) {
                o = put_u(o, k == 2 ? ((p[0] & 0x1Fu) << 6 | (p[1] & 0x3Fu))
                                    : 0x2000u | (p[2] & 0x3Fu));
                p += k;
            } else {
                memcpy(o, p, k);
                o += k;
                p += k;
            }
        }
    }
    *o++ = '"';
    commit(w, o);
}

void isms__json_string_n(isms__json *w, const char *text, size_t n)
{
    const unsigned char *p = (const unsigned char *)text, *end = p + n;
    unsigned mask = plain_mask(w);
    while (p < end && (plain[*p] & mask))
        p++;
    string_from(w, text, n, (const char *)p);
}

/* Most texts are plain ASCII up to their end: one pass finds both that and the length. */
void isms__json_string(isms__json *w, const char *text)
{
    if (!text) {
        isms__json_invalid(w, "a text is missing");
        return;
    }
    const unsigned char *p = (const unsigned char *)text;
    unsigned mask = plain_mask(w);
    while (plain[*p] & mask) /* stops at the NUL, which is not plain */
        p++;
    size_t n = (size_t)((const char *)p - text);
    if (*p) {
        string_from(w, text, n + strlen((const char *)p), (const char *)p);
        return;
    }
    if (!isms__json_reserve(w, n + 2))
        return;
    char *o = w->out->data + w->out->len;
    *o++ = '"';
    memcpy(o, text, n);
    o += n;
    *o++ = '"';
    commit(w, o);
}

/* ---- other values -------------------------------------------------------------------- */

void isms__json_uint(isms__json *w, uint64_t v)
{
    char buf[24];
    char *e = buf + sizeof buf, *o = e;
    do {
        *--o = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    isms__json_raw(w, o, (size_t)(e - o));
}

void isms__json_int(isms__json *w, long long v)
{
    char buf[24];
    char *e = buf + sizeof buf, *o = e;
    unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
    do {
        *--o = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0)
        *--o = '-';
    isms__json_raw(w, o, (size_t)(e - o));
}

int isms__doc_double(char *buf, size_t size, double v)
{
    if (!buf || size < 32 || !isfinite(v))
        return 0;
    if (v == floor(v) && fabs(v) < 1e15) { /* whole numbers as integers, exactly */
        long long i = (long long)v;
        return snprintf(buf, size, "%lld", i);
    }
    /* The first precision that reads back to the same double is the shortest. printf and
     * strtod follow LC_NUMERIC alike, so the check holds in any locale; the decimal point is
     * made a '.' afterwards. */
    int n = 0;
    for (int prec = 15; prec <= 17; prec++) {
        n = snprintf(buf, size, "%.*g", prec, v);
        if (n <= 0 || (size_t)n >= size)
            return 0;
        if (strtod(buf, NULL) == v)
            break;
    }
    /* A locale's decimal point is whatever lies between the digits that is not a digit,
     * a sign or an exponent. */
    char *p = buf, *o = buf;
    bool point = false;
    for (; *p; p++) {
        char c = *p;
        if ((c >= '0' && c <= '9') || c == '-' || c == '+' || c == 'e' || c == 'E') {
            *o++ = c;
        } else if (!point) {
            *o++ = '.';
            point = true;
        }
    }
    *o = '\0';
    return (int)(o - buf);
}

void isms__json_number(isms__json *w, double v)
{
    char buf[40];
    int n = isms__doc_double(buf, sizeof buf, v);
    if (n <= 0) {
        isms__json_invalid(w, isnan(v) ? "a number is not a number (NaN)"
                                       : "a number is infinite");
        return;
    }
    isms__json_raw(w, buf, (size_t)n);
}

void isms__json_bool(isms__json *w, bool v)
{
    if (v)
        RAW_LIT(w, "true");
    else
        RAW_LIT(w, "false");
}

void isms__json_null(isms__json *w)
{
    RAW_LIT(w, "null");
}
