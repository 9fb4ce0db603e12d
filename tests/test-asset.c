/* Unit tests of the asset module: schemes and the builder, labels and parsers, floors, the
 * inventory model, classification (high-water mark, floors, overrides, cycles, provenance),
 * impact, lint, summary, due dates, allocation failure and independence of insertion order.
 * Expected levels are worked out by hand in the comments. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "test-util.h"

#define C ISMS_ASPECT_CONFIDENTIALITY
#define I ISMS_ASPECT_INTEGRITY
#define A ISMS_ASPECT_AVAILABILITY
#define T ISMS_ASPECT_TRACEABILITY
#define UNSET ISMS_CLASS_UNSET

/* ---- helpers ---------------------------------------------------------------------------- */

static isms_scheme *preset(const char *name)
{
    isms_scheme *s = NULL;
    assert_int_equal(isms_scheme_preset(&s, name), ISMS_OK);
    assert_non_null(s);
    return s;
}

static isms_inventory *inventory(const char *scheme)
{
    isms_inventory *inv = NULL;
    isms_scheme *s = scheme ? preset(scheme) : NULL;
    assert_int_equal(isms_inventory_new(&inv, s), ISMS_OK);
    isms_scheme_free(s);
    return inv;
}

static isms_asset *add(isms_inventory *inv, const char *id, isms_asset_type type)
{
    isms_asset *a = NULL;
    if (isms_inventory_add(&a, inv, id, NULL, type) != ISMS_OK)
        fail_msg("add %s: %s", id, isms_error_last()->message);
    return a;
}

/* Sets the assessed levels of C, I, A, T (UNSET to leave one out). */
static void levels(isms_asset *a, int c, int i, int av, int t)
{
    const int v[4] = { c, i, av, t };
    for (int k = 0; k < 4; k++)
        if (v[k] != UNSET)
            assert_int_equal(isms_asset_set_level(a, (isms_aspect)k, v[k]), ISMS_OK);
}

static void link(isms_inventory *inv, const char *src, const char *dst, isms_relkind kind)
{
    if (isms_inventory_link(inv, src, dst, kind) != ISMS_OK)
        fail_msg("link %s %s: %s", src, dst, isms_error_last()->message);
}

static isms_provenance eff(const isms_inventory *inv, const char *id, isms_aspect aspect)
{
    isms_provenance p;
    const isms_asset *a = isms_inventory_find(inv, id);
    if (!a)
        fail_msg("no asset %s", id);
    assert_int_equal(isms_asset_effective(&p, a, aspect), ISMS_OK);
    return p;
}

/* Asserts the effective level, origin and source (NULL: none) of one aspect. */
#define assert_eff(inv, id, aspect, level, origin, from)                                     \
    check_eff((inv), (id), (aspect), (level), (origin), (from), __FILE__, __LINE__)
static void check_eff(const isms_inventory *inv, const char *id, isms_aspect aspect, int level,
                      isms_origin origin, const char *from, const char *file, int line)
{
    isms_provenance p = eff(inv, id, aspect);
    const char *got = p.from ? isms_asset_id(p.from) : NULL;
    if (p.level != level || p.origin != origin || (from == NULL) != (got == NULL) ||
        (from && strcmp(from, got) != 0)) {
        print_error("%s %s: level %d origin %d from %s; expected %d, %d, %s\n", id,
                    isms_aspect_label(aspect, ISMS_LANG_EN), p.level, (int)p.origin,
                    got ? got : "-", level, (int)origin, from ? from : "-");
        _fail(file, line);
    }
}

static size_t count_code(const isms_findings *list, const char *code, const char *ref)
{
    size_t n = 0;
    for (size_t i = 0; i < isms_findings_count(list); i++) {
        isms_finding f;
        assert_int_equal(isms_findings_get(&f, list, i), ISMS_OK);
        if (strcmp(f.code, code) == 0 && (!ref || strcmp(f.ref, ref) == 0))
            n++;
    }
    return n;
}

static const isms_finding *finding_of(const isms_findings *list, const char *code,
                                      const char *ref)
{
    static isms_finding f;
    for (size_t i = 0; i < isms_findings_count(list); i++) {
        assert_int_equal(isms_findings_get(&f, list, i), ISMS_OK);
        if (strcmp(f.code, code) == 0 && strcmp(f.ref, ref) == 0)
            return &f;
    }
    fail_msg("no finding %s about %s", code, ref);
    return NULL;
}

static isms_findings *lint(const isms_inventory *inv, isms_lang lang, isms_date today)
{
    isms_findings *f = NULL;
    assert_int_equal(isms_findings_new(&f, lang), ISMS_OK);
    if (isms_inventory_lint(f, inv, today) != ISMS_OK)
        fail_msg("lint: %s", isms_error_last()->message);
    return f;
}

static const isms_date today = { 2025, 3, 1 };

/* ---- aspects ----------------------------------------------------------------------------- */

static void test_aspects(void **state)
{
    (void)state;
    static const char *const sv[] = { "Konfidentialitet", "Riktighet", "Tillgänglighet",
                                      "Spårbarhet" };
    static const char *const en[] = { "Confidentiality", "Integrity", "Availability",
                                      "Traceability" };
    for (int k = 0; k < ISMS_ASPECTS; k++) {
        assert_string_equal(isms_aspect_label((isms_aspect)k, ISMS_LANG_SV), sv[k]);
        assert_string_equal(isms_aspect_label((isms_aspect)k, ISMS_LANG_EN), en[k]);
        isms_aspect out;
        assert_int_equal(isms_aspect_parse(&out, sv[k]), ISMS_OK);
        assert_int_equal(out, k);
        assert_int_equal(isms_aspect_parse(&out, en[k]), ISMS_OK);
        assert_int_equal(out, k);
    }
    assert_string_equal(isms_aspect_label((isms_aspect)7, ISMS_LANG_SV), "");
    static const struct {
        const char *text;
        isms_aspect want;
    } cases[] = {
        { "K", C }, { "c", C },  { " konfidentialitet ", C }, { "KONFIDENTIALITET", C },
        { "R", I }, { "i", I },  { "integrity", I },           { "a", A },
        { "TILLGÄNGLIGHET", A }, { "s", T },                  { "spårbarhet", T },
        { "SPÅRBARHET", T },     { "traceability", T },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        isms_aspect out = (isms_aspect)-1;
        if (isms_aspect_parse(&out, cases[i].text) != ISMS_OK)
            fail_msg("%s: %s", cases[i].text, isms_error_last()->message);
        assert_int_equal(out, cases[i].want);
    }
    isms_aspect out = C;
    assert_int_equal(isms_aspect_parse(&out, "T"), ISMS_EPARSE);
    assert_error(ISMS_EPARSE, "ambiguous");
    assert_int_equal(isms_aspect_parse(&out, "t"), ISMS_EPARSE);
    assert_int_equal(isms_aspect_parse(&out, "Kvalitet"), ISMS_EPARSE);
    assert_error(ISMS_EPARSE, "Kvalitet");
    assert_int_equal(out, C);
    assert_int_equal(isms_aspect_parse(NULL, "K"), ISMS_EINVAL);
    assert_int_equal(isms_aspect_parse(&out, NULL), ISMS_EINVAL);
}

/* ---- schemes ----------------------------------------------------------------------------- */

static void check_level(const isms_scheme *s, isms_aspect a, size_t i, int value,
                        const char *label_sv, const char *label_en)
{
    isms_class_level l;
    assert_int_equal(isms_scheme_level(&l, s, a, i), ISMS_OK);
    assert_int_equal(l.value, value);
    assert_string_equal(l.label_sv, label_sv);
    assert_string_equal(l.label_en, label_en);
    assert_non_null(l.description);
}

static void test_presets(void **state)
{
    (void)state;
    isms_scheme *k = preset("klassa");
    assert_string_equal(isms_scheme_name(k), "klassa");
    static const char *const sv[] = { "Ingen eller försumbar", "Måttlig", "Betydande",
                                      "Allvarlig", "Synnerligen allvarlig" };
    static const char *const en[] = { "None or negligible", "Moderate", "Significant",
                                      "Serious", "Very serious" };
    for (int a = 0; a < ISMS_ASPECTS; a++) {
        assert_true(isms_scheme_has_aspect(k, (isms_aspect)a));
        assert_int_equal(isms_scheme_level_count(k, (isms_aspect)a), 5);
        for (size_t i = 0; i < 5; i++)
            check_level(k, (isms_aspect)a, i, (int)i, sv[i], en[i]);
        assert_true(isms_scheme_valid(k, (isms_aspect)a, 0));
        assert_true(isms_scheme_valid(k, (isms_aspect)a, 4));
        assert_false(isms_scheme_valid(k, (isms_aspect)a, 5));
        assert_false(isms_scheme_valid(k, (isms_aspect)a, -1));
    }
    isms_class_level l;
    assert_int_equal(isms_scheme_level(&l, k, C, 5), ISMS_ERANGE);
    assert_int_equal(isms_scheme_level(&l, k, (isms_aspect)4, 0), ISMS_EINVAL);
    assert_int_equal(isms_scheme_level(NULL, k, C, 0), ISMS_EINVAL);
    assert_int_equal(isms_scheme_level_count(k, (isms_aspect)9), 0);

    /* Reference counting: the scheme outlives the first free. */
    assert_ptr_equal(isms_scheme_ref(k), k);
    isms_scheme_free(k);
    assert_string_equal(isms_scheme_name(k), "klassa");
    isms_scheme_free(k);
    assert_null(isms_scheme_ref(NULL));
    isms_scheme_free(NULL);
    assert_string_equal(isms_scheme_name(NULL), "");

    isms_scheme *cia = preset("KLASSA-CIA");
    assert_string_equal(isms_scheme_name(cia), "klassa-cia");
    assert_true(isms_scheme_has_aspect(cia, A));
    assert_false(isms_scheme_has_aspect(cia, T));
    assert_int_equal(isms_scheme_level_count(cia, T), 0);
    assert_false(isms_scheme_valid(cia, T, 0));
    isms_scheme_free(cia);

    isms_scheme *f = preset("FIPS199");
    assert_false(isms_scheme_has_aspect(f, T));
    assert_int_equal(isms_scheme_level_count(f, I), 3);
    check_level(f, C, 0, 1, "Låg", "Low");
    check_level(f, C, 1, 2, "Måttlig", "Moderate");
    check_level(f, A, 2, 3, "Hög", "High");
    assert_false(isms_scheme_valid(f, C, 0));
    isms_scheme_free(f);

    isms_scheme *s = NULL;
    assert_int_equal(isms_scheme_preset(&s, "iso"), ISMS_ENOTFOUND);
    assert_error(ISMS_ENOTFOUND, "klassa, klassa-cia or fips199");
    assert_null(s);
    assert_int_equal(isms_scheme_preset(NULL, "klassa"), ISMS_EINVAL);
    assert_int_equal(isms_scheme_preset(&s, NULL), ISMS_EINVAL);
}

/* The presets are made without a builder; each must be a scheme the builder accepts (valid
 * labels, none used twice, at least two levels) and builds into the same levels. */
static void test_presets_pass_the_builder(void **state)
{
    (void)state;
    static const char *const names[] = { "klassa", "klassa-cia", "fips199" };
    for (size_t k = 0; k < sizeof names / sizeof *names; k++) {
        isms_scheme *p = preset(names[k]);
        isms_scheme_builder *b = NULL;
        assert_int_equal(isms_scheme_builder_new(&b, isms_scheme_name(p)), ISMS_OK);
        for (int a = 0; a < ISMS_ASPECTS; a++)
            for (size_t i = 0; i < isms_scheme_level_count(p, (isms_aspect)a); i++) {
                isms_class_level l;
                assert_int_equal(isms_scheme_level(&l, p, (isms_aspect)a, i), ISMS_OK);
                assert_true(l.description[0] != '\0');
                if (isms_scheme_builder_add_level(b, (isms_aspect)a, l.value, l.label_sv,
                                                  l.label_en, l.description) != ISMS_OK)
                    fail_msg("%s, aspect %d, level %zu: %s", names[k], a, i,
                             isms_error_last()->message);
            }
        isms_scheme *built = NULL;
        if (isms_scheme_builder_build(&built, b) != ISMS_OK)
            fail_msg("%s: %s", names[k], isms_error_last()->message);
        isms_scheme_builder_free(b);
        assert_string_equal(isms_scheme_name(built), names[k]);
        for (int a = 0; a < ISMS_ASPECTS; a++) {
            size_t n = isms_scheme_level_count(p, (isms_aspect)a);
            assert_int_equal(isms_scheme_level_count(built, (isms_aspect)a), n);
            for (size_t i = 0; i < n; i++) {
                isms_class_level x, y;
                assert_int_equal(isms_scheme_level(&x, p, (isms_aspect)a, i), ISMS_OK);
                assert_int_equal(isms_scheme_level(&y, built, (isms_aspect)a, i), ISMS_OK);
                assert_int_equal(x.value, y.value);
                assert_string_equal(x.label_sv, y.label_sv);
                assert_string_equal(x.label_en, y.label_en);
                assert_string_equal(x.description, y.description);
            }
        }
        isms_scheme_free(built);
        isms_scheme_free(p);
    }
}

