/* Unit tests of schedules: capacity per period and per owner, prerequisites (same period or
 * strictly later), actions in progress, recurrence in years, tertials, quarters and months,
 * due dates, actions too large or beyond the horizon, over-capacity findings, validation,
 * random plans checked for their invariants and for independence of insertion order, and
 * allocation failure. */
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

#include "test-util.h"
#include "plan-fixtures.h"

/* ---- helpers ------------------------------------------------------------------------------ */

/* An action with an effort (negative: unknown), an owner and a due text (NULL: none). */
static isms_action *act(isms_plan *p, const char *id, double effort, const char *owner,
                        const char *due)
{
    isms_action *a = add_action(p, id, id);
    assert_int_equal(isms_action_set_effort(a, effort), ISMS_OK);
    if (owner)
        assert_int_equal(isms_action_set(a, ISMS_ACTION_OWNER, owner), ISMS_OK);
    if (due)
        assert_int_equal(isms_action_set(a, ISMS_ACTION_DUE, due), ISMS_OK);
    return a;
}

static void recur(isms_action *a, isms_recurrence r)
{
    assert_int_equal(isms_action_set_recurrence(a, r), ISMS_OK);
}

static void status(isms_action *a, isms_action_status s)
{
    assert_int_equal(isms_action_set_status(a, s), ISMS_OK);
}

/* Options from 2024-01-01 in which every action scores alike (w_effort 0, no reference date),
 * so that the priority order is prerequisites first, then earlier due date, then id. */
static isms_schedule_options opts(isms_period_kind unit, size_t periods, double capacity)
{
    isms_schedule_options o = isms_schedule_options_default();
    o.start = (isms_date){ 2024, 1, 1 };
    o.unit = unit;
    o.periods = periods;
    o.capacity = capacity;
    o.priority.effort = 0.0;
    o.lang = ISMS_LANG_EN;
    return o;
}

static isms_schedule *sched(isms_plan *p, const isms_schedule_options *o)
{
    isms_schedule *s = NULL;
    int rc = isms_plan_schedule(&s, p, o);
    if (rc)
        fail_msg("isms_plan_schedule: %d %s", rc, isms_error_last()->message);
    assert_non_null(s);
    return s;
}

/* The ids of a period's items, separated by spaces; recurring ones as "id×occurrences". */
static const char *items(char *buf, size_t size, const isms_schedule *s, size_t period)
{
    buf[0] = '\0';
    size_t len = 0;
    for (size_t i = 0; i < isms_schedule_count(s, period); i++) {
        isms_slot slot;
        assert_int_equal(isms_schedule_item(&slot, s, period, i), ISMS_OK);
        int k = slot.recurring ? snprintf(buf + len, size - len, "%s%s×%u", i ? " " : "",
                                          isms_action_id(slot.action), slot.occurrences)
                               : snprintf(buf + len, size - len, "%s%s", i ? " " : "",
                                          isms_action_id(slot.action));
        assert_true(k > 0 && (size_t)k < size - len);
        len += (size_t)k;
    }
    return buf;
}

#define assert_items(s, period, expected)                                                    \
    do {                                                                                     \
        char buf_[512];                                                                      \
        assert_string_equal(items(buf_, sizeof buf_, (s), (period)), (expected));            \
    } while (0)

/* The unscheduled ids, separated by spaces. */
static const char *unscheduled(char *buf, size_t size, const isms_schedule *s)
{
    buf[0] = '\0';
    size_t len = 0;
    for (size_t i = 0; i < isms_schedule_unscheduled_count(s); i++) {
        const isms_action *a = isms_schedule_unscheduled(s, i);
        assert_non_null(a);
        int k = snprintf(buf + len, size - len, "%s%s", i ? " " : "", isms_action_id(a));
        assert_true(k > 0 && (size_t)k < size - len);
        len += (size_t)k;
    }
    return buf;
}

#define assert_unscheduled(s, expected)                                                      \
    do {                                                                                     \
        char buf_[512];                                                                      \
        assert_string_equal(unscheduled(buf_, sizeof buf_, (s)), (expected));                \
    } while (0)

/* The slot of `id` in a period (fails when there is none). */
static isms_slot slot_of(const isms_schedule *s, size_t period, const char *id)
{
    for (size_t i = 0; i < isms_schedule_count(s, period); i++) {
        isms_slot slot;
        assert_int_equal(isms_schedule_item(&slot, s, period, i), ISMS_OK);
        if (strcmp(isms_action_id(slot.action), id) == 0)
            return slot;
    }
    fail_msg("%s is not in period %zu", id, period);
    isms_slot none = { NULL, 0.0, 0, false, false };
    return none;
}

static size_t notes(const isms_schedule *s, const char *code, const char *ref)
{
    return count_notes(isms_schedule_findings(s), code, ref);
}

static const char *message(const isms_schedule *s, const char *code, size_t k)
{
    return note_at(isms_schedule_findings(s), code, k).message;
}

/* The schedule's own findings (not those of lint). */
static size_t own_notes(const isms_schedule *s)
{
    static const char *const codes[] = { "plan-due-missed", "plan-over-capacity",
                                         "plan-owner-over-capacity", "plan-beyond-horizon",
                                         "plan-too-large" };
    size_t n = 0;
    for (size_t i = 0; i < sizeof codes / sizeof *codes; i++)
        n += notes(s, codes[i], NULL);
    return n;
}

/* ---- options and accessors ---------------------------------------------------------------- */

static void test_options_default(void **state)
{
    (void)state;
    isms_schedule_options o = isms_schedule_options_default();
    assert_int_equal(o.start.year, 0);
    assert_int_equal(o.start.month, 0);
    assert_int_equal(o.start.day, 0);
    assert_int_equal(o.unit, ISMS_PERIOD_YEAR);
    assert_int_equal(o.periods, 3);
    assert_true(o.capacity == 0.0);
    assert_null(o.capacities);
    assert_null(o.owners);
    assert_null(o.owner_capacity);
    assert_int_equal(o.owner_count, 0);
    assert_false(o.strict);
    assert_int_equal(o.lang, ISMS_LANG_SV);
    isms_priority w = isms_priority_default();
    assert_memory_equal(&o.priority, &w, sizeof w);
}

static void test_periods_and_accessors(void **state)
{
    (void)state;
    isms_plan *p = new_plan(2024);
    act(p, "A1", 10, NULL, NULL);
    isms_schedule_options o = opts(ISMS_PERIOD_QUARTER, 5, 40);
    o.start = (isms_date){ 2024, 8, 15 }; /* a day in Q3 2024 */
    isms_schedule *s = sched(p, &o);
    assert_int_equal(isms_schedule_period_count(s), 5);
    static const char *const names[5] = { "Q3 2024", "Q4 2024", "Q1 2025", "Q2 2025",
                                          "Q3 2025" };
    for (size_t i = 0; i < 5; i++) {
        isms_period per;
        char buf[16];
        assert_int_equal(isms_schedule_period(&per, s, i), ISMS_OK);
        assert_int_equal(per.kind, ISMS_PERIOD_QUARTER);
        assert_int_equal(isms_period_format(buf, sizeof buf, &per), ISMS_OK);
        assert_string_equal(buf, names[i]);
        assert_true(isms_schedule_capacity(s, i) == 40.0);
    }
    isms_period per;
    assert_int_equal(isms_schedule_period(&per, s, 0), ISMS_OK);
    assert_int_equal(per.start.month, 7);
    assert_int_equal(per.start.day, 1);
    assert_int_equal(per.end.month, 9);
    assert_int_equal(per.end.day, 30);

    assert_items(s, 0, "A1");
    assert_true(isms_schedule_load(s, 0) == 10.0);
    assert_true(isms_schedule_load(s, 1) == 0.0);
    isms_slot slot;
    assert_int_equal(isms_schedule_item(&slot, s, 0, 0), ISMS_OK);
    assert_string_equal(isms_action_id(slot.action), "A1");
    assert_true(slot.effort == 10.0);
    assert_int_equal(slot.occurrences, 1);
    assert_false(slot.recurring);
    assert_false(slot.late);

    /* out of range and NULL */
    assert_int_equal(isms_schedule_period(&per, s, 5), ISMS_ERANGE);
    assert_error(ISMS_ERANGE, "period 5");
    assert_int_equal(isms_schedule_period(NULL, s, 0), ISMS_EINVAL);
    assert_int_equal(isms_schedule_period(&per, NULL, 0), ISMS_EINVAL);
    assert_int_equal(isms_schedule_item(&slot, s, 0, 1), ISMS_ERANGE);
    assert_error(ISMS_ERANGE, "item 1");
    assert_int_equal(isms_schedule_item(&slot, s, 5, 0), ISMS_ERANGE);
    assert_int_equal(isms_schedule_item(NULL, s, 0, 0), ISMS_EINVAL);
    assert_int_equal(isms_schedule_item(&slot, NULL, 0, 0), ISMS_EINVAL);
    assert_int_equal(isms_schedule_count(s, 5), 0);
    assert_int_equal(isms_schedule_count(NULL, 0), 0);
    assert_true(isms_schedule_capacity(s, 5) == 0.0);
    assert_true(isms_schedule_capacity(NULL, 0) == 0.0);
    assert_true(isms_schedule_load(s, 5) == 0.0);
    assert_true(isms_schedule_load(NULL, 0) == 0.0);
    assert_int_equal(isms_schedule_period_count(NULL), 0);
    assert_int_equal(isms_schedule_unscheduled_count(s), 0);
    assert_int_equal(isms_schedule_unscheduled_count(NULL), 0);
    assert_null(isms_schedule_unscheduled(s, 0));
    assert_null(isms_schedule_unscheduled(NULL, 0));
    assert_non_null(isms_schedule_findings(s));
    assert_null(isms_schedule_findings(NULL));
    isms_schedule_free(s);
    isms_schedule_free(NULL);
    isms_plan_free(p);
}

