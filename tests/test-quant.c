/* Unit tests of quantitative risk: distributions (constructors, errors, formulas, and the
 * samplers checked statistically against the formulas with tolerances from the standard
 * error, so that they test the implementation and not one seed), FAIR models and their
 * checks, simulations (tree arithmetic, events, thread-count invariance), the tail measures
 * on hand-computed samples, labels, and allocation failure. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* The 95th percentile of the standard normal distribution. */
static const double z95 = 1.6448536269514722;
#include "methods/quant-internal.h"

#include "test-util.h"

/* ---- helpers ------------------------------------------------------------------------------ */

/* Added to every seed of the statistical tests: ISMS_TEST_SEED=n reruns them on other draws
 * (they must pass for any seed but with a probability of about 1e-6 each). */
static uint64_t seed_base;

static isms_dist constant(double v)
{
    isms_dist d;
    assert_int_equal(isms_dist_constant(&d, v), ISMS_OK);
    return d;
}

static isms_dist uniform(double a, double b)
{
    isms_dist d;
    assert_int_equal(isms_dist_uniform(&d, a, b), ISMS_OK);
    return d;
}

static isms_dist pert(double a, double m, double b, double g, isms_pert_method method)
{
    isms_dist d;
    assert_int_equal(isms_dist_pert(&d, a, m, b, g, method), ISMS_OK);
    return d;
}

static isms_dist normal(double mean, double sd)
{
    isms_dist d;
    assert_int_equal(isms_dist_normal(&d, mean, sd), ISMS_OK);
    return d;
}

static isms_dist lognormal(double a, double b)
{
    isms_dist d;
    assert_int_equal(isms_dist_lognormal90(&d, a, b), ISMS_OK);
    return d;
}

static isms_dist poisson(double rate)
{
    isms_dist d;
    assert_int_equal(isms_dist_poisson(&d, rate), ISMS_OK);
    return d;
}

static double dist_mean(const isms_dist *d)
{
    double v = NAN;
    assert_int_equal(isms_dist_mean(&v, d), ISMS_OK);
    return v;
}

static double dist_sd(const isms_dist *d)
{
    double v = NAN;
    assert_int_equal(isms_dist_sd(&v, d), ISMS_OK);
    return v;
}

static isms_fair *model(const char *name)
{
    isms_fair *m = NULL;
    assert_int_equal(isms_fair_new(&m, name), ISMS_OK);
    return m;
}

static void set(isms_fair *m, isms_fair_node node, isms_dist d)
{
    if (isms_fair_set(m, node, &d) != ISMS_OK)
        fail_msg("%s", isms_error_last()->message);
}

static isms_simulation *simulate(const isms_fair *const *models, size_t n, size_t iterations,
                                 uint64_t seed, unsigned threads, bool keep)
{
    isms_sim_options o;
    isms_sim_options_init(&o);
    o.iterations = iterations;
    o.seed = seed_base + seed;
    o.threads = threads;
    o.keep_samples = keep;
    isms_simulation *sim = NULL;
    int rc = isms_simulate(&sim, models, n, &o);
    if (rc != ISMS_OK)
        fail_msg("isms_simulate: %s", isms_error_last()->message);
    return sim;
}

static isms_sim_stats stats(const isms_simulation *sim, size_t index)
{
    isms_sim_stats s;
    assert_int_equal(isms_simulation_stats(&s, sim, index), ISMS_OK);
    return s;
}

static const double *samples(const isms_simulation *sim, size_t index)
{
    const double *x = NULL;
    size_t n = 0;
    assert_int_equal(isms_simulation_samples(&x, &n, sim, index), ISMS_OK);
    assert_int_equal(n, isms_simulation_iterations(sim));
    return x;
}

/* |value − expected| ≤ 6 standard errors. */
#define assert_within_se(value, expected, se)                                                \
    check_se((value), (expected), (se), __FILE__, __LINE__)
static void check_se(double value, double expected, double se, const char *file, int line)
{
    if (!(fabs(value - expected) <= 6 * se)) {
        print_error("%.17g is not within 6 standard errors (%g) of %.17g (off by %.2f SE)\n",
                    value, se, expected, (value - expected) / se);
        _fail(file, line);
    }
}

/* Draws n values and checks the sample mean and variance against the formulas: the mean
 * within 6 standard errors (sd / √n), the variance within 6 standard errors estimated from
 * the sample's fourth central moment, √((m4 − s⁴) / n); for a lognormal, the mean and the
 * variance of the logarithms instead of the variance (below). */
