/* Unit tests of the CSV import and export of gap analyses and Statements of Applicability. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"
#include "test-util.h"

#define DATA ISMS_TEST_DATA "/gap/"
#define YEAR 2024

/* ---- helpers ---------------------------------------------------------------------------- */

static isms_assessment *load_ed(const char *name, isms_edition edition, isms_findings *notes)
{
    char path[512];
    snprintf(path, sizeof path, DATA "%s", name);
    isms_assessment *a = NULL;
    int rc = isms_assessment_load_csv(&a, path, edition, YEAR, notes);
    if (rc != ISMS_OK)
        fail_msg("%s: %s", name, isms_error_last()->message);
    assert_non_null(a);
    return a;
}

static isms_assessment *load(const char *name, isms_findings *notes)
{
    return load_ed(name, ISMS_EDITION_UNKNOWN, notes);
}

static isms_assessment *parse_ed(const char *text, isms_edition edition, isms_findings *notes)
{
    isms_assessment *a = NULL;
    int rc = isms_assessment_parse_csv(&a, text, strlen(text), "test.csv", edition, YEAR, notes);
    if (rc != ISMS_OK)
        fail_msg("parse: %s", isms_error_last()->message);
    assert_non_null(a);
    return a;
}

static isms_assessment *parse(const char *text, isms_findings *notes)
{
    return parse_ed(text, ISMS_EDITION_UNKNOWN, notes);
}

/* Parses text that must fail; checks code, line, column and a piece of the message. */
static void parse_fails(const char *text, int code, unsigned line, unsigned column,
                        const char *needle)
{
    isms_assessment *a = (isms_assessment *)(uintptr_t)0x1;
    int rc = isms_assessment_parse_csv(&a, text, strlen(text), "bad.csv", ISMS_EDITION_UNKNOWN,
                                       YEAR, NULL);
    const isms_error *e = assert_error_at(rc, code, line, column, "bad.csv");
    if (!strstr(e->message, needle))
        fail_msg("expected \"%s\" in: %s", needle, e->message);
    assert_ptr_equal(a, (isms_assessment *)(uintptr_t)0x1); /* untouched */
    if (line)
        assert_string_equal(e->source, "bad.csv");
}

static void load_fails(const char *name, int code, unsigned line, unsigned column,
                       const char *message)
{
    char path[512];
    snprintf(path, sizeof path, DATA "%s", name);
    isms_assessment *a = NULL;
    int rc = isms_assessment_load_csv(&a, path, ISMS_EDITION_UNKNOWN, YEAR, NULL);
    const isms_error *e = assert_error_at(rc, code, line, column, name);
    assert_null(a);
    assert_non_null(e->source);
    assert_non_null(strstr(e->source, name));
    if (strcmp(e->message, message) != 0)
        fail_msg("%s: message\n  \"%s\"\nexpected\n  \"%s\"", name, e->message, message);
}

static const isms_entry *entry(const isms_assessment *a, const char *ref)
{
    const isms_entry *e = isms_assessment_find(a, ref);
    if (!e)
        fail_msg("no entry %s", ref);
    return e;
}

typedef struct expect {
    const char *ref;
    isms_status status;
    isms_need need;
    const char *owner;
    const char *due;
} expect;

static void check_entries(const isms_assessment *a, const expect *x, size_t n)
{
    assert_int_equal(isms_assessment_count(a), n);
    for (size_t i = 0; i < n; i++) {
        const isms_entry *e = isms_assessment_at(a, i);
        assert_non_null(e);
        if (strcmp(isms_entry_ref(e), x[i].ref) != 0 || isms_entry_status(e) != x[i].status ||
            isms_entry_need(e) != x[i].need ||
            strcmp(isms_entry_get(e, ISMS_FIELD_OWNER), x[i].owner) != 0 ||
            strcmp(isms_entry_get(e, ISMS_FIELD_DUE), x[i].due) != 0)
            fail_msg("entry %zu: %s %d %d \"%s\" \"%s\", expected %s %d %d \"%s\" \"%s\"", i,
                     isms_entry_ref(e), isms_entry_status(e), isms_entry_need(e),
                     isms_entry_get(e, ISMS_FIELD_OWNER), isms_entry_get(e, ISMS_FIELD_DUE),
                     x[i].ref, x[i].status, x[i].need, x[i].owner, x[i].due);
    }
}

/* Every field of every entry is equal, in the same order; so are edition, scope, year and
 * the extra columns. */
static void assert_assessments_equal(const isms_assessment *a, const isms_assessment *b)
{
    assert_int_equal(isms_assessment_edition(a), isms_assessment_edition(b));
    assert_int_equal(isms_assessment_scope(a), isms_assessment_scope(b));
    assert_int_equal(isms_assessment_year(a), isms_assessment_year(b));
    assert_int_equal(isms_assessment_extra_count(a), isms_assessment_extra_count(b));
    size_t nx = isms_assessment_extra_count(a);
    for (size_t k = 0; k < nx; k++)
        assert_string_equal(isms_assessment_extra_name(a, k), isms_assessment_extra_name(b, k));
    assert_int_equal(isms_assessment_count(a), isms_assessment_count(b));
    for (size_t i = 0; i < isms_assessment_count(a); i++) {
        const isms_entry *x = isms_assessment_at(a, i), *y = isms_assessment_at(b, i);
        assert_string_equal(isms_entry_ref(x), isms_entry_ref(y));
        assert_ptr_equal(isms_entry_item(x), isms_entry_item(y));
        for (int f = ISMS_FIELD_TEXT; f <= ISMS_FIELD_ORIGIN; f++)
            assert_string_equal(isms_entry_get(x, (isms_entry_field)f),
                                isms_entry_get(y, (isms_entry_field)f));
        assert_int_equal(isms_entry_status(x), isms_entry_status(y));
        assert_int_equal(isms_entry_need(x), isms_entry_need(y));
        assert_int_equal(isms_entry_applicability(x), isms_entry_applicability(y));
        assert_int_equal(isms_entry_reasons(x), isms_entry_reasons(y));
        assert_int_equal(isms_entry_evidence_count(x), isms_entry_evidence_count(y));
        for (size_t k = 0; k < isms_entry_evidence_count(x); k++)
            assert_string_equal(isms_entry_evidence(x, k), isms_entry_evidence(y, k));
        for (size_t k = 0; k < nx; k++)
            assert_string_equal(isms_entry_extra(x, k), isms_entry_extra(y, k));
        isms_period p = isms_entry_due(x), q = isms_entry_due(y);
        assert_int_equal(p.kind, q.kind);
        assert_int_equal(isms_date_compare(p.start, q.start), 0);
        assert_int_equal(isms_date_compare(p.end, q.end), 0);
    }
}

/* Exports and imports again (edition to be inferred); the result must be equal. */
static void check_roundtrip(const void *obj, isms_lang lang, unsigned flags)
{
    const isms_assessment *a = obj;
    char *doc = NULL;
    size_t len = 0;
    assert_int_equal(isms_assessment_write_csv(&doc, &len, a, lang, flags), ISMS_OK);
    assert_non_null(doc);
    assert_int_equal(strlen(doc), len);
    isms_assessment *back = NULL;
    int rc = isms_assessment_parse_csv(&back, doc, len, "export.csv", ISMS_EDITION_UNKNOWN,
                                       isms_assessment_year(a), NULL);
    if (rc != ISMS_OK)
        fail_msg("re-import (lang %d, flags %u): %s\n%s", (int)lang, flags,
                 isms_error_last()->message, doc);
    assert_assessments_equal(a, back);
    /* The export names its edition: it is read back as named. */
    assert_int_equal(isms_assessment_edition_basis(back), ISMS_BASIS_NAMED);
    isms_assessment_free(back);
    isms_free(doc);
}

static void check_roundtrip_all(const isms_assessment *a)
{
    roundtrip_all(check_roundtrip, a);
}

/* ---- the organisation's Swedish 2013 table, as Excel exports it ---------------------------- */

#define ST_YES ISMS_STATUS_YES
#define ST_PART ISMS_STATUS_PARTIAL
#define ST_NO ISMS_STATUS_NO
#define ST_NA ISMS_STATUS_NOT_APPLICABLE
#define ST_NONE ISMS_STATUS_NOT_ASSESSED

static const expect sv2013[] = {
    { "4.1", ST_YES, ISMS_NEED_NONE, "Förvaltningschef", "" },
    { "4.2", ST_PART, ISMS_NEED_MEDIUM, "Säkerhetssamordnare", "Q2 2024" },
    { "4.3", ST_NO, ISMS_NEED_HIGH, "CISO", "inför nästa verksamhetsplan" },
    { "4.4", ST_PART, ISMS_NEED_MEDIUM, "CISO", "hösten 2024" },
    { "5.1", ST_YES, ISMS_NEED_UNSET, "Kommundirektör", "" },
    { "5.2", ST_YES, ISMS_NEED_NONE, "Kommundirektör", "" },
    { "5.3", ST_PART, ISMS_NEED_LOW, "Säkerhetssamordnare", "mars" },
    { "6.1", ST_NONE, ISMS_NEED_UNSET, "", "" }, /* a heading kept for its comment */
    { "6.1.1", ST_PART, ISMS_NEED_MEDIUM, "CISO", "T2 2024" },
    { "6.1.2", ST_NO, ISMS_NEED_HIGH, "Säkerhetssamordnare", "2024-06-30" },
    { "6.1.3", ST_NO, ISMS_NEED_HIGH, "CISO", "under 2024 med uppföljning i tertialrapporterna" },
    { "6.2", ST_PART, ISMS_NEED_MEDIUM, "Förvaltningschef", "2025" },
    { "7.1", ST_YES, ISMS_NEED_NONE, "IT-chef", "" },
    { "7.2", ST_PART, ISMS_NEED_MEDIUM, "HR-chef", "våren 2025" },
    { "7.3", ST_NO, ISMS_NEED_HIGH, "Säkerhetssamordnare", "Q4 2024" },
    { "7.4", ST_YES, ISMS_NEED_UNSET, "Kommunikationschef", "" },
    { "7.5.1", ST_PART, ISMS_NEED_LOW, "Säkerhetssamordnare", "" },
    { "7.5.2", ST_YES, ISMS_NEED_NONE, "Säkerhetssamordnare", "" },
    { "7.5.3", ST_PART, ISMS_NEED_MEDIUM, "IT-avd", "2025-03" },
    { "8.1", ST_PART, ISMS_NEED_MEDIUM, "IT-chef", "tertial 3" },
    { "8.2", ST_NO, ISMS_NEED_HIGH, "Förvaltningschef", "december" },
    { "8.3", ST_NO, ISMS_NEED_HIGH, "CISO", "" },
    { "9.1", ST_PART, ISMS_NEED_MEDIUM, "Säkerhetssamordnare", "H1 2025" },
    { "9.2", ST_NO, ISMS_NEED_MEDIUM, "Revisionsenheten", "2025" },
    { "9.3", ST_YES, ISMS_NEED_NONE, "Kommundirektör", "" },
    { "10.1", ST_PART, ISMS_NEED_LOW, "Säkerhetssamordnare", "" },
    { "10.2", ST_PART, ISMS_NEED_LOW, "CISO", "" },
};

