/* Unit tests of the CSV import and export of improvement actions (isms_plan_*_csv). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"
#include "test-util.h"

#define DATA ISMS_TEST_DATA "/csv-action/"
#define UNSET ISMS_LEVEL_UNSET

/* ---- helpers ---------------------------------------------------------------------------- */

static isms_plan *load(const char *name, int year, isms_findings *notes)
{
    char path[512];
    snprintf(path, sizeof path, DATA "%s", name);
    isms_plan *plan = NULL;
    if (isms_plan_load_csv(&plan, path, year, notes) != ISMS_OK)
        fail_msg("%s: %s", name, isms_error_last()->message);
    assert_non_null(plan);
    return plan;
}

static isms_plan *parse(const char *text, isms_findings *notes)
{
    isms_plan *plan = NULL;
    if (isms_plan_parse_csv(&plan, text, strlen(text), "test.csv", 2025, notes) != ISMS_OK)
        fail_msg("parse: %s\n%s", isms_error_last()->message, text);
    assert_non_null(plan);
    return plan;
}

/* Parses text that must fail; checks code, line, column and a piece of the message. */
static void parse_fails_with(const char *text, int code, unsigned line, unsigned column,
                             const char *needle)
{
    isms_plan *plan = (isms_plan *)(uintptr_t)0x1;
    int rc = isms_plan_parse_csv(&plan, text, strlen(text), "bad.csv", 2025, NULL);
    const isms_error *e = assert_error_at(rc, code, line, column, text);
    if (!strstr(e->message, needle))
        fail_msg("expected \"%s\" in: %s", needle, e->message);
    assert_ptr_equal(plan, (isms_plan *)(uintptr_t)0x1); /* untouched */
    if (line)
        assert_string_equal(e->source, "bad.csv");
}

static const isms_action *at(const isms_plan *plan, size_t i)
{
    const isms_action *a = isms_plan_at(plan, i);
    assert_non_null(a);
    return a;
}

static const char *get(const isms_action *a, isms_action_field f)
{
    return isms_action_get(a, f);
}

/* The targets of an action as one text: "risk:R1 req:5.2 any:R2". */
static void targets_text(char *buf, size_t size, const isms_action *a)
{
    size_t n = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < isms_action_target_count(a); i++) {
        isms_target t;
        assert_int_equal(isms_action_target(&t, a, i), ISMS_OK);
        int w = snprintf(buf + n, size - n, "%s%s:%s", i ? " " : "",
                         isms_target_kind_name(t.kind), t.id);
        assert_true(w > 0 && (size_t)w < size - n);
        n += (size_t)w;
    }
}

static void assert_targets(const isms_action *a, const char *expected)
{
    char buf[512];
    targets_text(buf, sizeof buf, a);
    assert_string_equal(buf, expected);
}

/* The prerequisites as one text: "A2 A1". */
static void assert_prereqs(const isms_action *a, const char *expected)
{
    char buf[512] = "";
    size_t n = 0;
    for (size_t i = 0; i < isms_action_prerequisite_count(a); i++)
        n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%s", i ? " " : "",
                              isms_action_prerequisite(a, i));
    assert_string_equal(buf, expected);
}

static void assert_residual(const isms_action *a, int l, int c)
{
    int al, ac;
    isms_action_expected_residual(&al, &ac, a);
    assert_int_equal(al, l);
    assert_int_equal(ac, c);
}

/* Two plans hold the same actions: every field, in order. */
static void assert_plans_equal(const isms_plan *x, const isms_plan *y)
{
    assert_int_equal(isms_plan_year(x), isms_plan_year(y));
    assert_int_equal(isms_plan_count(x), isms_plan_count(y));
    for (size_t i = 0; i < isms_plan_count(x); i++) {
        const isms_action *a = at(x, i), *b = at(y, i);
        assert_string_equal(isms_action_id(a), isms_action_id(b));
        for (int f = ISMS_ACTION_TITLE; f <= ISMS_ACTION_DUE; f++)
            assert_string_equal(get(a, (isms_action_field)f), get(b, (isms_action_field)f));
        isms_period pa = isms_action_due(a), pb = isms_action_due(b);
        assert_int_equal(pa.kind, pb.kind);
        assert_int_equal(isms_date_compare(pa.start, pb.start), 0);
        assert_int_equal(isms_date_compare(pa.end, pb.end), 0);
        assert_int_equal(isms_action_get_status(a), isms_action_get_status(b));
        assert_int_equal(isms_action_recurrence(a), isms_action_recurrence(b));
        assert_true(isms_action_effort(a) == isms_action_effort(b));
        assert_int_equal(isms_action_effort_size(a), isms_action_effort_size(b));
        assert_true(isms_action_cost(a) == isms_action_cost(b));
        char ta[1024], tb[1024];
        targets_text(ta, sizeof ta, a);
        targets_text(tb, sizeof tb, b);
        assert_string_equal(ta, tb);
        assert_int_equal(isms_action_prerequisite_count(a), isms_action_prerequisite_count(b));
        for (size_t k = 0; k < isms_action_prerequisite_count(a); k++)
            assert_string_equal(isms_action_prerequisite(a, k), isms_action_prerequisite(b, k));
        int l1, c1, l2, c2;
        isms_action_expected_residual(&l1, &c1, a);
        isms_action_expected_residual(&l2, &c2, b);
        assert_int_equal(l1, l2);
        assert_int_equal(c1, c2);
        assert_int_equal(isms_action_expected_status(a), isms_action_expected_status(b));
    }
}

/* Export in a language with flags, import again: the same plan. */
static void check_roundtrip(const void *obj, isms_lang lang, unsigned flags)
{
    const isms_plan *plan = obj;
    char *doc = NULL;
    size_t len = 0;
    assert_int_equal(isms_plan_write_csv(&doc, &len, plan, lang, flags), ISMS_OK);
    assert_int_equal(strlen(doc), len);
    isms_plan *back = NULL;
    if (isms_plan_parse_csv(&back, doc, len, "export.csv", isms_plan_year(plan), NULL) !=
        ISMS_OK)
        fail_msg("lang %d flags %u: %s\n%s", (int)lang, flags, isms_error_last()->message, doc);
    assert_plans_equal(plan, back);
    isms_plan_free(back);
    isms_free(doc);
}

/* ---- files ------------------------------------------------------------------------------ */

