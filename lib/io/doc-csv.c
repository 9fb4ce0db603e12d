/* CSV tables into and out of a document (include/isms/document.h): the kinds of table, their
 * detection from the header row, the import of each kind into a document and the export of
 * each part.
 *
 * Detection scores each kind by the header cells that its importer's own alias table
 * recognises (csv-internal.h), so that a table is recognised by exactly the headers its
 * importer reads. Import reads the table into a new object with the importer, then swaps it
 * into the document with the document's set_* functions: the document changes only when
 * everything has worked. */
#include <stdio.h>
#include <string.h>

#include "csv-internal.h"
#include "doc-internal.h"

/* Title rows above the header are searched this far (as the importers do). */
enum { HEADER_SEARCH_ROWS = 50, N_KINDS = 5 };

/* ---- kinds -------------------------------------------------------------------------------- */

static const char *const kind_names[N_KINDS + 1] = {
    "unknown", "gap", "risks", "assets", "relations", "actions",
};

static const char *const kind_labels[N_KINDS + 1][2] = {
    { "Okänd", "Unknown" },
    { "Gapanalys", "Gap analysis" },
    { "Riskregister", "Risk register" },
    { "Tillgångsförteckning", "Asset inventory" },
    { "Relationer mellan tillgångar", "Asset relations" },
    { "Förbättringsåtgärder", "Improvement actions" },
};

#define KIND_NAMES "gap, risks, assets, relations or actions"

static bool kind_ok(isms_table_kind kind)
{
    return kind >= ISMS_TABLE_GAP && kind <= ISMS_TABLE_ACTIONS;
}

const char *isms_table_kind_name(isms_table_kind kind)
{
    return kind_ok(kind) ? kind_names[kind] : kind_names[0];
}

const char *isms_table_kind_label(isms_table_kind kind, isms_lang lang)
{
    if ((unsigned)kind > ISMS_TABLE_ACTIONS || (unsigned)lang > ISMS_LANG_EN)
        return "";
    return kind_labels[kind][lang];
}

int isms_table_kind_parse(isms_table_kind *out, const char *text)
{
    static const isms__alias words[] = {
        { "gap", ISMS_TABLE_GAP },
        { "Gapanalys", ISMS_TABLE_GAP },
        { "Gap analysis", ISMS_TABLE_GAP },
        { "risks", ISMS_TABLE_RISKS },
        { "risk", ISMS_TABLE_RISKS },
        { "Riskregister", ISMS_TABLE_RISKS },
        { "Risk register", ISMS_TABLE_RISKS },
        { "assets", ISMS_TABLE_ASSETS },
        { "asset", ISMS_TABLE_ASSETS },
        { "Tillgångsförteckning", ISMS_TABLE_ASSETS },
        { "Asset inventory", ISMS_TABLE_ASSETS },
        { "relations", ISMS_TABLE_RELATIONS },
        { "relation", ISMS_TABLE_RELATIONS },
        { "Relationer mellan tillgångar", ISMS_TABLE_RELATIONS },
        { "Asset relations", ISMS_TABLE_RELATIONS },
        { "actions", ISMS_TABLE_ACTIONS },
        { "action", ISMS_TABLE_ACTIONS },
        { "Förbättringsåtgärder", ISMS_TABLE_ACTIONS },
        { "Improvement actions", ISMS_TABLE_ACTIONS },
    };
    if (!out || !text)
        return isms__error(ISMS_EINVAL, "isms_table_kind_parse: NULL argument");
    if (isms__text_check("table kind", text))
        return ISMS_EINVAL;
    int v;
    if (!isms__alias_lookup(&v, words, sizeof words / sizeof *words, text))
        return isms__error(ISMS_EPARSE, "table kind \"%.*s%s\" is not one of " KIND_NAMES
                           " (or their labels, such as Gapanalys or Risk register)",
                           isms__csv_show_len(text), text, isms__csv_show_more(text));
    *out = (isms_table_kind)v;
    return ISMS_OK;
}

/* ---- detection ---------------------------------------------------------------------------- */

