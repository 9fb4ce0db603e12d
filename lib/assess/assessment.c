/* Assessments: the model (entries and their fields, the Statement of Applicability, extra
 * columns), and the labels and parsers of statuses, needs, applicability and reasons.
 *
 * An assessment keeps its entries in insertion order and indexes them by reference. An
 * entry and its reference are one allocation; empty strings share one static "" and cost
 * nothing. Every mutator allocates all it needs before it changes anything, so that
 * ISMS_ENOMEM leaves the object as it was. */
#include <stdio.h>
#include <string.h>

#include "assess/assess-internal.h"
#include "catalog/catalog-internal.h"

/* ---- labels and parsers ------------------------------------------------------------- */

static const char *const status_labels[ISMS_STATUS_COUNT][2] = {
    { "Ej bedömd", "Not assessed" }, { "Ja", "Yes" },
    { "Delvis", "Partial" },         { "Nej", "No" },
    { "Ej tillämplig", "Not applicable" },
};

static const char *const status_names[ISMS_STATUS_COUNT] = {
    "not_assessed", "yes", "partial", "no", "not_applicable",
};

const char *isms_status_label(isms_status status, isms_lang lang)
{
    if ((unsigned)status >= ISMS_STATUS_COUNT)
        return "";
    return status_labels[status][lang == ISMS_LANG_SV ? 0 : 1];
}

const char *isms_status_name(isms_status status)
{
    return (unsigned)status < ISMS_STATUS_COUNT ? status_names[status] : "";
}

int isms_status_parse(isms_status *out, const char *text)
{
    static const isms__alias names[] = {
        { "", ISMS_STATUS_NOT_ASSESSED },
        { "Ja", ISMS_STATUS_YES },
        { "Yes", ISMS_STATUS_YES },
        { "Y", ISMS_STATUS_YES },
        { "Uppfyllt", ISMS_STATUS_YES },
        { "Uppfylls", ISMS_STATUS_YES },
        { "Met", ISMS_STATUS_YES },
        { "Implemented", ISMS_STATUS_YES },
        { "Infört", ISMS_STATUS_YES },
        { "Delvis", ISMS_STATUS_PARTIAL },
        { "Partial", ISMS_STATUS_PARTIAL },
        { "Partially", ISMS_STATUS_PARTIAL },
        { "Partly", ISMS_STATUS_PARTIAL },
        { "Delvis uppfyllt", ISMS_STATUS_PARTIAL },
        { "Partially met", ISMS_STATUS_PARTIAL },
        { "Partially implemented", ISMS_STATUS_PARTIAL },
        { "Delvis infört", ISMS_STATUS_PARTIAL },
        { "Nej", ISMS_STATUS_NO },
        { "No", ISMS_STATUS_NO },
        { "N", ISMS_STATUS_NO },
        { "Ej uppfyllt", ISMS_STATUS_NO },
        { "Inte uppfyllt", ISMS_STATUS_NO },
        { "Not met", ISMS_STATUS_NO },
        { "Not implemented", ISMS_STATUS_NO },
        { "Ej infört", ISMS_STATUS_NO },
        { "Ej tillämplig", ISMS_STATUS_NOT_APPLICABLE },
        { "Ej tillämpligt", ISMS_STATUS_NOT_APPLICABLE },
        { "Inte tillämplig", ISMS_STATUS_NOT_APPLICABLE },
        { "Ej aktuell", ISMS_STATUS_NOT_APPLICABLE },
        { "E/T", ISMS_STATUS_NOT_APPLICABLE },
        { "ET", ISMS_STATUS_NOT_APPLICABLE },
        { "Not applicable", ISMS_STATUS_NOT_APPLICABLE },
        { "not_applicable", ISMS_STATUS_NOT_APPLICABLE },
        { "N/A", ISMS_STATUS_NOT_APPLICABLE },
        { "NA", ISMS_STATUS_NOT_APPLICABLE },
        { "Ej bedömd", ISMS_STATUS_NOT_ASSESSED },
        { "Ej bedömt", ISMS_STATUS_NOT_ASSESSED },
        { "Inte bedömd", ISMS_STATUS_NOT_ASSESSED },
        { "Not assessed", ISMS_STATUS_NOT_ASSESSED },
        { "not_assessed", ISMS_STATUS_NOT_ASSESSED },
        { "-", ISMS_STATUS_NOT_ASSESSED },
        { "?", ISMS_STATUS_NOT_ASSESSED },
    };
    if (!out || !text)
        return isms__error(ISMS_EINVAL, "isms_status_parse: NULL argument");
    if (isms__text_check("status", text))
        return ISMS_EINVAL;
    int v;
    if (!isms__alias_lookup(&v, names, sizeof names / sizeof *names, text))
        return isms__error(ISMS_EPARSE,
                           "status \"%.64s\" is not one of Ja, Delvis, Nej, Ej tillämplig, "
                           "Ej bedömd (Yes, Partial, No, Not applicable, Not assessed)",
                           text);
    *out = (isms_status)v;
    return ISMS_OK;
}

