/*
 * The plan of action and milestones (POA&M) of a document as OSCAL 1.1.3
 * (`plan-of-action-and-milestones`, see isms/oscal.h).
 *
 * What is written, and from what:
 *
 *  - `poam-items`: one per action of the document's plan, in the plan's order (done and
 *    cancelled actions too): title, description, and as properties in the libisms namespace
 *    the action's id, status, owner, due text and date, effort, cost, recurrence, place in the
 *    priority order and score, the periods it is scheduled in (or `unscheduled`), its
 *    prerequisites, the assets it addresses and targets found in no source; `related-risks`
 *    names the OSCAL risks below. OSCAL wants at least one item: a plan without actions gives
 *    one item that says so.
 *  - `risks`: the risks the actions treat. A risk of the register that an action addresses is
 *    one OSCAL risk (its levels as `characterizations`, the register's status mapped to OSCAL's:
 *    open, remediating, closed, deviation-approved for an accepted risk); a requirement that an
 *    action addresses is the risk "gap in requirement X" (statement: the status and comment of
 *    the latest assessment; closed exactly when the assessment results count the requirement
 *    as satisfied, isms__oscal_met(): an excluded control is not applicable, a clause marked
 *    not applicable stays open); an action that addresses neither gets a risk of its own, so
 *    that every item's milestones hang off a risk. Order: the register's risks, those that
 *    it does not hold (by id), the assessment's requirements, those that it does not hold
 *    (by reference), then the actions' own. A risk that is not closed has a `deadline` when
 *    every open action that treats it has a due date: the latest.
 *  - each risk's `remediations`: one per action that treats it (not the cancelled ones), with
 *    the lifecycle recommendation (proposed), planned (planned, in progress) or completed
 *    (done), and as `tasks` the milestones: one per period the action is scheduled in (the plan
 *    scheduled as the report schedules it, isms_document_schedule_options(), on a copy of the
 *    plan, isms__plan_copy(), since scheduling writes scores into a plan and the document is
 *    const) and one for its due date.
 *
 * Every UUID is derived from the document's ids (isms__oscal_uuid()), so the same document
 * gives the same bytes. The kinds and parts of the UUIDs (each part length-prefixed, so no
 * two nodes share a name whatever their ids hold):
 *   "poam"                                              the POA&M
 *   "poam/item" (action)                                a poam-item
 *   "poam/no-actions"                                   the item of a plan without actions
 *   "poam/risk" (risk id)                               a risk of the register (or named by
 *                                                       an action)
 *   "poam/gap" (requirement)                            the gap in a requirement
 *   "poam/action" (action)                              the risk of an action that addresses
 *                                                       neither
 *   "poam/remediation" (kind, id, action)               the remediation of a risk by an action
 *   "poam/milestone/period" (period, kind, id, action)  a milestone of that remediation
 *   "poam/milestone/due" (kind, id, action)             its milestone of the due date
 * where kind is "risk", "gap" or "action" and id the risk's id, the requirement or the action.
 *
 * Dates: a period's start is its first second (T00:00:00Z), its end, a deadline and a due
 * date the last second of their last day (T23:59:59Z). A due date of one day is the
 * milestone's `on-date`; a due period longer than a day (a month, a quarter, "hösten 2025")
 * is its `within-date-range`. User text in titles, descriptions and statements is
 * Markdown-escaped (isms__oscal_md()); facet values are OSCAL strings.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ISMS__OSCAL_WRITER
#include "doc-internal.h"
#include "oscal-internal.h"
#include "plan/plan-internal.h"

/* ---- what is known of the actions ------------------------------------------------------- */

/* Where a target of an action leads. */
enum {
    G_RISK = 0,  /* a risk: of the register, or an id the register does not hold */
    G_GAP = 1,   /* a requirement: an entry of the assessment, or a reference it lacks */
    G_ASSET = 2, /* an asset (a property of the item) */
    G_OTHER = 3  /* a target of no stated kind that no source holds (a property) */
};

/* One target of one action. */
typedef struct target {
    const void *ref;  /* the risk or the entry; NULL when no source holds it */
    const char *id;   /* the risk's id, the entry's reference, or the target's id */
    uint32_t action;  /* index in the plan */
    size_t pos;       /* index in ctx.tg (the targets in the plan's order) */
    uint8_t group;    /* G_ */
    bool dup;         /* the action names the same thing earlier */
} target;

/* One action placed in one period of the schedule. */
typedef struct slot_rec {
    isms_slot slot;
    size_t period;
} slot_rec;

typedef struct act_info {
    size_t first_target; /* into ctx.tg */
    size_t first_slot;   /* into ctx.slots */
    uint32_t n_slots;
    uint32_t rank;       /* 1-based place in the priority order; 0: not ranked */
    bool unscheduled;    /* open, but not placed in any period */
    bool own;            /* addresses no risk and no requirement: a risk of its own */
} act_info;

typedef struct ctx {
    isms__json *w;
    const isms__oscal_doc *d;
    const isms_document *doc;
    bool en;                 /* English, else Swedish */
    const isms_plan *plan;   /* the scored copy of the document's plan */
    const isms_register *reg;
    const isms_assessment *cur;
    const isms_inventory *inv;
    isms_schedule *sched;    /* NULL when the plan could not be scheduled */
    size_t n;                /* actions */
    act_info *info;
    slot_rec *slots;
    target *tg;              /* every target, in the plan's order */
    target *sorted;          /* the same, sorted by what they lead to (cmp_target) */
    size_t n_tg;
    isms__uuid party;        /* the party the characterizations come from */
    bool has_party;          /* false: the document names none, and risks have no
                                characterizations */
    isms__buf scratch;       /* composed texts */
} ctx;

/* ---- small helpers ---------------------------------------------------------------------- */

/* A fixed text in the document's language. */
#define WORD(c, sv_text, en_text) ((c)->en ? (en_text) : (sv_text))

/* The scratch buffer, emptied, for a text to compose: fixed words with isms__buf_puts(),
 * user text with isms__oscal_md(); then put_scratch(). */
