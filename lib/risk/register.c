/* Risks, registers, sorting, counts, heat maps, lint; treatment and status labels.
 *
 * A register keeps its risks in an array in insertion order and indexes them by id in the
 * internal string index (lib/base/index.c), so find is O(1) and remove is O(n) (the array
 * closes up). Every risk caches its inherent and residual
 * value and band; they are recomputed whenever levels change.
 *
 * Memory: a risk and its id are one allocation; empty strings share one static "" and cost
 * nothing. Every mutator allocates all it needs before it changes anything.
 *
 * A risk may carry the vector of another rating method; its rating is computed once, when
 * the vector is set, and kept beside it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

enum { SCORED = 0, UNASSESSED = 1, OFF_SCALE = 2 };

struct isms_risk {
    isms_register *reg;
    char *title; /* each string is owned, or isms__text_empty */
    char *consequence_text;
    char *treatment_text;
    char *owner;
    char *vector;       /* "" when none */
    isms_rating rating; /* of the vector; meaningful only when vector is not "" */
    int likelihood;
    int consequence;
    int residual_likelihood;
    int residual_consequence;
    int stated_value;
    int value[2]; /* [isms_which] */
    int band[2];
    unsigned char state[2];
    unsigned char treatment; /* isms_treatment */
    unsigned char status;    /* isms_risk_status */
    uint64_t serial;         /* isms__risk_serial() */
    char id[];
};

struct isms_register {
    isms_matrix *matrix; /* one reference owned */
    isms_risk **items;   /* insertion order */
    size_t count;
    size_t cap;
    isms__index index;   /* by id */
    uint64_t serials;    /* the serial of the last risk added */
    uint64_t removals;   /* isms__register_removals() */
    /* level value -> index on the matrix's scale, -1 when not a level */
    signed char level_index[2][ISMS_LEVEL_VALUE_MAX + 1];
};

/* ---- labels -------------------------------------------------------------------------- */

static const char *const treatment_labels[5][2] = {
    { "", "" },
    { "Reducera", "Modify" },
    { "Acceptera", "Retain" },
    { "Undvika", "Avoid" },
    { "Dela", "Share" },
};

const char *isms_treatment_label(isms_treatment option, isms_lang lang)
{
    if ((unsigned)option > ISMS_TREATMENT_SHARE || (unsigned)lang > ISMS_LANG_EN)
        return NULL;
    return treatment_labels[option][lang];
}

int isms_treatment_parse(isms_treatment *out, const char *text)
{
    static const isms__alias names[] = {
        { "", ISMS_TREATMENT_NONE },
        { "Reducera", ISMS_TREATMENT_MODIFY },   { "Modify", ISMS_TREATMENT_MODIFY },
        { "reduce", ISMS_TREATMENT_MODIFY },     { "mitigate", ISMS_TREATMENT_MODIFY },
        { "modifiera", ISMS_TREATMENT_MODIFY },  { "minska", ISMS_TREATMENT_MODIFY },
        { "Acceptera", ISMS_TREATMENT_RETAIN },  { "Retain", ISMS_TREATMENT_RETAIN },
        { "accept", ISMS_TREATMENT_RETAIN },     { "behålla", ISMS_TREATMENT_RETAIN },
        { "behåll", ISMS_TREATMENT_RETAIN },
        { "Undvika", ISMS_TREATMENT_AVOID },     { "Avoid", ISMS_TREATMENT_AVOID },
        { "undvik", ISMS_TREATMENT_AVOID },
        { "Dela", ISMS_TREATMENT_SHARE },        { "Share", ISMS_TREATMENT_SHARE },
        { "transfer", ISMS_TREATMENT_SHARE },    { "överföra", ISMS_TREATMENT_SHARE },
    };
    if (!out || !text)
        return isms__error(ISMS_EINVAL, "isms_treatment_parse: NULL argument");
    if (isms__text_check("treatment", text))
        return ISMS_EINVAL;
    int v;
    if (isms__alias_lookup(&v, names, sizeof names / sizeof *names, text)) {
        *out = (isms_treatment)v;
        return ISMS_OK;
    }
    return isms__error(ISMS_EPARSE,
                       "unknown treatment \"%.64s\": expected Reducera, Acceptera, Undvika or "
                       "Dela (Modify, Retain, Avoid, Share; also reduce, mitigate, modifiera, "
                       "minska, accept, behålla, behåll, undvik, transfer, överföra), or "
                       "nothing",
                       text);
}

static const char *const status_labels[5][2] = {
    { "Öppen", "Open" },
    { "Under åtgärd", "In treatment" },
    { "Åtgärdad", "Treated" },
    { "Accepterad", "Accepted" },
    { "Stängd", "Closed" },
};

const char *isms_risk_status_label(isms_risk_status status, isms_lang lang)
{
    if ((unsigned)status > ISMS_RISK_CLOSED || (unsigned)lang > ISMS_LANG_EN)
        return NULL;
    return status_labels[status][lang];
}

