/*
 * Distributions for quantitative risk: constructors, checks, moments, labels, and the
 * samplers that the simulation draws from.
 *
 * Beta-PERT with α, β ≥ 1 (a bounded, unimodal density) is drawn by exact rejection from a
 * table: [0, 1] is cut into 256 strips of equal width; on each strip the density lies between
 * its values at the two ends (a unimodal density has its minimum over an interval at an end,
 * and its maximum at an end unless the strip holds the mode, where it is the peak). Each strip
 * gives two rectangles: the lower one, under the smaller end value, lies wholly under the
 * density, and the upper one reaches the envelope. One of the 512 rectangles is chosen in
 * proportion to its area (Walker's alias method) and a point in it uniformly: in a lower
 * rectangle the point is accepted at once (about 98 % of draws for classic PERT), in an upper
 * one it is accepted when it lies under the density. The accepted x is distributed exactly
 * as the density. A draw costs one generator output: 9 bits choose the rectangle, the other
 * 55 are the alias method's coin, and where the coin fell within the part of its range that
 * made the choice is uniform and independent of the choice, so it places the point (a point
 * in an upper rectangle takes a second output for its height). Other shapes use the ratio of
 * gamma variates (Marsaglia–Tsang), in logarithms so that tiny shapes cannot underflow.
 */
#include <math.h>
#include <string.h>

#include "methods/quant-internal.h"

/* z such that P(Z ≤ z) = 0.95 for a standard normal Z. */
#define Z95 1.6448536269514722

/* ---- constructors and checks ------------------------------------------------------------- */

static int check_dist(const isms_dist *d)
{
    if (!d)
        return isms__error(ISMS_EINVAL, "distribution: NULL argument");
    switch (d->kind) {
    case ISMS_DIST_CONSTANT:
        if (!isfinite(d->value))
            return isms__error(ISMS_ERANGE, "constant: value %s is not a finite number",
                               isms__g(d->value).s);
        return ISMS_OK;
    case ISMS_DIST_UNIFORM:
        if (!isfinite(d->low) || !isfinite(d->high))
            return isms__error(ISMS_ERANGE,
                               "uniform: low %s and high %s must be finite numbers",
                               isms__g(d->low).s, isms__g(d->high).s);
        if (!(d->low < d->high))
            return isms__error(ISMS_ERANGE, "uniform: low %s must be below high %s",
                               isms__g(d->low).s, isms__g(d->high).s);
        return ISMS_OK;
    case ISMS_DIST_NORMAL:
        if (!isfinite(d->mean) || !isfinite(d->sd))
            return isms__error(ISMS_ERANGE, "normal: mean %s and sd %s must be finite numbers",
                               isms__g(d->mean).s, isms__g(d->sd).s);
        if (d->sd < 0)
            return isms__error(ISMS_ERANGE, "normal: sd %s is negative: it must be 0 or more",
                               isms__g(d->sd).s);
        return ISMS_OK;
    case ISMS_DIST_PERT:
        if ((unsigned)d->method > ISMS_PERT_MOMENTS)
            return isms__error(ISMS_EINVAL,
                               "PERT: unknown method %d: use classic (%d) or moments (%d)",
                               (int)d->method, ISMS_PERT_CLASSIC, ISMS_PERT_MOMENTS);
        if (!isfinite(d->low) || !isfinite(d->mode) || !isfinite(d->high))
            return isms__error(ISMS_ERANGE,
                               "PERT: low %s, mode %s and high %s must be finite numbers",
                               isms__g(d->low).s, isms__g(d->mode).s, isms__g(d->high).s);
        if (!(d->low < d->high))
            return isms__error(ISMS_ERANGE, "PERT: low %s must be below high %s",
                               isms__g(d->low).s, isms__g(d->high).s);
        if (d->mode < d->low || d->mode > d->high)
            return isms__error(ISMS_ERANGE, "PERT: mode %s is outside low %s to high %s",
                               isms__g(d->mode).s, isms__g(d->low).s, isms__g(d->high).s);
        if (!isfinite(d->gamma) || !(d->gamma > 0))
            return isms__error(ISMS_ERANGE,
                               "PERT: gamma %s must be a finite number above 0 (4 is classic)",
                               isms__g(d->gamma).s);
        return ISMS_OK;
    case ISMS_DIST_LOGNORMAL90:
        if (!isfinite(d->low) || !isfinite(d->high))
            return isms__error(ISMS_ERANGE,
                               "lognormal: low %s and high %s must be finite numbers",
                               isms__g(d->low).s, isms__g(d->high).s);
        if (!(d->low > 0))
            return isms__error(ISMS_ERANGE,
                               "lognormal: low %s (the 5th percentile) must be above 0",
                               isms__g(d->low).s);
        if (!(d->low < d->high))
            return isms__error(ISMS_ERANGE,
                               "lognormal: low %s (the 5th percentile) must be below high %s "
                               "(the 95th)",
                               isms__g(d->low).s, isms__g(d->high).s);
        return ISMS_OK;
    case ISMS_DIST_POISSON:
        if (!isfinite(d->rate) || d->rate < 0)
            return isms__error(ISMS_ERANGE,
                               "Poisson: rate %s must be a finite number, 0 or more",
                               isms__g(d->rate).s);
        return ISMS_OK;
    }
    return isms__error(ISMS_EINVAL, "unknown distribution kind %d", (int)d->kind);
}

