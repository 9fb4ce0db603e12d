/* Unit tests of the CSV import and export of asset inventories and their relations. */
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

#define DATA ISMS_TEST_DATA "/asset/"

#define C ISMS_ASPECT_CONFIDENTIALITY
#define I ISMS_ASPECT_INTEGRITY
#define A ISMS_ASPECT_AVAILABILITY
#define S ISMS_ASPECT_TRACEABILITY
#define UNSET ISMS_CLASS_UNSET

/* ---- helpers ---------------------------------------------------------------------------- */

static isms_inventory *load_with(const char *name, isms_scheme *scheme, isms_findings *notes)
{
    char path[512];
    snprintf(path, sizeof path, DATA "%s", name);
    isms_inventory *inv = NULL;
    int rc = isms_inventory_load_csv(&inv, path, scheme, notes);
    if (rc != ISMS_OK)
        fail_msg("%s: %s", name, isms_error_last()->message);
    assert_non_null(inv);
    return inv;
}

static isms_inventory *load(const char *name, isms_findings *notes)
{
    return load_with(name, NULL, notes);
}

static void load_relations(isms_inventory *inv, const char *name, isms_findings *notes)
{
    char path[512];
    snprintf(path, sizeof path, DATA "%s", name);
    if (isms_inventory_load_relations_csv(inv, path, notes) != ISMS_OK)
        fail_msg("%s: %s", name, isms_error_last()->message);
}

static isms_inventory *parse_with(const char *text, isms_scheme *scheme, isms_findings *notes)
{
    isms_inventory *inv = NULL;
    int rc = isms_inventory_parse_csv(&inv, text, strlen(text), "test.csv", scheme, notes);
    if (rc != ISMS_OK)
        fail_msg("parse: %s\n%s", isms_error_last()->message, text);
    assert_non_null(inv);
    return inv;
}

static isms_inventory *parse(const char *text, isms_findings *notes)
{
    return parse_with(text, NULL, notes);
}

/* Parses text that must fail; checks code, line, column and a piece of the message. */
static void parse_fails_with(const char *text, isms_scheme *scheme, int code, unsigned line,
                             unsigned column, const char *needle)
{
    isms_inventory *inv = (isms_inventory *)(uintptr_t)0x1;
    int rc = isms_inventory_parse_csv(&inv, text, strlen(text), "bad.csv", scheme, NULL);
    const isms_error *e = assert_error_at(rc, code, line, column, text);
    if (!strstr(e->message, needle))
        fail_msg("expected \"%s\" in: %s", needle, e->message);
    assert_ptr_equal(inv, (isms_inventory *)(uintptr_t)0x1); /* untouched */
    if (line)
        assert_string_equal(e->source, "bad.csv");
}

static void parse_fails(const char *text, int code, unsigned line, unsigned column,
                        const char *needle)
{
    parse_fails_with(text, NULL, code, line, column, needle);
}

/* Loads a file that must fail: code, line, column and the whole message. */
static void load_fails(const char *name, int code, unsigned line, unsigned column,
                       const char *message)
{
    char path[512];
    snprintf(path, sizeof path, DATA "%s", name);
    isms_inventory *inv = NULL;
    int rc = isms_inventory_load_csv(&inv, path, NULL, NULL);
    const isms_error *e = assert_error_at(rc, code, line, column, name);
    assert_null(inv);
    assert_string_equal(e->source, path);
    if (strcmp(e->message, message) != 0)
        fail_msg("%s: message\n  \"%s\"\nexpected\n  \"%s\"", name, e->message, message);
}

/* Reads relations that must fail into `inv`: code, line, column and the whole message; the
 * inventory keeps its relations. */
static void relations_fail(isms_inventory *inv, const char *name, int code, unsigned line,
                           unsigned column, const char *message)
{
    char path[512];
    snprintf(path, sizeof path, DATA "%s", name);
    size_t before = isms_inventory_relation_count(inv);
    int rc = isms_inventory_load_relations_csv(inv, path, NULL);
    const isms_error *e = assert_error_at(rc, code, line, column, name);
    assert_string_equal(e->source, path);
    if (strcmp(e->message, message) != 0)
        fail_msg("%s: message\n  \"%s\"\nexpected\n  \"%s\"", name, e->message, message);
    assert_int_equal(isms_inventory_relation_count(inv), before);
}

static void relations_text_fail(isms_inventory *inv, const char *text, int code, unsigned line,
                                unsigned column, const char *needle)
{
    size_t before = isms_inventory_relation_count(inv);
    int rc = isms_inventory_parse_relations_csv(inv, text, strlen(text), "rel.csv", NULL);
    const isms_error *e = assert_error_at(rc, code, line, column, text);
    if (!strstr(e->message, needle))
        fail_msg("expected \"%s\" in: %s", needle, e->message);
    assert_int_equal(isms_inventory_relation_count(inv), before);
}

static const isms_asset *asset(const isms_inventory *inv, const char *id)
{
    const isms_asset *a = isms_inventory_find(inv, id);
    if (!a)
        fail_msg("no asset %s", id);
    return a;
}

/* The asset's assessed levels C, I, A, S. */
static void assert_levels(const isms_asset *a, int c, int i, int av, int s)
{
    int want[4] = { c, i, av, s };
    for (int k = 0; k < 4; k++)
        if (isms_asset_level(a, (isms_aspect)k) != want[k])
            fail_msg("%s: level %d is %d, expected %d", isms_asset_id(a), k,
                     isms_asset_level(a, (isms_aspect)k), want[k]);
}

static void assert_overrides(const isms_asset *a, int c, int i, int av, int s)
{
    int want[4] = { c, i, av, s };
    for (int k = 0; k < 4; k++)
        if (isms_asset_override(a, (isms_aspect)k) != want[k])
            fail_msg("%s: override %d is %d, expected %d", isms_asset_id(a), k,
                     isms_asset_override(a, (isms_aspect)k), want[k]);
}

static void assert_field(const isms_asset *a, isms_asset_field f, const char *text)
{
    if (strcmp(isms_asset_get(a, f), text) != 0)
        fail_msg("%s: field %d is \"%s\", expected \"%s\"", isms_asset_id(a), (int)f,
                 isms_asset_get(a, f), text);
}

static void assert_date(isms_date d, int y, int m, int day)
{
    assert_int_equal(d.year, y);
    if (y) {
        assert_int_equal(d.month, m);
        assert_int_equal(d.day, day);
    }
}

/* Relation i is "src kind dst". */
static void assert_relation(const isms_inventory *inv, size_t i, const char *src,
                            isms_relkind kind, const char *dst)
{
    isms_relation_info r;
    assert_int_equal(isms_inventory_relation(&r, inv, i), ISMS_OK);
    if (strcmp(isms_asset_id(r.src), src) || r.kind != kind || strcmp(isms_asset_id(r.dst), dst))
        fail_msg("relation %zu is %s %s %s, expected %s %s %s", i, isms_asset_id(r.src),
                 isms_relkind_name(r.kind), isms_asset_id(r.dst), src, isms_relkind_name(kind),
                 dst);
}

/* Every field of every asset is equal, in the same order; so are the relations. */
static void assert_inventories_equal(const isms_inventory *a, const isms_inventory *b)
{
    assert_string_equal(isms_scheme_name(isms_inventory_scheme(a)),
                        isms_scheme_name(isms_inventory_scheme(b)));
    assert_int_equal(isms_inventory_count(a), isms_inventory_count(b));
    for (size_t i = 0; i < isms_inventory_count(a); i++) {
        const isms_asset *x = isms_inventory_at(a, i), *y = isms_inventory_at(b, i);
        assert_string_equal(isms_asset_id(x), isms_asset_id(y));
        assert_int_equal(isms_asset_get_type(x), isms_asset_get_type(y));
        for (int f = 0; f < ISMS_ASSET_FIELDS; f++)
            assert_string_equal(isms_asset_get(x, (isms_asset_field)f),
                                isms_asset_get(y, (isms_asset_field)f));
        for (int k = 0; k < ISMS_ASPECTS; k++) {
            assert_int_equal(isms_asset_level(x, (isms_aspect)k),
                             isms_asset_level(y, (isms_aspect)k));
            assert_int_equal(isms_asset_override(x, (isms_aspect)k),
                             isms_asset_override(y, (isms_aspect)k));
        }
        assert_int_equal(isms_asset_pdata(x), isms_asset_pdata(y));
        assert_int_equal(isms_asset_special(x), isms_asset_special(y));
        assert_int_equal(isms_asset_nis(x), isms_asset_nis(y));
        assert_int_equal(isms_date_compare(isms_asset_classified(x), isms_asset_classified(y)),
                         0);
        assert_int_equal(isms_asset_classified(x).year, isms_asset_classified(y).year);
        assert_int_equal(isms_asset_interval(x), isms_asset_interval(y));
    }
    assert_int_equal(isms_inventory_relation_count(a), isms_inventory_relation_count(b));
    for (size_t i = 0; i < isms_inventory_relation_count(a); i++) {
        isms_relation_info r, s;
        assert_int_equal(isms_inventory_relation(&r, a, i), ISMS_OK);
        assert_int_equal(isms_inventory_relation(&s, b, i), ISMS_OK);
        assert_string_equal(isms_asset_id(r.src), isms_asset_id(s.src));
        assert_string_equal(isms_asset_id(r.dst), isms_asset_id(s.dst));
        assert_int_equal(r.kind, s.kind);
    }
}

/* Export (assets and relations) → import with the same scheme: the same inventory, and the
 * same export again. */
static void check_roundtrip(const void *obj, isms_lang lang, unsigned flags)
{
    const isms_inventory *inv = obj;
    char *doc = NULL, *rel = NULL;
    size_t len = 0, rlen = 0;
    assert_int_equal(isms_inventory_write_csv(&doc, &len, inv, lang, flags), ISMS_OK);
    assert_int_equal(isms_inventory_write_relations_csv(&rel, &rlen, inv, lang, flags), ISMS_OK);
    assert_int_equal(strlen(doc), len);
    assert_int_equal(strlen(rel), rlen);
    isms_inventory *back = NULL;
    isms_findings *notes = new_notes(lang);
    if (isms_inventory_parse_csv(&back, doc, len, "export.csv", isms_inventory_scheme(inv),
                                 notes) != ISMS_OK)
        fail_msg("lang %d flags %u: the export does not import: %s\n%s", lang, flags,
                 isms_error_last()->message, doc);
    if (isms_inventory_parse_relations_csv(back, rel, rlen, "relations.csv", notes) != ISMS_OK)
        fail_msg("lang %d flags %u: the relations do not import: %s\n%s", lang, flags,
                 isms_error_last()->message, rel);
    assert_int_equal(isms_findings_count(notes), 0); /* nothing ignored, nothing guessed */
    assert_inventories_equal(inv, back);
    char *doc2 = NULL, *rel2 = NULL;
    size_t len2 = 0, rlen2 = 0;
    assert_int_equal(isms_inventory_write_csv(&doc2, &len2, back, lang, flags), ISMS_OK);
    assert_int_equal(isms_inventory_write_relations_csv(&rel2, &rlen2, back, lang, flags),
                     ISMS_OK);
    assert_int_equal(len2, len);
    assert_memory_equal(doc2, doc, len);
    assert_int_equal(rlen2, rlen);
    assert_memory_equal(rel2, rel, rlen);
    isms_free(doc);
    isms_free(doc2);
    isms_free(rel);
    isms_free(rel2);
    isms_findings_free(notes);
    isms_inventory_free(back);
}

