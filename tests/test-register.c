/* Unit tests of risks and registers: add/find/remove, accessors, residual risk, sorting,
 * band counts, heat maps, lint in both languages, labels, allocation failure. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#include "bench/bench-util.h"
#include "test-util.h"

#define UNSET ISMS_LEVEL_UNSET

static isms_register *new_register(const char *preset)
{
    isms_matrix *m = NULL;
    if (preset)
        assert_int_equal(isms_matrix_preset(&m, preset), ISMS_OK);
    isms_register *reg = NULL;
    assert_int_equal(isms_register_new(&reg, m), ISMS_OK);
    assert_non_null(reg);
    isms_matrix_free(m); /* the register keeps its own reference */
    return reg;
}

static isms_risk *add(isms_register *reg, const char *id, const char *title, int l, int c)
{
    isms_risk *r = NULL;
    assert_int_equal(isms_register_add(&r, reg, id, title, l, c), ISMS_OK);
    assert_non_null(r);
    return r;
}

/* ---- labels -------------------------------------------------------------------------- */

static void test_treatment_labels(void **state)
{
    (void)state;
    assert_string_equal(isms_treatment_label(ISMS_TREATMENT_NONE, ISMS_LANG_SV), "");
    assert_string_equal(isms_treatment_label(ISMS_TREATMENT_NONE, ISMS_LANG_EN), "");
    assert_string_equal(isms_treatment_label(ISMS_TREATMENT_MODIFY, ISMS_LANG_SV), "Reducera");
    assert_string_equal(isms_treatment_label(ISMS_TREATMENT_MODIFY, ISMS_LANG_EN), "Modify");
    assert_string_equal(isms_treatment_label(ISMS_TREATMENT_RETAIN, ISMS_LANG_SV), "Acceptera");
    assert_string_equal(isms_treatment_label(ISMS_TREATMENT_RETAIN, ISMS_LANG_EN), "Retain");
    assert_string_equal(isms_treatment_label(ISMS_TREATMENT_AVOID, ISMS_LANG_SV), "Undvika");
    assert_string_equal(isms_treatment_label(ISMS_TREATMENT_AVOID, ISMS_LANG_EN), "Avoid");
    assert_string_equal(isms_treatment_label(ISMS_TREATMENT_SHARE, ISMS_LANG_SV), "Dela");
    assert_string_equal(isms_treatment_label(ISMS_TREATMENT_SHARE, ISMS_LANG_EN), "Share");
    assert_null(isms_treatment_label((isms_treatment)5, ISMS_LANG_EN));
    assert_null(isms_treatment_label((isms_treatment)-1, ISMS_LANG_EN));
    assert_null(isms_treatment_label(ISMS_TREATMENT_SHARE, (isms_lang)2));

    static const struct {
        const char *text;
        isms_treatment option;
    } cases[] = {
        { "Reducera", ISMS_TREATMENT_MODIFY }, { "modify", ISMS_TREATMENT_MODIFY },
        { "REDUCE", ISMS_TREATMENT_MODIFY },   { "mitigate", ISMS_TREATMENT_MODIFY },
        { "Modifiera", ISMS_TREATMENT_MODIFY }, { " minska ", ISMS_TREATMENT_MODIFY },
        { "acceptera", ISMS_TREATMENT_RETAIN }, { "Retain", ISMS_TREATMENT_RETAIN },
        { "Accept", ISMS_TREATMENT_RETAIN },   { "BEHÅLLA", ISMS_TREATMENT_RETAIN },
        { "behåll", ISMS_TREATMENT_RETAIN },   { "undvika", ISMS_TREATMENT_AVOID },
        { "AVOID", ISMS_TREATMENT_AVOID },     { "Undvik", ISMS_TREATMENT_AVOID },
        { "dela", ISMS_TREATMENT_SHARE },      { "Share", ISMS_TREATMENT_SHARE },
        { "Transfer", ISMS_TREATMENT_SHARE },  { "ÖVERFÖRA", ISMS_TREATMENT_SHARE },
        { "", ISMS_TREATMENT_NONE },           { "  ", ISMS_TREATMENT_NONE },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        isms_treatment t = (isms_treatment)99;
        assert_int_equal(isms_treatment_parse(&t, cases[i].text), ISMS_OK);
        assert_int_equal(t, cases[i].option);
    }
    isms_treatment t = ISMS_TREATMENT_AVOID;
    assert_int_equal(isms_treatment_parse(&t, "ignore"), ISMS_EPARSE);
    assert_error(ISMS_EPARSE, "unknown treatment \"ignore\"");
    assert_error(ISMS_EPARSE, "Reducera, Acceptera, Undvika or Dela");
    assert_error(ISMS_EPARSE, "Modify, Retain, Avoid, Share");
    assert_int_equal(t, ISMS_TREATMENT_AVOID);
    assert_int_equal(isms_treatment_parse(NULL, "dela"), ISMS_EINVAL);
    assert_int_equal(isms_treatment_parse(&t, NULL), ISMS_EINVAL);
}

static void test_status_labels(void **state)
{
    (void)state;
    static const char *const sv[] = { "Öppen", "Under åtgärd", "Åtgärdad", "Accepterad",
                                      "Stängd" };
    static const char *const en[] = { "Open", "In treatment", "Treated", "Accepted", "Closed" };
    for (int s = 0; s <= ISMS_RISK_CLOSED; s++) {
        assert_string_equal(isms_risk_status_label((isms_risk_status)s, ISMS_LANG_SV), sv[s]);
        assert_string_equal(isms_risk_status_label((isms_risk_status)s, ISMS_LANG_EN), en[s]);
        isms_risk_status out = (isms_risk_status)99;
        assert_int_equal(isms_risk_status_parse(&out, sv[s]), ISMS_OK);
        assert_int_equal(out, s);
        out = (isms_risk_status)99;
        assert_int_equal(isms_risk_status_parse(&out, en[s]), ISMS_OK);
        assert_int_equal(out, s);
    }
    isms_risk_status out = ISMS_RISK_CLOSED;
    assert_int_equal(isms_risk_status_parse(&out, "UNDER  ÅTGÄRD"), ISMS_OK);
    assert_int_equal(out, ISMS_RISK_IN_TREATMENT);
    assert_int_equal(isms_risk_status_parse(&out, "öppen"), ISMS_OK);
    assert_int_equal(out, ISMS_RISK_OPEN);
    out = ISMS_RISK_CLOSED;
    assert_int_equal(isms_risk_status_parse(&out, ""), ISMS_OK);
    assert_int_equal(out, ISMS_RISK_OPEN);
    out = ISMS_RISK_CLOSED;
    assert_int_equal(isms_risk_status_parse(&out, "pending"), ISMS_EPARSE);
    assert_error(ISMS_EPARSE, "unknown risk status \"pending\"");
    assert_error(ISMS_EPARSE, "Öppen, Under åtgärd, Åtgärdad, Accepterad or Stängd");
    assert_int_equal(out, ISMS_RISK_CLOSED);
    assert_null(isms_risk_status_label((isms_risk_status)5, ISMS_LANG_SV));
    assert_null(isms_risk_status_label(ISMS_RISK_OPEN, (isms_lang)7));
    assert_int_equal(isms_risk_status_parse(NULL, "Open"), ISMS_EINVAL);
    assert_int_equal(isms_risk_status_parse(&out, NULL), ISMS_EINVAL);
}

/* ---- register basics ----------------------------------------------------------------- */

static void test_new_and_free(void **state)
{
    (void)state;
    isms_register *reg = new_register(NULL);
    assert_string_equal(isms_matrix_name(isms_register_matrix(reg)), "4x4"); /* default */
    assert_int_equal(isms_register_count(reg), 0);
    assert_null(isms_register_at(reg, 0));
    isms_register_free(reg);

    reg = new_register("5x5"); /* the caller's reference is already gone */
    isms_matrix *m = isms_register_matrix(reg);
    assert_string_equal(isms_matrix_name(m), "5x5");
    isms_risk *r = add(reg, "R1", "t", 5, 5);
    assert_int_equal(isms_risk_value(r, ISMS_INHERENT), 25);
    isms_register_free(reg);

    assert_int_equal(isms_register_new(NULL, NULL), ISMS_EINVAL);
    isms_register_free(NULL);
    assert_int_equal(isms_register_count(NULL), 0);
    assert_null(isms_register_matrix(NULL));
    assert_null(isms_register_at(NULL, 0));
}

