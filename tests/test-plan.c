/* Unit tests of the plan module's containers and vocabularies: labels, names and parsers of
 * action statuses, recurrences, effort and target kinds; plans (add, find, remove, sources);
 * every attribute of an action with its range checks; targets with prefixes; prerequisites;
 * that changes forget the last score; the draft plan from a register and a gap analysis; and
 * allocation failure. Expected values are worked out by hand in the comments. */
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

/* ---- helpers ---------------------------------------------------------------------------- */

static isms_risk *risk(isms_register *reg, const char *id, const char *title, int l, int c,
                       isms_risk_status status)
{
    isms_risk *r = NULL;
    assert_int_equal(isms_register_add(&r, reg, id, title, l, c), ISMS_OK);
    assert_int_equal(isms_risk_set_status(r, status), ISMS_OK);
    return r;
}

static isms_entry *entry(isms_assessment *a, const char *ref, isms_status s, const char *plan,
                         const char *owner, const char *due)
{
    isms_entry *e = add_entry(a, ref, s);
    assert_int_equal(isms_entry_set(e, ISMS_FIELD_PLAN, plan), ISMS_OK);
    assert_int_equal(isms_entry_set(e, ISMS_FIELD_OWNER, owner), ISMS_OK);
    assert_int_equal(isms_entry_set(e, ISMS_FIELD_DUE, due), ISMS_OK);
    return e;
}

/* Pretends that the action was scored, with three terms. */
static void mark_scored(isms_action *a)
{
    a->score = 2.5;
    a->term_count = 3;
}

static bool scored(const isms_action *a)
{
    return a->term_count == 3 && a->score == 2.5;
}

static bool forgotten(const isms_action *a)
{
    return a->term_count == 0 && a->score < 0;
}

static void assert_target(const isms_action *a, size_t i, isms_target_kind kind, const char *id)
{
    isms_target t;
    assert_int_equal(isms_action_target(&t, a, i), ISMS_OK);
    assert_int_equal(t.kind, kind);
    assert_string_equal(t.id, id);
}

static int date_num(isms_date d)
{
    return d.year * 10000 + d.month * 100 + d.day;
}

/* ---- action statuses -------------------------------------------------------------------- */

static void test_action_status_labels_and_names_in_both_languages(void **state)
{
    (void)state;
    static const char *const sv[] = { "Föreslagen", "Planerad", "Pågående", "Klar",
                                      "Avbruten" };
    static const char *const en[] = { "Proposed", "Planned", "In progress", "Done",
                                      "Cancelled" };
    static const char *const names[] = { "proposed", "planned", "in-progress", "done",
                                         "cancelled" };
    for (int s = 0; s <= ISMS_ACTION_CANCELLED; s++) {
        assert_string_equal(isms_action_status_label((isms_action_status)s, ISMS_LANG_SV),
                            sv[s]);
        assert_string_equal(isms_action_status_label((isms_action_status)s, ISMS_LANG_EN),
                            en[s]);
        assert_string_equal(isms_action_status_name((isms_action_status)s), names[s]);
        /* Every label and name reads back as its status. */
        isms_action_status back = (isms_action_status)99;
        assert_int_equal(isms_action_status_parse(&back, sv[s]), ISMS_OK);
        assert_int_equal(back, s);
        back = (isms_action_status)99;
        assert_int_equal(isms_action_status_parse(&back, en[s]), ISMS_OK);
        assert_int_equal(back, s);
        back = (isms_action_status)99;
        assert_int_equal(isms_action_status_parse(&back, names[s]), ISMS_OK);
        assert_int_equal(back, s);
    }
    assert_null(isms_action_status_label((isms_action_status)5, ISMS_LANG_SV));
    assert_null(isms_action_status_label((isms_action_status)-1, ISMS_LANG_EN));
    assert_null(isms_action_status_label(ISMS_ACTION_DONE, (isms_lang)2));
    assert_null(isms_action_status_name((isms_action_status)5));
    assert_null(isms_action_status_name((isms_action_status)-1));
}

static void test_action_status_parse_folds_case_and_reads_synonyms(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        isms_action_status status;
    } cases[] = {
        { "", ISMS_ACTION_PROPOSED },           { "   ", ISMS_ACTION_PROPOSED },
        { "FÖRESLAGEN", ISMS_ACTION_PROPOSED }, { "förslag", ISMS_ACTION_PROPOSED },
        { "Förslag", ISMS_ACTION_PROPOSED },    { " planerad ", ISMS_ACTION_PLANNED },
        { "PLANNED", ISMS_ACTION_PLANNED },     { "PÅGÅENDE", ISMS_ACTION_IN_PROGRESS },
        { "pÅgår", ISMS_ACTION_IN_PROGRESS },   { "Påbörjad", ISMS_ACTION_IN_PROGRESS },
        { "in  progress", ISMS_ACTION_IN_PROGRESS }, { "Started", ISMS_ACTION_IN_PROGRESS },
        { "ongoing", ISMS_ACTION_IN_PROGRESS }, { "In-Progress", ISMS_ACTION_IN_PROGRESS },
        { "KLAR", ISMS_ACTION_DONE },           { "klart", ISMS_ACTION_DONE },
        { "Genomförd", ISMS_ACTION_DONE },      { "GENOMFÖRD", ISMS_ACTION_DONE },
        { "completed", ISMS_ACTION_DONE },      { "done", ISMS_ACTION_DONE },
        { "AVBRUTEN", ISMS_ACTION_CANCELLED },  { "struken", ISMS_ACTION_CANCELLED },
        { "Canceled", ISMS_ACTION_CANCELLED },  { "cancelled", ISMS_ACTION_CANCELLED },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        isms_action_status s = (isms_action_status)99;
        if (isms_action_status_parse(&s, cases[i].text) != ISMS_OK)
            fail_msg("\"%s\": %s", cases[i].text, isms_error_last()->message);
        assert_int_equal(s, cases[i].status);
    }
}

static void test_action_status_parse_rejects_unknown_text_naming_it(void **state)
{
    (void)state;
    isms_action_status s = ISMS_ACTION_DONE;
    assert_int_equal(isms_action_status_parse(&s, "kanske"), ISMS_EPARSE);
    assert_error(ISMS_EPARSE, "\"kanske\"");
    assert_error(ISMS_EPARSE, "Föreslagen, Planerad, Pågående, Klar, Avbruten");
    assert_error(ISMS_EPARSE, "In progress");
    assert_int_equal(s, ISMS_ACTION_DONE); /* untouched */
    assert_int_equal(isms_action_status_parse(&s, "klar!"), ISMS_EPARSE);
    assert_error(ISMS_EPARSE, "\"klar!\"");
    assert_int_equal(isms_action_status_parse(NULL, "klar"), ISMS_EINVAL);
    assert_int_equal(isms_action_status_parse(&s, NULL), ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "NULL");
}

/* ---- recurrences ------------------------------------------------------------------------ */

static void test_recurrence_labels_and_names_in_both_languages(void **state)
{
    (void)state;
    static const char *const sv[] = { "Ingen", "Årligen", "Varje tertial", "Varje kvartal" };
    static const char *const en[] = { "None", "Yearly", "Every tertial", "Every quarter" };
    static const char *const names[] = { "none", "yearly", "tertial", "quarterly" };
    for (int r = 0; r <= ISMS_RECUR_QUARTER; r++) {
        assert_string_equal(isms_recurrence_label((isms_recurrence)r, ISMS_LANG_SV), sv[r]);
        assert_string_equal(isms_recurrence_label((isms_recurrence)r, ISMS_LANG_EN), en[r]);
        assert_string_equal(isms_recurrence_name((isms_recurrence)r), names[r]);
        const char *texts[3] = { sv[r], en[r], names[r] };
        for (int k = 0; k < 3; k++) {
            isms_recurrence back = (isms_recurrence)99;
            assert_int_equal(isms_recurrence_parse(&back, texts[k]), ISMS_OK);
            assert_int_equal(back, r);
        }
    }
    assert_null(isms_recurrence_label((isms_recurrence)4, ISMS_LANG_SV));
    assert_null(isms_recurrence_label((isms_recurrence)-1, ISMS_LANG_SV));
    assert_null(isms_recurrence_label(ISMS_RECUR_YEARLY, (isms_lang)7));
    assert_null(isms_recurrence_name((isms_recurrence)4));
}

static void test_recurrence_parse_folds_case_and_reads_synonyms(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        isms_recurrence r;
    } cases[] = {
        { "", ISMS_RECUR_NONE },                 { "INGEN", ISMS_RECUR_NONE },
        { "engångs", ISMS_RECUR_NONE },          { "Once", ISMS_RECUR_NONE },
        { "ÅRLIGEN", ISMS_RECUR_YEARLY },        { "årlig", ISMS_RECUR_YEARLY },
        { "Varje  år", ISMS_RECUR_YEARLY },      { "en gång per år", ISMS_RECUR_YEARLY },
        { "Annually", ISMS_RECUR_YEARLY },       { "every year", ISMS_RECUR_YEARLY },
        { "PER YEAR", ISMS_RECUR_YEARLY },       { "varje tertial", ISMS_RECUR_TERTIAL },
        { "Tertialvis", ISMS_RECUR_TERTIAL },    { "per tertial", ISMS_RECUR_TERTIAL },
        { "EVERY TERTIAL", ISMS_RECUR_TERTIAL }, { "VARJE KVARTAL", ISMS_RECUR_QUARTER },
        { "kvartalsvis", ISMS_RECUR_QUARTER },   { "Per kvartal", ISMS_RECUR_QUARTER },
        { "Quarterly", ISMS_RECUR_QUARTER },     { "per quarter", ISMS_RECUR_QUARTER },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        isms_recurrence r = (isms_recurrence)99;
        if (isms_recurrence_parse(&r, cases[i].text) != ISMS_OK)
            fail_msg("\"%s\": %s", cases[i].text, isms_error_last()->message);
        assert_int_equal(r, cases[i].r);
    }
    isms_recurrence r = ISMS_RECUR_QUARTER;
    assert_int_equal(isms_recurrence_parse(&r, "varannan vecka"), ISMS_EPARSE);
    assert_error(ISMS_EPARSE, "\"varannan vecka\"");
    assert_error(ISMS_EPARSE, "Årligen");
    assert_int_equal(r, ISMS_RECUR_QUARTER);
    assert_int_equal(isms_recurrence_parse(NULL, ""), ISMS_EINVAL);
    assert_int_equal(isms_recurrence_parse(&r, NULL), ISMS_EINVAL);
}

