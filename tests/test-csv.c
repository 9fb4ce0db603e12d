/* Unit tests of the CSV import and export of risk registers and of the generic CSV layer. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"
#include "io/csv-internal.h"
#include "io/io-internal.h"
#include "test-util.h"

#define DATA ISMS_TEST_DATA "/csv/"
#define UNSET ISMS_LEVEL_UNSET

/* ---- helpers ---------------------------------------------------------------------------- */

static isms_register *load(const char *name, isms_findings *notes)
{
    char path[512];
    snprintf(path, sizeof path, DATA "%s", name);
    isms_register *reg = NULL;
    int rc = isms_register_load_csv(&reg, path, NULL, notes);
    if (rc != ISMS_OK)
        fail_msg("%s: %s", name, isms_error_last()->message);
    assert_non_null(reg);
    return reg;
}

static isms_register *parse(const char *text, isms_findings *notes)
{
    isms_register *reg = NULL;
    int rc = isms_register_parse_csv(&reg, text, strlen(text), "test.csv", NULL, notes);
    if (rc != ISMS_OK)
        fail_msg("parse: %s", isms_error_last()->message);
    return reg;
}

/* Parses text that must fail, and checks code, line and column of the error. */
static void parse_fails(const char *text, size_t len, int code, unsigned line, unsigned column)
{
    isms_register *reg = (isms_register *)(uintptr_t)0x1;
    int rc = isms_register_parse_csv(&reg, text, len, "bad.csv", NULL, NULL);
    const isms_error *e = assert_error_at(rc, code, line, column, "bad.csv");
    assert_ptr_equal(reg, (isms_register *)(uintptr_t)0x1); /* untouched */
    if (line)
        assert_string_equal(e->source, "bad.csv");
}

static void load_fails(const char *name, int code, unsigned line, unsigned column)
{
    char path[512];
    snprintf(path, sizeof path, DATA "%s", name);
    isms_register *reg = NULL;
    int rc = isms_register_load_csv(&reg, path, NULL, NULL);
    const isms_error *e = assert_error_at(rc, code, line, column, name);
    assert_null(reg);
    assert_non_null(e->source);
    assert_non_null(strstr(e->source, name));
}

static void check_risk(const isms_register *reg, size_t i, const char *id, const char *title,
                       int l, int c, int stated)
{
    const isms_risk *r = isms_register_at(reg, i);
    assert_non_null(r);
    assert_string_equal(isms_risk_id(r), id);
    assert_string_equal(isms_risk_title(r), title);
    assert_int_equal(isms_risk_likelihood(r), l);
    assert_int_equal(isms_risk_consequence(r), c);
    assert_int_equal(isms_risk_stated_value(r), stated);
}

/* Every field of every risk is equal, in the same order. */
static void assert_registers_equal(const isms_register *a, const isms_register *b)
{
    assert_int_equal(isms_register_count(a), isms_register_count(b));
    for (size_t i = 0; i < isms_register_count(a); i++) {
        const isms_risk *x = isms_register_at(a, i), *y = isms_register_at(b, i);
        assert_string_equal(isms_risk_id(x), isms_risk_id(y));
        assert_string_equal(isms_risk_title(x), isms_risk_title(y));
        assert_string_equal(isms_risk_consequence_text(x), isms_risk_consequence_text(y));
        assert_int_equal(isms_risk_likelihood(x), isms_risk_likelihood(y));
        assert_int_equal(isms_risk_consequence(x), isms_risk_consequence(y));
        assert_int_equal(isms_risk_residual_likelihood(x), isms_risk_residual_likelihood(y));
        assert_int_equal(isms_risk_residual_consequence(x),
                         isms_risk_residual_consequence(y));
        assert_int_equal(isms_risk_stated_value(x), isms_risk_stated_value(y));
        assert_int_equal(isms_risk_treatment(x), isms_risk_treatment(y));
        assert_string_equal(isms_risk_treatment_text(x), isms_risk_treatment_text(y));
        assert_string_equal(isms_risk_owner(x), isms_risk_owner(y));
        assert_int_equal(isms_risk_get_status(x), isms_risk_get_status(y));
    }
}

static isms_register *roundtrip(const isms_register *reg, isms_lang lang, unsigned flags)
{
    char *doc = NULL;
    size_t len = 0;
    assert_int_equal(isms_register_write_csv(&doc, &len, reg, lang, flags), ISMS_OK);
    assert_non_null(doc);
    assert_int_equal(strlen(doc), len);
    isms_register *back = NULL;
    isms_matrix *m = isms_register_matrix(reg);
    int rc = isms_register_parse_csv(&back, doc, len, "export.csv", m, NULL);
    if (rc != ISMS_OK)
        fail_msg("re-import (lang %d, flags %u): %s\n%s", (int)lang, flags,
                 isms_error_last()->message, doc);
    isms_free(doc);
    return back;
}

/* ---- golden inputs ---------------------------------------------------------------------- */

static void test_org_bom_semicolon_crlf(void **state)
{
    (void)state;
    isms_findings *notes = NULL;
    assert_int_equal(isms_findings_new(&notes, ISMS_LANG_SV), ISMS_OK);
    isms_register *reg = load("org-bom-semicolon-crlf.csv", notes);
    assert_int_equal(isms_register_count(reg), 4);
    check_risk(reg, 0, "R1", "Nätfiske mot medarbetare", 3, 4, 12);
    check_risk(reg, 1, "R2", "Strömavbrott i serverrummet", 2, 2, 3);
    check_risk(reg, 2, "R3", "Personuppgifter till fel mottagare", 3, 3, 9); /* labels */
    check_risk(reg, 3, "R4", "Leverantör går i konkurs", UNSET, UNSET, ISMS_VALUE_UNSET);
    const isms_risk *r = isms_register_at(reg, 0);
    assert_string_equal(isms_risk_consequence_text(r), "Obehörig åtkomst till e-post");
    assert_string_equal(isms_risk_treatment_text(r), "Utbildning; tvåfaktorsinloggning");
    assert_string_equal(isms_risk_owner(r), "IT-enheten");
    assert_int_equal(isms_risk_treatment(r), ISMS_TREATMENT_NONE);
    assert_int_equal(isms_risk_get_status(r), ISMS_RISK_OPEN);
    assert_int_equal(isms_risk_value(isms_register_at(reg, 1), ISMS_INHERENT), 4);
    assert_string_equal(isms_risk_consequence_text(isms_register_at(reg, 2)),
                        "Anmälan till IMY; förtroendeskada");
    /* No id column: one note, no encoding note, nothing ignored. */
    assert_int_equal(count_notes(notes, "csv-generated-id", NULL), 1);
    assert_int_equal(count_notes(notes, "csv-encoding", NULL), 0);
    assert_int_equal(count_notes(notes, "csv-ignored-column", NULL), 0);
    isms_register_free(reg);
    isms_findings_free(notes);
}

static void test_utf8_comma_lf(void **state)
{
    (void)state;
    isms_findings *notes = NULL;
    assert_int_equal(isms_findings_new(&notes, ISMS_LANG_EN), ISMS_OK);
    isms_register *reg = load("utf8-comma-lf.csv", notes);
    assert_int_equal(isms_findings_count(notes), 0);
    assert_int_equal(isms_register_count(reg), 3);
    check_risk(reg, 0, "K-1", "Intrång, via VPN", 2, 4, 8);
    check_risk(reg, 1, "K-2", "Brand i arkivet", 1, 3, 3);
    check_risk(reg, 2, "K-3", "Nätfiske", 4, 3, 12);
    const isms_risk *r = isms_register_at(reg, 0);
    assert_string_equal(isms_risk_treatment_text(r), "Inför MFA, logga");
    assert_int_equal(isms_risk_treatment(r), ISMS_TREATMENT_MODIFY);
    assert_int_equal(isms_risk_get_status(r), ISMS_RISK_IN_TREATMENT);
    assert_int_equal(isms_risk_residual_likelihood(r), 1);
    assert_int_equal(isms_risk_residual_consequence(r), 4);
    r = isms_register_at(reg, 1);
    assert_int_equal(isms_risk_treatment(r), ISMS_TREATMENT_RETAIN);
    assert_int_equal(isms_risk_get_status(r), ISMS_RISK_ACCEPTED);
    assert_int_equal(isms_risk_residual_likelihood(r), UNSET);
    r = isms_register_at(reg, 2);
    assert_string_equal(isms_risk_consequence_text(r), "Stulna \"lösenord\"");
    assert_string_equal(isms_risk_owner(r), "HR");
    isms_register_free(reg);
    isms_findings_free(notes);
}

static void test_windows_1252(void **state)
{
    (void)state;
    isms_findings *notes = NULL;
    assert_int_equal(isms_findings_new(&notes, ISMS_LANG_SV), ISMS_OK);
    isms_register *reg = load("windows-1252.csv", notes);
    assert_int_equal(isms_register_count(reg), 2);
    check_risk(reg, 0, "R1", "Obehörig – åtkomst", 2, 3, 6);
    check_risk(reg, 1, "R2", "Strömavbrott", 1, 2, 2);
    const isms_risk *r = isms_register_at(reg, 0);
    assert_string_equal(isms_risk_consequence_text(r), "Kostnad 10€");
    assert_string_equal(isms_risk_treatment_text(r), "“Rutin”");
    assert_string_equal(isms_risk_owner(r), "Säkerhetschef");
    assert_int_equal(count_notes(notes, "csv-encoding", ""), 1);
    isms_finding f;
    assert_int_equal(isms_findings_get(&f, notes, 0), ISMS_OK);
    assert_string_equal(f.code, "csv-encoding");
    assert_int_equal(f.severity, ISMS_SEVERITY_INFO);
    assert_non_null(strstr(f.message, "Windows-1252"));
    isms_register_free(reg);
    isms_findings_free(notes);
}

