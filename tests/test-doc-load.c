/* Unit tests of the JSON loader of the ISMS document (lib/io/doc-load.c): a document with
 * every key of the format, read back value by value through the API; a document with what a
 * table import gives (levels off the scales, risks not assessed, empty titles, targets that
 * name nothing, repeated extra headers), kept and reported by lint; defaults and presets;
 * the corpus of broken documents in tests/data/doc-broken/ (each checked for its error code,
 * the start of its message, which names the JSON path, and its line and column); positions
 * in texts with escapes, tabs, CRLF and multibyte characters; files and standard input;
 * allocation failure, jansson's allocations included. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <jansson.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

#include "test-util.h"

#define LOAD_DIR ISMS_TEST_DATA "/doc-load/"
#define BROKEN_DIR ISMS_TEST_DATA "/doc-broken/"

/* jansson allocates through the library's allocator in this program, so that the n-th
 * allocation failing can be one of jansson's. */
static void *json_alloc(size_t size)
{
    return isms__malloc(size);
}

static isms_document *parse_text(const char *text)
{
    isms_document *doc = NULL;
    int rc = isms_document_parse(&doc, text, strlen(text), "test.json", NULL);
    if (rc != ISMS_OK)
        fail_msg("%d %u:%u %s", rc, isms_error_last()->line, isms_error_last()->column,
                 isms_error_last()->message);
    assert_non_null(doc);
    return doc;
}

static isms_document *load_fixture(const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s%s", LOAD_DIR, name);
    isms_document *doc = NULL;
    int rc = isms_document_load(&doc, path, NULL);
    if (rc != ISMS_OK)
        fail_msg("%s: %d %u:%u %s", name, rc, isms_error_last()->line,
                 isms_error_last()->column, isms_error_last()->message);
    return doc;
}

/* Parsing `text` fails with `code` at line:column and a message that starts with `start`;
 * the out-parameter is untouched. */
#define assert_parse_error(text, code, line, column, start)                                  \
    check_parse_error((text), (code), (line), (column), (start), __FILE__, __LINE__)
static void check_parse_error(const char *text, int code, unsigned line, unsigned column,
                              const char *start, const char *file, int fline)
{
    isms_document *doc = (isms_document *)(uintptr_t)0x1;
    int rc = isms_document_parse(&doc, text, strlen(text), "mem.json", NULL);
    const isms_error *e = isms_error_last();
    if (rc != code || e->code != code || e->line != line || e->column != column ||
        strncmp(e->message, start, strlen(start)) != 0 || doc != (isms_document *)(uintptr_t)1) {
        print_error("expected %d at %u:%u \"%s…\"\n     got %d at %u:%u \"%s\"\n", code, line,
                    column, start, rc, e->line, e->column, e->message);
        _fail(file, fline);
    }
    assert_string_equal(e->source, "mem.json");
}

static void assert_date(isms_date d, int y, int m, int day)
{
    assert_int_equal(d.year, y);
    assert_int_equal(d.month, m);
    assert_int_equal(d.day, day);
}

/* ---- the document with every key ------------------------------------------------------- */

static void check_full_header(const isms_document *doc)
{
    assert_int_equal(isms_document_year(doc), 2024);
    assert_string_equal(isms_document_get(doc, ISMS_DOC_ORGANISATION), "Exempelstads kommun");
    assert_string_equal(isms_document_get(doc, ISMS_DOC_UNIT), "Socialförvaltningen");
    assert_string_equal(isms_document_get(doc, ISMS_DOC_TITLE), "Ledningens genomgång 2024");
    assert_string_equal(isms_document_get(doc, ISMS_DOC_AUTHOR),
                        "Informationssäkerhetssamordnare");
    assert_string_equal(isms_document_get(doc, ISMS_DOC_SCOPE),
                        "Socialförvaltningens verksamhet och IT-stöd");
    assert_string_equal(isms_document_get(doc, ISMS_DOC_DECISION), "Planen fastställs.");
    assert_int_equal(isms_document_lang(doc), ISMS_LANG_EN);
    assert_date(isms_document_date(doc), 2024, 11, 15);
    assert_int_equal(isms_document_context_count(doc), 2);
    const char *title, *text;
    assert_int_equal(isms_document_context(&title, &text, doc, 0), ISMS_OK);
    assert_string_equal(title, "NIS2");
    assert_string_equal(text, "Cybersäkerhetslagen träder i kraft.");
    assert_int_equal(isms_document_context(&title, &text, doc, 1), ISMS_OK);
    assert_string_equal(title, "Omorganisation");
    assert_string_equal(text, "");
}

static void check_full_matrix(const isms_matrix *m)
{
    assert_string_equal(isms_matrix_name(m), "Kommunens matris");
    assert_int_equal(isms_matrix_formula(m), ISMS_FORMULA_GRID);
    assert_int_equal(isms_matrix_level_count(m, ISMS_AXIS_LIKELIHOOD), 4);
    assert_int_equal(isms_matrix_level_count(m, ISMS_AXIS_CONSEQUENCE), 4);
    isms_level lv;
    assert_int_equal(isms_matrix_level(&lv, m, ISMS_AXIS_LIKELIHOOD, 0), ISMS_OK);
    assert_int_equal(lv.value, 1);
    assert_string_equal(lv.label_sv, "Osannolik");
    assert_string_equal(lv.label_en, "Unlikely");
    assert_string_equal(lv.description, "Mer sällan än vart tionde år");
    assert_int_equal(isms_matrix_level(&lv, m, ISMS_AXIS_LIKELIHOOD, 1), ISMS_OK);
    assert_string_equal(lv.description, "");
    assert_int_equal(isms_matrix_level(&lv, m, ISMS_AXIS_CONSEQUENCE, 3), ISMS_OK);
    assert_int_equal(lv.value, 4);
    assert_string_equal(lv.label_sv, "Allvarlig");
    assert_string_equal(lv.label_en, "Serious");
    assert_string_equal(lv.description, "Liv och hälsa");
    /* The grid, row per likelihood level, column per consequence level. */
    static const int grid[4][4] = {
        { 1, 2, 3, 5 }, { 2, 4, 6, 9 }, { 3, 6, 9, 12 }, { 5, 9, 12, 16 }
    };
    for (int l = 1; l <= 4; l++)
        for (int c = 1; c <= 4; c++) {
            isms_score s;
            assert_int_equal(isms_matrix_score(&s, m, l, c), ISMS_OK);
            assert_int_equal(s.value, grid[l - 1][c - 1]);
        }
    assert_int_equal(isms_matrix_band_count(m), 3);
    isms_band b;
    assert_int_equal(isms_matrix_band(&b, m, 2), ISMS_OK);
    assert_string_equal(b.name, "high");
    assert_int_equal(b.min_value, 8);
    assert_int_equal(b.max_value, 16);
    assert_string_equal(b.label_sv, "Hög");
    assert_string_equal(b.label_en, "High");
    assert_true(strcmp(b.color, "#C62828") == 0 || strcmp(b.color, "#c62828") == 0);
    assert_int_equal(isms_matrix_band(&b, m, 0), ISMS_OK);
    assert_string_equal(b.name, "low");
    assert_string_equal(b.color, "#2e7d32");
    assert_int_equal(isms_matrix_acceptance(m), 4);
}

static void check_dist(const isms_fair *model, isms_fair_node node, isms_dist_kind kind,
                       double a, double b, double c)
{
    isms_dist d;
    assert_int_equal(isms_fair_get(&d, model, node), ISMS_OK);
    assert_int_equal(d.kind, kind);
    switch (kind) {
    case ISMS_DIST_CONSTANT: assert_double_equal(d.value, a, 0); break;
    case ISMS_DIST_UNIFORM:
    case ISMS_DIST_LOGNORMAL90:
        assert_double_equal(d.low, a, 0);
        assert_double_equal(d.high, b, 0);
        break;
    case ISMS_DIST_NORMAL:
        assert_double_equal(d.mean, a, 0);
        assert_double_equal(d.sd, b, 0);
        break;
    case ISMS_DIST_PERT:
        assert_double_equal(d.low, a, 0);
        assert_double_equal(d.mode, b, 0);
        assert_double_equal(d.high, c, 0);
        break;
    case ISMS_DIST_POISSON: assert_double_equal(d.rate, a, 0); break;
    }
}

static void check_full_risks(const isms_document *doc)
{
    const isms_register *reg = isms_document_register(doc);
    check_full_matrix(isms_register_matrix(reg));
    assert_int_equal(isms_register_count(reg), 3);

    const isms_risk *r = isms_register_at(reg, 0);
    assert_string_equal(isms_risk_id(r), "R1");
    assert_string_equal(isms_risk_title(r), "Utpressningsvirus i verksamhetssystemet");
    assert_string_equal(isms_risk_consequence_text(r), "Verksamheten står still i veckor");
    assert_int_equal(isms_risk_likelihood(r), 3);
    assert_int_equal(isms_risk_consequence(r), 4);
    assert_int_equal(isms_risk_stated_value(r), 12);
    assert_int_equal(isms_risk_residual_likelihood(r), 2);
    assert_int_equal(isms_risk_residual_consequence(r), 3);
    assert_int_equal(isms_risk_value(r, ISMS_INHERENT), 12); /* grid row 3, column 4 */
    assert_int_equal(isms_risk_value(r, ISMS_RESIDUAL), 6);  /* grid row 2, column 3 */
    assert_int_equal(isms_risk_treatment(r), ISMS_TREATMENT_MODIFY);
    assert_string_equal(isms_risk_treatment_text(r), "Säkerhetskopior offline");
    assert_string_equal(isms_risk_owner(r), "IT-chef");
    assert_int_equal(isms_risk_get_status(r), ISMS_RISK_IN_TREATMENT);
    assert_string_equal(isms_risk_vector(r), "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H");
    assert_int_equal(isms_risk_method(r), ISMS_METHOD_CVSS);

    r = isms_register_at(reg, 1);
    assert_string_equal(isms_risk_id(r), "R2");
    assert_int_equal(isms_risk_likelihood(r), 1);
    assert_int_equal(isms_risk_consequence(r), 1);
    assert_string_equal(isms_risk_consequence_text(r), "");
    assert_int_equal(isms_risk_stated_value(r), ISMS_VALUE_UNSET);
    assert_int_equal(isms_risk_residual_likelihood(r), ISMS_LEVEL_UNSET);
    assert_int_equal(isms_risk_residual_consequence(r), ISMS_LEVEL_UNSET);
    assert_int_equal(isms_risk_treatment(r), ISMS_TREATMENT_NONE);
    assert_string_equal(isms_risk_treatment_text(r), "");
    assert_string_equal(isms_risk_owner(r), "");
    assert_int_equal(isms_risk_get_status(r), ISMS_RISK_OPEN);
    assert_string_equal(isms_risk_vector(r), "");

    r = isms_register_at(reg, 2);
    assert_string_equal(isms_risk_id(r), "R3");
    assert_string_equal(isms_risk_title(r), "Leverantören går i konkurs");
    assert_int_equal(isms_risk_treatment(r), ISMS_TREATMENT_SHARE);
    assert_int_equal(isms_risk_get_status(r), ISMS_RISK_ACCEPTED);

    /* Models, in the register's order, named after their risks. */
    assert_int_equal(isms_document_model_count(doc), 2);
    const char *rid = NULL;
    const isms_fair *m = isms_document_model_at(&rid, doc, 0);
    assert_non_null(m);
    assert_string_equal(rid, "R1");
    assert_string_equal(isms_fair_name(m), "R1");
    assert_true(isms_fair_events(m));
    isms_dist d;
    assert_int_equal(isms_fair_get(&d, m, ISMS_FAIR_TEF), ISMS_OK);
    assert_int_equal(d.kind, ISMS_DIST_PERT);
    assert_double_equal(d.gamma, 3, 0);
    assert_int_equal(d.method, ISMS_PERT_MOMENTS);
    check_dist(m, ISMS_FAIR_TEF, ISMS_DIST_PERT, 1, 2, 6);
    check_dist(m, ISMS_FAIR_VULN, ISMS_DIST_UNIFORM, 0.2, 0.5, 0);
    check_dist(m, ISMS_FAIR_PL, ISMS_DIST_LOGNORMAL90, 10000, 500000, 0);
    check_dist(m, ISMS_FAIR_SLEF, ISMS_DIST_CONSTANT, 0.25, 0, 0);
    check_dist(m, ISMS_FAIR_SLEM, ISMS_DIST_NORMAL, 50000, 10000, 0);
    assert_int_equal(isms_fair_get(&d, m, ISMS_FAIR_LEF), ISMS_ENOTFOUND);
    assert_int_equal(isms_fair_get(&d, m, ISMS_FAIR_LM), ISMS_ENOTFOUND);

    m = isms_document_model(doc, "R2");
    assert_non_null(m);
    assert_ptr_equal(isms_document_model_at(&rid, doc, 1), m);
    assert_string_equal(rid, "R2");
    assert_false(isms_fair_events(m));
    check_dist(m, ISMS_FAIR_LEF, ISMS_DIST_POISSON, 0.5, 0, 0);
    check_dist(m, ISMS_FAIR_LM, ISMS_DIST_PERT, 1000, 5000, 20000);
    assert_int_equal(isms_fair_get(&d, m, ISMS_FAIR_LM), ISMS_OK);
    assert_double_equal(d.gamma, ISMS_PERT_GAMMA_DEFAULT, 0);
    assert_int_equal(d.method, ISMS_PERT_CLASSIC);
    assert_null(isms_document_model(doc, "R3"));
}

