/* Building, sorting and analysing a register of one million risks.
 *
 * usage: bench-register [RISKS]   (default 1000000)
 *
 * Ids "R1".."RN" are added in a shuffled order with random levels on the "4x4" matrix (2 %
 * unassessed, 1 % repeating an earlier title, 90 % with a treatment option and residual
 * levels), then the register is sorted by inherent and
 * by residual value, every id is looked up, band counts and heat maps are taken, and the
 * register is linted and freed. Prints one table with the seconds and risks per second of
 * each phase and the peak resident memory (getrusage ru_maxrss), and the key figures as result
 * lines for tests/bench/run-all.py. The results are checked; the program fails only when they
 * are wrong.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench-util.h"
#include "isms.h"

static uint64_t rng = 0x853C49E6748FEA9Bu;

static void row(const char *phase, double seconds, size_t n)
{
    printf("%-36s %10.3f %14.2f\n", phase, seconds, (double)n / seconds / 1e6);
}

static int fail(const char *what)
{
    const isms_error *e = isms_error_last();
    fprintf(stderr, "bench-register: %s: %s (%s)\n", what, isms_strerror(e->code), e->message);
    return 1;
}

/* Sorted order: value descending, unscored last; ties by id number (ids are R<number>). */
static int check_sorted(isms_risk **v, size_t n, isms_which which)
{
    for (size_t i = 1; i < n; i++) {
        int a = isms_risk_value(v[i - 1], which), b = isms_risk_value(v[i], which);
        long long ka = a == ISMS_VALUE_UNSET ? -1 : a, kb = b == ISMS_VALUE_UNSET ? -1 : b;
        long ia = atol(isms_risk_id(v[i - 1]) + 1), ib = atol(isms_risk_id(v[i]) + 1);
        if (ka < kb || (ka == kb && ia >= ib)) {
            fprintf(stderr, "bench-register: sorted order broken at %zu (%s, %s)\n", i,
                    isms_risk_id(v[i - 1]), isms_risk_id(v[i]));
            return 1;
        }
    }
    return 0;
}