/* Both languages and every valid combination of flags. */
static void check_roundtrip_all(const isms_inventory *inv)
{
    roundtrip_all(check_roundtrip, inv);
}

/* ---- the variants that exports come in -------------------------------------------------- */

static void test_sv_excel_cp1252(void **state)
{
    (void)state;
    isms_findings *notes = new_notes(ISMS_LANG_SV);
    isms_inventory *inv = load("sv-excel-cp1252.csv", notes);
    assert_string_equal(isms_scheme_name(isms_inventory_scheme(inv)), "klassa");
    assert_int_equal(isms_inventory_count(inv), 5);
    static const char *ids[] = { "INF1", "INF2", "SYS1", "LEV1", "PL1" };
    for (size_t i = 0; i < 5; i++)
        assert_string_equal(isms_asset_id(isms_inventory_at(inv, i)), ids[i]);
    /* Only the encoding is noted: every column is read (the hyphenated owner header too). */
    assert_int_equal(isms_findings_count(notes), 1);
    assert_int_equal(count_notes(notes, "csv-encoding", NULL), 1);

    const isms_asset *a = asset(inv, "INF1");
    assert_field(a, ISMS_ASSET_NAME, "Journaler IFO");
    assert_int_equal(isms_asset_get_type(a), ISMS_ASSET_INFORMATION);
    assert_field(a, ISMS_ASSET_OWNER, "Socialnämnden");
    assert_field(a, ISMS_ASSET_DESCRIPTION, "Akter och journalanteckningar");
    assert_levels(a, 3, 3, 2, 3); /* "Allvarlig" is 3 */
    assert_overrides(a, UNSET, UNSET, UNSET, UNSET);
    assert_int_equal(isms_asset_pdata(a),
                     ISMS_PDATA_ORDINARY | ISMS_PDATA_PIN | ISMS_PDATA_SPECIAL);
    assert_int_equal(isms_asset_special(a), ISMS_SPECIAL_HEALTH);
    assert_false(isms_asset_nis(a));
    assert_date(isms_asset_classified(a), 2024, 4, 18);
    assert_int_equal(isms_asset_interval(a), 12); /* empty: the default */
    assert_field(a, ISMS_ASSET_PURPOSE, "Dokumentation enligt SoL");
    assert_field(a, ISMS_ASSET_LEGAL_BASIS, "Myndighetsutövning (art. 6.1 e)");
    assert_field(a, ISMS_ASSET_RETENTION, "5 år efter sista anteckning");
    assert_field(a, ISMS_ASSET_SUBJECTS, "");

    a = asset(inv, "INF2");
    assert_int_equal(isms_asset_get_type(a), ISMS_ASSET_INFORMATION);
    assert_levels(a, 4, 3, 2, UNSET); /* "3 - Allvarlig", "betydande" */
    assert_int_equal(isms_asset_pdata(a),
                     ISMS_PDATA_ORDINARY | ISMS_PDATA_SPECIAL | ISMS_PDATA_CRIMINAL);
    assert_int_equal(isms_asset_special(a), ISMS_SPECIAL_HEALTH | ISMS_SPECIAL_ETHNIC);
    assert_false(isms_asset_nis(a));
    assert_int_equal(isms_asset_interval(a), 12);

    a = asset(inv, "SYS1");
    assert_int_equal(isms_asset_get_type(a), ISMS_ASSET_SYSTEM);
    assert_levels(a, UNSET, UNSET, 2, UNSET);
    assert_int_equal(isms_asset_pdata(a), 0);
    assert_true(isms_asset_nis(a)); /* "x" */
    assert_date(isms_asset_classified(a), 2023, 11, 30);
    assert_int_equal(isms_asset_interval(a), 24);

    a = asset(inv, "LEV1");
    assert_int_equal(isms_asset_get_type(a), ISMS_ASSET_SUPPLIER);
    assert_field(a, ISMS_ASSET_NAME, "Nordisk Vård AB");
    assert_levels(a, UNSET, UNSET, UNSET, UNSET);
    assert_int_equal(isms_asset_pdata(a), 0); /* "Nej" */
    assert_true(isms_asset_nis(a));           /* "ja" */
    assert_date(isms_asset_classified(a), 0, 0, 0);

    a = asset(inv, "PL1");
    assert_int_equal(isms_asset_get_type(a), ISMS_ASSET_LOCATION);
    assert_levels(a, 1, 1, 4, 1); /* "Måttlig" */
    assert_date(isms_asset_classified(a), 2024, 2, 29);
    assert_int_equal(isms_asset_interval(a), 6);
    assert_true(isms_asset_nis(a));
    isms_inventory_free(inv);
    isms_findings_free(notes);
}

static void test_sv_utf8_bom(void **state)
{
    (void)state;
    isms_findings *notes = new_notes(ISMS_LANG_EN);
    isms_inventory *inv = load("sv-utf8-bom.csv", notes);
    assert_int_equal(isms_inventory_count(inv), 3);
    /* The unknown "Kommentar" column, nothing else. */
    assert_int_equal(isms_findings_count(notes), 1);
    isms_finding f = note_at(notes, "csv-ignored-column", 0);
    assert_int_equal(f.severity, ISMS_SEVERITY_INFO);
    assert_string_equal(f.message, "Column 26 (\"Kommentar\") is not recognised and was ignored.");

    const isms_asset *a = asset(inv, "INF1");
    assert_field(a, ISMS_ASSET_NAME, "Elevakter");
    assert_field(a, ISMS_ASSET_OWNER, "Barn- och utbildningsnämnden");
    assert_levels(a, 3, 2, 1, 2);
    assert_int_equal(isms_asset_pdata(a),
                     ISMS_PDATA_ORDINARY | ISMS_PDATA_PIN | ISMS_PDATA_SPECIAL);
    assert_int_equal(isms_asset_special(a), ISMS_SPECIAL_HEALTH);
    assert_false(isms_asset_nis(a));
    assert_date(isms_asset_classified(a), 2024, 3, 1);
    assert_field(a, ISMS_ASSET_PURPOSE, "Dokumentation av elevhälsa");
    assert_field(a, ISMS_ASSET_LEGAL_BASIS, "Allmänt intresse (art. 6.1 e)");
    assert_field(a, ISMS_ASSET_SUBJECTS, "Elever, vårdnadshavare");
    assert_field(a, ISMS_ASSET_DATA_CATEGORIES, "Namn, personnummer, hälsa");
    assert_field(a, ISMS_ASSET_RECIPIENTS, "Skolinspektionen");
    assert_field(a, ISMS_ASSET_TRANSFERS, "USA (supportleverantör)");
    assert_field(a, ISMS_ASSET_SAFEGUARDS, "Standardavtalsklausuler");
    assert_field(a, ISMS_ASSET_RETENTION, "Gallras efter 5 år");
    assert_field(a, ISMS_ASSET_MEASURES, "Loggning och behörighetsstyrning");
    assert_overrides(a, UNSET, UNSET, UNSET, UNSET);
    assert_field(a, ISMS_ASSET_OVERRIDE_REASON, "");

    a = asset(inv, "INF2");
    assert_levels(a, 0, 1, 1, UNSET);
    assert_int_equal(isms_asset_pdata(a), 0); /* "Inga" */
    assert_int_equal(isms_asset_interval(a), 36);

    a = asset(inv, "SYS1");
    assert_int_equal(isms_asset_get_type(a), ISMS_ASSET_SYSTEM);
    assert_true(isms_asset_nis(a));
    assert_levels(a, UNSET, UNSET, UNSET, UNSET);
    assert_overrides(a, 4, UNSET, 3, UNSET); /* "Manuell T" is tillgänglighet */
    assert_field(a, ISMS_ASSET_OVERRIDE_REASON, "Innehåller skyddade personuppgifter");
    isms_inventory_free(inv);
    isms_findings_free(notes);
}

static void test_en_comma_lf(void **state)
{
    (void)state;
    isms_findings *notes = new_notes(ISMS_LANG_EN);
    isms_inventory *inv = load("en-comma-lf.csv", notes);
    assert_int_equal(isms_findings_count(notes), 0);
    assert_int_equal(isms_inventory_count(inv), 3);

    const isms_asset *a = asset(inv, "INF1");
    assert_field(a, ISMS_ASSET_NAME, "Payroll records");
    assert_field(a, ISMS_ASSET_DESCRIPTION, "Salaries, sick leave");
    assert_levels(a, 3, 2, 1, 1); /* T next to C, I, A is traceability */
    assert_int_equal(isms_asset_pdata(a),
                     ISMS_PDATA_ORDINARY | ISMS_PDATA_PIN | ISMS_PDATA_SPECIAL);
    assert_int_equal(isms_asset_special(a), ISMS_SPECIAL_UNION | ISMS_SPECIAL_HEALTH);
    assert_false(isms_asset_nis(a));
    assert_date(isms_asset_classified(a), 2024, 5, 2);
    assert_field(a, ISMS_ASSET_LEGAL_BASIS, "Contract (art. 6.1 b)");
    assert_field(a, ISMS_ASSET_SUBJECTS, "Employees");
    assert_field(a, ISMS_ASSET_DATA_CATEGORIES, "Identity, salary, union membership");
    assert_field(a, ISMS_ASSET_RECIPIENTS, "Tax agency");
    assert_field(a, ISMS_ASSET_TRANSFERS, "None");
    assert_field(a, ISMS_ASSET_SAFEGUARDS, "");
    assert_field(a, ISMS_ASSET_RETENTION, "7 years");
    assert_field(a, ISMS_ASSET_MEASURES, "Access control");

    a = asset(inv, "SYS1");
    assert_int_equal(isms_asset_get_type(a), ISMS_ASSET_SYSTEM);
    assert_levels(a, UNSET, UNSET, 3, UNSET);
    assert_true(isms_asset_nis(a));
    assert_overrides(a, 4, UNSET, UNSET, 2); /* "Override T" is traceability */
    assert_field(a, ISMS_ASSET_OVERRIDE_REASON, "Holds bank account numbers");

    a = asset(inv, "SUP1");
    assert_int_equal(isms_asset_get_type(a), ISMS_ASSET_SUPPLIER);
    assert_int_equal(isms_asset_interval(a), 12);
    isms_inventory_free(inv);
    isms_findings_free(notes);
}

