/* What is computed from assessments: summary (counts, coverage, compliance), lint,
 * conversion between editions through the mapping, and comparison of two assessments. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assess/assess-internal.h"
#include "catalog/catalog-internal.h"

/* ---- summary ------------------------------------------------------------------------- */

isms_weights isms_weights_default(void)
{
    return (isms_weights){ 1.0, 0.5, 0.0 };
}

static void tally_add(isms_tally *t, isms_status s)
{
    t->counts[s]++;
    t->total++;
}

static void tally_finish(isms_tally *t, const isms_weights *w)
{
    t->applicable = t->total - t->counts[ISMS_STATUS_NOT_APPLICABLE];
    t->assessed = t->counts[ISMS_STATUS_YES] + t->counts[ISMS_STATUS_PARTIAL] +
                  t->counts[ISMS_STATUS_NO];
    t->coverage = t->applicable ? (double)t->assessed / t->applicable : 0.0;
    t->compliance = t->assessed ? (w->yes * t->counts[ISMS_STATUS_YES] +
                                   w->partial * t->counts[ISMS_STATUS_PARTIAL] +
                                   w->no * t->counts[ISMS_STATUS_NO]) /
                                      t->assessed
                                : 0.0;
}

static bool weight_ok(double w)
{
    return isfinite(w) && w >= 0.0 && w <= 1.0;
}

/* The effective status of a requirement: its entry's, or not assessed when it has none. */
static isms_status status_of(const isms_assessment *a, const isms_item *item)
{
    const isms_entry *e = isms__index_find(&a->index, isms_item_id(item));
    return e ? isms__entry_effective(e) : ISMS_STATUS_NOT_ASSESSED;
}

int isms_assessment_summarise(isms_summary *out, const isms_assessment *a,
                              const isms_weights *weights)
{
    if (!out || !a)
        return isms__error(ISMS_EINVAL, "isms_assessment_summarise: NULL argument");
    isms_weights w = weights ? *weights : isms_weights_default();
    if (!weight_ok(w.yes) || !weight_ok(w.partial) || !weight_ok(w.no))
        return isms__error(ISMS_EINVAL,
                           "compliance weights must lie between 0 and 1 (yes %s, partial %s, "
                           "no %s)",
                           isms__g(w.yes).s, isms__g(w.partial).s, isms__g(w.no).s);
    memset(out, 0, sizeof *out);

    /* The groups, in order, from the tree: the Annex A domains or themes of a built-in
     * catalog, the top-level groups of an imported one (its roots that are groups; the
     * importer allows at most ISMS_MAX_GROUPS). */
    if (isms__catalog_imported(a->catalog)) {
        for (size_t i = 0; i < isms_catalog_root_count(a->catalog); i++) {
            const isms_item *r = isms_catalog_root(a->catalog, i);
            if (isms_item_kind_of(r) == ISMS_ITEM_GROUP && out->group_count < ISMS_MAX_GROUPS)
                out->group[out->group_count++] = r;
        }
    } else {
        const isms_item *annex = NULL;
        for (size_t i = 0; i < isms_catalog_root_count(a->catalog); i++)
            if (isms_item_kind_of(isms_catalog_root(a->catalog, i)) == ISMS_ITEM_ANNEX)
                annex = isms_catalog_root(a->catalog, i);
        if (annex && (a->scope & ISMS_SCOPE_ANNEX_A))
            for (size_t i = 0; i < isms_item_child_count(annex) && i < ISMS_MAX_GROUPS; i++)
                out->group[out->group_count++] = isms_item_child(annex, i);
    }

    size_t n = isms_catalog_requirement_count(a->catalog, a->scope);
    for (size_t i = 0; i < n; i++) {
        const isms_item *it = isms_catalog_requirement(a->catalog, a->scope, i);
        isms_status s = status_of(a, it);
        tally_add(&out->total, s);
        if (isms_item_kind_of(it) == ISMS_ITEM_CONTROL) {
            tally_add(&out->annex_a, s);
            const isms_item *g = isms_item_group(it);
            for (size_t k = 0; k < out->group_count; k++)
                if (out->group[k] == g)
                    tally_add(&out->groups[k], s);
        } else {
            tally_add(&out->clauses, s);
            int c = isms_item_chapter(it);
            if (c >= 4 && c <= 10)
                tally_add(&out->chapter[c - 4], s);
        }
    }
    for (size_t i = 0; i < a->count; i++)
        if (!isms__in_scope(a->items[i]->item, a->scope))
            out->unknown++;

    tally_finish(&out->total, &w);
    tally_finish(&out->clauses, &w);
    tally_finish(&out->annex_a, &w);
    for (int c = 0; c < 7; c++)
        tally_finish(&out->chapter[c], &w);
    for (size_t k = 0; k < out->group_count; k++)
        tally_finish(&out->groups[k], &w);
    return ISMS_OK;
}

