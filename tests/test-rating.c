/* Unit tests of the rating methods: OWASP Risk Rating, DREAD, the rating of any vector,
 * matrix placement of normalised values, and vectors carried by risks of a register. */
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

#define EPS 1e-12

/* The OWASP Risk Rating Methodology's worked example: likelihood 4.375 (MEDIUM), technical
 * impact 7.25 (HIGH), business impact 2.25 (LOW). */
static const char *const EXAMPLE =
    "SL:5/M:2/O:7/S:1/ED:3/EE:6/A:9/ID:2/LC:9/LI:7/LAV:5/LAC:8/FD:1/RD:2/NC:1/PV:5";
static const char *const EXAMPLE_TECHNICAL =
    "SL:5/M:2/O:7/S:1/ED:3/EE:6/A:9/ID:2/LC:9/LI:7/LAV:5/LAC:8";

static const char *const CVSS31_CRITICAL = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H";

/* Field by field (memcmp would compare padding too). */
static void assert_owasp_equal(const isms_owasp *a, const isms_owasp *b)
{
    assert_memory_equal(a->factors, b->factors, sizeof a->factors);
    assert_memory_equal(&a->business_given, &b->business_given, sizeof a->business_given);
    assert_true(a->likelihood == b->likelihood);
    assert_true(a->technical_impact == b->technical_impact);
    assert_true(a->business_impact == b->business_impact);
    assert_true(a->impact == b->impact);
    assert_int_equal(a->likelihood_level, b->likelihood_level);
    assert_int_equal(a->impact_level, b->impact_level);
    assert_int_equal(a->severity, b->severity);
    assert_true(a->normalized == b->normalized);
}

static void assert_dread_equal(const isms_dread *a, const isms_dread *b)
{
    assert_int_equal(a->damage, b->damage);
    assert_int_equal(a->reproducibility, b->reproducibility);
    assert_int_equal(a->exploitability, b->exploitability);
    assert_int_equal(a->affected_users, b->affected_users);
    assert_int_equal(a->discoverability, b->discoverability);
    assert_true(a->mean == b->mean);
    assert_true(a->normalized == b->normalized);
}

static void assert_rating_equal(const isms_rating *a, const isms_rating *b)
{
    assert_int_equal(a->method, b->method);
    assert_true(a->score == b->score);
    assert_true(a->normalized == b->normalized);
    assert_int_equal(a->rank, b->rank);
    assert_ptr_equal(a->severity, b->severity);
    assert_ptr_equal(a->label_sv, b->label_sv);
    assert_ptr_equal(a->label_en, b->label_en);
}

/* ---- labels ----------------------------------------------------------------------------- */

static void test_method_labels(void **state)
{
    (void)state;
    assert_string_equal(isms_method_name(ISMS_METHOD_MATRIX), "matrix");
    assert_string_equal(isms_method_name(ISMS_METHOD_CVSS), "cvss");
    assert_string_equal(isms_method_name(ISMS_METHOD_OWASP), "owasp");
    assert_string_equal(isms_method_name(ISMS_METHOD_DREAD), "dread");
    assert_null(isms_method_name((isms_method)4));
    assert_null(isms_method_name((isms_method)-1));
    assert_string_equal(isms_method_label(ISMS_METHOD_MATRIX, ISMS_LANG_SV), "Riskmatris");
    assert_string_equal(isms_method_label(ISMS_METHOD_MATRIX, ISMS_LANG_EN), "Risk matrix");
    assert_string_equal(isms_method_label(ISMS_METHOD_CVSS, ISMS_LANG_SV), "CVSS");
    assert_string_equal(isms_method_label(ISMS_METHOD_OWASP, ISMS_LANG_SV),
                        "OWASP riskvärdering");
    assert_string_equal(isms_method_label(ISMS_METHOD_OWASP, ISMS_LANG_EN), "OWASP Risk Rating");
    assert_string_equal(isms_method_label(ISMS_METHOD_DREAD, ISMS_LANG_EN), "DREAD");
    assert_null(isms_method_label((isms_method)4, ISMS_LANG_EN));
    assert_null(isms_method_label(ISMS_METHOD_CVSS, (isms_lang)2));

    static const struct {
        const char *text;
        isms_method method;
    } cases[] = {
        { "matrix", ISMS_METHOD_MATRIX },         { "RISKMATRIS", ISMS_METHOD_MATRIX },
        { "risk matrix", ISMS_METHOD_MATRIX },     { " Matris ", ISMS_METHOD_MATRIX },
        { "cvss", ISMS_METHOD_CVSS },              { "CVSS 3.1", ISMS_METHOD_CVSS },
        { "cvss v4", ISMS_METHOD_CVSS },           { "OWASP", ISMS_METHOD_OWASP },
        { "owasp riskVÄRDERING", ISMS_METHOD_OWASP }, { "OWASP Risk Rating", ISMS_METHOD_OWASP },
        { "owasp-rr", ISMS_METHOD_OWASP },         { "Dread", ISMS_METHOD_DREAD },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        isms_method m = (isms_method)99;
        assert_int_equal(isms_method_parse(&m, cases[i].text), ISMS_OK);
        assert_int_equal(m, cases[i].method);
    }
    isms_method m = ISMS_METHOD_DREAD;
    assert_int_equal(isms_method_parse(&m, "FAIR"), ISMS_EPARSE);
    assert_error(ISMS_EPARSE, "unknown rating method \"FAIR\"");
    assert_int_equal(m, ISMS_METHOD_DREAD);
    assert_int_equal(isms_method_parse(&m, ""), ISMS_EPARSE);
    assert_int_equal(isms_method_parse(NULL, "cvss"), ISMS_EINVAL);
    assert_int_equal(isms_method_parse(&m, NULL), ISMS_EINVAL);
}

static void test_owasp_labels(void **state)
{
    (void)state;
    static const char *const abbrev[16] = { "SL", "M",  "O",  "S",  "ED",  "EE",  "A",  "ID",
                                            "LC", "LI", "LAV", "LAC", "FD", "RD", "NC", "PV" };
    for (int f = 0; f < 16; f++) {
        assert_string_equal(isms_owasp_factor_abbrev((isms_owasp_factor)f), abbrev[f]);
        isms_owasp_factor back = (isms_owasp_factor)99;
        assert_int_equal(isms_owasp_factor_parse(&back, abbrev[f]), ISMS_OK);
        assert_int_equal(back, f);
        for (int lang = 0; lang < 2; lang++) {
            const char *label = isms_owasp_factor_label((isms_owasp_factor)f, (isms_lang)lang);
            assert_non_null(label);
            back = (isms_owasp_factor)99;
            assert_int_equal(isms_owasp_factor_parse(&back, label), ISMS_OK);
            assert_int_equal(back, f);
        }
    }
    assert_string_equal(isms_owasp_factor_label(ISMS_OWASP_SL, ISMS_LANG_SV), "Kunskapsnivå");
    assert_string_equal(isms_owasp_factor_label(ISMS_OWASP_SL, ISMS_LANG_EN), "Skill level");
    assert_string_equal(isms_owasp_factor_label(ISMS_OWASP_LAC, ISMS_LANG_SV),
                        "Förlust av spårbarhet");
    assert_string_equal(isms_owasp_factor_label(ISMS_OWASP_PV, ISMS_LANG_EN),
                        "Privacy violation");
    assert_null(isms_owasp_factor_abbrev((isms_owasp_factor)16));
    assert_null(isms_owasp_factor_label((isms_owasp_factor)16, ISMS_LANG_SV));
    assert_null(isms_owasp_factor_label(ISMS_OWASP_SL, (isms_lang)2));
    isms_owasp_factor f = ISMS_OWASP_NC;
    assert_int_equal(isms_owasp_factor_parse(&f, "lav"), ISMS_OK);
    assert_int_equal(f, ISMS_OWASP_LAV);
    assert_int_equal(isms_owasp_factor_parse(&f, "FÖRLUST AV RIKTIGHET"), ISMS_OK);
    assert_int_equal(f, ISMS_OWASP_LI);
    assert_int_equal(isms_owasp_factor_parse(&f, "XY"), ISMS_EPARSE);
    assert_error(ISMS_EPARSE, "unknown OWASP factor \"XY\"");
    assert_int_equal(f, ISMS_OWASP_LI);

    static const char *const levels[3][2] = { { "Låg", "Low" }, { "Medel", "Medium" },
                                              { "Hög", "High" } };
    for (int l = 0; l < 3; l++)
        for (int lang = 0; lang < 2; lang++) {
            assert_string_equal(isms_owasp_level_label((isms_owasp_level)l, (isms_lang)lang),
                                levels[l][lang]);
            isms_owasp_level back = (isms_owasp_level)99;
            assert_int_equal(isms_owasp_level_parse(&back, levels[l][lang]), ISMS_OK);
            assert_int_equal(back, l);
        }
    isms_owasp_level lv;
    assert_int_equal(isms_owasp_level_parse(&lv, "HÖG"), ISMS_OK);
    assert_int_equal(lv, ISMS_OWASP_LEVEL_HIGH);
    assert_int_equal(isms_owasp_level_parse(&lv, "critical"), ISMS_EPARSE);
    assert_null(isms_owasp_level_label((isms_owasp_level)3, ISMS_LANG_EN));

    static const char *const sev[5][2] = { { "Notering", "Note" }, { "Låg", "Low" },
                                           { "Medel", "Medium" },  { "Hög", "High" },
                                           { "Kritisk", "Critical" } };
    for (int s = 0; s < 5; s++)
        for (int lang = 0; lang < 2; lang++) {
            assert_string_equal(
                isms_owasp_severity_label((isms_owasp_severity)s, (isms_lang)lang),
                sev[s][lang]);
            isms_owasp_severity back = (isms_owasp_severity)99;
            assert_int_equal(isms_owasp_severity_parse(&back, sev[s][lang]), ISMS_OK);
            assert_int_equal(back, s);
        }
    isms_owasp_severity s;
    assert_int_equal(isms_owasp_severity_parse(&s, " kritisk "), ISMS_OK);
    assert_int_equal(s, ISMS_OWASP_CRITICAL);
    assert_int_equal(isms_owasp_severity_parse(&s, "none"), ISMS_EPARSE);
    assert_error(ISMS_EPARSE, "unknown OWASP severity \"none\"");
    assert_int_equal(s, ISMS_OWASP_CRITICAL);
    assert_null(isms_owasp_severity_label((isms_owasp_severity)5, ISMS_LANG_SV));
    assert_int_equal(isms_owasp_severity_parse(NULL, "Low"), ISMS_EINVAL);
    assert_int_equal(isms_owasp_level_parse(&lv, NULL), ISMS_EINVAL);
    assert_int_equal(isms_owasp_factor_parse(NULL, "SL"), ISMS_EINVAL);
}

