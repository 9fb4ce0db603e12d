/* Unit tests of the management review (include/isms/report.h): format names and options,
 * golden reports of a small document built through the API (text without colour, Markdown
 * and JSON in Swedish, Markdown in English; ISMS_UPDATE_GOLDEN=1 rewrites them), hostile
 * user text in every part of the document, figures cross-checked against the modules that
 * compute them, colour on and off, both languages, the escapes one by one, plans with a
 * cycle or a missing prerequisite, an empty document, gap analyses against an imported catalog
 * (groups instead of chapters, the catalog named, last year against the same or another
 * catalog, hostile catalog and group titles), saving, and allocation failure. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "catalog/catalog-internal.h"
#include "internal.h"
#include "report/report-internal.h"

#include "test-util.h"

#define UNSET ISMS_LEVEL_UNSET

/* The text holds the needle (assert_contains() of test-util.h, but without printing the
 * whole report, and without a path on which the compiler sees a NULL text). */
static void expect_in(const char *text, const char *needle)
{
    if (!text || !strstr(text, needle))
        fail_msg("the report does not contain \"%s\"", needle);
}

/* ---- the fixture ---------------------------------------------------------------------------- */

static isms_risk *risk(isms_register *reg, const char *id, const char *title, int l, int c)
{
    isms_risk *r = NULL;
    assert_int_equal(isms_register_add(&r, reg, id, title, l, c), ISMS_OK);
    return r;
}

static void entry(isms_assessment *a, const char *ref, isms_status st, const char *plan,
                  const char *owner, const char *due)
{
    isms_entry *e = isms_assessment_find(a, ref);
    assert_non_null(e);
    assert_int_equal(isms_entry_set_status(e, st), ISMS_OK);
    if (plan)
        assert_int_equal(isms_entry_set(e, ISMS_FIELD_PLAN, plan), ISMS_OK);
    if (owner)
        assert_int_equal(isms_entry_set(e, ISMS_FIELD_OWNER, owner), ISMS_OK);
    if (due)
        assert_int_equal(isms_entry_set(e, ISMS_FIELD_DUE, due), ISMS_OK);
}

static isms_assessment *assessment(int year)
{
    isms_assessment *a = NULL;
    assert_int_equal(isms_assessment_new(&a, ISMS_EDITION_2022, year, ISMS_SCOPE_CLAUSES),
                     ISMS_OK);
    assert_int_equal(isms_assessment_add_all(a), ISMS_OK);
    return a;
}

static isms_action *action(isms_plan *p, const char *id, const char *title, const char *owner,
                           const char *due, double effort)
{
    isms_action *a = NULL;
    assert_int_equal(isms_plan_add(&a, p, id, title), ISMS_OK);
    if (owner)
        assert_int_equal(isms_action_set(a, ISMS_ACTION_OWNER, owner), ISMS_OK);
    if (due)
        assert_int_equal(isms_action_set(a, ISMS_ACTION_DUE, due), ISMS_OK);
    assert_int_equal(isms_action_set_effort(a, effort), ISMS_OK);
    return a;
}

/*
 * A small ISMS of a Swedish social services administration, reviewed on 2024-11-15:
 * - five risks on the 4x4 matrix (one unscored), one with a quantitative model;
 * - gap analyses of 2023 and 2024 against the 2022 clauses;
 * - three assets (two information assets, one of them classified; one system);
 * - five actions: one planned, one with a prerequisite and overdue, one recurring, one too
 *   large for the capacity of 30 person-days a year.
 */
static isms_document *fixture(void)
{
    isms_document *doc = NULL;
    assert_int_equal(isms_document_new(&doc, 2024), ISMS_OK);
    assert_int_equal(isms_document_set(doc, ISMS_DOC_ORGANISATION, "Exempelstads kommun"),
                     ISMS_OK);
    assert_int_equal(isms_document_set(doc, ISMS_DOC_UNIT, "Socialförvaltningen"), ISMS_OK);
    assert_int_equal(
        isms_document_set(doc, ISMS_DOC_AUTHOR, "Informationssäkerhetssamordnare"), ISMS_OK);
    assert_int_equal(isms_document_set(doc, ISMS_DOC_SCOPE,
                                       "Socialförvaltningens verksamhetssystem och "
                                       "informationstillgångar"),
                     ISMS_OK);
    assert_int_equal(isms_document_set_date(doc, (isms_date){ 2024, 11, 15 }), ISMS_OK);
    assert_int_equal(isms_document_add_context(doc, "NIS2 och cybersäkerhetslagen",
                                               "Förvaltningen kan bli en väsentlig "
                                               "entitet."),
                     ISMS_OK);
    assert_int_equal(isms_document_add_context(doc, "Ny organisation", NULL), ISMS_OK);

    isms_register *reg = isms_document_register(doc);
    isms_risk *r1 = risk(reg, "R1", "Obehörig åtkomst till journaler", 3, 4);
    assert_int_equal(isms_risk_set_residual(r1, 2, 3), ISMS_OK);
    assert_int_equal(isms_risk_set_treatment(r1, ISMS_TREATMENT_MODIFY, "Inför MFA"), ISMS_OK);
    assert_int_equal(isms_risk_set_owner(r1, "IT-chef"), ISMS_OK);
    assert_int_equal(isms_risk_set_status(r1, ISMS_RISK_IN_TREATMENT), ISMS_OK);
    isms_risk *r2 = risk(reg, "R2", "Utpressningsvirus", 2, 4);
    assert_int_equal(isms_risk_set_owner(r2, "IT-chef"), ISMS_OK);
    isms_risk *r3 = risk(reg, "R3", "Felaktiga behörigheter", 2, 2);
    assert_int_equal(isms_risk_set_residual(r3, 1, 2), ISMS_OK);
    assert_int_equal(isms_risk_set_treatment(r3, ISMS_TREATMENT_RETAIN, NULL), ISMS_OK);
    isms_risk *r4 = risk(reg, "R4", "Strömavbrott", 1, 3);
    assert_int_equal(isms_risk_set_status(r4, ISMS_RISK_ACCEPTED), ISMS_OK);
    risk(reg, "R5", "Ny risk att bedöma", UNSET, UNSET);

    isms_assessment *a23 = assessment(2023);
    entry(a23, "4.1", ISMS_STATUS_YES, NULL, NULL, NULL);
    entry(a23, "4.2", ISMS_STATUS_PARTIAL, "Kartlägg intressenter", "CISO", "2023");
    entry(a23, "4.3", ISMS_STATUS_NO, "Skriv omfattningen", "CISO", "2023");
    entry(a23, "5.1", ISMS_STATUS_YES, NULL, NULL, NULL);
    entry(a23, "5.2", ISMS_STATUS_NO, "Ta fram policy", "Ledningen", "2023");
    assert_int_equal(isms_document_add_assessment(doc, a23), ISMS_OK);
    isms_assessment *a24 = assessment(2024);
    entry(a24, "4.1", ISMS_STATUS_YES, NULL, NULL, NULL);
    entry(a24, "4.2", ISMS_STATUS_YES, NULL, NULL, NULL);
    entry(a24, "4.3", ISMS_STATUS_PARTIAL, "Skriv om omfattningen", "CISO", "mars 2024");
    entry(a24, "5.1", ISMS_STATUS_YES, NULL, NULL, NULL);
    entry(a24, "5.2", ISMS_STATUS_NO, "Ta fram policy", "Ledningen", "Q1 2025");
    entry(a24, "6.1.2", ISMS_STATUS_PARTIAL, "Gör om riskbedömningen", "CISO", "2025");
    assert_int_equal(isms_document_add_assessment(doc, a24), ISMS_OK);

    isms_inventory *inv = isms_document_inventory(doc);
    isms_asset *journal = NULL, *hr = NULL;
    assert_int_equal(isms_inventory_add(&journal, inv, "INF1", "Journaler",
                                        ISMS_ASSET_INFORMATION),
                     ISMS_OK);
    assert_int_equal(isms_asset_set(journal, ISMS_ASSET_OWNER, "Verksamhetschef"), ISMS_OK);
    assert_int_equal(isms_asset_set_level(journal, ISMS_ASPECT_CONFIDENTIALITY, 3), ISMS_OK);
    assert_int_equal(isms_asset_set_level(journal, ISMS_ASPECT_INTEGRITY, 3), ISMS_OK);
    assert_int_equal(isms_asset_set_level(journal, ISMS_ASPECT_AVAILABILITY, 2), ISMS_OK);
    assert_int_equal(isms_asset_set_level(journal, ISMS_ASPECT_TRACEABILITY, 3), ISMS_OK);
    assert_int_equal(isms_asset_set_pdata(journal, ISMS_PDATA_SPECIAL | ISMS_PDATA_PIN,
                                          ISMS_SPECIAL_HEALTH),
                     ISMS_OK);
    assert_int_equal(isms_asset_set(journal, ISMS_ASSET_PURPOSE, "Dokumentation"), ISMS_OK);
    assert_int_equal(isms_asset_set(journal, ISMS_ASSET_LEGAL_BASIS, "Rättslig förpliktelse"),
                     ISMS_OK);
    assert_int_equal(isms_asset_set(journal, ISMS_ASSET_RETENTION, "5 år"), ISMS_OK);
    assert_int_equal(isms_asset_set_classified(journal, (isms_date){ 2023, 10, 1 }), ISMS_OK);
    assert_int_equal(isms_inventory_add(&hr, inv, "INF2", "Personalakter",
                                        ISMS_ASSET_INFORMATION),
                     ISMS_OK);
    assert_int_equal(isms_asset_set(hr, ISMS_ASSET_OWNER, "HR-chef"), ISMS_OK);
    assert_int_equal(isms_asset_set_level(hr, ISMS_ASPECT_CONFIDENTIALITY, 2), ISMS_OK);
    assert_int_equal(isms_inventory_add(NULL, inv, "SYS1", "Journalsystemet",
                                        ISMS_ASSET_SYSTEM),
                     ISMS_OK);
    assert_int_equal(isms_inventory_link(inv, "SYS1", "INF1", ISMS_REL_PROCESSES), ISMS_OK);

    isms_plan *plan = isms_document_plan(doc);
    isms_action *a1 = action(plan, "A1", "Inför MFA", "IT-chef", "Q1 2025", 20);
    assert_int_equal(isms_action_add_target(a1, ISMS_TARGET_RISK, "R1"), ISMS_OK);
    assert_int_equal(isms_action_set_status(a1, ISMS_ACTION_PLANNED), ISMS_OK);
    isms_action *a2 = action(plan, "A2", "Ta fram informationssäkerhetspolicy", "Ledningen",
                             "Q1 2025", 5);
    assert_int_equal(isms_action_add_target(a2, ISMS_TARGET_REQUIREMENT, "5.2"), ISMS_OK);
    isms_action *a3 = action(plan, "A3", "Klassa om informationen", "Samordnaren", "oktober",
                             2);
    assert_int_equal(isms_action_set_recurrence(a3, ISMS_RECUR_YEARLY), ISMS_OK);
    isms_action *a4 = action(plan, "A4", "Uppdatera den lokala instruktionen", "Samordnaren",
                             "juni 2024", 3);
    assert_int_equal(isms_action_add_prerequisite(a4, "A2"), ISMS_OK);
    action(plan, "A5", "Byt journalsystem", "IT-chef", "2026", 120);

    isms_settings s;
    assert_int_equal(isms_document_settings(&s, doc), ISMS_OK);
    s.periods = 2;
    s.capacity = 30;
    s.iterations = 2000;
    s.seed = 7;
    assert_int_equal(isms_document_set_settings(doc, &s), ISMS_OK);

    isms_dist freq, mag;
    assert_int_equal(isms_dist_poisson(&freq, 0.5), ISMS_OK);
    assert_int_equal(isms_dist_lognormal90(&mag, 100000, 2000000), ISMS_OK);
    isms_fair *model = NULL;
    assert_int_equal(isms_fair_new_simple(&model, "R1", &freq, &mag), ISMS_OK);
    assert_int_equal(isms_document_set_model(doc, "R1", model), ISMS_OK);
    return doc;
}

static isms_report_options options(isms_report_format format, isms_lang lang)
{
    isms_report_options o;
    isms_report_options_init(&o, NULL);
    o.format = format;
    o.lang = lang;
    return o;
}

static char *report(isms_document *doc, isms_report_format format, isms_lang lang)
{
    isms_report_options o = options(format, lang);
    char *out = NULL;
    size_t len = 0;
    int rc = isms_report_write(&out, &len, doc, &o);
    if (rc != ISMS_OK)
        fail_msg("isms_report_write: %d %s", rc, isms_error_last()->message);
    if (!out)
        abort(); /* cannot happen after ISMS_OK; tells the compiler so */
    assert_int_equal(strlen(out), len);
    return out;
}

/* ---- format names and options ---------------------------------------------------------------- */

static void test_format_names(void **state)
{
    (void)state;
    assert_string_equal(isms_report_format_name(ISMS_REPORT_TEXT), "text");
    assert_string_equal(isms_report_format_name(ISMS_REPORT_MARKDOWN), "md");
    assert_string_equal(isms_report_format_name(ISMS_REPORT_HTML), "html");
    assert_string_equal(isms_report_format_name(ISMS_REPORT_JSON), "json");
    assert_string_equal(isms_report_format_name((isms_report_format)4), "");
    assert_string_equal(isms_report_format_name((isms_report_format)-1), "");

    static const struct {
        const char *text;
        isms_report_format format;
    } cases[] = {
        { "text", ISMS_REPORT_TEXT },   { "TEXT", ISMS_REPORT_TEXT },
        { " md ", ISMS_REPORT_MARKDOWN }, { "Markdown", ISMS_REPORT_MARKDOWN },
        { "html", ISMS_REPORT_HTML },   { "HTML", ISMS_REPORT_HTML },
        { "json", ISMS_REPORT_JSON },   { "Json", ISMS_REPORT_JSON },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        isms_report_format f = (isms_report_format)99;
        assert_int_equal(isms_report_format_parse(&f, cases[i].text), ISMS_OK);
        assert_int_equal(f, cases[i].format);
    }
    isms_report_format f = ISMS_REPORT_JSON;
    assert_int_equal(isms_report_format_parse(&f, "pdf"), ISMS_EPARSE);
    assert_error(ISMS_EPARSE, "\"pdf\"");
    assert_error(ISMS_EPARSE, "\"markdown\"");
    assert_int_equal(f, ISMS_REPORT_JSON);
    assert_int_equal(isms_report_format_parse(&f, ""), ISMS_EPARSE);
    assert_int_equal(isms_report_format_parse(NULL, "md"), ISMS_EINVAL);
    assert_int_equal(isms_report_format_parse(&f, NULL), ISMS_EINVAL);
}

