/* Schedules: a plan's open actions placed in periods under a capacity.
 *
 * isms_plan_schedule() scores and orders the actions with isms__plan_rank() (committing the
 * scores only once everything else has succeeded), then places them
 * in two passes over the priority order:
 *
 * 1. fixed actions, which take their periods whatever the capacity: actions in progress (the
 *    first period) and recurring actions (every period of their recurrence from the first one
 *    their prerequisites allow; their dependents count with the first period that holds an
 *    occurrence, and one with no occurrence in the periods stays unscheduled). A recurring
 *    action that waits for an action that is not fixed is left for the second pass, where its
 *    prerequisites are known.
 * 2. everything else, each in the earliest period that its prerequisites allow and that has
 *    room for its effort in the period's capacity and in its owner's.
 *
 * The slots of every period are then listed in priority order, whatever pass placed them, in
 * one array with an offset per period. Findings: first those of isms_plan_lint(), then the
 * schedule's own per action in priority order, then over-capacity findings per period.
 *
 * A period of the units used here (year, tertial, quarter, month) never straddles two
 * calendar years, which the counting of recurrences relies on.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan-internal.h"

/* Most periods a schedule holds (100 years of months). */
#define PERIODS_MAX 1200
/* Slack for sums of efforts that should compare equal. */
#define EPS 1e-9

struct isms_schedule {
    size_t n_periods;
    isms_period *periods;
    double *capacity;      /* per period; 0: unlimited */
    double *load;          /* per period */
    size_t *first;         /* n_periods + 1: period p's slots are slots[first[p] … first[p+1]) */
    isms_slot *slots;
    isms_action **unscheduled; /* priority order */
    size_t n_unscheduled;
    isms_findings *findings;
};

/* Where an action went. */
enum { PENDING = 0, PLACED, RECURRING, OUT };

/* Why an action went where it went (for the findings). */
enum {
    WHY_NONE = 0,
    WHY_TOO_LARGE,   /* out: more than every period's capacity or its owner's */
    WHY_PREREQ_OUT,  /* out: the prerequisite `other` is not scheduled */
    WHY_PREREQ_LAST, /* out: the prerequisite `other` is in the last period (strict) */
    WHY_NO_ROOM,     /* out: no period from `lo` on has room */
    WHY_NO_OCCURRENCE, /* out: recurring, but no occurrence from `lo` on falls in the periods */
    WHY_LATE_FIRST,  /* placed late in the first period */
    WHY_LATE_PREREQ, /* placed late in the first period its prerequisites allow */
    WHY_LATE_ROOM    /* placed late in the first period with room */
};

typedef struct place {
    int32_t period; /* placed: its period; recurring: the first with an occurrence; else -1 */
    int32_t lo;     /* the earliest period its prerequisites allow */
    uint32_t other; /* the prerequisite a reason names */
    int32_t owner;  /* index into options->owners, or -1 */
    uint8_t state;
    uint8_t why;
    bool late;
} place;

/* Everything the placement works on. */
typedef struct sched_ctx {
    const isms_plan *plan;
    const isms_schedule_options *opt;
    const isms__graph *g;
    isms_schedule *s;
    place *pl;       /* per action, in plan order */
    double *oload;   /* owner_count × n_periods: an owner's load per period */
    size_t np;
    double most;     /* the largest period capacity; INFINITY when one is unlimited */
    uint64_t *ohash; /* isms__text_hash() of each owner of the options */
} sched_ctx;

/* ---- options ------------------------------------------------------------------------------ */

isms_schedule_options isms_schedule_options_default(void)
{
    isms_schedule_options o;
    memset(&o, 0, sizeof o);
    o.unit = ISMS_PERIOD_YEAR;
    o.periods = 3;
    o.capacity = 0.0;
    o.strict = false;
    o.priority = isms_priority_default();
    o.lang = ISMS_LANG_SV;
    return o;
}

/* An owner's name by the hash of how it matches, for isms__owners_repeat(). */
typedef struct owner_key {
    uint64_t hash;
    size_t index;
} owner_key;

static int owner_key_cmp(const void *pa, const void *pb)
{
    const owner_key *a = pa, *b = pb;
    if (a->hash != b->hash)
        return a->hash < b->hash ? -1 : 1;
    return a->index < b->index ? -1 : a->index > b->index;
}