/* ---- effort ----------------------------------------------------------------------------- */

static void test_effort_sizes_have_days_and_names(void **state)
{
    (void)state;
    static const double days[] = { 0, 1, 5, 20, 60, 120 };
    static const char *const names[] = { "", "XS", "S", "M", "L", "XL" };
    for (int s = 0; s <= ISMS_EFFORT_XL; s++) {
        assert_double_equal(isms_effort_days((isms_effort_size)s), days[s], 0);
        assert_string_equal(isms_effort_size_name((isms_effort_size)s), names[s]);
    }
    assert_double_equal(isms_effort_days((isms_effort_size)6), 0, 0);
    assert_double_equal(isms_effort_days((isms_effort_size)-1), 0, 0);
    assert_null(isms_effort_size_name((isms_effort_size)6));
    assert_null(isms_effort_size_name((isms_effort_size)-1));
}

static void test_effort_parse_reads_sizes_numbers_and_units(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        double days;
        isms_effort_size size;
    } cases[] = {
        { "5", 5, ISMS_EFFORT_UNSIZED },
        { "2,5", 2.5, ISMS_EFFORT_UNSIZED },      /* Swedish decimal comma */
        { "2.5", 2.5, ISMS_EFFORT_UNSIZED },
        { ",5", 0.5, ISMS_EFFORT_UNSIZED },
        { "+2", 2, ISMS_EFFORT_UNSIZED },
        { "0", 0, ISMS_EFFORT_UNSIZED },
        { " 3 d ", 3, ISMS_EFFORT_UNSIZED },
        { "3d", 3, ISMS_EFFORT_UNSIZED },
        { "3 dagar", 3, ISMS_EFFORT_UNSIZED },
        { "3 DAGAR", 3, ISMS_EFFORT_UNSIZED },
        { "1 dag", 1, ISMS_EFFORT_UNSIZED },
        { "3 days", 3, ISMS_EFFORT_UNSIZED },
        { "3 pd", 3, ISMS_EFFORT_UNSIZED },
        { "3 person-days", 3, ISMS_EFFORT_UNSIZED },
        { "3 persondagar", 3, ISMS_EFFORT_UNSIZED },
        { "2 veckor", 10, ISMS_EFFORT_UNSIZED },  /* 5 days a week */
        { "2 weeks", 10, ISMS_EFFORT_UNSIZED },
        { "1 vecka", 5, ISMS_EFFORT_UNSIZED },
        { "1 månad", 20, ISMS_EFFORT_UNSIZED },   /* 20 days a month */
        { "1 MÅNAD", 20, ISMS_EFFORT_UNSIZED },
        { "1 month", 20, ISMS_EFFORT_UNSIZED },
        { "1,5 månader", 30, ISMS_EFFORT_UNSIZED },
        { "3 months", 60, ISMS_EFFORT_UNSIZED },
        { "4 h", 0.5, ISMS_EFFORT_UNSIZED },      /* 8 hours a day */
        { "4h", 0.5, ISMS_EFFORT_UNSIZED },
        { "4 timmar", 0.5, ISMS_EFFORT_UNSIZED },
        { "12 TIMMAR", 1.5, ISMS_EFFORT_UNSIZED },
        { "4 hours", 0.5, ISMS_EFFORT_UNSIZED },
        { "100000", 100000, ISMS_EFFORT_UNSIZED },
        { "20000 weeks", 100000, ISMS_EFFORT_UNSIZED },
        { "XS", 1, ISMS_EFFORT_XS },
        { "s", 5, ISMS_EFFORT_S },
        { "M", 20, ISMS_EFFORT_M },
        { " l ", 60, ISMS_EFFORT_L },
        { "xl", 120, ISMS_EFFORT_XL },
        { "Extra Small", 1, ISMS_EFFORT_XS },
        { "mycket liten", 1, ISMS_EFFORT_XS },
        { "small", 5, ISMS_EFFORT_S },
        { "Liten", 5, ISMS_EFFORT_S },
        { "MEDIUM", 20, ISMS_EFFORT_M },
        { "mellan", 20, ISMS_EFFORT_M },
        { "medel", 20, ISMS_EFFORT_M },
        { "large", 60, ISMS_EFFORT_L },
        { "STOR", 60, ISMS_EFFORT_L },
        { "extra large", 120, ISMS_EFFORT_XL },
        { "MYCKET STOR", 120, ISMS_EFFORT_XL },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        double d = -42;
        isms_effort_size size = (isms_effort_size)99;
        if (isms_effort_parse(&d, &size, cases[i].text) != ISMS_OK)
            fail_msg("\"%s\": %s", cases[i].text, isms_error_last()->message);
        if (fabs(d - cases[i].days) > 1e-12)
            fail_msg("\"%s\": %g days, expected %g", cases[i].text, d, cases[i].days);
        assert_int_equal(size, cases[i].size);
    }
    /* The size may be left out; "-0" is zero, not a negative number. */
    double d = -42;
    assert_int_equal(isms_effort_parse(&d, NULL, "L"), ISMS_OK);
    assert_double_equal(d, 60, 0);
    assert_int_equal(isms_effort_parse(&d, NULL, "-0"), ISMS_OK);
    assert_double_equal(d, 0, 0);
    assert_false(signbit(d));
}

static void test_effort_parse_rejects_bad_text_and_ranges(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        int code;
        const char *needle;
    } cases[] = {
        { "abc", ISMS_EPARSE, "\"abc\"" },
        { "HÖG", ISMS_EPARSE, "\"HÖG\"" },
        { "3 parsecs", ISMS_EPARSE, "unknown unit \"parsecs\"" },
        { "2,5,5", ISMS_EPARSE, "unknown unit \",5\"" },
        { "1e3", ISMS_EPARSE, "unknown unit \"e3\"" },
        { "M 3", ISMS_EPARSE, "\"M 3\"" },
        { ".", ISMS_EPARSE, "\".\"" },
        { "", ISMS_EPARSE, "empty" },
        { " \t ", ISMS_EPARSE, "empty" },
        { "-1", ISMS_ERANGE, "\"-1\" is outside 0–100000 person-days" },
        { "-0,5 dagar", ISMS_ERANGE, "\"-0,5 dagar\"" },
        { "100001", ISMS_ERANGE, "\"100001\"" },
        { "20001 veckor", ISMS_ERANGE, "\"20001 veckor\"" }, /* 100005 days */
        { "5001 månader", ISMS_ERANGE, "outside" },          /* 100020 days */
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        double d = 42;
        isms_effort_size size = ISMS_EFFORT_XL;
        int rc = isms_effort_parse(&d, &size, cases[i].text);
        if (rc != cases[i].code)
            fail_msg("\"%s\": %d, expected %d", cases[i].text, rc, cases[i].code);
        assert_error(cases[i].code, cases[i].needle);
        assert_double_equal(d, 42, 0); /* untouched */
        assert_int_equal(size, ISMS_EFFORT_XL);
    }
    /* The EPARSE message says what is accepted. */
    double d = 42;
    assert_int_equal(isms_effort_parse(&d, NULL, "lagom"), ISMS_EPARSE);
    assert_error(ISMS_EPARSE, "XS, S, M, L, XL");
    assert_error(ISMS_EPARSE, "veckor");
    /* A number too large for a double is not finite. */
    char huge[420];
    huge[0] = '1';
    memset(huge + 1, '0', 400);
    huge[401] = '\0';
    assert_int_equal(isms_effort_parse(&d, NULL, huge), ISMS_ERANGE);
    assert_double_equal(d, 42, 0);
    /* A long text is quoted cut on a character boundary. */
    char longtext[300] = "x";
    for (int i = 0; i < 40; i++)
        strcat(longtext, "åäö");
    assert_int_equal(isms_effort_parse(&d, NULL, longtext), ISMS_EPARSE);
    const char *msg = isms_error_last()->message;
    assert_true(isms__utf8_valid(msg, strlen(msg)));
    assert_int_equal(isms_effort_parse(NULL, NULL, "5"), ISMS_EINVAL);
    assert_int_equal(isms_effort_parse(&d, NULL, NULL), ISMS_EINVAL);
}

/* ---- target kinds ----------------------------------------------------------------------- */

static void test_target_kind_names_and_labels_in_both_languages(void **state)
{
    (void)state;
    static const char *const names[] = { "any", "risk", "requirement", "asset" };
    static const char *const sv[] = { "", "Risk", "Krav", "Tillgång" };
    static const char *const en[] = { "", "Risk", "Requirement", "Asset" };
    for (int k = 0; k <= ISMS_TARGET_ASSET; k++) {
        assert_string_equal(isms_target_kind_name((isms_target_kind)k), names[k]);
        assert_string_equal(isms_target_kind_label((isms_target_kind)k, ISMS_LANG_SV), sv[k]);
        assert_string_equal(isms_target_kind_label((isms_target_kind)k, ISMS_LANG_EN), en[k]);
    }
    assert_null(isms_target_kind_name((isms_target_kind)4));
    assert_null(isms_target_kind_name((isms_target_kind)-1));
    assert_null(isms_target_kind_label((isms_target_kind)4, ISMS_LANG_SV));
    assert_null(isms_target_kind_label(ISMS_TARGET_RISK, (isms_lang)2));
}