static void check_full_inventory(const isms_document *doc)
{
    const isms_inventory *inv = isms_document_inventory(doc);
    const isms_scheme *s = isms_inventory_scheme(inv);
    assert_string_equal(isms_scheme_name(s), "Kommunens skala");
    assert_int_equal(isms_scheme_level_count(s, ISMS_ASPECT_CONFIDENTIALITY), 3);
    assert_int_equal(isms_scheme_level_count(s, ISMS_ASPECT_INTEGRITY), 2);
    assert_int_equal(isms_scheme_level_count(s, ISMS_ASPECT_AVAILABILITY), 2);
    assert_int_equal(isms_scheme_level_count(s, ISMS_ASPECT_TRACEABILITY), 2);
    isms_class_level cl;
    assert_int_equal(isms_scheme_level(&cl, s, ISMS_ASPECT_CONFIDENTIALITY, 1), ISMS_OK);
    assert_int_equal(cl.value, 1);
    assert_string_equal(cl.label_sv, "Låg");
    assert_string_equal(cl.label_en, "Low");
    assert_string_equal(cl.description, "Intern");
    assert_int_equal(isms_scheme_level(&cl, s, ISMS_ASPECT_INTEGRITY, 1), ISMS_OK);
    assert_int_equal(cl.value, 2);
    assert_int_equal(isms_scheme_level(&cl, s, ISMS_ASPECT_TRACEABILITY, 1), ISMS_OK);
    assert_string_equal(cl.label_en, "Required");

    /* Floors: the kinds given, and no floors for the kinds left out. */
    isms_floors f;
    assert_int_equal(isms_inventory_floors(&f, inv), ISMS_OK);
    static const int want[ISMS_PDATA_KINDS][ISMS_ASPECTS] = {
        { 1, -1, -1, -1 }, { 2, 2, -1, 1 }, { -1, -1, -1, -1 }, { -1, -1, -1, -1 }
    };
    for (int k = 0; k < ISMS_PDATA_KINDS; k++)
        for (int a = 0; a < ISMS_ASPECTS; a++)
            assert_int_equal(f.min[k][a], want[k][a]);

    assert_int_equal(isms_inventory_count(inv), 3);
    const isms_asset *a = isms_inventory_at(inv, 0);
    assert_string_equal(isms_asset_id(a), "INFO-1");
    assert_int_equal(isms_asset_get_type(a), ISMS_ASSET_INFORMATION);
    static const char *const texts[ISMS_ASSET_FIELDS] = {
        "Journaler", "Verksamhetschef", "Sociala journaler", "Dokumentation enligt SoL",
        "Rättslig förpliktelse", "Brukare", "Hälsa, personnummer", "IVO", "Nej",
        "Ej aktuellt", "Gallras efter 5 år", "Behörighetsstyrning, loggning",
        "Dygnet runt-verksamhet",
    };
    for (int k = 0; k < ISMS_ASSET_FIELDS; k++)
        assert_string_equal(isms_asset_get(a, (isms_asset_field)k), texts[k]);
    assert_int_equal(isms_asset_level(a, ISMS_ASPECT_CONFIDENTIALITY), 2);
    assert_int_equal(isms_asset_level(a, ISMS_ASPECT_INTEGRITY), 2);
    assert_int_equal(isms_asset_level(a, ISMS_ASPECT_AVAILABILITY), 1);
    assert_int_equal(isms_asset_level(a, ISMS_ASPECT_TRACEABILITY), 1);
    assert_int_equal(isms_asset_override(a, ISMS_ASPECT_CONFIDENTIALITY), ISMS_CLASS_UNSET);
    assert_int_equal(isms_asset_override(a, ISMS_ASPECT_AVAILABILITY), 2);
    assert_int_equal(isms_asset_pdata(a), ISMS_PDATA_ORDINARY | ISMS_PDATA_SPECIAL |
                                              ISMS_PDATA_PIN);
    assert_int_equal(isms_asset_special(a), ISMS_SPECIAL_HEALTH | ISMS_SPECIAL_SEX_LIFE);
    assert_true(isms_asset_nis(a));
    assert_date(isms_asset_classified(a), 2024, 3, 1);
    assert_int_equal(isms_asset_interval(a), 24);

    a = isms_inventory_at(inv, 1);
    assert_string_equal(isms_asset_id(a), "SYS-1");
    assert_string_equal(isms_asset_get(a, ISMS_ASSET_NAME), "Verksamhetssystemet");
    assert_int_equal(isms_asset_get_type(a), ISMS_ASSET_SYSTEM);
    assert_string_equal(isms_asset_get(a, ISMS_ASSET_OWNER), "");
    assert_int_equal(isms_asset_level(a, ISMS_ASPECT_CONFIDENTIALITY), ISMS_CLASS_UNSET);
    assert_int_equal(isms_asset_pdata(a), 0);
    assert_int_equal(isms_asset_special(a), 0);
    assert_false(isms_asset_nis(a));
    assert_date(isms_asset_classified(a), 0, 0, 0);
    assert_int_equal(isms_asset_interval(a), 12);
    a = isms_inventory_at(inv, 2);
    assert_string_equal(isms_asset_id(a), "LOC-1");
    assert_int_equal(isms_asset_get_type(a), ISMS_ASSET_LOCATION);

    assert_int_equal(isms_inventory_relation_count(inv), 2);
    isms_relation_info rel;
    assert_int_equal(isms_inventory_relation(&rel, inv, 0), ISMS_OK);
    assert_string_equal(isms_asset_id(rel.src), "SYS-1");
    assert_string_equal(isms_asset_id(rel.dst), "INFO-1");
    assert_int_equal(rel.kind, ISMS_REL_PROCESSES);
    assert_int_equal(isms_inventory_relation(&rel, inv, 1), ISMS_OK);
    assert_string_equal(isms_asset_id(rel.src), "INFO-1");
    assert_string_equal(isms_asset_id(rel.dst), "LOC-1");
    assert_int_equal(rel.kind, ISMS_REL_STORED_AT);
}

static void check_full_assessments(const isms_document *doc)
{
    assert_int_equal(isms_document_assessment_count(doc), 2);
    /* Oldest first, whatever the order in the file. */
    const isms_assessment *old = isms_document_assessment_at(doc, 0);
    assert_int_equal(isms_assessment_year(old), 2023);
    assert_int_equal(isms_assessment_edition(old), ISMS_EDITION_2013);
    assert_int_equal(isms_assessment_scope(old), ISMS_SCOPE_CLAUSES);
    assert_date(isms_assessment_date(old), 2023, 12, 31);
    assert_int_equal(isms_assessment_extra_count(old), 0);
    assert_int_equal(isms_assessment_count(old), 2);
    const isms_entry *e = isms_assessment_at(old, 0);
    assert_string_equal(isms_entry_ref(e), "6.1.2");
    assert_int_equal(isms_entry_status(e), ISMS_STATUS_NO);
    assert_int_equal(isms_entry_need(e), ISMS_NEED_MEDIUM);
    e = isms_assessment_at(old, 1);
    assert_string_equal(isms_entry_ref(e), "10.1");
    assert_int_equal(isms_entry_status(e), ISMS_STATUS_NOT_ASSESSED);
    assert_int_equal(isms_entry_need(e), ISMS_NEED_UNSET);
    assert_int_equal(isms_entry_applicability(e), ISMS_APPLICABILITY_UNDECIDED);

    const isms_assessment *cur = isms_document_current(doc);
    assert_ptr_equal(cur, isms_document_assessment_at(doc, 1));
    assert_int_equal(isms_assessment_year(cur), 2024);
    assert_int_equal(isms_assessment_edition(cur), ISMS_EDITION_2022);
    assert_int_equal(isms_assessment_scope(cur), ISMS_SCOPE_BOTH);
    assert_date(isms_assessment_date(cur), 2024, 10, 1);
    assert_int_equal(isms_assessment_extra_count(cur), 2);
    assert_string_equal(isms_assessment_extra_name(cur, 0), "Risk-ID");
    assert_string_equal(isms_assessment_extra_name(cur, 1), "Kommentar 2");
    assert_int_equal(isms_assessment_count(cur), 3);

    e = isms_assessment_at(cur, 0);
    assert_string_equal(isms_entry_ref(e), "6.1.2");
    assert_int_equal(isms_entry_status(e), ISMS_STATUS_PARTIAL);
    assert_int_equal(isms_entry_need(e), ISMS_NEED_HIGH);
    static const char *const fields[] = {
        "Bedömning av informationssäkerhetsrisker", "Metoden finns, tillämpas inte överallt",
        "Utbilda förvaltningarna", "Säkerhetssamordnare", "T2 2025", "Krav i standarden",
        "2013: 6.1.2",
    };
    for (int f = ISMS_FIELD_TEXT; f <= ISMS_FIELD_ORIGIN; f++)
        assert_string_equal(isms_entry_get(e, (isms_entry_field)f), fields[f]);
    isms_period due = isms_entry_due(e);
    assert_int_equal(due.kind, ISMS_PERIOD_TERTIAL);
    assert_date(due.end, 2025, 8, 31);
    assert_int_equal(isms_entry_evidence_count(e), 2);
    assert_string_equal(isms_entry_evidence(e, 0), "Riskmetod v2");
    assert_string_equal(isms_entry_evidence(e, 1), "Protokoll 2024-03-04");
    assert_string_equal(isms_entry_extra(e, 0), "R1");
    assert_string_equal(isms_entry_extra(e, 1), "Se även R3");

    e = isms_assessment_at(cur, 1);
    assert_string_equal(isms_entry_ref(e), "A.5.1"); /* written "A 5.1" */
    assert_int_equal(isms_entry_status(e), ISMS_STATUS_YES);
    assert_int_equal(isms_entry_applicability(e), ISMS_APPLICABILITY_APPLICABLE);
    assert_int_equal(isms_entry_reasons(e), ISMS_REASON_RISK | ISMS_REASON_LEGAL);
    assert_string_equal(isms_entry_get(e, ISMS_FIELD_JUSTIFICATION), "Policy krävs");
    assert_string_equal(isms_entry_get(e, ISMS_FIELD_COMMENT), "");
    assert_int_equal(isms_entry_evidence_count(e), 0);
    assert_string_equal(isms_entry_extra(e, 0), "");

    e = isms_assessment_at(cur, 2);
    assert_string_equal(isms_entry_ref(e), "A.5.7");
    assert_int_equal(isms_entry_status(e), ISMS_STATUS_NOT_APPLICABLE);
    assert_int_equal(isms_entry_need(e), ISMS_NEED_NONE);
    assert_int_equal(isms_entry_applicability(e), ISMS_APPLICABILITY_EXCLUDED);
    assert_int_equal(isms_entry_reasons(e), 0);
}

static void check_target(const isms_action *a, size_t i, isms_target_kind kind, const char *id)
{
    isms_target t;
    assert_int_equal(isms_action_target(&t, a, i), ISMS_OK);
    assert_int_equal(t.kind, kind);
    assert_string_equal(t.id, id);
}

static void check_full_plan(const isms_document *doc)
{
    const isms_plan *plan = isms_document_plan(doc);
    assert_int_equal(isms_plan_year(plan), 2024);
    assert_int_equal(isms_plan_count(plan), 3);
    const isms_action *a = isms_plan_at(plan, 0);
    assert_string_equal(isms_action_id(a), "A1");
    assert_string_equal(isms_action_get(a, ISMS_ACTION_TITLE), "Offline-säkerhetskopior");
    assert_string_equal(isms_action_get(a, ISMS_ACTION_DESCRIPTION),
                        "Inför säkerhetskopior som inte nås från nätet");
    assert_string_equal(isms_action_get(a, ISMS_ACTION_OWNER), "IT-enheten");
    assert_string_equal(isms_action_get(a, ISMS_ACTION_DUE), "2025-03-31");
    isms_period due = isms_action_due(a);
    assert_int_equal(due.kind, ISMS_PERIOD_DAY);
    assert_date(due.end, 2025, 3, 31);
    assert_double_equal(isms_action_effort(a), 10.5, 0);
    assert_int_equal(isms_action_effort_size(a), ISMS_EFFORT_UNSIZED);
    assert_double_equal(isms_action_cost(a), 25000, 0);
    assert_int_equal(isms_action_get_status(a), ISMS_ACTION_PLANNED);
    assert_int_equal(isms_action_recurrence(a), ISMS_RECUR_NONE);
    assert_int_equal(isms_action_target_count(a), 6);
    check_target(a, 0, ISMS_TARGET_RISK, "R1");
    check_target(a, 1, ISMS_TARGET_REQUIREMENT, "6.1.2");
    check_target(a, 2, ISMS_TARGET_ASSET, "INFO-1");
    check_target(a, 3, ISMS_TARGET_ANY, "R3");
    check_target(a, 4, ISMS_TARGET_ANY, "A.5.1");
    check_target(a, 5, ISMS_TARGET_ANY, "SYS-1");
    assert_int_equal(isms_action_prerequisite_count(a), 1);
    assert_string_equal(isms_action_prerequisite(a, 0), "A2"); /* an action given later */
    int l, c;
    isms_action_expected_residual(&l, &c, a);
    assert_int_equal(l, 1);
    assert_int_equal(c, 3);
    assert_int_equal(isms_action_expected_status(a), ISMS_STATUS_PARTIAL);

    a = isms_plan_at(plan, 1);
    assert_string_equal(isms_action_id(a), "A2");
    assert_int_equal(isms_action_effort_size(a), ISMS_EFFORT_M);
    assert_double_equal(isms_action_effort(a), 20, 0);
    assert_true(isms_action_cost(a) < 0);
    assert_int_equal(isms_action_recurrence(a), ISMS_RECUR_YEARLY);
    assert_int_equal(isms_action_get_status(a), ISMS_ACTION_IN_PROGRESS);
    assert_int_equal(isms_action_target_count(a), 0);
    assert_int_equal(isms_action_prerequisite_count(a), 0);
    isms_action_expected_residual(&l, &c, a);
    assert_int_equal(l, ISMS_LEVEL_UNSET);
    assert_int_equal(c, ISMS_LEVEL_UNSET);
    assert_int_equal(isms_action_expected_status(a), ISMS_STATUS_NOT_ASSESSED);
    assert_string_equal(isms_action_get(a, ISMS_ACTION_OWNER), "");

    a = isms_plan_at(plan, 2);
    assert_string_equal(isms_action_id(a), "A3");
    assert_double_equal(isms_action_effort(a), 0, 0);
    assert_int_equal(isms_action_get_status(a), ISMS_ACTION_PROPOSED);
    assert_int_equal(isms_action_prerequisite_count(a), 2);
    assert_string_equal(isms_action_prerequisite(a, 0), "A1");
    assert_string_equal(isms_action_prerequisite(a, 1), "A2");
    assert_int_equal(isms_action_expected_status(a), ISMS_STATUS_YES);
}

static void check_full_settings(const isms_document *doc)
{
    isms_settings s;
    assert_int_equal(isms_document_settings(&s, doc), ISMS_OK);
    assert_double_equal(s.priority.base, 0.2, 0);
    assert_double_equal(s.priority.risk, 2, 0);
    assert_double_equal(s.priority.reduction, 0.5, 0);
    assert_double_equal(s.priority.requirement, 1.5, 0);
    assert_double_equal(s.priority.asset, 0.25, 0);
    assert_double_equal(s.priority.urgency, 3, 0);
    assert_double_equal(s.priority.overdue, 0.75, 0);
    assert_double_equal(s.priority.horizon_days, 180, 0);
    assert_double_equal(s.priority.effort_unit, 10, 0);
    assert_double_equal(s.priority.effort, 1, 0);
    assert_double_equal(s.compliance.yes, 1, 0);
    assert_double_equal(s.compliance.partial, 0.4, 0);
    assert_double_equal(s.compliance.no, 0.1, 0);
    assert_int_equal(s.unit, ISMS_PERIOD_QUARTER);
    assert_int_equal(s.start_year, 2025);
    assert_int_equal(s.periods, 4);
    assert_non_null(s.capacities);
    static const double caps[4] = { 10, 20, 0, 5.5 };
    for (size_t k = 0; k < 4; k++)
        assert_double_equal(s.capacities[k], caps[k], 0);
    assert_int_equal(s.owner_count, 2);
    assert_string_equal(s.owners[0], "IT-enheten");
    assert_double_equal(s.owner_capacity[0], 15, 0);
    assert_string_equal(s.owners[1], "Säkerhetssamordnare");
    assert_double_equal(s.owner_capacity[1], 7.5, 0);
    assert_true(s.strict);
    assert_int_equal(s.iterations, 5000);
    assert_int_equal(s.seed, 42);
}

static void check_full(const isms_document *doc)
{
    check_full_header(doc);
    check_full_risks(doc);
    check_full_inventory(doc);
    check_full_assessments(doc);
    check_full_plan(doc);
    check_full_settings(doc);
}

static void test_full(void **state)
{
    (void)state;
    isms_document *doc = load_fixture("full.json");
    check_full(doc);
    isms_document_free(doc);
}

/* ---- what the library holds that lint reports ----------------------------------------- */

/* Whether `list` holds a finding `code` about `ref` whose message contains `text`. */
static bool has_finding(const isms_findings *list, const char *code, const char *ref,
                        const char *text)
{
    for (size_t i = 0; i < isms_findings_count(list); i++) {
        isms_finding f;
        assert_int_equal(isms_findings_get(&f, list, i), ISMS_OK);
        if (strcmp(f.code, code) == 0 && strcmp(f.ref, ref) == 0 && strstr(f.message, text))
            return true;
    }
    return false;
}

