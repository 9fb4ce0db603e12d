/* CSV import and export of asset inventories and their relations (include/isms/csv.h), on the
 * generic table layer (csv-internal.h). The structure follows csv-risk.c and csv-gap.c.
 *
 * Assets: one row per asset, columns found by their Swedish or English header. Relations: one
 * row per relation, source / kind / destination, added all or none. Export writes every field
 * so that import → export → import loses nothing. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "asset/asset-internal.h"
#include "csv-internal.h"

#define NONE ISMS__CSV_NONE

/* Title rows above the header are searched this far. */
enum { HEADER_SEARCH_ROWS = 50, TEXT_MAX = 256 };

/* ---- asset columns ------------------------------------------------------------------------ */

enum field {
    F_ID,
    F_NAME,
    F_TYPE,
    F_OWNER,
    F_DESC,
    F_LEVEL,                                   /* + aspect */
    F_PDATA = F_LEVEL + ISMS_ASPECTS,
    F_SPECIAL,
    F_NIS,
    F_CLASSIFIED,
    F_INTERVAL,
    F_ART30,                                   /* + (field − ISMS_ASSET_PURPOSE) */
    F_OVERRIDE = F_ART30 + ISMS_ASSET_MEASURES - ISMS_ASSET_PURPOSE + 1, /* + aspect */
    F_REASON = F_OVERRIDE + ISMS_ASPECTS,
    F_COUNT,
    F_T = F_COUNT /* the letter T: availability or traceability, as the table's letters say */
};

#define LV(aspect) (F_LEVEL + (aspect))
#define OV(aspect) (F_OVERRIDE + (aspect))
#define TX(field) (F_ART30 + (field) - ISMS_ASSET_PURPOSE)

#define A_C ISMS_ASPECT_CONFIDENTIALITY
#define A_I ISMS_ASPECT_INTEGRITY
#define A_A ISMS_ASPECT_AVAILABILITY
#define A_S ISMS_ASPECT_TRACEABILITY

/* Headers in any spelling: case, spaces, hyphens, diacritics and parenthesised hints do not
 * matter (see isms__csv_header_normalise()), so "Informationsägare" also covers
 * "INFORMATIONSÄGARE", "Informations-\nägare" and "Informationsägare (roll)". The single
 * letters: K, R (Swedish) and C, I, A (English) name their aspects; S is traceability; T is
 * decided by the table (see t_aspect()). An override header names its aspect in the language
 * of its prefix: "Manuell T" is tillgänglighet, "Override T" traceability. */
static const isms__csv_alias asset_aliases[] = {
    { "ID", F_ID },
    { "Id", F_ID },
    { "Nr", F_ID },
    { "Nummer", F_ID },
    { "Objekt-ID", F_ID },
    { "Tillgångs-ID", F_ID },
    { "Asset ID", F_ID },
    { "Ref", F_ID },

    { "Namn", F_NAME },
    { "Benämning", F_NAME },
    { "Informationsmängd", F_NAME },
    { "Informationstillgång", F_NAME },
    { "Tillgång", F_NAME },
    { "Objekt", F_NAME },
    { "Name", F_NAME },
    { "Asset", F_NAME },
    { "Asset name", F_NAME },
    { "Information set", F_NAME },

    { "Typ", F_TYPE },
    { "Objekttyp", F_TYPE },
    { "Tillgångstyp", F_TYPE },
    { "Type", F_TYPE },
    { "Asset type", F_TYPE },

    { "Ägare", F_OWNER },
    { "Informationsägare", F_OWNER },
    { "Systemägare", F_OWNER },
    { "Ansvarig", F_OWNER },
    { "Owner", F_OWNER },
    { "Information owner", F_OWNER },
    { "System owner", F_OWNER },
    { "Asset owner", F_OWNER },

    { "Beskrivning", F_DESC },
    { "Description", F_DESC },

    { "K", LV(A_C) },
    { "Konfidentialitet", LV(A_C) },
    { "C", LV(A_C) },
    { "Confidentiality", LV(A_C) },
    { "R", LV(A_I) },
    { "Riktighet", LV(A_I) },
    { "I", LV(A_I) },
    { "Integrity", LV(A_I) },
    { "Tillgänglighet", LV(A_A) },
    { "A", LV(A_A) },
    { "Availability", LV(A_A) },
    { "S", LV(A_S) },
    { "Spårbarhet", LV(A_S) },
    { "Traceability", LV(A_S) },
    { "T", F_T },

    { "Personuppgifter", F_PDATA },
    { "Personal data", F_PDATA },

    { "Känsliga personuppgifter", F_SPECIAL },
    { "Känsliga kategorier", F_SPECIAL },
    { "Särskilda kategorier", F_SPECIAL },
    { "Särskilda kategorier av personuppgifter", F_SPECIAL },
    { "Special categories", F_SPECIAL },
    { "Special categories of personal data", F_SPECIAL },

    { "NIS", F_NIS },
    { "NIS2", F_NIS },
    { "Samhällsviktig", F_NIS },
    { "Samhällsviktig verksamhet", F_NIS },

    { "Senast klassad", F_CLASSIFIED },
    { "Senast klassificerad", F_CLASSIFIED },
    { "Klassad", F_CLASSIFIED },
    { "Klassningsdatum", F_CLASSIFIED },
    { "Last classified", F_CLASSIFIED },
    { "Classified", F_CLASSIFIED },
    { "Classification date", F_CLASSIFIED },

    { "Intervall", F_INTERVAL },
    { "Omklassning", F_INTERVAL },
    { "Omklassningsintervall", F_INTERVAL },
    { "Interval", F_INTERVAL },
    { "Reclassification interval", F_INTERVAL },

    { "Ändamål", TX(ISMS_ASSET_PURPOSE) },
    { "Ändamål med behandlingen", TX(ISMS_ASSET_PURPOSE) },
    { "Purpose", TX(ISMS_ASSET_PURPOSE) },
    { "Purpose of processing", TX(ISMS_ASSET_PURPOSE) },

    { "Rättslig grund", TX(ISMS_ASSET_LEGAL_BASIS) },
    { "Laglig grund", TX(ISMS_ASSET_LEGAL_BASIS) },
    { "Legal basis", TX(ISMS_ASSET_LEGAL_BASIS) },

    { "Registrerade", TX(ISMS_ASSET_SUBJECTS) },
    { "Kategorier av registrerade", TX(ISMS_ASSET_SUBJECTS) },
    { "Data subjects", TX(ISMS_ASSET_SUBJECTS) },
    { "Categories of data subjects", TX(ISMS_ASSET_SUBJECTS) },

    { "Personuppgiftskategorier", TX(ISMS_ASSET_DATA_CATEGORIES) },
    { "Kategorier av personuppgifter", TX(ISMS_ASSET_DATA_CATEGORIES) },
    { "Categories of personal data", TX(ISMS_ASSET_DATA_CATEGORIES) },
    { "Data categories", TX(ISMS_ASSET_DATA_CATEGORIES) },

    { "Mottagare", TX(ISMS_ASSET_RECIPIENTS) },
    { "Kategorier av mottagare", TX(ISMS_ASSET_RECIPIENTS) },
    { "Recipients", TX(ISMS_ASSET_RECIPIENTS) },

    { "Tredje land", TX(ISMS_ASSET_TRANSFERS) },
    { "Överföring till tredje land", TX(ISMS_ASSET_TRANSFERS) },
    { "Överföringar till tredje land", TX(ISMS_ASSET_TRANSFERS) },
    { "Third-country transfers", TX(ISMS_ASSET_TRANSFERS) },
    { "Transfers", TX(ISMS_ASSET_TRANSFERS) },

    { "Skyddsåtgärder", TX(ISMS_ASSET_SAFEGUARDS) },
    { "Safeguards", TX(ISMS_ASSET_SAFEGUARDS) },

    { "Gallring", TX(ISMS_ASSET_RETENTION) },
    { "Gallringsfrist", TX(ISMS_ASSET_RETENTION) },
    { "Lagringstid", TX(ISMS_ASSET_RETENTION) },
    { "Retention", TX(ISMS_ASSET_RETENTION) },
    { "Retention period", TX(ISMS_ASSET_RETENTION) },

    { "Säkerhetsåtgärder", TX(ISMS_ASSET_MEASURES) },
    { "Security measures", TX(ISMS_ASSET_MEASURES) },

    { "Manuell K", OV(A_C) },
    { "Manuell konfidentialitet", OV(A_C) },
    { "Manuell R", OV(A_I) },
    { "Manuell riktighet", OV(A_I) },
    { "Manuell T", OV(A_A) },
    { "Manuell tillgänglighet", OV(A_A) },
    { "Manuell S", OV(A_S) },
    { "Manuell spårbarhet", OV(A_S) },
    { "Override C", OV(A_C) },
    { "Override confidentiality", OV(A_C) },
    { "Override I", OV(A_I) },
    { "Override integrity", OV(A_I) },
    { "Override A", OV(A_A) },
    { "Override availability", OV(A_A) },
    { "Override T", OV(A_S) },
    { "Override traceability", OV(A_S) },

    { "Motivering", F_REASON },
    { "Justification", F_REASON },
    { "Override justification", F_REASON },
};
#define N_ASSET_ALIASES (sizeof asset_aliases / sizeof *asset_aliases)