/* ---- plans ------------------------------------------------------------------------------ */

static void test_plan_new_checks_the_year_and_starts_empty(void **state)
{
    (void)state;
    isms_plan *p = (isms_plan *)(uintptr_t)0x1;
    assert_int_equal(isms_plan_new(&p, 1899), ISMS_ERANGE);
    assert_error(ISMS_ERANGE, "1899");
    assert_int_equal(isms_plan_new(&p, 10000), ISMS_ERANGE);
    assert_error(ISMS_ERANGE, "1900–9999");
    assert_ptr_equal(p, (isms_plan *)(uintptr_t)0x1);
    assert_int_equal(isms_plan_new(NULL, 2024), ISMS_EINVAL);

    p = new_plan(1900);
    assert_int_equal(isms_plan_year(p), 1900);
    isms_plan_free(p);
    p = new_plan(9999);
    assert_int_equal(isms_plan_year(p), 9999);
    assert_int_equal(isms_plan_count(p), 0);
    assert_null(isms_plan_at(p, 0));
    assert_null(isms_plan_find(p, "A1"));
    assert_null(isms_plan_register(p));
    assert_null(isms_plan_assessment(p));
    assert_null(isms_plan_inventory(p));
    isms_plan_free(p);
    isms_plan_free(NULL);

    /* NULL plans read as empty. */
    assert_int_equal(isms_plan_count(NULL), 0);
    assert_int_equal(isms_plan_year(NULL), 0);
    assert_null(isms_plan_at(NULL, 0));
    assert_null(isms_plan_find(NULL, "A1"));
    assert_null(isms_plan_register(NULL));
}

static void test_plan_sources_are_kept_replaced_and_forget_scores(void **state)
{
    (void)state;
    isms_plan *p = new_plan(2025);
    isms_register *reg = register_4x4();
    isms_assessment *as = assessment_2022(2025);
    isms_inventory *inv = NULL;
    assert_int_equal(isms_inventory_new(&inv, NULL), ISMS_OK);
    isms_action *a = add_action(p, "A1", NULL);
    mark_scored(a);

    assert_int_equal(isms_plan_set_sources(p, reg, as, inv), ISMS_OK);
    assert_ptr_equal(isms_plan_register(p), reg);
    assert_ptr_equal(isms_plan_assessment(p), as);
    assert_ptr_equal(isms_plan_inventory(p), inv);
    assert_true(forgotten(a)); /* other sources, other scores */

    assert_int_equal(isms_plan_set_sources(p, NULL, as, NULL), ISMS_OK);
    assert_null(isms_plan_register(p));
    assert_ptr_equal(isms_plan_assessment(p), as);
    assert_null(isms_plan_inventory(p));
    assert_int_equal(isms_plan_set_sources(NULL, reg, as, inv), ISMS_EINVAL);

    isms_plan_free(p);
    isms_inventory_free(inv);
    isms_assessment_free(as);
    isms_register_free(reg);
}

static void test_plan_add_trims_ids_and_find_looks_them_up(void **state)
{
    (void)state;
    isms_plan *p = new_plan(2025);
    isms_action *a1 = add_action(p, "  A1\t", "Inför MFA");
    assert_string_equal(isms_action_id(a1), "A1");
    assert_string_equal(isms_action_get(a1, ISMS_ACTION_TITLE), "Inför MFA");
    isms_action *a2 = add_action(p, "A2", NULL);
    assert_string_equal(isms_action_get(a2, ISMS_ACTION_TITLE), "");
    assert_int_equal(isms_plan_add(NULL, p, "A10", "x"), ISMS_OK); /* out may be NULL */

    assert_int_equal(isms_plan_count(p), 3);
    assert_ptr_equal(isms_plan_at(p, 0), a1);
    assert_ptr_equal(isms_plan_at(p, 1), a2);
    assert_string_equal(isms_action_id(isms_plan_at(p, 2)), "A10");
    assert_null(isms_plan_at(p, 3));
    assert_ptr_equal(isms_plan_find(p, "A1"), a1);
    assert_ptr_equal(isms_plan_find(p, " A1 "), a1);
    assert_ptr_equal(isms_plan_find(p, "A2"), a2);
    assert_null(isms_plan_find(p, "a1")); /* ids are exact */
    assert_null(isms_plan_find(p, "A"));
    assert_null(isms_plan_find(p, ""));
    assert_null(isms_plan_find(p, NULL));
    assert_int_equal(a1->idx, 0);
    assert_int_equal(a2->idx, 1);
    assert_ptr_equal(a1->plan, p);

    /* Many actions: the index grows and still finds each one. */
    for (int i = 0; i < 200; i++) {
        char id[16];
        snprintf(id, sizeof id, "B%d", i);
        add_action(p, id, id);
    }
    for (int i = 0; i < 200; i++) {
        char id[16];
        snprintf(id, sizeof id, "B%d", i);
        isms_action *b = isms_plan_find(p, id);
        assert_non_null(b);
        assert_string_equal(isms_action_get(b, ISMS_ACTION_TITLE), id);
        assert_int_equal(b->idx, 3 + i);
    }
    isms_plan_free(p);
}

static void test_plan_add_rejects_blank_long_and_duplicate_ids(void **state)
{
    (void)state;
    isms_plan *p = new_plan(2025);
    add_action(p, "A1", "Första");
    isms_action *out = (isms_action *)(uintptr_t)0x1;
    assert_int_equal(isms_plan_add(&out, p, "A1", "Igen"), ISMS_EEXIST);
    assert_error(ISMS_EEXIST, "\"A1\" already exists");
    assert_int_equal(isms_plan_add(&out, p, " A1  ", "Igen"), ISMS_EEXIST);
    assert_int_equal(isms_plan_add(&out, p, "", NULL), ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "not blank");
    assert_int_equal(isms_plan_add(&out, p, " \t\n", NULL), ISMS_EINVAL);
    assert_int_equal(isms_plan_add(&out, p, "\xC2\xA0", NULL), ISMS_EINVAL); /* NBSP */
    assert_int_equal(isms_plan_add(&out, p, NULL, NULL), ISMS_EINVAL);
    assert_int_equal(isms_plan_add(&out, NULL, "A9", NULL), ISMS_EINVAL);

    char id[300];
    memset(id, 'x', 257);
    id[257] = '\0';
    assert_int_equal(isms_plan_add(&out, p, id, NULL), ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "257 bytes");
    assert_error(ISMS_EINVAL, "at most 256");
    assert_ptr_equal(out, (isms_action *)(uintptr_t)0x1);
    assert_int_equal(isms_plan_count(p), 1);
    /* 256 bytes is allowed, also with white space around it. */
    id[256] = '\0';
    assert_int_equal(isms_plan_add(&out, p, id, NULL), ISMS_OK);
    assert_int_equal(strlen(isms_action_id(out)), 256);
    char padded[320];
    snprintf(padded, sizeof padded, "  %s  ", id);
    assert_int_equal(isms_plan_add(NULL, p, padded, NULL), ISMS_EEXIST);
    assert_int_equal(isms_plan_count(p), 2);
    isms_plan_free(p);
}

static void test_plan_remove_closes_up_and_renumbers(void **state)
{
    (void)state;
    isms_plan *p = new_plan(2025);
    isms_action *a[5];
    for (int i = 0; i < 5; i++) {
        char id[8];
        snprintf(id, sizeof id, "A%d", i + 1);
        a[i] = add_action(p, id, NULL);
    }
    assert_int_equal(isms_action_add_prerequisite(a[2], "A2"), ISMS_OK);
    assert_int_equal(isms_action_add_target(a[1], ISMS_TARGET_ANY, "risk:R1"), ISMS_OK);

    assert_int_equal(isms_plan_remove(p, "A2"), ISMS_OK);
    assert_int_equal(isms_plan_count(p), 4);
    assert_null(isms_plan_find(p, "A2"));
    assert_ptr_equal(isms_plan_at(p, 0), a[0]);
    assert_ptr_equal(isms_plan_at(p, 1), a[2]);
    assert_ptr_equal(isms_plan_at(p, 2), a[3]);
    assert_ptr_equal(isms_plan_at(p, 3), a[4]);
    assert_null(isms_plan_at(p, 4));
    for (uint32_t i = 0; i < 4; i++)
        assert_int_equal(isms_plan_at(p, i)->idx, i);
    /* A3 keeps the name of its removed prerequisite. */
    assert_string_equal(isms_action_prerequisite(a[2], 0), "A2");

    assert_int_equal(isms_plan_remove(p, " A5 "), ISMS_OK); /* the last one, trimmed */
    assert_int_equal(isms_plan_count(p), 3);
    assert_ptr_equal(isms_plan_find(p, "A4"), a[3]);
    assert_int_equal(isms_plan_remove(p, "A1"), ISMS_OK); /* the first one */
    assert_ptr_equal(isms_plan_at(p, 0), a[2]);
    assert_int_equal(a[2]->idx, 0);
    assert_int_equal(a[3]->idx, 1);
    assert_ptr_equal(isms_plan_find(p, "A3"), a[2]);

    assert_int_equal(isms_plan_remove(p, "A5"), ISMS_ENOTFOUND);
    assert_error(ISMS_ENOTFOUND, "\"A5\"");
    assert_int_equal(isms_plan_remove(p, NULL), ISMS_EINVAL);
    assert_int_equal(isms_plan_remove(NULL, "A3"), ISMS_EINVAL);
    /* The id can be used again. */
    isms_action *again = add_action(p, "A2", "Ny");
    assert_int_equal(again->idx, 2);
    assert_int_equal(isms_plan_count(p), 3);
    isms_plan_free(p);
}

