/* Classifying an inventory of 1,000,000 assets with 5,000,000 relations.
 *
 * usage: bench-classify [ASSETS [RELATIONS [RUNS]]]   (default 1000000, 5000000, 3 runs)
 *
 * The inventory is built through the public API (isms_inventory_add, isms_asset_set_level,
 * isms_asset_set_pdata, isms_inventory_link), as a city system importing its register would.
 * The generator (tests/bench/networkx-classify.py uses the same parameters):
 *
 * - asset types: 30 % information, 25 % system, 10 % service, 10 % process, 5 % location,
 *   5 % supplier, 5 % hardware, 5 % network, 3 % person, 2 % other;
 * - information: each aspect (K, R, T, S) a random level 0–4, except 5 % left unclassified;
 *   30 % hold personal data (of those 10 % special categories, 5 % criminal-offence data,
 *   25 % personal identity numbers, the rest ordinary); 90 % have an owner;
 * - systems and services: 10 % have an assessed availability 0–4;
 * - relations: 45 % `processes` (a system 60 %, service 20 % or process 20 % processes
 *   information), 25 % `depends_on` (a service or process depends on a system; a system on a
 *   network, hardware or another system, a third each: these make the few cycles), 20 %
 *   `stored_at` (information or a system stored at a location), 10 % `operates` (a supplier
 *   operates a system 80 % or a service 20 %); duplicates are drawn again.
 *
 * Then isms_inventory_classify runs RUNS times (best time printed; target under 1 s on one
 * core), followed by lint and summarise. The results are checked: the counts per type, the
 * high-water property on 10,000 random relations (the supporting asset's effective level is
 * at least the supported one's, per aspect), the floors and provenance of 10,000 random
 * assets. The program fails only when a result is wrong, never because of a time. The key
 * figures are also printed as result lines for tests/bench/run-all.py (networkx-classify.py
 * --bench reads the classification's).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench-util.h"
#include "isms.h"

static uint64_t rng = 0x9E3779B97F4A7C15u;

/* A random number below n (n ≤ 2^32; the bias does not matter here). */
static size_t below(size_t n)
{
    return (size_t)(((uint64_t)next_rand(&rng) * (uint64_t)n) >> 32);
}

/* True with probability percent / 100. */
static bool chance(unsigned percent)
{
    return next_rand(&rng) % 100u < percent;
}

static int fail(const char *what)
{
    const isms_error *e = isms_error_last();
    fflush(stdout);
    fprintf(stderr, "bench-classify: %s: %s (%s)\n", what, isms_strerror(e->code), e->message);
    return 1;
}

static int wrong(const char *what, size_t got, size_t expected)
{
    fflush(stdout);
    fprintf(stderr, "bench-classify: %s: %zu, expected %zu\n", what, got, expected);
    return 1;
}

/* ---- the inventory -------------------------------------------------------------------- */

/* Share of each type in percent, in the order of isms_asset_type. */
static const unsigned type_share[ISMS_ASSET_TYPES] = { 30, 25, 10, 10, 5, 5, 5, 5, 3, 2 };

typedef struct by_type {
    size_t *index[ISMS_ASSET_TYPES]; /* asset indices of each type */
    size_t count[ISMS_ASSET_TYPES];
} by_type;

static isms_asset_type random_type(void)
{
    unsigned r = next_rand(&rng) % 100u, acc = 0;
    for (int t = 0; t < ISMS_ASSET_TYPES; t++) {
        acc += type_share[t];
        if (r < acc)
            return (isms_asset_type)t;
    }
    return ISMS_ASSET_OTHER;
}

static void asset_id(char *buf, size_t size, size_t i)
{
    snprintf(buf, size, "A%07zu", i);
}

