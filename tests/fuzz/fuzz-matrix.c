/*
 * libFuzzer target: risk matrix definitions, as the document defines them (its "matrix"
 * member) and as the builder API takes them.
 *
 * Two modes, chosen by the first byte:
 *
 * - JSON (any first byte but 0): the input is the JSON value of "matrix" (a preset's name or
 *   a full definition), put into a minimal document on its own lines, so that the fuzzer
 *   spends its time on the matrix and not on the rest of the format, and loaded with
 *   isms_document_parse(). An input that does not load must fail cleanly: a negative code,
 *   nothing returned, the thread's error with that code, the source name, a message that
 *   begins with the JSON path, and a line and column inside the text (inside the input when
 *   the path is under $.matrix). An input that loads gives a matrix that must hold together
 *   (check_matrix below), that the builder rebuilds from its parts into an equal matrix, and
 *   that survives save → load → save with an equal matrix and the same bytes.
 *
 * - Builder (first byte 0): the rest of the bytes is a program of builder calls
 *   (isms_matrix_builder_*) with names, labels, colours and numbers taken from the input.
 *   The target keeps its own model of what the builder holds and checks every call against
 *   the documented contract: the result code (which errors are allowed, among them EINVAL
 *   for text that is not UTF-8; success when none is), a message with every error, the
 *   builder unchanged after an error; a build succeeds exactly when the definition is valid
 *   and gives the matrix the model predicts (levels, cells, bands sorted by value,
 *   acceptance), which must then hold together and survive the document round trip (the
 *   writer may refuse only text that is not UTF-8).
 *
 * Anything else is a bug and aborts; the sanitizers watch for leaks and undefined behaviour.
 */
#include <limits.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz-util.h"
#include "isms.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum {
    MAX_INPUT_BYTES = 64 * 1024, /* longer inputs are skipped: a matrix is small */
    MAX_DEPTH = 32,
    MAX_LEVELS = ISMS_SCALE_MAX_LEVELS,
    MAX_BANDS = 64,    /* the builder program stops adding bands beyond this */
    MAX_OPS = 256,     /* and stops after this many calls */
    FULL_SWEEP = 5000 /* band_of is checked on every value when max − min is below this */
};

static const char prefix[] = "{\"format\": \"libisms/1\", \"organisation\": \"Fuzz\", "
                             "\"year\": 2024, \"matrix\":\n";
static const char suffix[] = "\n}\n";

static void fail(const char *what, const char *detail)
{
    fprintf(stderr, "matrix: %s\n", what);
    if (detail)
        fprintf(stderr, "  %s\n", detail);
    const isms_error *e = isms_error_last();
    if (e->code)
        fprintf(stderr, "  last error %d: %s\n", e->code, e->message);
    abort();
}

/* ---- text helpers ------------------------------------------------------------------------ */

/* Strict UTF-8 (no overlong forms, no surrogates, nothing above U+10FFFF). */
static bool utf8_valid(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        unsigned c = *p;
        size_t n;
        unsigned cp;
        if (c < 0x80) {
            p++;
            continue;
        } else if (c >= 0xC2 && c <= 0xDF) {
            n = 1;
            cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            n = 2;
            cp = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 3;
            cp = c & 0x07;
        } else {
            return false;
        }
        for (size_t i = 1; i <= n; i++) {
            if ((p[i] & 0xC0) != 0x80)
                return false;
            cp = (cp << 6) | (p[i] & 0x3Fu);
        }
        if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) || cp > 0x10FFFF ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        p += n + 1;
    }
    return true;
}

static bool valid_color(const char *c)
{
    if (!c || c[0] != '#')
        return false;
    for (int i = 1; i <= 6; i++)
        if (!strchr("0123456789abcdefABCDEF", c[i]) || !c[i])
            return false;
    return c[7] == '\0';
}

static bool nonempty(const char *s)
{
    return s && *s;
}

/* Text that the API refuses: every string it takes must be UTF-8 (NULL is no text). */
static bool bad_text(const char *s)
{
    return s && !utf8_valid(s);
}

/* ---- the invariants of any matrix --------------------------------------------------------- */

static int formula_value(isms_formula f, int l, int c)
{
    switch (f) {
    case ISMS_FORMULA_SUM: return l + c;
    case ISMS_FORMULA_MAX: return l > c ? l : c;
    default: return l * c;
    }
}

/* The band that holds `value`, by a linear search of the bands; -1 when none does, and
 * aborts when two do. */
static int band_holding(const isms_matrix *m, int value)
{
    int found = -1;
    for (size_t i = 0; i < isms_matrix_band_count(m); i++) {
        isms_band b;
        if (isms_matrix_band(&b, m, i) != ISMS_OK)
            fail("a band cannot be read", NULL);
        if (b.min_value <= value && value <= b.max_value) {
            if (found >= 0)
                fail("two bands hold one value", NULL);
            found = (int)i;
        }
    }
    return found;
}

static void check_band_of(const isms_matrix *m, long long value)
{
    if (value < INT_MIN || value > INT_MAX)
        return;
    int want = band_holding(m, (int)value);
    int got = isms_matrix_band_of(m, (int)value);
    if (got != want) {
        char msg[96];
        snprintf(msg, sizeof msg, "value %lld: band_of %d, but the bands say %d", value, got,
                 want);
        fail("isms_matrix_band_of disagrees with the bands", msg);
    }
}