/* ---- actions ---------------------------------------------------------------------------- */

static void test_new_action_has_nothing_set(void **state)
{
    (void)state;
    isms_plan *p = new_plan(2025);
    isms_action *a = add_action(p, "A1", NULL);
    for (int f = ISMS_ACTION_TITLE; f <= ISMS_ACTION_DUE; f++)
        assert_string_equal(isms_action_get(a, (isms_action_field)f), "");
    assert_int_equal(isms_action_due(a).kind, ISMS_PERIOD_NONE);
    assert_int_equal(isms_action_get_status(a), ISMS_ACTION_PROPOSED);
    assert_int_equal(isms_action_recurrence(a), ISMS_RECUR_NONE);
    assert_true(isms_action_effort(a) < 0);
    assert_int_equal(isms_action_effort_size(a), ISMS_EFFORT_UNSIZED);
    assert_true(isms_action_cost(a) < 0);
    assert_int_equal(isms_action_target_count(a), 0);
    assert_int_equal(isms_action_prerequisite_count(a), 0);
    assert_null(isms_action_prerequisite(a, 0));
    int l = 7, c = 7;
    isms_action_expected_residual(&l, &c, a);
    assert_int_equal(l, UNSET);
    assert_int_equal(c, UNSET);
    assert_int_equal(isms_action_expected_status(a), ISMS_STATUS_NOT_ASSESSED);
    assert_true(forgotten(a));
    assert_true(isms__action_open(a));

    /* NULL actions read as nothing set. */
    assert_string_equal(isms_action_id(NULL), "");
    assert_string_equal(isms_action_get(NULL, ISMS_ACTION_TITLE), "");
    assert_string_equal(isms_action_get(a, (isms_action_field)9), "");
    assert_int_equal(isms_action_due(NULL).kind, ISMS_PERIOD_NONE);
    assert_int_equal(isms_action_get_status(NULL), ISMS_ACTION_PROPOSED);
    assert_int_equal(isms_action_recurrence(NULL), ISMS_RECUR_NONE);
    assert_true(isms_action_effort(NULL) < 0);
    assert_int_equal(isms_action_effort_size(NULL), ISMS_EFFORT_UNSIZED);
    assert_true(isms_action_cost(NULL) < 0);
    assert_int_equal(isms_action_target_count(NULL), 0);
    assert_int_equal(isms_action_prerequisite_count(NULL), 0);
    assert_null(isms_action_prerequisite(NULL, 0));
    isms_action_expected_residual(&l, NULL, NULL);
    assert_int_equal(isms_action_expected_status(NULL), ISMS_STATUS_NOT_ASSESSED);
    isms_action_clear_targets(NULL);
    isms_action_clear_prerequisites(NULL);
    isms_plan_free(p);
}

static void test_action_text_fields_and_due_read_with_the_plan_year(void **state)
{
    (void)state;
    isms_plan *p = new_plan(2025);
    isms_action *a = add_action(p, "A1", "Gammal");
    assert_int_equal(isms_action_set(a, ISMS_ACTION_TITLE, "Inför MFA för fjärråtkomst"),
                     ISMS_OK);
    assert_int_equal(isms_action_set(a, ISMS_ACTION_DESCRIPTION, "Rad 1\nRad 2"), ISMS_OK);
    assert_int_equal(isms_action_set(a, ISMS_ACTION_OWNER, "IT-chef"), ISMS_OK);
    assert_string_equal(isms_action_get(a, ISMS_ACTION_TITLE), "Inför MFA för fjärråtkomst");
    assert_string_equal(isms_action_get(a, ISMS_ACTION_DESCRIPTION), "Rad 1\nRad 2");
    assert_string_equal(isms_action_get(a, ISMS_ACTION_OWNER), "IT-chef");
    assert_int_equal(isms_action_set(a, ISMS_ACTION_OWNER, NULL), ISMS_OK);
    assert_string_equal(isms_action_get(a, ISMS_ACTION_OWNER), "");

    /* "mars" has no year: the plan's year 2025 applies. */
    assert_int_equal(isms_action_set(a, ISMS_ACTION_DUE, "mars"), ISMS_OK);
    assert_string_equal(isms_action_get(a, ISMS_ACTION_DUE), "mars");
    isms_period due = isms_action_due(a);
    assert_int_equal(due.kind, ISMS_PERIOD_MONTH);
    assert_int_equal(date_num(due.start), 20250301);
    assert_int_equal(date_num(due.end), 20250331);
    assert_true(due.year_assumed);
    assert_int_equal(isms_action_set(a, ISMS_ACTION_DUE, "Q2 2026"), ISMS_OK);
    due = isms_action_due(a);
    assert_int_equal(due.kind, ISMS_PERIOD_QUARTER);
    assert_int_equal(date_num(due.end), 20260630);
    assert_false(due.year_assumed);
    assert_int_equal(isms_action_set(a, ISMS_ACTION_DUE, "inför nästa verksamhetsplan"),
                     ISMS_OK);
    assert_int_equal(isms_action_due(a).kind, ISMS_PERIOD_UNPARSED);
    assert_int_equal(isms_action_set(a, ISMS_ACTION_DUE, NULL), ISMS_OK);
    assert_string_equal(isms_action_get(a, ISMS_ACTION_DUE), "");
    assert_int_equal(isms_action_due(a).kind, ISMS_PERIOD_NONE);

    assert_int_equal(isms_action_set(a, (isms_action_field)4, "x"), ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "field 4");
    assert_int_equal(isms_action_set(a, (isms_action_field)-1, "x"), ISMS_EINVAL);
    assert_int_equal(isms_action_set(NULL, ISMS_ACTION_TITLE, "x"), ISMS_EINVAL);
    assert_string_equal(isms_action_get(a, ISMS_ACTION_TITLE), "Inför MFA för fjärråtkomst");
    isms_plan_free(p);
}

static void test_action_status_and_recurrence_setters_check_the_range(void **state)
{
    (void)state;
    isms_plan *p = new_plan(2025);
    isms_action *a = add_action(p, "A1", NULL);
    static const bool open[] = { true, true, true, false, false };
    for (int s = 0; s <= ISMS_ACTION_CANCELLED; s++) {
        assert_int_equal(isms_action_set_status(a, (isms_action_status)s), ISMS_OK);
        assert_int_equal(isms_action_get_status(a), s);
        assert_int_equal(isms__action_open(a), open[s]);
    }
    assert_int_equal(isms_action_set_status(a, (isms_action_status)5), ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "status 5");
    assert_int_equal(isms_action_set_status(a, (isms_action_status)-1), ISMS_EINVAL);
    assert_int_equal(isms_action_get_status(a), ISMS_ACTION_CANCELLED);
    assert_int_equal(isms_action_set_status(NULL, ISMS_ACTION_DONE), ISMS_EINVAL);

    for (int r = 0; r <= ISMS_RECUR_QUARTER; r++) {
        assert_int_equal(isms_action_set_recurrence(a, (isms_recurrence)r), ISMS_OK);
        assert_int_equal(isms_action_recurrence(a), r);
    }
    assert_int_equal(isms_action_set_recurrence(a, (isms_recurrence)4), ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "recurrence 4");
    assert_int_equal(isms_action_recurrence(a), ISMS_RECUR_QUARTER);
    assert_int_equal(isms_action_set_recurrence(NULL, ISMS_RECUR_NONE), ISMS_EINVAL);
    isms_plan_free(p);
}

static void test_action_effort_and_cost_setters_check_the_range(void **state)
{
    (void)state;
    isms_plan *p = new_plan(2025);
    isms_action *a = add_action(p, "A1", NULL);
    assert_int_equal(isms_action_set_effort_size(a, ISMS_EFFORT_M), ISMS_OK);
    assert_double_equal(isms_action_effort(a), 20, 0);
    assert_int_equal(isms_action_effort_size(a), ISMS_EFFORT_M);
    assert_int_equal(isms_action_set_effort(a, 3.5), ISMS_OK); /* the size goes */
    assert_double_equal(isms_action_effort(a), 3.5, 0);
    assert_int_equal(isms_action_effort_size(a), ISMS_EFFORT_UNSIZED);
    assert_int_equal(isms_action_set_effort_size(a, ISMS_EFFORT_XL), ISMS_OK);
    assert_double_equal(isms_action_effort(a), 120, 0);
    assert_int_equal(isms_action_set_effort_size(a, ISMS_EFFORT_UNSIZED), ISMS_OK);
    assert_true(isms_action_effort(a) < 0);
    assert_int_equal(isms_action_set_effort(a, 0), ISMS_OK);
    assert_double_equal(isms_action_effort(a), 0, 0);
    assert_int_equal(isms_action_set_effort(a, 100000), ISMS_OK);
    assert_double_equal(isms_action_effort(a), 100000, 0);
    assert_int_equal(isms_action_set_effort(a, -5), ISMS_OK); /* clears */
    assert_true(isms_action_effort(a) < 0);

    assert_int_equal(isms_action_set_effort(a, 7), ISMS_OK);
    assert_int_equal(isms_action_set_effort(a, 100000.5), ISMS_ERANGE);
    assert_error(ISMS_ERANGE, "action \"A1\"");
    assert_error(ISMS_ERANGE, "0–100000");
    assert_int_equal(isms_action_set_effort(a, NAN), ISMS_ERANGE);
    assert_int_equal(isms_action_set_effort(a, INFINITY), ISMS_ERANGE);
    assert_int_equal(isms_action_set_effort(a, -INFINITY), ISMS_ERANGE);
    assert_double_equal(isms_action_effort(a), 7, 0);
    assert_int_equal(isms_action_set_effort_size(a, (isms_effort_size)6), ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "size 6");
    assert_double_equal(isms_action_effort(a), 7, 0);
    assert_int_equal(isms_action_set_effort(NULL, 1), ISMS_EINVAL);
    assert_int_equal(isms_action_set_effort_size(NULL, ISMS_EFFORT_S), ISMS_EINVAL);

    assert_int_equal(isms_action_set_cost(a, 1500.5), ISMS_OK);
    assert_double_equal(isms_action_cost(a), 1500.5, 0);
    assert_int_equal(isms_action_set_cost(a, 0), ISMS_OK);
    assert_double_equal(isms_action_cost(a), 0, 0);
    assert_int_equal(isms_action_set_cost(a, 1e12), ISMS_OK); /* no upper limit */
    assert_int_equal(isms_action_set_cost(a, NAN), ISMS_ERANGE);
    assert_error(ISMS_ERANGE, "finite");
    assert_int_equal(isms_action_set_cost(a, INFINITY), ISMS_ERANGE);
    assert_double_equal(isms_action_cost(a), 1e12, 0);
    assert_int_equal(isms_action_set_cost(a, -3), ISMS_OK);
    assert_true(isms_action_cost(a) < 0);
    assert_int_equal(isms_action_set_cost(NULL, 1), ISMS_EINVAL);
    isms_plan_free(p);
}

