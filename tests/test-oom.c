/* Allocation failure, module by module: every constructor, mutator, importer, loader and
 * saver run with the n-th allocation failing (n = 1, 2, ... until it succeeds). Each failure
 * must return ISMS_ENOMEM and leave everything as it was, which these sweeps prove with a
 * full snapshot: the JSON of the whole document that holds the object (isms_document_write()
 * writes every field of every part), the description of a whole matrix or scheme a builder
 * makes, the bytes of a file a save would replace. Out-parameters stay untouched. Leaks show
 * under AddressSanitizer and valgrind. jansson's allocations fail too (see json_alloc()).
 *
 * The module tests sweep most functions already; this program sweeps the rest
 * (tests/check-oom.py lists what no test sweeps) and sweeps the mutators again against the
 * full snapshot. It also checks, with every allocation failing, that the mutators
 * check-oom.py allows without a sweep need no memory, and that the two functions that
 * allocate only for a better error message still give their error. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

#include "test-util.h"

#define LOAD_DIR ISMS_TEST_DATA "/doc-load/"
#define ASSET_DIR ISMS_TEST_DATA "/asset/"
#define OSCAL_DIR ISMS_TEST_DATA "/oscal-read/"
#define SENTINEL ((void *)(uintptr_t)0x1)

/* jansson allocates through the library's allocator in this program (the library itself
 * never changes jansson's allocator: it belongs to the host program), so that the n-th
 * allocation failing can be one of jansson's while a document or a catalog is read. */
static void *json_alloc(size_t size)
{
    return isms__malloc(size);
}

/* ---- snapshots ---------------------------------------------------------------------------- */

/* The document of tests/data/doc-load/full.json: every part, every kind of field. */
static isms_document *full_doc(void)
{
    isms_document *doc = NULL;
    assert_int_equal(isms_document_load(&doc, LOAD_DIR "full.json", NULL), ISMS_OK);
    return doc;
}

/* The whole document as JSON (free with isms_free()). */
static char *snapshot(const isms_document *doc)
{
    char *text = NULL;
    size_t len = 0;
    assert_int_equal(isms_document_write(&text, &len, doc), ISMS_OK);
    assert_int_equal(strlen(text), len);
    return text;
}

/* After a failure: the document is byte for byte what it was. */
static void assert_unchanged(const isms_document *doc, const char *before)
{
    char *now = snapshot(doc);
    assert_string_equal(now, before);
    isms_free(now);
}

/* After the sweep's success: the document changed. */
static void assert_changed(const isms_document *doc, const char *before)
{
    char *now = snapshot(doc);
    assert_true(strcmp(now, before) != 0);
    isms_free(now);
}

/* Appends printf-style text to buf (size bytes, NUL-terminated). */
static void append(char *buf, size_t size, const char *fmt, ...) ISMS__PRINTF(3, 4);
static void append(char *buf, size_t size, const char *fmt, ...)
{
    size_t used = strlen(buf);
    assert_true(used < size - 1);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf + used, size - used, fmt, ap);
    va_end(ap);
}

/* What a matrix builder makes: every level, band and cell of the matrix it builds, or the
 * error it gives. */
static void describe_matrix_builder(char *buf, size_t size, const isms_matrix_builder *b)
{
    buf[0] = '\0';
    isms_matrix *m = NULL;
    int rc = isms_matrix_builder_build(&m, b);
    if (rc != ISMS_OK) {
        append(buf, size, "error %d: %s", rc, isms_error_last()->message);
        return;
    }
    append(buf, size, "%s formula %d acceptance %d\n", isms_matrix_name(m),
           (int)isms_matrix_formula(m), isms_matrix_acceptance(m));
    for (int axis = 0; axis < 2; axis++)
        for (size_t i = 0; i < isms_matrix_level_count(m, (isms_axis)axis); i++) {
            isms_level l;
            assert_int_equal(isms_matrix_level(&l, m, (isms_axis)axis, i), ISMS_OK);
            append(buf, size, "%d:%d %s/%s/%s\n", axis, l.value, l.label_sv, l.label_en,
                   l.description);
        }
    for (size_t i = 0; i < isms_matrix_band_count(m); i++) {
        isms_band band;
        assert_int_equal(isms_matrix_band(&band, m, i), ISMS_OK);
        append(buf, size, "band %s %d-%d %s %s/%s\n", band.name, band.min_value,
               band.max_value, band.color, band.label_sv, band.label_en);
    }
    for (size_t i = 0; i < isms_matrix_level_count(m, ISMS_AXIS_LIKELIHOOD); i++)
        for (size_t k = 0; k < isms_matrix_level_count(m, ISMS_AXIS_CONSEQUENCE); k++) {
            isms_level l, c;
            assert_int_equal(isms_matrix_level(&l, m, ISMS_AXIS_LIKELIHOOD, i), ISMS_OK);
            assert_int_equal(isms_matrix_level(&c, m, ISMS_AXIS_CONSEQUENCE, k), ISMS_OK);
            isms_score s;
            assert_int_equal(isms_matrix_score(&s, m, l.value, c.value), ISMS_OK);
            append(buf, size, "%d/%d ", s.value, s.band);
        }
    isms_matrix_free(m);
}