isms__csv_alias_table isms__csv_asset_aliases(void)
{
    isms__csv_alias_table t = { asset_aliases, N_ASSET_ALIASES };
    return t;
}

/* The text fields read as they are, and their columns. The name is given to
 * isms_inventory_add() and is not in this list. */
static const struct {
    int f;
    isms_asset_field field;
} text_columns[] = {
    { F_OWNER, ISMS_ASSET_OWNER },
    { F_DESC, ISMS_ASSET_DESCRIPTION },
    { TX(ISMS_ASSET_PURPOSE), ISMS_ASSET_PURPOSE },
    { TX(ISMS_ASSET_LEGAL_BASIS), ISMS_ASSET_LEGAL_BASIS },
    { TX(ISMS_ASSET_SUBJECTS), ISMS_ASSET_SUBJECTS },
    { TX(ISMS_ASSET_DATA_CATEGORIES), ISMS_ASSET_DATA_CATEGORIES },
    { TX(ISMS_ASSET_RECIPIENTS), ISMS_ASSET_RECIPIENTS },
    { TX(ISMS_ASSET_TRANSFERS), ISMS_ASSET_TRANSFERS },
    { TX(ISMS_ASSET_SAFEGUARDS), ISMS_ASSET_SAFEGUARDS },
    { TX(ISMS_ASSET_RETENTION), ISMS_ASSET_RETENTION },
    { TX(ISMS_ASSET_MEASURES), ISMS_ASSET_MEASURES },
    { F_REASON, ISMS_ASSET_OVERRIDE_REASON },
};
#define N_TEXT_COLUMNS (sizeof text_columns / sizeof *text_columns)

/* ---- what the importers share ------------------------------------------------------------- */

/* The error for a cell: "line 14, column 5: <what follows>". */
static int cell_error(const isms__csv_import *in, unsigned line, size_t col, int code,
                      const char *fmt, ...) ISMS__PRINTF(5, 6);

static int cell_error(const isms__csv_import *in, unsigned line, size_t col, int code,
                      const char *fmt, ...)
{
    char what[900];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    return isms__error_at(code, in->source, line, (unsigned)(col + 1),
                          "line %u, column %zu: %s", line, col + 1, what);
}

/* A cell for a message: trimmed, cut to ISMS__CSV_SHOW_MAX bytes ("…" marks the cut). */
typedef struct shown {
    int n;
    const char *s;
    const char *more;
} shown;

static shown show(const char *cell)
{
    isms__csv_view v = isms__csv_trimmed_cell(cell);
    shown r = { isms__csv_show_len_n(v.s, v.n), v.s, isms__csv_show_more_n(v.n) };
    return r;
}

/* The thread's last error message, copied (the next error overwrites it). */
static void last_message(char *buf, size_t size)
{
    snprintf(buf, size, "%s", isms_error_last()->message);
}

/* ---- the asset table's header ------------------------------------------------------------- */

typedef struct layout {
    const isms__csv_record *header;
    size_t hrow;
    size_t col[F_COUNT]; /* column index per field, or NONE */
} layout;

typedef struct importer {
    isms__csv_import in; /* the source, the table and the notes */
    isms_inventory *inv;
    const isms_scheme *scheme;
    layout lay;
    unsigned *lines; /* line of each asset added, for duplicate-id messages */
    size_t lines_cap;
} importer;