static void check_sv2013(const isms_assessment *a)
{
    assert_int_equal(isms_assessment_edition(a), ISMS_EDITION_2013);
    assert_int_equal(isms_assessment_edition_basis(a), ISMS_BASIS_CLAUSE_TITLES);
    assert_int_equal(isms_assessment_scope(a), ISMS_SCOPE_CLAUSES);
    assert_int_equal(isms_assessment_year(a), YEAR);
    assert_int_equal(isms_assessment_extra_count(a), 0);
    check_entries(a, sv2013, sizeof sv2013 / sizeof *sv2013);
    /* The heading 7.5 carries nothing and was skipped; 6.1 carries a comment. */
    assert_null(isms_assessment_find(a, "7.5"));
    assert_string_equal(isms_entry_get(entry(a, "6.1"), ISMS_FIELD_COMMENT),
                        "Riskarbetet samordnas med dataskyddsombudet.");
    assert_string_equal(isms_entry_get(entry(a, "6.1"), ISMS_FIELD_TEXT),
                        "Åtgärder för att hantera risker och möjligheter");
    /* Texts exactly, line breaks inside cells included. */
    const isms_entry *e = entry(a, "4.3");
    assert_string_equal(isms_entry_get(e, ISMS_FIELD_TEXT),
                        "Fastställa ledningssystemets omfattning");
    assert_string_equal(isms_entry_get(e, ISMS_FIELD_COMMENT),
                        "Omfattningen är inte beslutad.\r\nUtkast finns hos IT-avd.");
    assert_string_equal(isms_entry_get(e, ISMS_FIELD_PLAN),
                        "Ta fram förslag på omfattning\r\ntill KSF");
    assert_string_equal(isms_entry_get(entry(a, "6.1.2"), ISMS_FIELD_PLAN),
                        "Inför metod enligt MSB:s metodstöd\r\nUtbilda förvaltningarna");
    assert_string_equal(isms_entry_get(entry(a, "10.1"), ISMS_FIELD_COMMENT),
                        "Avvikelser hanteras i incidentrutinen – men följs inte upp.");
    assert_string_equal(isms_entry_get(entry(a, "10.2"), ISMS_FIELD_COMMENT),
                        "“Förbättringsförslag” samlas in i ärendesystemet.");
    assert_string_equal(isms_entry_get(entry(a, "5.3"), ISMS_FIELD_TEXT),
                        "Roller, ansvar och befogenheter");
    assert_string_equal(isms_entry_get(entry(a, "7.1"), ISMS_FIELD_COMMENT), "");
    /* Every entry is a 2013 catalog item. */
    for (size_t i = 0; i < isms_assessment_count(a); i++)
        assert_non_null(isms_entry_item(isms_assessment_at(a, i)));
    /* Due dates are read with the assessment's year. */
    isms_period p = isms_entry_due(entry(a, "4.2"));
    assert_int_equal(p.kind, ISMS_PERIOD_QUARTER);
    assert_int_equal(p.end.year, 2024);
    assert_int_equal(p.end.month, 6);
    assert_int_equal(p.end.day, 30);
    p = isms_entry_due(entry(a, "5.3"));
    assert_int_equal(p.kind, ISMS_PERIOD_MONTH);
    assert_int_equal(p.start.year, YEAR);
    assert_int_equal(p.start.month, 3);
    assert_true(p.year_assumed);
    assert_int_equal(isms_entry_due(entry(a, "4.3")).kind, ISMS_PERIOD_UNPARSED);
    assert_int_equal(isms_entry_due(entry(a, "6.1.2")).kind, ISMS_PERIOD_DAY);
    assert_int_equal(isms_entry_due(entry(a, "4.1")).kind, ISMS_PERIOD_NONE);
}

static void check_sv2013_notes(const isms_findings *notes)
{
    static const unsigned heading_lines[] = { 6, 14, 19, 27, 37, 41, 46 };
    assert_int_equal(count_notes(notes, "gap-skipped-row", NULL), 7);
    for (size_t k = 0; k < 7; k++) {
        isms_finding f = note_at(notes, "gap-skipped-row", k);
        char line[32];
        snprintf(line, sizeof line, "Rad %u ", heading_lines[k]);
        assert_contains(f.message, line);
        assert_int_equal(f.severity, ISMS_SEVERITY_INFO);
    }
    assert_contains(note_at(notes, "gap-skipped-row", 0).message,
                    "\"4 Organisationens förutsättningar\"");
    assert_int_equal(count_notes(notes, "gap-edition", NULL), 1);
    isms_finding f = note_at(notes, "gap-edition", 0);
    assert_int_equal(f.severity, ISMS_SEVERITY_INFO);
    assert_string_equal(f.ref, "");
    assert_string_equal(f.message,
                        "Tabellen lästes som ISO/IEC 27001:2013 eftersom 10.1 (rad 47) handlar "
                        "om avvikelser och korrigerande åtgärder och 10.2 (rad 48) om ständig "
                        "förbättring, som i 2013 års utgåva (2022 års utgåva har dem i omvänd "
                        "ordning).");
    assert_int_equal(count_notes(notes, "csv-extra-column", NULL), 0);
}

static void test_sv_2013_windows_1252(void **state)
{
    (void)state;
    isms_findings *notes = new_notes(ISMS_LANG_SV);
    isms_assessment *a = load("sv-2013-excel-cp1252.csv", notes);
    check_sv2013(a);
    check_sv2013_notes(notes);
    assert_int_equal(count_notes(notes, "csv-encoding", NULL), 1);
    assert_contains(note_at(notes, "csv-encoding", 0).message, "Windows-1252");
    assert_int_equal(isms_findings_count(notes), 9);
    isms_assessment_free(a);
    isms_findings_free(notes);
}

static void test_sv_2013_utf8_bom(void **state)
{
    (void)state;
    isms_findings *notes = new_notes(ISMS_LANG_SV);
    isms_assessment *a = load("sv-2013-excel-utf8-bom.csv", notes);
    check_sv2013(a);
    check_sv2013_notes(notes);
    assert_int_equal(count_notes(notes, "csv-encoding", NULL), 0);
    assert_int_equal(isms_findings_count(notes), 8);
    /* The same table in the other encoding reads the same. */
    isms_assessment *b = load("sv-2013-excel-cp1252.csv", NULL);
    assert_assessments_equal(a, b);
    isms_assessment_free(b);
    isms_assessment_free(a);
    isms_findings_free(notes);
}

/* ---- other variants ------------------------------------------------------------------------ */

static void test_en_2022_comma(void **state)
{
    (void)state;
    isms_findings *notes = new_notes(ISMS_LANG_EN);
    isms_assessment *a = load("en-2022-comma.csv", notes);
    assert_int_equal(isms_assessment_edition(a), ISMS_EDITION_2022);
    assert_int_equal(isms_assessment_edition_basis(a), ISMS_BASIS_NEW_CLAUSES);
    assert_int_equal(isms_assessment_scope(a), ISMS_SCOPE_CLAUSES);
    static const expect x[] = {
        { "4.1", ST_YES, ISMS_NEED_NONE, "Head of IT", "" },
        { "4.2", ST_PART, ISMS_NEED_MEDIUM, "CISO", "Q3 2024" },
        { "6.2", ST_NO, ISMS_NEED_HIGH, "CISO", "end of 2024" },
        { "6.3", ST_NO, ISMS_NEED_HIGH, "IT department", "March 31, 2025" },
        { "8.1", ST_NA, ISMS_NEED_UNSET, "", "" },
        { "9.2.1", ST_NONE, ISMS_NEED_UNSET, "", "" },
        { "9.2.2", ST_PART, ISMS_NEED_LOW, "Internal audit", "2025" },
        { "9.3.1", ST_YES, ISMS_NEED_NONE, "Municipal director", "" },
    };
    check_entries(a, x, sizeof x / sizeof *x);
    const isms_entry *e = entry(a, "6.3");
    assert_string_equal(isms_entry_get(e, ISMS_FIELD_TEXT), "Planning of changes");
    assert_string_equal(isms_entry_get(e, ISMS_FIELD_COMMENT), "New in 2022; no routine yet");
    assert_string_equal(isms_entry_get(e, ISMS_FIELD_PLAN),
                        "Write a change routine, \"light\" version");
    assert_string_equal(isms_entry_get(entry(a, "4.2"), ISMS_FIELD_COMMENT),
                        "Stakeholder list, not yet approved");
    assert_int_equal(isms_entry_due(e).kind, ISMS_PERIOD_DAY);
    assert_int_equal(isms_findings_count(notes), 1);
    assert_string_equal(note_at(notes, "gap-edition", 0).message,
                        "The table was read as ISO/IEC 27001:2022 because it has clause 6.3 "
                        "(line 5), which only the 2022 edition has.");
    isms_assessment_free(a);
    isms_findings_free(notes);
}

static void test_word_export_tab(void **state)
{
    (void)state;
    isms_findings *notes = new_notes(ISMS_LANG_SV);
    isms_assessment *a = load("word-export.tsv", notes);
    assert_int_equal(isms_assessment_edition(a), ISMS_EDITION_2022);
    assert_int_equal(isms_assessment_edition_basis(a), ISMS_BASIS_CLAUSE_TITLES);
    static const expect x[] = {
        { "4.1", ST_YES, ISMS_NEED_UNSET, "Kommunledningskontoret", "" },
        { "4.2", ST_PART, ISMS_NEED_UNSET, "Säkerhetssamordnare", "Q3 2024" },
        { "5.1", ST_YES, ISMS_NEED_UNSET, "Kommundirektör", "" },
        { "6.1.2", ST_NO, ISMS_NEED_UNSET, "CISO", "hösten" },
        { "10.1", ST_PART, ISMS_NEED_UNSET, "Säkerhetssamordnare", "" },
        { "10.2", ST_NO, ISMS_NEED_UNSET, "IT-avd", "2025" },
    };
    check_entries(a, x, sizeof x / sizeof *x);
    /* The id is split off the reference cell; the rest is the requirement text unless the
     * requirement cell has one; separators after the id are dropped. */
    assert_string_equal(isms_entry_get(entry(a, "4.1"), ISMS_FIELD_TEXT),
                        "Förstå organisationen och dess förutsättningar");
    assert_string_equal(isms_entry_get(entry(a, "4.2"), ISMS_FIELD_TEXT),
                        "Kartlägg intressenter och deras krav på informationssäkerhet");
    assert_string_equal(isms_entry_get(entry(a, "5.1"), ISMS_FIELD_TEXT),
                        "Ledarskap och åtagande");
    assert_string_equal(isms_entry_get(entry(a, "6.1.2"), ISMS_FIELD_TEXT),
                        "Bedömning av informationssäkerhetsrisker");
    assert_string_equal(isms_entry_get(entry(a, "6.1.2"), ISMS_FIELD_COMMENT),
                        "Metod saknas, se riskregistret");
    assert_null(isms_assessment_find(a, "5")); /* a chapter row without data */
    assert_int_equal(count_notes(notes, "gap-skipped-row", NULL), 2);
    assert_contains(note_at(notes, "gap-skipped-row", 0).message, "Rad 2 ");
    assert_contains(note_at(notes, "gap-skipped-row", 1).message, "Rad 8 ");
    assert_contains(note_at(notes, "gap-skipped-row", 1).message, "\"10 Förbättring\"");
    assert_string_equal(note_at(notes, "gap-edition", 0).message,
                        "Tabellen lästes som ISO/IEC 27001:2022 eftersom 10.1 (rad 9) handlar "
                        "om ständig förbättring och 10.2 (rad 10) om avvikelser och "
                        "korrigerande åtgärder, som i 2022 års utgåva (2013 års utgåva har dem "
                        "i omvänd ordning).");
    isms_assessment_free(a);
    isms_findings_free(notes);
}

static void test_soa_2022(void **state)
{
    (void)state;
    isms_findings *notes = new_notes(ISMS_LANG_EN);
    isms_assessment *a = load("soa-2022.csv", notes);
    assert_int_equal(isms_assessment_edition(a), ISMS_EDITION_2022);
    assert_int_equal(isms_assessment_edition_basis(a), ISMS_BASIS_ANNEX_A);
    assert_int_equal(isms_assessment_scope(a), ISMS_SCOPE_ANNEX_A);
    static const expect x[] = {
        { "A.5.1", ST_YES, ISMS_NEED_UNSET, "CISO", "" },
        { "A.5.7", ST_NO, ISMS_NEED_UNSET, "Säkerhetssamordnare", "" },
        { "A.5.23", ST_PART, ISMS_NEED_UNSET, "IT-chef", "" },
        { "A.6.7", ST_PART, ISMS_NEED_UNSET, "HR-chef", "" },
        { "A.7.4", ST_NA, ISMS_NEED_UNSET, "", "" },
        { "A.8.12", ST_NO, ISMS_NEED_UNSET, "IT-chef", "" },
        { "A.8.34", ST_NA, ISMS_NEED_UNSET, "", "" },
    };
    check_entries(a, x, sizeof x / sizeof *x);
    const isms_entry *e = entry(a, "A.5.1");
    assert_non_null(isms_entry_item(e));
    assert_string_equal(isms_entry_get(e, ISMS_FIELD_TEXT), "Policyer för informationssäkerhet");
    assert_int_equal(isms_entry_applicability(e), ISMS_APPLICABILITY_APPLICABLE);
    assert_int_equal(isms_entry_reasons(e), ISMS_REASON_RISK | ISMS_REASON_LEGAL);
    assert_int_equal(isms_entry_evidence_count(e), 2);
    assert_string_equal(isms_entry_evidence(e, 0), "Informationssäkerhetspolicy KF 2023-05-10");
    assert_string_equal(isms_entry_evidence(e, 1), "Riktlinje för informationssäkerhet");
    e = entry(a, "A.5.23");
    assert_int_equal(isms_entry_reasons(e), ISMS_REASON_LEGAL | ISMS_REASON_CONTRACTUAL);
    assert_int_equal(isms_entry_evidence_count(e), 2); /* the empty line is dropped, trimmed */
    assert_string_equal(isms_entry_evidence(e, 1), "Avtal 2023/114");
    assert_int_equal(isms_entry_reasons(entry(a, "A.6.7")), ISMS_REASON_BUSINESS);
    e = entry(a, "A.7.4");
    assert_int_equal(isms_entry_applicability(e), ISMS_APPLICABILITY_EXCLUDED);
    assert_string_equal(isms_entry_get(e, ISMS_FIELD_JUSTIFICATION),
                        "Kommunen har inga egna serverhallar; driften sker hos leverantör.");
    assert_int_equal(isms_entry_reasons(e), 0);
    assert_int_equal(isms_entry_applicability(entry(a, "A.8.34")), ISMS_APPLICABILITY_EXCLUDED);
    assert_false(isms_entry_applicable(entry(a, "A.8.34")));
    assert_true(isms_entry_applicable(entry(a, "A.8.12")));
    /* "Säkerhetsåtgärd" is the requirement text, not an extra column. */
    assert_int_equal(isms_assessment_extra_count(a), 0);
    assert_int_equal(isms_findings_count(notes), 1);
    assert_string_equal(note_at(notes, "gap-edition", 0).message,
                        "The table was read as ISO/IEC 27001:2022 because its Annex A "
                        "references have the form of the 2022 edition (A.5.7 on line 5).");
    isms_assessment_free(a);
    isms_findings_free(notes);
}