static void test_parse_level(void **state)
{
    (void)state;
    isms_scheme *k = preset("klassa");
    isms_scheme *f = preset("fips199");
    int v = -5;
    assert_int_equal(isms_scheme_parse_level(&v, k, C, "3"), ISMS_OK);
    assert_int_equal(v, 3);
    assert_int_equal(isms_scheme_parse_level(&v, k, I, " allvarlig "), ISMS_OK);
    assert_int_equal(v, 3);
    assert_int_equal(isms_scheme_parse_level(&v, k, A, "SYNNERLIGEN ALLVARLIG"), ISMS_OK);
    assert_int_equal(v, 4);
    assert_int_equal(isms_scheme_parse_level(&v, k, T, "serious"), ISMS_OK);
    assert_int_equal(v, 3);
    assert_int_equal(isms_scheme_parse_level(&v, k, C, "ingen eller försumbar"), ISMS_OK);
    assert_int_equal(v, 0);
    assert_int_equal(isms_scheme_parse_level(&v, f, C, "high"), ISMS_OK);
    assert_int_equal(v, 3);
    assert_int_equal(isms_scheme_parse_level(&v, f, C, "Måttlig"), ISMS_OK);
    assert_int_equal(v, 2);
    v = -5;
    assert_int_equal(isms_scheme_parse_level(&v, k, C, "5"), ISMS_EPARSE);
    assert_error(ISMS_EPARSE, "0–4");
    assert_int_equal(isms_scheme_parse_level(&v, f, C, "0"), ISMS_EPARSE);
    assert_error(ISMS_EPARSE, "1–3");
    assert_int_equal(isms_scheme_parse_level(&v, k, C, "hemlig"), ISMS_EPARSE);
    assert_error(ISMS_EPARSE, "\"hemlig\"");
    assert_error(ISMS_EPARSE, "Betydande");
    assert_int_equal(isms_scheme_parse_level(&v, f, T, "1"), ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "traceability");
    assert_int_equal(v, -5);
    assert_int_equal(isms_scheme_parse_level(NULL, k, C, "1"), ISMS_EINVAL);
    assert_int_equal(isms_scheme_parse_level(&v, NULL, C, "1"), ISMS_EINVAL);
    assert_int_equal(isms_scheme_parse_level(&v, k, C, NULL), ISMS_EINVAL);
    /* Every label of every preset reads back as its level. */
    isms_scheme *all[] = { k, f };
    for (size_t s = 0; s < 2; s++)
        for (int a = 0; a < ISMS_ASPECTS; a++)
            for (size_t i = 0; i < isms_scheme_level_count(all[s], (isms_aspect)a); i++) {
                isms_class_level l;
                assert_int_equal(isms_scheme_level(&l, all[s], (isms_aspect)a, i), ISMS_OK);
                assert_int_equal(isms_scheme_parse_level(&v, all[s], (isms_aspect)a, l.label_sv),
                                 ISMS_OK);
                assert_int_equal(v, l.value);
                assert_int_equal(isms_scheme_parse_level(&v, all[s], (isms_aspect)a, l.label_en),
                                 ISMS_OK);
                assert_int_equal(v, l.value);
            }
    isms_scheme_free(k);
    isms_scheme_free(f);
}

static void test_builder(void **state)
{
    (void)state;
    isms_scheme_builder *b = NULL;
    assert_int_equal(isms_scheme_builder_new(&b, "  "), ISMS_EINVAL);
    assert_int_equal(isms_scheme_builder_new(&b, NULL), ISMS_EINVAL);
    assert_int_equal(isms_scheme_builder_new(NULL, "x"), ISMS_EINVAL);
    assert_int_equal(isms_scheme_builder_new(&b, "treskalig"), ISMS_OK);

    assert_int_equal(isms_scheme_builder_add_level(b, (isms_aspect)4, 1, "Ett", "One", NULL),
                     ISMS_EINVAL);
    assert_int_equal(isms_scheme_builder_add_level(b, C, 10, "Tio", "Ten", NULL), ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "10");
    assert_int_equal(isms_scheme_builder_add_level(b, C, -1, "X", "X", NULL), ISMS_EINVAL);
    assert_int_equal(isms_scheme_builder_add_level(b, C, 1, "", "One", NULL), ISMS_EINVAL);
    assert_int_equal(isms_scheme_builder_add_level(b, C, 1, "Ett", NULL, NULL), ISMS_EINVAL);
    assert_int_equal(isms_scheme_builder_add_level(NULL, C, 1, "Ett", "One", NULL),
                     ISMS_EINVAL);

    /* Levels in any order; kept sorted. */
    for (int a = 0; a < 3; a++) {
        assert_int_equal(isms_scheme_builder_add_level(b, (isms_aspect)a, 5, "Hög", "High",
                                                       "mycket"),
                         ISMS_OK);
        assert_int_equal(isms_scheme_builder_add_level(b, (isms_aspect)a, 1, "Låg", "Low", NULL),
                         ISMS_OK);
    }
    assert_int_equal(isms_scheme_builder_add_level(b, C, 5, "Fem", "Five", NULL), ISMS_EEXIST);
    assert_error(ISMS_EEXIST, "5");
    assert_int_equal(isms_scheme_builder_add_level(b, C, 3, "låg", "Medium", NULL), ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "already used by level 1");
    assert_int_equal(isms_scheme_builder_add_level(b, C, 3, "Medel", "Medium", NULL), ISMS_OK);

    /* Traceability with one level is too short; with none it is left out. */
    assert_int_equal(isms_scheme_builder_add_level(b, T, 0, "Ingen", "None", NULL), ISMS_OK);
    isms_scheme *s = NULL;
    assert_int_equal(isms_scheme_builder_build(&s, b), ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "traceability");
    assert_null(s);
    isms_scheme_builder_free(b);

    assert_int_equal(isms_scheme_builder_new(&b, "kort"), ISMS_OK);
    assert_int_equal(isms_scheme_builder_add_level(b, C, 0, "Låg", "Low", NULL), ISMS_OK);
    assert_int_equal(isms_scheme_builder_add_level(b, C, 1, "Hög", "High", NULL), ISMS_OK);
    assert_int_equal(isms_scheme_builder_build(&s, b), ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "integrity");
    assert_int_equal(isms_scheme_builder_build(NULL, b), ISMS_EINVAL);
    isms_scheme_builder_free(b);
    isms_scheme_builder_free(NULL);

    assert_int_equal(isms_scheme_builder_new(&b, "egen"), ISMS_OK);
    for (int a = 0; a < 3; a++) {
        assert_int_equal(isms_scheme_builder_add_level(b, (isms_aspect)a, 8, "Hög", "High", ""),
                         ISMS_OK);
        assert_int_equal(isms_scheme_builder_add_level(b, (isms_aspect)a, 2, "Låg", "Low", ""),
                         ISMS_OK);
    }
    assert_int_equal(isms_scheme_builder_add_level(b, C, 5, "Medel", "Medium", "mitten"),
                     ISMS_OK);
    isms_scheme *s1 = NULL, *s2 = NULL;
    assert_int_equal(isms_scheme_builder_build(&s1, b), ISMS_OK);
    assert_int_equal(isms_scheme_builder_build(&s2, b), ISMS_OK); /* may build again */
    isms_scheme_builder_free(b);
    assert_string_equal(isms_scheme_name(s1), "egen");
    assert_false(isms_scheme_has_aspect(s1, T));
    assert_int_equal(isms_scheme_level_count(s1, C), 3);
    check_level(s1, C, 0, 2, "Låg", "Low");
    check_level(s1, C, 1, 5, "Medel", "Medium");
    check_level(s1, C, 2, 8, "Hög", "High");
    isms_class_level l;
    assert_int_equal(isms_scheme_level(&l, s1, C, 1), ISMS_OK);
    assert_string_equal(l.description, "mitten");
    int v;
    assert_int_equal(isms_scheme_parse_level(&v, s1, C, "4"), ISMS_EPARSE);
    assert_error(ISMS_EPARSE, "2, 5, 8");
    assert_int_equal(isms_scheme_parse_level(&v, s1, C, "medium"), ISMS_OK);
    assert_int_equal(v, 5);

    /* A label that is another level's number: the number wins (export writes numbers), and
     * the label still reads where it is no level's number. */
    isms_scheme_builder *b2 = NULL;
    assert_int_equal(isms_scheme_builder_new(&b2, "siffror"), ISMS_OK);
    for (int a = 0; a < 3; a++) {
        assert_int_equal(isms_scheme_builder_add_level(b2, (isms_aspect)a, 1, "3", "3", ""),
                         ISMS_OK);
        assert_int_equal(isms_scheme_builder_add_level(b2, (isms_aspect)a, 3, "7", "7", ""),
                         ISMS_OK);
    }
    isms_scheme *s3 = NULL;
    assert_int_equal(isms_scheme_builder_build(&s3, b2), ISMS_OK);
    isms_scheme_builder_free(b2);
    assert_int_equal(isms_scheme_parse_level(&v, s3, C, "3"), ISMS_OK);
    assert_int_equal(v, 3);
    assert_int_equal(isms_scheme_parse_level(&v, s3, C, "7"), ISMS_OK);
    assert_int_equal(v, 3);
    assert_int_equal(isms_scheme_parse_level(&v, s3, C, "1"), ISMS_OK);
    assert_int_equal(v, 1);
    isms_scheme_free(s3);

    /* Floors on a scale of gaps: ⌈k·8/4⌉ = 2k, then up to a level: 2 → 2, 4 → 5, 6 → 8. */
    isms_floors fl;
    assert_int_equal(isms_floors_default(&fl, s1), ISMS_OK);
    assert_int_equal(fl.min[0][C], 2);
    assert_int_equal(fl.min[3][C], 5);
    assert_int_equal(fl.min[1][C], 8);
    assert_int_equal(fl.min[1][I], 8); /* ⌈2·8/4⌉ = 4 → I's scale is 2, 8 → 8 */
    isms_scheme_free(s1);
    isms_scheme_free(s2);
}

/* ---- labels and parsers ------------------------------------------------------------------ */

static void test_types_and_kinds(void **state)
{
    (void)state;
    static const char *const sv[] = { "Information", "System", "Tjänst", "Process", "Plats",
                                      "Leverantör", "Hårdvara", "Nätverk", "Person/roll",
                                      "Övrigt" };
    static const char *const en[] = { "Information", "System", "Service", "Process",
                                      "Location", "Supplier", "Hardware", "Network",
                                      "Person/role", "Other" };
    for (int t = 0; t < ISMS_ASSET_TYPES; t++) {
        assert_string_equal(isms_asset_type_label((isms_asset_type)t, ISMS_LANG_SV), sv[t]);
        assert_string_equal(isms_asset_type_label((isms_asset_type)t, ISMS_LANG_EN), en[t]);
        isms_asset_type out;
        assert_int_equal(isms_asset_type_parse(&out, sv[t]), ISMS_OK);
        assert_int_equal(out, t);
        assert_int_equal(isms_asset_type_parse(&out, en[t]), ISMS_OK);
        assert_int_equal(out, t);
    }
    assert_string_equal(isms_asset_type_label((isms_asset_type)10, ISMS_LANG_EN), "");
    static const struct {
        const char *text;
        isms_asset_type want;
    } cases[] = {
        { "system", ISMS_ASSET_SYSTEM },          { "IT-system", ISMS_ASSET_SYSTEM },
        { "TJÄNST", ISMS_ASSET_SERVICE },         { "leverantör", ISMS_ASSET_SUPPLIER },
        { "supplier", ISMS_ASSET_SUPPLIER },      { "lokal", ISMS_ASSET_LOCATION },
        { "informationsmängd", ISMS_ASSET_INFORMATION }, { "roll", ISMS_ASSET_PERSON },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        isms_asset_type out;
        assert_int_equal(isms_asset_type_parse(&out, cases[i].text), ISMS_OK);
        assert_int_equal(out, cases[i].want);
    }
    isms_asset_type out = ISMS_ASSET_OTHER;
    assert_int_equal(isms_asset_type_parse(&out, "bil"), ISMS_EPARSE);
    assert_error(ISMS_EPARSE, "Leverantör");
    assert_int_equal(isms_asset_type_parse(NULL, "system"), ISMS_EINVAL);

    static const char *const names[] = { "processes", "supports", "depends_on", "stored_at",
                                         "operates" };
    static const char *const swedish[] = { "behandlar", "stödjer", "är beroende av",
                                           "lagras i", "driftar" };
    static const bool src_supports[] = { true, true, false, false, true };
    for (int k = 0; k < 5; k++) {
        assert_string_equal(isms_relkind_name((isms_relkind)k), names[k]);
        isms_relkind r;
        assert_int_equal(isms_relkind_parse(&r, names[k]), ISMS_OK);
        assert_int_equal(r, k);
        assert_int_equal(isms_relkind_parse(&r, swedish[k]), ISMS_OK);
        assert_int_equal(r, k);
        assert_string_equal(isms_relkind_label((isms_relkind)k, ISMS_LANG_SV), swedish[k]);
        for (int l = 0; l < 2; l++) { /* every label reads back */
            assert_int_equal(isms_relkind_parse(&r, isms_relkind_label((isms_relkind)k,
                                                                       (isms_lang)l)),
                             ISMS_OK);
            assert_int_equal(r, k);
        }
        assert_int_equal(isms_relkind_src_supports((isms_relkind)k), src_supports[k]);
    }
    isms_relkind r;
    assert_int_equal(isms_relkind_parse(&r, "Depends On"), ISMS_OK);
    assert_int_equal(r, ISMS_REL_DEPENDS_ON);
    assert_int_equal(isms_relkind_parse(&r, " ÄR  BEROENDE AV "), ISMS_OK);
    assert_int_equal(r, ISMS_REL_DEPENDS_ON);
    assert_int_equal(isms_relkind_parse(&r, "STÖDJER"), ISMS_OK);
    assert_int_equal(r, ISMS_REL_SUPPORTS);
    assert_int_equal(isms_relkind_parse(&r, "äger"), ISMS_EPARSE);
    assert_error(ISMS_EPARSE, "depends_on");
    assert_int_equal(isms_relkind_parse(&r, NULL), ISMS_EINVAL);
    assert_string_equal(isms_relkind_name((isms_relkind)5), "");
    assert_false(isms_relkind_src_supports((isms_relkind)9));
}

