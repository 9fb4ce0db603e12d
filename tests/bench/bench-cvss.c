/* CVSS throughput: vectors parsed and scored per second with isms_cvss_parse(), one thread.
 *
 * usage: bench-cvss [RUNS]   (default 10 runs)
 *
 * Four sets of vectors are generated in memory: every CVSS:3.1 base vector (2,592), 100,000
 * random CVSS:3.1 vectors with Temporal and Environmental metrics (some written as X), every
 * CVSS:4.0 base vector (104,976), and 100,000 random CVSS:4.0 vectors with Threat,
 * Environmental and Supplemental metrics. Each set is parsed and scored RUNS times; the best
 * and the median run are printed as vectors per second. isms_cvss_format() of the v4.0
 * random set is measured too. The results are checked (every vector parses, every run gives
 * the same scores, known vectors score as the specification says, canonical forms read back
 * to the same scores); the program fails only when they are wrong, never because of a time.
 * The best runs are also printed as result lines for tests/bench/run-all.py.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench-util.h"
#include "isms.h"

enum { SLOT = 200, RANDOM_VECTORS = 100000 };

static uint64_t rng = 0x6A09E667F3BCC909u;

typedef struct metric {
    const char *name;
    const char *values[6]; /* NULL-terminated */
} metric;

static const metric v3[] = {
    { "AV", { "N", "A", "L", "P" } },       { "AC", { "L", "H" } },
    { "PR", { "N", "L", "H" } },            { "UI", { "N", "R" } },
    { "S", { "U", "C" } },                  { "C", { "H", "L", "N" } },
    { "I", { "H", "L", "N" } },             { "A", { "H", "L", "N" } },
    { "E", { "X", "H", "F", "P", "U" } },   { "RL", { "X", "U", "W", "T", "O" } },
    { "RC", { "X", "C", "R", "U" } },       { "CR", { "X", "H", "M", "L" } },
    { "IR", { "X", "H", "M", "L" } },       { "AR", { "X", "H", "M", "L" } },
    { "MAV", { "X", "N", "A", "L", "P" } }, { "MAC", { "X", "L", "H" } },
    { "MPR", { "X", "N", "L", "H" } },      { "MUI", { "X", "N", "R" } },
    { "MS", { "X", "U", "C" } },            { "MC", { "X", "H", "L", "N" } },
    { "MI", { "X", "H", "L", "N" } },       { "MA", { "X", "H", "L", "N" } },
};
enum { V3_BASE = 8 };

static const metric v4[] = {
    { "AV", { "N", "A", "L", "P" } },       { "AC", { "L", "H" } },
    { "AT", { "N", "P" } },                 { "PR", { "N", "L", "H" } },
    { "UI", { "N", "P", "A" } },            { "VC", { "H", "L", "N" } },
    { "VI", { "H", "L", "N" } },            { "VA", { "H", "L", "N" } },
    { "SC", { "H", "L", "N" } },            { "SI", { "H", "L", "N" } },
    { "SA", { "H", "L", "N" } },            { "E", { "X", "A", "P", "U" } },
    { "CR", { "X", "H", "M", "L" } },       { "IR", { "X", "H", "M", "L" } },
    { "AR", { "X", "H", "M", "L" } },       { "MAV", { "X", "N", "A", "L", "P" } },
    { "MAC", { "X", "L", "H" } },           { "MAT", { "X", "N", "P" } },
    { "MPR", { "X", "N", "L", "H" } },      { "MUI", { "X", "N", "P", "A" } },
    { "MVC", { "X", "H", "L", "N" } },      { "MVI", { "X", "H", "L", "N" } },
    { "MVA", { "X", "H", "L", "N" } },      { "MSC", { "X", "H", "L", "N" } },
    { "MSI", { "X", "S", "H", "L", "N" } }, { "MSA", { "X", "S", "H", "L", "N" } },
    { "S", { "X", "N", "P" } },             { "AU", { "X", "N", "Y" } },
    { "R", { "X", "A", "U", "I" } },        { "V", { "X", "D", "C" } },
    { "RE", { "X", "L", "M", "H" } },       { "U", { "X", "Clear", "Green", "Amber", "Red" } },
};
enum { V4_BASE = 11 };

static size_t n_values(const metric *m)
{
    size_t n = 0;
    while (n < 6 && m->values[n])
        n++;
    return n;
}

typedef struct set {
    const char *name;
    char *slots;
    size_t n;
} set;