static int header_field(const isms__csv_header *hd)
{
    return isms__csv_header_field(hd, asset_aliases, N_ASSET_ALIASES);
}

/*
 * The aspect of a column headed "T": tillgänglighet in a Swedish table (one with a K or R
 * column), traceability in an English one (C, I or A). Failing letters, the other aspect
 * headers tell: T is traceability next to an availability column (Tillgänglighet,
 * Availability), availability next to a traceability column (S, Spårbarhet, Traceability),
 * availability next to Konfidentialitet or Riktighet, traceability next to Confidentiality or
 * Integrity. Returns -1 when nothing tells.
 */
static int t_aspect(const isms__csv_record *h)
{
    bool sv_letters = false, en_letters = false, avail = false, trace = false;
    bool sv_names = false, en_names = false;
    for (size_t j = 0; j < h->count; j++) {
        isms__csv_header hd;
        isms__csv_header_normalise(&hd, isms__csv_unneutralise(h->cells[j]));
        const char *n = hd.norm;
        int f = header_field(&hd);
        if (!strcmp(n, "k") || !strcmp(n, "r"))
            sv_letters = true;
        else if (!strcmp(n, "c") || !strcmp(n, "i") || !strcmp(n, "a"))
            en_letters = true;
        else if (!strcmp(n, "konfidentialitet") || !strcmp(n, "riktighet"))
            sv_names = true;
        else if (!strcmp(n, "confidentiality") || !strcmp(n, "integrity"))
            en_names = true;
        if (f == LV(A_A))
            avail = true;
        if (f == LV(A_S))
            trace = true;
    }
    if (sv_letters)
        return A_A;
    if (en_letters)
        return A_S;
    if (avail != trace)
        return avail ? A_S : A_A;
    if (sv_names != en_names)
        return sv_names ? A_A : A_S;
    return -1;
}

static int map_columns(importer *imp, size_t hrow)
{
    const isms__csv_table *t = &imp->in.table;
    layout *lay = &imp->lay;
    const isms__csv_record *h = &t->records[hrow];
    lay->header = h;
    lay->hrow = hrow;
    for (size_t f = 0; f < F_COUNT; f++)
        lay->col[f] = NONE;
    int rc = ISMS_OK;
    int t_is = -2; /* not decided yet */
    for (size_t j = 0; j < h->count && rc == ISMS_OK; j++) {
        const char *cell = isms__csv_unneutralise(h->cells[j]);
        isms__csv_header hd;
        isms__csv_header_normalise(&hd, cell);
        if (!hd.norm[0])
            continue; /* no header: see isms__csv_note_headerless() */
        int f = header_field(&hd);
        if (f == F_T) {
            if (t_is == -2)
                t_is = t_aspect(h);
            if (t_is < 0)
                return cell_error(&imp->in, h->line, j, ISMS_EPARSE,
                                  "the column \"T\" may be tillgänglighet (availability) or "
                                  "traceability (spårbarhet): name it Tillgänglighet or "
                                  "Spårbarhet, or use it together with K and R (Swedish) or "
                                  "C, I and A (English)");
            f = LV(t_is);
        }
        rc = isms__csv_place_column(&imp->in, lay->col, f, j, cell, ISMS_SEVERITY_INFO);
    }
    if (rc == ISMS_OK)
        rc = isms__csv_note_headerless(&imp->in, hrow, isms__csv_header_unnamed);
    return rc;
}

/* ---- asset rows --------------------------------------------------------------------------- */

/* The values of a row that are not plain text, read and checked before the asset is added. */
typedef struct row {
    const isms__csv_record *rec;
    const char *id;   /* the id cell (or the name cell when the file has no id column) */
    const char *name; /* the name cell, "" without one */
    isms_asset_type type;
    int level[ISMS_ASPECTS];
    int override[ISMS_ASPECTS];
    unsigned pdata, special;
    bool nis;
    isms_date classified;
    int interval; /* 0: not given */
} row;

/* The scale of an aspect for messages: "0–4 (Ingen eller försumbar, … / None or negligible,
 * …)". */
static void describe_scale(char *buf, size_t size, const isms_scheme *s, isms_aspect aspect)
{
    char scale[64];
    isms__scheme_describe(scale, sizeof scale, s, aspect);
    size_t n = isms_scheme_level_count(s, aspect), len = 0;
    int w = snprintf(buf, size, "%s (", scale);
    if (w < 0 || (size_t)w >= size)
        return;
    len = (size_t)w;
    for (int lang = 0; lang < 2; lang++) {
        for (size_t i = 0; i < n; i++) {
            isms_class_level lv;
            if (isms_scheme_level(&lv, s, aspect, i) != ISMS_OK)
                continue;
            w = snprintf(buf + len, size - len, "%s%s",
                         i ? ", " : lang ? " / " : "", lang ? lv.label_en : lv.label_sv);
            if (w < 0 || (size_t)w >= size - len)
                return;
            len += (size_t)w;
        }
    }
    if (len + 2 <= size) {
        buf[len++] = ')';
        buf[len] = '\0';
    }
}

static bool is_sep(char c)
{
    return c == ' ' || c == '\t' || c == '.' || c == ':' || c == '-' || c == ')' || c == ',';
}

/* A level written as its number and its name, as spreadsheet drop-down lists have them:
 * "3 - Allvarlig", "3. Allvarlig", "3 (Allvarlig)", "3 – Allvarlig". Both must agree. */
static bool parse_number_and_name(int *out, const isms_scheme *s, isms_aspect aspect,
                                  isms__csv_view v)
{
    size_t i = 0;
    while (i < v.n && i < 2 && v.s[i] >= '0' && v.s[i] <= '9')
        i++;
    if (i == 0 || i == v.n || !is_sep(v.s[i]))
        return false;
    int num = 0;
    for (size_t k = 0; k < i; k++)
        num = num * 10 + (v.s[k] - '0');
    /* The rest without separators, dashes (also "–") and surrounding parentheses. */
    const char *p = v.s + i, *end = v.s + v.n;
    for (;;) {
        if (p < end && (is_sep(*p) || *p == '('))
            p++;
        else if (end - p >= 3 && !memcmp(p, "\xE2\x80\x93", 3)) /* en dash */
            p += 3;
        else
            break;
    }
    while (end > p && (end[-1] == ')' || end[-1] == ' ' || end[-1] == '\t'))
        end--;
    char buf[TEXT_MAX];
    int named;
    isms__csv_view rest = { p, (size_t)(end - p) };
    if (p == end || !isms__csv_view_copy(buf, sizeof buf, rest))
        return false;
    if (isms__parse_int(buf, &named) ||
        isms_scheme_parse_level(&named, s, aspect, buf) != ISMS_OK || named != num)
        return false;
    *out = num;
    return true;
}