static size_t count_findings(const isms_findings *list, const char *code)
{
    size_t n = 0;
    for (size_t i = 0; i < isms_findings_count(list); i++) {
        isms_finding f;
        assert_int_equal(isms_findings_get(&f, list, i), ISMS_OK);
        n += strcmp(f.code, code) == 0;
    }
    return n;
}

static void check_lenient_risks(const isms_document *doc)
{
    const isms_register *reg = isms_document_register(doc);
    assert_int_equal(isms_register_count(reg), 4);
    /* Off the scales of "4x4": kept as written, with no value. */
    const isms_risk *r = isms_register_at(reg, 0);
    assert_string_equal(isms_risk_id(r), "R1");
    assert_string_equal(isms_risk_title(r), "");
    assert_int_equal(isms_risk_likelihood(r), 5);
    assert_int_equal(isms_risk_consequence(r), 0);
    assert_int_equal(isms_risk_stated_value(r), -7);
    assert_int_equal(isms_risk_value(r, ISMS_INHERENT), ISMS_VALUE_UNSET);
    /* One residual level only. */
    assert_int_equal(isms_risk_residual_likelihood(r), 2);
    assert_int_equal(isms_risk_residual_consequence(r), ISMS_LEVEL_UNSET);
    /* Not assessed. */
    r = isms_register_at(reg, 1);
    assert_int_equal(isms_risk_likelihood(r), ISMS_LEVEL_UNSET);
    assert_int_equal(isms_risk_consequence(r), ISMS_LEVEL_UNSET);
    assert_int_equal(isms_risk_stated_value(r), ISMS_VALUE_UNSET);
    assert_int_equal(isms_risk_residual_likelihood(r), ISMS_LEVEL_UNSET);
    assert_int_equal(isms_risk_residual_consequence(r), 1000000000);
    isms_score score;
    assert_int_equal(isms_risk_score(&score, r, ISMS_INHERENT), ISMS_ENOTFOUND);
    /* The ends of the int range; an empty residual is none. */
    r = isms_register_at(reg, 2);
    assert_int_equal(isms_risk_likelihood(r), INT_MAX);
    assert_int_equal(isms_risk_consequence(r), -INT_MAX);
    assert_int_equal(isms_risk_stated_value(r), INT_MAX);
    assert_int_equal(isms_risk_residual_likelihood(r), ISMS_LEVEL_UNSET);
    assert_int_equal(isms_risk_residual_consequence(r), ISMS_LEVEL_UNSET);
    r = isms_register_at(reg, 3);
    assert_int_equal(isms_risk_likelihood(r), ISMS_LEVEL_UNSET);
    assert_int_equal(isms_risk_consequence(r), 2);
}

static void check_lenient_rest(const isms_document *doc)
{
    /* Repeated headers, each column with its own cells; cells left out are empty. */
    const isms_assessment *as = isms_document_current(doc);
    assert_non_null(as);
    assert_int_equal(isms_assessment_extra_count(as), 4);
    assert_string_equal(isms_assessment_extra_name(as, 0), "Kommentar");
    assert_string_equal(isms_assessment_extra_name(as, 1), "Kommentar");
    assert_string_equal(isms_assessment_extra_name(as, 2), " Prio "); /* as written */
    assert_string_equal(isms_assessment_extra_name(as, 3), "Övrigt");
    static const char *const cells[4][4] = {
        { "Första", "Andra", "1", "" },
        { "", "Bara andra", "", "" },
        { "", "", "", "" },
        { "", "", "", "Sista" },
    };
    assert_int_equal(isms_assessment_count(as), 4);
    for (size_t i = 0; i < 4; i++)
        for (size_t k = 0; k < 4; k++)
            assert_string_equal(isms_entry_extra(isms_assessment_at(as, i), k), cells[i][k]);

    const isms_inventory *inv = isms_document_inventory(doc);
    assert_int_equal(isms_inventory_count(inv), 2);
    assert_string_equal(isms_asset_get(isms_inventory_at(inv, 0), ISMS_ASSET_NAME), "");
    /* An id of 300 characters (600 bytes): only actions' ids are limited. */
    assert_int_equal(strlen(isms_asset_id(isms_inventory_at(inv, 1))), 600);

    const isms_plan *plan = isms_document_plan(doc);
    assert_int_equal(isms_plan_count(plan), 2);
    const isms_action *a = isms_plan_at(plan, 0);
    assert_string_equal(isms_action_get(a, ISMS_ACTION_TITLE), "");
    /* Targets that name nothing stay, of the kind written; "Risk: R3" is the plan's way to
     * write a risk; "foo:bar" has no known prefix. */
    assert_int_equal(isms_action_target_count(a), 10);
    check_target(a, 0, ISMS_TARGET_RISK, "R9");
    check_target(a, 1, ISMS_TARGET_REQUIREMENT, "9.9");
    check_target(a, 2, ISMS_TARGET_ASSET, "X");
    check_target(a, 3, ISMS_TARGET_ANY, "Q7");
    check_target(a, 4, ISMS_TARGET_RISK, "R1");
    check_target(a, 5, ISMS_TARGET_REQUIREMENT, "6.1.2");
    check_target(a, 6, ISMS_TARGET_ASSET, "HR");
    check_target(a, 7, ISMS_TARGET_ANY, "R2");
    check_target(a, 8, ISMS_TARGET_RISK, "R3");
    check_target(a, 9, ISMS_TARGET_ANY, "foo:bar");
    /* Off the matrix's scales but in the plan's range 0–100: kept. */
    int l, c;
    isms_action_expected_residual(&l, &c, a);
    assert_int_equal(l, 0);
    assert_int_equal(c, 100);
    assert_int_equal(isms_action_expected_status(a), ISMS_STATUS_PARTIAL);
    assert_int_equal(isms_action_expected_status(isms_plan_at(plan, 1)), ISMS_STATUS_YES);
}

/* A document with what a table import can give: levels off the scales, risks not assessed,
 * one residual level, empty titles and names, targets that name nothing, repeated extra
 * headers. It loads, and lint reports what a table with the same content gives. */
static void test_lenient(void **state)
{
    (void)state;
    isms_document *doc = load_fixture("lenient.json");
    check_lenient_risks(doc);
    check_lenient_rest(doc);

    isms_findings *list = NULL;
    assert_int_equal(isms_findings_new(&list, ISMS_LANG_EN), ISMS_OK);
    assert_int_equal(isms_document_lint(list, doc), ISMS_OK);
    assert_true(has_finding(list, "risk-level-out-of-scale", "R1", "Likelihood 5"));
    assert_true(has_finding(list, "risk-level-out-of-scale", "R1", "Consequence 0"));
    assert_true(has_finding(list, "risk-level-out-of-scale", "R2",
                            "Residual consequence 1000000000"));
    assert_true(has_finding(list, "risk-level-out-of-scale", "R3", "Likelihood 2147483647"));
    assert_true(has_finding(list, "risk-unassessed", "R2",
                            "Likelihood and consequence have not been assessed"));
    assert_true(has_finding(list, "risk-unassessed", "R4", "Likelihood has not been assessed"));
    assert_true(has_finding(list, "risk-unassessed", "R1", "Residual consequence is missing"));
    assert_true(has_finding(list, "plan-unknown-target", "A1", "Risk R9"));
    assert_true(has_finding(list, "plan-unknown-target", "A1", "Requirement 9.9"));
    assert_true(has_finding(list, "plan-unknown-target", "A1", "Asset X"));
    assert_true(has_finding(list, "plan-unknown-target", "A1", "Q7"));
    assert_true(has_finding(list, "plan-unknown-target", "A1", "foo:bar"));
    /* The targets that name something are not reported. */
    assert_int_equal(count_findings(list, "plan-unknown-target"), 5);
    isms_findings_free(list);
    isms_document_free(doc);
}

/* ---- defaults and presets -------------------------------------------------------------- */

/* A document with nothing but the required keys has the defaults of isms_document_new(). */
static void test_defaults(void **state)
{
    (void)state;
    isms_document *doc = parse_text("{\"format\": \"libisms/1\", \"organisation\": \"\", "
                                    "\"year\": 2030}");
    isms_document *ref = NULL;
    assert_int_equal(isms_document_new(&ref, 2030), ISMS_OK);
    assert_int_equal(isms_document_year(doc), 2030);
    for (int f = ISMS_DOC_ORGANISATION; f <= ISMS_DOC_DECISION; f++)
        assert_string_equal(isms_document_get(doc, (isms_document_field)f), "");
    assert_int_equal(isms_document_lang(doc), ISMS_LANG_SV);
    assert_date(isms_document_date(doc), 0, 0, 0);
    assert_date(isms_document_today(doc), 2030, 12, 31);
    assert_int_equal(isms_document_context_count(doc), 0);
    const isms_register *reg = isms_document_register(doc);
    assert_string_equal(isms_matrix_name(isms_register_matrix(reg)), "4x4");
    assert_int_equal(isms_register_count(reg), 0);
    const isms_inventory *inv = isms_document_inventory(doc);
    assert_string_equal(isms_scheme_name(isms_inventory_scheme(inv)), "klassa");
    isms_floors f, want;
    assert_int_equal(isms_inventory_floors(&f, inv), ISMS_OK);
    assert_int_equal(isms_floors_default(&want, isms_inventory_scheme(inv)), ISMS_OK);
    assert_memory_equal(&f, &want, sizeof f);
    assert_int_equal(f.min[0][ISMS_ASPECT_CONFIDENTIALITY], 1); /* ordinary personal data */
    assert_int_equal(isms_inventory_count(inv), 0);
    assert_int_equal(isms_document_assessment_count(doc), 0);
    assert_null(isms_document_current(doc));
    assert_int_equal(isms_plan_count(isms_document_plan(doc)), 0);
    assert_int_equal(isms_plan_year(isms_document_plan(doc)), 2030);
    assert_int_equal(isms_document_model_count(doc), 0);
    isms_settings s, d;
    assert_int_equal(isms_document_settings(&s, doc), ISMS_OK);
    assert_int_equal(isms_document_settings(&d, ref), ISMS_OK);
    assert_int_equal(s.unit, ISMS_PERIOD_YEAR);
    assert_int_equal(s.start_year, d.start_year);
    assert_int_equal(s.periods, 3);
    assert_double_equal(s.capacity, 0, 0);
    assert_null(s.capacities);
    assert_int_equal(s.owner_count, 0);
    assert_false(s.strict);
    assert_int_equal(s.iterations, 10000);
    assert_int_equal(s.seed, 1);
    assert_double_equal(s.priority.base, 0.1, 0);
    assert_double_equal(s.priority.asset, 0.5, 0);
    assert_double_equal(s.compliance.partial, 0.5, 0);
    isms_document_free(ref);
    isms_document_free(doc);
}

/* Presets by name; floors that are given leave the kinds left out without floors; absent
 * optional keys of risks, entries, assets and actions take the schema's defaults. */
static void test_presets(void **state)
{
    (void)state;
    static const char *const matrices[] = { "4x4", "5x5", "3x3" };
    static const size_t levels[] = { 4, 5, 3 };
    for (size_t k = 0; k < 3; k++) {
        char text[256];
        snprintf(text, sizeof text, "{\"format\": \"libisms/1\", \"organisation\": \"x\", "
                 "\"year\": 2024, \"matrix\": \"%s\"}", matrices[k]);
        isms_document *doc = parse_text(text);
        const isms_matrix *m = isms_register_matrix(isms_document_register(doc));
        assert_string_equal(isms_matrix_name(m), matrices[k]);
        assert_int_equal(isms_matrix_level_count(m, ISMS_AXIS_LIKELIHOOD), levels[k]);
        isms_document_free(doc);
    }
    static const char *const schemes[] = { "klassa", "klassa-cia", "fips199" };
    static const bool trace[] = { true, false, false };
    for (size_t k = 0; k < 3; k++) {
        char text[256];
        snprintf(text, sizeof text, "{\"format\": \"libisms/1\", \"organisation\": \"x\", "
                 "\"year\": 2024, \"classification\": {\"scheme\": \"%s\"}}", schemes[k]);
        isms_document *doc = parse_text(text);
        const isms_scheme *s = isms_inventory_scheme(isms_document_inventory(doc));
        assert_string_equal(isms_scheme_name(s), schemes[k]);
        assert_int_equal(isms_scheme_has_aspect(s, ISMS_ASPECT_TRACEABILITY), trace[k]);
        isms_floors f, want;
        assert_int_equal(isms_inventory_floors(&f, isms_document_inventory(doc)), ISMS_OK);
        assert_int_equal(isms_floors_default(&want, s), ISMS_OK);
        assert_memory_equal(&f, &want, sizeof f);
        isms_document_free(doc);
    }
    isms_document *doc = parse_text(
        "{\"format\": \"libisms/1\", \"organisation\": \"x\", \"year\": 2024,\n"
        " \"classification\": {\"scheme\": \"fips199\",\n"
        "   \"floors\": {\"pin\": {\"integrity\": 2}}},\n"
        " \"assets\": [{\"id\": \" HR \", \"name\": \"HR\", \"type\": \"information\",\n"
        "   \"special_categories\": [\"health\"]}],\n"
        " \"risks\": [{\"id\": \"R1\", \"title\": \"T\", \"likelihood\": 3.0,\n"
        "   \"consequence\": 1}],\n"
        " \"assessments\": [{\"year\": 2024, \"edition\": \"2022-amd1\", \"scope\": \"annex-a\",\n"
        "   \"entries\": [{\"ref\": \"5.1\"}]}],\n"
        " \"actions\": [{\"id\": \"A1\", \"title\": \"T\", \"effort\": \"XS\",\n"
        "   \"targets\": [\"req:A.5.1\", \"asset:HR\", \"risk: R1\"]}]}");
    isms_floors f;
    assert_int_equal(isms_inventory_floors(&f, isms_document_inventory(doc)), ISMS_OK);
    for (int k = 0; k < ISMS_PDATA_KINDS; k++)
        for (int a = 0; a < ISMS_ASPECTS; a++)
            assert_int_equal(f.min[k][a], k == 3 && a == ISMS_ASPECT_INTEGRITY ? 2
                                                                           : ISMS_CLASS_UNSET);
    const isms_asset *a = isms_inventory_find(isms_document_inventory(doc), "HR");
    assert_non_null(a);
    assert_string_equal(isms_asset_id(a), "HR"); /* trimmed */
    /* Special categories imply special personal data. */
    assert_int_equal(isms_asset_pdata(a), ISMS_PDATA_SPECIAL);
    assert_int_equal(isms_asset_special(a), ISMS_SPECIAL_HEALTH);
    /* 3.0 is an integer. */
    assert_int_equal(isms_risk_likelihood(isms_register_at(isms_document_register(doc), 0)), 3);
    const isms_assessment *as = isms_document_current(doc);
    assert_int_equal(isms_assessment_edition(as), ISMS_EDITION_2022_AMD1);
    assert_int_equal(isms_assessment_scope(as), ISMS_SCOPE_ANNEX_A);
    assert_string_equal(isms_entry_ref(isms_assessment_at(as, 0)), "A.5.1");
    const isms_action *act = isms_plan_at(isms_document_plan(doc), 0);
    assert_int_equal(isms_action_effort_size(act), ISMS_EFFORT_XS);
    assert_double_equal(isms_action_effort(act), 1, 0);
    check_target(act, 0, ISMS_TARGET_REQUIREMENT, "A.5.1");
    check_target(act, 1, ISMS_TARGET_ASSET, "HR");
    check_target(act, 2, ISMS_TARGET_RISK, "R1");
    isms_document_free(doc);
}