int isms__owners_repeat(size_t *orig, size_t *dup, const char *const *owners, size_t n)
{
    *orig = 0;
    *dup = n;
    if (n < 2)
        return ISMS_OK;
    if (n <= 16) { /* few: compare every pair, without memory */
        for (size_t i = 1; i < n; i++)
            for (size_t j = 0; owners[i] && j < i; j++)
                if (owners[j] && isms_text_matches(owners[j], owners[i])) {
                    *orig = j;
                    *dup = i;
                    return ISMS_OK;
                }
        return ISMS_OK;
    }
    owner_key *keys = isms__malloc(n * sizeof *keys);
    if (!keys)
        return isms__error_nomem();
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        if (!owners[i])
            continue;
        bool blank;
        keys[m].hash = isms__text_hash(owners[i], &blank);
        keys[m].index = i;
        m++;
    }
    qsort(keys, m, sizeof *keys, owner_key_cmp);
    /* Names that match hash alike, so a repeat lies within a run of equal hashes; in a run
     * (by index) the first name that matches an earlier one is the run's smallest repeat. */
    for (size_t a = 0; a < m;) {
        size_t b = a + 1;
        while (b < m && keys[b].hash == keys[a].hash)
            b++;
        bool found = false;
        for (size_t k = a + 1; k < b && !found && keys[k].index < *dup; k++)
            for (size_t l = a; l < k && !found; l++)
                if (isms_text_matches(owners[keys[l].index], owners[keys[k].index])) {
                    *orig = keys[l].index;
                    *dup = keys[k].index;
                    found = true;
                }
        a = b;
    }
    isms__free(keys);
    return ISMS_OK;
}

static bool bad_capacity(double c)
{
    return !isfinite(c) || c < 0.0;
}

static int check_options(const isms_schedule_options *o)
{
    isms_date d = o->start;
    if (isms__date_empty(d))
        return isms__error(ISMS_EINVAL, "options.start is not set: give a day in the first "
                                        "period");
    if (!isms_date_valid(d))
        return isms__error(ISMS_EINVAL, "options.start %d-%02d-%02d is not a valid date "
                                        "(1900-01-01 to 9999-12-31)",
                           d.year, d.month, d.day);
    if (o->unit != ISMS_PERIOD_YEAR && o->unit != ISMS_PERIOD_TERTIAL &&
        o->unit != ISMS_PERIOD_QUARTER && o->unit != ISMS_PERIOD_MONTH)
        return isms__error(ISMS_EINVAL, "options.unit %d (%s) cannot be scheduled in: expected "
                                        "a year, tertial, quarter or month",
                           (int)o->unit, isms_period_kind_name(o->unit));
    if (o->periods < 1 || o->periods > PERIODS_MAX)
        return isms__error(ISMS_EINVAL, "options.periods %zu is out of range: expected 1–%d",
                           o->periods, PERIODS_MAX);
    if (!o->capacities && bad_capacity(o->capacity))
        return isms__error(ISMS_EINVAL, "options.capacity %s is not a capacity: expected 0 "
                                        "(unlimited) or more person-days",
                           isms__g(o->capacity).s);
    for (size_t i = 0; o->capacities && i < o->periods; i++)
        if (bad_capacity(o->capacities[i]))
            return isms__error(ISMS_EINVAL, "options.capacities[%zu] %s is not a capacity: "
                                            "expected 0 (unlimited) or more person-days",
                               i, isms__g(o->capacities[i]).s);
    if (o->owner_count > SIZE_MAX / PERIODS_MAX / sizeof(double))
        return isms__error(ISMS_EINVAL, "options.owner_count %zu is too large", o->owner_count);
    if (o->owner_count && (!o->owners || !o->owner_capacity))
        return isms__error(ISMS_EINVAL, "options.owner_count is %zu but options.%s is NULL",
                           o->owner_count, o->owners ? "owner_capacity" : "owners");
    for (size_t i = 0; i < o->owner_count; i++) {
        char what[48];
        snprintf(what, sizeof what, "options.owners[%zu]", i);
        int rc = isms__text_check(what, o->owners[i]);
        if (rc)
            return rc;
    }
    size_t orig = 0, dup = o->owner_count;
    if (o->owner_count > 1) {
        int rc = isms__owners_repeat(&orig, &dup, o->owners, o->owner_count);
        if (rc)
            return rc;
    }
    for (size_t i = 0; i < o->owner_count; i++) {
        if (!o->owners[i])
            return isms__error(ISMS_EINVAL, "options.owners[%zu] is NULL", i);
        if (bad_capacity(o->owner_capacity[i]))
            return isms__error(ISMS_EINVAL, "options.owner_capacity[%zu] %s (owner \"%.64s\") is "
                                            "not a capacity: expected 0 (unlimited) or more "
                                            "person-days",
                               i, isms__g(o->owner_capacity[i]).s, o->owners[i]);
        if (i == dup)
            return isms__error(ISMS_EINVAL, "options.owners[%zu] \"%.64s\" is given twice "
                                            "(also options.owners[%zu] \"%.64s\")",
                               i, o->owners[i], orig, o->owners[orig]);
    }
    if (o->lang != ISMS_LANG_SV && o->lang != ISMS_LANG_EN)
        return isms__error(ISMS_EINVAL, "options.lang %d is not a language: expected "
                                        "ISMS_LANG_SV or ISMS_LANG_EN",
                           (int)o->lang);
    return ISMS_OK;
}

