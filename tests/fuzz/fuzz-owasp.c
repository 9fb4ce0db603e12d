/*
 * libFuzzer target: the OWASP and DREAD vector parsers (isms_owasp_parse, isms_dread_parse),
 * the rating of any vector (isms_rating_parse) and a risk carrying a vector.
 *
 * The input is read as one vector (up to its first NUL). Every parser must either succeed
 * with a rating that holds together or fail with ISMS_EPARSE on line 1 at a column inside
 * the text (or just after it), with a message that says which method's vector it was (or,
 * for text that is not UTF-8, with ISMS_EINVAL naming the first bad byte):
 * - OWASP: factors 0–9 (business ones all given or all not), means, levels, severity and the
 *   normalised value agree with each other and with isms_owasp_compute(); the canonical
 *   form reads back as the same rating and is a fixed point.
 * - DREAD: factors 0–10, the mean, mean / 10; canonical form as for OWASP.
 * - Any vector: the method that the start of the text names, the same result as that
 *   method's own parser, a normalised value in [0, 1] within its severity's range, static
 *   labels. A risk takes the vector exactly when isms_rating_parse() accepts it, and then
 *   gives the same normalised value.
 * Anything else aborts.
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
    fprintf(stderr, "owasp: %s\n  text: \"%s\"\n", what, text);
    abort();
}

/* A parse error as documented: EPARSE on line 1, a column in [1, len + 1], the method's
 * prefix in the message; or text that is not UTF-8 refused, naming the first bad byte. */
static void check_error(int rc, const char *text, size_t len, const char *prefix)
{
    if (fuzz_not_utf8_at(rc, "vector", text))
        return;
    const isms_error *e = isms_error_last();
    if (rc != ISMS_EPARSE || e->code != ISMS_EPARSE)
        fail("a failure that is not a parse error", text);
    if (e->line != 1 || e->column < 1 || e->column > len + 1)
        fail("a parse error outside the text", text);
    if (prefix && strncmp(e->message, prefix, strlen(prefix)) != 0)
        fail("a parse error without the method's name", text);
}

static bool near(double a, double b)
{
    return fabs(a - b) <= 1e-9;
}

static void check_owasp(const isms_owasp *o, const char *text)
{
    int sum_l = 0, sum_t = 0, sum_b = 0;
    for (int i = 0; i < ISMS_OWASP_FACTORS; i++) {
        int f = o->factors[i];
        if (i >= ISMS_OWASP_FD && !o->business_given) {
            if (f != ISMS_OWASP_NOT_GIVEN)
                fail("a business factor without business impact", text);
            continue;
        }
        if (f < 0 || f > 9)
            fail("a factor outside 0-9", text);
        *(i < ISMS_OWASP_LC ? &sum_l : i < ISMS_OWASP_FD ? &sum_t : &sum_b) += f;
    }
    if (o->likelihood != sum_l / 8.0 || o->technical_impact != sum_t / 4.0 ||
        o->business_impact != (o->business_given ? sum_b / 4.0 : 0.0))
        fail("a mean is wrong", text);
    if (o->impact != (o->business_given ? o->business_impact : o->technical_impact))
        fail("the wrong impact is used", text);
    if (o->likelihood_level != isms_owasp_level_of(o->likelihood) ||
        o->impact_level != isms_owasp_level_of(o->impact) ||
        o->severity != isms_owasp_severity_of(o->likelihood_level, o->impact_level))
        fail("levels or severity disagree", text);
    static const double floor_of[6] = { 0.0, 0.1, 0.4, 0.7, 0.9, 1.0 };
    if (!(o->normalized >= floor_of[o->severity] - 1e-9) ||
        !(o->normalized <= floor_of[o->severity + 1] + 1e-9) ||
        (o->severity < ISMS_OWASP_CRITICAL && o->normalized >= floor_of[o->severity + 1]))
        fail("the normalised value is outside its severity's range", text);

    isms_owasp c;
    if (isms_owasp_compute(&c, o->factors,
                           o->business_given ? ISMS_OWASP_FACTORS
                                             : ISMS_OWASP_FACTORS_TECHNICAL) != ISMS_OK ||
        c.normalized != o->normalized || c.severity != o->severity || c.impact != o->impact)
        fail("isms_owasp_compute disagrees with the parser", text);

    char buf[ISMS_OWASP_VECTOR_SIZE], again[ISMS_OWASP_VECTOR_SIZE];
    isms_owasp back;
    if (isms_owasp_format(buf, sizeof buf, o) != ISMS_OK)
        fail("format fails", text);
    if (isms_owasp_parse(&back, buf) != ISMS_OK ||
        memcmp(back.factors, o->factors, sizeof o->factors) != 0 ||
        back.business_given != o->business_given || back.normalized != o->normalized)
        fail("the canonical form does not read back", text);
    if (isms_owasp_format(again, sizeof again, &back) != ISMS_OK || strcmp(buf, again) != 0)
        fail("the canonical form is not a fixed point", text);
}