/* A settings capacity given as one number. */
static void test_capacity_number(void **state)
{
    (void)state;
    isms_document *doc = parse_text(
        "{\"format\": \"libisms/1\", \"organisation\": \"x\", \"year\": 2024,\n"
        " \"settings\": {\"schedule\": {\"unit\": \"month\", \"periods\": 12,\n"
        "   \"capacity\": 12.5},\n"
        "   \"simulation\": {\"seed\": 9007199254740993}}}");
    isms_settings s;
    assert_int_equal(isms_document_settings(&s, doc), ISMS_OK);
    assert_int_equal(s.unit, ISMS_PERIOD_MONTH);
    assert_int_equal(s.periods, 12);
    assert_double_equal(s.capacity, 12.5, 0);
    assert_null(s.capacities);
    assert_int_equal(s.iterations, 10000);
    assert_true(s.seed == 9007199254740993ull);
    isms_document_free(doc);
}

/* ---- the broken corpus ----------------------------------------------------------------- */

typedef struct broken_case {
    const char *file;
    int code;
    unsigned line, column; /* 0, 0: the error has no position (a limit on the whole input) */
    size_t max_bytes;      /* options, 0 for the defaults */
    unsigned max_depth;
    const char *message;   /* the message starts with this */
} broken_case;

static const broken_case broken[] = {
    { "empty.json", ISMS_EPARSE, 1, 1, 0, 0,
      "$: the document is empty" },
    { "whitespace-only.json", ISMS_EPARSE, 1, 1, 0, 0,
      "$: the document is empty" },
    { "truncated.json", ISMS_EPARSE, 7, 53, 0, 0,
      "$.risks[1].likelihood: syntax error: '}' expected near end of file" },
    { "trailing-garbage.json", ISMS_EPARSE, 5, 3, 0, 0,
      "$: syntax error: end of file expected near 'x'" },
    { "missing-comma.json", ISMS_EPARSE, 5, 3, 0, 0,
      "$.year: syntax error: '}' expected near '\"unit\"'" },
    { "invalid-token.json", ISMS_EPARSE, 5, 11, 0, 0,
      "$.unit: syntax error: invalid token near 'tru'" },
    { "invalid-escape.json", ISMS_EPARSE, 5, 11, 0, 0,
      "$.unit: syntax error: invalid escape near '\"Soc\\x'" },
    { "control-char.json", ISMS_EPARSE, 5, 15, 0, 0,
      "$.unit: a control character (U+000A, a line break) inside a string; write it as \\n" },
    { "control-tab.json", ISMS_EPARSE, 5, 15, 0, 0,
      "$.unit: a control character (U+0009, a tab) inside a string; write it as \\t" },
    { "nul-byte.json", ISMS_EPARSE, 5, 15, 0, 0,
      "$.unit: a control character (U+0000, a null character) inside a string; remove it "
      "(a string cannot hold it)" },
    { "big-integer.json", ISMS_EPARSE, 6, 12, 0, 0,
      "$.stuff: syntax error: too big integer near '99999999999999999999'" },
    { "lone-surrogate.json", ISMS_EPARSE, 5, 11, 0, 0,
      "$.unit: syntax error: invalid Unicode '\\uD800' near '\"\\ud800\"'" },
    { "nul-escape.json", ISMS_EPARSE, 5, 13, 0, 0,
      "$.unit: \\u0000 (a null character) inside a string: a string cannot hold it" },
    { "duplicate-key.json", ISMS_EPARSE, 7, 7, 0, 0,
      "$.risks[0]: the key \"title\" is given twice" },
    { "not-object.json", ISMS_EPARSE, 1, 3, 0, 0,
      "$: expected an object, found an array" },
    { "deep-nesting.json", ISMS_ERANGE, 5, 42, 0, 0,
      "$.unit[0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0]"
      "[0][0][0][0][0][0][0][0][0]: nested deeper than 32 levels" },
    { "deep-nesting-limit.json", ISMS_ERANGE, 5, 40, 0, 3,
      "$.context[0].text: nested deeper than 3 levels" },
    { "deep-nesting-huge.json", ISMS_ERANGE, 1, 2, 0, 1,
      "$[0]: nested deeper than 1 level" },
    { "huge-string.json", ISMS_ERANGE, 0, 0, 65536, 0,
      "$: the document is larger than the limit of 65536 bytes" },
    { "binary-junk.json", ISMS_EPARSE, 1, 1, 0, 0,
      "$: the text is not UTF-8 (byte 0x89); save it as UTF-8" },
    { "latin1.json", ISMS_EPARSE, 5, 19, 0, 0,
      "$.unit: the text is not UTF-8 (byte 0xF6); save it as UTF-8" },
    { "utf16.json", ISMS_EPARSE, 1, 1, 0, 0,
      "$: the text is UTF-16, not UTF-8; save it as UTF-8" },
    { "bom-unknown-key.json", ISMS_EPARSE, 6, 17, 0, 0,
      "$.organization: unknown key, did you mean \"organisation\"?" },
    { "format-missing.json", ISMS_EPARSE, 1, 1, 0, 0,
      "$: missing key \"format\": a libisms document says \"format\": \"libisms/1\"" },
    { "format-v2.json", ISMS_EUNSUPPORTED, 2, 13, 0, 0,
      "$.format: the format \"libisms/2\" is not supported; this version of libis"
      "ms reads \"libisms/1\"" },
    { "format-other.json", ISMS_EPARSE, 1, 13, 0, 0,
      "$.format: \"isms-json\" is not a libisms format; this version of libisms r"
      "eads \"libisms/1\"" },
    { "format-type.json", ISMS_EPARSE, 1, 13, 0, 0,
      "$.format: expected a string, found the number 1" },
    { "unknown-key-risk.json", ISMS_EPARSE, 9, 38, 0, 0,
      "$.risks[3].likelihod: unknown key, did you mean \"likelihood\"?" },
    { "unknown-key-list.json", ISMS_EPARSE, 5, 59, 0, 0,
      "$.assets[0].xyzzy: unknown key; the keys here are \"id\", \"name\", \"type\", "
      "\"owner\"" },
    { "unknown-key-quoted.json", ISMS_EPARSE, 5, 31, 0, 0,
      "$.settings.schedule[\"start year\"]: unknown key; the keys here are \"unit\""
      ", \"start\", \"periods\"" },
    { "missing-year.json", ISMS_EPARSE, 1, 1, 0, 0,
      "$: missing key \"year\"" },
    { "missing-title.json", ISMS_EPARSE, 5, 14, 0, 0,
      "$.risks[0]: missing key \"title\"" },
    { "missing-organisation.json", ISMS_EPARSE, 1, 1, 0, 0,
      "$: missing key \"organisation\"" },
    { "year-range.json", ISMS_ERANGE, 4, 11, 0, 0,
      "$.year: 1850 is outside the range 1900–9999" },
    { "year-type.json", ISMS_EPARSE, 4, 11, 0, 0,
      "$.year: expected an integer, found a string" },
    { "null-value.json", ISMS_EPARSE, 5, 11, 0, 0,
      "$.unit: expected a string, found null" },
    { "likelihood-fraction.json", ISMS_EPARSE, 5, 56, 0, 0,
      "$.risks[0].likelihood: expected an integer, found the number 2.5" },
    /* Levels off the matrix's scales are kept (tests/data/doc-load/lenient.json); only
     * values the register cannot hold are errors: beyond an int, or the int that means
     * "not assessed". */
    { "likelihood-range.json", ISMS_ERANGE, 6, 47, 0, 0,
      "$.risks[0].likelihood: 2147483648 is outside the range -2147483647–214748"
      "3647" },
    { "residual-range.json", ISMS_ERANGE, 8, 53, 0, 0,
      "$.risks[0].residual.consequence: -2147483648 is outside the range -21474"
      "83647–2147483647" },
    /* An action's expected residual: both levels or none, each 0–100 (the plan's range). */
    { "expected-residual-one.json", ISMS_EPARSE, 5, 65, 0, 0,
      "$.actions[0].expected_residual: missing key \"consequence\": an expected r"
      "esidual has both a likelihood and a consequence" },
    { "expected-residual-range.json", ISMS_ERANGE, 6, 60, 0, 0,
      "$.actions[0].expected_residual.consequence: 101 is outside the range 0–1"
      "00" },
    { "interval-range.json", ISMS_ERANGE, 5, 71, 0, 0,
      "$.assets[0].interval: 0 is outside the range 1–120" },
    { "cost-negative.json", ISMS_ERANGE, 5, 52, 0, 0,
      "$.actions[0].cost: -5 is below the minimum 0" },
    { "id-empty.json", ISMS_EPARSE, 5, 22, 0, 0,
      "$.risks[0].id: must not be empty" },
    /* 200 characters, 400 bytes: the plan's limit is in bytes. */
    { "id-too-long.json", ISMS_ERANGE, 5, 24, 0, 0,
      "$.actions[0].id: the id \"ÅÅÅÅÅÅÅÅÅÅÅÅÅÅÅÅÅÅÅÅÅÅÅÅÅÅÅÅÅÅÅÅ…\" is 400 byt"
      "es long (200 characters); an action id has at most 256 bytes" },
    { "date-invalid.json", ISMS_EPARSE, 5, 11, 0, 0,
      "$.date: 2023-02-29: February 2023 has 28 days" },
    { "date-form.json", ISMS_EPARSE, 5, 63, 0, 0,
      "$.assessments[0].date: \"15/11/2024\" is not a date written YYYY-MM-DD" },
    { "treatment-vocab.json", ISMS_EPARSE, 5, 90, 0, 0,
      "$.risks[0].treatment: unknown value \"modfy\", did you mean \"modify\"? It i"
      "s one of \"none\", \"modify\", \"retain\", \"avoid\" or \"share\"" },
    { "status-vocab.json", ISMS_EPARSE, 7, 35, 0, 0,
      "$.assessments[0].entries[0].status: unknown value \"Ja\"; it is one of \"no"
      "t-assessed\", \"yes\", \"partial\", \"no\" or \"not-applicable\"" },
    { "language.json", ISMS_EPARSE, 5, 15, 0, 0,
      "$.language: unknown value \"de\"; it is one of \"sv\" or \"en\"" },
    { "matrix-preset.json", ISMS_EPARSE, 5, 13, 0, 0,
      "$.matrix: unknown value \"6x6\"; it is one of \"4x4\", \"5x5\" or \"3x3\"" },
    { "scheme-preset.json", ISMS_EPARSE, 5, 33, 0, 0,
      "$.classification.scheme: unknown value \"klasa\", did you mean \"klassa\"?" },
    { "effort-size.json", ISMS_EPARSE, 5, 54, 0, 0,
      "$.actions[0].effort: unknown value \"XXL\", did you mean \"XL\"?" },
    { "effort-type.json", ISMS_EPARSE, 5, 54, 0, 0,
      "$.actions[0].effort: expected a number of person-days or a size, found a"
      " boolean" },
    { "personal-data-twice.json", ISMS_EEXIST, 6, 35, 0, 0,
      "$.assets[0].personal_data[1]: \"ordinary\" is listed twice" },
    { "expected-status.json", ISMS_EPARSE, 5, 63, 0, 0,
      "$.actions[0].expected_status: \"not-assessed\" is no expected status: it"
      " is \"yes\" or \"partial\" (left out, \"yes\" is assumed)" },
    { "expected-status-no.json", ISMS_EPARSE, 5, 63, 0, 0,
      "$.actions[0].expected_status: \"no\" is no expected status: it is \"yes\""
      " or \"partial\"" },
    { "risk-dup-id.json", ISMS_EEXIST, 8, 13, 0, 0,
      "$.risks[2].id: duplicate risk id \"R1\" (also at $.risks[0].id)" },
    { "asset-dup-id.json", ISMS_EEXIST, 7, 13, 0, 0,
      "$.assets[1].id: duplicate asset id \" HR \" (also at $.assets[0].id)" },
    { "action-dup-id.json", ISMS_EEXIST, 6, 13, 0, 0,
      "$.actions[2].id: duplicate action id \"A2\" (also at $.actions[1].id)" },
    { "assessment-dup-year.json", ISMS_EEXIST, 7, 15, 0, 0,
      "$.assessments[1].year: a second assessment of 2023 (also at $.assessment"
      "s[0].year)" },
    { "entry-dup-ref.json", ISMS_EEXIST, 7, 14, 0, 0,
      "$.assessments[0].entries[2].ref: duplicate requirement \"A 5.1\" (also at "
      "$.assessments[0].entries[0].ref)" },
    /* Headers may repeat, but not be blank (here a space and a no-break space). */
    { "extra-blank.json", ISMS_EPARSE, 5, 70, 0, 0,
      "$.assessments[0].extra[1]: a column's header must not be blank" },
    { "relation-dup.json", ISMS_EEXIST, 8, 5, 0, 0,
      "$.relations[1]: duplicate relation \"S\" processes \"I\" (also at $.relation"
      "s[0])" },
    { "prereq-twice.json", ISMS_EEXIST, 5, 68, 0, 0,
      "$.actions[0].prerequisites[1]: \"A2\" is listed twice (also at [0])" },
    { "relation-dangling.json", ISMS_ENOTFOUND, 6, 39, 0, 0,
      "$.relations[0].to: no asset has the id \"NOPE\"" },
    /* What the core refuses as an invalid argument is content that cannot be: ISMS_EPARSE. */
    { "relation-self.json", ISMS_EPARSE, 6, 18, 0, 0,
      "$.relations[0]: asset \"S\" cannot be related to itself" },
    /* The plan cannot hold an action that waits for itself (prerequisites in a longer cycle
     * load: tests/data/doc-load/plan-cycle*.json). */
    { "prereq-self.json", ISMS_ECYCLE, 5, 62, 0, 0,
      "$.actions[0].prerequisites[0]: action \"A1\" cannot be its own prerequisit"
      "e" },
    /* Targets that name nothing are kept (lenient.json); a target that is no text is not. */
    { "target-type.json", ISMS_EPARSE, 5, 67, 0, 0,
      "$.actions[0].targets[1]: expected a string, found an integer" },
    { "target-empty-id.json", ISMS_EPARSE, 5, 56, 0, 0,
      "$.actions[0].targets[0]: action \"A1\": a target needs an id that is not blank (\"r"
      "isk: \")" },
    { "matrix-two-levels.json", ISMS_ERANGE, 5, 42, 0, 0,
      "$.matrix.likelihood: 2 levels; a scale has 3–10" },
    { "matrix-grid-rows.json", ISMS_ERANGE, 6, 13, 0, 0,
      "$.matrix.grid: 2 rows, but the likelihood scale has 3 levels" },
    { "matrix-grid-unused.json", ISMS_EPARSE, 6, 5, 0, 0,
      "$.matrix.grid: a grid is only used with the formula \"grid\", not \"product"
      "\"" },
    { "matrix-color.json", ISMS_EPARSE, 6, 62, 0, 0,
      "$.matrix.bands[0].color: \"green\" is not a colour written #rrggbb" },
    { "matrix-bands-gap.json", ISMS_EPARSE, 5, 13, 0, 0,
      "$.matrix: " },
    { "scheme-level-range.json", ISMS_ERANGE, 6, 87, 0, 0,
      "$.classification.scheme.confidentiality[1].value: 10 is outside the rang"
      "e 0–9" },
    { "asset-level-scale.json", ISMS_ERANGE, 6, 95, 0, 0,
      "$.assets[0].levels.confidentiality: " },
    { "floor-unknown-kind.json", ISMS_EPARSE, 5, 35, 0, 0,
      "$.classification.floors.sensitive: unknown key; the keys here are \"ordin"
      "ary\", \"special\", \"criminal\" or \"pin\"" },
    { "model-param.json", ISMS_EPARSE, 6, 65, 0, 0,
      "$.risks[0].model.nodes.lef.mode: not a parameter of a uniform distributi"
      "on, which takes \"low\" and \"high\"" },
    { "model-range.json", ISMS_ERANGE, 7, 15, 0, 0,
      "$.risks[0].model.nodes.vuln: " },
    { "model-incomplete.json", ISMS_EPARSE, 6, 14, 0, 0,
      "$.risks[0].model: " },
    { "model-empty.json", ISMS_EPARSE, 6, 25, 0, 0,
      "$.risks[0].model.nodes: a model needs at least one node" },
    { "model-unknown-node.json", ISMS_EPARSE, 6, 27, 0, 0,
      "$.risks[0].model.nodes.lfe: unknown key, did you mean \"lef\"?" },
    { "model-missing-param.json", ISMS_EPARSE, 6, 34, 0, 0,
      "$.risks[0].model.nodes.lef: missing key \"mode\"" },
    { "model-sd.json", ISMS_ERANGE, 6, 71, 0, 0,
      "$.risks[0].model.nodes.lef.sd: -1 is below the minimum 0" },
    { "vector-invalid.json", ISMS_EPARSE, 6, 15, 0, 0,
      "$.risks[0].vector: " },
    { "capacity-length.json", ISMS_ERANGE, 5, 57, 0, 0,
      "$.settings.schedule.capacity: 2 capacities for 3 periods: give one per p"
      "eriod" },
    { "owner-capacity.json", ISMS_EPARSE, 5, 59, 0, 0,
      "$.settings.schedule.owners[\"Säk\"]: expected a number, found a string" },
    { "horizon-zero.json", ISMS_ERANGE, 5, 47, 0, 0,
      "$.settings.priority.horizon_days: 0 must be greater than 0" },
    /* An entry's cells: an array, at most one per header of the assessment. */
    { "extra-object.json", ISMS_EPARSE, 6, 45, 0, 0,
      "$.assessments[0].entries[0].extra: expected an array, found an object" },
    { "extra-cells.json", ISMS_ERANGE, 6, 58, 0, 0,
      "$.assessments[0].entries[0].extra[2]: 3 cells, but the assessment has 2 "
      "extra columns (its \"extra\" list)" },
    { "extra-cells-none.json", ISMS_ERANGE, 6, 46, 0, 0,
      "$.assessments[0].entries[0].extra[0]: 1 cell, but the assessment has no "
      "extra columns" },
    { "context-title.json", ISMS_EPARSE, 5, 48, 0, 0,
      "$.context[1].title: must not be empty" },
};
#define N_BROKEN (sizeof broken / sizeof broken[0])

