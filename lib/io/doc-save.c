/*
 * The JSON writer of the ISMS document (format libisms/1, lib/io/libisms-1.schema.json).
 *
 * The text is streamed straight into a growing buffer by the JSON writer (json-internal.h),
 * without a JSON tree: keys in the schema's order, two-space indentation, UTF-8 as is (only
 * '"', '\\' and control characters are escaped; invalid UTF-8 fails the save, naming where),
 * integers as integers, doubles with 15, 16 or 17 significant digits, the first that read
 * back to the same double (isms__doc_double()), and a newline at the end. The document is
 * read through the public API, and the prerequisites of an action through the plan's own list
 * (plan-internal.h), which is walked once. Imported catalogs are written by the OSCAL catalog
 * writer (oscal-internal.h), each once, in the order they came into the document.
 */
#include <stdio.h>
#include <string.h>

#include "doc-internal.h"
#include "json-internal.h"
#include "oscal-internal.h"
#include "plan/plan-internal.h"

/* Containers of the document are written over several lines. */
#define OPEN_OBJECT(w) isms__json_open_object((w), false)
#define OPEN_ARRAY(w) isms__json_open_array((w), false)
#define CLOSE_OBJECT(w) isms__json_close(w)
#define CLOSE_ARRAY(w) isms__json_close(w)
#define KEY(w, lit) ISMS__JSON_KEY((w), lit)

/* ---- scalars ------------------------------------------------------------------------- */

static void date(isms__json *w, isms_date d)
{
    if (!isms_date_valid(d)) {
        isms__json_invalid(w, "a date does not exist");
        return;
    }
    char buf[32];
    int n = snprintf(buf, sizeof buf, "\"%04d-%02d-%02d\"", d.year, d.month, d.day);
    isms__json_raw(w, buf, (size_t)n);
}

/* A name of a vocabulary; a value without a name fails the write. */
static void name(isms__json *w, const char *const *names, size_t n, int value)
{
    if (value < 0 || (size_t)value >= n || !names[value]) {
        char what[64];
        snprintf(what, sizeof what, "the value %d has no name in the format", value);
        isms__json_invalid(w, what);
        return;
    }
    isms__json_string(w, names[value]);
}

#define NAME(w, list, value) name((w), (list), ISMS__DOC_N(list), (int)(value))

/* ---- members ------------------------------------------------------------------------- */

#define M_STRING(w, key, text) (KEY(w, key), isms__json_string((w), (text)))
#define M_INT(w, key, v) (KEY(w, key), isms__json_int((w), (v)))
#define M_NUMBER(w, key, v) (KEY(w, key), isms__json_number((w), (v)))
#define M_BOOL(w, key, v) (KEY(w, key), isms__json_bool((w), (v)))
#define M_NAME(w, key, list, v) (KEY(w, key), NAME((w), (list), (v)))

/* An optional text: left out when empty. */
static void opt_text(isms__json *w, const char *key, size_t n, const char *text)
{
    if (text && *text) {
        isms__json_key(w, key, n);
        isms__json_string(w, text);
    }
}

#define M_TEXT(w, key, text) opt_text((w), (key), sizeof(key) - 1, (text))

/* Flags as an array of their names (bit k: names[k]). */
static void flags(isms__json *w, const char *const *names, size_t n, unsigned bits)
{
    OPEN_ARRAY(w);
    for (size_t k = 0; k < n; k++)
        if (bits & (1u << k)) {
            isms__json_element(w);
            isms__json_string(w, names[k]);
        }
    if (n < sizeof bits * 8 && bits >> n)
        isms__json_invalid(w, "unknown flags");
    CLOSE_ARRAY(w);
}

/* ---- the matrix ---------------------------------------------------------------------- */

static bool same_text(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "") == 0;
}

/* A level of a scale, of the matrix (isms_level) or of the classification scheme
 * (isms_class_level), as the document writes it. */
typedef struct scale_level {
    int value;
    const char *label_sv, *label_en, *description;
} scale_level;

/* Reads level `i` of the scale `scale` (an axis, an aspect) of `obj`; false when it cannot be
 * read. */
typedef bool (*level_reader)(scale_level *out, const void *obj, int scale, size_t i);

static bool matrix_level(scale_level *out, const void *m, int axis, size_t i)
{
    isms_level l;
    if (isms_matrix_level(&l, m, (isms_axis)axis, i) != ISMS_OK)
        return false;
    *out = (scale_level){ l.value, l.label_sv, l.label_en, l.description };
    return true;
}

static bool scheme_level(scale_level *out, const void *s, int aspect, size_t i)
{
    isms_class_level l;
    if (isms_scheme_level(&l, s, (isms_aspect)aspect, i) != ISMS_OK)
        return false;
    *out = (scale_level){ l.value, l.label_sv, l.label_en, l.description };
    return true;
}

