/* Classification of an inventory (the high-water mark with provenance), impact, lint,
 * summary and the assets due for reclassification.
 *
 * Classification works on flat arrays, never on the asset objects:
 *
 * 1. The relations become a graph in CSR form (offsets + targets, 32-bit node numbers) whose
 *    edges point from the supporting asset to the asset it supports.
 * 2. An iterative Tarjan (no recursion: a chain of a million assets is a million deep) finds
 *    the strongly connected components. Tarjan emits a component only after every component
 *    it reaches, so emission order is the order in which levels can flow: whatever an asset
 *    supports is final before the asset itself is looked at.
 * 3. Each asset starts from its own level per aspect: the override when set, else the highest
 *    of its assessment and the floors of its personal data. A component then takes the
 *    highest of its members' own levels and of the levels of the assets they support outside
 *    it; every member gets that level. A member with an override keeps it, and its supporters
 *    inherit the override, not what it replaced. In the rare component where some member has
 *    an override the others may no longer reach each other through it, so that aspect is
 *    solved again on the component (see solve_overridden: a flood backwards from the highest
 *    levels, linear too).
 *
 * A level travels as a 32-bit key: the level + 1 in the top four bits and the complement of
 * the source asset's rank in the low 28, so that the plain maximum of two keys is the higher
 * level and, among equals, the source whose id sorts first (bytewise). The maximum does not
 * care in which order it sees its arguments, and the rank depends only on the ids, so neither
 * levels nor provenance depend on the order in which assets and relations were added, or on
 * the numbering Tarjan happens to produce. After the computation the stored keys carry the
 * source's index instead of its rank, for isms_asset_effective().
 *
 * Everything is linear in assets + relations. While classify runs, the arrays cost 40 bytes
 * an asset and 4 bytes a relation (plus, for a cycle holding overrides, about 100 bytes a
 * member and 12 bytes an edge of that cycle); the results keep 20 bytes an asset.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "asset/asset-internal.h"

/* ---- keys ---------------------------------------------------------------------------- */

#define IDX_BITS 28
#define IDX_MASK 0x0FFFFFFFu
#define NONE UINT32_MAX

static inline uint32_t make_key(int level, uint32_t idx)
{
    return (uint32_t)(level + 1) << IDX_BITS | (IDX_MASK - idx);
}

static inline int key_level(uint32_t key)
{
    return (int)(key >> IDX_BITS) - 1;
}

static inline uint32_t key_idx(uint32_t key)
{
    return IDX_MASK - (key & IDX_MASK);
}

static inline uint32_t max_u32(uint32_t a, uint32_t b)
{
    return a > b ? a : b;
}

static inline isms_origin origin_of(uint8_t prov)
{
    return (isms_origin)(prov & ISMS__PROV_ORIGIN);
}

/* ---- graph --------------------------------------------------------------------------- */

typedef struct graph {
    uint32_t n;
    uint32_t *off; /* [n + 1] */
    uint32_t *adj; /* [relations] */
} graph;

static void graph_free(graph *g)
{
    isms__free(g->off);
    isms__free(g->adj);
    g->off = g->adj = NULL;
}

/* The relations as a CSR graph: supporter → supported, or the reverse when `reverse`. */
static int graph_build(graph *g, const isms_inventory *inv, bool reverse)
{
    size_t n = inv->count, m = inv->n_rel;
    g->n = (uint32_t)n;
    g->off = isms__calloc(n + 1, sizeof *g->off);
    g->adj = isms__malloc(m * sizeof *g->adj);
    if (!g->off || !g->adj) {
        graph_free(g);
        return isms__error_nomem();
    }
    /* Whether the source supports, per kind, read from a table rather than a call. */
    bool forward[8] = { false };
    for (int k = 0; k < 8; k++)
        forward[k] = isms_relkind_src_supports((isms_relkind)k) != reverse;
    const uint32_t *src = inv->rel_src, *dst = inv->rel_dst;
    const uint8_t *kind = inv->rel_kind;
    uint32_t *off = g->off, *adj = g->adj;
    for (size_t r = 0; r < m; r++)
        off[(forward[kind[r] & 7] ? src[r] : dst[r]) + 1]++;
    for (size_t i = 0; i < n; i++)
        off[i + 1] += off[i];
    /* Fill with off[v] as the cursor of v, then shift the offsets back into place. */
    for (size_t r = 0; r < m; r++) {
        bool f = forward[kind[r] & 7];
        uint32_t from = f ? src[r] : dst[r], to = f ? dst[r] : src[r];
        adj[off[from]++] = to;
    }
    for (size_t i = n; i > 0; i--)
        off[i] = off[i - 1];
    off[0] = 0;
    return ISMS_OK;
}

/* ---- strongly connected components --------------------------------------------------- */

typedef struct scc {
    uint32_t ncomp;
    uint32_t *comp;     /* [n] component of each node; components are numbered sinks first */
    uint32_t *order;    /* [n] nodes grouped by component, components in number order */
    uint32_t *comp_off; /* [n + 1] start of each component in `order` */
    uint32_t *where;    /* [n] position of each node in `order` */
} scc;

static void scc_free(scc *s)
{
    isms__free(s->comp);
    isms__free(s->order);
    isms__free(s->comp_off);
    isms__free(s->where);
    s->comp = s->order = s->comp_off = s->where = NULL;
}

/* Tarjan's algorithm with an explicit call stack. A node whose component is found gets the
 * visit number "infinity", so that an edge to it never lowers a low-link: then an edge costs
 * one look-up (its target's visit number) instead of two (visit number and on-stack flag). */
