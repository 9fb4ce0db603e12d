/* Unit tests of the document object: defaults, text fields, language and date, context items,
 * the parts and their ownership, assessments by year, models in register order, the matrix
 * change, settings and schedule options, lint, simulation, allocation failure. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "asset/asset-internal.h"

#include "test-util.h"

#define UNSET ISMS_LEVEL_UNSET
#define CVSS "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"

static isms_document *new_doc(int year)
{
    isms_document *doc = NULL;
    assert_int_equal(isms_document_new(&doc, year), ISMS_OK);
    assert_non_null(doc);
    return doc;
}

static isms_risk *add_risk(isms_document *doc, const char *id, int l, int c)
{
    isms_risk *r = NULL;
    assert_int_equal(isms_register_add(&r, isms_document_register(doc), id, id, l, c), ISMS_OK);
    return r;
}

static isms_assessment *new_assessment(isms_edition edition, int year)
{
    isms_assessment *a = NULL;
    assert_int_equal(isms_assessment_new(&a, edition, year, ISMS_SCOPE_CLAUSES), ISMS_OK);
    return a;
}

/* A valid model whose annual loss is always frequency × magnitude (constants, as a rate). */
static isms_fair *constant_model(const char *name, double frequency, double magnitude)
{
    isms_fair *m = NULL;
    isms_dist d;
    assert_int_equal(isms_fair_new(&m, name), ISMS_OK);
    assert_int_equal(isms_dist_constant(&d, frequency), ISMS_OK);
    assert_int_equal(isms_fair_set(m, ISMS_FAIR_LEF, &d), ISMS_OK);
    assert_int_equal(isms_dist_constant(&d, magnitude), ISMS_OK);
    assert_int_equal(isms_fair_set(m, ISMS_FAIR_LM, &d), ISMS_OK);
    return m;
}

static isms_matrix *preset(const char *name)
{
    isms_matrix *m = NULL;
    assert_int_equal(isms_matrix_preset(&m, name), ISMS_OK);
    return m;
}

/* The plan's sources are the document's register, latest assessment and inventory. */
static void assert_sources(const isms_document *doc)
{
    const isms_plan *plan = isms_document_plan(doc);
    assert_ptr_equal(isms_plan_register(plan), isms_document_register(doc));
    assert_ptr_equal(isms_plan_assessment(plan), isms_document_current(doc));
    assert_ptr_equal(isms_plan_inventory(plan), isms_document_inventory(doc));
}

/* The text holds `needle` (assert_contains() of test-util.h, written so that gcc's format
 * checks under the sanitizers do not see a NULL argument). */
static void assert_holds(const char *text, const char *needle)
{
    if (!text || !strstr(text, needle)) {
        print_error("\"%s\" does not contain \"%s\"\n", text ? text : "(null)", needle);
        fail();
    }
}

/* ---- new and defaults -------------------------------------------------------------------- */

static void test_new_defaults(void **state)
{
    (void)state;
    isms_document *doc = new_doc(2024);
    assert_int_equal(isms_document_year(doc), 2024);
    assert_int_equal(isms_document_lang(doc), ISMS_LANG_SV);
    for (int f = ISMS_DOC_ORGANISATION; f <= ISMS_DOC_DECISION; f++)
        assert_string_equal(isms_document_get(doc, (isms_document_field)f), "");
    isms_date d = isms_document_date(doc);
    assert_int_equal(d.year, 0);
    assert_int_equal(d.month, 0);
    assert_int_equal(d.day, 0);
    d = isms_document_today(doc);
    assert_int_equal(d.year, 2024);
    assert_int_equal(d.month, 12);
    assert_int_equal(d.day, 31);
    assert_int_equal(isms_document_context_count(doc), 0);

    isms_register *reg = isms_document_register(doc);
    assert_non_null(reg);
    assert_string_equal(isms_matrix_name(isms_register_matrix(reg)), "4x4");
    assert_int_equal(isms_register_count(reg), 0);

    isms_inventory *inv = isms_document_inventory(doc);
    assert_non_null(inv);
    assert_string_equal(isms_scheme_name(isms_inventory_scheme(inv)), "klassa");
    assert_int_equal(isms_inventory_count(inv), 0);
    isms_floors floors, defaults;
    assert_int_equal(isms_inventory_floors(&floors, inv), ISMS_OK);
    assert_int_equal(isms_floors_default(&defaults, isms_inventory_scheme(inv)), ISMS_OK);
    assert_memory_equal(&floors, &defaults, sizeof floors);

    isms_plan *plan = isms_document_plan(doc);
    assert_non_null(plan);
    assert_int_equal(isms_plan_year(plan), 2024);
    assert_int_equal(isms_plan_count(plan), 0);
    assert_sources(doc);
    assert_null(isms_plan_assessment(plan));

    assert_int_equal(isms_document_assessment_count(doc), 0);
    assert_null(isms_document_current(doc));
    assert_null(isms_document_assessment_at(doc, 0));
    assert_int_equal(isms_document_model_count(doc), 0);
    assert_null(isms_document_model_at(NULL, doc, 0));

    isms_settings s;
    assert_int_equal(isms_document_settings(&s, doc), ISMS_OK);
    assert_double_equal(s.priority.base, 0.1, 0);
    assert_double_equal(s.priority.risk, 1, 0);
    assert_double_equal(s.priority.asset, 0.5, 0);
    assert_double_equal(s.priority.horizon_days, 365, 0);
    assert_double_equal(s.priority.effort_unit, 5, 0);
    assert_double_equal(s.priority.effort, 0.5, 0);
    assert_int_equal(s.priority.today.year, 0);
    assert_double_equal(s.compliance.yes, 1, 0);
    assert_double_equal(s.compliance.partial, 0.5, 0);
    assert_double_equal(s.compliance.no, 0, 0);
    assert_int_equal(s.unit, ISMS_PERIOD_YEAR);
    assert_int_equal(s.start_year, 0);
    assert_int_equal(s.periods, 3);
    assert_double_equal(s.capacity, 0, 0);
    assert_null(s.capacities);
    assert_null(s.owners);
    assert_null(s.owner_capacity);
    assert_int_equal(s.owner_count, 0);
    assert_false(s.strict);
    assert_int_equal(s.iterations, 10000);
    assert_int_equal(s.seed, 1);

    isms_settings def = isms_settings_default();
    assert_int_equal(def.periods, 3);
    assert_int_equal(def.iterations, 10000);
    assert_int_equal(def.seed, 1);
    assert_int_equal(def.start_year, 0);
    isms_document_free(doc);
}

static void test_new_errors(void **state)
{
    (void)state;
    assert_int_equal(isms_document_new(NULL, 2024), ISMS_EINVAL);
    isms_document *doc = NULL;
    assert_int_equal(isms_document_new(&doc, 1899), ISMS_ERANGE);
    assert_error(ISMS_ERANGE, "1899");
    assert_int_equal(isms_document_new(&doc, 10000), ISMS_ERANGE);
    assert_error(ISMS_ERANGE, "1900–9999");
    assert_null(doc);
    doc = new_doc(1900);
    isms_document_free(doc);
    doc = new_doc(9999);
    isms_document_free(doc);
    isms_document_free(NULL);

    doc = NULL;
    SWEEP(isms_document_new(&doc, 2024), assert_null(doc));
    assert_non_null(doc);
    assert_sources(doc);
    isms_document_free(doc);
}

static void test_null_arguments(void **state)
{
    (void)state;
    assert_int_equal(isms_document_year(NULL), 0);
    assert_string_equal(isms_document_get(NULL, ISMS_DOC_TITLE), "");
    assert_int_equal(isms_document_set(NULL, ISMS_DOC_TITLE, "x"), ISMS_EINVAL);
    assert_int_equal(isms_document_lang(NULL), ISMS_LANG_SV);
    assert_int_equal(isms_document_set_lang(NULL, ISMS_LANG_EN), ISMS_EINVAL);
    assert_int_equal(isms_document_date(NULL).year, 0);
    assert_int_equal(isms_document_set_date(NULL, (isms_date){ 2024, 1, 1 }), ISMS_EINVAL);
    assert_int_equal(isms_document_today(NULL).year, 0);
    assert_int_equal(isms_document_context_count(NULL), 0);
    assert_int_equal(isms_document_context(NULL, NULL, NULL, 0), ISMS_EINVAL);
    assert_int_equal(isms_document_add_context(NULL, "t", NULL), ISMS_EINVAL);
    isms_document_clear_context(NULL);
    assert_null(isms_document_register(NULL));
    assert_int_equal(isms_document_set_register(NULL, NULL), ISMS_EINVAL);
    assert_int_equal(isms_document_set_matrix(NULL, NULL), ISMS_EINVAL);
    assert_null(isms_document_inventory(NULL));
    assert_int_equal(isms_document_set_inventory(NULL, NULL), ISMS_EINVAL);
    assert_null(isms_document_plan(NULL));
    assert_int_equal(isms_document_set_plan(NULL, NULL), ISMS_EINVAL);
    assert_int_equal(isms_document_assessment_count(NULL), 0);
    assert_null(isms_document_assessment_at(NULL, 0));
    assert_null(isms_document_assessment_find(NULL, 2024));
    assert_null(isms_document_current(NULL));
    assert_int_equal(isms_document_add_assessment(NULL, NULL), ISMS_EINVAL);
    assert_int_equal(isms_document_remove_assessment(NULL, 2024), ISMS_EINVAL);
    assert_int_equal(isms_document_model_count(NULL), 0);
    assert_null(isms_document_model_at(NULL, NULL, 0));
    assert_null(isms_document_model(NULL, "R1"));
    assert_int_equal(isms_document_set_model(NULL, "R1", NULL), ISMS_EINVAL);
    isms_settings s = isms_settings_default();
    assert_int_equal(isms_document_settings(&s, NULL), ISMS_EINVAL);
    assert_int_equal(isms_document_set_settings(NULL, &s), ISMS_EINVAL);
    isms_schedule_options o;
    assert_int_equal(isms_document_schedule_options(&o, NULL), ISMS_EINVAL);
    isms_findings *list = new_notes(ISMS_LANG_EN);
    assert_int_equal(isms_document_lint(list, NULL), ISMS_EINVAL);
    isms_simulation *sim = NULL;
    assert_int_equal(isms_document_simulate(&sim, NULL, true), ISMS_EINVAL);

    isms_document *doc = new_doc(2024);
    assert_int_equal(isms_document_settings(NULL, doc), ISMS_EINVAL);
    assert_int_equal(isms_document_set_settings(doc, NULL), ISMS_EINVAL);
    assert_int_equal(isms_document_schedule_options(NULL, doc), ISMS_EINVAL);
    assert_int_equal(isms_document_lint(NULL, doc), ISMS_EINVAL);
    assert_int_equal(isms_document_simulate(NULL, doc, true), ISMS_EINVAL);
    assert_int_equal(isms_document_set_model(doc, NULL, NULL), ISMS_EINVAL);
    assert_null(isms_document_model(doc, NULL));
    assert_int_equal(isms_document_add_assessment(doc, NULL), ISMS_EINVAL);
    assert_int_equal(isms_document_set_register(doc, NULL), ISMS_EINVAL);
    assert_int_equal(isms_document_set_matrix(doc, NULL), ISMS_EINVAL);
    assert_int_equal(isms_document_set_inventory(doc, NULL), ISMS_EINVAL);
    assert_int_equal(isms_document_set_plan(doc, NULL), ISMS_EINVAL);
    isms_document_free(doc);
    isms_findings_free(list);
}

/* ---- text fields, language, date --------------------------------------------------------- */

