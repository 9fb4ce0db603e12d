/*
 * The JSON loader of the ISMS document, format libisms/1 (lib/io/libisms-1.schema.json):
 * isms_document_parse() and isms_document_load().
 *
 * Loading goes in four steps, the first two and the last in the shared JSON reader
 * (lib/io/json-read.c):
 *  1. limits and encoding: the size limit, a UTF-8 byte order mark (skipped), and one pass
 *     over the bytes that checks the UTF-8 and the nesting depth;
 *  2. jansson parses the text (duplicate keys rejected); its syntax errors keep their text,
 *     pointed at the start of the token it names;
 *  3. the tree is walked in the schema's terms, building the document through the public
 *     API of the document and the core modules, so that their checks apply (an argument the
 *     core calls invalid, ISMS_EINVAL, is content of the document that cannot be: ISMS_EPARSE
 *     here). Whatever that API can hold loads, so that every saved document loads again:
 *     levels off the matrix's scales, risks not assessed, one residual level, empty titles,
 *     targets and prerequisites that name nothing, prerequisites that form a cycle (among
 *     open actions too) are kept (lint reports them, as for a table import; ordering such a
 *     plan names the cycle); only what the API cannot hold is an error (a relation that
 *     names nothing, an action that is its own prerequisite, an int overflow);
 *  4. every error names the JSON path of the node at fault ("$.risks[3].likelihod") at its
 *     line and column.
 *
 * Imported catalogs ("catalogs", OSCAL catalog objects) are read before the assessments that
 * name them by uuid, with the OSCAL importer's isms__oscal_read_catalog(), so that an error
 * inside one names its path there ("$.catalogs[0].groups[1].controls[2].id"), and the document
 * holds them all, in the file's order (isms__doc_add_catalogs(), which also finds a uuid
 * given twice, by sorting: no quadratic scan); an assessment finds its catalog there by uuid
 * (isms__doc_find_catalog(), a bisection). An assessment has "edition" or "catalog", not
 * both. A catalog that no assessment names is kept as well, so that saving loses nothing.
 *
 * On any error the document built so far is freed: nothing is returned and nothing leaks.
 */
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "doc-internal.h"
#include "json-read.h"
#include "oscal-internal.h"
#include "plan/plan-internal.h"

/* ---- small text helpers ------------------------------------------------------------------ */

/* The arguments of a "%.*s" that shows at most 64 bytes of s, cut on a UTF-8 boundary (as the
 * plan's messages quote ids). */
#define Q(s) ISMS__Q(s)

/* Number of code points of the UTF-8 text s[0..len). */
static size_t utf8_chars(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            n++;
    return n;
}

/* ---- reading values ----------------------------------------------------------------------- */

/* The reader's flags and its result for an optional key that is absent (lib/io/json-read.h),
 * by short names. An id (a risk's, an asset's, a reference) must not be empty; it has no
 * limit. */
#define ABSENT ISMS__JR_ABSENT
enum { REQ = ISMS__JR_REQ, NONEMPTY = ISMS__JR_NONEMPTY, ID = ISMS__JR_NONEMPTY };

/* Longest action id, in bytes after trimming (the plan's limit; the schema's maxLength
 * counts characters, which is the same for ASCII). */
#define ACTION_ID_MAX_BYTES 256

/* An action's id at the current node: a string, not empty, at most 256 bytes once trimmed. */
static int as_action_id(isms__jr *r, json_t *v, const char **out)
{
    const char *s = NULL;
    int rc = isms__jr_as_string(r, v, NONEMPTY, &s);
    if (rc < 0)
        return rc;
    size_t start = 0, len = strlen(s);
    isms__trim_span(s, len, &start, &len);
    if (len > ACTION_ID_MAX_BYTES)
        return isms__jr_fail(r, ISMS_ERANGE, false, "the id \"%.*s…\" is %zu bytes long (%zu "
                             "characters); an action id has at most %d bytes", Q(s), len,
                             utf8_chars(s + start, len), ACTION_ID_MAX_BYTES);
    *out = s;
    return ISMS_OK;
}

/* The action's id, the member "id" of `obj`. */
static int get_action_id(isms__jr *r, json_t *obj, const char **out)
{
    json_t *v;
    int rc = isms__jr_enter(r, obj, "id", REQ, &v);
    return rc != ISMS_OK ? rc : isms__jr_leave(r, as_action_id(r, v, out));
}

/* A setter of a text field of an object of the core. */
typedef int (*text_setter)(void *obj, int field, const char *text);

/* Reads the optional strings names[f] of `o`, for the fields f from `first` on, and sets each
 * that is there with set(obj, f, text). */
static int load_text_fields(isms__jr *r, json_t *o, const char *const *names, size_t first,
                            size_t n, text_setter set, void *obj)
{
    for (size_t f = first; f < n; f++) {
        const char *text = NULL;
        int rc = isms__jr_get_string(r, o, names[f], 0, &text);
        if (rc < 0)
            return rc;
        if (rc == ISMS_OK && (rc = set(obj, (int)f, text)) < 0)
            return isms__jr_relay_at(r, names[f], rc);
    }
    return ISMS_OK;
}

/* A list of vocabulary values read into flags: bit k for names[k]. */
typedef struct flag_list {
    const char *const *names;
    size_t n;
    unsigned flags;
} flag_list;

static int load_flag(isms__jr *r, json_t *arr, size_t i, void *ctx)
{
    flag_list *fl = ctx;
    int k;
    int rc = isms__jr_as_enum(r, json_array_get(arr, i), fl->names, fl->n, &k);
    if (rc < 0)
        return rc;
    if (fl->flags & (1u << k))
        return isms__jr_fail(r, ISMS_EEXIST, false, "\"%s\" is listed twice", fl->names[k]);
    fl->flags |= 1u << k;
    return ISMS_OK;
}

/* Reads `key` of `obj` as a list of vocabulary values into flags (bit k for names[k]);
 * a value given twice is an error. */
static int get_flags(isms__jr *r, json_t *obj, const char *key, const char *const *names,
                     size_t n, unsigned *out)
{
    flag_list fl = { names, n, 0 };
    int rc = isms__jr_list(r, obj, key, 0, load_flag, &fl);
    if (rc == ISMS_OK)
        *out = fl.flags;
    return rc;
}

/* ---- keys of the format ------------------------------------------------------------------- */

#define N(list) ISMS__DOC_N(list)

static const char *const root_keys[] = {
    "format", "organisation", "unit", "title", "author", "year", "date", "language", "scope",
    "context", "decision", "matrix", "classification", "risks", "catalogs", "assessments",
    "assets",
    "relations", "actions", "settings",
};
static const char *const context_keys[] = { "title", "text" };
static const char *const lang_names[] = { "sv", "en" };
static const char *const matrix_presets[] = { "4x4", "5x5", "3x3" };
static const char *const matrix_keys[] = { "name", "formula", "likelihood", "consequence",
                                           "grid", "bands", "acceptance" };
static const char *const level_keys[] = { "value", "label_sv", "label_en", "description" };
static const char *const band_keys[] = { "name", "min", "max", "color", "label_sv",
                                         "label_en" };
static const char *const class_keys[] = { "scheme", "floors" };
static const char *const scheme_presets[] = { "klassa", "klassa-cia", "fips199" };
static const char *const scheme_keys[] = { "name", "confidentiality", "integrity",
                                           "availability", "traceability" };
static const char *const risk_keys[] = {
    "id", "title", "consequence_text", "likelihood", "consequence", "stated_value", "residual",
    "treatment", "treatment_text", "owner", "status", "vector", "model",
};
static const char *const levels_keys[] = { "likelihood", "consequence" };
static const char *const model_keys[] = { "events", "nodes" };
static const char *const dist_keys[] = { "kind", "value", "low", "mode", "high", "gamma",
                                         "method", "mean", "sd", "rate" };
static const char *const assessment_keys[] = { "year", "edition", "catalog", "scope", "date",
                                               "extra", "entries" };
static const char *const entry_keys[] = {
    "ref", "status", "need", "text", "comment", "plan", "owner", "due", "evidence",
    "applicability", "reasons", "justification", "origin", "extra",
};
static const char *const asset_keys[] = {
    "id", "name", "type", "owner", "description", "levels", "overrides", "override_reason",
    "personal_data", "special_categories", "nis", "classified", "interval", "purpose",
    "legal_basis", "subjects", "data_categories", "recipients", "transfers", "safeguards",
    "retention", "measures",
};
static const char *const relation_keys[] = { "from", "to", "kind" };
static const char *const action_keys[] = {
    "id", "title", "description", "owner", "effort", "cost", "due", "status", "recurrence",
    "targets", "prerequisites", "expected_residual", "expected_status",
};
static const char *const settings_keys[] = { "priority", "compliance", "schedule",
                                             "simulation" };
static const char *const priority_keys[] = { "base", "risk", "reduction", "requirement",
                                             "asset", "urgency", "overdue", "horizon_days",
                                             "effort_unit", "effort" };
static const char *const compliance_keys[] = { "yes", "partial", "no" };
static const char *const schedule_keys[] = { "unit", "start", "periods", "capacity", "owners",
                                             "strict" };
static const char *const simulation_keys[] = { "iterations", "seed" };

/* The ranges of the matrix's values, as the matrix builder takes them (and the schema says):
 * a scale's level ISMS_LEVEL_VALUE_MIN–ISMS_LEVEL_VALUE_MAX; a band's ends any int (a band may
 * reach beyond the cells' values); the acceptance within the cells' values, which are within
 * ±ISMS_GRID_VALUE_MAX. A risk's levels have a range of their own (RISK_LEVEL_MIN,
 * RISK_LEVEL_MAX). */
#define SCALE_MIN ((long long)ISMS_LEVEL_VALUE_MIN)
#define SCALE_MAX ((long long)ISMS_LEVEL_VALUE_MAX)
#define BAND_MIN ((long long)INT_MIN)
#define BAND_MAX ((long long)INT_MAX)
#define ACCEPTANCE_MIN (-(long long)ISMS_GRID_VALUE_MAX)
#define ACCEPTANCE_MAX ((long long)ISMS_GRID_VALUE_MAX)

/* ---- the matrix --------------------------------------------------------------------------- */

/* A matrix or a classification scheme at the current node: a preset's name (*preset is its
 * index in `presets`) or a full definition, an object whose keys are among `keys` (*preset is
 * -1 and *name its "name"). */
static int preset_or_definition(isms__jr *r, json_t *v, const char *const *presets,
                                size_t n_presets, const char *const *keys, size_t n_keys,
                                int *preset, const char **name)
{
    int rc;
    *preset = -1;
    if (json_is_string(v))
        return isms__jr_as_enum(r, v, presets, n_presets, preset);
    if (!json_is_object(v))
        return isms__jr_wrong_type(r, v, "a preset's name or an object");
    if ((rc = isms__jr_check_keys(r, v, keys, n_keys)) < 0 ||
        (rc = isms__jr_get_string(r, v, "name", REQ | NONEMPTY, name)) < 0)
        return rc;
    return ISMS_OK;
}