static int scc_run(scc *out, uint32_t n, const uint32_t *off, const uint32_t *adj)
{
    scc s = { 0, isms__malloc(n * sizeof(uint32_t)), isms__malloc(n * sizeof(uint32_t)),
              isms__malloc(((size_t)n + 1) * sizeof(uint32_t)),
              isms__malloc(n * sizeof(uint32_t)) };
    uint32_t *index = isms__calloc(n, sizeof *index); /* 0: not visited; NONE: finished */
    uint32_t *low = isms__malloc(n * sizeof *low);
    uint32_t *stack = isms__malloc(n * sizeof *stack);
    uint32_t *call = isms__malloc(n * sizeof *call);  /* nodes of the call stack */
    uint32_t *next = isms__malloc(n * sizeof *next);  /* their next edge */
    int rc = ISMS_OK;
    if (!s.comp || !s.order || !s.comp_off || !s.where || !index || !low || !stack || !call ||
        !next) {
        scc_free(&s);
        rc = isms__error_nomem();
        goto done;
    }
    uint32_t counter = 0, sp = 0, cp = 0, filled = 0;
    for (uint32_t root = 0; root < n; root++) {
        if (index[root])
            continue;
        index[root] = low[root] = ++counter;
        stack[sp++] = root;
        call[cp] = root;
        next[cp++] = off[root];
        while (cp) {
            uint32_t v = call[cp - 1], e = next[cp - 1], end = off[v + 1], lv = low[v];
            bool descended = false;
            for (; e < end; e++) {
                uint32_t w = adj[e];
                if (!index[w]) {
                    next[cp - 1] = e + 1;
                    low[v] = lv;
                    index[w] = low[w] = ++counter;
                    stack[sp++] = w;
                    call[cp] = w;
                    next[cp++] = off[w];
                    descended = true;
                    break;
                }
                if (index[w] < lv)
                    lv = index[w]; /* finished nodes have NONE, never below lv */
            }
            if (descended)
                continue;
            low[v] = lv;
            cp--;
            if (lv == index[v]) {
                s.comp_off[s.ncomp] = filled;
                uint32_t w;
                do {
                    w = stack[--sp];
                    s.comp[w] = s.ncomp;
                    s.where[w] = filled;
                    s.order[filled++] = w;
                    index[w] = NONE;
                } while (w != v);
                s.ncomp++;
            }
            if (cp && lv < low[call[cp - 1]])
                low[call[cp - 1]] = lv;
        }
    }
    s.comp_off[s.ncomp] = filled;
    *out = s;
done:
    isms__free(index);
    isms__free(low);
    isms__free(stack);
    isms__free(call);
    isms__free(next);
    return rc;
}

/* ---- own levels ---------------------------------------------------------------------- */

/* The floors of the inventory placed on the scheme's scales. */
static void snap_floors(int out[4][ISMS_ASPECTS], const isms_inventory *inv)
{
    for (int k = 0; k < 4; k++)
        for (int a = 0; a < ISMS_ASPECTS; a++)
            out[k][a] = isms__scheme_snap(inv->scheme, (isms_aspect)a, inv->floors.min[k][a]);
}

/* An asset's own level of an aspect before any override: its assessment raised to its floors
 * (the first personal-data flag with the highest floor names the floor). */
static int base_level(const isms_asset *x, int floors[4][ISMS_ASPECTS], int a,
                      uint8_t *prov)
{
    int best = x->level[a];
    uint8_t p = best == ISMS_CLASS_UNSET ? ISMS_ORIGIN_UNCLASSIFIED : ISMS_ORIGIN_ASSESSED;
    for (int k = 0; k < 4 && x->pdata; k++)
        if ((x->pdata & (1u << k)) && floors[k][a] > best) {
            best = floors[k][a];
            p = (uint8_t)(ISMS_ORIGIN_FLOOR | k << ISMS__PROV_FLOOR_SHIFT);
        }
    *prov = p;
    return best;
}

/* ---- classification ------------------------------------------------------------------ */

typedef struct calc {
    const graph *g;
    const scc *s;
    uint32_t *key;  /* [n][ISMS_ASPECTS] */
    uint8_t *prov;  /* [n][ISMS_ASPECTS] */
} calc;

static inline bool overridden(const calc *c, uint32_t u, int a)
{
    return origin_of(c->prov[(size_t)u * ISMS_ASPECTS + a]) == ISMS_ORIGIN_OVERRIDDEN;
}

/* Sets the final key of member u for aspect a: inherited when above its own level. */
static inline void settle(calc *c, uint32_t u, int a, uint32_t k, uint8_t cycle)
{
    size_t i = (size_t)u * ISMS_ASPECTS + a;
    if (key_level(k) > key_level(c->key[i]))
        c->prov[i] = (uint8_t)(ISMS_ORIGIN_INHERITED | cycle);
    c->key[i] = k;
}

/* Sorts n (key, id) pairs by key, highest first: a stable radix sort, 8 bits a pass, so that
 * the counters stay small for the many small cycles as for one big one. The result is in
 * keys/ids; tk/ti are scratch of the same size. */
static void sort_desc(uint32_t *keys, uint32_t *ids, uint32_t *tk, uint32_t *ti, size_t n)
{
    uint32_t *src_k = keys, *src_i = ids, *dst_k = tk, *dst_i = ti;
    for (int shift = 0; shift < 32; shift += 8) {
        size_t count[256] = { 0 };
        for (size_t j = 0; j < n; j++)
            count[(~src_k[j] >> shift) & 0xFF]++;
        size_t sum = 0;
        for (size_t b = 0; b < 256; b++) {
            size_t t = count[b];
            count[b] = sum;
            sum += t;
        }
        for (size_t j = 0; j < n; j++) {
            size_t at = count[(~src_k[j] >> shift) & 0xFF]++;
            dst_k[at] = src_k[j];
            dst_i[at] = src_i[j];
        }
        uint32_t *t = src_k;
        src_k = dst_k;
        dst_k = t;
        t = src_i;
        src_i = dst_i;
        dst_i = t;
    }
    /* An even number of passes: the sorted pairs are back in keys/ids. */
}

/* A cycle whose members have overrides in the aspects `omask`. In those aspects
 * an overridden member is a fixed level that relays nothing, and a member without an
 * override takes the highest "seed" it reaches through members without one, where a seed is
 * a member's own level raised by what it supports outside the component and by the
 * overridden members it supports. Seeds are taken highest key first, and each floods
 * backwards over the component's edges to the members not yet reached: a member is reached
 * first from the highest seed it can reach (anything reaching a reached member was reached
 * with it), so each member is settled once per aspect, and ties go to the key order, that is
 * to the source whose id sorts first. The component's graph, reversed, and what its members
 * get from outside it are extracted once for all aspects; the aspects without overrides are then
 * settled as in any cycle, without another pass over the edges. */