static isms__csv_alias_table kind_aliases(isms_table_kind kind)
{
    switch (kind) {
    case ISMS_TABLE_GAP:
        return isms__csv_gap_aliases();
    case ISMS_TABLE_RISKS:
        return isms__csv_risk_aliases();
    case ISMS_TABLE_ASSETS:
        return isms__csv_asset_aliases();
    case ISMS_TABLE_RELATIONS:
        return isms__csv_relation_aliases();
    default:
        return isms__csv_action_aliases();
    }
}

/* How well a table fits a kind: its header row (the first with two headers the kind's
 * importer knows, as the importer finds it) and a score: the number of fields its headers
 * name, plus the number of its headers that no other kind knows. */
typedef struct fit {
    size_t hrow; /* table->count when the kind finds no header row */
    unsigned score;
} fit;

static fit fit_kind(const isms__csv_table *t, isms_table_kind kind,
                    const isms__csv_alias_table *tables)
{
    fit r = { t->count, 0 };
    const isms__csv_alias_table *own = &tables[kind - 1];
    r.hrow = isms__csv_find_header(t, own->aliases, own->n, 2, HEADER_SEARCH_ROWS);
    if (r.hrow == t->count)
        return r;
    const isms__csv_record *h = &t->records[r.hrow];
    /* Fields seen so far; no alias table has more than 64 fields. */
    unsigned char seen[64];
    memset(seen, 0, sizeof seen);
    for (size_t j = 0; j < h->count; j++) {
        isms__csv_header hd;
        isms__csv_header_normalise(&hd, isms__csv_unneutralise(h->cells[j]));
        if (!hd.norm[0])
            continue;
        int f = isms__csv_header_field(&hd, own->aliases, own->n);
        if (f < 0)
            continue;
        if (f < 64 && !seen[f]) {
            seen[f] = 1;
            r.score++;
        }
        bool shared = false;
        for (int k = ISMS_TABLE_GAP; k <= ISMS_TABLE_ACTIONS && !shared; k++)
            shared = k != (int)kind &&
                     isms__csv_header_field(&hd, tables[k - 1].aliases, tables[k - 1].n) >= 0;
        if (!shared)
            r.score++;
    }
    return r;
}

/* Writes what the kinds expect, for the error of a table that fits none. */
#define EXPECTED_HEADERS                                                                     \
    "expected the headers of a gap analysis (ISO, Krav, Nuläge …), a risk register (Risk, "  \
    "Sannolikhet/konsekvens, Riskvärde …), an asset inventory (ID, Namn, Typ, K, R, T …), "  \
    "relations (Från, Relation, Till) or actions (Åtgärd-id, Åtgärd, Insats, "               \
    "Förutsättningar …)"

static int detect_table(isms_table_kind *out, const isms__csv_table *t, const char *source)
{
    if (t->count == 0)
        return isms__error_at(ISMS_EPARSE, source, 1, 0,
                              "line 1: the file is empty; " EXPECTED_HEADERS);
    isms__csv_alias_table tables[N_KINDS];
    for (int k = ISMS_TABLE_GAP; k <= ISMS_TABLE_ACTIONS; k++)
        tables[k - 1] = kind_aliases((isms_table_kind)k);
    fit fits[N_KINDS];
    unsigned top = 0;
    for (int k = ISMS_TABLE_GAP; k <= ISMS_TABLE_ACTIONS; k++) {
        fits[k - 1] = fit_kind(t, (isms_table_kind)k, tables);
        if (fits[k - 1].score > top)
            top = fits[k - 1].score;
    }
    if (!top) {
        unsigned line = t->records[0].line;
        return isms__error_at(ISMS_EPARSE, source, line, 0,
                              "line %u: no header row recognised; " EXPECTED_HEADERS
                              "; give the kind of the table (--kind " KIND_NAMES ")",
                              line);
    }
    int best = 0, tied = 0;
    for (int k = ISMS_TABLE_GAP; k <= ISMS_TABLE_ACTIONS; k++)
        if (fits[k - 1].score == top) {
            tied++;
            if (!best)
                best = k;
        }
    if (tied > 1) {
        /* "gap, risks and actions", "--kind gap, --kind risks or --kind actions" */
        char names[128] = "", options[192] = "";
        size_t n1 = 0, n2 = 0;
        int seen = 0;
        for (int k = ISMS_TABLE_GAP; k <= ISMS_TABLE_ACTIONS; k++) {
            if (fits[k - 1].score != top)
                continue;
            seen++;
            const char *sep = seen == 1 ? "" : seen == tied ? " and " : ", ";
            const char *sep2 = seen == 1 ? "" : seen == tied ? " or " : ", ";
            n1 += (size_t)snprintf(names + n1, sizeof names - n1, "%s%s", sep, kind_names[k]);
            n2 += (size_t)snprintf(options + n2, sizeof options - n2, "%s--kind %s", sep2,
                                   kind_names[k]);
        }
        unsigned line = t->records[fits[best - 1].hrow].line;
        return isms__error_at(ISMS_EPARSE, source, line, 0,
                              "line %u: the headers fit %s tables equally well; give the kind "
                              "of the table (%s)",
                              line, names, options);
    }
    *out = (isms_table_kind)best;
    return ISMS_OK;
}