static void test_action_targets_take_the_kind_from_a_prefix(void **state)
{
    (void)state;
    isms_plan *p = new_plan(2025);
    isms_action *a = add_action(p, "A1", NULL);
    static const struct {
        isms_target_kind kind;
        const char *text;
        isms_target_kind want_kind;
        const char *want_id;
    } cases[] = {
        { ISMS_TARGET_ANY, "risk:R3", ISMS_TARGET_RISK, "R3" },
        { ISMS_TARGET_ANY, " Req: 6.1.2 ", ISMS_TARGET_REQUIREMENT, "6.1.2" },
        { ISMS_TARGET_ANY, "KRAV:A.5.1", ISMS_TARGET_REQUIREMENT, "A.5.1" },
        { ISMS_TARGET_ANY, "requirement:\t5.2", ISMS_TARGET_REQUIREMENT, "5.2" },
        { ISMS_TARGET_ANY, "asset:HR", ISMS_TARGET_ASSET, "HR" },
        { ISMS_TARGET_ANY, "TILLGÅNG: Lönesystem", ISMS_TARGET_ASSET, "Lönesystem" },
        { ISMS_TARGET_ANY, "tillgång:Diarium", ISMS_TARGET_ASSET, "Diarium" },
        { ISMS_TARGET_ANY, "  R4 ", ISMS_TARGET_ANY, "R4" },
        { ISMS_TARGET_ANY, "urn:x:1", ISMS_TARGET_ANY, "urn:x:1" }, /* not a prefix */
        { ISMS_TARGET_ANY, "risker:R5", ISMS_TARGET_ANY, "risker:R5" },
        { ISMS_TARGET_ANY, "risk:asset:X", ISMS_TARGET_RISK, "asset:X" }, /* one prefix */
        { ISMS_TARGET_RISK, "req:5", ISMS_TARGET_RISK, "req:5" }, /* kind given: as is */
        { ISMS_TARGET_REQUIREMENT, " 9.2 ", ISMS_TARGET_REQUIREMENT, "9.2" },
        { ISMS_TARGET_ASSET, "Skola", ISMS_TARGET_ASSET, "Skola" },
    };
    size_t n = sizeof cases / sizeof *cases;
    for (size_t i = 0; i < n; i++)
        if (isms_action_add_target(a, cases[i].kind, cases[i].text) != ISMS_OK)
            fail_msg("\"%s\": %s", cases[i].text, isms_error_last()->message);
    assert_int_equal(isms_action_target_count(a), n);
    for (size_t i = 0; i < n; i++)
        assert_target(a, i, cases[i].want_kind, cases[i].want_id);

    isms_target t = { ISMS_TARGET_ASSET, "x" };
    assert_int_equal(isms_action_target(&t, a, n), ISMS_ERANGE);
    assert_error(ISMS_ERANGE, "target 14 of action \"A1\"");
    assert_int_equal(isms_action_target(NULL, a, 0), ISMS_EINVAL);
    assert_int_equal(isms_action_target(&t, NULL, 0), ISMS_EINVAL);

    isms_action_clear_targets(a);
    assert_int_equal(isms_action_target_count(a), 0);
    assert_int_equal(isms_action_target(&t, a, 0), ISMS_ERANGE);
    assert_int_equal(isms_action_add_target(a, ISMS_TARGET_ANY, "R1"), ISMS_OK);
    assert_int_equal(isms_action_target_count(a), 1);
    isms_plan_free(p);
}

static void test_action_targets_ignore_duplicates_and_reject_blank(void **state)
{
    (void)state;
    isms_plan *p = new_plan(2025);
    isms_action *a = add_action(p, "A1", NULL);
    assert_int_equal(isms_action_add_target(a, ISMS_TARGET_ANY, "risk:R3"), ISMS_OK);
    assert_int_equal(isms_action_add_target(a, ISMS_TARGET_RISK, " R3"), ISMS_OK); /* same */
    assert_int_equal(isms_action_add_target(a, ISMS_TARGET_ANY, "RISK: R3 "), ISMS_OK);
    assert_int_equal(isms_action_target_count(a), 1);
    /* Another kind, or an id that only starts alike, is another target. */
    assert_int_equal(isms_action_add_target(a, ISMS_TARGET_ANY, "R3"), ISMS_OK);
    assert_int_equal(isms_action_add_target(a, ISMS_TARGET_RISK, "R"), ISMS_OK);
    assert_int_equal(isms_action_add_target(a, ISMS_TARGET_RISK, "R33"), ISMS_OK);
    assert_int_equal(isms_action_target_count(a), 4);
    assert_target(a, 1, ISMS_TARGET_ANY, "R3");
    assert_target(a, 2, ISMS_TARGET_RISK, "R");
    assert_target(a, 3, ISMS_TARGET_RISK, "R33");

    assert_int_equal(isms_action_add_target(a, ISMS_TARGET_ANY, "  "), ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "not blank");
    assert_error(ISMS_EINVAL, "action \"A1\"");
    assert_int_equal(isms_action_add_target(a, ISMS_TARGET_ANY, "risk:  "), ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "\"risk:  \"");
    assert_int_equal(isms_action_add_target(a, ISMS_TARGET_ASSET, ""), ISMS_EINVAL);
    assert_int_equal(isms_action_add_target(a, (isms_target_kind)4, "R1"), ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "target kind 4");
    assert_int_equal(isms_action_add_target(a, ISMS_TARGET_ANY, NULL), ISMS_EINVAL);
    assert_int_equal(isms_action_add_target(NULL, ISMS_TARGET_ANY, "R1"), ISMS_EINVAL);
    assert_int_equal(isms_action_target_count(a), 4);
    isms_plan_free(p);
}

static void test_action_prerequisites_are_kept_once_and_not_the_action_itself(void **state)
{
    (void)state;
    isms_plan *p = new_plan(2025);
    isms_action *a = add_action(p, "A2", NULL);
    assert_int_equal(isms_action_add_prerequisite(a, "A1"), ISMS_OK); /* need not exist */
    assert_int_equal(isms_action_add_prerequisite(a, " A3 "), ISMS_OK);
    assert_int_equal(isms_action_add_prerequisite(a, "A1"), ISMS_OK); /* again: nothing */
    assert_int_equal(isms_action_add_prerequisite(a, "\tA3"), ISMS_OK);
    assert_int_equal(isms_action_prerequisite_count(a), 2);
    /* Ids that only start alike are different. */
    assert_int_equal(isms_action_add_prerequisite(a, "A"), ISMS_OK);
    assert_int_equal(isms_action_add_prerequisite(a, "A11"), ISMS_OK);
    assert_int_equal(isms_action_prerequisite_count(a), 4);
    assert_string_equal(isms_action_prerequisite(a, 0), "A1");
    assert_string_equal(isms_action_prerequisite(a, 1), "A3");
    assert_string_equal(isms_action_prerequisite(a, 2), "A");
    assert_string_equal(isms_action_prerequisite(a, 3), "A11");
    assert_null(isms_action_prerequisite(a, 4));
    /* One block: "A1\0A3\0A\0A11\0" is 3 + 3 + 2 + 4 bytes. */
    assert_int_equal(a->prereq_len, 12);
    assert_memory_equal(a->prereqs, "A1\0A3\0A\0A11\0", 12);

    assert_int_equal(isms_action_add_prerequisite(a, "A2"), ISMS_ECYCLE);
    assert_error(ISMS_ECYCLE, "\"A2\" cannot be its own prerequisite");
    assert_int_equal(isms_action_add_prerequisite(a, "  A2 "), ISMS_ECYCLE);
    assert_int_equal(isms_action_add_prerequisite(a, ""), ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "not blank");
    assert_int_equal(isms_action_add_prerequisite(a, " "), ISMS_EINVAL);
    assert_int_equal(isms_action_add_prerequisite(a, NULL), ISMS_EINVAL);
    assert_int_equal(isms_action_add_prerequisite(NULL, "A1"), ISMS_EINVAL);
    assert_int_equal(isms_action_prerequisite_count(a), 4);

    isms_action_clear_prerequisites(a);
    assert_int_equal(isms_action_prerequisite_count(a), 0);
    assert_null(isms_action_prerequisite(a, 0));
    assert_int_equal(isms_action_add_prerequisite(a, "A9"), ISMS_OK);
    assert_string_equal(isms_action_prerequisite(a, 0), "A9");
    isms_plan_free(p);
}