static int solve_overridden(calc *c, uint32_t comp, unsigned omask)
{
    const graph *g = c->g;
    const scc *s = c->s;
    const uint32_t base = s->comp_off[comp];
    const uint32_t *members = s->order + base;
    uint32_t size = s->comp_off[comp + 1] - base;
    /* Members are numbered by their place in the component (where[m] - base), so that one
     * look-up tells whether an edge stays inside and where it goes. Room for every edge of
     * the members; those leaving the component are not kept. */
    size_t ne = 0;
    for (uint32_t i = 0; i < size; i++)
        ne += g->off[members[i] + 1] - g->off[members[i]];
    const size_t n4 = (size_t)size * ISMS_ASPECTS;
    uint32_t *lo = isms__malloc(((size_t)size + 1) * sizeof *lo); /* the component's graph */
    uint32_t *la = isms__malloc(ne * sizeof *la);
    uint32_t *ro = isms__calloc((size_t)size + 1, sizeof *ro);    /* ... reversed */
    uint32_t *ra = isms__malloc(ne * sizeof *ra);
    uint32_t *own = isms__malloc(n4 * sizeof *own);   /* members' own keys */
    uint32_t *ext = isms__malloc(n4 * sizeof *ext);   /* ... raised by other components */
    uint8_t *ovl = isms__malloc(size);                /* members' override masks */
    uint32_t *keys = isms__malloc(size * sizeof *keys);
    uint32_t *ids = isms__malloc(size * sizeof *ids);
    uint32_t *tk = isms__malloc(size * sizeof *tk);
    uint32_t *ti = isms__malloc(size * sizeof *ti);
    uint32_t *val = isms__malloc(size * sizeof *val);
    uint32_t *res = isms__malloc(n4 * sizeof *res); /* results, settled at the end */
    uint32_t *queue = isms__malloc(size * sizeof *queue);
    uint64_t *done = isms__malloc(((size_t)size / 64 + 1) * sizeof *done);
    int rc = ISMS_OK;
    if (!lo || !la || !ro || !ra || !own || !ext || !ovl || !keys || !ids || !tk || !ti ||
        !val || !res || !queue || !done) {
        rc = isms__error_nomem();
        goto out;
    }
    size_t pos = 0;
    for (uint32_t i = 0; i < size; i++) {
        uint32_t m = members[i];
        const uint32_t *km = c->key + (size_t)m * ISMS_ASPECTS;
        uint32_t *x = ext + (size_t)i * ISMS_ASPECTS;
        uint8_t mask = 0;
        for (int a = 0; a < ISMS_ASPECTS; a++) {
            own[(size_t)i * ISMS_ASPECTS + a] = x[a] = km[a];
            if (overridden(c, m, a))
                mask |= (uint8_t)(1u << a);
        }
        ovl[i] = mask;
        lo[i] = (uint32_t)pos;
        for (uint32_t e = g->off[m]; e < g->off[m + 1]; e++) {
            uint32_t w = g->adj[e], t = s->where[w] - base;
            if (t < size) {
                la[pos++] = t;
                ro[t + 1]++;
                continue;
            }
            const uint32_t *kw = c->key + (size_t)w * ISMS_ASPECTS;
            for (int a = 0; a < ISMS_ASPECTS; a++)
                x[a] = max_u32(x[a], kw[a]);
        }
    }
    lo[size] = (uint32_t)pos;
    for (uint32_t i = 0; i < size; i++)
        ro[i + 1] += ro[i];
    for (uint32_t i = 0; i < size; i++)
        for (uint32_t e = lo[i]; e < lo[i + 1]; e++)
            ra[ro[la[e]]++] = i;
    for (uint32_t i = size; i > 0; i--)
        ro[i] = ro[i - 1];
    ro[0] = 0;

    for (int a = 0; a < ISMS_ASPECTS; a++) {
        const unsigned bit = 1u << a;
        if (!(omask & bit))
            continue;
        /* Overridden members start out "done", so that the flood never enters them, and
         * raise the seeds of the members that support them (few edges: overrides are rare). */
        memset(done, 0, ((size_t)size / 64 + 1) * sizeof *done);
        for (uint32_t i = 0; i < size; i++)
            val[i] = ext[(size_t)i * ISMS_ASPECTS + a];
        for (uint32_t t = 0; t < size; t++) {
            if (!(ovl[t] & bit))
                continue;
            done[t / 64] |= 1ull << (t % 64);
            uint32_t k = own[(size_t)t * ISMS_ASPECTS + a];
            for (uint32_t e = ro[t]; e < ro[t + 1]; e++)
                val[ra[e]] = max_u32(val[ra[e]], k);
        }
        size_t ns = 0;
        for (uint32_t i = 0; i < size; i++) {
            if (!(ovl[i] & bit) && val[i]) {
                keys[ns] = val[i];
                ids[ns++] = i;
            }
            val[i] = 0;
        }
        sort_desc(keys, ids, tk, ti, ns);
        size_t head = 0, tail = 0;
        for (size_t j = 0; j < ns; j++) {
            uint32_t i = ids[j], k = keys[j];
            if (done[i / 64] & (1ull << (i % 64)))
                continue;
            done[i / 64] |= 1ull << (i % 64);
            val[i] = k;
            queue[tail++] = i;
            while (head < tail) {
                uint32_t x = queue[head++];
                for (uint32_t e = ro[x]; e < ro[x + 1]; e++) {
                    uint32_t p = ra[e];
                    if (done[p / 64] & (1ull << (p % 64)))
                        continue;
                    done[p / 64] |= 1ull << (p % 64);
                    val[p] = k;
                    queue[tail++] = p;
                }
            }
        }
        for (uint32_t i = 0; i < size; i++)
            res[(size_t)i * ISMS_ASPECTS + a] = val[i];
    }
    /* The other aspects as in any cycle: the highest of what the members get. */
    for (int a = 0; a < ISMS_ASPECTS; a++) {
        if (omask & (1u << a))
            continue;
        uint32_t k = 0;
        for (uint32_t i = 0; i < size; i++)
            k = max_u32(k, ext[(size_t)i * ISMS_ASPECTS + a]);
        for (uint32_t i = 0; i < size; i++)
            res[(size_t)i * ISMS_ASPECTS + a] = k;
    }
    /* One pass over the members for all aspects (their keys are scattered in memory). */
    for (uint32_t i = 0; i < size; i++)
        for (int a = 0; a < ISMS_ASPECTS; a++)
            if (!(ovl[i] & (1u << a)))
                settle(c, members[i], a, res[(size_t)i * ISMS_ASPECTS + a], ISMS__PROV_CYCLE);
out:
    isms__free(lo);
    isms__free(la);
    isms__free(ro);
    isms__free(ra);
    isms__free(own);
    isms__free(ext);
    isms__free(ovl);
    isms__free(keys);
    isms__free(ids);
    isms__free(tk);
    isms__free(ti);
    isms__free(val);
    isms__free(res);
    isms__free(queue);
    isms__free(done);
    return rc;
}