static void test_pdata(void **state)
{
    (void)state;
    static const unsigned flags[] = { ISMS_PDATA_ORDINARY, ISMS_PDATA_SPECIAL,
                                      ISMS_PDATA_CRIMINAL, ISMS_PDATA_PIN };
    assert_string_equal(isms_pdata_label(ISMS_PDATA_SPECIAL, ISMS_LANG_SV),
                        "Känsliga personuppgifter (art. 9)");
    assert_string_equal(isms_pdata_label(ISMS_PDATA_SPECIAL, ISMS_LANG_EN),
                        "Special categories (art. 9)");
    assert_string_equal(isms_pdata_label(ISMS_PDATA_PIN, ISMS_LANG_SV), "Personnummer");
    assert_string_equal(isms_pdata_label((isms_pdata)3, ISMS_LANG_SV), "");
    assert_string_equal(isms_pdata_label((isms_pdata)0, ISMS_LANG_SV), "");
    for (size_t i = 0; i < 4; i++)
        for (int l = 0; l < 2; l++) {
            unsigned out = 99;
            const char *label = isms_pdata_label((isms_pdata)flags[i], (isms_lang)l);
            assert_int_equal(isms_pdata_parse(&out, label), ISMS_OK);
            assert_int_equal(out, flags[i]);
        }
    static const struct {
        const char *text;
        unsigned want;
    } cases[] = {
        { "personuppgifter, känsliga", ISMS_PDATA_ORDINARY | ISMS_PDATA_SPECIAL },
        { "art. 9; personnummer", ISMS_PDATA_SPECIAL | ISMS_PDATA_PIN },
        { "Personuppgifter och personnummer", ISMS_PDATA_ORDINARY | ISMS_PDATA_PIN },
        { "personal data and criminal offences", ISMS_PDATA_ORDINARY | ISMS_PDATA_CRIMINAL },
        { "känsliga/lagöverträdelser\npersonnummer",
          ISMS_PDATA_SPECIAL | ISMS_PDATA_CRIMINAL | ISMS_PDATA_PIN },
        { "none", 0 },
        { "Nej", 0 },
        { "inga", 0 },
        { "", 0 },
        { " ; ", 0 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        unsigned out = 99;
        if (isms_pdata_parse(&out, cases[i].text) != ISMS_OK)
            fail_msg("%s: %s", cases[i].text, isms_error_last()->message);
        assert_int_equal(out, cases[i].want);
    }
    unsigned out = 77;
    assert_int_equal(isms_pdata_parse(&out, "personuppgifter, skostorlek"), ISMS_EPARSE);
    assert_error(ISMS_EPARSE, "\"skostorlek\"");
    assert_int_equal(out, 77);
    assert_int_equal(isms_pdata_parse(NULL, "x"), ISMS_EINVAL);

    assert_string_equal(isms_special_label(ISMS_SPECIAL_HEALTH, ISMS_LANG_SV), "Hälsa");
    assert_string_equal(isms_special_label(ISMS_SPECIAL_HEALTH, ISMS_LANG_EN), "Health");
    assert_string_equal(isms_special_label((isms_special)3, ISMS_LANG_EN), "");
    for (unsigned f = 1; f <= 128; f <<= 1)
        for (int l = 0; l < 2; l++) {
            const char *label = isms_special_label((isms_special)f, (isms_lang)l);
            assert_true(*label);
            assert_int_equal(isms_special_parse(&out, label), ISMS_OK);
            assert_int_equal(out, f);
        }
    assert_int_equal(isms_special_parse(&out, "hälsa, etniskt ursprung"), ISMS_OK);
    assert_int_equal(out, ISMS_SPECIAL_HEALTH | ISMS_SPECIAL_ETHNIC);
    assert_int_equal(isms_special_parse(&out, "health; biometric"), ISMS_OK);
    assert_int_equal(out, ISMS_SPECIAL_HEALTH | ISMS_SPECIAL_BIOMETRIC);
    assert_int_equal(isms_special_parse(&out, "HÄLSA och SEXUALLIV"), ISMS_OK);
    assert_int_equal(out, ISMS_SPECIAL_HEALTH | ISMS_SPECIAL_SEX_LIFE);
    assert_int_equal(isms_special_parse(&out, "inga"), ISMS_OK);
    assert_int_equal(out, 0);
    assert_int_equal(isms_special_parse(&out, "hälsa, väder"), ISMS_EPARSE);
    assert_error(ISMS_EPARSE, "\"väder\"");
    assert_int_equal(isms_special_parse(&out, NULL), ISMS_EINVAL);
}

static void test_floors_default(void **state)
{
    (void)state;
    isms_floors f;
    isms_scheme *k = preset("klassa");
    assert_int_equal(isms_floors_default(&f, k), ISMS_OK);
    /* [ordinary, special, criminal, PIN][C, I, A, T] */
    static const int klassa[4][4] = {
        { 1, UNSET, UNSET, UNSET },
        { 3, 2, UNSET, UNSET },
        { 3, 2, UNSET, UNSET },
        { 2, UNSET, UNSET, UNSET },
    };
    assert_memory_equal(f.min, klassa, sizeof klassa);
    isms_scheme_free(k);

    isms_scheme *cia = preset("klassa-cia");
    assert_int_equal(isms_floors_default(&f, cia), ISMS_OK);
    assert_memory_equal(f.min, klassa, sizeof klassa);
    isms_scheme_free(cia);

    /* FIPS 199: ordinary low, identity numbers moderate, special and criminal high
     * (integrity moderate). */
    isms_scheme *fips = preset("fips199");
    assert_int_equal(isms_floors_default(&f, fips), ISMS_OK);
    static const int fips199[4][4] = {
        { 1, UNSET, UNSET, UNSET },
        { 3, 2, UNSET, UNSET },
        { 3, 2, UNSET, UNSET },
        { 2, UNSET, UNSET, UNSET },
    };
    assert_memory_equal(f.min, fips199, sizeof fips199);
    assert_int_equal(isms_floors_default(NULL, fips), ISMS_EINVAL);
    assert_int_equal(isms_floors_default(&f, NULL), ISMS_EINVAL);
    isms_scheme_free(fips);
}

/* ---- the inventory model ----------------------------------------------------------------- */

static void test_inventory_model(void **state)
{
    (void)state;
    isms_inventory *inv = NULL;
    assert_int_equal(isms_inventory_new(NULL, NULL), ISMS_EINVAL);
    assert_int_equal(isms_inventory_new(&inv, NULL), ISMS_OK);
    assert_string_equal(isms_scheme_name(isms_inventory_scheme(inv)), "klassa");
    isms_floors fl, def;
    assert_int_equal(isms_inventory_floors(&fl, inv), ISMS_OK);
    assert_int_equal(isms_floors_default(&def, isms_inventory_scheme(inv)), ISMS_OK);
    assert_memory_equal(&fl, &def, sizeof fl);
    assert_int_equal(isms_inventory_count(inv), 0);
    assert_int_equal(isms_inventory_count(NULL), 0);
    assert_int_equal(isms_inventory_relation_count(NULL), 0);

    isms_asset *a = NULL;
    assert_int_equal(isms_inventory_add(&a, inv, "X", NULL, (isms_asset_type)10), ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "type");
    assert_int_equal(isms_inventory_add(&a, inv, "  ", NULL, ISMS_ASSET_SYSTEM), ISMS_EINVAL);
    assert_int_equal(isms_inventory_add(&a, inv, NULL, NULL, ISMS_ASSET_SYSTEM), ISMS_EINVAL);
    assert_int_equal(isms_inventory_add(&a, NULL, "X", NULL, ISMS_ASSET_SYSTEM), ISMS_EINVAL);
    assert_null(a);
    assert_int_equal(isms_inventory_add(&a, inv, " Journal ", "Journaler", ISMS_ASSET_INFORMATION),
                     ISMS_OK);
    assert_string_equal(isms_asset_id(a), "Journal");
    assert_string_equal(isms_asset_get(a, ISMS_ASSET_NAME), "Journaler");
    assert_int_equal(isms_inventory_add(NULL, inv, "Treserva", NULL, ISMS_ASSET_SYSTEM), ISMS_OK);
    assert_int_equal(isms_inventory_add(NULL, inv, "Journal", NULL, ISMS_ASSET_SYSTEM),
                     ISMS_EEXIST);
    assert_error(ISMS_EEXIST, "Journal");
    assert_int_equal(isms_inventory_add(NULL, inv, "\tTreserva", NULL, ISMS_ASSET_SYSTEM),
                     ISMS_EEXIST);
    add(inv, "Datahall", ISMS_ASSET_LOCATION);
    add(inv, "Leverantör", ISMS_ASSET_SUPPLIER);
    assert_int_equal(isms_inventory_count(inv), 4);
    assert_ptr_equal(isms_inventory_find(inv, "  Journal\t"), a);
    assert_ptr_equal(isms_inventory_at(inv, 0), a);
    assert_null(isms_inventory_at(inv, 4));
    assert_null(isms_inventory_find(inv, "journal")); /* ids are exact */
    assert_null(isms_inventory_find(inv, NULL));
    assert_null(isms_inventory_find(NULL, "Journal"));

    /* Links and their errors. */
    assert_int_equal(isms_inventory_link(inv, "Treserva", "Journal", ISMS_REL_PROCESSES), ISMS_OK);
    assert_int_equal(isms_inventory_link(inv, "Treserva", "Journal", ISMS_REL_PROCESSES),
                     ISMS_EEXIST);
    assert_error(ISMS_EEXIST, "Treserva processes Journal");
    assert_int_equal(isms_inventory_link(inv, " Treserva", "Journal ", ISMS_REL_SUPPORTS), ISMS_OK);
    assert_int_equal(isms_inventory_link(inv, "Journal", "Journal", ISMS_REL_SUPPORTS),
                     ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "itself");
    assert_int_equal(isms_inventory_link(inv, "Journal", "Okänd", ISMS_REL_STORED_AT),
                     ISMS_ENOTFOUND);
    assert_error(ISMS_ENOTFOUND, "Okänd");
    assert_int_equal(isms_inventory_link(inv, "Saknas", "Journal", ISMS_REL_STORED_AT),
                     ISMS_ENOTFOUND);
    assert_error(ISMS_ENOTFOUND, "Saknas");
    assert_int_equal(isms_inventory_link(inv, "Journal", "Datahall", (isms_relkind)5),
                     ISMS_EINVAL);
    assert_int_equal(isms_inventory_link(inv, NULL, "Datahall", ISMS_REL_STORED_AT), ISMS_EINVAL);
    assert_int_equal(isms_inventory_link(inv, "Journal", "Datahall", ISMS_REL_STORED_AT), ISMS_OK);
    assert_int_equal(isms_inventory_link(inv, "Leverantör", "Treserva", ISMS_REL_OPERATES),
                     ISMS_OK);
    assert_int_equal(isms_inventory_relation_count(inv), 4);
    isms_relation_info r;
    assert_int_equal(isms_inventory_relation(&r, inv, 2), ISMS_OK);
    assert_string_equal(isms_asset_id(r.src), "Journal");
    assert_string_equal(isms_asset_id(r.dst), "Datahall");
    assert_int_equal(r.kind, ISMS_REL_STORED_AT);
    assert_int_equal(isms_inventory_relation(&r, inv, 4), ISMS_ERANGE);
    assert_int_equal(isms_inventory_relation(NULL, inv, 0), ISMS_EINVAL);

    /* Unlink keeps the order of the rest. */
    assert_int_equal(isms_inventory_unlink(inv, "Treserva", "Journal", ISMS_REL_SUPPORTS), ISMS_OK);
    assert_int_equal(isms_inventory_unlink(inv, "Treserva", "Journal", ISMS_REL_SUPPORTS),
                     ISMS_ENOTFOUND);
    assert_int_equal(isms_inventory_unlink(inv, "Treserva", "Nej", ISMS_REL_SUPPORTS),
                     ISMS_ENOTFOUND);
    assert_int_equal(isms_inventory_unlink(inv, "Treserva", "Journal", (isms_relkind)-1),
                     ISMS_EINVAL);
    assert_int_equal(isms_inventory_relation_count(inv), 3);
    assert_int_equal(isms_inventory_relation(&r, inv, 1), ISMS_OK);
    assert_string_equal(isms_asset_id(r.src), "Journal");
    /* The set still finds the moved relations. */
    assert_int_equal(isms_inventory_link(inv, "Journal", "Datahall", ISMS_REL_STORED_AT),
                     ISMS_EEXIST);

    /* Removing an asset drops its relations and renumbers the others. */
    assert_int_equal(isms_inventory_remove(inv, "Treserva"), ISMS_OK);
    assert_int_equal(isms_inventory_remove(inv, "Treserva"), ISMS_ENOTFOUND);
    assert_int_equal(isms_inventory_remove(inv, NULL), ISMS_EINVAL);
    assert_int_equal(isms_inventory_count(inv), 3);
    assert_null(isms_inventory_find(inv, "Treserva"));
    assert_int_equal(isms_inventory_relation_count(inv), 1);
    assert_int_equal(isms_inventory_relation(&r, inv, 0), ISMS_OK);
    assert_string_equal(isms_asset_id(r.src), "Journal");
    assert_string_equal(isms_asset_id(r.dst), "Datahall");
    assert_string_equal(isms_asset_id(isms_inventory_at(inv, 2)), "Leverantör");
    assert_int_equal(isms_inventory_link(inv, "Journal", "Datahall", ISMS_REL_STORED_AT),
                     ISMS_EEXIST);
    assert_int_equal(isms_inventory_link(inv, "Leverantör", "Datahall", ISMS_REL_OPERATES),
                     ISMS_OK);
    assert_int_equal(isms_inventory_classify(inv), ISMS_OK);
    assert_int_equal(isms_inventory_unlink(inv, "Leverantör", "Datahall", ISMS_REL_OPERATES),
                     ISMS_OK);
    isms_inventory_free(inv);
    isms_inventory_free(NULL);
}

static void test_fields(void **state)
{
    (void)state;
    isms_inventory *inv = inventory("klassa-cia");
    isms_asset *a = add(inv, "Ekonomi", ISMS_ASSET_INFORMATION);
    for (int f = 0; f < ISMS_ASSET_FIELDS; f++)
        assert_string_equal(isms_asset_get(a, (isms_asset_field)f), "");
    for (int f = 0; f < ISMS_ASSET_FIELDS; f++) {
        char text[32];
        snprintf(text, sizeof text, "fält %d", f);
        assert_int_equal(isms_asset_set(a, (isms_asset_field)f, text), ISMS_OK);
    }
    for (int f = 0; f < ISMS_ASSET_FIELDS; f++) {
        char text[32];
        snprintf(text, sizeof text, "fält %d", f);
        assert_string_equal(isms_asset_get(a, (isms_asset_field)f), text);
    }
    assert_int_equal(isms_asset_set(a, ISMS_ASSET_OWNER, NULL), ISMS_OK);
    assert_string_equal(isms_asset_get(a, ISMS_ASSET_OWNER), "");
    assert_int_equal(isms_asset_set(a, (isms_asset_field)13, "x"), ISMS_EINVAL);
    assert_int_equal(isms_asset_set(NULL, ISMS_ASSET_NAME, "x"), ISMS_EINVAL);
    assert_string_equal(isms_asset_get(a, (isms_asset_field)13), "");
    assert_string_equal(isms_asset_get(NULL, ISMS_ASSET_NAME), "");
    assert_string_equal(isms_asset_id(NULL), "");

    assert_int_equal(isms_asset_get_type(a), ISMS_ASSET_INFORMATION);
    assert_int_equal(isms_asset_set_type(a, ISMS_ASSET_SYSTEM), ISMS_OK);
    assert_int_equal(isms_asset_get_type(a), ISMS_ASSET_SYSTEM);
    assert_int_equal(isms_asset_set_type(a, (isms_asset_type)12), ISMS_EINVAL);
    assert_int_equal(isms_asset_set_type(a, ISMS_ASSET_INFORMATION), ISMS_OK);

    for (int k = 0; k < ISMS_ASPECTS; k++) {
        assert_int_equal(isms_asset_level(a, (isms_aspect)k), UNSET);
        assert_int_equal(isms_asset_override(a, (isms_aspect)k), UNSET);
    }
    assert_int_equal(isms_asset_set_level(a, C, 4), ISMS_OK);
    assert_int_equal(isms_asset_level(a, C), 4);
    assert_int_equal(isms_asset_set_level(a, C, 5), ISMS_ERANGE);
    assert_error(ISMS_ERANGE, "0–4");
    assert_int_equal(isms_asset_set_level(a, T, 1), ISMS_EINVAL); /* klassa-cia has no T */
    assert_error(ISMS_EINVAL, "traceability");
    assert_int_equal(isms_asset_set_level(a, (isms_aspect)4, 1), ISMS_EINVAL);
    assert_int_equal(isms_asset_set_level(a, C, UNSET), ISMS_OK);
    assert_int_equal(isms_asset_level(a, C), UNSET);
    assert_int_equal(isms_asset_set_override(a, I, 2), ISMS_OK);
    assert_int_equal(isms_asset_override(a, I), 2);
    assert_int_equal(isms_asset_set_override(a, I, 9), ISMS_ERANGE);
    assert_int_equal(isms_asset_set_override(a, I, UNSET), ISMS_OK);
    assert_int_equal(isms_asset_override(a, I), UNSET);
    assert_int_equal(isms_asset_level(NULL, C), UNSET);

    /* Special categories imply the special flag. */
    assert_int_equal(isms_asset_set_pdata(a, ISMS_PDATA_ORDINARY, ISMS_SPECIAL_HEALTH), ISMS_OK);
    assert_int_equal(isms_asset_pdata(a), ISMS_PDATA_ORDINARY | ISMS_PDATA_SPECIAL);
    assert_int_equal(isms_asset_special(a), ISMS_SPECIAL_HEALTH);
    assert_int_equal(isms_asset_set_pdata(a, ISMS_PDATA_SPECIAL, 0), ISMS_OK);
    assert_int_equal(isms_asset_special(a), 0);
    assert_int_equal(isms_asset_set_pdata(a, 16, 0), ISMS_EINVAL);
    assert_int_equal(isms_asset_set_pdata(a, 0, 256), ISMS_EINVAL);
    assert_int_equal(isms_asset_pdata(a), ISMS_PDATA_SPECIAL);

    assert_false(isms_asset_nis(a));
    isms_asset_set_nis(a, true);
    assert_true(isms_asset_nis(a));

    isms_date none = { 0, 0, 0 };
    assert_int_equal(isms_asset_classified(a).year, 0);
    assert_int_equal(isms_asset_next_review(a).year, 0);
    assert_int_equal(isms_asset_set_classified(a, (isms_date){ 2023, 2, 29 }), ISMS_EINVAL);
    assert_int_equal(isms_asset_interval(a), 12);
    static const struct {
        isms_date from;
        int months;
        isms_date want;
    } reviews[] = {
        { { 2024, 1, 31 }, 1, { 2024, 2, 29 } },   { { 2023, 1, 31 }, 1, { 2023, 2, 28 } },
        { { 2024, 2, 29 }, 12, { 2025, 2, 28 } },  { { 2024, 3, 15 }, 12, { 2025, 3, 15 } },
        { { 2024, 8, 31 }, 6, { 2025, 2, 28 } },   { { 2024, 12, 31 }, 120, { 2034, 12, 31 } },
        { { 2024, 5, 31 }, 13, { 2025, 6, 30 } },
    };
    for (size_t i = 0; i < sizeof reviews / sizeof *reviews; i++) {
        assert_int_equal(isms_asset_set_classified(a, reviews[i].from), ISMS_OK);
        assert_int_equal(isms_asset_set_interval(a, reviews[i].months), ISMS_OK);
        isms_date d = isms_asset_next_review(a);
        assert_int_equal(d.year, reviews[i].want.year);
        assert_int_equal(d.month, reviews[i].want.month);
        assert_int_equal(d.day, reviews[i].want.day);
    }
    assert_int_equal(isms_asset_set_interval(a, 0), ISMS_EINVAL);
    assert_int_equal(isms_asset_set_interval(a, 121), ISMS_EINVAL);
    assert_int_equal(isms_asset_interval(a), 13);
    assert_int_equal(isms_asset_set_classified(a, none), ISMS_OK);
    assert_int_equal(isms_asset_next_review(a).year, 0);

    isms_floors fl;
    assert_int_equal(isms_inventory_floors(&fl, inv), ISMS_OK);
    fl.min[0][A] = 10;
    assert_int_equal(isms_inventory_set_floors(inv, &fl), ISMS_EINVAL);
    fl.min[0][A] = 2;
    assert_int_equal(isms_inventory_set_floors(inv, &fl), ISMS_OK);
    assert_int_equal(isms_inventory_set_floors(inv, NULL), ISMS_EINVAL);
    isms_inventory_free(inv);
}

/* ---- classification ---------------------------------------------------------------------- */

/* The social services of a municipality (levels C, I, A, T):
 *
 *   Journal      information  3 2 2 3  special categories + identity numbers (floors C 3, I 2)
 *   Ekonomi      information  2 3 1 –  ordinary personal data (floor C 1)
 *   Webb         information  0 1 1 –
 *   Treserva     system       – – 3 –  processes Journal and Ekonomi
 *   Webbplats    system       – – – –  processes Webb
 *   Etjanst      service      – – – –  depends on Treserva (Treserva supports it)
 *   Datahall     location              Journal is stored at it (it supports Journal)
 *   Tieto        supplier              operates Treserva (supports it)
 *   Handlaggning process      – – 4 –  depends on Etjanst (Etjanst supports it)
 *
 * The supporting side takes the levels of what it supports:
 * Etjanst: A 4 from Handlaggning. Treserva: C 3 from Journal, I 3 from Ekonomi, A 4 from
 * Handlaggning (above its own 3; through Etjanst), T 3 from Journal. Tieto: the same as
 * Treserva, naming the same sources however far away. Datahall: Journal's 3 2 2 3.
 * Webbplats: 0 1 1 from Webb, T unset. */
static isms_inventory *social_services(void)
{
    isms_inventory *inv = inventory("klassa");
    isms_asset *j = add(inv, "Journal", ISMS_ASSET_INFORMATION);
    levels(j, 3, 2, 2, 3);
    assert_int_equal(isms_asset_set_pdata(j, ISMS_PDATA_PIN, ISMS_SPECIAL_HEALTH), ISMS_OK);
    isms_asset *e = add(inv, "Ekonomi", ISMS_ASSET_INFORMATION);
    levels(e, 2, 3, 1, UNSET);
    assert_int_equal(isms_asset_set_pdata(e, ISMS_PDATA_ORDINARY, 0), ISMS_OK);
    levels(add(inv, "Webb", ISMS_ASSET_INFORMATION), 0, 1, 1, UNSET);
    levels(add(inv, "Treserva", ISMS_ASSET_SYSTEM), UNSET, UNSET, 3, UNSET);
    add(inv, "Webbplats", ISMS_ASSET_SYSTEM);
    add(inv, "Etjanst", ISMS_ASSET_SERVICE);
    add(inv, "Datahall", ISMS_ASSET_LOCATION);
    add(inv, "Tieto", ISMS_ASSET_SUPPLIER);
    levels(add(inv, "Handlaggning", ISMS_ASSET_PROCESS), UNSET, UNSET, 4, UNSET);
    link(inv, "Treserva", "Journal", ISMS_REL_PROCESSES);
    link(inv, "Treserva", "Ekonomi", ISMS_REL_PROCESSES);
    link(inv, "Webbplats", "Webb", ISMS_REL_PROCESSES);
    link(inv, "Etjanst", "Treserva", ISMS_REL_DEPENDS_ON);
    link(inv, "Journal", "Datahall", ISMS_REL_STORED_AT);
    link(inv, "Tieto", "Treserva", ISMS_REL_OPERATES);
    link(inv, "Handlaggning", "Etjanst", ISMS_REL_DEPENDS_ON);
    return inv;
}

static void test_high_water(void **state)
{
    (void)state;
    isms_inventory *inv = social_services();
    /* Before classify: unset, unclassified. */
    assert_eff(inv, "Journal", C, UNSET, ISMS_ORIGIN_UNCLASSIFIED, NULL);
    assert_int_equal(isms_asset_overall(isms_inventory_find(inv, "Journal")), UNSET);
    assert_int_equal(isms_inventory_classify(inv), ISMS_OK);

    assert_eff(inv, "Journal", C, 3, ISMS_ORIGIN_ASSESSED, NULL); /* meets its floor 3 */
    assert_eff(inv, "Journal", I, 2, ISMS_ORIGIN_ASSESSED, NULL);
    assert_eff(inv, "Ekonomi", C, 2, ISMS_ORIGIN_ASSESSED, NULL);
    assert_eff(inv, "Ekonomi", T, UNSET, ISMS_ORIGIN_UNCLASSIFIED, NULL);
    const char *uses[] = { "Treserva", "Tieto" };
    for (size_t i = 0; i < 2; i++) {
        assert_eff(inv, uses[i], C, 3, ISMS_ORIGIN_INHERITED, "Journal");
        assert_eff(inv, uses[i], I, 3, ISMS_ORIGIN_INHERITED, "Ekonomi");
        assert_eff(inv, uses[i], A, 4, ISMS_ORIGIN_INHERITED, "Handlaggning");
        assert_eff(inv, uses[i], T, 3, ISMS_ORIGIN_INHERITED, "Journal");
        assert_int_equal(isms_asset_overall(isms_inventory_find(inv, uses[i])), 4);
    }
    assert_eff(inv, "Handlaggning", A, 4, ISMS_ORIGIN_ASSESSED, NULL);
    assert_eff(inv, "Handlaggning", C, UNSET, ISMS_ORIGIN_UNCLASSIFIED, NULL);
    assert_eff(inv, "Etjanst", A, 4, ISMS_ORIGIN_INHERITED, "Handlaggning");
    assert_eff(inv, "Etjanst", C, UNSET, ISMS_ORIGIN_UNCLASSIFIED, NULL); /* not from below */
    assert_eff(inv, "Datahall", C, 3, ISMS_ORIGIN_INHERITED, "Journal");
    assert_eff(inv, "Datahall", I, 2, ISMS_ORIGIN_INHERITED, "Journal");
    assert_eff(inv, "Datahall", A, 2, ISMS_ORIGIN_INHERITED, "Journal");
    assert_eff(inv, "Datahall", T, 3, ISMS_ORIGIN_INHERITED, "Journal");
    assert_eff(inv, "Webbplats", C, 0, ISMS_ORIGIN_INHERITED, "Webb");
    assert_eff(inv, "Webbplats", A, 1, ISMS_ORIGIN_INHERITED, "Webb");
    assert_eff(inv, "Webbplats", T, UNSET, ISMS_ORIGIN_UNCLASSIFIED, NULL);
    isms_provenance p = eff(inv, "Treserva", C);
    assert_false(p.cycle);
    assert_int_equal(p.floor, 0);
    assert_int_equal(isms_asset_effective(NULL, isms_inventory_find(inv, "Journal"), C),
                     ISMS_EINVAL);
    assert_int_equal(isms_asset_effective(&p, NULL, C), ISMS_EINVAL);
    assert_int_equal(isms_asset_effective(&p, isms_inventory_find(inv, "Journal"),
                                          (isms_aspect)4),
                     ISMS_EINVAL);

    /* A change forgets the results; a text field does not. */
    isms_asset *j = isms_inventory_find(inv, "Journal");
    assert_int_equal(isms_asset_set(j, ISMS_ASSET_OWNER, "IFO"), ISMS_OK);
    assert_eff(inv, "Treserva", C, 3, ISMS_ORIGIN_INHERITED, "Journal");
    assert_int_equal(isms_asset_set_level(j, C, 4), ISMS_OK);
    assert_eff(inv, "Treserva", C, UNSET, ISMS_ORIGIN_UNCLASSIFIED, NULL);
    assert_int_equal(isms_inventory_classify(inv), ISMS_OK);
    assert_eff(inv, "Tieto", C, 4, ISMS_ORIGIN_INHERITED, "Journal");

    /* Overrides replace the level and are what supporters inherit. */
    isms_asset *t = isms_inventory_find(inv, "Treserva");
    assert_int_equal(isms_asset_set_override(t, C, 2), ISMS_OK);
    assert_int_equal(isms_asset_set_override(t, A, 1), ISMS_OK);
    assert_int_equal(isms_inventory_classify(inv), ISMS_OK);
    assert_eff(inv, "Treserva", C, 2, ISMS_ORIGIN_OVERRIDDEN, NULL);
    assert_eff(inv, "Treserva", A, 1, ISMS_ORIGIN_OVERRIDDEN, NULL);
    assert_eff(inv, "Treserva", I, 3, ISMS_ORIGIN_INHERITED, "Ekonomi");
    assert_eff(inv, "Tieto", C, 2, ISMS_ORIGIN_INHERITED, "Treserva");
    assert_eff(inv, "Tieto", A, 1, ISMS_ORIGIN_INHERITED, "Treserva");
    assert_eff(inv, "Tieto", I, 3, ISMS_ORIGIN_INHERITED, "Ekonomi");
    assert_eff(inv, "Etjanst", A, 4, ISMS_ORIGIN_INHERITED, "Handlaggning");
    assert_eff(inv, "Datahall", C, 4, ISMS_ORIGIN_INHERITED, "Journal");

    /* Removing the system cuts the inheritance. */
    assert_int_equal(isms_inventory_remove(inv, "Treserva"), ISMS_OK);
    assert_int_equal(isms_inventory_classify(inv), ISMS_OK);
    assert_eff(inv, "Tieto", C, UNSET, ISMS_ORIGIN_UNCLASSIFIED, NULL);
    assert_eff(inv, "Etjanst", A, 4, ISMS_ORIGIN_INHERITED, "Handlaggning");
    assert_eff(inv, "Datahall", C, 4, ISMS_ORIGIN_INHERITED, "Journal");
    assert_int_equal(isms_inventory_classify(NULL), ISMS_EINVAL);
    isms_inventory_free(inv);
}

static void test_floors(void **state)
{
    (void)state;
    isms_inventory *inv = inventory(NULL);
    isms_asset *a = add(inv, "Vanlig", ISMS_ASSET_INFORMATION);
    assert_int_equal(isms_asset_set_pdata(a, ISMS_PDATA_ORDINARY, 0), ISMS_OK);
    isms_asset *b = add(inv, "Pnr", ISMS_ASSET_INFORMATION);
    assert_int_equal(isms_asset_set_pdata(b, ISMS_PDATA_ORDINARY | ISMS_PDATA_PIN, 0), ISMS_OK);
    isms_asset *c = add(inv, "Halsa", ISMS_ASSET_INFORMATION);
    assert_int_equal(isms_asset_set_pdata(c, ISMS_PDATA_PIN | ISMS_PDATA_CRIMINAL,
                                          ISMS_SPECIAL_HEALTH),
                     ISMS_OK);
    isms_asset *d = add(inv, "Brott", ISMS_ASSET_INFORMATION);
    assert_int_equal(isms_asset_set_pdata(d, ISMS_PDATA_CRIMINAL, 0), ISMS_OK);
    levels(d, 4, 1, UNSET, UNSET);
    isms_asset *e = add(inv, "Lika", ISMS_ASSET_INFORMATION);
    assert_int_equal(isms_asset_set_pdata(e, ISMS_PDATA_PIN, 0), ISMS_OK);
    levels(e, 2, UNSET, UNSET, UNSET);
    add(inv, "Sys", ISMS_ASSET_SYSTEM);
    link(inv, "Sys", "Pnr", ISMS_REL_PROCESSES);
    assert_int_equal(isms_inventory_classify(inv), ISMS_OK);

    isms_provenance p = eff(inv, "Vanlig", C);
    assert_int_equal(p.level, 1);
    assert_int_equal(p.origin, ISMS_ORIGIN_FLOOR);
    assert_int_equal(p.floor, ISMS_PDATA_ORDINARY);
    assert_eff(inv, "Vanlig", I, UNSET, ISMS_ORIGIN_UNCLASSIFIED, NULL);
    p = eff(inv, "Pnr", C);
    assert_int_equal(p.level, 2);
    assert_int_equal(p.floor, ISMS_PDATA_PIN);
    /* Special (3) and criminal (3) tie above identity numbers (2): the first flag names it. */
    p = eff(inv, "Halsa", C);
    assert_int_equal(p.level, 3);
    assert_int_equal(p.origin, ISMS_ORIGIN_FLOOR);
    assert_int_equal(p.floor, ISMS_PDATA_SPECIAL);
    p = eff(inv, "Halsa", I);
    assert_int_equal(p.level, 2);
    assert_int_equal(p.floor, ISMS_PDATA_SPECIAL);
    /* Assessed above the floor; integrity raised to the floor. */
    assert_eff(inv, "Brott", C, 4, ISMS_ORIGIN_ASSESSED, NULL);
    p = eff(inv, "Brott", I);
    assert_int_equal(p.level, 2);
    assert_int_equal(p.origin, ISMS_ORIGIN_FLOOR);
    assert_int_equal(p.floor, ISMS_PDATA_CRIMINAL);
    /* Assessed equal to the floor: the assessment counts. */
    p = eff(inv, "Lika", C);
    assert_int_equal(p.origin, ISMS_ORIGIN_ASSESSED);
    assert_int_equal(p.floor, 0);
    /* A floor is inherited like any level. */
    assert_eff(inv, "Sys", C, 2, ISMS_ORIGIN_INHERITED, "Pnr");

    /* Custom floors: above the scale they are capped at its top. */
    isms_floors fl;
    assert_int_equal(isms_inventory_floors(&fl, inv), ISMS_OK);
    fl.min[0][A] = 9;
    fl.min[0][C] = UNSET;
    assert_int_equal(isms_inventory_set_floors(inv, &fl), ISMS_OK);
    assert_int_equal(isms_inventory_classify(inv), ISMS_OK);
    p = eff(inv, "Vanlig", A);
    assert_int_equal(p.level, 4);
    assert_int_equal(p.origin, ISMS_ORIGIN_FLOOR);
    assert_eff(inv, "Vanlig", C, UNSET, ISMS_ORIGIN_UNCLASSIFIED, NULL);
    isms_inventory_free(inv);

    /* On FIPS 199 the default floors give high for special categories. */
    inv = inventory("fips199");
    a = add(inv, "Halsa", ISMS_ASSET_INFORMATION);
    assert_int_equal(isms_asset_set_pdata(a, 0, ISMS_SPECIAL_HEALTH), ISMS_OK);
    b = add(inv, "Vanlig", ISMS_ASSET_INFORMATION);
    assert_int_equal(isms_asset_set_pdata(b, ISMS_PDATA_ORDINARY, 0), ISMS_OK);
    assert_int_equal(isms_inventory_classify(inv), ISMS_OK);
    assert_int_equal(eff(inv, "Halsa", C).level, 3);
    assert_int_equal(eff(inv, "Halsa", I).level, 2);
    assert_int_equal(eff(inv, "Vanlig", C).level, 1);
    assert_int_equal(eff(inv, "Vanlig", T).level, UNSET);
    isms_inventory_free(inv);
}

static void test_cycles(void **state)
{
    (void)state;
    /* S1 → S2 → S3 → S1 (each supports the next), S3 processes Info (C 4), S1 assessed
     * A 2, S2 assessed A 3. All three share C 4 (from Info) and A 3 (from S2). Outside the
     * cycle the location Out supports S1 and inherits; Info is not on it. */
    isms_inventory *inv = inventory("klassa");
    isms_asset *info = add(inv, "Info", ISMS_ASSET_INFORMATION);
    levels(info, 4, 1, 1, 1);
    levels(add(inv, "S1", ISMS_ASSET_SYSTEM), UNSET, UNSET, 2, UNSET);
    levels(add(inv, "S2", ISMS_ASSET_SYSTEM), UNSET, UNSET, 3, UNSET);
    add(inv, "S3", ISMS_ASSET_SYSTEM);
    add(inv, "Out", ISMS_ASSET_LOCATION);
    link(inv, "S1", "S2", ISMS_REL_SUPPORTS);
    link(inv, "S3", "S2", ISMS_REL_DEPENDS_ON); /* S2 supports S3 */
    link(inv, "S3", "S1", ISMS_REL_SUPPORTS);
    link(inv, "S3", "Info", ISMS_REL_PROCESSES);
    link(inv, "S1", "Out", ISMS_REL_STORED_AT); /* Out supports S1 */
    assert_int_equal(isms_inventory_classify(inv), ISMS_OK);
    const char *members[] = { "S1", "S2", "S3" };
    for (size_t i = 0; i < 3; i++) {
        assert_eff(inv, members[i], C, 4, ISMS_ORIGIN_INHERITED, "Info");
        assert_true(eff(inv, members[i], C).cycle);
        assert_true(eff(inv, members[i], A).cycle);
    }
    assert_eff(inv, "S1", A, 3, ISMS_ORIGIN_INHERITED, "S2");
    assert_eff(inv, "S2", A, 3, ISMS_ORIGIN_ASSESSED, NULL);
    assert_eff(inv, "S3", A, 3, ISMS_ORIGIN_INHERITED, "S2");
    assert_eff(inv, "Out", A, 3, ISMS_ORIGIN_INHERITED, "S2");
    assert_false(eff(inv, "Out", A).cycle);
    assert_false(eff(inv, "Info", C).cycle);

    /* Reported once, at the member added first, naming all members. */
    isms_findings *f = lint(inv, ISMS_LANG_EN, today);
    assert_int_equal(count_code(f, "asset-cycle", NULL), 1);
    const isms_finding *c = finding_of(f, "asset-cycle", "S1");
    assert_non_null(strstr(c->message, "S1, S2, S3"));
    assert_non_null(strstr(c->message, "3 assets"));
    isms_findings_free(f);

    /* An override on the cycle: S2 fixed at C 1. S1 supports S2 only, so it gets 1 from S2;
     * S3 supports S1 and Info, so it gets 4 from Info; S2 keeps its override. */
    assert_int_equal(isms_asset_set_override(isms_inventory_find(inv, "S2"), C, 1), ISMS_OK);
    assert_int_equal(isms_inventory_classify(inv), ISMS_OK);
    assert_eff(inv, "S2", C, 1, ISMS_ORIGIN_OVERRIDDEN, NULL);
    assert_eff(inv, "S1", C, 1, ISMS_ORIGIN_INHERITED, "S2");
    assert_eff(inv, "S3", C, 4, ISMS_ORIGIN_INHERITED, "Info");
    assert_eff(inv, "Out", C, 1, ISMS_ORIGIN_INHERITED, "S2");
    assert_eff(inv, "S1", A, 3, ISMS_ORIGIN_INHERITED, "S2"); /* other aspects unchanged */
    assert_true(eff(inv, "S2", C).cycle);
    isms_inventory_free(inv);
}

static void test_big_cycle(void **state)
{
    (void)state;
    /* 100,000 systems in one ring, one of them processing information of level 4, and a
     * chain of 100,000 services hanging off it: deep enough to break a recursive search. */
    enum { N = 100000 };
    isms_inventory *inv = inventory("klassa-cia");
    char id[32], next[32];
    levels(add(inv, "Info", ISMS_ASSET_INFORMATION), 4, 2, 1, UNSET);
    for (int i = 0; i < N; i++) {
        snprintf(id, sizeof id, "R%d", i);
        add(inv, id, ISMS_ASSET_SYSTEM);
    }
    for (int i = 0; i < N; i++) {
        snprintf(id, sizeof id, "R%d", i);
        snprintf(next, sizeof next, "R%d", (i + 1) % N);
        link(inv, id, next, ISMS_REL_SUPPORTS);
    }
    link(inv, "R50000", "Info", ISMS_REL_PROCESSES);
    for (int i = 0; i < N; i++) {
        snprintf(id, sizeof id, "K%d", i);
        add(inv, id, ISMS_ASSET_SERVICE);
        if (i)
            snprintf(next, sizeof next, "K%d", i - 1);
        else
            snprintf(next, sizeof next, "R0");
        link(inv, next, id, ISMS_REL_DEPENDS_ON); /* id supports next */
    }
    assert_int_equal(isms_inventory_classify(inv), ISMS_OK);
    for (int i = 0; i < N; i += 997) {
        snprintf(id, sizeof id, "R%d", i);
        assert_eff(inv, id, C, 4, ISMS_ORIGIN_INHERITED, "Info");
        assert_true(eff(inv, id, C).cycle);
    }
    assert_eff(inv, "K99999", I, 2, ISMS_ORIGIN_INHERITED, "Info");
    assert_false(eff(inv, "K99999", I).cycle);
    isms_findings *f = lint(inv, ISMS_LANG_SV, today);
    assert_int_equal(count_code(f, "asset-cycle", NULL), 1);
    const isms_finding *c = finding_of(f, "asset-cycle", "R0");
    assert_non_null(strstr(c->message, "100000 tillgångar"));
    assert_non_null(strstr(c->message, "R0, R1, R2, R3, R4, R5, R6, R7, R8, R9, …"));
    isms_findings_free(f);
    isms_asset **list = NULL;
    size_t n = 0;
    assert_int_equal(isms_inventory_impact(&list, &n, inv, "Info"), ISMS_OK);
    assert_int_equal(n, 2 * N);
    isms_free(list);
    isms_inventory_free(inv);
}

static void test_impact(void **state)
{
    (void)state;
    isms_inventory *inv = social_services();
    isms_asset **list = NULL;
    size_t n = 99;
    assert_int_equal(isms_inventory_impact(&list, &n, inv, "Journal"), ISMS_OK);
    static const char *const want[] = { "Treserva", "Datahall", "Tieto" };
    assert_int_equal(n, 3);
    for (size_t i = 0; i < n; i++)
        assert_string_equal(isms_asset_id(list[i]), want[i]);
    isms_free(list);
    assert_int_equal(isms_inventory_impact(&list, &n, inv, "Handlaggning"), ISMS_OK);
    static const char *const want2[] = { "Treserva", "Etjanst", "Tieto" };
    assert_int_equal(n, 3);
    for (size_t i = 0; i < n; i++)
        assert_string_equal(isms_asset_id(list[i]), want2[i]);
    isms_free(list);
    assert_int_equal(isms_inventory_impact(&list, &n, inv, "Tieto"), ISMS_OK);
    assert_int_equal(n, 0);
    assert_null(list);
    assert_int_equal(isms_inventory_impact(&list, &n, inv, "Saknas"), ISMS_ENOTFOUND);
    assert_int_equal(isms_inventory_impact(NULL, &n, inv, "Tieto"), ISMS_EINVAL);
    isms_inventory_free(inv);
}

/* ---- lint ---------------------------------------------------------------------------------- */

/* One asset per code, each triggering exactly that code (and the ones noted). */
static isms_inventory *lint_inventory(void)
{
    isms_inventory *inv = inventory("klassa-cia");
    isms_date fresh = { 2025, 1, 10 };
    /* A clean information asset and a system processing it: no findings. */
    isms_asset *ok = add(inv, "Ren", ISMS_ASSET_INFORMATION);
    levels(ok, 1, 1, 1, UNSET);
    assert_int_equal(isms_asset_set(ok, ISMS_ASSET_OWNER, "IT"), ISMS_OK);
    assert_int_equal(isms_asset_set_classified(ok, fresh), ISMS_OK);
    add(inv, "RenSys", ISMS_ASSET_SYSTEM);
    link(inv, "RenSys", "Ren", ISMS_REL_PROCESSES);

    isms_asset *a = add(inv, "UtanAgare", ISMS_ASSET_INFORMATION);
    levels(a, 1, 1, 1, UNSET);
    assert_int_equal(isms_asset_set_classified(a, fresh), ISMS_OK);

    a = add(inv, "Oklassad", ISMS_ASSET_INFORMATION);
    levels(a, 1, UNSET, UNSET, UNSET);
    assert_int_equal(isms_asset_set(a, ISMS_ASSET_OWNER, "IT"), ISMS_OK);
    /* ... and the system that processes it. */
    add(inv, "Behandlare", ISMS_ASSET_SYSTEM);
    link(inv, "Behandlare", "Oklassad", ISMS_REL_PROCESSES);
    link(inv, "Behandlare", "Ren", ISMS_REL_PROCESSES);

    /* Personal data: each one lacks exactly one thing. */
    static const struct {
        const char *id;
        unsigned pdata;
        int missing; /* field left empty */
    } pd[] = {
        { "UtanAndamal", ISMS_PDATA_ORDINARY, ISMS_ASSET_PURPOSE },
        { "UtanGrund", ISMS_PDATA_ORDINARY, ISMS_ASSET_LEGAL_BASIS },
        { "KansligUtanGrund", ISMS_PDATA_SPECIAL, ISMS_ASSET_LEGAL_BASIS },
        { "UtanGallring", ISMS_PDATA_PIN, ISMS_ASSET_RETENTION },
    };
    for (size_t i = 0; i < 4; i++) {
        a = add(inv, pd[i].id, ISMS_ASSET_OTHER);
        assert_int_equal(isms_asset_set_pdata(a, pd[i].pdata, 0), ISMS_OK);
        const int fields[] = { ISMS_ASSET_PURPOSE, ISMS_ASSET_LEGAL_BASIS, ISMS_ASSET_RETENTION };
        for (size_t k = 0; k < 3; k++)
            if (fields[k] != pd[i].missing)
                assert_int_equal(isms_asset_set(a, (isms_asset_field)fields[k], "x"), ISMS_OK);
    }
    a = add(inv, "Overforing", ISMS_ASSET_OTHER);
    assert_int_equal(isms_asset_set(a, ISMS_ASSET_TRANSFERS, "USA (molntjänst)"), ISMS_OK);
    a = add(inv, "IngenOverforing", ISMS_ASSET_OTHER);
    assert_int_equal(isms_asset_set(a, ISMS_ASSET_TRANSFERS, "Nej"), ISMS_OK);
    a = add(inv, "Skyddad", ISMS_ASSET_OTHER);
    assert_int_equal(isms_asset_set(a, ISMS_ASSET_TRANSFERS, "USA"), ISMS_OK);
    assert_int_equal(isms_asset_set(a, ISMS_ASSET_SAFEGUARDS, "SCC"), ISMS_OK);

    a = add(inv, "Gammal", ISMS_ASSET_OTHER);
    assert_int_equal(isms_asset_set_classified(a, (isms_date){ 2024, 2, 29 }), ISMS_OK);
    a = add(inv, "Ny", ISMS_ASSET_OTHER); /* due 2025-03-01 = today: not overdue */
    assert_int_equal(isms_asset_set_classified(a, (isms_date){ 2024, 3, 1 }), ISMS_OK);

    add(inv, "Ensam", ISMS_ASSET_SYSTEM);
    /* A system reaching information only through another system is linked. */
    add(inv, "Indirekt", ISMS_ASSET_SYSTEM);
    link(inv, "Indirekt", "RenSys", ISMS_REL_SUPPORTS);

    /* Overrides: below what it replaces (C 0 under Ren's 1), with a reason; and one above
     * without a reason. */
    a = add(inv, "Under", ISMS_ASSET_SERVICE);
    link(inv, "Under", "Ren", ISMS_REL_SUPPORTS);
    assert_int_equal(isms_asset_set_override(a, C, 0), ISMS_OK);
    assert_int_equal(isms_asset_set(a, ISMS_ASSET_OVERRIDE_REASON, "Bara metadata"), ISMS_OK);
    a = add(inv, "Omotiverad", ISMS_ASSET_SERVICE);
    link(inv, "Omotiverad", "Ren", ISMS_REL_SUPPORTS);
    assert_int_equal(isms_asset_set_override(a, A, 3), ISMS_OK);

    add(inv, "P1", ISMS_ASSET_PROCESS);
    add(inv, "P2", ISMS_ASSET_PROCESS);
    link(inv, "P1", "P2", ISMS_REL_SUPPORTS);
    link(inv, "P2", "P1", ISMS_REL_SUPPORTS);
    return inv;
}

static void test_lint(void **state)
{
    (void)state;
    isms_inventory *inv = lint_inventory();
    static const struct {
        const char *code;
        const char *ref;
        isms_severity severity;
        const char *sv;
        const char *en;
    } want[] = {
        { "asset-no-owner", "UtanAgare", ISMS_SEVERITY_WARNING, "saknar ägare", "no owner" },
        { "asset-unclassified", "Oklassad", ISMS_SEVERITY_WARNING,
          "inte klassad för riktighet, tillgänglighet",
          "not classified for integrity, availability" },
        { "asset-processes-unclassified", "Behandlare", ISMS_SEVERITY_WARNING,
          "inte är klassad: Oklassad", "not classified: Oklassad" },
        { "asset-pdata-no-purpose", "UtanAndamal", ISMS_SEVERITY_WARNING, "ändamål", "purpose" },
        { "asset-pdata-no-legal-basis", "UtanGrund", ISMS_SEVERITY_WARNING, "rättslig grund",
          "legal basis" },
        { "asset-special-no-legal-basis", "KansligUtanGrund", ISMS_SEVERITY_ERROR,
          "Känsliga personuppgifter (art. 9) behandlas utan angiven rättslig grund",
          "Special categories of personal data (art. 9) are processed without" },
        { "asset-no-retention", "UtanGallring", ISMS_SEVERITY_WARNING, "gallringsfrist",
          "retention" },
        { "asset-transfer-no-safeguard", "Overforing", ISMS_SEVERITY_WARNING,
          "tredje land (USA (molntjänst))", "third country (USA (molntjänst))" },
        { "asset-reclassify-overdue", "Gammal", ISMS_SEVERITY_WARNING,
          "senast 2025-02-28 (senast klassad 2024-02-29)",
          "due on 2025-02-28 (last classified 2024-02-29)" },
        { "asset-system-no-information", "Ensam", ISMS_SEVERITY_WARNING, "Systemet",
          "linked to no information" },
        { "asset-override-below", "Under", ISMS_SEVERITY_WARNING,
          "konfidentialitet, 0 Ingen eller försumbar, ligger under nivån 1 Måttlig",
          "confidentiality, 0 None or negligible, is below the level 1 Moderate" },
        { "asset-override-no-justification", "Omotiverad", ISMS_SEVERITY_WARNING,
          "tillgänglighet saknar motivering", "availability has no justification" },
        { "asset-cycle", "P1", ISMS_SEVERITY_WARNING, "2 tillgångar stödjer varandra",
          "2 assets support each other" },
    };
    const size_t n_want = sizeof want / sizeof *want;
    for (int l = 0; l < 2; l++) {
        isms_findings *f = lint(inv, (isms_lang)l, today);
        for (size_t i = 0; i < n_want; i++) {
            if (count_code(f, want[i].code, NULL) != 1 ||
                count_code(f, want[i].code, want[i].ref) != 1)
                fail_msg("%s: %zu findings, %zu about %s", want[i].code,
                         count_code(f, want[i].code, NULL),
                         count_code(f, want[i].code, want[i].ref), want[i].ref);
            const isms_finding *x = finding_of(f, want[i].code, want[i].ref);
            assert_int_equal(x->severity, want[i].severity);
            const char *needle = l == ISMS_LANG_SV ? want[i].sv : want[i].en;
            if (!strstr(x->message, needle))
                fail_msg("%s: \"%s\" lacks \"%s\"", want[i].code, x->message, needle);
        }
        /* Nothing else. */
        assert_int_equal(isms_findings_count(f), n_want);
        isms_findings_free(f);
    }
    /* Lint does not need or touch classify's results. */
    isms_provenance p;
    assert_int_equal(isms_asset_effective(&p, isms_inventory_find(inv, "Ren"), C), ISMS_OK);
    assert_int_equal(p.level, UNSET);

    isms_findings *f = NULL;
    assert_int_equal(isms_findings_new(&f, ISMS_LANG_EN), ISMS_OK);
    assert_int_equal(isms_inventory_lint(f, inv, (isms_date){ 2025, 2, 30 }), ISMS_EINVAL);
    assert_int_equal(isms_inventory_lint(NULL, inv, today), ISMS_EINVAL);
    assert_int_equal(isms_inventory_lint(f, NULL, today), ISMS_EINVAL);
    assert_int_equal(isms_findings_count(f), 0);
    /* Criminal data without a legal basis names art. 10; both name both. */
    isms_asset *a = isms_inventory_find(inv, "KansligUtanGrund");
    assert_int_equal(isms_asset_set_pdata(a, ISMS_PDATA_CRIMINAL | ISMS_PDATA_SPECIAL, 0),
                     ISMS_OK);
    assert_int_equal(isms_inventory_lint(f, inv, today), ISMS_OK);
    assert_non_null(strstr(finding_of(f, "asset-special-no-legal-basis", "KansligUtanGrund")
                               ->message,
                           "(art. 10)"));
    assert_int_equal(count_code(f, "asset-pdata-no-legal-basis", "KansligUtanGrund"), 0);
    isms_findings_free(f);
    isms_inventory_free(inv);
}

/* ---- summary and due --------------------------------------------------------------------- */

static void test_summary(void **state)
{
    (void)state;
    isms_inventory *inv = social_services();
    isms_inventory_summary s;
    assert_int_equal(isms_inventory_summarise(&s, inv), ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "classify");
    assert_int_equal(isms_inventory_classify(inv), ISMS_OK);
    assert_int_equal(isms_inventory_summarise(&s, inv), ISMS_OK);
    assert_int_equal(s.total, 9);
    assert_int_equal(s.per_type[ISMS_ASSET_INFORMATION], 3);
    assert_int_equal(s.per_type[ISMS_ASSET_SYSTEM], 2);
    assert_int_equal(s.per_type[ISMS_ASSET_SUPPLIER], 1);
    assert_int_equal(s.with_pdata, 2);
    /* C: Journal 3, Ekonomi 2, Webb 0, Treserva 3, Webbplats 0, Etjanst –, Datahall 3,
     * Tieto 3, Handlaggning –. */
    assert_int_equal(s.per_level[C][0], 2);
    assert_int_equal(s.per_level[C][1], 2);
    assert_int_equal(s.per_level[C][3], 1);
    assert_int_equal(s.per_level[C][4], 4);
    /* T: only Journal, Treserva, Datahall and Tieto are classified. */
    assert_int_equal(s.per_level[T][0], 5);
    assert_int_equal(s.per_level[A][5], 4); /* Handlaggning, Etjanst, Treserva, Tieto */
    /* Overall: Journal, Ekonomi (I 3), Datahall 3; Treserva, Tieto, Etjanst, Handlaggning 4;
     * Webb and Webbplats 1. */
    assert_int_equal(s.per_overall[4], 3);
    assert_int_equal(s.per_overall[5], 4);
    assert_int_equal(s.per_overall[2], 2);
    assert_int_equal(s.per_overall[0], 0);
    assert_int_equal(isms_inventory_summarise(NULL, inv), ISMS_EINVAL);
    isms_inventory_free(inv);
}

static void test_due(void **state)
{
    (void)state;
    isms_inventory *inv = inventory(NULL);
    static const struct {
        const char *id;
        isms_date classified;
        int interval;
    } assets[] = {
        { "A10", { 2024, 6, 1 }, 12 },  /* 2025-06-01 */
        { "A2", { 2024, 6, 1 }, 12 },   /* 2025-06-01, before A10 */
        { "B", { 2023, 3, 1 }, 12 },    /* 2024-03-01: already past */
        { "C", { 2025, 1, 15 }, 12 },   /* 2026-01-15: not this year */
        { "D", { 2024, 12, 31 }, 1 },   /* 2025-01-31 */
        { "E", { 0, 0, 0 }, 12 },       /* never classified */
    };
    for (size_t i = 0; i < sizeof assets / sizeof *assets; i++) {
        isms_asset *a = add(inv, assets[i].id, ISMS_ASSET_INFORMATION);
        assert_int_equal(isms_asset_set_classified(a, assets[i].classified), ISMS_OK);
        assert_int_equal(isms_asset_set_interval(a, assets[i].interval), ISMS_OK);
    }
    isms_asset **list = NULL;
    size_t n = 0;
    assert_int_equal(isms_inventory_due(&list, &n, inv, 2025), ISMS_OK);
    static const char *const want[] = { "B", "D", "A2", "A10" };
    assert_int_equal(n, 4);
    for (size_t i = 0; i < n; i++)
        assert_string_equal(isms_asset_id(list[i]), want[i]);
    isms_free(list);
    assert_int_equal(isms_inventory_due(&list, &n, inv, 2023), ISMS_OK);
    assert_int_equal(n, 0);
    assert_null(list);
    assert_int_equal(isms_inventory_due(&list, &n, inv, 1800), ISMS_EINVAL);
    assert_int_equal(isms_inventory_due(NULL, &n, inv, 2025), ISMS_EINVAL);
    isms_inventory_free(inv);
}

/* ---- allocation failure ------------------------------------------------------------------ */

static void test_alloc_failure(void **state)
{
    (void)state;
    isms_scheme *s = NULL;
    SWEEP(isms_scheme_preset(&s, "klassa"), assert_null(s));
    isms_scheme_free(s);

    isms_inventory *inv = NULL;
    SWEEP(isms_inventory_new(&inv, NULL), assert_null(inv));
    isms_inventory_free(inv);

    inv = social_services();
    /* Add: nothing changes on failure (also when the arrays have to grow). */
    char id[32];
    for (int i = 0; i < 20; i++) {
        size_t before = isms_inventory_count(inv);
        snprintf(id, sizeof id, "   Ny%d ", i);
        SWEEP(isms_inventory_add(NULL, inv, id, "namn", ISMS_ASSET_OTHER),
              assert_int_equal(isms_inventory_count(inv), before);
              assert_null(isms_inventory_find(inv, id)));
        assert_int_equal(isms_inventory_count(inv), before + 1);
    }
    /* Link. */
    for (int i = 0; i < 20; i++) {
        size_t before = isms_inventory_relation_count(inv);
        snprintf(id, sizeof id, "Ny%d", i);
        SWEEP(isms_inventory_link(inv, id, "Journal", ISMS_REL_PROCESSES),
              assert_int_equal(isms_inventory_relation_count(inv), before));
        assert_int_equal(isms_inventory_link(inv, id, "Journal", ISMS_REL_PROCESSES),
                         ISMS_EEXIST);
    }
    /* Fields. */
    isms_asset *a = isms_inventory_find(inv, "Webb");
    SWEEP(isms_asset_set(a, ISMS_ASSET_PURPOSE, "Information till invånare"),
          assert_string_equal(isms_asset_get(a, ISMS_ASSET_PURPOSE), ""));
    SWEEP(isms_asset_set(a, ISMS_ASSET_NAME, "Webbinnehåll"),
          assert_string_equal(isms_asset_get(a, ISMS_ASSET_NAME), ""));

    /* Classify: the previous results stay. */
    assert_int_equal(isms_inventory_classify(inv), ISMS_OK);
    assert_int_equal(isms_asset_set_override(isms_inventory_find(inv, "Ekonomi"), I, 3),
                     ISMS_OK);
    assert_int_equal(isms_inventory_link(inv, "Treserva", "Webbplats", ISMS_REL_SUPPORTS),
                     ISMS_OK);
    assert_int_equal(isms_inventory_link(inv, "Webbplats", "Treserva", ISMS_REL_SUPPORTS),
                     ISMS_OK); /* a cycle with an override beyond it */
    assert_int_equal(isms_asset_set_override(isms_inventory_find(inv, "Webbplats"), C, 1),
                     ISMS_OK);
    assert_int_equal(isms_inventory_classify(inv), ISMS_OK);
    isms_provenance before = eff(inv, "Ny3", C);
    assert_int_equal(before.level, 3);
    SWEEP(isms_inventory_classify(inv), {
        isms_provenance p = eff(inv, "Ny3", C);
        assert_int_equal(p.level, before.level);
        assert_ptr_equal(p.from, before.from);
    });
    assert_eff(inv, "Webbplats", C, 1, ISMS_ORIGIN_OVERRIDDEN, NULL);
    assert_eff(inv, "Treserva", C, 3, ISMS_ORIGIN_INHERITED, "Journal");

    /* Lint: all or none. */
    isms_findings *f = NULL;
    assert_int_equal(isms_findings_new(&f, ISMS_LANG_SV), ISMS_OK);
    assert_int_equal(isms_findings_add(f, ISMS_SEVERITY_INFO, "x", "", "före"), ISMS_OK);
    SWEEP(isms_inventory_lint(f, inv, today), assert_int_equal(isms_findings_count(f), 1));
    assert_true(isms_findings_count(f) > 10);
    isms_findings_free(f);

    isms_asset **list = NULL;
    size_t n = 0;
    SWEEP(isms_inventory_impact(&list, &n, inv, "Journal"), assert_null(list));
    assert_true(n > 20);
    isms_free(list);
    list = NULL;
    assert_int_equal(isms_asset_set_classified(a, (isms_date){ 2024, 1, 1 }), ISMS_OK);
    SWEEP(isms_inventory_due(&list, &n, inv, 2025), assert_null(list));
    assert_int_equal(n, 1);
    isms_free(list);

    /* Removal needs no memory. */
    isms__alloc_fail_at(1);
    assert_int_equal(isms_inventory_remove(inv, "Treserva"), ISMS_OK);
    assert_int_equal(isms_inventory_unlink(inv, "Ny1", "Journal", ISMS_REL_PROCESSES), ISMS_OK);
    isms__alloc_fail_at(0);
    isms_inventory_free(inv);

    isms_scheme_builder *b = NULL;
    SWEEP(isms_scheme_builder_new(&b, "egen"), assert_null(b));
    for (int k = 0; k < 3; k++)
        for (int v = 0; v < 3; v++) {
            const char *sv[] = { "Låg", "Medel", "Hög" }, *en[] = { "Low", "Medium", "High" };
            /* A half-done add would make the retry fail with ISMS_EEXIST. */
            SWEEP(isms_scheme_builder_add_level(b, (isms_aspect)k, v, sv[v], en[v], "d"),
                  (void)0);
        }
    s = NULL;
    SWEEP(isms_scheme_builder_build(&s, b), assert_null(s));
    assert_int_equal(isms_scheme_level_count(s, A), 3);
    isms_scheme_free(s);
    isms_scheme_builder_free(b);
}

/* ---- independence of insertion order ----------------------------------------------------- */

typedef struct spec {
    size_t n, m;
    isms_asset_type *type;
    int (*level)[4];
    int (*override)[4];
    unsigned *pdata;
    size_t *src, *dst;
    isms_relkind *kind;
} spec;

static uint64_t rng = 0x2545F4914F6CDD1Du;

static unsigned rnd(unsigned n)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (unsigned)((rng >> 32) % n);
}

