/* Unit tests of the plan's priority scores, their terms and explanations, the order of the
 * actions (prerequisites, ties, cycles, missing prerequisites), the lint of a plan, and
 * allocation failure in each. Expected scores are worked out by hand in the comments.
 *
 * The sources of the scored plans:
 * - a register on the 4x4 matrix (value = likelihood × consequence, 1–16; normalised
 *   (value − 1) / 15): R1 4/4 = 16 (c 1), R2 3/4 = 12 (c 11/15) with residual 2/2 = 4
 *   (e 3/15), R3 not assessed, R4 1/1 = 1 (c 0), R5 2/2 = 4 (c 3/15), R6 4/4 (c 1) with
 *   only a residual likelihood (so no residual value);
 * - a gap analysis (ISO/IEC 27001:2022): 6.1.2 no / high, 6.1.3 partial / medium, 7.2 no / no
 *   need given, 9.1 yes / low, 5.1 not assessed / none, 4.1 not applicable;
 * - an inventory on the KLASSA scheme (levels 0–4): HR C3 I2 A1 (overall 3), WEB C4, SYS
 *   unclassified, and an asset named R1 (A2) to see that a risk comes first.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "plan/plan-internal.h"
#include "test-util.h"
#include "plan-fixtures.h"

#define UNSET ISMS_LEVEL_UNSET
#define EPS 1e-9

/* ---- helpers ---------------------------------------------------------------------------- */

static isms_action *add(isms_plan *p, const char *id)
{
    return add_action(p, id, NULL);
}

static void target(isms_action *a, isms_target_kind kind, const char *id)
{
    if (isms_action_add_target(a, kind, id) != ISMS_OK)
        fail_msg("target %s: %s", id, isms_error_last()->message);
}

static void due(isms_action *a, const char *text)
{
    assert_int_equal(isms_action_set(a, ISMS_ACTION_DUE, text), ISMS_OK);
}

static isms_priority weights_at(int year, int month, int day)
{
    isms_priority w = isms_priority_default();
    w.today = (isms_date){ year, month, day };
    return w;
}

static isms_register *make_register(void)
{
    isms_register *reg = register_4x4();
    isms_risk *r = NULL;
    assert_int_equal(isms_register_add(NULL, reg, "R1", "Ransomware", 4, 4), ISMS_OK);
    assert_int_equal(isms_register_add(&r, reg, "R2", "Phishing", 3, 4), ISMS_OK);
    assert_int_equal(isms_risk_set_residual(r, 2, 2), ISMS_OK);
    assert_int_equal(isms_register_add(NULL, reg, "R3", "Unassessed", UNSET, UNSET), ISMS_OK);
    assert_int_equal(isms_register_add(NULL, reg, "R4", "Meteor", 1, 1), ISMS_OK);
    assert_int_equal(isms_register_add(NULL, reg, "R5", "Typo", 2, 2), ISMS_OK);
    assert_int_equal(isms_register_add(&r, reg, "R6", "Half", 4, 4), ISMS_OK);
    assert_int_equal(isms_risk_set_residual(r, 2, UNSET), ISMS_OK); /* no residual value */
    return reg;
}

static void gap(isms_assessment *as, const char *ref, isms_status s, isms_need need)
{
    assert_int_equal(isms_entry_set_need(add_entry(as, ref, s), need), ISMS_OK);
}

static isms_assessment *make_assessment(void)
{
    isms_assessment *as = assessment_2022(2024);
    gap(as, "6.1.2", ISMS_STATUS_NO, ISMS_NEED_HIGH);
    gap(as, "6.1.3", ISMS_STATUS_PARTIAL, ISMS_NEED_MEDIUM);
    gap(as, "7.2", ISMS_STATUS_NO, ISMS_NEED_UNSET);
    gap(as, "9.1", ISMS_STATUS_YES, ISMS_NEED_LOW);
    gap(as, "5.1", ISMS_STATUS_NOT_ASSESSED, ISMS_NEED_NONE);
    gap(as, "4.1", ISMS_STATUS_NOT_APPLICABLE, ISMS_NEED_UNSET);
    return as;
}

static isms_asset *asset(isms_inventory *inv, const char *id, int c, int i, int a)
{
    isms_asset *x = NULL;
    assert_int_equal(isms_inventory_add(&x, inv, id, NULL, ISMS_ASSET_INFORMATION), ISMS_OK);
    const int v[3] = { c, i, a };
    for (int k = 0; k < 3; k++)
        if (v[k] >= 0)
            assert_int_equal(isms_asset_set_level(x, (isms_aspect)k, v[k]), ISMS_OK);
    return x;
}

static isms_inventory *make_inventory(const char *scheme_name, bool classify)
{
    isms_scheme *s = NULL;
    assert_int_equal(isms_scheme_preset(&s, scheme_name), ISMS_OK);
    isms_inventory *inv = NULL;
    assert_int_equal(isms_inventory_new(&inv, s), ISMS_OK);
    isms_scheme_free(s);
    asset(inv, "HR", 3, 2, 1);
    asset(inv, "WEB", 4, -1, -1);
    asset(inv, "SYS", -1, -1, -1);
    asset(inv, "R1", -1, 2, -1);
    if (classify)
        assert_int_equal(isms_inventory_classify(inv), ISMS_OK);
    return inv;
}

/* A plan with all three sources (the inventory classified). */
typedef struct fixture {
    isms_register *reg;
    isms_assessment *as;
    isms_inventory *inv;
    isms_plan *plan;
} fixture;

static void fixture_init(fixture *f)
{
    f->reg = make_register();
    f->as = make_assessment();
    f->inv = make_inventory("klassa", true);
    f->plan = new_plan(2024);
    assert_int_equal(isms_plan_set_sources(f->plan, f->reg, f->as, f->inv), ISMS_OK);
}

static void fixture_free(fixture *f)
{
    isms_plan_free(f->plan);
    isms_register_free(f->reg);
    isms_assessment_free(f->as);
    isms_inventory_free(f->inv);
}

/* Scores the plan, checking that it works. */
static void prioritise(isms_plan *p, const isms_priority *w)
{
    if (isms_plan_prioritise(NULL, NULL, p, w) != ISMS_OK)
        fail_msg("prioritise: %s", isms_error_last()->message);
}

/* Asserts one term of an action's score. */
#define assert_term(a, i, kind, ref, value, ta, tb)                                          \
    check_term((a), (i), (kind), (ref), (value), (ta), (tb), __FILE__, __LINE__)
static void check_term(const isms_action *a, size_t i, isms_term_kind kind, const char *ref,
                       double value, double ta, double tb, const char *file, int line)
{
    isms_term t;
    if (isms_action_term(&t, a, i) != ISMS_OK) {
        print_error("%s: no term %zu: %s\n", isms_action_id(a), i, isms_error_last()->message);
        _fail(file, line);
    }
    if (t.kind != kind || strcmp(t.ref, ref) != 0 || fabs(t.value - value) > 1e-6 ||
        fabs(t.a - ta) > 1e-6 || fabs(t.b - tb) > 1e-6) {
        print_error("%s term %zu: kind %d ref \"%s\" value %.9g a %.9g b %.9g; expected %d "
                    "\"%s\" %.9g %.9g %.9g\n",
                    isms_action_id(a), i, (int)t.kind, t.ref, t.value, t.a, t.b, (int)kind, ref,
                    value, ta, tb);
        _fail(file, line);
    }
}

/* The order of the open actions as a string of ids: "A1 B2 …". */
static void order_text(char *buf, size_t size, isms_plan *p, const isms_priority *w)
{
    isms_action **v = NULL;
    size_t n = 0;
    if (isms_plan_prioritise(&v, &n, p, w) != ISMS_OK)
        fail_msg("prioritise: %s", isms_error_last()->message);
    size_t len = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        int k = snprintf(buf + len, size - len, "%s%s", i ? " " : "", isms_action_id(v[i]));
        assert_true(k > 0 && (size_t)k < size - len);
        len += (size_t)k;
    }
    isms_free(v);
}

/* As expect_in(), but also for NULL (which keeps the sanitizer build's format checks
 * quiet). */
static void expect_in(const char *text, const char *needle)
{
    if (!text || !strstr(text, needle))
        fail_msg("\"%s\" does not contain \"%s\"", text ? text : "(null)", needle);
}

static char *explain(const isms_action *a, isms_lang lang)
{
    char *text = NULL;
    if (isms_action_explain(&text, a, lang) != ISMS_OK)
        fail_msg("explain %s: %s", isms_action_id(a), isms_error_last()->message);
    return text;
}

/* ---- weights ---------------------------------------------------------------------------- */

static void test_default_weights(void **state)
{
    (void)state;
    isms_priority w = isms_priority_default();
    assert_double_equal(w.base, 0.1, EPS);
    assert_double_equal(w.risk, 1, EPS);
    assert_double_equal(w.reduction, 1, EPS);
    assert_double_equal(w.requirement, 1, EPS);
    assert_double_equal(w.asset, 0.5, EPS);
    assert_double_equal(w.urgency, 1, EPS);
    assert_double_equal(w.overdue, 0.5, EPS);
    assert_double_equal(w.horizon_days, 365, EPS);
    assert_double_equal(w.effort_unit, 5, EPS);
    assert_double_equal(w.effort, 0.5, EPS);
    assert_int_equal(w.today.year, 0);
    assert_int_equal(w.today.month, 0);
    assert_int_equal(w.today.day, 0);
}