static void test_sv_excel_cp1252(void **state)
{
    (void)state;
    isms_findings *notes = new_notes(ISMS_LANG_SV);
    isms_plan *plan = load("sv-excel-cp1252.csv", 2025, notes);
    assert_int_equal(isms_plan_year(plan), 2025);
    assert_int_equal(isms_plan_count(plan), 4);

    const isms_action *a = at(plan, 0);
    assert_string_equal(isms_action_id(a), "IS-1");
    assert_string_equal(get(a, ISMS_ACTION_TITLE), "Uppdatera informationssäkerhetspolicyn");
    assert_string_equal(get(a, ISMS_ACTION_DESCRIPTION),
                        "Revidera policyn\r\noch förankra den i ledningsgruppen");
    assert_string_equal(get(a, ISMS_ACTION_OWNER), "Säkerhetssamordnare");
    assert_int_equal(isms_action_effort_size(a), ISMS_EFFORT_M);
    assert_double_equal(isms_action_effort(a), 20, 0);
    assert_double_equal(isms_action_cost(a), 12500, 0);
    assert_string_equal(get(a, ISMS_ACTION_DUE), "Q2 2025");
    isms_period due = isms_action_due(a);
    assert_int_equal(due.kind, ISMS_PERIOD_QUARTER);
    assert_int_equal(due.end.year, 2025);
    assert_int_equal(due.end.month, 6);
    assert_int_equal(due.end.day, 30);
    assert_int_equal(isms_action_get_status(a), ISMS_ACTION_PLANNED);
    assert_int_equal(isms_action_recurrence(a), ISMS_RECUR_NONE);
    assert_targets(a, "requirement:5.2 requirement:A.5.1");
    assert_prereqs(a, "IS-3"); /* an action on a later row */
    assert_residual(a, UNSET, UNSET);
    assert_int_equal(isms_action_expected_status(a), ISMS_STATUS_YES);

    a = at(plan, 1);
    assert_string_equal(isms_action_id(a), "IS-2");
    assert_string_equal(get(a, ISMS_ACTION_OWNER), "IT-enheten");
    assert_int_equal(isms_action_effort_size(a), ISMS_EFFORT_UNSIZED);
    assert_double_equal(isms_action_effort(a), 10, 0); /* 2 veckor */
    assert_double_equal(isms_action_cost(a), 250000, 0);
    assert_int_equal(isms_action_due(a).kind, ISMS_PERIOD_HALF);
    assert_int_equal(isms_action_get_status(a), ISMS_ACTION_IN_PROGRESS);
    assert_targets(a, "risk:R1 risk:R4");
    assert_prereqs(a, "");
    assert_residual(a, 2, 2);
    assert_int_equal(isms_action_expected_status(a), ISMS_STATUS_NOT_ASSESSED);

    a = at(plan, 2);
    assert_string_equal(isms_action_id(a), "IS-3");
    assert_string_equal(get(a, ISMS_ACTION_DESCRIPTION), "");
    assert_double_equal(isms_action_effort(a), 3.5, 0);
    assert_double_equal(isms_action_cost(a), 1250.5, 0);
    assert_int_equal(isms_action_due(a).kind, ISMS_PERIOD_TERTIAL);
    assert_int_equal(isms_action_due(a).end.year, 2025); /* the plan's year */
    assert_int_equal(isms_action_get_status(a), ISMS_ACTION_PROPOSED);
    assert_int_equal(isms_action_recurrence(a), ISMS_RECUR_YEARLY);
    assert_targets(a, "asset:INF1 any:R2"); /* "tillgång: INF1" is one target */

    a = at(plan, 3); /* no id in its row: A4, the fourth action of the file */
    assert_string_equal(isms_action_id(a), "A4");
    assert_string_equal(get(a, ISMS_ACTION_TITLE), "Klassa om informationen");
    assert_int_equal(isms_action_effort_size(a), ISMS_EFFORT_XS);
    assert_true(isms_action_cost(a) < 0);
    assert_int_equal(isms_action_due(a).end.month, 12);
    assert_int_equal(isms_action_get_status(a), ISMS_ACTION_DONE);
    assert_int_equal(isms_action_recurrence(a), ISMS_RECUR_YEARLY);
    assert_targets(a, "asset:INF2");
    assert_prereqs(a, "IS-1 IS-2");
    assert_int_equal(isms_action_expected_status(a), ISMS_STATUS_PARTIAL);

    /* Notes: the encoding, the "Kommentar" column, the generated id (line 10). */
    assert_int_equal(isms_findings_count(notes), 3);
    assert_int_equal(count_notes(notes, "csv-encoding", NULL), 1);
    isms_finding f = note_at(notes, "csv-ignored-column", 0);
    assert_int_equal(f.severity, ISMS_SEVERITY_INFO);
    assert_contains(f.message, "Kolumn 14 (\"Kommentar\")");
    f = note_at(notes, "csv-generated-id", 0);
    assert_string_equal(f.ref, "A4");
    assert_contains(f.message, "Rad 10 saknar id");
    isms_findings_free(notes);

    /* The plan can be ordered: the prerequisites name actions of the file. */
    isms_action **order = NULL;
    size_t n = 0;
    assert_int_equal(isms_plan_prioritise(&order, &n, (isms_plan *)plan, NULL), ISMS_OK);
    assert_int_equal(n, 3); /* A4 is done */
    isms_free(order);
    isms_plan_free(plan);
}

static void test_en_comma_lf(void **state)
{
    (void)state;
    isms_findings *notes = new_notes(ISMS_LANG_EN);
    isms_plan *plan = load("en-comma-lf.csv", 2025, notes);
    assert_int_equal(isms_findings_count(notes), 0);
    isms_findings_free(notes);
    assert_int_equal(isms_plan_count(plan), 3);

    const isms_action *a = at(plan, 0);
    assert_string_equal(isms_action_id(a), "A1");
    assert_string_equal(get(a, ISMS_ACTION_DESCRIPTION), "Test a restore \"monthly\"");
    assert_string_equal(get(a, ISMS_ACTION_OWNER), "IT");
    assert_int_equal(isms_action_effort_size(a), ISMS_EFFORT_L);
    assert_double_equal(isms_action_cost(a), 1500000, 0); /* 1,5E+06 */
    assert_int_equal(isms_action_due(a).kind, ISMS_PERIOD_DAY);
    assert_int_equal(isms_action_get_status(a), ISMS_ACTION_PLANNED);
    assert_int_equal(isms_action_recurrence(a), ISMS_RECUR_QUARTER);
    assert_targets(a, "risk:R2 requirement:8.13");
    assert_residual(a, 1, 3);

    a = at(plan, 1);
    assert_double_equal(isms_action_effort(a), 0.5, 0); /* 4 h */
    assert_double_equal(isms_action_cost(a), 0, 0);     /* 0 is a cost, not "unknown" */
    assert_int_equal(isms_action_get_status(a), ISMS_ACTION_IN_PROGRESS);
    assert_int_equal(isms_action_recurrence(a), ISMS_RECUR_TERTIAL);
    assert_targets(a, "asset:HR system any:A \"quoted\" id");
    assert_prereqs(a, "A1");
    assert_int_equal(isms_action_expected_status(a), ISMS_STATUS_PARTIAL);

    a = at(plan, 2);
    assert_int_equal(isms_action_effort_size(a), ISMS_EFFORT_XL);
    assert_double_equal(isms_action_effort(a), 120, 0);
    assert_double_equal(isms_action_cost(a), 2000, 0);
    assert_int_equal(isms_action_get_status(a), ISMS_ACTION_CANCELLED);
    assert_targets(a, "any:R5");
    assert_prereqs(a, "A2 A1"); /* on two lines of the cell, in that order */
    isms_plan_free(plan);
}