/* True when the `n` levels of scale `scale` are the same in `a` and `b`. */
static bool same_levels(level_reader get, const void *a, const void *b, int scale, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        scale_level x, y;
        if (!get(&x, a, scale, i) || !get(&y, b, scale, i) || x.value != y.value ||
            !same_text(x.label_sv, y.label_sv) || !same_text(x.label_en, y.label_en) ||
            !same_text(x.description, y.description))
            return false;
    }
    return true;
}

/* The `n` levels of scale `scale` of `obj`, as an array of objects; `what` names the scale's
 * owner in the error when a level cannot be read. */
static void write_levels(isms__json *w, level_reader get, const void *obj, int scale, size_t n,
                         const char *what)
{
    OPEN_ARRAY(w);
    for (size_t i = 0; i < n; i++) {
        scale_level l;
        if (!get(&l, obj, scale, i)) {
            char msg[64];
            snprintf(msg, sizeof msg, "a level of the %s cannot be read", what);
            isms__json_invalid(w, msg);
            return;
        }
        isms__json_element(w);
        OPEN_OBJECT(w);
        M_INT(w, "value", l.value);
        M_STRING(w, "label_sv", l.label_sv);
        M_STRING(w, "label_en", l.label_en);
        M_TEXT(w, "description", l.description);
        CLOSE_OBJECT(w);
    }
    CLOSE_ARRAY(w);
}

/* True when `m` is the preset of its name, level by level. Sets *err on allocation failure. */
static bool matrix_is_preset(const isms_matrix *m, int *err)
{
    static const char *const presets[] = { "4x4", "5x5", "3x3" };
    const char *nm = isms_matrix_name(m);
    if (isms__doc_lookup(presets, ISMS__DOC_N(presets), nm) < 0)
        return false;
    isms_matrix *p = NULL;
    int rc = isms_matrix_preset(&p, nm);
    if (rc) {
        *err = rc;
        return false;
    }
    bool same = isms_matrix_formula(p) == isms_matrix_formula(m) &&
                isms_matrix_acceptance(p) == isms_matrix_acceptance(m) &&
                isms_matrix_band_count(p) == isms_matrix_band_count(m);
    for (int a = 0; same && a < 2; a++) {
        size_t n = isms_matrix_level_count(m, (isms_axis)a);
        same = n == isms_matrix_level_count(p, (isms_axis)a) &&
               same_levels(matrix_level, m, p, a, n);
    }
    for (size_t i = 0; same && i < isms_matrix_band_count(m); i++) {
        isms_band x, y;
        same = isms_matrix_band(&x, m, i) == ISMS_OK && isms_matrix_band(&y, p, i) == ISMS_OK &&
               same_text(x.name, y.name) && x.min_value == y.min_value &&
               x.max_value == y.max_value && same_text(x.color, y.color) &&
               same_text(x.label_sv, y.label_sv) && same_text(x.label_en, y.label_en);
    }
    isms_matrix_free(p);
    return same;
}

static void matrix_axis(isms__json *w, const isms_matrix *m, isms_axis axis)
{
    write_levels(w, matrix_level, m, axis, isms_matrix_level_count(m, axis), "matrix");
}

static void write_matrix(isms__json *w, const isms_matrix *m)
{
    KEY(w, "matrix");
    if (!m) {
        isms__json_invalid(w, "the register has no matrix");
        return;
    }
    int err = ISMS_OK;
    if (matrix_is_preset(m, &err)) {
        isms__json_string(w, isms_matrix_name(m));
        return;
    }
    if (err) {
        if (!w->err)
            w->err = err;
        return;
    }
    OPEN_OBJECT(w);
    M_STRING(w, "name", isms_matrix_name(m));
    isms_formula formula = isms_matrix_formula(m);
    M_NAME(w, "formula", isms__doc_formula, formula);
    KEY(w, "likelihood");
    matrix_axis(w, m, ISMS_AXIS_LIKELIHOOD);
    KEY(w, "consequence");
    matrix_axis(w, m, ISMS_AXIS_CONSEQUENCE);
    if (formula == ISMS_FORMULA_GRID) {
        KEY(w, "grid");
        OPEN_ARRAY(w);
        size_t nl = isms_matrix_level_count(m, ISMS_AXIS_LIKELIHOOD);
        size_t nc = isms_matrix_level_count(m, ISMS_AXIS_CONSEQUENCE);
        for (size_t i = 0; i < nl; i++) {
            isms_level l;
            isms_matrix_level(&l, m, ISMS_AXIS_LIKELIHOOD, i);
            isms__json_element(w);
            OPEN_ARRAY(w);
            for (size_t j = 0; j < nc; j++) {
                isms_level c;
                isms_score s;
                isms_matrix_level(&c, m, ISMS_AXIS_CONSEQUENCE, j);
                if (isms_matrix_score(&s, m, l.value, c.value) != ISMS_OK) {
                    isms__json_invalid(w, "a cell of the grid cannot be read");
                    return;
                }
                isms__json_element(w);
                isms__json_int(w, s.value);
            }
            CLOSE_ARRAY(w);
        }
        CLOSE_ARRAY(w);
    }
    KEY(w, "bands");
    OPEN_ARRAY(w);
    for (size_t i = 0; i < isms_matrix_band_count(m); i++) {
        isms_band b;
        if (isms_matrix_band(&b, m, i) != ISMS_OK) {
            isms__json_invalid(w, "a band of the matrix cannot be read");
            return;
        }
        isms__json_element(w);
        OPEN_OBJECT(w);
        M_STRING(w, "name", b.name);
        M_INT(w, "min", b.min_value);
        M_INT(w, "max", b.max_value);
        M_STRING(w, "color", b.color);
        M_STRING(w, "label_sv", b.label_sv);
        M_STRING(w, "label_en", b.label_en);
        CLOSE_OBJECT(w);
    }
    CLOSE_ARRAY(w);
    M_INT(w, "acceptance", isms_matrix_acceptance(m));
    CLOSE_OBJECT(w);
}

