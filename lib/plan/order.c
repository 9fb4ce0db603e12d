/* The order of a plan: prerequisites resolved into a graph, cycles, and the priority order.
 *
 * Ordering works on flat arrays, never on the action objects after the first pass:
 *
 * 1. The prerequisite ids of the open actions are looked up once, in batches (see "resolving
 *    prerequisites" below), and become a graph in CSR form (isms__graph: 32-bit action
 *    indices). Done and cancelled prerequisites are met and left out.
 * 2. Every open action gets a key: its score (higher first), its due period (earlier first,
 *    as isms_period_compare(): dated periods, then unreadable ones, then none), and a prefix
 *    of its id that sorts as isms__natcmp() does. One sort by these keys, with isms__natcmp()
 *    only for the few whose keys are equal, gives each action a rank: a total order that
 *    depends on nothing but the actions' attributes.
 * 3. Kahn's algorithm in rank space: of the actions whose prerequisites are all placed, the
 *    one with the smallest rank comes next. The ready actions are kept in a bitmap with a
 *    summary bitmap per 64 words above it (a 64-ary tree of bits), so that taking the smallest
 *    and adding one cost a few word operations each.
 * 4. When fewer actions are placed than are open, the rest wait for each other: an iterative
 *    Tarjan (no recursion: a chain of a million actions is a million deep) finds the strongly
 *    connected components, and a breadth-first search in each from its smallest id in natural
 *    order finds a shortest cycle through it, for the message.
 *
 * All of it is linear in actions + prerequisites but for the sort. For a million actions with
 * three million prerequisites the order takes about 0.8 s on one core of a small virtual
 * machine (tests/bench/bench-plan.c); while it runs, its arrays take about 60 bytes an
 * action and 12 bytes a prerequisite, besides the terms of the scores.
 */
#include <stdio.h>
#include <string.h>

#include "plan/plan-internal.h"

#define NONE UINT32_MAX

/* ---- graph --------------------------------------------------------------------------- */

void isms__graph_free(isms__graph *g)
{
    if (!g)
        return;
    isms__free(g->row);
    isms__free(g->pre);
    g->row = NULL;
    g->pre = NULL;
}

/* ---- resolving prerequisites --------------------------------------------------------
 *
 * A look-up in the plan's index costs two cache misses one after the other: the slot, then
 * the action to compare the id. For millions of prerequisites among a million actions that
 * took longer than all the rest of the ordering, so the prerequisites are looked up in
 * batches (isms__index_find_many()), whose misses overlap instead of following each other.
 * Whether the action found is open then comes from a bitmap made beforehand, not from the
 * action: its status may lie on another cache line than its id and index. */

#define BATCH 64

/* Where the graph is being written, and the prerequisites being looked up. */
typedef struct builder {
    const isms_plan *plan;
    isms__graph g;
    size_t k;               /* prerequisites written */
    size_t next_row;        /* the first action whose row is not closed */
    bool lenient;
    const uint64_t *open;   /* a bit per action: set when it is open */
    size_t n;               /* look-ups queued */
    const char *id[BATCH];  /* the prerequisite's id */
    size_t len[BATCH];      /* its length */
    uint32_t action[BATCH]; /* the action that waits for it */
    void *found[BATCH];
} builder;

static int flush(builder *b)
{
    isms__index_find_many(&b->plan->index, b->id, b->len, b->n, b->found);
    for (size_t j = 0; j < b->n; j++) {
        const isms_action *p = b->found[j];
        /* Every action before this one has all its prerequisites written. */
        for (; b->next_row < b->action[j]; b->next_row++)
            b->g.row[b->next_row + 1] = b->k;
        if (!p) {
            if (b->lenient)
                continue;
            const char *who = b->plan->items[b->action[j]]->id;
            return isms__error(ISMS_ENOTFOUND, "action %.*s: prerequisite %.*s does not exist",
                               ISMS__Q(who), ISMS__Q(b->id[j]));
        }
        uint32_t idx = p->idx;
        if (b->open[idx >> 6] >> (idx & 63) & 1)
            b->g.pre[b->k++] = idx;
    }
    b->n = 0;
    return ISMS_OK;
}