/* A component of more than one asset: a cycle of support. */
static int solve_cycle(calc *c, uint32_t comp)
{
    const graph *g = c->g;
    const scc *s = c->s;
    const uint32_t *members = s->order + s->comp_off[comp];
    uint32_t size = s->comp_off[comp + 1] - s->comp_off[comp];
    uint32_t k[ISMS_ASPECTS] = { 0 };
    unsigned omask = 0;
    for (uint32_t i = 0; i < size; i++) {
        uint32_t m = members[i];
        for (int a = 0; a < ISMS_ASPECTS; a++) {
            size_t x = (size_t)m * ISMS_ASPECTS + a;
            if (origin_of(c->prov[x]) == ISMS_ORIGIN_OVERRIDDEN)
                omask |= 1u << a;
            c->prov[x] |= ISMS__PROV_CYCLE;
        }
    }
    if (omask)
        return solve_overridden(c, comp, omask);
    /* Members' keys are still their own keys here, and all of them enter the maximum, so
     * edges inside the component need no test. */
    for (uint32_t i = 0; i < size; i++) {
        uint32_t m = members[i];
        for (int a = 0; a < ISMS_ASPECTS; a++)
            k[a] = max_u32(k[a], c->key[(size_t)m * ISMS_ASPECTS + a]);
        for (uint32_t e = g->off[m]; e < g->off[m + 1]; e++) {
            const uint32_t *kw = c->key + (size_t)g->adj[e] * ISMS_ASPECTS;
            for (int a = 0; a < ISMS_ASPECTS; a++)
                k[a] = max_u32(k[a], kw[a]);
        }
    }
    for (int a = 0; a < ISMS_ASPECTS; a++)
        for (uint32_t i = 0; i < size; i++)
            settle(c, members[i], a, k[a], ISMS__PROV_CYCLE);
    return ISMS_OK;
}

/* Computes the effective keys and provenance of every asset into key and prov; keys name
 * their source by rank (see the top of this file). */
static int compute(const isms_inventory *inv, const graph *g, const scc *s, const uint32_t *rank,
                   uint32_t *key, uint8_t *prov)
{
    int floors[4][ISMS_ASPECTS];
    snap_floors(floors, inv);
    for (size_t u = 0; u < inv->count; u++) {
        const isms_asset *x = inv->items[u];
        for (int a = 0; a < ISMS_ASPECTS; a++) {
            size_t i = u * ISMS_ASPECTS + a;
            if (x->override[a] != ISMS_CLASS_UNSET) {
                key[i] = make_key(x->override[a], rank[u]);
                prov[i] = ISMS_ORIGIN_OVERRIDDEN;
                continue;
            }
            int level = base_level(x, floors, a, &prov[i]);
            key[i] = level == ISMS_CLASS_UNSET ? 0 : make_key(level, rank[u]);
        }
    }
    calc c = { g, s, key, prov };
    int rc = ISMS_OK;
    for (uint32_t comp = 0; comp < s->ncomp && !rc; comp++) {
        if (s->comp_off[comp + 1] - s->comp_off[comp] > 1) {
            rc = solve_cycle(&c, comp);
            continue;
        }
        /* The common case: one asset, not on a cycle. */
        uint32_t u = s->order[s->comp_off[comp]];
        uint32_t *ku = key + (size_t)u * ISMS_ASPECTS;
        uint32_t k0 = ku[0], k1 = ku[1], k2 = ku[2], k3 = ku[3];
        for (uint32_t e = g->off[u]; e < g->off[u + 1]; e++) {
            const uint32_t *kw = key + (size_t)g->adj[e] * ISMS_ASPECTS;
            k0 = max_u32(k0, kw[0]);
            k1 = max_u32(k1, kw[1]);
            k2 = max_u32(k2, kw[2]);
            k3 = max_u32(k3, kw[3]);
        }
        uint32_t k[ISMS_ASPECTS] = { k0, k1, k2, k3 };
        for (int a = 0; a < ISMS_ASPECTS; a++)
            if (!overridden(&c, u, a))
                settle(&c, u, a, k[a], 0);
    }
    return rc;
}

typedef struct id_pos {
    const char *id;
    uint32_t idx;
} id_pos;

static int cmp_id_pos(const void *pa, const void *pb)
{
    return strcmp(((const id_pos *)pa)->id, ((const id_pos *)pb)->id);
}

/* The rank of every asset in bytewise id order (rank[index]) and its inverse (order[rank]). */
static bool rank_ids(const isms_inventory *inv, uint32_t **rank, uint32_t **order)
{
    size_t n = inv->count;
    id_pos *v = isms__malloc((n ? n : 1) * sizeof *v);
    *rank = isms__malloc((n ? n : 1) * sizeof **rank);
    *order = isms__malloc((n ? n : 1) * sizeof **order);
    if (!v || !*rank || !*order) {
        isms__free(v);
        isms__free(*rank);
        isms__free(*order);
        *rank = *order = NULL;
        return false;
    }
    for (size_t i = 0; i < n; i++)
        v[i] = (id_pos){ inv->items[i]->id, (uint32_t)i };
    qsort(v, n, sizeof *v, cmp_id_pos);
    for (size_t r = 0; r < n; r++) {
        (*rank)[v[r].idx] = (uint32_t)r;
        (*order)[r] = v[r].idx;
    }
    isms__free(v);
    return true;
}