/* A random inventory with cycles, overrides and personal data. */
static void make_spec(spec *s, size_t n, size_t m)
{
    s->n = n;
    s->m = 0;
    s->type = calloc(n, sizeof *s->type);
    s->level = calloc(n, sizeof *s->level);
    s->override = calloc(n, sizeof *s->override);
    s->pdata = calloc(n, sizeof *s->pdata);
    s->src = calloc(m, sizeof *s->src);
    s->dst = calloc(m, sizeof *s->dst);
    s->kind = calloc(m, sizeof *s->kind);
    for (size_t i = 0; i < n; i++) {
        s->type[i] = (isms_asset_type)rnd(ISMS_ASSET_TYPES);
        for (int k = 0; k < 4; k++) {
            s->level[i][k] = rnd(3) == 0 ? (int)rnd(5) : UNSET;
            s->override[i][k] = rnd(25) == 0 ? (int)rnd(5) : UNSET;
        }
        s->pdata[i] = rnd(4) == 0 ? rnd(16) : 0;
    }
    for (size_t r = 0; r < m; r++) {
        size_t a = rnd((unsigned)n), b = rnd((unsigned)n);
        if (a == b)
            continue;
        isms_relkind k = (isms_relkind)rnd(5);
        bool dup = false;
        for (size_t q = 0; q < s->m && !dup; q++)
            dup = s->src[q] == a && s->dst[q] == b && s->kind[q] == k;
        if (dup)
            continue;
        s->src[s->m] = a;
        s->dst[s->m] = b;
        s->kind[s->m] = k;
        s->m++;
    }
}