static int add_assets(isms_inventory *inv, size_t n, by_type *bt, isms_asset_type *types)
{
    char id[24], owner[48];
    for (size_t i = 0; i < n; i++) {
        isms_asset_type t = random_type();
        isms_asset *a;
        types[i] = t;
        bt->count[t]++;
        asset_id(id, sizeof id, i);
        if (isms_inventory_add(&a, inv, id, NULL, t) != ISMS_OK)
            return fail("isms_inventory_add");
        if (t == ISMS_ASSET_INFORMATION) {
            if (!chance(5))
                for (int k = 0; k < ISMS_ASPECTS; k++)
                    if (isms_asset_set_level(a, (isms_aspect)k, (int)(next_rand(&rng) % 5u)) !=
                        ISMS_OK)
                        return fail("isms_asset_set_level");
            if (chance(30)) {
                unsigned r = next_rand(&rng) % 100u, pdata, special = 0;
                if (r < 10) {
                    pdata = ISMS_PDATA_ORDINARY | ISMS_PDATA_SPECIAL | ISMS_PDATA_PIN;
                    special = ISMS_SPECIAL_HEALTH;
                } else if (r < 15) {
                    pdata = ISMS_PDATA_ORDINARY | ISMS_PDATA_CRIMINAL | ISMS_PDATA_PIN;
                } else if (r < 40) {
                    pdata = ISMS_PDATA_ORDINARY | ISMS_PDATA_PIN;
                } else {
                    pdata = ISMS_PDATA_ORDINARY;
                }
                if (isms_asset_set_pdata(a, pdata, special) != ISMS_OK)
                    return fail("isms_asset_set_pdata");
            }
            if (chance(90)) {
                snprintf(owner, sizeof owner, "Förvaltning %u", next_rand(&rng) % 40u);
                if (isms_asset_set(a, ISMS_ASSET_OWNER, owner) != ISMS_OK)
                    return fail("isms_asset_set");
            }
            isms_date d = { 2023 + (int)(next_rand(&rng) % 2u), 1 + (int)(next_rand(&rng) % 12u),
                            1 + (int)(next_rand(&rng) % 28u) };
            if (isms_asset_set_classified(a, d) != ISMS_OK)
                return fail("isms_asset_set_classified");
        } else if ((t == ISMS_ASSET_SYSTEM || t == ISMS_ASSET_SERVICE) && chance(10)) {
            if (isms_asset_set_level(a, ISMS_ASPECT_AVAILABILITY, (int)(next_rand(&rng) % 5u)) !=
                ISMS_OK)
                return fail("isms_asset_set_level");
        }
    }
    for (int t = 0; t < ISMS_ASSET_TYPES; t++) {
        bt->index[t] = malloc((bt->count[t] ? bt->count[t] : 1) * sizeof(size_t));
        if (!bt->index[t])
            return fail("out of memory");
        bt->count[t] = 0;
    }
    for (size_t i = 0; i < n; i++)
        bt->index[types[i]][bt->count[types[i]]++] = i;
    return 0;
}

static size_t pick(const by_type *bt, isms_asset_type t)
{
    return bt->index[t][below(bt->count[t])];
}

/* Draws one relation: source, destination and kind. */
static void random_relation(const by_type *bt, size_t *src, size_t *dst, isms_relkind *kind)
{
    unsigned r = next_rand(&rng) % 100u, s = next_rand(&rng) % 100u;
    if (r < 45) {
        *kind = ISMS_REL_PROCESSES;
        *src = pick(bt, s < 60 ? ISMS_ASSET_SYSTEM : s < 80 ? ISMS_ASSET_SERVICE
                                                            : ISMS_ASSET_PROCESS);
        *dst = pick(bt, ISMS_ASSET_INFORMATION);
    } else if (r < 70) {
        *kind = ISMS_REL_DEPENDS_ON;
        if (s < 80) {
            *src = pick(bt, s < 40 ? ISMS_ASSET_SERVICE : ISMS_ASSET_PROCESS);
            *dst = pick(bt, ISMS_ASSET_SYSTEM);
        } else {
            unsigned d = next_rand(&rng) % 3u;
            *src = pick(bt, ISMS_ASSET_SYSTEM);
            *dst = pick(bt, d == 0 ? ISMS_ASSET_NETWORK : d == 1 ? ISMS_ASSET_HARDWARE
                                                                 : ISMS_ASSET_SYSTEM);
        }
    } else if (r < 90) {
        *kind = ISMS_REL_STORED_AT;
        *src = pick(bt, s < 50 ? ISMS_ASSET_INFORMATION : ISMS_ASSET_SYSTEM);
        *dst = pick(bt, ISMS_ASSET_LOCATION);
    } else {
        *kind = ISMS_REL_OPERATES;
        *src = pick(bt, ISMS_ASSET_SUPPLIER);
        *dst = pick(bt, s < 80 ? ISMS_ASSET_SYSTEM : ISMS_ASSET_SERVICE);
    }
}

static int add_relations(isms_inventory *inv, size_t n, const by_type *bt, size_t *redrawn)
{
    char a[24], b[24];
    for (size_t i = 0; i < n;) {
        size_t src, dst;
        isms_relkind kind;
        random_relation(bt, &src, &dst, &kind);
        if (src == dst) {
            ++*redrawn;
            continue;
        }
        asset_id(a, sizeof a, src);
        asset_id(b, sizeof b, dst);
        int rc = isms_inventory_link(inv, a, b, kind);
        if (rc == ISMS_EEXIST) {
            ++*redrawn;
            continue;
        }
        if (rc != ISMS_OK)
            return fail("isms_inventory_link");
        i++;
    }
    return 0;
}

/* ---- checking ------------------------------------------------------------------------- */

static int effective(const isms_asset *a, isms_aspect k, isms_provenance *p)
{
    if (isms_asset_effective(p, a, k) != ISMS_OK)
        return fail("isms_asset_effective");
    return 0;
}