static void test_empty_plan(void **state)
{
    (void)state;
    isms_plan *p = new_plan(2024);
    isms_schedule_options o = opts(ISMS_PERIOD_MONTH, 12, 0);
    isms_schedule *s = sched(p, &o);
    assert_int_equal(isms_schedule_period_count(s), 12);
    for (size_t i = 0; i < 12; i++)
        assert_int_equal(isms_schedule_count(s, i), 0);
    assert_int_equal(isms_schedule_unscheduled_count(s), 0);
    assert_int_equal(isms_findings_count(isms_schedule_findings(s)), 0);
    isms_schedule_free(s);
    isms_plan_free(p);
}

/* ---- capacity ----------------------------------------------------------------------------- */

static void test_capacity_pushes_later(void **state)
{
    (void)state;
    isms_plan *p = new_plan(2024);
    act(p, "A4", 50, NULL, NULL); /* added first, ranked last: ids decide */
    act(p, "A2", 60, NULL, NULL);
    act(p, "A1", 60, NULL, NULL);
    act(p, "A3", 30, NULL, NULL);
    isms_schedule_options o = opts(ISMS_PERIOD_YEAR, 3, 100);
    isms_schedule *s = sched(p, &o);
    /* A1 60 → 2024; A2: 120 > 100 → 2025; A3: 90 → 2024; A4: 140 in 2024, 110 in 2025 → 2026 */
    assert_items(s, 0, "A1 A3");
    assert_items(s, 1, "A2");
    assert_items(s, 2, "A4");
    assert_true(isms_schedule_load(s, 0) == 90.0);
    assert_true(isms_schedule_load(s, 1) == 60.0);
    assert_true(isms_schedule_load(s, 2) == 50.0);
    assert_int_equal(isms_schedule_unscheduled_count(s), 0);
    assert_int_equal(own_notes(s), 0);
    isms_schedule_free(s);

    /* Unlimited: everything in the first period. */
    o.capacity = 0;
    s = sched(p, &o);
    assert_items(s, 0, "A1 A2 A3 A4");
    assert_true(isms_schedule_load(s, 0) == 200.0);
    assert_true(isms_schedule_capacity(s, 0) == 0.0);
    isms_schedule_free(s);

    /* Exactly full is full, not over. */
    o.capacity = 60;
    s = sched(p, &o);
    assert_items(s, 0, "A1");
    assert_items(s, 1, "A2");
    assert_items(s, 2, "A3");
    assert_unscheduled(s, "A4");
    isms_schedule_free(s);
    isms_plan_free(p);
}

static void test_unknown_effort_counts_zero(void **state)
{
    (void)state;
    isms_plan *p = new_plan(2024);
    act(p, "A1", 10, NULL, NULL);
    act(p, "A2", -1, NULL, NULL); /* unknown */
    act(p, "A3", 0, NULL, NULL);
    isms_schedule_options o = opts(ISMS_PERIOD_YEAR, 2, 10);
    isms_schedule *s = sched(p, &o);
    assert_items(s, 0, "A1 A2 A3");
    assert_true(isms_schedule_load(s, 0) == 10.0);
    assert_true(slot_of(s, 0, "A2").effort == 0.0);
    isms_schedule_free(s);
    isms_plan_free(p);
}

/* Owners given to isms_plan_schedule() must be UTF-8, as every text the API takes; a
 * message never quotes the bad bytes. */
static void test_owner_not_utf8(void **state)
{
    (void)state;
    isms_plan *p = new_plan(2024);
    act(p, "A1", 40, "\xc3\xbf", NULL); /* ÿ, which the byte 0xFF would match as Latin-1 */
    const char *const owners[] = { "IT", "\xff" };
    const double caps[] = { 50, 50 };
    isms_schedule_options o = opts(ISMS_PERIOD_YEAR, 3, 0);
    o.owners = owners;
    o.owner_capacity = caps;
    o.owner_count = 2;
    isms_schedule *s = (isms_schedule *)&o;
    assert_int_equal(isms_plan_schedule(&s, p, &o), ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "options.owners[1]: not UTF-8 at byte 1 (0xFF)");
    assert_ptr_equal(s, (isms_schedule *)&o);
    isms_plan_free(p);
}

static void test_owner_capacity(void **state)
{
    (void)state;
    isms_plan *p = new_plan(2024);
    act(p, "A1", 40, "IT", NULL);
    act(p, "A2", 30, " it ", NULL); /* the same owner, as the parsers compare text */
    act(p, "A3", 100, "HR", NULL);
    act(p, "A4", 500, NULL, NULL);
    act(p, "A5", 10, "IT", NULL);
    act(p, "A6", 45, "Ekonomi", NULL);
    const char *const owners[] = { "IT", "Ekonomi", "HR" };
    const double caps[] = { 50, 50, 0 }; /* HR: unlimited */
    isms_schedule_options o = opts(ISMS_PERIOD_YEAR, 3, 0);
    o.owners = owners;
    o.owner_capacity = caps;
    o.owner_count = 3;
    isms_schedule *s = sched(p, &o);
    /* IT: A1 40 → 2024; A2 +30 > 50 → 2025; A5 +10 = 50 → 2024 */
    assert_items(s, 0, "A1 A3 A4 A5 A6");
    assert_items(s, 1, "A2");
    assert_items(s, 2, "");
    assert_true(isms_schedule_load(s, 0) == 695.0);
    isms_schedule_free(s);

    /* With a total capacity as well: 2024 holds at most 120. */
    o.capacity = 120;
    act(p, "A7", 60, "HR", NULL);
    s = sched(p, &o);
    /* A1 40 (40), A2 → 2025 (IT), A3 100 → 2024 is 140 > 120 → 2025 (30+100 > 120) → 2026,
     * A4 500 > 120: too large; A5 10 → 2024 (50); A6 45 → 2024 (95); A7 60 → 2025 (90) */
    assert_items(s, 0, "A1 A5 A6");
    assert_items(s, 1, "A2 A7");
    assert_items(s, 2, "A3");
    assert_unscheduled(s, "A4");
    assert_int_equal(notes(s, "plan-too-large", "A4"), 1);
    isms_schedule_free(s);
    isms_plan_free(p);
}

static void test_capacities_per_period(void **state)
{
    (void)state;
    isms_plan *p = new_plan(2024);
    act(p, "A1", 8, NULL, NULL);
    act(p, "A2", 8, NULL, NULL);
    act(p, "A3", 8, NULL, NULL);
    act(p, "A4", 150, NULL, NULL);
    const double caps[] = { 10, 0, 5 };
    isms_schedule_options o = opts(ISMS_PERIOD_TERTIAL, 3, 1); /* capacity is not used */
    o.capacities = caps;
    isms_schedule *s = sched(p, &o);
    assert_true(isms_schedule_capacity(s, 0) == 10.0);
    assert_true(isms_schedule_capacity(s, 1) == 0.0);
    assert_true(isms_schedule_capacity(s, 2) == 5.0);
    assert_items(s, 0, "A1");
    assert_items(s, 1, "A2 A3 A4"); /* unlimited */
    assert_items(s, 2, "");
    isms_schedule_free(s);

    /* An effort above every period's capacity, when none is unlimited: too large. */
    const double caps2[] = { 50, 200, 50 };
    o.capacities = caps2;
    act(p, "A5", 300, NULL, NULL);
    s = sched(p, &o);
    assert_items(s, 0, "A1 A2 A3");
    assert_items(s, 1, "A4");
    assert_unscheduled(s, "A5");
    assert_string_equal(message(s, "plan-too-large", 0),
                        "Action A5 needs 300.0 person-days, more than any period's capacity "
                        "(at most 200.0)");
    assert_int_equal(notes(s, "plan-too-large", NULL), 1);
    assert_int_equal(notes(s, "plan-beyond-horizon", NULL), 0);
    isms_schedule_free(s);
    isms_plan_free(p);
}

/* ---- prerequisites ------------------------------------------------------------------------ */