/* A level of a scale, of the matrix or of the classification, at the current node. */
typedef struct level_def {
    long long value;
    const char *sv, *en, *desc;
} level_def;

static int get_level_def(isms__jr *r, json_t *lv, long long lo, long long hi, level_def *d)
{
    int rc;
    d->sv = d->en = d->desc = NULL;
    if ((rc = isms__jr_as_object(r, lv)) < 0 ||
        (rc = isms__jr_check_keys(r, lv, level_keys, N(level_keys))) < 0 ||
        (rc = isms__jr_get_int(r, lv, "value", REQ, lo, hi, &d->value)) < 0 ||
        (rc = isms__jr_get_string(r, lv, "label_sv", REQ | NONEMPTY, &d->sv)) < 0 ||
        (rc = isms__jr_get_string(r, lv, "label_en", REQ | NONEMPTY, &d->en)) < 0 ||
        (rc = isms__jr_get_string(r, lv, "description", 0, &d->desc)) < 0)
        return rc;
    return ISMS_OK;
}

typedef struct axis_ctx {
    isms_matrix_builder *b;
    isms_axis axis;
} axis_ctx;

static int load_axis_level(isms__jr *r, json_t *arr, size_t i, void *ctx)
{
    const axis_ctx *c = ctx;
    level_def d;
    int rc = get_level_def(r, json_array_get(arr, i), SCALE_MIN, SCALE_MAX, &d);
    if (rc < 0)
        return rc;
    rc = isms_matrix_builder_add_level(c->b, c->axis, (int)d.value, d.sv, d.en, d.desc);
    return rc < 0 ? isms__jr_relay(r, rc) : ISMS_OK;
}

static int load_scale(isms__jr *r, json_t *m, const char *key, isms_axis axis,
                      isms_matrix_builder *b, size_t *count)
{
    json_t *arr;
    int rc = isms__jr_enter_array(r, m, key, REQ, &arr);
    if (rc < 0)
        return rc;
    size_t n = json_array_size(arr);
    if (n < ISMS_SCALE_MIN_LEVELS || n > ISMS_SCALE_MAX_LEVELS)
        return isms__jr_fail(r, ISMS_ERANGE, false, "%zu levels; a scale has %d–%d", n,
                             ISMS_SCALE_MIN_LEVELS, ISMS_SCALE_MAX_LEVELS);
    axis_ctx c = { b, axis };
    if ((rc = isms__jr_each(r, arr, load_axis_level, &c)) < 0)
        return rc;
    *count = n;
    return isms__jr_leave(r, ISMS_OK);
}

static int load_grid(isms__jr *r, json_t *m, isms_matrix_builder *b, size_t rows, size_t cols)
{
    json_t *grid;
    int rc = isms__jr_enter_array(r, m, "grid", REQ, &grid);
    if (rc < 0)
        return rc;
    if (json_array_size(grid) != rows)
        return isms__jr_fail(r, ISMS_ERANGE, false, "%zu rows, but the likelihood scale has %zu "
                             "levels", json_array_size(grid), rows);
    int values[ISMS_SCALE_MAX_LEVELS * ISMS_SCALE_MAX_LEVELS];
    for (size_t y = 0; y < rows; y++) {
        json_t *row = json_array_get(grid, y);
        isms__jr_push_index(r, y);
        if ((rc = isms__jr_as_array(r, row)) < 0)
            return rc;
        if (json_array_size(row) != cols)
            return isms__jr_fail(r, ISMS_ERANGE, false, "%zu values, but the consequence scale "
                                 "has %zu levels", json_array_size(row), cols);
        for (size_t c = 0; c < cols; c++) {
            isms__jr_push_index(r, c);
            long long v;
            if ((rc = isms__jr_as_int(r, json_array_get(row, c), -ISMS_GRID_VALUE_MAX,
                                      ISMS_GRID_VALUE_MAX, &v)) < 0)
                return rc;
            values[y * cols + c] = (int)v;
            isms__jr_pop(r);
        }
        isms__jr_pop(r);
    }
    rc = isms_matrix_builder_set_grid(b, values, rows, cols);
    if (rc < 0)
        return isms__jr_relay(r, rc);
    isms__jr_pop(r);
    return ISMS_OK;
}

static bool is_color(const char *s)
{
    return strlen(s) == 7 && s[0] == '#' && strspn(s + 1, "0123456789abcdefABCDEF") == 6;
}

static int load_band(isms__jr *r, json_t *arr, size_t i, void *ctx)
{
    json_t *band = json_array_get(arr, i);
    int rc;
    if ((rc = isms__jr_as_object(r, band)) < 0 ||
        (rc = isms__jr_check_keys(r, band, band_keys, N(band_keys))) < 0)
        return rc;
    const char *name = NULL, *color = NULL, *sv = NULL, *en = NULL;
    long long lo, hi;
    if ((rc = isms__jr_get_string(r, band, "name", REQ | NONEMPTY, &name)) < 0 ||
        (rc = isms__jr_get_int(r, band, "min", REQ, BAND_MIN, BAND_MAX, &lo)) < 0 ||
        (rc = isms__jr_get_int(r, band, "max", REQ, BAND_MIN, BAND_MAX, &hi)) < 0 ||
        (rc = isms__jr_get_string(r, band, "color", REQ, &color)) < 0 ||
        (rc = isms__jr_get_string(r, band, "label_sv", REQ | NONEMPTY, &sv)) < 0 ||
        (rc = isms__jr_get_string(r, band, "label_en", REQ | NONEMPTY, &en)) < 0)
        return rc;
    if (!is_color(color)) {
        isms__jr_push_key(r, "color");
        return isms__jr_fail(r, ISMS_EPARSE, false, "\"%.*s\" is not a colour written #rrggbb",
                             Q(color));
    }
    rc = isms_matrix_builder_add_band(ctx, name, (int)lo, (int)hi, color, sv, en);
    return rc < 0 ? isms__jr_relay(r, rc) : ISMS_OK;
}

static int load_bands(isms__jr *r, json_t *m, isms_matrix_builder *b)
{
    json_t *arr;
    int rc = isms__jr_enter_array(r, m, "bands", REQ, &arr);
    if (rc < 0)
        return rc;
    if (json_array_size(arr) == 0)
        return isms__jr_fail(r, ISMS_ERANGE, false, "a matrix needs at least one band");
    return isms__jr_leave(r, isms__jr_each(r, arr, load_band, b));
}

static int build_matrix(isms__jr *r, json_t *m, isms_matrix_builder *b, isms_matrix **out)
{
    int rc, formula = ISMS_FORMULA_PRODUCT;
    if ((rc = isms__jr_get_enum(r, m, "formula", 0, isms__doc_formula, N(isms__doc_formula),
                                &formula)) < 0)
        return rc;
    size_t rows, cols;
    if ((rc = load_scale(r, m, "likelihood", ISMS_AXIS_LIKELIHOOD, b, &rows)) < 0 ||
        (rc = load_scale(r, m, "consequence", ISMS_AXIS_CONSEQUENCE, b, &cols)) < 0)
        return rc;
    if (formula == ISMS_FORMULA_GRID) {
        if ((rc = load_grid(r, m, b, rows, cols)) < 0)
            return rc;
    } else {
        if (json_object_get(m, "grid")) {
            isms__jr_push_key(r, "grid");
            return isms__jr_fail(r, ISMS_EPARSE, true, "a grid is only used with the formula "
                                 "\"grid\", not \"%s\"", isms__doc_formula[formula]);
        }
        if ((rc = isms_matrix_builder_set_formula(b, (isms_formula)formula)) < 0)
            return isms__jr_relay(r, rc);
    }
    if ((rc = load_bands(r, m, b)) < 0)
        return rc;
    long long acceptance;
    rc = isms__jr_get_int(r, m, "acceptance", 0, ACCEPTANCE_MIN, ACCEPTANCE_MAX, &acceptance);
    if (rc < 0)
        return rc;
    if (rc == ISMS_OK && (rc = isms_matrix_builder_set_acceptance(b, (int)acceptance)) < 0)
        return isms__jr_relay(r, rc);
    rc = isms_matrix_builder_build(out, b);
    return rc < 0 ? isms__jr_relay(r, rc) : ISMS_OK;
}

/* The matrix at the current node: a preset's name or a full definition. */
static int load_matrix(isms__jr *r, json_t *v, isms_matrix **out)
{
    int k;
    const char *name = NULL;
    int rc = preset_or_definition(r, v, matrix_presets, N(matrix_presets), matrix_keys,
                                  N(matrix_keys), &k, &name);
    if (rc < 0)
        return rc;
    if (k >= 0) {
        rc = isms_matrix_preset(out, matrix_presets[k]);
        return rc < 0 ? isms__jr_relay(r, rc) : ISMS_OK;
    }
    isms_matrix_builder *b = NULL;
    if ((rc = isms_matrix_builder_new(&b, name)) < 0)
        return isms__jr_relay(r, rc);
    rc = build_matrix(r, v, b, out);
    isms_matrix_builder_free(b);
    return rc;
}

/* ---- risks and models --------------------------------------------------------------------- */

/* The range of a risk's levels and stated value: every int the register holds but
 * ISMS_LEVEL_UNSET (which is written by leaving the key out). Levels off the matrix's scales
 * are kept; the register's lint reports them. */
#define RISK_LEVEL_MIN ((long long)ISMS_LEVEL_UNSET + 1)
#define RISK_LEVEL_MAX ((long long)INT_MAX)

/* An optional level `key` of `obj` in [lo, hi]: ISMS_LEVEL_UNSET when absent. */
static int get_level(isms__jr *r, json_t *obj, const char *key, long long lo, long long hi,
                     int *out)
{
    long long x;
    int rc = isms__jr_get_int(r, obj, key, 0, lo, hi, &x);
    if (rc < 0)
        return rc;
    *out = rc == ABSENT ? ISMS_LEVEL_UNSET : (int)x;
    return ISMS_OK;
}

/* An object {"likelihood": l, "consequence": c} of levels in [lo, hi]; a level left out is
 * ISMS_LEVEL_UNSET, and with `both` the two must be given together. ABSENT when the key
 * is not there. */
static int get_levels(isms__jr *r, json_t *obj, const char *key, long long lo, long long hi,
                      bool both, int *l, int *c)
{
    json_t *v;
    int rc = isms__jr_enter_object(r, obj, key, 0, levels_keys, N(levels_keys), &v);
    if (rc != ISMS_OK ||
        (rc = get_level(r, v, "likelihood", lo, hi, l)) < 0 ||
        (rc = get_level(r, v, "consequence", lo, hi, c)) < 0)
        return rc;
    if (both && (*l == ISMS_LEVEL_UNSET || *c == ISMS_LEVEL_UNSET))
        return isms__jr_fail(r, ISMS_EPARSE, false, "missing key \"%s\": an expected residual has "
                             "both a likelihood and a consequence",
                             *l == ISMS_LEVEL_UNSET ? "likelihood" : "consequence");
    isms__jr_pop(r);
    return ISMS_OK;
}

