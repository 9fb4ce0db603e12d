/* Risk matrices: builder, validation, presets, scoring.
 *
 * A matrix is immutable once built. Building precomputes everything scoring needs:
 *
 * - per axis, a table from level value (0..ISMS_LEVEL_VALUE_MAX, plus one slot for every
 *   value off that range) to the level's row offset (likelihood) or column (consequence);
 *   values that are not levels map to an extra "invalid" row or column;
 * - a grid of (levels + 1) × (levels + 1) cells holding each cell's value and band index,
 *   whose last row and column hold ISMS_VALUE_UNSET and band -1.
 *
 * So scoring any pair is two table look-ups and one grid look-up without a branch, and an
 * invalid pair lands in the invalid row or column by itself. For the product formula on
 * scales of consecutive values (every preset) there is a faster path still: the product is
 * computed directly in a loop the compiler vectorises, range checks are OR-ed into a flag,
 * and a block with a bad element is redone through the look-up tables.
 */
#include <limits.h>
#include <math.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"

enum {
    AXES = 2,
    /* Level values 0..ISMS_LEVEL_VALUE_MAX index the tables directly; every other value
     * is clamped to the last slot, which is never a level. */
    TABLE_SIZE = ISMS_LEVEL_VALUE_MAX + 2,
    /* score_many works on blocks of this many elements (a multiple of any vector width). */
    BLOCK = 2048
};

typedef isms__level level_def;

typedef struct band_def {
    char *name;
    int min_value;
    int max_value;
    char *color;
    char *label_sv;
    char *label_en;
} band_def;

struct isms_matrix_builder {
    char *name;
    level_def levels[AXES][ISMS_SCALE_MAX_LEVELS];
    size_t n_levels[AXES];
    isms_formula formula;
    int *grid; /* row-major, grid_rows × grid_cols, or NULL */
    size_t grid_rows;
    size_t grid_cols;
    band_def *bands; /* in the order added */
    size_t n_bands;
    size_t cap_bands;
    bool has_acceptance;
    int acceptance;
};

struct isms_matrix {
    atomic_size_t refs;
    char *strings; /* one block holding every string of the matrix */
    const char *name;
    isms_formula formula;
    level_def levels[AXES][ISMS_SCALE_MAX_LEVELS]; /* strings point into `strings` */
    size_t n_levels[AXES];
    band_def *bands; /* sorted by value; strings point into `strings` */
    size_t n_bands;
    int min_value;
    int max_value;
    int acceptance;
    /* look-up: cell index = row[likelihood slot] + col[consequence slot] */
    int32_t row[TABLE_SIZE];
    int32_t col[TABLE_SIZE];
    int *cell_value; /* (n_l + 1) × (n_c + 1) */
    int *cell_band;
    /* product fast path (product formula, consecutive level values on both axes) */
    bool fast;
    int lo[AXES];
    unsigned span[AXES];  /* highest level value − lowest */
    int *value_band;      /* band of each value min_value..max_value */
};

static const char *const axis_names[AXES] = { "likelihood", "consequence" };

/* ---- small helpers ------------------------------------------------------------------- */

static bool valid_axis(isms_axis axis)
{
    return axis == ISMS_AXIS_LIKELIHOOD || axis == ISMS_AXIS_CONSEQUENCE;
}

static size_t slot_of(int value)
{
    unsigned u = (unsigned)value;
    return u < TABLE_SIZE - 1 ? u : TABLE_SIZE - 1;
}

static int level_index(const isms_matrix *m, isms_axis axis, int value)
{
    for (size_t i = 0; i < m->n_levels[axis]; i++)
        if (m->levels[axis][i].value == value)
            return (int)i;
    return -1;
}

/* "1–4" for consecutive values, "1, 2, 4, 8" otherwise. */
static void describe_scale(char *buf, size_t size, const level_def *levels, size_t n)
{
    isms__levels_describe(buf, size, levels, n, "(empty)");
}

/* Writes why `value` is not a level of the axis ("likelihood 5 is outside the scale 1–4"). */
static void describe_bad_level(char *buf, size_t size, const isms_matrix *m, isms_axis axis,
                               int value)
{
    char scale[64];
    const level_def *lv = m->levels[axis];
    size_t n = m->n_levels[axis];
    describe_scale(scale, sizeof scale, lv, n);
    if (value == ISMS_LEVEL_UNSET)
        snprintf(buf, size, "%s is not set (the scale is %s)", axis_names[axis], scale);
    else if (n > 0 && value > lv[0].value && value < lv[n - 1].value)
        snprintf(buf, size, "%s %d is not a level of the scale %s", axis_names[axis], value,
                 scale);
    else
        snprintf(buf, size, "%s %d is outside the scale %s", axis_names[axis], value, scale);
}

static int formula_value(isms_formula f, int l, int c)
{
    switch (f) {
    case ISMS_FORMULA_SUM: return l + c;
    case ISMS_FORMULA_MAX: return l > c ? l : c;
    default: return l * c;
    }
}

/* "3" or "3–5" */
static void describe_range(char *buf, size_t size, long long lo, long long hi)
{
    if (lo == hi)
        snprintf(buf, size, "%lld", lo);
    else
        snprintf(buf, size, "%lld–%lld", lo, hi);
}

/* ---- builder ------------------------------------------------------------------------- */

static void free_band(band_def *b)
{
    isms__free(b->name);
    isms__free(b->color);
    isms__free(b->label_sv);
    isms__free(b->label_en);
}

