/* Ordering a plan of 1,000,000 actions with 3,000,000 prerequisites, and scheduling one of
 * 100,000 actions over 12 quarters.
 *
 * usage: bench-plan [--export FILE] [--order-only] [ACTIONS [SCHEDULED]]
 *        (default 1000000 actions, 100000 scheduled)
 *
 * (a) Order. Action i (0 … ACTIONS − 1, in generation order) is named "A%07u" and gets
 *     min(i, 3) distinct prerequisites drawn uniformly among the actions generated before it,
 *     so the generation order is a topological order. The graph comes from a splitmix64
 *     sequence of its own (seed GRAPH_SEED), which tests/bench/networkx-plan.py repeats to
 *     build the identical graph. The actions are added to the plan in a shuffled order
 *     (insertion order is not a topological order) with varied efforts (0.5–120 person-days,
 *     5 % unknown), due dates (2024-07 … 2027-12, 10 % none) and statuses (2 % done,
 *     1 % cancelled: met prerequisites, left out of the order); the reference date is
 *     2025-01-15. isms_plan_prioritise() is timed twice (target for the first call: under
 *     1 s on one core) and the result is checked: every open action exactly once, every open
 *     prerequisite before its dependent, and among the actions ready at each step the first
 *     by (higher score, earlier due date, id) comes next.
 *     With --export FILE the scores, due dates and positions go to FILE for networkx-plan.py
 *     (a line "n ACTIONS seconds T" and then "index score due position" per action, in
 *     generation order; due is YYYYMMDD or 0, position −1 for done and cancelled actions).
 * (b) Schedule. SCHEDULED actions with 0–2 prerequisites among the 50 generated before each,
 *     40 owners (10 with a capacity of their own), 1 % recurring (yearly, tertial, quarterly),
 *     1 % in progress, over 12 quarters from 2025-01-01 with a capacity per quarter;
 *     isms_plan_schedule() is timed and the schedule is checked: every placed action's
 *     prerequisites placed (a recurring one: its first occurrence) in the same or an earlier
 *     quarter, the loads within the capacities apart from recurring and in-progress actions,
 *     and every open action placed or listed as unscheduled.
 *
 * The key figures are also printed as result lines for tests/bench/run-all.py. The program
 * fails only when a result is wrong, never because of a time.
 */
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench-util.h"
#include "isms.h"

enum { GRAPH_SEED = 20250115, ATTR_SEED = 4711, SHUFFLE_SEED = 1066, PREREQS = 3 };

/* ---- random numbers --------------------------------------------------------------------- */

/* splitmix64: simple to repeat in Python (networkx-plan.py does). */
static uint64_t splitmix64(uint64_t *state)
{
    uint64_t z = (*state += 0x9E3779B97F4A7C15u);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
}

/* A number below n (n < 2^32): the high 32 bits of the next value, scaled. */
static uint32_t below(uint64_t *state, uint32_t n)
{
    return (uint32_t)(((splitmix64(state) >> 32) * (uint64_t)n) >> 32);
}

/* ---- reporting -------------------------------------------------------------------------- */

static int fail(const char *what)
{
    const isms_error *e = isms_error_last();
    fflush(stdout);
    fprintf(stderr, "bench-plan: %s: %s (%s)\n", what, isms_strerror(e->code), e->message);
    return 1;
}