/* The parameters each kind of distribution takes (bits over dist_keys). */
static unsigned dist_params(isms_dist_kind kind)
{
    enum { VALUE = 1 << 1, LOW = 1 << 2, MODE = 1 << 3, HIGH = 1 << 4, GAMMA = 1 << 5,
           METHOD = 1 << 6, MEAN = 1 << 7, SD = 1 << 8, RATE = 1 << 9 };
    switch (kind) {
    case ISMS_DIST_CONSTANT: return VALUE;
    case ISMS_DIST_UNIFORM: return LOW | HIGH;
    case ISMS_DIST_NORMAL: return MEAN | SD;
    case ISMS_DIST_PERT: return LOW | MODE | HIGH | GAMMA | METHOD;
    case ISMS_DIST_LOGNORMAL90: return LOW | HIGH;
    case ISMS_DIST_POISSON: return RATE;
    }
    return 0;
}

/* The distribution at the current node. */
static int load_dist(isms__jr *r, json_t *d, isms_dist *out)
{
    int rc, kind;
    if ((rc = isms__jr_as_object(r, d)) < 0 ||
        (rc = isms__jr_check_keys(r, d, dist_keys, N(dist_keys))) < 0 ||
        (rc = isms__jr_get_enum(r, d, "kind", REQ, isms__doc_dist, N(isms__doc_dist), &kind)) < 0)
        return rc;
    unsigned takes = dist_params((isms_dist_kind)kind);
    /* Parameters of other kinds would be lost: refuse them. */
    const char *key = NULL;
    json_t *v;
    json_object_foreach(d, key, v) {
        int k = isms__doc_lookup(dist_keys, N(dist_keys), key);
        if (k <= 0 || (takes & (1u << k)))
            continue;
        /* "low", "mode" and "high": at most five short names, which fit. */
        char list[200];
        size_t used = 0, total = 0, seen = 0;
        for (size_t i = 1; i < N(dist_keys); i++)
            total += (takes >> i) & 1u;
        for (size_t i = 1; i < N(dist_keys); i++) {
            if (!(takes & (1u << i)))
                continue;
            const char *sep = seen == 0 ? "" : seen + 1 == total ? " and " : ", ";
            int w = snprintf(list + used, sizeof list - used, "%s\"%s\"", sep, dist_keys[i]);
            used += w > 0 ? (size_t)w : 0;
            seen++;
        }
        isms__jr_push_key(r, key);
        return isms__jr_fail(r, ISMS_EPARSE, true, "not a parameter of a %s distribution, which "
                             "takes %s", isms__doc_dist[kind], list);
    }
    double value = 0, low = 0, mode = 0, high = 0, gamma = ISMS_PERT_GAMMA_DEFAULT, mean = 0,
           sd = 0, rate = 0;
    int method = ISMS_PERT_CLASSIC;
    switch ((isms_dist_kind)kind) {
    case ISMS_DIST_CONSTANT:
        if ((rc = isms__jr_get_number(r, d, "value", REQ, -INFINITY, false, INFINITY, &value)) < 0)
            return rc;
        rc = isms_dist_constant(out, value);
        break;
    case ISMS_DIST_UNIFORM:
    case ISMS_DIST_LOGNORMAL90:
        if ((rc = isms__jr_get_number(r, d, "low", REQ, -INFINITY, false, INFINITY, &low)) < 0 ||
            (rc = isms__jr_get_number(r, d, "high", REQ, -INFINITY, false, INFINITY, &high)) < 0)
            return rc;
        rc = kind == ISMS_DIST_UNIFORM ? isms_dist_uniform(out, low, high)
                                       : isms_dist_lognormal90(out, low, high);
        break;
    case ISMS_DIST_NORMAL:
        if ((rc = isms__jr_get_number(r, d, "mean", REQ, -INFINITY, false, INFINITY, &mean)) < 0 ||
            (rc = isms__jr_get_number(r, d, "sd", REQ, 0, false, INFINITY, &sd)) < 0)
            return rc;
        rc = isms_dist_normal(out, mean, sd);
        break;
    case ISMS_DIST_PERT:
        if ((rc = isms__jr_get_number(r, d, "low", REQ, -INFINITY, false, INFINITY, &low)) < 0 ||
            (rc = isms__jr_get_number(r, d, "mode", REQ, -INFINITY, false, INFINITY, &mode)) < 0 ||
            (rc = isms__jr_get_number(r, d, "high", REQ, -INFINITY, false, INFINITY, &high)) < 0 ||
            (rc = isms__jr_get_number(r, d, "gamma", 0, 0, true, INFINITY, &gamma)) < 0 ||
            (rc = isms__jr_get_enum(r, d, "method", 0, isms__doc_pert, N(isms__doc_pert),
                                    &method)) < 0)
            return rc;
        rc = isms_dist_pert(out, low, mode, high, gamma, (isms_pert_method)method);
        break;
    case ISMS_DIST_POISSON:
        if ((rc = isms__jr_get_number(r, d, "rate", REQ, 0, false, INFINITY, &rate)) < 0)
            return rc;
        rc = isms_dist_poisson(out, rate);
        break;
    }
    return rc < 0 ? isms__jr_relay(r, rc) : ISMS_OK;
}

/* The model at the current node, named after the risk. */
static int build_model(isms__jr *r, json_t *m, isms_fair *model)
{
    int rc;
    bool events = false;
    if ((rc = isms__jr_get_bool(r, m, "events", &events)) < 0)
        return rc;
    if ((rc = isms_fair_set_events(model, events)) < 0)
        return isms__jr_relay(r, rc);
    json_t *nodes;
    if ((rc = isms__jr_enter_object(r, m, "nodes", REQ, isms__doc_fair_node, N(isms__doc_fair_node),
                                    &nodes)) < 0)
        return rc;
    if (json_object_size(nodes) == 0)
        return isms__jr_fail(r, ISMS_EPARSE, false, "a model needs at least one node");
    for (size_t k = 0; k < ISMS_FAIR_NODE_COUNT; k++) {
        json_t *d = json_object_get(nodes, isms__doc_fair_node[k]);
        if (!d)
            continue;
        isms__jr_push_key(r, isms__doc_fair_node[k]);
        isms_dist dist;
        if ((rc = load_dist(r, d, &dist)) < 0)
            return rc;
        if ((rc = isms_fair_set(model, (isms_fair_node)k, &dist)) < 0)
            return isms__jr_relay(r, rc);
        isms__jr_pop(r);
    }
    isms__jr_pop(r);
    if ((rc = isms_fair_check(model)) < 0)
        return isms__jr_relay(r, rc);
    return ISMS_OK;
}

static int load_model(isms__jr *r, isms_document *doc, json_t *risk, const char *id)
{
    json_t *m;
    int rc = isms__jr_enter_object(r, risk, "model", 0, model_keys, N(model_keys), &m);
    if (rc != ISMS_OK)
        return rc < 0 ? rc : ISMS_OK;
    isms_fair *model = NULL;
    if ((rc = isms_fair_new(&model, id)) < 0)
        return isms__jr_relay(r, rc);
    rc = build_model(r, m, model);
    if (rc == ISMS_OK && (rc = isms_document_set_model(doc, id, model)) < 0)
        rc = isms__jr_relay(r, rc);
    if (rc < 0) {
        isms_fair_free(model);
        return rc;
    }
    isms__jr_pop(r);
    return ISMS_OK;
}

/* The first element of `arr` before `before` whose string member `key` equals `id` (after
 * trimming when `trim`), or `before` when there is none. */
static size_t earlier_with(json_t *arr, size_t before, const char *key, const char *id,
                           bool trim)
{
    size_t s0 = 0, n0 = strlen(id);
    if (trim)
        isms__trim_span(id, n0, &s0, &n0);
    for (size_t j = 0; j < before; j++) {
        const char *other = json_string_value(json_object_get(json_array_get(arr, j), key));
        if (!other)
            continue;
        size_t s1 = 0, n1 = strlen(other);
        if (trim)
            isms__trim_span(other, n1, &s1, &n1);
        if (n1 == n0 && memcmp(other + s1, id + s0, n0) == 0)
            return j;
    }
    return before;
}

/* "$.risks[0].id": the path of member `key` of element `j` of the array at the current
 * path's end, when the current path is that array's element. */
static void sibling_path(char p[ISMS__JR_PATH_MAX], const isms__jr *r, size_t j,
                         const char *key)
{
    isms__jr sibling = *r;
    /* The current path ends with the element's index and then the key. */
    sibling.depth -= 2;
    isms__jr_push_index(&sibling, j);
    isms__jr_push_key(&sibling, key);
    isms__jr_path(&sibling, p, ISMS__JR_PATH_MAX);
}

static int duplicate(isms__jr *r, json_t *arr, size_t i, const char *key, const char *id,
                     bool trim, const char *what)
{
    size_t j = earlier_with(arr, i, key, id, trim);
    isms__jr_push_key(r, key);
    if (j == i)
        return isms__jr_fail(r, ISMS_EEXIST, false, "duplicate %s \"%.*s\"", what, Q(id));
    char p[ISMS__JR_PATH_MAX];
    sibling_path(p, r, j, key);
    return isms__jr_fail(r, ISMS_EEXIST, false, "duplicate %s \"%.*s\" (also at %s)", what,
                         Q(id), p);
}