static const char *const need_labels[5][2] = {
    { "", "" }, { "Ingen", "None" }, { "Låg", "Low" }, { "Medel", "Medium" }, { "Hög", "High" },
};

static const char *const need_names[5] = { "", "none", "low", "medium", "high" };

const char *isms_need_label(isms_need need, isms_lang lang)
{
    if ((unsigned)need > ISMS_NEED_HIGH)
        return "";
    return need_labels[need][lang == ISMS_LANG_SV ? 0 : 1];
}

const char *isms_need_name(isms_need need)
{
    return (unsigned)need <= ISMS_NEED_HIGH ? need_names[need] : "";
}

int isms_need_parse(isms_need *out, const char *text)
{
    static const isms__alias names[] = {
        { "", ISMS_NEED_UNSET },      { "-", ISMS_NEED_UNSET },
        { "Ingen", ISMS_NEED_NONE },  { "None", ISMS_NEED_NONE },
        { "Inget", ISMS_NEED_NONE },  { "Låg", ISMS_NEED_LOW },
        { "Low", ISMS_NEED_LOW },     { "Medel", ISMS_NEED_MEDIUM },
        { "Medium", ISMS_NEED_MEDIUM }, { "Mellan", ISMS_NEED_MEDIUM },
        { "Moderate", ISMS_NEED_MEDIUM }, { "Hög", ISMS_NEED_HIGH },
        { "High", ISMS_NEED_HIGH },
    };
    if (!out || !text)
        return isms__error(ISMS_EINVAL, "isms_need_parse: NULL argument");
    if (isms__text_check("need for action", text))
        return ISMS_EINVAL;
    int v;
    if (!isms__alias_lookup(&v, names, sizeof names / sizeof *names, text))
        return isms__error(ISMS_EPARSE,
                           "need for action \"%.64s\" is not one of Ingen, Låg, Medel, Hög "
                           "(None, Low, Medium, High) or empty",
                           text);
    *out = (isms_need)v;
    return ISMS_OK;
}

static const char *const applicability_labels[3][2] = {
    { "", "" }, { "Tillämplig", "Applicable" }, { "Exkluderad", "Excluded" },
};

const char *isms_applicability_label(isms_applicability value, isms_lang lang)
{
    if ((unsigned)value > ISMS_APPLICABILITY_EXCLUDED)
        return "";
    return applicability_labels[value][lang == ISMS_LANG_SV ? 0 : 1];
}