static void test_text_fields(void **state)
{
    (void)state;
    isms_document *doc = new_doc(2024);
    static const char *const texts[] = {
        "Exempelstads kommun", "Socialförvaltningen", "Ledningens genomgång 2024",
        "Informationssäkerhetssamordnare", "Hela förvaltningen", "Beslut: planen fastställs",
    };
    for (int f = 0; f < 6; f++)
        assert_int_equal(isms_document_set(doc, (isms_document_field)f, texts[f]), ISMS_OK);
    for (int f = 0; f < 6; f++)
        assert_string_equal(isms_document_get(doc, (isms_document_field)f), texts[f]);
    /* copied */
    char buf[32];
    strcpy(buf, "Enhet A");
    assert_int_equal(isms_document_set(doc, ISMS_DOC_UNIT, buf), ISMS_OK);
    buf[0] = 'X';
    assert_string_equal(isms_document_get(doc, ISMS_DOC_UNIT), "Enhet A");
    /* NULL clears */
    assert_int_equal(isms_document_set(doc, ISMS_DOC_UNIT, NULL), ISMS_OK);
    assert_string_equal(isms_document_get(doc, ISMS_DOC_UNIT), "");
    /* bad field and bad text */
    assert_int_equal(isms_document_set(doc, (isms_document_field)6, "x"), ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "not a text field");
    assert_int_equal(isms_document_set(doc, (isms_document_field)-1, "x"), ISMS_EINVAL);
    assert_string_equal(isms_document_get(doc, (isms_document_field)6), "");
    assert_int_equal(isms_document_set(doc, ISMS_DOC_ORGANISATION, "Kommun \xff"), ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "organisation: not UTF-8 at byte 8 (0xFF)");
    assert_int_equal(isms_document_set(doc, ISMS_DOC_DECISION, "\xc3("), ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "decision: not UTF-8 at byte 1 (0xC3)");
    assert_string_equal(isms_document_get(doc, ISMS_DOC_ORGANISATION), texts[0]);
    /* out of memory: the old text stays */
    SWEEP(isms_document_set(doc, ISMS_DOC_TITLE, "Ny rubrik"),
          assert_string_equal(isms_document_get(doc, ISMS_DOC_TITLE), texts[2]));
    assert_string_equal(isms_document_get(doc, ISMS_DOC_TITLE), "Ny rubrik");
    isms_document_free(doc);
}

static void test_lang_and_date(void **state)
{
    (void)state;
    isms_document *doc = new_doc(2024);
    assert_int_equal(isms_document_set_lang(doc, ISMS_LANG_EN), ISMS_OK);
    assert_int_equal(isms_document_lang(doc), ISMS_LANG_EN);
    assert_int_equal(isms_document_set_lang(doc, (isms_lang)2), ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "not a language");
    assert_int_equal(isms_document_lang(doc), ISMS_LANG_EN);

    assert_int_equal(isms_document_set_date(doc, (isms_date){ 2024, 3, 15 }), ISMS_OK);
    isms_date d = isms_document_date(doc);
    assert_int_equal(d.year, 2024);
    assert_int_equal(d.month, 3);
    assert_int_equal(d.day, 15);
    d = isms_document_today(doc);
    assert_int_equal(d.month, 3);
    assert_int_equal(d.day, 15);
    /* a date that does not exist is refused and named */
    assert_int_equal(isms_document_set_date(doc, (isms_date){ 2023, 2, 29 }), ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "2023-02-29");
    assert_int_equal(isms_document_set_date(doc, (isms_date){ 0, 1, 1 }), ISMS_EINVAL);
    assert_int_equal(isms_document_date(doc).day, 15);
    /* the empty date clears it: today falls back to 31 December */
    assert_int_equal(isms_document_set_date(doc, (isms_date){ 0, 0, 0 }), ISMS_OK);
    assert_int_equal(isms_document_date(doc).year, 0);
    d = isms_document_today(doc);
    assert_int_equal(d.year, 2024);
    assert_int_equal(d.month, 12);
    assert_int_equal(d.day, 31);
    isms_document_free(doc);
}

/* ---- context ----------------------------------------------------------------------------- */

static void test_context(void **state)
{
    (void)state;
    isms_document *doc = new_doc(2024);
    assert_int_equal(isms_document_add_context(doc, "NIS2", "Cybersäkerhetslagen träder i kraft"),
                     ISMS_OK);
    assert_int_equal(isms_document_add_context(doc, "Omorganisation", NULL), ISMS_OK);
    assert_int_equal(isms_document_context_count(doc), 2);
    const char *title = NULL, *text = NULL;
    assert_int_equal(isms_document_context(&title, &text, doc, 0), ISMS_OK);
    assert_string_equal(title, "NIS2");
    assert_string_equal(text, "Cybersäkerhetslagen träder i kraft");
    assert_int_equal(isms_document_context(&title, &text, doc, 1), ISMS_OK);
    assert_string_equal(title, "Omorganisation");
    assert_string_equal(text, "");
    assert_int_equal(isms_document_context(NULL, NULL, doc, 1), ISMS_OK);
    assert_int_equal(isms_document_context(&title, &text, doc, 2), ISMS_ERANGE);
    assert_error(ISMS_ERANGE, "context item 2");

    assert_int_equal(isms_document_add_context(doc, NULL, "x"), ISMS_EINVAL);
    assert_int_equal(isms_document_add_context(doc, "", "x"), ISMS_EINVAL);
    assert_int_equal(isms_document_add_context(doc, "  ", "x"), ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "title");
    assert_int_equal(isms_document_add_context(doc, "a\xff", NULL), ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "context title: not UTF-8 at byte 2 (0xFF)");
    assert_int_equal(isms_document_add_context(doc, "Lag", "b\xfe"), ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "context text: not UTF-8 at byte 2 (0xFE)");
    assert_int_equal(isms_document_context_count(doc), 2);

    SWEEP(isms_document_add_context(doc, "Tredjelandsöverföring", "Nytt beslut om dataskydd"),
          assert_int_equal(isms_document_context_count(doc), 2));
    assert_int_equal(isms_document_context_count(doc), 3);
    assert_int_equal(isms_document_context(&title, &text, doc, 2), ISMS_OK);
    assert_string_equal(title, "Tredjelandsöverföring");
    assert_string_equal(text, "Nytt beslut om dataskydd");

    isms_document_clear_context(doc);
    assert_int_equal(isms_document_context_count(doc), 0);
    assert_int_equal(isms_document_add_context(doc, "Hot", "Utpressningsvirus"), ISMS_OK);
    assert_int_equal(isms_document_context_count(doc), 1);
    isms_document_free(doc);
}

/* ---- the parts --------------------------------------------------------------------------- */

static void test_set_register(void **state)
{
    (void)state;
    isms_document *doc = new_doc(2024);
    add_risk(doc, "R1", 2, 3);
    add_risk(doc, "R2", 4, 4);
    assert_int_equal(isms_document_set_model(doc, "R1", constant_model("R1", 1, 10)), ISMS_OK);
    assert_int_equal(isms_document_set_model(doc, "R2", constant_model("R2", 1, 20)), ISMS_OK);

    /* the document's own register is refused */
    assert_int_equal(isms_document_set_register(doc, isms_document_register(doc)), ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "already the document's");

    isms_register *reg = NULL;
    isms_matrix *m = preset("5x5");
    assert_int_equal(isms_register_new(&reg, m), ISMS_OK);
    isms_matrix_free(m);
    assert_int_equal(isms_register_add(NULL, reg, "R2", "Ny", 5, 5), ISMS_OK);
    assert_int_equal(isms_register_add(NULL, reg, "R3", "Tredje", 1, 1), ISMS_OK);
    SWEEP(isms_document_set_register(doc, reg), (void)0);
    assert_ptr_equal(isms_document_register(doc), reg);
    assert_string_equal(isms_matrix_name(isms_register_matrix(reg)), "5x5");
    assert_sources(doc);
    /* the model of R1, whose risk is gone, was dropped; R2's stays */
    assert_int_equal(isms_document_model_count(doc), 1);
    const char *id = NULL;
    assert_non_null(isms_document_model_at(&id, doc, 0));
    assert_string_equal(id, "R2");
    assert_string_equal(isms_fair_name(isms_document_model(doc, "R2")), "R2");
    assert_null(isms_document_model(doc, "R1"));
    /* giving R1 back does not bring its model back */
    assert_int_equal(isms_register_add(NULL, reg, "R1", "Igen", 1, 1), ISMS_OK);
    assert_null(isms_document_model(doc, "R1"));
    assert_int_equal(isms_document_model_count(doc), 1);
    isms_document_free(doc);
}

static void test_set_inventory_and_plan(void **state)
{
    (void)state;
    isms_document *doc = new_doc(2024);
    isms_scheme *fips = NULL;
    assert_int_equal(isms_scheme_preset(&fips, "fips199"), ISMS_OK);
    isms_inventory *inv = NULL;
    assert_int_equal(isms_inventory_new(&inv, fips), ISMS_OK);
    isms_scheme_free(fips);
    assert_int_equal(isms_inventory_add(NULL, inv, "HR", "Personalakter", ISMS_ASSET_INFORMATION),
                     ISMS_OK);
    assert_int_equal(isms_document_set_inventory(doc, isms_document_inventory(doc)), ISMS_EINVAL);
    assert_int_equal(isms_document_set_inventory(doc, inv), ISMS_OK);
    assert_ptr_equal(isms_document_inventory(doc), inv);
    assert_string_equal(isms_scheme_name(isms_inventory_scheme(inv)), "fips199");
    assert_sources(doc);

    isms_plan *plan = NULL;
    assert_int_equal(isms_plan_new(&plan, 2024), ISMS_OK);
    assert_int_equal(isms_plan_add(NULL, plan, "A1", "Uppdatera instruktionen"), ISMS_OK);
    /* a plan with other sources gets the document's */
    isms_register *other = NULL;
    assert_int_equal(isms_register_new(&other, NULL), ISMS_OK);
    assert_int_equal(isms_plan_set_sources(plan, other, NULL, NULL), ISMS_OK);
    assert_int_equal(isms_document_set_plan(doc, isms_document_plan(doc)), ISMS_EINVAL);
    /* a plan of another year is refused: its due texts would change meaning on reload */
    isms_plan *later = NULL;
    assert_int_equal(isms_plan_new(&later, 2025), ISMS_OK);
    assert_int_equal(isms_document_set_plan(doc, later), ISMS_EINVAL);
    assert_non_null(strstr(isms_error_last()->message, "the plan is for 2025"));
    isms_plan_free(later);
    assert_int_equal(isms_document_set_plan(doc, plan), ISMS_OK);
    isms_register_free(other);
    assert_ptr_equal(isms_document_plan(doc), plan);
    assert_int_equal(isms_plan_count(plan), 1);
    assert_sources(doc);
    isms_document_free(doc);
}

