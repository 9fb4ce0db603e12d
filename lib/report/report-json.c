/*
 * The management review's key figures as JSON, for other systems (isms__report_json).
 *
 * The shape, "format": "libisms-summary/1". Keys come in exactly this order, objects are
 * indented by two spaces, small objects (tallies, counts, points of the curve, the actions
 * of a period) and arrays of plain values stay on one line, the text ends with a newline.
 * Numbers are JSON numbers (shortest form that reads back exactly); a figure that
 * does not exist is null, never 0. Words from vocabularies are the machine names of the
 * document format libisms/1 ("partial", "very-high", "in-progress"); labels and messages
 * are in the report's language ("lang"). Strings escape `<`, `>` and `&` as \u003c, \u003e
 * and \u0026, so the text can sit inside an HTML <script> element.
 *
 *   {
 *     "format": "libisms-summary/1",
 *     "lang": "sv" | "en",
 *     "title", "organisation", "unit", "author", "scope": strings ("" when not set),
 *     "year": the document's year,
 *     "date": "YYYY-MM-DD", the reference date the figures use,
 *     "context": [ { "title", "text" } ] what affects the ISMS (section 3 of the review),
 *     "risks": {
 *       "total": risks in the register,
 *       "matrix": its name, "acceptance": its acceptance threshold,
 *       "above_acceptance": { "inherent": n, "residual": n },
 *       "unscored": { "inherent": n, "residual": n },
 *       "bands": [ { "name", "label", "color", "min", "max", "inherent": n, "residual": n } ]
 *                lowest band first; residual counts a risk without residual levels at its
 *                inherent value (as isms_register_band_counts() does),
 *       "heatmap": { "likelihood": [level values], "consequence": [level values],
 *                    "inherent": [[n per consequence] per likelihood], "residual": same }
 *                  lowest levels first,
 *       "items": [ { "id", "title", "likelihood", "consequence", "value", "band",
 *                    "residual_likelihood", "residual_consequence", "residual_value",
 *                    "residual_band", "treatment", "owner", "status" } ]
 *                highest inherent value first; levels, values and bands are null when
 *                not set or not on the matrix
 *     },
 *     "compliance": null when the document has no assessment of its year or before, else
 *                   this year's (the document's year, or the latest before it) against last
 *                   year's (the one before that) {
 *       "year", "edition", "scope",
 *       "catalog": only for an assessment against an imported catalog (another framework;
 *                  "edition" is then null): { "title", "version", "uuid" } as the catalog's
 *                  OSCAL metadata gives them (isms_catalog_title(), _version(), _uuid()),
 *       "total", "clauses", "annex_a": tally (against an imported catalog: "clauses" is
 *                  empty and "annex_a" counts its controls),
 *       "previous": null or { "year", "edition", "catalog" (as above, only when imported),
 *                  "total": tally },
 *       "change": compliance now − compliance last year (a fraction, exact; the other
 *                  formats show the difference of the percentages as rounded), or null (also
 *                  when last year is against another catalog: one of the two imported, or two
 *                  imported catalogs with different UUIDs),
 *       "chapters": [ { "id": "4" … "10" or "A.5" …, "title" (in the report's language, as
 *                       the other formats name it), "now": tally, "before": tally or null } ]
 *                   ([] against an imported catalog),
 *       "groups": only against an imported catalog: [ { "id", "title", "now", "before" } ] its
 *                 top-level groups as "chapters" are given (id: the group's label, else its
 *                 OSCAL id; title as the catalog has it; before: null unless last year is
 *                 against the same catalog), then, when the catalog has controls outside
 *                 every group, one with "id" null and "title" the report's word for them,
 *       "gaps": [ { "ref", "title", "status", "need", "comment", "plan", "owner", "due",
 *                   "due_period": canonical period ("Q1 2024") or null, "overdue": bool } ],
 *       "overdue": requirements not met whose due date has passed,
 *       "changes": null (no previous year, or another edition or catalog) or
 *                  { "improved", "regressed", "new", "removed", "unchanged": n },
 *       "changed": [ { "ref", "before", "after", "change": "improved" | "regressed" } ]
 *                  the requirements whose status moved since last year,
 *       "soa": { "applicable", "excluded", "undecided": n } over the Annex A entries (the
 *              controls of an imported catalog),
 *       "exclusions": [ { "ref", "title", "justification" } ] the controls excluded
 *     },
 *       where a tally is { "yes", "partial", "no", "not_applicable", "not_assessed",
 *       "total", "applicable", "assessed": n, "coverage": fraction,
 *       "compliance": fraction or null when nothing is assessed },
 *     "classification": {
 *       "assets", "with_personal_data", "information", "information_classified": n
 *                  (information assets with every aspect assessed or overridden),
 *       "coverage": information_classified / information, or null,
 *       "per_type": { type name: n } every type,
 *       "aspects": { aspect name: { "unclassified": n, "levels": [n per level 0 … top] } }
 *                  for the aspects of the scheme: effective levels (assessed, overridden,
 *                  inherited or raised to a floor),
 *       "overall": { "unclassified": n, "levels": [n per level 0 … top] } the overall class
 *                  (the highest effective level of an asset's aspects),
 *       "reviews_due": [ { "id", "name", "owner", "next_review", "overdue": bool } ]
 *     },
 *     "plan": {
 *       "actions": all actions, "open": open ones, "overdue": open ones past their due date,
 *       "error": null, or why the plan could not be scheduled,
 *       "ranked": [ { "rank", "id", "title", "owner", "status", "due", "effort" (person-days
 *                     or null), "score", "overdue": bool } ] priority order,
 *       "periods": [ { "period": "2025", "start", "end", "capacity" (null: unlimited),
 *                      "load", "actions": [ { "id", "effort", "occurrences",
 *                      "recurring": bool, "late": bool } ] } ],
 *       "unscheduled": [ ids ] not placed in any period (every open action when the plan
 *                      could not be scheduled)
 *     },
 *     "quantitative": {
 *       "models": risks with a model, "simulated": bool, "error": null or why not,
 *       "iterations", "seed",
 *       "risks": [ q ], "portfolio": q or null, "lec": [ { "loss", "exceedance" } ]
 *         where q is { "risk", "title", "ale", "sd", "min", "max", "p50", "p90", "p99",
 *         "var95", "es95" }
 *     },
 *     "findings": { "error", "warning", "info": n,
 *                   "items": [ { "severity", "code", "ref", "message" } ] },
 *     "overdue": { "requirements", "actions", "reviews": n },
 *     "decision": the decision text, or null when it is still to be taken
 *   }
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/doc-internal.h"
#include "io/json-internal.h"
#include "plan/plan-internal.h"
#include "report-internal.h"

/* ---- the writer (io/json-internal.h), as the report uses it --------------------------------- */