int isms_applicability_parse(isms_applicability *out, const char *text)
{
    static const isms__alias names[] = {
        { "", ISMS_APPLICABILITY_UNDECIDED },
        { "Ja", ISMS_APPLICABILITY_APPLICABLE },
        { "Yes", ISMS_APPLICABILITY_APPLICABLE },
        { "Tillämplig", ISMS_APPLICABILITY_APPLICABLE },
        { "Tillämpligt", ISMS_APPLICABILITY_APPLICABLE },
        { "Applicable", ISMS_APPLICABILITY_APPLICABLE },
        { "Inkluderad", ISMS_APPLICABILITY_APPLICABLE },
        { "Included", ISMS_APPLICABILITY_APPLICABLE },
        { "Nej", ISMS_APPLICABILITY_EXCLUDED },
        { "No", ISMS_APPLICABILITY_EXCLUDED },
        { "Exkluderad", ISMS_APPLICABILITY_EXCLUDED },
        { "Excluded", ISMS_APPLICABILITY_EXCLUDED },
        { "Ej tillämplig", ISMS_APPLICABILITY_EXCLUDED },
        { "Ej tillämpligt", ISMS_APPLICABILITY_EXCLUDED },
        { "Not applicable", ISMS_APPLICABILITY_EXCLUDED },
        { "N/A", ISMS_APPLICABILITY_EXCLUDED },
    };
    if (!out || !text)
        return isms__error(ISMS_EINVAL, "isms_applicability_parse: NULL argument");
    if (isms__text_check("applicability", text))
        return ISMS_EINVAL;
    int v;
    if (!isms__alias_lookup(&v, names, sizeof names / sizeof *names, text))
        return isms__error(ISMS_EPARSE,
                           "applicability \"%.64s\" is not one of Ja, Nej, Tillämplig, "
                           "Exkluderad (Yes, No, Applicable, Excluded) or empty",
                           text);
    *out = (isms_applicability)v;
    return ISMS_OK;
}

static const char *const reason_labels[4][2] = {
    { "Riskbehandling", "Risk treatment" },
    { "Lagkrav", "Legal" },
    { "Avtalskrav", "Contractual" },
    { "Verksamhetskrav", "Business" },
};

const char *isms_reason_label(isms_reason reason, isms_lang lang)
{
    int l = lang == ISMS_LANG_SV ? 0 : 1;
    switch (reason) {
    case ISMS_REASON_RISK:
        return reason_labels[0][l];
    case ISMS_REASON_LEGAL:
        return reason_labels[1][l];
    case ISMS_REASON_CONTRACTUAL:
        return reason_labels[2][l];
    case ISMS_REASON_BUSINESS:
        return reason_labels[3][l];
    }
    return "";
}

int isms_reason_parse(unsigned *out, const char *text)
{
    static const isms__alias names[] = {
        { "Riskbehandling", ISMS_REASON_RISK },   { "Risk treatment", ISMS_REASON_RISK },
        { "Risk", ISMS_REASON_RISK },             { "Risker", ISMS_REASON_RISK },
        { "Riskanalys", ISMS_REASON_RISK },       { "Risk assessment", ISMS_REASON_RISK },
        { "Lagkrav", ISMS_REASON_LEGAL },         { "Legal", ISMS_REASON_LEGAL },
        { "Lag", ISMS_REASON_LEGAL },             { "Författningskrav", ISMS_REASON_LEGAL },
        { "Regulatory", ISMS_REASON_LEGAL },      { "Legal requirement", ISMS_REASON_LEGAL },
        { "Lagstiftning", ISMS_REASON_LEGAL },
        { "Avtalskrav", ISMS_REASON_CONTRACTUAL }, { "Contractual", ISMS_REASON_CONTRACTUAL },
        { "Avtal", ISMS_REASON_CONTRACTUAL },     { "Contract", ISMS_REASON_CONTRACTUAL },
        { "Verksamhetskrav", ISMS_REASON_BUSINESS }, { "Business", ISMS_REASON_BUSINESS },
        { "Verksamhet", ISMS_REASON_BUSINESS },   { "Business requirement", ISMS_REASON_BUSINESS },
        { "Best practice", ISMS_REASON_BUSINESS }, { "Bästa praxis", ISMS_REASON_BUSINESS },
    };
    if (!out || !text)
        return isms__error(ISMS_EINVAL, "isms_reason_parse: NULL argument");
    if (isms__text_check("reason", text))
        return ISMS_EINVAL;
    char bad[ISMS__WORD_MAX];
    if (!isms__parse_word_list(out, text, ",;/\n\r&+", names, sizeof names / sizeof *names,
                               bad))
        return isms__error(ISMS_EPARSE,
                           "reason \"%.64s\" is not one of Riskbehandling, Lagkrav, "
                           "Avtalskrav, Verksamhetskrav (Risk treatment, Legal, "
                           "Contractual, Business)",
                           bad);
    return ISMS_OK;
}

/* ---- assessment ---------------------------------------------------------------------- */

static const char *entry_key(const void *item)
{
    return ((const isms_entry *)item)->ref;
}