static void test_soa_plain_numbers(void **state)
{
    (void)state;
    isms_findings *notes = new_notes(ISMS_LANG_SV);
    isms_assessment *a = load("soa-plain-numbers.csv", notes);
    assert_int_equal(isms_assessment_edition(a), ISMS_EDITION_2022);
    assert_int_equal(isms_assessment_edition_basis(a), ISMS_BASIS_ANNEX_A);
    assert_int_equal(isms_assessment_scope(a), ISMS_SCOPE_ANNEX_A);
    /* Plain numbers, most of them controls that are not clauses: all are Annex A, also 5.1
     * and 6.3 (which would be clauses), and 6.3 does not make the table a 2022 clause table. */
    static const char *refs[] = { "A.5.1", "A.5.2", "A.5.23", "A.5.30", "A.6.3",
                                  "A.7.4", "A.8.12", "A.8.16", "A.8.34" };
    assert_int_equal(isms_assessment_count(a), 9);
    for (size_t i = 0; i < 9; i++) {
        const isms_entry *e = isms_assessment_at(a, i);
        assert_string_equal(isms_entry_ref(e), refs[i]);
        assert_non_null(isms_entry_item(e));
        assert_int_equal(isms_item_kind_of(isms_entry_item(e)), ISMS_ITEM_CONTROL);
    }
    /* "Control" next to "Control name": the reference; the name is the requirement text. */
    assert_string_equal(isms_entry_get(entry(a, "A.8.12"), ISMS_FIELD_TEXT),
                        "Data leakage prevention");
    assert_int_equal(isms_entry_applicability(entry(a, "A.7.4")), ISMS_APPLICABILITY_EXCLUDED);
    assert_string_equal(isms_entry_get(entry(a, "A.7.4"), ISMS_FIELD_JUSTIFICATION),
                        "No own data centre");
    assert_string_equal(note_at(notes, "gap-edition", 0).message,
                        "Tabellen lästes som ISO/IEC 27001:2022 eftersom referenserna till "
                        "bilaga A har 2022 års form (A.5.2 på rad 3).");
    isms_assessment_free(a);
    isms_findings_free(notes);

    /* Plain numbers that are mostly clauses stay clauses. */
    a = parse("ISO;Krav;Nuläge\n4.1;a;Ja\n5.1;b;Ja\n5.23;c;Nej\n", NULL);
    assert_int_equal(isms_assessment_scope(a), ISMS_SCOPE_CLAUSES);
    assert_string_equal(isms_entry_ref(isms_assessment_at(a, 1)), "5.1");
    assert_string_equal(isms_entry_ref(isms_assessment_at(a, 2)), "5.23");
    assert_null(isms_entry_item(isms_assessment_at(a, 2))); /* no such clause: kept */
    isms_assessment_free(a);
}

/* ---- edition rules ------------------------------------------------------------------------ */

static void test_edition_rules(void **state)
{
    (void)state;
    static const struct {
        const char *file;
        isms_edition edition;
        isms_edition_basis basis;
        isms_scope scope;
        const char *sv, *en;
    } cases[] = {
        { "edition-new-clauses.csv", ISMS_EDITION_2022, ISMS_BASIS_NEW_CLAUSES,
          ISMS_SCOPE_CLAUSES, "eftersom den har avsnitt 6.3 (rad 3), som bara finns i 2022",
          "because it has clause 6.3 (line 3), which only the 2022 edition has" },
        { "edition-titles-2013.csv", ISMS_EDITION_2013, ISMS_BASIS_CLAUSE_TITLES,
          ISMS_SCOPE_CLAUSES,
          "10.1 (rad 3) handlar om avvikelser och korrigerande åtgärder och 10.2 (rad 4) om "
          "ständig förbättring, som i 2013",
          "10.1 (line 3) is about nonconformity and corrective action and 10.2 (line 4) about "
          "continual improvement, as in the 2013 edition" },
        { "edition-titles-2022.csv", ISMS_EDITION_2022, ISMS_BASIS_CLAUSE_TITLES,
          ISMS_SCOPE_CLAUSES, "10.1 (rad 3) handlar om ständig förbättring, som i 2022",
          "10.1 (line 3) is about continual improvement, as in the 2022 edition" },
        { "edition-clause-set.csv", ISMS_EDITION_2013, ISMS_BASIS_CLAUSE_SET,
          ISMS_SCOPE_CLAUSES, "exakt de 26 krav som 2013 års utgåva har",
          "exactly the 26 requirements of the 2013 edition" },
        { "edition-annex-2013.csv", ISMS_EDITION_2013, ISMS_BASIS_ANNEX_A, ISMS_SCOPE_ANNEX_A,
          "har 2013 års form (A.5.1.1 på rad 3)", "the form of the 2013 edition (A.5.1.1 on line 3)" },
        { "edition-annex-2022.csv", ISMS_EDITION_2022, ISMS_BASIS_ANNEX_A, ISMS_SCOPE_ANNEX_A,
          "har 2022 års form (A.8.34 på rad 3)", "the form of the 2022 edition (A.8.34 on line 3)" },
        { "edition-default.csv", ISMS_EDITION_2022, ISMS_BASIS_DEFAULT, ISMS_SCOPE_CLAUSES,
          "Inget i tabellen avgör vilken utgåva den följer; den nuvarande, ISO/IEC 27001:2022, "
          "antogs.",
          "Nothing in the table tells its edition; the current one, ISO/IEC 27001:2022, was "
          "assumed." },
        { "edition-title-row.csv", ISMS_EDITION_2013, ISMS_BASIS_NAMED, ISMS_SCOPE_CLAUSES,
          "Tabellen anger sin utgåva på rad 1 (\"Gapanalys enligt SS-EN ISO/IEC 27001:2017, "
          "Exempelby kommun\"): den lästes som ISO/IEC 27001:2013.",
          "The table names its edition on line 1 (\"Gapanalys enligt SS-EN ISO/IEC "
          "27001:2017, Exempelby kommun\"): it was read as ISO/IEC 27001:2013." },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        for (int lang = 0; lang < 2; lang++) {
            isms_findings *notes = new_notes((isms_lang)lang);
            isms_assessment *a = load(cases[i].file, notes);
            if (isms_assessment_edition(a) != cases[i].edition ||
                isms_assessment_edition_basis(a) != cases[i].basis)
                fail_msg("%s: edition %d basis %d", cases[i].file, isms_assessment_edition(a),
                         isms_assessment_edition_basis(a));
            assert_int_equal(isms_assessment_scope(a), cases[i].scope);
            assert_int_equal(count_notes(notes, "gap-edition", NULL), 1);
            assert_contains(note_at(notes, "gap-edition", 0).message,
                            lang == 0 ? cases[i].sv : cases[i].en);
            isms_assessment_free(a);
            isms_findings_free(notes);
        }
    }

    /* The 2013 objectives in the Annex A table are headings without data: skipped. */
    isms_assessment *a = load("edition-annex-2013.csv", NULL);
    assert_int_equal(isms_assessment_count(a), 3);
    assert_string_equal(isms_entry_ref(isms_assessment_at(a, 0)), "A.5.1.1");
    assert_null(isms_assessment_find(a, "A.5.1"));
    isms_assessment_free(a);

    /* 10.1 and 10.2 described the same way contradict each other: no decision by titles. */
    a = parse("ISO;Krav\n10.1;Ständig förbättring\n10.2;Förbättring\n", NULL);
    assert_int_equal(isms_assessment_edition_basis(a), ISMS_BASIS_DEFAULT);
    isms_assessment_free(a);
    /* A text about both does not count. */
    a = parse("ISO;Krav\n10.1;Avvikelser leder till förbättringar\n", NULL);
    assert_int_equal(isms_assessment_edition_basis(a), ISMS_BASIS_DEFAULT);
    isms_assessment_free(a);
    /* The title may come from the reference cell. */
    a = parse("ISO;Nuläge\n10.1 Nonconformity and corrective action;Yes\n", NULL);
    assert_int_equal(isms_assessment_edition(a), ISMS_EDITION_2013);
    assert_int_equal(isms_assessment_edition_basis(a), ISMS_BASIS_CLAUSE_TITLES);
    isms_assessment_free(a);
    /* The 2013 clause set with one clause more is not exact. */
    size_t len;
    char *raw = slurp(DATA "edition-clause-set.csv", &len);
    char *more = malloc(len + 32);
    assert_non_null(more);
    memcpy(more, raw, len);
    strcpy(more + len, "4.5;;Ja\r\n");
    a = parse(more, NULL);
    assert_int_equal(isms_assessment_edition_basis(a), ISMS_BASIS_DEFAULT);
    isms_assessment_free(a);
    free(more);
    free(raw);
    /* Mixed Annex A forms decide nothing. */
    a = parse("Ref;Nuläge\nA.5.1.1;Ja\nA.8.34;Nej\n", NULL);
    assert_int_equal(isms_assessment_edition_basis(a), ISMS_BASIS_DEFAULT);
    assert_int_equal(isms_assessment_edition(a), ISMS_EDITION_2022);
    isms_assessment_free(a);
}

static void test_edition_given(void **state)
{
    (void)state;
    /* The caller's edition wins over everything in the table. */
    isms_findings *notes = new_notes(ISMS_LANG_EN);
    isms_assessment *a = load_ed("sv-2013-excel-utf8-bom.csv", ISMS_EDITION_2022, notes);
    assert_int_equal(isms_assessment_edition(a), ISMS_EDITION_2022);
    assert_int_equal(isms_assessment_edition_basis(a), ISMS_BASIS_GIVEN);
    assert_string_equal(note_at(notes, "gap-edition", 0).message,
                        "The edition ISO/IEC 27001:2022 was given for the import; the table "
                        "was not examined for it.");
    /* 9.2 and 9.3 are headings in 2022, but they carry data: kept (unknown as requirements). */
    assert_non_null(isms_assessment_find(a, "9.2"));
    isms_assessment_free(a);
    isms_findings_free(notes);

    a = load_ed("edition-title-row.csv", ISMS_EDITION_2022_AMD1, NULL);
    assert_int_equal(isms_assessment_edition(a), ISMS_EDITION_2022_AMD1);
    assert_int_equal(isms_assessment_edition_basis(a), ISMS_BASIS_GIVEN);
    isms_assessment_free(a);

    /* Title rows in their forms. */
    static const struct {
        const char *text;
        isms_edition edition;
        isms_edition_basis basis;
    } titles[] = {
        { "ISO/IEC 27001:2022/Amd 1:2024\nISO;Nuläge\n4.1;Ja\n", ISMS_EDITION_2022_AMD1,
          ISMS_BASIS_NAMED },
        { "Gap 27001:2022+A1:2024;;\nISO;Nuläge\n4.1;Ja\n", ISMS_EDITION_2022_AMD1,
          ISMS_BASIS_NAMED },
        { "Bedömning;ISO 27001:2013\nISO;Nuläge\n4.1;Ja\n", ISMS_EDITION_2013,
          ISMS_BASIS_NAMED },
        { "SS-EN ISO/IEC 27001:2023\nISO;Nuläge\n4.1;Ja\n", ISMS_EDITION_2022,
          ISMS_BASIS_NAMED },
        /* two editions named: the title decides nothing */
        { "Från ISO/IEC 27001:2013 till ISO/IEC 27001:2022\nISO;Nuläge\n4.1;Ja\n",
          ISMS_EDITION_2022, ISMS_BASIS_DEFAULT },
        /* not an edition */
        { "ISO/IEC 27001:2020\nISO;Nuläge\n4.1;Ja\n", ISMS_EDITION_2022, ISMS_BASIS_DEFAULT },
        /* the reference header names it */
        { "ISO 27001:2013;Krav;Nuläge\n4.1;Org;Ja\n", ISMS_EDITION_2013, ISMS_BASIS_NAMED },
    };
    for (size_t i = 0; i < sizeof titles / sizeof *titles; i++) {
        a = parse(titles[i].text, NULL);
        if (isms_assessment_edition(a) != titles[i].edition ||
            isms_assessment_edition_basis(a) != titles[i].basis)
            fail_msg("title %zu: edition %d basis %d", i, isms_assessment_edition(a),
                     isms_assessment_edition_basis(a));
        assert_int_equal(isms_assessment_count(a), 1);
        assert_string_equal(isms_entry_ref(isms_assessment_at(a, 0)), "4.1");
        isms_assessment_free(a);
    }
}

