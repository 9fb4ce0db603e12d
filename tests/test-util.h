/* Helpers shared by the cmocka tests. Include after <cmocka.h> and "internal.h". */
#ifndef ISMS_TEST_UTIL_H
#define ISMS_TEST_UTIL_H

#include <math.h>
#include <string.h>

#ifndef assert_double_equal /* cmocka before 1.1.6 only compares floats */
static inline void check_double(double a, double b, double eps, const char *file, int line)
{
    if (!(fabs(a - b) <= eps)) {
        print_error("%.17g != %.17g (within %g)\n", a, b, eps);
        _fail(file, line);
    }
}
#define assert_double_equal(a, b, eps) check_double((a), (b), (eps), __FILE__, __LINE__)
#endif

/* The thread's last error has this code, and its message contains `needle`. */
#define assert_error(code, needle) check_error((code), (needle), __FILE__, __LINE__)
static inline void check_error(int code, const char *needle, const char *file, int line)
{
    const isms_error *e = isms_error_last();
    if (e->code != code || !strstr(e->message, needle)) {
        print_error("last error %d \"%s\", expected %d with \"%s\"\n", e->code, e->message,
                    code, needle);
        _fail(file, line);
    }
}

/* Runs `call` with the n-th allocation failing, n = 1, 2, ..., until it succeeds without an
 * injected failure. Each failing run must return ISMS_ENOMEM; `check` runs after it (assert
 * there that the object is unchanged). */
#define SWEEP(call, check)                                                                   \
    do {                                                                                     \
        for (long n_ = 1;; n_++) {                                                           \
            isms__alloc_fail_at(n_);                                                         \
            int rc_ = (call);                                                                \
            bool failed_ = isms__alloc_failed();                                             \
            isms__alloc_fail_at(0);                                                          \
            if (!failed_) {                                                                  \
                assert_int_equal(rc_, ISMS_OK);                                              \
                break;                                                                       \
            }                                                                                \
            assert_int_equal(rc_, ISMS_ENOMEM);                                              \
            assert_int_equal(isms_error_last()->code, ISMS_ENOMEM);                          \
            check;                                                                           \
            assert_true(n_ < 100000);                                                        \
        }                                                                                    \
    } while (0)

#endif
