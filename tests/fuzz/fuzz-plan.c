/*
 * libFuzzer target: the plan module's text parsers and the order and schedule built on them.
 *
 * The input is read as lines; the first character of a line says what the rest is:
 *
 *   +ID        add an action (it becomes the current one)     o TEXT  owner
 *   e TEXT     effort (isms_effort_parse)                      d TEXT  due text
 *   r TEXT     recurrence (isms_recurrence_parse)              p ID    prerequisite
 *   s TEXT     status (isms_action_status_parse)               x ID    remove an action
 *   t TEXT     target, kind from a prefix (risk:, krav:, …)    l LC    expected residual
 *   T KTEXT    target of the kind K (1 risk, 2 req, 3 asset)   anything else: every parser
 *
 * (one space after the command character is skipped; a line is cut before its first byte
 * that is not UTF-8, which every function that takes text refuses: fuzz_cut_utf8() checks
 * that refusal). Every parser result must hold
 * together: efforts finite within 0–100000 person-days and equal to their size's days, a
 * recurrence or status that reads back from its name and labels, targets with a kind in range
 * and a trimmed id (white space is ASCII white space and U+00A0, as the library trims it),
 * the due period that isms_period_parse() gives for the same text. Then the
 * plan (sources: a small risk register) is prioritised: the result must be ISMS_ENOTFOUND
 * when an open action names a prerequisite that no action has, else ISMS_ECYCLE when the open
 * actions' prerequisites form a cycle, else ISMS_OK with every open action once, each after
 * its open prerequisites, the next one always of the highest score among the ready ones, and
 * the same order and scores for the same actions added in reverse order. Lint must report the
 * missing prerequisites and cycles, every scored action must explain itself, and the schedule
 * must fail as the order does or place every open action at most once after its
 * prerequisites and within the capacity. Anything else aborts.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz-util.h"
#include "isms.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fail(const char *what, const char *text)
{
    fprintf(stderr, "plan: %s\n  text: \"%s\"\n", what, text ? text : "");
    abort();
}

static void must(int rc, const char *what)
{
    if (rc != ISMS_OK) {
        fprintf(stderr, "plan: %s failed: %s (%s)\n", what, isms_strerror(rc),
                isms_error_last()->message);
        abort();
    }
}

/* White space as the library trims it: ASCII white space and the no-break space U+00A0
 * (C2 A0), which spreadsheets paste. The length of the white space at s, or 0. */