static void check_levels(const isms_matrix *m, isms_axis axis)
{
    size_t n = isms_matrix_level_count(m, axis);
    if (n < ISMS_SCALE_MIN_LEVELS || n > ISMS_SCALE_MAX_LEVELS)
        fail("a scale's level count is out of range", NULL);
    isms_level lv[MAX_LEVELS];
    for (size_t i = 0; i < n; i++) {
        if (isms_matrix_level(&lv[i], m, axis, i) != ISMS_OK)
            fail("a level cannot be read", NULL);
        if (lv[i].value < ISMS_LEVEL_VALUE_MIN || lv[i].value > ISMS_LEVEL_VALUE_MAX)
            fail("a level value is out of range", NULL);
        if (i > 0 && lv[i].value <= lv[i - 1].value)
            fail("level values do not increase", NULL);
        if (!nonempty(lv[i].label_sv) || !nonempty(lv[i].label_en) || !lv[i].description)
            fail("a level lacks a label or a description", NULL);
    }
    isms_level extra;
    if (isms_matrix_level(&extra, m, axis, n) != ISMS_ERANGE)
        fail("a level index past the end is not ERANGE", NULL);
    for (size_t i = 0; i < n; i++) {
        /* Labels are unique on the axis, so each names its own level. */
        for (size_t j = 0; j < n; j++)
            if (j != i && (isms_text_matches(lv[i].label_sv, lv[j].label_sv) ||
                           isms_text_matches(lv[i].label_sv, lv[j].label_en) ||
                           isms_text_matches(lv[i].label_en, lv[j].label_sv) ||
                           isms_text_matches(lv[i].label_en, lv[j].label_en)))
                fail("two levels of an axis share a label", lv[i].label_sv);
        int v = -1;
        if (isms_matrix_parse_level(&v, m, axis, lv[i].label_sv) != ISMS_OK ||
            v != lv[i].value)
            fail("a Swedish level label does not parse back to its level", lv[i].label_sv);
        if (isms_matrix_parse_level(&v, m, axis, lv[i].label_en) != ISMS_OK ||
            v != lv[i].value)
            fail("an English level label does not parse back to its level", lv[i].label_en);
        /* The number parses to its level, unless it is also some level's label (labels are
         * looked up first). */
        char num[16];
        snprintf(num, sizeof num, "%d", lv[i].value);
        bool is_label = false;
        for (size_t j = 0; j < n; j++)
            is_label |= isms_text_matches(lv[j].label_sv, num) ||
                        isms_text_matches(lv[j].label_en, num);
        if (!is_label && (isms_matrix_parse_level(&v, m, axis, num) != ISMS_OK ||
                          v != lv[i].value))
            fail("a level's number does not parse back to its level", num);
    }
    /* A number that is no level is ERANGE (unless a label reads like it). */
    static const int off_scale[] = { -1, 101, 1000, INT_MAX, INT_MIN };
    for (size_t k = 0; k < sizeof off_scale / sizeof *off_scale + 2; k++) {
        int probe = k < 5 ? off_scale[k] : (k == 5 ? lv[0].value - 1 : lv[n - 1].value + 1);
        char num[16];
        snprintf(num, sizeof num, "%d", probe);
        bool taken = false;
        for (size_t j = 0; j < n; j++)
            taken |= lv[j].value == probe || isms_text_matches(lv[j].label_sv, num) ||
                     isms_text_matches(lv[j].label_en, num);
        int v = 0;
        if (!taken && isms_matrix_parse_level(&v, m, axis, num) != ISMS_ERANGE)
            fail("a number off the scale does not give ERANGE", num);
    }
}