static int graph_build(isms__graph *out, const isms_plan *plan, bool lenient)
{
    const size_t count = plan->count;
    isms_action *const *items = plan->items;
    builder *b = isms__malloc(sizeof *b);
    uint64_t *open = isms__calloc(count / 64 + 1, sizeof *open);
    if (!b || !open) {
        isms__free(b);
        isms__free(open);
        return isms__error_nomem();
    }
    size_t total = 0;
    for (size_t i = 0; i < count; i++) {
        if (isms__action_open(items[i])) {
            open[i >> 6] |= (uint64_t)1 << (i & 63);
            total += items[i]->n_prereqs;
        }
    }
    b->plan = plan;
    b->k = 0;
    b->next_row = 0;
    b->lenient = lenient;
    b->open = open;
    b->n = 0;
    b->g.row = isms__malloc((count + 1) * sizeof *b->g.row);
    b->g.pre = isms__malloc((total ? total : 1) * sizeof *b->g.pre);
    int rc = ISMS_OK;
    if (!b->g.row || !b->g.pre)
        rc = isms__error_nomem();
    else
        b->g.row[0] = 0;
    for (size_t i = 0; i < count && total && !rc; i++) {
        const isms_action *a = items[i];
        if (!isms__action_open(a) || !a->n_prereqs)
            continue;
        /* The prerequisites of an action whose prerequisites were all resolved when they
         * were added are written at once; the others are looked up in batches. The rows stay
         * in plan order, and each row in prerequisite order: what is queued for earlier
         * actions is flushed before this one writes. */
        const uint32_t *known = a->prereq_gen == plan->gen ? a->prereq_idx : NULL;
        for (uint32_t j = 0; known && j < a->n_prereqs; j++)
            if (known[j] == ISMS__UNRESOLVED) /* keep the row in prerequisite order */
                known = NULL;
        if (known && b->n)
            rc = flush(b);
        if (known)
            for (; b->next_row < i; b->next_row++)
                b->g.row[b->next_row + 1] = b->k;
        const char *p = a->prereqs;
        for (uint32_t j = 0; j < a->n_prereqs && !rc; j++) {
            size_t len = strlen(p);
            if (known) {
                uint32_t idx = known[j];
                if (open[idx >> 6] >> (idx & 63) & 1)
                    b->g.pre[b->k++] = idx;
            } else {
                b->id[b->n] = p;
                b->len[b->n] = len;
                b->action[b->n] = (uint32_t)i;
                if (++b->n == BATCH)
                    rc = flush(b);
            }
            p += len + 1;
        }
    }
    if (!rc && b->n)
        rc = flush(b);
    isms__free(open);
    if (rc) {
        isms__graph_free(&b->g);
        isms__free(b);
        return rc;
    }
    for (; b->next_row < count; b->next_row++)
        b->g.row[b->next_row + 1] = b->k;
    *out = b->g;
    isms__free(b);
    return ISMS_OK;
}

int isms__plan_graph(isms__graph *out, const isms_plan *plan)
{
    return graph_build(out, plan, false);
}

int isms__plan_graph_lenient(isms__graph *out, const isms_plan *plan)
{
    return graph_build(out, plan, true);
}

/* ---- cycles -------------------------------------------------------------------------- */

void isms__cycles_free(isms__cycles *c)
{
    if (!c)
        return;
    isms__free(c->ids);
    isms__free(c->start);
    c->ids = NULL;
    c->start = NULL;
    c->n = 0;
}

/* Scratch of the cycle search, one array of each per action. */
typedef struct tarjan {
    uint32_t *index; /* visiting order, NONE: not yet visited; later the marks of the BFS */
    uint32_t *low;   /* later the parents of the BFS */
    uint32_t *comp;  /* component, NONE while not in one */
    uint32_t *stack; /* Tarjan's stack of actions; later the queue of the BFS */
    uint32_t *call;  /* the depth-first path */
    uint32_t *head;  /* per component: its smallest id when it has a cycle, else NONE */
    size_t *next;    /* per action on the path: its next prerequisite to look at */
} tarjan;