static void test_assessments(void **state)
{
    (void)state;
    isms_document *doc = new_doc(2024);
    isms_assessment *a23 = new_assessment(ISMS_EDITION_2022, 2023);
    isms_assessment *a21 = new_assessment(ISMS_EDITION_2013, 2021);
    isms_assessment *a22 = new_assessment(ISMS_EDITION_2022, 2022);
    assert_int_equal(isms_document_add_assessment(doc, a23), ISMS_OK);
    assert_ptr_equal(isms_document_current(doc), a23);
    assert_sources(doc);
    assert_int_equal(isms_document_add_assessment(doc, a21), ISMS_OK);
    assert_int_equal(isms_document_add_assessment(doc, a22), ISMS_OK);
    assert_int_equal(isms_document_assessment_count(doc), 3);
    /* oldest first, whatever the order they came in */
    assert_ptr_equal(isms_document_assessment_at(doc, 0), a21);
    assert_ptr_equal(isms_document_assessment_at(doc, 1), a22);
    assert_ptr_equal(isms_document_assessment_at(doc, 2), a23);
    assert_null(isms_document_assessment_at(doc, 3));
    assert_ptr_equal(isms_document_current(doc), a23);
    assert_ptr_equal(isms_document_assessment_find(doc, 2022), a22);
    assert_null(isms_document_assessment_find(doc, 2020));
    assert_null(isms_document_assessment_find(doc, 2024));
    assert_sources(doc);

    /* one already held is refused */
    assert_int_equal(isms_document_add_assessment(doc, a22), ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "2022 is already the document's");

    /* the same year replaces (the old one is freed: valgrind sees no leak) */
    isms_assessment *b22 = new_assessment(ISMS_EDITION_2022, 2022);
    assert_int_equal(isms_assessment_add(NULL, b22, "6.1.2"), ISMS_OK);
    assert_int_equal(isms_document_add_assessment(doc, b22), ISMS_OK);
    assert_int_equal(isms_document_assessment_count(doc), 3);
    assert_ptr_equal(isms_document_assessment_find(doc, 2022), b22);
    assert_int_equal(isms_assessment_count(isms_document_assessment_at(doc, 1)), 1);

    /* a newer one becomes current and the plan's source */
    isms_assessment *a24 = new_assessment(ISMS_EDITION_2022, 2024);
    SWEEP(isms_document_add_assessment(doc, a24), {
        assert_int_equal(isms_document_assessment_count(doc), 3);
        assert_ptr_equal(isms_document_current(doc), a23);
        assert_sources(doc);
    });
    assert_int_equal(isms_document_assessment_count(doc), 4);
    assert_ptr_equal(isms_document_current(doc), a24);
    assert_sources(doc);
    /* replacing the latest one also moves the source */
    isms_assessment *b24 = new_assessment(ISMS_EDITION_2022, 2024);
    SWEEP(isms_document_add_assessment(doc, b24), (void)0);
    assert_ptr_equal(isms_document_current(doc), b24);
    assert_sources(doc);

    /* removal */
    assert_int_equal(isms_document_remove_assessment(doc, 2020), ISMS_ENOTFOUND);
    assert_error(ISMS_ENOTFOUND, "no assessment of 2020: the document has assessments of "
                                 "2021, 2022, 2023 and 2024");
    assert_int_equal(isms_document_remove_assessment(doc, 2024), ISMS_OK);
    assert_ptr_equal(isms_document_current(doc), a23);
    assert_sources(doc);
    assert_int_equal(isms_document_remove_assessment(doc, 2021), ISMS_OK);
    assert_ptr_equal(isms_document_assessment_at(doc, 0), b22);
    assert_int_equal(isms_document_remove_assessment(doc, 2023), ISMS_OK);
    assert_int_equal(isms_document_remove_assessment(doc, 2021), ISMS_ENOTFOUND);
    assert_error(ISMS_ENOTFOUND, "of 2022");
    assert_int_equal(isms_document_remove_assessment(doc, 2022), ISMS_OK);
    assert_int_equal(isms_document_assessment_count(doc), 0);
    assert_null(isms_document_current(doc));
    assert_sources(doc);
    assert_int_equal(isms_document_remove_assessment(doc, 2022), ISMS_ENOTFOUND);
    assert_error(ISMS_ENOTFOUND, "no assessments");
    isms_document_free(doc);
}

/* ---- models ------------------------------------------------------------------------------ */

static void test_models(void **state)
{
    (void)state;
    isms_document *doc = new_doc(2024);
    add_risk(doc, "R1", 2, 2);
    add_risk(doc, "R2", 3, 3);
    add_risk(doc, "R3", 4, 4);

    /* no such risk: refused, the caller still owns the model */
    isms_fair *m = constant_model("X", 1, 1);
    assert_int_equal(isms_document_set_model(doc, "R9", m), ISMS_ENOTFOUND);
    assert_error(ISMS_ENOTFOUND, "R9");
    /* a model that does not pass its check: refused with the check's message */
    isms_fair *bad = NULL;
    assert_int_equal(isms_fair_new(&bad, "Tom"), ISMS_OK);
    assert_int_equal(isms_document_set_model(doc, "R1", bad), ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "Tom");
    isms_fair_free(bad);
    assert_int_equal(isms_document_model_count(doc), 0);

    /* models come in the register's order whatever order they were set in */
    SWEEP(isms_document_set_model(doc, "R3", m),
          assert_int_equal(isms_document_model_count(doc), 0));
    isms_fair *m1 = constant_model("Ett", 1, 2);
    SWEEP(isms_document_set_model(doc, "R1", m1),
          assert_int_equal(isms_document_model_count(doc), 1));
    assert_int_equal(isms_document_model_count(doc), 2);
    const char *id = NULL;
    assert_ptr_equal(isms_document_model_at(&id, doc, 0), m1);
    assert_string_equal(id, "R1");
    assert_ptr_equal(isms_document_model_at(&id, doc, 1), m);
    assert_string_equal(id, "R3");
    assert_null(isms_document_model_at(&id, doc, 2));
    assert_ptr_equal(isms_document_model(doc, "R3"), m);
    assert_null(isms_document_model(doc, "R2"));
    assert_null(isms_document_model(doc, "R9"));

    /* the same model again for its own risk is fine; for another risk it is refused */
    assert_int_equal(isms_document_set_model(doc, "R1", m1), ISMS_OK);
    assert_int_equal(isms_document_set_model(doc, "R2", m1), ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "R1");

    /* replacing frees the old one */
    isms_fair *m1b = constant_model("Ett b", 2, 2);
    SWEEP(isms_document_set_model(doc, "R1", m1b), (void)0);
    assert_ptr_equal(isms_document_model(doc, "R1"), m1b);
    assert_int_equal(isms_document_model_count(doc), 2);

    /* removing */
    assert_int_equal(isms_document_set_model(doc, "R2", NULL), ISMS_OK); /* had none */
    assert_int_equal(isms_document_set_model(doc, "R9", NULL), ISMS_ENOTFOUND);
    assert_int_equal(isms_document_set_model(doc, "R1", NULL), ISMS_OK);
    assert_int_equal(isms_document_model_count(doc), 1);
    assert_null(isms_document_model(doc, "R1"));
    assert_ptr_equal(isms_document_model_at(&id, doc, 0), m);

    /* a risk removed through the register leaves its model behind: not reported */
    assert_int_equal(isms_document_set_model(doc, "R2", constant_model("Två", 1, 3)), ISMS_OK);
    assert_int_equal(isms_register_remove(isms_document_register(doc), "R2"), ISMS_OK);
    assert_int_equal(isms_document_model_count(doc), 1);
    assert_ptr_equal(isms_document_model_at(&id, doc, 0), m);
    assert_string_equal(id, "R3");
    assert_null(isms_document_model_at(&id, doc, 1));
    assert_null(isms_document_model(doc, "R2"));
    /* and the next set_model frees it (valgrind: no leak) */
    assert_int_equal(isms_document_set_model(doc, "R1", constant_model("Ett c", 1, 1)), ISMS_OK);
    assert_int_equal(isms_register_add(NULL, isms_document_register(doc), "R2", "x", 1, 1),
                     ISMS_OK);
    assert_null(isms_document_model(doc, "R2"));
    assert_int_equal(isms_document_model_count(doc), 2);
    /* a stale model can also be removed by its id */
    assert_int_equal(isms_register_remove(isms_document_register(doc), "R3"), ISMS_OK);
    assert_int_equal(isms_document_set_model(doc, "R3", NULL), ISMS_OK);
    assert_int_equal(isms_document_model_count(doc), 1);
    isms_document_free(doc);
}

/* A model belongs to the risk object it was given to. Models given in any order are reported
 * in the register's order; a risk removed through the register takes its model along (not
 * reported at once, freed at the next change), and a risk added again with the same id has
 * none. */
static void test_models_follow_the_register(void **state)
{
    (void)state;
    enum { N = 60 };
    isms_document *doc = new_doc(2024);
    char id[16];
    for (int i = 0; i < N; i++) {
        snprintf(id, sizeof id, "R%d", i);
        add_risk(doc, id, 1, 1);
    }
    /* every risk but each third from R1 on has a model, given last first */
    isms_fair *models[N] = { NULL };
    for (int i = N; i-- > 0;) {
        if (i % 3 == 1)
            continue;
        snprintf(id, sizeof id, "R%d", i);
        models[i] = constant_model(id, 1, i + 1);
        assert_int_equal(isms_document_set_model(doc, id, models[i]), ISMS_OK);
    }
    bool gone[N] = { false };
    /* The models reported, in order, are those of the risks i with a model that are not gone
     * (compared by hand: the k-th of them). */
#define CHECK_ORDER()                                                                        \
    do {                                                                                     \
        size_t k_ = 0;                                                                       \
        for (int i_ = 0; i_ < N; i_++) {                                                     \
            if (!models[i_] || gone[i_])                                                     \
                continue;                                                                    \
            const char *rid_ = NULL;                                                         \
            assert_ptr_equal(isms_document_model_at(&rid_, doc, k_), models[i_]);            \
            snprintf(id, sizeof id, "R%d", i_);                                              \
            assert_string_equal(rid_, id);                                                   \
            assert_ptr_equal(isms_document_model(doc, id), models[i_]);                      \
            k_++;                                                                            \
        }                                                                                    \
        assert_int_equal(isms_document_model_count(doc), k_);                                \
        assert_null(isms_document_model_at(NULL, doc, k_));                                  \
    } while (0)
    CHECK_ORDER();
    assert_int_equal(isms_document_model_count(doc), 40);

    /* risks removed through the register (R0 and R30 had models, R1 none) */
    isms_register *reg = isms_document_register(doc);
    static const int removed[] = { 0, 1, 30 };
    for (size_t k = 0; k < 3; k++) {
        snprintf(id, sizeof id, "R%d", removed[k]);
        assert_int_equal(isms_register_remove(reg, id), ISMS_OK);
        gone[removed[k]] = true;
    }
    CHECK_ORDER();
    assert_int_equal(isms_document_model_count(doc), 38);
    assert_null(isms_document_model(doc, "R0"));
    /* R0 added again is another risk: it has no model */
    assert_int_equal(isms_register_add(NULL, reg, "R0", "Igen", 2, 2), ISMS_OK);
    assert_null(isms_document_model(doc, "R0"));
    CHECK_ORDER();
    /* the next change frees the old models (valgrind) and may give R0 one: it comes last, as
     * R0 is now the register's last risk */
    isms_fair *r0 = constant_model("R0 igen", 1, 1);
    SWEEP(isms_document_set_model(doc, "R0", r0), CHECK_ORDER());
    assert_int_equal(isms_document_model_count(doc), 39);
    const char *rid = NULL;
    assert_ptr_equal(isms_document_model_at(&rid, doc, 38), r0);
    assert_string_equal(rid, "R0");
    models[0] = NULL; /* freed with its risk's removal */
    models[30] = NULL;
    gone[0] = gone[30] = false;
    /* (CHECK_ORDER counts R0 at its old place no more; R0's new model is checked above) */
    assert_int_equal(isms_document_set_model(doc, "R0", NULL), ISMS_OK);
    CHECK_ORDER();

    /* the same model for another risk is refused at once, naming its risk */
    assert_int_equal(isms_document_set_model(doc, "R4", models[3]), ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "risk \"R3\"");
    /* replacing R3's model frees the old one (valgrind) */
    isms_fair *r3 = constant_model("R3 b", 1, 1);
    assert_int_equal(isms_document_set_model(doc, "R3", r3), ISMS_OK);
    models[3] = r3;
    CHECK_ORDER();

    /* the matrix changes: the risks are copied, the models stay with them, in order */
    isms_matrix *m = preset("5x5");
    assert_int_equal(isms_document_set_matrix(doc, m), ISMS_OK);
    isms_matrix_free(m);
    CHECK_ORDER();

    /* a register of other risks, in another order: the models of its ids stay, in its order */
    isms_register *other = NULL;
    assert_int_equal(isms_register_new(&other, NULL), ISMS_OK);
    assert_int_equal(isms_register_add(NULL, other, "R5", "x", 1, 1), ISMS_OK);
    assert_int_equal(isms_register_add(NULL, other, "R4", "x", 1, 1), ISMS_OK); /* none */
    assert_int_equal(isms_register_add(NULL, other, "R2", "x", 1, 1), ISMS_OK);
    assert_int_equal(isms_register_add(NULL, other, "R99", "x", 1, 1), ISMS_OK);
    assert_int_equal(isms_document_set_register(doc, other), ISMS_OK);
    assert_int_equal(isms_document_model_count(doc), 2);
    assert_ptr_equal(isms_document_model_at(&rid, doc, 0), models[5]);
    assert_string_equal(rid, "R5");
    assert_ptr_equal(isms_document_model_at(&rid, doc, 1), models[2]);
    assert_string_equal(rid, "R2");
    assert_null(isms_document_model_at(&rid, doc, 2));
    assert_null(isms_document_model(doc, "R3"));
#undef CHECK_ORDER
    isms_document_free(doc);
}

