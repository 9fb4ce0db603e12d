/* Unit tests of CVSS vectors (include/isms/cvss.h): parsing, v3.0/v3.1 and v4.0 scores,
 * nomenclature, canonical form, metric access, severity ratings.
 *
 * Every expected score below is worked out by hand from the specifications' formulas; the
 * steps are in the comments. The full conformance runs are in test-cvss-conformance.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "test-util.h"
#include "methods/cvss-internal.h"

/* Parses a vector that must be valid, without allocating. */
static isms_cvss P(const char *vector)
{
    isms_cvss c;
    isms__alloc_fail_at(0);
    int rc = isms_cvss_parse(&c, vector);
    if (rc != ISMS_OK)
        fail_msg("%s: %s", vector, isms_error_last()->message);
    assert_int_equal(isms__alloc_count(), 0);
    return c;
}

/* Scores are the doubles nearest to one-decimal numbers: compare exactly. */
#define assert_score(actual, expected) assert_true((actual) == (expected))

static void check_v3(const char *vector, double base, double temporal, double env)
{
    isms_cvss c = P(vector);
    if (c.base != base || c.temporal != temporal || c.environmental != env)
        fail_msg("%s: %.1f/%.1f/%.1f, expected %.1f/%.1f/%.1f", vector, c.base, c.temporal,
                 c.environmental, base, temporal, env);
    assert_string_equal(c.macrovector, "");
}

static void check_v4(const char *vector, double score, const char *macrovector,
                     isms_cvss_nomenclature nomenclature)
{
    isms_cvss c = P(vector);
    if (c.score != score || strcmp(c.macrovector, macrovector) != 0)
        fail_msg("%s: %.1f (%s), expected %.1f (%s)", vector, c.score, c.macrovector, score,
                 macrovector);
    assert_int_equal(c.version, ISMS_CVSS_V4_0);
    assert_int_equal(c.nomenclature, nomenclature);
    assert_int_equal(c.severity, isms_cvss_severity_of(score));
    assert_score(c.base, ISMS_CVSS_NO_SCORE);
    assert_score(c.temporal, ISMS_CVSS_NO_SCORE);
    assert_score(c.environmental, ISMS_CVSS_NO_SCORE);
}

/* The vector must fail to parse with ISMS_EPARSE at `column`, with `message` in the error's
 * message, leaving the output untouched. */
static void expect_error(const char *vector, unsigned column, const char *message)
{
    isms_cvss c;
    memset(&c, 0xA5, sizeof c);
    isms__alloc_fail_at(0);
    int rc = isms_cvss_parse(&c, vector);
    assert_int_equal(isms__alloc_count(), 0);
    const isms_error *e = assert_error_at(rc, ISMS_EPARSE, 1, column, vector);
    if (!strstr(e->message, message))
        fail_msg("%s: message \"%s\" lacks \"%s\"", vector, e->message, message);
    for (size_t i = 0; i < sizeof c; i++)
        assert_int_equal(((unsigned char *)&c)[i], 0xA5);
}

static void check_format(const char *vector, const char *canonical)
{
    isms_cvss c = P(vector), back;
    char buf[ISMS_CVSS_VECTOR_MAX];
    assert_int_equal(isms_cvss_format(buf, sizeof buf, &c), ISMS_OK);
    assert_string_equal(buf, canonical);
    back = P(buf);
    assert_score(back.score, c.score);
    assert_score(back.base, c.base);
    assert_score(back.temporal, c.temporal);
    assert_score(back.environmental, c.environmental);
    assert_int_equal(back.parts, c.parts);
    assert_int_equal(back.nomenclature, c.nomenclature);
    /* the metrics read the same (X and absent alike) */
    for (size_t i = 0; i < isms_cvss_metric_count(c.version); i++) {
        const char *name = isms_cvss_metric_name(c.version, i), *a, *b;
        assert_int_equal(isms_cvss_metric(&a, &c, name), ISMS_OK);
        assert_int_equal(isms_cvss_metric(&b, &back, name), ISMS_OK);
        assert_string_equal(a, b);
    }
    /* canonical is a fixed point */
    char again[ISMS_CVSS_VECTOR_MAX];
    assert_int_equal(isms_cvss_format(again, sizeof again, &back), ISMS_OK);
    assert_string_equal(again, canonical);
}

/* ---- v3.1 Roundup ------------------------------------------------------------------------ */

static void test_roundup(void **state)
{
    (void)state;
    /* Appendix A: k = round(x · 100000); k a multiple of 10000 -> k / 100000, else
     * (floor(k / 10000) + 1) / 10. */
    assert_score(isms__cvss_roundup(4.0), 4.0);
    assert_score(isms__cvss_roundup(4.02), 4.1);      /* the specification's example */
    assert_score(isms__cvss_roundup(4.000001), 4.0);  /* k = 400000: within 5e-6 of 4.0 */
    assert_score(isms__cvss_roundup(4.000004), 4.0);  /* k = 400000 */
    assert_score(isms__cvss_roundup(4.000006), 4.1);  /* k = 400001 */
    assert_score(isms__cvss_roundup(4.00001), 4.1);   /* k = 400001 */
    assert_score(isms__cvss_roundup(3.99999), 4.0);   /* k = 399999 -> 39 + 1 */
    assert_score(isms__cvss_roundup(0.1 + 0.2), 0.3); /* 0.30000000000000004: k = 30000 */
    assert_score(isms__cvss_roundup(0), 0.0);
    assert_score(isms__cvss_roundup(0.0000049), 0.0);
    assert_score(isms__cvss_roundup(0.0000051), 0.1);
    assert_score(isms__cvss_roundup(9.999999), 10.0);
    assert_score(isms__cvss_roundup(10), 10.0);
    assert_int_equal(isms__cvss_roundup_tenths(7.0170624), 71);
    assert_int_equal(isms__cvss_roundup_tenths(9.2), 92);
    /* 10 × 0.92 is 9.200000000000001 in doubles: a plain ceil(x · 10) / 10 gives 9.3 */
    assert_true(ceil(10.0 * 0.92 * 10) / 10 == 9.3);
    assert_score(isms__cvss_roundup(10.0 * 0.92), 9.2);
}

/* ---- v3.1 scores ------------------------------------------------------------------------- */