static void tarjan_free(tarjan *t)
{
    isms__free(t->index);
    isms__free(t->low);
    isms__free(t->comp);
    isms__free(t->stack);
    isms__free(t->call);
    isms__free(t->head);
    isms__free(t->next);
}

/* Appends a shortest cycle through `s` within its component (a breadth-first search along
 * prerequisites; `parent` and `queue` are scratch of the plan's size, `seen` marks the actions
 * reached with the stamp s + 1). */
static int add_cycle(isms__cycles *out, size_t *cap_ids, size_t *cap_start,
                     const isms__graph *g, const uint32_t *comp, uint32_t s, uint32_t *parent,
                     uint32_t *queue, uint32_t *seen)
{
    size_t head = 0, tail = 0;
    queue[tail++] = s;
    seen[s] = s + 1;
    uint32_t last = NONE;
    while (head < tail && last == NONE) {
        uint32_t v = queue[head++];
        for (size_t e = g->row[v]; e < g->row[v + 1]; e++) {
            uint32_t p = g->pre[e];
            if (comp[p] != comp[s])
                continue;
            if (p == s) {
                last = v;
                break;
            }
            if (seen[p] != s + 1) {
                seen[p] = s + 1;
                parent[p] = v;
                queue[tail++] = p;
            }
        }
    }
    /* s waits for x1, which waits for x2 … which waits for `last`, which waits for s: in the
     * order the actions must be done, s comes before `last`, which comes before … x1. */
    size_t len = 1;
    for (uint32_t v = last; v != s; v = parent[v])
        len++;
    if (!isms__grow((void **)&out->ids, cap_ids, out->start[out->n] + len, sizeof *out->ids) ||
        !isms__grow((void **)&out->start, cap_start, out->n + 2, sizeof *out->start))
        return isms__error_nomem();
    uint32_t *dst = out->ids + out->start[out->n];
    size_t k = 0;
    dst[k++] = s;
    for (uint32_t v = last; v != s; v = parent[v])
        dst[k++] = v;
    out->start[out->n + 1] = out->start[out->n] + len;
    out->n++;
    return ISMS_OK;
}

/* Whether action v waits for itself (never made by the API, which refuses it). */
static bool self_loop(const isms__graph *g, uint32_t v)
{
    for (size_t e = g->row[v]; e < g->row[v + 1]; e++)
        if (g->pre[e] == v)
            return true;
    return false;
}

/* Tarjan's algorithm without recursion over the open actions: fills t->comp and, for every
 * component with a cycle, t->head. Returns the number of components. */
static uint32_t components(tarjan *t, const isms_plan *plan, const isms__graph *g)
{
    const size_t n = plan->count;
    isms_action *const *items = plan->items;
    for (size_t i = 0; i < n; i++) {
        t->index[i] = NONE;
        t->comp[i] = NONE;
    }
    uint32_t counter = 0, sp = 0, n_comp = 0;
    for (size_t root = 0; root < n; root++) {
        if (t->index[root] != NONE || !isms__action_open(items[root]))
            continue;
        size_t depth = 0;
        t->index[root] = t->low[root] = counter++;
        t->stack[sp++] = (uint32_t)root;
        t->next[root] = g->row[root];
        t->call[depth++] = (uint32_t)root;
        while (depth) {
            uint32_t v = t->call[depth - 1];
            if (t->next[v] < g->row[v + 1]) {
                uint32_t w = g->pre[t->next[v]++];
                if (t->index[w] == NONE) {
                    t->index[w] = t->low[w] = counter++;
                    t->stack[sp++] = w;
                    t->next[w] = g->row[w];
                    t->call[depth++] = w;
                } else if (t->comp[w] == NONE && t->index[w] < t->low[v]) {
                    t->low[v] = t->index[w]; /* w is still on the stack */
                }
                continue;
            }
            depth--;
            if (depth && t->low[v] < t->low[t->call[depth - 1]])
                t->low[t->call[depth - 1]] = t->low[v];
            if (t->low[v] != t->index[v])
                continue;
            /* v roots a component: the stack down to v. */
            uint32_t c = n_comp++, best = v, w;
            bool many = t->stack[sp - 1] != v;
            do {
                w = t->stack[--sp];
                t->comp[w] = c;
                if (many && isms__natcmp(items[w]->id, items[best]->id) < 0)
                    best = w;
            } while (w != v);
            t->head[c] = many || self_loop(g, v) ? best : NONE;
        }
    }
    return n_comp;
}

