/* Unit tests of assessments: model, labels, summary, lint, conversion, comparison. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "test-util.h"

/* ---- helpers ---------------------------------------------------------------------------- */

static isms_assessment *make(isms_edition ed, isms_scope scope)
{
    isms_assessment *a = NULL;
    assert_int_equal(isms_assessment_new(&a, ed, 2024, scope), ISMS_OK);
    return a;
}

static isms_entry *put(isms_assessment *a, const char *ref, isms_status s, isms_need need,
                       const char *plan, const char *owner, const char *due)
{
    isms_entry *e = NULL;
    int rc = isms_assessment_add(&e, a, ref);
    if (rc)
        fail_msg("add %s: %s", ref, isms_error_last()->message);
    assert_int_equal(isms_entry_set_status(e, s), ISMS_OK);
    assert_int_equal(isms_entry_set_need(e, need), ISMS_OK);
    assert_int_equal(isms_entry_set(e, ISMS_FIELD_PLAN, plan), ISMS_OK);
    assert_int_equal(isms_entry_set(e, ISMS_FIELD_OWNER, owner), ISMS_OK);
    assert_int_equal(isms_entry_set(e, ISMS_FIELD_DUE, due), ISMS_OK);
    return e;
}

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

/* ---- labels and parsers ----------------------------------------------------------------- */

static void test_status_parse(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        isms_status want;
    } cases[] = {
        { "Ja", ISMS_STATUS_YES },
        { "JA", ISMS_STATUS_YES },
        { " ja ", ISMS_STATUS_YES },
        { "yes", ISMS_STATUS_YES },
        { "Uppfyllt", ISMS_STATUS_YES },
        { "delvis", ISMS_STATUS_PARTIAL },
        { "DELVIS", ISMS_STATUS_PARTIAL },
        { "Partially", ISMS_STATUS_PARTIAL },
        { "Nej", ISMS_STATUS_NO },
        { "NEJ", ISMS_STATUS_NO },
        { "no", ISMS_STATUS_NO },
        { "Ej tillämplig", ISMS_STATUS_NOT_APPLICABLE },
        { "EJ TILLÄMPLIG", ISMS_STATUS_NOT_APPLICABLE },
        { "ej  tillämpligt", ISMS_STATUS_NOT_APPLICABLE },
        { "N/A", ISMS_STATUS_NOT_APPLICABLE },
        { "not_applicable", ISMS_STATUS_NOT_APPLICABLE },
        { "Ej bedömd", ISMS_STATUS_NOT_ASSESSED },
        { "not assessed", ISMS_STATUS_NOT_ASSESSED },
        { "", ISMS_STATUS_NOT_ASSESSED },
        { "   ", ISMS_STATUS_NOT_ASSESSED },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        isms_status s = (isms_status)99;
        if (isms_status_parse(&s, cases[i].text) != ISMS_OK)
            fail_msg("\"%s\": %s", cases[i].text, isms_error_last()->message);
        if (s != cases[i].want)
            fail_msg("\"%s\" read as %d, want %d", cases[i].text, s, cases[i].want);
    }
    isms_status s = ISMS_STATUS_YES;
    assert_int_equal(isms_status_parse(&s, "Kanske"), ISMS_EPARSE);
    assert_error(ISMS_EPARSE, "\"Kanske\" is not one of Ja, Delvis, Nej");
    assert_int_equal(s, ISMS_STATUS_YES);
    assert_int_equal(isms_status_parse(NULL, "Ja"), ISMS_EINVAL);
    assert_int_equal(isms_status_parse(&s, NULL), ISMS_EINVAL);

    assert_string_equal(isms_status_label(ISMS_STATUS_PARTIAL, ISMS_LANG_SV), "Delvis");
    assert_string_equal(isms_status_label(ISMS_STATUS_NOT_APPLICABLE, ISMS_LANG_EN),
                        "Not applicable");
    assert_string_equal(isms_status_label((isms_status)9, ISMS_LANG_EN), "");
    assert_string_equal(isms_status_name(ISMS_STATUS_NOT_ASSESSED), "not_assessed");
    assert_string_equal(isms_status_name(ISMS_STATUS_YES), "yes");
    /* Every label and name reads back as its status. */
    for (int st = 0; st < ISMS_STATUS_COUNT; st++)
        for (int l = 0; l < 2; l++) {
            assert_int_equal(isms_status_parse(&s, isms_status_label((isms_status)st,
                                                                     (isms_lang)l)),
                             ISMS_OK);
            assert_int_equal(s, st);
            assert_int_equal(isms_status_parse(&s, isms_status_name((isms_status)st)), ISMS_OK);
            assert_int_equal(s, st);
        }
}