static void test_prerequisites_same_period_or_strict(void **state)
{
    (void)state;
    isms_plan *p = new_plan(2024);
    isms_action *a = act(p, "A1", 10, NULL, NULL);
    prereq(a, "B3"); /* A1 after B3 after B2 */
    a = act(p, "B3", 10, NULL, NULL);
    prereq(a, "B2");
    act(p, "B2", 10, NULL, NULL);
    act(p, "C1", 10, NULL, NULL);
    isms_schedule_options o = opts(ISMS_PERIOD_QUARTER, 4, 0);
    isms_schedule *s = sched(p, &o);
    /* order: B2, B3, A1, C1 (prerequisites first), all in Q1 */
    assert_items(s, 0, "B2 B3 A1 C1");
    isms_schedule_free(s);

    o.strict = true;
    s = sched(p, &o);
    assert_items(s, 0, "B2 C1");
    assert_items(s, 1, "B3");
    assert_items(s, 2, "A1");
    assert_items(s, 3, "");
    isms_schedule_free(s);

    /* Strict with two periods: A1 has no period left after B3's. */
    o.periods = 2;
    s = sched(p, &o);
    assert_items(s, 0, "B2 C1");
    assert_items(s, 1, "B3");
    assert_unscheduled(s, "A1");
    assert_string_equal(message(s, "plan-beyond-horizon", 0),
                        "Action A1 does not fit in the plan: it must come after its "
                        "prerequisite B3, which is in the last period, Q2 2024");
    isms_schedule_free(s);

    /* Capacity pushes a prerequisite, and its dependent follows it. */
    o.strict = false;
    o.periods = 4;
    o.capacity = 25;
    s = sched(p, &o);
    assert_items(s, 0, "B2 B3"); /* 20 */
    assert_items(s, 1, "A1 C1"); /* A1 does not fit in Q1, C1 follows into Q2 */
    isms_schedule_free(s);
    isms_plan_free(p);
}

static void test_done_and_cancelled(void **state)
{
    (void)state;
    isms_plan *p = new_plan(2024);
    isms_action *d = act(p, "D1", 10, NULL, NULL);
    status(d, ISMS_ACTION_DONE);
    isms_action *c = act(p, "C1", 10, NULL, NULL);
    status(c, ISMS_ACTION_CANCELLED);
    isms_action *a = act(p, "A1", 10, NULL, NULL);
    prereq(a, "D1");
    prereq(a, "C1");
    isms_schedule_options o = opts(ISMS_PERIOD_YEAR, 2, 0);
    o.strict = true;
    isms_schedule *s = sched(p, &o);
    assert_items(s, 0, "A1"); /* its prerequisites count as met */
    assert_items(s, 1, "");
    assert_int_equal(isms_schedule_unscheduled_count(s), 0);
    /* lint still tells about waiting for a cancelled action */
    assert_int_equal(notes(s, "plan-prerequisite-cancelled", "A1"), 1);
    isms_schedule_free(s);
    isms_plan_free(p);
}

static void test_prerequisite_unscheduled_cascades(void **state)
{
    (void)state;
    isms_plan *p = new_plan(2024);
    act(p, "A1", 150, NULL, "2025");
    isms_action *a = act(p, "A2", 10, NULL, "2027");
    prereq(a, "A1");
    a = act(p, "A3", 10, NULL, NULL);
    prereq(a, "A2");
    a = act(p, "A4", 5, NULL, NULL);
    status(a, ISMS_ACTION_IN_PROGRESS);
    prereq(a, "A1"); /* in progress: the first period all the same */
    a = act(p, "R1", 1, NULL, NULL);
    recur(a, ISMS_RECUR_YEARLY);
    prereq(a, "A3");
    act(p, "A5", 10, NULL, NULL);
    isms_schedule_options o = opts(ISMS_PERIOD_YEAR, 3, 100);
    o.lang = ISMS_LANG_EN;
    isms_schedule *s = sched(p, &o);
    assert_items(s, 0, "A4 A5");
    assert_unscheduled(s, "A1 A2 A3 R1");
    assert_int_equal(notes(s, "plan-too-large", "A1"), 1);
    assert_int_equal(notes(s, "plan-beyond-horizon", "A1"), 0);
    assert_int_equal(notes(s, "plan-beyond-horizon", "A2"), 1);
    assert_int_equal(notes(s, "plan-beyond-horizon", "A3"), 1);
    assert_int_equal(notes(s, "plan-beyond-horizon", "R1"), 1);
    assert_string_equal(message(s, "plan-too-large", 0),
                        "Action A1 needs 150.0 person-days, more than any period's capacity "
                        "(at most 100.0)");
    assert_string_equal(message(s, "plan-beyond-horizon", 0),
                        "Action A2 does not fit in the plan: its prerequisite A1 is not "
                        "scheduled");
    assert_string_equal(message(s, "plan-beyond-horizon", 1),
                        "Action A3 does not fit in the plan: its prerequisite A2 is not "
                        "scheduled");
    /* A1 is due within the horizon, A2 after it */
    assert_int_equal(notes(s, "plan-due-missed", "A1"), 1);
    assert_int_equal(notes(s, "plan-due-missed", "A2"), 0);
    assert_string_equal(message(s, "plan-due-missed", 0),
                        "Action A1: due 2025 cannot be met: it does not fit in the plan's "
                        "periods (2024–2026)");
    isms_schedule_free(s);
    isms_plan_free(p);
}

static void test_beyond_horizon_capacity(void **state)
{
    (void)state;
    isms_plan *p = new_plan(2024);
    act(p, "A1", 60, NULL, "2024");       /* due dates give the order: A1, A2, A3 */
    act(p, "A2", 60, NULL, "2025-06-30"); /* 2025 is in time */
    act(p, "A3", 60, NULL, "2025");
    isms_schedule_options o = opts(ISMS_PERIOD_YEAR, 2, 100);
    isms_schedule *s = sched(p, &o);
    assert_items(s, 0, "A1");
    assert_items(s, 1, "A2");
    assert_false(slot_of(s, 1, "A2").late);
    assert_unscheduled(s, "A3");
    assert_int_equal(notes(s, "plan-due-missed", NULL), 1);
    assert_string_equal(message(s, "plan-beyond-horizon", 0),
                        "Action A3 does not fit in the plan: no period from 2024 to 2025 has "
                        "room for its 60.0 person-days");
    assert_string_equal(message(s, "plan-due-missed", 0),
                        "Action A3: due 2025 cannot be met: it does not fit in the plan's "
                        "periods (2024–2025)");
    isms_schedule_free(s);

    o.lang = ISMS_LANG_SV;
    s = sched(p, &o);
    assert_string_equal(message(s, "plan-beyond-horizon", 0),
                        "Åtgärd A3 får inte plats i planen: ingen period från och med 2024 till "
                        "och med 2025 har plats för dess 60,0 persondagar");
    assert_string_equal(message(s, "plan-due-missed", 0),
                        "Åtgärd A3: klart senast 2025 kan inte hållas: den får inte plats "
                        "i planens perioder (2024–2025)");
    isms_schedule_free(s);
    isms_plan_free(p);
}

/* ---- fixed actions ------------------------------------------------------------------------ */

static void test_in_progress_first_period(void **state)
{
    (void)state;
    isms_plan *p = new_plan(2024);
    act(p, "A1", 5, NULL, NULL);
    isms_action *a = act(p, "A2", 20, NULL, NULL);
    status(a, ISMS_ACTION_IN_PROGRESS);
    act(p, "A3", 10, NULL, NULL);
    isms_schedule_options o = opts(ISMS_PERIOD_QUARTER, 3, 10);
    isms_schedule *s = sched(p, &o);
    /* A2 takes Q1 whatever the capacity; A1 and A3 find no room there */
    assert_items(s, 0, "A2");
    assert_items(s, 1, "A1");
    assert_items(s, 2, "A3");
    assert_true(isms_schedule_load(s, 0) == 20.0);
    assert_int_equal(notes(s, "plan-over-capacity", NULL), 1);
    isms_finding f = note_at(isms_schedule_findings(s), "plan-over-capacity", 0);
    assert_int_equal(f.severity, ISMS_SEVERITY_WARNING);
    assert_string_equal(f.ref, "Q1 2024");
    assert_string_equal(f.message, "Q1 2024 holds 20.0 person-days, capacity 10.0");
    isms_schedule_free(s);

    /* Unlimited: items of a period in priority order, whatever pass placed them. */
    o.capacity = 0;
    s = sched(p, &o);
    assert_items(s, 0, "A1 A2 A3");
    assert_int_equal(notes(s, "plan-over-capacity", NULL), 0);
    isms_schedule_free(s);

    /* An in-progress action due before the plan's first period is late there. */
    a = act(p, "A4", 1, NULL, "december 2023");
    status(a, ISMS_ACTION_IN_PROGRESS);
    s = sched(p, &o);
    isms_slot slot = slot_of(s, 0, "A4");
    assert_true(slot.late);
    assert_false(slot_of(s, 0, "A2").late);
    assert_string_equal(message(s, "plan-due-missed", 0),
                        "Action A4: due 2023-12 cannot be met: the plan's first period is "
                        "Q1 2024");
    isms_schedule_free(s);
    isms_plan_free(p);
}

static void test_recurring_in_years(void **state)
{
    (void)state;
    isms_plan *p = new_plan(2024);
    isms_action *a = act(p, "Y", 5, NULL, NULL);
    recur(a, ISMS_RECUR_YEARLY);
    a = act(p, "T", 2, NULL, NULL);
    recur(a, ISMS_RECUR_TERTIAL);
    a = act(p, "Q", 3, NULL, NULL);
    recur(a, ISMS_RECUR_QUARTER);
    isms_schedule_options o = opts(ISMS_PERIOD_YEAR, 3, 0);
    o.start = (isms_date){ 2024, 9, 1 }; /* the whole year 2024 counts */
    isms_schedule *s = sched(p, &o);
    for (size_t y = 0; y < 3; y++) {
        assert_items(s, y, "Q×4 T×3 Y×1");
        isms_slot q = slot_of(s, y, "Q");
        assert_true(q.recurring);
        assert_int_equal(q.occurrences, 4);
        assert_true(q.effort == 12.0);
        isms_slot t = slot_of(s, y, "T");
        assert_int_equal(t.occurrences, 3);
        assert_true(t.effort == 6.0);
        isms_slot yy = slot_of(s, y, "Y");
        assert_int_equal(yy.occurrences, 1);
        assert_true(yy.effort == 5.0);
        assert_false(yy.late);
        assert_true(isms_schedule_load(s, y) == 23.0);
    }
    assert_int_equal(own_notes(s), 0);
    isms_schedule_free(s);
    isms_plan_free(p);
}

