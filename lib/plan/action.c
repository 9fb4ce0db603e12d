/* Plans and actions: the vocabularies (statuses, recurrences, effort sizes, target kinds), the
 * plan as a container of actions, and every attribute of an action.
 *
 * A plan keeps its actions in insertion order and indexes them by id (lib/base/index.c), so
 * find is O(1) and remove is O(n) (the array closes up and later actions learn their new
 * position). An action and its id are one allocation; empty texts share one static "" and
 * cost nothing; the ids of an action's prerequisites lie back to back in one block. Every
 * mutator allocates all it needs before it changes anything, so that ISMS_ENOMEM leaves the
 * object as it was, and every change forgets the action's last score.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "plan/plan-internal.h"

/* ---- texts of messages ---------------------------------------------------------------- */

int isms__plan_quote_n(const char *s, size_t n, size_t max)
{
    if (n <= max)
        return (int)n;
    n = max;
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
        n--;
    return (int)n;
}

int isms__plan_quote_len(const char *s, size_t max)
{
    return isms__plan_quote_n(s, strlen(s), max);
}

int isms__plan_decimal(char *buf, size_t size, double v, int decimals, bool sv)
{
    /* Not printf's "%.*f", which writes the decimal point of the C library's locale. */
    char text[128];
    isms__format_number(text, sizeof text, v, decimals, sv ? "," : ".", "");
    return snprintf(buf, size, "%s", text);
}

/* ---- vocabularies ---------------------------------------------------------------------- */

#define COUNT(table) ((unsigned)(sizeof(table) / sizeof *(table)))

/* The label of `value` in a table of `count` values, each with its Swedish and English
 * label; NULL for a value or a language out of range. */
static const char *label_of(const char *const (*labels)[2], unsigned count, unsigned value,
                            isms_lang lang)
{
    return value < count && (unsigned)lang <= ISMS_LANG_EN ? labels[value][lang] : NULL;
}

/* The machine name of `value` in a table of `count` names; NULL out of range. */
static const char *name_of(const char *const *names, unsigned count, unsigned value)
{
    return value < count ? names[value] : NULL;
}

/* Looks `text` up in the `n` words; ISMS_EPARSE names the text, what it should have been
 * (`what`) and what is accepted. `fn` names the function for a NULL argument. */
static int parse_word(int *out, const isms__alias *words, size_t n, const char *text,
                      const char *fn, const char *what, const char *accepted)
{
    if (!out || !text)
        return isms__error(ISMS_EINVAL, "%s: NULL argument", fn);
    if (isms__text_check(what, text))
        return ISMS_EINVAL;
    if (!isms__alias_lookup(out, words, n, text))
        return isms__error(ISMS_EPARSE, "%s \"%.*s\" is not one of %s", what, ISMS__Q(text),
                           accepted);
    return ISMS_OK;
}

/* ---- action statuses ------------------------------------------------------------------ */

static const char *const status_labels[5][2] = {
    { "Föreslagen", "Proposed" }, { "Planerad", "Planned" }, { "Pågående", "In progress" },
    { "Klar", "Done" },           { "Avbruten", "Cancelled" },
};

static const char *const status_names[5] = {
    "proposed", "planned", "in-progress", "done", "cancelled",
};

const char *isms_action_status_label(isms_action_status status, isms_lang lang)
{
    return label_of(status_labels, COUNT(status_labels), (unsigned)status, lang);
}

const char *isms_action_status_name(isms_action_status status)
{
    return name_of(status_names, COUNT(status_names), (unsigned)status);
}

int isms_action_status_parse(isms_action_status *out, const char *text)
{
    static const isms__alias names[] = {
        { "", ISMS_ACTION_PROPOSED },
        { "Föreslagen", ISMS_ACTION_PROPOSED },    { "Proposed", ISMS_ACTION_PROPOSED },
        { "förslag", ISMS_ACTION_PROPOSED },       { "föreslaget", ISMS_ACTION_PROPOSED },
        { "Planerad", ISMS_ACTION_PLANNED },       { "Planned", ISMS_ACTION_PLANNED },
        { "planerat", ISMS_ACTION_PLANNED },
        { "Pågående", ISMS_ACTION_IN_PROGRESS },   { "In progress", ISMS_ACTION_IN_PROGRESS },
        { "in-progress", ISMS_ACTION_IN_PROGRESS }, { "in_progress", ISMS_ACTION_IN_PROGRESS },
        { "pågår", ISMS_ACTION_IN_PROGRESS },      { "påbörjad", ISMS_ACTION_IN_PROGRESS },
        { "påbörjat", ISMS_ACTION_IN_PROGRESS },   { "started", ISMS_ACTION_IN_PROGRESS },
        { "ongoing", ISMS_ACTION_IN_PROGRESS },
        { "Klar", ISMS_ACTION_DONE },              { "Done", ISMS_ACTION_DONE },
        { "klart", ISMS_ACTION_DONE },             { "genomförd", ISMS_ACTION_DONE },
        { "genomfört", ISMS_ACTION_DONE },         { "completed", ISMS_ACTION_DONE },
        { "Avbruten", ISMS_ACTION_CANCELLED },     { "Cancelled", ISMS_ACTION_CANCELLED },
        { "avbrutet", ISMS_ACTION_CANCELLED },     { "struken", ISMS_ACTION_CANCELLED },
        { "struket", ISMS_ACTION_CANCELLED },      { "canceled", ISMS_ACTION_CANCELLED },
    };
    int v;
    int rc = parse_word(out ? &v : NULL, names, COUNT(names), text, "isms_action_status_parse",
                        "action status",
                        "Föreslagen, Planerad, Pågående, Klar, Avbruten (Proposed, Planned, "
                        "In progress, Done, Cancelled; also förslag, pågår, påbörjad, started, "
                        "ongoing, klart, genomförd, completed, struken, canceled) or empty");
    if (!rc)
        *out = (isms_action_status)v;
    return rc;
}

