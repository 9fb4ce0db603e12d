/*
 * classification: import an inventory of information assets and their relations from a
 * spreadsheet export, classify it (KLASSA levels 0–4 per aspect, personal data raising the
 * floor, systems inheriting the highest level of the information they process), and show
 * where every inherited level comes from, what lint finds in the inventory and its register
 * of processing (GDPR art. 30), the counts per level, the assets due for reclassification,
 * and which assets a change to one information set would affect.
 *
 *   classification [--lang sv|en] [--date YYYY-MM-DD] [INVENTORY.csv RELATIONS.csv]
 *
 * Without files it reads the fictitious sample of the social-services administration of
 * Exempelby kommun in examples/data/ (a Swedish Excel export: UTF-8 with BOM, semicolons,
 * CRLF). The reference date for lint and reclassification is 2025-01-15 unless --date says
 * otherwise, so the output does not depend on the day it is run. Output is in Swedish unless
 * --lang en.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <isms.h>

#ifndef EXAMPLE_INVENTORY
#define EXAMPLE_INVENTORY "examples/data/inventory.csv"
#endif
#ifndef EXAMPLE_RELATIONS
#define EXAMPLE_RELATIONS "examples/data/relations.csv"
#endif

#define DEFAULT_DATE "2025-01-15"
/* The information set whose impact set is shown (when the inventory has it). */
#define IMPACT_ID "INF1"

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

/* The aspects the scheme classifies, in the order of the table. */
static size_t scheme_aspects(isms_aspect out[ISMS_ASPECTS], const isms_scheme *scheme)
{
    size_t n = 0;
    for (int a = 0; a < ISMS_ASPECTS; a++)
        if (isms_scheme_has_aspect(scheme, (isms_aspect)a))
            out[n++] = (isms_aspect)a;
    return n;
}

/* One letter per aspect, as the tables in either language head their columns. The library
 * reads letters (isms_aspect_parse) but has no function that writes them. */
static const char *aspect_letter(isms_aspect aspect, isms_lang lang)
{
    static const char *const sv[] = { "K", "R", "T", "S" };
    static const char *const en[] = { "C", "I", "A", "T" };
    return lang == ISMS_LANG_SV ? sv[aspect] : en[aspect];
}

/* The name of a level on an aspect's scale ("Allvarlig"), or "" when it has none. */
static const char *level_label(const isms_scheme *scheme, isms_aspect aspect, int value,
                               isms_lang lang)
{
    for (size_t i = 0; i < isms_scheme_level_count(scheme, aspect); i++) {
        isms_class_level l;
        if (isms_scheme_level(&l, scheme, aspect, i) == ISMS_OK && l.value == value)
            return lang == ISMS_LANG_SV ? l.label_sv : l.label_en;
    }
    return "";
}

static void level_text(char *buf, size_t size, int level)
{
    if (level == ISMS_CLASS_UNSET)
        snprintf(buf, size, "–");
    else
        snprintf(buf, size, "%d", level);
}

/* "3" when the effective level is the one assessed, "–→4" or "2→3" when it is not. */
static void aspect_cell(char *buf, size_t size, const isms_asset *asset, isms_aspect aspect)
{
    isms_provenance p;
    char assessed[8], effective[8];
    int own = isms_asset_level(asset, aspect);
    if (isms_asset_effective(&p, asset, aspect) != ISMS_OK)
        p.level = ISMS_CLASS_UNSET;
    level_text(assessed, sizeof assessed, own);
    level_text(effective, sizeof effective, p.level);
    if (own == p.level)
        snprintf(buf, size, "%s", effective);
    else
        snprintf(buf, size, "%s→%s", assessed, effective);
}

/* The special categories of an asset in words, comma separated ("" when none). */
static void special_text(char *buf, size_t size, unsigned special, isms_lang lang)
{
    size_t used = 0;
    buf[0] = '\0';
    for (unsigned flag = 1; flag <= ISMS_SPECIAL_SEX_LIFE; flag <<= 1) {
        if (!(special & flag))
            continue;
        int n = snprintf(buf + used, size - used, "%s%s", used ? ", " : "",
                         isms_special_label((isms_special)flag, lang));
        if (n < 0 || (size_t)n >= size - used)
            return;
        used += (size_t)n;
    }
}

/* The personal data of an asset in words, separated by semicolons, the special categories
 * after theirs: "Personuppgifter; Känsliga personuppgifter (art. 9): Hälsa; Personnummer". */
