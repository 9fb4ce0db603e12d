/*
 * libFuzzer target: the CVSS vector parser (isms_cvss_parse) and the canonical form.
 *
 * The input, up to its first NUL, is parsed as a vector. A vector that is rejected must give
 * ISMS_EPARSE with a message and a position on line 1 within the text (or just after it), or
 * ISMS_EINVAL naming its first byte that is not UTF-8, and leave the output untouched. A
 * vector that is accepted must carry a known version, a score that is a one-decimal number in [0, 10] with the matching severity, consistent
 * parts and nomenclature, v3.x scores (or none for v4.0) and a MacroVector for v4.0 only; its
 * canonical form must fit ISMS_CVSS_VECTOR_MAX, read back to the same scores and metric values
 * and be a fixed point; and every metric must read as one of the version's values. Then the
 * input with one metric dropped or two fields swapped is parsed again, so that the fuzzer
 * also explores the missing-metric and ordering errors from valid vectors. Anything else
 * aborts.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz-util.h"
#include "isms.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fail(const char *what, const char *text)
{
    fprintf(stderr, "cvss: %s\n  vector: \"%s\"\n", what, text);
    abort();
}

static bool one_decimal(double score)
{
    double t = score * 10;
    return score >= 0 && score <= 10 && t == floor(t) && (double)(long)t / 10.0 == score;
}

static void check_scores(const isms_cvss *c, const char *text)
{
    if ((unsigned)c->version > ISMS_CVSS_V4_0)
        fail("unknown version", text);
    if (!one_decimal(c->score))
        fail("score is not a one-decimal number in [0, 10]", text);
    if (c->severity != isms_cvss_severity_of(c->score) ||
        !isms_cvss_severity_label(c->severity, ISMS_LANG_SV))
        fail("wrong severity", text);
    if (!(c->parts & ISMS_CVSS_PART_BASE) || c->parts > 15)
        fail("wrong parts", text);
    isms_cvss_nomenclature n = (isms_cvss_nomenclature)(
        ((c->parts & ISMS_CVSS_PART_THREAT) ? 1 : 0) |
        ((c->parts & ISMS_CVSS_PART_ENVIRONMENTAL) ? 2 : 0));
    if (c->nomenclature != n || !isms_cvss_nomenclature_name(c->nomenclature))
        fail("nomenclature does not follow the parts", text);
    if (c->version == ISMS_CVSS_V4_0) {
        if (c->base != ISMS_CVSS_NO_SCORE || c->temporal != ISMS_CVSS_NO_SCORE ||
            c->environmental != ISMS_CVSS_NO_SCORE || strlen(c->macrovector) != 6 ||
            strspn(c->macrovector, "012") != 6)
            fail("v4.0 with v3 scores or without a MacroVector", text);
    } else {
        if (!one_decimal(c->base) || !one_decimal(c->temporal) ||
            !one_decimal(c->environmental) || c->macrovector[0] ||
            (c->parts & ISMS_CVSS_PART_SUPPLEMENTAL))
            fail("bad v3 scores", text);
        double expect = (c->parts & ISMS_CVSS_PART_ENVIRONMENTAL) ? c->environmental
                        : (c->parts & ISMS_CVSS_PART_THREAT)      ? c->temporal
                                                                  : c->base;
        if (c->score != expect || c->temporal > c->base)
            fail("v3 score is not the right one, or temporal above base", text);
    }
    double norm = isms_cvss_normalized(c);
    if (!(norm >= 0 && norm <= 1) || fabs(norm * 10 - c->score) > 1e-9)
        fail("normalized score", text);
}

static void check_valid(const isms_cvss *c, const char *text)
{
    check_scores(c, text);
    char buf[ISMS_CVSS_VECTOR_MAX], again[ISMS_CVSS_VECTOR_MAX];
    if (isms_cvss_format(buf, sizeof buf, c) != ISMS_OK)
        fail("canonical form does not fit", text);
    isms_cvss back;
    if (isms_cvss_parse(&back, buf) != ISMS_OK)
        fail("canonical form does not parse", text);
    if (back.version != c->version || back.score != c->score || back.base != c->base ||
        back.temporal != c->temporal || back.environmental != c->environmental ||
        back.parts != c->parts || strcmp(back.macrovector, c->macrovector) != 0)
        fail("canonical form scores differently", text);
    if (isms_cvss_format(again, sizeof again, &back) != ISMS_OK || strcmp(buf, again) != 0)
        fail("canonical form is not a fixed point", text);
    if (strlen(buf) > strlen(text))
        fail("canonical form longer than the vector", text);
    for (size_t i = 0; i < isms_cvss_metric_count(c->version); i++) {
        const char *name = isms_cvss_metric_name(c->version, i), *a = NULL, *b = NULL;
        if (!name || isms_cvss_metric(&a, c, name) != ISMS_OK ||
            isms_cvss_metric(&b, &back, name) != ISMS_OK || strcmp(a, b) != 0)
            fail("metric reads differently after the round trip", text);
        if (strcmp(a, "X") != 0) {
            /* the metric as written in the canonical form */
            char field[16];
            snprintf(field, sizeof field, "/%s:%s", name, a);
            if (!strstr(buf, field) && strncmp(buf + 9, field + 1, strlen(field + 1)) != 0)
                fail("a given metric is missing from the canonical form", text);
        }
    }
    if (isms_cvss_metric_name(c->version, isms_cvss_metric_count(c->version)))
        fail("a metric past the count", text);
}

