/* isms convert: CSV tables → document, document → CSV, gap analyses 2013 → 2022, document →
 * OSCAL (assessment results, POA&M, catalog), OSCAL catalog → document or blank gap table. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"

typedef struct input {
    const char *path;
    const char *source;   /* the name in messages */
    char *data;
    size_t len;
    bool is_doc;
    bool is_catalog;      /* an OSCAL catalog (its root object has the key "catalog") */
    isms_table_kind kind; /* CSV: the kind of table */
    int year;             /* gap tables: the assessment's year (0: --year or the document's) */
    int edition_in_name;  /* a number in the name that is also an edition (2013, 2022), or 0 */
} input;

/* Whether a number is the year of an edition of ISO/IEC 27001 that gap tables are kept in. */
static bool is_edition_year(int y)
{
    return y == 2013 || y == 2022;
}

/* The first four-digit number 1900–2999 in a file's base name, or 0. */
static int year_in_name(const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    for (const char *p = base; *p; p++) {
        if (*p < '0' || *p > '9' || (p > base && p[-1] >= '0' && p[-1] <= '9'))
            continue;
        size_t n = 0;
        while (p[n] >= '0' && p[n] <= '9')
            n++;
        if (n == 4) {
            int y = atoi(p);
            if (y >= 1900 && y <= 2999)
                return y;
        }
    }
    return 0;
}

static bool looks_like_document(const input *in)
{
    if (ends_with_ci(in->path, ".json"))
        return true;
    const unsigned char *p = (const unsigned char *)in->data;
    size_t n = in->len, i = 0;
    if (n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)
        i = 3;
    while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' || p[i] == '\n'))
        i++;
    return i < n && p[i] == '{';
}

/* ---- what a JSON input is ---------------------------------------------------------------- */

typedef enum json_root {
    ROOT_DOCUMENT = 0, /* a libisms document, or not JSON enough to tell (its reader says why) */
    ROOT_CATALOG,      /* an OSCAL catalog */
    ROOT_OSCAL_OTHER   /* another OSCAL model */
} json_root;

/* The root keys of the OSCAL models isms does not read. */
static const char *const oscal_models[] = {
    "assessment-results", "plan-of-action-and-milestones", "profile", "component-definition",
    "system-security-plan", "assessment-plan", "mapping-collection"};

static size_t skip_ws(const char *p, size_t n, size_t i)
{
    while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' || p[i] == '\n'))
        i++;
    return i;
}

/* Past the string that starts at p[i] (a quote); n when it does not end. */
static size_t skip_string(const char *p, size_t n, size_t i)
{
    for (i++; i < n; i++) {
        if (p[i] == '\\')
            i++;
        else if (p[i] == '"')
            return i + 1;
    }
    return n;
}

/* Past the value that starts at p[i]: a string, an object or array (nested), or a scalar. */
static size_t skip_value(const char *p, size_t n, size_t i)
{
    if (i < n && p[i] == '"')
        return skip_string(p, n, i);
    size_t depth = 0;
    while (i < n) {
        char ch = p[i];
        if (ch == '"') {
            i = skip_string(p, n, i);
            continue;
        }
        if (ch == '{' || ch == '[') {
            depth++;
        } else if (ch == '}' || ch == ']') {
            if (depth == 0)
                return i;
            if (--depth == 0)
                return i + 1;
        } else if (ch == ',' && depth == 0) {
            return i;
        }
        i++;
    }
    return n;
}

/* Tells an OSCAL file from a document by content, not by name: the keys of the root object.
 * The key "catalog" makes an OSCAL catalog, the root key of another OSCAL model (its name in
 * *model) another model; anything else is left to the document's reader, which says what is
 * wrong with broken JSON. Only the root object's keys are looked at, up to the first that
 * tells. */