int isms_dist_check(const isms_dist *dist)
{
    return check_dist(dist);
}

/* Writes `d` to *out when it checks. */
static int make(isms_dist *out, const isms_dist *d)
{
    if (!out)
        return isms__error(ISMS_EINVAL, "distribution: NULL argument");
    int rc = check_dist(d);
    if (rc == ISMS_OK)
        *out = *d;
    return rc;
}

int isms_dist_constant(isms_dist *out, double value)
{
    isms_dist d = { .kind = ISMS_DIST_CONSTANT, .value = value };
    return make(out, &d);
}

int isms_dist_uniform(isms_dist *out, double low, double high)
{
    isms_dist d = { .kind = ISMS_DIST_UNIFORM, .low = low, .high = high };
    return make(out, &d);
}

int isms_dist_normal(isms_dist *out, double mean, double sd)
{
    isms_dist d = { .kind = ISMS_DIST_NORMAL, .mean = mean, .sd = sd };
    return make(out, &d);
}

int isms_dist_pert(isms_dist *out, double low, double mode, double high, double gamma,
                   isms_pert_method method)
{
    isms_dist d = { .kind = ISMS_DIST_PERT, .method = method, .low = low, .mode = mode,
                    .high = high, .gamma = gamma };
    return make(out, &d);
}

int isms_dist_lognormal90(isms_dist *out, double low, double high)
{
    isms_dist d = { .kind = ISMS_DIST_LOGNORMAL90, .low = low, .high = high };
    return make(out, &d);
}

int isms_dist_poisson(isms_dist *out, double rate)
{
    isms_dist d = { .kind = ISMS_DIST_POISSON, .rate = rate };
    return make(out, &d);
}

/* ---- moments ------------------------------------------------------------------------------ */

/* The shape parameters of the standard beta behind a PERT (checked). */
static void pert_shape(const isms_dist *d, double *alpha, double *beta)
{
    double t = (d->mode - d->low) / (d->high - d->low), g = d->gamma;
    if (d->method == ISMS_PERT_CLASSIC) {
        *alpha = 1 + g * t;
        *beta = 1 + g * (1 - t);
        return;
    }
    /* Mean share p = (1 + γt)/(γ + 2), variance 1/(γ + 2)² of the unit interval: the beta
     * with that mean and variance has α + β = p(1 − p)(γ + 2)² − 1. */
    double p = (1 + g * t) / (g + 2), q = (1 + g * (1 - t)) / (g + 2);
    double sum = (1 + g * t) * (1 + g * (1 - t)) - 1;
    *alpha = p * sum;
    *beta = q * sum;
}

static void lognormal_params(const isms_dist *d, double *m, double *s)
{
    double a = log(d->low), b = log(d->high);
    *m = 0.5 * (a + b);
    *s = (b - a) / (2 * Z95);
}