int isms_risk_status_parse(isms_risk_status *out, const char *text)
{
    if (!out || !text)
        return isms__error(ISMS_EINVAL, "isms_risk_status_parse: NULL argument");
    if (isms__text_check("risk status", text))
        return ISMS_EINVAL;
    if (isms_text_matches("", text)) {
        *out = ISMS_RISK_OPEN;
        return ISMS_OK;
    }
    for (unsigned s = 0; s <= ISMS_RISK_CLOSED; s++)
        if (isms_text_matches(status_labels[s][0], text) ||
            isms_text_matches(status_labels[s][1], text)) {
            *out = (isms_risk_status)s;
            return ISMS_OK;
        }
    return isms__error(ISMS_EPARSE,
                       "unknown risk status \"%.64s\": expected Öppen, Under åtgärd, Åtgärdad, "
                       "Accepterad or Stängd (Open, In treatment, Treated, Accepted, Closed), "
                       "or nothing",
                       text);
}

/* ---- scoring ------------------------------------------------------------------------- */

static bool on_scale(const isms_register *reg, isms_axis axis, int value)
{
    return value >= 0 && value <= ISMS_LEVEL_VALUE_MAX && reg->level_index[axis][value] >= 0;
}

static void score_pair(const isms_register *reg, int l, int c, int *value, int *band,
                       unsigned char *state)
{
    *value = ISMS_VALUE_UNSET;
    *band = -1;
    if (l == ISMS_LEVEL_UNSET || c == ISMS_LEVEL_UNSET) {
        *state = UNASSESSED;
    } else if (!on_scale(reg, ISMS_AXIS_LIKELIHOOD, l) ||
               !on_scale(reg, ISMS_AXIS_CONSEQUENCE, c)) {
        *state = OFF_SCALE;
    } else {
        isms_score s;
        isms_matrix_score(&s, reg->matrix, l, c); /* cannot fail: both are levels */
        *value = s.value;
        *band = s.band;
        *state = SCORED;
    }
}

static bool residual_unset(const isms_risk *r)
{
    return r->residual_likelihood == ISMS_LEVEL_UNSET &&
           r->residual_consequence == ISMS_LEVEL_UNSET;
}

/* The levels that give the value of `which` (residual falls back to inherent). */
static void levels_of(const isms_risk *r, isms_which which, int *l, int *c)
{
    if (which == ISMS_RESIDUAL && !residual_unset(r)) {
        *l = r->residual_likelihood;
        *c = r->residual_consequence;
    } else {
        *l = r->likelihood;
        *c = r->consequence;
    }
}

static void rescore(isms_risk *r)
{
    const isms_register *reg = r->reg;
    for (int w = 0; w < 2; w++) {
        int l, c;
        levels_of(r, (isms_which)w, &l, &c);
        score_pair(reg, l, c, &r->value[w], &r->band[w], &r->state[w]);
    }
}

static bool valid_which(isms_which which)
{
    return which == ISMS_INHERENT || which == ISMS_RESIDUAL;
}

static const char *risk_key(const void *item)
{
    return ((const isms_risk *)item)->id;
}

/* ---- register ------------------------------------------------------------------------ */

int isms_register_new(isms_register **out, isms_matrix *matrix)
{
    if (!out)
        return isms__error(ISMS_EINVAL, "isms_register_new: out is NULL");
    isms_register *reg = isms__calloc(1, sizeof *reg);
    if (!reg)
        return isms__error_nomem();
    if (matrix) {
        reg->matrix = isms_matrix_ref(matrix);
    } else {
        int rc = isms_matrix_preset(&reg->matrix, "4x4");
        if (rc) {
            isms__free(reg);
            return rc;
        }
    }
    isms__index_init(&reg->index, risk_key);
    memset(reg->level_index, -1, sizeof reg->level_index);
    for (int a = 0; a < 2; a++) {
        size_t n = isms_matrix_level_count(reg->matrix, (isms_axis)a);
        for (size_t i = 0; i < n; i++) {
            isms_level lv;
            if (isms_matrix_level(&lv, reg->matrix, (isms_axis)a, i) == ISMS_OK)
                reg->level_index[a][lv.value] = (signed char)i;
        }
    }
    *out = reg;
    return ISMS_OK;
}

static void risk_free(isms_risk *r)
{
    isms__text_free(r->title);
    isms__text_free(r->consequence_text);
    isms__text_free(r->treatment_text);
    isms__text_free(r->owner);
    isms__text_free(r->vector);
    isms__free(r);
}

void isms_register_free(isms_register *reg)
{
    if (!reg)
        return;
    for (size_t i = 0; i < reg->count; i++)
        risk_free(reg->items[i]);
    isms__free(reg->items);
    isms__index_free(&reg->index);
    isms_matrix_free(reg->matrix);
    isms__free(reg);
}

isms_matrix *isms_register_matrix(const isms_register *reg)
{
    return reg ? reg->matrix : NULL;
}

size_t isms_register_count(const isms_register *reg)
{
    return reg ? reg->count : 0;
}

