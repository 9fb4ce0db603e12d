/*
 * Monte Carlo simulation of FAIR models and its results.
 *
 * The iterations are cut into chunks of CHUNK; threads take chunks in any order, and each
 * chunk's moments are stored and merged in chunk order afterwards, so that the results are
 * bit-identical whatever the number of threads. Every draw comes from a stream keyed by
 * (seed, model, iteration, node) (quant-internal.h), so a chunk needs nothing from another.
 * All memory is allocated by the calling thread before the workers start: the workers
 * neither allocate nor report errors.
 */
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>
#include <unistd.h>

#include "methods/quant-internal.h"

#define CHUNK 4096
/* The stream that draws a year's number of events (after the tree's nodes). */
#define COUNT_STREAM ISMS_FAIR_NODE_COUNT

typedef struct moments {
    double n, mean, m2, min, max;
} moments;

/* A model made ready to draw. */
typedef struct plan {
    isms__sampler s[ISMS_FAIR_NODE_COUNT];
    bool given[ISMS_FAIR_NODE_COUNT];
    bool events;     /* count events, each with its own magnitude */
    bool lef_counts; /* lef is Poisson: its draws are the counts */
    bool share;      /* vulnerability is the share of iterations with tcap > rs */
    double vuln;     /* that share */
    uint64_t key;
} plan;

struct isms_simulation {
    size_t n_models, iterations;
    size_t n_series; /* models + portfolio, or 1 when one model is its own portfolio */
    char **names;    /* n_models */
    isms_sim_stats *stats; /* n_series; the last is the portfolio */
    double **samples;      /* n_series arrays, or NULL when not kept */
    double **sorted;       /* n_series, each made on first use under `lock` */
    pthread_mutex_t lock;
};

/* ---- helpers ------------------------------------------------------------------------------ */

/* a × b, false on overflow. */
static bool mul_size(size_t *out, size_t a, size_t b)
{
    if (b != 0 && a > SIZE_MAX / b)
        return false;
    *out = a * b;
    return true;
}

static void moments_of(moments *m, const double *x, size_t n)
{
    double sum = 0, lo = x[0], hi = x[0];
    for (size_t i = 0; i < n; i++) {
        sum += x[i];
        lo = x[i] < lo ? x[i] : lo;
        hi = x[i] > hi ? x[i] : hi;
    }
    double mean = sum / (double)n, m2 = 0;
    for (size_t i = 0; i < n; i++) {
        double d = x[i] - mean;
        m2 += d * d;
    }
    m->n = (double)n;
    m->mean = mean;
    m->m2 = m2;
    m->min = lo;
    m->max = hi;
}

/* Chan's pairwise update: a absorbs b. */
static void moments_merge(moments *a, const moments *b)
{
    if (a->n == 0) {
        *a = *b;
        return;
    }
    double n = a->n + b->n, d = b->mean - a->mean;
    a->mean += d * (b->n / n);
    a->m2 += b->m2 + d * d * (a->n * b->n / n);
    a->n = n;
    a->min = fmin(a->min, b->min);
    a->max = fmax(a->max, b->max);
}

static void stats_from(isms_sim_stats *s, const moments *m, size_t iterations)
{
    s->iterations = iterations;
    s->mean = m->mean;
    s->sd = iterations > 1 ? sqrt(m->m2 / (double)(iterations - 1)) : 0;
    s->min = m->min;
    s->max = m->max;
    s->ale = m->mean;
}

/* ---- one model ---------------------------------------------------------------------------- */

ISMS__HOT_INLINE double draw_node(const plan *p, unsigned node, uint64_t ik)
{
    const isms__sampler *s = &p->s[node];
    if (s->kind == ISMS__DRAW_CONST)
        return s->p[0];
    isms__rng r = isms__node_rng(ik, node);
    return isms__draw(s, &r);
}

ISMS__HOT_INLINE double loss_event_frequency(const plan *p, uint64_t ik)
{
    if (p->given[ISMS_FAIR_LEF])
        return draw_node(p, ISMS_FAIR_LEF, ik);
    double tef = p->given[ISMS_FAIR_TEF]
                     ? draw_node(p, ISMS_FAIR_TEF, ik)
                     : draw_node(p, ISMS_FAIR_CF, ik) * draw_node(p, ISMS_FAIR_POA, ik);
    double vuln = p->given[ISMS_FAIR_VULN] ? draw_node(p, ISMS_FAIR_VULN, ik) : p->vuln;
    return tef * vuln;
}

