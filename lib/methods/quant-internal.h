/*
 * Internals of quantitative risk (lib/methods/dist.c, fair.c, simulate.c): the counter-based
 * generator, distributions prepared for drawing ("samplers"), and what the simulation reads
 * from a model. Nothing here is exported.
 */
#ifndef ISMS_QUANT_INTERNAL_H
#define ISMS_QUANT_INTERNAL_H

#include <math.h>

#include "internal.h"

/* ---- generator ------------------------------------------------------------------------
 * splitmix64: a stream is a 64-bit state that advances by the golden-ratio increment, each
 * output the state put through a strong mixer. Keys for (seed, model, iteration, node) are
 * made with the same mixer, so any thread can make any iteration's draws. */
#define ISMS__GOLDEN UINT64_C(0x9E3779B97F4A7C15)

typedef struct isms__rng {
    uint64_t s;
} isms__rng;

static inline uint64_t isms__mix(uint64_t z)
{
    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    return z ^ (z >> 31);
}

static inline uint64_t isms__next(isms__rng *r)
{
    r->s += ISMS__GOLDEN;
    return isms__mix(r->s);
}

/* [0, 1), 53 bits. */
static inline double isms__unit(uint64_t x)
{
    return (double)(int64_t)(x >> 11) * 0x1p-53;
}

/* (0, 1), never 0 or 1: (k + 1/2) / 2^52 for a 52-bit k; 1 − u is exact too. */
static inline double isms__unit_open(uint64_t x)
{
    return ((double)(int64_t)(x >> 12) + 0.5) * 0x1p-52;
}

/* The key of a simulation's model (index k) from the seed. */
static inline uint64_t isms__model_key(uint64_t seed, size_t k)
{
    return isms__mix(isms__mix(seed ^ UINT64_C(0x6A09E667F3BCC908)) ^
                     ((uint64_t)(k + 1) * UINT64_C(0xD6E8FEB86659FD93)));
}

/* The key of iteration i of a model. */
static inline uint64_t isms__iter_key(uint64_t model_key, uint64_t i)
{
    return isms__mix(model_key + (i + 1) * ISMS__GOLDEN);
}

/* The stream of one node (0–15) in one iteration: the iteration's key, already mixed, with
 * a constant per node, so that every node has its own sequence of outputs. */
static inline isms__rng isms__node_rng(uint64_t iter_key, unsigned node)
{
    isms__rng r = { iter_key ^ ((uint64_t)(node + 1) * UINT64_C(0xD1B54A32D192ED03)) };
    return r;
}

/* ---- samplers (lib/methods/dist.c) -------------------------------------------------------- */
enum {
    ISMS__DRAW_CONST,
    ISMS__DRAW_UNIFORM,   /* p[0] low, p[1] width */
    ISMS__DRAW_NORMAL,    /* p[0] mean, p[1] sd; clipped to [lo, hi] */
    ISMS__DRAW_LOGNORMAL, /* p[0] m, p[1] s */
    ISMS__DRAW_POISSON,   /* p[0] rate; see dist.c */
    ISMS__DRAW_PERT_TABLE, /* p[0] low, p[1] range; table */
    ISMS__DRAW_PERT_GAMMA  /* p[0] low, p[1] range, p[2] alpha, p[3] beta */
};

/* The strips of the table method for beta-PERT (see dist.c). */
#define ISMS__PERT_STRIPS 256

/* One of the 2 × 256 rectangles: a 55-bit coin below `cut` keeps it, else its alias is
 * taken; the coin's place within the part it fell in, times `scale`, is then uniform in
 * [0, 1) and places the point within the strip (so one generator output suffices). */
typedef struct isms__pert_cell {
    uint64_t cut;
    double scale[2]; /* [0]: 1 / cut, for a kept rectangle; [1]: 1 / (2^55 − cut) */
    uint32_t alias;
} isms__pert_cell;

typedef struct isms__pert_table {
    isms__pert_cell cell[2 * ISMS__PERT_STRIPS];
    double lo[ISMS__PERT_STRIPS]; /* squeeze: below it a point is accepted */
    double hi[ISMS__PERT_STRIPS]; /* envelope */
    double am1, bm1;              /* alpha − 1, beta − 1 */
    double log_m, log_1m;         /* logs of the mode of the standard beta and of 1 − mode */
} isms__pert_table;

typedef struct isms__sampler {
    int kind;
    double p[8];
    double lo, hi; /* the range draws are clipped to (normal only) */
    isms__pert_table *table; /* owned */
} isms__sampler;

/* Prepares `d` (already checked) for drawing, its values clipped to [lo, hi] where the
 * distribution can leave it. ISMS_ENOMEM (error set) when the table cannot be allocated. */
int isms__sampler_init(isms__sampler *s, const isms_dist *d, double lo, double hi);
void isms__sampler_free(isms__sampler *s);
/* Forces the gamma-ratio method for a PERT (tests compare the two methods). */
void isms__sampler_force_gamma(isms__sampler *s);
/* The draws that do not fit in isms__draw(). */
double isms__draw_slow(const isms__sampler *s, isms__rng *r);
double isms__pert_table_slow(const isms__sampler *s, isms__rng *r, unsigned k, double x);
/* A Poisson count with mean `rate` (any finite rate ≥ 0). */
double isms__poisson(double rate, isms__rng *r);
/* The standard normal quantile of p in (0, 1) (AS 241). */
double isms__norm_quantile(double p);

#if defined(__GNUC__)
#  define ISMS__HOT_INLINE static inline __attribute__((always_inline))
#else
#  define ISMS__HOT_INLINE static inline
#endif

ISMS__HOT_INLINE double isms__draw(const isms__sampler *s, isms__rng *r)
{
    switch (s->kind) {
    case ISMS__DRAW_CONST:
        return s->p[0];
    case ISMS__DRAW_UNIFORM:
        return s->p[0] + s->p[1] * isms__unit(isms__next(r));
    case ISMS__DRAW_PERT_TABLE: {
        uint64_t u = isms__next(r);
        unsigned k = (unsigned)(u >> 55);
        const isms__pert_cell *c = &s->table->cell[k];
        uint64_t coin = u & ((UINT64_C(1) << 55) - 1);
        /* Without branches: whether the alias is taken is a coin toss. */
        unsigned take = coin >= c->cut;
        uint64_t base = c->cut & (UINT64_C(0) - take);
        double scale = c->scale[take];
        k ^= (k ^ c->alias) & (0u - take);
        /* Below 2^55: as a signed number it converts in one instruction. */
        double frac = (double)(int64_t)(coin - base) * scale;
        double x = ((double)(k & (ISMS__PERT_STRIPS - 1)) + frac) * (1.0 / ISMS__PERT_STRIPS);
        if (k < ISMS__PERT_STRIPS)
            return s->p[0] + s->p[1] * x;
        return isms__pert_table_slow(s, r, k, x);
    }
    default:
        return isms__draw_slow(s, r);
    }
}

/* ---- models (lib/methods/fair.c) ------------------------------------------------------ */
struct isms_fair {
    char *name;
    bool given[ISMS_FAIR_NODE_COUNT];
    isms_dist dist[ISMS_FAIR_NODE_COUNT];
    bool events;
};

/* The range of a node's values: [0, 1] for probabilities, [0, inf] otherwise. */
void isms__fair_node_range(isms_fair_node node, double *lo, double *hi);

/* ---- results (lib/methods/simulate.c) -------------------------------------------------- */
/* Results holding given samples as one model named `name` (tests of the percentiles). */
int isms__simulation_from_samples(isms_simulation **out, const char *name,
                                  const double *samples, size_t n);

#endif