static void test_recurring_in_quarters(void **state)
{
    (void)state;
    isms_plan *p = new_plan(2024);
    isms_action *a = act(p, "Y", 5, NULL, NULL); /* 31 December */
    recur(a, ISMS_RECUR_YEARLY);
    a = act(p, "YM", 5, NULL, "mars"); /* 31 March every year */
    recur(a, ISMS_RECUR_YEARLY);
    a = act(p, "T", 2, NULL, NULL); /* 30 April, 31 August, 31 December */
    recur(a, ISMS_RECUR_TERTIAL);
    a = act(p, "Q", 3, NULL, NULL);
    recur(a, ISMS_RECUR_QUARTER);
    isms_schedule_options o = opts(ISMS_PERIOD_QUARTER, 8, 0);
    isms_schedule *s = sched(p, &o);
    /* priority: equal scores; YM is due (March 2024) and comes first, then ids */
    for (size_t y = 0; y < 2; y++) {
        assert_items(s, 4 * y + 0, "YM×1 Q×1");
        assert_items(s, 4 * y + 1, "Q×1 T×1");
        assert_items(s, 4 * y + 2, "Q×1 T×1");
        assert_items(s, 4 * y + 3, "Q×1 T×1 Y×1");
    }
    assert_true(isms_schedule_load(s, 3) == 10.0);
    /* a yearly action is not late in later years because of its due date */
    assert_false(slot_of(s, 4, "YM").late);
    assert_int_equal(notes(s, "plan-due-missed", NULL), 0);
    isms_schedule_free(s);

    /* In tertials: a quarterly action recurs once in T1 and T2, twice in T3. */
    o.unit = ISMS_PERIOD_TERTIAL;
    o.periods = 3;
    s = sched(p, &o);
    assert_items(s, 0, "YM×1 Q×1 T×1");
    assert_items(s, 1, "Q×1 T×1");
    assert_items(s, 2, "Q×2 T×1 Y×1");
    assert_true(slot_of(s, 2, "Q").effort == 6.0);
    isms_schedule_free(s);
    isms_plan_free(p);
}

static void test_recurring_in_months(void **state)
{
    (void)state;
    isms_plan *p = new_plan(2024);
    isms_action *a = act(p, "L", 1, NULL, "2024-02-29"); /* 28 February in 2025 */
    recur(a, ISMS_RECUR_YEARLY);
    a = act(p, "Q", 3, NULL, NULL);
    recur(a, ISMS_RECUR_QUARTER);
    a = act(p, "T", 2, NULL, NULL);
    recur(a, ISMS_RECUR_TERTIAL);
    isms_schedule_options o = opts(ISMS_PERIOD_MONTH, 24, 0);
    isms_schedule *s = sched(p, &o);
    for (size_t m = 0; m < 24; m++) {
        size_t month = m % 12 + 1;
        char expect[64] = "";
        if (month == 2)
            strcat(expect, "L×1");
        if (month % 3 == 0)
            strcat(expect, *expect ? " Q×1" : "Q×1");
        if (month % 4 == 0)
            strcat(expect, *expect ? " T×1" : "T×1");
        assert_items(s, m, expect);
    }
    assert_true(isms_schedule_load(s, 11) == 5.0);
    isms_period per;
    assert_int_equal(isms_schedule_period(&per, s, 13), ISMS_OK);
    assert_int_equal(per.start.year, 2025);
    assert_int_equal(per.start.month, 2);
    isms_schedule_free(s);

    /* Only occurrences inside the horizon count: April and May hold no quarter's end and no
     * 28 February, so Q and L stay unscheduled, and so does what waits for Q. */
    a = act(p, "D", 1, NULL, NULL);
    prereq(a, "Q");
    o.start = (isms_date){ 2024, 4, 10 };
    o.periods = 2; /* April, May */
    s = sched(p, &o);
    assert_items(s, 0, "T×1");
    assert_items(s, 1, "");
    assert_unscheduled(s, "L Q D");
    assert_int_equal(notes(s, "plan-beyond-horizon", NULL), 3);
    assert_string_equal(message(s, "plan-beyond-horizon", 1),
                        "Action Q does not fit in the plan: it recurs every quarter, and no "
                        "occurrence falls in the periods from 2024-04 to 2024-05");
    assert_string_equal(message(s, "plan-beyond-horizon", 2),
                        "Action D does not fit in the plan: its prerequisite Q is not "
                        "scheduled");
    assert_int_equal(notes(s, "plan-due-missed", NULL), 0); /* recurring: never late */
    isms_schedule_free(s);
    o.lang = ISMS_LANG_SV;
    s = sched(p, &o);
    assert_string_equal(message(s, "plan-beyond-horizon", 0),
                        "Åtgärd L får inte plats i planen: den återkommer en gång om året, och "
                        "inget tillfälle infaller i perioderna från och med 2024-04 till och "
                        "med 2024-05");
    isms_schedule_free(s);
    isms_plan_free(p);
}

static void test_recurring_after_prerequisites(void **state)
{
    (void)state;
    isms_plan *p = new_plan(2024);
    act(p, "A1", 10, NULL, NULL);
    isms_action *r = act(p, "R", 4, NULL, NULL);
    recur(r, ISMS_RECUR_QUARTER);
    prereq(r, "A1");
    isms_action *y = act(p, "Y", 2, NULL, NULL);
    recur(y, ISMS_RECUR_YEARLY); /* 31 December: Q4 */
    isms_action *b = act(p, "B", 1, NULL, NULL);
    prereq(b, "Y");
    isms_schedule_options o = opts(ISMS_PERIOD_QUARTER, 6, 0);
    o.strict = true;
    isms_schedule *s = sched(p, &o);
    /* order: A1, R, Y, B. R waits for A1 (Q1 2024) and recurs from Q2; B waits for Y's first
     * occurrence (Q4 2024) and goes after it */
    assert_items(s, 0, "A1");
    assert_items(s, 1, "R×1");
    assert_items(s, 2, "R×1");
    assert_items(s, 3, "R×1 Y×1");
    assert_items(s, 4, "R×1 B");
    assert_items(s, 5, "R×1");
    isms_schedule_free(s);
    o.strict = false;
    s = sched(p, &o);
    assert_items(s, 0, "A1 R×1");
    assert_items(s, 3, "R×1 Y×1 B");
    isms_schedule_free(s);

    /* Capacity pushes A1 to Q2, and R follows from Q3. R then takes its periods whatever the
     * capacity: Q3 and Q4 already hold 10 of other work. */
    act(p, "C1", 10, NULL, NULL);
    act(p, "C2", 10, NULL, NULL);
    act(p, "C3", 10, NULL, NULL);
    isms_action *f = act(p, "F", 10, NULL, NULL);
    status(f, ISMS_ACTION_IN_PROGRESS);
    o.periods = 4;
    o.capacity = 12;
    o.strict = true;
    s = sched(p, &o);
    /* order: A1, C1, C2, C3, F, R, Y, B. Pass 1: F (Q1, 10), Y (Q4, 2); R waits for A1.
     * Pass 2: A1 → Q2 (Q1 holds 10); C1 → Q3; C2 → Q4 (2 + 10 = 12); C3: no room; R after A1
     * (Q2) → Q3 and Q4; B after Y (Q4), strict: no period left */
    assert_items(s, 0, "F");
    assert_items(s, 1, "A1");
    assert_items(s, 2, "C1 R×1");
    assert_items(s, 3, "C2 R×1 Y×1");
    assert_unscheduled(s, "C3 B");
    assert_true(isms_schedule_load(s, 2) == 14.0);
    assert_true(isms_schedule_load(s, 3) == 16.0);
    assert_int_equal(notes(s, "plan-over-capacity", NULL), 2);
    assert_string_equal(message(s, "plan-over-capacity", 0),
                        "Q3 2024 holds 14.0 person-days, capacity 12.0");
    assert_string_equal(message(s, "plan-over-capacity", 1),
                        "Q4 2024 holds 16.0 person-days, capacity 12.0");
    assert_string_equal(message(s, "plan-beyond-horizon", 1),
                        "Action B does not fit in the plan: it must come after its "
                        "prerequisite Y, which is in the last period, Q4 2024");
    isms_schedule_free(s);
    isms_plan_free(p);
}

