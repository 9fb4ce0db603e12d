/* Unit tests of the base module: errors, version, memory hook, languages, text helpers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static void test_strerror_names_every_code(void **state)
{
    (void)state;
    const int codes[] = { ISMS_OK, ISMS_EINVAL, ISMS_ENOMEM, ISMS_ERANGE, ISMS_EPARSE,
                          ISMS_EIO, ISMS_ENOTFOUND, ISMS_EEXIST, ISMS_ECYCLE,
                          ISMS_EUNSUPPORTED };
    for (size_t i = 0; i < sizeof codes / sizeof *codes; i++) {
        const char *s = isms_strerror(codes[i]);
        assert_non_null(s);
        assert_string_not_equal(s, "unknown error");
        for (size_t j = 0; j < i; j++)
            assert_string_not_equal(s, isms_strerror(codes[j]));
    }
    assert_string_equal(isms_strerror(ISMS_ENOMEM), "out of memory");
    assert_string_equal(isms_strerror(-1000), "unknown error");
    assert_string_equal(isms_strerror(5), "unknown error");
}

static void test_error_codes_are_negative_and_distinct(void **state)
{
    (void)state;
    assert_int_equal(ISMS_OK, 0);
    const int codes[] = { ISMS_EINVAL, ISMS_ENOMEM, ISMS_ERANGE, ISMS_EPARSE, ISMS_EIO,
                          ISMS_ENOTFOUND, ISMS_EEXIST, ISMS_ECYCLE, ISMS_EUNSUPPORTED };
    for (size_t i = 0; i < sizeof codes / sizeof *codes; i++) {
        assert_true(codes[i] < 0);
        for (size_t j = 0; j < i; j++)
            assert_int_not_equal(codes[i], codes[j]);
    }
}

/* A message that quotes text cut inside a character ("%.3s"), or bytes that are not UTF-8,
 * is still UTF-8: each stray byte becomes '?'. So are findings. */
static void test_error_message_is_utf8(void **state)
{
    (void)state;
    isms__error(ISMS_EINVAL, "id \"%.3s\" and \"%s\"", "a\xc3\xa4\xc3\xb6", "x\xffy\xe2\x82");
    assert_string_equal(isms_error_last()->message, "id \"a\xc3\xa4\" and \"x?y??\"");
    isms__error(ISMS_EINVAL, "%.2s", "a\xc3\xa4");
    assert_string_equal(isms_error_last()->message, "a?");
    isms__error(ISMS_EINVAL, "åäö \xf0\x9f\x98\x80");
    assert_string_equal(isms_error_last()->message, "åäö \xf0\x9f\x98\x80");
    isms_findings *f = NULL;
    assert_int_equal(isms_findings_new(&f, ISMS_LANG_SV), ISMS_OK);
    assert_int_equal(isms__findings_addf(f, ISMS_SEVERITY_INFO, "t", "r", "title %.2s", "a\xc3\xa4"),
                     ISMS_OK);
    isms_finding one;
    assert_int_equal(isms_findings_get(&one, f, 0), ISMS_OK);
    assert_string_equal(one.message, "title a?");
    isms_findings_free(f);
    isms_error_clear();
}

static void test_error_last_and_clear(void **state)
{
    (void)state;
    isms_error_clear();
    const isms_error *e = isms_error_last();
    assert_non_null(e);
    assert_int_equal(e->code, ISMS_OK);
    assert_string_equal(e->message, "");
    assert_null(e->source);

    assert_int_equal(isms__error(ISMS_ERANGE, "likelihood %d is outside the scale 1–4", 5),
                     ISMS_ERANGE);
    e = isms_error_last();
    assert_int_equal(e->code, ISMS_ERANGE);
    assert_string_equal(e->message, "likelihood 5 is outside the scale 1–4");
    assert_null(e->source);
    assert_int_equal(e->line, 0);
    assert_int_equal(e->column, 0);

    assert_int_equal(isms__error_at(ISMS_EPARSE, "risker.csv", 14, 3, "expected %s", "3/4"),
                     ISMS_EPARSE);
    e = isms_error_last();
    assert_int_equal(e->code, ISMS_EPARSE);
    assert_string_equal(e->source, "risker.csv");
    assert_int_equal(e->line, 14);
    assert_int_equal(e->column, 3);
    assert_string_equal(e->message, "expected 3/4");

    /* A later error without a location clears the old location. */
    isms__error_nomem();
    e = isms_error_last();
    assert_int_equal(e->code, ISMS_ENOMEM);
    assert_null(e->source);
    assert_int_equal(e->line, 0);

    isms_error_clear();
    assert_int_equal(isms_error_last()->code, ISMS_OK);
    assert_string_equal(isms_error_last()->message, "");
}