/* ---- OWASP ------------------------------------------------------------------------------- */

static void test_owasp_methodology_example(void **state)
{
    (void)state;
    isms_owasp o;
    assert_int_equal(isms_owasp_parse(&o, EXAMPLE), ISMS_OK);
    static const int factors[16] = { 5, 2, 7, 1, 3, 6, 9, 2, 9, 7, 5, 8, 1, 2, 1, 5 };
    assert_memory_equal(o.factors, factors, sizeof factors);
    assert_true(o.business_given);
    assert_double_equal(o.likelihood, 4.375, 0);        /* 35 / 8 */
    assert_double_equal(o.technical_impact, 7.25, 0);   /* 29 / 4 */
    assert_double_equal(o.business_impact, 2.25, 0);    /* 9 / 4 */
    assert_double_equal(o.impact, 2.25, 0);             /* business, as given */
    assert_int_equal(o.likelihood_level, ISMS_OWASP_LEVEL_MEDIUM);
    assert_int_equal(o.impact_level, ISMS_OWASP_LEVEL_LOW);
    assert_int_equal(o.severity, ISMS_OWASP_LOW);       /* as the methodology concludes */
    /* Low: 0.1 + 0.3 × ((4.375 − 3) + (2.25 − 0)) / 6 */
    assert_double_equal(o.normalized, 0.28125, EPS);

    /* Without the business factors the technical impact counts: High. */
    assert_int_equal(isms_owasp_parse(&o, EXAMPLE_TECHNICAL), ISMS_OK);
    assert_false(o.business_given);
    for (int f = ISMS_OWASP_FD; f <= ISMS_OWASP_PV; f++)
        assert_int_equal(o.factors[f], ISMS_OWASP_NOT_GIVEN);
    assert_int_equal(o.factors[ISMS_OWASP_LAC], 8);
    assert_double_equal(o.business_impact, 0.0, 0);
    assert_double_equal(o.impact, 7.25, 0);
    assert_int_equal(o.impact_level, ISMS_OWASP_LEVEL_HIGH);
    assert_int_equal(o.severity, ISMS_OWASP_HIGH);
    /* High: 0.7 + 0.2 × ((4.375 − 3) + (7.25 − 6)) / 6 */
    assert_double_equal(o.normalized, 0.7875, EPS);

    /* X or _ for all four business factors is the same as leaving them out. */
    isms_owasp x;
    assert_int_equal(
        isms_owasp_parse(&x, "SL:5/M:2/O:7/S:1/ED:3/EE:6/A:9/ID:2/LC:9/LI:7/LAV:5/LAC:8/"
                             "FD:X/RD:X/NC:_/PV:X"),
        ISMS_OK);
    assert_owasp_equal(&x, &o);
    /* The calculator's parentheses. */
    assert_int_equal(
        isms_owasp_parse(&x, "(SL:5/M:2/O:7/S:1/ED:3/EE:6/A:9/ID:2/LC:9/LI:7/LAV:5/LAC:8)"),
        ISMS_OK);
    assert_owasp_equal(&x, &o);

    /* isms_owasp_compute gives the same from the numbers. */
    isms_owasp c;
    assert_int_equal(isms_owasp_compute(&c, factors, 16), ISMS_OK);
    isms_owasp p;
    assert_int_equal(isms_owasp_parse(&p, EXAMPLE), ISMS_OK);
    assert_owasp_equal(&c, &p);
    assert_int_equal(isms_owasp_compute(&c, factors, ISMS_OWASP_FACTORS_TECHNICAL), ISMS_OK);
    assert_owasp_equal(&c, &o);
}

static void test_owasp_levels(void **state)
{
    (void)state;
    assert_int_equal(isms_owasp_level_of(0), ISMS_OWASP_LEVEL_LOW);
    assert_int_equal(isms_owasp_level_of(2.999), ISMS_OWASP_LEVEL_LOW);
    assert_int_equal(isms_owasp_level_of(3), ISMS_OWASP_LEVEL_MEDIUM);
    assert_int_equal(isms_owasp_level_of(5.999), ISMS_OWASP_LEVEL_MEDIUM);
    assert_int_equal(isms_owasp_level_of(6), ISMS_OWASP_LEVEL_HIGH);
    assert_int_equal(isms_owasp_level_of(9), ISMS_OWASP_LEVEL_HIGH);
    assert_int_equal(isms_owasp_level_of(-1), ISMS_OWASP_LEVEL_LOW);
    assert_int_equal(isms_owasp_level_of(12), ISMS_OWASP_LEVEL_HIGH);
    assert_int_equal(isms_owasp_level_of(NAN), ISMS_OWASP_LEVEL_LOW);

    /* The bounds through whole factors: means 2.875, 3, 5.875, 6 of likelihood (8 factors)
     * and 2.75, 3, 5.75, 6 of impact (4 factors). */
    static const struct {
        int l[8];
        int i[4];
        double likelihood, impact;
        isms_owasp_level ll, il;
    } cases[] = {
        { { 3, 3, 3, 3, 3, 3, 3, 2 }, { 3, 3, 3, 2 }, 2.875, 2.75, ISMS_OWASP_LEVEL_LOW,
          ISMS_OWASP_LEVEL_LOW },
        { { 3, 3, 3, 3, 3, 3, 3, 3 }, { 3, 3, 3, 3 }, 3.0, 3.0, ISMS_OWASP_LEVEL_MEDIUM,
          ISMS_OWASP_LEVEL_MEDIUM },
        { { 6, 6, 6, 6, 6, 6, 6, 5 }, { 6, 6, 6, 5 }, 5.875, 5.75, ISMS_OWASP_LEVEL_MEDIUM,
          ISMS_OWASP_LEVEL_MEDIUM },
        { { 6, 6, 6, 6, 6, 6, 6, 6 }, { 6, 6, 6, 6 }, 6.0, 6.0, ISMS_OWASP_LEVEL_HIGH,
          ISMS_OWASP_LEVEL_HIGH },
    };
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        int f[12];
        memcpy(f, cases[k].l, sizeof cases[k].l);
        memcpy(f + 8, cases[k].i, sizeof cases[k].i);
        isms_owasp o;
        assert_int_equal(isms_owasp_compute(&o, f, 12), ISMS_OK);
        assert_double_equal(o.likelihood, cases[k].likelihood, 0);
        assert_double_equal(o.impact, cases[k].impact, 0);
        assert_int_equal(o.likelihood_level, cases[k].ll);
        assert_int_equal(o.impact_level, cases[k].il);
    }
}

/* Every cell of the severity table, with every likelihood factor `a` and every impact
 * factor `b`: a, b = 1 (LOW), 4 (MEDIUM), 7 (HIGH). Within each cell t = (1 + 1) / 6. */