/* A level cell: empty is unclassified; else a number or a name of the aspect's scale. */
static int read_level(int *out, const importer *imp, const isms__csv_record *rec, size_t col,
                      isms_aspect aspect, bool override)
{
    *out = ISMS_CLASS_UNSET;
    const char *cell = isms__csv_data_cell(rec, col);
    if (col == NONE || isms__text_blank(cell))
        return ISMS_OK;
    const char *word = isms__aspect_word(aspect, ISMS_LANG_EN);
    shown sh = show(cell);
    if (!isms_scheme_has_aspect(imp->scheme, aspect))
        return cell_error(&imp->in, rec->line, col, ISMS_EPARSE,
                          "%s \"%.*s%s\" cannot be kept: the scheme \"%s\" does not classify "
                          "%s",
                          override ? "the override" : "the level", sh.n, sh.s, sh.more,
                          isms_scheme_name(imp->scheme), word);
    if (isms_scheme_parse_level(out, imp->scheme, aspect, cell) == ISMS_OK ||
        parse_number_and_name(out, imp->scheme, aspect, isms__csv_trimmed_cell(cell)))
        return ISMS_OK;
    *out = ISMS_CLASS_UNSET;
    char scale[600];
    describe_scale(scale, sizeof scale, imp->scheme, aspect);
    return cell_error(&imp->in, rec->line, col, ISMS_EPARSE,
                      "%s%s \"%.*s%s\" is not on the scale %s", word,
                      override ? " override" : " level", sh.n, sh.s, sh.more, scale);
}

/* Lists the asset types for a message: "Information, System, … (Information, System, …)". */
static void list_types(char *buf, size_t size)
{
    size_t len = 0;
    buf[0] = '\0';
    for (int lang = 0; lang < 2; lang++)
        for (int t = 0; t < ISMS_ASSET_TYPES; t++) {
            int w = snprintf(buf + len, size - len, "%s%s%s",
                             t ? ", " : lang ? " (" : "",
                             isms_asset_type_label((isms_asset_type)t, (isms_lang)lang),
                             lang && t == ISMS_ASSET_TYPES - 1 ? ")" : "");
            if (w < 0 || (size_t)w >= size - len)
                return;
            len += (size_t)w;
        }
}

static bool parse_nis(bool *out, const char *cell)
{
    static const char *const yes[] = { "Ja", "Yes", "X" };
    static const char *const no[] = { "Nej", "No" };
    for (size_t i = 0; i < sizeof yes / sizeof *yes; i++)
        if (isms_text_matches(yes[i], cell)) {
            *out = true;
            return true;
        }
    for (size_t i = 0; i < sizeof no / sizeof *no; i++)
        if (isms_text_matches(no[i], cell)) {
            *out = false;
            return true;
        }
    return false;
}

/* A list of flags (personal data, special categories): the parser's message names the word
 * that was not understood and the words accepted. */
static int read_flags(unsigned *out, const importer *imp, const isms__csv_record *rec,
                      size_t col, int (*parse)(unsigned *, const char *))
{
    *out = 0;
    const char *cell = isms__csv_data_cell(rec, col);
    if (col == NONE || isms__text_blank(cell))
        return ISMS_OK;
    int rc = parse(out, cell);
    if (rc == ISMS_OK || rc == ISMS_ENOMEM)
        return rc;
    char why[700];
    last_message(why, sizeof why);
    return cell_error(&imp->in, rec->line, col, ISMS_EPARSE, "%s", why);
}

static int read_row(row *r, const importer *imp, const isms__csv_record *rec)
{
    const size_t *col = imp->lay.col;
    int rc;
    memset(r, 0, sizeof *r);
    r->rec = rec;
    r->name = isms__csv_data_cell(rec, col[F_NAME]);
    if (col[F_ID] != NONE) {
        r->id = isms__csv_data_cell(rec, col[F_ID]);
        if (isms__text_blank(r->id))
            return cell_error(&imp->in, rec->line, col[F_ID], ISMS_EPARSE,
                              "the asset has no id (the id column is empty)");
    } else {
        r->id = r->name;
        if (isms__text_blank(r->id))
            return cell_error(&imp->in, rec->line, col[F_NAME], ISMS_EPARSE,
                              "the asset has no name, and the file has no id column: without "
                              "one the name is the asset's id");
    }

    r->type = ISMS_ASSET_INFORMATION;
    const char *cell = isms__csv_data_cell(rec, col[F_TYPE]);
    if (!isms__text_blank(cell) && isms_asset_type_parse(&r->type, cell) != ISMS_OK) {
        char types[400];
        list_types(types, sizeof types);
        shown sh = show(cell);
        return cell_error(&imp->in, rec->line, col[F_TYPE], ISMS_EPARSE,
                          "asset type \"%.*s%s\" is not one of %s", sh.n, sh.s, sh.more,
                          types);
    }

    for (int a = 0; a < ISMS_ASPECTS; a++) {
        if ((rc = read_level(&r->level[a], imp, rec, col[LV(a)], (isms_aspect)a, false)))
            return rc;
        if ((rc = read_level(&r->override[a], imp, rec, col[OV(a)], (isms_aspect)a, true)))
            return rc;
    }
    if ((rc = read_flags(&r->pdata, imp, rec, col[F_PDATA], isms_pdata_parse)))
        return rc;
    if ((rc = read_flags(&r->special, imp, rec, col[F_SPECIAL], isms_special_parse)))
        return rc;

    cell = isms__csv_data_cell(rec, col[F_NIS]);
    if (!isms__text_blank(cell) && !parse_nis(&r->nis, cell)) {
        shown sh = show(cell);
        return cell_error(&imp->in, rec->line, col[F_NIS], ISMS_EPARSE,
                          "NIS relevance \"%.*s%s\" is not one of Ja, Nej, X or empty (Yes, No)",
                          sh.n, sh.s, sh.more);
    }

    cell = isms__csv_data_cell(rec, col[F_CLASSIFIED]);
    if (!isms__text_blank(cell)) {
        rc = isms_date_parse(&r->classified, cell);
        if (rc == ISMS_ENOMEM)
            return rc;
        if (rc != ISMS_OK) {
            char why[400];
            last_message(why, sizeof why);
            shown sh = show(cell);
            return cell_error(&imp->in, rec->line, col[F_CLASSIFIED], ISMS_EPARSE,
                              "the date last classified \"%.*s%s\" is not a date YYYY-MM-DD "
                              "(%s)",
                              sh.n, sh.s, sh.more, why);
        }
    }

    cell = isms__csv_data_cell(rec, col[F_INTERVAL]);
    if (!isms__text_blank(cell) &&
        (!isms__parse_int(cell, &r->interval) || r->interval < 1 || r->interval > 120)) {
        shown sh = show(cell);
        r->interval = 0;
        return cell_error(&imp->in, rec->line, col[F_INTERVAL], ISMS_EPARSE,
                          "the reclassification interval \"%.*s%s\" is not a whole number of "
                          "months from 1 to 120",
                          sh.n, sh.s, sh.more);
    }
    return ISMS_OK;
}

