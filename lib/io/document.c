/* The ISMS document: the object that holds an organisation's whole ISMS, its accessors, its
 * settings, and the calculations over all its parts (lint, simulation).
 *
 * The document owns a register (and through it the matrix), an inventory (and through it the
 * scheme and floors), a plan, the assessments sorted by year (oldest first), the models of
 * risks, the context items, the text fields and the settings. The plan's sources are always
 * the register, the latest assessment and the inventory: every function that replaces one of
 * them calls sync_sources().
 *
 * Models: each belongs to one risk object, known by the risk's id and its serial
 * (isms__risk_serial(), which a risk removed and added again does not keep). They are kept in
 * an array sorted by serial, which is the register's order (risks are only ever appended),
 * with an index by risk id and one by the model's address (so that a model given twice is
 * refused at once). The register is borrowed out and may be changed by the caller: an added
 * risk changes nothing (it has no model), but a removal may leave a model whose risk is gone
 * (or was replaced by another of the same id). Such a stale model is never reported: while
 * the register's removal count (isms__register_removals()) is the one the models were last
 * brought in line with, every model is live and the readers answer from the array in O(1);
 * after a removal they check each model (isms_document_model_count() and
 * isms_document_model_at() then take O(models)). The next isms_document_set_model(),
 * isms_document_set_register() or isms_document_set_matrix() brings the models in line
 * again (sync_models(), which frees the stale ones). isms_document_set_model() is O(1)
 * amortised for models given in the register's order. The const readers never change the
 * document, so reading from many threads stays safe.
 *
 * Imported catalogs: an assessment may be held against a catalog imported from OSCAL. The
 * document holds a reference of its own to each imported catalog that came into it, with an
 * assessment (isms_document_add_assessment()) or from the file (the loader,
 * isms__doc_add_catalogs()), in the order they came (`catalogs`), one per UUID, until
 * isms_document_remove_catalog() (which refuses while an assessment uses it): removing or
 * replacing an assessment loses no catalog, and load → save loses nothing. The document file
 * embeds each of them once, by UUID (doc-save.c), so two catalog objects with the same UUID in
 * one document must be the same catalog (imported twice from the same file):
 * isms_document_add_assessment() compares them and refuses one whose content differs (saving
 * would write only the first, and the second's assessment would come back against it). The
 * catalogs are found by UUID through `catalog_order`, their indices sorted by UUID
 * (bisection: no hash that a file could steer), so that adding an assessment costs
 * O(log catalogs) and a document with many assessments loads in linear time. Lint reports a
 * catalog that no assessment uses (`doc-catalog-unused`).
 *
 * Every mutator allocates what it needs before it changes anything, so ISMS_ENOMEM leaves the
 * document as it was and the caller still owns what it passed in.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc-internal.h"
#include "asset/asset-internal.h"
#include "catalog/catalog-internal.h"
#include "plan/plan-internal.h"

#define N_FIELDS 6
/* The limits of the format (lib/io/libisms-1.schema.json). */
#define YEAR_MIN 1900
#define YEAR_MAX 9999
#define PERIODS_MAX 1200
#define ITERATIONS_MAX 100000000u
/* Seeds are JSON integers, which the loader reads as signed 64-bit numbers. */
#define SEED_MAX ((uint64_t)INT64_MAX)

typedef struct doc_context {
    char *title; /* owned (isms__text_dup) */
    char *text;  /* owned, or isms__text_empty */
} doc_context;

typedef struct doc_model {
    isms_fair *model; /* owned */
    uint64_t serial;  /* its risk's isms__risk_serial() */
    bool placed;      /* scratch of sync_models() */
    char addr[2 * sizeof(uintptr_t) + 1]; /* the model's address in hex (key of model_addr) */
    char id[];        /* the risk's id */
} doc_model;

struct isms_document {
    int year;
    isms_lang lang;
    isms_date date; /* all zero when not set */
    char *text[N_FIELDS];
    doc_context *context;
    size_t n_context, cap_context;
    isms_register *reg;
    isms_inventory *inv;
    isms_plan *plan;
    isms_assessment **assessments; /* by year, oldest first */
    size_t n_assessments, cap_assessments;
    const isms_catalog **catalogs; /* the imported catalogs held (references), in the order
                                      they came into the document */
    size_t n_catalogs, cap_catalogs;
    size_t *catalog_order;         /* indices into `catalogs`, by UUID (ascending) */
    size_t cap_order;
    doc_model **models; /* by serial: the register's order */
    size_t n_models, cap_models;
    isms__index model_index; /* by risk id */
    isms__index model_addr;  /* by the model's address */
    uint64_t models_removals; /* the register's removals when the models were in line */
    /* The settings; their arrays point to the owned copies below. */
    isms_settings settings;
    double *capacities;
    char **owners;
    double *owner_capacity;
};

static const char *const field_names[N_FIELDS] = {
    "organisation", "unit", "title", "author", "scope", "decision",
};

static bool date_empty(isms_date d)
{
    return d.year == 0 && d.month == 0 && d.day == 0;
}

static const char *model_key(const void *item)
{
    return ((const doc_model *)item)->id;
}

static const char *model_addr_key(const void *item)
{
    return ((const doc_model *)item)->addr;
}

/* The address of a model in hex: the key of the index of models by address. */
static void address_key(char buf[2 * sizeof(uintptr_t) + 1], const isms_fair *model)
{
    static const char hex[] = "0123456789abcdef";
    uintptr_t a = (uintptr_t)model;
    for (size_t i = 2 * sizeof a; i-- > 0; a >>= 4)
        buf[i] = hex[a & 15];
    buf[2 * sizeof a] = '\0';
}

static void model_free(doc_model *m)
{
    if (m) {
        isms_fair_free(m->model);
        isms__free(m);
    }
}

/* The latest assessment, or NULL. */
static isms_assessment *latest(const isms_document *doc)
{
    return doc->n_assessments ? doc->assessments[doc->n_assessments - 1] : NULL;
}

/* The plan's sources are the document's register, latest assessment and inventory. */
static void sync_sources(isms_document *doc)
{
    isms_plan_set_sources(doc->plan, doc->reg, latest(doc), doc->inv);
}

/* The model entry of a risk id, whether its risk exists or not. */
static doc_model *model_entry(const isms_document *doc, const char *id)
{
    return doc->n_models ? isms__index_find(&doc->model_index, id) : NULL;
}

/* True while no risk was removed from the register since the models were brought in line:
 * then every model's risk is there. */
static bool models_in_line(const isms_document *doc)
{
    return isms__register_removals(doc->reg) == doc->models_removals;
}

/* Whether model `m` belongs to a risk of the register: the very risk it was given to. */
static bool model_live(const isms_document *doc, const doc_model *m)
{
    const isms_risk *r = isms__register_lookup(doc->reg, m->id);
    return r && isms__risk_serial(r) == m->serial;
}