static void test_error_message_cut_at_utf8_boundary(void **state)
{
    (void)state;
    /* Long runs of "ö", "€" and "😀" (two, three and four bytes) cut anywhere must end at a
     * whole character: no half character, and none repaired to '?', which would hide one. */
    static const char *const chars[] = { "\xC3\xB6", "\xE2\x82\xAC", "\xF0\x9F\x98\x80" };
    for (size_t c = 0; c < sizeof chars / sizeof *chars; c++) {
        char big[3000];
        size_t w = strlen(chars[c]), used = 0;
        while (used + w < sizeof big) {
            memcpy(big + used, chars[c], w);
            used += w;
        }
        big[used] = '\0';
        for (int shift = 0; shift < 4; shift++) {
            isms__error(ISMS_EINVAL, "%.*s%s", shift, "xxx", big);
            const char *m = isms_error_last()->message;
            size_t n = strlen(m);
            assert_true(n > 900 && n < 1024);
            assert_true(isms__utf8_valid(m, n));
            assert_null(strchr(m, '?'));
            assert_int_equal((n - (size_t)shift) % w, 0);
        }
    }
    char longsrc[600];
    memset(longsrc, 'a', sizeof longsrc - 1);
    longsrc[sizeof longsrc - 1] = '\0';
    isms__error_at(ISMS_EPARSE, longsrc, 1, 1, "x");
    assert_true(strlen(isms_error_last()->source) < sizeof longsrc - 1);
}

static void test_errno_text(void **state)
{
    (void)state;
    char buf[ISMS__ERRNO_TEXT_MAX];
    /* The system's text, the same that strerror() gives on this thread. */
    char want[ISMS__ERRNO_TEXT_MAX];
    snprintf(want, sizeof want, "%s", strerror(ENOENT));
    assert_ptr_equal(isms__errno_text(ENOENT, buf, sizeof buf), buf);
    assert_string_equal(buf, want);
    assert_string_not_equal(buf, "error 2");
    /* A number the system does not know, and a buffer too small for the text: "error <e>",
     * cut to the buffer. */
    assert_string_equal(isms__errno_text(123456, buf, sizeof buf), "error 123456");
    char small[4];
    assert_string_equal(isms__errno_text(ENOENT, small, sizeof small), "err");
    assert_string_equal(isms__errno_text(ENOENT, small, 0), "");
}

static void *thread_error(void *arg)
{
    int code = *(int *)arg;
    for (int i = 0; i < 1000; i++) {
        isms__error(code, "thread %d iteration %d", code, i);
        if (isms_error_last()->code != code)
            return (void *)1;
    }
    return NULL;
}

static void test_error_is_thread_local(void **state)
{
    (void)state;
    isms__error(ISMS_EIO, "main thread");
    pthread_t t[2];
    int codes[2] = { ISMS_ECYCLE, ISMS_EEXIST };
    for (int i = 0; i < 2; i++)
        assert_int_equal(pthread_create(&t[i], NULL, thread_error, &codes[i]), 0);
    for (int i = 0; i < 2; i++) {
        void *r;
        assert_int_equal(pthread_join(t[i], &r), 0);
        assert_null(r);
    }
    assert_int_equal(isms_error_last()->code, ISMS_EIO);
    assert_string_equal(isms_error_last()->message, "main thread");
}

static void test_version(void **state)
{
    (void)state;
    assert_string_equal(isms_version(), ISMS_VERSION_STRING);
    assert_int_equal(isms_version_number(), ISMS_VERSION_NUMBER);
    assert_int_equal(isms_version_number() >> 16, ISMS_VERSION_MAJOR);
    assert_int_equal((isms_version_number() >> 8) & 0xFF, ISMS_VERSION_MINOR);
    assert_int_equal(isms_version_number() & 0xFF, ISMS_VERSION_PATCH);
}

