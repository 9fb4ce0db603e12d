/* The priority score of actions: weights, the look-up of targets in the plan's sources, the
 * scores and their terms, explanations in words, and the lint of a plan.
 *
 * The score is the formula of include/isms/plan.h. A scoring computes every open action's
 * score and terms into arrays apart from the plan (isms__scoring), so that an order that
 * fails afterwards (a cycle, a missing prerequisite) leaves the plan's previous scores in
 * place; isms__plan_commit() then hands the arrays over. The terms of all actions lie in one
 * array of the plan, each action knowing where its own begin.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "plan/plan-internal.h"

/* The least effort a score divides by, in person-days: an hour (an effort of 0 would divide
 * by 0). */
#define EFFORT_MIN (1.0 / 8)

/* ---- weights ------------------------------------------------------------------------- */

isms_priority isms_priority_default(void)
{
    isms_priority w;
    memset(&w, 0, sizeof w);
    w.base = 0.1;
    w.risk = 1;
    w.reduction = 1;
    w.requirement = 1;
    w.asset = 0.5;
    w.urgency = 1;
    w.overdue = 0.5;
    w.horizon_days = 365;
    w.effort_unit = 5;
    w.effort = 0.5;
    return w;
}

int isms__priority_check(const isms_priority *w)
{
    const struct {
        const char *name;
        double value;
    } weights[] = {
        { "base", w->base },       { "risk", w->risk },
        { "reduction", w->reduction }, { "requirement", w->requirement },
        { "asset", w->asset },     { "urgency", w->urgency },
        { "overdue", w->overdue }, { "effort", w->effort },
    };
    for (size_t i = 0; i < sizeof weights / sizeof *weights; i++)
        if (!isfinite(weights[i].value) || weights[i].value < 0)
            return isms__error(ISMS_EINVAL, "the priority weight \"%s\" is %s: weights must be "
                               "finite numbers of 0 or more", weights[i].name,
                               isms__g(weights[i].value).s);
    if (!isfinite(w->effort_unit) || !(w->effort_unit > 0))
        return isms__error(ISMS_EINVAL, "the effort unit is %s person-days: it must be a finite "
                           "number above 0", isms__g(w->effort_unit).s);
    if (!isfinite(w->horizon_days) || !(w->horizon_days > 0))
        return isms__error(ISMS_EINVAL, "the urgency horizon is %s days: it must be a finite "
                           "number above 0", isms__g(w->horizon_days).s);
    if (!isms__date_empty(w->today) && !isms_date_valid(w->today))
        return isms__error(ISMS_EINVAL, "the reference date %04d-%02d-%02d of the priority is "
                           "not a valid date", w->today.year, w->today.month, w->today.day);
    return ISMS_OK;
}

/* ---- targets ------------------------------------------------------------------------- */

void isms__target_resolve(isms__resolved *out, const isms_plan *plan, const isms__target *t)
{
    memset(out, 0, sizeof *out);
    out->kind = ISMS_TARGET_ANY;
    isms_target_kind kind = (isms_target_kind)t->kind;
    if ((kind == ISMS_TARGET_ANY || kind == ISMS_TARGET_RISK) && plan->risks) {
        out->risk = isms__register_lookup(plan->risks, t->id); /* no error when not found */
        if (out->risk) {
            out->kind = ISMS_TARGET_RISK;
            return;
        }
    }
    if ((kind == ISMS_TARGET_ANY || kind == ISMS_TARGET_REQUIREMENT) && plan->assessment) {
        out->entry = isms_assessment_find(plan->assessment, t->id);
        if (out->entry) {
            out->kind = ISMS_TARGET_REQUIREMENT;
            return;
        }
    }
    if ((kind == ISMS_TARGET_ANY || kind == ISMS_TARGET_ASSET) && plan->inventory) {
        out->asset = isms_inventory_find(plan->inventory, t->id);
        if (out->asset)
            out->kind = ISMS_TARGET_ASSET;
    }
}

/* ---- scores -------------------------------------------------------------------------- */