static void test_no_id_column(void **state)
{
    (void)state;
    isms_findings *notes = new_notes(ISMS_LANG_EN);
    isms_plan *plan = load("no-id.tsv", 2024, notes);
    assert_int_equal(isms_plan_count(plan), 3);
    assert_string_equal(isms_action_id(at(plan, 0)), "A1");
    assert_string_equal(isms_action_id(at(plan, 1)), "A2");
    assert_string_equal(isms_action_id(at(plan, 2)), "A3");
    assert_string_equal(get(at(plan, 1), ISMS_ACTION_TITLE), "Öva kontinuitetsplanen");
    assert_double_equal(isms_action_effort(at(plan, 1)), 20, 0); /* 1 månad */
    assert_int_equal(isms_action_effort_size(at(plan, 0)), ISMS_EFFORT_S);
    assert_true(isms_action_effort(at(plan, 2)) < 0);
    assert_prereqs(at(plan, 2), "A2");
    /* One note for the file, none for the BOM (UTF-8 is not noted). */
    assert_int_equal(isms_findings_count(notes), 1);
    isms_finding f = note_at(notes, "csv-generated-id", 0);
    assert_string_equal(f.message,
                        "The file has no id column; the actions got the ids A1–A3 in file order.");
    isms_findings_free(notes);
    isms_plan_free(plan);
}

static void test_generated_ids(void **state)
{
    (void)state;
    /* Empty id cells take A<k> of their row among the actions, avoiding ids the file gives. */
    isms_findings *notes = new_notes(ISMS_LANG_SV);
    isms_plan *plan = parse("Id;Titel;Ansvarig\n"
                            ";Första;IT\n"
                            "\n"
                            ";Andra;IT\n"
                            "A2;Uttryckligen A2;HR\n"
                            " ;;HR\n"
                            ";;\n",
                            notes);
    assert_int_equal(isms_plan_count(plan), 4);
    assert_string_equal(isms_action_id(at(plan, 0)), "A1");
    assert_string_equal(isms_action_id(at(plan, 1)), "A2-2");
    assert_string_equal(isms_action_id(at(plan, 2)), "A2");
    assert_string_equal(isms_action_id(at(plan, 3)), "A4");
    assert_string_equal(get(at(plan, 3), ISMS_ACTION_TITLE), "");
    assert_int_equal(count_notes(notes, "csv-generated-id", NULL), 3);
    assert_string_equal(note_at(notes, "csv-generated-id", 1).message,
                        "Rad 4 saknar id; åtgärden fick id A2-2.");
    isms_findings_free(notes);
    isms_plan_free(plan);

    /* Ids are trimmed; titles, owners and descriptions are kept exactly. */
    plan = parse("Åtgärd-id,Åtgärd,Beskrivning,Ansvarig\n"
                 "\"  X 1  \",\"  med blanksteg \",\" \",\" IT \"\n",
                 NULL);
    assert_string_equal(isms_action_id(at(plan, 0)), "X 1");
    assert_string_equal(get(at(plan, 0), ISMS_ACTION_TITLE), "  med blanksteg ");
    assert_string_equal(get(at(plan, 0), ISMS_ACTION_DESCRIPTION), " ");
    assert_string_equal(get(at(plan, 0), ISMS_ACTION_OWNER), " IT ");
    isms_plan_free(plan);
}