int isms_register_add(isms_risk **out, isms_register *reg, const char *id, const char *title,
                      int likelihood, int consequence)
{
    if (!reg)
        return isms__error(ISMS_EINVAL, "isms_register_add: register is NULL");
    if (!id || !*id)
        return isms__error(ISMS_EINVAL, "a risk needs a non-empty id");
    if (isms__text_check("id", id) || isms__text_check("title", title))
        return ISMS_EINVAL;
    if (isms__index_find(&reg->index, id))
        return isms__error(ISMS_EEXIST, "a risk with id \"%.64s\" already exists", id);

    size_t len = strlen(id);
    isms_risk *r = isms__malloc(sizeof *r + len + 1);
    if (!r)
        return isms__error_nomem();
    memcpy(r->id, id, len + 1);
    r->title = isms__text_dup(title);
    if (!r->title) {
        isms__free(r);
        return isms__error_nomem();
    }
    if (!isms__grow((void **)&reg->items, &reg->cap, reg->count + 1, sizeof *reg->items) ||
        !isms__index_reserve(&reg->index, reg->count + 1)) {
        isms__text_free(r->title);
        isms__free(r);
        return isms__error_nomem();
    }
    r->reg = reg;
    r->consequence_text = isms__text_empty;
    r->treatment_text = isms__text_empty;
    r->owner = isms__text_empty;
    r->vector = isms__text_empty;
    memset(&r->rating, 0, sizeof r->rating);
    r->likelihood = likelihood;
    r->consequence = consequence;
    r->residual_likelihood = ISMS_LEVEL_UNSET;
    r->residual_consequence = ISMS_LEVEL_UNSET;
    r->stated_value = ISMS_VALUE_UNSET;
    r->treatment = ISMS_TREATMENT_NONE;
    r->status = ISMS_RISK_OPEN;
    r->serial = ++reg->serials;
    rescore(r);
    isms__index_insert(&reg->index, r);
    reg->items[reg->count++] = r;
    if (out)
        *out = r;
    return ISMS_OK;
}

isms_risk *isms_register_find(const isms_register *reg, const char *id)
{
    if (!reg || !id) {
        isms__error(ISMS_EINVAL, "isms_register_find: NULL argument");
        return NULL;
    }
    isms_risk *r = isms__index_find(&reg->index, id);
    if (!r)
        isms__error(ISMS_ENOTFOUND, "no risk with id \"%.64s\"", id);
    return r;
}

isms_risk *isms_register_at(const isms_register *reg, size_t index)
{
    if (!reg || index >= reg->count)
        return NULL;
    return reg->items[index];
}

int isms_register_remove(isms_register *reg, const char *id)
{
    if (!reg || !id)
        return isms__error(ISMS_EINVAL, "isms_register_remove: NULL argument");
    isms_risk *r = isms__index_find(&reg->index, id);
    if (!r)
        return isms__error(ISMS_ENOTFOUND, "no risk with id \"%.64s\"", id);
    isms__index_remove(&reg->index, id);
    size_t i = 0;
    while (reg->items[i] != r)
        i++;
    memmove(&reg->items[i], &reg->items[i + 1], (reg->count - i - 1) * sizeof *reg->items);
    reg->count--;
    reg->removals++;
    risk_free(r);
    return ISMS_OK;
}

/* ---- sorting ------------------------------------------------------------------------- */

/* A 64-bit prefix key of an id, such that key(a) < key(b) implies isms__natcmp(a, b) < 0.
 * It encodes the id so that comparing encodings bytewise is natural order: other bytes
 * stand for themselves; a run of digits becomes one byte '0' + its length without leading
 * zeros (up to 8; '9' means "9 or more" and ends the key), the significant digits, and the
 * number of leading zeros (fewer first). Equal keys fall back to isms__natcmp(). */
static uint64_t id_key(const char *s)
{
    unsigned char k[8];
    size_t n = 0;
    const unsigned char *p = (const unsigned char *)s;
    while (*p && n < sizeof k) {
        if (*p < '0' || *p > '9') {
            k[n++] = *p++;
            continue;
        }
        const unsigned char *start = p;
        while (*p == '0' && p[1] >= '0' && p[1] <= '9')
            p++;
        size_t zeros = (size_t)(p - start);
        const unsigned char *sig = p;
        while (*p >= '0' && *p <= '9')
            p++;
        size_t len = (size_t)(p - sig);
        if (len >= 9) {
            k[n++] = '9';
            break;
        }
        k[n++] = (unsigned char)('0' + len);
        for (size_t i = 0; i < len && n < sizeof k; i++)
            k[n++] = sig[i];
        if (n < sizeof k) {
            if (zeros >= 255) {
                k[n++] = 255;
                break;
            }
            k[n++] = (unsigned char)zeros;
        }
    }
    uint64_t key = 0;
    for (size_t i = 0; i < sizeof k; i++)
        key = key << 8 | (i < n ? k[i] : 0);
    return key;
}

typedef struct sort_item {
    uint64_t id_key;
    uint32_t value_key; /* highest value first, unscored last */
    isms_risk *risk;
} sort_item;