/* Graph, components and results in one go (the caller frees all four on success). */
static int analyse(const isms_inventory *inv, graph *g, scc *s, uint32_t **key, uint8_t **prov)
{
    *key = NULL;
    *prov = NULL;
    memset(s, 0, sizeof *s);
    int rc = graph_build(g, inv, false);
    if (rc)
        return rc;
    if ((rc = scc_run(s, g->n, g->off, g->adj))) {
        graph_free(g);
        return rc;
    }
    size_t n = inv->count;
    *key = isms__malloc(n * ISMS_ASPECTS * sizeof **key);
    *prov = isms__malloc(n * ISMS_ASPECTS);
    uint32_t *rank = NULL, *order = NULL;
    if (!*key || !*prov || !rank_ids(inv, &rank, &order)) {
        rc = isms__error_nomem();
    } else {
        rc = compute(inv, g, s, rank, *key, *prov);
        /* From ranks to indices, which is what the stored results name. */
        for (size_t i = 0; !rc && i < n * ISMS_ASPECTS; i++)
            if ((*key)[i])
                (*key)[i] = make_key(key_level((*key)[i]), order[key_idx((*key)[i])]);
    }
    isms__free(rank);
    isms__free(order);
    if (rc) {
        isms__free(*key);
        isms__free(*prov);
        *key = NULL;
        *prov = NULL;
        scc_free(s);
        graph_free(g);
    }
    return rc;
}

int isms_inventory_classify(isms_inventory *inv)
{
    if (!inv)
        return isms__error(ISMS_EINVAL, "isms_inventory_classify: inventory is NULL");
    graph g;
    scc s;
    uint32_t *key;
    uint8_t *prov;
    int rc = analyse(inv, &g, &s, &key, &prov);
    if (rc)
        return rc; /* the previous results, if still current, stay */
    scc_free(&s);
    graph_free(&g);
    isms__free(inv->res_key);
    isms__free(inv->res_prov);
    inv->res_key = key;
    inv->res_prov = prov;
    inv->classified = true;
    return ISMS_OK;
}

/* ---- results ------------------------------------------------------------------------- */

int isms_asset_effective(isms_provenance *out, const isms_asset *asset, isms_aspect aspect)
{
    if (!out || !asset)
        return isms__error(ISMS_EINVAL, "isms_asset_effective: NULL argument");
    if (!isms__aspect_ok(aspect))
        return isms__error(ISMS_EINVAL, "unknown aspect %d", (int)aspect);
    const isms_inventory *inv = asset->inv;
    isms_provenance p = { ISMS_CLASS_UNSET, ISMS_ORIGIN_UNCLASSIFIED, NULL, 0, false };
    if (inv->classified) {
        size_t i = (size_t)asset->idx * ISMS_ASPECTS + aspect;
        uint32_t k = inv->res_key[i];
        uint8_t pr = inv->res_prov[i];
        p.level = key_level(k);
        p.origin = origin_of(pr);
        if (p.origin == ISMS_ORIGIN_INHERITED)
            p.from = inv->items[key_idx(k)];
        if (p.origin == ISMS_ORIGIN_FLOOR)
            p.floor = 1u << ((pr >> ISMS__PROV_FLOOR_SHIFT) & 3);
        p.cycle = (pr & ISMS__PROV_CYCLE) != 0;
    }
    *out = p;
    return ISMS_OK;
}

/* The highest level among an asset's keys. */
static int overall_of(const uint32_t *keys)
{
    uint32_t k = 0;
    for (int a = 0; a < ISMS_ASPECTS; a++)
        k = max_u32(k, keys[a] & ~IDX_MASK);
    return key_level(k);
}

int isms_asset_overall(const isms_asset *asset)
{
    if (!asset || !asset->inv->classified)
        return ISMS_CLASS_UNSET;
    return overall_of(asset->inv->res_key + (size_t)asset->idx * ISMS_ASPECTS);
}

/* ---- impact -------------------------------------------------------------------------- */

int isms_inventory_impact(isms_asset ***out, size_t *n, const isms_inventory *inv,
                          const char *id)
{
    if (!out || !n || !inv || !id)
        return isms__error(ISMS_EINVAL, "isms_inventory_impact: NULL argument");
    const isms_asset *start = isms_inventory_find(inv, id);
    if (!start)
        return isms__error(ISMS_ENOTFOUND, "no asset with id \"%.64s\"", id);
    graph g;
    int rc = graph_build(&g, inv, true); /* supported → its supporters */
    if (rc)
        return rc;
    uint8_t *seen = isms__calloc(inv->count, 1);
    uint32_t *queue = isms__malloc(inv->count * sizeof *queue);
    isms_asset **list = NULL;
    if (!seen || !queue) {
        rc = isms__error_nomem();
        goto done;
    }
    size_t head = 0, tail = 0, found = 0;
    seen[start->idx] = 1;
    queue[tail++] = start->idx;
    while (head < tail) {
        uint32_t v = queue[head++];
        for (uint32_t e = g.off[v]; e < g.off[v + 1]; e++) {
            uint32_t w = g.adj[e];
            if (!seen[w]) {
                seen[w] = 1;
                queue[tail++] = w;
                found++;
            }
        }
    }
    if (found) {
        if (!(list = isms__malloc(found * sizeof *list))) {
            rc = isms__error_nomem();
            goto done;
        }
        size_t k = 0;
        for (size_t i = 0; i < inv->count; i++)
            if (seen[i] && i != start->idx)
                list[k++] = inv->items[i];
    }
    *out = list;
    *n = found;
done:
    isms__free(seen);
    isms__free(queue);
    graph_free(&g);
    return rc;
}

/* ---- summary and due ----------------------------------------------------------------- */