static void test_header_aliases(void **state)
{
    (void)state;
    static const struct {
        const char *header;
        const char *value;
        int field; /* what the value sets, below */
    } cases[] = {
        { "Åtgärdsnummer", "N1", 0 },      { "Action id", "N1", 0 },
        { "ACTION NO", "N1", 0 },          { "Nr", "N1", 0 },
        { "Rubrik", "T", 1 },              { "Title", "T", 1 },
        { "Aktivitet", "T", 1 },           { "Åtgärd", "T", 1 },
        { "Description", "D", 2 },         { "\"Åtgärds-\nbeskrivning\"", "D", 2 },
        { "Owner", "O", 3 },               { "Responsible", "O", 3 },
        { "Ägare", "O", 3 },               { "Omfattning", "M", 4 },
        { "Effort (person-days)", "M", 4 }, { "Storlek", "M", 4 },
        { "Cost", "7", 5 },                { "KOSTNAD (SEK)", "7", 5 },
        { "Budget", "7", 5 },              { "Datum", "Q3", 6 },
        { "Due date", "Q3", 6 },           { "Deadline", "Q3", 6 },
        { "Intervall", "årligen", 7 },     { "Recurrence", "yearly", 7 },
        { "Frekvens", "årligen", 7 },      { "Adresserar", "R9", 8 },
        { "Targets", "R9", 8 },            { "Avser", "R9", 8 },
        { "Beroenden", "N0", 9 },          { "Depends on", "N0", 9 },
        { "Prerequisites", "N0", 9 },      { "Expected residual", "1/2", 10 },
        { "Förväntad kvarstående risk", "1/2", 10 },
        { "Expected status", "yes", 11 },  { "Förväntad status", "ja", 11 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char text[256];
        /* A second action "N0" for the prerequisites to name; the id column is "Id" unless
         * the case is about the id. */
        if (cases[i].field == 0)
            snprintf(text, sizeof text, "Titel;%s\nx;N0\ny;%s\n", cases[i].header,
                     cases[i].value);
        else
            snprintf(text, sizeof text, "Id;%s\nN0;\nN1;%s\n", cases[i].header,
                     cases[i].value);
        isms_findings *notes = new_notes(ISMS_LANG_EN);
        isms_plan *plan = NULL;
        if (isms_plan_parse_csv(&plan, text, strlen(text), NULL, 2025, notes) != ISMS_OK)
            fail_msg("%s: %s", cases[i].header, isms_error_last()->message);
        if (isms_findings_count(notes) != 0)
            fail_msg("%s: a note", cases[i].header);
        isms_findings_free(notes);
        const isms_action *a = isms_plan_find(plan, "N1");
        if (!a)
            fail_msg("%s: no N1", cases[i].header);
        bool ok = false;
        int l, c;
        switch (cases[i].field) {
        case 0: ok = true; break;
        case 1: ok = !strcmp(get(a, ISMS_ACTION_TITLE), "T"); break;
        case 2: ok = !strcmp(get(a, ISMS_ACTION_DESCRIPTION), "D"); break;
        case 3: ok = !strcmp(get(a, ISMS_ACTION_OWNER), "O"); break;
        case 4: ok = isms_action_effort_size(a) == ISMS_EFFORT_M; break;
        case 5: ok = isms_action_cost(a) == 7; break;
        case 6: ok = isms_action_due(a).kind == ISMS_PERIOD_QUARTER; break;
        case 7: ok = isms_action_recurrence(a) == ISMS_RECUR_YEARLY; break;
        case 8: ok = isms_action_target_count(a) == 1; break;
        case 9: ok = isms_action_prerequisite_count(a) == 1; break;
        case 10:
            isms_action_expected_residual(&l, &c, a);
            ok = l == 1 && c == 2;
            break;
        case 11: ok = isms_action_expected_status(a) == ISMS_STATUS_YES; break;
        }
        if (!ok)
            fail_msg("%s: not read", cases[i].header);
        isms_plan_free(plan);
    }

    /* Unknown, repeated and headerless columns are noted, each once, and not read. */
    isms_findings *notes = new_notes(ISMS_LANG_EN);
    isms_plan *plan = parse("Id;Åtgärd;Okänd;Åtgärd;\n"
                            "X;Titel;a;Annan titel;data\n"
                            "Y;;b;;mer\n",
                            notes);
    assert_string_equal(get(at(plan, 0), ISMS_ACTION_TITLE), "Titel");
    assert_int_equal(count_notes(notes, "csv-ignored-column", NULL), 3);
    isms_finding f = note_at(notes, "csv-ignored-column", 0);
    assert_int_equal(f.severity, ISMS_SEVERITY_INFO);
    assert_string_equal(f.message, "Column 3 (\"Okänd\") is not recognised and was ignored.");
    f = note_at(notes, "csv-ignored-column", 1);
    assert_int_equal(f.severity, ISMS_SEVERITY_WARNING);
    assert_string_equal(f.message, "Column 4 (\"Åtgärd\") repeats an earlier column and was "
                                   "ignored.");
    f = note_at(notes, "csv-ignored-column", 2);
    assert_string_equal(f.message, "Column 5 has no header and was ignored.");
    isms_findings_free(notes);
    isms_plan_free(plan);
}

/* ---- values ----------------------------------------------------------------------------- */

static const isms_action *single(isms_plan **plan, const char *header, const char *value)
{
    char text[512];
    snprintf(text, sizeof text, "Id;%s\nX;%s\n", header, value);
    *plan = parse(text, NULL);
    assert_int_equal(isms_plan_count(*plan), 1);
    return at(*plan, 0);
}

static void test_values(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        double days;
        isms_effort_size size;
    } efforts[] = {
        { "xs", 1, ISMS_EFFORT_XS },       { "Medel", 20, ISMS_EFFORT_M },
        { "extra large", 120, ISMS_EFFORT_XL }, { "0", 0, ISMS_EFFORT_UNSIZED },
        { "2,5", 2.5, ISMS_EFFORT_UNSIZED }, { "1.25 dagar", 1.25, ISMS_EFFORT_UNSIZED },
        { "3 weeks", 15, ISMS_EFFORT_UNSIZED }, { "6 timmar", 0.75, ISMS_EFFORT_UNSIZED },
    };
    for (size_t i = 0; i < sizeof efforts / sizeof *efforts; i++) {
        isms_plan *plan;
        const isms_action *a = single(&plan, "Insats", efforts[i].text);
        assert_double_equal(isms_action_effort(a), efforts[i].days, 0);
        assert_int_equal(isms_action_effort_size(a), efforts[i].size);
        isms_plan_free(plan);
    }

    static const struct {
        const char *text;
        double cost;
    } costs[] = {
        { "12 500", 12500 },          { "12\xC2\xA0" "500 kr", 12500 },
        { "1250,50", 1250.5 },        { "1250.75 SEK", 1250.75 },
        { "3 000:-", 3000 },          { "99 Kronor", 99 },
        { "0,1", 0.1 },               { "1,5E+06", 1.5e6 },
        { "2e-3", 0.002 },            { "1 234 567,89", 1234567.89 },
        { "7\xE2\x80\xAF" "000", 7000 },
    };
    for (size_t i = 0; i < sizeof costs / sizeof *costs; i++) {
        isms_plan *plan;
        const isms_action *a = single(&plan, "Kostnad", costs[i].text);
        if (isms_action_cost(a) != costs[i].cost)
            fail_msg("%s: %.17g", costs[i].text, isms_action_cost(a));
        isms_plan_free(plan);
    }

    /* Lists: any separator, quotes around items with separators, prefixes with a space. */
    isms_plan *plan = parse("Id;Mål;Förutsättningar\n"
                            "P1;;\n"
                            "P 2;;\n"
                            "X;\"risk: R1,req:6.1.2;;asset:\"\"A B\"\"\n\tkrav:  A.5.1 R7,"
                            "\"\"\"\"\"\"\"\", \"\"\"\"\";\"P1 \"\"P 2\"\"\"\n",
                            NULL);
    const isms_action *x = isms_plan_find(plan, "X");
    assert_targets(x, "risk:R1 requirement:6.1.2 asset:A B requirement:A.5.1 any:R7 any:\"");
    assert_prereqs(x, "P1 P 2");
    isms_plan_free(plan);

    /* Expected residual with spaces, expected status in English. */
    x = single(&plan, "Förväntad restrisk", " 3 / 1 ");
    assert_residual(x, 3, 1);
    isms_plan_free(plan);

    /* Status and recurrence synonyms. */
    x = single(&plan, "Status", "PÅGÅR");
    assert_int_equal(isms_action_get_status(x), ISMS_ACTION_IN_PROGRESS);
    isms_plan_free(plan);
    x = single(&plan, "Återkommande", "kvartalsvis");
    assert_int_equal(isms_action_recurrence(x), ISMS_RECUR_QUARTER);
    isms_plan_free(plan);
    /* A due text without a readable date is kept, with no period. */
    x = single(&plan, "Klart senast", "inför nästa verksamhetsplan");
    assert_string_equal(get(x, ISMS_ACTION_DUE), "inför nästa verksamhetsplan");
    assert_int_equal(isms_action_due(x).kind, ISMS_PERIOD_UNPARSED);
    isms_plan_free(plan);
}

/* ---- errors ----------------------------------------------------------------------------- */

