/* Bulk scoring throughput: isms_matrix_score_many() on large arrays, single-threaded.
 *
 * usage: bench-score [ELEMENTS [RUNS]]   (default 10000000 elements, 10 runs)
 *
 * Prints one table of scores per second, best run and median, for the product formula
 * (the "4x4" preset, the vectorised path) and for a custom grid holding the same values
 * (the look-up path), each with and without band indices, on arrays far larger than the
 * caches (memory-bound) and on a small array that stays in L1/L2 (compute-bound). The
 * single-pair isms_matrix_score() is measured for comparison. The key figures (best runs) are
 * also printed as result lines for tests/bench/run-all.py. The results are checked against
 * the expected values; the program fails only when they are wrong.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench-util.h"
#include "isms.h"

enum { TARGET_PER_SECOND = 200000000, SMALL = 16384 };

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static uint64_t rng = 0x2545F4914F6CDD1Du;

typedef struct result {
    double best;   /* seconds per run */
    double median;
} result;

/* Scores `n` elements `runs` times (in slices of `slice` elements so that a small working
 * set can be reused); returns the best and median time of a run. */
static int run_case(result *res, const isms_matrix *m, int *values, int *bands, const int *ls,
                    const int *cs, size_t n, size_t slice, int runs)
{
    double *times = malloc((size_t)runs * sizeof *times);
    if (!times)
        return -1;
    /* warm-up: fault the output pages in, load the caches */
    if (isms_matrix_score_many(values, bands, m, ls, cs, slice < n ? slice : n) != ISMS_OK) {
        free(times);
        return -1;
    }
    for (int r = 0; r < runs; r++) {
        double t0 = now();
        for (size_t done = 0; done < n; done += slice) {
            size_t k = n - done < slice ? n - done : slice;
            size_t off = slice < n ? 0 : done;
            if (isms_matrix_score_many(values + off, bands ? bands + off : NULL, m, ls + off,
                                       cs + off, k) != ISMS_OK) {
                free(times);
                return -1;
            }
        }
        times[r] = now() - t0;
    }
    qsort(times, (size_t)runs, sizeof *times, cmp_double);
    res->best = times[0];
    res->median = times[runs / 2];
    free(times);
    return 0;
}

/* Every value equals likelihood × consequence, every band the matrix's band of it. */
static int verify(const isms_matrix *m, const int *values, const int *bands, const int *ls,
                  const int *cs, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (values[i] != ls[i] * cs[i] ||
            (bands && bands[i] != isms_matrix_band_of(m, values[i]))) {
            fprintf(stderr, "bench-score: wrong result at element %zu: %d×%d gave %d\n", i,
                    ls[i], cs[i], values[i]);
            return -1;
        }
    }
    return 0;
}

/* A 4×4 grid matrix with the same values and bands as the "4x4" preset. */
static isms_matrix *grid_matrix(void)
{
    static const char *const sv[] = { "Ett", "Två", "Tre", "Fyra" };
    static const char *const en[] = { "One", "Two", "Three", "Four" };
    isms_matrix_builder *b = NULL;
    isms_matrix *m = NULL;
    if (isms_matrix_builder_new(&b, "grid 4x4") != ISMS_OK)
        return NULL;
    int grid[16];
    for (int l = 0; l < 4; l++)
        for (int c = 0; c < 4; c++)
            grid[l * 4 + c] = (l + 1) * (c + 1);
    int rc = ISMS_OK;
    for (int a = 0; a < 2 && !rc; a++)
        for (int i = 0; i < 4 && !rc; i++)
            rc = isms_matrix_builder_add_level(b, (isms_axis)a, i + 1, sv[i], en[i], NULL);
    if (!rc)
        rc = isms_matrix_builder_set_grid(b, grid, 4, 4);
    if (!rc)
        rc = isms_matrix_builder_add_band(b, "low", 1, 3, "#2e7d32", "Låg", "Low");
    if (!rc)
        rc = isms_matrix_builder_add_band(b, "medium", 4, 7, "#f9a825", "Medel", "Medium");
    if (!rc)
        rc = isms_matrix_builder_add_band(b, "high", 8, 11, "#ef6c00", "Hög", "High");
    if (!rc)
        rc = isms_matrix_builder_add_band(b, "very-high", 12, 16, "#c62828", "Mycket hög",
                                          "Very high");
    if (!rc)
        rc = isms_matrix_builder_build(&m, b);
    isms_matrix_builder_free(b);
    return rc ? NULL : m;
}

static void print_row(const char *name, size_t n, const result *r)
{
    printf("%-37s %11zu %10.2f %10.2f %12.1f %12.1f\n", name, n, r->best * 1e3,
           r->median * 1e3, (double)n / r->best / 1e6, (double)n / r->median / 1e6);
}