static void free_spec(spec *s)
{
    free(s->type);
    free(s->level);
    free(s->override);
    free(s->pdata);
    free(s->src);
    free(s->dst);
    free(s->kind);
}

static void shuffle(size_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        p[i] = i;
    for (size_t i = n; i > 1; i--) {
        size_t j = rnd((unsigned)i), t = p[i - 1];
        p[i - 1] = p[j];
        p[j] = t;
    }
}

/* Builds the inventory with assets in order `ao` and relations in order `ro`. */
static isms_inventory *build_spec(const spec *s, const size_t *ao, const size_t *ro)
{
    isms_inventory *inv = inventory("klassa");
    char id[32], id2[32];
    for (size_t j = 0; j < s->n; j++) {
        size_t i = ao[j];
        snprintf(id, sizeof id, "X%zu", i);
        isms_asset *a = add(inv, id, s->type[i]);
        for (int k = 0; k < 4; k++) {
            assert_int_equal(isms_asset_set_level(a, (isms_aspect)k, s->level[i][k]), ISMS_OK);
            assert_int_equal(isms_asset_set_override(a, (isms_aspect)k, s->override[i][k]),
                             ISMS_OK);
        }
        assert_int_equal(isms_asset_set_pdata(a, s->pdata[i], 0), ISMS_OK);
    }
    for (size_t j = 0; j < s->m; j++) {
        size_t r = ro[j];
        snprintf(id, sizeof id, "X%zu", s->src[r]);
        snprintf(id2, sizeof id2, "X%zu", s->dst[r]);
        link(inv, id, id2, s->kind[r]);
    }
    assert_int_equal(isms_inventory_classify(inv), ISMS_OK);
    return inv;
}