static void moments(const isms_dist *d, double *mean, double *sd)
{
    switch (d->kind) {
    case ISMS_DIST_CONSTANT:
        *mean = d->value;
        *sd = 0;
        return;
    case ISMS_DIST_UNIFORM:
        *mean = 0.5 * (d->low + d->high);
        *sd = (d->high - d->low) / sqrt(12.0);
        return;
    case ISMS_DIST_NORMAL:
        *mean = d->mean;
        *sd = d->sd;
        return;
    case ISMS_DIST_PERT: {
        double mu = (d->low + d->gamma * d->mode + d->high) / (d->gamma + 2);
        *mean = mu;
        if (d->method == ISMS_PERT_CLASSIC)
            *sd = sqrt((mu - d->low) * (d->high - mu) / (d->gamma + 3));
        else
            *sd = (d->high - d->low) / (d->gamma + 2);
        return;
    }
    case ISMS_DIST_LOGNORMAL90: {
        double m, s;
        lognormal_params(d, &m, &s);
        *mean = exp(m + 0.5 * s * s);
        *sd = *mean * sqrt(expm1(s * s));
        return;
    }
    case ISMS_DIST_POISSON:
        *mean = d->rate;
        *sd = sqrt(d->rate);
        return;
    }
}

int isms_dist_mean(double *out, const isms_dist *dist)
{
    if (!out)
        return isms__error(ISMS_EINVAL, "isms_dist_mean: NULL argument");
    int rc = check_dist(dist);
    if (rc != ISMS_OK)
        return rc;
    double sd;
    moments(dist, out, &sd);
    return ISMS_OK;
}

int isms_dist_sd(double *out, const isms_dist *dist)
{
    if (!out)
        return isms__error(ISMS_EINVAL, "isms_dist_sd: NULL argument");
    int rc = check_dist(dist);
    if (rc != ISMS_OK)
        return rc;
    double mean;
    moments(dist, &mean, out);
    return ISMS_OK;
}

/* ---- labels ------------------------------------------------------------------------------- */

static const char *const kind_labels[][2] = {
    { "Konstant", "Constant" },    { "Likformig", "Uniform" },   { "Normalfördelning", "Normal" },
    { "Beta-PERT", "Beta-PERT" },  { "Lognormal", "Lognormal" }, { "Poisson", "Poisson" },
};

const char *isms_dist_kind_label(isms_dist_kind kind, isms_lang lang)
{
    if ((unsigned)kind > ISMS_DIST_POISSON || (unsigned)lang > ISMS_LANG_EN)
        return NULL;
    return kind_labels[kind][lang];
}

int isms_dist_kind_parse(isms_dist_kind *out, const char *text)
{
    static const isms__alias names[] = {
        { "Konstant", ISMS_DIST_CONSTANT },        { "Constant", ISMS_DIST_CONSTANT },
        { "Likformig", ISMS_DIST_UNIFORM },        { "Uniform", ISMS_DIST_UNIFORM },
        { "Normalfördelning", ISMS_DIST_NORMAL },  { "Normal", ISMS_DIST_NORMAL },
        { "Beta-PERT", ISMS_DIST_PERT },           { "PERT", ISMS_DIST_PERT },
        { "betapert", ISMS_DIST_PERT },            { "beta pert", ISMS_DIST_PERT },
        { "Lognormal", ISMS_DIST_LOGNORMAL90 },    { "lognormal90", ISMS_DIST_LOGNORMAL90 },
        { "log-normal", ISMS_DIST_LOGNORMAL90 },   { "lognormalfördelning", ISMS_DIST_LOGNORMAL90 },
        { "Poisson", ISMS_DIST_POISSON },          { "poissonfördelning", ISMS_DIST_POISSON },
    };
    if (!out || !text)
        return isms__error(ISMS_EINVAL, "isms_dist_kind_parse: NULL argument");
    if (isms__text_check("distribution", text))
        return ISMS_EINVAL;
    int v;
    if (isms__alias_lookup(&v, names, sizeof names / sizeof *names, text)) {
        *out = (isms_dist_kind)v;
        return ISMS_OK;
    }
    return isms__error(ISMS_EPARSE,
                       "unknown distribution \"%.64s\": expected Konstant, Likformig, "
                       "Normalfördelning, Beta-PERT, Lognormal or Poisson (Constant, Uniform, "
                       "Normal, Beta-PERT, Lognormal, Poisson)",
                       text);
}

static const char *const method_labels[][2] = {
    { "Klassisk", "Classic" },
    { "Momentmetoden", "Method of moments" },
};

const char *isms_pert_method_label(isms_pert_method method, isms_lang lang)
{
    if ((unsigned)method > ISMS_PERT_MOMENTS || (unsigned)lang > ISMS_LANG_EN)
        return NULL;
    return method_labels[method][lang];
}