/* What every action's score needs from the plan and the weights. */
typedef struct score_ctx {
    const isms_plan *plan;
    const isms_priority *w;
    const isms_matrix *matrix; /* of the register, or NULL */
    double top;                /* the top level of the inventory's scheme; 0: none */
    bool today;                /* a reference date is set */
} score_ctx;

/* The highest level of any aspect of the inventory's scheme. */
static double top_level(const isms_inventory *inv)
{
    const isms_scheme *scheme = inv ? isms_inventory_scheme(inv) : NULL;
    int top = 0;
    for (int a = 0; scheme && a < ISMS_ASPECTS; a++) {
        size_t n = isms_scheme_level_count(scheme, (isms_aspect)a);
        isms_class_level lv;
        if (n && isms_scheme_level(&lv, scheme, (isms_aspect)a, n - 1) == ISMS_OK &&
            lv.value > top)
            top = lv.value;
    }
    return top;
}

/* The weight of a requirement's status in the gap: no 1, partial and not assessed ½, yes and
 * not applicable 0. */
static double status_weight(isms_status s)
{
    switch (s) {
    case ISMS_STATUS_NO:
        return 1;
    case ISMS_STATUS_PARTIAL:
    case ISMS_STATUS_NOT_ASSESSED:
        return 0.5;
    default:
        return 0;
    }
}

static double need_of(isms_need need, double gap)
{
    switch (need) {
    case ISMS_NEED_HIGH:
        return 1;
    case ISMS_NEED_MEDIUM:
        return 2.0 / 3;
    case ISMS_NEED_LOW:
        return 1.0 / 3;
    case ISMS_NEED_NONE:
        return 0;
    default:
        return gap;
    }
}

static double clip01(double x)
{
    return x < 0 ? 0 : x > 1 ? 1 : x;
}

/* The risk's current value on the common scale 0–1 (isms_risk_normalized(): its vector's
 * value when it carries one, else its inherent value on the matrix), 0 when it has neither.
 * Asked only when it exists, so that no failing call sets the thread's last error. */
static double risk_current(const isms_risk *r)
{
    double v = 0;
    if (isms_risk_method(r) != ISMS_METHOD_MATRIX ||
        isms_risk_value(r, ISMS_INHERENT) != ISMS_VALUE_UNSET)
        isms_risk_normalized(&v, r, ISMS_INHERENT);
    return v;
}

/* Whether the risk's own residual value is known: residual levels are given (without them
 * isms_risk_normalized() falls back to the inherent value, which says no reduction is known)
 * and they give a value on the matrix. */
static bool residual_known(const isms_risk *r)
{
    return (isms_risk_residual_likelihood(r) != ISMS_LEVEL_UNSET ||
            isms_risk_residual_consequence(r) != ISMS_LEVEL_UNSET) &&
           isms_risk_value(r, ISMS_RESIDUAL) != ISMS_VALUE_UNSET;
}

/* The score of the action's expected residual on the matrix; false when it has none or it is
 * off the matrix. The levels are checked first, so that no failing call sets the thread's
 * last error (a call that succeeds leaves it alone). */
static bool expected_score(isms_score *out, const isms_matrix *m, const isms_action *a)
{
    return m && a->exp_likelihood != ISMS_LEVEL_UNSET &&
           isms__matrix_has_level(m, ISMS_AXIS_LIKELIHOOD, a->exp_likelihood) &&
           isms__matrix_has_level(m, ISMS_AXIS_CONSEQUENCE, a->exp_consequence) &&
           isms_matrix_score(out, m, a->exp_likelihood, a->exp_consequence) == ISMS_OK;
}

/* The effort divisor: (days / unit) ^ w_effort. */
static double effort_divisor(double days, const isms_priority *w)
{
    double x = days / w->effort_unit;
    if (w->effort == 0)
        return 1;
    if (w->effort == 1)
        return x;
    if (w->effort == 0.5)
        return sqrt(x);
    return pow(x, w->effort);
}

/* Scores action `a` into terms[0 …) (room for 3 + its targets); returns the number of terms
 * and sets *score. */