/* The periods of the schedule, or ISMS_ERANGE when they run past 9999. */
static int make_periods(isms_period *out, const isms_schedule_options *o)
{
    isms_period_containing(&out[0], o->unit, o->start); /* checked: cannot fail */
    for (size_t i = 1; i < o->periods; i++) {
        if (isms_period_next(&out[i], &out[i - 1]) != ISMS_OK) { /* past 9999 */
            char first[16];
            isms_period_format(first, sizeof first, &out[0]);
            return isms__error(ISMS_ERANGE, "options.periods: %zu periods (%s) from %s run past "
                                            "the year 9999; at most %zu fit",
                               o->periods, isms_period_kind_label(o->unit, ISMS_LANG_EN),
                               first, i);
        }
    }
    return ISMS_OK;
}

/* ---- placement ---------------------------------------------------------------------------- */

static bool dated(const isms_period *p)
{
    return p->kind >= ISMS_PERIOD_DAY && p->kind <= ISMS_PERIOD_YEAR;
}

/* How many times a recurring action recurs in a period: the number of its anchor days (the
 * due day's month and day, else 31 December, for yearly actions; the last days of the
 * tertials or quarters) that the period holds. */
static unsigned occurrences(const isms_action *a, const isms_period *p)
{
    static const unsigned char tertial_ends[3][2] = { { 4, 30 }, { 8, 31 }, { 12, 31 } };
    static const unsigned char quarter_ends[4][2] = { { 3, 31 }, { 6, 30 }, { 9, 30 },
                                                      { 12, 31 } };
    const int y = p->start.year; /* a period never straddles two years */
    unsigned n = 0;
    switch (a->recurrence) {
    case ISMS_RECUR_YEARLY: {
        isms_date d = { y, 12, 31 };
        if (dated(&a->due)) {
            d.month = a->due.end.month;
            d.day = a->due.end.day;
            if (!isms_date_valid(d)) /* 29 February in a common year */
                d.day = 28;
        }
        n = isms_period_contains(p, d);
        break;
    }
    case ISMS_RECUR_TERTIAL:
        for (size_t i = 0; i < 3; i++) {
            isms_date d = { y, tertial_ends[i][0], tertial_ends[i][1] };
            n += isms_period_contains(p, d);
        }
        break;
    case ISMS_RECUR_QUARTER:
        for (size_t i = 0; i < 4; i++) {
            isms_date d = { y, quarter_ends[i][0], quarter_ends[i][1] };
            n += isms_period_contains(p, d);
        }
        break;
    default:
        break;
    }
    return n;
}

static double effort_of(const isms_action *a)
{
    return a->effort > 0.0 ? a->effort : 0.0;
}

/* The owner in the options that the action's owner matches, or -1. Texts that match hash
 * alike (isms__text_hash), so the text is compared only where the hashes agree. */
static int32_t owner_of(const sched_ctx *x, const isms_action *a)
{
    bool blank;
    uint64_t h = isms__text_hash(a->owner, &blank);
    for (size_t j = 0; j < x->opt->owner_count; j++)
        if (x->ohash[j] == h && isms_text_matches(x->opt->owners[j], a->owner))
            return (int32_t)j;
    return -1;
}

static bool is_fixed(const isms_action *a)
{
    return a->status == ISMS_ACTION_IN_PROGRESS || a->recurrence != ISMS_RECUR_NONE;
}

/* Adds effort to a period's load and to its owner's. */
static void add_load(sched_ctx *x, int32_t owner, size_t p, double e)
{
    x->s->load[p] += e;
    if (owner >= 0)
        x->oload[(size_t)owner * x->np + p] += e;
}