static void test_action_expected_residual_and_status_check_their_values(void **state)
{
    (void)state;
    isms_plan *p = new_plan(2025);
    isms_action *a = add_action(p, "A1", NULL);
    int l = 0, c = 0;
    assert_int_equal(isms_action_set_expected_residual(a, 2, 3), ISMS_OK);
    isms_action_expected_residual(&l, &c, a);
    assert_int_equal(l, 2);
    assert_int_equal(c, 3);
    assert_int_equal(isms_action_set_expected_residual(a, 0, 100), ISMS_OK);
    isms_action_expected_residual(NULL, &c, a);
    assert_int_equal(c, 100);

    assert_int_equal(isms_action_set_expected_residual(a, UNSET, 2), ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "both");
    assert_int_equal(isms_action_set_expected_residual(a, 2, UNSET), ISMS_EINVAL);
    assert_int_equal(isms_action_set_expected_residual(a, 101, 1), ISMS_ERANGE);
    assert_error(ISMS_ERANGE, "likelihood 101 is outside 0–100");
    assert_int_equal(isms_action_set_expected_residual(a, 1, -1), ISMS_ERANGE);
    assert_error(ISMS_ERANGE, "consequence -1");
    assert_int_equal(isms_action_set_expected_residual(NULL, 1, 1), ISMS_EINVAL);
    isms_action_expected_residual(&l, &c, a);
    assert_int_equal(l, 0);
    assert_int_equal(c, 100);
    assert_int_equal(isms_action_set_expected_residual(a, UNSET, UNSET), ISMS_OK);
    isms_action_expected_residual(&l, &c, a);
    assert_int_equal(l, UNSET);
    assert_int_equal(c, UNSET);

    assert_int_equal(isms_action_set_expected_status(a, ISMS_STATUS_PARTIAL), ISMS_OK);
    assert_int_equal(isms_action_expected_status(a), ISMS_STATUS_PARTIAL);
    assert_int_equal(isms_action_set_expected_status(a, ISMS_STATUS_YES), ISMS_OK);
    assert_int_equal(isms_action_expected_status(a), ISMS_STATUS_YES);
    assert_int_equal(isms_action_set_expected_status(a, ISMS_STATUS_NO), ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "not no");
    assert_int_equal(isms_action_set_expected_status(a, ISMS_STATUS_NOT_APPLICABLE),
                     ISMS_EINVAL);
    assert_int_equal(isms_action_set_expected_status(a, (isms_status)9), ISMS_EINVAL);
    assert_int_equal(isms_action_set_expected_status(NULL, ISMS_STATUS_YES), ISMS_EINVAL);
    assert_int_equal(isms_action_expected_status(a), ISMS_STATUS_YES);
    assert_int_equal(isms_action_set_expected_status(a, ISMS_STATUS_NOT_ASSESSED), ISMS_OK);
    assert_int_equal(isms_action_expected_status(a), ISMS_STATUS_NOT_ASSESSED);
    isms_plan_free(p);
}

/* Every successful change forgets the score; failures and repeated targets or prerequisites
 * keep it. */
static void test_every_change_forgets_the_score(void **state)
{
    (void)state;
    isms_plan *p = new_plan(2025);
    isms_action *a = add_action(p, "A1", NULL);
    isms_action *b = add_action(p, "A2", NULL);

#define FORGETS(call)                                                                        \
    do {                                                                                     \
        mark_scored(a);                                                                      \
        mark_scored(b);                                                                      \
        assert_int_equal((call), ISMS_OK);                                                   \
        assert_true(forgotten(a));                                                           \
        assert_true(scored(b)); /* the other action keeps its score */                      \
    } while (0)
#define KEEPS(call, code)                                                                    \
    do {                                                                                     \
        mark_scored(a);                                                                      \
        assert_int_equal((call), (code));                                                    \
        assert_true(scored(a));                                                              \
    } while (0)

    for (int f = ISMS_ACTION_TITLE; f <= ISMS_ACTION_DUE; f++)
        FORGETS(isms_action_set(a, (isms_action_field)f, "2026"));
    FORGETS(isms_action_set_status(a, ISMS_ACTION_DONE));
    FORGETS(isms_action_set_recurrence(a, ISMS_RECUR_YEARLY));
    FORGETS(isms_action_set_effort(a, 3));
    FORGETS(isms_action_set_effort_size(a, ISMS_EFFORT_S));
    FORGETS(isms_action_set_cost(a, 100));
    FORGETS(isms_action_add_target(a, ISMS_TARGET_ANY, "risk:R1"));
    FORGETS(isms_action_add_prerequisite(a, "A2"));
    FORGETS(isms_action_set_expected_residual(a, 1, 1));
    FORGETS(isms_action_set_expected_status(a, ISMS_STATUS_PARTIAL));
    mark_scored(a);
    isms_action_clear_targets(a);
    assert_true(forgotten(a));
    mark_scored(a);
    isms_action_clear_prerequisites(a);
    assert_true(forgotten(a));

    assert_int_equal(isms_action_add_target(a, ISMS_TARGET_RISK, "R1"), ISMS_OK);
    assert_int_equal(isms_action_add_prerequisite(a, "A2"), ISMS_OK);
    KEEPS(isms_action_add_target(a, ISMS_TARGET_RISK, "R1"), ISMS_OK);
    KEEPS(isms_action_add_prerequisite(a, "A2"), ISMS_OK);
    KEEPS(isms_action_set_status(a, (isms_action_status)9), ISMS_EINVAL);
    KEEPS(isms_action_set_effort(a, NAN), ISMS_ERANGE);
    KEEPS(isms_action_set_expected_residual(a, 1, UNSET), ISMS_EINVAL);
    KEEPS(isms_action_add_prerequisite(a, "A1"), ISMS_ECYCLE);
    KEEPS(isms_action_set(a, (isms_action_field)7, "x"), ISMS_EINVAL);
#undef FORGETS
#undef KEEPS

    /* isms__action_changed itself. */
    mark_scored(b);
    isms__action_changed(b);
    assert_int_equal(b->term_count, 0);
    assert_double_equal(b->score, -1, 0);
    isms_plan_free(p);
}

/* ---- draft ------------------------------------------------------------------------------ */

/* The register of the draft tests (4×4, value = likelihood × consequence, acceptance 3).
 * Drafted: R1 (12), R2 (4), R11 (6) and R12 (12). Not drafted: R3 (3, at the threshold), R4
 * (accepted), R5 (not assessed), R6 (addressed by A1 as risk:R6), R7 (an action risk-R7
 * exists), R8 (closed), R9 (treated), R10 (addressed by A1 as "R10", kind any). */
static isms_register *draft_register(void)
{
    isms_register *reg = register_4x4();
    isms_risk *r1 = risk(reg, "R1", "Nätfiske", 3, 4, ISMS_RISK_OPEN);
    assert_int_equal(isms_risk_set_treatment(r1, ISMS_TREATMENT_MODIFY, "Utbilda personalen"),
                     ISMS_OK);
    assert_int_equal(isms_risk_set_owner(r1, "IT"), ISMS_OK);
    assert_int_equal(isms_risk_set_residual(r1, 2, 2), ISMS_OK);
    isms_risk *r2 = risk(reg, "R2", "Strömavbrott", 2, 2, ISMS_RISK_IN_TREATMENT);
    assert_int_equal(isms_risk_set_treatment(r2, ISMS_TREATMENT_MODIFY, "  "), ISMS_OK);
    risk(reg, "R3", "Låg risk", 1, 3, ISMS_RISK_OPEN);
    risk(reg, "R4", "Accepterad", 4, 4, ISMS_RISK_ACCEPTED);
    risk(reg, "R5", "Ej bedömd", UNSET, UNSET, ISMS_RISK_OPEN);
    risk(reg, "R6", "Adresserad", 4, 4, ISMS_RISK_OPEN);
    risk(reg, "R7", "Har åtgärd", 3, 3, ISMS_RISK_OPEN);
    risk(reg, "R8", "Stängd", 2, 4, ISMS_RISK_CLOSED);
    risk(reg, "R9", "Åtgärdad", 4, 2, ISMS_RISK_TREATED);
    risk(reg, "R10", "Adresserad utan prefix", 4, 3, ISMS_RISK_OPEN);
    risk(reg, "R11", "Krav med samma namn", 3, 2, ISMS_RISK_OPEN);
    isms_risk *r12 = risk(reg, "R12", "", 3, 4, ISMS_RISK_OPEN);
    assert_int_equal(isms_risk_set_residual(r12, 1, 1), ISMS_OK);
    return reg;
}

/* 119 'a' then "ö": the cut at 120 bytes falls inside "ö", so the title keeps 119 bytes. */
static const char *long_plan_a(void)
{
    static char buf[300];
    memset(buf, 'a', 119);
    strcpy(buf + 119, "ö och mer text som inte får plats\nAndra raden");
    return buf;
}

/* 118 'a', "ö" (bytes 118–119), then "ä" from byte 120: the cut keeps 120 bytes. */
static const char *long_plan_b(void)
{
    static char buf[300];
    memset(buf, 'a', 118);
    strcpy(buf + 118, "öä resten");
    return buf;
}