static uint32_t score_action(const score_ctx *x, const isms_action *a, isms_term *terms,
                             double *score)
{
    const isms_priority *w = x->w;
    uint32_t n = 0;
    terms[n++] = (isms_term){ ISMS_TERM_BASE, "", w->base, 0, 0 };
    double benefit = w->base;

    /* The expected residual, normalised on the register's matrix: once for all risks. */
    bool has_expected = a->exp_likelihood != ISMS_LEVEL_UNSET;
    isms_score es;
    bool expected_known = expected_score(&es, x->matrix, a);
    double expected = expected_known ? es.normalized : 0;
    double expected_gap = status_weight(a->expected_status == ISMS_STATUS_NOT_ASSESSED
                                            ? ISMS_STATUS_YES
                                            : (isms_status)a->expected_status);

    for (uint32_t i = 0; i < a->n_targets; i++) {
        const isms__target *t = &a->targets[i];
        isms__resolved r;
        isms__target_resolve(&r, x->plan, t);
        isms_term term = { ISMS_TERM_BASE, t->id, 0, 0, 0 };
        switch (r.kind) {
        case ISMS_TARGET_RISK: {
            double c = risk_current(r.risk);
            /* e: the expected residual, else the risk's own residual on the matrix, else c:
             * an expected residual off the matrix, no residual levels, or residual levels
             * without a value bring no reduction. */
            double e = c;
            if (expected_known)
                e = expected;
            else if (!has_expected && residual_known(r.risk))
                isms_risk_normalized(&e, r.risk, ISMS_RESIDUAL);
            double red = clip01(c - e);
            term.kind = ISMS_TERM_RISK;
            term.a = c;
            term.b = red;
            term.value = w->risk * c * (1 + w->reduction * red);
            break;
        }
        case ISMS_TARGET_REQUIREMENT: {
            double g = clip01(status_weight(isms_entry_status(r.entry)) - expected_gap);
            double need = need_of(isms_entry_need(r.entry), g);
            term.kind = ISMS_TERM_REQUIREMENT;
            term.a = g;
            term.b = need;
            term.value = w->requirement * (g + need) / 2;
            break;
        }
        case ISMS_TARGET_ASSET: {
            int overall = isms_asset_overall(r.asset);
            double k = overall >= 0 && x->top > 0 ? clip01(overall / x->top) : 0;
            term.kind = ISMS_TERM_ASSET;
            term.a = k;
            term.value = w->asset * k;
            break;
        }
        default:
            continue; /* not in the sources: no term */
        }
        benefit += term.value;
        terms[n++] = term;
    }

    /* Urgency. */
    isms_term urgency = { ISMS_TERM_URGENCY, "", 1, 0, 0 };
    if (x->today && a->due.kind >= ISMS_PERIOD_DAY && a->due.kind <= ISMS_PERIOD_YEAR &&
        isms_date_valid(a->due.end)) {
        long days = isms_date_diff(w->today, a->due.end);
        urgency.b = (double)days;
        if (days < 0) {
            urgency.a = 1;
            urgency.value = 1 + w->urgency + w->overdue;
        } else {
            urgency.a = clip01(1 - (double)days / w->horizon_days);
            urgency.value = 1 + w->urgency * urgency.a;
        }
    }
    terms[n++] = urgency;

    /* Effort. */
    bool known = a->effort >= 0;
    double days = known ? a->effort : w->effort_unit;
    if (days < EFFORT_MIN)
        days = EFFORT_MIN;
    double divisor = effort_divisor(days, w);
    if (!(divisor > 0))
        divisor = 1e-300;
    terms[n++] = (isms_term){ ISMS_TERM_EFFORT, "", divisor, days, known ? 1 : 0 };

    double s = benefit * urgency.value / divisor;
    if (isnan(s))
        s = 0;
    else if (s > 1e300)
        s = 1e300;
    *score = s;
    return n;
}

void isms__scoring_free(isms__scoring *s)
{
    if (!s)
        return;
    isms__free(s->score);
    isms__free(s->first);
    isms__free(s->count);
    isms__free(s->terms);
    memset(s, 0, sizeof *s);
}