int isms_inventory_summarise(isms_inventory_summary *out, const isms_inventory *inv)
{
    if (!out || !inv)
        return isms__error(ISMS_EINVAL, "isms_inventory_summarise: NULL argument");
    if (!inv->classified)
        return isms__error(ISMS_EINVAL, "the inventory has changed since it was classified (or "
                           "was never classified): call isms_inventory_classify() first");
    isms_inventory_summary s;
    memset(&s, 0, sizeof s);
    for (size_t u = 0; u < inv->count; u++) {
        const isms_asset *x = inv->items[u];
        const uint32_t *keys = inv->res_key + u * ISMS_ASPECTS;
        s.per_type[x->type]++;
        s.with_pdata += x->pdata != 0;
        for (int a = 0; a < ISMS_ASPECTS; a++)
            s.per_level[a][key_level(keys[a]) + 1]++;
        s.per_overall[overall_of(keys) + 1]++;
    }
    s.total = inv->count;
    *out = s;
    return ISMS_OK;
}

static int by_next_review(const void *pa, const void *pb)
{
    const isms_asset *a = *(const isms_asset *const *)pa, *b = *(const isms_asset *const *)pb;
    int c = isms_date_compare(isms_asset_next_review(a), isms_asset_next_review(b));
    if (c)
        return c;
    c = isms__natcmp(a->id, b->id);
    return c ? c : strcmp(a->id, b->id);
}

int isms_inventory_due(isms_asset ***out, size_t *n, const isms_inventory *inv, int year)
{
    if (!out || !n || !inv)
        return isms__error(ISMS_EINVAL, "isms_inventory_due: NULL argument");
    if (year < 1900 || year > 9999)
        return isms__error(ISMS_EINVAL, "the year must be 1900–9999, not %d", year);
    size_t found = 0;
    for (size_t i = 0; i < inv->count; i++) {
        isms_date d = isms_asset_next_review(inv->items[i]);
        found += d.year != 0 && d.year <= year;
    }
    isms_asset **list = NULL;
    if (found) {
        if (!(list = isms__malloc(found * sizeof *list)))
            return isms__error_nomem();
        size_t k = 0;
        for (size_t i = 0; i < inv->count; i++) {
            isms_date d = isms_asset_next_review(inv->items[i]);
            if (d.year != 0 && d.year <= year)
                list[k++] = inv->items[i];
        }
        qsort(list, found, sizeof *list, by_next_review);
    }
    *out = list;
    *n = found;
    return ISMS_OK;
}

/* ---- lint ---------------------------------------------------------------------------- */

/* The most ids a finding lists before "…". */
#define LIST_MAX 10

typedef struct lint_ctx {
    isms_findings *out;
    const isms_inventory *inv;
    bool sv;
    isms_lang lang;
    isms_date today;
    int floors[4][ISMS_ASPECTS];
    graph g;
    scc s;
    uint32_t *key;
    uint8_t *prov;
    uint8_t *comp_flags; /* per component: REACHES_INFO, REPORTED */
    uint8_t *info;       /* per asset: 1 for information (a flat copy, read once per edge) */
    uint32_t *tmp;       /* scratch list of asset indices */
    size_t cap_tmp;
    isms__buf buf;
} lint_ctx;

enum { REACHES_INFO = 1, REPORTED = 2 };

/* Appends one finding with the message in the list's language. */
#define ADD(x, sev, code, ref, sv_fmt, en_fmt, ...)                                          \
    ((x)->sv ? isms__findings_addf((x)->out, sev, code, ref, sv_fmt, __VA_ARGS__)            \
             : isms__findings_addf((x)->out, sev, code, ref, en_fmt, __VA_ARGS__))

static int cmp_u32(const void *pa, const void *pb)
{
    uint32_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb;
    return a < b ? -1 : a > b;
}

/* Writes "A, B, C, …" for the sorted, distinct asset indices into x->buf; NULL when out of
 * memory. */
static const char *id_list(lint_ctx *x, const uint32_t *idx, size_t n)
{
    isms__buf_free(&x->buf);
    isms__buf_init(&x->buf);
    for (size_t i = 0; i < n && i < LIST_MAX; i++)
        isms__buf_printf(&x->buf, "%s%.64s", i ? ", " : "", x->inv->items[idx[i]]->id);
    if (n > LIST_MAX)
        isms__buf_puts(&x->buf, ", …");
    if (x->buf.failed || !x->buf.data)
        return NULL;
    return x->buf.data;
}

/* Writes the aspect words of `mask` ("integrity, availability") into x->buf. */
static const char *aspect_list(lint_ctx *x, unsigned mask)
{
    isms__buf_free(&x->buf);
    isms__buf_init(&x->buf);
    bool first = true;
    for (int a = 0; a < ISMS_ASPECTS; a++)
        if (mask & (1u << a)) {
            isms__buf_printf(&x->buf, "%s%s", first ? "" : ", ",
                             isms__aspect_word((isms_aspect)a, x->lang));
            first = false;
        }
    return x->buf.failed || !x->buf.data ? NULL : x->buf.data;
}

static bool push_tmp(lint_ctx *x, size_t *n, uint32_t v)
{
    if (!isms__grow((void **)&x->tmp, &x->cap_tmp, *n + 1, sizeof *x->tmp))
        return false;
    x->tmp[(*n)++] = v;
    return true;
}

/* Sorts the scratch list and drops repeats; returns the new length. */
static size_t sort_unique(uint32_t *v, size_t n)
{
    if (n < 2)
        return n;
    qsort(v, n, sizeof *v, cmp_u32);
    size_t k = 1;
    for (size_t i = 1; i < n; i++)
        if (v[i] != v[k - 1])
            v[k++] = v[i];
    return k;
}

/* True when information asset w has an aspect of the scheme without an effective level. */
static bool unclassified_info(const lint_ctx *x, uint32_t w)
{
    if (!x->info[w])
        return false;
    for (int a = 0; a < ISMS_ASPECTS; a++)
        if (isms_scheme_has_aspect(x->inv->scheme, (isms_aspect)a) &&
            key_level(x->key[(size_t)w * ISMS_ASPECTS + a]) == ISMS_CLASS_UNSET)
            return true;
    return false;
}