typedef isms__json jw;

static void obj(jw *w)
{
    isms__json_open_object(w, false);
}

/* An object written on one line. */
static void flat_obj(jw *w)
{
    isms__json_open_object(w, true);
}

static void arr(jw *w)
{
    isms__json_open_array(w, false);
}

static void flat_arr(jw *w)
{
    isms__json_open_array(w, true);
}

static void end_obj(jw *w)
{
    isms__json_close(w);
}

static void end_arr(jw *w)
{
    isms__json_close(w);
}

/* Before a value in an array. */
static void next(jw *w)
{
    isms__json_element(w);
}

static void key(jw *w, const char *k)
{
    isms__json_key_text(w, k);
}

/* A text; a missing one as "". */
static void v_str(jw *w, const char *s)
{
    isms__json_string(w, s ? s : "");
}

static void v_null(jw *w)
{
    isms__json_null(w);
}

static void v_bool(jw *w, bool b)
{
    isms__json_bool(w, b);
}

static void v_int(jw *w, long long n)
{
    isms__json_int(w, n);
}

static void v_size(jw *w, size_t n)
{
    isms__json_uint(w, (uint64_t)n);
}

/* The shortest text that reads back as the same double, with '.' whatever the locale
 * (isms__doc_double(), as the document's own numbers); null when not finite. */
static void v_num(jw *w, double d)
{
    if (isfinite(d))
        isms__json_number(w, d);
    else
        v_null(w);
}

static void k_str(jw *w, const char *k, const char *s)
{
    key(w, k);
    v_str(w, s);
}