static void test_need_applicability_reason(void **state)
{
    (void)state;
    isms_need n;
    assert_int_equal(isms_need_parse(&n, "HÖG"), ISMS_OK);
    assert_int_equal(n, ISMS_NEED_HIGH);
    assert_int_equal(isms_need_parse(&n, "låg"), ISMS_OK);
    assert_int_equal(n, ISMS_NEED_LOW);
    assert_int_equal(isms_need_parse(&n, "Medium"), ISMS_OK);
    assert_int_equal(n, ISMS_NEED_MEDIUM);
    assert_int_equal(isms_need_parse(&n, "ingen"), ISMS_OK);
    assert_int_equal(n, ISMS_NEED_NONE);
    assert_int_equal(isms_need_parse(&n, ""), ISMS_OK);
    assert_int_equal(n, ISMS_NEED_UNSET);
    assert_int_equal(isms_need_parse(&n, "Akut"), ISMS_EPARSE);
    assert_error(ISMS_EPARSE, "\"Akut\"");
    assert_string_equal(isms_need_label(ISMS_NEED_HIGH, ISMS_LANG_SV), "Hög");
    assert_string_equal(isms_need_label(ISMS_NEED_UNSET, ISMS_LANG_SV), "");
    assert_string_equal(isms_need_name(ISMS_NEED_MEDIUM), "medium");

    isms_applicability ap;
    assert_int_equal(isms_applicability_parse(&ap, "ja"), ISMS_OK);
    assert_int_equal(ap, ISMS_APPLICABILITY_APPLICABLE);
    assert_int_equal(isms_applicability_parse(&ap, "Exkluderad"), ISMS_OK);
    assert_int_equal(ap, ISMS_APPLICABILITY_EXCLUDED);
    assert_int_equal(isms_applicability_parse(&ap, ""), ISMS_OK);
    assert_int_equal(ap, ISMS_APPLICABILITY_UNDECIDED);
    assert_int_equal(isms_applicability_parse(&ap, "kanske"), ISMS_EPARSE);
    assert_string_equal(isms_applicability_label(ISMS_APPLICABILITY_EXCLUDED, ISMS_LANG_EN),
                        "Excluded");

    unsigned r = 99;
    assert_int_equal(isms_reason_parse(&r, ""), ISMS_OK);
    assert_int_equal(r, 0);
    assert_int_equal(isms_reason_parse(&r, "risk, lagkrav och avtal"), ISMS_OK);
    assert_int_equal(r, ISMS_REASON_RISK | ISMS_REASON_LEGAL | ISMS_REASON_CONTRACTUAL);
    assert_int_equal(isms_reason_parse(&r, "Legal; Business"), ISMS_OK);
    assert_int_equal(r, ISMS_REASON_LEGAL | ISMS_REASON_BUSINESS);
    assert_int_equal(isms_reason_parse(&r, "Risk treatment and contractual"), ISMS_OK);
    assert_int_equal(r, ISMS_REASON_RISK | ISMS_REASON_CONTRACTUAL);
    assert_int_equal(isms_reason_parse(&r, "Riskbehandling\nVerksamhetskrav"), ISMS_OK);
    assert_int_equal(r, ISMS_REASON_RISK | ISMS_REASON_BUSINESS);
    assert_int_equal(isms_reason_parse(&r, "risk, tycke"), ISMS_EPARSE);
    assert_error(ISMS_EPARSE, "\"tycke\"");
    assert_string_equal(isms_reason_label(ISMS_REASON_LEGAL, ISMS_LANG_SV), "Lagkrav");
    assert_string_equal(isms_reason_label((isms_reason)3, ISMS_LANG_SV), "");
    /* Every label reads back. */
    for (unsigned f = 1; f <= 8; f <<= 1)
        for (int l = 0; l < 2; l++) {
            assert_int_equal(isms_reason_parse(&r, isms_reason_label((isms_reason)f,
                                                                     (isms_lang)l)),
                             ISMS_OK);
            assert_int_equal(r, f);
        }
}

/* ---- the model ------------------------------------------------------------------------- */

static void test_new_and_add(void **state)
{
    (void)state;
    isms_assessment *a = NULL;
    assert_int_equal(isms_assessment_new(&a, ISMS_EDITION_UNKNOWN, 2024, ISMS_SCOPE_BOTH),
                     ISMS_EINVAL);
    assert_int_equal(isms_assessment_new(&a, ISMS_EDITION_2022, 1899, ISMS_SCOPE_BOTH),
                     ISMS_EINVAL);
    assert_int_equal(isms_assessment_new(&a, ISMS_EDITION_2022, 2024, (isms_scope)0),
                     ISMS_EINVAL);
    assert_null(a);

    a = make(ISMS_EDITION_2022, ISMS_SCOPE_BOTH);
    assert_int_equal(isms_assessment_edition(a), ISMS_EDITION_2022);
    assert_int_equal(isms_assessment_year(a), 2024);
    isms_date d = isms_assessment_date(a);
    assert_int_equal(d.year * 10000 + d.month * 100 + d.day, 20241231);
    assert_ptr_equal(isms_assessment_catalog(a), isms_catalog_get(ISMS_EDITION_2022));

    isms_entry *e;
    assert_int_equal(isms_assessment_add(&e, a, " A 5.1 "), ISMS_OK);
    assert_string_equal(isms_entry_ref(e), "A.5.1");
    assert_non_null(isms_entry_item(e));
    assert_int_equal(isms_entry_status(e), ISMS_STATUS_NOT_ASSESSED);
    assert_int_equal(isms_entry_need(e), ISMS_NEED_UNSET);
    assert_int_equal(isms_assessment_add(&e, a, "5.1"), ISMS_OK); /* the clause */
    assert_string_equal(isms_entry_ref(e), "5.1");
    assert_int_equal(isms_item_kind_of(isms_entry_item(e)), ISMS_ITEM_CLAUSE);
    assert_int_equal(isms_assessment_add(&e, a, "a.5.1"), ISMS_EEXIST);
    assert_error(ISMS_EEXIST, "A.5.1");
    assert_int_equal(isms_assessment_add(&e, a, "  X-17 "), ISMS_OK);
    assert_string_equal(isms_entry_ref(e), "X-17");
    assert_null(isms_entry_item(e));
    assert_int_equal(isms_assessment_add(NULL, a, "  "), ISMS_EINVAL);
    assert_int_equal(isms_assessment_count(a), 3);

    assert_ptr_equal(isms_assessment_find(a, "A.05.01"), isms_assessment_at(a, 0));
    assert_ptr_equal(isms_assessment_find(a, "X-17 "), isms_assessment_at(a, 2));
    assert_null(isms_assessment_find(a, "6.1.2"));
    assert_null(isms_assessment_at(a, 3));

    assert_int_equal(isms_assessment_remove(a, "5.1"), ISMS_OK);
    assert_int_equal(isms_assessment_remove(a, "5.1"), ISMS_ENOTFOUND);
    assert_int_equal(isms_assessment_count(a), 2);
    assert_string_equal(isms_entry_ref(isms_assessment_at(a, 1)), "X-17");
    assert_ptr_equal(isms_assessment_find(a, "X-17"), isms_assessment_at(a, 1));
    isms_assessment_free(a);

    /* In an Annex-A-only assessment a plain number is the control. */
    a = make(ISMS_EDITION_2022, ISMS_SCOPE_ANNEX_A);
    assert_int_equal(isms_assessment_add(&e, a, "8.8"), ISMS_OK);
    assert_string_equal(isms_entry_ref(e), "A.8.8");
    isms_assessment_free(a);

    /* add_all fills in every requirement of the scope, once. */
    a = make(ISMS_EDITION_2013, ISMS_SCOPE_CLAUSES);
    assert_int_equal(isms_assessment_add(NULL, a, "6.1.2"), ISMS_OK);
    assert_int_equal(isms_assessment_add_all(a), ISMS_OK);
    assert_int_equal(isms_assessment_count(a), 26);
    assert_string_equal(isms_entry_ref(isms_assessment_at(a, 0)), "6.1.2");
    assert_string_equal(isms_entry_ref(isms_assessment_at(a, 1)), "4.1");
    assert_int_equal(isms_assessment_add_all(a), ISMS_OK);
    assert_int_equal(isms_assessment_count(a), 26);
    isms_assessment_free(a);
    isms_assessment_free(NULL);
}