static void test_bad_weights_are_refused_naming_the_weight(void **state)
{
    (void)state;
    isms_plan *p = new_plan(2024);
    add(p, "A1");
    static const struct {
        size_t offset;
        double value;
        const char *needle;
    } cases[] = {
        { offsetof(isms_priority, base), -0.1, "\"base\" is -0.1" },
        { offsetof(isms_priority, risk), -1, "\"risk\" is -1" },
        { offsetof(isms_priority, reduction), NAN, "\"reduction\" is nan" },
        { offsetof(isms_priority, requirement), INFINITY, "\"requirement\" is inf" },
        { offsetof(isms_priority, asset), -2, "\"asset\"" },
        { offsetof(isms_priority, urgency), -1, "\"urgency\"" },
        { offsetof(isms_priority, overdue), -1, "\"overdue\"" },
        { offsetof(isms_priority, effort), -0.5, "\"effort\" is -0.5" },
        { offsetof(isms_priority, effort_unit), 0, "effort unit is 0" },
        { offsetof(isms_priority, effort_unit), -5, "effort unit is -5" },
        { offsetof(isms_priority, horizon_days), 0, "urgency horizon is 0" },
        { offsetof(isms_priority, horizon_days), INFINITY, "urgency horizon is inf" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        isms_priority w = isms_priority_default();
        memcpy((char *)&w + cases[i].offset, &cases[i].value, sizeof(double));
        isms_action **v = (isms_action **)(uintptr_t)0x1;
        size_t n = 42;
        assert_int_equal(isms_plan_prioritise(&v, &n, p, &w), ISMS_EINVAL);
        assert_error(ISMS_EINVAL, cases[i].needle);
        assert_ptr_equal(v, (isms_action **)(uintptr_t)0x1);
        assert_int_equal(n, 42);
        assert_true(isms_action_score(isms_plan_find(p, "A1")) < 0);
    }
    /* Zero weights are allowed: base 0, so the score is 0; exponent 0 divides by 1. */
    isms_priority w = isms_priority_default();
    w.base = w.risk = w.urgency = w.effort = 0;
    prioritise(p, &w);
    assert_double_equal(isms_action_score(isms_plan_find(p, "A1")), 0, 0);
    assert_term(isms_plan_find(p, "A1"), 2, ISMS_TERM_EFFORT, "", 1, 5, 0);
    /* A bad reference date; the empty one is fine. */
    w = weights_at(2024, 2, 30);
    assert_int_equal(isms_plan_prioritise(NULL, NULL, p, &w), ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "2024-02-30");
    assert_double_equal(isms_action_score(isms_plan_find(p, "A1")), 0, 0);
    w = weights_at(0, 0, 0);
    prioritise(p, &w);
    assert_double_equal(isms_action_score(isms_plan_find(p, "A1")), 0.1, EPS);
    /* NULL plan, n missing. */
    assert_int_equal(isms_plan_prioritise(NULL, NULL, NULL, NULL), ISMS_EINVAL);
    isms_action **v = NULL;
    assert_int_equal(isms_plan_prioritise(&v, NULL, p, NULL), ISMS_EINVAL);
    isms_plan_free(p);
}

/* ---- scores and terms ------------------------------------------------------------------- */

static void test_score_of_risk_requirement_and_asset(void **state)
{
    (void)state;
    fixture f;
    fixture_init(&f);
    isms_action *a = add(f.plan, "A1");
    target(a, ISMS_TARGET_ANY, "R2");
    target(a, ISMS_TARGET_ANY, "6.1.2");
    target(a, ISMS_TARGET_ANY, "HR");
    due(a, "2024-03-31");
    assert_int_equal(isms_action_set_effort(a, 20), ISMS_OK);
    /* Unscored so far. */
    assert_true(isms_action_score(a) < 0);
    assert_int_equal(isms_action_term_count(a), 0);
    isms_priority w = weights_at(2024, 2, 20);
    prioritise(f.plan, &w);
    /* base 0.1
     * R2: c = (12 − 1) / 15 = 0.733333; its residual 4 gives e = 3/15 = 0.2, r = 0.533333;
     *     1 × 0.733333 × (1 + 1 × 0.533333) = 253/225 = 1.124444
     * 6.1.2: no → yes: g = 1 − 0 = 1; need high: n = 1; 1 × (1 + 1) / 2 = 1
     * HR: overall 3 of top 4: k = 0.75; 0.5 × 0.75 = 0.375
     * benefit 0.1 + 1.124444 + 1 + 0.375 = 2.599444
     * urgency: 2024-02-20 → 2024-03-31 is 9 + 31 = 40 days; u = 1 − 40/365 = 0.890411;
     *     1 + 1 × 0.890411 = 1.890411
     * effort: (20 / 5) ^ 0.5 = 2
     * score 2.599444 × 1.890411 / 2 = 2.457009 */
    assert_int_equal(isms_action_term_count(a), 6);
    assert_term(a, 0, ISMS_TERM_BASE, "", 0.1, 0, 0);
    assert_term(a, 1, ISMS_TERM_RISK, "R2", 253.0 / 225, 11.0 / 15, 8.0 / 15);
    assert_term(a, 2, ISMS_TERM_REQUIREMENT, "6.1.2", 1, 1, 1);
    assert_term(a, 3, ISMS_TERM_ASSET, "HR", 0.375, 0.75, 0);
    assert_term(a, 4, ISMS_TERM_URGENCY, "", 1 + 325.0 / 365, 325.0 / 365, 40);
    assert_term(a, 5, ISMS_TERM_EFFORT, "", 2, 20, 1);
    assert_double_equal(isms_action_score(a), 2.457009132420091, 1e-9);
    isms_term t;
    assert_int_equal(isms_action_term(&t, a, 6), ISMS_ERANGE);
    assert_error(ISMS_ERANGE, "term 6 of action \"A1\"");
    assert_int_equal(isms_action_term(NULL, a, 0), ISMS_EINVAL);
    assert_int_equal(isms_action_term(&t, NULL, 0), ISMS_EINVAL);

    /* Effort exponent 1: CISO Assistant's linear division, 20 / 5 = 4:
     * 2.599444 × 1.890411 / 4 = 1.228505. */
    w.effort = 1;
    prioritise(f.plan, &w);
    assert_term(a, 5, ISMS_TERM_EFFORT, "", 4, 20, 1);
    assert_double_equal(isms_action_score(a), 1.2285045662100456, 1e-9);
    /* Other weights: w_risk 2, w_reduction 0, w_requirement 0.5, w_asset 1, base 0, w_urgency 0:
     * R2 2 × 0.733333 × 1 = 1.466667; 6.1.2 0.5 × 1 = 0.5; HR 0.75; no urgency; effort 2;
     * (1.466667 + 0.5 + 0.75) / 2 = 1.358333 */
    w = weights_at(2024, 2, 20);
    w.risk = 2;
    w.reduction = 0;
    w.requirement = 0.5;
    w.asset = 1;
    w.base = 0;
    w.urgency = 0;
    prioritise(f.plan, &w);
    assert_term(a, 0, ISMS_TERM_BASE, "", 0, 0, 0);
    assert_term(a, 1, ISMS_TERM_RISK, "R2", 22.0 / 15, 11.0 / 15, 8.0 / 15);
    assert_term(a, 2, ISMS_TERM_REQUIREMENT, "6.1.2", 0.5, 1, 1);
    assert_term(a, 3, ISMS_TERM_ASSET, "HR", 0.75, 0.75, 0);
    assert_term(a, 4, ISMS_TERM_URGENCY, "", 1, 325.0 / 365, 40);
    assert_double_equal(isms_action_score(a), (22.0 / 15 + 0.5 + 0.75) / 2, 1e-9);
    /* A horizon of 80 days: u = 1 − 40/80 = 0.5, urgency 1.5; score 2.599444 × 1.5 / 2. */
    w = weights_at(2024, 2, 20);
    w.horizon_days = 80;
    prioritise(f.plan, &w);
    assert_term(a, 4, ISMS_TERM_URGENCY, "", 1.5, 0.5, 40);
    assert_double_equal(isms_action_score(a), 2.5994444444444444 * 1.5 / 2, 1e-9);
    /* The effort unit 20: divisor 1. */
    w.effort_unit = 20;
    prioritise(f.plan, &w);
    assert_term(a, 5, ISMS_TERM_EFFORT, "", 1, 20, 1);
    fixture_free(&f);
}

static void test_risk_terms(void **state)
{
    (void)state;
    fixture f;
    fixture_init(&f);
    /* A1: R1 with the expected residual 1/2 = 2: c 1, e 1/15, r 14/15:
     *     1 × (1 + 14/15) = 29/15 = 1.933333.
     *     R2 (the same expected residual, not its own): c 11/15, r 10/15:
     *     11/15 × 25/15 = 275/225 = 1.222222. */
    isms_action *a1 = add(f.plan, "A1");
    target(a1, ISMS_TARGET_RISK, "R1");
    target(a1, ISMS_TARGET_RISK, "R2");
    assert_int_equal(isms_action_set_expected_residual(a1, 1, 2), ISMS_OK);
    /* A2: R1 without expected residual: its residual is unset, so it is its inherent value:
     *     r 0, term 1. R3 is not assessed: c 0, term 0. R4 1/1: c 0. R5 2/2: c 0.2, r 0.
     *     R6: a residual without a value brings no reduction: c 1, r 0, term 1. */
    isms_action *a2 = add(f.plan, "A2");
    target(a2, ISMS_TARGET_RISK, "R1");
    target(a2, ISMS_TARGET_RISK, "R3");
    target(a2, ISMS_TARGET_RISK, "R4");
    target(a2, ISMS_TARGET_RISK, "R5");
    target(a2, ISMS_TARGET_RISK, "R6");
    /* A3: an expected residual off the matrix (5/1) brings no reduction: R1 term 1. An
     *     expected residual above the current value brings none either (R4, c 0). */
    isms_action *a3 = add(f.plan, "A3");
    target(a3, ISMS_TARGET_RISK, "R1");
    assert_int_equal(isms_action_set_expected_residual(a3, 5, 1), ISMS_OK);
    isms_action *a4 = add(f.plan, "A4");
    target(a4, ISMS_TARGET_RISK, "R4");
    assert_int_equal(isms_action_set_expected_residual(a4, 2, 2), ISMS_OK);
    prioritise(f.plan, NULL);

    assert_term(a1, 1, ISMS_TERM_RISK, "R1", 29.0 / 15, 1, 14.0 / 15);
    assert_term(a1, 2, ISMS_TERM_RISK, "R2", 275.0 / 225, 11.0 / 15, 10.0 / 15);
    /* No date, unknown effort: urgency 1, effort 1. (0.1 + 1.933333 + 1.222222) / 1 */
    assert_term(a1, 3, ISMS_TERM_URGENCY, "", 1, 0, 0);
    assert_term(a1, 4, ISMS_TERM_EFFORT, "", 1, 5, 0);
    assert_double_equal(isms_action_score(a1), 0.1 + 29.0 / 15 + 275.0 / 225, 1e-9);

    assert_int_equal(isms_action_term_count(a2), 8);
    assert_term(a2, 1, ISMS_TERM_RISK, "R1", 1, 1, 0);
    assert_term(a2, 2, ISMS_TERM_RISK, "R3", 0, 0, 0);
    assert_term(a2, 3, ISMS_TERM_RISK, "R4", 0, 0, 0);
    assert_term(a2, 4, ISMS_TERM_RISK, "R5", 0.2, 0.2, 0);
    assert_term(a2, 5, ISMS_TERM_RISK, "R6", 1, 1, 0);
    assert_double_equal(isms_action_score(a2), 2.3, 1e-9);

    assert_term(a3, 1, ISMS_TERM_RISK, "R1", 1, 1, 0);
    assert_term(a4, 1, ISMS_TERM_RISK, "R4", 0, 0, 0);
    assert_double_equal(isms_action_score(a4), 0.1, 1e-9);

    /* w_reduction 2: A1's R1 term 1 × (1 + 2 × 14/15) = 43/15. */
    isms_priority w = isms_priority_default();
    w.reduction = 2;
    prioritise(f.plan, &w);
    assert_term(a1, 1, ISMS_TERM_RISK, "R1", 43.0 / 15, 1, 14.0 / 15);
    fixture_free(&f);
}

/* A risk that carries a vector of another rating method counts with the vector's normalised
 * value as c; a residual still comes from the matrix. */
static void test_risk_terms_of_risks_with_vectors(void **state)
{
    (void)state;
    fixture f;
    fixture_init(&f);
    /* V1: 2/2 on the matrix (3/15 = 0.2) and CVSS 3.1 9.8 (critical): c = 0.98.
     * V2: the same vector with the residual 2/2 = 4: e = 3/15 = 0.2, r = 0.78.
     * V3: not assessed on the matrix, but DREAD (8 + 10 + 7 + 10 + 10) / 5 = 9: c = 0.9.
     * V4: CVSS 5.3 (c = 0.53) with the residual 4/4 = 16 (e = 1): r = 0.53 − 1 clips to 0.
     * V5: the vector removed again: its matrix value 0.2 counts. */
    static const char *const cvss98 = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H";
    isms_risk *r = NULL;
    assert_int_equal(isms_register_add(&r, f.reg, "V1", "Critical CVE", 2, 2), ISMS_OK);
    assert_int_equal(isms_risk_set_vector(r, cvss98), ISMS_OK);
    assert_int_equal(isms_register_add(&r, f.reg, "V2", "Patched CVE", 2, 2), ISMS_OK);
    assert_int_equal(isms_risk_set_vector(r, cvss98), ISMS_OK);
    assert_int_equal(isms_risk_set_residual(r, 2, 2), ISMS_OK);
    assert_int_equal(isms_register_add(&r, f.reg, "V3", "Threat model", UNSET, UNSET),
                     ISMS_OK);
    assert_int_equal(isms_risk_set_vector(r, "D:8/R:10/E:7/A:10/DI:10"), ISMS_OK);
    assert_int_equal(isms_register_add(&r, f.reg, "V4", "Medium CVE", 1, 1), ISMS_OK);
    assert_int_equal(isms_risk_set_vector(r, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N"),
                     ISMS_OK);
    assert_int_equal(isms_risk_set_residual(r, 4, 4), ISMS_OK);
    assert_int_equal(isms_register_add(&r, f.reg, "V5", "No longer rated", 2, 2), ISMS_OK);
    assert_int_equal(isms_risk_set_vector(r, cvss98), ISMS_OK);
    assert_int_equal(isms_risk_set_vector(r, NULL), ISMS_OK);

    /* A1: V1 without a residual of its own: r 0, term 0.98.
     *     V2: 0.98 × (1 + 0.78) = 1.7444.
     *     V3: 0.9, r 0.
     *     V4: 0.53 × (1 + 0) = 0.53.
     *     V5: 0.2.
     *     No date, unknown effort: score 0.1 + 0.98 + 1.7444 + 0.9 + 0.53 + 0.2 = 4.4544. */
    isms_action *a1 = add(f.plan, "A1");
    target(a1, ISMS_TARGET_RISK, "V1");
    target(a1, ISMS_TARGET_RISK, "V2");
    target(a1, ISMS_TARGET_ANY, "V3");
    target(a1, ISMS_TARGET_RISK, "V4");
    target(a1, ISMS_TARGET_RISK, "V5");
    /* A2: the expected residual 1/2 = 2 (e = 1/15) counts against the vector's value, and
     *     before the risk's own residual: V1 r = 0.98 − 1/15 = 0.913333,
     *     0.98 × 1.913333 = 1.875067; V2 the same. Score 0.1 + 2 × 1.875067 = 3.850133. */
    isms_action *a2 = add(f.plan, "A2");
    target(a2, ISMS_TARGET_RISK, "V1");
    target(a2, ISMS_TARGET_RISK, "V2");
    assert_int_equal(isms_action_set_expected_residual(a2, 1, 2), ISMS_OK);
    /* A3: look-ups that find nothing (a requirement named as "any", an unknown id) and a
     * risk without any value must not leave an error behind a call that succeeds. */
    isms_action *a3 = add(f.plan, "A3");
    target(a3, ISMS_TARGET_ANY, "6.1.2");
    target(a3, ISMS_TARGET_ANY, "NOWHERE");
    target(a3, ISMS_TARGET_RISK, "R3");
    target(a3, ISMS_TARGET_RISK, "R2");
    /* A4: an expected residual off the matrix (5/1) brings no reduction, nor an error. */
    isms_action *a4 = add(f.plan, "A4");
    target(a4, ISMS_TARGET_RISK, "V2");
    assert_int_equal(isms_action_set_expected_residual(a4, 5, 1), ISMS_OK);
    isms_error_clear();
    prioritise(f.plan, NULL);
    assert_int_equal(isms_error_last()->code, ISMS_OK);
    assert_string_equal(isms_error_last()->message, "");

    assert_int_equal(isms_action_term_count(a1), 8);
    assert_term(a1, 1, ISMS_TERM_RISK, "V1", 0.98, 0.98, 0);
    assert_term(a1, 2, ISMS_TERM_RISK, "V2", 0.98 * 1.78, 0.98, 0.78);
    assert_term(a1, 3, ISMS_TERM_RISK, "V3", 0.9, 0.9, 0);
    assert_term(a1, 4, ISMS_TERM_RISK, "V4", 0.53, 0.53, 0);
    assert_term(a1, 5, ISMS_TERM_RISK, "V5", 0.2, 0.2, 0);
    assert_double_equal(isms_action_score(a1), 4.4544, 1e-9);

    const double red = 0.98 - 1.0 / 15;
    assert_term(a2, 1, ISMS_TERM_RISK, "V1", 0.98 * (1 + red), 0.98, red);
    assert_term(a2, 2, ISMS_TERM_RISK, "V2", 0.98 * (1 + red), 0.98, red);
    assert_double_equal(isms_action_score(a2), 3.8501333333333333, 1e-9);

    /* 6.1.2 (1), R3 (0) and R2 with its residual (253/225); NOWHERE adds nothing. */
    assert_int_equal(isms_action_term_count(a3), 6);
    assert_term(a3, 3, ISMS_TERM_RISK, "R2", 253.0 / 225, 11.0 / 15, 8.0 / 15);
    assert_double_equal(isms_action_score(a3), 0.1 + 1 + 253.0 / 225, 1e-9);
    assert_term(a4, 1, ISMS_TERM_RISK, "V2", 0.98, 0.98, 0);

    /* The explanation shows the vector's value. */
    char *text = explain(a1, ISMS_LANG_EN);
    expect_in(text, "risk V1: current 0.98, reduction 0.00 → +0.98\n");
    expect_in(text, "risk V2: current 0.98, reduction 0.78 → +1.74\n");
    isms_free(text);
    text = explain(a1, ISMS_LANG_SV);
    expect_in(text, "risk V3: nu 0,90, minskning 0,00 → +0,90\n");
    isms_free(text);

    /* w_risk 2, w_reduction 0.5: V2 2 × 0.98 × (1 + 0.5 × 0.78) = 2.7244. */
    isms_priority w = isms_priority_default();
    w.risk = 2;
    w.reduction = 0.5;
    prioritise(f.plan, &w);
    assert_term(a1, 2, ISMS_TERM_RISK, "V2", 2.7244, 0.98, 0.78);
    fixture_free(&f);
}

static void test_requirement_terms(void **state)
{
    (void)state;
    fixture f;
    fixture_init(&f);
    /* Expected status yes (not given):
     * 6.1.3 partial, medium: g ½, n ⅔: (0.5 + 0.666667) / 2 = 0.583333
     * 7.2 no, no need given: g 1, n = g = 1: 1
     * 9.1 yes, low: g 0, n ⅓: 0.166667
     * 5.1 not assessed, none: g ½, n 0: 0.25
     * 4.1 not applicable, no need: g 0, n 0: 0 */
    isms_action *a = add(f.plan, "A1");
    const char *refs[] = { "6.1.3", "7.2", "9.1", "5.1", "4.1" };
    for (size_t i = 0; i < 5; i++)
        target(a, ISMS_TARGET_REQUIREMENT, refs[i]);
    /* Expected partial: 6.1.2 no → partial: g ½, n 1: 0.75; 6.1.3 partial → partial: g 0,
     * n ⅔: ⅓; 5.1 not assessed → partial: g 0, n 0. */
    isms_action *b = add(f.plan, "B1");
    target(b, ISMS_TARGET_REQUIREMENT, "6.1.2");
    target(b, ISMS_TARGET_REQUIREMENT, "6.1.3");
    target(b, ISMS_TARGET_REQUIREMENT, "5.1");
    assert_int_equal(isms_action_set_expected_status(b, ISMS_STATUS_PARTIAL), ISMS_OK);
    prioritise(f.plan, NULL);
    assert_term(a, 1, ISMS_TERM_REQUIREMENT, "6.1.3", 7.0 / 12, 0.5, 2.0 / 3);
    assert_term(a, 2, ISMS_TERM_REQUIREMENT, "7.2", 1, 1, 1);
    assert_term(a, 3, ISMS_TERM_REQUIREMENT, "9.1", 1.0 / 6, 0, 1.0 / 3);
    assert_term(a, 4, ISMS_TERM_REQUIREMENT, "5.1", 0.25, 0.5, 0);
    assert_term(a, 5, ISMS_TERM_REQUIREMENT, "4.1", 0, 0, 0);
    assert_double_equal(isms_action_score(a), 0.1 + 7.0 / 12 + 1 + 1.0 / 6 + 0.25, 1e-9);
    assert_term(b, 1, ISMS_TERM_REQUIREMENT, "6.1.2", 0.75, 0.5, 1);
    assert_term(b, 2, ISMS_TERM_REQUIREMENT, "6.1.3", 1.0 / 3, 0, 2.0 / 3);
    assert_term(b, 3, ISMS_TERM_REQUIREMENT, "5.1", 0, 0, 0);
    /* w_requirement 3: 6.1.2 term 2.25. */
    isms_priority w = isms_priority_default();
    w.requirement = 3;
    prioritise(f.plan, &w);
    assert_term(b, 1, ISMS_TERM_REQUIREMENT, "6.1.2", 2.25, 0.5, 1);
    fixture_free(&f);
}

static void test_asset_terms_need_a_classified_inventory(void **state)
{
    (void)state;
    fixture f;
    fixture_init(&f);
    /* HR overall 3 of 4: 0.375; WEB 4 of 4: 0.5; SYS unclassified: 0. */
    isms_action *a = add(f.plan, "A1");
    target(a, ISMS_TARGET_ASSET, "HR");
    target(a, ISMS_TARGET_ASSET, "WEB");
    target(a, ISMS_TARGET_ASSET, "SYS");
    prioritise(f.plan, NULL);
    assert_int_equal(isms_action_term_count(a), 6);
    assert_term(a, 1, ISMS_TERM_ASSET, "HR", 0.375, 0.75, 0);
    assert_term(a, 2, ISMS_TERM_ASSET, "WEB", 0.5, 1, 0);
    assert_term(a, 3, ISMS_TERM_ASSET, "SYS", 0, 0, 0);
    assert_double_equal(isms_action_score(a), 0.975, 1e-9);

    /* The same inventory not classified: every class counts 0. */
    isms_inventory *raw = make_inventory("klassa", false);
    assert_int_equal(isms_plan_set_sources(f.plan, f.reg, f.as, raw), ISMS_OK);
    prioritise(f.plan, NULL);
    assert_term(a, 1, ISMS_TERM_ASSET, "HR", 0, 0, 0);
    assert_term(a, 2, ISMS_TERM_ASSET, "WEB", 0, 0, 0);
    assert_double_equal(isms_action_score(a), 0.1, 1e-9);
    isms_inventory_free(raw);

    /* FIPS 199 (levels 1–3): HR C3 is the top, k 1; SYS unclassified; the asset R1 has I2:
     * k ⅔. WEB is not in this inventory: no term. */
    isms_scheme *scheme = NULL;
    assert_int_equal(isms_scheme_preset(&scheme, "fips199"), ISMS_OK);
    isms_inventory *fips = NULL;
    assert_int_equal(isms_inventory_new(&fips, scheme), ISMS_OK);
    isms_scheme_free(scheme);
    asset(fips, "HR", 3, 2, 1);
    asset(fips, "SYS", -1, -1, -1);
    asset(fips, "R1", -1, 2, -1);
    assert_int_equal(isms_inventory_classify(fips), ISMS_OK);
    assert_int_equal(isms_plan_set_sources(f.plan, NULL, NULL, fips), ISMS_OK);
    target(a, ISMS_TARGET_ANY, "R1"); /* no register now: the asset */
    prioritise(f.plan, NULL);
    assert_int_equal(isms_action_term_count(a), 6);
    assert_term(a, 1, ISMS_TERM_ASSET, "HR", 0.5, 1, 0);
    assert_term(a, 2, ISMS_TERM_ASSET, "SYS", 0, 0, 0);
    assert_term(a, 3, ISMS_TERM_ASSET, "R1", 1.0 / 3, 2.0 / 3, 0);
    assert_double_equal(isms_action_score(a), 0.1 + 0.5 + 1.0 / 3, 1e-9);
    fixture_free(&f);
    isms_inventory_free(fips);
}

static void test_targets_resolve_by_kind_and_unknown_ones_add_nothing(void **state)
{
    (void)state;
    fixture f;
    fixture_init(&f);
    isms_action *a = add(f.plan, "A1");
    target(a, ISMS_TARGET_ANY, "R1");         /* a risk and an asset: the risk */
    target(a, ISMS_TARGET_ASSET, "R1");       /* the asset R1: I2 of 4 → 0.5 × 0.5 */
    target(a, ISMS_TARGET_ANY, "nowhere");    /* nothing */
    target(a, ISMS_TARGET_RISK, "HR");        /* HR is no risk */
    target(a, ISMS_TARGET_REQUIREMENT, "R2"); /* R2 is no requirement */
    target(a, ISMS_TARGET_ANY, "req:7.2");    /* the requirement 7.2: 1 */
    target(a, ISMS_TARGET_ANY, "HR");         /* the asset HR: 0.375 */
    prioritise(f.plan, NULL);
    /* base, R1 (risk), R1 (asset), 7.2, HR, urgency, effort */
    assert_int_equal(isms_action_term_count(a), 7);
    assert_term(a, 1, ISMS_TERM_RISK, "R1", 1, 1, 0);
    assert_term(a, 2, ISMS_TERM_ASSET, "R1", 0.25, 0.5, 0);
    assert_term(a, 3, ISMS_TERM_REQUIREMENT, "7.2", 1, 1, 1);
    assert_term(a, 4, ISMS_TERM_ASSET, "HR", 0.375, 0.75, 0);
    assert_term(a, 5, ISMS_TERM_URGENCY, "", 1, 0, 0);
    assert_double_equal(isms_action_score(a), 0.1 + 1 + 0.25 + 1 + 0.375, 1e-9);

    isms__resolved r;
    isms__target t = { (char *)"6.1.2", ISMS_TARGET_ANY };
    isms__target_resolve(&r, f.plan, &t);
    assert_int_equal(r.kind, ISMS_TARGET_REQUIREMENT);
    assert_string_equal(isms_entry_ref(r.entry), "6.1.2");
    t.kind = ISMS_TARGET_ASSET;
    isms__target_resolve(&r, f.plan, &t);
    assert_int_equal(r.kind, ISMS_TARGET_ANY);
    assert_null(r.risk);
    assert_null(r.entry);
    assert_null(r.asset);

    /* Without sources nothing resolves: base only. */
    assert_int_equal(isms_plan_set_sources(f.plan, NULL, NULL, NULL), ISMS_OK);
    prioritise(f.plan, NULL);
    assert_int_equal(isms_action_term_count(a), 3);
    assert_double_equal(isms_action_score(a), 0.1, 1e-9);
    fixture_free(&f);
}

static void test_urgency_before_and_after_the_due_date(void **state)
{
    (void)state;
    isms_plan *p = new_plan(2024);
    isms_action *a = add(p, "A1");
    due(a, "2024-03-31");
    isms_action *b = add(p, "B1");
    due(b, "Q2 2024"); /* ends 2024-06-30 */
    isms_action *c = add(p, "C1");
    due(c, "2026");
    isms_action *d = add(p, "D1"); /* no due date */
    isms_action *e = add(p, "E1");
    due(e, "inför nästa verksamhetsplan"); /* unreadable */

    /* Before: 2024-02-20. A1 in 40 days: 1.890411; B1 in 9 + 31 + 30 + 31 + 30 = 131 days:
     * u = 1 − 131/365 = 0.641096; C1 2026-12-31 beyond the horizon: u 0; D1, E1: 1. */
    isms_priority w = weights_at(2024, 2, 20);
    prioritise(p, &w);
    assert_term(a, 1, ISMS_TERM_URGENCY, "", 1 + 325.0 / 365, 325.0 / 365, 40);
    assert_term(b, 1, ISMS_TERM_URGENCY, "", 1 + 234.0 / 365, 234.0 / 365, 131);
    assert_term(c, 1, ISMS_TERM_URGENCY, "", 1, 0, 1045);
    assert_term(d, 1, ISMS_TERM_URGENCY, "", 1, 0, 0);
    assert_term(e, 1, ISMS_TERM_URGENCY, "", 1, 0, 0);
    assert_double_equal(isms_action_score(a), 0.1 * (1 + 325.0 / 365), 1e-9);

    /* On the day: u 1, urgency 2, not overdue. */
    w = weights_at(2024, 3, 31);
    prioritise(p, &w);
    assert_term(a, 1, ISMS_TERM_URGENCY, "", 2, 1, 0);
    /* After: 2024-04-10, 10 days late: u 1, 1 + 1 + 0.5 = 2.5. */
    w = weights_at(2024, 4, 10);
    prioritise(p, &w);
    assert_term(a, 1, ISMS_TERM_URGENCY, "", 2.5, 1, -10);
    assert_double_equal(isms_action_score(a), 0.25, 1e-9);
    assert_term(b, 1, ISMS_TERM_URGENCY, "", 1 + (1 - 81.0 / 365), 1 - 81.0 / 365, 81);
    /* w_overdue 2, w_urgency 0.5: 1 + 0.5 + 2 = 3.5. */
    w.overdue = 2;
    w.urgency = 0.5;
    prioritise(p, &w);
    assert_term(a, 1, ISMS_TERM_URGENCY, "", 3.5, 1, -10);
    /* No reference date: no urgency at all. */
    prioritise(p, NULL);
    assert_term(a, 1, ISMS_TERM_URGENCY, "", 1, 0, 0);
    assert_double_equal(isms_action_score(a), 0.1, 1e-9);
    isms_plan_free(p);
}

static void test_effort_divides_by_its_root(void **state)
{
    (void)state;
    isms_plan *p = new_plan(2024);
    isms_action *xs = add(p, "XS");
    assert_int_equal(isms_action_set_effort_size(xs, ISMS_EFFORT_XS), ISMS_OK);
    isms_action *xl = add(p, "XL");
    assert_int_equal(isms_action_set_effort_size(xl, ISMS_EFFORT_XL), ISMS_OK);
    isms_action *zero = add(p, "Z");
    assert_int_equal(isms_action_set_effort(zero, 0), ISMS_OK);
    isms_action *unknown = add(p, "U");
    prioritise(p, NULL);
    /* XS 1 day: (1/5)^0.5 = 0.447214; XL 120: 24^0.5 = 4.898979; 0 days counts as an hour
     * (0.125): 0.025^0.5 = 0.158114; unknown: 1. */
    assert_term(xs, 2, ISMS_TERM_EFFORT, "", sqrt(0.2), 1, 1);
    assert_term(xl, 2, ISMS_TERM_EFFORT, "", sqrt(24), 120, 1);
    assert_term(zero, 2, ISMS_TERM_EFFORT, "", sqrt(0.025), 0.125, 1);
    assert_term(unknown, 2, ISMS_TERM_EFFORT, "", 1, 5, 0);
    assert_double_equal(isms_action_score(xs), 0.1 / sqrt(0.2), 1e-9);
    /* Exponent 0: effort does not count. Exponent 2: 1/25, 576. */
    isms_priority w = isms_priority_default();
    w.effort = 0;
    prioritise(p, &w);
    assert_term(xl, 2, ISMS_TERM_EFFORT, "", 1, 120, 1);
    w.effort = 2;
    prioritise(p, &w);
    assert_term(xs, 2, ISMS_TERM_EFFORT, "", 0.04, 1, 1);
    assert_term(xl, 2, ISMS_TERM_EFFORT, "", 576, 120, 1);
    /* An unknown effort counts as the unit, whatever it is: 8 days, divisor 1. */
    w = isms_priority_default();
    w.effort_unit = 8;
    prioritise(p, &w);
    assert_term(unknown, 2, ISMS_TERM_EFFORT, "", 1, 8, 0);
    isms_plan_free(p);
}

static void test_root_keeps_big_work_on_critical_risks_ahead(void **state)
{
    (void)state;
    fixture f;
    fixture_init(&f);
    /* BIG: a month on R1 (c 1) taking it to 1/1 (r 1): benefit 0.1 + 1 × (1 + 1) = 2.1.
     * SMALL: a day on R5 (c 0.2, r 0): benefit 0.3.
     * Root:   BIG 2.1 / 2 = 1.05 ahead of SMALL 0.3 / 0.447214 = 0.670820.
     * Linear: BIG 2.1 / 4 = 0.525 behind SMALL 0.3 / 0.2 = 1.5. */
    isms_action *big = add(f.plan, "BIG");
    target(big, ISMS_TARGET_RISK, "R1");
    assert_int_equal(isms_action_set_expected_residual(big, 1, 1), ISMS_OK);
    assert_int_equal(isms_action_set_effort(big, 20), ISMS_OK);
    isms_action *small = add(f.plan, "SMALL");
    target(small, ISMS_TARGET_RISK, "R5");
    assert_int_equal(isms_action_set_effort(small, 1), ISMS_OK);
    char order[64];
    order_text(order, sizeof order, f.plan, NULL);
    assert_string_equal(order, "BIG SMALL");
    assert_double_equal(isms_action_score(big), 1.05, 1e-9);
    assert_double_equal(isms_action_score(small), 0.3 / sqrt(0.2), 1e-9);
    isms_priority w = isms_priority_default();
    w.effort = 1;
    order_text(order, sizeof order, f.plan, &w);
    assert_string_equal(order, "SMALL BIG");
    assert_double_equal(isms_action_score(big), 0.525, 1e-9);
    assert_double_equal(isms_action_score(small), 1.5, 1e-9);
    fixture_free(&f);
}

static void test_done_and_cancelled_get_no_score(void **state)
{
    (void)state;
    isms_plan *p = new_plan(2024);
    isms_action *a = add(p, "A1");
    isms_action *done = add(p, "D1");
    assert_int_equal(isms_action_set_status(done, ISMS_ACTION_DONE), ISMS_OK);
    isms_action *cancelled = add(p, "C1");
    assert_int_equal(isms_action_set_status(cancelled, ISMS_ACTION_CANCELLED), ISMS_OK);
    isms_action *planned = add(p, "P1");
    assert_int_equal(isms_action_set_status(planned, ISMS_ACTION_PLANNED), ISMS_OK);
    isms_action *going = add(p, "G1");
    assert_int_equal(isms_action_set_status(going, ISMS_ACTION_IN_PROGRESS), ISMS_OK);
    prioritise(p, NULL);
    assert_double_equal(isms_action_score(a), 0.1, EPS);
    assert_double_equal(isms_action_score(planned), 0.1, EPS);
    assert_double_equal(isms_action_score(going), 0.1, EPS);
    assert_true(isms_action_score(done) < 0);
    assert_int_equal(isms_action_term_count(done), 0);
    assert_true(isms_action_score(cancelled) < 0);
    assert_int_equal(isms_action_term_count(cancelled), 0);
    char *text = (char *)(uintptr_t)0x1;
    assert_int_equal(isms_action_explain(&text, done, ISMS_LANG_EN), ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "\"D1\" has not been scored");
    assert_ptr_equal(text, (char *)(uintptr_t)0x1);
    /* A change forgets the score until the next call. */
    assert_int_equal(isms_action_set_effort(a, 20), ISMS_OK);
    assert_true(isms_action_score(a) < 0);
    assert_int_equal(isms_action_term_count(a), 0);
    assert_double_equal(isms_action_score(planned), 0.1, EPS);
    isms_plan_free(p);
}

/* ---- explanations ----------------------------------------------------------------------- */

static void test_explain_in_both_languages(void **state)
{
    (void)state;
    fixture f;
    fixture_init(&f);
    isms_action *a = add(f.plan, "A1");
    target(a, ISMS_TARGET_ANY, "R2");
    target(a, ISMS_TARGET_ANY, "6.1.2");
    target(a, ISMS_TARGET_ANY, "HR");
    target(a, ISMS_TARGET_ANY, "nowhere");
    due(a, "2024-03-31");
    assert_int_equal(isms_action_set_effort(a, 20), ISMS_OK);
    isms_priority w = weights_at(2024, 2, 20);
    prioritise(f.plan, &w);
    char *en = explain(a, ISMS_LANG_EN);
    assert_string_equal(en, "base → +0.10\n"
                            "risk R2: current 0.73, reduction 0.53 → +1.12\n"
                            "requirement 6.1.2: gap 1.00, need 1.00 → +1.00\n"
                            "asset HR: class 0.75 → +0.38\n"
                            "urgency: due 2024-03-31 in 40 days → ×1.89\n"
                            "effort: 20.0 person-days → ÷2.00\n"
                            "score 2.46");
    isms_free(en);
    char *sv = explain(a, ISMS_LANG_SV);
    assert_string_equal(sv, "bas → +0,10\n"
                            "risk R2: nu 0,73, minskning 0,53 → +1,12\n"
                            "krav 6.1.2: gap 1,00, behov 1,00 → +1,00\n"
                            "tillgång HR: klass 0,75 → +0,38\n"
                            "brådska: klart senast 2024-03-31 om 40 dagar → ×1,89\n"
                            "insats: 20,0 persondagar → ÷2,00\n"
                            "poäng 2,46");
    isms_free(sv);

    /* Overdue, unknown effort: 10 days late, 2.5; (0.1 + 1.124444 + 1 + 0.375) × 2.5 =
     * 6.498611. */
    assert_int_equal(isms_action_set_effort(a, -1), ISMS_OK);
    w = weights_at(2024, 4, 10);
    prioritise(f.plan, &w);
    en = explain(a, ISMS_LANG_EN);
    expect_in(en, "\nurgency: due 2024-03-31, overdue by 10 days → ×2.50\n");
    expect_in(en, "\neffort not known, counted as 5.0 person-days → ÷1.00\nscore 6.50");
    isms_free(en);
    sv = explain(a, ISMS_LANG_SV);
    expect_in(sv, "\nbrådska: klart senast 2024-03-31, försenad med 10 dagar → ×2,50\n");
    expect_in(sv, "\ninsats okänd, räknas som 5,0 persondagar → ÷1,00\npoäng 6,50");
    isms_free(sv);

    /* One day either way, the day itself, no reference date. */
    w = weights_at(2024, 4, 1);
    prioritise(f.plan, &w);
    en = explain(a, ISMS_LANG_EN);
    expect_in(en, "overdue by 1 day → ×2.50");
    isms_free(en);
    sv = explain(a, ISMS_LANG_SV);
    expect_in(sv, "försenad med 1 dag → ×2,50");
    isms_free(sv);
    w = weights_at(2024, 3, 30);
    prioritise(f.plan, &w);
    en = explain(a, ISMS_LANG_EN); /* u = 1 − 1/365: 1.997260 */
    expect_in(en, "urgency: due 2024-03-31 in 1 day → ×2.00");
    isms_free(en);
    w = weights_at(2024, 3, 31);
    prioritise(f.plan, &w);
    en = explain(a, ISMS_LANG_EN);
    expect_in(en, "urgency: due 2024-03-31, today → ×2.00");
    isms_free(en);
    sv = explain(a, ISMS_LANG_SV);
    expect_in(sv, "brådska: klart senast 2024-03-31, i dag → ×2,00");
    isms_free(sv);
    prioritise(f.plan, NULL);
    en = explain(a, ISMS_LANG_EN);
    expect_in(en, "urgency: due 2024-03-31, no reference date → ×1.00");
    isms_free(en);
    sv = explain(a, ISMS_LANG_SV);
    expect_in(sv, "brådska: klart senast 2024-03-31, inget referensdatum → ×1,00");
    isms_free(sv);

    /* No due date, an unreadable one. */
    due(a, "");
    prioritise(f.plan, &w);
    en = explain(a, ISMS_LANG_EN);
    expect_in(en, "\nurgency: no due date → ×1.00\n");
    isms_free(en);
    sv = explain(a, ISMS_LANG_SV);
    expect_in(sv, "\nbrådska: inget datum → ×1,00\n");
    isms_free(sv);
    due(a, "inför nästa verksamhetsplan");
    prioritise(f.plan, &w);
    en = explain(a, ISMS_LANG_EN);
    expect_in(en, "\nurgency: the due date is not readable → ×1.00\n");
    isms_free(en);
    sv = explain(a, ISMS_LANG_SV);
    expect_in(sv, "\nbrådska: datumet går inte att läsa → ×1,00\n");
    isms_free(sv);

    /* Bad arguments. */
    char *text = NULL;
    assert_int_equal(isms_action_explain(NULL, a, ISMS_LANG_EN), ISMS_EINVAL);
    assert_int_equal(isms_action_explain(&text, NULL, ISMS_LANG_EN), ISMS_EINVAL);
    assert_int_equal(isms_action_explain(&text, a, (isms_lang)2), ISMS_EINVAL);
    assert_null(text);
    fixture_free(&f);
}

/* ---- order ------------------------------------------------------------------------------ */

/* One action of the ordering plan. Scores come from the base and the effort only (no sources,
 * no reference date): 0.1 / (effort / 5) ^ 0.5, so effort 1 scores 0.223607, 5 scores 0.1 and
 * 20 scores 0.05. */
typedef struct spec {
    const char *id;
    double effort;
    const char *due;
    isms_action_status status;
    const char *pre[3];
} spec;

static const spec order_specs[] = {
    { "E1", 1, "", ISMS_ACTION_PROPOSED, { "D1" } },         /* D1 is done: met */
    { "D1", 5, "", ISMS_ACTION_DONE, { "A1" } },             /* done: left out */
    { "F1", 5, "", ISMS_ACTION_CANCELLED, { "NOPE" } },      /* cancelled: left out */
    { "B3", 5, "2024-03-31", ISMS_ACTION_PLANNED, { NULL } },
    { "B2", 5, "2024-06-30", ISMS_ACTION_PROPOSED, { NULL } },
    { "B10", 5, "2024-06-30", ISMS_ACTION_PROPOSED, { NULL } },
    { "B20", 5, "Q2 2024", ISMS_ACTION_PROPOSED, { NULL } }, /* ends 2024-06-30 as well */
    { "C1", 5, "", ISMS_ACTION_PROPOSED, { NULL } },
    { "G1", 5, "", ISMS_ACTION_IN_PROGRESS, { "F1" } },      /* F1 cancelled: met */
    { "A1", 20, "", ISMS_ACTION_PROPOSED, { NULL } },
    { "H1", 1, "", ISMS_ACTION_PROPOSED, { "A1" } },
    { "A2", 5, "", ISMS_ACTION_PROPOSED, { "H1", "A1" } },
};
#define N_SPECS (sizeof order_specs / sizeof *order_specs)

/* Ready at first: E1 0.223607, B3, B2, B10, B20, C1, G1 0.1, A1 0.05. The 0.1s go by due
 * date: B3 (2024-03-31); then B20 (Q2 2024: the same last day as 2024-06-30, but the quarter
 * starts earlier, so it sorts first as isms_period_compare() does); B2 and B10 (2024-06-30) by
 * id in natural order; then those without a date, C1 and G1 by id. A1 comes last of them;
 * then H1, which scores more than any but waits for A1, and A2, which waits for H1. */
static const char *const order_expected = "E1 B3 B20 B2 B10 C1 G1 A1 H1 A2";

static isms_plan *plan_of(const spec *specs, size_t n, const size_t *perm)
{
    isms_plan *p = new_plan(2024);
    for (size_t k = 0; k < n; k++) {
        const spec *s = &specs[perm ? perm[k] : k];
        isms_action *a = add(p, s->id);
        assert_int_equal(isms_action_set_effort(a, s->effort), ISMS_OK);
        due(a, s->due);
        assert_int_equal(isms_action_set_status(a, s->status), ISMS_OK);
        for (size_t j = 0; j < 3 && s->pre[j]; j++)
            prereq(a, s->pre[j]);
    }
    return p;
}

static void test_order_prerequisites_then_score_due_and_id(void **state)
{
    (void)state;
    isms_plan *p = plan_of(order_specs, N_SPECS, NULL);
    isms_action **v = NULL;
    size_t n = 0;
    assert_int_equal(isms_plan_prioritise(&v, &n, p, NULL), ISMS_OK);
    assert_int_equal(n, 10);
    assert_ptr_equal(v[0], isms_plan_find(p, "E1"));
    isms_free(v);
    char order[128];
    order_text(order, sizeof order, p, NULL);
    assert_string_equal(order, order_expected);
    assert_double_equal(isms_action_score(isms_plan_find(p, "H1")), 0.1 / sqrt(0.2), 1e-9);
    assert_double_equal(isms_action_score(isms_plan_find(p, "A1")), 0.05, 1e-9);
    /* Only scoring: the scores are there. */
    isms_plan_free(p);
    p = plan_of(order_specs, N_SPECS, NULL);
    assert_int_equal(isms_plan_prioritise(NULL, NULL, p, NULL), ISMS_OK);
    assert_double_equal(isms_action_score(isms_plan_find(p, "A1")), 0.05, 1e-9);
    isms_plan_free(p);
}

static void test_order_does_not_depend_on_insertion_order(void **state)
{
    (void)state;
    size_t perm[N_SPECS];
    uint64_t seed = 12345;
    for (int round = 0; round < 24; round++) {
        for (size_t i = 0; i < N_SPECS; i++)
            perm[i] = i;
        if (round == 1) { /* reversed */
            for (size_t i = 0; i < N_SPECS; i++)
                perm[i] = N_SPECS - 1 - i;
        } else if (round > 1) { /* Fisher–Yates with a fixed LCG */
            for (size_t i = N_SPECS - 1; i > 0; i--) {
                seed = seed * 6364136223846793005u + 1442695040888963407u;
                size_t j = (size_t)(seed >> 33) % (i + 1);
                size_t t = perm[i];
                perm[i] = perm[j];
                perm[j] = t;
            }
        }
        isms_plan *p = plan_of(order_specs, N_SPECS, perm);
        char order[128];
        order_text(order, sizeof order, p, NULL);
        assert_string_equal(order, order_expected);
        /* Twice in a row: the same. */
        order_text(order, sizeof order, p, NULL);
        assert_string_equal(order, order_expected);
        isms_plan_free(p);
    }
}

static void test_order_ties_by_natural_id(void **state)
{
    (void)state;
    /* Equal scores and due dates: natural order, digits as numbers, leading zeros first,
     * shorter first; more digits than the sort key holds are compared in full. */
    static const char *const ids[] = {
        "A10",  "A2",   "A1",    "A02",  "B",    "A",         "A1b",
        "A1a",  "a1",   "A-1",   "A 1",  "Z9",   "Z10",       "X123456789012345678",
        "X123456789012345679",   "X99",  "A1.10", "A1.9",     "A001",
    };
    const size_t n = sizeof ids / sizeof *ids;
    isms_plan *p = new_plan(2024);
    for (size_t i = 0; i < n; i++)
        add(p, ids[i]);
    isms_action **v = NULL;
    size_t k = 0;
    assert_int_equal(isms_plan_prioritise(&v, &k, p, NULL), ISMS_OK);
    assert_int_equal(k, n);
    for (size_t i = 1; i < k; i++)
        if (isms__natcmp(isms_action_id(v[i - 1]), isms_action_id(v[i])) >= 0)
            fail_msg("%s before %s", isms_action_id(v[i - 1]), isms_action_id(v[i]));
    /* A few by hand. */
    char order[512] = "";
    for (size_t i = 0; i < k; i++) {
        strcat(order, isms_action_id(v[i]));
        strcat(order, " ");
    }
    assert_string_equal(order, "A A 1 A-1 A1 A1.9 A1.10 A1a A1b A001 A2 A02 A10 B X99 "
                               "X123456789012345678 X123456789012345679 Z9 Z10 a1 ");
    isms_free(v);
    isms_plan_free(p);
}

static void test_order_of_random_ids_follows_natcmp(void **state)
{
    (void)state;
    /* Ids of digits, letters and punctuation, with long digit runs and leading zeros, all
     * with the same score: the order is isms__natcmp()'s. */
    static const char alphabet[] = "0001299AAbz-.~";
    isms_plan *p = new_plan(2024);
    uint64_t seed = 99;
    size_t added = 0;
    while (added < 3000) {
        char id[40];
        seed = seed * 6364136223846793005u + 1442695040888963407u;
        size_t len = 1 + (size_t)(seed >> 40) % 30;
        for (size_t i = 0; i < len; i++) {
            seed = seed * 6364136223846793005u + 1442695040888963407u;
            id[i] = alphabet[(seed >> 33) % (sizeof alphabet - 1)];
        }
        id[len] = '\0';
        if (isms_plan_find(p, id))
            continue;
        add(p, id);
        added++;
    }
    isms_action **v = NULL;
    size_t n = 0;
    assert_int_equal(isms_plan_prioritise(&v, &n, p, NULL), ISMS_OK);
    assert_int_equal(n, added);
    for (size_t i = 1; i < n; i++)
        if (isms__natcmp(isms_action_id(v[i - 1]), isms_action_id(v[i])) >= 0)
            fail_msg("%s before %s", isms_action_id(v[i - 1]), isms_action_id(v[i]));
    isms_free(v);
    isms_plan_free(p);
}

/* The key of the order: true when a comes before b among ready actions. */
static bool key_before(const isms_action *a, const isms_action *b)
{
    double sa = isms_action_score(a), sb = isms_action_score(b);
    if (sa != sb)
        return sa > sb;
    isms_period da = isms_action_due(a), db = isms_action_due(b);
    int c = isms_period_compare(&da, &db);
    if (c)
        return c < 0;
    return isms__natcmp(isms_action_id(a), isms_action_id(b)) < 0;
}

static bool is_open_action(const isms_action *a)
{
    isms_action_status s = isms_action_get_status(a);
    return s != ISMS_ACTION_DONE && s != ISMS_ACTION_CANCELLED;
}

/* A random plan of n actions (generated in a topological order, added shuffled): up to four
 * prerequisites among the earlier ones, varied efforts, due dates and statuses. */
static isms_plan *random_plan(size_t n, uint64_t seed)
{
    size_t *perm = malloc(n * sizeof *perm);
    assert_non_null(perm);
    for (size_t i = 0; i < n; i++)
        perm[i] = i;
    for (size_t i = n - 1; i > 0; i--) {
        seed = seed * 6364136223846793005u + 1442695040888963407u;
        size_t j = (size_t)(seed >> 33) % (i + 1);
        size_t t = perm[i];
        perm[i] = perm[j];
        perm[j] = t;
    }
    isms_plan *p = new_plan(2024);
    char id[16], text[32];
    for (size_t k = 0; k < n; k++) {
        size_t i = perm[k];
        snprintf(id, sizeof id, "T%zu", i);
        isms_action *a = add(p, id);
        seed = seed * 6364136223846793005u + 1442695040888963407u;
        unsigned r = (unsigned)(seed >> 33);
        assert_int_equal(isms_action_set_effort(a, (double)(r % 4 * 5)), ISMS_OK);
        if (r / 4 % 3) {
            snprintf(text, sizeof text, "2024-%02u-01", 1 + r / 16 % 3);
            due(a, text);
        }
        if (r / 64 % 20 == 0)
            assert_int_equal(isms_action_set_status(a, ISMS_ACTION_DONE), ISMS_OK);
        else if (r / 64 % 20 == 1)
            assert_int_equal(isms_action_set_status(a, ISMS_ACTION_CANCELLED), ISMS_OK);
        for (unsigned j = 0; i > 0 && j < r / 2048 % 5; j++) {
            seed = seed * 6364136223846793005u + 1442695040888963407u;
            snprintf(id, sizeof id, "T%zu", (size_t)(seed >> 33) % i);
            prereq(a, id);
        }
    }
    free(perm);
    return p;
}

/* The order checked against a plain Kahn that looks through every action at each step. */
static void check_against_reference(isms_plan *p)
{
    isms_action **v = NULL;
    size_t n = 0;
    if (isms_plan_prioritise(&v, &n, p, NULL) != ISMS_OK)
        fail_msg("prioritise: %s", isms_error_last()->message);
    const size_t count = isms_plan_count(p);
    bool *placed = calloc(count, sizeof *placed);
    assert_non_null(placed);
    size_t n_open = 0;
    for (size_t i = 0; i < count; i++)
        n_open += is_open_action(isms_plan_at(p, i));
    assert_int_equal(n, n_open);
    for (size_t step = 0; step < n; step++) {
        const isms_action *best = NULL;
        for (size_t i = 0; i < count; i++) {
            const isms_action *a = isms_plan_at(p, i);
            if (placed[i] || !is_open_action(a))
                continue;
            bool ready = true;
            for (size_t j = 0; j < isms_action_prerequisite_count(a) && ready; j++) {
                const isms_action *b = isms_plan_find(p, isms_action_prerequisite(a, j));
                assert_non_null(b);
                ready = !is_open_action(b) || placed[b->idx];
            }
            if (ready && (!best || key_before(a, best)))
                best = a;
        }
        if (v[step] != best)
            fail_msg("step %zu: %s, expected %s", step, isms_action_id(v[step]),
                     best ? isms_action_id(best) : "none");
        placed[best->idx] = true;
    }
    free(placed);
    isms_free(v);
}

static void test_order_of_random_plans_matches_a_plain_kahn(void **state)
{
    (void)state;
    for (uint64_t seed = 1; seed <= 4; seed++) {
        isms_plan *p = random_plan(seed == 4 ? 1500 : 300, seed);
        check_against_reference(p);
        isms_plan_free(p);
    }
}

static void test_cycle_in_a_large_plan(void **state)
{
    (void)state;
    /* All open; T0 waits for T1, T1 for T1499, T1499 for T0: every step of the message must
     * be a prerequisite of the next, and it must end where it began. */
    isms_plan *p = random_plan(1500, 7);
    for (size_t i = 0; i < isms_plan_count(p); i++)
        assert_int_equal(isms_action_set_status(isms_plan_at(p, i), ISMS_ACTION_PROPOSED),
                         ISMS_OK);
    prereq(isms_plan_find(p, "T1"), "T1499");
    prereq(isms_plan_find(p, "T1499"), "T0");
    prereq(isms_plan_find(p, "T0"), "T1");
    assert_int_equal(isms_plan_prioritise(NULL, NULL, p, NULL), ISMS_ECYCLE);
    const char *msg = isms_error_last()->message;
    const char *at = strstr(msg, "cycle: ");
    assert_non_null(at);
    at += strlen("cycle: ");
    /* "X → Y → … → X (each …": each id is a prerequisite of the next. */
    char prev[32] = "", first[32] = "";
    for (;;) {
        size_t len = strcspn(at, " ");
        char cur[32];
        assert_true(len < sizeof cur);
        memcpy(cur, at, len);
        cur[len] = '\0';
        if (!*first) {
            strcpy(first, cur);
        } else {
            const isms_action *a = isms_plan_find(p, cur);
            assert_non_null(a);
            bool found = false;
            for (size_t j = 0; j < isms_action_prerequisite_count(a); j++)
                found |= strcmp(isms_action_prerequisite(a, j), prev) == 0;
            if (!found)
                fail_msg("%s does not wait for %s in \"%s\"", cur, prev, msg);
        }
        strcpy(prev, cur);
        at += len;
        if (strncmp(at, " → ", strlen(" → ")) != 0)
            break;
        at += strlen(" → ");
    }
    assert_string_equal(prev, first);
    assert_true(strncmp(at, " (each must come before the next)", 10) == 0);
    isms_plan_free(p);
}

static void test_empty_plan_and_plans_without_open_actions(void **state)
{
    (void)state;
    isms_plan *p = new_plan(2024);
    isms_action **v = (isms_action **)(uintptr_t)0x1;
    size_t n = 42;
    assert_int_equal(isms_plan_prioritise(&v, &n, p, NULL), ISMS_OK);
    assert_null(v);
    assert_int_equal(n, 0);
    isms_action *a = add(p, "A1");
    assert_int_equal(isms_action_set_status(a, ISMS_ACTION_DONE), ISMS_OK);
    prereq(a, "GONE"); /* a done action's prerequisites do not matter */
    v = (isms_action **)(uintptr_t)0x1;
    n = 42;
    assert_int_equal(isms_plan_prioritise(&v, &n, p, NULL), ISMS_OK);
    assert_null(v);
    assert_int_equal(n, 0);
    isms_plan_free(p);
}

/* The position of an action in an order, or n when it is not there. */
static size_t position_of(isms_action **order, size_t n, const char *id)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(isms_action_id(order[i]), id) == 0)
            return i;
    return n;
}