static void load_broken(const broken_case *b, int *rc, isms_document **doc)
{
    char path[512];
    snprintf(path, sizeof path, "%s%s", BROKEN_DIR, b->file);
    isms_load_options opt = { b->max_bytes, b->max_depth };
    *rc = isms_document_load(doc, path, &opt);
}

static void check_broken(const broken_case *b, int rc, const isms_document *doc)
{
    const isms_error *e = isms_error_last();
    char path[512];
    snprintf(path, sizeof path, "%s%s", BROKEN_DIR, b->file);
    if (rc != b->code || e->code != b->code || e->line != b->line || e->column != b->column ||
        strncmp(e->message, b->message, strlen(b->message)) != 0 || !e->source ||
        strcmp(e->source, path) != 0 || doc != (isms_document *)(uintptr_t)1)
        fail_msg("%s: expected %d at %u:%u \"%s…\"\n     got %d at %u:%u \"%s\"", b->file,
                 b->code, b->line, b->column, b->message, rc, e->line, e->column, e->message);
}

static void test_broken(void **state)
{
    (void)state;
    assert_true(N_BROKEN >= 40);
    assert_int_equal(count_dir(BROKEN_DIR), N_BROKEN); /* every file is checked */
    for (size_t i = 0; i < N_BROKEN; i++) {
        isms_document *doc = (isms_document *)(uintptr_t)1;
        int rc;
        load_broken(&broken[i], &rc, &doc);
        check_broken(&broken[i], rc, doc);
    }
}

/* Each broken document, with the n-th allocation failing for n = 1, 2, ...: out of memory,
 * or (once no allocation failed) its own error; nothing leaks (valgrind) either way. */
static void test_broken_alloc_failure(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_BROKEN; i++) {
        for (long n = 1;; n++) {
            isms_document *doc = (isms_document *)(uintptr_t)1;
            int rc;
            isms__alloc_fail_at(n);
            load_broken(&broken[i], &rc, &doc);
            bool injected = isms__alloc_failed();
            isms__alloc_fail_at(0);
            if (!injected) {
                check_broken(&broken[i], rc, doc);
                break;
            }
            /* jansson may run out of memory on the very token that is at fault: then it
             * reports an error there (in words that may differ), which is as good an answer
             * as ENOMEM: the same code, position and path. */
            if (rc != ISMS_ENOMEM) {
                const isms_error *e = isms_error_last();
                size_t path_len = strcspn(broken[i].message, ":");
                if (rc != broken[i].code || e->line != broken[i].line ||
                    e->column != broken[i].column ||
                    strncmp(e->message, broken[i].message, path_len + 1) != 0)
                    fail_msg("%s, allocation %ld: %d %u:%u %s", broken[i].file, n, rc, e->line,
                             e->column, e->message);
                assert_ptr_equal(doc, (isms_document *)(uintptr_t)1);
            }
            assert_ptr_equal(doc, (isms_document *)(uintptr_t)1);
            assert_true(n < 100000);
        }
    }
}

/* ---- positions --------------------------------------------------------------------------- */

#define HEAD "{\"format\": \"libisms/1\", \"organisation\": \"x\", \"year\": 2024"

/* Lines end at \n only; a tab and a \r count as one column each; columns count characters,
 * not bytes. */
static void test_positions(void **state)
{
    (void)state;
    assert_parse_error("{\r\n\t\"format\": \"libisms/1\",\r\n\t\"organisation\": \"Å\",\r\n"
                       "\t\"year\": 2024,\r\n\t\"unti\": \"y\"\r\n}\r\n",
                       ISMS_EPARSE, 5, 2, "$.unti: unknown key, did you mean \"unit\"?");
    assert_parse_error("{\"format\": \"libisms/1\", \"organisation\": \"Ångström ÅÄÖ €\", "
                       "\"year\": 18}", ISMS_ERANGE, 1, 67,
                       "$.year: 18 is outside the range 1900–9999");
    /* Keys written with escapes are found along the path: the position is the value's. */
    assert_parse_error(HEAD ", \"risks\": [{\"id\": \"R1\", \"t\\u0069tle\": \"T\", "
                       "\"likeli\\u0068ood\": 9.5, \"consequence\": 1}]}",
                       ISMS_EPARSE, 1, 121,
                       "$.risks[0].likelihood: expected an integer, found the number 9.5");
    /* A key outside the Basic Multilingual Plane, written as a surrogate pair. */
    assert_parse_error(HEAD ", \"\\ud83d\\ude00\": 1}", ISMS_EPARSE, 1, 60,
                       "$[\"\xF0\x9F\x98\x80\"]: unknown key; the keys here are");
    /* A key with a quote and a backslash, shown escaped in the path. */
    assert_parse_error(HEAD ", \"settings\": {\"schedule\": {\"owners\": "
                       "{\"a\\\"b\\\\c\": -1}}}}",
                       ISMS_ERANGE, 1, 108,
                       "$.settings.schedule.owners[\"a\\\"b\\\\c\"]: -1 is below the minimum 0");
    /* Values in arrays after nested arrays and objects and strings holding brackets. */
    assert_parse_error(HEAD ", \"context\": [{\"title\": \"[{\\\"\", \"text\": \"]}\"},\n"
                       "  {\"title\": \"b\"}, {\"title\": 7}]}",
                       ISMS_EPARSE, 2, 29, "$.context[2].title: expected a string, found an "
                       "integer");
    /* A syntax error names the path and points at the start of the token. */
    assert_parse_error(HEAD ",\n  \"risks\": [{\"id\": \"R1\", \"title\": \"Å\", \"likelihood\": "
                       "tru}]}", ISMS_EPARSE, 2, 54, "$.risks[0].likelihood: syntax error: "
                       "invalid token near 'tru'");
}

/* ---- arguments, limits, files and standard input ---------------------------------------- */

static void test_arguments(void **state)
{
    (void)state;
    isms_document *doc = NULL;
    const char *text = HEAD "}";
    assert_int_equal(isms_document_parse(NULL, text, strlen(text), NULL, NULL), ISMS_EINVAL);
    assert_int_equal(isms_document_parse(&doc, NULL, 5, NULL, NULL), ISMS_EINVAL);
    assert_null(doc);
    /* No data at all is an empty document, named "<memory>" without a source. */
    assert_int_equal(isms_document_parse(&doc, NULL, 0, NULL, NULL), ISMS_EPARSE);
    assert_string_equal(isms_error_last()->source, "<memory>");
    assert_string_equal(isms_error_last()->message, "$: the document is empty");
    assert_int_equal(isms_document_load(NULL, "x.json", NULL), ISMS_EINVAL);
    assert_int_equal(isms_document_load(&doc, NULL, NULL), ISMS_EINVAL);
    assert_null(doc);
    /* The text need not be NUL-terminated: only `len` bytes are read. */
    char buf[128];
    size_t len = strlen(text);
    memcpy(buf, text, len);
    memcpy(buf + len, "}}}garbage", 10);
    assert_int_equal(isms_document_parse(&doc, buf, len, NULL, NULL), ISMS_OK);
    assert_int_equal(isms_document_year(doc), 2024);
    isms_document_free(doc);
}

static void test_limits(void **state)
{
    (void)state;
    const char *text = HEAD "}";
    size_t len = strlen(text);
    isms_document *doc = NULL;
    isms_load_options opt = { len, 0 };
    assert_int_equal(isms_document_parse(&doc, text, len, NULL, &opt), ISMS_OK);
    isms_document_free(doc);
    doc = NULL;
    opt.max_bytes = len - 1;
    assert_int_equal(isms_document_parse(&doc, text, len, "a.json", &opt), ISMS_ERANGE);
    assert_null(doc);
    const isms_error *e = isms_error_last();
    assert_int_equal(e->line, 0);
    assert_int_equal(e->column, 0);
    assert_string_equal(e->source, "a.json");
    char want[128];
    snprintf(want, sizeof want, "$: the document is %zu bytes, more than the limit of %zu "
             "bytes", len, len - 1);
    assert_string_equal(e->message, want);
    /* Depth: the root object is level 1. */
    const char *nested = HEAD ", \"context\": [{\"title\": \"x\"}]}";
    opt.max_bytes = 0;
    opt.max_depth = 3;
    assert_int_equal(isms_document_parse(&doc, nested, strlen(nested), NULL, &opt), ISMS_OK);
    isms_document_free(doc);
    doc = NULL;
    opt.max_depth = 2;
    assert_int_equal(isms_document_parse(&doc, nested, strlen(nested), NULL, &opt), ISMS_ERANGE);
    assert_string_equal(isms_error_last()->message, "$.context[0]: nested deeper than 2 levels");
    assert_int_equal(isms_error_last()->column, 72);
    /* Brackets in strings do not count. */
    const char *quoted = HEAD ", \"unit\": \"[[[[{{{{\"}";
    opt.max_depth = 1;
    assert_int_equal(isms_document_parse(&doc, quoted, strlen(quoted), NULL, &opt), ISMS_OK);
    assert_string_equal(isms_document_get(doc, ISMS_DOC_UNIT), "[[[[{{{{");
    isms_document_free(doc);
}

/* A UTF-8 byte order mark is skipped, and positions after it are as without it. */
static void test_bom(void **state)
{
    (void)state;
    const char *text = "\xEF\xBB\xBF" HEAD ", \"unit\": \"Å\"}";
    isms_document *doc = parse_text(text);
    assert_string_equal(isms_document_get(doc, ISMS_DOC_UNIT), "Å");
    isms_document_free(doc);
    assert_parse_error("\xEF\xBB\xBF" HEAD ", \"unit\": 5}", ISMS_EPARSE, 1, 68,
                       "$.unit: expected a string, found an integer");
}

static void test_load_files(void **state)
{
    (void)state;
    isms_document *doc = NULL;
    const char *missing = ISMS_TEST_DATA "/doc-load/no-such-file.json";
    assert_int_equal(isms_document_load(&doc, missing, NULL), ISMS_EIO);
    assert_null(doc);
    assert_contains(isms_error_last()->message, "no-such-file.json");
    assert_int_equal(isms_document_load(&doc, ISMS_TEST_DATA "/doc-load", NULL), ISMS_EIO);
    isms_load_options opt = { 100, 0 };
    assert_int_equal(isms_document_load(&doc, LOAD_DIR "full.json", &opt), ISMS_ERANGE);
    assert_null(doc);
}

/* Loads "-" with standard input reading the file at `path`. */
static int load_stdin(isms_document **doc, const char *path, const isms_load_options *opt)
{
    int saved = dup(STDIN_FILENO);
    assert_true(saved >= 0);
    int fd = open(path, O_RDONLY);
    assert_true(fd >= 0);
    assert_true(dup2(fd, STDIN_FILENO) >= 0);
    close(fd);
    int rc = isms_document_load(doc, "-", opt);
    assert_true(dup2(saved, STDIN_FILENO) >= 0);
    close(saved);
    return rc;
}

static void test_load_stdin(void **state)
{
    (void)state;
    isms_document *doc = NULL;
    assert_int_equal(load_stdin(&doc, LOAD_DIR "full.json", NULL), ISMS_OK);
    check_full(doc);
    isms_document_free(doc);
    doc = NULL;
    assert_int_equal(load_stdin(&doc, BROKEN_DIR "unknown-key-risk.json", NULL), ISMS_EPARSE);
    assert_null(doc);
    assert_string_equal(isms_error_last()->source, "<stdin>");
    assert_int_equal(isms_error_last()->line, 9);
    /* A pipe or file longer than the limit. */
    isms_load_options opt = { 1000, 0 };
    assert_int_equal(load_stdin(&doc, LOAD_DIR "full.json", &opt), ISMS_ERANGE);
    assert_null(doc);
    assert_string_equal(isms_error_last()->source, "<stdin>");

    /* No limit at all (SIZE_MAX): a document of some hundred kilobytes, which takes the
     * buffer several times its first size, is read whole. */
    isms_document *big = NULL;
    assert_int_equal(isms_document_new(&big, 2024), ISMS_OK);
    char title[64];
    for (int i = 0; i < 4000; i++) {
        snprintf(title, sizeof title, "Förändring %d i omvärlden", i);
        assert_int_equal(isms_document_add_context(big, title, "Ny lag om cybersäkerhet"),
                         ISMS_OK);
    }
    char *text = NULL;
    size_t len = 0;
    assert_int_equal(isms_document_write(&text, &len, big), ISMS_OK);
    assert_true(len > 256 * 1024);
    char path[] = "/tmp/isms-doc-load-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, text, len), (ssize_t)len);
    close(fd);
    opt.max_bytes = SIZE_MAX;
    assert_int_equal(load_stdin(&doc, path, &opt), ISMS_OK);
    assert_int_equal(isms_document_context_count(doc), 4000);
    isms_document_free(doc);
    doc = NULL;
    opt.max_bytes = len - 1; /* one byte too few */
    assert_int_equal(load_stdin(&doc, path, &opt), ISMS_ERANGE);
    assert_null(doc);
    unlink(path);
    isms_free(text);
    isms_document_free(big);
}