static void test_tab_separated(void **state)
{
    (void)state;
    isms_register *reg = load("tab.tsv", NULL);
    assert_int_equal(isms_register_count(reg), 3);
    check_risk(reg, 0, "R1", "Virus, mask; trojan", 3, 4, ISMS_VALUE_UNSET);
    assert_string_equal(isms_risk_treatment_text(isms_register_at(reg, 0)), "");
    assert_string_equal(isms_risk_owner(isms_register_at(reg, 0)), "IT");
    check_risk(reg, 1, "R2", "Brand", UNSET, UNSET, ISMS_VALUE_UNSET);
    assert_string_equal(isms_risk_treatment_text(isms_register_at(reg, 1)), "Sprinkler");
    assert_string_equal(isms_risk_owner(isms_register_at(reg, 1)), "");
    check_risk(reg, 2, "R3", "Översvämning", 1, 4, 4);
    assert_string_equal(isms_risk_treatment_text(isms_register_at(reg, 2)),
                        "Flytta servrar, säkra källaren; larm");
    isms_register_free(reg);
}

static void test_multiline_cells(void **state)
{
    (void)state;
    isms_register *reg = load("multiline.csv", NULL);
    assert_int_equal(isms_register_count(reg), 3);
    check_risk(reg, 0, "R1", "Första raden\r\nandra raden", 2, 2, 4);
    check_risk(reg, 1, "R2", "Enkel", 3, 3, 9);
    assert_string_equal(isms_risk_consequence_text(isms_register_at(reg, 1)),
                        "Rad ett\r\nrad två\r\nrad tre");
    check_risk(reg, 2, "R3", "Sist", 1, 1, 1);
    isms_register_free(reg);

    /* Records know the physical line where they start. */
    size_t len;
    char *raw = slurp(DATA "multiline.csv", &len);
    isms__csv_table t;
    assert_int_equal(isms__csv_read(&t, raw, len, "multiline.csv"), ISMS_OK);
    assert_int_equal(t.count, 4);
    assert_int_equal(t.delimiter, ';');
    assert_int_equal(t.encoding, ISMS__CSV_UTF8_BOM);
    assert_int_equal(t.records[0].line, 1);
    assert_int_equal(t.records[1].line, 2);
    assert_int_equal(t.records[2].line, 4);
    assert_int_equal(t.records[3].line, 7);
    assert_int_equal(t.lines, 7);
    isms__csv_table_free(&t);
    free(raw);

    /* An error after multi-line cells names the right line. */
    const char *text = "Risk;Konsekvens;Sannolikhet/konsekvens (1-4)\n"
                       "\"a\nb\nc\";x;1/1\n"
                       "d;\"e\r\nf\";2/2\n"
                       "g;h;3/y\n";
    parse_fails(text, strlen(text), ISMS_EPARSE, 7, 3);
}

static void test_hyphenated_header(void **state)
{
    (void)state;
    isms_findings *notes = NULL;
    assert_int_equal(isms_findings_new(&notes, ISMS_LANG_EN), ISMS_OK);
    isms_register *reg = load("hyphenated-header.csv", notes);
    assert_int_equal(count_notes(notes, "csv-ignored-column", NULL), 0);
    assert_int_equal(isms_register_count(reg), 1);
    check_risk(reg, 0, "R1", "Virus", 3, 4, 12);
    const isms_risk *r = isms_register_at(reg, 0);
    assert_string_equal(isms_risk_consequence_text(r), "Driftstopp");
    assert_string_equal(isms_risk_treatment_text(r), "Antivirus");
    assert_string_equal(isms_risk_owner(r), "IT");
    isms_register_free(reg);
    isms_findings_free(notes);

    /* The record with the wrapped header starts on line 1; data on line 4. */
    const char *text = "\" Risk \";\"Sannolik-\r\nhet/konsekvens (1-4)\"\r\nA;2/z\r\n";
    parse_fails(text, strlen(text), ISMS_EPARSE, 3, 2);
    assert_string_equal(isms_error_last()->message,
                        "line 3, column 2 (\"Sannolikhet/konsekvens (1-4)\"): \"2/z\" is not "
                        "likelihood/consequence such as 3/4");
}

static void test_title_rows(void **state)
{
    (void)state;
    isms_register *reg = load("title-row.csv", NULL);
    assert_int_equal(isms_register_count(reg), 1);
    check_risk(reg, 0, "R1", "Virus", 3, 4, 12);
    assert_string_equal(isms_risk_treatment_text(isms_register_at(reg, 0)), "Antivirus");
    isms_register_free(reg);
}

/* A JSON file given as a table is named as JSON at line 1 (an object, an array of objects or
 * strings, after a byte order mark and white space); a table whose title line starts with a
 * bracket is still a table. */
static void test_json_is_not_a_table(void **state)
{
    (void)state;
    static const char *const json[] = {
        "{\n  \"format\": \"libisms/1\",\n  \"risks\": []\n}\n",
        "\xEF\xBB\xBF  {\"catalog\": {}}",
        "{}",
        "[{\"Risk\": \"Virus\"}]",
        "\r\n[ \"Risk\", \"Konsekvens\" ]",
    };
    for (size_t i = 0; i < sizeof json / sizeof *json; i++) {
        isms_register *reg = (isms_register *)(uintptr_t)0x1;
        int rc = isms_register_parse_csv(&reg, json[i], strlen(json[i]), "doc.json", NULL, NULL);
        const isms_error *e = assert_error_at(rc, ISMS_EPARSE, 1, 0, json[i]);
        assert_non_null(strstr(e->message, "line 1: the file seems to be JSON, not CSV text"));
        assert_string_equal(e->source, "doc.json");
        assert_ptr_equal(reg, (isms_register *)(uintptr_t)0x1);
    }
    static const char *const titled[] = {
        "[Utkast] Riskregister 2024;;;;\n"
        "Risk;Konsekvens;Sannolikhet/konsekvens (1-4);Riskvärde;Åtgärd\n"
        "Virus;Driftstopp;3/4;12;Antivirus\n",
        "{Utkast} Riskregister 2024;;;;\n"
        "Risk;Konsekvens;Sannolikhet/konsekvens (1-4);Riskvärde;Åtgärd\n"
        "Virus;Driftstopp;3/4;12;Antivirus\n",
    };
    for (size_t i = 0; i < sizeof titled / sizeof *titled; i++) {
        isms_register *reg = parse(titled[i], NULL);
        assert_int_equal(isms_register_count(reg), 1);
        check_risk(reg, 0, "R1", "Virus", 3, 4, 12);
        isms_register_free(reg);
    }
}

static void test_separate_levels(void **state)
{
    (void)state;
    isms_register *reg = load("separate-levels.csv", NULL);
    assert_int_equal(isms_register_count(reg), 3);
    check_risk(reg, 0, "1", "Virus", 3, 4, 12);
    assert_string_equal(isms_risk_consequence_text(isms_register_at(reg, 0)), "Driftstopp");
    check_risk(reg, 1, "2", "Brand", 2, 3, 6); /* Möjlig / Allvarlig */
    check_risk(reg, 2, "3", "Okänd nivå", 5, 0, ISMS_VALUE_UNSET); /* kept off the scale */
    assert_int_equal(isms_risk_value(isms_register_at(reg, 2), ISMS_INHERENT),
                     ISMS_VALUE_UNSET);
    isms_register_free(reg);

    /* "Sannolikhet" + a plain "Konsekvens" holding numbers: the numbers are levels. */
    reg = load("separate-levels-plain.csv", NULL);
    assert_int_equal(isms_register_count(reg), 2);
    check_risk(reg, 0, "R1", "Virus", 3, 4, 12);
    assert_string_equal(isms_risk_consequence_text(isms_register_at(reg, 0)), "");
    check_risk(reg, 1, "R2", "Brand", 2, UNSET, ISMS_VALUE_UNSET);
    isms_register_free(reg);

    /* ... but text in it keeps it the consequence text. */
    reg = parse("Risk;Sannolikhet;Konsekvens\nA;3;Driftstopp\nB;2;4\n", NULL);
    check_risk(reg, 0, "R1", "A", 3, UNSET, ISMS_VALUE_UNSET);
    assert_string_equal(isms_risk_consequence_text(isms_register_at(reg, 0)), "Driftstopp");
    assert_string_equal(isms_risk_consequence_text(isms_register_at(reg, 1)), "4");
    isms_register_free(reg);

    /* Residual levels in two columns; bad text in a separate column. */
    reg = parse("Risk;Sannolikhet/konsekvens;Kvarstående sannolikhet;Kvarstående konsekvens\n"
                "A;3/4;1;Måttlig\n",
                NULL);
    assert_int_equal(isms_risk_residual_likelihood(isms_register_at(reg, 0)), 1);
    assert_int_equal(isms_risk_residual_consequence(isms_register_at(reg, 0)), 2);
    isms_register_free(reg);
    const char *bad = "Risk;Sannolikhet;Konsekvens (1-4)\nA;x;2\n";
    parse_fails(bad, strlen(bad), ISMS_EPARSE, 2, 2);
    bad = "Risk;Sannolikhet;Konsekvens (1-4)\nA;1;hög?\n";
    parse_fails(bad, strlen(bad), ISMS_EPARSE, 2, 3);
}