/* Asserts that the order has n actions and holds `ids` in this relative order. */
static void assert_chain(isms_plan *p, size_t n_expected, const char *const *ids, size_t k)
{
    isms_action **order;
    size_t n;
    assert_int_equal(isms_plan_prioritise(&order, &n, p, NULL), ISMS_OK);
    assert_int_equal(n, n_expected);
    for (size_t i = 0; i + 1 < k; i++) {
        size_t before = position_of(order, n, ids[i]), after = position_of(order, n, ids[i + 1]);
        assert_true(before < n && after < n);
        assert_true(before < after);
    }
    isms_free(order);
}

/* Prerequisites are resolved when they are added; removing actions moves indices, and a
 * prerequisite added before its action exists is looked up later. The order must not
 * notice any of that. */
static void test_prerequisites_resolved_early_and_after_removals(void **state)
{
    (void)state;
    isms_plan *p = new_plan(2024);
    prereq(add_action(p, "C", "third"), "B");         /* B does not exist yet */
    add_action(p, "X", "removed later");
    prereq(add_action(p, "B", "second"), "A");        /* A neither */
    add_action(p, "A", "first");
    add_action(p, "Y", "unrelated");
    isms_action *d = add_action(p, "D", "fourth");
    prereq(d, "C");                                   /* resolved at once */
    prereq(d, "A");
    const char *chain[] = { "A", "B", "C", "D", "E" };
    assert_chain(p, 6, chain, 4);

    /* Removing X shifts the indices of everything after it. */
    assert_int_equal(isms_plan_remove(p, "X"), ISMS_OK);
    assert_chain(p, 5, chain, 4);

    /* Removing A, which D resolved when its prerequisite was added, leaves it missing. */
    assert_int_equal(isms_plan_remove(p, "A"), ISMS_OK);
    isms_action **order = NULL;
    size_t n = 0;
    assert_int_equal(isms_plan_prioritise(&order, &n, p, NULL), ISMS_ENOTFOUND);
    assert_error(ISMS_ENOTFOUND, "prerequisite A does not exist");
    /* Actions added after the removal resolve against the new indices. */
    prereq(add_action(p, "E", "after the removal"), "D");
    add_action(p, "A", "first again");
    assert_chain(p, 6, chain, 5);
    isms_plan_free(p);
}