static isms__buf *compose(ctx *c)
{
    return isms__oscal_buf_reset(&c->scratch);
}

/* Writes the composed text as the value of the member `key`. */
static void put_scratch(ctx *c, const char *key, size_t n)
{
    isms__json_key(c->w, key, n);
    isms__oscal_put_buf(c->w, &c->scratch);
}
#define M_COMPOSED(c, key) put_scratch((c), (key), sizeof(key) - 1)

/* Composes `fixed` followed by `text` (on one line, as Markdown) and, when `more` is not
 * blank, `sep` and `more` (a title of the catalog when `item` is not NULL: as Markdown). */
static void compose_line(ctx *c, const char *fixed, const char *text, const char *sep,
                         const char *more, const isms_item *item)
{
    isms__buf *b = compose(c);
    isms__buf_puts(b, fixed);
    isms__oscal_md(b, text, false);
    if (isms__oscal_blank(more))
        return;
    isms__buf_puts(b, sep);
    if (item)
        isms__oscal_md_item_title(b, item);
    else
        isms__oscal_md(b, more, false);
}

/* OSCAL's date-times take years 1900–2999 only (the schema's pattern). */
static bool stamp_ok(isms_date d)
{
    return isms_date_valid(d) && d.year >= 1900 && d.year <= 2999;
}

/* A due period with dates (not none or unparsed). */
static bool dated(const isms_period *p)
{
    return p->kind >= ISMS_PERIOD_DAY && p->kind <= ISMS_PERIOD_YEAR;
}

static bool open_status(isms_action_status s)
{
    return s == ISMS_ACTION_PROPOSED || s == ISMS_ACTION_PLANNED || s == ISMS_ACTION_IN_PROGRESS;
}

/* An id as a text: ids are never empty, but may be white space to OSCAL. */
static const char *show_id(const char *id)
{
    return isms__oscal_text(id, "–");
}

/* The action's title, else its id. */
static const char *action_title(const isms_action *a)
{
    return isms__oscal_text(isms_action_get(a, ISMS_ACTION_TITLE), show_id(isms_action_id(a)));
}

static const char *action_description(const isms_action *a)
{
    return isms__oscal_text(isms_action_get(a, ISMS_ACTION_DESCRIPTION), action_title(a));
}

/* A number as a property value: exact (isms__doc_double()). */
static void prop_number(isms__oscal_props *ps, const char *name, double v)
{
    char buf[40];
    if (isms__doc_double(buf, sizeof buf, v) > 0)
        isms__oscal_props_add(ps, name, buf, NS);
}

static void prop_date(isms__oscal_props *ps, const char *name, isms_date d)
{
    char buf[16];
    if (isms_date_format(buf, sizeof buf, d) == ISMS_OK)
        isms__oscal_props_add(ps, name, buf, NS);
}

/* ---- the plan, scored and scheduled ----------------------------------------------------- */

/*
 * Scores, orders and schedules the copy (isms__plan_copy()) as the report does. A plan that
 * cannot be scheduled (periods past 9999) is written without scheduled milestones, one that
 * cannot be ordered (a prerequisite no action has, a cycle) also without ranks and scores: the
 * POA&M still lists every action, and isms_document_lint() names what is wrong; the error
 * that said so is dropped, and the caller's last error put back, as the export succeeds (a
 * successful call leaves the last error alone). Only running out of memory fails.
 */
static int schedule(ctx *c, isms_plan *copy)
{
    isms__error_saved saved;
    isms__error_save(&saved);
    isms_schedule_options so;
    if (isms_document_schedule_options(&so, c->doc) != ISMS_OK) {
        isms__error_restore(&saved);
        return ISMS_OK;
    }
    so.lang = isms_document_lang(c->doc);
    isms_action **ranked = NULL;
    size_t n_ranked = 0;
    int rc = isms_plan_prioritise(&ranked, &n_ranked, copy, &so.priority);
    if (rc == ISMS_OK) {
        for (size_t k = 0; k < n_ranked; k++)
            c->info[ranked[k]->idx].rank = (uint32_t)(k + 1);
        isms_free(ranked);
        rc = isms_plan_schedule(&c->sched, copy, &so);
    }
    if (rc == ISMS_ENOMEM)
        return rc;
    if (rc != ISMS_OK || !c->sched) {
        isms__error_restore(&saved); /* not an error of the export */
        return ISMS_OK;
    }

    /* The slots of each action, period by period: counted, then placed. */
    size_t np = isms_schedule_period_count(c->sched), total = 0;
    for (size_t p = 0; p < np; p++)
        for (size_t k = 0; k < isms_schedule_count(c->sched, p); k++) {
            isms_slot s;
            if (isms_schedule_item(&s, c->sched, p, k) == ISMS_OK) {
                c->info[s.action->idx].n_slots++;
                total++;
            }
        }
    for (size_t i = 0, first = 0; i < c->n; i++) {
        c->info[i].first_slot = first;
        first += c->info[i].n_slots;
        c->info[i].n_slots = 0;
    }
    if (total > 0 && !(c->slots = isms__calloc(total, sizeof *c->slots)))
        return isms__error_nomem();
    for (size_t p = 0; p < np; p++)
        for (size_t k = 0; k < isms_schedule_count(c->sched, p); k++) {
            isms_slot s;
            if (isms_schedule_item(&s, c->sched, p, k) == ISMS_OK) {
                act_info *ai = &c->info[s.action->idx];
                c->slots[ai->first_slot + ai->n_slots++] = (slot_rec){ s, p };
            }
        }
    for (size_t k = 0; k < isms_schedule_unscheduled_count(c->sched); k++) {
        const isms_action *a = isms_schedule_unscheduled(c->sched, k);
        if (a)
            c->info[a->idx].unscheduled = true;
    }
    return ISMS_OK;
}

/* ---- targets ---------------------------------------------------------------------------- */

/* Looks a target up in the plan's sources, as the plan does (kind "any": a risk, then a
 * requirement, then an asset). */
