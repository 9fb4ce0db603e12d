/* Unit tests of the JSON writer of the ISMS document: golden texts, round trips through the
 * loader, determinism, escaping, numbers, presets and what is left out, atomic saves (file
 * mode, temporary files, a child killed while it saves), allocation failure. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <float.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "internal.h"
#include "io/doc-internal.h"
#include "io/json-internal.h"

#include "bench/bench-util.h"
#include "test-util.h"

#define DATA ISMS_TEST_DATA "/doc-save/"
#define UNSET ISMS_LEVEL_UNSET

static isms_date ymd(int y, int m, int d)
{
    isms_date date = { y, m, d };
    return date;
}

/* The document as text (the caller frees it with isms_free()). */
/* Not inlined: GCC 12 at -O3 cannot see that isms_document_write() does not store the address
 * of `text` in `text`, and then takes pointers into the returned text for pointers to that
 * local variable (-Wdangling-pointer). */
__attribute__((noinline)) static char *write_doc(const isms_document *doc, size_t *len)
{
    char *text = NULL;
    size_t n = 0;
    int rc = isms_document_write(&text, &n, doc);
    if (rc != ISMS_OK)
        fail_msg("isms_document_write: %d %s", rc, isms_error_last()->message);
    if (!text) /* not reached (cmocka's assertions are not noreturn for the compiler) */
        abort();
    assert_int_equal(strlen(text), n);
    if (len)
        *len = n;
    return text;
}

/* assert_contains() for texts that may be NULL as far as the compiler knows (GCC with the
 * sanitizers warns about a NULL "%s" argument otherwise). */
static void assert_has(const char *text, const char *needle)
{
    if (!text)
        fail_msg("no text (looking for \"%s\")", needle);
    else if (!strstr(text, needle))
        fail_msg("\"%s\" does not contain \"%s\"", text, needle);
}

/* Fails with the first line where `text` and `expected` differ. */
static void assert_text_equal(const char *text, const char *expected)
{
    if (strcmp(text, expected) == 0)
        return;
    size_t line = 1, i = 0;
    while (text[i] && text[i] == expected[i]) {
        if (text[i] == '\n')
            line++;
        i++;
    }
    size_t start = i;
    while (start > 0 && text[start - 1] != '\n')
        start--;
    const char *a = text + start, *b = expected + start;
    int la = (int)strcspn(a, "\n"), lb = (int)strcspn(b, "\n");
    fail_msg("line %zu differs:\n  written:  %.*s\n  expected: %.*s", line, la, a, lb, b);
}

static void assert_golden(const isms_document *doc, const char *name)
{
    char path[512];
    snprintf(path, sizeof path, DATA "%s", name);
    size_t glen;
    char *golden = slurp(path, &glen);
    size_t len;
    char *text = write_doc(doc, &len);
    assert_text_equal(text, golden);
    assert_int_equal(len, glen);
    isms_free(text);
    free(golden);
}

/* ---- documents ---------------------------------------------------------------------- */

/* A 3×3 matrix with a grid of its own. */
static isms_matrix *grid_matrix(void)
{
    isms_matrix_builder *b = NULL;
    assert_int_equal(isms_matrix_builder_new(&b, "kommun-3x3"), ISMS_OK);
    assert_int_equal(isms_matrix_builder_add_level(b, ISMS_AXIS_LIKELIHOOD, 1, "Låg", "Low",
                                                   "Sällan"), ISMS_OK);
    assert_int_equal(isms_matrix_builder_add_level(b, ISMS_AXIS_LIKELIHOOD, 2, "Medel",
                                                   "Medium", NULL), ISMS_OK);
    assert_int_equal(isms_matrix_builder_add_level(b, ISMS_AXIS_LIKELIHOOD, 3, "Hög", "High",
                                                   NULL), ISMS_OK);
    assert_int_equal(isms_matrix_builder_add_level(b, ISMS_AXIS_CONSEQUENCE, 1, "Liten",
                                                   "Minor", NULL), ISMS_OK);
    assert_int_equal(isms_matrix_builder_add_level(b, ISMS_AXIS_CONSEQUENCE, 2, "Måttlig",
                                                   "Moderate", NULL), ISMS_OK);
    assert_int_equal(isms_matrix_builder_add_level(b, ISMS_AXIS_CONSEQUENCE, 3, "Allvarlig",
                                                   "Severe", "Liv och hälsa"), ISMS_OK);
    static const int grid[9] = { 1, 2, 4, 2, 3, 6, 4, 6, 9 };
    assert_int_equal(isms_matrix_builder_set_grid(b, grid, 3, 3), ISMS_OK);
    assert_int_equal(isms_matrix_builder_add_band(b, "low", 1, 2, "#2e7d32", "Låg", "Low"),
                     ISMS_OK);
    assert_int_equal(isms_matrix_builder_add_band(b, "medium", 3, 4, "#f9a825", "Medel",
                                                  "Medium"), ISMS_OK);
    assert_int_equal(isms_matrix_builder_add_band(b, "high", 5, 9, "#c62828", "Hög", "High"),
                     ISMS_OK);
    assert_int_equal(isms_matrix_builder_set_acceptance(b, 2), ISMS_OK);
    isms_matrix *m = NULL;
    assert_int_equal(isms_matrix_builder_build(&m, b), ISMS_OK);
    isms_matrix_builder_free(b);
    return m;
}

/* A scheme of three levels per aspect, with traceability of two. */
static isms_scheme *custom_scheme(void)
{
    isms_scheme_builder *b = NULL;
    assert_int_equal(isms_scheme_builder_new(&b, "kommun"), ISMS_OK);
    for (int a = 0; a < 3; a++) {
        assert_int_equal(isms_scheme_builder_add_level(b, (isms_aspect)a, 0, "Ingen", "None",
                                                       a == 0 ? "Öppen information" : NULL),
                         ISMS_OK);
        assert_int_equal(isms_scheme_builder_add_level(b, (isms_aspect)a, 1, "Måttlig",
                                                       "Moderate", NULL), ISMS_OK);
        assert_int_equal(isms_scheme_builder_add_level(b, (isms_aspect)a, 2, "Hög", "High",
                                                       NULL), ISMS_OK);
    }
    assert_int_equal(isms_scheme_builder_add_level(b, ISMS_ASPECT_TRACEABILITY, 0, "Nej", "No",
                                                   NULL), ISMS_OK);
    assert_int_equal(isms_scheme_builder_add_level(b, ISMS_ASPECT_TRACEABILITY, 1, "Ja", "Yes",
                                                   NULL), ISMS_OK);
    isms_scheme *s = NULL;
    assert_int_equal(isms_scheme_builder_build(&s, b), ISMS_OK);
    isms_scheme_builder_free(b);
    return s;
}

static isms_fair *model_of(const char *name, bool events, const isms_dist *d1,
                           isms_fair_node n1, const isms_dist *d2, isms_fair_node n2,
                           const isms_dist *d3, isms_fair_node n3, const isms_dist *d4,
                           isms_fair_node n4)
{
    isms_fair *f = NULL;
    assert_int_equal(isms_fair_new(&f, name), ISMS_OK);
    assert_int_equal(isms_fair_set(f, n1, d1), ISMS_OK);
    assert_int_equal(isms_fair_set(f, n2, d2), ISMS_OK);
    if (d3)
        assert_int_equal(isms_fair_set(f, n3, d3), ISMS_OK);
    if (d4)
        assert_int_equal(isms_fair_set(f, n4, d4), ISMS_OK);
    assert_int_equal(isms_fair_set_events(f, events), ISMS_OK);
    return f;
}