static json_root json_root_of(const input *in, const char **model)
{
    const char *p = in->data;
    size_t n = in->len, i = 0;
    if (n >= 3 && (unsigned char)p[0] == 0xEF && (unsigned char)p[1] == 0xBB &&
        (unsigned char)p[2] == 0xBF)
        i = 3;
    i = skip_ws(p, n, i);
    if (i >= n || p[i] != '{')
        return ROOT_DOCUMENT;
    i++;
    for (;;) {
        i = skip_ws(p, n, i);
        if (i >= n || p[i] != '"')
            return ROOT_DOCUMENT;
        size_t key = i + 1, end = skip_string(p, n, i);
        if (end >= n)
            return ROOT_DOCUMENT;
        size_t klen = end - 1 - key;
        if (klen == 7 && memcmp(p + key, "catalog", 7) == 0)
            return ROOT_CATALOG;
        for (size_t k = 0; k < sizeof oscal_models / sizeof oscal_models[0]; k++) {
            if (klen == strlen(oscal_models[k]) && memcmp(p + key, oscal_models[k], klen) == 0) {
                *model = oscal_models[k];
                return ROOT_OSCAL_OTHER;
            }
        }
        i = skip_ws(p, n, end);
        if (i >= n || p[i] != ':')
            return ROOT_DOCUMENT;
        i = skip_ws(p, n, skip_value(p, n, skip_ws(p, n, i + 1)));
        if (i >= n || p[i] != ',')
            return ROOT_DOCUMENT;
        i++;
    }
}

static int kind_order(isms_table_kind k)
{
    switch (k) {
    case ISMS_TABLE_GAP: return 0;
    case ISMS_TABLE_RISKS: return 1;
    case ISMS_TABLE_ASSETS: return 2;
    case ISMS_TABLE_RELATIONS: return 3;
    case ISMS_TABLE_ACTIONS: return 4;
    case ISMS_TABLE_UNKNOWN: break;
    }
    return 5;
}

/* The library's last error, naming `source` when the error does not. */
static int error_in(const cli *c, const char *source)
{
    return cli_lib_error_in(c, source);
}

/* A table whose kind is not recognised: the library's reason, and the way out. */
static int unknown_kind(const cli *c, const char *source)
{
    const isms_error *e = isms_error_last();
    const char *msg = e->code != ISMS_OK && e->message && *e->message ? e->message : NULL;
    if (msg && strstr(msg, "--kind"))
        return error_in(c, source);
    char *text = xasprintf(T(c, "%s%stabellens slag känns inte igen; ange det med --kind (gap, "
                                "risks, assets, relations eller actions)",
                             "%s%sthe kind of the table is not recognised; give it with --kind "
                             "(gap, risks, assets, relations or actions)"),
                           msg ? msg : "", msg ? "; " : "");
    int rc = cli_error_at(c, source, true, msg ? e->line : 0, msg ? e->column : 0, text);
    free(text);
    return rc;
}

/* Import and conversion notes: warnings and errors always, information with --verbose. */
static void print_notes(const cli *c, const char *source, const isms_findings *f)
{
    size_t n = isms_findings_count(f);
    for (size_t i = 0; i < n; i++) {
        isms_finding x;
        if (isms_findings_get(&x, f, i) != ISMS_OK)
            continue;
        if (x.severity == ISMS_SEVERITY_INFO && !c->a.verbose)
            continue;
        cli_note(c, "%s: %s: %s [%s]", source, isms_severity_label(x.severity, c->lang),
                 x.message, x.code);
    }
}

static int current_year(void)
{
    time_t now = time(NULL);
    struct tm tm;
    if (localtime_r(&now, &tm) == NULL)
        return 2024;
    return tm.tm_year + 1900;
}

/* Lists the years of the document's assessments: "2023, 2024". */
static void assessment_years(strbuf *b, const isms_document *doc)
{
    size_t n = isms_document_assessment_count(doc);
    for (size_t i = 0; i < n; i++)
        sb_printf(b, "%s%d", i ? ", " : "",
                  isms_assessment_year(isms_document_assessment_at(doc, i)));
    if (n == 0)
        sb_puts(b, "–");
}