static size_t space_at(const char *s)
{
    if (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n' || *s == '\v' || *s == '\f')
        return 1;
    return (unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA0 ? 2 : 0;
}

/* Whether the non-empty text s ends in white space. */
static bool space_at_end(const char *s)
{
    size_t n = strlen(s);
    return space_at(s + n - 1) || (n >= 2 && space_at(s + n - 2) == 2);
}

static bool blank(const char *s)
{
    size_t w;
    for (; *s; s += w)
        if (!(w = space_at(s)))
            return false;
    return true;
}

/* ---- the parsers on their own ------------------------------------------------------------- */

static int check_effort(double *days, isms_effort_size *size, const char *text)
{
    *days = -7;
    *size = (isms_effort_size)99;
    int rc = isms_effort_parse(days, size, text);
    if (rc == ISMS_OK) {
        if (!isfinite(*days) || *days < 0 || *days > 100000)
            fail("effort out of range", text);
        if ((unsigned)*size > ISMS_EFFORT_XL)
            fail("effort size out of range", text);
        if (*size != ISMS_EFFORT_UNSIZED && *days != isms_effort_days(*size))
            fail("a size with other days than its own", text);
        double d2 = -1;
        if (isms_effort_parse(&d2, NULL, text) != ISMS_OK || d2 != *days)
            fail("effort differs without the size out-parameter", text);
        if (*size != ISMS_EFFORT_UNSIZED) {
            isms_effort_size back = ISMS_EFFORT_UNSIZED;
            const char *name = isms_effort_size_name(*size);
            if (!name || isms_effort_parse(&d2, &back, name) != ISMS_OK || back != *size)
                fail("a size name does not read back", text);
        }
    } else if (rc != ISMS_EPARSE && rc != ISMS_ERANGE) {
        fail("effort: unexpected error code", text);
    }
    if (blank(text) && rc == ISMS_OK)
        fail("blank effort accepted", text);
    return rc;
}

static int check_recurrence(isms_recurrence *r, const char *text)
{
    int rc = isms_recurrence_parse(r, text);
    if (rc == ISMS_OK) {
        if ((unsigned)*r > ISMS_RECUR_QUARTER)
            fail("recurrence out of range", text);
        const char *forms[3] = { isms_recurrence_name(*r), isms_recurrence_label(*r, ISMS_LANG_SV),
                                 isms_recurrence_label(*r, ISMS_LANG_EN) };
        for (int i = 0; i < 3; i++) {
            isms_recurrence back;
            if (!forms[i] || isms_recurrence_parse(&back, forms[i]) != ISMS_OK || back != *r)
                fail("a recurrence does not read back from its name or label", text);
        }
    } else if (rc != ISMS_EPARSE) {
        fail("recurrence: unexpected error code", text);
    }
    if (!*text && (rc != ISMS_OK || *r != ISMS_RECUR_NONE))
        fail("empty recurrence is not none", text);
    return rc;
}

static int check_status(isms_action_status *s, const char *text)
{
    int rc = isms_action_status_parse(s, text);
    if (rc == ISMS_OK) {
        if ((unsigned)*s > ISMS_ACTION_CANCELLED)
            fail("status out of range", text);
        const char *forms[3] = { isms_action_status_name(*s),
                                 isms_action_status_label(*s, ISMS_LANG_SV),
                                 isms_action_status_label(*s, ISMS_LANG_EN) };
        for (int i = 0; i < 3; i++) {
            isms_action_status back;
            if (!forms[i] || isms_action_status_parse(&back, forms[i]) != ISMS_OK || back != *s)
                fail("a status does not read back from its name or label", text);
        }
    } else if (rc != ISMS_EPARSE) {
        fail("status: unexpected error code", text);
    }
    if (!*text && (rc != ISMS_OK || *s != ISMS_ACTION_PROPOSED))
        fail("empty status is not proposed", text);
    return rc;
}

/* Case-insensitive ASCII prefix. */
static bool has_prefix(const char *s, const char *prefix)
{
    for (; *prefix; s++, prefix++) {
        char c = *s >= 'A' && *s <= 'Z' ? (char)(*s - 'A' + 'a') : *s;
        if (c != *prefix)
            return false;
    }
    return true;
}

static void check_target(isms_action *a, isms_target_kind kind, const char *text)
{
    size_t before = isms_action_target_count(a);
    int rc = isms_action_add_target(a, kind, text);
    size_t after = isms_action_target_count(a);
    if (rc == ISMS_EINVAL) {
        if (after != before)
            fail("a refused target changed the targets", text);
        if (!blank(text) && kind == ISMS_TARGET_ANY && !strchr(text, ':'))
            fail("a target refused that is not blank and has no prefix", text);
        return;
    }
    if (rc != ISMS_OK)
        fail("add target: unexpected error code", text);
    if (blank(text))
        fail("a blank target accepted", text);
    if (after != before && after != before + 1)
        fail("target count grew by more than one", text);
    for (size_t i = 0; i < after; i++) {
        isms_target t;
        must(isms_action_target(&t, a, i), "isms_action_target");
        if ((unsigned)t.kind > ISMS_TARGET_ASSET || !t.id || blank(t.id) || space_at(t.id) ||
            space_at_end(t.id))
            fail("a target with a bad kind or id", text);
    }
    isms_target t;
    if (isms_action_target(&t, a, after) != ISMS_ERANGE)
        fail("a target past the end", text);
    if (after == before + 1) {
        must(isms_action_target(&t, a, before), "isms_action_target");
        if (kind != ISMS_TARGET_ANY && t.kind != kind)
            fail("an explicit kind was not kept", text);
        const char *p = text;
        for (size_t w; (w = space_at(p));)
            p += w;
        static const struct {
            const char *prefix;
            isms_target_kind kind;
        } prefixes[] = { { "risk:", ISMS_TARGET_RISK }, { "req:", ISMS_TARGET_REQUIREMENT },
                         { "krav:", ISMS_TARGET_REQUIREMENT },
                         { "requirement:", ISMS_TARGET_REQUIREMENT },
                         { "asset:", ISMS_TARGET_ASSET } };
        for (size_t i = 0; kind == ISMS_TARGET_ANY && i < sizeof prefixes / sizeof *prefixes;
             i++)
            if (has_prefix(p, prefixes[i].prefix) && !blank(p + strlen(prefixes[i].prefix)) &&
                t.kind != prefixes[i].kind)
                fail("a prefix did not give the kind", text);
    }
}

static void check_due(isms_action *a, const char *text, int year)
{
    must(isms_action_set(a, ISMS_ACTION_DUE, text), "isms_action_set (due)");
    if (strcmp(isms_action_get(a, ISMS_ACTION_DUE), text) != 0)
        fail("the due text is not kept as given", text);
    if (isms_action_score(a) >= 0)
        fail("a changed action keeps its score", text);
    isms_period want, got = isms_action_due(a);
    must(isms_period_parse(&want, text, year), "isms_period_parse");
    if (got.kind != want.kind || isms_date_compare(got.start, want.start) != 0 ||
        isms_date_compare(got.end, want.end) != 0 || got.year_assumed != want.year_assumed)
        fail("the due period is not the one isms_period_parse() reads in the text", text);
}

/* ---- the plan ----------------------------------------------------------------------------- */

/* True when the action takes part in the order. */
static bool open_action(const isms_action *a)
{
    isms_action_status s = isms_action_get_status(a);
    return s == ISMS_ACTION_PROPOSED || s == ISMS_ACTION_PLANNED || s == ISMS_ACTION_IN_PROGRESS;
}

/* Position of an action in insertion order. */
static size_t index_of(const isms_plan *plan, const isms_action *a)
{
    for (size_t i = 0; i < isms_plan_count(plan); i++)
        if (isms_plan_at(plan, i) == a)
            return i;
    fail("an action that is not in its plan", isms_action_id(a));
    return 0;
}

/* The open prerequisites of every action as indices in insertion order (compressed rows);
 * *missing tells whether an open action names a prerequisite that no action has. */
typedef struct graph {
    size_t n;
    size_t *row; /* n + 1 */
    size_t *pre;
    bool *open;
    bool missing;
} graph;

static void graph_build(graph *g, const isms_plan *plan)
{
    size_t n = isms_plan_count(plan), m = 0;
    g->n = n;
    g->missing = false;
    g->row = calloc(n + 1, sizeof *g->row);
    g->open = calloc(n + 1, sizeof *g->open);
    for (size_t i = 0; i < n; i++)
        m += isms_action_prerequisite_count(isms_plan_at(plan, i));
    g->pre = malloc((m + 1) * sizeof *g->pre);
    if (!g->row || !g->open || !g->pre)
        abort();
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        const isms_action *a = isms_plan_at(plan, i);
        g->open[i] = open_action(a);
        g->row[i] = k;
        if (!g->open[i])
            continue;
        for (size_t j = 0; j < isms_action_prerequisite_count(a); j++) {
            const char *pid = isms_action_prerequisite(a, j);
            if (!pid || blank(pid))
                fail("a blank prerequisite", isms_action_id(a));
            const isms_action *p = isms_plan_find(plan, pid);
            if (!p)
                g->missing = true;
            else if (open_action(p))
                g->pre[k++] = index_of(plan, p);
        }
    }
    g->row[n] = k;
}

static void graph_free(graph *g)
{
    free(g->row);
    free(g->pre);
    free(g->open);
}

/* Depth-first search for a cycle among the open actions. */
static bool graph_cyclic(const graph *g)
{
    unsigned char *colour = calloc(g->n + 1, 1); /* 0 new, 1 on the stack, 2 done */
    size_t *stack = malloc((g->n + 1) * sizeof *stack), *edge = malloc((g->n + 1) * sizeof *edge);
    if (!colour || !stack || !edge)
        abort();
    bool cyclic = false;
    for (size_t s = 0; s < g->n && !cyclic; s++) {
        if (colour[s] || !g->open[s])
            continue;
        size_t depth = 0;
        stack[depth] = s;
        edge[depth] = g->row[s];
        colour[s] = 1;
        while (depth != SIZE_MAX && !cyclic) {
            size_t v = stack[depth];
            if (edge[depth] == g->row[v + 1]) {
                colour[v] = 2;
                depth--;
                continue;
            }
            size_t w = g->pre[edge[depth]++];
            if (colour[w] == 1) {
                cyclic = true;
            } else if (colour[w] == 0) {
                colour[w] = 1;
                depth++;
                stack[depth] = w;
                edge[depth] = g->row[w];
            }
        }
    }
    free(colour);
    free(stack);
    free(edge);
    return cyclic;
}

static bool has_code(const isms_findings *list, const char *code)
{
    for (size_t i = 0; i < isms_findings_count(list); i++) {
        isms_finding f;
        must(isms_findings_get(&f, list, i), "isms_findings_get");
        if (!f.code || !f.message || !f.ref)
            fail("a finding without code, message or ref", code);
        if (strcmp(f.code, code) == 0)
            return true;
    }
    return false;
}

/* The order: every open action once, after its open prerequisites, and each time of the
 * highest score among the actions that are ready. */
static void check_order(isms_action **order, size_t n_order, const isms_plan *plan,
                        const graph *g, isms_lang lang)
{
    size_t n_open = 0;
    for (size_t i = 0; i < g->n; i++)
        n_open += g->open[i];
    if (n_order != n_open)
        fail("the order does not hold every open action", "");
    if (n_open == 0) {
        if (order)
            fail("an order array for no open actions", "");
        return;
    }
    size_t *pos = malloc(g->n * sizeof *pos);
    if (!pos)
        abort();
    for (size_t i = 0; i < g->n; i++)
        pos[i] = SIZE_MAX;
    for (size_t k = 0; k < n_order; k++) {
        size_t i = index_of(plan, order[k]);
        if (!g->open[i] || pos[i] != SIZE_MAX)
            fail("an action in the order twice, or one that is not open",
                 isms_action_id(order[k]));
        pos[i] = k;
        double sc = isms_action_score(order[k]);
        if (!isfinite(sc) || sc < 0)
            fail("an open action without a valid score", isms_action_id(order[k]));
        if (isms_action_term_count(order[k]) < 3)
            fail("a score with fewer than three terms", isms_action_id(order[k]));
        for (size_t t = 0; t < isms_action_term_count(order[k]); t++) {
            isms_term term;
            must(isms_action_term(&term, order[k], t), "isms_action_term");
            if ((unsigned)term.kind > ISMS_TERM_EFFORT || !term.ref || !isfinite(term.value))
                fail("a bad term", isms_action_id(order[k]));
        }
        char *text = NULL;
        must(isms_action_explain(&text, order[k], lang), "isms_action_explain");
        if (!text || !*text)
            fail("an empty explanation", isms_action_id(order[k]));
        isms_free(text);
    }
    for (size_t i = 0; i < g->n; i++)
        for (size_t e = g->row[i]; g->open[i] && e < g->row[i + 1]; e++)
            if (pos[g->pre[e]] >= pos[i])
                fail("an action before its prerequisite", isms_action_id(isms_plan_at(plan, i)));
    /* Greedy by score: at step k no ready action has a higher score (small plans only). */
    if (g->n <= 300) {
        for (size_t k = 0; k < n_order; k++) {
            double sc = isms_action_score(order[k]);
            for (size_t i = 0; i < g->n; i++) {
                if (!g->open[i] || pos[i] <= k)
                    continue;
                bool ready = true;
                for (size_t e = g->row[i]; e < g->row[i + 1] && ready; e++)
                    ready = pos[g->pre[e]] < k;
                if (ready && isms_action_score(isms_plan_at(plan, i)) > sc)
                    fail("a ready action with a higher score comes later",
                         isms_action_id(isms_plan_at(plan, i)));
            }
        }
    }
    free(pos);
}

/* The same actions added in reverse order. */
static isms_plan *reversed(const isms_plan *plan, const isms_register *reg)
{
    isms_plan *r = NULL;
    must(isms_plan_new(&r, isms_plan_year(plan)), "isms_plan_new");
    must(isms_plan_set_sources(r, reg, NULL, NULL), "isms_plan_set_sources");
    for (size_t k = isms_plan_count(plan); k-- > 0;) {
        const isms_action *a = isms_plan_at(plan, k);
        isms_action *b = NULL;
        must(isms_plan_add(&b, r, isms_action_id(a), isms_action_get(a, ISMS_ACTION_TITLE)),
             "isms_plan_add (copy)");
        for (int f = ISMS_ACTION_DESCRIPTION; f <= ISMS_ACTION_DUE; f++)
            must(isms_action_set(b, (isms_action_field)f,
                                 isms_action_get(a, (isms_action_field)f)),
                 "isms_action_set (copy)");
        must(isms_action_set_status(b, isms_action_get_status(a)), "set status (copy)");
        must(isms_action_set_recurrence(b, isms_action_recurrence(a)), "set recurrence (copy)");
        if (isms_action_effort_size(a) != ISMS_EFFORT_UNSIZED)
            must(isms_action_set_effort_size(b, isms_action_effort_size(a)), "size (copy)");
        else
            must(isms_action_set_effort(b, isms_action_effort(a)), "effort (copy)");
        for (size_t t = 0; t < isms_action_target_count(a); t++) {
            isms_target tg;
            must(isms_action_target(&tg, a, t), "isms_action_target");
            must(isms_action_add_target(b, tg.kind, tg.id), "add target (copy)");
        }
        for (size_t p = 0; p < isms_action_prerequisite_count(a); p++)
            must(isms_action_add_prerequisite(b, isms_action_prerequisite(a, p)),
                 "add prerequisite (copy)");
        int l, c;
        isms_action_expected_residual(&l, &c, a);
        must(isms_action_set_expected_residual(b, l, c), "expected residual (copy)");
        if (isms_action_target_count(b) != isms_action_target_count(a) ||
            isms_action_prerequisite_count(b) != isms_action_prerequisite_count(a))
            fail("a copy has other targets or prerequisites", isms_action_id(a));
    }
    return r;
}

/* The schedule: fails as the order did, or places every open action at most once per period,
 * after its prerequisites, within the capacity. */
static void check_schedule(isms_plan *plan, const graph *g, int order_rc, unsigned h,
                           const isms_priority *w)
{
    static const isms_period_kind units[] = { ISMS_PERIOD_YEAR, ISMS_PERIOD_TERTIAL,
                                              ISMS_PERIOD_QUARTER, ISMS_PERIOD_MONTH };
    static const char *const owners[] = { "X" };
    const double owner_cap[] = { (double)(h % 7u) * 3.0 };
    isms_schedule_options o = isms_schedule_options_default();
    o.start = (isms_date){ isms_plan_year(plan), 1 + (int)(h % 12u), 1 };
    o.unit = units[(h >> 4) % 4u];
    o.periods = 1 + (h >> 6) % 6u;
    o.capacity = (h >> 9) % 3u == 0 ? 0 : (double)((h >> 11) % 40u);
    o.owners = owners;
    o.owner_capacity = owner_cap;
    o.owner_count = (h >> 17) & 1u;
    o.strict = (h >> 18) & 1u;
    o.priority = *w;
    o.lang = (h >> 19) & 1u ? ISMS_LANG_EN : ISMS_LANG_SV;

    isms_schedule *s = NULL;
    int rc = isms_plan_schedule(&s, plan, &o);
    if (rc == ISMS_ERANGE && isms_plan_year(plan) >= 9994)
        return;
    if (rc != order_rc) {
        fprintf(stderr, "plan: schedule gave %s, the order %s: %s\n", isms_strerror(rc),
                isms_strerror(order_rc), isms_error_last()->message);
        abort();
    }
    if (rc != ISMS_OK)
        return;
    size_t np = isms_schedule_period_count(s);
    if (np != o.periods || !isms_schedule_findings(s))
        fail("a schedule with the wrong number of periods or no findings", "");
    int *first = malloc((g->n + 1) * sizeof *first);
    if (!first)
        abort();
    for (size_t i = 0; i < g->n; i++)
        first[i] = -1;
    size_t placed = 0;
    for (size_t q = 0; q < np; q++) {
        isms_period p;
        must(isms_schedule_period(&p, s, q), "isms_schedule_period");
        if (p.kind != o.unit || !isms_date_valid(p.start) || !isms_date_valid(p.end))
            fail("a period of the wrong kind or with bad dates", "");
        double plain = 0, all = 0, own = 0;
        for (size_t k = 0; k < isms_schedule_count(s, q); k++) {
            isms_slot slot;
            must(isms_schedule_item(&slot, s, q, k), "isms_schedule_item");
            size_t i = index_of(plan, slot.action);
            if (!g->open[i])
                fail("a closed action scheduled", isms_action_id(slot.action));
            if (!isfinite(slot.effort) || slot.effort < 0 || slot.occurrences < 1)
                fail("a slot with a bad effort or occurrences", isms_action_id(slot.action));
            if (slot.recurring != (isms_action_recurrence(slot.action) != ISMS_RECUR_NONE))
                fail("recurring flag differs from the action's recurrence",
                     isms_action_id(slot.action));
            all += slot.effort;
            if (first[i] < 0) {
                first[i] = (int)q;
                placed++;
            } else if (first[i] == (int)q || !slot.recurring) {
                fail("an action placed twice", isms_action_id(slot.action));
            }
            if (!slot.recurring &&
                isms_action_get_status(slot.action) != ISMS_ACTION_IN_PROGRESS) {
                plain += slot.effort;
                if (strcmp(isms_action_get(slot.action, ISMS_ACTION_OWNER), "X") == 0)
                    own += slot.effort;
            }
        }
        if (fabs(all - isms_schedule_load(s, q)) > 1e-6 * (all + 1))
            fail("a load that is not the sum of its slots", "");
        double cap = isms_schedule_capacity(s, q);
        if (cap != o.capacity)
            fail("a capacity other than the one given", "");
        if (cap > 0 && plain > cap + 1e-9)
            fail("a period loaded beyond its capacity", "");
        if (o.owner_count && owner_cap[0] > 0 && own > owner_cap[0] + 1e-9)
            fail("an owner loaded beyond its capacity", "");
    }
    size_t unplaced = isms_schedule_unscheduled_count(s);
    for (size_t k = 0; k < unplaced; k++) {
        const isms_action *a = isms_schedule_unscheduled(s, k);
        if (!a || first[index_of(plan, a)] >= 0)
            fail("an action both placed and unscheduled", a ? isms_action_id(a) : "");
    }
    if (isms_schedule_unscheduled(s, unplaced))
        fail("an unscheduled action past the end", "");
    size_t n_open = 0;
    for (size_t i = 0; i < g->n; i++)
        n_open += g->open[i];
    if (placed + unplaced != n_open)
        fail("open actions neither placed nor unscheduled", "");
    for (size_t i = 0; i < g->n; i++) {
        const isms_action *a = isms_plan_at(plan, i);
        if (!g->open[i] || isms_action_get_status(a) == ISMS_ACTION_IN_PROGRESS)
            continue;
        for (size_t e = g->row[i]; e < g->row[i + 1]; e++) {
            int fp = first[g->pre[e]];
            if (first[i] >= 0 && (fp < 0 || fp > first[i] || (o.strict && fp == first[i])))
                fail("an action placed before its prerequisite", isms_action_id(a));
        }
    }
    free(first);
    isms_schedule_free(s);
}

/* A small register for the plan's targets to find: R1 3/4, R2 2/2, R3 1/1 with residual. */
static isms_register *sources(void)
{
    isms_register *reg = NULL;
    isms_risk *r = NULL;
    must(isms_register_new(&reg, NULL), "isms_register_new");
    must(isms_register_add(&r, reg, "R1", "Nätfiske", 3, 4), "isms_register_add");
    must(isms_register_add(&r, reg, "R2", "Strömavbrott", 2, 2), "isms_register_add");
    must(isms_register_add(&r, reg, "R3", "Stöld", 2, 3), "isms_register_add");
    must(isms_risk_set_residual(r, 1, 1), "isms_risk_set_residual");
    return reg;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_text(data, size);
    if (!text)
        return 0;
    unsigned h = fuzz_hash(data, size);
    const int year = h % 5u == 0 ? 1900 + (int)((h >> 3) % 8100u) : 2025;
    const isms_lang lang = (h >> 20) & 1u ? ISMS_LANG_EN : ISMS_LANG_SV;

    isms_register *reg = sources();
    isms_plan *plan = NULL;
    must(isms_plan_new(&plan, year), "isms_plan_new");
    must(isms_plan_set_sources(plan, reg, NULL, NULL), "isms_plan_set_sources");
    isms_action *cur = NULL;

    char *line = text, *end = text + size;
    while (line <= end) {
        char *nl = memchr(line, '\n', (size_t)(end - line));
        char *stop = nl ? nl : end;
        *stop = '\0';
        if (stop > line && stop[-1] == '\r')
            stop[-1] = '\0';
        fuzz_cut_utf8(line);
        char cmd = *line;
        char *arg = cmd ? line + 1 : line;
        if (*arg == ' ')
            arg++;
        double days;
        isms_effort_size esize;
        isms_recurrence rec;
        isms_action_status st;
        switch (cmd) {
        case '+': {
            isms_action *a = NULL;
            int rc = isms_plan_add(&a, plan, arg, arg);
            if (rc == ISMS_OK) {
                if (!a || isms_plan_find(plan, arg) != a || blank(isms_action_id(a)) ||
                    strlen(isms_action_id(a)) > 256 || isms_action_score(a) >= 0)
                    fail("a new action that cannot be found or has a bad id", arg);
                cur = a;
            } else if (rc == ISMS_EEXIST) {
                if (!isms_plan_find(plan, arg))
                    fail("EEXIST for an id that cannot be found", arg);
            } else if (rc != ISMS_EINVAL) {
                fail("add: unexpected error code", arg);
            }
            break;
        }
        case 'e':
            if (check_effort(&days, &esize, arg) == ISMS_OK && cur) {
                if (esize != ISMS_EFFORT_UNSIZED)
                    must(isms_action_set_effort_size(cur, esize), "set effort size");
                else
                    must(isms_action_set_effort(cur, days), "set effort");
                if (isms_action_effort(cur) != days || isms_action_effort_size(cur) != esize)
                    fail("the effort set is not the effort read", arg);
            }
            break;
        case 'r':
            if (check_recurrence(&rec, arg) == ISMS_OK && cur)
                must(isms_action_set_recurrence(cur, rec), "set recurrence");
            break;
        case 's':
            if (check_status(&st, arg) == ISMS_OK && cur)
                must(isms_action_set_status(cur, st), "set status");
            break;
        case 't':
            if (cur)
                check_target(cur, ISMS_TARGET_ANY, arg);
            break;
        case 'T':
            if (cur && *arg)
                check_target(cur, (isms_target_kind)(1 + (unsigned char)*arg % 3u), arg + 1);
            break;
        case 'd':
            if (cur)
                check_due(cur, arg, year);
            break;
        case 'o':
            if (cur)
                must(isms_action_set(cur, ISMS_ACTION_OWNER, arg), "set owner");
            break;
        case 'p':
            if (cur) {
                size_t before = isms_action_prerequisite_count(cur);
                int rc = isms_action_add_prerequisite(cur, arg);
                size_t after = isms_action_prerequisite_count(cur);
                if (rc == ISMS_OK) {
                    if (after != before && after != before + 1)
                        fail("prerequisites grew by more than one", arg);
                } else if (rc == ISMS_EINVAL || rc == ISMS_ECYCLE) {
                    if (after != before)
                        fail("a refused prerequisite changed the list", arg);
                    if (rc == ISMS_EINVAL && !blank(arg))
                        fail("a prerequisite refused that is not blank", arg);
                    if (rc == ISMS_ECYCLE && isms_plan_find(plan, arg) != cur)
                        fail("ECYCLE for another action's id", arg);
                } else {
                    fail("add prerequisite: unexpected error code", arg);
                }
            }
            break;
        case 'x': {
            isms_action *a = isms_plan_find(plan, arg);
            int rc = isms_plan_remove(plan, arg);
            if ((rc == ISMS_OK) != (a != NULL))
                fail("remove disagrees with find", arg);
            if (rc == ISMS_OK && isms_plan_find(plan, arg))
                fail("a removed action is still found", arg);
            if (a && a == cur)
                cur = NULL;
            break;
        }
        case 'l':
            if (cur && arg[0] && arg[1]) {
                int l = (unsigned char)arg[0] % 6u, c = (unsigned char)arg[1] % 6u;
                int rc = isms_action_set_expected_residual(cur, l, c);
                if (rc != ISMS_OK)
                    fail("an expected residual in range refused", arg);
            }
            break;
        default:
            check_effort(&days, &esize, line);
            check_recurrence(&rec, line);
            check_status(&st, line);
            break;
        }
        if (!nl)
            break;
        line = nl + 1;
    }

    /* Order. */
    graph g;
    graph_build(&g, plan);
    int expect = g.missing ? ISMS_ENOTFOUND : graph_cyclic(&g) ? ISMS_ECYCLE : ISMS_OK;
    isms_priority w = isms_priority_default();
    if ((h >> 21) & 1u)
        w.today = (isms_date){ year, 1 + (int)((h >> 22) % 12u), 15 };
    isms_action **order = NULL;
    size_t n_order = 0;
    int rc = isms_plan_prioritise(&order, &n_order, plan, &w);
    if (rc != expect) {
        fprintf(stderr, "plan: prioritise gave %s, expected %s: %s\n", isms_strerror(rc),
                isms_strerror(expect), isms_error_last()->message);
        abort();
    }
    if (rc == ISMS_OK) {
        check_order(order, n_order, plan, &g, lang);
        isms_plan *r = reversed(plan, reg);
        isms_action **order_r = NULL;
        size_t n_r = 0;
        must(isms_plan_prioritise(&order_r, &n_r, r, &w), "isms_plan_prioritise (reversed)");
        if (n_r != n_order)
            fail("the reversed plan orders another number of actions", "");
        for (size_t k = 0; k < n_order; k++)
            if (strcmp(isms_action_id(order[k]), isms_action_id(order_r[k])) != 0 ||
                isms_action_score(order[k]) != isms_action_score(order_r[k]))
                fail("the order depends on the order the actions were added in",
                     isms_action_id(order[k]));
        isms_free(order_r);
        isms_plan_free(r);
    }
    isms_free(order);

    /* Lint. */
    isms_findings *findings = fuzz_notes(lang);
    must(isms_plan_lint(findings, plan, w.today), "isms_plan_lint");
    if (g.missing && !has_code(findings, "plan-missing-prerequisite"))
        fail("lint does not report a missing prerequisite", "");
    if (expect == ISMS_ECYCLE && !has_code(findings, "plan-cycle"))
        fail("lint does not report a cycle", "");
    isms_findings_free(findings);

    check_schedule(plan, &g, expect, h, &w);

    graph_free(&g);
    isms_plan_free(plan);
    isms_register_free(reg);
    free(text);
    return 0;
}