/* Highest value first, unscored last, then ids in natural order. Ids are unique, so this
 * is a total order: any sort gives the same, deterministic result. */
static int item_cmp(const void *pa, const void *pb)
{
    const sort_item *a = pa, *b = pb;
    if (a->value_key != b->value_key)
        return a->value_key < b->value_key ? -1 : 1;
    if (a->id_key != b->id_key)
        return a->id_key < b->id_key ? -1 : 1;
    return isms__natcmp(a->risk->id, b->risk->id);
}

int isms_register_sorted(isms_risk ***out, size_t *n, const isms_register *reg,
                         isms_which which)
{
    if (!out || !n || !reg)
        return isms__error(ISMS_EINVAL, "isms_register_sorted: NULL argument");
    if (!valid_which(which))
        return isms__error(ISMS_EINVAL, "unknown value kind %d", (int)which);
    size_t count = reg->count;
    if (count == 0) {
        *out = NULL;
        *n = 0;
        return ISMS_OK;
    }
    if (count > SIZE_MAX / sizeof(sort_item))
        return isms__error_nomem();
    isms_risk **result = isms__malloc(count * sizeof *result);
    sort_item *items = isms__malloc(count * sizeof *items);
    if (!result || !items) {
        isms__free(result);
        isms__free(items);
        return isms__error_nomem();
    }
    for (size_t i = 0; i < count; i++) {
        isms_risk *r = reg->items[i];
        int v = r->value[which];
        items[i].risk = r;
        items[i].id_key = id_key(r->id);
        items[i].value_key =
            r->state[which] == SCORED ? (uint32_t)(0x7FFFFFFF - (int64_t)v) : UINT32_MAX;
    }
    qsort(items, count, sizeof *items, item_cmp);
    for (size_t i = 0; i < count; i++)
        result[i] = items[i].risk;
    isms__free(items);
    *out = result;
    *n = count;
    return ISMS_OK;
}

/* ---- counts and heat map ------------------------------------------------------------- */

int isms_register_band_counts(size_t *counts, size_t n_counts, size_t *unscored,
                              const isms_register *reg, isms_which which)
{
    if (!counts || !reg)
        return isms__error(ISMS_EINVAL, "isms_register_band_counts: NULL argument");
    if (!valid_which(which))
        return isms__error(ISMS_EINVAL, "unknown value kind %d", (int)which);
    size_t nb = isms_matrix_band_count(reg->matrix);
    if (n_counts < nb)
        return isms__error(ISMS_EINVAL,
                           "isms_register_band_counts: room for %zu counts, the matrix has %zu "
                           "bands",
                           n_counts, nb);
    memset(counts, 0, n_counts * sizeof *counts);
    size_t none = 0;
    for (size_t i = 0; i < reg->count; i++) {
        int b = reg->items[i]->band[which];
        if (b >= 0)
            counts[b]++;
        else
            none++;
    }
    if (unscored)
        *unscored = none;
    return ISMS_OK;
}

int isms_register_heatmap(size_t *grid, size_t n_cells, const isms_register *reg,
                          isms_which which)
{
    if (!grid || !reg)
        return isms__error(ISMS_EINVAL, "isms_register_heatmap: NULL argument");
    if (!valid_which(which))
        return isms__error(ISMS_EINVAL, "unknown value kind %d", (int)which);
    size_t nl = isms_matrix_level_count(reg->matrix, ISMS_AXIS_LIKELIHOOD);
    size_t nc = isms_matrix_level_count(reg->matrix, ISMS_AXIS_CONSEQUENCE);
    if (n_cells != nl * nc)
        return isms__error(ISMS_EINVAL,
                           "isms_register_heatmap: grid of %zu cells, the matrix has %zu×%zu",
                           n_cells, nl, nc);
    memset(grid, 0, n_cells * sizeof *grid);
    for (size_t i = 0; i < reg->count; i++) {
        const isms_risk *r = reg->items[i];
        if (r->state[which] != SCORED)
            continue;
        int l, c;
        levels_of(r, which, &l, &c);
        size_t li = (size_t)reg->level_index[ISMS_AXIS_LIKELIHOOD][l];
        size_t ci = (size_t)reg->level_index[ISMS_AXIS_CONSEQUENCE][c];
        grid[li * nc + ci]++;
    }
    return ISMS_OK;
}

/* ---- lint ---------------------------------------------------------------------------- */

/* How the matrix computes a value from l and c, for messages: "3 × 3". */
static void formula_text(char *buf, size_t size, const isms_matrix *m, int l, int c,
                         isms_lang lang)
{
    switch (isms_matrix_formula(m)) {
    case ISMS_FORMULA_PRODUCT: snprintf(buf, size, "%d × %d", l, c); break;
    case ISMS_FORMULA_SUM: snprintf(buf, size, "%d + %d", l, c); break;
    case ISMS_FORMULA_MAX: snprintf(buf, size, "max(%d, %d)", l, c); break;
    default:
        if (lang == ISMS_LANG_SV)
            snprintf(buf, size, "rutnätet vid sannolikhet %d, konsekvens %d", l, c);
        else
            snprintf(buf, size, "grid at likelihood %d, consequence %d", l, c);
        break;
    }
}