/* ---- what the plan holds saves and loads again ------------------------------------------ */

/* Writes `doc`, parses the text and writes that again: the same bytes. Returns the document
 * read back (free it). */
static isms_document *round_trip(const isms_document *doc)
{
    char *text = NULL;
    size_t len = 0;
    assert_int_equal(isms_document_write(&text, &len, doc), ISMS_OK);
    isms_document *back = NULL;
    int rc = isms_document_parse(&back, text, len, "round-trip.json", NULL);
    if (rc != ISMS_OK)
        fail_msg("%d %u:%u %s", rc, isms_error_last()->line, isms_error_last()->column,
                 isms_error_last()->message);
    char *again = NULL;
    size_t len2 = 0;
    assert_int_equal(isms_document_write(&again, &len2, back), ISMS_OK);
    assert_int_equal(len2, len);
    assert_string_equal(again, text);
    isms_free(text);
    isms_free(again);
    return back;
}

static isms_action *add_action(isms_plan *plan, const char *id, isms_action_status status)
{
    isms_action *a = NULL;
    assert_int_equal(isms_plan_add(&a, plan, id, id), ISMS_OK);
    assert_int_equal(isms_action_set_status(a, status), ISMS_OK);
    return a;
}

static void assert_prereqs(const isms_action *a, const char *const *ids, size_t n)
{
    assert_int_equal(isms_action_prerequisite_count(a), n);
    for (size_t i = 0; i < n; i++)
        assert_string_equal(isms_action_prerequisite(a, i), ids[i]);
}

/* The plan keeps a prerequisite that names no action (its lint reports it), cycles among done
 * and cancelled actions, which are met and take no part in the order (the CSV import takes
 * them too), and cycles among open actions, which cannot be ordered: a document with them
 * loads again once saved. */
static void test_plan_round_trip(void **state)
{
    (void)state;
    isms_document *doc = NULL;
    assert_int_equal(isms_document_new(&doc, 2024), ISMS_OK);
    isms_plan *plan = isms_document_plan(doc);
    isms_action *a1 = add_action(plan, "A1", ISMS_ACTION_PLANNED);
    isms_action *a2 = add_action(plan, "A2", ISMS_ACTION_DONE);
    isms_action *a3 = add_action(plan, "A3", ISMS_ACTION_CANCELLED);
    isms_action *a4 = add_action(plan, "A4", ISMS_ACTION_PROPOSED);
    isms_action *a5 = add_action(plan, "A5", ISMS_ACTION_DONE);
    assert_int_equal(isms_action_add_prerequisite(a1, "A9"), ISMS_OK);  /* names nothing */
    assert_int_equal(isms_action_add_prerequisite(a1, "A2"), ISMS_OK);
    assert_int_equal(isms_action_add_prerequisite(a2, "A3"), ISMS_OK);  /* done ⇄ cancelled */
    assert_int_equal(isms_action_add_prerequisite(a3, "A2"), ISMS_OK);
    assert_int_equal(isms_action_add_prerequisite(a4, "A5"), ISMS_OK);  /* open ⇄ done */
    assert_int_equal(isms_action_add_prerequisite(a5, "A4"), ISMS_OK);
    assert_int_equal(isms_action_add_prerequisite(a5, "Gone"), ISMS_OK);
    isms_document *back = round_trip(doc);
    {   /* out of memory anywhere in reading them: nothing returned, nothing leaked */
        char *text = NULL;
        size_t len = 0;
        assert_int_equal(isms_document_write(&text, &len, doc), ISMS_OK);
        isms_document *again = NULL;
        SWEEP(isms_document_parse(&again, text, len, NULL, NULL), assert_null(again));
        isms_document_free(again);
        isms_free(text);
    }
    const isms_plan *p = isms_document_plan(back);
    assert_int_equal(isms_plan_count(p), 5);
    assert_prereqs(isms_plan_find(p, "A1"), (const char *const[]){ "A9", "A2" }, 2);
    assert_prereqs(isms_plan_find(p, "A2"), (const char *const[]){ "A3" }, 1);
    assert_prereqs(isms_plan_find(p, "A3"), (const char *const[]){ "A2" }, 1);
    assert_prereqs(isms_plan_find(p, "A4"), (const char *const[]){ "A5" }, 1);
    assert_prereqs(isms_plan_find(p, "A5"), (const char *const[]){ "A4", "Gone" }, 2);
    /* lint reports what names nothing (for the open action only), and no cycle */
    isms_findings *f = NULL;
    assert_int_equal(isms_findings_new(&f, ISMS_LANG_EN), ISMS_OK);
    assert_int_equal(isms_document_lint(f, back), ISMS_OK);
    assert_int_equal(count_findings(f, "plan-missing-prerequisite"), 1);
    assert_true(has_finding(f, "plan-missing-prerequisite", "A1", "A9"));
    assert_int_equal(count_findings(f, "plan-cycle"), 0);
    isms_findings_free(f);
    /* ordering needs what A1 waits for (isms_plan_prioritise() names it), not a cycle */
    assert_int_equal(isms_plan_prioritise(NULL, NULL, isms_document_plan(back), NULL),
                     ISMS_ENOTFOUND);
    assert_error(ISMS_ENOTFOUND, "A9");
    isms_document_free(back);

    /* Open actions waiting for each other: the plan holds them (only an action naming itself
     * is refused), so the document saves them and loads them again, byte for byte. Lint
     * reports each cycle; ordering (isms_plan_prioritise(), the report) refuses them and
     * names one. (What names nothing is gone, or ordering would stop at that first.) */
    assert_int_equal(isms_action_set_status(a5, ISMS_ACTION_IN_PROGRESS), ISMS_OK);
    isms_action_clear_prerequisites(a5);
    assert_int_equal(isms_action_add_prerequisite(a5, "A4"), ISMS_OK); /* open ⇄ open */
    isms_action_clear_prerequisites(a1);
    assert_int_equal(isms_action_add_prerequisite(a1, "A2"), ISMS_OK);
    assert_int_equal(isms_action_add_prerequisite(a1, "A6"), ISMS_OK); /* and a second cycle */
    isms_action *a6 = add_action(plan, "A6", ISMS_ACTION_PROPOSED);
    assert_int_equal(isms_action_add_prerequisite(a6, "A1"), ISMS_OK);
    back = round_trip(doc);
    p = isms_document_plan(back);
    assert_int_equal(isms_plan_count(p), 6);
    assert_prereqs(isms_plan_find(p, "A1"), (const char *const[]){ "A2", "A6" }, 2);
    assert_prereqs(isms_plan_find(p, "A4"), (const char *const[]){ "A5" }, 1);
    assert_prereqs(isms_plan_find(p, "A5"), (const char *const[]){ "A4" }, 1);
    assert_prereqs(isms_plan_find(p, "A6"), (const char *const[]){ "A1" }, 1);
    assert_int_equal(isms_action_get_status(isms_plan_find(p, "A5")), ISMS_ACTION_IN_PROGRESS);
    assert_int_equal(isms_findings_new(&f, ISMS_LANG_EN), ISMS_OK);
    assert_int_equal(isms_document_lint(f, back), ISMS_OK);
    assert_int_equal(count_findings(f, "plan-missing-prerequisite"), 0);
    assert_int_equal(count_findings(f, "plan-cycle"), 2);
    assert_true(has_finding(f, "plan-cycle", "A4", "A4 → A5 → A4"));
    assert_true(has_finding(f, "plan-cycle", "A1", "A1 → A6 → A1"));
    isms_findings_free(f);
    assert_int_equal(isms_plan_prioritise(NULL, NULL, isms_document_plan(back), NULL),
                     ISMS_ECYCLE);
    assert_error(ISMS_ECYCLE, "A1 → A6 → A1");
    char *out = (char *)(uintptr_t)1;
    isms_report_options o;
    isms_report_options_init(&o, back);
    o.format = ISMS_REPORT_MARKDOWN;
    assert_int_equal(isms_report_write(&out, NULL, back, &o), ISMS_ECYCLE);
    assert_ptr_equal(out, (char *)(uintptr_t)1);
    assert_error(ISMS_ECYCLE, "A1 → A6 → A1");
    {   /* out of memory anywhere in reading them: nothing returned, nothing leaked */
        char *text = NULL;
        size_t len = 0;
        assert_int_equal(isms_document_write(&text, &len, back), ISMS_OK);
        isms_document *again = NULL;
        SWEEP(isms_document_parse(&again, text, len, NULL, NULL), assert_null(again));
        isms_document_free(again);
        isms_free(text);
    }
    isms_document_free(back);
    isms_document_free(doc);
}

/* tests/data/doc-load/plan-kept.json: what the plan keeps, in a document of 9998 (whose
 * default periods run past 9999), as a file the schema accepts too (tests/py/test_schema.py). */
static void test_plan_kept_fixture(void **state)
{
    (void)state;
    isms_document *doc = load_fixture("plan-kept.json");
    assert_int_equal(isms_document_year(doc), 9998);
    const isms_plan *plan = isms_document_plan(doc);
    assert_int_equal(isms_plan_count(plan), 4);
    const isms_action *a1 = isms_plan_find(plan, "A1");
    /* "krav: 6.1.2" is the plan's way of writing req:6.1.2, which A1 has already */
    assert_int_equal(isms_action_target_count(a1), 2);
    check_target(a1, 0, ISMS_TARGET_REQUIREMENT, "6.1.2");
    check_target(a1, 1, ISMS_TARGET_ANY, "R9");
    assert_prereqs(a1, (const char *const[]){ "A9", "A2" }, 2);
    assert_prereqs(isms_plan_find(plan, "A2"), (const char *const[]){ "A3" }, 1);
    assert_prereqs(isms_plan_find(plan, "A3"), (const char *const[]){ "A2", "Borta" }, 2);
    assert_double_equal(isms_action_effort(isms_plan_find(plan, "A4")), 100000, 0);
    const isms_entry *e = isms_assessment_find(isms_document_current(doc), "6.1.2");
    assert_int_equal(isms_entry_evidence_count(e), 2);
    isms_findings *f = NULL;
    assert_int_equal(isms_findings_new(&f, ISMS_LANG_SV), ISMS_OK);
    assert_int_equal(isms_document_lint(f, doc), ISMS_OK);
    assert_int_equal(count_findings(f, "plan-missing-prerequisite"), 1); /* open A1 only */
    assert_true(has_finding(f, "plan-missing-prerequisite", "A1", "A9"));
    assert_int_equal(count_findings(f, "plan-cycle"), 0);
    isms_findings_free(f);
    isms_document *back = round_trip(doc);
    isms_document_free(back);
    isms_document_free(doc);
}

/* tests/data/doc-load/plan-cycle.json and plan-cycle-late.json: open actions whose
 * prerequisites form a cycle load as they are, and save as they were read; lint reports the
 * cycle once, on its first action, named from its smallest id on in the order the actions
 * would be done, and ordering the plan refuses it with the same words. */
static void test_plan_cycle_fixtures(void **state)
{
    (void)state;
    static const struct {
        const char *file;
        size_t actions;
        const char *cycle;
    } cases[] = {
        { "plan-cycle.json", 4, "A1 → A2 → A3 → A1" },
        { "plan-cycle-late.json", 3, "A1 → A2 → A1" },
    };
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        isms_document *doc = load_fixture(cases[k].file);
        const isms_plan *plan = isms_document_plan(doc);
        assert_int_equal(isms_plan_count(plan), cases[k].actions);
        isms_findings *f = NULL;
        assert_int_equal(isms_findings_new(&f, ISMS_LANG_EN), ISMS_OK);
        assert_int_equal(isms_document_lint(f, doc), ISMS_OK);
        assert_int_equal(count_findings(f, "plan-cycle"), 1);
        assert_true(has_finding(f, "plan-cycle", "A1", cases[k].cycle));
        assert_int_equal(count_findings(f, "plan-missing-prerequisite"), 0);
        isms_findings_free(f);
        assert_int_equal(isms_plan_prioritise(NULL, NULL, isms_document_plan(doc), NULL),
                         ISMS_ECYCLE);
        assert_error(ISMS_ECYCLE, cases[k].cycle);
        isms_document *back = round_trip(doc);
        isms_document_free(back);
        isms_document_free(doc);
    }
    /* A4 waits for A1, which is in the cycle, but is not in it; in Swedish */
    isms_document *doc = load_fixture("plan-cycle.json");
    assert_prereqs(isms_plan_find(isms_document_plan(doc), "A4"),
                   (const char *const[]){ "A1" }, 1);
    isms_findings *f = NULL;
    assert_int_equal(isms_findings_new(&f, ISMS_LANG_SV), ISMS_OK);
    assert_int_equal(isms_document_lint(f, doc), ISMS_OK);
    assert_false(has_finding(f, "plan-cycle", "A4", ""));
    assert_true(has_finding(f, "plan-cycle", "A1", "väntar på varandra i en cirkel: A1 → A2 → "
                            "A3 → A1"));
    isms_findings_free(f);
    isms_document_free(doc);
}

/* Prerequisites as the loader reads them: trimmed, each once, never the action itself. */
static void test_prerequisite_lists(void **state)
{
    (void)state;
    assert_parse_error(HEAD ", \"actions\": [{\"id\": \"A1\", \"title\": \"T\", "
                       "\"prerequisites\": [\"A9\", \" A9 \"]}]}", ISMS_EEXIST, 1, 123,
                       "$.actions[0].prerequisites[1]: \"A9\" is listed twice (also at [0])");
    assert_parse_error(HEAD ", \"actions\": [{\"id\": \"A1\", \"title\": \"T\", "
                       "\"prerequisites\": [\" \"]}]}", ISMS_EPARSE, 1, 117,
                       "$.actions[0].prerequisites[0]: \" \" names no action: a prerequisite "
                       "needs an id that is not blank");
    /* The same dangling id in two actions' lists is no repeat. */
    isms_document *doc = parse_text(HEAD ", \"actions\": [{\"id\": \"A1\", \"title\": \"T\", "
                                    "\"prerequisites\": [\"X\", \"A2\"]}, {\"id\": \"A2\", "
                                    "\"title\": \"U\", \"prerequisites\": [\" X\"]}]}");
    const isms_plan *plan = isms_document_plan(doc);
    assert_prereqs(isms_plan_find(plan, "A1"), (const char *const[]){ "X", "A2" }, 2);
    assert_prereqs(isms_plan_find(plan, "A2"), (const char *const[]){ "X" }, 1);
    isms_document_free(doc);

    /* A long list: 3000 actions, the first waiting for all others and for 1000 that do not
     * exist, in that order; it loads and saves as it was. */
    enum { N = 3000, DANGLING = 1000 };
    isms__buf b;
    isms__buf_init(&b);
    isms__buf_puts(&b, HEAD ", \"actions\": [{\"id\": \"A0\", \"title\": \"T\", "
                       "\"prerequisites\": [");
    for (int i = 1; i < N; i++)
        isms__buf_printf(&b, "%s\"A%d\"", i > 1 ? ", " : "", i);
    for (int i = 0; i < DANGLING; i++)
        isms__buf_printf(&b, ", \"X%d\"", i);
    isms__buf_puts(&b, "]}");
    for (int i = 1; i < N; i++)
        isms__buf_printf(&b, ", {\"id\": \"A%d\", \"title\": \"T\"}", i);
    isms__buf_puts(&b, "]}");
    assert_false(b.failed);
    size_t len = 0;
    char *text = isms__buf_take(&b, &len);
    doc = parse_text(text);
    const isms_action *a0 = isms_plan_find(isms_document_plan(doc), "A0");
    assert_int_equal(isms_action_prerequisite_count(a0), N - 1 + DANGLING);
    assert_string_equal(isms_action_prerequisite(a0, 0), "A1");
    assert_string_equal(isms_action_prerequisite(a0, N - 2), "A2999");
    assert_string_equal(isms_action_prerequisite(a0, N - 1), "X0");
    assert_string_equal(isms_action_prerequisite(a0, N - 2 + DANGLING), "X999");
    isms_document *back = round_trip(doc);
    assert_int_equal(isms_action_prerequisite_count(
                         isms_plan_find(isms_document_plan(back), "A0")),
                     N - 1 + DANGLING);
    isms_document_free(back);
    isms_document_free(doc);
    /* A repeat at the end of the long list is found, with the place of the first. */
    char *dup = malloc(len + 32);
    assert_non_null(dup);
    const char *cut = strstr(text, "\"X999\"") + 6;
    size_t head = (size_t)(cut - text);
    memcpy(dup, text, head);
    strcpy(dup + head, ", \"A17\"");
    strcat(dup, cut);
    doc = (isms_document *)(uintptr_t)1;
    assert_int_equal(isms_document_parse(&doc, dup, strlen(dup), NULL, NULL), ISMS_EEXIST);
    assert_contains(isms_error_last()->message, "$.actions[0].prerequisites[3999]: \"A17\" is "
                    "listed twice (also at [16])");
    free(dup);
    isms__free(text);
}