/* Exactly 120 bytes on the first line, then CRLF: no cut. */
static const char *plan_120(void)
{
    static char buf[300];
    memset(buf, 'b', 120);
    strcpy(buf + 120, "\r\nAndra raden");
    return buf;
}

/* The assessment of the draft tests. Drafted: 6.1.2, 5.2, 6.2, 6.3 and 8.1 (addressed only
 * as a risk "8.1"). Not drafted: 7.2 (yes), 9.2 (blank plan), A.5.1 (addressed by A1 as
 * "krav: a.5.1"), 10.2 (not applicable), 4.1 (an action req-4.1 exists), 9.1 (not assessed). */
static isms_assessment *draft_assessment(void)
{
    isms_assessment *as = assessment_2022(2025);
    entry(as, "6.1.2", ISMS_STATUS_NO, "\n  Ta fram en riskmetod  \r\nMed mall och skala",
          "CISO", "mars");
    entry(as, "5.2", ISMS_STATUS_PARTIAL, long_plan_a(), "", "");
    entry(as, "6.2", ISMS_STATUS_NO, long_plan_b(), "", "2026");
    entry(as, "6.3", ISMS_STATUS_PARTIAL, plan_120(), "", "");
    entry(as, "7.2", ISMS_STATUS_YES, "Redan klart", "HR", "");
    entry(as, "9.2", ISMS_STATUS_PARTIAL, " \n ", "", "");
    entry(as, "A.5.1", ISMS_STATUS_NO, "Skriv policy", "", "");
    entry(as, "8.1", ISMS_STATUS_NO, "Styr driften", "Drift", "Q3");
    entry(as, "10.2", ISMS_STATUS_NOT_APPLICABLE, "Inget", "", "");
    entry(as, "4.1", ISMS_STATUS_NO, "Inventera", "", "");
    entry(as, "9.1", ISMS_STATUS_NOT_ASSESSED, "Mät", "", "");
    return as;
}

/* A plan that already addresses R6, R10 and A.5.1, and has actions risk-R7 and req-4.1. */
static isms_plan *draft_plan(void)
{
    isms_plan *p = new_plan(2025);
    isms_action *a1 = add_action(p, "A1", "Befintlig");
    assert_int_equal(isms_action_add_target(a1, ISMS_TARGET_ANY, "risk:R6"), ISMS_OK);
    assert_int_equal(isms_action_add_target(a1, ISMS_TARGET_ANY, "R10"), ISMS_OK);
    assert_int_equal(isms_action_add_target(a1, ISMS_TARGET_ANY, "krav: a.5.1"), ISMS_OK);
    /* Kinds that do not fit: a requirement "R11" and a risk "8.1" address neither. */
    assert_int_equal(isms_action_add_target(a1, ISMS_TARGET_REQUIREMENT, "R11"), ISMS_OK);
    assert_int_equal(isms_action_add_target(a1, ISMS_TARGET_RISK, "8.1"), ISMS_OK);
    add_action(p, "risk-R7", "Egen rubrik");
    add_action(p, "req-4.1", "Egen");
    return p;
}

static void test_draft_adds_actions_for_open_risks_and_gaps(void **state)
{
    (void)state;
    isms_register *reg = draft_register();
    isms_assessment *as = draft_assessment();
    isms_plan *p = draft_plan();
    size_t added = 99;
    assert_int_equal(isms_plan_draft(&added, p, reg, as, ISMS_LANG_SV), ISMS_OK);
    assert_int_equal(added, 9);
    assert_int_equal(isms_plan_count(p), 3 + 9);
    static const char *const ids[] = { "A1",     "risk-R7", "req-4.1", "risk-R1",
                                       "risk-R2", "risk-R11", "risk-R12", "req-6.1.2",
                                       "req-5.2", "req-6.2", "req-6.3", "req-8.1" };
    for (size_t i = 0; i < 12; i++)
        assert_string_equal(isms_action_id(isms_plan_at(p, i)), ids[i]);

    /* Risks: treatment text as title, owner, residual levels, the risk as target. */
    isms_action *a = isms_plan_find(p, "risk-R1");
    assert_string_equal(isms_action_get(a, ISMS_ACTION_TITLE), "Utbilda personalen");
    assert_string_equal(isms_action_get(a, ISMS_ACTION_OWNER), "IT");
    assert_string_equal(isms_action_get(a, ISMS_ACTION_DESCRIPTION), "");
    assert_int_equal(isms_action_get_status(a), ISMS_ACTION_PROPOSED);
    int l, c;
    isms_action_expected_residual(&l, &c, a);
    assert_int_equal(l, 2);
    assert_int_equal(c, 2);
    assert_int_equal(isms_action_target_count(a), 1);
    assert_target(a, 0, ISMS_TARGET_RISK, "R1");
    /* No treatment text (only blanks): "Behandla risken: <title>"; no residual. */
    a = isms_plan_find(p, "risk-R2");
    assert_string_equal(isms_action_get(a, ISMS_ACTION_TITLE), "Behandla risken: Strömavbrott");
    assert_string_equal(isms_action_get(a, ISMS_ACTION_OWNER), "");
    isms_action_expected_residual(&l, &c, a);
    assert_int_equal(l, UNSET);
    assert_int_equal(c, UNSET);
    assert_target(a, 0, ISMS_TARGET_RISK, "R2");
    assert_string_equal(isms_action_get(isms_plan_find(p, "risk-R11"), ISMS_ACTION_TITLE),
                        "Behandla risken: Krav med samma namn");
    /* No title either: the id stands in. */
    a = isms_plan_find(p, "risk-R12");
    assert_string_equal(isms_action_get(a, ISMS_ACTION_TITLE), "Behandla risken: R12");
    isms_action_expected_residual(&l, &c, a);
    assert_int_equal(l, 1);
    assert_int_equal(c, 1);

    /* Requirements: first line as title, whole text as description, owner and due. */
    a = isms_plan_find(p, "req-6.1.2");
    assert_string_equal(isms_action_get(a, ISMS_ACTION_TITLE), "Ta fram en riskmetod");
    assert_string_equal(isms_action_get(a, ISMS_ACTION_DESCRIPTION),
                        "\n  Ta fram en riskmetod  \r\nMed mall och skala");
    assert_string_equal(isms_action_get(a, ISMS_ACTION_OWNER), "CISO");
    assert_string_equal(isms_action_get(a, ISMS_ACTION_DUE), "mars");
    assert_int_equal(date_num(isms_action_due(a).end), 20250331);
    assert_int_equal(isms_action_target_count(a), 1);
    assert_target(a, 0, ISMS_TARGET_REQUIREMENT, "6.1.2");

    char want[300];
    memset(want, 'a', 119);
    strcpy(want + 119, "…");
    a = isms_plan_find(p, "req-5.2");
    assert_string_equal(isms_action_get(a, ISMS_ACTION_TITLE), want);
    assert_string_equal(isms_action_get(a, ISMS_ACTION_DESCRIPTION), long_plan_a());
    memset(want, 'a', 118);
    strcpy(want + 118, "ö…");
    a = isms_plan_find(p, "req-6.2");
    assert_string_equal(isms_action_get(a, ISMS_ACTION_TITLE), want);
    assert_int_equal(isms_action_due(a).kind, ISMS_PERIOD_YEAR);
    memset(want, 'b', 120);
    want[120] = '\0';
    assert_string_equal(isms_action_get(isms_plan_find(p, "req-6.3"), ISMS_ACTION_TITLE),
                        want);
    a = isms_plan_find(p, "req-8.1");
    assert_string_equal(isms_action_get(a, ISMS_ACTION_TITLE), "Styr driften");
    assert_string_equal(isms_action_get(a, ISMS_ACTION_OWNER), "Drift");
    assert_int_equal(date_num(isms_action_due(a).end), 20250930);

    /* Existing actions are left alone. */
    assert_string_equal(isms_action_get(isms_plan_find(p, "risk-R7"), ISMS_ACTION_TITLE),
                        "Egen rubrik");
    assert_int_equal(isms_action_target_count(isms_plan_find(p, "risk-R7")), 0);
    assert_string_equal(isms_action_get(isms_plan_find(p, "req-4.1"), ISMS_ACTION_TITLE),
                        "Egen");
    assert_int_equal(isms_action_target_count(isms_plan_find(p, "A1")), 5);

    /* The sources were unset: they are now the register and the assessment. */
    assert_ptr_equal(isms_plan_register(p), reg);
    assert_ptr_equal(isms_plan_assessment(p), as);

    /* A second draft finds everything addressed. */
    added = 99;
    assert_int_equal(isms_plan_draft(&added, p, reg, as, ISMS_LANG_SV), ISMS_OK);
    assert_int_equal(added, 0);
    assert_int_equal(isms_plan_count(p), 12);
    isms_plan_free(p);
    isms_assessment_free(as);
    isms_register_free(reg);
}