static void pdata_text(char *buf, size_t size, const isms_asset *asset, isms_lang lang)
{
    static const isms_pdata flags[] = { ISMS_PDATA_ORDINARY, ISMS_PDATA_SPECIAL,
                                        ISMS_PDATA_CRIMINAL, ISMS_PDATA_PIN };
    unsigned pdata = isms_asset_pdata(asset);
    char special[256];
    size_t used = 0;
    special_text(special, sizeof special, isms_asset_special(asset), lang);
    buf[0] = '\0';
    for (size_t i = 0; i < sizeof flags / sizeof *flags; i++) {
        if (!(pdata & (unsigned)flags[i]))
            continue;
        bool with_special = flags[i] == ISMS_PDATA_SPECIAL && *special;
        int n = snprintf(buf + used, size - used, "%s%s%s%s", used ? "; " : "",
                         isms_pdata_label(flags[i], lang), with_special ? ": " : "",
                         with_special ? special : "");
        if (n < 0 || (size_t)n >= size - used)
            return;
        used += (size_t)n;
    }
}

/* Where an effective level comes from, in words. */
static void origin_text(char *buf, size_t size, const isms_provenance *p, isms_lang lang)
{
    const bool sv = lang == ISMS_LANG_SV;
    switch (p->origin) {
    case ISMS_ORIGIN_UNCLASSIFIED:
        snprintf(buf, size, "%s", sv ? "ej klassad" : "unclassified");
        break;
    case ISMS_ORIGIN_ASSESSED:
        snprintf(buf, size, "%s", sv ? "bedömd" : "assessed");
        break;
    case ISMS_ORIGIN_FLOOR:
        snprintf(buf, size, "%s %s", sv ? "golv för" : "floor for",
                 isms_pdata_label((isms_pdata)p->floor, lang));
        break;
    case ISMS_ORIGIN_INHERITED:
        snprintf(buf, size, "%s %s", sv ? "ärvd från" : "inherited from",
                 p->from ? isms_asset_id(p->from) : "?");
        break;
    case ISMS_ORIGIN_OVERRIDDEN:
        snprintf(buf, size, "%s", sv ? "manuellt satt" : "overridden");
        break;
    }
    if (p->cycle) {
        size_t n = strlen(buf);
        snprintf(buf + n, size - n, " (%s)", sv ? "cykel" : "cycle");
    }
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

enum { W_ID = 7, W_NAME = 42, W_TYPE = 13, W_ASPECT = 7 };

/* The assets, their assessed and effective levels per aspect, and their overall class. */
static void print_assets(const isms_inventory *inv, isms_lang lang)
{
    const bool sv = lang == ISMS_LANG_SV;
    const isms_scheme *scheme = isms_inventory_scheme(inv);
    isms_aspect aspects[ISMS_ASPECTS];
    size_t n_aspects = scheme_aspects(aspects, scheme);
    int width = W_ID + W_NAME + W_TYPE + (int)n_aspects * W_ASPECT + 26;

    print_cell("ID", W_ID);
    print_cell(sv ? "Namn" : "Name", W_NAME);
    print_cell(sv ? "Typ" : "Type", W_TYPE);
    for (size_t k = 0; k < n_aspects; k++)
        print_cell(aspect_letter(aspects[k], lang), W_ASPECT);
    printf("%s\n", sv ? "Klass" : "Class");
    rule(width);
    for (size_t i = 0; i < isms_inventory_count(inv); i++) {
        const isms_asset *a = isms_inventory_at(inv, i);
        char cell[32];
        print_cell(isms_asset_id(a), W_ID);
        print_cell(isms_asset_get(a, ISMS_ASSET_NAME), W_NAME);
        print_cell(isms_asset_type_label(isms_asset_get_type(a), lang), W_TYPE);
        for (size_t k = 0; k < n_aspects; k++) {
            aspect_cell(cell, sizeof cell, a, aspects[k]);
            print_cell(cell, W_ASPECT);
        }
        int overall = isms_asset_overall(a);
        if (overall == ISMS_CLASS_UNSET)
            printf("–\n");
        else
            printf("%d %s\n", overall,
                   level_label(scheme, ISMS_ASPECT_CONFIDENTIALITY, overall, lang));
    }
    printf("%s\n", sv ? "Cellerna visar bedömd→effektiv nivå där de skiljer sig; – är inte "
                        "klassad. Klass är den högsta effektiva nivån."
                      : "Cells show assessed→effective level where they differ; – is not "
                        "classified. Class is the highest effective level.");
}

/* The levels that are not the asset's own assessment: inherited, floors, overrides. */
static void print_provenance(const isms_inventory *inv, isms_lang lang)
{
    const isms_scheme *scheme = isms_inventory_scheme(inv);
    isms_aspect aspects[ISMS_ASPECTS];
    size_t n_aspects = scheme_aspects(aspects, scheme);
    for (size_t i = 0; i < isms_inventory_count(inv); i++) {
        const isms_asset *a = isms_inventory_at(inv, i);
        bool first = true;
        for (size_t k = 0; k < n_aspects; k++) {
            isms_provenance p;
            char why[128];
            if (isms_asset_effective(&p, a, aspects[k]) != ISMS_OK ||
                p.origin == ISMS_ORIGIN_ASSESSED || p.origin == ISMS_ORIGIN_UNCLASSIFIED)
                continue;
            if (first) {
                printf("  ");
                print_cell(isms_asset_id(a), W_ID);
                print_cell(isms_asset_get(a, ISMS_ASSET_NAME), W_NAME);
            } else {
                printf("  %*s", W_ID + W_NAME, "");
            }
            first = false;
            origin_text(why, sizeof why, &p, lang);
            printf("%s %d  %s", aspect_letter(aspects[k], lang), p.level, why);
            if (p.origin == ISMS_ORIGIN_INHERITED && p.from)
                printf(" (%s)", isms_asset_get(p.from, ISMS_ASSET_NAME));
            putchar('\n');
        }
    }
}

/* True when a transfer cell says there is none ("Nej", "Ingen", "-"), as lint reads it. The
 * library keeps the text as written and has no function that tells; this is a subset of
 * the words its lint accepts. */
static bool says_none(const char *text)
{
    static const char *const none[] = { "", "-", "–", "Nej", "No", "Ingen", "Inga", "None" };
    for (size_t i = 0; i < sizeof none / sizeof *none; i++)
        if (isms_text_matches(none[i], text) || !*text)
            return true;
    return false;
}

/* The register of processing (GDPR art. 30), in short: for each asset with personal data,
 * what it holds, the legal basis, third-country transfers and retention. */
static void print_register(const isms_inventory *inv, isms_lang lang)
{
    const bool sv = lang == ISMS_LANG_SV;
    for (size_t i = 0; i < isms_inventory_count(inv); i++) {
        const isms_asset *a = isms_inventory_at(inv, i);
        unsigned pdata = isms_asset_pdata(a);
        if (!pdata)
            continue;
        char kinds[512];
        pdata_text(kinds, sizeof kinds, a, lang);
        const char *basis = isms_asset_get(a, ISMS_ASSET_LEGAL_BASIS);
        const char *transfers = isms_asset_get(a, ISMS_ASSET_TRANSFERS);
        const char *safeguards = isms_asset_get(a, ISMS_ASSET_SAFEGUARDS);
        const char *retention = isms_asset_get(a, ISMS_ASSET_RETENTION);
        printf("  ");
        print_cell(isms_asset_id(a), W_ID);
        printf("%s\n", isms_asset_get(a, ISMS_ASSET_NAME));
        printf("  %*s%s\n", W_ID, "", kinds);
        printf("  %*s%s: %s\n", W_ID, "", sv ? "Rättslig grund" : "Legal basis",
               *basis ? basis : "–");
        if (!says_none(transfers))
            printf("  %*s%s: %s; %s: %s\n", W_ID, "", sv ? "Tredje land" : "Third country",
                   transfers, sv ? "skyddsåtgärder" : "safeguards", *safeguards ? safeguards
                                                                              : "–");
        printf("  %*s%s: %s\n", W_ID, "", sv ? "Gallring" : "Retention",
               *retention ? retention : "–");
    }
}

/* Counts per effective level and aspect, and per overall class. */
static int print_counts(const isms_inventory *inv, isms_lang lang)
{
    const bool sv = lang == ISMS_LANG_SV;
    const isms_scheme *scheme = isms_inventory_scheme(inv);
    isms_aspect aspects[ISMS_ASPECTS];
    size_t n_aspects = scheme_aspects(aspects, scheme);
    isms_inventory_summary s;
    if (isms_inventory_summarise(&s, inv) != ISMS_OK)
        return -1;

    /* The columns: every level any aspect's scale has, lowest first. */
    bool used[10] = { false };
    for (size_t k = 0; k < n_aspects; k++)
        for (size_t i = 0; i < isms_scheme_level_count(scheme, aspects[k]); i++) {
            isms_class_level l;
            if (isms_scheme_level(&l, scheme, aspects[k], i) == ISMS_OK && l.value >= 0 &&
                l.value < 10)
                used[l.value] = true;
        }
    char buf[32];
    print_cell("", 20);
    print_num(sv ? "Ej klassad" : "Unclassified", 13);
    int width = 20 + 13;
    for (int v = 0; v < 10; v++)
        if (used[v]) {
            snprintf(buf, sizeof buf, "%d", v);
            print_num(buf, 5);
            width += 5;
        }
    putchar('\n');
    rule(width);
    for (size_t k = 0; k <= n_aspects; k++) {
        const size_t *row = k < n_aspects ? s.per_level[aspects[k]] : s.per_overall;
        if (k == n_aspects)
            rule(width);
        print_cell(k < n_aspects ? isms_aspect_label(aspects[k], lang)
                                 : sv ? "Klass (högsta)" : "Class (highest)",
                   20);
        snprintf(buf, sizeof buf, "%zu", row[0]);
        print_num(buf, 13);
        for (int v = 0; v < 10; v++)
            if (used[v]) {
                snprintf(buf, sizeof buf, "%zu", row[v + 1]);
                print_num(buf, 5);
            }
        putchar('\n');
    }
    printf("%s:", sv ? "Tillgångar per typ" : "Assets per type");
    const char *sep = " ";
    for (int t = 0; t < ISMS_ASSET_TYPES; t++)
        if (s.per_type[t]) {
            printf("%s%s %zu", sep, isms_asset_type_label((isms_asset_type)t, lang),
                   s.per_type[t]);
            sep = ", ";
        }
    printf("; %s %zu %s %zu\n", sv ? "med personuppgifter" : "with personal data",
           s.with_pdata, sv ? "av" : "of", s.total);
    return 0;
}

/* The assets due for reclassification in `year`, with their dates. */
static int print_due(const isms_inventory *inv, int year, isms_date today, isms_lang lang)
{
    const bool sv = lang == ISMS_LANG_SV;
    isms_asset **due = NULL;
    size_t n = 0;
    if (isms_inventory_due(&due, &n, inv, year) != ISMS_OK)
        return -1;
    printf("%s %d (%zu):\n", sv ? "Ska klassas om under" : "Due for reclassification in",
           year, n);
    if (n) {
        printf("  ");
        print_cell("ID", W_ID);
        print_cell(sv ? "Namn" : "Name", W_NAME);
        print_cell(sv ? "Senast klassad" : "Last classified", 17);
        print_cell(sv ? "Intervall" : "Interval", 11);
        printf("%s\n", sv ? "Nästa" : "Next");
    }
    for (size_t i = 0; i < n; i++) {
        char last[16], next[16], interval[24];
        isms_date d = isms_asset_next_review(due[i]);
        isms_date_format(last, sizeof last, isms_asset_classified(due[i]));
        isms_date_format(next, sizeof next, d);
        snprintf(interval, sizeof interval, "%d %s", isms_asset_interval(due[i]),
                 sv ? "mån" : "mo");
        printf("  ");
        print_cell(isms_asset_id(due[i]), W_ID);
        print_cell(isms_asset_get(due[i], ISMS_ASSET_NAME), W_NAME);
        print_cell(*last ? last : "–", 17);
        print_cell(interval, 11);
        printf("%s%s\n", *next ? next : "–",
               *next && isms_date_compare(d, today) < 0 ? (sv ? "  försenad" : "  overdue") : "");
    }
    isms_free(due);
    return 0;
}

/* Every asset that would change if the information set's level changed. */
static int print_impact(const isms_inventory *inv, const char *id, isms_lang lang)
{
    const bool sv = lang == ISMS_LANG_SV;
    const isms_asset *target = isms_inventory_find(inv, id);
    if (!target)
        return 0;
    isms_asset **impact = NULL;
    size_t n = 0;
    if (isms_inventory_impact(&impact, &n, inv, id) != ISMS_OK)
        return -1;
    printf("%s %s %s (%zu):\n", sv ? "Påverkas om klassningen av" : "Affected if the "
                                                                  "classification of",
           id, sv ? "ändras" : "changes", n);
    printf("  %s\n", isms_asset_get(target, ISMS_ASSET_NAME));
    for (size_t i = 0; i < n; i++) {
        printf("  ");
        print_cell(isms_asset_id(impact[i]), W_ID);
        print_cell(isms_asset_get(impact[i], ISMS_ASSET_NAME), W_NAME);
        printf("%s\n", isms_asset_type_label(isms_asset_get_type(impact[i]), lang));
    }
    isms_free(impact);
    return 0;
}

static void print_scale(const isms_scheme *scheme, isms_lang lang)
{
    for (size_t i = 0; i < isms_scheme_level_count(scheme, ISMS_ASPECT_CONFIDENTIALITY); i++) {
        isms_class_level l;
        if (isms_scheme_level(&l, scheme, ISMS_ASPECT_CONFIDENTIALITY, i) == ISMS_OK)
            printf("%s%d %s", i ? ", " : "", l.value,
                   lang == ISMS_LANG_SV ? l.label_sv : l.label_en);
    }
    putchar('\n');
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
    const char *paths[2] = { EXAMPLE_INVENTORY, EXAMPLE_RELATIONS };
    int n_paths = 0;
    const char *date_text = DEFAULT_DATE;
    isms_lang lang = ISMS_LANG_SV;

    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc) {
            if (isms_lang_parse(&lang, argv[++i]) != ISMS_OK)
                return fail("--lang");
        } else if (strcmp(argv[i], "--date") == 0 && i + 1 < argc) {
            date_text = argv[++i];
        } else if (argv[i][0] != '-' && n_paths < 2) {
            paths[n_paths++] = argv[i];
        } else {
            n_paths = -1;
            break;
        }
    }
    if (n_paths == 1 || n_paths < 0) {
        fprintf(stderr, "usage: %s [--lang sv|en] [--date YYYY-MM-DD] "
                        "[INVENTORY.csv RELATIONS.csv]\n", argv[0]);
        return 2;
    }
    isms_date today;
    if (isms_date_parse(&today, date_text) != ISMS_OK)
        return fail("--date");
    const bool sv = lang == ISMS_LANG_SV;

    int rc = 1;
    isms_findings *notes = NULL, *findings = NULL;
    isms_inventory *inv = NULL;
    if (isms_findings_new(&notes, lang) != ISMS_OK ||
        isms_findings_new(&findings, lang) != ISMS_OK) {
        fail("findings");
        goto out;
    }

    /* 1. Import the assets, then the relations between them. */
    if (isms_inventory_load_csv(&inv, paths[0], NULL, notes) != ISMS_OK) {
        fail(paths[0]);
        goto out;
    }
    if (isms_inventory_load_relations_csv(inv, paths[1], notes) != ISMS_OK) {
        fail(paths[1]);
        goto out;
    }
    const isms_scheme *scheme = isms_inventory_scheme(inv);
    printf("%s: %s\n", sv ? "Tillgångar" : "Assets", paths[0]);
    printf("%s: %s\n", sv ? "Relationer" : "Relations", paths[1]);
    printf("%s %zu, %s %zu, %s %s, %s %s\n", sv ? "Tillgångar:" : "Assets:",
           isms_inventory_count(inv), sv ? "relationer" : "relations",
           isms_inventory_relation_count(inv), sv ? "schema" : "scheme",
           isms_scheme_name(scheme), sv ? "referensdatum" : "reference date", date_text);
    printf("%s ", sv ? "Skala:" : "Scale:");
    print_scale(scheme, lang);
    putchar('\n');
    if (isms_findings_count(notes)) {
        printf("%s:\n", sv ? "Om importen" : "About the import");
        print_findings(notes, lang);
        putchar('\n');
    }

    /* 2. Classify: floors for personal data, then the high-water mark over the relations. */
    if (isms_inventory_classify(inv) != ISMS_OK) {
        fail("classify");
        goto out;
    }
    print_assets(inv, lang);
    putchar('\n');
    printf("%s:\n", sv ? "Nivåer som inte är tillgångens egen bedömning"
                       : "Levels that are not the asset's own assessment");
    print_provenance(inv, lang);
    putchar('\n');

    /* 3. The register of processing, in short. */
    printf("%s:\n", sv ? "Registerförteckning (art. 30), i korthet"
                       : "Record of processing (art. 30), in short");
    print_register(inv, lang);
    putchar('\n');

    /* 4. Lint on the reference date. */
    if (isms_inventory_lint(findings, inv, today) != ISMS_OK) {
        fail("lint");
        goto out;
    }
    printf("%s (%zu, %s %s):\n", sv ? "Anmärkningar" : "Findings", isms_findings_count(findings),
           sv ? "per" : "as of", date_text);
    print_findings(findings, lang);
    putchar('\n');

    /* 5. Counts per level. */
    printf("%s:\n", sv ? "Antal tillgångar per effektiv nivå" : "Assets per effective level");
    if (print_counts(inv, lang)) {
        fail("summary");
        goto out;
    }
    putchar('\n');

    /* 6. Reclassification this year. */
    if (print_due(inv, today.year, today, lang)) {
        fail("due");
        goto out;
    }
    putchar('\n');

    /* 7. Impact of a change to one information set. */
    if (print_impact(inv, IMPACT_ID, lang)) {
        fail("impact");
        goto out;
    }
    rc = 0;

out:
    isms_inventory_free(inv);
    isms_findings_free(findings);
    isms_findings_free(notes);
    return rc;
}