static void test_english_headers(void **state)
{
    (void)state;
    isms_findings *notes = NULL;
    assert_int_equal(isms_findings_new(&notes, ISMS_LANG_EN), ISMS_OK);
    isms_register *reg = load("english.csv", notes);
    assert_int_equal(isms_register_count(reg), 2);
    check_risk(reg, 0, "E1", "Ransomware", 3, 3, 9);
    const isms_risk *r = isms_register_at(reg, 0);
    assert_string_equal(isms_risk_consequence_text(r), "Outage");
    assert_string_equal(isms_risk_treatment_text(r), "Backups");
    assert_int_equal(isms_risk_treatment(r), ISMS_TREATMENT_MODIFY);
    assert_string_equal(isms_risk_owner(r), "IT");
    assert_int_equal(isms_risk_get_status(r), ISMS_RISK_IN_TREATMENT);
    assert_int_equal(isms_risk_residual_likelihood(r), 2);
    assert_int_equal(isms_risk_residual_consequence(r), 3);
    check_risk(reg, 1, "E2", "Lost laptop", 2, 2, 4);
    r = isms_register_at(reg, 1);
    assert_int_equal(isms_risk_treatment(r), ISMS_TREATMENT_SHARE);
    assert_int_equal(isms_risk_get_status(r), ISMS_RISK_CLOSED);
    assert_int_equal(isms_risk_residual_likelihood(r), UNSET);
    /* "Comment" is not ours. */
    assert_int_equal(isms_findings_count(notes), 1);
    isms_finding f;
    assert_int_equal(isms_findings_get(&f, notes, 0), ISMS_OK);
    assert_string_equal(f.code, "csv-ignored-column");
    assert_int_equal(f.severity, ISMS_SEVERITY_WARNING);
    assert_non_null(strstr(f.message, "Comment"));
    assert_non_null(strstr(f.message, "13"));
    isms_register_free(reg);
    isms_findings_free(notes);
}

static void test_blank_lines(void **state)
{
    (void)state;
    isms_register *reg = load("blank-lines.csv", NULL);
    assert_int_equal(isms_register_count(reg), 3);
    check_risk(reg, 0, "R1", "Virus", 3, 4, 12);
    check_risk(reg, 1, "R2", "Brand", 1, 2, 2);
    check_risk(reg, 2, "R3", "Sist", 2, 2, 4);
    isms_register_free(reg);
}

static void test_example_register(void **state)
{
    (void)state;
    isms_register *reg = NULL;
    assert_int_equal(isms_register_load_csv(&reg, ISMS_TEST_DATA "/../../examples/data/"
                                                                 "riskregister.csv",
                                            NULL, NULL),
                     ISMS_OK);
    assert_int_equal(isms_register_count(reg), 12);
    for (size_t i = 0; i < 12; i++) {
        char id[8];
        snprintf(id, sizeof id, "R%zu", i + 1);
        assert_string_equal(isms_risk_id(isms_register_at(reg, i)), id);
    }
    const isms_risk *r1 = isms_register_at(reg, 0);
    assert_int_equal(isms_risk_likelihood(r1), 3);
    assert_int_equal(isms_risk_consequence(r1), 4);
    assert_int_equal(isms_risk_stated_value(r1), 12);
    assert_int_equal(isms_risk_value(r1, ISMS_INHERENT), 12);
    assert_string_equal(isms_risk_owner(r1), "IT-enheten");
    assert_string_equal(isms_risk_treatment_text(isms_register_at(reg, 7)),
                        "Inför utskrift med kortläsare (\"follow me\")");

    /* Typed-in values that disagree with likelihood × consequence: R3, R5, R6, R11. */
    const char *wrong[] = { "R3", "R5", "R6", "R11" };
    size_t n_wrong = 0;
    for (size_t i = 0; i < 12; i++) {
        const isms_risk *r = isms_register_at(reg, i);
        int stated = isms_risk_stated_value(r);
        if (stated != ISMS_VALUE_UNSET && stated != isms_risk_value(r, ISMS_INHERENT)) {
            assert_true(n_wrong < 4);
            assert_string_equal(isms_risk_id(r), wrong[n_wrong]);
            n_wrong++;
        }
    }
    assert_int_equal(n_wrong, 4);
    assert_int_equal(isms_risk_stated_value(isms_register_at(reg, 11)), ISMS_VALUE_UNSET);

    /* And lint reports exactly those. */
    isms_findings *lint = NULL;
    assert_int_equal(isms_findings_new(&lint, ISMS_LANG_SV), ISMS_OK);
    assert_int_equal(isms_register_lint(lint, reg), ISMS_OK);
    assert_int_equal(count_notes(lint, "risk-value-mismatch", NULL), 4);
    for (size_t i = 0; i < 4; i++)
        assert_int_equal(count_notes(lint, "risk-value-mismatch", wrong[i]), 1);
    isms_findings_free(lint);

    /* Round trip through both languages. */
    for (int lang = 0; lang < 2; lang++) {
        isms_register *back = roundtrip(reg, (isms_lang)lang, ISMS_CSV_DEFAULT);
        assert_registers_equal(reg, back);
        isms_register_free(back);
    }
    isms_register_free(reg);
}

/* ---- broken inputs ---------------------------------------------------------------------- */

static void test_broken_files(void **state)
{
    (void)state;
    load_fails("broken-unterminated-quote.csv", ISMS_EPARSE, 5, 2);
    assert_string_equal(isms_error_last()->message,
                        "line 5, column 2: the quoted cell is not closed before the end of "
                        "the file");
    load_fails("broken-malformed-quote.csv", ISMS_EPARSE, 3, 2);
    load_fails("broken-not-a-level.csv", ISMS_EPARSE, 14, 3);
    assert_string_equal(isms_error_last()->message,
                        "line 14, column 3 (\"Sannolikhet/konsekvens (1-4)\"): \"3/x\" is not "
                        "likelihood/consequence such as 3/4");
    load_fails("broken-duplicate-id.csv", ISMS_EEXIST, 4, 1);
    assert_non_null(strstr(isms_error_last()->message, "\"R1\""));
    assert_non_null(strstr(isms_error_last()->message, "line 2"));
    load_fails("broken-empty.csv", ISMS_EPARSE, 1, 0);
    assert_non_null(strstr(isms_error_last()->message, "empty"));
    load_fails("broken-no-title.csv", ISMS_EPARSE, 1, 0);
    assert_non_null(strstr(isms_error_last()->message, "Risk"));
}

static void test_broken_text(void **state)
{
    (void)state;
    const char *t;
    /* Text after a closing quote. */
    t = "Risk;Konsekvens\nA;\"b\"c\n";
    parse_fails(t, strlen(t), ISMS_EPARSE, 2, 2);
    assert_non_null(strstr(isms_error_last()->message, "closing quote"));
    /* A quote inside an unquoted cell. */
    t = "Risk;Konsekvens\nA;b\"c\n";
    parse_fails(t, strlen(t), ISMS_EPARSE, 2, 2);
    /* Unterminated quote in the first cell, at the very end, without a final newline. */
    t = "Risk;Konsekvens\nA;B\n\"C";
    parse_fails(t, strlen(t), ISMS_EPARSE, 3, 1);
    /* Only a BOM, only blank lines. */
    parse_fails("\xEF\xBB\xBF", 3, ISMS_EPARSE, 1, 0);
    parse_fails("\r\n\r\n  \n", 7, ISMS_EPARSE, 1, 0);
    parse_fails("", 0, ISMS_EPARSE, 1, 0);
    /* No header row: nothing matches twice. */
    t = "\nfoo;bar\n1;2\n";
    parse_fails(t, strlen(t), ISMS_EPARSE, 2, 0);
    assert_non_null(strstr(isms_error_last()->message, "no header row"));
    /* Stated value, treatment option and status that are not what they should be. */
    t = "Risk;Riskvärde\nA;12\nB;tolv\n";
    parse_fails(t, strlen(t), ISMS_EPARSE, 3, 2);
    assert_non_null(strstr(isms_error_last()->message, "(\"Riskvärde\"): \"tolv\""));
    t = "Risk;Behandlingsalternativ\nA;Reducera\nB;Ignorera\n";
    parse_fails(t, strlen(t), ISMS_EPARSE, 3, 2);
    assert_non_null(strstr(isms_error_last()->message, "Reducera"));
    assert_non_null(strstr(isms_error_last()->message, "Modify"));
    t = "Risk;Status\nA;Öppen\nB;Kanske\n";
    parse_fails(t, strlen(t), ISMS_EPARSE, 3, 2);
    assert_non_null(strstr(isms_error_last()->message, "Stängd"));
    /* Residual pair that is not one. */
    t = "Risk;Residual L/C\nA;2/2\nB;two\n";
    parse_fails(t, strlen(t), ISMS_EPARSE, 3, 2);
    /* UTF-16 and NUL bytes. */
    parse_fails("\xFF\xFER\0i\0s\0k\0", 10, ISMS_EPARSE, 1, 0);
    assert_non_null(strstr(isms_error_last()->message, "UTF-16"));
    parse_fails("Risk;Konsekvens\nA;\0B\n", 21, ISMS_EPARSE, 2, 2); /* in cell 2 */
    assert_non_null(strstr(isms_error_last()->message, "line 2, column 2: the file contains a "
                                                       "NUL byte"));
    /* Long values are cut in messages. */
    char big[400];
    memcpy(big, "Risk;Riskvärde\nA;", 18);
    memset(big + 18, 'x', 300);
    strcpy(big + 318, "\n");
    parse_fails(big, strlen(big), ISMS_EPARSE, 2, 2);
    assert_true(strlen(isms_error_last()->message) < 200);
}