static void test_over_capacity_findings(void **state)
{
    (void)state;
    isms_plan *p = new_plan(2024);
    isms_action *a = act(p, "R1", 20, "IT", NULL);
    recur(a, ISMS_RECUR_QUARTER); /* 80 a year */
    a = act(p, "R2", 30, "it", NULL);
    recur(a, ISMS_RECUR_YEARLY); /* 30 a year */
    act(p, "A1", 5, "HR", NULL);
    const char *const owners[] = { "IT", "HR" };
    const double caps[] = { 100, 10 };
    isms_schedule_options o = opts(ISMS_PERIOD_YEAR, 2, 100);
    o.owners = owners;
    o.owner_capacity = caps;
    o.owner_count = 2;
    isms_schedule *s = sched(p, &o);
    assert_items(s, 0, "R1×4 R2×1");
    assert_items(s, 1, "R1×4 R2×1");
    assert_unscheduled(s, "A1"); /* no room left in either year */
    /* one finding per period, and one per owner and period */
    assert_int_equal(notes(s, "plan-over-capacity", NULL), 2);
    assert_int_equal(notes(s, "plan-owner-over-capacity", "IT"), 2);
    assert_int_equal(notes(s, "plan-owner-over-capacity", "HR"), 0);
    assert_string_equal(message(s, "plan-over-capacity", 0),
                        "2024 holds 110.0 person-days, capacity 100.0");
    assert_string_equal(message(s, "plan-over-capacity", 1),
                        "2025 holds 110.0 person-days, capacity 100.0");
    assert_string_equal(message(s, "plan-owner-over-capacity", 0),
                        "Owner IT: 2024 holds 110.0 person-days, capacity 100.0");
    /* findings per period: total, then owners */
    const isms_findings *l = isms_schedule_findings(s);
    size_t n = isms_findings_count(l);
    isms_finding f;
    assert_int_equal(isms_findings_get(&f, l, n - 1), ISMS_OK);
    assert_string_equal(f.code, "plan-owner-over-capacity");
    assert_string_equal(f.message, "Owner IT: 2025 holds 110.0 person-days, capacity 100.0");
    assert_int_equal(isms_findings_get(&f, l, n - 2), ISMS_OK);
    assert_string_equal(f.code, "plan-over-capacity");
    assert_string_equal(f.ref, "2025");
    isms_schedule_free(s);

    o.lang = ISMS_LANG_SV;
    s = sched(p, &o);
    assert_string_equal(message(s, "plan-over-capacity", 0),
                        "2024 har 110,0 persondagar, kapaciteten är 100,0");
    assert_string_equal(message(s, "plan-owner-over-capacity", 1),
                        "Ansvarig IT: 2025 har 110,0 persondagar, kapaciteten är 100,0");
    isms_schedule_free(s);
    isms_plan_free(p);
}

/* ---- due dates ---------------------------------------------------------------------------- */

static void test_due_missed(void **state)
{
    (void)state;
    isms_plan *p = new_plan(2024);
    act(p, "A1", 80, NULL, "2024");
    act(p, "A2", 50, NULL, "Q2 2024");
    act(p, "A3", 10, NULL, "Q2 2024"); /* fits into 2024: not late in a yearly plan */
    act(p, "A4", 20, NULL, "2025");
    isms_action *a = act(p, "A6", 5, NULL, "2024-12-31");
    prereq(a, "A5");
    act(p, "A5", 5, NULL, NULL);
    isms_schedule_options o = opts(ISMS_PERIOD_YEAR, 3, 100);
    o.strict = true;
    isms_schedule *s = sched(p, &o);
    /* order: earlier due dates first among equal scores, A6 after A5: A2, A3, A1, A4, A5, A6.
     * A2 → 2024 (50); A3 → 2024 (60); A1 80 → 2025; A4 20 → 2024 (80); A5 5 → 2024 (85);
     * A6 after A5, strict → 2025 */
    assert_items(s, 0, "A2 A3 A4 A5");
    assert_items(s, 1, "A1 A6");
    assert_true(slot_of(s, 1, "A1").late);
    assert_true(slot_of(s, 1, "A6").late);
    assert_false(slot_of(s, 0, "A2").late);
    assert_false(slot_of(s, 0, "A4").late);
    assert_int_equal(notes(s, "plan-due-missed", NULL), 2);
    assert_string_equal(message(s, "plan-due-missed", 0),
                        "Action A1: due 2024 cannot be met: the earliest period with room is "
                        "2025");
    assert_string_equal(message(s, "plan-due-missed", 1),
                        "Action A6: due 2024-12-31 cannot be met: its prerequisites allow 2025 "
                        "at the earliest");
    isms_finding f = note_at(isms_schedule_findings(s), "plan-due-missed", 0);
    assert_string_equal(f.ref, "A1");
    assert_int_equal(f.severity, ISMS_SEVERITY_WARNING);
    isms_schedule_free(s);

    o.lang = ISMS_LANG_SV;
    s = sched(p, &o);
    assert_string_equal(message(s, "plan-due-missed", 0),
                        "Åtgärd A1: klart senast 2024 kan inte hållas: den tidigaste perioden "
                        "med plats är 2025");
    assert_string_equal(message(s, "plan-due-missed", 1),
                        "Åtgärd A6: klart senast 2024-12-31 kan inte hållas: dess "
                        "förutsättningar tillåter 2025 som tidigast");
    isms_schedule_free(s);

    /* In months, a due date in the middle of a period leaves that period in time. */
    isms_plan *q = new_plan(2024);
    act(q, "M1", 5, NULL, "2024-03-15");
    act(q, "M2", 5, NULL, "2024-03-15");
    o = opts(ISMS_PERIOD_MONTH, 6, 0);
    o.start = (isms_date){ 2024, 3, 1 };
    o.capacity = 5;
    s = sched(q, &o);
    assert_items(s, 0, "M1");
    assert_items(s, 1, "M2");
    assert_false(slot_of(s, 0, "M1").late);
    assert_true(slot_of(s, 1, "M2").late);
    assert_string_equal(message(s, "plan-due-missed", 0),
                        "Action M2: due 2024-03-15 cannot be met: the earliest period with room "
                        "is 2024-04");
    isms_schedule_free(s);
    isms_plan_free(q);
    isms_plan_free(p);
}

static void test_too_large_for_owner(void **state)
{
    (void)state;
    isms_plan *p = new_plan(2024);
    act(p, "A1", 30, "IT", NULL);
    act(p, "A2", 30, "HR", NULL);
    const char *const owners[] = { "IT" };
    const double caps[] = { 20 };
    isms_schedule_options o = opts(ISMS_PERIOD_YEAR, 3, 0);
    o.owners = owners;
    o.owner_capacity = caps;
    o.owner_count = 1;
    isms_schedule *s = sched(p, &o);
    assert_items(s, 0, "A2");
    assert_unscheduled(s, "A1");
    assert_string_equal(message(s, "plan-too-large", 0),
                        "Action A1 needs 30.0 person-days, more than its owner IT has per period "
                        "(20.0)");
    isms_schedule_free(s);
    o.lang = ISMS_LANG_SV;
    s = sched(p, &o);
    assert_string_equal(message(s, "plan-too-large", 0),
                        "Åtgärd A1 kräver 30,0 persondagar, mer än ansvarig IT har per period "
                        "(20,0)");
    isms_schedule_free(s);
    isms_plan_free(p);
}

/* ---- findings ----------------------------------------------------------------------------- */

static void test_findings_lint_first(void **state)
{
    (void)state;
    isms_plan *p = new_plan(2024);
    act(p, "A1", 60, NULL, "2023");     /* overdue; addresses nothing; no owner */
    act(p, "A2", 60, "IT", "Q1 2024");  /* pushed past its due date */
    act(p, "A3", 60, "IT", NULL);       /* beyond the horizon */
    isms_schedule_options o = opts(ISMS_PERIOD_YEAR, 2, 100);
    o.priority.today = (isms_date){ 2024, 2, 1 };
    isms_schedule *s = sched(p, &o);

    isms_findings *lint = NULL;
    assert_int_equal(isms_findings_new(&lint, ISMS_LANG_EN), ISMS_OK);
    assert_int_equal(isms_plan_lint(lint, p, o.priority.today), ISMS_OK);
    size_t nl = isms_findings_count(lint);
    assert_true(nl >= 3);
    assert_int_equal(count_notes(lint, "plan-overdue", "A1"), 1);
    assert_int_equal(count_notes(lint, "plan-addresses-nothing", "A1"), 1);

    const isms_findings *l = isms_schedule_findings(s);
    assert_int_equal(isms_findings_lang(l), ISMS_LANG_EN);
    assert_int_equal(isms_findings_count(l), nl + own_notes(s));
    for (size_t i = 0; i < nl; i++) {
        isms_finding a, b;
        assert_int_equal(isms_findings_get(&a, lint, i), ISMS_OK);
        assert_int_equal(isms_findings_get(&b, l, i), ISMS_OK);
        assert_string_equal(a.code, b.code);
        assert_string_equal(a.ref, b.ref);
        assert_string_equal(a.message, b.message);
    }
    /* the schedule's own: per action in priority order (A1, A2 by due date, then A3) */
    static const char *const own[][2] = {
        { "plan-due-missed", "A1" },
        { "plan-due-missed", "A2" },
        { "plan-beyond-horizon", "A3" },
    };
    assert_int_equal(isms_findings_count(l), nl + 3);
    for (size_t i = 0; i < 3; i++) {
        isms_finding f;
        assert_int_equal(isms_findings_get(&f, l, nl + i), ISMS_OK);
        assert_string_equal(f.code, own[i][0]);
        assert_string_equal(f.ref, own[i][1]);
    }
    assert_string_equal(message(s, "plan-due-missed", 0),
                        "Action A1: due 2023 cannot be met: the plan's first period is 2024");
    isms_findings_free(lint);
    isms_schedule_free(s);
    isms_plan_free(p);
}