/* ---- recurrences ---------------------------------------------------------------------- */

static const char *const recurrence_labels[4][2] = {
    { "Ingen", "None" },
    { "Årligen", "Yearly" },
    { "Varje tertial", "Every tertial" },
    { "Varje kvartal", "Every quarter" },
};

static const char *const recurrence_names[4] = { "none", "yearly", "tertial", "quarterly" };

const char *isms_recurrence_label(isms_recurrence recurrence, isms_lang lang)
{
    return label_of(recurrence_labels, COUNT(recurrence_labels), (unsigned)recurrence, lang);
}

const char *isms_recurrence_name(isms_recurrence recurrence)
{
    return name_of(recurrence_names, COUNT(recurrence_names), (unsigned)recurrence);
}

int isms_recurrence_parse(isms_recurrence *out, const char *text)
{
    static const isms__alias names[] = {
        { "", ISMS_RECUR_NONE },
        { "Ingen", ISMS_RECUR_NONE },               { "None", ISMS_RECUR_NONE },
        { "engångs", ISMS_RECUR_NONE },             { "en gång", ISMS_RECUR_NONE },
        { "once", ISMS_RECUR_NONE },
        { "Årligen", ISMS_RECUR_YEARLY },           { "Yearly", ISMS_RECUR_YEARLY },
        { "årlig", ISMS_RECUR_YEARLY },             { "årligt", ISMS_RECUR_YEARLY },
        { "varje år", ISMS_RECUR_YEARLY },          { "en gång per år", ISMS_RECUR_YEARLY },
        { "per år", ISMS_RECUR_YEARLY },            { "annually", ISMS_RECUR_YEARLY },
        { "annual", ISMS_RECUR_YEARLY },            { "every year", ISMS_RECUR_YEARLY },
        { "per year", ISMS_RECUR_YEARLY },          { "once a year", ISMS_RECUR_YEARLY },
        { "Varje tertial", ISMS_RECUR_TERTIAL },    { "Every tertial", ISMS_RECUR_TERTIAL },
        { "tertial", ISMS_RECUR_TERTIAL },          { "tertialvis", ISMS_RECUR_TERTIAL },
        { "per tertial", ISMS_RECUR_TERTIAL },      { "tertially", ISMS_RECUR_TERTIAL },
        { "Varje kvartal", ISMS_RECUR_QUARTER },    { "Every quarter", ISMS_RECUR_QUARTER },
        { "kvartalsvis", ISMS_RECUR_QUARTER },      { "per kvartal", ISMS_RECUR_QUARTER },
        { "quarterly", ISMS_RECUR_QUARTER },        { "per quarter", ISMS_RECUR_QUARTER },
    };
    int v;
    int rc = parse_word(out ? &v : NULL, names, COUNT(names), text, "isms_recurrence_parse",
                        "recurrence",
                        "Ingen, Årligen, Varje tertial, Varje kvartal (None, Yearly, Every "
                        "tertial, Every quarter; also årlig, varje år, annually, tertialvis, "
                        "kvartalsvis, quarterly, engångs, once) or empty");
    if (!rc)
        *out = (isms_recurrence)v;
    return rc;
}

/* ---- effort --------------------------------------------------------------------------- */

static const double size_days[6] = { 0, 1, 5, 20, 60, 120 };
static const char *const size_names[6] = { "", "XS", "S", "M", "L", "XL" };

double isms_effort_days(isms_effort_size size)
{
    return (unsigned)size <= ISMS_EFFORT_XL ? size_days[size] : 0;
}

const char *isms_effort_size_name(isms_effort_size size)
{
    return name_of(size_names, COUNT(size_names), (unsigned)size);
}

#define EFFORT_ACCEPTED                                                                       \
    "a size (XS, S, M, L, XL, or liten, mellan, stor, small, medium, large …) or a number "    \
    "of person-days, optionally with a unit (dagar, veckor, månader, timmar / days, weeks, "   \
    "months, hours), such as 5, 2,5, 3 dagar or 2 weeks"

/* The number at the start of s: digits with an optional decimal point or comma, an optional
 * sign first. Sets *end past it; false when there is no digit. */
static bool read_number(double *out, const char *s, const char **end)
{
    const char *p = s;
    bool negative = false;
    if (*p == '+' || *p == '-')
        negative = *p++ == '-';
    double v = 0;
    bool any = false;
    while (*p >= '0' && *p <= '9') {
        v = v * 10 + (*p++ - '0');
        any = true;
    }
    if ((*p == '.' || *p == ',') && p[1] >= '0' && p[1] <= '9') {
        p++;
        double scale = 1;
        while (*p >= '0' && *p <= '9') {
            v = v * 10 + (*p++ - '0');
            scale *= 10;
        }
        v /= scale;
        any = true;
    }
    if (!any)
        return false;
    *out = negative ? -v : v;
    *end = p;
    return true;
}