int main(int argc, char **argv)
{
    size_t n = argc > 1 ? strtoull(argv[1], NULL, 10) : 1000000;
    if (n < 10)
        n = 10;

    /* Input prepared before timing: ids, titles and levels in a shuffled order. */
    size_t *order = malloc(n * sizeof *order);
    char (*ids)[16] = malloc(n * sizeof *ids);
    char (*titles)[32] = malloc(n * sizeof *titles);
    int *lv = malloc(4 * n * sizeof *lv);
    if (!order || !ids || !titles || !lv)
        return fail("setup");
    for (size_t i = 0; i < n; i++)
        order[i] = i + 1;
    for (size_t i = n - 1; i > 0; i--) {
        size_t j = ((size_t)next_rand(&rng) << 32 | next_rand(&rng)) % (i + 1);
        size_t t = order[i];
        order[i] = order[j];
        order[j] = t;
    }
    size_t expect_unscored = 0;
    for (size_t i = 0; i < n; i++) {
        snprintf(ids[i], sizeof ids[i], "R%zu", order[i]);
        /* about 1 % of the titles repeat an earlier one */
        size_t t = next_rand(&rng) % 100 == 0 ? order[i] / 2 : order[i];
        snprintf(titles[i], sizeof titles[i], "Risk nummer %zu", t);
        bool unassessed = next_rand(&rng) % 50 == 0;
        int l = (int)(next_rand(&rng) % 4) + 1, c = (int)(next_rand(&rng) % 4) + 1;
        lv[4 * i] = unassessed ? ISMS_LEVEL_UNSET : l;
        lv[4 * i + 1] = unassessed ? ISMS_LEVEL_UNSET : c;
        /* treatment lowers one level or the other */
        lv[4 * i + 2] = next_rand(&rng) % 2 && l > 1 ? l - 1 : l;
        lv[4 * i + 3] = next_rand(&rng) % 2 && c > 1 ? c - 1 : c;
        expect_unscored += unassessed;
    }
    double rss_input = peak_mib();

    printf("libisms %s: a register of %zu risks on the \"4x4\" matrix, one thread\n",
           isms_version(), n);
    printf("%-36s %10s %14s\n", "phase", "seconds", "M risks/s");

    double t0 = now();
    isms_register *reg = NULL;
    if (isms_register_new(&reg, NULL) != ISMS_OK)
        return fail("isms_register_new");
    for (size_t i = 0; i < n; i++)
        if (isms_register_add(NULL, reg, ids[i], titles[i], lv[4 * i], lv[4 * i + 1]) !=
            ISMS_OK)
            return fail("isms_register_add");
    double t_build = now() - t0;
    row("build (isms_register_add)", t_build, n);
    double rss_built = peak_mib();

    /* Most risks get a treatment option and residual levels; every 10th stays untreated. */
    t0 = now();
    for (size_t i = 0; i < n; i++) {
        if (i % 10 == 9)
            continue;
        isms_risk *r = isms_register_at(reg, i);
        if (isms_risk_set_treatment(r, ISMS_TREATMENT_MODIFY, NULL) != ISMS_OK ||
            isms_risk_set_residual(r, lv[4 * i + 2], lv[4 * i + 3]) != ISMS_OK)
            return fail("setting treatment");
    }
    row("set treatment + residual levels", now() - t0, n - n / 10);

    isms_risk **v = NULL;
    size_t nv = 0;
    t0 = now();
    if (isms_register_sorted(&v, &nv, reg, ISMS_INHERENT) != ISMS_OK)
        return fail("isms_register_sorted");
    double t_sort = now() - t0;
    row("sort by inherent value", t_sort, n);
    if (nv != n || check_sorted(v, nv, ISMS_INHERENT))
        return 1;
    isms_free(v);
    t0 = now();
    if (isms_register_sorted(&v, &nv, reg, ISMS_RESIDUAL) != ISMS_OK)
        return fail("isms_register_sorted");
    double t_sort_residual = now() - t0;
    row("sort by residual value", t_sort_residual, n);
    if (nv != n || check_sorted(v, nv, ISMS_RESIDUAL))
        return 1;
    isms_free(v);
    row("build + sort (inherent)", t_build + t_sort, n);

    t0 = now();
    for (size_t i = 0; i < n; i++) {
        isms_risk *r = isms_register_find(reg, ids[n - 1 - i]);
        if (!r || strcmp(isms_risk_id(r), ids[n - 1 - i]) != 0)
            return fail("isms_register_find");
    }
    double t_find = now() - t0;
    row("find every id", t_find, n);

    t0 = now();
    size_t counts[4], unscored = 0, heat[16];
    if (isms_register_band_counts(counts, 4, &unscored, reg, ISMS_INHERENT) != ISMS_OK ||
        isms_register_heatmap(heat, 16, reg, ISMS_INHERENT) != ISMS_OK)
        return fail("counts");
    row("band counts + heat map", now() - t0, n);
    size_t total = unscored, total_heat = 0;
    for (int b = 0; b < 4; b++)
        total += counts[b];
    for (int c = 0; c < 16; c++)
        total_heat += heat[c];
    if (total != n || unscored != expect_unscored || total_heat != n - unscored) {
        fprintf(stderr, "bench-register: counts do not add up\n");
        return 1;
    }

    isms_findings *findings = NULL;
    if (isms_findings_new(&findings, ISMS_LANG_SV) != ISMS_OK)
        return fail("isms_findings_new");
    t0 = now();
    if (isms_register_lint(findings, reg) != ISMS_OK)
        return fail("isms_register_lint");
    double t_lint = now() - t0;
    size_t n_findings = isms_findings_count(findings);
    isms_findings_free(findings);
    row("lint", t_lint, n);

    t0 = now();
    isms_register_free(reg);
    row("free", now() - t0, n);

    double rss = peak_mib();
    printf("\nfindings: %zu; unscored risks: %zu\n", n_findings, unscored);
    printf("peak resident memory (ru_maxrss): %.1f MiB in all; %.1f MiB for the input "
           "arrays, +%.1f MiB for the register (%.0f bytes per risk)\n",
           rss, rss_input, rss_built - rss_input,
           (rss_built - rss_input) * 1024.0 * 1024.0 / (double)n);
    bench_about("register", "%zu risks on the \"4x4\" matrix, added in a shuffled order", n);
    bench_result("register", "build (isms_register_add)", (double)n / t_build / 1e6,
                 "M risks/s");
    bench_result("register", "sort by inherent value (isms_register_sorted)",
                 (double)n / t_sort / 1e6, "M risks/s");
    bench_result("register", "sort by residual value", (double)n / t_sort_residual / 1e6,
                 "M risks/s");
    bench_result("register", "find every id (isms_register_find)", (double)n / t_find / 1e6,
                 "M risks/s");
    bench_result("register", "lint (isms_register_lint)", (double)n / t_lint / 1e6,
                 "M risks/s");
    bench_result("register", "memory per risk (growth of ru_maxrss while building)",
                 (rss_built - rss_input) * 1024.0 * 1024.0 / (double)n, "bytes");
    bench_result("register", "peak resident memory (input arrays and register)", rss, "MiB");
    free(order);
    free(ids);
    free(titles);
    free(lv);
    return 0;
}