/* ---- lint ---------------------------------------------------------------------------- */

typedef struct lint_ctx {
    isms_findings *out;
    const isms_assessment *a;
    bool sv;
    isms_date today;
} lint_ctx;

/* Appends one finding with the message in the list's language. */
#define ADD(x, sev, code, ref, sv_fmt, en_fmt, ...)                                          \
    ((x)->sv ? isms__findings_addf((x)->out, sev, code, ref, sv_fmt, __VA_ARGS__)            \
             : isms__findings_addf((x)->out, sev, code, ref, en_fmt, __VA_ARGS__))

static bool has_data(const isms_entry *e)
{
    if (e->status != ISMS_STATUS_NOT_ASSESSED || e->need != ISMS_NEED_UNSET ||
        e->applicability != ISMS_APPLICABILITY_UNDECIDED || e->n_evidence)
        return true;
    for (int f = ISMS_FIELD_COMMENT; f < ISMS__ENTRY_FIELDS; f++)
        if (f != ISMS_FIELD_ORIGIN && *e->text[f])
            return true;
    return false;
}

static int lint_entry(const lint_ctx *x, const isms_entry *e)
{
    const char *ref = e->ref;
    /* The edition's name, or an imported catalog's title. */
    const char *ed = isms_catalog_title(x->a->catalog);
    int rc = ISMS_OK;
    if (!e->item)
        return ADD(x, ISMS_SEVERITY_ERROR, "gap-unknown-ref", ref,
                   "%s finns inte i %s", "%s is not a requirement of %s", ref, ed);
    if (!isms_item_assessable(e->item) && !has_data(e))
        return ISMS_OK;
    if (!isms_item_assessable(e->item) && isms__catalog_imported(x->a->catalog))
        return ADD(x, ISMS_SEVERITY_INFO, "gap-not-assessable", ref,
                   "%s är en grupp i %s, inte ett krav som bedöms; bedöm dess "
                   "säkerhetsåtgärder",
                   "%s is a group of %s, not a requirement that is assessed; assess its "
                   "controls",
                   ref, ed);
    if (!isms_item_assessable(e->item))
        return ADD(x, ISMS_SEVERITY_INFO, "gap-not-assessable", ref,
                   "%s är en rubrik, inte ett krav som bedöms; bedöm dess underavsnitt",
                   "%s is a heading, not a requirement that is assessed; assess its "
                   "sub-clauses",
                   ref);
    if (!isms__in_scope(e->item, x->a->scope))
        return ADD(x, ISMS_SEVERITY_WARNING, "gap-out-of-scope", ref,
                   "%s ligger utanför bedömningens omfattning%s", "%s lies outside the "
                   "assessment's scope%s", ref, "");

    isms_status s = isms__entry_effective(e);
    bool open = s == ISMS_STATUS_PARTIAL || s == ISMS_STATUS_NO;
    bool plan = !isms__text_blank(e->text[ISMS_FIELD_PLAN]);
    const char *status = isms_status_label((isms_status)e->status,
                                           x->sv ? ISMS_LANG_SV : ISMS_LANG_EN);
    if (open && !plan &&
        (rc = ADD(x, ISMS_SEVERITY_WARNING, "gap-no-plan", ref,
                  "Nuläge %s men ingen handlingsplan", "Status %s but no action plan",
                  status)))
        return rc;
    if (open && e->need == ISMS_NEED_NONE &&
        (rc = ADD(x, ISMS_SEVERITY_WARNING, "gap-need-none", ref,
                  "Nuläge %s men åtgärdsbehov Ingen", "Status %s but need for action None",
                  status)))
        return rc;
    if (plan && isms__text_blank(e->text[ISMS_FIELD_OWNER]) &&
        (rc = ADD(x, ISMS_SEVERITY_WARNING, "gap-plan-no-owner", ref,
                  "Handlingsplanen saknar ansvarig%s", "The action plan has no owner%s", "")))
        return rc;
    if (plan && isms__text_blank(e->text[ISMS_FIELD_DUE]) &&
        (rc = ADD(x, ISMS_SEVERITY_WARNING, "gap-plan-no-due", ref,
                  "Handlingsplanen saknar datum%s", "The action plan has no due date%s", "")))
        return rc;
    if (e->due.kind == ISMS_PERIOD_UNPARSED &&
        (rc = ADD(x, ISMS_SEVERITY_INFO, "gap-due-unparsed", ref,
                  "Datumet \"%s\" anger ingen tidpunkt som kan följas upp",
                  "The due date \"%s\" names no time that can be followed up",
                  e->text[ISMS_FIELD_DUE])))
        return rc;
    if (s == ISMS_STATUS_NOT_APPLICABLE && isms__text_blank(e->text[ISMS_FIELD_JUSTIFICATION]) &&
        isms__text_blank(e->text[ISMS_FIELD_COMMENT])) {
        bool excluded = e->applicability == ISMS_APPLICABILITY_EXCLUDED;
        rc = excluded ? ADD(x, ISMS_SEVERITY_WARNING, "gap-no-justification", ref,
                            "Exkluderad ur uttalandet om tillämplighet utan motivering%s",
                            "Excluded from the Statement of Applicability without a "
                            "justification%s",
                            "")
                      : ADD(x, ISMS_SEVERITY_WARNING, "gap-no-justification", ref,
                            "Ej tillämplig utan motivering%s",
                            "Not applicable without a justification%s", "");
        if (rc)
            return rc;
    }
    if (s == ISMS_STATUS_YES && e->need == ISMS_NEED_HIGH &&
        (rc = ADD(x, ISMS_SEVERITY_WARNING, "gap-yes-high-need", ref,
                  "Nuläge Ja men åtgärdsbehov Hög%s", "Status Yes but need for action High%s",
                  "")))
        return rc;
    if (s != ISMS_STATUS_YES && s != ISMS_STATUS_NOT_APPLICABLE &&
        isms_period_overdue(&e->due, x->today)) {
        char due[16], today[16];
        isms_period_format(due, sizeof due, &e->due);
        isms_date_format(today, sizeof today, x->today);
        rc = ADD(x, ISMS_SEVERITY_WARNING, "gap-overdue", ref,
                 "Datumet %s (\"%s\") har passerat den %s men kravet är inte uppfyllt",
                 "The due date %s (\"%s\") has passed on %s but the requirement is not met",
                 due, e->text[ISMS_FIELD_DUE], today);
    }
    return rc;
}