/* A document with every field the format has (tests/data/doc-save/full.json). */
static isms_document *full_document(void)
{
    isms_document *doc = NULL;
    assert_int_equal(isms_document_new(&doc, 2025), ISMS_OK);
    assert_int_equal(isms_document_set(doc, ISMS_DOC_ORGANISATION, "Exempelstads kommun"),
                     ISMS_OK);
    assert_int_equal(isms_document_set(doc, ISMS_DOC_UNIT, "Socialförvaltningen"), ISMS_OK);
    assert_int_equal(isms_document_set(doc, ISMS_DOC_TITLE, "Ledningens genomgång 2025"),
                     ISMS_OK);
    assert_int_equal(isms_document_set(doc, ISMS_DOC_AUTHOR, "Informationssäkerhetssamordnare"),
                     ISMS_OK);
    assert_int_equal(isms_document_set(doc, ISMS_DOC_SCOPE, "Hela förvaltningen"), ISMS_OK);
    assert_int_equal(isms_document_set(doc, ISMS_DOC_DECISION, "Planen fastställs."), ISMS_OK);
    assert_int_equal(isms_document_set_lang(doc, ISMS_LANG_EN), ISMS_OK);
    assert_int_equal(isms_document_set_date(doc, ymd(2025, 11, 30)), ISMS_OK);
    assert_int_equal(isms_document_add_context(doc, "NIS2",
                                               "Cybersäkerhetslagen träder i kraft."), ISMS_OK);
    assert_int_equal(isms_document_add_context(doc, "Omorganisation", NULL), ISMS_OK);

    isms_matrix *m = grid_matrix();
    assert_int_equal(isms_document_set_matrix(doc, m), ISMS_OK);
    isms_matrix_free(m);

    /* The inventory, on a scheme of its own with floors of its own. */
    isms_scheme *scheme = custom_scheme();
    isms_inventory *inv = NULL;
    assert_int_equal(isms_inventory_new(&inv, scheme), ISMS_OK);
    isms_scheme_free(scheme);
    isms_floors floors;
    for (int k = 0; k < ISMS_PDATA_KINDS; k++)
        for (int a = 0; a < ISMS_ASPECTS; a++)
            floors.min[k][a] = ISMS_CLASS_UNSET;
    floors.min[0][ISMS_ASPECT_CONFIDENTIALITY] = 1;
    floors.min[1][ISMS_ASPECT_CONFIDENTIALITY] = 2;
    floors.min[1][ISMS_ASPECT_INTEGRITY] = 1;
    assert_int_equal(isms_inventory_set_floors(inv, &floors), ISMS_OK);
    isms_asset *a1 = NULL;
    assert_int_equal(isms_inventory_add(&a1, inv, "A1", "Klientregister",
                                        ISMS_ASSET_INFORMATION), ISMS_OK);
    static const char *const texts[ISMS_ASSET_FIELDS] = {
        "Klientregister", "Enhetschef", "Uppgifter om klienter", "Handläggning",
        "Myndighetsutövning", "Klienter", "Hälsa", "IVO", "Inga", "Avtal", "5 år",
        "Kryptering", "Krav i avtal",
    };
    for (int f = 1; f < ISMS_ASSET_FIELDS; f++)
        assert_int_equal(isms_asset_set(a1, (isms_asset_field)f, texts[f]), ISMS_OK);
    assert_int_equal(isms_asset_set_level(a1, ISMS_ASPECT_CONFIDENTIALITY, 2), ISMS_OK);
    assert_int_equal(isms_asset_set_level(a1, ISMS_ASPECT_INTEGRITY, 1), ISMS_OK);
    assert_int_equal(isms_asset_set_level(a1, ISMS_ASPECT_AVAILABILITY, 1), ISMS_OK);
    assert_int_equal(isms_asset_set_level(a1, ISMS_ASPECT_TRACEABILITY, 1), ISMS_OK);
    assert_int_equal(isms_asset_set_override(a1, ISMS_ASPECT_AVAILABILITY, 2), ISMS_OK);
    assert_int_equal(isms_asset_set_pdata(a1, ISMS_PDATA_ORDINARY | ISMS_PDATA_PIN,
                                          ISMS_SPECIAL_ETHNIC | ISMS_SPECIAL_HEALTH), ISMS_OK);
    isms_asset_set_nis(a1, true);
    assert_int_equal(isms_asset_set_classified(a1, ymd(2025, 3, 1)), ISMS_OK);
    assert_int_equal(isms_asset_set_interval(a1, 6), ISMS_OK);
    assert_int_equal(isms_inventory_add(NULL, inv, "S1", "Verksamhetssystem", ISMS_ASSET_SYSTEM),
                     ISMS_OK);
    assert_int_equal(isms_inventory_link(inv, "S1", "A1", ISMS_REL_PROCESSES), ISMS_OK);
    assert_int_equal(isms_document_set_inventory(doc, inv), ISMS_OK);

    /* Risks, scored on the grid. */
    isms_register *reg = isms_document_register(doc);
    isms_risk *r1 = NULL;
    assert_int_equal(isms_register_add(&r1, reg, "R1", "Obehörig åtkomst", 3, 2), ISMS_OK);
    assert_int_equal(isms_risk_set_consequence_text(r1, "Sekretessbrott"), ISMS_OK);
    assert_int_equal(isms_risk_set_stated_value(r1, 6), ISMS_OK);
    assert_int_equal(isms_risk_set_residual(r1, 1, 2), ISMS_OK);
    assert_int_equal(isms_risk_set_treatment(r1, ISMS_TREATMENT_MODIFY, "Behörighetsstyrning"),
                     ISMS_OK);
    assert_int_equal(isms_risk_set_owner(r1, "IT-chef"), ISMS_OK);
    assert_int_equal(isms_risk_set_status(r1, ISMS_RISK_IN_TREATMENT), ISMS_OK);
    assert_int_equal(isms_risk_set_vector(r1, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"),
                     ISMS_OK);
    assert_int_equal(isms_register_add(NULL, reg, "R2", "Driftstopp", 1, 1), ISMS_OK);
    isms_dist lef, pl, slef, slem, lef2, lm2;
    assert_int_equal(isms_dist_pert(&lef, 0.5, 1, 4, 3, ISMS_PERT_MOMENTS), ISMS_OK);
    assert_int_equal(isms_dist_uniform(&pl, 1000, 5000), ISMS_OK);
    assert_int_equal(isms_dist_constant(&slef, 0.25), ISMS_OK);
    assert_int_equal(isms_dist_normal(&slem, 20000, 5000), ISMS_OK);
    assert_int_equal(isms_dist_poisson(&lef2, 0.5), ISMS_OK);
    assert_int_equal(isms_dist_lognormal90(&lm2, 1000, 100000), ISMS_OK);
    assert_int_equal(isms_document_set_model(doc, "R1",
                                             model_of("R1", true, &lef, ISMS_FAIR_LEF, &pl,
                                                      ISMS_FAIR_PL, &slef, ISMS_FAIR_SLEF,
                                                      &slem, ISMS_FAIR_SLEM)), ISMS_OK);
    assert_int_equal(isms_document_set_model(doc, "R2",
                                             model_of("R2", false, &lef2, ISMS_FAIR_LEF, &lm2,
                                                      ISMS_FAIR_LM, NULL, ISMS_FAIR_LEF, NULL,
                                                      ISMS_FAIR_LEF)), ISMS_OK);

    /* Two years of gap analysis. */
    isms_assessment *y24 = NULL;
    assert_int_equal(isms_assessment_new(&y24, ISMS_EDITION_2013, 2024, ISMS_SCOPE_CLAUSES),
                     ISMS_OK);
    size_t col = 0;
    assert_int_equal(isms_assessment_add_extra(&col, y24, "Kommentar 2"), ISMS_OK);
    assert_int_equal(isms_assessment_add_extra(NULL, y24, "Tom"), ISMS_OK);
    isms_entry *e = NULL;
    assert_int_equal(isms_assessment_add(&e, y24, "6.1.2"), ISMS_OK);
    assert_int_equal(isms_entry_set_status(e, ISMS_STATUS_PARTIAL), ISMS_OK);
    assert_int_equal(isms_entry_set_need(e, ISMS_NEED_HIGH), ISMS_OK);
    static const char *const etexts[7] = {
        "Riskbedömning", "Delvis gjord", "Ny metod", "SÄK", "Q2 2025", "Behövs", "",
    };
    for (int f = 0; f < 6; f++)
        assert_int_equal(isms_entry_set(e, (isms_entry_field)f, etexts[f]), ISMS_OK);
    assert_int_equal(isms_entry_add_evidence(e, "Riskanalys 2024"), ISMS_OK);
    assert_int_equal(isms_entry_add_evidence(e, "https://intra/risk"), ISMS_OK);
    assert_int_equal(isms_entry_set_extra(e, col, "x"), ISMS_OK);
    assert_int_equal(isms_assessment_add(NULL, y24, "4.1"), ISMS_OK);
    assert_int_equal(isms_entry_set_status(isms_assessment_find(y24, "4.1"), ISMS_STATUS_YES),
                     ISMS_OK);
    assert_int_equal(isms_document_add_assessment(doc, y24), ISMS_OK);

    isms_assessment *y25 = NULL;
    assert_int_equal(isms_assessment_new(&y25, ISMS_EDITION_2022, 2025, ISMS_SCOPE_BOTH),
                     ISMS_OK);
    assert_int_equal(isms_assessment_set_date(y25, ymd(2025, 10, 1)), ISMS_OK);
    assert_int_equal(isms_assessment_add(&e, y25, "A.5.1"), ISMS_OK);
    assert_int_equal(isms_entry_set_status(e, ISMS_STATUS_YES), ISMS_OK);
    assert_int_equal(isms_entry_set_need(e, ISMS_NEED_NONE), ISMS_OK);
    assert_int_equal(isms_entry_set_applicability(e, ISMS_APPLICABILITY_APPLICABLE), ISMS_OK);
    assert_int_equal(isms_entry_set_reasons(e, ISMS_REASON_RISK | ISMS_REASON_LEGAL), ISMS_OK);
    assert_int_equal(isms_entry_set(e, ISMS_FIELD_JUSTIFICATION, "Krävs"), ISMS_OK);
    assert_int_equal(isms_entry_set(e, ISMS_FIELD_ORIGIN, "2013: A.5.1.1"), ISMS_OK);
    assert_int_equal(isms_assessment_add(&e, y25, "A.7.4"), ISMS_OK);
    assert_int_equal(isms_entry_set_status(e, ISMS_STATUS_NOT_APPLICABLE), ISMS_OK);
    assert_int_equal(isms_entry_set_applicability(e, ISMS_APPLICABILITY_EXCLUDED), ISMS_OK);
    assert_int_equal(isms_entry_set_reasons(e, ISMS_REASON_CONTRACTUAL | ISMS_REASON_BUSINESS),
                     ISMS_OK);
    assert_int_equal(isms_entry_set(e, ISMS_FIELD_JUSTIFICATION, "Inga lokaler"), ISMS_OK);
    assert_int_equal(isms_document_add_assessment(doc, y25), ISMS_OK);

    /* The plan. */
    isms_plan *plan = isms_document_plan(doc);
    isms_action *act = NULL;
    assert_int_equal(isms_plan_add(&act, plan, "ACT1", "Införa MFA"), ISMS_OK);
    assert_int_equal(isms_action_set(act, ISMS_ACTION_DESCRIPTION, "Alla system"), ISMS_OK);
    assert_int_equal(isms_action_set(act, ISMS_ACTION_OWNER, "IT"), ISMS_OK);
    assert_int_equal(isms_action_set(act, ISMS_ACTION_DUE, "2026-03-31"), ISMS_OK);
    assert_int_equal(isms_action_set_effort_size(act, ISMS_EFFORT_M), ISMS_OK);
    assert_int_equal(isms_action_set_cost(act, 120000), ISMS_OK);
    assert_int_equal(isms_action_set_status(act, ISMS_ACTION_PLANNED), ISMS_OK);
    assert_int_equal(isms_action_add_target(act, ISMS_TARGET_RISK, "R1"), ISMS_OK);
    assert_int_equal(isms_action_add_target(act, ISMS_TARGET_REQUIREMENT, "A.5.1"), ISMS_OK);
    assert_int_equal(isms_action_add_target(act, ISMS_TARGET_ASSET, "A1"), ISMS_OK);
    assert_int_equal(isms_action_add_target(act, ISMS_TARGET_ANY, "R2"), ISMS_OK);
    assert_int_equal(isms_action_add_prerequisite(act, "ACT2"), ISMS_OK);
    assert_int_equal(isms_action_set_expected_residual(act, 1, 1), ISMS_OK);
    assert_int_equal(isms_action_set_expected_status(act, ISMS_STATUS_YES), ISMS_OK);
    assert_int_equal(isms_plan_add(&act, plan, "ACT2", "Utbildning"), ISMS_OK);
    assert_int_equal(isms_action_set_effort(act, 2.5), ISMS_OK);
    assert_int_equal(isms_action_set_status(act, ISMS_ACTION_IN_PROGRESS), ISMS_OK);
    assert_int_equal(isms_action_set_recurrence(act, ISMS_RECUR_YEARLY), ISMS_OK);
    assert_int_equal(isms_plan_add(NULL, plan, "ACT3", "Minimal"), ISMS_OK);

    /* Settings, none of them the default. */
    isms_settings s = isms_settings_default();
    s.priority.base = 0.2;
    s.priority.risk = 1.5;
    s.priority.reduction = 0.75;
    s.priority.requirement = 2;
    s.priority.asset = 0.25;
    s.priority.urgency = 3;
    s.priority.overdue = 1;
    s.priority.horizon_days = 180;
    s.priority.effort_unit = 10;
    s.priority.effort = 1;
    s.compliance.yes = 1;
    s.compliance.partial = 0.4;
    s.compliance.no = 0.1;
    s.unit = ISMS_PERIOD_QUARTER;
    s.start_year = 2026;
    s.periods = 8;
    static const double caps[8] = { 10, 10, 20, 0, 5.5, 5.5, 5.5, 5.5 };
    s.capacities = caps;
    static const char *const owners[2] = { "IT", "HR" };
    static const double owner_caps[2] = { 4, 2.5 };
    s.owners = owners;
    s.owner_capacity = owner_caps;
    s.owner_count = 2;
    s.strict = true;
    s.iterations = 50000;
    s.seed = 42;
    int rc = isms_document_set_settings(doc, &s);
    if (rc)
        fail_msg("settings: %s", isms_error_last()->message);
    return doc;
}

/* Text with a character of every kind: Swedish letters, quotes, a backslash, a line break. */
static void varied(char *buf, size_t size, const char *what, size_t i)
{
    static const char *const extra[] = { "", " – åäö ÅÄÖ", " \"citat\"", " C:\\mapp",
                                         "\nrad två", " 😀" };
    snprintf(buf, size, "%s %zu%s", what, i, extra[i % 6]);
}

/* A generated document: `n` risks (every tenth with a model), assessments of 2024 (2013, every
 * requirement) and 2025 (2022), n / 4 assets with relations, n / 2 actions. `tag` goes into
 * every title, so that two documents of the same size differ. */
static isms_document *big_document(size_t n, const char *tag)
{
    char id[64], text[160];
    isms_document *doc = NULL;
    assert_int_equal(isms_document_new(&doc, 2025), ISMS_OK);
    assert_int_equal(isms_document_set(doc, ISMS_DOC_ORGANISATION, "Storstads kommun"),
                     ISMS_OK);
    assert_int_equal(isms_document_set(doc, ISMS_DOC_TITLE, tag), ISMS_OK);
    isms_register *reg = isms_document_register(doc);
    for (size_t i = 0; i < n; i++) {
        isms_risk *r = NULL;
        snprintf(id, sizeof id, "R%zu", i + 1);
        varied(text, sizeof text, tag, i);
        assert_int_equal(isms_register_add(&r, reg, id, text, (int)(i % 4) + 1,
                                           (int)(i / 4 % 4) + 1), ISMS_OK);
        if (i % 3 == 0)
            assert_int_equal(isms_risk_set_treatment(r, (isms_treatment)(i % 5),
                                                     "Åtgärda enligt plan"), ISMS_OK);
        if (i % 5 == 0)
            assert_int_equal(isms_risk_set_residual(r, 1, (int)(i % 2) + 1), ISMS_OK);
        if (i % 7 == 0)
            assert_int_equal(isms_risk_set_owner(r, "Förvaltningschef"), ISMS_OK);
        if (i % 10 == 0) {
            isms_dist f, mag;
            assert_int_equal(isms_dist_pert(&f, 0.1, 0.1 + (double)(i % 13) / 7, 5,
                                            ISMS_PERT_GAMMA_DEFAULT, ISMS_PERT_CLASSIC),
                             ISMS_OK);
            assert_int_equal(isms_dist_lognormal90(&mag, 1000.5 + (double)i, 1e6 / 3),
                             ISMS_OK);
            isms_fair *model = NULL;
            assert_int_equal(isms_fair_new_simple(&model, id, &f, &mag), ISMS_OK);
            assert_int_equal(isms_document_set_model(doc, id, model), ISMS_OK);
        }
    }
    isms_assessment *a = NULL;
    assert_int_equal(isms_assessment_new(&a, ISMS_EDITION_2013, 2024, ISMS_SCOPE_BOTH),
                     ISMS_OK);
    assert_int_equal(isms_assessment_add_all(a), ISMS_OK);
    for (size_t i = 0; i < isms_assessment_count(a); i++) {
        isms_entry *e = isms_assessment_at(a, i);
        assert_int_equal(isms_entry_set_status(e, (isms_status)(i % 5)), ISMS_OK);
        varied(text, sizeof text, "Kommentar", i);
        assert_int_equal(isms_entry_set(e, ISMS_FIELD_COMMENT, text), ISMS_OK);
    }
    assert_int_equal(isms_document_add_assessment(doc, a), ISMS_OK);
    assert_int_equal(isms_assessment_new(&a, ISMS_EDITION_2022, 2025, ISMS_SCOPE_ANNEX_A),
                     ISMS_OK);
    assert_int_equal(isms_assessment_add_all(a), ISMS_OK);
    for (size_t i = 0; i < isms_assessment_count(a); i += 3)
        assert_int_equal(isms_entry_set_need(isms_assessment_at(a, i), (isms_need)(i % 5)),
                         ISMS_OK);
    assert_int_equal(isms_document_add_assessment(doc, a), ISMS_OK);

    isms_inventory *inv = isms_document_inventory(doc);
    size_t n_assets = n / 4 + 2;
    for (size_t i = 0; i < n_assets; i++) {
        isms_asset *asset = NULL;
        snprintf(id, sizeof id, "T%zu", i + 1);
        varied(text, sizeof text, "Tillgång", i);
        assert_int_equal(isms_inventory_add(&asset, inv, id, text,
                                            i % 2 ? ISMS_ASSET_SYSTEM : ISMS_ASSET_INFORMATION),
                         ISMS_OK);
        assert_int_equal(isms_asset_set_level(asset, (isms_aspect)(i % 4), (int)(i % 5)),
                         ISMS_OK);
        if (i % 2) {
            char info[64];
            snprintf(info, sizeof info, "T%zu", i);
            assert_int_equal(isms_inventory_link(inv, id, info, ISMS_REL_PROCESSES), ISMS_OK);
        }
    }
    isms_plan *plan = isms_document_plan(doc);
    for (size_t i = 0; i < n / 2; i++) {
        isms_action *act = NULL;
        snprintf(id, sizeof id, "ACT%zu", i + 1);
        varied(text, sizeof text, "Åtgärd", i);
        assert_int_equal(isms_plan_add(&act, plan, id, text), ISMS_OK);
        snprintf(id, sizeof id, "R%zu", i + 1);
        assert_int_equal(isms_action_add_target(act, ISMS_TARGET_RISK, id), ISMS_OK);
        if (i > 0) {
            snprintf(id, sizeof id, "ACT%zu", i);
            assert_int_equal(isms_action_add_prerequisite(act, id), ISMS_OK);
        }
        if (i % 4 == 0)
            assert_int_equal(isms_action_set_effort(act, (double)i / 8), ISMS_OK);
        else if (i % 4 == 1)
            assert_int_equal(isms_action_set_effort_size(act, (isms_effort_size)(i % 5 + 1)),
                             ISMS_OK);
    }
    return doc;
}

/* ---- the loader, when it is there ----------------------------------------------------- */

/* Write → isms_document_parse() → write gives the same bytes; returns the loaded document
 * (or NULL) for more checks. */
static isms_document *roundtrip(const isms_document *doc)
{
    size_t la, lb;
    char *a = write_doc(doc, &la);
    isms_document *back = NULL;
    int rc = isms_document_parse(&back, a, la, "written", NULL);
    if (rc != ISMS_OK) {
        const isms_error *e = isms_error_last();
        fail_msg("the written document does not load: %d %s:%u:%u: %s", rc,
                 e->source ? e->source : "", e->line, e->column, e->message);
    }
    char *b = write_doc(back, &lb);
    assert_text_equal(b, a);
    assert_int_equal(la, lb);
    isms_free(a);
    isms_free(b);
    return back;
}

/* ---- tests: what is written ----------------------------------------------------------- */

static void test_arguments(void **state)
{
    (void)state;
    isms_document *doc = NULL;
    assert_int_equal(isms_document_new(&doc, 2025), ISMS_OK);
    char *text = (char *)(uintptr_t)0x1;
    size_t len = 7;
    assert_int_equal(isms_document_write(NULL, &len, doc), ISMS_EINVAL);
    assert_int_equal(isms_document_write(&text, &len, NULL), ISMS_EINVAL);
    assert_ptr_equal(text, (char *)(uintptr_t)0x1);
    assert_int_equal(len, 7);
    assert_int_equal(isms_document_write(&text, NULL, doc), ISMS_OK); /* len may be NULL */
    assert_int_equal(text[strlen(text) - 1], '\n');
    isms_free(text);
    assert_int_equal(isms_document_save(NULL, "x.json"), ISMS_EINVAL);
    assert_int_equal(isms_document_save(doc, NULL), ISMS_EINVAL);
    assert_int_equal(isms_document_save(doc, ""), ISMS_EINVAL);
    isms_document_free(doc);
}

static void test_golden_minimal(void **state)
{
    (void)state;
    isms_document *doc = NULL;
    assert_int_equal(isms_document_new(&doc, 2025), ISMS_OK);
    assert_golden(doc, "minimal.json");
    isms_document_free(roundtrip(doc));
    isms_document_free(doc);
}

static void test_golden_full(void **state)
{
    (void)state;
    isms_document *doc = full_document();
    assert_golden(doc, "full.json");
    isms_document_free(doc);
}

/* Writing a model leaves out the values it does not have by asking for each, and a "no" sets
 * the last error; the caller's last error is there after a successful write, unchanged. */
static void test_keeps_last_error(void **state)
{
    (void)state;
    isms_document *doc = full_document();
    char *text = NULL;
    assert_int_equal(isms_document_write(&text, NULL, NULL), ISMS_EINVAL);
    char before[256];
    snprintf(before, sizeof before, "%s", isms_error_last()->message);
    assert_non_null(strstr(before, "NULL argument"));
    isms_free(write_doc(doc, NULL));
    assert_int_equal(isms_error_last()->code, ISMS_EINVAL);
    assert_string_equal(isms_error_last()->message, before);
    isms_error_clear();
    isms_free(write_doc(doc, NULL));
    assert_int_equal(isms_error_last()->code, ISMS_OK);
    assert_string_equal(isms_error_last()->message, "");
    isms_document_free(doc);
}

/* The written text sits in a block that fits it: 4 KiB for an empty document (about 800
 * bytes), under twice the length for a large one. The writer asked for 16 KiB and the NUL at
 * the start, which took 32 KiB for every document. */
static void test_text_block(void **state)
{
    (void)state;
    isms_document *doc = NULL;
    assert_int_equal(isms_document_new(&doc, 2024), ISMS_OK);
    size_t len = 0;
    char *text = write_doc(doc, &len);
    assert_in_range(len, 500, 2000);
    assert_text_block(text, len, 4096);
    isms_free(text);
    isms_document_free(doc);
    doc = big_document(300, "Block");
    text = write_doc(doc, &len);
    assert_true(len > 64 * 1024);
    assert_text_block(text, len, 4096);
    isms_free(text);
    isms_document_free(doc);
}

static void test_deterministic(void **state)
{
    (void)state;
    isms_document *doc = big_document(300, "Bestämd");
    size_t la, lb;
    char *a = write_doc(doc, &la), *b = write_doc(doc, &lb);
    assert_int_equal(la, lb);
    assert_memory_equal(a, b, la);
    isms_free(a);
    isms_free(b);
    isms_document_free(doc);
}

/* What a document holds that has no value is left out: unset levels, a residual with one
 * level, an unknown effort and cost, a start year of 0, an empty date, empty texts. */
static void test_left_out(void **state)
{
    (void)state;
    isms_document *doc = NULL;
    assert_int_equal(isms_document_new(&doc, 2025), ISMS_OK);
    isms_register *reg = isms_document_register(doc);
    isms_risk *r = NULL;
    assert_int_equal(isms_register_add(&r, reg, "R1", "Ej bedömd", UNSET, 3), ISMS_OK);
    assert_int_equal(isms_risk_set_residual(r, 2, UNSET), ISMS_OK);
    isms_action *act = NULL;
    assert_int_equal(isms_plan_add(&act, isms_document_plan(doc), "A1", "Noll"), ISMS_OK);
    assert_int_equal(isms_action_set_effort(act, 0), ISMS_OK);
    assert_int_equal(isms_action_set_cost(act, 0), ISMS_OK);
    assert_int_equal(isms_plan_add(&act, isms_document_plan(doc), "A2", ""), ISMS_OK);
    char *text = write_doc(doc, NULL);
    assert_has(text, "      \"title\": \"Ej bedömd\",\n"
                          "      \"consequence\": 3,\n"
                          "      \"residual\": {\n"
                          "        \"likelihood\": 2\n"
                          "      },\n"
                          "      \"treatment\": \"none\",\n"
                          "      \"status\": \"open\"\n"
                          "    }\n");
    /* A known effort and cost of 0 are written; unknown ones are not. */
    assert_has(text, "      \"title\": \"Noll\",\n"
                          "      \"effort\": 0,\n"
                          "      \"cost\": 0,\n"
                          "      \"status\": \"proposed\",\n");
    assert_has(text, "      \"id\": \"A2\",\n"
                          "      \"title\": \"\",\n"
                          "      \"status\": \"proposed\",\n"
                          "      \"recurrence\": \"none\",\n"
                          "      \"targets\": [],\n"
                          "      \"prerequisites\": []\n"
                          "    }\n");
    assert_null(strstr(text, "\"date\""));
    assert_null(strstr(text, "\"start\""));
    assert_null(strstr(text, "\"unit\": \"\""));
    isms_free(text);
    isms_document_free(doc);
}

/* A matrix built like a preset is written as the preset's name; one that differs in anything,
 * or has another name, in full. */
static isms_matrix *clone_matrix(const char *preset, const char *name, int acceptance_delta,
                                 const char *changed_label)
{
    isms_matrix *p = NULL;
    assert_int_equal(isms_matrix_preset(&p, preset), ISMS_OK);
    isms_matrix_builder *b = NULL;
    assert_int_equal(isms_matrix_builder_new(&b, name), ISMS_OK);
    for (int a = 0; a < 2; a++)
        for (size_t i = 0; i < isms_matrix_level_count(p, (isms_axis)a); i++) {
            isms_level l;
            assert_int_equal(isms_matrix_level(&l, p, (isms_axis)a, i), ISMS_OK);
            const char *en = changed_label && a == 1 && i == 0 ? changed_label : l.label_en;
            assert_int_equal(isms_matrix_builder_add_level(b, (isms_axis)a, l.value,
                                                           l.label_sv, en, l.description),
                             ISMS_OK);
        }
    for (size_t i = 0; i < isms_matrix_band_count(p); i++) {
        isms_band band;
        assert_int_equal(isms_matrix_band(&band, p, i), ISMS_OK);
        assert_int_equal(isms_matrix_builder_add_band(b, band.name, band.min_value,
                                                      band.max_value, band.color,
                                                      band.label_sv, band.label_en), ISMS_OK);
    }
    assert_int_equal(isms_matrix_builder_set_acceptance(b, isms_matrix_acceptance(p) +
                                                               acceptance_delta), ISMS_OK);
    isms_matrix *m = NULL;
    assert_int_equal(isms_matrix_builder_build(&m, b), ISMS_OK);
    isms_matrix_builder_free(b);
    isms_matrix_free(p);
    return m;
}

static char *text_with_matrix(isms_matrix *m)
{
    isms_document *doc = NULL;
    assert_int_equal(isms_document_new(&doc, 2025), ISMS_OK);
    assert_int_equal(isms_document_set_matrix(doc, m), ISMS_OK);
    isms_matrix_free(m);
    char *text = write_doc(doc, NULL);
    isms_document_free(roundtrip(doc));
    isms_document_free(doc);
    return text;
}

static void test_matrix_presets(void **state)
{
    (void)state;
    static const char *const presets[] = { "4x4", "5x5", "3x3" };
    for (size_t i = 0; i < 3; i++) {
        char want[64];
        snprintf(want, sizeof want, "\n  \"matrix\": \"%s\",\n", presets[i]);
        isms_matrix *m = NULL;
        assert_int_equal(isms_matrix_preset(&m, presets[i]), ISMS_OK);
        char *text = text_with_matrix(m);
        assert_has(text, want);
        isms_free(text);
        text = text_with_matrix(clone_matrix(presets[i], presets[i], 0, NULL));
        assert_has(text, want);
        isms_free(text);
    }
    /* The same levels and bands under another name; another acceptance; another label. */
    char *text = text_with_matrix(clone_matrix("4x4", "Vår 4x4", 0, NULL));
    assert_has(text, "\n  \"matrix\": {\n    \"name\": \"Vår 4x4\",\n"
                          "    \"formula\": \"product\",\n    \"likelihood\": [\n");
    assert_null(strstr(text, "\"grid\""));
    isms_free(text);
    text = text_with_matrix(clone_matrix("4x4", "4x4", 1, NULL));
    assert_has(text, "\n  \"matrix\": {\n    \"name\": \"4x4\",\n");
    assert_has(text, "\n    \"acceptance\": 4\n  },\n  \"classification\"");
    isms_free(text);
    text = text_with_matrix(clone_matrix("5x5", "5x5", 0, "Tiny"));
    assert_has(text, "\n  \"matrix\": {\n    \"name\": \"5x5\",\n");
    assert_has(text, "\"label_en\": \"Tiny\"");
    isms_free(text);
}

static isms_scheme *clone_scheme(const char *preset, const char *name, const char *description)
{
    isms_scheme *p = NULL;
    assert_int_equal(isms_scheme_preset(&p, preset), ISMS_OK);
    isms_scheme_builder *b = NULL;
    assert_int_equal(isms_scheme_builder_new(&b, name), ISMS_OK);
    for (int a = 0; a < ISMS_ASPECTS; a++)
        for (size_t i = 0; i < isms_scheme_level_count(p, (isms_aspect)a); i++) {
            isms_class_level l;
            assert_int_equal(isms_scheme_level(&l, p, (isms_aspect)a, i), ISMS_OK);
            assert_int_equal(isms_scheme_builder_add_level(b, (isms_aspect)a, l.value,
                                                           l.label_sv, l.label_en,
                                                           description && i == 0
                                                               ? description
                                                               : l.description),
                             ISMS_OK);
        }
    isms_scheme *s = NULL;
    assert_int_equal(isms_scheme_builder_build(&s, b), ISMS_OK);
    isms_scheme_builder_free(b);
    isms_scheme_free(p);
    return s;
}

/* The text of a document whose inventory has `scheme` and, unless NULL, `floors`. */
static char *text_with_scheme(isms_scheme *scheme, const isms_floors *floors)
{
    isms_document *doc = NULL;
    assert_int_equal(isms_document_new(&doc, 2025), ISMS_OK);
    isms_inventory *inv = NULL;
    assert_int_equal(isms_inventory_new(&inv, scheme), ISMS_OK);
    isms_scheme_free(scheme);
    if (floors)
        assert_int_equal(isms_inventory_set_floors(inv, floors), ISMS_OK);
    assert_int_equal(isms_document_set_inventory(doc, inv), ISMS_OK);
    char *text = write_doc(doc, NULL);
    isms_document_free(roundtrip(doc));
    isms_document_free(doc);
    return text;
}

static void test_scheme_presets(void **state)
{
    (void)state;
    static const char *const presets[] = { "klassa", "klassa-cia", "fips199" };
    for (size_t i = 0; i < 3; i++) {
        char want[96];
        snprintf(want, sizeof want, "\n  \"classification\": {\n    \"scheme\": \"%s\"\n  },\n",
                 presets[i]);
        isms_scheme *s = NULL;
        assert_int_equal(isms_scheme_preset(&s, presets[i]), ISMS_OK);
        char *text = text_with_scheme(s, NULL);
        assert_has(text, want);
        isms_free(text);
        text = text_with_scheme(clone_scheme(presets[i], presets[i], NULL), NULL);
        assert_has(text, want);
        isms_free(text);
    }
    char *text = text_with_scheme(clone_scheme("klassa", "klassa", "Försumbar"), NULL);
    assert_has(text, "\n  \"classification\": {\n    \"scheme\": {\n"
                          "      \"name\": \"klassa\",\n      \"confidentiality\": [\n"
                          "        {\n          \"value\": 0,\n");
    assert_has(text, "\"description\": \"Försumbar\"");
    assert_has(text, "      \"traceability\": [\n");
    isms_free(text);
    /* klassa-cia has no traceability, so the key is left out. */
    text = text_with_scheme(clone_scheme("klassa-cia", "Vår", NULL), NULL);
    assert_has(text, "\"name\": \"Vår\"");
    assert_null(strstr(text, "traceability"));
    isms_free(text);
}

static void test_floors(void **state)
{
    (void)state;
    isms_scheme *s = NULL;
    isms_floors floors;
    /* The default floors, set explicitly, are still the default: left out. */
    assert_int_equal(isms_scheme_preset(&s, "klassa"), ISMS_OK);
    assert_int_equal(isms_floors_default(&floors, s), ISMS_OK);
    char *text = text_with_scheme(s, &floors);
    assert_has(text, "\"scheme\": \"klassa\"\n  },\n");
    isms_free(text);
    /* One floor changed: all floors are written, kinds without any left out. */
    assert_int_equal(isms_scheme_preset(&s, "klassa"), ISMS_OK);
    floors.min[3][ISMS_ASPECT_CONFIDENTIALITY] = 3; /* pin */
    floors.min[0][ISMS_ASPECT_CONFIDENTIALITY] = ISMS_CLASS_UNSET; /* ordinary: none left */
    text = text_with_scheme(s, &floors);
    assert_has(text, "    \"scheme\": \"klassa\",\n"
                          "    \"floors\": {\n"
                          "      \"special\": {\n"
                          "        \"confidentiality\": 3,\n"
                          "        \"integrity\": 2\n"
                          "      },\n"
                          "      \"criminal\": {\n"
                          "        \"confidentiality\": 3,\n"
                          "        \"integrity\": 2\n"
                          "      },\n"
                          "      \"pin\": {\n"
                          "        \"confidentiality\": 3\n"
                          "      }\n"
                          "    }\n"
                          "  },\n");
    isms_free(text);
    /* No floors at all. */
    assert_int_equal(isms_scheme_preset(&s, "fips199"), ISMS_OK);
    for (int k = 0; k < ISMS_PDATA_KINDS; k++)
        for (int a = 0; a < ISMS_ASPECTS; a++)
            floors.min[k][a] = ISMS_CLASS_UNSET;
    text = text_with_scheme(s, &floors);
    assert_has(text, "    \"scheme\": \"fips199\",\n    \"floors\": {}\n  },\n");
    isms_free(text);
}

/* ---- escaping ------------------------------------------------------------------------- */

static void test_escaping(void **state)
{
    (void)state;
    isms_document *doc = NULL;
    assert_int_equal(isms_document_new(&doc, 2025), ISMS_OK);
    static const char hostile[] =
        "q\" b\\ s/ n\n t\t r\r b\b f\f bel\x07 us\x1f del\x7f é 😀 \xe2\x80\xa8 \xe2\x80\xa9 "
        "\xef\xbf\xbf \xf4\x8f\xbf\xbf }]\",\"x\":\"";
    static const char escaped[] =
        "\"q\\\" b\\\\ s/ n\\n t\\t r\\r b\\b f\\f bel\\u0007 us\\u001f del\x7f é 😀 "
        "\xe2\x80\xa8 \xe2\x80\xa9 \xef\xbf\xbf \xf4\x8f\xbf\xbf }]\\\",\\\"x\\\":\\\"\"";
    assert_int_equal(isms_document_add_context(doc, hostile, "\x01\x02\x03"), ISMS_OK);
    assert_int_equal(isms_document_set(doc, ISMS_DOC_ORGANISATION, hostile), ISMS_OK);
    isms_register *reg = isms_document_register(doc);
    assert_int_equal(isms_register_add(NULL, reg, hostile, hostile, 1, 1), ISMS_OK);
    assert_int_equal(isms_inventory_add(NULL, isms_document_inventory(doc), "\"HR\"", "HR",
                                        ISMS_ASSET_PROCESS), ISMS_OK);
    isms_action *act = NULL;
    assert_int_equal(isms_plan_add(&act, isms_document_plan(doc), "A1", hostile), ISMS_OK);
    assert_int_equal(isms_action_add_target(act, ISMS_TARGET_ASSET, "\"HR\""), ISMS_OK);
    char *text = write_doc(doc, NULL);
    char want[512];
    snprintf(want, sizeof want, "\n  \"organisation\": %s,\n", escaped);
    assert_has(text, want);
    snprintf(want, sizeof want,
             "\n      \"title\": %s,\n      \"text\": \"\\u0001\\u0002\\u0003\"\n", escaped);
    assert_has(text, want);
    snprintf(want, sizeof want, "\n      \"id\": %s,\n      \"title\": %s,\n", escaped, escaped);
    assert_has(text, want);
    assert_has(text, "\n        \"asset:\\\"HR\\\"\"\n");
    /* Nothing else is escaped: no \u but the control characters' */
    size_t n_u = 0;
    for (const char *p = text; (p = strstr(p, "\\u")) != NULL; p++)
        n_u++;
    assert_int_equal(n_u, 5 * 2 + 3); /* \u0007 and \u001f in five places, \u0001–3 once */
    {
        isms_document *back = roundtrip(doc);
        assert_string_equal(isms_document_get(back, ISMS_DOC_ORGANISATION), hostile);
        const char *title = NULL, *ctext = NULL;
        assert_int_equal(isms_document_context(&title, &ctext, back, 0), ISMS_OK);
        assert_string_equal(title, hostile);
        assert_string_equal(ctext, "\x01\x02\x03");
        isms_register *breg = isms_document_register(back);
        assert_string_equal(isms_risk_title(isms_register_find(breg, hostile)), hostile);
        isms_document_free(back);
    }
    isms_free(text);
    isms_document_free(doc);
}

/* Text that is not UTF-8 cannot get into a document: the setters refuse it, naming the byte,
 * and the document stays as it was and writes. The writer keeps its own check for text that
 * would get in some other way; it is tested on the JSON writer itself, with the path a
 * document's value has: the error names the path of the value and the byte. */
static void test_invalid_utf8(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        const char *setter; /* the setter's message */
        const char *byte;   /* the writer's */
    } bad[] = {
        { "bad \xff", "owner: not UTF-8 at byte 5 (0xFF)", "byte 5 is 0xFF" },
        { "\xc0\xaf", "owner: not UTF-8 at byte 1 (0xC0)", "byte 1 is 0xC0" }, /* overlong '/' */
        { "ab\xed\xa0\x80", "owner: not UTF-8 at byte 3 (0xED)", "byte 3 is 0xED" }, /* surrogate */
        { "\xe2\x82", "owner: not UTF-8 at byte 1 (0xE2)", "byte 1 is 0xE2" },  /* cut short */
        { "x\xf4\x90\x80\x80", "owner: not UTF-8 at byte 2 (0xF4)",
          "byte 2 is 0xF4" },                                                  /* > U+10FFFF */
        { "\x80", "owner: not UTF-8 at byte 1 (0x80)", "byte 1 is 0x80" }, /* lone continuation */
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        isms_document *doc = NULL;
        assert_int_equal(isms_document_new(&doc, 2025), ISMS_OK);
        isms_register *reg = isms_document_register(doc);
        assert_int_equal(isms_register_add(NULL, reg, "R1", "Bra", 1, 1), ISMS_OK);
        assert_int_equal(isms_register_add(NULL, reg, "R2", "Bra", 1, 1), ISMS_OK);
        isms_risk *r = NULL;
        assert_int_equal(isms_register_add(&r, reg, "R3", "Bra", 1, 1), ISMS_OK);
        assert_int_equal(isms_risk_set_owner(r, "IT"), ISMS_OK);
        char *before = write_doc(doc, NULL);
        assert_int_equal(isms_risk_set_owner(r, bad[i].text), ISMS_EINVAL);
        assert_error(ISMS_EINVAL, bad[i].setter);
        assert_string_equal(isms_risk_owner(r), "IT");
        char *after = write_doc(doc, NULL);
        assert_string_equal(after, before);
        isms_free(after);
        isms_free(before);
        isms_document_free(doc);

        /* The writer: "$.risks[2].owner" holding the same text fails the write. */
        isms__buf b;
        isms__buf_init(&b);
        isms__json w;
        isms__json_init(&w, &b, "the document", 0);
        isms__json_open_object(&w, false);
        ISMS__JSON_KEY(&w, "risks");
        isms__json_open_array(&w, false);
        for (int k = 0; k < 3; k++) {
            isms__json_element(&w);
            isms__json_open_object(&w, false);
            ISMS__JSON_KEY(&w, "owner");
            isms__json_string(&w, k == 2 ? bad[i].text : "IT");
            isms__json_close(&w);
        }
        isms__json_close(&w);
        isms__json_close(&w);
        assert_int_equal(w.err, ISMS_EINVAL);
        assert_error(ISMS_EINVAL, "$.risks[2].owner: the text is not valid UTF-8");
        assert_error(ISMS_EINVAL, bad[i].byte);
        isms__buf_free(&b);
    }
    /* Deeper: an entry's extra cell, under a header of its own. The setter refuses it. */
    isms_assessment *a = NULL;
    assert_int_equal(isms_assessment_new(&a, ISMS_EDITION_2022, 2025, ISMS_SCOPE_BOTH),
                     ISMS_OK);
    size_t col;
    assert_int_equal(isms_assessment_add_extra(&col, a, "Egen"), ISMS_OK);
    isms_entry *e = NULL;
    assert_int_equal(isms_assessment_add(&e, a, "4.1"), ISMS_OK);
    assert_int_equal(isms_assessment_add(&e, a, "4.2"), ISMS_OK);
    assert_int_equal(isms_entry_set_extra(e, col, "ok"), ISMS_OK);
    assert_int_equal(isms_entry_set_extra(e, col, "\xfe"), ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "extra column 0: not UTF-8 at byte 1 (0xFE)");
    assert_string_equal(isms_entry_extra(e, col), "ok");
    isms_document *doc = NULL;
    assert_int_equal(isms_document_new(&doc, 2025), ISMS_OK);
    assert_int_equal(isms_document_add_assessment(doc, a), ISMS_OK);
    char *text = write_doc(doc, NULL);
    assert_has(text, "\"ok\"");
    isms_free(text);
    isms_document_free(doc);
    /* The writer, at the same depth. */
    isms__buf b;
    isms__buf_init(&b);
    isms__json w;
    isms__json_init(&w, &b, "the document", 0);
    isms__json_open_object(&w, false);
    ISMS__JSON_KEY(&w, "assessments");
    isms__json_open_array(&w, false);
    isms__json_element(&w);
    isms__json_open_object(&w, false);
    ISMS__JSON_KEY(&w, "entries");
    isms__json_open_array(&w, false);
    for (int k = 0; k < 2; k++) {
        isms__json_element(&w);
        isms__json_open_object(&w, false);
        ISMS__JSON_KEY(&w, "extra");
        isms__json_open_array(&w, true);
        isms__json_element(&w);
        isms__json_string(&w, k == 1 ? "\xfe" : "");
        isms__json_close(&w);
        isms__json_close(&w);
    }
    assert_int_equal(w.err, ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "$.assessments[0].entries[1].extra[0]: the text is not valid");
    isms__buf_free(&b);
}