bool isms__in_scope(const isms_item *item, isms_scope scope)
{
    if (!item || !isms_item_assessable(item))
        return false;
    bool annex = isms_item_kind_of(item) == ISMS_ITEM_CONTROL;
    return annex ? (scope & ISMS_SCOPE_ANNEX_A) != 0 : (scope & ISMS_SCOPE_CLAUSES) != 0;
}

static bool valid_scope(isms_scope scope)
{
    return scope == ISMS_SCOPE_CLAUSES || scope == ISMS_SCOPE_ANNEX_A || scope == ISMS_SCOPE_BOTH;
}

/* A new, empty assessment against `catalog` (built-in or imported: then it takes a
 * reference). `fn` names the public function for messages. */
static int assessment_make(isms_assessment **out, const isms_catalog *catalog, int year,
                           isms_scope scope, const char *fn)
{
    if (year < 1900 || year > 9999)
        return isms__error(ISMS_EINVAL, "the year assessed must be 1900–9999, not %d", year);
    if (!valid_scope(scope))
        return isms__error(ISMS_EINVAL, "%s: unknown scope %d", fn, (int)scope);
    if (isms__catalog_imported(catalog) && scope == ISMS_SCOPE_CLAUSES)
        return isms__error(ISMS_EINVAL,
                           "the catalog \"%.200s\" is imported and has no management-system "
                           "clauses, only controls: assess it with the scope Annex A or both",
                           isms_catalog_title(catalog));
    isms_assessment *a = isms__calloc(1, sizeof *a);
    if (!a)
        return isms__error_nomem();
    a->edition = isms_catalog_edition(catalog);
    a->basis = ISMS_BASIS_GIVEN;
    a->catalog = isms__catalog_ref(catalog);
    a->year = year;
    a->scope = scope;
    a->date = (isms_date){ year, 12, 31 };
    isms__index_init(&a->index, entry_key);
    *out = a;
    return ISMS_OK;
}

int isms_assessment_new(isms_assessment **out, isms_edition edition, int year, isms_scope scope)
{
    if (!out)
        return isms__error(ISMS_EINVAL, "isms_assessment_new: out is NULL");
    const isms_catalog *catalog = isms_catalog_get(edition);
    if (edition == ISMS_EDITION_IMPORTED)
        return isms__error(ISMS_EINVAL,
                           "isms_assessment_new: an imported catalog is not an edition; pass "
                           "the catalog itself to isms_assessment_new_catalog()");
    if (!catalog)
        return isms__error(ISMS_EINVAL, "isms_assessment_new: unknown edition %d", (int)edition);
    return assessment_make(out, catalog, year, scope, "isms_assessment_new");
}

int isms_assessment_new_catalog(isms_assessment **out, const isms_catalog *catalog, int year,
                                isms_scope scope)
{
    if (!out || !catalog)
        return isms__error(ISMS_EINVAL, "isms_assessment_new_catalog: NULL argument");
    return assessment_make(out, catalog, year, scope, "isms_assessment_new_catalog");
}

static void entry_free(isms_entry *e)
{
    for (int f = 0; f < ISMS__ENTRY_FIELDS; f++)
        isms__text_free(e->text[f]);
    for (size_t i = 0; i < e->n_evidence; i++)
        isms__free(e->evidence[i]);
    isms__free(e->evidence);
    for (size_t i = 0; i < e->n_extra; i++)
        isms__text_free(e->extra[i]);
    isms__free(e->extra);
    isms__free(e);
}

void isms_assessment_free(isms_assessment *a)
{
    if (!a)
        return;
    for (size_t i = 0; i < a->count; i++)
        entry_free(a->items[i]);
    isms__free(a->items);
    isms__index_free(&a->index);
    for (size_t i = 0; i < a->n_extra; i++)
        isms__free(a->extra_names[i]);
    isms__free(a->extra_names);
    isms__catalog_unref(a->catalog);
    isms__free(a);
}

void isms__assessment_set_basis(isms_assessment *a, isms_edition_basis basis)
{
    a->basis = basis;
}

isms_edition isms_assessment_edition(const isms_assessment *a)
{
    return a ? a->edition : ISMS_EDITION_UNKNOWN;
}