static void check_dread(const isms_dread *d, const char *text)
{
    const int f[5] = { d->damage, d->reproducibility, d->exploitability, d->affected_users,
                       d->discoverability };
    int sum = 0;
    for (int i = 0; i < 5; i++) {
        if (f[i] < 0 || f[i] > 10)
            fail("a DREAD factor outside 0-10", text);
        sum += f[i];
    }
    if (!near(d->mean, sum / 5.0) || !near(d->normalized, d->mean / 10))
        fail("the DREAD mean is wrong", text);
    char buf[ISMS_DREAD_VECTOR_SIZE], again[ISMS_DREAD_VECTOR_SIZE];
    isms_dread back;
    if (isms_dread_format(buf, sizeof buf, d) != ISMS_OK)
        fail("DREAD format fails", text);
    if (isms_dread_parse(&back, buf) != ISMS_OK || back.damage != d->damage ||
        back.reproducibility != d->reproducibility ||
        back.exploitability != d->exploitability || back.affected_users != d->affected_users ||
        back.discoverability != d->discoverability || back.mean != d->mean)
        fail("the DREAD canonical form does not read back", text);
    if (isms_dread_format(again, sizeof again, &back) != ISMS_OK || strcmp(buf, again) != 0)
        fail("the DREAD canonical form is not a fixed point", text);
}