/* ---- numbers -------------------------------------------------------------------------- */

static void test_double_format(void **state)
{
    (void)state;
    static const struct {
        double v;
        const char *text;
    } cases[] = {
        { 0.1, "0.1" },
        { 1e-300, "1e-300" },
        { 123456789.123, "123456789.123" },
        { 2.5, "2.5" },
        { 0, "0" },
        { -0.0, "0" },
        { 3, "3" },
        { -7, "-7" },
        { 120000, "120000" },
        { 999999999999999, "999999999999999" },
        { 1e15, "1e+15" },
        { -1.5e300, "-1.5e+300" },
        { 0.30000000000000004, "0.30000000000000004" }, /* 0.1 + 0.2: 17 digits */
        { 1.0 / 3, "0.3333333333333333" },              /* 16 digits */
        { 2.0 / 3, "0.6666666666666666" },
        { DBL_MAX, "1.7976931348623157e+308" },
        { DBL_MIN, "2.2250738585072014e-308" },
        { 5e-324, "4.94065645841247e-324" }, /* the smallest denormal: 15 digits read back */
        { 1e21, "1e+21" },
        { 0.000001, "1e-06" },
    };
    char buf[40];
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        int n = isms__doc_double(buf, sizeof buf, cases[i].v);
        assert_int_equal(n, (int)strlen(cases[i].text));
        assert_string_equal(buf, cases[i].text);
        assert_true(strtod(buf, NULL) == cases[i].v);
    }
    assert_int_equal(isms__doc_double(buf, sizeof buf, NAN), 0);
    assert_int_equal(isms__doc_double(buf, sizeof buf, INFINITY), 0);
    assert_int_equal(isms__doc_double(buf, sizeof buf, -INFINITY), 0);
    assert_int_equal(isms__doc_double(buf, 31, 1.5), 0); /* too small a buffer */
    /* Any double reads back the same, and no shorter precision would have (for denormals,
     * whose precision is less, 15 digits may be more than needed). */
    uint64_t rng = 0x2545F4914F6CDD1DULL;
    const int doubles = under_valgrind() ? 20000 : 200000;
    for (int i = 0; i < doubles; i++) {
        uint64_t bits = ((uint64_t)next_rand(&rng) << 32) | next_rand(&rng);
        double v;
        memcpy(&v, &bits, sizeof v);
        if (!isfinite(v))
            continue;
        int n = isms__doc_double(buf, sizeof buf, v);
        assert_true(n > 0 && n <= 24);
        assert_true(strtod(buf, NULL) == v);
        if (fabs(v) >= DBL_MIN) { /* denormals may need fewer digits than 15 */
            char shorter[40];
            snprintf(shorter, sizeof shorter, "%.14g", v);
            assert_false(strtod(shorter, NULL) == v && strlen(shorter) < (size_t)n &&
                         v != floor(v));
        }
    }
}