/* What a scheme builder makes: every level of every aspect, or the error it gives. */
static void describe_scheme_builder(char *buf, size_t size, const isms_scheme_builder *b)
{
    buf[0] = '\0';
    isms_scheme *s = NULL;
    int rc = isms_scheme_builder_build(&s, b);
    if (rc != ISMS_OK) {
        append(buf, size, "error %d: %s", rc, isms_error_last()->message);
        return;
    }
    append(buf, size, "%s\n", isms_scheme_name(s));
    for (int a = 0; a < ISMS_ASPECTS; a++)
        for (size_t i = 0; i < isms_scheme_level_count(s, (isms_aspect)a); i++) {
            isms_class_level l;
            assert_int_equal(isms_scheme_level(&l, s, (isms_aspect)a, i), ISMS_OK);
            append(buf, size, "%d:%d %s/%s/%s\n", a, l.value, l.label_sv, l.label_en,
                   l.description);
        }
    isms_scheme_free(s);
}

/* ---- base: findings ------------------------------------------------------------------------ */

static void test_findings(void **state)
{
    (void)state;
    isms_findings *list = SENTINEL;
    SWEEP(isms_findings_new(&list, ISMS_LANG_EN), assert_ptr_equal(list, SENTINEL));
    assert_int_equal(isms_findings_count(list), 0);
    assert_int_equal(isms_findings_add(list, ISMS_SEVERITY_INFO, "earlier", "X", "fanns före"),
                     ISMS_OK);
    SWEEP(isms_findings_add(list, ISMS_SEVERITY_WARNING, "new", "R1", "ett nytt fynd"),
          assert_only_earlier(list));
    assert_int_equal(isms_findings_count(list), 2);
    isms_findings_free(list);
}

/* ---- risk: matrices, registers, risks ------------------------------------------------------ */

static void test_matrix_builder(void **state)
{
    (void)state;
    static const char *const sv[] = { "Ett", "Två", "Tre", "Fyra", "Fem" };
    static const char *const en[] = { "One", "Two", "Three", "Four", "Five" };
    char before[8192], now[8192];
    isms_matrix_builder *b = SENTINEL;
    SWEEP(isms_matrix_builder_new(&b, "Svep"), assert_ptr_equal(b, SENTINEL));
    for (int axis = 0; axis < 2; axis++)
        for (int v = 1; v <= 4; v++) {
            describe_matrix_builder(before, sizeof before, b);
            SWEEP(isms_matrix_builder_add_level(b, (isms_axis)axis, v, sv[v - 1], en[v - 1],
                                                v == 2 ? "en beskrivning" : NULL),
                  {
                      describe_matrix_builder(now, sizeof now, b);
                      assert_string_equal(now, before);
                  });
        }
    static const char *const names[] = { "low", "medium", "high" };
    static const int lo[] = { 1, 4, 9 }, hi[] = { 3, 8, 16 };
    for (int i = 0; i < 3; i++) {
        describe_matrix_builder(before, sizeof before, b);
        SWEEP(isms_matrix_builder_add_band(b, names[i], lo[i], hi[i], "#a0b0c0", sv[i], en[i]),
              {
                  describe_matrix_builder(now, sizeof now, b);
                  assert_string_equal(now, before);
              });
    }
    assert_int_equal(isms_matrix_builder_set_acceptance(b, 4), ISMS_OK);
    describe_matrix_builder(before, sizeof before, b);
    assert_true(strncmp(before, "error", 5) != 0);
    static const int grid[16] = { 1, 2, 3, 5, 2, 4, 6, 9, 3, 6, 9, 12, 5, 9, 12, 16 };
    SWEEP(isms_matrix_builder_set_grid(b, grid, 4, 4), {
        describe_matrix_builder(now, sizeof now, b);
        assert_string_equal(now, before);
    });
    describe_matrix_builder(now, sizeof now, b);
    assert_true(strcmp(now, before) != 0); /* the grid took */
    isms_matrix *m = SENTINEL;
    SWEEP(isms_matrix_builder_build(&m, b), assert_ptr_equal(m, SENTINEL));
    isms_score s;
    assert_int_equal(isms_matrix_score(&s, m, 4, 1), ISMS_OK);
    assert_int_equal(s.value, 5);
    isms_matrix_free(m);
    isms_matrix_builder_free(b);

    m = SENTINEL;
    SWEEP(isms_matrix_preset(&m, "5x5"), assert_ptr_equal(m, SENTINEL));
    assert_int_equal(isms_matrix_max_value(m), 25);
    isms_matrix_free(m);
}

/* isms_matrix_parse_level() and isms_scheme_parse_level() allocate only to list the labels
 * in an error message: with every allocation failing they still read levels and still give
 * the error, with a shorter message. */
static void test_parse_level_without_memory(void **state)
{
    (void)state;
    isms_matrix *m = NULL;
    assert_int_equal(isms_matrix_preset(&m, "4x4"), ISMS_OK);
    isms_scheme *s = NULL;
    assert_int_equal(isms_scheme_preset(&s, "klassa"), ISMS_OK);
    int v = -1, w = -1;
    isms__alloc_fail_at(1);
    int ok = isms_matrix_parse_level(&v, m, ISMS_AXIS_LIKELIHOOD, "3");
    int bad = isms_matrix_parse_level(&v, m, ISMS_AXIS_LIKELIHOOD, "kanske");
    int ok2 = isms_scheme_parse_level(&w, s, ISMS_ASPECT_CONFIDENTIALITY, "2");
    int bad2 = isms_scheme_parse_level(&w, s, ISMS_ASPECT_CONFIDENTIALITY, "okänd");
    bool failed = isms__alloc_failed();
    isms__alloc_fail_at(0);
    assert_true(failed); /* they did try to allocate */
    assert_int_equal(ok, ISMS_OK);
    assert_int_equal(v, 3);
    assert_int_equal(ok2, ISMS_OK);
    assert_int_equal(w, 2);
    assert_int_equal(bad, ISMS_EPARSE);
    assert_int_equal(bad2, ISMS_EPARSE);
    assert_error(ISMS_EPARSE, "or a label"); /* the scheme's message, without the labels */

    /* With memory, the messages list the labels. */
    assert_int_equal(isms_matrix_parse_level(&v, m, ISMS_AXIS_LIKELIHOOD, "kanske"),
                     ISMS_EPARSE);
    assert_true(strstr(isms_error_last()->message, "a label") == NULL);
    isms_scheme_free(s);
    isms_matrix_free(m);
}

