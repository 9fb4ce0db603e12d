/*
 * gap-analysis: import a gap analysis against ISO/IEC 27001 from a spreadsheet export, tell
 * which edition it is written against and why, summarise it per chapter (counts, compliance,
 * coverage), list what lint finds in it, convert it to the 2022 edition, and compare it with
 * last year's table.
 *
 *   gap-analysis [--lang sv|en] [--previous FILE] [FILE.csv]
 *
 * Without FILE it reads the fictitious sample of Exempelby kommun in examples/data/ (a
 * Swedish Excel export: Windows-1252, semicolons, CRLF, title rows, line breaks in cells),
 * assessed in 2024, and compares it with the sample of 2023 unless --previous names another
 * table. The edition is always inferred from the table. Output is in Swedish unless
 * --lang en.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <isms.h>

#ifndef EXAMPLE_DATA
#define EXAMPLE_DATA "examples/data/gap-analysis-2024.csv"
#endif
#ifndef EXAMPLE_PREVIOUS
#define EXAMPLE_PREVIOUS "examples/data/gap-analysis-2023.csv"
#endif

enum { YEAR = 2024 };

/* Number of characters (code points) in UTF-8 text. */
static int utf8_chars(const char *s)
{
    int n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* Prints `s` padded with spaces to `width` characters, at least one space after it; longer
 * text is cut and ends in "…". Line breaks in the text are printed as spaces. */
static void print_cell(const char *s, int width)
{
    int len = utf8_chars(s);
    int room = width - 1;
    int keep = len > room ? room - 1 : len;
    const char *p = s;
    for (int i = 0; i < keep; i++) {
        if (*p == '\n' || *p == '\r')
            putchar(' ');
        else
            putchar(*p);
        p++;
        while (((unsigned char)*p & 0xC0) == 0x80)
            putchar(*p++);
    }
    if (len > room)
        fputs("…", stdout);
    for (int i = len > room ? room : len; i < width; i++)
        putchar(' ');
}

/* Like print_cell(), but right-aligned (numbers). */
static void print_num(const char *s, int width)
{
    for (int i = utf8_chars(s); i < width; i++)
        putchar(' ');
    fputs(s, stdout);
}

static void rule(int width)
{
    for (int i = 0; i < width; i++)
        fputs("─", stdout);
    putchar('\n');
}

/* A fraction as a percentage with one decimal: "60,4 %" in Swedish, "60.4%" in English. */
static void percent(char *buf, size_t size, double fraction, isms_lang lang)
{
    snprintf(buf, size, lang == ISMS_LANG_SV ? "%.1f %%" : "%.1f%%", fraction * 100.0);
    if (lang == ISMS_LANG_SV) {
        char *dot = strchr(buf, '.');
        if (dot)
            *dot = ',';
    }
}

/* The library has no words for the basis of an edition: say it here. */
static const char *basis_text(isms_edition_basis basis, isms_lang lang)
{
    const bool sv = lang == ISMS_LANG_SV;
    switch (basis) {
    case ISMS_BASIS_GIVEN:
        return sv ? "angiven av anroparen" : "given by the caller";
    case ISMS_BASIS_NAMED:
        return sv ? "namngiven i tabellen" : "named in the table";
    case ISMS_BASIS_NEW_CLAUSES:
        return sv ? "tabellen har 6.3, 9.2.x eller 9.3.x (nya i 2022)"
                  : "the table has 6.3, 9.2.x or 9.3.x (new in 2022)";
    case ISMS_BASIS_CLAUSE_TITLES:
        return sv ? "kravtexterna för 10.1 och 10.2 (avvikelser och ständig förbättring)"
                  : "the requirement texts of 10.1 and 10.2 (nonconformity, improvement)";
    case ISMS_BASIS_CLAUSE_SET:
        return sv ? "avsnitten är precis de i 2013 års utgåva"
                  : "the clauses are exactly those of the 2013 edition";
    case ISMS_BASIS_ANNEX_A:
        return sv ? "formen på bilaga A-referenserna" : "the form of the Annex A references";
    case ISMS_BASIS_DEFAULT:
        return sv ? "inget i tabellen avgjorde; den gällande utgåvan antogs"
                  : "nothing in the table told; the current edition was assumed";
    }
    return "?";
}

/* The catalog's chapter titles are English only; the Swedish standard's headings are here. */
static const char *chapter_title(const isms_catalog *cat, int chapter, isms_lang lang)
{
    static const char *const sv[] = { "Organisationens förutsättningar", "Ledarskap",
                                      "Planering",  "Stöd", "Verksamhet",
                                      "Utvärdering av prestanda", "Förbättring" };
    if (lang == ISMS_LANG_SV)
        return sv[chapter - 4];
    char id[4];
    snprintf(id, sizeof id, "%d", chapter);
    return isms_item_title(isms_catalog_find(cat, id, ISMS_SCOPE_CLAUSES));
}

static void print_findings(const isms_findings *list, isms_lang lang)
{
    for (size_t i = 0; i < isms_findings_count(list); i++) {
        isms_finding f;
        isms_findings_get(&f, list, i);
        printf("  ");
        print_cell(isms_severity_label(f.severity, lang), 12);
        print_cell(*f.ref ? f.ref : "–", 7);
        printf("%s  [%s]\n", f.message, f.code);
    }
}

enum { W_LABEL = 40, W_PCT = 13 };
/* Widths of the count columns: yes, partial, no, not applicable, not assessed. */
static const int w_count[5] = { 5, 8, 5, 5, 14 };

static void tally_row(const char *label, const isms_tally *t, isms_lang lang)
{
    static const isms_status order[] = { ISMS_STATUS_YES, ISMS_STATUS_PARTIAL, ISMS_STATUS_NO,
                                         ISMS_STATUS_NOT_APPLICABLE,
                                         ISMS_STATUS_NOT_ASSESSED };
    char buf[32];
    print_cell(label, W_LABEL);
    for (size_t i = 0; i < sizeof order / sizeof *order; i++) {
        snprintf(buf, sizeof buf, "%u", t->counts[order[i]]);
        print_num(buf, w_count[i]);
    }
    if (t->assessed)
        percent(buf, sizeof buf, t->compliance, lang);
    else
        snprintf(buf, sizeof buf, "–");
    print_num(buf, W_PCT);
    if (t->applicable)
        percent(buf, sizeof buf, t->coverage, lang);
    else
        snprintf(buf, sizeof buf, "–");
    print_num(buf, W_PCT);
    putchar('\n');
}

/* Counts, compliance and coverage per chapter and in all. */
static int print_summary(const isms_assessment *a, isms_lang lang)
{
    const bool sv = lang == ISMS_LANG_SV;
    isms_summary s;
    if (isms_assessment_summarise(&s, a, NULL) != ISMS_OK)
        return -1;
    print_cell(sv ? "Kapitel" : "Chapter", W_LABEL);
    print_num(sv ? "Ja" : "Yes", w_count[0]);
    print_num(sv ? "Delvis" : "Partial", w_count[1]);
    print_num(sv ? "Nej" : "No", w_count[2]);
    print_num(sv ? "E/T" : "N/A", w_count[3]);
    print_num(sv ? "Ej bedömd" : "Not assessed", w_count[4]);
    print_num(sv ? "Efterlevnad" : "Compliance", W_PCT);
    print_num(sv ? "Täckning" : "Coverage", W_PCT);
    putchar('\n');
    int width = W_LABEL + 2 * W_PCT;
    for (int i = 0; i < 5; i++)
        width += w_count[i];
    rule(width);
    const isms_catalog *cat = isms_assessment_catalog(a);
    for (int c = 4; c <= 10; c++) {
        char label[96];
        snprintf(label, sizeof label, "%2d %s", c, chapter_title(cat, c, lang));
        tally_row(label, &s.chapter[c - 4], lang);
    }
    rule(width);
    tally_row(sv ? "Totalt" : "Total", &s.total, lang);
    if (s.unknown)
        printf("%s: %u\n", sv ? "Rader som inte är krav (rubriker, okända referenser)"
                              : "Rows that are not requirements (headings, unknown references)",
               s.unknown);
    printf("%s\n", sv ? "Efterlevnad = (Ja + ½·Delvis) / bedömda; täckning = bedömda / tillämpliga."
                      : "Compliance = (yes + ½·partial) / assessed; coverage = assessed / "
                        "applicable.");
    return 0;
}

/* The table as read: reference, status, need and the due date with the period read from it. */
static void print_entries(const isms_assessment *a, isms_lang lang)
{
    const bool sv = lang == ISMS_LANG_SV;
    bool assumed = false;
    print_cell(sv ? "ISO" : "Clause", 8);
    print_cell(sv ? "Nuläge" : "Status", 16);
    print_cell(sv ? "Behov" : "Need", 8);
    print_cell(sv ? "Ansvarig" : "Owner", 25);
    print_cell(sv ? "Datum (som skrivet)" : "Due (as written)", 34);
    puts("Period");
    rule(101);
    for (size_t i = 0; i < isms_assessment_count(a); i++) {
        const isms_entry *e = isms_assessment_at(a, i);
        const char *need = isms_need_label(isms_entry_need(e), lang);
        const char *owner = isms_entry_get(e, ISMS_FIELD_OWNER);
        const char *due = isms_entry_get(e, ISMS_FIELD_DUE);
        isms_period p = isms_entry_due(e);
        char period[32];
        if (p.kind == ISMS_PERIOD_NONE)
            snprintf(period, sizeof period, "–");
        else if (p.kind == ISMS_PERIOD_UNPARSED)
            snprintf(period, sizeof period, "?");
        else {
            char f[16] = "";
            isms_period_format(f, sizeof f, &p);
            snprintf(period, sizeof period, "%s%s", f, p.year_assumed ? " *" : "");
            assumed |= p.year_assumed;
        }
        print_cell(isms_entry_ref(e), 8);
        print_cell(isms_status_label(isms_entry_status(e), lang), 16);
        print_cell(*need ? need : "–", 8);
        print_cell(*owner ? owner : "–", 25);
        print_cell(*due ? due : "–", 34);
        printf("%s\n", period);
    }
    if (assumed)
        printf("* %s %d\n", sv ? "utan år i texten: bedömningsåret antaget," : "no year in the "
               "text: the year assessed was assumed,", isms_assessment_year(a));
}

/* Requirements whose number changed in the conversion (10.1 ↔ 10.2, 9.2 → 9.2.1, …). */
static void print_moved(const isms_assessment *converted, isms_lang lang)
{
    const bool sv = lang == ISMS_LANG_SV;
    printf("%s:\n", sv ? "Krav som bytt nummer eller delats upp" : "Requirements renumbered or "
                                                                   "split");
    for (size_t i = 0; i < isms_assessment_count(converted); i++) {
        const isms_entry *e = isms_assessment_at(converted, i);
        const char *origin = isms_entry_get(e, ISMS_FIELD_ORIGIN);
        const char *colon = strstr(origin, ": ");
        const char *from = colon ? colon + 2 : origin;
        if (!*origin || strcmp(from, isms_entry_ref(e)) == 0)
            continue;
        printf("  ");
        print_cell(isms_entry_ref(e), 8);
        printf("← %-12s %s\n", origin,
               isms_status_label(isms_entry_status(e), lang));
    }
}

static void print_comparison(const isms_comparison *cmp, isms_lang lang)
{
    const bool sv = lang == ISMS_LANG_SV;
    static const isms_change changes[] = { ISMS_CHANGE_IMPROVED, ISMS_CHANGE_REGRESSED,
                                           ISMS_CHANGE_NEW, ISMS_CHANGE_REMOVED,
                                           ISMS_CHANGE_UNCHANGED };
    for (size_t i = 0; i < sizeof changes / sizeof *changes; i++) {
        char n[16];
        printf("  ");
        print_cell(isms_change_label(changes[i], lang), 14);
        snprintf(n, sizeof n, "%zu", isms_comparison_count_change(cmp, changes[i]));
        print_num(n, 4);
        putchar('\n');
    }
    putchar('\n');
    print_cell(sv ? "ISO" : "Clause", 8);
    print_cell(sv ? "Förra året" : "Last year", 16);
    print_cell(sv ? "I år" : "This year", 16);
    printf("%s\n", sv ? "Förändring" : "Change");
    rule(56);
    for (size_t i = 0; i < isms_comparison_count(cmp); i++) {
        isms_delta d;
        if (isms_comparison_get(&d, cmp, i) != ISMS_OK || d.change == ISMS_CHANGE_UNCHANGED)
            continue;
        print_cell(d.ref, 8);
        print_cell(isms_status_label(d.before, lang), 16);
        print_cell(isms_status_label(d.after, lang), 16);
        printf("%s%s\n", d.change == ISMS_CHANGE_REGRESSED ? "▼ " :
                         d.change == ISMS_CHANGE_IMPROVED  ? "▲ " : "  ",
               isms_change_label(d.change, lang));
    }
}

static int fail(const char *what)
{
    const isms_error *e = isms_error_last();
    if (e->line)
        fprintf(stderr, "%s: %s:%u:%u: %s\n", what, e->source ? e->source : "", e->line,
                e->column, e->message);
    else
        fprintf(stderr, "%s: %s (%s)\n", what, e->message, isms_strerror(e->code));
    return 1;
}

int main(int argc, char **argv)
{
    const char *path = EXAMPLE_DATA;
    const char *previous = EXAMPLE_PREVIOUS;
    bool default_previous = true;
    isms_lang lang = ISMS_LANG_SV;

    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc) {
            if (isms_lang_parse(&lang, argv[++i]) != ISMS_OK)
                return fail("--lang");
        } else if (strcmp(argv[i], "--previous") == 0 && i + 1 < argc) {
            previous = argv[++i];
            default_previous = false;
        } else if (argv[i][0] == '-') {
            fprintf(stderr, "usage: %s [--lang sv|en] [--previous FILE] [FILE.csv]\n",
                    argv[0]);
            return 2;
        } else {
            path = argv[i];
            if (default_previous)
                previous = NULL; /* another table: compare only when asked */
        }
    }
    const bool sv = lang == ISMS_LANG_SV;

    int rc = 1;
    isms_findings *notes = NULL, *findings = NULL, *report = NULL, *prev_notes = NULL;
    isms_assessment *a = NULL, *converted = NULL, *before = NULL;
    isms_comparison *cmp = NULL;
    if (isms_findings_new(&notes, lang) != ISMS_OK ||
        isms_findings_new(&findings, lang) != ISMS_OK ||
        isms_findings_new(&report, lang) != ISMS_OK ||
        isms_findings_new(&prev_notes, lang) != ISMS_OK) {
        fail("findings");
        goto out;
    }

    /* 1. Import, the edition inferred from the table. */
    if (isms_assessment_load_csv(&a, path, ISMS_EDITION_UNKNOWN, YEAR, notes) != ISMS_OK) {
        fail(path);
        goto out;
    }
    char date[16];
    isms_date_format(date, sizeof date, isms_assessment_date(a));
    printf("%s: %s\n", sv ? "Gapanalys" : "Gap analysis", path);
    printf("%s %zu, %s %d, %s %s\n", sv ? "Rader:" : "Rows:", isms_assessment_count(a),
           sv ? "bedömningsår" : "year assessed", isms_assessment_year(a),
           sv ? "referensdatum" : "reference date", date);
    printf("%s %s\n", sv ? "Utgåva:" : "Edition:", isms_edition_name(isms_assessment_edition(a)));
    printf("%s %s\n\n", sv ? "Avgjort av:" : "Decided by:",
           basis_text(isms_assessment_edition_basis(a), lang));
    if (isms_findings_count(notes)) {
        printf("%s:\n", sv ? "Om importen" : "About the import");
        print_findings(notes, lang);
        putchar('\n');
    }

    print_entries(a, lang);
    putchar('\n');

    /* 2. Summary per chapter. */
    printf("%s (%s)\n", sv ? "Sammanställning" : "Summary",
           isms_edition_name(isms_assessment_edition(a)));
    if (print_summary(a, lang)) {
        fail("summary");
        goto out;
    }

    /* 3. Lint. */
    if (isms_assessment_lint(findings, a, NULL) != ISMS_OK) {
        fail("lint");
        goto out;
    }
    printf("\n%s (%zu, %s %s):\n", sv ? "Anmärkningar" : "Findings",
           isms_findings_count(findings), sv ? "per" : "as of", date);
    print_findings(findings, lang);

    /* 4. Conversion to the 2022 edition. */
    if (isms_assessment_convert(&converted, a, ISMS_EDITION_2022, report) != ISMS_OK) {
        fail("convert");
        goto out;
    }
    printf("\n%s %s:\n", sv ? "Omräknad till" : "Converted to",
           isms_edition_name(ISMS_EDITION_2022));
    print_findings(report, lang);
    putchar('\n');
    print_moved(converted, lang);
    putchar('\n');
    printf("%s (%s)\n", sv ? "Sammanställning" : "Summary",
           isms_edition_name(ISMS_EDITION_2022));
    if (print_summary(converted, lang)) {
        fail("summary");
        goto out;
    }

    /* 5. Comparison with last year. */
    if (previous) {
        if (isms_assessment_load_csv(&before, previous, ISMS_EDITION_UNKNOWN, YEAR - 1,
                                     prev_notes) != ISMS_OK) {
            fail(previous);
            goto out;
        }
        if (isms_assessment_compare(&cmp, before, a) != ISMS_OK) {
            fail("compare");
            goto out;
        }
        isms_summary s_before, s_after;
        if (isms_assessment_summarise(&s_before, before, NULL) != ISMS_OK ||
            isms_assessment_summarise(&s_after, a, NULL) != ISMS_OK) {
            fail("summary");
            goto out;
        }
        char p_before[16], p_after[16];
        percent(p_before, sizeof p_before, s_before.total.compliance, lang);
        percent(p_after, sizeof p_after, s_after.total.compliance, lang);
        printf("\n%s: %s (%s, %d)\n", sv ? "Jämfört med förra året" : "Compared with last year",
               previous, isms_edition_name(isms_assessment_edition(before)),
               isms_assessment_year(before));
        printf("%s %s → %s\n", sv ? "Efterlevnad:" : "Compliance:", p_before, p_after);
        print_comparison(cmp, lang);
    }
    rc = 0;

out:
    isms_comparison_free(cmp);
    isms_assessment_free(before);
    isms_assessment_free(converted);
    isms_assessment_free(a);
    isms_findings_free(prev_notes);
    isms_findings_free(report);
    isms_findings_free(findings);
    isms_findings_free(notes);
    return rc;
}