/* Doubles in a document are written shortest and read back exactly. */
static void test_doubles_roundtrip(void **state)
{
    (void)state;
    static const double values[] = { 0.1, 1e-300, 123456789.123, 2.5 };
    isms_document *doc = NULL;
    assert_int_equal(isms_document_new(&doc, 2025), ISMS_OK);
    isms_register *reg = isms_document_register(doc);
    for (size_t i = 0; i < 4; i++) {
        char id[8];
        snprintf(id, sizeof id, "R%zu", i);
        assert_int_equal(isms_register_add(NULL, reg, id, "Risk", 1, 1), ISMS_OK);
        isms_dist f, mag;
        assert_int_equal(isms_dist_constant(&f, values[i] < 1 ? values[i] : 1), ISMS_OK);
        assert_int_equal(isms_dist_constant(&mag, values[i]), ISMS_OK);
        isms_fair *model = NULL;
        assert_int_equal(isms_fair_new_simple(&model, id, &f, &mag), ISMS_OK);
        assert_int_equal(isms_document_set_model(doc, id, model), ISMS_OK);
    }
    isms_settings s = isms_settings_default();
    s.priority.base = 0.1;
    s.priority.horizon_days = 123456789.123;
    s.priority.effort_unit = 2.5;
    s.capacity = 1e-300;
    assert_int_equal(isms_document_set_settings(doc, &s), ISMS_OK);
    char *text = write_doc(doc, NULL);
    assert_has(text, "\"value\": 0.1\n");
    assert_has(text, "\"value\": 1e-300\n");
    assert_has(text, "\"value\": 123456789.123\n");
    assert_has(text, "\"value\": 2.5\n");
    assert_has(text, "\"base\": 0.1,\n");
    assert_has(text, "\"horizon_days\": 123456789.123,\n");
    assert_has(text, "\"effort_unit\": 2.5,\n");
    assert_has(text, "\"capacity\": 1e-300,\n");
    isms_free(text);
    {
        isms_document *back = roundtrip(doc);
        for (size_t i = 0; i < 4; i++) {
            char id[8];
            snprintf(id, sizeof id, "R%zu", i);
            isms_dist d;
            assert_int_equal(isms_fair_get(&d, isms_document_model(back, id), ISMS_FAIR_LM),
                             ISMS_OK);
            assert_true(d.value == values[i]);
        }
        isms_settings t;
        assert_int_equal(isms_document_settings(&t, back), ISMS_OK);
        assert_true(t.priority.base == 0.1);
        assert_true(t.priority.horizon_days == 123456789.123);
        assert_true(t.capacity == 1e-300);
        isms_document_free(back);
    }
    isms_document_free(doc);
}