/* ---- columns ------------------------------------------------------------------------------ */

static void test_extra_columns(void **state)
{
    (void)state;
    isms_findings *notes = new_notes(ISMS_LANG_EN);
    isms_assessment *a = load("extra-columns.csv", notes);
    assert_int_equal(isms_assessment_extra_count(a), 3);
    assert_string_equal(isms_assessment_extra_name(a, 0), "Riskkoppling");
    assert_string_equal(isms_assessment_extra_name(a, 1), "Senast granskad");
    assert_string_equal(isms_assessment_extra_name(a, 2), "Kommentar");
    assert_null(isms_assessment_extra_name(a, 3));
    const isms_entry *e = entry(a, "4.1");
    assert_string_equal(isms_entry_get(e, ISMS_FIELD_COMMENT), "Klar"); /* the first one */
    assert_string_equal(isms_entry_extra(e, 0), "R3, R7");
    assert_string_equal(isms_entry_extra(e, 1), "2024-01-15");
    assert_string_equal(isms_entry_extra(e, 2), "Ingen anmärkning");
    e = entry(a, "5.2");
    assert_string_equal(isms_entry_extra(e, 0), "");
    assert_string_equal(isms_entry_extra(e, 1), "2023-11-02");
    assert_string_equal(isms_entry_extra(entry(a, "6.1.2"), 2), "Se KSF-protokoll");
    /* One note per column: kept (info), or without header and ignored (warning). */
    assert_int_equal(count_notes(notes, "csv-extra-column", NULL), 3);
    assert_int_equal(count_notes(notes, "csv-ignored-column", NULL), 1);
    isms_finding f = note_at(notes, "csv-extra-column", 0);
    assert_int_equal(f.severity, ISMS_SEVERITY_INFO);
    assert_string_equal(f.message,
                        "Column 4 (\"Riskkoppling\") is not recognised; it was kept as an extra "
                        "column.");
    assert_string_equal(note_at(notes, "csv-extra-column", 2).message,
                        "Column 7 (\"Kommentar\") repeats column 5; it was kept as an extra "
                        "column.");
    f = note_at(notes, "csv-ignored-column", 0);
    assert_int_equal(f.severity, ISMS_SEVERITY_WARNING);
    assert_string_equal(f.message, "Column 8 has no header and was ignored.");
    /* Round trip: the extra columns and their order survive, in both languages. */
    check_roundtrip_all(a);
    char *doc = NULL;
    assert_int_equal(isms_assessment_write_csv(&doc, NULL, a, ISMS_LANG_EN, ISMS_CSV_LF |
                                               ISMS_CSV_NO_BOM), ISMS_OK);
    assert_contains(doc, "Evidence;Riskkoppling;Senast granskad;Kommentar\n");
    assert_contains(doc,
                    "4.1;Organisationen;Yes;Klar;;;;;;\"R3, R7\";2024-01-15;Ingen anmärkning\n");
    isms_free(doc);
    isms_assessment_free(a);
    isms_findings_free(notes);

    /* Header spellings: case, stray spaces, hyphenation, English. */
    a = parse("\" iso \";\"KRAV\";\"Nu-\nläge\";\"Åtgärds-\r\nbehov \";DUE DATE;Ansvarig\n"
              "4.1;Org;delvis;HÖG;Q1 2025;IT-chef\n",
              NULL);
    e = isms_assessment_at(a, 0);
    assert_int_equal(isms_entry_status(e), ISMS_STATUS_PARTIAL);
    assert_int_equal(isms_entry_need(e), ISMS_NEED_HIGH);
    assert_string_equal(isms_entry_get(e, ISMS_FIELD_DUE), "Q1 2025");
    assert_string_equal(isms_entry_get(e, ISMS_FIELD_OWNER), "IT-chef");
    assert_int_equal(isms_assessment_extra_count(a), 0);
    isms_assessment_free(a);

    /* Several reference headers: ISO wins over Id, which is kept as an extra column. */
    a = parse("Id;ISO;Krav;Nuläge\n1;4.1;Org;Ja\n2;5.1;Led;Nej\n", NULL);
    assert_string_equal(isms_entry_ref(isms_assessment_at(a, 1)), "5.1");
    assert_int_equal(isms_assessment_extra_count(a), 1);
    assert_string_equal(isms_assessment_extra_name(a, 0), "Id");
    assert_string_equal(isms_entry_extra(isms_assessment_at(a, 1), 0), "2");
    check_roundtrip_all(a);
    isms_assessment_free(a);

    /* An extra column named like an SoA field (a second Motivering) forces the SoA columns
     * into the export, so that it stays an extra column when read back. */
    a = parse("Ref;Motivering;Nuläge;Motivering\nA.5.1;;Ja;x\n", NULL);
    assert_int_equal(isms_assessment_extra_count(a), 1);
    assert_int_equal(isms_entry_applicability(isms_assessment_at(a, 0)),
                     ISMS_APPLICABILITY_UNDECIDED);
    check_roundtrip_all(a);
    isms_assessment_free(a);
}

/* ---- rows and references -------------------------------------------------------------------- */

static void test_headings_and_references(void **state)
{
    (void)state;
    /* Headings (chapters, container clauses, Annex A and its groups) without data are
     * skipped; with data they are kept; assessable rows are kept even when empty. */
    isms_findings *notes = new_notes(ISMS_LANG_EN);
    isms_assessment *a = parse("ISO;Krav;Nuläge;Kommentar\n"
                               "4;Organisationens förutsättningar;;\n"
                               "4.1;Org;Ja;\n"
                               "6.1;Risker;Delvis;\n"
                               "6.1.1;Allmänt;;\n"
                               "7.5;Dokumenterad information;;Se 7.5.1\n"
                               "A;Bilaga A;;\n"
                               "A.5;Organisatoriska;;\n"
                               "11;Okänt kapitel;;\n",
                               notes);
    static const char *refs[] = { "4.1", "6.1", "6.1.1", "7.5", "11" };
    assert_int_equal(isms_assessment_count(a), 5);
    for (size_t i = 0; i < 5; i++)
        assert_string_equal(isms_entry_ref(isms_assessment_at(a, i)), refs[i]);
    assert_int_equal(isms_assessment_scope(a), ISMS_SCOPE_CLAUSES);
    assert_int_equal(count_notes(notes, "gap-skipped-row", NULL), 0); /* skipped silently */
    isms_assessment_free(a);
    isms_findings_free(notes);

    /* The forms of references, and the text after the id. */
    a = parse("ISO;Krav;Nuläge\n"
              "A 5.1 Policyer;;Ja\n"
              "a5.2;Roller;Ja\n"
              "A.05.03: Ansvarsfördelning;;Nej\n"
              "§ 6.1.2 Bedömning;;Delvis\n"
              "4,1;Förstå organisationen;Ja\n"
              "6.1.3. Behandling;;Nej\n"
              "KSF-1 Lokalt krav;;Ja\n"
              " 7.2\t– Kompetens ;Egen text;Nej\n"
              "A.9.99 Okänd;;Nej\n",
              NULL);
    static const struct {
        const char *ref, *text;
        bool known;
    } x[] = {
        { "A.5.1", "Policyer", true },
        { "A.5.2", "Roller", true },
        { "A.5.3", "Ansvarsfördelning", true },
        { "6.1.2", "Bedömning", true },
        { "4.1", "Förstå organisationen", true },
        { "6.1.3", "Behandling", true },
        { "KSF-1 Lokalt krav", "", false },
        { "7.2", "Egen text", true },
        { "A.9.99", "Okänd", false },
    };
    assert_int_equal(isms_assessment_count(a), 9);
    for (size_t i = 0; i < 9; i++) {
        const isms_entry *e = isms_assessment_at(a, i);
        assert_string_equal(isms_entry_ref(e), x[i].ref);
        assert_string_equal(isms_entry_get(e, ISMS_FIELD_TEXT), x[i].text);
        assert_int_equal(isms_entry_item(e) != NULL, x[i].known);
    }
    assert_int_equal(isms_assessment_scope(a), ISMS_SCOPE_BOTH);
    check_roundtrip_all(a);
    isms_assessment_free(a);

    /* Rows without a reference: a section heading is skipped with a note; a row with data
     * is an error that names the line; blank rows and rows with data only in a column
     * without header are skipped. */
    notes = new_notes(ISMS_LANG_EN);
    a = parse("Gapanalys;;;\n"
              "ISO;Krav;Nuläge;\n"
              ";;;\n"
              "\n"
              ";6 Planering;;\n"
              ";;;lösryckt\n"
              "6.2;Mål;Nej;\n",
              notes);
    assert_int_equal(isms_assessment_count(a), 1);
    assert_int_equal(count_notes(notes, "gap-skipped-row", NULL), 1);
    assert_string_equal(note_at(notes, "gap-skipped-row", 0).message,
                        "Line 5 has no reference and only text in the \"Krav\" column "
                        "(\"6 Planering\"); it was read as a heading and skipped.");
    assert_int_equal(count_notes(notes, "csv-ignored-column", NULL), 1);
    isms_assessment_free(a);
    isms_findings_free(notes);
    parse_fails("ISO;Krav;Nuläge\n4.1;Org;Ja\n\n;Policy;Delvis\n", ISMS_EPARSE, 4, 1,
                "line 4: no reference (the \"ISO\" column is empty)");
    parse_fails("Avsnitt;Krav;Kommentar\n;;Ingen referens\n", ISMS_EPARSE, 2, 1,
                "line 2: no reference (the \"Avsnitt\" column is empty)");

    /* Evidence: one reference per line, trimmed, empty lines dropped. */
    a = parse("ISO;Bevis\n5.2;\"  Policy KF 2023 \r\n\r\n\tRiktlinje\nhttps://intranat/isms \"\n",
              NULL);
    const isms_entry *e = isms_assessment_at(a, 0);
    assert_int_equal(isms_entry_evidence_count(e), 3);
    assert_string_equal(isms_entry_evidence(e, 0), "Policy KF 2023");
    assert_string_equal(isms_entry_evidence(e, 1), "Riktlinje");
    assert_string_equal(isms_entry_evidence(e, 2), "https://intranat/isms");
    check_roundtrip_all(a);
    isms_assessment_free(a);
}

/* ---- errors --------------------------------------------------------------------------------- */

static void test_broken_files(void **state)
{
    (void)state;
    load_fails("broken-status.csv", ISMS_EPARSE, 14, 3,
               "line 14, column 3: status \"Kanske\" is not one of Ja, Delvis, Nej, Ej "
               "tillämplig, Ej bedömd (Yes, Partial, No, Not applicable, Not assessed)");
    load_fails("broken-duplicate.csv", ISMS_EEXIST, 7, 1,
               "line 7, column 1: requirement 6.1.2 appears twice, on line 4 and on line 7");
    load_fails("broken-no-reference-column.csv", ISMS_EPARSE, 1, 0,
               "line 1: the header row has no reference column (ISO, Krav-ID, Avsnitt, "
               "Clause, Control, Ref or Id)");
    load_fails("broken-truncated-quote.csv", ISMS_EPARSE, 2, 4,
               "line 2, column 4: the quoted cell is not closed before the end of the file");
    load_fails("broken-no-reference.csv", ISMS_EPARSE, 5, 1,
               "line 5: no reference (the \"ISO\" column is empty)");
    load_fails("broken-need.csv", ISMS_EPARSE, 3, 4,
               "line 3, column 4: need for action \"Akut\" is not one of Ingen, Låg, Medel, Hög "
               "(None, Low, Medium, High)");

    /* A missing file. */
    isms_assessment *a = NULL;
    assert_int_equal(isms_assessment_load_csv(&a, DATA "no-such-file.csv", ISMS_EDITION_UNKNOWN,
                                              YEAR, NULL),
                     ISMS_EIO);
    assert_null(a);
    assert_contains(isms_error_last()->message, "no-such-file.csv");
}