static void test_new_alloc_failure(void **state)
{
    (void)state;
    isms_register *reg = NULL;
    SWEEP(isms_register_new(&reg, NULL), assert_null(reg));
    assert_string_equal(isms_matrix_name(isms_register_matrix(reg)), "4x4");
    isms_register_free(reg);

    isms_matrix *m = NULL;
    assert_int_equal(isms_matrix_preset(&m, "3x3"), ISMS_OK);
    reg = NULL;
    SWEEP(isms_register_new(&reg, m), assert_null(reg));
    assert_ptr_equal(isms_register_matrix(reg), m);
    isms_register_free(reg);
    isms_matrix_free(m); /* a reference leaked or released twice would show under ASan */
}

static void test_add_find_at(void **state)
{
    (void)state;
    isms_register *reg = new_register(NULL);
    isms_risk *r1 = add(reg, "R1", "Nätfiske", 3, 4);
    isms_risk *r2 = add(reg, "R2", NULL, UNSET, UNSET);
    assert_int_equal(isms_register_add(NULL, reg, "R3", "x", 9, -4), ISMS_OK); /* out optional */
    assert_int_equal(isms_register_count(reg), 3);
    assert_ptr_equal(isms_register_at(reg, 0), r1);
    assert_ptr_equal(isms_register_at(reg, 1), r2);
    assert_null(isms_register_at(reg, 3));
    assert_ptr_equal(isms_register_find(reg, "R1"), r1);
    assert_ptr_equal(isms_register_find(reg, "R2"), r2);
    isms_risk *r3 = isms_register_find(reg, "R3");
    assert_non_null(r3);
    assert_ptr_equal(isms_register_at(reg, 2), r3);
    assert_string_equal(isms_risk_id(r1), "R1");
    assert_string_equal(isms_risk_title(r1), "Nätfiske");
    assert_string_equal(isms_risk_title(r2), "");
    /* levels off the scale are kept */
    assert_int_equal(isms_risk_likelihood(r3), 9);
    assert_int_equal(isms_risk_consequence(r3), -4);
    assert_int_equal(isms_risk_value(r3, ISMS_INHERENT), ISMS_VALUE_UNSET);

    /* ids compare exactly */
    isms_error_clear();
    assert_null(isms_register_find(reg, "r1"));
    assert_error(ISMS_ENOTFOUND, "no risk with id \"r1\"");
    assert_null(isms_register_find(reg, "R1 "));
    assert_null(isms_register_find(reg, ""));
    assert_null(isms_register_find(NULL, "R1"));
    assert_int_equal(isms_error_last()->code, ISMS_EINVAL);
    assert_null(isms_register_find(reg, NULL));

    isms_risk *out = (isms_risk *)0x1;
    assert_int_equal(isms_register_add(&out, reg, "R1", "again", 1, 1), ISMS_EEXIST);
    assert_error(ISMS_EEXIST, "a risk with id \"R1\" already exists");
    assert_ptr_equal(out, (isms_risk *)0x1);
    assert_int_equal(isms_register_add(&out, reg, "", "x", 1, 1), ISMS_EINVAL);
    assert_int_equal(isms_register_add(&out, reg, NULL, "x", 1, 1), ISMS_EINVAL);
    assert_int_equal(isms_register_add(&out, NULL, "R9", "x", 1, 1), ISMS_EINVAL);
    assert_int_equal(isms_register_count(reg), 3);
    assert_string_equal(isms_risk_title(r1), "Nätfiske"); /* unchanged by the duplicate */

    /* an empty register finds nothing */
    isms_register *empty = new_register(NULL);
    assert_null(isms_register_find(empty, "R1"));
    assert_int_equal(isms_register_remove(empty, "R1"), ISMS_ENOTFOUND);
    isms_register_free(empty);
    isms_register_free(reg);
}

static void test_remove(void **state)
{
    (void)state;
    isms_register *reg = new_register(NULL);
    add(reg, "A", "a", 1, 1);
    add(reg, "B", "b", 2, 2);
    add(reg, "C", "c", 3, 3);
    add(reg, "D", "d", 4, 4);
    assert_int_equal(isms_register_remove(reg, "B"), ISMS_OK);
    assert_int_equal(isms_register_count(reg), 3);
    assert_string_equal(isms_risk_id(isms_register_at(reg, 0)), "A");
    assert_string_equal(isms_risk_id(isms_register_at(reg, 1)), "C");
    assert_string_equal(isms_risk_id(isms_register_at(reg, 2)), "D");
    assert_null(isms_register_find(reg, "B"));
    assert_int_equal(isms_register_remove(reg, "B"), ISMS_ENOTFOUND);
    assert_error(ISMS_ENOTFOUND, "no risk with id \"B\"");
    assert_int_equal(isms_register_remove(reg, "D"), ISMS_OK);
    assert_int_equal(isms_register_remove(reg, "A"), ISMS_OK);
    assert_int_equal(isms_register_count(reg), 1);
    assert_string_equal(isms_risk_id(isms_register_at(reg, 0)), "C");
    /* the id can be used again */
    add(reg, "A", "new a", 2, 1);
    assert_string_equal(isms_risk_title(isms_register_find(reg, "A")), "new a");
    assert_int_equal(isms_register_remove(NULL, "A"), ISMS_EINVAL);
    assert_int_equal(isms_register_remove(reg, NULL), ISMS_EINVAL);
    isms_register_free(reg);
}

static uint64_t rng = 0x9E3779B97F4A7C15u;

/* Many adds and removes keep the hash index and the order consistent. */
static void test_add_remove_many(void **state)
{
    (void)state;
    enum { N = 20000 };
    isms_register *reg = new_register(NULL);
    static bool present[N];
    char id[32];
    for (int i = 0; i < N; i++) {
        snprintf(id, sizeof id, "R%d", i);
        add(reg, id, "t", i % 4 + 1, i % 3 + 1);
        present[i] = true;
    }
    for (int k = 0; k < N / 2; k++) {
        int i = (int)(next_rand(&rng) % N);
        snprintf(id, sizeof id, "R%d", i);
        assert_int_equal(isms_register_remove(reg, id), present[i] ? ISMS_OK : ISMS_ENOTFOUND);
        present[i] = false;
    }
    size_t expect = 0;
    for (int i = 0; i < N; i++) {
        snprintf(id, sizeof id, "R%d", i);
        isms_risk *r = isms_register_find(reg, id);
        if (present[i]) {
            assert_non_null(r);
            assert_string_equal(isms_risk_id(r), id);
            assert_ptr_equal(isms_register_at(reg, expect), r); /* insertion order kept */
            expect++;
        } else {
            assert_null(r);
        }
    }
    assert_int_equal(isms_register_count(reg), expect);
    isms_register_free(reg);
}

static void test_add_alloc_failure(void **state)
{
    (void)state;
    isms_register *reg = new_register(NULL);
    char id[32], title[32];
    /* 40 adds cross several growths of the array and the hash table */
    for (int i = 1; i <= 40; i++) {
        snprintf(id, sizeof id, "R%d", i);
        snprintf(title, sizeof title, "Risk %d", i);
        isms_risk *r = NULL;
        SWEEP(isms_register_add(&r, reg, id, i % 2 ? title : "", 2, 3), {
            assert_null(r);
            assert_int_equal(isms_register_count(reg), (size_t)i - 1);
            assert_null(isms_register_find(reg, id));
            for (int k = 1; k < i; k++) {
                char other[32];
                snprintf(other, sizeof other, "R%d", k);
                assert_non_null(isms_register_find(reg, other));
            }
        });
        assert_non_null(r);
        assert_int_equal(isms_register_count(reg), (size_t)i);
        assert_int_equal(isms_risk_value(r, ISMS_INHERENT), 6);
    }
    isms_register_free(reg);
}

/* ---- risk fields --------------------------------------------------------------------- */