int isms_effort_parse(double *days, isms_effort_size *size, const char *text)
{
    static const isms__alias sizes[] = {
        { "XS", ISMS_EFFORT_XS },         { "extra small", ISMS_EFFORT_XS },
        { "extra-small", ISMS_EFFORT_XS }, { "mycket liten", ISMS_EFFORT_XS },
        { "S", ISMS_EFFORT_S },           { "small", ISMS_EFFORT_S },
        { "liten", ISMS_EFFORT_S },
        { "M", ISMS_EFFORT_M },           { "medium", ISMS_EFFORT_M },
        { "mellan", ISMS_EFFORT_M },      { "medel", ISMS_EFFORT_M },
        { "L", ISMS_EFFORT_L },           { "large", ISMS_EFFORT_L },
        { "stor", ISMS_EFFORT_L },
        { "XL", ISMS_EFFORT_XL },         { "extra large", ISMS_EFFORT_XL },
        { "extra-large", ISMS_EFFORT_XL }, { "mycket stor", ISMS_EFFORT_XL },
    };
    /* Units, as an index into `factor` (person-days per unit). */
    enum { DAY, WEEK, MONTH, HOUR };
    static const isms__alias units[] = {
        { "", DAY },
        { "d", DAY },            { "dag", DAY },           { "dagar", DAY },
        { "day", DAY },          { "days", DAY },          { "pd", DAY },
        { "person-day", DAY },   { "person-days", DAY },   { "person day", DAY },
        { "person days", DAY },  { "persondag", DAY },     { "persondagar", DAY },
        { "dagsverke", DAY },    { "dagsverken", DAY },
        { "v", WEEK },           { "w", WEEK },            { "vecka", WEEK },
        { "veckor", WEEK },      { "week", WEEK },         { "weeks", WEEK },
        { "mån", MONTH },        { "månad", MONTH },       { "månader", MONTH },
        { "month", MONTH },      { "months", MONTH },
        { "h", HOUR },           { "tim", HOUR },          { "timme", HOUR },
        { "timmar", HOUR },      { "hour", HOUR },         { "hours", HOUR },
        { "hr", HOUR },          { "hrs", HOUR },
    };
    static const double factor[4] = { 1, 5, 20, 1.0 / 8 };

    if (!days || !text)
        return isms__error(ISMS_EINVAL, "isms_effort_parse: NULL argument");
    if (isms__text_check("effort", text))
        return ISMS_EINVAL;
    int v;
    if (isms__alias_lookup(&v, sizes, sizeof sizes / sizeof *sizes, text)) {
        *days = size_days[v];
        if (size)
            *size = (isms_effort_size)v;
        return ISMS_OK;
    }
    size_t start, len;
    isms__trim_span(text, strlen(text), &start, &len);
    if (!len)
        return isms__error(ISMS_EPARSE, "an effort is empty: expected " EFFORT_ACCEPTED);
    double number;
    const char *end;
    if (!read_number(&number, text + start, &end))
        return isms__error(ISMS_EPARSE, "effort \"%.*s\" is not understood: expected "
                           EFFORT_ACCEPTED, ISMS__Q(text));
    if (!isms__alias_lookup(&v, units, sizeof units / sizeof *units, end)) {
        size_t us, ul;
        isms__trim_span(end, strlen(end), &us, &ul);
        return isms__error(ISMS_EPARSE, "effort \"%.*s\": unknown unit \"%.*s\"; expected "
                           EFFORT_ACCEPTED, ISMS__Q(text),
                           isms__plan_quote_n(end + us, ul, 32), end + us);
    }
    double d = number * factor[v];
    if (!isfinite(d) || d < 0 || d > ISMS__EFFORT_MAX)
        return isms__error(ISMS_ERANGE, "effort \"%.*s\" is outside 0–100000 person-days",
                           ISMS__Q(text));
    *days = d + 0.0; /* no negative zero */
    if (size)
        *size = ISMS_EFFORT_UNSIZED;
    return ISMS_OK;
}

/* ---- target kinds --------------------------------------------------------------------- */

static const char *const kind_names[4] = { "any", "risk", "requirement", "asset" };
static const char *const kind_labels[4][2] = {
    { "", "" }, { "Risk", "Risk" }, { "Krav", "Requirement" }, { "Tillgång", "Asset" },
};

const char *isms_target_kind_name(isms_target_kind kind)
{
    return name_of(kind_names, COUNT(kind_names), (unsigned)kind);
}

const char *isms_target_kind_label(isms_target_kind kind, isms_lang lang)
{
    return label_of(kind_labels, COUNT(kind_labels), (unsigned)kind, lang);
}

/* ---- plans ---------------------------------------------------------------------------- */

static const char *action_key(const void *item)
{
    return ((const isms_action *)item)->id;
}

int isms_plan_new(isms_plan **out, int year)
{
    if (!out)
        return isms__error(ISMS_EINVAL, "isms_plan_new: out is NULL");
    if (year < 1900 || year > 9999)
        return isms__error(ISMS_ERANGE, "the plan's year %d is outside 1900–9999", year);
    isms_plan *plan = isms__calloc(1, sizeof *plan);
    if (!plan)
        return isms__error_nomem();
    plan->year = year;
    isms__index_init(&plan->index, action_key);
    *out = plan;
    return ISMS_OK;
}

static void action_free(isms_action *a)
{
    isms__text_free(a->title);
    isms__text_free(a->description);
    isms__text_free(a->owner);
    isms__text_free(a->due_text);
    for (uint32_t i = 0; i < a->n_targets; i++)
        isms__free(a->targets[i].id);
    isms__free(a->targets);
    isms__free(a->prereqs);
    isms__free(a->prereq_idx);
    isms__free(a);
}

void isms_plan_free(isms_plan *plan)
{
    if (!plan)
        return;
    for (size_t i = 0; i < plan->count; i++)
        action_free(plan->items[i]);
    isms__free(plan->items);
    isms__index_free(&plan->index);
    isms__free(plan->terms);
    isms__free(plan);
}