static void test_alloc_hook(void **state)
{
    (void)state;
    isms__alloc_fail_at(3);
    void *a = isms__malloc(8);
    void *b = isms__calloc(2, 4);
    assert_non_null(a);
    assert_non_null(b);
    assert_false(isms__alloc_failed());
    assert_null(isms__realloc(a, 16)); /* third: fails, `a` still valid */
    assert_true(isms__alloc_failed());
    assert_null(isms__strdup("x"));   /* and every later one */
    assert_int_equal(isms__alloc_count(), 4);
    isms__alloc_fail_at(0);
    assert_false(isms__alloc_failed());
    char *s = isms__strdup(NULL);
    assert_non_null(s);
    assert_string_equal(s, "");
    isms_free(s);
    s = isms__strndup("abcdef", 3);
    assert_string_equal(s, "abc");
    isms__free(s);
    isms__free(a);
    isms__free(b);
    isms_free(NULL);
    isms__free(NULL);
}

static void test_grow(void **state)
{
    (void)state;
    int *arr = NULL;
    size_t cap = 0;
    assert_true(isms__grow((void **)&arr, &cap, 1, sizeof *arr));
    assert_true(cap >= 1);
    size_t old = cap;
    assert_true(isms__grow((void **)&arr, &cap, old, sizeof *arr)); /* no-op */
    assert_int_equal(cap, old);
    isms__alloc_fail_at(1);
    assert_false(isms__grow((void **)&arr, &cap, old * 4, sizeof *arr));
    assert_int_equal(cap, old); /* unchanged */
    isms__alloc_fail_at(0);
    assert_false(isms__grow((void **)&arr, &cap, SIZE_MAX / 2 + 2, sizeof *arr));
    assert_int_equal(cap, old);
    /* A count that fits but whose bytes do not: 2^61 elements of 16 bytes. */
    void *big = NULL;
    size_t big_cap = 0;
    assert_false(isms__grow(&big, &big_cap, SIZE_MAX / 8, 16));
    assert_null(big);
    assert_int_equal(big_cap, 0);
    assert_true(isms__grow((void **)&arr, &cap, 1000, sizeof *arr));
    assert_true(cap >= 1000);
    arr[999] = 7;
    isms__free(arr);
}

static void test_lang(void **state)
{
    (void)state;
    assert_string_equal(isms_lang_code(ISMS_LANG_SV), "sv");
    assert_string_equal(isms_lang_code(ISMS_LANG_EN), "en");
    assert_null(isms_lang_code((isms_lang)7));
    isms_lang l = ISMS_LANG_EN;
    assert_int_equal(isms_lang_parse(&l, " Svenska "), ISMS_OK);
    assert_int_equal(l, ISMS_LANG_SV);
    assert_int_equal(isms_lang_parse(&l, "EN-gb"), ISMS_OK);
    assert_int_equal(l, ISMS_LANG_EN);
    assert_int_equal(isms_lang_parse(&l, "sv_SE"), ISMS_OK);
    assert_int_equal(l, ISMS_LANG_SV);
    assert_int_equal(isms_lang_parse(&l, "Engelska"), ISMS_OK);
    assert_int_equal(l, ISMS_LANG_EN);
    assert_int_equal(isms_lang_parse(&l, "fi"), ISMS_EPARSE);
    assert_int_equal(l, ISMS_LANG_EN); /* untouched on failure */
    assert_non_null(strstr(isms_error_last()->message, "\"fi\""));
    assert_int_equal(isms_lang_parse(NULL, "sv"), ISMS_EINVAL);
    assert_int_equal(isms_lang_parse(&l, NULL), ISMS_EINVAL);
}