int isms__plan_score(isms__scoring *out, const isms_plan *plan, const isms_priority *w)
{
    const size_t count = plan->count;
    size_t bound = 0;
    for (size_t i = 0; i < count; i++)
        if (isms__action_open(plan->items[i]))
            bound += 3 + (size_t)plan->items[i]->n_targets;
    isms__scoring s;
    memset(&s, 0, sizeof s);
    size_t m = count ? count : 1;
    s.score = isms__malloc(m * sizeof *s.score);
    s.first = isms__malloc(m * sizeof *s.first);
    s.count = isms__malloc(m * sizeof *s.count);
    s.terms = isms__malloc((bound ? bound : 1) * sizeof *s.terms);
    if (!s.score || !s.first || !s.count || !s.terms) {
        isms__scoring_free(&s);
        return isms__error_nomem();
    }
    score_ctx x = { plan, w, plan->risks ? isms_register_matrix(plan->risks) : NULL,
                    top_level(plan->inventory), !isms__date_empty(w->today) };
    size_t k = 0;
    for (size_t i = 0; i < count; i++) {
        const isms_action *a = plan->items[i];
        s.first[i] = k;
        if (!isms__action_open(a)) {
            s.score[i] = -1;
            s.count[i] = 0;
            continue;
        }
        s.count[i] = score_action(&x, a, s.terms + k, &s.score[i]);
        k += s.count[i];
    }
    s.n_terms = k;
    *out = s;
    return ISMS_OK;
}

void isms__plan_commit(isms_plan *plan, isms__scoring *s)
{
    for (size_t i = 0; i < plan->count; i++) {
        isms_action *a = plan->items[i];
        a->score = s->score[i];
        a->term_first = s->first[i];
        a->term_count = s->count[i];
    }
    isms__free(plan->terms);
    plan->terms = s->terms;
    plan->n_terms = s->n_terms;
    s->terms = NULL;
    isms__scoring_free(s);
}

double isms_action_score(const isms_action *action)
{
    return action && action->term_count ? action->score : -1;
}

size_t isms_action_term_count(const isms_action *action)
{
    return action ? action->term_count : 0;
}

int isms_action_term(isms_term *out, const isms_action *action, size_t index)
{
    if (!out || !action)
        return isms__error(ISMS_EINVAL, "isms_action_term: NULL argument");
    if (index >= action->term_count)
        return isms__error(ISMS_ERANGE, "term %zu of action \"%.*s\" does not exist: its score "
                           "has %u terms", index, ISMS__Q(action->id),
                           (unsigned)action->term_count);
    *out = action->plan->terms[action->term_first + index];
    return ISMS_OK;
}

/* ---- explanations -------------------------------------------------------------------- */

/* A number with `decimals` decimals, with a decimal comma in Swedish. */
static void put_num(isms__buf *b, double v, int decimals, isms_lang lang)
{
    char num[512];
    int n = isms__plan_decimal(num, sizeof num, v, decimals, lang == ISMS_LANG_SV);
    if (n < 0 || (size_t)n >= sizeof num) {
        b->failed = true;
        return;
    }
    isms__buf_append(b, num, (size_t)n);
}

static void put_days(isms__buf *b, long days, isms_lang lang)
{
    if (lang == ISMS_LANG_SV)
        isms__buf_printf(b, "%ld %s", days, days == 1 ? "dag" : "dagar");
    else
        isms__buf_printf(b, "%ld %s", days, days == 1 ? "day" : "days");
}

static void explain_urgency(isms__buf *b, const isms_action *a, const isms_term *t,
                            isms_lang lang)
{
    bool sv = lang == ISMS_LANG_SV;
    isms__buf_puts(b, sv ? "brådska: " : "urgency: ");
    const isms_period *due = &a->due;
    if (due->kind == ISMS_PERIOD_NONE) {
        isms__buf_puts(b, sv ? "inget datum" : "no due date");
    } else if (due->kind < ISMS_PERIOD_DAY || due->kind > ISMS_PERIOD_YEAR ||
               !isms_date_valid(due->end)) {
        isms__buf_puts(b, sv ? "datumet går inte att läsa" : "the due date is not readable");
    } else {
        char date[16];
        isms_date_format(date, sizeof date, due->end);
        isms__buf_printf(b, "%s %s", sv ? "klart senast" : "due", date);
        long days = (long)t->b;
        if (t->a == 0 && t->b == 0) {
            isms__buf_puts(b, sv ? ", inget referensdatum" : ", no reference date");
        } else if (days < 0) {
            isms__buf_puts(b, sv ? ", försenad med " : ", overdue by ");
            put_days(b, -days, lang);
        } else if (days == 0) {
            isms__buf_puts(b, sv ? ", i dag" : ", today");
        } else {
            isms__buf_puts(b, sv ? " om " : " in ");
            put_days(b, days, lang);
        }
    }
    isms__buf_puts(b, " → ×");
    put_num(b, t->value, 2, lang);
}