int isms_table_detect(isms_table_kind *out, const char *data, size_t len)
{
    if (!out || (!data && len > 0))
        return isms__error(ISMS_EINVAL, "isms_table_detect: NULL argument");
    isms__csv_table t;
    int rc = isms__csv_read(&t, data ? data : "", len, NULL);
    if (rc != ISMS_OK)
        return rc;
    isms_table_kind kind = ISMS_TABLE_UNKNOWN;
    rc = detect_table(&kind, &t, NULL);
    isms__csv_table_free(&t);
    if (rc == ISMS_OK)
        *out = kind;
    return rc;
}

/* ---- import ------------------------------------------------------------------------------- */

/* Copies one asset, every field, into `inv`. */
static int copy_asset(isms_inventory *inv, const isms_asset *a)
{
    isms_asset *c = NULL;
    int rc = isms_inventory_add(&c, inv, isms_asset_id(a), isms_asset_get(a, ISMS_ASSET_NAME),
                                isms_asset_get_type(a));
    for (int f = ISMS_ASSET_NAME + 1; !rc && f < ISMS_ASSET_FIELDS; f++) {
        const char *text = isms_asset_get(a, (isms_asset_field)f);
        if (*text)
            rc = isms_asset_set(c, (isms_asset_field)f, text);
    }
    for (int k = 0; !rc && k < ISMS_ASPECTS; k++) {
        int level = isms_asset_level(a, (isms_aspect)k);
        int over = isms_asset_override(a, (isms_aspect)k);
        if (level != ISMS_CLASS_UNSET)
            rc = isms_asset_set_level(c, (isms_aspect)k, level);
        if (!rc && over != ISMS_CLASS_UNSET)
            rc = isms_asset_set_override(c, (isms_aspect)k, over);
    }
    if (!rc && (isms_asset_pdata(a) || isms_asset_special(a)))
        rc = isms_asset_set_pdata(c, isms_asset_pdata(a), isms_asset_special(a));
    if (!rc)
        isms_asset_set_nis(c, isms_asset_nis(a));
    if (!rc && isms_asset_classified(a).year)
        rc = isms_asset_set_classified(c, isms_asset_classified(a));
    if (!rc)
        rc = isms_asset_set_interval(c, isms_asset_interval(a));
    return rc;
}

/* A new inventory on the scheme of `old`, with its floors and copies of its assets (without
 * its relations). */
static int copy_assets(isms_inventory **out, const isms_inventory *old)
{
    isms_inventory *inv = NULL;
    isms_floors floors;
    int rc = isms_inventory_new(&inv, isms_inventory_scheme(old));
    if (!rc)
        rc = isms_inventory_floors(&floors, old);
    if (!rc)
        rc = isms_inventory_set_floors(inv, &floors);
    for (size_t i = 0; !rc && i < isms_inventory_count(old); i++)
        rc = copy_asset(inv, isms_inventory_at(old, i));
    if (rc) {
        isms_inventory_free(inv);
        return rc;
    }
    *out = inv;
    return ISMS_OK;
}