static void test_casecmp(void **state)
{
    (void)state;
    assert_int_equal(isms_text_casecmp("HÖG", "hög"), 0);
    assert_int_equal(isms_text_casecmp("ÅÄÖ", "åäö"), 0);
    assert_int_equal(isms_text_casecmp("Élan", "élan"), 0);
    assert_int_equal(isms_text_casecmp("Måttlig", "MÅTTLIG"), 0);
    assert_int_equal(isms_text_casecmp("Łódź", "łÓDŹ"), 0);
    assert_int_equal(isms_text_casecmp("ΣΟΦΊΑ", "σοφία"), 0);
    assert_int_equal(isms_text_casecmp("ПРИВЕТ", "привет"), 0);
    assert_true(isms_text_casecmp("hög", "högre") < 0);
    assert_true(isms_text_casecmp("b", "A") > 0);
    assert_true(isms_text_casecmp("a", "ä") < 0);
    assert_int_not_equal(isms_text_casecmp("×", "÷"), 0); /* not letters: no folding */
    assert_int_equal(isms_text_casecmp(NULL, NULL), 0);
    assert_true(isms_text_casecmp(NULL, "a") < 0);
    assert_true(isms_text_casecmp("a", NULL) > 0);
    /* Invalid UTF-8 compares bytewise without reading past the end. */
    assert_int_equal(isms_text_casecmp("\xC3", "\xC3"), 0);
    assert_int_not_equal(isms_text_casecmp("\xC3\x28", "\xC3\xA4"), 0);
    assert_int_equal(isms_text_casecmp("\xE0\x80\x80", "\xE0\x80\x80"), 0);
}

static void test_matches(void **state)
{
    (void)state;
    assert_true(isms_text_matches("Hög", "  HÖG "));
    assert_true(isms_text_matches("Ej tillämplig", "ej  TILLÄMPLIG"));
    assert_true(isms_text_matches("Ej tillämplig", "\tej\u00a0tillämplig\r\n"));
    assert_true(isms_text_matches("Under åtgärd", "under\nåtgärd"));
    assert_false(isms_text_matches("Ej tillämplig", "ejtillämplig"));
    assert_false(isms_text_matches("Hög", "Högre"));
    assert_false(isms_text_matches("Hög", ""));
    assert_true(isms_text_matches("", "   "));
    assert_false(isms_text_matches(NULL, "x"));
    assert_false(isms_text_matches("x", NULL));
}

static void test_natcmp(void **state)
{
    (void)state;
    assert_true(isms__natcmp("R2", "R10") < 0);
    assert_true(isms__natcmp("R10", "R2") > 0);
    assert_int_equal(isms__natcmp("R10", "R10"), 0);
    assert_true(isms__natcmp("R02", "R2") > 0);  /* same number: fewer zeros first */
    assert_true(isms__natcmp("R2a", "R2b") < 0);
    assert_true(isms__natcmp("A", "B") < 0);
    assert_true(isms__natcmp("R", "R1") < 0);
    assert_true(isms__natcmp("R1", "R") > 0);
    assert_true(isms__natcmp("R99999999999999999999", "R100000000000000000000") < 0);
    assert_true(isms__natcmp("6.1.2", "6.1.10") < 0);
}

static void test_trim_and_parse_int(void **state)
{
    (void)state;
    size_t start, len;
    const char *a = "  \t hej \r\n";
    isms__trim_span(a, strlen(a), &start, &len);
    assert_int_equal(start, 4);
    assert_int_equal(len, 3);
    assert_memory_equal(a + start, "hej", 3);
    const char *b = "\xC2\xA0x\xC2\xA0";
    isms__trim_span(b, strlen(b), &start, &len);
    assert_int_equal(start, 2);
    assert_int_equal(len, 1);
    assert_memory_equal(b + start, "x", 1);
    isms__trim_span("   ", 3, &start, &len);
    assert_int_equal(len, 0);
    isms__trim_span("a\xC2", 2, &start, &len); /* half an NBSP is not white space */
    assert_int_equal(start, 0);
    assert_int_equal(len, 2);
    isms__trim_span("", 0, &start, &len);
    assert_int_equal(len, 0);
    /* The hash agrees with isms_text_matches(). */
    bool blank;
    uint64_t h = isms__text_hash("  Nätfiske  MOT\tpersonal ", &blank);
    assert_false(blank);
    assert_true(isms_text_matches("Nätfiske  MOT\tpersonal", "nätfiske mot personal"));
    assert_true(h == isms__text_hash("nätfiske mot personal", &blank));
    assert_true(h != isms__text_hash("nätfiske motpersonal", &blank));
    isms__text_hash(" \t\xC2\xA0", &blank);
    assert_true(blank);
    int v = 0;
    assert_true(isms__parse_int(" 12 ", &v));
    assert_int_equal(v, 12);
    assert_true(isms__parse_int("-7", &v));
    assert_int_equal(v, -7);
    assert_true(isms__parse_int("+3", &v));
    assert_int_equal(v, 3);
    assert_true(isms__parse_int("2147483647", &v));
    assert_int_equal(v, 2147483647);
    assert_true(isms__parse_int("-2147483648", &v));
    assert_int_equal(v, -2147483647 - 1);
    v = 42;
    assert_false(isms__parse_int("2147483648", &v));
    assert_false(isms__parse_int("99999999999999999999", &v));
    assert_false(isms__parse_int("12a", &v));
    assert_false(isms__parse_int("", &v));
    assert_false(isms__parse_int("-", &v));
    assert_false(isms__parse_int("1 2", &v));
    assert_int_equal(v, 42);
}