int isms_plan_year(const isms_plan *plan)
{
    return plan ? plan->year : 0;
}

int isms_plan_set_sources(isms_plan *plan, const isms_register *risks,
                          const isms_assessment *assessment, const isms_inventory *inventory)
{
    if (!plan)
        return isms__error(ISMS_EINVAL, "isms_plan_set_sources: plan is NULL");
    plan->risks = risks;
    plan->assessment = assessment;
    plan->inventory = inventory;
    for (size_t i = 0; i < plan->count; i++) /* the sources make the scores */
        isms__action_changed(plan->items[i]);
    return ISMS_OK;
}

const isms_register *isms_plan_register(const isms_plan *plan)
{
    return plan ? plan->risks : NULL;
}

const isms_assessment *isms_plan_assessment(const isms_plan *plan)
{
    return plan ? plan->assessment : NULL;
}

const isms_inventory *isms_plan_inventory(const isms_plan *plan)
{
    return plan ? plan->inventory : NULL;
}

size_t isms_plan_count(const isms_plan *plan)
{
    return plan ? plan->count : 0;
}

isms_action *isms_plan_at(const isms_plan *plan, size_t index)
{
    return plan && index < plan->count ? plan->items[index] : NULL;
}

/* The action whose id is `id` trimmed (without copying it). */
static isms_action *find_trimmed(const isms_plan *plan, const char *id)
{
    size_t start, len;
    isms__trim_span(id, strlen(id), &start, &len);
    return isms__index_find_n(&plan->index, id + start, len);
}

isms_action *isms_plan_find(const isms_plan *plan, const char *id)
{
    if (!plan || !id)
        return NULL;
    return find_trimmed(plan, id);
}

int isms_plan_add(isms_action **out, isms_plan *plan, const char *id, const char *title)
{
    if (!plan || !id)
        return isms__error(ISMS_EINVAL, "isms_plan_add: NULL argument");
    if (isms__text_check("id", id) || isms__text_check("title", title))
        return ISMS_EINVAL;
    size_t start, len;
    isms__trim_span(id, strlen(id), &start, &len);
    if (!len)
        return isms__error(ISMS_EINVAL, "an action needs an id that is not blank");
    if (len > ISMS__ACTION_ID_MAX)
        return isms__error(ISMS_EINVAL, "the action id \"%.*s…\" is %zu bytes long; at most "
                           "%d are allowed", isms__plan_quote_n(id + start, len, 32),
                           id + start, len, ISMS__ACTION_ID_MAX);
    if (isms__index_find_n(&plan->index, id + start, len))
        return isms__error(ISMS_EEXIST, "an action with id \"%.*s\" already exists",
                           isms__plan_quote_n(id + start, len, 64), id + start);
    if (plan->count >= ISMS__ACTIONS_MAX)
        return isms__error(ISMS_ENOMEM, "the plan already holds %zu actions, the most it can",
                           plan->count);
    isms_action *a = isms__malloc(sizeof *a + len + 1);
    if (!a)
        return isms__error_nomem();
    memcpy(a->id, id + start, len);
    a->id[len] = '\0';
    a->title = isms__text_dup(title);
    if (!a->title ||
        !isms__grow((void **)&plan->items, &plan->cap, plan->count + 1, sizeof *plan->items) ||
        !isms__index_reserve(&plan->index, plan->count + 1)) {
        if (a->title)
            isms__text_free(a->title);
        isms__free(a);
        return isms__error_nomem();
    }
    a->plan = plan;
    a->description = isms__text_empty;
    a->owner = isms__text_empty;
    a->due_text = isms__text_empty;
    memset(&a->due, 0, sizeof a->due); /* ISMS_PERIOD_NONE */
    a->effort = -1;
    a->cost = -1;
    a->targets = NULL;
    a->n_targets = 0;
    a->cap_targets = 0;
    a->prereqs = NULL;
    a->prereq_len = 0;
    a->prereq_cap = 0;
    a->n_prereqs = 0;
    a->prereq_idx = NULL;
    a->prereq_idx_cap = 0;
    a->prereq_gen = plan->gen;
    a->exp_likelihood = ISMS_LEVEL_UNSET;
    a->exp_consequence = ISMS_LEVEL_UNSET;
    a->status = ISMS_ACTION_PROPOSED;
    a->recurrence = ISMS_RECUR_NONE;
    a->size = ISMS_EFFORT_UNSIZED;
    a->expected_status = ISMS_STATUS_NOT_ASSESSED;
    a->score = -1;
    a->term_first = 0;
    a->term_count = 0;
    a->idx = (uint32_t)plan->count;
    isms__index_insert(&plan->index, a);
    plan->items[plan->count++] = a;
    if (out)
        *out = a;
    return ISMS_OK;
}

int isms_plan_remove(isms_plan *plan, const char *id)
{
    if (!plan || !id)
        return isms__error(ISMS_EINVAL, "isms_plan_remove: NULL argument");
    isms_action *a = find_trimmed(plan, id);
    if (!a)
        return isms__error(ISMS_ENOTFOUND, "no action with id \"%.*s\"", ISMS__Q(id));
    uint32_t idx = a->idx;
    isms__index_remove(&plan->index, a->id);
    memmove(&plan->items[idx], &plan->items[idx + 1],
            (plan->count - idx - 1) * sizeof *plan->items);
    plan->count--;
    for (size_t i = idx; i < plan->count; i++)
        plan->items[i]->idx = (uint32_t)i;
    plan->gen++; /* resolved prerequisites point at indices that moved, or at `a` */
    action_free(a);
    return ISMS_OK;
}