/* ---- the classification scheme and floors -------------------------------------------- */

static bool scheme_is_preset(const isms_scheme *s, int *err)
{
    static const char *const presets[] = { "klassa", "klassa-cia", "fips199" };
    const char *nm = isms_scheme_name(s);
    if (isms__doc_lookup(presets, ISMS__DOC_N(presets), nm) < 0)
        return false;
    isms_scheme *p = NULL;
    int rc = isms_scheme_preset(&p, nm);
    if (rc) {
        *err = rc;
        return false;
    }
    bool same = true;
    for (int a = 0; same && a < ISMS_ASPECTS; a++) {
        isms_aspect aspect = (isms_aspect)a;
        size_t n = isms_scheme_level_count(s, aspect);
        same = isms_scheme_has_aspect(s, aspect) == isms_scheme_has_aspect(p, aspect) &&
               n == isms_scheme_level_count(p, aspect) && same_levels(scheme_level, s, p, a, n);
    }
    isms_scheme_free(p);
    return same;
}

static void scheme_aspect(isms__json *w, const isms_scheme *s, isms_aspect aspect)
{
    write_levels(w, scheme_level, s, aspect, isms_scheme_level_count(s, aspect), "scheme");
}

/* Levels per aspect as an object of the aspects that have one (ISMS_CLASS_UNSET: left out). */
static void aspect_levels(isms__json *w, const int *levels)
{
    OPEN_OBJECT(w);
    for (int a = 0; a < ISMS_ASPECTS; a++)
        if (levels[a] != ISMS_CLASS_UNSET) {
            isms__json_key(w, isms__doc_aspect[a], strlen(isms__doc_aspect[a]));
            isms__json_int(w, levels[a]);
        }
    CLOSE_OBJECT(w);
}

static void write_classification(isms__json *w, const isms_inventory *inv)
{
    KEY(w, "classification");
    const isms_scheme *s = inv ? isms_inventory_scheme(inv) : NULL;
    if (!s) {
        isms__json_invalid(w, "the inventory has no classification scheme");
        return;
    }
    OPEN_OBJECT(w);
    KEY(w, "scheme");
    int err = ISMS_OK;
    if (scheme_is_preset(s, &err)) {
        isms__json_string(w, isms_scheme_name(s));
    } else if (err) {
        if (!w->err)
            w->err = err;
        return;
    } else {
        OPEN_OBJECT(w);
        M_STRING(w, "name", isms_scheme_name(s));
        /* confidentiality, integrity and availability always; traceability when used */
        for (int a = 0; a < ISMS_ASPECTS; a++) {
            if (a == ISMS_ASPECT_TRACEABILITY &&
                !isms_scheme_has_aspect(s, ISMS_ASPECT_TRACEABILITY))
                continue;
            isms__json_key(w, isms__doc_aspect[a], strlen(isms__doc_aspect[a]));
            scheme_aspect(w, s, (isms_aspect)a);
        }
        CLOSE_OBJECT(w);
    }
    isms_floors floors, def;
    if (isms_inventory_floors(&floors, inv) != ISMS_OK ||
        isms_floors_default(&def, s) != ISMS_OK) {
        isms__json_invalid(w, "the floors cannot be read");
        return;
    }
    if (memcmp(&floors, &def, sizeof floors) != 0) {
        KEY(w, "floors");
        OPEN_OBJECT(w);
        for (int k = 0; k < ISMS_PDATA_KINDS; k++) {
            bool any = false;
            for (int a = 0; a < ISMS_ASPECTS; a++)
                any = any || floors.min[k][a] != ISMS_CLASS_UNSET;
            if (!any)
                continue; /* a kind left out has no floors */
            isms__json_key(w, isms__doc_pdata[k], strlen(isms__doc_pdata[k]));
            aspect_levels(w, floors.min[k]);
        }
        CLOSE_OBJECT(w);
    }
    CLOSE_OBJECT(w);
}