static void test_register(void **state)
{
    (void)state;
    isms_document *doc = full_doc();
    isms_register *reg = isms_document_register(doc);
    isms_risk *r1 = isms_register_find(reg, "R1"), *r2 = isms_register_find(reg, "R2");
    assert_non_null(r1);
    assert_non_null(r2);
    char *before = snapshot(doc);

    isms_risk *added = SENTINEL;
    SWEEP(isms_register_add(&added, reg, "R9", "En ny risk", 2, 3), {
        assert_ptr_equal(added, SENTINEL);
        assert_unchanged(doc, before);
    });
    assert_string_equal(isms_risk_id(added), "R9");
    assert_changed(doc, before);
    isms_free(before);

    before = snapshot(doc);
    SWEEP(isms_risk_set_title(r1, "En annan rubrik"), assert_unchanged(doc, before));
    assert_changed(doc, before);
    isms_free(before);
    before = snapshot(doc);
    SWEEP(isms_risk_set_consequence_text(r2, "Journaler läcker"), assert_unchanged(doc, before));
    assert_changed(doc, before);
    isms_free(before);
    before = snapshot(doc);
    SWEEP(isms_risk_set_owner(r2, "Förvaltningschef"), assert_unchanged(doc, before));
    assert_changed(doc, before);
    isms_free(before);
    before = snapshot(doc);
    SWEEP(isms_risk_set_treatment(r2, ISMS_TREATMENT_AVOID, "Avveckla tjänsten"),
          assert_unchanged(doc, before));
    assert_changed(doc, before);
    isms_free(before);
    before = snapshot(doc);
    SWEEP(isms_risk_set_vector(r2, "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/"
                                   "SA:N"),
          assert_unchanged(doc, before));
    assert_changed(doc, before);
    isms_free(before);

    /* A register of its own, and lint into a list that holds a note before. */
    isms_register *own = SENTINEL;
    SWEEP(isms_register_new(&own, isms_register_matrix(reg)), assert_ptr_equal(own, SENTINEL));
    assert_int_equal(isms_register_count(own), 0);
    isms_register_free(own);
    isms_findings *notes = notes_with_earlier(ISMS_LANG_SV);
    before = snapshot(doc);
    SWEEP(isms_register_lint(notes, reg), {
        assert_only_earlier(notes);
        assert_unchanged(doc, before);
    });
    assert_true(isms_findings_count(notes) > 1);
    isms_findings_free(notes);
    isms_free(before);
    isms_document_free(doc);
}

/* ---- assess: assessments and entries ------------------------------------------------------ */