static void explain_effort(isms__buf *b, const isms_term *t, isms_lang lang)
{
    bool sv = lang == ISMS_LANG_SV;
    if (t->b != 0) {
        isms__buf_puts(b, sv ? "insats: " : "effort: ");
        put_num(b, t->a, 1, lang);
        isms__buf_puts(b, sv ? " persondagar" : " person-days");
    } else {
        isms__buf_puts(b, sv ? "insats okänd, räknas som " : "effort not known, counted as ");
        put_num(b, t->a, 1, lang);
        isms__buf_puts(b, sv ? " persondagar" : " person-days");
    }
    isms__buf_puts(b, " → ÷");
    put_num(b, t->value, 2, lang);
}

int isms_action_explain(char **out, const isms_action *action, isms_lang lang)
{
    if (!out || !action)
        return isms__error(ISMS_EINVAL, "isms_action_explain: NULL argument");
    if (lang != ISMS_LANG_SV && lang != ISMS_LANG_EN)
        return isms__error(ISMS_EINVAL, "isms_action_explain: unknown language %d", (int)lang);
    if (!action->term_count)
        return isms__error(ISMS_EINVAL, "action \"%.*s\" has not been scored since it was "
                           "added or changed: call isms_plan_prioritise() first",
                           ISMS__Q(action->id));
    bool sv = lang == ISMS_LANG_SV;
    const isms_term *terms = action->plan->terms + action->term_first;
    isms__buf b;
    isms__buf_init(&b);
    for (uint32_t i = 0; i < action->term_count; i++) {
        const isms_term *t = &terms[i];
        switch (t->kind) {
        case ISMS_TERM_BASE:
            isms__buf_puts(&b, sv ? "bas → +" : "base → +");
            put_num(&b, t->value, 2, lang);
            break;
        case ISMS_TERM_RISK:
            isms__buf_printf(&b, "risk %s: %s ", t->ref, sv ? "nu" : "current");
            put_num(&b, t->a, 2, lang);
            isms__buf_puts(&b, sv ? ", minskning " : ", reduction ");
            put_num(&b, t->b, 2, lang);
            isms__buf_puts(&b, " → +");
            put_num(&b, t->value, 2, lang);
            break;
        case ISMS_TERM_REQUIREMENT:
            isms__buf_printf(&b, "%s %s: gap ", sv ? "krav" : "requirement", t->ref);
            put_num(&b, t->a, 2, lang);
            isms__buf_puts(&b, sv ? ", behov " : ", need ");
            put_num(&b, t->b, 2, lang);
            isms__buf_puts(&b, " → +");
            put_num(&b, t->value, 2, lang);
            break;
        case ISMS_TERM_ASSET:
            isms__buf_printf(&b, "%s %s: %s ", sv ? "tillgång" : "asset", t->ref,
                             sv ? "klass" : "class");
            put_num(&b, t->a, 2, lang);
            isms__buf_puts(&b, " → +");
            put_num(&b, t->value, 2, lang);
            break;
        case ISMS_TERM_URGENCY:
            explain_urgency(&b, action, t, lang);
            break;
        case ISMS_TERM_EFFORT:
            explain_effort(&b, t, lang);
            break;
        }
        isms__buf_puts(&b, "\n");
    }
    isms__buf_puts(&b, sv ? "poäng " : "score ");
    put_num(&b, action->score, 2, lang);
    char *text = isms__buf_take(&b, NULL);
    if (!text)
        return isms__error_nomem();
    *out = text;
    return ISMS_OK;
}

