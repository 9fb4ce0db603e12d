/* Unit tests of risk matrices: presets, builder and its validation, scoring, bulk scoring,
 * threads, allocation failure. Expected values are worked out by hand in the comments. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#include "bench/bench-util.h"
#include "test-util.h"

#define LIK ISMS_AXIS_LIKELIHOOD
#define CON ISMS_AXIS_CONSEQUENCE

static isms_matrix *preset(const char *name)
{
    isms_matrix *m = NULL;
    assert_int_equal(isms_matrix_preset(&m, name), ISMS_OK);
    assert_non_null(m);
    return m;
}

/* A builder with levels `lv` (n of them) on both axes and no bands. */
static isms_matrix_builder *builder_with_levels(const int *lv, size_t n)
{
    static const char *const sv[] = { "Ett", "Två", "Tre", "Fyra", "Fem",
                                      "Sex", "Sju", "Åtta", "Nio", "Tio", "Elva" };
    static const char *const en[] = { "One", "Two", "Three", "Four", "Five",
                                      "Six", "Seven", "Eight", "Nine", "Ten", "Eleven" };
    isms_matrix_builder *b = NULL;
    assert_int_equal(isms_matrix_builder_new(&b, "custom"), ISMS_OK);
    for (int a = 0; a < 2; a++)
        for (size_t i = 0; i < n; i++)
            assert_int_equal(isms_matrix_builder_add_level(b, (isms_axis)a, lv[i], sv[i], en[i],
                                                           NULL),
                             ISMS_OK);
    return b;
}

static void add_band(isms_matrix_builder *b, const char *name, int lo, int hi)
{
    assert_int_equal(isms_matrix_builder_add_band(b, name, lo, hi, "#123abc", name, name),
                     ISMS_OK);
}

static const int one_to_four[] = { 1, 2, 3, 4 };
static const int one_to_three[] = { 1, 2, 3 };

/* ---- presets ------------------------------------------------------------------------- */

static void check_band(const isms_matrix *m, size_t i, const char *name, int lo, int hi,
                       const char *color, const char *sv, const char *en)
{
    isms_band b;
    assert_int_equal(isms_matrix_band(&b, m, i), ISMS_OK);
    assert_string_equal(b.name, name);
    assert_int_equal(b.min_value, lo);
    assert_int_equal(b.max_value, hi);
    assert_string_equal(b.color, color);
    assert_string_equal(b.label_sv, sv);
    assert_string_equal(b.label_en, en);
}

static void check_level(const isms_matrix *m, isms_axis axis, size_t i, int value,
                        const char *sv, const char *en)
{
    isms_level l;
    assert_int_equal(isms_matrix_level(&l, m, axis, i), ISMS_OK);
    assert_int_equal(l.value, value);
    assert_string_equal(l.label_sv, sv);
    assert_string_equal(l.label_en, en);
    assert_non_null(l.description);
    assert_true(strlen(l.description) > 0);
}

static void test_preset_4x4(void **state)
{
    (void)state;
    isms_matrix *m = preset("4x4");
    assert_string_equal(isms_matrix_name(m), "4x4");
    assert_int_equal(isms_matrix_formula(m), ISMS_FORMULA_PRODUCT);
    assert_int_equal(isms_matrix_level_count(m, LIK), 4);
    assert_int_equal(isms_matrix_level_count(m, CON), 4);
    check_level(m, LIK, 0, 1, "Osannolik", "Unlikely");
    check_level(m, LIK, 1, 2, "Möjlig", "Possible");
    check_level(m, LIK, 2, 3, "Sannolik", "Likely");
    check_level(m, LIK, 3, 4, "Mycket sannolik", "Very likely");
    check_level(m, CON, 0, 1, "Begränsad", "Limited");
    check_level(m, CON, 1, 2, "Måttlig", "Moderate");
    check_level(m, CON, 2, 3, "Allvarlig", "Serious");
    check_level(m, CON, 3, 4, "Mycket allvarlig", "Very serious");
    assert_int_equal(isms_matrix_band_count(m), 4);
    check_band(m, 0, "low", 1, 3, "#2e7d32", "Låg", "Low");
    check_band(m, 1, "medium", 4, 7, "#f9a825", "Medel", "Medium");
    check_band(m, 2, "high", 8, 11, "#ef6c00", "Hög", "High");
    check_band(m, 3, "very-high", 12, 16, "#c62828", "Mycket hög", "Very high");
    assert_int_equal(isms_matrix_acceptance(m), 3);
    assert_int_equal(isms_matrix_min_value(m), 1);
    assert_int_equal(isms_matrix_max_value(m), 16);

    /* 3 × 4 = 12: very-high, normalised (12 − 1) / (16 − 1) = 11/15 */
    isms_score s;
    assert_int_equal(isms_matrix_score(&s, m, 3, 4), ISMS_OK);
    assert_int_equal(s.value, 12);
    assert_int_equal(s.band, 3);
    assert_double_equal(s.normalized, 11.0 / 15.0, 1e-12);
    /* every cell: value l·c and the band of the documented thresholds */
    for (int l = 1; l <= 4; l++)
        for (int c = 1; c <= 4; c++) {
            assert_int_equal(isms_matrix_score(&s, m, l, c), ISMS_OK);
            int v = l * c;
            assert_int_equal(s.value, v);
            assert_int_equal(s.band, v <= 3 ? 0 : v <= 7 ? 1 : v <= 11 ? 2 : 3);
            assert_double_equal(s.normalized, (v - 1) / 15.0, 1e-12);
        }
    isms_matrix_free(m);
}

static void test_preset_5x5_and_3x3(void **state)
{
    (void)state;
    isms_matrix *m = preset("5X5"); /* names are case-insensitive */
    assert_string_equal(isms_matrix_name(m), "5x5");
    assert_int_equal(isms_matrix_level_count(m, LIK), 5);
    assert_int_equal(isms_matrix_level_count(m, CON), 5);
    check_level(m, LIK, 0, 1, "Mycket osannolik", "Very unlikely");
    check_level(m, LIK, 4, 5, "Mycket sannolik", "Very likely");
    check_level(m, CON, 0, 1, "Försumbar", "Negligible");
    check_level(m, CON, 4, 5, "Mycket allvarlig", "Very serious");
    assert_int_equal(isms_matrix_band_count(m), 4);
    check_band(m, 0, "low", 1, 4, "#2e7d32", "Låg", "Low");
    check_band(m, 1, "medium", 5, 9, "#f9a825", "Medel", "Medium");
    check_band(m, 2, "high", 10, 16, "#ef6c00", "Hög", "High");
    check_band(m, 3, "very-high", 17, 25, "#c62828", "Mycket hög", "Very high");
    assert_int_equal(isms_matrix_acceptance(m), 4);
    assert_int_equal(isms_matrix_min_value(m), 1);
    assert_int_equal(isms_matrix_max_value(m), 25);
    isms_score s;
    assert_int_equal(isms_matrix_score(&s, m, 4, 4), ISMS_OK); /* 16: high */
    assert_int_equal(s.value, 16);
    assert_int_equal(s.band, 2);
    assert_double_equal(s.normalized, 15.0 / 24.0, 1e-12);
    assert_int_equal(isms_matrix_score(&s, m, 2, 3), ISMS_OK); /* 6: medium */
    assert_int_equal(s.band, 1);
    assert_int_equal(isms_matrix_score(&s, m, 5, 6), ISMS_ERANGE);
    assert_error(ISMS_ERANGE, "consequence 6 is outside the scale 1–5");
    isms_matrix_free(m);

    m = preset(" 3x3 ");
    assert_int_equal(isms_matrix_level_count(m, LIK), 3);
    assert_int_equal(isms_matrix_band_count(m), 3);
    check_band(m, 0, "low", 1, 2, "#2e7d32", "Låg", "Low");
    check_band(m, 1, "medium", 3, 5, "#f9a825", "Medel", "Medium");
    check_band(m, 2, "high", 6, 9, "#ef6c00", "Hög", "High");
    assert_int_equal(isms_matrix_acceptance(m), 2);
    assert_int_equal(isms_matrix_max_value(m), 9);
    assert_int_equal(isms_matrix_score(&s, m, 1, 3), ISMS_OK); /* 3: medium */
    assert_int_equal(s.value, 3);
    assert_int_equal(s.band, 1);
    assert_double_equal(s.normalized, 0.25, 1e-12); /* (3 − 1) / 8 */
    isms_matrix_free(m);
}