static int load_risk(isms__jr *r, json_t *arr, size_t i, void *doc)
{
    json_t *o = json_array_get(arr, i);
    int rc;
    if ((rc = isms__jr_as_object(r, o)) < 0 ||
        (rc = isms__jr_check_keys(r, o, risk_keys, N(risk_keys))) < 0)
        return rc;
    const char *id = NULL, *title = NULL, *text = NULL;
    int l, c;
    if ((rc = isms__jr_get_string(r, o, "id", REQ | ID, &id)) < 0 ||
        (rc = isms__jr_get_string(r, o, "title", REQ, &title)) < 0 ||
        (rc = get_level(r, o, "likelihood", RISK_LEVEL_MIN, RISK_LEVEL_MAX, &l)) < 0 ||
        (rc = get_level(r, o, "consequence", RISK_LEVEL_MIN, RISK_LEVEL_MAX, &c)) < 0)
        return rc;
    isms_risk *risk = NULL;
    rc = isms_register_add(&risk, isms_document_register(doc), id, title, l, c);
    if (rc == ISMS_EEXIST)
        return duplicate(r, arr, i, "id", id, false, "risk id");
    if (rc < 0)
        return isms__jr_relay(r, rc);
    if ((rc = isms__jr_get_string(r, o, "consequence_text", 0, &text)) < 0)
        return rc;
    if (rc == ISMS_OK && (rc = isms_risk_set_consequence_text(risk, text)) < 0)
        return isms__jr_relay(r, rc);
    int stated;
    if ((rc = get_level(r, o, "stated_value", RISK_LEVEL_MIN, RISK_LEVEL_MAX, &stated)) < 0)
        return rc;
    if (stated != ISMS_VALUE_UNSET && (rc = isms_risk_set_stated_value(risk, stated)) < 0)
        return isms__jr_relay(r, rc);
    int rl, rcq;
    if ((rc = get_levels(r, o, "residual", RISK_LEVEL_MIN, RISK_LEVEL_MAX, false, &rl,
                         &rcq)) < 0)
        return rc;
    if (rc == ISMS_OK && (rc = isms_risk_set_residual(risk, rl, rcq)) < 0)
        return isms__jr_relay(r, rc);
    int treatment = ISMS_TREATMENT_NONE;
    const char *ttext = NULL;
    if ((rc = isms__jr_get_enum(r, o, "treatment", 0, isms__doc_treatment, N(isms__doc_treatment),
                                &treatment)) < 0 ||
        (rc = isms__jr_get_string(r, o, "treatment_text", 0, &ttext)) < 0)
        return rc;
    if ((rc = isms_risk_set_treatment(risk, (isms_treatment)treatment, ttext)) < 0)
        return isms__jr_relay(r, rc);
    const char *owner = NULL, *vector = NULL;
    if ((rc = isms__jr_get_string(r, o, "owner", 0, &owner)) < 0)
        return rc;
    if (rc == ISMS_OK && (rc = isms_risk_set_owner(risk, owner)) < 0)
        return isms__jr_relay(r, rc);
    int status = ISMS_RISK_OPEN;
    if ((rc = isms__jr_get_enum(r, o, "status", 0, isms__doc_risk_status, N(isms__doc_risk_status),
                                &status)) < 0)
        return rc;
    if ((rc = isms_risk_set_status(risk, (isms_risk_status)status)) < 0)
        return isms__jr_relay(r, rc);
    if ((rc = isms__jr_get_string(r, o, "vector", 0, &vector)) < 0)
        return rc;
    if (rc == ISMS_OK && *vector && (rc = isms_risk_set_vector(risk, vector)) < 0)
        return isms__jr_relay_at(r, "vector", rc);
    return load_model(r, doc, o, id);
}

/* ---- classification and assets ------------------------------------------------------------ */

typedef struct aspect_ctx {
    isms_scheme_builder *b;
    isms_aspect aspect;
} aspect_ctx;

static int load_aspect_level(isms__jr *r, json_t *arr, size_t i, void *ctx)
{
    const aspect_ctx *c = ctx;
    level_def d;
    int rc = get_level_def(r, json_array_get(arr, i), 0, ISMS_CLASS_MAX, &d);
    if (rc < 0)
        return rc;
    rc = isms_scheme_builder_add_level(c->b, c->aspect, (int)d.value, d.sv, d.en, d.desc);
    return rc < 0 ? isms__jr_relay(r, rc) : ISMS_OK;
}

static int load_scheme_def(isms__jr *r, json_t *v, isms_scheme_builder *b, isms_scheme **out)
{
    int rc;
    for (int a = 0; a < ISMS_ASPECTS; a++) {
        json_t *arr;
        bool optional = a == ISMS_ASPECT_TRACEABILITY;
        if ((rc = isms__jr_enter_array(r, v, isms__doc_aspect[a], optional ? 0 : REQ, &arr)) < 0)
            return rc;
        if (rc == ABSENT)
            continue;
        if (json_array_size(arr) < 2)
            return isms__jr_fail(r, ISMS_ERANGE, false, "%zu levels; a scale has at least 2",
                                 json_array_size(arr));
        aspect_ctx c = { b, (isms_aspect)a };
        if ((rc = isms__jr_each(r, arr, load_aspect_level, &c)) < 0)
            return rc;
        isms__jr_pop(r);
    }
    rc = isms_scheme_builder_build(out, b);
    return rc < 0 ? isms__jr_relay(r, rc) : ISMS_OK;
}

/* The scheme at the current node: a preset's name or a full definition. */
static int load_scheme(isms__jr *r, json_t *v, isms_scheme **out)
{
    int k;
    const char *name = NULL;
    int rc = preset_or_definition(r, v, scheme_presets, N(scheme_presets), scheme_keys,
                                  N(scheme_keys), &k, &name);
    if (rc < 0)
        return rc;
    if (k >= 0) {
        rc = isms_scheme_preset(out, scheme_presets[k]);
        return rc < 0 ? isms__jr_relay(r, rc) : ISMS_OK;
    }
    isms_scheme_builder *b = NULL;
    if ((rc = isms_scheme_builder_new(&b, name)) < 0)
        return isms__jr_relay(r, rc);
    rc = load_scheme_def(r, v, b, out);
    isms_scheme_builder_free(b);
    return rc;
}

/* Reads an object of levels per aspect: calls set(asset, aspect, level) for each, or stores
 * them in `levels` when `asset` is NULL. */
static int load_aspects(isms__jr *r, json_t *obj, const char *key, isms_asset *asset,
                        int (*set)(isms_asset *, isms_aspect, int), int *levels)
{
    json_t *v;
    int rc = isms__jr_enter_object(r, obj, key, 0, isms__doc_aspect, N(isms__doc_aspect), &v);
    if (rc != ISMS_OK)
        return rc < 0 ? rc : ISMS_OK;
    for (int a = 0; a < ISMS_ASPECTS; a++) {
        long long level;
        if ((rc = isms__jr_get_int(r, v, isms__doc_aspect[a], 0, 0, ISMS_CLASS_MAX, &level)) < 0)
            return rc;
        if (rc == ABSENT)
            continue;
        if (!asset) {
            levels[a] = (int)level;
            continue;
        }
        if ((rc = set(asset, (isms_aspect)a, (int)level)) < 0)
            return isms__jr_relay_at(r, isms__doc_aspect[a], rc);
    }
    return isms__jr_leave(r, ISMS_OK);
}

static int load_floors(isms__jr *r, json_t *cls, isms_inventory *inv)
{
    json_t *v;
    int rc = isms__jr_enter_object(r, cls, "floors", 0, isms__doc_pdata, N(isms__doc_pdata), &v);
    if (rc != ISMS_OK)
        return rc < 0 ? rc : ISMS_OK;
    isms_floors floors;
    for (size_t k = 0; k < ISMS_PDATA_KINDS; k++)
        for (size_t a = 0; a < ISMS_ASPECTS; a++)
            floors.min[k][a] = ISMS_CLASS_UNSET;
    for (size_t k = 0; k < ISMS_PDATA_KINDS; k++)
        if ((rc = load_aspects(r, v, isms__doc_pdata[k], NULL, NULL, floors.min[k])) < 0)
            return rc;
    if ((rc = isms_inventory_set_floors(inv, &floors)) < 0)
        return isms__jr_relay(r, rc);
    isms__jr_pop(r);
    return ISMS_OK;
}

/* The classification: a new inventory with its scheme and floors, installed in the
 * document. */
static int load_classification(isms__jr *r, isms_document *doc, json_t *root)
{
    json_t *cls;
    int rc = isms__jr_enter_object(r, root, "classification", 0, class_keys, N(class_keys), &cls);
    if (rc != ISMS_OK)
        return rc;
    isms_scheme *scheme = NULL;
    json_t *sv = json_object_get(cls, "scheme");
    if (sv) {
        isms__jr_push_key(r, "scheme");
        if ((rc = load_scheme(r, sv, &scheme)) < 0)
            return rc;
        isms__jr_pop(r);
    }
    isms_inventory *inv = NULL;
    rc = isms_inventory_new(&inv, scheme);
    isms_scheme_free(scheme);
    if (rc < 0)
        return isms__jr_relay(r, rc);
    rc = load_floors(r, cls, inv);
    if (rc == ISMS_OK && (rc = isms_document_set_inventory(doc, inv)) < 0)
        rc = isms__jr_relay(r, rc);
    if (rc < 0) {
        isms_inventory_free(inv);
        return rc;
    }
    isms__jr_pop(r);
    return ISMS_OK;
}

static int set_asset_text(void *asset, int field, const char *text)
{
    return isms_asset_set(asset, (isms_asset_field)field, text);
}

static int load_asset(isms__jr *r, json_t *arr, size_t i, void *inv)
{
    json_t *o = json_array_get(arr, i);
    int rc, type;
    const char *id = NULL, *name = NULL;
    if ((rc = isms__jr_as_object(r, o)) < 0 ||
        (rc = isms__jr_check_keys(r, o, asset_keys, N(asset_keys))) < 0 ||
        (rc = isms__jr_get_string(r, o, "id", REQ | ID, &id)) < 0 ||
        (rc = isms__jr_get_string(r, o, "name", REQ, &name)) < 0 ||
        (rc = isms__jr_get_enum(r, o, "type", REQ, isms__doc_asset_type, N(isms__doc_asset_type),
                                &type)) < 0)
        return rc;
    isms_asset *a = NULL;
    rc = isms_inventory_add(&a, inv, id, name, (isms_asset_type)type);
    if (rc == ISMS_EEXIST)
        return duplicate(r, arr, i, "id", id, true, "asset id");
    if (rc < 0)
        return isms__jr_relay_at(r, "id", rc);
    /* the name is set: from the next field on */
    if ((rc = load_text_fields(r, o, isms__doc_asset_field, ISMS_ASSET_NAME + 1,
                               N(isms__doc_asset_field), set_asset_text, a)) < 0 ||
        (rc = load_aspects(r, o, "levels", a, isms_asset_set_level, NULL)) < 0 ||
        (rc = load_aspects(r, o, "overrides", a, isms_asset_set_override, NULL)) < 0)
        return rc;
    unsigned pdata = 0, special = 0;
    int has_pdata, has_special;
    if ((has_pdata = get_flags(r, o, "personal_data", isms__doc_pdata, N(isms__doc_pdata),
                               &pdata)) < 0)
        return has_pdata;
    if ((has_special = get_flags(r, o, "special_categories", isms__doc_special,
                                 N(isms__doc_special), &special)) < 0)
        return has_special;
    if ((has_pdata == ISMS_OK || has_special == ISMS_OK) &&
        (rc = isms_asset_set_pdata(a, pdata, special)) < 0)
        return isms__jr_relay(r, rc);
    bool nis = false;
    if ((rc = isms__jr_get_bool(r, o, "nis", &nis)) < 0)
        return rc;
    isms_asset_set_nis(a, nis);
    isms_date date;
    if ((rc = isms__jr_get_date(r, o, "classified", &date)) < 0)
        return rc;
    if (rc == ISMS_OK && (rc = isms_asset_set_classified(a, date)) < 0)
        return isms__jr_relay_at(r, "classified", rc);
    long long interval;
    if ((rc = isms__jr_get_int(r, o, "interval", 0, 1, 120, &interval)) < 0)
        return rc;
    if (rc == ISMS_OK && (rc = isms_asset_set_interval(a, (int)interval)) < 0)
        return isms__jr_relay_at(r, "interval", rc);
    return ISMS_OK;
}