static void test_assessment(void **state)
{
    (void)state;
    isms_assessment *fresh = SENTINEL;
    SWEEP(isms_assessment_new(&fresh, ISMS_EDITION_2022, 2025, ISMS_SCOPE_BOTH),
          assert_ptr_equal(fresh, SENTINEL));
    assert_int_equal(isms_assessment_count(fresh), 0);
    assert_int_equal(isms_assessment_year(fresh), 2025);
    isms_assessment_free(fresh);

    isms_document *doc = full_doc();
    isms_assessment *a24 = isms_document_assessment_find(doc, 2024);
    isms_assessment *a23 = isms_document_assessment_find(doc, 2023);
    assert_non_null(a24);
    assert_non_null(a23);
    char *before = snapshot(doc);

    isms_entry *e = SENTINEL;
    SWEEP(isms_assessment_add(&e, a24, "5.2"), {
        assert_ptr_equal(e, SENTINEL);
        assert_unchanged(doc, before);
    });
    assert_string_equal(isms_entry_ref(e), "5.2");
    isms_free(before);

    before = snapshot(doc);
    size_t n23 = isms_assessment_count(a23);
    SWEEP(isms_assessment_add_all(a23), {
        assert_int_equal(isms_assessment_count(a23), n23);
        assert_unchanged(doc, before);
    });
    assert_true(isms_assessment_count(a23) > n23);
    isms_free(before);

    /* Extra columns: a new column, then a cell of an entry that had none. */
    before = snapshot(doc);
    size_t extras = isms_assessment_extra_count(a24);
    size_t index = 4242;
    SWEEP(isms_assessment_add_extra(&index, a24, "Kontrollant"), {
        assert_int_equal(index, 4242);
        assert_int_equal(isms_assessment_extra_count(a24), extras);
        assert_unchanged(doc, before);
    });
    assert_int_equal(index, extras);
    assert_changed(doc, before);
    isms_free(before);

    isms_entry *a51 = isms_assessment_find(a24, "A.5.1");
    assert_non_null(a51);
    before = snapshot(doc);
    SWEEP(isms_entry_set_extra(a51, index, "Revisionen"), {
        assert_string_equal(isms_entry_extra(a51, index), "");
        assert_unchanged(doc, before);
    });
    assert_string_equal(isms_entry_extra(a51, index), "Revisionen");
    isms_free(before);
    isms_entry *e612 = isms_assessment_find(a24, "6.1.2");
    before = snapshot(doc);
    SWEEP(isms_entry_set_extra(e612, 0, "R2"), assert_unchanged(doc, before));
    assert_string_equal(isms_entry_extra(e612, 0), "R2");
    isms_free(before);

    before = snapshot(doc);
    SWEEP(isms_entry_set(e612, ISMS_FIELD_COMMENT, "En ny kommentar"),
          assert_unchanged(doc, before));
    assert_changed(doc, before);
    isms_free(before);
    before = snapshot(doc);
    SWEEP(isms_entry_set(e612, ISMS_FIELD_DUE, "mars 2026"), assert_unchanged(doc, before));
    assert_string_equal(isms_entry_get(e612, ISMS_FIELD_DUE), "mars 2026");
    isms_free(before);
    before = snapshot(doc);
    SWEEP(isms_entry_add_evidence(a51, "Policy 2024"), assert_unchanged(doc, before));
    assert_int_equal(isms_entry_evidence_count(a51), 1);
    isms_free(before);

    /* Constructors from an assessment: nothing returned, the document unchanged. */
    before = snapshot(doc);
    isms_assessment *copy = SENTINEL;
    SWEEP(isms_assessment_copy(&copy, a24), {
        assert_ptr_equal(copy, SENTINEL);
        assert_unchanged(doc, before);
    });
    assert_int_equal(isms_assessment_count(copy), isms_assessment_count(a24));
    isms_assessment *converted = SENTINEL;
    SWEEP(isms_assessment_convert(&converted, a23, ISMS_EDITION_2022, NULL), {
        assert_ptr_equal(converted, SENTINEL);
        assert_unchanged(doc, before);
    });
    isms_comparison *cmp = SENTINEL;
    SWEEP(isms_assessment_compare(&cmp, converted, a24), {
        assert_ptr_equal(cmp, SENTINEL);
        assert_unchanged(doc, before);
    });
    assert_true(isms_comparison_count(cmp) > 0);
    isms_comparison_free(cmp);
    isms_assessment_free(converted);
    isms_findings *notes = notes_with_earlier(ISMS_LANG_EN);
    SWEEP(isms_assessment_lint(notes, a24, NULL), {
        assert_only_earlier(notes);
        assert_unchanged(doc, before);
    });
    isms_findings_free(notes);

    /* The document takes a new year's assessment; the caller keeps it on failure. */
    assert_int_equal(isms_assessment_set_date(copy, (isms_date){ 2025, 9, 1 }), ISMS_OK);
    isms_assessment *next = NULL;
    assert_int_equal(isms_assessment_new(&next, ISMS_EDITION_2022, 2025, ISMS_SCOPE_BOTH),
                     ISMS_OK);
    assert_int_equal(isms_assessment_add(NULL, next, "4.1"), ISMS_OK);
    SWEEP(isms_document_add_assessment(doc, next), {
        assert_int_equal(isms_assessment_count(next), 1); /* still the caller's */
        assert_unchanged(doc, before);
    });
    assert_ptr_equal(isms_document_assessment_find(doc, 2025), next);
    isms_assessment_free(copy);
    isms_free(before);
    isms_document_free(doc);
}

/* An assessment against an imported catalog: the document holds the catalog from then on. */
static void test_imported_catalog(void **state)
{
    (void)state;
    isms_catalog *cat = SENTINEL;
    SWEEP(isms_catalog_load_oscal(&cat, OSCAL_DIR "ok-small.json"),
          assert_ptr_equal(cat, SENTINEL));
    isms_assessment *a = SENTINEL;
    SWEEP(isms_assessment_new_catalog(&a, cat, 2025, ISMS_SCOPE_BOTH),
          assert_ptr_equal(a, SENTINEL));
    isms_catalog_free(cat); /* the assessment holds a reference */
    isms_entry *e = NULL;
    assert_int_equal(isms_assessment_add(&e, a, "styr-1"), ISMS_OK);
    assert_int_equal(isms_entry_set_status(e, ISMS_STATUS_PARTIAL), ISMS_OK);

    isms_document *doc = full_doc();
    assert_int_equal(isms_document_catalog_count(doc), 0);
    char *before = snapshot(doc);
    SWEEP(isms_document_add_assessment(doc, a), {
        assert_int_equal(isms_document_catalog_count(doc), 0);
        assert_null(isms_document_assessment_find(doc, 2025));
        assert_unchanged(doc, before);
    });
    assert_int_equal(isms_document_catalog_count(doc), 1);
    assert_string_equal(isms_catalog_title(isms_document_catalog_at(doc, 0)),
                        "Stadens regelverk");
    isms_free(before);
    isms_document_free(doc);
}

/* ---- asset: inventory, relations, schemes ------------------------------------------------- */