/* The magnitude streams of one iteration, so that each event draws anew. */
typedef struct magnitude {
    isms__rng r[ISMS_FAIR_NODE_COUNT];
} magnitude;

ISMS__HOT_INLINE void magnitude_init(magnitude *g, const plan *p, uint64_t ik)
{
    static const unsigned nodes[] = { ISMS_FAIR_LM, ISMS_FAIR_PL, ISMS_FAIR_SL, ISMS_FAIR_SLEF,
                                      ISMS_FAIR_SLEM };
    for (unsigned i = 0; i < sizeof nodes / sizeof *nodes; i++)
        if (p->given[nodes[i]] && p->s[nodes[i]].kind != ISMS__DRAW_CONST)
            g->r[nodes[i]] = isms__node_rng(ik, nodes[i]);
}

ISMS__HOT_INLINE double mdraw(const plan *p, magnitude *g, unsigned node)
{
    const isms__sampler *s = &p->s[node];
    if (s->kind == ISMS__DRAW_CONST)
        return s->p[0];
    return isms__draw(s, &g->r[node]);
}

ISMS__HOT_INLINE double loss_magnitude(const plan *p, magnitude *g)
{
    if (p->given[ISMS_FAIR_LM])
        return mdraw(p, g, ISMS_FAIR_LM);
    double loss = mdraw(p, g, ISMS_FAIR_PL);
    if (p->given[ISMS_FAIR_SL])
        loss += mdraw(p, g, ISMS_FAIR_SL);
    else if (p->given[ISMS_FAIR_SLEF])
        loss += mdraw(p, g, ISMS_FAIR_SLEF) * mdraw(p, g, ISMS_FAIR_SLEM);
    return loss;
}

/* Scratch of one worker for one chunk: the iterations' keys and node columns. */
typedef struct scratch {
    uint64_t *keys; /* CHUNK */
    double *a, *b, *c, *m; /* CHUNK each */
} scratch;

/* Draws node `node` for the n iterations whose keys are given, into out: one tight loop per
 * kind, which the processor overlaps across iterations better than a loop over the tree. */
static void fill_node(const plan *p, unsigned node, const uint64_t *keys, size_t n, double *out)
{
    const isms__sampler *s = &p->s[node];
    switch (s->kind) {
    case ISMS__DRAW_CONST:
        for (size_t j = 0; j < n; j++)
            out[j] = s->p[0];
        return;
    case ISMS__DRAW_UNIFORM: /* the draws isms__draw() makes inline */
    case ISMS__DRAW_PERT_TABLE:
        for (size_t j = 0; j < n; j++) {
            isms__rng r = isms__node_rng(keys[j], node);
            out[j] = isms__draw(s, &r);
        }
        return;
    default:
        for (size_t j = 0; j < n; j++) {
            isms__rng r = isms__node_rng(keys[j], node);
            out[j] = isms__draw_slow(s, &r);
        }
        return;
    }
}

static void iteration_keys(uint64_t *keys, const plan *p, size_t start, size_t n)
{
    for (size_t j = 0; j < n; j++)
        keys[j] = isms__iter_key(p->key, start + j);
}

/* The annual losses of iterations [start, start + n) into out, node by node: the same
 * numbers, operation for operation, as the loop over iterations below. */
static void rate_chunk(const plan *p, const scratch *w, size_t n, double *out)
{
    const uint64_t *k = w->keys;
    double *lef = w->a, *b = w->b, *c = w->c, *lm = w->m;
    if (p->given[ISMS_FAIR_LEF]) {
        fill_node(p, ISMS_FAIR_LEF, k, n, lef);
    } else {
        if (p->given[ISMS_FAIR_TEF]) {
            fill_node(p, ISMS_FAIR_TEF, k, n, lef);
        } else {
            fill_node(p, ISMS_FAIR_CF, k, n, lef);
            fill_node(p, ISMS_FAIR_POA, k, n, b);
            for (size_t j = 0; j < n; j++)
                lef[j] *= b[j];
        }
        if (p->given[ISMS_FAIR_VULN]) {
            fill_node(p, ISMS_FAIR_VULN, k, n, b);
            for (size_t j = 0; j < n; j++)
                lef[j] *= b[j];
        } else {
            for (size_t j = 0; j < n; j++)
                lef[j] *= p->vuln;
        }
    }
    if (p->given[ISMS_FAIR_LM]) {
        fill_node(p, ISMS_FAIR_LM, k, n, lm);
    } else {
        fill_node(p, ISMS_FAIR_PL, k, n, lm);
        if (p->given[ISMS_FAIR_SL]) {
            fill_node(p, ISMS_FAIR_SL, k, n, b);
            for (size_t j = 0; j < n; j++)
                lm[j] += b[j];
        } else if (p->given[ISMS_FAIR_SLEF]) {
            fill_node(p, ISMS_FAIR_SLEF, k, n, b);
            fill_node(p, ISMS_FAIR_SLEM, k, n, c);
            for (size_t j = 0; j < n; j++)
                lm[j] += b[j] * c[j];
        }
    }
    for (size_t j = 0; j < n; j++)
        out[j] = lef[j] * lm[j];
}