static void test_owasp_severity_cells(void **state)
{
    (void)state;
    static const struct {
        int a, b;
        isms_owasp_severity severity;
        double normalized;
    } cells[] = {
        { 1, 1, ISMS_OWASP_NOTE, 0.1 / 3 },
        { 4, 1, ISMS_OWASP_LOW, 0.2 },
        { 7, 1, ISMS_OWASP_MEDIUM, 0.5 },
        { 1, 4, ISMS_OWASP_LOW, 0.2 },
        { 4, 4, ISMS_OWASP_MEDIUM, 0.5 },
        { 7, 4, ISMS_OWASP_HIGH, 0.7 + 0.2 / 3 },
        { 1, 7, ISMS_OWASP_MEDIUM, 0.5 },
        { 4, 7, ISMS_OWASP_HIGH, 0.7 + 0.2 / 3 },
        { 7, 7, ISMS_OWASP_CRITICAL, 0.9 + 0.1 / 3 },
    };
    for (size_t k = 0; k < sizeof cells / sizeof *cells; k++) {
        int f[16];
        for (int i = 0; i < 8; i++)
            f[i] = cells[k].a;
        for (int i = 8; i < 16; i++)
            f[i] = i < 12 ? 9 - cells[k].b : cells[k].b; /* technical differs: unused */
        isms_owasp o;
        assert_int_equal(isms_owasp_compute(&o, f, 16), ISMS_OK);
        assert_int_equal(o.severity, cells[k].severity);
        assert_double_equal(o.normalized, cells[k].normalized, EPS);
        assert_int_equal(isms_owasp_severity_of(o.likelihood_level, o.impact_level),
                         cells[k].severity);

        char vec[ISMS_OWASP_VECTOR_SIZE];
        assert_int_equal(isms_owasp_format(vec, sizeof vec, &o), ISMS_OK);
        isms_rating r;
        assert_int_equal(isms_rating_parse(&r, vec), ISMS_OK);
        assert_int_equal(r.method, ISMS_METHOD_OWASP);
        assert_int_equal(r.rank, (int)cells[k].severity);
        assert_double_equal(r.normalized, cells[k].normalized, EPS);
        assert_double_equal(r.score, (double)cells[k].a * cells[k].b, 0);
        assert_string_equal(r.label_en,
                            isms_owasp_severity_label(cells[k].severity, ISMS_LANG_EN));
        assert_string_equal(r.label_sv,
                            isms_owasp_severity_label(cells[k].severity, ISMS_LANG_SV));
    }
    /* The table by levels, and the ends of the scale. */
    static const isms_owasp_severity table[3][3] = {
        /* [impact][likelihood] */
        { ISMS_OWASP_NOTE, ISMS_OWASP_LOW, ISMS_OWASP_MEDIUM },
        { ISMS_OWASP_LOW, ISMS_OWASP_MEDIUM, ISMS_OWASP_HIGH },
        { ISMS_OWASP_MEDIUM, ISMS_OWASP_HIGH, ISMS_OWASP_CRITICAL },
    };
    for (int i = 0; i < 3; i++)
        for (int l = 0; l < 3; l++)
            assert_int_equal(isms_owasp_severity_of((isms_owasp_level)l, (isms_owasp_level)i),
                             table[i][l]);
    assert_int_equal(isms_owasp_severity_of((isms_owasp_level)3, ISMS_OWASP_LEVEL_HIGH),
                     ISMS_OWASP_NOTE);

    isms_owasp o;
    int zeros[16] = { 0 }, nines[16];
    for (int i = 0; i < 16; i++)
        nines[i] = 9;
    assert_int_equal(isms_owasp_compute(&o, zeros, 16), ISMS_OK);
    assert_int_equal(o.severity, ISMS_OWASP_NOTE);
    assert_double_equal(o.normalized, 0.0, 0);
    assert_int_equal(isms_owasp_compute(&o, nines, 16), ISMS_OK);
    assert_int_equal(o.severity, ISMS_OWASP_CRITICAL);
    assert_double_equal(o.normalized, 1.0, EPS);
    /* The top of High stays below Critical's 0.9: likelihood 9, impact 5.75. */
    int f[16];
    for (int i = 0; i < 16; i++)
        f[i] = i < 8 ? 9 : i < 12 ? 0 : i < 15 ? 6 : 5;
    assert_int_equal(isms_owasp_compute(&o, f, 16), ISMS_OK);
    assert_int_equal(o.severity, ISMS_OWASP_HIGH);
    assert_double_equal(o.normalized, 0.7 + 0.2 * (3 + 2.75) / 6, EPS);
    assert_true(o.normalized < 0.9);
}

static void test_owasp_business_vs_technical(void **state)
{
    (void)state;
    /* Business impact HIGH while technical impact is LOW: business wins when given. */
    isms_owasp o;
    assert_int_equal(isms_owasp_parse(&o, "SL:4/M:4/O:4/S:4/ED:4/EE:4/A:4/ID:4/LC:1/LI:0/"
                                          "LAV:2/LAC:1/FD:9/RD:8/NC:7/PV:8"),
                     ISMS_OK);
    assert_double_equal(o.technical_impact, 1.0, 0);
    assert_double_equal(o.business_impact, 8.0, 0);
    assert_double_equal(o.impact, 8.0, 0);
    assert_int_equal(o.impact_level, ISMS_OWASP_LEVEL_HIGH);
    assert_int_equal(o.severity, ISMS_OWASP_HIGH);
    assert_int_equal(isms_owasp_parse(&o, "SL:4/M:4/O:4/S:4/ED:4/EE:4/A:4/ID:4/LC:1/LI:0/"
                                          "LAV:2/LAC:1"),
                     ISMS_OK);
    assert_double_equal(o.impact, 1.0, 0);
    assert_int_equal(o.impact_level, ISMS_OWASP_LEVEL_LOW);
    assert_int_equal(o.severity, ISMS_OWASP_LOW);
    /* Business factors of 0 are given: impact 0, not the technical one. */
    assert_int_equal(isms_owasp_parse(&o, "SL:4/M:4/O:4/S:4/ED:4/EE:4/A:4/ID:4/LC:9/LI:9/"
                                          "LAV:9/LAC:9/FD:0/RD:0/NC:0/PV:0"),
                     ISMS_OK);
    assert_true(o.business_given);
    assert_double_equal(o.impact, 0.0, 0);
    assert_int_equal(o.severity, ISMS_OWASP_LOW);
}

static void test_owasp_compute_errors(void **state)
{
    (void)state;
    int f[16] = { 0 };
    isms_owasp o;
    memset(&o, 0x5A, sizeof o);
    isms_owasp before = o;
    assert_int_equal(isms_owasp_compute(NULL, f, 16), ISMS_EINVAL);
    assert_int_equal(isms_owasp_compute(&o, NULL, 16), ISMS_EINVAL);
    assert_int_equal(isms_owasp_compute(&o, f, 13), ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "13 factors");
    f[ISMS_OWASP_LC] = 10;
    assert_int_equal(isms_owasp_compute(&o, f, 16), ISMS_ERANGE);
    assert_error(ISMS_ERANGE, "LC (Loss of confidentiality) 10 is outside 0–9");
    f[ISMS_OWASP_LC] = 0;
    f[ISMS_OWASP_PV] = -1;
    assert_int_equal(isms_owasp_compute(&o, f, 16), ISMS_ERANGE);
    assert_error(ISMS_ERANGE, "PV (Privacy violation) -1 is outside 0–9");
    assert_owasp_equal(&o, &before);
    /* Without business factors, PV is not read. */
    assert_int_equal(isms_owasp_compute(&o, f, 12), ISMS_OK);
    assert_false(o.business_given);
}