static void test_missing_prerequisite(void **state)
{
    (void)state;
    isms_plan *p = new_plan(2024);
    add(p, "A1");
    add(p, "A2");
    isms_action *a3 = add(p, "A3");
    prereq(a3, "A1");
    prereq(a3, "A9");
    isms_action **v = (isms_action **)(uintptr_t)0x1;
    size_t n = 42;
    assert_int_equal(isms_plan_prioritise(&v, &n, p, NULL), ISMS_ENOTFOUND);
    assert_error(ISMS_ENOTFOUND, "action A3: prerequisite A9 does not exist");
    assert_ptr_equal(v, (isms_action **)(uintptr_t)0x1);
    assert_int_equal(n, 42);
    assert_true(isms_action_score(isms_plan_find(p, "A1")) < 0);
    /* Adding A9 mends it; removing A1 breaks it again, and the message names A1. */
    add(p, "A9");
    prioritise(p, NULL);
    double before = isms_action_score(isms_plan_find(p, "A2"));
    assert_int_equal(isms_plan_remove(p, "A1"), ISMS_OK);
    assert_int_equal(isms_plan_prioritise(&v, &n, p, NULL), ISMS_ENOTFOUND);
    assert_error(ISMS_ENOTFOUND, "action A3: prerequisite A1 does not exist");
    assert_double_equal(isms_action_score(isms_plan_find(p, "A2")), before, EPS);
    /* A cancelled dependent does not need it. */
    assert_int_equal(isms_action_set_status(a3, ISMS_ACTION_CANCELLED), ISMS_OK);
    prioritise(p, NULL);
    isms_plan_free(p);
}