static void test_options(void **state)
{
    (void)state;
    isms_report_options o;
    memset(&o, 0xAB, sizeof o);
    isms_report_options_init(&o, NULL);
    assert_int_equal(o.format, ISMS_REPORT_HTML);
    assert_int_equal(o.lang, ISMS_LANG_SV);
    assert_false(o.color);
    assert_int_equal(o.width, 100);
    assert_true(o.simulate);
    isms_report_options_init(NULL, NULL); /* nothing happens */

    isms_document *doc = NULL;
    assert_int_equal(isms_document_new(&doc, 2024), ISMS_OK);
    assert_int_equal(isms_document_set_lang(doc, ISMS_LANG_EN), ISMS_OK);
    isms_report_options_init(&o, doc);
    assert_int_equal(o.lang, ISMS_LANG_EN);

    char *out = (char *)(uintptr_t)0x1;
    size_t len = 4242;
    o.format = ISMS_REPORT_TEXT;
    o.width = 39;
    assert_int_equal(isms_report_write(&out, &len, doc, &o), ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "width 39");
    o.width = 1001;
    assert_int_equal(isms_report_write(&out, &len, doc, &o), ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "40–1000");
    o.width = 40;
    o.format = (isms_report_format)7;
    assert_int_equal(isms_report_write(&out, &len, doc, &o), ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "format 7");
    o.format = ISMS_REPORT_TEXT;
    o.lang = (isms_lang)5;
    assert_int_equal(isms_report_write(&out, &len, doc, &o), ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "language 5");
    assert_ptr_equal(out, (char *)(uintptr_t)0x1);
    assert_int_equal(len, 4242);
    assert_int_equal(isms_report_write(NULL, &len, doc, NULL), ISMS_EINVAL);
    assert_int_equal(isms_report_write(&out, &len, NULL, NULL), ISMS_EINVAL);

    /* NULL options: the document's defaults, HTML in English */
    o.lang = ISMS_LANG_EN;
    out = NULL;
    assert_int_equal(isms_report_write(&out, NULL, doc, NULL), ISMS_OK);
    assert_non_null(out);
    isms_free(out);
    /* the narrowest width works */
    o.format = ISMS_REPORT_TEXT;
    o.width = 40;
    out = NULL;
    assert_int_equal(isms_report_write(&out, NULL, doc, &o), ISMS_OK);
    expect_in(out, "Summary");
    isms_free(out);
    isms_document_free(doc);
}

/* ---- golden reports ------------------------------------------------------------------------- */

static void golden(const char *text, const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s/report/%s", ISMS_TEST_DATA, name);
    const char *update = getenv("ISMS_UPDATE_GOLDEN");
    if (update && strcmp(update, "1") == 0) {
        write_file(path, text);
        return;
    }
    size_t len = 0;
    char *want = slurp(path, &len);
    if (strlen(text) != len || memcmp(text, want, len) != 0) {
        /* the first line that differs, for the log */
        size_t line = 1, i = 0;
        while (i < len && text[i] && text[i] == want[i]) {
            if (text[i] == '\n')
                line++;
            i++;
        }
        free(want);
        fail_msg("%s differs from the golden file at line %zu (ISMS_UPDATE_GOLDEN=1 rewrites "
                 "it)", name, line);
    }
    free(want);
}

static void test_golden(void **state)
{
    (void)state;
    isms_document *doc = fixture();
    char *text = report(doc, ISMS_REPORT_TEXT, ISMS_LANG_SV);
    golden(text, "review-sv.txt");
    isms_free(text);
    char *md = report(doc, ISMS_REPORT_MARKDOWN, ISMS_LANG_SV);
    golden(md, "review-sv.md");
    isms_free(md);
    char *json = report(doc, ISMS_REPORT_JSON, ISMS_LANG_SV);
    golden(json, "review-sv.json");
    isms_free(json);
    /* English, with a decision taken */
    assert_int_equal(isms_document_set(doc, ISMS_DOC_DECISION,
                                       "The plan is approved.\nA1 is to be done first."),
                     ISMS_OK);
    char *en = report(doc, ISMS_REPORT_MARKDOWN, ISMS_LANG_EN);
    golden(en, "review-en.md");
    isms_free(en);
    isms_document_free(doc);
}

/* The same document and options give the same bytes; the report changes nothing it shows. */
static void test_deterministic(void **state)
{
    (void)state;
    isms_document *doc = fixture();
    for (int f = ISMS_REPORT_TEXT; f <= ISMS_REPORT_JSON; f++) {
        char *a = report(doc, (isms_report_format)f, ISMS_LANG_SV);
        char *b = report(doc, (isms_report_format)f, ISMS_LANG_SV);
        assert_string_equal(a, b);
        isms_free(a);
        isms_free(b);
    }
    isms_document_free(doc);
}

/* ---- figures -------------------------------------------------------------------------------- */

static json_t *parse_json(const char *text)
{
    json_error_t err;
    json_t *root = json_loads(text, 0, &err);
    if (!root)
        fail_msg("invalid JSON at %d:%d: %s", err.line, err.column, err.text);
    return root;
}

static json_t *at(json_t *obj, const char *path)
{
    /* "a.b.c" through objects */
    char buf[256];
    snprintf(buf, sizeof buf, "%s", path);
    json_t *cur = obj;
    for (char *p = strtok(buf, "."); p; p = strtok(NULL, ".")) {
        cur = json_object_get(cur, p);
        if (!cur)
            fail_msg("no %s in the JSON summary", path);
    }
    return cur;
}

static double num(json_t *obj, const char *path)
{
    json_t *v = at(obj, path);
    assert_true(json_is_number(v));
    return json_number_value(v);
}

static void test_figures(void **state)
{
    (void)state;
    isms_document *doc = fixture();
    /* compliance weights of the document's own (partial counts 0.25) */
    isms_settings s;
    assert_int_equal(isms_document_settings(&s, doc), ISMS_OK);
    s.compliance.partial = 0.25;
    assert_int_equal(isms_document_set_settings(doc, &s), ISMS_OK);

    char *text = report(doc, ISMS_REPORT_JSON, ISMS_LANG_EN);
    json_t *root = parse_json(text);
    assert_string_equal(json_string_value(at(root, "format")), "libisms-summary/1");
    assert_string_equal(json_string_value(at(root, "lang")), "en");
    assert_string_equal(json_string_value(at(root, "date")), "2024-11-15");
    assert_string_equal(json_string_value(at(root, "title")), "Management review 2024");

    /* band counts are the register's */
    const isms_register *reg = isms_document_register(doc);
    size_t inh[8], res[8], un_i = 0, un_r = 0;
    assert_int_equal(isms_register_band_counts(inh, 8, &un_i, reg, ISMS_INHERENT), ISMS_OK);
    assert_int_equal(isms_register_band_counts(res, 8, &un_r, reg, ISMS_RESIDUAL), ISMS_OK);
    json_t *bands = at(root, "risks.bands");
    assert_int_equal(json_array_size(bands), 4);
    for (size_t b = 0; b < 4; b++) {
        assert_int_equal(json_integer_value(json_object_get(json_array_get(bands, b),
                                                            "inherent")),
                         inh[b]);
        assert_int_equal(json_integer_value(json_object_get(json_array_get(bands, b),
                                                            "residual")),
                         res[b]);
    }
    /* by hand: inherent R4 3 low, R3 4 medium, R2 8 high, R1 12 very high, R5 unscored;
     * residual R3 2 and R4 3 low, R1 6 medium, R2 8 high (no residual levels) */
    assert_int_equal(inh[0], 1);
    assert_int_equal(inh[1], 1);
    assert_int_equal(inh[2], 1);
    assert_int_equal(inh[3], 1);
    assert_int_equal(res[0], 2);
    assert_int_equal(res[1], 1);
    assert_int_equal(res[2], 1);
    assert_int_equal(res[3], 0);
    assert_double_equal(num(root, "risks.unscored.inherent"), (double)un_i, 0);
    assert_double_equal(num(root, "risks.unscored.residual"), 1, 0);
    assert_double_equal(num(root, "risks.above_acceptance.inherent"), 3, 0);
    assert_double_equal(num(root, "risks.above_acceptance.residual"), 2, 0);
    assert_double_equal(num(root, "risks.total"), 5, 0);
    json_t *items = at(root, "risks.items");
    assert_string_equal(json_string_value(json_object_get(json_array_get(items, 0), "id")),
                        "R1");
    assert_true(json_is_null(json_object_get(json_array_get(items, 4), "value")));

    /* heat map: R1 at likelihood 3 (row 2), consequence 4 (column 3) */
    json_t *heat = at(root, "risks.heatmap.inherent");
    assert_int_equal(json_integer_value(json_array_get(json_array_get(heat, 2), 3)), 1);
    assert_int_equal(json_integer_value(json_array_get(json_array_get(heat, 0), 0)), 0);

    /* compliance is isms_assessment_summarise()'s with the document's weights */
    isms_summary now, before;
    assert_int_equal(isms_assessment_summarise(&now, isms_document_assessment_find(doc, 2024),
                                               &s.compliance),
                     ISMS_OK);
    assert_int_equal(isms_assessment_summarise(&before,
                                               isms_document_assessment_find(doc, 2023),
                                               &s.compliance),
                     ISMS_OK);
    /* by hand: 2024 yes 3, partial 2, no 1: (3 + 2 × 0.25) / 6; 2023: (2 + 0.25) / 5 */
    assert_double_equal(now.total.compliance, 3.5 / 6, 1e-12);
    assert_double_equal(before.total.compliance, 2.25 / 5, 1e-12);
    assert_double_equal(num(root, "compliance.total.compliance"), now.total.compliance, 1e-15);
    assert_double_equal(num(root, "compliance.previous.total.compliance"),
                        before.total.compliance, 1e-15);
    assert_double_equal(num(root, "compliance.change"),
                        now.total.compliance - before.total.compliance, 1e-15);
    assert_double_equal(num(root, "compliance.total.assessed"), 6, 0);
    assert_double_equal(num(root, "compliance.total.total"), now.total.total, 0);
    assert_double_equal(num(root, "compliance.overdue"), 1, 0); /* 4.3, due March 2024 */
    assert_int_equal(json_array_size(at(root, "compliance.gaps")), 3);
    assert_double_equal(num(root, "compliance.changes.improved"), 2, 0);
    assert_double_equal(num(root, "compliance.changes.new"), 1, 0);
    json_t *chapters = at(root, "compliance.chapters");
    assert_int_equal(json_array_size(chapters), 7);
    json_t *ch4 = json_array_get(chapters, 0);
    assert_string_equal(json_string_value(json_object_get(ch4, "id")), "4");
    assert_double_equal(json_number_value(json_object_get(json_object_get(ch4, "now"),
                                                          "compliance")),
                        now.chapter[0].compliance, 1e-15);

    /* classification */
    assert_double_equal(num(root, "classification.assets"), 3, 0);
    assert_double_equal(num(root, "classification.information"), 2, 0);
    assert_double_equal(num(root, "classification.information_classified"), 1, 0);
    assert_double_equal(num(root, "classification.with_personal_data"), 1, 0);
    json_t *due = at(root, "classification.reviews_due");
    assert_int_equal(json_array_size(due), 1);
    assert_true(json_is_true(json_object_get(json_array_get(due, 0), "overdue")));
    /* SYS1 processes INF1 and takes its confidentiality 3 */
    json_t *conf = at(root, "classification.aspects.confidentiality.levels");
    assert_int_equal(json_integer_value(json_array_get(conf, 3)), 2);
    assert_int_equal(json_integer_value(json_array_get(conf, 2)), 1);

    /* plan: A4 (June 2024) and this year's A3 (October) are overdue, as lint says; A5 does
     * not fit 30 person-days */
    assert_double_equal(num(root, "plan.actions"), 5, 0);
    assert_double_equal(num(root, "plan.open"), 5, 0);
    assert_double_equal(num(root, "plan.overdue"), 2, 0);
    json_t *uns = at(root, "plan.unscheduled");
    assert_int_equal(json_array_size(uns), 1);
    assert_string_equal(json_string_value(json_array_get(uns, 0)), "A5");
    json_t *periods = at(root, "plan.periods");
    assert_int_equal(json_array_size(periods), 2);
    assert_string_equal(json_string_value(json_object_get(json_array_get(periods, 0),
                                                          "period")),
                        "2025");
    /* the recurring A3 is in both years */
    for (size_t p = 0; p < 2; p++) {
        json_t *acts = json_object_get(json_array_get(periods, p), "actions");
        bool a3 = false;
        for (size_t i = 0; i < json_array_size(acts); i++) {
            json_t *a = json_array_get(acts, i);
            if (strcmp(json_string_value(json_object_get(a, "id")), "A3") == 0) {
                a3 = true;
                assert_true(json_is_true(json_object_get(a, "recurring")));
            }
        }
        assert_true(a3);
    }

    /* the simulation's figures are the simulation's */
    isms_simulation *sim = NULL;
    assert_int_equal(isms_document_simulate(&sim, doc, true), ISMS_OK);
    isms_sim_stats st;
    assert_int_equal(isms_simulation_stats(&st, sim, ISMS_PORTFOLIO), ISMS_OK);
    double p90, es;
    assert_int_equal(isms_simulation_percentile(&p90, sim, ISMS_PORTFOLIO, 90), ISMS_OK);
    assert_int_equal(isms_simulation_expected_shortfall(&es, sim, ISMS_PORTFOLIO, 0.95),
                     ISMS_OK);
    assert_double_equal(num(root, "quantitative.iterations"), 2000, 0);
    assert_double_equal(num(root, "quantitative.seed"), 7, 0);
    assert_double_equal(num(root, "quantitative.portfolio.ale"), st.ale, 0);
    assert_double_equal(num(root, "quantitative.portfolio.p90"), p90, 0);
    assert_double_equal(num(root, "quantitative.portfolio.es95"), es, 0);
    assert_int_equal(json_array_size(at(root, "quantitative.lec")), ISMS__REPORT_LEC_POINTS);
    isms_simulation_free(sim);

    /* findings are isms_document_lint()'s */
    isms_findings *f = NULL;
    assert_int_equal(isms_findings_new(&f, ISMS_LANG_EN), ISMS_OK);
    assert_int_equal(isms_document_lint(f, doc), ISMS_OK);
    assert_int_equal(json_array_size(at(root, "findings.items")), isms_findings_count(f));
    assert_double_equal(num(root, "findings.warning"),
                        (double)isms_findings_count_severity(f, ISMS_SEVERITY_WARNING), 0);
    isms_findings_free(f);
    assert_true(json_is_null(at(root, "decision")));
    json_decref(root);
    isms_free(text);

    /* The ranked actions carry their efforts: none known is null, and no effort at all is
     * 0 person-days, not unknown. */
    isms_plan *plan = isms_document_plan(doc);
    assert_int_equal(isms_action_set_effort(isms_plan_find(plan, "A1"), 0), ISMS_OK);
    assert_int_equal(isms_action_set_effort(isms_plan_find(plan, "A2"), -1), ISMS_OK);
    text = report(doc, ISMS_REPORT_JSON, ISMS_LANG_EN);
    root = parse_json(text);
    json_t *ranked = at(root, "plan.ranked");
    int seen = 0;
    for (size_t i = 0; i < json_array_size(ranked); i++) {
        json_t *a = json_array_get(ranked, i);
        const char *id = json_string_value(json_object_get(a, "id"));
        json_t *effort = json_object_get(a, "effort");
        if (strcmp(id, "A1") == 0) {
            assert_true(json_is_number(effort));
            assert_double_equal(json_number_value(effort), 0, 0);
            seen++;
        } else if (strcmp(id, "A2") == 0) {
            assert_true(json_is_null(effort));
            seen++;
        } else if (strcmp(id, "A5") == 0) {
            assert_double_equal(json_number_value(effort), 120, 0);
            seen++;
        }
    }
    assert_int_equal(seen, 3);
    json_decref(root);
    isms_free(text);

    /* the text shows the same compliance: (3 + 0.5) / 6 = 58.3 % */
    text = report(doc, ISMS_REPORT_TEXT, ISMS_LANG_EN);
    expect_in(text, "58.3%");
    expect_in(text, "45%"); /* 2023: 2.25 / 5 */
    isms_free(text);
    isms_document_free(doc);
}