/* ---- risks and their models ---------------------------------------------------------- */

static void write_dist(isms__json *w, const isms_dist *d)
{
    OPEN_OBJECT(w);
    M_NAME(w, "kind", isms__doc_dist, d->kind);
    switch (d->kind) {
    case ISMS_DIST_CONSTANT:
        M_NUMBER(w, "value", d->value);
        break;
    case ISMS_DIST_UNIFORM:
    case ISMS_DIST_LOGNORMAL90:
        M_NUMBER(w, "low", d->low);
        M_NUMBER(w, "high", d->high);
        break;
    case ISMS_DIST_PERT:
        M_NUMBER(w, "low", d->low);
        M_NUMBER(w, "mode", d->mode);
        M_NUMBER(w, "high", d->high);
        M_NUMBER(w, "gamma", d->gamma);
        M_NAME(w, "method", isms__doc_pert, d->method);
        break;
    case ISMS_DIST_NORMAL:
        M_NUMBER(w, "mean", d->mean);
        M_NUMBER(w, "sd", d->sd);
        break;
    case ISMS_DIST_POISSON:
        M_NUMBER(w, "rate", d->rate);
        break;
    }
    CLOSE_OBJECT(w);
}

static void write_model(isms__json *w, const isms_fair *model)
{
    KEY(w, "model");
    OPEN_OBJECT(w);
    M_BOOL(w, "events", isms_fair_events(model));
    KEY(w, "nodes");
    OPEN_OBJECT(w);
    for (int k = 0; k < ISMS_FAIR_NODE_COUNT; k++) {
        isms_dist d;
        if (isms_fair_get(&d, model, (isms_fair_node)k) != ISMS_OK)
            continue; /* not given */
        const char *node = isms__doc_fair_node[k];
        isms__json_key(w, node, strlen(node));
        write_dist(w, &d);
    }
    CLOSE_OBJECT(w);
    CLOSE_OBJECT(w);
}

static void level_member(isms__json *w, const char *key, size_t n, int level)
{
    if (level == ISMS_LEVEL_UNSET)
        return; /* not assessed */
    isms__json_key(w, key, n);
    isms__json_int(w, level);
}

#define M_LEVEL(w, key, v) level_member((w), (key), sizeof(key) - 1, (v))

static void write_risks(isms__json *w, const isms_document *doc)
{
    const isms_register *reg = isms_document_register(doc);
    size_t n = isms_register_count(reg);
    bool has_models = isms_document_model_count(doc) > 0;
    KEY(w, "risks");
    OPEN_ARRAY(w);
    for (size_t i = 0; i < n && !w->err; i++) {
        const isms_risk *r = isms_register_at(reg, i);
        isms__json_element(w);
        OPEN_OBJECT(w);
        const char *id = isms_risk_id(r);
        M_STRING(w, "id", id);
        M_STRING(w, "title", isms_risk_title(r));
        M_TEXT(w, "consequence_text", isms_risk_consequence_text(r));
        M_LEVEL(w, "likelihood", isms_risk_likelihood(r));
        M_LEVEL(w, "consequence", isms_risk_consequence(r));
        M_LEVEL(w, "stated_value", isms_risk_stated_value(r));
        int rl = isms_risk_residual_likelihood(r), rc = isms_risk_residual_consequence(r);
        if (rl != ISMS_LEVEL_UNSET || rc != ISMS_LEVEL_UNSET) {
            KEY(w, "residual");
            OPEN_OBJECT(w);
            M_LEVEL(w, "likelihood", rl);
            M_LEVEL(w, "consequence", rc);
            CLOSE_OBJECT(w);
        }
        M_NAME(w, "treatment", isms__doc_treatment, isms_risk_treatment(r));
        M_TEXT(w, "treatment_text", isms_risk_treatment_text(r));
        M_TEXT(w, "owner", isms_risk_owner(r));
        M_NAME(w, "status", isms__doc_risk_status, isms_risk_get_status(r));
        M_TEXT(w, "vector", isms_risk_vector(r));
        if (has_models) {
            const isms_fair *model = isms_document_model(doc, id);
            if (model)
                write_model(w, model);
        }
        CLOSE_OBJECT(w);
    }
    CLOSE_ARRAY(w);
}

/* ---- assessments --------------------------------------------------------------------- */