/* The earliest period the prerequisites of action i allow, in pl->lo. Returns PENDING when a
 * prerequisite is still pending (pass 1 only), OUT when one is not scheduled (pl->other names
 * it), else PLACED. */
static int prerequisites(sched_ctx *x, uint32_t i)
{
    place *pl = &x->pl[i];
    pl->lo = 0;
    for (size_t k = x->g->row[i]; k < x->g->row[i + 1]; k++) {
        uint32_t q = x->g->pre[k];
        const place *pq = &x->pl[q];
        if (pq->state == PENDING)
            return PENDING;
        if (pq->state == OUT) {
            pl->other = q;
            return OUT;
        }
        int32_t at = pq->period + (x->opt->strict ? 1 : 0);
        if (at > pl->lo) {
            pl->lo = at;
            pl->other = q;
        }
    }
    return PLACED;
}

/* Places a recurring action in every period from `from` on that holds an occurrence,
 * whatever the capacity. Its dependents count with the first of them; when there is none it
 * stays unscheduled. */
static void place_recurring(sched_ctx *x, uint32_t i, int32_t from)
{
    const isms_action *a = x->plan->items[i];
    place *pl = &x->pl[i];
    pl->state = OUT;
    pl->why = (size_t)from >= x->np ? WHY_PREREQ_LAST : WHY_NO_OCCURRENCE;
    double e = effort_of(a);
    for (size_t p = (size_t)from; p < x->np; p++) {
        unsigned n = occurrences(a, &x->s->periods[p]);
        if (!n)
            continue;
        if (pl->state == OUT) {
            pl->state = RECURRING;
            pl->why = WHY_NONE;
            pl->period = (int32_t)p;
        }
        add_load(x, pl->owner, p, n * e);
    }
}

/* Late: the period starts after the due day, i.e. it comes after the period that holds the
 * due day (an action due in Q2 2024 is in time in the year 2024 and late in 2025). */
static void mark_late(sched_ctx *x, const isms_action *a, place *pl)
{
    const isms_period *p = &x->s->periods[pl->period];
    if (!isms_period_overdue(&a->due, p->start))
        return;
    pl->late = true;
    pl->why = pl->period == 0 ? WHY_LATE_FIRST
              : pl->period == pl->lo ? WHY_LATE_PREREQ
                                     : WHY_LATE_ROOM;
}

static bool fits(const sched_ctx *x, int32_t owner, size_t p, double e)
{
    const isms_schedule *s = x->s;
    if (s->capacity[p] > 0.0 && s->load[p] + e > s->capacity[p] + EPS)
        return false;
    if (owner >= 0) {
        double c = x->opt->owner_capacity[owner];
        if (c > 0.0 && x->oload[(size_t)owner * x->np + p] + e > c + EPS)
            return false;
    }
    return true;
}

/* True when the effort is more than every period's capacity, or its owner's. */
static bool too_large(const sched_ctx *x, int32_t owner, double e)
{
    if (owner >= 0) {
        double c = x->opt->owner_capacity[owner];
        if (c > 0.0 && e > c + EPS)
            return true;
    }
    return e > x->most + EPS;
}

/* One action of a pass: 1 places the fixed ones it can, 2 everything left. */
static void place_action(sched_ctx *x, uint32_t i, int pass)
{
    const isms_action *a = x->plan->items[i];
    place *pl = &x->pl[i];
    if (pl->state != PENDING)
        return;
    bool fixed = is_fixed(a);
    if (pass == 1 && !fixed)
        return;
    pl->owner = owner_of(x, a);
    double e = effort_of(a);
    if (a->status == ISMS_ACTION_IN_PROGRESS) { /* under way: now, whatever else holds */
        pl->lo = 0;
        if (a->recurrence != ISMS_RECUR_NONE) {
            place_recurring(x, i, 0);
        } else {
            pl->state = PLACED;
            pl->period = 0;
            add_load(x, pl->owner, 0, e);
            mark_late(x, a, pl);
        }
        return;
    }
    if (!fixed && too_large(x, pl->owner, e)) {
        pl->state = OUT;
        pl->why = WHY_TOO_LARGE;
        return;
    }
    int st = prerequisites(x, i);
    if (st == PENDING)
        return; /* a recurring action after one that is not fixed: the second pass */
    if (st == OUT) {
        pl->state = OUT;
        pl->why = WHY_PREREQ_OUT;
        return;
    }
    if (fixed) {
        place_recurring(x, i, pl->lo);
        return;
    }
    if ((size_t)pl->lo >= x->np) {
        pl->state = OUT;
        pl->why = WHY_PREREQ_LAST;
        return;
    }
    for (size_t p = (size_t)pl->lo; p < x->np; p++)
        if (fits(x, pl->owner, p, e)) {
            pl->state = PLACED;
            pl->period = (int32_t)p;
            add_load(x, pl->owner, p, e);
            mark_late(x, a, pl);
            return;
        }
    pl->state = OUT;
    pl->why = WHY_NO_ROOM;
}