static void test_scores_committed(void **state)
{
    (void)state;
    isms_plan *p = new_plan(2024);
    isms_action *a = act(p, "A1", 20, NULL, NULL);
    isms_action *b = act(p, "A2", 5, NULL, NULL);
    assert_true(isms_action_score(a) < 0);
    isms_schedule_options o = opts(ISMS_PERIOD_YEAR, 1, 0);
    o.priority = isms_priority_default(); /* effort divides: A2 first */
    isms_schedule *s = sched(p, &o);
    assert_double_equal(isms_action_score(a), 0.1 / 2.0, 1e-12); /* (20/5)^0.5 = 2 */
    assert_double_equal(isms_action_score(b), 0.1, 1e-12);
    assert_items(s, 0, "A2 A1");
    isms_schedule_free(s);
    isms_plan_free(p);
}

/* ---- validation --------------------------------------------------------------------------- */

#define assert_rejected(p, o, code, needle)                                                  \
    do {                                                                                     \
        isms_schedule *s_ = (isms_schedule *)(uintptr_t)0x1;                                 \
        assert_int_equal(isms_plan_schedule(&s_, (p), (o)), (code));                         \
        assert_error((code), (needle));                                                      \
        assert_ptr_equal(s_, (isms_schedule *)(uintptr_t)0x1);                               \
    } while (0)

static void test_validation(void **state)
{
    (void)state;
    isms_plan *p = new_plan(2024);
    act(p, "A1", 5, NULL, NULL);
    isms_schedule *s = NULL;
    isms_schedule_options o = opts(ISMS_PERIOD_YEAR, 3, 0);
    assert_int_equal(isms_plan_schedule(NULL, p, &o), ISMS_EINVAL);
    assert_int_equal(isms_plan_schedule(&s, NULL, &o), ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "plan");
    assert_int_equal(isms_plan_schedule(&s, p, NULL), ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "options");
    assert_null(s);

    isms_schedule_options d = isms_schedule_options_default();
    assert_rejected(p, &d, ISMS_EINVAL, "options.start is not set");
    o.start = (isms_date){ 2023, 2, 29 };
    assert_rejected(p, &o, ISMS_EINVAL, "options.start 2023-02-29");
    o.start = (isms_date){ 2024, 1, 1 };

    static const isms_period_kind bad_units[] = { ISMS_PERIOD_NONE, ISMS_PERIOD_UNPARSED,
                                                  ISMS_PERIOD_DAY, ISMS_PERIOD_HALF,
                                                  (isms_period_kind)8 };
    for (size_t i = 0; i < sizeof bad_units / sizeof *bad_units; i++) {
        o.unit = bad_units[i];
        assert_rejected(p, &o, ISMS_EINVAL, "options.unit");
    }
    o.unit = ISMS_PERIOD_MONTH;
    o.periods = 0;
    assert_rejected(p, &o, ISMS_EINVAL, "options.periods 0");
    o.periods = 1201;
    assert_rejected(p, &o, ISMS_EINVAL, "options.periods 1201 is out of range: expected 1–1200");
    o.periods = 1200;
    s = sched(p, &o);
    assert_int_equal(isms_schedule_period_count(s), 1200);
    isms_period last;
    assert_int_equal(isms_schedule_period(&last, s, 1199), ISMS_OK);
    assert_int_equal(last.start.year, 2123);
    assert_int_equal(last.start.month, 12);
    isms_schedule_free(s);
    o.periods = 3;

    o.capacity = -1;
    assert_rejected(p, &o, ISMS_EINVAL, "options.capacity -1");
    o.capacity = NAN;
    assert_rejected(p, &o, ISMS_EINVAL, "options.capacity");
    o.capacity = INFINITY;
    assert_rejected(p, &o, ISMS_EINVAL, "options.capacity");
    o.capacity = 0;
    const double caps[] = { 1, 2, -3 };
    o.capacities = caps;
    assert_rejected(p, &o, ISMS_EINVAL, "options.capacities[2] -3");
    o.capacity = -1; /* not used when capacities are given */
    const double good[] = { 1, 0, 3 };
    o.capacities = good;
    s = sched(p, &o);
    isms_schedule_free(s);
    o.capacities = NULL;
    o.capacity = 0;

    const char *const owners[] = { "IT", NULL, " it " };
    const double ocaps[] = { 10, 10, 10 };
    o.owner_count = 1;
    assert_rejected(p, &o, ISMS_EINVAL, "options.owners is NULL");
    o.owners = owners;
    assert_rejected(p, &o, ISMS_EINVAL, "options.owner_capacity is NULL");
    o.owner_capacity = ocaps;
    s = sched(p, &o);
    isms_schedule_free(s);
    o.owner_count = 2;
    assert_rejected(p, &o, ISMS_EINVAL, "options.owners[1] is NULL");
    const char *const twice[] = { "IT", "HR", " it " };
    o.owners = twice;
    o.owner_count = 3;
    assert_rejected(p, &o, ISMS_EINVAL, "options.owners[2] \" it \" is given twice");
    /* Many owners are compared by the hash of their names, not pair by pair: the first
     * repeat is named, with the owner it repeats. */
    char names[24][16];
    const char *many[24];
    double many_caps[24];
    for (int i = 0; i < 24; i++) {
        snprintf(names[i], sizeof names[i], "Enhet %d", i);
        many[i] = names[i];
        many_caps[i] = 10;
    }
    snprintf(names[20], sizeof names[20], "ENHET 3");
    snprintf(names[17], sizeof names[17], " enhet  12");
    o.owners = many;
    o.owner_capacity = many_caps;
    o.owner_count = 24;
    assert_rejected(p, &o, ISMS_EINVAL, "options.owners[17] \" enhet  12\" is given twice "
                    "(also options.owners[12] \"Enhet 12\")");
    snprintf(names[17], sizeof names[17], "Enhet 17");
    assert_rejected(p, &o, ISMS_EINVAL, "options.owners[20] \"ENHET 3\" is given twice "
                    "(also options.owners[3] \"Enhet 3\")");
    snprintf(names[20], sizeof names[20], "Enhet 20");
    s = sched(p, &o);
    isms_schedule_free(s);
    o.owner_capacity = ocaps;
    o.owner_count = 3;
    const char *const three[] = { "IT", "HR", "Ekonomi" };
    o.owners = three;
    const double neg[] = { 10, -1, 10 };
    o.owner_capacity = neg;
    assert_rejected(p, &o, ISMS_EINVAL, "options.owner_capacity[1] -1 (owner \"HR\")");
    o.owner_capacity = ocaps;
    s = sched(p, &o);
    isms_schedule_free(s);
    o.owner_count = 0;

    o.lang = (isms_lang)2;
    assert_rejected(p, &o, ISMS_EINVAL, "options.lang");
    o.lang = ISMS_LANG_SV;
    o.priority.base = -1;
    isms_schedule *sentinel = (isms_schedule *)(uintptr_t)0x1;
    assert_int_equal(isms_plan_schedule(&sentinel, p, &o), ISMS_EINVAL);
    assert_ptr_equal(sentinel, (isms_schedule *)(uintptr_t)0x1);
    o.priority.base = 0.1;
    o.priority.effort_unit = 0;
    assert_int_equal(isms_plan_schedule(&sentinel, p, &o), ISMS_EINVAL);
    o.priority.effort_unit = 5;

    /* a prerequisite that no action has; a cycle */
    isms_action *b = act(p, "B1", 1, NULL, NULL);
    prereq(b, "X9");
    assert_rejected(p, &o, ISMS_ENOTFOUND, "X9");
    isms_action_clear_prerequisites(b);
    prereq(b, "B2");
    isms_action *c = act(p, "B2", 1, NULL, NULL);
    prereq(c, "B1");
    assert_rejected(p, &o, ISMS_ECYCLE, "B1");
    isms_plan_free(p);
}

static void test_past_9999(void **state)
{
    (void)state;
    isms_plan *p = new_plan(2024);
    act(p, "A1", 5, NULL, NULL);
    isms_schedule_options o = opts(ISMS_PERIOD_YEAR, 1, 0);
    o.start = (isms_date){ 9999, 6, 1 };
    isms_schedule *s = sched(p, &o);
    assert_items(s, 0, "A1");
    isms_schedule_free(s);
    o.periods = 2;
    assert_rejected(p, &o, ISMS_ERANGE, "9999");
    o.start = (isms_date){ 9998, 6, 1 };
    s = sched(p, &o);
    isms_schedule_free(s);
    o.periods = 3;
    assert_rejected(p, &o, ISMS_ERANGE, "at most 2 fit");

    o.unit = ISMS_PERIOD_QUARTER;
    o.start = (isms_date){ 9999, 8, 1 };
    o.periods = 2;
    s = sched(p, &o);
    isms_period per;
    assert_int_equal(isms_schedule_period(&per, s, 1), ISMS_OK);
    assert_int_equal(per.end.year, 9999);
    assert_int_equal(per.end.month, 12);
    isms_schedule_free(s);
    o.periods = 3;
    assert_rejected(p, &o, ISMS_ERANGE, "past the year 9999");
    o.unit = ISMS_PERIOD_MONTH;
    o.start = (isms_date){ 9999, 12, 31 };
    o.periods = 1;
    s = sched(p, &o);
    isms_schedule_free(s);
    o.periods = 2;
    assert_rejected(p, &o, ISMS_ERANGE, "9999-12");
    isms_plan_free(p);
}

/* ---- numbers and the locale --------------------------------------------------------------- */