static void test_cycles(void **state)
{
    (void)state;
    /* Two actions waiting for each other, built before either exists. */
    isms_plan *p = new_plan(2024);
    isms_action *x = add(p, "X");
    add(p, "FREE");
    isms_action *b = add(p, "B");
    prereq(b, "A");
    isms_action *a = add(p, "A");
    prereq(a, "B");
    prereq(x, "B"); /* waits for the cycle, is not on it */
    isms_action **v = (isms_action **)(uintptr_t)0x1;
    size_t n = 42;
    assert_int_equal(isms_plan_prioritise(&v, &n, p, NULL), ISMS_ECYCLE);
    assert_error(ISMS_ECYCLE, "prerequisites form a cycle: A → B → A (each must come before "
                              "the next)");
    assert_ptr_equal(v, (isms_action **)(uintptr_t)0x1);
    assert_int_equal(n, 42);
    assert_true(isms_action_score(isms_plan_find(p, "FREE")) < 0);
    /* Done, one of them is met: the cycle is gone. */
    assert_int_equal(isms_action_set_status(b, ISMS_ACTION_DONE), ISMS_OK);
    char order[64];
    order_text(order, sizeof order, p, NULL);
    assert_string_equal(order, "A FREE X");
    isms_plan_free(p);

    /* Three: A1 waits for A2, A2 for A3, A3 for A1. In doing order: A1 before A3 (A3 waits
     * for A1), A3 before A2, A2 before A1. */
    p = new_plan(2024);
    prereq(add(p, "A3"), "A1");
    prereq(add(p, "A2"), "A3");
    prereq(add(p, "A1"), "A2");
    assert_int_equal(isms_plan_prioritise(NULL, NULL, p, NULL), ISMS_ECYCLE);
    assert_error(ISMS_ECYCLE, "cycle: A1 → A3 → A2 → A1 (");
    isms_plan_free(p);

    /* A group with two cycles: the shortest through its smallest id is named. */
    p = new_plan(2024);
    isms_action *q = add(p, "Q");
    isms_action *r = add(p, "R");
    isms_action *s = add(p, "S");
    prereq(q, "R");
    prereq(r, "S");
    prereq(r, "Q");
    prereq(s, "Q");
    assert_int_equal(isms_plan_prioritise(NULL, NULL, p, NULL), ISMS_ECYCLE);
    assert_error(ISMS_ECYCLE, "cycle: Q → R → Q (");
    isms_plan_free(p);

    /* Two separate cycles: the one whose first id sorts first, whatever the insertion
     * order. */
    for (int round = 0; round < 2; round++) {
        p = new_plan(2024);
        const char *const ids[] = { "M10", "M9", "N2", "N10" };
        for (int i = 0; i < 4; i++)
            add(p, ids[round ? 3 - i : i]);
        prereq(isms_plan_find(p, "N2"), "N10");
        prereq(isms_plan_find(p, "N10"), "N2");
        prereq(isms_plan_find(p, "M10"), "M9");
        prereq(isms_plan_find(p, "M9"), "M10");
        assert_int_equal(isms_plan_prioritise(NULL, NULL, p, NULL), ISMS_ECYCLE);
        assert_error(ISMS_ECYCLE, "cycle: M9 → M10 → M9 (");
        isms_plan_free(p);
    }

    /* A long cycle: K01 waits for K02 … K25 waits for K01. In doing order K01, K25, K24, …;
     * the message stops after 20 ids. */
    p = new_plan(2024);
    for (int i = 1; i <= 25; i++) {
        char id[8], next[8];
        snprintf(id, sizeof id, "K%02d", i);
        snprintf(next, sizeof next, "K%02d", i % 25 + 1);
        prereq(add(p, id), next);
    }
    assert_int_equal(isms_plan_prioritise(NULL, NULL, p, NULL), ISMS_ECYCLE);
    assert_error(ISMS_ECYCLE, "cycle: K01 → K25 → K24 → K23 → K22 → K21 → K20 → K19 → K18 → "
                              "K17 → K16 → K15 → K14 → K13 → K12 → K11 → K10 → K09 → K08 → "
                              "K07 → … (each");
    assert_null(strstr(isms_error_last()->message, "K06"));
    isms_plan_free(p);
}

