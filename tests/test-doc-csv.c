/* Unit tests of CSV tables into and out of a document: kinds, detection, import, export. */
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

#define DATA ISMS_TEST_DATA "/doc-csv/"
#define EXAMPLES ISMS_TEST_DATA "/../../examples/data/"

/* ---- helpers ---------------------------------------------------------------------------- */

typedef struct text {
    char *data;
    size_t len;
} text;

static text read_text(const char *path)
{
    text t;
    t.data = slurp(path, &t.len);
    return t;
}

static isms_document *new_doc(int year)
{
    isms_document *doc = NULL;
    assert_int_equal(isms_document_new(&doc, year), ISMS_OK);
    return doc;
}

/* Imports the file at `path` into the document; it must work and be of kind `expect`. */
static void import_file(isms_document *doc, const char *path, isms_table_kind want, int year,
                        isms_table_kind expect, isms_findings *notes)
{
    text t = read_text(path);
    isms_table_kind kind = ISMS_TABLE_UNKNOWN;
    if (isms_document_import_csv(&kind, doc, t.data, t.len, path, want, year, notes) != ISMS_OK)
        fail_msg("%s: %s", path, isms_error_last()->message);
    assert_int_equal(kind, expect);
    free(t.data);
}

/* The sample administration of examples/data/ with the actions of tests/data/doc-csv/. */
static isms_document *sample_doc(void)
{
    isms_document *doc = new_doc(2024);
    import_file(doc, EXAMPLES "riskregister.csv", ISMS_TABLE_UNKNOWN, 0, ISMS_TABLE_RISKS, NULL);
    import_file(doc, EXAMPLES "gap-analysis-2023.csv", ISMS_TABLE_UNKNOWN, 2023,
                ISMS_TABLE_GAP, NULL);
    import_file(doc, EXAMPLES "gap-analysis-2024.csv", ISMS_TABLE_UNKNOWN, 0, ISMS_TABLE_GAP,
                NULL);
    import_file(doc, EXAMPLES "inventory.csv", ISMS_TABLE_UNKNOWN, 0, ISMS_TABLE_ASSETS, NULL);
    import_file(doc, EXAMPLES "relations.csv", ISMS_TABLE_UNKNOWN, 0, ISMS_TABLE_RELATIONS,
                NULL);
    import_file(doc, DATA "actions.csv", ISMS_TABLE_UNKNOWN, 0, ISMS_TABLE_ACTIONS, NULL);
    return doc;
}

/* What import must leave as it was when it fails. */
typedef struct snapshot {
    isms_register *reg;
    size_t n_risks;
    isms_matrix *matrix;
    isms_inventory *inv;
    size_t n_assets, n_relations;
    isms_plan *plan;
    size_t n_actions;
    size_t n_assessments;
    isms_assessment *current;
} snapshot;

static snapshot take(const isms_document *doc)
{
    snapshot s;
    s.reg = isms_document_register(doc);
    s.n_risks = isms_register_count(s.reg);
    s.matrix = isms_register_matrix(s.reg);
    s.inv = isms_document_inventory(doc);
    s.n_assets = isms_inventory_count(s.inv);
    s.n_relations = isms_inventory_relation_count(s.inv);
    s.plan = isms_document_plan(doc);
    s.n_actions = isms_plan_count(s.plan);
    s.n_assessments = isms_document_assessment_count(doc);
    s.current = isms_document_current(doc);
    return s;
}

static void assert_unchanged(const isms_document *doc, const snapshot *s)
{
    snapshot now = take(doc);
    assert_ptr_equal(now.reg, s->reg);
    assert_int_equal(now.n_risks, s->n_risks);
    assert_ptr_equal(now.matrix, s->matrix);
    assert_ptr_equal(now.inv, s->inv);
    assert_int_equal(now.n_assets, s->n_assets);
    assert_int_equal(now.n_relations, s->n_relations);
    assert_ptr_equal(now.plan, s->plan);
    assert_int_equal(now.n_actions, s->n_actions);
    assert_int_equal(now.n_assessments, s->n_assessments);
    assert_ptr_equal(now.current, s->current);
    /* The plan still reads the document's parts. */
    assert_ptr_equal(isms_plan_register(now.plan), now.reg);
    assert_ptr_equal(isms_plan_inventory(now.plan), now.inv);
    assert_ptr_equal(isms_plan_assessment(now.plan), now.current);
}

/* Import that must fail with `code` at `line`, leaving the document and the notes as they
 * were. */
static void import_fails(isms_document *doc, const char *data, size_t len,
                         isms_table_kind want, int code, unsigned line, const char *needle)
{
    snapshot s = take(doc);
    isms_findings *notes = notes_with_earlier(ISMS_LANG_SV);
    isms_table_kind kind = (isms_table_kind)77;
    int rc = isms_document_import_csv(&kind, doc, data, len, "bad.csv", want, 0, notes);
    const isms_error *e = isms_error_last();
    if (rc != code || e->code != code || e->line != line || !strstr(e->message, needle))
        fail_msg("expected %d at line %u with \"%s\", got %d at line %u: %s", code, line,
                 needle, rc, e->line, e->message);
    assert_int_equal(kind, 77);
    assert_only_earlier(notes);
    isms_findings_free(notes);
    assert_unchanged(doc, &s);
}

static isms_table_kind detect(const char *data, size_t len)
{
    isms_table_kind kind = ISMS_TABLE_UNKNOWN;
    if (isms_table_detect(&kind, data, len) != ISMS_OK)
        fail_msg("detect: %s\n%.*s", isms_error_last()->message, (int)(len > 300 ? 300 : len),
                 data);
    return kind;
}

/* ---- kinds ------------------------------------------------------------------------------ */