/* Everything a matrix promises about itself. */
static void check_matrix(const isms_matrix *m, unsigned seed)
{
    if (!nonempty(isms_matrix_name(m)))
        fail("the matrix has no name", NULL);
    isms_formula f = isms_matrix_formula(m);
    if ((unsigned)f > ISMS_FORMULA_GRID)
        fail("the formula is out of range", NULL);
    check_levels(m, ISMS_AXIS_LIKELIHOOD);
    check_levels(m, ISMS_AXIS_CONSEQUENCE);
    int lo = isms_matrix_min_value(m), hi = isms_matrix_max_value(m);
    if (lo > hi)
        fail("min value above max value", NULL);
    if (lo < -ISMS_GRID_VALUE_MAX || hi > ISMS_GRID_VALUE_MAX)
        fail("cell values beyond the grid's range", NULL);

    /* Bands: sorted, contiguous, each reaching into the values, together covering them. */
    size_t nb = isms_matrix_band_count(m);
    if (nb < 1)
        fail("no bands", NULL);
    isms_band prev = { 0 };
    for (size_t i = 0; i < nb; i++) {
        isms_band b;
        if (isms_matrix_band(&b, m, i) != ISMS_OK)
            fail("a band cannot be read", NULL);
        if (!nonempty(b.name) || !nonempty(b.label_sv) || !nonempty(b.label_en))
            fail("a band lacks a name or a label", NULL);
        if (!valid_color(b.color))
            fail("a band's colour is not #rrggbb", b.color);
        if (b.min_value > b.max_value)
            fail("a band's min is above its max", b.name);
        if (b.max_value < lo || b.min_value > hi)
            fail("a band lies outside the matrix's values", b.name);
        if (i > 0 && (long long)b.min_value != (long long)prev.max_value + 1)
            fail("bands overlap or leave a gap", b.name);
        size_t k = SIZE_MAX;
        if (isms_matrix_find_band(&k, m, b.name) != ISMS_OK || k != i)
            fail("a band's name does not find the band", b.name);
        const char *labels[2] = { b.label_sv, b.label_en };
        for (int j = 0; j < 2; j++) {
            /* Band labels need not be unique: the label finds a band that answers to it. */
            isms_band o;
            if (isms_matrix_find_band(&k, m, labels[j]) != ISMS_OK ||
                isms_matrix_band(&o, m, k) != ISMS_OK ||
                !(isms_text_matches(o.name, labels[j]) ||
                  isms_text_matches(o.label_sv, labels[j]) ||
                  isms_text_matches(o.label_en, labels[j])))
                fail("a band's label does not find a band with that label", labels[j]);
        }
        check_band_of(m, (long long)b.min_value - 1);
        check_band_of(m, b.min_value);
        check_band_of(m, b.max_value);
        check_band_of(m, (long long)b.max_value + 1);
        prev = b;
    }
    isms_band first, last;
    isms_matrix_band(&first, m, 0);
    isms_matrix_band(&last, m, nb - 1);
    if (first.min_value > lo || last.max_value < hi)
        fail("the bands do not cover the matrix's values", NULL);
    size_t missing = 0;
    if (isms_matrix_find_band(&missing, m, "\x01no such band\x01") != ISMS_ENOTFOUND)
        fail("a band that does not exist is found", NULL);

    /* Every value from min to max lies in exactly one band (all of them when there are not too
     * many, else the ends of the bands above and a spread of values). */
    if ((long long)hi - lo < FULL_SWEEP) {
        for (long long v = lo; v <= hi; v++)
            if (isms_matrix_band_of(m, (int)v) < 0)
                fail("a value between min and max lies in no band", NULL);
    } else {
        for (int k = 0; k <= 64; k++)
            if (isms_matrix_band_of(m, lo + (int)(((long long)hi - lo) * k / 64)) < 0)
                fail("a value between min and max lies in no band", NULL);
    }
    check_band_of(m, lo);
    check_band_of(m, hi);
    check_band_of(m, INT_MIN);
    check_band_of(m, INT_MAX);

    int acc = isms_matrix_acceptance(m);
    if (acc < lo || acc > hi)
        fail("the acceptance threshold lies outside the matrix's values", NULL);

    /* normalize / denormalize */
    if (isms_matrix_normalize(m, lo) != 0.0 || isms_matrix_normalize(m, INT_MIN) != 0.0 ||
        isms_matrix_normalize(m, INT_MAX) != 1.0 ||
        (lo < hi && isms_matrix_normalize(m, hi) != 1.0))
        fail("normalize does not map min and max to 0 and 1", NULL);
    if (isms_matrix_denormalize(m, 0.0) != lo || isms_matrix_denormalize(m, -1.0) != lo ||
        isms_matrix_denormalize(m, NAN) != lo || isms_matrix_denormalize(m, 1.0) != hi ||
        isms_matrix_denormalize(m, 2.0) != hi || isms_matrix_denormalize(m, INFINITY) != hi)
        fail("denormalize does not map 0 and 1 (and beyond) to min and max", NULL);
    for (unsigned k = 0; k < 16; k++) {
        double n = (double)((seed >> k) ^ (k * 2654435761u)) / 4294967295.0;
        int v = isms_matrix_denormalize(m, n);
        if (v < lo || v > hi || isms_matrix_band_of(m, v) < 0)
            fail("denormalize gives a value off the matrix or in no band", NULL);
        double back = isms_matrix_normalize(m, v);
        if (!(back >= 0.0 && back <= 1.0))
            fail("normalize leaves [0, 1]", NULL);
    }

    /* Every cell: the formula, the band, the normalised value and its inverse. */
    size_t nl = isms_matrix_level_count(m, ISMS_AXIS_LIKELIHOOD);
    size_t nc = isms_matrix_level_count(m, ISMS_AXIS_CONSEQUENCE);
    int ls[MAX_LEVELS * MAX_LEVELS], cs[MAX_LEVELS * MAX_LEVELS], want[MAX_LEVELS * MAX_LEVELS];
    int want_band[MAX_LEVELS * MAX_LEVELS];
    int cell_lo = INT_MAX, cell_hi = INT_MIN;
    size_t cells = 0;
    for (size_t i = 0; i < nl; i++) {
        isms_level l;
        isms_matrix_level(&l, m, ISMS_AXIS_LIKELIHOOD, i);
        for (size_t j = 0; j < nc; j++) {
            isms_level c;
            isms_matrix_level(&c, m, ISMS_AXIS_CONSEQUENCE, j);
            isms_score s;
            if (isms_matrix_score(&s, m, l.value, c.value) != ISMS_OK)
                fail("a cell of the matrix does not score", NULL);
            if (f != ISMS_FORMULA_GRID && s.value != formula_value(f, l.value, c.value))
                fail("a cell's value is not the formula's", NULL);
            if (s.band < 0 || s.band != isms_matrix_band_of(m, s.value) ||
                s.band != band_holding(m, s.value))
                fail("a cell's band is not the band of its value", NULL);
            if (s.normalized != isms_matrix_normalize(m, s.value) || s.normalized < 0.0 ||
                s.normalized > 1.0)
                fail("a cell's normalised value is not normalize(value)", NULL);
            if (isms_matrix_denormalize(m, s.normalized) != s.value)
                fail("denormalize(normalize(value)) is not the value", NULL);
            cell_lo = s.value < cell_lo ? s.value : cell_lo;
            cell_hi = s.value > cell_hi ? s.value : cell_hi;
            ls[cells] = l.value;
            cs[cells] = c.value;
            want[cells] = s.value;
            want_band[cells] = s.band;
            cells++;
        }
    }
    if (cell_lo != lo || cell_hi != hi)
        fail("min and max values are not those of the cells", NULL);

    /* Pairs off the scales. */
    isms_level l0, c0;
    isms_matrix_level(&l0, m, ISMS_AXIS_LIKELIHOOD, 0);
    isms_matrix_level(&c0, m, ISMS_AXIS_CONSEQUENCE, 0);
    const int bad[] = { ISMS_LEVEL_UNSET, -1, ISMS_LEVEL_VALUE_MAX + 1, INT_MAX,
                        (int)(seed % 256) - 64 };
    for (size_t k = 0; k < sizeof bad / sizeof *bad; k++) {
        isms_score s;
        bool is_level = false;
        for (size_t li = 0; li < nl; li++) {
            isms_level x;
            isms_matrix_level(&x, m, ISMS_AXIS_LIKELIHOOD, li);
            is_level |= x.value == bad[k];
        }
        if (!is_level && isms_matrix_score(&s, m, bad[k], c0.value) != ISMS_ERANGE)
            fail("a likelihood off the scale does not give ERANGE", NULL);
        is_level = false;
        for (size_t ci = 0; ci < nc; ci++) {
            isms_level x;
            isms_matrix_level(&x, m, ISMS_AXIS_CONSEQUENCE, ci);
            is_level |= x.value == bad[k];
        }
        if (!is_level && isms_matrix_score(&s, m, l0.value, bad[k]) != ISMS_ERANGE)
            fail("a consequence off the scale does not give ERANGE", NULL);
    }

    /* isms_matrix_score_many, once clean and once with an element off the scale, which must
     * be named: over more than a block (2048) when the vectorised path for the product on
     * consecutive levels may apply, else over a few elements per cell (it is costly). */
    enum { MANY = 2048 + 77 };
    static int many_l[MANY], many_c[MANY], many_v[MANY], many_b[MANY];
    bool consecutive = f == ISMS_FORMULA_PRODUCT;
    for (size_t k = 1; k < cells; k++)
        if (k % nc && cs[k] != cs[k - 1] + 1)
            consecutive = false;
    for (size_t k = nc; k < cells; k += nc)
        if (ls[k] != ls[k - nc] + 1)
            consecutive = false;
    size_t many = consecutive ? MANY : 2 * cells + 3;
    for (size_t i = 0; i < many; i++) {
        size_t k = (i * 7 + seed) % cells;
        many_l[i] = ls[k];
        many_c[i] = cs[k];
    }
    if (isms_matrix_score_many(many_v, many_b, m, many_l, many_c, many) != ISMS_OK)
        fail("score_many fails on cells of the matrix", NULL);
    for (size_t i = 0; i < many; i++) {
        size_t k = (i * 7 + seed) % cells;
        if (many_v[i] != want[k] || many_b[i] != want_band[k])
            fail("score_many disagrees with score", NULL);
    }
    size_t at = seed % many;
    many_l[at] = ISMS_LEVEL_UNSET;
    if (isms_matrix_score_many(many_v, NULL, m, many_l, many_c, many) != ISMS_ERANGE ||
        many_v[at] != ISMS_VALUE_UNSET)
        fail("score_many does not report an element off the scale", NULL);
    char expect[32];
    snprintf(expect, sizeof expect, "element %zu: ", at);
    if (strncmp(isms_error_last()->message, expect, strlen(expect)) != 0)
        fail("score_many names another element than the bad one", isms_error_last()->message);
    for (size_t i = 0; i < many; i++)
        if (i != at && many_v[i] != want[(i * 7 + seed) % cells])
            fail("score_many with a bad element gets the others wrong", NULL);
}

