/*
 * Internals of the plan module, shared by action.c (vocabularies, plans, actions), priority.c
 * (scores, terms, explanations, target look-up, lint), order.c (prerequisite graph, order,
 * isms_plan_prioritise), schedule.c (schedules) and draft.c (draft plans). Nothing here is
 * exported.
 */
#ifndef ISMS_PLAN_INTERNAL_H
#define ISMS_PLAN_INTERNAL_H

#include <stdint.h>
#include <string.h>

#include "internal.h"

/* The most actions a plan holds: the order numbers actions with 32-bit integers. */
#define ISMS__ACTIONS_MAX 0xFFFFFFF0u
/* A prerequisite whose action did not exist when it was added. */
#define ISMS__UNRESOLVED UINT32_MAX
/* Longest id of an action, in bytes. */
#define ISMS__ACTION_ID_MAX 256
/* Largest effort, in person-days. */
#define ISMS__EFFORT_MAX 100000.0

/* Something an action addresses. */
typedef struct isms__target {
    char *id;     /* owned, trimmed, not blank */
    uint8_t kind; /* isms_target_kind as given */
} isms__target;

struct isms_action {
    isms_plan *plan;
    char *title;       /* owned texts: isms__text_dup() (the shared "" when empty) */
    char *description;
    char *owner;
    char *due_text;
    isms_period due;   /* read from due_text with the plan's year */
    double effort;     /* person-days, < 0: not known */
    double cost;       /* < 0: not known */
    isms__target *targets;
    uint32_t n_targets, cap_targets;
    /* Prerequisite ids, back to back as NUL-terminated strings in one block of `prereq_len`
     * bytes (one allocation per action however many there are). */
    char *prereqs;
    size_t prereq_len, prereq_cap;
    uint32_t n_prereqs;
    /* The prerequisites resolved when they were added, as with the inventory's links: the
     * plan index of each (ISMS__UNRESOLVED for an id that no action had then). Valid while
     * prereq_gen equals the plan's gen, which isms_plan_remove() moves on (indices shift);
     * the graph looks up only what is unresolved or stale. */
    uint32_t *prereq_idx;
    size_t prereq_idx_cap;
    uint64_t prereq_gen;
    int exp_likelihood, exp_consequence; /* ISMS_LEVEL_UNSET when not given */
    uint8_t status;          /* isms_action_status */
    uint8_t recurrence;      /* isms_recurrence */
    uint8_t size;            /* isms_effort_size */
    uint8_t expected_status; /* isms_status: NOT_ASSESSED, YES or PARTIAL */
    /* The last score: valid while term_count > 0 (every score has at least the base, urgency
     * and effort terms). Changing the action clears it (isms__action_changed). The terms are
     * plan->terms[term_first … term_first + term_count). */
    double score;
    size_t term_first;
    uint32_t term_count;
    uint32_t idx;      /* position in plan->items */
    char id[];         /* trimmed, not blank */
};

struct isms_plan {
    int year;
    const isms_register *risks;        /* borrowed sources, or NULL */
    const isms_assessment *assessment;
    const isms_inventory *inventory;
    isms_action **items;               /* insertion order */
    size_t count, cap;
    isms__index index;                 /* by id */
    uint64_t gen;                      /* moved on by every removal (see prereq_idx) */
    /* Terms of the last scoring, for every action at once (see isms__scoring). */
    isms_term *terms;
    size_t n_terms;
};

/* ---- action.c ------------------------------------------------------------------------------- */

/* Forgets the action's last score (after any change that can move it). */
void isms__action_changed(isms_action *action);
/* True for an action that is proposed, planned or in progress (inline: the order and the
 * scores ask it of every action). */
static inline bool isms__action_open(const isms_action *action)
{
    return action->status == ISMS_ACTION_PROPOSED || action->status == ISMS_ACTION_PLANNED ||
           action->status == ISMS_ACTION_IN_PROGRESS;
}

/* The prerequisite ids of an action, walked once (isms_action_prerequisite() walks the packed
 * list from its start on every call):
 *     const char *p = isms__prereq_first(a);
 *     for (size_t i = 0; i < isms_action_prerequisite_count(a); i++, p = isms__prereq_next(p))
 * NULL for an action without prerequisites. */
static inline const char *isms__prereq_first(const isms_action *action)
{
    return action->prereqs;
}
static inline const char *isms__prereq_next(const char *p)
{
    return p + strlen(p) + 1;
}
/* Appends `n` prerequisites at once: ids[k] is lens[k] bytes (not NUL-terminated), already
 * trimmed and not blank, none the action's own id, none given twice and none the action has
 * already; the caller has checked all that (isms_action_add_prerequisite() checks it one id at
 * a time, which costs a walk of the list per id). All or nothing: ISMS_ENOMEM leaves the
 * action as it was. */
int isms__action_add_prerequisites(isms_action *action, const char *const *ids,
                                   const size_t *lens, size_t n);

/* A deep copy of `plan` into *out: the same year and sources (borrowed, as the plan borrows
 * them), and every action in the same order with every field it holds (id, texts, due
 * period, status, recurrence, effort and size, cost, targets with their kinds,
 * prerequisites, expected residual and status, and its last score with its terms), so that
 * the copy can be scored or scheduled while `plan` stays as it is. ISMS_OK, ISMS_EINVAL
 * (NULL argument), ISMS_ENOMEM (nothing returned, nothing leaked). */
int isms__plan_copy(isms_plan **out, const isms_plan *plan);

/* ---- texts of messages (action.c) ----------------------------------------------------------- */

/* How many bytes of [s, s + n) a message shows: all n when they are at most `max`, else at
 * most `max`, cut on a UTF-8 boundary. For "%.*s". */