static void test_kind_vocabulary(void **state)
{
    (void)state;
    static const char *const names[] = { "unknown", "gap", "risks", "assets", "relations",
                                         "actions" };
    for (int k = 0; k <= 5; k++)
        assert_string_equal(isms_table_kind_name((isms_table_kind)k), names[k]);
    assert_string_equal(isms_table_kind_name((isms_table_kind)6), "unknown");
    assert_string_equal(isms_table_kind_name((isms_table_kind)-1), "unknown");
    assert_string_equal(isms_table_kind_label(ISMS_TABLE_GAP, ISMS_LANG_SV), "Gapanalys");
    assert_string_equal(isms_table_kind_label(ISMS_TABLE_GAP, ISMS_LANG_EN), "Gap analysis");
    assert_string_equal(isms_table_kind_label(ISMS_TABLE_RISKS, ISMS_LANG_SV), "Riskregister");
    assert_string_equal(isms_table_kind_label(ISMS_TABLE_ACTIONS, ISMS_LANG_EN),
                        "Improvement actions");
    assert_string_equal(isms_table_kind_label((isms_table_kind)6, ISMS_LANG_SV), "");
    assert_string_equal(isms_table_kind_label(ISMS_TABLE_GAP, (isms_lang)9), "");

    /* Every name and both labels of every kind read back, in any case. */
    for (int k = 1; k <= 5; k++) {
        isms_table_kind out = ISMS_TABLE_UNKNOWN;
        assert_int_equal(isms_table_kind_parse(&out, names[k]), ISMS_OK);
        assert_int_equal(out, k);
        for (int l = 0; l < 2; l++) {
            out = ISMS_TABLE_UNKNOWN;
            assert_int_equal(isms_table_kind_parse(&out, isms_table_kind_label(
                                                             (isms_table_kind)k, (isms_lang)l)),
                             ISMS_OK);
            assert_int_equal(out, k);
        }
    }
    isms_table_kind out = ISMS_TABLE_UNKNOWN;
    assert_int_equal(isms_table_kind_parse(&out, "  RISKREGISTER "), ISMS_OK);
    assert_int_equal(out, ISMS_TABLE_RISKS);
    assert_int_equal(isms_table_kind_parse(&out, "TILLGÅNGSFÖRTECKNING"), ISMS_OK);
    assert_int_equal(out, ISMS_TABLE_ASSETS);
    assert_int_equal(isms_table_kind_parse(&out, "action"), ISMS_OK);
    assert_int_equal(out, ISMS_TABLE_ACTIONS);

    out = ISMS_TABLE_GAP;
    assert_int_equal(isms_table_kind_parse(&out, "budget"), ISMS_EPARSE);
    assert_error(ISMS_EPARSE, "table kind \"budget\" is not one of gap, risks, assets, "
                              "relations or actions");
    assert_int_equal(out, ISMS_TABLE_GAP);
    assert_int_equal(isms_table_kind_parse(&out, "unknown"), ISMS_EPARSE);
    assert_int_equal(isms_table_kind_parse(&out, ""), ISMS_EPARSE);
    assert_int_equal(isms_table_kind_parse(NULL, "gap"), ISMS_EINVAL);
    assert_int_equal(isms_table_kind_parse(&out, NULL), ISMS_EINVAL);
}

/* ---- detection -------------------------------------------------------------------------- */

static void test_detect_examples(void **state)
{
    (void)state;
    static const struct {
        const char *path;
        isms_table_kind kind;
    } files[] = {
        { EXAMPLES "riskregister.csv", ISMS_TABLE_RISKS },
        { EXAMPLES "gap-analysis-2023.csv", ISMS_TABLE_GAP },
        { EXAMPLES "gap-analysis-2024.csv", ISMS_TABLE_GAP }, /* Windows-1252, title rows */
        { EXAMPLES "inventory.csv", ISMS_TABLE_ASSETS },
        { EXAMPLES "relations.csv", ISMS_TABLE_RELATIONS },
        { DATA "actions.csv", ISMS_TABLE_ACTIONS },
        { DATA "inventory-small.csv", ISMS_TABLE_ASSETS },
        { ISMS_TEST_DATA "/csv-action/sv-excel-cp1252.csv", ISMS_TABLE_ACTIONS },
        { ISMS_TEST_DATA "/csv-action/en-comma-lf.csv", ISMS_TABLE_ACTIONS },
        { ISMS_TEST_DATA "/csv/english.csv", ISMS_TABLE_RISKS },
        { ISMS_TEST_DATA "/gap/en-2022-comma.csv", ISMS_TABLE_GAP },
        { ISMS_TEST_DATA "/asset/en-comma-lf.csv", ISMS_TABLE_ASSETS },
        { ISMS_TEST_DATA "/asset/relations-en.csv", ISMS_TABLE_RELATIONS },
    };
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        text t = read_text(files[i].path);
        isms_table_kind kind = detect(t.data, t.len);
        if (kind != files[i].kind)
            fail_msg("%s: detected %s", files[i].path, isms_table_kind_name(kind));
        free(t.data);
    }
}

/* Every kind's export, in both languages and with other separators, is detected as that
 * kind; so is an actions table written by isms_plan_write_csv(). */
static void test_detect_exports(void **state)
{
    (void)state;
    isms_document *doc = sample_doc();
    static const unsigned flag_sets[] = { 0, ISMS_CSV_COMMA | ISMS_CSV_LF,
                                          ISMS_CSV_TAB | ISMS_CSV_NO_BOM };
    for (int k = ISMS_TABLE_GAP; k <= ISMS_TABLE_ACTIONS; k++)
        for (int lang = 0; lang < 2; lang++)
            for (size_t f = 0; f < 3; f++) {
                char *doc_text = NULL;
                size_t len = 0;
                assert_int_equal(isms_document_export_csv(&doc_text, &len, doc,
                                                          (isms_table_kind)k, 0,
                                                          (isms_lang)lang, flag_sets[f]),
                                 ISMS_OK);
                isms_table_kind kind = detect(doc_text, len);
                if (kind != (isms_table_kind)k)
                    fail_msg("%s export (lang %d, flags %u) detected as %s",
                             isms_table_kind_name((isms_table_kind)k), lang, flag_sets[f],
                             isms_table_kind_name(kind));
                isms_free(doc_text);
            }
    /* An empty plan's export is its header alone: still actions. */
    isms_plan *plan = NULL;
    assert_int_equal(isms_plan_new(&plan, 2024), ISMS_OK);
    for (int lang = 0; lang < 2; lang++) {
        char *csv = NULL;
        size_t len = 0;
        assert_int_equal(isms_plan_write_csv(&csv, &len, plan, (isms_lang)lang, 0), ISMS_OK);
        assert_int_equal(detect(csv, len), ISMS_TABLE_ACTIONS);
        isms_free(csv);
    }
    isms_plan_free(plan);
    isms_document_free(doc);
}