/* ---- ratings of other methods ---------------------------------------------------------- */

typedef struct title_slot {
    uint64_t hash;
    size_t index; /* risk index + 1; 0 = free */
} title_slot;

typedef struct lint_ctx {
    isms_findings *out;
    const isms_register *reg;
    isms_lang lang;
    int acceptance;
    char scale[2][64];
} lint_ctx;

static int lint_level(const lint_ctx *x, const isms_risk *r, isms_axis axis, bool residual,
                      int value)
{
    if (value == ISMS_LEVEL_UNSET || on_scale(x->reg, axis, value))
        return ISMS_OK;
    static const char *const what[2][2][2] = {
        /* [lang][residual][axis] */
        { { "Sannolikhet", "Konsekvens" },
          { "Kvarstående sannolikhet", "Kvarstående konsekvens" } },
        { { "Likelihood", "Consequence" }, { "Residual likelihood", "Residual consequence" } },
    };
    const char *w = what[x->lang][residual][axis];
    if (x->lang == ISMS_LANG_SV)
        return isms__findings_addf(x->out, ISMS_SEVERITY_ERROR, "risk-level-out-of-scale",
                                   r->id, "%s %d ligger utanför skalan %s", w, value,
                                   x->scale[axis]);
    return isms__findings_addf(x->out, ISMS_SEVERITY_ERROR, "risk-level-out-of-scale", r->id,
                               "%s %d is outside the scale %s", w, value, x->scale[axis]);
}

static int lint_unassessed(const lint_ctx *x, const isms_risk *r)
{
    bool sv = x->lang == ISMS_LANG_SV;
    const char *code = "risk-unassessed";
    bool nl = r->likelihood == ISMS_LEVEL_UNSET, nc = r->consequence == ISMS_LEVEL_UNSET;
    int rc = ISMS_OK;
    if (nl || nc) {
        const char *msg;
        if (nl && nc)
            msg = sv ? "Sannolikhet och konsekvens är inte bedömda"
                     : "Likelihood and consequence have not been assessed";
        else if (nl)
            msg = sv ? "Sannolikheten är inte bedömd" : "Likelihood has not been assessed";
        else
            msg = sv ? "Konsekvensen är inte bedömd" : "Consequence has not been assessed";
        rc = isms__findings_addf(x->out, ISMS_SEVERITY_INFO, code, r->id, "%s", msg);
    }
    bool rl = r->residual_likelihood == ISMS_LEVEL_UNSET;
    bool rcn = r->residual_consequence == ISMS_LEVEL_UNSET;
    if (!rc && rl != rcn) {
        const char *msg;
        if (rl)
            msg = sv ? "Kvarstående sannolikhet saknas men kvarstående konsekvens är angiven"
                     : "Residual likelihood is missing while residual consequence is given";
        else
            msg = sv ? "Kvarstående konsekvens saknas men kvarstående sannolikhet är angiven"
                     : "Residual consequence is missing while residual likelihood is given";
        rc = isms__findings_addf(x->out, ISMS_SEVERITY_INFO, code, r->id, "%s", msg);
    }
    return rc;
}

/* risk-vector-disagrees: the vector's place on the matrix is in another band than the
 * inherent value. */
static int lint_vector(const lint_ctx *x, const isms_risk *r)
{
    const isms_matrix *m = x->reg->matrix;
    int v = isms_matrix_denormalize(m, r->rating.normalized);
    int vb = isms_matrix_band_of(m, v), lb = r->band[ISMS_INHERENT];
    isms_band bv, bl;
    if (vb == lb || vb < 0 || lb < 0 || isms_matrix_band(&bv, m, (size_t)vb) ||
        isms_matrix_band(&bl, m, (size_t)lb))
        return ISMS_OK;
    const char *method = isms_method_label(r->rating.method, x->lang);
    char score[32]; /* with a '.' in either language, as the methods write their scores */
    isms__format_general(score, sizeof score, r->rating.score, 4, ".");
    if (x->lang == ISMS_LANG_SV)
        return isms__findings_addf(x->out, ISMS_SEVERITY_WARNING, "risk-vector-disagrees",
                                   r->id,
                                   "Vektorn ger %s %s (%s), som motsvarar värdet %d (%s) i "
                                   "matrisen, men nivåerna ger %d (%s)",
                                   method, score, r->rating.label_sv, v, bv.label_sv,
                                   r->value[ISMS_INHERENT], bl.label_sv);
    return isms__findings_addf(x->out, ISMS_SEVERITY_WARNING, "risk-vector-disagrees", r->id,
                               "The vector gives %s %s (%s), which corresponds to value %d "
                               "(%s) on the matrix, but the levels give %d (%s)",
                               method, score, r->rating.label_en, v, bv.label_en,
                               r->value[ISMS_INHERENT], bl.label_en);
}