isms_edition_basis isms_assessment_edition_basis(const isms_assessment *a)
{
    return a ? a->basis : ISMS_BASIS_GIVEN;
}

const isms_catalog *isms_assessment_catalog(const isms_assessment *a)
{
    return a ? a->catalog : NULL;
}

int isms_assessment_year(const isms_assessment *a)
{
    return a ? a->year : 0;
}

isms_scope isms_assessment_scope(const isms_assessment *a)
{
    return a ? a->scope : ISMS_SCOPE_BOTH;
}

isms_date isms_assessment_date(const isms_assessment *a)
{
    return a ? a->date : (isms_date){ 0, 0, 0 };
}

int isms_assessment_set_date(isms_assessment *a, isms_date date)
{
    if (!a)
        return isms__error(ISMS_EINVAL, "isms_assessment_set_date: assessment is NULL");
    if (!isms_date_valid(date))
        return isms__error(ISMS_EINVAL, "%04d-%02d-%02d is not a valid date", date.year,
                           date.month, date.day);
    a->date = date;
    return ISMS_OK;
}

size_t isms_assessment_count(const isms_assessment *a)
{
    return a ? a->count : 0;
}

isms_entry *isms_assessment_at(const isms_assessment *a, size_t index)
{
    return a && index < a->count ? a->items[index] : NULL;
}

const char *isms__assessment_canonical(const isms_assessment *a, const char *ref, char *buf,
                                       size_t size, const isms_item **item)
{
    const isms_item *it = isms_catalog_find(a->catalog, ref, a->scope);
    if (item)
        *item = it;
    if (it)
        return isms_item_id(it);
    size_t start, len;
    isms__trim_span(ref, strlen(ref), &start, &len);
    if (len >= size)
        len = size - 1;
    memcpy(buf, ref + start, len);
    buf[len] = '\0';
    return buf;
}

isms_entry *isms_assessment_find(const isms_assessment *a, const char *ref)
{
    if (!a || !ref)
        return NULL;
    const isms_item *it = isms_catalog_find(a->catalog, ref, a->scope);
    if (it)
        return isms__index_find(&a->index, isms_item_id(it));
    size_t start, len;
    isms__trim_span(ref, strlen(ref), &start, &len);
    return isms__index_find_n(&a->index, ref + start, len);
}

/* Makes a new, blank entry with the given reference (not yet in the assessment). */
static isms_entry *entry_new(isms_assessment *a, const char *ref, size_t len,
                             const isms_item *item)
{
    isms_entry *e = isms__calloc(1, sizeof *e + len + 1);
    if (!e)
        return NULL;
    memcpy(e->ref, ref, len);
    e->ref[len] = '\0';
    e->owner = a;
    e->item = item;
    for (int f = 0; f < ISMS__ENTRY_FIELDS; f++)
        e->text[f] = isms__text_empty;
    return e;
}

/* Appends a prepared entry; room must have been reserved. */
static void append(isms_assessment *a, isms_entry *e)
{
    isms__index_insert(&a->index, e);
    a->items[a->count++] = e;
}

static bool reserve(isms_assessment *a, size_t need)
{
    return isms__grow((void **)&a->items, &a->cap, need, sizeof *a->items) &&
           isms__index_reserve(&a->index, need);
}

int isms_assessment_add(isms_entry **out, isms_assessment *a, const char *ref)
{
    if (!a || !ref)
        return isms__error(ISMS_EINVAL, "isms_assessment_add: NULL argument");
    if (isms__text_check("ref", ref))
        return ISMS_EINVAL;
    const isms_item *item = isms_catalog_find(a->catalog, ref, a->scope);
    const char *key = item ? isms_item_id(item) : ref;
    size_t start = 0, len = strlen(key);
    if (!item)
        isms__trim_span(ref, len, &start, &len);
    if (!len)
        return isms__error(ISMS_EINVAL, "a requirement reference must not be empty");
    isms_entry *existing = isms__index_find_n(&a->index, key + start, len);
    if (existing)
        return isms__error(ISMS_EEXIST, "requirement %.64s is already in the assessment",
                           existing->ref);
    isms_entry *e = entry_new(a, key + start, len, item);
    if (!e || !reserve(a, a->count + 1)) {
        isms__free(e);
        return isms__error_nomem();
    }
    append(a, e);
    if (out)
        *out = e;
    return ISMS_OK;
}