static void test_inventory(void **state)
{
    (void)state;
    isms_document *doc = full_doc();
    isms_inventory *inv = isms_document_inventory(doc);
    char *before = snapshot(doc);

    isms_asset *a = SENTINEL;
    SWEEP(isms_inventory_add(&a, inv, "NEW-1", "Ett nytt system", ISMS_ASSET_SYSTEM), {
        assert_ptr_equal(a, SENTINEL);
        assert_unchanged(doc, before);
    });
    assert_string_equal(isms_asset_id(a), "NEW-1");
    isms_free(before);

    before = snapshot(doc);
    SWEEP(isms_inventory_link(inv, "NEW-1", "INFO-1", ISMS_REL_PROCESSES),
          assert_unchanged(doc, before));
    assert_changed(doc, before);
    isms_free(before);
    before = snapshot(doc);
    SWEEP(isms_asset_set(a, ISMS_ASSET_PURPOSE, "Stöd för handläggning"),
          assert_unchanged(doc, before));
    assert_changed(doc, before);
    isms_free(before);

    /* Relations from CSV text and from a file, with notes: all or nothing. */
    static const char rel[] = "Från;Relation;Till\nSYS-1;lagras i;LOC-1\nNEW-1;lagras i;LOC-1\n";
    before = snapshot(doc);
    isms_findings *notes = notes_with_earlier(ISMS_LANG_SV);
    SWEEP(isms_inventory_parse_relations_csv(inv, rel, strlen(rel), "rel.csv", notes), {
        assert_only_earlier(notes);
        assert_unchanged(doc, before);
    });
    assert_int_equal(isms_inventory_relation_count(inv), 5);
    isms_findings_free(notes);
    isms_free(before);

    char dir[] = "/tmp/isms-test-oom-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[256];
    snprintf(path, sizeof path, "%s/rel.csv", dir);
    write_file(path, "Från;Relation;Till\nNEW-1;driftar;SYS-1\n");
    before = snapshot(doc);
    notes = notes_with_earlier(ISMS_LANG_SV);
    SWEEP(isms_inventory_load_relations_csv(inv, path, notes), {
        assert_only_earlier(notes);
        assert_unchanged(doc, before);
    });
    assert_int_equal(isms_inventory_relation_count(inv), 6);
    isms_findings_free(notes);
    isms_free(before);
    assert_int_equal(unlink(path), 0);
    assert_int_equal(rmdir(dir), 0);

    /* Computations that store results but change no data. */
    before = snapshot(doc);
    SWEEP(isms_inventory_classify(inv), assert_unchanged(doc, before));
    assert_int_equal(isms_asset_overall(isms_inventory_find(inv, "INFO-1")), 2);
    isms_asset **list = SENTINEL;
    size_t n = 4242;
    SWEEP(isms_inventory_impact(&list, &n, inv, "INFO-1"), {
        assert_ptr_equal(list, SENTINEL);
        assert_int_equal(n, 4242);
        assert_unchanged(doc, before);
    });
    assert_int_equal(n, 3); /* SYS-1 and NEW-1 process it, LOC-1 stores it */
    isms_free(list);
    list = SENTINEL;
    n = 4242;
    SWEEP(isms_inventory_due(&list, &n, inv, 2026), {
        assert_ptr_equal(list, SENTINEL);
        assert_int_equal(n, 4242);
        assert_unchanged(doc, before);
    });
    isms_free(list);
    notes = notes_with_earlier(ISMS_LANG_SV);
    SWEEP(isms_inventory_lint(notes, inv, (isms_date){ 2026, 6, 1 }), {
        assert_only_earlier(notes);
        assert_unchanged(doc, before);
    });
    isms_findings_free(notes);
    isms_free(before);
    isms_document_free(doc);
}

static void test_scheme_builder(void **state)
{
    (void)state;
    char before[8192], now[8192];
    isms_scheme_builder *b = SENTINEL;
    SWEEP(isms_scheme_builder_new(&b, "Egen skala"), assert_ptr_equal(b, SENTINEL));
    static const char *const sv[] = { "Ingen", "Låg", "Hög" };
    static const char *const en[] = { "None", "Low", "High" };
    for (int a = 0; a < 3; a++)
        for (int v = 0; v < 3; v++) {
            describe_scheme_builder(before, sizeof before, b);
            SWEEP(isms_scheme_builder_add_level(b, (isms_aspect)a, v, sv[v], en[v],
                                                v == 1 ? "Intern" : NULL),
                  {
                      describe_scheme_builder(now, sizeof now, b);
                      assert_string_equal(now, before);
                  });
        }
    isms_scheme *s = SENTINEL;
    SWEEP(isms_scheme_builder_build(&s, b), assert_ptr_equal(s, SENTINEL));
    assert_int_equal(isms_scheme_level_count(s, ISMS_ASPECT_INTEGRITY), 3);
    isms_scheme_free(s);
    isms_scheme_builder_free(b);

    s = SENTINEL;
    SWEEP(isms_scheme_preset(&s, "klassa"), assert_ptr_equal(s, SENTINEL));
    isms_scheme_free(s);
    isms_inventory *inv = SENTINEL;
    SWEEP(isms_inventory_new(&inv, NULL), assert_ptr_equal(inv, SENTINEL));
    isms_inventory_free(inv);
}

/* ---- plan: actions ------------------------------------------------------------------------ */