static void test_broken_text(void **state)
{
    (void)state;
    parse_fails("", ISMS_EPARSE, 1, 0, "the file is empty");
    parse_fails("Titel\nNågot annat;helt\n", ISMS_EPARSE, 1, 0, "no header row found");
    parse_fails("ISO;Nuläge\n4.1;\"Ja\"x\n", ISMS_EPARSE, 2, 2, "after the closing quote");
    parse_fails("\xff\xfeI\0S\0O\0", ISMS_EPARSE, 1, 0, "UTF-16");
    parse_fails("Ref;Tillämplig\nA.5.1;Kanske\n", ISMS_EPARSE, 2, 2,
                "line 2, column 2: applicability \"Kanske\" is not one of Ja, Nej, Tillämplig, "
                "Exkluderad (Applicable, Excluded)");
    parse_fails("Ref;Skäl;Tillämplig\nA.5.1;\"Risk, budget\";Ja\n", ISMS_EPARSE, 2, 2,
                "line 2, column 2: reasons \"Risk, budget\": reason \"budget\" is not one of");
    parse_fails("ISO;Nuläge\n4.1;Ja\n4.2; delvis  uppfyllt? \n", ISMS_EPARSE, 3, 2,
                "status \"delvis  uppfyllt?\" is not one of");
    /* A long value is cut in the message. */
    char text[600];
    snprintf(text, sizeof text, "ISO;Nuläge\n4.1;%0300d\n", 7);
    parse_fails(text, ISMS_EPARSE, 2, 2, "…\" is not one of");
    /* Duplicates written differently: canonical forms collide. */
    parse_fails("Ref;Nuläge\nA.5.1;Ja\nA 5.1;Nej\n", ISMS_EEXIST, 3, 1,
                "requirement A.5.1 appears twice, on line 2 and on line 3");
    parse_fails("ISO;Nuläge\nKSF-1;Ja\n\"KSF-1 \";Nej\n", ISMS_EEXIST, 3, 1,
                "requirement KSF-1 appears twice, on line 2 and on line 3");
    /* An error after multi-line cells names the right line. */
    parse_fails("ISO;Kommentar;Nuläge\n4.1;\"a\nb\nc\";Ja\n4.2;\"d\r\ne\";Nix\n", ISMS_EPARSE, 5,
                3, "line 5, column 3: status \"Nix\"");
}

static void test_invalid_arguments(void **state)
{
    (void)state;
    isms_assessment *a = NULL;
    const char *t = "ISO;Nuläge\n4.1;Ja\n";
    size_t n = strlen(t);
    assert_int_equal(isms_assessment_parse_csv(NULL, t, n, NULL, 0, YEAR, NULL), ISMS_EINVAL);
    assert_int_equal(isms_assessment_parse_csv(&a, NULL, 3, NULL, 0, YEAR, NULL), ISMS_EINVAL);
    assert_int_equal(isms_assessment_parse_csv(&a, t, n, NULL, (isms_edition)9, YEAR, NULL),
                     ISMS_EINVAL);
    assert_int_equal(isms_assessment_parse_csv(&a, t, n, NULL, 0, 1899, NULL), ISMS_EINVAL);
    assert_int_equal(isms_assessment_parse_csv(&a, t, n, NULL, 0, 10000, NULL), ISMS_EINVAL);
    assert_int_equal(isms_assessment_parse_csv(&a, t, (size_t)ISMS_CSV_MAX_INPUT + 1, "big.csv",
                                               0, YEAR, NULL),
                     ISMS_ERANGE);
    assert_null(a);
    assert_int_equal(isms_assessment_load_csv(NULL, "x", 0, YEAR, NULL), ISMS_EINVAL);
    assert_int_equal(isms_assessment_load_csv(&a, NULL, 0, YEAR, NULL), ISMS_EINVAL);
    /* An empty input with a NULL pointer is an empty file. */
    assert_int_equal(isms_assessment_parse_csv(&a, NULL, 0, NULL, 0, YEAR, NULL), ISMS_EPARSE);
    assert_null(a);
    /* No source: the error has none either. */
    assert_int_equal(isms_assessment_parse_csv(&a, "ISO;Nuläge\n4.1;x\n", 17, NULL, 0, YEAR,
                                               NULL),
                     ISMS_EPARSE);

    a = parse(t, NULL);
    char *doc = (char *)(uintptr_t)0x1;
    assert_int_equal(isms_assessment_write_csv(NULL, NULL, a, ISMS_LANG_SV, 0), ISMS_EINVAL);
    assert_int_equal(isms_assessment_write_csv(&doc, NULL, NULL, ISMS_LANG_SV, 0), ISMS_EINVAL);
    assert_int_equal(isms_assessment_write_csv(&doc, NULL, a, (isms_lang)7, 0), ISMS_EINVAL);
    assert_int_equal(isms_assessment_write_csv(&doc, NULL, a, ISMS_LANG_SV, 16), ISMS_EINVAL);
    assert_int_equal(isms_assessment_write_csv(&doc, NULL, a, ISMS_LANG_SV,
                                               ISMS_CSV_COMMA | ISMS_CSV_TAB),
                     ISMS_EINVAL);
    assert_ptr_equal(doc, (char *)(uintptr_t)0x1);
    assert_int_equal(isms_assessment_save_csv(NULL, a, ISMS_LANG_SV, 0), ISMS_EINVAL);
    assert_int_equal(isms_assessment_save_csv("/tmp/x.csv", NULL, ISMS_LANG_SV, 0), ISMS_EINVAL);
    assert_int_equal(isms_assessment_save_csv("/tmp/isms-never.csv", a, ISMS_LANG_SV, 64),
                     ISMS_EINVAL);
    assert_int_equal(access("/tmp/isms-never.csv", F_OK), -1);
    isms_assessment_free(a);
}

/* ---- export --------------------------------------------------------------------------------- */

/* An assessment with every field, built through the API. */
static isms_assessment *rich_assessment(void)
{
    isms_assessment *a = NULL;
    assert_int_equal(isms_assessment_new(&a, ISMS_EDITION_2022, YEAR, ISMS_SCOPE_BOTH), ISMS_OK);
    size_t k;
    assert_int_equal(isms_assessment_add_extra(&k, a, "Riskkoppling"), ISMS_OK);
    isms_entry *e = NULL;
    assert_int_equal(isms_assessment_add(&e, a, "4.1"), ISMS_OK);
    assert_int_equal(isms_entry_set(e, ISMS_FIELD_TEXT, "Förstå organisationen"), ISMS_OK);
    assert_int_equal(isms_entry_set_status(e, ISMS_STATUS_YES), ISMS_OK);
    assert_int_equal(isms_entry_set_need(e, ISMS_NEED_NONE), ISMS_OK);
    assert_int_equal(isms_entry_set(e, ISMS_FIELD_OWNER, "Kommunledningskontoret"), ISMS_OK);
    assert_int_equal(isms_assessment_add(&e, a, "6.1.2"), ISMS_OK);
    assert_int_equal(isms_entry_set(e, ISMS_FIELD_TEXT, "Riskbedömning"), ISMS_OK);
    assert_int_equal(isms_entry_set_status(e, ISMS_STATUS_PARTIAL), ISMS_OK);
    assert_int_equal(isms_entry_set_need(e, ISMS_NEED_HIGH), ISMS_OK);
    assert_int_equal(isms_entry_set(e, ISMS_FIELD_COMMENT, "Metod saknas; utkast finns"), ISMS_OK);
    assert_int_equal(isms_entry_set(e, ISMS_FIELD_PLAN, "Inför metod\nUtbilda"), ISMS_OK);
    assert_int_equal(isms_entry_set(e, ISMS_FIELD_OWNER, "CISO"), ISMS_OK);
    assert_int_equal(isms_entry_set(e, ISMS_FIELD_DUE, "Q2 2024"), ISMS_OK);
    assert_int_equal(isms_entry_add_evidence(e, "Riskmetod v1"), ISMS_OK);
    assert_int_equal(isms_entry_add_evidence(e, "Beslut KS 2024-01"), ISMS_OK);
    assert_int_equal(isms_entry_set_extra(e, k, "R1, R4"), ISMS_OK);
    assert_int_equal(isms_assessment_add(&e, a, "A.8.34"), ISMS_OK);
    assert_int_equal(isms_entry_set(e, ISMS_FIELD_TEXT, "Skydd vid revision"), ISMS_OK);
    assert_int_equal(isms_entry_set_status(e, ISMS_STATUS_NOT_APPLICABLE), ISMS_OK);
    assert_int_equal(isms_entry_set_applicability(e, ISMS_APPLICABILITY_EXCLUDED), ISMS_OK);
    assert_int_equal(isms_entry_set(e, ISMS_FIELD_JUSTIFICATION, "Inga revisionstester"),
                     ISMS_OK);
    assert_int_equal(isms_assessment_add(&e, a, "A.5.23"), ISMS_OK);
    assert_int_equal(isms_entry_set_status(e, ISMS_STATUS_NO), ISMS_OK);
    assert_int_equal(isms_entry_set_applicability(e, ISMS_APPLICABILITY_APPLICABLE), ISMS_OK);
    assert_int_equal(isms_entry_set_reasons(e, ISMS_REASON_RISK | ISMS_REASON_CONTRACTUAL |
                                                   ISMS_REASON_BUSINESS),
                     ISMS_OK);
    assert_int_equal(isms_entry_set(e, ISMS_FIELD_ORIGIN, "2013: A.15.1.1"), ISMS_OK);
    assert_int_equal(isms_entry_set(e, ISMS_FIELD_DUE, "inför nästa verksamhetsplan"), ISMS_OK);
    return a;
}

static void test_export_format(void **state)
{
    (void)state;
    isms_assessment *a = rich_assessment();
    char *doc = NULL;
    size_t len = 0;
    assert_int_equal(isms_assessment_write_csv(&doc, &len, a, ISMS_LANG_SV, 0), ISMS_OK);
    const char *sv =
        "\xEF\xBB\xBFISO/IEC 27001:2022;;;;;;;;;;;;;\r\n"
        "ISO;Krav;Nuläge;Kommentar;Handlingsplan;Ansvarig;Åtgärdsbehov;Datum;Bevis;Tillämplig;"
        "Motivering;Skäl;Ursprung;Riskkoppling\r\n"
        "4.1;Förstå organisationen;Ja;;;Kommunledningskontoret;Ingen;;;;;;;\r\n"
        "6.1.2;Riskbedömning;Delvis;\"Metod saknas; utkast finns\";\"Inför metod\nUtbilda\";"
        "CISO;Hög;Q2 2024;\"Riskmetod v1\nBeslut KS 2024-01\";;;;;\"R1, R4\"\r\n"
        "A.8.34;Skydd vid revision;Ej tillämplig;;;;;;;Exkluderad;Inga revisionstester;;;\r\n"
        "A.5.23;;Nej;;;;;inför nästa verksamhetsplan;;Tillämplig;;\"Riskbehandling, Avtalskrav, "
        "Verksamhetskrav\";2013: A.15.1.1;\r\n";
    assert_string_equal(doc, sv);
    assert_int_equal(len, strlen(sv));
    isms_free(doc);

    assert_int_equal(isms_assessment_write_csv(&doc, NULL, a, ISMS_LANG_EN,
                                               ISMS_CSV_COMMA | ISMS_CSV_NO_BOM | ISMS_CSV_LF),
                     ISMS_OK);
    const char *en =
        "ISO/IEC 27001:2022,,,,,,,,,,,,,\n"
        "Clause,Requirement,Status,Comment,Action plan,Owner,Need,Due,Evidence,Applicable,"
        "Justification,Reasons,Origin,Riskkoppling\n"
        "4.1,Förstå organisationen,Yes,,,Kommunledningskontoret,None,,,,,,,\n"
        "6.1.2,Riskbedömning,Partial,\"Metod saknas; utkast finns\",\"Inför metod\nUtbilda\",CISO,"
        "High,Q2 2024,\"Riskmetod v1\nBeslut KS 2024-01\",,,,,\"R1, R4\"\n"
        "A.8.34,Skydd vid revision,Not applicable,,,,,,,Excluded,Inga revisionstester,,,\n"
        "A.5.23,,No,,,,,inför nästa verksamhetsplan,,Applicable,,\"Risk treatment, Contractual, "
        "Business\",2013: A.15.1.1,\n";
    assert_string_equal(doc, en);
    isms_free(doc);
    check_roundtrip_all(a);

    /* Without SoA fields and origins, those columns are not written. */
    isms_assessment *b = NULL;
    assert_int_equal(isms_assessment_new(&b, ISMS_EDITION_2013, 2023, ISMS_SCOPE_CLAUSES),
                     ISMS_OK);
    isms_entry *e = NULL;
    assert_int_equal(isms_assessment_add(&e, b, "9.2"), ISMS_OK);
    assert_int_equal(isms_entry_set_status(e, ISMS_STATUS_NO), ISMS_OK);
    assert_int_equal(isms_assessment_write_csv(&doc, NULL, b, ISMS_LANG_SV,
                                               ISMS_CSV_TAB | ISMS_CSV_NO_BOM | ISMS_CSV_LF),
                     ISMS_OK);
    assert_string_equal(doc, "ISO/IEC 27001:2013\t\t\t\t\t\t\t\t\n"
                             "ISO\tKrav\tNuläge\tKommentar\tHandlingsplan\tAnsvarig\t"
                             "Åtgärdsbehov\tDatum\tBevis\n"
                             "9.2\t\tNej\t\t\t\t\t\t\n");
    isms_free(doc);
    check_roundtrip_all(b);
    isms_assessment_free(b);

    /* Cells full of the other delimiters do not mislead the delimiter detection when the
     * export is read back, even without data rows (the title row is as wide as the table). */
    static const char *tabs = "a\tb\tc\td\te\tf\tg\th\ti\tj\tk;l;m";
    assert_int_equal(isms_assessment_new(&b, ISMS_EDITION_2013, YEAR, ISMS_SCOPE_BOTH), ISMS_OK);
    assert_int_equal(isms_assessment_add_extra(NULL, b, tabs), ISMS_OK);
    check_roundtrip_all(b); /* no entries: the scope read back is "both" */
    isms_assessment_free(b);
    assert_int_equal(isms_assessment_new(&b, ISMS_EDITION_2013, YEAR, ISMS_SCOPE_CLAUSES),
                     ISMS_OK);
    assert_int_equal(isms_assessment_add_extra(NULL, b, tabs), ISMS_OK);
    assert_int_equal(isms_assessment_add(&e, b, "4.1"), ISMS_OK);
    assert_int_equal(isms_entry_set(e, ISMS_FIELD_COMMENT, "x\ty\tz\t1\t2\t3\t4\t5\t6\t7\t8;9"),
                     ISMS_OK);
    check_roundtrip_all(b);
    isms_assessment_free(b);

    /* An empty assessment: title and header only; it reads back empty. */
    assert_int_equal(isms_assessment_new(&b, ISMS_EDITION_2022_AMD1, YEAR, ISMS_SCOPE_BOTH),
                     ISMS_OK);
    check_roundtrip_all(b);
    isms_assessment_free(b);
    isms_assessment_free(a);
}