int isms__plan_cycles(isms__cycles *out, const isms_plan *plan, const isms__graph *g)
{
    const size_t n = plan->count, m = n ? n : 1;
    isms__cycles res = { NULL, NULL, 0 };
    size_t cap_ids = 0, cap_start = 0;
    tarjan t;
    t.index = isms__malloc(m * sizeof *t.index);
    t.low = isms__malloc(m * sizeof *t.low);
    t.comp = isms__malloc(m * sizeof *t.comp);
    t.stack = isms__malloc(m * sizeof *t.stack);
    t.call = isms__malloc(m * sizeof *t.call);
    t.head = isms__malloc(m * sizeof *t.head);
    t.next = isms__malloc(m * sizeof *t.next);
    if (!t.index || !t.low || !t.comp || !t.stack || !t.call || !t.head || !t.next ||
        !isms__grow((void **)&res.start, &cap_start, 1, sizeof *res.start)) {
        tarjan_free(&t);
        isms__cycles_free(&res);
        return isms__error_nomem();
    }
    res.start[0] = 0;
    uint32_t n_comp = components(&t, plan, g);
    for (size_t i = 0; i < n; i++)
        t.index[i] = 0;
    int rc = ISMS_OK;
    for (uint32_t c = 0; c < n_comp && !rc; c++)
        if (t.head[c] != NONE)
            rc = add_cycle(&res, &cap_ids, &cap_start, g, t.comp, t.head[c], t.low, t.stack,
                           t.index);
    tarjan_free(&t);
    if (rc) {
        isms__cycles_free(&res);
        return rc;
    }
    *out = res;
    return ISMS_OK;
}

/* The longest part of an id a cycle's text shows, in bytes. */
#define CYCLE_ID_MAX 40
/* The most ids a cycle's text shows. */
#define CYCLE_IDS_MAX 20

void isms__cycle_text(char *buf, size_t size, const isms_plan *plan, const uint32_t *ids,
                      size_t n)
{
    size_t len = 0;
    buf[0] = '\0';
    for (size_t k = 0; k <= n && k <= CYCLE_IDS_MAX; k++) {
        int w;
        if (k == CYCLE_IDS_MAX && k < n) {
            w = snprintf(buf + len, size - len, " → …");
        } else {
            const char *id = plan->items[ids[k < n ? k : 0]]->id;
            int q = isms__plan_quote_len(id, CYCLE_ID_MAX);
            w = snprintf(buf + len, size - len, "%s%.*s%s", k ? " → " : "", q, id,
                         id[q] ? "…" : "");
        }
        if (w < 0 || (size_t)w >= size - len)
            break;
        len += (size_t)w;
    }
}

/* ---- order --------------------------------------------------------------------------- */

/* An open action in the sort: the keys in the order they count, then its index. */
typedef struct rec {
    uint64_t score; /* smaller for a higher score */
    uint64_t due;   /* as isms_period_compare() orders periods */
    uint64_t name;  /* a prefix of the id that orders as isms__natcmp() */
    uint32_t idx;
} rec;

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* The first eight bytes of a string of bytes that sorts as isms__natcmp() sorts ids: other
 * bytes stand for themselves; a run of digits becomes a byte 0x30 + its length without
 * leading zeros (0x39 and the length for nine digits or more), the digits two to a byte, and
 * the number of leading zeros. No byte of it ever lies in 0x30–0x39 where a digit of the id
 * does not, so digits and other bytes compare as in the id; a shorter id ends in zero bytes,
 * which sort before everything. Equal keys say nothing: the ids then compare in full. */