/* ---- copies --------------------------------------------------------------------------- */

/* A copy of `src` for the plan `plan` (which it is not yet part of), or NULL when out of
 * memory (no error set). Everything is copied but the resolved prerequisites, which the
 * caller resolves in the new plan, and the terms of the score, which live in the plan. */
static isms_action *action_copy(isms_plan *plan, const isms_action *src)
{
    size_t len = strlen(src->id);
    isms_action *a = isms__malloc(sizeof *a + len + 1);
    if (!a)
        return NULL;
    *a = *src; /* the numbers and the status; the pointers are replaced below */
    memcpy(a->id, src->id, len + 1);
    a->plan = plan;
    a->title = isms__text_dup(src->title);
    a->description = isms__text_dup(src->description);
    a->owner = isms__text_dup(src->owner);
    a->due_text = isms__text_dup(src->due_text);
    a->targets = NULL;
    a->n_targets = a->cap_targets = 0;
    a->prereqs = NULL;
    a->prereq_len = a->prereq_cap = 0;
    a->n_prereqs = 0;
    a->prereq_idx = NULL;
    a->prereq_idx_cap = 0;
    bool ok = a->title && a->description && a->owner && a->due_text;
    if (ok && src->n_targets > 0) {
        a->targets = isms__calloc(src->n_targets, sizeof *a->targets);
        ok = a->targets != NULL;
        for (uint32_t i = 0; ok && i < src->n_targets; i++) {
            a->targets[i].kind = src->targets[i].kind;
            a->targets[i].id = isms__strdup(src->targets[i].id);
            ok = a->targets[i].id != NULL;
            if (ok)
                a->n_targets = a->cap_targets = i + 1;
        }
    }
    if (ok && src->n_prereqs > 0) {
        a->prereqs = isms__malloc(src->prereq_len);
        a->prereq_idx = isms__malloc(src->n_prereqs * sizeof *a->prereq_idx);
        ok = a->prereqs && a->prereq_idx;
        if (ok) {
            memcpy(a->prereqs, src->prereqs, src->prereq_len);
            a->prereq_len = a->prereq_cap = src->prereq_len;
            a->prereq_idx_cap = src->n_prereqs;
            a->n_prereqs = src->n_prereqs;
        }
    }
    if (!ok) {
        if (!a->title)
            a->title = isms__text_empty;
        if (!a->description)
            a->description = isms__text_empty;
        if (!a->owner)
            a->owner = isms__text_empty;
        if (!a->due_text)
            a->due_text = isms__text_empty;
        action_free(a);
        return NULL;
    }
    return a;
}

/* The terms of the last scores of `src`, for the copy `dst` of the plan: the same values, but
 * a term's reference (one of its action's target ids) points into the copy. Actions whose
 * score was forgotten keep no terms. False when out of memory (no error set). */
static bool terms_copy(isms_plan *dst, const isms_plan *src)
{
    if (src->n_terms == 0)
        return true;
    dst->terms = isms__malloc(src->n_terms * sizeof *dst->terms);
    if (!dst->terms)
        return false;
    dst->n_terms = src->n_terms;
    for (size_t k = 0; k < src->n_terms; k++) {
        dst->terms[k] = src->terms[k];
        dst->terms[k].ref = ""; /* unless an action with a score says what it is */
    }
    for (size_t i = 0; i < src->count; i++) {
        const isms_action *a = src->items[i];
        isms_action *b = dst->items[i];
        for (uint32_t k = 0; k < a->term_count; k++) {
            const char *ref = src->terms[a->term_first + k].ref;
            for (uint32_t t = 0; t < a->n_targets; t++)
                if (ref == a->targets[t].id)
                    dst->terms[a->term_first + k].ref = b->targets[t].id;
        }
    }
    return true;
}

int isms__plan_copy(isms_plan **out, const isms_plan *plan)
{
    if (!out || !plan)
        return isms__error(ISMS_EINVAL, "isms__plan_copy: NULL argument");
    isms_plan *p = NULL;
    int rc = isms_plan_new(&p, plan->year);
    if (rc != ISMS_OK)
        return rc;
    p->risks = plan->risks;
    p->assessment = plan->assessment;
    p->inventory = plan->inventory;
    bool ok = plan->count == 0 ||
              (isms__grow((void **)&p->items, &p->cap, plan->count, sizeof *p->items) &&
               isms__index_reserve(&p->index, plan->count));
    for (size_t i = 0; ok && i < plan->count; i++) {
        isms_action *a = action_copy(p, plan->items[i]);
        ok = a != NULL;
        if (ok) {
            a->idx = (uint32_t)i;
            isms__index_insert(&p->index, a);
            p->items[p->count++] = a;
        }
    }
    ok = ok && terms_copy(p, plan);
    if (!ok) {
        isms_plan_free(p);
        return isms__error_nomem();
    }
    /* The prerequisites resolved in the copy, as they would be if added now. */
    for (size_t i = 0; i < p->count; i++) {
        isms_action *a = p->items[i];
        const char *pre = a->prereqs;
        for (uint32_t j = 0; j < a->n_prereqs; j++, pre += strlen(pre) + 1) {
            const isms_action *q = isms__index_find(&p->index, pre);
            a->prereq_idx[j] = q ? q->idx : ISMS__UNRESOLVED;
        }
        a->prereq_gen = p->gen;
    }
    *out = p;
    return ISMS_OK;
}

/* ---- actions -------------------------------------------------------------------------- */