static void resolve(target *out, const ctx *c, const isms_target *t)
{
    out->ref = NULL;
    out->id = t->id;
    switch (t->kind) {
    case ISMS_TARGET_RISK:
        out->group = G_RISK;
        out->ref = c->reg ? isms__register_lookup(c->reg, t->id) : NULL;
        break;
    case ISMS_TARGET_REQUIREMENT:
        out->group = G_GAP;
        out->ref = c->cur ? isms_assessment_find(c->cur, t->id) : NULL;
        break;
    case ISMS_TARGET_ASSET:
        out->group = G_ASSET;
        return;
    default: {
        const void *r = c->reg ? isms__register_lookup(c->reg, t->id) : NULL;
        if (r) {
            out->group = G_RISK;
            out->ref = r;
            break;
        }
        const void *e = c->cur ? isms_assessment_find(c->cur, t->id) : NULL;
        if (e) {
            out->group = G_GAP;
            out->ref = e;
            break;
        }
        out->group = c->inv && isms_inventory_find(c->inv, t->id) ? G_ASSET : G_OTHER;
        return;
    }
    }
    /* the risk's id, the entry's own reference: one risk however the action spells it */
    if (out->ref)
        out->id = out->group == G_RISK ? isms_risk_id(out->ref) : isms_entry_ref(out->ref);
}

/* The order of the risks: by group, then by what the target leads to (found ones by
 * address: only their runs matter), targets no source holds by id in natural order, then by
 * action and position. */
static int cmp_target(const void *pa, const void *pb)
{
    const target *a = pa, *b = pb;
    if (a->group != b->group)
        return a->group < b->group ? -1 : 1;
    uintptr_t ra = (uintptr_t)a->ref, rb = (uintptr_t)b->ref;
    if (ra != rb)
        return ra < rb ? -1 : 1;
    if (!a->ref) {
        int d = isms__natcmp(a->id, b->id);
        if (d == 0)
            d = strcmp(a->id, b->id);
        if (d)
            return d;
    }
    if (a->action != b->action)
        return a->action < b->action ? -1 : 1;
    return (a->pos > b->pos) - (a->pos < b->pos);
}

/* True when a and b lead to the same thing (the same risk node). */
static bool same_node(const target *a, const target *b)
{
    return a->group == b->group && a->ref == b->ref && (a->ref || strcmp(a->id, b->id) == 0);
}

static int gather_targets(ctx *c)
{
    c->n_tg = 0;
    for (size_t i = 0; i < c->n; i++) {
        c->info[i].first_target = c->n_tg;
        c->n_tg += isms_action_target_count(isms_plan_at(c->plan, i));
    }
    if (c->n_tg == 0)
        goto own;
    c->tg = isms__calloc(c->n_tg, sizeof *c->tg);
    c->sorted = isms__calloc(c->n_tg, sizeof *c->sorted);
    if (!c->tg || !c->sorted)
        return isms__error_nomem();
    for (size_t i = 0; i < c->n; i++) {
        const isms_action *a = isms_plan_at(c->plan, i);
        for (size_t k = 0; k < isms_action_target_count(a); k++) {
            size_t pos = c->info[i].first_target + k;
            isms_target t;
            if (isms_action_target(&t, a, k) != ISMS_OK) { /* cannot happen */
                t.kind = ISMS_TARGET_ANY;
                t.id = "";
            }
            target *x = &c->tg[pos];
            resolve(x, c, &t);
            x->action = (uint32_t)i;
            x->pos = pos;
        }
    }
    memcpy(c->sorted, c->tg, c->n_tg * sizeof *c->tg);
    qsort(c->sorted, c->n_tg, sizeof *c->sorted, cmp_target);
    /* The same thing named twice by one action (as "R1" and "risk:R1"): the first counts. */
    for (size_t k = 1; k < c->n_tg; k++)
        if (same_node(&c->sorted[k], &c->sorted[k - 1]) &&
            c->sorted[k].action == c->sorted[k - 1].action) {
            c->sorted[k].dup = true;
            c->tg[c->sorted[k].pos].dup = true;
        }
own:
    for (size_t i = 0; i < c->n; i++) {
        c->info[i].own = true;
        size_t end = i + 1 < c->n ? c->info[i + 1].first_target : c->n_tg;
        for (size_t k = c->info[i].first_target; k < end; k++)
            if (c->tg[k].group == G_RISK || c->tg[k].group == G_GAP)
                c->info[i].own = false;
    }
    return ISMS_OK;
}

/* The first sorted target of group `group` leading to `ref`, or n_tg. */
static size_t find_run(const ctx *c, uint8_t group, const void *ref)
{
    size_t lo = 0, hi = c->n_tg;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const target *t = &c->sorted[mid];
        if (t->group < group || (t->group == group && (uintptr_t)t->ref < (uintptr_t)ref))
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < c->n_tg && c->sorted[lo].group == group && c->sorted[lo].ref == ref)
        return lo;
    return c->n_tg;
}

/* The end of the run of sorted targets that lead where sorted[lo] does. */
static size_t run_end(const ctx *c, size_t lo)
{
    size_t hi = lo + 1;
    while (hi < c->n_tg && same_node(&c->sorted[hi], &c->sorted[lo]))
        hi++;
    return hi;
}

/* ---- risks ------------------------------------------------------------------------------ */

/* What a risk is called in UUID names. */
typedef struct risk_key {
    const char *kind; /* "risk", "gap" or "action" */
    const char *id;
} risk_key;

static isms__uuid risk_uuid(const ctx *c, risk_key k)
{
    const char *name = strcmp(k.kind, "risk") == 0  ? "poam/risk"
                       : strcmp(k.kind, "gap") == 0 ? "poam/gap"
                                                    : "poam/action";
    return ISMS__OSCAL_UUID(c->d, name, k.id);
}

/* The actions of a risk: the sorted targets [lo, hi) (not duplicates), or for an action's own
 * risk that action alone (lo == hi == n_tg, own = the action). */
typedef struct risk_acts {
    size_t lo, hi;
    size_t own; /* the action of an own risk; SIZE_MAX otherwise */
} risk_acts;