/* ---- slots -------------------------------------------------------------------------------- */

/* Lists the slots per period in priority order (first[] and slots[]) and the unscheduled
 * actions. */
static int build_lists(sched_ctx *x, const uint32_t *order, size_t n)
{
    isms_schedule *s = x->s;
    size_t total = 0, n_out = 0;
    for (size_t k = 0; k < n; k++) {
        const place *pl = &x->pl[order[k]];
        const isms_action *a = x->plan->items[order[k]];
        if (pl->state == PLACED) {
            s->first[pl->period]++;
            total++;
        } else if (pl->state == RECURRING) {
            for (size_t p = (size_t)pl->period; p < x->np; p++)
                if (occurrences(a, &s->periods[p])) {
                    s->first[p]++;
                    total++;
                }
        } else if (pl->state == OUT) {
            n_out++;
        }
    }
    /* first[p] becomes the end of period p's slots; filling backwards brings it to the
     * start. */
    for (size_t p = 1; p <= x->np; p++)
        s->first[p] += s->first[p - 1];
    s->slots = isms__calloc(total, sizeof *s->slots);
    s->unscheduled = isms__calloc(n_out, sizeof *s->unscheduled);
    if (!s->slots || !s->unscheduled)
        return isms__error_nomem();
    s->n_unscheduled = n_out;
    for (size_t k = n; k-- > 0;) {
        const place *pl = &x->pl[order[k]];
        isms_action *a = x->plan->items[order[k]];
        double e = effort_of(a);
        if (pl->state == PLACED) {
            isms_slot *slot = &s->slots[--s->first[pl->period]];
            slot->action = a;
            slot->effort = e;
            slot->occurrences = 1;
            slot->recurring = false;
            slot->late = pl->late;
        } else if (pl->state == RECURRING) {
            for (size_t p = (size_t)pl->period; p < x->np; p++) {
                unsigned occ = occurrences(a, &s->periods[p]);
                if (!occ)
                    continue;
                isms_slot *slot = &s->slots[--s->first[p]];
                slot->action = a;
                slot->effort = occ * e;
                slot->occurrences = occ;
                slot->recurring = true;
                slot->late = false;
            }
        } else if (pl->state == OUT) {
            s->unscheduled[--n_out] = a;
        }
    }
    /* The loop above brought first[p] to the start of p for p < np; first[np] stays total. */
    return ISMS_OK;
}

/* ---- findings ----------------------------------------------------------------------------- */

/* Person-days with one decimal, with a decimal comma in Swedish. */
static const char *days_text(char buf[40], double v, bool sv)
{
    isms__plan_decimal(buf, 40, v, 1, sv);
    return buf;
}

static const char *period_text(char buf[16], const isms_period *p)
{
    if (isms_period_format(buf, 16, p) != ISMS_OK)
        buf[0] = '\0';
    return buf;
}

/* A finding of the schedule: ADD(x, sv, severity, code, ref, sv_fmt, en_fmt, ...). */
#define ADD(x, sv, ...) ISMS__FINDING((x)->s->findings, (sv), __VA_ARGS__)