static void test_fields(void **state)
{
    (void)state;
    isms_assessment *a = make(ISMS_EDITION_2022, ISMS_SCOPE_BOTH);
    isms_entry *e = put(a, "6.1.2", ISMS_STATUS_PARTIAL, ISMS_NEED_HIGH,
                        "Inför riskbedömningsmetod", "CISO", "Q2 2025");
    assert_string_equal(isms_entry_get(e, ISMS_FIELD_PLAN), "Inför riskbedömningsmetod");
    assert_string_equal(isms_entry_get(e, ISMS_FIELD_OWNER), "CISO");
    assert_string_equal(isms_entry_get(e, ISMS_FIELD_DUE), "Q2 2025");
    isms_period p = isms_entry_due(e);
    assert_int_equal(p.kind, ISMS_PERIOD_QUARTER);
    assert_int_equal(p.end.year * 10000 + p.end.month * 100 + p.end.day, 20250630);
    /* A due date without a year takes the assessment's. */
    assert_int_equal(isms_entry_set(e, ISMS_FIELD_DUE, "hösten"), ISMS_OK);
    p = isms_entry_due(e);
    assert_int_equal(p.kind, ISMS_PERIOD_HALF);
    assert_int_equal(p.start.year * 10000 + p.start.month * 100 + p.start.day, 20240701);
    assert_true(p.year_assumed);
    assert_int_equal(isms_entry_set(e, ISMS_FIELD_DUE, NULL), ISMS_OK);
    assert_int_equal(isms_entry_due(e).kind, ISMS_PERIOD_NONE);
    assert_string_equal(isms_entry_get(e, ISMS_FIELD_COMMENT), "");
    assert_int_equal(isms_entry_set(e, (isms_entry_field)7, "x"), ISMS_EINVAL);
    assert_int_equal(isms_entry_set_status(e, (isms_status)5), ISMS_EINVAL);
    assert_int_equal(isms_entry_set_need(e, (isms_need)5), ISMS_EINVAL);
    assert_int_equal(isms_entry_status(e), ISMS_STATUS_PARTIAL);

    /* Evidence. */
    assert_int_equal(isms_entry_add_evidence(e, "Riskpolicy v2.pdf"), ISMS_OK);
    assert_int_equal(isms_entry_add_evidence(e, "Diarienr KS 2024/117"), ISMS_OK);
    assert_int_equal(isms_entry_add_evidence(e, "två\nrader"), ISMS_EINVAL);
    assert_int_equal(isms_entry_add_evidence(e, "  "), ISMS_EINVAL);
    assert_int_equal(isms_entry_evidence_count(e), 2);
    assert_string_equal(isms_entry_evidence(e, 1), "Diarienr KS 2024/117");
    assert_null(isms_entry_evidence(e, 2));
    isms_entry_clear_evidence(e);
    assert_int_equal(isms_entry_evidence_count(e), 0);

    /* Statement of Applicability. */
    isms_entry *c = put(a, "A.7.4", ISMS_STATUS_NOT_ASSESSED, ISMS_NEED_UNSET, "", "", "");
    assert_true(isms_entry_applicable(c));
    assert_int_equal(isms_entry_set_applicability(c, ISMS_APPLICABILITY_EXCLUDED), ISMS_OK);
    assert_false(isms_entry_applicable(c));
    assert_int_equal(isms_entry_set_reasons(c, ISMS_REASON_LEGAL | ISMS_REASON_RISK), ISMS_OK);
    assert_int_equal(isms_entry_reasons(c), ISMS_REASON_LEGAL | ISMS_REASON_RISK);
    assert_int_equal(isms_entry_set_reasons(c, 16), ISMS_EINVAL);
    assert_int_equal(isms_entry_set_applicability(c, (isms_applicability)3), ISMS_EINVAL);
    assert_int_equal(isms_entry_applicability(c), ISMS_APPLICABILITY_EXCLUDED);

    /* Extra columns. */
    size_t ix = 9;
    assert_int_equal(isms_entry_set_extra(e, 0, "x"), ISMS_EINVAL);
    assert_int_equal(isms_assessment_add_extra(&ix, a, "Diarienummer"), ISMS_OK);
    assert_int_equal(ix, 0);
    assert_int_equal(isms_assessment_add_extra(&ix, a, " \t"), ISMS_EINVAL);
    assert_int_equal(isms_assessment_add_extra(&ix, a, "Kostnad"), ISMS_OK);
    assert_int_equal(ix, 1);
    assert_int_equal(isms_entry_set_extra(e, 1, "50 tkr"), ISMS_OK);
    assert_string_equal(isms_entry_extra(e, 0), "");
    assert_string_equal(isms_entry_extra(e, 1), "50 tkr");
    assert_string_equal(isms_entry_extra(c, 1), "");
    assert_string_equal(isms_assessment_extra_name(a, 1), "Kostnad");
    assert_null(isms_assessment_extra_name(a, 2));
    assert_int_equal(isms_assessment_extra_count(a), 2);

    /* Copy: equal and independent. */
    isms_assessment *b = NULL;
    assert_int_equal(isms_assessment_copy(&b, a), ISMS_OK);
    isms_entry *e2 = isms_assessment_find(b, "6.1.2");
    assert_non_null(e2);
    assert_ptr_not_equal(e2, e);
    assert_string_equal(isms_entry_get(e2, ISMS_FIELD_PLAN), "Inför riskbedömningsmetod");
    assert_string_equal(isms_entry_extra(e2, 1), "50 tkr");
    assert_int_equal(isms_entry_reasons(isms_assessment_find(b, "A.7.4")),
                     ISMS_REASON_LEGAL | ISMS_REASON_RISK);
    assert_int_equal(isms_entry_set(e2, ISMS_FIELD_PLAN, "ändrad"), ISMS_OK);
    assert_string_equal(isms_entry_get(e, ISMS_FIELD_PLAN), "Inför riskbedömningsmetod");
    isms_assessment_free(b);

    isms_date bad = { 2024, 2, 30 };
    assert_int_equal(isms_assessment_set_date(a, bad), ISMS_EINVAL);
    isms_date good = { 2024, 11, 30 };
    assert_int_equal(isms_assessment_set_date(a, good), ISMS_OK);
    assert_int_equal(isms_assessment_date(a).month, 11);
    isms_assessment_free(a);
}