static int lint_risk(const lint_ctx *x, const isms_risk *r)
{
    bool sv = x->lang == ISMS_LANG_SV;
    int rc;
    if ((rc = lint_level(x, r, ISMS_AXIS_LIKELIHOOD, false, r->likelihood)) ||
        (rc = lint_level(x, r, ISMS_AXIS_CONSEQUENCE, false, r->consequence)) ||
        (rc = lint_level(x, r, ISMS_AXIS_LIKELIHOOD, true, r->residual_likelihood)) ||
        (rc = lint_level(x, r, ISMS_AXIS_CONSEQUENCE, true, r->residual_consequence)) ||
        (rc = lint_unassessed(x, r)))
        return rc;

    bool inherent = r->state[ISMS_INHERENT] == SCORED;
    bool residual = r->state[ISMS_RESIDUAL] == SCORED;
    int vi = r->value[ISMS_INHERENT], vr = r->value[ISMS_RESIDUAL];

    if (inherent && r->stated_value != ISMS_VALUE_UNSET && r->stated_value != vi) {
        char f[96];
        formula_text(f, sizeof f, x->reg->matrix, r->likelihood, r->consequence, x->lang);
        rc = sv ? isms__findings_addf(x->out, ISMS_SEVERITY_WARNING, "risk-value-mismatch",
                                      r->id,
                                      "Angivet riskvärde %d stämmer inte med beräknat värde "
                                      "%d (%s)",
                                      r->stated_value, vi, f)
                : isms__findings_addf(x->out, ISMS_SEVERITY_WARNING, "risk-value-mismatch",
                                      r->id, "Stated value %d differs from the computed value "
                                      "%d (%s)",
                                      r->stated_value, vi, f);
        if (rc)
            return rc;
    }
    if (inherent && residual && !residual_unset(r) && vr > vi) {
        rc = sv ? isms__findings_addf(x->out, ISMS_SEVERITY_WARNING,
                                      "risk-residual-above-inherent", r->id,
                                      "Restrisken %d är högre än den inneboende risken %d", vr,
                                      vi)
                : isms__findings_addf(x->out, ISMS_SEVERITY_WARNING,
                                      "risk-residual-above-inherent", r->id,
                                      "Residual value %d is above the inherent value %d", vr,
                                      vi);
        if (rc)
            return rc;
    }
    if (inherent && vi > x->acceptance && r->treatment == ISMS_TREATMENT_NONE &&
        !*r->treatment_text && r->status != ISMS_RISK_CLOSED) {
        rc = sv ? isms__findings_addf(x->out, ISMS_SEVERITY_WARNING, "risk-untreated", r->id,
                                      "Riskvärdet %d är över acceptansnivån %d men ingen "
                                      "åtgärd är angiven",
                                      vi, x->acceptance)
                : isms__findings_addf(x->out, ISMS_SEVERITY_WARNING, "risk-untreated", r->id,
                                      "Value %d is above the acceptance threshold %d but no "
                                      "treatment is given",
                                      vi, x->acceptance);
        if (rc)
            return rc;
    }
    if (residual && vr > x->acceptance && r->treatment == ISMS_TREATMENT_RETAIN &&
        r->status != ISMS_RISK_ACCEPTED && r->status != ISMS_RISK_CLOSED) {
        rc = sv ? isms__findings_addf(x->out, ISMS_SEVERITY_WARNING,
                                      "risk-retained-above-acceptance", r->id,
                                      "Risken behålls med värdet %d, över acceptansnivån %d, "
                                      "utan att vara formellt accepterad",
                                      vr, x->acceptance)
                : isms__findings_addf(x->out, ISMS_SEVERITY_WARNING,
                                      "risk-retained-above-acceptance", r->id,
                                      "The risk is retained at value %d, above the acceptance "
                                      "threshold %d, without being formally accepted",
                                      vr, x->acceptance);
        if (rc)
            return rc;
    }
    if (inherent && *r->vector)
        return lint_vector(x, r);
    return ISMS_OK;
}