/* ---- matrix ------------------------------------------------------------------------------ */

/* R1: every field set; R2: inherent only; R3: unassessed. */
static isms_document *matrix_doc(void)
{
    isms_document *doc = new_doc(2024);
    isms_risk *r = add_risk(doc, "R1", 3, 4);
    assert_int_equal(isms_risk_set_title(r, "Utpressningsvirus"), ISMS_OK);
    assert_int_equal(isms_risk_set_consequence_text(r, "Verksamheten står still"), ISMS_OK);
    assert_int_equal(isms_risk_set_residual(r, 2, 2), ISMS_OK);
    assert_int_equal(isms_risk_set_stated_value(r, 11), ISMS_OK);
    assert_int_equal(isms_risk_set_treatment(r, ISMS_TREATMENT_MODIFY, "Säkerhetskopior"),
                     ISMS_OK);
    assert_int_equal(isms_risk_set_owner(r, "IT-chef"), ISMS_OK);
    assert_int_equal(isms_risk_set_status(r, ISMS_RISK_IN_TREATMENT), ISMS_OK);
    assert_int_equal(isms_risk_set_vector(r, CVSS), ISMS_OK);
    add_risk(doc, "R2", 4, 4);
    add_risk(doc, "R3", UNSET, UNSET);
    assert_int_equal(isms_document_set_model(doc, "R1", constant_model("R1", 1, 5)), ISMS_OK);
    return doc;
}

static void assert_r1_kept(const isms_register *reg)
{
    const isms_risk *r = isms_register_find(reg, "R1");
    assert_non_null(r);
    assert_ptr_equal(isms_register_at(reg, 0), r);
    assert_string_equal(isms_risk_title(r), "Utpressningsvirus");
    assert_string_equal(isms_risk_consequence_text(r), "Verksamheten står still");
    assert_int_equal(isms_risk_likelihood(r), 3);
    assert_int_equal(isms_risk_consequence(r), 4);
    assert_int_equal(isms_risk_residual_likelihood(r), 2);
    assert_int_equal(isms_risk_residual_consequence(r), 2);
    assert_int_equal(isms_risk_stated_value(r), 11);
    assert_int_equal(isms_risk_treatment(r), ISMS_TREATMENT_MODIFY);
    assert_string_equal(isms_risk_treatment_text(r), "Säkerhetskopior");
    assert_string_equal(isms_risk_owner(r), "IT-chef");
    assert_int_equal(isms_risk_get_status(r), ISMS_RISK_IN_TREATMENT);
    assert_string_equal(isms_risk_vector(r), CVSS);
    assert_int_equal(isms_risk_method(r), ISMS_METHOD_CVSS);
}

static void test_set_matrix_5x5(void **state)
{
    (void)state;
    isms_document *doc = matrix_doc();
    isms_register *old = isms_document_register(doc);
    /* on 4x4: R1 3 × 4 = 12, very-high (12–16); residual 2 × 2 = 4, medium */
    isms_score s;
    assert_int_equal(isms_risk_score(&s, isms_register_find(old, "R1"), ISMS_INHERENT), ISMS_OK);
    assert_int_equal(s.value, 12);
    assert_int_equal(s.band, 3);

    isms_matrix *m = preset("5x5");
    SWEEP(isms_document_set_matrix(doc, m), {
        assert_ptr_equal(isms_document_register(doc), old);
        assert_string_equal(isms_matrix_name(isms_register_matrix(old)), "4x4");
        assert_int_equal(isms_register_count(old), 3);
    });
    isms_matrix_free(m); /* the document keeps a reference of its own */
    isms_register *reg = isms_document_register(doc);
    assert_string_equal(isms_matrix_name(isms_register_matrix(reg)), "5x5");
    assert_int_equal(isms_register_count(reg), 3);
    assert_string_equal(isms_risk_id(isms_register_at(reg, 1)), "R2");
    assert_string_equal(isms_risk_id(isms_register_at(reg, 2)), "R3");
    assert_r1_kept(reg);
    assert_sources(doc);

    /* rescored on 5x5 (bands low 1–4, medium 5–9, high 10–16, very-high 17–25):
     * R1 3 × 4 = 12, high, normalised (12 − 1) / (25 − 1) = 11/24; residual 2 × 2 = 4, low;
     * R2 4 × 4 = 16, high; R3 unassessed */
    const isms_risk *r1 = isms_register_find(reg, "R1");
    assert_int_equal(isms_risk_score(&s, r1, ISMS_INHERENT), ISMS_OK);
    assert_int_equal(s.value, 12);
    assert_int_equal(s.band, 2);
    assert_double_equal(s.normalized, 11.0 / 24.0, 1e-12);
    assert_int_equal(isms_risk_score(&s, r1, ISMS_RESIDUAL), ISMS_OK);
    assert_int_equal(s.value, 4);
    assert_int_equal(s.band, 0);
    assert_int_equal(isms_risk_score(&s, isms_register_find(reg, "R2"), ISMS_INHERENT), ISMS_OK);
    assert_int_equal(s.value, 16);
    assert_int_equal(s.band, 2);
    assert_int_equal(isms_risk_value(isms_register_find(reg, "R3"), ISMS_INHERENT),
                     ISMS_VALUE_UNSET);
    size_t counts[4] = { 9, 9, 9, 9 }, unscored = 9;
    assert_int_equal(isms_register_band_counts(counts, 4, &unscored, reg, ISMS_INHERENT),
                     ISMS_OK);
    assert_int_equal(counts[0], 0);
    assert_int_equal(counts[1], 0);
    assert_int_equal(counts[2], 2);
    assert_int_equal(counts[3], 0);
    assert_int_equal(unscored, 1);
    /* the model stays with its risk */
    assert_int_equal(isms_document_model_count(doc), 1);
    assert_non_null(isms_document_model(doc, "R1"));

    /* and back to 4x4: 4 × 4 = 16 is very-high again */
    m = preset("4x4");
    assert_int_equal(isms_document_set_matrix(doc, m), ISMS_OK);
    isms_matrix_free(m);
    reg = isms_document_register(doc);
    assert_r1_kept(reg);
    assert_int_equal(isms_risk_score(&s, isms_register_find(reg, "R2"), ISMS_INHERENT), ISMS_OK);
    assert_int_equal(s.band, 3);
    isms_document_free(doc);
}

static void test_set_matrix_refused(void **state)
{
    (void)state;
    isms_document *doc = matrix_doc();
    isms_register *old = isms_document_register(doc);
    isms_matrix *m3 = preset("3x3");
    /* R1's consequence 4 is not on the 3x3 scale 1–3 */
    assert_int_equal(isms_document_set_matrix(doc, m3), ISMS_ERANGE);
    assert_error(ISMS_ERANGE, "risk \"R1\": consequence 4 is not on the consequence scale 1–3 "
                              "of the matrix \"3x3\"");
    assert_ptr_equal(isms_document_register(doc), old);
    assert_string_equal(isms_matrix_name(isms_register_matrix(old)), "4x4");

    /* a residual level off the scale is named as such */
    isms_register *reg = NULL;
    assert_int_equal(isms_register_new(&reg, NULL), ISMS_OK);
    isms_risk *r = NULL;
    assert_int_equal(isms_register_add(&r, reg, "R5", "Fem", 3, 3), ISMS_OK);
    assert_int_equal(isms_risk_set_residual(r, 4, 1), ISMS_OK);
    assert_int_equal(isms_document_set_register(doc, reg), ISMS_OK);
    assert_int_equal(isms_document_set_matrix(doc, m3), ISMS_ERANGE);
    assert_error(ISMS_ERANGE, "risk \"R5\": residual likelihood 4 is not on the likelihood "
                              "scale 1–3");
    assert_int_equal(isms_risk_set_residual(r, 1, 1), ISMS_OK);

    /* an action's expected residual off the scale */
    isms_action *a = NULL;
    assert_int_equal(isms_plan_add(&a, isms_document_plan(doc), "A1", "Åtgärd"), ISMS_OK);
    assert_int_equal(isms_action_add_target(a, ISMS_TARGET_RISK, "R5"), ISMS_OK);
    assert_int_equal(isms_action_set_expected_residual(a, 2, 4), ISMS_OK);
    assert_int_equal(isms_document_set_matrix(doc, m3), ISMS_ERANGE);
    assert_error(ISMS_ERANGE, "action \"A1\": expected residual consequence 4 is not on the "
                              "consequence scale 1–3");
    assert_ptr_equal(isms_document_register(doc), reg);

    /* fixed: accepted, 3 × 3 = 9 is high on 3x3 (6–9) */
    assert_int_equal(isms_action_set_expected_residual(a, 2, 3), ISMS_OK);
    assert_int_equal(isms_document_set_matrix(doc, m3), ISMS_OK);
    reg = isms_document_register(doc);
    isms_score s;
    assert_int_equal(isms_risk_score(&s, isms_register_find(reg, "R5"), ISMS_INHERENT), ISMS_OK);
    assert_int_equal(s.value, 9);
    assert_int_equal(s.band, 2);
    assert_int_equal(isms_risk_value(isms_register_find(reg, "R5"), ISMS_RESIDUAL), 1);
    assert_sources(doc);
    isms_matrix_free(m3);
    isms_document_free(doc);
}

/* ---- settings ---------------------------------------------------------------------------- */

static void test_settings(void **state)
{
    (void)state;
    isms_document *doc = new_doc(2024);
    isms_settings s = isms_settings_default();
    double caps[2] = { 40, 60 };
    char o1[] = "IT", o2[] = "HR";
    const char *owners[2] = { o1, o2 };
    double ocap[2] = { 10, 0 };
    s.priority.risk = 2;
    s.priority.today = (isms_date){ 2020, 1, 1 }; /* ignored */
    s.compliance.partial = 0.25;
    s.unit = ISMS_PERIOD_QUARTER;
    s.start_year = 2026;
    s.periods = 2;
    s.capacity = 30;
    s.capacities = caps;
    s.owners = owners;
    s.owner_capacity = ocap;
    s.owner_count = 2;
    s.strict = true;
    s.iterations = 500;
    s.seed = 42;
    SWEEP(isms_document_set_settings(doc, &s), {
        isms_settings now;
        assert_int_equal(isms_document_settings(&now, doc), ISMS_OK);
        assert_int_equal(now.periods, 3);
        assert_null(now.owners);
    });
    /* deep copies: the caller's arrays may change */
    caps[0] = 1;
    o1[0] = 'X';
    ocap[0] = 99;
    isms_settings got;
    assert_int_equal(isms_document_settings(&got, doc), ISMS_OK);
    assert_double_equal(got.priority.risk, 2, 0);
    assert_int_equal(got.priority.today.year, 0);
    assert_double_equal(got.compliance.partial, 0.25, 0);
    assert_int_equal(got.unit, ISMS_PERIOD_QUARTER);
    assert_int_equal(got.start_year, 2026);
    assert_int_equal(got.periods, 2);
    assert_double_equal(got.capacity, 30, 0);
    assert_ptr_not_equal(got.capacities, caps);
    assert_double_equal(got.capacities[0], 40, 0);
    assert_double_equal(got.capacities[1], 60, 0);
    assert_int_equal(got.owner_count, 2);
    assert_string_equal(got.owners[0], "IT");
    assert_string_equal(got.owners[1], "HR");
    assert_double_equal(got.owner_capacity[0], 10, 0);
    assert_double_equal(got.owner_capacity[1], 0, 0);
    assert_true(got.strict);
    assert_int_equal(got.iterations, 500);
    assert_int_equal(got.seed, 42);

    /* setting what was read back works (the document's own arrays as input) */
    assert_int_equal(isms_document_set_settings(doc, &got), ISMS_OK);
    assert_int_equal(isms_document_settings(&got, doc), ISMS_OK);
    assert_string_equal(got.owners[1], "HR");
    assert_double_equal(got.capacities[1], 60, 0);

    /* back to defaults frees the arrays */
    isms_settings def = isms_settings_default();
    assert_int_equal(isms_document_set_settings(doc, &def), ISMS_OK);
    assert_int_equal(isms_document_settings(&got, doc), ISMS_OK);
    assert_null(got.capacities);
    assert_int_equal(got.owner_count, 0);
    isms_document_free(doc);
}