static void test_preset_errors(void **state)
{
    (void)state;
    isms_matrix *m = (isms_matrix *)0x1;
    assert_int_equal(isms_matrix_preset(&m, "6x6"), ISMS_ENOTFOUND);
    assert_error(ISMS_ENOTFOUND, "6x6");
    assert_ptr_equal(m, (isms_matrix *)0x1); /* not written on failure */
    assert_int_equal(isms_matrix_preset(NULL, "4x4"), ISMS_EINVAL);
    assert_int_equal(isms_matrix_preset(&m, NULL), ISMS_EINVAL);
}

static void test_preset_alloc_failure(void **state)
{
    (void)state;
    static const char *const names[] = { "4x4", "5x5", "3x3" };
    for (size_t i = 0; i < 3; i++) {
        isms_matrix *m = NULL;
        SWEEP(isms_matrix_preset(&m, names[i]), assert_null(m));
        assert_non_null(m);
        assert_string_equal(isms_matrix_name(m), names[i]);
        isms_matrix_free(m);
    }
}

/* The presets are built from their tables without the builder's setters; every part of each
 * must pass those setters' checks, and the builder must make the same matrix of it. */
static void test_presets_pass_the_builder(void **state)
{
    (void)state;
    static const char *const names[] = { "4x4", "5x5", "3x3" };
    for (size_t k = 0; k < 3; k++) {
        isms_matrix *m = preset(names[k]);
        isms_matrix_builder *b = NULL;
        assert_int_equal(isms_matrix_builder_new(&b, isms_matrix_name(m)), ISMS_OK);
        for (int a = 0; a < 2; a++)
            for (size_t i = 0; i < isms_matrix_level_count(m, (isms_axis)a); i++) {
                isms_level l;
                assert_int_equal(isms_matrix_level(&l, m, (isms_axis)a, i), ISMS_OK);
                assert_int_equal(isms_matrix_builder_add_level(b, (isms_axis)a, l.value,
                                                               l.label_sv, l.label_en,
                                                               l.description),
                                 ISMS_OK);
            }
        assert_int_equal(isms_matrix_builder_set_formula(b, isms_matrix_formula(m)), ISMS_OK);
        for (size_t i = 0; i < isms_matrix_band_count(m); i++) {
            isms_band d;
            assert_int_equal(isms_matrix_band(&d, m, i), ISMS_OK);
            assert_int_equal(isms_matrix_builder_add_band(b, d.name, d.min_value, d.max_value,
                                                          d.color, d.label_sv, d.label_en),
                             ISMS_OK);
        }
        assert_int_equal(isms_matrix_builder_set_acceptance(b, isms_matrix_acceptance(m)),
                         ISMS_OK);
        isms_matrix *built = NULL;
        assert_int_equal(isms_matrix_builder_build(&built, b), ISMS_OK);
        isms_matrix_builder_free(b);

        assert_string_equal(isms_matrix_name(built), isms_matrix_name(m));
        assert_int_equal(isms_matrix_formula(built), isms_matrix_formula(m));
        assert_int_equal(isms_matrix_min_value(built), isms_matrix_min_value(m));
        assert_int_equal(isms_matrix_max_value(built), isms_matrix_max_value(m));
        assert_int_equal(isms_matrix_acceptance(built), isms_matrix_acceptance(m));
        for (int a = 0; a < 2; a++) {
            size_t n = isms_matrix_level_count(m, (isms_axis)a);
            assert_int_equal(isms_matrix_level_count(built, (isms_axis)a), n);
            for (size_t i = 0; i < n; i++) {
                isms_level x, y;
                isms_matrix_level(&x, m, (isms_axis)a, i);
                isms_matrix_level(&y, built, (isms_axis)a, i);
                assert_int_equal(x.value, y.value);
                assert_string_equal(x.label_sv, y.label_sv);
                assert_string_equal(x.label_en, y.label_en);
                assert_string_equal(x.description, y.description);
            }
        }
        assert_int_equal(isms_matrix_band_count(built), isms_matrix_band_count(m));
        for (size_t i = 0; i < isms_matrix_band_count(m); i++) {
            isms_band x, y;
            isms_matrix_band(&x, m, i);
            isms_matrix_band(&y, built, i);
            assert_string_equal(x.name, y.name);
            assert_int_equal(x.min_value, y.min_value);
            assert_int_equal(x.max_value, y.max_value);
            assert_string_equal(x.color, y.color);
            assert_string_equal(x.label_sv, y.label_sv);
            assert_string_equal(x.label_en, y.label_en);
        }
        /* Every pair of values, levels or not, scores alike (or fails alike). */
        for (int l = -1; l <= 7; l++)
            for (int c = -1; c <= 7; c++) {
                isms_score x = { 0, 0, 0 }, y = { 0, 0, 0 };
                int rx = isms_matrix_score(&x, m, l, c), ry = isms_matrix_score(&y, built, l, c);
                assert_int_equal(rx, ry);
                assert_int_equal(x.value, y.value);
                assert_int_equal(x.band, y.band);
                assert_double_equal(x.normalized, y.normalized, 0.0);
            }
        for (int v = -2; v <= 30; v++)
            assert_int_equal(isms_matrix_band_of(built, v), isms_matrix_band_of(m, v));
        isms_matrix_free(built);
        isms_matrix_free(m);
    }
}

static void test_ref_and_free(void **state)
{
    (void)state;
    isms_matrix *m = preset("4x4");
    assert_ptr_equal(isms_matrix_ref(m), m);
    assert_ptr_equal(isms_matrix_ref(m), m);
    isms_matrix_free(m);
    isms_matrix_free(m);
    assert_string_equal(isms_matrix_name(m), "4x4"); /* one reference left */
    isms_matrix_free(m);
    assert_null(isms_matrix_ref(NULL));
    isms_matrix_free(NULL);
}

static void test_null_matrix_accessors(void **state)
{
    (void)state;
    assert_null(isms_matrix_name(NULL));
    assert_int_equal(isms_matrix_formula(NULL), ISMS_FORMULA_PRODUCT);
    assert_int_equal(isms_matrix_level_count(NULL, LIK), 0);
    assert_int_equal(isms_matrix_band_count(NULL), 0);
    assert_int_equal(isms_matrix_band_of(NULL, 3), -1);
    assert_int_equal(isms_matrix_acceptance(NULL), 0);
    assert_int_equal(isms_matrix_min_value(NULL), 0);
    assert_int_equal(isms_matrix_max_value(NULL), 0);
    assert_double_equal(isms_matrix_normalize(NULL, 3), 0.0, 0);
}

/* ---- reading ------------------------------------------------------------------------- */