static void test_size_limits(void **state)
{
    (void)state;
    /* Input larger than the limit. */
    char *huge = calloc(1, (size_t)ISMS_CSV_MAX_INPUT + 1);
    assert_non_null(huge);
    isms_register *reg = NULL;
    assert_int_equal(isms_register_parse_csv(&reg, huge, (size_t)ISMS_CSV_MAX_INPUT + 1, NULL,
                                             NULL, NULL),
                     ISMS_ERANGE);
    assert_null(reg);
    free(huge);

    /* A cell one byte larger than the limit, unquoted and quoted over lines. */
    size_t n = ISMS_CSV_MAX_CELL + 1;
    char *text = malloc(n + 64);
    assert_non_null(text);
    strcpy(text, "Risk;Konsekvens\nA;");
    size_t at = strlen(text);
    memset(text + at, 'x', n);
    strcpy(text + at + n, "\nB;c\n");
    parse_fails(text, strlen(text), ISMS_ERANGE, 2, 2);
    strcpy(text, "Risk;Konsekvens\nA;\"\n");
    at = strlen(text);
    memset(text + at, 'x', n);
    strcpy(text + at + n, "\"\n");
    parse_fails(text, strlen(text), ISMS_ERANGE, 2, 2);
    /* Exactly the limit is fine, and so is the limit plus a neutralising apostrophe. */
    strcpy(text, "Risk;Konsekvens\nA;'=");
    at = strlen(text);
    memset(text + at, 'x', n - 2);
    strcpy(text + at + n - 2, "\n");
    reg = parse(text, NULL);
    assert_int_equal(strlen(isms_risk_consequence_text(isms_register_at(reg, 0))),
                     ISMS_CSV_MAX_CELL);
    char *doc = NULL;
    size_t len = 0;
    assert_int_equal(isms_register_write_csv(&doc, &len, reg, ISMS_LANG_SV, 0), ISMS_OK);
    isms_register *back = NULL;
    assert_int_equal(isms_register_parse_csv(&back, doc, len, NULL, NULL, NULL), ISMS_OK);
    assert_registers_equal(reg, back);
    isms_register_free(back);
    isms_register_free(reg);
    isms_free(doc);
    free(text);
}

static void test_invalid_arguments(void **state)
{
    (void)state;
    isms_register *reg = NULL;
    assert_int_equal(isms_register_parse_csv(NULL, "a", 1, NULL, NULL, NULL), ISMS_EINVAL);
    assert_int_equal(isms_register_parse_csv(&reg, NULL, 1, NULL, NULL, NULL), ISMS_EINVAL);
    assert_int_equal(isms_register_load_csv(NULL, "x", NULL, NULL), ISMS_EINVAL);
    assert_int_equal(isms_register_load_csv(&reg, NULL, NULL, NULL), ISMS_EINVAL);
    assert_null(reg);
    assert_int_equal(isms_register_load_csv(&reg, DATA "no-such-file.csv", NULL, NULL),
                     ISMS_EIO);
    assert_non_null(strstr(isms_error_last()->message, "no-such-file.csv"));
    assert_non_null(strstr(isms_error_last()->message, strerror(ENOENT)));
    assert_int_equal(isms_register_load_csv(&reg, DATA, NULL, NULL), ISMS_EIO);
    assert_string_equal(isms_error_last()->source, DATA);
    assert_null(reg);

    reg = parse("Risk;Konsekvens\nA;B\n", NULL);
    char *doc = (char *)(uintptr_t)0x1;
    size_t len = 77;
    assert_int_equal(isms_register_write_csv(NULL, &len, reg, ISMS_LANG_SV, 0), ISMS_EINVAL);
    assert_int_equal(isms_register_write_csv(&doc, &len, NULL, ISMS_LANG_SV, 0), ISMS_EINVAL);
    assert_int_equal(isms_register_write_csv(&doc, &len, reg, (isms_lang)7, 0), ISMS_EINVAL);
    assert_int_equal(isms_register_write_csv(&doc, &len, reg, ISMS_LANG_SV,
                                             ISMS_CSV_COMMA | ISMS_CSV_TAB),
                     ISMS_EINVAL);
    assert_int_equal(isms_register_write_csv(&doc, &len, reg, ISMS_LANG_SV, 1u << 8),
                     ISMS_EINVAL);
    assert_ptr_equal(doc, (char *)(uintptr_t)0x1);
    assert_int_equal(len, 77);
    assert_int_equal(isms_register_save_csv(NULL, reg, ISMS_LANG_SV, 0), ISMS_EINVAL);
    assert_int_equal(isms_register_save_csv("x.csv", NULL, ISMS_LANG_SV, 0), ISMS_EINVAL);
    assert_int_equal(isms_register_save_csv("", reg, ISMS_LANG_SV, 0), ISMS_EINVAL);
    /* len may be NULL */
    doc = NULL;
    assert_int_equal(isms_register_write_csv(&doc, NULL, reg, ISMS_LANG_EN, 0), ISMS_OK);
    assert_non_null(doc);
    isms_free(doc);
    isms_register_free(reg);
}

/* ---- notes, ids and columns --------------------------------------------------------------- */

static void test_generated_ids(void **state)
{
    (void)state;
    isms_findings *notes = NULL;
    assert_int_equal(isms_findings_new(&notes, ISMS_LANG_SV), ISMS_OK);
    /* Empty id cells get R<k>; an id the file uses later is avoided. */
    isms_register *reg = parse("ID;Risk\n;A\nR1;B\n\n;;\n  ;C\nx;D\n", notes);
    assert_int_equal(isms_register_count(reg), 4);
    check_risk(reg, 0, "R1-2", "A", UNSET, UNSET, ISMS_VALUE_UNSET);
    check_risk(reg, 1, "R1", "B", UNSET, UNSET, ISMS_VALUE_UNSET);
    check_risk(reg, 2, "R3", "C", UNSET, UNSET, ISMS_VALUE_UNSET);
    check_risk(reg, 3, "x", "D", UNSET, UNSET, ISMS_VALUE_UNSET);
    assert_int_equal(count_notes(notes, "csv-generated-id", NULL), 2);
    assert_int_equal(count_notes(notes, "csv-generated-id", "R1-2"), 1);
    assert_int_equal(count_notes(notes, "csv-generated-id", "R3"), 1);
    isms_finding f;
    assert_int_equal(isms_findings_get(&f, notes, 1), ISMS_OK);
    assert_string_equal(f.message, "Rad 6 saknar id; risken fick id R3.");
    isms_register_free(reg);
    isms_findings_free(notes);

    /* Ids are trimmed; explicit duplicates after trimming are errors. */
    const char *t = "Nr;Risk\n 7 ;A\n7;B\n";
    parse_fails(t, strlen(t), ISMS_EEXIST, 3, 1);
    assert_string_equal(isms_error_last()->message,
                        "line 3, column 1 (\"Nr\"): the id \"7\" is already used on line 2");
}

static void test_column_notes(void **state)
{
    (void)state;
    isms_findings *notes = NULL;
    assert_int_equal(isms_findings_new(&notes, ISMS_LANG_EN), ISMS_OK);
    /* Repeated column, column without header holding data, separate levels next to a
     * combined column, an unknown column; export-only columns are silently ignored. */
    isms_register *reg = parse("Risk;Title;;Sannolikhet/konsekvens;Sannolikhet;Okänd;"
                               "Beräknat riskvärde;Risknivå;\n"
                               "A;B;x;2/3;4;y;6;Medel;\n",
                               notes);
    check_risk(reg, 0, "R1", "A", 2, 3, ISMS_VALUE_UNSET);
    assert_int_equal(count_notes(notes, "csv-ignored-column", NULL), 4);
    assert_int_equal(count_notes(notes, "csv-generated-id", NULL), 1);
    isms_register_free(reg);
    isms_findings_free(notes);

    /* Data beyond the last header cell. */
    assert_int_equal(isms_findings_new(&notes, ISMS_LANG_SV), ISMS_OK);
    reg = parse("Risk;Konsekvens\nA;B\nC;D;extra;;\n", notes);
    assert_int_equal(isms_findings_count(notes), 2);
    isms_finding f;
    assert_int_equal(isms_findings_get(&f, notes, 0), ISMS_OK);
    assert_string_equal(f.code, "csv-ignored-column");
    assert_string_equal(f.message, "Kolumn 3 saknar rubrik och lästes inte in.");
    isms_register_free(reg);
    isms_findings_free(notes);

    /* Without a notes list nothing is reported and nothing fails. A title column alone is
     * enough for a header when no row has two known headers. */
    reg = parse("Riskanalys\nRisk;Okänd\nA;x\n", NULL);
    assert_int_equal(isms_register_count(reg), 1);
    check_risk(reg, 0, "R1", "A", UNSET, UNSET, ISMS_VALUE_UNSET);
    isms_register_free(reg);
}