static void test_detect_errors(void **state)
{
    (void)state;
    isms_table_kind kind = ISMS_TABLE_RELATIONS;
    text t = read_text(DATA "ambiguous.csv");
    assert_int_equal(isms_table_detect(&kind, t.data, t.len), ISMS_EPARSE);
    assert_error(ISMS_EPARSE, "line 1: the headers fit gap and actions tables equally well; "
                              "give the kind of the table (--kind gap or --kind actions)");
    assert_int_equal(kind, ISMS_TABLE_RELATIONS);
    free(t.data);

    /* Three kinds know "ID", "Åtgärd", "Ansvarig" and "Status" alike. */
    const char *three = "Rapport\nID;Åtgärd;Ansvarig;Status\n1;x;y;z\n";
    assert_int_equal(isms_table_detect(&kind, three, strlen(three)), ISMS_EPARSE);
    assert_error(ISMS_EPARSE, "line 2: the headers fit gap, risks and actions tables equally "
                              "well; give the kind of the table (--kind gap, --kind risks or "
                              "--kind actions)");
    /* One header more decides it. */
    const char *more = "ID;Åtgärd;Ansvarig;Status;Insats\n1;x;y;z;M\n";
    assert_int_equal(detect(more, strlen(more)), ISMS_TABLE_ACTIONS);
    const char *gap = "ID;Åtgärd;Ansvarig;Status;Åtgärdsbehov\n1;x;y;Ja;Låg\n";
    assert_int_equal(detect(gap, strlen(gap)), ISMS_TABLE_GAP);

    t = read_text(DATA "unknown.csv");
    assert_int_equal(isms_table_detect(&kind, t.data, t.len), ISMS_EPARSE);
    assert_error(ISMS_EPARSE, "line 1: no header row recognised; expected the headers of a gap "
                              "analysis");
    assert_error(ISMS_EPARSE, "give the kind of the table (--kind gap, risks, assets, relations "
                              "or actions)");
    free(t.data);
    /* One known header is not a header row. */
    assert_int_equal(isms_table_detect(&kind, "Risk;Anteckning\nx;y\n", 20), ISMS_EPARSE);
    assert_int_equal(isms_table_detect(&kind, "", 0), ISMS_EPARSE);
    assert_error(ISMS_EPARSE, "line 1: the file is empty");
    assert_int_equal(isms_table_detect(&kind, NULL, 0), ISMS_EPARSE);
    assert_int_equal(isms_table_detect(&kind, "ISO;Krav\n\"4.1;x\n", 16), ISMS_EPARSE);
    assert_int_equal(isms_table_detect(NULL, "x", 1), ISMS_EINVAL);
    assert_int_equal(isms_table_detect(&kind, NULL, 1), ISMS_EINVAL);
    assert_int_equal(isms_table_detect(&kind, "x", ISMS_CSV_MAX_INPUT + 1u), ISMS_ERANGE);
    assert_int_equal(kind, ISMS_TABLE_RELATIONS);
}

/* ---- import ----------------------------------------------------------------------------- */

static void test_import_sample(void **state)
{
    (void)state;
    isms_document *doc = new_doc(2024);
    isms_findings *notes = new_notes(ISMS_LANG_EN);
    import_file(doc, EXAMPLES "riskregister.csv", ISMS_TABLE_UNKNOWN, 0, ISMS_TABLE_RISKS,
                notes);
    const isms_register *reg = isms_document_register(doc);
    assert_int_equal(isms_register_count(reg), 12);
    const isms_risk *r1 = isms_register_find(reg, "R1");
    assert_non_null(r1);
    assert_int_equal(isms_risk_value(r1, ISMS_INHERENT), 12); /* 3/4 */
    /* The importer's notes reach the caller (no id column). */
    assert_int_equal(count_notes(notes, "csv-generated-id", NULL), 1);

    import_file(doc, EXAMPLES "gap-analysis-2023.csv", ISMS_TABLE_UNKNOWN, 2023,
                ISMS_TABLE_GAP, notes);
    assert_int_equal(isms_document_assessment_count(doc), 1);
    const isms_assessment *a2023 = isms_document_assessment_find(doc, 2023);
    assert_non_null(a2023);
    assert_int_equal(isms_assessment_count(a2023), 26);
    /* Year 0 is the document's year. */
    import_file(doc, EXAMPLES "gap-analysis-2024.csv", ISMS_TABLE_GAP, 0, ISMS_TABLE_GAP,
                notes);
    assert_int_equal(isms_document_assessment_count(doc), 2);
    assert_int_equal(isms_assessment_year(isms_document_current(doc)), 2024);
    assert_int_equal(count_notes(notes, "csv-encoding", NULL), 1); /* 2024 is Windows-1252 */

    import_file(doc, EXAMPLES "inventory.csv", ISMS_TABLE_UNKNOWN, 0, ISMS_TABLE_ASSETS, notes);
    assert_int_equal(isms_inventory_count(isms_document_inventory(doc)), 22);
    import_file(doc, EXAMPLES "relations.csv", ISMS_TABLE_UNKNOWN, 0, ISMS_TABLE_RELATIONS,
                notes);
    assert_int_equal(isms_inventory_relation_count(isms_document_inventory(doc)), 33);
    assert_int_equal(isms_inventory_count(isms_document_inventory(doc)), 22);

    import_file(doc, DATA "actions.csv", ISMS_TABLE_UNKNOWN, 0, ISMS_TABLE_ACTIONS, notes);
    const isms_plan *plan = isms_document_plan(doc);
    assert_int_equal(isms_plan_count(plan), 3);
    assert_int_equal(isms_plan_year(plan), 2024); /* "Q2" is Q2 of the document's year */
    isms_period due = isms_action_due(isms_plan_at(plan, 0));
    assert_int_equal(due.end.year, 2024);
    assert_int_equal(due.end.month, 6);
    assert_string_equal(isms_action_prerequisite(isms_plan_find(plan, "Å2"), 0), "Å3");
    /* The plan reads the document's parts: every target is found. */
    assert_ptr_equal(isms_plan_register(plan), isms_document_register(doc));
    assert_ptr_equal(isms_plan_assessment(plan), isms_document_current(doc));
    assert_ptr_equal(isms_plan_inventory(plan), isms_document_inventory(doc));
    isms_findings *lint = new_notes(ISMS_LANG_EN);
    assert_int_equal(isms_plan_lint(lint, plan, (isms_date){ 0, 0, 0 }), ISMS_OK);
    assert_int_equal(count_notes(lint, "plan-unknown-target", NULL), 0);
    isms_findings_free(lint);
    isms_findings_free(notes);

    /* Importing a gap table of a year already there replaces it. */
    const isms_assessment *old2023 = isms_document_assessment_find(doc, 2023);
    import_file(doc, EXAMPLES "gap-analysis-2023.csv", ISMS_TABLE_UNKNOWN, 2023,
                ISMS_TABLE_GAP, NULL);
    assert_int_equal(isms_document_assessment_count(doc), 2);
    assert_ptr_not_equal(isms_document_assessment_find(doc, 2023), old2023);
    isms_document_free(doc);
}