/* Writes one table of the document as CSV: to standard output, or saved atomically. */
static int write_table(cli *c, isms_document *doc, isms_table_kind kind, int year)
{
    isms_lang lang = c->lang;
    unsigned flags = c->a.csv_flags;
    char *text = NULL;
    size_t len = 0;
    int r = ISMS_OK;
    switch (kind) {
    case ISMS_TABLE_GAP: {
        const isms_assessment *a = year ? isms_document_assessment_find(doc, year)
                                        : isms_document_current(doc);
        if (!a) {
            strbuf years;
            sb_init(&years);
            assessment_years(&years, doc);
            int rc = year ? cli_error(c, T(c, "dokumentet har ingen gapanalys för %d "
                                              "(det har: %s)",
                                           "the document has no gap analysis of %d "
                                           "(it has: %s)"),
                                      year, years.data)
                          : cli_error(c, T(c, "dokumentet har ingen gapanalys",
                                           "the document has no gap analysis"));
            sb_free(&years);
            return rc;
        }
        r = isms_assessment_write_csv(&text, &len, a, lang, flags);
        break;
    }
    case ISMS_TABLE_RISKS:
        r = isms_register_write_csv(&text, &len, isms_document_register(doc), lang, flags);
        break;
    case ISMS_TABLE_ASSETS:
        r = isms_inventory_write_csv(&text, &len, isms_document_inventory(doc), lang, flags);
        break;
    case ISMS_TABLE_RELATIONS:
        r = isms_inventory_write_relations_csv(&text, &len, isms_document_inventory(doc), lang,
                                               flags);
        break;
    case ISMS_TABLE_ACTIONS:
        r = isms_plan_write_csv(&text, &len, isms_document_plan(doc), lang, flags);
        break;
    case ISMS_TABLE_UNKNOWN:
        return cli_usage(c, T(c, "ange tabellen med --table", "say which table with --table"));
    }
    if (r != ISMS_OK)
        return cli_lib_error(c);
    int rc = cli_emit_bytes(c, text, len);
    isms_free(text);
    return rc;
}

/* The OSCAL model of an output format. */
static isms_oscal_kind oscal_kind_of(cli_format f)
{
    switch (f) {
    case FMT_OSCAL_AR: return ISMS_OSCAL_ASSESSMENT_RESULTS;
    case FMT_OSCAL_POAM: return ISMS_OSCAL_POAM;
    default: return ISMS_OSCAL_CATALOG;
    }
}

/* Writes the document as an OSCAL model. */
static int write_oscal(const cli *c, const isms_document *doc, cli_format f)
{
    char *text = NULL;
    size_t len = 0;
    if (isms_document_write_oscal(&text, &len, doc, oscal_kind_of(f)) != ISMS_OK) {
        const isms_error *e = isms_error_last();
        if (e->code == ISMS_ENOTFOUND)
            return cli_error(c, T(c, "dokumentet har ingen gapanalys att skriva som %s",
                                  "the document has no gap analysis to write as %s"),
                             f == FMT_OSCAL_AR ? "oscal-ar" : "oscal-catalog");
        return cli_lib_error(c);
    }
    int rc = cli_emit_bytes(c, text, len);
    isms_free(text);
    return rc;
}

/* Writes a catalog (built-in or imported) as an OSCAL catalog. */
static int write_catalog(const cli *c, const isms_catalog *cat)
{
    char *text = NULL;
    size_t len = 0;
    if (isms_catalog_write_oscal(&text, &len, cat) != ISMS_OK)
        return cli_lib_error(c);
    int rc = cli_emit_bytes(c, text, len);
    isms_free(text);
    return rc;
}

/* isms convert --format oscal-catalog [--edition E]: a built-in catalog, no input. */
static int write_builtin(cli *c)
{
    cli_args *a = &c->a;
    static const struct {
        cli_opt_id id;
        const char *name;
    } inputs_only[] = {{OPT_ORG, "org"}, {OPT_UNIT, "unit"}, {OPT_YEAR, "year"},
                       {OPT_DATE, "date"}, {OPT_KIND, "kind"}, {OPT_TABLE, "table"},
                       {OPT_TO, "to"}, {OPT_CATALOG, "catalog"}};
    for (size_t i = 0; i < sizeof inputs_only / sizeof inputs_only[0]; i++) {
        bool given = false;
        switch (inputs_only[i].id) {
        case OPT_ORG: given = a->org != NULL; break;
        case OPT_UNIT: given = a->unit != NULL; break;
        case OPT_YEAR: given = a->year != 0; break;
        case OPT_DATE: given = a->date != NULL; break;
        case OPT_KIND: given = a->kind != NULL; break;
        case OPT_TABLE: given = a->table != NULL; break;
        case OPT_TO: given = a->to != NULL; break;
        default: given = a->catalog != NULL; break;
        }
        if (given)
            return cli_usage(c, T(c, "--%s gäller indatafiler, inte en inbyggd katalog "
                                     "(--edition)",
                                  "--%s applies to input files, not to a built-in catalog "
                                  "(--edition)"),
                             inputs_only[i].name);
    }
    if (c->format != FMT_OSCAL_CATALOG)
        return cli_usage(c, T(c, "--edition skriver en inbyggd katalog: ange --format "
                                 "oscal-catalog",
                              "--edition writes a built-in catalog: give --format "
                              "oscal-catalog"));
    isms_edition ed = ISMS_EDITION_2022;
    if (a->edition &&
        (isms_edition_parse(&ed, a->edition) != ISMS_OK || ed == ISMS_EDITION_UNKNOWN))
        return cli_usage(c, T(c, "okänd utgåva för --edition: \"%s\" (2013, 2022 eller 2024)",
                              "unknown edition for --edition: \"%s\" (2013, 2022 or 2024)"),
                         a->edition);
    return write_catalog(c, isms_catalog_get(ed));
}