/* Parse errors: code, line 1, column and message. */
#define assert_parse_error(call, column, needle)                                               \
    do {                                                                                       \
        int rc_ = (call);                                                                      \
        assert_error_at(rc_, ISMS_EPARSE, 1, (column), #call);                                 \
        assert_error(ISMS_EPARSE, (needle));                                                   \
    } while (0)

static void test_owasp_parse_errors(void **state)
{
    (void)state;
    isms_owasp o;
    memset(&o, 0x5A, sizeof o);
    isms_owasp before = o;
    /* Columns of EXAMPLE's parts: SL 1, M 6, O 10, S 14, ED 18, EE 23, A 28, ID 32, LC 37,
     * LI 42, LAV 47, LAC 53, FD 59, RD 64, NC 69, PV 74; length 77. */
    assert_parse_error(isms_owasp_parse(&o, ""), 1, "OWASP vector, column 1: the vector is "
                                                   "empty");
    assert_parse_error(isms_owasp_parse(&o, "XL:5/M:2"), 1,
                       "column 1: unknown metric \"XL\" (expected SL)");
    assert_parse_error(isms_owasp_parse(&o, "sl:5/M:2"), 1, "unknown metric \"sl\"");
    assert_parse_error(isms_owasp_parse(&o, "CVSS:3.1/AV:N"), 1, "unknown metric \"CVSS\"");
    assert_parse_error(
        isms_owasp_parse(&o, "M:2/SL:5/O:7/S:1/ED:3/EE:6/A:9/ID:2/LC:9/LI:7/LAV:5/LAC:8"), 1,
        "column 1: M is out of order: SL must come before it (the order is SL, M, O, S, ED, "
        "EE, A, ID, LC, LI, LAV, LAC, FD, RD, NC, PV)");
    assert_parse_error(
        isms_owasp_parse(&o, "SL:5/M:2/M:2/O:7/S:1/ED:3/EE:6/A:9/ID:2/LC:9/LI:7/LAV:5/LAC:8"),
        10, "column 10: M is given twice (first at column 6)");
    assert_parse_error(
        isms_owasp_parse(&o, "SL:5/M:2/Q:7/S:1/ED:3/EE:6/A:9/ID:2/LC:9/LI:7/LAV:5/LAC:8"), 10,
        "unknown metric \"Q\" (expected O)");
    assert_parse_error(
        isms_owasp_parse(&o, "SL:a/M:2/O:7/S:1/ED:3/EE:6/A:9/ID:2/LC:9/LI:7/LAV:5/LAC:8"), 1,
        "the value \"a\" of SL is not a whole number 0–9");
    assert_parse_error(
        isms_owasp_parse(&o, "SL:5/M:-1/O:7/S:1/ED:3/EE:6/A:9/ID:2/LC:9/LI:7/LAV:5/LAC:8"), 6,
        "the value \"-1\" of M is not a whole number 0–9");
    assert_parse_error(
        isms_owasp_parse(&o, "SL:5/M:2/O:7/S:1/ED:3/EE:6/A:9/ID:2/LC:10/LI:7/LAV:5/LAC:8"), 37,
        "column 37: LC 10 is outside 0–9");
    assert_parse_error(isms_owasp_parse(&o, "SL:5/M:2/O:7/S:1/ED:3/EE:6/A:9/ID:2/LC:9/LI:7/"
                                            "LAV:5/LAC:99999999999999999999999"),
                       53, "LAC 9999999999999999… is outside 0–9");
    /* LAV left out: missing, reported at LAC. */
    assert_parse_error(
        isms_owasp_parse(&o, "SL:5/M:2/O:7/S:1/ED:3/EE:6/A:9/ID:2/LC:9/LI:7/LAC:8"), 47,
        "column 47: LAV is missing before LAC");
    /* The vector stops early: missing at the end (column = length + 1). */
    assert_parse_error(isms_owasp_parse(&o, "SL:5/M:2/O:7/S:1/ED:3/EE:6/A:9/ID:2/LC:9/LI:7"),
                       46, "LAV is missing: the vector ends after LI");
    /* Business factors in part. */
    assert_parse_error(isms_owasp_parse(&o, "SL:5/M:2/O:7/S:1/ED:3/EE:6/A:9/ID:2/LC:9/LI:7/"
                                            "LAV:5/LAC:8/FD:1/RD:2"),
                       68, "NC is missing at the end: give all four business impact factors");
    assert_parse_error(isms_owasp_parse(&o, "SL:5/M:2/O:7/S:1/ED:3/EE:6/A:9/ID:2/LC:9/LI:7/"
                                            "LAV:5/LAC:8/FD:1/RD:X/NC:1/PV:5"),
                       64, "RD is not given while FD is: give all four business impact "
                           "factors FD, RD, NC, PV, or none");
    assert_parse_error(isms_owasp_parse(&o, "SL:5/M:2/O:7/S:1/ED:3/EE:6/A:9/ID:2/LC:9/LI:7/"
                                            "LAV:5/LAC:8/FD:X/RD:X/NC:X/PV:5"),
                       74, "PV is given while FD is not");
    assert_parse_error(isms_owasp_parse(&o, "SL:5/M:2/O:7/S:1/ED:3/EE:6/A:9/ID:2/LC:9/LI:7/"
                                            "LAV:5/LAC:8/RD:2/NC:1/PV:5"),
                       59, "FD is missing before RD: give all four");
    /* X only for business factors. */
    assert_parse_error(
        isms_owasp_parse(&o, "SL:5/M:2/O:7/S:1/ED:3/EE:X/A:9/ID:2/LC:9/LI:7/LAV:5/LAC:8"), 23,
        "EE must be given as a whole number 0–9, not X (only the business impact factors FD, "
        "RD, NC and PV may be X)");
    assert_parse_error(
        isms_owasp_parse(&o, "SL5/M:2/O:7/S:1/ED:3/EE:6/A:9/ID:2/LC:9/LI:7/LAV:5/LAC:8"), 1,
        "\"SL5\" is not METRIC:VALUE");
    assert_parse_error(
        isms_owasp_parse(&o, "SL:/M:2/O:7/S:1/ED:3/EE:6/A:9/ID:2/LC:9/LI:7/LAV:5/LAC:8"), 1,
        "SL has no value: expected a whole number 0–9");
    assert_parse_error(
        isms_owasp_parse(&o, "SL:5//M:2/O:7/S:1/ED:3/EE:6/A:9/ID:2/LC:9/LI:7/LAV:5/LAC:8"), 6,
        "empty part: two '/' follow each other");
    assert_parse_error(
        isms_owasp_parse(&o, "SL:5/M:2/O:7/S:1/ED:3/EE:6/A:9/ID:2/LC:9/LI:7/LAV:5/LAC:8/"), 58,
        "the vector ends with '/'");
    assert_parse_error(
        isms_owasp_parse(&o, "SL:5/M:2/O:7/S:1/ED:3/EE:6/A:9/ID:2/LC:9/LI:7/LAV:5/LAC:8 "), 53,
        "the value \"8 \" of LAC is not a whole number");
    assert_parse_error(isms_owasp_parse(&o, " SL:5/M:2"), 1, "unknown metric \" SL\"");
    /* After the last factor. */
    char longer[128];
    snprintf(longer, sizeof longer, "%s/XX:1", EXAMPLE);
    assert_parse_error(isms_owasp_parse(&o, longer), 79,
                       "unknown metric \"XX\" after the last one, PV");
    snprintf(longer, sizeof longer, "%s/PV:1", EXAMPLE);
    assert_parse_error(isms_owasp_parse(&o, longer), 79, "PV is given twice (first at column "
                                                         "74)");
    /* Parentheses: the columns count the '('. */
    assert_parse_error(
        isms_owasp_parse(&o, "(SL:5/M:2/O:7/S:1/ED:3/EE:6/A:9/ID:2/LC:9/LI:7/LAV:5/LAC:8"), 59,
        "the vector starts with '(' but does not end with ')'");
    assert_parse_error(
        isms_owasp_parse(&o, "(SL:5/M:2/O:7/S:1/ED:3/EE:6/A:9/ID:2/LC:10/LI:7/LAV:5/LAC:8)"),
        38, "LC 10 is outside 0–9");
    assert_parse_error(isms_owasp_parse(&o, "()"), 2, "the vector is empty");
    assert_parse_error(isms_owasp_parse(&o, "("), 2, "does not end with ')'");
    assert_owasp_equal(&o, &before);

    assert_int_equal(isms_owasp_parse(NULL, EXAMPLE), ISMS_EINVAL);
    assert_int_equal(isms_owasp_parse(&o, NULL), ISMS_EINVAL);
    /* Leading zeros are read as the number. */
    assert_int_equal(
        isms_owasp_parse(&o, "SL:05/M:2/O:7/S:1/ED:3/EE:6/A:9/ID:2/LC:9/LI:7/LAV:5/LAC:008"),
        ISMS_OK);
    assert_int_equal(o.factors[ISMS_OWASP_SL], 5);
    assert_int_equal(o.factors[ISMS_OWASP_LAC], 8);
}

static void test_owasp_format(void **state)
{
    (void)state;
    char buf[ISMS_OWASP_VECTOR_SIZE];
    isms_owasp o;
    assert_int_equal(isms_owasp_parse(&o, EXAMPLE), ISMS_OK);
    assert_int_equal(isms_owasp_format(buf, sizeof buf, &o), ISMS_OK);
    assert_string_equal(buf, EXAMPLE);

    static const struct {
        const char *in, *canonical;
    } cases[] = {
        { "(SL:5/M:2/O:7/S:1/ED:3/EE:6/A:9/ID:2/LC:9/LI:7/LAV:5/LAC:8/FD:1/RD:2/NC:1/PV:5)",
          "SL:5/M:2/O:7/S:1/ED:3/EE:6/A:9/ID:2/LC:9/LI:7/LAV:5/LAC:8/FD:1/RD:2/NC:1/PV:5" },
        { "SL:5/M:2/O:7/S:1/ED:3/EE:6/A:9/ID:2/LC:9/LI:7/LAV:5/LAC:8/FD:X/RD:X/NC:X/PV:X",
          "SL:5/M:2/O:7/S:1/ED:3/EE:6/A:9/ID:2/LC:9/LI:7/LAV:5/LAC:8" },
        { "SL:09/M:0/O:0/S:0/ED:0/EE:0/A:0/ID:0/LC:0/LI:0/LAV:0/LAC:0",
          "SL:9/M:0/O:0/S:0/ED:0/EE:0/A:0/ID:0/LC:0/LI:0/LAV:0/LAC:0" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        assert_int_equal(isms_owasp_parse(&o, cases[i].in), ISMS_OK);
        assert_int_equal(isms_owasp_format(buf, sizeof buf, &o), ISMS_OK);
        assert_string_equal(buf, cases[i].canonical);
        isms_owasp back;
        assert_int_equal(isms_owasp_parse(&back, buf), ISMS_OK);
        assert_owasp_equal(&back, &o);
    }

    /* The longest vector fits the documented size exactly with room to spare. */
    int nines[16];
    for (int i = 0; i < 16; i++)
        nines[i] = 9;
    assert_int_equal(isms_owasp_compute(&o, nines, 16), ISMS_OK);
    assert_int_equal(isms_owasp_format(buf, sizeof buf, &o), ISMS_OK);
    assert_int_equal(strlen(buf), 77);
    char small[77];
    memset(small, '#', sizeof small);
    assert_int_equal(isms_owasp_format(small, sizeof small, &o), ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "needs 78 bytes, the buffer has 77");
    assert_int_equal(small[0], '#');
    char exact[78];
    assert_int_equal(isms_owasp_format(exact, sizeof exact, &o), ISMS_OK);
    assert_string_equal(exact, buf);

    o.factors[ISMS_OWASP_ID] = 10;
    assert_int_equal(isms_owasp_format(buf, sizeof buf, &o), ISMS_ERANGE);
    assert_error(ISMS_ERANGE, "ID 10 is outside 0–9");
    assert_int_equal(isms_owasp_format(NULL, 10, &o), ISMS_EINVAL);
    assert_int_equal(isms_owasp_format(buf, sizeof buf, NULL), ISMS_EINVAL);
}

/* ---- DREAD ------------------------------------------------------------------------------- */

static void test_dread(void **state)
{
    (void)state;
    isms_dread d;
    assert_int_equal(isms_dread_compute(&d, 8, 10, 7, 10, 10), ISMS_OK);
    assert_int_equal(d.damage, 8);
    assert_int_equal(d.reproducibility, 10);
    assert_int_equal(d.exploitability, 7);
    assert_int_equal(d.affected_users, 10);
    assert_int_equal(d.discoverability, 10);
    assert_double_equal(d.mean, 9.0, 0);
    assert_double_equal(d.normalized, 0.9, EPS);

    isms_dread p;
    assert_int_equal(isms_dread_parse(&p, "D:8/R:10/E:7/A:10/DI:10"), ISMS_OK);
    assert_dread_equal(&p, &d);
    char buf[ISMS_DREAD_VECTOR_SIZE];
    assert_int_equal(isms_dread_format(buf, sizeof buf, &p), ISMS_OK);
    assert_string_equal(buf, "D:8/R:10/E:7/A:10/DI:10");
    assert_int_equal(isms_dread_parse(&p, "D:05/R:3/E:0/A:1/DI:2"), ISMS_OK);
    assert_double_equal(p.mean, 2.2, EPS);
    assert_int_equal(isms_dread_format(buf, sizeof buf, &p), ISMS_OK);
    assert_string_equal(buf, "D:5/R:3/E:0/A:1/DI:2");

    assert_int_equal(isms_dread_compute(&d, 10, 10, 10, 10, 10), ISMS_OK);
    assert_int_equal(isms_dread_format(buf, sizeof buf, &d), ISMS_OK);
    assert_int_equal(strlen(buf), 25);
    char small[25];
    assert_int_equal(isms_dread_format(small, sizeof small, &d), ISMS_EINVAL);
    d.exploitability = 11;
    assert_int_equal(isms_dread_format(buf, sizeof buf, &d), ISMS_ERANGE);
    assert_error(ISMS_ERANGE, "DREAD factor E 11 is outside 0–10");

    isms_dread before;
    memset(&before, 0x5A, sizeof before);
    d = before;
    assert_int_equal(isms_dread_compute(&d, 8, 11, 7, 10, 10), ISMS_ERANGE);
    assert_error(ISMS_ERANGE, "DREAD factor R (Reproducibility) 11 is outside 0–10");
    assert_int_equal(isms_dread_compute(&d, 8, 10, 7, -1, 10), ISMS_ERANGE);
    assert_error(ISMS_ERANGE, "A (Affected users) -1");
    assert_int_equal(isms_dread_compute(NULL, 1, 1, 1, 1, 1), ISMS_EINVAL);

    assert_parse_error(isms_dread_parse(&d, ""), 1, "DREAD vector, column 1: the vector is "
                                                   "empty");
    assert_parse_error(isms_dread_parse(&d, "D:8/R:10/E:7/A:10/DI:11"), 19,
                       "column 19: DI 11 is outside 0–10");
    assert_parse_error(isms_dread_parse(&d, "D:8/R:10/E:7/A:10"), 18,
                       "DI is missing: the vector ends after A");
    assert_parse_error(isms_dread_parse(&d, "D:8/R:10/A:10/DI:10"), 10,
                       "E is missing before A (the order is D, R, E, A, DI)");
    assert_parse_error(isms_dread_parse(&d, "D:8/E:7/R:10/A:10/DI:10"), 5,
                       "E is out of order: R must come before it");
    assert_parse_error(isms_dread_parse(&d, "DI:8/R:10/E:7/A:10/D:10"), 1,
                       "DI is out of order: D must come before it");
    assert_parse_error(isms_dread_parse(&d, "D:8/D:8/R:10/E:7/A:10/DI:10"), 5,
                       "D is given twice (first at column 1)");
    assert_parse_error(isms_dread_parse(&d, "D:X/R:10/E:7/A:10/DI:10"), 1,
                       "D must be given as a whole number 0–10, not X");
    assert_parse_error(isms_dread_parse(&d, "D:8/R:10/E:7/AU:10/DI:10"), 14,
                       "unknown metric \"AU\" (expected A)");
    assert_parse_error(isms_dread_parse(&d, "D:8/R:ten/E:7/A:10/DI:10"), 5,
                       "the value \"ten\" of R is not a whole number 0–10");
    assert_parse_error(isms_dread_parse(&d, "D:8/R:10/E:7/A:10/DI:10/X:1"), 25,
                       "unknown metric \"X\" after the last one, DI");
    assert_parse_error(isms_dread_parse(&d, "(D:8/R:10/E:7/A:10/DI:10)"), 1,
                       "unknown metric \"(D\"");
    assert_dread_equal(&d, &before);
    assert_int_equal(isms_dread_parse(NULL, "D:1/R:1/E:1/A:1/DI:1"), ISMS_EINVAL);
    assert_int_equal(isms_dread_parse(&d, NULL), ISMS_EINVAL);
}

/* ---- any vector ------------------------------------------------------------------------- */

static void test_rating_recognition(void **state)
{
    (void)state;
    isms_rating r;
    assert_int_equal(isms_rating_parse(&r, CVSS31_CRITICAL), ISMS_OK);
    assert_int_equal(r.method, ISMS_METHOD_CVSS);
    assert_double_equal(r.score, 9.8, EPS);
    assert_double_equal(r.normalized, 0.98, EPS);
    assert_int_equal(r.rank, 4);
    assert_string_equal(r.severity, "critical");
    assert_string_equal(r.label_sv, "Kritisk");
    assert_string_equal(r.label_en, "Critical");

    assert_int_equal(isms_rating_parse(&r, "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N"),
                     ISMS_OK);
    assert_int_equal(r.method, ISMS_METHOD_CVSS);
    assert_double_equal(r.score, 5.3, EPS);
    assert_string_equal(r.severity, "medium");
    assert_int_equal(r.rank, 2);

    assert_int_equal(isms_rating_parse(&r, "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/"
                                           "SC:N/SI:N/SA:N"),
                     ISMS_OK);
    assert_int_equal(r.method, ISMS_METHOD_CVSS);
    assert_double_equal(r.score, 9.3, EPS);
    assert_double_equal(r.normalized, 0.93, EPS);
    assert_string_equal(r.label_en, "Critical");

    assert_int_equal(isms_rating_parse(&r, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N"),
                     ISMS_OK);
    assert_double_equal(r.score, 0.0, 0);
    assert_int_equal(r.rank, 0);
    assert_string_equal(r.severity, "none");
    assert_string_equal(r.label_sv, "Ingen");

    assert_int_equal(isms_rating_parse(&r, EXAMPLE), ISMS_OK);
    assert_int_equal(r.method, ISMS_METHOD_OWASP);
    assert_double_equal(r.score, 9.84375, EPS); /* 4.375 × 2.25 */
    assert_double_equal(r.normalized, 0.28125, EPS);
    assert_int_equal(r.rank, 1);
    assert_string_equal(r.severity, "low");
    assert_string_equal(r.label_sv, "Låg");
    assert_int_equal(isms_rating_parse(&r, "(SL:0/M:0/O:0/S:0/ED:0/EE:0/A:0/ID:0/LC:0/LI:0/"
                                           "LAV:0/LAC:0)"),
                     ISMS_OK);
    assert_int_equal(r.method, ISMS_METHOD_OWASP);
    assert_string_equal(r.severity, "note");
    assert_string_equal(r.label_sv, "Notering");
    assert_string_equal(r.label_en, "Note");

    /* DREAD's words: the CVSS cut points on the mean (sums 0, 19, 20, 34, 35, 44, 45). */
    static const struct {
        const char *vector;
        double mean;
        const char *severity;
        int rank;
    } dread[] = {
        { "D:0/R:0/E:0/A:0/DI:0", 0.0, "none", 0 },
        { "D:3/R:4/E:4/A:4/DI:4", 3.8, "low", 1 },
        { "D:4/R:4/E:4/A:4/DI:4", 4.0, "medium", 2 },
        { "D:6/R:7/E:7/A:7/DI:7", 6.8, "medium", 2 },
        { "D:7/R:7/E:7/A:7/DI:7", 7.0, "high", 3 },
        { "D:8/R:9/E:9/A:9/DI:9", 8.8, "high", 3 },
        { "D:9/R:9/E:9/A:9/DI:9", 9.0, "critical", 4 },
        { "D:8/R:10/E:7/A:10/DI:10", 9.0, "critical", 4 },
    };
    for (size_t i = 0; i < sizeof dread / sizeof *dread; i++) {
        assert_int_equal(isms_rating_parse(&r, dread[i].vector), ISMS_OK);
        assert_int_equal(r.method, ISMS_METHOD_DREAD);
        assert_double_equal(r.score, dread[i].mean, EPS);
        assert_double_equal(r.normalized, dread[i].mean / 10, EPS);
        assert_string_equal(r.severity, dread[i].severity);
        assert_int_equal(r.rank, dread[i].rank);
    }

    memset(&r, 0x5A, sizeof r);
    isms_rating before = r;
    assert_parse_error(isms_rating_parse(&r, "AV:N/AC:L/Au:N/C:P/I:P/A:P"), 1,
                       "\"AV:N/AC:L/Au:N/C:P/I:P/A:P\" is not a risk vector: expected a CVSS "
                       "vector");
    assert_parse_error(isms_rating_parse(&r, ""), 1, "is not a risk vector");
    assert_parse_error(isms_rating_parse(&r, " D:1/R:1/E:1/A:1/DI:1"), 1,
                       "is not a risk vector");
    assert_parse_error(isms_rating_parse(&r, "cvss:3.1/AV:N"), 1, "is not a risk vector");
    /* The method's own errors come through with their columns. */
    assert_parse_error(isms_rating_parse(&r, "SL:5/M:2/O:7/S:1/ED:3/EE:6/A:9/ID:2/LC:10/LI:7/"
                                             "LAV:5/LAC:8"),
                       37, "OWASP vector, column 37: LC 10 is outside 0–9");
    assert_parse_error(isms_rating_parse(&r, "D:8/R:10/E:7/A:10"), 18, "DI is missing");
    int rc = isms_rating_parse(&r, "CVSS:3.1/AV:N/AC:X/PR:N/UI:N/S:U/C:H/I:H/A:H");
    assert_int_equal(rc, ISMS_EPARSE);
    assert_int_equal(isms_error_last()->column, 15);
    assert_error(ISMS_EPARSE, "AC");
    assert_int_equal(isms_rating_parse(&r, "CVSS:2.0/AV:N"), ISMS_EPARSE);
    assert_rating_equal(&r, &before);
    assert_int_equal(isms_rating_parse(NULL, EXAMPLE), ISMS_EINVAL);
    assert_int_equal(isms_rating_parse(&r, NULL), ISMS_EINVAL);
}

/* ---- matrix placement ------------------------------------------------------------------- */

static void test_denormalize(void **state)
{
    (void)state;
    isms_matrix *m = NULL;
    assert_int_equal(isms_matrix_preset(&m, "4x4"), ISMS_OK);
    /* The worked example of isms/rating.h: v = 1 + round(15 n), halves up. */
    static const struct {
        double n;
        int value;
        const char *band;
    } cases[] = {
        { 0.98, 16, "very-high" }, { 0.75, 12, "very-high" }, { 0.53, 9, "high" },
        { 0.31, 6, "medium" },     { 0.9, 15, "very-high" },  { 0.28125, 5, "medium" },
        { 0.7875, 13, "very-high" }, { 0.0, 1, "low" },        { 1.0, 16, "very-high" },
        { 0.7, 12, "very-high" },  /* 10.5 rounds up, though 0.7 is stored a little below */
        { 0.1, 3, "low" },         /* 1.5 rounds up */
        { 0.0999, 2, "low" },      { 0.4, 7, "medium" },      { 0.3999, 7, "medium" },
        { 0.46, 8, "high" },       { 0.72, 12, "very-high" }, { -0.5, 1, "low" },
        { 7.0, 16, "very-high" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        int v = isms_matrix_denormalize(m, cases[i].n);
        if (v != cases[i].value)
            fail_msg("n = %g: value %d, expected %d", cases[i].n, v, cases[i].value);
        isms_band b;
        assert_int_equal(isms_matrix_band(&b, m, (size_t)isms_matrix_band_of(m, v)), ISMS_OK);
        assert_string_equal(b.name, cases[i].band);
    }
    assert_int_equal(isms_matrix_denormalize(m, NAN), 1);
    /* The inverse of isms_matrix_normalize on every value. */
    for (int v = 1; v <= 16; v++)
        assert_int_equal(isms_matrix_denormalize(m, isms_matrix_normalize(m, v)), v);
    isms_matrix_free(m);

    assert_int_equal(isms_matrix_preset(&m, "5x5"), ISMS_OK);
    assert_int_equal(isms_matrix_denormalize(m, 0.5), 13);  /* 1 + 12 */
    assert_int_equal(isms_matrix_denormalize(m, 0.98), 25); /* 1 + round(23.52) */
    isms_matrix_free(m);
    assert_int_equal(isms_matrix_denormalize(NULL, 0.5), 0);
}

/* ---- risks with vectors ----------------------------------------------------------------- */

static isms_register *new_register(void)
{
    isms_register *reg = NULL;
    assert_int_equal(isms_register_new(&reg, NULL), ISMS_OK); /* "4x4" */
    return reg;
}

static void test_risk_vector(void **state)
{
    (void)state;
    isms_register *reg = new_register();
    isms_risk *r = NULL;
    assert_int_equal(isms_register_add(&r, reg, "R1", "Ransomware", 2, 3), ISMS_OK);
    assert_string_equal(isms_risk_vector(r), "");
    assert_int_equal(isms_risk_method(r), ISMS_METHOD_MATRIX);
    isms_rating rt;
    assert_int_equal(isms_risk_rating(&rt, r), ISMS_ENOTFOUND);
    assert_error(ISMS_ENOTFOUND, "risk \"R1\" has no vector");
    double n = -1;
    assert_int_equal(isms_risk_normalized(&n, r, ISMS_INHERENT), ISMS_OK);
    assert_double_equal(n, 5.0 / 15, EPS); /* (6 − 1) / 15 */
    assert_int_equal(isms_risk_normalized(&n, r, ISMS_RESIDUAL), ISMS_OK);
    assert_double_equal(n, 5.0 / 15, EPS);

    assert_int_equal(isms_risk_set_vector(r, CVSS31_CRITICAL), ISMS_OK);
    assert_string_equal(isms_risk_vector(r), CVSS31_CRITICAL);
    assert_int_equal(isms_risk_method(r), ISMS_METHOD_CVSS);
    assert_int_equal(isms_risk_rating(&rt, r), ISMS_OK);
    assert_double_equal(rt.score, 9.8, EPS);
    assert_string_equal(rt.severity, "critical");
    assert_int_equal(isms_risk_normalized(&n, r, ISMS_INHERENT), ISMS_OK);
    assert_double_equal(n, 0.98, EPS);
    /* No residual levels: the residual risk is the inherent one, rated by the vector. */
    assert_int_equal(isms_risk_normalized(&n, r, ISMS_RESIDUAL), ISMS_OK);
    assert_double_equal(n, 0.98, EPS);
    /* Residual levels given: the residual risk is rated on the matrix. */
    assert_int_equal(isms_risk_set_residual(r, 1, 3), ISMS_OK);
    assert_int_equal(isms_risk_normalized(&n, r, ISMS_RESIDUAL), ISMS_OK);
    assert_double_equal(n, 2.0 / 15, EPS);
    assert_int_equal(isms_risk_normalized(&n, r, ISMS_INHERENT), ISMS_OK);
    assert_double_equal(n, 0.98, EPS);
    assert_int_equal(isms_risk_set_residual(r, 1, ISMS_LEVEL_UNSET), ISMS_OK);
    n = -1;
    assert_int_equal(isms_risk_normalized(&n, r, ISMS_RESIDUAL), ISMS_ENOTFOUND);
    assert_double_equal(n, -1, 0);
    assert_int_equal(isms_risk_set_residual(r, ISMS_LEVEL_UNSET, ISMS_LEVEL_UNSET), ISMS_OK);
    /* The matrix is unchanged by the vector. */
    assert_int_equal(isms_risk_value(r, ISMS_INHERENT), 6);

    /* A bad vector is refused with the method's error, and the risk keeps its vector. */
    assert_int_equal(isms_risk_set_vector(r, "D:8/R:10/E:7/A:10/DI:11"), ISMS_EPARSE);
    assert_error_at(ISMS_EPARSE, ISMS_EPARSE, 1, 19, "D:8/R:10/E:7/A:10/DI:11");
    assert_error(ISMS_EPARSE, "DI 11 is outside 0–10");
    assert_int_equal(isms_risk_set_vector(r, " " "D:8/R:10/E:7/A:10/DI:10"), ISMS_EPARSE);
    assert_string_equal(isms_risk_vector(r), CVSS31_CRITICAL);
    assert_int_equal(isms_risk_method(r), ISMS_METHOD_CVSS);

    /* Another method replaces it. */
    assert_int_equal(isms_risk_set_vector(r, "(" "SL:5/M:2/O:7/S:1/ED:3/EE:6/A:9/ID:2/LC:9/"
                                             "LI:7/LAV:5/LAC:8)"),
                     ISMS_OK);
    assert_int_equal(isms_risk_method(r), ISMS_METHOD_OWASP);
    assert_string_equal(isms_risk_vector(r), "(SL:5/M:2/O:7/S:1/ED:3/EE:6/A:9/ID:2/LC:9/LI:7/"
                                             "LAV:5/LAC:8)"); /* kept as given */
    assert_int_equal(isms_risk_normalized(&n, r, ISMS_INHERENT), ISMS_OK);
    assert_double_equal(n, 0.7875, EPS);

    /* NULL and "" remove it. */
    assert_int_equal(isms_risk_set_vector(r, NULL), ISMS_OK);
    assert_string_equal(isms_risk_vector(r), "");
    assert_int_equal(isms_risk_method(r), ISMS_METHOD_MATRIX);
    assert_int_equal(isms_risk_normalized(&n, r, ISMS_INHERENT), ISMS_OK);
    assert_double_equal(n, 5.0 / 15, EPS);
    assert_int_equal(isms_risk_set_vector(r, "D:8/R:10/E:7/A:10/DI:10"), ISMS_OK);
    assert_int_equal(isms_risk_method(r), ISMS_METHOD_DREAD);
    assert_int_equal(isms_risk_set_vector(r, ""), ISMS_OK);
    assert_int_equal(isms_risk_method(r), ISMS_METHOD_MATRIX);
    assert_int_equal(isms_risk_rating(&rt, r), ISMS_ENOTFOUND);
    assert_int_equal(isms_risk_set_vector(r, ""), ISMS_OK); /* twice is fine */

    /* An unassessed risk: the vector rates it; without one there is no value. */
    isms_risk *u = NULL;
    assert_int_equal(isms_register_add(&u, reg, "R2", "Phishing", ISMS_LEVEL_UNSET,
                                       ISMS_LEVEL_UNSET),
                     ISMS_OK);
    assert_int_equal(isms_risk_normalized(&n, u, ISMS_INHERENT), ISMS_ENOTFOUND);
    assert_int_equal(isms_risk_set_vector(u, "D:5/R:5/E:5/A:5/DI:5"), ISMS_OK);
    assert_int_equal(isms_risk_normalized(&n, u, ISMS_INHERENT), ISMS_OK);
    assert_double_equal(n, 0.5, EPS);
    assert_int_equal(isms_risk_normalized(&n, u, ISMS_RESIDUAL), ISMS_OK);
    assert_double_equal(n, 0.5, EPS);
    isms_risk *off = NULL;
    assert_int_equal(isms_register_add(&off, reg, "R3", "Off", 7, 2), ISMS_OK);
    assert_int_equal(isms_risk_normalized(&n, off, ISMS_INHERENT), ISMS_ERANGE);

    /* Arguments. */
    assert_int_equal(isms_risk_set_vector(NULL, EXAMPLE), ISMS_EINVAL);
    assert_string_equal(isms_risk_vector(NULL), "");
    assert_int_equal(isms_risk_method(NULL), ISMS_METHOD_MATRIX);
    assert_int_equal(isms_risk_rating(NULL, r), ISMS_EINVAL);
    assert_int_equal(isms_risk_rating(&rt, NULL), ISMS_EINVAL);
    assert_int_equal(isms_risk_normalized(NULL, r, ISMS_INHERENT), ISMS_EINVAL);
    assert_int_equal(isms_risk_normalized(&n, NULL, ISMS_INHERENT), ISMS_EINVAL);
    assert_int_equal(isms_risk_normalized(&n, r, (isms_which)2), ISMS_EINVAL);

    /* Removing a risk with a vector frees it (valgrind checks). */
    assert_int_equal(isms_register_remove(reg, "R2"), ISMS_OK);
    isms_register_free(reg);
}

static void test_risk_vector_alloc_failure(void **state)
{
    (void)state;
    isms_register *reg = new_register();
    isms_risk *r = NULL;
    assert_int_equal(isms_register_add(&r, reg, "R1", "Ransomware", 2, 3), ISMS_OK);
    /* From none to a vector. */
    SWEEP(isms_risk_set_vector(r, CVSS31_CRITICAL), {
        assert_string_equal(isms_risk_vector(r), "");
        assert_int_equal(isms_risk_method(r), ISMS_METHOD_MATRIX);
    });
    assert_string_equal(isms_risk_vector(r), CVSS31_CRITICAL);
    /* From one vector to another. */
    SWEEP(isms_risk_set_vector(r, EXAMPLE), {
        assert_string_equal(isms_risk_vector(r), CVSS31_CRITICAL);
        assert_int_equal(isms_risk_method(r), ISMS_METHOD_CVSS);
        double n;
        assert_int_equal(isms_risk_normalized(&n, r, ISMS_INHERENT), ISMS_OK);
        assert_double_equal(n, 0.98, EPS);
    });
    assert_int_equal(isms_risk_method(r), ISMS_METHOD_OWASP);
    /* Removing needs no memory. */
    isms__alloc_fail_at(1);
    int rc = isms_risk_set_vector(r, NULL);
    isms__alloc_fail_at(0);
    assert_int_equal(rc, ISMS_OK);
    assert_string_equal(isms_risk_vector(r), "");
    isms_register_free(reg);
}

/* ---- lint ------------------------------------------------------------------------------- */

static isms_register *lint_register(void)
{
    isms_register *reg = new_register();
    isms_risk *r = NULL;
    /* R1: levels 1 × 2 = 2 (low), CVSS 9.8 → 16 (very-high): disagrees. */
    assert_int_equal(isms_register_add(&r, reg, "R1", "Low on the matrix", 1, 2), ISMS_OK);
    assert_int_equal(isms_risk_set_vector(r, CVSS31_CRITICAL), ISMS_OK);
    /* R2: 3 × 4 = 12 (very-high), CVSS 9.8 → 16 (very-high): agrees. */
    assert_int_equal(isms_register_add(&r, reg, "R2", "High on the matrix", 3, 4), ISMS_OK);
    assert_int_equal(isms_risk_set_treatment(r, ISMS_TREATMENT_MODIFY, "Patch"), ISMS_OK);
    assert_int_equal(isms_risk_set_vector(r, CVSS31_CRITICAL), ISMS_OK);
    /* R3: unassessed levels: nothing to disagree with. */
    assert_int_equal(isms_register_add(&r, reg, "R3", "Unassessed", ISMS_LEVEL_UNSET,
                                       ISMS_LEVEL_UNSET),
                     ISMS_OK);
    assert_int_equal(isms_risk_set_vector(r, CVSS31_CRITICAL), ISMS_OK);
    /* R4: 4 × 4 = 16 (very-high), OWASP example with business impact (0.28125 → 5,
     * medium): disagrees. */
    assert_int_equal(isms_register_add(&r, reg, "R4", "OWASP", 4, 4), ISMS_OK);
    assert_int_equal(isms_risk_set_treatment(r, ISMS_TREATMENT_MODIFY, "Fix"), ISMS_OK);
    assert_int_equal(isms_risk_set_vector(r, EXAMPLE), ISMS_OK);
    /* R5: 2 × 3 = 6 (medium), DREAD mean 4 → 1 + round(6) = 7 (medium): agrees. */
    assert_int_equal(isms_register_add(&r, reg, "R5", "DREAD", 2, 3), ISMS_OK);
    assert_int_equal(isms_risk_set_treatment(r, ISMS_TREATMENT_MODIFY, "Fix"), ISMS_OK);
    assert_int_equal(isms_risk_set_vector(r, "D:4/R:4/E:4/A:4/DI:4"), ISMS_OK);
    /* R6: no vector. */
    assert_int_equal(isms_register_add(&r, reg, "R6", "Plain", 1, 1), ISMS_OK);
    return reg;
}

static void test_lint_vector_disagrees(void **state)
{
    (void)state;
    isms_register *reg = lint_register();
    isms_findings *en = new_notes(ISMS_LANG_EN);
    assert_int_equal(isms_register_lint(en, reg), ISMS_OK);
    assert_int_equal(count_notes(en, "risk-vector-disagrees", NULL), 2);
    isms_finding f = note_at(en, "risk-vector-disagrees", 0);
    assert_string_equal(f.ref, "R1");
    assert_int_equal(f.severity, ISMS_SEVERITY_WARNING);
    assert_string_equal(f.message, "The vector gives CVSS 9.8 (Critical), which corresponds to "
                                   "value 16 (Very high) on the matrix, but the levels give 2 "
                                   "(Low)");
    f = note_at(en, "risk-vector-disagrees", 1);
    assert_string_equal(f.ref, "R4");
    assert_string_equal(f.message, "The vector gives OWASP Risk Rating 9.844 (Low), which "
                                   "corresponds to value 5 (Medium) on the matrix, but the "
                                   "levels give 16 (Very high)");
    /* R3 is reported as unassessed, as before. */
    assert_int_equal(count_notes(en, "risk-unassessed", "R3"), 1);
    isms_findings_free(en);

    isms_findings *sv = new_notes(ISMS_LANG_SV);
    assert_int_equal(isms_register_lint(sv, reg), ISMS_OK);
    assert_int_equal(count_notes(sv, "risk-vector-disagrees", NULL), 2);
    f = note_at(sv, "risk-vector-disagrees", 0);
    assert_string_equal(f.message, "Vektorn ger CVSS 9.8 (Kritisk), som motsvarar värdet 16 "
                                   "(Mycket hög) i matrisen, men nivåerna ger 2 (Låg)");
    f = note_at(sv, "risk-vector-disagrees", 1);
    assert_string_equal(f.message, "Vektorn ger OWASP riskvärdering 9.844 (Låg), som motsvarar "
                                   "värdet 5 (Medel) i matrisen, men nivåerna ger 16 "
                                   "(Mycket hög)");
    isms_findings_free(sv);

    /* Setting the levels to agree silences it. */
    assert_int_equal(isms_risk_set_levels(isms_register_find(reg, "R1"), 4, 4), ISMS_OK);
    assert_int_equal(isms_risk_set_vector(isms_register_find(reg, "R4"), NULL), ISMS_OK);
    en = new_notes(ISMS_LANG_EN);
    assert_int_equal(isms_register_lint(en, reg), ISMS_OK);
    assert_int_equal(count_notes(en, "risk-vector-disagrees", NULL), 0);
    isms_findings_free(en);
    isms_register_free(reg);
}

static void test_lint_vector_alloc_failure(void **state)
{
    (void)state;
    isms_register *reg = lint_register();
    for (long k = 1;; k++) {
        isms_findings *notes = notes_with_earlier(ISMS_LANG_SV);
        isms__alloc_fail_at(k);
        int rc = isms_register_lint(notes, reg);
        bool injected = isms__alloc_failed();
        isms__alloc_fail_at(0);
        if (!injected) {
            assert_int_equal(rc, ISMS_OK);
            assert_int_equal(count_notes(notes, "risk-vector-disagrees", NULL), 2);
            isms_findings_free(notes);
            break;
        }
        assert_int_equal(rc, ISMS_ENOMEM);
        assert_only_earlier(notes);
        isms_findings_free(notes);
        assert_true(k < 10000);
    }
    isms_register_free(reg);
}

/* ---- CSV: the vector column ------------------------------------------------------------- */

static const char *const CSV_WITH_VECTORS =
    "ID;Risk;Sannolikhet/konsekvens (1-4);Vektor\r\n"
    "R1;Ransomware;3/4;CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\r\n"
    "R2;Phishing;2/2;\r\n"
    "R3;Webbapp;2/3;  SL:5/M:2/O:7/S:1/ED:3/EE:6/A:9/ID:2/LC:9/LI:7/LAV:5/LAC:8  \r\n"
    "R4;Hot;1/1;D:8/R:10/E:7/A:10/DI:10\r\n";

static void check_vectors(const isms_register *reg)
{
    assert_int_equal(isms_register_count(reg), 4);
    const isms_risk *r = isms_register_find(reg, "R1");
    assert_string_equal(isms_risk_vector(r), CVSS31_CRITICAL);
    assert_int_equal(isms_risk_method(r), ISMS_METHOD_CVSS);
    assert_int_equal(isms_risk_value(r, ISMS_INHERENT), 12);
    r = isms_register_find(reg, "R2");
    assert_string_equal(isms_risk_vector(r), "");
    assert_int_equal(isms_risk_method(r), ISMS_METHOD_MATRIX);
    r = isms_register_find(reg, "R3"); /* trimmed */
    assert_string_equal(isms_risk_vector(r), EXAMPLE_TECHNICAL);
    assert_int_equal(isms_risk_method(r), ISMS_METHOD_OWASP);
    double n;
    assert_int_equal(isms_risk_normalized(&n, r, ISMS_INHERENT), ISMS_OK);
    assert_double_equal(n, 0.7875, EPS);
    r = isms_register_find(reg, "R4");
    assert_int_equal(isms_risk_method(r), ISMS_METHOD_DREAD);
}

static void test_csv_vector_column(void **state)
{
    (void)state;
    isms_register *reg = NULL;
    assert_int_equal(isms_register_parse_csv(&reg, CSV_WITH_VECTORS, strlen(CSV_WITH_VECTORS),
                                             "vectors.csv", NULL, NULL),
                     ISMS_OK);
    check_vectors(reg);

    /* The export writes the column before the computed ones, and reads back the same. */
    for (int lang = 0; lang < 2; lang++) {
        char *doc = NULL;
        size_t len = 0;
        assert_int_equal(isms_register_write_csv(&doc, &len, reg, (isms_lang)lang,
                                                 ISMS_CSV_NO_BOM | ISMS_CSV_LF),
                         ISMS_OK);
        assert_contains(doc, lang == ISMS_LANG_SV
                                 ? "Kvarstående sannolikhet/konsekvens;Vektor;Beräknat "
                                   "riskvärde;Risknivå\n"
                                 : "Residual likelihood/consequence;Vector;Computed value;"
                                   "Risk level\n");
        assert_contains(doc, lang == ISMS_LANG_SV ? "\nR2;Phishing;;2/2;;;;;Öppen;;;4;Medel\n"
                                                  : "\nR2;Phishing;;2/2;;;;;Open;;;4;Medium\n");
        assert_contains(doc, lang == ISMS_LANG_SV
                                 ? "\nR1;Ransomware;;3/4;;;;;Öppen;;CVSS:3.1/AV:N/AC:L/PR:N/UI:N/"
                                   "S:U/C:H/I:H/A:H;12;Mycket hög\n"
                                 : "\nR1;Ransomware;;3/4;;;;;Open;;CVSS:3.1/AV:N/AC:L/PR:N/UI:N/"
                                   "S:U/C:H/I:H/A:H;12;Very high\n");
        isms_register *back = NULL;
        assert_int_equal(isms_register_parse_csv(&back, doc, len, "export.csv", NULL, NULL),
                         ISMS_OK);
        check_vectors(back);
        isms_register_free(back);
        isms_free(doc);
    }

    /* Without vectors the column is not written. */
    assert_int_equal(isms_risk_set_vector(isms_register_find(reg, "R1"), NULL), ISMS_OK);
    assert_int_equal(isms_risk_set_vector(isms_register_find(reg, "R3"), NULL), ISMS_OK);
    assert_int_equal(isms_risk_set_vector(isms_register_find(reg, "R4"), ""), ISMS_OK);
    char *doc = NULL;
    size_t len = 0;
    assert_int_equal(isms_register_write_csv(&doc, &len, reg, ISMS_LANG_SV, ISMS_CSV_LF),
                     ISMS_OK);
    assert_null(strstr(doc, "Vektor"));
    isms_free(doc);
    isms_register_free(reg);

    /* English header. */
    static const char *const en = "Risk,Likelihood,Impact,Risk vector\n"
                                  "Web app,2,3,D:1/R:2/E:3/A:4/DI:5\n";
    assert_int_equal(isms_register_parse_csv(&reg, en, strlen(en), NULL, NULL, NULL), ISMS_OK);
    assert_string_equal(isms_risk_vector(isms_register_at(reg, 0)), "D:1/R:2/E:3/A:4/DI:5");
    isms_register_free(reg);
}

static void test_csv_vector_errors(void **state)
{
    (void)state;
    static const char *const bad =
        "ID;Risk;Sannolikhet/konsekvens (1-4);Vektor\n"
        "R1;Ransomware;3/4;CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\n"
        "R2;Webbapp;2/3;SL:5/M:2/O:7/S:1/ED:3/EE:6/A:9/ID:2/LC:10/LI:7/LAV:5/LAC:8\n";
    isms_register *reg = (isms_register *)(uintptr_t)0x1;
    int rc = isms_register_parse_csv(&reg, bad, strlen(bad), "bad.csv", NULL, NULL);
    assert_error_at(rc, ISMS_EPARSE, 3, 4, bad);
    assert_error(ISMS_EPARSE, "line 3, column 4 (\"Vektor\"): \"SL:5/M:2/O:7/");
    assert_error(ISMS_EPARSE, "is not a risk vector (OWASP vector, column 37: LC 10 is outside "
                              "0–9)");
    assert_ptr_equal(reg, (isms_register *)(uintptr_t)0x1);

    static const char *const cvss2 = "Risk;Vector\nOld;AV:N/AC:L/Au:N/C:P/I:P/A:P\n";
    rc = isms_register_parse_csv(&reg, cvss2, strlen(cvss2), NULL, NULL, NULL);
    assert_error_at(rc, ISMS_EPARSE, 2, 2, cvss2);
    assert_error(ISMS_EPARSE, "is not a risk vector");

    /* A cell far longer than any vector. */
    char longcell[1200];
    int k = snprintf(longcell, sizeof longcell, "Risk;Vektor\nLong;D:1/R:1/E:1/A:1/DI:1");
    while (k < (int)sizeof longcell - 2)
        longcell[k++] = '1';
    longcell[k] = '\0';
    rc = isms_register_parse_csv(&reg, longcell, strlen(longcell), NULL, NULL, NULL);
    assert_error_at(rc, ISMS_EPARSE, 2, 2, "long cell");
    assert_error(ISMS_EPARSE, "is not a risk vector: it is too long");
    assert_ptr_equal(reg, (isms_register *)(uintptr_t)0x1);
}

static int import_vectors(void **obj, const char *data, size_t len, isms_findings *notes)
{
    return isms_register_parse_csv((isms_register **)obj, data, len, "sweep.csv", NULL, notes);
}

static void import_vectors_done(void *obj, isms_findings *notes)
{
    (void)notes;
    check_vectors(obj);
    isms_register_free(obj);
}

static void test_csv_vector_alloc_failure(void **state)
{
    (void)state;
    sweep_import(import_vectors, import_vectors_done, CSV_WITH_VECTORS,
                 strlen(CSV_WITH_VECTORS), false);
    sweep_import(import_vectors, import_vectors_done, CSV_WITH_VECTORS,
                 strlen(CSV_WITH_VECTORS), true);
    isms_register *reg = NULL;
    assert_int_equal(isms_register_parse_csv(&reg, CSV_WITH_VECTORS, strlen(CSV_WITH_VECTORS),
                                             NULL, NULL, NULL),
                     ISMS_OK);
    char *doc;
    size_t len;
    SWEEP_WRITE(doc, len, isms_register_write_csv(&doc, &len, reg, ISMS_LANG_SV, 0));
    isms_register_free(reg);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_method_labels),
        cmocka_unit_test(test_owasp_labels),
        cmocka_unit_test(test_owasp_methodology_example),
        cmocka_unit_test(test_owasp_levels),
        cmocka_unit_test(test_owasp_severity_cells),
        cmocka_unit_test(test_owasp_business_vs_technical),
        cmocka_unit_test(test_owasp_compute_errors),
        cmocka_unit_test(test_owasp_parse_errors),
        cmocka_unit_test(test_owasp_format),
        cmocka_unit_test(test_dread),
        cmocka_unit_test(test_rating_recognition),
        cmocka_unit_test(test_denormalize),
        cmocka_unit_test(test_risk_vector),
        cmocka_unit_test(test_risk_vector_alloc_failure),
        cmocka_unit_test(test_lint_vector_disagrees),
        cmocka_unit_test(test_lint_vector_alloc_failure),
        cmocka_unit_test(test_csv_vector_column),
        cmocka_unit_test(test_csv_vector_errors),
        cmocka_unit_test(test_csv_vector_alloc_failure),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