/* ---- lint ---------------------------------------------------------------------------- */

typedef struct lint_ctx {
    isms_findings *out;
    const isms_plan *plan;
    isms_date today; /* empty: no overdue check */
    bool sv;
    const isms__cycles *cycles;
    const uint32_t *cycle_at; /* per action: the cycle it starts, or UINT32_MAX */
    char sources_sv[128];     /* "riskregistret, nulägesanalysen eller …" */
    char sources_en[128];
    char scale[2][64];        /* the register's scales: "1–4" */
} lint_ctx;

/* The names of the sources that are set, joined with commas and "or". */
static void sources_text(char *buf, size_t size, const isms_plan *plan, bool sv)
{
    const char *names[3];
    size_t n = 0;
    if (plan->risks)
        names[n++] = sv ? "riskregistret" : "the risk register";
    if (plan->assessment)
        names[n++] = sv ? "nulägesanalysen" : "the gap analysis";
    if (plan->inventory)
        names[n++] = sv ? "tillgångsförteckningen" : "the asset inventory";
    size_t len = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        const char *sep = i == 0 ? "" : i + 1 < n ? ", " : sv ? " eller " : " or ";
        int k = snprintf(buf + len, size - len, "%s%s", sep, names[i]);
        if (k < 0 || (size_t)k >= size - len)
            break;
        len += (size_t)k;
    }
}

static int lint_target(const lint_ctx *x, const isms_action *a, const isms__target *t,
                       bool *bad_residual_done)
{
    const isms_plan *plan = x->plan;
    isms__resolved r;
    isms__target_resolve(&r, plan, t);
    const char *code = "plan-unknown-target";
    switch ((isms_target_kind)t->kind) {
    case ISMS_TARGET_RISK:
        if (r.kind || !plan->risks)
            break;
        return ISMS__FINDING(x->out, x->sv, ISMS_SEVERITY_ERROR, code, a->id,
                             "Risken %.*s finns inte i riskregistret",
                             "Risk %.*s is not in the risk register", ISMS__Q(t->id));
    case ISMS_TARGET_REQUIREMENT:
        if (r.kind || !plan->assessment)
            break;
        return ISMS__FINDING(x->out, x->sv, ISMS_SEVERITY_ERROR, code, a->id,
                             "Kravet %.*s finns inte i nulägesanalysen",
                             "Requirement %.*s is not in the gap analysis", ISMS__Q(t->id));
    case ISMS_TARGET_ASSET:
        if (r.kind || !plan->inventory)
            break;
        return ISMS__FINDING(x->out, x->sv, ISMS_SEVERITY_ERROR, code, a->id,
                             "Tillgången %.*s finns inte i tillgångsförteckningen",
                             "Asset %.*s is not in the asset inventory", ISMS__Q(t->id));
    default:
        if (r.kind || (!plan->risks && !plan->assessment && !plan->inventory))
            break;
        return ISMS__FINDING(x->out, x->sv, ISMS_SEVERITY_ERROR, code, a->id,
                             "%.*s finns inte i %s", "%.*s is not in %s", ISMS__Q(t->id),
                             x->sv ? x->sources_sv : x->sources_en);
    }
    if (r.kind != ISMS_TARGET_RISK || a->exp_likelihood == ISMS_LEVEL_UNSET ||
        *bad_residual_done)
        return ISMS_OK;
    isms_score s;
    if (expected_score(&s, isms_register_matrix(plan->risks), a))
        return ISMS_OK;
    *bad_residual_done = true; /* one matrix for every risk: said once */
    return ISMS__FINDING(x->out, x->sv, ISMS_SEVERITY_ERROR, "plan-bad-residual", a->id,
                         "Förväntad restrisk (sannolikhet %d, konsekvens %d) ligger utanför "
                         "matrisen för risken %.*s (sannolikhet %s, konsekvens %s)",
                         "Expected residual risk (likelihood %d, consequence %d) is outside "
                         "the matrix of risk %.*s (likelihood %s, consequence %s)",
                         a->exp_likelihood, a->exp_consequence, ISMS__Q(t->id), x->scale[0],
                         x->scale[1]);
}