static void test_tab_full_names(void **state)
{
    (void)state;
    isms_inventory *inv = load("tab.tsv", NULL);
    assert_int_equal(isms_inventory_count(inv), 3);
    const isms_asset *a = asset(inv, "NET1");
    assert_field(a, ISMS_ASSET_NAME, "Kommunnätet");
    assert_field(a, ISMS_ASSET_OWNER, "IT-chef");
    assert_int_equal(isms_asset_get_type(a), ISMS_ASSET_NETWORK);
    assert_levels(a, 2, 3, 4, 2);
    assert_true(isms_asset_nis(a));
    a = asset(inv, "HW1");
    assert_int_equal(isms_asset_get_type(a), ISMS_ASSET_HARDWARE);
    assert_levels(a, 2, 4, 4, UNSET);
    assert_false(isms_asset_nis(a));
    a = asset(inv, "PR1");
    assert_int_equal(isms_asset_get_type(a), ISMS_ASSET_PROCESS);
    assert_levels(a, UNSET, UNSET, UNSET, UNSET);
    isms_inventory_free(inv);
}

static void test_multiline(void **state)
{
    (void)state;
    isms_inventory *inv = load("multiline.csv", NULL);
    assert_int_equal(isms_inventory_count(inv), 2);
    const isms_asset *a = asset(inv, "INF1");
    assert_field(a, ISMS_ASSET_DESCRIPTION, "Ansökningar\r\nritningar\r\nbeslut");
    assert_field(a, ISMS_ASSET_MEASURES, "Behörighet;\r\nloggning");
    assert_levels(a, 1, 2, 2, UNSET);
    assert_int_equal(isms_asset_get_type(a), ISMS_ASSET_INFORMATION); /* no type column */
    a = asset(inv, "INF2");
    assert_field(a, ISMS_ASSET_NAME, "Avtal \"ramavtal\"");
    assert_field(a, ISMS_ASSET_DESCRIPTION, "Avtal; bilagor, priser");
    assert_levels(a, 2, 2, 1, UNSET);
    isms_inventory_free(inv);

    /* A row's line is where it starts: the error for the row after a three-line cell. */
    parse_fails("ID;Namn;Beskrivning;K\r\nA1;x;\"a\r\nb\r\nc\";1\r\nA2;y;z;Hög\r\n", ISMS_EPARSE,
                5, 4, "line 5, column 4: confidentiality level \"Hög\"");
}

static void test_names_as_ids(void **state)
{
    (void)state;
    isms_findings *notes = new_notes(ISMS_LANG_SV);
    isms_inventory *inv = load("no-id.csv", notes);
    assert_int_equal(isms_inventory_count(inv), 2);
    const isms_asset *a = asset(inv, "Lönedata");
    assert_field(a, ISMS_ASSET_NAME, "Lönedata");
    assert_levels(a, 2, 2, 1, UNSET);
    assert_levels(asset(inv, "Personalakter"), 3, 2, 1, UNSET);
    assert_int_equal(isms_findings_count(notes), 1);
    isms_finding f = note_at(notes, "csv-generated-id", 0);
    assert_int_equal(f.severity, ISMS_SEVERITY_INFO);
    assert_string_equal(f.message, "Filen har ingen id-kolumn; varje tillgångs namn är dess id.");
    isms_inventory_free(inv);
    isms_findings_free(notes);

    /* The id is the trimmed name; the name is kept as written. */
    inv = parse("Namn;K\n\"  Arkivet  \";1\n", NULL);
    assert_field(asset(inv, "Arkivet"), ISMS_ASSET_NAME, "  Arkivet  ");
    isms_inventory_free(inv);

    /* Without an id column, an empty name is an error, and so is a name used twice. */
    parse_fails("Namn;K;R\nArkivet;1;1\n;2;2\n", ISMS_EPARSE, 3, 1,
                "line 3, column 1: the asset has no name, and the file has no id column");
    parse_fails("Namn;K;R\nArkivet;1;1\nArkivet;2;2\n", ISMS_EEXIST, 3, 1,
                "line 3, column 1: the id \"Arkivet\" is already used on line 2");
}

/* ---- headers ------------------------------------------------------------------------------ */

/* The table's only level (3) lands on aspect `want`. */
static void check_t(const char *text, isms_aspect want)
{
    isms_inventory *inv = parse(text, NULL);
    const isms_asset *a = isms_inventory_at(inv, 0);
    assert_non_null(a);
    for (int k = 0; k < ISMS_ASPECTS; k++)
        if ((isms_asset_level(a, (isms_aspect)k) == 3) != (k == (int)want))
            fail_msg("%s: aspect %d has level %d", text, k, isms_asset_level(a, (isms_aspect)k));
    isms_inventory_free(inv);
}

static void test_t_letter(void **state)
{
    (void)state;
    /* Swedish letters: T is tillgänglighet; English letters: T is traceability. */
    check_t("ID;K;T\nA1;;3\n", A);
    check_t("ID;R;T\nA1;;3\n", A);
    check_t("ID;K;R;T;S\nA1;;;3;\n", A);
    check_t("ID,C,I,A,T\nA1,,,,3\n", S);
    check_t("ID,C,T\nA1,,3\n", S);
    check_t("ID,I,T\nA1,,3\n", S);
    check_t("ID,A,T\nA1,,3\n", S);
    /* Letters of both: the Swedish K or R decides. */
    check_t("ID;R;C;T\nA1;;;3\n", A);
    check_t("ID;T;K\nA1;3;\n", A); /* the letters after T count too */
    check_t("ID,T,C\nA1,3,\n", S);
    /* Without letters the other aspect columns tell. */
    check_t("ID;Tillgänglighet;T\nA1;;3\n", S);
    check_t("ID;Availability;T\nA1;;3\n", S);
    check_t("ID;Spårbarhet;T\nA1;;3\n", A);
    check_t("ID;S;T\nA1;;3\n", A);
    check_t("ID;Konfidentialitet;T\nA1;;3\n", A);
    check_t("ID;Riktighet;T\nA1;;3\n", A);
    check_t("ID;Confidentiality;T\nA1;;3\n", S);
    check_t("ID;Integrity;T\nA1;;3\n", S);
    /* Header spelling does not matter. */
    check_t("id;k (0-4);t (0-4)\nA1;;3\n", A);
    /* Overrides: the prefix's language names the letter. */
    isms_inventory *inv = parse("ID;Namn;Manuell T;Override T;Manuell S;Override A\n"
                                "A1;x;1;2;3;4\n",
                                NULL);
    assert_overrides(asset(inv, "A1"), UNSET, UNSET, 1, 2);
    isms_inventory_free(inv);
    /* Nothing tells: an error at the header, naming the ways out. */
    parse_fails("ID;Namn;T\nA1;x;3\n", ISMS_EPARSE, 1, 3,
                "line 1, column 3: the column \"T\" may be tillgänglighet (availability) or "
                "traceability (spårbarhet)");
    parse_fails("ID;Konfidentialitet;Confidentiality;T\nA1;1;1;3\n", ISMS_EPARSE, 1, 4,
                "the column \"T\" may be");
    load_fails("broken-ambiguous-t.csv", ISMS_EPARSE, 1, 3,
               "line 1, column 3: the column \"T\" may be tillgänglighet (availability) or "
               "traceability (spårbarhet): name it Tillgänglighet or Spårbarhet, or use it "
               "together with K and R (Swedish) or C, I and A (English)");
}

static void test_header_aliases(void **state)
{
    (void)state;
    /* Every field under its alternative headers (case, spacing and hyphenation free). */
    const char *text =
        "Informationsklassning 2024\n"
        "objekt-id;BENÄMNING;\"Tillgångs-\ntyp\";System-ägare;Description;konfidentialitet;"
        "RIKTIGHET;Tillgänglighet;Spårbarhet;Personal data;Special categories;NIS2;"
        "Klassningsdatum;Omklassnings-intervall;Purpose;Laglig grund;Categories of data "
        "subjects;Kategorier av personuppgifter;Recipients;Third country transfers;Safeguards;"
        "Retention;Security measures;Manuell konfidentialitet;Override integrity;Manuell "
        "tillgänglighet;Override traceability;Justification\n"
        "X1;Namn;tjänst;Ägaren;Besk;1;2;3;4;personal data;health;Yes;2024-01-31;18;p;l;s;d;r;t;"
        "g;ret;m;4;3;2;1;why\n";
    isms_inventory *inv = parse(text, NULL);
    const isms_asset *a = asset(inv, "X1");
    assert_field(a, ISMS_ASSET_NAME, "Namn");
    assert_int_equal(isms_asset_get_type(a), ISMS_ASSET_SERVICE);
    assert_field(a, ISMS_ASSET_OWNER, "Ägaren");
    assert_field(a, ISMS_ASSET_DESCRIPTION, "Besk");
    assert_levels(a, 1, 2, 3, 4);
    assert_int_equal(isms_asset_pdata(a), ISMS_PDATA_ORDINARY | ISMS_PDATA_SPECIAL);
    assert_int_equal(isms_asset_special(a), ISMS_SPECIAL_HEALTH);
    assert_true(isms_asset_nis(a));
    assert_date(isms_asset_classified(a), 2024, 1, 31);
    assert_int_equal(isms_asset_interval(a), 18);
    static const char *const texts[] = { "p", "l", "s", "d", "r", "t", "g", "ret", "m" };
    for (int f = ISMS_ASSET_PURPOSE; f <= ISMS_ASSET_MEASURES; f++)
        assert_field(a, (isms_asset_field)f, texts[f - ISMS_ASSET_PURPOSE]);
    assert_overrides(a, 4, 3, 2, 1);
    assert_field(a, ISMS_ASSET_OVERRIDE_REASON, "why");
    isms_inventory_free(inv);

    /* More aliases of the brief: Id / Name / Asset / Type / Owner / Ansvarig /
     * Informationsägare / Systemägare / Samhällsviktig / Last classified / Interval. */
    inv = parse("Nr;Asset;Type;Ansvarig;C;I;A;Samhällsviktig;Last classified;Interval;"
                "Känsliga kategorier;Personuppgifter;Rättslig grund;Registrerade;Gallring;"
                "Lagringstid;Tredje land;Skyddsåtgärder;Motivering\n"
                "B1;Bredband;nät;IT;1;1;1;nej;2020-02-02;60;;nej;;;g1;;;;\n",
                NULL);
    a = asset(inv, "B1");
    assert_field(a, ISMS_ASSET_NAME, "Bredband");
    assert_int_equal(isms_asset_get_type(a), ISMS_ASSET_NETWORK);
    assert_field(a, ISMS_ASSET_OWNER, "IT");
    assert_levels(a, 1, 1, 1, UNSET);
    assert_false(isms_asset_nis(a));
    assert_int_equal(isms_asset_interval(a), 60);
    assert_field(a, ISMS_ASSET_RETENTION, "g1");
    isms_inventory_free(inv);

    /* Repeated and unknown columns are noted (a repeat as a warning) and not read; so is a
     * column without a header that holds data. */
    isms_findings *notes = new_notes(ISMS_LANG_SV);
    inv = parse("ID;K;Konfidentialitet;Anteckning;;Namn\nA1;1;3;text;mer;x\n", notes);
    assert_levels(asset(inv, "A1"), 1, UNSET, UNSET, UNSET);
    assert_int_equal(isms_findings_count(notes), 3);
    isms_finding f = note_at(notes, "csv-ignored-column", 0);
    assert_int_equal(f.severity, ISMS_SEVERITY_WARNING);
    assert_string_equal(f.message,
                        "Kolumn 3 (\"Konfidentialitet\") upprepar en tidigare kolumn och "
                        "lästes inte in.");
    f = note_at(notes, "csv-ignored-column", 1);
    assert_int_equal(f.severity, ISMS_SEVERITY_INFO);
    assert_string_equal(f.message, "Kolumn 4 (\"Anteckning\") känns inte igen och lästes inte in.");
    f = note_at(notes, "csv-ignored-column", 2);
    assert_int_equal(f.severity, ISMS_SEVERITY_WARNING);
    assert_string_equal(f.message, "Kolumn 5 saknar rubrik och lästes inte in.");
    isms_inventory_free(inv);
    isms_findings_free(notes);

    /* Rows that hold data only in columns that are not read are skipped; blank rows too. */
    inv = parse("ID;K;Anteckning\nA1;1;a\n;;bara en anteckning\n;;\n\nA2;2;\n", NULL);
    assert_int_equal(isms_inventory_count(inv), 2);
    isms_inventory_free(inv);
}