int isms_pert_method_parse(isms_pert_method *out, const char *text)
{
    static const isms__alias names[] = {
        { "Klassisk", ISMS_PERT_CLASSIC },      { "Classic", ISMS_PERT_CLASSIC },
        { "Momentmetoden", ISMS_PERT_MOMENTS }, { "Method of moments", ISMS_PERT_MOMENTS },
        { "moments", ISMS_PERT_MOMENTS },       { "mom", ISMS_PERT_MOMENTS },
        { "momentmetod", ISMS_PERT_MOMENTS },
    };
    if (!out || !text)
        return isms__error(ISMS_EINVAL, "isms_pert_method_parse: NULL argument");
    if (isms__text_check("PERT method", text))
        return ISMS_EINVAL;
    int v;
    if (isms__alias_lookup(&v, names, sizeof names / sizeof *names, text)) {
        *out = (isms_pert_method)v;
        return ISMS_OK;
    }
    return isms__error(ISMS_EPARSE,
                       "unknown PERT method \"%.64s\": expected Klassisk or Momentmetoden "
                       "(Classic, Method of moments)",
                       text);
}

/* ---- normal quantile (Wichura, AS 241, about 16 digits) ----------------------------------- */

double isms__norm_quantile(double p)
{
    double q = p - 0.5;
    if (fabs(q) <= 0.425) {
        double r = 0.180625 - q * q;
        return q *
               (((((((2.5090809287301226727e3 * r + 3.3430575583588128105e4) * r +
                     6.7265770927008700853e4) * r + 4.5921953931549871457e4) * r +
                   1.3731693765509461125e4) * r + 1.9715909503065514427e3) * r +
                 1.3314166789178437745e2) * r + 3.3871328727963666080e0) /
               (((((((5.2264952788528545610e3 * r + 2.8729085735721942674e4) * r +
                     3.9307895800092710610e4) * r + 2.1213794301586595867e4) * r +
                   5.3941960214247511077e3) * r + 6.8718700749205790830e2) * r +
                 4.2313330701600911252e1) * r + 1.0);
    }
    double r = q < 0 ? p : 1 - p;
    r = sqrt(-log(r));
    double z;
    if (r <= 5) {
        r -= 1.6;
        z = (((((((7.74545014278341407640e-4 * r + 2.27238449892691845833e-2) * r +
                  2.41780725177450611770e-1) * r + 1.27045825245236838258e0) * r +
                3.64784832476320460504e0) * r + 5.76949722146069140550e0) * r +
              4.63033784615654529590e0) * r + 1.42343711074968357734e0) /
            (((((((1.05075007164441684324e-9 * r + 5.47593808499534494600e-4) * r +
                  1.51986665636164571966e-2) * r + 1.48103976427480074590e-1) * r +
                6.89767334985100004550e-1) * r + 1.67638483018380384940e0) * r +
              2.05319162663775882187e0) * r + 1.0);
    } else {
        r -= 5;
        z = (((((((2.01033439929228813265e-7 * r + 2.71155556874348757815e-5) * r +
                  1.24266094738807843860e-3) * r + 2.65321895265761230930e-2) * r +
                2.96560571828504891230e-1) * r + 1.78482653991729133580e0) * r +
              5.46378491116411436990e0) * r + 6.65790464350110377720e0) /
            (((((((2.04426310338993978564e-15 * r + 1.42151175831644588870e-7) * r +
                  1.84631831751005468180e-5) * r + 7.86869131145613259100e-4) * r +
                1.48753612908506148525e-2) * r + 1.36929880922735805310e-1) * r +
              5.99832206555887937690e-1) * r + 1.0);
    }
    return q < 0 ? -z : z;
}

static double draw_normal(isms__rng *r)
{
    return isms__norm_quantile(isms__unit_open(isms__next(r)));
}

/* ---- Poisson ------------------------------------------------------------------------------ */

/* log(k!) for a whole number k ≥ 0: exact below 10, Stirling's series (error below 1e-14
 * relative) above. */
static double log_factorial(double k)
{
    static const double fact[10] = { 1, 1, 2, 6, 24, 120, 720, 5040, 40320, 362880 };
    if (k < 10)
        return log(fact[(int)k]);
    double k2 = k * k;
    double series = (1.0 / 12 - (1.0 / 360 - (1.0 / 1260 - 1.0 / (1680 * k2)) / k2) / k2) / k;
    return (k + 0.5) * log(k) - k + 0.91893853320467274178 + series;
}