/* Findings about the prerequisites of action a. */
static int lint_prereqs(const lint_ctx *x, const isms_action *a, bool open)
{
    const char *p = a->prereqs;
    /* Resolved when added (see plan-internal.h), unless a removal has moved indices since. */
    const uint32_t *known = a->prereq_gen == x->plan->gen ? a->prereq_idx : NULL;
    int rc = ISMS_OK;
    for (uint32_t j = 0; j < a->n_prereqs && !rc; j++, p += strlen(p) + 1) {
        const isms_action *b = known && known[j] != ISMS__UNRESOLVED
                                   ? x->plan->items[known[j]]
                                   : isms__index_find(&x->plan->index, p);
        if (!b) {
            if (!open)
                continue;
            rc = ISMS__FINDING(x->out, x->sv, ISMS_SEVERITY_ERROR, "plan-missing-prerequisite",
                               a->id, "Åtgärden %.*s väntar på %.*s, som inte finns",
                               "Action %.*s waits for %.*s, which does not exist",
                               ISMS__Q(a->id), ISMS__Q(p));
        } else if (open && b->status == ISMS_ACTION_CANCELLED) {
            rc = ISMS__FINDING(x->out, x->sv, ISMS_SEVERITY_WARNING,
                               "plan-prerequisite-cancelled", a->id,
                               "Åtgärden %.*s väntar på %.*s, som är avbruten",
                               "Action %.*s waits for %.*s, which is cancelled", ISMS__Q(a->id),
                               ISMS__Q(b->id));
        } else if (a->status == ISMS_ACTION_DONE && b->status != ISMS_ACTION_DONE) {
            const char *st = isms_action_status_label((isms_action_status)b->status,
                                                      x->sv ? ISMS_LANG_SV : ISMS_LANG_EN);
            rc = ISMS__FINDING(x->out, x->sv, ISMS_SEVERITY_WARNING,
                               "plan-done-before-prerequisite", a->id,
                               "Åtgärden %.*s är klar men den ska föregås av %.*s, som inte är "
                               "klar (%s)",
                               "Action %.*s is done but waits for %.*s, which is not done (%s)",
                               ISMS__Q(a->id), ISMS__Q(b->id), st);
        }
    }
    return rc;
}

static int lint_due(const lint_ctx *x, const isms_action *a)
{
    if (a->due.kind == ISMS_PERIOD_UNPARSED)
        return ISMS__FINDING(x->out, x->sv, ISMS_SEVERITY_WARNING, "plan-unreadable-due", a->id,
                             "Datumet \"%.*s\" går inte att läsa som ett datum",
                             "The due date \"%.*s\" has no readable date",
                             ISMS__Q(a->due_text));
    if (isms__date_empty(x->today) || !isms_period_overdue(&a->due, x->today))
        return ISMS_OK;
    char period[16], end[16];
    isms_period_format(period, sizeof period, &a->due);
    isms_date_format(end, sizeof end, a->due.end);
    long days = isms_date_diff(a->due.end, x->today);
    bool same = strcmp(period, end) == 0;
    const char *unit = x->sv ? (days == 1 ? "dag" : "dagar") : (days == 1 ? "day" : "days");
    return ISMS__FINDING(x->out, x->sv, ISMS_SEVERITY_WARNING, "plan-overdue", a->id,
                         "Åtgärden skulle vara klar senast %s%s%s%s och är försenad med %ld %s",
                         "The action was due %s%s%s%s and is overdue by %ld %s", period,
                         same ? "" : " (", same ? "" : end, same ? "" : ")", days, unit);
}