static void test_alloc_failure_model(void **state)
{
    (void)state;
    isms_assessment *a = make(ISMS_EDITION_2022, ISMS_SCOPE_BOTH);
    isms_entry *e = put(a, "6.1.2", ISMS_STATUS_NO, ISMS_NEED_LOW, "Plan", "CISO", "2025");
    assert_int_equal(isms_entry_add_evidence(e, "Bevis"), ISMS_OK);
    assert_int_equal(isms_assessment_add_extra(NULL, a, "Extra"), ISMS_OK);
    assert_int_equal(isms_entry_set_extra(e, 0, "cell"), ISMS_OK);

    SWEEP(isms_assessment_add(NULL, a, "X.1"), assert_int_equal(isms_assessment_count(a), 1));
    assert_int_equal(isms_assessment_count(a), 2);
    SWEEP(isms_assessment_add_all(a), assert_int_equal(isms_assessment_count(a), 2));
    assert_int_equal(isms_assessment_count(a), 2 + 122);
    SWEEP(isms_entry_set(e, ISMS_FIELD_COMMENT, "Ny kommentar"),
          assert_string_equal(isms_entry_get(e, ISMS_FIELD_COMMENT), ""));
    SWEEP(isms_entry_add_evidence(e, "Mer"), assert_int_equal(isms_entry_evidence_count(e), 1));
    isms_assessment *b = NULL;
    SWEEP(isms_assessment_copy(&b, a), assert_null(b));
    assert_int_equal(isms_assessment_count(b), isms_assessment_count(a));
    isms_assessment_free(b);
    isms_assessment_free(a);
}

/* ---- summary ----------------------------------------------------------------------------- */

static void test_summary(void **state)
{
    (void)state;
    isms_assessment *a = make(ISMS_EDITION_2013, ISMS_SCOPE_CLAUSES);
    /* Chapter 4: yes, yes, partial, no. Chapter 6: 6.1.1 N/A, 6.1.2 yes. The other 20
     * clauses are missing (not assessed). Plus a heading and an unknown reference. */
    put(a, "4.1", ISMS_STATUS_YES, ISMS_NEED_NONE, "", "", "");
    put(a, "4.2", ISMS_STATUS_YES, ISMS_NEED_NONE, "", "", "");
    put(a, "4.3", ISMS_STATUS_PARTIAL, ISMS_NEED_LOW, "p", "o", "2025");
    put(a, "4.4", ISMS_STATUS_NO, ISMS_NEED_HIGH, "p", "o", "2025");
    put(a, "6.1.1", ISMS_STATUS_NOT_APPLICABLE, ISMS_NEED_UNSET, "", "", "");
    put(a, "6.1.2", ISMS_STATUS_YES, ISMS_NEED_UNSET, "", "", "");
    put(a, "6.1", ISMS_STATUS_YES, ISMS_NEED_UNSET, "", "", "");
    put(a, "11.1", ISMS_STATUS_NO, ISMS_NEED_UNSET, "", "", "");

    isms_summary s;
    assert_int_equal(isms_assessment_summarise(&s, a, NULL), ISMS_OK);
    assert_int_equal(s.total.total, 26);
    assert_int_equal(s.total.counts[ISMS_STATUS_YES], 3);
    assert_int_equal(s.total.counts[ISMS_STATUS_PARTIAL], 1);
    assert_int_equal(s.total.counts[ISMS_STATUS_NO], 1);
    assert_int_equal(s.total.counts[ISMS_STATUS_NOT_APPLICABLE], 1);
    assert_int_equal(s.total.counts[ISMS_STATUS_NOT_ASSESSED], 20);
    assert_int_equal(s.total.applicable, 25);
    assert_int_equal(s.total.assessed, 5);
    assert_double_equal(s.total.coverage, 5.0 / 25.0, 1e-12);
    assert_double_equal(s.total.compliance, 3.5 / 5.0, 1e-12);
    assert_int_equal(s.unknown, 2); /* the heading 6.1 and 11.1 */
    assert_int_equal(s.annex_a.total, 0);
    assert_int_equal(s.group_count, 0);
    assert_int_equal(s.clauses.total, 26);

    const isms_tally *c4 = &s.chapter[0];
    assert_int_equal(c4->total, 4);
    assert_int_equal(c4->assessed, 4);
    assert_double_equal(c4->compliance, 2.5 / 4.0, 1e-12);
    assert_double_equal(c4->coverage, 1.0, 1e-12);
    const isms_tally *c6 = &s.chapter[2];
    assert_int_equal(c6->total, 4); /* 6.1.1–6.1.3, 6.2 */
    assert_int_equal(c6->applicable, 3);
    assert_double_equal(c6->compliance, 1.0, 1e-12);
    assert_int_equal(s.chapter[6].total, 2); /* 10.1, 10.2 */
    assert_int_equal(s.chapter[6].assessed, 0);
    assert_double_equal(s.chapter[6].compliance, 0.0, 0);
    assert_double_equal(s.chapter[6].coverage, 0.0, 0);

    /* Other weights. */
    isms_weights w = { 1.0, 0.25, 0.0 };
    assert_int_equal(isms_assessment_summarise(&s, a, &w), ISMS_OK);
    assert_double_equal(s.total.compliance, 3.25 / 5.0, 1e-12);
    w.partial = 1.5;
    assert_int_equal(isms_assessment_summarise(&s, a, &w), ISMS_EINVAL);
    w.partial = NAN;
    assert_int_equal(isms_assessment_summarise(&s, a, &w), ISMS_EINVAL);
    assert_int_equal(isms_assessment_summarise(NULL, a, NULL), ISMS_EINVAL);
    isms_assessment_free(a);

    /* Annex A 2022: four themes; an excluded control counts as not applicable. */
    a = make(ISMS_EDITION_2022, ISMS_SCOPE_ANNEX_A);
    put(a, "A.5.1", ISMS_STATUS_YES, ISMS_NEED_NONE, "", "", "");
    put(a, "A.8.8", ISMS_STATUS_PARTIAL, ISMS_NEED_LOW, "", "", "");
    isms_entry *e = put(a, "A.7.4", ISMS_STATUS_YES, ISMS_NEED_UNSET, "", "", "");
    assert_int_equal(isms_entry_set_applicability(e, ISMS_APPLICABILITY_EXCLUDED), ISMS_OK);
    assert_int_equal(isms_assessment_summarise(&s, a, NULL), ISMS_OK);
    assert_int_equal(s.total.total, 93);
    assert_int_equal(s.clauses.total, 0);
    assert_int_equal(s.group_count, 4);
    assert_string_equal(isms_item_id(s.group[3]), "A.8");
    assert_int_equal(s.groups[0].total, 37);
    assert_int_equal(s.groups[1].total, 8);
    assert_int_equal(s.groups[2].total, 14);
    assert_int_equal(s.groups[3].total, 34);
    assert_int_equal(s.groups[2].counts[ISMS_STATUS_NOT_APPLICABLE], 1);
    assert_int_equal(s.groups[3].counts[ISMS_STATUS_PARTIAL], 1);
    assert_double_equal(s.annex_a.compliance, 0.75, 1e-12);
    isms_assessment_free(a);

    /* Annex A 2013: fourteen domains. */
    a = make(ISMS_EDITION_2013, ISMS_SCOPE_BOTH);
    assert_int_equal(isms_assessment_summarise(&s, a, NULL), ISMS_OK);
    assert_int_equal(s.group_count, 14);
    assert_int_equal(s.total.total, 26 + 114);
    assert_string_equal(isms_item_id(s.group[13]), "A.18");
    unsigned sum = 0;
    for (size_t k = 0; k < s.group_count; k++)
        sum += s.groups[k].total;
    assert_int_equal(sum, 114);
    isms_assessment_free(a);
}

