/*
 * The OSCAL catalog importer: isms_catalog_parse_oscal(), isms_catalog_load_oscal() and
 * isms__oscal_read_catalog() (also used by the document loader for a document's imported
 * catalogs).
 *
 * The text is opened with the shared JSON reader (json-read.h: size, encoding and depth
 * limits, then jansson), and the tree is checked against the rules of the OSCAL 1.1.3
 * catalog schema for what libisms reads:
 *
 *  - the root: an object with the key "catalog" and optionally "$schema" (a string);
 *  - the catalog: "uuid" (required; a UUID of version 4 or 5 in the schema's pattern),
 *    "metadata" (required), "controls", "groups"; "params" and "back-matter" are passed over;
 *  - the metadata: "title" (required, not blank; kept as written, inline markup included),
 *    "last-modified" (required, a date and time with a time zone in the schema's pattern),
 *    "version" and "oscal-version" (required, OSCAL strings: not empty, no white space at
 *    either end, one line; a run of white space inside the version is kept as one space, as
 *    libisms's writer writes OSCAL strings); the schema's other keys are passed over;
 *  - groups: "title" (required, a string), "id" (optional in OSCAL), "props", "groups",
 *    "controls"; "class", "params", "links" and "parts" are passed over;
 *  - controls: "id" and "title" (required), "props", "controls" (enhancements);
 *  - props (of groups and controls): objects with the strings "name" and "value".
 * Every object read has its keys checked against the schema's list for it (an unknown key is
 * an error with a "did you mean"); lists read ("groups", "controls", "props") need at least
 * one element, as the schema says (leave the key out when there is none).
 *
 * Decisions where OSCAL leaves room:
 *  - Ids (of groups and controls) have OSCAL's token form ^(\p{L}|_)(\p{L}|\p{N}|[.\-_])*$,
 *    checked by hand over the UTF-8 (token_class()): ASCII letters and "_" may start an id;
 *    ASCII digits, "." and "-" may follow. A character beyond ASCII counts as a letter
 *    unless it is one of these, which are not letters: the C1 controls and the Latin-1
 *    punctuation, symbols and spaces (U+0080–U+00BF but for ª µ º, and × ÷), the spacing
 *    modifier symbols and combining diacritical marks (U+02C2–U+02C5, U+02D2–U+02DF,
 *    U+02E5–U+02EB, U+02ED, U+02EF–U+036F), the Greek question mark and ano teleia, the
 *    Ogham and Mongolian spaces, General Punctuation (U+2000–U+206F), the sub- and
 *    superscript signs, currency symbols and combining marks for symbols (U+20A0–U+20FF),
 *    arrows, mathematical operators, technical symbols, box drawing, shapes, dingbats and
 *    other symbols (U+2190–U+2BFF), Supplemental Punctuation, the CJK radicals and
 *    description characters (U+2E00–U+2FFF), CJK symbols and punctuation (U+3000–U+3004,
 *    U+3008–U+3020, U+302A–U+3030, U+3036–U+3037, U+303D–U+303F, U+30A0, U+30FB), the
 *    enclosed CJK letters and months and CJK compatibility signs (U+3200–U+33FF), private
 *    use, variation selectors, presentation and compatibility forms of punctuation (U+FE00–
 *    U+FE6F), the byte order mark, fullwidth punctuation, specials, the symbols and emoji of
 *    U+1F000–U+1FAFF, tags (U+E0000–U+E0FFF), the private use planes, and the noncharacters;
 *    and these are numbers (allowed after the first character, as \p{N}): the decimal digits
 *    of every script (Nd, Unicode 14), ² ³ ¹ ¼ ½ ¾, the superscript and subscript digits,
 *    the number forms (U+2150–U+2182, U+2185–U+2189), circled and parenthesised numbers
 *    (U+2460–U+249B, U+24EA–U+24FF, U+2776–U+2793) and the CJK numerals 〇 and
 *    U+3021–U+3029, U+3038–U+303A. Everything else beyond ASCII is a letter.
 *  - A group may have no id in OSCAL. libisms needs one: such a group gets "group-N", the
 *    smallest N (from 1, counting on in document order) such that no id or label property in
 *    the catalog is "group-N" in any ASCII case; its export then carries that id.
 *  - Labels: the first property named "label" in OSCAL's namespace (no "ns", or
 *    http://csrc.nist.gov/ns/oscal) without a "class"; when every such property has a class
 *    (NIST SP 800-53 gives a second label with class "sp800-53a"), the first of them ("ns"
 *    and "class" must be strings). A label is an OSCAL string (not empty, no white space at
 *    either end, one line), kept with each run of white space inside as one space.
 *  - Ids: OSCAL ids are unique across the catalog, ignoring ASCII case (a second one is
 *    ISMS_EEXIST). OSCAL does not require labels to be unique: a label is the item's id in
 *    libisms only when no other item has it as its label or its OSCAL id (ASCII case and the
 *    length of runs of white space do not count); the items that share a label keep their
 *    OSCAL ids as ids and the label as their label (written back on export).
 *  - Order: the items come in document order, and within a group (or the catalog) the
 *    "groups" and "controls" lists in the order their keys come in the text.
 *  - Group and control titles are strings as the schema says: they may be empty.
 *
 * Every error names the JSON path, line and column (json-read.h). A duplicate OSCAL id (the
 * builder's ISMS_EEXIST) names the item that has it first: its JSON path and its id.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/catalog-internal.h"
#include "oscal-internal.h"

/* Deepest JSON nesting read: the root and the catalog (2), two levels (a list and its
 * object) for each of ISMS_OSCAL_MAX_LEVELS levels of groups and controls (16), and room for
 * what OSCAL nests inside them (parts in parts, parameters, links, back-matter). */
#define OSCAL_MAX_DEPTH 64

/* The OSCAL namespace of properties without "ns". */
#define OSCAL_NS "http://csrc.nist.gov/ns/oscal"

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* The keys the schema allows (oscal_catalog_schema.json, 1.1.3). */
static const char *const root_keys[] = { "$schema", "catalog" };
static const char *const catalog_keys[] = { "uuid", "metadata", "params", "controls", "groups",
                                            "back-matter" };