/* Writes the vector with value index idx[i] of each of the first n metrics (-1: left out). */
static void write_vector(char *slot, const char *prefix, const metric *ms, const int *idx,
                         size_t n)
{
    size_t len = (size_t)snprintf(slot, SLOT, "%s", prefix);
    for (size_t i = 0; i < n; i++)
        if (idx[i] >= 0)
            len += (size_t)snprintf(slot + len, SLOT - len, "%s%s:%s", i ? "/" : "",
                                    ms[i].name, ms[i].values[idx[i]]);
}

/* Every base vector, the first metric varying slowest. */
static set all_base(const char *name, const char *prefix, const metric *ms, size_t n_base)
{
    size_t total = 1;
    for (size_t i = 0; i < n_base; i++)
        total *= n_values(&ms[i]);
    set s = { name, malloc(total * SLOT), total };
    if (!s.slots)
        return s;
    int idx[16] = { 0 };
    for (size_t k = 0; k < total; k++) {
        size_t rest = k;
        for (size_t i = n_base; i-- > 0;) {
            size_t nv = n_values(&ms[i]);
            idx[i] = (int)(rest % nv);
            rest /= nv;
        }
        write_vector(s.slots + k * SLOT, prefix, ms, idx, n_base);
    }
    return s;
}

/* Random vectors: every base metric, each other metric with probability 1/2. */
static set random_set(const char *name, const char *prefix, const metric *ms, size_t n_metrics,
                      size_t n_base, size_t total)
{
    set s = { name, malloc(total * SLOT), total };
    if (!s.slots)
        return s;
    int idx[40];
    for (size_t k = 0; k < total; k++) {
        for (size_t i = 0; i < n_metrics; i++) {
            bool given = i < n_base || next_rand(&rng) % 2;
            idx[i] = given ? (int)(next_rand(&rng) % n_values(&ms[i])) : -1;
        }
        write_vector(s.slots + k * SLOT, prefix, ms, idx, n_metrics);
    }
    return s;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

typedef struct result {
    double best, median;
    long long checksum; /* sum of the scores in tenths, of one run */
} result;

static int run_parse(result *r, const set *s, int runs)
{
    double *times = malloc((size_t)runs * sizeof *times);
    if (!times)
        return -1;
    for (int k = 0; k < runs; k++) {
        long long sum = 0;
        double t0 = now();
        for (size_t i = 0; i < s->n; i++) {
            isms_cvss c;
            if (isms_cvss_parse(&c, s->slots + i * SLOT) != ISMS_OK) {
                fprintf(stderr, "bench-cvss: %s: %s\n", s->slots + i * SLOT,
                        isms_error_last()->message);
                free(times);
                return -1;
            }
            sum += (long long)(c.score * 10 + 0.5);
        }
        times[k] = now() - t0;
        if (k > 0 && sum != r->checksum) {
            fprintf(stderr, "bench-cvss: %s: run %d scored differently\n", s->name, k);
            free(times);
            return -1;
        }
        r->checksum = sum;
    }
    qsort(times, (size_t)runs, sizeof *times, cmp_double);
    r->best = times[0];
    r->median = times[runs / 2];
    free(times);
    return 0;
}

/* Canonical forms read back to the same scores (outside the timing). */
static int check_round_trip(const set *s)
{
    for (size_t i = 0; i < s->n; i++) {
        isms_cvss c, back;
        char buf[ISMS_CVSS_VECTOR_MAX];
        if (isms_cvss_parse(&c, s->slots + i * SLOT) != ISMS_OK ||
            isms_cvss_format(buf, sizeof buf, &c) != ISMS_OK ||
            isms_cvss_parse(&back, buf) != ISMS_OK || back.score != c.score ||
            back.environmental != c.environmental || back.temporal != c.temporal) {
            fprintf(stderr, "bench-cvss: %s does not read back\n", s->slots + i * SLOT);
            return -1;
        }
    }
    return 0;
}

static int expect_score(const char *vector, double score)
{
    isms_cvss c;
    if (isms_cvss_parse(&c, vector) != ISMS_OK || c.score != score) {
        fprintf(stderr, "bench-cvss: %s: expected %.1f\n", vector, score);
        return -1;
    }
    return 0;
}

static void print_row(const char *name, size_t n, const result *r)
{
    printf("%-44s %9zu %9.2f %9.2f %11.0f %11.0f\n", name, n, r->best * 1e3, r->median * 1e3,
           (double)n / r->best / 1e3, (double)n / r->median / 1e3);
}

int main(int argc, char **argv)
{
    int runs = argc > 1 ? atoi(argv[1]) : 10;
    if (runs < 1)
        runs = 1;

    set sets[4] = {
        all_base("v3.1 base, all", "CVSS:3.1/", v3, V3_BASE),
        random_set("v3.1 random, temporal + environmental", "CVSS:3.1/", v3,
                   sizeof v3 / sizeof *v3, V3_BASE, RANDOM_VECTORS),
        all_base("v4.0 base, all", "CVSS:4.0/", v4, V4_BASE),
        random_set("v4.0 random, threat + env + supplemental", "CVSS:4.0/", v4,
                   sizeof v4 / sizeof *v4, V4_BASE, RANDOM_VECTORS),
    };
    for (int k = 0; k < 4; k++)
        if (!sets[k].slots) {
            fprintf(stderr, "bench-cvss: out of memory\n");
            return 1;
        }
    if (sets[0].n != 2592 || sets[2].n != 104976) {
        fprintf(stderr, "bench-cvss: wrong number of base vectors\n");
        return 1;
    }
    /* the first vector of each base set, and the worked examples of the specifications */
    if (expect_score(sets[0].slots, 9.8) || expect_score(sets[2].slots, 10.0) ||
        expect_score("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:H/I:H/A:H", 9.6) ||
        expect_score("CVSS:4.0/AV:L/AC:L/AT:P/PR:N/UI:A/VC:L/VI:H/VA:N/SC:N/SI:N/SA:N", 5.7) ||
        expect_score("CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:L/SC:N/SI:N/SA:N/CR:M/"
                      "IR:L/AR:L", 7.3))
        return 1;
    for (int k = 0; k < 4; k++)
        if (check_round_trip(&sets[k]))
            return 1;

    printf("libisms %s: CVSS vectors parsed and scored with isms_cvss_parse(), one thread, "
           "%d runs\n", isms_version(), runs);
    printf("%-44s %9s %9s %9s %11s %11s\n", "set", "vectors", "best ms", "median ms",
           "best k/s", "median k/s");
    result res[4] = { { 0, 0, 0 } };
    for (int k = 0; k < 4; k++) {
        if (run_parse(&res[k], &sets[k], runs))
            return 1;
        print_row(sets[k].name, sets[k].n, &res[k]);
    }

    /* isms_cvss_format() of the v4.0 random set */
    double format_rate = 0;
    {
        const set *s = &sets[3];
        isms_cvss *parsed = malloc(s->n * sizeof *parsed);
        if (!parsed)
            return 1;
        for (size_t i = 0; i < s->n; i++)
            if (isms_cvss_parse(&parsed[i], s->slots + i * SLOT) != ISMS_OK)
                return 1;
        double best = 1e30;
        size_t bytes = 0;
        for (int k = 0; k < runs; k++) {
            bytes = 0;
            double t0 = now();
            for (size_t i = 0; i < s->n; i++) {
                char buf[ISMS_CVSS_VECTOR_MAX];
                if (isms_cvss_format(buf, sizeof buf, &parsed[i]) != ISMS_OK)
                    return 1;
                bytes += strlen(buf);
            }
            double t = now() - t0;
            best = t < best ? t : best;
        }
        result r = { best, best, 0 };
        print_row("isms_cvss_format(), v4.0 random", s->n, &r);
        format_rate = (double)s->n / best;
        if (bytes == 0)
            return 1;
        free(parsed);
    }

    bench_about("cvss", "every v3.1 base vector (%zu), %zu random v3.1 vectors, every v4.0 base "
                "vector (%zu), %zu random v4.0 vectors; best of %d runs", sets[0].n, sets[1].n,
                sets[2].n, sets[3].n, runs);
    for (int k = 0; k < 4; k++) {
        printf("%s: %.2f M vectors/s (best run)\n", sets[k].name,
               (double)sets[k].n / res[k].best / 1e6);
        char what[96];
        snprintf(what, sizeof what, "isms_cvss_parse, %s", sets[k].name);
        bench_result("cvss", what, (double)sets[k].n / res[k].best / 1e6, "M vectors/s");
        free(sets[k].slots);
    }
    bench_result("cvss", "isms_cvss_format, v4.0 random", format_rate / 1e6, "M vectors/s");
    return 0;
}
