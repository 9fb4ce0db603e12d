/* UTF-8 helpers, case-insensitive matching, natural ordering, owned texts, growable strings,
 * languages. */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

uint32_t isms__utf8_next(const char **sp)
{
    const unsigned char *s = (const unsigned char *)*sp;
    unsigned char c = s[0];
    if (c == 0)
        return 0;
    if (c < 0x80) {
        *sp += 1;
        return c;
    }
    size_t n;
    uint32_t cp, min;
    if ((c & 0xE0) == 0xC0) {
        n = 2; cp = c & 0x1F; min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
        n = 3; cp = c & 0x0F; min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
        n = 4; cp = c & 0x07; min = 0x10000;
    } else {
        *sp += 1;
        return c; /* stray continuation or invalid lead byte: itself */
    }
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80) {
            *sp += 1;
            return c;
        }
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        *sp += 1;
        return c;
    }
    *sp += n;
    return cp;
}

size_t isms__utf8_valid_prefix(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        unsigned char c = p[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t len;
        uint32_t cp, min;
        if ((c & 0xE0) == 0xC0) {
            len = 2; cp = c & 0x1F; min = 0x80;
        } else if ((c & 0xF0) == 0xE0) {
            len = 3; cp = c & 0x0F; min = 0x800;
        } else if ((c & 0xF8) == 0xF0) {
            len = 4; cp = c & 0x07; min = 0x10000;
        } else {
            return i;
        }
        if (n - i < len)
            return i;
        for (size_t k = 1; k < len; k++) {
            if ((p[i + k] & 0xC0) != 0x80)
                return i;
            cp = (cp << 6) | (p[i + k] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return i;
        i += len;
    }
    return n;
}

void isms__utf8_repair(char *s)
{
    size_t n = strlen(s), i = 0;
    while (i < n) {
        i += isms__utf8_valid_prefix(s + i, n - i);
        if (i < n)
            s[i++] = '?';
    }
}

bool isms__utf8_valid(const char *s, size_t n)
{
    return isms__utf8_valid_prefix(s, n) == n;
}

int isms__text_check(const char *what, const char *s)
{
    if (!s)
        return ISMS_OK;
    size_t n = strlen(s);
    size_t at = isms__utf8_valid_prefix(s, n);
    if (at == n)
        return ISMS_OK;
    return isms__error(ISMS_EINVAL, "%s: not UTF-8 at byte %zu (0x%02X)", what, at + 1,
                       (unsigned)(unsigned char)s[at]);
}

size_t isms__utf8_put(char *buf, uint32_t cp)
{
    unsigned char *b = (unsigned char *)buf;
    if (cp < 0x80) {
        b[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        b[0] = (unsigned char)(0xC0 | (cp >> 6));
        b[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        b[0] = (unsigned char)(0xE0 | (cp >> 12));
        b[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        b[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    b[0] = (unsigned char)(0xF0 | (cp >> 18));
    b[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    b[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    b[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

uint32_t isms__fold(uint32_t c)
{
    if (c < 0x80)
        return (c >= 'A' && c <= 'Z') ? c + 32 : c;
    /* Latin-1: À..Þ except × */
    if (c >= 0xC0 && c <= 0xDE && c != 0xD7)
        return c + 32;
    /* Latin Extended-A: pairs (even upper, odd lower) with the exceptions below. */
    if (c >= 0x100 && c <= 0x137)
        return c | 1;
    if (c >= 0x139 && c <= 0x148)
        return (c & 1) ? c + 1 : c;
    if (c >= 0x14A && c <= 0x177)
        return c | 1;
    if (c == 0x178)
        return 0xFF;
    if (c >= 0x179 && c <= 0x17E)
        return (c & 1) ? c + 1 : c;
    /* Greek */
    if (c >= 0x391 && c <= 0x3AB && c != 0x3A2)
        return c + 32;
    if (c == 0x386) return 0x3AC;
    if (c >= 0x388 && c <= 0x38A) return c + 37;
    if (c == 0x38C) return 0x3CC;
    if (c == 0x38E || c == 0x38F) return c + 63;
    if (c == 0x3C2) return 0x3C3; /* final sigma */
    /* Cyrillic */
    if (c >= 0x400 && c <= 0x40F)
        return c + 80;
    if (c >= 0x410 && c <= 0x42F)
        return c + 32;
    return c;
}

int isms_text_casecmp(const char *a, const char *b)
{
    if (!a || !b)
        return (a != NULL) - (b != NULL);
    for (;;) {
        uint32_t ca = isms__fold(isms__utf8_next(&a));
        uint32_t cb = isms__fold(isms__utf8_next(&b));
        if (ca != cb)
            return ca < cb ? -1 : 1;
        if (ca == 0)
            return 0;
    }
}

static bool is_ascii_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

/* White space for matching and trimming: ASCII white space and NBSP (U+00A0). */
static bool is_space_cp(uint32_t c)
{
    return (c < 0x80 && is_ascii_space((char)c)) || c == 0xA0;
}

/* Next code point with inner white-space runs folded to one ' ' and trailing white space
 * dropped; the caller skips leading white space first. */
static uint32_t next_folded(const char **s)
{
    uint32_t c = isms__utf8_next(s);
    if (!is_space_cp(c))
        return isms__fold(c);
    for (;;) {
        const char *before = *s;
        uint32_t d = isms__utf8_next(s);
        if (!is_space_cp(d)) {
            *s = before;
            return d == 0 ? 0 : ' ';
        }
    }
}

static const char *skip_space(const char *s)
{
    for (;;) {
        const char *p = s;
        if (!is_space_cp(isms__utf8_next(&p)))
            return s;
        s = p;
    }
}

bool isms_text_matches(const char *label, const char *text)
{
    if (!label || !text)
        return false;
    label = skip_space(label);
    text = skip_space(text);
    for (;;) {
        uint32_t ca = next_folded(&label);
        uint32_t cb = next_folded(&text);
        if (ca != cb)
            return false;
        if (ca == 0)
            return true;
    }
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

int isms__natcmp(const char *a, const char *b)
{
    while (*a && *b) {
        if (is_digit(*a) && is_digit(*b)) {
            const char *sa = a, *sb = b;
            while (*sa == '0' && is_digit(sa[1]))
                sa++;
            while (*sb == '0' && is_digit(sb[1]))
                sb++;
            const char *ea = sa, *eb = sb;
            while (is_digit(*ea))
                ea++;
            while (is_digit(*eb))
                eb++;
            size_t la = (size_t)(ea - sa), lb = (size_t)(eb - sb);
            if (la != lb)
                return la < lb ? -1 : 1;
            int c = memcmp(sa, sb, la);
            if (c)
                return c < 0 ? -1 : 1;
            /* equal numbers: fewer leading zeros first, then continue */
            if ((sa - a) != (sb - b))
                return (sa - a) < (sb - b) ? -1 : 1;
            a = ea;
            b = eb;
            continue;
        }
        if (*a != *b)
            return (unsigned char)*a < (unsigned char)*b ? -1 : 1;
        a++;
        b++;
    }
    if (*a == *b)
        return 0;
    return *a ? 1 : -1;
}

/* Bytes of white space (ASCII or NBSP) that end at s[n - 1], or 0. */
static size_t space_before(const char *s, size_t n)
{
    if (n >= 1 && is_ascii_space(s[n - 1]))
        return 1;
    if (n >= 2 && (unsigned char)s[n - 2] == 0xC2 && (unsigned char)s[n - 1] == 0xA0)
        return 2;
    return 0;
}

/* Bytes of white space (ASCII or NBSP) that start at s, within n bytes, or 0. */
static size_t space_at(const char *s, size_t n)
{
    if (n >= 1 && is_ascii_space(s[0]))
        return 1;
    if (n >= 2 && (unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA0)
        return 2;
    return 0;
}

void isms__trim_span(const char *s, size_t n, size_t *start, size_t *len)
{
    size_t a = 0, w;
    while ((w = space_at(s + a, n - a)) > 0)
        a += w;
    while ((w = space_before(s + a, n - a)) > 0)
        n -= w;
    *start = a;
    *len = n - a;
}

uint64_t isms__text_hash(const char *s, bool *blank)
{
    uint64_t h = 14695981039346656037u; /* FNV-1a over the folded code points */
    bool pending_space = false, any = false;
    for (;;) {
        uint32_t c = isms__utf8_next(&s);
        if (c == 0)
            break;
        if (is_space_cp(c)) {
            pending_space = any;
            continue;
        }
        if (pending_space) {
            h = (h ^ ' ') * 1099511628211u;
            pending_space = false;
        }
        any = true;
        c = isms__fold(c);
        for (int i = 0; i < 4; i++)
            h = (h ^ ((c >> (8 * i)) & 0xFF)) * 1099511628211u;
    }
    *blank = !any;
    return h ^ (h >> 29);
}

bool isms__parse_int(const char *s, int *out)
{
    while (*s == ' ' || *s == '\t')
        s++;
    bool neg = false;
    if (*s == '+' || *s == '-') {
        neg = *s == '-';
        s++;
    }
    if (!is_digit(*s))
        return false;
    long long v = 0;
    while (is_digit(*s)) {
        v = v * 10 + (*s - '0');
        if (v > (long long)INT_MAX + 1)
            return false;
        s++;
    }
    while (*s == ' ' || *s == '\t')
        s++;
    if (*s)
        return false;
    if (neg)
        v = -v;
    if (v > INT_MAX || v < INT_MIN)
        return false;
    *out = (int)v;
    return true;
}

/* ---- owned texts -------------------------------------------------------------------- */

char isms__text_empty[1];

char *isms__text_dup(const char *s)
{
    return !s || !*s ? isms__text_empty : isms__strdup(s);
}

void isms__text_free(char *s)
{
    if (s != isms__text_empty)
        isms__free(s);
}

int isms__text_set(char **slot, const char *s)
{
    char *copy = isms__text_dup(s);
    if (!copy)
        return isms__error_nomem();
    isms__text_free(*slot);
    *slot = copy;
    return ISMS_OK;
}

/* ---- growable string ---------------------------------------------------------------- */

void isms__buf_init(isms__buf *b)
{
    b->data = NULL;
    b->len = 0;
    b->cap = 0;
    b->failed = false;
}

void isms__buf_append(isms__buf *b, const char *s, size_t n)
{
    if (b->failed)
        return;
    if (n > SIZE_MAX - b->len - 1) {
        b->failed = true;
        return;
    }
    if (!isms__grow((void **)&b->data, &b->cap, b->len + n + 1, 1)) {
        b->failed = true;
        return;
    }
    if (n)
        memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void isms__buf_puts(isms__buf *b, const char *s)
{
    isms__buf_append(b, s, strlen(s));
}

void isms__buf_printf(isms__buf *b, const char *fmt, ...)
{
    char small[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) {
        b->failed = true;
        return;
    }
    if ((size_t)n < sizeof small) {
        isms__buf_append(b, small, (size_t)n);
        return;
    }
    char *big = isms__malloc((size_t)n + 1);
    if (!big) {
        b->failed = true;
        return;
    }
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    isms__buf_append(b, big, (size_t)n);
    isms__free(big);
}

char *isms__buf_take(isms__buf *b, size_t *len)
{
    if (b->failed) {
        isms__buf_free(b);
        return NULL;
    }
    if (!b->data) {
        b->data = isms__strdup("");
        if (!b->data)
            return NULL;
    }
    char *d = b->data;
    if (len)
        *len = b->len;
    isms__buf_init(b);
    return d;
}

void isms__buf_free(isms__buf *b)
{
    isms__free(b->data);
    isms__buf_init(b);
}

/* ---- languages ---------------------------------------------------------------------- */

const char *isms_lang_code(isms_lang lang)
{
    switch (lang) {
    case ISMS_LANG_SV: return "sv";
    case ISMS_LANG_EN: return "en";
    }
    return NULL;
}

int isms_lang_parse(isms_lang *out, const char *text)
{
    static const char *const sv[] = { "sv", "sv-SE", "sv_SE", "sv-FI", "svenska", "swedish",
                                      "svensk" };
    static const char *const en[] = { "en", "en-GB", "en_GB", "en-US", "en_US", "english",
                                      "engelska" };
    if (!out || !text)
        return isms__error(ISMS_EINVAL, "isms_lang_parse: NULL argument");
    if (isms__text_check("language", text))
        return ISMS_EINVAL;
    for (size_t i = 0; i < sizeof sv / sizeof *sv; i++)
        if (isms_text_matches(sv[i], text)) {
            *out = ISMS_LANG_SV;
            return ISMS_OK;
        }
    for (size_t i = 0; i < sizeof en / sizeof *en; i++)
        if (isms_text_matches(en[i], text)) {
            *out = ISMS_LANG_EN;
            return ISMS_OK;
        }
    return isms__error(ISMS_EPARSE, "unknown language \"%.64s\": expected sv or en", text);
}

bool isms__text_blank(const char *s)
{
    while (*s) {
        if (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n' || *s == '\v' || *s == '\f')
            s++;
        else if ((unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA0) /* NBSP */
            s += 2;
        else
            return false;
    }
    return true;
}

/* ---- word tables --------------------------------------------------------------------- */

bool isms__alias_lookup(int *out, const isms__alias *list, size_t n, const char *text)
{
    for (size_t i = 0; i < n; i++)
        if (isms_text_matches(list[i].text, text)) {
            *out = list[i].value;
            return true;
        }
    return false;
}

/* The length of the separator word `w` when s (at a word start) begins with it followed by
 * white space (ASCII case folded: "och", "OCH", "And"), else 0. */
static size_t separator_word(const char *s, const char *w)
{
    size_t n = strlen(w);
    for (size_t i = 0; i < n; i++)
        if (s[i] != w[i] && s[i] != w[i] - ('a' - 'A'))
            return 0;
    return s[n] == ' ' || s[n] == '\t' ? n : 0;
}

bool isms__parse_word_list(unsigned *out, const char *text, const char *seps,
                           const isms__alias *words, size_t n_words, char bad[ISMS__WORD_MAX])
{
    unsigned flags = 0;
    char word[ISMS__WORD_MAX];
    const char *p = text;
    while (*p) {
        /* Cut one item: up to a separator character, or the words "och"/"and". */
        size_t n = 0;
        bool at_word_start = true;
        while (*p && !strchr(seps, *p)) {
            size_t sep = 0;
            if (at_word_start && n > 0 &&
                ((sep = separator_word(p, "och")) || (sep = separator_word(p, "and")))) {
                p += sep;
                break;
            }
            at_word_start = *p == ' ' || *p == '\t';
            if (n + 1 < sizeof word)
                word[n++] = *p;
            p++;
        }
        word[n] = '\0';
        if (*p && strchr(seps, *p))
            p++;
        size_t start, len;
        isms__trim_span(word, n, &start, &len);
        if (!len)
            continue;
        word[start + len] = '\0';
        int v;
        if (!isms__alias_lookup(&v, words, n_words, word + start)) {
            memcpy(bad, word + start, len + 1);
            return false;
        }
        flags |= (unsigned)v;
    }
    *out = flags;
    return true;
}

/* ---- labelled levels ------------------------------------------------------------------ */

bool isms__level_init(isms__level *l, int value, const char *label_sv, const char *label_en,
                      const char *description)
{
    isms__level v = { value, isms__strdup(label_sv), isms__strdup(label_en),
                      isms__strdup(description) };
    if (!v.label_sv || !v.label_en || !v.description) {
        isms__level_free(&v);
        return false;
    }
    *l = v;
    return true;
}

void isms__level_free(isms__level *l)
{
    isms__free(l->label_sv);
    isms__free(l->label_en);
    isms__free(l->description);
}

const char *isms__level_clash(const isms__level *levels, size_t n, const char *label_sv,
                              const char *label_en, int *used)
{
    for (size_t i = 0; i < n; i++) {
        const isms__level *o = &levels[i];
        const char *clash = NULL;
        if (isms_text_matches(o->label_sv, label_sv) || isms_text_matches(o->label_en, label_sv))
            clash = label_sv;
        else if (isms_text_matches(o->label_sv, label_en) ||
                 isms_text_matches(o->label_en, label_en))
            clash = label_en;
        if (clash) {
            *used = o->value;
            return clash;
        }
    }
    return NULL;
}

bool isms__levels_consecutive(const isms__level *levels, size_t n)
{
    for (size_t i = 1; i < n; i++)
        if (levels[i].value != levels[0].value + (int)i)
            return false;
    return true;
}

void isms__levels_describe(char *buf, size_t size, const isms__level *levels, size_t n,
                           const char *none)
{
    if (n == 0) {
        snprintf(buf, size, "%s", none);
        return;
    }
    if (isms__levels_consecutive(levels, n)) {
        snprintf(buf, size, "%d–%d", levels[0].value, levels[n - 1].value);
        return;
    }
    size_t len = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < n && len < size; i++) {
        int k = snprintf(buf + len, size - len, i ? ", %d" : "%d", levels[i].value);
        if (k < 0)
            break;
        len += (size_t)k;
    }
}

/* ---- display width on a terminal --------------------------------------------------------- */

typedef struct cp_range {
    uint32_t lo, hi;
} cp_range;

/* Code points that take no column: combining marks, zero-width characters, bidirectional
 * controls, invisible operators, variation selectors. Sorted. */
static const cp_range zero_width[] = {
    { 0x0300, 0x036F }, { 0x0483, 0x0489 }, { 0x0591, 0x05BD }, { 0x0610, 0x061A },
    { 0x064B, 0x065F }, { 0x0E31, 0x0E31 }, { 0x0E34, 0x0E3A }, { 0x1AB0, 0x1AFF },
    { 0x1DC0, 0x1DFF }, { 0x200B, 0x200F }, { 0x202A, 0x202E }, { 0x2060, 0x2064 },
    { 0x20D0, 0x20FF }, { 0xFE00, 0xFE0F }, { 0xFE20, 0xFE2F }, { 0xFEFF, 0xFEFF },
    { 0xE0100, 0xE01EF },
};

/* Code points that take two columns: East Asian wide and fullwidth forms, emoji. Sorted. */
static const cp_range wide[] = {
    { 0x1100, 0x115F },   { 0x231A, 0x231B },   { 0x2329, 0x232A },   { 0x23E9, 0x23EC },
    { 0x25FD, 0x25FE },   { 0x2614, 0x2615 },   { 0x2E80, 0x303E },   { 0x3041, 0x33FF },
    { 0x3400, 0x4DBF },   { 0x4E00, 0x9FFF },   { 0xA000, 0xA4CF },   { 0xAC00, 0xD7A3 },
    { 0xF900, 0xFAFF },   { 0xFE30, 0xFE4F },   { 0xFF00, 0xFF60 },   { 0xFFE0, 0xFFE6 },
    { 0x1F300, 0x1F64F }, { 0x1F900, 0x1F9FF }, { 0x20000, 0x2FFFD }, { 0x30000, 0x3FFFD },
};

static bool in_ranges(uint32_t cp, const cp_range *rs, size_t n)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cp < rs[mid].lo)
            hi = mid;
        else if (cp > rs[mid].hi)
            lo = mid + 1;
        else
            return true;
    }
    return false;
}

static size_t cp_columns(uint32_t cp)
{
    if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
        return 0;
    if (in_ranges(cp, zero_width, sizeof zero_width / sizeof *zero_width))
        return 0;
    if (in_ranges(cp, wide, sizeof wide / sizeof *wide))
        return 2;
    return 1;
}

/* Decodes one character of [s, s + n), n > 0: its length in bytes; invalid or cut
 * sequences are one byte of U+FFFD. */
static size_t decode_bounded(const char *s, size_t n, uint32_t *cp)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t len = isms__utf8_lead_len(u[0]);
    if (len == 1) {
        *cp = u[0];
        return 1;
    }
    if (len == 0 || len > n) {
        *cp = 0xFFFD;
        return 1;
    }
    char tmp[5];
    memcpy(tmp, s, len);
    tmp[len] = '\0';
    const char *p = tmp;
    uint32_t v = isms__utf8_next(&p);
    if ((size_t)(p - tmp) != len) {
        *cp = 0xFFFD;
        return 1;
    }
    *cp = v;
    return len;
}

size_t isms_text_width(const char *text, size_t len)
{
    size_t w = 0;
    for (size_t i = 0; text && i < len;) {
        uint32_t cp;
        i += decode_bounded(text + i, len - i, &cp);
        w += cp_columns(cp);
    }
    return w;
}

size_t isms_text_fit(const char *text, size_t len, size_t columns)
{
    size_t w = 0, i = 0;
    while (text && i < len) {
        uint32_t cp;
        size_t k = decode_bounded(text + i, len - i, &cp);
        size_t cw = cp_columns(cp);
        if (w + cw > columns)
            break;
        w += cw;
        i += k;
    }
    return i;
}

/* ---- numbers for people, whatever the locale --------------------------------------------- */

void isms__format_number(char *buf, size_t size, double v, int decimals, const char *point,
                         const char *group)
{
    if (!buf || size == 0)
        return;
    if (!isfinite(v)) {
        snprintf(buf, size, "%s", "\xe2\x80\x93"); /* – */
        return;
    }
    if (decimals < 0)
        decimals = 0;
    if (decimals > 6)
        decimals = 6;
    double scale = 1;
    for (int i = 0; i < decimals; i++)
        scale *= 10;
    double a = fabs(v) * scale + 0.5;
    char digits[48];
    if (a < 9.0e15) {
        snprintf(digits, sizeof digits, "%llu", (unsigned long long)floor(a));
    } else {
        /* Beyond exact integers: the whole part alone ("%.0f" writes no decimal point, so the
         * locale does not enter), and no decimals. */
        snprintf(digits, sizeof digits, "%.0f", floor(fabs(v)));
        decimals = 0;
    }
    size_t nd = strlen(digits);
    /* Pad so that there is at least one digit before the point. */
    char padded[64];
    size_t need = (size_t)decimals + 1;
    size_t pad = nd < need ? need - nd : 0;
    memset(padded, '0', pad);
    memcpy(padded + pad, digits, nd + 1);
    nd += pad;
    size_t whole = nd - (size_t)decimals;
    bool zero = true;
    for (size_t i = 0; i < nd; i++)
        if (padded[i] != '0')
            zero = false;

    char tmp[128];
    size_t n = 0;
    if (v < 0 && !zero)
        tmp[n++] = '-';
    size_t glen = group ? strlen(group) : 0;
    for (size_t i = 0; i < whole; i++) {
        if (i > 0 && glen && (whole - i) % 3 == 0 && n + glen < sizeof tmp) {
            memcpy(tmp + n, group, glen);
            n += glen;
        }
        if (n + 1 < sizeof tmp)
            tmp[n++] = padded[i];
    }
    if (decimals > 0) {
        size_t plen = point ? strlen(point) : 0;
        if (n + plen < sizeof tmp) {
            memcpy(tmp + n, point, plen);
            n += plen;
        }
        for (size_t i = whole; i < nd && n + 1 < sizeof tmp; i++)
            tmp[n++] = padded[i];
    }
    tmp[n] = '\0';
    snprintf(buf, size, "%s", tmp);
}

void isms__format_general(char *buf, size_t size, double v, int significant, const char *point)
{
    if (!buf || size == 0)
        return;
    if (isnan(v)) {
        snprintf(buf, size, "%s", "nan");
        return;
    }
    if (isinf(v)) {
        snprintf(buf, size, "%s", v < 0 ? "-inf" : "inf");
        return;
    }
    if (significant < 1)
        significant = 1;
    if (significant > 17)
        significant = 17;
    if (!point)
        point = ".";
    /* printf writes the locale's decimal point (perhaps more than one byte); every byte of
     * its text but the digits, the signs and the exponent's 'e' belongs to that point. */
    char tmp[64];
    snprintf(tmp, sizeof tmp, "%.*g", significant, v);
    char out[96];
    size_t n = 0, plen = strlen(point);
    bool in_point = false;
    for (const char *p = tmp; *p && n + 1 < sizeof out; p++) {
        char c = *p;
        if ((c >= '0' && c <= '9') || c == '-' || c == '+' || c == 'e') {
            out[n++] = c;
            in_point = false;
        } else if (!in_point) {
            for (size_t k = 0; k < plen && n + 1 < sizeof out; k++)
                out[n++] = point[k];
            in_point = true;
        }
    }
    out[n] = '\0';
    snprintf(buf, size, "%s", out);
}