int isms_assessment_add_all(isms_assessment *a)
{
    if (!a)
        return isms__error(ISMS_EINVAL, "isms_assessment_add_all: assessment is NULL");
    size_t n = isms_catalog_requirement_count(a->catalog, a->scope);
    isms_entry **fresh = isms__calloc(n ? n : 1, sizeof *fresh);
    if (!fresh)
        return isms__error_nomem();
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        const isms_item *it = isms_catalog_requirement(a->catalog, a->scope, i);
        const char *id = isms_item_id(it);
        if (isms__index_find(&a->index, id))
            continue;
        if (!(fresh[k] = entry_new(a, id, strlen(id), it)))
            goto nomem;
        k++;
    }
    if (!reserve(a, a->count + k))
        goto nomem;
    for (size_t i = 0; i < k; i++)
        append(a, fresh[i]);
    isms__free(fresh);
    return ISMS_OK;
nomem:
    for (size_t i = 0; i < k; i++)
        isms__free(fresh[i]);
    isms__free(fresh);
    return isms__error_nomem();
}

int isms_assessment_remove(isms_assessment *a, const char *ref)
{
    if (!a || !ref)
        return isms__error(ISMS_EINVAL, "isms_assessment_remove: NULL argument");
    isms_entry *e = isms_assessment_find(a, ref);
    if (!e)
        return isms__error(ISMS_ENOTFOUND, "requirement \"%.64s\" is not in the assessment",
                           ref);
    isms__index_remove(&a->index, e->ref);
    size_t i = 0;
    while (a->items[i] != e)
        i++;
    memmove(&a->items[i], &a->items[i + 1], (a->count - i - 1) * sizeof *a->items);
    a->count--;
    entry_free(e);
    return ISMS_OK;
}

/* ---- extra columns ------------------------------------------------------------------- */

size_t isms_assessment_extra_count(const isms_assessment *a)
{
    return a ? a->n_extra : 0;
}

const char *isms_assessment_extra_name(const isms_assessment *a, size_t index)
{
    return a && index < a->n_extra ? a->extra_names[index] : NULL;
}

int isms_assessment_add_extra(size_t *index, isms_assessment *a, const char *name)
{
    if (!a || !name)
        return isms__error(ISMS_EINVAL, "isms_assessment_add_extra: NULL argument");
    if (isms__text_check("name", name))
        return ISMS_EINVAL;
    size_t start, len;
    isms__trim_span(name, strlen(name), &start, &len);
    if (!len)
        return isms__error(ISMS_EINVAL, "an extra column needs a header that is not blank");
    char *copy = isms__strdup(name);
    if (!copy ||
        !isms__grow((void **)&a->extra_names, &a->cap_extra, a->n_extra + 1,
                    sizeof *a->extra_names)) {
        isms__free(copy);
        return isms__error_nomem();
    }
    if (index)
        *index = a->n_extra;
    a->extra_names[a->n_extra++] = copy;
    return ISMS_OK;
}

const char *isms_entry_extra(const isms_entry *e, size_t index)
{
    return e && index < e->n_extra ? e->extra[index] : "";
}

int isms_entry_set_extra(isms_entry *e, size_t index, const char *text)
{
    if (!e)
        return isms__error(ISMS_EINVAL, "isms_entry_set_extra: entry is NULL");
    if (index >= e->owner->n_extra)
        return isms__error(ISMS_EINVAL, "there is no extra column %zu (the assessment has %zu)",
                           index, e->owner->n_extra);
    if (text && !isms__utf8_valid(text, strlen(text))) {
        char what[48];
        snprintf(what, sizeof what, "extra column %zu", index);
        return isms__text_check(what, text);
    }
    char *copy = isms__text_dup(text);
    if (!copy)
        return isms__error_nomem();
    if (index >= e->n_extra) {
        if (!isms__grow((void **)&e->extra, &e->cap_extra, index + 1, sizeof *e->extra)) {
            isms__text_free(copy);
            return isms__error_nomem();
        }
        while (e->n_extra <= index)
            e->extra[e->n_extra++] = isms__text_empty;
    }
    isms__text_free(e->extra[index]);
    e->extra[index] = copy;
    return ISMS_OK;
}