/* Without simulation the section says so; the JSON has no figures. */
static void test_no_simulation(void **state)
{
    (void)state;
    isms_document *doc = fixture();
    isms_report_options o = options(ISMS_REPORT_JSON, ISMS_LANG_EN);
    o.simulate = false;
    char *out = NULL;
    assert_int_equal(isms_report_write(&out, NULL, doc, &o), ISMS_OK);
    json_t *root = parse_json(out);
    assert_true(json_is_false(at(root, "quantitative.simulated")));
    assert_true(json_is_null(at(root, "quantitative.portfolio")));
    assert_double_equal(num(root, "quantitative.models"), 1, 0);
    json_decref(root);
    isms_free(out);
    o.format = ISMS_REPORT_MARKDOWN;
    assert_int_equal(isms_report_write(&out, NULL, doc, &o), ISMS_OK);
    expect_in(out, "simulation of the quantitative models was turned off");
    isms_free(out);
    isms_document_free(doc);
}

/* ---- hostile text ------------------------------------------------------------------------- */

static const char *const hostile[] = {
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>",
    "| a | b |",
    "**bold**",
    "[x](javascript:alert(1))",
    "line one\nline two\r\nline three",
    "esc \x1b[31mred\x1b[0m \x1b]0;title\x07 done",
    "# heading",
    "`code` and ``more``",
    "- item",
    "1. item",
    "    indented",
    "a\\|b",
    "&lt;script&gt; &amp;",
    "bidi \xe2\x80\xae override",
};
#define N_HOSTILE (sizeof hostile / sizeof *hostile)

/* Every kind of user text of the document holds one hostile string. */
static isms_document *hostile_document(void)
{
    isms_document *doc = fixture();
    size_t k = 0;
#define NEXT() hostile[(k++) % N_HOSTILE]
    assert_int_equal(isms_document_set(doc, ISMS_DOC_ORGANISATION, NEXT()), ISMS_OK);
    assert_int_equal(isms_document_set(doc, ISMS_DOC_UNIT, NEXT()), ISMS_OK);
    assert_int_equal(isms_document_set(doc, ISMS_DOC_TITLE, NEXT()), ISMS_OK);
    assert_int_equal(isms_document_set(doc, ISMS_DOC_AUTHOR, NEXT()), ISMS_OK);
    assert_int_equal(isms_document_set(doc, ISMS_DOC_SCOPE, NEXT()), ISMS_OK);
    for (size_t i = 0; i < N_HOSTILE; i++)
        assert_int_equal(isms_document_add_context(doc, hostile[i], hostile[N_HOSTILE - 1 - i]),
                         ISMS_OK);
    isms_register *reg = isms_document_register(doc);
    for (size_t i = 0; i < isms_register_count(reg); i++) {
        isms_risk *r = isms_register_at(reg, i);
        assert_int_equal(isms_risk_set_title(r, NEXT()), ISMS_OK);
        assert_int_equal(isms_risk_set_owner(r, NEXT()), ISMS_OK);
        assert_int_equal(isms_risk_set_treatment(r, ISMS_TREATMENT_MODIFY, NEXT()), ISMS_OK);
    }
    for (size_t i = 0; i < N_HOSTILE; i++) {
        char id[32];
        snprintf(id, sizeof id, "H%zu", i);
        isms_risk *r = risk(reg, id, hostile[i], 2, 3);
        assert_int_equal(isms_risk_set_owner(r, hostile[(i + 3) % N_HOSTILE]), ISMS_OK);
    }
    isms_assessment *cur = isms_document_current(doc);
    for (size_t i = 0; i < isms_assessment_count(cur); i++) {
        isms_entry *e = isms_assessment_at(cur, i);
        if (isms_entry_status(e) == ISMS_STATUS_NOT_ASSESSED)
            assert_int_equal(isms_entry_set_status(e, ISMS_STATUS_NO), ISMS_OK);
        assert_int_equal(isms_entry_set(e, ISMS_FIELD_TEXT, NEXT()), ISMS_OK);
        assert_int_equal(isms_entry_set(e, ISMS_FIELD_PLAN, NEXT()), ISMS_OK);
        assert_int_equal(isms_entry_set(e, ISMS_FIELD_OWNER, NEXT()), ISMS_OK);
        assert_int_equal(isms_entry_set(e, ISMS_FIELD_DUE, NEXT()), ISMS_OK);
    }
    isms_inventory *inv = isms_document_inventory(doc);
    for (size_t i = 0; i < N_HOSTILE; i++) {
        char id[32];
        snprintf(id, sizeof id, "X%zu", i);
        isms_asset *a = NULL;
        assert_int_equal(isms_inventory_add(&a, inv, id, hostile[i], ISMS_ASSET_INFORMATION),
                         ISMS_OK);
        assert_int_equal(isms_asset_set(a, ISMS_ASSET_OWNER, NEXT()), ISMS_OK);
        assert_int_equal(isms_asset_set_level(a, ISMS_ASPECT_CONFIDENTIALITY, 1), ISMS_OK);
        assert_int_equal(isms_asset_set_classified(a, (isms_date){ 2023, 3, 1 }), ISMS_OK);
    }
    isms_plan *plan = isms_document_plan(doc);
    for (size_t i = 0; i < N_HOSTILE; i++) {
        char id[32];
        snprintf(id, sizeof id, "P%zu", i);
        const char *owner = NEXT();
        const char *due = NEXT();
        isms_action *a = action(plan, id, hostile[i], owner, due, 1);
        assert_int_equal(isms_action_set(a, ISMS_ACTION_DESCRIPTION, NEXT()), ISMS_OK);
        assert_int_equal(isms_action_add_target(a, ISMS_TARGET_RISK, "R1"), ISMS_OK);
    }
    assert_int_equal(isms_document_set(doc, ISMS_DOC_DECISION, NEXT()), ISMS_OK);
#undef NEXT
    return doc;
}

/* Pipes that end a cell: not escaped by an odd number of backslashes. */
static size_t cell_pipes(const char *line, size_t n)
{
    size_t count = 0;
    for (size_t i = 0; i < n; i++) {
        if (line[i] != '|')
            continue;
        size_t bs = 0;
        while (bs < i && line[i - 1 - bs] == '\\')
            bs++;
        if (bs % 2 == 0)
            count++;
    }
    return count;
}

/* Every row of a table has as many cells as its header; no line of user text opens a block
 * (a heading, a list item, a quote, a code block); no link. */
static void check_markdown_structure(const char *md)
{
    /* no link: every "](" is escaped */
    for (const char *q = strstr(md, "]("); q; q = strstr(q + 1, "]("))
        assert_true(q > md && q[-1] == '\\');
    /* every row of a table has as many cells as its header; no line of user text opens a
     * block (a heading, a list item, a quote, a code block) */
    size_t header_pipes = 0;
    bool in_table = false;
    const char *p = md;
    while (*p) {
        const char *e = strchr(p, '\n');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        if (n > 0 && p[0] == '|') {
            size_t pipes = cell_pipes(p, n);
            if (!in_table) {
                header_pipes = pipes;
                in_table = true;
            } else if (pipes != header_pipes) {
                fail_msg("table row with %zu cell ends, header has %zu: %.*s", pipes,
                         header_pipes, (int)n, p);
            }
        } else {
            in_table = false;
        }
        if (n > 0 && p[0] == '#')
            assert_true(strncmp(p, "# ", 2) == 0 || strncmp(p, "## ", 3) == 0 ||
                        strncmp(p, "### ", 4) == 0);
        if (n >= 2 && p[0] == '-' && p[1] == ' ') {
            /* a bullet: what follows may not open another block */
            assert_false(p[2] == '-' || p[2] == '#' || p[2] == ' ' || p[2] == '+');
        }
        assert_false(n >= 4 && strncmp(p, "    ", 4) == 0);
        assert_false(n > 0 && p[0] == '>');
        if (n > 0 && p[0] >= '0' && p[0] <= '9') {
            /* an ordered list only where the report numbers its own lines: never */
            const char *d = p;
            while (d < p + n && *d >= '0' && *d <= '9')
                d++;
            assert_false(d < p + n && (*d == '.' || *d == ')') && d + 1 < p + n &&
                         d[1] == ' ');
        }
        p = e ? e + 1 : p + n;
    }
}