/* The next action of a risk, each once: `*k` starts at 0; false at the end. */
static bool next_action(size_t *i, size_t *k, const ctx *c, const risk_acts *ra)
{
    if (ra->own != SIZE_MAX) {
        *i = ra->own;
        return (*k)++ == 0;
    }
    while (ra->lo + *k < ra->hi) {
        const target *t = &c->sorted[ra->lo + (*k)++];
        if (!t->dup) {
            *i = t->action;
            return true;
        }
    }
    return false;
}

static bool any_in_progress(const ctx *c, const risk_acts *ra)
{
    for (size_t at = 0, i = 0; next_action(&i, &at, c, ra);) {
        if (isms_action_get_status(isms_plan_at(c->plan, i)) == ISMS_ACTION_IN_PROGRESS)
            return true;
    }
    return false;
}

/* The deadline of a risk: the latest due date of its open actions (it is resolved when the
 * last of them is done). False when it has none: no open action, or an open action without a
 * due date (or with one OSCAL cannot write), since then there is no date by which the last of
 * them is done. */
static bool deadline(isms_date *out, const ctx *c, const risk_acts *ra)
{
    bool found = false;
    for (size_t at = 0, i = 0; next_action(&i, &at, c, ra);) {
        const isms_action *a = isms_plan_at(c->plan, i);
        if (!open_status(isms_action_get_status(a)))
            continue;
        isms_period due = isms_action_due(a);
        if (!dated(&due) || !stamp_ok(due.end))
            return false;
        if (!found || isms_date_compare(due.end, *out) > 0)
            *out = due.end;
        found = true;
    }
    return found;
}

/* The deadline of a risk with this OSCAL status: a closed risk has none. It is the end of the
 * last day. */
static void write_deadline(ctx *c, const risk_acts *ra, const char *status)
{
    isms_date d;
    if (strcmp(status, "closed") != 0 && deadline(&d, c, ra))
        M_STRING(c->w, "deadline", isms__oscal_stamp_end(d).s);
}

/* The `timing` of a milestone: the period from its first to its last day (within-date-range),
 * or its one day (on-date: the end of the day). Nothing when OSCAL cannot write the dates. */
static void write_timing(isms__json *w, isms_date start, isms_date end)
{
    if (!stamp_ok(start) || !stamp_ok(end))
        return;
    KEY(w, "timing");
    OPEN_OBJECT(w);
    if (isms_date_compare(start, end) == 0) {
        KEY(w, "on-date");
        OPEN_FLAT(w);
        M_STRING(w, "date", isms__oscal_stamp_end(end).s);
    } else {
        KEY(w, "within-date-range");
        OPEN_FLAT(w);
        M_STRING(w, "start", isms__oscal_stamp(start).s);
        M_STRING(w, "end", isms__oscal_stamp_end(end).s);
    }
    CLOSE(w);
    CLOSE(w);
}

/* The milestones of the remediation of the risk `k` by action `i`: one per period the action
 * is scheduled in, and one for its due date. */
static void write_tasks(ctx *c, risk_key k, size_t i)
{
    isms__json *w = c->w;
    const isms_action *a = isms_plan_at(c->plan, i);
    const act_info *ai = &c->info[i];
    const char *due_text = isms_action_get(a, ISMS_ACTION_DUE);
    bool has_due = !isms__oscal_blank(due_text);
    if (ai->n_slots == 0 && !has_due)
        return;
    const char *aid = isms_action_id(a);
    KEY(w, "tasks");
    OPEN_ARRAY(w);
    for (size_t s = 0; s < ai->n_slots; s++) {
        const slot_rec *r = &c->slots[ai->first_slot + s];
        isms_period per;
        char ptext[32] = "";
        if (isms_schedule_period(&per, c->sched, r->period) != ISMS_OK ||
            isms_period_format(ptext, sizeof ptext, &per) != ISMS_OK)
            continue;
        isms__json_element(w);
        OPEN_OBJECT(w);
        M_UUID(w, "uuid",
               ISMS__OSCAL_UUID(c->d, "poam/milestone/period", ptext, k.kind, k.id, aid));
        M_STRING(w, "type", "milestone");
        compose_line(c, WORD(c, "Schemalagd till ", "Scheduled for "), ptext, "", NULL, NULL);
        M_COMPOSED(c, "title");
        isms__oscal_props ps = { w, false };
        isms__oscal_props_add(&ps, "period", ptext, NS);
        prop_number(&ps, "effort", r->slot.effort);
        if (r->slot.recurring) {
            char occ[16];
            snprintf(occ, sizeof occ, "%u", r->slot.occurrences);
            isms__oscal_props_add(&ps, "occurrences", occ, NS);
        }
        if (r->slot.late)
            isms__oscal_props_add(&ps, "late", "true", NS);
        isms__oscal_props_end(&ps);
        write_timing(w, per.start, per.end);
        CLOSE(w);
    }
    if (has_due) {
        isms_period due = isms_action_due(a);
        isms__json_element(w);
        OPEN_OBJECT(w);
        M_UUID(w, "uuid", ISMS__OSCAL_UUID(c->d, "poam/milestone/due", k.kind, k.id, aid));
        M_STRING(w, "type", "milestone");
        compose_line(c, WORD(c, "Klar senast ", "Due "), due_text, "", NULL, NULL);
        M_COMPOSED(c, "title");
        isms__oscal_props ps = { w, false };
        isms__oscal_props_add(&ps, "due", due_text, NS);
        if (dated(&due))
            prop_date(&ps, "due-date", due.end);
        isms__oscal_props_end(&ps);
        if (dated(&due))
            write_timing(w, due.start, due.end);
        CLOSE(w);
    }
    CLOSE(w);
}

/* OSCAL's response types (the `type` property of a remediation) for a risk's treatment. */
static const char *response_type(isms_treatment t)
{
    switch (t) {
    case ISMS_TREATMENT_RETAIN:
        return "accept";
    case ISMS_TREATMENT_AVOID:
        return "avoid";
    case ISMS_TREATMENT_SHARE:
        return "transfer";
    default:
        return "mitigate";
    }
}