/* Whether relations `a` and `b` (objects that passed their checks) are the same. */
static bool same_relation(json_t *a, json_t *b)
{
    static const char *const keys[] = { "from", "to", "kind" };
    for (size_t k = 0; k < 3; k++) {
        const char *x = json_string_value(json_object_get(a, keys[k]));
        const char *y = json_string_value(json_object_get(b, keys[k]));
        if (!x || !y)
            return false;
        size_t sx = 0, nx = strlen(x), sy = 0, ny = strlen(y);
        isms__trim_span(x, nx, &sx, &nx);
        isms__trim_span(y, ny, &sy, &ny);
        if (nx != ny || memcmp(x + sx, y + sy, nx) != 0)
            return false;
    }
    return true;
}

static int load_relation(isms__jr *r, json_t *arr, size_t i, void *inv)
{
    json_t *o = json_array_get(arr, i);
    const char *from = NULL, *to = NULL;
    int rc, kind;
    if ((rc = isms__jr_as_object(r, o)) < 0 ||
        (rc = isms__jr_check_keys(r, o, relation_keys, N(relation_keys))) < 0 ||
        (rc = isms__jr_get_string(r, o, "from", REQ | ID, &from)) < 0 ||
        (rc = isms__jr_get_string(r, o, "to", REQ | ID, &to)) < 0 ||
        (rc = isms__jr_get_enum(r, o, "kind", REQ, isms__doc_relkind, N(isms__doc_relkind),
                                &kind)) < 0)
        return rc;
    static const char *const ends[2] = { "from", "to" };
    const char *ids[2] = { from, to };
    for (size_t e = 0; e < 2; e++) {
        if (isms_inventory_find(inv, ids[e]))
            continue;
        isms__jr_push_key(r, ends[e]);
        return isms__jr_fail(r, ISMS_ENOTFOUND, false, "no asset has the id \"%.*s\"", Q(ids[e]));
    }
    rc = isms_inventory_link(inv, from, to, (isms_relkind)kind);
    if (rc == ISMS_EEXIST) {
        size_t j = 0;
        while (j < i && !same_relation(json_array_get(arr, j), o))
            j++;
        isms__jr_pop(r);
        char p[ISMS__JR_PATH_MAX];
        isms__jr_push_index(r, j);
        isms__jr_path(r, p, sizeof p);
        isms__jr_pop(r);
        isms__jr_push_index(r, i);
        return isms__jr_fail(r, ISMS_EEXIST, false, "duplicate relation \"%.*s\" %s \"%.*s\" "
                             "(also at %s)", Q(from), isms__doc_relkind[kind], Q(to), p);
    }
    return rc < 0 ? isms__jr_relay(r, rc) : ISMS_OK;
}

/* ---- imported catalogs -------------------------------------------------------------------- */

/* The catalogs of "catalogs" while they are read: a reference to each (owned), in the file's
 * order, until the document holds them. */
typedef struct doc_catalogs {
    isms_catalog **cat;
    size_t n, cap;
} doc_catalogs;

static void doc_catalogs_free(doc_catalogs *cs)
{
    for (size_t i = 0; i < cs->n; i++)
        isms_catalog_free(cs->cat[i]);
    isms__free(cs->cat);
}

/* A catalog: an OSCAL catalog object (isms__oscal_read_catalog(), whose errors name the path
 * below it). */
static int load_catalog(isms__jr *r, json_t *arr, size_t i, void *ctx)
{
    doc_catalogs *cs = ctx;
    if (!isms__grow((void **)&cs->cat, &cs->cap, cs->n + 1, sizeof *cs->cat))
        return isms__error_nomem();
    isms_catalog *c = NULL;
    int rc = isms__oscal_read_catalog(r, json_array_get(arr, i), &c);
    if (rc < 0)
        return rc;
    cs->cat[cs->n++] = c;
    return ISMS_OK;
}

/* The document holds the catalogs read from the array `arr`, in their order; a uuid twice is
 * an error at the second one (the soonest such), naming the first. */
static int hold_catalogs(isms__jr *r, isms_document *doc, json_t *arr, const doc_catalogs *cs)
{
    size_t dup[2];
    int rc = isms__doc_add_catalogs(doc, (const isms_catalog *const *)cs->cat, cs->n, dup);
    if (rc != ISMS_EEXIST)
        return rc < 0 ? isms__jr_relay(r, rc) : ISMS_OK;
    /* The document was new: its catalogs are those of the file, by index. */
    char p[ISMS__JR_PATH_MAX];
    isms__jr_push_key(r, "catalogs");
    isms__jr_push_index(r, dup[0]);
    isms__jr_push_key(r, "uuid");
    isms__jr_path(r, p, sizeof p);
    isms__jr_pop(r);
    isms__jr_pop(r);
    isms__jr_push_index(r, dup[1]);
    isms__jr_push_key(r, "uuid");
    /* The uuids as written (the catalogs keep them lowercase). */
    const char *second = json_string_value(json_object_get(json_array_get(arr, dup[1]), "uuid"));
    const char *first = json_string_value(json_object_get(json_array_get(arr, dup[0]), "uuid"));
    if (!second || !first) /* cannot be: the catalogs were read */
        second = first = isms_catalog_uuid(cs->cat[dup[1]]);
    if (strcmp(first, second) != 0)
        return isms__jr_fail(r, ISMS_EEXIST, false, "a second catalog with the uuid %.*s (also "
                             "at %s, as %.*s): a document holds each catalog once, and ASCII "
                             "case does not count in a uuid", Q(second), p, Q(first));
    return isms__jr_fail(r, ISMS_EEXIST, false, "a second catalog with the uuid %.*s (also at "
                         "%s): a document holds each catalog once, and ASCII case does not "
                         "count in a uuid", Q(second), p);
}

/* The error of an assessment's "catalog" (the current node) that names no catalog. */
static int unknown_catalog(isms__jr *r, const isms_document *doc, const char *uuid)
{
    size_t n = isms_document_catalog_count(doc);
    if (n == 0)
        return isms__jr_fail(r, ISMS_ENOTFOUND, false, "no catalog with the uuid \"%.*s\": the "
                             "document has no \"catalogs\" (an imported catalog the assessment "
                             "is held against must be in it)", Q(uuid));
    char list[512];
    size_t len = 0;
    list[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        const char *sep = i == 0 ? "" : i + 1 == n ? " and " : ", ";
        int k = snprintf(list + len, sizeof list - len, "%s%s", sep,
                         isms_catalog_uuid(isms_document_catalog_at(doc, i)));
        if (k < 0 || (size_t)k >= sizeof list - len) {
            snprintf(list + len, sizeof list - len, "%s", len + 4 < sizeof list ? " …" : "");
            break;
        }
        len += (size_t)k;
    }
    return isms__jr_fail(r, ISMS_ENOTFOUND, false, "no catalog with the uuid \"%.*s\" in "
                         "\"catalogs\", which holds %s", Q(uuid), list);
}

/* ---- assessments -------------------------------------------------------------------------- */

/* What an assessment is read into. */
typedef struct assessment_ctx {
    isms_document *doc;
} assessment_ctx;

/* An entry and its assessment, for reading the entry's lists. */
typedef struct entry_ctx {
    isms_assessment *as;
    isms_entry *e;
} entry_ctx;

/* A cell of the entry's extra cells: an array of texts, one per column of the assessment's
 * "extra" list in its order; cells left out at the end are empty. */
static int load_extra_cell(isms__jr *r, json_t *arr, size_t k, void *ctx)
{
    const entry_ctx *c = ctx;
    size_t n = isms_assessment_extra_count(c->as), cells = json_array_size(arr);
    if (k >= n) {
        if (n == 0)
            return isms__jr_fail(r, ISMS_ERANGE, false, "%zu cell%s, but the assessment has no "
                                 "extra columns", cells, cells == 1 ? "" : "s");
        return isms__jr_fail(r, ISMS_ERANGE, false, "%zu cells, but the assessment has %zu extra "
                             "column%s (its \"extra\" list)", cells, n, n == 1 ? "" : "s");
    }
    const char *text = NULL;
    int rc = isms__jr_as_string(r, json_array_get(arr, k), 0, &text);
    if (rc < 0)
        return rc;
    rc = isms_entry_set_extra(c->e, k, text);
    return rc < 0 ? isms__jr_relay(r, rc) : ISMS_OK;
}

static int load_evidence(isms__jr *r, json_t *arr, size_t k, void *ctx)
{
    const entry_ctx *c = ctx;
    const char *text = NULL;
    int rc = isms__jr_as_string(r, json_array_get(arr, k), NONEMPTY, &text);
    if (rc < 0)
        return rc;
    rc = isms_entry_add_evidence(c->e, text);
    return rc < 0 ? isms__jr_relay(r, rc) : ISMS_OK;
}

static int set_entry_text(void *entry, int field, const char *text)
{
    return isms_entry_set(entry, (isms_entry_field)field, text);
}

static int load_entry(isms__jr *r, json_t *arr, size_t i, void *assessment)
{
    isms_assessment *as = assessment;
    json_t *o = json_array_get(arr, i);
    int rc;
    const char *ref = NULL;
    if ((rc = isms__jr_as_object(r, o)) < 0 ||
        (rc = isms__jr_check_keys(r, o, entry_keys, N(entry_keys))) < 0 ||
        (rc = isms__jr_get_string(r, o, "ref", REQ | ID, &ref)) < 0)
        return rc;
    isms_entry *e = NULL;
    rc = isms_assessment_add(&e, as, ref);
    if (rc == ISMS_EEXIST) {
        /* The entry it collides with, perhaps written another way ("A 5.1", "A.5.1"). */
        const isms_entry *old = isms_assessment_find(as, ref);
        size_t j = 0;
        for (; j < i; j++) {
            const char *other = json_string_value(json_object_get(json_array_get(arr, j),
                                                                  "ref"));
            if (other && isms_assessment_find(as, other) == old)
                break;
        }
        isms__jr_push_key(r, "ref");
        char p[ISMS__JR_PATH_MAX];
        sibling_path(p, r, j, "ref");
        return isms__jr_fail(r, ISMS_EEXIST, false, "duplicate requirement \"%.*s\" (also at "
                             "%s)", Q(ref), p);
    }
    if (rc < 0)
        return isms__jr_relay_at(r, "ref", rc);
    int status = ISMS_STATUS_NOT_ASSESSED, need, appl;
    if ((rc = isms__jr_get_enum(r, o, "status", 0, isms__doc_status, N(isms__doc_status),
                                &status)) < 0)
        return rc;
    if ((rc = isms_entry_set_status(e, (isms_status)status)) < 0)
        return isms__jr_relay(r, rc);
    if ((rc = isms__jr_get_enum(r, o, "need", 0, isms__doc_need, N(isms__doc_need), &need)) < 0)
        return rc;
    if (rc == ISMS_OK && (rc = isms_entry_set_need(e, (isms_need)need)) < 0)
        return isms__jr_relay(r, rc);
    entry_ctx c = { as, e };
    if ((rc = load_text_fields(r, o, isms__doc_entry_field, 0, N(isms__doc_entry_field),
                               set_entry_text, e)) < 0 ||
        (rc = isms__jr_list(r, o, "evidence", 0, load_evidence, &c)) < 0)
        return rc;
    if ((rc = isms__jr_get_enum(r, o, "applicability", 0, isms__doc_applicability,
                                N(isms__doc_applicability), &appl)) < 0)
        return rc;
    if (rc == ISMS_OK && (rc = isms_entry_set_applicability(e, (isms_applicability)appl)) < 0)
        return isms__jr_relay(r, rc);
    unsigned reasons;
    if ((rc = get_flags(r, o, "reasons", isms__doc_reason, N(isms__doc_reason), &reasons)) < 0)
        return rc;
    if (rc == ISMS_OK && (rc = isms_entry_set_reasons(e, reasons)) < 0)
        return isms__jr_relay(r, rc);
    rc = isms__jr_list(r, o, "extra", 0, load_extra_cell, &c);
    return rc < 0 ? rc : ISMS_OK;
}