/* ---- lint -------------------------------------------------------------------------------- */

static isms_assessment *lint_fixture(void)
{
    isms_assessment *a = make(ISMS_EDITION_2022, ISMS_SCOPE_CLAUSES);
    put(a, "4.1", ISMS_STATUS_YES, ISMS_NEED_NONE, "", "", "");              /* clean */
    put(a, "4.2", ISMS_STATUS_PARTIAL, ISMS_NEED_MEDIUM, "", "", "");        /* no plan */
    put(a, "4.3", ISMS_STATUS_NO, ISMS_NEED_NONE, "Plan", "IT-chef", "2026"); /* need none */
    put(a, "4.4", ISMS_STATUS_PARTIAL, ISMS_NEED_LOW, "Plan", "", "2026");   /* no owner */
    put(a, "5.1", ISMS_STATUS_PARTIAL, ISMS_NEED_LOW, "Plan", "KSF", "");    /* no due */
    put(a, "5.2", ISMS_STATUS_PARTIAL, ISMS_NEED_LOW, "Plan", "KSF",
        "inför nästa verksamhetsplan");                                       /* unparsed */
    put(a, "5.3", ISMS_STATUS_NOT_APPLICABLE, ISMS_NEED_UNSET, "", "", "");  /* no reason */
    isms_entry *e = put(a, "6.1.1", ISMS_STATUS_NOT_APPLICABLE, ISMS_NEED_UNSET, "", "", "");
    assert_int_equal(isms_entry_set(e, ISMS_FIELD_COMMENT, "Hanteras av regionen"), ISMS_OK);
    put(a, "6.1.2", ISMS_STATUS_YES, ISMS_NEED_HIGH, "", "", "");            /* yes + high */
    put(a, "6.1.3", ISMS_STATUS_NO, ISMS_NEED_HIGH, "Plan", "CISO", "mars 2024"); /* overdue */
    put(a, "6.2", ISMS_STATUS_YES, ISMS_NEED_NONE, "Klart", "CISO", "mars 2024"); /* met */
    put(a, "6.1", ISMS_STATUS_PARTIAL, ISMS_NEED_UNSET, "", "", "");         /* heading */
    put(a, "6.4", ISMS_STATUS_NO, ISMS_NEED_UNSET, "", "", "");              /* unknown */
    put(a, "A.5.1", ISMS_STATUS_NO, ISMS_NEED_UNSET, "", "", "");            /* out of scope */
    return a;
}