static void test_failure_keeps_the_previous_scores(void **state)
{
    (void)state;
    isms_plan *p = plan_of(order_specs, N_SPECS, NULL);
    prioritise(p, NULL);
    double h1 = isms_action_score(isms_plan_find(p, "H1"));
    /* A cycle through C1 and B3; scoring with other weights fails: H1 keeps its score and
     * terms from before. */
    prereq(isms_plan_find(p, "C1"), "B3");
    prereq(isms_plan_find(p, "B3"), "C1");
    isms_priority w = isms_priority_default();
    w.base = 1;
    assert_int_equal(isms_plan_prioritise(NULL, NULL, p, &w), ISMS_ECYCLE);
    assert_error(ISMS_ECYCLE, "B3 → C1 → B3");
    isms_action *h = isms_plan_find(p, "H1");
    assert_double_equal(isms_action_score(h), h1, EPS);
    assert_term(h, 0, ISMS_TERM_BASE, "", 0.1, 0, 0);
    /* The changed ones stay unscored. */
    assert_true(isms_action_score(isms_plan_find(p, "C1")) < 0);
    isms_plan_free(p);
}

/* ---- lint ------------------------------------------------------------------------------- */

static const char *message_of(const isms_findings *list, const char *code, const char *ref)
{
    for (size_t i = 0; i < isms_findings_count(list); i++) {
        isms_finding f;
        assert_int_equal(isms_findings_get(&f, list, i), ISMS_OK);
        if (strcmp(f.code, code) == 0 && strcmp(f.ref, ref) == 0)
            return f.message;
    }
    fail_msg("no finding %s about %s", code, ref);
    return NULL;
}

