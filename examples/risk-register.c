/*
 * risk-register: import a risk register from CSV, score it, print it sorted by value with
 * bands, and list what lint finds (wrong typed values, untreated risks, ...).
 *
 *   risk-register [--lang sv|en] [--matrix 4x4|5x5|3x3] [FILE.csv]
 *
 * Without FILE it reads the fictitious Swedish register in examples/data/.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <isms.h>

#ifndef EXAMPLE_DATA
#define EXAMPLE_DATA "examples/data/riskregister.csv"
#endif

/* Number of characters (code points) in UTF-8 text. */
static int utf8_chars(const char *s)
{
    int n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* Prints `s` padded with spaces to `width` characters; longer text is cut and ends in "…". */
static void print_cell(const char *s, int width)
{
    int len = utf8_chars(s);
    int keep = len > width ? width - 1 : len;
    const char *p = s;
    for (int i = 0; i < keep; i++) {
        p++;
        while (((unsigned char)*p & 0xC0) == 0x80)
            p++;
    }
    fwrite(s, 1, (size_t)(p - s), stdout);
    if (len > width)
        fputs("…", stdout);
    for (int i = len > width ? width : len; i < width; i++)
        putchar(' ');
}

static void print_findings(const isms_findings *list, isms_lang lang)
{
    for (size_t i = 0; i < isms_findings_count(list); i++) {
        isms_finding f;
        isms_findings_get(&f, list, i);
        printf("  ");
        print_cell(isms_severity_label(f.severity, lang), 12);
        print_cell(*f.ref ? f.ref : "–", 5);
        printf("%s  [%s]\n", f.message, f.code);
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
    const char *matrix_name = "4x4";
    isms_lang lang = ISMS_LANG_SV;

    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc) {
            if (isms_lang_parse(&lang, argv[++i]) != ISMS_OK)
                return fail("--lang");
        } else if (strcmp(argv[i], "--matrix") == 0 && i + 1 < argc) {
            matrix_name = argv[++i];
        } else if (argv[i][0] == '-') {
            fprintf(stderr, "usage: %s [--lang sv|en] [--matrix 4x4|5x5|3x3] [FILE.csv]\n",
                    argv[0]);
            return 2;
        } else {
            path = argv[i];
        }
    }
    const bool sv = lang == ISMS_LANG_SV;

    isms_matrix *matrix = NULL;
    if (isms_matrix_preset(&matrix, matrix_name) != ISMS_OK)
        return fail("matrix");

    isms_findings *notes = NULL, *findings = NULL;
    isms_register *reg = NULL;
    if (isms_findings_new(&notes, lang) != ISMS_OK ||
        isms_findings_new(&findings, lang) != ISMS_OK) {
        isms_findings_free(notes);
        isms_matrix_free(matrix);
        return fail("findings");
    }
    if (isms_register_load_csv(&reg, path, matrix, notes) != ISMS_OK) {
        int rc = fail(path);
        isms_findings_free(notes);
        isms_findings_free(findings);
        isms_matrix_free(matrix);
        return rc;
    }

    printf("%s: %s (%zu %s, %s %s)\n\n", sv ? "Riskregister" : "Risk register", path,
           isms_register_count(reg), sv ? "risker" : "risks", sv ? "matris" : "matrix",
           isms_matrix_name(matrix));

    isms_risk **sorted = NULL;
    size_t n = 0;
    if (isms_register_sorted(&sorted, &n, reg, ISMS_INHERENT) != ISMS_OK) {
        isms_register_free(reg);
        isms_findings_free(notes);
        isms_findings_free(findings);
        isms_matrix_free(matrix);
        return fail("sort");
    }

    print_cell("ID", 5);
    print_cell(sv ? "S/K" : "L/C", 5);
    print_cell(sv ? "Värde" : "Value", 6);
    print_cell(sv ? "Angivet" : "Stated", 8);
    print_cell(sv ? "Nivå" : "Level", 11);
    print_cell(sv ? "Restrisk" : "Residual", 9);
    printf("%s\n", "Risk");
    for (int i = 0; i < 100; i++)
        fputs("─", stdout);
    putchar('\n');
    for (size_t i = 0; i < n; i++) {
        const isms_risk *r = sorted[i];
        char lc[32], value[16], stated[16], residual[16];
        int l = isms_risk_likelihood(r), c = isms_risk_consequence(r);
        if (l == ISMS_LEVEL_UNSET || c == ISMS_LEVEL_UNSET)
            snprintf(lc, sizeof lc, "–");
        else
            snprintf(lc, sizeof lc, "%d/%d", l, c);
        isms_score score;
        const char *band_label = "–";
        isms_band band;
        if (isms_risk_score(&score, r, ISMS_INHERENT) == ISMS_OK) {
            snprintf(value, sizeof value, "%d", score.value);
            if (isms_matrix_band(&band, matrix, (size_t)score.band) == ISMS_OK)
                band_label = sv ? band.label_sv : band.label_en;
        } else {
            snprintf(value, sizeof value, "–");
        }
        int st = isms_risk_stated_value(r);
        if (st == ISMS_VALUE_UNSET)
            snprintf(stated, sizeof stated, "–");
        else
            snprintf(stated, sizeof stated, "%d%s", st,
                     score.value != st && strcmp(value, "–") != 0 ? " !" : "");
        int rv = isms_risk_value(r, ISMS_RESIDUAL);
        if (rv == ISMS_VALUE_UNSET)
            snprintf(residual, sizeof residual, "–");
        else
            snprintf(residual, sizeof residual, "%d", rv);
        print_cell(isms_risk_id(r), 5);
        print_cell(lc, 5);
        print_cell(value, 6);
        print_cell(stated, 8);
        print_cell(band_label, 11);
        print_cell(residual, 9);
        print_cell(isms_risk_title(r), 60);
        putchar('\n');
    }
    isms_free(sorted);

    size_t counts[ISMS_SCALE_MAX_LEVELS * ISMS_SCALE_MAX_LEVELS] = { 0 };
    size_t unscored = 0;
    size_t nbands = isms_matrix_band_count(matrix);
    if (isms_register_band_counts(counts, nbands, &unscored, reg, ISMS_INHERENT) == ISMS_OK) {
        printf("\n%s:", sv ? "Risker per nivå" : "Risks per level");
        for (size_t b = 0; b < nbands; b++) {
            isms_band band;
            isms_matrix_band(&band, matrix, b);
            printf(" %s %zu%s", sv ? band.label_sv : band.label_en, counts[b],
                   b + 1 < nbands ? "," : "");
        }
        if (unscored)
            printf(", %s %zu", sv ? "ej bedömda" : "not assessed", unscored);
        putchar('\n');
    }

    int rc = isms_register_lint(findings, reg);
    if (rc != ISMS_OK) {
        fail("lint");
    } else {
        size_t nf = isms_findings_count(findings);
        printf("\n%s (%zu):\n", sv ? "Anmärkningar" : "Findings", nf);
        print_findings(findings, lang);
        if (isms_findings_count(notes)) {
            printf("\n%s:\n", sv ? "Om importen" : "About the import");
            print_findings(notes, lang);
        }
    }

    isms_register_free(reg);
    isms_findings_free(notes);
    isms_findings_free(findings);
    isms_matrix_free(matrix);
    return rc == ISMS_OK ? 0 : 1;
}