static void test_levels(void **state)
{
    (void)state;
    isms_register *reg = parse("Risk;S/K;Riskvärde\n"
                               "A; 3 / 4 ;12\n"
                               "B;Mycket sannolik/Begränsad;4\n"
                               "C;likely/serious;9\n"
                               "D;3/;\n"
                               "E;/2;\n"
                               "F;7/-1;-7\n"
                               "G;;+5\n",
                               NULL);
    check_risk(reg, 0, "R1", "A", 3, 4, 12);
    check_risk(reg, 1, "R2", "B", 4, 1, 4);
    check_risk(reg, 2, "R3", "C", 3, 3, 9);
    check_risk(reg, 3, "R4", "D", 3, UNSET, ISMS_VALUE_UNSET);
    check_risk(reg, 4, "R5", "E", UNSET, 2, ISMS_VALUE_UNSET);
    check_risk(reg, 5, "R6", "F", 7, -1, -7);
    check_risk(reg, 6, "R7", "G", UNSET, UNSET, 5);
    for (int lang = 0; lang < 2; lang++) {
        isms_register *back = roundtrip(reg, (isms_lang)lang, ISMS_CSV_DEFAULT);
        assert_registers_equal(reg, back);
        isms_register_free(back);
    }
    isms_register_free(reg);
}

static void test_other_matrices(void **state)
{
    (void)state;
    isms_matrix *m5 = NULL;
    assert_int_equal(isms_matrix_preset(&m5, "5x5"), ISMS_OK);
    isms_register *reg = NULL;
    const char *t = "Risk;Sannolikhet/konsekvens (1-5)\nA;5/5\nB;Mycket osannolik/Försumbar\n";
    assert_int_equal(isms_register_parse_csv(&reg, t, strlen(t), NULL, m5, NULL), ISMS_OK);
    assert_ptr_equal(isms_register_matrix(reg), m5);
    assert_int_equal(isms_risk_value(isms_register_at(reg, 0), ISMS_INHERENT), 25);
    assert_int_equal(isms_risk_likelihood(isms_register_at(reg, 1)), 1);
    char *doc = NULL;
    assert_int_equal(isms_register_write_csv(&doc, NULL, reg, ISMS_LANG_SV, ISMS_CSV_NO_BOM),
                     ISMS_OK);
    assert_non_null(strstr(doc, ";Sannolikhet/konsekvens (1-5);"));
    assert_non_null(strstr(doc, ";25;Mycket hög\r\n"));
    isms_free(doc);
    isms_register_free(reg);
    isms_matrix_free(m5);

    /* Scales of different ranges. */
    isms_matrix_builder *b = NULL;
    assert_int_equal(isms_matrix_builder_new(&b, "3x4"), ISMS_OK);
    const char *ls[] = { "Låg", "Medel", "Hög" }, *le[] = { "Low", "Medium", "High" };
    for (int i = 0; i < 3; i++)
        assert_int_equal(isms_matrix_builder_add_level(b, ISMS_AXIS_LIKELIHOOD, i + 1, ls[i],
                                                       le[i], NULL),
                         ISMS_OK);
    const char *cs[] = { "Liten", "Måttlig", "Stor", "Enorm" };
    const char *ce[] = { "Small", "Moderate", "Large", "Huge" };
    for (int i = 0; i < 4; i++)
        assert_int_equal(isms_matrix_builder_add_level(b, ISMS_AXIS_CONSEQUENCE, i + 1, cs[i],
                                                       ce[i], NULL),
                         ISMS_OK);
    assert_int_equal(isms_matrix_builder_add_band(b, "low", 1, 4, "#00ff00", "Låg", "Low"),
                     ISMS_OK);
    assert_int_equal(isms_matrix_builder_add_band(b, "high", 5, 12, "#ff0000", "Hög", "High"),
                     ISMS_OK);
    isms_matrix *m = NULL;
    assert_int_equal(isms_matrix_builder_build(&m, b), ISMS_OK);
    isms_matrix_builder_free(b);
    assert_int_equal(isms_register_new(&reg, m), ISMS_OK);
    assert_int_equal(isms_register_add(NULL, reg, "X", "x", 3, 4), ISMS_OK);
    assert_int_equal(isms_register_write_csv(&doc, NULL, reg, ISMS_LANG_EN, ISMS_CSV_COMMA),
                     ISMS_OK);
    assert_non_null(strstr(doc, ",Likelihood/consequence (1-3/1-4),"));
    assert_non_null(strstr(doc, ",12,High\r\n"));
    isms_free(doc);
    isms_register *back = roundtrip(reg, ISMS_LANG_EN, ISMS_CSV_COMMA);
    assert_registers_equal(reg, back);
    isms_register_free(back);
    isms_register_free(reg);
    isms_matrix_free(m);
}

/* ---- export ------------------------------------------------------------------------------ */

static void test_export_format(void **state)
{
    (void)state;
    isms_register *reg = NULL;
    assert_int_equal(isms_register_new(&reg, NULL), ISMS_OK);
    isms_risk *r = NULL;
    assert_int_equal(isms_register_add(&r, reg, "R1", "Virus; mask", 3, 4), ISMS_OK);
    assert_int_equal(isms_risk_set_stated_value(r, 12), ISMS_OK);
    assert_int_equal(isms_risk_set_treatment(r, ISMS_TREATMENT_MODIFY, "Säg \"nej\""), ISMS_OK);
    assert_int_equal(isms_risk_set_owner(r, " IT "), ISMS_OK);
    assert_int_equal(isms_risk_set_residual(r, 1, 4), ISMS_OK);

    char *doc = NULL;
    size_t len = 0;
    assert_int_equal(isms_register_write_csv(&doc, &len, reg, ISMS_LANG_SV, ISMS_CSV_DEFAULT),
                     ISMS_OK);
    assert_string_equal(doc,
                        "\xEF\xBB\xBF"
                        "ID;Risk;Konsekvens;Sannolikhet/konsekvens (1-4);Riskvärde;Åtgärd;"
                        "Behandlingsalternativ;Ansvarig;Status;"
                        "Kvarstående sannolikhet/konsekvens;Beräknat riskvärde;Risknivå\r\n"
                        "R1;\"Virus; mask\";;3/4;12;\"Säg \"\"nej\"\"\";Reducera;\" IT \";"
                        "Öppen;1/4;12;Mycket hög\r\n");
    assert_int_equal(len, strlen(doc));
    isms_free(doc);

    assert_int_equal(isms_register_write_csv(&doc, &len, reg, ISMS_LANG_EN,
                                             ISMS_CSV_COMMA | ISMS_CSV_NO_BOM | ISMS_CSV_LF),
                     ISMS_OK);
    assert_string_equal(doc,
                        "ID,Risk,Consequence,Likelihood/consequence (1-4),Risk value,Treatment,"
                        "Treatment option,Owner,Status,Residual likelihood/consequence,"
                        "Computed value,Risk level\n"
                        "R1,\"Virus; mask\",,3/4,12,\"Säg \"\"nej\"\"\",Modify,\" IT \",Open,1/4,"
                        "12,Very high\n");
    isms_free(doc);

    assert_int_equal(isms_register_write_csv(&doc, &len, reg, ISMS_LANG_EN,
                                             ISMS_CSV_TAB | ISMS_CSV_NO_BOM),
                     ISMS_OK);
    assert_non_null(strstr(doc, "R1\t\"Virus; mask\"\t\t3/4\t12\t"));
    assert_non_null(strstr(doc, "Very high\r\n"));
    isms_free(doc);

    /* An empty register is a header row. */
    isms_register *empty = NULL;
    assert_int_equal(isms_register_new(&empty, NULL), ISMS_OK);
    assert_int_equal(isms_register_write_csv(&doc, &len, empty, ISMS_LANG_SV, ISMS_CSV_LF),
                     ISMS_OK);
    assert_non_null(strstr(doc, "Risknivå\n"));
    assert_int_equal(doc[len - 1], '\n');
    assert_null(strchr(doc, '\r'));
    isms_free(doc);
    isms_register_free(empty);
    isms_register_free(reg);
}