/* Each bad setting is refused with `code` and a message naming it; nothing changes. */
static void refuse(isms_document *doc, const isms_settings *s, int code, const char *needle)
{
    assert_int_equal(isms_document_set_settings(doc, s), code);
    assert_error(code, needle);
    isms_settings now;
    assert_int_equal(isms_document_settings(&now, doc), ISMS_OK);
    assert_int_equal(now.periods, 3);
    assert_int_equal(now.iterations, 10000);
    assert_double_equal(now.priority.risk, 1, 0);
}

static void test_settings_refused(void **state)
{
    (void)state;
    isms_document *doc = new_doc(2024);
    isms_settings s = isms_settings_default();
    s.priority.risk = -1;
    refuse(doc, &s, ISMS_ERANGE, "priority.risk is -1");
    s = isms_settings_default();
    s.priority.effort = NAN;
    refuse(doc, &s, ISMS_ERANGE, "priority.effort");
    s = isms_settings_default();
    s.priority.horizon_days = 0;
    refuse(doc, &s, ISMS_ERANGE, "priority.horizon_days");
    s = isms_settings_default();
    s.priority.effort_unit = INFINITY;
    refuse(doc, &s, ISMS_ERANGE, "priority.effort_unit");
    s = isms_settings_default();
    s.compliance.partial = 1.5;
    refuse(doc, &s, ISMS_ERANGE, "compliance.partial is 1.5: expected a number from 0 to 1");
    s = isms_settings_default();
    s.unit = ISMS_PERIOD_DAY;
    refuse(doc, &s, ISMS_EINVAL, "schedule.unit");
    s = isms_settings_default();
    s.start_year = 1899;
    refuse(doc, &s, ISMS_ERANGE, "schedule.start is 1899");
    s = isms_settings_default();
    s.periods = 0;
    refuse(doc, &s, ISMS_ERANGE, "schedule.periods is 0: expected 1–1200");
    s.periods = 1201;
    refuse(doc, &s, ISMS_ERANGE, "schedule.periods is 1201");
    /* from 9998 three years run past 9999: the settings take them (a document of 9997 has
     * them by default and must load again), the schedule refuses them when it is made */
    s = isms_settings_default();
    s.start_year = 9998;
    assert_int_equal(isms_document_set_settings(doc, &s), ISMS_OK);
    isms_schedule_options o;
    assert_int_equal(isms_document_schedule_options(&o, doc), ISMS_OK);
    isms_schedule *sched = NULL;
    assert_int_equal(isms_plan_schedule(&sched, isms_document_plan(doc), &o), ISMS_ERANGE);
    assert_error(ISMS_ERANGE, "9999");
    assert_null(sched);
    s.periods = 2; /* two fit */
    assert_int_equal(isms_document_set_settings(doc, &s), ISMS_OK);
    assert_int_equal(isms_document_schedule_options(&o, doc), ISMS_OK);
    assert_int_equal(isms_plan_schedule(&sched, isms_document_plan(doc), &o), ISMS_OK);
    assert_int_equal(isms_schedule_period_count(sched), 2);
    isms_schedule_free(sched);
    s = isms_settings_default();
    assert_int_equal(isms_document_set_settings(doc, &s), ISMS_OK);

    s.capacity = -1;
    refuse(doc, &s, ISMS_ERANGE, "schedule.capacity is -1");
    s = isms_settings_default();
    double caps[3] = { 1, NAN, 2 };
    s.capacities = caps;
    refuse(doc, &s, ISMS_ERANGE, "schedule.capacity[1]");
    s = isms_settings_default();
    const char *owners[2] = { "IT", "it" };
    double ocap[2] = { 1, 2 };
    s.owner_count = 2;
    refuse(doc, &s, ISMS_EINVAL, "schedule.owners");
    s.owners = owners;
    s.owner_capacity = ocap;
    refuse(doc, &s, ISMS_EINVAL, "names \"it\" twice");
    owners[1] = "  ";
    refuse(doc, &s, ISMS_EINVAL, "owner 1 has no name");
    owners[1] = NULL;
    refuse(doc, &s, ISMS_EINVAL, "owner 1 has no name");
    owners[1] = "a\xff";
    refuse(doc, &s, ISMS_EINVAL, "the setting schedule.owners: owner 1: not UTF-8 at byte 2");
    owners[1] = "HR";
    ocap[1] = -2;
    refuse(doc, &s, ISMS_ERANGE, "schedule.owners.\"HR\" is -2");
    /* Many owners (their names are compared by hash, not pair by pair): the first repeat is
     * the one named, with the owner it repeats. */
    enum { MANY = 40 };
    char names[MANY][24];
    const char *many[MANY];
    double many_cap[MANY];
    for (int i = 0; i < MANY; i++) {
        snprintf(names[i], sizeof names[i], "Enhet %d", i);
        many[i] = names[i];
        many_cap[i] = i;
    }
    snprintf(names[39], sizeof names[39], "enhet 31");
    snprintf(names[35], sizeof names[35], " ENHET  30 ");
    s = isms_settings_default();
    s.owners = many;
    s.owner_capacity = many_cap;
    s.owner_count = MANY;
    refuse(doc, &s, ISMS_EINVAL, "names \" ENHET  30 \" twice (owners 30 and 35)");
    snprintf(names[35], sizeof names[35], "Enhet 35");
    refuse(doc, &s, ISMS_EINVAL, "names \"enhet 31\" twice (owners 31 and 39)");
    snprintf(names[39], sizeof names[39], "Enhet 39");
    SWEEP(isms_document_set_settings(doc, &s), (void)0);
    isms_settings got;
    assert_int_equal(isms_document_settings(&got, doc), ISMS_OK);
    assert_int_equal(got.owner_count, MANY);
    assert_string_equal(got.owners[39], "Enhet 39");
    s = isms_settings_default();
    assert_int_equal(isms_document_set_settings(doc, &s), ISMS_OK);
    s = isms_settings_default();
    s.iterations = 0;
    refuse(doc, &s, ISMS_ERANGE, "simulation.iterations is 0: expected 1–100000000");
    s.iterations = 100000001;
    refuse(doc, &s, ISMS_ERANGE, "simulation.iterations");
    s = isms_settings_default();
    s.seed = (uint64_t)INT64_MAX + 1;
    refuse(doc, &s, ISMS_ERANGE, "simulation.seed");
    s.seed = (uint64_t)INT64_MAX;
    s.iterations = 100000000;
    assert_int_equal(isms_document_set_settings(doc, &s), ISMS_OK);
    isms_document_free(doc);
}

static void test_schedule_options(void **state)
{
    (void)state;
    isms_document *doc = new_doc(2024);
    isms_schedule_options o;
    assert_int_equal(isms_document_schedule_options(&o, doc), ISMS_OK);
    assert_int_equal(o.start.year, 2025);
    assert_int_equal(o.start.month, 1);
    assert_int_equal(o.start.day, 1);
    assert_int_equal(o.unit, ISMS_PERIOD_YEAR);
    assert_int_equal(o.periods, 3);
    assert_double_equal(o.capacity, 0, 0);
    assert_null(o.capacities);
    assert_int_equal(o.owner_count, 0);
    assert_false(o.strict);
    assert_int_equal(o.priority.today.year, 2024);
    assert_int_equal(o.priority.today.month, 12);
    assert_int_equal(o.priority.today.day, 31);
    assert_double_equal(o.priority.base, 0.1, 0);
    assert_int_equal(o.lang, ISMS_LANG_SV);

    isms_settings s = isms_settings_default();
    const char *owners[1] = { "IT" };
    double ocap[1] = { 5 };
    double caps[2] = { 10, 20 };
    s.start_year = 2030;
    s.unit = ISMS_PERIOD_TERTIAL;
    s.periods = 2;
    s.capacities = caps;
    s.owners = owners;
    s.owner_capacity = ocap;
    s.owner_count = 1;
    s.priority.urgency = 3;
    assert_int_equal(isms_document_set_settings(doc, &s), ISMS_OK);
    assert_int_equal(isms_document_set_date(doc, (isms_date){ 2024, 6, 1 }), ISMS_OK);
    assert_int_equal(isms_document_set_lang(doc, ISMS_LANG_EN), ISMS_OK);
    assert_int_equal(isms_document_schedule_options(&o, doc), ISMS_OK);
    isms_settings got;
    assert_int_equal(isms_document_settings(&got, doc), ISMS_OK);
    assert_int_equal(o.start.year, 2030);
    assert_int_equal(o.unit, ISMS_PERIOD_TERTIAL);
    assert_int_equal(o.periods, 2);
    assert_ptr_equal(o.capacities, got.capacities);
    assert_ptr_equal(o.owners, got.owners);
    assert_ptr_equal(o.owner_capacity, got.owner_capacity);
    assert_int_equal(o.owner_count, 1);
    assert_double_equal(o.priority.urgency, 3, 0);
    assert_int_equal(o.priority.today.month, 6);
    assert_int_equal(o.lang, ISMS_LANG_EN);

    /* the options schedule the document's plan */
    isms_action *a = NULL;
    assert_int_equal(isms_plan_add(&a, isms_document_plan(doc), "A1", "Klassa om"), ISMS_OK);
    assert_int_equal(isms_action_set_effort(a, 5), ISMS_OK);
    assert_int_equal(isms_action_set(a, ISMS_ACTION_OWNER, "IT"), ISMS_OK);
    isms_schedule *sched = NULL;
    assert_int_equal(isms_plan_schedule(&sched, isms_document_plan(doc), &o), ISMS_OK);
    assert_int_equal(isms_schedule_period_count(sched), 2);
    isms_period p;
    assert_int_equal(isms_schedule_period(&p, sched, 0), ISMS_OK);
    assert_int_equal(p.start.year, 2030);
    assert_int_equal(p.end.month, 4);
    assert_double_equal(isms_schedule_capacity(sched, 1), 20, 0);
    assert_int_equal(isms_schedule_count(sched, 0), 1);
    isms_schedule_free(sched);
    isms_document_free(doc);

    /* the year 9999 leaves no room after it */
    doc = new_doc(9999);
    assert_int_equal(isms_document_schedule_options(&o, doc), ISMS_ERANGE);
    assert_error(ISMS_ERANGE, "schedule.start");
    s = isms_settings_default();
    s.start_year = 9999;
    s.periods = 1;
    assert_int_equal(isms_document_set_settings(doc, &s), ISMS_OK);
    assert_int_equal(isms_document_schedule_options(&o, doc), ISMS_OK);
    assert_int_equal(o.start.year, 9999);
    isms_document_free(doc);
}

/* ---- lint -------------------------------------------------------------------------------- */