static void check_markdown(const char *md)
{
    assert_null(strstr(md, "<script"));
    assert_null(strstr(md, "<img"));
    assert_null(strstr(md, "\x1b"));
    assert_null(strstr(md, "\xe2\x80\xae"));
    assert_non_null(strstr(md, "\\[x\\](javascript:alert(1))"));
    assert_non_null(strstr(md, "&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert_non_null(strstr(md, "&amp;lt;script&amp;gt;"));
    check_markdown_structure(md);
}

/* Text for a terminal: no control character but the line break, and with colour only the
 * report's own escapes (ESC [ digits and semicolons m). */
static void check_text(const char *text, bool color)
{
    size_t escapes = 0;
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        if (*p == 0x1b) {
            assert_true(color);
            assert_int_equal(p[1], '[');
            const unsigned char *q = p + 2;
            while ((*q >= '0' && *q <= '9') || *q == ';')
                q++;
            assert_int_equal(*q, 'm');
            escapes++;
            p = q;
            continue;
        }
        if (*p < 0x20 || *p == 0x7f)
            assert_int_equal(*p, '\n');
        /* C1 controls (U+0080–U+009F) are C2 80–C2 9F in UTF-8 */
        if (*p == 0xc2)
            assert_false(p[1] >= 0x80 && p[1] <= 0x9f);
        /* bidirectional overrides */
        if (*p == 0xe2 && p[1] == 0x80)
            assert_false(p[2] >= 0xaa && p[2] <= 0xae);
    }
    if (color)
        assert_true(escapes > 0);
}

static void test_hostile(void **state)
{
    (void)state;
    isms_document *doc = hostile_document();
    for (int lang = 0; lang < 2; lang++) {
        char *md = report(doc, ISMS_REPORT_MARKDOWN, (isms_lang)lang);
        check_markdown(md);
        isms_free(md);

        char *text = report(doc, ISMS_REPORT_TEXT, (isms_lang)lang);
        check_text(text, false);
        assert_non_null(strstr(text, "<script>alert(1)</script>")); /* harmless in text */
        isms_free(text);
        isms_report_options o = options(ISMS_REPORT_TEXT, (isms_lang)lang);
        o.color = true;
        o.width = 60;
        assert_int_equal(isms_report_write(&text, NULL, doc, &o), ISMS_OK);
        check_text(text, true);
        isms_free(text);

        char *json = report(doc, ISMS_REPORT_JSON, (isms_lang)lang);
        assert_null(strstr(json, "<script"));
        assert_null(strstr(json, "<img"));
        json_t *root = parse_json(json);
        /* strings come back exactly */
        assert_string_equal(json_string_value(at(root, "organisation")), hostile[0]);
        assert_string_equal(json_string_value(at(root, "title")), hostile[2]);
        json_t *items = at(root, "risks.items");
        bool found = false;
        for (size_t i = 0; i < json_array_size(items); i++) {
            const char *t = json_string_value(json_object_get(json_array_get(items, i),
                                                              "title"));
            if (strcmp(t, hostile[6]) == 0)
                found = true;
        }
        assert_true(found);
        json_decref(root);
        isms_free(json);
    }
    isms_document_free(doc);
}

/* ---- the escapes one by one ------------------------------------------------------------------ */

typedef void (*escape_fn)(isms__buf *out, const char *text);

static void expect_escape(escape_fn fn, const char *in, const char *want)
{
    isms__buf b;
    isms__buf_init(&b);
    fn(&b, in);
    assert_false(b.failed);
    size_t len = 0;
    char *got = isms__buf_take(&b, &len);
    assert_non_null(got);
    if (strcmp(got, want) != 0)
        fail_msg("escape of \"%s\": got \"%s\", want \"%s\"", in, got, want);
    isms_free(got);
}

static void test_escapes(void **state)
{
    (void)state;
    expect_escape(isms__escape_html, "<a href=\"x\">Tom & Jerry's</a>",
                  "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;");
    expect_escape(isms__escape_html, "åäö\x01x", "åäö x");
    expect_escape(isms__escape_html, "bad \xff byte", "bad \xef\xbf\xbd byte");
    expect_escape(isms__escape_html, NULL, "");

    expect_escape(isms__escape_md, "| a | b |", "\\| a \\| b \\|");
    expect_escape(isms__escape_md, "**bold** _it_ `c` ~s~",
                  "\\*\\*bold\\*\\* \\_it\\_ \\`c\\` \\~s\\~");
    expect_escape(isms__escape_md, "[x](javascript:alert(1))", "\\[x\\](javascript:alert(1))");
    expect_escape(isms__escape_md, "<script>&", "&lt;script&gt;&amp;");
    expect_escape(isms__escape_md, "a\nb\r\nc\rd", "a<br>b<br>c<br>d");
    expect_escape(isms__escape_md, "# title #", "\\# title \\#");
    expect_escape(isms__escape_md, "- item", "\\- item");
    expect_escape(isms__escape_md, "+ item", "\\+ item");
    expect_escape(isms__escape_md, "=== x", "\\=== x");
    expect_escape(isms__escape_md, "12. item", "12\\. item");
    expect_escape(isms__escape_md, "3) item", "3\\) item");
    expect_escape(isms__escape_md, "2024 year", "2024 year");
    expect_escape(isms__escape_md, "    code", "code");
    expect_escape(isms__escape_md, "back\\slash", "back\\\\slash");
    expect_escape(isms__escape_md, "esc\x1b[1m", "esc \\[1m");
    expect_escape(isms__escape_md, "Åtgärd – 5 %", "Åtgärd – 5 %");
    /* no autolinks either */
    expect_escape(isms__escape_md, "see https://evil.example/x", "see https\\://evil.example/x");
    expect_escape(isms__escape_md, "www.evil.example WWW.x", "www\\.evil.example WWW\\.x");
    expect_escape(isms__escape_md, "awww.x ISO/IEC 27001:2022", "awww.x ISO/IEC 27001:2022");
    /* inside a line, nothing opens a block */
    isms__buf b;
    isms__buf_init(&b);
    isms__escape_md_span(&b, " - 1. x", false);
    assert_string_equal(b.data, " - 1. x");
    isms__buf_free(&b);

    expect_escape(isms__escape_json, "a\"b\\c\n\t\x01</script>&",
                  "\"a\\\"b\\\\c\\n\\t\\u0001\\u003c/script\\u003e\\u0026\"");
    expect_escape(isms__escape_json, "åäö \xe2\x80\xa8", "\"åäö \\u2028\"");
    expect_escape(isms__escape_json, "bad \xc3", "\"bad \\ufffd\"");
    expect_escape(isms__escape_json, NULL, "\"\"");

    expect_escape(isms__escape_text, "red \x1b[31m\x07 bell\r\nnext\tend",
                  "red  [31m  bell next end");
    expect_escape(isms__escape_text, "c1 \xc2\x9b" "31m", "c1  31m");
    expect_escape(isms__escape_text, "rtl \xe2\x80\xae x", "rtl   x");
    expect_escape(isms__escape_text, "bad \xff ok åäö", "bad ? ok åäö");
}

static void test_numbers(void **state)
{
    (void)state;
    isms__report r;
    memset(&r, 0, sizeof r);
    char buf[64];
    r.lang = ISMS_LANG_SV;
    isms__report_int(buf, sizeof buf, &r, 1234567.4);
    assert_string_equal(buf, "1\xc2\xa0" "234\xc2\xa0" "567");
    isms__report_int(buf, sizeof buf, &r, -999.6);
    assert_string_equal(buf, "-1\xc2\xa0" "000");
    isms__report_int(buf, sizeof buf, &r, -0.2);
    assert_string_equal(buf, "0");
    isms__report_dec(buf, sizeof buf, &r, 2.5, 2);
    assert_string_equal(buf, "2,50");
    isms__report_pct(buf, sizeof buf, &r, 0.625);
    assert_string_equal(buf, "62,5\xc2\xa0%");
    isms__report_pct(buf, sizeof buf, &r, 0.5);
    assert_string_equal(buf, "50\xc2\xa0%");
    isms__report_pct(buf, sizeof buf, &r, NAN);
    assert_string_equal(buf, "–");
    r.lang = ISMS_LANG_EN;
    isms__report_int(buf, sizeof buf, &r, 1234567);
    assert_string_equal(buf, "1,234,567");
    isms__report_int(buf, sizeof buf, &r, 999);
    assert_string_equal(buf, "999");
    isms__report_dec(buf, sizeof buf, &r, 12345.678, 1);
    assert_string_equal(buf, "12,345.7");
    isms__report_pct(buf, sizeof buf, &r, 2.0 / 3.0);
    assert_string_equal(buf, "66.7%");
    isms__report_pct(buf, sizeof buf, &r, 1);
    assert_string_equal(buf, "100%");
    /* isms__format_number(): beyond 9e15 the whole part, grouped */
    isms__report_int(buf, sizeof buf, &r, 1.5e20);
    assert_string_equal(buf, "150,000,000,000,000,000,000");
    isms__report_int(buf, sizeof buf, &r, INFINITY);
    assert_string_equal(buf, "–");
}

/* A program that runs in a locale with a decimal comma gets the same report as one in the
 * C locale. */
static void check_locale(void)
{
    isms_document *doc = fixture();
    char *md2 = report(doc, ISMS_REPORT_MARKDOWN, ISMS_LANG_EN);
    char *json2 = report(doc, ISMS_REPORT_JSON, ISMS_LANG_EN);
    char old[64];
    snprintf(old, sizeof old, "%s", setlocale(LC_NUMERIC, NULL));
    setlocale(LC_NUMERIC, "C");
    char *md = report(doc, ISMS_REPORT_MARKDOWN, ISMS_LANG_EN);
    char *json = report(doc, ISMS_REPORT_JSON, ISMS_LANG_EN);
    setlocale(LC_NUMERIC, old);
    assert_string_equal(md, md2);
    assert_string_equal(json, json2);
    isms_free(md);
    isms_free(json);
    isms_free(md2);
    isms_free(json2);
    isms_document_free(doc);
}

static void test_locale(void **state)
{
    (void)state;
    with_decimal_comma(check_locale);
}

static void test_words(void **state)
{
    (void)state;
    isms__report r;
    memset(&r, 0, sizeof r);
    r.lang = ISMS_LANG_SV;
    assert_string_equal(isms__report_word(&r, "sec-summary"), "Sammanfattning");
    assert_string_equal(isms__report_word(&r, "sec-decision"), "Ledningens beslut");
    r.lang = ISMS_LANG_EN;
    assert_string_equal(isms__report_word(&r, "sec-summary"), "Summary");
    assert_string_equal(isms__report_word(&r, "sec-decision"), "Management's decision");
    assert_string_equal(isms__report_word(&r, "no-such-key"), "no-such-key");
    assert_string_equal(isms__report_word(&r, NULL), "");
}

/* ---- colour, languages, width ------------------------------------------------------------- */

static void test_color_and_languages(void **state)
{
    (void)state;
    isms_document *doc = fixture();
    isms_report_options o = options(ISMS_REPORT_TEXT, ISMS_LANG_SV);
    char *plain = NULL, *colour = NULL;
    assert_int_equal(isms_report_write(&plain, NULL, doc, &o), ISMS_OK);
    o.color = true;
    assert_int_equal(isms_report_write(&colour, NULL, doc, &o), ISMS_OK);
    check_text(plain, false);
    check_text(colour, true);
    assert_null(strchr(plain, '\x1b'));
    assert_non_null(strstr(colour, "\x1b[1m2. Sammanfattning\x1b[0m"));
    /* the very-high band of the 4x4 preset, painted with its colour */
    isms_band b;
    assert_int_equal(isms_matrix_band(&b, isms_register_matrix(isms_document_register(doc)),
                                      3),
                     ISMS_OK);
    char want[64];
    unsigned rr, gg, bb;
    assert_int_equal(sscanf(b.color, "#%02x%02x%02x", &rr, &gg, &bb), 3);
    snprintf(want, sizeof want, "48;2;%u;%u;%u;", rr, gg, bb);
    assert_non_null(strstr(colour, want));
    /* without the escapes, the two are the same text */
    size_t n = 0;
    char *stripped = malloc(strlen(colour) + 1);
    assert_non_null(stripped);
    for (const char *p = colour; *p; p++) {
        if (*p == '\x1b') {
            p = strchr(p, 'm');
            continue;
        }
        stripped[n++] = *p;
    }
    stripped[n] = '\0';
    assert_string_equal(stripped, plain);
    free(stripped);
    isms_free(plain);
    isms_free(colour);

    /* every line fits the width, counted in display columns */
    for (unsigned width = 40; width <= 140; width += 25) {
        o.color = false;
        o.width = width;
        char *text = NULL;
        assert_int_equal(isms_report_write(&text, NULL, doc, &o), ISMS_OK);
        size_t cols = 0, max = 0;
        for (const char *p = text; *p;) {
            if (*p == '\n') {
                cols = 0;
                p++;
                continue;
            }
            uint32_t cp;
            p += isms__report_decode(p, &cp);
            cols++;
            if (cols > max)
                max = cols;
        }
        /* tables too wide become records */
        assert_true(max <= width);
        isms_free(text);
    }

    static const char *const sv[] = { "# Ledningens genomgång 2024", "## 1. Om genomgången",
                                      "## 2. Sammanfattning",
                                      "## 3. Förändringar som påverkar ledningssystemet",
                                      "## 4. Risker", "## 5. Gapanalys",
                                      "## 6. Klassning av information",
                                      "## 7. Förbättringsplan",
                                      "## 8. Kvantitativ riskanalys", "## 9. Iakttagelser",
                                      "## 10. Ledningens beslut", "Underskrift" };
    static const char *const en[] = { "# Management review 2024", "## 1. About this review",
                                      "## 2. Summary", "## 3. Changes that affect the ISMS",
                                      "## 4. Risks", "## 5. Gap analysis",
                                      "## 6. Classification of information",
                                      "## 7. Improvement plan",
                                      "## 8. Quantitative risk analysis", "## 9. Findings",
                                      "## 10. Management's decision", "Signature" };
    char *md_sv = report(doc, ISMS_REPORT_MARKDOWN, ISMS_LANG_SV);
    char *md_en = report(doc, ISMS_REPORT_MARKDOWN, ISMS_LANG_EN);
    for (size_t i = 0; i < sizeof sv / sizeof *sv; i++) {
        expect_in(md_sv, sv[i]);
        expect_in(md_en, en[i]);
        assert_null(strstr(md_en, sv[i]));
    }
    /* the findings follow the report's language, not the document's */
    expect_in(md_sv, "varning");
    expect_in(md_en, "warning");
    isms_free(md_sv);
    isms_free(md_en);
    isms_document_free(doc);
}

/* ---- plans that cannot be scheduled -------------------------------------------------------- */

static void test_plan_errors(void **state)
{
    (void)state;
    isms_document *doc = fixture();
    isms_plan *plan = isms_document_plan(doc);
    isms_action *a2 = isms_plan_find(plan, "A2");
    assert_int_equal(isms_action_add_prerequisite(a2, "A4"), ISMS_OK); /* A4 needs A2 */
    char *out = (char *)(uintptr_t)0x1;
    isms_report_options o = options(ISMS_REPORT_MARKDOWN, ISMS_LANG_EN);
    assert_int_equal(isms_report_write(&out, NULL, doc, &o), ISMS_ECYCLE);
    assert_error(ISMS_ECYCLE, "A2");
    assert_error(ISMS_ECYCLE, "A4");
    assert_ptr_equal(out, (char *)(uintptr_t)0x1);
    isms_action_clear_prerequisites(a2);

    /* a prerequisite no action has: the report says so and lists the plan unscheduled */
    assert_int_equal(isms_action_add_prerequisite(a2, "A99"), ISMS_OK);
    isms_error_clear();
    assert_int_equal(isms_report_write(&out, NULL, doc, &o), ISMS_OK);
    /* a successful report leaves the caller's last error alone */
    assert_int_equal(isms_error_last()->code, ISMS_OK);
    assert_string_equal(isms_error_last()->message, "");
    expect_in(out, "The plan could not be scheduled");
    expect_in(out, "A99");
    expect_in(out, "plan-missing-prerequisite");
    expect_in(out, "### 7.1 Actions that do not fit the plan");
    expect_in(out, "| – | A5 | Byt journalsystem | IT-chef | 120 | 2026 |");
    isms_free(out);
    o.format = ISMS_REPORT_JSON;
    assert_int_equal(isms_report_write(&out, NULL, doc, &o), ISMS_OK);
    assert_int_equal(isms_error_last()->code, ISMS_OK);
    json_t *root = parse_json(out);
    assert_true(json_is_string(at(root, "plan.error")));
    assert_int_equal(json_array_size(at(root, "plan.periods")), 0);
    assert_int_equal(json_array_size(at(root, "plan.unscheduled")), 5);
    assert_double_equal(num(root, "plan.open"), 5, 0);
    json_decref(root);
    isms_free(out);
    isms_document_free(doc);
}

/* ---- an empty document -------------------------------------------------------------------- */

static void test_empty_document(void **state)
{
    (void)state;
    isms_document *doc = NULL;
    assert_int_equal(isms_document_new(&doc, 2030), ISMS_OK);
    for (int f = ISMS_REPORT_TEXT; f <= ISMS_REPORT_JSON; f++)
        for (int lang = 0; lang < 2; lang++) {
            char *out = report(doc, (isms_report_format)f, (isms_lang)lang);
            assert_true(strlen(out) > 100);
            if (f == ISMS_REPORT_JSON) {
                json_t *root = parse_json(out);
                assert_true(json_is_null(at(root, "compliance")));
                assert_double_equal(num(root, "risks.total"), 0, 0);
                assert_string_equal(json_string_value(at(root, "date")), "2030-12-31");
                json_decref(root);
            }
            if (f == ISMS_REPORT_MARKDOWN && lang == ISMS_LANG_SV) {
                expect_in(out, "Registret har inga risker.");
                expect_in(out, "Dokumentet har ingen gapanalys.");
                expect_in(out, "Förteckningen har inga tillgångar.");
                expect_in(out, "Planen har inga åtgärder.");
                expect_in(out, "Inga risker har en kvantitativ modell.");
                expect_in(out, "**Beslut:**");
            }
            isms_free(out);
        }
    isms_document_free(doc);
}

/* ---- Annex A and the Statement of Applicability --------------------------------------------- */

static void test_annex_a(void **state)
{
    (void)state;
    isms_document *doc = NULL;
    assert_int_equal(isms_document_new(&doc, 2024), ISMS_OK);
    isms_assessment *a = NULL;
    assert_int_equal(isms_assessment_new(&a, ISMS_EDITION_2022, 2024, ISMS_SCOPE_ANNEX_A),
                     ISMS_OK);
    isms_entry *e = NULL;
    assert_int_equal(isms_assessment_add(&e, a, "A.5.1"), ISMS_OK);
    assert_int_equal(isms_entry_set_status(e, ISMS_STATUS_YES), ISMS_OK);
    assert_int_equal(isms_entry_set_applicability(e, ISMS_APPLICABILITY_APPLICABLE), ISMS_OK);
    assert_int_equal(isms_assessment_add(&e, a, "A.7.1"), ISMS_OK);
    assert_int_equal(isms_entry_set_applicability(e, ISMS_APPLICABILITY_EXCLUDED), ISMS_OK);
    assert_int_equal(isms_entry_set(e, ISMS_FIELD_JUSTIFICATION, "Inga egna lokaler"),
                     ISMS_OK);
    /* Excluded, so not applicable whatever its status says: not a gap (as the summary). */
    assert_int_equal(isms_entry_set_status(e, ISMS_STATUS_NO), ISMS_OK);
    assert_int_equal(isms_assessment_add(&e, a, "A.8.8"), ISMS_OK);
    assert_int_equal(isms_entry_set_status(e, ISMS_STATUS_PARTIAL), ISMS_OK);
    assert_int_equal(isms_entry_set(e, ISMS_FIELD_PLAN, "Inför sårbarhetsskanning"), ISMS_OK);
    assert_int_equal(isms_document_add_assessment(doc, a), ISMS_OK);

    char *md = report(doc, ISMS_REPORT_MARKDOWN, ISMS_LANG_SV);
    expect_in(md, "| A.5 | Organisatoriska åtgärder |"); /* the theme's Swedish name */
    expect_in(md, "| A.7.1 | ");
    expect_in(md, "Inga egna lokaler");
    expect_in(md, "| A.8.8 | ");
    expect_in(md, "Inför sårbarhetsskanning");
    isms_free(md);
    char *json = report(doc, ISMS_REPORT_JSON, ISMS_LANG_SV);
    json_t *root = parse_json(json);
    assert_double_equal(num(root, "compliance.soa.applicable"), 1, 0);
    assert_double_equal(num(root, "compliance.soa.excluded"), 1, 0);
    assert_double_equal(num(root, "compliance.soa.undecided"), 1, 0);
    json_t *gaps = at(root, "compliance.gaps");
    assert_int_equal(json_array_size(gaps), 1);
    assert_string_equal(json_string_value(json_object_get(json_array_get(gaps, 0), "ref")),
                        "A.8.8");
    json_t *chapters = at(root, "compliance.chapters");
    assert_int_equal(json_array_size(chapters), 4); /* the four themes */
    assert_string_equal(json_string_value(json_object_get(json_array_get(chapters, 3), "id")),
                        "A.8");
    json_decref(root);
    isms_free(json);
    isms_document_free(doc);
}

/* ---- the formats agree ---------------------------------------------------------------------- */

/* Some line of the text holds every one of the needles (a table row in text, Markdown and
 * HTML is one line when the text is wide enough). */
static bool line_with(const char *text, const char *const *needles, size_t n)
{
    for (const char *p = text; p && *p;) {
        const char *e = strchr(p, '\n');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        bool all = true;
        for (size_t i = 0; i < n && all; i++) {
            size_t k = strlen(needles[i]);
            bool found = false;
            for (size_t j = 0; j + k <= len && !found; j++)
                found = memcmp(p + j, needles[i], k) == 0;
            all = found;
        }
        if (all)
            return true;
        p = e ? e + 1 : NULL;
    }
    return false;
}

#define LINE_WITH(text, ...)                                                                 \
    do {                                                                                     \
        const char *const needles_[] = { __VA_ARGS__ };                                     \
        if (!line_with((text), needles_, sizeof needles_ / sizeof *needles_))                \
            fail_msg("no line holds all of: %s", #__VA_ARGS__);                              \
    } while (0)

/* A report in a format and language, text without wrapping (one line per table row). */
static char *wide_report(isms_document *doc, isms_report_format format, isms_lang lang)
{
    isms_report_options o = options(format, lang);
    o.width = 1000;
    char *out = NULL;
    int rc = isms_report_write(&out, NULL, doc, &o);
    if (rc != ISMS_OK || !out)
        fail_msg("isms_report_write: %d %s", rc, isms_error_last()->message);
    return out;
}

static json_t *find_item(json_t *array, const char *k, const char *value)
{
    for (size_t i = 0; i < json_array_size(array); i++) {
        json_t *v = json_object_get(json_array_get(array, i), k);
        if (json_is_string(v) && strcmp(json_string_value(v), value) == 0)
            return json_array_get(array, i);
    }
    fail_msg("no item with %s \"%s\"", k, value);
    return NULL;
}

/*
 * The same chapter names, list of changes, excluded controls and unscheduled actions in all
 * four formats (review 1(a)–(d)): gap analyses of 2023 (the 2022 edition) and 2024 (2022
 * with Amendment 1: the same requirements, so they are compared), 4.1 improved and 5.1
 * regressed, A.7.1 excluded with its justification, and a plan that cannot be scheduled (a
 * prerequisite that no action has).
 */
static isms_document *agreeing_document(void)
{
    isms_document *doc = NULL;
    assert_int_equal(isms_document_new(&doc, 2024), ISMS_OK);
    assert_int_equal(isms_document_set_date(doc, (isms_date){ 2024, 10, 1 }), ISMS_OK);
    assert_int_equal(isms_document_add_context(doc, "Ny lag om cybersäkerhet", "Gäller 2025."),
                     ISMS_OK);
    isms_assessment *a = NULL;
    assert_int_equal(isms_assessment_new(&a, ISMS_EDITION_2022, 2023, ISMS_SCOPE_BOTH),
                     ISMS_OK);
    isms_entry *e = NULL;
    assert_int_equal(isms_assessment_add(&e, a, "4.1"), ISMS_OK);
    assert_int_equal(isms_entry_set_status(e, ISMS_STATUS_NO), ISMS_OK);
    assert_int_equal(isms_assessment_add(&e, a, "5.1"), ISMS_OK);
    assert_int_equal(isms_entry_set_status(e, ISMS_STATUS_YES), ISMS_OK);
    assert_int_equal(isms_document_add_assessment(doc, a), ISMS_OK);
    assert_int_equal(isms_assessment_new(&a, ISMS_EDITION_2022_AMD1, 2024, ISMS_SCOPE_BOTH),
                     ISMS_OK);
    assert_int_equal(isms_assessment_add(&e, a, "4.1"), ISMS_OK);
    assert_int_equal(isms_entry_set_status(e, ISMS_STATUS_YES), ISMS_OK);
    assert_int_equal(isms_assessment_add(&e, a, "5.1"), ISMS_OK);
    assert_int_equal(isms_entry_set_status(e, ISMS_STATUS_PARTIAL), ISMS_OK);
    assert_int_equal(isms_entry_set(e, ISMS_FIELD_COMMENT, "Stödet från ledningen är ojämnt"),
                     ISMS_OK);
    assert_int_equal(isms_entry_set(e, ISMS_FIELD_DUE, "mars 2024"), ISMS_OK);
    assert_int_equal(isms_assessment_add(&e, a, "A.7.1"), ISMS_OK);
    assert_int_equal(isms_entry_set_applicability(e, ISMS_APPLICABILITY_EXCLUDED), ISMS_OK);
    assert_int_equal(isms_entry_set(e, ISMS_FIELD_JUSTIFICATION, "Inga egna lokaler"),
                     ISMS_OK);
    assert_int_equal(isms_document_add_assessment(doc, a), ISMS_OK);
    isms_plan *plan = isms_document_plan(doc);
    isms_action *b1 = action(plan, "B1", "Ta fram en loggningsrutin", "IT-chef", "2026", 7);
    assert_int_equal(isms_action_add_prerequisite(b1, "B99"), ISMS_OK);
    action(plan, "B2", "Utbilda förvaltningens chefer", "HR-chef", "2025", 3);
    return doc;
}

static void test_formats_agree(void **state)
{
    (void)state;
    isms_document *doc = agreeing_document();
    for (int lang = 0; lang < 2; lang++) {
        bool sv = lang == ISMS_LANG_SV;
        const char *chapter4 = sv ? "Organisationens förutsättningar"
                                  : "Context of the organization";
        const char *theme7 = sv ? "Fysiska åtgärder" : "Physical controls";
        const char *improved = isms_change_label(ISMS_CHANGE_IMPROVED, (isms_lang)lang);
        const char *regressed = isms_change_label(ISMS_CHANGE_REGRESSED, (isms_lang)lang);
        for (int f = ISMS_REPORT_TEXT; f <= ISMS_REPORT_HTML; f++) {
            char *out = wide_report(doc, (isms_report_format)f, (isms_lang)lang);
            /* (a) the chapters by the names of the report's language, the chart's too */
            LINE_WITH(out, "4", chapter4);
            LINE_WITH(out, "A.7", theme7);
            if (sv)
                assert_null(strstr(out, "Context of the organization"));
            /* (b) the requirements that moved */
            LINE_WITH(out, "4.1", improved);
            LINE_WITH(out, "5.1", regressed);
            /* (c) the excluded control with its justification */
            LINE_WITH(out, "A.7.1", "Inga egna lokaler");
            /* (d) the open actions of a plan that could not be scheduled */
            expect_in(out, sv ? "Planen kunde inte schemaläggas" : "The plan could not be");
            LINE_WITH(out, "B1", "Ta fram en loggningsrutin", "2026");
            LINE_WITH(out, "B2", "Utbilda förvaltningens chefer", "2025");
            /* (e) the gap's comment, and its due date marked overdue in the same words */
            LINE_WITH(out, "5.1", "Stödet från ledningen är ojämnt", "mars 2024",
                      sv ? "försenad" : "overdue");
            /* the context */
            LINE_WITH(out, "Ny lag om cybersäkerhet", "Gäller 2025.");
            isms_free(out);
        }
        char *json = wide_report(doc, ISMS_REPORT_JSON, (isms_lang)lang);
        json_t *root = parse_json(json);
        json_t *ch = find_item(at(root, "compliance.chapters"), "id", "4");
        assert_string_equal(json_string_value(json_object_get(ch, "title")), chapter4);
        ch = find_item(at(root, "compliance.chapters"), "id", "A.7");
        assert_string_equal(json_string_value(json_object_get(ch, "title")), theme7);
        json_t *changed = at(root, "compliance.changed");
        assert_int_equal(json_array_size(changed), 2);
        json_t *d = find_item(changed, "ref", "4.1");
        assert_string_equal(json_string_value(json_object_get(d, "change")), "improved");
        assert_string_equal(json_string_value(json_object_get(d, "before")), "no");
        assert_string_equal(json_string_value(json_object_get(d, "after")), "yes");
        d = find_item(changed, "ref", "5.1");
        assert_string_equal(json_string_value(json_object_get(d, "change")), "regressed");
        d = find_item(at(root, "compliance.exclusions"), "ref", "A.7.1");
        assert_string_equal(json_string_value(json_object_get(d, "justification")),
                            "Inga egna lokaler");
        assert_true(json_is_string(at(root, "plan.error")));
        json_t *uns = at(root, "plan.unscheduled");
        assert_int_equal(json_array_size(uns), 2);
        assert_string_equal(json_string_value(json_array_get(uns, 0)), "B1");
        assert_string_equal(json_string_value(json_array_get(uns, 1)), "B2");
        d = find_item(at(root, "compliance.gaps"), "ref", "5.1");
        assert_string_equal(json_string_value(json_object_get(d, "comment")),
                            "Stödet från ledningen är ojämnt");
        assert_true(json_is_true(json_object_get(d, "overdue")));
        json_t *context = at(root, "context");
        assert_int_equal(json_array_size(context), 1);
        d = find_item(context, "title", "Ny lag om cybersäkerhet");
        assert_string_equal(json_string_value(json_object_get(d, "text")), "Gäller 2025.");
        json_decref(root);
        isms_free(json);
    }
    isms_document_free(doc);
}

/* Review 1(e): the columns and rows that only some formats had, in all of them: the Due
 * column and the late note of the plan's tables, the overall class, the change column of the
 * chapters, the total row of the risks per band. */
static void test_columns_agree(void **state)
{
    (void)state;
    isms_document *doc = fixture();
    for (int f = ISMS_REPORT_TEXT; f <= ISMS_REPORT_HTML; f++) {
        char *out = wide_report(doc, (isms_report_format)f, ISMS_LANG_SV);
        /* A4 is planned in 2025, after it was due (June 2024): its due date is overdue, and
         * its note says it is planned late */
        LINE_WITH(out, "A4", "Uppdatera den lokala instruktionen", "Samordnaren", "3",
                  "juni 2024", "försenad", "0,32", "planerad efter klart senast");
        LINE_WITH(out, "A1", "Inför MFA", "IT-chef", "20", "Q1 2025", "0,92");
        /* the recurring A3 with how often */
        LINE_WITH(out, "A3", "Klassa om informationen", "oktober", "årligen");
        LINE_WITH(out, "Klart senast", "Poäng", "Anmärkning");
        LINE_WITH(out, "Nivå", "Spårbarhet", "Sammantagen klass");
        /* two assets at confidentiality 3 (INF1, and SYS1 that processes it), overall too */
        LINE_WITH(out, "3 Allvarlig", "2", "2", "0", "2", "2");
        LINE_WITH(out, "Efterlevnad 2024", "2023", "Förändring (procentenheter)");
        LINE_WITH(out, "5", "Ledarskap", "50\xc2\xa0%", "50\xc2\xa0%", "±0");
        LINE_WITH(out, "4", "Organisationens förutsättningar", "83,3\xc2\xa0%",
                  "50\xc2\xa0%", "+33,3");
        LINE_WITH(out, "Totalt", "66,7\xc2\xa0%", "50\xc2\xa0%", "+16,7");
        LINE_WITH(out, "Totalt", "5", "5");
        expect_in(out, "Ingen gällande nivå");
        isms_free(out);
    }
    char *json = wide_report(doc, ISMS_REPORT_JSON, ISMS_LANG_SV);
    json_t *root = parse_json(json);
    json_t *overall = at(root, "classification.overall.levels");
    assert_int_equal(json_array_size(overall), 5);
    assert_int_equal(json_integer_value(json_array_get(overall, 3)), 2);
    assert_int_equal(json_integer_value(json_array_get(overall, 2)), 1);
    json_decref(root);
    isms_free(json);
    isms_document_free(doc);
}

/* ---- which years, and the change ---------------------------------------------------------- */

/* An assessment of the clauses of 2022 whose first `yes`, `partial` and `no` requirements
 * have those statuses (the rest are not assessed). */
static isms_assessment *graded(int year, size_t yes, size_t partial, size_t no)
{
    isms_assessment *a = assessment(year);
    assert_true(isms_assessment_count(a) >= yes + partial + no);
    for (size_t i = 0; i < yes + partial + no; i++)
        assert_int_equal(isms_entry_set_status(isms_assessment_at(a, i),
                                               i < yes             ? ISMS_STATUS_YES
                                               : i < yes + partial ? ISMS_STATUS_PARTIAL
                                                                   : ISMS_STATUS_NO),
                         ISMS_OK);
    return a;
}

/* The change is the difference of the percentages shown: 71,7 % (21.5 of 30) against
 * 57,1 % (4 of 7) is +14,6, though the fractions differ by 0.14524. */
static void test_change_from_rounded(void **state)
{
    (void)state;
    isms_document *doc = NULL;
    assert_int_equal(isms_document_new(&doc, 2024), ISMS_OK);
    assert_int_equal(isms_document_add_assessment(doc, graded(2023, 4, 0, 3)), ISMS_OK);
    assert_int_equal(isms_document_add_assessment(doc, graded(2024, 20, 3, 7)), ISMS_OK);
    static const char *const sv[] = { "71,7\xc2\xa0%", "57,1\xc2\xa0%",
                                      "+14,6 procentenheter" };
    for (int f = ISMS_REPORT_TEXT; f <= ISMS_REPORT_HTML; f++) {
        char *out = wide_report(doc, (isms_report_format)f, ISMS_LANG_SV);
        for (size_t i = 0; i < 3; i++)
            expect_in(out, sv[i]);
        assert_null(strstr(out, "14,5"));
        LINE_WITH(out, "Totalt", "71,7\xc2\xa0%", "57,1\xc2\xa0%", "+14,6");
        isms_free(out);
    }
    char *out = wide_report(doc, ISMS_REPORT_MARKDOWN, ISMS_LANG_EN);
    expect_in(out, "| Change | +14.6 percentage points |");
    isms_free(out);
    /* the JSON keeps the exact difference */
    out = wide_report(doc, ISMS_REPORT_JSON, ISMS_LANG_SV);
    json_t *root = parse_json(out);
    assert_double_equal(num(root, "compliance.change"), 21.5 / 30 - 4.0 / 7, 1e-15);
    json_decref(root);
    isms_free(out);
    /* a fall the same way: 57,1 % after 71,7 % */
    assert_int_equal(isms_document_add_assessment(doc, graded(2023, 20, 3, 7)), ISMS_OK);
    assert_int_equal(isms_document_add_assessment(doc, graded(2024, 4, 0, 3)), ISMS_OK);
    out = wide_report(doc, ISMS_REPORT_TEXT, ISMS_LANG_SV);
    expect_in(out, "−14,6 procentenheter");
    isms_free(out);
    isms_document_free(doc);
}

static int json_year(json_t *root, const char *path)
{
    json_t *v = at(root, path);
    assert_true(json_is_integer(v));
    return (int)json_integer_value(v);
}

/* This year is the document's year (or the latest before it), not the latest assessment;
 * last year the one before that. */
static void test_years(void **state)
{
    (void)state;
    isms_document *doc = NULL;
    assert_int_equal(isms_document_new(&doc, 2024), ISMS_OK);
    assert_int_equal(isms_document_add_assessment(doc, graded(2022, 1, 0, 1)), ISMS_OK);
    assert_int_equal(isms_document_add_assessment(doc, graded(2023, 1, 0, 3)), ISMS_OK);
    assert_int_equal(isms_document_add_assessment(doc, graded(2024, 3, 0, 1)), ISMS_OK);
    assert_int_equal(isms_document_add_assessment(doc, graded(2025, 4, 0, 0)), ISMS_OK);
    char *out = wide_report(doc, ISMS_REPORT_JSON, ISMS_LANG_SV);
    json_t *root = parse_json(out);
    assert_int_equal(json_year(root, "compliance.year"), 2024);
    assert_int_equal(json_year(root, "compliance.previous.year"), 2023);
    assert_double_equal(num(root, "compliance.total.compliance"), 0.75, 1e-15);
    json_decref(root);
    isms_free(out);
    out = wide_report(doc, ISMS_REPORT_MARKDOWN, ISMS_LANG_SV);
    expect_in(out, "| **Efterlevnad 2024** | **75\xc2\xa0%** |");
    expect_in(out, "| Efterlevnad 2023 | 25\xc2\xa0% |");
    expect_in(out, "Gapanalys 2024 mot ISO/IEC 27001:2022.");
    assert_null(strstr(out, "2025:"));
    assert_null(strstr(out, "100\xc2\xa0%")); /* 2025's compliance is not shown */
    isms_free(out);

    /* without an assessment of 2024, the latest before it (2023) against 2022 */
    assert_int_equal(isms_document_remove_assessment(doc, 2024), ISMS_OK);
    out = wide_report(doc, ISMS_REPORT_JSON, ISMS_LANG_SV);
    root = parse_json(out);
    assert_int_equal(json_year(root, "compliance.year"), 2023);
    assert_int_equal(json_year(root, "compliance.previous.year"), 2022);
    json_decref(root);
    isms_free(out);
    out = wide_report(doc, ISMS_REPORT_HTML, ISMS_LANG_EN);
    expect_in(out, "<h3>Compliance 2023</h3>\n<div class=\"big\">25%</div>");
    expect_in(out, "Compliance 2022: 50%");
    isms_free(out);

    /* only later assessments: no gap analysis this year */
    assert_int_equal(isms_document_remove_assessment(doc, 2023), ISMS_OK);
    assert_int_equal(isms_document_remove_assessment(doc, 2022), ISMS_OK);
    out = wide_report(doc, ISMS_REPORT_JSON, ISMS_LANG_SV);
    root = parse_json(out);
    assert_true(json_is_null(at(root, "compliance")));
    json_decref(root);
    isms_free(out);
    isms_document_free(doc);
}

/* A title of white space alone is no title. */
static void test_blank_title(void **state)
{
    (void)state;
    isms_document *doc = NULL;
    assert_int_equal(isms_document_new(&doc, 2024), ISMS_OK);
    assert_int_equal(isms_document_set(doc, ISMS_DOC_TITLE, " \t\xc2\xa0 "), ISMS_OK);
    char *out = report(doc, ISMS_REPORT_MARKDOWN, ISMS_LANG_SV);
    assert_true(strncmp(out, "# Ledningens genomgång 2024\n", 29) == 0);
    isms_free(out);
    out = report(doc, ISMS_REPORT_HTML, ISMS_LANG_EN);
    expect_in(out, "<h1>Management review 2024</h1>");
    isms_free(out);
    isms_document_free(doc);
}

/* ---- gap analyses against an imported catalog ---------------------------------------------- */

#define KRAV_UUID "1b4e28ba-2fa1-41d2-883f-0016d3cca427"
#define REGION_UUID "6fa459ea-ee8a-4ca4-894e-db77e160355e"

/*
 * "Kommunens krav" 2.0, built as the OSCAL importer builds it: three top-level groups (STY,
 * BEH, DRI; DRI holds a group of its own, Kontinuitet, which is not a top-level group) and
 * eight controls, BEH-1.1 an enhancement of BEH-1 and ÖVR-1 outside every group. `title`,
 * `group` and `control` replace the catalog's title, STY's title and STY-1's title (hostile
 * tests); NULL keeps them.
 */
static isms_catalog *krav_catalog(const char *title, const char *uuid, const char *group,
                                  const char *control)
{
    static const struct {
        int parent; /* index in this list, -1 for a root */
        isms_item_kind kind;
        const char *oscal_id, *label, *title;
    } items[] = {
        { -1, ISMS_ITEM_GROUP, "sty", "STY", "Styrning" },
        { 0, ISMS_ITEM_CONTROL, "sty-1", "STY-1", "Policy beslutad av fullmäktige" },
        { 0, ISMS_ITEM_CONTROL, "sty-2", "STY-2", "Samordnare utsedd" },
        { -1, ISMS_ITEM_GROUP, "beh", "BEH", "Behörigheter" },
        { 3, ISMS_ITEM_CONTROL, "beh-1", "BEH-1", "Behörigheter dokumenteras" },
        { 4, ISMS_ITEM_CONTROL, "beh-1.1", "BEH-1.1", "Behörigheter följs upp" },
        { 3, ISMS_ITEM_CONTROL, "beh-2", "BEH-2", "Flerfaktorsautentisering" },
        { -1, ISMS_ITEM_GROUP, "dri", "DRI", "Drift" },
        { 7, ISMS_ITEM_GROUP, "dri-kon", NULL, "Kontinuitet" },
        { 8, ISMS_ITEM_CONTROL, "dri-1", "DRI-1", "Säkerhetskopior prövas" },
        { 7, ISMS_ITEM_CONTROL, "dri-2", "DRI-2", "Sårbarheter åtgärdas" },
        { -1, ISMS_ITEM_CONTROL, "ovr-1", "ÖVR-1", "Årlig revision" },
    };
    isms__catalog_builder *b = NULL;
    assert_int_equal(isms__catalog_builder_new(&b, title ? title : "Kommunens krav", "2.0",
                                               uuid, "2024-05-01T00:00:00Z"),
                     ISMS_OK);
    size_t index[sizeof items / sizeof *items];
    for (size_t i = 0; i < sizeof items / sizeof *items; i++) {
        const char *t = items[i].title;
        if (i == 0 && group)
            t = group;
        if (i == 1 && control)
            t = control;
        size_t parent = items[i].parent < 0 ? SIZE_MAX : index[items[i].parent];
        int rc = isms__catalog_builder_add(b, &index[i], parent, items[i].kind,
                                           items[i].oscal_id, items[i].label, t);
        if (rc != ISMS_OK) {
            isms__catalog_builder_free(b);
            fail_msg("builder: %s", isms_error_last()->message);
        }
    }
    isms_catalog *cat = NULL;
    assert_int_equal(isms__catalog_builder_finish(b, &cat), ISMS_OK);
    assert_non_null(cat);
    return cat;
}

static isms_assessment *krav_assessment(const isms_catalog *cat, int year)
{
    isms_assessment *a = NULL;
    assert_int_equal(isms_assessment_new_catalog(&a, cat, year, ISMS_SCOPE_BOTH), ISMS_OK);
    assert_int_equal(isms_assessment_add_all(a), ISMS_OK);
    assert_int_equal(isms_assessment_count(a), 8);
    return a;
}

/* 2023: STY-1 yes, STY-2 no, BEH-1 partial, DRI-1 yes, ÖVR-1 no; the rest not assessed. */
static isms_assessment *krav_2023(const isms_catalog *cat)
{
    isms_assessment *a = krav_assessment(cat, 2023);
    entry(a, "STY-1", ISMS_STATUS_YES, NULL, NULL, NULL);
    entry(a, "STY-2", ISMS_STATUS_NO, NULL, NULL, NULL);
    entry(a, "BEH-1", ISMS_STATUS_PARTIAL, NULL, NULL, NULL);
    entry(a, "DRI-1", ISMS_STATUS_YES, NULL, NULL, NULL);
    entry(a, "ÖVR-1", ISMS_STATUS_NO, NULL, NULL, NULL);
    return a;
}

/* 2024: STY-1 yes (applicable), STY-2 partial, BEH-1 yes, BEH-1.1 no (due March 2024:
 * overdue), BEH-2 excluded with a justification (so not applicable), DRI-1 and DRI-2
 * partial, ÖVR-1 yes. */
static isms_assessment *krav_2024(const isms_catalog *cat)
{
    isms_assessment *a = krav_assessment(cat, 2024);
    entry(a, "STY-1", ISMS_STATUS_YES, NULL, NULL, NULL);
    assert_int_equal(isms_entry_set_applicability(isms_assessment_find(a, "STY-1"),
                                                  ISMS_APPLICABILITY_APPLICABLE),
                     ISMS_OK);
    entry(a, "STY-2", ISMS_STATUS_PARTIAL, "Utse samordnare i alla förvaltningar", "CISO",
          "Q1 2025");
    entry(a, "BEH-1", ISMS_STATUS_YES, NULL, NULL, NULL);
    entry(a, "BEH-1.1", ISMS_STATUS_NO, "Inför halvårsvis uppföljning", "IT-chef",
          "mars 2024");
    isms_entry *e = isms_assessment_find(a, "beh-2"); /* by its OSCAL id */
    assert_non_null(e);
    assert_string_equal(isms_entry_ref(e), "BEH-2");
    assert_int_equal(isms_entry_set_applicability(e, ISMS_APPLICABILITY_EXCLUDED), ISMS_OK);
    assert_int_equal(isms_entry_set(e, ISMS_FIELD_JUSTIFICATION, "Ingen åtkomst utifrån"),
                     ISMS_OK);
    entry(a, "DRI-1", ISMS_STATUS_PARTIAL, "Pröva återläsning varje kvartal", "IT-chef",
          "2025");
    entry(a, "DRI-2", ISMS_STATUS_PARTIAL, NULL, NULL, NULL);
    entry(a, "ÖVR-1", ISMS_STATUS_YES, NULL, NULL, NULL);
    return a;
}

static isms_document *krav_document(isms_assessment *before, isms_assessment *now)
{
    isms_document *doc = NULL;
    assert_int_equal(isms_document_new(&doc, 2024), ISMS_OK);
    assert_int_equal(isms_document_set(doc, ISMS_DOC_ORGANISATION, "Exempelstads kommun"),
                     ISMS_OK);
    assert_int_equal(isms_document_set_date(doc, (isms_date){ 2024, 11, 15 }), ISMS_OK);
    if (before)
        assert_int_equal(isms_document_add_assessment(doc, before), ISMS_OK);
    assert_int_equal(isms_document_add_assessment(doc, now), ISMS_OK);
    return doc;
}

/* Both years against the same imported catalog (the assessments keep it alive: the caller's
 * reference is given up at once). */
static isms_document *krav_two_years(void)
{
    isms_catalog *cat = krav_catalog(NULL, KRAV_UUID, NULL, NULL);
    isms_document *doc = krav_document(krav_2023(cat), krav_2024(cat));
    isms_catalog_free(cat);
    return doc;
}

static json_t *group_of(json_t *root, size_t index)
{
    json_t *groups = at(root, "compliance.groups");
    json_t *g = json_array_get(groups, index);
    assert_non_null(g);
    return g;
}

/* A tally of the JSON summary: yes, partial, no, not applicable, not assessed and the
 * compliance (NAN: null). */
static void expect_tally(json_t *t, unsigned yes, unsigned partial, unsigned no, unsigned na,
                         unsigned not_assessed, double compliance)
{
    assert_true(json_is_object(t));
    static const char *const keys[] = { "yes", "partial", "no", "not_applicable",
                                        "not_assessed" };
    const unsigned want[] = { yes, partial, no, na, not_assessed };
    for (size_t k = 0; k < 5; k++) {
        json_t *v = json_object_get(t, keys[k]);
        if (!json_is_integer(v) || json_integer_value(v) != (json_int_t)want[k])
            fail_msg("tally %s: want %u", keys[k], want[k]);
    }
    assert_int_equal(json_integer_value(json_object_get(t, "total")),
                     yes + partial + no + na + not_assessed);
    json_t *c = json_object_get(t, "compliance");
    if (isnan(compliance))
        assert_true(json_is_null(c));
    else
        assert_double_equal(json_number_value(c), compliance, 1e-15);
}

/*
 * By hand (weights yes 1, partial 0.5, no 0):
 *   2024  STY  yes 1, partial 1                 1.5 / 2 = 75 %
 *         BEH  yes 1, no 1, not applicable 1    1 / 2   = 50 %
 *         DRI  partial 2 (DRI-1 by way of Kontinuitet)  1 / 2 = 50 %
 *         ÖVR-1 outside the groups: yes 1       100 %
 *         total yes 3, partial 3, no 1, n/a 1   4.5 / 7 = 64,3 %
 *   2023  STY  yes 1, no 1                      50 %
 *         BEH  partial 1, not assessed 2        50 %
 *         DRI  yes 1, not assessed 1            100 %
 *         ÖVR-1 no                              0 %
 *         total yes 2, partial 1, no 2, not assessed 3   2.5 / 5 = 50 %
 *   change STY +25, BEH ±0, DRI −50, outside +100, total 64,3 − 50 = +14,3
 *   compared: improved STY-2, BEH-1, ÖVR-1; regressed DRI-1; new BEH-1.1, DRI-2;
 *   unchanged STY-1, BEH-2 (not assessed, then excluded)
 */
static void test_imported_figures(void **state)
{
    (void)state;
    isms_document *doc = krav_two_years();
    char *json = report(doc, ISMS_REPORT_JSON, ISMS_LANG_SV);
    json_t *root = parse_json(json);
    assert_true(json_is_null(at(root, "compliance.edition")));
    assert_string_equal(json_string_value(at(root, "compliance.scope")), "both");
    assert_string_equal(json_string_value(at(root, "compliance.catalog.title")),
                        "Kommunens krav");
    assert_string_equal(json_string_value(at(root, "compliance.catalog.version")), "2.0");
    assert_string_equal(json_string_value(at(root, "compliance.catalog.uuid")), KRAV_UUID);
    assert_string_equal(json_string_value(at(root, "compliance.previous.catalog.uuid")),
                        KRAV_UUID);
    assert_true(json_is_null(at(root, "compliance.previous.edition")));
    expect_tally(at(root, "compliance.total"), 3, 3, 1, 1, 0, 4.5 / 7);
    expect_tally(at(root, "compliance.annex_a"), 3, 3, 1, 1, 0, 4.5 / 7);
    expect_tally(at(root, "compliance.clauses"), 0, 0, 0, 0, 0, NAN);
    expect_tally(at(root, "compliance.previous.total"), 2, 1, 2, 0, 3, 0.5);
    assert_double_equal(num(root, "compliance.change"), 4.5 / 7 - 0.5, 1e-15);
    assert_int_equal(json_array_size(at(root, "compliance.chapters")), 0);
    assert_int_equal(json_array_size(at(root, "compliance.groups")), 4);
    static const char *const ids[] = { "STY", "BEH", "DRI" };
    static const char *const titles[] = { "Styrning", "Behörigheter", "Drift" };
    for (size_t g = 0; g < 3; g++) {
        assert_string_equal(json_string_value(json_object_get(group_of(root, g), "id")),
                            ids[g]);
        assert_string_equal(json_string_value(json_object_get(group_of(root, g), "title")),
                            titles[g]);
    }
    expect_tally(json_object_get(group_of(root, 0), "now"), 1, 1, 0, 0, 0, 0.75);
    expect_tally(json_object_get(group_of(root, 0), "before"), 1, 0, 1, 0, 0, 0.5);
    expect_tally(json_object_get(group_of(root, 1), "now"), 1, 0, 1, 1, 0, 0.5);
    expect_tally(json_object_get(group_of(root, 1), "before"), 0, 1, 0, 0, 2, 0.5);
    expect_tally(json_object_get(group_of(root, 2), "now"), 0, 2, 0, 0, 0, 0.5);
    expect_tally(json_object_get(group_of(root, 2), "before"), 1, 0, 0, 0, 1, 1.0);
    /* the controls outside the groups: no id */
    assert_true(json_is_null(json_object_get(group_of(root, 3), "id")));
    assert_string_equal(json_string_value(json_object_get(group_of(root, 3), "title")),
                        "Kontroller utanför grupperna");
    expect_tally(json_object_get(group_of(root, 3), "now"), 1, 0, 0, 0, 0, 1.0);
    expect_tally(json_object_get(group_of(root, 3), "before"), 0, 0, 1, 0, 0, 0.0);
    /* the gaps by their labels, in catalog order */
    json_t *gaps = at(root, "compliance.gaps");
    assert_int_equal(json_array_size(gaps), 4);
    static const char *const refs[] = { "STY-2", "BEH-1.1", "DRI-1", "DRI-2" };
    for (size_t i = 0; i < 4; i++)
        assert_string_equal(json_string_value(json_object_get(json_array_get(gaps, i), "ref")),
                            refs[i]);
    assert_string_equal(json_string_value(json_object_get(json_array_get(gaps, 1), "title")),
                        "Behörigheter följs upp");
    assert_true(json_is_true(json_object_get(json_array_get(gaps, 1), "overdue")));
    assert_double_equal(num(root, "compliance.overdue"), 1, 0);
    assert_double_equal(num(root, "compliance.changes.improved"), 3, 0);
    assert_double_equal(num(root, "compliance.changes.regressed"), 1, 0);
    assert_double_equal(num(root, "compliance.changes.new"), 2, 0);
    assert_double_equal(num(root, "compliance.changes.removed"), 0, 0);
    assert_double_equal(num(root, "compliance.changes.unchanged"), 2, 0);
    json_t *d = find_item(at(root, "compliance.changed"), "ref", "DRI-1");
    assert_string_equal(json_string_value(json_object_get(d, "change")), "regressed");
    d = find_item(at(root, "compliance.changed"), "ref", "ÖVR-1");
    assert_string_equal(json_string_value(json_object_get(d, "before")), "no");
    assert_string_equal(json_string_value(json_object_get(d, "after")), "yes");
    assert_double_equal(num(root, "compliance.soa.applicable"), 1, 0);
    assert_double_equal(num(root, "compliance.soa.excluded"), 1, 0);
    assert_double_equal(num(root, "compliance.soa.undecided"), 6, 0);
    d = find_item(at(root, "compliance.exclusions"), "ref", "BEH-2");
    assert_string_equal(json_string_value(json_object_get(d, "justification")),
                        "Ingen åtkomst utifrån");
    json_decref(root);
    isms_free(json);

    /* the same figures in Markdown, Swedish (the whole review: a golden file) */
#define PCT(x) x "\xc2\xa0%"
    char *md = report(doc, ISMS_REPORT_MARKDOWN, ISMS_LANG_SV);
    golden(md, "imported-sv.md");
    expect_in(md, "Gapanalys 2024 mot Kommunens krav (version 2.0). Efterlevnad " PCT("64,3")
                  " (föregående år 2023: " PCT("50") "). Bedömda krav: 7 av 7 tillämpliga.");
    expect_in(md, "| **Efterlevnad 2024** | **" PCT("64,3") "** |");
    expect_in(md, "| Efterlevnad 2023 | " PCT("50") " |");
    expect_in(md, "| Förändring | +14,3 procentenheter |");
    expect_in(md, "### 5.1 Efterlevnad per grupp\n");
    expect_in(md, "| Grupp | Rubrik | Ja | Delvis | Nej | Ej tillämplig | Ej bedömd | "
                  "Efterlevnad 2024 | 2023 | Förändring (procentenheter) |");
    expect_in(md, "| STY | Styrning | 1 | 1 | 0 | 0 | 0 | " PCT("75") " | " PCT("50")
                  " | +25 |");
    expect_in(md, "| BEH | Behörigheter | 1 | 0 | 1 | 1 | 0 | " PCT("50") " | " PCT("50")
                  " | ±0 |");
    expect_in(md, "| DRI | Drift | 0 | 2 | 0 | 0 | 0 | " PCT("50") " | " PCT("100")
                  " | −50 |");
    expect_in(md, "|  | Kontroller utanför grupperna | 1 | 0 | 0 | 0 | 0 | " PCT("100") " | "
                  PCT("0") " | +100 |");
    expect_in(md, "| **Totalt** |  | **3** | **3** | **1** | **1** | **0** | **" PCT("64,3")
                  "** | **" PCT("50") "** | **+14,3** |");
    expect_in(md, "Krav som är delvis uppfyllda eller inte uppfyllda: 4, varav försenade: 1.");
    expect_in(md, "| BEH-1.1 | Behörigheter följs upp | Nej |  |  | Inför halvårsvis uppföljning "
                  "| IT-chef | mars 2024 (**försenad**) |");
    expect_in(md, "| DRI-1 | Ja | Delvis | försämrad |");
    expect_in(md, "| ÖVR-1 | Nej | Ja | förbättrad |");
    /* the applicability of the controls, named neutrally */
    expect_in(md, "### 5.4 Tillämplighet\n\nTillämpligheten av kontrollerna i Kommunens krav "
                  "(version 2.0).");
    expect_in(md, "| BEH-2 | Flerfaktorsautentisering | Ingen åtkomst utifrån |");
    /* no chapters, no edition, no Annex A */
    assert_null(strstr(md, "27001"));
    assert_null(strstr(md, "kapitel"));
    assert_null(strstr(md, "Kapitel"));
    assert_null(strstr(md, "bilaga A"));
    assert_null(strstr(md, "Uttalande om tillämplighet"));
    assert_null(strstr(md, "Kontinuitet")); /* not a top-level group */
    isms_free(md);

    /* English */
    md = report(doc, ISMS_REPORT_MARKDOWN, ISMS_LANG_EN);
    expect_in(md, "Gap analysis 2024 against Kommunens krav (version 2.0). Compliance 64.3% "
                  "(last year 2023: 50%). Requirements assessed: 7 of 7 applicable.");
    expect_in(md, "### 5.1 Compliance per group\n");
    expect_in(md, "| Group | Title | Yes | Partial | No |");
    expect_in(md, "| STY | Styrning | 1 | 1 | 0 | 0 | 0 | 75% | 50% | +25 |");
    expect_in(md, "|  | Controls outside the groups | 1 | 0 | 0 | 0 | 0 | 100% | 0% | +100 |");
    expect_in(md, "### 5.4 Applicability\n\nApplicability of the controls of Kommunens krav "
                  "(version 2.0).");
    assert_null(strstr(md, "27001"));
    assert_null(strstr(md, "Annex A"));
    assert_null(strstr(md, "chapter"));
    assert_null(strstr(md, "Statement of Applicability"));
    isms_free(md);
#undef PCT
    isms_document_free(doc);
}

/* The formats agree on the groups, the gaps and the changes (text, Markdown and HTML). */
static void test_imported_formats_agree(void **state)
{
    (void)state;
    isms_document *doc = krav_two_years();
    for (int lang = 0; lang < 2; lang++) {
        bool sv = lang == ISMS_LANG_SV;
        for (int f = ISMS_REPORT_TEXT; f <= ISMS_REPORT_HTML; f++) {
            char *out = wide_report(doc, (isms_report_format)f, (isms_lang)lang);
            expect_in(out, sv ? "Efterlevnad per grupp" : "Compliance per group");
            expect_in(out, sv ? "Gapanalys 2024 mot Kommunens krav (version 2.0)."
                              : "Gap analysis 2024 against Kommunens krav (version 2.0).");
            LINE_WITH(out, "STY", "Styrning", sv ? "75\xc2\xa0%" : "75%", "+25");
            LINE_WITH(out, "DRI", "Drift", sv ? "100\xc2\xa0%" : "100%", "−50");
            LINE_WITH(out, sv ? "Kontroller utanför grupperna" : "Controls outside the groups",
                      "+100");
            LINE_WITH(out, "BEH-1.1", "Behörigheter följs upp", "mars 2024",
                      sv ? "försenad" : "overdue");
            LINE_WITH(out, "DRI-1", isms_change_label(ISMS_CHANGE_REGRESSED, (isms_lang)lang));
            LINE_WITH(out, "BEH-2", "Flerfaktorsautentisering", "Ingen åtkomst utifrån");
            assert_null(strstr(out, "27001"));
            isms_free(out);
        }
    }
    /* the HTML chart has the groups, both years */
    char *html = wide_report(doc, ISMS_REPORT_HTML, ISMS_LANG_SV);
    expect_in(html, "<title>Efterlevnad per grupp, 2024 jämfört med 2023</title>");
    expect_in(html, ">STY Styrning</text>");
    expect_in(html, ">Kontroller utanför grupperna</text>");
    isms_free(html);
    isms_document_free(doc);
}

/* Last year against ISO/IEC 27001:2022, this year against the imported catalog: named, not
 * compared; and the other way round; and two imported catalogs with different UUIDs. */
static void test_imported_other_catalog(void **state)
{
    (void)state;
    isms_catalog *cat = krav_catalog(NULL, KRAV_UUID, NULL, NULL);
    /* 2023: the 2022 clauses, 4 yes and 3 no: 57,1 % */
    isms_document *doc = krav_document(graded(2023, 4, 0, 3), krav_2024(cat));
    char *md = report(doc, ISMS_REPORT_MARKDOWN, ISMS_LANG_SV);
    expect_in(md, "| **Efterlevnad 2024 mot Kommunens krav (version 2.0)** | **64,3\xc2\xa0%** |");
    expect_in(md, "| Efterlevnad 2023 mot ISO/IEC 27001:2022 | 57,1\xc2\xa0% |");
    assert_null(strstr(md, "| Förändring |"));
    expect_in(md, "Gapanalys 2024 mot Kommunens krav (version 2.0). Efterlevnad 64,3\xc2\xa0% "
                  "(föregående år 2023 mot ISO/IEC 27001:2022: 57,1\xc2\xa0%).");
    /* the groups without last year's columns */
    expect_in(md, "| Grupp | Rubrik | Ja | Delvis | Nej | Ej tillämplig | Ej bedömd | "
                  "Efterlevnad 2024 |\n");
    expect_in(md, "| STY | Styrning | 1 | 1 | 0 | 0 | 0 | 75\xc2\xa0% |\n");
    expect_in(md, "| **Totalt** |  | **3** | **3** | **1** | **1** | **0** | "
                  "**64,3\xc2\xa0%** |\n");
    expect_in(md, "### 5.3 Förändringar sedan föregående år\n\nFöregående års gapanalys (2023) "
                  "är gjord mot ISO/IEC 27001:2022 och årets mot Kommunens krav (version 2.0): "
                  "gapanalyser mot olika kataloger jämförs inte krav för krav.\n");
    assert_null(strstr(md, "annan utgåva"));
    isms_free(md);
    char *html = report(doc, ISMS_REPORT_HTML, ISMS_LANG_EN);
    expect_in(html, "Last year&#39;s gap analysis (2023) is against ISO/IEC 27001:2022 and this "
                    "year&#39;s against Kommunens krav (version 2.0): gap analyses against "
                    "different catalogs are not compared requirement by requirement.");
    /* the chart: this year alone */
    expect_in(html, "<title>Compliance per group, 2024</title>");
    isms_free(html);
    char *json = report(doc, ISMS_REPORT_JSON, ISMS_LANG_EN);
    json_t *root = parse_json(json);
    assert_string_equal(json_string_value(at(root, "compliance.catalog.uuid")), KRAV_UUID);
    assert_string_equal(json_string_value(at(root, "compliance.previous.edition")), "2022");
    assert_null(json_object_get(at(root, "compliance.previous"), "catalog"));
    assert_double_equal(num(root, "compliance.previous.total.compliance"), 4.0 / 7, 1e-15);
    assert_true(json_is_null(at(root, "compliance.change")));
    assert_true(json_is_null(at(root, "compliance.changes")));
    assert_int_equal(json_array_size(at(root, "compliance.changed")), 0);
    for (size_t g = 0; g < 4; g++)
        assert_true(json_is_null(json_object_get(group_of(root, g), "before")));
    json_decref(root);
    isms_free(json);
    isms_document_free(doc);

    /* the other way round: this year's chapters of 2022, last year's catalog named */
    doc = krav_document(krav_2023(cat), graded(2024, 4, 0, 3));
    md = report(doc, ISMS_REPORT_MARKDOWN, ISMS_LANG_EN);
    expect_in(md, "| **Compliance 2024 against ISO/IEC 27001:2022** | **57.1%** |");
    expect_in(md, "| Compliance 2023 against Kommunens krav (version 2.0) | 50% |");
    expect_in(md, "### 5.1 Compliance per chapter\n");
    expect_in(md, "| Chapter | Title | Yes | Partial | No | Not applicable | Not assessed | "
                  "Compliance 2024 |\n");
    expect_in(md, "Last year's gap analysis (2023) is against Kommunens krav (version 2.0) and "
                  "this year's against ISO/IEC 27001:2022: gap analyses");
    isms_free(md);
    json = report(doc, ISMS_REPORT_JSON, ISMS_LANG_EN);
    root = parse_json(json);
    assert_null(json_object_get(at(root, "compliance"), "catalog"));
    assert_null(json_object_get(at(root, "compliance"), "groups"));
    assert_string_equal(json_string_value(at(root, "compliance.previous.catalog.title")),
                        "Kommunens krav");
    assert_true(json_is_null(at(root, "compliance.change")));
    json_decref(root);
    isms_free(json);
    isms_document_free(doc);

    /* two imported catalogs: the same ids, but another UUID is another catalog */
    isms_catalog *region = krav_catalog("Regionens krav", REGION_UUID, NULL, NULL);
    doc = krav_document(krav_2023(region), krav_2024(cat));
    isms_catalog_free(region);
    md = report(doc, ISMS_REPORT_MARKDOWN, ISMS_LANG_SV);
    expect_in(md, "Föregående års gapanalys (2023) är gjord mot Regionens krav (version 2.0) "
                  "och årets mot Kommunens krav (version 2.0): gapanalyser mot olika kataloger "
                  "jämförs inte krav för krav.");
    expect_in(md, "| STY | Styrning | 1 | 1 | 0 | 0 | 0 | 75\xc2\xa0% |\n");
    isms_free(md);
    isms_document_free(doc);

    /* the same catalog imported twice (another object, the same UUID) is the same catalog */
    isms_catalog *again = krav_catalog(NULL, KRAV_UUID, NULL, NULL);
    doc = krav_document(krav_2023(again), krav_2024(cat));
    isms_catalog_free(again);
    md = report(doc, ISMS_REPORT_MARKDOWN, ISMS_LANG_SV);
    expect_in(md, "| DRI | Drift | 0 | 2 | 0 | 0 | 0 | 50\xc2\xa0% | 100\xc2\xa0% | −50 |");
    expect_in(md, "| DRI-1 | Ja | Delvis | försämrad |");
    isms_free(md);
    isms_document_free(doc);
    isms_catalog_free(cat);
}

/* Without applicability data the section is left out; without groups there is no table of
 * them; a single year has no comparison. */
static void test_imported_without(void **state)
{
    (void)state;
    isms_catalog *cat = krav_catalog(NULL, KRAV_UUID, NULL, NULL);
    isms_document *doc = krav_document(NULL, krav_2023(cat));
    isms_catalog_free(cat);
    for (int lang = 0; lang < 2; lang++) {
        char *md = report(doc, ISMS_REPORT_MARKDOWN, (isms_lang)lang);
        assert_null(strstr(md, lang == ISMS_LANG_SV ? "Tillämplighet" : "Applicability"));
        assert_null(strstr(md, lang == ISMS_LANG_SV ? "Uttalande" : "Statement of"));
        assert_null(strstr(md, "### 5.3")); /* 5.1 groups, 5.2 gaps, no more */
        expect_in(md, lang == ISMS_LANG_SV
                          ? "| STY | Styrning | 1 | 0 | 1 | 0 | 0 | 50\xc2\xa0% |\n"
                          : "| STY | Styrning | 1 | 0 | 1 | 0 | 0 | 50% |\n");
        isms_free(md);
    }
    isms_document_free(doc);

    /* a catalog of controls alone: no groups, no table of them */
    isms__catalog_builder *b = NULL;
    assert_int_equal(isms__catalog_builder_new(&b, "Lista", "", REGION_UUID, NULL), ISMS_OK);
    size_t i;
    assert_int_equal(isms__catalog_builder_add(b, &i, SIZE_MAX, ISMS_ITEM_CONTROL, "k1", NULL,
                                               "Första kravet"),
                     ISMS_OK);
    assert_int_equal(isms__catalog_builder_add(b, &i, SIZE_MAX, ISMS_ITEM_CONTROL, "k2", NULL,
                                               "Andra kravet"),
                     ISMS_OK);
    isms_catalog *list = NULL;
    assert_int_equal(isms__catalog_builder_finish(b, &list), ISMS_OK);
    isms_assessment *a = NULL;
    assert_int_equal(isms_assessment_new_catalog(&a, list, 2024, ISMS_SCOPE_ANNEX_A), ISMS_OK);
    isms_catalog_free(list);
    isms_entry *e = NULL;
    assert_int_equal(isms_assessment_add(&e, a, "K2"), ISMS_OK);
    assert_string_equal(isms_entry_ref(e), "k2");
    assert_int_equal(isms_entry_set_status(e, ISMS_STATUS_NO), ISMS_OK);
    doc = krav_document(NULL, a);
    char *md = report(doc, ISMS_REPORT_MARKDOWN, ISMS_LANG_SV);
    /* no version to name */
    expect_in(md, "Gapanalys 2024 mot Lista. Efterlevnad 0\xc2\xa0%. Bedömda krav: 1 av 2 "
                  "tillämpliga.");
    expect_in(md, "### 5.1 Krav som inte är uppfyllda");
    expect_in(md, "| k2 | Andra kravet | Nej |");
    assert_null(strstr(md, "per grupp"));
    isms_free(md);
    char *json = report(doc, ISMS_REPORT_JSON, ISMS_LANG_SV);
    json_t *root = parse_json(json);
    assert_int_equal(json_array_size(at(root, "compliance.groups")), 0);
    assert_string_equal(json_string_value(at(root, "compliance.catalog.version")), "");
    json_decref(root);
    isms_free(json);
    isms_document_free(doc);
}

/* Hostile titles of the catalog, a group and a control in every format. */
static void test_imported_hostile(void **state)
{
    (void)state;
    static const char title[] = "<script>alert(1)</script> | Krav\x1b[31m \xe2\x80\xae";
    static const char group[] = "|Grupp| <b>*fet*</b>";
    static const char control[] = "# [x](javascript:alert(1)) | kontroll";
    isms_catalog *cat = krav_catalog(title, KRAV_UUID, group, control);
    isms_document *doc = krav_document(krav_2023(cat), krav_2024(cat));
    isms_catalog_free(cat);
    for (int lang = 0; lang < 2; lang++) {
        char *md = report(doc, ISMS_REPORT_MARKDOWN, (isms_lang)lang);
        assert_null(strstr(md, "<script"));
        assert_null(strstr(md, "<b>"));
        assert_null(strstr(md, "\x1b"));
        assert_null(strstr(md, "\xe2\x80\xae"));
        expect_in(md, "&lt;script&gt;alert(1)&lt;/script&gt; \\| Krav");
        /* the group's title in its row: the pipes escaped, the row whole */
        expect_in(md, "| STY | \\|Grupp\\| &lt;b&gt;\\*fet\\*&lt;/b&gt; | 1 | 1 | 0 |");
        check_markdown_structure(md);
        isms_free(md);

        char *text = report(doc, ISMS_REPORT_TEXT, (isms_lang)lang);
        check_text(text, false);
        assert_non_null(strstr(text, "<script>alert(1)</script> | Krav"));
        isms_free(text);

        char *json = report(doc, ISMS_REPORT_JSON, (isms_lang)lang);
        assert_null(strstr(json, "<script"));
        json_t *root = parse_json(json);
        assert_string_equal(json_string_value(at(root, "compliance.catalog.title")), title);
        assert_string_equal(json_string_value(json_object_get(group_of(root, 0), "title")),
                            group);
        json_decref(root);
        isms_free(json);
    }
    isms_document_free(doc);
}

/* The example catalog of the city, read from OSCAL: groups by their labels. */
static void test_imported_example(void **state)
{
    (void)state;
    char path[512];
    snprintf(path, sizeof path, "%s/../../examples/data/exempelstad-krav.oscal.json",
             ISMS_TEST_DATA);
    isms_catalog *cat = NULL;
    int rc = isms_catalog_load_oscal(&cat, path);
    if (rc != ISMS_OK)
        fail_msg("%s: %s", path, isms_error_last()->message);
    isms_assessment *a = NULL;
    assert_int_equal(isms_assessment_new_catalog(&a, cat, 2024, ISMS_SCOPE_BOTH), ISMS_OK);
    assert_int_equal(isms_assessment_add_all(a), ISMS_OK);
    entry(a, "STY-1", ISMS_STATUS_YES, NULL, NULL, NULL);
    entry(a, "BEH-1.1", ISMS_STATUS_PARTIAL, "Halvårsvis uppföljning", "IT-chef", "2025");
    entry(a, "DRI-1", ISMS_STATUS_NO, NULL, NULL, NULL);
    isms_document *doc = krav_document(NULL, a);
    char *md = report(doc, ISMS_REPORT_MARKDOWN, ISMS_LANG_SV);
    expect_in(md, "Gapanalys 2024 mot Exempelstads grundläggande informationssäkerhetskrav "
                  "(version 2025.1).");
    /* STY 1 yes of 3; BEH 1 partial of 4; DRI 1 no of 4 (DRI-1 in Kontinuitet) */
    expect_in(md, "| STY | Styrning | 1 | 0 | 0 | 0 | 2 | 100\xc2\xa0% |\n");
    expect_in(md, "| BEH | Behörigheter | 0 | 1 | 0 | 0 | 3 | 50\xc2\xa0% |\n");
    expect_in(md, "| DRI | Drift och kontinuitet | 0 | 0 | 1 | 0 | 3 | 0\xc2\xa0% |\n");
    expect_in(md, "| BEH-1.1 | Behörigheter följs upp minst två gånger per år | Delvis |");
    assert_null(strstr(md, "Kontroller utanför grupperna"));
    isms_free(md);
    isms_document_free(doc);
    isms_catalog_free(cat);
}

static void test_imported_alloc_failure(void **state)
{
    (void)state;
    isms_document *doc = krav_two_years();
    for (int f = ISMS_REPORT_TEXT; f <= ISMS_REPORT_JSON; f++) {
        isms_report_options o = options((isms_report_format)f, ISMS_LANG_EN);
        char *before = NULL;
        assert_int_equal(isms_report_write(&before, NULL, doc, &o), ISMS_OK);
        char *out;
        size_t len;
        SWEEP_WRITE(out, len, isms_report_write(&out, &len, doc, &o));
        char *after = NULL;
        assert_int_equal(isms_report_write(&after, NULL, doc, &o), ISMS_OK);
        assert_string_equal(before, after);
        isms_free(before);
        isms_free(after);
    }
    isms_document_free(doc);
}

/* ---- saving ------------------------------------------------------------------------------- */

static void test_save(void **state)
{
    (void)state;
    char dir[] = "/tmp/isms-report-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[256];
    snprintf(path, sizeof path, "%s/review.md", dir);
    isms_document *doc = fixture();
    isms_report_options o = options(ISMS_REPORT_MARKDOWN, ISMS_LANG_SV);
    write_old_file(path, 0640);
    assert_int_equal(isms_report_save(doc, path, &o), ISMS_OK);
    char *want = report(doc, ISMS_REPORT_MARKDOWN, ISMS_LANG_SV);
    assert_file_is_doc(path, want, strlen(want));
    assert_file_mode(path, 0640);
    assert_int_equal(count_dir(dir), 1);

    /* a failure leaves the old file */
    write_old_file(path, 0640);
    o.width = 3;
    assert_int_equal(isms_report_save(doc, path, &o), ISMS_EINVAL);
    assert_old_file_kept(path, dir);
    o.width = 100;
    char missing[300];
    snprintf(missing, sizeof missing, "%s/no/such/dir/review.md", dir);
    assert_int_equal(isms_report_save(doc, missing, &o), ISMS_EIO);
    /* "-": standard output */
    char out_path[300];
    snprintf(out_path, sizeof out_path, "%s/stdout.md", dir);
    fflush(stdout);
    int saved = dup(STDOUT_FILENO);
    assert_true(saved >= 0);
    FILE *f = fopen(out_path, "wb");
    assert_non_null(f);
    assert_true(dup2(fileno(f), STDOUT_FILENO) >= 0);
    int rc = isms_report_save(doc, "-", &o);
    fflush(stdout);
    dup2(saved, STDOUT_FILENO);
    close(saved);
    fclose(f);
    assert_int_equal(rc, ISMS_OK);
    want = report(doc, ISMS_REPORT_MARKDOWN, ISMS_LANG_SV);
    assert_file_is_doc(out_path, want, strlen(want));
    assert_int_equal(unlink(out_path), 0);

    assert_int_equal(isms_report_save(NULL, path, &o), ISMS_EINVAL);
    assert_int_equal(isms_report_save(doc, NULL, &o), ISMS_EINVAL);
    assert_int_equal(unlink(path), 0);
    assert_int_equal(rmdir(dir), 0);
    isms_document_free(doc);
}

/* ---- allocation failure ---------------------------------------------------------------------- */

static void test_alloc_failure(void **state)
{
    (void)state;
    isms_document *doc = fixture();
    isms_settings s;
    assert_int_equal(isms_document_settings(&s, doc), ISMS_OK);
    s.iterations = 200;
    assert_int_equal(isms_document_set_settings(doc, &s), ISMS_OK);
    for (int f = ISMS_REPORT_TEXT; f <= ISMS_REPORT_JSON; f++) {
        isms_report_options o = options((isms_report_format)f, ISMS_LANG_SV);
        o.color = f == ISMS_REPORT_TEXT;
        char *before = NULL;
        assert_int_equal(isms_report_write(&before, NULL, doc, &o), ISMS_OK);
        char *out;
        size_t len;
        SWEEP_WRITE(out, len, isms_report_write(&out, &len, doc, &o));
        /* the document shows the same after every failure */
        char *after = NULL;
        assert_int_equal(isms_report_write(&after, NULL, doc, &o), ISMS_OK);
        assert_string_equal(before, after);
        isms_free(before);
        isms_free(after);
    }
    isms_document_free(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_format_names),
        cmocka_unit_test(test_options),
        cmocka_unit_test(test_escapes),
        cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_words),
        cmocka_unit_test(test_locale),
        cmocka_unit_test(test_golden),
        cmocka_unit_test(test_deterministic),
        cmocka_unit_test(test_figures),
        cmocka_unit_test(test_no_simulation),
        cmocka_unit_test(test_hostile),
        cmocka_unit_test(test_color_and_languages),
        cmocka_unit_test(test_plan_errors),
        cmocka_unit_test(test_empty_document),
        cmocka_unit_test(test_annex_a),
        cmocka_unit_test(test_formats_agree),
        cmocka_unit_test(test_columns_agree),
        cmocka_unit_test(test_change_from_rounded),
        cmocka_unit_test(test_years),
        cmocka_unit_test(test_blank_title),
        cmocka_unit_test(test_imported_figures),
        cmocka_unit_test(test_imported_formats_agree),
        cmocka_unit_test(test_imported_other_catalog),
        cmocka_unit_test(test_imported_without),
        cmocka_unit_test(test_imported_hostile),
        cmocka_unit_test(test_imported_example),
        cmocka_unit_test(test_imported_alloc_failure),
        cmocka_unit_test(test_save),
        cmocka_unit_test(test_alloc_failure),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