/* ---- equality ----------------------------------------------------------------------------- */

static bool same_string(const char *a, const char *b)
{
    return a && b && strcmp(a, b) == 0;
}

static void same_matrix(const isms_matrix *a, const isms_matrix *b, const char *what)
{
    if (!same_string(isms_matrix_name(a), isms_matrix_name(b)))
        fail(what, "the names differ");
    if (isms_matrix_formula(a) != isms_matrix_formula(b))
        fail(what, "the formulas differ");
    for (int x = 0; x < 2; x++) {
        isms_axis axis = (isms_axis)x;
        size_t n = isms_matrix_level_count(a, axis);
        if (n != isms_matrix_level_count(b, axis))
            fail(what, "the level counts differ");
        for (size_t i = 0; i < n; i++) {
            isms_level p, q;
            if (isms_matrix_level(&p, a, axis, i) || isms_matrix_level(&q, b, axis, i) ||
                p.value != q.value || !same_string(p.label_sv, q.label_sv) ||
                !same_string(p.label_en, q.label_en) ||
                !same_string(p.description, q.description))
                fail(what, "a level differs");
        }
    }
    size_t nb = isms_matrix_band_count(a);
    if (nb != isms_matrix_band_count(b))
        fail(what, "the band counts differ");
    for (size_t i = 0; i < nb; i++) {
        isms_band p, q;
        if (isms_matrix_band(&p, a, i) || isms_matrix_band(&q, b, i) ||
            !same_string(p.name, q.name) || p.min_value != q.min_value ||
            p.max_value != q.max_value || !same_string(p.color, q.color) ||
            !same_string(p.label_sv, q.label_sv) || !same_string(p.label_en, q.label_en))
            fail(what, "a band differs");
    }
    if (isms_matrix_acceptance(a) != isms_matrix_acceptance(b) ||
        isms_matrix_min_value(a) != isms_matrix_min_value(b) ||
        isms_matrix_max_value(a) != isms_matrix_max_value(b))
        fail(what, "acceptance, min or max differ");
    size_t nl = isms_matrix_level_count(a, ISMS_AXIS_LIKELIHOOD);
    size_t nc = isms_matrix_level_count(a, ISMS_AXIS_CONSEQUENCE);
    for (size_t i = 0; i < nl; i++)
        for (size_t j = 0; j < nc; j++) {
            isms_level l, c;
            isms_score s, t;
            isms_matrix_level(&l, a, ISMS_AXIS_LIKELIHOOD, i);
            isms_matrix_level(&c, a, ISMS_AXIS_CONSEQUENCE, j);
            if (isms_matrix_score(&s, a, l.value, c.value) ||
                isms_matrix_score(&t, b, l.value, c.value) || s.value != t.value ||
                s.band != t.band)
                fail(what, "a cell differs");
        }
}

/* Builds a copy of `m` from its parts with the builder, which must give an equal matrix. */
static void rebuild(const isms_matrix *m)
{
    isms_matrix_builder *b = NULL;
    if (isms_matrix_builder_new(&b, isms_matrix_name(m)) != ISMS_OK)
        fail("the builder does not take the matrix's name", NULL);
    size_t n[2];
    for (int x = 0; x < 2; x++) {
        n[x] = isms_matrix_level_count(m, (isms_axis)x);
        for (size_t i = 0; i < n[x]; i++) {
            isms_level l;
            isms_matrix_level(&l, m, (isms_axis)x, i);
            if (isms_matrix_builder_add_level(b, (isms_axis)x, l.value, l.label_sv, l.label_en,
                                              l.description) != ISMS_OK)
                fail("the builder does not take a level of the matrix", NULL);
        }
    }
    if (isms_matrix_formula(m) == ISMS_FORMULA_GRID) {
        int grid[MAX_LEVELS * MAX_LEVELS];
        for (size_t i = 0; i < n[0]; i++)
            for (size_t j = 0; j < n[1]; j++) {
                isms_level l, c;
                isms_score s;
                isms_matrix_level(&l, m, ISMS_AXIS_LIKELIHOOD, i);
                isms_matrix_level(&c, m, ISMS_AXIS_CONSEQUENCE, j);
                isms_matrix_score(&s, m, l.value, c.value);
                grid[i * n[1] + j] = s.value;
            }
        if (isms_matrix_builder_set_grid(b, grid, n[0], n[1]) != ISMS_OK)
            fail("the builder does not take the matrix's grid", NULL);
    } else if (isms_matrix_builder_set_formula(b, isms_matrix_formula(m)) != ISMS_OK) {
        fail("the builder does not take the matrix's formula", NULL);
    }
    /* In reverse order: the builder sorts them. */
    for (size_t i = isms_matrix_band_count(m); i-- > 0;) {
        isms_band d;
        isms_matrix_band(&d, m, i);
        if (isms_matrix_builder_add_band(b, d.name, d.min_value, d.max_value, d.color,
                                         d.label_sv, d.label_en) != ISMS_OK)
            fail("the builder does not take a band of the matrix", NULL);
    }
    if (isms_matrix_builder_set_acceptance(b, isms_matrix_acceptance(m)) != ISMS_OK)
        fail("the builder does not take the acceptance", NULL);
    isms_matrix *copy = NULL;
    if (isms_matrix_builder_build(&copy, b) != ISMS_OK)
        fail("the builder does not rebuild the matrix from its parts", NULL);
    same_matrix(m, copy, "the rebuilt matrix differs");
    isms_matrix_free(copy);
    isms_matrix_builder_free(b);
}

/* ---- the document round trip -------------------------------------------------------------- */