static const char *const metadata_keys[] = {
    "title", "published", "last-modified", "version", "oscal-version", "revisions",
    "document-ids", "props", "links", "roles", "locations", "parties", "responsible-parties",
    "actions", "remarks"
};
static const char *const group_keys[] = { "id", "class", "title", "params", "props", "links",
                                          "parts", "groups", "controls" };
static const char *const control_keys[] = { "id", "class", "title", "params", "props",
                                            "links", "parts", "controls" };
static const char *const prop_keys[] = { "name", "uuid", "ns", "value", "class", "group",
                                         "remarks" };

/* The root keys of OSCAL's other models, which are not catalogs. */
static const char *const other_models[] = {
    "profile", "component-definition", "system-security-plan", "assessment-plan",
    "assessment-results", "plan-of-action-and-milestones", "mapping-collection"
};

/* ---- text in messages ----------------------------------------------------------------------- */

/* A text as a message quotes it: at most 64 bytes, cut on a UTF-8 boundary (then "…"), with
 * control characters shown as "?". */
typedef struct quoted {
    char s[64 + 8];
} quoted;

static quoted quote(const char *s)
{
    quoted q;
    size_t n = 0;
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        size_t len = *p < 0x80 ? 1 : (*p & 0xE0) == 0xC0 ? 2 : (*p & 0xF0) == 0xE0 ? 3 : 4;
        if (n + len > 64) {
            memcpy(q.s + n, "\xE2\x80\xA6", 3);
            n += 3;
            break;
        }
        for (size_t k = 0; k < len && p[k]; k++)
            q.s[n++] = (char)(p[k] < 0x20 || p[k] == 0x7F ? '?' : p[k]);
        for (size_t k = 0; k < len && *p; k++)
            p++;
    }
    q.s[n] = '\0';
    return q;
}

/* ---- the forms of OSCAL's data types ----------------------------------------------------- */

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* UUIDDatatype: 8-4-4-4-12 hexadecimal digits, version 4 or 5, variant 10xx. */
static bool is_uuid(const char *s)
{
    return isms__uuid_shape(s) && (s[14] == '4' || s[14] == '5') &&
           strchr("89abAB", s[19]) != NULL;
}