static void test_roundtrip_files(void **state)
{
    (void)state;
    static const char *files[] = {
        "sv-2013-excel-cp1252.csv", "sv-2013-excel-utf8-bom.csv", "en-2022-comma.csv",
        "word-export.tsv",          "soa-2022.csv",               "soa-plain-numbers.csv",
        "extra-columns.csv",        "edition-new-clauses.csv",    "edition-titles-2013.csv",
        "edition-titles-2022.csv",  "edition-clause-set.csv",     "edition-annex-2013.csv",
        "edition-annex-2022.csv",   "edition-default.csv",        "edition-title-row.csv",
    };
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        isms_assessment *a = load(files[i], NULL);
        check_roundtrip_all(a);
        isms_assessment_free(a);
    }
    /* Given editions survive as well. */
    isms_assessment *a = load_ed("edition-default.csv", ISMS_EDITION_2013, NULL);
    check_roundtrip_all(a);
    isms_assessment_free(a);
    a = load_ed("edition-default.csv", ISMS_EDITION_2022_AMD1, NULL);
    check_roundtrip_all(a);
    isms_assessment_free(a);
}

static void test_formula_neutralisation(void **state)
{
    (void)state;
    isms_assessment *a = NULL;
    assert_int_equal(isms_assessment_new(&a, ISMS_EDITION_2022, YEAR, ISMS_SCOPE_CLAUSES),
                     ISMS_OK);
    size_t k;
    assert_int_equal(isms_assessment_add_extra(&k, a, "=Summa"), ISMS_OK);
    static const char *cells[] = { "=SUMMA(A1:A3)", "+46 8 123 45", "-", "@ansvarig",
                                   "'=redan skyddad", "''+två", "\tTab först", "\rCR först",
                                   "'inte en formel", "=cmd|' /C calc'!A0" };
    size_t n = sizeof cells / sizeof *cells;
    static const char *refs[] = { "4.1", "4.2", "4.3", "4.4", "5.1",
                                  "5.2", "5.3", "6.2", "6.3", "7.1" };
    for (size_t i = 0; i < n; i++) {
        isms_entry *e = NULL;
        assert_int_equal(isms_assessment_add(&e, a, refs[i]), ISMS_OK);
        assert_int_equal(isms_entry_set(e, ISMS_FIELD_TEXT, cells[i]), ISMS_OK);
        assert_int_equal(isms_entry_set(e, ISMS_FIELD_COMMENT, cells[(i + 1) % n]), ISMS_OK);
        assert_int_equal(isms_entry_set(e, ISMS_FIELD_PLAN, cells[(i + 2) % n]), ISMS_OK);
        assert_int_equal(isms_entry_set(e, ISMS_FIELD_OWNER, cells[(i + 3) % n]), ISMS_OK);
        assert_int_equal(isms_entry_set(e, ISMS_FIELD_DUE, cells[(i + 4) % n]), ISMS_OK);
        assert_int_equal(isms_entry_set(e, ISMS_FIELD_JUSTIFICATION, cells[(i + 5) % n]),
                         ISMS_OK);
        assert_int_equal(isms_entry_set(e, ISMS_FIELD_ORIGIN, cells[(i + 6) % n]), ISMS_OK);
        assert_int_equal(isms_entry_set_extra(e, k, cells[(i + 7) % n]), ISMS_OK);
        if (cells[i][0] != '\t' && cells[i][0] != '\r')
            assert_int_equal(isms_entry_add_evidence(e, cells[i]), ISMS_OK);
    }
    char *doc = NULL;
    assert_int_equal(isms_assessment_write_csv(&doc, NULL, a, ISMS_LANG_SV, ISMS_CSV_NO_BOM),
                     ISMS_OK);
    /* Nothing a spreadsheet would run: every such cell starts with an apostrophe. */
    assert_contains(doc, ";'=SUMMA(A1:A3);");
    assert_contains(doc, ";'+46 8 123 45;");
    assert_contains(doc, ";'-;");
    assert_contains(doc, ";'@ansvarig;");
    assert_contains(doc, ";''=redan skyddad;");
    assert_contains(doc, ";'''+två;");
    assert_contains(doc, ";\"'\tTab först\";");
    assert_contains(doc, ";'inte en formel;");
    assert_contains(doc, "Bevis;Tillämplig;Motivering;Skäl;Ursprung;'=Summa\r\n");
    for (const char *p = doc; (p = strpbrk(p, ";\n")) != NULL; p++)
        assert_false(p[1] == '=' || p[1] == '+' || p[1] == '@');
    isms_free(doc);
    check_roundtrip_all(a);
    isms_assessment_free(a);
}

/* ---- notes ---------------------------------------------------------------------------------- */

static void test_notes_all_or_none(void **state)
{
    (void)state;
    /* Notes are appended after those already in the list, in the list's language. */
    isms_findings *notes = new_notes(ISMS_LANG_EN);
    assert_int_equal(isms_findings_add(notes, ISMS_SEVERITY_WARNING, "earlier", "X", "before"),
                     ISMS_OK);
    isms_assessment *a = load("word-export.tsv", notes);
    assert_int_equal(isms_findings_count(notes), 4);
    isms_finding f;
    assert_int_equal(isms_findings_get(&f, notes, 0), ISMS_OK);
    assert_string_equal(f.code, "earlier");
    assert_string_equal(note_at(notes, "gap-skipped-row", 0).message,
                        "Line 2 has no reference and only text in the \"Krav\" column "
                        "(\"4 Organisationens förutsättningar\"); it was read as a heading and "
                        "skipped.");
    isms_assessment_free(a);

    /* A failing import adds none of the notes it had gathered (encoding, skipped row). */
    const char *bad = "ISO;Krav;Nul\xe4ge\r\n;5 Ledarskap;\r\n5.1;Ledarskap;Kanske\r\n";
    a = (isms_assessment *)(uintptr_t)0x1;
    assert_int_equal(isms_assessment_parse_csv(&a, bad, strlen(bad), "bad.csv",
                                               ISMS_EDITION_UNKNOWN, YEAR, notes),
                     ISMS_EPARSE);
    assert_ptr_equal(a, (isms_assessment *)(uintptr_t)0x1);
    assert_int_equal(isms_findings_count(notes), 4);
    assert_error(ISMS_EPARSE, "line 3, column 3: status \"Kanske\"");
    isms_findings_free(notes);
}

/* ---- files ---------------------------------------------------------------------------------- */

static void test_atomic_save(void **state)
{
    (void)state;
    char dir[] = "/tmp/isms-test-csv-gap-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[256], missing[256];
    snprintf(path, sizeof path, "%s/gap.csv", dir);
    snprintf(missing, sizeof missing, "%s/no-such-dir/gap.csv", dir);
    isms_assessment *a = load("soa-2022.csv", NULL);

    /* Over an existing file with mode 0640: the mode stays, the content is replaced. */
    write_old_file(path, 0640);
    assert_int_equal(isms_assessment_save_csv(path, a, ISMS_LANG_SV, 0), ISMS_OK);
    assert_file_mode(path, 0640);
    isms_assessment *back = NULL;
    assert_int_equal(isms_assessment_load_csv(&back, path, ISMS_EDITION_UNKNOWN, YEAR, NULL),
                     ISMS_OK);
    assert_assessments_equal(a, back);
    isms_assessment_free(back);
    assert_int_equal(count_dir(dir), 1); /* no temporary file left */

    /* The file is what write_csv gives. */
    char *doc = NULL;
    size_t len = 0;
    assert_int_equal(isms_assessment_write_csv(&doc, &len, a, ISMS_LANG_EN, ISMS_CSV_TAB),
                     ISMS_OK);
    assert_int_equal(isms_assessment_save_csv(path, a, ISMS_LANG_EN, ISMS_CSV_TAB), ISMS_OK);
    assert_file_is_doc(path, doc, len);

    /* Into a directory that does not exist: EIO naming the file, nothing created. */
    assert_int_equal(isms_assessment_save_csv(missing, a, ISMS_LANG_SV, 0), ISMS_EIO);
    assert_string_equal(isms_error_last()->source, missing);
    assert_int_equal(count_dir(dir), 1);

    unlink(path);
    assert_int_equal(rmdir(dir), 0);
    isms_assessment_free(a);
}

/* ---- allocation failure ------------------------------------------------------------------- */

static int import_for_sweep(void **obj, const char *data, size_t len, isms_findings *notes)
{
    isms_assessment *a = *obj;
    int rc = isms_assessment_parse_csv(&a, data, len, "sweep.csv", ISMS_EDITION_UNKNOWN, YEAR,
                                       notes);
    *obj = a;
    return rc;
}

static void done_for_sweep(void *obj, isms_findings *notes)
{
    assert_true(isms_assessment_count(obj) > 0);
    if (notes)
        assert_true(isms_findings_count(notes) > 1);
    isms_assessment_free(obj);
}

static void test_alloc_failure_parse(void **state)
{
    (void)state;
    static const char *files[] = { "sv-2013-excel-cp1252.csv", "soa-2022.csv",
                                   "extra-columns.csv", "word-export.tsv",
                                   "edition-title-row.csv" };
    for (size_t i = 0; i < sizeof files / sizeof *files; i++)
        sweep_import_file(import_for_sweep, done_for_sweep, DATA, files[i]);

    /* load_csv adds the file buffer. */
    isms_assessment *a = NULL;
    SWEEP(isms_assessment_load_csv(&a, DATA "en-2022-comma.csv", ISMS_EDITION_UNKNOWN, YEAR,
                                   NULL),
          assert_null(a));
    assert_non_null(a);
    isms_assessment_free(a);
}

static void test_alloc_failure_write(void **state)
{
    (void)state;
    isms_assessment *as[3] = { rich_assessment(), load("sv-2013-excel-utf8-bom.csv", NULL),
                               load("extra-columns.csv", NULL) };
    for (size_t k = 0; k < 3; k++) {
        char *doc;
        size_t len;
        SWEEP_WRITE(doc, len,
                    isms_assessment_write_csv(&doc, &len, as[k], ISMS_LANG_EN, ISMS_CSV_COMMA));
    }

    /* save_csv: the old file survives every failure, no temporary file is left. */
    char dir[] = "/tmp/isms-test-csv-gap-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[256];
    snprintf(path, sizeof path, "%s/g.csv", dir);
    write_file(path, "old");
    SWEEP(isms_assessment_save_csv(path, as[0], ISMS_LANG_SV, 0),
          assert_old_file_kept(path, dir));
    isms_assessment *back = NULL;
    assert_int_equal(isms_assessment_load_csv(&back, path, ISMS_EDITION_UNKNOWN, YEAR, NULL),
                     ISMS_OK);
    assert_assessments_equal(as[0], back);
    isms_assessment_free(back);
    unlink(path);
    rmdir(dir);
    for (size_t k = 0; k < 3; k++)
        isms_assessment_free(as[k]);
}

/* ---- against a given catalog ---------------------------------------------------------------- */

#define CATALOG_SAMPLE ISMS_TEST_DATA "/../../examples/data/exempelstad-krav.oscal.json"
#define CAT_DATA ISMS_TEST_DATA "/csv-gap-catalog/"
#define CAT_TITLE "Exempelstads grundläggande informationssäkerhetskrav"

