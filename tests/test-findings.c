/* Unit tests of findings lists. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "internal.h"

static void test_new_and_free(void **state)
{
    (void)state;
    isms_findings *l = NULL;
    assert_int_equal(isms_findings_new(&l, ISMS_LANG_EN), ISMS_OK);
    assert_non_null(l);
    assert_int_equal(isms_findings_lang(l), ISMS_LANG_EN);
    assert_int_equal(isms_findings_count(l), 0);
    isms_findings_free(l);
    isms_findings_free(NULL);
    assert_int_equal(isms_findings_new(NULL, ISMS_LANG_SV), ISMS_EINVAL);
    l = (isms_findings *)0x1;
    assert_int_equal(isms_findings_new(&l, (isms_lang)9), ISMS_EINVAL);
    assert_ptr_equal(l, (isms_findings *)0x1);
    assert_int_equal(isms_findings_count(NULL), 0);
    assert_int_equal(isms_findings_count_severity(NULL, ISMS_SEVERITY_ERROR), 0);
}

static void test_add_get_count(void **state)
{
    (void)state;
    isms_findings *l = NULL;
    assert_int_equal(isms_findings_new(&l, ISMS_LANG_SV), ISMS_OK);
    char code[32] = "risk-value-mismatch";
    assert_int_equal(isms_findings_add(l, ISMS_SEVERITY_WARNING, code, "R3",
                                       "Angivet riskvärde 6 stämmer inte"), ISMS_OK);
    code[0] = 'X'; /* the list keeps its own copy */
    assert_int_equal(isms_findings_add(l, ISMS_SEVERITY_ERROR, "e", NULL, "fel"), ISMS_OK);
    assert_int_equal(isms__findings_addf(l, ISMS_SEVERITY_INFO, "i", "R%d", "%s %d", "värde", 9),
                     ISMS_OK);
    assert_int_equal(isms_findings_count(l), 3);
    assert_int_equal(isms_findings_count_severity(l, ISMS_SEVERITY_WARNING), 1);
    assert_int_equal(isms_findings_count_severity(l, ISMS_SEVERITY_ERROR), 1);
    assert_int_equal(isms_findings_count_severity(l, ISMS_SEVERITY_INFO), 1);

    isms_finding f;
    assert_int_equal(isms_findings_get(&f, l, 0), ISMS_OK);
    assert_int_equal(f.severity, ISMS_SEVERITY_WARNING);
    assert_string_equal(f.code, "risk-value-mismatch");
    assert_string_equal(f.ref, "R3");
    assert_string_equal(f.message, "Angivet riskvärde 6 stämmer inte");
    assert_int_equal(isms_findings_get(&f, l, 1), ISMS_OK);
    assert_string_equal(f.ref, ""); /* NULL ref is stored as "" */
    assert_int_equal(isms_findings_get(&f, l, 2), ISMS_OK);
    assert_string_equal(f.message, "värde 9");
    assert_string_equal(f.ref, "R%d"); /* ref is not a format */

    assert_int_equal(isms_findings_get(&f, l, 3), ISMS_ERANGE);
    assert_int_equal(isms_findings_get(NULL, l, 0), ISMS_EINVAL);
    assert_int_equal(isms_findings_get(&f, NULL, 0), ISMS_EINVAL);

    isms__findings_truncate(l, 5); /* beyond the end: nothing happens */
    assert_int_equal(isms_findings_count(l), 3);
    isms__findings_truncate(l, 1);
    assert_int_equal(isms_findings_count(l), 1);
    assert_int_equal(isms_findings_get(&f, l, 0), ISMS_OK);
    assert_string_equal(f.code, "risk-value-mismatch");
    assert_int_equal(isms_findings_get(&f, l, 1), ISMS_ERANGE);
    isms__findings_truncate(NULL, 0);

    isms_findings_clear(l);
    assert_int_equal(isms_findings_count(l), 0);
    assert_int_equal(isms_findings_lang(l), ISMS_LANG_SV);
    assert_int_equal(isms_findings_add(l, ISMS_SEVERITY_INFO, "a", "b", "c"), ISMS_OK);
    assert_int_equal(isms_findings_count(l), 1);
    isms_findings_clear(NULL);
    isms_findings_free(l);
}

static void test_add_rejects_bad_arguments(void **state)
{
    (void)state;
    isms_findings *l = NULL;
    assert_int_equal(isms_findings_new(&l, ISMS_LANG_EN), ISMS_OK);
    assert_int_equal(isms_findings_add(NULL, ISMS_SEVERITY_INFO, "c", "r", "m"), ISMS_EINVAL);
    assert_int_equal(isms_findings_add(l, ISMS_SEVERITY_INFO, "", "r", "m"), ISMS_EINVAL);
    assert_int_equal(isms_findings_add(l, ISMS_SEVERITY_INFO, NULL, "r", "m"), ISMS_EINVAL);
    assert_int_equal(isms_findings_add(l, ISMS_SEVERITY_INFO, "c", "r", ""), ISMS_EINVAL);
    assert_int_equal(isms_findings_add(l, ISMS_SEVERITY_INFO, "c", "r", NULL), ISMS_EINVAL);
    assert_int_equal(isms_findings_add(l, (isms_severity)3, "c", "r", "m"), ISMS_EINVAL);
    assert_int_equal(isms_findings_count(l), 0);
    isms_findings_free(l);
}