static void test_broken_files(void **state)
{
    (void)state;
    isms_plan *plan = (isms_plan *)(uintptr_t)0x1;
    int rc = isms_plan_load_csv(&plan, DATA "broken-duplicate-id.csv", 2025, NULL);
    const isms_error *e = assert_error_at(rc, ISMS_EEXIST, 4, 1, "duplicate");
    assert_string_equal(e->message, "line 4, column 1 (\"Åtgärd-id\"): the id \"B1\" is already "
                                    "used on line 2");
    assert_string_equal(e->source, DATA "broken-duplicate-id.csv");

    rc = isms_plan_load_csv(&plan, DATA "broken-missing-prerequisite.csv", 2025, NULL);
    e = assert_error_at(rc, ISMS_ENOTFOUND, 3, 3, "missing");
    assert_string_equal(e->message, "line 3, column 3 (\"Förutsättningar\"): the action \"B2\" "
                                    "has the prerequisite \"B9\", which is not an action of the "
                                    "file");

    rc = isms_plan_load_csv(&plan, DATA "broken-cycle.csv", 2025, NULL);
    e = assert_error_at(rc, ISMS_ECYCLE, 3, 3, "cycle");
    assert_string_equal(e->message, "line 3, column 3 (\"Förutsättningar\"): the prerequisites "
                                    "form a cycle: C1 → C2 → C3 → C1 (each must come before the "
                                    "next)");
    assert_ptr_equal(plan, (isms_plan *)(uintptr_t)0x1);

    rc = isms_plan_load_csv(&plan, DATA "no-such-file.csv", 2025, NULL);
    assert_int_equal(rc, ISMS_EIO);
    assert_ptr_equal(plan, (isms_plan *)(uintptr_t)0x1);
}

static void test_broken_text(void **state)
{
    (void)state;
    parse_fails_with("", ISMS_EPARSE, 1, 0, "the file is empty");
    parse_fails_with("Rubrik\nx\n", ISMS_EPARSE, 1, 0, "no header row found");
    parse_fails_with("Ansvarig;Insats\nIT;M\n", ISMS_EPARSE, 1, 0,
                     "the header row has no id column (Åtgärd-id");
    parse_fails_with("Id;Insats\nX;mycket\n", ISMS_EPARSE, 2, 2,
                     "line 2, column 2 (\"Insats\"): effort \"mycket\" is not understood");
    parse_fails_with("Id;Insats\nX;-3\n", ISMS_EPARSE, 2, 2, "outside 0–100000 person-days");
    parse_fails_with("Id;Kostnad\nX;-300\n", ISMS_EPARSE, 2, 2,
                     "cost \"-300\" is not a number of at least 0");
    parse_fails_with("Id;Kostnad\nX;12,500.50\n", ISMS_EPARSE, 2, 2, "cost \"12,500.50\"");
    parse_fails_with("Id;Kostnad\nX;100 euro\n", ISMS_EPARSE, 2, 2, "cost \"100 euro\"");
    parse_fails_with("Id;Kostnad\nX;1e999\n", ISMS_EPARSE, 2, 2, "cost \"1e999\"");
    parse_fails_with("Id;Status\nX;halvklar\n", ISMS_EPARSE, 2, 2,
                     "action status \"halvklar\" is not one of Föreslagen");
    parse_fails_with("Id;;Återkommande\nX;;varannan vecka\n", ISMS_EPARSE, 2, 3,
                     "recurrence \"varannan vecka\" is not one of");
    parse_fails_with("Id;Förväntad restrisk\nX;hög\n", ISMS_EPARSE, 2, 2,
                     "expected residual risk \"hög\" is not likelihood/consequence such as 2/3");
    parse_fails_with("Id;Förväntad restrisk\nX;2/\n", ISMS_EPARSE, 2, 2, "such as 2/3");
    parse_fails_with("Id;Förväntad restrisk\nX;2/101\n", ISMS_EPARSE, 2, 2,
                     "expected consequence 101 is");
    parse_fails_with("Id;Förväntat nuläge\nX;Nej\n", ISMS_EPARSE, 2, 2,
                     "expected status \"Nej\" is not one of Ja, Delvis (Yes, Partial) or empty");
    parse_fails_with("Id;Mål\nX;risk:\n", ISMS_EPARSE, 2, 2, "the target \"risk:\" names no");
    parse_fails_with("Id;Förutsättningar\nX;Y X\nY;\n", ISMS_ECYCLE, 2, 2,
                     "action \"X\" cannot be its own prerequisite");
    parse_fails_with("Id;Förutsättningar\nA;B\nB;A\n", ISMS_ECYCLE, 2, 2, "A → B → A");
    /* A done action breaks no cycle rule: its prerequisites are met. */
    isms_plan *plan = parse("Id;Förutsättningar;Status\nA;B;klar\nB;A;klar\n", NULL);
    isms_plan_free(plan);
    parse_fails_with("Id;Titel\n\"unterminated;x\n", ISMS_EPARSE, 2, 1, "");

    char longid[400] = "Id;Titel\n";
    memset(longid + 9, 'k', 300);
    strcpy(longid + 309, ";x\n");
    parse_fails_with(longid, ISMS_EPARSE, 2, 1, "at most 256 are allowed");
}

static void test_invalid_arguments(void **state)
{
    (void)state;
    isms_plan *plan = NULL;
    const char *t = "Id;Titel\nX;y\n";
    assert_int_equal(isms_plan_parse_csv(NULL, t, strlen(t), NULL, 2025, NULL), ISMS_EINVAL);
    assert_int_equal(isms_plan_parse_csv(&plan, NULL, 3, NULL, 2025, NULL), ISMS_EINVAL);
    assert_int_equal(isms_plan_parse_csv(&plan, t, strlen(t), NULL, 1899, NULL), ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "the year 1899 is outside 1900–9999");
    assert_int_equal(isms_plan_parse_csv(&plan, t, strlen(t), NULL, 10000, NULL), ISMS_EINVAL);
    assert_int_equal(isms_plan_parse_csv(&plan, t, ISMS_CSV_MAX_INPUT + 1u, NULL, 2025, NULL),
                     ISMS_ERANGE);
    assert_null(plan);
    assert_int_equal(isms_plan_load_csv(NULL, "x.csv", 2025, NULL), ISMS_EINVAL);
    assert_int_equal(isms_plan_load_csv(&plan, NULL, 2025, NULL), ISMS_EINVAL);
    /* Empty input with no data pointer is an empty file. */
    assert_int_equal(isms_plan_parse_csv(&plan, NULL, 0, NULL, 2025, NULL), ISMS_EPARSE);
    assert_null(plan);

    plan = parse(t, NULL);
    char *doc = NULL;
    assert_int_equal(isms_plan_write_csv(NULL, NULL, plan, ISMS_LANG_SV, 0), ISMS_EINVAL);
    assert_int_equal(isms_plan_write_csv(&doc, NULL, NULL, ISMS_LANG_SV, 0), ISMS_EINVAL);
    assert_int_equal(isms_plan_write_csv(&doc, NULL, plan, (isms_lang)7, 0), ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "isms_plan_write_csv: unknown language 7");
    assert_int_equal(isms_plan_write_csv(&doc, NULL, plan, ISMS_LANG_SV,
                                         ISMS_CSV_COMMA | ISMS_CSV_TAB),
                     ISMS_EINVAL);
    assert_int_equal(isms_plan_write_csv(&doc, NULL, plan, ISMS_LANG_SV, 64), ISMS_EINVAL);
    assert_null(doc);
    assert_int_equal(isms_plan_save_csv(NULL, plan, ISMS_LANG_SV, 0), ISMS_EINVAL);
    assert_int_equal(isms_plan_save_csv("/tmp/x.csv", NULL, ISMS_LANG_SV, 0), ISMS_EINVAL);
    assert_int_equal(isms_plan_save_csv("/tmp/x.csv", plan, ISMS_LANG_SV, 3), ISMS_EINVAL);
    isms_plan_free(plan);
}