/* A column of the assessment's extra columns. Headers may repeat (tables have such
 * columns), but not be blank: a table's column without a header is not kept. */
static int load_extra_column(isms__jr *r, json_t *arr, size_t k, void *as)
{
    const char *name = NULL;
    int rc = isms__jr_as_string(r, json_array_get(arr, k), 0, &name);
    if (rc < 0)
        return rc;
    size_t start = 0, len = strlen(name);
    isms__trim_span(name, len, &start, &len);
    if (len == 0)
        return isms__jr_fail(r, ISMS_EPARSE, false, "a column's header must not be blank");
    rc = isms_assessment_add_extra(NULL, as, name);
    return rc < 0 ? isms__jr_relay(r, rc) : ISMS_OK;
}

static int build_assessment(isms__jr *r, json_t *o, isms_assessment *as)
{
    int rc;
    isms_date date;
    if ((rc = isms__jr_get_date(r, o, "date", &date)) < 0)
        return rc;
    if (rc == ISMS_OK && (rc = isms_assessment_set_date(as, date)) < 0)
        return isms__jr_relay_at(r, "date", rc);
    if ((rc = isms__jr_list(r, o, "extra", 0, load_extra_column, as)) < 0 ||
        (rc = isms__jr_list(r, o, "entries", REQ, load_entry, as)) < 0)
        return rc;
    return ISMS_OK;
}

/* The catalog an assessment is held against: its "edition" (a built-in catalog) or its
 * "catalog" (the uuid of one of "catalogs", which the document holds), exactly one of them.
 * *catalog is the imported catalog, or NULL for an edition. */
static int get_catalog(isms__jr *r, json_t *o, const isms_document *doc, int *edition,
                       const isms_catalog **catalog)
{
    bool has_edition = json_object_get(o, "edition") != NULL;
    bool has_catalog = json_object_get(o, "catalog") != NULL;
    *catalog = NULL;
    if (has_edition && has_catalog) {
        isms__jr_push_key(r, "catalog");
        return isms__jr_fail(r, ISMS_EPARSE, true, "an assessment is held against an edition "
                             "or an imported catalog, not both: give \"edition\" or "
                             "\"catalog\"");
    }
    if (!has_edition && !has_catalog)
        return isms__jr_fail(r, ISMS_EPARSE, false, "missing key \"edition\" (a built-in "
                             "catalog: \"2013\", \"2022\" or \"2022-amd1\") or \"catalog\" "
                             "(the uuid of an imported catalog in \"catalogs\")");
    if (!has_catalog)
        return isms__jr_get_enum(r, o, "edition", REQ, isms__doc_edition, N(isms__doc_edition),
                                 edition);
    const char *uuid = NULL;
    int rc = isms__jr_get_string(r, o, "catalog", REQ | NONEMPTY, &uuid);
    if (rc < 0)
        return rc;
    *catalog = isms__doc_find_catalog(doc, uuid);
    if (!*catalog) {
        isms__jr_push_key(r, "catalog");
        return unknown_catalog(r, doc, uuid);
    }
    *edition = ISMS_EDITION_IMPORTED;
    return ISMS_OK;
}

static int load_assessment(isms__jr *r, json_t *arr, size_t i, void *ctx)
{
    const assessment_ctx *x = ctx;
    isms_document *doc = x->doc;
    json_t *o = json_array_get(arr, i);
    int rc, edition, scope = ISMS_SCOPE_BOTH;
    const isms_catalog *cat = NULL;
    long long year;
    if ((rc = isms__jr_as_object(r, o)) < 0 ||
        (rc = isms__jr_check_keys(r, o, assessment_keys, N(assessment_keys))) < 0 ||
        (rc = isms__jr_get_int(r, o, "year", REQ, 1900, 9999, &year)) < 0 ||
        (rc = get_catalog(r, o, doc, &edition, &cat)) < 0 ||
        (rc = isms__jr_get_enum(r, o, "scope", 0, isms__doc_scope, N(isms__doc_scope), &scope)) < 0)
        return rc;
    if (isms_document_assessment_find(doc, (int)year)) {
        size_t j = 0;
        for (; j < i; j++) {
            json_t *y = json_object_get(json_array_get(arr, j), "year");
            if (y && json_number_value(y) == (double)year)
                break;
        }
        isms__jr_push_key(r, "year");
        char p[ISMS__JR_PATH_MAX];
        sibling_path(p, r, j, "year");
        return isms__jr_fail(r, ISMS_EEXIST, false, "a second assessment of %lld (also at %s)",
                             year, p);
    }
    isms_assessment *as = NULL;
    if (cat) {
        /* Against an imported catalog: its controls, scope annex-a or both. */
        rc = isms_assessment_new_catalog(&as, cat, (int)year, (isms_scope)scope);
        if (rc < 0)
            return json_object_get(o, "scope") ? isms__jr_relay_at(r, "scope", rc)
                                               : isms__jr_relay(r, rc);
    } else if ((rc = isms_assessment_new(&as, (isms_edition)edition, (int)year,
                                         (isms_scope)scope)) < 0) {
        return isms__jr_relay(r, rc);
    }
    rc = build_assessment(r, o, as);
    if (rc == ISMS_OK && (rc = isms_document_add_assessment(doc, as)) < 0)
        rc = isms__jr_relay(r, rc);
    if (rc < 0)
        isms_assessment_free(as);
    return rc;
}

/* ---- actions ------------------------------------------------------------------------------ */

/* The target at the current node: "risk:R1", "req:6.1.2", "asset:HR" or a bare id, which
 * the plan reads (isms_action_add_target() with ISMS_TARGET_ANY takes the prefixes the writer
 * writes, and a few more: "krav:", "tillgång:"). It need not name anything the document
 * holds: the plan's lint reports a target that names nothing (plan-unknown-target), as it
 * does for a plan imported from a table. */
static int load_target(isms__jr *r, json_t *arr, size_t k, void *a)
{
    const char *t = NULL;
    int rc = isms__jr_as_string(r, json_array_get(arr, k), NONEMPTY, &t);
    if (rc < 0)
        return rc;
    rc = isms_action_add_target(a, ISMS_TARGET_ANY, t);
    return rc < 0 ? isms__jr_relay(r, rc) : ISMS_OK;
}

/* The keys of the action's text fields, by isms_action_field. */
static const char *const action_text_keys[] = { "title", "description", "owner", "due" };

static int set_action_text(void *action, int field, const char *text)
{
    return isms_action_set(action, (isms_action_field)field, text);
}

static int load_action(isms__jr *r, json_t *arr, size_t i, void *plan)
{
    json_t *o = json_array_get(arr, i);
    int rc;
    const char *id = NULL, *title = NULL;
    if ((rc = isms__jr_as_object(r, o)) < 0 ||
        (rc = isms__jr_check_keys(r, o, action_keys, N(action_keys))) < 0 ||
        (rc = get_action_id(r, o, &id)) < 0 ||
        (rc = isms__jr_get_string(r, o, "title", REQ, &title)) < 0)
        return rc;
    isms_action *a = NULL;
    rc = isms_plan_add(&a, plan, id, title);
    if (rc == ISMS_EEXIST)
        return duplicate(r, arr, i, "id", id, true, "action id");
    if (rc < 0)
        return isms__jr_relay_at(r, "id", rc);
    /* the title is set: from the next field on */
    if ((rc = load_text_fields(r, o, action_text_keys, ISMS_ACTION_TITLE + 1,
                               N(action_text_keys), set_action_text, a)) < 0)
        return rc;
    json_t *effort = json_object_get(o, "effort");
    if (effort) {
        isms__jr_push_key(r, "effort");
        if (json_is_string(effort)) {
            int size;
            if ((rc = isms__jr_as_enum(r, effort, isms__doc_effort, N(isms__doc_effort),
                                       &size)) < 0)
                return rc;
            rc = isms_action_set_effort_size(a, (isms_effort_size)size);
        } else if (json_is_number(effort)) {
            double days;
            if ((rc = isms__jr_as_number(r, effort, 0, false, ISMS__EFFORT_MAX, &days)) < 0)
                return rc;
            rc = isms_action_set_effort(a, days);
        } else {
            return isms__jr_wrong_type(r, effort, "a number of person-days or a size");
        }
        if (rc < 0)
            return isms__jr_relay(r, rc);
        isms__jr_pop(r);
    }
    double cost;
    if ((rc = isms__jr_get_number(r, o, "cost", 0, 0, false, INFINITY, &cost)) < 0)
        return rc;
    if (rc == ISMS_OK && (rc = isms_action_set_cost(a, cost)) < 0)
        return isms__jr_relay_at(r, "cost", rc);
    int status = ISMS_ACTION_PROPOSED, recur = ISMS_RECUR_NONE, expected;
    if ((rc = isms__jr_get_enum(r, o, "status", 0, isms__doc_action_status,
                                N(isms__doc_action_status), &status)) < 0 ||
        (rc = isms__jr_get_enum(r, o, "recurrence", 0, isms__doc_recurrence,
                                N(isms__doc_recurrence), &recur)) < 0)
        return rc;
    if ((rc = isms_action_set_status(a, (isms_action_status)status)) < 0 ||
        (rc = isms_action_set_recurrence(a, (isms_recurrence)recur)) < 0)
        return isms__jr_relay(r, rc);
    if ((rc = isms__jr_list(r, o, "targets", 0, load_target, a)) < 0)
        return rc;
    int el, ec;
    if ((rc = get_levels(r, o, "expected_residual", ISMS_LEVEL_VALUE_MIN, ISMS_LEVEL_VALUE_MAX,
                         true, &el, &ec)) < 0)
        return rc;
    if (rc == ISMS_OK && (rc = isms_action_set_expected_residual(a, el, ec)) < 0)
        return isms__jr_relay_at(r, "expected_residual", rc);
    if ((rc = isms__jr_get_enum(r, o, "expected_status", 0, isms__doc_status, N(isms__doc_status),
                                &expected)) < 0)
        return rc;
    if (rc == ISMS_OK) {
        isms__jr_push_key(r, "expected_status");
        if (expected != ISMS_STATUS_YES && expected != ISMS_STATUS_PARTIAL)
            return isms__jr_fail(r, ISMS_EPARSE, false, "\"%s\" is no expected status: it is "
                                 "\"yes\" or \"partial\" (left out, \"yes\" is assumed)",
                                 isms__doc_status[expected]);
        if ((rc = isms_action_set_expected_status(a, (isms_status)expected)) < 0)
            return isms__jr_relay(r, rc);
        isms__jr_pop(r);
    }
    return ISMS_OK;
}