/* ---- round trips ---------------------------------------------------------------------- */

static void test_roundtrip_full(void **state)
{
    (void)state;
    isms_document *doc = full_document();
    isms_document *back = roundtrip(doc);
    /* A few values, to be sure it is the same document and not only the same text. */
    assert_string_equal(isms_document_get(back, ISMS_DOC_UNIT), "Socialförvaltningen");
    assert_int_equal(isms_document_lang(back), ISMS_LANG_EN);
    assert_string_equal(isms_matrix_name(isms_register_matrix(isms_document_register(back))),
                        "kommun-3x3");
    assert_int_equal(isms_document_model_count(back), 2);
    assert_int_equal(isms_document_assessment_count(back), 2);
    isms_settings s;
    assert_int_equal(isms_document_settings(&s, back), ISMS_OK);
    assert_int_equal(s.periods, 8);
    assert_non_null(s.capacities);
    assert_true(s.capacities[4] == 5.5);
    assert_int_equal(s.seed, 42);
    isms_document_free(back);
    isms_document_free(doc);
}

static void test_roundtrip_big(void **state)
{
    (void)state;
    isms_document *doc = big_document(2000, "Stor");
    isms_document *back = roundtrip(doc);
    assert_int_equal(isms_register_count(isms_document_register(back)), 2000);
    assert_int_equal(isms_document_model_count(back), 200);
    assert_int_equal(isms_plan_count(isms_document_plan(back)), 1000);
    isms_document_free(back);
    isms_document_free(doc);
}