/* The supporting side of each sampled relation has at least the supported side's level. */
static int check_high_water(const isms_inventory *inv, size_t samples)
{
    size_t n = isms_inventory_relation_count(inv);
    for (size_t s = 0; s < samples; s++) {
        isms_relation_info rel;
        if (isms_inventory_relation(&rel, inv, below(n)) != ISMS_OK)
            return fail("isms_inventory_relation");
        bool src_supports = isms_relkind_src_supports(rel.kind);
        const isms_asset *sup = src_supports ? rel.src : rel.dst;
        const isms_asset *dep = src_supports ? rel.dst : rel.src;
        for (int k = 0; k < ISMS_ASPECTS; k++) {
            isms_provenance ps, pd;
            if (effective(sup, (isms_aspect)k, &ps) || effective(dep, (isms_aspect)k, &pd))
                return 1;
            if (pd.level != ISMS_CLASS_UNSET && ps.level < pd.level) {
                fflush(stdout);
                fprintf(stderr, "bench-classify: %s %s %s: %s has %s %d below %d of %s\n",
                        isms_asset_id(rel.src), isms_relkind_name(rel.kind),
                        isms_asset_id(rel.dst), isms_asset_id(sup),
                        isms_aspect_label((isms_aspect)k, ISMS_LANG_EN), ps.level, pd.level,
                        isms_asset_id(dep));
                return 1;
            }
        }
    }
    return 0;
}

/* Sampled assets: at least their assessment and floors; an inherited level is the own level
 * (assessed or floor) of the asset it names. */
static int check_assets(const isms_inventory *inv, size_t samples)
{
    isms_floors floors;
    if (isms_inventory_floors(&floors, inv) != ISMS_OK)
        return fail("isms_inventory_floors");
    size_t n = isms_inventory_count(inv);
    for (size_t s = 0; s < samples; s++) {
        const isms_asset *a = isms_inventory_at(inv, below(n));
        unsigned pdata = isms_asset_pdata(a);
        for (int k = 0; k < ISMS_ASPECTS; k++) {
            isms_provenance p;
            if (effective(a, (isms_aspect)k, &p))
                return 1;
            int least = isms_asset_level(a, (isms_aspect)k);
            for (int bit = 0; bit < 4; bit++)
                if ((pdata & (1u << bit)) && floors.min[bit][k] > least)
                    least = floors.min[bit][k];
            const char *bad = NULL;
            if (p.level < least)
                bad = "below its assessment or floor";
            else if (p.origin == ISMS_ORIGIN_INHERITED) {
                isms_provenance pf;
                if (!p.from)
                    bad = "inherited from no asset";
                else if (effective(p.from, (isms_aspect)k, &pf))
                    return 1;
                else if (pf.level != p.level ||
                         (pf.origin != ISMS_ORIGIN_ASSESSED && pf.origin != ISMS_ORIGIN_FLOOR))
                    bad = "inherited a level that is not the named asset's own";
            } else if (p.origin == ISMS_ORIGIN_ASSESSED &&
                       p.level != isms_asset_level(a, (isms_aspect)k)) {
                bad = "assessed but not the assessment";
            } else if (p.origin == ISMS_ORIGIN_UNCLASSIFIED && p.level != ISMS_CLASS_UNSET) {
                bad = "unclassified with a level";
            }
            if (bad) {
                fflush(stdout);
                fprintf(stderr, "bench-classify: %s, %s %d (origin %d): %s\n", isms_asset_id(a),
                        isms_aspect_label((isms_aspect)k, ISMS_LANG_EN), p.level, (int)p.origin,
                        bad);
                return 1;
            }
        }
    }
    return 0;
}

/* ---- measuring ------------------------------------------------------------------------ */

static void row(const char *phase, double seconds, const char *target, size_t assets,
                size_t relations)
{
    printf("%-44s %9.3f ", phase, seconds);
    print_right(target, 8);
    print_rate(assets, seconds, 12);
    print_rate(relations, seconds, 13);
    putchar('\n');
}

