/* Monte Carlo throughput of FAIR simulations.
 *
 * usage: bench-quant [ITERATIONS [PORTFOLIO_ITERATIONS [RISKS]]]
 *        (default 10,000,000 iterations of one risk; 100 risks × 100,000 iterations)
 *
 * Three cases, each on one thread and on all online cores with the samples kept (as a numpy
 * simulation keeps its arrays), and on all cores streaming the moments without samples:
 * - simple: one risk, lef and lm beta-PERT (two draws a year);
 * - tree: one risk with the whole FAIR tree as tests/bench/numpy-fair.py simulates it, the
 *   way pyfair does: tef, tcap, rs, pl, slef, slem all beta-PERT, vulnerability the share of
 *   years with tcap > rs, annual loss tef × vulnerability × (pl + slef × slem);
 * - portfolio: RISKS such trees with different parameters, and their sum per year.
 * Throughput is samples (models × iterations) per second of wall-clock time; the time
 * includes checking the models and allocating the results. The CPU time is printed too: for
 * one thread it is not lengthened by other programs sharing the cores. The time of the first
 * value at risk (which sorts the samples) is printed apart. numpy-fair.py prints the same
 * figures for numpy/scipy (and, given this program, the ratios). The throughputs are also
 * printed as result lines for tests/bench/run-all.py ("simple, 1 thread", "simple, 2 threads",
 * "simple, 2 threads, no samples kept", ...), which numpy-fair.py reads too.
 *
 * The results are checked: one thread, all cores and streaming give bit-identical
 * statistics, and the simple model's mean lies within 6 standard errors of E[lef]·E[lm]. The
 * program fails only when a result is wrong, never because of a time.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench-util.h"
#include "isms.h"

static int fail(const char *what)
{
    const isms_error *e = isms_error_last();
    fflush(stdout);
    fprintf(stderr, "bench-quant: %s: %s (%s)\n", what, isms_strerror(e->code), e->message);
    return 1;
}

static isms_dist pert(double low, double mode, double high)
{
    isms_dist d;
    if (isms_dist_pert(&d, low, mode, high, ISMS_PERT_GAMMA_DEFAULT, ISMS_PERT_CLASSIC) !=
        ISMS_OK) {
        fprintf(stderr, "bench-quant: PERT(%g, %g, %g): %s\n", low, mode, high,
                isms_error_last()->message);
        exit(1);
    }
    return d;
}

static void set(isms_fair *m, isms_fair_node node, isms_dist d)
{
    if (isms_fair_set(m, node, &d) != ISMS_OK) {
        fprintf(stderr, "bench-quant: %s\n", isms_error_last()->message);
        exit(1);
    }
}

/* The tree of risk k (k = 0 for the one-risk case); numpy-fair.py uses the same numbers. */
static isms_fair *tree(size_t k)
{
    char name[32];
    snprintf(name, sizeof name, "risk %zu", k);
    isms_fair *m = NULL;
    if (isms_fair_new(&m, name) != ISMS_OK)
        return NULL;
    double f = 1 + (double)(k % 10) / 10, g = 1 + (double)(k % 7) / 7;
    set(m, ISMS_FAIR_TEF, pert(0.5 * f, 2 * f, 8 * f));
    set(m, ISMS_FAIR_TCAP, pert(0.4, 0.6, 0.9));
    set(m, ISMS_FAIR_RS, pert(0.5, 0.7 - 0.01 * (double)(k % 5), 0.95));
    set(m, ISMS_FAIR_PL, pert(1e4 * g, 5e4 * g, 4e5 * g));
    set(m, ISMS_FAIR_SLEF, pert(0.1, 0.3, 0.6));
    set(m, ISMS_FAIR_SLEM, pert(5e3 * g, 2e4 * g, 2e5 * g));
    return m;
}

/* CPU seconds of the whole process (all threads): unlike the wall clock, not lengthened by
 * other programs that share the cores. */
static double cpu_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

typedef struct result {
    double seconds, cpu_seconds, var_seconds;
    isms_sim_stats portfolio;
} result;

static int run(result *out, const isms_fair *const *models, size_t n, size_t iterations,
               unsigned threads, bool keep)
{
    isms_sim_options o;
    isms_sim_options_init(&o);
    o.iterations = iterations;
    o.seed = 2024;
    o.threads = threads;
    o.keep_samples = keep;
    isms_simulation *sim = NULL;
    double c0 = cpu_now(), t0 = now();
    if (isms_simulate(&sim, models, n, &o) != ISMS_OK)
        return fail("isms_simulate");
    double t1 = now();
    out->cpu_seconds = cpu_now() - c0;
    out->seconds = t1 - t0;
    out->var_seconds = 0;
    if (keep) {
        double var = 0;
        if (isms_simulation_var(&var, sim, ISMS_PORTFOLIO, 0.99) != ISMS_OK)
            return fail("isms_simulation_var");
        out->var_seconds = now() - t1;
    }
    if (isms_simulation_stats(&out->portfolio, sim, ISMS_PORTFOLIO) != ISMS_OK)
        return fail("isms_simulation_stats");
    isms_simulation_free(sim);
    return 0;
}

/* Runs a case on one thread and on all cores, prints a line for each, checks that they
 * agree. */