/* The remediations of a risk: one per action that treats it, but the cancelled ones. */
static void write_remediations(ctx *c, risk_key k, const risk_acts *ra, const char *type)
{
    isms__json *w = c->w;
    size_t count = 0;
    for (size_t at = 0, i = 0; next_action(&i, &at, c, ra);) {
        if (isms_action_get_status(isms_plan_at(c->plan, i)) != ISMS_ACTION_CANCELLED)
            count++;
    }
    if (count == 0)
        return;
    KEY(w, "remediations");
    OPEN_ARRAY(w);
    for (size_t at = 0, i = 0; next_action(&i, &at, c, ra);) {
        const isms_action *a = isms_plan_at(c->plan, i);
        isms_action_status st = isms_action_get_status(a);
        if (st == ISMS_ACTION_CANCELLED)
            continue;
        isms__json_element(w);
        OPEN_OBJECT(w);
        M_UUID(w, "uuid",
               ISMS__OSCAL_UUID(c->d, "poam/remediation", k.kind, k.id, isms_action_id(a)));
        M_STRING(w, "lifecycle", st == ISMS_ACTION_DONE       ? "completed"
                                 : st == ISMS_ACTION_PROPOSED ? "recommendation"
                                                              : "planned");
        M_TITLE(w, action_title(a));
        M_MARKUP(w, "description", action_description(a));
        KEY(w, "props");
        OPEN_ARRAY(w);
        isms__oscal_prop(w, "type", type, NULL);
        isms__oscal_prop(w, "action-id", isms_action_id(a), NS);
        isms__oscal_prop(w, "owner", isms_action_get(a, ISMS_ACTION_OWNER), NS);
        CLOSE(w);
        write_tasks(c, k, i);
        CLOSE(w);
    }
    CLOSE(w);
}

/* A facet of a risk's characterization: a level, value or band on the register's matrix. A
 * value is an OSCAL string (one line, trimmed); a blank one (a band without a name) is left
 * out. */
static void facet(ctx *c, const char *name, const char *value)
{
    if (isms__oscal_blank(value))
        return;
    isms__json *w = c->w;
    isms__json_element(w);
    OPEN_OBJECT(w);
    M_STRING(w, "name", name);
    M_STRING(w, "system", NS);
    KEY(w, "value");
    isms__oscal_string(w, value);
    CLOSE(w);
}

static void facet_int(ctx *c, const char *name, int v)
{
    char buf[16];
    snprintf(buf, sizeof buf, "%d", v);
    facet(c, name, buf);
}

/* The facets of the inherent or the residual risk; false when there are none (no level is
 * set: the levels, when set, are always written). */
static bool facets(ctx *c, const isms_risk *r, isms_which which, bool write)
{
    int l = which == ISMS_INHERENT ? isms_risk_likelihood(r) : isms_risk_residual_likelihood(r);
    int k = which == ISMS_INHERENT ? isms_risk_consequence(r) : isms_risk_residual_consequence(r);
    if (l == ISMS_LEVEL_UNSET && k == ISMS_LEVEL_UNSET)
        return false;
    if (!write)
        return true;
    bool res = which == ISMS_RESIDUAL;
    if (l != ISMS_LEVEL_UNSET)
        facet_int(c, res ? "residual-likelihood" : "likelihood", l);
    if (k != ISMS_LEVEL_UNSET)
        facet_int(c, res ? "residual-consequence" : "consequence", k);
    isms_score s;
    isms_band b;
    if (isms_risk_score(&s, r, which) == ISMS_OK) {
        facet_int(c, res ? "residual-value" : "value", s.value);
        if (isms_matrix_band(&b, isms_register_matrix(c->reg), (size_t)s.band) == ISMS_OK)
            facet(c, res ? "residual-level" : "level", b.name);
    }
    return true;
}

static void write_characterization(ctx *c, const isms_risk *r)
{
    bool inherent = facets(c, r, ISMS_INHERENT, false);
    bool residual = facets(c, r, ISMS_RESIDUAL, false);
    if ((!inherent && !residual) || !c->has_party)
        return;
    isms__json *w = c->w;
    KEY(w, "characterizations");
    OPEN_ARRAY(w);
    isms__json_element(w);
    OPEN_OBJECT(w);
    KEY(w, "origin");
    OPEN_OBJECT(w);
    KEY(w, "actors");
    OPEN_ARRAY(w);
    isms__json_element(w);
    OPEN_OBJECT(w);
    M_STRING(w, "type", "party");
    M_UUID(w, "actor-uuid", c->party);
    CLOSE(w);
    CLOSE(w);
    CLOSE(w);
    KEY(w, "facets");
    OPEN_ARRAY(w);
    facets(c, r, ISMS_INHERENT, true);
    facets(c, r, ISMS_RESIDUAL, true);
    CLOSE(w);
    CLOSE(w);
    CLOSE(w);
}

/* The description and statement of a risk whose id no source holds: `before`, the id and
 * `after`. */
static void write_not_found(ctx *c, const char *before, const char *id, const char *after)
{
    compose_line(c, before, show_id(id), "", NULL, NULL);
    isms__buf_puts(&c->scratch, after);
    M_COMPOSED(c, "description");
    M_COMPOSED(c, "statement");
}

/* A risk of the register (r) or an id that an action names as a risk but that the register
 * does not hold (r NULL). */
