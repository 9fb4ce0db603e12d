/* Importing, summarising, linting, exporting and converting a gap table of 100,000 rows.
 *
 * usage: bench-gap [ROWS [RUNS]]   (default 100000 rows, 5 runs)
 *
 * A gap table is generated in memory as Swedish Excel writes it (semicolons, UTF-8 with BOM,
 * CRLF, the Swedish headers ISO, Krav, Nuläge, Kommentar, Handlingsplan, Ansvarig,
 * Åtgärdsbehov, Datum), about 200 bytes a row of Swedish text with å, ä and ö, some cells
 * quoted with line breaks and semicolons inside. The first 140 rows are the requirements of
 * ISO/IEC 27001:2013 (the 26 clauses and the 114 Annex A controls, so that the edition is
 * inferred as 2013); the rest carry unique custom ids `K-000141`, … that the catalog does not
 * know (lint reports each one). Each phase runs RUNS times and the best time is printed: import
 * (isms_assessment_parse_csv, in MB/s and rows/s), summary, lint, export
 * (isms_assessment_write_csv) and conversion to the 2022 edition. The results are checked
 * (entry count, edition, the status counts of the 140 requirements, the error findings, an
 * export → import round trip, the converted entry count); the program fails only when they are
 * wrong, never because of a time. The key figures are also printed as result lines for
 * tests/bench/run-all.py.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench-util.h"
#include "isms.h"

static uint64_t rng = 0x9E3779B97F4A7C15u;

#define PICK(array) ((array)[next_rand(&rng) % (sizeof(array) / sizeof *(array))])

static int fail(const char *what)
{
    const isms_error *e = isms_error_last();
    fflush(stdout);
    fprintf(stderr, "bench-gap: %s: %s (%s)\n", what, isms_strerror(e->code), e->message);
    return 1;
}

static int wrong(const char *what, size_t got, size_t expected)
{
    fflush(stdout);
    fprintf(stderr, "bench-gap: %s: %zu, expected %zu\n", what, got, expected);
    return 1;
}

/* ---- the table ------------------------------------------------------------------------ */

typedef struct text {
    char *data;
    size_t len, cap;
} text;

static int put(text *t, const char *s)
{
    size_t n = strlen(s);
    if (t->len + n + 1 > t->cap) {
        size_t cap = t->cap ? t->cap : 1u << 20;
        while (cap < t->len + n + 1)
            cap *= 2;
        char *p = realloc(t->data, cap);
        if (!p)
            return -1;
        t->data = p;
        t->cap = cap;
    }
    memcpy(t->data + t->len, s, n + 1);
    t->len += n;
    return 0;
}

static const char *const requirement_texts[] = {
    "Bedömning av informationssäkerhetsrisker",
    "Behandling av informationssäkerhetsrisker",
    "Styrning av dokumenterad information",
    "Åtkomst till nätverk och nätverkstjänster",
    "Säkerhetskopiering av information",
    "Hantering av sårbarheter i förvaltade system",
    "Leverantörsrelationer och avtal om informationssäkerhet",
    "Utbildning och medvetenhet för medarbetare i förvaltningarna",
};

/* Status as people type it, with the status it means. */
static const struct {
    const char *text;
    isms_status status;
} statuses[] = {
    { "Ja", ISMS_STATUS_YES },          { "JA", ISMS_STATUS_YES },
    { "ja", ISMS_STATUS_YES },          { "Delvis", ISMS_STATUS_PARTIAL },
    { "delvis", ISMS_STATUS_PARTIAL },  { "DELVIS", ISMS_STATUS_PARTIAL },
    { "Nej", ISMS_STATUS_NO },          { "nej", ISMS_STATUS_NO },
    { "Ej tillämplig", ISMS_STATUS_NOT_APPLICABLE },
    { "", ISMS_STATUS_NOT_ASSESSED },
};

static const char *const comments[] = {
    "\"Rutinen finns men följs inte upp av förvaltningarna; ansvaret är oklart.\"",
    "\"Dokumenterat i den lokala instruktionen;\nuppdateras årligen av säkerhetssamordnaren.\"",
    "Behörigheter granskas två gånger per år i verksamhetssystemen för skola och omsorg.",
    "Åtgärden är påbörjad i socialförvaltningen men återstår för övriga förvaltningar.",
    ("\"Säkerhetskopior tas dagligen; återläsning är inte testad sedan flytten till ny "
     "driftmiljö.\""),
    "",
};