static void test_import_risks_on_matrix(void **state)
{
    (void)state;
    isms_document *doc = new_doc(2024);
    isms_matrix *m5 = NULL;
    assert_int_equal(isms_matrix_preset(&m5, "5x5"), ISMS_OK);
    assert_int_equal(isms_document_set_matrix(doc, m5), ISMS_OK);
    isms_matrix_free(m5);
    isms_matrix *before = isms_register_matrix(isms_document_register(doc));
    import_file(doc, EXAMPLES "riskregister.csv", ISMS_TABLE_RISKS, 0, ISMS_TABLE_RISKS, NULL);
    const isms_register *reg = isms_document_register(doc);
    assert_ptr_equal(isms_register_matrix(reg), before);
    assert_string_equal(isms_matrix_name(isms_register_matrix(reg)), "5x5");
    /* R1 (3/4 = 12) is "high" (10–16) on 5x5, where 4x4 calls it "very high". */
    const isms_risk *r1 = isms_register_find(reg, "R1");
    int band = isms_matrix_band_of(isms_register_matrix(reg), isms_risk_value(r1, ISMS_INHERENT));
    isms_band b;
    assert_int_equal(isms_matrix_band(&b, isms_register_matrix(reg), (size_t)band), ISMS_OK);
    assert_string_equal(b.name, "high");
    isms_document_free(doc);
}

static void test_import_inventory_keeps(void **state)
{
    (void)state;
    isms_document *doc = sample_doc();
    isms_inventory *old = isms_document_inventory(doc);
    isms_scheme *scheme = isms_inventory_scheme(old);
    /* Floors of the document's own. */
    isms_floors floors;
    assert_int_equal(isms_inventory_floors(&floors, old), ISMS_OK);
    floors.min[0][ISMS_ASPECT_AVAILABILITY] = 2;
    assert_int_equal(isms_inventory_set_floors(old, &floors), ISMS_OK);

    isms_findings *notes = new_notes(ISMS_LANG_EN);
    import_file(doc, DATA "inventory-small.csv", ISMS_TABLE_UNKNOWN, 0, ISMS_TABLE_ASSETS,
                notes);
    isms_inventory *inv = isms_document_inventory(doc);
    assert_ptr_not_equal(inv, old);
    assert_ptr_equal(isms_inventory_scheme(inv), scheme);
    isms_floors now;
    assert_int_equal(isms_inventory_floors(&now, inv), ISMS_OK);
    assert_memory_equal(&now, &floors, sizeof now);
    assert_int_equal(isms_inventory_count(inv), 3);
    /* Of the 33 relations, the two between assets that are still there stay. */
    assert_int_equal(isms_inventory_relation_count(inv), 2);
    isms_relation_info ri;
    assert_int_equal(isms_inventory_relation(&ri, inv, 0), ISMS_OK);
    assert_string_equal(isms_asset_id(ri.src), "SYS1");
    assert_string_equal(isms_asset_id(ri.dst), "INF1");
    assert_int_equal(ri.kind, ISMS_REL_PROCESSES);
    assert_int_equal(isms_inventory_relation(&ri, inv, 1), ISMS_OK);
    assert_string_equal(isms_asset_id(ri.dst), "INF2");
    /* Each dropped one is noted. */
    assert_int_equal(count_notes(notes, "doc-relation-dropped", NULL), 31);
    isms_finding f = note_at(notes, "doc-relation-dropped", 0);
    assert_int_equal(f.severity, ISMS_SEVERITY_WARNING);
    assert_string_equal(f.ref, "SYS1");
    assert_string_equal(f.message, "The relation SYS1 processes INF3 was dropped: the table "
                                   "lacks INF3.");
    isms_findings_free(notes);
    /* The plan reads the new inventory. */
    assert_ptr_equal(isms_plan_inventory(isms_document_plan(doc)), inv);
    isms_document_free(doc);
}

static void test_import_relations_replace(void **state)
{
    (void)state;
    isms_document *doc = sample_doc();
    char *before = NULL;
    assert_int_equal(isms_document_export_csv(&before, NULL, doc, ISMS_TABLE_ASSETS, 0,
                                              ISMS_LANG_SV, 0),
                     ISMS_OK);
    isms_floors floors;
    assert_int_equal(isms_inventory_floors(&floors, isms_document_inventory(doc)), ISMS_OK);
    floors.min[1][ISMS_ASPECT_INTEGRITY] = 3;
    assert_int_equal(isms_inventory_set_floors(isms_document_inventory(doc), &floors), ISMS_OK);
    isms_scheme *scheme = isms_inventory_scheme(isms_document_inventory(doc));

    /* A table whose relation the inventory already has replaces, it does not collide. */
    const char *rel = "Från;Relation;Till\nSYS1;behandlar;INF1\nINF1;lagras i;SYS1\n";
    isms_table_kind kind = ISMS_TABLE_UNKNOWN;
    assert_int_equal(isms_document_import_csv(&kind, doc, rel, strlen(rel), NULL,
                                              ISMS_TABLE_UNKNOWN, 0, NULL),
                     ISMS_OK);
    assert_int_equal(kind, ISMS_TABLE_RELATIONS);
    isms_inventory *inv = isms_document_inventory(doc);
    assert_int_equal(isms_inventory_relation_count(inv), 2);
    isms_relation_info ri;
    assert_int_equal(isms_inventory_relation(&ri, inv, 1), ISMS_OK);
    assert_int_equal(ri.kind, ISMS_REL_STORED_AT);
    /* The assets are the same, every field; so are the scheme and floors. */
    char *after = NULL;
    assert_int_equal(isms_document_export_csv(&after, NULL, doc, ISMS_TABLE_ASSETS, 0,
                                              ISMS_LANG_SV, 0),
                     ISMS_OK);
    assert_string_equal(after, before);
    isms_free(after);
    isms_free(before);
    assert_ptr_equal(isms_inventory_scheme(inv), scheme);
    isms_floors now;
    assert_int_equal(isms_inventory_floors(&now, inv), ISMS_OK);
    assert_memory_equal(&now, &floors, sizeof now);

    /* A relation to an asset that is not there: nothing changes. */
    text t = read_text(DATA "relations-broken.csv");
    import_fails(doc, t.data, t.len, ISMS_TABLE_UNKNOWN, ISMS_ENOTFOUND, 3,
                 "the inventory has no asset with the id \"INF99\"");
    free(t.data);
    isms_document_free(doc);
}