/* The sample imported catalog (the caller frees it). */
static isms_catalog *sample_catalog(void)
{
    isms_catalog *cat = NULL;
    if (isms_catalog_load_oscal(&cat, CATALOG_SAMPLE) != ISMS_OK)
        fail_msg("%s: %s", CATALOG_SAMPLE, isms_error_last()->message);
    return cat;
}

static isms_assessment *parse_cat(const char *text, size_t len, const isms_catalog *cat,
                                  isms_findings *notes)
{
    isms_assessment *a = NULL;
    int rc = isms_assessment_parse_csv_catalog(&a, text, len, "test.csv", cat, YEAR, notes);
    if (rc != ISMS_OK)
        fail_msg("parse against %s: %s", isms_catalog_title(cat), isms_error_last()->message);
    assert_non_null(a);
    return a;
}

static isms_assessment *load_cat(const char *name, const isms_catalog *cat,
                                 isms_findings *notes)
{
    char path[512];
    snprintf(path, sizeof path, CAT_DATA "%s", name);
    size_t len;
    char *text = slurp(path, &len);
    isms_assessment *a = parse_cat(text, len, cat, notes);
    free(text);
    return a;
}

static const expect exempelstad[] = {
    { "STY-1", ST_YES, ISMS_NEED_NONE, "KF", "" },
    { "STY-2", ST_PART, ISMS_NEED_HIGH, "Säkerhetssamordnare", "mars 2025" },
    { "BEH-1.1", ST_NO, ISMS_NEED_MEDIUM, "IT-chef", "T2 2025" },
    { "BEH-2", ST_YES, ISMS_NEED_NONE, "IT-chef", "" },
    { "dri-kon", ST_NONE, ISMS_NEED_UNSET, "", "" },
    { "DRI-1", ST_PART, ISMS_NEED_MEDIUM, "IT-drift", "hösten 2025" },
    { "KSF-1", ST_NO, ISMS_NEED_LOW, "", "" },
};

static void test_catalog_table(void **state)
{
    (void)state;
    isms_catalog *cat = sample_catalog();
    isms_findings *notes = new_notes(ISMS_LANG_EN);
    isms_assessment *a = load_cat("exempelstad.csv", cat, notes);
    /* The assessment holds its own reference: the caller's may go. */
    const isms_item *sty1 = isms_catalog_find(cat, "STY-1", ISMS_SCOPE_BOTH);
    const isms_item *kon = isms_catalog_find(cat, "dri-kon", ISMS_SCOPE_BOTH);
    assert_non_null(sty1);
    assert_non_null(kon);
    isms_catalog_free(cat);
    const isms_catalog *held = isms_assessment_catalog(a);
    assert_string_equal(isms_catalog_title(held), CAT_TITLE);

    assert_int_equal(isms_assessment_edition(a), ISMS_EDITION_IMPORTED);
    assert_int_equal(isms_assessment_edition_basis(a), ISMS_BASIS_GIVEN);
    assert_int_equal(isms_assessment_scope(a), ISMS_SCOPE_BOTH);
    assert_int_equal(isms_assessment_year(a), YEAR);
    /* Labels and OSCAL ids in any case become the items' ids; the group STY without data is
     * skipped, the group dri-kon with a comment kept; KSF-1 is kept as written. */
    check_entries(a, exempelstad, sizeof exempelstad / sizeof *exempelstad);
    assert_ptr_equal(isms_entry_item(entry(a, "STY-1")), sty1);
    assert_ptr_equal(isms_entry_item(entry(a, "dri-kon")), kon);
    assert_int_equal(isms_item_kind_of(kon), ISMS_ITEM_GROUP);
    assert_null(isms_entry_item(entry(a, "KSF-1")));
    assert_string_equal(isms_item_oscal_id(isms_entry_item(entry(a, "BEH-1.1"))), "beh-1.1");
    /* "BEH-2 Flerfaktorsautentisering", "DRI-1: Säkerhetskopior": the id split off. */
    assert_string_equal(isms_entry_get(entry(a, "BEH-2"), ISMS_FIELD_TEXT),
                        "Flerfaktorsautentisering");
    assert_string_equal(isms_entry_get(entry(a, "DRI-1"), ISMS_FIELD_TEXT), "Säkerhetskopior");
    assert_string_equal(isms_entry_get(entry(a, "STY-1"), ISMS_FIELD_TEXT),
                        "Informationssäkerhetspolicy");
    assert_string_equal(isms_entry_get(entry(a, "STY-2"), ISMS_FIELD_TEXT), "");
    assert_string_equal(isms_entry_get(entry(a, "dri-kon"), ISMS_FIELD_COMMENT),
                        "Samlad bedömning nedan");

    /* One note: the catalog was given. */
    assert_int_equal(isms_findings_count(notes), 1);
    isms_finding f = note_at(notes, "gap-edition", 0);
    assert_int_equal(f.severity, ISMS_SEVERITY_INFO);
    assert_string_equal(f.message,
                        "The table was read against the catalog \"" CAT_TITLE "\", given for "
                        "the import; the table was not examined for an edition.");

    /* Lint names the catalog for the unknown reference and the group. */
    isms_findings *lint = new_notes(ISMS_LANG_EN);
    assert_int_equal(isms_assessment_lint(lint, a, NULL), ISMS_OK);
    assert_int_equal(count_notes(lint, "gap-unknown-ref", "KSF-1"), 1);
    assert_string_equal(note_at(lint, "gap-unknown-ref", 0).message,
                        "KSF-1 is not a requirement of " CAT_TITLE);
    assert_int_equal(count_notes(lint, "gap-not-assessable", "dri-kon"), 1);
    isms_findings_free(lint);

    /* The summary's groups are the catalog's top-level groups. */
    isms_summary sum;
    assert_int_equal(isms_assessment_summarise(&sum, a, NULL), ISMS_OK);
    assert_int_equal(sum.group_count, 3);
    assert_string_equal(isms_item_id(sum.group[1]), "BEH");
    isms_findings_free(notes);
    isms_assessment_free(a);
}

static void test_catalog_title_row(void **state)
{
    (void)state;
    isms_catalog *cat = sample_catalog();
    /* A title row naming an edition: a warning, and the table is still read against the
     * catalog (5.1 is not made A.5.1: it is kept as written). */
    static const char text[] = "ISO/IEC 27001:2022 – gapanalys;;\n"
                               "Krav-ID;Nuläge;Ansvarig\n"
                               "sty-1;Ja;KF\n"
                               "5.1;Nej;CISO\n";
    isms_findings *notes = new_notes(ISMS_LANG_EN);
    isms_assessment *a = parse_cat(text, strlen(text), cat, notes);
    assert_int_equal(isms_assessment_edition(a), ISMS_EDITION_IMPORTED);
    assert_ptr_equal(isms_assessment_catalog(a), cat);
    assert_int_equal(isms_assessment_count(a), 2);
    assert_string_equal(isms_entry_ref(isms_assessment_at(a, 0)), "STY-1");
    assert_string_equal(isms_entry_ref(isms_assessment_at(a, 1)), "5.1");
    assert_null(isms_entry_item(isms_assessment_at(a, 1)));
    assert_int_equal(isms_findings_count(notes), 1);
    isms_finding f = note_at(notes, "gap-edition", 0);
    assert_int_equal(f.severity, ISMS_SEVERITY_WARNING);
    assert_string_equal(f.message,
                        "The table names ISO/IEC 27001:2022 on line 1 (\"ISO/IEC 27001:2022 – "
                        "gapanalys\"), but it was read against the catalog \"" CAT_TITLE
                        "\", given for the import: its references were looked up there.");
    isms_findings_free(notes);
    isms_assessment_free(a);

    notes = new_notes(ISMS_LANG_SV);
    a = parse_cat(text, strlen(text), cat, notes);
    assert_string_equal(note_at(notes, "gap-edition", 0).message,
                        "Tabellen anger ISO/IEC 27001:2022 på rad 1 (\"ISO/IEC 27001:2022 – "
                        "gapanalys\"), men den lästes mot katalogen \"" CAT_TITLE "\", som "
                        "angavs vid inläsningen: referenserna slogs upp där.");
    isms_findings_free(notes);
    isms_assessment_free(a);

    /* A built-in catalog: the table's edition (2013 in its title row) does not change it. */
    size_t len;
    char *raw = slurp(DATA "edition-title-row.csv", &len);
    notes = new_notes(ISMS_LANG_EN);
    a = parse_cat(raw, len, isms_catalog_get(ISMS_EDITION_2022), notes);
    assert_int_equal(isms_assessment_edition(a), ISMS_EDITION_2022);
    assert_int_equal(isms_assessment_edition_basis(a), ISMS_BASIS_GIVEN);
    f = note_at(notes, "gap-edition", 0);
    assert_int_equal(f.severity, ISMS_SEVERITY_WARNING);
    assert_string_equal(f.message,
                        "The table names ISO/IEC 27001:2013 on line 1 (\"Gapanalys enligt "
                        "SS-EN ISO/IEC 27001:2017, Exempelby kommun\"), but it was read "
                        "against the catalog \"ISO/IEC 27001:2022\", given for the import: its "
                        "references were looked up there.");
    /* ... and it reads the table as isms_assessment_parse_csv() with that edition does. */
    isms_assessment *b = NULL;
    assert_int_equal(isms_assessment_parse_csv(&b, raw, len, "test.csv", ISMS_EDITION_2022,
                                               YEAR, NULL),
                     ISMS_OK);
    assert_assessments_equal(a, b);
    isms_assessment_free(b);
    isms_findings_free(notes);
    isms_assessment_free(a);

    /* The edition the table names is the catalog's: no warning. */
    notes = new_notes(ISMS_LANG_EN);
    a = parse_cat(raw, len, isms_catalog_get(ISMS_EDITION_2013), notes);
    assert_int_equal(isms_assessment_edition(a), ISMS_EDITION_2013);
    assert_int_equal(isms_findings_count(notes), 1);
    f = note_at(notes, "gap-edition", 0);
    assert_int_equal(f.severity, ISMS_SEVERITY_INFO);
    assert_string_equal(f.message,
                        "The table was read against the catalog \"ISO/IEC 27001:2013\", given "
                        "for the import; the table was not examined for an edition.");
    isms_findings_free(notes);
    isms_assessment_free(a);
    free(raw);
    isms_catalog_free(cat);
}

static void test_catalog_reference_forms(void **state)
{
    (void)state;
    /* The 2022 catalog exported and imported: its items carry the libisms ids as labels. */
    char *oscal = NULL;
    size_t olen = 0;
    assert_int_equal(isms_catalog_write_oscal(&oscal, &olen,
                                              isms_catalog_get(ISMS_EDITION_2022)),
                     ISMS_OK);
    isms_catalog *iso = NULL;
    assert_int_equal(isms_catalog_parse_oscal(&iso, oscal, olen, "iso.json"), ISMS_OK);
    isms_free(oscal);
    static const char text[] = "ISO;Krav;Nuläge\n"
                               "A 5.1;;Ja\n"         /* canonical form A.5.1 */
                               "a5.2;;Ja\n"          /* A.5.2 */
                               "5.3;;Delvis\n"       /* clause 5.3: not inferred as A.5.3 */
                               "6.1.2 Bedömning;;Nej\n" /* the id split off */
                               "a.8.34;;Nej\n"       /* any case */
                               "clause-9.1;;Ja\n"    /* an OSCAL id */
                               "A.9.9;;Nej\n";       /* unknown: kept as written */
    isms_assessment *a = parse_cat(text, strlen(text), iso, NULL);
    static const char *const refs[] = { "A.5.1", "A.5.2", "5.3", "6.1.2", "A.8.34", "9.1",
                                        "A.9.9" };
    assert_int_equal(isms_assessment_count(a), 7);
    for (size_t i = 0; i < 7; i++) {
        const isms_entry *e = isms_assessment_at(a, i);
        assert_string_equal(isms_entry_ref(e), refs[i]);
        if (i < 6)
            assert_non_null(isms_entry_item(e));
        else
            assert_null(isms_entry_item(e));
    }
    assert_string_equal(isms_entry_get(isms_assessment_at(a, 3), ISMS_FIELD_TEXT), "Bedömning");
    assert_string_equal(isms_item_oscal_id(isms_entry_item(isms_assessment_at(a, 2))),
                        "clause-5.3");
    /* The export's title row is the catalog's title, which names an edition: read back
     * against the catalog, that is no other edition (no warning). */
    assert_string_equal(isms_catalog_title(iso), "ISO/IEC 27001:2022");
    char *csv = NULL;
    size_t clen = 0;
    assert_int_equal(isms_assessment_write_csv(&csv, &clen, a, ISMS_LANG_EN,
                                               ISMS_CSV_COMMA | ISMS_CSV_NO_BOM),
                     ISMS_OK);
    assert_int_equal(strncmp(csv, "ISO/IEC 27001:2022,", 19), 0);
    isms_findings *notes = new_notes(ISMS_LANG_EN);
    isms_assessment *back = parse_cat(csv, clen, iso, notes);
    assert_assessments_equal(a, back);
    assert_int_equal(note_at(notes, "gap-edition", 0).severity, ISMS_SEVERITY_INFO);
    isms_findings_free(notes);
    isms_assessment_free(back);
    /* Read against the built-in 2013 catalog, the same title row is another edition. */
    notes = new_notes(ISMS_LANG_EN);
    back = parse_cat(csv, clen, isms_catalog_get(ISMS_EDITION_2013), notes);
    assert_int_equal(note_at(notes, "gap-edition", 0).severity, ISMS_SEVERITY_WARNING);
    isms_findings_free(notes);
    isms_assessment_free(back);
    isms_free(csv);
    isms_assessment_free(a);

    /* A reference twice in different forms is the same requirement. */
    static const char twice[] = "Krav-ID;Nuläge\nSTY-1;Ja\nbeh-2;Ja\nsty-1;Nej\n";
    isms_catalog *cat = sample_catalog();
    a = (isms_assessment *)(uintptr_t)0x1;
    int rc = isms_assessment_parse_csv_catalog(&a, twice, strlen(twice), "bad.csv", cat, YEAR,
                                               NULL);
    const isms_error *e = assert_error_at(rc, ISMS_EEXIST, 4, 1, "bad.csv");
    assert_string_equal(e->message,
                        "line 4, column 1: requirement STY-1 appears twice, on line 2 and on "
                        "line 4");
    assert_ptr_equal(a, (isms_assessment *)(uintptr_t)0x1);
    /* Errors of the table are those of isms_assessment_parse_csv(). */
    static const char status[] = "Krav-ID;Nuläge\nSTY-1;Kanske\n";
    rc = isms_assessment_parse_csv_catalog(&a, status, strlen(status), "bad.csv", cat, YEAR,
                                           NULL);
    e = assert_error_at(rc, ISMS_EPARSE, 2, 2, "bad.csv");
    assert_contains(e->message, "status \"Kanske\" is not one of");
    isms_catalog_free(cat);
    isms_catalog_free(iso);
}