static void test_risk_fields(void **state)
{
    (void)state;
    isms_register *reg = new_register(NULL);
    isms_risk *r = add(reg, "R1", "Ransomware", 2, 3);
    assert_string_equal(isms_risk_consequence_text(r), "");
    assert_string_equal(isms_risk_owner(r), "");
    assert_string_equal(isms_risk_treatment_text(r), "");
    assert_int_equal(isms_risk_treatment(r), ISMS_TREATMENT_NONE);
    assert_int_equal(isms_risk_get_status(r), ISMS_RISK_OPEN);
    assert_int_equal(isms_risk_stated_value(r), ISMS_VALUE_UNSET);
    assert_int_equal(isms_risk_residual_likelihood(r), UNSET);
    assert_int_equal(isms_risk_residual_consequence(r), UNSET);

    char buf[32] = "Utpressning";
    assert_int_equal(isms_risk_set_title(r, buf), ISMS_OK);
    buf[0] = 'X'; /* copied */
    assert_string_equal(isms_risk_title(r), "Utpressning");
    assert_int_equal(isms_risk_set_title(r, NULL), ISMS_OK);
    assert_string_equal(isms_risk_title(r), "");
    assert_int_equal(isms_risk_set_consequence_text(r, "Verksamheten står still"), ISMS_OK);
    assert_string_equal(isms_risk_consequence_text(r), "Verksamheten står still");
    assert_int_equal(isms_risk_set_consequence_text(r, NULL), ISMS_OK);
    assert_string_equal(isms_risk_consequence_text(r), "");
    assert_int_equal(isms_risk_set_owner(r, "IT-chef"), ISMS_OK);
    assert_string_equal(isms_risk_owner(r), "IT-chef");
    assert_int_equal(isms_risk_set_owner(r, ""), ISMS_OK);
    assert_string_equal(isms_risk_owner(r), "");
    assert_int_equal(isms_risk_set_treatment(r, ISMS_TREATMENT_MODIFY, "Säkerhetskopior"),
                     ISMS_OK);
    assert_int_equal(isms_risk_treatment(r), ISMS_TREATMENT_MODIFY);
    assert_string_equal(isms_risk_treatment_text(r), "Säkerhetskopior");
    assert_int_equal(isms_risk_set_treatment(r, (isms_treatment)5, "x"), ISMS_EINVAL);
    assert_int_equal(isms_risk_treatment(r), ISMS_TREATMENT_MODIFY); /* unchanged */
    assert_string_equal(isms_risk_treatment_text(r), "Säkerhetskopior");
    assert_int_equal(isms_risk_set_treatment(r, ISMS_TREATMENT_SHARE, NULL), ISMS_OK);
    assert_string_equal(isms_risk_treatment_text(r), "");
    assert_int_equal(isms_risk_set_status(r, ISMS_RISK_TREATED), ISMS_OK);
    assert_int_equal(isms_risk_get_status(r), ISMS_RISK_TREATED);
    assert_int_equal(isms_risk_set_status(r, (isms_risk_status)5), ISMS_EINVAL);
    assert_int_equal(isms_risk_get_status(r), ISMS_RISK_TREATED);
    assert_int_equal(isms_risk_set_stated_value(r, 7), ISMS_OK);
    assert_int_equal(isms_risk_stated_value(r), 7);
    assert_int_equal(isms_risk_set_stated_value(r, ISMS_VALUE_UNSET), ISMS_OK);
    assert_int_equal(isms_risk_stated_value(r), ISMS_VALUE_UNSET);

    /* NULL risks */
    assert_int_equal(isms_risk_set_title(NULL, "x"), ISMS_EINVAL);
    assert_int_equal(isms_risk_set_consequence_text(NULL, "x"), ISMS_EINVAL);
    assert_int_equal(isms_risk_set_owner(NULL, "x"), ISMS_EINVAL);
    assert_int_equal(isms_risk_set_treatment(NULL, ISMS_TREATMENT_AVOID, "x"), ISMS_EINVAL);
    assert_int_equal(isms_risk_set_status(NULL, ISMS_RISK_OPEN), ISMS_EINVAL);
    assert_int_equal(isms_risk_set_stated_value(NULL, 3), ISMS_EINVAL);
    assert_int_equal(isms_risk_set_levels(NULL, 1, 1), ISMS_EINVAL);
    assert_int_equal(isms_risk_set_residual(NULL, 1, 1), ISMS_EINVAL);
    assert_null(isms_risk_id(NULL));
    assert_string_equal(isms_risk_title(NULL), "");
    assert_string_equal(isms_risk_consequence_text(NULL), "");
    assert_string_equal(isms_risk_owner(NULL), "");
    assert_string_equal(isms_risk_treatment_text(NULL), "");
    assert_int_equal(isms_risk_treatment(NULL), ISMS_TREATMENT_NONE);
    assert_int_equal(isms_risk_get_status(NULL), ISMS_RISK_OPEN);
    assert_int_equal(isms_risk_likelihood(NULL), UNSET);
    assert_int_equal(isms_risk_consequence(NULL), UNSET);
    assert_int_equal(isms_risk_residual_likelihood(NULL), UNSET);
    assert_int_equal(isms_risk_residual_consequence(NULL), UNSET);
    assert_int_equal(isms_risk_stated_value(NULL), ISMS_VALUE_UNSET);
    assert_int_equal(isms_risk_value(NULL, ISMS_INHERENT), ISMS_VALUE_UNSET);
    isms_register_free(reg);
}

static void test_setters_alloc_failure(void **state)
{
    (void)state;
    isms_register *reg = new_register(NULL);
    isms_risk *r = add(reg, "R1", "old title", 2, 3);
    assert_int_equal(isms_risk_set_consequence_text(r, "old text"), ISMS_OK);
    assert_int_equal(isms_risk_set_owner(r, "old owner"), ISMS_OK);
    assert_int_equal(isms_risk_set_treatment(r, ISMS_TREATMENT_AVOID, "old plan"), ISMS_OK);
    SWEEP(isms_risk_set_title(r, "new title"), assert_string_equal(isms_risk_title(r),
                                                                    "old title"));
    assert_string_equal(isms_risk_title(r), "new title");
    SWEEP(isms_risk_set_consequence_text(r, "new text"),
          assert_string_equal(isms_risk_consequence_text(r), "old text"));
    assert_string_equal(isms_risk_consequence_text(r), "new text");
    SWEEP(isms_risk_set_owner(r, "new owner"),
          assert_string_equal(isms_risk_owner(r), "old owner"));
    assert_string_equal(isms_risk_owner(r), "new owner");
    SWEEP(isms_risk_set_treatment(r, ISMS_TREATMENT_MODIFY, "new plan"), {
        assert_int_equal(isms_risk_treatment(r), ISMS_TREATMENT_AVOID);
        assert_string_equal(isms_risk_treatment_text(r), "old plan");
    });
    assert_int_equal(isms_risk_treatment(r), ISMS_TREATMENT_MODIFY);
    assert_string_equal(isms_risk_treatment_text(r), "new plan");
    isms_register_free(reg);
}