static void test_level_errors(void **state)
{
    (void)state;
    isms_matrix *m = preset("4x4");
    isms_level l;
    assert_int_equal(isms_matrix_level(&l, m, LIK, 4), ISMS_ERANGE);
    assert_error(ISMS_ERANGE, "index 4");
    assert_int_equal(isms_matrix_level(&l, m, (isms_axis)2, 0), ISMS_EINVAL);
    assert_int_equal(isms_matrix_level(NULL, m, LIK, 0), ISMS_EINVAL);
    assert_int_equal(isms_matrix_level(&l, NULL, LIK, 0), ISMS_EINVAL);
    assert_int_equal(isms_matrix_level_count(m, (isms_axis)7), 0);
    isms_matrix_free(m);
}

static void test_parse_level(void **state)
{
    (void)state;
    isms_matrix *m = preset("4x4");
    int v = 0;
    assert_int_equal(isms_matrix_parse_level(&v, m, LIK, "3"), ISMS_OK);
    assert_int_equal(v, 3);
    assert_int_equal(isms_matrix_parse_level(&v, m, LIK, " 4 "), ISMS_OK);
    assert_int_equal(v, 4);
    assert_int_equal(isms_matrix_parse_level(&v, m, LIK, "Sannolik"), ISMS_OK);
    assert_int_equal(v, 3);
    assert_int_equal(isms_matrix_parse_level(&v, m, LIK, "MYCKET  SANNOLIK"), ISMS_OK);
    assert_int_equal(v, 4);
    assert_int_equal(isms_matrix_parse_level(&v, m, LIK, "possible"), ISMS_OK);
    assert_int_equal(v, 2);
    assert_int_equal(isms_matrix_parse_level(&v, m, CON, "måttlig"), ISMS_OK);
    assert_int_equal(v, 2);
    assert_int_equal(isms_matrix_parse_level(&v, m, CON, "BEGRÄNSAD"), ISMS_OK);
    assert_int_equal(v, 1);
    assert_int_equal(isms_matrix_parse_level(&v, m, CON, "very serious"), ISMS_OK);
    assert_int_equal(v, 4);

    v = -7;
    assert_int_equal(isms_matrix_parse_level(&v, m, LIK, "5"), ISMS_ERANGE);
    assert_error(ISMS_ERANGE, "likelihood 5 is outside the scale 1–4");
    assert_int_equal(v, -7);
    assert_int_equal(isms_matrix_parse_level(&v, m, CON, "0"), ISMS_ERANGE);
    assert_error(ISMS_ERANGE, "consequence 0 is outside the scale 1–4");
    assert_int_equal(isms_matrix_parse_level(&v, m, LIK, "Sannolikt"), ISMS_EPARSE);
    assert_error(ISMS_EPARSE, "\"Sannolikt\" is not a likelihood level");
    assert_error(ISMS_EPARSE, "Osannolik, Möjlig, Sannolik, Mycket sannolik");
    assert_error(ISMS_EPARSE, "Unlikely, Possible, Likely, Very likely");
    assert_int_equal(isms_matrix_parse_level(&v, m, LIK, ""), ISMS_EPARSE);
    assert_int_equal(isms_matrix_parse_level(&v, m, LIK, "3.5"), ISMS_EPARSE);
    /* a likelihood label is not a consequence level */
    assert_int_equal(isms_matrix_parse_level(&v, m, CON, "Sannolik"), ISMS_EPARSE);
    assert_int_equal(v, -7);
    assert_int_equal(isms_matrix_parse_level(NULL, m, LIK, "1"), ISMS_EINVAL);
    assert_int_equal(isms_matrix_parse_level(&v, NULL, LIK, "1"), ISMS_EINVAL);
    assert_int_equal(isms_matrix_parse_level(&v, m, LIK, NULL), ISMS_EINVAL);
    assert_int_equal(isms_matrix_parse_level(&v, m, (isms_axis)3, "1"), ISMS_EINVAL);
    isms_matrix_free(m);
}

static void test_bands(void **state)
{
    (void)state;
    isms_matrix *m = preset("4x4");
    size_t i = 99;
    assert_int_equal(isms_matrix_find_band(&i, m, "high"), ISMS_OK);
    assert_int_equal(i, 2);
    assert_int_equal(isms_matrix_find_band(&i, m, "HÖG"), ISMS_OK);
    assert_int_equal(i, 2);
    assert_int_equal(isms_matrix_find_band(&i, m, "mycket hög"), ISMS_OK);
    assert_int_equal(i, 3);
    assert_int_equal(isms_matrix_find_band(&i, m, "Very-High"), ISMS_OK);
    assert_int_equal(i, 3);
    assert_int_equal(isms_matrix_find_band(&i, m, "Medel"), ISMS_OK);
    assert_int_equal(i, 1);
    assert_int_equal(isms_matrix_find_band(&i, m, "Low"), ISMS_OK);
    assert_int_equal(i, 0);
    i = 99;
    assert_int_equal(isms_matrix_find_band(&i, m, "extreme"), ISMS_ENOTFOUND);
    assert_error(ISMS_ENOTFOUND, "extreme");
    assert_int_equal(i, 99);
    assert_int_equal(isms_matrix_find_band(NULL, m, "low"), ISMS_EINVAL);
    assert_int_equal(isms_matrix_find_band(&i, NULL, "low"), ISMS_EINVAL);
    assert_int_equal(isms_matrix_find_band(&i, m, NULL), ISMS_EINVAL);

    static const int expect[] = { -1, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 3, -1 };
    for (int v = 0; v <= 17; v++)
        assert_int_equal(isms_matrix_band_of(m, v), expect[v]);
    assert_int_equal(isms_matrix_band_of(m, INT_MIN), -1);
    assert_int_equal(isms_matrix_band_of(m, INT_MAX), -1);

    isms_band b;
    assert_int_equal(isms_matrix_band(&b, m, 4), ISMS_ERANGE);
    assert_int_equal(isms_matrix_band(NULL, m, 0), ISMS_EINVAL);
    assert_int_equal(isms_matrix_band(&b, NULL, 0), ISMS_EINVAL);
    isms_matrix_free(m);
}

static void test_normalize(void **state)
{
    (void)state;
    isms_matrix *m = preset("4x4");
    assert_double_equal(isms_matrix_normalize(m, 1), 0.0, 0);
    assert_double_equal(isms_matrix_normalize(m, 16), 1.0, 0);
    assert_double_equal(isms_matrix_normalize(m, 6), 5.0 / 15.0, 1e-12);
    assert_double_equal(isms_matrix_normalize(m, -40), 0.0, 0); /* clamped */
    assert_double_equal(isms_matrix_normalize(m, 400), 1.0, 0);
    assert_double_equal(isms_matrix_normalize(m, INT_MIN), 0.0, 0);
    assert_double_equal(isms_matrix_normalize(m, INT_MAX), 1.0, 0);
    isms_matrix_free(m);
}