static void test_plan(void **state)
{
    (void)state;
    isms_document *doc = full_doc();
    isms_plan *plan = isms_document_plan(doc);
    char *before = snapshot(doc);

    isms_action *a9 = SENTINEL;
    SWEEP(isms_plan_add(&a9, plan, "A9", "En ny åtgärd"), {
        assert_ptr_equal(a9, SENTINEL);
        assert_unchanged(doc, before);
    });
    assert_string_equal(isms_action_id(a9), "A9");
    isms_free(before);

    before = snapshot(doc);
    SWEEP(isms_action_set(a9, ISMS_ACTION_DUE, "T3 2025"), assert_unchanged(doc, before));
    assert_string_equal(isms_action_get(a9, ISMS_ACTION_DUE), "T3 2025");
    isms_free(before);
    before = snapshot(doc);
    SWEEP(isms_action_set(a9, ISMS_ACTION_DESCRIPTION, "Beskrivningen"),
          assert_unchanged(doc, before));
    assert_changed(doc, before);
    isms_free(before);
    before = snapshot(doc);
    SWEEP(isms_action_add_target(a9, ISMS_TARGET_RISK, "R2"), assert_unchanged(doc, before));
    assert_int_equal(isms_action_target_count(a9), 1);
    isms_free(before);
    before = snapshot(doc);
    SWEEP(isms_action_add_prerequisite(a9, "A1"), assert_unchanged(doc, before));
    assert_int_equal(isms_action_prerequisite_count(a9), 1);
    isms_free(before);

    /* Draft actions from the register and the assessment: all or none. A new risk above
     * the acceptance and a requirement with a plan that no action addresses yet. */
    isms_risk *r9 = NULL;
    assert_int_equal(isms_register_add(&r9, isms_document_register(doc), "R9", "Brand", 4, 4),
                     ISMS_OK);
    isms_entry *e = NULL;
    assert_int_equal(isms_assessment_add(&e, isms_document_current(doc), "7.2"), ISMS_OK);
    assert_int_equal(isms_entry_set_status(e, ISMS_STATUS_NO), ISMS_OK);
    assert_int_equal(isms_entry_set(e, ISMS_FIELD_PLAN, "Utbilda alla chefer\nsedan alla"),
                     ISMS_OK);
    before = snapshot(doc);
    size_t added = 4242;
    SWEEP(isms_plan_draft(&added, plan, isms_document_register(doc),
                          isms_document_current(doc), ISMS_LANG_SV),
          {
              assert_int_equal(added, 4242);
              assert_unchanged(doc, before);
          });
    assert_int_equal(added, 2);
    assert_non_null(isms_plan_find(plan, "risk-R9"));
    assert_non_null(isms_plan_find(plan, "req-7.2"));
    isms_free(before);

    /* Priorities and the schedule store results but change no data. */
    before = snapshot(doc);
    isms_action **order = SENTINEL;
    size_t n = 4242;
    SWEEP(isms_plan_prioritise(&order, &n, plan, NULL), {
        assert_ptr_equal(order, SENTINEL);
        assert_int_equal(n, 4242);
        assert_unchanged(doc, before);
    });
    isms_free(order);
    isms_findings *notes = notes_with_earlier(ISMS_LANG_SV);
    SWEEP(isms_plan_lint(notes, plan, (isms_date){ 2025, 1, 10 }), {
        assert_only_earlier(notes);
        assert_unchanged(doc, before);
    });
    isms_findings_free(notes);
    isms_free(before);
    isms_document_free(doc);

    isms_plan *own = SENTINEL;
    SWEEP(isms_plan_new(&own, 2025), assert_ptr_equal(own, SENTINEL));
    isms_plan_free(own);
}

/* ---- methods: models ---------------------------------------------------------------------- */

static void test_models(void **state)
{
    (void)state;
    isms_document *doc = full_doc();
    isms_fair *m = SENTINEL;
    SWEEP(isms_fair_new(&m, "Leverantörskonkurs"), assert_ptr_equal(m, SENTINEL));
    isms_dist f, g;
    assert_int_equal(isms_dist_poisson(&f, 0.2), ISMS_OK);
    assert_int_equal(isms_dist_pert(&g, 1e5, 3e5, 2e6, 4, ISMS_PERT_CLASSIC), ISMS_OK);
    isms_fair_free(m);
    m = SENTINEL;
    SWEEP(isms_fair_new_simple(&m, "Leverantörskonkurs", &f, &g), assert_ptr_equal(m, SENTINEL));

    /* The document takes the model; the caller keeps it on failure. */
    char *before = snapshot(doc);
    SWEEP(isms_document_set_model(doc, "R3", m), {
        assert_null(isms_document_model(doc, "R3"));
        assert_unchanged(doc, before);
    });
    assert_ptr_equal(isms_document_model(doc, "R3"), m);
    isms_free(before);

    /* A model that replaces another, and the removal of one. */
    isms_fair *old = isms_document_model(doc, "R1");
    assert_non_null(old);
    isms_fair *m2 = NULL;
    assert_int_equal(isms_fair_new_simple(&m2, "Utpressning", &f, &g), ISMS_OK);
    before = snapshot(doc);
    SWEEP(isms_document_set_model(doc, "R1", m2), {
        assert_ptr_equal(isms_document_model(doc, "R1"), old);
        assert_unchanged(doc, before);
    });
    assert_ptr_equal(isms_document_model(doc, "R1"), m2);
    isms_free(before);
    before = snapshot(doc);
    SWEEP(isms_document_set_model(doc, "R2", NULL), assert_unchanged(doc, before));
    assert_null(isms_document_model(doc, "R2"));
    assert_changed(doc, before);
    isms_free(before);
    isms_document_free(doc);
}

/* ---- document ----------------------------------------------------------------------------- */