int isms_register_lint(isms_findings *out, const isms_register *reg)
{
    if (!out || !reg)
        return isms__error(ISMS_EINVAL, "isms_register_lint: NULL argument");
    lint_ctx x = { out, reg, isms_findings_lang(out), isms_matrix_acceptance(reg->matrix),
                   { "", "" } };
    if (x.lang != ISMS_LANG_SV && x.lang != ISMS_LANG_EN)
        x.lang = ISMS_LANG_EN;
    isms__matrix_scale_text(x.scale[0], sizeof x.scale[0], reg->matrix, ISMS_AXIS_LIKELIHOOD);
    isms__matrix_scale_text(x.scale[1], sizeof x.scale[1], reg->matrix, ISMS_AXIS_CONSEQUENCE);

    /* Titles seen so far: a hash table of (title hash, risk index + 1); index 0 = free. */
    size_t n_slots = 16;
    while (n_slots / 2 < reg->count) {
        if (n_slots > SIZE_MAX / 4 / sizeof(title_slot))
            return isms__error_nomem();
        n_slots *= 2;
    }
    title_slot *slots = isms__calloc(n_slots, sizeof *slots);
    if (!slots)
        return isms__error_nomem();
    const size_t before = isms_findings_count(out);
    int rc = ISMS_OK;
    for (size_t i = 0; i < reg->count && !rc; i++) {
        const isms_risk *r = reg->items[i];
        rc = lint_risk(&x, r);
        if (rc)
            break;
        bool blank;
        uint64_t h = isms__text_hash(r->title, &blank);
        if (blank)
            continue;
        size_t mask = n_slots - 1, s = (size_t)h & mask;
        for (; slots[s].index; s = (s + 1) & mask)
            if (slots[s].hash == h &&
                isms_text_matches(reg->items[slots[s].index - 1]->title, r->title))
                break;
        if (!slots[s].index) {
            slots[s].hash = h;
            slots[s].index = i + 1;
            continue;
        }
        const isms_risk *first = reg->items[slots[s].index - 1];
        rc = x.lang == ISMS_LANG_SV
                 ? isms__findings_addf(out, ISMS_SEVERITY_WARNING, "risk-duplicate-title",
                                       r->id, "Samma titel som risk %s: \"%s\"", first->id,
                                       r->title)
                 : isms__findings_addf(out, ISMS_SEVERITY_WARNING, "risk-duplicate-title",
                                       r->id, "Same title as risk %s: \"%s\"", first->id,
                                       r->title);
    }
    isms__free(slots);
    if (rc)
        isms__findings_truncate(out, before); /* all or nothing */
    return rc;
}

/* ---- risk accessors ------------------------------------------------------------------ */

const char *isms_risk_id(const isms_risk *r)
{
    return r ? r->id : NULL;
}

const char *isms_risk_title(const isms_risk *r)
{
    return r ? r->title : "";
}

int isms_risk_set_title(isms_risk *r, const char *title)
{
    if (!r)
        return isms__error(ISMS_EINVAL, "isms_risk_set_title: risk is NULL");
    if (isms__text_check("title", title))
        return ISMS_EINVAL;
    return isms__text_set(&r->title, title);
}

const char *isms_risk_consequence_text(const isms_risk *r)
{
    return r ? r->consequence_text : "";
}

int isms_risk_set_consequence_text(isms_risk *r, const char *text)
{
    if (!r)
        return isms__error(ISMS_EINVAL, "isms_risk_set_consequence_text: risk is NULL");
    if (isms__text_check("consequence text", text))
        return ISMS_EINVAL;
    return isms__text_set(&r->consequence_text, text);
}

int isms_risk_likelihood(const isms_risk *r)
{
    return r ? r->likelihood : ISMS_LEVEL_UNSET;
}

int isms_risk_consequence(const isms_risk *r)
{
    return r ? r->consequence : ISMS_LEVEL_UNSET;
}

int isms_risk_set_levels(isms_risk *r, int likelihood, int consequence)
{
    if (!r)
        return isms__error(ISMS_EINVAL, "isms_risk_set_levels: risk is NULL");
    r->likelihood = likelihood;
    r->consequence = consequence;
    rescore(r);
    return ISMS_OK;
}

int isms_risk_residual_likelihood(const isms_risk *r)
{
    return r ? r->residual_likelihood : ISMS_LEVEL_UNSET;
}

int isms_risk_residual_consequence(const isms_risk *r)
{
    return r ? r->residual_consequence : ISMS_LEVEL_UNSET;
}

int isms_risk_set_residual(isms_risk *r, int likelihood, int consequence)
{
    if (!r)
        return isms__error(ISMS_EINVAL, "isms_risk_set_residual: risk is NULL");
    r->residual_likelihood = likelihood;
    r->residual_consequence = consequence;
    rescore(r);
    return ISMS_OK;
}

int isms_risk_stated_value(const isms_risk *r)
{
    return r ? r->stated_value : ISMS_VALUE_UNSET;
}

int isms_risk_set_stated_value(isms_risk *r, int value)
{
    if (!r)
        return isms__error(ISMS_EINVAL, "isms_risk_set_stated_value: risk is NULL");
    r->stated_value = value;
    return ISMS_OK;
}

int isms_risk_value(const isms_risk *r, isms_which which)
{
    if (!r || !valid_which(which))
        return ISMS_VALUE_UNSET;
    return r->value[which];
}