/* A register with every field and every awkward kind of text. */
static isms_register *rich_register(void)
{
    static const char *const titles[] = {
        "Enkel",
        "=SUM(A1)",
        "+46 8 123",
        "-1",
        "@import",
        "\tindrag",
        "\rvagn",
        "'=redan skyddad",
        "''+två apostrofer",
        "'bara apostrof",
        "semi;kolon, komma\tflik",
        "citat \"inne\" och \"\"dubbelt\"\"",
        "rad ett\r\nrad två\nrad tre\rrad fyra",
        "  mellanslag runt  ",
        "\t",
        "",
        "Åäö ÅÄÖ é ü – € “” 😀",
        "\"",
        "'",
        "x'",
    };
    isms_register *reg = NULL;
    assert_int_equal(isms_register_new(&reg, NULL), ISMS_OK);
    size_t n = sizeof titles / sizeof *titles;
    for (size_t i = 0; i < n; i++) {
        char id[16];
        if (i % 3 == 0)
            snprintf(id, sizeof id, "R%zu", i);
        else if (i % 3 == 1)
            snprintf(id, sizeof id, "=ID-%zu", i); /* neutralised on export */
        else
            snprintf(id, sizeof id, "id %zu", i);
        int l = i % 6 == 5 ? UNSET : (int)(i % 5);          /* includes 0: off the scale */
        int c = i % 7 == 6 ? UNSET : (int)(i % 4) + 1;
        isms_risk *r = NULL;
        assert_int_equal(isms_register_add(&r, reg, id, titles[i], l, c), ISMS_OK);
        assert_int_equal(isms_risk_set_consequence_text(r, titles[(i + 3) % n]), ISMS_OK);
        if (i % 4 != 3)
            assert_int_equal(isms_risk_set_stated_value(r, (int)i * 3 - 10), ISMS_OK);
        assert_int_equal(isms_risk_set_treatment(r, (isms_treatment)(i % 5),
                                                 i % 2 ? titles[(i + 5) % n] : NULL),
                         ISMS_OK);
        assert_int_equal(isms_risk_set_owner(r, titles[(i + 7) % n]), ISMS_OK);
        assert_int_equal(isms_risk_set_status(r, (isms_risk_status)(i % 5)), ISMS_OK);
        if (i % 3 == 0)
            assert_int_equal(isms_risk_set_residual(r, 1, (int)(i % 4) + 1), ISMS_OK);
        else if (i % 3 == 1)
            assert_int_equal(isms_risk_set_residual(r, 2, UNSET), ISMS_OK);
    }
    return reg;
}

static void test_roundtrip_all_flags(void **state)
{
    (void)state;
    isms_register *regs[12];
    size_t n = 0;
    regs[n++] = rich_register();
    const char *files[] = { "org-bom-semicolon-crlf.csv", "utf8-comma-lf.csv",
                            "windows-1252.csv", "tab.tsv", "multiline.csv",
                            "hyphenated-header.csv", "title-row.csv", "separate-levels.csv",
                            "separate-levels-plain.csv", "english.csv", "blank-lines.csv" };
    for (size_t i = 0; i < sizeof files / sizeof *files; i++)
        regs[n++] = load(files[i], NULL);
    for (size_t k = 0; k < n; k++)
        for (int lang = 0; lang < 2; lang++)
            for (unsigned flags = 0; flags < 16; flags++) {
                if ((flags & ISMS_CSV_COMMA) && (flags & ISMS_CSV_TAB))
                    continue;
                isms_register *back = roundtrip(regs[k], (isms_lang)lang, flags);
                assert_registers_equal(regs[k], back);
                /* ... and once more: export → import is stable. */
                isms_register *again = roundtrip(back, (isms_lang)lang, flags);
                assert_registers_equal(back, again);
                isms_register_free(again);
                isms_register_free(back);
            }
    for (size_t k = 0; k < n; k++)
        isms_register_free(regs[k]);
}

static void test_formula_neutralisation(void **state)
{
    (void)state;
    isms_register *reg = NULL;
    assert_int_equal(isms_register_new(&reg, NULL), ISMS_OK);
    assert_int_equal(isms_register_add(NULL, reg, "R1", "=SUM(A1)", 1, 1), ISMS_OK);
    assert_int_equal(isms_register_add(NULL, reg, "R2", "'=SUM(A1)", 1, 1), ISMS_OK);
    assert_int_equal(isms_register_add(NULL, reg, "R3", "@cmd", 1, 1), ISMS_OK);
    assert_int_equal(isms_register_add(NULL, reg, "R4", "'text", 1, 1), ISMS_OK);
    char *doc = NULL;
    assert_int_equal(isms_register_write_csv(&doc, NULL, reg, ISMS_LANG_SV, ISMS_CSV_LF),
                     ISMS_OK);
    assert_non_null(strstr(doc, "\nR1;'=SUM(A1);"));
    assert_non_null(strstr(doc, "\nR2;''=SUM(A1);"));
    assert_non_null(strstr(doc, "\nR3;'@cmd;"));
    assert_non_null(strstr(doc, "\nR4;'text;"));
    isms_free(doc);
    isms_register *back = roundtrip(reg, ISMS_LANG_SV, 0);
    assert_string_equal(isms_risk_title(isms_register_at(back, 0)), "=SUM(A1)");
    assert_string_equal(isms_risk_title(isms_register_at(back, 1)), "'=SUM(A1)");
    assert_string_equal(isms_risk_title(isms_register_at(back, 2)), "@cmd");
    assert_string_equal(isms_risk_title(isms_register_at(back, 3)), "'text");
    isms_register_free(back);
    isms_register_free(reg);

    /* The generic pair. */
    assert_true(isms__csv_needs_neutralising("=1"));
    assert_true(isms__csv_needs_neutralising("+1"));
    assert_true(isms__csv_needs_neutralising("-1"));
    assert_true(isms__csv_needs_neutralising("@1"));
    assert_true(isms__csv_needs_neutralising("\t1"));
    assert_true(isms__csv_needs_neutralising("\r1"));
    assert_true(isms__csv_needs_neutralising("''=1"));
    assert_false(isms__csv_needs_neutralising("'1"));
    assert_false(isms__csv_needs_neutralising("1=1"));
    assert_false(isms__csv_needs_neutralising(""));
    assert_false(isms__csv_needs_neutralising(" =1"));
    const char *s = "'=1";
    assert_ptr_equal(isms__csv_unneutralise(s), s + 1);
    s = "'''-x";
    assert_ptr_equal(isms__csv_unneutralise(s), s + 1);
    s = "'abc";
    assert_ptr_equal(isms__csv_unneutralise(s), s);
    s = "'";
    assert_ptr_equal(isms__csv_unneutralise(s), s);
    s = "=1";
    assert_ptr_equal(isms__csv_unneutralise(s), s);
}

/* ---- generic layer --------------------------------------------------------------------- */

static void test_decode(void **state)
{
    (void)state;
    static const char *const expect[32] = {
        "€", "\xC2\x81", "‚", "ƒ", "„", "…", "†", "‡", "ˆ", "‰", "Š", "‹", "Œ", "\xC2\x8D", "Ž",
        "\xC2\x8F", "\xC2\x90", "‘", "’", "“", "”", "•", "–", "—", "˜", "™", "š", "›", "œ",
        "\xC2\x9D", "ž", "Ÿ",
    };
    for (int b = 0x80; b <= 0xFF; b++) {
        char in[2] = { (char)b, 'x' };
        size_t n = 0;
        isms__csv_encoding enc;
        char *out = isms__csv_decode(in, 2, &n, &enc);
        assert_non_null(out);
        assert_int_equal(enc, ISMS__CSV_WINDOWS_1252);
        char want[8];
        if (b < 0xA0) {
            snprintf(want, sizeof want, "%sx", expect[b - 0x80]);
        } else {
            size_t k = isms__utf8_put(want, (uint32_t)b);
            want[k] = 'x';
            want[k + 1] = '\0';
        }
        assert_string_equal(out, want);
        assert_int_equal(n, strlen(want));
        isms__free(out);
    }
    size_t n = 0;
    isms__csv_encoding enc;
    char *out = isms__csv_decode("\xEF\xBB\xBFÅ", 5, &n, &enc);
    assert_string_equal(out, "Å");
    assert_int_equal(enc, ISMS__CSV_UTF8_BOM);
    isms__free(out);
    out = isms__csv_decode("ab", 2, &n, &enc);
    assert_string_equal(out, "ab");
    assert_int_equal(enc, ISMS__CSV_UTF8);
    isms__free(out);
    /* A BOM followed by invalid UTF-8: the rest is Windows-1252. */
    out = isms__csv_decode("\xEF\xBB\xBF\xE4", 4, &n, &enc);
    assert_string_equal(out, "ä");
    assert_int_equal(enc, ISMS__CSV_WINDOWS_1252);
    isms__free(out);
}

static void test_detect_delimiter(void **state)
{
    (void)state;
    const char *t;
    t = "a;b;c\r\n1;2,5;3\r\n";
    assert_int_equal(isms__csv_detect_delimiter(t, strlen(t)), ';');
    t = "a,b,c\n\"x;y;z;w\",2,3\n";
    assert_int_equal(isms__csv_detect_delimiter(t, strlen(t)), ',');
    t = "a\tb\tc\n1, 2\t2; 3\t3\n";
    assert_int_equal(isms__csv_detect_delimiter(t, strlen(t)), '\t');
    t = "Titel, med komma\n\na;b;c\n1;2;3\n4;5;6\n";
    assert_int_equal(isms__csv_detect_delimiter(t, strlen(t)), ';');
    t = "\"rubrik\nmed, radbrytning\",b\n1,2\n";
    assert_int_equal(isms__csv_detect_delimiter(t, strlen(t)), ',');
    t = "ensam\n";
    assert_int_equal(isms__csv_detect_delimiter(t, strlen(t)), ';');
    assert_int_equal(isms__csv_detect_delimiter("", 0), ';');
}