static uint64_t name_key(const char *s)
{
    unsigned char b[8];
    size_t n = 0;
#define PUT(x)                                                                                \
    do {                                                                                      \
        if (n == sizeof b)                                                                    \
            goto done;                                                                        \
        b[n++] = (unsigned char)(x);                                                          \
    } while (0)
    while (*s) {
        if (!is_digit(*s)) {
            PUT(*s++);
            continue;
        }
        const char *start = s;
        while (*s == '0' && is_digit(s[1]))
            s++;
        size_t zeros = (size_t)(s - start), len = 0;
        while (is_digit(s[len]))
            len++;
        if (len < 9) {
            PUT(0x30 + len);
        } else {
            PUT(0x39);
            if (len >= 255) { /* longer numbers compare in full */
                PUT(0xFF);
                goto done;
            }
            PUT(len);
        }
        for (size_t i = 0; i < len; i += 2)
            PUT((s[i] - '0') << 4 | (i + 1 < len ? s[i + 1] - '0' : 0));
        if (zeros >= 255) {
            PUT(0xFF);
            goto done;
        }
        PUT(zeros);
        s += len;
    }
done:
#undef PUT
    while (n < sizeof b)
        b[n++] = 0;
    uint64_t k = 0;
    for (size_t i = 0; i < sizeof b; i++)
        k = k << 8 | b[i];
    return k;
}

/* A date as a number that orders as the date. */
static uint64_t day_key(isms_date d)
{
    return (uint64_t)d.year << 9 | (uint64_t)d.month << 5 | (uint64_t)d.day;
}

/* The due period as a number that orders as isms_period_compare(): dated periods by last day,
 * first day and kind; then unreadable ones, then none. */
static uint64_t due_key(const isms_period *p)
{
    if (p->kind >= ISMS_PERIOD_DAY && p->kind <= ISMS_PERIOD_YEAR)
        return day_key(p->end) << 26 | day_key(p->start) << 3 | (uint64_t)p->kind;
    if (p->kind == ISMS_PERIOD_UNPARSED)
        return (uint64_t)1 << 62;
    if (p->kind == ISMS_PERIOD_NONE)
        return (uint64_t)2 << 62;
    return (uint64_t)3 << 62;
}

/* A score as a number that orders higher scores first (scores are not negative). */
static uint64_t score_key(double score)
{
    if (!(score > 0)) /* 0, -0, NaN */
        score = 0;
    uint64_t bits;
    memcpy(&bits, &score, sizeof bits);
    return UINT64_MAX - bits;
}

static inline bool rec_less(const rec *a, const rec *b, isms_action *const *items)
{
    if (a->score != b->score)
        return a->score < b->score;
    if (a->due != b->due)
        return a->due < b->due;
    if (a->name != b->name)
        return a->name < b->name;
    return isms__natcmp(items[a->idx]->id, items[b->idx]->id) < 0;
}

static inline void rec_swap(rec *a, rec *b)
{
    rec t = *a;
    *a = *b;
    *b = t;
}

static void insertion_sort(rec *v, size_t n, isms_action *const *items)
{
    for (size_t i = 1; i < n; i++) {
        rec x = v[i];
        size_t j = i;
        while (j > 0 && rec_less(&x, &v[j - 1], items)) {
            v[j] = v[j - 1];
            j--;
        }
        v[j] = x;
    }
}

static void sift_down(rec *v, size_t root, size_t n, isms_action *const *items)
{
    for (;;) {
        size_t child = 2 * root + 1;
        if (child >= n)
            return;
        if (child + 1 < n && rec_less(&v[child], &v[child + 1], items))
            child++;
        if (!rec_less(&v[root], &v[child], items))
            return;
        rec_swap(&v[root], &v[child]);
        root = child;
    }
}

static void heap_sort(rec *v, size_t n, isms_action *const *items)
{
    for (size_t i = n / 2; i-- > 0;)
        sift_down(v, i, n, items);
    for (size_t end = n; end-- > 1;) {
        rec_swap(&v[0], &v[end]);
        sift_down(v, 0, end, items);
    }
}

