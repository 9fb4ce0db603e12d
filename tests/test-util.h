/* Helpers shared by the cmocka tests. Include after <cmocka.h> and "internal.h". */
#ifndef ISMS_TEST_UTIL_H
#define ISMS_TEST_UTIL_H

#include <dirent.h>
#include <locale.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

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

/* True when the program runs under valgrind (`meson test --setup valgrind` sets
 * ISMS_UNDER_VALGRIND=1). Random and bulk loops may then run fewer rounds, never fewer cases:
 * under valgrind they check memory, and the plain and sanitizer builds run them in full. */
static inline bool under_valgrind(void)
{
    const char *v = getenv("ISMS_UNDER_VALGRIND");
    return v && *v && strcmp(v, "0") != 0;
}

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

/* The k-th note with a code (0-based). */
static inline isms_finding note_at(const isms_findings *notes, const char *code, size_t k)
{
    for (size_t i = 0; i < isms_findings_count(notes); i++) {
        isms_finding f;
        assert_int_equal(isms_findings_get(&f, notes, i), ISMS_OK);
        if (strcmp(f.code, code) == 0 && k-- == 0)
            return f;
    }
    fail_msg("no note %s", code);
    isms_finding none = { ISMS_SEVERITY_INFO, "", "", "" };
    return none;
}

/* ---- text --------------------------------------------------------------------------------- */

static inline void assert_contains(const char *text, const char *needle)
{
    if (!strstr(text, needle))
        fail_msg("\"%s\" does not contain \"%s\"", text, needle);
}

/* ---- CSV import and export ---------------------------------------------------------------- */

/* One import for sweep_import(): reads [data, data + len) into *obj, with `notes`. */
typedef int (*import_fn)(void **obj, const char *data, size_t len, isms_findings *notes);
/* After the import that succeeded: checks the object (and `notes`, NULL when none were
 * wanted) and frees the object. */
typedef void (*import_done_fn)(void *obj, isms_findings *notes);

/* Runs `import` with the n-th allocation failing, n = 1, 2, ..., until it succeeds without an
 * injected failure, then `done`. Each failing run must fail with ISMS_ENOMEM, leave *obj as
 * it was and, with notes, add none of them (the list holds only the earlier one). */
static inline void sweep_import(import_fn import, import_done_fn done, const char *data,
                                size_t len, bool with_notes)
{
    for (long n = 1;; n++) {
        isms_findings *notes = with_notes ? notes_with_earlier(ISMS_LANG_SV) : NULL;
        void *obj = (void *)(uintptr_t)0x1;
        isms__alloc_fail_at(n);
        int rc = import(&obj, data, len, notes);
        bool injected = isms__alloc_failed();
        isms__alloc_fail_at(0);
        if (!injected) {
            assert_int_equal(rc, ISMS_OK);
            done(obj, notes);
            isms_findings_free(notes);
            break;
        }
        if (rc != ISMS_ENOMEM)
            fail_msg("allocation %ld: %d %s", n, rc, isms_error_last()->message);
        assert_int_equal(isms_error_last()->code, ISMS_ENOMEM);
        assert_ptr_equal(obj, (void *)(uintptr_t)0x1);
        if (with_notes) /* all or none: only the earlier one is there */
            assert_only_earlier(notes);
        isms_findings_free(notes);
        assert_true(n < 100000);
    }
}

/* sweep_import() over the file `dir``name`, without notes and with them. */
static inline void sweep_import_file(import_fn import, import_done_fn done, const char *dir,
                                     const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s%s", dir, name);
    size_t len;
    char *raw = slurp(path, &len);
    sweep_import(import, done, raw, len, false);
    sweep_import(import, done, raw, len, true);
    free(raw);
}

/* SWEEP over an export `call` that writes to `doc` and `len`: every failure leaves both as
 * they were; the document made at last is `len` bytes long (it is freed). */
#define SWEEP_WRITE(doc, len, call)                                                          \
    do {                                                                                     \
        (doc) = (char *)(uintptr_t)0x1;                                                      \
        (len) = 4242;                                                                        \
        SWEEP(call, {                                                                        \
            assert_ptr_equal((doc), (char *)(uintptr_t)0x1);                                 \
            assert_int_equal((len), 4242);                                                   \
        });                                                                                  \
        assert_int_equal(strlen(doc), (len));                                                \
        isms_free(doc);                                                                      \
    } while (0)