static void test_header_normalise(void **state)
{
    (void)state;
    isms__csv_header h;
    isms__csv_header_normalise(&h, "Sannolik-\r\nhet/konsekvens (1-4)");
    assert_string_equal(h.norm, "sannolikhetkonsekvens");
    assert_true(h.hint);
    assert_true(h.numeric_hint);
    isms__csv_header_normalise(&h, "RISKVÄRDE");
    assert_string_equal(h.norm, "riskvarde");
    assert_false(h.hint);
    isms__csv_header_normalise(&h, " Riskvarde ");
    assert_string_equal(h.norm, "riskvarde");
    isms__csv_header_normalise(&h, "Åt\xC2\xADgärd");
    assert_string_equal(h.norm, "atgard");
    isms__csv_header_normalise(&h, "Risk- ID");
    assert_string_equal(h.norm, "riskid");
    isms__csv_header_normalise(&h, "Konsekvens (hög/låg)");
    assert_string_equal(h.norm, "konsekvens");
    assert_true(h.hint);
    assert_false(h.numeric_hint);
    isms__csv_header_normalise(&h, "Straße Æble Ÿ");
    assert_string_equal(h.norm, "strasseaebley");
    isms__csv_header_normalise(&h, "");
    assert_string_equal(h.norm, "");
    char longname[400];
    memset(longname, 'a', sizeof longname - 1);
    longname[sizeof longname - 1] = '\0';
    isms__csv_header_normalise(&h, longname);
    assert_string_equal(h.norm, ""); /* too long: matches nothing */

    static const isms__csv_alias aliases[] = { { "Riskvärde", 1 }, { "Åtgärd", 2 } };
    isms__csv_header_normalise(&h, "Risk-\nvarde (summa)");
    assert_int_equal(isms__csv_header_field(&h, aliases, 2), 1);
    isms__csv_header_normalise(&h, "ATGARD");
    assert_int_equal(isms__csv_header_field(&h, aliases, 2), 2);
    isms__csv_header_normalise(&h, "Åtgärder");
    assert_int_equal(isms__csv_header_field(&h, aliases, 2), -1);

    char buf[64];
    isms__csv_header_display(buf, sizeof buf, "  Sannolik-\r\nhet/konsekvens   (1-4) ");
    assert_string_equal(buf, "Sannolikhet/konsekvens (1-4)");
    isms__csv_header_display(buf, sizeof buf, "Risk\nvärde");
    assert_string_equal(buf, "Risk värde");
    isms__csv_header_display(buf, 6, "Åtgärder");
    assert_string_equal(buf, "Åtg"); /* "ä" would not fit: cut at a character boundary */
}

static void test_csv_read_generic(void **state)
{
    (void)state;
    isms__csv_table t;
    const char *text = "Titel\n\na\tb\t\tc\n\"x\ty\"\t\t\n";
    assert_int_equal(isms__csv_read(&t, text, strlen(text), NULL), ISMS_OK);
    assert_int_equal(t.delimiter, '\t');
    assert_int_equal(t.count, 3);
    assert_int_equal(t.records[0].count, 1);
    assert_int_equal(t.records[1].line, 3);
    assert_int_equal(t.records[1].count, 4);
    assert_string_equal(t.records[1].cells[2], "");
    assert_string_equal(t.records[1].cells[3], "c");
    assert_int_equal(t.records[2].count, 1); /* trailing empty cells are not kept */
    assert_string_equal(t.records[2].cells[0], "x\ty");
    assert_string_equal(isms__csv_cell(&t.records[2], 1), "");
    assert_string_equal(isms__csv_cell(&t.records[2], 99), "");
    assert_true(isms__csv_record_blank(&t.records[2]) == false);
    isms__csv_table_free(&t);
    isms__csv_table_free(&t); /* twice is fine */

    static const isms__csv_alias aliases[] = { { "Risk", 1 }, { "Värde", 2 } };
    text = "Riskregister;;\nRisk;x;y\n;;\nrisk;VÄRDE;z\n";
    assert_int_equal(isms__csv_read(&t, text, strlen(text), NULL), ISMS_OK);
    assert_true(isms__csv_record_blank(&t.records[2]));
    assert_int_equal(isms__csv_find_header(&t, aliases, 2, 2, 50), 3);
    assert_int_equal(isms__csv_find_header(&t, aliases, 2, 1, 50), 1);
    assert_int_equal(isms__csv_find_header(&t, aliases, 2, 2, 3), t.count);
    isms__csv_table_free(&t);

    /* Lone CR line ends count as lines too. */
    text = "a;b\r1;2\r\"x\ry\";3\r4;5";
    assert_int_equal(isms__csv_read(&t, text, strlen(text), NULL), ISMS_OK);
    assert_int_equal(t.count, 4);
    assert_int_equal(t.records[2].line, 3);
    assert_string_equal(t.records[2].cells[0], "x\ry");
    assert_int_equal(t.records[3].line, 5);
    assert_int_equal(t.lines, 5);
    isms__csv_table_free(&t);
}

static void test_writer(void **state)
{
    (void)state;
    isms__csv_writer w;
    isms__csv_writer_init(&w, ';', true, false);
    const char *cells[] = { "plain", "semi;colon", "quote\"d", "line\nbreak", " lead",
                            "trail\t", "", NULL, "=1+1", "'-2", "with,comma" };
    for (size_t i = 0; i < sizeof cells / sizeof *cells; i++)
        isms__csv_write_cell(&w, cells[i]);
    isms__csv_end_row(&w);
    isms__csv_write_cell(&w, "x");
    isms__csv_end_row(&w);
    size_t len = 0;
    char *doc = isms__csv_writer_take(&w, &len);
    assert_string_equal(doc, "plain;\"semi;colon\";\"quote\"\"d\";\"line\nbreak\";\" lead\";"
                             "\"trail\t\";;;'=1+1;''-2;\"with,comma\"\r\nx\r\n");
    assert_int_equal(len, strlen(doc));
    isms__free(doc);

    isms__csv_writer_init(&w, '\t', false, true);
    isms__csv_write_cell(&w, "a\tb");
    isms__csv_write_cell(&w, "\tc");
    isms__csv_end_row(&w);
    doc = isms__csv_writer_take(&w, NULL);
    assert_string_equal(doc, "\xEF\xBB\xBF\"a\tb\"\t\"'\tc\"\n");
    isms__free(doc);

    /* An empty document still is a string. */
    isms__csv_writer_init(&w, ',', false, false);
    doc = isms__csv_writer_take(&w, &len);
    assert_string_equal(doc, "");
    assert_int_equal(len, 0);
    isms__free(doc);
    isms__csv_writer_init(&w, ',', false, false);
    isms__csv_write_cell(&w, "a");
    isms__csv_writer_free(&w);
}

/* ---- files ------------------------------------------------------------------------------ */

/* Reads a FIFO with isms_file_read() in a thread of its own (the writer is the test). */
struct fifo_read {
    const char *path;
    int rc;
    char *data;
    size_t len;
};

static void *read_fifo(void *arg)
{
    struct fifo_read *r = arg;
    r->rc = isms_file_read(&r->data, &r->len, r->path, 1000);
    return NULL;
}