/* ---- values ------------------------------------------------------------------------------- */

static int level_of(const char *cell, isms_scheme *scheme, isms_aspect aspect)
{
    static const char *const hdr[] = { "K", "R", "Tillgänglighet", "S" };
    char text[256];
    snprintf(text, sizeof text, "ID;%s\nA1;%s\n", hdr[aspect], cell);
    isms_inventory *inv = parse_with(text, scheme, NULL);
    int v = isms_asset_level(asset(inv, "A1"), aspect);
    isms_inventory_free(inv);
    return v;
}

static void test_levels(void **state)
{
    (void)state;
    /* Numbers, names in either language and any case, number and name together. */
    assert_int_equal(level_of("0", NULL, C), 0);
    assert_int_equal(level_of(" 4 ", NULL, C), 4);
    assert_int_equal(level_of("", NULL, C), UNSET);
    assert_int_equal(level_of("  ", NULL, C), UNSET);
    assert_int_equal(level_of("Ingen eller försumbar", NULL, I), 0);
    assert_int_equal(level_of("MÅTTLIG", NULL, I), 1);
    assert_int_equal(level_of("significant", NULL, A), 2);
    assert_int_equal(level_of("Very serious", NULL, S), 4);
    assert_int_equal(level_of("3 - Allvarlig", NULL, C), 3);
    assert_int_equal(level_of("3 – Allvarlig", NULL, C), 3);
    assert_int_equal(level_of("3. Allvarlig", NULL, C), 3);
    assert_int_equal(level_of("3 (Allvarlig)", NULL, C), 3);
    assert_int_equal(level_of("1 Moderate", NULL, C), 1);

    /* What is not a level of the scale: the line, the column and the scale with its names. */
    parse_fails("ID;K\nA1;Hög\n", ISMS_EPARSE, 2, 2,
                "line 2, column 2: confidentiality level \"Hög\" is not on the scale 0–4 "
                "(Ingen eller försumbar, Måttlig, Betydande, Allvarlig, Synnerligen allvarlig / "
                "None or negligible, Moderate, Significant, Serious, Very serious)");
    parse_fails("ID;Namn;R\nA1;x;7\n", ISMS_EPARSE, 2, 3,
                "line 2, column 3: integrity level \"7\" is not on the scale 0–4");
    parse_fails("ID;Namn;R\nA1;x;-1\n", ISMS_EPARSE, 2, 3, "integrity level \"-1\"");
    parse_fails("ID;K\nA1;2 - Allvarlig\n", ISMS_EPARSE, 2, 2, "level \"2 - Allvarlig\"");
    parse_fails("ID;K\nA1;3.5\n", ISMS_EPARSE, 2, 2, "level \"3.5\"");
    parse_fails("ID;K;Manuell K\nA1;1;5\n", ISMS_EPARSE, 2, 3,
                "line 2, column 3: confidentiality override \"5\" is not on the scale 0–4");

    /* FIPS 199: its names, its scale. */
    isms_scheme *fips = NULL;
    assert_int_equal(isms_scheme_preset(&fips, "fips199"), ISMS_OK);
    assert_int_equal(level_of("High", fips, C), 3);
    assert_int_equal(level_of("2", fips, I), 2);
    parse_fails_with("ID,C\nA1,0\n", fips, ISMS_EPARSE, 2, 2,
                     "confidentiality level \"0\" is not on the scale 1–3 (");
    /* A scheme without traceability: an empty S column is fine, a level in it is not. */
    isms_inventory *inv = parse_with("ID;K;S\nA1;1;\n", fips, NULL);
    assert_levels(asset(inv, "A1"), 1, UNSET, UNSET, UNSET);
    isms_inventory_free(inv);
    parse_fails_with("ID;K;S\nA1;1;\nA2;1;2\n", fips, ISMS_EPARSE, 3, 3,
                     "line 3, column 3: the level \"2\" cannot be kept: the scheme \"fips199\" "
                     "does not classify traceability");
    parse_fails_with("ID;K;Manuell S\nA1;1;2\n", fips, ISMS_EPARSE, 2, 3,
                     "the override \"2\" cannot be kept");
    isms_scheme_free(fips);
}

static void test_values(void **state)
{
    (void)state;
    /* Types in either language, any case; empty is information. */
    isms_inventory *inv =
        parse("ID;Typ\nA1;tjänst\nA2;Supplier\nA3;\nA4;Person/roll\nA5;Övrigt\n", NULL);
    assert_int_equal(isms_asset_get_type(asset(inv, "A1")), ISMS_ASSET_SERVICE);
    assert_int_equal(isms_asset_get_type(asset(inv, "A2")), ISMS_ASSET_SUPPLIER);
    assert_int_equal(isms_asset_get_type(asset(inv, "A3")), ISMS_ASSET_INFORMATION);
    assert_int_equal(isms_asset_get_type(asset(inv, "A4")), ISMS_ASSET_PERSON);
    assert_int_equal(isms_asset_get_type(asset(inv, "A5")), ISMS_ASSET_OTHER);
    isms_inventory_free(inv);
    parse_fails("ID;Typ\nA1;Bil\n", ISMS_EPARSE, 2, 2,
                "line 2, column 2: asset type \"Bil\" is not one of Information, System, "
                "Tjänst, Process, Plats, Leverantör, Hårdvara, Nätverk, Person/roll, Övrigt "
                "(Information, System, Service, Process, Location, Supplier, Hardware, Network, "
                "Person/role, Other)");

    /* NIS: Ja / Nej / yes / no / x / empty. */
    inv = parse("ID;NIS\nA1;Ja\nA2;NEJ\nA3;yes\nA4;No\nA5;X\nA6;\n", NULL);
    static const bool nis[] = { true, false, true, false, true, false };
    for (size_t i = 0; i < 6; i++)
        assert_int_equal(isms_asset_nis(isms_inventory_at(inv, i)), nis[i]);
    isms_inventory_free(inv);
    parse_fails("ID;NIS\nA1;kanske\n", ISMS_EPARSE, 2, 2,
                "line 2, column 2: NIS relevance \"kanske\" is not one of Ja, Nej, X or empty "
                "(Yes, No)");

    /* Personal data and special categories: lists, in either language. */
    inv = parse("ID;Personuppgifter;Känsliga personuppgifter\n"
                "A1;Personuppgifter / personnummer;\n"
                "A2;art. 10;\n"
                "A3;;Biometriska uppgifter, sexualliv\n"
                "A4;inga;inga\n",
                NULL);
    assert_int_equal(isms_asset_pdata(asset(inv, "A1")), ISMS_PDATA_ORDINARY | ISMS_PDATA_PIN);
    assert_int_equal(isms_asset_pdata(asset(inv, "A2")), ISMS_PDATA_CRIMINAL);
    assert_int_equal(isms_asset_pdata(asset(inv, "A3")), ISMS_PDATA_SPECIAL);
    assert_int_equal(isms_asset_special(asset(inv, "A3")),
                     ISMS_SPECIAL_BIOMETRIC | ISMS_SPECIAL_SEX_LIFE);
    assert_int_equal(isms_asset_pdata(asset(inv, "A4")), 0);
    assert_int_equal(isms_asset_special(asset(inv, "A4")), 0);
    isms_inventory_free(inv);
    parse_fails("ID;Personuppgifter\nA1;personuppgifter, skonummer\n", ISMS_EPARSE, 2, 2,
                "line 2, column 2: personal data \"skonummer\" is not understood");
    parse_fails("ID;Särskilda kategorier\nA1;\"hälsa; hårfärg\"\n", ISMS_EPARSE, 2, 2,
                "line 2, column 2: special category \"hårfärg\" is not understood");

    /* Dates are ISO; the message says why. */
    parse_fails("ID;Senast klassad\nA1;2023-02-29\n", ISMS_EPARSE, 2, 2,
                "line 2, column 2: the date last classified \"2023-02-29\" is not a date "
                "YYYY-MM-DD (");
    parse_fails("ID;Senast klassad\nA1;1 mars 2024\n", ISMS_EPARSE, 2, 2,
                "the date last classified \"1 mars 2024\"");

    /* Intervals: whole months, 1–120. */
    inv = parse("ID;Intervall\nA1;1\nA2;120\nA3; 6 \n", NULL);
    assert_int_equal(isms_asset_interval(asset(inv, "A1")), 1);
    assert_int_equal(isms_asset_interval(asset(inv, "A2")), 120);
    assert_int_equal(isms_asset_interval(asset(inv, "A3")), 6);
    isms_inventory_free(inv);
    static const char *const bad[] = { "0", "121", "tolv", "12 mån", "1.5" };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        char text[128];
        snprintf(text, sizeof text, "ID;Intervall\nA1;%s\n", bad[i]);
        parse_fails(text, ISMS_EPARSE, 2, 2,
                    "is not a whole number of months from 1 to 120");
    }

    /* Ids are trimmed; an empty id is an error. */
    inv = parse("ID;Namn\n  A1 ;x\n", NULL);
    assert_non_null(isms_inventory_find(inv, "A1"));
    isms_inventory_free(inv);
    parse_fails("ID;Namn;K\nA1;x;1\n;y;2\n", ISMS_EPARSE, 3, 1,
                "line 3, column 1: the asset has no id (the id column is empty)");

    /* Long cells are cut in messages. */
    char text[512] = "ID;K\nA1;";
    for (int i = 0; i < 100; i++)
        strcat(text, "x");
    strcat(text, "\n");
    parse_fails(text, ISMS_EPARSE, 2, 2,
                "\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…\" is not on");
}

/* ---- broken files ------------------------------------------------------------------------- */

static void test_broken_files(void **state)
{
    (void)state;
    load_fails("broken-level.csv", ISMS_EPARSE, 3, 5,
               "line 3, column 5: confidentiality level \"Hög\" is not on the scale 0–4 "
               "(Ingen eller försumbar, Måttlig, Betydande, Allvarlig, Synnerligen allvarlig / "
               "None or negligible, Moderate, Significant, Serious, Very serious)");
    load_fails("broken-type.csv", ISMS_EPARSE, 3, 3,
               "line 3, column 3: asset type \"Bil\" is not one of Information, System, "
               "Tjänst, Process, Plats, Leverantör, Hårdvara, Nätverk, Person/roll, Övrigt "
               "(Information, System, Service, Process, Location, Supplier, Hardware, Network, "
               "Person/role, Other)");
    load_fails("broken-duplicate-id.csv", ISMS_EEXIST, 4, 1,
               "line 4, column 1: the id \"INF1\" is already used on line 2");
}