/* True when a cell that the import reads is not blank. Rows with data only in columns that
 * are not read are skipped (those columns are noted). */
static bool row_has_cells(const importer *imp, const isms__csv_record *rec)
{
    for (size_t f = 0; f < F_COUNT; f++)
        if (imp->lay.col[f] != NONE && !isms__text_blank(isms__csv_data_cell(rec, imp->lay.col[f])))
            return true;
    return false;
}

static int duplicate_id(const importer *imp, const row *r)
{
    const isms_asset *old = NULL;
    isms__csv_view v = isms__csv_trimmed_cell(r->id);
    size_t n = isms_inventory_count(imp->inv);
    unsigned first = 0;
    for (size_t i = 0; i < n && !old; i++) {
        const isms_asset *a = isms_inventory_at(imp->inv, i);
        const char *id = isms_asset_id(a);
        if (strlen(id) == v.n && !memcmp(id, v.s, v.n)) {
            old = a;
            first = imp->lines[i];
        }
    }
    size_t col = imp->lay.col[F_ID] != NONE ? imp->lay.col[F_ID] : imp->lay.col[F_NAME];
    shown sh = show(r->id);
    return cell_error(&imp->in, r->rec->line, col, ISMS_EEXIST,
                      "the id \"%.*s%s\" is already used on line %u", sh.n, sh.s, sh.more,
                      first);
}

static int add_asset(importer *imp, const row *r)
{
    size_t count = isms_inventory_count(imp->inv);
    if (!isms__grow((void **)&imp->lines, &imp->lines_cap, count + 1, sizeof *imp->lines))
        return isms__error_nomem();
    isms_asset *a = NULL;
    int rc = isms_inventory_add(&a, imp->inv, r->id, r->name, r->type);
    if (rc == ISMS_EEXIST)
        return duplicate_id(imp, r);
    if (rc != ISMS_OK)
        return rc;
    imp->lines[count] = r->rec->line;
    for (size_t i = 0; i < N_TEXT_COLUMNS; i++) {
        const char *cell = isms__csv_data_cell(r->rec, imp->lay.col[text_columns[i].f]);
        if (*cell && (rc = isms_asset_set(a, text_columns[i].field, cell)))
            return rc;
    }
    for (int k = 0; k < ISMS_ASPECTS; k++) {
        if (r->level[k] != ISMS_CLASS_UNSET &&
            (rc = isms_asset_set_level(a, (isms_aspect)k, r->level[k])))
            return rc;
        if (r->override[k] != ISMS_CLASS_UNSET &&
            (rc = isms_asset_set_override(a, (isms_aspect)k, r->override[k])))
            return rc;
    }
    if ((r->pdata || r->special) && (rc = isms_asset_set_pdata(a, r->pdata, r->special)))
        return rc;
    isms_asset_set_nis(a, r->nis);
    if (r->classified.year && (rc = isms_asset_set_classified(a, r->classified)))
        return rc;
    if (r->interval && (rc = isms_asset_set_interval(a, r->interval)))
        return rc;
    return ISMS_OK;
}

static int import_assets(importer *imp)
{
    const isms__csv_table *t = &imp->in.table;
    size_t hrow;
    int rc = isms__csv_header_row(&hrow, &imp->in, asset_aliases, N_ASSET_ALIASES,
                                  HEADER_SEARCH_ROWS, "ID, Namn, Typ, Ägare, K, R, T",
                                  "ID, Namn, Typ, Ägare, K, R, T (or ID, Name, Type, Owner, C, "
                                  "I, A)");
    if (rc != ISMS_OK)
        return rc;
    if ((rc = map_columns(imp, hrow)))
        return rc;
    const size_t *col = imp->lay.col;
    if (col[F_ID] == NONE && col[F_NAME] == NONE)
        return isms__csv_error_no_column(&imp->in, hrow,
                                         "id column (ID, Nr, Objekt-ID) or name column (Namn, "
                                         "Benämning, Informationsmängd, Name, Asset)");
    for (size_t i = hrow + 1; i < t->count; i++) {
        const isms__csv_record *rec = &t->records[i];
        if (!row_has_cells(imp, rec))
            continue;
        row r;
        if ((rc = read_row(&r, imp, rec)) || (rc = add_asset(imp, &r)))
            return rc;
    }
    if (col[F_ID] == NONE && isms_inventory_count(imp->inv) > 0)
        rc = ISMS__CSV_NOTE(&imp->in, ISMS_SEVERITY_INFO, "csv-generated-id", NULL,
                            "Filen har ingen id-kolumn; varje tillgångs namn är dess id%s.",
                            "The file has no id column; each asset's name is its id%s.", "");
    return rc;
}

int isms_inventory_parse_csv(isms_inventory **out, const char *data, size_t len,
                             const char *source, isms_scheme *scheme, isms_findings *notes)
{
    if (!out || (!data && len > 0))
        return isms__error(ISMS_EINVAL, "isms_inventory_parse_csv: NULL argument");
    importer imp;
    memset(&imp, 0, sizeof imp);
    int rc = isms__csv_import_begin(&imp.in, data, len, source, notes);
    if (rc != ISMS_OK)
        return rc;
    if ((rc = isms_inventory_new(&imp.inv, scheme)) == ISMS_OK) {
        imp.scheme = isms_inventory_scheme(imp.inv);
        rc = import_assets(&imp);
    }
    isms__free(imp.lines);
    if ((rc = isms__csv_import_end(&imp.in, rc, notes)) != ISMS_OK) {
        isms_inventory_free(imp.inv);
        return rc;
    }
    *out = imp.inv;
    return ISMS_OK;
}