/* ---- export ----------------------------------------------------------------------------- */

static isms_plan *small_plan(void)
{
    isms_plan *plan = NULL;
    assert_int_equal(isms_plan_new(&plan, 2025), ISMS_OK);
    isms_action *a = NULL;
    assert_int_equal(isms_plan_add(&a, plan, "IS-1", "Uppdatera policyn"), ISMS_OK);
    assert_int_equal(isms_action_set(a, ISMS_ACTION_DESCRIPTION, "Rad ett\nrad två"), ISMS_OK);
    assert_int_equal(isms_action_set(a, ISMS_ACTION_OWNER, "Säkerhetssamordnare"), ISMS_OK);
    assert_int_equal(isms_action_set_effort_size(a, ISMS_EFFORT_M), ISMS_OK);
    assert_int_equal(isms_action_set_cost(a, 12500.5), ISMS_OK);
    assert_int_equal(isms_action_set(a, ISMS_ACTION_DUE, "Q2 2025"), ISMS_OK);
    assert_int_equal(isms_action_set_status(a, ISMS_ACTION_PLANNED), ISMS_OK);
    assert_int_equal(isms_action_add_target(a, ISMS_TARGET_REQUIREMENT, "5.2"), ISMS_OK);
    assert_int_equal(isms_action_add_target(a, ISMS_TARGET_RISK, "R1"), ISMS_OK);
    assert_int_equal(isms_action_add_target(a, ISMS_TARGET_ASSET, "HR system"), ISMS_OK);
    assert_int_equal(isms_action_add_target(a, ISMS_TARGET_ANY, "R2"), ISMS_OK);
    assert_int_equal(isms_action_add_prerequisite(a, "IS-2"), ISMS_OK);
    assert_int_equal(isms_action_set_expected_residual(a, 1, 2), ISMS_OK);
    assert_int_equal(isms_action_set_expected_status(a, ISMS_STATUS_PARTIAL), ISMS_OK);
    assert_int_equal(isms_plan_add(&a, plan, "IS-2", "Klassa om"), ISMS_OK);
    assert_int_equal(isms_action_set_effort(a, 2.5), ISMS_OK);
    assert_int_equal(isms_action_set_recurrence(a, ISMS_RECUR_YEARLY), ISMS_OK);
    assert_int_equal(isms_action_set_status(a, ISMS_ACTION_DONE), ISMS_OK);
    return plan;
}

static void test_export_format(void **state)
{
    (void)state;
    isms_plan *plan = small_plan();
    char *doc = NULL;
    size_t len = 0;
    assert_int_equal(isms_plan_write_csv(&doc, &len, plan, ISMS_LANG_SV, 0), ISMS_OK);
    assert_int_equal(strlen(doc), len);
    assert_string_equal(doc,
                        "\xEF\xBB\xBF"
                        "Åtgärd-id;Åtgärd;Beskrivning;Ansvarig;Insats;Kostnad;Klart senast;"
                        "Status;Återkommande;Mål;Förutsättningar;Förväntad restrisk;"
                        "Förväntat nuläge\r\n"
                        "IS-1;Uppdatera policyn;\"Rad ett\nrad två\";Säkerhetssamordnare;M;"
                        "\"12500,5\";Q2 2025;Planerad;;\"krav:5.2, risk:R1, tillgång:\"\"HR "
                        "system\"\", R2\";IS-2;1/2;Delvis\r\n"
                        "IS-2;Klassa om;;;\"2,5\";;;Klar;Årligen;;;;\r\n");
    isms_free(doc);

    assert_int_equal(isms_plan_write_csv(&doc, &len, plan, ISMS_LANG_EN,
                                         ISMS_CSV_TAB | ISMS_CSV_NO_BOM | ISMS_CSV_LF),
                     ISMS_OK);
    assert_string_equal(doc,
                        "Action id\tAction\tDescription\tOwner\tEffort\tCost\tDue\tStatus\t"
                        "Recurrence\tTargets\tPrerequisites\tExpected residual\tExpected status\n"
                        "IS-1\tUppdatera policyn\t\"Rad ett\nrad två\"\tSäkerhetssamordnare\tM\t"
                        "12500.5\tQ2 2025\tPlanned\t\t\"req:5.2, risk:R1, asset:\"\"HR "
                        "system\"\", R2\"\tIS-2\t1/2\tPartial\n"
                        "IS-2\tKlassa om\t\t\t2.5\t\t\tDone\tYearly\t\t\t\t\n");
    isms_free(doc);
    isms_plan_free(plan);

    /* An empty plan is its header. */
    assert_int_equal(isms_plan_new(&plan, 2030), ISMS_OK);
    assert_int_equal(isms_plan_write_csv(&doc, NULL, plan, ISMS_LANG_EN,
                                         ISMS_CSV_COMMA | ISMS_CSV_NO_BOM | ISMS_CSV_LF),
                     ISMS_OK);
    assert_string_equal(doc, "Action id,Action,Description,Owner,Effort,Cost,Due,Status,"
                             "Recurrence,Targets,Prerequisites,Expected residual,"
                             "Expected status\n");
    isms_plan *back = NULL;
    assert_int_equal(isms_plan_parse_csv(&back, doc, strlen(doc), NULL, 2030, NULL), ISMS_OK);
    assert_int_equal(isms_plan_count(back), 0);
    isms_plan_free(back);
    isms_free(doc);
    isms_plan_free(plan);
}

/* A plan that uses every value: each status, recurrence and effort size, efforts in days with
 * decimals, costs with decimals, targets of every kind with ids that need quoting,
 * prerequisites in any order (also on later actions), multi-line texts and formulas. */