static void k_str_or_null(jw *w, const char *k, const char *s)
{
    key(w, k);
    if (s && *s)
        v_str(w, s);
    else
        v_null(w);
}

static void k_size(jw *w, const char *k, size_t n)
{
    key(w, k);
    v_size(w, n);
}

static void k_num(jw *w, const char *k, double d)
{
    key(w, k);
    v_num(w, d);
}

static void k_bool(jw *w, const char *k, bool b)
{
    key(w, k);
    v_bool(w, b);
}

static void k_date(jw *w, const char *k, isms_date d)
{
    char buf[16];
    key(w, k);
    if (isms_date_valid(d) && isms_date_format(buf, sizeof buf, d) == ISMS_OK)
        v_str(w, buf);
    else
        v_null(w);
}

static const char *name_of(const char *const *names, size_t n, int value)
{
    return value >= 0 && (size_t)value < n ? names[value] : NULL;
}

#define NAME(list, value) name_of((list), ISMS__DOC_N(list), (int)(value))

/* ---- parts ---------------------------------------------------------------------------------- */

static void k_level(jw *w, const char *k, int level)
{
    key(w, k);
    if (level == ISMS_LEVEL_UNSET)
        v_null(w);
    else
        v_int(w, level);
}

static void risk_item(jw *w, const isms__report *r, const isms_risk *risk)
{
    obj(w);
    k_str(w, "id", isms_risk_id(risk));
    k_str(w, "title", isms_risk_title(risk));
    static const char *const keys[2][4] = {
        { "likelihood", "consequence", "value", "band" },
        { "residual_likelihood", "residual_consequence", "residual_value", "residual_band" },
    };
    for (int which = 0; which < 2; which++) {
        k_level(w, keys[which][0], which == 0 ? isms_risk_likelihood(risk)
                                              : isms_risk_residual_likelihood(risk));
        k_level(w, keys[which][1], which == 0 ? isms_risk_consequence(risk)
                                              : isms_risk_residual_consequence(risk));
        isms_score sc;
        bool scored = isms_risk_score(&sc, risk, (isms_which)which) == ISMS_OK;
        key(w, keys[which][2]);
        if (scored)
            v_int(w, sc.value);
        else
            v_null(w);
        isms_band b;
        key(w, keys[which][3]);
        if (scored && sc.band >= 0 && isms_matrix_band(&b, r->matrix, (size_t)sc.band) == ISMS_OK)
            v_str(w, b.name);
        else
            v_null(w);
    }
    k_str_or_null(w, "treatment", NAME(isms__doc_treatment, isms_risk_treatment(risk)));
    k_str(w, "owner", isms_risk_owner(risk));
    k_str_or_null(w, "status", NAME(isms__doc_risk_status, isms_risk_get_status(risk)));
    end_obj(w);
}

static void heat(jw *w, const isms__report *r, const size_t *grid)
{
    arr(w);
    for (size_t l = 0; l < r->n_likelihood; l++) {
        next(w);
        flat_arr(w);
        for (size_t c = 0; c < r->n_consequence; c++) {
            next(w);
            v_size(w, grid[l * r->n_consequence + c]);
        }
        end_arr(w);
    }
    end_arr(w);
}

static void levels_of_axis(jw *w, const isms__report *r, isms_axis axis)
{
    flat_arr(w);
    for (size_t i = 0; i < isms_matrix_level_count(r->matrix, axis); i++) {
        isms_level lv;
        if (isms_matrix_level(&lv, r->matrix, axis, i) == ISMS_OK) {
            next(w);
            v_int(w, lv.value);
        }
    }
    end_arr(w);
}