static void test_import_errors(void **state)
{
    (void)state;
    isms_document *doc = sample_doc();
    /* Detection fails: nothing changes. */
    text t = read_text(DATA "ambiguous.csv");
    import_fails(doc, t.data, t.len, ISMS_TABLE_UNKNOWN, ISMS_EPARSE, 1, "equally well");
    /* ... but the kind given decides. */
    import_fails(doc, t.data, t.len, ISMS_TABLE_GAP, ISMS_EPARSE, 1, "reference");
    free(t.data);
    t = read_text(DATA "unknown.csv");
    import_fails(doc, t.data, t.len, ISMS_TABLE_UNKNOWN, ISMS_EPARSE, 1, "no header row");
    free(t.data);

    /* Each kind's importer refuses: its error, nothing changes. */
    const char *risks = "Risk;Sannolikhet/konsekvens (1-4)\nNätfiske;hög\n";
    import_fails(doc, risks, strlen(risks), ISMS_TABLE_UNKNOWN, ISMS_EPARSE, 2, "line 2");
    const char *gap = "ISO;Krav;Nuläge\n4.1;Förståelse;kanske\n";
    import_fails(doc, gap, strlen(gap), ISMS_TABLE_UNKNOWN, ISMS_EPARSE, 2, "kanske");
    const char *assets = "ID;Namn;K\nINF1;x;1\nINF1;y;2\n";
    import_fails(doc, assets, strlen(assets), ISMS_TABLE_ASSETS, ISMS_EEXIST, 3, "INF1");
    const char *relations = "Från;Relation;Till\nSYS1;äter;INF1\n";
    import_fails(doc, relations, strlen(relations), ISMS_TABLE_UNKNOWN, ISMS_EPARSE, 2,
                 "relation \"äter\"");
    const char *actions = "Åtgärd-id;Åtgärd;Förutsättningar\nX;y;Z\n";
    import_fails(doc, actions, strlen(actions), ISMS_TABLE_UNKNOWN, ISMS_ENOTFOUND, 2,
                 "\"Z\"");
    /* The wrong kind given: the importer says what it misses. */
    t = read_text(EXAMPLES "riskregister.csv");
    import_fails(doc, t.data, t.len, ISMS_TABLE_RELATIONS, ISMS_EPARSE, 1, "no header row");
    free(t.data);

    /* Arguments. */
    snapshot s = take(doc);
    isms_table_kind kind = (isms_table_kind)77;
    assert_int_equal(isms_document_import_csv(&kind, NULL, "x", 1, NULL, 0, 0, NULL),
                     ISMS_EINVAL);
    assert_int_equal(isms_document_import_csv(&kind, doc, NULL, 1, NULL, 0, 0, NULL),
                     ISMS_EINVAL);
    assert_int_equal(isms_document_import_csv(&kind, doc, "x", 1, NULL, (isms_table_kind)6, 0,
                                              NULL),
                     ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "unknown table kind 6");
    assert_int_equal(isms_document_import_csv(&kind, doc, "x", 1, NULL, ISMS_TABLE_GAP, 1899,
                                              NULL),
                     ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "the year 1899 is outside 1900–9999");
    assert_int_equal(isms_document_import_csv(&kind, doc, "x", ISMS_CSV_MAX_INPUT + 1u, NULL,
                                              ISMS_TABLE_UNKNOWN, 0, NULL),
                     ISMS_ERANGE);
    assert_int_equal(isms_document_import_csv(&kind, doc, NULL, 0, NULL, ISMS_TABLE_UNKNOWN, 0,
                                              NULL),
                     ISMS_EPARSE);
    assert_int_equal(kind, 77);
    assert_unchanged(doc, &s);
    /* The kind may be left out. */
    t = read_text(DATA "actions.csv");
    assert_int_equal(isms_document_import_csv(NULL, doc, t.data, t.len, NULL, 0, 0, NULL),
                     ISMS_OK);
    free(t.data);
    isms_document_free(doc);
}

/* ---- export ----------------------------------------------------------------------------- */

static void test_export(void **state)
{
    (void)state;
    isms_document *doc = sample_doc();
    /* Each kind is its part written by that part's writer. */
    for (int k = ISMS_TABLE_GAP; k <= ISMS_TABLE_ACTIONS; k++) {
        char *a = NULL, *b = NULL;
        size_t la = 0, lb = 0;
        assert_int_equal(isms_document_export_csv(&a, &la, doc, (isms_table_kind)k, 0,
                                                  ISMS_LANG_EN, ISMS_CSV_COMMA),
                         ISMS_OK);
        int rc = ISMS_EINVAL;
        switch (k) {
        case ISMS_TABLE_GAP:
            rc = isms_assessment_write_csv(&b, &lb, isms_document_current(doc), ISMS_LANG_EN,
                                           ISMS_CSV_COMMA);
            break;
        case ISMS_TABLE_RISKS:
            rc = isms_register_write_csv(&b, &lb, isms_document_register(doc), ISMS_LANG_EN,
                                         ISMS_CSV_COMMA);
            break;
        case ISMS_TABLE_ASSETS:
            rc = isms_inventory_write_csv(&b, &lb, isms_document_inventory(doc), ISMS_LANG_EN,
                                          ISMS_CSV_COMMA);
            break;
        case ISMS_TABLE_RELATIONS:
            rc = isms_inventory_write_relations_csv(&b, &lb, isms_document_inventory(doc),
                                                    ISMS_LANG_EN, ISMS_CSV_COMMA);
            break;
        case ISMS_TABLE_ACTIONS:
            rc = isms_plan_write_csv(&b, &lb, isms_document_plan(doc), ISMS_LANG_EN,
                                     ISMS_CSV_COMMA);
            break;
        }
        assert_int_equal(rc, ISMS_OK);
        assert_int_equal(la, lb);
        assert_string_equal(a, b);
        isms_free(a);
        isms_free(b);
    }

    /* Gap tables by year: 0 is the latest; the header row names the edition and the rows
     * hold that year's statuses. */
    char *latest = NULL, *y2024 = NULL, *y2023 = NULL, *direct = NULL;
    assert_int_equal(isms_document_export_csv(&latest, NULL, doc, ISMS_TABLE_GAP, 0,
                                              ISMS_LANG_SV, 0),
                     ISMS_OK);
    assert_int_equal(isms_document_export_csv(&y2024, NULL, doc, ISMS_TABLE_GAP, 2024,
                                              ISMS_LANG_SV, 0),
                     ISMS_OK);
    assert_int_equal(isms_document_export_csv(&y2023, NULL, doc, ISMS_TABLE_GAP, 2023,
                                              ISMS_LANG_SV, 0),
                     ISMS_OK);
    assert_int_equal(isms_assessment_write_csv(&direct, NULL,
                                               isms_document_assessment_find(doc, 2023),
                                               ISMS_LANG_SV, 0),
                     ISMS_OK);
    assert_string_equal(latest, y2024);
    assert_string_equal(y2023, direct);
    assert_string_not_equal(y2023, y2024);
    isms_free(latest);
    isms_free(y2024);
    isms_free(y2023);
    isms_free(direct);

    char *out = (char *)(uintptr_t)0x1;
    size_t len = 4242;
    assert_int_equal(isms_document_export_csv(&out, &len, doc, ISMS_TABLE_GAP, 2021,
                                              ISMS_LANG_SV, 0),
                     ISMS_ENOTFOUND);
    assert_error(ISMS_ENOTFOUND, "the document has no assessment of 2021; it has 2023 and 2024");
    assert_int_equal(isms_document_export_csv(&out, &len, doc, ISMS_TABLE_UNKNOWN, 0,
                                              ISMS_LANG_SV, 0),
                     ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "the table kind 0 is not one of 1–5");
    assert_int_equal(isms_document_export_csv(&out, &len, doc, ISMS_TABLE_RISKS, 0,
                                              (isms_lang)5, 0),
                     ISMS_EINVAL);
    assert_int_equal(isms_document_export_csv(NULL, &len, doc, ISMS_TABLE_RISKS, 0,
                                              ISMS_LANG_SV, 0),
                     ISMS_EINVAL);
    assert_int_equal(isms_document_export_csv(&out, &len, NULL, ISMS_TABLE_RISKS, 0,
                                              ISMS_LANG_SV, 0),
                     ISMS_EINVAL);
    assert_ptr_equal(out, (char *)(uintptr_t)0x1);
    assert_int_equal(len, 4242);
    isms_document_free(doc);

    /* A new document: its empty parts export as their headers; it has no gap table. */
    doc = new_doc(2025);
    assert_int_equal(isms_document_export_csv(&out, NULL, doc, ISMS_TABLE_RELATIONS, 0,
                                              ISMS_LANG_EN, ISMS_CSV_NO_BOM | ISMS_CSV_LF),
                     ISMS_OK);
    assert_string_equal(out, "From;Kind;To\n");
    isms_free(out);
    out = (char *)(uintptr_t)0x1;
    assert_int_equal(isms_document_export_csv(&out, NULL, doc, ISMS_TABLE_GAP, 0, ISMS_LANG_SV,
                                              0),
                     ISMS_ENOTFOUND);
    assert_error(ISMS_ENOTFOUND, "the document has no assessment (gap analysis) to export");
    assert_ptr_equal(out, (char *)(uintptr_t)0x1);
    isms_document_free(doc);
}