static bool matrix_texts_valid(const isms_matrix *m)
{
    bool ok = utf8_valid(isms_matrix_name(m));
    for (int x = 0; x < 2; x++)
        for (size_t i = 0; i < isms_matrix_level_count(m, (isms_axis)x); i++) {
            isms_level l;
            isms_matrix_level(&l, m, (isms_axis)x, i);
            ok = ok && utf8_valid(l.label_sv) && utf8_valid(l.label_en) &&
                 utf8_valid(l.description);
        }
    for (size_t i = 0; i < isms_matrix_band_count(m); i++) {
        isms_band b;
        isms_matrix_band(&b, m, i);
        ok = ok && utf8_valid(b.name) && utf8_valid(b.label_sv) && utf8_valid(b.label_en);
    }
    return ok;
}

static void print_texts(const char *first, size_t first_len, const char *second,
                        size_t second_len)
{
    if (first)
        fprintf(stderr, "--- first write (%zu bytes)\n%.*s", first_len,
                first_len > 6000 ? 6000 : (int)first_len, first);
    if (second)
        fprintf(stderr, "--- second write (%zu bytes)\n%.*s", second_len,
                second_len > 6000 ? 6000 : (int)second_len, second);
}

/* save → load → save: the same bytes both times and an equal matrix. The writer refuses
 * only text that is not UTF-8. */
static void round_trip(const isms_document *doc)
{
    const isms_matrix *m = isms_register_matrix(isms_document_register(doc));
    char *first = NULL;
    size_t first_len = 0;
    int rc = isms_document_write(&first, &first_len, doc);
    bool texts_valid = matrix_texts_valid(m);
    if (rc != ISMS_OK) {
        if (rc == ISMS_EINVAL && !texts_valid && !first)
            return;
        fail("a document with a valid matrix does not write", isms_error_last()->message);
    }
    if (!texts_valid)
        fail("a matrix with text that is not UTF-8 was written", NULL);
    if (!first || strlen(first) != first_len)
        fail("the written text has an embedded NUL or no text", NULL);
    isms_document *again = NULL;
    if (isms_document_parse(&again, first, first_len, "written.json", NULL) != ISMS_OK) {
        print_texts(first, first_len, NULL, 0);
        fail("the written document does not load", isms_error_last()->message);
    }
    same_matrix(m, isms_register_matrix(isms_document_register(again)),
                "the reloaded matrix differs from the one written");
    char *second = NULL;
    size_t second_len = 0;
    if (isms_document_write(&second, &second_len, again) != ISMS_OK)
        fail("the reloaded document does not write", isms_error_last()->message);
    if (second_len != first_len || memcmp(first, second, first_len) != 0) {
        print_texts(first, first_len, second, second_len);
        fail("save → load → save changes the bytes", NULL);
    }
    isms_free(second);
    isms_document_free(again);
    isms_free(first);
}

/* ---- JSON mode ---------------------------------------------------------------------------- */

/* Lines of `s` (n bytes) and the code points of line `line` (1-based), as the loader counts
 * them: every byte that is not a UTF-8 continuation byte is one. */
static void text_lines(const char *s, size_t n, unsigned line, size_t *lines, size_t *width)
{
    size_t l = 1, w = 0;
    *width = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char b = (unsigned char)s[i];
        if (b == '\n') {
            if (l == line)
                *width = w;
            l++;
            w = 0;
        } else if ((b & 0xC0) != 0x80) {
            w++;
        }
    }
    if (l == line)
        *width = w;
    *lines = l;
}

static void check_load_error(int rc, const char *text, size_t len, size_t input_newlines)
{
    const isms_error *e = isms_error_last();
    if (e->code != rc)
        fail("the last error's code is not the returned code", NULL);
    if (!e->message || !e->message[0])
        fail("a load error without a message", NULL);
    if (rc == ISMS_ENOMEM)
        return;
    if (e->message[0] != '$')
        fail("a load error's message does not begin with the JSON path", e->message);
    if (!same_string(e->source, "fuzz.json"))
        fail("a load error does not name the source", e->message);
    size_t lines, width;
    text_lines(text, len, e->line, &lines, &width);
    if (e->line < 1 || e->line > lines || e->column < 1 || e->column > width + 1) {
        char msg[1200];
        snprintf(msg, sizeof msg, "line %u, column %u (the text has %zu lines, that line "
                 "%zu code points): %s", e->line, e->column, lines, width, e->message);
        fail("a load error's position is not in the text", msg);
    }
    /* An error about the matrix is inside the input: from line 2 to the input's last. Not
     * so a syntax error, which may show only at the text that follows a truncated input. */
    const char *mp = "$.matrix";
    size_t mpl = strlen(mp);
    if (strncmp(e->message, mp, mpl) == 0 && strchr(".[:", e->message[mpl]) &&
        !strstr(e->message, ": syntax error: ") &&
        (e->line < 2 || e->line > 2 + input_newlines)) {
        char msg[1200];
        snprintf(msg, sizeof msg, "line %u, column %u: %s", e->line, e->column, e->message);
        fail("an error about the matrix is not placed in the matrix", msg);
    }
}

static void json_mode(const uint8_t *data, size_t size)
{
    if (size > MAX_INPUT_BYTES)
        return;
    size_t len = sizeof prefix - 1 + size + sizeof suffix - 1;
    char *text = malloc(len);
    if (!text)
        abort();
    memcpy(text, prefix, sizeof prefix - 1);
    if (size)
        memcpy(text + sizeof prefix - 1, data, size);
    memcpy(text + sizeof prefix - 1 + size, suffix, sizeof suffix - 1);
    size_t input_newlines = 0;
    for (size_t i = 0; i < size; i++)
        input_newlines += data[i] == '\n';

    const isms_load_options limits = { 1024 * 1024, MAX_DEPTH };
    isms_document *doc = NULL;
    isms_error_clear();
    int rc = isms_document_parse(&doc, text, len, "fuzz.json", &limits);
    if (rc != ISMS_OK) {
        if (doc || rc >= 0)
            fail("a failed load returns a document or a non-negative code", NULL);
        check_load_error(rc, text, len, input_newlines);
        free(text);
        return;
    }
    if (!doc)
        fail("a load succeeds without a document", NULL);
    const isms_matrix *m = isms_register_matrix(isms_document_register(doc));
    if (!m)
        fail("a loaded document has no matrix", NULL);
    check_matrix(m, fuzz_hash(data, size));
    rebuild(m);
    round_trip(doc);
    isms_document_free(doc);
    free(text);
}

/* ---- builder mode ------------------------------------------------------------------------- */

typedef struct reader {
    const uint8_t *p;
    size_t n;
} reader;