static void write_entry(isms__json *w, const isms_assessment *a, const isms_entry *e)
{
    OPEN_OBJECT(w);
    M_STRING(w, "ref", isms_entry_ref(e));
    M_NAME(w, "status", isms__doc_status, isms_entry_status(e));
    isms_need need = isms_entry_need(e);
    if (need != ISMS_NEED_UNSET)
        M_NAME(w, "need", isms__doc_need, need);
    M_TEXT(w, "text", isms_entry_get(e, ISMS_FIELD_TEXT));
    M_TEXT(w, "comment", isms_entry_get(e, ISMS_FIELD_COMMENT));
    M_TEXT(w, "plan", isms_entry_get(e, ISMS_FIELD_PLAN));
    M_TEXT(w, "owner", isms_entry_get(e, ISMS_FIELD_OWNER));
    M_TEXT(w, "due", isms_entry_get(e, ISMS_FIELD_DUE));
    KEY(w, "evidence");
    OPEN_ARRAY(w);
    size_t n_evidence = isms_entry_evidence_count(e);
    for (size_t k = 0; k < n_evidence; k++) {
        isms__json_element(w);
        isms__json_string(w, isms_entry_evidence(e, k));
    }
    CLOSE_ARRAY(w);
    isms_applicability app = isms_entry_applicability(e);
    if (app != ISMS_APPLICABILITY_UNDECIDED)
        M_NAME(w, "applicability", isms__doc_applicability, app);
    KEY(w, "reasons");
    flags(w, isms__doc_reason, ISMS__DOC_N(isms__doc_reason), isms_entry_reasons(e));
    M_TEXT(w, "justification", isms_entry_get(e, ISMS_FIELD_JUSTIFICATION));
    M_TEXT(w, "origin", isms_entry_get(e, ISMS_FIELD_ORIGIN));
    /* The cells of the table's own columns, in the order of the assessment's "extra"
     * headers (which may repeat), without the empty cells at the end. */
    KEY(w, "extra");
    OPEN_ARRAY(w);
    size_t n_extra = isms_assessment_extra_count(a);
    while (n_extra > 0) {
        const char *last = isms_entry_extra(e, n_extra - 1);
        if (last && *last)
            break;
        n_extra--;
    }
    for (size_t k = 0; k < n_extra; k++) {
        const char *value = isms_entry_extra(e, k);
        isms__json_element(w);
        isms__json_string(w, value ? value : "");
    }
    CLOSE_ARRAY(w);
    CLOSE_OBJECT(w);
}

/* The imported catalogs the document holds, each once, in the order they came into it
 * (isms_document_catalog_at()), as OSCAL catalog objects: left out when there are none. */
static void write_catalogs(isms__json *w, const isms_document *doc)
{
    size_t n = isms_document_catalog_count(doc);
    if (n == 0)
        return;
    KEY(w, "catalogs");
    OPEN_ARRAY(w);
    for (size_t i = 0; i < n && !w->err; i++) {
        isms__json_element(w);
        isms__oscal_write_catalog(w, isms_document_catalog_at(doc, i));
    }
    CLOSE_ARRAY(w);
}

static void write_assessments(isms__json *w, const isms_document *doc)
{
    size_t n = isms_document_assessment_count(doc);
    KEY(w, "assessments");
    OPEN_ARRAY(w);
    for (size_t i = 0; i < n && !w->err; i++) {
        const isms_assessment *a = isms_document_assessment_at(doc, i);
        isms__json_element(w);
        OPEN_OBJECT(w);
        M_INT(w, "year", isms_assessment_year(a));
        /* A built-in catalog by its edition, an imported one by its uuid (in "catalogs"). */
        if (isms_assessment_edition(a) == ISMS_EDITION_IMPORTED)
            M_STRING(w, "catalog", isms_catalog_uuid(isms_assessment_catalog(a)));
        else
            M_NAME(w, "edition", isms__doc_edition, isms_assessment_edition(a));
        M_NAME(w, "scope", isms__doc_scope, isms_assessment_scope(a));
        KEY(w, "date");
        date(w, isms_assessment_date(a));
        KEY(w, "extra");
        OPEN_ARRAY(w);
        size_t n_extra = isms_assessment_extra_count(a);
        for (size_t k = 0; k < n_extra; k++) {
            isms__json_element(w);
            isms__json_string(w, isms_assessment_extra_name(a, k));
        }
        CLOSE_ARRAY(w);
        KEY(w, "entries");
        OPEN_ARRAY(w);
        size_t n_entries = isms_assessment_count(a);
        for (size_t k = 0; k < n_entries && !w->err; k++) {
            isms__json_element(w);
            write_entry(w, a, isms_assessment_at(a, k));
        }
        CLOSE_ARRAY(w);
        CLOSE_OBJECT(w);
    }
    CLOSE_ARRAY(w);
}

/* ---- assets and relations ------------------------------------------------------------ */