/* Reads an OSCAL catalog (the input or --catalog); errors with FILE:LINE:COLUMN and the JSON
 * path. */
static int parse_catalog(const cli *c, const char *data, size_t len, const char *source,
                         isms_catalog **out)
{
    if (isms_catalog_parse_oscal(out, data, len, source) != ISMS_OK)
        return error_in(c, source);
    return EXIT_FINE;
}

static int parse_kind(const cli *c, const char *opt, const char *text, isms_table_kind *out)
{
    if (isms_table_kind_parse(out, text) != ISMS_OK || *out == ISMS_TABLE_UNKNOWN)
        return cli_usage(c, T(c, "okänt tabellslag för --%s: \"%s\" (gap, risks, assets, "
                                 "relations eller actions)",
                              "unknown table kind for --%s: \"%s\" (gap, risks, assets, "
                              "relations or actions)"),
                         opt, text);
    return 0;
}

int cmd_convert(cli *c)
{
    cli_args *a = &c->a;
    if (a->npos == 0 && (a->edition || c->format == FMT_OSCAL_CATALOG))
        return write_builtin(c);
    if (a->npos == 0)
        return cli_usage(c, T(c, "isms convert behöver ett dokument, CSV-tabeller eller en "
                                 "OSCAL-katalog",
                              "isms convert needs a document, CSV tables or an OSCAL catalog"));
    if (a->edition)
        return cli_usage(c, T(c, "--edition skriver en inbyggd katalog och tar inga indatafiler",
                              "--edition writes a built-in catalog and takes no input files"));

    isms_table_kind want = ISMS_TABLE_UNKNOWN, table_kind = ISMS_TABLE_UNKNOWN;
    isms_edition to = ISMS_EDITION_UNKNOWN;
    isms_date date = {0, 0, 0};
    int rc;
    if (a->kind && (rc = parse_kind(c, "kind", a->kind, &want)) != 0)
        return rc;
    if (a->table && (rc = parse_kind(c, "table", a->table, &table_kind)) != 0)
        return rc;
    if (a->to && (isms_edition_parse(&to, a->to) != ISMS_OK || to == ISMS_EDITION_UNKNOWN))
        return cli_usage(c, T(c, "okänd utgåva för --to: \"%s\" (2013, 2022 eller 2024)",
                              "unknown edition for --to: \"%s\" (2013, 2022 or 2024)"), a->to);
    if (a->date && isms_date_parse(&date, a->date) != ISMS_OK)
        return cli_usage(c, T(c, "ogiltigt datum för --date: %s", "invalid date for --date: %s"),
                         isms_error_last()->message);

    size_t n = a->npos;
    input *in = xcalloc(n, sizeof *in);
    isms_document *doc = NULL;
    isms_catalog *cat = NULL; /* the input catalog, or --catalog */
    rc = EXIT_FINE;
    size_t stdin_count = a->catalog && strcmp(a->catalog, "-") == 0;
    for (size_t i = 0; i < n; i++)
        if (strcmp(a->pos[i], "-") == 0)
            stdin_count++;
    if (stdin_count > 1) {
        rc = cli_usage(c, T(c, "standard in (-) kan bara läsas en gång",
                            "standard input (-) can be read only once"));
        goto done;
    }

    /* Read every input and tell documents from tables. */
    size_t ncsv = 0;
    for (size_t i = 0; i < n; i++) {
        in[i].path = a->pos[i];
        in[i].source = strcmp(in[i].path, "-") == 0 ? "<stdin>" : in[i].path;
        if ((rc = cli_read(c, in[i].path, &in[i].data, &in[i].len)) != EXIT_FINE)
            goto done;
        in[i].is_doc = looks_like_document(&in[i]);
        const char *model = NULL;
        json_root root = in[i].is_doc ? json_root_of(&in[i], &model) : ROOT_DOCUMENT;
        if (root == ROOT_OSCAL_OTHER) {
            rc = cli_error(c, T(c, "%s: OSCAL-modellen %s läses inte; isms convert läser "
                                   "OSCAL-kataloger, dokument och CSV-tabeller",
                                "%s: the OSCAL model %s is not read; isms convert reads OSCAL "
                                "catalogs, documents and CSV tables"),
                           in[i].source, model);
            goto done;
        }
        if (root == ROOT_CATALOG) {
            in[i].is_doc = false;
            in[i].is_catalog = true;
            if (n > 1 || a->catalog) {
                rc = cli_usage(c, T(c, "%s: en OSCAL-katalog läses ensam; gaptabeller läses "
                                       "mot den med --catalog %s",
                                    "%s: an OSCAL catalog is read on its own; gap tables are "
                                    "read against it with --catalog %s"),
                               in[i].source, in[i].path);
                goto done;
            }
            continue;
        }
        if (in[i].is_doc && i > 0) {
            rc = cli_usage(c, T(c, "%s: bara det första argumentet kan vara ett dokument",
                                "%s: only the first argument can be a document"),
                           in[i].source);
            goto done;
        }
        if (in[i].is_doc)
            continue;
        ncsv++;
        in[i].year = year_in_name(in[i].path);
        /* gap-2013.csv: the edition, not the year, unless --year says it is the year too
         * (against --catalog a number in the name is no edition). */
        if (!a->catalog && is_edition_year(in[i].year) && in[i].year != a->year) {
            in[i].edition_in_name = in[i].year;
            in[i].year = 0;
        }
        if (want != ISMS_TABLE_UNKNOWN) {
            in[i].kind = want;
        } else {
            isms_error_clear();
            if (isms_table_detect(&in[i].kind, in[i].data, in[i].len) != ISMS_OK ||
                in[i].kind == ISMS_TABLE_UNKNOWN) {
                rc = unknown_kind(c, in[i].source);
                goto done;
            }
        }
    }
    bool first_doc = in[0].is_doc, from_catalog = in[0].is_catalog;
    if (from_catalog && to != ISMS_EDITION_UNKNOWN) {
        rc = cli_usage(c, T(c, "--to konverterar mellan utgåvor av ISO/IEC 27001; en importerad "
                               "katalog har ingen mappning",
                            "--to converts between editions of ISO/IEC 27001; an imported "
                            "catalog has no mapping"));
        goto done;
    }
    /* A gap table's year: --year when it is the only one, else the year in its name. */
    size_t ngap = 0;
    for (size_t i = 0; i < n; i++)
        if (!in[i].is_doc && in[i].kind == ISMS_TABLE_GAP)
            ngap++;
    for (size_t i = 0; i < n && ngap == 1 && a->year; i++)
        if (!in[i].is_doc && in[i].kind == ISMS_TABLE_GAP)
            in[i].year = a->year;
    if (want != ISMS_TABLE_UNKNOWN && ncsv == 0) {
        rc = cli_usage(c, T(c, "--kind gäller CSV-tabeller", "--kind applies to CSV tables"));
        goto done;
    }
    if (a->catalog && ngap == 0) {
        rc = cli_usage(c, T(c, "--catalog läser gaptabeller mot katalogen, men det finns "
                               "ingen gaptabell",
                            "--catalog reads gap tables against the catalog, but there is no "
                            "gap table"));
        goto done;
    }

    /* Each kind once; gap analyses once per year. */
    for (size_t i = 0; i < n; i++) {
        for (size_t j = 0; j < i && !in[i].is_doc; j++) {
            if (in[j].is_doc || in[j].kind != in[i].kind)
                continue;
            int yi = in[i].year ? in[i].year : a->year, yj = in[j].year ? in[j].year : a->year;
            if (in[i].kind == ISMS_TABLE_GAP && yi != yj)
                continue;
            rc = cli_usage(c, T(c, "%s och %s är båda av slaget %s%s",
                                "%s and %s are both of the kind %s%s"),
                           in[j].source, in[i].source, isms_table_kind_name(in[i].kind),
                           in[i].kind == ISMS_TABLE_GAP
                               ? T(c, " för samma år (ge året i filnamnet)",
                                   " of the same year (give the year in the file name)")
                               : "");
            goto done;
        }
    }

    /* What to write: a document (JSON) or one table (CSV). */
    cli_format out = c->format;
    if (out == FMT_NONE) {
        if (table_kind != ISMS_TABLE_UNKNOWN)
            out = FMT_CSV;
        else if (!first_doc && ncsv == 1 && in[0].kind == ISMS_TABLE_GAP && to)
            out = FMT_CSV;
        else
            out = FMT_JSON;
    }
    c->format = out;
    isms_table_kind export_kind = table_kind;
    int export_year = a->year;
    if (out == FMT_CSV && export_kind == ISMS_TABLE_UNKNOWN) {
        if (from_catalog) {
            export_kind = ISMS_TABLE_GAP; /* the blank gap table */
        } else if (!first_doc && ncsv == 1) {
            export_kind = in[0].kind;
            if (!export_year)
                export_year = in[0].year;
        } else {
            rc = cli_usage(c, T(c, "ange med --table vilken tabell som ska skrivas som CSV",
                                "say with --table which table to write as CSV"));
            goto done;
        }
    }
    if (out != FMT_CSV && table_kind != ISMS_TABLE_UNKNOWN) {
        rc = cli_usage(c, T(c, "--table skriver CSV, inte %s", "--table writes CSV, not %s"),
                       out == FMT_JSON ? "JSON" : "OSCAL");
        goto done;
    }

    /* The catalog: the input, or the one gap tables are read against. */
    if (from_catalog) {
        if ((rc = parse_catalog(c, in[0].data, in[0].len, in[0].source, &cat)) != EXIT_FINE)
            goto done;
        if (out == FMT_OSCAL_CATALOG) { /* written back as OSCAL, normalised */
            rc = write_catalog(c, cat);
            goto done;
        }
    } else if (a->catalog) {
        if ((rc = cli_load_catalog(c, a->catalog, &cat)) != EXIT_FINE)
            goto done;
    }

    /* The document: the one given, or a new one. */
    if (first_doc) {
        if (isms_document_parse(&doc, in[0].data, in[0].len, in[0].source, NULL) != ISMS_OK) {
            rc = cli_lib_error(c);
            goto done;
        }
        if (!a->lang_given)
            c->lang = isms_document_lang(doc);
        const char *org = isms_document_get(doc, ISMS_DOC_ORGANISATION);
        free(c->org);
        c->org = org && *org ? xstrdup(org) : NULL;
    } else {
        /* --year, else the latest year of the gap tables' names, else this year. */
        int year = a->year;
        for (size_t i = 0; i < n && !a->year; i++)
            if (in[i].kind == ISMS_TABLE_GAP && in[i].year > year)
                year = in[i].year;
        if (!year)
            year = current_year();
        if (isms_document_new(&doc, year) != ISMS_OK ||
            (a->lang_given && isms_document_set_lang(doc, c->lang) != ISMS_OK)) {
            rc = cli_lib_error(c);
            goto done;
        }
    }
    if ((a->org && isms_document_set(doc, ISMS_DOC_ORGANISATION, a->org) != ISMS_OK) ||
        (a->unit && isms_document_set(doc, ISMS_DOC_UNIT, a->unit) != ISMS_OK) ||
        (a->date && isms_document_set_date(doc, date) != ISMS_OK)) {
        rc = cli_lib_error(c);
        goto done;
    }

    /* A catalog read on its own: one assessment of the document's year against it, every
     * requirement added and not assessed, a gap analysis to fill in. */
    if (from_catalog) {
        isms_assessment *gap = NULL;
        if (isms_assessment_new_catalog(&gap, cat, isms_document_year(doc), ISMS_SCOPE_BOTH) !=
                ISMS_OK ||
            isms_assessment_add_all(gap) != ISMS_OK ||
            isms_document_add_assessment(doc, gap) != ISMS_OK) {
            rc = cli_lib_error(c);
            isms_assessment_free(gap);
            goto done;
        }
        if (c->a.verbose)
            cli_note(c, T(c, "%s: %s, %zu krav", "%s: %s, %zu requirements"), in[0].source,
                     isms_catalog_title(cat),
                     isms_catalog_requirement_count(cat, ISMS_SCOPE_BOTH));
    }

    /* Import the tables, gap analyses first and relations after the assets. */
    size_t *order = xcalloc(n, sizeof *order);
    size_t no = 0;
    for (int k = 0; k <= 5; k++)
        for (size_t i = 0; i < n; i++)
            if (!in[i].is_doc && !in[i].is_catalog && kind_order(in[i].kind) == k)
                order[no++] = i;
    for (size_t k = 0; k < no && rc == EXIT_FINE; k++) {
        input *t = &in[order[k]];
        isms_findings *notes = NULL;
        isms_table_kind got = t->kind;
        int year = t->year ? t->year : a->year;
        if (t->kind == ISMS_TABLE_GAP && t->edition_in_name && !cat)
            cli_note(c, T(c, "%s: %d i filnamnet är en utgåva av standarden, inte året; "
                             "gapanalysen gäller %d (ange ett annat år med --year)",
                          "%s: %d in the file name is an edition of the standard, not the "
                          "year; the gap analysis is of %d (give another year with --year)"),
                     t->source, t->edition_in_name, year ? year : isms_document_year(doc));
        int r = isms_findings_new(&notes, c->lang);
        if (r == ISMS_OK && cat && t->kind == ISMS_TABLE_GAP) {
            /* Against the catalog given, instead of inferring an edition. */
            isms_assessment *gap = NULL;
            r = isms_assessment_parse_csv_catalog(&gap, t->data, t->len, t->source, cat,
                                                  year ? year : isms_document_year(doc), notes);
            if (r == ISMS_OK && (r = isms_document_add_assessment(doc, gap)) != ISMS_OK)
                isms_assessment_free(gap);
        } else if (r == ISMS_OK) {
            r = isms_document_import_csv(&got, doc, t->data, t->len, t->source, t->kind, year,
                                         notes);
        }
        if (r != ISMS_OK) {
            rc = error_in(c, t->source);
        } else {
            print_notes(c, t->source, notes);
            if (c->a.verbose) {
                if (got == ISMS_TABLE_GAP)
                    cli_note(c, "%s: %s %d", t->source, isms_table_kind_label(got, c->lang),
                             year ? year : isms_document_year(doc));
                else
                    cli_note(c, "%s: %s", t->source, isms_table_kind_label(got, c->lang));
            }
        }
        isms_findings_free(notes);
    }
    free(order);
    if (rc)
        goto done;

    /* Convert the gap analyses to another edition. */
    if (to != ISMS_EDITION_UNKNOWN) {
        size_t na = isms_document_assessment_count(doc);
        if (na == 0) {
            rc = cli_error(c, T(c, "--to: det finns ingen gapanalys att konvertera",
                                "--to: there is no gap analysis to convert"));
            goto done;
        }
        for (size_t i = 0; i < na; i++) {
            const isms_assessment *old = isms_document_assessment_at(doc, i);
            isms_edition from = isms_assessment_edition(old);
            if (from == to)
                continue;
            int year = isms_assessment_year(old);
            isms_findings *notes = NULL;
            isms_assessment *conv = NULL;
            if (isms_findings_new(&notes, c->lang) != ISMS_OK ||
                isms_assessment_convert(&conv, old, to, notes) != ISMS_OK ||
                isms_document_add_assessment(doc, conv) != ISMS_OK) {
                rc = cli_lib_error(c);
                isms_assessment_free(conv);
                isms_findings_free(notes);
                goto done;
            }
            char what[128];
            snprintf(what, sizeof what, "%s %d", T(c, "gapanalys", "gap analysis"), year);
            print_notes(c, what, notes);
            if (c->a.verbose)
                cli_note(c, "%s: %s → %s", what, isms_edition_name(from), isms_edition_name(to));
            isms_findings_free(notes);
        }
    }

    /* Write the document, the table or the OSCAL model. */
    if (out == FMT_CSV) {
        rc = write_table(c, doc, export_kind, export_year);
    } else if (out & FMT_OSCAL) {
        /* --lang: the words of the OSCAL output, as of a CSV table (the document written
         * keeps its own language). */
        if (a->lang_given && isms_document_set_lang(doc, c->lang) != ISMS_OK)
            rc = cli_lib_error(c);
        else
            rc = write_oscal(c, doc, out);
    } else {
        char *text = NULL;
        size_t len = 0;
        if (isms_document_write(&text, &len, doc) != ISMS_OK)
            rc = cli_lib_error(c);
        else
            rc = cli_emit_bytes(c, text, len);
        isms_free(text);
    }

done:
    isms_document_free(doc);
    isms_catalog_free(cat);
    for (size_t i = 0; i < n; i++)
        isms_free(in[i].data);
    free(in);
    return rc;
}