/* A tiny document whose lint is known by hand (see test_lint_tiny). */
static isms_document *lint_doc(void)
{
    isms_document *doc = new_doc(2024);
    /* R1 4 × 4 = 16 above the acceptance threshold 3, no treatment: risk-untreated */
    add_risk(doc, "R1", 4, 4);
    isms_fair *m = constant_model("Utpressning", 1, 1000);
    assert_int_equal(isms_document_set_model(doc, "R1", m), ISMS_OK);
    /* the model loses its loss magnitude afterwards: doc-model-invalid */
    assert_int_equal(isms_fair_set(m, ISMS_FAIR_LM, NULL), ISMS_OK);
    /* 2023 against the 2013 edition, 2024 against 2022: doc-assessment-edition; the latest
     * one has every clause, one of them "no" without a plan: gap-no-plan */
    isms_assessment *old = new_assessment(ISMS_EDITION_2013, 2023);
    assert_int_equal(isms_assessment_add_all(old), ISMS_OK);
    assert_int_equal(isms_document_add_assessment(doc, old), ISMS_OK);
    isms_assessment *cur = new_assessment(ISMS_EDITION_2022, 2024);
    assert_int_equal(isms_assessment_add_all(cur), ISMS_OK);
    assert_int_equal(isms_entry_set_status(isms_assessment_find(cur, "6.1.2"), ISMS_STATUS_NO),
                     ISMS_OK);
    assert_int_equal(isms_document_add_assessment(doc, cur), ISMS_OK);
    /* information without an owner, assessed on every aspect but integrity: asset-no-owner,
     * asset-unclassified */
    isms_asset *as = NULL;
    isms_inventory *inv = isms_document_inventory(doc);
    assert_int_equal(isms_inventory_add(&as, inv, "HR", "Personalakter", ISMS_ASSET_INFORMATION),
                     ISMS_OK);
    assert_int_equal(isms_asset_set_level(as, ISMS_ASPECT_CONFIDENTIALITY, 2), ISMS_OK);
    assert_int_equal(isms_asset_set_level(as, ISMS_ASPECT_AVAILABILITY, 1), ISMS_OK);
    assert_int_equal(isms_asset_set_classified(as, (isms_date){ 2024, 5, 1 }), ISMS_OK);
    /* an action addressing R1, due before 31 December 2024, without owner and effort:
     * plan-overdue, plan-no-owner, plan-no-effort */
    isms_action *a = NULL;
    assert_int_equal(isms_plan_add(&a, isms_document_plan(doc), "A1", "Säkerhetskopior"),
                     ISMS_OK);
    assert_int_equal(isms_action_add_target(a, ISMS_TARGET_RISK, "R1"), ISMS_OK);
    assert_int_equal(isms_action_set(a, ISMS_ACTION_DUE, "2024-03-31"), ISMS_OK);
    /* no reference date: doc-no-date */
    return doc;
}

static void test_lint_tiny(void **state)
{
    (void)state;
    isms_document *doc = lint_doc();
    static const struct {
        const char *code;
        const char *ref;
        isms_severity severity;
    } expected[] = {
        { "risk-untreated", "R1", ISMS_SEVERITY_WARNING },
        { "gap-no-plan", "6.1.2", ISMS_SEVERITY_WARNING },
        { "asset-no-owner", "HR", ISMS_SEVERITY_WARNING },
        { "asset-unclassified", "HR", ISMS_SEVERITY_WARNING },
        { "plan-overdue", "A1", ISMS_SEVERITY_WARNING },
        { "plan-no-owner", "A1", ISMS_SEVERITY_INFO },
        { "plan-no-effort", "A1", ISMS_SEVERITY_INFO },
        { "doc-model-invalid", "R1", ISMS_SEVERITY_ERROR },
        { "doc-assessment-edition", "2024", ISMS_SEVERITY_INFO },
        { "doc-no-date", "", ISMS_SEVERITY_INFO },
    };
    size_t n = sizeof expected / sizeof *expected;
    for (int lang = 0; lang < 2; lang++) {
        isms_findings *list = new_notes((isms_lang)lang);
        assert_int_equal(isms_document_lint(list, doc), ISMS_OK);
        for (size_t i = 0; i < isms_findings_count(list); i++) {
            isms_finding f;
            assert_int_equal(isms_findings_get(&f, list, i), ISMS_OK);
            if (i >= n || strcmp(f.code, expected[i].code) != 0)
                fail_msg("finding %zu is %s (%s): %s", i, f.code, f.ref, f.message);
            assert_string_equal(f.ref, expected[i].ref);
            assert_int_equal(f.severity, expected[i].severity);
        }
        assert_int_equal(isms_findings_count(list), n);
        isms_finding f;
        if (lang == ISMS_LANG_SV) {
            f = note_at(list, "doc-no-date", 0);
            assert_string_equal(f.message, "Dokumentet har inget referensdatum: beräkningarna "
                                           "använder den 31 december 2024");
            f = note_at(list, "doc-assessment-edition", 0);
            assert_holds(f.message, "Gapanalysen 2023 är gjord mot ISO/IEC 27001:2013 och "
                                    "den för 2024 mot ISO/IEC 27001:2022");
            f = note_at(list, "doc-model-invalid", 0);
            assert_holds(f.message, "Den kvantitativa modellen för risken R1 går inte att "
                                    "simulera: ");
            assert_holds(f.message, "Utpressning");
            f = note_at(list, "risk-untreated", 0);
            assert_holds(f.message, "Riskvärdet 16 är över acceptansnivån 3");
        } else {
            f = note_at(list, "doc-no-date", 0);
            assert_string_equal(f.message, "The document has no reference date: calculations "
                                           "use 31 December 2024");
            f = note_at(list, "doc-assessment-edition", 0);
            assert_holds(f.message, "The assessment of 2023 is against ISO/IEC 27001:2013 "
                                    "and that of 2024 against ISO/IEC 27001:2022");
            f = note_at(list, "doc-model-invalid", 0);
            assert_holds(f.message, "The quantitative model of risk R1 cannot be simulated: ");
            assert_holds(f.message, "loss magnitude");
        }
        isms_findings_free(list);
    }
    /* lint classified the inventory */
    isms_inventory_summary sum;
    assert_int_equal(isms_inventory_summarise(&sum, isms_document_inventory(doc)), ISMS_OK);
    assert_int_equal(sum.total, 1);

    /* with a reference date in March the action is not overdue and doc-no-date goes */
    assert_int_equal(isms_document_set_date(doc, (isms_date){ 2024, 3, 1 }), ISMS_OK);
    isms_findings *list = new_notes(ISMS_LANG_EN);
    assert_int_equal(isms_document_lint(list, doc), ISMS_OK);
    assert_int_equal(isms_findings_count(list), n - 2);
    assert_int_equal(count_notes(list, "plan-overdue", NULL), 0);
    assert_int_equal(count_notes(list, "doc-no-date", NULL), 0);

    /* the findings are appended after what the list held */
    isms_findings_free(list);
    list = notes_with_earlier(ISMS_LANG_SV);
    assert_int_equal(isms_document_lint(list, doc), ISMS_OK);
    assert_int_equal(isms_findings_count(list), n - 1);
    isms_finding first;
    assert_int_equal(isms_findings_get(&first, list, 0), ISMS_OK);
    assert_string_equal(first.code, "earlier");
    isms_findings_free(list);
    isms_document_free(doc);
}

static void test_lint_clean_and_sweep(void **state)
{
    (void)state;
    /* an empty document with a date has nothing to report */
    isms_document *doc = new_doc(2024);
    assert_int_equal(isms_document_set_date(doc, (isms_date){ 2024, 10, 1 }), ISMS_OK);
    isms_findings *list = new_notes(ISMS_LANG_SV);
    assert_int_equal(isms_document_lint(list, doc), ISMS_OK);
    assert_int_equal(isms_findings_count(list), 0);
    /* two assessments of one edition: no doc-assessment-edition */
    assert_int_equal(isms_document_add_assessment(doc, new_assessment(ISMS_EDITION_2022, 2023)),
                     ISMS_OK);
    assert_int_equal(isms_document_add_assessment(doc, new_assessment(ISMS_EDITION_2022, 2024)),
                     ISMS_OK);
    assert_int_equal(isms_document_lint(list, doc), ISMS_OK);
    assert_int_equal(count_notes(list, "doc-assessment-edition", NULL), 0);
    isms_document_free(doc);

    doc = lint_doc();
    SWEEP((isms_findings_clear(list),
           isms__inventory_changed(isms_document_inventory(doc)),
           isms_document_lint(list, doc)),
          (void)0);
    assert_int_equal(isms_findings_count(list), 10);
    isms_findings_free(list);
    isms_document_free(doc);
}

/* ---- simulation -------------------------------------------------------------------------- */

static void test_simulate(void **state)
{
    (void)state;
    isms_document *doc = new_doc(2024);
    isms_simulation *sim = NULL;
    assert_int_equal(isms_document_simulate(&sim, doc, true), ISMS_ENOTFOUND);
    assert_error(ISMS_ENOTFOUND, "no quantitative models");
    assert_null(sim);

    add_risk(doc, "R1", 2, 2);
    add_risk(doc, "R2", 3, 3);
    add_risk(doc, "R3", 4, 4);
    /* set out of order: the results follow the register */
    assert_int_equal(isms_document_set_model(doc, "R3", constant_model("Tre", 0.5, 100)),
                     ISMS_OK);
    assert_int_equal(isms_document_set_model(doc, "R1", constant_model("Ett", 2, 1000)),
                     ISMS_OK);
    isms_settings s = isms_settings_default();
    s.iterations = 100;
    s.seed = 7;
    assert_int_equal(isms_document_set_settings(doc, &s), ISMS_OK);
    SWEEP(isms_document_simulate(&sim, doc, true), assert_null(sim));
    assert_int_equal(isms_simulation_count(sim), 2);
    assert_int_equal(isms_simulation_iterations(sim), 100);
    assert_true(isms_simulation_has_samples(sim));
    assert_string_equal(isms_simulation_name(sim, 0), "Ett");
    assert_string_equal(isms_simulation_name(sim, 1), "Tre");
    const char *id = NULL;
    isms_document_model_at(&id, doc, 1);
    assert_string_equal(id, "R3");
    /* constants as a rate: 2 × 1000 = 2000 and 0.5 × 100 = 50 every year */
    isms_sim_stats st;
    assert_int_equal(isms_simulation_stats(&st, sim, 0), ISMS_OK);
    assert_double_equal(st.mean, 2000, 1e-9);
    assert_double_equal(st.sd, 0, 1e-9);
    assert_int_equal(isms_simulation_stats(&st, sim, 1), ISMS_OK);
    assert_double_equal(st.mean, 50, 1e-9);
    assert_int_equal(isms_simulation_stats(&st, sim, ISMS_PORTFOLIO), ISMS_OK);
    assert_double_equal(st.ale, 2050, 1e-9);
    isms_simulation_free(sim);

    assert_int_equal(isms_document_simulate(&sim, doc, false), ISMS_OK);
    assert_false(isms_simulation_has_samples(sim));
    isms_simulation_free(sim);

    /* a model that became invalid: the simulation's check refuses it */
    assert_int_equal(isms_fair_set(isms_document_model(doc, "R3"), ISMS_FAIR_LEF, NULL), ISMS_OK);
    sim = NULL;
    assert_int_equal(isms_document_simulate(&sim, doc, true), ISMS_EINVAL);
    assert_null(sim);
    /* the stale model of a removed risk is not simulated */
    assert_int_equal(isms_register_remove(isms_document_register(doc), "R3"), ISMS_OK);
    assert_int_equal(isms_document_simulate(&sim, doc, true), ISMS_OK);
    assert_int_equal(isms_simulation_count(sim), 1);
    isms_simulation_free(sim);
    isms_document_free(doc);
}

/* ---- ownership on failure ---------------------------------------------------------------- */

static void test_ownership_on_failure(void **state)
{
    (void)state;
    isms_document *doc = new_doc(2024);
    /* every refused object stays the caller's: freeing them here must not double-free, and
     * valgrind must see no leak */
    isms_assessment *a = new_assessment(ISMS_EDITION_2022, 2024);
    isms__alloc_fail_at(1);
    assert_int_equal(isms_document_add_assessment(doc, a), ISMS_ENOMEM);
    isms__alloc_fail_at(0);
    isms_assessment_free(a);
    assert_int_equal(isms_document_assessment_count(doc), 0);

    add_risk(doc, "R1", 1, 1);
    isms_fair *m = constant_model("M", 1, 1);
    isms__alloc_fail_at(1);
    assert_int_equal(isms_document_set_model(doc, "R1", m), ISMS_ENOMEM);
    isms__alloc_fail_at(0);
    assert_int_equal(isms_document_set_model(doc, "R2", m), ISMS_ENOTFOUND);
    isms_fair_free(m);
    assert_int_equal(isms_document_model_count(doc), 0);

    isms_register *reg = NULL;
    assert_int_equal(isms_register_new(&reg, NULL), ISMS_OK);
    assert_int_equal(isms_document_set_register(NULL, reg), ISMS_EINVAL);
    isms_register_free(reg);
    isms_inventory *inv = NULL;
    assert_int_equal(isms_inventory_new(&inv, NULL), ISMS_OK);
    assert_int_equal(isms_document_set_inventory(NULL, inv), ISMS_EINVAL);
    isms_inventory_free(inv);
    isms_plan *plan = NULL;
    assert_int_equal(isms_plan_new(&plan, 2024), ISMS_OK);
    assert_int_equal(isms_document_set_plan(NULL, plan), ISMS_EINVAL);
    isms_plan_free(plan);
    isms_matrix *mx = preset("3x3");
    assert_int_equal(isms_document_set_matrix(NULL, mx), ISMS_EINVAL);
    isms__alloc_fail_at(1);
    assert_int_equal(isms_document_set_matrix(doc, mx), ISMS_ENOMEM);
    isms__alloc_fail_at(0);
    assert_string_equal(isms_matrix_name(isms_register_matrix(isms_document_register(doc))),
                        "4x4");
    isms_matrix_free(mx);
    isms_document_free(doc);
}