void isms__action_changed(isms_action *action)
{
    action->term_count = 0;
    action->score = -1;
}

const char *isms_action_id(const isms_action *action)
{
    return action ? action->id : "";
}

const char *isms_action_get(const isms_action *action, isms_action_field field)
{
    if (!action)
        return "";
    switch (field) {
    case ISMS_ACTION_TITLE:
        return action->title;
    case ISMS_ACTION_DESCRIPTION:
        return action->description;
    case ISMS_ACTION_OWNER:
        return action->owner;
    case ISMS_ACTION_DUE:
        return action->due_text;
    }
    return "";
}

int isms_action_set(isms_action *action, isms_action_field field, const char *text)
{
    if (!action)
        return isms__error(ISMS_EINVAL, "isms_action_set: action is NULL");
    char **slot;
    const char *name;
    switch (field) {
    case ISMS_ACTION_TITLE:
        slot = &action->title;
        name = "title";
        break;
    case ISMS_ACTION_DESCRIPTION:
        slot = &action->description;
        name = "description";
        break;
    case ISMS_ACTION_OWNER:
        slot = &action->owner;
        name = "owner";
        break;
    case ISMS_ACTION_DUE:
        slot = &action->due_text;
        name = "due";
        break;
    default:
        return isms__error(ISMS_EINVAL, "unknown action field %d", (int)field);
    }
    if (isms__text_check(name, text))
        return ISMS_EINVAL;
    isms_period due = action->due;
    if (field == ISMS_ACTION_DUE) {
        int rc = isms_period_parse(&due, text, action->plan->year);
        if (rc)
            return rc;
    }
    int rc = isms__text_set(slot, text);
    if (rc)
        return rc;
    action->due = due;
    isms__action_changed(action);
    return ISMS_OK;
}

isms_period isms_action_due(const isms_action *action)
{
    if (!action) {
        isms_period none;
        memset(&none, 0, sizeof none);
        return none;
    }
    return action->due;
}

isms_action_status isms_action_get_status(const isms_action *action)
{
    return action ? (isms_action_status)action->status : ISMS_ACTION_PROPOSED;
}

int isms_action_set_status(isms_action *action, isms_action_status status)
{
    if (!action)
        return isms__error(ISMS_EINVAL, "isms_action_set_status: action is NULL");
    if ((unsigned)status > ISMS_ACTION_CANCELLED)
        return isms__error(ISMS_EINVAL, "action status %d is not one of 0–4 (proposed, "
                           "planned, in progress, done, cancelled)", (int)status);
    action->status = (uint8_t)status;
    isms__action_changed(action);
    return ISMS_OK;
}

isms_recurrence isms_action_recurrence(const isms_action *action)
{
    return action ? (isms_recurrence)action->recurrence : ISMS_RECUR_NONE;
}

int isms_action_set_recurrence(isms_action *action, isms_recurrence recurrence)
{
    if (!action)
        return isms__error(ISMS_EINVAL, "isms_action_set_recurrence: action is NULL");
    if ((unsigned)recurrence > ISMS_RECUR_QUARTER)
        return isms__error(ISMS_EINVAL, "recurrence %d is not one of 0–3 (none, yearly, "
                           "tertial, quarterly)", (int)recurrence);
    action->recurrence = (uint8_t)recurrence;
    isms__action_changed(action);
    return ISMS_OK;
}

double isms_action_effort(const isms_action *action)
{
    return action ? action->effort : -1;
}

isms_effort_size isms_action_effort_size(const isms_action *action)
{
    return action ? (isms_effort_size)action->size : ISMS_EFFORT_UNSIZED;
}

int isms_action_set_effort(isms_action *action, double days)
{
    if (!action)
        return isms__error(ISMS_EINVAL, "isms_action_set_effort: action is NULL");
    if (!isfinite(days) || days > ISMS__EFFORT_MAX)
        return isms__error(ISMS_ERANGE, "effort %s of action \"%.*s\" is outside 0–100000 "
                           "person-days", isms__g(days).s, ISMS__Q(action->id));
    action->effort = days < 0 ? -1 : days + 0.0;
    action->size = ISMS_EFFORT_UNSIZED;
    isms__action_changed(action);
    return ISMS_OK;
}

int isms_action_set_effort_size(isms_action *action, isms_effort_size size)
{
    if (!action)
        return isms__error(ISMS_EINVAL, "isms_action_set_effort_size: action is NULL");
    if ((unsigned)size > ISMS_EFFORT_XL)
        return isms__error(ISMS_EINVAL, "effort size %d is not one of 0–5 (unsized, XS, S, "
                           "M, L, XL)", (int)size);
    action->effort = size == ISMS_EFFORT_UNSIZED ? -1 : size_days[size];
    action->size = (uint8_t)size;
    isms__action_changed(action);
    return ISMS_OK;
}

double isms_action_cost(const isms_action *action)
{
    return action ? action->cost : -1;
}

int isms_action_set_cost(isms_action *action, double cost)
{
    if (!action)
        return isms__error(ISMS_EINVAL, "isms_action_set_cost: action is NULL");
    if (!isfinite(cost))
        return isms__error(ISMS_ERANGE, "the cost of action \"%.*s\" is not a finite number",
                           ISMS__Q(action->id));
    action->cost = cost < 0 ? -1 : cost + 0.0;
    isms__action_changed(action);
    return ISMS_OK;
}

/* ---- targets -------------------------------------------------------------------------- */

size_t isms_action_target_count(const isms_action *action)
{
    return action ? action->n_targets : 0;
}