/* What a table import can give, built through the API: levels off the matrix's scales and
 * at the ends of the int range, risks not assessed, one residual level, empty titles and
 * names, a risk id longer than 256 bytes, targets that name nothing (of each kind), repeated
 * extra headers with their cells. It is written, loads, and is written the same. */
static isms_document *lenient_document(void)
{
    isms_document *doc = NULL;
    assert_int_equal(isms_document_new(&doc, 2025), ISMS_OK);
    isms_register *reg = isms_document_register(doc);
    isms_risk *r = NULL;
    assert_int_equal(isms_register_add(&r, reg, "R1", "", 7, 0), ISMS_OK); /* 4x4 */
    assert_int_equal(isms_risk_set_stated_value(r, -2147483647), ISMS_OK);
    assert_int_equal(isms_risk_set_residual(r, UNSET, 9), ISMS_OK);
    assert_int_equal(isms_register_add(&r, reg, "R2", "Ej bedömd", UNSET, UNSET), ISMS_OK);
    assert_int_equal(isms_risk_set_residual(r, 1, UNSET), ISMS_OK);
    assert_int_equal(isms_register_add(&r, reg, "R3", "Ytterlighet", 2147483647, -2147483647),
                     ISMS_OK);
    char long_id[301];
    memset(long_id, 'R', 300);
    long_id[300] = '\0';
    assert_int_equal(isms_register_add(NULL, reg, long_id, "Långt id", 2, UNSET), ISMS_OK);

    isms_inventory *inv = isms_document_inventory(doc);
    assert_int_equal(isms_inventory_add(NULL, inv, "HR", "", ISMS_ASSET_INFORMATION), ISMS_OK);

    isms_assessment *as = NULL;
    assert_int_equal(isms_assessment_new(&as, ISMS_EDITION_2022, 2025, ISMS_SCOPE_BOTH),
                     ISMS_OK);
    assert_int_equal(isms_assessment_add_extra(NULL, as, "Kommentar"), ISMS_OK);
    assert_int_equal(isms_assessment_add_extra(NULL, as, "Kommentar"), ISMS_OK);
    assert_int_equal(isms_assessment_add_extra(NULL, as, " Prio "), ISMS_OK);
    isms_entry *e = NULL;
    assert_int_equal(isms_assessment_add(&e, as, "6.1.2"), ISMS_OK);
    assert_int_equal(isms_entry_set_extra(e, 0, "Första"), ISMS_OK);
    assert_int_equal(isms_entry_set_extra(e, 1, "Andra"), ISMS_OK);
    assert_int_equal(isms_assessment_add(&e, as, "6.1.3"), ISMS_OK);
    assert_int_equal(isms_entry_set_extra(e, 1, "Bara andra"), ISMS_OK);
    assert_int_equal(isms_assessment_add(&e, as, "A.5.1"), ISMS_OK);
    assert_int_equal(isms_entry_set_extra(e, 2, "1"), ISMS_OK);
    assert_int_equal(isms_entry_set_extra(e, 0, ""), ISMS_OK);
    assert_int_equal(isms_assessment_add(NULL, as, "A.5.2"), ISMS_OK);
    assert_int_equal(isms_document_add_assessment(doc, as), ISMS_OK);

    isms_plan *plan = isms_document_plan(doc);
    isms_action *act = NULL;
    assert_int_equal(isms_plan_add(&act, plan, "A1", ""), ISMS_OK);
    assert_int_equal(isms_action_add_target(act, ISMS_TARGET_RISK, "R9"), ISMS_OK);
    assert_int_equal(isms_action_add_target(act, ISMS_TARGET_REQUIREMENT, "9.9"), ISMS_OK);
    assert_int_equal(isms_action_add_target(act, ISMS_TARGET_ASSET, "X"), ISMS_OK);
    assert_int_equal(isms_action_add_target(act, ISMS_TARGET_ANY, "Q7"), ISMS_OK);
    assert_int_equal(isms_action_add_target(act, ISMS_TARGET_ANY, "foo:bar"), ISMS_OK);
    assert_int_equal(isms_action_add_target(act, ISMS_TARGET_RISK, "asset:Y"), ISMS_OK);
    assert_int_equal(isms_action_add_target(act, ISMS_TARGET_RISK, "R1"), ISMS_OK);
    assert_int_equal(isms_action_set_expected_residual(act, 0, 100), ISMS_OK);
    assert_int_equal(isms_action_set_expected_status(act, ISMS_STATUS_PARTIAL), ISMS_OK);
    assert_int_equal(isms_plan_add(NULL, plan, "A2", ""), ISMS_OK);
    return doc;
}

static void check_target(const isms_action *a, size_t i, isms_target_kind kind, const char *id)
{
    isms_target t;
    assert_int_equal(isms_action_target(&t, a, i), ISMS_OK);
    assert_int_equal(t.kind, kind);
    assert_string_equal(t.id, id);
}