/* ---- imported catalogs ------------------------------------------------------------------- */

#define CATALOG_SAMPLE ISMS_TEST_DATA "/../../examples/data/exempelstad-krav.oscal.json"
#define EX_UUID "ba8eab7e-7ca6-5b08-90f0-3da2903eb537"
#define EX_TITLE "Exempelstads grundläggande informationssäkerhetskrav"

/* The sample catalog, its text changed: `from` (which must occur) replaced by `to`. */
static isms_catalog *sample_catalog_with(const char *from, const char *to)
{
    size_t len;
    char *text = slurp(CATALOG_SAMPLE, &len);
    char *buf = malloc(len + strlen(to) + 1);
    assert_non_null(buf);
    const char *at = strstr(text, from);
    if (from[0] && !at)
        fail_msg("\"%s\" is not in the sample", from);
    if (!from[0]) {
        memcpy(buf, text, len + 1);
    } else {
        size_t pre = (size_t)(at - text);
        memcpy(buf, text, pre);
        strcpy(buf + pre, to);
        strcat(buf, at + strlen(from));
    }
    isms_catalog *cat = NULL;
    if (isms_catalog_parse_oscal(&cat, buf, strlen(buf), "sample.json") != ISMS_OK)
        fail_msg("sample: %s", isms_error_last()->message);
    free(buf);
    free(text);
    return cat;
}

static isms_catalog *sample_catalog(void)
{
    return sample_catalog_with("", "");
}

static isms_assessment *catalog_assessment(const isms_catalog *cat, int year)
{
    isms_assessment *a = NULL;
    assert_int_equal(isms_assessment_new_catalog(&a, cat, year, ISMS_SCOPE_BOTH), ISMS_OK);
    assert_int_equal(isms_assessment_add(NULL, a, "sty-1"), ISMS_OK);
    return a;
}

/* Adding an assessment: a catalog with the uuid of one the document holds must be that
 * catalog (the same content), or the document could not keep both. */
static void test_catalog_conflicts(void **state)
{
    (void)state;
    isms_document *doc = new_doc(2025);
    isms_catalog *one = sample_catalog(), *again = sample_catalog();
    isms_catalog *retitled = sample_catalog_with("\"title\": \"Utsedd", "\"title\": \"Vald");
    isms_catalog *reversioned = sample_catalog_with("\"2025.1\"", "\"2025.2\"");
    isms_catalog *relabelled = sample_catalog_with("\"STY-3\"", "\"STY-3a\"");
    isms_catalog *unlabelled = sample_catalog_with(
        "\"label\",\n                    \"value\": \"BEH-1.1\"",
        "\"x\",\n                    \"value\": \"BEH-1.1\"");
    assert_string_equal(isms_catalog_uuid(retitled), EX_UUID);

    isms_assessment *a24 = catalog_assessment(one, 2024);
    assert_int_equal(isms_document_add_assessment(doc, a24), ISMS_OK);
    /* The same catalog imported twice: the same content, accepted. */
    isms_assessment *a25 = catalog_assessment(again, 2025);
    SWEEP(isms_document_add_assessment(doc, a25),
          assert_int_equal(isms_document_assessment_count(doc), 1));
    assert_int_equal(isms_document_assessment_count(doc), 2);

    /* Another content under the same uuid: refused, the document unchanged, the caller
     * still owns the assessment. */
    isms_assessment *a23 = catalog_assessment(retitled, 2023);
    assert_int_equal(isms_document_add_assessment(doc, a23), ISMS_EINVAL);
    assert_error(ISMS_EINVAL,
                 "the assessment of 2023 is held against the catalog \"" EX_TITLE "\" (uuid "
                 EX_UUID "), but the document already holds a catalog with that uuid (for the "
                 "assessment of 2024, \"" EX_TITLE "\") whose content differs: item 3 is STY-2 "
                 "(\"Vald informationssäkerhetssamordnare per förvaltning\") in the new one and "
                 "STY-2 (\"Utsedd informationssäkerhetssamordnare per förvaltning\") in the "
                 "document's. A document keeps one catalog per uuid, and OSCAL gives a changed "
                 "catalog a new uuid: import the changed catalog under a uuid of its own, or "
                 "hold the assessment against the same one");
    assert_int_equal(isms_document_assessment_count(doc), 2);
    assert_null(isms_document_assessment_find(doc, 2023));
    isms_assessment_free(a23);
    a23 = catalog_assessment(reversioned, 2023);
    assert_int_equal(isms_document_add_assessment(doc, a23), ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "whose content differs: its version is \"2025.2\" in the new one "
                              "and \"2025.1\" in the document's.");
    isms_assessment_free(a23);
    a23 = catalog_assessment(relabelled, 2023);
    assert_int_equal(isms_document_add_assessment(doc, a23), ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "item 4 is STY-3a (\"Årlig ledningens genomgång av "
                              "ledningssystemet\") in the new one and STY-3 (");
    isms_assessment_free(a23);
    /* The label dropped: the id is then the OSCAL id. */
    a23 = catalog_assessment(unlabelled, 2023);
    assert_int_equal(isms_document_add_assessment(doc, a23), ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "item 7 is beh-1.1 (");
    isms_assessment_free(a23);

    /* The document holds the catalog until it is removed: replacing or removing the
     * assessments that use it does not let another content in. */
    isms_assessment *b24 = catalog_assessment(retitled, 2024);
    assert_int_equal(isms_document_add_assessment(doc, b24), ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "(for the assessment of 2024, ");
    assert_int_equal(isms_document_remove_assessment(doc, 2025), ISMS_OK);
    assert_int_equal(isms_document_remove_assessment(doc, 2024), ISMS_OK);
    assert_int_equal(isms_document_catalog_count(doc), 1);
    assert_int_equal(isms_document_add_assessment(doc, b24), ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "already holds a catalog with that uuid (which no assessment uses "
                              "now, \"" EX_TITLE "\") whose content differs");
    assert_int_equal(isms_document_remove_catalog(doc, EX_UUID), ISMS_OK);
    assert_int_equal(isms_document_catalog_count(doc), 0);
    assert_int_equal(isms_document_add_assessment(doc, b24), ISMS_OK);
    assert_ptr_equal(isms_document_assessment_find(doc, 2024), b24);
    assert_ptr_equal(isms_document_catalog_at(doc, 0), retitled);
    /* A built-in edition and another imported catalog never conflict. */
    assert_int_equal(isms_document_add_assessment(doc, new_assessment(ISMS_EDITION_2022, 2021)),
                     ISMS_OK);
    isms_document_free(doc);
    isms_catalog_free(one);
    isms_catalog_free(again);
    isms_catalog_free(retitled);
    isms_catalog_free(reversioned);
    isms_catalog_free(relabelled);
    isms_catalog_free(unlabelled);

    /* A catalog the document was loaded with (no assessment used it) counts too. */
    isms_document *loaded = NULL;
    assert_int_equal(isms_document_load(&loaded, ISMS_TEST_DATA "/doc-load/catalogs.json", NULL),
                     ISMS_OK);
    static const char lev[] =
        "{\"catalog\": {\"uuid\": \"0b6f3c1e-8e5a-4c2f-9f1d-2a7b6c5d4e3f\", \"metadata\": "
        "{\"title\": \"Leverantörskrav\", \"last-modified\": \"2024-06-01T00:00:00Z\", "
        "\"version\": \"1\", \"oscal-version\": \"1.1.3\"}, \"controls\": [{\"id\": "
        "\"lev-1\", \"title\": \"Avtal om informationssäkerhet\"}, {\"id\": \"lev-2\", "
        "\"title\": \"Granskning före avtal\", \"props\": [{\"name\": \"label\", \"value\": "
        "\"LEV-2\"}]}]}}";
    isms_catalog *same = NULL;
    assert_int_equal(isms_catalog_parse_oscal(&same, lev, strlen(lev), NULL), ISMS_OK);
    char other_text[sizeof lev];
    memcpy(other_text, lev, sizeof lev);
    memcpy(strstr(other_text, "Avtal om"), "Avtal av", 8);
    isms_catalog *other = NULL;
    assert_int_equal(isms_catalog_parse_oscal(&other, other_text, strlen(other_text), NULL),
                     ISMS_OK);
    isms_assessment *a = NULL;
    assert_int_equal(isms_assessment_new_catalog(&a, other, 2026, ISMS_SCOPE_BOTH), ISMS_OK);
    assert_int_equal(isms_document_add_assessment(loaded, a), ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "the document already holds a catalog with that uuid (which no "
                              "assessment uses now, \"Leverantörskrav\") whose content "
                              "differs: item 1 is lev-1 (\"Avtal av informationssäkerhet\")");
    isms_assessment_free(a);
    /* The same content is accepted, and the catalog is then used: written once, no lint. */
    assert_int_equal(isms_assessment_new_catalog(&a, same, 2026, ISMS_SCOPE_BOTH), ISMS_OK);
    assert_int_equal(isms_document_add_assessment(loaded, a), ISMS_OK);
    char *text = NULL;
    assert_int_equal(isms_document_write(&text, NULL, loaded), ISMS_OK);
    const char *first = strstr(text, "\"uuid\": \"0b6f3c1e-8e5a-4c2f-9f1d-2a7b6c5d4e3f\"");
    assert_non_null(first);
    assert_null(strstr(first + 1, "\"uuid\": \"0b6f3c1e-8e5a-4c2f-9f1d-2a7b6c5d4e3f\""));
    isms_free(text);
    isms_findings *list = new_notes(ISMS_LANG_EN);
    assert_int_equal(isms_document_lint(list, loaded), ISMS_OK);
    assert_int_equal(count_notes(list, "doc-catalog-unused", NULL), 0);
    isms_findings_free(list);
    isms_catalog_free(same);
    isms_catalog_free(other);
    isms_document_free(loaded);
}

/* The catalogs a document holds: they come with assessments (or from the file), in that
 * order, once per uuid, and stay until removed; removing refuses while an assessment uses
 * one. */