/* The relations of `old` whose two ends `inv` has, added to `inv` in their order; a note for
 * each one dropped. */
static int keep_relations(isms_inventory *inv, const isms_inventory *old, isms_findings *notes)
{
    isms_lang lang = notes ? isms_findings_lang(notes) : ISMS_LANG_EN;
    for (size_t i = 0; i < isms_inventory_relation_count(old); i++) {
        isms_relation_info ri;
        int rc = isms_inventory_relation(&ri, old, i);
        if (rc)
            return rc;
        const char *src = isms_asset_id(ri.src), *dst = isms_asset_id(ri.dst);
        if (isms_inventory_find(inv, src) && isms_inventory_find(inv, dst)) {
            if ((rc = isms_inventory_link(inv, src, dst, ri.kind)))
                return rc;
            continue;
        }
        const char *gone = isms_inventory_find(inv, src) ? dst : src;
        if (notes &&
            (rc = isms__findings_addf(
                 notes, ISMS_SEVERITY_WARNING, "doc-relation-dropped", src,
                 lang == ISMS_LANG_SV
                     ? "Relationen %.*s%s %s %.*s%s togs bort: tabellen saknar %.*s%s."
                     : "The relation %.*s%s %s %.*s%s was dropped: the table lacks %.*s%s.",
                 isms__csv_show_len(src), src, isms__csv_show_more(src),
                 isms_relkind_label(ri.kind, lang), isms__csv_show_len(dst), dst,
                 isms__csv_show_more(dst), isms__csv_show_len(gone), gone,
                 isms__csv_show_more(gone))))
            return rc;
    }
    return ISMS_OK;
}

/* Whether more than half of the entries of `a` with a reference found it in its catalog. */
static bool mostly_found(const isms_assessment *a)
{
    size_t refs = 0, found = 0;
    for (size_t i = 0; i < isms_assessment_count(a); i++) {
        const isms_entry *e = isms_assessment_at(a, i);
        const char *ref = isms_entry_ref(e);
        if (!ref || !*ref)
            continue;
        refs++;
        if (isms_entry_item(e))
            found++;
    }
    return found * 2 > refs;
}

/* Whether a gap table read against the imported catalog of the latest assessment (into `a`,
 * with the notes from `mark` on in `notes`) belongs to that catalog: no title row names a
 * built-in edition (the import's gap-edition warning), and more than half of the rows with a
 * reference found it in the catalog. */
static bool fits_catalog(const isms_assessment *a, const isms_findings *notes, size_t mark)
{
    for (size_t i = mark; i < isms_findings_count(notes); i++) {
        isms_finding f;
        if (isms_findings_get(&f, notes, i) == ISMS_OK && f.severity == ISMS_SEVERITY_WARNING &&
            strcmp(f.code, "gap-edition") == 0)
            return false;
    }
    return mostly_found(a);
}

/* The thread's last error, kept while something else runs. */
typedef struct saved_error {
    int code;
    unsigned line, column;
    bool has_source;
    char source[256], message[1024];
} saved_error;

static void save_error(saved_error *e)
{
    const isms_error *last = isms_error_last();
    e->code = last->code;
    e->line = last->line;
    e->column = last->column;
    e->has_source = last->source != NULL;
    snprintf(e->source, sizeof e->source, "%s", last->source ? last->source : "");
    snprintf(e->message, sizeof e->message, "%s", last->message);
}

static int restore_error(const saved_error *e)
{
    return isms__error_at(e->code, e->has_source ? e->source : NULL, e->line, e->column, "%s",
                          e->message);
}

/*
 * Reads a gap table for the year `y`. The assessment of that year, when it is held against an
 * imported catalog, gives the catalog: the table replaces it. Else the latest assessment's
 * imported catalog is tried: the table is read against it only when it fits it
 * (fits_catalog()); a table of ISO/IEC 27001 (which names its edition, or whose references
 * that catalog does not hold) is read as before, its edition inferred. A table that the
 * catalog refuses (an error) is read as ISO/IEC 27001 when that works and fits (a title row
 * names the edition, or most references are found); else the catalog's error stands.
 */