static void test_draft_writes_titles_in_english_and_keeps_set_sources(void **state)
{
    (void)state;
    isms_register *reg = draft_register();
    isms_register *other = register_4x4();
    isms_plan *p = new_plan(2025);
    isms_action *old = add_action(p, "A0", NULL);
    assert_int_equal(isms_plan_set_sources(p, other, NULL, NULL), ISMS_OK);
    mark_scored(old);
    assert_int_equal(isms_plan_draft(NULL, p, reg, NULL, ISMS_LANG_EN), ISMS_OK);
    /* R1 R2 R6 R7 R10 R11 R12: nothing addresses R6, R10 or R7 in this plan. */
    assert_int_equal(isms_plan_count(p), 1 + 7);
    assert_string_equal(isms_action_get(isms_plan_find(p, "risk-R2"), ISMS_ACTION_TITLE),
                        "Treat the risk: Strömavbrott");
    assert_string_equal(isms_action_get(isms_plan_find(p, "risk-R12"), ISMS_ACTION_TITLE),
                        "Treat the risk: R12");
    assert_string_equal(isms_action_get(isms_plan_find(p, "risk-R1"), ISMS_ACTION_TITLE),
                        "Utbilda personalen");
    assert_non_null(isms_plan_find(p, "risk-R6"));
    assert_non_null(isms_plan_find(p, "risk-R7"));
    assert_non_null(isms_plan_find(p, "risk-R10"));
    /* The register was set already: it stays; no new source, so the old score stays. */
    assert_ptr_equal(isms_plan_register(p), other);
    assert_null(isms_plan_assessment(p));
    assert_true(scored(old));

    /* An assessment for a plan without one becomes its source and forgets scores. */
    isms_assessment *as = assessment_2022(2025);
    size_t added = 99;
    assert_int_equal(isms_plan_draft(&added, p, NULL, as, ISMS_LANG_EN), ISMS_OK);
    assert_int_equal(added, 0);
    assert_ptr_equal(isms_plan_assessment(p), as);
    assert_true(forgotten(old));

    /* Nothing to draft from, or no plan. */
    assert_int_equal(isms_plan_draft(&added, p, NULL, NULL, ISMS_LANG_SV), ISMS_OK);
    assert_int_equal(added, 0);
    assert_int_equal(isms_plan_draft(&added, NULL, reg, as, ISMS_LANG_SV), ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "plan is NULL");
    isms_plan_free(p);
    isms_assessment_free(as);
    isms_register_free(other);
    isms_register_free(reg);
}

static void test_draft_skips_ids_too_long_for_an_action(void **state)
{
    (void)state;
    isms_register *reg = register_4x4();
    char id[300];
    memset(id, 'R', 252); /* "risk-" + 252 bytes = 257: too long */
    id[252] = '\0';
    risk(reg, id, "Lång", 4, 4, ISMS_RISK_OPEN);
    id[251] = '\0'; /* 256 bytes: fits */
    risk(reg, id, "Lagom", 4, 4, ISMS_RISK_OPEN);
    isms_plan *p = new_plan(2025);
    size_t added = 99;
    assert_int_equal(isms_plan_draft(&added, p, reg, NULL, ISMS_LANG_SV), ISMS_OK);
    assert_int_equal(added, 1);
    assert_int_equal(strlen(isms_action_id(isms_plan_at(p, 0))), 256);
    assert_string_equal(isms_action_get(isms_plan_at(p, 0), ISMS_ACTION_TITLE),
                        "Behandla risken: Lagom");
    isms_plan_free(p);
    isms_register_free(reg);
}

/* ---- allocation failure ----------------------------------------------------------------- */

static void test_alloc_failure_plan_new_and_add_leave_nothing(void **state)
{
    (void)state;
    isms_plan *p = NULL;
    SWEEP(isms_plan_new(&p, 2025), assert_null(p));
    /* Each add in turn, across the growth of the array and the index. */
    for (int i = 0; i < 40; i++) {
        char id[16];
        snprintf(id, sizeof id, "A%d", i);
        size_t before = isms_plan_count(p);
        isms_action *out = NULL;
        SWEEP(isms_plan_add(&out, p, id, "En rubrik"), {
            assert_int_equal(isms_plan_count(p), before);
            assert_null(isms_plan_find(p, id));
            assert_null(out);
        });
        assert_ptr_equal(isms_plan_find(p, id), out);
        assert_string_equal(isms_action_get(out, ISMS_ACTION_TITLE), "En rubrik");
    }
    assert_int_equal(isms_plan_count(p), 40);
    isms_plan_free(p);
}

static void test_alloc_failure_setters_leave_the_action_unchanged(void **state)
{
    (void)state;
    isms_plan *p = new_plan(2025);
    isms_action *a = add_action(p, "A1", "Gammal");
    assert_int_equal(isms_action_set(a, ISMS_ACTION_DUE, "2024"), ISMS_OK);
    mark_scored(a);
    SWEEP(isms_action_set(a, ISMS_ACTION_TITLE, "Ny"), {
        assert_string_equal(isms_action_get(a, ISMS_ACTION_TITLE), "Gammal");
        assert_true(scored(a));
    });
    assert_string_equal(isms_action_get(a, ISMS_ACTION_TITLE), "Ny");
    mark_scored(a);
    SWEEP(isms_action_set(a, ISMS_ACTION_DUE, "mars"), {
        assert_string_equal(isms_action_get(a, ISMS_ACTION_DUE), "2024");
        assert_int_equal(isms_action_due(a).kind, ISMS_PERIOD_YEAR);
        assert_true(scored(a));
    });
    assert_int_equal(isms_action_due(a).kind, ISMS_PERIOD_MONTH);

    for (int i = 0; i < 12; i++) {
        char id[16];
        snprintf(id, sizeof id, "risk:R%d", i);
        size_t before = isms_action_target_count(a);
        mark_scored(a);
        SWEEP(isms_action_add_target(a, ISMS_TARGET_ANY, id), {
            assert_int_equal(isms_action_target_count(a), before);
            assert_true(scored(a));
        });
        assert_int_equal(isms_action_target_count(a), before + 1);
        assert_true(forgotten(a));
    }
    assert_target(a, 11, ISMS_TARGET_RISK, "R11");

    for (int i = 0; i < 12; i++) {
        char id[32];
        snprintf(id, sizeof id, "Förutsättning %d", i);
        size_t before = isms_action_prerequisite_count(a), len = a->prereq_len;
        mark_scored(a);
        SWEEP(isms_action_add_prerequisite(a, id), {
            assert_int_equal(isms_action_prerequisite_count(a), before);
            assert_int_equal(a->prereq_len, len);
            assert_true(scored(a));
        });
        assert_string_equal(isms_action_prerequisite(a, before), id);
    }
    assert_string_equal(isms_action_prerequisite(a, 0), "Förutsättning 0");
    isms_plan_free(p);
}

static void test_alloc_failure_draft_leaves_the_plan_as_it_was(void **state)
{
    (void)state;
    isms_register *reg = draft_register();
    isms_assessment *as = draft_assessment();
    isms_plan *p = draft_plan();
    isms_action *a1 = isms_plan_find(p, "A1");
    mark_scored(a1);
    size_t added = 4242;
    long runs = 0;
    SWEEP(isms_plan_draft(&added, p, reg, as, ISMS_LANG_SV), {
        runs++;
        assert_int_equal(isms_plan_count(p), 3);
        assert_null(isms_plan_find(p, "risk-R1"));
        assert_null(isms_plan_find(p, "req-6.1.2"));
        assert_null(isms_plan_register(p));
        assert_null(isms_plan_assessment(p));
        assert_true(scored(a1));
        assert_int_equal(added, 4242);
    });
    assert_true(runs > 9); /* at least one allocation per added action */
    assert_int_equal(added, 9);
    assert_int_equal(isms_plan_count(p), 12);
    assert_ptr_equal(isms_plan_register(p), reg);
    assert_string_equal(isms_action_get(isms_plan_find(p, "risk-R2"), ISMS_ACTION_TITLE),
                        "Behandla risken: Strömavbrott");
    isms_plan_free(p);
    isms_assessment_free(as);
    isms_register_free(reg);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_action_status_labels_and_names_in_both_languages),
        cmocka_unit_test(test_action_status_parse_folds_case_and_reads_synonyms),
        cmocka_unit_test(test_action_status_parse_rejects_unknown_text_naming_it),
        cmocka_unit_test(test_recurrence_labels_and_names_in_both_languages),
        cmocka_unit_test(test_recurrence_parse_folds_case_and_reads_synonyms),
        cmocka_unit_test(test_effort_sizes_have_days_and_names),
        cmocka_unit_test(test_effort_parse_reads_sizes_numbers_and_units),
        cmocka_unit_test(test_effort_parse_rejects_bad_text_and_ranges),
        cmocka_unit_test(test_target_kind_names_and_labels_in_both_languages),
        cmocka_unit_test(test_plan_new_checks_the_year_and_starts_empty),
        cmocka_unit_test(test_plan_sources_are_kept_replaced_and_forget_scores),
        cmocka_unit_test(test_plan_add_trims_ids_and_find_looks_them_up),
        cmocka_unit_test(test_plan_add_rejects_blank_long_and_duplicate_ids),
        cmocka_unit_test(test_plan_remove_closes_up_and_renumbers),
        cmocka_unit_test(test_new_action_has_nothing_set),
        cmocka_unit_test(test_action_text_fields_and_due_read_with_the_plan_year),
        cmocka_unit_test(test_action_status_and_recurrence_setters_check_the_range),
        cmocka_unit_test(test_action_effort_and_cost_setters_check_the_range),
        cmocka_unit_test(test_action_targets_take_the_kind_from_a_prefix),
        cmocka_unit_test(test_action_targets_ignore_duplicates_and_reject_blank),
        cmocka_unit_test(test_action_prerequisites_are_kept_once_and_not_the_action_itself),
        cmocka_unit_test(test_action_expected_residual_and_status_check_their_values),
        cmocka_unit_test(test_every_change_forgets_the_score),
        cmocka_unit_test(test_draft_adds_actions_for_open_risks_and_gaps),
        cmocka_unit_test(test_draft_writes_titles_in_english_and_keeps_set_sources),
        cmocka_unit_test(test_draft_skips_ids_too_long_for_an_action),
        cmocka_unit_test(test_alloc_failure_plan_new_and_add_leave_nothing),
        cmocka_unit_test(test_alloc_failure_setters_leave_the_action_unchanged),
        cmocka_unit_test(test_alloc_failure_draft_leaves_the_plan_as_it_was),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