int isms_assessment_lint(isms_findings *out, const isms_assessment *a, const isms_date *today)
{
    if (!out || !a)
        return isms__error(ISMS_EINVAL, "isms_assessment_lint: NULL argument");
    if (today && !isms_date_valid(*today))
        return isms__error(ISMS_EINVAL, "isms_assessment_lint: the reference date is not valid");
    lint_ctx x = { out, a, isms_findings_lang(out) == ISMS_LANG_SV, today ? *today : a->date };
    const size_t before = isms_findings_count(out);
    int rc = ISMS_OK;
    for (size_t i = 0; i < a->count && !rc; i++)
        rc = lint_entry(&x, a->items[i]);
    size_t n = isms_catalog_requirement_count(a->catalog, a->scope);
    for (size_t i = 0; i < n && !rc; i++) {
        const isms_item *it = isms_catalog_requirement(a->catalog, a->scope, i);
        if (!isms__index_find(&a->index, isms_item_id(it)))
            rc = ADD(&x, ISMS_SEVERITY_WARNING, "gap-missing", isms_item_id(it),
                     "%s (%s) saknas i tabellen", "%s (%s) is missing from the table",
                     isms_item_id(it), isms_item_title(it));
    }
    if (rc)
        isms__findings_truncate(out, before); /* all or nothing */
    return rc;
}