static unsigned next(reader *r)
{
    if (!r->n)
        return 0;
    r->n--;
    return *r->p++;
}

/* Strings: names and labels from a small vocabulary (with case, space and script variants
 * that match each other, numbers, NULL and "") or raw bytes from the input. */
static const char *const words[] = {
    NULL, "", " ", "Låg", "LÅG", " låg ", "Medel", "MEDEL", "Hög", "hög", "HÖG", "Mycket hög",
    "mycket  hög", "Low", "low", "Medium", "High", "Very high", "1", "2", "3", "10", "-1",
    "Osannolik", "Unlikely", "Möjlig", "Possible", "Sannolik", "Likely", "Begränsad",
    "Allvarlig", "low-risk", "high", "x", "X", "\xc3\x84", "\xc3\xa4", "4x4", "\xc2\xa0Hög",
};

typedef struct str_pool {
    char buf[MAX_OPS * 8][17];
    size_t used;
} str_pool;

static const char *next_string(reader *r, str_pool *pool)
{
    unsigned b = next(r);
    if (b < 0x80 || pool->used >= sizeof pool->buf / sizeof *pool->buf)
        return words[b % (sizeof words / sizeof *words)];
    char *s = pool->buf[pool->used++];
    size_t n = b & 15, k = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned c = next(r);
        if (!c)
            break;
        s[k++] = (char)c;
    }
    s[k] = '\0';
    return s;
}

static const char *const colors[] = {
    "#2e7d32", "#C62828", "#abcdef", "#000000", "#12345", "#1234567", "2e7d32a", "#gg0000",
    "", NULL, "#2E7D3", "#ffffff",
};

static const char *next_color(reader *r, str_pool *pool)
{
    unsigned b = next(r);
    if (b == 0xFF)
        return next_string(r, pool);
    return colors[b % (sizeof colors / sizeof *colors)];
}

static int next_int(reader *r)
{
    static const int special[] = { INT_MIN, INT_MAX, INT_MIN + 1, INT_MAX - 1, 0, -1,
                                   ISMS_GRID_VALUE_MAX, ISMS_GRID_VALUE_MAX + 1,
                                   -ISMS_GRID_VALUE_MAX, -ISMS_GRID_VALUE_MAX - 1, 10000, 16,
                                   25, 9, 100, 101 };
    unsigned b = next(r);
    switch (b >> 6) {
    case 0: return (int)(b & 63) - 8;
    case 1: return (int16_t)(uint16_t)(next(r) | next(r) << 8);
    case 2: {
        uint32_t u = next(r);
        u |= (uint32_t)next(r) << 8;
        u |= (uint32_t)next(r) << 16;
        u |= (uint32_t)next(r) << 24;
        return (int)(int32_t)u;
    }
    default: return special[b & 15];
    }
}

/* What the builder holds, as the contract describes it. */
typedef struct model_level {
    int value;
    const char *sv, *en, *desc;
} model_level;

typedef struct model_band {
    const char *name, *color, *sv, *en;
    int min, max;
} model_band;

typedef struct model {
    const char *name;
    model_level levels[2][MAX_LEVELS];
    size_t n_levels[2];
    isms_formula formula;
    int grid[MAX_LEVELS * MAX_LEVELS];
    size_t rows, cols;
    model_band bands[MAX_BANDS];
    size_t n_bands;
    bool has_acceptance;
    int acceptance;
} model;

/* Checks a call's result: `allowed` is a bit set of the error codes the contract allows
 * (bit k for code −k); none means the call must succeed. */
static void expect(int rc, unsigned allowed, const char *call)
{
    if (!allowed && rc == ISMS_OK)
        return;
    if (allowed && rc < 0 && rc > -32 && (allowed & (1u << -rc))) {
        const isms_error *e = isms_error_last();
        if (e->code != rc || !e->message[0])
            fail("an error without its code or a message", call);
        return;
    }
    char msg[160];
    snprintf(msg, sizeof msg, "%s returned %d; allowed: %s (mask 0x%x)", call, rc,
             allowed ? "errors" : "only success", allowed);
    fail("a builder call breaks its contract", msg);
}

#define ALLOW(code) (1u << -(code))

static bool clash(const model_level *lv, size_t n, const char *s)
{
    for (size_t i = 0; i < n; i++)
        if (isms_text_matches(lv[i].sv, s) || isms_text_matches(lv[i].en, s))
            return true;
    return false;
}

static int model_cell(const model *md, size_t li, size_t ci)
{
    if (md->formula == ISMS_FORMULA_GRID)
        return md->grid[li * md->cols + ci];
    return formula_value(md->formula, md->levels[0][li].value, md->levels[1][ci].value);
}

/* Whether the model's definition builds; *sorted gets the bands sorted by value, *lo and *hi
 * the cells' values. */
static bool model_valid(const model *md, model_band *sorted, int *lo, int *hi)
{
    if (md->n_levels[0] < ISMS_SCALE_MIN_LEVELS || md->n_levels[1] < ISMS_SCALE_MIN_LEVELS)
        return false;
    if (md->formula == ISMS_FORMULA_GRID &&
        (md->rows != md->n_levels[0] || md->cols != md->n_levels[1]))
        return false;
    if (md->n_bands == 0)
        return false;
    *lo = INT_MAX;
    *hi = INT_MIN;
    for (size_t i = 0; i < md->n_levels[0]; i++)
        for (size_t j = 0; j < md->n_levels[1]; j++) {
            int v = model_cell(md, i, j);
            *lo = v < *lo ? v : *lo;
            *hi = v > *hi ? v : *hi;
        }
    size_t n = md->n_bands;
    memcpy(sorted, md->bands, n * sizeof *sorted);
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0 && (sorted[j - 1].min > sorted[j].min ||
                                     (sorted[j - 1].min == sorted[j].min &&
                                      sorted[j - 1].max > sorted[j].max)); j--) {
            model_band t = sorted[j];
            sorted[j] = sorted[j - 1];
            sorted[j - 1] = t;
        }
    for (size_t i = 0; i < n; i++)
        if (sorted[i].max < *lo || sorted[i].min > *hi)
            return false;
    for (size_t i = 1; i < n; i++)
        if ((long long)sorted[i].min != (long long)sorted[i - 1].max + 1)
            return false;
    if (sorted[0].min > *lo || sorted[n - 1].max < *hi)
        return false;
    if (md->has_acceptance && (md->acceptance < *lo || md->acceptance > *hi))
        return false;
    return true;
}