/* The core refuses some content as an invalid argument (ISMS_EINVAL); in a document it is
 * content that cannot be, a parse error with its path. */
static void test_core_refusals(void **state)
{
    (void)state;
    assert_parse_error(HEAD ", \"context\": [{\"title\": \" \"}]}", ISMS_EPARSE, 1, 72,
                       "$.context[0]: a context item needs a title that is not empty");
    assert_parse_error(HEAD ", \"actions\": [{\"id\": \"A1\", \"title\": \"T\", "
                       "\"targets\": [\"tillgång:\"]}]}", ISMS_EPARSE, 1, 111,
                       "$.actions[0].targets[0]: action \"A1\": a target needs an id");
    assert_parse_error(HEAD ", \"assessments\": [{\"year\": 2024, \"edition\": \"2022\", "
                       "\"entries\": [{\"ref\": \"6.1.2\", \"evidence\": [\"KS 1\", \" \"]}]}]}",
                       ISMS_EPARSE, 1, 160,
                       "$.assessments[0].entries[0].evidence[1]: an evidence reference must "
                       "not be empty");
    assert_parse_error(HEAD ", \"assessments\": [{\"year\": 2024, \"edition\": \"2022\", "
                       "\"entries\": [{\"ref\": \"6.1.2\", \"evidence\": [\"KS 1\\nKS 2\"]}]}]}",
                       ISMS_EPARSE, 1, 152,
                       "$.assessments[0].entries[0].evidence[0]: an evidence reference must "
                       "not hold a line break");
    /* The prefixes the plan reads: krav: is a requirement, RISK: a risk. */
    isms_document *doc = parse_text(HEAD ", \"actions\": [{\"id\": \"A1\", \"title\": \"T\", "
                                     "\"targets\": [\"krav: 6.1.2\", \"RISK:R1\", \"R2\"]}]}");
    const isms_action *a = isms_plan_find(isms_document_plan(doc), "A1");
    check_target(a, 0, ISMS_TARGET_REQUIREMENT, "6.1.2");
    check_target(a, 1, ISMS_TARGET_RISK, "R1");
    check_target(a, 2, ISMS_TARGET_ANY, "R2");
    isms_document *back = round_trip(doc);
    check_target(isms_plan_find(isms_document_plan(back), "A1"), 0, ISMS_TARGET_REQUIREMENT,
                 "6.1.2");
    isms_document_free(back);
    isms_document_free(doc);
}

/* Documents of the last years load again once saved: their default periods (three years from
 * the next) run past 9999, which only the schedule refuses. */
static void test_last_years(void **state)
{
    (void)state;
    for (int year = 9997; year <= 9999; year++) {
        isms_document *doc = NULL;
        assert_int_equal(isms_document_new(&doc, year), ISMS_OK);
        isms_document *back = round_trip(doc);
        assert_int_equal(isms_document_year(back), year);
        isms_settings s;
        assert_int_equal(isms_document_settings(&s, back), ISMS_OK);
        assert_int_equal(s.periods, 3);
        assert_int_equal(s.start_year, 0);
        isms_schedule_options o;
        int rc = isms_document_schedule_options(&o, back);
        if (year == 9999) {
            assert_int_equal(rc, ISMS_ERANGE); /* it would start in 10000 */
        } else {
            assert_int_equal(rc, ISMS_OK);
            isms_schedule *sched = NULL;
            assert_int_equal(isms_plan_schedule(&sched, isms_document_plan(back), &o),
                             ISMS_ERANGE);
        }
        isms_document_free(back);
        isms_document_free(doc);
    }
    /* A start in 9999 written out: the same. */
    isms_document *doc = parse_text("{\"format\": \"libisms/1\", \"organisation\": \"x\", "
                                    "\"year\": 9999, \"settings\": {\"schedule\": {\"start\": "
                                    "9999, \"periods\": 12, \"unit\": \"quarter\"}}}");
    isms_document *back = round_trip(doc);
    isms_document_free(back);
    isms_document_free(doc);
}

/* The matrix's values in the ranges the matrix builder takes; an effort up to the plan's
 * limit. */
static void test_value_ranges(void **state)
{
    (void)state;
    static const char levels[] =
        "\"likelihood\": [{\"value\": 1, \"label_sv\": \"a\", \"label_en\": \"a\"}, "
        "{\"value\": 2, \"label_sv\": \"b\", \"label_en\": \"b\"}, "
        "{\"value\": 101, \"label_sv\": \"c\", \"label_en\": \"c\"}], ";
    char text[1024];
    snprintf(text, sizeof text, HEAD ", \"matrix\": {\"name\": \"m\", %s\"consequence\": [], "
             "\"bands\": []}}", levels);
    assert_parse_error(text, ISMS_ERANGE, 1, 205,
                       "$.matrix.likelihood[2].value: 101 is outside the range 0–100");
    /* A band may reach as far as an int goes. */
    static const char scale[] =
        "[{\"value\": 1, \"label_sv\": \"a\", \"label_en\": \"a\"}, "
        "{\"value\": 2, \"label_sv\": \"b\", \"label_en\": \"b\"}, "
        "{\"value\": 3, \"label_sv\": \"c\", \"label_en\": \"c\"}]";
    snprintf(text, sizeof text, HEAD ", \"matrix\": {\"name\": \"m\", \"likelihood\": %s, "
             "\"consequence\": %s, \"bands\": [{\"name\": \"low\", \"min\": -2147483648, "
             "\"max\": 4, \"color\": \"#00ff00\", \"label_sv\": \"L\", \"label_en\": \"L\"}, "
             "{\"name\": \"high\", \"min\": 5, \"max\": 2147483647, \"color\": \"#ff0000\", "
             "\"label_sv\": \"H\", \"label_en\": \"H\"}], \"acceptance\": 4}}", scale, scale);
    isms_document *doc = parse_text(text);
    const isms_matrix *m = isms_register_matrix(isms_document_register(doc));
    isms_band band;
    assert_int_equal(isms_matrix_band(&band, m, 1), ISMS_OK);
    assert_int_equal(band.max_value, INT_MAX);
    assert_int_equal(isms_matrix_band(&band, m, 0), ISMS_OK);
    assert_int_equal(band.min_value, INT_MIN);
    isms_document *back = round_trip(doc);
    isms_document_free(back);
    isms_document_free(doc);
    char *p = strstr(text, "\"acceptance\": 4");
    memcpy(p, "\"acceptance\": 1000001}}", 24);
    assert_parse_error(text, ISMS_ERANGE, 1, 632,
                       "$.matrix.acceptance: 1000001 is outside the range -1000000–1000000");
    assert_parse_error(HEAD ", \"actions\": [{\"id\": \"A1\", \"title\": \"T\", \"effort\": "
                       "100000.5}]}", ISMS_ERANGE, 1, 109,
                       "$.actions[0].effort: 100000.5 is above the maximum 100000");
    doc = parse_text(HEAD ", \"actions\": [{\"id\": \"A1\", \"title\": \"T\", \"effort\": "
                     "100000}]}");
    assert_double_equal(isms_action_effort(isms_plan_find(isms_document_plan(doc), "A1")),
                        100000, 0);
    isms_document_free(doc);
}

/* Numbers jansson refuses, told from out of memory by their digits: a real that overflows a
 * double (at the limit itself too), an integer beyond 64 bits. */
static void test_number_overflow(void **state)
{
    (void)state;
    /* 2^1024 − 2^970 rounds to infinity; one less in its last digit to the largest double */
    static const char limit[] =
        "17976931348623158079372897140530341507993413271003782693617377898044496829276475094664"
        "90179775872070963302864166928879109465555478519404026306574886715058206819089020007083"
        "83676273854845817711531764475730270069855571366959622842914819860834936475292719074168"
        "444365510704342711559699508093042880177904174497792";
    static const char *const overflow[] = { "1.5e400", "-1.5e400", "0.1e310", "1e309",
                                            "179769313486231580793728971405303415079934132710"
                                            "0378269361737789804449682927647509466490179775"
                                            "8720709633028641669288791094655554785194040263"
                                            "0657488671505820681908902000708383676273854845"
                                            "8177115317644757302700698555713669596228429148"
                                            "1986083493647529271907416844436551070434271155"
                                            "9699508093042880177904174497792.0" };
    char text[1024];
    for (size_t i = 0; i < sizeof overflow / sizeof *overflow; i++) {
        snprintf(text, sizeof text, HEAD ", \"unit\": \"u\", \"cost\": %s}", overflow[i]);
        isms_document *doc = (isms_document *)(uintptr_t)1;
        int rc = isms_document_parse(&doc, text, strlen(text), NULL, NULL);
        if (rc != ISMS_EPARSE)
            fail_msg("%s: %d %s", overflow[i], rc, isms_error_last()->message);
        assert_contains(isms_error_last()->message, "syntax error");
        assert_ptr_equal(doc, (isms_document *)(uintptr_t)1);
    }
    snprintf(text, sizeof text, HEAD ", \"x\": %.1s.%se308}", limit, limit + 1);
    isms_document *none = NULL;
    assert_int_equal(isms_document_parse(&none, text, strlen(text), NULL, NULL), ISMS_EPARSE);
    assert_contains(isms_error_last()->message, "$.x: syntax error: real number overflow");
    assert_null(none);
    /* Below the limit: read (and then refused as an unknown key, not as a syntax error). */
    char below[sizeof limit];
    memcpy(below, limit, sizeof limit);
    below[sizeof limit - 2] = '1';
    static const char *const fine[] = { "1.7976931348623157e308", "10e307", "1e-400",
                                        "0.000e999999999999", "-0.0e400" };
    for (size_t i = 0; i < sizeof fine / sizeof *fine + 1; i++) {
        if (i < sizeof fine / sizeof *fine)
            snprintf(text, sizeof text, HEAD ", \"x\": %s}", fine[i]);
        else
            snprintf(text, sizeof text, HEAD ", \"x\": %.1s.%se308}", below, below + 1);
        isms_document *doc = NULL;
        assert_int_equal(isms_document_parse(&doc, text, strlen(text), NULL, NULL),
                         ISMS_EPARSE);
        assert_contains(isms_error_last()->message, "$.x: unknown key");
    }
    assert_parse_error(HEAD ", \"settings\": {\"simulation\": {\"seed\": 9223372036854775808}}}",
                       ISMS_EPARSE, 1, 96, "$.settings.simulation.seed: syntax error");
    assert_parse_error(HEAD ", \"settings\": {\"simulation\": {\"seed\": -9223372036854775808}}}",
                       ISMS_ERANGE, 1, 96,
                       "$.settings.simulation.seed: -9223372036854775808 is below the minimum 0");
    isms_document *doc = parse_text(HEAD ", \"settings\": {\"simulation\": {\"seed\": "
                                    "9223372036854775807}}}");
    isms_settings s;
    assert_int_equal(isms_document_settings(&s, doc), ISMS_OK);
    assert_true(s.seed == (uint64_t)INT64_MAX);
    isms_document_free(doc);
}

/* A program may call setlocale(): the loader's judgement of numbers and its messages do not
 * change under a locale that writes decimal commas. */
static void check_decimal_comma(void)
{
    /* strtod() there stops at the '.': "1.5e400" would read as 1 and seem fine */
    isms_document *doc = (isms_document *)(uintptr_t)1;
    const char *text = HEAD ", \"cost\": 1.5e400}";
    assert_int_equal(isms_document_parse(&doc, text, strlen(text), NULL, NULL), ISMS_EPARSE);
    assert_contains(isms_error_last()->message, "syntax error");
    assert_parse_error(HEAD ", \"risks\": [{\"id\": \"R1\", \"title\": \"T\", "
                       "\"likelihood\": 2.5}]}", ISMS_EPARSE, 1, 111,
                       "$.risks[0].likelihood: expected an integer, found the number 2.5");
    assert_parse_error(HEAD ", \"settings\": {\"compliance\": {\"partial\": 1.25}}}",
                       ISMS_ERANGE, 1, 99,
                       "$.settings.compliance.partial: 1.25 is above the maximum 1");
    doc = parse_text(HEAD ", \"actions\": [{\"id\": \"A1\", \"title\": \"T\", \"effort\": 2.5, "
                     "\"cost\": 1250.75}]}");
    char *out = NULL;
    assert_int_equal(isms_document_write(&out, NULL, doc), ISMS_OK);
    assert_contains(out, "\"effort\": 2.5,");
    assert_contains(out, "\"cost\": 1250.75,");
    isms_free(out);
    isms_document_free(doc);
}

static void test_decimal_comma_locale(void **state)
{
    (void)state;
    with_decimal_comma(check_decimal_comma);
}

/* ---- allocation failure ----------------------------------------------------------------- */

static void test_alloc_failure(void **state)
{
    (void)state;
    size_t len;
    char *text = slurp(LOAD_DIR "full.json", &len);
    isms_document *doc = NULL;
    SWEEP(isms_document_parse(&doc, text, len, "full.json", NULL), assert_null(doc));
    check_full(doc);
    isms_document_free(doc);
    doc = NULL;
    SWEEP(isms_document_load(&doc, LOAD_DIR "full.json", NULL), assert_null(doc));
    isms_document_free(doc);
    free(text);
    doc = NULL;
    text = slurp(LOAD_DIR "lenient.json", &len);
    SWEEP(isms_document_parse(&doc, text, len, "lenient.json", NULL), assert_null(doc));
    check_lenient_risks(doc);
    check_lenient_rest(doc);
    isms_document_free(doc);
    free(text);
}

/* ---- imported catalogs ------------------------------------------------------------------ */

#define EX_UUID "ba8eab7e-7ca6-5b08-90f0-3da2903eb537"
#define EX_TITLE "Exempelstads grundläggande informationssäkerhetskrav"
#define LEV_UUID "0b6f3c1e-8e5a-4c2f-9f1d-2a7b6c5d4e3f"