static void check_moments(const isms_dist *d, size_t n, uint64_t seed)
{
    double *x = malloc(n * sizeof *x);
    assert_non_null(x);
    assert_int_equal(isms_dist_sample(x, n, d, seed_base + seed), ISMS_OK);
    double mean = dist_mean(d), sd = dist_sd(d);
    double sum = 0;
    for (size_t i = 0; i < n; i++)
        sum += x[i];
    double m = sum / (double)n, m2 = 0, m4 = 0;
    for (size_t i = 0; i < n; i++) {
        double e = x[i] - m;
        m2 += e * e;
        m4 += e * e * e * e;
    }
    m2 /= (double)(n - 1);
    m4 /= (double)n;
    if (sd == 0) {
        free(x);
        assert_double_equal(m, mean, 0);
        assert_double_equal(m2, 0, 0);
        return;
    }
    assert_within_se(m, mean, sd / sqrt((double)n));
    if (d->kind == ISMS_DIST_LOGNORMAL90) {
        /* A lognormal's sample variance is so heavy-tailed (kurtosis about 3,400 for the
         * interval 1e4–1e6) that the fourth moment of the sample underestimates its standard
         * error, and the check failed for about one seed in 200. The logarithms are normal
         * with μ and σ from the interval, and their mean and variance have exact standard
         * errors: σ/√n and σ²√(2/(n − 1)). */
        double mu = (log(d->low) + log(d->high)) / 2;
        double sigma = (log(d->high) - log(d->low)) / (2 * z95);
        double lsum = 0, lm2 = 0;
        for (size_t i = 0; i < n; i++)
            lsum += log(x[i]);
        double lm = lsum / (double)n;
        for (size_t i = 0; i < n; i++) {
            double e = log(x[i]) - lm;
            lm2 += e * e;
        }
        lm2 /= (double)(n - 1);
        free(x);
        assert_within_se(lm, mu, sigma / sqrt((double)n));
        assert_within_se(lm2, sigma * sigma, sigma * sigma * sqrt(2.0 / (double)(n - 1)));
        return;
    }
    free(x);
    assert_within_se(m2, sd * sd, sqrt((m4 - m2 * m2) / (double)n));
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Kolmogorov–Smirnov distance of sorted x[0..n) from the distribution function F. */
static double ks_distance(const double *x, size_t n, double (*F)(double, const void *),
                          const void *arg)
{
    double d = 0;
    for (size_t i = 0; i < n; i++) {
        double f = F(x[i], arg);
        d = fmax(d, fmax(f - (double)i / (double)n, (double)(i + 1) / (double)n - f));
    }
    return d;
}

/* The KS distance stays below 2.7/√n with probability 1 − 1e-6 when F is right. */
static void check_ks(const isms_dist *d, size_t n, uint64_t seed,
                     double (*F)(double, const void *), const void *arg)
{
    double *x = malloc(n * sizeof *x);
    assert_non_null(x);
    assert_int_equal(isms_dist_sample(x, n, d, seed_base + seed), ISMS_OK);
    qsort(x, n, sizeof *x, cmp_double);
    double D = ks_distance(x, n, F, arg);
    free(x);
    if (!(D < 2.7 / sqrt((double)n)))
        fail_msg("KS distance %g above %g", D, 2.7 / sqrt((double)n));
}

/* Regularised incomplete beta for whole-number shapes: a binomial tail. */
typedef struct beta_int {
    int a, b;
    double low, range;
} beta_int;

static double beta_int_cdf(double v, const void *arg)
{
    const beta_int *p = arg;
    double x = (v - p->low) / p->range;
    if (x <= 0)
        return 0;
    if (x >= 1)
        return 1;
    int n = p->a + p->b - 1;
    double sum = 0, c = 1; /* C(n, j) */
    for (int j = 0; j <= n; j++) {
        if (j >= p->a)
            sum += c * pow(x, j) * pow(1 - x, n - j);
        c = c * (n - j) / (j + 1);
    }
    return sum;
}

typedef struct normal_par {
    double mean, sd;
    bool log;
} normal_par;

static double normal_cdf(double v, const void *arg)
{
    const normal_par *p = arg;
    if (p->log) {
        if (v <= 0)
            return 0;
        v = log(v);
    }
    return 0.5 * erfc(-(v - p->mean) / (p->sd * sqrt(2.0)));
}

static double uniform_cdf(double v, const void *arg)
{
    const double *ab = arg;
    return fmin(1, fmax(0, (v - ab[0]) / (ab[1] - ab[0])));
}

/* ---- distributions: constructors and errors ----------------------------------------------- */

static void test_dist_constructors(void **state)
{
    (void)state;
    isms_dist d;
    assert_int_equal(isms_dist_constant(&d, 5), ISMS_OK);
    assert_int_equal(d.kind, ISMS_DIST_CONSTANT);
    assert_double_equal(d.value, 5, 0);
    assert_int_equal(isms_dist_uniform(&d, 1, 3), ISMS_OK);
    assert_int_equal(d.kind, ISMS_DIST_UNIFORM);
    assert_double_equal(d.low, 1, 0);
    assert_double_equal(d.high, 3, 0);
    assert_int_equal(isms_dist_normal(&d, 2, 0), ISMS_OK); /* sd 0 is allowed */
    assert_int_equal(d.kind, ISMS_DIST_NORMAL);
    assert_int_equal(isms_dist_pert(&d, 1, 1, 3, 4, ISMS_PERT_CLASSIC), ISMS_OK); /* mode = low */
    assert_int_equal(isms_dist_pert(&d, 1, 3, 3, 0.5, ISMS_PERT_MOMENTS), ISMS_OK);
    assert_int_equal(d.kind, ISMS_DIST_PERT);
    assert_int_equal(d.method, ISMS_PERT_MOMENTS);
    assert_double_equal(d.mode, 3, 0);
    assert_double_equal(d.gamma, 0.5, 0);
    assert_double_equal(d.value, 0, 0); /* fields of other kinds are 0 */
    assert_int_equal(isms_dist_lognormal90(&d, 1e3, 1e6), ISMS_OK);
    assert_int_equal(d.kind, ISMS_DIST_LOGNORMAL90);
    assert_int_equal(isms_dist_poisson(&d, 0), ISMS_OK);
    assert_int_equal(d.kind, ISMS_DIST_POISSON);
    assert_double_equal(d.rate, 0, 0);

    /* Errors leave the output alone and say what is wrong. */
    isms_dist keep = constant(42);
    d = keep;
    assert_int_equal(isms_dist_constant(&d, INFINITY), ISMS_ERANGE);
    assert_error(ISMS_ERANGE, "constant: value inf is not a finite number");
    assert_int_equal(isms_dist_uniform(&d, 3, 3), ISMS_ERANGE);
    assert_error(ISMS_ERANGE, "uniform: low 3 must be below high 3");
    assert_int_equal(isms_dist_uniform(&d, NAN, 3), ISMS_ERANGE);
    assert_error(ISMS_ERANGE, "must be finite");
    assert_int_equal(isms_dist_normal(&d, 1, -1), ISMS_ERANGE);
    assert_error(ISMS_ERANGE, "normal: sd -1 is negative");
    assert_int_equal(isms_dist_normal(&d, NAN, 1), ISMS_ERANGE);
    assert_int_equal(isms_dist_pert(&d, 1, 0.5, 3, 4, ISMS_PERT_CLASSIC), ISMS_ERANGE);
    assert_error(ISMS_ERANGE, "PERT: mode 0.5 is outside low 1 to high 3");
    assert_int_equal(isms_dist_pert(&d, 1, 4, 3, 4, ISMS_PERT_CLASSIC), ISMS_ERANGE);
    assert_int_equal(isms_dist_pert(&d, 2, 2, 2, 4, ISMS_PERT_CLASSIC), ISMS_ERANGE);
    assert_error(ISMS_ERANGE, "PERT: low 2 must be below high 2");
    assert_int_equal(isms_dist_pert(&d, 1, 2, 3, 0, ISMS_PERT_CLASSIC), ISMS_ERANGE);
    assert_error(ISMS_ERANGE, "PERT: gamma 0 must be a finite number above 0");
    assert_int_equal(isms_dist_pert(&d, 1, 2, 3, -1, ISMS_PERT_CLASSIC), ISMS_ERANGE);
    assert_int_equal(isms_dist_pert(&d, 1, 2, 3, INFINITY, ISMS_PERT_CLASSIC), ISMS_ERANGE);
    assert_int_equal(isms_dist_pert(&d, 1, 2, INFINITY, 4, ISMS_PERT_CLASSIC), ISMS_ERANGE);
    assert_int_equal(isms_dist_pert(&d, 1, 2, 3, 4, (isms_pert_method)2), ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "PERT: unknown method 2");
    assert_int_equal(isms_dist_lognormal90(&d, 0, 10), ISMS_ERANGE);
    assert_error(ISMS_ERANGE, "lognormal: low 0 (the 5th percentile) must be above 0");
    assert_int_equal(isms_dist_lognormal90(&d, 10, 10), ISMS_ERANGE);
    assert_error(ISMS_ERANGE, "must be below high 10 (the 95th)");
    assert_int_equal(isms_dist_lognormal90(&d, -1, 10), ISMS_ERANGE);
    assert_int_equal(isms_dist_poisson(&d, -0.5), ISMS_ERANGE);
    assert_error(ISMS_ERANGE, "Poisson: rate -0.5 must be a finite number, 0 or more");
    assert_int_equal(isms_dist_poisson(&d, NAN), ISMS_ERANGE);
    assert_int_equal(d.kind, ISMS_DIST_CONSTANT);
    assert_double_equal(d.value, 42, 0);

    assert_int_equal(isms_dist_constant(NULL, 1), ISMS_EINVAL);
    assert_int_equal(isms_dist_pert(NULL, 1, 2, 3, 4, ISMS_PERT_CLASSIC), ISMS_EINVAL);

    /* Structs filled by hand. */
    isms_dist h = { .kind = ISMS_DIST_UNIFORM, .low = 0, .high = 1 };
    assert_int_equal(isms_dist_check(&h), ISMS_OK);
    h.high = -1;
    assert_int_equal(isms_dist_check(&h), ISMS_ERANGE);
    h.kind = (isms_dist_kind)9;
    assert_int_equal(isms_dist_check(&h), ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "unknown distribution kind 9");
    double v = 7;
    assert_int_equal(isms_dist_mean(&v, &h), ISMS_EINVAL);
    assert_int_equal(isms_dist_sd(&v, &h), ISMS_EINVAL);
    assert_double_equal(v, 7, 0);
    assert_int_equal(isms_dist_check(NULL), ISMS_EINVAL);
    assert_int_equal(isms_dist_mean(NULL, &keep), ISMS_EINVAL);
    assert_int_equal(isms_dist_sd(NULL, &keep), ISMS_EINVAL);
    double x[2];
    assert_int_equal(isms_dist_sample(x, 2, &h, 1), ISMS_EINVAL);
    assert_int_equal(isms_dist_sample(NULL, 2, &keep, 1), ISMS_EINVAL);
    assert_int_equal(isms_dist_sample(NULL, 0, &keep, 1), ISMS_OK);
    assert_int_equal(isms_dist_sample(x, 2, NULL, 1), ISMS_EINVAL);
}

/* ---- distributions: formulas ------------------------------------------------------------- */

static void test_dist_formulas(void **state)
{
    (void)state;
    isms_dist d = constant(-3);
    assert_double_equal(dist_mean(&d), -3, 0);
    assert_double_equal(dist_sd(&d), 0, 0);
    d = uniform(2, 8);
    assert_double_equal(dist_mean(&d), 5, 1e-15);
    assert_double_equal(dist_sd(&d), 6 / sqrt(12.0), 1e-15);
    d = normal(3, 0.5);
    assert_double_equal(dist_mean(&d), 3, 0);
    assert_double_equal(dist_sd(&d), 0.5, 0);
    d = poisson(9);
    assert_double_equal(dist_mean(&d), 9, 0);
    assert_double_equal(dist_sd(&d), 3, 0);

    /* PERT mean (low + γ·mode + high)/(γ + 2); classic sd √((μ − low)(high − μ)/(γ + 3)),
     * method of moments sd (high − low)/(γ + 2). (0, 2, 10), γ = 4: mean 18/6 = 3, classic
     * sd √(3 × 7 / 7) = √3, moments sd 10/6. */
    d = pert(0, 2, 10, 4, ISMS_PERT_CLASSIC);
    assert_double_equal(dist_mean(&d), 3, 1e-15);
    assert_double_equal(dist_sd(&d), sqrt(3.0), 1e-15);
    d = pert(0, 2, 10, 4, ISMS_PERT_MOMENTS);
    assert_double_equal(dist_mean(&d), 3, 1e-15);
    assert_double_equal(dist_sd(&d), 10.0 / 6, 1e-15);
    /* (10, 40, 100), γ = 2: mean 190/4 = 47.5, classic sd √(37.5 × 52.5 / 5), moments 90/4. */
    d = pert(10, 40, 100, 2, ISMS_PERT_CLASSIC);
    assert_double_equal(dist_mean(&d), 47.5, 1e-13);
    assert_double_equal(dist_sd(&d), sqrt(37.5 * 52.5 / 5), 1e-13);
    d = pert(10, 40, 100, 2, ISMS_PERT_MOMENTS);
    assert_double_equal(dist_sd(&d), 22.5, 1e-13);

    /* Lognormal from the 90 % interval (1, 10): m = ln 10 / 2, s = ln 10 / (2 × 1.64485…),
     * mean exp(m + s²/2) = 4.040012826945726. */
    d = lognormal(1, 10);
    assert_double_equal(dist_mean(&d), 4.040012826945726, 1e-14);
    double m = log(10.0) / 2, s = log(10.0) / (2 * z95);
    assert_double_equal(dist_sd(&d), exp(m + s * s / 2) * sqrt(exp(s * s) - 1), 1e-13);
    /* Its median is the geometric mean of the bounds. */
    d = lognormal(100, 10000);
    double s2 = log(100.0) / (2 * z95);
    assert_double_equal(dist_mean(&d) / exp(0.5 * s2 * s2), 1000, 1e-9);
}

static void test_norm_quantile(void **state)
{
    (void)state;
    assert_double_equal(isms__norm_quantile(0.5), 0, 0);
    assert_double_equal(isms__norm_quantile(0.975), 1.959963984540054, 1e-14);
    assert_double_equal(isms__norm_quantile(0.05), -z95, 1e-14);
    assert_double_equal(isms__norm_quantile(0.95), z95, 1e-14);
    assert_double_equal(isms__norm_quantile(0.001), -3.090232306167813, 1e-13);
    assert_double_equal(isms__norm_quantile(1e-10), -6.361340902404056, 1e-12);
    assert_double_equal(isms__norm_quantile(1e-300), -37.0470962993612, 1e-12);
    /* The inverse of the distribution function, through erfc. */
    for (double p = 0.0005; p < 1; p += 0.0137) {
        double z = isms__norm_quantile(p);
        assert_double_equal(0.5 * erfc(-z / sqrt(2.0)), p, 1e-15 + 1e-13 * p);
    }
}

/* ---- distributions: sampling -------------------------------------------------------------- */

static void test_sample_moments(void **state)
{
    (void)state;
    /* Under valgrind a quarter of the draws: the tolerances follow n (standard errors). */
    const size_t n = under_valgrind() ? 100000 : 400000;
    isms_dist ds[] = {
        constant(2.5),
        uniform(-2, 5),
        normal(3, 2),
        pert(0, 2, 10, 4, ISMS_PERT_CLASSIC),   /* table */
        pert(0, 0, 10, 4, ISMS_PERT_CLASSIC),   /* α = 1: peak at low */
        pert(0, 10, 10, 4, ISMS_PERT_CLASSIC),  /* β = 1 */
        pert(5, 6, 20, 0.3, ISMS_PERT_CLASSIC), /* nearly uniform */
        pert(0, 3, 10, 500, ISMS_PERT_CLASSIC), /* α + β = 502: gamma ratio */
        pert(0, 5, 10, 4, ISMS_PERT_MOMENTS),   /* α = β = 4: table */
        pert(0, 0, 10, 4, ISMS_PERT_MOMENTS),   /* α = 2/3 < 1: gamma ratio */
        pert(0, 1, 10, 0.05, ISMS_PERT_MOMENTS), /* tiny α and β: U-shaped */
        lognormal(1, 10),
        lognormal(1e4, 1e6),
        poisson(0.3),
        poisson(3),
        poisson(9.99), /* inversion */
        poisson(10),   /* transformed rejection */
        poisson(25),
        poisson(1000),
        poisson(1e7),
    };
    for (size_t i = 0; i < sizeof ds / sizeof *ds; i++)
        check_moments(&ds[i], n, 1000 + i);
    /* Another seed gives other draws, which pass as well. */
    for (size_t i = 0; i < sizeof ds / sizeof *ds; i++)
        check_moments(&ds[i], n / 4, UINT64_C(0xDEADBEEF) + i);
}

static void test_sample_shapes(void **state)
{
    (void)state;
    const size_t n = under_valgrind() ? 20000 : 200000; /* the bounds follow n */
    /* PERT (0, 0.5, 1), γ = 4 is Beta(3, 3); (10, 12.5, 20) is Beta(2, 4) on [10, 20];
     * the method of moments at mode = midpoint gives Beta(4, 4). */
    beta_int b33 = { 3, 3, 0, 1 }, b24 = { 2, 4, 10, 10 }, b44 = { 4, 4, -1, 2 };
    isms_dist d = pert(0, 0.5, 1, 4, ISMS_PERT_CLASSIC);
    check_ks(&d, n, 1, beta_int_cdf, &b33);
    d = pert(10, 12.5, 20, 4, ISMS_PERT_CLASSIC);
    check_ks(&d, n, 2, beta_int_cdf, &b24);
    d = pert(-1, 0, 1, 4, ISMS_PERT_MOMENTS);
    check_ks(&d, n, 3, beta_int_cdf, &b44);
    /* γ = 1 at mode = low: Beta(1, 2), density 2(1 − x). */
    beta_int b12 = { 1, 2, 0, 1 };
    d = pert(0, 0, 1, 1, ISMS_PERT_CLASSIC);
    check_ks(&d, n, 4, beta_int_cdf, &b12);

    normal_par np = { 3, 2, false };
    d = normal(3, 2);
    check_ks(&d, n, 5, normal_cdf, &np);
    normal_par lp = { log(10.0) / 2, log(10.0) / (2 * z95), true };
    d = lognormal(1, 10);
    check_ks(&d, n, 6, normal_cdf, &lp);
    double ab[2] = { -2, 5 };
    d = uniform(-2, 5);
    check_ks(&d, n, 7, uniform_cdf, ab);

    /* The lognormal's bounds are its 5th and 95th percentiles. */
    double *x = malloc(n * sizeof *x);
    assert_non_null(x);
    d = lognormal(1, 10);
    assert_int_equal(isms_dist_sample(x, n, &d, seed_base + 8), ISMS_OK);
    size_t below = 0, above = 0;
    for (size_t i = 0; i < n; i++) {
        below += x[i] < 1;
        above += x[i] > 10;
    }
    double se = sqrt(0.05 * 0.95 / (double)n);
    assert_within_se((double)below / (double)n, 0.05, se);
    assert_within_se((double)above / (double)n, 0.05, se);

    /* Poisson: whole numbers, and P(0) = e^−λ. */
    d = poisson(2);
    assert_int_equal(isms_dist_sample(x, n, &d, seed_base + 9), ISMS_OK);
    size_t zeros = 0;
    for (size_t i = 0; i < n; i++) {
        assert_double_equal(x[i], floor(x[i]), 0);
        assert_true(x[i] >= 0);
        zeros += x[i] == 0;
    }
    double p0 = exp(-2.0);
    assert_within_se((double)zeros / (double)n, p0, sqrt(p0 * (1 - p0) / (double)n));
    /* PERT stays within its bounds. */
    d = pert(10, 10, 20, 4, ISMS_PERT_CLASSIC);
    assert_int_equal(isms_dist_sample(x, n, &d, 10), ISMS_OK);
    for (size_t i = 0; i < n; i++)
        assert_true(x[i] >= 10 && x[i] <= 20);
    free(x);
}

/* The table method and the gamma ratio draw the same distribution (two-sample KS). */
static void test_pert_methods_agree(void **state)
{
    (void)state;
    const size_t n = under_valgrind() ? 20000 : 200000; /* the bound follows n */
    const isms_dist ds[] = {
        pert(0, 1, 10, 4, ISMS_PERT_CLASSIC),
        pert(0, 9.9, 10, 4, ISMS_PERT_CLASSIC),
        pert(0, 3, 10, 30, ISMS_PERT_CLASSIC),
        pert(0, 5, 10, 4, ISMS_PERT_MOMENTS),
    };
    double *a = malloc(n * sizeof *a), *b = malloc(n * sizeof *b);
    assert_non_null(a);
    assert_non_null(b);
    for (size_t k = 0; k < sizeof ds / sizeof *ds; k++) {
        isms__sampler s1, s2;
        assert_int_equal(isms__sampler_init(&s1, &ds[k], -HUGE_VAL, HUGE_VAL), ISMS_OK);
        assert_int_equal(isms__sampler_init(&s2, &ds[k], -HUGE_VAL, HUGE_VAL), ISMS_OK);
        assert_int_equal(s1.kind, ISMS__DRAW_PERT_TABLE);
        isms__sampler_force_gamma(&s2);
        assert_int_equal(s2.kind, ISMS__DRAW_PERT_GAMMA);
        for (size_t i = 0; i < n; i++) {
            isms__rng r1 = { isms__mix(seed_base) + 2 * i + 1 };
            isms__rng r2 = { isms__mix(seed_base) + UINT64_C(0x1234567890) + 2 * i };
            a[i] = isms__draw(&s1, &r1);
            b[i] = isms__draw(&s2, &r2);
        }
        isms__sampler_free(&s1);
        isms__sampler_free(&s2);
        qsort(a, n, sizeof *a, cmp_double);
        qsort(b, n, sizeof *b, cmp_double);
        double D = 0;
        size_t i = 0, j = 0;
        while (i < n && j < n) {
            double v = fmin(a[i], b[j]);
            while (i < n && a[i] <= v)
                i++;
            while (j < n && b[j] <= v)
                j++;
            D = fmax(D, fabs((double)i - (double)j) / (double)n);
        }
        /* Two samples of n: the critical distance is c √(2/n), c = 2.7 for p ≈ 1e-6. */
        if (!(D < 2.7 * sqrt(2.0 / (double)n)))
            fail_msg("PERT %zu: table and gamma ratio differ by %g", k, D);
    }
    free(a);
    free(b);
}

static void test_sample_determinism(void **state)
{
    (void)state;
    isms_dist d = pert(1, 2, 9, 4, ISMS_PERT_CLASSIC);
    double a[100], b[100], c[100];
    assert_int_equal(isms_dist_sample(a, 100, &d, 7), ISMS_OK);
    assert_int_equal(isms_dist_sample(b, 100, &d, 7), ISMS_OK);
    assert_memory_equal(a, b, sizeof a);
    assert_int_equal(isms_dist_sample(c, 40, &d, 7), ISMS_OK); /* a prefix */
    assert_memory_equal(a, c, 40 * sizeof *a);
    assert_int_equal(isms_dist_sample(c, 100, &d, 8), ISMS_OK);
    size_t same = 0;
    for (size_t i = 0; i < 100; i++)
        same += a[i] == c[i];
    assert_true(same < 5);
}

/* ---- labels -------------------------------------------------------------------------------- */

static void test_labels(void **state)
{
    (void)state;
    assert_string_equal(isms_dist_kind_label(ISMS_DIST_UNIFORM, ISMS_LANG_SV), "Likformig");
    assert_string_equal(isms_dist_kind_label(ISMS_DIST_UNIFORM, ISMS_LANG_EN), "Uniform");
    assert_string_equal(isms_dist_kind_label(ISMS_DIST_NORMAL, ISMS_LANG_SV), "Normalfördelning");
    assert_string_equal(isms_dist_kind_label(ISMS_DIST_PERT, ISMS_LANG_EN), "Beta-PERT");
    assert_null(isms_dist_kind_label((isms_dist_kind)6, ISMS_LANG_EN));
    assert_null(isms_dist_kind_label(ISMS_DIST_PERT, (isms_lang)2));
    for (int k = 0; k <= ISMS_DIST_POISSON; k++)
        for (int l = 0; l < 2; l++) {
            isms_dist_kind out = (isms_dist_kind)99;
            assert_int_equal(isms_dist_kind_parse(&out, isms_dist_kind_label((isms_dist_kind)k,
                                                                             (isms_lang)l)),
                             ISMS_OK);
            assert_int_equal(out, k);
        }
    isms_dist_kind kind;
    assert_int_equal(isms_dist_kind_parse(&kind, " LIKFORMIG "), ISMS_OK);
    assert_int_equal(kind, ISMS_DIST_UNIFORM);
    assert_int_equal(isms_dist_kind_parse(&kind, "pert"), ISMS_OK);
    assert_int_equal(kind, ISMS_DIST_PERT);
    assert_int_equal(isms_dist_kind_parse(&kind, "lognormal90"), ISMS_OK);
    assert_int_equal(kind, ISMS_DIST_LOGNORMAL90);
    assert_int_equal(isms_dist_kind_parse(&kind, "NORMALFÖRDELNING"), ISMS_OK);
    assert_int_equal(kind, ISMS_DIST_NORMAL);
    assert_int_equal(isms_dist_kind_parse(&kind, "triangular"), ISMS_EPARSE);
    assert_error(ISMS_EPARSE, "unknown distribution \"triangular\"");
    assert_int_equal(kind, ISMS_DIST_NORMAL);
    assert_int_equal(isms_dist_kind_parse(NULL, "pert"), ISMS_EINVAL);

    assert_string_equal(isms_pert_method_label(ISMS_PERT_CLASSIC, ISMS_LANG_SV), "Klassisk");
    assert_string_equal(isms_pert_method_label(ISMS_PERT_MOMENTS, ISMS_LANG_EN),
                        "Method of moments");
    assert_null(isms_pert_method_label((isms_pert_method)2, ISMS_LANG_EN));
    isms_pert_method m;
    assert_int_equal(isms_pert_method_parse(&m, "momentmetoden"), ISMS_OK);
    assert_int_equal(m, ISMS_PERT_MOMENTS);
    assert_int_equal(isms_pert_method_parse(&m, "Classic"), ISMS_OK);
    assert_int_equal(m, ISMS_PERT_CLASSIC);
    assert_int_equal(isms_pert_method_parse(&m, "vose"), ISMS_EPARSE);
    assert_error(ISMS_EPARSE, "unknown PERT method \"vose\"");
    assert_int_equal(isms_pert_method_parse(&m, NULL), ISMS_EINVAL);

    static const char *const names[] = { "lef", "tef", "cf",  "poa", "vuln", "tcap",
                                         "rs",  "lm",  "pl",  "sl",  "slef", "slem" };
    for (int n = 0; n < ISMS_FAIR_NODE_COUNT; n++) {
        assert_string_equal(isms_fair_node_name((isms_fair_node)n), names[n]);
        for (int l = 0; l < 2; l++) {
            isms_fair_node out = (isms_fair_node)99;
            const char *label = isms_fair_node_label((isms_fair_node)n, (isms_lang)l);
            assert_non_null(label);
            assert_int_equal(isms_fair_node_parse(&out, label), ISMS_OK);
            assert_int_equal(out, n);
        }
        isms_fair_node out = (isms_fair_node)99;
        assert_int_equal(isms_fair_node_parse(&out, names[n]), ISMS_OK);
        assert_int_equal(out, n);
    }
    assert_string_equal(isms_fair_node_label(ISMS_FAIR_VULN, ISMS_LANG_SV), "Sårbarhet");
    assert_string_equal(isms_fair_node_label(ISMS_FAIR_LEF, ISMS_LANG_EN), "Loss event frequency");
    assert_null(isms_fair_node_name((isms_fair_node)12));
    assert_null(isms_fair_node_label((isms_fair_node)12, ISMS_LANG_SV));
    assert_null(isms_fair_node_label(ISMS_FAIR_LM, (isms_lang)2));
    static const struct {
        const char *text;
        isms_fair_node node;
    } pyfair[] = {
        { "Loss Event Frequency", ISMS_FAIR_LEF }, { "Control Strength", ISMS_FAIR_RS },
        { "CS", ISMS_FAIR_RS },                    { "TC", ISMS_FAIR_TCAP },
        { "Action", ISMS_FAIR_POA },               { "A", ISMS_FAIR_POA },
        { "C", ISMS_FAIR_CF },                     { "V", ISMS_FAIR_VULN },
        { "SLEM", ISMS_FAIR_SLEM },                { "secondary loss", ISMS_FAIR_SL },
        { "SÅRBARHET", ISMS_FAIR_VULN },           { "Threat Capability", ISMS_FAIR_TCAP },
    };
    for (size_t i = 0; i < sizeof pyfair / sizeof *pyfair; i++) {
        isms_fair_node out = (isms_fair_node)99;
        assert_int_equal(isms_fair_node_parse(&out, pyfair[i].text), ISMS_OK);
        assert_int_equal(out, pyfair[i].node);
    }
    isms_fair_node node = ISMS_FAIR_LM;
    assert_int_equal(isms_fair_node_parse(&node, "risk"), ISMS_EPARSE);
    assert_error(ISMS_EPARSE, "unknown FAIR node \"risk\"");
    assert_int_equal(node, ISMS_FAIR_LM);
    assert_int_equal(isms_fair_node_parse(&node, NULL), ISMS_EINVAL);
}

/* ---- models ------------------------------------------------------------------------------- */

static void test_fair_model(void **state)
{
    (void)state;
    isms_fair *m = model("Ransomware");
    assert_string_equal(isms_fair_name(m), "Ransomware");
    assert_false(isms_fair_events(m));
    isms_dist d = constant(9);
    assert_int_equal(isms_fair_get(&d, m, ISMS_FAIR_LEF), ISMS_ENOTFOUND);
    assert_error(ISMS_ENOTFOUND, "model Ransomware: lef (Loss event frequency) is not given");
    set(m, ISMS_FAIR_LEF, pert(0.1, 0.5, 2, 4, ISMS_PERT_CLASSIC));
    assert_int_equal(isms_fair_get(&d, m, ISMS_FAIR_LEF), ISMS_OK);
    assert_int_equal(d.kind, ISMS_DIST_PERT);
    assert_double_equal(d.mode, 0.5, 0);
    assert_int_equal(isms_fair_set(m, ISMS_FAIR_LEF, NULL), ISMS_OK); /* taken away */
    assert_int_equal(isms_fair_get(&d, m, ISMS_FAIR_LEF), ISMS_ENOTFOUND);
    assert_int_equal(isms_fair_set_events(m, true), ISMS_OK);
    assert_true(isms_fair_events(m));

    /* Ranges: probabilities 0–1, other nodes not negative; the model is unchanged. */
    set(m, ISMS_FAIR_VULN, constant(0.3));
    d = uniform(0.2, 1.5);
    assert_int_equal(isms_fair_set(m, ISMS_FAIR_VULN, &d), ISMS_ERANGE);
    assert_error(ISMS_ERANGE, "model Ransomware: vuln (Vulnerability) is a probability from 0 "
                              "to 1, but the Uniform's high 1.5 is above 1");
    d = lognormal(0.1, 0.5);
    assert_int_equal(isms_fair_set(m, ISMS_FAIR_POA, &d), ISMS_ERANGE);
    assert_error(ISMS_ERANGE, "a Lognormal distribution has no upper bound");
    d = poisson(0.5);
    assert_int_equal(isms_fair_set(m, ISMS_FAIR_SLEF, &d), ISMS_ERANGE);
    d = constant(-1);
    assert_int_equal(isms_fair_set(m, ISMS_FAIR_LM, &d), ISMS_ERANGE);
    assert_error(ISMS_ERANGE, "lm (Loss magnitude) cannot be negative, but the Constant's "
                              "value -1 is below 0");
    d = pert(-5, 0, 5, 4, ISMS_PERT_CLASSIC);
    assert_int_equal(isms_fair_set(m, ISMS_FAIR_PL, &d), ISMS_ERANGE);
    d = normal(-1, 3);
    assert_int_equal(isms_fair_set(m, ISMS_FAIR_TEF, &d), ISMS_ERANGE);
    assert_error(ISMS_ERANGE, "the Normal's mean -1 is below 0");
    d = normal(1.2, 0.1);
    assert_int_equal(isms_fair_set(m, ISMS_FAIR_TCAP, &d), ISMS_ERANGE);
    isms_dist bad = { .kind = ISMS_DIST_PERT, .low = 0, .mode = 5, .high = 1, .gamma = 4 };
    assert_int_equal(isms_fair_set(m, ISMS_FAIR_PL, &bad), ISMS_ERANGE);
    assert_error(ISMS_ERANGE, "model Ransomware: pl (Primary loss): PERT: mode 5 is outside");
    assert_int_equal(isms_fair_set(m, (isms_fair_node)12, &d), ISMS_EINVAL);
    assert_int_equal(isms_fair_set(NULL, ISMS_FAIR_LM, &d), ISMS_EINVAL);
    assert_int_equal(isms_fair_get(&d, m, ISMS_FAIR_VULN), ISMS_OK);
    assert_int_equal(d.kind, ISMS_DIST_CONSTANT);
    assert_double_equal(d.value, 0.3, 0);
    for (int n = 0; n < ISMS_FAIR_NODE_COUNT; n++)
        if (n != ISMS_FAIR_VULN)
            assert_int_equal(isms_fair_get(&d, m, (isms_fair_node)n), ISMS_ENOTFOUND);
    /* Allowed: a normal whose draws are clipped, a lognormal or Poisson where unbounded. */
    set(m, ISMS_FAIR_POA, normal(0.9, 0.3));
    set(m, ISMS_FAIR_LM, lognormal(1e3, 1e5));
    set(m, ISMS_FAIR_TEF, poisson(4));
    set(m, ISMS_FAIR_RS, pert(0, 1, 1, 4, ISMS_PERT_CLASSIC));
    isms_fair_free(m);

    assert_int_equal(isms_fair_new(&m, ""), ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "a FAIR model needs a name");
    assert_int_equal(isms_fair_new(&m, "  "), ISMS_EINVAL);
    assert_int_equal(isms_fair_new(NULL, "x"), ISMS_EINVAL);
    assert_int_equal(isms_fair_new(&m, NULL), ISMS_EINVAL);
    assert_int_equal(isms_fair_set_events(NULL, true), ISMS_EINVAL);
    assert_false(isms_fair_events(NULL));
    assert_null(isms_fair_name(NULL));
    isms_fair_free(NULL);

    /* The simple model. */
    isms_dist f = poisson(2), g = lognormal(1e3, 1e5);
    assert_int_equal(isms_fair_new_simple(&m, "Phishing", &f, &g), ISMS_OK);
    assert_true(isms_fair_events(m));
    assert_int_equal(isms_fair_check(m), ISMS_OK);
    assert_int_equal(isms_fair_get(&d, m, ISMS_FAIR_LEF), ISMS_OK);
    assert_int_equal(d.kind, ISMS_DIST_POISSON);
    assert_int_equal(isms_fair_get(&d, m, ISMS_FAIR_LM), ISMS_OK);
    assert_int_equal(d.kind, ISMS_DIST_LOGNORMAL90);
    isms_fair_free(m);
    isms_fair *keep = (isms_fair *)(uintptr_t)0x1;
    g = constant(-5);
    assert_int_equal(isms_fair_new_simple(&keep, "Phishing", &f, &g), ISMS_ERANGE);
    assert_ptr_equal(keep, (isms_fair *)(uintptr_t)0x1);
    assert_int_equal(isms_fair_new_simple(&keep, "Phishing", &f, NULL), ISMS_EINVAL);
    assert_int_equal(isms_fair_new_simple(&keep, "", &f, &f), ISMS_EINVAL);
}

/* A model with the given nodes, each a valid constant. */
static isms_fair *with_nodes(const char *name, const isms_fair_node *nodes, size_t n)
{
    isms_fair *m = model(name);
    for (size_t i = 0; i < n; i++)
        set(m, nodes[i], constant(0.5));
    return m;
}

static void test_fair_check(void **state)
{
    (void)state;
    static const struct {
        isms_fair_node nodes[8];
        size_t n;
        const char *error; /* NULL: passes */
    } cases[] = {
        { { ISMS_FAIR_LEF, ISMS_FAIR_LM }, 2, NULL },
        { { ISMS_FAIR_TEF, ISMS_FAIR_VULN, ISMS_FAIR_PL }, 3, NULL },
        { { ISMS_FAIR_CF, ISMS_FAIR_POA, ISMS_FAIR_TCAP, ISMS_FAIR_RS, ISMS_FAIR_PL,
            ISMS_FAIR_SLEF, ISMS_FAIR_SLEM },
          7, NULL },
        { { ISMS_FAIR_LEF, ISMS_FAIR_PL, ISMS_FAIR_SL }, 3, NULL },
        { { ISMS_FAIR_LEF }, 1,
          "model Ransomware: loss magnitude needs lm, or pl (and optionally slef with slem" },
        { { ISMS_FAIR_LM }, 1,
          "model Ransomware: loss event frequency needs lef, or tef (or cf with poa) together "
          "with vuln (or tcap with rs)" },
        { { ISMS_FAIR_LEF, ISMS_FAIR_TEF, ISMS_FAIR_VULN, ISMS_FAIR_RS, ISMS_FAIR_LM }, 5,
          "lef is given, so tef, vuln and rs would not be used: give lef or its parts, not "
          "both" },
        { { ISMS_FAIR_TEF, ISMS_FAIR_CF, ISMS_FAIR_VULN, ISMS_FAIR_LM }, 4,
          "tef is given, so cf would not be used: give tef or cf with poa, not both" },
        { { ISMS_FAIR_CF, ISMS_FAIR_VULN, ISMS_FAIR_LM }, 3, "cf needs poa" },
        { { ISMS_FAIR_POA, ISMS_FAIR_VULN, ISMS_FAIR_LM }, 3, "poa needs cf" },
        { { ISMS_FAIR_VULN, ISMS_FAIR_LM }, 2, "loss event frequency needs tef (or cf with poa)" },
        { { ISMS_FAIR_TEF, ISMS_FAIR_LM }, 2, "loss event frequency needs vuln (or tcap with rs)" },
        { { ISMS_FAIR_TEF, ISMS_FAIR_TCAP, ISMS_FAIR_LM }, 3, "tcap needs rs" },
        { { ISMS_FAIR_TEF, ISMS_FAIR_RS, ISMS_FAIR_LM }, 3, "rs needs tcap" },
        { { ISMS_FAIR_TEF, ISMS_FAIR_VULN, ISMS_FAIR_TCAP, ISMS_FAIR_RS, ISMS_FAIR_LM }, 5,
          "vuln is given, so tcap and rs would not be used: give vuln or tcap with rs" },
        { { ISMS_FAIR_LEF, ISMS_FAIR_LM, ISMS_FAIR_PL }, 3,
          "lm is given, so pl would not be used: give lm or its parts, not both" },
        { { ISMS_FAIR_LEF, ISMS_FAIR_SL }, 2, "loss magnitude needs lm, or pl" },
        { { ISMS_FAIR_LEF, ISMS_FAIR_PL, ISMS_FAIR_SL, ISMS_FAIR_SLEF }, 4,
          "sl is given, so slef would not be used: give sl or slef with slem, not both" },
        { { ISMS_FAIR_LEF, ISMS_FAIR_PL, ISMS_FAIR_SLEF }, 3, "slef needs slem" },
        { { ISMS_FAIR_LEF, ISMS_FAIR_PL, ISMS_FAIR_SLEM }, 3, "slem needs slef" },
        /* Two problems at once, both told. */
        { { ISMS_FAIR_CF, ISMS_FAIR_SLEM }, 2,
          "model Ransomware: cf needs poa (contact frequency × probability of action = threat "
          "event frequency); loss event frequency needs vuln (or tcap with rs) to go with the "
          "threat event frequency, or lef instead of both; loss magnitude needs lm, or pl (and "
          "optionally slef with slem, or sl); slem needs slef" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        isms_fair *m = with_nodes("Ransomware", cases[i].nodes, cases[i].n);
        int rc = isms_fair_check(m);
        if (!cases[i].error) {
            if (rc != ISMS_OK)
                fail_msg("case %zu: %s", i, isms_error_last()->message);
        } else {
            assert_int_equal(rc, ISMS_EINVAL);
            if (!strstr(isms_error_last()->message, cases[i].error))
                fail_msg("case %zu: \"%s\" lacks \"%s\"", i, isms_error_last()->message,
                         cases[i].error);
            /* isms_simulate() checks too. */
            const isms_fair *one[] = { m };
            isms_simulation *sim = NULL;
            assert_int_equal(isms_simulate(&sim, one, 1, NULL), ISMS_EINVAL);
            assert_null(sim);
            assert_error(ISMS_EINVAL, cases[i].error);
        }
        isms_fair_free(m);
    }
    assert_int_equal(isms_fair_check(NULL), ISMS_EINVAL);

    /* Counting events is refused when a year would expect more than 1e6 of them. */
    isms_fair *m = model("Scan");
    set(m, ISMS_FAIR_CF, constant(1e8));
    set(m, ISMS_FAIR_POA, constant(0.1));
    set(m, ISMS_FAIR_TCAP, constant(0.9));
    set(m, ISMS_FAIR_RS, constant(0.1));
    set(m, ISMS_FAIR_LM, constant(1));
    assert_int_equal(isms_fair_check(m), ISMS_OK); /* as a rate: fine */
    assert_int_equal(isms_fair_set_events(m, true), ISMS_OK);
    assert_int_equal(isms_fair_check(m), ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "model Scan: counting events, each with its own loss magnitude, "
                              "would draw about 1e+07 events a year, more than 1e+06");
    set(m, ISMS_FAIR_CF, constant(1e7)); /* 1e6 expected: the limit */
    assert_int_equal(isms_fair_check(m), ISMS_OK);
    isms_fair_free(m);
}

/* ---- simulation: arithmetic of the tree --------------------------------------------------- */

static void test_simulate_constants(void **state)
{
    (void)state;
    /* lef 2 × lm 1000: every year loses 2000. */
    isms_fair *a = model("A");
    set(a, ISMS_FAIR_LEF, constant(2));
    set(a, ISMS_FAIR_LM, constant(1000));
    /* cf 20 × poa 0.5 = tef 10; × vuln 0.3 = lef 3; pl 100 + slef 0.5 × slem 40 = lm 120;
     * 3 × 120 = 360. */
    isms_fair *b = model("B");
    set(b, ISMS_FAIR_CF, constant(20));
    set(b, ISMS_FAIR_POA, constant(0.5));
    set(b, ISMS_FAIR_VULN, constant(0.3));
    set(b, ISMS_FAIR_PL, constant(100));
    set(b, ISMS_FAIR_SLEF, constant(0.5));
    set(b, ISMS_FAIR_SLEM, constant(40));
    /* tef 4 and tcap 0.6 > rs 0.5 in every year: vulnerability 1; pl 10 + sl 5. */
    isms_fair *c = model("C");
    set(c, ISMS_FAIR_TEF, constant(4));
    set(c, ISMS_FAIR_TCAP, constant(0.6));
    set(c, ISMS_FAIR_RS, constant(0.5));
    set(c, ISMS_FAIR_PL, constant(10));
    set(c, ISMS_FAIR_SL, constant(5));
    /* tcap 0.5 is not above rs 0.5: vulnerability 0, no loss. */
    isms_fair *d = model("D");
    set(d, ISMS_FAIR_TEF, constant(4));
    set(d, ISMS_FAIR_TCAP, constant(0.5));
    set(d, ISMS_FAIR_RS, constant(0.5));
    set(d, ISMS_FAIR_LM, constant(10));
    const isms_fair *models[] = { a, b, c, d };
    isms_simulation *sim = simulate(models, 4, 5000, 1, 2, true);
    isms_fair_free(a); /* the results keep their own names */
    assert_int_equal(isms_simulation_count(sim), 4);
    assert_int_equal(isms_simulation_iterations(sim), 5000);
    assert_true(isms_simulation_has_samples(sim));
    assert_string_equal(isms_simulation_name(sim, 0), "A");
    assert_string_equal(isms_simulation_name(sim, 3), "D");
    assert_string_equal(isms_simulation_name(sim, ISMS_PORTFOLIO), "portfolio");
    assert_null(isms_simulation_name(sim, 4));
    static const double expected[] = { 2000, 360, 60, 0, 2420 };
    for (size_t k = 0; k < 5; k++) {
        size_t index = k == 4 ? ISMS_PORTFOLIO : k;
        isms_sim_stats s = stats(sim, index);
        assert_int_equal(s.iterations, 5000);
        assert_double_equal(s.mean, expected[k], 1e-9 * expected[k]);
        assert_double_equal(s.ale, s.mean, 0);
        assert_double_equal(s.sd, 0, 1e-9 * expected[k]);
        assert_double_equal(s.min, expected[k], 1e-9 * expected[k]);
        assert_double_equal(s.max, expected[k], 1e-9 * expected[k]);
        const double *x = samples(sim, index);
        for (size_t i = 0; i < 5000; i++)
            assert_double_equal(x[i], expected[k], 1e-9 * expected[k]);
        /* The tail measures of a constant are the constant. */
        double v;
        assert_int_equal(isms_simulation_percentile(&v, sim, index, 37), ISMS_OK);
        assert_double_equal(v, expected[k], 1e-9 * expected[k]);
        static const double levels[] = { 0.95, 0.99, 0.999 };
        for (size_t l = 0; l < 3; l++) {
            assert_int_equal(isms_simulation_var(&v, sim, index, levels[l]), ISMS_OK);
            assert_double_equal(v, expected[k], 1e-9 * expected[k]);
            assert_int_equal(isms_simulation_expected_shortfall(&v, sim, index, levels[l]),
                             ISMS_OK);
            assert_double_equal(v, expected[k], 1e-9 * expected[k]);
        }
    }
    /* The curve of a constant 2000 is a step: every year loses more than 0, 500, 1000,
     * 1500, and none more than 2000. */
    isms_lec_point pts[5];
    assert_int_equal(isms_simulation_lec(pts, 5, sim, 0), ISMS_OK);
    for (size_t k = 0; k < 5; k++) {
        assert_double_equal(pts[k].loss, 500.0 * (double)k, 1e-9);
        assert_double_equal(pts[k].exceedance, k < 4 ? 1 : 0, 0);
    }
    /* Nothing lost: every point at 0, none exceeded. */
    assert_int_equal(isms_simulation_lec(pts, 3, sim, 3), ISMS_OK);
    for (size_t k = 0; k < 3; k++) {
        assert_double_equal(pts[k].loss, 0, 0);
        assert_double_equal(pts[k].exceedance, 0, 0);
    }
    isms_simulation_free(sim);
    isms_fair_free(b);
    isms_fair_free(c);
    isms_fair_free(d);
}

/* The portfolio's year is the sum of the models' years, in model order. */
static void test_portfolio_sums(void **state)
{
    (void)state;
    isms_fair *m[3];
    m[0] = model("a");
    set(m[0], ISMS_FAIR_LEF, pert(0.1, 1, 4, 4, ISMS_PERT_CLASSIC));
    set(m[0], ISMS_FAIR_LM, lognormal(1e3, 1e5));
    m[1] = model("b");
    set(m[1], ISMS_FAIR_TEF, uniform(1, 10));
    set(m[1], ISMS_FAIR_VULN, normal(0.4, 0.3));
    set(m[1], ISMS_FAIR_PL, pert(100, 500, 4000, 4, ISMS_PERT_MOMENTS));
    isms_dist f = poisson(1.5), g = lognormal(10, 1000);
    assert_int_equal(isms_fair_new_simple(&m[2], "c", &f, &g), ISMS_OK);
    const isms_fair *const *models = (const isms_fair *const *)m;
    isms_simulation *sim = simulate(models, 3, 10000, 5, 2, true);
    const double *x0 = samples(sim, 0), *x1 = samples(sim, 1), *x2 = samples(sim, 2);
    const double *p = samples(sim, ISMS_PORTFOLIO);
    for (size_t i = 0; i < 10000; i++)
        assert_true(p[i] == (x0[i] + x1[i]) + x2[i]);
    /* The portfolio's mean is the sum of the means. */
    isms_sim_stats s0 = stats(sim, 0), s1 = stats(sim, 1), s2 = stats(sim, 2);
    isms_sim_stats sp = stats(sim, ISMS_PORTFOLIO);
    assert_double_equal(sp.mean, s0.mean + s1.mean + s2.mean, 1e-9 * sp.mean);
    assert_true(sp.max <= s0.max + s1.max + s2.max);
    /* Clipping keeps the normal vulnerability in 0–1: no negative loss. */
    assert_true(s1.min >= 0);

    /* A model's results do not depend on the models after it. */
    isms_simulation *one = simulate(models, 1, 10000, 5, 1, true);
    assert_memory_equal(samples(one, 0), x0, 10000 * sizeof *x0);
    /* One model is its own portfolio. */
    assert_ptr_equal(samples(one, ISMS_PORTFOLIO), samples(one, 0));
    isms_sim_stats o0 = stats(one, 0), op = stats(one, ISMS_PORTFOLIO);
    assert_memory_equal(&o0, &op, sizeof o0);
    isms_simulation_free(one);
    isms_simulation_free(sim);
    for (int i = 0; i < 3; i++)
        isms_fair_free(m[i]);
}

/* ---- simulation: statistics --------------------------------------------------------------- */

static void test_simulate_statistics(void **state)
{
    (void)state;
    const size_t N = 400000;
    /* Annual loss = lef × lm with independent draws: mean E[lef]·E[lm]. */
    isms_dist lef = pert(0.5, 2, 8, 4, ISMS_PERT_CLASSIC), lm = lognormal(1, 10);
    isms_fair *rate = model("rate");
    set(rate, ISMS_FAIR_LEF, lef);
    set(rate, ISMS_FAIR_LM, lm);
    /* The lognormal (1, 10) alone: mean 4.040012826945726. */
    isms_fair *ln = model("lognormal");
    set(ln, ISMS_FAIR_LEF, constant(1));
    set(ln, ISMS_FAIR_LM, lm);
    /* Counting events: Poisson(3) events of 10 each: mean 30, variance 3 × 100. */
    isms_dist f = poisson(3), g = constant(10);
    isms_fair *count = NULL;
    assert_int_equal(isms_fair_new_simple(&count, "count", &f, &g), ISMS_OK);
    /* An uncertain rate, uniform(1, 3), drawn then counted: mean 2, variance
     * E[λ] + Var[λ] = 2 + 4/12. */
    isms_fair *mixed = model("mixed");
    set(mixed, ISMS_FAIR_LEF, uniform(1, 3));
    set(mixed, ISMS_FAIR_LM, constant(1));
    assert_int_equal(isms_fair_set_events(mixed, true), ISMS_OK);
    /* The same as a rate: mean 2, variance Var[λ] = 4/12. */
    isms_fair *asrate = model("as rate");
    set(asrate, ISMS_FAIR_LEF, uniform(1, 3));
    set(asrate, ISMS_FAIR_LM, constant(1));
    /* Vulnerability from tcap uniform(0, 1) against rs 0.25: share 0.75 (binomial). */
    isms_fair *share = model("share");
    set(share, ISMS_FAIR_TEF, constant(1));
    set(share, ISMS_FAIR_TCAP, uniform(0, 1));
    set(share, ISMS_FAIR_RS, constant(0.25));
    set(share, ISMS_FAIR_LM, constant(1));
    /* ... and PERT against PERT, both Beta(3, 3) on [0, 1]: share 1/2. */
    isms_fair *share2 = model("share2");
    set(share2, ISMS_FAIR_TEF, constant(1));
    set(share2, ISMS_FAIR_TCAP, pert(0, 0.5, 1, 4, ISMS_PERT_CLASSIC));
    set(share2, ISMS_FAIR_RS, pert(0, 0.5, 1, 4, ISMS_PERT_CLASSIC));
    set(share2, ISMS_FAIR_LM, constant(1));

    const isms_fair *models[] = { rate, ln, count, mixed, asrate, share, share2 };
    isms_simulation *sim = simulate(models, 7, N, 99, 0, false);
    assert_false(isms_simulation_has_samples(sim));
    double rn = sqrt((double)N);

    isms_sim_stats s = stats(sim, 0);
    assert_within_se(s.mean, dist_mean(&lef) * dist_mean(&lm), s.sd / rn);
    double el2 = dist_sd(&lef) * dist_sd(&lef) + dist_mean(&lef) * dist_mean(&lef);
    double em2 = dist_sd(&lm) * dist_sd(&lm) + dist_mean(&lm) * dist_mean(&lm);
    double var = el2 * em2 - pow(dist_mean(&lef) * dist_mean(&lm), 2);
    assert_double_equal(s.sd / sqrt(var), 1, 0.05); /* heavy tail: a loose check */
    assert_true(s.min > 0);

    s = stats(sim, 1);
    assert_within_se(s.mean, 4.040012826945726, dist_sd(&lm) / rn);

    s = stats(sim, 2);
    assert_within_se(s.mean, 30, sqrt(300.0) / rn);
    assert_within_se(s.sd * s.sd, 300, 300 * sqrt(2.5 / (double)N) * 2);
    assert_double_equal(s.min, 0, 0);

    s = stats(sim, 3);
    double v3 = 2 + 4.0 / 12;
    assert_within_se(s.mean, 2, sqrt(v3) / rn);
    assert_within_se(s.sd * s.sd, v3, v3 * sqrt(3.0 / (double)N) * 2);
    s = stats(sim, 4);
    assert_within_se(s.mean, 2, sqrt(4.0 / 12) / rn);
    assert_within_se(s.sd, sqrt(4.0 / 12), sqrt(4.0 / 12) / rn);
    assert_true(s.min >= 1 && s.max < 3);

    s = stats(sim, 5);
    assert_within_se(s.mean, 0.75, sqrt(0.75 * 0.25 / (double)N));
    assert_double_equal(s.sd, 0, 1e-12); /* one share for every year */
    s = stats(sim, 6);
    assert_within_se(s.mean, 0.5, sqrt(0.25 / (double)N));

    double v;
    assert_int_equal(isms_simulation_percentile(&v, sim, 0, 50), ISMS_EUNSUPPORTED);
    assert_error(ISMS_EUNSUPPORTED, "the simulation kept no samples");
    const double *x;
    size_t n;
    assert_int_equal(isms_simulation_samples(&x, &n, sim, 0), ISMS_EUNSUPPORTED);
    isms_lec_point pts[2];
    assert_int_equal(isms_simulation_lec(pts, 2, sim, 0), ISMS_EUNSUPPORTED);
    isms_simulation_free(sim);
    for (size_t i = 0; i < sizeof models / sizeof *models; i++)
        isms_fair_free((isms_fair *)models[i]);
}

/* ---- simulation: determinism -------------------------------------------------------------- */

static void check_threads(const isms_fair *const *models, size_t N);

static void test_thread_invariance(void **state)
{
    (void)state;
    isms_fair *m[4];
    m[0] = model("full tree");
    set(m[0], ISMS_FAIR_CF, pert(1, 5, 20, 4, ISMS_PERT_CLASSIC));
    set(m[0], ISMS_FAIR_POA, uniform(0.1, 0.9));
    set(m[0], ISMS_FAIR_TCAP, pert(0.3, 0.6, 0.9, 4, ISMS_PERT_CLASSIC));
    set(m[0], ISMS_FAIR_RS, normal(0.5, 0.2));
    set(m[0], ISMS_FAIR_PL, pert(1e3, 1e4, 1e6, 4, ISMS_PERT_MOMENTS));
    set(m[0], ISMS_FAIR_SLEF, pert(0, 0.2, 0.5, 4, ISMS_PERT_CLASSIC));
    set(m[0], ISMS_FAIR_SLEM, lognormal(1e3, 1e5));
    m[1] = model("events");
    set(m[1], ISMS_FAIR_LEF, pert(0.5, 2, 30, 4, ISMS_PERT_CLASSIC));
    set(m[1], ISMS_FAIR_LM, lognormal(10, 1000));
    assert_int_equal(isms_fair_set_events(m[1], true), ISMS_OK);
    isms_dist f = poisson(12), g = pert(1, 2, 3, 400, ISMS_PERT_CLASSIC);
    assert_int_equal(isms_fair_new_simple(&m[2], "many events", &f, &g), ISMS_OK);
    m[3] = model("tef vuln");
    set(m[3], ISMS_FAIR_TEF, poisson(3));
    set(m[3], ISMS_FAIR_VULN, pert(0, 0.3, 1, 4, ISMS_PERT_CLASSIC));
    set(m[3], ISMS_FAIR_LM, uniform(0, 100));
    const isms_fair *const *models = (const isms_fair *const *)m;
    /* A few chunks, each thread one; then enough for blocks of several chunks (how many
     * depends on the threads). Under valgrind 25 chunks instead of 41: still blocks of three
     * chunks for 2 threads and of two for 3, and a short last block and chunk. */
    const size_t sizes[] = { 3 * 4096 + 123, (under_valgrind() ? 24 : 40) * 4096 + 7 };
    for (size_t z = 0; z < 2; z++)
        check_threads(models, sizes[z]);
    for (int i = 0; i < 4; i++)
        isms_fair_free(m[i]);
}

static void check_threads(const isms_fair *const *models, size_t N)
{
    isms_simulation *base = simulate(models, 4, N, 42, 1, true);
    static const unsigned threads[] = { 2, 3, 8, 0 };
    for (size_t t = 0; t < sizeof threads / sizeof *threads; t++) {
        isms_simulation *sim = simulate(models, 4, N, 42, threads[t], true);
        for (size_t k = 0; k <= 4; k++) {
            size_t index = k == 4 ? ISMS_PORTFOLIO : k;
            isms_sim_stats a = stats(base, index), b = stats(sim, index);
            assert_memory_equal(&a, &b, sizeof a);
            assert_memory_equal(samples(base, index), samples(sim, index), N * sizeof(double));
        }
        isms_simulation_free(sim);
        /* Without samples the moments are the same. */
        sim = simulate(models, 4, N, 42, threads[t], false);
        for (size_t k = 0; k <= 4; k++) {
            size_t index = k == 4 ? ISMS_PORTFOLIO : k;
            isms_sim_stats a = stats(base, index), b = stats(sim, index);
            assert_memory_equal(&a, &b, sizeof a);
        }
        isms_simulation_free(sim);
    }
    /* Another seed, other results. */
    isms_simulation *other = simulate(models, 4, N, 43, 2, true);
    assert_true(stats(other, 0).mean != stats(base, 0).mean);
    isms_simulation_free(other);
    isms_simulation_free(base);
}

/* ---- tail measures on hand-computed samples ------------------------------------------------ */

static isms_simulation *from_samples(const double *x, size_t n)
{
    isms_simulation *sim = NULL;
    assert_int_equal(isms__simulation_from_samples(&sim, "hand", x, n), ISMS_OK);
    return sim;
}

static double pct(const isms_simulation *sim, double p)
{
    double v = NAN;
    assert_int_equal(isms_simulation_percentile(&v, sim, 0, p), ISMS_OK);
    return v;
}

static double var_at(const isms_simulation *sim, double level)
{
    double v = NAN;
    assert_int_equal(isms_simulation_var(&v, sim, 0, level), ISMS_OK);
    return v;
}

static double es_at(const isms_simulation *sim, double level)
{
    double v = NAN;
    assert_int_equal(isms_simulation_expected_shortfall(&v, sim, 0, level), ISMS_OK);
    return v;
}

static void test_tail_measures(void **state)
{
    (void)state;
    /* 1, 2, …, 100 in a scrambled order (37 is prime to 100). */
    double x[100];
    for (int i = 0; i < 100; i++)
        x[i] = (double)((i * 37) % 100 + 1);
    isms_simulation *sim = from_samples(x, 100);
    isms_sim_stats s = stats(sim, 0);
    assert_double_equal(s.mean, 50.5, 1e-12);
    assert_double_equal(s.sd, sqrt(100.0 * 101 / 12), 1e-12); /* n(n+1)/12 with n − 1 */
    assert_double_equal(s.min, 1, 0);
    assert_double_equal(s.max, 100, 0);
    /* Percentiles: h = 99 p/100, linear between neighbours. */
    assert_double_equal(pct(sim, 0), 1, 0);
    assert_double_equal(pct(sim, 100), 100, 0);
    assert_double_equal(pct(sim, 50), 50.5, 1e-12);
    assert_double_equal(pct(sim, 25), 25.75, 1e-12);
    assert_double_equal(pct(sim, 90), 90.1, 1e-12);
    /* VaR 95 % = percentile 95: h = 94.05 → 95.05; 99 % → 99.01; 99.9 % → 99.901. */
    assert_double_equal(var_at(sim, 0.95), 95.05, 1e-12);
    assert_double_equal(var_at(sim, 0.99), 99.01, 1e-12);
    assert_double_equal(var_at(sim, 0.999), 99.901, 1e-12);
    /* ES 95 %: the worst 5 years, (96 + 97 + 98 + 99 + 100)/5 = 98; 99 %: the worst one, 100;
     * 95.5 %: 4.5 years, (100 + 99 + 98 + 97 + 0.5 × 96)/4.5; 99.9 %: a tenth of a year, 100. */
    assert_double_equal(es_at(sim, 0.95), 98, 1e-12);
    assert_double_equal(es_at(sim, 0.99), 100, 1e-12);
    assert_double_equal(es_at(sim, 0.955), (394 + 48) / 4.5, 1e-12);
    assert_double_equal(es_at(sim, 0.999), 100, 1e-12);
    /* 50 %: the mean of 51–100 = 75.5. */
    assert_double_equal(es_at(sim, 0.5), 75.5, 1e-12);
    assert_true(es_at(sim, 0.9) >= var_at(sim, 0.9));
    /* The curve: losses 0, 25, 50, 75, 100 exceeded in 100 %, 75 %, 50 %, 25 %, 0 %. */
    isms_lec_point pts[5];
    assert_int_equal(isms_simulation_lec(pts, 5, sim, 0), ISMS_OK);
    for (int k = 0; k < 5; k++) {
        assert_double_equal(pts[k].loss, 25.0 * k, 1e-12);
        assert_double_equal(pts[k].exceedance, 1 - 0.25 * k, 1e-12);
    }
    /* The portfolio of one model is the model. */
    double v;
    assert_int_equal(isms_simulation_percentile(&v, sim, ISMS_PORTFOLIO, 50), ISMS_OK);
    assert_double_equal(v, 50.5, 1e-12);

    /* Errors. */
    assert_int_equal(isms_simulation_percentile(&v, sim, 0, 101), ISMS_ERANGE);
    assert_error(ISMS_ERANGE, "percentile 101 is outside 0–100");
    assert_int_equal(isms_simulation_percentile(&v, sim, 0, NAN), ISMS_ERANGE);
    assert_int_equal(isms_simulation_var(&v, sim, 0, 99), ISMS_ERANGE);
    assert_error(ISMS_ERANGE, "value at risk level 99 is outside 0–1 (both excluded): give the "
                              "confidence as a fraction, 0.99 for 99 %");
    assert_int_equal(isms_simulation_var(&v, sim, 0, 1), ISMS_ERANGE);
    assert_int_equal(isms_simulation_expected_shortfall(&v, sim, 0, 0), ISMS_ERANGE);
    assert_error(ISMS_ERANGE, "expected shortfall level 0 is outside 0–1");
    assert_int_equal(isms_simulation_lec(pts, 1, sim, 0), ISMS_ERANGE);
    assert_error(ISMS_ERANGE, "at least 2 points");
    assert_int_equal(isms_simulation_percentile(&v, sim, 1, 50), ISMS_ERANGE);
    assert_error(ISMS_ERANGE, "the simulation has 1 model (indices 0–0): index 1 is out of range");
    isms_sim_stats st;
    assert_int_equal(isms_simulation_stats(&st, sim, 2), ISMS_ERANGE);
    assert_int_equal(isms_simulation_stats(NULL, sim, 0), ISMS_EINVAL);
    assert_int_equal(isms_simulation_percentile(NULL, sim, 0, 5), ISMS_EINVAL);
    assert_int_equal(isms_simulation_var(&v, NULL, 0, 0.5), ISMS_EINVAL);
    assert_int_equal(isms_simulation_expected_shortfall(NULL, sim, 0, 0.5), ISMS_EINVAL);
    assert_int_equal(isms_simulation_lec(NULL, 2, sim, 0), ISMS_EINVAL);
    const double *p;
    size_t n;
    assert_int_equal(isms_simulation_samples(&p, &n, sim, 5), ISMS_ERANGE);
    assert_int_equal(isms_simulation_samples(&p, NULL, sim, 0), ISMS_EINVAL);
    isms_simulation_free(sim);

    /* One sample; negative values and ties sort right. */
    double one = 7;
    sim = from_samples(&one, 1);
    assert_double_equal(pct(sim, 50), 7, 0);
    assert_double_equal(es_at(sim, 0.99), 7, 0);
    assert_double_equal(stats(sim, 0).sd, 0, 0);
    isms_simulation_free(sim);
    double mixed[] = { 3, -2, 0, -0.5, 3, 1e300, -1e-300, 0, -HUGE_VAL };
    sim = from_samples(mixed, 9);
    static const double sorted[] = { -HUGE_VAL, -2, -0.5, -1e-300, 0, 0, 3, 3, 1e300 };
    for (int i = 0; i < 9; i++) /* h = 8 × 12.5 i / 100 = i exactly */
        assert_true(pct(sim, 12.5 * i) == sorted[i]);
    isms_simulation_free(sim);
    sim = from_samples(mixed, 8);
    assert_int_equal(isms_simulation_lec(pts, 2, sim, 0), ISMS_OK);
    assert_double_equal(pts[0].loss, -2, 0); /* from the smallest when it is negative */
    assert_double_equal(pts[0].exceedance, 7.0 / 8, 0);
    isms_simulation_free(sim);

    /* Many samples: the radix sort against qsort. */
    const size_t big = 100003;
    double *y = malloc(big * sizeof *y);
    assert_non_null(y);
    uint64_t r = 88172645463325252u;
    for (size_t i = 0; i < big; i++) {
        r ^= r << 13;
        r ^= r >> 7;
        r ^= r << 17;
        y[i] = (double)(int64_t)(r >> 20) * 1e-3 - 4e12;
    }
    sim = from_samples(y, big);
    qsort(y, big, sizeof *y, cmp_double);
    for (size_t i = 0; i < big; i += 997)
        assert_double_equal(pct(sim, 100.0 * (double)i / (double)(big - 1)), y[i],
                            1e-6 * fabs(y[i]));
    assert_double_equal(pct(sim, 0), y[0], 0);
    assert_double_equal(pct(sim, 100), y[big - 1], 0);
    free(y);
    isms_simulation_free(sim);
}

/* ---- simulation: arguments and defaults --------------------------------------------------- */

static void test_simulate_arguments(void **state)
{
    (void)state;
    isms_fair *m = model("X");
    set(m, ISMS_FAIR_LEF, constant(1));
    set(m, ISMS_FAIR_LM, uniform(0, 10));
    const isms_fair *models[] = { m };
    isms_simulation *sim = NULL;
    assert_int_equal(isms_simulate(&sim, models, 1, NULL), ISMS_OK); /* the defaults */
    assert_int_equal(isms_simulation_iterations(sim), ISMS_SIM_DEFAULT_ITERATIONS);
    assert_true(isms_simulation_has_samples(sim));
    isms_sim_stats s = stats(sim, 0);
    assert_within_se(s.mean, 5, 10 / sqrt(12.0) / 100);
    assert_true(s.min >= 0 && s.max < 10);
    isms_simulation_free(sim);

    isms_sim_options o;
    isms_sim_options_init(&o);
    assert_int_equal(o.iterations, 10000);
    assert_int_equal(o.seed, 0);
    assert_int_equal(o.threads, 0);
    assert_true(o.keep_samples);
    isms_sim_options_init(NULL);
    sim = NULL;
    o.iterations = 0;
    assert_int_equal(isms_simulate(&sim, models, 1, &o), ISMS_ERANGE);
    assert_error(ISMS_ERANGE, "iterations 0 is outside 1–");
    o.iterations = ISMS_SIM_MAX_ITERATIONS + 1;
    assert_int_equal(isms_simulate(&sim, models, 1, &o), ISMS_ERANGE);
    o.iterations = 1; /* one year */
    o.threads = 1000; /* more than the chunks: fine */
    assert_int_equal(isms_simulate(&sim, models, 1, &o), ISMS_OK);
    assert_double_equal(stats(sim, 0).sd, 0, 0);
    isms_simulation_free(sim);
    sim = NULL;
    assert_int_equal(isms_simulate(&sim, models, 0, NULL), ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "no models");
    const isms_fair *none[] = { m, NULL };
    assert_int_equal(isms_simulate(&sim, none, 2, NULL), ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "model 1 is NULL");
    assert_int_equal(isms_simulate(NULL, models, 1, NULL), ISMS_EINVAL);
    assert_int_equal(isms_simulate(&sim, NULL, 1, NULL), ISMS_EINVAL);
    assert_null(sim);
    isms_simulation_free(NULL);
    assert_int_equal(isms_simulation_count(NULL), 0);
    assert_int_equal(isms_simulation_iterations(NULL), 0);
    assert_false(isms_simulation_has_samples(NULL));
    assert_null(isms_simulation_name(NULL, 0));
    isms_fair_free(m);
}

/* ---- allocation failure ------------------------------------------------------------------- */

static void test_alloc_failure(void **state)
{
    (void)state;
    isms_fair *m = NULL;
    SWEEP(isms_fair_new(&m, "Ransomware"), assert_null(m));
    isms_fair_free(m);
    m = NULL;
    isms_dist f = pert(1, 2, 3, 4, ISMS_PERT_CLASSIC), g = lognormal(10, 100);
    SWEEP(isms_fair_new_simple(&m, "Phishing", &f, &g), assert_null(m));
    isms_fair_free(m);

    double x[64];
    memset(x, 0, sizeof x);
    SWEEP(isms_dist_sample(x, 64, &f, 3), assert_double_equal(x[0], 0, 0));
    assert_true(x[0] >= 1 && x[0] <= 3);

    isms_fair *a = model("a"), *b = model("b"), *c = NULL;
    set(a, ISMS_FAIR_TEF, pert(1, 2, 9, 4, ISMS_PERT_CLASSIC));
    set(a, ISMS_FAIR_TCAP, pert(0, 0.5, 1, 4, ISMS_PERT_CLASSIC));
    set(a, ISMS_FAIR_RS, uniform(0, 1));
    set(a, ISMS_FAIR_PL, pert(10, 20, 90, 4, ISMS_PERT_CLASSIC));
    set(a, ISMS_FAIR_SLEF, pert(0, 0.1, 0.2, 4, ISMS_PERT_CLASSIC));
    set(a, ISMS_FAIR_SLEM, lognormal(10, 100));
    set(b, ISMS_FAIR_LEF, poisson(2));
    set(b, ISMS_FAIR_LM, pert(10, 20, 90, 4, ISMS_PERT_MOMENTS));
    assert_int_equal(isms_fair_new_simple(&c, "c", &f, &g), ISMS_OK);
    const isms_fair *models[] = { a, b, c };
    isms_sim_options o;
    isms_sim_options_init(&o);
    o.iterations = 10000;
    o.threads = 2;
    o.seed = seed_base; /* as simulate() below */
    for (int keep = 0; keep < 2; keep++) {
        o.keep_samples = keep;
        for (size_t n = 1; n <= 3; n += 2) {
            isms_simulation *sim = NULL;
            SWEEP(isms_simulate(&sim, models, n, &o), assert_null(sim));
            assert_non_null(sim);
            /* The results equal those of a run without failures. */
            isms_simulation *ref = simulate(models, n, 10000, 0, 1, keep);
            isms_sim_stats s1 = stats(sim, ISMS_PORTFOLIO), s2 = stats(ref, ISMS_PORTFOLIO);
            assert_memory_equal(&s1, &s2, sizeof s1);
            isms_simulation_free(ref);
            if (keep) {
                double v = -1;
                SWEEP(isms_simulation_percentile(&v, sim, ISMS_PORTFOLIO, 50),
                      assert_double_equal(v, -1, 0));
                double v2 = -1;
                SWEEP(isms_simulation_expected_shortfall(&v2, sim, 0, 0.99), (void)0);
                assert_true(v2 >= v || n == 3);
                isms_lec_point pts[3] = { { -1, -1 }, { -1, -1 }, { -1, -1 } };
                SWEEP(isms_simulation_lec(pts, 3, sim, ISMS_PORTFOLIO),
                      assert_double_equal(pts[0].loss, -1, 0));
                assert_double_equal(pts[2].exceedance, 0, 0);
                double w = -1;
                SWEEP(isms_simulation_var(&w, sim, n - 1, 0.9), assert_double_equal(w, -1, 0));
            }
            isms_simulation_free(sim);
        }
    }
    isms_simulation *sim = NULL;
    SWEEP(isms__simulation_from_samples(&sim, "hand", x, 64), assert_null(sim));
    double hi = x[0];
    for (int i = 1; i < 64; i++)
        hi = fmax(hi, x[i]);
    assert_double_equal(stats(sim, 0).max, hi, 0);
    isms_simulation_free(sim);
    isms_fair_free(a);
    isms_fair_free(b);
    isms_fair_free(c);
}

/* ---- numbers in messages, whatever the locale ---------------------------------------------- */

/* Errors write their numbers as "%g" does in the C locale. */
static void check_messages(void)
{
    isms_dist d;
    assert_int_equal(isms_dist_uniform(&d, 2.5, 1.5), ISMS_ERANGE);
    assert_error(ISMS_ERANGE, "uniform: low 2.5 must be below high 1.5");
    assert_int_equal(isms_dist_pert(&d, 1, 4.5, 3, 4, ISMS_PERT_CLASSIC), ISMS_ERANGE);
    assert_error(ISMS_ERANGE, "PERT: mode 4.5 is outside low 1 to high 3");
    assert_int_equal(isms_dist_pert(&d, 1, 2, 3, -0.125, ISMS_PERT_CLASSIC), ISMS_ERANGE);
    assert_error(ISMS_ERANGE, "PERT: gamma -0.125 must be");
    assert_int_equal(isms_dist_lognormal90(&d, -0.5, 2), ISMS_ERANGE);
    assert_error(ISMS_ERANGE, "lognormal: low -0.5 (the 5th percentile) must be above 0");
    assert_int_equal(isms_dist_poisson(&d, -0.25), ISMS_ERANGE);
    assert_error(ISMS_ERANGE, "Poisson: rate -0.25 must be");
    assert_int_equal(isms_dist_normal(&d, 1234567.5, INFINITY), ISMS_ERANGE);
    assert_error(ISMS_ERANGE, "normal: mean 1.23457e+06 and sd inf must be finite numbers");
    isms_fair *m = model("m");
    set(m, ISMS_FAIR_LEF, constant(1));
    set(m, ISMS_FAIR_LM, constant(2.5));
    const isms_fair *one[1] = { m };
    isms_simulation *sim = simulate(one, 1, 10, 1, 1, true);
    double v;
    assert_int_equal(isms_simulation_percentile(&v, sim, 0, 100.5), ISMS_ERANGE);
    assert_error(ISMS_ERANGE, "percentile 100.5 is outside 0–100");
    assert_int_equal(isms_simulation_var(&v, sim, 0, 1.5), ISMS_ERANGE);
    assert_error(ISMS_ERANGE, "value at risk level 1.5 is outside 0–1");
    isms_simulation_free(sim);
    /* A FAIR node's range, and the events a year when they are counted. */
    d = uniform(0.25, 1.5);
    assert_int_equal(isms_fair_set(m, ISMS_FAIR_VULN, &d), ISMS_ERANGE);
    assert_error(ISMS_ERANGE, "but the Uniform's high 1.5 is above 1");
    d = constant(-0.5);
    assert_int_equal(isms_fair_set(m, ISMS_FAIR_LM, &d), ISMS_ERANGE);
    assert_error(ISMS_ERANGE, "but the Constant's value -0.5 is below 0");
    isms_fair_free(m);
    m = model("Scan");
    set(m, ISMS_FAIR_CF, constant(1.5e8));
    set(m, ISMS_FAIR_POA, constant(0.1));
    set(m, ISMS_FAIR_TCAP, constant(0.9));
    set(m, ISMS_FAIR_RS, constant(0.1));
    set(m, ISMS_FAIR_LM, constant(1));
    assert_int_equal(isms_fair_set_events(m, true), ISMS_OK);
    assert_int_equal(isms_fair_check(m), ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "would draw about 1.5e+07 events a year, more than 1e+06");
    isms_fair_free(m);
}

static void test_messages(void **state)
{
    (void)state;
    check_messages();
}

/* A program may call setlocale(LC_ALL, "sv_SE.UTF-8"): the messages stay as they are. */
static void test_messages_decimal_comma_locale(void **state)
{
    (void)state;
    with_decimal_comma(check_messages);
}

int main(void)
{
    const char *seed = getenv("ISMS_TEST_SEED");
    if (seed)
        seed_base = strtoull(seed, NULL, 10);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dist_constructors),
        cmocka_unit_test(test_dist_formulas),
        cmocka_unit_test(test_norm_quantile),
        cmocka_unit_test(test_sample_moments),
        cmocka_unit_test(test_sample_shapes),
        cmocka_unit_test(test_pert_methods_agree),
        cmocka_unit_test(test_sample_determinism),
        cmocka_unit_test(test_labels),
        cmocka_unit_test(test_fair_model),
        cmocka_unit_test(test_fair_check),
        cmocka_unit_test(test_simulate_constants),
        cmocka_unit_test(test_portfolio_sums),
        cmocka_unit_test(test_simulate_statistics),
        cmocka_unit_test(test_thread_invariance),
        cmocka_unit_test(test_tail_measures),
        cmocka_unit_test(test_simulate_arguments),
        cmocka_unit_test(test_alloc_failure),
        cmocka_unit_test(test_messages),
        cmocka_unit_test(test_messages_decimal_comma_locale),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