static void test_broken_text(void **state)
{
    (void)state;
    parse_fails("", ISMS_EPARSE, 1, 0, "line 1: the file is empty; expected a header row");
    parse_fails("Lista\nnågot;annat\n", ISMS_EPARSE, 1, 0,
                "line 1: no header row found; expected columns such as ID, Namn, Typ");
    parse_fails("K;R;T\n1;2;3\n", ISMS_EPARSE, 1, 0,
                "line 1: the header row has no id column (ID, Nr, Objekt-ID) or name column");
    parse_fails("ID;Namn\nA1;\"öppen\n", ISMS_EPARSE, 2, 2, "not closed");
    parse_fails("ID;Namn\nA1;x\"y\n", ISMS_EPARSE, 2, 2, "a quote");
    /* The first error in file order wins. */
    parse_fails("ID;Typ;K\nA1;Bil;Hög\nA1;x;1\n", ISMS_EPARSE, 2, 2, "asset type \"Bil\"");
    /* Title rows above the header: lines count from the top of the file. */
    parse_fails("Klassning\n\nID;K\nA1;9\n", ISMS_EPARSE, 4, 2, "line 4, column 2");
}

static void test_invalid_arguments(void **state)
{
    (void)state;
    isms_inventory *inv = NULL;
    assert_int_equal(isms_inventory_parse_csv(NULL, "x", 1, NULL, NULL, NULL), ISMS_EINVAL);
    assert_int_equal(isms_inventory_parse_csv(&inv, NULL, 1, NULL, NULL, NULL), ISMS_EINVAL);
    assert_int_equal(isms_inventory_load_csv(NULL, "x", NULL, NULL), ISMS_EINVAL);
    assert_int_equal(isms_inventory_load_csv(&inv, NULL, NULL, NULL), ISMS_EINVAL);
    assert_int_equal(isms_inventory_load_csv(&inv, DATA "no-such-file.csv", NULL, NULL),
                     ISMS_EIO);
    assert_null(inv);
    assert_int_equal(isms_inventory_parse_csv(&inv, "x", ISMS_CSV_MAX_INPUT + 1u, NULL, NULL,
                                              NULL),
                     ISMS_ERANGE);
    assert_null(inv);
    /* NULL data with length 0 is an empty file. */
    assert_int_equal(isms_inventory_parse_csv(&inv, NULL, 0, NULL, NULL, NULL), ISMS_EPARSE);

    inv = load("en-comma-lf.csv", NULL);
    assert_int_equal(isms_inventory_parse_relations_csv(NULL, "x", 1, NULL, NULL), ISMS_EINVAL);
    assert_int_equal(isms_inventory_parse_relations_csv(inv, NULL, 1, NULL, NULL), ISMS_EINVAL);
    assert_int_equal(isms_inventory_load_relations_csv(NULL, "x", NULL), ISMS_EINVAL);
    assert_int_equal(isms_inventory_load_relations_csv(inv, NULL, NULL), ISMS_EINVAL);
    assert_int_equal(isms_inventory_load_relations_csv(inv, DATA "no-such-file.csv", NULL),
                     ISMS_EIO);
    assert_int_equal(isms_inventory_parse_relations_csv(inv, "x", ISMS_CSV_MAX_INPUT + 1u,
                                                        NULL, NULL),
                     ISMS_ERANGE);

    char *doc = (char *)(uintptr_t)0x1;
    size_t len = 7;
    assert_int_equal(isms_inventory_write_csv(NULL, &len, inv, ISMS_LANG_SV, 0), ISMS_EINVAL);
    assert_int_equal(isms_inventory_write_csv(&doc, &len, NULL, ISMS_LANG_SV, 0), ISMS_EINVAL);
    assert_int_equal(isms_inventory_write_csv(&doc, &len, inv, (isms_lang)7, 0), ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "isms_inventory_write_csv: unknown language 7");
    assert_int_equal(isms_inventory_write_csv(&doc, &len, inv, ISMS_LANG_SV,
                                              ISMS_CSV_COMMA | ISMS_CSV_TAB),
                     ISMS_EINVAL);
    assert_int_equal(isms_inventory_write_csv(&doc, &len, inv, ISMS_LANG_SV, 64), ISMS_EINVAL);
    assert_int_equal(isms_inventory_write_relations_csv(NULL, &len, inv, ISMS_LANG_SV, 0),
                     ISMS_EINVAL);
    assert_int_equal(isms_inventory_write_relations_csv(&doc, &len, NULL, ISMS_LANG_SV, 0),
                     ISMS_EINVAL);
    assert_int_equal(isms_inventory_write_relations_csv(&doc, &len, inv, (isms_lang)2, 0),
                     ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "isms_inventory_write_relations_csv: unknown language 2");
    assert_int_equal(isms_inventory_write_relations_csv(&doc, &len, inv, ISMS_LANG_SV, 32),
                     ISMS_EINVAL);
    assert_ptr_equal(doc, (char *)(uintptr_t)0x1);
    assert_int_equal(len, 7);
    assert_int_equal(isms_inventory_save_csv(NULL, inv, ISMS_LANG_SV, 0), ISMS_EINVAL);
    assert_int_equal(isms_inventory_save_csv("/tmp/x.csv", NULL, ISMS_LANG_SV, 0), ISMS_EINVAL);
    assert_int_equal(isms_inventory_save_csv("/tmp/isms-never.csv", inv, ISMS_LANG_SV, 64),
                     ISMS_EINVAL);
    assert_int_equal(isms_inventory_save_relations_csv(NULL, inv, ISMS_LANG_SV, 0), ISMS_EINVAL);
    assert_int_equal(isms_inventory_save_relations_csv("/tmp/x.csv", NULL, ISMS_LANG_SV, 0),
                     ISMS_EINVAL);
    assert_int_equal(isms_inventory_save_relations_csv("/tmp/isms-never.csv", inv,
                                                       (isms_lang)9, 0),
                     ISMS_EINVAL);
    assert_int_equal(access("/tmp/isms-never.csv", F_OK), -1);
    isms_inventory_free(inv);
}

/* ---- relations ---------------------------------------------------------------------------- */

static void test_relations_files(void **state)
{
    (void)state;
    isms_findings *notes = new_notes(ISMS_LANG_SV);
    isms_inventory *inv = load("sv-utf8-bom.csv", NULL);
    load_relations(inv, "relations-sv.csv", notes);
    assert_int_equal(isms_findings_count(notes), 0);
    assert_int_equal(isms_inventory_relation_count(inv), 3);
    assert_relation(inv, 0, "SYS1", ISMS_REL_PROCESSES, "INF1");
    assert_relation(inv, 1, "SYS1", ISMS_REL_PROCESSES, "INF2");
    assert_relation(inv, 2, "INF2", ISMS_REL_STORED_AT, "SYS1");
    isms_inventory_free(inv);

    /* Windows-1252, a title row, Källa / Typ / Mål and Swedish kinds with diacritics. */
    inv = load("sv-utf8-bom.csv", NULL);
    load_relations(inv, "relations-cp1252.csv", notes);
    assert_int_equal(isms_findings_count(notes), 1);
    assert_int_equal(count_notes(notes, "csv-encoding", NULL), 1);
    assert_int_equal(isms_inventory_relation_count(inv), 3);
    assert_relation(inv, 0, "INF1", ISMS_REL_DEPENDS_ON, "SYS1");
    assert_relation(inv, 1, "SYS1", ISMS_REL_SUPPORTS, "INF2");
    assert_relation(inv, 2, "INF2", ISMS_REL_STORED_AT, "SYS1");
    /* A relation that the inventory already has. */
    relations_fail(inv, "relations-sv.csv", ISMS_EEXIST, 5, 1,
                   "line 5, column 1: the relation \"INF2 stored_at SYS1\" is already in the "
                   "inventory");
    isms_inventory_free(inv);
    isms_findings_free(notes);

    /* English, comma, LF, an extra column. */
    notes = new_notes(ISMS_LANG_EN);
    inv = load("en-comma-lf.csv", NULL);
    load_relations(inv, "relations-en.csv", notes);
    assert_int_equal(isms_findings_count(notes), 1);
    assert_string_equal(note_at(notes, "csv-ignored-column", 0).message,
                        "Column 4 (\"Note\") is not recognised and was ignored.");
    assert_int_equal(isms_inventory_relation_count(inv), 4);
    assert_relation(inv, 0, "SYS1", ISMS_REL_PROCESSES, "INF1");
    assert_relation(inv, 1, "SUP1", ISMS_REL_OPERATES, "SYS1");
    assert_relation(inv, 2, "INF1", ISMS_REL_DEPENDS_ON, "SYS1");
    assert_relation(inv, 3, "SYS1", ISMS_REL_SUPPORTS, "SUP1");
    isms_inventory_free(inv);
    isms_findings_free(notes);

    /* Relations are added after those the inventory has; ids are trimmed; any header
     * spelling. */
    inv = parse("ID;Namn\nA;a\nB;b\nC;c\n", NULL);
    assert_int_equal(isms_inventory_link(inv, "A", "B", ISMS_REL_SUPPORTS), ISMS_OK);
    const char *rel = "from,relation type,to\n C ,Driftar,A\nB, stored in ,C\n";
    assert_int_equal(isms_inventory_parse_relations_csv(inv, rel, strlen(rel), NULL, NULL),
                     ISMS_OK);
    assert_int_equal(isms_inventory_relation_count(inv), 3);
    assert_relation(inv, 0, "A", ISMS_REL_SUPPORTS, "B");
    assert_relation(inv, 1, "C", ISMS_REL_OPERATES, "A");
    assert_relation(inv, 2, "B", ISMS_REL_STORED_AT, "C");
    /* A header only: nothing added. */
    rel = "Från;Relation;Till\n";
    assert_int_equal(isms_inventory_parse_relations_csv(inv, rel, strlen(rel), NULL, NULL),
                     ISMS_OK);
    assert_int_equal(isms_inventory_relation_count(inv), 3);
    isms_inventory_free(inv);
}