/* Introsort: quicksort with the median of three, recursing into the smaller part only (so
 * the depth stays logarithmic), heap sort when the partitions go bad, insertion sort for
 * small parts. Keys are all distinct (ids are), which keeps the partitions honest. */
static void sort_recs(rec *v, size_t n, unsigned budget, isms_action *const *items)
{
    while (n > 16) {
        if (budget-- == 0) {
            heap_sort(v, n, items);
            return;
        }
        size_t mid = n / 2;
        if (rec_less(&v[mid], &v[0], items))
            rec_swap(&v[mid], &v[0]);
        if (rec_less(&v[n - 1], &v[0], items))
            rec_swap(&v[n - 1], &v[0]);
        if (rec_less(&v[n - 1], &v[mid], items))
            rec_swap(&v[n - 1], &v[mid]);
        /* v[0] <= v[mid] <= v[n - 1]: the median goes to n - 2 as the pivot. */
        rec_swap(&v[mid], &v[n - 2]);
        const rec pivot = v[n - 2];
        size_t i = 0, j = n - 2;
        for (;;) {
            while (rec_less(&v[++i], &pivot, items)) {
            }
            while (rec_less(&pivot, &v[--j], items)) {
            }
            if (i >= j)
                break;
            rec_swap(&v[i], &v[j]);
        }
        rec_swap(&v[i], &v[n - 2]);
        /* v[0 … i) < pivot = v[i] < v[i + 1 … n) */
        size_t left = i, right = n - i - 1;
        if (left < right) {
            sort_recs(v, left, budget, items);
            v += i + 1;
            n = right;
        } else {
            sort_recs(v + i + 1, right, budget, items);
            n = left;
        }
    }
    insertion_sort(v, n, items);
}

/* The number of zero bits below the lowest one bit of x, which is not 0. */
static inline unsigned ctz64(uint64_t x)
{
#if defined(__GNUC__)
    return (unsigned)__builtin_ctzll(x);
#else
    unsigned n = 0;
    for (; !(x & 1); x >>= 1)
        n++;
    return n;
#endif
}

/* The ready actions by rank: a bitmap of ranks with, above it, a bitmap per 64 words of the
 * level below, up to a single word. */
typedef struct queue {
    uint64_t *level[6]; /* level[0]: one bit per rank */
    int depth;
    uint64_t *mem;
} queue;

static bool queue_init(queue *q, size_t n)
{
    size_t words[6], total = 0;
    q->depth = 0;
    size_t m = n;
    do {
        m = (m + 63) / 64;
        words[q->depth++] = m;
        total += m;
    } while (m > 1 && q->depth < 6);
    q->mem = isms__calloc(total, sizeof *q->mem);
    if (!q->mem)
        return false;
    uint64_t *p = q->mem;
    for (int l = 0; l < q->depth; l++) {
        q->level[l] = p;
        p += words[l];
    }
    return true;
}

static inline void queue_push(queue *q, uint32_t r)
{
    size_t x = r;
    for (int l = 0; l < q->depth; l++) {
        uint64_t *w = &q->level[l][x >> 6];
        uint64_t before = *w;
        *w = before | (uint64_t)1 << (x & 63);
        if (before)
            return;
        x >>= 6;
    }
}

static inline bool queue_empty(const queue *q)
{
    return q->level[q->depth - 1][0] == 0;
}

/* The smallest rank in the queue, which must not be empty. */
static inline uint32_t queue_min(const queue *q)
{
    size_t x = 0;
    for (int l = q->depth - 1; l >= 0; l--)
        x = x << 6 | ctz64(q->level[l][x]);
    return (uint32_t)x;
}

/* Takes the smallest rank out of the queue, which must not be empty. */
static inline uint32_t queue_pop(queue *q)
{
    uint32_t x = queue_min(q);
    size_t y = x;
    for (int l = 0; l < q->depth; l++) {
        uint64_t *w = &q->level[l][y >> 6];
        *w &= ~((uint64_t)1 << (y & 63));
        if (*w)
            break;
        y >>= 6;
    }
    return x;
}