static void test_scores_and_residual(void **state)
{
    (void)state;
    isms_register *reg = new_register(NULL);
    isms_risk *r = add(reg, "R1", "t", 3, 4);
    isms_score s;
    /* 3 × 4 = 12: very-high, 11/15 */
    assert_int_equal(isms_risk_score(&s, r, ISMS_INHERENT), ISMS_OK);
    assert_int_equal(s.value, 12);
    assert_int_equal(s.band, 3);
    assert_double_equal(s.normalized, 11.0 / 15.0, 1e-12);
    /* no residual levels: the residual value is the inherent one */
    assert_int_equal(isms_risk_value(r, ISMS_RESIDUAL), 12);
    assert_int_equal(isms_risk_score(&s, r, ISMS_RESIDUAL), ISMS_OK);
    assert_int_equal(s.value, 12);
    assert_int_equal(isms_risk_set_residual(r, 1, 4), ISMS_OK);
    assert_int_equal(isms_risk_residual_likelihood(r), 1);
    assert_int_equal(isms_risk_residual_consequence(r), 4);
    assert_int_equal(isms_risk_score(&s, r, ISMS_RESIDUAL), ISMS_OK);
    assert_int_equal(s.value, 4);
    assert_int_equal(s.band, 1);
    assert_double_equal(s.normalized, 3.0 / 15.0, 1e-12);
    assert_int_equal(isms_risk_value(r, ISMS_INHERENT), 12);
    /* new inherent levels rescore; the residual stays on its own levels */
    assert_int_equal(isms_risk_set_levels(r, 2, 2), ISMS_OK);
    assert_int_equal(isms_risk_likelihood(r), 2);
    assert_int_equal(isms_risk_consequence(r), 2);
    assert_int_equal(isms_risk_value(r, ISMS_INHERENT), 4);
    assert_int_equal(isms_risk_value(r, ISMS_RESIDUAL), 4);
    assert_int_equal(isms_risk_set_levels(r, 4, 4), ISMS_OK);
    assert_int_equal(isms_risk_value(r, ISMS_INHERENT), 16);
    assert_int_equal(isms_risk_value(r, ISMS_RESIDUAL), 4);
    /* clearing the residual falls back to inherent again */
    assert_int_equal(isms_risk_set_residual(r, UNSET, UNSET), ISMS_OK);
    assert_int_equal(isms_risk_value(r, ISMS_RESIDUAL), 16);
    /* half a residual: no residual value */
    assert_int_equal(isms_risk_set_residual(r, 2, UNSET), ISMS_OK);
    assert_int_equal(isms_risk_value(r, ISMS_RESIDUAL), ISMS_VALUE_UNSET);
    assert_int_equal(isms_risk_score(&s, r, ISMS_RESIDUAL), ISMS_ENOTFOUND);
    assert_error(ISMS_ENOTFOUND, "risk \"R1\": residual likelihood and consequence");
    /* residual off the scale */
    assert_int_equal(isms_risk_set_residual(r, 0, 2), ISMS_OK);
    assert_int_equal(isms_risk_score(&s, r, ISMS_RESIDUAL), ISMS_ERANGE);
    assert_error(ISMS_ERANGE, "risk \"R1\": residual likelihood 0 is outside the scale 1–4");

    /* inherent off the scale and unassessed */
    assert_int_equal(isms_risk_set_levels(r, 2, 5), ISMS_OK);
    assert_int_equal(isms_risk_value(r, ISMS_INHERENT), ISMS_VALUE_UNSET);
    s.value = 99;
    assert_int_equal(isms_risk_score(&s, r, ISMS_INHERENT), ISMS_ERANGE);
    assert_error(ISMS_ERANGE, "risk \"R1\": consequence 5 is outside the scale 1–4");
    assert_int_equal(s.value, 99);
    assert_int_equal(isms_risk_set_levels(r, UNSET, 2), ISMS_OK);
    assert_int_equal(isms_risk_score(&s, r, ISMS_INHERENT), ISMS_ENOTFOUND);
    assert_error(ISMS_ENOTFOUND, "risk \"R1\": likelihood and consequence are not both");
    assert_int_equal(isms_risk_score(NULL, r, ISMS_INHERENT), ISMS_EINVAL);
    assert_int_equal(isms_risk_score(&s, NULL, ISMS_INHERENT), ISMS_EINVAL);
    assert_int_equal(isms_risk_score(&s, r, (isms_which)2), ISMS_EINVAL);
    assert_int_equal(isms_risk_value(r, (isms_which)2), ISMS_VALUE_UNSET);
    isms_register_free(reg);
}

/* ---- sorted, counts, heat map -------------------------------------------------------- */

static isms_register *sample(void)
{
    isms_register *reg = new_register(NULL);
    add(reg, "R10", "a", 3, 4);         /* 12 */
    add(reg, "R2", "b", 4, 3);          /* 12 */
    add(reg, "R1", "c", 2, 2);          /* 4 */
    add(reg, "R3", "d", UNSET, UNSET);  /* unscored */
    add(reg, "R11", "e", 5, 5);         /* off the scale: unscored */
    add(reg, "R9", "f", 1, 1);          /* 1 */
    add(reg, "R20", "g", 4, 4);         /* 16 */
    return reg;
}

static void assert_order(isms_risk **v, size_t n, const char *const *ids)
{
    for (size_t i = 0; i < n; i++)
        assert_string_equal(isms_risk_id(v[i]), ids[i]);
}

static void test_sorted(void **state)
{
    (void)state;
    isms_register *reg = sample();
    isms_risk **v = NULL;
    size_t n = 0;
    assert_int_equal(isms_register_sorted(&v, &n, reg, ISMS_INHERENT), ISMS_OK);
    assert_int_equal(n, 7);
    static const char *const inherent[] = { "R20", "R2", "R10", "R1", "R9", "R3", "R11" };
    assert_order(v, n, inherent);
    isms_free(v);

    isms_risk_set_residual(isms_register_find(reg, "R20"), 1, 1); /* 1 */
    isms_risk_set_residual(isms_register_find(reg, "R1"), 4, 4);  /* 16 */
    assert_int_equal(isms_register_sorted(&v, &n, reg, ISMS_RESIDUAL), ISMS_OK);
    static const char *const residual[] = { "R1", "R2", "R10", "R9", "R20", "R3", "R11" };
    assert_order(v, n, residual);
    isms_free(v);
    /* the register itself keeps insertion order */
    assert_string_equal(isms_risk_id(isms_register_at(reg, 0)), "R10");

    assert_int_equal(isms_register_sorted(NULL, &n, reg, ISMS_INHERENT), ISMS_EINVAL);
    assert_int_equal(isms_register_sorted(&v, NULL, reg, ISMS_INHERENT), ISMS_EINVAL);
    assert_int_equal(isms_register_sorted(&v, &n, NULL, ISMS_INHERENT), ISMS_EINVAL);
    assert_int_equal(isms_register_sorted(&v, &n, reg, (isms_which)3), ISMS_EINVAL);

    isms_register *empty = new_register(NULL);
    v = (isms_risk **)0x1;
    n = 5;
    assert_int_equal(isms_register_sorted(&v, &n, empty, ISMS_INHERENT), ISMS_OK);
    assert_null(v);
    assert_int_equal(n, 0);
    isms_register_free(empty);

    /* allocation failure: nothing returned, nothing leaked */
    v = NULL;
    n = 0;
    SWEEP(isms_register_sorted(&v, &n, reg, ISMS_INHERENT), {
        assert_null(v);
        assert_int_equal(n, 0);
    });
    assert_int_equal(n, 7);
    isms_free(v);
    isms_register_free(reg);
}