static void test_document(void **state)
{
    (void)state;
    isms_document *doc = SENTINEL;
    SWEEP(isms_document_new(&doc, 2024), assert_ptr_equal(doc, SENTINEL));
    isms_document_free(doc);

    doc = full_doc();
    char *before = snapshot(doc);
    SWEEP(isms_document_set(doc, ISMS_DOC_DECISION, "Planen fastställs med ändringar."),
          assert_unchanged(doc, before));
    assert_changed(doc, before);
    isms_free(before);
    before = snapshot(doc);
    SWEEP(isms_document_add_context(doc, "Ny lag", "Cybersäkerhetslagen"),
          assert_unchanged(doc, before));
    assert_int_equal(isms_document_context_count(doc), 3);
    isms_free(before);

    /* Settings with arrays and strings of their own. */
    isms_settings s;
    assert_int_equal(isms_document_settings(&s, doc), ISMS_OK);
    static const char *const owners[] = { "IT-enheten", "HR", "Säkerhetssamordnare" };
    static const double owner_capacity[] = { 10, 2, 3 };
    s.owners = owners;
    s.owner_capacity = owner_capacity;
    s.owner_count = 3;
    before = snapshot(doc);
    SWEEP(isms_document_set_settings(doc, &s), assert_unchanged(doc, before));
    assert_changed(doc, before);
    isms_free(before);

    /* A matrix of the same scales: every risk is rescored. */
    isms_matrix *m = NULL;
    assert_int_equal(isms_matrix_preset(&m, "4x4"), ISMS_OK);
    before = snapshot(doc);
    SWEEP(isms_document_set_matrix(doc, m), assert_unchanged(doc, before));
    assert_changed(doc, before);
    isms_matrix_free(m);
    isms_free(before);

    before = snapshot(doc);
    isms_findings *notes = notes_with_earlier(ISMS_LANG_SV);
    SWEEP(isms_document_lint(notes, doc), {
        assert_only_earlier(notes);
        assert_unchanged(doc, before);
    });
    isms_findings_free(notes);
    isms_free(before);
    isms_document_free(doc);
}

/* ---- io: files, saves, loaders ------------------------------------------------------------ */

static void test_file_read(void **state)
{
    (void)state;
    char *text = SENTINEL;
    size_t len = 4242;
    SWEEP(isms_file_read(&text, &len, ASSET_DIR "relations-sv.csv", 1024), {
        assert_ptr_equal(text, SENTINEL);
        assert_int_equal(len, 4242);
    });
    size_t raw_len;
    char *raw = slurp(ASSET_DIR "relations-sv.csv", &raw_len);
    assert_int_equal(len, raw_len);
    assert_memory_equal(text, raw, len);
    free(raw);
    isms_free(text);
}

/* A directory holding `name` with "old" in it. */
static void old_file_in(char *dir, char *path, size_t size, const char *name)
{
    assert_non_null(mkdtemp(dir));
    snprintf(path, size, "%s/%s", dir, name);
    write_old_file(path, 0640);
}

static void remove_dir(const char *dir, const char *name)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    assert_int_equal(unlink(path), 0);
    assert_int_equal(rmdir(dir), 0);
}

static void test_file_save(void **state)
{
    (void)state;
    char dir[] = "/tmp/isms-test-oom-XXXXXX";
    char path[256];
    old_file_in(dir, path, sizeof path, "f.txt");
    static const char data[] = "ny text\n";
    SWEEP(isms_file_save(path, data, strlen(data)), assert_old_file_kept(path, dir));
    size_t len;
    char *text = slurp(path, &len);
    assert_string_equal(text, data);
    free(text);
    assert_file_mode(path, 0640);

    /* Through a symbolic link: the file it points to is replaced, the link stays. */
    write_old_file(path, 0640);
    char link[300];
    snprintf(link, sizeof link, "%s/link", dir);
    assert_int_equal(symlink(path, link), 0);
    SWEEP(isms_file_save(link, data, strlen(data)), {
        size_t old_len;
        char *old = slurp(link, &old_len);
        assert_string_equal(old, "old");
        free(old);
        assert_int_equal(count_dir(dir), 2); /* the file and the link, no temporary file */
    });
    text = slurp(path, &len);
    assert_string_equal(text, data);
    free(text);
    assert_int_equal(unlink(link), 0);
    remove_dir(dir, "f.txt");
}

static void test_saves(void **state)
{
    (void)state;
    isms_document *doc = full_doc();
    char *before = snapshot(doc);
    char dir[] = "/tmp/isms-test-oom-XXXXXX";
    char path[256];
    old_file_in(dir, path, sizeof path, "poam.json");
    SWEEP(isms_document_save_oscal(path, doc, ISMS_OSCAL_POAM), {
        assert_old_file_kept(path, dir);
        assert_unchanged(doc, before);
    });
    char *want = NULL;
    size_t want_len = 0;
    assert_int_equal(isms_document_write_oscal(&want, &want_len, doc, ISMS_OSCAL_POAM), ISMS_OK);
    assert_file_is_doc(path, want, want_len);
    remove_dir(dir, "poam.json");
    isms_free(before);
    isms_document_free(doc);

    /* The management review of a small document (a report of full.json would make the
     * sweep slow under valgrind: it is quadratic in the number of allocations). */
    assert_int_equal(isms_document_new(&doc, 2024), ISMS_OK);
    isms_risk *r = NULL;
    assert_int_equal(isms_register_add(&r, isms_document_register(doc), "R1", "Brand", 2, 3),
                     ISMS_OK);
    isms_report_options opt;
    isms_report_options_init(&opt, doc);
    opt.format = ISMS_REPORT_MARKDOWN;
    opt.simulate = false;
    before = snapshot(doc);
    char dir2[] = "/tmp/isms-test-oom-XXXXXX";
    old_file_in(dir2, path, sizeof path, "review.md");
    SWEEP(isms_report_save(doc, path, &opt), {
        assert_old_file_kept(path, dir2);
        assert_unchanged(doc, before);
    });
    assert_int_equal(isms_report_write(&want, &want_len, doc, &opt), ISMS_OK);
    assert_file_is_doc(path, want, want_len);
    remove_dir(dir2, "review.md");
    isms_free(before);
    isms_document_free(doc);
}