/* ---- copy ---------------------------------------------------------------------------- */

static isms_entry *entry_copy(isms_assessment *to, const isms_entry *src)
{
    isms_entry *e = entry_new(to, src->ref, strlen(src->ref), src->item);
    if (!e)
        return NULL;
    e->due = src->due;
    e->status = src->status;
    e->need = src->need;
    e->applicability = src->applicability;
    e->reasons = src->reasons;
    for (int f = 0; f < ISMS__ENTRY_FIELDS; f++)
        if (!(e->text[f] = isms__text_dup(src->text[f])))
            goto fail;
    if (src->n_evidence) {
        if (!(e->evidence = isms__calloc(src->n_evidence, sizeof *e->evidence)))
            goto fail;
        e->cap_evidence = src->n_evidence;
        for (; e->n_evidence < src->n_evidence; e->n_evidence++)
            if (!(e->evidence[e->n_evidence] = isms__strdup(src->evidence[e->n_evidence])))
                goto fail;
    }
    if (src->n_extra) {
        if (!(e->extra = isms__calloc(src->n_extra, sizeof *e->extra)))
            goto fail;
        e->cap_extra = src->n_extra;
        for (; e->n_extra < src->n_extra; e->n_extra++)
            if (!(e->extra[e->n_extra] = isms__text_dup(src->extra[e->n_extra])))
                goto fail;
    }
    return e;
fail:
    for (int f = 0; f < ISMS__ENTRY_FIELDS; f++)
        if (!e->text[f])
            e->text[f] = isms__text_empty;
    entry_free(e);
    return NULL;
}

int isms_assessment_copy(isms_assessment **out, const isms_assessment *src)
{
    if (!out || !src)
        return isms__error(ISMS_EINVAL, "isms_assessment_copy: NULL argument");
    isms_assessment *a = NULL;
    int rc = assessment_make(&a, src->catalog, src->year, src->scope, "isms_assessment_copy");
    if (rc)
        return rc;
    a->basis = src->basis;
    a->date = src->date;
    for (size_t i = 0; i < src->n_extra; i++)
        if ((rc = isms_assessment_add_extra(NULL, a, src->extra_names[i])))
            goto fail;
    if (!reserve(a, src->count)) {
        rc = isms__error_nomem();
        goto fail;
    }
    for (size_t i = 0; i < src->count; i++) {
        isms_entry *e = entry_copy(a, src->items[i]);
        if (!e) {
            rc = isms__error_nomem();
            goto fail;
        }
        append(a, e);
    }
    *out = a;
    return ISMS_OK;
fail:
    isms_assessment_free(a);
    return rc;
}

/* ---- entries ------------------------------------------------------------------------- */

const char *isms_entry_ref(const isms_entry *e)
{
    return e ? e->ref : "";
}

const isms_item *isms_entry_item(const isms_entry *e)
{
    return e ? e->item : NULL;
}

isms_status isms_entry_status(const isms_entry *e)
{
    return e ? (isms_status)e->status : ISMS_STATUS_NOT_ASSESSED;
}

int isms_entry_set_status(isms_entry *e, isms_status status)
{
    if (!e || (unsigned)status >= ISMS_STATUS_COUNT)
        return isms__error(ISMS_EINVAL, "isms_entry_set_status: %s",
                           e ? "unknown status" : "entry is NULL");
    e->status = (unsigned char)status;
    return ISMS_OK;
}

isms_need isms_entry_need(const isms_entry *e)
{
    return e ? (isms_need)e->need : ISMS_NEED_UNSET;
}

int isms_entry_set_need(isms_entry *e, isms_need need)
{
    if (!e || (unsigned)need > ISMS_NEED_HIGH)
        return isms__error(ISMS_EINVAL, "isms_entry_set_need: %s",
                           e ? "unknown need" : "entry is NULL");
    e->need = (unsigned char)need;
    return ISMS_OK;
}

const char *isms_entry_get(const isms_entry *e, isms_entry_field field)
{
    if (!e || (unsigned)field >= ISMS__ENTRY_FIELDS)
        return "";
    return e->text[field];
}