static void test_utf8(void **state)
{
    (void)state;
    assert_true(isms__utf8_valid("Riskvärde", strlen("Riskvärde")));
    assert_true(isms__utf8_valid("", 0));
    assert_false(isms__utf8_valid("Riskv\xE4rde", 10));      /* Windows-1252 ä */
    assert_false(isms__utf8_valid("\xC0\xAF", 2));            /* overlong */
    assert_false(isms__utf8_valid("\xED\xA0\x80", 3));        /* surrogate */
    assert_false(isms__utf8_valid("\xF4\x90\x80\x80", 4));    /* above U+10FFFF */
    assert_false(isms__utf8_valid("\xE2\x82", 2));            /* truncated */
    const char *s = "ö€😀";
    assert_int_equal(isms__utf8_next(&s), 0xF6);
    assert_int_equal(isms__utf8_next(&s), 0x20AC);
    assert_int_equal(isms__utf8_next(&s), 0x1F600);
    assert_int_equal(isms__utf8_next(&s), 0);
    char buf[8];
    const uint32_t cps[] = { 0x41, 0xE4, 0x20AC, 0x1F600 };
    const size_t lens[] = { 1, 2, 3, 4 };
    for (size_t i = 0; i < 4; i++) {
        size_t n = isms__utf8_put(buf, cps[i]);
        assert_int_equal(n, lens[i]);
        buf[n] = '\0';
        const char *p = buf;
        assert_int_equal(isms__utf8_next(&p), cps[i]);
    }
    /* Sequence lengths: by the lead byte, and of a valid sequence within the bytes given (as
     * the JSON reader and writer check them). */
    const unsigned char leads[] = { 0x00, 0x7F, 0x80, 0xBF, 0xC0, 0xDF, 0xE0, 0xEF, 0xF0,
                                    0xF7, 0xF8, 0xFF };
    const size_t lead_lens[] = { 1, 1, 0, 0, 2, 2, 3, 3, 4, 4, 0, 0 };
    for (size_t i = 0; i < sizeof leads; i++)
        assert_int_equal(isms__utf8_lead_len(leads[i]), lead_lens[i]);
    static const struct {
        const char *s;
        size_t n, want;
    } cases[] = {
        { "a", 1, 1 },
        { "\xC3\xA5", 2, 2 },              /* å */
        { "\xC3\xA5", 1, 0 },              /* cut short */
        { "\xE2\x82\xAC", 3, 3 },          /* € */
        { "\xF0\x9F\x98\x80", 4, 4 },      /* U+1F600 */
        { "\xC0\xAF", 2, 0 },              /* overlong '/' */
        { "\xE0\x80\xAF", 3, 0 },          /* overlong */
        { "\xED\xA0\x80", 3, 0 },          /* a surrogate */
        { "\xF4\x90\x80\x80", 4, 0 },      /* above U+10FFFF */
        { "\xF8\x88\x80\x80\x80", 5, 0 },  /* no such lead byte */
        { "\x80", 1, 0 },                  /* a continuation byte alone */
        { "\xC3(", 2, 0 },                 /* no continuation */
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        assert_int_equal(isms__utf8_len(cases[i].s, cases[i].n), cases[i].want);
    assert_int_equal(isms__fold(0xC5), 0xE5); /* Å */
    assert_int_equal(isms__fold(0xD7), 0xD7); /* × */
    assert_int_equal(isms__fold(0x178), 0xFF);
}

static void test_buf(void **state)
{
    (void)state;
    isms__buf b;
    isms__buf_init(&b);
    isms__buf_puts(&b, "Risk");
    isms__buf_printf(&b, "%c%d", ';', 12);
    char long_text[600];
    memset(long_text, 'x', sizeof long_text - 1);
    long_text[sizeof long_text - 1] = '\0';
    isms__buf_printf(&b, "%s", long_text); /* longer than the small buffer */
    size_t len = 0;
    char *s = isms__buf_take(&b, &len);
    assert_non_null(s);
    assert_int_equal(len, 7 + 599);
    assert_memory_equal(s, "Risk;12", 7);
    isms_free(s);

    isms__buf_init(&b);
    s = isms__buf_take(&b, &len);
    assert_string_equal(s, "");
    assert_int_equal(len, 0);
    isms_free(s);

    isms__buf_init(&b);
    isms__alloc_fail_at(1);
    isms__buf_puts(&b, "x");
    assert_true(b.failed);
    isms__alloc_fail_at(0);
    isms__buf_puts(&b, "y"); /* sticky */
    assert_null(isms__buf_take(&b, &len));
}

/* ---- string index ------------------------------------------------------------------------ */

typedef struct keyed {
    char key[16];
} keyed;

static const char *keyed_key(const void *item)
{
    return ((const keyed *)item)->key;
}

/* Looks the keys up with isms__index_find_many() and one by one with isms__index_find_n(),
 * and checks that both agree and that nothing after items[n] is written. */
static void check_find_many(const isms__index *ix, const char *const *keys, const size_t *lens,
                            size_t n)
{
    void *many[200], *sentinel = (void *)&many;
    assert_true(n < sizeof many / sizeof *many);
    for (size_t i = 0; i <= n; i++)
        many[i] = sentinel;
    isms__index_find_many(ix, keys, lens, n, many);
    for (size_t i = 0; i < n; i++)
        if (many[i] != isms__index_find_n(ix, keys[i], lens[i]))
            fail_msg("key %zu \"%.*s\": find_many %p, find_n %p", i, (int)lens[i], keys[i],
                     many[i], isms__index_find_n(ix, keys[i], lens[i]));
    assert_ptr_equal(many[n], sentinel);
}

static void test_index_find_many(void **state)
{
    (void)state;
    enum { N = 300 };
    keyed *items = calloc(N, sizeof *items);
    assert_non_null(items);
    isms__index ix;
    isms__index_init(&ix, keyed_key);

    /* Keys to look up, present and absent, some of them parts of a longer text (not
     * NUL-terminated): "K7", "K70" and "K700" differ only in their length. */
    const char *text = "K700K7K1234";
    const char *keys[199];
    size_t lens[199];
    char absent[199][16];
    for (size_t i = 0; i < 199; i++) {
        switch (i % 4) {
        case 0:
            snprintf(absent[i], sizeof absent[i], "K%zu", i * 7 % N); /* present later */
            keys[i] = absent[i];
            lens[i] = strlen(absent[i]);
            break;
        case 1:
            snprintf(absent[i], sizeof absent[i], "X%zu", i); /* never present */
            keys[i] = absent[i];
            lens[i] = strlen(absent[i]);
            break;
        case 2:
            keys[i] = text;
            lens[i] = i % 8 < 4 ? 2 : 3; /* "K7" (present), "K70" (present) */
            break;
        default:
            keys[i] = text + 4;
            lens[i] = i % 8 < 4 ? 0 : 7; /* "" and "K7K1234": never present */
            break;
        }
    }

    /* An empty index finds nothing, and a batch of 0 writes nothing. */
    void *found[2] = { (void *)items, (void *)items };
    isms__index_find_many(&ix, keys, lens, 0, found);
    assert_ptr_equal(found[0], items);
    isms__index_find_many(&ix, keys, lens, 2, found);
    assert_null(found[0]);
    assert_null(found[1]);
    check_find_many(&ix, keys, lens, 65);

    assert_true(isms__index_reserve(&ix, N));
    for (size_t i = 0; i < N; i++) {
        snprintf(items[i].key, sizeof items[i].key, "K%zu", i);
        isms__index_insert(&ix, &items[i]);
    }
    /* Batches of 0, 1, 64 (one whole batch), 65 (one more), 199 (several). */
    const size_t sizes[] = { 0, 1, 64, 65, 199 };
    for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++)
        check_find_many(&ix, keys, lens, sizes[k]);
    /* Hand-checked: key 0 is "K0", key 1 "X1", key 2 "K7", key 3 "", key 6 "K70". */
    void *v[8];
    isms__index_find_many(&ix, keys, lens, 8, v);
    assert_ptr_equal(v[0], &items[0]);
    assert_null(v[1]);
    assert_ptr_equal(v[2], &items[7]);
    assert_null(v[3]);
    assert_ptr_equal(v[4], &items[28]);
    assert_null(v[5]);
    assert_ptr_equal(v[6], &items[70]);
    assert_null(v[7]);
    /* A batch from an offset, so that each batch of 64 starts elsewhere. */
    check_find_many(&ix, keys + 3, lens + 3, 130);

    /* After removals (clusters moved back), the same again. */
    for (size_t i = 0; i < N; i += 3)
        assert_true(isms__index_remove(&ix, items[i].key));
    for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++)
        check_find_many(&ix, keys, lens, sizes[k]);
    isms__index_find_many(&ix, keys, lens, 1, v);
    assert_null(v[0]); /* "K0" is gone */
    isms__index_free(&ix);
    free(items);
}