/* The message of a cycle among the open actions (the one whose first id sorts first). */
static int cycle_error(const isms_plan *plan, const isms__graph *g)
{
    isms__cycles c;
    int rc = isms__plan_cycles(&c, plan, g);
    if (rc)
        return rc;
    size_t best = 0;
    for (size_t k = 1; k < c.n; k++)
        if (isms__natcmp(plan->items[c.ids[c.start[k]]]->id,
                         plan->items[c.ids[c.start[best]]]->id) < 0)
            best = k;
    char text[1024] = "";
    if (c.n)
        isms__cycle_text(text, sizeof text, plan, c.ids + c.start[best],
                         c.start[best + 1] - c.start[best]);
    isms__cycles_free(&c);
    return isms__error(ISMS_ECYCLE, "prerequisites form a cycle: %s (each must come before "
                       "the next)", text);
}

/* An open action in Kahn's algorithm, by rank. */
typedef struct node {
    uint32_t first;  /* its dependents are dep[first … next node's first) */
    uint32_t idx;    /* its index in the plan */
    uint32_t indeg;  /* prerequisites not yet placed */
} node;

int isms__plan_order(uint32_t **order, size_t *n, const isms_plan *plan, const isms__graph *g,
                     const double *score)
{
    const size_t count = plan->count;
    isms_action *const *items = plan->items;
    size_t n_open = 0;
    for (size_t i = 0; i < count; i++)
        n_open += isms__action_open(items[i]);
    if (!n_open) {
        *order = NULL;
        *n = 0;
        return ISMS_OK;
    }
    const size_t n_edges = g->row[count];
    if (n_edges > UINT32_MAX)
        return isms__error(ISMS_ENOMEM, "the open actions have %zu prerequisites, more than "
                           "the order can hold (%lu)", n_edges, (unsigned long)UINT32_MAX);
    rec *recs = isms__malloc(n_open * sizeof *recs);
    uint32_t *rank = isms__malloc(count * sizeof *rank); /* index -> rank */
    node *nodes = isms__calloc(n_open + 1, sizeof *nodes);
    uint32_t *dep = isms__malloc((n_edges ? n_edges : 1) * sizeof *dep);
    uint32_t *pr = isms__malloc((n_edges ? n_edges : 1) * sizeof *pr);
    uint32_t *out = isms__malloc(n_open * sizeof *out);
    queue q = { { NULL }, 0, NULL };
    int rc = ISMS_OK;
    if (!recs || !rank || !nodes || !dep || !pr || !out || !queue_init(&q, n_open)) {
        rc = isms__error_nomem();
        goto done;
    }

    /* Ranks. */
    size_t k = 0;
    for (size_t i = 0; i < count; i++) {
        const isms_action *a = items[i];
        if (!isms__action_open(a))
            continue;
        recs[k].score = score_key(score[i]);
        recs[k].due = due_key(&a->due);
        recs[k].name = name_key(a->id);
        recs[k].idx = (uint32_t)i;
        k++;
    }
    unsigned budget = 2;
    for (size_t m = n_open; m > 1; m >>= 1)
        budget += 2;
    sort_recs(recs, n_open, budget, items);
    for (size_t i = 0; i < count; i++)
        rank[i] = NONE;
    for (size_t r = 0; r < n_open; r++) {
        nodes[r].idx = recs[r].idx;
        rank[recs[r].idx] = (uint32_t)r;
    }
    isms__free(recs);
    recs = NULL;

    /* Who waits for whom, by rank. The prerequisites go to rank space first (pr), in the
     * graph's order, so that both passes read the graph sequentially; `first` counts the
     * dependents of each rank, one place ahead, and then becomes their start. */
    for (size_t i = 0, e = 0; i < count; i++) {
        size_t end = g->row[i + 1];
        if (e == end)
            continue;
        nodes[rank[i]].indeg = (uint32_t)(end - e);
        for (; e < end; e++) {
            uint32_t p = rank[g->pre[e]];
            pr[e] = p;
            nodes[p + 1].first++;
        }
    }
    for (size_t r = 0; r < n_open; r++)
        nodes[r + 1].first += nodes[r].first;
    for (size_t i = 0, e = 0; i < count; i++) {
        size_t end = g->row[i + 1];
        for (uint32_t r = rank[i]; e < end; e++)
            dep[nodes[pr[e]].first++] = r;
    }
    for (size_t r = n_open; r > 0; r--) /* back to the starts */
        nodes[r].first = nodes[r - 1].first;
    nodes[0].first = 0;

    /* Kahn: the smallest rank among the ready ones comes next. The dependents of the one
     * placed are counted down first and looked at after, so that their cache misses overlap
     * instead of waiting on each other's branches. */
    for (size_t r = 0; r < n_open; r++)
        if (!nodes[r].indeg)
            queue_push(&q, (uint32_t)r);
    size_t placed = 0;
    while (!queue_empty(&q)) {
        uint32_t r = queue_pop(&q);
        out[placed++] = r;
        if (!queue_empty(&q)) { /* most likely the next one: fetch its dependents */
            uint32_t next = queue_min(&q);
            for (uint32_t e = nodes[next].first; e < nodes[next + 1].first; e++)
                ISMS__PREFETCH(&nodes[dep[e]].indeg);
        }
        const uint32_t from = nodes[r].first, to = nodes[r + 1].first;
        for (uint32_t e = from; e < to; e++)
            nodes[dep[e]].indeg--;
        for (uint32_t e = from; e < to; e++)
            if (!nodes[dep[e]].indeg)
                queue_push(&q, dep[e]);
    }
    if (placed < n_open) {
        rc = cycle_error(plan, g);
        goto done;
    }
    for (size_t j = 0; j < n_open; j++)
        out[j] = nodes[out[j]].idx;
    *order = out;
    *n = n_open;
    out = NULL;
done:
    isms__free(recs);
    isms__free(rank);
    isms__free(nodes);
    isms__free(dep);
    isms__free(pr);
    isms__free(out);
    isms__free(q.mem);
    return rc;
}