static int wrong(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A wrong result: says what, and returns 1. */
static int wrong(const char *fmt, ...)
{
    va_list ap;
    fflush(stdout);
    fprintf(stderr, "bench-plan: ");
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    return 1;
}

static void row(const char *phase, double seconds, const char *target, size_t actions,
                size_t links)
{
    printf("%-46s %9.3f ", phase, seconds);
    print_right(target, 8);
    print_rate(actions, seconds, 12);
    print_rate(links, seconds, 12);
    putchar('\n');
}

static void header(void)
{
    printf("%-46s %9s %8s %12s %12s\n", "phase", "seconds", "target", "actions/s", "links/s");
}

/* ---- generating ------------------------------------------------------------------------- */

static void action_id(char *buf, size_t size, uint32_t i)
{
    snprintf(buf, size, "A%07u", i);
}

/* The generation index of an action named by action_id(). */
static uint32_t action_index(const isms_action *a)
{
    return (uint32_t)strtoul(isms_action_id(a) + 1, NULL, 10);
}

/* The prerequisites of every action, min(i, PREREQS) distinct ones among 0 … i − 1 each,
 * drawn from the graph's own sequence: pre[PREREQS * i + k], UINT32_MAX where there are
 * fewer. */
static uint32_t *generate_graph(uint32_t n, size_t *links)
{
    uint32_t *pre = malloc((size_t)n * PREREQS * sizeof *pre);
    if (!pre)
        return NULL;
    uint64_t s = GRAPH_SEED;
    *links = 0;
    for (uint32_t i = 0; i < n; i++) {
        uint32_t *p = pre + (size_t)PREREQS * i;
        uint32_t k = i < PREREQS ? i : PREREQS;
        for (uint32_t j = 0; j < PREREQS; j++)
            p[j] = UINT32_MAX;
        for (uint32_t j = 0; j < k;) {
            uint32_t c = below(&s, i);
            bool dup = false;
            for (uint32_t m = 0; m < j; m++)
                dup |= p[m] == c;
            if (!dup)
                p[j++] = c;
        }
        *links += k;
    }
    return pre;
}

/* A permutation of 0 … n − 1 (Fisher–Yates). */
static uint32_t *shuffled(uint32_t n, uint64_t seed)
{
    uint32_t *perm = malloc((size_t)n * sizeof *perm);
    if (!perm)
        return NULL;
    for (uint32_t i = 0; i < n; i++)
        perm[i] = i;
    uint64_t s = seed;
    for (uint32_t i = n; i > 1; i--) {
        uint32_t j = below(&s, i);
        uint32_t t = perm[i - 1];
        perm[i - 1] = perm[j];
        perm[j] = t;
    }
    return perm;
}

static const double efforts[] = { 0.5, 1, 2, 3, 5, 8, 10, 15, 20, 40, 60, 120 };

/* Attributes of one action: effort (< 0 unknown), due date (year 0: none), status. */
typedef struct attrs {
    double effort;
    isms_date due;
    isms_action_status status;
} attrs;

static attrs random_attrs(uint64_t *s)
{
    attrs a;
    a.effort = below(s, 100) < 5 ? -1 : efforts[below(s, sizeof efforts / sizeof *efforts)];
    if (below(s, 100) < 10) {
        a.due = (isms_date){ 0, 0, 0 };
    } else {
        uint32_t m = below(s, 42); /* 2024-07 … 2027-12 */
        a.due = (isms_date){ 2024 + (int)((m + 6) / 12), 1 + (int)((m + 6) % 12),
                             1 + (int)below(s, 28) };
    }
    uint32_t st = below(s, 100);
    a.status = st < 2 ? ISMS_ACTION_DONE : st < 3 ? ISMS_ACTION_CANCELLED : ISMS_ACTION_PROPOSED;
    return a;
}

static int set_attrs(isms_action *a, const attrs *at)
{
    char due[16];
    if (at->effort >= 0 && isms_action_set_effort(a, at->effort) != ISMS_OK)
        return fail("isms_action_set_effort");
    if (at->due.year) {
        isms_date_format(due, sizeof due, at->due);
        if (isms_action_set(a, ISMS_ACTION_DUE, due) != ISMS_OK)
            return fail("isms_action_set");
    }
    if (at->status != ISMS_ACTION_PROPOSED && isms_action_set_status(a, at->status) != ISMS_OK)
        return fail("isms_action_set_status");
    return 0;
}

/* ---- (a) order -------------------------------------------------------------------------- */

/* The order key of an action: higher score first, then earlier due date (none last), then
 * id; ids are zero-padded, so their natural order is the order of the indices. */
typedef struct key {
    double score;
    long due; /* YYYYMMDD, LONG_MAX when none */
    uint32_t index;
} key;

static int key_before(const key *x, const key *y)
{
    if (x->score != y->score)
        return x->score > y->score;
    if (x->due != y->due)
        return x->due < y->due;
    return x->index < y->index;
}

/* Checks the order: each open action once; among the actions whose open prerequisites are all
 * placed, the next one is the first by key. An independent Kahn's algorithm with a heap on
 * the key, compared step by step (so it also checks prerequisites before dependents). */
typedef struct heap {
    uint32_t *v;
    size_t n;
    const key *keys;
} heap;

static void heap_push(heap *h, uint32_t x)
{
    size_t i = h->n++;
    while (i > 0) {
        size_t p = (i - 1) / 2;
        if (!key_before(&h->keys[x], &h->keys[h->v[p]]))
            break;
        h->v[i] = h->v[p];
        i = p;
    }
    h->v[i] = x;
}

static uint32_t heap_pop(heap *h)
{
    uint32_t top = h->v[0], x = h->v[--h->n];
    size_t i = 0;
    for (;;) {
        size_t c = 2 * i + 1;
        if (c >= h->n)
            break;
        if (c + 1 < h->n && key_before(&h->keys[h->v[c + 1]], &h->keys[h->v[c]]))
            c++;
        if (!key_before(&h->keys[h->v[c]], &h->keys[x]))
            break;
        h->v[i] = h->v[c];
        i = c;
    }
    if (h->n)
        h->v[i] = x;
    return top;
}

static long due_key(const isms_action *a)
{
    isms_period p = isms_action_due(a);
    if (p.kind == ISMS_PERIOD_NONE || p.kind == ISMS_PERIOD_UNPARSED)
        return 0;
    return p.end.year * 10000L + p.end.month * 100L + p.end.day;
}

static int check_order(isms_action **order, size_t n_order, uint32_t n, const uint32_t *pre,
                       const bool *open, size_t n_open, key *keys, int32_t *pos)
{
    if (n_order != n_open) {
        fflush(stdout);
        fprintf(stderr, "bench-plan: %zu actions in the order, %zu open\n", n_order, n_open);
        return 1;
    }
    for (uint32_t i = 0; i < n; i++)
        pos[i] = -1;
    for (size_t k = 0; k < n_order; k++) {
        uint32_t i = action_index(order[k]);
        if (i >= n || !open[i] || pos[i] >= 0)
            return wrong("%s is in the order twice or should not be there",
                         isms_action_id(order[k]));
        pos[i] = (int32_t)k;
        double sc = isms_action_score(order[k]);
        if (!(sc >= 0) || !isfinite(sc))
            return wrong("%s has no valid score", isms_action_id(order[k]));
        long d = due_key(order[k]);
        keys[i] = (key){ sc, d ? d : LONG_MAX, i };
    }
    /* Kahn's algorithm over the open actions: waiting[i] open prerequisites not yet placed;
     * dependents in compressed rows. */
    uint32_t *waiting = calloc(n, sizeof *waiting);
    size_t *rowp = calloc((size_t)n + 1, sizeof *rowp);
    uint32_t *dep = malloc((size_t)n * PREREQS * sizeof *dep + 1);
    heap h = { malloc((size_t)n * sizeof(uint32_t) + 1), 0, keys };
    int rc = 1;
    if (!waiting || !rowp || !dep || !h.v) {
        fprintf(stderr, "bench-plan: out of memory\n");
        goto out;
    }
    for (uint32_t i = 0; i < n; i++)
        for (int j = 0; j < PREREQS && open[i]; j++) {
            uint32_t p = pre[(size_t)PREREQS * i + j];
            if (p != UINT32_MAX && open[p]) {
                waiting[i]++;
                rowp[p + 1]++;
            }
        }
    for (uint32_t i = 0; i < n; i++)
        rowp[i + 1] += rowp[i];
    {
        size_t *fill = malloc(((size_t)n + 1) * sizeof *fill);
        if (!fill) {
            fprintf(stderr, "bench-plan: out of memory\n");
            goto out;
        }
        memcpy(fill, rowp, ((size_t)n + 1) * sizeof *fill);
        for (uint32_t i = 0; i < n; i++)
            for (int j = 0; j < PREREQS && open[i]; j++) {
                uint32_t p = pre[(size_t)PREREQS * i + j];
                if (p != UINT32_MAX && open[p])
                    dep[fill[p]++] = i;
            }
        free(fill);
    }
    for (uint32_t i = 0; i < n; i++)
        if (open[i] && waiting[i] == 0)
            heap_push(&h, i);
    for (size_t k = 0; k < n_order; k++) {
        if (h.n == 0) {
            wrong("no action ready at position %zu", k);
            goto out;
        }
        uint32_t next = heap_pop(&h);
        uint32_t got = action_index(order[k]);
        if (next != got) {
            char a[24], b[24];
            action_id(a, sizeof a, got);
            action_id(b, sizeof b, next);
            bool ready = true;
            for (int j = 0; j < PREREQS; j++) {
                uint32_t p = pre[(size_t)PREREQS * got + j];
                if (p != UINT32_MAX && open[p] && pos[p] >= (int32_t)k)
                    ready = false;
            }
            if (!ready)
                wrong("%s comes before one of its prerequisites (expected %s)", a, b);
            else
                wrong("%s comes where %s, ready and first by score, due date and id, "
                      "should", a, b);
            goto out;
        }
        for (size_t e = rowp[next]; e < rowp[next + 1]; e++)
            if (--waiting[dep[e]] == 0)
                heap_push(&h, dep[e]);
    }
    rc = 0;
out:
    free(waiting);
    free(rowp);
    free(dep);
    free(h.v);
    return rc;
}

static int export_order(const char *path, uint32_t n, isms_plan *plan, const int32_t *pos,
                        double seconds)
{
    FILE *f = fopen(path, "w");
    if (!f) {
        perror(path);
        return 1;
    }
    char id[24];
    fprintf(f, "n %u seconds %.6f\n", n, seconds);
    for (uint32_t i = 0; i < n; i++) {
        action_id(id, sizeof id, i);
        const isms_action *a = isms_plan_find(plan, id);
        double sc = pos[i] >= 0 ? isms_action_score(a) : -1.0;
        fprintf(f, "%u %.17g %ld %d\n", i, sc, due_key(a), pos[i]);
    }
    if (fclose(f) != 0) {
        perror(path);
        return 1;
    }
    return 0;
}

static int bench_order(uint32_t n, const char *export_path)
{
    size_t links = 0;
    uint32_t *pre = generate_graph(n, &links);
    uint32_t *perm = shuffled(n, SHUFFLE_SEED);
    attrs *at = malloc((size_t)n * sizeof *at);
    bool *open = malloc((size_t)n * sizeof *open);
    key *keys = malloc((size_t)n * sizeof *keys);
    int32_t *pos = malloc((size_t)n * sizeof *pos);
    if (!pre || !perm || !at || !open || !keys || !pos) {
        fprintf(stderr, "bench-plan: out of memory\n");
        return 1;
    }
    uint64_t s = ATTR_SEED;
    size_t n_open = 0, n_done = 0, n_cancelled = 0;
    for (uint32_t i = 0; i < n; i++) {
        at[i] = random_attrs(&s);
        open[i] = at[i].status == ISMS_ACTION_PROPOSED;
        n_open += open[i];
        n_done += at[i].status == ISMS_ACTION_DONE;
        n_cancelled += at[i].status == ISMS_ACTION_CANCELLED;
    }

    isms_plan *plan = NULL;
    if (isms_plan_new(&plan, 2025) != ISMS_OK)
        return fail("isms_plan_new");
    char id[24];
    double t0 = now();
    for (uint32_t k = 0; k < n; k++) {
        uint32_t i = perm[k];
        isms_action *a;
        action_id(id, sizeof id, i);
        if (isms_plan_add(&a, plan, id, NULL) != ISMS_OK)
            return fail("isms_plan_add");
        if (set_attrs(a, &at[i]))
            return 1;
    }
    double t_add = now() - t0;
    t0 = now();
    for (uint32_t k = 0; k < n; k++) {
        uint32_t i = perm[k];
        action_id(id, sizeof id, i);
        isms_action *a = isms_plan_find(plan, id);
        for (int j = 0; j < PREREQS; j++) {
            uint32_t p = pre[(size_t)PREREQS * i + j];
            if (p == UINT32_MAX)
                continue;
            action_id(id, sizeof id, p);
            if (isms_action_add_prerequisite(a, id) != ISMS_OK)
                return fail("isms_action_add_prerequisite");
        }
    }
    double t_links = now() - t0;

    printf("libisms %s: (a) ordering %u actions (%zu open, %zu done, %zu cancelled) with %zu "
           "prerequisites, added in a shuffled order; one thread\n",
           isms_version(), n, n_open, n_done, n_cancelled, links);
    print_load();
    header();
    row("build: add actions, effort, due, status", t_add, "–", n, 0);
    row("build: add prerequisites", t_links, "–", 0, links);

    isms_priority w = isms_priority_default();
    w.today = (isms_date){ 2025, 1, 15 };
    isms_action **order = NULL;
    size_t n_order = 0;
    double peak_built = peak_mib();
    t0 = now();
    if (isms_plan_prioritise(&order, &n_order, plan, &w) != ISMS_OK)
        return fail("isms_plan_prioritise");
    double t_first = now() - t0;
    row("prioritise, first call (isms_plan_prioritise)", t_first, "< 1 s", n, links);
    double peak_first = peak_mib();

    if (check_order(order, n_order, n, pre, open, n_open, keys, pos))
        return 1;

    isms_action **order2 = NULL;
    size_t n_order2 = 0;
    t0 = now();
    if (isms_plan_prioritise(&order2, &n_order2, plan, &w) != ISMS_OK)
        return fail("isms_plan_prioritise (second call)");
    double t_second = now() - t0;
    row("prioritise, second call", t_second, "–", n, links);
    if (n_order2 != n_order || memcmp(order, order2, n_order * sizeof *order) != 0)
        return wrong("the second call gave another order");
    isms_free(order2);

    printf("target (first call under 1 s): %s (%.3f s)\n", t_first < 1.0 ? "met" : "not met",
           t_first);
    printf("peak resident memory (ru_maxrss): %.1f MiB with the plan built (and the "
           "generator's arrays), %.1f MiB after the first call, %.1f MiB after the check\n",
           peak_built, peak_first, peak_mib());
    double lo = 1e300, hi = 0;
    for (size_t k = 0; k < n_order; k++) {
        double sc = isms_action_score(order[k]);
        lo = sc < lo ? sc : lo;
        hi = sc > hi ? sc : hi;
    }
    printf("scores %.4f … %.4f; first %s, last %s\n", lo, hi, isms_action_id(order[0]),
           isms_action_id(order[n_order - 1]));
    printf("checked: every open action once; at every step the next action is ready (its "
           "open prerequisites placed) and first by score, due date and id\n");
    bench_about("plan", "(a) order: %u actions (%zu open) with %zu prerequisites, added in a "
                "shuffled order", n, n_open, links);
    bench_result("plan", "build: add actions, effort, due, status (isms_plan_add, ...)",
                 (double)n / t_add / 1e3, "k actions/s");
    bench_result("plan", "build: add prerequisites (isms_action_add_prerequisite)",
                 (double)links / t_links / 1e3, "k links/s");
    bench_result("plan", "order, first call (isms_plan_prioritise; target < 1 s)", t_first,
                 "s");
    bench_result("plan", "order, second call", t_second, "s");

    int rc = 0;
    if (export_path) {
        rc = export_order(export_path, n, plan, pos, t_first);
        if (!rc)
            printf("exported scores, due dates and positions to %s\n", export_path);
    }
    isms_free(order);
    isms_plan_free(plan);
    free(pre);
    free(perm);
    free(at);
    free(open);
    free(keys);
    free(pos);
    return rc;
}

/* ---- (b) schedule ----------------------------------------------------------------------- */

enum { OWNERS = 40, OWNERS_CAPPED = 10, QUARTERS = 12, WINDOW = 50 };

static int bench_schedule(uint32_t n)
{
    uint64_t s = ATTR_SEED ^ 0xABCDEFu;
    isms_plan *plan = NULL;
    if (isms_plan_new(&plan, 2025) != ISMS_OK)
        return fail("isms_plan_new");
    char id[24], owner[32], pid[24];
    char owner_names[OWNERS_CAPPED][32];
    const char *owners[OWNERS_CAPPED];
    double owner_cap[OWNERS_CAPPED];
    for (int o = 0; o < OWNERS_CAPPED; o++) {
        snprintf(owner_names[o], sizeof owner_names[o], "Förvaltning %02d", o);
        owners[o] = owner_names[o];
        owner_cap[o] = 3000;
    }
    size_t links = 0, recurring = 0, in_progress = 0;
    double total_effort = 0;
    double t0 = now();
    for (uint32_t i = 0; i < n; i++) {
        isms_action *a;
        action_id(id, sizeof id, i);
        if (isms_plan_add(&a, plan, id, NULL) != ISMS_OK)
            return fail("isms_plan_add");
        attrs at = random_attrs(&s);
        if (at.effort < 0)
            at.effort = 5;
        uint32_t r = below(&s, 100);
        if (r == 0) {
            static const isms_recurrence rec[] = { ISMS_RECUR_YEARLY, ISMS_RECUR_TERTIAL,
                                                   ISMS_RECUR_QUARTER };
            if (isms_action_set_recurrence(a, rec[below(&s, 3)]) != ISMS_OK)
                return fail("isms_action_set_recurrence");
            at.effort = 1 + below(&s, 3);
            at.status = ISMS_ACTION_PROPOSED;
            recurring++;
        } else if (r == 1) {
            at.status = ISMS_ACTION_IN_PROGRESS;
            in_progress++;
        }
        total_effort += at.effort;
        if (set_attrs(a, &at))
            return 1;
        snprintf(owner, sizeof owner, "Förvaltning %02u", below(&s, OWNERS));
        if (isms_action_set(a, ISMS_ACTION_OWNER, owner) != ISMS_OK)
            return fail("isms_action_set");
        /* Actions in progress go to the first quarter whatever comes before them: none. */
        uint32_t k = i && at.status != ISMS_ACTION_IN_PROGRESS ? below(&s, 3) : 0;
        for (uint32_t j = 0; j < k; j++) {
            uint32_t lo = i > WINDOW ? i - WINDOW : 0;
            action_id(pid, sizeof pid, lo + below(&s, i - lo));
            int rc = isms_action_add_prerequisite(a, pid);
            if (rc != ISMS_OK)
                return fail("isms_action_add_prerequisite");
            links++;
        }
    }
    double t_build = now() - t0;

    isms_schedule_options opt = isms_schedule_options_default();
    opt.start = (isms_date){ 2025, 1, 1 };
    opt.unit = ISMS_PERIOD_QUARTER;
    opt.periods = QUARTERS;
    /* About 80 % of the work fits. */
    opt.capacity = floor(total_effort * 0.8 / QUARTERS);
    opt.owners = owners;
    opt.owner_capacity = owner_cap;
    opt.owner_count = OWNERS_CAPPED;
    opt.priority.today = (isms_date){ 2025, 1, 15 };

    printf("\n(b) scheduling %u actions (%zu prerequisites, %zu recurring, %zu in progress, "
           "%.0f person-days) over %d quarters, %.0f person-days per quarter, %d of %d owners "
           "%.0f each\n",
           n, links, recurring, in_progress, total_effort, QUARTERS, opt.capacity,
           OWNERS_CAPPED, OWNERS, owner_cap[0]);
    header();
    row("build: add actions, attributes, prerequisites", t_build, "–", n, links);
    isms_schedule *sched = NULL;
    t0 = now();
    if (isms_plan_schedule(&sched, plan, &opt) != ISMS_OK)
        return fail("isms_plan_schedule");
    double t_sched = now() - t0;
    row("schedule (isms_plan_schedule)", t_sched, "–", n, links);
    isms_schedule_free(sched);
    t0 = now();
    if (isms_plan_schedule(&sched, plan, &opt) != ISMS_OK)
        return fail("isms_plan_schedule");
    row("schedule, second call", now() - t0, "–", n, links);

    /* Checks. first[i]: the first quarter action i is placed in, −1 when not placed. */
    int *first = malloc((size_t)n * sizeof *first);
    if (!first) {
        fprintf(stderr, "bench-plan: out of memory\n");
        return 1;
    }
    for (uint32_t i = 0; i < n; i++)
        first[i] = -1;
    size_t placed = 0, slots = 0, late = 0;
    if (isms_schedule_period_count(sched) != QUARTERS)
        return wrong("the schedule has the wrong number of periods");
    for (size_t q = 0; q < QUARTERS; q++) {
        double plain = 0, all = 0;
        double own[OWNERS_CAPPED] = { 0 };
        for (size_t k = 0; k < isms_schedule_count(sched, q); k++) {
            isms_slot slot;
            if (isms_schedule_item(&slot, sched, q, k) != ISMS_OK)
                return fail("isms_schedule_item");
            uint32_t i = action_index(slot.action);
            slots++;
            late += slot.late;
            all += slot.effort;
            if (first[i] < 0) {
                first[i] = (int)q;
                placed++;
            }
            if (!slot.recurring && isms_action_get_status(slot.action) != ISMS_ACTION_IN_PROGRESS) {
                plain += slot.effort;
                const char *o = isms_action_get(slot.action, ISMS_ACTION_OWNER);
                for (int oi = 0; oi < OWNERS_CAPPED; oi++)
                    if (strcmp(o, owners[oi]) == 0)
                        own[oi] += slot.effort;
            }
        }
        if (fabs(all - isms_schedule_load(sched, q)) > 1e-6 * (all + 1))
            return wrong("the load of quarter %zu is not the sum of its slots", q + 1);
        if (plain > opt.capacity + 1e-6)
            return wrong("quarter %zu holds %.1f person-days, more than its capacity", q + 1,
                         plain);
        for (int oi = 0; oi < OWNERS_CAPPED; oi++)
            if (own[oi] > owner_cap[oi] + 1e-6)
                return wrong("%s holds more than its capacity in quarter %zu", owners[oi], q + 1);
    }
    size_t unplaced = isms_schedule_unscheduled_count(sched);
    for (size_t k = 0; k < unplaced; k++) {
        uint32_t i = action_index(isms_schedule_unscheduled(sched, k));
        if (first[i] >= 0)
            return wrong("%s is both placed and unscheduled",
                         isms_action_id(isms_schedule_unscheduled(sched, k)));
    }
    size_t open = 0;
    for (uint32_t i = 0; i < n; i++) {
        action_id(id, sizeof id, i);
        isms_action *a = isms_plan_find(plan, id);
        isms_action_status st = isms_action_get_status(a);
        bool is_open = st != ISMS_ACTION_DONE && st != ISMS_ACTION_CANCELLED;
        open += is_open;
        if (!is_open || first[i] < 0)
            continue;
        for (size_t j = 0; j < isms_action_prerequisite_count(a); j++) {
            const isms_action *p = isms_plan_find(plan, isms_action_prerequisite(a, j));
            isms_action_status ps = isms_action_get_status(p);
            if (ps == ISMS_ACTION_DONE || ps == ISMS_ACTION_CANCELLED)
                continue;
            int fp = first[action_index(p)];
            if (fp < 0 || fp > first[i])
                return wrong("%s (%s, %s) is placed in quarter %d, before its prerequisite %s "
                             "(%s, %s) in quarter %d", id, isms_action_status_name(st),
                             isms_recurrence_name(isms_action_recurrence(a)), first[i] + 1,
                             isms_action_id(p), isms_action_status_name(ps),
                             isms_recurrence_name(isms_action_recurrence(p)), fp + 1);
        }
    }
    if (placed + unplaced != open) {
        fflush(stdout);
        fprintf(stderr, "bench-plan: %zu placed + %zu unscheduled, %zu open\n", placed, unplaced,
                open);
        return 1;
    }
    const isms_findings *fd = isms_schedule_findings(sched);
    printf("placed %zu of %zu open actions in %zu slots (%zu late), unscheduled %zu; load per "
           "quarter:",
           placed, open, slots, late, unplaced);
    for (size_t q = 0; q < QUARTERS; q++)
        printf(" %.0f", isms_schedule_load(sched, q));
    printf("\nfindings: %zu (%zu warnings)\n", isms_findings_count(fd),
           isms_findings_count_severity(fd, ISMS_SEVERITY_WARNING));
    printf("checked: prerequisites (a recurring one: its first occurrence) in the same or an "
           "earlier quarter, loads within the capacities, every open action placed or "
           "unscheduled\n");
    printf("peak resident memory (ru_maxrss): %.1f MiB\n", peak_mib());
    bench_about("plan", "(b) schedule: %u actions (%zu prerequisites) over %d quarters with "
                "capacities", n, links, QUARTERS);
    bench_result("plan", "schedule (isms_plan_schedule)", t_sched, "s");
    free(first);
    isms_schedule_free(sched);
    isms_plan_free(plan);
    return 0;
}

int main(int argc, char **argv)
{
    const char *export_path = NULL;
    bool order_only = false;
    unsigned long nums[2] = { 1000000, 100000 };
    int k = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--export") == 0 && i + 1 < argc) {
            export_path = argv[++i];
        } else if (strcmp(argv[i], "--order-only") == 0) {
            order_only = true;
        } else if (argv[i][0] != '-' && k < 2) {
            nums[k++] = strtoul(argv[i], NULL, 10);
        } else {
            fprintf(stderr, "usage: %s [--export FILE] [--order-only] [ACTIONS [SCHEDULED]]\n",
                    argv[0]);
            return 2;
        }
    }
    uint32_t n = nums[0] < 10 ? 10 : nums[0] > 10000000 ? 10000000 : (uint32_t)nums[0];
    uint32_t m = nums[1] < 10 ? 10 : nums[1] > 10000000 ? 10000000 : (uint32_t)nums[1];
    if (bench_order(n, export_path))
        return 1;
    if (!order_only && bench_schedule(m))
        return 1;
    bench_result("plan", "peak resident memory", peak_mib(), "MiB");
    return 0;
}