/* A prerequisite that names no action, for finding it given twice in one list: the action
 * (its index + 1) that listed it last, and where in that list. */
typedef struct dangling {
    size_t owner;
    size_t at;
    char id[]; /* trimmed */
} dangling;

static const char *dangling_key(const void *item)
{
    return ((const dangling *)item)->id;
}

/* What load_prerequisites() needs, freed in one place. */
typedef struct prereq_state {
    isms_plan *plan;
    size_t action;        /* the action whose list is read */
    size_t *owner;        /* per action: the action (index + 1) that listed it last */
    size_t *at;           /* per action: where in that action's list */
    const char **ids;     /* the current action's list, trimmed */
    size_t *lens;
    size_t cap;
    dangling **dangling;  /* every distinct prerequisite that names no action */
    size_t n_dangling, cap_dangling;
    isms__index dangling_ix;
} prereq_state;

static void prereq_state_free(prereq_state *st)
{
    isms__free(st->owner);
    isms__free(st->at);
    isms__free(st->ids);
    isms__free(st->lens);
    for (size_t i = 0; i < st->n_dangling; i++)
        isms__free(st->dangling[i]);
    isms__free(st->dangling);
    isms__index_free(&st->dangling_ix);
}

/* The record of the prerequisite [id, id + len) that names no action, made when it is new;
 * NULL when out of memory. */
static dangling *dangling_of(prereq_state *st, const char *id, size_t len)
{
    dangling *d = isms__index_find_n(&st->dangling_ix, id, len);
    if (d)
        return d;
    d = isms__malloc(sizeof *d + len + 1);
    if (!d || !isms__grow((void **)&st->dangling, &st->cap_dangling, st->n_dangling + 1,
                          sizeof *st->dangling) ||
        !isms__index_reserve(&st->dangling_ix, st->n_dangling + 1)) {
        isms__free(d);
        return NULL;
    }
    memcpy(d->id, id, len);
    d->id[len] = '\0';
    d->owner = 0;
    d->at = 0;
    st->dangling[st->n_dangling++] = d;
    isms__index_insert(&st->dangling_ix, d);
    return d;
}

/* A prerequisite of the action st->action, at the current path: checked and noted in st->ids
 * and st->lens. */
static int load_prereq(isms__jr *r, json_t *list, size_t k, void *ctx)
{
    prereq_state *st = ctx;
    size_t i = st->action;
    const char *pid = NULL;
    int rc = as_action_id(r, json_array_get(list, k), &pid);
    if (rc < 0)
        return rc;
    /* The id as the plan keeps it: trimmed. */
    size_t start = 0, len = strlen(pid);
    isms__trim_span(pid, len, &start, &len);
    if (len == 0)
        return isms__jr_fail(r, ISMS_EPARSE, false, "\"%.*s\" names no action: a prerequisite "
                             "needs an id that is not blank", Q(pid));
    const isms_action *q = isms__index_find_n(&st->plan->index, pid + start, len);
    size_t *owner, *at;
    const char *name;
    if (q) {
        if (q->idx == i) /* the plan refuses it too (isms_action_add_prerequisite()) */
            return isms__jr_fail(r, ISMS_ECYCLE, false, "action \"%.*s\" cannot be its own "
                                 "prerequisite", Q(isms_action_id(q)));
        owner = &st->owner[q->idx];
        at = &st->at[q->idx];
        name = isms_action_id(q);
    } else { /* names no action: kept, as the plan keeps it */
        dangling *d = dangling_of(st, pid + start, len);
        if (!d)
            return isms__error_nomem();
        owner = &d->owner;
        at = &d->at;
        name = d->id;
    }
    if (*owner == i + 1)
        return isms__jr_fail(r, ISMS_EEXIST, false, "\"%.*s\" is listed twice (also at [%zu])",
                             Q(name), *at);
    *owner = i + 1;
    *at = k;
    st->ids[k] = pid + start;
    st->lens[k] = len;
    return ISMS_OK;
}

/* Reads the prerequisites of action `i` into st->ids and st->lens and adds them to the action
 * at once: O(length), where adding them one by one would walk the action's list for each. */
static int load_prereq_list(isms__jr *r, json_t *arr, size_t i, void *ctx)
{
    prereq_state *st = ctx;
    json_t *list;
    int rc = isms__jr_enter_array(r, json_array_get(arr, i), "prerequisites", 0, &list);
    if (rc != ISMS_OK)
        return rc;
    size_t n = json_array_size(list);
    if (n > st->cap) {
        const char **ids = isms__realloc(st->ids, n * sizeof *ids);
        if (!ids)
            return isms__error_nomem();
        st->ids = ids;
        size_t *lens = isms__realloc(st->lens, n * sizeof *lens);
        if (!lens)
            return isms__error_nomem();
        st->lens = lens;
        st->cap = n;
    }
    st->action = i;
    if ((rc = isms__jr_each(r, list, load_prereq, st)) < 0)
        return rc;
    rc = isms__action_add_prerequisites(isms_plan_at(st->plan, i), st->ids, st->lens, n);
    return isms__jr_leave(r, rc < 0 ? isms__jr_relay(r, rc) : ISMS_OK);
}

/*
 * Adds the prerequisites of every action (the array `arr` of $.actions), once all actions are
 * there: a prerequisite may name a later action. Whatever the plan can hold is kept, so that
 * every plan saved loads again: a prerequisite that names no action (its lint reports
 * plan-missing-prerequisite) and prerequisites that form a cycle, among open actions too
 * (its lint reports plan-cycle; isms_plan_prioritise() and the report refuse to order such a
 * plan and name the cycle). A prerequisite listed twice, or the action itself, is an error.
 */
static int load_prerequisites(isms__jr *r, json_t *arr, isms_plan *plan)
{
    size_t n = json_array_size(arr);
    if (n == 0)
        return ISMS_OK;
    prereq_state st;
    memset(&st, 0, sizeof st);
    st.plan = plan;
    isms__index_init(&st.dangling_ix, dangling_key);
    int rc;
    st.owner = isms__calloc(n, sizeof *st.owner);
    st.at = isms__calloc(n, sizeof *st.at);
    if (!st.owner || !st.at) {
        rc = isms__error_nomem();
    } else {
        isms__jr_push_key(r, "actions");
        rc = isms__jr_leave(r, isms__jr_each(r, arr, load_prereq_list, &st));
    }
    prereq_state_free(&st);
    return rc;
}

static int load_actions(isms__jr *r, isms_document *doc, json_t *root)
{
    isms_plan *plan = isms_document_plan(doc);
    int rc = isms__jr_list(r, root, "actions", 0, load_action, plan);
    if (rc != ISMS_OK)
        return rc;
    return load_prerequisites(r, json_object_get(root, "actions"), plan);
}

/* ---- settings ----------------------------------------------------------------------------- */

typedef struct settings_arrays {
    double *capacities;
    const char **owners;
    double *owner_capacity;
} settings_arrays;

static int load_capacity(isms__jr *r, json_t *arr, size_t k, void *capacities)
{
    return isms__jr_as_number(r, json_array_get(arr, k), 0, false, INFINITY,
                              &((double *)capacities)[k]);
}

/* The schedule's settings: the object `v`, whose keys are checked. */
static int load_schedule(isms__jr *r, json_t *v, isms_settings *s, settings_arrays *arrays)
{
    int rc, unit;
    if ((rc = isms__jr_get_enum(r, v, "unit", 0, isms__doc_unit, N(isms__doc_unit), &unit)) < 0)
        return rc;
    if (rc == ISMS_OK)
        s->unit = (isms_period_kind)unit;
    long long start, periods;
    if ((rc = isms__jr_get_int(r, v, "start", 0, 1900, 9999, &start)) < 0)
        return rc;
    if (rc == ISMS_OK)
        s->start_year = (int)start;
    if ((rc = isms__jr_get_int(r, v, "periods", 0, 1, 1200, &periods)) < 0)
        return rc;
    if (rc == ISMS_OK)
        s->periods = (size_t)periods;
    if ((rc = isms__jr_get_bool(r, v, "strict", &s->strict)) < 0)
        return rc;
    json_t *cap = json_object_get(v, "capacity");
    if (cap) {
        isms__jr_push_key(r, "capacity");
        if (json_is_array(cap)) {
            size_t n = json_array_size(cap);
            if (n != s->periods)
                return isms__jr_fail(r, ISMS_ERANGE, false, "%zu capacities for %zu periods: "
                                     "give one per period", n, s->periods);
            arrays->capacities = isms__malloc(n * sizeof(double));
            if (!arrays->capacities)
                return isms__error_nomem();
            if ((rc = isms__jr_each(r, cap, load_capacity, arrays->capacities)) < 0)
                return rc;
            s->capacities = arrays->capacities;
        } else if (json_is_number(cap)) {
            if ((rc = isms__jr_as_number(r, cap, 0, false, INFINITY, &s->capacity)) < 0)
                return rc;
        } else {
            return isms__jr_wrong_type(r, cap, "a number or an array of numbers");
        }
        isms__jr_pop(r);
    }
    json_t *owners;
    if ((rc = isms__jr_get_object(r, v, "owners", 0, &owners)) < 0)
        return rc;
    if (rc == ISMS_OK && json_object_size(owners) > 0) {
        size_t n = json_object_size(owners);
        arrays->owners = isms__malloc(n * sizeof *arrays->owners);
        arrays->owner_capacity = isms__malloc(n * sizeof(double));
        if (!arrays->owners || !arrays->owner_capacity)
            return isms__error_nomem();
        isms__jr_push_key(r, "owners");
        size_t k = 0;
        const char *key = NULL;
        json_t *c;
        json_object_foreach(owners, key, c) {
            isms__jr_push_key(r, key);
            if ((rc = isms__jr_as_number(r, c, 0, false, INFINITY, &arrays->owner_capacity[k])) < 0)
                return rc;
            arrays->owners[k++] = key;
            isms__jr_pop(r);
        }
        isms__jr_pop(r);
        s->owners = arrays->owners;
        s->owner_capacity = arrays->owner_capacity;
        s->owner_count = n;
    }
    return ISMS_OK;
}