/* ---- conversion ---------------------------------------------------------------------- */

/* Appends `s` to b unless it is blank or already one of the parts joined with `sep`. */
static void join_distinct(isms__buf *b, const char *s, const char *sep)
{
    if (isms__text_blank(s))
        return;
    if (b->len) {
        size_t n = strlen(s), m = strlen(sep);
        const char *p = b->data;
        for (;;) {
            const char *end = strstr(p, sep);
            size_t part = end ? (size_t)(end - p) : strlen(p);
            if (part == n && memcmp(p, s, n) == 0)
                return;
            if (!end)
                break;
            p = end + m;
        }
        isms__buf_puts(b, sep);
    }
    isms__buf_puts(b, s);
}

/* Sets a field of `e` from a buffer (which is reset); false when out of memory. */
static bool set_from(isms_entry *e, isms_entry_field f, isms__buf *b)
{
    if (b->failed)
        return false;
    int rc = isms_entry_set(e, f, b->len ? b->data : "");
    isms__buf_free(b);
    isms__buf_init(b);
    return rc == ISMS_OK;
}

static int rank(isms_status s)
{
    switch (s) {
    case ISMS_STATUS_YES:
        return 2;
    case ISMS_STATUS_PARTIAL:
        return 1;
    case ISMS_STATUS_NO:
        return 0;
    default:
        return -1;
    }
}

typedef struct conv_ctx {
    const isms_assessment *src;
    isms_assessment *dst;
    isms_findings *report;
    bool sv;
} conv_ctx;

/* True when a source entry reaches a requirement of the target edition within `scope`, that
 * is, when conversion carries it somewhere. */
static bool carried(const isms_entry *s, isms_edition to, isms_scope scope)
{
    if (!s->item)
        return false;
    isms_mapping edges[16];
    size_t n = isms_item_map(edges, 16, s->item, to);
    for (size_t i = 0; i < n && i < 16; i++)
        if (edges[i].to && isms__in_scope(edges[i].to, scope))
            return true;
    return false;
}

