/* Fixtures that the plan's tests share (test-plan.c, test-plan-order.c, test-plan-schedule.c):
 * plans, actions and sources made with every call checked, failing the test with the
 * library's message when one does not work. Include after <cmocka.h>, "internal.h" and
 * "test-util.h". */
#ifndef ISMS_PLAN_FIXTURES_H
#define ISMS_PLAN_FIXTURES_H

/* An empty plan for `year`. */
static inline isms_plan *new_plan(int year)
{
    isms_plan *p = NULL;
    assert_int_equal(isms_plan_new(&p, year), ISMS_OK);
    assert_non_null(p);
    return p;
}

/* Adds the action `id` with a title (NULL: none). */
static inline isms_action *add_action(isms_plan *p, const char *id, const char *title)
{
    isms_action *a = NULL;
    if (isms_plan_add(&a, p, id, title) != ISMS_OK)
        fail_msg("add %s: %s", id, isms_error_last()->message);
    assert_non_null(a);
    return a;
}

/* Makes `id` a prerequisite of the action. */
static inline void prereq(isms_action *a, const char *id)
{
    if (isms_action_add_prerequisite(a, id) != ISMS_OK)
        fail_msg("prerequisite %s: %s", id, isms_error_last()->message);
}

/* An empty register on the "4x4" matrix (value = likelihood × consequence, 1–16, acceptance
 * 3; normalised (value − 1) / 15). */
static inline isms_register *register_4x4(void)
{
    isms_matrix *m = NULL;
    assert_int_equal(isms_matrix_preset(&m, "4x4"), ISMS_OK);
    isms_register *reg = NULL;
    assert_int_equal(isms_register_new(&reg, m), ISMS_OK);
    isms_matrix_free(m);
    return reg;
}

/* An empty assessment of ISO/IEC 27001:2022, clauses and Annex A, for `year`. */
static inline isms_assessment *assessment_2022(int year)
{
    isms_assessment *as = NULL;
    assert_int_equal(isms_assessment_new(&as, ISMS_EDITION_2022, year, ISMS_SCOPE_BOTH),
                     ISMS_OK);
    return as;
}

/* Adds the requirement `ref` to the assessment with a status. */
static inline isms_entry *add_entry(isms_assessment *as, const char *ref, isms_status status)
{
    isms_entry *e = NULL;
    if (isms_assessment_add(&e, as, ref) != ISMS_OK)
        fail_msg("add %s: %s", ref, isms_error_last()->message);
    assert_int_equal(isms_entry_set_status(e, status), ISMS_OK);
    return e;
}

#endif