/* The annual losses of iterations [start, start + n) into out. */
static void model_chunk(const plan *p, const scratch *w, size_t start, size_t n, double *out)
{
    iteration_keys(w->keys, p, start, n);
    if (!p->events) {
        rate_chunk(p, w, n, out);
        return;
    }
    for (size_t j = 0; j < n; j++) {
        uint64_t ik = w->keys[j];
        double lef = loss_event_frequency(p, ik);
        magnitude g;
        magnitude_init(&g, p, ik);
        double count = lef;
        if (!p->lef_counts) {
            isms__rng r = isms__node_rng(ik, COUNT_STREAM);
            count = isms__poisson(lef, &r);
        }
        double loss = 0;
        for (double e = 0; e < count; e++)
            loss += loss_magnitude(p, &g);
        out[j] = loss;
    }
}

/* Iterations in [start, start + n) where the drawn tcap exceeds the drawn rs. */
static uint64_t share_chunk(const plan *p, const scratch *w, size_t start, size_t n)
{
    iteration_keys(w->keys, p, start, n);
    fill_node(p, ISMS_FAIR_TCAP, w->keys, n, w->a);
    fill_node(p, ISMS_FAIR_RS, w->keys, n, w->b);
    uint64_t count = 0;
    for (size_t j = 0; j < n; j++)
        count += w->a[j] > w->b[j];
    return count;
}

static void plans_free(plan *plans, size_t n)
{
    if (!plans)
        return;
    for (size_t m = 0; m < n; m++)
        for (unsigned k = 0; k < ISMS_FAIR_NODE_COUNT; k++)
            isms__sampler_free(&plans[m].s[k]);
    isms__free(plans);
}

static int plan_init(plan *p, const isms_fair *model, uint64_t seed, size_t index)
{
    p->key = isms__model_key(seed, index);
    p->events = model->events;
    for (unsigned k = 0; k < ISMS_FAIR_NODE_COUNT; k++) {
        p->given[k] = model->given[k];
        if (!model->given[k])
            continue;
        double lo, hi;
        isms__fair_node_range((isms_fair_node)k, &lo, &hi);
        int rc = isms__sampler_init(&p->s[k], &model->dist[k], lo, hi);
        if (rc != ISMS_OK)
            return rc;
    }
    p->lef_counts = model->given[ISMS_FAIR_LEF] &&
                    model->dist[ISMS_FAIR_LEF].kind == ISMS_DIST_POISSON;
    p->share = !model->given[ISMS_FAIR_LEF] && !model->given[ISMS_FAIR_VULN];
    return ISMS_OK;
}

/* ---- workers ------------------------------------------------------------------------------ */

/* Chunks are handed out in blocks of up to BLOCK, and a worker runs a whole block model by
 * model, so that a model's tables stay in the cache for BLOCK × CHUNK iterations. The block
 * size changes only who computes which chunk, never the numbers. */
#define BLOCK 8

typedef struct job {
    const plan *plans;
    size_t n_models, n_series, iterations, chunks, block, blocks;
    int phase; /* 0: vulnerability shares; 1: losses */
    double **samples;  /* kept samples, or NULL */
    moments *chunk_moments; /* chunks × n_series */
    atomic_size_t next;
} job;

typedef struct worker {
    job *job;
    scratch s;
    double *loss;      /* CHUNK: a model's losses when samples are not kept */
    double *portfolio; /* BLOCK × CHUNK: the portfolio's when samples are not kept */
    uint64_t *counts;  /* n_models, phase 0 */
    pthread_t thread;
} worker;