/* The reference: effective levels by iterating to the fixed point (slow and obviously
 * right), and the source of an inherited level by a search from the asset. */
static void check_reference(const isms_inventory *inv)
{
    size_t n = isms_inventory_count(inv), m = isms_inventory_relation_count(inv);
    isms_floors fl;
    assert_int_equal(isms_inventory_floors(&fl, inv), ISMS_OK);
    int (*own)[4] = calloc(n, sizeof *own), (*val)[4] = calloc(n, sizeof *val);
    size_t *from = calloc(m, sizeof *from), *to = calloc(m, sizeof *to);
    for (size_t r = 0; r < m; r++) {
        isms_relation_info ri;
        assert_int_equal(isms_inventory_relation(&ri, inv, r), ISMS_OK);
        const isms_asset *sup = isms_relkind_src_supports(ri.kind) ? ri.src : ri.dst;
        const isms_asset *dep = sup == ri.src ? ri.dst : ri.src;
        for (size_t i = 0; i < n; i++) {
            if (isms_inventory_at(inv, i) == sup)
                from[r] = i;
            if (isms_inventory_at(inv, i) == dep)
                to[r] = i;
        }
    }
    for (size_t i = 0; i < n; i++) {
        const isms_asset *a = isms_inventory_at(inv, i);
        for (int k = 0; k < 4; k++) {
            int v = isms_asset_level(a, (isms_aspect)k);
            for (int b = 0; b < 4; b++)
                if ((isms_asset_pdata(a) & (1u << b)) && fl.min[b][k] > v)
                    v = fl.min[b][k];
            if (isms_asset_override(a, (isms_aspect)k) != UNSET)
                v = isms_asset_override(a, (isms_aspect)k);
            own[i][k] = val[i][k] = v;
        }
    }
    for (bool changed = true; changed;) {
        changed = false;
        for (size_t r = 0; r < m; r++)
            for (int k = 0; k < 4; k++) {
                const isms_asset *s = isms_inventory_at(inv, from[r]);
                if (isms_asset_override(s, (isms_aspect)k) == UNSET &&
                    val[to[r]][k] > val[from[r]][k]) {
                    val[from[r]][k] = val[to[r]][k];
                    changed = true;
                }
            }
    }
    /* Adjacency: supporter → supported, as offsets into `adj`. */
    size_t *off = calloc(n + 1, sizeof *off), *adj = calloc(m ? m : 1, sizeof *adj);
    for (size_t r = 0; r < m; r++)
        off[from[r] + 1]++;
    for (size_t i = 0; i < n; i++)
        off[i + 1] += off[i];
    size_t *fill = calloc(n, sizeof *fill);
    for (size_t r = 0; r < m; r++)
        adj[off[from[r]] + fill[from[r]]++] = to[r];
    free(fill);
    bool *seen = calloc(n, 1);
    size_t *queue = calloc(n, sizeof *queue);
    for (size_t i = 0; i < n; i++) {
        const isms_asset *a = isms_inventory_at(inv, i);
        for (int k = 0; k < 4; k++) {
            isms_provenance p;
            assert_int_equal(isms_asset_effective(&p, a, (isms_aspect)k), ISMS_OK);
            assert_int_equal(p.level, val[i][k]);
            if (p.origin != ISMS_ORIGIN_INHERITED) {
                assert_null(p.from);
                assert_int_equal(p.level, own[i][k]);
                continue;
            }
            assert_true(p.level > own[i][k]);
            /* The asset with the lowest id (bytewise) reachable through non-overridden
             * assets whose own level is the effective one. */
            memset(seen, 0, n);
            size_t head = 0, tail = 0, best = SIZE_MAX;
            queue[tail++] = i;
            seen[i] = true;
            while (head < tail) {
                size_t v = queue[head++];
                if (v != i && isms_asset_override(isms_inventory_at(inv, v), (isms_aspect)k) !=
                                  UNSET)
                    continue;
                for (size_t e = off[v]; e < off[v + 1]; e++) {
                    size_t w = adj[e];
                    if (seen[w])
                        continue;
                    seen[w] = true;
                    queue[tail++] = w;
                    if (own[w][k] == p.level &&
                        (best == SIZE_MAX ||
                         strcmp(isms_asset_id(isms_inventory_at(inv, w)),
                                isms_asset_id(isms_inventory_at(inv, best))) < 0))
                        best = w;
                }
            }
            assert_ptr_equal(p.from, isms_inventory_at(inv, best));
        }
    }
    free(seen);
    free(queue);
    free(off);
    free(adj);
    free(own);
    free(val);
    free(from);
    free(to);
}