static isms_severity severity_of(const isms_findings *list, const char *code)
{
    return note_at(list, code, 0).severity;
}

/* A plan with one action per finding, and OK, which gives none. */
static void lint_plan(fixture *f)
{
    fixture_init(f);
    isms_plan *p = f->plan;
    /* OK: a target, an owner, an effort, a due date in time, a done prerequisite. */
    isms_action *ok = add(p, "OK");
    target(ok, ISMS_TARGET_ANY, "R1");
    assert_int_equal(isms_action_set(ok, ISMS_ACTION_OWNER, "IT"), ISMS_OK);
    assert_int_equal(isms_action_set_effort(ok, 5), ISMS_OK);
    assert_int_equal(isms_action_set_expected_residual(ok, 2, 2), ISMS_OK);
    due(ok, "2024-12-31");
    prereq(ok, "DONE");
    isms_action *done = add(p, "DONE");
    assert_int_equal(isms_action_set_status(done, ISMS_ACTION_DONE), ISMS_OK);
    /* Missing prerequisite, and a prerequisite that is cancelled. */
    isms_action *m = add(p, "MISS");
    prereq(m, "GHOST");
    prereq(m, "STOP");
    isms_action *stop = add(p, "STOP");
    assert_int_equal(isms_action_set_status(stop, ISMS_ACTION_CANCELLED), ISMS_OK);
    /* A cycle. */
    prereq(add(p, "CY2"), "CY1");
    prereq(add(p, "CY1"), "CY2");
    /* Unknown targets of each kind; a bad expected residual. */
    isms_action *u = add(p, "UNK");
    target(u, ISMS_TARGET_RISK, "R99");
    target(u, ISMS_TARGET_REQUIREMENT, "8.1");
    target(u, ISMS_TARGET_ASSET, "NOPE");
    target(u, ISMS_TARGET_ANY, "ZZZ");
    target(u, ISMS_TARGET_RISK, "R1");
    target(u, ISMS_TARGET_RISK, "R2");
    assert_int_equal(isms_action_set_expected_residual(u, 5, 1), ISMS_OK);
    /* Overdue; unreadable due date. */
    due(add(p, "LATE"), "2024-01-31");
    due(add(p, "FOG"), "inför nästa verksamhetsplan");
    /* Done before its prerequisite. */
    isms_action *early = add(p, "EARLY");
    assert_int_equal(isms_action_set_status(early, ISMS_ACTION_DONE), ISMS_OK);
    prereq(early, "OK");
}

static void test_lint_codes_in_english(void **state)
{
    (void)state;
    fixture f;
    lint_plan(&f);
    isms_findings *notes = new_notes(ISMS_LANG_EN);
    /* Look-ups that find nothing are findings, not errors: a lint that succeeds leaves the
     * thread's last error alone. */
    isms_error_clear();
    assert_int_equal(isms_plan_lint(notes, f.plan, (isms_date){ 2024, 2, 20 }), ISMS_OK);
    assert_int_equal(isms_error_last()->code, ISMS_OK);
    /* OK, DONE and STOP give nothing. */
    for (size_t i = 0; i < isms_findings_count(notes); i++) {
        isms_finding n;
        assert_int_equal(isms_findings_get(&n, notes, i), ISMS_OK);
        if (!strcmp(n.ref, "OK") || !strcmp(n.ref, "DONE") || !strcmp(n.ref, "STOP"))
            fail_msg("finding %s about %s: %s", n.code, n.ref, n.message);
    }
    assert_string_equal(message_of(notes, "plan-missing-prerequisite", "MISS"),
                        "Action MISS waits for GHOST, which does not exist");
    assert_int_equal(severity_of(notes, "plan-missing-prerequisite"), ISMS_SEVERITY_ERROR);
    assert_string_equal(message_of(notes, "plan-prerequisite-cancelled", "MISS"),
                        "Action MISS waits for STOP, which is cancelled");
    assert_int_equal(severity_of(notes, "plan-prerequisite-cancelled"), ISMS_SEVERITY_WARNING);
    assert_string_equal(message_of(notes, "plan-cycle", "CY1"),
                        "Prerequisites form a cycle: CY1 → CY2 → CY1 (each must come before "
                        "the next)");
    assert_int_equal(count_notes(notes, "plan-cycle", NULL), 1);
    assert_int_equal(severity_of(notes, "plan-cycle"), ISMS_SEVERITY_ERROR);
    assert_int_equal(count_notes(notes, "plan-unknown-target", "UNK"), 4);
    assert_string_equal(note_at(notes, "plan-unknown-target", 0).message,
                        "Risk R99 is not in the risk register");
    assert_string_equal(note_at(notes, "plan-unknown-target", 1).message,
                        "Requirement 8.1 is not in the gap analysis");
    assert_string_equal(note_at(notes, "plan-unknown-target", 2).message,
                        "Asset NOPE is not in the asset inventory");
    assert_string_equal(note_at(notes, "plan-unknown-target", 3).message,
                        "ZZZ is not in the risk register, the gap analysis or the asset "
                        "inventory");
    assert_int_equal(severity_of(notes, "plan-unknown-target"), ISMS_SEVERITY_ERROR);
    assert_int_equal(count_notes(notes, "plan-bad-residual", NULL), 1); /* once per action */
    assert_string_equal(message_of(notes, "plan-bad-residual", "UNK"),
                        "Expected residual risk (likelihood 5, consequence 1) is outside the "
                        "matrix of risk R1 (likelihood 1–4, consequence 1–4)");
    assert_int_equal(severity_of(notes, "plan-bad-residual"), ISMS_SEVERITY_ERROR);
    assert_string_equal(message_of(notes, "plan-addresses-nothing", "LATE"),
                        "Action LATE addresses no risk, requirement or asset");
    assert_int_equal(severity_of(notes, "plan-addresses-nothing"), ISMS_SEVERITY_WARNING);
    assert_string_equal(message_of(notes, "plan-overdue", "LATE"),
                        "The action was due 2024-01-31 and is overdue by 20 days");
    assert_int_equal(severity_of(notes, "plan-overdue"), ISMS_SEVERITY_WARNING);
    assert_string_equal(message_of(notes, "plan-unreadable-due", "FOG"),
                        "The due date \"inför nästa verksamhetsplan\" has no readable date");
    assert_int_equal(severity_of(notes, "plan-unreadable-due"), ISMS_SEVERITY_WARNING);
    assert_string_equal(message_of(notes, "plan-no-owner", "LATE"), "Action LATE has no owner");
    assert_int_equal(severity_of(notes, "plan-no-owner"), ISMS_SEVERITY_INFO);
    assert_string_equal(message_of(notes, "plan-no-effort", "LATE"),
                        "The effort of action LATE has not been estimated");
    assert_int_equal(severity_of(notes, "plan-no-effort"), ISMS_SEVERITY_INFO);
    assert_string_equal(message_of(notes, "plan-done-before-prerequisite", "EARLY"),
                        "Action EARLY is done but waits for OK, which is not done (Proposed)");
    assert_int_equal(severity_of(notes, "plan-done-before-prerequisite"),
                     ISMS_SEVERITY_WARNING);
    /* Done and cancelled actions get no findings of open ones. */
    assert_int_equal(count_notes(notes, "plan-addresses-nothing", "EARLY"), 0);
    assert_int_equal(count_notes(notes, "plan-no-owner", "DONE"), 0);
    /* In the order of the actions: MISS before CY1 before UNK before LATE before EARLY. */
    size_t at_miss = SIZE_MAX, at_cycle = SIZE_MAX, at_unk = SIZE_MAX, at_late = SIZE_MAX,
           at_early = SIZE_MAX;
    for (size_t i = 0; i < isms_findings_count(notes); i++) {
        isms_finding n;
        assert_int_equal(isms_findings_get(&n, notes, i), ISMS_OK);
        size_t *slot = !strcmp(n.ref, "MISS")    ? &at_miss
                       : !strcmp(n.ref, "CY1")   ? &at_cycle
                       : !strcmp(n.ref, "UNK")   ? &at_unk
                       : !strcmp(n.ref, "LATE")  ? &at_late
                       : !strcmp(n.ref, "EARLY") ? &at_early
                                                 : NULL;
        if (slot && *slot == SIZE_MAX)
            *slot = i;
    }
    assert_true(at_miss < at_cycle && at_cycle < at_unk && at_unk < at_late &&
                at_late < at_early);
    /* Without a reference date no action is overdue. */
    isms_findings_clear(notes);
    assert_int_equal(isms_plan_lint(notes, f.plan, (isms_date){ 0, 0, 0 }), ISMS_OK);
    assert_int_equal(count_notes(notes, "plan-overdue", NULL), 0);
    assert_int_equal(count_notes(notes, "plan-no-owner", "LATE"), 1);
    /* Bad arguments. */
    assert_int_equal(isms_plan_lint(notes, f.plan, (isms_date){ 2024, 13, 1 }), ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "2024-13-01");
    assert_int_equal(isms_plan_lint(NULL, f.plan, (isms_date){ 0, 0, 0 }), ISMS_EINVAL);
    assert_int_equal(isms_plan_lint(notes, NULL, (isms_date){ 0, 0, 0 }), ISMS_EINVAL);
    isms_findings_free(notes);
    fixture_free(&f);
}