/* Every table out of one document and into another, in both languages: the second exports
 * the same tables. */
static void test_roundtrip(void **state)
{
    (void)state;
    isms_document *a = sample_doc();
    for (int lang = 0; lang < 2; lang++) {
        isms_document *b = new_doc(2024);
        /* Assets before relations and the gap tables before the actions that name them. */
        static const isms_table_kind order[] = { ISMS_TABLE_ASSETS, ISMS_TABLE_RELATIONS,
                                                 ISMS_TABLE_RISKS, ISMS_TABLE_GAP,
                                                 ISMS_TABLE_ACTIONS };
        for (size_t i = 0; i < 5; i++) {
            int years[2] = { 2023, 2024 };
            for (int y = 0; y < (order[i] == ISMS_TABLE_GAP ? 2 : 1); y++) {
                int year = order[i] == ISMS_TABLE_GAP ? years[y] : 0;
                char *csv = NULL;
                size_t len = 0;
                assert_int_equal(isms_document_export_csv(&csv, &len, a, order[i], year,
                                                          (isms_lang)lang, ISMS_CSV_TAB),
                                 ISMS_OK);
                isms_table_kind kind = ISMS_TABLE_UNKNOWN;
                if (isms_document_import_csv(&kind, b, csv, len, "export.csv",
                                             ISMS_TABLE_UNKNOWN, year, NULL) != ISMS_OK)
                    fail_msg("%s: %s", isms_table_kind_name(order[i]),
                             isms_error_last()->message);
                assert_int_equal(kind, order[i]);
                isms_free(csv);
            }
        }
        for (int k = ISMS_TABLE_GAP; k <= ISMS_TABLE_ACTIONS; k++)
            for (int year = 0; year <= (k == ISMS_TABLE_GAP ? 2024 : 0);
                 year = year ? year + 1 : 2023) {
                char *x = NULL, *y = NULL;
                assert_int_equal(isms_document_export_csv(&x, NULL, a, (isms_table_kind)k, year,
                                                          ISMS_LANG_SV, 0),
                                 ISMS_OK);
                assert_int_equal(isms_document_export_csv(&y, NULL, b, (isms_table_kind)k, year,
                                                          ISMS_LANG_SV, 0),
                                 ISMS_OK);
                assert_string_equal(x, y);
                isms_free(x);
                isms_free(y);
            }
        isms_document_free(b);
    }
    isms_document_free(a);
}

/* ---- allocation failure ----------------------------------------------------------------- */

/* Imports `path` into the document `make()` gives with the n-th allocation failing, n = 1,
 * 2, ...: out of memory leaves the document and the notes as they were. */
static void sweep_import_into(isms_document *(*make)(void), const char *path,
                              isms_table_kind want, int year, isms_table_kind expect)
{
    text t = read_text(path);
    for (int with_notes = 0; with_notes < 2; with_notes++) {
        isms_document *doc = make();
        snapshot s = take(doc);
        for (long n = 1;; n++) {
            isms_findings *notes = with_notes ? notes_with_earlier(ISMS_LANG_SV) : NULL;
            isms_table_kind kind = (isms_table_kind)77;
            isms__alloc_fail_at(n);
            int rc = isms_document_import_csv(&kind, doc, t.data, t.len, path, want, year,
                                              notes);
            bool injected = isms__alloc_failed();
            isms__alloc_fail_at(0);
            if (!injected) {
                assert_int_equal(rc, ISMS_OK);
                assert_int_equal(kind, expect);
                isms_findings_free(notes);
                break;
            }
            if (rc != ISMS_ENOMEM)
                fail_msg("%s, allocation %ld: %d %s", path, n, rc, isms_error_last()->message);
            assert_int_equal(isms_error_last()->code, ISMS_ENOMEM);
            assert_int_equal(kind, 77);
            if (notes)
                assert_only_earlier(notes);
            isms_findings_free(notes);
            assert_unchanged(doc, &s);
            assert_true(n < 100000);
        }
        isms_document_free(doc);
    }
    free(t.data);
}

static void sweep_import_kind(const char *path, isms_table_kind want, int year,
                              isms_table_kind expect)
{
    sweep_import_into(sample_doc, path, want, year, expect);
}