int main(int argc, char **argv)
{
    size_t n = argc > 1 ? strtoull(argv[1], NULL, 10) : 10000000;
    int runs = argc > 2 ? atoi(argv[2]) : 10;
    if (n < SMALL)
        n = SMALL;
    if (runs < 1)
        runs = 1;

    isms_matrix *product = NULL;
    if (isms_matrix_preset(&product, "4x4") != ISMS_OK) {
        fprintf(stderr, "bench-score: %s\n", isms_error_last()->message);
        return 1;
    }
    isms_matrix *grid = grid_matrix();
    int *ls = malloc(n * sizeof *ls), *cs = malloc(n * sizeof *cs);
    int *values = malloc(n * sizeof *values), *bands = malloc(n * sizeof *bands);
    if (!grid || !ls || !cs || !values || !bands) {
        fprintf(stderr, "bench-score: setup failed: %s\n", isms_error_last()->message);
        return 1;
    }
    for (size_t i = 0; i < n; i++) {
        ls[i] = (int)(next_rand(&rng) % 4) + 1;
        cs[i] = (int)(next_rand(&rng) % 4) + 1;
    }

    struct {
        const char *name;
        const isms_matrix *m;
        bool bands;
        size_t slice; /* elements per call; SMALL keeps the working set in cache */
        const char *result; /* the result line's text, NULL when not a key figure */
    } cases[] = {
        { "product 4x4, values", product, false, n,
          "isms_matrix_score_many, product 4x4, values (large arrays)" },
        { "product 4x4, values + bands", product, true, n,
          "isms_matrix_score_many, product 4x4, values + bands (large arrays)" },
        { "product 4x4, values (in cache)", product, false, SMALL,
          "isms_matrix_score_many, product 4x4, values (in cache)" },
        { "product 4x4, values + bands (cache)", product, true, SMALL, NULL },
        { "grid 4x4, values", grid, false, n,
          "isms_matrix_score_many, grid 4x4, values (large arrays)" },
        { "grid 4x4, values + bands", grid, true, n,
          "isms_matrix_score_many, grid 4x4, values + bands (large arrays)" },
        { "grid 4x4, values (in cache)", grid, false, SMALL, NULL },
        { "grid 4x4, values + bands (cache)", grid, true, SMALL, NULL },
    };
    const size_t n_cases = sizeof cases / sizeof *cases;
    result res[sizeof cases / sizeof *cases];

    printf("libisms %s: bulk scoring with isms_matrix_score_many(), one thread, %d runs\n",
           isms_version(), runs);
    printf("%-37s %11s %10s %10s %12s %12s\n", "case", "elements", "best ms", "median ms",
           "best M/s", "median M/s");
    for (size_t k = 0; k < n_cases; k++) {
        int *bp = cases[k].bands ? bands : NULL;
        if (run_case(&res[k], cases[k].m, values, bp, ls, cs, n, cases[k].slice, runs) != 0 ||
            verify(cases[k].m, values, bp, ls, cs, cases[k].slice < n ? cases[k].slice : n)) {
            fprintf(stderr, "bench-score: %s failed: %s\n", cases[k].name,
                    isms_error_last()->message);
            return 1;
        }
        print_row(cases[k].name, n, &res[k]);
    }

    /* One pair per call, for comparison. */
    double single_rate = 0;
    {
        size_t m_calls = n < 10000000 ? n : 10000000;
        double best = 1e30;
        long long sum = 0;
        for (int r = 0; r < (runs < 3 ? runs : 3); r++) {
            double t0 = now();
            for (size_t i = 0; i < m_calls; i++) {
                isms_score s;
                if (isms_matrix_score(&s, product, ls[i], cs[i]) != ISMS_OK)
                    return 1;
                sum += s.value;
            }
            double t = now() - t0;
            best = t < best ? t : best;
        }
        long long expect = 0;
        for (size_t i = 0; i < m_calls; i++)
            expect += (long long)ls[i] * cs[i];
        if (sum != expect * (runs < 3 ? runs : 3)) {
            fprintf(stderr, "bench-score: isms_matrix_score gave wrong values\n");
            return 1;
        }
        result r1 = { best, best };
        print_row("product 4x4, isms_matrix_score()", m_calls, &r1);
        single_rate = (double)m_calls / best;
    }

    double rate = (double)n / res[0].best;
    printf("\ntarget: at least %d M product scores/s per core (large arrays, values): "
           "%.0f M/s, %s\n",
           TARGET_PER_SECOND / 1000000, rate / 1e6,
           rate >= TARGET_PER_SECOND ? "met" : "NOT met");
    bench_about("score", "%zu random pairs scored on the \"4x4\" preset and on a 4x4 grid of "
                "the same values, best of %d runs; in cache: slices of %d pairs",
                n, runs, (int)SMALL);
    for (size_t k = 0; k < n_cases; k++)
        if (cases[k].result)
            bench_result("score", cases[k].result, (double)n / res[k].best / 1e6, "M scores/s");
    bench_result("score", "isms_matrix_score, one pair per call", single_rate / 1e6,
                 "M scores/s");
    free(ls);
    free(cs);
    free(values);
    free(bands);
    isms_matrix_free(product);
    isms_matrix_free(grid);
    return 0;
}