/* Below this rate, inversion; above, PTRS. */
#define POISSON_INVERSION_MAX 10.0

/* The constants of Hörmann's PTRS for a rate (W. Hörmann, "The transformed rejection method
 * for generating Poisson random variables", Insurance: Mathematics and Economics 12, 1993). */
typedef struct ptrs {
    double rate, log_rate, a, b, vr, log_inv_alpha;
} ptrs;

static void ptrs_init(ptrs *c, double rate)
{
    double s = sqrt(rate);
    c->rate = rate;
    c->log_rate = log(rate);
    c->b = 0.931 + 2.53 * s;
    c->a = -0.059 + 0.02483 * c->b;
    c->vr = 0.9277 - 3.6224 / (c->b - 2);
    c->log_inv_alpha = log(1.1239 + 1.1328 / (c->b - 3.4));
}

static double ptrs_draw(const ptrs *c, isms__rng *r)
{
    for (;;) {
        double u = isms__unit_open(isms__next(r)) - 0.5;
        double v = isms__unit_open(isms__next(r));
        double us = 0.5 - fabs(u);
        double k = floor((2 * c->a / us + c->b) * u + c->rate + 0.43);
        if (us >= 0.07 && v <= c->vr)
            return k;
        if (k < 0 || (us < 0.013 && v > us))
            continue;
        if (log(v) + c->log_inv_alpha - log(c->a / (us * us) + c->b) <=
            -c->rate + k * c->log_rate - log_factorial(k))
            return k;
    }
}

/* Inversion by sequential search from 0, with exp(-rate) given. */
static double poisson_inversion(double rate, double e, isms__rng *r)
{
    double u = isms__unit(isms__next(r));
    double p = e, f = e;
    unsigned k = 0;
    /* Past 200 the remaining mass is below 1e-150 for these rates; the cap only guards
     * against a u that rounding keeps above every partial sum. */
    while (u >= f && k < 200) {
        k++;
        p *= rate / k;
        f += p;
    }
    return k;
}

double isms__poisson(double rate, isms__rng *r)
{
    if (!(rate > 0))
        return 0;
    if (rate < POISSON_INVERSION_MAX)
        return poisson_inversion(rate, exp(-rate), r);
    ptrs c;
    ptrs_init(&c, rate);
    return ptrs_draw(&c, r);
}

/* ---- gamma and beta ----------------------------------------------------------------------- */

/* The log of a gamma variate with shape a > 0 (Marsaglia and Tsang, 2000; for a < 1 the
 * variate of a + 1 times U^(1/a), in logarithms). */
static double log_gamma_draw(double a, isms__rng *r)
{
    double boost = 0;
    if (a < 1) {
        boost = log(isms__unit_open(isms__next(r))) / a;
        a += 1;
    }
    double d = a - 1.0 / 3, c = 1 / sqrt(9 * d);
    for (;;) {
        double x, v;
        do {
            x = draw_normal(r);
            v = 1 + c * x;
        } while (v <= 0);
        v = v * v * v;
        double u = isms__unit_open(isms__next(r));
        double x2 = x * x;
        if (u < 1 - 0.0331 * x2 * x2 || log(u) < 0.5 * x2 + d * (1 - v + log(v)))
            return log(d * v) + boost;
    }
}

static double beta_gamma_draw(double alpha, double beta, isms__rng *r)
{
    double la = log_gamma_draw(alpha, r), lb = log_gamma_draw(beta, r);
    return 1 / (1 + exp(lb - la));
}

/* ---- the PERT table ----------------------------------------------------------------------- */

/* The standard beta density divided by its peak (1 at the mode). */
static double pert_density(const isms__pert_table *t, double x)
{
    double e = 0;
    if (t->am1 != 0)
        e += t->am1 * (log(x) - t->log_m);
    if (t->bm1 != 0)
        e += t->bm1 * (log1p(-x) - t->log_1m);
    return exp(e);
}