/* Calls check(obj, lang, flags) for both languages and every set of export flags: each
 * combination of ISMS_CSV_COMMA or ISMS_CSV_TAB (not both), ISMS_CSV_NO_BOM and ISMS_CSV_LF. */
static inline void roundtrip_all(void (*check)(const void *obj, isms_lang lang, unsigned flags),
                                 const void *obj)
{
    for (int lang = 0; lang < 2; lang++)
        for (unsigned flags = 0; flags < 16; flags++) {
            if ((flags & ISMS_CSV_COMMA) && (flags & ISMS_CSV_TAB))
                continue;
            check(obj, (isms_lang)lang, flags);
        }
}

/* ---- saved files -------------------------------------------------------------------------- */

/* An existing file "old" at `path` with permissions `mode`, for a save to replace. */
static inline void write_old_file(const char *path, unsigned mode)
{
    write_file(path, "old");
    assert_int_equal(chmod(path, (mode_t)mode), 0);
}

/* The file at `path` has the permissions `mode`. */
static inline void assert_file_mode(const char *path, unsigned mode)
{
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 07777, mode);
}

/* The file at `path` holds the `len` bytes of `doc`, an export (freed here). */
static inline void assert_file_is_doc(const char *path, char *doc, size_t len)
{
    size_t flen = 0;
    char *text = slurp(path, &flen);
    assert_int_equal(flen, len);
    assert_memory_equal(text, doc, len);
    free(text);
    isms_free(doc);
}

/* After a failed save: the file at `path` still holds "old" and `dir` holds nothing else (no
 * temporary file left). */
static inline void assert_old_file_kept(const char *path, const char *dir)
{
    size_t len;
    char *text = slurp(path, &len);
    assert_string_equal(text, "old");
    free(text);
    assert_int_equal(count_dir(dir), 1);
}

/* ---- the locale --------------------------------------------------------------------------- */

/* Sets LC_NUMERIC to a locale that writes decimal commas; false (and nothing changed) when
 * none is installed. `old` receives the locale to go back to. */
static inline bool decimal_comma_locale(char old[64])
{
    static const char *const names[] = { "sv_SE.UTF-8", "sv_SE.utf8", "de_DE.UTF-8",
                                         "de_DE.utf8", "fr_FR.UTF-8", "fr_FR.utf8" };
    snprintf(old, 64, "%s", setlocale(LC_NUMERIC, NULL));
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (setlocale(LC_NUMERIC, names[i]) && strcmp(localeconv()->decimal_point, ",") == 0)
            return true;
    setlocale(LC_NUMERIC, old);
    return false;
}

/* Runs `check` under a locale that writes decimal commas, as a program that calls
 * setlocale(LC_ALL, "sv_SE.UTF-8") does, then goes back to the locale before. Skips the test,
 * saying so, when no such locale is installed (.ci/install-deps installs sv_SE.UTF-8). */
static inline void with_decimal_comma(void (*check)(void))
{
    char old[64];
    if (!decimal_comma_locale(old)) {
        print_message("no locale with a decimal comma is installed; skipped\n");
        skip();
    }
    check();
    setlocale(LC_NUMERIC, old);
}

/* A written text of `len` bytes that grew by doubling from a first block of `first` bytes
 * (the NUL included) sits in a block of at most max(first, 2 * (len + 1)) bytes; glibc rounds
 * a request up by less than 32. Fails when the block is larger: a writer that asked for one
 * byte too many at the start doubled its first block. glibc only (malloc_usable_size). */
#define assert_text_block(text, len, first)                                                  \
    check_text_block((text), (len), (first), __FILE__, __LINE__)
static inline void check_text_block(const char *text, size_t len, size_t first, const char *file,
                                    int line)
{
#ifdef __GLIBC__
    size_t most = first > 2 * (len + 1) ? first : 2 * (len + 1);
    size_t usable = malloc_usable_size((void *)text);
    if (usable < len + 1 || usable >= most + 32) {
        print_error("a text of %zu bytes sits in a block of %zu, expected %zu..%zu\n", len, usable,
                    len + 1, most + 31);
        _fail(file, line);
    }
#else
    (void)text, (void)len, (void)first, (void)file, (void)line;
#endif
}

#endif