static void asset_text(isms__json *w, const isms_asset *asset, isms_asset_field field)
{
    const char *text = isms_asset_get(asset, field);
    if (text && *text) {
        const char *key = isms__doc_asset_field[field];
        isms__json_key(w, key, strlen(key));
        isms__json_string(w, text);
    }
}

static void write_asset(isms__json *w, const isms_asset *asset)
{
    OPEN_OBJECT(w);
    M_STRING(w, "id", isms_asset_id(asset));
    M_STRING(w, "name", isms_asset_get(asset, ISMS_ASSET_NAME));
    M_NAME(w, "type", isms__doc_asset_type, isms_asset_get_type(asset));
    asset_text(w, asset, ISMS_ASSET_OWNER);
    asset_text(w, asset, ISMS_ASSET_DESCRIPTION);
    int levels[ISMS_ASPECTS], overrides[ISMS_ASPECTS];
    for (int a = 0; a < ISMS_ASPECTS; a++) {
        levels[a] = isms_asset_level(asset, (isms_aspect)a);
        overrides[a] = isms_asset_override(asset, (isms_aspect)a);
    }
    KEY(w, "levels");
    aspect_levels(w, levels);
    KEY(w, "overrides");
    aspect_levels(w, overrides);
    asset_text(w, asset, ISMS_ASSET_OVERRIDE_REASON);
    KEY(w, "personal_data");
    flags(w, isms__doc_pdata, ISMS__DOC_N(isms__doc_pdata), isms_asset_pdata(asset));
    KEY(w, "special_categories");
    flags(w, isms__doc_special, ISMS__DOC_N(isms__doc_special), isms_asset_special(asset));
    M_BOOL(w, "nis", isms_asset_nis(asset));
    isms_date classified = isms_asset_classified(asset);
    if (classified.year != 0) {
        KEY(w, "classified");
        date(w, classified);
    }
    M_INT(w, "interval", isms_asset_interval(asset));
    for (int f = ISMS_ASSET_PURPOSE; f <= ISMS_ASSET_MEASURES; f++)
        asset_text(w, asset, (isms_asset_field)f);
    CLOSE_OBJECT(w);
}

static void write_assets(isms__json *w, const isms_inventory *inv)
{
    size_t n = isms_inventory_count(inv);
    KEY(w, "assets");
    OPEN_ARRAY(w);
    for (size_t i = 0; i < n && !w->err; i++) {
        isms__json_element(w);
        write_asset(w, isms_inventory_at(inv, i));
    }
    CLOSE_ARRAY(w);

    n = isms_inventory_relation_count(inv);
    KEY(w, "relations");
    OPEN_ARRAY(w);
    for (size_t i = 0; i < n && !w->err; i++) {
        isms_relation_info r;
        if (isms_inventory_relation(&r, inv, i) != ISMS_OK) {
            isms__json_invalid(w, "a relation cannot be read");
            break;
        }
        isms__json_element(w);
        OPEN_OBJECT(w);
        M_STRING(w, "from", isms_asset_id(r.src));
        M_STRING(w, "to", isms_asset_id(r.dst));
        M_NAME(w, "kind", isms__doc_relkind, r.kind);
        CLOSE_OBJECT(w);
    }
    CLOSE_ARRAY(w);
}

/* ---- actions ------------------------------------------------------------------------- */

static void write_target(isms__json *w, const isms_target *t)
{
    if ((unsigned)t->kind >= ISMS__DOC_N(isms__doc_target)) {
        isms__json_invalid(w, "a target has an unknown kind");
        return;
    }
    if (t->kind == ISMS_TARGET_ANY) {
        isms__json_string(w, t->id);
        return;
    }
    /* "risk:R1": the prefix and the id as one string. */
    const char *prefix = isms__doc_target[t->kind];
    size_t np = strlen(prefix), ni = strlen(t->id);
    char small[128];
    char *s = np + 1 + ni < sizeof small ? small : isms__malloc(np + 1 + ni + 1);
    if (!s) {
        if (!w->err)
            w->err = ISMS_ENOMEM;
        return;
    }
    memcpy(s, prefix, np);
    s[np] = ':';
    memcpy(s + np + 1, t->id, ni);
    isms__json_string_n(w, s, np + 1 + ni);
    if (s != small)
        isms__free(s);
}