static void risks(jw *w, const isms__report *r)
{
    key(w, "risks");
    obj(w);
    k_size(w, "total", r->n_risks);
    k_str(w, "matrix", isms_matrix_name(r->matrix));
    key(w, "acceptance");
    v_int(w, isms_matrix_acceptance(r->matrix));
    key(w, "above_acceptance");
    flat_obj(w);
    k_size(w, "inherent", r->above_inherent);
    k_size(w, "residual", r->above_residual);
    end_obj(w);
    key(w, "unscored");
    flat_obj(w);
    k_size(w, "inherent", r->unscored);
    k_size(w, "residual", r->unscored_residual);
    end_obj(w);
    key(w, "bands");
    arr(w);
    for (size_t i = 0; i < r->n_bands; i++) {
        isms_band b;
        if (isms_matrix_band(&b, r->matrix, i) != ISMS_OK)
            continue;
        next(w);
        obj(w);
        k_str(w, "name", b.name);
        k_str(w, "label", r->lang == ISMS_LANG_EN ? b.label_en : b.label_sv);
        k_str(w, "color", b.color);
        key(w, "min");
        v_int(w, b.min_value);
        key(w, "max");
        v_int(w, b.max_value);
        k_size(w, "inherent", r->band_inherent[i]);
        k_size(w, "residual", r->band_residual[i]);
        end_obj(w);
    }
    end_arr(w);
    key(w, "heatmap");
    obj(w);
    key(w, "likelihood");
    levels_of_axis(w, r, ISMS_AXIS_LIKELIHOOD);
    key(w, "consequence");
    levels_of_axis(w, r, ISMS_AXIS_CONSEQUENCE);
    key(w, "inherent");
    heat(w, r, r->heat_inherent);
    key(w, "residual");
    heat(w, r, r->heat_residual);
    end_obj(w);
    key(w, "items");
    arr(w);
    for (size_t i = 0; i < r->n_risks; i++) {
        next(w);
        risk_item(w, r, r->risks[i]);
    }
    end_arr(w);
    end_obj(w);
}

static void tally(jw *w, const isms_tally *t)
{
    flat_obj(w);
    static const char *const keys[ISMS_STATUS_COUNT] = {
        [ISMS_STATUS_YES] = "yes", [ISMS_STATUS_PARTIAL] = "partial", [ISMS_STATUS_NO] = "no",
        [ISMS_STATUS_NOT_APPLICABLE] = "not_applicable",
        [ISMS_STATUS_NOT_ASSESSED] = "not_assessed",
    };
    static const isms_status order[] = { ISMS_STATUS_YES, ISMS_STATUS_PARTIAL, ISMS_STATUS_NO,
                                         ISMS_STATUS_NOT_APPLICABLE,
                                         ISMS_STATUS_NOT_ASSESSED };
    for (size_t k = 0; k < 5; k++)
        k_size(w, keys[order[k]], t->counts[order[k]]);
    k_size(w, "total", t->total);
    k_size(w, "applicable", t->applicable);
    k_size(w, "assessed", t->assessed);
    k_num(w, "coverage", t->coverage);
    k_num(w, "compliance", t->assessed ? t->compliance : NAN);
    end_obj(w);
}

/* "catalog": { "title", "version", "uuid" } of an assessment against an imported catalog;
 * nothing for a built-in edition (its "edition" names it). */
static void k_catalog(jw *w, const isms_assessment *a)
{
    const isms_catalog *cat = isms_assessment_catalog(a);
    if (isms_catalog_edition(cat) != ISMS_EDITION_IMPORTED)
        return;
    key(w, "catalog");
    obj(w);
    k_str(w, "title", isms_catalog_title(cat));
    k_str(w, "version", isms_catalog_version(cat));
    k_str(w, "uuid", isms_catalog_uuid(cat));
    end_obj(w);
}

/* The chapters or groups of the gap analysis (the ungrouped controls' row: id null). */
static void chapter_list(jw *w, const isms__report *r)
{
    arr(w);
    for (size_t i = 0; i < r->n_chapters; i++) {
        const isms__report_chapter *ch = &r->chapters[i];
        next(w);
        obj(w);
        k_str_or_null(w, "id", ch->id);
        k_str(w, "title", ch->title);
        key(w, "now");
        tally(w, &ch->now);
        key(w, "before");
        if (ch->has_before)
            tally(w, &ch->before);
        else
            v_null(w);
        end_obj(w);
    }
    end_arr(w);
}