static void test_score_errors(void **state)
{
    (void)state;
    isms_matrix *m = preset("4x4");
    isms_score s = { 77, 77, 0.5 };
    assert_int_equal(isms_matrix_score(&s, m, 5, 1), ISMS_ERANGE);
    assert_error(ISMS_ERANGE, "likelihood 5 is outside the scale 1–4");
    assert_int_equal(s.value, 77); /* untouched */
    assert_int_equal(isms_matrix_score(&s, m, 2, 0), ISMS_ERANGE);
    assert_error(ISMS_ERANGE, "consequence 0 is outside the scale 1–4");
    assert_int_equal(isms_matrix_score(&s, m, -1, 2), ISMS_ERANGE);
    assert_error(ISMS_ERANGE, "likelihood -1 is outside the scale 1–4");
    assert_int_equal(isms_matrix_score(&s, m, INT_MAX, 2), ISMS_ERANGE);
    assert_int_equal(isms_matrix_score(&s, m, 2, 101), ISMS_ERANGE);
    assert_error(ISMS_ERANGE, "consequence 101 is outside");
    assert_int_equal(isms_matrix_score(&s, m, ISMS_LEVEL_UNSET, 2), ISMS_ERANGE);
    assert_error(ISMS_ERANGE, "likelihood is not set");
    assert_int_equal(isms_matrix_score(NULL, m, 1, 1), ISMS_EINVAL);
    assert_int_equal(isms_matrix_score(&s, NULL, 1, 1), ISMS_EINVAL);
    isms_matrix_free(m);
}

/* ---- custom matrices ----------------------------------------------------------------- */

static void test_builder_sum(void **state)
{
    (void)state;
    /* sum of 1..3 + 1..3: values 2..6 */
    isms_matrix_builder *b = builder_with_levels(one_to_three, 3);
    assert_int_equal(isms_matrix_builder_set_formula(b, ISMS_FORMULA_SUM), ISMS_OK);
    add_band(b, "high", 4, 6); /* any order */
    add_band(b, "low", 2, 3);
    isms_matrix *m = NULL;
    assert_int_equal(isms_matrix_builder_build(&m, b), ISMS_OK);
    assert_string_equal(isms_matrix_name(m), "custom");
    assert_int_equal(isms_matrix_formula(m), ISMS_FORMULA_SUM);
    assert_int_equal(isms_matrix_min_value(m), 2);
    assert_int_equal(isms_matrix_max_value(m), 6);
    assert_int_equal(isms_matrix_acceptance(m), 3); /* default: top of the lowest band */
    isms_band band;
    assert_int_equal(isms_matrix_band(&band, m, 0), ISMS_OK); /* sorted by value */
    assert_string_equal(band.name, "low");
    isms_score s;
    assert_int_equal(isms_matrix_score(&s, m, 2, 3), ISMS_OK);
    assert_int_equal(s.value, 5);
    assert_int_equal(s.band, 1);
    assert_double_equal(s.normalized, 0.75, 1e-12); /* (5 − 2) / (6 − 2) */
    assert_int_equal(isms_matrix_score(&s, m, 1, 1), ISMS_OK);
    assert_int_equal(s.value, 2);
    assert_int_equal(s.band, 0);
    assert_double_equal(s.normalized, 0.0, 0);
    isms_level l;
    assert_int_equal(isms_matrix_level(&l, m, CON, 2), ISMS_OK);
    assert_string_equal(l.label_sv, "Tre");
    assert_string_equal(l.label_en, "Three");
    assert_string_equal(l.description, ""); /* NULL description */
    isms_matrix_builder_free(b); /* the matrix owns copies */
    assert_string_equal(isms_matrix_name(m), "custom");
    size_t bi = 0;
    assert_int_equal(isms_matrix_find_band(&bi, m, "high"), ISMS_OK);
    assert_int_equal(bi, 1);
    isms_matrix_free(m);
}

static void test_builder_max(void **state)
{
    (void)state;
    isms_matrix_builder *b = builder_with_levels(one_to_four, 4);
    assert_int_equal(isms_matrix_builder_set_formula(b, ISMS_FORMULA_MAX), ISMS_OK);
    add_band(b, "low", 1, 2);
    add_band(b, "high", 3, 4);
    assert_int_equal(isms_matrix_builder_set_acceptance(b, 1), ISMS_OK);
    isms_matrix *m = NULL;
    assert_int_equal(isms_matrix_builder_build(&m, b), ISMS_OK);
    assert_int_equal(isms_matrix_formula(m), ISMS_FORMULA_MAX);
    assert_int_equal(isms_matrix_acceptance(m), 1);
    isms_score s;
    assert_int_equal(isms_matrix_score(&s, m, 1, 4), ISMS_OK);
    assert_int_equal(s.value, 4);
    assert_int_equal(s.band, 1);
    assert_int_equal(isms_matrix_score(&s, m, 3, 2), ISMS_OK);
    assert_int_equal(s.value, 3);
    assert_double_equal(s.normalized, 2.0 / 3.0, 1e-12);
    assert_int_equal(isms_matrix_score(&s, m, 2, 1), ISMS_OK);
    assert_int_equal(s.value, 2);
    assert_int_equal(s.band, 0);
    isms_matrix_free(m);
    isms_matrix_builder_free(b);
}

/* Likelihood 1, 2, 4 and consequence 0, 5, 10: a grid, with negative values. */
static isms_matrix_builder *grid_builder(void)
{
    isms_matrix_builder *b = NULL;
    assert_int_equal(isms_matrix_builder_new(&b, "grid"), ISMS_OK);
    assert_int_equal(isms_matrix_builder_add_level(b, LIK, 1, "Sällan", "Rarely", "x"), ISMS_OK);
    assert_int_equal(isms_matrix_builder_add_level(b, LIK, 2, "Ibland", "Sometimes", NULL),
                     ISMS_OK);
    assert_int_equal(isms_matrix_builder_add_level(b, LIK, 4, "Ofta", "Often", NULL), ISMS_OK);
    assert_int_equal(isms_matrix_builder_add_level(b, CON, 0, "Ingen", "None", NULL), ISMS_OK);
    assert_int_equal(isms_matrix_builder_add_level(b, CON, 5, "Viss", "Some", NULL), ISMS_OK);
    assert_int_equal(isms_matrix_builder_add_level(b, CON, 10, "Stor", "Large", NULL), ISMS_OK);
    static const int grid[9] = { -2, 1, 3,   /* likelihood 1 */
                                 0, 3, 7,    /* likelihood 2 */
                                 1, 6, 20 }; /* likelihood 4 */
    assert_int_equal(isms_matrix_builder_set_grid(b, grid, 3, 3), ISMS_OK);
    add_band(b, "low", -2, 2);
    add_band(b, "medium", 3, 6);
    add_band(b, "high", 7, 20);
    return b;
}

static void test_builder_grid(void **state)
{
    (void)state;
    isms_matrix_builder *b = grid_builder();
    isms_matrix *m = NULL;
    assert_int_equal(isms_matrix_builder_build(&m, b), ISMS_OK);
    assert_int_equal(isms_matrix_formula(m), ISMS_FORMULA_GRID);
    assert_int_equal(isms_matrix_min_value(m), -2);
    assert_int_equal(isms_matrix_max_value(m), 20);
    assert_int_equal(isms_matrix_acceptance(m), 2);
    isms_score s;
    assert_int_equal(isms_matrix_score(&s, m, 4, 10), ISMS_OK);
    assert_int_equal(s.value, 20);
    assert_int_equal(s.band, 2);
    assert_double_equal(s.normalized, 1.0, 0);
    assert_int_equal(isms_matrix_score(&s, m, 2, 5), ISMS_OK);
    assert_int_equal(s.value, 3);
    assert_int_equal(s.band, 1);
    assert_double_equal(s.normalized, 5.0 / 22.0, 1e-12); /* (3 + 2) / (20 + 2) */
    assert_int_equal(isms_matrix_score(&s, m, 1, 0), ISMS_OK);
    assert_int_equal(s.value, -2);
    assert_int_equal(s.band, 0);
    assert_int_equal(isms_matrix_score(&s, m, 3, 5), ISMS_ERANGE);
    assert_error(ISMS_ERANGE, "likelihood 3 is not a level of the scale 1, 2, 4");
    assert_int_equal(isms_matrix_score(&s, m, 4, 11), ISMS_ERANGE);
    assert_error(ISMS_ERANGE, "consequence 11 is outside the scale 0, 5, 10");
    int v;
    assert_int_equal(isms_matrix_parse_level(&v, m, CON, "10"), ISMS_OK);
    assert_int_equal(v, 10);
    assert_int_equal(isms_matrix_parse_level(&v, m, CON, "6"), ISMS_ERANGE);
    assert_int_equal(isms_matrix_parse_level(&v, m, LIK, "often"), ISMS_OK);
    assert_int_equal(v, 4);
    /* set_formula after set_grid switches back to a formula: 4 × 10 = 40 needs bands */
    assert_int_equal(isms_matrix_builder_set_formula(b, ISMS_FORMULA_PRODUCT), ISMS_OK);
    isms_matrix *m2 = NULL;
    assert_int_equal(isms_matrix_builder_build(&m2, b), ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "no band covers values 21–40");
    assert_null(m2);
    isms_matrix_free(m);
    isms_matrix_builder_free(b);
}