static void test_relations_broken(void **state)
{
    (void)state;
    isms_inventory *inv = load("sv-utf8-bom.csv", NULL);
    relations_fail(inv, "broken-relation-kind.csv", ISMS_EPARSE, 3, 2,
                   "line 3, column 2: relation \"äger\" is not one of processes, supports, "
                   "depends_on, stored_at, operates (behandlar, stödjer, är beroende av, "
                   "lagras i, driftar)");
    relations_fail(inv, "broken-relation-missing.csv", ISMS_ENOTFOUND, 3, 3,
                   "line 3, column 3: the inventory has no asset with the id \"INF9\" (the "
                   "relation's destination)");
    relations_fail(inv, "broken-relation-duplicate.csv", ISMS_EEXIST, 4, 1,
                   "line 4, column 1: the relation \"SYS1 processes INF1\" is already on line 2");
    assert_int_equal(isms_inventory_relation_count(inv), 0);

    relations_text_fail(inv, "Från;Relation;Till\nINF9;behandlar;INF1\n", ISMS_ENOTFOUND, 2, 1,
                        "the inventory has no asset with the id \"INF9\" (the relation's "
                        "source)");
    relations_text_fail(inv, "Från;Relation;Till\nSYS1;behandlar;SYS1\n", ISMS_EPARSE, 2, 3,
                        "line 2, column 3: the asset \"SYS1\" cannot be related to itself");
    relations_text_fail(inv, "Från;Relation;Till\nSYS1;;INF1\n", ISMS_EPARSE, 2, 2,
                        "line 2, column 2: relation \"\" is not one of processes");
    relations_text_fail(inv, "Från;Relation;Till\n;behandlar;INF1\n", ISMS_EPARSE, 2, 1,
                        "line 2, column 1: the relation has no source id");
    relations_text_fail(inv, "Från;Relation;Till\nSYS1;behandlar;\n", ISMS_EPARSE, 2, 3,
                        "line 2, column 3: the relation has no destination id");
    relations_text_fail(inv, "Från;Till\nSYS1;INF1\n", ISMS_EPARSE, 1, 0,
                        "line 1: the header row has no relation column (Relation, Typ or Kind)");
    relations_text_fail(inv, "Från;Relation\nSYS1;behandlar\n", ISMS_EPARSE, 1, 0,
                        "line 1: the header row has no destination column");
    relations_text_fail(inv, "Relation;Till\nbehandlar;INF1\n", ISMS_EPARSE, 1, 0,
                        "line 1: the header row has no source column");
    relations_text_fail(inv, "a;b;c\n", ISMS_EPARSE, 1, 0,
                        "line 1: no header row found; expected columns such as Från, "
                        "Relation, Till");
    relations_text_fail(inv, "", ISMS_EPARSE, 1, 0, "line 1: the file is empty");
    /* An error after good rows: none of them stay. */
    relations_text_fail(inv,
                        "Från;Relation;Till\nSYS1;behandlar;INF1\nSYS1;behandlar;INF2\n"
                        "INF1;lagras i;XYZ\n",
                        ISMS_ENOTFOUND, 4, 3, "line 4, column 3");
    assert_int_equal(isms_inventory_relation_count(inv), 0);
    isms_inventory_free(inv);
}

/* The effective confidentiality of an asset after classification. */
static int effective(const isms_inventory *inv, const char *id)
{
    isms_provenance p;
    assert_int_equal(isms_asset_effective(&p, asset(inv, id), C), ISMS_OK);
    return p.level;
}

static void test_relations_all_or_none(void **state)
{
    (void)state;
    /* A failed import leaves even the results of the last classification. */
    isms_inventory *inv = load("sv-utf8-bom.csv", NULL);
    assert_int_equal(isms_inventory_link(inv, "SYS1", "INF1", ISMS_REL_PROCESSES), ISMS_OK);
    assert_int_equal(isms_inventory_classify(inv), ISMS_OK);
    assert_int_equal(effective(inv, "SYS1"), 4); /* the override */
    assert_int_equal(effective(inv, "INF2"), 0);
    isms_findings *notes = notes_with_earlier(ISMS_LANG_SV);
    const char *bad = "Fr\xe5n;Relation;Till;Extra\n"
                      "INF2;lagras i;SYS1;x\n"
                      "INF1;f\xf6rst\xf6r;SYS1;\n";
    assert_int_equal(isms_inventory_parse_relations_csv(inv, bad, strlen(bad), "bad.csv", notes),
                     ISMS_EPARSE);
    assert_error(ISMS_EPARSE, "line 3, column 2: relation \"förstör\"");
    assert_only_earlier(notes); /* the notes (encoding, extra column) are not added */
    assert_int_equal(isms_inventory_relation_count(inv), 1);
    assert_int_equal(effective(inv, "SYS1"), 4); /* still classified */
    assert_int_equal(effective(inv, "INF2"), 0);
    isms_inventory_summary sum;
    assert_int_equal(isms_inventory_summarise(&sum, inv), ISMS_OK);

    /* Nothing added: the classification stays too. */
    const char *empty = "Från;Relation;Till\n\n";
    assert_int_equal(isms_inventory_parse_relations_csv(inv, empty, strlen(empty), NULL, notes),
                     ISMS_OK);
    assert_int_equal(effective(inv, "INF2"), 0);

    /* A relation added: the classification is out of date, as after isms_inventory_link(). */
    const char *good = "Från;Relation;Till\nSYS1;behandlar;INF2\n";
    assert_int_equal(isms_inventory_parse_relations_csv(inv, good, strlen(good), NULL, notes),
                     ISMS_OK);
    assert_int_equal(isms_inventory_relation_count(inv), 2);
    assert_int_equal(effective(inv, "INF2"), UNSET);
    assert_int_equal(isms_inventory_summarise(&sum, inv), ISMS_EINVAL);
    assert_int_equal(isms_inventory_classify(inv), ISMS_OK);
    assert_int_equal(effective(inv, "INF2"), 0);
    isms_findings_free(notes);
    isms_inventory_free(inv);
}

/* ---- export ------------------------------------------------------------------------------- */

/* A small inventory with every field of its first asset set. */
static isms_inventory *small_inventory(void)
{
    isms_inventory *inv = NULL;
    assert_int_equal(isms_inventory_new(&inv, NULL), ISMS_OK);
    isms_asset *a = NULL;
    assert_int_equal(isms_inventory_add(&a, inv, "A1", "Lönedata", ISMS_ASSET_INFORMATION),
                     ISMS_OK);
    assert_int_equal(isms_asset_set(a, ISMS_ASSET_OWNER, "HR"), ISMS_OK);
    assert_int_equal(isms_asset_set(a, ISMS_ASSET_DESCRIPTION, "Lön; sjukfrånvaro"), ISMS_OK);
    int lv[4] = { 3, 2, 1, 0 };
    for (int k = 0; k < 4; k++)
        assert_int_equal(isms_asset_set_level(a, (isms_aspect)k, lv[k]), ISMS_OK);
    assert_int_equal(isms_asset_set_pdata(a, ISMS_PDATA_ORDINARY | ISMS_PDATA_PIN,
                                          ISMS_SPECIAL_HEALTH | ISMS_SPECIAL_UNION),
                     ISMS_OK);
    assert_int_equal(isms_asset_set_classified(a, (isms_date){ 2024, 3, 1 }), ISMS_OK);
    assert_int_equal(isms_asset_set_interval(a, 24), ISMS_OK);
    static const char *const texts[] = { "Lön", "Avtal", "Anställda", "Lön, hälsa", "SKV",
                                         "Nej", "-", "10 år", "Behörighet" };
    for (int f = ISMS_ASSET_PURPOSE; f <= ISMS_ASSET_MEASURES; f++)
        assert_int_equal(isms_asset_set(a, (isms_asset_field)f, texts[f - ISMS_ASSET_PURPOSE]),
                         ISMS_OK);
    assert_int_equal(isms_inventory_add(&a, inv, "S1", "Lönesystem", ISMS_ASSET_SYSTEM), ISMS_OK);
    isms_asset_set_nis(a, true);
    assert_int_equal(isms_asset_set_override(a, C, 4), ISMS_OK);
    assert_int_equal(isms_asset_set_override(a, S, 1), ISMS_OK);
    assert_int_equal(isms_asset_set(a, ISMS_ASSET_OVERRIDE_REASON, "Skyddad identitet"), ISMS_OK);
    assert_int_equal(isms_inventory_add(NULL, inv, "L1", "Molnleverantören", ISMS_ASSET_SUPPLIER),
                     ISMS_OK);
    assert_int_equal(isms_inventory_link(inv, "S1", "A1", ISMS_REL_PROCESSES), ISMS_OK);
    assert_int_equal(isms_inventory_link(inv, "A1", "S1", ISMS_REL_DEPENDS_ON), ISMS_OK);
    assert_int_equal(isms_inventory_link(inv, "L1", "S1", ISMS_REL_OPERATES), ISMS_OK);
    return inv;
}

static void test_export_format(void **state)
{
    (void)state;
    isms_inventory *inv = small_inventory();
    char *doc = NULL;
    size_t len = 0;
    assert_int_equal(isms_inventory_write_csv(&doc, &len, inv, ISMS_LANG_SV, 0), ISMS_OK);
    assert_int_equal(strlen(doc), len);
    const char *sv =
        "\xEF\xBB\xBF"
        "ID;Namn;Typ;Ägare;Beskrivning;K;R;T;S;Personuppgifter;Känsliga personuppgifter;NIS;"
        "Senast klassad;Intervall (månader);Ändamål;Rättslig grund;Registrerade;"
        "Personuppgiftskategorier;Mottagare;Tredje land;Skyddsåtgärder;Gallring;"
        "Säkerhetsåtgärder;Manuell K;Manuell R;Manuell T;Manuell S;Motivering\r\n"
        "A1;Lönedata;Information;HR;\"Lön; sjukfrånvaro\";3;2;1;0;\"Personuppgifter, Känsliga "
        "personuppgifter (art. 9), Personnummer\";\"Medlemskap i fackförening, Hälsa\";Nej;"
        "2024-03-01;24;Lön;Avtal;Anställda;\"Lön, hälsa\";SKV;Nej;'-;10 år;Behörighet;;;;;\r\n"
        "S1;Lönesystem;System;;;;;;;;;Ja;;12;;;;;;;;;;4;;;1;Skyddad identitet\r\n"
        "L1;Molnleverantören;Leverantör;;;;;;;;;Nej;;12;;;;;;;;;;;;;;\r\n";
    assert_string_equal(doc, sv);
    isms_free(doc);

    assert_int_equal(isms_inventory_write_csv(&doc, &len, inv, ISMS_LANG_EN,
                                              ISMS_CSV_COMMA | ISMS_CSV_NO_BOM | ISMS_CSV_LF),
                     ISMS_OK);
    const char *en =
        "ID,Name,Type,Owner,Description,C,I,A,T,Personal data,Special categories,NIS,"
        "Last classified,Interval (months),Purpose,Legal basis,Data subjects,"
        "Categories of personal data,Recipients,Third-country transfers,Safeguards,Retention,"
        "Security measures,Override C,Override I,Override A,Override T,Justification\n"
        "A1,Lönedata,Information,HR,\"Lön; sjukfrånvaro\",3,2,1,0,\"Personal data, Special "
        "categories (art. 9), Personal identity numbers\",\"Trade union membership, Health\",No,"
        "2024-03-01,24,Lön,Avtal,Anställda,\"Lön, hälsa\",SKV,Nej,'-,10 år,Behörighet,,,,,\n"
        "S1,Lönesystem,System,,,,,,,,,Yes,,12,,,,,,,,,,4,,,1,Skyddad identitet\n"
        "L1,Molnleverantören,Supplier,,,,,,,,,No,,12,,,,,,,,,,,,,,\n";
    assert_string_equal(doc, en);
    isms_free(doc);

    /* Relations: Swedish forms in Swedish, the names in English. */
    assert_int_equal(isms_inventory_write_relations_csv(&doc, &len, inv, ISMS_LANG_SV,
                                                        ISMS_CSV_NO_BOM),
                     ISMS_OK);
    assert_string_equal(doc, "Från;Relation;Till\r\nS1;behandlar;A1\r\nA1;är beroende av;S1\r\n"
                             "L1;driftar;S1\r\n");
    assert_int_equal(strlen(doc), len);
    isms_free(doc);
    assert_int_equal(isms_inventory_write_relations_csv(&doc, NULL, inv, ISMS_LANG_EN,
                                                        ISMS_CSV_TAB | ISMS_CSV_LF),
                     ISMS_OK);
    assert_string_equal(doc, "\xEF\xBB\xBF" "From\tKind\tTo\nS1\tprocesses\tA1\n"
                             "A1\tdepends_on\tS1\nL1\toperates\tS1\n");
    isms_free(doc);
    isms_inventory_free(inv);

    /* A scheme without traceability has no S columns; an empty inventory is its header. */
    isms_scheme *cia = NULL;
    assert_int_equal(isms_scheme_preset(&cia, "klassa-cia"), ISMS_OK);
    assert_int_equal(isms_inventory_new(&inv, cia), ISMS_OK);
    isms_scheme_free(cia);
    assert_int_equal(isms_inventory_write_csv(&doc, NULL, inv, ISMS_LANG_SV, ISMS_CSV_NO_BOM |
                                                                           ISMS_CSV_LF),
                     ISMS_OK);
    assert_string_equal(doc, "ID;Namn;Typ;Ägare;Beskrivning;K;R;T;Personuppgifter;"
                             "Känsliga personuppgifter;NIS;Senast klassad;Intervall (månader);"
                             "Ändamål;Rättslig grund;Registrerade;Personuppgiftskategorier;"
                             "Mottagare;Tredje land;Skyddsåtgärder;Gallring;Säkerhetsåtgärder;"
                             "Manuell K;Manuell R;Manuell T;Motivering\n");
    isms_free(doc);
    assert_int_equal(isms_inventory_write_relations_csv(&doc, NULL, inv, ISMS_LANG_EN,
                                                        ISMS_CSV_NO_BOM | ISMS_CSV_LF),
                     ISMS_OK);
    assert_string_equal(doc, "From;Kind;To\n");
    isms_free(doc);
    isms_inventory_free(inv);
}