/* The iterations of chunk c: *start and the count. */
static size_t chunk_span(const job *jb, size_t c, size_t *start)
{
    *start = c * CHUNK;
    size_t n = jb->iterations - *start;
    return n < CHUNK ? n : CHUNK;
}

static void run_block(worker *w, size_t b)
{
    const job *jb = w->job;
    size_t c0 = b * jb->block, c1 = c0 + jb->block, start, n;
    if (c1 > jb->chunks)
        c1 = jb->chunks;
    size_t M = jb->n_models;
    if (jb->phase == 0) {
        for (size_t m = 0; m < M; m++)
            for (size_t c = c0; c < c1 && jb->plans[m].share; c++) {
                n = chunk_span(jb, c, &start);
                w->counts[m] += share_chunk(&jb->plans[m], &w->s, start, n);
            }
        return;
    }
    for (size_t m = 0; m < M; m++) {
        for (size_t c = c0; c < c1; c++) {
            n = chunk_span(jb, c, &start);
            double *out = jb->samples ? jb->samples[m] + start : w->loss;
            model_chunk(&jb->plans[m], &w->s, start, n, out);
            moments_of(&jb->chunk_moments[c * jb->n_series + m], out, n);
            if (M == 1)
                continue;
            double *port = jb->samples ? jb->samples[M] + start
                                       : w->portfolio + (c - c0) * CHUNK;
            if (m == 0) {
                memcpy(port, out, n * sizeof *out);
            } else {
                for (size_t j = 0; j < n; j++)
                    port[j] += out[j];
            }
        }
    }
    if (M == 1)
        return;
    for (size_t c = c0; c < c1; c++) {
        n = chunk_span(jb, c, &start);
        const double *port = jb->samples ? jb->samples[M] + start
                                         : w->portfolio + (c - c0) * CHUNK;
        moments_of(&jb->chunk_moments[c * jb->n_series + M], port, n);
    }
}

static void *work(void *arg)
{
    worker *w = arg;
    job *jb = w->job;
    for (;;) {
        size_t b = atomic_fetch_add_explicit(&jb->next, 1, memory_order_relaxed);
        if (b >= jb->blocks)
            break;
        run_block(w, b);
    }
    return NULL;
}

/* Runs the job's phase on `n` workers: n − 1 threads and the calling thread. A thread that
 * cannot be started leaves its share to the others. */
static void run_phase(job *jb, worker *workers, size_t n)
{
    atomic_store(&jb->next, 0);
    size_t started = 1;
    for (; started < n; started++)
        if (pthread_create(&workers[started].thread, NULL, work, &workers[started]) != 0)
            break;
    work(&workers[0]);
    for (size_t i = 1; i < started; i++)
        pthread_join(workers[i].thread, NULL);
}

/* ---- simulation --------------------------------------------------------------------------- */

void isms_sim_options_init(isms_sim_options *opts)
{
    if (!opts)
        return;
    opts->iterations = ISMS_SIM_DEFAULT_ITERATIONS;
    opts->seed = 0;
    opts->threads = 0;
    opts->keep_samples = true;
}

void isms_simulation_free(isms_simulation *sim)
{
    if (!sim)
        return;
    for (size_t m = 0; m < sim->n_models && sim->names; m++)
        isms__free(sim->names[m]);
    isms__free(sim->names);
    for (size_t s = 0; s < sim->n_series; s++) {
        if (sim->samples)
            isms__free(sim->samples[s]);
        if (sim->sorted)
            isms__free(sim->sorted[s]);
    }
    isms__free(sim->samples);
    isms__free(sim->sorted);
    isms__free(sim->stats);
    pthread_mutex_destroy(&sim->lock);
    isms__free(sim);
}