static void test_builder_noncontiguous_product(void **state)
{
    (void)state;
    static const int lv[] = { 1, 2, 4 };
    isms_matrix_builder *b = builder_with_levels(lv, 3);
    add_band(b, "low", 1, 3);
    add_band(b, "medium", 4, 7);
    add_band(b, "high", 8, 16);
    isms_matrix *m = NULL;
    assert_int_equal(isms_matrix_builder_build(&m, b), ISMS_OK);
    isms_score s;
    assert_int_equal(isms_matrix_score(&s, m, 4, 2), ISMS_OK);
    assert_int_equal(s.value, 8);
    assert_int_equal(s.band, 2);
    assert_int_equal(isms_matrix_score(&s, m, 3, 2), ISMS_ERANGE);
    assert_error(ISMS_ERANGE, "likelihood 3 is not a level of the scale 1, 2, 4");
    isms_matrix_free(m);
    isms_matrix_builder_free(b);
}

static void test_builder_level_errors(void **state)
{
    (void)state;
    isms_matrix_builder *b = NULL;
    assert_int_equal(isms_matrix_builder_new(&b, ""), ISMS_EINVAL);
    assert_int_equal(isms_matrix_builder_new(&b, NULL), ISMS_EINVAL);
    assert_int_equal(isms_matrix_builder_new(NULL, "x"), ISMS_EINVAL);
    assert_null(b);
    assert_int_equal(isms_matrix_builder_new(&b, "x"), ISMS_OK);
    assert_int_equal(isms_matrix_builder_add_level(b, LIK, 1, "Låg", "Low", NULL), ISMS_OK);
    /* not increasing */
    assert_int_equal(isms_matrix_builder_add_level(b, LIK, 1, "A", "B", NULL), ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "likelihood level 1 must be greater than the previous level 1");
    assert_int_equal(isms_matrix_builder_add_level(b, LIK, 0, "A", "B", NULL), ISMS_EINVAL);
    /* out of range */
    assert_int_equal(isms_matrix_builder_add_level(b, CON, -1, "A", "B", NULL), ISMS_ERANGE);
    assert_error(ISMS_ERANGE, "consequence level value -1 is outside the range 0–100");
    assert_int_equal(isms_matrix_builder_add_level(b, LIK, 101, "A", "B", NULL), ISMS_ERANGE);
    /* duplicate labels, case-insensitively, in either language */
    assert_int_equal(isms_matrix_builder_add_level(b, LIK, 2, "LÅG", "Other", NULL),
                     ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "label \"LÅG\" is already used by level 1");
    assert_int_equal(isms_matrix_builder_add_level(b, LIK, 2, "Annan", "low", NULL),
                     ISMS_EINVAL);
    assert_int_equal(isms_matrix_builder_add_level(b, LIK, 2, "low", "Annan", NULL),
                     ISMS_EINVAL);
    /* the same label on the other axis is fine */
    assert_int_equal(isms_matrix_builder_add_level(b, CON, 1, "Låg", "Low", NULL), ISMS_OK);
    /* empty labels, bad axis, NULL builder */
    assert_int_equal(isms_matrix_builder_add_level(b, LIK, 2, "", "B", NULL), ISMS_EINVAL);
    assert_int_equal(isms_matrix_builder_add_level(b, LIK, 2, "A", NULL, NULL), ISMS_EINVAL);
    assert_int_equal(isms_matrix_builder_add_level(b, (isms_axis)2, 2, "A", "B", NULL),
                     ISMS_EINVAL);
    assert_int_equal(isms_matrix_builder_add_level(NULL, LIK, 2, "A", "B", NULL), ISMS_EINVAL);
    isms_matrix_builder_free(b);
    isms_matrix_builder_free(NULL);

    /* at most 10 levels, values up to 100 */
    static const int ten[] = { 0, 10, 20, 30, 40, 50, 60, 70, 80, 100 };
    b = builder_with_levels(ten, 10);
    assert_int_equal(isms_matrix_builder_add_level(b, LIK, 100, "Elva", "Eleven", NULL),
                     ISMS_ERANGE);
    assert_error(ISMS_ERANGE, "already has 10 levels");
    add_band(b, "all", 0, 10000);
    isms_matrix *m = NULL;
    assert_int_equal(isms_matrix_builder_build(&m, b), ISMS_OK);
    assert_int_equal(isms_matrix_level_count(m, LIK), 10);
    assert_int_equal(isms_matrix_max_value(m), 10000);
    assert_int_equal(isms_matrix_acceptance(m), 10000); /* top of the only band */
    isms_score s;
    assert_int_equal(isms_matrix_score(&s, m, 100, 50), ISMS_OK);
    assert_int_equal(s.value, 5000);
    assert_double_equal(s.normalized, 0.5, 1e-12);
    assert_int_equal(isms_matrix_score(&s, m, 0, 100), ISMS_OK);
    assert_int_equal(s.value, 0);
    isms_matrix_free(m);
    isms_matrix_builder_free(b);
}

static void test_builder_formula_and_grid_errors(void **state)
{
    (void)state;
    isms_matrix_builder *b = builder_with_levels(one_to_four, 4);
    assert_int_equal(isms_matrix_builder_set_formula(b, ISMS_FORMULA_GRID), ISMS_EINVAL);
    assert_int_equal(isms_matrix_builder_set_formula(b, (isms_formula)9), ISMS_EINVAL);
    assert_int_equal(isms_matrix_builder_set_formula(NULL, ISMS_FORMULA_SUM), ISMS_EINVAL);
    int grid[16] = { 0 };
    assert_int_equal(isms_matrix_builder_set_grid(b, NULL, 4, 4), ISMS_EINVAL);
    assert_int_equal(isms_matrix_builder_set_grid(NULL, grid, 4, 4), ISMS_EINVAL);
    assert_int_equal(isms_matrix_builder_set_grid(b, grid, 0, 4), ISMS_EINVAL);
    int big[121] = { 0 };
    assert_int_equal(isms_matrix_builder_set_grid(b, big, 11, 11), ISMS_ERANGE);
    grid[6] = ISMS_GRID_VALUE_MAX + 1;
    assert_int_equal(isms_matrix_builder_set_grid(b, grid, 4, 4), ISMS_ERANGE);
    assert_error(ISMS_ERANGE, "grid value 1000001 (likelihood row 2, consequence column 3)");
    grid[6] = -ISMS_GRID_VALUE_MAX - 1;
    assert_int_equal(isms_matrix_builder_set_grid(b, grid, 4, 4), ISMS_ERANGE);
    grid[6] = -ISMS_GRID_VALUE_MAX;
    grid[7] = ISMS_GRID_VALUE_MAX;
    assert_int_equal(isms_matrix_builder_set_grid(b, grid, 4, 4), ISMS_OK);
    add_band(b, "all", -ISMS_GRID_VALUE_MAX, ISMS_GRID_VALUE_MAX);
    isms_matrix *m = NULL;
    assert_int_equal(isms_matrix_builder_build(&m, b), ISMS_OK);
    assert_int_equal(isms_matrix_min_value(m), -ISMS_GRID_VALUE_MAX);
    isms_matrix_free(m);
    m = NULL;

    /* a grid of the wrong size */
    assert_int_equal(isms_matrix_builder_set_grid(b, grid, 4, 3), ISMS_OK);
    assert_int_equal(isms_matrix_builder_build(&m, b), ISMS_EINVAL);
    assert_error(ISMS_EINVAL,
                 "grid has 4×3 cells but the scales have 4 likelihood and 4 consequence levels");
    assert_null(m);
    isms_matrix_builder_free(b);
}