/* An inventory that uses every value: each type, every personal-data combination, every
 * special category, every relation kind, text that needs quoting. */
static isms_inventory *rich_inventory(isms_scheme *scheme)
{
    isms_inventory *inv = NULL;
    assert_int_equal(isms_inventory_new(&inv, scheme), ISMS_OK);
    const isms_scheme *s = isms_inventory_scheme(inv);
    char id[32], name[64];
    for (int i = 0; i < 32; i++) {
        snprintf(id, sizeof id, "X%d", i);
        snprintf(name, sizeof name, i % 3 ? "Tillgång %d" : "Tillgång \"%d\";, med\nrad", i);
        isms_asset *a = NULL;
        assert_int_equal(isms_inventory_add(&a, inv, id, name,
                                            (isms_asset_type)(i % ISMS_ASSET_TYPES)),
                         ISMS_OK);
        for (int k = 0; k < ISMS_ASPECTS; k++) {
            size_t n = isms_scheme_level_count(s, (isms_aspect)k);
            if (!n || (i + k) % 5 == 4)
                continue;
            isms_class_level lv;
            assert_int_equal(isms_scheme_level(&lv, s, (isms_aspect)k, (size_t)(i + k) % n),
                             ISMS_OK);
            assert_int_equal(isms_asset_set_level(a, (isms_aspect)k, lv.value), ISMS_OK);
            if ((i + k) % 7 == 0) {
                assert_int_equal(isms_scheme_level(&lv, s, (isms_aspect)k, n - 1), ISMS_OK);
                assert_int_equal(isms_asset_set_override(a, (isms_aspect)k, lv.value), ISMS_OK);
            }
        }
        unsigned special = i >= 16 ? (1u << (i % 8)) | (i % 5 ? 0u : 0xF0u) : 0;
        assert_int_equal(isms_asset_set_pdata(a, (unsigned)(i % 16), special), ISMS_OK);
        isms_asset_set_nis(a, i % 4 == 1);
        if (i % 3)
            assert_int_equal(isms_asset_set_classified(a, (isms_date){ 2020 + i % 5, 1 + i % 12,
                                                                       1 + i % 28 }),
                             ISMS_OK);
        assert_int_equal(isms_asset_set_interval(a, 1 + (i * 7) % 120), ISMS_OK);
        for (int f = ISMS_ASSET_OWNER; f < ISMS_ASSET_FIELDS; f++) {
            if ((i + f) % 4 == 0)
                continue;
            char text[96];
            snprintf(text, sizeof text, (i + f) % 3 ? "Fält %d av %s" : " fält, %d\r\n; %s ", f,
                     id);
            assert_int_equal(isms_asset_set(a, (isms_asset_field)f, text), ISMS_OK);
        }
    }
    for (int i = 0; i < 31; i++) {
        char src[32], dst[32];
        snprintf(src, sizeof src, "X%d", i);
        snprintf(dst, sizeof dst, "X%d", (i * 5 + 3) % 32 == i ? (i + 1) % 32 : (i * 5 + 3) % 32);
        assert_int_equal(isms_inventory_link(inv, src, dst, (isms_relkind)(i % 5)), ISMS_OK);
    }
    return inv;
}

static void test_roundtrip(void **state)
{
    (void)state;
    /* Every file, assets and relations, both languages, every flag combination. */
    static const struct {
        const char *assets, *relations;
    } files[] = {
        { "sv-excel-cp1252.csv", NULL },      { "sv-utf8-bom.csv", "relations-sv.csv" },
        { "sv-utf8-bom.csv", "relations-cp1252.csv" },
        { "en-comma-lf.csv", "relations-en.csv" },
        { "tab.tsv", NULL },                  { "multiline.csv", NULL },
        { "no-id.csv", NULL },
    };
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        isms_inventory *inv = load(files[i].assets, NULL);
        if (files[i].relations)
            load_relations(inv, files[i].relations, NULL);
        check_roundtrip_all(inv);
        isms_inventory_free(inv);
    }

    /* Every value of every field, on each preset scheme. */
    static const char *const schemes[] = { "klassa", "klassa-cia", "fips199" };
    for (size_t i = 0; i < 3; i++) {
        isms_scheme *s = NULL;
        assert_int_equal(isms_scheme_preset(&s, schemes[i]), ISMS_OK);
        isms_inventory *inv = rich_inventory(s);
        isms_scheme_free(s);
        check_roundtrip_all(inv);
        isms_inventory_free(inv);
    }
    isms_inventory *inv = small_inventory();
    check_roundtrip_all(inv);
    isms_inventory_free(inv);
}

static void test_formula_neutralisation(void **state)
{
    (void)state;
    static const char *cells[] = { "=SUMMA(A1:A3)", "+46 8 123 45", "-", "@ansvarig",
                                   "'=redan skyddad", "''+två", "\tTab först", "\rCR först",
                                   "'inte en formel", "=cmd|' /C calc'!A0" };
    size_t n = sizeof cells / sizeof *cells;
    isms_inventory *inv = NULL;
    assert_int_equal(isms_inventory_new(&inv, NULL), ISMS_OK);
    for (size_t i = 0; i < n; i++) {
        /* Ids are trimmed: the ones that start with white space get a letter first. */
        char id[64];
        snprintf(id, sizeof id, "%s%s", cells[i][0] == '\t' || cells[i][0] == '\r' ? "x" : "",
                 cells[i]);
        isms_asset *a = NULL;
        assert_int_equal(isms_inventory_add(&a, inv, id, cells[(i + 1) % n],
                                            ISMS_ASSET_INFORMATION),
                         ISMS_OK);
        for (int f = ISMS_ASSET_OWNER; f < ISMS_ASSET_FIELDS; f++)
            assert_int_equal(isms_asset_set(a, (isms_asset_field)f, cells[(i + (size_t)f) % n]),
                             ISMS_OK);
    }
    for (size_t i = 0; i + 1 < n; i++) {
        assert_int_equal(isms_inventory_link(inv, isms_asset_id(isms_inventory_at(inv, i)),
                                             isms_asset_id(isms_inventory_at(inv, i + 1)),
                                             ISMS_REL_SUPPORTS),
                         ISMS_OK);
    }
    char *doc = NULL;
    assert_int_equal(isms_inventory_write_csv(&doc, NULL, inv, ISMS_LANG_SV, ISMS_CSV_NO_BOM),
                     ISMS_OK);
    /* Nothing a spreadsheet would run: every such cell starts with an apostrophe. */
    assert_contains(doc, "\r\n'=SUMMA(A1:A3);'+46 8 123 45;");
    assert_contains(doc, ";'-;");
    assert_contains(doc, ";'@ansvarig;");
    assert_contains(doc, ";''=redan skyddad;");
    assert_contains(doc, ";'''+två;");
    assert_contains(doc, ";\"'\tTab först\";");
    assert_contains(doc, ";'inte en formel;");
    for (const char *p = doc; (p = strpbrk(p, ";\n")) != NULL; p++)
        assert_false(p[1] == '=' || p[1] == '+' || p[1] == '@' || p[1] == '-');
    isms_free(doc);
    assert_int_equal(isms_inventory_write_relations_csv(&doc, NULL, inv, ISMS_LANG_EN,
                                                        ISMS_CSV_NO_BOM),
                     ISMS_OK);
    assert_contains(doc, "\r\n'=SUMMA(A1:A3);supports;'+46 8 123 45\r\n");
    assert_contains(doc, "\r\n'@ansvarig;supports;''=redan skyddad\r\n");
    isms_free(doc);
    check_roundtrip_all(inv);
    isms_inventory_free(inv);
}

/* ---- notes -------------------------------------------------------------------------------- */

static void test_notes_all_or_none(void **state)
{
    (void)state;
    /* Notes come after those already in the list, in the list's language. */
    isms_findings *notes = notes_with_earlier(ISMS_LANG_EN);
    isms_inventory *inv = load("sv-excel-cp1252.csv", notes);
    assert_int_equal(isms_findings_count(notes), 2);
    isms_finding f;
    assert_int_equal(isms_findings_get(&f, notes, 1), ISMS_OK);
    assert_string_equal(f.code, "csv-encoding");
    assert_string_equal(f.message, "The file is not UTF-8 and was read as Windows-1252.");
    isms_inventory_free(inv);
    isms_findings_free(notes);

    /* A failing import adds none of the notes it gathered (encoding, unknown column). */
    notes = notes_with_earlier(ISMS_LANG_SV);
    const char *bad = "ID;Anteckning;K\r\nA1;\xe5;1\r\nA2;x;H\xf6g\r\n";
    inv = (isms_inventory *)(uintptr_t)0x1;
    assert_int_equal(isms_inventory_parse_csv(&inv, bad, strlen(bad), "bad.csv", NULL, notes),
                     ISMS_EPARSE);
    assert_ptr_equal(inv, (isms_inventory *)(uintptr_t)0x1);
    assert_only_earlier(notes);
    assert_error(ISMS_EPARSE, "line 3, column 3: confidentiality level \"Hög\"");
    isms_findings_free(notes);
}