static int out_findings(sched_ctx *x, const isms_action *a, const place *pl, bool sv)
{
    const isms_period *per = x->s->periods;
    char d1[40], p1[16], p2[16], p3[16];
    const char *id = a->id;
    const char *other = pl->why == WHY_PREREQ_OUT || pl->why == WHY_PREREQ_LAST
                            ? x->plan->items[pl->other]->id
                            : "";
    int rc = ISMS_OK;
    double e = effort_of(a);
    switch (pl->why) {
    case WHY_TOO_LARGE: {
        double oc = pl->owner >= 0 ? x->opt->owner_capacity[pl->owner] : 0.0;
        if (oc > 0.0 && e > oc + EPS) {
            char d2[40];
            rc = ADD(x, sv, ISMS_SEVERITY_WARNING, "plan-too-large", id,
                     "Åtgärd %s kräver %s persondagar, mer än ansvarig %s har per period "
                     "(%s)",
                     "Action %s needs %s person-days, more than its owner %s has per period "
                     "(%s)",
                     id, days_text(d1, e, sv), x->opt->owners[pl->owner],
                     days_text(d2, oc, sv));
        } else {
            char d2[40];
            rc = ADD(x, sv, ISMS_SEVERITY_WARNING, "plan-too-large", id,
                     "Åtgärd %s kräver %s persondagar, mer än någon periods kapacitet "
                     "(högst %s)",
                     "Action %s needs %s person-days, more than any period's capacity "
                     "(at most %s)",
                     id, days_text(d1, e, sv), days_text(d2, x->most, sv));
        }
        break;
    }
    case WHY_PREREQ_OUT:
        rc = ADD(x, sv, ISMS_SEVERITY_WARNING, "plan-beyond-horizon", id,
                 "Åtgärd %s får inte plats i planen: dess förutsättning %s är inte schemalagd",
                 "Action %s does not fit in the plan: its prerequisite %s is not scheduled", id,
                 other);
        break;
    case WHY_PREREQ_LAST:
        rc = ADD(x, sv, ISMS_SEVERITY_WARNING, "plan-beyond-horizon", id,
                 "Åtgärd %s får inte plats i planen: den ska komma efter sin förutsättning %s, "
                 "som ligger i den sista perioden %s",
                 "Action %s does not fit in the plan: it must come after its prerequisite %s, "
                 "which is in the last period, %s",
                 id, other, period_text(p1, &per[x->np - 1]));
        break;
    case WHY_NO_OCCURRENCE: {
        static const char *const how[4][2] = {
            { "", "" },
            { "en gång om året", "once a year" },
            { "varje tertial", "every tertial" },
            { "varje kvartal", "every quarter" },
        };
        const char *h = how[a->recurrence <= ISMS_RECUR_QUARTER ? a->recurrence : 0][!sv];
        rc = ADD(x, sv, ISMS_SEVERITY_WARNING, "plan-beyond-horizon", id,
                 "Åtgärd %s får inte plats i planen: den återkommer %s, och inget tillfälle "
                 "infaller i perioderna från och med %s till och med %s",
                 "Action %s does not fit in the plan: it recurs %s, and no occurrence falls in "
                 "the periods from %s to %s",
                 id, h, period_text(p1, &per[pl->lo]), period_text(p2, &per[x->np - 1]));
        break;
    }
    case WHY_NO_ROOM:
        rc = ADD(x, sv, ISMS_SEVERITY_WARNING, "plan-beyond-horizon", id,
                 "Åtgärd %s får inte plats i planen: ingen period från och med %s till och med "
                 "%s har plats för dess %s persondagar",
                 "Action %s does not fit in the plan: no period from %s to %s has room for its "
                 "%s person-days",
                 id, period_text(p1, &per[pl->lo]), period_text(p2, &per[x->np - 1]),
                 days_text(d1, e, sv));
        break;
    default:
        break;
    }
    if (rc)
        return rc;
    /* Would it have been late? When the due day lies in the horizon or before it. */
    if (pl->state != OUT || a->recurrence != ISMS_RECUR_NONE || !dated(&a->due) ||
        isms_date_compare(a->due.end, per[x->np - 1].end) > 0)
        return ISMS_OK;
    return ADD(x, sv, ISMS_SEVERITY_WARNING, "plan-due-missed", id,
               "Åtgärd %s: klart senast %s kan inte hållas: den får inte plats i planens "
               "perioder (%s–%s)",
               "Action %s: due %s cannot be met: it does not fit in the plan's periods "
               "(%s–%s)",
               id, period_text(p1, &a->due), period_text(p2, &per[0]),
               period_text(p3, &per[x->np - 1]));
}

static int late_finding(sched_ctx *x, const isms_action *a, const place *pl, bool sv)
{
    char due[16], at[16];
    period_text(due, &a->due);
    period_text(at, &x->s->periods[pl->period]);
    switch (pl->why) {
    case WHY_LATE_FIRST:
        return ADD(x, sv, ISMS_SEVERITY_WARNING, "plan-due-missed", a->id,
                   "Åtgärd %s: klart senast %s kan inte hållas: planens första period är %s",
                   "Action %s: due %s cannot be met: the plan's first period is %s", a->id,
                   due, at);
    case WHY_LATE_PREREQ:
        return ADD(x, sv, ISMS_SEVERITY_WARNING, "plan-due-missed", a->id,
                   "Åtgärd %s: klart senast %s kan inte hållas: dess förutsättningar tillåter "
                   "%s som tidigast",
                   "Action %s: due %s cannot be met: its prerequisites allow %s at the "
                   "earliest",
                   a->id, due, at);
    default:
        return ADD(x, sv, ISMS_SEVERITY_WARNING, "plan-due-missed", a->id,
                   "Åtgärd %s: klart senast %s kan inte hållas: den tidigaste perioden med "
                   "plats är %s",
                   "Action %s: due %s cannot be met: the earliest period with room is %s",
                   a->id, due, at);
    }
}