/* A simulation's shell: names, stats, sorted slots and, when `keep`, sample arrays. */
static int sim_alloc(isms_simulation **out, size_t n_models, size_t iterations, bool keep)
{
    size_t bytes;
    if (!mul_size(&bytes, iterations, sizeof(double)))
        return isms__error_nomem();
    isms_simulation *sim = isms__calloc(1, sizeof *sim);
    if (!sim)
        return isms__error_nomem();
    if (pthread_mutex_init(&sim->lock, NULL) != 0) {
        isms__free(sim);
        return isms__error_nomem();
    }
    sim->iterations = iterations;
    sim->n_series = n_models == 1 ? 1 : n_models + 1;
    sim->names = isms__calloc(n_models, sizeof *sim->names);
    if (sim->names)
        sim->n_models = n_models; /* names may be freed from here on */
    sim->stats = isms__calloc(sim->n_series, sizeof *sim->stats);
    sim->sorted = isms__calloc(sim->n_series, sizeof *sim->sorted);
    bool ok = sim->names && sim->stats && sim->sorted;
    if (ok && keep) {
        sim->samples = isms__calloc(sim->n_series, sizeof *sim->samples);
        ok = sim->samples != NULL;
        for (size_t s = 0; ok && s < sim->n_series; s++) {
            sim->samples[s] = isms__malloc(bytes);
            ok = sim->samples[s] != NULL;
        }
    }
    if (!ok) {
        if (!sim->names)
            sim->n_models = 0;
        isms_simulation_free(sim);
        return isms__error_nomem();
    }
    *out = sim;
    return ISMS_OK;
}

/* Merges the chunk moments in chunk order into the stats. */
static void sim_finish(isms_simulation *sim, const moments *cm, size_t chunks)
{
    for (size_t s = 0; s < sim->n_series; s++) {
        moments total = { 0, 0, 0, 0, 0 };
        for (size_t c = 0; c < chunks; c++)
            moments_merge(&total, &cm[c * sim->n_series + s]);
        stats_from(&sim->stats[s], &total, sim->iterations);
    }
}

static size_t online_cores(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (size_t)n : 1;
}

int isms_simulate(isms_simulation **out, const isms_fair *const *models, size_t n,
                  const isms_sim_options *opts)
{
    if (!out || !models)
        return isms__error(ISMS_EINVAL, "isms_simulate: NULL argument");
    if (n == 0)
        return isms__error(ISMS_EINVAL, "isms_simulate: no models to simulate");
    isms_sim_options defaults;
    isms_sim_options_init(&defaults);
    if (!opts)
        opts = &defaults;
    if (opts->iterations < 1 || opts->iterations > ISMS_SIM_MAX_ITERATIONS)
        return isms__error(ISMS_ERANGE, "iterations %zu is outside 1–%zu", opts->iterations,
                           (size_t)ISMS_SIM_MAX_ITERATIONS);
    for (size_t m = 0; m < n; m++) {
        if (!models[m])
            return isms__error(ISMS_EINVAL, "isms_simulate: model %zu is NULL", m);
        int rc = isms_fair_check(models[m]);
        if (rc != ISMS_OK)
            return rc;
    }

    size_t N = opts->iterations, chunks = (N + CHUNK - 1) / CHUNK;
    size_t threads = opts->threads ? opts->threads : online_cores();
    if (threads > ISMS_SIM_MAX_THREADS)
        threads = ISMS_SIM_MAX_THREADS;
    if (threads > chunks)
        threads = chunks;

    isms_simulation *sim = NULL;
    int rc = sim_alloc(&sim, n, N, opts->keep_samples);
    if (rc != ISMS_OK)
        return rc;
    plan *plans = NULL;
    moments *cm = NULL;
    worker *workers = NULL;
    double *buffers = NULL;
    uint64_t *keys = NULL, *counts = NULL;
    bool shares = false;
    size_t cm_count;
    rc = ISMS_ENOMEM;
    if (!mul_size(&cm_count, chunks, sim->n_series))
        goto nomem;
    for (size_t m = 0; m < n; m++) {
        sim->names[m] = isms__strdup(models[m]->name);
        if (!sim->names[m])
            goto nomem;
    }
    plans = isms__calloc(n, sizeof *plans);
    cm = isms__calloc(cm_count, sizeof *cm);
    workers = isms__calloc(threads, sizeof *workers);
    if (!plans || !cm || !workers)
        goto nomem;
    for (size_t m = 0; m < n; m++) {
        if (plan_init(&plans[m], models[m], opts->seed, m) != ISMS_OK)
            goto nomem;
        shares |= plans[m].share;
    }
    /* Per worker: keys, four node columns and, without kept samples, a model's losses and
     * a block of the portfolio's. */
    enum { COLUMNS = 5 + BLOCK };
    buffers = isms__malloc(threads * COLUMNS * CHUNK * sizeof *buffers);
    keys = isms__malloc(threads * CHUNK * sizeof *keys);
    if (!buffers || !keys)
        goto nomem;
    if (shares) {
        counts = isms__calloc(threads * n, sizeof *counts);
        if (!counts)
            goto nomem;
    }

    /* Blocks small enough that every thread gets several. */
    size_t block = chunks / (4 * threads);
    block = block < 1 ? 1 : block > BLOCK ? BLOCK : block;
    job jb = { .plans = plans, .n_models = n, .n_series = sim->n_series, .iterations = N,
               .chunks = chunks, .block = block, .blocks = (chunks + block - 1) / block,
               .samples = sim->samples, .chunk_moments = cm };
    for (size_t t = 0; t < threads; t++) {
        double *b = buffers + t * COLUMNS * CHUNK;
        workers[t].job = &jb;
        workers[t].s.keys = keys + t * CHUNK;
        workers[t].s.a = b;
        workers[t].s.b = b + CHUNK;
        workers[t].s.c = b + 2 * CHUNK;
        workers[t].s.m = b + 3 * CHUNK;
        workers[t].loss = b + 4 * CHUNK;
        workers[t].portfolio = b + 5 * CHUNK;
        if (counts)
            workers[t].counts = counts + t * n;
    }
    if (shares) {
        jb.phase = 0;
        run_phase(&jb, workers, threads);
        for (size_t m = 0; m < n; m++) {
            if (!plans[m].share)
                continue;
            uint64_t total = 0;
            for (size_t t = 0; t < threads; t++)
                total += counts[t * n + m];
            plans[m].vuln = (double)total / (double)N;
        }
    }
    jb.phase = 1;
    run_phase(&jb, workers, threads);
    sim_finish(sim, cm, chunks);
    rc = ISMS_OK;

nomem:
    plans_free(plans, n);
    isms__free(cm);
    isms__free(workers);
    isms__free(buffers);
    isms__free(keys);
    isms__free(counts);
    if (rc != ISMS_OK) {
        isms_simulation_free(sim);
        return isms__error_nomem();
    }
    *out = sim;
    return ISMS_OK;
}