static int read_gap(isms_assessment **out, const isms_document *doc, const char *data,
                    size_t len, const char *source, int y, isms_findings *notes)
{
    const isms_assessment *own = isms_document_assessment_find(doc, y);
    const isms_assessment *held = own ? own : isms_document_current(doc);
    const isms_catalog *cat = held ? isms_assessment_catalog(held) : NULL;
    if (!cat || isms_catalog_edition(cat) != ISMS_EDITION_IMPORTED)
        return isms_assessment_parse_csv(out, data, len, source, ISMS_EDITION_UNKNOWN, y,
                                         notes);
    if (own)
        return isms_assessment_parse_csv_catalog(out, data, len, source, cat, y, notes);
    /* The notes tell whether a title row names an edition: a list of our own when the caller
     * gave none. */
    isms_findings *probe = notes;
    int rc;
    if (!probe && (rc = isms_findings_new(&probe, ISMS_LANG_EN)))
        return rc;
    size_t mark = isms_findings_count(probe);
    isms_assessment *a = NULL;
    rc = isms_assessment_parse_csv_catalog(&a, data, len, source, cat, y, probe);
    bool fits = rc == ISMS_OK && fits_catalog(a, probe, mark);
    if (probe != notes)
        isms_findings_free(probe);
    if (rc == ISMS_ENOMEM)
        return rc;
    if (fits) {
        *out = a;
        return ISMS_OK;
    }
    isms_assessment_free(a);
    isms__findings_truncate(notes, mark);
    if (rc == ISMS_OK)
        return isms_assessment_parse_csv(out, data, len, source, ISMS_EDITION_UNKNOWN, y,
                                         notes);
    saved_error refused;
    save_error(&refused);
    a = NULL;
    int iso = isms_assessment_parse_csv(&a, data, len, source, ISMS_EDITION_UNKNOWN, y, notes);
    if (iso == ISMS_ENOMEM)
        return iso;
    if (iso == ISMS_OK &&
        (isms_assessment_edition_basis(a) == ISMS_BASIS_NAMED || mostly_found(a))) {
        *out = a;
        return ISMS_OK;
    }
    isms_assessment_free(a);
    isms__findings_truncate(notes, mark);
    return restore_error(&refused);
}

/* Reads the table of kind `kind` and puts it into the document. On error nothing changed (the
 * caller takes back the notes). */
static int import_kind(isms_document *doc, const char *data, size_t len, const char *source,
                       isms_table_kind kind, int year, isms_findings *notes)
{
    int rc;
    switch (kind) {
    case ISMS_TABLE_GAP: {
        isms_assessment *a = NULL;
        int y = year ? year : isms_document_year(doc);
        rc = read_gap(&a, doc, data, len, source, y, notes);
        if (!rc && (rc = isms_document_add_assessment(doc, a)))
            isms_assessment_free(a);
        return rc;
    }
    case ISMS_TABLE_RISKS: {
        isms_register *reg = NULL;
        rc = isms_register_parse_csv(&reg, data, len, source,
                                     isms_register_matrix(isms_document_register(doc)), notes);
        if (!rc && (rc = isms_document_set_register(doc, reg)))
            isms_register_free(reg);
        return rc;
    }
    case ISMS_TABLE_ASSETS: {
        const isms_inventory *old = isms_document_inventory(doc);
        isms_inventory *inv = NULL;
        isms_floors floors;
        rc = isms_inventory_parse_csv(&inv, data, len, source, isms_inventory_scheme(old),
                                      notes);
        if (rc)
            return rc;
        if (!(rc = isms_inventory_floors(&floors, old)) &&
            !(rc = isms_inventory_set_floors(inv, &floors)) &&
            !(rc = keep_relations(inv, old, notes)))
            rc = isms_document_set_inventory(doc, inv);
        if (rc)
            isms_inventory_free(inv);
        return rc;
    }
    case ISMS_TABLE_RELATIONS: {
        isms_inventory *inv = NULL;
        rc = copy_assets(&inv, isms_document_inventory(doc));
        if (rc)
            return rc;
        if (!(rc = isms_inventory_parse_relations_csv(inv, data, len, source, notes)))
            rc = isms_document_set_inventory(doc, inv);
        if (rc)
            isms_inventory_free(inv);
        return rc;
    }
    case ISMS_TABLE_ACTIONS: {
        isms_plan *plan = NULL;
        rc = isms_plan_parse_csv(&plan, data, len, source, isms_document_year(doc), notes);
        if (!rc && (rc = isms_document_set_plan(doc, plan)))
            isms_plan_free(plan);
        return rc;
    }
    default:
        return isms__error(ISMS_EINVAL, "isms_document_import_csv: unknown table kind %d",
                           (int)kind);
    }
}