static void test_lint(void **state)
{
    (void)state;
    isms_assessment *a = lint_fixture();
    isms_findings *f = NULL;
    assert_int_equal(isms_findings_new(&f, ISMS_LANG_EN), ISMS_OK);
    assert_int_equal(isms_assessment_lint(f, a, NULL), ISMS_OK);

    assert_int_equal(count_notes(f, "gap-no-plan", NULL), 1);
    assert_int_equal(count_notes(f, "gap-no-plan", "4.2"), 1);
    assert_int_equal(count_notes(f, "gap-need-none", NULL), 1);
    assert_int_equal(count_notes(f, "gap-need-none", "4.3"), 1);
    assert_int_equal(count_notes(f, "gap-plan-no-owner", NULL), 1);
    assert_int_equal(count_notes(f, "gap-plan-no-owner", "4.4"), 1);
    assert_int_equal(count_notes(f, "gap-plan-no-due", NULL), 1);
    assert_int_equal(count_notes(f, "gap-plan-no-due", "5.1"), 1);
    assert_int_equal(count_notes(f, "gap-due-unparsed", NULL), 1);
    assert_int_equal(count_notes(f, "gap-due-unparsed", "5.2"), 1);
    assert_int_equal(count_notes(f, "gap-no-justification", NULL), 1);
    assert_int_equal(count_notes(f, "gap-no-justification", "5.3"), 1);
    assert_int_equal(count_notes(f, "gap-yes-high-need", NULL), 1);
    assert_int_equal(count_notes(f, "gap-yes-high-need", "6.1.2"), 1);
    assert_int_equal(count_notes(f, "gap-overdue", NULL), 1);
    assert_int_equal(count_notes(f, "gap-overdue", "6.1.3"), 1);
    assert_non_null(strstr(message_of(f, "gap-overdue", "6.1.3"), "2024-03"));
    assert_int_equal(count_notes(f, "gap-not-assessable", "6.1"), 1);
    assert_int_equal(count_notes(f, "gap-unknown-ref", NULL), 1);
    assert_int_equal(count_notes(f, "gap-unknown-ref", "6.4"), 1);
    assert_non_null(strstr(message_of(f, "gap-unknown-ref", "6.4"), "ISO/IEC 27001:2022"));
    assert_int_equal(count_notes(f, "gap-out-of-scope", "A.5.1"), 1);
    /* 30 requirements, 12 of them in the table. */
    assert_int_equal(count_notes(f, "gap-missing", NULL), 30 - 11);
    assert_int_equal(count_notes(f, "gap-missing", "6.3"), 1);
    assert_int_equal(count_notes(f, "gap-missing", "4.1"), 0);
    size_t total = isms_findings_count(f);
    assert_int_equal(total, 11 + 19);

    /* The reference date decides what is overdue: on 2024-03-31 nothing is yet. */
    isms_findings_clear(f);
    isms_date early = { 2024, 3, 31 };
    assert_int_equal(isms_assessment_lint(f, a, &early), ISMS_OK);
    assert_int_equal(count_notes(f, "gap-overdue", NULL), 0);
    isms_date late = { 2024, 4, 1 };
    isms_findings_clear(f);
    assert_int_equal(isms_assessment_lint(f, a, &late), ISMS_OK);
    assert_int_equal(count_notes(f, "gap-overdue", NULL), 1);
    isms_date bad = { 2024, 13, 1 };
    assert_int_equal(isms_assessment_lint(f, a, &bad), ISMS_EINVAL);

    /* Swedish messages. */
    isms_findings *sv = NULL;
    assert_int_equal(isms_findings_new(&sv, ISMS_LANG_SV), ISMS_OK);
    assert_int_equal(isms_assessment_lint(sv, a, NULL), ISMS_OK);
    assert_int_equal(isms_findings_count(sv), total);
    assert_string_equal(message_of(sv, "gap-no-plan", "4.2"),
                        "Nuläge Delvis men ingen handlingsplan");
    assert_non_null(strstr(message_of(sv, "gap-missing", "6.3"), "saknas i tabellen"));

    /* All or nothing under allocation failure. */
    isms_findings_clear(f);
    SWEEP(isms_assessment_lint(f, a, NULL), assert_int_equal(isms_findings_count(f), 0));
    assert_int_equal(isms_findings_count(f), total);
    isms_findings_free(sv);
    isms_findings_free(f);
    isms_assessment_free(a);
}

/* ---- conversion -------------------------------------------------------------------------- */