static void test_roundtrip_lenient(void **state)
{
    (void)state;
    isms_document *doc = lenient_document();
    char *text = write_doc(doc, NULL);
    /* What the loader must read back. */
    assert_has(text, "      \"title\": \"\",\n"
                     "      \"likelihood\": 7,\n"
                     "      \"consequence\": 0,\n"
                     "      \"stated_value\": -2147483647,\n"
                     "      \"residual\": {\n"
                     "        \"consequence\": 9\n"
                     "      },\n");
    assert_has(text, "      \"title\": \"Ej bedömd\",\n"
                     "      \"residual\": {\n"
                     "        \"likelihood\": 1\n"
                     "      },\n");
    assert_has(text, "\"Kommentar\",\n        \"Kommentar\",\n        \" Prio \"\n");
    assert_has(text, "\"extra\": [\n            \"\",\n            \"\",\n            \"1\"\n");
    assert_has(text, "\"risk:R9\",\n        \"req:9.9\",\n        \"asset:X\",\n"
                     "        \"Q7\",\n        \"foo:bar\",\n        \"risk:asset:Y\",\n");
    isms_free(text);

    isms_document *back = roundtrip(doc);
    const isms_register *reg = isms_document_register(back);
    assert_int_equal(isms_register_count(reg), 4);
    const isms_risk *r = isms_register_at(reg, 0);
    assert_string_equal(isms_risk_title(r), "");
    assert_int_equal(isms_risk_likelihood(r), 7);
    assert_int_equal(isms_risk_consequence(r), 0);
    assert_int_equal(isms_risk_stated_value(r), -2147483647);
    assert_int_equal(isms_risk_residual_likelihood(r), UNSET);
    assert_int_equal(isms_risk_residual_consequence(r), 9);
    r = isms_register_at(reg, 1);
    assert_int_equal(isms_risk_likelihood(r), UNSET);
    assert_int_equal(isms_risk_consequence(r), UNSET);
    assert_int_equal(isms_risk_residual_likelihood(r), 1);
    assert_int_equal(isms_risk_residual_consequence(r), UNSET);
    r = isms_register_at(reg, 2);
    assert_int_equal(isms_risk_likelihood(r), 2147483647);
    assert_int_equal(isms_risk_consequence(r), -2147483647);
    assert_int_equal(strlen(isms_risk_id(isms_register_at(reg, 3))), 300);
    assert_string_equal(isms_asset_get(isms_inventory_at(isms_document_inventory(back), 0),
                                       ISMS_ASSET_NAME), "");
    const isms_assessment *as = isms_document_current(back);
    assert_int_equal(isms_assessment_extra_count(as), 3);
    assert_string_equal(isms_assessment_extra_name(as, 1), "Kommentar");
    assert_string_equal(isms_entry_extra(isms_assessment_find(as, "6.1.3"), 1), "Bara andra");
    assert_string_equal(isms_entry_extra(isms_assessment_find(as, "A.5.1"), 2), "1");
    const isms_action *a = isms_plan_at(isms_document_plan(back), 0);
    assert_string_equal(isms_action_get(a, ISMS_ACTION_TITLE), "");
    assert_int_equal(isms_action_target_count(a), 7);
    check_target(a, 0, ISMS_TARGET_RISK, "R9");
    check_target(a, 1, ISMS_TARGET_REQUIREMENT, "9.9");
    check_target(a, 2, ISMS_TARGET_ASSET, "X");
    check_target(a, 3, ISMS_TARGET_ANY, "Q7");
    check_target(a, 4, ISMS_TARGET_ANY, "foo:bar");
    check_target(a, 5, ISMS_TARGET_RISK, "asset:Y");
    check_target(a, 6, ISMS_TARGET_RISK, "R1");
    int l, c;
    isms_action_expected_residual(&l, &c, a);
    assert_int_equal(l, 0);
    assert_int_equal(c, 100);
    assert_int_equal(isms_action_expected_status(a), ISMS_STATUS_PARTIAL);
    isms_document_free(back);
    isms_document_free(doc);
}

/* ---- saving --------------------------------------------------------------------------- */

/* A new empty directory (the caller removes it); `dir` receives its path. */
static void make_dir(char *dir, size_t size)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, size, "%s/isms-doc-save-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    assert_non_null(mkdtemp(dir));
}

static void test_save_keeps_mode(void **state)
{
    (void)state;
    char dir[256], path[300];
    make_dir(dir, sizeof dir);
    snprintf(path, sizeof path, "%s/isms.json", dir);
    isms_document *doc = full_document();
    write_old_file(path, 0640);
    assert_int_equal(isms_document_save(doc, path), ISMS_OK);
    assert_file_mode(path, 0640);
    size_t len;
    char *text = write_doc(doc, &len);
    assert_file_is_doc(path, text, len);
    assert_int_equal(count_dir(dir), 1); /* no temporary file left */
    /* Another mode, saved again over it. */
    assert_int_equal(chmod(path, 0600), 0);
    assert_int_equal(isms_document_save(doc, path), ISMS_OK);
    assert_file_mode(path, 0600);
    assert_int_equal(count_dir(dir), 1);
    /* Allocation failure: the old file stays, nothing else is left. */
    write_old_file(path, 0644);
    SWEEP(isms_document_save(doc, path), assert_old_file_kept(path, dir));
    assert_file_mode(path, 0644);
    text = write_doc(doc, &len);
    assert_file_is_doc(path, text, len);
    assert_int_equal(unlink(path), 0);
    assert_int_equal(rmdir(dir), 0);
    isms_document_free(doc);
}

static void test_save_missing_dir(void **state)
{
    (void)state;
    char dir[256], path[300];
    make_dir(dir, sizeof dir);
    snprintf(path, sizeof path, "%s/gone/isms.json", dir);
    isms_document *doc = NULL;
    assert_int_equal(isms_document_new(&doc, 2025), ISMS_OK);
    assert_int_equal(isms_document_save(doc, path), ISMS_EIO);
    char want[340];
    snprintf(want, sizeof want, "the directory \"%s/gone\" does not exist", dir);
    assert_error(ISMS_EIO, want);
    assert_int_equal(count_dir(dir), 0);
    assert_int_equal(rmdir(dir), 0);
    isms_document_free(doc);
}

/* "-" writes standard output. */
static void test_save_stdout(void **state)
{
    (void)state;
    char dir[256], path[300];
    make_dir(dir, sizeof dir);
    snprintf(path, sizeof path, "%s/stdout.json", dir);
    isms_document *doc = full_document();
    fflush(stdout);
    int saved = dup(STDOUT_FILENO);
    assert_true(saved >= 0);
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    assert_true(fd >= 0);
    assert_true(dup2(fd, STDOUT_FILENO) >= 0);
    close(fd);
    int rc = isms_document_save(doc, "-");
    fflush(stdout);
    assert_true(dup2(saved, STDOUT_FILENO) >= 0);
    close(saved);
    assert_int_equal(rc, ISMS_OK);
    size_t len;
    char *text = write_doc(doc, &len);
    assert_file_is_doc(path, text, len);
    assert_int_equal(unlink(path), 0);
    assert_int_equal(rmdir(dir), 0);
    isms_document_free(doc);
}

/* Removes the temporary files of killed saves from `dir`; returns their number. Any other file
 * but `keep` fails the test. */
static size_t remove_temporaries(const char *dir, const char *keep)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    size_t n = 0;
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, "..") || !strcmp(de->d_name, keep))
            continue;
        if (strncmp(de->d_name, ".isms-save-", 11) != 0)
            fail_msg("unexpected file %s in %s", de->d_name, dir);
        char path[600];
        snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
        assert_int_equal(unlink(path), 0);
        n++;
    }
    closedir(d);
    return n;
}

static bool file_holds(const char *path, const char *text, size_t len)
{
    size_t flen;
    char *data = slurp(path, &flen);
    bool same = flen == len && memcmp(data, text, len) == 0;
    free(data);
    return same;
}

/* The kill test: a child saves a large document over a file again and again and is
 * killed at a pseudo-random moment, one hundred times (twenty under valgrind, where a save
 * takes seconds: there the rounds only repeat the same saves for its checks); the file is
 * always the complete old document or the complete new one, never anything else. */