int isms_document_import_csv(isms_table_kind *kind, isms_document *doc, const char *data,
                             size_t len, const char *source, isms_table_kind want, int year,
                             isms_findings *notes)
{
    if (!doc || (!data && len > 0))
        return isms__error(ISMS_EINVAL, "isms_document_import_csv: NULL argument");
    if (want != ISMS_TABLE_UNKNOWN && !kind_ok(want))
        return isms__error(ISMS_EINVAL, "isms_document_import_csv: unknown table kind %d; "
                           "expected 0 (detect) to 5", (int)want);
    if (year != 0 && (year < 1900 || year > 9999))
        return isms__error(ISMS_EINVAL, "isms_document_import_csv: the year %d is outside "
                           "1900–9999 (0: the document's year)", year);
    /* The size is checked where the table is read (isms__csv_read(), the importers). */
    if (!data)
        data = "";
    int rc;
    if (want == ISMS_TABLE_UNKNOWN) {
        isms__csv_table t;
        if ((rc = isms__csv_read(&t, data, len, source)))
            return rc;
        rc = detect_table(&want, &t, source);
        isms__csv_table_free(&t);
        if (rc)
            return rc;
    }
    size_t before = isms_findings_count(notes);
    rc = import_kind(doc, data, len, source, want, year, notes);
    if (rc) {
        isms__findings_truncate(notes, before);
        return rc;
    }
    if (kind)
        *kind = want;
    return ISMS_OK;
}

/* ---- export ------------------------------------------------------------------------------- */

int isms_document_export_csv(char **out, size_t *len, const isms_document *doc,
                             isms_table_kind kind, int year, isms_lang lang, unsigned flags)
{
    if (!out || !doc)
        return isms__error(ISMS_EINVAL, "isms_document_export_csv: NULL argument");
    switch (kind) {
    case ISMS_TABLE_GAP: {
        const isms_assessment *a = year ? isms_document_assessment_find(doc, year)
                                        : isms_document_current(doc);
        if (a)
            return isms_assessment_write_csv(out, len, a, lang, flags);
        if (!isms_document_assessment_count(doc))
            return isms__error(ISMS_ENOTFOUND, "the document has no assessment (gap analysis) "
                               "to export; import a gap table first");
        char years[256];
        isms__doc_describe_years(years, sizeof years, doc);
        return isms__error(ISMS_ENOTFOUND, "the document has no assessment of %d; it has %s",
                           year, years);
    }
    case ISMS_TABLE_RISKS:
        return isms_register_write_csv(out, len, isms_document_register(doc), lang, flags);
    case ISMS_TABLE_ASSETS:
        return isms_inventory_write_csv(out, len, isms_document_inventory(doc), lang, flags);
    case ISMS_TABLE_RELATIONS:
        return isms_inventory_write_relations_csv(out, len, isms_document_inventory(doc), lang,
                                                  flags);
    case ISMS_TABLE_ACTIONS:
        return isms_plan_write_csv(out, len, isms_document_plan(doc), lang, flags);
    default:
        return isms__error(ISMS_EINVAL, "isms_document_export_csv: the table kind %d is not "
                           "one of 1–5 (" KIND_NAMES ")",
                           (int)kind);
    }
}
