/* Helpers shared by the cmocka tests. Include after <cmocka.h> and "internal.h". */
#ifndef ISMS_TEST_UTIL_H
#define ISMS_TEST_UTIL_H

#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
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

/* ---- files -------------------------------------------------------------------------------- */

/* The whole file, NUL-terminated (free it); `*len` is its size. */
static inline char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        fail_msg("cannot open %s", path);
    char *buf = NULL;
    size_t n = 0, cap = 0;
    for (;;) {
        if (n + 4096 + 1 > cap) {
            cap = cap ? cap * 2 : 8192;
            buf = realloc(buf, cap);
            assert_non_null(buf);
        }
        size_t r = fread(buf + n, 1, cap - n - 1, f);
        n += r;
        if (r == 0)
            break;
    }
    fclose(f);
    buf[n] = '\0';
    *len = n;
    return buf;
}

/* Creates or replaces a file holding `text`. */
static inline void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

/* Number of entries in a directory, without "." and "..". */
static inline size_t count_dir(const char *path)
{
    DIR *d = opendir(path);
    assert_non_null(d);
    size_t n = 0;
    struct dirent *de;
    while ((de = readdir(d)) != NULL)
        if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
            n++;
    closedir(d);
    return n;
}

/* ---- imports ------------------------------------------------------------------------------ */

/* The import of `input` returned `rc`: it and the thread's last error must be `code` at
 * `line` and `column`. Returns the error. */
#define assert_error_at(rc, code, line, column, input)                                       \
    check_error_at((rc), (code), (line), (column), (input), __FILE__, __LINE__)
static inline const isms_error *check_error_at(int rc, int code, unsigned line, unsigned column,
                                               const char *input, const char *file, int fline)
{
    const isms_error *e = isms_error_last();
    if (rc != code || e->code != code || e->line != line || e->column != column) {
        print_error("%s: expected %d at %u:%u, got %d at %u:%u: %s\n", input, code, line,
                    column, rc, e->line, e->column, e->message);
        _fail(file, fline);
    }
    return e;
}

/* ---- notes -------------------------------------------------------------------------------- */

static inline isms_findings *new_notes(isms_lang lang)
{
    isms_findings *notes = NULL;
    assert_int_equal(isms_findings_new(&notes, lang), ISMS_OK);
    return notes;
}

/* Number of notes with `code` about `ref` (NULL: any ref). */
static inline size_t count_notes(const isms_findings *notes, const char *code, const char *ref)
{
    size_t n = 0;
    for (size_t i = 0; i < isms_findings_count(notes); i++) {
        isms_finding f;
        assert_int_equal(isms_findings_get(&f, notes, i), ISMS_OK);
        if (strcmp(f.code, code) == 0 && (!ref || strcmp(f.ref, ref) == 0))
            n++;
    }
    return n;
}

/* A list that holds one note ("earlier") before an operation that adds notes all or none. */
static inline isms_findings *notes_with_earlier(isms_lang lang)
{
    isms_findings *notes = new_notes(lang);
    assert_int_equal(isms_findings_add(notes, ISMS_SEVERITY_INFO, "earlier", "X", "fanns före"),
                     ISMS_OK);
    return notes;
}

/* After a failure, the list holds only the note it held before. */
static inline void assert_only_earlier(const isms_findings *notes)
{
    assert_int_equal(isms_findings_count(notes), 1);
    isms_finding f;
    assert_int_equal(isms_findings_get(&f, notes, 0), ISMS_OK);
    assert_string_equal(f.code, "earlier");
}

#endif