/* ---- mutators that need no memory ---------------------------------------------------------- */

/* check-oom.py allows these mutators without a sweep because they allocate nothing: with
 * every allocation failing they still succeed, and nothing was asked for. */
static void test_allowed_mutators_need_no_memory(void **state)
{
    (void)state;
    isms_document *doc = full_doc();
    isms_register *reg = isms_document_register(doc);
    isms_risk *r1 = isms_register_find(reg, "R1");
    isms_assessment *a24 = isms_document_assessment_find(doc, 2024);
    isms_entry *e = isms_assessment_find(a24, "6.1.2");
    isms_inventory *inv = isms_document_inventory(doc);
    isms_asset *info = isms_inventory_find(inv, "INFO-1");
    isms_plan *plan = isms_document_plan(doc);
    isms_action *a1 = isms_plan_find(plan, "A1");
    isms_fair *model = isms_document_model(doc, "R1");
    isms_dist d;
    assert_int_equal(isms_dist_constant(&d, 0.5), ISMS_OK);
    isms_floors floors;
    assert_int_equal(isms_inventory_floors(&floors, inv), ISMS_OK);
    char *before = snapshot(doc);

    isms__alloc_fail_at(1);
    int rc[32];
    int k = 0;
    rc[k++] = isms_risk_set_levels(r1, 2, 2);
    rc[k++] = isms_risk_set_residual(r1, 1, 2);
    rc[k++] = isms_risk_set_stated_value(r1, 4);
    rc[k++] = isms_risk_set_status(r1, ISMS_RISK_CLOSED);
    rc[k++] = isms_entry_set_status(e, ISMS_STATUS_YES);
    rc[k++] = isms_entry_set_need(e, ISMS_NEED_LOW);
    rc[k++] = isms_entry_set_applicability(e, ISMS_APPLICABILITY_APPLICABLE);
    rc[k++] = isms_entry_set_reasons(e, ISMS_REASON_LEGAL);
    rc[k++] = isms_assessment_set_date(a24, (isms_date){ 2024, 12, 1 });
    rc[k++] = isms_asset_set_level(info, ISMS_ASPECT_INTEGRITY, 0);
    rc[k++] = isms_asset_set_override(info, ISMS_ASPECT_AVAILABILITY, ISMS_CLASS_UNSET);
    rc[k++] = isms_asset_set_pdata(info, ISMS_PDATA_ORDINARY, 0);
    rc[k++] = isms_asset_set_type(info, ISMS_ASSET_SERVICE);
    rc[k++] = isms_asset_set_interval(info, 12);
    rc[k++] = isms_asset_set_classified(info, (isms_date){ 2024, 6, 1 });
    rc[k++] = isms_inventory_set_floors(inv, &floors);
    rc[k++] = isms_inventory_unlink(inv, "SYS-1", "INFO-1", ISMS_REL_PROCESSES);
    rc[k++] = isms_action_set_status(a1, ISMS_ACTION_DONE);
    rc[k++] = isms_action_set_cost(a1, 100);
    rc[k++] = isms_action_set_effort(a1, 2);
    rc[k++] = isms_action_set_expected_status(a1, ISMS_STATUS_YES);
    rc[k++] = isms_action_set_recurrence(a1, ISMS_RECUR_YEARLY);
    rc[k++] = isms_fair_set(model, ISMS_FAIR_SLEF, &d);
    rc[k++] = isms_fair_set_events(model, false);
    rc[k++] = isms_document_set_lang(doc, ISMS_LANG_SV);
    rc[k++] = isms_document_set_date(doc, (isms_date){ 2024, 12, 24 });
    rc[k++] = isms_plan_remove(plan, "A3");
    rc[k++] = isms_register_remove(reg, "R3");
    rc[k++] = isms_assessment_remove(a24, "A.5.7");
    rc[k++] = isms_inventory_remove(inv, "LOC-1");
    rc[k++] = isms_document_remove_assessment(doc, 2023);
    bool asked = isms__alloc_failed();
    long count = isms__alloc_count();
    isms__alloc_fail_at(0);
    for (int i = 0; i < k; i++)
        if (rc[i] != ISMS_OK)
            fail_msg("call %d: %d", i, rc[i]);
    assert_false(asked);
    assert_int_equal(count, 0);
    assert_changed(doc, before);
    assert_null(isms_inventory_find(inv, "LOC-1"));
    assert_null(isms_document_assessment_find(doc, 2023));
    isms_free(before);
    isms_document_free(doc);
}

int main(void)
{
    json_set_alloc_funcs(json_alloc, isms__free);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_findings),
        cmocka_unit_test(test_matrix_builder),
        cmocka_unit_test(test_parse_level_without_memory),
        cmocka_unit_test(test_register),
        cmocka_unit_test(test_assessment),
        cmocka_unit_test(test_imported_catalog),
        cmocka_unit_test(test_inventory),
        cmocka_unit_test(test_scheme_builder),
        cmocka_unit_test(test_plan),
        cmocka_unit_test(test_models),
        cmocka_unit_test(test_document),
        cmocka_unit_test(test_file_read),
        cmocka_unit_test(test_file_save),
        cmocka_unit_test(test_saves),
        cmocka_unit_test(test_allowed_mutators_need_no_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