static void write_register_risk(ctx *c, const isms_risk *r, const char *id, const risk_acts *ra)
{
    isms__json *w = c->w;
    risk_key k = { "risk", id };
    const char *title = r ? isms_risk_title(r) : "";
    isms__json_element(w);
    OPEN_OBJECT(w);
    M_UUID(w, "uuid", risk_uuid(c, k));
    compose_line(c, "", show_id(id), ": ", title, NULL);
    M_COMPOSED(c, "title");
    if (r) {
        M_MARKUP(w, "description", isms__oscal_text(title, show_id(id)));
        M_MARKUP(w, "statement", isms__oscal_text(isms_risk_consequence_text(r),
                                                  isms__oscal_text(title, show_id(id))));
    } else {
        write_not_found(c, WORD(c, "Risken ", "The risk "), id,
                        WORD(c, " finns inte i riskregistret.", " is not in the risk register."));
    }
    isms__oscal_props ps = { w, false };
    isms__oscal_props_add(&ps, "risk-id", id, NS);
    isms_risk_status rs = r ? isms_risk_get_status(r) : ISMS_RISK_OPEN;
    isms_treatment tr = r ? isms_risk_treatment(r) : ISMS_TREATMENT_NONE;
    if (r) {
        isms__oscal_props_add(&ps, "owner", isms_risk_owner(r), NS);
        isms__oscal_props_add(&ps, "risk-status", isms__doc_risk_status[rs], NS);
        if (tr != ISMS_TREATMENT_NONE)
            isms__oscal_props_add(&ps, "treatment", isms__doc_treatment[tr], NS);
        isms__oscal_props_add(&ps, "treatment-description", isms_risk_treatment_text(r), NS);
        isms__oscal_props_add(&ps, "vector", isms_risk_vector(r), NS);
    } else {
        isms__oscal_props_add(&ps, "not-found", "true", NS);
    }
    isms__oscal_props_end(&ps);
    const char *status = "open";
    switch (rs) {
    case ISMS_RISK_OPEN:
        status = any_in_progress(c, ra) ? "remediating" : "open";
        break;
    case ISMS_RISK_IN_TREATMENT:
        status = "remediating";
        break;
    case ISMS_RISK_ACCEPTED:
        status = "deviation-approved";
        break;
    default: /* treated, closed */
        status = "closed";
        break;
    }
    M_STRING(w, "status", status);
    if (r)
        write_characterization(c, r);
    write_deadline(c, ra, status);
    write_remediations(c, k, ra, response_type(tr));
    CLOSE(w);
}

/* The gap in a requirement: an entry of the latest assessment (e) or a reference that it does
 * not hold (e NULL). Its status is the one the assessment results give
 * (isms__oscal_status()): closed when the requirement is met (isms__oscal_met(): yes, or not
 * applicable for a control, an excluded one too); a clause marked not applicable is still
 * open, as clauses cannot be excluded. */
static void write_gap_risk(ctx *c, const isms_entry *e, const char *ref, const risk_acts *ra)
{
    isms__json *w = c->w;
    risk_key k = { "gap", ref };
    const isms_item *item = e ? isms_entry_item(e) : NULL;
    const char *ititle = item ? isms_item_title(item) : "";
    isms__json_element(w);
    OPEN_OBJECT(w);
    M_UUID(w, "uuid", risk_uuid(c, k));
    compose_line(c, WORD(c, "Brist i krav ", "Gap in requirement "), ref, ": ", ititle, item);
    M_COMPOSED(c, "title");
    isms_status st = e ? isms__oscal_status(e) : ISMS_STATUS_NOT_ASSESSED;
    if (e) {
        const char *text = isms_entry_get(e, ISMS_FIELD_TEXT);
        if (!isms__oscal_blank(text)) {
            M_MARKUP(w, "description", text);
        } else if (item && !isms__oscal_blank(ititle)) {
            isms__oscal_md_item_title(compose(c), item);
            M_COMPOSED(c, "description");
        } else {
            M_MARKUP(w, "description", show_id(ref));
        }
        isms__buf *b = compose(c);
        isms__buf_printf(b, WORD(c, "Nuläge: %s", "Status: %s"),
                         isms_status_label(st, c->en ? ISMS_LANG_EN : ISMS_LANG_SV));
        if (isms_entry_applicability(e) == ISMS_APPLICABILITY_EXCLUDED)
            isms__buf_puts(b, WORD(c, " (exkluderad i uttalandet om tillämplighet)",
                                   " (excluded in the Statement of Applicability)"));
        isms__buf_puts(b, ".");
        if (st == ISMS_STATUS_NOT_APPLICABLE && !isms__oscal_met(e))
            isms__buf_puts(b, WORD(c, " Ledningssystemets krav kan inte exkluderas.",
                                   " The management system clauses cannot be excluded."));
        const char *comment = isms_entry_get(e, ISMS_FIELD_COMMENT);
        if (!isms__oscal_blank(comment)) {
            isms__buf_puts(b, " ");
            isms__oscal_md(b, comment, true);
        }
        M_COMPOSED(c, "statement");
    } else {
        write_not_found(c, WORD(c, "Kravet ", "Requirement "), ref,
                        WORD(c, " finns inte i den senaste bedömningen.",
                             " is not in the latest assessment."));
    }
    isms__oscal_props ps = { w, false };
    isms__oscal_props_add(&ps, "requirement", ref, NS);
    if (e) {
        isms__oscal_props_add(&ps, "control-id", item ? isms_item_oscal_id(item) : NULL, NS);
        isms__oscal_props_add(&ps, "requirement-status",
                              isms_status_name(isms_entry_status(e)), NS);
        if (isms_entry_applicability(e) != ISMS_APPLICABILITY_UNDECIDED)
            isms__oscal_props_add(&ps, "applicability",
                                  isms__doc_applicability[isms_entry_applicability(e)], NS);
        if (isms_entry_need(e) != ISMS_NEED_UNSET)
            isms__oscal_props_add(&ps, "need", isms_need_name(isms_entry_need(e)), NS);
        isms__oscal_props_add(&ps, "owner", isms_entry_get(e, ISMS_FIELD_OWNER), NS);
    } else {
        isms__oscal_props_add(&ps, "not-found", "true", NS);
    }
    isms__oscal_props_end(&ps);
    const char *status = e && isms__oscal_met(e) ? "closed"
                         : any_in_progress(c, ra) ? "remediating"
                                                  : "open";
    M_STRING(w, "status", status);
    write_deadline(c, ra, status);
    write_remediations(c, k, ra, "mitigate");
    CLOSE(w);
}