/* Fills target entry `e` from the source entries of its mapping edges. */
static int combine(conv_ctx *x, isms_entry *e, const isms_mapping *edges, size_t n_edges)
{
    const isms_entry *srcs[64];
    isms_relation rel[64];
    size_t n = 0;
    for (size_t i = 0; i < n_edges && n < 64; i++) {
        if (!edges[i].to)
            continue;
        isms_entry *s = isms__index_find(&x->src->index, isms_item_id(edges[i].to));
        if (!s)
            continue;
        srcs[n] = s;
        rel[n++] = edges[i].relation;
    }
    if (!n)
        return ISMS_OK;

    /* Status: all ranked alike → that status; mixed ranked → partial; only not applicable →
     * not applicable; otherwise not assessed. */
    int lo = 3, hi = -1;
    size_t n_na = 0, n_ranked = 0;
    bool intersect_yes = false;
    unsigned need = ISMS_NEED_UNSET, reasons = 0;
    bool applicable = false, excluded = false;
    for (size_t i = 0; i < n; i++) {
        isms_status s = isms__entry_effective(srcs[i]);
        int r = rank(s);
        if (r >= 0) {
            n_ranked++;
            lo = r < lo ? r : lo;
            hi = r > hi ? r : hi;
            if (r == 2 && rel[i] == ISMS_RELATION_INTERSECT)
                intersect_yes = true;
        } else if (s == ISMS_STATUS_NOT_APPLICABLE) {
            n_na++;
        }
        need = srcs[i]->need > need ? srcs[i]->need : need;
        reasons |= srcs[i]->reasons;
        applicable |= srcs[i]->applicability == ISMS_APPLICABILITY_APPLICABLE;
        excluded |= srcs[i]->applicability == ISMS_APPLICABILITY_EXCLUDED;
    }
    isms_status status;
    if (n_ranked)
        status = lo == hi ? (lo == 2   ? ISMS_STATUS_YES
                             : lo == 1 ? ISMS_STATUS_PARTIAL
                                       : ISMS_STATUS_NO)
                          : ISMS_STATUS_PARTIAL;
    else
        status = n_na == n ? ISMS_STATUS_NOT_APPLICABLE : ISMS_STATUS_NOT_ASSESSED;
    bool mixed = false;
    for (size_t i = 1; i < n; i++)
        mixed |= isms__entry_effective(srcs[i]) != isms__entry_effective(srcs[0]);

    /* Texts, evidence, extra cells: the distinct values, in source order. */
    isms__buf b;
    isms__buf_init(&b);
    static const struct {
        isms_entry_field field;
        const char *sep;
    } fields[] = {
        { ISMS_FIELD_TEXT, "\n" },    { ISMS_FIELD_COMMENT, "\n" },
        { ISMS_FIELD_PLAN, "\n" },    { ISMS_FIELD_OWNER, ", " },
        { ISMS_FIELD_DUE, "; " },     { ISMS_FIELD_JUSTIFICATION, "\n" },
    };
    for (size_t f = 0; f < sizeof fields / sizeof *fields; f++) {
        for (size_t i = 0; i < n; i++)
            join_distinct(&b, srcs[i]->text[fields[f].field], fields[f].sep);
        if (!set_from(e, fields[f].field, &b))
            goto nomem;
    }
    /* The origin names the source by its catalog's version: "2013", "2022", "2022/Amd
     * 1:2024" (conversion only runs between built-in catalogs). */
    isms__buf_printf(&b, "%s: ", isms_catalog_version(x->src->catalog));
    for (size_t i = 0; i < n; i++)
        isms__buf_printf(&b, "%s%s", i ? ", " : "", srcs[i]->ref);
    if (!set_from(e, ISMS_FIELD_ORIGIN, &b))
        goto nomem;
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < srcs[i]->n_evidence; k++) {
            bool seen = false;
            for (size_t j = 0; j < e->n_evidence && !seen; j++)
                seen = strcmp(e->evidence[j], srcs[i]->evidence[k]) == 0;
            if (!seen && isms_entry_add_evidence(e, srcs[i]->evidence[k]))
                goto nomem;
        }
    for (size_t c = 0; c < x->src->n_extra; c++) {
        for (size_t i = 0; i < n; i++)
            join_distinct(&b, isms_entry_extra(srcs[i], c), "\n");
        if (b.failed || (b.len && isms_entry_set_extra(e, c, b.data)))
            goto nomem;
        isms__buf_free(&b);
        isms__buf_init(&b);
    }

    if (intersect_yes && status == ISMS_STATUS_YES)
        status = ISMS_STATUS_PARTIAL;
    e->status = (unsigned char)status;
    e->need = (unsigned char)need;
    e->reasons = (unsigned char)reasons;
    e->applicability = (unsigned char)(applicable ? ISMS_APPLICABILITY_APPLICABLE
                                       : excluded ? ISMS_APPLICABILITY_EXCLUDED
                                                  : ISMS_APPLICABILITY_UNDECIDED);
    if (x->report && mixed) {
        isms_lang lang = x->sv ? ISMS_LANG_SV : ISMS_LANG_EN;
        for (size_t i = 0; i < n; i++)
            isms__buf_printf(&b, "%s%s (%s)", i ? ", " : "", srcs[i]->ref,
                             isms_status_label(isms__entry_effective(srcs[i]), lang));
        if (b.failed)
            goto nomem;
        int rc = x->sv ? isms__findings_addf(x->report, ISMS_SEVERITY_WARNING,
                                             "convert-combined", e->ref,
                                             "%s slås ihop av %s med olika nuläge: %s", e->ref,
                                             e->text[ISMS_FIELD_ORIGIN], b.data)
                       : isms__findings_addf(x->report, ISMS_SEVERITY_WARNING,
                                             "convert-combined", e->ref,
                                             "%s combines %s with different statuses: %s",
                                             e->ref, e->text[ISMS_FIELD_ORIGIN], b.data);
        isms__buf_free(&b);
        if (rc)
            return rc;
    }
    if (x->report && intersect_yes && status == ISMS_STATUS_PARTIAL && !mixed) {
        int rc = x->sv ? isms__findings_addf(x->report, ISMS_SEVERITY_WARNING,
                                             "convert-partial-overlap", e->ref,
                                             "%s överlappar bara delvis med %s: Ja blev Delvis",
                                             e->ref, e->text[ISMS_FIELD_ORIGIN])
                       : isms__findings_addf(x->report, ISMS_SEVERITY_WARNING,
                                             "convert-partial-overlap", e->ref,
                                             "%s only partly overlaps %s: Yes became Partial",
                                             e->ref, e->text[ISMS_FIELD_ORIGIN]);
        if (rc)
            return rc;
    }
    isms__buf_free(&b);
    return ISMS_OK;