/* The built matrix is the model's. */
static void check_built(const isms_matrix *m, const model *md, const model_band *sorted, int lo,
                        int hi)
{
    if (!same_string(isms_matrix_name(m), md->name) || isms_matrix_formula(m) != md->formula)
        fail("the built matrix has another name or formula than given", NULL);
    for (int x = 0; x < 2; x++) {
        if (isms_matrix_level_count(m, (isms_axis)x) != md->n_levels[x])
            fail("the built matrix has another level count than given", NULL);
        for (size_t i = 0; i < md->n_levels[x]; i++) {
            isms_level l;
            const model_level *w = &md->levels[x][i];
            if (isms_matrix_level(&l, m, (isms_axis)x, i) || l.value != w->value ||
                !same_string(l.label_sv, w->sv) || !same_string(l.label_en, w->en) ||
                !same_string(l.description, w->desc ? w->desc : ""))
                fail("a level of the built matrix is not the one given", NULL);
        }
    }
    if (isms_matrix_min_value(m) != lo || isms_matrix_max_value(m) != hi)
        fail("the built matrix has other min and max values than its cells", NULL);
    for (size_t i = 0; i < md->n_levels[0]; i++)
        for (size_t j = 0; j < md->n_levels[1]; j++) {
            isms_score s;
            if (isms_matrix_score(&s, m, md->levels[0][i].value, md->levels[1][j].value) ||
                s.value != model_cell(md, i, j))
                fail("a cell of the built matrix is not the one defined", NULL);
        }
    if (isms_matrix_band_count(m) != md->n_bands)
        fail("the built matrix has another band count than given", NULL);
    for (size_t i = 0; i < md->n_bands; i++) {
        isms_band b;
        const model_band *w = &sorted[i];
        if (isms_matrix_band(&b, m, i) || !same_string(b.name, w->name) ||
            b.min_value != w->min || b.max_value != w->max || !same_string(b.color, w->color) ||
            !same_string(b.label_sv, w->sv) || !same_string(b.label_en, w->en))
            fail("a band of the built matrix is not the one given (sorted by value)", NULL);
    }
    int acc = md->has_acceptance ? md->acceptance : (sorted[0].max < hi ? sorted[0].max : hi);
    if (isms_matrix_acceptance(m) != acc)
        fail("the built matrix's acceptance is not the one given (or the default)", NULL);
}