static void test_alloc_failure(void **state)
{
    (void)state;
    sweep_import_kind(EXAMPLES "riskregister.csv", ISMS_TABLE_UNKNOWN, 0, ISMS_TABLE_RISKS);
    sweep_import_kind(EXAMPLES "gap-analysis-2023.csv", ISMS_TABLE_UNKNOWN, 2022,
                      ISMS_TABLE_GAP);
    sweep_import_kind(EXAMPLES "gap-analysis-2024.csv", ISMS_TABLE_GAP, 0, ISMS_TABLE_GAP);
    sweep_import_kind(DATA "inventory-small.csv", ISMS_TABLE_UNKNOWN, 0, ISMS_TABLE_ASSETS);
    sweep_import_kind(EXAMPLES "relations.csv", ISMS_TABLE_UNKNOWN, 0, ISMS_TABLE_RELATIONS);
    sweep_import_kind(DATA "actions.csv", ISMS_TABLE_ACTIONS, 0, ISMS_TABLE_ACTIONS);

    text t = read_text(EXAMPLES "gap-analysis-2024.csv");
    isms_table_kind kind = (isms_table_kind)77;
    SWEEP(isms_table_detect(&kind, t.data, t.len), assert_int_equal(kind, 77));
    assert_int_equal(kind, ISMS_TABLE_GAP);
    free(t.data);

    isms_document *doc = sample_doc();
    for (int k = ISMS_TABLE_GAP; k <= ISMS_TABLE_ACTIONS; k++) {
        char *out;
        size_t len;
        SWEEP_WRITE(out, len, isms_document_export_csv(&out, &len, doc, (isms_table_kind)k, 0,
                                                       ISMS_LANG_SV, 0));
    }
    isms_document_free(doc);
}

/* ---- gap tables against an imported catalog ---------------------------------------------- */

#define CATALOG_SAMPLE EXAMPLES "exempelstad-krav.oscal.json"
#define CATALOG_TABLE ISMS_TEST_DATA "/csv-gap-catalog/exempelstad.csv"
#define CAT_TITLE "Exempelstads grundläggande informationssäkerhetskrav"

/* A document of 2025: 2023 against ISO/IEC 27001:2022, 2024 against the sample catalog. */
static isms_document *catalog_doc(void)
{
    isms_document *doc = new_doc(2025);
    isms_catalog *cat = NULL;
    if (isms_catalog_load_oscal(&cat, CATALOG_SAMPLE) != ISMS_OK)
        fail_msg("%s: %s", CATALOG_SAMPLE, isms_error_last()->message);
    isms_assessment *a = NULL;
    assert_int_equal(isms_assessment_new(&a, ISMS_EDITION_2022, 2023, ISMS_SCOPE_BOTH), ISMS_OK);
    assert_int_equal(isms_assessment_add(NULL, a, "6.1.2"), ISMS_OK);
    assert_int_equal(isms_document_add_assessment(doc, a), ISMS_OK);
    assert_int_equal(isms_assessment_new_catalog(&a, cat, 2024, ISMS_SCOPE_BOTH), ISMS_OK);
    assert_int_equal(isms_assessment_add(NULL, a, "beh-2"), ISMS_OK);
    assert_int_equal(isms_document_add_assessment(doc, a), ISMS_OK);
    isms_catalog_free(cat);
    return doc;
}