int isms_entry_set(isms_entry *e, isms_entry_field field, const char *text)
{
    /* The fields as the document format names them (isms_entry_field order). */
    static const char *const names[ISMS__ENTRY_FIELDS] = {
        "text", "comment", "plan", "owner", "due", "justification", "origin",
    };
    if (!e || (unsigned)field >= ISMS__ENTRY_FIELDS)
        return isms__error(ISMS_EINVAL, "isms_entry_set: %s",
                           e ? "unknown field" : "entry is NULL");
    if (isms__text_check(names[field], text))
        return ISMS_EINVAL;
    int rc = isms__text_set(&e->text[field], text);
    if (rc == ISMS_OK && field == ISMS_FIELD_DUE)
        isms_period_parse(&e->due, e->text[field], e->owner->year);
    return rc;
}

isms_period isms_entry_due(const isms_entry *e)
{
    if (!e) {
        isms_period none;
        memset(&none, 0, sizeof none);
        return none;
    }
    return e->due;
}

size_t isms_entry_evidence_count(const isms_entry *e)
{
    return e ? e->n_evidence : 0;
}

const char *isms_entry_evidence(const isms_entry *e, size_t index)
{
    return e && index < e->n_evidence ? e->evidence[index] : NULL;
}

int isms_entry_add_evidence(isms_entry *e, const char *ref)
{
    if (!e || !ref)
        return isms__error(ISMS_EINVAL, "isms_entry_add_evidence: NULL argument");
    if (isms__text_check("evidence", ref))
        return ISMS_EINVAL;
    size_t start, len;
    isms__trim_span(ref, strlen(ref), &start, &len);
    if (!len)
        return isms__error(ISMS_EINVAL, "an evidence reference must not be empty");
    if (strpbrk(ref, "\r\n"))
        return isms__error(ISMS_EINVAL,
                           "an evidence reference must not hold a line break (\"%.64s\")", ref);
    char *copy = isms__strdup(ref);
    if (!copy ||
        !isms__grow((void **)&e->evidence, &e->cap_evidence, e->n_evidence + 1,
                    sizeof *e->evidence)) {
        isms__free(copy);
        return isms__error_nomem();
    }
    e->evidence[e->n_evidence++] = copy;
    return ISMS_OK;
}

void isms_entry_clear_evidence(isms_entry *e)
{
    if (!e)
        return;
    for (size_t i = 0; i < e->n_evidence; i++)
        isms__free(e->evidence[i]);
    e->n_evidence = 0;
}

isms_applicability isms_entry_applicability(const isms_entry *e)
{
    return e ? (isms_applicability)e->applicability : ISMS_APPLICABILITY_UNDECIDED;
}

int isms_entry_set_applicability(isms_entry *e, isms_applicability value)
{
    if (!e || (unsigned)value > ISMS_APPLICABILITY_EXCLUDED)
        return isms__error(ISMS_EINVAL, "isms_entry_set_applicability: %s",
                           e ? "unknown value" : "entry is NULL");
    e->applicability = (unsigned char)value;
    return ISMS_OK;
}

unsigned isms_entry_reasons(const isms_entry *e)
{
    return e ? e->reasons : 0;
}

int isms_entry_set_reasons(isms_entry *e, unsigned reasons)
{
    const unsigned all = ISMS_REASON_RISK | ISMS_REASON_LEGAL | ISMS_REASON_CONTRACTUAL |
                         ISMS_REASON_BUSINESS;
    if (!e || (reasons & ~all))
        return isms__error(ISMS_EINVAL, "isms_entry_set_reasons: %s",
                           e ? "unknown reason flags" : "entry is NULL");
    e->reasons = (unsigned char)reasons;
    return ISMS_OK;
}

isms_status isms__entry_effective(const isms_entry *e)
{
    if (e->applicability == ISMS_APPLICABILITY_EXCLUDED)
        return ISMS_STATUS_NOT_APPLICABLE;
    return (isms_status)e->status;
}

bool isms_entry_applicable(const isms_entry *e)
{
    return e && isms__entry_effective(e) != ISMS_STATUS_NOT_APPLICABLE;
}