/* The number of times `needle` occurs in `text`. */
static size_t occurrences(const char *text, const char *needle)
{
    size_t n = 0;
    for (const char *p = strstr(text, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

static void check_catalogs_fixture(const isms_document *doc)
{
    assert_int_equal(isms_document_assessment_count(doc), 3);
    const isms_assessment *a23 = isms_document_assessment_find(doc, 2023);
    const isms_assessment *a24 = isms_document_assessment_find(doc, 2024);
    const isms_assessment *a25 = isms_document_assessment_find(doc, 2025);
    assert_int_equal(isms_assessment_edition(a23), ISMS_EDITION_2022);
    assert_int_equal(isms_assessment_edition(a24), ISMS_EDITION_IMPORTED);
    assert_int_equal(isms_assessment_edition(a25), ISMS_EDITION_IMPORTED);
    /* Both years are held against the one catalog of the file (named in any case). */
    const isms_catalog *cat = isms_assessment_catalog(a24);
    assert_ptr_equal(isms_assessment_catalog(a25), cat);
    assert_string_equal(isms_catalog_uuid(cat), EX_UUID);
    assert_string_equal(isms_catalog_title(cat), EX_TITLE);
    assert_string_equal(isms_catalog_version(cat), "2025.1");
    assert_int_equal(isms_catalog_count(cat), 15);
    assert_int_equal(isms_assessment_scope(a24), ISMS_SCOPE_ANNEX_A);
    assert_int_equal(isms_assessment_scope(a25), ISMS_SCOPE_BOTH);
    assert_date(isms_assessment_date(a24), 2024, 11, 30);
    /* References are the catalog's ids; one it does not hold is kept as written. */
    assert_int_equal(isms_assessment_count(a24), 2);
    const isms_entry *e = isms_assessment_at(a24, 0);
    assert_string_equal(isms_entry_ref(e), "STY-1");
    assert_string_equal(isms_item_oscal_id(isms_entry_item(e)), "sty-1");
    assert_int_equal(isms_entry_status(e), ISMS_STATUS_PARTIAL);
    assert_string_equal(isms_entry_get(e, ISMS_FIELD_COMMENT), "Beslut väntar");
    e = isms_assessment_at(a24, 1);
    assert_string_equal(isms_entry_ref(e), "KSF-1");
    assert_null(isms_entry_item(e));
    assert_int_equal(isms_assessment_count(a25), 3);
    assert_string_equal(isms_entry_ref(isms_assessment_at(a25, 1)), "dri-kon");
    assert_int_equal(isms_item_kind_of(isms_entry_item(isms_assessment_at(a25, 1))),
                     ISMS_ITEM_GROUP);
    e = isms_assessment_at(a25, 2);
    assert_string_equal(isms_entry_ref(e), "BEH-1.1");
    assert_int_equal(isms_entry_need(e), ISMS_NEED_HIGH);
    assert_string_equal(isms_entry_get(e, ISMS_FIELD_OWNER), "IT-chef");
}

static void test_catalogs(void **state)
{
    (void)state;
    isms_document *doc = load_fixture("catalogs.json");
    check_catalogs_fixture(doc);

    /* The catalog no assessment uses is kept (lint says so); the document holds both in the
     * file's order and writes them so, each once, the assessments naming theirs by uuid. */
    assert_int_equal(isms_document_catalog_count(doc), 2);
    assert_string_equal(isms_catalog_uuid(isms_document_catalog_at(doc, 0)), EX_UUID);
    assert_string_equal(isms_catalog_uuid(isms_document_catalog_at(doc, 1)), LEV_UUID);
    assert_ptr_equal(isms_assessment_catalog(isms_document_assessment_find(doc, 2024)),
                     isms_document_catalog_at(doc, 0));
    isms_findings *lint = new_notes(ISMS_LANG_EN);
    assert_int_equal(isms_document_lint(lint, doc), ISMS_OK);
    assert_int_equal(count_findings(lint, "doc-catalog-unused"), 1);
    assert_true(has_finding(lint, "doc-catalog-unused", LEV_UUID,
                            "The catalog \"Leverantörskrav\" (uuid " LEV_UUID ") is in the "
                            "document but no assessment is held against it; it is saved with "
                            "the document until it is removed from it (from the file's "
                            "\"catalogs\", or with isms_document_remove_catalog())"));
    assert_int_equal(count_findings(lint, "doc-assessment-edition"), 1);
    assert_true(has_finding(lint, "doc-assessment-edition", "2024",
                            "The assessment of 2023 is against ISO/IEC 27001:2022 and that of "
                            "2024 against \"" EX_TITLE "\": the catalogs differ and there is no "
                            "mapping between them, so the years cannot be compared"));
    isms_findings_free(lint);

    char *text = NULL;
    size_t len = 0;
    assert_int_equal(isms_document_write(&text, &len, doc), ISMS_OK);
    assert_int_equal(occurrences(text, "\"uuid\": \"" EX_UUID "\""), 1);
    assert_int_equal(occurrences(text, "\"uuid\": \"" LEV_UUID "\""), 1);
    assert_int_equal(occurrences(text, "\"catalog\": \"" EX_UUID "\""), 2);
    assert_int_equal(occurrences(text, "\"edition\": "), 1);
    const char *catalogs = strstr(text, "\n  \"catalogs\": [");
    const char *assessments = strstr(text, "\n  \"assessments\": [");
    const char *ex = strstr(text, "\"title\": \"" EX_TITLE "\"");
    const char *lev = strstr(text, "\"title\": \"Leverantörskrav\"");
    assert_true(catalogs && ex && lev && assessments);
    assert_true(strstr(text, "\n  \"risks\": [") < catalogs);
    assert_true(catalogs < ex && ex < lev && lev < assessments);
    isms_free(text);

    /* load → save → load gives the same bytes and the same document. */
    isms_document *back = round_trip(doc);
    check_catalogs_fixture(back);
    lint = new_notes(ISMS_LANG_SV);
    assert_int_equal(isms_document_lint(lint, back), ISMS_OK);
    assert_true(has_finding(lint, "doc-catalog-unused", LEV_UUID,
                            "Katalogen \"Leverantörskrav\" (uuid " LEV_UUID ") finns i "
                            "dokumentet men ingen gapanalys är gjord mot den; den sparas med "
                            "dokumentet tills den tas bort ur det (ur filens \"catalogs\" eller "
                            "med isms_document_remove_catalog())"));
    isms_findings_free(lint);
    isms_document_free(back);
    isms_document_free(doc);
}

/* A small catalog: one control, no groups. */
#define LEV_CATALOG                                                                          \
    "{\"uuid\": \"" LEV_UUID "\", \"metadata\": {\"title\": \"L\", \"last-modified\": "       \
    "\"2024-06-01T00:00:00Z\", \"version\": \"1\", \"oscal-version\": \"1.1.3\"}, "          \
    "\"controls\": [{\"id\": \"lev-1\", \"title\": \"Avtal\"}]}"

/* The same with its uuid in capitals, and another catalog. */
#define LEV_UUID_UPPER "0B6F3C1E-8E5A-4C2F-9F1D-2A7B6C5D4E3F"
#define LEV_CATALOG_UPPER                                                                    \
    "{\"uuid\": \"" LEV_UUID_UPPER "\", \"metadata\": {\"title\": \"L\", "                 \
    "\"last-modified\": \"2024-06-01T00:00:00Z\", \"version\": \"1\", "                     \
    "\"oscal-version\": \"1.1.3\"}, \"controls\": [{\"id\": \"lev-1\", \"title\": \"Avtal\"}]}"
#define OTHER_CATALOG                                                                        \
    "{\"uuid\": \"11111111-2222-4333-8444-555555555555\", \"metadata\": {\"title\": "       \
    "\"O\", \"last-modified\": \"2024-06-01T00:00:00Z\", \"version\": \"1\", "             \
    "\"oscal-version\": \"1.1.3\"}}"

static void test_catalog_errors(void **state)
{
    (void)state;
    /* Line 2 holds the catalogs, line 3 the assessments. */
#define CATS HEAD ",\n \"catalogs\": [" LEV_CATALOG "],\n \"assessments\": [{\"year\": 2024, "
    assert_parse_error(CATS "\"edition\": \"2022\", \"catalog\": \"" LEV_UUID "\", "
                       "\"entries\": []}]}",
                       ISMS_EPARSE, 3, 52,
                       "$.assessments[0].catalog: an assessment is held against an edition or "
                       "an imported catalog, not both: give \"edition\" or \"catalog\"");
    assert_parse_error(CATS "\"catalog\": \"11111111-2222-4333-8444-555555555555\", "
                       "\"entries\": []}]}",
                       ISMS_ENOTFOUND, 3, 44,
                       "$.assessments[0].catalog: no catalog with the uuid "
                       "\"11111111-2222-4333-8444-555555555555\" in \"catalogs\", which holds "
                       LEV_UUID);
    assert_parse_error(CATS "\"entries\": []}]}", ISMS_EPARSE, 3, 18,
                       "$.assessments[0]: missing key \"edition\" (a built-in catalog: "
                       "\"2013\", \"2022\" or \"2022-amd1\") or \"catalog\" (the uuid of an "
                       "imported catalog in \"catalogs\")");
    /* An imported catalog has no clauses. */
    assert_parse_error(CATS "\"catalog\": \"" LEV_UUID "\", \"scope\": \"clauses\", "
                       "\"entries\": []}]}",
                       ISMS_EPARSE, 3, 93,
                       "$.assessments[0].scope: the catalog \"L\" is imported and has no "
                       "management-system clauses");
    /* A catalog's uuid must be a string of its own form. */
    assert_parse_error(CATS "\"catalog\": 7, \"entries\": []}]}", ISMS_EPARSE, 3, 44,
                       "$.assessments[0].catalog: expected a string, found an integer");
#undef CATS
    assert_parse_error(HEAD ",\n \"assessments\": [{\"year\": 2024, \"catalog\": \"" LEV_UUID
                       "\", \"entries\": []}]}",
                       ISMS_ENOTFOUND, 2, 44,
                       "$.assessments[0].catalog: no catalog with the uuid \"" LEV_UUID "\": "
                       "the document has no \"catalogs\"");
    /* Each catalog once. */
    assert_parse_error(HEAD ",\n \"catalogs\": [" LEV_CATALOG ",\n " LEV_CATALOG "]}",
                       ISMS_EEXIST, 3, 11,
                       "$.catalogs[1].uuid: a second catalog with the uuid " LEV_UUID
                       " (also at $.catalogs[0].uuid): a document holds each catalog once, and "
                       "ASCII case does not count in a uuid");
    /* In another case; the soonest repeat is named, whatever comes after it. */
    assert_parse_error(HEAD ",\n \"catalogs\": [" OTHER_CATALOG ", " LEV_CATALOG ",\n "
                       LEV_CATALOG_UPPER ", " OTHER_CATALOG "]}",
                       ISMS_EEXIST, 3, 11,
                       "$.catalogs[2].uuid: a second catalog with the uuid " LEV_UUID_UPPER
                       " (also at $.catalogs[1].uuid, as " LEV_UUID "): a document holds each "
                       "catalog once, and ASCII case does not count in a uuid");
    assert_parse_error(HEAD ",\n \"catalogs\": {}}", ISMS_EPARSE, 2, 14,
                       "$.catalogs: expected an array, found an object");
    /* Errors inside a catalog name the path below it, line and column. */
    assert_parse_error(HEAD ",\n \"catalogs\": [{\"uuid\": \"" LEV_UUID "\", \"metadata\": "
                       "{\"title\": \"L\", \"last-modified\": \"2024-06-01T00:00:00Z\", "
                       "\"version\": \"1\", \"oscal-version\": \"1.1.3\"},\n"
                       "  \"groups\": [{\"id\": \"g1\", \"title\": \"G1\"},\n"
                       "   {\"id\": \"g2\", \"title\": \"G2\", \"controls\": [\n"
                       "    {\"id\": \"c1\", \"title\": \"C1\"}, {\"id\": \"c2\", \"title\": "
                       "\"C2\"},\n"
                       "    {\"id\": 7, \"title\": \"C3\"}]}]}]}",
                       ISMS_EPARSE, 6, 12,
                       "$.catalogs[0].groups[1].controls[2].id: expected a string, found an "
                       "integer");
    assert_parse_error(HEAD ",\n \"catalogs\": [{\"uuid\": \"x\", \"metadata\": {}}]}",
                       ISMS_EPARSE, 2, 24, "$.catalogs[0].uuid: \"x\" is not a UUID");
}

/* A long number cut before its fraction at the very end of a text that is not NUL-terminated:
 * the reader once read the byte after it. The buffer holds exactly the 16 bytes, so that ASan
 * and valgrind would see that read. */
static void test_long_number_at_end(void **state)
{
    (void)state;
    char *buf = malloc(16);
    assert_non_null(buf);
    memcpy(buf, "444444444444444.", 16);
    isms_document *doc = NULL;
    assert_int_equal(isms_document_parse(&doc, buf, 16, "test.json", NULL), ISMS_EPARSE);
    assert_null(doc);
    const isms_error *e = isms_error_last();
    assert_string_equal(e->message, "$: syntax error: invalid token near '444444444444444.'");
    assert_int_equal(e->line, 1);
    assert_int_equal(e->column, 1);
    memcpy(buf, "444444444444444]", 16);
    assert_int_equal(isms_document_parse(&doc, buf, 16, "test.json", NULL), ISMS_EPARSE);
    assert_error(ISMS_EPARSE, "end of file expected near ']'");
    assert_null(doc);
    free(buf);
}

/* The loader with the n-th allocation failing: out of memory, nothing returned (valgrind
 * checks that nothing leaks), until it loads. */
static void test_catalogs_alloc_failure(void **state)
{
    (void)state;
    size_t len;
    char *text = slurp(LOAD_DIR "catalogs.json", &len);
    isms_document *doc = NULL;
    SWEEP(isms_document_parse(&doc, text, len, "catalogs.json", NULL), assert_null(doc));
    check_catalogs_fixture(doc);
    isms_document_free(doc);
    free(text);
}

int main(void)
{
    /* The library never changes jansson's allocator (global state); this program does. */
    json_set_alloc_funcs(json_alloc, isms__free);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_full),
        cmocka_unit_test(test_lenient),
        cmocka_unit_test(test_defaults),
        cmocka_unit_test(test_presets),
        cmocka_unit_test(test_capacity_number),
        cmocka_unit_test(test_broken),
        cmocka_unit_test(test_broken_alloc_failure),
        cmocka_unit_test(test_positions),
        cmocka_unit_test(test_arguments),
        cmocka_unit_test(test_limits),
        cmocka_unit_test(test_bom),
        cmocka_unit_test(test_load_files),
        cmocka_unit_test(test_load_stdin),
        cmocka_unit_test(test_alloc_failure),
        cmocka_unit_test(test_plan_round_trip),
        cmocka_unit_test(test_plan_kept_fixture),
        cmocka_unit_test(test_plan_cycle_fixtures),
        cmocka_unit_test(test_prerequisite_lists),
        cmocka_unit_test(test_core_refusals),
        cmocka_unit_test(test_last_years),
        cmocka_unit_test(test_value_ranges),
        cmocka_unit_test(test_number_overflow),
        cmocka_unit_test(test_decimal_comma_locale),
        cmocka_unit_test(test_catalogs),
        cmocka_unit_test(test_catalog_errors),
        cmocka_unit_test(test_catalogs_alloc_failure),
        cmocka_unit_test(test_long_number_at_end),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