static void test_catalog_tables(void **state)
{
    (void)state;
    isms_document *doc = catalog_doc();
    const isms_catalog *cat = isms_assessment_catalog(isms_document_assessment_find(doc, 2024));
    /* A table of a new year (the document's: 2025) is read against the latest assessment's
     * catalog: its labels and OSCAL ids in any case are the catalog's items. */
    isms_findings *notes = new_notes(ISMS_LANG_EN);
    import_file(doc, CATALOG_TABLE, ISMS_TABLE_UNKNOWN, 0, ISMS_TABLE_GAP, notes);
    const isms_assessment *a25 = isms_document_current(doc);
    assert_int_equal(isms_assessment_year(a25), 2025);
    assert_ptr_equal(isms_assessment_catalog(a25), cat);
    assert_int_equal(isms_assessment_edition(a25), ISMS_EDITION_IMPORTED);
    assert_int_equal(isms_assessment_scope(a25), ISMS_SCOPE_BOTH);
    assert_int_equal(isms_assessment_count(a25), 7);
    assert_string_equal(isms_entry_ref(isms_assessment_at(a25, 0)), "STY-1");
    assert_non_null(isms_entry_item(isms_assessment_at(a25, 0)));
    assert_string_equal(isms_entry_ref(isms_assessment_at(a25, 6)), "KSF-1");
    assert_null(isms_entry_item(isms_assessment_at(a25, 6)));
    assert_string_equal(note_at(notes, "gap-edition", 0).message,
                        "The table was read against the catalog \"" CAT_TITLE "\", given for "
                        "the import; the table was not examined for an edition.");
    isms_findings_free(notes);

    /* Its export names the catalog and reads back the same, into another year. */
    char *out = NULL;
    size_t len = 0;
    assert_int_equal(isms_document_export_csv(&out, &len, doc, ISMS_TABLE_GAP, 2025,
                                              ISMS_LANG_SV, ISMS_CSV_NO_BOM),
                     ISMS_OK);
    assert_int_equal(strncmp(out, CAT_TITLE ";", strlen(CAT_TITLE ";")), 0);
    isms_table_kind kind = ISMS_TABLE_UNKNOWN;
    assert_int_equal(isms_document_import_csv(&kind, doc, out, len, "export.csv",
                                              ISMS_TABLE_UNKNOWN, 2026, NULL),
                     ISMS_OK);
    assert_int_equal(kind, ISMS_TABLE_GAP);
    const isms_assessment *a26 = isms_document_assessment_find(doc, 2026);
    assert_ptr_equal(isms_assessment_catalog(a26), cat);
    assert_int_equal(isms_assessment_count(a26), 7);
    for (size_t i = 0; i < 7; i++) {
        const isms_entry *x = isms_assessment_at(a25, i), *y = isms_assessment_at(a26, i);
        assert_string_equal(isms_entry_ref(x), isms_entry_ref(y));
        assert_ptr_equal(isms_entry_item(x), isms_entry_item(y));
        assert_int_equal(isms_entry_status(x), isms_entry_status(y));
        for (int f = ISMS_FIELD_TEXT; f <= ISMS_FIELD_ORIGIN; f++)
            assert_string_equal(isms_entry_get(x, (isms_entry_field)f),
                                isms_entry_get(y, (isms_entry_field)f));
    }
    isms_free(out);

    /* The year of an assessment against an edition: that edition's way (inferred). */
    static const char iso[] = "ISO;Krav;Nuläge\n6.3;Planering av ändringar;Ja\n";
    assert_int_equal(isms_document_import_csv(NULL, doc, iso, strlen(iso), NULL, ISMS_TABLE_GAP,
                                              2023, NULL),
                     ISMS_OK);
    const isms_assessment *a23 = isms_document_assessment_find(doc, 2023);
    assert_int_equal(isms_assessment_edition(a23), ISMS_EDITION_2022);
    assert_int_equal(isms_assessment_edition_basis(a23), ISMS_BASIS_NEW_CLAUSES);
    /* A year without an assessment, before the latest: an ISO/IEC 27001 table is not read
     * against the latest's catalog, whose items its references are not: inferred. */
    notes = new_notes(ISMS_LANG_EN);
    assert_int_equal(isms_document_import_csv(NULL, doc, iso, strlen(iso), NULL, ISMS_TABLE_GAP,
                                              2020, notes),
                     ISMS_OK);
    const isms_assessment *a20 = isms_document_assessment_find(doc, 2020);
    assert_int_equal(isms_assessment_edition(a20), ISMS_EDITION_2022);
    assert_int_equal(isms_assessment_edition_basis(a20), ISMS_BASIS_NEW_CLAUSES);
    assert_string_equal(isms_entry_ref(isms_assessment_at(a20, 0)), "6.3");
    assert_non_null(isms_entry_item(isms_assessment_at(a20, 0)));
    /* Only the notes of the reading kept: none says the catalog was used. */
    assert_int_equal(count_notes(notes, "gap-edition", NULL), 1);
    assert_null(strstr(note_at(notes, "gap-edition", 0).message, CAT_TITLE));
    isms_findings_free(notes);
    /* The year's own assessment against the catalog: still read against it, even an
     * ISO/IEC 27001 table (its references are then kept as written). */
    assert_int_equal(isms_document_import_csv(NULL, doc, iso, strlen(iso), NULL, ISMS_TABLE_GAP,
                                              2024, NULL),
                     ISMS_OK);
    const isms_assessment *a24 = isms_document_assessment_find(doc, 2024);
    assert_ptr_equal(isms_assessment_catalog(a24), cat);
    assert_string_equal(isms_entry_ref(isms_assessment_at(a24, 0)), "6.3");
    assert_null(isms_entry_item(isms_assessment_at(a24, 0)));
    isms_document_free(doc);

    /* For a year without an assessment, the latest's catalog only when the table fits it:
     * no title row naming a built-in edition, more than half of the references in it. */
    static const struct {
        const char *table;
        bool catalog; /* read against the catalog, else inferred */
    } fit[] = {
        /* 2 of 3 references in the catalog (sty-1, STY-2; 9.9 is not). */
        { "Krav-ID;Nuläge\nsty-1;Ja\nSTY-2;Nej\n9.9;Ja\n", true },
        /* 1 of 3. */
        { "Krav-ID;Nuläge\nsty-1;Ja\n6.1.2;Nej\n9.9;Ja\n", false },
        /* 2 of 4: half is not more than half. */
        { "Krav-ID;Nuläge\nsty-1;Ja\nsty-2;Nej\n6.1.2;Ja\n8.1;Nej\n", false },
        /* All in the catalog, but a title row names ISO/IEC 27001:2022. */
        { "ISO/IEC 27001:2022;;\nKrav-ID;Nuläge\nsty-1;Ja\nsty-2;Nej\n", false },
        /* A title row naming the catalog itself is no edition. */
        { CAT_TITLE ";;\nKrav-ID;Nuläge\nsty-1;Ja\nsty-2;Nej\n", true },
    };
    for (size_t i = 0; i < sizeof fit / sizeof *fit; i++) {
        doc = catalog_doc();
        cat = isms_assessment_catalog(isms_document_assessment_find(doc, 2024));
        notes = new_notes(ISMS_LANG_EN);
        if (isms_document_import_csv(NULL, doc, fit[i].table, strlen(fit[i].table), "fit.csv",
                                     ISMS_TABLE_GAP, 2025, notes) != ISMS_OK)
            fail_msg("table %zu: %s", i, isms_error_last()->message);
        const isms_assessment *a = isms_document_assessment_find(doc, 2025);
        bool against = isms_assessment_catalog(a) == cat;
        if (against != fit[i].catalog)
            fail_msg("table %zu: read %s", i, against ? "against the catalog" : "as ISO/IEC "
                     "27001");
        /* The notes are those of the way it was read, once. */
        assert_int_equal(count_notes(notes, "gap-edition", NULL), 1);
        assert_int_equal(strstr(note_at(notes, "gap-edition", 0).message, CAT_TITLE) != NULL,
                         fit[i].catalog);
        if (!against)
            assert_int_not_equal(isms_assessment_edition(a), ISMS_EDITION_IMPORTED);
        isms_findings_free(notes);
        isms_document_free(doc);
    }

    /* Errors are the table's, with line and column; the document is unchanged. */
    doc = catalog_doc();
    static const char twice[] = "Krav-ID;Nuläge\nsty-1;Ja\nSTY-1;Nej\n";
    assert_int_equal(isms_document_import_csv(NULL, doc, twice, strlen(twice), "twice.csv",
                                              ISMS_TABLE_GAP, 0, NULL),
                     ISMS_EEXIST);
    assert_error(ISMS_EEXIST, "line 3, column 1: requirement STY-1 appears twice, on line 2 "
                              "and on line 3");
    assert_int_equal(isms_document_assessment_count(doc), 2);
    isms_document_free(doc);
}

static void test_catalog_alloc_failure(void **state)
{
    (void)state;
    sweep_import_into(catalog_doc, CATALOG_TABLE, ISMS_TABLE_UNKNOWN, 0, ISMS_TABLE_GAP);
    /* A table that is tried against the catalog and then read as ISO/IEC 27001. */
    static const char iso[] = "ISO;Krav;Nuläge\n6.3;Planering av ändringar;Ja\n";
    for (int with_notes = 0; with_notes < 2; with_notes++) {
        isms_document *d = catalog_doc();
        isms_findings *notes = with_notes ? new_notes(ISMS_LANG_SV) : NULL;
        SWEEP(isms_document_import_csv(NULL, d, iso, strlen(iso), NULL, ISMS_TABLE_GAP, 2025,
                                       notes),
              (assert_int_equal(isms_document_assessment_count(d), 2),
               assert_int_equal(isms_findings_count(notes), 0)));
        assert_int_equal(isms_assessment_edition(isms_document_current(d)), ISMS_EDITION_2022);
        isms_findings_free(notes);
        isms_document_free(d);
    }
    isms_document *doc = catalog_doc();
    char *out;
    size_t len;
    SWEEP_WRITE(out, len, isms_document_export_csv(&out, &len, doc, ISMS_TABLE_GAP, 0,
                                                   ISMS_LANG_EN, 0));
    isms_document_free(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_kind_vocabulary),
        cmocka_unit_test(test_detect_examples),
        cmocka_unit_test(test_detect_exports),
        cmocka_unit_test(test_detect_errors),
        cmocka_unit_test(test_import_sample),
        cmocka_unit_test(test_import_risks_on_matrix),
        cmocka_unit_test(test_import_inventory_keeps),
        cmocka_unit_test(test_import_relations_replace),
        cmocka_unit_test(test_import_errors),
        cmocka_unit_test(test_export),
        cmocka_unit_test(test_roundtrip),
        cmocka_unit_test(test_alloc_failure),
        cmocka_unit_test(test_catalog_tables),
        cmocka_unit_test(test_catalog_alloc_failure),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