static int capacity_findings(sched_ctx *x, bool sv)
{
    const isms_schedule *s = x->s;
    char p1[16], d1[40], d2[40];
    for (size_t p = 0; p < x->np; p++) {
        period_text(p1, &s->periods[p]);
        if (s->capacity[p] > 0.0 && s->load[p] > s->capacity[p] + EPS) {
            int rc = ADD(x, sv, ISMS_SEVERITY_WARNING, "plan-over-capacity", p1,
                         "%s har %s persondagar, kapaciteten är %s",
                         "%s holds %s person-days, capacity %s", p1,
                         days_text(d1, s->load[p], sv), days_text(d2, s->capacity[p], sv));
            if (rc)
                return rc;
        }
        for (size_t j = 0; j < x->opt->owner_count; j++) {
            double c = x->opt->owner_capacity[j], l = x->oload[j * x->np + p];
            if (c <= 0.0 || l <= c + EPS)
                continue;
            const char *who = x->opt->owners[j];
            int rc = ADD(x, sv, ISMS_SEVERITY_WARNING, "plan-owner-over-capacity", who,
                         "Ansvarig %s: %s har %s persondagar, kapaciteten är %s",
                         "Owner %s: %s holds %s person-days, capacity %s", who, p1,
                         days_text(d1, l, sv), days_text(d2, c, sv));
            if (rc)
                return rc;
        }
    }
    return ISMS_OK;
}

static int add_findings(sched_ctx *x, const uint32_t *order, size_t n)
{
    bool sv = x->opt->lang == ISMS_LANG_SV;
    int rc = isms_plan_lint(x->s->findings, x->plan, x->opt->priority.today);
    for (size_t k = 0; !rc && k < n; k++) {
        const place *pl = &x->pl[order[k]];
        const isms_action *a = x->plan->items[order[k]];
        if (pl->state == OUT)
            rc = out_findings(x, a, pl, sv);
        else if (pl->state == PLACED && pl->late)
            rc = late_finding(x, a, pl, sv);
    }
    return rc ? rc : capacity_findings(x, sv);
}

/* ---- schedule ----------------------------------------------------------------------------- */

void isms_schedule_free(isms_schedule *schedule)
{
    if (!schedule)
        return;
    isms__free(schedule->periods);
    isms__free(schedule->capacity);
    isms__free(schedule->load);
    isms__free(schedule->first);
    isms__free(schedule->slots);
    isms__free(schedule->unscheduled);
    isms_findings_free(schedule->findings);
    isms__free(schedule);
}

/* A schedule with its periods and capacities and room for the rest, or an error. */
static int new_schedule(isms_schedule **out, const isms_schedule_options *o)
{
    isms_schedule *s = isms__calloc(1, sizeof *s);
    if (!s)
        return isms__error_nomem();
    size_t np = o->periods;
    s->n_periods = np;
    s->periods = isms__calloc(np, sizeof *s->periods);
    s->capacity = isms__calloc(np, sizeof *s->capacity);
    s->load = isms__calloc(np, sizeof *s->load);
    s->first = isms__calloc(np + 1, sizeof *s->first);
    if (!s->periods || !s->capacity || !s->load || !s->first) {
        isms_schedule_free(s);
        return isms__error_nomem();
    }
    int rc = isms_findings_new(&s->findings, o->lang);
    if (!rc)
        rc = make_periods(s->periods, o);
    if (rc) {
        isms_schedule_free(s);
        return rc;
    }
    for (size_t p = 0; p < np; p++)
        s->capacity[p] = o->capacities ? o->capacities[p] : o->capacity;
    *out = s;
    return ISMS_OK;
}