/* The risk of an action that addresses no risk and no requirement. */
static void write_own_risk(ctx *c, size_t i)
{
    isms__json *w = c->w;
    const isms_action *a = isms_plan_at(c->plan, i);
    risk_key k = { "action", isms_action_id(a) };
    risk_acts ra = { c->n_tg, c->n_tg, i };
    isms__json_element(w);
    OPEN_OBJECT(w);
    M_UUID(w, "uuid", risk_uuid(c, k));
    compose_line(c, WORD(c, "Åtgärd ", "Action "), show_id(k.id), ": ",
                 isms_action_get(a, ISMS_ACTION_TITLE), NULL);
    M_COMPOSED(c, "title");
    M_MARKUP(w, "description", action_description(a));
    M_STRING(w, "statement", WORD(c, "Åtgärden anger ingen risk och inget krav som den "
                                     "behandlar.",
                                  "The action names no risk and no requirement that it "
                                  "treats."));
    isms_action_status st = isms_action_get_status(a);
    isms__oscal_props ps = { w, false };
    isms__oscal_props_add(&ps, "action-id", k.id, NS);
    isms__oscal_props_add(&ps, "status", isms_action_status_name(st), NS);
    isms__oscal_props_end(&ps);
    const char *status = st == ISMS_ACTION_IN_PROGRESS ? "remediating"
                         : open_status(st)             ? "open"
                                                       : "closed";
    M_STRING(w, "status", status);
    write_deadline(c, &ra, status);
    write_remediations(c, k, &ra, "mitigate");
    CLOSE(w);
}

/* The risks of the targets of `group` (G_RISK: risks, G_GAP: requirements): first those of
 * the source (the register's risks, the latest assessment's entries) in its order, then the
 * ids that it does not hold, by id (the run of sorted targets without a `ref`, one risk per
 * id). Only what an action addresses is written. */
static void write_group(ctx *c, uint8_t group)
{
    bool risks = group == G_RISK;
    size_t n = risks ? isms_register_count(c->reg) : isms_assessment_count(c->cur);
    for (size_t r = 0; r < n && !c->w->err; r++) {
        const isms_risk *risk = risks ? isms_register_at(c->reg, r) : NULL;
        const isms_entry *e = risks ? NULL : isms_assessment_at(c->cur, r);
        size_t lo = find_run(c, group, risks ? (const void *)risk : (const void *)e);
        if (lo >= c->n_tg)
            continue;
        risk_acts ra = { lo, run_end(c, lo), SIZE_MAX };
        if (risks)
            write_register_risk(c, risk, isms_risk_id(risk), &ra);
        else
            write_gap_risk(c, e, isms_entry_ref(e), &ra);
    }
    for (size_t lo = find_run(c, group, NULL), hi; lo < c->n_tg && !c->w->err; lo = hi) {
        hi = run_end(c, lo);
        risk_acts ra = { lo, hi, SIZE_MAX };
        if (risks)
            write_register_risk(c, NULL, c->sorted[lo].id, &ra);
        else
            write_gap_risk(c, NULL, c->sorted[lo].id, &ra);
        if (hi >= c->n_tg || c->sorted[hi].group != group || c->sorted[hi].ref)
            break;
    }
}

static void write_risks(ctx *c)
{
    isms__json *w = c->w;
    KEY(w, "risks");
    OPEN_ARRAY(w);
    write_group(c, G_RISK);
    write_group(c, G_GAP);
    /* the actions' own */
    for (size_t i = 0; i < c->n && !w->err; i++)
        if (c->info[i].own)
            write_own_risk(c, i);
    CLOSE(w);
}

/* ---- items ------------------------------------------------------------------------------ */

/* A related risk of an item. */
static void write_related(ctx *c, risk_key k)
{
    isms__json *w = c->w;
    isms__json_element(w);
    OPEN_FLAT(w);
    M_UUID(w, "risk-uuid", risk_uuid(c, k));
    CLOSE(w);
}

static void write_item(ctx *c, size_t i)
{
    isms__json *w = c->w;
    const isms_action *a = isms_plan_at(c->plan, i);
    const act_info *ai = &c->info[i];
    const char *id = isms_action_id(a);
    isms__json_element(w);
    OPEN_OBJECT(w);
    M_UUID(w, "uuid", ISMS__OSCAL_UUID(c->d, "poam/item", id));
    M_TITLE(w, action_title(a));
    M_MARKUP(w, "description", action_description(a));
    isms__oscal_props ps = { w, false };
    isms__oscal_props_add(&ps, "action-id", id, NS);
    isms__oscal_props_add(&ps, "status", isms_action_status_name(isms_action_get_status(a)),
                          NS);
    isms__oscal_props_add(&ps, "owner", isms_action_get(a, ISMS_ACTION_OWNER), NS);
    isms__oscal_props_add(&ps, "due", isms_action_get(a, ISMS_ACTION_DUE), NS);
    isms_period due = isms_action_due(a);
    if (dated(&due))
        prop_date(&ps, "due-date", due.end);
    if (isms_action_effort(a) >= 0)
        prop_number(&ps, "effort", isms_action_effort(a));
    if (isms_action_effort_size(a) != ISMS_EFFORT_UNSIZED)
        isms__oscal_props_add(&ps, "effort-size",
                              isms_effort_size_name(isms_action_effort_size(a)), NS);
    if (isms_action_cost(a) >= 0)
        prop_number(&ps, "cost", isms_action_cost(a));
    if (isms_action_recurrence(a) != ISMS_RECUR_NONE)
        isms__oscal_props_add(&ps, "recurrence",
                              isms_recurrence_name(isms_action_recurrence(a)), NS);
    if (ai->rank > 0) {
        char buf[16];
        snprintf(buf, sizeof buf, "%u", (unsigned)ai->rank);
        isms__oscal_props_add(&ps, "priority", buf, NS);
    }
    if (isms_action_score(a) >= 0) {
        char buf[48];
        isms__format_number(buf, sizeof buf, isms_action_score(a), 3, ".", "");
        isms__oscal_props_add(&ps, "score", buf, NS);
    }
    for (size_t s = 0; s < ai->n_slots; s++) {
        isms_period per;
        char ptext[32];
        if (isms_schedule_period(&per, c->sched, c->slots[ai->first_slot + s].period) ==
                ISMS_OK &&
            isms_period_format(ptext, sizeof ptext, &per) == ISMS_OK)
            isms__oscal_props_add(&ps, "scheduled", ptext, NS);
    }
    if (ai->unscheduled)
        isms__oscal_props_add(&ps, "unscheduled", "true", NS);
    const char *pre = isms__prereq_first(a);
    for (size_t k = 0; k < isms_action_prerequisite_count(a); k++, pre = isms__prereq_next(pre))
        isms__oscal_props_add(&ps, "prerequisite", pre, NS);
    size_t nt = isms_action_target_count(a);
    for (size_t k = 0; k < nt; k++) {
        const target *t = &c->tg[ai->first_target + k];
        if (!t->dup && (t->group == G_ASSET || t->group == G_OTHER))
            isms__oscal_props_add(&ps, t->group == G_ASSET ? "asset" : "target", t->id, NS);
    }
    isms__oscal_props_end(&ps);
    KEY(w, "related-risks");
    OPEN_ARRAY(w);
    if (ai->own)
        write_related(c, (risk_key){ "action", id });
    for (size_t k = 0; k < nt; k++) {
        const target *t = &c->tg[ai->first_target + k];
        if (!t->dup && (t->group == G_RISK || t->group == G_GAP))
            write_related(c, (risk_key){ t->group == G_RISK ? "risk" : "gap", t->id });
    }
    CLOSE(w);
    CLOSE(w);
}