/* Whether each component reaches information through support, the components in order. */
static void mark_reach(lint_ctx *x)
{
    const scc *s = &x->s;
    const graph *g = &x->g;
    for (uint32_t c = 0; c < s->ncomp; c++) {
        uint32_t b = s->comp_off[c], e = s->comp_off[c + 1];
        bool r = false;
        for (uint32_t j = b; j < e && !r; j++) {
            uint32_t m = s->order[j];
            /* On a cycle every member reaches every other one, itself included. */
            if (e - b > 1 && x->info[m])
                r = true;
            for (uint32_t k = g->off[m]; k < g->off[m + 1] && !r; k++) {
                uint32_t w = g->adj[k];
                r = x->info[w] || (x->comp_flags[s->comp[w]] & REACHES_INFO);
            }
        }
        x->comp_flags[c] = r ? REACHES_INFO : 0;
    }
}

static const char *level_label(const lint_ctx *x, int a, int value)
{
    int i = isms__scheme_find(x->inv->scheme, (isms_aspect)a, value);
    if (i < 0)
        return "?";
    const isms__class_def *d = &x->inv->scheme->levels[a][i];
    return x->sv ? d->label_sv : d->label_en;
}

/* Words that say there is no transfer ("Nej", "Ingen", "-"). */
static bool says_none(const char *text)
{
    static const char *const none[] = {
        "-", "Nej", "No", "Ingen", "Inga", "None", "Ej aktuellt", "Ej tillämpligt", "N/A",
        "Ingen överföring", "No transfer", "No transfers",
    };
    for (size_t i = 0; i < sizeof none / sizeof *none; i++)
        if (isms_text_matches(none[i], text))
            return true;
    return false;
}

static int lint_privacy(lint_ctx *x, const isms_asset *a)
{
    const char *id = a->id;
    int rc = ISMS_OK;
    if (!a->pdata)
        goto transfers;
    if (isms__text_blank(isms_asset_get(a, ISMS_ASSET_PURPOSE)) &&
        (rc = ADD(x, ISMS_SEVERITY_WARNING, "asset-pdata-no-purpose", id,
                  "Personuppgifter behandlas utan angivet ändamål%s",
                  "Personal data is processed without a stated purpose%s", "")))
        return rc;
    if (isms__text_blank(isms_asset_get(a, ISMS_ASSET_LEGAL_BASIS))) {
        unsigned hard = a->pdata & (ISMS_PDATA_SPECIAL | ISMS_PDATA_CRIMINAL);
        if (hard) {
            const char *sv = hard == ISMS_PDATA_SPECIAL
                                 ? "Känsliga personuppgifter (art. 9)"
                                 : hard == ISMS_PDATA_CRIMINAL
                                       ? "Personuppgifter om lagöverträdelser (art. 10)"
                                       : "Känsliga personuppgifter (art. 9) och uppgifter om "
                                         "lagöverträdelser (art. 10)";
            const char *en = hard == ISMS_PDATA_SPECIAL
                                 ? "Special categories of personal data (art. 9) are"
                                 : hard == ISMS_PDATA_CRIMINAL
                                       ? "Personal data on criminal offences (art. 10) is"
                                       : "Special categories (art. 9) and data on criminal "
                                         "offences (art. 10) are";
            rc = ADD(x, ISMS_SEVERITY_ERROR, "asset-special-no-legal-basis", id,
                     "%s behandlas utan angiven rättslig grund",
                     "%s processed without a stated legal basis", x->sv ? sv : en);
        } else {
            rc = ADD(x, ISMS_SEVERITY_WARNING, "asset-pdata-no-legal-basis", id,
                     "Personuppgifter behandlas utan angiven rättslig grund%s",
                     "Personal data is processed without a stated legal basis%s", "");
        }
        if (rc)
            return rc;
    }
    if (isms__text_blank(isms_asset_get(a, ISMS_ASSET_RETENTION)) &&
        (rc = ADD(x, ISMS_SEVERITY_WARNING, "asset-no-retention", id,
                  "Personuppgifter saknar gallringsfrist eller lagringstid%s",
                  "Personal data has no retention period%s", "")))
        return rc;
transfers:;
    const char *transfers = isms_asset_get(a, ISMS_ASSET_TRANSFERS);
    if (!isms__text_blank(transfers) && !says_none(transfers) &&
        isms__text_blank(isms_asset_get(a, ISMS_ASSET_SAFEGUARDS)))
        rc = ADD(x, ISMS_SEVERITY_WARNING, "asset-transfer-no-safeguard", id,
                 "Överföring till tredje land (%.64s) utan angivna skyddsåtgärder",
                 "Transfer to a third country (%.64s) without stated safeguards", transfers);
    return rc;
}

unsigned isms__asset_unclassified(const isms_asset *a, const isms_scheme *scheme)
{
    unsigned missing = 0;
    for (int k = 0; k < ISMS_ASPECTS; k++)
        if (isms_scheme_has_aspect(scheme, (isms_aspect)k) && a->level[k] == ISMS_CLASS_UNSET &&
            a->override[k] == ISMS_CLASS_UNSET)
            missing |= 1u << k;
    return missing;
}