int isms_risk_score(isms_score *out, const isms_risk *r, isms_which which)
{
    if (!out || !r)
        return isms__error(ISMS_EINVAL, "isms_risk_score: NULL argument");
    if (!valid_which(which))
        return isms__error(ISMS_EINVAL, "unknown value kind %d", (int)which);
    const char *kind = which == ISMS_RESIDUAL && !residual_unset(r) ? "residual " : "";
    if (r->state[which] == UNASSESSED)
        return isms__error(ISMS_ENOTFOUND, "risk \"%.64s\": %slikelihood and consequence are "
                                           "not both assessed",
                           r->id, kind);
    if (r->state[which] == OFF_SCALE) {
        int l, c;
        levels_of(r, which, &l, &c);
        char msg[512];
        isms_score ignored;
        isms_matrix_score(&ignored, r->reg->matrix, l, c); /* describes the bad level */
        snprintf(msg, sizeof msg, "%s", isms_error_last()->message);
        return isms__error(ISMS_ERANGE, "risk \"%.64s\": %s%s", r->id, kind, msg);
    }
    out->value = r->value[which];
    out->band = r->band[which];
    out->normalized = isms_matrix_normalize(r->reg->matrix, r->value[which]);
    return ISMS_OK;
}

isms_treatment isms_risk_treatment(const isms_risk *r)
{
    return r ? (isms_treatment)r->treatment : ISMS_TREATMENT_NONE;
}

const char *isms_risk_treatment_text(const isms_risk *r)
{
    return r ? r->treatment_text : "";
}

int isms_risk_set_treatment(isms_risk *r, isms_treatment option, const char *text)
{
    if (!r)
        return isms__error(ISMS_EINVAL, "isms_risk_set_treatment: risk is NULL");
    if ((unsigned)option > ISMS_TREATMENT_SHARE)
        return isms__error(ISMS_EINVAL, "unknown treatment option %d", (int)option);
    if (isms__text_check("treatment text", text))
        return ISMS_EINVAL;
    int rc = isms__text_set(&r->treatment_text, text);
    if (rc)
        return rc;
    r->treatment = (unsigned char)option;
    return ISMS_OK;
}

const char *isms_risk_owner(const isms_risk *r)
{
    return r ? r->owner : "";
}

int isms_risk_set_owner(isms_risk *r, const char *owner)
{
    if (!r)
        return isms__error(ISMS_EINVAL, "isms_risk_set_owner: risk is NULL");
    if (isms__text_check("owner", owner))
        return ISMS_EINVAL;
    return isms__text_set(&r->owner, owner);
}

isms_risk_status isms_risk_get_status(const isms_risk *r)
{
    return r ? (isms_risk_status)r->status : ISMS_RISK_OPEN;
}

int isms_risk_set_status(isms_risk *r, isms_risk_status status)
{
    if (!r)
        return isms__error(ISMS_EINVAL, "isms_risk_set_status: risk is NULL");
    if ((unsigned)status > ISMS_RISK_CLOSED)
        return isms__error(ISMS_EINVAL, "unknown risk status %d", (int)status);
    r->status = (unsigned char)status;
    return ISMS_OK;
}

/* ---- vectors of other methods -------------------------------------------------------- */

int isms_risk_set_vector(isms_risk *r, const char *vector)
{
    if (!r)
        return isms__error(ISMS_EINVAL, "isms_risk_set_vector: risk is NULL");
    if (isms__text_check("vector", vector))
        return ISMS_EINVAL;
    if (!vector || !*vector) {
        isms__text_free(r->vector);
        r->vector = isms__text_empty;
        memset(&r->rating, 0, sizeof r->rating);
        return ISMS_OK;
    }
    isms_rating rating;
    int rc = isms_rating_parse(&rating, vector);
    if (rc)
        return rc;
    rc = isms__text_set(&r->vector, vector);
    if (rc)
        return rc;
    r->rating = rating;
    return ISMS_OK;
}

const char *isms_risk_vector(const isms_risk *r)
{
    return r ? r->vector : "";
}

isms_method isms_risk_method(const isms_risk *r)
{
    return r && *r->vector ? r->rating.method : ISMS_METHOD_MATRIX;
}

int isms_risk_rating(isms_rating *out, const isms_risk *r)
{
    if (!out || !r)
        return isms__error(ISMS_EINVAL, "isms_risk_rating: NULL argument");
    if (!*r->vector)
        return isms__error(ISMS_ENOTFOUND, "risk \"%.64s\" has no vector of a rating method",
                           r->id);
    *out = r->rating;
    return ISMS_OK;
}

int isms_risk_normalized(double *out, const isms_risk *r, isms_which which)
{
    if (!out || !r)
        return isms__error(ISMS_EINVAL, "isms_risk_normalized: NULL argument");
    if (!valid_which(which))
        return isms__error(ISMS_EINVAL, "unknown value kind %d", (int)which);
    if (*r->vector && (which == ISMS_INHERENT || residual_unset(r))) {
        *out = r->rating.normalized;
        return ISMS_OK;
    }
    isms_score s;
    int rc = isms_risk_score(&s, r, which);
    if (rc)
        return rc;
    *out = s.normalized;
    return ISMS_OK;
}

/* ---- look-up for other modules ------------------------------------------------------- */

isms_risk *isms__register_lookup(const isms_register *reg, const char *id)
{
    return reg && id ? isms__index_find(&reg->index, id) : NULL;
}

uint64_t isms__risk_serial(const isms_risk *r)
{
    return r ? r->serial : 0;
}

uint64_t isms__register_removals(const isms_register *reg)
{
    return reg ? reg->removals : 0;
}