/* The position in doc->models of the first model whose serial is `serial` or more. */
static size_t model_position(const isms_document *doc, uint64_t serial)
{
    size_t lo = 0, hi = doc->n_models;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (doc->models[mid]->serial < serial)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static int serial_cmp(const void *pa, const void *pb)
{
    const doc_model *a = *(const doc_model *const *)pa, *b = *(const doc_model *const *)pb;
    return a->serial < b->serial ? -1 : a->serial > b->serial;
}

/*
 * Brings the models in line with the register `reg` (the document's, or one about to become
 * it): the models of risks `reg` holds stay, in its order, and the others are freed. With
 * `rekey` (a register of other risk objects) a model stays with the risk of its id, whichever
 * object that is; else only with the risk it was given to. Never allocates.
 */
static void sync_models(isms_document *doc, const isms_register *reg, bool rekey)
{
    doc->models_removals = isms__register_removals(reg);
    if (!doc->n_models)
        return;
    for (size_t i = 0; i < doc->n_models; i++)
        doc->models[i]->placed = false;
    size_t n = isms_register_count(reg), placed = 0;
    for (size_t i = 0; i < n && placed < doc->n_models; i++) {
        const isms_risk *r = isms_register_at(reg, i);
        doc_model *m = isms__index_find(&doc->model_index, isms_risk_id(r));
        if (m && (rekey || m->serial == isms__risk_serial(r))) {
            m->serial = isms__risk_serial(r);
            m->placed = true;
            placed++;
        }
    }
    size_t k = 0;
    for (size_t i = 0; i < doc->n_models; i++) {
        doc_model *m = doc->models[i];
        if (m->placed) {
            doc->models[k++] = m;
            continue;
        }
        isms__index_remove(&doc->model_index, m->id);
        isms__index_remove(&doc->model_addr, m->addr);
        model_free(m);
    }
    doc->n_models = k;
    if (rekey) /* the new serials need not follow the old ones' order */
        qsort(doc->models, doc->n_models, sizeof *doc->models, serial_cmp);
}

/* ---- settings storage -------------------------------------------------------------------- */

static void settings_free_arrays(double *capacities, char **owners, double *owner_capacity,
                                 size_t owner_count)
{
    isms__free(capacities);
    for (size_t i = 0; owners && i < owner_count; i++)
        isms__free(owners[i]);
    isms__free(owners);
    isms__free(owner_capacity);
}

isms_settings isms_settings_default(void)
{
    isms_settings s;
    memset(&s, 0, sizeof s);
    s.priority = isms_priority_default();
    s.compliance = isms_weights_default();
    s.unit = ISMS_PERIOD_YEAR;
    s.start_year = 0;
    s.periods = 3;
    s.capacity = 0.0;
    s.capacities = NULL;
    s.owners = NULL;
    s.owner_capacity = NULL;
    s.owner_count = 0;
    s.strict = false;
    s.iterations = ISMS_SIM_DEFAULT_ITERATIONS;
    s.seed = 1;
    return s;
}

/* ---- new and free ------------------------------------------------------------------------ */

int isms_document_new(isms_document **out, int year)
{
    if (!out)
        return isms__error(ISMS_EINVAL, "isms_document_new: out is NULL");
    if (year < YEAR_MIN || year > YEAR_MAX)
        return isms__error(ISMS_ERANGE, "the document's year %d is out of range: expected "
                                        "%d–%d", year, YEAR_MIN, YEAR_MAX);
    isms_document *doc = isms__calloc(1, sizeof *doc);
    if (!doc)
        return isms__error_nomem();
    doc->year = year;
    doc->lang = ISMS_LANG_SV;
    for (int f = 0; f < N_FIELDS; f++)
        doc->text[f] = isms__text_empty;
    isms__index_init(&doc->model_index, model_key);
    isms__index_init(&doc->model_addr, model_addr_key);
    doc->settings = isms_settings_default();
    int rc = isms_register_new(&doc->reg, NULL);
    if (!rc)
        rc = isms_inventory_new(&doc->inv, NULL);
    if (!rc)
        rc = isms_plan_new(&doc->plan, year);
    if (rc) {
        isms_document_free(doc);
        return rc;
    }
    sync_sources(doc);
    *out = doc;
    return ISMS_OK;
}

void isms_document_free(isms_document *doc)
{
    if (!doc)
        return;
    for (int f = 0; f < N_FIELDS; f++)
        isms__text_free(doc->text[f]);
    for (size_t i = 0; i < doc->n_context; i++) {
        isms__text_free(doc->context[i].title);
        isms__text_free(doc->context[i].text);
    }
    isms__free(doc->context);
    isms_plan_free(doc->plan);
    for (size_t i = 0; i < doc->n_assessments; i++)
        isms_assessment_free(doc->assessments[i]);
    isms__free(doc->assessments);
    for (size_t i = 0; i < doc->n_catalogs; i++)
        isms__catalog_unref(doc->catalogs[i]);
    isms__free(doc->catalogs);
    isms__free(doc->catalog_order);
    isms_inventory_free(doc->inv);
    for (size_t i = 0; i < doc->n_models; i++)
        model_free(doc->models[i]);
    isms__free(doc->models);
    isms__index_free(&doc->model_index);
    isms__index_free(&doc->model_addr);
    isms_register_free(doc->reg);
    settings_free_arrays(doc->capacities, doc->owners, doc->owner_capacity,
                         doc->settings.owner_count);
    isms__free(doc);
}

int isms_document_year(const isms_document *doc)
{
    return doc ? doc->year : 0;
}

/* ---- text fields, language, date --------------------------------------------------------- */

const char *isms_document_get(const isms_document *doc, isms_document_field field)
{
    if (!doc || (unsigned)field >= N_FIELDS)
        return "";
    return doc->text[field];
}

int isms_document_set(isms_document *doc, isms_document_field field, const char *text)
{
    if (!doc)
        return isms__error(ISMS_EINVAL, "isms_document_set: document is NULL");
    if ((unsigned)field >= N_FIELDS)
        return isms__error(ISMS_EINVAL, "%d is not a text field of a document: expected "
                                        "ISMS_DOC_ORGANISATION … ISMS_DOC_DECISION (0–5)",
                           (int)field);
    if (isms__text_check(field_names[field], text))
        return ISMS_EINVAL;
    return isms__text_set(&doc->text[field], text);
}

isms_lang isms_document_lang(const isms_document *doc)
{
    return doc ? doc->lang : ISMS_LANG_SV;
}

int isms_document_set_lang(isms_document *doc, isms_lang lang)
{
    if (!doc)
        return isms__error(ISMS_EINVAL, "isms_document_set_lang: document is NULL");
    if (lang != ISMS_LANG_SV && lang != ISMS_LANG_EN)
        return isms__error(ISMS_EINVAL, "%d is not a language: expected ISMS_LANG_SV or "
                                        "ISMS_LANG_EN", (int)lang);
    doc->lang = lang;
    return ISMS_OK;
}

isms_date isms_document_date(const isms_document *doc)
{
    return doc ? doc->date : (isms_date){ 0, 0, 0 };
}

int isms_document_set_date(isms_document *doc, isms_date date)
{
    if (!doc)
        return isms__error(ISMS_EINVAL, "isms_document_set_date: document is NULL");
    if (!date_empty(date) && !isms_date_valid(date))
        return isms__error(ISMS_EINVAL, "the reference date %04d-%02d-%02d does not exist: "
                                        "expected a day from 1900-01-01 to 9999-12-31, or "
                                        "the empty date to clear it",
                           date.year, date.month, date.day);
    doc->date = date;
    return ISMS_OK;
}

isms_date isms_document_today(const isms_document *doc)
{
    if (!doc)
        return (isms_date){ 0, 0, 0 };
    if (!date_empty(doc->date))
        return doc->date;
    return (isms_date){ doc->year, 12, 31 };
}

/* ---- context ----------------------------------------------------------------------------- */

size_t isms_document_context_count(const isms_document *doc)
{
    return doc ? doc->n_context : 0;
}

int isms_document_context(const char **title, const char **text, const isms_document *doc,
                          size_t index)
{
    if (!doc)
        return isms__error(ISMS_EINVAL, "isms_document_context: document is NULL");
    if (index >= doc->n_context)
        return isms__error(ISMS_ERANGE, "context item %zu does not exist (the document has "
                                        "%zu)", index, doc->n_context);
    if (title)
        *title = doc->context[index].title;
    if (text)
        *text = doc->context[index].text;
    return ISMS_OK;
}

int isms_document_add_context(isms_document *doc, const char *title, const char *text)
{
    if (!doc)
        return isms__error(ISMS_EINVAL, "isms_document_add_context: document is NULL");
    if (!title || isms__text_blank(title))
        return isms__error(ISMS_EINVAL, "a context item needs a title that is not empty");
    if (isms__text_check("context title", title) || isms__text_check("context text", text))
        return ISMS_EINVAL;
    if (!isms__grow((void **)&doc->context, &doc->cap_context, doc->n_context + 1,
                    sizeof *doc->context))
        return isms__error_nomem();
    char *t = isms__text_dup(title);
    char *x = t ? isms__text_dup(text) : NULL;
    if (!x) {
        isms__text_free(t);
        return isms__error_nomem();
    }
    doc->context[doc->n_context++] = (doc_context){ t, x };
    return ISMS_OK;
}

void isms_document_clear_context(isms_document *doc)
{
    if (!doc)
        return;
    for (size_t i = 0; i < doc->n_context; i++) {
        isms__text_free(doc->context[i].title);
        isms__text_free(doc->context[i].text);
    }
    doc->n_context = 0;
}

/* ---- register and matrix ----------------------------------------------------------------- */

isms_register *isms_document_register(const isms_document *doc)
{
    return doc ? doc->reg : NULL;
}

/* The checks before a part replaces the document's `current` one: ISMS_EINVAL when an
 * argument is NULL (`fn` names the function) or when `part` is the document's `what`
 * already. */
static int check_part(const isms_document *doc, const void *part, const void *current,
                      const char *fn, const char *what)
{
    if (!doc || !part)
        return isms__error(ISMS_EINVAL, "%s: NULL argument", fn);
    if (part == current)
        return isms__error(ISMS_EINVAL, "the %s is already the document's", what);
    return ISMS_OK;
}

/* Makes `reg`, `inv` and `plan` the document's parts (NULL: the part stays) and frees the ones
 * they replace. The register's models follow it (sync_models()), the plan its sources. */
static void replace_parts(isms_document *doc, isms_register *reg, isms_inventory *inv,
                          isms_plan *plan)
{
    isms_register *old_reg = NULL;
    isms_inventory *old_inv = NULL;
    isms_plan *old_plan = NULL;
    if (reg) {
        sync_models(doc, reg, true);
        old_reg = doc->reg;
        doc->reg = reg;
    }
    if (inv) {
        old_inv = doc->inv;
        doc->inv = inv;
    }
    if (plan) {
        old_plan = doc->plan;
        doc->plan = plan;
    }
    sync_sources(doc);
    isms_register_free(old_reg);
    isms_inventory_free(old_inv);
    isms_plan_free(old_plan);
}

int isms_document_set_register(isms_document *doc, isms_register *reg)
{
    int rc = check_part(doc, reg, doc ? doc->reg : NULL, "isms_document_set_register",
                        "register");
    if (rc == ISMS_OK)
        replace_parts(doc, reg, NULL, NULL);
    return rc;
}

/* ISMS_ERANGE when a set level is not on the axis of the new matrix. */
static int check_level(const isms_matrix *m, isms_axis axis, int value, const char *owner,
                       const char *id, const char *what)
{
    if (value == ISMS_LEVEL_UNSET || isms__matrix_has_level(m, axis, value))
        return ISMS_OK;
    char scale[128];
    isms__matrix_scale_text(scale, sizeof scale, m, axis);
    return isms__error(ISMS_ERANGE, "%s \"%.64s\": %s %d is not on the %s scale %s of the matrix "
                                    "\"%.64s\"; change it before changing the matrix",
                       owner, id, what, value,
                       axis == ISMS_AXIS_LIKELIHOOD ? "likelihood" : "consequence", scale,
                       isms_matrix_name(m));
}

static int check_risk_levels(const isms_matrix *m, const isms_risk *r)
{
    const char *id = isms_risk_id(r);
    int rc = check_level(m, ISMS_AXIS_LIKELIHOOD, isms_risk_likelihood(r), "risk", id,
                         "likelihood");
    if (!rc)
        rc = check_level(m, ISMS_AXIS_CONSEQUENCE, isms_risk_consequence(r), "risk", id,
                         "consequence");
    if (!rc)
        rc = check_level(m, ISMS_AXIS_LIKELIHOOD, isms_risk_residual_likelihood(r), "risk", id,
                         "residual likelihood");
    if (!rc)
        rc = check_level(m, ISMS_AXIS_CONSEQUENCE, isms_risk_residual_consequence(r), "risk",
                         id, "residual consequence");
    return rc;
}

/* Adds a copy of risk `r`, with all its fields, to `reg`. */
static int copy_risk(isms_register *reg, const isms_risk *r)
{
    isms_risk *c = NULL;
    int rc = isms_register_add(&c, reg, isms_risk_id(r), isms_risk_title(r),
                               isms_risk_likelihood(r), isms_risk_consequence(r));
    if (!rc)
        rc = isms_risk_set_consequence_text(c, isms_risk_consequence_text(r));
    if (!rc)
        rc = isms_risk_set_residual(c, isms_risk_residual_likelihood(r),
                                    isms_risk_residual_consequence(r));
    if (!rc)
        rc = isms_risk_set_stated_value(c, isms_risk_stated_value(r));
    if (!rc)
        rc = isms_risk_set_treatment(c, isms_risk_treatment(r), isms_risk_treatment_text(r));
    if (!rc)
        rc = isms_risk_set_owner(c, isms_risk_owner(r));
    if (!rc)
        rc = isms_risk_set_status(c, isms_risk_get_status(r));
    if (!rc && *isms_risk_vector(r))
        rc = isms_risk_set_vector(c, isms_risk_vector(r));
    return rc;
}

int isms_document_set_matrix(isms_document *doc, isms_matrix *matrix)
{
    if (!doc || !matrix)
        return isms__error(ISMS_EINVAL, "isms_document_set_matrix: NULL argument");
    size_t n = isms_register_count(doc->reg);
    for (size_t i = 0; i < n; i++) {
        int rc = check_risk_levels(matrix, isms_register_at(doc->reg, i));
        if (rc)
            return rc;
    }
    size_t n_actions = isms_plan_count(doc->plan);
    for (size_t i = 0; i < n_actions; i++) {
        const isms_action *a = isms_plan_at(doc->plan, i);
        int l, c;
        isms_action_expected_residual(&l, &c, a);
        int rc = check_level(matrix, ISMS_AXIS_LIKELIHOOD, l, "action", isms_action_id(a),
                             "expected residual likelihood");
        if (!rc)
            rc = check_level(matrix, ISMS_AXIS_CONSEQUENCE, c, "action", isms_action_id(a),
                             "expected residual consequence");
        if (rc)
            return rc;
    }
    isms_register *reg = NULL;
    int rc = isms_register_new(&reg, matrix);
    for (size_t i = 0; !rc && i < n; i++)
        rc = copy_risk(reg, isms_register_at(doc->reg, i));
    if (rc) {
        isms_register_free(reg);
        return rc;
    }
    replace_parts(doc, reg, NULL, NULL);
    return ISMS_OK;
}

/* ---- inventory and plan ------------------------------------------------------------------ */

isms_inventory *isms_document_inventory(const isms_document *doc)
{
    return doc ? doc->inv : NULL;
}

int isms_document_set_inventory(isms_document *doc, isms_inventory *inv)
{
    int rc = check_part(doc, inv, doc ? doc->inv : NULL, "isms_document_set_inventory",
                        "inventory");
    if (rc == ISMS_OK)
        replace_parts(doc, NULL, inv, NULL);
    return rc;
}

isms_plan *isms_document_plan(const isms_document *doc)
{
    return doc ? doc->plan : NULL;
}

int isms_document_set_plan(isms_document *doc, isms_plan *plan)
{
    int rc = check_part(doc, plan, doc ? doc->plan : NULL, "isms_document_set_plan",
                        "plan");
    if (rc != ISMS_OK)
        return rc;
    /* The document does not store a plan year of its own: a plan of another year would
     * read its due texts differently once saved and loaded again. */
    if (isms_plan_year(plan) != doc->year)
        return isms__error(ISMS_EINVAL, "the plan is for %d, the document for %d: due dates "
                           "without a year would change meaning; make the plan with the "
                           "document's year", isms_plan_year(plan), doc->year);
    replace_parts(doc, NULL, NULL, plan);
    return ISMS_OK;
}

/* ---- assessments ------------------------------------------------------------------------- */

size_t isms_document_assessment_count(const isms_document *doc)
{
    return doc ? doc->n_assessments : 0;
}

isms_assessment *isms_document_assessment_at(const isms_document *doc, size_t index)
{
    if (!doc || index >= doc->n_assessments)
        return NULL;
    return doc->assessments[index];
}

/* The position of the first assessment whose year is `year` or later. */
static size_t year_position(const isms_document *doc, int year)
{
    size_t lo = 0, hi = doc->n_assessments;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (isms_assessment_year(doc->assessments[mid]) < year)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* ---- imported catalogs ------------------------------------------------------------------- */

/* The imported catalog an assessment is held against, or NULL (a built-in one). */
static const isms_catalog *imported_of(const isms_assessment *a)
{
    const isms_catalog *c = isms_assessment_catalog(a);
    return isms__catalog_imported(c) ? c : NULL;
}

static bool same_label(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

/* Compares a UUID as given (any ASCII case) with an imported catalog's (stored lowercase). */
static int uuid_cmp(const char *given, const char *stored)
{
    for (;; given++, stored++) {
        unsigned char a = (unsigned char)*given, b = (unsigned char)*stored;
        if (a >= 'A' && a <= 'Z')
            a = (unsigned char)(a - 'A' + 'a');
        if (a != b)
            return a < b ? -1 : 1;
        if (!a)
            return 0;
    }
}

/* Bisection in catalog_order: the position of the catalog with the UUID `uuid`, or where it
 * would go; *found tells which. */
static size_t order_position(const isms_document *doc, const char *uuid, bool *found)
{
    size_t lo = 0, hi = doc->n_catalogs;
    *found = false;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = uuid_cmp(uuid, isms_catalog_uuid(doc->catalogs[doc->catalog_order[mid]]));
        if (c == 0) {
            *found = true;
            return mid;
        }
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return lo;
}

/* The held catalog with the UUID `uuid` (ASCII case ignored): its index in `catalogs`, or
 * SIZE_MAX. */
static size_t catalog_index(const isms_document *doc, const char *uuid)
{
    bool found;
    size_t pos = order_position(doc, uuid, &found);
    return found ? doc->catalog_order[pos] : SIZE_MAX;
}

/* Room for `more` catalogs (nothing else changes). */
static bool reserve_catalogs(isms_document *doc, size_t more)
{
    return isms__grow((void **)&doc->catalogs, &doc->cap_catalogs, doc->n_catalogs + more,
                      sizeof *doc->catalogs) &&
           isms__grow((void **)&doc->catalog_order, &doc->cap_order, doc->n_catalogs + more,
                      sizeof *doc->catalog_order);
}

/* Holds `c` (a reference of the document's own) as the last catalog; its UUID is new and
 * there is room. */
static void hold_catalog(isms_document *doc, const isms_catalog *c)
{
    bool found;
    size_t pos = order_position(doc, isms_catalog_uuid(c), &found);
    memmove(&doc->catalog_order[pos + 1], &doc->catalog_order[pos],
            (doc->n_catalogs - pos) * sizeof *doc->catalog_order);
    doc->catalog_order[pos] = doc->n_catalogs;
    doc->catalogs[doc->n_catalogs++] = isms__catalog_ref(c);
}

/*
 * Whether two imported catalogs hold the same content (what the document writes of them:
 * title, version, last-modified, and every item's kind, OSCAL id, label, title and number of
 * children in document order, which fixes the tree). When they differ, `why` says how (one
 * line, for a message): `a` is the new one, `b` the document's.
 */
static bool same_catalog(const isms_catalog *a, const isms_catalog *b, char *why, size_t size)
{
    if (a == b)
        return true;
    const struct {
        const char *what, *x, *y;
    } meta[] = {
        { "title", isms_catalog_title(a), isms_catalog_title(b) },
        { "version", isms_catalog_version(a), isms_catalog_version(b) },
        { "last-modified", isms__catalog_last_modified(a), isms__catalog_last_modified(b) },
    };
    for (size_t k = 0; k < sizeof meta / sizeof *meta; k++)
        if (strcmp(meta[k].x, meta[k].y) != 0) {
            snprintf(why, size, "its %s is \"%.80s\" in the new one and \"%.80s\" in the "
                     "document's", meta[k].what, meta[k].x, meta[k].y);
            return false;
        }
    size_t n = isms_catalog_count(a);
    if (n != isms_catalog_count(b) || isms_catalog_root_count(a) != isms_catalog_root_count(b)) {
        snprintf(why, size, "the new one has %zu items and the document's %zu", n,
                 isms_catalog_count(b));
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        const isms_item *x = isms_catalog_at(a, i), *y = isms_catalog_at(b, i);
        if (isms_item_kind_of(x) != isms_item_kind_of(y) ||
            strcmp(isms_item_oscal_id(x), isms_item_oscal_id(y)) != 0 ||
            !same_label(isms__item_label(x), isms__item_label(y)) ||
            strcmp(isms_item_title(x), isms_item_title(y)) != 0 ||
            isms_item_child_count(x) != isms_item_child_count(y)) {
            snprintf(why, size, "item %zu is %.80s (\"%.80s\") in the new one and %.80s "
                     "(\"%.80s\") in the document's%s",
                     i + 1, isms_item_id(x), isms_item_title(x), isms_item_id(y),
                     isms_item_title(y),
                     strcmp(isms_item_id(x), isms_item_id(y)) == 0 &&
                             strcmp(isms_item_title(x), isms_item_title(y)) == 0
                         ? " (they differ in kind, label or number of children)"
                         : "");
            return false;
        }
    }
    return true;
}

/* The error of an assessment's catalog that has the UUID of another one the document holds,
 * with other content. */
static int catalog_conflict(const isms_document *doc, const isms_assessment *a,
                            const isms_catalog *other, const char *why)
{
    const isms_catalog *c = isms_assessment_catalog(a);
    char where[96] = "";
    for (size_t i = 0; i < doc->n_assessments; i++)
        if (isms_assessment_catalog(doc->assessments[i]) == other) {
            snprintf(where, sizeof where, "for the assessment of %d",
                     isms_assessment_year(doc->assessments[i]));
            break;
        }
    if (!where[0])
        snprintf(where, sizeof where, "which no assessment uses now");
    return isms__error(ISMS_EINVAL,
                       "the assessment of %d is held against the catalog \"%.200s\" (uuid %s), "
                       "but the document already holds a catalog with that uuid (%s, \"%.200s\") "
                       "whose content differs: %s. A document keeps one catalog per uuid, and "
                       "OSCAL gives a changed catalog a new uuid: import the changed catalog "
                       "under a uuid of its own, or hold the assessment against the same one",
                       isms_assessment_year(a), isms_catalog_title(c), isms_catalog_uuid(c),
                       where, isms_catalog_title(other), why);
}

/* Before an assessment comes in: ISMS_EINVAL when its imported catalog has the UUID of a held
 * catalog with other content; *hold tells whether the catalog is new to the document, and
 * then there is room for it (ISMS_ENOMEM when there is not). The same catalog object, the
 * usual case, is found at once. */
static int check_catalog(isms_document *doc, const isms_assessment *a, bool *hold)
{
    *hold = false;
    const isms_catalog *c = imported_of(a);
    if (!c)
        return ISMS_OK;
    size_t i = catalog_index(doc, isms_catalog_uuid(c));
    if (i != SIZE_MAX) {
        const isms_catalog *o = doc->catalogs[i];
        char why[512];
        if (o == c || same_catalog(c, o, why, sizeof why))
            return ISMS_OK;
        return catalog_conflict(doc, a, o, why);
    }
    if (!reserve_catalogs(doc, 1))
        return isms__error_nomem();
    *hold = true;
    return ISMS_OK;
}

/* A held or incoming catalog while the order is rebuilt: its index and UUID. */
typedef struct order_entry {
    size_t index;
    const char *uuid;
} order_entry;

static int cmp_order_entry(const void *pa, const void *pb)
{
    const order_entry *a = pa, *b = pb;
    int c = strcmp(a->uuid, b->uuid);
    return c ? c : (a->index > b->index) - (a->index < b->index);
}

int isms__doc_add_catalogs(isms_document *doc, const isms_catalog *const *list, size_t n,
                           size_t dup[2])
{
    dup[0] = dup[1] = SIZE_MAX;
    if (!doc || (!list && n))
        return isms__error(ISMS_EINVAL, "isms__doc_add_catalogs: NULL argument");
    for (size_t i = 0; i < n; i++)
        if (!isms__catalog_imported(list[i]))
            return isms__error(ISMS_EINVAL, "isms__doc_add_catalogs: catalog %zu is not an "
                               "imported catalog", i + 1);
    size_t total = doc->n_catalogs + n;
    order_entry *sorted = isms__malloc((total ? total : 1) * sizeof *sorted);
    if (!sorted || !reserve_catalogs(doc, n)) {
        isms__free(sorted);
        return isms__error_nomem();
    }
    for (size_t i = 0; i < total; i++) {
        sorted[i].index = i;
        sorted[i].uuid = isms_catalog_uuid(i < doc->n_catalogs ? doc->catalogs[i]
                                                               : list[i - doc->n_catalogs]);
    }
    qsort(sorted, total, sizeof *sorted, cmp_order_entry);
    /* A UUID twice: the second time it comes, the earliest such. */
    size_t first = SIZE_MAX, second = SIZE_MAX, run = 0; /* run: where the UUID's run starts */
    for (size_t k = 1; k < total; k++) {
        if (strcmp(sorted[k].uuid, sorted[k - 1].uuid) != 0)
            run = k;
        else if (sorted[k].index < second) {
            second = sorted[k].index;
            first = sorted[run].index;
        }
    }
    if (second != SIZE_MAX) {
        isms__free(sorted);
        dup[0] = first;
        dup[1] = second;
        const isms_catalog *c = list[second - doc->n_catalogs];
        return isms__error(ISMS_EEXIST, "a second catalog with the uuid %s (\"%.200s\"): a "
                           "document holds each catalog once (ASCII case does not count in a "
                           "uuid)", isms_catalog_uuid(c), isms_catalog_title(c));
    }
    for (size_t i = 0; i < n; i++)
        doc->catalogs[doc->n_catalogs + i] = isms__catalog_ref(list[i]);
    doc->n_catalogs = total;
    for (size_t k = 0; k < total; k++)
        doc->catalog_order[k] = sorted[k].index;
    isms__free(sorted);
    return ISMS_OK;
}

const isms_catalog *isms__doc_find_catalog(const isms_document *doc, const char *uuid)
{
    if (!doc || !uuid)
        return NULL;
    size_t i = catalog_index(doc, uuid);
    return i == SIZE_MAX ? NULL : doc->catalogs[i];
}

size_t isms_document_catalog_count(const isms_document *doc)
{
    return doc ? doc->n_catalogs : 0;
}

const isms_catalog *isms_document_catalog_at(const isms_document *doc, size_t index)
{
    return doc && index < doc->n_catalogs ? doc->catalogs[index] : NULL;
}

/* The list of the held catalogs' UUIDs, for a message ("a, b and c"; cut with "…"). */
static void describe_catalogs(char *buf, size_t size, const isms_document *doc)
{
    size_t len = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < doc->n_catalogs; i++) {
        const char *sep = i == 0 ? "" : i + 1 == doc->n_catalogs ? " and " : ", ";
        int k = snprintf(buf + len, size - len, "%s%s", sep, isms_catalog_uuid(doc->catalogs[i]));
        if (k < 0 || (size_t)k + 4 >= size - len) {
            snprintf(buf + len, size - len, "%s", len ? ", …" : "…");
            break;
        }
        len += (size_t)k;
    }
}

int isms_document_remove_catalog(isms_document *doc, const char *uuid)
{
    if (!doc || !uuid)
        return isms__error(ISMS_EINVAL, "isms_document_remove_catalog: NULL argument");
    bool found;
    size_t pos = order_position(doc, uuid, &found);
    if (!found) {
        if (doc->n_catalogs == 0)
            return isms__error(ISMS_ENOTFOUND, "no catalog with the uuid \"%.64s\": the document "
                               "holds no imported catalog", uuid);
        char list[512];
        describe_catalogs(list, sizeof list, doc);
        return isms__error(ISMS_ENOTFOUND, "no catalog with the uuid \"%.64s\": the document "
                           "holds the imported catalog%s %s", uuid,
                           doc->n_catalogs == 1 ? "" : "s", list);
    }
    size_t index = doc->catalog_order[pos];
    const isms_catalog *c = doc->catalogs[index];
    /* Refused while an assessment uses it: name their years. */
    char years[256];
    size_t len = 0, used = 0;
    years[0] = '\0';
    for (size_t i = 0; i < doc->n_assessments; i++) {
        const isms_catalog *o = imported_of(doc->assessments[i]);
        if (!o || strcmp(isms_catalog_uuid(o), isms_catalog_uuid(c)) != 0)
            continue;
        used++;
        int k = snprintf(years + len, sizeof years - len, "%s%d", used > 1 ? ", " : "",
                         isms_assessment_year(doc->assessments[i]));
        if (k > 0 && (size_t)k < sizeof years - len)
            len += (size_t)k;
    }
    if (used) {
        /* "2023, 2024" → "2023 and 2024" */
        char *last = strrchr(years, ',');
        char shown[272];
        if (last)
            snprintf(shown, sizeof shown, "%.*s and%s", (int)(last - years), years, last + 1);
        else
            snprintf(shown, sizeof shown, "%s", years);
        return isms__error(ISMS_EINVAL, "the catalog \"%.200s\" (uuid %s) is still used by the "
                           "assessment%s of %s: remove %s first, or hold %s against another "
                           "catalog", isms_catalog_title(c), isms_catalog_uuid(c),
                           used == 1 ? "" : "s", shown, used == 1 ? "it" : "them",
                           used == 1 ? "it" : "them");
    }
    memmove(&doc->catalog_order[pos], &doc->catalog_order[pos + 1],
            (doc->n_catalogs - pos - 1) * sizeof *doc->catalog_order);
    memmove(&doc->catalogs[index], &doc->catalogs[index + 1],
            (doc->n_catalogs - index - 1) * sizeof *doc->catalogs);
    doc->n_catalogs--;
    for (size_t k = 0; k < doc->n_catalogs; k++)
        if (doc->catalog_order[k] > index)
            doc->catalog_order[k]--;
    isms__catalog_unref(c);
    return ISMS_OK;
}

isms_assessment *isms_document_assessment_find(const isms_document *doc, int year)
{
    if (!doc)
        return NULL;
    size_t i = year_position(doc, year);
    if (i < doc->n_assessments && isms_assessment_year(doc->assessments[i]) == year)
        return doc->assessments[i];
    return NULL;
}

isms_assessment *isms_document_current(const isms_document *doc)
{
    return doc ? latest(doc) : NULL;
}

int isms_document_add_assessment(isms_document *doc, isms_assessment *assessment)
{
    if (!doc || !assessment)
        return isms__error(ISMS_EINVAL, "isms_document_add_assessment: NULL argument");
    int year = isms_assessment_year(assessment);
    if (year < YEAR_MIN || year > YEAR_MAX)
        return isms__error(ISMS_EINVAL, "the assessment has no year (%d): expected %d–%d",
                           year, YEAR_MIN, YEAR_MAX);
    for (size_t i = 0; i < doc->n_assessments; i++)
        if (doc->assessments[i] == assessment)
            return isms__error(ISMS_EINVAL, "the assessment of %d is already the document's",
                               year);
    bool hold;
    int rc = check_catalog(doc, assessment, &hold);
    if (rc)
        return rc;
    size_t i = year_position(doc, year);
    if (i < doc->n_assessments && isms_assessment_year(doc->assessments[i]) == year) {
        isms_assessment *old = doc->assessments[i];
        if (hold)
            hold_catalog(doc, imported_of(assessment));
        doc->assessments[i] = assessment;
        sync_sources(doc);
        isms_assessment_free(old); /* its catalog stays held */
        return ISMS_OK;
    }
    if (!isms__grow((void **)&doc->assessments, &doc->cap_assessments, doc->n_assessments + 1,
                    sizeof *doc->assessments))
        return isms__error_nomem();
    if (hold)
        hold_catalog(doc, imported_of(assessment));
    memmove(&doc->assessments[i + 1], &doc->assessments[i],
            (doc->n_assessments - i) * sizeof *doc->assessments);
    doc->assessments[i] = assessment;
    doc->n_assessments++;
    sync_sources(doc);
    return ISMS_OK;
}

void isms__doc_describe_years(char *buf, size_t size, const isms_document *doc)
{
    size_t len = 0;
    if (!buf || size == 0)
        return;
    buf[0] = '\0';
    for (size_t i = 0; doc && i < doc->n_assessments; i++) {
        const char *sep = i == 0 ? "" : i + 1 == doc->n_assessments ? " and " : ", ";
        int k = snprintf(buf + len, size - len, "%s%d", sep,
                         isms_assessment_year(doc->assessments[i]));
        if (k < 0 || (size_t)k >= size - len) { /* cut: keep only whole years */
            buf[len] = '\0';
            break;
        }
        len += (size_t)k;
    }
}

int isms_document_remove_assessment(isms_document *doc, int year)
{
    if (!doc)
        return isms__error(ISMS_EINVAL, "isms_document_remove_assessment: document is NULL");
    size_t i = year_position(doc, year);
    if (i >= doc->n_assessments || isms_assessment_year(doc->assessments[i]) != year) {
        if (!doc->n_assessments)
            return isms__error(ISMS_ENOTFOUND, "no assessment of %d: the document has no "
                                               "assessments", year);
        char years[256];
        isms__doc_describe_years(years, sizeof years, doc);
        return isms__error(ISMS_ENOTFOUND, "no assessment of %d: the document has assessments "
                                           "of %s", year, years);
    }
    isms_assessment *old = doc->assessments[i];
    memmove(&doc->assessments[i], &doc->assessments[i + 1],
            (doc->n_assessments - i - 1) * sizeof *doc->assessments);
    doc->n_assessments--;
    sync_sources(doc);
    isms_assessment_free(old);
    return ISMS_OK;
}

/* ---- models ------------------------------------------------------------------------------ */

/* The live model of a risk of the register (stale models are not seen). */
static doc_model *live_model(const isms_document *doc, const isms_risk *r)
{
    doc_model *m = model_entry(doc, isms_risk_id(r));
    return m && m->serial == isms__risk_serial(r) ? m : NULL;
}

size_t isms_document_model_count(const isms_document *doc)
{
    if (!doc)
        return 0;
    if (models_in_line(doc))
        return doc->n_models;
    size_t n = 0;
    for (size_t i = 0; i < doc->n_models; i++)
        n += model_live(doc, doc->models[i]);
    return n;
}

isms_fair *isms_document_model_at(const char **risk_id, const isms_document *doc, size_t index)
{
    if (!doc || index >= doc->n_models)
        return NULL;
    const doc_model *m = NULL;
    if (models_in_line(doc)) {
        m = doc->models[index];
    } else { /* the live ones, still in the register's order */
        for (size_t i = 0, k = 0; i < doc->n_models && !m; i++)
            if (model_live(doc, doc->models[i]) && k++ == index)
                m = doc->models[i];
        if (!m)
            return NULL;
    }
    if (risk_id)
        *risk_id = m->id;
    return m->model;
}

isms_fair *isms_document_model(const isms_document *doc, const char *risk_id)
{
    if (!doc || !risk_id)
        return NULL;
    const doc_model *m = model_entry(doc, risk_id);
    return m && model_live(doc, m) ? m->model : NULL;
}

/* Removes and frees model `m` (the models are in line). */
static void remove_model(isms_document *doc, doc_model *m)
{
    size_t i = model_position(doc, m->serial);
    memmove(&doc->models[i], &doc->models[i + 1], (doc->n_models - i - 1) * sizeof *doc->models);
    doc->n_models--;
    isms__index_remove(&doc->model_index, m->id);
    isms__index_remove(&doc->model_addr, m->addr);
    model_free(m);
}

int isms_document_set_model(isms_document *doc, const char *risk_id, isms_fair *model)
{
    if (!doc || !risk_id)
        return isms__error(ISMS_EINVAL, "isms_document_set_model: NULL argument");
    /* A model whose risk was removed through the register may still be removed by its id. */
    bool had = model_entry(doc, risk_id) != NULL;
    if (!models_in_line(doc)) /* risks were removed: drop their models first */
        sync_models(doc, doc->reg, false);
    const isms_risk *r = isms__register_lookup(doc->reg, risk_id);
    doc_model *m = model_entry(doc, risk_id); /* in line: the model of `r`, if any */
    if (!model) {
        if (m)
            remove_model(doc, m);
        else if (!r && !had)
            return isms__error(ISMS_ENOTFOUND, "no risk with id \"%.64s\" in the register",
                               risk_id);
        return ISMS_OK;
    }
    if (!r)
        return isms__error(ISMS_ENOTFOUND, "no risk with id \"%.64s\" in the register: a model "
                                           "belongs to a risk", risk_id);
    char addr[sizeof m->addr];
    address_key(addr, model);
    const doc_model *owner = doc->n_models ? isms__index_find(&doc->model_addr, addr) : NULL;
    if (owner) {
        if (owner == m)
            return ISMS_OK; /* already this risk's model */
        return isms__error(ISMS_EINVAL, "the model is already the document's model of risk "
                                        "\"%.64s\"", owner->id);
    }
    int rc = isms_fair_check(model);
    if (rc)
        return rc;
    if (m) { /* a new model for the risk: the same entry with another address */
        isms__index_remove(&doc->model_addr, m->addr);
        isms_fair_free(m->model);
        m->model = model;
        memcpy(m->addr, addr, sizeof addr);
        isms__index_insert(&doc->model_addr, m);
        return ISMS_OK;
    }
    size_t len = strlen(risk_id);
    doc_model *e = isms__malloc(sizeof *e + len + 1);
    if (!e)
        return isms__error_nomem();
    if (!isms__grow((void **)&doc->models, &doc->cap_models, doc->n_models + 1,
                    sizeof *doc->models) ||
        !isms__index_reserve(&doc->model_index, doc->n_models + 1) ||
        !isms__index_reserve(&doc->model_addr, doc->n_models + 1)) {
        isms__free(e);
        return isms__error_nomem();
    }
    memcpy(e->id, risk_id, len + 1);
    memcpy(e->addr, addr, sizeof addr);
    e->model = model;
    e->serial = isms__risk_serial(r);
    e->placed = false;
    /* Models given in the register's order go at the end. */
    size_t i = model_position(doc, e->serial);
    memmove(&doc->models[i + 1], &doc->models[i], (doc->n_models - i) * sizeof *doc->models);
    doc->models[i] = e;
    doc->n_models++;
    isms__index_insert(&doc->model_index, e);
    isms__index_insert(&doc->model_addr, e);
    return ISMS_OK;
}

/* ---- settings ---------------------------------------------------------------------------- */

int isms_document_settings(isms_settings *out, const isms_document *doc)
{
    if (!out || !doc)
        return isms__error(ISMS_EINVAL, "isms_document_settings: NULL argument");
    *out = doc->settings;
    return ISMS_OK;
}

static int bad_number(const char *name, double value, const char *expected)
{
    char num[40]; /* as the document writes it, whatever the C library's locale */
    if (isms__doc_double(num, sizeof num, value) <= 0)
        isms__format_general(num, sizeof num, value, 6, ".");
    return isms__error(ISMS_ERANGE, "the setting %s is %s: expected %s", name, num, expected);
}

static bool non_negative(double v)
{
    return isfinite(v) && v >= 0.0;
}

static int check_settings(const isms_settings *s)
{
    const struct {
        const char *name;
        double value;
    } weights[] = {
        { "priority.base", s->priority.base },
        { "priority.risk", s->priority.risk },
        { "priority.reduction", s->priority.reduction },
        { "priority.requirement", s->priority.requirement },
        { "priority.asset", s->priority.asset },
        { "priority.urgency", s->priority.urgency },
        { "priority.overdue", s->priority.overdue },
        { "priority.effort", s->priority.effort },
    };
    for (size_t i = 0; i < sizeof weights / sizeof *weights; i++)
        if (!non_negative(weights[i].value))
            return bad_number(weights[i].name, weights[i].value, "a finite number of 0 or more");
    if (!isfinite(s->priority.horizon_days) || !(s->priority.horizon_days > 0))
        return bad_number("priority.horizon_days", s->priority.horizon_days,
                          "a finite number of days above 0");
    if (!isfinite(s->priority.effort_unit) || !(s->priority.effort_unit > 0))
        return bad_number("priority.effort_unit", s->priority.effort_unit,
                          "a finite number of person-days above 0");
    const struct {
        const char *name;
        double value;
    } shares[] = {
        { "compliance.yes", s->compliance.yes },
        { "compliance.partial", s->compliance.partial },
        { "compliance.no", s->compliance.no },
    };
    for (size_t i = 0; i < sizeof shares / sizeof *shares; i++)
        if (!isfinite(shares[i].value) || shares[i].value < 0.0 || shares[i].value > 1.0)
            return bad_number(shares[i].name, shares[i].value, "a number from 0 to 1");
    if (s->unit != ISMS_PERIOD_YEAR && s->unit != ISMS_PERIOD_TERTIAL &&
        s->unit != ISMS_PERIOD_QUARTER && s->unit != ISMS_PERIOD_MONTH)
        return isms__error(ISMS_EINVAL, "the setting schedule.unit is %d: expected a year, "
                                        "tertial, quarter or month", (int)s->unit);
    if (s->start_year != 0 && (s->start_year < YEAR_MIN || s->start_year > YEAR_MAX))
        return isms__error(ISMS_ERANGE, "the setting schedule.start is %d: expected a year "
                                        "%d–%d, or 0 for the year after the document's",
                           s->start_year, YEAR_MIN, YEAR_MAX);
    if (s->periods < 1 || s->periods > PERIODS_MAX)
        return isms__error(ISMS_ERANGE, "the setting schedule.periods is %zu: expected 1–%d",
                           s->periods, PERIODS_MAX);
    /* Periods that run past the year 9999 are not refused here: a document of 9998 has the
     * default three yearly ones from 9999, and must load again once saved. isms_plan_schedule()
     * refuses them when the schedule is made. */
    if (!non_negative(s->capacity))
        return bad_number("schedule.capacity", s->capacity,
                          "0 (unlimited) or more person-days");
    for (size_t i = 0; s->capacities && i < s->periods; i++)
        if (!non_negative(s->capacities[i])) {
            char name[48];
            snprintf(name, sizeof name, "schedule.capacity[%zu]", i);
            return bad_number(name, s->capacities[i], "0 (unlimited) or more person-days");
        }
    if (s->owner_count && (!s->owners || !s->owner_capacity))
        return isms__error(ISMS_EINVAL, "the setting schedule.owners has %zu owners but %s is "
                                        "NULL", s->owner_count,
                           s->owners ? "owner_capacity" : "owners");
    size_t orig = 0, dup = s->owner_count;
    if (s->owner_count > 1) {
        int rc = isms__owners_repeat(&orig, &dup, s->owners, s->owner_count);
        if (rc)
            return rc;
    }
    for (size_t i = 0; i < s->owner_count; i++) {
        const char *o = s->owners[i];
        if (!o || isms__text_blank(o))
            return isms__error(ISMS_EINVAL, "the setting schedule.owners: owner %zu has no "
                                            "name", i);
        if (!isms__utf8_valid(o, strlen(o))) {
            char what[64];
            snprintf(what, sizeof what, "the setting schedule.owners: owner %zu", i);
            return isms__text_check(what, o);
        }
        if (i == dup)
            return isms__error(ISMS_EINVAL, "the setting schedule.owners names \"%.64s\" twice "
                                            "(owners %zu and %zu)", o, orig, i);
        if (!non_negative(s->owner_capacity[i])) {
            char name[128];
            snprintf(name, sizeof name, "schedule.owners.\"%.64s\"", o);
            return bad_number(name, s->owner_capacity[i], "0 (unlimited) or more person-days");
        }
    }
    if (s->iterations < 1 || s->iterations > ITERATIONS_MAX)
        return isms__error(ISMS_ERANGE, "the setting simulation.iterations is %zu: expected "
                                        "1–%u", s->iterations, ITERATIONS_MAX);
    if (s->seed > SEED_MAX)
        return isms__error(ISMS_ERANGE, "the setting simulation.seed is %llu: expected 0–%llu",
                           (unsigned long long)s->seed, (unsigned long long)SEED_MAX);
    return ISMS_OK;
}

int isms_document_set_settings(isms_document *doc, const isms_settings *settings)
{
    if (!doc || !settings)
        return isms__error(ISMS_EINVAL, "isms_document_set_settings: NULL argument");
    int rc = check_settings(settings);
    if (rc)
        return rc;
    double *caps = NULL, *owner_cap = NULL;
    char **owners = NULL;
    size_t n_owners = settings->owner_count;
    if (settings->capacities) {
        caps = isms__malloc(settings->periods * sizeof *caps);
        if (!caps)
            return isms__error_nomem();
        memcpy(caps, settings->capacities, settings->periods * sizeof *caps);
    }
    if (n_owners) {
        owners = isms__calloc(n_owners, sizeof *owners);
        owner_cap = isms__malloc(n_owners * sizeof *owner_cap);
        bool ok = owners && owner_cap;
        for (size_t i = 0; ok && i < n_owners; i++)
            ok = (owners[i] = isms__strdup(settings->owners[i])) != NULL;
        if (!ok) {
            settings_free_arrays(caps, owners, owner_cap, n_owners);
            return isms__error_nomem();
        }
        memcpy(owner_cap, settings->owner_capacity, n_owners * sizeof *owner_cap);
    }
    settings_free_arrays(doc->capacities, doc->owners, doc->owner_capacity,
                         doc->settings.owner_count);
    doc->capacities = caps;
    doc->owners = owners;
    doc->owner_capacity = owner_cap;
    doc->settings = *settings;
    doc->settings.priority.today = (isms_date){ 0, 0, 0 };
    doc->settings.capacities = caps;
    doc->settings.owners = (const char *const *)owners;
    doc->settings.owner_capacity = owner_cap;
    doc->settings.owner_count = n_owners;
    return ISMS_OK;
}

int isms_document_schedule_options(isms_schedule_options *out, const isms_document *doc)
{
    if (!out || !doc)
        return isms__error(ISMS_EINVAL, "isms_document_schedule_options: NULL argument");
    const isms_settings *s = &doc->settings;
    int start = s->start_year ? s->start_year : doc->year + 1;
    if (start > YEAR_MAX)
        return isms__error(ISMS_ERANGE, "the plan would start in %d, after the year %d: set "
                                        "the setting schedule.start", start, YEAR_MAX);
    isms_schedule_options o = isms_schedule_options_default();
    o.start = (isms_date){ start, 1, 1 };
    o.unit = s->unit;
    o.periods = s->periods;
    o.capacity = s->capacity;
    o.capacities = s->capacities;
    o.owners = s->owners;
    o.owner_capacity = s->owner_capacity;
    o.owner_count = s->owner_count;
    o.strict = s->strict;
    o.priority = s->priority;
    o.priority.today = isms_document_today(doc);
    o.lang = doc->lang;
    *out = o;
    return ISMS_OK;
}

/* ---- lint -------------------------------------------------------------------------------- */

static int lint_models(isms_findings *out, const isms_document *doc, bool sv)
{
    size_t n = isms_register_count(doc->reg);
    for (size_t i = 0; i < n && doc->n_models; i++) {
        const isms_risk *r = isms_register_at(doc->reg, i);
        doc_model *m = live_model(doc, r);
        if (!m || isms_fair_check(m->model) == ISMS_OK)
            continue;
        char why[512];
        snprintf(why, sizeof why, "%s", isms_error_last()->message);
        int rc = sv ? isms__findings_addf(out, ISMS_SEVERITY_ERROR, "doc-model-invalid", m->id,
                                          "Den kvantitativa modellen för risken %s går inte att "
                                          "simulera: %s", m->id, why)
                    : isms__findings_addf(out, ISMS_SEVERITY_ERROR, "doc-model-invalid", m->id,
                                          "The quantitative model of risk %s cannot be "
                                          "simulated: %s", m->id, why);
        if (rc)
            return rc;
    }
    return ISMS_OK;
}

/* The name of an assessment's catalog in a lint message: the edition's ("ISO/IEC
 * 27001:2022"), or the imported catalog's title in quotes, with its uuid when `uuid`. */
static void catalog_name(char *buf, size_t size, const isms_catalog *c, bool uuid)
{
    if (!isms__catalog_imported(c))
        snprintf(buf, size, "%s", isms_catalog_title(c));
    else if (uuid)
        snprintf(buf, size, "\"%.200s\" (uuid %s)", isms_catalog_title(c), isms_catalog_uuid(c));
    else
        snprintf(buf, size, "\"%.200s\"", isms_catalog_title(c));
}

static int lint_editions(isms_findings *out, const isms_document *doc, bool sv)
{
    for (size_t i = 1; i < doc->n_assessments; i++) {
        const isms_assessment *a = doc->assessments[i - 1], *b = doc->assessments[i];
        isms_edition ea = isms_assessment_edition(a), eb = isms_assessment_edition(b);
        const isms_catalog *ca = isms_assessment_catalog(a), *cb = isms_assessment_catalog(b);
        bool imported = ea == ISMS_EDITION_IMPORTED || eb == ISMS_EDITION_IMPORTED;
        if (ea == eb && (!imported || strcmp(isms_catalog_uuid(ca), isms_catalog_uuid(cb)) == 0))
            continue;
        int ya = isms_assessment_year(a), yb = isms_assessment_year(b);
        char ref[16];
        snprintf(ref, sizeof ref, "%d", yb);
        int rc;
        if (imported) {
            /* Two imported catalogs of the same title are told apart by their uuids. */
            bool uuids = strcmp(isms_catalog_title(ca), isms_catalog_title(cb)) == 0;
            char na[300], nb[300];
            catalog_name(na, sizeof na, ca, uuids);
            catalog_name(nb, sizeof nb, cb, uuids);
            rc = sv ? isms__findings_addf(out, ISMS_SEVERITY_INFO, "doc-assessment-edition", ref,
                                          "Gapanalysen %d är gjord mot %s och den för %d mot "
                                          "%s: katalogerna är olika och det finns ingen "
                                          "översättning mellan dem, så åren kan inte jämföras",
                                          ya, na, yb, nb)
                    : isms__findings_addf(out, ISMS_SEVERITY_INFO, "doc-assessment-edition", ref,
                                          "The assessment of %d is against %s and that of %d "
                                          "against %s: the catalogs differ and there is no "
                                          "mapping between them, so the years cannot be "
                                          "compared",
                                          ya, na, yb, nb);
            if (rc)
                return rc;
            continue;
        }
        rc = sv ? isms__findings_addf(out, ISMS_SEVERITY_INFO, "doc-assessment-edition", ref,
                                          "Gapanalysen %d är gjord mot %s och den för %d mot "
                                          "%s: för att jämföra åren måste den äldre räknas om "
                                          "till den nyare utgåvan",
                                          ya, isms_edition_name(ea), yb, isms_edition_name(eb))
                    : isms__findings_addf(out, ISMS_SEVERITY_INFO, "doc-assessment-edition", ref,
                                          "The assessment of %d is against %s and that of %d "
                                          "against %s: comparing the years needs the older one "
                                          "converted to the newer edition",
                                          ya, isms_edition_name(ea), yb, isms_edition_name(eb));
        if (rc)
            return rc;
    }
    return ISMS_OK;
}

static int lint_catalogs(isms_findings *out, const isms_document *doc, bool sv)
{
    if (doc->n_catalogs == 0)
        return ISMS_OK;
    bool *used = isms__calloc(doc->n_catalogs, sizeof *used);
    if (!used)
        return isms__error_nomem();
    for (size_t i = 0; i < doc->n_assessments; i++) {
        const isms_catalog *o = imported_of(doc->assessments[i]);
        size_t k = o ? catalog_index(doc, isms_catalog_uuid(o)) : SIZE_MAX;
        if (k != SIZE_MAX)
            used[k] = true;
    }
    int rc = ISMS_OK;
    for (size_t k = 0; k < doc->n_catalogs && !rc; k++) {
        if (used[k])
            continue;
        const isms_catalog *c = doc->catalogs[k];
        const char *title = isms_catalog_title(c), *uuid = isms_catalog_uuid(c);
        rc = sv ? isms__findings_addf(out, ISMS_SEVERITY_INFO, "doc-catalog-unused", uuid,
                                      "Katalogen \"%.200s\" (uuid %s) finns i dokumentet men "
                                      "ingen gapanalys är gjord mot den; den sparas med "
                                      "dokumentet tills den tas bort ur det (ur filens "
                                      "\"catalogs\" eller med isms_document_remove_catalog())",
                                      title, uuid)
                : isms__findings_addf(out, ISMS_SEVERITY_INFO, "doc-catalog-unused", uuid,
                                      "The catalog \"%.200s\" (uuid %s) is in the document but "
                                      "no assessment is held against it; it is saved with the "
                                      "document until it is removed from it (from the file's "
                                      "\"catalogs\", or with isms_document_remove_catalog())",
                                      title, uuid);
    }
    isms__free(used);
    return rc;
}

static int lint_date(isms_findings *out, const isms_document *doc, bool sv)
{
    if (!date_empty(doc->date))
        return ISMS_OK;
    return sv ? isms__findings_addf(out, ISMS_SEVERITY_INFO, "doc-no-date", "",
                                    "Dokumentet har inget referensdatum: beräkningarna använder "
                                    "den 31 december %d", doc->year)
              : isms__findings_addf(out, ISMS_SEVERITY_INFO, "doc-no-date", "",
                                    "The document has no reference date: calculations use "
                                    "31 December %d", doc->year);
}

int isms_document_lint(isms_findings *out, isms_document *doc)
{
    if (!out || !doc)
        return isms__error(ISMS_EINVAL, "isms_document_lint: NULL argument");
    bool sv = isms_findings_lang(out) == ISMS_LANG_SV;
    isms_date today = isms_document_today(doc);
    size_t before = isms_findings_count(out); /* all or none: an error drops what was added */
    int rc = isms_register_lint(out, doc->reg);
    if (!rc && latest(doc))
        rc = isms_assessment_lint(out, latest(doc), &today);
    if (!rc && !doc->inv->classified)
        rc = isms_inventory_classify(doc->inv);
    if (!rc)
        rc = isms_inventory_lint(out, doc->inv, today);
    if (!rc)
        rc = isms_plan_lint(out, doc->plan, today);
    if (!rc)
        rc = lint_models(out, doc, sv);
    if (!rc)
        rc = lint_editions(out, doc, sv);
    if (!rc)
        rc = lint_catalogs(out, doc, sv);
    if (!rc)
        rc = lint_date(out, doc, sv);
    if (rc)
        isms__findings_truncate(out, before);
    return rc;
}

/* ---- simulation -------------------------------------------------------------------------- */

int isms_document_simulate(isms_simulation **out, const isms_document *doc, bool keep_samples)
{
    if (!out || !doc)
        return isms__error(ISMS_EINVAL, "isms_document_simulate: NULL argument");
    size_t n = isms_document_model_count(doc);
    if (!n)
        return isms__error(ISMS_ENOTFOUND, "the document has no quantitative models: no risk "
                                           "of the register carries one");
    const isms_fair **models = isms__malloc(n * sizeof *models);
    if (!models)
        return isms__error_nomem();
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        const isms_fair *m = isms_document_model_at(NULL, doc, i);
        if (m)
            models[k++] = m;
    }
    isms_sim_options opts;
    isms_sim_options_init(&opts);
    opts.iterations = doc->settings.iterations;
    opts.seed = doc->settings.seed;
    opts.keep_samples = keep_samples;
    int rc = isms_simulate(out, models, k, &opts);
    isms__free(models);
    return rc;
}