static int natcmp_ptr(const void *a, const void *b)
{
    return isms__natcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Ties are broken by natural order of the ids, exactly as isms__natcmp() orders them. */
static void test_sorted_natural_ties(void **state)
{
    (void)state;
    static const char *ids[] = {
        "(R000…07: set below)", "(R000…07 with fewer zeros: set below)",
        "R1", "R01", "R001", "R10", "R2", "R1a", "R1A", "R", "A", "R0", "R00", "risk-3",
        "risk-10", "Ä1", "R123456789012", "R123456789011", "R99999999", "R100000000", "R1.2",
        "R1.10", "x", "R1 2", "R1/2", "R1:2", "R 1", "R0001", "R000000000000000000001",
        "R12345678", "R12345679", "R1234567", "ÅR2", "ÄR10", "10", "9", "09", "R9a", "R9b",
        "R09a", "R-1", "R+1", "R18446744073709551616", "R18446744073709551617",
    };
    /* long runs of leading zeros */
    static char zeros300[310], zeros254[310];
    zeros300[0] = zeros254[0] = 'R';
    memset(zeros300 + 1, '0', 300);
    memcpy(zeros300 + 301, "7", 2);
    memset(zeros254 + 1, '0', 254);
    memcpy(zeros254 + 255, "7", 2);
    ids[0] = zeros300;
    ids[1] = zeros254;
    enum { N = sizeof ids / sizeof *ids };
    const char *expect[N];
    memcpy(expect, ids, sizeof ids);
    qsort(expect, N, sizeof *expect, natcmp_ptr);
    for (int round = 0; round < 5; round++) {
        /* insert in a shuffled order */
        const char *order[N];
        memcpy(order, ids, sizeof ids);
        for (size_t i = N - 1; i > 0; i--) {
            size_t j = next_rand(&rng) % (i + 1);
            const char *t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        isms_register *reg = new_register(NULL);
        for (size_t i = 0; i < N; i++)
            add(reg, order[i], "same", 2, 3);
        isms_risk **v = NULL;
        size_t n = 0;
        assert_int_equal(isms_register_sorted(&v, &n, reg, ISMS_INHERENT), ISMS_OK);
        assert_int_equal(n, N);
        assert_order(v, n, expect);
        isms_free(v);
        isms_register_free(reg);
    }
}

/* A random register: every adjacent pair of the sorted result is in order. */
static void test_sorted_random(void **state)
{
    (void)state;
    /* Whole characters: "Ä" is two bytes, and half of it would be an id that is not UTF-8,
     * which isms_register_add() refuses. */
    static const char *const alphabet[] = { "R", "0", "1", "2", "3", "4", "5", "6",
                                            "7", "8", "9", "a", "-", "Ä" };
    isms_register *reg = new_register(NULL);
    char id[40];
    for (int i = 0; i < 30000; i++) {
        size_t len = 1 + next_rand(&rng) % 14, k = 0;
        for (size_t j = 0; j < len; j++) {
            const char *ch = alphabet[next_rand(&rng) % (sizeof alphabet / sizeof *alphabet)];
            size_t n = strlen(ch);
            memcpy(id + k, ch, n);
            k += n;
        }
        id[k] = '\0';
        int l = (int)(next_rand(&rng) % 5), c = (int)(next_rand(&rng) % 5) + 1; /* l 0 = off scale */
        if (next_rand(&rng) % 10 == 0)
            l = UNSET;
        int rc = isms_register_add(NULL, reg, id, "t", l, c);
        assert_true(rc == ISMS_OK || rc == ISMS_EEXIST);
    }
    isms_risk **v = NULL;
    size_t n = 0;
    assert_int_equal(isms_register_sorted(&v, &n, reg, ISMS_INHERENT), ISMS_OK);
    assert_int_equal(n, isms_register_count(reg));
    for (size_t i = 1; i < n; i++) {
        int a = isms_risk_value(v[i - 1], ISMS_INHERENT);
        int b = isms_risk_value(v[i], ISMS_INHERENT);
        long long ka = a == ISMS_VALUE_UNSET ? LLONG_MIN : a;
        long long kb = b == ISMS_VALUE_UNSET ? LLONG_MIN : b;
        assert_true(ka >= kb);
        if (ka == kb)
            assert_true(isms__natcmp(isms_risk_id(v[i - 1]), isms_risk_id(v[i])) < 0);
    }
    isms_free(v);
    isms_register_free(reg);
}

static void test_band_counts(void **state)
{
    (void)state;
    isms_register *reg = sample();
    size_t counts[6] = { 9, 9, 9, 9, 9, 9 }, unscored = 9;
    /* values 12, 12, 4, -, -, 1, 16 */
    assert_int_equal(isms_register_band_counts(counts, 6, &unscored, reg, ISMS_INHERENT),
                     ISMS_OK);
    assert_int_equal(counts[0], 1);
    assert_int_equal(counts[1], 1);
    assert_int_equal(counts[2], 0);
    assert_int_equal(counts[3], 3);
    assert_int_equal(counts[4], 0); /* extra elements are zeroed */
    assert_int_equal(counts[5], 0);
    assert_int_equal(unscored, 2);
    /* residual: R10 treated to 2 × 4 = 8 (high) */
    isms_risk_set_residual(isms_register_find(reg, "R10"), 2, 4);
    assert_int_equal(isms_register_band_counts(counts, 4, NULL, reg, ISMS_RESIDUAL), ISMS_OK);
    assert_int_equal(counts[2], 1);
    assert_int_equal(counts[3], 2);
    assert_int_equal(isms_register_band_counts(counts, 3, NULL, reg, ISMS_INHERENT),
                     ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "room for 3 counts, the matrix has 4 bands");
    assert_int_equal(isms_register_band_counts(NULL, 4, NULL, reg, ISMS_INHERENT), ISMS_EINVAL);
    assert_int_equal(isms_register_band_counts(counts, 4, NULL, NULL, ISMS_INHERENT),
                     ISMS_EINVAL);
    assert_int_equal(isms_register_band_counts(counts, 4, NULL, reg, (isms_which)5),
                     ISMS_EINVAL);
    isms_register_free(reg);
}

static void test_heatmap(void **state)
{
    (void)state;
    isms_register *reg = sample();
    add(reg, "R30", "h", 3, 4); /* a second risk in cell (3, 4) */
    size_t grid[16];
    assert_int_equal(isms_register_heatmap(grid, 16, reg, ISMS_INHERENT), ISMS_OK);
    size_t expect[16] = { 0 };
    expect[(3 - 1) * 4 + (4 - 1)] = 2; /* R10, R30 */
    expect[(4 - 1) * 4 + (3 - 1)] = 1; /* R2 */
    expect[(2 - 1) * 4 + (2 - 1)] = 1; /* R1 */
    expect[0] = 1;                     /* R9 */
    expect[15] = 1;                    /* R20 */
    assert_memory_equal(grid, expect, sizeof grid);
    /* residual levels where given, inherent otherwise */
    isms_risk_set_residual(isms_register_find(reg, "R10"), 1, 2);
    isms_risk_set_residual(isms_register_find(reg, "R3"), 2, 2); /* unassessed inherent */
    isms_risk_set_residual(isms_register_find(reg, "R9"), 7, 2); /* off the scale */
    assert_int_equal(isms_register_heatmap(grid, 16, reg, ISMS_RESIDUAL), ISMS_OK);
    expect[(3 - 1) * 4 + (4 - 1)] = 1;
    expect[(1 - 1) * 4 + (2 - 1)] = 1;
    expect[(2 - 1) * 4 + (2 - 1)] = 2;
    expect[0] = 0;
    assert_memory_equal(grid, expect, sizeof grid);
    assert_int_equal(isms_register_heatmap(grid, 15, reg, ISMS_INHERENT), ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "grid of 15 cells, the matrix has 4×4");
    assert_int_equal(isms_register_heatmap(grid, 25, reg, ISMS_INHERENT), ISMS_EINVAL);
    assert_int_equal(isms_register_heatmap(NULL, 16, reg, ISMS_INHERENT), ISMS_EINVAL);
    assert_int_equal(isms_register_heatmap(grid, 16, NULL, ISMS_INHERENT), ISMS_EINVAL);
    assert_int_equal(isms_register_heatmap(grid, 16, reg, (isms_which)9), ISMS_EINVAL);
    isms_register_free(reg);

    /* a non-square matrix: 3 likelihood levels × 4 consequence levels, sum */
    isms_matrix_builder *b = NULL;
    assert_int_equal(isms_matrix_builder_new(&b, "3x4"), ISMS_OK);
    static const char *const s[] = { "a", "b", "c", "d" }, *const e[] = { "A1", "B1", "C1", "D1" };
    for (int i = 0; i < 3; i++)
        assert_int_equal(isms_matrix_builder_add_level(b, ISMS_AXIS_LIKELIHOOD, i + 1, s[i], e[i],
                                                       NULL), ISMS_OK);
    for (int i = 0; i < 4; i++)
        assert_int_equal(isms_matrix_builder_add_level(b, ISMS_AXIS_CONSEQUENCE, i + 1, s[i],
                                                       e[i], NULL), ISMS_OK);
    assert_int_equal(isms_matrix_builder_set_formula(b, ISMS_FORMULA_SUM), ISMS_OK);
    assert_int_equal(isms_matrix_builder_add_band(b, "all", 2, 7, "#000000", "Alla", "All"),
                     ISMS_OK);
    isms_matrix *m = NULL;
    assert_int_equal(isms_matrix_builder_build(&m, b), ISMS_OK);
    isms_matrix_builder_free(b);
    assert_int_equal(isms_register_new(&reg, m), ISMS_OK);
    isms_matrix_free(m);
    add(reg, "A", "", 3, 1);
    add(reg, "B", "", 1, 4);
    add(reg, "C", "", 4, 1); /* off the likelihood scale */
    size_t g12[12];
    assert_int_equal(isms_register_heatmap(g12, 12, reg, ISMS_INHERENT), ISMS_OK);
    size_t e12[12] = { 0 };
    e12[2 * 4 + 0] = 1;
    e12[0 * 4 + 3] = 1;
    assert_memory_equal(g12, e12, sizeof g12);
    isms_register_free(reg);
}

/* ---- lint ---------------------------------------------------------------------------- */

typedef struct expected_finding {
    isms_severity severity;
    const char *code;
    const char *ref;
    const char *sv;
    const char *en;
} expected_finding;

static isms_register *lint_sample(void)
{
    isms_register *reg = new_register(NULL);
    isms_risk *r;
    r = add(reg, "R1", "Nätfiske", 3, 3);
    isms_risk_set_stated_value(r, 6);
    isms_risk_set_treatment(r, ISMS_TREATMENT_MODIFY, "MFA");
    add(reg, "R2", "Brand", 5, 2);
    add(reg, "R3", "Strömavbrott", UNSET, UNSET);
    r = add(reg, "R4", "Leverantör", 2, 2);
    isms_risk_set_residual(r, 3, 3);
    isms_risk_set_treatment(r, ISMS_TREATMENT_MODIFY, "Avtal");
    add(reg, "R5", "Ransomware", 4, 4);
    r = add(reg, "R6", "Stöld", 2, 3);
    isms_risk_set_treatment(r, ISMS_TREATMENT_RETAIN, NULL);
    add(reg, "R7", " NÄTFISKE ", 1, 1);
    r = add(reg, "R8", "Översvämning", 2, 3);
    isms_risk_set_treatment(r, ISMS_TREATMENT_RETAIN, NULL);
    isms_risk_set_status(r, ISMS_RISK_ACCEPTED);
    add(reg, "R9", "Låg risk", 1, 2);
    r = add(reg, "R10", "Felaktig behörighet", 3, 3);
    isms_risk_set_stated_value(r, 9);
    isms_risk_set_treatment(r, ISMS_TREATMENT_NONE, "Utbildning");
    r = add(reg, "R11", "Halv restrisk", 1, 1);
    isms_risk_set_residual(r, 2, UNSET);
    r = add(reg, "R12", "Restrisk utanför", 2, 2);
    isms_risk_set_residual(r, 0, 1);
    isms_risk_set_treatment(r, ISMS_TREATMENT_AVOID, NULL);
    r = add(reg, "R13", "Stängd", 4, 4);
    isms_risk_set_status(r, ISMS_RISK_CLOSED);
    add(reg, "R14", "", 1, 1);
    add(reg, "R15", "  ", 1, 1); /* blank titles are not duplicates */
    return reg;
}

static const expected_finding lint_expected[] = {
    { ISMS_SEVERITY_WARNING, "risk-value-mismatch", "R1",
      "Angivet riskvärde 6 stämmer inte med beräknat värde 9 (3 × 3)",
      "Stated value 6 differs from the computed value 9 (3 × 3)" },
    { ISMS_SEVERITY_ERROR, "risk-level-out-of-scale", "R2",
      "Sannolikhet 5 ligger utanför skalan 1–4", "Likelihood 5 is outside the scale 1–4" },
    { ISMS_SEVERITY_INFO, "risk-unassessed", "R3",
      "Sannolikhet och konsekvens är inte bedömda",
      "Likelihood and consequence have not been assessed" },
    { ISMS_SEVERITY_WARNING, "risk-residual-above-inherent", "R4",
      "Restrisken 9 är högre än den inneboende risken 4",
      "Residual value 9 is above the inherent value 4" },
    { ISMS_SEVERITY_WARNING, "risk-untreated", "R5",
      "Riskvärdet 16 är över acceptansnivån 3 men ingen åtgärd är angiven",
      "Value 16 is above the acceptance threshold 3 but no treatment is given" },
    { ISMS_SEVERITY_WARNING, "risk-retained-above-acceptance", "R6",
      "Risken behålls med värdet 6, över acceptansnivån 3, utan att vara formellt accepterad",
      "The risk is retained at value 6, above the acceptance threshold 3, without being "
      "formally accepted" },
    { ISMS_SEVERITY_WARNING, "risk-duplicate-title", "R7",
      "Samma titel som risk R1: \" NÄTFISKE \"", "Same title as risk R1: \" NÄTFISKE \"" },
    { ISMS_SEVERITY_INFO, "risk-unassessed", "R11",
      "Kvarstående konsekvens saknas men kvarstående sannolikhet är angiven",
      "Residual consequence is missing while residual likelihood is given" },
    { ISMS_SEVERITY_ERROR, "risk-level-out-of-scale", "R12",
      "Kvarstående sannolikhet 0 ligger utanför skalan 1–4",
      "Residual likelihood 0 is outside the scale 1–4" },
};

static void check_findings(const isms_findings *list, const expected_finding *expect, size_t n,
                           isms_lang lang)
{
    if (isms_findings_count(list) != n) {
        for (size_t i = 0; i < isms_findings_count(list); i++) {
            isms_finding f;
            isms_findings_get(&f, list, i);
            print_message("%s %s %s\n", f.code, f.ref, f.message);
        }
    }
    assert_int_equal(isms_findings_count(list), n);
    for (size_t i = 0; i < n; i++) {
        isms_finding f;
        assert_int_equal(isms_findings_get(&f, list, i), ISMS_OK);
        assert_int_equal(f.severity, expect[i].severity);
        assert_string_equal(f.code, expect[i].code);
        assert_string_equal(f.ref, expect[i].ref);
        assert_string_equal(f.message, lang == ISMS_LANG_SV ? expect[i].sv : expect[i].en);
    }
}

/* Lints `reg` in Swedish and in English and checks both lists against `expect`. */
static void check_lint(const isms_register *reg, const expected_finding *expect, size_t n)
{
    for (int lang = 0; lang < 2; lang++) {
        isms_findings *list = NULL;
        assert_int_equal(isms_findings_new(&list, (isms_lang)lang), ISMS_OK);
        assert_int_equal(isms_register_lint(list, reg), ISMS_OK);
        check_findings(list, expect, n, (isms_lang)lang);
        isms_findings_free(list);
    }
}

static void test_lint_codes(void **state)
{
    (void)state;
    isms_register *reg = lint_sample();
    const size_t n = sizeof lint_expected / sizeof *lint_expected;
    check_lint(reg, lint_expected, n);
    isms_findings *list = NULL;
    assert_int_equal(isms_findings_new(&list, ISMS_LANG_EN), ISMS_OK);
    assert_int_equal(isms_register_lint(NULL, reg), ISMS_EINVAL);
    assert_int_equal(isms_register_lint(list, NULL), ISMS_EINVAL);
    /* fixing the data clears the findings */
    isms_risk_set_stated_value(isms_register_find(reg, "R1"), 9);
    isms_risk_set_levels(isms_register_find(reg, "R2"), 1, 2);
    isms_risk_set_levels(isms_register_find(reg, "R3"), 1, 1);
    isms_risk_set_residual(isms_register_find(reg, "R4"), 1, 2);
    isms_risk_set_treatment(isms_register_find(reg, "R5"), ISMS_TREATMENT_AVOID, NULL);
    isms_risk_set_status(isms_register_find(reg, "R6"), ISMS_RISK_ACCEPTED);
    isms_risk_set_title(isms_register_find(reg, "R7"), "Nätfiske via sms");
    isms_risk_set_residual(isms_register_find(reg, "R11"), 1, 1);
    isms_risk_set_residual(isms_register_find(reg, "R12"), 1, 1);
    assert_int_equal(isms_register_lint(list, reg), ISMS_OK);
    check_findings(list, NULL, 0, ISMS_LANG_EN);
    isms_findings_free(list);
    isms_register_free(reg);

    /* an empty register has nothing to report */
    reg = new_register(NULL);
    assert_int_equal(isms_findings_new(&list, ISMS_LANG_SV), ISMS_OK);
    assert_int_equal(isms_register_lint(list, reg), ISMS_OK);
    assert_int_equal(isms_findings_count(list), 0);
    isms_findings_free(list);
    isms_register_free(reg);
}

static void test_lint_partial_inherent(void **state)
{
    (void)state;
    isms_register *reg = new_register(NULL);
    add(reg, "A", "a", UNSET, 2);
    add(reg, "B", "b", 2, UNSET);
    isms_risk *r = add(reg, "C", "c", 1, 2);
    isms_risk_set_residual(r, UNSET, 1);
    static const expected_finding expect[] = {
        { ISMS_SEVERITY_INFO, "risk-unassessed", "A", "Sannolikheten är inte bedömd",
          "Likelihood has not been assessed" },
        { ISMS_SEVERITY_INFO, "risk-unassessed", "B", "Konsekvensen är inte bedömd",
          "Consequence has not been assessed" },
        { ISMS_SEVERITY_INFO, "risk-unassessed", "C",
          "Kvarstående sannolikhet saknas men kvarstående konsekvens är angiven",
          "Residual likelihood is missing while residual consequence is given" },
    };
    check_lint(reg, expect, 3);
    isms_register_free(reg);
}

/* A register on a custom matrix with one mismatching risk; returns the en/sv messages. */
static void check_mismatch_formula(isms_formula formula, const char *sv, const char *en)
{
    isms_matrix_builder *b = NULL;
    assert_int_equal(isms_matrix_builder_new(&b, "f"), ISMS_OK);
    static const char *const s[] = { "a", "b", "c", "d" }, *const e[] = { "A1", "B1", "C1", "D1" };
    for (int a = 0; a < 2; a++)
        for (int i = 0; i < 4; i++)
            assert_int_equal(isms_matrix_builder_add_level(b, (isms_axis)a, i + 1, s[i], e[i],
                                                           NULL), ISMS_OK);
    if (formula == ISMS_FORMULA_GRID) {
        static const int grid[16] = { 1, 1, 2, 3, 1, 2, 3, 5, 2, 3, 5, 8, 3, 5, 8, 13 };
        assert_int_equal(isms_matrix_builder_set_grid(b, grid, 4, 4), ISMS_OK);
    } else {
        assert_int_equal(isms_matrix_builder_set_formula(b, formula), ISMS_OK);
    }
    assert_int_equal(isms_matrix_builder_add_band(b, "all", 1, 16, "#000000", "Alla", "All"),
                     ISMS_OK);
    isms_matrix *m = NULL;
    assert_int_equal(isms_matrix_builder_build(&m, b), ISMS_OK);
    isms_matrix_builder_free(b);
    isms_register *reg = NULL;
    assert_int_equal(isms_register_new(&reg, m), ISMS_OK);
    isms_matrix_free(m);
    isms_risk *r = add(reg, "R1", "t", 2, 3);
    isms_risk_set_stated_value(r, 6 == isms_risk_value(r, ISMS_INHERENT) ? 7 : 6);
    isms_risk_set_treatment(r, ISMS_TREATMENT_AVOID, NULL);
    expected_finding f = { ISMS_SEVERITY_WARNING, "risk-value-mismatch", "R1", sv, en };
    check_lint(reg, &f, 1);
    isms_register_free(reg);
}

static void test_lint_noncontiguous_scale(void **state)
{
    (void)state;
    isms_matrix_builder *b = NULL;
    assert_int_equal(isms_matrix_builder_new(&b, "gles"), ISMS_OK);
    static const int lv[] = { 1, 2, 4 };
    static const char *const s[] = { "a", "b", "c" }, *const e[] = { "A1", "B1", "C1" };
    for (int a = 0; a < 2; a++)
        for (int i = 0; i < 3; i++)
            assert_int_equal(isms_matrix_builder_add_level(b, (isms_axis)a, lv[i], s[i], e[i],
                                                           NULL), ISMS_OK);
    assert_int_equal(isms_matrix_builder_add_band(b, "all", 1, 16, "#000000", "Alla", "All"),
                     ISMS_OK);
    isms_matrix *m = NULL;
    assert_int_equal(isms_matrix_builder_build(&m, b), ISMS_OK);
    isms_matrix_builder_free(b);
    isms_register *reg = NULL;
    assert_int_equal(isms_register_new(&reg, m), ISMS_OK);
    isms_matrix_free(m);
    add(reg, "R1", "t", 3, 4);
    static const expected_finding expect[] = {
        { ISMS_SEVERITY_ERROR, "risk-level-out-of-scale", "R1",
          "Sannolikhet 3 ligger utanför skalan 1, 2, 4",
          "Likelihood 3 is outside the scale 1, 2, 4" },
    };
    check_lint(reg, expect, 1);
    size_t heat[9];
    assert_int_equal(isms_register_heatmap(heat, 9, reg, ISMS_INHERENT), ISMS_OK);
    for (size_t i = 0; i < 9; i++)
        assert_int_equal(heat[i], 0); /* off the scale: not counted */
    isms_risk_set_levels(isms_register_find(reg, "R1"), 4, 2);
    assert_int_equal(isms_register_heatmap(heat, 9, reg, ISMS_INHERENT), ISMS_OK);
    assert_int_equal(heat[2 * 3 + 1], 1);
    assert_int_equal(isms_risk_value(isms_register_find(reg, "R1"), ISMS_INHERENT), 8);
    isms_register_free(reg);
}

static void test_lint_mismatch_formulas(void **state)
{
    (void)state;
    check_mismatch_formula(ISMS_FORMULA_PRODUCT,
                           "Angivet riskvärde 7 stämmer inte med beräknat värde 6 (2 × 3)",
                           "Stated value 7 differs from the computed value 6 (2 × 3)");
    check_mismatch_formula(ISMS_FORMULA_SUM,
                           "Angivet riskvärde 6 stämmer inte med beräknat värde 5 (2 + 3)",
                           "Stated value 6 differs from the computed value 5 (2 + 3)");
    check_mismatch_formula(ISMS_FORMULA_MAX,
                           "Angivet riskvärde 6 stämmer inte med beräknat värde 3 (max(2, 3))",
                           "Stated value 6 differs from the computed value 3 (max(2, 3))");
    /* grid row 2 (likelihood 2), column 3 (consequence 3): 3 */
    check_mismatch_formula(ISMS_FORMULA_GRID,
                           "Angivet riskvärde 6 stämmer inte med beräknat värde 3 (rutnätet vid "
                           "sannolikhet 2, konsekvens 3)",
                           "Stated value 6 differs from the computed value 3 (grid at "
                           "likelihood 2, consequence 3)");
}

static void test_lint_duplicates_many(void **state)
{
    (void)state;
    isms_register *reg = new_register(NULL);
    char id[16];
    for (int i = 0; i < 3000; i++) {
        snprintf(id, sizeof id, "R%d", i);
        char title[32];
        /* titles repeat every 1000 risks, with varying case and spacing */
        if (i < 1000)
            snprintf(title, sizeof title, "Risk nummer %d", i % 1000);
        else if (i < 2000)
            snprintf(title, sizeof title, "RISK  NUMMER %d", i % 1000);
        else
            snprintf(title, sizeof title, " risk nummer %d ", i % 1000);
        add(reg, id, title, 1, 1);
    }
    isms_findings *list = NULL;
    assert_int_equal(isms_findings_new(&list, ISMS_LANG_EN), ISMS_OK);
    assert_int_equal(isms_register_lint(list, reg), ISMS_OK);
    assert_int_equal(isms_findings_count(list), 2000);
    isms_finding f;
    assert_int_equal(isms_findings_get(&f, list, 0), ISMS_OK);
    assert_string_equal(f.ref, "R1000");
    assert_string_equal(f.message, "Same title as risk R0: \"RISK  NUMMER 0\"");
    assert_int_equal(isms_findings_get(&f, list, 1999), ISMS_OK);
    assert_string_equal(f.ref, "R2999");
    assert_string_equal(f.message, "Same title as risk R999: \" risk nummer 999 \"");
    isms_findings_free(list);
    isms_register_free(reg);
}

static void test_lint_alloc_failure(void **state)
{
    (void)state;
    isms_register *reg = lint_sample();
    const size_t n = sizeof lint_expected / sizeof *lint_expected;
    isms_findings *list = NULL;
    assert_int_equal(isms_findings_new(&list, ISMS_LANG_EN), ISMS_OK);
    /* all or nothing: after a failure the list holds only what it held before */
    assert_int_equal(isms_findings_add(list, ISMS_SEVERITY_INFO, "earlier", "X", "before"),
                     ISMS_OK);
    SWEEP(isms_register_lint(list, reg), assert_only_earlier(list));
    assert_int_equal(isms_findings_count(list), n + 1);
    isms__findings_truncate(list, 0);
    assert_int_equal(isms_register_lint(list, reg), ISMS_OK);
    check_findings(list, lint_expected, n, ISMS_LANG_EN);
    isms_findings_free(list);
    isms_register_free(reg);
}

/* ---- serials, levels, numbers ---------------------------------------------------------- */

/* Serials tell risks apart whatever their ids and grow in the register's order; the removal
 * count moves on with each removal only. */
static void test_serials_and_removals(void **state)
{
    (void)state;
    isms_register *reg = new_register(NULL);
    assert_true(isms__register_removals(reg) == 0);
    assert_true(isms__register_removals(NULL) == 0);
    assert_true(isms__risk_serial(NULL) == 0);
    isms_risk *r1 = add(reg, "R1", "a", 1, 1);
    isms_risk *r2 = add(reg, "R2", "b", 1, 1);
    uint64_t s1 = isms__risk_serial(r1), s2 = isms__risk_serial(r2);
    assert_true(s1 > 0 && s2 > s1);
    assert_true(isms__register_removals(reg) == 0);
    assert_int_equal(isms_register_add(NULL, reg, "R2", "again", 1, 1), ISMS_EEXIST);
    assert_true(isms__register_removals(reg) == 0);
    assert_int_equal(isms_register_remove(reg, "R9"), ISMS_ENOTFOUND);
    assert_true(isms__register_removals(reg) == 0);
    assert_int_equal(isms_register_remove(reg, "R1"), ISMS_OK);
    assert_true(isms__register_removals(reg) == 1);
    /* R1 again is another risk, with a serial never given before, after R2's */
    isms_risk *again = add(reg, "R1", "again", 2, 2);
    assert_true(isms__risk_serial(again) > s2);
    assert_true(isms__risk_serial(isms_register_find(reg, "R2")) == s2);
    /* the order of serials is the register's order */
    for (size_t i = 1; i < isms_register_count(reg); i++)
        assert_true(isms__risk_serial(isms_register_at(reg, i - 1)) <
                    isms__risk_serial(isms_register_at(reg, i)));
    isms_register_free(reg);
}

static void test_matrix_has_level(void **state)
{
    (void)state;
    isms_register *reg = new_register("5x5");
    const isms_matrix *m = isms_register_matrix(reg);
    assert_true(isms__matrix_has_level(m, ISMS_AXIS_LIKELIHOOD, 1));
    assert_true(isms__matrix_has_level(m, ISMS_AXIS_CONSEQUENCE, 5));
    assert_false(isms__matrix_has_level(m, ISMS_AXIS_CONSEQUENCE, 6));
    assert_false(isms__matrix_has_level(m, ISMS_AXIS_LIKELIHOOD, 0));
    assert_false(isms__matrix_has_level(m, ISMS_AXIS_LIKELIHOOD, UNSET));
    assert_false(isms__matrix_has_level(m, (isms_axis)2, 1));
    assert_false(isms__matrix_has_level(NULL, ISMS_AXIS_LIKELIHOOD, 1));
    isms_register_free(reg);
}

/* isms__format_general() writes "%.*g" with the point it is given; the risk-vector-disagrees
 * finding writes the vector's score with it. */
static void check_numbers(void)
{
    static const struct {
        double v;
        int sig;
        const char *point, *want;
    } cases[] = {
        { 9.844, 4, ".", "9.844" },     { 9.8444, 4, ".", "9.844" },
        { 12.5, 6, ",", "12,5" },       { -0.000125, 3, ".", "-0.000125" },
        { 1234567.0, 6, ".", "1.23457e+06" }, { 1e-5, 6, ".", "1e-05" },
        { 0.0, 6, ".", "0" },           { 2.5, 0, ".", "2" },
        { 0.1, 20, ".", "0.10000000000000001" }, { 3.25, 3, " dec ", "3 dec 25" },
        { NAN, 6, ".", "nan" },         { -INFINITY, 6, ".", "-inf" },
        { INFINITY, 6, ".", "inf" },    { 7.5, 6, NULL, "7.5" },
    };
    char buf[64];
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        isms__format_general(buf, sizeof buf, cases[i].v, cases[i].sig, cases[i].point);
        assert_string_equal(buf, cases[i].want);
    }
    isms__format_general(buf, 4, 3.14159, 6, "."); /* cut to the buffer */
    assert_string_equal(buf, "3.1");
    /* A point longer than the working buffer (95 bytes and its NUL): cut there, whole. */
    char point[120], big[200], cut[96];
    memset(point, 'p', sizeof point - 1);
    point[sizeof point - 1] = '\0';
    isms__format_general(big, sizeof big, 1.5, 6, point);
    cut[0] = '1';
    memset(cut + 1, 'p', sizeof cut - 2);
    cut[sizeof cut - 1] = '\0';
    assert_string_equal(big, cut);
    assert_string_equal(isms__g(-2.5).s, "-2.5");

    isms_register *reg = new_register("4x4");
    isms_risk *r = add(reg, "R1", "Sårbarhet", 1, 2);
    assert_int_equal(isms_risk_set_vector(r, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"),
                     ISMS_OK);
    for (int lang = 0; lang < 2; lang++) {
        isms_findings *list = NULL;
        assert_int_equal(isms_findings_new(&list, (isms_lang)lang), ISMS_OK);
        assert_int_equal(isms_register_lint(list, reg), ISMS_OK);
        bool found = false;
        for (size_t i = 0; i < isms_findings_count(list); i++) {
            isms_finding f;
            assert_int_equal(isms_findings_get(&f, list, i), ISMS_OK);
            if (strcmp(f.code, "risk-vector-disagrees") != 0)
                continue;
            found = true;
            const char *want = lang == ISMS_LANG_SV ? "ger CVSS 9.8 (Kritisk)"
                                                    : "gives CVSS 9.8 (Critical)";
            assert_non_null(strstr(f.message, want));
        }
        assert_true(found);
        isms_findings_free(list);
    }
    isms_register_free(reg);
}

static void test_numbers(void **state)
{
    (void)state;
    check_numbers();
}

/* A program may call setlocale(LC_ALL, "sv_SE.UTF-8"): the numbers stay as they are. */
static void test_numbers_decimal_comma_locale(void **state)
{
    (void)state;
    with_decimal_comma(check_numbers);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_treatment_labels),
        cmocka_unit_test(test_status_labels),
        cmocka_unit_test(test_new_and_free),
        cmocka_unit_test(test_new_alloc_failure),
        cmocka_unit_test(test_add_find_at),
        cmocka_unit_test(test_remove),
        cmocka_unit_test(test_add_remove_many),
        cmocka_unit_test(test_add_alloc_failure),
        cmocka_unit_test(test_risk_fields),
        cmocka_unit_test(test_setters_alloc_failure),
        cmocka_unit_test(test_scores_and_residual),
        cmocka_unit_test(test_sorted),
        cmocka_unit_test(test_sorted_natural_ties),
        cmocka_unit_test(test_sorted_random),
        cmocka_unit_test(test_band_counts),
        cmocka_unit_test(test_heatmap),
        cmocka_unit_test(test_lint_codes),
        cmocka_unit_test(test_lint_partial_inherent),
        cmocka_unit_test(test_lint_noncontiguous_scale),
        cmocka_unit_test(test_lint_mismatch_formulas),
        cmocka_unit_test(test_lint_duplicates_many),
        cmocka_unit_test(test_lint_alloc_failure),
        cmocka_unit_test(test_serials_and_removals),
        cmocka_unit_test(test_matrix_has_level),
        cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_numbers_decimal_comma_locale),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