/* The findings' numbers: a point in English, a comma in Swedish, rounded half away from zero
 * (10.25 is 10.3), and the same under any C locale (see the next test). */
static void check_numbers(void)
{
    isms_plan *p = new_plan(2024);
    act(p, "A1", 5, NULL, NULL);
    isms_action *a = act(p, "A2", 20.5, NULL, NULL);
    status(a, ISMS_ACTION_IN_PROGRESS);
    isms_schedule_options o = opts(ISMS_PERIOD_QUARTER, 3, 10.25);
    isms_schedule *s = sched(p, &o);
    assert_string_equal(message(s, "plan-over-capacity", 0),
                        "Q1 2024 holds 20.5 person-days, capacity 10.3");
    isms_schedule_free(s);
    o.lang = ISMS_LANG_SV;
    s = sched(p, &o);
    assert_string_equal(message(s, "plan-over-capacity", 0),
                        "Q1 2024 har 20,5 persondagar, kapaciteten är 10,3");
    isms_schedule_free(s);
    /* a score's explanation: numbers with points in English */
    assert_int_equal(isms_plan_prioritise(NULL, NULL, p, NULL), ISMS_OK);
    char *why = NULL;
    assert_int_equal(isms_action_explain(&why, isms_plan_find(p, "A1"), ISMS_LANG_EN), ISMS_OK);
    assert_null(strchr(why, ','));
    assert_non_null(strstr(why, "0.10"));
    isms_free(why);
    /* errors write numbers as "%g" does in the C locale */
    o.lang = ISMS_LANG_EN;
    o.capacity = -2.5;
    assert_rejected(p, &o, ISMS_EINVAL, "options.capacity -2.5 is not a capacity");
    assert_int_equal(isms_action_set_effort(a, 1e6 + 0.5), ISMS_ERANGE);
    assert_error(ISMS_ERANGE, "effort 1e+06 of action \"A2\"");
    assert_int_equal(isms_action_set_effort(a, NAN), ISMS_ERANGE);
    assert_error(ISMS_ERANGE, "effort nan of action \"A2\"");
    isms_priority w = isms_priority_default();
    w.asset = -0.5;
    assert_int_equal(isms_plan_prioritise(NULL, NULL, p, &w), ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "the priority weight \"asset\" is -0.5");
    isms_plan_free(p);
}

static void test_numbers(void **state)
{
    (void)state;
    check_numbers();
}

/* A program may call setlocale(LC_ALL, "sv_SE.UTF-8"): English findings must not say "20,5". */
static void test_numbers_decimal_comma_locale(void **state)
{
    (void)state;
    with_decimal_comma(check_numbers);
}

/* ---- random plans ------------------------------------------------------------------------- */

static uint64_t rnd_next(uint64_t *s)
{
    /* xorshift64* */
    *s ^= *s >> 12;
    *s ^= *s << 25;
    *s ^= *s >> 27;
    return *s * 2685821657736338717ull;
}

static unsigned rnd(uint64_t *s, unsigned n)
{
    return (unsigned)(rnd_next(s) >> 33) % n;
}

/* One action of a random plan, kept apart so the plan can be built in any order. */
typedef struct spec {
    char id[16];
    double effort;
    const char *owner;
    const char *due;
    isms_action_status status;
    isms_recurrence recurrence;
    unsigned n_pre;
    unsigned pre[3];
} spec;

static void make_specs(spec *sp, unsigned n, uint64_t *r)
{
    static const char *const owners[] = { NULL, "IT", "HR", "Ekonomi", "it" };
    static const char *const dues[] = { NULL, NULL, "2024", "Q2 2024", "mars 2025", "T3 2025",
                                        "2026-06-30", "2023", "hösten 2024" };
    for (unsigned i = 0; i < n; i++) {
        spec *a = &sp[i];
        snprintf(a->id, sizeof a->id, "A%u", i + 1);
        unsigned e = rnd(r, 10);
        a->effort = e == 0 ? -1.0 : (double)rnd(r, 121) / 2.0; /* halves: exact sums */
        a->owner = owners[rnd(r, 5)];
        a->due = dues[rnd(r, 9)];
        unsigned st = rnd(r, 20);
        a->status = st < 8 ? ISMS_ACTION_PROPOSED
                    : st < 15 ? ISMS_ACTION_PLANNED
                    : st < 17 ? ISMS_ACTION_IN_PROGRESS
                    : st < 19 ? ISMS_ACTION_DONE
                              : ISMS_ACTION_CANCELLED;
        unsigned rc = rnd(r, 12);
        a->recurrence = rc < 9 ? ISMS_RECUR_NONE : (isms_recurrence)(rc - 8);
        a->n_pre = 0;
        if (i > 0) /* only earlier actions: no cycles */
            for (unsigned k = rnd(r, 4); k > 0; k--) {
                unsigned q = rnd(r, i);
                bool dup = false;
                for (unsigned m = 0; m < a->n_pre; m++)
                    dup |= a->pre[m] == q;
                if (!dup)
                    a->pre[a->n_pre++] = q;
            }
    }
}

static isms_plan *build(const spec *sp, unsigned n, const unsigned *perm)
{
    isms_plan *p = new_plan(2024);
    for (unsigned k = 0; k < n; k++) {
        const spec *a = &sp[perm[k]];
        isms_action *x = act(p, a->id, a->effort, a->owner, a->due);
        status(x, a->status);
        recur(x, a->recurrence);
        for (unsigned m = 0; m < a->n_pre; m++)
            prereq(x, sp[a->pre[m]].id);
    }
    return p;
}

static bool open_status(isms_action_status s)
{
    return s == ISMS_ACTION_PROPOSED || s == ISMS_ACTION_PLANNED ||
           s == ISMS_ACTION_IN_PROGRESS;
}

/* The first period holding `id`, or -1. */
static long first_period(const isms_schedule *s, const char *id)
{
    for (size_t p = 0; p < isms_schedule_period_count(s); p++)
        for (size_t i = 0; i < isms_schedule_count(s, p); i++) {
            isms_slot slot;
            assert_int_equal(isms_schedule_item(&slot, s, p, i), ISMS_OK);
            if (strcmp(isms_action_id(slot.action), id) == 0)
                return (long)p;
        }
    return -1;
}

static bool is_unscheduled(const isms_schedule *s, const char *id)
{
    for (size_t i = 0; i < isms_schedule_unscheduled_count(s); i++)
        if (strcmp(isms_action_id(isms_schedule_unscheduled(s, i)), id) == 0)
            return true;
    return false;
}

static void check_invariants(const isms_schedule *s, isms_plan *p, const spec *sp, unsigned n,
                             const isms_schedule_options *o)
{
    /* the priority order, to check that items come in it */
    isms_action **order = NULL;
    size_t n_order = 0;
    assert_int_equal(isms_plan_prioritise(&order, &n_order, p, &o->priority), ISMS_OK);
    size_t np = isms_schedule_period_count(s);
    for (size_t per = 0; per < np; per++) {
        double cap = isms_schedule_capacity(s, per), load = 0.0, flexible = 0.0;
        double owner_flexible[3] = { 0, 0, 0 };
        bool fixed = false;
        long last_rank = -1;
        for (size_t i = 0; i < isms_schedule_count(s, per); i++) {
            isms_slot slot;
            assert_int_equal(isms_schedule_item(&slot, s, per, i), ISMS_OK);
            long rank = -1;
            for (size_t k = 0; k < n_order; k++)
                if (order[k] == slot.action)
                    rank = (long)k;
            assert_true(rank > last_rank); /* priority order, each action once */
            last_rank = rank;
            load += slot.effort;
            bool f = slot.recurring ||
                     isms_action_get_status(slot.action) == ISMS_ACTION_IN_PROGRESS;
            assert_int_equal(slot.recurring,
                             isms_action_recurrence(slot.action) != ISMS_RECUR_NONE);
            double e = isms_action_effort(slot.action);
            assert_true(slot.effort == (e > 0 ? e : 0.0) * slot.occurrences);
            assert_true(slot.occurrences >= 1);
            fixed |= f;
            if (!f) {
                flexible += slot.effort;
                for (size_t j = 0; j < o->owner_count; j++)
                    if (isms_text_matches(o->owners[j],
                                          isms_action_get(slot.action, ISMS_ACTION_OWNER)))
                        owner_flexible[j] += slot.effort;
            }
        }
        assert_double_equal(load, isms_schedule_load(s, per), 1e-9);
        if (cap > 0) {
            assert_true(flexible <= cap + 1e-9);
            if (!fixed)
                assert_true(load <= cap + 1e-9);
        }
        for (size_t j = 0; j < o->owner_count; j++)
            if (o->owner_capacity[j] > 0)
                assert_true(owner_flexible[j] <= o->owner_capacity[j] + 1e-9);
    }
    /* every open action is placed or unscheduled; prerequisites come first (a recurring one
     * with its first occurrence) */
    for (unsigned i = 0; i < n; i++) {
        const spec *a = &sp[i];
        long at = first_period(s, a->id);
        bool out = is_unscheduled(s, a->id);
        if (!open_status(a->status)) {
            assert_true(at < 0 && !out);
            continue;
        }
        assert_true((at >= 0) != out);
        if (at < 0 || a->status == ISMS_ACTION_IN_PROGRESS)
            continue;
        for (unsigned m = 0; m < a->n_pre; m++) {
            const spec *q = &sp[a->pre[m]];
            if (!open_status(q->status))
                continue;
            assert_false(is_unscheduled(s, q->id));
            long qa = first_period(s, q->id);
            assert_true(qa >= 0);
            if (o->strict)
                assert_true(at > qa);
            else
                assert_true(at >= qa);
        }
    }
    isms_free(order);
}