int isms_action_target(isms_target *out, const isms_action *action, size_t index)
{
    if (!out || !action)
        return isms__error(ISMS_EINVAL, "isms_action_target: NULL argument");
    if (index >= action->n_targets)
        return isms__error(ISMS_ERANGE, "target %zu of action \"%.*s\" does not exist: it has "
                           "%u", index, ISMS__Q(action->id), (unsigned)action->n_targets);
    out->kind = (isms_target_kind)action->targets[index].kind;
    out->id = action->targets[index].id;
    return ISMS_OK;
}

/* The kind that a prefix such as "risk:" before s[colon] names, or ISMS_TARGET_ANY. */
static isms_target_kind prefix_kind(const char *s, size_t colon)
{
    static const isms__alias prefixes[] = {
        { "risk", ISMS_TARGET_RISK },          { "req", ISMS_TARGET_REQUIREMENT },
        { "krav", ISMS_TARGET_REQUIREMENT },   { "requirement", ISMS_TARGET_REQUIREMENT },
        { "asset", ISMS_TARGET_ASSET },        { "tillgång", ISMS_TARGET_ASSET },
    };
    char word[16];
    if (colon == 0 || colon >= sizeof word)
        return ISMS_TARGET_ANY;
    memcpy(word, s, colon);
    word[colon] = '\0';
    int v;
    if (isms__alias_lookup(&v, prefixes, sizeof prefixes / sizeof *prefixes, word))
        return (isms_target_kind)v;
    return ISMS_TARGET_ANY;
}

int isms_action_add_target(isms_action *action, isms_target_kind kind, const char *id)
{
    if (!action || !id)
        return isms__error(ISMS_EINVAL, "isms_action_add_target: NULL argument");
    if (isms__text_check("target", id))
        return ISMS_EINVAL;
    if ((unsigned)kind > ISMS_TARGET_ASSET)
        return isms__error(ISMS_EINVAL, "target kind %d is not one of 0–3 (any, risk, "
                           "requirement, asset)", (int)kind);
    size_t start, len;
    isms__trim_span(id, strlen(id), &start, &len);
    const char *s = id + start;
    if (kind == ISMS_TARGET_ANY) {
        const char *colon = memchr(s, ':', len);
        if (colon) {
            isms_target_kind k = prefix_kind(s, (size_t)(colon - s));
            if (k != ISMS_TARGET_ANY) {
                size_t rest = len - (size_t)(colon + 1 - s), st;
                isms__trim_span(colon + 1, rest, &st, &len);
                s = colon + 1 + st;
                kind = k;
            }
        }
    }
    if (!len)
        return isms__error(ISMS_EINVAL, "action \"%.*s\": a target needs an id that is not "
                           "blank (\"%.*s\")", ISMS__Q(action->id), ISMS__Q(id));
    for (uint32_t i = 0; i < action->n_targets; i++) {
        const isms__target *t = &action->targets[i];
        if (t->kind == kind && strncmp(t->id, s, len) == 0 && t->id[len] == '\0')
            return ISMS_OK;
    }
    if (action->n_targets == UINT32_MAX)
        return isms__error(ISMS_ENOMEM, "action \"%.*s\" has as many targets as it can hold",
                           ISMS__Q(action->id));
    char *copy = isms__strndup(s, len);
    if (!copy)
        return isms__error_nomem();
    size_t cap = action->cap_targets;
    if (!isms__grow((void **)&action->targets, &cap, (size_t)action->n_targets + 1,
                    sizeof *action->targets)) {
        isms__free(copy);
        return isms__error_nomem();
    }
    action->cap_targets = cap > UINT32_MAX ? UINT32_MAX : (uint32_t)cap;
    action->targets[action->n_targets].id = copy;
    action->targets[action->n_targets].kind = (uint8_t)kind;
    action->n_targets++;
    isms__action_changed(action);
    return ISMS_OK;
}

void isms_action_clear_targets(isms_action *action)
{
    if (!action)
        return;
    for (uint32_t i = 0; i < action->n_targets; i++)
        isms__free(action->targets[i].id);
    isms__free(action->targets);
    action->targets = NULL;
    action->n_targets = 0;
    action->cap_targets = 0;
    isms__action_changed(action);
}

/* ---- prerequisites -------------------------------------------------------------------- */

size_t isms_action_prerequisite_count(const isms_action *action)
{
    return action ? action->n_prereqs : 0;
}

const char *isms_action_prerequisite(const isms_action *action, size_t index)
{
    if (!action || index >= action->n_prereqs)
        return NULL;
    const char *p = action->prereqs;
    while (index--)
        p += strlen(p) + 1;
    return p;
}

int isms_action_add_prerequisite(isms_action *action, const char *id)
{
    if (!action || !id)
        return isms__error(ISMS_EINVAL, "isms_action_add_prerequisite: NULL argument");
    if (isms__text_check("prerequisite", id))
        return ISMS_EINVAL;
    size_t start, len;
    isms__trim_span(id, strlen(id), &start, &len);
    const char *s = id + start;
    if (!len)
        return isms__error(ISMS_EINVAL, "action \"%.*s\": a prerequisite needs an id that is "
                           "not blank", ISMS__Q(action->id));
    if (strncmp(action->id, s, len) == 0 && action->id[len] == '\0')
        return isms__error(ISMS_ECYCLE, "action \"%.*s\" cannot be its own prerequisite",
                           ISMS__Q(action->id));
    if (action->prereqs) { /* (no arithmetic on the NULL of an action without any) */
        const char *end = action->prereqs + action->prereq_len;
        for (const char *p = action->prereqs; p < end; p += strlen(p) + 1)
            if (strncmp(p, s, len) == 0 && p[len] == '\0')
                return ISMS_OK;
    }
    return isms__action_add_prerequisites(action, &s, &len, 1);
}