static void test_kill_during_save(void **state)
{
    (void)state;
    isms_document *old_doc = big_document(12000, "Gammal");
    isms_document *new_doc = big_document(12000, "Ny");
    size_t old_len, new_len;
    char *old_text = write_doc(old_doc, &old_len), *new_text = write_doc(new_doc, &new_len);
    assert_true(old_len > 2 * 1024 * 1024);
    char dir[256], path[300];
    make_dir(dir, sizeof dir);
    snprintf(path, sizeof path, "%s/isms.json", dir);

    /* How long a save takes here: the kills are spread over twice that. */
    double slowest = 0;
    for (int i = 0; i < 3; i++) {
        double t0 = now();
        assert_int_equal(isms_document_save(new_doc, path), ISMS_OK);
        double t = now() - t0;
        if (t > slowest)
            slowest = t;
    }
    long window_us = (long)(slowest * 2e6) + 1;

    uint64_t rng = 0x9E3779B97F4A7C15ULL;
    size_t saw_old = 0, saw_new = 0, temporaries = 0;
    const int rounds = under_valgrind() ? 20 : 100;
    for (int round = 0; round < rounds; round++) {
        assert_int_equal(isms__file_save_atomic(path, old_text, old_len), ISMS_OK);
        long delay_us = (long)(next_rand(&rng) % (unsigned long)window_us);
        fflush(NULL);
        pid_t pid = fork();
        assert_true(pid >= 0);
        if (pid == 0) {
            for (int i = 0; i < 10000; i++)
                isms_document_save(new_doc, path);
            _exit(0);
        }
        struct timespec ts = { delay_us / 1000000, (delay_us % 1000000) * 1000 };
        while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
            ;
        assert_int_equal(kill(pid, SIGKILL), 0);
        int status = 0;
        assert_int_equal(waitpid(pid, &status, 0), pid);
        assert_true(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
        if (file_holds(path, old_text, old_len))
            saw_old++;
        else if (file_holds(path, new_text, new_len))
            saw_new++;
        else
            fail_msg("round %d (killed after %ld µs): the file is neither the old document nor "
                     "the new one", round, delay_us);
        temporaries += remove_temporaries(dir, "isms.json");
    }
    print_message("kill test: %.1f MB documents, a save takes %.1f ms; kills within %.1f ms: "
                  "%zu before the first rename (old document), %zu after (new document); "
                  "%zu temporary files left by killed saves, removed\n",
                  (double)new_len / 1e6, slowest * 1e3, (double)window_us / 1e3, saw_old,
                  saw_new, temporaries);
    assert_true(saw_old > 0);
    assert_true(saw_new > 0);
    assert_int_equal(unlink(path), 0);
    assert_int_equal(rmdir(dir), 0);
    isms_free(old_text);
    isms_free(new_text);
    isms_document_free(old_doc);
    isms_document_free(new_doc);
}

/* ---- allocation failure --------------------------------------------------------------- */

static void test_write_alloc_failure(void **state)
{
    (void)state;
    isms_document *doc = full_document();
    char *text;
    size_t len;
    SWEEP_WRITE(text, len, isms_document_write(&text, &len, doc));
    isms_document_free(doc);
    /* A matrix and a scheme that are presets allocate to be compared. */
    assert_int_equal(isms_document_new(&doc, 2025), ISMS_OK);
    SWEEP_WRITE(text, len, isms_document_write(&text, &len, doc));
    isms_document_free(doc);
}

/* The format's names of the FAIR nodes are the library's short names. */
static void test_vocabulary_helpers(void **state)
{
    (void)state;
    for (int k = 0; k < ISMS_FAIR_NODE_COUNT; k++)
        assert_string_equal(isms__doc_fair_node[k], isms_fair_node_name((isms_fair_node)k));
}

/* ---- imported catalogs ------------------------------------------------------------------ */

#define CATALOG_SAMPLE ISMS_TEST_DATA "/../../examples/data/exempelstad-krav.oscal.json"
#define EX_UUID "ba8eab7e-7ca6-5b08-90f0-3da2903eb537"
#define LEV_UUID "0b6f3c1e-8e5a-4c2f-9f1d-2a7b6c5d4e3f"

static isms_catalog *sample_catalog(void)
{
    isms_catalog *cat = NULL;
    if (isms_catalog_load_oscal(&cat, CATALOG_SAMPLE) != ISMS_OK)
        fail_msg("%s: %s", CATALOG_SAMPLE, isms_error_last()->message);
    return cat;
}

/* A small catalog of two controls, one with a label. */
static isms_catalog *small_catalog(void)
{
    static const char text[] =
        "{\"catalog\": {\"uuid\": \"" LEV_UUID "\", \"metadata\": {\"title\": \"Leverantörskrav\", "
        "\"last-modified\": \"2024-06-01T00:00:00Z\", \"version\": \"1\", \"oscal-version\": "
        "\"1.1.3\"}, \"controls\": [{\"id\": \"lev-1\", \"title\": \"Avtal\"}, {\"id\": "
        "\"lev-2\", \"title\": \"Granskning\", \"props\": [{\"name\": \"label\", \"value\": "
        "\"LEV-2\"}]}]}}";
    isms_catalog *cat = NULL;
    if (isms_catalog_parse_oscal(&cat, text, strlen(text), "small.json") != ISMS_OK)
        fail_msg("small catalog: %s", isms_error_last()->message);
    return cat;
}

/* Adds an assessment of `year` against `cat` with one entry `ref` of `status`. */
static void add_catalog_assessment(isms_document *doc, const isms_catalog *cat, int year,
                                   const char *ref, isms_status status)
{
    isms_assessment *a = NULL;
    assert_int_equal(isms_assessment_new_catalog(&a, cat, year, ISMS_SCOPE_BOTH), ISMS_OK);
    isms_entry *e = NULL;
    assert_int_equal(isms_assessment_add(&e, a, ref), ISMS_OK);
    assert_int_equal(isms_entry_set_status(e, status), ISMS_OK);
    assert_int_equal(isms_document_add_assessment(doc, a), ISMS_OK);
}

/* Two assessments against the sample catalog (two objects of it, imported twice from the
 * same file) and one against ISO/IEC 27001:2022. */
static isms_document *catalogs_document(void)
{
    isms_document *doc = NULL;
    assert_int_equal(isms_document_new(&doc, 2025), ISMS_OK);
    assert_int_equal(isms_document_set(doc, ISMS_DOC_ORGANISATION, "Exempelstads kommun"),
                     ISMS_OK);
    assert_int_equal(isms_document_set_lang(doc, ISMS_LANG_EN), ISMS_OK);
    isms_assessment *a = NULL;
    isms_entry *e = NULL;
    assert_int_equal(isms_assessment_new(&a, ISMS_EDITION_2022, 2023, ISMS_SCOPE_ANNEX_A),
                     ISMS_OK);
    assert_int_equal(isms_assessment_add(&e, a, "A.5.1"), ISMS_OK);
    assert_int_equal(isms_entry_set_status(e, ISMS_STATUS_YES), ISMS_OK);
    assert_int_equal(isms_document_add_assessment(doc, a), ISMS_OK);
    isms_catalog *one = sample_catalog(), *two = sample_catalog();
    assert_int_equal(isms_assessment_new_catalog(&a, one, 2024, ISMS_SCOPE_ANNEX_A), ISMS_OK);
    assert_int_equal(isms_assessment_add(&e, a, "sty-1"), ISMS_OK);
    assert_int_equal(isms_entry_set_status(e, ISMS_STATUS_PARTIAL), ISMS_OK);
    assert_int_equal(isms_entry_set(e, ISMS_FIELD_PLAN, "Beslut i KF"), ISMS_OK);
    assert_int_equal(isms_assessment_add(&e, a, "KSF-1"), ISMS_OK);
    assert_int_equal(isms_entry_set_status(e, ISMS_STATUS_NO), ISMS_OK);
    assert_int_equal(isms_document_add_assessment(doc, a), ISMS_OK);
    add_catalog_assessment(doc, two, 2025, "DRI-1", ISMS_STATUS_YES);
    isms_catalog_free(one);
    isms_catalog_free(two);
    return doc;
}

static void test_golden_catalogs(void **state)
{
    (void)state;
    isms_document *doc = catalogs_document();
    assert_golden(doc, "catalogs.json");
    /* The golden text loads, both years against one catalog, and saves as itself. */
    size_t glen;
    char *golden = slurp(DATA "catalogs.json", &glen);
    isms_document *back = NULL;
    assert_int_equal(isms_document_parse(&back, golden, glen, "catalogs.json", NULL), ISMS_OK);
    const isms_catalog *c24 = isms_assessment_catalog(isms_document_assessment_find(back, 2024));
    const isms_catalog *c25 = isms_assessment_catalog(isms_document_assessment_find(back, 2025));
    assert_ptr_equal(c24, c25);
    assert_string_equal(isms_catalog_uuid(c24), EX_UUID);
    assert_int_equal(isms_catalog_count(c24), 15);
    assert_int_equal(isms_assessment_edition(isms_document_assessment_find(back, 2023)),
                     ISMS_EDITION_2022);
    assert_int_equal(isms_assessment_scope(isms_document_assessment_find(back, 2024)),
                     ISMS_SCOPE_ANNEX_A);
    const isms_assessment *a24 = isms_document_assessment_find(back, 2024);
    assert_int_equal(isms_assessment_count(a24), 2);
    assert_string_equal(isms_entry_ref(isms_assessment_at(a24, 0)), "STY-1");
    assert_null(isms_entry_item(isms_assessment_at(a24, 1)));
    assert_golden(back, "catalogs.json");
    isms_document_free(back);
    free(golden);
    isms_document_free(doc);
}

/* The catalogs come in the order they came into the document (not the years' order), each
 * once, and stay until removed; a document without imported catalogs has no "catalogs". */
static void test_catalog_order(void **state)
{
    (void)state;
    isms_document *doc = NULL;
    assert_int_equal(isms_document_new(&doc, 2025), ISMS_OK);
    isms_catalog *ex = sample_catalog(), *lev = small_catalog();
    add_catalog_assessment(doc, ex, 2024, "STY-2", ISMS_STATUS_YES);
    char *text = write_doc(doc, NULL);
    assert_has(text, "\n  \"risks\": [],\n  \"catalogs\": [\n    {\n      \"uuid\": \"" EX_UUID
                     "\",\n");
    isms_free(text);
    add_catalog_assessment(doc, lev, 2023, "lev-2", ISMS_STATUS_NO);
    add_catalog_assessment(doc, lev, 2025, "LEV-1", ISMS_STATUS_PARTIAL);
    text = write_doc(doc, NULL);
    const char *first = strstr(text, "\"uuid\": \"" EX_UUID "\"");
    const char *second = strstr(text, "\"uuid\": \"" LEV_UUID "\"");
    assert_true(first && second && first < second);
    assert_null(strstr(second + 1, "\"uuid\": \"" LEV_UUID "\"")); /* once */
    assert_has(text, "\"year\": 2023,\n      \"catalog\": \"" LEV_UUID "\",\n      \"scope\": "
                     "\"both\",");
    assert_has(text, "\"id\": \"lev-2\",\n          \"title\": \"Granskning\",\n          "
                     "\"props\": [\n            {\"name\": \"label\", \"value\": \"LEV-2\"}\n");
    isms_free(text);
    isms_catalog_free(ex);
    isms_catalog_free(lev);
    /* Removing the assessments keeps their catalogs; removing the catalogs then leaves none. */
    for (int y = 2023; y <= 2025; y++)
        assert_int_equal(isms_document_remove_assessment(doc, y), ISMS_OK);
    text = write_doc(doc, NULL);
    first = strstr(text, "\"catalogs\": [\n    {\n      \"uuid\": \"" EX_UUID "\"");
    assert_non_null(first);
    assert_non_null(strstr(first, "\"uuid\": \"" LEV_UUID "\""));
    isms_free(text);
    assert_int_equal(isms_document_remove_catalog(doc, EX_UUID), ISMS_OK);
    assert_int_equal(isms_document_remove_catalog(doc, LEV_UUID), ISMS_OK);
    text = write_doc(doc, NULL);
    assert_null(strstr(text, "\"catalogs\""));
    isms_free(text);
    isms_document_free(doc);
}

static void test_catalogs_alloc_failure(void **state)
{
    (void)state;
    isms_document *doc = catalogs_document();
    char *text;
    size_t len;
    SWEEP_WRITE(text, len, isms_document_write(&text, &len, doc));
    isms_document_free(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_arguments),
        cmocka_unit_test(test_golden_minimal),
        cmocka_unit_test(test_golden_full),
        cmocka_unit_test(test_keeps_last_error),
        cmocka_unit_test(test_text_block),
        cmocka_unit_test(test_deterministic),
        cmocka_unit_test(test_left_out),
        cmocka_unit_test(test_matrix_presets),
        cmocka_unit_test(test_scheme_presets),
        cmocka_unit_test(test_floors),
        cmocka_unit_test(test_escaping),
        cmocka_unit_test(test_invalid_utf8),
        cmocka_unit_test(test_double_format),
        cmocka_unit_test(test_vocabulary_helpers),
        cmocka_unit_test(test_doubles_roundtrip),
        cmocka_unit_test(test_roundtrip_full),
        cmocka_unit_test(test_roundtrip_big),
        cmocka_unit_test(test_roundtrip_lenient),
        cmocka_unit_test(test_save_keeps_mode),
        cmocka_unit_test(test_save_missing_dir),
        cmocka_unit_test(test_save_stdout),
        cmocka_unit_test(test_kill_during_save),
        cmocka_unit_test(test_write_alloc_failure),
        cmocka_unit_test(test_golden_catalogs),
        cmocka_unit_test(test_catalog_order),
        cmocka_unit_test(test_catalogs_alloc_failure),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