static void compliance(jw *w, const isms__report *r)
{
    key(w, "compliance");
    if (!r->current) {
        v_null(w);
        return;
    }
    obj(w);
    key(w, "year");
    v_int(w, isms_assessment_year(r->current));
    k_str_or_null(w, "edition", NAME(isms__doc_edition, isms_assessment_edition(r->current)));
    k_str_or_null(w, "scope", NAME(isms__doc_scope, isms_assessment_scope(r->current)));
    k_catalog(w, r->current);
    key(w, "total");
    tally(w, &r->now.total);
    key(w, "clauses");
    tally(w, &r->now.clauses);
    key(w, "annex_a");
    tally(w, &r->now.annex_a);
    key(w, "previous");
    if (r->previous) {
        obj(w);
        key(w, "year");
        v_int(w, isms_assessment_year(r->previous));
        k_str_or_null(w, "edition",
                      NAME(isms__doc_edition, isms_assessment_edition(r->previous)));
        k_catalog(w, r->previous);
        key(w, "total");
        tally(w, &r->before.total);
        end_obj(w);
    } else {
        v_null(w);
    }
    k_num(w, "change", r->previous && !r->other_catalog && r->now.total.assessed &&
                               r->before.total.assessed
                           ? r->now.total.compliance - r->before.total.compliance
                           : NAN);
    key(w, "chapters");
    if (r->imported) {
        flat_arr(w);
        end_arr(w);
        key(w, "groups");
    }
    chapter_list(w, r);
    key(w, "gaps");
    arr(w);
    for (size_t i = 0; i < r->n_gaps; i++) {
        const isms_entry *e = r->gaps[i].entry;
        next(w);
        obj(w);
        k_str(w, "ref", isms_entry_ref(e));
        k_str(w, "title", isms__report_entry_title(e));
        k_str_or_null(w, "status", NAME(isms__doc_status, isms_entry_status(e)));
        k_str_or_null(w, "need", NAME(isms__doc_need, isms_entry_need(e)));
        k_str(w, "comment", isms_entry_get(e, ISMS_FIELD_COMMENT));
        k_str(w, "plan", isms_entry_get(e, ISMS_FIELD_PLAN));
        k_str(w, "owner", isms_entry_get(e, ISMS_FIELD_OWNER));
        k_str(w, "due", isms_entry_get(e, ISMS_FIELD_DUE));
        isms_period due = isms_entry_due(e);
        char buf[32];
        if (isms_period_format(buf, sizeof buf, &due) != ISMS_OK)
            buf[0] = '\0';
        k_str_or_null(w, "due_period", buf);
        k_bool(w, "overdue", r->gaps[i].overdue);
        end_obj(w);
    }
    end_arr(w);
    k_size(w, "overdue", r->overdue_gaps);
    key(w, "changes");
    if (r->comparison) {
        flat_obj(w);
        static const struct {
            const char *key;
            isms_change change;
        } changes[] = {
            { "improved", ISMS_CHANGE_IMPROVED }, { "regressed", ISMS_CHANGE_REGRESSED },
            { "new", ISMS_CHANGE_NEW },           { "removed", ISMS_CHANGE_REMOVED },
            { "unchanged", ISMS_CHANGE_UNCHANGED },
        };
        for (size_t k = 0; k < sizeof changes / sizeof *changes; k++)
            k_size(w, changes[k].key,
                   isms_comparison_count_change(r->comparison, changes[k].change));
        end_obj(w);
    } else {
        v_null(w);
    }
    key(w, "changed");
    arr(w);
    for (size_t i = 0; r->comparison && i < isms_comparison_count(r->comparison); i++) {
        isms_delta d;
        if (isms_comparison_get(&d, r->comparison, i) != ISMS_OK ||
            (d.change != ISMS_CHANGE_IMPROVED && d.change != ISMS_CHANGE_REGRESSED))
            continue;
        next(w);
        flat_obj(w);
        k_str(w, "ref", d.ref);
        k_str_or_null(w, "before", NAME(isms__doc_status, d.before));
        k_str_or_null(w, "after", NAME(isms__doc_status, d.after));
        k_str(w, "change", d.change == ISMS_CHANGE_IMPROVED ? "improved" : "regressed");
        end_obj(w);
    }
    end_arr(w);
    key(w, "soa");
    flat_obj(w);
    k_size(w, "applicable", r->soa_applicable);
    k_size(w, "excluded", r->soa_excluded);
    k_size(w, "undecided", r->soa_undecided);
    end_obj(w);
    key(w, "exclusions");
    arr(w);
    for (size_t i = 0; i < isms_assessment_count(r->current); i++) {
        const isms_entry *e = isms_assessment_at(r->current, i);
        if (!isms__report_excluded(e))
            continue;
        next(w);
        obj(w);
        k_str(w, "ref", isms_entry_ref(e));
        k_str(w, "title", isms__report_entry_title(e));
        k_str(w, "justification", isms_entry_get(e, ISMS_FIELD_JUSTIFICATION));
        end_obj(w);
    }
    end_arr(w);
    end_obj(w);
}

