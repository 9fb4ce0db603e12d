/*
 * review: the yearly management review (ledningens genomgång) of an ISMS document.
 *
 *   review [--lang sv|en] [--html FILE] [DOC.isms.json]
 *
 * Loads the document (by default the fictitious Exempelstads kommun, examples/data/
 * exempelstad.isms.json; "-" is standard input), says what it holds, prints the key figures
 * (risks per band, compliance this year and last year, overdue items, findings per
 * severity) and writes the whole review as one self-contained HTML file, by default
 * ledningens-genomgang.html in the current directory. Swedish unless --lang en. Exit status:
 * 0 done; 2 bad arguments, a document that does not load, a file that cannot be written.
 */
#include <stdio.h>
#include <string.h>

#include <isms.h>

#ifndef EXAMPLE_DOCUMENT
#define EXAMPLE_DOCUMENT "examples/data/exempelstad.isms.json"
#endif

/* Says what went wrong, as file:line:column: message for errors in the document. */
static int fail(const char *what, int status)
{
    const isms_error *e = isms_error_last();
    if (e->line)
        fprintf(stderr, "%s:%u:%u: %s\n", e->source ? e->source : what, e->line, e->column,
                e->message);
    else
        fprintf(stderr, "%s: %s (%s)\n", what, e->message, isms_strerror(e->code));
    return status;
}

/* "Risker per nivå: Låg 3, Medel 5, Hög 3, Mycket hög 1", of inherent or residual risk. */
static int print_bands(const char *what, const isms_register *reg, isms_which which,
                       isms_lang lang)
{
    const isms_matrix *matrix = isms_register_matrix(reg);
    size_t counts[ISMS_SCALE_MAX_LEVELS * ISMS_SCALE_MAX_LEVELS] = { 0 }, unscored = 0;
    size_t n = isms_matrix_band_count(matrix);
    if (isms_register_band_counts(counts, n, &unscored, reg, which) != ISMS_OK)
        return fail("bands", 1);
    printf("  %s: ", what);
    for (size_t b = 0; b < n; b++) {
        isms_band band;
        isms_matrix_band(&band, matrix, b);
        printf("%s%s %zu", b ? ", " : "", lang == ISMS_LANG_SV ? band.label_sv : band.label_en,
               counts[b]);
    }
    if (unscored)
        printf(", %s %zu", lang == ISMS_LANG_SV ? "ej bedömda" : "not assessed", unscored);
    putchar('\n');
    return 0;
}

/* "Efterlevnad: 2024: 71,7 % (2023: 57,1 %)": the two latest gap analyses, with the weights
 * of yes, partial and no that the document's settings give. */
static int print_compliance(const isms_document *doc, isms_lang lang)
{
    size_t n = isms_document_assessment_count(doc);
    isms_settings settings;
    if (isms_document_settings(&settings, doc) != ISMS_OK)
        return fail("settings", 1);
    printf("  %s: ", lang == ISMS_LANG_SV ? "Efterlevnad" : "Compliance");
    for (size_t k = 0; k < n && k < 2; k++) {
        const isms_assessment *a = isms_document_assessment_at(doc, n - 1 - k);
        isms_summary s;
        if (isms_assessment_summarise(&s, a, &settings.compliance) != ISMS_OK)
            return fail("compliance", 1);
        int tenths = (int)(1000 * s.total.compliance + 0.5); /* 71,7 % or 71.7% */
        printf(k ? " (%d: %d%s%d%s)" : "%d: %d%s%d%s", isms_assessment_year(a), tenths / 10,
               lang == ISMS_LANG_SV ? "," : ".", tenths % 10, lang == ISMS_LANG_SV ? " %" : "%");
    }
    puts(n ? "" : "–");
    return 0;
}

/* "Försenade: 2" and "Anmärkningar: 4 (fel 0, varning 4, information 0)" from every lint of
 * the document: overdue requirements, actions and reclassifications are among the findings
 * (gap-overdue, plan-overdue, asset-reclassify-overdue). */