static void test_catalogs_held(void **state)
{
    (void)state;
    isms_document *doc = new_doc(2025);
    assert_int_equal(isms_document_catalog_count(doc), 0);
    assert_int_equal(isms_document_catalog_count(NULL), 0);
    assert_null(isms_document_catalog_at(doc, 0));
    assert_null(isms_document_catalog_at(NULL, 0));
    isms_catalog *one = sample_catalog(), *again = sample_catalog();
    isms_catalog *twin = sample_catalog_with(EX_UUID, "5f0e8a55-3b1c-4e6d-8a2b-9c7d6e5f4a3b");
    isms_catalog *third = sample_catalog_with(EX_UUID, "0a0e8a55-3b1c-4e6d-8a2b-9c7d6e5f4a3b");
    /* In the order they come, not the years' order nor the uuids'. */
    isms_assessment *a23 = catalog_assessment(twin, 2023);
    SWEEP(isms_document_add_assessment(doc, a23),
          (assert_int_equal(isms_document_catalog_count(doc), 0),
           assert_int_equal(isms_document_assessment_count(doc), 0)));
    assert_int_equal(isms_document_catalog_count(doc), 1);
    isms_assessment *a21 = catalog_assessment(one, 2021);
    SWEEP(isms_document_add_assessment(doc, a21),
          (assert_int_equal(isms_document_catalog_count(doc), 1),
           assert_int_equal(isms_document_assessment_count(doc), 1)));
    /* Another object of the same catalog: not held twice. */
    assert_int_equal(isms_document_add_assessment(doc, catalog_assessment(again, 2022)),
                     ISMS_OK);
    assert_int_equal(isms_document_add_assessment(doc, new_assessment(ISMS_EDITION_2022, 2024)),
                     ISMS_OK);
    assert_int_equal(isms_document_catalog_count(doc), 2);
    assert_ptr_equal(isms_document_catalog_at(doc, 0), twin);
    assert_ptr_equal(isms_document_catalog_at(doc, 1), one);
    assert_null(isms_document_catalog_at(doc, 2));
    /* The document keeps a reference of its own: the caller's and the assessments' go. */
    isms_catalog_free(twin);
    assert_int_equal(isms_document_remove_assessment(doc, 2023), ISMS_OK);
    assert_int_equal(isms_document_catalog_count(doc), 2);
    assert_string_equal(isms_catalog_title(isms_document_catalog_at(doc, 0)), EX_TITLE);
    assert_string_equal(isms_catalog_uuid(isms_document_catalog_at(doc, 0)),
                        "5f0e8a55-3b1c-4e6d-8a2b-9c7d6e5f4a3b");
    /* Replacing the year that brought a catalog keeps it too. */
    assert_int_equal(isms_document_add_assessment(doc, catalog_assessment(third, 2021)),
                     ISMS_OK);
    assert_int_equal(isms_document_catalog_count(doc), 3);
    assert_ptr_equal(isms_document_catalog_at(doc, 1), one);
    assert_ptr_equal(isms_document_catalog_at(doc, 2), third);
    /* Saved in that order, each once. */
    char *text = NULL;
    assert_int_equal(isms_document_write(&text, NULL, doc), ISMS_OK);
    const char *p1 = strstr(text, "\"uuid\": \"5f0e8a55-3b1c-4e6d-8a2b-9c7d6e5f4a3b\"");
    const char *p2 = strstr(text, "\"uuid\": \"" EX_UUID "\"");
    const char *p3 = strstr(text, "\"uuid\": \"0a0e8a55-3b1c-4e6d-8a2b-9c7d6e5f4a3b\"");
    assert_true(p1 && p2 && p3 && p1 < p2 && p2 < p3);
    assert_null(strstr(p2 + 1, "\"uuid\": \"" EX_UUID "\""));
    /* ... and loaded back in it. */
    isms_document *back = NULL;
    assert_int_equal(isms_document_parse(&back, text, strlen(text), NULL, NULL), ISMS_OK);
    assert_int_equal(isms_document_catalog_count(back), 3);
    for (size_t i = 0; i < 3; i++)
        assert_string_equal(isms_catalog_uuid(isms_document_catalog_at(back, i)),
                            isms_catalog_uuid(isms_document_catalog_at(doc, i)));
    assert_ptr_equal(isms_assessment_catalog(isms_document_assessment_find(back, 2022)),
                     isms_document_catalog_at(back, 1));
    isms_document_free(back);
    isms_free(text);

    /* Removing: not while an assessment uses it (the years named), any ASCII case of the
     * uuid, not one the document does not hold (those it holds named). */
    assert_int_equal(isms_document_remove_catalog(doc, EX_UUID), ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "the catalog \"" EX_TITLE "\" (uuid " EX_UUID ") is still used "
                              "by the assessment of 2022: remove it first, or hold it against "
                              "another catalog");
    assert_int_equal(isms_document_add_assessment(doc, catalog_assessment(again, 2020)),
                     ISMS_OK);
    assert_int_equal(isms_document_remove_catalog(doc, EX_UUID), ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "is still used by the assessments of 2020 and 2022: remove them "
                              "first, or hold them against another catalog");
    assert_int_equal(isms_document_remove_catalog(doc, "5F0E8A55-3B1C-4E6D-8A2B-9C7D6E5F4A3B"),
                     ISMS_OK);
    assert_int_equal(isms_document_catalog_count(doc), 2);
    assert_ptr_equal(isms_document_catalog_at(doc, 0), one);
    assert_ptr_equal(isms_document_catalog_at(doc, 1), third);
    assert_int_equal(isms_document_remove_catalog(doc, "5f0e8a55-3b1c-4e6d-8a2b-9c7d6e5f4a3b"),
                     ISMS_ENOTFOUND);
    assert_error(ISMS_ENOTFOUND, "no catalog with the uuid "
                                 "\"5f0e8a55-3b1c-4e6d-8a2b-9c7d6e5f4a3b\": the document holds "
                                 "the imported catalogs " EX_UUID " and "
                                 "0a0e8a55-3b1c-4e6d-8a2b-9c7d6e5f4a3b");
    assert_int_equal(isms_document_remove_catalog(doc, ""), ISMS_ENOTFOUND);
    assert_int_equal(isms_document_remove_catalog(doc, NULL), ISMS_EINVAL);
    assert_int_equal(isms_document_remove_catalog(NULL, EX_UUID), ISMS_EINVAL);
    /* Still found by uuid after a removal (the order was kept in line). */
    assert_int_equal(isms_document_remove_assessment(doc, 2021), ISMS_OK);
    assert_int_equal(isms_document_remove_catalog(doc, "0A0E8A55-3b1c-4e6d-8a2b-9c7d6e5f4a3b"),
                     ISMS_OK);
    assert_int_equal(isms_document_catalog_count(doc), 1);
    assert_int_equal(isms_document_remove_assessment(doc, 2020), ISMS_OK);
    assert_int_equal(isms_document_remove_assessment(doc, 2022), ISMS_OK);
    isms_findings *list = new_notes(ISMS_LANG_EN);
    assert_int_equal(isms_document_lint(list, doc), ISMS_OK);
    assert_int_equal(count_notes(list, "doc-catalog-unused", NULL), 1);
    isms_findings_free(list);
    assert_int_equal(isms_document_remove_catalog(doc, EX_UUID), ISMS_OK);
    assert_int_equal(isms_document_catalog_count(doc), 0);
    assert_int_equal(isms_document_remove_catalog(doc, EX_UUID), ISMS_ENOTFOUND);
    assert_error(ISMS_ENOTFOUND, "the document holds no imported catalog");
    isms_catalog_free(one);
    isms_catalog_free(again);
    isms_catalog_free(third);
    isms_document_free(doc);
}

/* Many assessments against one catalog: each add finds the catalog at once (the same
 * object); the document holds it once. */
static void test_catalog_many_assessments(void **state)
{
    (void)state;
    isms_document *doc = new_doc(2025);
    isms_catalog *one = sample_catalog();
    for (int year = 1900; year < 1900 + 2000; year++) {
        isms_assessment *a = NULL;
        assert_int_equal(isms_assessment_new_catalog(&a, one, year, ISMS_SCOPE_BOTH), ISMS_OK);
        assert_int_equal(isms_document_add_assessment(doc, a), ISMS_OK);
    }
    assert_int_equal(isms_document_catalog_count(doc), 1);
    assert_int_equal(isms_document_assessment_count(doc), 2000);
    isms_catalog_free(one);
    isms_document_free(doc);
}

/* doc-assessment-edition with imported catalogs: consecutive years against different
 * catalogs, named by their titles (and uuids when the titles are the same). */
static void test_lint_catalogs(void **state)
{
    (void)state;
    isms_document *doc = new_doc(2025);
    assert_int_equal(isms_document_set_date(doc, (isms_date){ 2025, 6, 1 }), ISMS_OK);
    isms_catalog *one = sample_catalog(), *again = sample_catalog();
    isms_catalog *twin = sample_catalog_with(EX_UUID, "5f0e8a55-3b1c-4e6d-8a2b-9c7d6e5f4a3b");
    /* 2021 and 2022 against one catalog (two objects): nothing to say. */
    assert_int_equal(isms_document_add_assessment(doc, catalog_assessment(one, 2021)), ISMS_OK);
    assert_int_equal(isms_document_add_assessment(doc, catalog_assessment(again, 2022)),
                     ISMS_OK);
    isms_findings *list = new_notes(ISMS_LANG_EN);
    assert_int_equal(isms_document_lint(list, doc), ISMS_OK);
    assert_int_equal(count_notes(list, "doc-assessment-edition", NULL), 0);
    isms_findings_free(list);
    /* 2023 against a catalog of the same title and another uuid, 2024 against 2022. */
    assert_int_equal(isms_document_add_assessment(doc, catalog_assessment(twin, 2023)), ISMS_OK);
    assert_int_equal(isms_document_add_assessment(doc, new_assessment(ISMS_EDITION_2022, 2024)),
                     ISMS_OK);
    list = new_notes(ISMS_LANG_EN);
    assert_int_equal(isms_document_lint(list, doc), ISMS_OK);
    assert_int_equal(count_notes(list, "doc-assessment-edition", NULL), 2);
    assert_string_equal(note_at(list, "doc-assessment-edition", 0).ref, "2023");
    assert_string_equal(note_at(list, "doc-assessment-edition", 0).message,
                        "The assessment of 2022 is against \"" EX_TITLE "\" (uuid " EX_UUID
                        ") and that of 2023 against \"" EX_TITLE "\" (uuid "
                        "5f0e8a55-3b1c-4e6d-8a2b-9c7d6e5f4a3b): the catalogs differ and there is "
                        "no mapping between them, so the years cannot be compared");
    assert_string_equal(note_at(list, "doc-assessment-edition", 1).ref, "2024");
    assert_string_equal(note_at(list, "doc-assessment-edition", 1).message,
                        "The assessment of 2023 is against \"" EX_TITLE "\" and that of 2024 "
                        "against ISO/IEC 27001:2022: the catalogs differ and there is no "
                        "mapping between them, so the years cannot be compared");
    isms_findings_free(list);
    list = new_notes(ISMS_LANG_SV);
    assert_int_equal(isms_document_lint(list, doc), ISMS_OK);
    assert_string_equal(note_at(list, "doc-assessment-edition", 1).message,
                        "Gapanalysen 2023 är gjord mot \"" EX_TITLE "\" och den för 2024 mot "
                        "ISO/IEC 27001:2022: katalogerna är olika och det finns ingen "
                        "översättning mellan dem, så åren kan inte jämföras");
    /* Out of memory at any allocation: ISMS_ENOMEM, the findings so far stay. */
    SWEEP((isms_findings_clear(list), isms_document_lint(list, doc)), (void)0);
    assert_int_equal(count_notes(list, "doc-assessment-edition", NULL), 2);
    isms_findings_free(list);
    isms_catalog_free(one);
    isms_catalog_free(again);
    isms_catalog_free(twin);
    isms_document_free(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_new_defaults),
        cmocka_unit_test(test_new_errors),
        cmocka_unit_test(test_null_arguments),
        cmocka_unit_test(test_text_fields),
        cmocka_unit_test(test_lang_and_date),
        cmocka_unit_test(test_context),
        cmocka_unit_test(test_set_register),
        cmocka_unit_test(test_set_inventory_and_plan),
        cmocka_unit_test(test_assessments),
        cmocka_unit_test(test_models),
        cmocka_unit_test(test_models_follow_the_register),
        cmocka_unit_test(test_set_matrix_5x5),
        cmocka_unit_test(test_set_matrix_refused),
        cmocka_unit_test(test_settings),
        cmocka_unit_test(test_settings_refused),
        cmocka_unit_test(test_schedule_options),
        cmocka_unit_test(test_lint_tiny),
        cmocka_unit_test(test_lint_clean_and_sweep),
        cmocka_unit_test(test_simulate),
        cmocka_unit_test(test_ownership_on_failure),
        cmocka_unit_test(test_catalog_conflicts),
        cmocka_unit_test(test_catalogs_held),
        cmocka_unit_test(test_catalog_many_assessments),
        cmocka_unit_test(test_lint_catalogs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