static void check_rating(const isms_rating *r, const char *text)
{
    if (r->rank < 0 || r->rank > 4 || !r->severity || !r->label_sv || !r->label_en)
        fail("a rating without a severity", text);
    if (!(r->normalized >= 0.0 && r->normalized <= 1.0))
        fail("a normalised value outside [0, 1]", text);
    /* The ranges of the severities on the normalised scale (isms/rating.h). */
    bool is_owasp = r->method == ISMS_METHOD_OWASP;
    static const double lower[5] = { 0.0, 0.0, 0.4, 0.7, 0.9 };
    static const double upper[5] = { 0.1, 0.4, 0.7, 0.9, 1.0 };
    double lo = r->rank == 1 && is_owasp ? 0.1 : lower[r->rank];
    if (r->normalized < lo - 1e-9 || (r->rank < 4 && r->normalized >= upper[r->rank]))
        fail("the normalised value is outside its severity's range", text);
    if (!is_owasp && (r->rank == 0) != (r->normalized == 0.0))
        fail("None is not exactly 0", text);
    bool note = strcmp(r->severity, "note") == 0;
    if (note != (r->method == ISMS_METHOD_OWASP && r->rank == 0))
        fail("Note outside OWASP's lowest severity", text);
    switch (r->method) {
    case ISMS_METHOD_CVSS:
    case ISMS_METHOD_DREAD:
        if (!(r->score >= 0.0 && r->score <= 10.0) || !near(r->normalized, r->score / 10))
            fail("a score of 0-10 that is not normalised by / 10", text);
        break;
    case ISMS_METHOD_OWASP:
        if (!(r->score >= 0.0 && r->score <= 81.0))
            fail("an OWASP score outside 0-81", text);
        break;
    default:
        fail("a rating of an unknown method", text);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_text(data, size);
    if (!text)
        return 0;
    size_t len = strlen(text);

    isms_owasp o;
    int rc_o = isms_owasp_parse(&o, text);
    if (rc_o == ISMS_OK)
        check_owasp(&o, text);
    else
        check_error(rc_o, text, len, "OWASP vector, column ");

    isms_dread d;
    int rc_d = isms_dread_parse(&d, text);
    if (rc_d == ISMS_OK)
        check_dread(&d, text);
    else
        check_error(rc_d, text, len, "DREAD vector, column ");

    isms_rating r;
    int rc = isms_rating_parse(&r, text);
    bool cvss = strncmp(text, "CVSS:", 5) == 0;
    bool owasp = strncmp(text, "SL:", 3) == 0 || strncmp(text, "(SL:", 4) == 0;
    bool dread = strncmp(text, "D:", 2) == 0;
    if (rc == ISMS_OK) {
        check_rating(&r, text);
        if ((r.method == ISMS_METHOD_CVSS) != cvss || (r.method == ISMS_METHOD_OWASP) != owasp ||
            (r.method == ISMS_METHOD_DREAD) != dread)
            fail("the method is not the one the vector starts with", text);
        if (owasp && (rc_o != ISMS_OK || r.normalized != o.normalized))
            fail("the OWASP rating differs from isms_owasp_parse", text);
        if (dread && (rc_d != ISMS_OK || r.normalized != d.normalized))
            fail("the DREAD rating differs from isms_dread_parse", text);
        if (cvss) {
            isms_cvss c;
            if (isms_cvss_parse(&c, text) != ISMS_OK || r.score != c.score)
                fail("the CVSS rating differs from isms_cvss_parse", text);
        }
    } else {
        check_error(rc, text, len, NULL);
        if ((owasp && rc_o == ISMS_OK) || (dread && rc_d == ISMS_OK))
            fail("a vector its method accepts is refused", text);
    }

    /* A risk takes exactly the vectors isms_rating_parse() accepts. */
    isms_register *reg = NULL;
    isms_risk *risk = NULL;
    if (isms_register_new(&reg, NULL) != ISMS_OK)
        abort();
    if (isms_register_add(&risk, reg, "R1", "fuzz", 2, 3) != ISMS_OK)
        abort();
    int rc_r = isms_risk_set_vector(risk, text);
    double n = -1;
    if (len == 0) {
        if (rc_r != ISMS_OK || isms_risk_method(risk) != ISMS_METHOD_MATRIX)
            fail("an empty vector does not clear", text);
    } else if (rc_r != rc) {
        fail("the risk and isms_rating_parse disagree", text);
    } else if (rc == ISMS_OK) {
        if (strcmp(isms_risk_vector(risk), text) != 0 || isms_risk_method(risk) != r.method ||
            isms_risk_normalized(&n, risk, ISMS_INHERENT) != ISMS_OK || n != r.normalized)
            fail("the risk does not keep the vector's rating", text);
        int v = isms_matrix_denormalize(isms_register_matrix(reg), n);
        if (v < 1 || v > 16 || isms_matrix_band_of(isms_register_matrix(reg), v) < 0)
            fail("the vector has no place on the matrix", text);
        isms_findings *notes = NULL;
        if (isms_findings_new(&notes, ISMS_LANG_SV) != ISMS_OK ||
            isms_register_lint(notes, reg) != ISMS_OK)
            abort();
        isms_findings_free(notes);
    } else if (strcmp(isms_risk_vector(risk), "") != 0) {
        fail("a refused vector was kept", text);
    }
    isms_register_free(reg);
    free(text);
    return 0;
}