/* The number of the n digits at s (all digits), or -1. */
static int digits_value(const char *s, size_t n)
{
    int v = 0;
    for (size_t i = 0; i < n; i++) {
        if (!is_digit(s[i]))
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

/* DateTimeWithTimezoneDatatype as the schema's pattern has it: YYYY-MM-DDThh:mm:ss, an
 * optional fraction, then Z or an offset of the list below; years 1900–2999, days that
 * exist (the Gregorian leap years). */
bool isms__oscal_is_datetime(const char *s)
{
    size_t n = strlen(s);
    if (n < 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':')
        return false;
    int year = digits_value(s, 4), month = digits_value(s + 5, 2), day = digits_value(s + 8, 2);
    int hour = digits_value(s + 11, 2), minute = digits_value(s + 14, 2);
    int second = digits_value(s + 17, 2);
    if (year < 1900 || year > 2999 || month < 1 || month > 12 || day < 1 || hour < 0 ||
        hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59)
        return false;
    static const int days[12] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    if (day > days[month - 1] || (month == 2 && day == 29 && !leap))
        return false;
    size_t i = 19;
    if (s[i] == '.') {
        size_t start = ++i;
        while (is_digit(s[i]))
            i++;
        if (i == start)
            return false;
    }
    if (s[i] == 'Z')
        return s[i + 1] == '\0';
    if ((s[i] != '+' && s[i] != '-') || strlen(s + i) != 6 || s[i + 3] != ':')
        return false;
    int oh = digits_value(s + i + 1, 2), om = digits_value(s + i + 4, 2);
    if (oh < 0 || om < 0)
        return false;
    if (s[i] == '-') /* -00:00 … -12:00, -03:30, -09:30 */
        return (om == 0 && oh <= 12) || (om == 30 && (oh == 3 || oh == 9));
    /* +00:00 … +14:00; +03:30, +04:30, +05:30, +06:30, +09:30, +10:30; +05:45, +08:45,
     * +12:45 */
    return (om == 0 && oh <= 14) ||
           (om == 30 && (oh == 3 || oh == 4 || oh == 5 || oh == 6 || oh == 9 || oh == 10)) ||
           (om == 45 && (oh == 5 || oh == 8 || oh == 12));
}

/* White space for StringDatatype (\s of JSON Schema's and Python's regular expressions). */
static bool is_white(uint32_t c)
{
    return c == ' ' || (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x1F) || c == 0x85 ||
           c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 ||
           c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000 || c == 0xFEFF;
}

static bool is_line_break(uint32_t c)
{
    return c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029;
}

/* What is wrong with `s` as an OSCAL StringDatatype (^\S(.*\S)?$), or NULL. */
static const char *string_fault(const char *s)
{
    if (!*s)
        return "must not be empty";
    const char *p = s;
    uint32_t first = isms__utf8_next(&p), last = first;
    if (is_line_break(first))
        return "must be one line";
    while (*p) {
        last = isms__utf8_next(&p);
        if (is_line_break(last))
            return "must be one line";
    }
    if (is_white(first) || is_white(last))
        return "must not begin or end with white space";
    return NULL;
}

/* The next character of s as keys compare: a run of white space is one space, ASCII
 * letters are lowercase; 0 at the end. */
static uint32_t key_next(const char **s)
{
    uint32_t c = isms__utf8_next(s);
    if (c && is_white(c)) {
        for (const char *p = *s; *p; *s = p) {
            const char *q = p;
            if (!is_white(isms__utf8_next(&q)))
                break;
            p = q;
        }
        return ' ';
    }
    return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/*
 * An OSCAL string as libisms keeps it (a label, the version): each run of white space in it
 * is one space, as libisms's OSCAL writer writes such strings, so that what is read writes
 * back the same. *out is a new copy when that changes `s`, else NULL (use `s`).
 */
static int fold_spaces(const char *s, char **out)
{
    *out = NULL;
    bool fold = false;
    for (const char *p = s; *p && !fold;) {
        uint32_t c = isms__utf8_next(&p);
        if (is_white(c)) {
            const char *q = p;
            fold = c != ' ' || is_white(isms__utf8_next(&q));
        }
    }
    if (!fold)
        return ISMS_OK;
    char *copy = isms__malloc(strlen(s) + 1);
    if (!copy)
        return isms__error_nomem();
    size_t n = 0;
    for (const char *p = s; *p;) {
        const char *at = p;
        uint32_t c = key_next(&p);
        if (c == ' ')
            copy[n++] = ' ';
        else
            while (at < p)
                copy[n++] = *at++;
    }
    copy[n] = '\0';
    *out = copy;
    return ISMS_OK;
}

/* Kinds of character in a token. */
enum { TOK_BAD, TOK_LETTER, TOK_NUMBER };

/* Characters beyond ASCII that are not letters: TOK_BAD (neither a letter nor a number) or
 * TOK_NUMBER; sorted, not overlapping. See the file's comment. */
static const struct {
    uint32_t lo, hi;
    unsigned char kind;
} non_letters[] = {
    { 0x0080, 0x00A9, TOK_BAD },    { 0x00AB, 0x00B1, TOK_BAD },    { 0x00B2, 0x00B3, TOK_NUMBER },
    { 0x00B4, 0x00B4, TOK_BAD },    { 0x00B6, 0x00B8, TOK_BAD },    { 0x00B9, 0x00B9, TOK_NUMBER },
    { 0x00BB, 0x00BB, TOK_BAD },    { 0x00BC, 0x00BE, TOK_NUMBER }, { 0x00BF, 0x00BF, TOK_BAD },
    { 0x00D7, 0x00D7, TOK_BAD },    { 0x00F7, 0x00F7, TOK_BAD },    { 0x02C2, 0x02C5, TOK_BAD },
    { 0x02D2, 0x02DF, TOK_BAD },    { 0x02E5, 0x02EB, TOK_BAD },    { 0x02ED, 0x02ED, TOK_BAD },
    { 0x02EF, 0x036F, TOK_BAD },    { 0x037E, 0x037E, TOK_BAD },    { 0x0387, 0x0387, TOK_BAD },
    { 0x1680, 0x1680, TOK_BAD },    { 0x180E, 0x180E, TOK_BAD },    { 0x2000, 0x206F, TOK_BAD },
    { 0x2070, 0x2070, TOK_NUMBER }, { 0x2074, 0x2079, TOK_NUMBER }, { 0x207A, 0x207E, TOK_BAD },
    { 0x2080, 0x2089, TOK_NUMBER }, { 0x208A, 0x208E, TOK_BAD },    { 0x20A0, 0x20FF, TOK_BAD },
    { 0x2150, 0x2182, TOK_NUMBER }, { 0x2185, 0x2189, TOK_NUMBER }, { 0x218A, 0x218B, TOK_BAD },
    { 0x2190, 0x245F, TOK_BAD },    { 0x2460, 0x249B, TOK_NUMBER }, { 0x249C, 0x24E9, TOK_BAD },
    { 0x24EA, 0x24FF, TOK_NUMBER }, { 0x2500, 0x2775, TOK_BAD },    { 0x2776, 0x2793, TOK_NUMBER },
    { 0x2794, 0x2BFF, TOK_BAD },    { 0x2E00, 0x2FFF, TOK_BAD },    { 0x3000, 0x3004, TOK_BAD },
    { 0x3007, 0x3007, TOK_NUMBER }, { 0x3008, 0x3020, TOK_BAD },    { 0x3021, 0x3029, TOK_NUMBER },
    { 0x302A, 0x3030, TOK_BAD },    { 0x3036, 0x3037, TOK_BAD },    { 0x3038, 0x303A, TOK_NUMBER },
    { 0x303D, 0x303F, TOK_BAD },    { 0x30A0, 0x30A0, TOK_BAD },    { 0x30FB, 0x30FB, TOK_BAD },
    { 0x3200, 0x33FF, TOK_BAD },    { 0xD800, 0xF8FF, TOK_BAD },    { 0xFDD0, 0xFDEF, TOK_BAD },
    { 0xFE00, 0xFE6F, TOK_BAD },    { 0xFEFF, 0xFEFF, TOK_BAD },    { 0xFF01, 0xFF0F, TOK_BAD },
    { 0xFF1A, 0xFF20, TOK_BAD },    { 0xFF3B, 0xFF40, TOK_BAD },    { 0xFF5B, 0xFF65, TOK_BAD },
    { 0xFFF0, 0xFFFF, TOK_BAD },    { 0x1D7CE, 0x1D7FF, TOK_NUMBER }, { 0x1F000, 0x1FAFF, TOK_BAD },
    { 0xE0000, 0xE0FFF, TOK_BAD },  { 0xF0000, 0x10FFFF, TOK_BAD },
};

/* The first digit (zero) of each run of ten decimal digits (Nd) beyond ASCII, Unicode 14
 * (the fullwidth digits U+FF10 among them; the mathematical digits are in the table above). */
static const uint32_t digit_zeros[] = {
    0x660,   0x6F0,   0x7C0,   0x966,   0x9E6,   0xA66,   0xAE6,   0xB66,   0xBE6,   0xC66,
    0xCE6,   0xD66,   0xDE6,   0xE50,   0xED0,   0xF20,   0x1040,  0x1090,  0x17E0,  0x1810,
    0x1946,  0x19D0,  0x1A80,  0x1A90,  0x1B50,  0x1BB0,  0x1C40,  0x1C50,  0xA620,  0xA8D0,
    0xA900,  0xA9D0,  0xA9F0,  0xAA50,  0xABF0,  0xFF10,  0x104A0, 0x10D30, 0x11066, 0x110F0,
    0x11136, 0x111D0, 0x112F0, 0x11450, 0x114D0, 0x11650, 0x116C0, 0x11730, 0x118E0, 0x11950,
    0x11C50, 0x11D50, 0x11DA0, 0x16A60, 0x16AC0, 0x16B50, 0x1E140, 0x1E2F0, 0x1E950, 0x1FBF0,
};

/* The kind of a character beyond ASCII. */
static int token_class(uint32_t c)
{
    if ((c & 0xFFFE) == 0xFFFE) /* the noncharacters U+xFFFE and U+xFFFF */
        return TOK_BAD;
    size_t lo = 0, hi = N(non_letters);
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (c < non_letters[mid].lo)
            hi = mid;
        else if (c > non_letters[mid].hi)
            lo = mid + 1;
        else
            return non_letters[mid].kind;
    }
    lo = 0;
    hi = N(digit_zeros);
    while (lo < hi) { /* the last zero at or below c */
        size_t mid = lo + (hi - lo) / 2;
        if (digit_zeros[mid] <= c)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo > 0 && c - digit_zeros[lo - 1] < 10)
        return TOK_NUMBER;
    return TOK_LETTER;
}

/* Whether a message may show the character c as it is (not a control, a space or an
 * invisible format character). */
static bool shows(uint32_t c)
{
    if (c < 0x80)
        return c > 0x20 && c < 0x7F;
    return c > 0xA0 && !is_white(c) && c != 0xAD && !(c >= 0x0300 && c <= 0x036F) &&
           !(c >= 0x2000 && c <= 0x206F) && !(c >= 0xD800 && c <= 0xF8FF) &&
           !(c >= 0xFE00 && c <= 0xFE0F) && !(c >= 0xFFF0 && c <= 0xFFFF) && c < 0xE0000;
}

/*
 * Checks OSCAL's token form: NULL when `s` has it, else what is wrong, written into buf
 * ("character 3, U+0020, is not allowed").
 */
static const char *token_fault(const char *s, char *buf, size_t size)
{
    if (!*s)
        return "it is empty";
    size_t pos = 0;
    for (const char *p = s; *p;) {
        uint32_t c = isms__utf8_next(&p);
        pos++;
        int kind;
        if (c < 0x80) {
            bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
            bool number = (c >= '0' && c <= '9') || c == '.' || c == '-';
            kind = letter ? TOK_LETTER : number ? TOK_NUMBER : TOK_BAD;
        } else {
            kind = token_class(c);
        }
        if (kind == TOK_LETTER || (kind == TOK_NUMBER && pos > 1))
            continue;
        char glyph[8] = "";
        if (shows(c))
            glyph[isms__utf8_put(glyph, c)] = '\0';
        if (kind == TOK_NUMBER)
            snprintf(buf, size, "it starts with \"%s\"", glyph);
        else if (glyph[0] && c < 0x80)
            snprintf(buf, size, "character %zu, \"%s\", is not allowed", pos, glyph);
        else if (glyph[0])
            snprintf(buf, size, "character %zu, \"%s\" (U+%04X), is not allowed", pos, glyph,
                     (unsigned)c);
        else
            snprintf(buf, size, "character %zu, U+%04X, is not allowed", pos, (unsigned)c);
        return buf;
    }
    return NULL;
}

/* ---- the reader's state ------------------------------------------------------------------- */

typedef struct oscal_reader {
    isms__jr *r;
    json_t *catalog;
    isms__catalog_builder *b;
    /* Generated group ids: the numbers N of the names "group-N" that the catalog uses (as an
     * id or a label, in any ASCII case), sorted; found when the first group without an id is
     * read. */
    bool taken_known;
    size_t *taken;
    size_t n_taken, cap_taken, taken_at;
    size_t next_group; /* the N to try next */
    /* The items whose label is not their id (another item has it): records (only `item`
     * counts) sorted by its address; owned (see find_shared_labels()). */
    struct key_rec *shared;
    size_t n_shared;
} oscal_reader;

/* What the elements of a list of groups or controls are read with. */
typedef struct item_ctx {
    oscal_reader *rd;
    size_t parent;  /* the builder's index of the parent, or SIZE_MAX at the root */
    unsigned level; /* 1 for the catalog's own groups and controls */
    isms_item_kind kind;
} item_ctx;

/* ---- labels -------------------------------------------------------------------------------- */

/* Whether the property object p is named "label" in OSCAL's namespace. */
static bool is_label_prop(json_t *p)
{
    const char *name = json_string_value(json_object_get(p, "name"));
    if (!name || strcmp(name, "label") != 0)
        return false;
    json_t *ns = json_object_get(p, "ns");
    return !ns || (json_is_string(ns) && strcmp(json_string_value(ns), OSCAL_NS) == 0);
}

/* The index in `props` of the property that gives the label (see the file's comment), or
 * SIZE_MAX. Elements that are not objects are passed over. */
static size_t label_index(json_t *props)
{
    size_t with_class = SIZE_MAX;
    for (size_t i = 0; i < json_array_size(props); i++) {
        json_t *p = json_array_get(props, i);
        if (!json_is_object(p) || !is_label_prop(p))
            continue;
        if (!json_object_get(p, "class"))
            return i;
        if (with_class == SIZE_MAX)
            with_class = i;
    }
    return with_class;
}

/* The label of the item object `item`: its value (a string), or NULL. */
static const char *label_of(json_t *item, size_t *index)
{
    json_t *props = json_object_get(item, "props");
    size_t k = json_is_array(props) ? label_index(props) : SIZE_MAX;
    if (index)
        *index = k;
    return k == SIZE_MAX ? NULL
                         : json_string_value(json_object_get(json_array_get(props, k), "value"));
}

/* ---- generated group ids ------------------------------------------------------------------- */

/* The N of a text "group-N" (any ASCII case; N written without leading zeros), or 0. */
static size_t group_number(const char *s)
{
    static const char prefix[] = "group-";
    if (!s)
        return 0;
    for (size_t i = 0; i < sizeof prefix - 1; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != prefix[i])
            return 0;
    }
    s += sizeof prefix - 1;
    if (s[0] < '1' || s[0] > '9' || strlen(s) > 12)
        return 0;
    size_t n = 0;
    for (; *s; s++) {
        if (!is_digit(*s))
            return 0;
        n = n * 10 + (size_t)(*s - '0');
    }
    return n;
}

static bool note_taken(oscal_reader *rd, const char *s)
{
    size_t n = group_number(s);
    if (n == 0)
        return true;
    if (!isms__grow((void **)&rd->taken, &rd->cap_taken, rd->n_taken + 1, sizeof *rd->taken))
        return false;
    rd->taken[rd->n_taken++] = n;
    return true;
}

/* Notes the "group-N" names of the groups and controls under `obj` (the catalog, a group or
 * a control), whatever their types: the catalog is not checked yet beyond the current item. */
static bool collect_taken(oscal_reader *rd, json_t *obj)
{
    static const char *const lists[] = { "groups", "controls" };
    for (size_t l = 0; l < N(lists); l++) {
        json_t *arr = json_object_get(obj, lists[l]);
        for (size_t i = 0; i < json_array_size(arr); i++) {
            json_t *item = json_array_get(arr, i);
            if (!json_is_object(item))
                continue;
            if (!note_taken(rd, json_string_value(json_object_get(item, "id"))))
                return false;
            json_t *props = json_object_get(item, "props");
            for (size_t k = 0; k < json_array_size(props); k++) {
                json_t *p = json_array_get(props, k);
                if (json_is_object(p) && is_label_prop(p) &&
                    !note_taken(rd, json_string_value(json_object_get(p, "value"))))
                    return false;
            }
            if (!collect_taken(rd, item))
                return false;
        }
    }
    return true;
}

static int cmp_size(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return x < y ? -1 : x > y;
}

/* The next generated group id, into buf. */
static int generate_group_id(oscal_reader *rd, char *buf, size_t size)
{
    if (!rd->taken_known) {
        if (!collect_taken(rd, rd->catalog))
            return isms__error_nomem();
        if (rd->n_taken > 1)
            qsort(rd->taken, rd->n_taken, sizeof *rd->taken, cmp_size);
        rd->taken_known = true;
        rd->next_group = 1;
    }
    for (;;) {
        size_t n = rd->next_group++;
        while (rd->taken_at < rd->n_taken && rd->taken[rd->taken_at] < n)
            rd->taken_at++;
        if (rd->taken_at < rd->n_taken && rd->taken[rd->taken_at] == n)
            continue;
        snprintf(buf, size, "group-%zu", n);
        return ISMS_OK;
    }
}

/* ---- labels that are not ids --------------------------------------------------------------
 *
 * OSCAL does not require labels to be unique (a framework may number the controls of each
 * group "1", "2", ...). A label is the item's id only when no other item has it, as its label
 * or as its OSCAL id (ASCII case and the length of runs of white space do not count); the
 * items that share a label keep their OSCAL ids as ids, and the label as their label. A first
 * pass over the tree finds those labels (before anything is checked: it takes what is a
 * string and passes over the rest, which the second pass then reports): the ids and labels
 * sorted, so that it takes O(n log n) whatever the file holds.
 */

/* Orders two ids or labels as keys: ASCII case and the length of runs of white space do not
 * count. */
static int key_order(const char *a, const char *b)
{
    for (;;) {
        uint32_t x = key_next(&a), y = key_next(&b);
        if (x != y)
            return x < y ? -1 : 1;
        if (!x)
            return 0;
    }
}

/* Whether two ids or labels are the same key. */
static bool same_id(const char *a, const char *b)
{
    return a && b && key_order(a, b) == 0;
}

/* An OSCAL id or a label of an item, for the first pass. */
struct key_rec {
    const char *text;
    json_t *item;
    bool label;
};
typedef struct key_rec key_rec;

typedef struct key_list {
    key_rec *recs;
    size_t n, cap;
} key_list;

static bool key_put(key_list *kl, const char *text, json_t *item, bool label)
{
    if (!text)
        return true;
    if (!isms__grow((void **)&kl->recs, &kl->cap, kl->n + 1, sizeof *kl->recs))
        return false;
    kl->recs[kl->n++] = (key_rec){ text, item, label };
    return true;
}

/* The OSCAL ids and labels of the groups and controls under obj (the catalog, a group or a
 * control). The reader's depth limit bounds the recursion. */
static bool collect_keys(key_list *kl, json_t *obj)
{
    static const char *const lists[] = { "groups", "controls" };
    for (size_t l = 0; l < N(lists); l++) {
        json_t *arr = json_object_get(obj, lists[l]);
        for (size_t i = 0; i < json_array_size(arr); i++) {
            json_t *item = json_array_get(arr, i);
            if (!json_is_object(item))
                continue;
            if (!key_put(kl, json_string_value(json_object_get(item, "id")), item, false) ||
                !key_put(kl, label_of(item, NULL), item, true) || !collect_keys(kl, item))
                return false;
        }
    }
    return true;
}

/* Ids before labels of the same key; then the document's tree decides nothing, the order of
 * equal records does not matter. */
static int cmp_key_rec(const void *a, const void *b)
{
    const key_rec *x = a, *y = b;
    int c = key_order(x->text, y->text);
    return c ? c : (int)x->label - (int)y->label;
}

/* Orders records by their items' addresses. */
static int cmp_item(const void *a, const void *b)
{
    uintptr_t x = (uintptr_t)((const key_rec *)a)->item, y = (uintptr_t)((const key_rec *)b)->item;
    return x < y ? -1 : x > y;
}

/* The first pass: rd->shared receives the items whose label is not their id, sorted. */
static int find_shared_labels(oscal_reader *rd)
{
    key_list kl = { NULL, 0, 0 };
    if (!collect_keys(&kl, rd->catalog)) {
        isms__free(kl.recs);
        return isms__error_nomem();
    }
    if (kl.n > 1)
        qsort(kl.recs, kl.n, sizeof *kl.recs, cmp_key_rec);
    /* The items found go to the front of the same array (only their `item` counts there),
     * behind the records still to be read: a run of one key is counted before any of it is
     * written, and w <= k. */
    size_t w = 0;
    for (size_t i = 0; i < kl.n;) {
        size_t j = i + 1;
        while (j < kl.n && key_order(kl.recs[i].text, kl.recs[j].text) == 0)
            j++;
        size_t ids = 0, labels = 0;
        json_t *id_item = NULL;
        for (size_t k = i; k < j; k++) {
            if (kl.recs[k].label) {
                labels++;
            } else {
                ids++;
                id_item = kl.recs[k].item;
            }
        }
        for (size_t k = i; k < j; k++) {
            json_t *item = kl.recs[k].item;
            if (kl.recs[k].label && (labels > 1 || ids > 1 || (ids == 1 && id_item != item)))
                kl.recs[w++].item = item;
        }
        i = j;
    }
    if (w > 1)
        qsort(kl.recs, w, sizeof *kl.recs, cmp_item);
    rd->shared = kl.recs;
    rd->n_shared = w;
    return ISMS_OK;
}

/* Whether the label of `item` is its id: it has one that no other item has. */
static bool label_is_id(const oscal_reader *rd, json_t *item)
{
    key_rec key = { NULL, item, true };
    return !bsearch(&key, rd->shared, rd->n_shared, sizeof *rd->shared, cmp_item);
}

/* ---- duplicates ---------------------------------------------------------------------------- */

/* The search for the earlier item that has the OSCAL id of the current one. */
typedef struct dup_search {
    json_t *current;       /* the item being read: the search stops there */
    const char *want;      /* the current item's OSCAL id */
    /* the path walked, and the one found */
    struct {
        const char *key;
        size_t index;
    } segs[ISMS_OSCAL_MAX_LEVELS + 2], found[ISMS_OSCAL_MAX_LEVELS + 2];
    size_t depth, found_depth;
    json_t *found_item;
} dup_search;

/* Walks the items under obj in document order until the current one. Returns true when the
 * walk is over (found, or the current item reached). */
static bool dup_walk(dup_search *ds, json_t *obj)
{
    if (ds->depth >= N(ds->segs))
        return false;
    const char *key;
    json_t *arr;
    json_object_foreach(obj, key, arr) {
        if (strcmp(key, "groups") != 0 && strcmp(key, "controls") != 0)
            continue;
        for (size_t i = 0; i < json_array_size(arr); i++) {
            json_t *item = json_array_get(arr, i);
            if (item == ds->current)
                return true;
            if (!json_is_object(item))
                continue;
            ds->segs[ds->depth].key = key;
            ds->segs[ds->depth].index = i;
            ds->depth++;
            if (same_id(ds->want, json_string_value(json_object_get(item, "id")))) {
                memcpy(ds->found, ds->segs, ds->depth * sizeof *ds->segs);
                ds->found_depth = ds->depth;
                ds->found_item = item;
                return true;
            }
            if (dup_walk(ds, item))
                return true;
            ds->depth--;
        }
    }
    return false;
}

/*
 * The builder refused the current item `item` (ISMS_EEXIST): its OSCAL id is an earlier
 * item's (a label never clashes: one that another item has is not used as an id). Names the
 * earlier item, at the current item's id. Falls back on the builder's message when no earlier
 * item is found.
 */
static int duplicate(oscal_reader *rd, json_t *item, const char *oscal_id, int rc)
{
    dup_search ds;
    memset(&ds, 0, sizeof ds);
    ds.current = item;
    ds.want = oscal_id;
    if (oscal_id)
        dup_walk(&ds, rd->catalog);
    if (!ds.found_item)
        return isms__jr_relay(rd->r, rc);
    char path[512];
    size_t len = (size_t)snprintf(path, sizeof path, "$.catalog");
    for (size_t d = 0; d < ds.found_depth && len < sizeof path; d++)
        len += (size_t)snprintf(path + len, sizeof path - len, ".%s[%zu]", ds.found[d].key,
                                ds.found[d].index);
    const char *theirs = json_string_value(json_object_get(ds.found_item, "id"));
    bool group = strcmp(ds.found[ds.found_depth - 1].key, "groups") == 0;
    isms__jr_push_key(rd->r, "id");
    quoted m = quote(oscal_id), t = quote(theirs);
    bool differ = strcmp(oscal_id, theirs) != 0;
    return isms__jr_fail(rd->r, ISMS_EEXIST, false, "the id \"%s\" is also the id of the %s at "
                         "%s%s%s%s; ids must be unique (ASCII case does not count)", m.s,
                         group ? "group" : "control", path, differ ? " (\"" : "",
                         differ ? t.s : "", differ ? "\")" : "");
}

/* ---- groups and controls ------------------------------------------------------------------ */

static int read_group(isms__jr *r, json_t *arr, size_t i, void *ctx);
static int read_control(isms__jr *r, json_t *arr, size_t i, void *ctx);

/* The list `key` of obj (when there): at least one element, each read with fn. */
static int read_list(isms__jr *r, json_t *obj, const char *key, isms__jr_element_fn fn,
                     void *ctx, const char *what)
{
    json_t *arr;
    int rc = isms__jr_enter_array(r, obj, key, 0, &arr);
    if (rc != ISMS_OK)
        return rc;
    if (json_array_size(arr) == 0)
        return isms__jr_fail(r, ISMS_EPARSE, false, "expected at least one %s; leave the key "
                             "out when there is none", what);
    return isms__jr_leave(r, isms__jr_each(r, arr, fn, ctx));
}

/* The children of the catalog, a group or a control: its lists "groups" (when groups may be
 * there) and "controls", in the order their keys come in the text. */
static int read_children(oscal_reader *rd, json_t *obj, size_t parent, unsigned level,
                         bool groups)
{
    const char *key;
    json_t *v;
    json_object_foreach(obj, key, v) {
        bool is_groups = groups && strcmp(key, "groups") == 0;
        if (!is_groups && strcmp(key, "controls") != 0)
            continue;
        item_ctx ctx = { rd, parent, level, is_groups ? ISMS_ITEM_GROUP : ISMS_ITEM_CONTROL };
        int rc = read_list(rd->r, obj, key, is_groups ? read_group : read_control, &ctx,
                           is_groups ? "group" : "control");
        if (rc < 0)
            return rc;
    }
    return ISMS_OK;
}

/* A property of a group or control: an object with the strings "name" and "value", and
 * "ns" and "class" strings when there (they decide which property is the label). */
static int read_prop(isms__jr *r, json_t *arr, size_t i, void *ctx)
{
    (void)ctx;
    json_t *p = json_array_get(arr, i);
    const char *s;
    int rc;
    if ((rc = isms__jr_as_object(r, p)) < 0 ||
        (rc = isms__jr_check_keys(r, p, prop_keys, N(prop_keys))) < 0 ||
        (rc = isms__jr_get_string(r, p, "name", ISMS__JR_REQ, &s)) < 0 ||
        (rc = isms__jr_get_string(r, p, "ns", 0, &s)) < 0 ||
        (rc = isms__jr_get_string(r, p, "value", ISMS__JR_REQ, &s)) < 0 ||
        (rc = isms__jr_get_string(r, p, "class", 0, &s)) < 0)
        return rc;
    return ISMS_OK;
}

/* The id of a group or control (when there): a token. */
static int read_id(isms__jr *r, json_t *obj, unsigned flags, const char **out)
{
    json_t *v;
    int rc = isms__jr_enter(r, obj, "id", flags, &v);
    if (rc != ISMS_OK)
        return rc;
    if ((rc = isms__jr_as_string(r, v, 0, out)) < 0)
        return rc;
    char why[160];
    const char *fault = token_fault(*out, why, sizeof why);
    if (fault)
        return isms__jr_fail(r, ISMS_EPARSE, false, "\"%s\" is not an OSCAL id (a letter or "
                             "\"_\", then letters, digits, \".\", \"-\" or \"_\"): %s",
                             quote(*out).s, fault);
    return isms__jr_leave(r, ISMS_OK);
}

/* A group (kind ISMS_ITEM_GROUP) or a control, element i of arr. */
static int read_item(isms__jr *r, json_t *arr, size_t i, const item_ctx *ctx)
{
    oscal_reader *rd = ctx->rd;
    bool group = ctx->kind == ISMS_ITEM_GROUP;
    json_t *obj = json_array_get(arr, i);
    int rc;
    if ((rc = isms__jr_as_object(r, obj)) < 0)
        return rc;
    if (!group && json_object_get(obj, "groups")) {
        isms__jr_push_key(r, "groups");
        return isms__jr_fail(r, ISMS_EPARSE, true, "a control holds no groups, only controls "
                             "(its enhancements)");
    }
    if ((rc = group ? isms__jr_check_keys(r, obj, group_keys, N(group_keys))
                    : isms__jr_check_keys(r, obj, control_keys, N(control_keys))) < 0)
        return rc;
    if (ctx->level > ISMS_OSCAL_MAX_LEVELS)
        return isms__jr_fail(r, ISMS_ERANGE, false, "groups and controls nested deeper than "
                             "%d levels", ISMS_OSCAL_MAX_LEVELS);
    const char *id = NULL, *title = NULL;
    if ((rc = read_id(r, obj, group ? 0 : ISMS__JR_REQ, &id)) < 0 ||
        (rc = isms__jr_get_string(r, obj, "title", ISMS__JR_REQ, &title)) < 0 ||
        (rc = read_list(r, obj, "props", read_prop, NULL, "property")) < 0)
        return rc;
    size_t label_at = SIZE_MAX;
    const char *label = label_of(obj, &label_at);
    if (label) {
        const char *fault = string_fault(label);
        if (fault) {
            isms__jr_push_key(r, "props");
            isms__jr_push_index(r, label_at);
            isms__jr_push_key(r, "value");
            return isms__jr_fail(r, ISMS_EPARSE, false, "the label %s%s%s%s", *label ? "\"" : "",
                                 quote(label).s, *label ? "\" " : "", fault);
        }
    }
    char generated[32];
    const char *oscal_id = id;
    if (!id) {
        if ((rc = generate_group_id(rd, generated, sizeof generated)) < 0)
            return rc;
        oscal_id = generated;
    }
    char *folded = NULL;
    if (label && (rc = fold_spaces(label, &folded)) < 0)
        return rc;
    size_t index;
    rc = isms__catalog_builder_add_item(rd->b, &index, ctx->parent, ctx->kind, oscal_id,
                                        folded ? folded : label, title,
                                        label && label_is_id(rd, obj));
    isms__free(folded);
    if (rc == ISMS_EEXIST)
        return duplicate(rd, obj, id, rc);
    if (rc < 0)
        return isms__jr_relay(r, rc);
    return read_children(rd, obj, index, ctx->level + 1, group);
}

static int read_group(isms__jr *r, json_t *arr, size_t i, void *ctx)
{
    return read_item(r, arr, i, ctx);
}

static int read_control(isms__jr *r, json_t *arr, size_t i, void *ctx)
{
    return read_item(r, arr, i, ctx);
}

/* ---- the catalog ---------------------------------------------------------------------------- */

/* The string `key` of obj (required), that has OSCAL's StringDatatype form. */
static int read_oscal_string(isms__jr *r, json_t *obj, const char *key, const char **out)
{
    json_t *v;
    int rc = isms__jr_enter(r, obj, key, ISMS__JR_REQ, &v);
    if (rc != ISMS_OK || (rc = isms__jr_as_string(r, v, 0, out)) < 0)
        return rc;
    const char *fault = string_fault(*out);
    if (fault)
        return isms__jr_fail(r, ISMS_EPARSE, false, "%s%s%s%s", **out ? "\"" : "",
                             quote(*out).s, **out ? "\" " : "", fault);
    return isms__jr_leave(r, ISMS_OK);
}

/* The metadata: title, last-modified, version (oscal-version is checked, not kept). */
static int read_metadata(isms__jr *r, json_t *catalog, const char **title, const char **version,
                         const char **modified)
{
    json_t *m, *v;
    const char *oscal_version;
    int rc = isms__jr_enter_object(r, catalog, "metadata", ISMS__JR_REQ, metadata_keys,
                                   N(metadata_keys), &m);
    if (rc != ISMS_OK)
        return rc;
    if ((rc = isms__jr_enter(r, m, "title", ISMS__JR_REQ, &v)) != ISMS_OK ||
        (rc = isms__jr_as_string(r, v, 0, title)) < 0)
        return rc;
    if (isms__text_blank(*title))
        return isms__jr_fail(r, ISMS_EPARSE, false, "the catalog's title must not be %s",
                             **title ? "blank" : "empty");
    isms__jr_leave(r, ISMS_OK);
    if ((rc = isms__jr_enter(r, m, "last-modified", ISMS__JR_REQ, &v)) != ISMS_OK ||
        (rc = isms__jr_as_string(r, v, 0, modified)) < 0)
        return rc;
    if (!isms__oscal_is_datetime(*modified))
        return isms__jr_fail(r, ISMS_EPARSE, false, "\"%s\" is not a date and time with a "
                             "time zone as OSCAL writes them (YYYY-MM-DDThh:mm:ss, an optional "
                             "fraction of a second, then Z or an offset such as +01:00)",
                             quote(*modified).s);
    isms__jr_leave(r, ISMS_OK);
    if ((rc = read_oscal_string(r, m, "version", version)) < 0 ||
        (rc = read_oscal_string(r, m, "oscal-version", &oscal_version)) < 0)
        return rc;
    return isms__jr_leave(r, ISMS_OK);
}

int isms__oscal_read_catalog(isms__jr *r, json_t *catalog, isms_catalog **out)
{
    int rc;
    if ((rc = isms__jr_as_object(r, catalog)) < 0 ||
        (rc = isms__jr_check_keys(r, catalog, catalog_keys, N(catalog_keys))) < 0)
        return rc;
    json_t *v;
    const char *uuid, *title, *version, *modified;
    if ((rc = isms__jr_enter(r, catalog, "uuid", ISMS__JR_REQ, &v)) != ISMS_OK ||
        (rc = isms__jr_as_string(r, v, 0, &uuid)) < 0)
        return rc;
    if (!is_uuid(uuid))
        return isms__jr_fail(r, ISMS_EPARSE, false, "\"%s\" is not a UUID of version 4 or 5 "
                             "(8-4-4-4-12 hexadecimal digits, such as "
                             "74c8ba1e-5cd4-4ad1-bbfd-d888e2f6c724)", quote(uuid).s);
    isms__jr_leave(r, ISMS_OK);
    if ((rc = read_metadata(r, catalog, &title, &version, &modified)) < 0)
        return rc;
    oscal_reader rd;
    memset(&rd, 0, sizeof rd);
    rd.r = r;
    rd.catalog = catalog;
    char *folded = NULL;
    if ((rc = fold_spaces(version, &folded)) < 0)
        return rc;
    rc = isms__catalog_builder_new(&rd.b, title, folded ? folded : version, uuid, modified);
    isms__free(folded);
    if (rc < 0)
        return isms__jr_relay_at(r, "metadata", rc);
    if ((rc = find_shared_labels(&rd)) < 0) {
        isms__catalog_builder_free(rd.b);
        return isms__jr_relay(r, rc);
    }
    rc = read_children(&rd, catalog, SIZE_MAX, 1, true);
    isms__free(rd.taken);
    isms__free(rd.shared);
    if (rc < 0) {
        isms__catalog_builder_free(rd.b);
        return rc;
    }
    if ((rc = isms__catalog_builder_finish(rd.b, out)) < 0)
        return isms__jr_relay(r, rc);
    return ISMS_OK;
}

/* ---- the public functions -------------------------------------------------------------------- */

static int read_root(isms__jr *r, json_t *root, isms_catalog **out)
{
    int rc;
    if ((rc = isms__jr_as_object(r, root)) < 0)
        return rc;
    const char *key;
    json_t *v;
    json_object_foreach(root, key, v) {
        for (size_t k = 0; k < N(other_models); k++)
            if (strcmp(key, other_models[k]) == 0) {
                isms__jr_push_key(r, key);
                return isms__jr_fail(r, ISMS_EPARSE, true, "this is an OSCAL %s, not a "
                                     "catalog: libisms imports catalogs (the key "
                                     "\"catalog\")", key);
            }
    }
    const char *schema;
    json_t *catalog;
    if ((rc = isms__jr_check_keys(r, root, root_keys, N(root_keys))) < 0 ||
        (rc = isms__jr_get_string(r, root, "$schema", 0, &schema)) < 0 ||
        (rc = isms__jr_get_object(r, root, "catalog", ISMS__JR_REQ, &catalog)) < 0)
        return rc;
    isms__jr_push_key(r, "catalog");
    if ((rc = isms__oscal_read_catalog(r, catalog, out)) < 0)
        return rc;
    isms__jr_pop(r);
    return ISMS_OK;
}

int isms_catalog_parse_oscal(isms_catalog **out, const char *data, size_t len,
                             const char *source)
{
    if (!out)
        return isms__error(ISMS_EINVAL, "isms_catalog_parse_oscal: out is NULL");
    if (!data && len > 0)
        return isms__error(ISMS_EINVAL, "isms_catalog_parse_oscal: data is NULL");
    isms__jr r;
    json_t *root = NULL;
    int rc = isms__jr_open(&r, &root, data ? data : "", len, source, ISMS_OSCAL_MAX_BYTES,
                           OSCAL_MAX_DEPTH, "the catalog");
    if (rc < 0)
        return rc;
    isms_catalog *catalog = NULL;
    rc = read_root(&r, root, &catalog);
    json_decref(root);
    if (rc < 0)
        return rc;
    *out = catalog;
    return ISMS_OK;
}

int isms_catalog_load_oscal(isms_catalog **out, const char *path)
{
    if (!out || !path)
        return isms__error(ISMS_EINVAL, "isms_catalog_load_oscal: NULL argument");
    char *data = NULL;
    size_t len = 0;
    int rc = isms__file_read(&data, &len, path, ISMS_OSCAL_MAX_BYTES);
    if (rc == ISMS_ERANGE)
        return isms__error_at(rc, path, 0, 0, "$: the catalog is larger than the limit of %zu "
                              "bytes", ISMS_OSCAL_MAX_BYTES);
    if (rc < 0)
        return rc;
    rc = isms_catalog_parse_oscal(out, data, len, path);
    isms__free(data);
    return rc;
}