/* The highest level value of an aspect's scale. */
static int top_level(const isms_scheme *scheme, isms_aspect aspect)
{
    int top = 0;
    for (size_t i = 0; i < isms_scheme_level_count(scheme, aspect); i++) {
        isms_class_level cl;
        if (isms_scheme_level(&cl, scheme, aspect, i) == ISMS_OK && cl.value > top)
            top = cl.value;
    }
    return top;
}

static void classification(jw *w, const isms__report *r)
{
    const isms_inventory_summary *s = &r->inventory;
    key(w, "classification");
    obj(w);
    k_size(w, "assets", s->total);
    k_size(w, "with_personal_data", s->with_pdata);
    k_size(w, "information", r->information_total);
    k_size(w, "information_classified", r->information_classified);
    k_num(w, "coverage", r->information_total ? (double)r->information_classified /
                                                    (double)r->information_total
                                              : NAN);
    key(w, "per_type");
    obj(w);
    for (int t = 0; t < ISMS_ASSET_TYPES; t++)
        k_size(w, isms__doc_asset_type[t], s->per_type[t]);
    end_obj(w);
    key(w, "aspects");
    obj(w);
    const isms_scheme *scheme = isms_inventory_scheme(isms_document_inventory(r->doc));
    for (int k = 0; k < ISMS_ASPECTS; k++) {
        isms_aspect a = (isms_aspect)k;
        if (!isms_scheme_has_aspect(scheme, a))
            continue;
        int top = top_level(scheme, a);
        key(w, isms__doc_aspect[k]);
        flat_obj(w);
        k_size(w, "unclassified", s->per_level[k][0]);
        key(w, "levels");
        flat_arr(w);
        for (int v = 0; v <= top && v <= ISMS_CLASS_MAX; v++) {
            next(w);
            v_size(w, s->per_level[k][v + 1]);
        }
        end_arr(w);
        end_obj(w);
    }
    end_obj(w);
    /* the overall class (the highest of an asset's aspects), on the scale of its levels */
    key(w, "overall");
    flat_obj(w);
    k_size(w, "unclassified", s->per_overall[0]);
    key(w, "levels");
    flat_arr(w);
    int top = 0;
    for (int k = 0; k < ISMS_ASPECTS; k++)
        if (isms_scheme_has_aspect(scheme, (isms_aspect)k) &&
            top_level(scheme, (isms_aspect)k) > top)
            top = top_level(scheme, (isms_aspect)k);
    for (int v = 0; v <= top && v <= ISMS_CLASS_MAX; v++) {
        next(w);
        v_size(w, s->per_overall[v + 1]);
    }
    end_arr(w);
    end_obj(w);
    key(w, "reviews_due");
    arr(w);
    for (size_t i = 0; i < r->n_due; i++) {
        const isms_asset *a = r->due[i];
        isms_date next_review = isms_asset_next_review(a);
        next(w);
        obj(w);
        k_str(w, "id", isms_asset_id(a));
        k_str(w, "name", isms_asset_get(a, ISMS_ASSET_NAME));
        k_str(w, "owner", isms_asset_get(a, ISMS_ASSET_OWNER));
        k_date(w, "next_review", next_review);
        k_bool(w, "overdue", isms_date_compare(next_review, r->today) < 0);
        end_obj(w);
    }
    end_arr(w);
    end_obj(w);
}

static void k_effort(jw *w, const char *k, double days)
{
    key(w, k);
    if (days < 0)
        v_null(w);
    else
        v_num(w, days);
}