static int print_lint(isms_document *doc, isms_lang lang)
{
    isms_findings *findings = NULL;
    if (isms_findings_new(&findings, lang) != ISMS_OK ||
        isms_document_lint(findings, doc) != ISMS_OK) {
        isms_findings_free(findings);
        return fail("lint", 1);
    }
    size_t overdue = 0;
    for (size_t i = 0; i < isms_findings_count(findings); i++) {
        isms_finding f;
        isms_findings_get(&f, findings, i);
        overdue += strstr(f.code, "-overdue") != NULL;
    }
    printf("  %s: %zu\n", lang == ISMS_LANG_SV ? "Försenade" : "Overdue", overdue);
    printf("  %s: %zu", lang == ISMS_LANG_SV ? "Anmärkningar" : "Findings",
           isms_findings_count(findings));
    for (int s = ISMS_SEVERITY_ERROR; s >= ISMS_SEVERITY_INFO; s--)
        printf("%s%s %zu", s == ISMS_SEVERITY_ERROR ? " (" : ", ",
               isms_severity_label((isms_severity)s, lang),
               isms_findings_count_severity(findings, (isms_severity)s));
    printf(")\n");
    isms_findings_free(findings);
    return 0;
}

int main(int argc, char **argv)
{
    const char *path = EXAMPLE_DOCUMENT, *html = "ledningens-genomgang.html";
    isms_lang lang = ISMS_LANG_SV;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc) {
            if (isms_lang_parse(&lang, argv[++i]) != ISMS_OK)
                return fail("--lang", 2);
        } else if (strcmp(argv[i], "--html") == 0 && i + 1 < argc) {
            html = argv[++i];
        } else if (argv[i][0] == '-' && argv[i][1]) {
            fprintf(stderr, "usage: %s [--lang sv|en] [--html FILE] [DOC.isms.json]\n", argv[0]);
            return 2;
        } else {
            path = argv[i];
        }
    }
    const bool sv = lang == ISMS_LANG_SV;

    /* 1. Load the document: every error names the file, line, column and JSON path. */
    isms_document *doc = NULL;
    if (isms_document_load(&doc, path, NULL) != ISMS_OK)
        return fail(path, 2);

    const char *org = isms_document_get(doc, ISMS_DOC_ORGANISATION);
    if (!*org) { /* the review is about one organisation */
        fprintf(stderr, "%s: %s\n", path, sv ? "$.organisation är tom"
                                              : "$.organisation is empty");
        isms_document_free(doc);
        return 2;
    }

    /* 2. What it holds. */
    const char *unit = isms_document_get(doc, ISMS_DOC_UNIT);
    const char *title = isms_document_get(doc, ISMS_DOC_TITLE); /* "": the default title */
    printf("%s%s%s: ", org, *unit ? ", " : "", unit);
    if (*title)
        puts(title);
    else
        printf("%s %d\n", sv ? "Ledningens genomgång" : "Management review",
               isms_document_year(doc));
    const isms_register *reg = isms_document_register(doc);
    size_t na = isms_document_assessment_count(doc);
    printf("%s: %zu %s, %zu %s", sv ? "Innehåll" : "Contents", isms_register_count(reg),
           sv ? "risker" : "risks", na, sv ? "gapanalyser" : "gap analyses");
    for (size_t i = 0; i < na; i++)
        printf("%s%d", i ? ", " : " (", isms_assessment_year(isms_document_assessment_at(doc, i)));
    printf("%s, %zu %s, %zu %s, %zu %s\n", na ? ")" : "",
           isms_inventory_count(isms_document_inventory(doc)), sv ? "tillgångar" : "assets",
           isms_plan_count(isms_document_plan(doc)), sv ? "åtgärder" : "actions",
           isms_document_model_count(doc), sv ? "riskmodeller" : "risk models");

    /* 3. The key figures of the review's summary. */
    printf("\n%s\n", sv ? "Nyckeltal" : "Key figures");
    int rc = print_bands(sv ? "Risker per nivå" : "Risks per level", reg, ISMS_INHERENT, lang) ||
             print_bands(sv ? "Restrisker per nivå" : "Residual risks per level", reg,
                         ISMS_RESIDUAL, lang) ||
             print_compliance(doc, lang) || print_lint(doc, lang);

    /* 4. The review itself: one HTML file with inline CSS and SVG, saved atomically. */
    if (rc == 0) {
        isms_report_options options;
        isms_report_options_init(&options, doc);
        options.format = ISMS_REPORT_HTML;
        options.lang = lang;
        int err = isms_report_save(doc, html, &options);
        if (err == ISMS_OK)
            printf("\n%s: %s\n", sv ? "Ledningens genomgång skriven till"
                                     : "Management review written to", html);
        else
            rc = fail(html, err == ISMS_ENOMEM ? 1 : 2);
    }
    isms_document_free(doc);
    return rc;
}