static void test_order_independence(void **state)
{
    (void)state;
    for (int round = 0; round < 4; round++) {
        spec s;
        make_spec(&s, 300 + 100 * (size_t)round, 500 + 300 * (size_t)round);
        size_t *ao = calloc(s.n, sizeof *ao), *ro = calloc(s.m, sizeof *ro);
        size_t *ao2 = calloc(s.n, sizeof *ao2), *ro2 = calloc(s.m, sizeof *ro2);
        for (size_t i = 0; i < s.n; i++)
            ao[i] = i;
        for (size_t i = 0; i < s.m; i++)
            ro[i] = i;
        isms_inventory *base = build_spec(&s, ao, ro);
        check_reference(base);
        shuffle(ro2, s.m);
        isms_inventory *rel = build_spec(&s, ao, ro2); /* same assets, relations shuffled */
        shuffle(ao2, s.n);
        isms_inventory *all = build_spec(&s, ao2, ro2); /* both shuffled */
        check_reference(all);
        bool cycles = false;
        for (size_t i = 0; i < s.n; i++) {
            char id[32];
            snprintf(id, sizeof id, "X%zu", i);
            for (int k = 0; k < 4; k++) {
                isms_provenance p = eff(base, id, (isms_aspect)k);
                isms_provenance q = eff(rel, id, (isms_aspect)k);
                isms_provenance r = eff(all, id, (isms_aspect)k);
                assert_int_equal(p.level, q.level);
                assert_int_equal(p.origin, q.origin);
                assert_int_equal(p.floor, q.floor);
                assert_int_equal(p.cycle, q.cycle);
                assert_true((p.from == NULL) == (q.from == NULL));
                if (p.from)
                    assert_string_equal(isms_asset_id(p.from), isms_asset_id(q.from));
                assert_int_equal(p.level, r.level);
                assert_int_equal(p.origin, r.origin);
                assert_int_equal(p.floor, r.floor);
                assert_int_equal(p.cycle, r.cycle);
                assert_true((p.from == NULL) == (r.from == NULL));
                if (p.from) /* the source is named by id, whatever the order of adding */
                    assert_string_equal(isms_asset_id(p.from), isms_asset_id(r.from));
                cycles |= p.cycle;
            }
        }
        assert_true(cycles); /* the random graphs are dense enough to have some */
        isms_inventory_free(base);
        isms_inventory_free(rel);
        isms_inventory_free(all);
        free(ao);
        free(ro);
        free(ao2);
        free(ro2);
        free_spec(&s);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_aspects),
        cmocka_unit_test(test_presets),
        cmocka_unit_test(test_presets_pass_the_builder),
        cmocka_unit_test(test_parse_level),
        cmocka_unit_test(test_builder),
        cmocka_unit_test(test_types_and_kinds),
        cmocka_unit_test(test_pdata),
        cmocka_unit_test(test_floors_default),
        cmocka_unit_test(test_inventory_model),
        cmocka_unit_test(test_fields),
        cmocka_unit_test(test_high_water),
        cmocka_unit_test(test_floors),
        cmocka_unit_test(test_cycles),
        cmocka_unit_test(test_big_cycle),
        cmocka_unit_test(test_impact),
        cmocka_unit_test(test_lint),
        cmocka_unit_test(test_summary),
        cmocka_unit_test(test_due),
        cmocka_unit_test(test_alloc_failure),
        cmocka_unit_test(test_order_independence),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