static void test_v31_base(void **state)
{
    (void)state;
    /* ISS = 1 − 0.44³ = 0.914816; Impact = 6.42 × ISS = 5.87311872; Exploitability =
     * 8.22 × 0.85 × 0.77 × 0.85 × 0.85 = 3.887042775; sum 9.760161495 -> 9.8. */
    check_v3("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8, 9.8, 9.8);
    /* Scope changed: Impact = 7.52 × 0.885816 − 3.25 × 0.894816^15 = 6.04773049;
     * Exploitability 8.22 × 0.85 × 0.77 × 0.85 × 0.85 = 3.88704278;
     * 1.08 × 9.93477327 = 10.7295 -> min 10 -> 10.0. */
    check_v3("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", 10.0, 10.0, 10.0);
    /* PR:L weighs 0.68 when the scope changes: ISS = 1 − 0.78² = 0.3916; Impact =
     * 7.52 × 0.3626 − 3.25 × 0.3716^15 = 2.72675 (the power is 3.5e-7);
     * Exploitability = 8.22 × 0.85 × 0.77 × 0.68 × 0.62 = 2.26820378;
     * 1.08 × 4.99495 = 5.39455 -> 5.4. */
    check_v3("CVSS:3.1/AV:N/AC:L/PR:L/UI:R/S:C/C:L/I:L/A:N", 5.4, 5.4, 5.4);
    /* ISS = 0.22; Impact = 1.4124; Exploitability = 8.22 × 0.2 × 0.44 × 0.27 × 0.62 =
     * 0.121090464; sum 1.533490464 -> 1.6 (Low). */
    check_v3("CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N", 1.6, 1.6, 1.6);
    /* No impact: ISS = 0 -> every score 0.0. */
    check_v3("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N", 0.0, 0.0, 0.0);
    check_v3("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:N/I:N/A:N", 0.0, 0.0, 0.0);
    isms_cvss c = P("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N");
    assert_int_equal(c.severity, ISMS_CVSS_SEVERITY_NONE);
    assert_int_equal(c.nomenclature, ISMS_CVSS_B);
    assert_int_equal(c.parts, ISMS_CVSS_PART_BASE);
    assert_int_equal(c.version, ISMS_CVSS_V3_1);

    c = P("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H");
    assert_int_equal(c.severity, ISMS_CVSS_SEVERITY_CRITICAL);
    assert_score(c.score, 9.8);
    assert_double_equal(isms_cvss_normalized(&c), 0.98, 1e-12);
}

static void test_v31_environmental_quirk(void **state)
{
    (void)state;
    /* No environmental metric, yet Environmental ≠ Base when the scope changes:
     * Base: 1.08 × (6.04773049 + 2.83525473) = 9.59362404 -> 9.6.
     * Env:  MImpact = 7.52 × 0.885816 − 3.25 × (0.914816 × 0.9731 − 0.02)^13
     *       = 6.66133632 − 3.25 × 0.87020745^13 = 6.12802633;
     *       1.08 × (6.12802633 + 2.83525473) = 9.68034354 -> 9.7. */
    check_v3("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:H/I:H/A:H", 9.6, 9.6, 9.7);
    /* The score to report is still the Base score: no environmental metric was given. */
    isms_cvss c = P("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:H/I:H/A:H");
    assert_score(c.score, 9.6);
    assert_int_equal(c.nomenclature, ISMS_CVSS_B);
}

static void test_v31_temporal(void **state)
{
    (void)state;
    /* 9.8 × 0.91 × 0.95 × 0.92 = 7.794332 -> 7.8. */
    check_v3("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:U/RL:O/RC:U", 9.8, 7.8, 7.8);
    /* Environmental: the same modified base 9.8, times the same temporal factors. */
    isms_cvss c = P("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:U/RL:O/RC:U");
    assert_score(c.score, 7.8);
    assert_int_equal(c.severity, ISMS_CVSS_SEVERITY_HIGH);
    assert_int_equal(c.nomenclature, ISMS_CVSS_BT);
    assert_int_equal(c.parts, ISMS_CVSS_PART_BASE | ISMS_CVSS_PART_THREAT);
    /* 10.0 × 1 × 1 × 0.92 = 9.2 exactly; doubles give 9.200000000000001, which Roundup
     * must not lift to 9.3. */
    check_v3("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H/RC:U", 10.0, 9.2, 9.2);
    /* 9.8 × 0.97 × 0.97 × 0.96 = 8.8482... -> 8.9 (F, W, R). */
    check_v3("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:F/RL:W/RC:R", 9.8, 8.9, 8.9);
    /* Explicit X everywhere is the same as nothing: no Temporal group, nomenclature B. */
    c = P("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:X/RL:X/RC:X");
    assert_int_equal(c.nomenclature, ISMS_CVSS_B);
    assert_int_equal(c.parts, ISMS_CVSS_PART_BASE);
    assert_score(c.temporal, 9.8);
    /* E:H, RL:U, RC:C weigh 1 like X, but they are defined: the group counts. */
    c = P("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:H/RL:U/RC:C");
    assert_int_equal(c.nomenclature, ISMS_CVSS_BT);
    assert_score(c.temporal, 9.8);
}

static void test_v31_environmental(void **state)
{
    (void)state;
    /* The worked example with temporal metrics, modified metrics and a modified scope:
     * Base: ISS = 1 − 0.44 × 0.78 = 0.6568; Impact = 4.216656; Exploitability =
     *   8.22 × 0.55 × 0.44 × 0.62 × 0.85 = 1.04832948; 5.26498548 -> 5.3.
     * Temporal: 5.3 × 0.94 × 0.96 × 0.96 = 4.5914112 -> 4.6.
     * Env: MAV N, MAC H (X), MPR H, MUI N (X), MS C, MC H, MI L (X), MA L; CR 1.5, IR 0.5,
     *   AR 1 (X). MISS = 1 − 0.16 × 0.89 × 0.78 = 0.888928; MImpact = 7.52 × 0.859928 −
     *   3.25 × (0.888928 × 0.9731 − 0.02)^13 = 6.10263760; MExploitability =
     *   8.22 × 0.85 × 0.44 × 0.5 × 0.85 = 1.306569 (MPR:H is 0.5 under the changed MS);
     *   1.08 × 7.4092066 = 8.00194313 -> 8.1; 8.1 × 0.94 × 0.96 × 0.96 = 7.0170624 -> 7.1. */
    const char *ex = "CVSS:3.1/AV:L/AC:H/PR:L/UI:N/S:U/C:H/I:L/A:N/E:P/RL:T/RC:R/CR:H/IR:L/"
                     "MAV:N/MPR:H/MS:C/MC:H/MA:L";
    check_v3(ex, 5.3, 4.6, 7.1);
    isms_cvss c = P(ex);
    assert_score(c.score, 7.1);
    assert_int_equal(c.severity, ISMS_CVSS_SEVERITY_HIGH);
    assert_int_equal(c.nomenclature, ISMS_CVSS_BTE);
    assert_int_equal(c.parts, ISMS_CVSS_PART_BASE | ISMS_CVSS_PART_THREAT |
                                  ISMS_CVSS_PART_ENVIRONMENTAL);

    /* Security requirements: CR:H on C:L/I:L/A:L.
     * Base: ISS = 1 − 0.78³ = 0.525448; Impact = 3.37337616; Exploitability =
     *   8.22 × 0.55 × 0.77 × 0.62 × 0.85 = 1.83457659; 5.20795275 -> 5.3.
     * Env: MISS = 1 − (1 − 1.5 × 0.22) × 0.78 × 0.78 = 0.592372; MImpact = 3.80302824;
     *   5.63760483 -> 5.7. Only an environmental metric: the score is the Environmental one,
     *   nomenclature BE. */
    check_v3("CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:L/I:L/A:L/CR:H", 5.3, 5.3, 5.7);
    c = P("CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:L/I:L/A:L/CR:H");
    assert_score(c.score, 5.7);
    assert_int_equal(c.nomenclature, ISMS_CVSS_BE);

    /* MISS is capped at 0.915: CR/IR/AR:H on C/I/A:H give 1 − 0.16³ = 0.995904 -> 0.915;
     * MImpact = 6.42 × 0.915 = 5.8743; + 3.887042775 = 9.761342775 -> 9.8. */
    check_v3("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/CR:H/IR:H/AR:H", 9.8, 9.8, 9.8);

    /* MS:U on a changed-scope vector: MPR:L (X -> PR:L) weighs 0.62 again.
     * Base: 1.08 × (6.04773049 + 8.22 × 0.85 × 0.77 × 0.68 × 0.85 = 3.10963422) = 9.88995 ->
     *   9.9. Env: MImpact = 6.42 × 0.914816 = 5.87311872; MExploitability =
     *   8.22 × 0.85 × 0.77 × 0.62 × 0.85 = 2.83525473; 8.70837345 -> 8.8. */
    check_v3("CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H/MS:U", 9.9, 9.9, 8.8);
    /* Only MS:C on an unchanged vector: PR:L is looked up under the changed scope (0.68).
     * Env: MImpact = 7.52 × 0.885816 − 3.25 × 0.87020745^13 = 6.12802633; MExploitability =
     *   8.22 × 0.85 × 0.77 × 0.68 × 0.85 = 3.10963422; 1.08 × 9.23766055 = 9.97667 -> 10.0. */
    check_v3("CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H/MS:C", 8.8, 8.8, 10.0);
    /* Modified impacts all N: MImpact 0 -> Environmental 0.0, while Base stays. */
    check_v3("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/MC:N/MI:N/MA:N", 9.8, 9.8, 0.0);
    c = P("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/MC:N/MI:N/MA:N");
    assert_score(c.score, 0.0);
    assert_int_equal(c.severity, ISMS_CVSS_SEVERITY_NONE);
}

static void test_v30(void **state)
{
    (void)state;
    /* v3.0's modified impact under a changed scope is the base formula:
     * 7.52 × 0.885816 − 3.25 × 0.894816^15 = 6.04773049, so Environmental = Base = 9.6,
     * where v3.1 gives 9.7. */
    check_v3("CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:C/C:H/I:H/A:H", 9.6, 9.6, 9.6);
    check_v3("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:H/I:H/A:H", 9.6, 9.6, 9.7);
    /* Base and temporal formulas are the same. */
    check_v3("CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:U/RL:O/RC:U", 9.8, 7.8, 7.8);
    /* Only MS:C: v3.0 MImpact = 6.04773049; 1.08 × (6.04773049 + 3.10963422) = 9.88995 ->
     * 9.9 (v3.1: 10.0, above). */
    check_v3("CVSS:3.0/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H/MS:C", 8.8, 8.8, 9.9);
    isms_cvss c = P("CVSS:3.0/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H/MS:C");
    assert_int_equal(c.version, ISMS_CVSS_V3_0);
    assert_score(c.score, 9.9);
}

static void test_v3_any_order(void **state)
{
    (void)state;
    /* v3.x allows any order; the canonical form restores the specification's order. */
    isms_cvss c = P("CVSS:3.1/S:U/A:H/I:H/C:H/UI:N/PR:N/AC:L/AV:N");
    assert_score(c.base, 9.8);
    check_format("CVSS:3.1/RC:U/S:U/A:H/I:H/C:H/UI:N/PR:N/AC:L/AV:N/E:U/RL:O",
                 "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:U/RL:O/RC:U");
    c = P("CVSS:3.0/MS:C/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H");
    assert_score(c.environmental, 9.9);
}

/* ---- v4.0 scores ------------------------------------------------------------------------- */

static void test_v40_base(void **state)
{
    (void)state;
    /* EQ1 0, EQ2 0, EQ3 0 (VC = VI = H), EQ4 2, EQ5 0 (E X = A), EQ6 0 (CR X = H and VC H):
     * MacroVector 000200 = 9.3. Every distance is 0 (the vector is a highest severity
     * vector of its MacroVector): 9.3. */
    check_v4("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", 9.3, "000200",
             ISMS_CVSS_B);
    /* A rounding tie: EQ1 1, EQ2 1, EQ3 1, EQ4 2, EQ5 0, EQ6 0 -> 111200 = 6.1 (61 tenths).
     * Lower: EQ1 211200 4.6 (msd 15), EQ3/6 10 -> 11: 111201 5.2 (msd 9), EQ5 (counts, 0);
     * n = 3. EQ1 distance AV:L 2 + PR:N 0 + UI:A 2 − 1 = 3 of depth 4 (step 210);
     * EQ3/6 distance VC:L 1 + VI:H 0 + VA:N 2 − 1 = 2 of depth 8 (step 105).
     * Q = 3 × 840 = 2520; N = 61 × 2520 − (15 × 3 × 210 + 9 × 2 × 105) = 142380 = 56.5
     * tenths exactly -> half up 5.7 (FIRST's calculator shows 5.6). */
    check_v4("CVSS:4.0/AV:L/AC:L/AT:P/PR:N/UI:A/VC:L/VI:H/VA:N/SC:N/SI:N/SA:N", 5.7, "111200",
             ISMS_CVSS_B);
    int eq[6] = { 1, 1, 1, 2, 0, 0 };
    int lv[ISMS__CVSS4_LEVELS] = { 0 };
    lv[ISMS__CVSS4_AV] = 2;
    lv[ISMS__CVSS4_UI] = 2;
    lv[ISMS__CVSS4_AT] = 1;
    lv[ISMS__CVSS4_VC] = 1;
    lv[ISMS__CVSS4_VA] = 2;
    lv[ISMS__CVSS4_SC] = 2; /* SC:N */
    lv[ISMS__CVSS4_SI] = lv[ISMS__CVSS4_SA] = 3; /* SI:N, SA:N (S H L N) */
    assert_int_equal(isms__cvss4_tenths(eq, lv), 57);
    /* All six impacts N: 0.0 whatever the MacroVector (here 002201). */
    check_v4("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N", 0.0, "002201",
             ISMS_CVSS_B);
    isms_cvss c = P("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N");
    assert_int_equal(c.severity, ISMS_CVSS_SEVERITY_NONE);
    /* The top: 000000 would need SI/SA:S, which only MSI/MSA give; with SC/SI/SA:H it is
     * 000100 = 10.0 with all distances 0 (EQ4 1: SC H 0 + SI H 1 + SA H 1 − 2 = 0). */
    check_v4("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H", 10.0, "000100",
             ISMS_CVSS_B);
    c = P("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H");
    assert_int_equal(c.severity, ISMS_CVSS_SEVERITY_CRITICAL);
    assert_double_equal(isms_cvss_normalized(&c), 1.0, 0);
}

static void test_v40_threat(void **state)
{
    (void)state;
    /* E:U: EQ5 2 -> 000220 = 8.1; EQ5 has no lower MacroVector and does not count; all
     * distances 0 -> 8.1 (CVSS-BT). */
    check_v4("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U", 8.1,
             "000220", ISMS_CVSS_BT);
    /* The bottom MacroVector 212221 (0.1): no lower MacroVector at all, n = 0 -> 0.1. */
    check_v4("CVSS:4.0/AV:P/AC:H/AT:P/PR:H/UI:A/VC:L/VI:L/VA:L/SC:L/SI:L/SA:L/E:U", 0.1,
             "212221", ISMS_CVSS_BT);
    /* E:X is not a threat metric value: CVSS-B and the same score as without it. */
    check_v4("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:X", 9.3,
             "000200", ISMS_CVSS_B);
    /* E:A is the worst case that X stands for: same score, but it is given (CVSS-BT). */
    check_v4("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:A", 9.3,
             "000200", ISMS_CVSS_BT);
}

static void test_v40_environmental(void **state)
{
    (void)state;
    /* EQ6 1 (no requirement H): 100201 = 7.5. Lower: EQ1 200201 5.4 (msd 2.1), EQ2 110201
     * 6.6 (msd 0.9), EQ3/6 01 -> 11: 101201 5.7 (msd 1.8), EQ5 100211 6.3 (counts); n = 4.
     * EQ1 distance AV 0 + PR:L 1 + UI 0 − 1 = 0; EQ2 0; EQ3/6 distance VC 0 + VI 0 + VA:L 1 +
     * CR:M 1 + IR:L 2 + AR:L 2 − 3 = 3 of depth 6 -> 1.8 × 3 / 6 = 0.9; mean 0.225 ->
     * 7.275 -> 7.3 (CVSS-BE). */
    check_v4("CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:L/SC:N/SI:N/SA:N/CR:M/IR:L/AR:L",
             7.3, "100201", ISMS_CVSS_BE);
    /* EQ3/6 11 -> 21: VC:H only -> EQ3 1; CR:L -> EQ6 1: 001201 = 8.0. Lower: EQ1 101201
     * 5.7 (msd 2.3, distance 0), EQ2 011201 7.0 (msd 1.0, distance 0), EQ3/6 002201 6.9
     * (msd 1.1), EQ5 001211 (counts); n = 4. EQ3/6 distance VC:H 0 + VI:N 2 + VA:N 2 +
     * CR:L 2 + IR:L 2 + AR:L 2 − 3 = 7 of depth 8: 1.1 × 7 / 8 = 0.9625; mean 0.240625 ->
     * 7.759375 -> 7.8. */
    check_v4("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:N/VA:N/SC:N/SI:N/SA:N/CR:L/IR:L/AR:L",
             7.8, "001201", ISMS_CVSS_BE);
    /* A modified impact of N everywhere: effective VC is N -> 0.0. */
    check_v4("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:N/VA:N/SC:N/SI:N/SA:N/MVC:N", 0.0,
             "002201", ISMS_CVSS_BE);
    /* Safety through MSI:S, and EQ5 counting although it contributes nothing:
     * effective SI S, SA L, SC L, E P -> EQ 2 1 2 0 1 1: 212011 = 2.4. Lower: EQ4 212111 1.2
     * (msd 1.2), EQ5 212021 1.4 (counts); n = 2. EQ4 distance SC:L 1 + SI:S 0 + SA:L 2 − 0
     * = 3 of depth 6: 1.2 × 3 / 6 = 0.6; mean 0.3 -> 2.1 (without the EQ5 count: 1.8). */
    check_v4("CVSS:4.0/AV:A/AC:H/AT:P/PR:L/UI:P/VC:L/VI:L/VA:N/SC:L/SI:N/SA:N/E:P/MSI:S/MSA:L",
             2.1, "212011", ISMS_CVSS_BTE);
    isms_cvss c = P("CVSS:4.0/AV:A/AC:H/AT:P/PR:L/UI:P/VC:L/VI:L/VA:N/SC:L/SI:N/SA:N/E:P/"
                    "MSI:S/MSA:L");
    assert_int_equal(c.severity, ISMS_CVSS_SEVERITY_LOW);
    assert_int_equal(c.parts, ISMS_CVSS_PART_BASE | ISMS_CVSS_PART_THREAT |
                                  ISMS_CVSS_PART_ENVIRONMENTAL);
    /* Modified base metrics: effective AV N, PR N, VI H, SC H; EQ 0 0 0 1 1 0: 000110 = 9.3.
     * Lower: EQ1 100110 8.6 (msd 0.7), EQ2 010110 9.0 (0.3), EQ3/6 00: 000111 8.7 or 001110
     * 8.9 -> 8.9 (msd 0.4), EQ4 000210 8.9 (0.4), EQ5 000120 9.1 (0.2); n = 5. Distances:
     * EQ3/6 VA:N 2 of depth 7 (step 120), EQ4 SC:H 0 + SI:N 3 + SA:N 3 − 2 = 4 of depth 5
     * (step 168). Q = 4200; N = 93 × 4200 − (4 × 2 × 120 + 4 × 4 × 168) = 386952;
     * (773904 + 4200) / 8400 = 92.6 -> 92: 9.2. */
    check_v4("CVSS:4.0/AV:L/AC:L/AT:N/PR:H/UI:N/VC:H/VI:L/VA:N/SC:N/SI:N/SA:N/E:P/MAV:N/"
             "MPR:N/MVI:H/MSC:H", 9.2, "000110", ISMS_CVSS_BTE);
}

static void test_v40_supplemental(void **state)
{
    (void)state;
    /* Supplemental metrics never change the score or the nomenclature. */
    check_v4("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/S:P/AU:Y/R:I/"
             "V:C/RE:H/U:Red", 9.3, "000200", ISMS_CVSS_B);
    isms_cvss c = P("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/S:P/AU:Y/"
                    "R:I/V:C/RE:H/U:Red");
    assert_int_equal(c.parts, ISMS_CVSS_PART_BASE | ISMS_CVSS_PART_SUPPLEMENTAL);
    const char *v;
    assert_int_equal(isms_cvss_metric(&v, &c, "U"), ISMS_OK);
    assert_string_equal(v, "Red");
    assert_int_equal(isms_cvss_metric(&v, &c, "S"), ISMS_OK);
    assert_string_equal(v, "P"); /* Safety, not Scope */
    /* With threat and environmental metrics too: the score of the vector without them. */
    check_v4("CVSS:4.0/AV:L/AC:L/AT:N/PR:H/UI:N/VC:H/VI:L/VA:N/SC:N/SI:N/SA:N/E:P/MAV:N/"
             "MPR:N/MVI:H/MSC:H/S:P/AU:Y/U:Clear", 9.2, "000110", ISMS_CVSS_BTE);
    /* Explicit X for every supplemental metric: not given. */
    c = P("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/S:X/AU:X/R:X/V:X/"
          "RE:X/U:X");
    assert_int_equal(c.parts, ISMS_CVSS_PART_BASE);
    for (int k = 0; k < 4; k++) {
        static const char *const u[] = { "Clear", "Green", "Amber", "Red" };
        char vec[160];
        snprintf(vec, sizeof vec, "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/"
                 "SA:N/U:%s", u[k]);
        c = P(vec);
        assert_score(c.score, 9.3);
        assert_int_equal(isms_cvss_metric(&v, &c, "U"), ISMS_OK);
        assert_string_equal(v, u[k]);
    }
}

static void test_nomenclature(void **state)
{
    (void)state;
    static const struct {
        const char *tail;
        isms_cvss_nomenclature n;
        unsigned parts;
    } rows[] = {
        { "", ISMS_CVSS_B, 0 },
        { "/E:P", ISMS_CVSS_BT, ISMS_CVSS_PART_THREAT },
        { "/CR:L", ISMS_CVSS_BE, ISMS_CVSS_PART_ENVIRONMENTAL },
        { "/MAV:A", ISMS_CVSS_BE, ISMS_CVSS_PART_ENVIRONMENTAL },
        { "/E:U/MSA:S", ISMS_CVSS_BTE, ISMS_CVSS_PART_THREAT | ISMS_CVSS_PART_ENVIRONMENTAL },
        { "/E:X/CR:X/MAV:X", ISMS_CVSS_B, 0 },
        { "/E:X/AR:M", ISMS_CVSS_BE, ISMS_CVSS_PART_ENVIRONMENTAL },
        { "/AU:N", ISMS_CVSS_B, ISMS_CVSS_PART_SUPPLEMENTAL },
    };
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        char vec[200];
        snprintf(vec, sizeof vec, "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/"
                 "SA:N%s", rows[i].tail);
        isms_cvss c = P(vec);
        assert_int_equal(c.nomenclature, rows[i].n);
        assert_int_equal(c.parts, ISMS_CVSS_PART_BASE | rows[i].parts);
    }
    assert_string_equal(isms_cvss_nomenclature_name(ISMS_CVSS_B), "CVSS-B");
    assert_string_equal(isms_cvss_nomenclature_name(ISMS_CVSS_BT), "CVSS-BT");
    assert_string_equal(isms_cvss_nomenclature_name(ISMS_CVSS_BE), "CVSS-BE");
    assert_string_equal(isms_cvss_nomenclature_name(ISMS_CVSS_BTE), "CVSS-BTE");
    assert_null(isms_cvss_nomenclature_name((isms_cvss_nomenclature)4));
    assert_null(isms_cvss_nomenclature_name((isms_cvss_nomenclature)-1));
}