static void test_long_formatted_message(void **state)
{
    (void)state;
    isms_findings *l = NULL;
    assert_int_equal(isms_findings_new(&l, ISMS_LANG_EN), ISMS_OK);
    char title[2000];
    memset(title, 'a', sizeof title - 1);
    title[sizeof title - 1] = '\0';
    assert_int_equal(isms__findings_addf(l, ISMS_SEVERITY_WARNING, "c", "R1", "title %s", title),
                     ISMS_OK);
    isms_finding f;
    assert_int_equal(isms_findings_get(&f, l, 0), ISMS_OK);
    assert_int_equal(strlen(f.message), 6 + sizeof title - 1);
    isms_findings_free(l);
}

static void test_alloc_failure_sweep(void **state)
{
    (void)state;
    /* isms_findings_new */
    for (long n = 1;; n++) {
        isms_findings *l = NULL;
        isms__alloc_fail_at(n);
        int rc = isms_findings_new(&l, ISMS_LANG_SV);
        bool injected = isms__alloc_failed();
        isms__alloc_fail_at(0);
        if (!injected) {
            assert_int_equal(rc, ISMS_OK);
            isms_findings_free(l);
            break;
        }
        assert_int_equal(rc, ISMS_ENOMEM);
        assert_null(l);
    }
    /* isms_findings_add and the formatted form: the list stays as it was. */
    isms_findings *l = NULL;
    assert_int_equal(isms_findings_new(&l, ISMS_LANG_SV), ISMS_OK);
    assert_int_equal(isms_findings_add(l, ISMS_SEVERITY_INFO, "first", "R1", "kvar"), ISMS_OK);
    char big[800];
    memset(big, 'b', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    for (int which = 0; which < 2; which++) {
        for (long n = 1;; n++) {
            size_t before = isms_findings_count(l);
            isms__alloc_fail_at(n);
            int rc = which == 0
                ? isms_findings_add(l, ISMS_SEVERITY_ERROR, "code", "R9", "meddelande")
                : isms__findings_addf(l, ISMS_SEVERITY_ERROR, "code", "R9", "%s", big);
            bool injected = isms__alloc_failed();
            isms__alloc_fail_at(0);
            if (!injected) {
                assert_int_equal(rc, ISMS_OK);
                assert_int_equal(isms_findings_count(l), before + 1);
                break;
            }
            assert_int_equal(rc, ISMS_ENOMEM);
            assert_int_equal(isms_error_last()->code, ISMS_ENOMEM);
            assert_int_equal(isms_findings_count(l), before);
            isms_finding f;
            assert_int_equal(isms_findings_get(&f, l, 0), ISMS_OK);
            assert_string_equal(f.code, "first");
            assert_string_equal(f.message, "kvar");
        }
    }
    isms_findings_free(l);
}

static void test_severity_labels(void **state)
{
    (void)state;
    assert_string_equal(isms_severity_label(ISMS_SEVERITY_INFO, ISMS_LANG_SV), "information");
    assert_string_equal(isms_severity_label(ISMS_SEVERITY_WARNING, ISMS_LANG_SV), "varning");
    assert_string_equal(isms_severity_label(ISMS_SEVERITY_ERROR, ISMS_LANG_SV), "fel");
    assert_string_equal(isms_severity_label(ISMS_SEVERITY_INFO, ISMS_LANG_EN), "info");
    assert_string_equal(isms_severity_label(ISMS_SEVERITY_WARNING, ISMS_LANG_EN), "warning");
    assert_string_equal(isms_severity_label(ISMS_SEVERITY_ERROR, ISMS_LANG_EN), "error");
    assert_null(isms_severity_label((isms_severity)3, ISMS_LANG_EN));
    assert_null(isms_severity_label(ISMS_SEVERITY_ERROR, (isms_lang)2));
    isms_severity s = ISMS_SEVERITY_INFO;
    assert_int_equal(isms_severity_parse(&s, "VARNING"), ISMS_OK);
    assert_int_equal(s, ISMS_SEVERITY_WARNING);
    assert_int_equal(isms_severity_parse(&s, " Fel "), ISMS_OK);
    assert_int_equal(s, ISMS_SEVERITY_ERROR);
    assert_int_equal(isms_severity_parse(&s, "Info"), ISMS_OK);
    assert_int_equal(s, ISMS_SEVERITY_INFO);
    assert_int_equal(isms_severity_parse(&s, "fatal"), ISMS_EPARSE);
    assert_int_equal(s, ISMS_SEVERITY_INFO);
    assert_int_equal(isms_severity_parse(NULL, "fel"), ISMS_EINVAL);
    assert_int_equal(isms_severity_parse(&s, NULL), ISMS_EINVAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_new_and_free),
        cmocka_unit_test(test_add_get_count),
        cmocka_unit_test(test_add_rejects_bad_arguments),
        cmocka_unit_test(test_long_formatted_message),
        cmocka_unit_test(test_alloc_failure_sweep),
        cmocka_unit_test(test_severity_labels),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