nomem:
    isms__buf_free(&b);
    return isms__error_nomem();
}

static int convert_into(conv_ctx *x, isms_edition to)
{
    const isms_catalog *cat = x->dst->catalog;
    size_t n = isms_catalog_requirement_count(cat, x->dst->scope);
    int rc = ISMS_OK;
    for (size_t i = 0; i < n && !rc; i++) {
        const isms_item *t = isms_catalog_requirement(cat, x->dst->scope, i);
        isms_mapping edges[16];
        size_t n_edges = isms_item_map(edges, 16, t, x->src->edition);
        if (n_edges > 16)
            n_edges = 16;
        bool is_new = n_edges == 1 && !edges[0].to;
        bool any = false;
        for (size_t k = 0; k < n_edges && !any; k++)
            any = edges[k].to && isms__index_find(&x->src->index, isms_item_id(edges[k].to));
        if (!is_new && !any)
            continue; /* the source did not assess it either: leave it missing */
        isms_entry *e;
        if ((rc = isms_assessment_add(&e, x->dst, isms_item_id(t))))
            return rc;
        if (is_new) {
            if (x->report)
                rc = x->sv ? isms__findings_addf(x->report, ISMS_SEVERITY_INFO, "convert-new",
                                                 e->ref,
                                                 "%s (%s) är nytt i %s och är inte bedömt",
                                                 e->ref, isms_item_title(t),
                                                 isms_edition_name(to))
                           : isms__findings_addf(x->report, ISMS_SEVERITY_INFO, "convert-new",
                                                 e->ref,
                                                 "%s (%s) is new in %s and not assessed",
                                                 e->ref, isms_item_title(t),
                                                 isms_edition_name(to));
            continue;
        }
        rc = combine(x, e, edges, n_edges);
    }
    /* What could not be carried: entries that reached no target. */
    for (size_t k = 0; k < x->src->count && !rc; k++) {
        const isms_entry *s = x->src->items[k];
        if (!x->report || (!has_data(s) && s->item) || carried(s, to, x->dst->scope))
            continue;
        if (s->item && !isms_item_assessable(s->item) && !has_data(s))
            continue;
        rc = x->sv ? isms__findings_addf(x->report, ISMS_SEVERITY_WARNING,
                                         "convert-not-carried", s->ref,
                                         "%s kunde inte föras över till %s: %s", s->ref,
                                         isms_edition_name(to),
                                         !s->item ? "okänd referens"
                                         : !isms_item_assessable(s->item)
                                             ? "en rubrik, inte ett krav"
                                             : "ingen motsvarighet i omfattningen")
                   : isms__findings_addf(x->report, ISMS_SEVERITY_WARNING,
                                         "convert-not-carried", s->ref,
                                         "%s could not be carried to %s: %s", s->ref,
                                         isms_edition_name(to),
                                         !s->item ? "unknown reference"
                                         : !isms_item_assessable(s->item)
                                             ? "a heading, not a requirement"
                                             : "no counterpart in scope");
    }
    return rc;
}