static void builder_mode(const uint8_t *data, size_t size)
{
    static str_pool pool;
    pool.used = 0;
    reader rd = { data, size };
    reader *r = &rd;
    static model md;
    memset(&md, 0, sizeof md);
    md.formula = ISMS_FORMULA_PRODUCT;

    /* NULL builders and out-pointers are EINVAL. */
    isms_matrix *none = NULL;
    int one = 1;
    expect(isms_matrix_builder_build(&none, NULL), ALLOW(ISMS_EINVAL), "build(NULL)");
    expect(isms_matrix_builder_add_level(NULL, ISMS_AXIS_LIKELIHOOD, 1, "a", "a", NULL),
           ALLOW(ISMS_EINVAL), "add_level(NULL)");
    expect(isms_matrix_builder_set_formula(NULL, ISMS_FORMULA_SUM), ALLOW(ISMS_EINVAL),
           "set_formula(NULL)");
    expect(isms_matrix_builder_set_grid(NULL, &one, 1, 1), ALLOW(ISMS_EINVAL),
           "set_grid(NULL)");
    expect(isms_matrix_builder_add_band(NULL, "a", 1, 2, "#000000", "a", "a"),
           ALLOW(ISMS_EINVAL), "add_band(NULL)");
    expect(isms_matrix_builder_set_acceptance(NULL, 1), ALLOW(ISMS_EINVAL),
           "set_acceptance(NULL)");
    isms_matrix_builder_free(NULL);

    md.name = next_string(r, &pool);
    isms_matrix_builder *b = NULL;
    int rc = isms_matrix_builder_new(&b, md.name);
    expect(rc, nonempty(md.name) && !bad_text(md.name) ? 0 : ALLOW(ISMS_EINVAL), "builder_new");
    if (rc != ISMS_OK) {
        if (b)
            fail("a failed builder_new returns a builder", NULL);
        return;
    }
    expect(isms_matrix_builder_build(NULL, b), ALLOW(ISMS_EINVAL), "build(out NULL)");

    static model_band sorted[MAX_BANDS];
    /* `unchecked`: a call since the last checked build may have changed the builder;
     * `untripped`: the same since the last round trip. A builder that did not change builds
     * the same matrix, whose checks (seeded by the whole input) and round trip would only
     * repeat the last ones, so such a build is compared with the last checked matrix
     * (`checked`) instead. Long programs of repeated builds spent most of their time on
     * those repeats. */
    bool unchecked = true, untripped = true;
    isms_matrix *checked = NULL;
    for (int op = 0; op < MAX_OPS && r->n; op++) {
        unsigned code = next(r);
        if (code % 8 != 7)
            unchecked = untripped = true;
        switch (code % 8) {
        case 0:
        case 1: { /* add_level */
            unsigned ab = next(r);
            int axis = ab < 250 ? (int)(ab & 1) : (ab == 255 ? -1 : 2);
            unsigned vb = next(r);
            size_t n = axis == 0 || axis == 1 ? md.n_levels[axis] : 0;
            int value;
            if ((vb & 0x80) && n > 0)
                value = md.levels[axis][n - 1].value + 1 + (int)(vb & 3);
            else if (vb & 0x80)
                value = (int)(vb & 7);
            else
                value = (int)vb - 10;
            const char *sv = next_string(r, &pool), *en = next_string(r, &pool);
            const char *desc = (code & 0x10) ? next_string(r, &pool) : NULL;
            unsigned allowed = 0;
            if (axis != 0 && axis != 1) {
                allowed |= ALLOW(ISMS_EINVAL);
            } else {
                const model_level *lv = md.levels[axis];
                if (!nonempty(sv) || !nonempty(en) || bad_text(sv) || bad_text(en) ||
                    bad_text(desc))
                    allowed |= ALLOW(ISMS_EINVAL);
                if (n >= MAX_LEVELS)
                    allowed |= ALLOW(ISMS_ERANGE);
                if (value < ISMS_LEVEL_VALUE_MIN || value > ISMS_LEVEL_VALUE_MAX)
                    allowed |= ALLOW(ISMS_ERANGE);
                if (n > 0 && value <= lv[n - 1].value)
                    allowed |= ALLOW(ISMS_EINVAL);
                if (nonempty(sv) && nonempty(en) && (clash(lv, n, sv) || clash(lv, n, en)))
                    allowed |= ALLOW(ISMS_EINVAL);
            }
            rc = isms_matrix_builder_add_level(b, (isms_axis)axis, value, sv, en, desc);
            expect(rc, allowed, "add_level");
            if (rc == ISMS_OK)
                md.levels[axis][md.n_levels[axis]++] = (model_level){ value, sv, en, desc };
            break;
        }
        case 2: { /* set_formula */
            int f = (int)(next(r) % 6) - 1;
            rc = isms_matrix_builder_set_formula(b, (isms_formula)f);
            bool ok = f == ISMS_FORMULA_PRODUCT || f == ISMS_FORMULA_SUM ||
                      f == ISMS_FORMULA_MAX;
            expect(rc, ok ? 0 : ALLOW(ISMS_EINVAL), "set_formula");
            if (rc == ISMS_OK)
                md.formula = (isms_formula)f;
            break;
        }
        case 3: { /* set_grid */
            unsigned sb = next(r);
            size_t rows, cols;
            if (sb & 0x80) { /* the scales' sizes, the usual case */
                rows = md.n_levels[0];
                cols = md.n_levels[1];
            } else {
                rows = sb % 12;
                cols = (sb / 12) % 12;
            }
            int values[12 * 12];
            for (size_t i = 0; i < rows * cols; i++)
                values[i] = (code & 0x20) ? next_int(r) : (int)(next(r) % 40) - 4;
            bool null_values = (code & 0xC0) == 0xC0;
            unsigned allowed = 0;
            if (null_values || rows == 0 || cols == 0)
                allowed |= ALLOW(ISMS_EINVAL);
            if (rows > MAX_LEVELS || cols > MAX_LEVELS)
                allowed |= ALLOW(ISMS_ERANGE);
            for (size_t i = 0; i < rows * cols; i++)
                if (values[i] > ISMS_GRID_VALUE_MAX || values[i] < -ISMS_GRID_VALUE_MAX)
                    allowed |= ALLOW(ISMS_ERANGE);
            rc = isms_matrix_builder_set_grid(b, null_values ? NULL : values, rows, cols);
            expect(rc, allowed, "set_grid");
            if (rc == ISMS_OK) {
                memcpy(md.grid, values, rows * cols * sizeof *values);
                md.rows = rows;
                md.cols = cols;
                md.formula = ISMS_FORMULA_GRID;
            }
            break;
        }
        case 4:
        case 5: { /* add_band */
            if (md.n_bands >= MAX_BANDS)
                break;
            const char *name = next_string(r, &pool);
            int lo = next_int(r), hi;
            unsigned wb = next(r);
            if (wb < 0xF0)
                hi = (long long)lo + (wb & 15) > INT_MAX ? INT_MAX : lo + (int)(wb & 15);
            else
                hi = next_int(r);
            if ((code & 0x30) == 0x30 && md.n_bands > 0) { /* next to the last band */
                long long t = (long long)md.bands[md.n_bands - 1].max + 1;
                if (t <= INT_MAX) {
                    long long w = (long long)hi - lo;
                    lo = (int)t;
                    hi = t + (w < 0 ? 0 : w) > INT_MAX ? INT_MAX : (int)(t + (w < 0 ? 0 : w));
                }
            }
            const char *color = next_color(r, &pool);
            const char *sv = next_string(r, &pool), *en = next_string(r, &pool);
            unsigned allowed = 0;
            if (!nonempty(name))
                allowed |= ALLOW(ISMS_EINVAL);
            for (size_t i = 0; nonempty(name) && i < md.n_bands; i++)
                if (isms_text_matches(md.bands[i].name, name))
                    allowed |= ALLOW(ISMS_EINVAL);
            if (lo > hi || !valid_color(color) || !nonempty(sv) || !nonempty(en) ||
                bad_text(name) || bad_text(sv) || bad_text(en) || bad_text(color))
                allowed |= ALLOW(ISMS_EINVAL);
            rc = isms_matrix_builder_add_band(b, name, lo, hi, color, sv, en);
            expect(rc, allowed, "add_band");
            if (rc == ISMS_OK)
                md.bands[md.n_bands++] = (model_band){ name, color, sv, en, lo, hi };
            break;
        }
        case 6: { /* set_acceptance */
            int a = next_int(r);
            expect(isms_matrix_builder_set_acceptance(b, a), 0, "set_acceptance");
            md.has_acceptance = true;
            md.acceptance = a;
            break;
        }
        default: { /* 7: build, and on success every check */
            int lo = 0, hi = 0;
            bool valid = model_valid(&md, sorted, &lo, &hi);
            isms_matrix *m = NULL;
            rc = isms_matrix_builder_build(&m, b);
            if (valid && rc != ISMS_OK)
                fail("a valid definition does not build", isms_error_last()->message);
            if (!valid) {
                expect(rc, ALLOW(ISMS_EINVAL), "build of an invalid definition");
                if (m)
                    fail("a failed build returns a matrix", NULL);
                break;
            }
            if (unchecked) {
                check_built(m, &md, sorted, lo, hi);
                check_matrix(m, fuzz_hash(data, size));
                unchecked = false;
            } else {
                same_matrix(m, checked, "an unchanged builder builds another matrix");
            }
            if (code & 0x80) { /* the builder is unchanged: it builds the same again */
                isms_matrix *again = NULL;
                if (isms_matrix_builder_build(&again, b) != ISMS_OK)
                    fail("a builder does not build twice", NULL);
                same_matrix(m, again, "building twice gives another matrix");
                isms_matrix_free(again);
            }
            if ((code & 0x40) && untripped) {
                untripped = false;
                rebuild(m);
                isms_document *doc = NULL;
                if (isms_document_new(&doc, 2024) != ISMS_OK ||
                    isms_document_set_matrix(doc, m) != ISMS_OK)
                    fail("an empty document does not take a matrix", NULL);
                same_matrix(m, isms_register_matrix(isms_document_register(doc)),
                            "the document's matrix is not the one set");
                round_trip(doc);
                isms_document_free(doc);
            }
            isms_matrix_free(checked);
            checked = m;
            break;
        }
        }
    }
    isms_matrix_free(checked);
    isms_matrix_builder_free(b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 0 && data[0] == 0)
        builder_mode(data + 1, size - 1);
    else
        json_mode(data, size);
    return 0;
}