static int lint_action(const lint_ctx *x, uint32_t i)
{
    const isms_action *a = x->plan->items[i];
    bool open = isms__action_open(a);
    int rc = lint_prereqs(x, a, open);
    if (rc)
        return rc;
    if (x->cycle_at[i] != UINT32_MAX) {
        const isms__cycles *c = x->cycles;
        size_t k = x->cycle_at[i];
        char text[1024];
        isms__cycle_text(text, sizeof text, x->plan, c->ids + c->start[k],
                         c->start[k + 1] - c->start[k]);
        rc = ISMS__FINDING(x->out, x->sv, ISMS_SEVERITY_ERROR, "plan-cycle", a->id,
                           "Åtgärderna väntar på varandra i en cirkel: %s (var och en ska "
                           "göras före nästa)",
                           "Prerequisites form a cycle: %s (each must come before the next)",
                           text);
        if (rc)
            return rc;
    }
    if (!open)
        return ISMS_OK;
    bool bad_residual_done = false;
    for (uint32_t t = 0; t < a->n_targets; t++)
        if ((rc = lint_target(x, a, &a->targets[t], &bad_residual_done)))
            return rc;
    if (!a->n_targets &&
        (rc = ISMS__FINDING(x->out, x->sv, ISMS_SEVERITY_WARNING, "plan-addresses-nothing",
                            a->id,
                            "Åtgärden %.*s gäller ingen risk, inget krav och ingen tillgång",
                            "Action %.*s addresses no risk, requirement or asset",
                            ISMS__Q(a->id))))
        return rc;
    if ((rc = lint_due(x, a)))
        return rc;
    if (isms__text_blank(a->owner) &&
        (rc = ISMS__FINDING(x->out, x->sv, ISMS_SEVERITY_INFO, "plan-no-owner", a->id,
                            "Åtgärden %.*s har ingen ansvarig", "Action %.*s has no owner",
                            ISMS__Q(a->id))))
        return rc;
    if (a->effort < 0 &&
        (rc = ISMS__FINDING(x->out, x->sv, ISMS_SEVERITY_INFO, "plan-no-effort", a->id,
                            "Insatsen för åtgärden %.*s är inte uppskattad",
                            "The effort of action %.*s has not been estimated",
                            ISMS__Q(a->id))))
        return rc;
    return ISMS_OK;
}

int isms_plan_lint(isms_findings *out, const isms_plan *plan, isms_date today)
{
    if (!out || !plan)
        return isms__error(ISMS_EINVAL, "isms_plan_lint: NULL argument");
    if (!isms__date_empty(today) && !isms_date_valid(today))
        return isms__error(ISMS_EINVAL, "the reference date %04d-%02d-%02d is not a valid "
                           "date", today.year, today.month, today.day);
    lint_ctx x;
    memset(&x, 0, sizeof x);
    x.out = out;
    x.plan = plan;
    x.today = today;
    x.sv = isms_findings_lang(out) == ISMS_LANG_SV;
    sources_text(x.sources_sv, sizeof x.sources_sv, plan, true);
    sources_text(x.sources_en, sizeof x.sources_en, plan, false);
    if (plan->risks) {
        const isms_matrix *m = isms_register_matrix(plan->risks);
        isms__matrix_scale_text(x.scale[0], sizeof x.scale[0], m, ISMS_AXIS_LIKELIHOOD);
        isms__matrix_scale_text(x.scale[1], sizeof x.scale[1], m, ISMS_AXIS_CONSEQUENCE);
    }

    isms__graph g;
    int rc = isms__plan_graph_lenient(&g, plan);
    if (rc)
        return rc;
    isms__cycles cycles;
    rc = isms__plan_cycles(&cycles, plan, &g);
    isms__graph_free(&g);
    if (rc)
        return rc;
    uint32_t *cycle_at = isms__malloc((plan->count ? plan->count : 1) * sizeof *cycle_at);
    if (!cycle_at) {
        isms__cycles_free(&cycles);
        return isms__error_nomem();
    }
    for (size_t i = 0; i < plan->count; i++)
        cycle_at[i] = UINT32_MAX;
    for (size_t k = 0; k < cycles.n; k++)
        cycle_at[cycles.ids[cycles.start[k]]] = (uint32_t)k;
    x.cycles = &cycles;
    x.cycle_at = cycle_at;

    const size_t before = isms_findings_count(out);
    for (size_t i = 0; i < plan->count && !rc; i++)
        rc = lint_action(&x, (uint32_t)i);
    isms__free(cycle_at);
    isms__cycles_free(&cycles);
    if (rc) {
        isms__findings_truncate(out, before);
        return rc;
    }
    return ISMS_OK;
}