/* Parses `text`; checks the result either way; true when it parsed. */
static bool parse_and_check(const char *text)
{
    isms_cvss c;
    memset(&c, 0x5A, sizeof c);
    int rc = isms_cvss_parse(&c, text);
    if (rc == ISMS_OK) {
        check_valid(&c, text);
        return true;
    }
    const isms_error *e = isms_error_last();
    if (!fuzz_not_utf8_at(rc, "vector", text) &&
        (rc != ISMS_EPARSE || e->code != ISMS_EPARSE || !e->message[0] || e->line != 1 ||
         e->column < 1 || e->column > strlen(text) + 1))
        fail("a rejected vector without a proper parse error", text);
    const unsigned char *p = (const unsigned char *)&c;
    for (size_t i = 0; i < sizeof c; i++)
        if (p[i] != 0x5A)
            fail("a rejected vector changed the output", text);
    return false;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_text(data, size);
    if (!text)
        return 0;
    size_t len = strlen(text);

    if (parse_and_check(text) && len > 9) {
        /* Variants of a valid vector: drop one field, swap two neighbouring fields. */
        unsigned h = fuzz_hash(data, size);
        size_t starts[64], n = 0;
        for (size_t i = 9; i < len && n < 64; i++)
            if (i == 9 || text[i - 1] == '/')
                starts[n++] = i;
        if (n >= 2) {
            char *v = malloc(len + 1);
            if (!v) {
                free(text);
                return 0;
            }
            size_t k = h % n;
            size_t end = k + 1 < n ? starts[k + 1] : len + 1; /* past the '/' */
            /* drop field k */
            memcpy(v, text, starts[k]);
            size_t rest = end <= len ? len - end : 0;
            memcpy(v + starts[k], text + end, rest);
            size_t vlen = starts[k] + rest;
            if (vlen > 0 && v[vlen - 1] == '/' && k + 1 == n)
                vlen--;
            v[vlen] = '\0';
            parse_and_check(v);
            /* swap fields k and k + 1 */
            if (k + 1 < n) {
                size_t a0 = starts[k], a1 = starts[k + 1] - 1; /* field k is [a0, a1) */
                size_t b0 = starts[k + 1], b1 = k + 2 < n ? starts[k + 2] - 1 : len;
                size_t o = 0;
                memcpy(v, text, a0);
                o = a0;
                memcpy(v + o, text + b0, b1 - b0);
                o += b1 - b0;
                v[o++] = '/';
                memcpy(v + o, text + a0, a1 - a0);
                o += a1 - a0;
                memcpy(v + o, text + b1, len - b1);
                o += len - b1;
                v[o] = '\0';
                parse_and_check(v);
            }
            free(v);
        }
    }

    isms_cvss c;
    if (isms_cvss_parse(NULL, text) != ISMS_EINVAL || isms_cvss_parse(&c, NULL) != ISMS_EINVAL)
        fail("NULL accepted", text);
    free(text);
    return 0;
}