static const char *const plans[] = {
    "Ta fram en rutin och förankra den i ledningsgruppen.",
    "\"1. Inventera system.\n2. Utse informationsägare; klassa informationen.\"",
    "Genomför nätfiskeövning och uppföljande utbildning för alla medarbetare.",
    "Inför årlig granskning av behörigheter i samtliga verksamhetssystem.",
    "",
};

static const char *const owners[] = {
    "Säkerhetssamordnare", "IT-chef", "Kommundirektör", "Förvaltningschef", "KSF", "IT-avd", "HR",
    "",
};

static const char *const needs[] = { "", "Ingen", "Låg", "Medel", "Hög", "HÖG", "medel" };

static const char *const dues[] = {
    "februari", "Q1 2025", "T2 2025", "våren 2025", ("\"under 2025 med uppföljning i "
    "tertialrapporterna\""), "inför nästa verksamhetsplan", "2024-06-30", "hösten 2025", "",
};

/* Builds the table. `expect` receives the status counts of the catalog's requirements. */
static int make_table(text *t, size_t rows, const isms_catalog *cat, unsigned expect[5])
{
    size_t n_req = isms_catalog_requirement_count(cat, ISMS_SCOPE_BOTH);
    char cell[64];
    if (put(t, "\xEF\xBB\xBF" "ISO;Krav;Nuläge;Kommentar;Handlingsplan;Ansvarig;Åtgärdsbehov;"
               "Datum\r\n"))
        return -1;
    for (size_t i = 0; i < rows; i++) {
        const char *ref, *krav = PICK(requirement_texts);
        if (i < n_req) {
            const isms_item *it = isms_catalog_requirement(cat, ISMS_SCOPE_BOTH, i);
            ref = isms_item_id(it);
            /* 10.1 and 10.2 as the 2013 edition words them: the edition can be inferred */
            if (strcmp(ref, "10.1") == 0)
                krav = "Avvikelser och korrigerande åtgärder";
            else if (strcmp(ref, "10.2") == 0)
                krav = "Ständig förbättring";
        } else {
            snprintf(cell, sizeof cell, "K-%06zu", i + 1);
            ref = cell;
        }
        int s = (int)(next_rand(&rng) % (sizeof statuses / sizeof *statuses));
        if (i < n_req)
            expect[statuses[s].status]++;
        if (put(t, ref) || put(t, ";") || put(t, krav) || put(t, ";") ||
            put(t, statuses[s].text) || put(t, ";") || put(t, PICK(comments)) ||
            put(t, ";") || put(t, PICK(plans)) || put(t, ";") || put(t, PICK(owners)) ||
            put(t, ";") || put(t, PICK(needs)) || put(t, ";") || put(t, PICK(dues)) ||
            put(t, "\r\n"))
            return -1;
    }
    return 0;
}

/* ---- measuring ------------------------------------------------------------------------ */

static void row(const char *phase, double seconds, double bytes, size_t rows)
{
    printf("%-44s %9.4f ", phase, seconds);
    if (bytes > 0)
        printf("%9.1f", bytes / seconds / 1e6);
    else
        printf("%9s", "–");
    printf(" %12.0f\n", (double)rows / seconds);
}