static void test_convert_2013_to_2022(void **state)
{
    (void)state;
    isms_assessment *a = make(ISMS_EDITION_2013, ISMS_SCOPE_BOTH);
    isms_entry *e = put(a, "10.1", ISMS_STATUS_NO, ISMS_NEED_HIGH, "Inför avvikelserutin",
                        "KSF", "T2 2025");
    assert_int_equal(isms_entry_set(e, ISMS_FIELD_TEXT, "Avvikelser och korrigerande åtgärder"),
                     ISMS_OK);
    assert_int_equal(isms_entry_add_evidence(e, "Rutin.docx"), ISMS_OK);
    put(a, "10.2", ISMS_STATUS_YES, ISMS_NEED_NONE, "", "", "");
    put(a, "9.2", ISMS_STATUS_PARTIAL, ISMS_NEED_MEDIUM, "Revisionsprogram", "CISO", "2025");
    put(a, "4.1", ISMS_STATUS_YES, ISMS_NEED_NONE, "", "", "");
    put(a, "A.9.2.2", ISMS_STATUS_YES, ISMS_NEED_NONE, "", "", "");
    put(a, "A.9.2.5", ISMS_STATUS_NO, ISMS_NEED_HIGH, "Inför behörighetsgranskning", "IT-chef",
        "2025");
    put(a, "A.9.2.6", ISMS_STATUS_YES, ISMS_NEED_LOW, "", "", "");
    put(a, "A.16.1.1", ISMS_STATUS_YES, ISMS_NEED_NONE, "", "", "");
    put(a, "A.12.3.1", ISMS_STATUS_NOT_APPLICABLE, ISMS_NEED_UNSET, "", "", "");
    put(a, "X.1", ISMS_STATUS_NO, ISMS_NEED_UNSET, "", "", "");
    assert_int_equal(isms_assessment_add_extra(NULL, a, "Diarienr"), ISMS_OK);
    assert_int_equal(isms_entry_set_extra(e, 0, "KS 2023/12"), ISMS_OK);

    isms_findings *r = NULL;
    assert_int_equal(isms_findings_new(&r, ISMS_LANG_EN), ISMS_OK);
    isms_assessment *b = NULL;
    assert_int_equal(isms_assessment_convert(&b, a, ISMS_EDITION_2022, r), ISMS_OK);
    assert_int_equal(isms_assessment_edition(b), ISMS_EDITION_2022);
    assert_int_equal(isms_assessment_year(b), 2024);
    assert_int_equal(isms_assessment_extra_count(b), 1);

    /* The swap: 2013 10.1 (nonconformity) is 2022 10.2. */
    isms_entry *x = isms_assessment_find(b, "10.2");
    assert_non_null(x);
    assert_int_equal(isms_entry_status(x), ISMS_STATUS_NO);
    assert_int_equal(isms_entry_need(x), ISMS_NEED_HIGH);
    assert_string_equal(isms_entry_get(x, ISMS_FIELD_PLAN), "Inför avvikelserutin");
    assert_string_equal(isms_entry_get(x, ISMS_FIELD_ORIGIN), "2013: 10.1");
    assert_string_equal(isms_entry_get(x, ISMS_FIELD_TEXT),
                        "Avvikelser och korrigerande åtgärder");
    assert_int_equal(isms_entry_due(x).kind, ISMS_PERIOD_TERTIAL);
    assert_int_equal(isms_entry_evidence_count(x), 1);
    assert_string_equal(isms_entry_extra(x, 0), "KS 2023/12");
    x = isms_assessment_find(b, "10.1");
    assert_int_equal(isms_entry_status(x), ISMS_STATUS_YES);
    assert_string_equal(isms_entry_get(x, ISMS_FIELD_ORIGIN), "2013: 10.2");

    /* Split clauses inherit. */
    for (const char *ref = "9.2.1"; ref; ref = strcmp(ref, "9.2.1") == 0 ? "9.2.2" : NULL) {
        x = isms_assessment_find(b, ref);
        assert_non_null(x);
        assert_int_equal(isms_entry_status(x), ISMS_STATUS_PARTIAL);
        assert_string_equal(isms_entry_get(x, ISMS_FIELD_OWNER), "CISO");
        assert_string_equal(isms_entry_get(x, ISMS_FIELD_ORIGIN), "2013: 9.2");
    }
    /* New in 2022: not assessed, reported. */
    x = isms_assessment_find(b, "6.3");
    assert_non_null(x);
    assert_int_equal(isms_entry_status(x), ISMS_STATUS_NOT_ASSESSED);
    assert_int_equal(count_notes(r, "convert-new", "6.3"), 1);
    assert_int_equal(count_notes(r, "convert-new", "A.5.7"), 1);
    assert_int_equal(count_notes(r, "convert-new", NULL), 12); /* 6.3 and 11 controls */
    /* Requirements the source did not assess stay missing. */
    assert_null(isms_assessment_find(b, "4.2"));
    assert_null(isms_assessment_find(b, "A.5.1"));

    /* Merged controls combine: yes, no, yes → partial, the highest need, texts joined. */
    x = isms_assessment_find(b, "A.5.18");
    assert_non_null(x);
    assert_int_equal(isms_entry_status(x), ISMS_STATUS_PARTIAL);
    assert_int_equal(isms_entry_need(x), ISMS_NEED_HIGH);
    assert_string_equal(isms_entry_get(x, ISMS_FIELD_ORIGIN), "2013: A.9.2.2, A.9.2.5, A.9.2.6");
    assert_string_equal(isms_entry_get(x, ISMS_FIELD_PLAN), "Inför behörighetsgranskning");
    assert_int_equal(count_notes(r, "convert-combined", "A.5.18"), 1);
    assert_non_null(strstr(message_of(r, "convert-combined", "A.5.18"), "A.9.2.5 (No)"));
    /* A yes that only partly overlaps becomes partial. */
    x = isms_assessment_find(b, "A.5.24");
    assert_int_equal(isms_entry_status(x), ISMS_STATUS_PARTIAL);
    assert_int_equal(count_notes(r, "convert-partial-overlap", "A.5.24"), 1);
    /* Not applicable carries. */
    assert_int_equal(isms_entry_status(isms_assessment_find(b, "A.8.13")),
                     ISMS_STATUS_NOT_APPLICABLE);
    /* The unknown reference could not be carried. */
    assert_int_equal(count_notes(r, "convert-not-carried", "X.1"), 1);
    assert_null(isms_assessment_find(b, "X.1"));

    /* Back to 2013: 9.2.1 + 9.2.2 → 9.2; 6.3 is not carried. */
    isms_entry *y = isms_assessment_find(b, "9.2.2");
    assert_int_equal(isms_entry_set_status(y, ISMS_STATUS_YES), ISMS_OK);
    y = isms_assessment_find(b, "6.3");
    assert_int_equal(isms_entry_set_status(y, ISMS_STATUS_YES), ISMS_OK);
    isms_findings_clear(r);
    isms_assessment *c = NULL;
    assert_int_equal(isms_assessment_convert(&c, b, ISMS_EDITION_2013, r), ISMS_OK);
    x = isms_assessment_find(c, "9.2");
    assert_int_equal(isms_entry_status(x), ISMS_STATUS_PARTIAL);
    assert_string_equal(isms_entry_get(x, ISMS_FIELD_ORIGIN), "2022: 9.2.1, 9.2.2");
    assert_int_equal(count_notes(r, "convert-combined", "9.2"), 1);
    assert_int_equal(count_notes(r, "convert-not-carried", "6.3"), 1);
    assert_int_equal(isms_entry_status(isms_assessment_find(c, "10.1")), ISMS_STATUS_NO);
    assert_int_equal(isms_entry_status(isms_assessment_find(c, "A.9.2.5")), ISMS_STATUS_PARTIAL);

    /* Same edition: a copy. Bad arguments. */
    isms_assessment *d = NULL;
    assert_int_equal(isms_assessment_convert(&d, a, ISMS_EDITION_2013, NULL), ISMS_OK);
    assert_int_equal(isms_assessment_count(d), isms_assessment_count(a));
    isms_assessment_free(d);
    d = NULL;
    assert_int_equal(isms_assessment_convert(&d, a, ISMS_EDITION_UNKNOWN, NULL), ISMS_EINVAL);
    assert_null(d);

    /* Allocation failure: nothing returned, the report unchanged. */
    isms_findings_clear(r);
    SWEEP(isms_assessment_convert(&d, a, ISMS_EDITION_2022, r),
          (assert_null(d), assert_int_equal(isms_findings_count(r), 0)));
    assert_int_equal(isms_assessment_count(d), isms_assessment_count(b));
    isms_assessment_free(d);

    isms_assessment_free(c);
    isms_assessment_free(b);
    isms_assessment_free(a);
    isms_findings_free(r);
}

/* ---- comparison -------------------------------------------------------------------------- */