static void test_builder_band_errors(void **state)
{
    (void)state;
    isms_matrix_builder *b = builder_with_levels(one_to_four, 4);
    static const char *const bad_colors[] = { "#12345", "red", "#12345g", "#1234567",
                                              "123456", "#", "" };
    for (size_t i = 0; i < sizeof bad_colors / sizeof *bad_colors; i++) {
        assert_int_equal(isms_matrix_builder_add_band(b, "x", 1, 2, bad_colors[i], "a", "b"),
                         ISMS_EINVAL);
        assert_error(ISMS_EINVAL, "is not of the form #rrggbb");
    }
    assert_int_equal(isms_matrix_builder_add_band(b, "x", 1, 2, NULL, "a", "b"), ISMS_EINVAL);
    assert_int_equal(isms_matrix_builder_add_band(b, "x", 1, 2, "#ABCdef", "a", "b"), ISMS_OK);
    assert_int_equal(isms_matrix_builder_add_band(b, "X", 3, 4, "#000000", "a", "b"),
                     ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "band \"X\" is already defined");
    assert_int_equal(isms_matrix_builder_add_band(b, "", 3, 4, "#000000", "a", "b"),
                     ISMS_EINVAL);
    assert_int_equal(isms_matrix_builder_add_band(b, NULL, 3, 4, "#000000", "a", "b"),
                     ISMS_EINVAL);
    assert_int_equal(isms_matrix_builder_add_band(b, "y", 5, 4, "#000000", "a", "b"),
                     ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "lowest value 5 is above highest 4");
    assert_int_equal(isms_matrix_builder_add_band(b, "y", 3, 4, "#000000", "", "b"),
                     ISMS_EINVAL);
    assert_int_equal(isms_matrix_builder_add_band(b, "y", 3, 4, "#000000", "a", NULL),
                     ISMS_EINVAL);
    assert_int_equal(isms_matrix_builder_add_band(NULL, "y", 3, 4, "#000000", "a", "b"),
                     ISMS_EINVAL);
    assert_int_equal(isms_matrix_builder_set_acceptance(NULL, 3), ISMS_EINVAL);
    isms_matrix_builder_free(b);
}

/* Builds a 4x4 product matrix with the given bands and expects EINVAL with `message`. */
static void expect_rejected(const int (*bands)[2], size_t n, int acceptance,
                            const char *message)
{
    isms_matrix_builder *b = builder_with_levels(one_to_four, 4);
    static const char *const names[] = { "low", "medium", "high", "very-high", "extra" };
    for (size_t i = 0; i < n; i++)
        add_band(b, names[i], bands[i][0], bands[i][1]);
    if (acceptance != INT_MIN)
        assert_int_equal(isms_matrix_builder_set_acceptance(b, acceptance), ISMS_OK);
    isms_matrix *m = NULL;
    assert_int_equal(isms_matrix_builder_build(&m, b), ISMS_EINVAL);
    assert_error(ISMS_EINVAL, message);
    assert_null(m);
    isms_matrix_builder_free(b);
}

static void test_builder_rejects_inconsistent(void **state)
{
    (void)state;
    /* overlap */
    expect_rejected((const int[][2]){ { 1, 3 }, { 3, 7 }, { 8, 16 } }, 3, INT_MIN,
                    "bands \"low\" (1–3) and \"medium\" (3–7) overlap at 3");
    expect_rejected((const int[][2]){ { 1, 6 }, { 4, 7 }, { 8, 16 } }, 3, INT_MIN,
                    "bands \"low\" (1–6) and \"medium\" (4–7) overlap at 4–6");
    expect_rejected((const int[][2]){ { 1, 16 }, { 1, 3 } }, 2, INT_MIN,
                    "bands \"medium\" (1–3) and \"low\" (1–16) overlap at 1–3");
    /* gaps */
    expect_rejected((const int[][2]){ { 1, 3 }, { 5, 16 } }, 2, INT_MIN,
                    "no band covers value 4 (between bands \"low\" and \"medium\")");
    expect_rejected((const int[][2]){ { 1, 3 }, { 6, 16 } }, 2, INT_MIN,
                    "no band covers values 4–5");
    /* not covering the cell values */
    expect_rejected((const int[][2]){ { 2, 3 }, { 4, 16 } }, 2, INT_MIN,
                    "no band covers value 1");
    expect_rejected((const int[][2]){ { 1, 3 }, { 4, 12 } }, 2, INT_MIN,
                    "no band covers values 13–16");
    expect_rejected((const int[][2]){ { 1, 3 }, { 4, 15 } }, 2, INT_MIN,
                    "no band covers value 16");
    /* a band beyond every value */
    expect_rejected((const int[][2]){ { 1, 3 }, { 4, 16 }, { 17, 20 } }, 3, INT_MIN,
                    "band \"high\" (17–20) lies outside the matrix's values 1–16");
    /* acceptance outside the values */
    expect_rejected((const int[][2]){ { 1, 3 }, { 4, 16 } }, 2, 17,
                    "acceptance threshold 17 is outside the matrix's values 1–16");
    expect_rejected((const int[][2]){ { 1, 3 }, { 4, 16 } }, 2, 0,
                    "acceptance threshold 0 is outside");
    /* no bands */
    expect_rejected(NULL, 0, INT_MIN, "has no bands");

    /* too few levels on an axis */
    isms_matrix_builder *b = NULL;
    assert_int_equal(isms_matrix_builder_new(&b, "small"), ISMS_OK);
    for (int i = 1; i <= 3; i++) {
        char sv[16], en[16];
        snprintf(sv, sizeof sv, "s%d", i);
        snprintf(en, sizeof en, "e%d", i);
        assert_int_equal(isms_matrix_builder_add_level(b, CON, i, sv, en, NULL), ISMS_OK);
        if (i < 3)
            assert_int_equal(isms_matrix_builder_add_level(b, LIK, i, sv, en, NULL), ISMS_OK);
    }
    add_band(b, "all", 1, 9);
    isms_matrix *m = NULL;
    assert_int_equal(isms_matrix_builder_build(&m, b), ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "the likelihood scale has 2 levels; a scale needs 3 to 10");
    /* the builder is unchanged and can be completed and reused */
    assert_int_equal(isms_matrix_builder_add_level(b, LIK, 3, "s3", "e3", NULL), ISMS_OK);
    assert_int_equal(isms_matrix_builder_build(&m, b), ISMS_OK);
    isms_matrix *m2 = NULL;
    assert_int_equal(isms_matrix_builder_build(&m2, b), ISMS_OK);
    assert_ptr_not_equal(m, m2);
    assert_int_equal(isms_matrix_max_value(m2), 9);
    isms_matrix_free(m);
    isms_matrix_free(m2);
    assert_int_equal(isms_matrix_builder_build(NULL, b), ISMS_EINVAL);
    assert_int_equal(isms_matrix_builder_build(&m, NULL), ISMS_EINVAL);
    isms_matrix_builder_free(b);
}