static isms_plan *rich_plan(void)
{
    static const char *const texts[] = {
        "Vanlig text", "Två\nrader", "Tre\r\nrader\r\n", "\"citat\"; semikolon, komma",
        "=SUMMA(A1:A3)", "+46 8 123 45", "-", "@ansvarig", "'=redan skyddad", " blanksteg ",
        "\tTab först", "",
    };
    const size_t nt = sizeof texts / sizeof *texts;
    static const double costs[] = { 0, 0.1, 1250.5, 12500, 0.30000000000000004, 1e9 + 0.25,
                                    123456789.125, 3e-7, 1e22 };
    static const double days[] = { 0, 0.125, 2.5, 3, 0.1, 99999.75, 1.0 / 3 };
    static const char *const dues[] = { "Q2 2025", "hösten", "2026-03-31", ("inför nästa "
                                        "verksamhetsplan"), "", "december" };
    static const char *const ids[] = { "R1", "6.1.2", "A.5.1", "HR system", "x,y;z",
                                       "med \"citat\"", "kolon:i", "slut:" };
    isms_plan *plan = NULL;
    assert_int_equal(isms_plan_new(&plan, 2025), ISMS_OK);
    for (int i = 0; i < 40; i++) {
        char id[32];
        snprintf(id, sizeof id, i % 7 == 3 ? "Åtgärd %d" : "A%d", i);
        isms_action *a = NULL;
        assert_int_equal(isms_plan_add(&a, plan, id, texts[(size_t)i % nt]), ISMS_OK);
        assert_int_equal(isms_action_set(a, ISMS_ACTION_DESCRIPTION, texts[(size_t)(i + 1) % nt]),
                         ISMS_OK);
        assert_int_equal(isms_action_set(a, ISMS_ACTION_OWNER, texts[(size_t)(i + 5) % nt]),
                         ISMS_OK);
        assert_int_equal(isms_action_set(a, ISMS_ACTION_DUE, dues[i % 6]), ISMS_OK);
        assert_int_equal(isms_action_set_status(a, (isms_action_status)(i % 5)), ISMS_OK);
        assert_int_equal(isms_action_set_recurrence(a, (isms_recurrence)(i % 4)), ISMS_OK);
        if (i % 3 == 0)
            assert_int_equal(isms_action_set_effort_size(a, (isms_effort_size)(i % 6)), ISMS_OK);
        else
            assert_int_equal(isms_action_set_effort(a, i % 8 == 7 ? -1 : days[i % 7]), ISMS_OK);
        assert_int_equal(isms_action_set_cost(a, i % 10 == 9 ? -1 : costs[i % 9]), ISMS_OK);
        for (int k = 0; k < i % 5; k++)
            assert_int_equal(isms_action_add_target(a, (isms_target_kind)((i + k) % 4),
                                                    ids[(size_t)(i + 3 * k) % 8]),
                             ISMS_OK);
        /* Prerequisites on earlier and later actions (only done ones wait for later ones, so
         * that there is no cycle), in any order. */
        if (i > 2) {
            char pre[32];
            snprintf(pre, sizeof pre, (i - 2) % 7 == 3 ? "Åtgärd %d" : "A%d", i - 2);
            assert_int_equal(isms_action_add_prerequisite(a, pre), ISMS_OK);
            snprintf(pre, sizeof pre, "A%d", i % 2);
            assert_int_equal(isms_action_add_prerequisite(a, pre), ISMS_OK);
        }
        if (i % 5 == 3 && i + 4 < 40) {
            char later[32];
            snprintf(later, sizeof later, (i + 4) % 7 == 3 ? "Åtgärd %d" : "A%d", i + 4);
            assert_int_equal(isms_action_add_prerequisite(a, later), ISMS_OK);
        }
        if (i % 4 == 1)
            assert_int_equal(isms_action_set_expected_residual(a, 1 + i % 4, i % 9 * 12),
                             ISMS_OK);
        if (i % 3 == 2)
            assert_int_equal(isms_action_set_expected_status(
                                 a, i % 2 ? ISMS_STATUS_YES : ISMS_STATUS_PARTIAL),
                             ISMS_OK);
    }
    return plan;
}

static void test_roundtrip(void **state)
{
    (void)state;
    static const char *const files[] = { "sv-excel-cp1252.csv", "en-comma-lf.csv", "no-id.tsv" };
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        isms_plan *plan = load(files[i], 2025, NULL);
        roundtrip_all(check_roundtrip, plan);
        isms_plan_free(plan);
    }
    isms_plan *plan = rich_plan();
    /* The rich plan has no cycle among its open actions, so it imports. */
    roundtrip_all(check_roundtrip, plan);
    isms_plan_free(plan);
    plan = small_plan();
    roundtrip_all(check_roundtrip, plan);
    isms_plan_free(plan);
}

static void test_formula_neutralisation(void **state)
{
    (void)state;
    isms_plan *plan = NULL;
    assert_int_equal(isms_plan_new(&plan, 2025), ISMS_OK);
    isms_action *a = NULL;
    assert_int_equal(isms_plan_add(&a, plan, "=1+1", "+SUMMA(A1)"), ISMS_OK);
    assert_int_equal(isms_action_set(a, ISMS_ACTION_OWNER, "@ansvarig"), ISMS_OK);
    assert_int_equal(isms_action_set(a, ISMS_ACTION_DESCRIPTION, "-x"), ISMS_OK);
    assert_int_equal(isms_action_add_target(a, ISMS_TARGET_ANY, "=cmd|' /C calc'!A0"),
                     ISMS_OK);
    assert_int_equal(isms_plan_add(&a, plan, "B", NULL), ISMS_OK);
    assert_int_equal(isms_action_add_prerequisite(a, "=1+1"), ISMS_OK);
    char *doc = NULL;
    assert_int_equal(isms_plan_write_csv(&doc, NULL, plan, ISMS_LANG_SV, ISMS_CSV_NO_BOM),
                     ISMS_OK);
    assert_contains(doc, "\r\n'=1+1;'+SUMMA(A1);'-x;'@ansvarig;");
    assert_contains(doc, ";\"\"\"=cmd|' /C calc'!A0\"\"\";"); /* starts with a quote */
    assert_contains(doc, "\r\nB;;;;;;;Föreslagen;;;'=1+1;;\r\n");
    for (const char *p = doc; (p = strpbrk(p, ";\n")) != NULL; p++)
        assert_false(p[1] == '=' || p[1] == '+' || p[1] == '@' || p[1] == '-');
    isms_free(doc);
    roundtrip_all(check_roundtrip, plan);
    isms_plan_free(plan);
}

/* Under a locale that writes decimal commas (where one is installed), numbers read and write
 * as they do in the C locale. */
static void check_decimal_comma(void)
{
    isms_plan *plan = parse("Id;Kostnad;Insats\nX;1250,50;2,5\nY;1250.75 kr;0.5\n", NULL);
    assert_true(isms_action_cost(at(plan, 0)) == 1250.5);
    assert_true(isms_action_effort(at(plan, 0)) == 2.5);
    assert_true(isms_action_cost(at(plan, 1)) == 1250.75);
    isms_plan_free(plan);
    plan = small_plan();
    char *doc = NULL;
    assert_int_equal(isms_plan_write_csv(&doc, NULL, plan, ISMS_LANG_EN, ISMS_CSV_TAB), ISMS_OK);
    assert_contains(doc, "\tM\t12500.5\t");
    assert_contains(doc, "\t2.5\t");
    isms_free(doc);
    isms_plan_free(plan);
    plan = rich_plan();
    roundtrip_all(check_roundtrip, plan);
    isms_plan_free(plan);
}