int isms__simulation_from_samples(isms_simulation **out, const char *name,
                                  const double *samples, size_t n)
{
    if (!out || !name || !samples || n == 0)
        return isms__error(ISMS_EINVAL, "isms__simulation_from_samples: bad argument");
    isms_simulation *sim = NULL;
    int rc = sim_alloc(&sim, 1, n, true);
    if (rc != ISMS_OK)
        return rc;
    size_t chunks = (n + CHUNK - 1) / CHUNK;
    moments *cm = isms__calloc(chunks, sizeof *cm);
    sim->names[0] = isms__strdup(name);
    if (!cm || !sim->names[0]) {
        isms__free(cm);
        isms_simulation_free(sim);
        return isms__error_nomem();
    }
    memcpy(sim->samples[0], samples, n * sizeof *samples);
    for (size_t c = 0; c < chunks; c++) {
        size_t len = n - c * CHUNK < CHUNK ? n - c * CHUNK : CHUNK;
        moments_of(&cm[c], samples + c * CHUNK, len);
    }
    sim_finish(sim, cm, chunks);
    isms__free(cm);
    *out = sim;
    return ISMS_OK;
}

/* ---- results ------------------------------------------------------------------------------ */

size_t isms_simulation_count(const isms_simulation *sim)
{
    return sim ? sim->n_models : 0;
}

size_t isms_simulation_iterations(const isms_simulation *sim)
{
    return sim ? sim->iterations : 0;
}

bool isms_simulation_has_samples(const isms_simulation *sim)
{
    return sim && sim->samples;
}

const char *isms_simulation_name(const isms_simulation *sim, size_t index)
{
    if (!sim)
        return NULL;
    if (index == ISMS_PORTFOLIO)
        return "portfolio";
    return index < sim->n_models ? sim->names[index] : NULL;
}

/* The series of a model's index or the portfolio. */
static int series_of(size_t *s, const isms_simulation *sim, size_t index)
{
    if (index == ISMS_PORTFOLIO) {
        *s = sim->n_series - 1;
        return ISMS_OK;
    }
    if (index >= sim->n_models)
        return isms__error(ISMS_ERANGE,
                           "the simulation has %zu model%s (indices 0–%zu): index %zu is out "
                           "of range",
                           sim->n_models, sim->n_models == 1 ? "" : "s", sim->n_models - 1,
                           index);
    *s = index;
    return ISMS_OK;
}