static void pert_table_build(isms__pert_table *t, double alpha, double beta)
{
    enum { K = ISMS__PERT_STRIPS, N = 2 * ISMS__PERT_STRIPS };
    t->am1 = alpha - 1;
    t->bm1 = beta - 1;
    double m = t->am1 + t->bm1 > 0 ? t->am1 / (t->am1 + t->bm1) : 0.5;
    t->log_m = t->am1 != 0 ? log(m) : 0;
    t->log_1m = t->bm1 != 0 ? log1p(-m) : 0;

    double w[N], total = 0;
    double left = pert_density(t, 0);
    for (unsigned j = 0; j < K; j++) {
        double x0 = (double)j / K, x1 = (double)(j + 1) / K;
        double right = pert_density(t, x1);
        double lo = fmin(left, right);
        double hi = (m >= x0 && m <= x1) ? 1.0 : fmax(left, right);
        /* Rounding in the density must not put the squeeze above it or the envelope below. */
        t->lo[j] = lo * (1 - 1e-12);
        t->hi[j] = hi * (1 + 1e-12);
        w[j] = t->lo[j];
        w[K + j] = t->hi[j] - t->lo[j];
        left = right;
    }
    for (unsigned i = 0; i < N; i++)
        total += w[i];

    /* Walker's alias method, with Vose's two work lists. */
    unsigned small[N], large[N], ns = 0, nl = 0;
    for (unsigned i = 0; i < N; i++) {
        w[i] = w[i] * N / total;
        if (w[i] < 1)
            small[ns++] = i;
        else
            large[nl++] = i;
    }
    const uint64_t whole = UINT64_C(1) << 55;
    while (ns > 0 && nl > 0) {
        unsigned s = small[--ns], l = large[nl - 1];
        t->cell[s].cut = (uint64_t)(w[s] * 0x1p55);
        t->cell[s].alias = l;
        w[l] = (w[l] + w[s]) - 1;
        if (w[l] < 1) {
            nl--;
            small[ns++] = l;
        }
    }
    while (nl > 0) {
        unsigned l = large[--nl];
        t->cell[l].cut = whole;
        t->cell[l].alias = l;
    }
    while (ns > 0) { /* left over by rounding: close to 1 */
        unsigned s = small[--ns];
        t->cell[s].cut = whole;
        t->cell[s].alias = s;
    }
    for (unsigned i = 0; i < N; i++) {
        isms__pert_cell *c = &t->cell[i];
        c->scale[0] = c->cut > 0 ? 1.0 / (double)c->cut : 0;
        c->scale[1] = c->cut < whole ? 1.0 / (double)(whole - c->cut) : 0;
    }
}

/* A full draw from the table, retried until accepted. */
static double pert_table_draw(const isms__sampler *s, isms__rng *r)
{
    const isms__pert_table *t = s->table;
    for (;;) {
        uint64_t u = isms__next(r);
        const isms__pert_cell *c = &t->cell[u >> 55];
        uint64_t coin = u & ((UINT64_C(1) << 55) - 1);
        unsigned k = (unsigned)(u >> 55);
        double frac = (double)coin * c->scale[0];
        if (coin >= c->cut) {
            k = c->alias;
            frac = (double)(coin - c->cut) * c->scale[1];
        }
        unsigned j = k & (ISMS__PERT_STRIPS - 1);
        double x = ((double)j + frac) * (1.0 / ISMS__PERT_STRIPS);
        if (k < ISMS__PERT_STRIPS)
            return s->p[0] + s->p[1] * x;
        double y = t->lo[j] + (t->hi[j] - t->lo[j]) * isms__unit(isms__next(r));
        if (y < pert_density(t, x))
            return s->p[0] + s->p[1] * x;
    }
}

double isms__pert_table_slow(const isms__sampler *s, isms__rng *r, unsigned k, double x)
{
    const isms__pert_table *t = s->table;
    unsigned j = k & (ISMS__PERT_STRIPS - 1);
    double y = t->lo[j] + (t->hi[j] - t->lo[j]) * isms__unit(isms__next(r));
    if (y < pert_density(t, x))
        return s->p[0] + s->p[1] * x;
    return pert_table_draw(s, r);
}

/* ---- samplers ----------------------------------------------------------------------------- */