int isms__plan_quote_n(const char *s, size_t n, size_t max);
/* The same for the NUL-terminated s. */
int isms__plan_quote_len(const char *s, size_t max);
/* The arguments of a "%.*s" that shows at most 64 bytes of s. */
#define ISMS__Q(s) isms__plan_quote_len((s), 64), (s)
/* `v` with `decimals` decimals, with a decimal comma when `sv` (Swedish), into buf as
 * snprintf() writes it (cut to `size`); returns what snprintf() returns. */
int isms__plan_decimal(char *buf, size_t size, double v, int decimals, bool sv);
/* Adds a finding to `list` in Swedish (`sv`) or English: the format of the language, with the
 * same arguments. Evaluates to ISMS_OK or ISMS_ENOMEM. */
#define ISMS__FINDING(list, sv, severity, code, ref, sv_fmt, en_fmt, ...)                      \
    ((sv) ? isms__findings_addf((list), (severity), (code), (ref), sv_fmt, __VA_ARGS__)       \
          : isms__findings_addf((list), (severity), (code), (ref), en_fmt, __VA_ARGS__))
/* True for the empty date {0, 0, 0}, which stands for "no date". */
static inline bool isms__date_empty(isms_date d)
{
    return d.year == 0 && d.month == 0 && d.day == 0;
}

/* ---- owners (schedule.c) --------------------------------------------------------------------- */

/* The first owner whose name repeats an earlier one's (isms_text_matches()): *dup receives the
 * smallest index whose owner matches an earlier owner, *orig that earlier owner's smallest
 * index; *dup = n when no name repeats. NULL names match nothing. O(n log n) (names are
 * sorted by their isms__text_hash()), not a comparison of every pair. ISMS_OK or
 * ISMS_ENOMEM. */
int isms__owners_repeat(size_t *orig, size_t *dup, const char *const *owners, size_t n);

/* ---- priority.c ----------------------------------------------------------------------------- */

/* What a target refers to in the plan's sources. */
typedef struct isms__resolved {
    isms_target_kind kind;     /* the kind found; ISMS_TARGET_ANY when not found */
    const isms_risk *risk;
    const isms_entry *entry;
    const isms_asset *asset;
} isms__resolved;
/* Looks a target up in the plan's sources (kind "any": risk, then requirement, then asset). */
void isms__target_resolve(isms__resolved *out, const isms_plan *plan, const isms__target *t);

/* Checks weights: ISMS_OK, or ISMS_EINVAL with a message naming the weight. */
int isms__priority_check(const isms_priority *w);

/* New scores and terms for every action of a plan, computed apart from the plan so that a
 * failure later on (a cycle) leaves the old ones in place. */
typedef struct isms__scoring {
    double *score;      /* per action, in plan order; < 0 for done and cancelled ones */
    size_t *first;      /* per action: index of its first term in `terms` */
    uint32_t *count;    /* per action: number of terms (0 for done and cancelled ones) */
    isms_term *terms;
    size_t n_terms;
} isms__scoring;
/* Scores every open action; the weights must have passed isms__priority_check(). */
int isms__plan_score(isms__scoring *out, const isms_plan *plan, const isms_priority *w);
/* Installs the scores and terms in the plan and empties *s (which then needs no free). */
void isms__plan_commit(isms_plan *plan, isms__scoring *s);
void isms__scoring_free(isms__scoring *s);

/* ---- order.c -------------------------------------------------------------------------------- */

/* The prerequisites of the open actions as indices into plan->items, in compressed rows:
 * the prerequisites of action i are pre[row[i] … row[i + 1]). Done and cancelled
 * prerequisites are left out (they are met); a prerequisite that no action has gives
 * ISMS_ENOTFOUND naming both ids. */
typedef struct isms__graph {
    size_t *row; /* count + 1 entries */
    uint32_t *pre;
} isms__graph;
int isms__plan_graph(isms__graph *out, const isms_plan *plan);
void isms__graph_free(isms__graph *g);
/* The open actions in order (indices into plan->items) given their scores: prerequisites
 * first, then higher score, earlier due date, id in natural order. ISMS_ECYCLE names the
 * ids of a cycle. */
int isms__plan_order(uint32_t **order, size_t *n, const isms_plan *plan, const isms__graph *g,
                     const double *score);
/* Checks the weights (NULL: the defaults), scores and orders the open actions: the order by
 * indices, the graph (may be NULL) and the scores, which the caller commits with
 * isms__plan_commit() once nothing else can fail, or frees. Writes nothing on error. */
int isms__plan_rank(uint32_t **order, size_t *n, isms__graph *graph, isms__scoring *scoring,
                    const isms_plan *plan, const isms_priority *w);
/* The graph as isms__plan_graph(), but a prerequisite that no action has is left out (for
 * lint, which reports it). */
int isms__plan_graph_lenient(isms__graph *out, const isms_plan *plan);
/* One cycle for each group of open actions that wait for each other (a strongly connected
 * component with a cycle): a shortest one through the group's smallest id in natural order,
 * from that id on in the order the actions would have to be done (each is a prerequisite of
 * the next, and the last of the first). Cycle k is ids[start[k] … start[k + 1]), indices into
 * plan->items; the groups come in no particular order. */
typedef struct isms__cycles {
    uint32_t *ids;
    size_t *start; /* n + 1 entries */
    size_t n;
} isms__cycles;
int isms__plan_cycles(isms__cycles *out, const isms_plan *plan, const isms__graph *g);
void isms__cycles_free(isms__cycles *c);
/* "A1 → A3 → A2 → A1": the ids of a cycle of `n` actions and its first again, at most 20 ids
 * (then "…") of at most 40 bytes each; `size` of 1024 always holds it. */
void isms__cycle_text(char *buf, size_t size, const isms_plan *plan, const uint32_t *ids,
                      size_t n);

#endif