int isms_matrix_builder_new(isms_matrix_builder **out, const char *name)
{
    if (!out)
        return isms__error(ISMS_EINVAL, "isms_matrix_builder_new: out is NULL");
    if (!name || !*name)
        return isms__error(ISMS_EINVAL, "a matrix needs a non-empty name");
    if (isms__text_check("name", name))
        return ISMS_EINVAL;
    isms_matrix_builder *b = isms__calloc(1, sizeof *b);
    if (!b)
        return isms__error_nomem();
    b->name = isms__strdup(name);
    if (!b->name) {
        isms__free(b);
        return isms__error_nomem();
    }
    b->formula = ISMS_FORMULA_PRODUCT;
    *out = b;
    return ISMS_OK;
}

void isms_matrix_builder_free(isms_matrix_builder *b)
{
    if (!b)
        return;
    for (int a = 0; a < AXES; a++)
        for (size_t i = 0; i < b->n_levels[a]; i++)
            isms__level_free(&b->levels[a][i]);
    for (size_t i = 0; i < b->n_bands; i++)
        free_band(&b->bands[i]);
    isms__free(b->bands);
    isms__free(b->grid);
    isms__free(b->name);
    isms__free(b);
}

int isms_matrix_builder_add_level(isms_matrix_builder *b, isms_axis axis, int value,
                                  const char *label_sv, const char *label_en,
                                  const char *description)
{
    if (!b)
        return isms__error(ISMS_EINVAL, "isms_matrix_builder_add_level: builder is NULL");
    if (!valid_axis(axis))
        return isms__error(ISMS_EINVAL, "unknown axis %d", (int)axis);
    const char *an = axis_names[axis];
    if (!label_sv || !*label_sv || !label_en || !*label_en)
        return isms__error(ISMS_EINVAL, "%s level %d needs a Swedish and an English label",
                           an, value);
    if (isms__text_check("label_sv", label_sv) || isms__text_check("label_en", label_en) ||
        isms__text_check("description", description))
        return ISMS_EINVAL;
    size_t n = b->n_levels[axis];
    if (n >= ISMS_SCALE_MAX_LEVELS)
        return isms__error(ISMS_ERANGE, "the %s scale already has %d levels, the most allowed",
                           an, ISMS_SCALE_MAX_LEVELS);
    if (value < ISMS_LEVEL_VALUE_MIN || value > ISMS_LEVEL_VALUE_MAX)
        return isms__error(ISMS_ERANGE, "%s level value %d is outside the range %d–%d", an,
                           value, ISMS_LEVEL_VALUE_MIN, ISMS_LEVEL_VALUE_MAX);
    if (n > 0 && value <= b->levels[axis][n - 1].value)
        return isms__error(ISMS_EINVAL,
                           "%s level %d must be greater than the previous level %d "
                           "(levels are added lowest first)",
                           an, value, b->levels[axis][n - 1].value);
    int used;
    const char *clash = isms__level_clash(b->levels[axis], n, label_sv, label_en, &used);
    if (clash)
        return isms__error(ISMS_EINVAL,
                           "%s level %d: label \"%.64s\" is already used by level %d", an, value,
                           clash, used);
    if (!isms__level_init(&b->levels[axis][n], value, label_sv, label_en, description))
        return isms__error_nomem();
    b->n_levels[axis] = n + 1;
    return ISMS_OK;
}

int isms_matrix_builder_set_formula(isms_matrix_builder *b, isms_formula formula)
{
    if (!b)
        return isms__error(ISMS_EINVAL, "isms_matrix_builder_set_formula: builder is NULL");
    if (formula == ISMS_FORMULA_GRID)
        return isms__error(ISMS_EINVAL,
                           "the grid formula is chosen by isms_matrix_builder_set_grid()");
    if (formula != ISMS_FORMULA_PRODUCT && formula != ISMS_FORMULA_SUM &&
        formula != ISMS_FORMULA_MAX)
        return isms__error(ISMS_EINVAL, "unknown formula %d", (int)formula);
    b->formula = formula;
    return ISMS_OK;
}

int isms_matrix_builder_set_grid(isms_matrix_builder *b, const int *values, size_t n_likelihood,
                                 size_t n_consequence)
{
    if (!b || !values)
        return isms__error(ISMS_EINVAL, "isms_matrix_builder_set_grid: NULL argument");
    if (n_likelihood == 0 || n_consequence == 0)
        return isms__error(ISMS_EINVAL, "a grid needs at least one row and one column");
    if (n_likelihood > ISMS_SCALE_MAX_LEVELS || n_consequence > ISMS_SCALE_MAX_LEVELS)
        return isms__error(ISMS_ERANGE, "grid of %zu×%zu cells: a scale has at most %d levels",
                           n_likelihood, n_consequence, ISMS_SCALE_MAX_LEVELS);
    size_t n = n_likelihood * n_consequence;
    for (size_t i = 0; i < n; i++)
        if (values[i] > ISMS_GRID_VALUE_MAX || values[i] < -ISMS_GRID_VALUE_MAX)
            return isms__error(ISMS_ERANGE,
                               "grid value %d (likelihood row %zu, consequence column %zu) "
                               "is beyond ±%d",
                               values[i], i / n_consequence + 1, i % n_consequence + 1,
                               ISMS_GRID_VALUE_MAX);
    int *grid = isms__malloc(n * sizeof *grid);
    if (!grid)
        return isms__error_nomem();
    memcpy(grid, values, n * sizeof *grid);
    isms__free(b->grid);
    b->grid = grid;
    b->grid_rows = n_likelihood;
    b->grid_cols = n_consequence;
    b->formula = ISMS_FORMULA_GRID;
    return ISMS_OK;
}