static int load_settings_into(isms__jr *r, isms_document *doc, json_t *v, isms_settings *s,
                              settings_arrays *arrays)
{
    int rc;
    json_t *o;
    if ((rc = isms__jr_enter_object(r, v, "priority", 0, priority_keys, N(priority_keys), &o)) < 0)
        return rc;
    if (rc == ISMS_OK) {
        double *w[] = { &s->priority.base, &s->priority.risk, &s->priority.reduction,
                        &s->priority.requirement, &s->priority.asset, &s->priority.urgency,
                        &s->priority.overdue, &s->priority.horizon_days,
                        &s->priority.effort_unit, &s->priority.effort };
        for (size_t k = 0; k < N(priority_keys); k++) {
            bool open = strcmp(priority_keys[k], "horizon_days") == 0 ||
                        strcmp(priority_keys[k], "effort_unit") == 0;
            if ((rc = isms__jr_get_number(r, o, priority_keys[k], 0, 0, open, INFINITY, w[k])) < 0)
                return rc;
        }
        isms__jr_pop(r);
    }
    if ((rc = isms__jr_enter_object(r, v, "compliance", 0, compliance_keys, N(compliance_keys),
                                    &o)) < 0)
        return rc;
    if (rc == ISMS_OK) {
        if ((rc = isms__jr_get_number(r, o, "yes", 0, 0, false, 1, &s->compliance.yes)) < 0 ||
            (rc = isms__jr_get_number(r, o, "partial", 0, 0, false, 1,
                                      &s->compliance.partial)) < 0 ||
            (rc = isms__jr_get_number(r, o, "no", 0, 0, false, 1, &s->compliance.no)) < 0)
            return rc;
        isms__jr_pop(r);
    }
    if ((rc = isms__jr_enter_object(r, v, "schedule", 0, schedule_keys, N(schedule_keys), &o)) < 0)
        return rc;
    if (rc == ISMS_OK) {
        if ((rc = load_schedule(r, o, s, arrays)) < 0)
            return rc;
        isms__jr_pop(r);
    }
    if ((rc = isms__jr_enter_object(r, v, "simulation", 0, simulation_keys, N(simulation_keys),
                                    &o)) < 0)
        return rc;
    if (rc == ISMS_OK) {
        long long iterations, seed;
        if ((rc = isms__jr_get_int(r, o, "iterations", 0, 1, 100000000, &iterations)) < 0)
            return rc;
        if (rc == ISMS_OK)
            s->iterations = (size_t)iterations;
        if ((rc = isms__jr_get_int(r, o, "seed", 0, 0, LLONG_MAX, &seed)) < 0)
            return rc;
        if (rc == ISMS_OK)
            s->seed = (uint64_t)seed;
        isms__jr_pop(r);
    }
    if ((rc = isms_document_set_settings(doc, s)) < 0)
        return isms__jr_relay(r, rc);
    return ISMS_OK;
}

static int load_settings(isms__jr *r, isms_document *doc, json_t *root)
{
    json_t *v;
    int rc = isms__jr_enter_object(r, root, "settings", 0, settings_keys, N(settings_keys), &v);
    if (rc != ISMS_OK)
        return rc;
    isms_settings s = isms_settings_default();
    settings_arrays arrays = { NULL, NULL, NULL };
    rc = load_settings_into(r, doc, v, &s, &arrays);
    isms__free(arrays.capacities);
    isms__free(arrays.owners);
    isms__free(arrays.owner_capacity);
    if (rc < 0)
        return rc;
    isms__jr_pop(r);
    return ISMS_OK;
}

/* ---- the document ------------------------------------------------------------------------- */

static int load_format(isms__jr *r, json_t *root)
{
    if (!json_object_get(root, "format"))
        return isms__jr_fail(r, ISMS_EPARSE, false, "missing key \"format\": a libisms document "
                             "says \"format\": \"%s\"", ISMS_DOCUMENT_FORMAT);
    const char *format = NULL;
    int rc = isms__jr_get_string(r, root, "format", REQ, &format);
    if (rc < 0)
        return rc;
    if (strcmp(format, ISMS_DOCUMENT_FORMAT) == 0)
        return ISMS_OK;
    isms__jr_push_key(r, "format");
    if (strncmp(format, "libisms/", 8) == 0)
        return isms__jr_fail(r, ISMS_EUNSUPPORTED, false, "the format \"%.*s\" is not "
                             "supported; this version of libisms reads \"%s\"", Q(format),
                             ISMS_DOCUMENT_FORMAT);
    return isms__jr_fail(r, ISMS_EPARSE, false, "\"%.*s\" is not a libisms format; this version of "
                         "libisms reads \"%s\"", Q(format), ISMS_DOCUMENT_FORMAT);
}

/* The keys of the document's text fields, by isms_document_field. */
static const char *const doc_text_keys[] = { "organisation", "unit", "title", "author", "scope",
                                             "decision" };

static int set_doc_text(void *doc, int field, const char *text)
{
    return isms_document_set(doc, (isms_document_field)field, text);
}

/* A context item: {"title": …, "text": …}. */
static int load_context(isms__jr *r, json_t *arr, size_t i, void *doc)
{
    json_t *item = json_array_get(arr, i);
    const char *title = NULL, *text = NULL;
    int rc;
    if ((rc = isms__jr_as_object(r, item)) < 0 ||
        (rc = isms__jr_check_keys(r, item, context_keys, N(context_keys))) < 0 ||
        (rc = isms__jr_get_string(r, item, "title", REQ | NONEMPTY, &title)) < 0 ||
        (rc = isms__jr_get_string(r, item, "text", 0, &text)) < 0)
        return rc;
    rc = isms_document_add_context(doc, title, text);
    return rc < 0 ? isms__jr_relay(r, rc) : ISMS_OK;
}

static int load_texts(isms__jr *r, isms_document *doc, json_t *root)
{
    int rc;
    json_t *v;
    if ((rc = isms__jr_member(r, root, "organisation", REQ, &v)) < 0 ||
        (rc = load_text_fields(r, root, doc_text_keys, 0, N(doc_text_keys), set_doc_text, doc)) < 0)
        return rc;
    isms_date date;
    if ((rc = isms__jr_get_date(r, root, "date", &date)) < 0)
        return rc;
    if (rc == ISMS_OK && (rc = isms_document_set_date(doc, date)) < 0)
        return isms__jr_relay_at(r, "date", rc);
    int lang;
    if ((rc = isms__jr_get_enum(r, root, "language", 0, lang_names, N(lang_names), &lang)) < 0)
        return rc;
    if (rc == ISMS_OK && (rc = isms_document_set_lang(doc, (isms_lang)lang)) < 0)
        return isms__jr_relay_at(r, "language", rc);
    rc = isms__jr_list(r, root, "context", 0, load_context, doc);
    return rc < 0 ? rc : ISMS_OK;
}

/* The register: on the document's matrix ("4x4" unless the document gives one). */
static int load_register(isms__jr *r, isms_document *doc, json_t *root)
{
    json_t *mv = json_object_get(root, "matrix");
    if (mv) {
        isms_matrix *m = NULL;
        isms__jr_push_key(r, "matrix");
        int rc = load_matrix(r, mv, &m);
        if (rc < 0)
            return rc;
        isms_register *reg = NULL;
        rc = isms_register_new(&reg, m);
        isms_matrix_free(m);
        if (rc < 0)
            return isms__jr_relay(r, rc);
        if ((rc = isms_document_set_register(doc, reg)) < 0) {
            isms_register_free(reg);
            return isms__jr_relay(r, rc);
        }
        isms__jr_pop(r);
    }
    return isms__jr_list(r, root, "risks", 0, load_risk, doc);
}

static int load_document(isms__jr *r, json_t *root, isms_document **out)
{
    int rc;
    if (!json_is_object(root))
        return isms__jr_wrong_type(r, root, "an object");
    if ((rc = load_format(r, root)) < 0 ||
        (rc = isms__jr_check_keys(r, root, root_keys, N(root_keys))) < 0)
        return rc;
    long long year;
    if ((rc = isms__jr_get_int(r, root, "year", REQ, 1900, 9999, &year)) < 0)
        return rc;
    if ((rc = isms_document_new(out, (int)year)) < 0)
        return isms__jr_relay(r, rc);
    isms_document *doc = *out;
    if ((rc = load_texts(r, doc, root)) < 0 || (rc = load_register(r, doc, root)) < 0 ||
        (rc = load_classification(r, doc, root)) < 0 ||
        (rc = isms__jr_list(r, root, "assets", 0, load_asset, isms_document_inventory(doc))) < 0 ||
        (rc = isms__jr_list(r, root, "relations", 0, load_relation,
                            isms_document_inventory(doc))) < 0)
        return rc;
    /* The imported catalogs before the assessments that name them. */
    doc_catalogs cs;
    memset(&cs, 0, sizeof cs);
    if ((rc = isms__jr_list(r, root, "catalogs", 0, load_catalog, &cs)) == ISMS_OK)
        rc = hold_catalogs(r, doc, json_object_get(root, "catalogs"), &cs);
    doc_catalogs_free(&cs); /* the document holds its own references */
    assessment_ctx ax = { doc };
    if (rc >= 0)
        rc = isms__jr_list(r, root, "assessments", 0, load_assessment, &ax);
    if (rc < 0 || (rc = load_actions(r, doc, root)) < 0 || (rc = load_settings(r, doc, root)) < 0)
        return rc;
    return ISMS_OK;
}

int isms_document_parse(isms_document **out, const char *data, size_t len, const char *source,
                        const isms_load_options *options)
{
    if (!out)
        return isms__error(ISMS_EINVAL, "isms_document_parse: out is NULL");
    if (!data && len > 0)
        return isms__error(ISMS_EINVAL, "isms_document_parse: data is NULL");
    size_t max_bytes = options && options->max_bytes ? options->max_bytes
                                                     : ISMS_DOCUMENT_MAX_BYTES;
    unsigned max_depth = options && options->max_depth ? options->max_depth
                                                       : ISMS_DOCUMENT_MAX_DEPTH;
    isms__jr r;
    json_t *root;
    int rc = isms__jr_open(&r, &root, data, len, source, max_bytes, max_depth, "the document");
    if (rc < 0)
        return rc;
    isms_document *doc = NULL;
    rc = load_document(&r, root, &doc);
    json_decref(root);
    if (rc < 0) {
        isms_document_free(doc);
        return rc;
    }
    *out = doc;
    return ISMS_OK;
}

int isms_document_load(isms_document **out, const char *path, const isms_load_options *options)
{
    if (!out || !path)
        return isms__error(ISMS_EINVAL, "isms_document_load: NULL argument");
    size_t max_bytes = options && options->max_bytes ? options->max_bytes
                                                     : ISMS_DOCUMENT_MAX_BYTES;
    bool std_in = strcmp(path, "-") == 0;
    char *data = NULL;
    size_t len = 0;
    int rc = std_in ? isms__stdin_read(&data, &len, max_bytes)
                    : isms__file_read(&data, &len, path, max_bytes);
    if (rc == ISMS_ERANGE)
        return isms__error_at(rc, std_in ? "<stdin>" : path, 0, 0, "$: the document is larger "
                              "than the limit of %zu bytes", max_bytes);
    if (rc < 0)
        return rc;
    rc = isms_document_parse(out, data, len, std_in ? "<stdin>" : path, options);
    isms__free(data);
    return rc;
}