static void plan(jw *w, const isms__report *r)
{
    const isms_plan *p = isms_document_plan(r->doc);
    key(w, "plan");
    obj(w);
    k_size(w, "actions", isms_plan_count(p));
    k_size(w, "open", r->open_actions);
    k_size(w, "overdue", r->overdue_actions);
    k_str_or_null(w, "error", r->plan_error);
    key(w, "ranked");
    arr(w);
    for (size_t i = 0; i < r->n_ranked; i++) {
        const isms_action *a = r->ranked[i];
        next(w);
        obj(w);
        k_size(w, "rank", i + 1);
        k_str(w, "id", isms_action_id(a));
        k_str(w, "title", isms_action_get(a, ISMS_ACTION_TITLE));
        k_str(w, "owner", isms_action_get(a, ISMS_ACTION_OWNER));
        k_str_or_null(w, "status", NAME(isms__doc_action_status, isms_action_get_status(a)));
        k_str(w, "due", isms_action_get(a, ISMS_ACTION_DUE));
        k_effort(w, "effort", isms_action_effort(a));
        double score = isms_action_score(a);
        k_num(w, "score", score < 0 ? NAN : score);
        k_bool(w, "overdue", isms__report_action_overdue(r, a));
        end_obj(w);
    }
    end_arr(w);
    key(w, "periods");
    arr(w);
    for (size_t i = 0; r->schedule && i < isms_schedule_period_count(r->schedule); i++) {
        isms_period per;
        char buf[32];
        if (isms_schedule_period(&per, r->schedule, i) != ISMS_OK)
            continue;
        if (isms_period_format(buf, sizeof buf, &per) != ISMS_OK)
            buf[0] = '\0';
        next(w);
        obj(w);
        k_str(w, "period", buf);
        k_date(w, "start", per.start);
        k_date(w, "end", per.end);
        double cap = isms_schedule_capacity(r->schedule, i);
        k_num(w, "capacity", cap > 0 ? cap : NAN);
        k_num(w, "load", isms_schedule_load(r->schedule, i));
        key(w, "actions");
        arr(w);
        for (size_t j = 0; j < isms_schedule_count(r->schedule, i); j++) {
            isms_slot s;
            if (isms_schedule_item(&s, r->schedule, i, j) != ISMS_OK)
                continue;
            next(w);
            flat_obj(w);
            k_str(w, "id", isms_action_id(s.action));
            k_num(w, "effort", s.effort);
            k_size(w, "occurrences", s.occurrences);
            k_bool(w, "recurring", s.recurring);
            k_bool(w, "late", s.late);
            end_obj(w);
        }
        end_arr(w);
        end_obj(w);
    }
    end_arr(w);
    key(w, "unscheduled");
    flat_arr(w);
    if (r->schedule) {
        for (size_t i = 0; i < isms_schedule_unscheduled_count(r->schedule); i++) {
            next(w);
            v_str(w, isms_action_id(isms_schedule_unscheduled(r->schedule, i)));
        }
    } else {
        /* not scheduled at all: every open action, in the plan's order */
        for (size_t i = 0; i < isms_plan_count(p); i++) {
            const isms_action *a = isms_plan_at(p, i);
            if (isms__action_open(a)) {
                next(w);
                v_str(w, isms_action_id(a));
            }
        }
    }
    end_arr(w);
    end_obj(w);
}

static void quant(jw *w, const isms__report_quant *q, bool portfolio)
{
    obj(w);
    if (portfolio) {
        key(w, "risk");
        v_null(w);
    } else {
        k_str(w, "risk", q->risk_id);
    }
    k_str(w, "title", q->title);
    k_num(w, "ale", q->stats.ale);
    k_num(w, "sd", q->stats.sd);
    k_num(w, "min", q->stats.min);
    k_num(w, "max", q->stats.max);
    k_num(w, "p50", q->p50);
    k_num(w, "p90", q->p90);
    k_num(w, "p99", q->p99);
    k_num(w, "var95", q->var95);
    k_num(w, "es95", q->es95);
    end_obj(w);
}