/* Exports and reads back against the same catalog; the result must be equal. */
static void check_catalog_roundtrip(const void *obj, isms_lang lang, unsigned flags)
{
    const isms_assessment *a = obj;
    char *doc = NULL;
    size_t len = 0;
    assert_int_equal(isms_assessment_write_csv(&doc, &len, a, lang, flags), ISMS_OK);
    /* The title row names the catalog. */
    const char *title = doc + ((flags & ISMS_CSV_NO_BOM) ? 0 : 3);
    assert_memory_equal(title, CAT_TITLE, strlen(CAT_TITLE));
    isms_findings *notes = new_notes(ISMS_LANG_EN);
    isms_assessment *back = NULL;
    int rc = isms_assessment_parse_csv_catalog(&back, doc, len, "export.csv",
                                               isms_assessment_catalog(a),
                                               isms_assessment_year(a), notes);
    if (rc != ISMS_OK)
        fail_msg("re-import (lang %d, flags %u): %s\n%s", (int)lang, flags,
                 isms_error_last()->message, doc);
    assert_assessments_equal(a, back);
    assert_ptr_equal(isms_assessment_catalog(back), isms_assessment_catalog(a));
    /* Its own title names no other edition: no warning. */
    assert_int_equal(note_at(notes, "gap-edition", 0).severity, ISMS_SEVERITY_INFO);
    isms_findings_free(notes);
    isms_assessment_free(back);
    isms_free(doc);
}

static void test_catalog_roundtrip(void **state)
{
    (void)state;
    isms_catalog *cat = sample_catalog();
    isms_assessment *a = load_cat("exempelstad.csv", cat, NULL);
    /* Every field, extra columns and SoA columns too. */
    isms_entry *e = NULL;
    assert_int_equal(isms_assessment_add_extra(NULL, a, "Förvaltning"), ISMS_OK);
    assert_int_equal(isms_entry_set_extra(isms_assessment_find(a, "STY-1"), 0, "Alla"), ISMS_OK);
    assert_int_equal(isms_assessment_add(&e, a, "beh-3"), ISMS_OK);
    assert_string_equal(isms_entry_ref(e), "BEH-3");
    assert_int_equal(isms_entry_set_applicability(e, ISMS_APPLICABILITY_APPLICABLE), ISMS_OK);
    assert_int_equal(isms_entry_set_reasons(e, ISMS_REASON_RISK | ISMS_REASON_LEGAL), ISMS_OK);
    assert_int_equal(isms_entry_add_evidence(e, "Logg 2025-01"), ISMS_OK);
    assert_int_equal(isms_entry_add_evidence(e, "Rutin R-12"), ISMS_OK);
    roundtrip_all(check_catalog_roundtrip, a);

    /* The exact export. */
    char *doc = NULL;
    size_t len = 0;
    assert_int_equal(isms_assessment_write_csv(&doc, &len, a, ISMS_LANG_EN,
                                               ISMS_CSV_COMMA | ISMS_CSV_NO_BOM | ISMS_CSV_LF),
                     ISMS_OK);
    const char *nl = strchr(doc, '\n');
    assert_non_null(nl);
    assert_int_equal(nl - doc, strlen(CAT_TITLE ",,,,,,,,,,,,"));
    assert_memory_equal(doc, CAT_TITLE ",,,,,,,,,,,,\nRequirement ID,Requirement,Status,Comment,",
                        strlen(CAT_TITLE ",,,,,,,,,,,,\nRequirement ID,Requirement,Status,Comment,"));
    /* BEH-3 holds no requirement text: the export fills in the control's title, and import
     * reads that back as no text (roundtrip_all above compared every field). */
    assert_string_equal(isms_entry_get(isms_assessment_find(a, "BEH-3"), ISMS_FIELD_TEXT), "");
    assert_contains(doc, "\nBEH-3,Privilegierade konton är personliga och loggas,,,,,,,"
                         "\"Logg 2025-01\nRutin R-12\",Applicable,,");
    assert_contains(doc, "\nSTY-1,Informationssäkerhetspolicy,Yes,Beslutad 2023,,KF,None,,,,,,"
                         "Alla\n");
    assert_contains(doc, "\nKSF-1,Lokalt krav,No,,,,Low,,,,,,\n");
    isms_free(doc);
    isms_assessment_free(a);
    isms_catalog_free(cat);
}

/* A catalog title with the delimiters in it: the title row still leaves the delimiter
 * detectable, whichever is chosen. */
static void check_punctuated_roundtrip(const void *obj, isms_lang lang, unsigned flags)
{
    const isms_assessment *a = obj;
    char *doc = NULL;
    size_t len = 0;
    assert_int_equal(isms_assessment_write_csv(&doc, &len, a, lang, flags), ISMS_OK);
    isms_assessment *back = NULL;
    int rc = isms_assessment_parse_csv_catalog(&back, doc, len, "export.csv",
                                               isms_assessment_catalog(a), YEAR, NULL);
    if (rc != ISMS_OK)
        fail_msg("re-import (lang %d, flags %u): %s\n%s", (int)lang, flags,
                 isms_error_last()->message, doc);
    assert_assessments_equal(a, back);
    isms_assessment_free(back);
    isms_free(doc);
}

static void test_catalog_title_punctuation(void **state)
{
    (void)state;
    size_t len;
    char *text = slurp(CATALOG_SAMPLE, &len);
    const char *from = "\"title\": \"" CAT_TITLE "\"";
    char *at = strstr(text, from);
    assert_non_null(at);
    static const char title[] = "\"title\": \"Krav, regler; \\\"citat\\\" 2025\"";
    char *buf = malloc(len + sizeof title);
    assert_non_null(buf);
    size_t pre = (size_t)(at - text);
    memcpy(buf, text, pre);
    strcpy(buf + pre, title);
    strcat(buf, at + strlen(from));
    isms_catalog *cat = NULL;
    assert_int_equal(isms_catalog_parse_oscal(&cat, buf, strlen(buf), "t.json"), ISMS_OK);
    assert_string_equal(isms_catalog_title(cat), "Krav, regler; \"citat\" 2025");
    isms_assessment *a = load_cat("exempelstad.csv", cat, NULL);
    roundtrip_all(check_punctuated_roundtrip, a);
    isms_assessment_free(a);
    isms_catalog_free(cat);
    free(buf);
    free(text);
}

static void test_catalog_invalid_arguments(void **state)
{
    (void)state;
    isms_catalog *cat = sample_catalog();
    isms_assessment *a = NULL;
    static const char text[] = "Krav-ID;Nuläge\nSTY-1;Ja\n";
    size_t n = strlen(text);
    assert_int_equal(isms_assessment_parse_csv_catalog(NULL, text, n, NULL, cat, YEAR, NULL),
                     ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "NULL argument");
    assert_int_equal(isms_assessment_parse_csv_catalog(&a, text, n, NULL, NULL, YEAR, NULL),
                     ISMS_EINVAL);
    assert_int_equal(isms_assessment_parse_csv_catalog(&a, NULL, 3, NULL, cat, YEAR, NULL),
                     ISMS_EINVAL);
    assert_int_equal(isms_assessment_parse_csv_catalog(&a, text, n, NULL, cat, 1899, NULL),
                     ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "the year 1899 is outside 1900–9999");
    assert_null(a);
    assert_int_equal(isms_assessment_parse_csv(&a, text, n, NULL, ISMS_EDITION_IMPORTED, YEAR,
                                               NULL),
                     ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "isms_assessment_parse_csv_catalog()");
    assert_null(a);
    /* An empty table is the parser's error, as for isms_assessment_parse_csv(). */
    assert_int_equal(isms_assessment_parse_csv_catalog(&a, "", 0, "empty.csv", cat, YEAR, NULL),
                     ISMS_EPARSE);
    assert_null(a);
    isms_catalog_free(cat);
}

static isms_catalog *sweep_catalog; /* the catalog of import_catalog_for_sweep() */

static int import_catalog_for_sweep(void **obj, const char *data, size_t len,
                                    isms_findings *notes)
{
    isms_assessment *a = *obj;
    int rc = isms_assessment_parse_csv_catalog(&a, data, len, "sweep.csv", sweep_catalog, YEAR,
                                               notes);
    *obj = a;
    return rc;
}

static void done_catalog_sweep(void *obj, isms_findings *notes)
{
    check_entries(obj, exempelstad, sizeof exempelstad / sizeof *exempelstad);
    if (notes)
        assert_int_equal(count_notes(notes, "gap-edition", NULL), 1);
    isms_assessment_free(obj);
}

static void test_catalog_alloc_failure(void **state)
{
    (void)state;
    sweep_catalog = sample_catalog();
    sweep_import_file(import_catalog_for_sweep, done_catalog_sweep, CAT_DATA,
                      "exempelstad.csv");
    isms_assessment *a = load_cat("exempelstad.csv", sweep_catalog, NULL);
    char *doc;
    size_t len;
    SWEEP_WRITE(doc, len, isms_assessment_write_csv(&doc, &len, a, ISMS_LANG_SV, 0));
    isms_assessment_free(a);
    isms_catalog_free(sweep_catalog);
    sweep_catalog = NULL;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sv_2013_windows_1252),
        cmocka_unit_test(test_sv_2013_utf8_bom),
        cmocka_unit_test(test_en_2022_comma),
        cmocka_unit_test(test_word_export_tab),
        cmocka_unit_test(test_soa_2022),
        cmocka_unit_test(test_soa_plain_numbers),
        cmocka_unit_test(test_edition_rules),
        cmocka_unit_test(test_edition_given),
        cmocka_unit_test(test_extra_columns),
        cmocka_unit_test(test_headings_and_references),
        cmocka_unit_test(test_broken_files),
        cmocka_unit_test(test_broken_text),
        cmocka_unit_test(test_invalid_arguments),
        cmocka_unit_test(test_export_format),
        cmocka_unit_test(test_roundtrip_files),
        cmocka_unit_test(test_formula_neutralisation),
        cmocka_unit_test(test_notes_all_or_none),
        cmocka_unit_test(test_atomic_save),
        cmocka_unit_test(test_alloc_failure_parse),
        cmocka_unit_test(test_alloc_failure_write),
        cmocka_unit_test(test_catalog_table),
        cmocka_unit_test(test_catalog_title_row),
        cmocka_unit_test(test_catalog_reference_forms),
        cmocka_unit_test(test_catalog_roundtrip),
        cmocka_unit_test(test_catalog_title_punctuation),
        cmocka_unit_test(test_catalog_invalid_arguments),
        cmocka_unit_test(test_catalog_alloc_failure),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