static void write_action(isms__json *w, const isms_action *a)
{
    OPEN_OBJECT(w);
    M_STRING(w, "id", isms_action_id(a));
    M_STRING(w, "title", isms_action_get(a, ISMS_ACTION_TITLE));
    M_TEXT(w, "description", isms_action_get(a, ISMS_ACTION_DESCRIPTION));
    M_TEXT(w, "owner", isms_action_get(a, ISMS_ACTION_OWNER));
    isms_effort_size size = isms_action_effort_size(a);
    if (size != ISMS_EFFORT_UNSIZED) {
        M_NAME(w, "effort", isms__doc_effort, size);
    } else {
        double days = isms_action_effort(a);
        if (days >= 0) /* negative: not known */
            M_NUMBER(w, "effort", days);
    }
    double cost = isms_action_cost(a);
    if (cost >= 0)
        M_NUMBER(w, "cost", cost);
    M_TEXT(w, "due", isms_action_get(a, ISMS_ACTION_DUE));
    M_NAME(w, "status", isms__doc_action_status, isms_action_get_status(a));
    M_NAME(w, "recurrence", isms__doc_recurrence, isms_action_recurrence(a));
    KEY(w, "targets");
    OPEN_ARRAY(w);
    size_t n = isms_action_target_count(a);
    for (size_t i = 0; i < n; i++) {
        isms_target t;
        if (isms_action_target(&t, a, i) != ISMS_OK) {
            isms__json_invalid(w, "a target cannot be read");
            break;
        }
        isms__json_element(w);
        write_target(w, &t);
    }
    CLOSE_ARRAY(w);
    KEY(w, "prerequisites");
    OPEN_ARRAY(w);
    n = isms_action_prerequisite_count(a);
    const char *pre = isms__prereq_first(a); /* walked once, not from the start per id */
    for (size_t i = 0; i < n; i++, pre = isms__prereq_next(pre)) {
        isms__json_element(w);
        isms__json_string(w, pre);
    }
    CLOSE_ARRAY(w);
    int el = ISMS_LEVEL_UNSET, ec = ISMS_LEVEL_UNSET;
    isms_action_expected_residual(&el, &ec, a);
    if (el != ISMS_LEVEL_UNSET || ec != ISMS_LEVEL_UNSET) {
        KEY(w, "expected_residual");
        OPEN_OBJECT(w);
        M_LEVEL(w, "likelihood", el);
        M_LEVEL(w, "consequence", ec);
        CLOSE_OBJECT(w);
    }
    isms_status expected = isms_action_expected_status(a);
    if (expected != ISMS_STATUS_NOT_ASSESSED)
        M_NAME(w, "expected_status", isms__doc_status, expected);
    CLOSE_OBJECT(w);
}

static void write_actions(isms__json *w, const isms_plan *plan)
{
    size_t n = isms_plan_count(plan);
    KEY(w, "actions");
    OPEN_ARRAY(w);
    for (size_t i = 0; i < n && !w->err; i++) {
        isms__json_element(w);
        write_action(w, isms_plan_at(plan, i));
    }
    CLOSE_ARRAY(w);
}

/* ---- settings ------------------------------------------------------------------------ */

static void write_settings(isms__json *w, const isms_document *doc)
{
    isms_settings s;
    KEY(w, "settings");
    if (isms_document_settings(&s, doc) != ISMS_OK) {
        isms__json_invalid(w, "the settings cannot be read");
        return;
    }
    OPEN_OBJECT(w);
    KEY(w, "priority");
    OPEN_OBJECT(w);
    M_NUMBER(w, "base", s.priority.base);
    M_NUMBER(w, "risk", s.priority.risk);
    M_NUMBER(w, "reduction", s.priority.reduction);
    M_NUMBER(w, "requirement", s.priority.requirement);
    M_NUMBER(w, "asset", s.priority.asset);
    M_NUMBER(w, "urgency", s.priority.urgency);
    M_NUMBER(w, "overdue", s.priority.overdue);
    M_NUMBER(w, "horizon_days", s.priority.horizon_days);
    M_NUMBER(w, "effort_unit", s.priority.effort_unit);
    M_NUMBER(w, "effort", s.priority.effort);
    CLOSE_OBJECT(w);

    KEY(w, "compliance");
    OPEN_OBJECT(w);
    M_NUMBER(w, "yes", s.compliance.yes);
    M_NUMBER(w, "partial", s.compliance.partial);
    M_NUMBER(w, "no", s.compliance.no);
    CLOSE_OBJECT(w);

    KEY(w, "schedule");
    OPEN_OBJECT(w);
    M_NAME(w, "unit", isms__doc_unit, s.unit);
    if (s.start_year != 0) /* 0: the year after the document's */
        M_INT(w, "start", s.start_year);
    M_INT(w, "periods", (long long)s.periods);
    KEY(w, "capacity");
    if (s.capacities) {
        OPEN_ARRAY(w);
        for (size_t i = 0; i < s.periods; i++) {
            isms__json_element(w);
            isms__json_number(w, s.capacities[i]);
        }
        CLOSE_ARRAY(w);
    } else {
        isms__json_number(w, s.capacity);
    }
    KEY(w, "owners");
    OPEN_OBJECT(w);
    for (size_t i = 0; i < s.owner_count; i++) {
        if (!s.owners || !s.owner_capacity || !s.owners[i]) {
            isms__json_invalid(w, "an owner's capacity cannot be read");
            break;
        }
        isms__json_key_text(w, s.owners[i]);
        isms__json_number(w, s.owner_capacity[i]);
    }
    CLOSE_OBJECT(w);
    M_BOOL(w, "strict", s.strict);
    CLOSE_OBJECT(w);

    KEY(w, "simulation");
    OPEN_OBJECT(w);
    KEY(w, "iterations");
    isms__json_uint(w, (uint64_t)s.iterations);
    KEY(w, "seed");
    isms__json_uint(w, s.seed);
    CLOSE_OBJECT(w);
    CLOSE_OBJECT(w);
}