/* Same periods, items, loads, unscheduled actions and findings (by id). */
static void assert_same_schedule(const isms_schedule *a, const isms_schedule *b)
{
    assert_int_equal(isms_schedule_period_count(a), isms_schedule_period_count(b));
    for (size_t per = 0; per < isms_schedule_period_count(a); per++) {
        char x[4096], y[4096];
        assert_string_equal(items(x, sizeof x, a, per), items(y, sizeof y, b, per));
        assert_true(isms_schedule_load(a, per) == isms_schedule_load(b, per));
        for (size_t i = 0; i < isms_schedule_count(a, per); i++) {
            isms_slot sa, sb;
            assert_int_equal(isms_schedule_item(&sa, a, per, i), ISMS_OK);
            assert_int_equal(isms_schedule_item(&sb, b, per, i), ISMS_OK);
            assert_true(sa.effort == sb.effort);
            assert_int_equal(sa.late, sb.late);
        }
    }
    char x[4096], y[4096];
    assert_string_equal(unscheduled(x, sizeof x, a), unscheduled(y, sizeof y, b));
    /* lint follows the plan's order; the schedule's own findings follow the priority order */
    const isms_findings *fa = isms_schedule_findings(a), *fb = isms_schedule_findings(b);
    size_t na = isms_findings_count(fa), nb = isms_findings_count(fb);
    assert_int_equal(na, nb);
    size_t own = own_notes(a);
    assert_int_equal(own, own_notes(b));
    for (size_t i = na - own; i < na; i++) {
        isms_finding f, g;
        assert_int_equal(isms_findings_get(&f, fa, i), ISMS_OK);
        assert_int_equal(isms_findings_get(&g, fb, i), ISMS_OK);
        assert_string_equal(f.code, g.code);
        assert_string_equal(f.ref, g.ref);
        assert_string_equal(f.message, g.message);
    }
}

static void test_random_plans(void **state)
{
    (void)state;
    uint64_t r = 0x9E3779B97F4A7C15ull;
    static const isms_period_kind units[] = { ISMS_PERIOD_YEAR, ISMS_PERIOD_TERTIAL,
                                              ISMS_PERIOD_QUARTER, ISMS_PERIOD_MONTH };
    const char *const owners[] = { "IT", "HR", "Ekonomi" };
    size_t placed = 0, out = 0, fixed_over = 0;
    for (int round = 0; round < 200; round++) {
        spec sp[30];
        unsigned n = 1 + rnd(&r, 30);
        make_specs(sp, n, &r);
        unsigned perm[30];
        for (unsigned i = 0; i < n; i++)
            perm[i] = i;
        isms_plan *p = build(sp, n, perm);

        isms_schedule_options o = isms_schedule_options_default();
        o.start = (isms_date){ 2024, 1 + (int)rnd(&r, 12), 1 + (int)rnd(&r, 28) };
        o.unit = units[rnd(&r, 4)];
        o.periods = 1 + rnd(&r, 8);
        o.capacity = rnd(&r, 4) == 0 ? 0.0 : 10.0 + rnd(&r, 150);
        double caps[8], ocaps[3];
        if (rnd(&r, 4) == 0) {
            for (size_t i = 0; i < o.periods; i++)
                caps[i] = rnd(&r, 3) == 0 ? 0.0 : 5.0 + rnd(&r, 100);
            o.capacities = caps;
        }
        if (rnd(&r, 2)) {
            for (size_t j = 0; j < 3; j++)
                ocaps[j] = rnd(&r, 3) == 0 ? 0.0 : 10.0 + rnd(&r, 60);
            o.owners = owners;
            o.owner_capacity = ocaps;
            o.owner_count = 1 + rnd(&r, 3);
        }
        o.strict = rnd(&r, 2);
        if (rnd(&r, 2))
            o.priority.today = (isms_date){ 2024, 3, 1 };
        o.lang = rnd(&r, 2) ? ISMS_LANG_EN : ISMS_LANG_SV;

        isms_schedule *s = sched(p, &o);
        check_invariants(s, p, sp, n, &o);
        for (size_t per = 0; per < o.periods; per++) {
            placed += isms_schedule_count(s, per);
            double cap = isms_schedule_capacity(s, per);
            fixed_over += cap > 0 && isms_schedule_load(s, per) > cap;
        }
        out += isms_schedule_unscheduled_count(s);

        /* the same plan built in another order schedules alike */
        for (unsigned i = n; i > 1; i--) {
            unsigned j = rnd(&r, i);
            unsigned t = perm[i - 1];
            perm[i - 1] = perm[j];
            perm[j] = t;
        }
        isms_plan *q = build(sp, n, perm);
        isms_schedule *t = sched(q, &o);
        assert_same_schedule(s, t);
        isms_schedule_free(t);
        isms_plan_free(q);
        isms_schedule_free(s);
        isms_plan_free(p);
    }
    /* the rounds exercised every outcome */
    assert_true(placed > 200);
    assert_true(out > 20);
    assert_true(fixed_over > 0);
}

/* ---- allocation failure ------------------------------------------------------------------- */

static void test_schedule_alloc_failure(void **state)
{
    (void)state;
    isms_plan *p = new_plan(2024);
    act(p, "A1", 60, "IT", "2024");
    act(p, "A2", 60, "IT", "Q2 2024");
    isms_action *a = act(p, "A3", 20, NULL, NULL);
    prereq(a, "A2");
    a = act(p, "A4", 500, NULL, NULL);
    a = act(p, "R1", 10, "HR", NULL);
    recur(a, ISMS_RECUR_QUARTER);
    a = act(p, "P1", 30, "HR", NULL);
    status(a, ISMS_ACTION_IN_PROGRESS);
    a = act(p, "A5", 5, NULL, NULL);
    prereq(a, "A4");
    const char *const owners[] = { "IT", "HR" };
    const double caps[] = { 80, 35 }; /* HR: 30 + 10 in T1 2024 */
    isms_schedule_options o = opts(ISMS_PERIOD_TERTIAL, 4, 100);
    o.owners = owners;
    o.owner_capacity = caps;
    o.owner_count = 2;
    o.strict = true;
    o.priority.today = (isms_date){ 2024, 6, 1 };

    /* scores from other weights before: a failure must leave them */
    isms_priority w = isms_priority_default();
    assert_int_equal(isms_plan_prioritise(NULL, NULL, p, &w), ISMS_OK);
    double before[7];
    for (size_t i = 0; i < 7; i++)
        before[i] = isms_action_score(isms_plan_at(p, i));

    isms_schedule *s = (isms_schedule *)(uintptr_t)0x1;
    SWEEP(isms_plan_schedule(&s, p, &o), {
        assert_ptr_equal(s, (isms_schedule *)(uintptr_t)0x1);
        for (size_t i = 0; i < 7; i++)
            assert_true(isms_action_score(isms_plan_at(p, i)) == before[i]);
    });
    assert_true(s != (isms_schedule *)(uintptr_t)0x1);
    /* the schedule made at last is the one made without failures */
    isms_schedule *ref = sched(p, &o);
    assert_same_schedule(s, ref);
    assert_int_equal(isms_findings_count(isms_schedule_findings(s)),
                     isms_findings_count(isms_schedule_findings(ref)));
    assert_true(isms_schedule_unscheduled_count(s) >= 2); /* A4 too large, A5 after it */
    assert_true(notes(s, "plan-owner-over-capacity", "HR") >= 1);
    /* now committed: A3 has no due date and w_effort is 0 */
    assert_double_equal(isms_action_score(isms_plan_at(p, 2)), 0.1, 1e-12);
    isms_schedule_free(ref);
    isms_schedule_free(s);
    isms_plan_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_options_default),
        cmocka_unit_test(test_periods_and_accessors),
        cmocka_unit_test(test_empty_plan),
        cmocka_unit_test(test_capacity_pushes_later),
        cmocka_unit_test(test_unknown_effort_counts_zero),
        cmocka_unit_test(test_owner_not_utf8),
        cmocka_unit_test(test_owner_capacity),
        cmocka_unit_test(test_capacities_per_period),
        cmocka_unit_test(test_prerequisites_same_period_or_strict),
        cmocka_unit_test(test_done_and_cancelled),
        cmocka_unit_test(test_prerequisite_unscheduled_cascades),
        cmocka_unit_test(test_beyond_horizon_capacity),
        cmocka_unit_test(test_in_progress_first_period),
        cmocka_unit_test(test_recurring_in_years),
        cmocka_unit_test(test_recurring_in_quarters),
        cmocka_unit_test(test_recurring_in_months),
        cmocka_unit_test(test_recurring_after_prerequisites),
        cmocka_unit_test(test_over_capacity_findings),
        cmocka_unit_test(test_due_missed),
        cmocka_unit_test(test_too_large_for_owner),
        cmocka_unit_test(test_findings_lint_first),
        cmocka_unit_test(test_scores_committed),
        cmocka_unit_test(test_validation),
        cmocka_unit_test(test_past_9999),
        cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_numbers_decimal_comma_locale),
        cmocka_unit_test(test_random_plans),
        cmocka_unit_test(test_schedule_alloc_failure),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