/* ---- files -------------------------------------------------------------------------------- */

static void test_atomic_save(void **state)
{
    (void)state;
    char dir[] = "/tmp/isms-test-csv-asset-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[256], rpath[256], missing[256];
    snprintf(path, sizeof path, "%s/assets.csv", dir);
    snprintf(rpath, sizeof rpath, "%s/relations.csv", dir);
    snprintf(missing, sizeof missing, "%s/no-such-dir/assets.csv", dir);
    isms_inventory *inv = load("en-comma-lf.csv", NULL);
    load_relations(inv, "relations-en.csv", NULL);

    /* Over existing files with modes 0640 and 0600: the modes stay, the content is replaced. */
    write_old_file(path, 0640);
    write_old_file(rpath, 0600);
    assert_int_equal(isms_inventory_save_csv(path, inv, ISMS_LANG_SV, 0), ISMS_OK);
    assert_int_equal(isms_inventory_save_relations_csv(rpath, inv, ISMS_LANG_SV, 0), ISMS_OK);
    assert_file_mode(path, 0640);
    assert_file_mode(rpath, 0600);
    isms_inventory *back = NULL;
    assert_int_equal(isms_inventory_load_csv(&back, path, NULL, NULL), ISMS_OK);
    assert_int_equal(isms_inventory_load_relations_csv(back, rpath, NULL), ISMS_OK);
    assert_inventories_equal(inv, back);
    isms_inventory_free(back);
    assert_int_equal(count_dir(dir), 2); /* no temporary file left */

    /* The files are what the write functions give. */
    char *doc = NULL;
    size_t len = 0;
    assert_int_equal(isms_inventory_write_csv(&doc, &len, inv, ISMS_LANG_EN, ISMS_CSV_TAB),
                     ISMS_OK);
    assert_int_equal(isms_inventory_save_csv(path, inv, ISMS_LANG_EN, ISMS_CSV_TAB), ISMS_OK);
    assert_file_is_doc(path, doc, len);
    assert_int_equal(isms_inventory_write_relations_csv(&doc, &len, inv, ISMS_LANG_EN,
                                                        ISMS_CSV_LF),
                     ISMS_OK);
    assert_int_equal(isms_inventory_save_relations_csv(rpath, inv, ISMS_LANG_EN, ISMS_CSV_LF),
                     ISMS_OK);
    assert_file_is_doc(rpath, doc, len);

    /* Into a directory that does not exist: EIO naming the file, nothing created. */
    assert_int_equal(isms_inventory_save_csv(missing, inv, ISMS_LANG_SV, 0), ISMS_EIO);
    assert_string_equal(isms_error_last()->source, missing);
    assert_int_equal(isms_inventory_save_relations_csv(missing, inv, ISMS_LANG_SV, 0), ISMS_EIO);
    assert_int_equal(count_dir(dir), 2);

    unlink(path);
    unlink(rpath);
    assert_int_equal(rmdir(dir), 0);
    isms_inventory_free(inv);
}

/* ---- allocation failure ------------------------------------------------------------------- */

static int import_for_sweep(void **obj, const char *data, size_t len, isms_findings *notes)
{
    isms_inventory *inv = *obj;
    int rc = isms_inventory_parse_csv(&inv, data, len, "sweep.csv", NULL, notes);
    *obj = inv;
    return rc;
}

static void done_for_sweep(void *obj, isms_findings *notes)
{
    (void)notes;
    assert_true(isms_inventory_count(obj) > 0);
    isms_inventory_free(obj);
}

static void sweep_relations(const char *assets, const char *relations)
{
    char path[512];
    size_t len;
    snprintf(path, sizeof path, DATA "%s", relations);
    char *raw = slurp(path, &len);
    for (int with_notes = 0; with_notes < 2; with_notes++) {
        isms_inventory *inv = load(assets, NULL);
        assert_int_equal(isms_inventory_classify(inv), ISMS_OK);
        isms_provenance before;
        assert_int_equal(isms_asset_effective(&before, isms_inventory_at(inv, 0), C), ISMS_OK);
        for (long n = 1;; n++) {
            isms_findings *notes = with_notes ? notes_with_earlier(ISMS_LANG_EN) : NULL;
            isms__alloc_fail_at(n);
            int rc = isms_inventory_parse_relations_csv(inv, raw, len, "sweep.csv", notes);
            bool injected = isms__alloc_failed();
            isms__alloc_fail_at(0);
            if (!injected) {
                assert_int_equal(rc, ISMS_OK);
                assert_true(isms_inventory_relation_count(inv) > 0);
                isms_findings_free(notes);
                break;
            }
            if (rc != ISMS_ENOMEM)
                fail_msg("allocation %ld: %d %s", n, rc, isms_error_last()->message);
            /* Unchanged: no relation, and the classification still holds. */
            assert_int_equal(isms_inventory_relation_count(inv), 0);
            isms_provenance p;
            assert_int_equal(isms_asset_effective(&p, isms_inventory_at(inv, 0), C), ISMS_OK);
            assert_int_equal(p.level, before.level);
            assert_int_equal(p.origin, before.origin);
            if (with_notes)
                assert_only_earlier(notes);
            isms_findings_free(notes);
            assert_true(n < 100000);
        }
        isms_inventory_free(inv);
    }
    free(raw);
}

static void test_alloc_failure_parse(void **state)
{
    (void)state;
    static const char *files[] = { "sv-excel-cp1252.csv", "sv-utf8-bom.csv", "en-comma-lf.csv",
                                   "multiline.csv", "no-id.csv" };
    for (size_t i = 0; i < sizeof files / sizeof *files; i++)
        sweep_import_file(import_for_sweep, done_for_sweep, DATA, files[i]);
    /* A long id with white space around it (the look-up copies it). */
    char text[1200] = "ID;Namn\n  ";
    for (int i = 0; i < 600; i++)
        strcat(text, "y");
    strcat(text, "  ;x\n");
    sweep_import(import_for_sweep, done_for_sweep, text, strlen(text), true);

    /* load_csv adds the file buffer. */
    isms_inventory *inv = NULL;
    SWEEP(isms_inventory_load_csv(&inv, DATA "tab.tsv", NULL, NULL), assert_null(inv));
    assert_non_null(inv);
    isms_inventory_free(inv);

    sweep_relations("sv-utf8-bom.csv", "relations-sv.csv");
    sweep_relations("sv-utf8-bom.csv", "relations-cp1252.csv");
    sweep_relations("en-comma-lf.csv", "relations-en.csv");

    /* load_relations_csv, with a long id that needs a copy. */
    char long_assets[2048] = "ID;Namn\n", rel[2048] = "Från;Relation;Till\n  ";
    char id[700];
    memset(id, 'z', 699);
    id[699] = '\0';
    snprintf(long_assets + strlen(long_assets), sizeof long_assets - strlen(long_assets),
             "%s;x\nB;y\n", id);
    snprintf(rel + strlen(rel), sizeof rel - strlen(rel), "%s ;behandlar;B\n", id);
    inv = parse(long_assets, NULL);
    SWEEP(isms_inventory_parse_relations_csv(inv, rel, strlen(rel), NULL, NULL),
          assert_int_equal(isms_inventory_relation_count(inv), 0));
    assert_int_equal(isms_inventory_relation_count(inv), 1);
    isms_inventory_free(inv);
}

static void test_alloc_failure_write(void **state)
{
    (void)state;
    isms_inventory *invs[3] = { small_inventory(), rich_inventory(NULL),
                                load("sv-excel-cp1252.csv", NULL) };
    for (size_t k = 0; k < 3; k++) {
        char *doc;
        size_t len;
        SWEEP_WRITE(doc, len,
                    isms_inventory_write_csv(&doc, &len, invs[k], ISMS_LANG_EN, ISMS_CSV_COMMA));
        SWEEP_WRITE(doc, len,
                    isms_inventory_write_relations_csv(&doc, &len, invs[k], ISMS_LANG_SV, 0));
    }

    /* save: the old file survives every failure, no temporary file is left. */
    char dir[] = "/tmp/isms-test-csv-asset-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[256];
    snprintf(path, sizeof path, "%s/a.csv", dir);
    write_file(path, "old");
    SWEEP(isms_inventory_save_csv(path, invs[1], ISMS_LANG_SV, 0),
          assert_old_file_kept(path, dir));
    SWEEP(isms_inventory_save_relations_csv(path, invs[0], ISMS_LANG_SV, 0), {
        size_t len;
        char *text = slurp(path, &len);
        assert_int_equal(strncmp(text, "\xEF\xBB\xBFID;", 6), 0); /* still the assets */
        free(text);
        assert_int_equal(count_dir(dir), 1);
    });
    isms_inventory *back = NULL;
    assert_int_equal(isms_inventory_new(&back, NULL), ISMS_OK);
    assert_int_equal(isms_inventory_add(NULL, back, "A1", NULL, ISMS_ASSET_INFORMATION), ISMS_OK);
    assert_int_equal(isms_inventory_add(NULL, back, "S1", NULL, ISMS_ASSET_INFORMATION), ISMS_OK);
    assert_int_equal(isms_inventory_add(NULL, back, "L1", NULL, ISMS_ASSET_INFORMATION), ISMS_OK);
    assert_int_equal(isms_inventory_load_relations_csv(back, path, NULL), ISMS_OK);
    assert_int_equal(isms_inventory_relation_count(back), 3);
    isms_inventory_free(back);
    unlink(path);
    rmdir(dir);
    for (size_t k = 0; k < 3; k++)
        isms_inventory_free(invs[k]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sv_excel_cp1252),
        cmocka_unit_test(test_sv_utf8_bom),
        cmocka_unit_test(test_en_comma_lf),
        cmocka_unit_test(test_tab_full_names),
        cmocka_unit_test(test_multiline),
        cmocka_unit_test(test_names_as_ids),
        cmocka_unit_test(test_t_letter),
        cmocka_unit_test(test_header_aliases),
        cmocka_unit_test(test_levels),
        cmocka_unit_test(test_values),
        cmocka_unit_test(test_broken_files),
        cmocka_unit_test(test_broken_text),
        cmocka_unit_test(test_invalid_arguments),
        cmocka_unit_test(test_relations_files),
        cmocka_unit_test(test_relations_broken),
        cmocka_unit_test(test_relations_all_or_none),
        cmocka_unit_test(test_export_format),
        cmocka_unit_test(test_roundtrip),
        cmocka_unit_test(test_formula_neutralisation),
        cmocka_unit_test(test_notes_all_or_none),
        cmocka_unit_test(test_atomic_save),
        cmocka_unit_test(test_alloc_failure_parse),
        cmocka_unit_test(test_alloc_failure_write),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