/* ---- the document -------------------------------------------------------------------- */

static void write_document(isms__json *w, const isms_document *doc)
{
    OPEN_OBJECT(w);
    M_STRING(w, "format", ISMS_DOCUMENT_FORMAT);
    M_STRING(w, "organisation", isms_document_get(doc, ISMS_DOC_ORGANISATION));
    M_TEXT(w, "unit", isms_document_get(doc, ISMS_DOC_UNIT));
    M_TEXT(w, "title", isms_document_get(doc, ISMS_DOC_TITLE));
    M_TEXT(w, "author", isms_document_get(doc, ISMS_DOC_AUTHOR));
    M_INT(w, "year", isms_document_year(doc));
    isms_date d = isms_document_date(doc);
    if (d.year != 0) {
        KEY(w, "date");
        date(w, d);
    }
    M_STRING(w, "language", isms_lang_code(isms_document_lang(doc)));
    M_TEXT(w, "scope", isms_document_get(doc, ISMS_DOC_SCOPE));
    KEY(w, "context");
    OPEN_ARRAY(w);
    size_t n = isms_document_context_count(doc);
    for (size_t i = 0; i < n; i++) {
        const char *title = NULL, *text = NULL;
        if (isms_document_context(&title, &text, doc, i) != ISMS_OK) {
            isms__json_invalid(w, "a context item cannot be read");
            break;
        }
        isms__json_element(w);
        OPEN_OBJECT(w);
        M_STRING(w, "title", title);
        M_TEXT(w, "text", text);
        CLOSE_OBJECT(w);
    }
    CLOSE_ARRAY(w);
    M_TEXT(w, "decision", isms_document_get(doc, ISMS_DOC_DECISION));
    const isms_register *reg = isms_document_register(doc);
    write_matrix(w, reg ? isms_register_matrix(reg) : NULL);
    const isms_inventory *inv = isms_document_inventory(doc);
    write_classification(w, inv);
    write_risks(w, doc);
    write_catalogs(w, doc);
    write_assessments(w, doc);
    write_assets(w, inv);
    write_actions(w, isms_document_plan(doc));
    write_settings(w, doc);
    CLOSE_OBJECT(w);
    isms__json_raw(w, "\n", 1);
}

int isms_document_write(char **out, size_t *len, const isms_document *doc)
{
    if (!out || !doc)
        return isms__error(ISMS_EINVAL, "isms_document_write: NULL argument");
    /* Writing asks questions whose "no" sets the last error (a model's value that is not
     * given); a successful call puts the caller's back. */
    isms__error_saved saved;
    isms__error_save(&saved);
    isms__buf b;
    isms__buf_init(&b);
    isms__json w;
    isms__json_init(&w, &b, "the document", 0);
    /* The text grows by doubling; start with room for a small document (an empty one is
     * about 800 bytes). The NUL counts: 4 KiB - 1 bytes take a 4 KiB block, 4 KiB would take
     * 8 KiB, and the caller keeps the block as long as the text. */
    isms__json_reserve(&w, 4 * 1024 - 1);
    write_document(&w, doc);
    if (w.err) {
        isms__buf_free(&b);
        return w.err == ISMS_ENOMEM ? isms__error_nomem() : w.err;
    }
    size_t n = b.len;
    *out = isms__buf_take(&b, NULL);
    if (len)
        *len = n;
    isms__error_restore(&saved);
    return ISMS_OK;
}

int isms_document_save(const isms_document *doc, const char *path)
{
    if (!doc || !path)
        return isms__error(ISMS_EINVAL, "isms_document_save: NULL argument");
    if (!*path)
        return isms__error(ISMS_EINVAL, "isms_document_save: the file name is empty");
    char *text = NULL;
    size_t n = 0;
    int rc = isms_document_write(&text, &n, doc);
    if (rc)
        return rc;
    if (strcmp(path, "-") == 0) {
        size_t written = fwrite(text, 1, n, stdout);
        bool ok = written == n && fflush(stdout) == 0 && !ferror(stdout);
        isms__free(text);
        if (!ok)
            return isms__error(ISMS_EIO, "cannot write the document to standard output");
        return ISMS_OK;
    }
    rc = isms__file_save_atomic(path, text, n);
    isms__free(text);
    return rc;
}