/* OSCAL wants at least one item: a plan without actions has one that says so. */
static void write_no_actions(ctx *c)
{
    isms__json *w = c->w;
    isms__json_element(w);
    OPEN_OBJECT(w);
    M_UUID(w, "uuid", isms__oscal_uuid(c->d, "poam/no-actions", NULL, 0));
    M_STRING(w, "title", WORD(c, "Inga åtgärder", "No actions"));
    M_STRING(w, "description", WORD(c, "Handlingsplanen har inga åtgärder.",
                                    "The plan of action has no actions."));
    KEY(w, "props");
    OPEN_ARRAY(w);
    isms__oscal_prop(w, "no-actions", "true", NS);
    CLOSE(w);
    CLOSE(w);
}

/* ---- the whole ---------------------------------------------------------------------------- */

static void write_poam(ctx *c)
{
    isms__json *w = c->w;
    OPEN_OBJECT(w);
    KEY(w, "plan-of-action-and-milestones");
    OPEN_OBJECT(w);
    M_UUID(w, "uuid", isms__oscal_uuid(c->d, "poam", NULL, 0));
    isms__oscal_metadata(w, c->d, WORD(c, "Handlingsplan", "Plan of action and milestones"));
    KEY(w, "system-id");
    OPEN_OBJECT(w);
    M_STRING(w, "identifier-type", "https://ietf.org/rfc/rfc4122");
    M_UUID(w, "id", isms__oscal_doc_resource(c->d));
    CLOSE(w);
    if (c->n > 0)
        write_risks(c);
    KEY(w, "poam-items");
    OPEN_ARRAY(w);
    for (size_t i = 0; i < c->n && !w->err; i++)
        write_item(c, i);
    if (c->n == 0)
        write_no_actions(c);
    CLOSE(w);
    isms__oscal_back_matter(w, c->d);
    CLOSE(w);
    CLOSE(w);
    isms__json_raw(w, "\n", 1);
}

int isms__oscal_write_poam(isms__buf *out, const isms_document *doc)
{
    isms__oscal_doc d;
    int rc = isms__oscal_doc_init(&d, doc);
    if (rc != ISMS_OK)
        return rc;
    isms__json w;
    isms__json_init(&w, out, "the plan of action and milestones", 0);
    const isms_plan *plan = isms_document_plan(doc);
    ctx c;
    memset(&c, 0, sizeof c);
    c.w = &w;
    c.d = &d;
    c.doc = doc;
    c.en = isms_document_lang(doc) == ISMS_LANG_EN;
    c.n = isms_plan_count(plan);
    c.reg = isms_plan_register(plan);
    c.cur = isms_plan_assessment(plan);
    c.inv = isms_plan_inventory(plan);
    /* The characterizations of the register's risks come from its owner: the unit, else the
     * organisation, else the author (the parties isms__oscal_metadata() writes). */
    c.has_party = true;
    if (!isms__oscal_blank(isms_document_get(doc, ISMS_DOC_UNIT)))
        c.party = isms__oscal_uuid(&d, "party/unit", NULL, 0);
    else if (!isms__oscal_blank(isms_document_get(doc, ISMS_DOC_ORGANISATION)))
        c.party = isms__oscal_uuid(&d, "party/organisation", NULL, 0);
    else if (!isms__oscal_blank(isms_document_get(doc, ISMS_DOC_AUTHOR)))
        c.party = isms__oscal_uuid(&d, "party/author", NULL, 0);
    else
        c.has_party = false;
    isms__buf_init(&c.scratch);
    isms_plan *copy = NULL;
    if (c.n > 0) {
        c.info = isms__calloc(c.n, sizeof *c.info);
        if (!c.info)
            rc = isms__error_nomem();
        if (rc == ISMS_OK)
            rc = isms__plan_copy(&copy, plan);
        if (rc == ISMS_OK) {
            c.plan = copy;
            rc = schedule(&c, copy);
        }
        if (rc == ISMS_OK)
            rc = gather_targets(&c);
    }
    if (rc == ISMS_OK) {
        write_poam(&c);
        rc = w.err == ISMS_ENOMEM ? isms__error_nomem() : w.err;
    }
    isms__buf_free(&c.scratch);
    isms__free(c.tg);
    isms__free(c.sorted);
    isms__free(c.slots);
    isms__free(c.info);
    isms_schedule_free(c.sched);
    isms_plan_free(copy);
    isms__oscal_doc_free(&d);
    return rc;
}