static void test_lint_codes_in_swedish(void **state)
{
    (void)state;
    fixture f;
    lint_plan(&f);
    isms_findings *notes = new_notes(ISMS_LANG_SV);
    assert_int_equal(isms_plan_lint(notes, f.plan, (isms_date){ 2024, 2, 20 }), ISMS_OK);
    assert_string_equal(message_of(notes, "plan-missing-prerequisite", "MISS"),
                        "Åtgärden MISS väntar på GHOST, som inte finns");
    assert_string_equal(message_of(notes, "plan-prerequisite-cancelled", "MISS"),
                        "Åtgärden MISS väntar på STOP, som är avbruten");
    assert_string_equal(message_of(notes, "plan-cycle", "CY1"),
                        "Åtgärderna väntar på varandra i en cirkel: CY1 → CY2 → CY1 (var och "
                        "en ska göras före nästa)");
    assert_string_equal(note_at(notes, "plan-unknown-target", 0).message,
                        "Risken R99 finns inte i riskregistret");
    assert_string_equal(note_at(notes, "plan-unknown-target", 1).message,
                        "Kravet 8.1 finns inte i nulägesanalysen");
    assert_string_equal(note_at(notes, "plan-unknown-target", 2).message,
                        "Tillgången NOPE finns inte i tillgångsförteckningen");
    assert_string_equal(note_at(notes, "plan-unknown-target", 3).message,
                        "ZZZ finns inte i riskregistret, nulägesanalysen eller "
                        "tillgångsförteckningen");
    assert_string_equal(message_of(notes, "plan-bad-residual", "UNK"),
                        "Förväntad restrisk (sannolikhet 5, konsekvens 1) ligger utanför "
                        "matrisen för risken R1 (sannolikhet 1–4, konsekvens 1–4)");
    assert_string_equal(message_of(notes, "plan-addresses-nothing", "LATE"),
                        "Åtgärden LATE gäller ingen risk, inget krav och ingen tillgång");
    assert_string_equal(message_of(notes, "plan-overdue", "LATE"),
                        "Åtgärden skulle vara klar senast 2024-01-31 och är försenad med 20 "
                        "dagar");
    assert_string_equal(message_of(notes, "plan-unreadable-due", "FOG"),
                        "Datumet \"inför nästa verksamhetsplan\" går inte att läsa som ett "
                        "datum");
    assert_string_equal(message_of(notes, "plan-no-owner", "LATE"),
                        "Åtgärden LATE har ingen ansvarig");
    assert_string_equal(message_of(notes, "plan-no-effort", "LATE"),
                        "Insatsen för åtgärden LATE är inte uppskattad");
    assert_string_equal(message_of(notes, "plan-done-before-prerequisite", "EARLY"),
                        "Åtgärden EARLY är klar men den ska föregås av OK, som inte är klar "
                        "(Föreslagen)");
    isms_findings_free(notes);
    fixture_free(&f);
}

static void test_lint_checks_only_the_sources_that_are_set(void **state)
{
    (void)state;
    fixture f;
    lint_plan(&f);
    /* Only the register: unknown requirements and assets are not checked, and an id of any
     * kind is looked for in the register alone. */
    assert_int_equal(isms_plan_set_sources(f.plan, f.reg, NULL, NULL), ISMS_OK);
    isms_findings *notes = new_notes(ISMS_LANG_EN);
    assert_int_equal(isms_plan_lint(notes, f.plan, (isms_date){ 0, 0, 0 }), ISMS_OK);
    assert_int_equal(count_notes(notes, "plan-unknown-target", "UNK"), 2);
    assert_string_equal(note_at(notes, "plan-unknown-target", 1).message,
                        "ZZZ is not in the risk register");
    /* No sources: no target is unknown, and no expected residual can be checked. */
    assert_int_equal(isms_plan_set_sources(f.plan, NULL, NULL, NULL), ISMS_OK);
    isms_findings_clear(notes);
    assert_int_equal(isms_plan_lint(notes, f.plan, (isms_date){ 0, 0, 0 }), ISMS_OK);
    assert_int_equal(count_notes(notes, "plan-unknown-target", NULL), 0);
    assert_int_equal(count_notes(notes, "plan-bad-residual", NULL), 0);
    /* A clean plan gives nothing at all. */
    isms_plan *p = new_plan(2024);
    isms_action *a = add(p, "A1");
    target(a, ISMS_TARGET_ANY, "anything");
    assert_int_equal(isms_action_set(a, ISMS_ACTION_OWNER, "IT"), ISMS_OK);
    assert_int_equal(isms_action_set_effort_size(a, ISMS_EFFORT_M), ISMS_OK);
    due(a, "Q1 2024");
    isms_findings_clear(notes);
    assert_int_equal(isms_plan_lint(notes, p, (isms_date){ 2024, 3, 31 }), ISMS_OK);
    assert_int_equal(isms_findings_count(notes), 0);
    /* A day later it is overdue; the message gives the period and its last day. */
    assert_int_equal(isms_plan_lint(notes, p, (isms_date){ 2024, 4, 1 }), ISMS_OK);
    assert_int_equal(isms_findings_count(notes), 1);
    assert_string_equal(message_of(notes, "plan-overdue", "A1"),
                        "The action was due Q1 2024 (2024-03-31) and is overdue by 1 day");
    isms_plan_free(p);
    isms_findings_free(notes);
    fixture_free(&f);
}

static void test_lint_names_each_cycle_once(void **state)
{
    (void)state;
    isms_plan *p = new_plan(2024);
    /* Two cycles (M9 ↔ M10, and N1 → N3 → N2 → N1 with N1 ↔ N2 inside the same group) and an
     * action waiting for one of them. */
    prereq(add(p, "M10"), "M9");
    prereq(add(p, "M9"), "M10");
    isms_action *n1 = add(p, "N1");
    prereq(n1, "N3");
    prereq(add(p, "N3"), "N2");
    isms_action *n2 = add(p, "N2");
    prereq(n2, "N1");
    prereq(n1, "N2");
    prereq(add(p, "W"), "M10");
    isms_findings *notes = new_notes(ISMS_LANG_EN);
    assert_int_equal(isms_plan_lint(notes, p, (isms_date){ 0, 0, 0 }), ISMS_OK);
    assert_int_equal(count_notes(notes, "plan-cycle", NULL), 2);
    assert_string_equal(message_of(notes, "plan-cycle", "M9"),
                        "Prerequisites form a cycle: M9 → M10 → M9 (each must come before the "
                        "next)");
    /* N1 waits for N3 and N2; the shortest way back is N1 ↔ N2. */
    assert_string_equal(message_of(notes, "plan-cycle", "N1"),
                        "Prerequisites form a cycle: N1 → N2 → N1 (each must come before the "
                        "next)");
    assert_int_equal(count_notes(notes, "plan-cycle", "W"), 0);
    isms_findings_free(notes);
    isms_plan_free(p);
}

/* ---- allocation failure ----------------------------------------------------------------- */

/* Scores of every action, to compare after a failure. */
static void scores_of(double *out, const isms_plan *p)
{
    for (size_t i = 0; i < isms_plan_count(p); i++)
        out[i] = isms_action_score(isms_plan_at(p, i));
}

static void assert_scores(const double *expect, const isms_plan *p)
{
    for (size_t i = 0; i < isms_plan_count(p); i++)
        assert_double_equal(isms_action_score(isms_plan_at(p, i)), expect[i], 0);
}

static void test_alloc_failure_prioritise(void **state)
{
    (void)state;
    fixture f;
    lint_plan(&f);
    /* Mend what would make the order fail. */
    isms_action_clear_prerequisites(isms_plan_find(f.plan, "MISS"));
    isms_action_clear_prerequisites(isms_plan_find(f.plan, "CY1"));
    isms_priority w = weights_at(2024, 2, 20);
    prioritise(f.plan, &w);
    double before[16];
    assert_true(isms_plan_count(f.plan) <= 16);
    scores_of(before, f.plan);
    w.base = 1; /* every score changes */
    isms_action **v = (isms_action **)(uintptr_t)0x1;
    size_t n = 42;
    SWEEP(isms_plan_prioritise(&v, &n, f.plan, &w), {
        assert_ptr_equal(v, (isms_action **)(uintptr_t)0x1);
        assert_int_equal(n, 42);
        assert_scores(before, f.plan);
    });
    /* Open: OK, MISS, CY2, CY1, UNK, LATE, FOG; the same order as a call without failures. */
    assert_int_equal(n, 7);
    isms_action **again = NULL;
    size_t n_again = 0;
    assert_int_equal(isms_plan_prioritise(&again, &n_again, f.plan, &w), ISMS_OK);
    assert_int_equal(n_again, n);
    assert_memory_equal(v, again, n * sizeof *v);
    isms_free(v);
    isms_free(again);
    /* Base 1, 20 days late (2.5), unknown effort (1). */
    assert_double_equal(isms_action_score(isms_plan_find(f.plan, "LATE")), 2.5, 1e-9);
    /* Scoring only. */
    scores_of(before, f.plan);
    SWEEP(isms_plan_prioritise(NULL, NULL, f.plan, NULL), assert_scores(before, f.plan));
    assert_double_equal(isms_action_score(isms_plan_find(f.plan, "LATE")), 0.1, 1e-9);
    /* Failures on the way to a cycle's message leave the scores too. */
    prereq(isms_plan_find(f.plan, "CY1"), "CY2");
    scores_of(before, f.plan);
    for (long k = 1;; k++) {
        isms__alloc_fail_at(k);
        int rc = isms_plan_prioritise(NULL, NULL, f.plan, &w);
        bool failed = isms__alloc_failed();
        isms__alloc_fail_at(0);
        assert_scores(before, f.plan);
        if (!failed) {
            assert_int_equal(rc, ISMS_ECYCLE);
            assert_error(ISMS_ECYCLE, "CY1 → CY2 → CY1");
            break;
        }
        assert_int_equal(rc, ISMS_ENOMEM);
        assert_true(k < 1000);
    }
    fixture_free(&f);
}

static void test_alloc_failure_explain_and_lint(void **state)
{
    (void)state;
    fixture f;
    lint_plan(&f);
    isms_action *ok = isms_plan_find(f.plan, "OK");
    isms_action_clear_prerequisites(isms_plan_find(f.plan, "MISS"));
    isms_action_clear_prerequisites(isms_plan_find(f.plan, "CY1"));
    prioritise(f.plan, NULL);
    for (int lang = 0; lang < 2; lang++) {
        char *text = (char *)(uintptr_t)0x1;
        SWEEP(isms_action_explain(&text, ok, (isms_lang)lang),
              assert_ptr_equal(text, (char *)(uintptr_t)0x1));
        expect_in(text, lang ? "score " : "poäng ");
        isms_free(text);
    }
    prereq(isms_plan_find(f.plan, "CY1"), "CY2");
    prereq(isms_plan_find(f.plan, "MISS"), "GHOST");
    for (int lang = 0; lang < 2; lang++) {
        isms_findings *notes = notes_with_earlier((isms_lang)lang);
        SWEEP(isms_plan_lint(notes, f.plan, (isms_date){ 2024, 2, 20 }),
              assert_only_earlier(notes));
        assert_int_equal(count_notes(notes, "plan-cycle", "CY1"), 1);
        assert_int_equal(count_notes(notes, "plan-missing-prerequisite", "MISS"), 1);
        assert_int_equal(count_notes(notes, "plan-overdue", "LATE"), 1);
        isms_findings_free(notes);
    }
    fixture_free(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_default_weights),
        cmocka_unit_test(test_bad_weights_are_refused_naming_the_weight),
        cmocka_unit_test(test_score_of_risk_requirement_and_asset),
        cmocka_unit_test(test_risk_terms),
        cmocka_unit_test(test_risk_terms_of_risks_with_vectors),
        cmocka_unit_test(test_requirement_terms),
        cmocka_unit_test(test_asset_terms_need_a_classified_inventory),
        cmocka_unit_test(test_targets_resolve_by_kind_and_unknown_ones_add_nothing),
        cmocka_unit_test(test_urgency_before_and_after_the_due_date),
        cmocka_unit_test(test_effort_divides_by_its_root),
        cmocka_unit_test(test_root_keeps_big_work_on_critical_risks_ahead),
        cmocka_unit_test(test_done_and_cancelled_get_no_score),
        cmocka_unit_test(test_explain_in_both_languages),
        cmocka_unit_test(test_order_prerequisites_then_score_due_and_id),
        cmocka_unit_test(test_order_does_not_depend_on_insertion_order),
        cmocka_unit_test(test_order_ties_by_natural_id),
        cmocka_unit_test(test_order_of_random_ids_follows_natcmp),
        cmocka_unit_test(test_order_of_random_plans_matches_a_plain_kahn),
        cmocka_unit_test(test_cycle_in_a_large_plan),
        cmocka_unit_test(test_empty_plan_and_plans_without_open_actions),
        cmocka_unit_test(test_missing_prerequisite),
        cmocka_unit_test(test_cycles),
        cmocka_unit_test(test_failure_keeps_the_previous_scores),
        cmocka_unit_test(test_lint_codes_in_english),
        cmocka_unit_test(test_lint_codes_in_swedish),
        cmocka_unit_test(test_lint_checks_only_the_sources_that_are_set),
        cmocka_unit_test(test_lint_names_each_cycle_once),
        cmocka_unit_test(test_prerequisites_resolved_early_and_after_removals),
        cmocka_unit_test(test_alloc_failure_prioritise),
        cmocka_unit_test(test_alloc_failure_explain_and_lint),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