/* ---- prioritise ---------------------------------------------------------------------- */

int isms__plan_rank(uint32_t **order, size_t *n, isms__graph *graph, isms__scoring *scoring,
                    const isms_plan *plan, const isms_priority *w)
{
    isms_priority def;
    if (!w) {
        def = isms_priority_default();
        w = &def;
    }
    int rc = isms__priority_check(w);
    if (rc)
        return rc;
    isms__graph g;
    rc = isms__plan_graph(&g, plan);
    if (rc)
        return rc;
    isms__scoring s;
    rc = isms__plan_score(&s, plan, w);
    if (rc) {
        isms__graph_free(&g);
        return rc;
    }
    rc = isms__plan_order(order, n, plan, &g, s.score);
    if (rc) {
        isms__scoring_free(&s);
        isms__graph_free(&g);
        return rc;
    }
    *scoring = s;
    if (graph)
        *graph = g;
    else
        isms__graph_free(&g);
    return ISMS_OK;
}

int isms_plan_prioritise(isms_action ***out, size_t *n, isms_plan *plan,
                         const isms_priority *weights)
{
    if (!plan)
        return isms__error(ISMS_EINVAL, "isms_plan_prioritise: plan is NULL");
    if (out && !n)
        return isms__error(ISMS_EINVAL, "isms_plan_prioritise: n is NULL");
    size_t n_open = 0;
    for (size_t i = 0; i < plan->count; i++)
        n_open += isms__action_open(plan->items[i]);
    isms_action **list = NULL;
    if (out && n_open) {
        list = isms__malloc(n_open * sizeof *list);
        if (!list)
            return isms__error_nomem();
    }
    uint32_t *ord = NULL;
    size_t k = 0;
    isms__scoring sc;
    int rc = isms__plan_rank(&ord, &k, NULL, &sc, plan, weights);
    if (rc) {
        isms__free(list);
        return rc;
    }
    isms__plan_commit(plan, &sc);
    if (list)
        for (size_t j = 0; j < k; j++)
            list[j] = plan->items[ord[j]];
    isms__free(ord);
    if (out) {
        *out = list;
        *n = k;
    }
    return ISMS_OK;
}