int isms__action_add_prerequisites(isms_action *action, const char *const *ids,
                                   const size_t *lens, size_t n)
{
    if (n == 0)
        return ISMS_OK;
    size_t bytes = 0;
    for (size_t k = 0; k < n; k++) {
        if (lens[k] + 1 > SIZE_MAX - action->prereq_len - bytes)
            return isms__error(ISMS_ENOMEM, "action \"%.*s\" has as many prerequisites as it "
                               "can hold", ISMS__Q(action->id));
        bytes += lens[k] + 1;
    }
    if (n > UINT32_MAX - action->n_prereqs)
        return isms__error(ISMS_ENOMEM, "action \"%.*s\" has as many prerequisites as it can "
                           "hold", ISMS__Q(action->id));
    if (!isms__grow((void **)&action->prereqs, &action->prereq_cap, action->prereq_len + bytes,
                    1) ||
        !isms__grow((void **)&action->prereq_idx, &action->prereq_idx_cap,
                    (size_t)action->n_prereqs + n, sizeof *action->prereq_idx))
        return isms__error_nomem();
    const isms_plan *plan = action->plan;
    if (action->prereq_gen != plan->gen) { /* stale after a removal: resolve all again */
        const char *p = action->prereqs;
        for (uint32_t j = 0; j < action->n_prereqs; j++, p += strlen(p) + 1) {
            const isms_action *q = isms__index_find(&plan->index, p);
            action->prereq_idx[j] = q ? q->idx : ISMS__UNRESOLVED;
        }
        action->prereq_gen = plan->gen;
    }
    for (size_t k = 0; k < n; k++) {
        const isms_action *q = isms__index_find_n(&plan->index, ids[k], lens[k]);
        action->prereq_idx[action->n_prereqs] = q ? q->idx : ISMS__UNRESOLVED;
        memcpy(action->prereqs + action->prereq_len, ids[k], lens[k]);
        action->prereqs[action->prereq_len + lens[k]] = '\0';
        action->prereq_len += lens[k] + 1;
        action->n_prereqs++;
    }
    isms__action_changed(action);
    return ISMS_OK;
}

void isms_action_clear_prerequisites(isms_action *action)
{
    if (!action)
        return;
    isms__free(action->prereqs);
    isms__free(action->prereq_idx);
    action->prereqs = NULL;
    action->prereq_idx = NULL;
    action->prereq_len = 0;
    action->prereq_cap = 0;
    action->prereq_idx_cap = 0;
    action->n_prereqs = 0;
    action->prereq_gen = action->plan->gen;
    isms__action_changed(action);
}

/* ---- expected outcome ----------------------------------------------------------------- */

void isms_action_expected_residual(int *likelihood, int *consequence, const isms_action *action)
{
    if (likelihood)
        *likelihood = action ? action->exp_likelihood : ISMS_LEVEL_UNSET;
    if (consequence)
        *consequence = action ? action->exp_consequence : ISMS_LEVEL_UNSET;
}

int isms_action_set_expected_residual(isms_action *action, int likelihood, int consequence)
{
    if (!action)
        return isms__error(ISMS_EINVAL, "isms_action_set_expected_residual: action is NULL");
    bool l_unset = likelihood == ISMS_LEVEL_UNSET, c_unset = consequence == ISMS_LEVEL_UNSET;
    if (l_unset != c_unset)
        return isms__error(ISMS_EINVAL, "action \"%.*s\": the expected residual needs both a "
                           "likelihood and a consequence, or neither",
                           ISMS__Q(action->id));
    if (!l_unset) {
        if (likelihood < ISMS_LEVEL_VALUE_MIN || likelihood > ISMS_LEVEL_VALUE_MAX)
            return isms__error(ISMS_ERANGE, "action \"%.*s\": expected likelihood %d is "
                               "outside %d–%d", ISMS__Q(action->id), likelihood,
                               ISMS_LEVEL_VALUE_MIN, ISMS_LEVEL_VALUE_MAX);
        if (consequence < ISMS_LEVEL_VALUE_MIN || consequence > ISMS_LEVEL_VALUE_MAX)
            return isms__error(ISMS_ERANGE, "action \"%.*s\": expected consequence %d is "
                               "outside %d–%d", ISMS__Q(action->id), consequence,
                               ISMS_LEVEL_VALUE_MIN, ISMS_LEVEL_VALUE_MAX);
    }
    action->exp_likelihood = likelihood;
    action->exp_consequence = consequence;
    isms__action_changed(action);
    return ISMS_OK;
}

isms_status isms_action_expected_status(const isms_action *action)
{
    return action ? (isms_status)action->expected_status : ISMS_STATUS_NOT_ASSESSED;
}

int isms_action_set_expected_status(isms_action *action, isms_status status)
{
    if (!action)
        return isms__error(ISMS_EINVAL, "isms_action_set_expected_status: action is NULL");
    if (status != ISMS_STATUS_YES && status != ISMS_STATUS_PARTIAL &&
        status != ISMS_STATUS_NOT_ASSESSED)
        return isms__error(ISMS_EINVAL, "action \"%.*s\": the expected status must be yes, "
                           "partial or not assessed (none given), not %s",
                           ISMS__Q(action->id),
                           (unsigned)status < ISMS_STATUS_COUNT ? isms_status_name(status)
                                                                : "a value outside 0–4");
    action->expected_status = (uint8_t)status;
    isms__action_changed(action);
    return ISMS_OK;
}