int isms_plan_schedule(isms_schedule **out, isms_plan *plan,
                       const isms_schedule_options *options)
{
    if (!out || !plan || !options)
        return isms__error(ISMS_EINVAL, "isms_plan_schedule: %s is NULL",
                           !out ? "out" : !plan ? "plan" : "options");
    int rc = check_options(options);
    if (rc)
        return rc;
    /* Periods first: they tell ERANGE before the plan is looked at. */
    isms_schedule *s = NULL;
    if ((rc = new_schedule(&s, options)))
        return rc;

    isms__scoring sc;
    memset(&sc, 0, sizeof sc);
    isms__graph g = { NULL, NULL };
    uint32_t *order = NULL;
    size_t n = 0;
    sched_ctx x = { plan, options, &g, s, NULL, NULL, options->periods, 0.0, NULL };
    for (size_t p = 0; p < x.np; p++)
        x.most = s->capacity[p] <= 0.0 ? INFINITY : fmax(x.most, s->capacity[p]);
    if ((rc = isms__plan_rank(&order, &n, &g, &sc, plan, &options->priority)))
        goto done;
    x.pl = isms__calloc(plan->count, sizeof *x.pl);
    x.oload = isms__calloc(options->owner_count * options->periods, sizeof *x.oload);
    x.ohash = isms__calloc(options->owner_count + 1, sizeof *x.ohash);
    if (!x.pl || !x.oload || !x.ohash) {
        rc = isms__error_nomem();
        goto done;
    }
    for (size_t i = 0; i < plan->count; i++) {
        x.pl[i].period = -1;
        x.pl[i].owner = -1;
    }
    for (size_t j = 0; j < options->owner_count; j++) {
        bool blank;
        x.ohash[j] = isms__text_hash(options->owners[j], &blank);
    }
    for (int pass = 1; pass <= 2; pass++)
        for (size_t k = 0; k < n; k++)
            place_action(&x, order[k], pass);
    if ((rc = build_lists(&x, order, n)) || (rc = add_findings(&x, order, n)))
        goto done;
    isms__plan_commit(plan, &sc); /* nothing can fail any more */
    *out = s;
    s = NULL;
done:
    isms__free(x.pl);
    isms__free(x.oload);
    isms__free(x.ohash);
    isms__free(order);
    isms__graph_free(&g);
    isms__scoring_free(&sc);
    isms_schedule_free(s);
    return rc;
}

/* ---- accessors ---------------------------------------------------------------------------- */

size_t isms_schedule_period_count(const isms_schedule *schedule)
{
    return schedule ? schedule->n_periods : 0;
}

int isms_schedule_period(isms_period *out, const isms_schedule *schedule, size_t index)
{
    if (!out || !schedule)
        return isms__error(ISMS_EINVAL, "isms_schedule_period: NULL argument");
    if (index >= schedule->n_periods)
        return isms__error(ISMS_ERANGE, "period %zu is out of range (the schedule has %zu)",
                           index, schedule->n_periods);
    *out = schedule->periods[index];
    return ISMS_OK;
}

double isms_schedule_capacity(const isms_schedule *schedule, size_t index)
{
    return schedule && index < schedule->n_periods ? schedule->capacity[index] : 0.0;
}

double isms_schedule_load(const isms_schedule *schedule, size_t index)
{
    return schedule && index < schedule->n_periods ? schedule->load[index] : 0.0;
}

size_t isms_schedule_count(const isms_schedule *schedule, size_t period)
{
    if (!schedule || period >= schedule->n_periods)
        return 0;
    return schedule->first[period + 1] - schedule->first[period];
}

int isms_schedule_item(isms_slot *out, const isms_schedule *schedule, size_t period,
                       size_t index)
{
    if (!out || !schedule)
        return isms__error(ISMS_EINVAL, "isms_schedule_item: NULL argument");
    if (period >= schedule->n_periods)
        return isms__error(ISMS_ERANGE, "period %zu is out of range (the schedule has %zu)",
                           period, schedule->n_periods);
    size_t count = isms_schedule_count(schedule, period);
    if (index >= count)
        return isms__error(ISMS_ERANGE, "item %zu of period %zu is out of range (it holds %zu)",
                           index, period, count);
    *out = schedule->slots[schedule->first[period] + index];
    return ISMS_OK;
}

size_t isms_schedule_unscheduled_count(const isms_schedule *schedule)
{
    return schedule ? schedule->n_unscheduled : 0;
}

isms_action *isms_schedule_unscheduled(const isms_schedule *schedule, size_t index)
{
    if (!schedule || index >= schedule->n_unscheduled)
        return NULL;
    return schedule->unscheduled[index];
}

const isms_findings *isms_schedule_findings(const isms_schedule *schedule)
{
    return schedule ? schedule->findings : NULL;
}