static int bench_case(const char *label, const isms_fair *const *models, size_t n,
                      size_t iterations, size_t cores, isms_sim_stats *stats)
{
    result one, all, stream;
    if (run(&one, models, n, iterations, 1, true) || run(&all, models, n, iterations, 0, true) ||
        run(&stream, models, n, iterations, 0, false))
        return 1;
    double samples = (double)n * (double)iterations;
    printf("%-10s %4zu × %-10zu 1 thread   %8.3f s  %7.1f M samples/s   VaR sort %.3f s   "
           "(CPU %.3f s: %.1f M samples/s)\n",
           label, n, iterations, one.seconds, samples / one.seconds / 1e6, one.var_seconds,
           one.cpu_seconds, samples / one.cpu_seconds / 1e6);
    printf("%-10s %4zu × %-10zu %zu threads  %8.3f s  %7.1f M samples/s   (× %.2f; CPU %.3f s)\n",
           label, n, iterations, cores, all.seconds, samples / all.seconds / 1e6,
           one.seconds / all.seconds, all.cpu_seconds);
    printf("%-10s %4zu × %-10zu %zu threads  %8.3f s  %7.1f M samples/s   (no samples kept; "
           "CPU %.3f s)\n",
           label, n, iterations, cores, stream.seconds, samples / stream.seconds / 1e6,
           stream.cpu_seconds);
    if (memcmp(&one.portfolio, &all.portfolio, sizeof one.portfolio) != 0 ||
        memcmp(&one.portfolio, &stream.portfolio, sizeof one.portfolio) != 0) {
        fprintf(stderr, "bench-quant: %s: 1 thread and %zu threads differ\n", label, cores);
        return 1;
    }
    printf("%-10s mean %.6g  sd %.6g  min %.6g  max %.6g\n", label, one.portfolio.mean,
           one.portfolio.sd, one.portfolio.min, one.portfolio.max);
    char what[64];
    snprintf(what, sizeof what, "%s, 1 thread", label);
    bench_result("quant", what, samples / one.seconds / 1e6, "M samples/s");
    snprintf(what, sizeof what, "%s, %zu thread%s", label, cores, cores == 1 ? "" : "s");
    bench_result("quant", what, samples / all.seconds / 1e6, "M samples/s");
    snprintf(what, sizeof what, "%s, %zu thread%s, no samples kept", label, cores,
             cores == 1 ? "" : "s");
    bench_result("quant", what, samples / stream.seconds / 1e6, "M samples/s");
    *stats = one.portfolio;
    return 0;
}

int main(int argc, char **argv)
{
    size_t iterations = argc > 1 ? (size_t)strtoull(argv[1], NULL, 10) : 10000000;
    size_t port_iterations = argc > 2 ? (size_t)strtoull(argv[2], NULL, 10) : 100000;
    size_t risks = argc > 3 ? (size_t)strtoull(argv[3], NULL, 10) : 100;
    if (iterations < 2 || port_iterations < 2 || risks < 1) {
        fprintf(stderr, "usage: bench-quant [ITERATIONS [PORTFOLIO_ITERATIONS [RISKS]]]\n");
        return 2;
    }
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    printf("bench-quant: Monte Carlo throughput, %ld online cores\n", cores);

    /* simple */
    isms_dist lef = pert(0.1, 0.5, 2), lm = pert(1e4, 5e4, 1e6);
    isms_fair *simple = NULL;
    if (isms_fair_new(&simple, "simple") != ISMS_OK)
        return fail("isms_fair_new");
    set(simple, ISMS_FAIR_LEF, lef);
    set(simple, ISMS_FAIR_LM, lm);
    const isms_fair *one[] = { simple };
    isms_sim_stats s;
    if (bench_case("simple", one, 1, iterations, (size_t)cores, &s))
        return 1;
    double ml, sl, mm, sm;
    isms_dist_mean(&ml, &lef);
    isms_dist_sd(&sl, &lef);
    isms_dist_mean(&mm, &lm);
    isms_dist_sd(&sm, &lm);
    double sd = sqrt((sl * sl + ml * ml) * (sm * sm + mm * mm) - ml * ml * mm * mm);
    if (fabs(s.mean - ml * mm) > 6 * sd / sqrt((double)iterations)) {
        fprintf(stderr, "bench-quant: simple mean %.9g, expected %.9g ± %.3g\n", s.mean,
                ml * mm, 6 * sd / sqrt((double)iterations));
        return 1;
    }
    isms_fair_free(simple);

    /* tree */
    isms_fair *t = tree(0);
    if (!t)
        return fail("tree");
    one[0] = t;
    if (bench_case("tree", one, 1, iterations, (size_t)cores, &s))
        return 1;
    isms_fair_free(t);

    /* portfolio */
    isms_fair **models = calloc(risks, sizeof *models);
    if (!models)
        return 1;
    for (size_t k = 0; k < risks; k++)
        if (!(models[k] = tree(k)))
            return fail("tree");
    if (bench_case("portfolio", (const isms_fair *const *)models, risks, port_iterations,
                   (size_t)cores, &s))
        return 1;
    for (size_t k = 0; k < risks; k++)
        isms_fair_free(models[k]);
    free(models);
    printf("peak memory %.0f MiB\n", peak_mib());
    bench_about("quant", "simple: one risk, lef × lm (PERT), %zu years; tree: one risk, the FAIR "
                "tree of 6 PERT nodes, %zu years; portfolio: %zu trees × %zu years", iterations,
                iterations, risks, port_iterations);
    bench_result("quant", "peak resident memory", peak_mib(), "MiB");
    return 0;
}