static void quantitative(jw *w, const isms__report *r)
{
    key(w, "quantitative");
    obj(w);
    k_size(w, "models", isms_document_model_count(r->doc));
    k_bool(w, "simulated", r->simulation != NULL);
    k_str_or_null(w, "error", r->sim_error);
    k_size(w, "iterations", r->simulation ? isms_simulation_iterations(r->simulation)
                                          : r->sim_iterations);
    key(w, "seed");
    isms__json_uint(w, (uint64_t)r->sim_seed);
    key(w, "risks");
    arr(w);
    for (size_t i = 0; i < r->n_quant; i++) {
        next(w);
        quant(w, &r->quant[i], false);
    }
    end_arr(w);
    key(w, "portfolio");
    if (r->simulation)
        quant(w, &r->portfolio, true);
    else
        v_null(w);
    key(w, "lec");
    arr(w);
    for (size_t i = 0; r->simulation && i < ISMS__REPORT_LEC_POINTS; i++) {
        next(w);
        flat_obj(w);
        k_num(w, "loss", r->lec[i].loss);
        k_num(w, "exceedance", r->lec[i].exceedance);
        end_obj(w);
    }
    end_arr(w);
    end_obj(w);
}

static void findings(jw *w, const isms__report *r)
{
    static const char *const names[] = { "info", "warning", "error" };
    key(w, "findings");
    obj(w);
    k_size(w, "error", isms_findings_count_severity(r->findings, ISMS_SEVERITY_ERROR));
    k_size(w, "warning", isms_findings_count_severity(r->findings, ISMS_SEVERITY_WARNING));
    k_size(w, "info", isms_findings_count_severity(r->findings, ISMS_SEVERITY_INFO));
    key(w, "items");
    arr(w);
    for (size_t i = 0; i < isms_findings_count(r->findings); i++) {
        isms_finding f;
        if (isms_findings_get(&f, r->findings, i) != ISMS_OK)
            continue;
        next(w);
        obj(w);
        k_str(w, "severity", name_of(names, 3, (int)f.severity));
        k_str(w, "code", f.code);
        k_str(w, "ref", f.ref);
        k_str(w, "message", f.message);
        end_obj(w);
    }
    end_arr(w);
    end_obj(w);
}

void isms__report_json(isms__buf *out, const isms__report *r)
{
    /* escaping <, > and & lets the text sit inside an HTML <script> element */
    jw w;
    isms__json_init(&w, out, "the report", ISMS__JSON_SCRIPT_SAFE);
    char buf[16];
    obj(&w);
    k_str(&w, "format", "libisms-summary/1");
    k_str(&w, "lang", isms_lang_code(r->lang));
    k_str(&w, "title", r->title);
    k_str(&w, "organisation", isms_document_get(r->doc, ISMS_DOC_ORGANISATION));
    k_str(&w, "unit", isms_document_get(r->doc, ISMS_DOC_UNIT));
    k_str(&w, "author", isms_document_get(r->doc, ISMS_DOC_AUTHOR));
    k_str(&w, "scope", isms_document_get(r->doc, ISMS_DOC_SCOPE));
    key(&w, "year");
    v_int(&w, isms_document_year(r->doc));
    key(&w, "date");
    if (isms_date_format(buf, sizeof buf, r->today) == ISMS_OK && *buf)
        v_str(&w, buf);
    else
        v_null(&w);
    key(&w, "context");
    arr(&w);
    for (size_t i = 0; i < isms_document_context_count(r->doc); i++) {
        const char *title = "", *text = "";
        if (isms_document_context(&title, &text, r->doc, i) != ISMS_OK)
            continue;
        next(&w);
        obj(&w);
        k_str(&w, "title", title);
        k_str(&w, "text", text);
        end_obj(&w);
    }
    end_arr(&w);
    risks(&w, r);
    compliance(&w, r);
    classification(&w, r);
    plan(&w, r);
    quantitative(&w, r);
    findings(&w, r);
    key(&w, "overdue");
    flat_obj(&w);
    k_size(&w, "requirements", r->overdue_gaps);
    k_size(&w, "actions", r->overdue_actions);
    k_size(&w, "reviews", r->overdue_reviews);
    end_obj(&w);
    const char *decision = isms_document_get(r->doc, ISMS_DOC_DECISION);
    k_str_or_null(&w, "decision", decision && !isms__text_blank(decision) ? decision : NULL);
    end_obj(&w);
    isms__json_raw(&w, "\n", 1);
}