/* Terminal widths: ASCII 1, Swedish letters 1 (precomposed) and 1 + 0 (combining), CJK and
 * emoji 2, controls and bidi overrides 0, invalid bytes 1; fit never cuts a character. */
static void test_text_width(void **state)
{
    (void)state;
    assert_int_equal(isms_text_width("abc", 3), 3);
    assert_int_equal(isms_text_width("Hög", strlen("Hög")), 3);
    assert_int_equal(isms_text_width("Ho\xcc\x88g", 5), 3);             /* o + U+0308 */
    assert_int_equal(isms_text_width("\xe6\x97\xa5\xe6\x9c\xac", 6), 4); /* 日本 */
    assert_int_equal(isms_text_width("\xf0\x9f\x94\x92", 4), 2);          /* U+1F512 */
    assert_int_equal(isms_text_width("a\x1b[2Jb\t", 8), 5);               /* ESC, TAB: 0 */
    assert_int_equal(isms_text_width("\xe2\x80\xae", 3), 0);              /* U+202E */
    assert_int_equal(isms_text_width("\xff\xfe", 2), 2);                   /* invalid */
    assert_int_equal(isms_text_width("\xc3", 1), 1);                        /* cut */
    assert_int_equal(isms_text_width(NULL, 5), 0);
    assert_int_equal(isms_text_width("abc", 0), 0);
    /* fit */
    assert_int_equal(isms_text_fit("Hög risk", strlen("Hög risk"), 2), 3);   /* "Hö": 3 bytes */
    assert_int_equal(isms_text_fit("Hög risk", strlen("Hög risk"), 3), 4);   /* "Hög" */
    assert_int_equal(isms_text_fit("\xe6\x97\xa5\xe6\x9c\xac", 6, 3), 3); /* one of two */
    assert_int_equal(isms_text_fit("\xe6\x97\xa5", 3, 1), 0);              /* too wide */
    assert_int_equal(isms_text_fit("abc", 3, 10), 3);
    assert_int_equal(isms_text_fit(NULL, 3, 10), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_strerror_names_every_code),
        cmocka_unit_test(test_error_codes_are_negative_and_distinct),
        cmocka_unit_test(test_error_message_is_utf8),
        cmocka_unit_test(test_error_last_and_clear),
        cmocka_unit_test(test_error_message_cut_at_utf8_boundary),
        cmocka_unit_test(test_errno_text),
        cmocka_unit_test(test_error_is_thread_local),
        cmocka_unit_test(test_version),
        cmocka_unit_test(test_alloc_hook),
        cmocka_unit_test(test_grow),
        cmocka_unit_test(test_lang),
        cmocka_unit_test(test_casecmp),
        cmocka_unit_test(test_matches),
        cmocka_unit_test(test_natcmp),
        cmocka_unit_test(test_trim_and_parse_int),
        cmocka_unit_test(test_utf8),
        cmocka_unit_test(test_buf),
        cmocka_unit_test(test_index_find_many),
        cmocka_unit_test(test_text_width),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