static void test_atomic_save(void **state)
{
    (void)state;
    char dir[] = "/tmp/isms-test-csv-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[256], link[256], missing[256], sub[256];
    snprintf(path, sizeof path, "%s/register.csv", dir);
    snprintf(link, sizeof link, "%s/link.csv", dir);
    snprintf(missing, sizeof missing, "%s/no-such-dir/register.csv", dir);
    snprintf(sub, sizeof sub, "%s/sub", dir);

    isms_register *reg = load("org-bom-semicolon-crlf.csv", NULL);

    /* Over an existing file with mode 0600: the mode stays. */
    write_file(path, "old");
    assert_int_equal(chmod(path, 0600), 0);
    assert_int_equal(isms_register_save_csv(path, reg, ISMS_LANG_SV, 0), ISMS_OK);
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 07777, 0600);
    isms_register *back = NULL;
    assert_int_equal(isms_register_load_csv(&back, path, NULL, NULL), ISMS_OK);
    assert_registers_equal(reg, back);
    isms_register_free(back);
    assert_int_equal(count_dir(dir), 1); /* no temporary file left */

    /* A new file gets 0666 minus the umask. */
    unlink(path);
    mode_t old = umask(027);
    assert_int_equal(isms_register_save_csv(path, reg, ISMS_LANG_EN, ISMS_CSV_COMMA), ISMS_OK);
    umask(old);
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 07777, 0640);

    /* Through a symbolic link: the link stays, its target is replaced. */
    assert_int_equal(symlink("register.csv", link), 0);
    assert_int_equal(chmod(path, 0604), 0);
    assert_int_equal(isms_register_save_csv(link, reg, ISMS_LANG_SV, ISMS_CSV_TAB), ISMS_OK);
    assert_int_equal(lstat(link, &st), 0);
    assert_true(S_ISLNK(st.st_mode));
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 07777, 0604);
    size_t len;
    char *text = slurp(path, &len);
    assert_non_null(strstr(text, "ID\tRisk\t"));
    free(text);

    /* Into a directory that does not exist: EIO, nothing created. */
    assert_int_equal(isms_register_save_csv(missing, reg, ISMS_LANG_SV, 0), ISMS_EIO);
    assert_non_null(isms_error_last()->source);
    assert_string_equal(isms_error_last()->source, missing);
    assert_non_null(strstr(isms_error_last()->message, "no-such-dir"));
    assert_int_equal(count_dir(dir), 2);

    /* Over a directory: rename fails, the temporary file is removed, the directory stays. */
    assert_int_equal(mkdir(sub, 0755), 0);
    assert_int_equal(isms_register_save_csv(sub, reg, ISMS_LANG_SV, 0), ISMS_EIO);
    assert_int_equal(stat(sub, &st), 0);
    assert_true(S_ISDIR(st.st_mode));
    assert_int_equal(count_dir(dir), 3);
    assert_int_equal(count_dir(sub), 0);

    /* A relative path in the current directory. */
    char cwd[512];
    assert_non_null(getcwd(cwd, sizeof cwd));
    assert_int_equal(chdir(dir), 0);
    assert_int_equal(isms_register_save_csv("relative.csv", reg, ISMS_LANG_SV, 0), ISMS_OK);
    assert_int_equal(chdir(cwd), 0);
    assert_int_equal(count_dir(dir), 4);

    /* Reading: limit and errors. */
    char *data = NULL;
    len = 0;
    assert_int_equal(isms__file_read(&data, &len, path, 10), ISMS_ERANGE);
    assert_null(data);
    assert_int_equal(isms__file_read(&data, &len, dir, 1000), ISMS_EIO);
    assert_int_equal(isms__file_read(&data, NULL, path, 1u << 20), ISMS_OK);
    assert_non_null(data);
    isms__free(data);

    /* The public pair: a FIFO is written in place (it cannot be replaced by a rename), and
     * what a reader gets is exactly the bytes; a regular file round-trips. */
    char fifo[300];
    snprintf(fifo, sizeof fifo, "%s/pipe", dir);
    assert_int_equal(mkfifo(fifo, 0600), 0);
    /* The reader is a thread, not a forked child: a child that exits without freeing what
     * the parent had allocated would be reported by valgrind as leaking it. */
    struct fifo_read reader = { .path = fifo, .rc = ISMS_EINVAL };
    pthread_t thread;
    assert_int_equal(pthread_create(&thread, NULL, read_fifo, &reader), 0);
    assert_int_equal(isms_file_save(fifo, "hallå", 5), ISMS_OK);
    assert_int_equal(pthread_join(thread, NULL), 0);
    assert_int_equal(reader.rc, ISMS_OK);
    assert_int_equal(reader.len, 5);
    assert_memory_equal(reader.data, "hallå", 5);
    isms_free(reader.data);
    assert_int_equal(lstat(fifo, &st), 0);
    assert_true(S_ISFIFO(st.st_mode)); /* still a FIFO, not replaced by a regular file */
    unlink(fifo);
    char plain[300];
    snprintf(plain, sizeof plain, "%s/plain.txt", dir);
    assert_int_equal(isms_file_save(plain, "ett\ntvå\n", 9), ISMS_OK);
    assert_int_equal(isms_file_read(&data, &len, plain, 100), ISMS_OK);
    assert_int_equal(len, 9);
    assert_memory_equal(data, "ett\ntvå\n", 9);
    assert_int_equal(data[9], '\0');
    isms_free(data);
    assert_int_equal(isms_file_read(&data, &len, plain, 8), ISMS_ERANGE);
    assert_int_equal(isms_file_save(dir, "x", 1), ISMS_EIO); /* a directory */
    assert_non_null(strstr(isms_error_last()->message, "Is a directory"));
    char absent[320];
    snprintf(absent, sizeof absent, "%s/no-such-file.csv", dir);
    assert_int_equal(isms_file_read(&data, &len, absent, 100), ISMS_EIO);
    char want[400];
    snprintf(want, sizeof want, "cannot open \"%s\": %s", absent, strerror(ENOENT));
    assert_string_equal(isms_error_last()->message, want);
    assert_int_equal(isms_file_save(NULL, "x", 1), ISMS_EINVAL);
    unlink(plain);

    char rel[256];
    snprintf(rel, sizeof rel, "%s/relative.csv", dir);
    unlink(rel);
    rmdir(sub);
    unlink(link);
    unlink(path);
    assert_int_equal(rmdir(dir), 0);
    isms_register_free(reg);
}

/* ---- allocation failure ------------------------------------------------------------------- */

static int import_for_sweep(void **obj, const char *data, size_t len, isms_findings *notes)
{
    isms_register *reg = *obj;
    int rc = isms_register_parse_csv(&reg, data, len, "sweep.csv", NULL, notes);
    *obj = reg;
    return rc;
}

static void done_for_sweep(void *obj, isms_findings *notes)
{
    (void)notes;
    assert_true(isms_register_count(obj) > 0);
    isms_register_free(obj);
}

static void sweep_parse(const char *data, size_t len, bool with_notes)
{
    sweep_import(import_for_sweep, done_for_sweep, data, len, with_notes);
}

static void test_alloc_failure_parse(void **state)
{
    (void)state;
    size_t len;
    char *raw = slurp(ISMS_TEST_DATA "/../../examples/data/riskregister.csv", &len);
    sweep_parse(raw, len, false);
    sweep_parse(raw, len, true);
    free(raw);
    const char *files[] = { "english.csv", "windows-1252.csv", "utf8-comma-lf.csv",
                            "multiline.csv" };
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        char path[512];
        snprintf(path, sizeof path, DATA "%s", files[i]);
        raw = slurp(path, &len);
        sweep_parse(raw, len, true);
        free(raw);
    }
    const char *ids = "ID;Risk\n;A\nR1;B\n;C\n";
    sweep_parse(ids, strlen(ids), true);

    /* load_csv adds the file buffer. */
    for (long n = 1;; n++) {
        isms_register *reg = NULL;
        isms__alloc_fail_at(n);
        int rc = isms_register_load_csv(&reg, DATA "org-bom-semicolon-crlf.csv", NULL, NULL);
        bool injected = isms__alloc_failed();
        isms__alloc_fail_at(0);
        if (!injected) {
            assert_int_equal(rc, ISMS_OK);
            isms_register_free(reg);
            break;
        }
        assert_int_equal(rc, ISMS_ENOMEM);
        assert_null(reg);
    }
}

static void test_alloc_failure_write(void **state)
{
    (void)state;
    isms_register *regs[2] = { rich_register(), load("utf8-comma-lf.csv", NULL) };
    for (size_t k = 0; k < 2; k++)
        for (long n = 1;; n++) {
            char *doc = (char *)(uintptr_t)0x1;
            size_t len = 4242;
            isms__alloc_fail_at(n);
            int rc = isms_register_write_csv(&doc, &len, regs[k], ISMS_LANG_SV, 0);
            bool injected = isms__alloc_failed();
            isms__alloc_fail_at(0);
            if (!injected) {
                assert_int_equal(rc, ISMS_OK);
                isms_free(doc);
                break;
            }
            assert_int_equal(rc, ISMS_ENOMEM);
            assert_ptr_equal(doc, (char *)(uintptr_t)0x1);
            assert_int_equal(len, 4242);
        }

    /* save_csv: the old file survives every failure. */
    char dir[] = "/tmp/isms-test-csv-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[256];
    snprintf(path, sizeof path, "%s/r.csv", dir);
    write_file(path, "old");
    for (long n = 1;; n++) {
        isms__alloc_fail_at(n);
        int rc = isms_register_save_csv(path, regs[1], ISMS_LANG_SV, 0);
        bool injected = isms__alloc_failed();
        isms__alloc_fail_at(0);
        if (!injected) {
            assert_int_equal(rc, ISMS_OK);
            break;
        }
        assert_int_equal(rc, ISMS_ENOMEM);
        assert_old_file_kept(path, dir);
    }
    unlink(path);
    rmdir(dir);
    isms_register_free(regs[0]);
    isms_register_free(regs[1]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_org_bom_semicolon_crlf),
        cmocka_unit_test(test_utf8_comma_lf),
        cmocka_unit_test(test_windows_1252),
        cmocka_unit_test(test_tab_separated),
        cmocka_unit_test(test_multiline_cells),
        cmocka_unit_test(test_hyphenated_header),
        cmocka_unit_test(test_title_rows),
        cmocka_unit_test(test_json_is_not_a_table),
        cmocka_unit_test(test_separate_levels),
        cmocka_unit_test(test_english_headers),
        cmocka_unit_test(test_blank_lines),
        cmocka_unit_test(test_example_register),
        cmocka_unit_test(test_broken_files),
        cmocka_unit_test(test_broken_text),
        cmocka_unit_test(test_size_limits),
        cmocka_unit_test(test_invalid_arguments),
        cmocka_unit_test(test_generated_ids),
        cmocka_unit_test(test_column_notes),
        cmocka_unit_test(test_levels),
        cmocka_unit_test(test_other_matrices),
        cmocka_unit_test(test_export_format),
        cmocka_unit_test(test_roundtrip_all_flags),
        cmocka_unit_test(test_formula_neutralisation),
        cmocka_unit_test(test_decode),
        cmocka_unit_test(test_detect_delimiter),
        cmocka_unit_test(test_header_normalise),
        cmocka_unit_test(test_csv_read_generic),
        cmocka_unit_test(test_writer),
        cmocka_unit_test(test_atomic_save),
        cmocka_unit_test(test_alloc_failure_parse),
        cmocka_unit_test(test_alloc_failure_write),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