static void test_decimal_comma_locale(void **state)
{
    (void)state;
    with_decimal_comma(check_decimal_comma);
}

/* ---- notes ------------------------------------------------------------------------------ */

static void test_notes_all_or_none(void **state)
{
    (void)state;
    /* Notes come after those already in the list, in the list's language. */
    isms_findings *notes = notes_with_earlier(ISMS_LANG_EN);
    isms_plan *plan = load("sv-excel-cp1252.csv", 2025, notes);
    assert_int_equal(isms_findings_count(notes), 4);
    isms_finding f;
    assert_int_equal(isms_findings_get(&f, notes, 1), ISMS_OK);
    assert_string_equal(f.code, "csv-encoding");
    assert_string_equal(f.message, "The file is not UTF-8 and was read as Windows-1252.");
    isms_plan_free(plan);
    isms_findings_free(notes);

    /* A failing import adds none, though it would have noted the column and the id. */
    notes = notes_with_earlier(ISMS_LANG_SV);
    const char *text = "Id;Okänd;Förutsättningar\n;x;\nB;y;Z\n";
    assert_int_equal(isms_plan_parse_csv(&plan, text, strlen(text), NULL, 2025, notes),
                     ISMS_ENOTFOUND);
    assert_only_earlier(notes);
    isms_findings_free(notes);
}

/* ---- files ------------------------------------------------------------------------------ */

static void test_atomic_save(void **state)
{
    (void)state;
    char dir[] = "/tmp/isms-test-csv-action-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[256], missing[256];
    snprintf(path, sizeof path, "%s/actions.csv", dir);
    snprintf(missing, sizeof missing, "%s/no-such-dir/actions.csv", dir);
    isms_plan *plan = rich_plan();

    write_old_file(path, 0640);
    assert_int_equal(isms_plan_save_csv(path, plan, ISMS_LANG_SV, 0), ISMS_OK);
    assert_file_mode(path, 0640);
    isms_plan *back = NULL;
    assert_int_equal(isms_plan_load_csv(&back, path, 2025, NULL), ISMS_OK);
    assert_plans_equal(plan, back);
    isms_plan_free(back);
    assert_int_equal(count_dir(dir), 1);

    char *doc = NULL;
    size_t len = 0;
    assert_int_equal(isms_plan_write_csv(&doc, &len, plan, ISMS_LANG_EN, ISMS_CSV_COMMA),
                     ISMS_OK);
    assert_int_equal(isms_plan_save_csv(path, plan, ISMS_LANG_EN, ISMS_CSV_COMMA), ISMS_OK);
    assert_file_is_doc(path, doc, len);

    assert_int_equal(isms_plan_save_csv(missing, plan, ISMS_LANG_SV, 0), ISMS_EIO);
    assert_string_equal(isms_error_last()->source, missing);
    assert_int_equal(count_dir(dir), 1);
    unlink(path);
    assert_int_equal(rmdir(dir), 0);
    isms_plan_free(plan);
}

/* ---- allocation failure ----------------------------------------------------------------- */

static int import_for_sweep(void **obj, const char *data, size_t len, isms_findings *notes)
{
    isms_plan *plan = *obj;
    int rc = isms_plan_parse_csv(&plan, data, len, "sweep.csv", 2025, notes);
    *obj = plan;
    return rc;
}

static void done_for_sweep(void *obj, isms_findings *notes)
{
    (void)notes;
    assert_true(isms_plan_count(obj) > 0);
    isms_plan_free(obj);
}

static void test_alloc_failure_parse(void **state)
{
    (void)state;
    static const char *files[] = { "sv-excel-cp1252.csv", "en-comma-lf.csv", "no-id.tsv" };
    for (size_t i = 0; i < sizeof files / sizeof *files; i++)
        sweep_import_file(import_for_sweep, done_for_sweep, DATA, files[i]);
    /* The longest id (256 bytes: it needs a copy), generated ids, quoted list items. */
    char text[1500] = "Id;Förutsättningar;Mål\n  ";
    for (int i = 0; i < 256; i++)
        strcat(text, "y");
    strcat(text, "  ;;\"risk: R1, asset:\"\"a b\"\"\"\n;");
    for (int i = 0; i < 256; i++)
        strcat(text, "y");
    strcat(text, ";R2\n");
    sweep_import(import_for_sweep, done_for_sweep, text, strlen(text), true);

    isms_plan *plan = NULL;
    SWEEP(isms_plan_load_csv(&plan, DATA "no-id.tsv", 2025, NULL), assert_null(plan));
    assert_int_equal(isms_plan_count(plan), 3);
    isms_plan_free(plan);
}

static void test_alloc_failure_write(void **state)
{
    (void)state;
    isms_plan *plans[2] = { small_plan(), rich_plan() };
    for (size_t k = 0; k < 2; k++) {
        char *doc;
        size_t len;
        SWEEP_WRITE(doc, len, isms_plan_write_csv(&doc, &len, plans[k], ISMS_LANG_EN, 0));
        SWEEP_WRITE(doc, len,
                    isms_plan_write_csv(&doc, &len, plans[k], ISMS_LANG_SV, ISMS_CSV_COMMA));
    }
    char dir[] = "/tmp/isms-test-csv-action-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[256];
    snprintf(path, sizeof path, "%s/a.csv", dir);
    write_file(path, "old");
    SWEEP(isms_plan_save_csv(path, plans[1], ISMS_LANG_SV, 0), assert_old_file_kept(path, dir));
    isms_plan *back = NULL;
    assert_int_equal(isms_plan_load_csv(&back, path, 2025, NULL), ISMS_OK);
    assert_plans_equal(plans[1], back);
    isms_plan_free(back);
    unlink(path);
    rmdir(dir);
    for (size_t k = 0; k < 2; k++)
        isms_plan_free(plans[k]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sv_excel_cp1252),
        cmocka_unit_test(test_en_comma_lf),
        cmocka_unit_test(test_no_id_column),
        cmocka_unit_test(test_generated_ids),
        cmocka_unit_test(test_header_aliases),
        cmocka_unit_test(test_values),
        cmocka_unit_test(test_broken_files),
        cmocka_unit_test(test_broken_text),
        cmocka_unit_test(test_invalid_arguments),
        cmocka_unit_test(test_export_format),
        cmocka_unit_test(test_roundtrip),
        cmocka_unit_test(test_formula_neutralisation),
        cmocka_unit_test(test_decimal_comma_locale),
        cmocka_unit_test(test_notes_all_or_none),
        cmocka_unit_test(test_atomic_save),
        cmocka_unit_test(test_alloc_failure_parse),
        cmocka_unit_test(test_alloc_failure_write),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