/* ---- parse errors ------------------------------------------------------------------------ */

static void test_parse_errors(void **state)
{
    (void)state;
    isms_cvss c;
    assert_int_equal(isms_cvss_parse(NULL, "CVSS:3.1/AV:N"), ISMS_EINVAL);
    assert_int_equal(isms_cvss_parse(&c, NULL), ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "NULL");

    /* prefix */
    expect_error("", 1, "not a CVSS vector");
    expect_error("AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 1, "must begin with CVSS:3.0/");
    expect_error("cvss:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 1, "not a CVSS vector");
    expect_error(" CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 1, "not a CVSS vector");
    expect_error("CVSS:2.0/AV:N/AC:L/Au:N/C:C/I:C/A:C", 6,
                "CVSS version \"2.0\" at position 6 is not supported");
    expect_error("CVSS:3.2/AV:N", 6, "CVSS version \"3.2\"");
    expect_error("CVSS:3.1", 9, "CVSS:3.1 must be followed by '/' and the metrics");
    expect_error("CVSS:3.1 AV:N", 6, "CVSS version \"3.1 AV:N\"");

    /* the message of the issue, at the byte position of the metric */
    expect_error("CVSS:3.1/AV:N/AC:X/PR:N/UI:N/S:U/C:H/I:H/A:H", 15,
                "CVSS:3.1/AV:N/AC:X/PR:N/UI:N/S:U/C:H/I:H/A:H: metric AC at position 15 has "
                "unknown value \"X\" (expected L or H)");
    assert_string_equal(isms_error_last()->message,
                        "CVSS:3.1/AV:N/AC:X/PR:N/UI:N/S:U/C:H/I:H/A:H: metric AC at position "
                        "15 has unknown value \"X\" (expected L or H)");
    /* values */
    expect_error("CVSS:3.1/AV:n/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 10,
                "metric AV at position 10 has unknown value \"n\" (expected N, A, L or P)");
    expect_error("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:", 42,
                "metric A at position 42 has no value (expected H, L or N)");
    expect_error("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H ", 42,
                "metric A at position 42 has unknown value \"H \"");
    expect_error("CVSS:3.1/AV:N:L/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 10, "unknown value \"N:L\"");
    expect_error("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:A", 46,
                "metric E at position 46 has unknown value \"A\" (expected X, H, F, P or U)");
    expect_error("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:X/C:H/I:H/A:H", 30,
                "metric S at position 30 has unknown value \"X\" (expected U or C)");
    expect_error("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:F", 65,
                "metric E at position 65 has unknown value \"F\" (expected X, A, P or U)");
    expect_error("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:S/SA:N", 55,
                "metric SI at position 55 has unknown value \"S\" (expected H, L or N)");
    expect_error("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/S:U", 65,
                "metric S at position 65 has unknown value \"U\" (expected X, N or P)");
    expect_error("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/U:red", 65,
                "metric U at position 65 has unknown value \"red\" (expected X, Clear, Green, "
                "Amber or Red)");
    expect_error("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/MSC:S", 65,
                "metric MSC at position 65 has unknown value \"S\"");

    /* fields */
    expect_error("CVSS:3.1/AV:N//AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 15,
                "empty field at position 15 (two '/' in a row)");
    expect_error("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/", 46,
                "empty field at position 46 (a '/' at the end)");
    expect_error("CVSS:3.1//AV:N", 10, "empty field at position 10");
    expect_error("CVSS:3.1/AV:N/AC/PR:N/UI:N/S:U/C:H/I:H/A:H", 15,
                "\"AC\" at position 15 is not a Metric:Value pair");
    expect_error("CVSS:3.1/AV:N/:L/PR:N", 15, "unknown metric \"\" at position 15");

    /* unknown metrics */
    expect_error("CVSS:3.1/AV:N/XX:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 15,
                "unknown metric \"XX\" at position 15 (not a CVSS 3.1 metric)");
    expect_error("CVSS:3.1/AV:N/AC:L/AT:N/PR:N/UI:N/S:U/C:H/I:H/A:H", 20,
                "unknown metric \"AT\" at position 20 (not a CVSS 3.1 metric)");
    expect_error("CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/av:N", 46,
                "unknown metric \"av\" at position 46 (not a CVSS 3.0 metric)");
    expect_error("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/C:H/VI:H/VA:H/SC:N/SI:N/SA:N", 35,
                "unknown metric \"C\" at position 35 (not a CVSS 4.0 metric)");
    expect_error("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/RL:O", 65,
                "unknown metric \"RL\"");
    /* Bytes that are not printable ASCII show as '?' in the message: a control character
     * and the two bytes of "é". */
    expect_error("CVSS:3.1/AV:N/A\x01\xc3\xa9:L", 15, "unknown metric \"A???\" at position 15");
    /* Bytes that are not UTF-8 are refused before parsing, naming the byte (from 1). */
    memset(&c, 0xA5, sizeof c);
    assert_int_equal(isms_cvss_parse(&c, "CVSS:3.1/AV:N/A\x01\xff:L"), ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "vector: not UTF-8 at byte 17 (0xFF)");
    for (size_t i = 0; i < sizeof c; i++)
        assert_int_equal(((unsigned char *)&c)[i], 0xA5);

    /* duplicates */
    expect_error("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/AV:N", 46,
                "metric AV at position 46 is given twice (first at position 10)");
    expect_error("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:X/E:X", 50,
                "metric E at position 50 is given twice (first at position 46)");
    expect_error("CVSS:4.0/AV:N/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", 15,
                "metric AV at position 15 is given twice (first at position 10)");
    expect_error("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/AC:L", 65,
                "metric AC at position 65 is given twice (first at position 15)");

    /* order (v4.0 only) */
    expect_error("CVSS:4.0/AC:L/AV:N/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", 15,
                "metric AV at position 15 is out of order: CVSS 4.0 puts it before AC "
                "(position 10)");
    expect_error("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/CR:H/E:A", 70,
                "metric E at position 70 is out of order: CVSS 4.0 puts it before CR "
                "(position 65)");
    expect_error("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/U:Red/S:N", 71,
                "metric S at position 71 is out of order: CVSS 4.0 puts it before U");

    /* a base metric that comes later is out of order rather than missing */
    expect_error("CVSS:4.0/AV:N/AC:L/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/AT:N", 60,
                 "metric AT at position 60 is out of order: CVSS 4.0 puts it before PR "
                 "(position 20)");

    /* missing mandatory metrics */
    expect_error("CVSS:3.1/", 10, "base metric AV is missing (the vector ends at position 10)");
    expect_error("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H", 41,
                "base metric A is missing (the vector ends at position 41)");
    expect_error("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/C:H/I:H/A:H/E:U", 45, "base metric S is missing");
    expect_error("CVSS:4.0/AV:N/AC:L/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", 20,
                "base metric AT is missing: it must come before PR at position 20");
    expect_error("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/E:U", 60,
                "base metric SA is missing: it must come before E at position 60");
    expect_error("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N", 59,
                "base metric SA is missing (the vector ends at position 59)");
    expect_error("CVSS:4.0/", 10, "base metric AV is missing");

    /* long garbage is cut in the message, and bytes that are not printable are shown as ? */
    char longv[400];
    memset(longv, 'Z', sizeof longv - 1);
    longv[sizeof longv - 1] = '\0';
    memcpy(longv, "CVSS:3.1/", 9);
    expect_error(longv, 10, "...: \"ZZZZ");
    assert_true(strlen(isms_error_last()->message) < 300);
}

/* ---- formatting, metrics ----------------------------------------------------------------- */

static void test_format(void **state)
{
    (void)state;
    check_format("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
                 "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H");
    /* X dropped */
    check_format("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:X/RL:O/RC:X/CR:X/MAV:X/MA:L",
                 "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/RL:O/MA:L");
    check_format("CVSS:3.0/S:C/AV:N/AC:L/PR:N/UI:N/C:H/I:H/A:H/MS:U/CR:L",
                 "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H/CR:L/MS:U");
    check_format("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:X/CR:X/"
                 "MSI:S/S:X/U:Amber",
                 "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/MSI:S/"
                 "U:Amber");

    /* The longest vector: every metric with its longest value. */
    const char *longest = "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H/E:A/"
                          "CR:H/IR:H/AR:H/MAV:N/MAC:L/MAT:N/MPR:N/MUI:N/MVC:H/MVI:H/MVA:H/"
                          "MSC:H/MSI:S/MSA:S/S:N/AU:N/R:A/V:D/RE:L/U:Clear";
    check_format(longest, longest);
    assert_true(strlen(longest) < ISMS_CVSS_VECTOR_MAX);
    isms_cvss c = P(longest);
    assert_int_equal(c.nomenclature, ISMS_CVSS_BTE);
    assert_int_equal(c.parts, 15);
    /* MSI/MSA:S: EQ4 0 -> 000000 = 10.0 */
    assert_string_equal(c.macrovector, "000000");
    assert_score(c.score, 10.0);

    /* exactly large enough, one byte short */
    size_t len = strlen(longest);
    char buf[ISMS_CVSS_VECTOR_MAX];
    assert_int_equal(isms_cvss_format(buf, len + 1, &c), ISMS_OK);
    assert_string_equal(buf, longest);
    memset(buf, '#', sizeof buf);
    assert_int_equal(isms_cvss_format(buf, len, &c), ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "needs 179 bytes");
    assert_int_equal(buf[0], '#');
    assert_int_equal(isms_cvss_format(buf, 0, &c), ISMS_EINVAL);
    assert_int_equal(isms_cvss_format(NULL, 10, &c), ISMS_EINVAL);
    assert_int_equal(isms_cvss_format(buf, sizeof buf, NULL), ISMS_EINVAL);

    /* values that are no parsed vector */
    isms_cvss bad;
    memset(&bad, 0, sizeof bad);
    assert_int_equal(isms_cvss_format(buf, sizeof buf, &bad), ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "base metric AV is not set");
    bad = P("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H");
    bad.version = (isms_cvss_version)7;
    assert_int_equal(isms_cvss_format(buf, sizeof buf, &bad), ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "unknown CVSS version 7");
    bad = P("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H");
    bad.values[1] = 3; /* AC has two values */
    assert_int_equal(isms_cvss_format(buf, sizeof buf, &bad), ISMS_EINVAL);
    bad = P("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H");
    bad.values[30] = 1; /* v3 has 22 metrics */
    assert_int_equal(isms_cvss_format(buf, sizeof buf, &bad), ISMS_EINVAL);
    const char *v;
    assert_int_equal(isms_cvss_metric(&v, &bad, "AV"), ISMS_EINVAL);
}

static void test_metrics(void **state)
{
    (void)state;
    isms_cvss c = P("CVSS:3.1/AV:A/AC:H/PR:L/UI:R/S:C/C:L/I:N/A:H/E:P/MAV:X");
    const char *v = NULL;
    static const char *const expect[][2] = {
        { "AV", "A" }, { "AC", "H" }, { "PR", "L" }, { "UI", "R" }, { "S", "C" },
        { "C", "L" },  { "I", "N" },  { "A", "H" },  { "E", "P" },  { "RL", "X" },
        { "MAV", "X" }, { "MS", "X" },
    };
    for (size_t i = 0; i < sizeof expect / sizeof *expect; i++) {
        assert_int_equal(isms_cvss_metric(&v, &c, expect[i][0]), ISMS_OK);
        assert_string_equal(v, expect[i][1]);
    }
    assert_int_equal(isms_cvss_metric(&v, &c, "VC"), ISMS_ENOTFOUND);
    assert_error(ISMS_ENOTFOUND, "CVSS 3.1 has no metric \"VC\"");
    assert_int_equal(isms_cvss_metric(&v, &c, "av"), ISMS_ENOTFOUND);
    assert_int_equal(isms_cvss_metric(&v, &c, ""), ISMS_ENOTFOUND);
    assert_int_equal(isms_cvss_metric(NULL, &c, "AV"), ISMS_EINVAL);
    assert_int_equal(isms_cvss_metric(&v, NULL, "AV"), ISMS_EINVAL);
    assert_int_equal(isms_cvss_metric(&v, &c, NULL), ISMS_EINVAL);

    c = P("CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:A/VC:H/VI:L/VA:N/SC:N/SI:L/SA:H/MSA:S/RE:M");
    static const char *const expect4[][2] = {
        { "AT", "P" }, { "UI", "A" }, { "SA", "H" }, { "MSA", "S" }, { "RE", "M" },
        { "E", "X" },  { "U", "X" },  { "S", "X" },  { "MSI", "X" },
    };
    for (size_t i = 0; i < sizeof expect4 / sizeof *expect4; i++) {
        assert_int_equal(isms_cvss_metric(&v, &c, expect4[i][0]), ISMS_OK);
        assert_string_equal(v, expect4[i][1]);
    }
    assert_int_equal(isms_cvss_metric(&v, &c, "RL"), ISMS_ENOTFOUND);

    assert_int_equal(isms_cvss_metric_count(ISMS_CVSS_V3_0), 22);
    assert_int_equal(isms_cvss_metric_count(ISMS_CVSS_V3_1), 22);
    assert_int_equal(isms_cvss_metric_count(ISMS_CVSS_V4_0), 32);
    assert_int_equal(isms_cvss_metric_count((isms_cvss_version)3), 0);
    assert_string_equal(isms_cvss_metric_name(ISMS_CVSS_V3_1, 0), "AV");
    assert_string_equal(isms_cvss_metric_name(ISMS_CVSS_V3_1, 4), "S");
    assert_string_equal(isms_cvss_metric_name(ISMS_CVSS_V3_1, 21), "MA");
    assert_null(isms_cvss_metric_name(ISMS_CVSS_V3_1, 22));
    assert_string_equal(isms_cvss_metric_name(ISMS_CVSS_V4_0, 11), "E");
    assert_string_equal(isms_cvss_metric_name(ISMS_CVSS_V4_0, 26), "S");
    assert_string_equal(isms_cvss_metric_name(ISMS_CVSS_V4_0, 31), "U");
    assert_null(isms_cvss_metric_name(ISMS_CVSS_V4_0, 32));
    assert_null(isms_cvss_metric_name((isms_cvss_version)-1, 0));
    assert_true(ISMS_CVSS_METRICS_MAX >= 32);

    assert_string_equal(isms_cvss_version_name(ISMS_CVSS_V3_0), "3.0");
    assert_string_equal(isms_cvss_version_name(ISMS_CVSS_V3_1), "3.1");
    assert_string_equal(isms_cvss_version_name(ISMS_CVSS_V4_0), "4.0");
    assert_null(isms_cvss_version_name((isms_cvss_version)3));
}

/* ---- severity ---------------------------------------------------------------------------- */

static void test_severity(void **state)
{
    (void)state;
    static const struct {
        double score;
        isms_cvss_severity s;
    } rows[] = {
        { 0.0, ISMS_CVSS_SEVERITY_NONE },      { 0.04, ISMS_CVSS_SEVERITY_NONE },
        { 0.05, ISMS_CVSS_SEVERITY_LOW },      { 0.1, ISMS_CVSS_SEVERITY_LOW },
        { 3.9, ISMS_CVSS_SEVERITY_LOW },       { 3.94, ISMS_CVSS_SEVERITY_LOW },
        { 3.95, ISMS_CVSS_SEVERITY_MEDIUM },   { 4.0, ISMS_CVSS_SEVERITY_MEDIUM },
        { 6.9, ISMS_CVSS_SEVERITY_MEDIUM },    { 6.9999999, ISMS_CVSS_SEVERITY_HIGH },
        { 7.0, ISMS_CVSS_SEVERITY_HIGH },      { 8.9, ISMS_CVSS_SEVERITY_HIGH },
        { 9.0, ISMS_CVSS_SEVERITY_CRITICAL },  { 10.0, ISMS_CVSS_SEVERITY_CRITICAL },
        { 12.0, ISMS_CVSS_SEVERITY_CRITICAL }, { -1.0, ISMS_CVSS_SEVERITY_NONE },
        { NAN, ISMS_CVSS_SEVERITY_NONE },      { 0.1 * 3 * 10, ISMS_CVSS_SEVERITY_LOW },
    };
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++)
        if (isms_cvss_severity_of(rows[i].score) != rows[i].s)
            fail_msg("severity of %g: %d, expected %d", rows[i].score,
                     (int)isms_cvss_severity_of(rows[i].score), (int)rows[i].s);

    static const char *const sv[] = { "Ingen", "Låg", "Medel", "Hög", "Kritisk" };
    static const char *const en[] = { "None", "Low", "Medium", "High", "Critical" };
    static const char *const names[] = { "none", "low", "medium", "high", "critical" };
    for (int s = 0; s < 5; s++) {
        assert_string_equal(isms_cvss_severity_label((isms_cvss_severity)s, ISMS_LANG_SV), sv[s]);
        assert_string_equal(isms_cvss_severity_label((isms_cvss_severity)s, ISMS_LANG_EN), en[s]);
        assert_string_equal(isms_cvss_severity_name((isms_cvss_severity)s), names[s]);
        isms_cvss_severity out = (isms_cvss_severity)-1;
        assert_int_equal(isms_cvss_severity_parse(&out, sv[s]), ISMS_OK);
        assert_int_equal(out, s);
        out = (isms_cvss_severity)-1;
        assert_int_equal(isms_cvss_severity_parse(&out, en[s]), ISMS_OK);
        assert_int_equal(out, s);
        out = (isms_cvss_severity)-1;
        assert_int_equal(isms_cvss_severity_parse(&out, names[s]), ISMS_OK);
        assert_int_equal(out, s);
    }
    assert_null(isms_cvss_severity_label((isms_cvss_severity)5, ISMS_LANG_SV));
    assert_null(isms_cvss_severity_label(ISMS_CVSS_SEVERITY_LOW, (isms_lang)2));
    assert_null(isms_cvss_severity_name((isms_cvss_severity)5));

    isms_cvss_severity out;
    assert_int_equal(isms_cvss_severity_parse(&out, "HÖG"), ISMS_OK);
    assert_int_equal(out, ISMS_CVSS_SEVERITY_HIGH);
    assert_int_equal(isms_cvss_severity_parse(&out, "  låg "), ISMS_OK);
    assert_int_equal(out, ISMS_CVSS_SEVERITY_LOW);
    assert_int_equal(isms_cvss_severity_parse(&out, "KRITISK"), ISMS_OK);
    assert_int_equal(out, ISMS_CVSS_SEVERITY_CRITICAL);
    out = ISMS_CVSS_SEVERITY_MEDIUM;
    assert_int_equal(isms_cvss_severity_parse(&out, "severe"), ISMS_EPARSE);
    assert_error(ISMS_EPARSE, "unknown CVSS severity \"severe\"");
    assert_int_equal(out, ISMS_CVSS_SEVERITY_MEDIUM);
    assert_int_equal(isms_cvss_severity_parse(&out, ""), ISMS_EPARSE);
    assert_int_equal(isms_cvss_severity_parse(NULL, "low"), ISMS_EINVAL);
    assert_int_equal(isms_cvss_severity_parse(&out, NULL), ISMS_EINVAL);

    assert_double_equal(isms_cvss_normalized(NULL), 0, 0);
    isms_cvss c = P("CVSS:3.1/AV:N/AC:L/PR:L/UI:R/S:C/C:L/I:L/A:N");
    assert_double_equal(isms_cvss_normalized(&c), 0.54, 1e-12);
    assert_int_equal(c.severity, ISMS_CVSS_SEVERITY_MEDIUM);
}

/* Every vector of a small exhaustive family parses, scores within range, and reads back
 * from its canonical form; no call allocates. */
static void test_families(void **state)
{
    (void)state;
    static const char *const e[] = { "", "/E:X", "/E:A", "/E:P", "/E:U" };
    static const char *const si[] = { "", "/MSI:X", "/MSI:S", "/MSI:H", "/MSI:L", "/MSI:N" };
    static const char *const cr[] = { "", "/CR:H", "/CR:M", "/CR:L" };
    static const char *const av[] = { "N", "A", "L", "P" };
    long n = 0;
    for (size_t a = 0; a < 4; a++)
        for (size_t i = 0; i < 5; i++)
            for (size_t j = 0; j < 4; j++)
                for (size_t k = 0; k < 6; k++) {
                    char vec[200];
                    snprintf(vec, sizeof vec, "CVSS:4.0/AV:%s/AC:L/AT:N/PR:N/UI:N/VC:H/VI:L/"
                             "VA:N/SC:L/SI:N/SA:N%s%s%s", av[a], e[i], cr[j], si[k]);
                    isms_cvss c = P(vec);
                    assert_true(c.score >= 0 && c.score <= 10);
                    char buf[ISMS_CVSS_VECTOR_MAX];
                    assert_int_equal(isms_cvss_format(buf, sizeof buf, &c), ISMS_OK);
                    assert_int_equal(isms__alloc_count(), 0);
                    isms_cvss back = P(buf);
                    assert_score(back.score, c.score);
                    n++;
                }
    assert_int_equal(n, 4 * 5 * 4 * 6);
    /* Threat lowers the score: none = X = A > P > U. */
    double s[5];
    for (size_t i = 0; i < 5; i++) {
        char vec[200];
        snprintf(vec, sizeof vec, "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:L/VA:N/SC:L/SI:N/"
                 "SA:N%s", e[i]);
        s[i] = P(vec).score;
    }
    assert_score(s[1], s[0]);
    assert_score(s[2], s[0]);
    assert_true(s[3] < s[2]);
    assert_true(s[4] < s[3]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_roundup),
        cmocka_unit_test(test_v31_base),
        cmocka_unit_test(test_v31_environmental_quirk),
        cmocka_unit_test(test_v31_temporal),
        cmocka_unit_test(test_v31_environmental),
        cmocka_unit_test(test_v30),
        cmocka_unit_test(test_v3_any_order),
        cmocka_unit_test(test_v40_base),
        cmocka_unit_test(test_v40_threat),
        cmocka_unit_test(test_v40_environmental),
        cmocka_unit_test(test_v40_supplemental),
        cmocka_unit_test(test_nomenclature),
        cmocka_unit_test(test_parse_errors),
        cmocka_unit_test(test_format),
        cmocka_unit_test(test_metrics),
        cmocka_unit_test(test_severity),
        cmocka_unit_test(test_families),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