int isms_assessment_convert(isms_assessment **out, const isms_assessment *a, isms_edition to,
                            isms_findings *report)
{
    if (!out || !a)
        return isms__error(ISMS_EINVAL, "isms_assessment_convert: NULL argument");
    /* An imported catalog has no mapping: it converts only to itself (a copy). */
    if (to == ISMS_EDITION_IMPORTED && a->edition == ISMS_EDITION_IMPORTED)
        return isms_assessment_copy(out, a);
    if (to == ISMS_EDITION_IMPORTED)
        return isms__error(ISMS_EINVAL,
                           "an assessment against %s cannot be converted to an imported "
                           "catalog: there is no mapping between them",
                           isms_catalog_title(a->catalog));
    if (a->edition == ISMS_EDITION_IMPORTED && isms_catalog_get(to))
        return isms__error(ISMS_EINVAL,
                           "an assessment against the imported catalog \"%.200s\" cannot be "
                           "converted to %s: an imported catalog has no mapping to the "
                           "ISO/IEC 27001 editions",
                           isms_catalog_title(a->catalog), isms_edition_name(to));
    if (!isms_catalog_get(to))
        return isms__error(ISMS_EINVAL, "isms_assessment_convert: unknown edition %d", (int)to);
    if (to == a->edition)
        return isms_assessment_copy(out, a);
    isms_assessment *dst;
    int rc = isms_assessment_new(&dst, to, a->year, a->scope);
    if (rc)
        return rc;
    dst->date = a->date;
    const size_t before = isms_findings_count(report);
    conv_ctx x = { a, dst, report, report && isms_findings_lang(report) == ISMS_LANG_SV };
    for (size_t i = 0; i < a->n_extra && !rc; i++)
        rc = isms_assessment_add_extra(NULL, dst, a->extra_names[i]);
    if (!rc)
        rc = convert_into(&x, to);
    if (rc) {
        isms_assessment_free(dst);
        isms__findings_truncate(report, before);
        return rc;
    }
    *out = dst;
    return ISMS_OK;
}

/* ---- comparison ---------------------------------------------------------------------- */

static const char *const change_labels[5][2] = {
    { "oförändrad", "unchanged" }, { "förbättrad", "improved" }, { "försämrad", "regressed" },
    { "ny", "new" },               { "borttagen", "removed" },
};

static const char *const change_names[5] = { "unchanged", "improved", "regressed", "new",
                                             "removed" };

const char *isms_change_label(isms_change change, isms_lang lang)
{
    if ((unsigned)change > ISMS_CHANGE_REMOVED)
        return "";
    return change_labels[change][lang == ISMS_LANG_SV ? 0 : 1];
}

const char *isms_change_name(isms_change change)
{
    return (unsigned)change <= ISMS_CHANGE_REMOVED ? change_names[change] : "";
}

typedef struct row {
    char *ref; /* owned */
    char *origin; /* owned */
    isms_status before, after;
    isms_change change;
} row;

struct isms_comparison {
    row *rows;
    size_t count, cap;
};

void isms_comparison_free(isms_comparison *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->count; i++) {
        isms__free(c->rows[i].ref);
        isms__free(c->rows[i].origin);
    }
    isms__free(c->rows);
    isms__free(c);
}

size_t isms_comparison_count(const isms_comparison *c)
{
    return c ? c->count : 0;
}

int isms_comparison_get(isms_delta *out, const isms_comparison *c, size_t index)
{
    if (!out || !c)
        return isms__error(ISMS_EINVAL, "isms_comparison_get: NULL argument");
    if (index >= c->count)
        return isms__error(ISMS_ERANGE, "row %zu is out of range (the comparison has %zu)",
                           index, c->count);
    const row *r = &c->rows[index];
    *out = (isms_delta){ r->ref, r->origin, r->before, r->after, r->change };
    return ISMS_OK;
}

size_t isms_comparison_count_change(const isms_comparison *c, isms_change change)
{
    size_t n = 0;
    for (size_t i = 0; c && i < c->count; i++)
        n += c->rows[i].change == change;
    return n;
}

static isms_change classify(isms_status before, isms_status after)
{
    int rb = rank(before), ra = rank(after);
    if (rb >= 0 && ra >= 0)
        return ra > rb ? ISMS_CHANGE_IMPROVED
               : ra < rb ? ISMS_CHANGE_REGRESSED
                         : ISMS_CHANGE_UNCHANGED;
    if (rb < 0 && ra >= 0)
        return ISMS_CHANGE_NEW;
    if (rb >= 0 && ra < 0)
        return ISMS_CHANGE_REMOVED;
    return ISMS_CHANGE_UNCHANGED;
}

static int add_row(isms_comparison *c, const char *ref, const char *origin, isms_status before,
                   isms_status after)
{
    if (!isms__grow((void **)&c->rows, &c->cap, c->count + 1, sizeof *c->rows))
        return isms__error_nomem();
    row *r = &c->rows[c->count];
    r->ref = isms__strdup(ref);
    r->origin = isms__strdup(origin);
    if (!r->ref || !r->origin) {
        isms__free(r->ref);
        isms__free(r->origin);
        return isms__error_nomem();
    }
    r->before = before;
    r->after = after;
    r->change = classify(before, after);
    c->count++;
    return ISMS_OK;
}