int isms_simulation_stats(isms_sim_stats *out, const isms_simulation *sim, size_t index)
{
    if (!out || !sim)
        return isms__error(ISMS_EINVAL, "isms_simulation_stats: NULL argument");
    size_t s = 0;
    int rc = series_of(&s, sim, index);
    if (rc != ISMS_OK)
        return rc;
    *out = sim->stats[s];
    return ISMS_OK;
}

int isms_simulation_samples(const double **out, size_t *n, const isms_simulation *sim,
                            size_t index)
{
    if (!out || !n || !sim)
        return isms__error(ISMS_EINVAL, "isms_simulation_samples: NULL argument");
    size_t s = 0;
    int rc = series_of(&s, sim, index);
    if (rc != ISMS_OK)
        return rc;
    if (!sim->samples)
        return isms__error(ISMS_EUNSUPPORTED,
                           "the simulation kept no samples: run it with keep_samples");
    *out = sim->samples[s];
    *n = sim->iterations;
    return ISMS_OK;
}

/* ---- sorting ------------------------------------------------------------------------------
 * LSD radix sort of the doubles' bit patterns, a byte a pass (256 buckets stay in the first
 * level cache), turned so that unsigned order is numeric order (negative numbers flipped
 * whole, others with the sign bit set). A pass whose byte is the same in every key (the top
 * one, for losses of similar size) is skipped. */

#define RADIX_BITS 8
#define RADIX_PASSES 8

static uint64_t to_key(double d)
{
    uint64_t b;
    memcpy(&b, &d, sizeof b);
    return (b >> 63) ? ~b : b | (UINT64_C(1) << 63);
}

static double from_key(uint64_t k)
{
    uint64_t b = (k >> 63) ? k & ~(UINT64_C(1) << 63) : ~k;
    double d;
    memcpy(&d, &b, sizeof d);
    return d;
}

/* A sorted copy of x[0..n): NULL when out of memory. */
static double *sorted_copy(const double *x, size_t n)
{
    enum { B = 1 << RADIX_BITS };
    uint64_t *a = isms__malloc(n * sizeof *a);
    uint64_t *tmp = isms__malloc(n * sizeof *tmp);
    size_t *count = isms__calloc((size_t)RADIX_PASSES * B, sizeof *count);
    if (!a || !tmp || !count) {
        isms__free(a);
        isms__free(tmp);
        isms__free(count);
        return NULL;
    }
    for (size_t i = 0; i < n; i++) {
        uint64_t k = to_key(x[i]);
        a[i] = k;
        for (unsigned p = 0; p < RADIX_PASSES; p++)
            count[p * B + ((k >> (p * RADIX_BITS)) & (B - 1))]++;
    }
    uint64_t *src = a, *dst = tmp;
    for (unsigned p = 0; p < RADIX_PASSES; p++) {
        size_t *c = count + p * B;
        bool trivial = false;
        size_t sum = 0;
        for (unsigned d = 0; d < B; d++) {
            if (c[d] == n)
                trivial = true;
            size_t v = c[d];
            c[d] = sum;
            sum += v;
        }
        if (trivial)
            continue;
        unsigned shift = p * RADIX_BITS;
        for (size_t i = 0; i < n; i++)
            dst[c[(src[i] >> shift) & (B - 1)]++] = src[i];
        uint64_t *t = src;
        src = dst;
        dst = t;
    }
    if (src != a)
        memcpy(a, src, n * sizeof *a);
    isms__free(tmp);
    isms__free(count);
    /* The keys become doubles in place. */
    double *out = (double *)(void *)a;
    for (size_t i = 0; i < n; i++) {
        double d = from_key(a[i]);
        memcpy(&out[i], &d, sizeof d);
    }
    return out;
}

/* The sorted samples of a model or the portfolio, sorted on first use. */
static int sorted_of(const double **out, const isms_simulation *csim, size_t index)
{
    size_t s = 0;
    int rc = series_of(&s, csim, index);
    if (rc != ISMS_OK)
        return rc;
    if (!csim->samples)
        return isms__error(ISMS_EUNSUPPORTED,
                           "the simulation kept no samples, which percentiles, value at risk, "
                           "expected shortfall and the loss exceedance curve need: run it "
                           "with keep_samples");
    isms_simulation *sim = (isms_simulation *)csim; /* the cache only */
    pthread_mutex_lock(&sim->lock);
    if (!sim->sorted[s])
        sim->sorted[s] = sorted_copy(sim->samples[s], sim->iterations);
    const double *sorted = sim->sorted[s];
    pthread_mutex_unlock(&sim->lock);
    if (!sorted)
        return isms__error_nomem();
    *out = sorted;
    return ISMS_OK;
}