static void test_compare(void **state)
{
    (void)state;
    isms_assessment *old = make(ISMS_EDITION_2022, ISMS_SCOPE_CLAUSES);
    isms_assessment *now = make(ISMS_EDITION_2022, ISMS_SCOPE_CLAUSES);
    put(old, "4.1", ISMS_STATUS_NO, ISMS_NEED_UNSET, "", "", "");
    put(now, "4.1", ISMS_STATUS_YES, ISMS_NEED_UNSET, "", "", "");       /* improved */
    put(old, "4.2", ISMS_STATUS_YES, ISMS_NEED_UNSET, "", "", "");
    put(now, "4.2", ISMS_STATUS_PARTIAL, ISMS_NEED_UNSET, "", "", "");   /* regressed */
    put(old, "4.3", ISMS_STATUS_PARTIAL, ISMS_NEED_UNSET, "", "", "");
    put(now, "4.3", ISMS_STATUS_PARTIAL, ISMS_NEED_UNSET, "", "", "");   /* unchanged */
    put(now, "4.4", ISMS_STATUS_NO, ISMS_NEED_UNSET, "", "", "");        /* new */
    put(old, "5.1", ISMS_STATUS_YES, ISMS_NEED_UNSET, "", "", "");
    put(now, "5.1", ISMS_STATUS_NOT_APPLICABLE, ISMS_NEED_UNSET, "", "", ""); /* removed */
    put(old, "Z.2", ISMS_STATUS_NO, ISMS_NEED_UNSET, "", "", "");        /* removed, unknown */
    put(now, "Z.10", ISMS_STATUS_YES, ISMS_NEED_UNSET, "", "", "");      /* new, unknown */

    isms_comparison *c = NULL;
    assert_int_equal(isms_assessment_compare(&c, old, now), ISMS_OK);
    assert_int_equal(isms_comparison_count(c), 30 + 2);
    isms_delta d;
    assert_int_equal(isms_comparison_get(&d, c, 0), ISMS_OK);
    assert_string_equal(d.ref, "4.1");
    assert_int_equal(d.before, ISMS_STATUS_NO);
    assert_int_equal(d.after, ISMS_STATUS_YES);
    assert_int_equal(d.change, ISMS_CHANGE_IMPROVED);
    assert_string_equal(d.origin, "");
    assert_int_equal(isms_comparison_get(&d, c, 1), ISMS_OK);
    assert_int_equal(d.change, ISMS_CHANGE_REGRESSED);
    assert_int_equal(isms_comparison_get(&d, c, 2), ISMS_OK);
    assert_int_equal(d.change, ISMS_CHANGE_UNCHANGED);
    assert_int_equal(isms_comparison_get(&d, c, 3), ISMS_OK);
    assert_int_equal(d.change, ISMS_CHANGE_NEW);
    assert_int_equal(isms_comparison_get(&d, c, 4), ISMS_OK);
    assert_string_equal(d.ref, "5.1");
    assert_int_equal(d.change, ISMS_CHANGE_REMOVED);
    /* Unknown references come last, in natural order. */
    assert_int_equal(isms_comparison_get(&d, c, 30), ISMS_OK);
    assert_string_equal(d.ref, "Z.2");
    assert_int_equal(d.change, ISMS_CHANGE_REMOVED);
    assert_int_equal(isms_comparison_get(&d, c, 31), ISMS_OK);
    assert_string_equal(d.ref, "Z.10");
    assert_int_equal(d.change, ISMS_CHANGE_NEW);
    assert_int_equal(isms_comparison_get(&d, c, 32), ISMS_ERANGE);

    assert_int_equal(isms_comparison_count_change(c, ISMS_CHANGE_IMPROVED), 1);
    assert_int_equal(isms_comparison_count_change(c, ISMS_CHANGE_REGRESSED), 1);
    assert_int_equal(isms_comparison_count_change(c, ISMS_CHANGE_NEW), 2);
    assert_int_equal(isms_comparison_count_change(c, ISMS_CHANGE_REMOVED), 2);
    assert_int_equal(isms_comparison_count_change(c, ISMS_CHANGE_UNCHANGED), 26);
    assert_string_equal(isms_change_label(ISMS_CHANGE_IMPROVED, ISMS_LANG_SV), "förbättrad");
    assert_string_equal(isms_change_name(ISMS_CHANGE_REGRESSED), "regressed");
    isms_comparison_free(c);
    isms_assessment_free(old);

    /* Across editions: the 2013 assessment is read through the mapping. */
    old = make(ISMS_EDITION_2013, ISMS_SCOPE_CLAUSES);
    put(old, "10.1", ISMS_STATUS_NO, ISMS_NEED_UNSET, "", "", "");
    put(now, "10.2", ISMS_STATUS_YES, ISMS_NEED_UNSET, "", "", "");
    c = NULL;
    assert_int_equal(isms_assessment_compare(&c, old, now), ISMS_OK);
    bool seen = false;
    for (size_t i = 0; i < isms_comparison_count(c); i++) {
        assert_int_equal(isms_comparison_get(&d, c, i), ISMS_OK);
        if (strcmp(d.ref, "10.2") == 0) {
            seen = true;
            assert_int_equal(d.before, ISMS_STATUS_NO);
            assert_int_equal(d.change, ISMS_CHANGE_IMPROVED);
            assert_string_equal(d.origin, "2013: 10.1");
        }
    }
    assert_true(seen);
    isms_comparison_free(c);
    c = NULL;
    SWEEP(isms_assessment_compare(&c, old, now), assert_null(c));
    assert_int_equal(isms_comparison_count(c), 31);
    isms_comparison_free(c);
    isms_comparison_free(NULL);
    assert_int_equal(isms_assessment_compare(&c, NULL, now), ISMS_EINVAL);
    isms_assessment_free(old);
    isms_assessment_free(now);
}

/* The message about bad weights writes its numbers as "%g" does in the C locale, also when a
 * program has called setlocale(LC_ALL, "sv_SE.UTF-8"). */
static void check_weights_message(void)
{
    isms_assessment *a = make(ISMS_EDITION_2022, ISMS_SCOPE_CLAUSES);
    isms_summary s;
    isms_weights w = { 1.0, 1.5, -0.25 };
    assert_int_equal(isms_assessment_summarise(&s, a, &w), ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "compliance weights must lie between 0 and 1 (yes 1, partial 1.5, "
                              "no -0.25)");
    isms_assessment_free(a);
}

static void test_weights_message(void **state)
{
    (void)state;
    check_weights_message();
}

static void test_weights_message_decimal_comma_locale(void **state)
{
    (void)state;
    with_decimal_comma(check_weights_message);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_status_parse),
        cmocka_unit_test(test_need_applicability_reason),
        cmocka_unit_test(test_new_and_add),
        cmocka_unit_test(test_fields),
        cmocka_unit_test(test_alloc_failure_model),
        cmocka_unit_test(test_summary),
        cmocka_unit_test(test_lint),
        cmocka_unit_test(test_convert_2013_to_2022),
        cmocka_unit_test(test_compare),
        cmocka_unit_test(test_weights_message),
        cmocka_unit_test(test_weights_message_decimal_comma_locale),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