static int cmp_ref(const void *pa, const void *pb)
{
    const isms_entry *a = *(const isms_entry *const *)pa, *b = *(const isms_entry *const *)pb;
    return isms__natcmp(a->ref, b->ref);
}

/* Rows for the references outside the catalog, in natural order. */
static int unknown_rows(isms_comparison *c, const isms_assessment *before,
                        const isms_assessment *after)
{
    size_t n = 0;
    isms_entry **list = isms__calloc(before->count + after->count + 1, sizeof *list);
    if (!list)
        return isms__error_nomem();
    for (size_t i = 0; i < after->count; i++)
        if (!after->items[i]->item)
            list[n++] = after->items[i];
    for (size_t i = 0; i < before->count; i++)
        if (!before->items[i]->item && !isms__index_find(&after->index, before->items[i]->ref))
            list[n++] = before->items[i];
    qsort(list, n, sizeof *list, cmp_ref);
    int rc = ISMS_OK;
    for (size_t i = 0; i < n && !rc; i++) {
        const isms_entry *b = isms__index_find(&before->index, list[i]->ref);
        const isms_entry *a = isms__index_find(&after->index, list[i]->ref);
        rc = add_row(c, list[i]->ref, "",
                     b ? isms__entry_effective(b) : ISMS_STATUS_NOT_ASSESSED,
                     a ? isms__entry_effective(a) : ISMS_STATUS_NOT_ASSESSED);
    }
    isms__free(list);
    return rc;
}

int isms_assessment_compare(isms_comparison **out, const isms_assessment *before,
                            const isms_assessment *after)
{
    if (!out || !before || !after)
        return isms__error(ISMS_EINVAL, "isms_assessment_compare: NULL argument");
    isms_assessment *conv = NULL;
    const isms_assessment *old = before;
    int rc;
    /* Imported catalogs have no mapping: only assessments against the same catalog (the same
     * UUID, perhaps imported twice) compare, and then without conversion. */
    bool imp_b = isms__catalog_imported(before->catalog);
    bool imp_a = isms__catalog_imported(after->catalog);
    if ((imp_b || imp_a)
        && !(imp_b && imp_a
             && strcmp(isms_catalog_uuid(before->catalog), isms_catalog_uuid(after->catalog))
                    == 0))
        return isms__error(ISMS_EINVAL,
                           "cannot compare an assessment against \"%.200s\" with one against "
                           "\"%.200s\": the catalogs differ and there is no mapping between "
                           "them",
                           isms_catalog_title(before->catalog), isms_catalog_title(after->catalog));
    if (before->edition != after->edition) {
        if ((rc = isms_assessment_convert(&conv, before, after->edition, NULL)))
            return rc;
        old = conv;
    }
    isms_comparison *c = isms__calloc(1, sizeof *c);
    if (!c) {
        isms_assessment_free(conv);
        return isms__error_nomem();
    }
    isms_scope scope = (isms_scope)(before->scope | after->scope);
    size_t n = isms_catalog_requirement_count(after->catalog, scope);
    rc = ISMS_OK;
    for (size_t i = 0; i < n && !rc; i++) {
        const isms_item *it = isms_catalog_requirement(after->catalog, scope, i);
        const isms_entry *b = isms__index_find(&old->index, isms_item_id(it));
        const isms_entry *a = isms__index_find(&after->index, isms_item_id(it));
        rc = add_row(c, isms_item_id(it), conv && b ? b->text[ISMS_FIELD_ORIGIN] : "",
                     b ? isms__entry_effective(b) : ISMS_STATUS_NOT_ASSESSED,
                     a ? isms__entry_effective(a) : ISMS_STATUS_NOT_ASSESSED);
    }
    if (!rc)
        rc = unknown_rows(c, before, after);
    isms_assessment_free(conv);
    if (rc) {
        isms_comparison_free(c);
        return rc;
    }
    *out = c;
    return ISMS_OK;
}