static void test_builder_alloc_failure(void **state)
{
    (void)state;
    isms_matrix_builder *b = NULL;
    SWEEP(isms_matrix_builder_new(&b, "sweep"), assert_null(b));
    /* add_level: a failed call must not add anything (a retry would then be rejected as a
     * duplicate, or the final count would be off) */
    for (int a = 0; a < 2; a++)
        for (int i = 1; i <= 4; i++) {
            char sv[16], en[16];
            snprintf(sv, sizeof sv, "s%d", i);
            snprintf(en, sizeof en, "e%d", i);
            SWEEP(isms_matrix_builder_add_level(b, (isms_axis)a, i, sv, en, "description"),
                  (void)0);
        }
    static const int grid[16] = { 1, 2, 3, 4, 2, 4, 6, 8, 3, 6, 9, 12, 4, 8, 12, 16 };
    SWEEP(isms_matrix_builder_set_grid(b, grid, 4, 4), (void)0);
    static const char *const names[] = { "low", "medium", "high", "very-high" };
    static const int lo[] = { 1, 4, 8, 12 }, hi[] = { 3, 7, 11, 16 };
    for (int i = 0; i < 4; i++)
        SWEEP(isms_matrix_builder_add_band(b, names[i], lo[i], hi[i], "#aabbcc", names[i],
                                           names[i]),
              (void)0);
    isms_matrix *m = NULL;
    SWEEP(isms_matrix_builder_build(&m, b), assert_null(m));
    assert_int_equal(isms_matrix_level_count(m, LIK), 4);
    assert_int_equal(isms_matrix_level_count(m, CON), 4);
    assert_int_equal(isms_matrix_band_count(m), 4);
    assert_int_equal(isms_matrix_formula(m), ISMS_FORMULA_GRID);
    isms_score s;
    assert_int_equal(isms_matrix_score(&s, m, 3, 4), ISMS_OK);
    assert_int_equal(s.value, 12);
    assert_int_equal(s.band, 3);
    isms_level l;
    assert_int_equal(isms_matrix_level(&l, m, CON, 3), ISMS_OK);
    assert_string_equal(l.label_sv, "s4");
    assert_string_equal(l.description, "description");
    isms_matrix_free(m);

    /* a failed set_grid keeps the previous grid */
    static const int other[16] = { 0 };
    isms__alloc_fail_at(1);
    assert_int_equal(isms_matrix_builder_set_grid(b, other, 4, 4), ISMS_ENOMEM);
    isms__alloc_fail_at(0);
    assert_int_equal(isms_matrix_builder_build(&m, b), ISMS_OK);
    assert_int_equal(isms_matrix_max_value(m), 16);
    isms_matrix_free(m);
    isms_matrix_builder_free(b);
}

/* ---- bulk scoring -------------------------------------------------------------------- */

static uint64_t rng = 88172645463325252u;

/* Values that are never levels of the matrices below. */
static const int bad_values[] = { 0, 5, 6, -1, 101, 102, 1000, INT_MIN, INT_MAX,
                                  ISMS_LEVEL_UNSET };

/* score_many agrees with score() element by element on `m` for n pairs whose levels come
 * from `good` except that each axis gets a bad value with probability 1 / bad_l (bad_c);
 * 0 means never. */
static void check_many_against_single(const isms_matrix *m, const int *good, size_t n_good,
                                      unsigned bad_l, unsigned bad_c, size_t n)
{
    int *ls = malloc(n * sizeof *ls), *cs = malloc(n * sizeof *cs);
    int *vs = malloc(n * sizeof *vs), *bs = malloc(n * sizeof *bs);
    int *vs2 = malloc(n * sizeof *vs2);
    assert_non_null(ls);
    assert_non_null(cs);
    assert_non_null(vs);
    assert_non_null(bs);
    assert_non_null(vs2);
    const size_t n_bad = sizeof bad_values / sizeof *bad_values;
    for (size_t i = 0; i < n; i++) {
        ls[i] = bad_l && next_rand(&rng) % bad_l == 0 ? bad_values[next_rand(&rng) % n_bad]
                                                   : good[next_rand(&rng) % n_good];
        cs[i] = bad_c && next_rand(&rng) % bad_c == 0 ? bad_values[next_rand(&rng) % n_bad]
                                                   : good[next_rand(&rng) % n_good];
    }
    size_t first_bad = SIZE_MAX;
    for (size_t i = 0; i < n; i++) {
        isms_score s;
        if (isms_matrix_score(&s, m, ls[i], cs[i]) != ISMS_OK && first_bad == SIZE_MAX)
            first_bad = i;
    }
    int rc = isms_matrix_score_many(vs, bs, m, ls, cs, n);
    assert_int_equal(rc, first_bad == SIZE_MAX ? ISMS_OK : ISMS_ERANGE);
    if (first_bad != SIZE_MAX) {
        char prefix[48];
        snprintf(prefix, sizeof prefix, "element %zu: ", first_bad);
        assert_error(ISMS_ERANGE, prefix);
    }
    assert_int_equal(isms_matrix_score_many(vs2, NULL, m, ls, cs, n), rc);
    for (size_t i = 0; i < n; i++) {
        isms_score s;
        if (isms_matrix_score(&s, m, ls[i], cs[i]) == ISMS_OK) {
            assert_int_equal(vs[i], s.value);
            assert_int_equal(bs[i], s.band);
        } else {
            assert_int_equal(vs[i], ISMS_VALUE_UNSET);
            assert_int_equal(bs[i], -1);
        }
        assert_int_equal(vs2[i], vs[i]);
    }
    free(ls);
    free(cs);
    free(vs);
    free(bs);
    free(vs2);
}

/* All valid; bad likelihoods only; bad consequences only; rarely bad (some blocks clean,
 * some not); often bad on both axes. */
static void check_many_mixes(const isms_matrix *m, const int *good, size_t n_good, size_t n)
{
    check_many_against_single(m, good, n_good, 0, 0, n);
    check_many_against_single(m, good, n_good, 3000, 0, n);
    check_many_against_single(m, good, n_good, 0, 3000, n);
    check_many_against_single(m, good, n_good, 20000, 20000, n);
    check_many_against_single(m, good, n_good, 10, 10, n);
}

static void test_score_many_formulas(void **state)
{
    (void)state;
    static const int good4[] = { 1, 2, 3, 4 };
    isms_matrix *m = preset("4x4");
    /* sizes around the block size of the fast path, and a large one */
    static const size_t sizes[] = { 1, 7, 2047, 2048, 2049, 4096, 5000, 100003 };
    for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++)
        check_many_mixes(m, good4, 4, sizes[i]);
    isms_matrix_free(m);

    m = preset("5x5");
    check_many_mixes(m, good4, 4, 30000);
    isms_matrix_free(m);

    isms_matrix_builder *b = grid_builder();
    assert_int_equal(isms_matrix_builder_build(&m, b), ISMS_OK);
    static const int grid_pick[] = { 0, 1, 2, 4, 5, 10, 3, -1, 11 }; /* some are bad */
    check_many_mixes(m, grid_pick, 9, 9000);
    isms_matrix_free(m);
    isms_matrix_builder_free(b);

    b = builder_with_levels(one_to_four, 4);
    assert_int_equal(isms_matrix_builder_set_formula(b, ISMS_FORMULA_SUM), ISMS_OK);
    add_band(b, "low", 2, 4);
    add_band(b, "high", 5, 8);
    assert_int_equal(isms_matrix_builder_build(&m, b), ISMS_OK);
    check_many_mixes(m, good4, 4, 30000);
    isms_matrix_free(m);
    isms_matrix_builder_free(b);
}