int isms__sampler_init(isms__sampler *s, const isms_dist *d, double lo, double hi)
{
    memset(s, 0, sizeof *s);
    s->lo = lo;
    s->hi = hi;
    switch (d->kind) {
    case ISMS_DIST_CONSTANT:
        s->kind = ISMS__DRAW_CONST;
        s->p[0] = d->value;
        break;
    case ISMS_DIST_UNIFORM:
        s->kind = ISMS__DRAW_UNIFORM;
        s->p[0] = d->low;
        s->p[1] = d->high - d->low;
        break;
    case ISMS_DIST_NORMAL:
        s->kind = ISMS__DRAW_NORMAL;
        s->p[0] = d->mean;
        s->p[1] = d->sd;
        break;
    case ISMS_DIST_LOGNORMAL90:
        s->kind = ISMS__DRAW_LOGNORMAL;
        lognormal_params(d, &s->p[0], &s->p[1]);
        break;
    case ISMS_DIST_POISSON:
        s->kind = ISMS__DRAW_POISSON;
        s->p[0] = d->rate;
        if (d->rate < POISSON_INVERSION_MAX) {
            s->p[1] = exp(-d->rate);
        } else {
            ptrs c;
            ptrs_init(&c, d->rate);
            s->p[2] = c.log_rate;
            s->p[3] = c.a;
            s->p[4] = c.b;
            s->p[5] = c.vr;
            s->p[6] = c.log_inv_alpha;
        }
        break;
    case ISMS_DIST_PERT: {
        double alpha, beta;
        pert_shape(d, &alpha, &beta);
        s->p[0] = d->low;
        s->p[1] = d->high - d->low;
        s->p[2] = alpha;
        s->p[3] = beta;
        if (alpha >= 1 && beta >= 1 && alpha + beta <= 200) {
            s->table = isms__malloc(sizeof *s->table);
            if (!s->table)
                return isms__error_nomem();
            pert_table_build(s->table, alpha, beta);
            s->kind = ISMS__DRAW_PERT_TABLE;
        } else {
            s->kind = ISMS__DRAW_PERT_GAMMA;
        }
        break;
    }
    }
    return ISMS_OK;
}

void isms__sampler_free(isms__sampler *s)
{
    if (s) {
        isms__free(s->table);
        s->table = NULL;
    }
}

void isms__sampler_force_gamma(isms__sampler *s)
{
    if (s->kind == ISMS__DRAW_PERT_TABLE)
        s->kind = ISMS__DRAW_PERT_GAMMA;
}

double isms__draw_slow(const isms__sampler *s, isms__rng *r)
{
    switch (s->kind) {
    case ISMS__DRAW_NORMAL: {
        double x = s->p[0] + s->p[1] * draw_normal(r);
        return fmin(fmax(x, s->lo), s->hi);
    }
    case ISMS__DRAW_LOGNORMAL:
        return exp(s->p[0] + s->p[1] * draw_normal(r));
    case ISMS__DRAW_POISSON: {
        if (!(s->p[0] > 0))
            return 0;
        if (s->p[0] < POISSON_INVERSION_MAX)
            return poisson_inversion(s->p[0], s->p[1], r);
        ptrs c = { s->p[0], s->p[2], s->p[3], s->p[4], s->p[5], s->p[6] };
        return ptrs_draw(&c, r);
    }
    case ISMS__DRAW_PERT_GAMMA:
        return s->p[0] + s->p[1] * beta_gamma_draw(s->p[2], s->p[3], r);
    case ISMS__DRAW_PERT_TABLE:
        return pert_table_draw(s, r);
    case ISMS__DRAW_UNIFORM:
        return s->p[0] + s->p[1] * isms__unit(isms__next(r));
    default:
        return s->p[0];
    }
}

int isms_dist_sample(double *out, size_t n, const isms_dist *dist, uint64_t seed)
{
    if ((!out && n > 0) || !dist)
        return isms__error(ISMS_EINVAL, "isms_dist_sample: NULL argument");
    int rc = check_dist(dist);
    if (rc != ISMS_OK)
        return rc;
    isms__sampler s;
    rc = isms__sampler_init(&s, dist, -HUGE_VAL, HUGE_VAL);
    if (rc != ISMS_OK)
        return rc;
    uint64_t key = isms__model_key(seed, SIZE_MAX);
    for (size_t i = 0; i < n; i++) {
        isms__rng r = isms__node_rng(isms__iter_key(key, i), 0);
        out[i] = isms__draw(&s, &r);
    }
    isms__sampler_free(&s);
    return ISMS_OK;
}