static bool valid_color(const char *c)
{
    if (!c || c[0] != '#')
        return false;
    for (int i = 1; i <= 6; i++) {
        char ch = c[i];
        if (!((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F')))
            return false;
    }
    return c[7] == '\0';
}

int isms_matrix_builder_add_band(isms_matrix_builder *b, const char *name, int min_value,
                                 int max_value, const char *color, const char *label_sv,
                                 const char *label_en)
{
    if (!b)
        return isms__error(ISMS_EINVAL, "isms_matrix_builder_add_band: builder is NULL");
    if (!name || !*name)
        return isms__error(ISMS_EINVAL, "a band needs a non-empty name");
    if (isms__text_check("name", name) || isms__text_check("color", color) ||
        isms__text_check("label_sv", label_sv) || isms__text_check("label_en", label_en))
        return ISMS_EINVAL;
    for (size_t i = 0; i < b->n_bands; i++)
        if (isms_text_matches(b->bands[i].name, name))
            return isms__error(ISMS_EINVAL, "band \"%.64s\" is already defined", name);
    if (min_value > max_value)
        return isms__error(ISMS_EINVAL, "band \"%.64s\": lowest value %d is above highest %d",
                           name, min_value, max_value);
    if (!valid_color(color))
        return isms__error(ISMS_EINVAL,
                           "band \"%.64s\": colour \"%.32s\" is not of the form #rrggbb", name,
                           color ? color : "(null)");
    if (!label_sv || !*label_sv || !label_en || !*label_en)
        return isms__error(ISMS_EINVAL, "band \"%.64s\" needs a Swedish and an English label",
                           name);
    if (!isms__grow((void **)&b->bands, &b->cap_bands, b->n_bands + 1, sizeof *b->bands))
        return isms__error_nomem();
    band_def d = { isms__strdup(name), min_value, max_value, isms__strdup(color),
                   isms__strdup(label_sv), isms__strdup(label_en) };
    if (!d.name || !d.color || !d.label_sv || !d.label_en) {
        free_band(&d);
        return isms__error_nomem();
    }
    b->bands[b->n_bands++] = d;
    return ISMS_OK;
}

int isms_matrix_builder_set_acceptance(isms_matrix_builder *b, int threshold)
{
    if (!b)
        return isms__error(ISMS_EINVAL, "isms_matrix_builder_set_acceptance: builder is NULL");
    b->acceptance = threshold;
    b->has_acceptance = true;
    return ISMS_OK;
}

/* ---- build --------------------------------------------------------------------------- */

static void matrix_destroy(isms_matrix *m)
{
    if (!m)
        return;
    isms__free(m->strings);
    isms__free(m->bands);
    isms__free(m->cell_value);
    isms__free(m->cell_band);
    isms__free(m->value_band);
    isms__free(m);
}

/* The value of cell (li, ci) as the builder defines it. */
static int builder_cell(const isms_matrix_builder *b, size_t li, size_t ci)
{
    if (b->formula == ISMS_FORMULA_GRID)
        return b->grid[li * b->grid_cols + ci];
    return formula_value(b->formula, b->levels[ISMS_AXIS_LIKELIHOOD][li].value,
                         b->levels[ISMS_AXIS_CONSEQUENCE][ci].value);
}

/* Copies s into the pool at *pos and returns where it went. */
static char *pool_put(char *pool, size_t *pos, const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = pool + *pos;
    memcpy(p, s, n);
    *pos += n;
    return p;
}

/* Checks everything that does not need memory; fills min/max of the cell values. */
static int validate(const isms_matrix_builder *b, int *min_out, int *max_out)
{
    for (int a = 0; a < AXES; a++)
        if (b->n_levels[a] < ISMS_SCALE_MIN_LEVELS)
            return isms__error(ISMS_EINVAL,
                               "matrix \"%.64s\": the %s scale has %zu levels; a scale needs "
                               "%d to %d",
                               b->name, axis_names[a], b->n_levels[a], ISMS_SCALE_MIN_LEVELS,
                               ISMS_SCALE_MAX_LEVELS);
    size_t nl = b->n_levels[ISMS_AXIS_LIKELIHOOD], nc = b->n_levels[ISMS_AXIS_CONSEQUENCE];
    if (b->formula == ISMS_FORMULA_GRID && (b->grid_rows != nl || b->grid_cols != nc))
        return isms__error(ISMS_EINVAL,
                           "matrix \"%.64s\": grid has %zu×%zu cells but the scales have %zu "
                           "likelihood and %zu consequence levels",
                           b->name, b->grid_rows, b->grid_cols, nl, nc);
    if (b->n_bands == 0)
        return isms__error(ISMS_EINVAL, "matrix \"%.64s\" has no bands", b->name);
    int lo = INT_MAX, hi = INT_MIN;
    for (size_t li = 0; li < nl; li++)
        for (size_t ci = 0; ci < nc; ci++) {
            int v = builder_cell(b, li, ci);
            lo = v < lo ? v : lo;
            hi = v > hi ? v : hi;
        }
    *min_out = lo;
    *max_out = hi;
    return ISMS_OK;
}

/* Checks the bands, sorted by value, against each other and the cell values. */
static int validate_bands(const char *name, const band_def *bands, size_t n, int lo, int hi)
{
    char r1[48], r2[48], r3[48];
    for (size_t i = 0; i < n; i++) {
        const band_def *x = &bands[i];
        if (x->max_value < lo || x->min_value > hi) {
            describe_range(r1, sizeof r1, x->min_value, x->max_value);
            describe_range(r2, sizeof r2, lo, hi);
            return isms__error(ISMS_EINVAL,
                               "matrix \"%.64s\": band \"%.64s\" (%s) lies outside the "
                               "matrix's values %s",
                               name, x->name, r1, r2);
        }
    }
    for (size_t i = 1; i < n; i++) {
        const band_def *p = &bands[i - 1], *q = &bands[i];
        long long pmax = p->max_value, qmin = q->min_value;
        if (qmin <= pmax) {
            long long end = q->max_value < pmax ? q->max_value : pmax;
            describe_range(r1, sizeof r1, p->min_value, p->max_value);
            describe_range(r2, sizeof r2, q->min_value, q->max_value);
            describe_range(r3, sizeof r3, qmin, end);
            return isms__error(ISMS_EINVAL,
                               "matrix \"%.64s\": bands \"%.64s\" (%s) and \"%.64s\" (%s) "
                               "overlap at %s",
                               name, p->name, r1, q->name, r2, r3);
        }
        if (qmin > pmax + 1) {
            describe_range(r1, sizeof r1, pmax + 1, qmin - 1);
            return isms__error(ISMS_EINVAL,
                               "matrix \"%.64s\": no band covers %s %s (between bands "
                               "\"%.64s\" and \"%.64s\")",
                               name, qmin - 1 > pmax + 1 ? "values" : "value", r1, p->name,
                               q->name);
        }
    }
    if (bands[0].min_value > lo) {
        describe_range(r1, sizeof r1, lo, (long long)bands[0].min_value - 1);
        return isms__error(ISMS_EINVAL, "matrix \"%.64s\": no band covers %s %s", name,
                           bands[0].min_value - 1 > lo ? "values" : "value", r1);
    }
    if (bands[n - 1].max_value < hi) {
        describe_range(r1, sizeof r1, (long long)bands[n - 1].max_value + 1, hi);
        return isms__error(ISMS_EINVAL, "matrix \"%.64s\": no band covers %s %s", name,
                           hi > bands[n - 1].max_value + 1 ? "values" : "value", r1);
    }
    return ISMS_OK;
}

static int band_search(const band_def *bands, size_t n, int value)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (bands[mid].max_value < value)
            lo = mid + 1;
        else if (bands[mid].min_value > value)
            hi = mid;
        else
            return (int)mid;
    }
    return -1;
}

int isms_matrix_builder_build(isms_matrix **out, const isms_matrix_builder *b)
{
    if (!out || !b)
        return isms__error(ISMS_EINVAL, "isms_matrix_builder_build: NULL argument");
    int lo = 0, hi = 0;
    int rc = validate(b, &lo, &hi);
    if (rc)
        return rc;

    size_t nl = b->n_levels[ISMS_AXIS_LIKELIHOOD], nc = b->n_levels[ISMS_AXIS_CONSEQUENCE];
    size_t nb = b->n_bands;
    isms_matrix *m = isms__calloc(1, sizeof *m);
    if (!m)
        return isms__error_nomem();
    atomic_init(&m->refs, 1);

    /* Bands, sorted by value (insertion sort: there are few), then checked. */
    m->bands = isms__malloc(nb * sizeof *m->bands);
    if (!m->bands)
        goto nomem;
    for (size_t i = 0; i < nb; i++) {
        band_def d = b->bands[i];
        size_t j = i;
        while (j > 0 && (m->bands[j - 1].min_value > d.min_value ||
                         (m->bands[j - 1].min_value == d.min_value &&
                          m->bands[j - 1].max_value > d.max_value))) {
            m->bands[j] = m->bands[j - 1];
            j--;
        }
        m->bands[j] = d; /* strings still borrowed from the builder; replaced below */
    }
    m->n_bands = nb;
    rc = validate_bands(b->name, m->bands, nb, lo, hi);
    if (rc) {
        matrix_destroy(m);
        return rc;
    }
    int acceptance = b->has_acceptance ? b->acceptance : m->bands[0].max_value;
    if (b->has_acceptance && (acceptance < lo || acceptance > hi)) {
        matrix_destroy(m);
        return isms__error(ISMS_EINVAL,
                           "matrix \"%.64s\": acceptance threshold %d is outside the matrix's "
                           "values %d–%d",
                           b->name, acceptance, lo, hi);
    }
    if (acceptance > hi)
        acceptance = hi;

    /* All strings in one block. */
    size_t total = strlen(b->name) + 1;
    for (int a = 0; a < AXES; a++)
        for (size_t i = 0; i < b->n_levels[a]; i++) {
            const level_def *l = &b->levels[a][i];
            total += strlen(l->label_sv) + strlen(l->label_en) + strlen(l->description) + 3;
        }
    for (size_t i = 0; i < nb; i++) {
        const band_def *d = &b->bands[i];
        total += strlen(d->name) + strlen(d->color) + strlen(d->label_sv) +
                 strlen(d->label_en) + 4;
    }
    m->strings = isms__malloc(total);
    size_t cells = (nl + 1) * (nc + 1);
    m->cell_value = isms__malloc(cells * sizeof *m->cell_value);
    m->cell_band = isms__malloc(cells * sizeof *m->cell_band);
    if (!m->strings || !m->cell_value || !m->cell_band)
        goto nomem;

    bool fast = b->formula == ISMS_FORMULA_PRODUCT &&
                isms__levels_consecutive(b->levels[ISMS_AXIS_LIKELIHOOD], nl) &&
                isms__levels_consecutive(b->levels[ISMS_AXIS_CONSEQUENCE], nc);
    if (fast) {
        m->value_band = isms__malloc(((size_t)(hi - lo) + 1) * sizeof *m->value_band);
        if (!m->value_band)
            goto nomem;
    }

    /* Nothing below can fail. */
    size_t pos = 0;
    m->name = pool_put(m->strings, &pos, b->name);
    m->formula = b->formula;
    for (int a = 0; a < AXES; a++) {
        m->n_levels[a] = b->n_levels[a];
        for (size_t i = 0; i < b->n_levels[a]; i++) {
            const level_def *s = &b->levels[a][i];
            level_def *d = &m->levels[a][i];
            d->value = s->value;
            d->label_sv = pool_put(m->strings, &pos, s->label_sv);
            d->label_en = pool_put(m->strings, &pos, s->label_en);
            d->description = pool_put(m->strings, &pos, s->description);
        }
    }
    for (size_t i = 0; i < nb; i++) {
        band_def *d = &m->bands[i];
        d->name = pool_put(m->strings, &pos, d->name);
        d->color = pool_put(m->strings, &pos, d->color);
        d->label_sv = pool_put(m->strings, &pos, d->label_sv);
        d->label_en = pool_put(m->strings, &pos, d->label_en);
    }
    m->min_value = lo;
    m->max_value = hi;
    m->acceptance = acceptance;

    size_t stride = nc + 1;
    for (size_t s = 0; s < TABLE_SIZE; s++) {
        m->row[s] = (int32_t)(nl * stride);
        m->col[s] = (int32_t)nc;
    }
    for (size_t li = 0; li < nl; li++)
        m->row[m->levels[ISMS_AXIS_LIKELIHOOD][li].value] = (int32_t)(li * stride);
    for (size_t ci = 0; ci < nc; ci++)
        m->col[m->levels[ISMS_AXIS_CONSEQUENCE][ci].value] = (int32_t)ci;
    for (size_t li = 0; li <= nl; li++)
        for (size_t ci = 0; ci <= nc; ci++) {
            size_t k = li * stride + ci;
            if (li == nl || ci == nc) {
                m->cell_value[k] = ISMS_VALUE_UNSET;
                m->cell_band[k] = -1;
            } else {
                int v = builder_cell(b, li, ci);
                m->cell_value[k] = v;
                m->cell_band[k] = band_search(m->bands, nb, v);
            }
        }
    m->fast = fast;
    if (fast) {
        for (int a = 0; a < AXES; a++) {
            m->lo[a] = m->levels[a][0].value;
            m->span[a] = (unsigned)(m->levels[a][m->n_levels[a] - 1].value - m->lo[a]);
        }
        for (int v = lo; v <= hi; v++)
            m->value_band[v - lo] = band_search(m->bands, nb, v);
    }
    *out = m;
    return ISMS_OK;

nomem:
    matrix_destroy(m);
    return isms__error_nomem();
}

/* ---- presets ------------------------------------------------------------------------- */

typedef struct preset_level {
    const char *sv;
    const char *en;
    const char *description;
} preset_level;

typedef struct preset_band {
    const char *name;
    int min_value;
    int max_value;
    const char *color;
    const char *sv;
    const char *en;
} preset_band;

typedef struct preset {
    const char *name;
    size_t n_levels;
    const preset_level *likelihood;
    const preset_level *consequence;
    size_t n_bands;
    const preset_band *bands;
    int acceptance;
} preset;

static const preset_level l4[] = {
    { "Osannolik", "Unlikely", "Bedöms inte inträffa under de närmaste åren" },
    { "Möjlig", "Possible", "Kan inträffa någon gång under de närmaste åren" },
    { "Sannolik", "Likely", "Inträffar troligen inom ett år" },
    { "Mycket sannolik", "Very likely", "Inträffar flera gånger per år eller pågår redan" },
};
static const preset_level c4[] = {
    { "Begränsad", "Limited", "Liten påverkan som hanteras inom ordinarie verksamhet" },
    { "Måttlig", "Moderate", "Märkbar påverkan på verksamhet, ekonomi eller enskilda" },
    { "Allvarlig", "Serious", "Allvarlig skada för verksamheten, enskilda eller förtroendet" },
    { "Mycket allvarlig", "Very serious",
      "Synnerligen allvarlig skada: liv och hälsa, samhällsviktig verksamhet, stora belopp" },
};
static const preset_band b4[] = {
    { "low", 1, 3, "#2e7d32", "Låg", "Low" },
    { "medium", 4, 7, "#f9a825", "Medel", "Medium" },
    { "high", 8, 11, "#ef6c00", "Hög", "High" },
    { "very-high", 12, 16, "#c62828", "Mycket hög", "Very high" },
};
static const preset_level l5[] = {
    { "Mycket osannolik", "Very unlikely", "Inträffar i stort sett aldrig" },
    { "Osannolik", "Unlikely", "Bedöms inte inträffa under de närmaste åren" },
    { "Möjlig", "Possible", "Kan inträffa någon gång under de närmaste åren" },
    { "Sannolik", "Likely", "Inträffar troligen inom ett år" },
    { "Mycket sannolik", "Very likely", "Inträffar flera gånger per år eller pågår redan" },
};
static const preset_level c5[] = {
    { "Försumbar", "Negligible", "Ingen märkbar påverkan" },
    { "Begränsad", "Limited", "Liten påverkan som hanteras inom ordinarie verksamhet" },
    { "Måttlig", "Moderate", "Märkbar påverkan på verksamhet, ekonomi eller enskilda" },
    { "Allvarlig", "Serious", "Allvarlig skada för verksamheten, enskilda eller förtroendet" },
    { "Mycket allvarlig", "Very serious",
      "Synnerligen allvarlig skada: liv och hälsa, samhällsviktig verksamhet, stora belopp" },
};
static const preset_band b5[] = {
    { "low", 1, 4, "#2e7d32", "Låg", "Low" },
    { "medium", 5, 9, "#f9a825", "Medel", "Medium" },
    { "high", 10, 16, "#ef6c00", "Hög", "High" },
    { "very-high", 17, 25, "#c62828", "Mycket hög", "Very high" },
};
static const preset_level l3[] = {
    { "Låg", "Low", "Bedöms inte inträffa under de närmaste åren" },
    { "Medel", "Medium", "Kan inträffa någon gång under de närmaste åren" },
    { "Hög", "High", "Inträffar troligen inom ett år eller oftare" },
};
static const preset_level c3[] = {
    { "Begränsad", "Limited", "Liten påverkan som hanteras inom ordinarie verksamhet" },
    { "Måttlig", "Moderate", "Märkbar påverkan på verksamhet, ekonomi eller enskilda" },
    { "Allvarlig", "Serious", "Allvarlig eller mycket allvarlig skada" },
};
static const preset_band b3[] = {
    { "low", 1, 2, "#2e7d32", "Låg", "Low" },
    { "medium", 3, 5, "#f9a825", "Medel", "Medium" },
    { "high", 6, 9, "#ef6c00", "Hög", "High" },
};

enum { PRESET_MAX_BANDS = 4 };
_Static_assert(sizeof b4 / sizeof *b4 <= PRESET_MAX_BANDS &&
                   sizeof b5 / sizeof *b5 <= PRESET_MAX_BANDS &&
                   sizeof b3 / sizeof *b3 <= PRESET_MAX_BANDS,
               "a preset has more bands than build_preset() holds");

static const preset presets[] = {
    { "4x4", 4, l4, c4, 4, b4, 3 },
    { "5x5", 5, l5, c5, 4, b5, 4 },
    { "3x3", 3, l3, c3, 3, b3, 2 },
};

/* A preset is built by isms_matrix_builder_build() from a builder on the stack that borrows
 * the preset's strings (the build only reads them and copies them into the matrix): no
 * builder to allocate, no copies, and none of the per-call checks of the builder's setters,
 * which the presets pass (test_presets_pass_the_builder); build() still checks the whole. */
static int build_preset(isms_matrix **out, const preset *p)
{
    isms_matrix_builder b = { .name = (char *)p->name, .formula = ISMS_FORMULA_PRODUCT };
    band_def bands[PRESET_MAX_BANDS];
    const preset_level *axes[AXES] = { p->likelihood, p->consequence };
    for (int a = 0; a < AXES; a++) {
        for (size_t i = 0; i < p->n_levels; i++)
            b.levels[a][i] = (level_def){ .value = (int)i + 1,
                                          .label_sv = (char *)axes[a][i].sv,
                                          .label_en = (char *)axes[a][i].en,
                                          .description = (char *)axes[a][i].description };
        b.n_levels[a] = p->n_levels;
    }
    for (size_t i = 0; i < p->n_bands; i++)
        bands[i] = (band_def){ .name = (char *)p->bands[i].name,
                               .min_value = p->bands[i].min_value,
                               .max_value = p->bands[i].max_value,
                               .color = (char *)p->bands[i].color,
                               .label_sv = (char *)p->bands[i].sv,
                               .label_en = (char *)p->bands[i].en };
    b.bands = bands;
    b.n_bands = b.cap_bands = p->n_bands;
    b.has_acceptance = true;
    b.acceptance = p->acceptance;
    return isms_matrix_builder_build(out, &b);
}

int isms_matrix_preset(isms_matrix **out, const char *name)
{
    if (!out || !name)
        return isms__error(ISMS_EINVAL, "isms_matrix_preset: NULL argument");
    if (isms__text_check("name", name))
        return ISMS_EINVAL;
    for (size_t i = 0; i < sizeof presets / sizeof *presets; i++)
        if (isms_text_matches(presets[i].name, name))
            return build_preset(out, &presets[i]);
    return isms__error(ISMS_ENOTFOUND, "unknown matrix preset \"%.64s\": expected 4x4, 5x5 or 3x3",
                       name);
}

/* ---- reading ------------------------------------------------------------------------- */

isms_matrix *isms_matrix_ref(isms_matrix *m)
{
    if (m)
        atomic_fetch_add_explicit(&m->refs, 1, memory_order_relaxed);
    return m;
}

void isms_matrix_free(isms_matrix *m)
{
    if (!m)
        return;
    if (atomic_fetch_sub_explicit(&m->refs, 1, memory_order_acq_rel) == 1)
        matrix_destroy(m);
}

const char *isms_matrix_name(const isms_matrix *m)
{
    return m ? m->name : NULL;
}

isms_formula isms_matrix_formula(const isms_matrix *m)
{
    return m ? m->formula : ISMS_FORMULA_PRODUCT;
}

size_t isms_matrix_level_count(const isms_matrix *m, isms_axis axis)
{
    return m && valid_axis(axis) ? m->n_levels[axis] : 0;
}

int isms_matrix_level(isms_level *out, const isms_matrix *m, isms_axis axis, size_t index)
{
    if (!out || !m)
        return isms__error(ISMS_EINVAL, "isms_matrix_level: NULL argument");
    if (!valid_axis(axis))
        return isms__error(ISMS_EINVAL, "unknown axis %d", (int)axis);
    if (index >= m->n_levels[axis])
        return isms__error(ISMS_ERANGE, "%s level index %zu is out of range (the scale has %zu)",
                           axis_names[axis], index, m->n_levels[axis]);
    const level_def *l = &m->levels[axis][index];
    out->value = l->value;
    out->label_sv = l->label_sv;
    out->label_en = l->label_en;
    out->description = l->description;
    return ISMS_OK;
}

void isms__matrix_scale_text(char *buf, size_t size, const isms_matrix *m, isms_axis axis)
{
    size_t n = isms_matrix_level_count(m, axis);
    isms__levels_describe(buf, size, n ? m->levels[axis] : NULL, n, "");
}

bool isms__matrix_has_level(const isms_matrix *m, isms_axis axis, int value)
{
    return m && valid_axis(axis) && level_index(m, axis, value) >= 0;
}

int isms_matrix_parse_level(int *value, const isms_matrix *m, isms_axis axis, const char *text)
{
    if (!value || !m || !text)
        return isms__error(ISMS_EINVAL, "isms_matrix_parse_level: NULL argument");
    if (!valid_axis(axis))
        return isms__error(ISMS_EINVAL, "unknown axis %d", (int)axis);
    if (isms__text_check("level", text))
        return ISMS_EINVAL;
    const level_def *lv = m->levels[axis];
    size_t n = m->n_levels[axis];
    for (size_t i = 0; i < n; i++)
        if (isms_text_matches(lv[i].label_sv, text) || isms_text_matches(lv[i].label_en, text)) {
            *value = lv[i].value;
            return ISMS_OK;
        }
    int v;
    char msg[256];
    if (isms__parse_int(text, &v)) {
        if (level_index(m, axis, v) >= 0) {
            *value = v;
            return ISMS_OK;
        }
        describe_bad_level(msg, sizeof msg, m, axis, v);
        return isms__error(ISMS_ERANGE, "%s", msg);
    }
    char scale[64];
    describe_scale(scale, sizeof scale, lv, n);
    isms__buf labels;
    isms__buf_init(&labels);
    for (size_t i = 0; i < n; i++)
        isms__buf_printf(&labels, "%s%s", i ? ", " : "", lv[i].label_sv);
    isms__buf_puts(&labels, " (");
    for (size_t i = 0; i < n; i++)
        isms__buf_printf(&labels, "%s%s", i ? ", " : "", lv[i].label_en);
    isms__buf_puts(&labels, ")");
    int rc = isms__error(ISMS_EPARSE, "\"%.64s\" is not a %s level: expected a number %s or %s",
                         text, axis_names[axis], scale,
                         labels.failed || !labels.data ? "a label" : labels.data);
    isms__buf_free(&labels);
    return rc;
}

size_t isms_matrix_band_count(const isms_matrix *m)
{
    return m ? m->n_bands : 0;
}

int isms_matrix_band(isms_band *out, const isms_matrix *m, size_t index)
{
    if (!out || !m)
        return isms__error(ISMS_EINVAL, "isms_matrix_band: NULL argument");
    if (index >= m->n_bands)
        return isms__error(ISMS_ERANGE, "band index %zu is out of range (the matrix has %zu)",
                           index, m->n_bands);
    const band_def *d = &m->bands[index];
    out->name = d->name;
    out->min_value = d->min_value;
    out->max_value = d->max_value;
    out->color = d->color;
    out->label_sv = d->label_sv;
    out->label_en = d->label_en;
    return ISMS_OK;
}

int isms_matrix_find_band(size_t *index, const isms_matrix *m, const char *text)
{
    if (!index || !m || !text)
        return isms__error(ISMS_EINVAL, "isms_matrix_find_band: NULL argument");
    if (isms__text_check("band", text))
        return ISMS_EINVAL;
    for (size_t i = 0; i < m->n_bands; i++)
        if (isms_text_matches(m->bands[i].name, text)) {
            *index = i;
            return ISMS_OK;
        }
    for (size_t i = 0; i < m->n_bands; i++)
        if (isms_text_matches(m->bands[i].label_sv, text) ||
            isms_text_matches(m->bands[i].label_en, text)) {
            *index = i;
            return ISMS_OK;
        }
    return isms__error(ISMS_ENOTFOUND, "matrix \"%s\" has no band \"%.64s\"", m->name, text);
}

int isms_matrix_band_of(const isms_matrix *m, int value)
{
    if (!m)
        return -1;
    return band_search(m->bands, m->n_bands, value);
}

int isms_matrix_acceptance(const isms_matrix *m)
{
    return m ? m->acceptance : 0;
}

int isms_matrix_min_value(const isms_matrix *m)
{
    return m ? m->min_value : 0;
}

int isms_matrix_max_value(const isms_matrix *m)
{
    return m ? m->max_value : 0;
}

double isms_matrix_normalize(const isms_matrix *m, int value)
{
    if (!m)
        return 0.0;
    if (value <= m->min_value)
        return 0.0;
    if (value >= m->max_value)
        return 1.0;
    return ((double)value - m->min_value) / ((double)m->max_value - m->min_value);
}

int isms_matrix_denormalize(const isms_matrix *m, double normalized)
{
    if (!m)
        return 0;
    int lo = m->min_value, hi = m->max_value;
    if (!(normalized > 0.0)) /* also NaN */
        return lo;
    if (normalized >= 1.0)
        return hi;
    /* Halves up; the small allowance keeps ties such as 0.7 × 15 = 10.5 from falling below
     * the half when 0.7 is stored a little under 0.7. */
    double steps = floor(normalized * ((double)hi - (double)lo) + 0.5 + 1e-9);
    int v = lo + (int)steps;
    return v > hi ? hi : v;
}

/* ---- scoring ------------------------------------------------------------------------- */

static int cell_of(const isms_matrix *m, int likelihood, int consequence)
{
    return m->row[slot_of(likelihood)] + m->col[slot_of(consequence)];
}

/* Sets the error for a pair that has no cell, with an optional prefix. */
static int bad_pair_error(const isms_matrix *m, const char *prefix, int likelihood,
                          int consequence)
{
    char msg[256];
    if (level_index(m, ISMS_AXIS_LIKELIHOOD, likelihood) < 0)
        describe_bad_level(msg, sizeof msg, m, ISMS_AXIS_LIKELIHOOD, likelihood);
    else
        describe_bad_level(msg, sizeof msg, m, ISMS_AXIS_CONSEQUENCE, consequence);
    return isms__error(ISMS_ERANGE, "%s%s", prefix, msg);
}

int isms_matrix_score(isms_score *out, const isms_matrix *m, int likelihood, int consequence)
{
    if (!out || !m)
        return isms__error(ISMS_EINVAL, "isms_matrix_score: NULL argument");
    int k = cell_of(m, likelihood, consequence);
    int v = m->cell_value[k];
    if (v == ISMS_VALUE_UNSET)
        return bad_pair_error(m, "", likelihood, consequence);
    out->value = v;
    out->band = m->cell_band[k];
    out->normalized = isms_matrix_normalize(m, v);
    return ISMS_OK;
}

/* Any pair, through the look-up tables; returns true when every element was valid. */
static bool score_lookup(int *values, int *bands, const isms_matrix *m, const int *ls,
                         const int *cs, size_t n)
{
    const int32_t *row = m->row, *col = m->col;
    const int *cv = m->cell_value, *cb = m->cell_band;
    unsigned bad = 0;
    if (bands) {
        for (size_t i = 0; i < n; i++) {
            int k = row[slot_of(ls[i])] + col[slot_of(cs[i])];
            int v = cv[k];
            values[i] = v;
            bands[i] = cb[k];
            bad |= v == ISMS_VALUE_UNSET;
        }
    } else {
        for (size_t i = 0; i < n; i++) {
            int v = cv[row[slot_of(ls[i])] + col[slot_of(cs[i])]];
            values[i] = v;
            bad |= v == ISMS_VALUE_UNSET;
        }
    }
    return !bad;
}

/* One full block of the product fast path; arrays do not overlap. Returns false when an
 * element is off a scale (its value is then garbage: the caller redoes the block). */
static bool product_block(int *restrict values, const int *restrict ls,
                          const int *restrict cs, unsigned lo_l, unsigned span_l,
                          unsigned lo_c, unsigned span_c)
{
    unsigned bad = 0;
    for (size_t i = 0; i < BLOCK; i++) {
        unsigned l = (unsigned)ls[i], c = (unsigned)cs[i];
        bad |= (unsigned)(l - lo_l > span_l) | (unsigned)(c - lo_c > span_c);
        values[i] = (int)(l * c);
    }
    return !bad;
}

static void band_block(int *restrict bands, const int *restrict values,
                       const int *restrict value_band, int min_value, size_t n)
{
    for (size_t i = 0; i < n; i++)
        bands[i] = value_band[values[i] - min_value];
}

static bool disjoint(const void *a, size_t na, const void *b, size_t nb)
{
    uintptr_t pa = (uintptr_t)a, pb = (uintptr_t)b;
    return !a || !b || pa + na <= pb || pb + nb <= pa;
}

int isms_matrix_score_many(int *values, int *bands, const isms_matrix *m,
                           const int *likelihoods, const int *consequences, size_t n)
{
    if (!m)
        return isms__error(ISMS_EINVAL, "isms_matrix_score_many: matrix is NULL");
    if (n == 0)
        return ISMS_OK;
    if (!values || !likelihoods || !consequences)
        return isms__error(ISMS_EINVAL, "isms_matrix_score_many: NULL array with %zu elements",
                           n);
    size_t bytes = n * sizeof(int);
    bool ok = true;
    size_t done = 0;
    if (m->fast && disjoint(values, bytes, likelihoods, bytes) &&
        disjoint(values, bytes, consequences, bytes) && disjoint(bands, bytes, values, bytes) &&
        disjoint(bands, bytes, likelihoods, bytes) && disjoint(bands, bytes, consequences, bytes)) {
        unsigned lo_l = (unsigned)m->lo[ISMS_AXIS_LIKELIHOOD];
        unsigned lo_c = (unsigned)m->lo[ISMS_AXIS_CONSEQUENCE];
        unsigned span_l = m->span[ISMS_AXIS_LIKELIHOOD];
        unsigned span_c = m->span[ISMS_AXIS_CONSEQUENCE];
        for (; n - done >= BLOCK; done += BLOCK) {
            int *v = values + done;
            const int *l = likelihoods + done, *c = consequences + done;
            if (product_block(v, l, c, lo_l, span_l, lo_c, span_c)) {
                if (bands)
                    band_block(bands + done, v, m->value_band, m->min_value, BLOCK);
            } else {
                ok &= score_lookup(v, bands ? bands + done : NULL, m, l, c, BLOCK);
            }
        }
    }
    if (done < n)
        ok &= score_lookup(values + done, bands ? bands + done : NULL, m, likelihoods + done,
                           consequences + done, n - done);
    if (ok)
        return ISMS_OK;
    /* Only a pair off the scales gives ISMS_VALUE_UNSET (grid values are bounded). */
    for (size_t i = 0; i < n; i++) {
        if (values[i] == ISMS_VALUE_UNSET) {
            char prefix[48];
            snprintf(prefix, sizeof prefix, "element %zu: ", i);
            return bad_pair_error(m, prefix, likelihoods[i], consequences[i]);
        }
    }
    return ISMS_OK; /* not reached: some element was bad */
}