int main(int argc, char **argv)
{
    size_t n = argc > 1 ? strtoull(argv[1], NULL, 10) : 100000;
    int runs = argc > 2 ? atoi(argv[2]) : 5;
    const isms_catalog *c2013 = isms_catalog_get(ISMS_EDITION_2013);
    const isms_catalog *c2022 = isms_catalog_get(ISMS_EDITION_2022);
    const size_t n_req = isms_catalog_requirement_count(c2013, ISMS_SCOPE_BOTH);
    if (n < n_req)
        n = n_req;
    if (runs < 1)
        runs = 1;

    text t = { NULL, 0, 0 };
    unsigned expect[ISMS_STATUS_COUNT] = { 0 };
    if (make_table(&t, n, c2013, expect))
        return fail("generating the table");
    const double mb = (double)t.len;

    printf("libisms %s: a gap table of %zu rows, %.1f MB (%.0f bytes per row), UTF-8 with BOM, "
           "semicolons, CRLF; best of %d runs, one thread\n",
           isms_version(), n, mb / 1e6, mb / (double)n, runs);
    printf("%-44s %9s %9s %12s\n", "phase", "seconds", "MB/s", "rows/s");

    double best_import = 1e30, best_sum = 1e30, best_lint = 1e30, best_export = 1e30,
           best_convert = 1e30;
    size_t n_findings = 0, n_errors = 0, n_report = 0, out_len = 0, n_converted = 0;
    isms_summary sum;
    isms_assessment *a = NULL;
    for (int r = 0; r < runs; r++) {
        isms_assessment_free(a);
        a = NULL;
        double t0 = now();
        if (isms_assessment_parse_csv(&a, t.data, t.len, "bench", ISMS_EDITION_UNKNOWN, 2024,
                                      NULL) != ISMS_OK)
            return fail("isms_assessment_parse_csv");
        double dt = now() - t0;
        best_import = dt < best_import ? dt : best_import;
        if (isms_assessment_count(a) != n)
            return wrong("entries after import", isms_assessment_count(a), n);
        if (isms_assessment_edition(a) != ISMS_EDITION_2013)
            return wrong("edition inferred (1 = 2013)", (size_t)isms_assessment_edition(a),
                         ISMS_EDITION_2013);
    }
    row("import (isms_assessment_parse_csv)", best_import, mb, n);

    for (int r = 0; r < runs; r++) {
        double t0 = now();
        if (isms_assessment_summarise(&sum, a, NULL) != ISMS_OK)
            return fail("isms_assessment_summarise");
        double dt = now() - t0;
        best_sum = dt < best_sum ? dt : best_sum;
    }
    row("summarise (isms_assessment_summarise)", best_sum, 0, n);
    for (int s = 0; s < ISMS_STATUS_COUNT; s++)
        if (sum.total.counts[s] != expect[s])
            return wrong(isms_status_name((isms_status)s), sum.total.counts[s], expect[s]);
    if (sum.unknown != n - n_req)
        return wrong("rows outside the catalog", sum.unknown, n - n_req);

    for (int r = 0; r < runs; r++) {
        isms_findings *f = NULL;
        if (isms_findings_new(&f, ISMS_LANG_SV) != ISMS_OK)
            return fail("isms_findings_new");
        double t0 = now();
        if (isms_assessment_lint(f, a, NULL) != ISMS_OK)
            return fail("isms_assessment_lint");
        double dt = now() - t0;
        best_lint = dt < best_lint ? dt : best_lint;
        n_findings = isms_findings_count(f);
        n_errors = isms_findings_count_severity(f, ISMS_SEVERITY_ERROR);
        isms_findings_free(f);
    }
    row("lint (isms_assessment_lint)", best_lint, 0, n);
    if (n_errors != n - n_req) /* gap-unknown-ref, one per custom id */
        return wrong("lint errors", n_errors, n - n_req);

    char *out = NULL;
    for (int r = 0; r < runs; r++) {
        isms_free(out);
        out = NULL;
        double t0 = now();
        if (isms_assessment_write_csv(&out, &out_len, a, ISMS_LANG_SV, ISMS_CSV_DEFAULT) !=
            ISMS_OK)
            return fail("isms_assessment_write_csv");
        double dt = now() - t0;
        best_export = dt < best_export ? dt : best_export;
    }
    row("export (isms_assessment_write_csv)", best_export, (double)out_len, n);

    /* Round trip: the export reads back to the same table. */
    isms_assessment *back = NULL;
    if (isms_assessment_parse_csv(&back, out, out_len, "export", ISMS_EDITION_UNKNOWN, 2024,
                                  NULL) != ISMS_OK)
        return fail("reading the export back");
    isms_summary sum_back;
    if (isms_assessment_summarise(&sum_back, back, NULL) != ISMS_OK)
        return fail("isms_assessment_summarise");
    if (isms_assessment_count(back) != n)
        return wrong("entries after export and import", isms_assessment_count(back), n);
    if (isms_assessment_edition(back) != ISMS_EDITION_2013)
        return wrong("edition after the round trip (1 = 2013)",
                     (size_t)isms_assessment_edition(back), ISMS_EDITION_2013);
    for (int s = 0; s < ISMS_STATUS_COUNT; s++)
        if (sum_back.total.counts[s] != expect[s])
            return wrong("status count after the round trip", sum_back.total.counts[s],
                         expect[s]);
    for (size_t i = 0; i < n; i += 997) {
        const isms_entry *x = isms_assessment_at(a, i), *y = isms_assessment_at(back, i);
        for (int f = ISMS_FIELD_TEXT; f <= ISMS_FIELD_DUE; f++)
            if (strcmp(isms_entry_get(x, (isms_entry_field)f),
                       isms_entry_get(y, (isms_entry_field)f)) != 0 ||
                strcmp(isms_entry_ref(x), isms_entry_ref(y)) != 0 ||
                isms_entry_status(x) != isms_entry_status(y) ||
                isms_entry_need(x) != isms_entry_need(y)) {
                fprintf(stderr, "bench-gap: row %zu (%s) differs after the round trip\n", i,
                        isms_entry_ref(x));
                return 1;
            }
    }
    isms_assessment_free(back);
    isms_free(out);

    for (int r = 0; r < runs; r++) {
        isms_findings *report = NULL;
        isms_assessment *c = NULL;
        if (isms_findings_new(&report, ISMS_LANG_SV) != ISMS_OK)
            return fail("isms_findings_new");
        double t0 = now();
        if (isms_assessment_convert(&c, a, ISMS_EDITION_2022, report) != ISMS_OK)
            return fail("isms_assessment_convert");
        double dt = now() - t0;
        best_convert = dt < best_convert ? dt : best_convert;
        n_converted = isms_assessment_count(c);
        n_report = isms_findings_count(report);
        isms_assessment_free(c);
        isms_findings_free(report);
    }
    row("convert to 2022 (isms_assessment_convert)", best_convert, 0, n);
    size_t n_req_2022 = isms_catalog_requirement_count(c2022, ISMS_SCOPE_BOTH);
    if (n_converted != n_req_2022)
        return wrong("entries after conversion", n_converted, n_req_2022);
    if (n_report < n - n_req) /* convert-not-carried, one per custom id */
        return wrong("conversion report", n_report, n - n_req);

    char pct[32];
    snprintf(pct, sizeof pct, "%.1f %%", sum.total.compliance * 100.0);
    printf("\nedition inferred: %s; requirements: yes %u, partial %u, no %u, not applicable %u, "
           "not assessed %u; compliance %s\n",
           isms_edition_name(isms_assessment_edition(a)), sum.total.counts[ISMS_STATUS_YES],
           sum.total.counts[ISMS_STATUS_PARTIAL], sum.total.counts[ISMS_STATUS_NO],
           sum.total.counts[ISMS_STATUS_NOT_APPLICABLE],
           sum.total.counts[ISMS_STATUS_NOT_ASSESSED], pct);
    printf("findings: %zu (%zu errors for the custom ids); export %.1f MB; converted: %zu "
           "entries, %zu report lines\n",
           n_findings, n_errors, (double)out_len / 1e6, n_converted, n_report);
    printf("peak resident memory (ru_maxrss): %.1f MiB\n", peak_mib());
    bench_about("gap", "a gap table of %zu rows, %.1f MB (Swedish Excel export: UTF-8 with BOM, "
                "semicolons, CRLF), best of %d runs", n, mb / 1e6, runs);
    bench_result("gap", "import (isms_assessment_parse_csv)", mb / best_import / 1e6, "MB/s");
    bench_result("gap", "import (isms_assessment_parse_csv)", (double)n / best_import / 1e3,
                 "k rows/s");
    bench_result("gap", "summarise (isms_assessment_summarise)", (double)n / best_sum / 1e3,
                 "k rows/s");
    bench_result("gap", "lint (isms_assessment_lint)", (double)n / best_lint / 1e3, "k rows/s");
    bench_result("gap", "export (isms_assessment_write_csv)",
                 (double)out_len / best_export / 1e6, "MB/s");
    bench_result("gap", "convert to 2022 (isms_assessment_convert)",
                 (double)n / best_convert / 1e3, "k rows/s");
    bench_result("gap", "peak resident memory", peak_mib(), "MiB");
    isms_assessment_free(a);
    free(t.data);
    return 0;
}