static void test_score_many_errors(void **state)
{
    (void)state;
    isms_matrix *m = preset("4x4");
    enum { N = 5000 };
    static int ls[N], cs[N], vs[N], bs[N];
    for (size_t i = 0; i < N; i++) {
        ls[i] = (int)(i % 4) + 1;
        cs[i] = (int)(i / 4 % 4) + 1;
    }
    ls[3000] = 5; /* in the second full block of 2048 */
    cs[4200] = ISMS_LEVEL_UNSET; /* in the remainder */
    assert_int_equal(isms_matrix_score_many(vs, bs, m, ls, cs, N), ISMS_ERANGE);
    assert_error(ISMS_ERANGE, "element 3000: likelihood 5 is outside the scale 1–4");
    assert_int_equal(vs[3000], ISMS_VALUE_UNSET);
    assert_int_equal(bs[3000], -1);
    assert_int_equal(vs[4200], ISMS_VALUE_UNSET);
    assert_int_equal(bs[4200], -1);
    /* everything else is scored, also in the bad block */
    assert_int_equal(vs[2999], ls[2999] * cs[2999]);
    assert_int_equal(vs[3001], ls[3001] * cs[3001]);
    assert_int_equal(vs[4201], ls[4201] * cs[4201]);
    assert_int_equal(vs[17], ls[17] * cs[17]);
    assert_int_equal(bs[3001], isms_matrix_band_of(m, vs[3001]));

    ls[3000] = 2;
    assert_int_equal(isms_matrix_score_many(vs, NULL, m, ls, cs, N), ISMS_ERANGE);
    assert_error(ISMS_ERANGE, "element 4200: consequence is not set");
    cs[4200] = 3;
    /* the small example of the documentation */
    int l3[] = { 3, 1, 4 }, c3[] = { 4, 2, 5 }, v3[3], b3[3];
    assert_int_equal(isms_matrix_score_many(v3, b3, m, l3, c3, 3), ISMS_ERANGE);
    assert_error(ISMS_ERANGE, "element 2: consequence 5 is outside the scale 1–4");
    assert_int_equal(v3[0], 12);
    assert_int_equal(b3[0], 3);
    assert_int_equal(v3[1], 2);
    assert_int_equal(b3[1], 0);
    assert_int_equal(v3[2], ISMS_VALUE_UNSET);

    assert_int_equal(isms_matrix_score_many(vs, bs, m, ls, cs, N), ISMS_OK);
    assert_int_equal(isms_matrix_score_many(NULL, NULL, m, NULL, NULL, 0), ISMS_OK);
    assert_int_equal(isms_matrix_score_many(NULL, bs, m, ls, cs, 1), ISMS_EINVAL);
    assert_int_equal(isms_matrix_score_many(vs, bs, m, NULL, cs, 1), ISMS_EINVAL);
    assert_int_equal(isms_matrix_score_many(vs, bs, m, ls, NULL, 1), ISMS_EINVAL);
    assert_int_equal(isms_matrix_score_many(vs, bs, NULL, ls, cs, 1), ISMS_EINVAL);

    /* in place: values over the likelihoods */
    for (size_t i = 0; i < N; i++) {
        ls[i] = (int)(i % 4) + 1;
        vs[i] = ls[i] * cs[i];
    }
    assert_int_equal(isms_matrix_score_many(ls, NULL, m, ls, cs, N), ISMS_OK);
    assert_memory_equal(ls, vs, sizeof ls);
    isms_matrix_free(m);
}

typedef struct thread_arg {
    const isms_matrix *m;
    isms_matrix *shared;
    const int *ls, *cs;
    const int *expect;
    size_t n;
    int errors;
} thread_arg;

static void *score_thread(void *p)
{
    thread_arg *a = p;
    int *vs = malloc(a->n * sizeof *vs), *bs = malloc(a->n * sizeof *bs);
    if (!vs || !bs) {
        a->errors++;
    } else {
        for (int round = 0; round < 20; round++) {
            isms_matrix_ref(a->shared);
            if (isms_matrix_score_many(vs, bs, a->m, a->ls, a->cs, a->n) != ISMS_OK ||
                memcmp(vs, a->expect, a->n * sizeof *vs) != 0)
                a->errors++;
            for (size_t i = 0; i < a->n; i += 97)
                if (bs[i] != isms_matrix_band_of(a->m, vs[i]))
                    a->errors++;
            isms_matrix_free(a->shared);
        }
    }
    free(vs);
    free(bs);
    return NULL;
}

static void test_score_many_threads(void **state)
{
    (void)state;
    isms_matrix *m = preset("4x4");
    enum { N = 200000, T = 4 };
    int *ls = malloc(N * sizeof *ls), *cs = malloc(N * sizeof *cs);
    int *expect = malloc(N * sizeof *expect);
    assert_non_null(ls);
    assert_non_null(cs);
    assert_non_null(expect);
    for (size_t i = 0; i < N; i++) {
        ls[i] = (int)(next_rand(&rng) % 4) + 1;
        cs[i] = (int)(next_rand(&rng) % 4) + 1;
        expect[i] = ls[i] * cs[i];
    }
    pthread_t threads[T];
    thread_arg args[T];
    for (int t = 0; t < T; t++) {
        args[t] = (thread_arg){ m, m, ls, cs, expect, N, 0 };
        assert_int_equal(pthread_create(&threads[t], NULL, score_thread, &args[t]), 0);
    }
    for (int t = 0; t < T; t++) {
        assert_int_equal(pthread_join(threads[t], NULL), 0);
        assert_int_equal(args[t].errors, 0);
    }
    /* the references taken and released by the threads balanced out: one is left */
    assert_string_equal(isms_matrix_name(m), "4x4");
    isms_matrix_free(m);
    free(ls);
    free(cs);
    free(expect);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_preset_4x4),
        cmocka_unit_test(test_preset_5x5_and_3x3),
        cmocka_unit_test(test_preset_errors),
        cmocka_unit_test(test_preset_alloc_failure),
        cmocka_unit_test(test_presets_pass_the_builder),
        cmocka_unit_test(test_ref_and_free),
        cmocka_unit_test(test_null_matrix_accessors),
        cmocka_unit_test(test_level_errors),
        cmocka_unit_test(test_parse_level),
        cmocka_unit_test(test_bands),
        cmocka_unit_test(test_normalize),
        cmocka_unit_test(test_score_errors),
        cmocka_unit_test(test_builder_sum),
        cmocka_unit_test(test_builder_max),
        cmocka_unit_test(test_builder_grid),
        cmocka_unit_test(test_builder_noncontiguous_product),
        cmocka_unit_test(test_builder_level_errors),
        cmocka_unit_test(test_builder_formula_and_grid_errors),
        cmocka_unit_test(test_builder_band_errors),
        cmocka_unit_test(test_builder_rejects_inconsistent),
        cmocka_unit_test(test_builder_alloc_failure),
        cmocka_unit_test(test_score_many_formulas),
        cmocka_unit_test(test_score_many_errors),
        cmocka_unit_test(test_score_many_threads),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