int isms_inventory_load_csv(isms_inventory **out, const char *path, isms_scheme *scheme,
                            isms_findings *notes)
{
    if (!out || !path)
        return isms__error(ISMS_EINVAL, "isms_inventory_load_csv: NULL argument");
    char *data = NULL;
    size_t len = 0;
    int rc = isms__csv_load(&data, &len, path);
    if (rc == ISMS_OK)
        rc = isms_inventory_parse_csv(out, data, len, path, scheme, notes);
    isms__free(data);
    return rc;
}

/* ---- relations ---------------------------------------------------------------------------- */

enum rel_field { R_SRC, R_KIND, R_DST, R_COUNT };

static const isms__csv_alias rel_aliases[] = {
    { "Från", R_SRC },
    { "Från-ID", R_SRC },
    { "Källa", R_SRC },
    { "From", R_SRC },
    { "From ID", R_SRC },
    { "Source", R_SRC },
    { "Source ID", R_SRC },

    { "Relation", R_KIND },
    { "Relationstyp", R_KIND },
    { "Typ", R_KIND },
    { "Kind", R_KIND },
    { "Type", R_KIND },
    { "Relation type", R_KIND },

    { "Till", R_DST },
    { "Till-ID", R_DST },
    { "Mål", R_DST },
    { "To", R_DST },
    { "To ID", R_DST },
    { "Target", R_DST },
    { "Target ID", R_DST },
    { "Destination", R_DST },
};
#define N_REL_ALIASES (sizeof rel_aliases / sizeof *rel_aliases)

isms__csv_alias_table isms__csv_relation_aliases(void)
{
    isms__csv_alias_table t = { rel_aliases, N_REL_ALIASES };
    return t;
}

/* Relation kinds as the export writes them: Swedish labels, or the English machine names
 * (isms_relkind_parse() reads both back). */
static const char *relkind_label(isms_relkind kind, isms_lang lang)
{
    return lang == ISMS_LANG_SV ? isms_relkind_label(kind, lang) : isms_relkind_name(kind);
}

typedef struct rel_importer {
    isms__csv_import in;
    isms_inventory *inv;
    size_t first;    /* relations of the inventory before the import */
    size_t col[R_COUNT];
    unsigned *lines; /* line of each relation added */
    size_t lines_cap;
} rel_importer;

static int map_rel_columns(rel_importer *imp, size_t hrow)
{
    int rc = isms__csv_map_header(&imp->in, hrow, rel_aliases, N_REL_ALIASES, imp->col, R_COUNT);
    if (rc != ISMS_OK)
        return rc;
    static const char *const what[R_COUNT] = {
        "source column (Från, Källa, From or Source)",
        "relation column (Relation, Typ or Kind)",
        "destination column (Till, Mål, To or Target)",
    };
    for (size_t f = 0; f < R_COUNT; f++)
        if (imp->col[f] == NONE)
            return isms__csv_error_no_column(&imp->in, hrow, what[f]);
    return ISMS_OK;
}

/* The asset an id cell names; the error names the line, the column and the id. The id is
 * trimmed into `buf` (or a heap copy in *heap) so that the look-up allocates nothing. */
static int find_end(isms_asset **out, const rel_importer *imp, const isms__csv_record *rec,
                    size_t col, const char *side, char *buf, size_t size, char **heap)
{
    const char *cell = isms__csv_data_cell(rec, col);
    isms__csv_view v = isms__csv_trimmed_cell(cell);
    if (v.n == 0)
        return cell_error(&imp->in, rec->line, col, ISMS_EPARSE, "the relation has no %s id",
                          side);
    const char *id = buf;
    if (!isms__csv_view_copy(buf, size, v)) {
        if (!(*heap = isms__strndup(v.s, v.n)))
            return isms__error_nomem();
        id = *heap;
    }
    *out = isms_inventory_find(imp->inv, id);
    if (!*out) {
        shown sh = show(cell);
        return cell_error(&imp->in, rec->line, col, ISMS_ENOTFOUND,
                          "the inventory has no asset with the id \"%.*s%s\" (the relation's "
                          "%s)",
                          sh.n, sh.s, sh.more, side);
    }
    return ISMS_OK;
}

static int duplicate_relation(const rel_importer *imp, const isms__csv_record *rec,
                              const isms_asset *src, const isms_asset *dst, isms_relkind kind)
{
    size_t n = isms_inventory_relation_count(imp->inv);
    unsigned first = 0;
    for (size_t i = imp->first; i < n && !first; i++) {
        isms_relation_info ri;
        if (isms_inventory_relation(&ri, imp->inv, i) == ISMS_OK && ri.src == src &&
            ri.dst == dst && ri.kind == kind)
            first = imp->lines[i - imp->first];
    }
    const char *s = isms_asset_id(src), *d = isms_asset_id(dst);
    char where[64];
    if (first)
        snprintf(where, sizeof where, "on line %u", first);
    else
        snprintf(where, sizeof where, "in the inventory");
    return cell_error(&imp->in, rec->line, imp->col[R_SRC], ISMS_EEXIST,
                      "the relation \"%.*s%s %s %.*s%s\" is already %s", isms__csv_show_len(s),
                      s, isms__csv_show_more(s), isms_relkind_name(kind), isms__csv_show_len(d),
                      d, isms__csv_show_more(d), where);
}