static int lint_asset(lint_ctx *x, const isms_asset *a)
{
    const isms_inventory *inv = x->inv;
    const isms_scheme *scheme = inv->scheme;
    const char *id = a->id;
    const uint32_t u = a->idx;
    const graph *g = &x->g;
    int rc = ISMS_OK;
    bool info = a->type == ISMS_ASSET_INFORMATION;

    if (info && isms__text_blank(isms_asset_get(a, ISMS_ASSET_OWNER)) &&
        (rc = ADD(x, ISMS_SEVERITY_WARNING, "asset-no-owner", id,
                  "Informationen saknar ägare%s", "The information has no owner%s", "")))
        return rc;
    if (info) {
        unsigned missing = isms__asset_unclassified(a, scheme);
        if (missing) {
            const char *list = aspect_list(x, missing);
            if (!list)
                return isms__error_nomem();
            if ((rc = ADD(x, ISMS_SEVERITY_WARNING, "asset-unclassified", id,
                          "Informationen är inte klassad för %s",
                          "The information is not classified for %s", list)))
                return rc;
        }
    }
    if ((rc = lint_privacy(x, a)))
        return rc;

    isms_date next = isms_asset_next_review(a);
    if (next.year && isms_date_compare(next, x->today) < 0) {
        char due[16], last[16];
        isms_date_format(due, sizeof due, next);
        isms_date_format(last, sizeof last, a->classified);
        if ((rc = ADD(x, ISMS_SEVERITY_WARNING, "asset-reclassify-overdue", id,
                      "Klassningen skulle ha gjorts om senast %s (senast klassad %s)",
                      "Reclassification was due on %s (last classified %s)", due, last)))
            return rc;
    }

    /* Information it supports directly that lacks an effective level for some aspect. */
    size_t nt = 0;
    for (uint32_t e = g->off[u]; e < g->off[u + 1]; e++)
        if (unclassified_info(x, g->adj[e]) && !push_tmp(x, &nt, g->adj[e]))
            return isms__error_nomem();
    if (nt) {
        nt = sort_unique(x->tmp, nt);
        const char *list = id_list(x, x->tmp, nt);
        if (!list)
            return isms__error_nomem();
        if ((rc = ADD(x, ISMS_SEVERITY_WARNING, "asset-processes-unclassified", id,
                      "Behandlar eller stödjer information som inte är klassad: %s",
                      "Processes or supports information that is not classified: %s", list)))
            return rc;
    }

    if (a->type == ISMS_ASSET_SYSTEM && !(x->comp_flags[x->s.comp[u]] & REACHES_INFO) &&
        (rc = ADD(x, ISMS_SEVERITY_WARNING, "asset-system-no-information", id,
                  "Systemet är inte kopplat till någon information, varken direkt eller via "
                  "andra tillgångar%s",
                  "The system is linked to no information, neither directly nor through other "
                  "assets%s",
                  "")))
        return rc;

    unsigned overrides = 0;
    for (int k = 0; k < ISMS_ASPECTS; k++) {
        int ov = a->override[k];
        if (ov == ISMS_CLASS_UNSET)
            continue;
        overrides |= 1u << k;
        /* What it replaces: its own level and what it inherits from the assets it supports. */
        uint8_t p;
        uint32_t r = 0;
        int base = base_level(a, x->floors, k, &p);
        if (base != ISMS_CLASS_UNSET)
            r = make_key(base, u);
        for (uint32_t e = g->off[u]; e < g->off[u + 1]; e++)
            r = max_u32(r, x->key[(size_t)g->adj[e] * ISMS_ASPECTS + k]);
        int replaced = key_level(r);
        if (replaced != ISMS_CLASS_UNSET && ov < replaced &&
            (rc = ADD(x, ISMS_SEVERITY_WARNING, "asset-override-below", id,
                      "Den manuellt satta nivån för %s, %d %s, ligger under nivån %d %s som "
                      "den ersätter",
                      "The override of %s, %d %s, is below the level %d %s it replaces",
                      isms__aspect_word((isms_aspect)k, x->lang), ov, level_label(x, k, ov),
                      replaced, level_label(x, k, replaced))))
            return rc;
    }
    if (overrides && isms__text_blank(isms_asset_get(a, ISMS_ASSET_OVERRIDE_REASON))) {
        const char *list = aspect_list(x, overrides);
        if (!list)
            return isms__error_nomem();
        if ((rc = ADD(x, ISMS_SEVERITY_WARNING, "asset-override-no-justification", id,
                      "Den manuellt satta nivån för %s saknar motivering",
                      "The override of %s has no justification", list)))
            return rc;
    }

    /* A cycle is reported once, at its member added first, naming its members. */
    uint32_t c = x->s.comp[u];
    uint32_t b = x->s.comp_off[c], e = x->s.comp_off[c + 1];
    if (e - b > 1 && !(x->comp_flags[c] & REPORTED)) {
        x->comp_flags[c] |= REPORTED;
        nt = 0;
        for (uint32_t j = b; j < e; j++)
            if (!push_tmp(x, &nt, x->s.order[j]))
                return isms__error_nomem();
        nt = sort_unique(x->tmp, nt);
        const char *list = id_list(x, x->tmp, nt);
        if (!list)
            return isms__error_nomem();
        rc = ADD(x, ISMS_SEVERITY_WARNING, "asset-cycle", id,
                 "%zu tillgångar stödjer varandra i en cirkel och får samma nivå: %s",
                 "%zu assets support each other in a cycle and share one level: %s",
                 (size_t)(e - b), list);
    }
    return rc;
}

int isms_inventory_lint(isms_findings *out, const isms_inventory *inv, isms_date today)
{
    if (!out || !inv)
        return isms__error(ISMS_EINVAL, "isms_inventory_lint: NULL argument");
    if (!isms_date_valid(today))
        return isms__error(ISMS_EINVAL, "isms_inventory_lint: the reference date %04d-%02d-%02d "
                           "is not valid", today.year, today.month, today.day);
    lint_ctx x;
    memset(&x, 0, sizeof x);
    x.out = out;
    x.inv = inv;
    x.lang = isms_findings_lang(out);
    x.sv = x.lang == ISMS_LANG_SV;
    x.today = today;
    snap_floors(x.floors, inv);
    isms__buf_init(&x.buf);
    /* Lint works the levels out itself, so that it never reads stale results. */
    int rc = analyse(inv, &x.g, &x.s, &x.key, &x.prov);
    if (rc)
        return rc;
    const size_t before = isms_findings_count(out);
    x.comp_flags = isms__calloc(x.s.ncomp, 1);
    x.info = isms__malloc(inv->count);
    if (!x.comp_flags || !x.info) {
        rc = isms__error_nomem();
        goto done;
    }
    for (size_t i = 0; i < inv->count; i++)
        x.info[i] = inv->items[i]->type == ISMS_ASSET_INFORMATION;
    mark_reach(&x);
    for (size_t i = 0; i < inv->count && !rc; i++)
        rc = lint_asset(&x, inv->items[i]);
    if (rc)
        isms__findings_truncate(out, before); /* all or nothing */
done:
    isms__buf_free(&x.buf);
    isms__free(x.tmp);
    isms__free(x.comp_flags);
    isms__free(x.info);
    isms__free(x.key);
    isms__free(x.prov);
    scc_free(&x.s);
    graph_free(&x.g);
    return rc;
}