int main(int argc, char **argv)
{
    size_t n_assets = argc > 1 ? strtoull(argv[1], NULL, 10) : 1000000;
    size_t n_rel = argc > 2 ? strtoull(argv[2], NULL, 10) : 5000000;
    int runs = argc > 3 ? atoi(argv[3]) : 3;
    if (n_assets < 1000)
        n_assets = 1000;
    if (runs < 1)
        runs = 1;

    isms_inventory *inv = NULL;
    by_type bt = { { NULL }, { 0 } };
    isms_asset_type *types = malloc(n_assets * sizeof *types);
    if (!types)
        return fail("out of memory");
    if (isms_inventory_new(&inv, NULL) != ISMS_OK)
        return fail("isms_inventory_new");

    double t0 = now();
    if (add_assets(inv, n_assets, &bt, types))
        return 1;
    double t_assets = now() - t0;
    size_t redrawn = 0;
    t0 = now();
    if (add_relations(inv, n_rel, &bt, &redrawn))
        return 1;
    double t_links = now() - t0;
    free(types);

    printf("libisms %s: classification of %zu assets (%zu information, %zu systems), %zu "
           "relations (%zu duplicates drawn again); best of %d runs, one thread\n",
           isms_version(), n_assets, bt.count[ISMS_ASSET_INFORMATION],
           bt.count[ISMS_ASSET_SYSTEM], n_rel, redrawn, runs);
    print_load();
    printf("%-44s %9s %8s %12s %13s\n", "phase", "seconds", "target", "assets/s",
           "relations/s");
    row("build: add assets (isms_inventory_add, ...)", t_assets, "–", n_assets, 0);
    row("build: add relations (isms_inventory_link)", t_links, "–", 0, n_rel);
    row("build: total", t_assets + t_links, "–", n_assets, n_rel);

    double best = 1e30;
    for (int r = 0; r < runs; r++) {
        t0 = now();
        if (isms_inventory_classify(inv) != ISMS_OK)
            return fail("isms_inventory_classify");
        double dt = now() - t0;
        best = dt < best ? dt : best;
    }
    row("classify (isms_inventory_classify)", best, "< 1 s", n_assets, n_rel);

    isms_findings *findings = NULL;
    if (isms_findings_new(&findings, ISMS_LANG_EN) != ISMS_OK)
        return fail("isms_findings_new");
    isms_date today = { 2025, 1, 15 };
    t0 = now();
    if (isms_inventory_lint(findings, inv, today) != ISMS_OK)
        return fail("isms_inventory_lint");
    double t_lint = now() - t0;
    row("lint (isms_inventory_lint)", t_lint, "–", n_assets, n_rel);

    isms_inventory_summary sum;
    t0 = now();
    if (isms_inventory_summarise(&sum, inv) != ISMS_OK)
        return fail("isms_inventory_summarise");
    row("summarise (isms_inventory_summarise)", now() - t0, "–", n_assets, 0);
    double peak = peak_mib();
    printf("peak resident memory (ru_maxrss): %.1f MiB (%.0f bytes per asset and relation)\n",
           peak, peak * 1048576.0 / (double)(n_assets + n_rel));

    /* Checks. */
    if (sum.total != n_assets)
        return wrong("assets in the summary", sum.total, n_assets);
    if (isms_inventory_relation_count(inv) != n_rel)
        return wrong("relations", isms_inventory_relation_count(inv), n_rel);
    for (int t = 0; t < ISMS_ASSET_TYPES; t++)
        if (sum.per_type[t] != bt.count[t])
            return wrong(isms_asset_type_label((isms_asset_type)t, ISMS_LANG_EN),
                         sum.per_type[t], bt.count[t]);
    if (check_high_water(inv, 10000) || check_assets(inv, 10000))
        return 1;

    size_t on_cycle = 0;
    for (size_t i = 0; i < n_assets; i++) {
        isms_provenance p;
        if (effective(isms_inventory_at(inv, i), ISMS_ASPECT_CONFIDENTIALITY, &p))
            return 1;
        on_cycle += p.cycle;
    }

    printf("\nassets per overall class: unclassified %zu", sum.per_overall[0]);
    for (int v = 1; v <= 10; v++)
        if (sum.per_overall[v])
            printf(", %d: %zu", v - 1, sum.per_overall[v]);
    printf("; with personal data %zu; on cycles %zu\n", sum.with_pdata, on_cycle);
    printf("findings: %zu (%zu errors, %zu warnings)\n", isms_findings_count(findings),
           isms_findings_count_severity(findings, ISMS_SEVERITY_ERROR),
           isms_findings_count_severity(findings, ISMS_SEVERITY_WARNING));
    printf("checked: counts per type, high-water mark on 10000 relations, floors and "
           "provenance of 10000 assets\n");
    bench_about("classify", "an inventory of %zu assets with %zu relations, best of %d runs",
                n_assets, n_rel, runs);
    bench_result("classify", "build: add assets (isms_inventory_add, ...)",
                 (double)n_assets / t_assets / 1e3, "k assets/s");
    bench_result("classify", "build: add relations (isms_inventory_link)",
                 (double)n_rel / t_links / 1e3, "k relations/s");
    bench_result("classify", "classify (isms_inventory_classify; target < 1 s)", best, "s");
    bench_result("classify", "lint (isms_inventory_lint)", t_lint, "s");
    bench_result("classify", "peak resident memory", peak, "MiB");

    isms_findings_free(findings);
    isms_inventory_free(inv);
    for (int t = 0; t < ISMS_ASSET_TYPES; t++)
        free(bt.index[t]);
    return 0;
}