static int add_relation(rel_importer *imp, const isms__csv_record *rec)
{
    const char *cell = isms__csv_data_cell(rec, imp->col[R_KIND]);
    isms_relkind kind;
    if (isms__text_blank(cell) || isms_relkind_parse(&kind, cell) != ISMS_OK) {
        shown sh = show(cell);
        return cell_error(&imp->in, rec->line, imp->col[R_KIND], ISMS_EPARSE,
                          "relation \"%.*s%s\" is not one of processes, supports, depends_on, "
                          "stored_at, operates (behandlar, stödjer, är beroende av, lagras i, "
                          "driftar)",
                          sh.n, sh.s, sh.more);
    }
    isms_asset *src = NULL, *dst = NULL;
    char b1[TEXT_MAX], b2[TEXT_MAX];
    char *h1 = NULL, *h2 = NULL;
    int rc = find_end(&src, imp, rec, imp->col[R_SRC], "source", b1, sizeof b1, &h1);
    if (rc == ISMS_OK)
        rc = find_end(&dst, imp, rec, imp->col[R_DST], "destination", b2, sizeof b2, &h2);
    isms__free(h1);
    isms__free(h2);
    if (rc != ISMS_OK)
        return rc;
    if (src == dst) {
        const char *id = isms_asset_id(src);
        return cell_error(&imp->in, rec->line, imp->col[R_DST], ISMS_EPARSE,
                          "the asset \"%.*s%s\" cannot be related to itself",
                          isms__csv_show_len(id), id, isms__csv_show_more(id));
    }
    size_t k = isms_inventory_relation_count(imp->inv) - imp->first;
    if (!isms__grow((void **)&imp->lines, &imp->lines_cap, k + 1, sizeof *imp->lines))
        return isms__error_nomem();
    rc = isms_inventory_link(imp->inv, isms_asset_id(src), isms_asset_id(dst), kind);
    if (rc == ISMS_EEXIST)
        return duplicate_relation(imp, rec, src, dst, kind);
    if (rc != ISMS_OK)
        return rc;
    imp->lines[k] = rec->line;
    return ISMS_OK;
}

static int import_relations(rel_importer *imp)
{
    const isms__csv_table *t = &imp->in.table;
    size_t hrow;
    int rc = isms__csv_header_row(&hrow, &imp->in, rel_aliases, N_REL_ALIASES,
                                  HEADER_SEARCH_ROWS, "Från, Relation, Till",
                                  "Från, Relation, Till (or From, Kind, To)");
    if (rc != ISMS_OK)
        return rc;
    if ((rc = map_rel_columns(imp, hrow)))
        return rc;
    for (size_t i = hrow + 1; i < t->count && rc == ISMS_OK; i++) {
        const isms__csv_record *rec = &t->records[i];
        bool data = false;
        for (size_t f = 0; f < R_COUNT && !data; f++)
            data = !isms__text_blank(isms__csv_data_cell(rec, imp->col[f]));
        if (data)
            rc = add_relation(imp, rec);
    }
    return rc;
}

int isms_inventory_parse_relations_csv(isms_inventory *inv, const char *data, size_t len,
                                       const char *source, isms_findings *notes)
{
    if (!inv || (!data && len > 0))
        return isms__error(ISMS_EINVAL, "isms_inventory_parse_relations_csv: NULL argument");
    rel_importer imp;
    memset(&imp, 0, sizeof imp);
    imp.inv = inv;
    imp.first = isms_inventory_relation_count(inv);
    int rc = isms__csv_import_begin(&imp.in, data, len, source, notes);
    if (rc != ISMS_OK)
        return rc;
    /* All or none, the results of the last classification included: they are set aside while
     * relations are added (each link forgets them), and put back when nothing was added. */
    bool classified = inv->classified;
    uint32_t *res_key = inv->res_key;
    uint8_t *res_prov = inv->res_prov;
    inv->classified = false;
    inv->res_key = NULL;
    inv->res_prov = NULL;

    rc = import_relations(&imp);
    isms__free(imp.lines);
    rc = isms__csv_import_end(&imp.in, rc, notes);
    if (rc != ISMS_OK)
        isms__inventory_truncate_relations(inv, imp.first);
    if (isms_inventory_relation_count(inv) == imp.first) {
        isms__free(inv->res_key); /* NULL: nothing classified in between */
        isms__free(inv->res_prov);
        inv->classified = classified;
        inv->res_key = res_key;
        inv->res_prov = res_prov;
    } else {
        isms__free(res_key);
        isms__free(res_prov);
    }
    return rc;
}

int isms_inventory_load_relations_csv(isms_inventory *inv, const char *path,
                                      isms_findings *notes)
{
    if (!inv || !path)
        return isms__error(ISMS_EINVAL, "isms_inventory_load_relations_csv: NULL argument");
    char *data = NULL;
    size_t len = 0;
    int rc = isms__csv_load(&data, &len, path);
    if (rc == ISMS_OK)
        rc = isms_inventory_parse_relations_csv(inv, data, len, path, notes);
    isms__free(data);
    return rc;
}

/* ---- export ------------------------------------------------------------------------------- */

static void put_level(isms__csv_writer *w, int level)
{
    char buf[16] = "";
    if (level != ISMS_CLASS_UNSET)
        snprintf(buf, sizeof buf, "%d", level);
    isms__csv_write_cell(w, buf);
}

/* Flags as their labels joined with ", " ("Personuppgifter, Personnummer"), which the
 * parsers read back. */
static void put_flags(isms__csv_writer *w, unsigned flags, unsigned bits,
                      const char *(*label)(unsigned, isms_lang), isms_lang lang)
{
    char buf[512];
    size_t n = 0;
    buf[0] = '\0';
    for (unsigned k = 0; k < bits; k++) {
        if (!(flags & (1u << k)))
            continue;
        int m = snprintf(buf + n, sizeof buf - n, "%s%s", n ? ", " : "", label(1u << k, lang));
        if (m < 0 || (size_t)m >= sizeof buf - n)
            break;
        n += (size_t)m;
    }
    isms__csv_write_cell(w, buf);
}

static const char *pdata_label(unsigned flag, isms_lang lang)
{
    return isms_pdata_label((isms_pdata)flag, lang);
}

static const char *special_label(unsigned flag, isms_lang lang)
{
    return isms_special_label((isms_special)flag, lang);
}