/* The linear-interpolation quantile of sorted x[0..n) at q in [0, 1]. */
static double quantile(const double *x, size_t n, double q)
{
    double h = (double)(n - 1) * q;
    double f = floor(h);
    size_t i = (size_t)f;
    if (i + 1 >= n)
        return x[n - 1];
    if (h == f || x[i] == x[i + 1]) /* exact, and no inf − inf */
        return x[i];
    return x[i] + (h - f) * (x[i + 1] - x[i]);
}

int isms_simulation_percentile(double *out, const isms_simulation *sim, size_t index, double p)
{
    if (!out || !sim)
        return isms__error(ISMS_EINVAL, "isms_simulation_percentile: NULL argument");
    if (!(p >= 0 && p <= 100))
        return isms__error(ISMS_ERANGE, "percentile %s is outside 0–100", isms__g(p).s);
    const double *x;
    int rc = sorted_of(&x, sim, index);
    if (rc != ISMS_OK)
        return rc;
    *out = quantile(x, sim->iterations, p / 100);
    return ISMS_OK;
}

static int check_level(double level, const char *what)
{
    if (!(level > 0 && level < 1))
        return isms__error(ISMS_ERANGE,
                           "%s level %s is outside 0–1 (both excluded): give the confidence as "
                           "a fraction, 0.99 for 99 %%",
                           what, isms__g(level).s);
    return ISMS_OK;
}

int isms_simulation_var(double *out, const isms_simulation *sim, size_t index, double level)
{
    if (!out || !sim)
        return isms__error(ISMS_EINVAL, "isms_simulation_var: NULL argument");
    int rc = check_level(level, "value at risk");
    const double *x;
    if (rc == ISMS_OK)
        rc = sorted_of(&x, sim, index);
    if (rc != ISMS_OK)
        return rc;
    *out = quantile(x, sim->iterations, level);
    return ISMS_OK;
}

int isms_simulation_expected_shortfall(double *out, const isms_simulation *sim, size_t index,
                                       double level)
{
    if (!out || !sim)
        return isms__error(ISMS_EINVAL, "isms_simulation_expected_shortfall: NULL argument");
    int rc = check_level(level, "expected shortfall");
    const double *x;
    if (rc == ISMS_OK)
        rc = sorted_of(&x, sim, index);
    if (rc != ISMS_OK)
        return rc;
    size_t n = sim->iterations;
    double t = (double)n - (double)n * level; /* the tail's weight in samples, in (0, n) */
    double kf = floor(t);
    size_t k = (size_t)kf;
    if (k >= n) /* rounding */
        k = n - 1;
    double sum = 0;
    for (size_t i = 0; i < k; i++)
        sum += x[n - 1 - i];
    sum += (t - kf) * x[n - 1 - k];
    double es = sum / t;
    /* Rounding must not put it outside the tail's values. */
    *out = fmin(fmax(es, x[n - 1 - k]), x[n - 1]);
    return ISMS_OK;
}

int isms_simulation_lec(isms_lec_point *points, size_t n, const isms_simulation *sim,
                        size_t index)
{
    if (!points || !sim)
        return isms__error(ISMS_EINVAL, "isms_simulation_lec: NULL argument");
    if (n < 2)
        return isms__error(ISMS_ERANGE, "a loss exceedance curve needs at least 2 points, not %zu",
                           n);
    const double *x;
    int rc = sorted_of(&x, sim, index);
    if (rc != ISMS_OK)
        return rc;
    size_t N = sim->iterations;
    double lo = fmin(0, x[0]), hi = x[N - 1];
    size_t above = 0; /* samples ≤ the current loss, growing with it */
    for (size_t k = 0; k < n; k++) {
        double loss = k + 1 == n ? hi : lo + (hi - lo) * ((double)k / (double)(n - 1));
        while (above < N && x[above] <= loss)
            above++;
        points[k].loss = loss;
        points[k].exceedance = (double)(N - above) / (double)N;
    }
    return ISMS_OK;
}