int isms_inventory_write_csv(char **out, size_t *len, const isms_inventory *inv, isms_lang lang,
                             unsigned flags)
{
    if (!out || !inv)
        return isms__error(ISMS_EINVAL, "isms_inventory_write_csv: NULL argument");
    isms__csv_writer w;
    int rc = isms__csv_writer_open(&w, "isms_inventory_write_csv", lang, flags);
    if (rc != ISMS_OK)
        return rc;
    const isms_scheme *s = isms_inventory_scheme(inv);
    bool has[ISMS_ASPECTS];
    for (int a = 0; a < ISMS_ASPECTS; a++)
        has[a] = isms_scheme_has_aspect(s, (isms_aspect)a);

    /* Swedish K R T S (T next to K and R is tillgänglighet), English C I A T (T next to C, I
     * and A is traceability); an override's prefix gives the language of its letter. */
    bool sv = lang == ISMS_LANG_SV;
    static const char *const head[2][5] = {
        { "ID", "Namn", "Typ", "Ägare", "Beskrivning" },
        { "ID", "Name", "Type", "Owner", "Description" },
    };
    static const char *const letters[2][ISMS_ASPECTS] = { { "K", "R", "T", "S" },
                                                          { "C", "I", "A", "T" } };
    static const char *const mid[2][5] = {
        { "Personuppgifter", "Känsliga personuppgifter", "NIS", "Senast klassad",
          "Intervall (månader)" },
        { "Personal data", "Special categories", "NIS", "Last classified",
          "Interval (months)" },
    };
    static const char *const art30[2][9] = {
        { "Ändamål", "Rättslig grund", "Registrerade", "Personuppgiftskategorier", "Mottagare",
          "Tredje land", "Skyddsåtgärder", "Gallring", "Säkerhetsåtgärder" },
        { "Purpose", "Legal basis", "Data subjects", "Categories of personal data",
          "Recipients", "Third-country transfers", "Safeguards", "Retention",
          "Security measures" },
    };
    static const char *const overrides[2][ISMS_ASPECTS] = {
        { "Manuell K", "Manuell R", "Manuell T", "Manuell S" },
        { "Override C", "Override I", "Override A", "Override T" },
    };
    int L = sv ? 0 : 1;
    for (int i = 0; i < 5; i++)
        isms__csv_write_cell(&w, head[L][i]);
    for (int a = 0; a < ISMS_ASPECTS; a++)
        if (has[a])
            isms__csv_write_cell(&w, letters[L][a]);
    for (int i = 0; i < 5; i++)
        isms__csv_write_cell(&w, mid[L][i]);
    for (int i = 0; i < 9; i++)
        isms__csv_write_cell(&w, art30[L][i]);
    for (int a = 0; a < ISMS_ASPECTS; a++)
        if (has[a])
            isms__csv_write_cell(&w, overrides[L][a]);
    isms__csv_write_cell(&w, sv ? "Motivering" : "Justification");
    isms__csv_end_row(&w);

    size_t n = isms_inventory_count(inv);
    for (size_t i = 0; i < n && !w.buf.failed; i++) {
        const isms_asset *a = isms_inventory_at(inv, i);
        isms__csv_write_cell(&w, isms_asset_id(a));
        isms__csv_write_cell(&w, isms_asset_get(a, ISMS_ASSET_NAME));
        isms__csv_write_cell(&w, isms_asset_type_label(isms_asset_get_type(a), lang));
        isms__csv_write_cell(&w, isms_asset_get(a, ISMS_ASSET_OWNER));
        isms__csv_write_cell(&w, isms_asset_get(a, ISMS_ASSET_DESCRIPTION));
        for (int k = 0; k < ISMS_ASPECTS; k++)
            if (has[k])
                put_level(&w, isms_asset_level(a, (isms_aspect)k));
        put_flags(&w, isms_asset_pdata(a), 4, pdata_label, lang);
        put_flags(&w, isms_asset_special(a), 8, special_label, lang);
        isms__csv_write_cell(&w, isms_asset_nis(a) ? (sv ? "Ja" : "Yes") : (sv ? "Nej" : "No"));
        char date[16] = "";
        isms_date_format(date, sizeof date, isms_asset_classified(a));
        isms__csv_write_cell(&w, date);
        put_level(&w, isms_asset_interval(a));
        for (int f = ISMS_ASSET_PURPOSE; f <= ISMS_ASSET_MEASURES; f++)
            isms__csv_write_cell(&w, isms_asset_get(a, (isms_asset_field)f));
        for (int k = 0; k < ISMS_ASPECTS; k++)
            if (has[k])
                put_level(&w, isms_asset_override(a, (isms_aspect)k));
        isms__csv_write_cell(&w, isms_asset_get(a, ISMS_ASSET_OVERRIDE_REASON));
        isms__csv_end_row(&w);
    }
    return isms__csv_writer_close(&w, out, len);
}

int isms_inventory_write_relations_csv(char **out, size_t *len, const isms_inventory *inv,
                                       isms_lang lang, unsigned flags)
{
    if (!out || !inv)
        return isms__error(ISMS_EINVAL, "isms_inventory_write_relations_csv: NULL argument");
    isms__csv_writer w;
    int rc = isms__csv_writer_open(&w, "isms_inventory_write_relations_csv", lang, flags);
    if (rc != ISMS_OK)
        return rc;
    bool sv = lang == ISMS_LANG_SV;
    isms__csv_write_cell(&w, sv ? "Från" : "From");
    isms__csv_write_cell(&w, sv ? "Relation" : "Kind");
    isms__csv_write_cell(&w, sv ? "Till" : "To");
    isms__csv_end_row(&w);
    size_t n = isms_inventory_relation_count(inv);
    for (size_t i = 0; i < n && !w.buf.failed; i++) {
        isms_relation_info ri;
        if (isms_inventory_relation(&ri, inv, i) != ISMS_OK)
            continue;
        isms__csv_write_cell(&w, isms_asset_id(ri.src));
        isms__csv_write_cell(&w, relkind_label(ri.kind, lang));
        isms__csv_write_cell(&w, isms_asset_id(ri.dst));
        isms__csv_end_row(&w);
    }
    return isms__csv_writer_close(&w, out, len);
}

int isms_inventory_save_csv(const char *path, const isms_inventory *inv, isms_lang lang,
                            unsigned flags)
{
    if (!path || !inv)
        return isms__error(ISMS_EINVAL, "isms_inventory_save_csv: NULL argument");
    char *doc = NULL;
    size_t len = 0;
    int rc = isms_inventory_write_csv(&doc, &len, inv, lang, flags);
    if (rc != ISMS_OK)
        return rc;
    return isms__csv_save(path, doc, len);
}

int isms_inventory_save_relations_csv(const char *path, const isms_inventory *inv,
                                      isms_lang lang, unsigned flags)
{
    if (!path || !inv)
        return isms__error(ISMS_EINVAL, "isms_inventory_save_relations_csv: NULL argument");
    char *doc = NULL;
    size_t len = 0;
    int rc = isms_inventory_write_relations_csv(&doc, &len, inv, lang, flags);
    if (rc != ISMS_OK)
        return rc;
    return isms__csv_save(path, doc, len);
}
