/*
 * OSCAL assessment results (assessment-results, OSCAL 1.1.3) out of a document: one `result`
 * per assessment, oldest year first.
 *
 * A result holds:
 *  - `reviewed-controls`: the requirements in the assessment's scope, by their OSCAL control
 *    ids (isms_item_oscal_id()), in selections with the property `part` (clauses, annex-a,
 *    or controls of an imported catalog): the clauses; the controls by their applicability in
 *    the Statement of Applicability (property `applicability`: applicable, excluded,
 *    undecided; a control without an entry is undecided), where the excluded ones are listed
 *    as `exclude-controls`. The requirements that were not assessed (no entry, or no status)
 *    are in selections of their own with the property `assessed` = "false": reviewed, with no
 *    finding because there is nothing to find yet, not because nothing was found;
 *  - one `observation` per entry that holds a status, a comment or evidence: the comment (or
 *    the status) as its description, its evidence references as `relevant-evidence` (with an
 *    `href` when the reference is a URL of a known scheme), the method EXAMINE when there is
 *    evidence to examine and UNKNOWN otherwise (libisms does not record how a requirement
 *    was assessed); an entry that is not a requirement in scope (its reference is not in the
 *    catalog, is a heading such as 6.1, or lies outside the scope) keeps its observation, with
 *    the property `reviewed` = "false" and a remark that says why, but has no finding. An
 *    entry without a finding that holds Statement of Applicability data (a justification,
 *    reasons, or an applicability that the reviewed controls do not show) gets an observation
 *    too, which carries that data as a finding would: the applicability and reasons as
 *    properties, the justification as remarks (its description, without status, comment or
 *    evidence: the applicability);
 *  - one `finding` per requirement in scope that is assessed (yes, partial, no, not
 *    applicable; an excluded control counts as not applicable: isms__oscal_status()): its
 *    target is the control (type `objective-id`: the objective is the requirement as a whole,
 *    as the catalog has no objective parts), `satisfied` (reason `pass`) for yes,
 *    `not-satisfied` (reason `fail`) for partial and no; not applicable is `satisfied`
 *    (reason `other`) for a control (Annex A, or an imported catalog's), but `not-satisfied`
 *    (reason `other`, with a remark) for a clause 4–10 of ISO/IEC 27001, which cannot be
 *    excluded (isms__oscal_may_exclude()); the implementation status `implemented`,
 *    `partial`, `planned` (no, with an action plan; no without a plan has none) or
 *    `not-applicable` (controls only); the status, need, owner, due date, applicability and
 *    reasons as properties; the action plan and the justification as remarks.
 *
 * Every name of libisms's own properties is in the namespace ISMS__OSCAL_NS. UUIDs are derived
 * from the document (isms__oscal_uuid()) with the kinds and parts "ar", "ar/result" (year),
 * "ar/observation" (year, reference), "ar/finding" (year, reference). Texts are in the
 * document's language; the catalog's titles are English. User text in titles, descriptions
 * and remarks is Markdown-escaped (isms__oscal_md()).
 */
#include <stdio.h>
#include <string.h>

#define ISMS__OSCAL_WRITER
#include "doc-internal.h"
#include "oscal-internal.h"

/* The export's state. */
typedef struct ar_ctx {
    isms__json *w;
    const isms__oscal_doc *d;
    const isms_document *doc;
    bool sv;            /* texts in Swedish */
    isms_weights weights;
    isms__buf scratch;  /* titles, texts and links being put together */
} ar_ctx;

#define TR(x, sv_text, en_text) ((x)->sv ? (sv_text) : (en_text))

/* ---- text ---------------------------------------------------------------------------- */

/* The scratch buffer, emptied. */
static isms__buf *scratch(ar_ctx *x)
{
    return isms__oscal_buf_reset(&x->scratch);
}

/* Writes the scratch buffer as a string value (it must have been filled). */
static void put_scratch(ar_ctx *x)
{
    isms__oscal_put_buf(x->w, &x->scratch);
}

/* Writes the scratch buffer (a title: markup-line, composed with isms__oscal_md()), or
 * `fallback` when it is empty. */
static void put_scratch_line(ar_ctx *x, const char *fallback)
{
    if (x->scratch.len == 0 && !x->scratch.failed)
        isms__json_string(x->w, fallback);
    else
        put_scratch(x);
}

/* Writes the scratch buffer as `remarks` when something was put in it. */
static void put_remarks(ar_ctx *x)
{
    if (x->scratch.len || x->scratch.failed) {
        KEY(x->w, "remarks");
        put_scratch(x);
    }
}

/* Appends a labelled paragraph ("Handlingsplan: ...") when `text` is not blank. */
static void append_paragraph(isms__buf *b, const char *label, const char *text)
{
    if (isms__oscal_blank(text))
        return;
    if (b->len)
        isms__buf_puts(b, "\n\n");
    isms__buf_puts(b, label);
    isms__oscal_md(b, text, true);
}

/* "A.5.1 Policies for information security": the reference and the catalog's title, on one
 * line, into the scratch buffer. */
static void entry_title(ar_ctx *x, const char *ref, const isms_item *item)
{
    isms__buf *b = scratch(x);
    isms__oscal_md(b, ref, false);
    if (item && !isms__oscal_blank(isms_item_title(item))) {
        if (b->len)
            isms__buf_append(b, " ", 1);
        isms__oscal_md_item_title(b, item);
    }
}

/* A number for a property: "%g" with '.' as the decimal point. */
static void number_text(char *buf, size_t size, double v)
{
    isms__format_general(buf, size, v, 6, ".");
}

/* The properties of the Statement of Applicability: the applicability (none when undecided)
 * and each reason for inclusion. */
static void prop_add_soa(isms__oscal_props *ps, const isms_entry *e)
{
    isms__oscal_props_add(ps, "applicability",
                          isms__doc_applicability[isms_entry_applicability(e)], NS);
    unsigned reasons = isms_entry_reasons(e);
    for (size_t k = 0; k < ISMS__DOC_N(isms__doc_reason); k++)
        if (reasons & (1u << k))
            isms__oscal_props_add(ps, "reason", isms__doc_reason[k], NS);
}

/* ---- entries ------------------------------------------------------------------------- */

/* Whether an entry is among the reviewed controls, and why not: it is when it is a
 * requirement (an assessable clause or control of the catalog) within the assessment's
 * scope. */
typedef enum not_reviewed {
    REVIEWED = 0,
    NOT_IN_CATALOG,
    NOT_ASSESSABLE,
    OUT_OF_SCOPE
} not_reviewed;

static not_reviewed entry_reviewed(const isms_entry *e, isms_scope scope)
{
    const isms_item *item = isms_entry_item(e);
    if (!item)
        return NOT_IN_CATALOG;
    if (!isms_item_assessable(item))
        return NOT_ASSESSABLE;
    bool control = isms_item_kind_of(item) == ISMS_ITEM_CONTROL;
    unsigned need = control ? ISMS_SCOPE_ANNEX_A : ISMS_SCOPE_CLAUSES;
    return ((unsigned)scope & need) ? REVIEWED : OUT_OF_SCOPE;
}

/* True when the entry gets a finding: a requirement in scope that is assessed. */
static bool has_finding(const isms_entry *e, isms_scope scope)
{
    return entry_reviewed(e, scope) == REVIEWED &&
           isms__oscal_status(e) != ISMS_STATUS_NOT_ASSESSED;
}

/* True when the entry's applicability is one the reviewed controls show (the selections of
 * the Statement of Applicability): it is a control among them, or it is undecided. */
static bool applicability_shown(const isms_entry *e, isms_scope scope)
{
    return isms_entry_applicability(e) == ISMS_APPLICABILITY_UNDECIDED ||
           (entry_reviewed(e, scope) == REVIEWED &&
            isms_item_kind_of(isms_entry_item(e)) == ISMS_ITEM_CONTROL);
}

/* True when the entry holds Statement of Applicability data that only its finding or its
 * observation can carry: a justification, reasons, or an applicability the reviewed controls
 * do not show. */
static bool has_soa(const isms_entry *e, isms_scope scope)
{
    return !isms__oscal_blank(isms_entry_get(e, ISMS_FIELD_JUSTIFICATION)) ||
           isms_entry_reasons(e) != 0 || !applicability_shown(e, scope);
}

/* True when the entry gets an observation: it holds a status, a comment or evidence, or
 * Statement of Applicability data and gets no finding that would carry it. */
static bool has_observation(const isms_entry *e, isms_scope scope)
{
    return isms_entry_status(e) != ISMS_STATUS_NOT_ASSESSED ||
           !isms__oscal_blank(isms_entry_get(e, ISMS_FIELD_COMMENT)) ||
           isms_entry_evidence_count(e) > 0 || (has_soa(e, scope) && !has_finding(e, scope));
}

/* ---- evidence links ------------------------------------------------------------------ */

static bool is_alpha(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

static bool is_hex(unsigned char c)
{
    return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* RFC 3986 unreserved characters and sub-delims. */
static bool is_unreserved(unsigned char c)
{
    return is_alpha(c) || is_digit(c) || c == '-' || c == '.' || c == '_' || c == '~';
}

static bool is_sub_delim(unsigned char c)
{
    return c && strchr("!$&'()*+,;=", c) != NULL;
}

/* Length of a percent-encoded octet at s ("%2F": 3), or 0. */
static size_t pct_len(const char *s)
{
    return s[0] == '%' && is_hex((unsigned char)s[1]) && is_hex((unsigned char)s[2]) ? 3 : 0;
}

/* Skips characters of a URI component: unreserved, percent-encoded, sub-delims and the
 * characters of `extra`. */
static const char *skip_chars(const char *s, const char *extra)
{
    for (;;) {
        unsigned char c = (unsigned char)*s;
        size_t p = pct_len(s);
        if (p)
            s += p;
        else if (c && (is_unreserved(c) || is_sub_delim(c) || strchr(extra, c)))
            s++;
        else
            return s;
    }
}

/* True when `s` is an absolute URI by RFC 3986 (scheme ":" hier-part ["?" query]
 * ["#" fragment]), so that it is a valid `uri-reference` too. */
static bool uri_valid(const char *s)
{
    if (!is_alpha((unsigned char)*s))
        return false;
    while (is_alpha((unsigned char)*s) || is_digit((unsigned char)*s) || *s == '+' ||
           *s == '-' || *s == '.')
        s++;
    if (*s++ != ':')
        return false;
    if (s[0] == '/' && s[1] == '/') {
        /* authority = [ userinfo "@" ] host [ ":" port ], host a reg-name or IPv4 */
        s += 2;
        const char *a = s, *end = skip_chars(s, ":@");
        const char *at = NULL;
        for (const char *p = a; p < end; p++)
            if (*p == '@')
                at = p;
        const char *host = at ? at + 1 : a;
        if (at) /* the userinfo has no '@' */
            for (const char *p = a; p < at; p++)
                if (*p == '@')
                    return false;
        const char *colon = NULL;
        for (const char *p = host; p < end; p++)
            if (*p == ':') {
                if (colon)
                    return false;
                colon = p;
            }
        if (colon)
            for (const char *p = colon + 1; p < end; p++)
                if (!is_digit((unsigned char)*p))
                    return false;
        s = end;
        if (*s && *s != '/' && *s != '?' && *s != '#')
            return false;
    }
    s = skip_chars(s, ":@/");
    if (*s == '?')
        s = skip_chars(s + 1, ":@/?");
    if (*s == '#')
        s = skip_chars(s + 1, ":@/?");
    return *s == '\0';
}

/* True when `s` starts with `prefix` (lowercase ASCII), ASCII case ignored. */
static bool ascii_prefix(const char *s, const char *prefix)
{
    for (; *prefix; s++, prefix++) {
        unsigned char c = (unsigned char)*s;
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c - 'A' + 'a');
        if (c != (unsigned char)*prefix)
            return false;
    }
    return true;
}

/* The `href` of an evidence reference, into the scratch buffer: the reference when it is a
 * URL of a scheme people use for documents (http, https, ftp, sftp, file, mailto, urn), with
 * the bytes of characters beyond ASCII percent-encoded (an IRI made a URI) and surrounding
 * white space trimmed. False (no link) for anything else: a document name, a case number, a
 * path of a file share, text with spaces in it. */
static bool evidence_href(ar_ctx *x, const char *ref)
{
    static const char *const schemes[] = { "http:", "https:", "ftp:", "sftp:", "file:",
                                            "mailto:", "urn:" };
    size_t start, len;
    isms__oscal_trim(ref, &start, &len);
    const char *s = ref + start;
    bool known = false;
    for (size_t i = 0; i < sizeof schemes / sizeof *schemes; i++) {
        if (len > strlen(schemes[i]) && ascii_prefix(s, schemes[i]))
            known = true;
    }
    if (!known)
        return false;
    isms__buf *b = scratch(x);
    static const char hex[] = "0123456789ABCDEF";
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80) {
            char enc[3] = { '%', hex[c >> 4], hex[c & 15] };
            isms__buf_append(b, enc, 3);
        } else {
            isms__buf_append(b, (const char *)&c, 1);
        }
    }
    if (b->failed) {
        isms__oscal_nomem(x->w);
        return false;
    }
    return b->data && uri_valid(b->data);
}


/* ---- observations -------------------------------------------------------------------- */

/* The text of a year for UUID names. */
typedef struct year_text {
    char s[16];
} year_text;

static year_text year_of(const isms_assessment *a)
{
    year_text y;
    snprintf(y.s, sizeof y.s, "%d", isms_assessment_year(a));
    return y;
}

/* Why an entry that is not a requirement in scope has no finding, into the scratch buffer. */
static void not_reviewed_remark(ar_ctx *x, const isms_assessment *a, const isms_entry *e,
                                not_reviewed why)
{
    isms__buf *b = scratch(x);
    isms__oscal_md(b, isms_entry_ref(e), false);
    const isms_catalog *cat = isms_assessment_catalog(a);
    switch (why) {
    case NOT_IN_CATALOG:
        isms__buf_puts(b, TR(x, " finns inte i ", " is not in "));
        isms__oscal_md_catalog_title(b, cat);
        break;
    case NOT_ASSESSABLE:
        isms__buf_puts(b, TR(x, " är en rubrik i ", " is a heading of "));
        isms__oscal_md_catalog_title(b, cat);
        isms__buf_puts(b, TR(x, ", inte ett krav som bedöms",
                             ", not a requirement that is assessed"));
        break;
    case OUT_OF_SCOPE:
    case REVIEWED:
        isms__buf_puts(b, TR(x, " ligger utanför bedömningens omfattning",
                             " lies outside the scope of the assessment"));
        break;
    }
    isms__buf_puts(b, TR(x, ": det är inte bland de granskade kraven och har inget fynd.",
                         ": it is not among the reviewed controls and has no finding."));
}

static void write_evidence(ar_ctx *x, const isms_entry *e)
{
    isms__json *w = x->w;
    size_t n = isms_entry_evidence_count(e);
    if (n == 0)
        return;
    KEY(w, "relevant-evidence");
    OPEN_ARRAY(w);
    for (size_t i = 0; i < n; i++) {
        const char *ref = isms_entry_evidence(e, i);
        isms__json_element(w);
        OPEN_OBJECT(w);
        if (evidence_href(x, ref)) {
            KEY(w, "href");
            put_scratch(x);
        }
        M_MARKUP(w, "description", isms__oscal_text(ref, TR(x, "Underlag", "Evidence")));
        CLOSE(w);
    }
    CLOSE(w);
}

static void write_observation(ar_ctx *x, const isms_assessment *a, const isms_entry *e,
                              isms__stamp collected)
{
    isms__json *w = x->w;
    const char *ref = isms_entry_ref(e);
    isms_status status = isms_entry_status(e);
    isms_scope scope = isms_assessment_scope(a);
    not_reviewed why = entry_reviewed(e, scope);
    /* The Statement of Applicability's data, when no finding carries it. */
    bool soa = has_soa(e, scope) && !has_finding(e, scope);
    isms_applicability app = isms_entry_applicability(e);
    isms__json_element(w);
    OPEN_OBJECT(w);
    M_UUID(w, "uuid", ISMS__OSCAL_UUID(x->d, "ar/observation", year_of(a).s, ref));
    KEY(w, "title");
    entry_title(x, ref, isms_entry_item(e));
    put_scratch_line(x, "–");

    const char *comment = isms_entry_get(e, ISMS_FIELD_COMMENT);
    if (!isms__oscal_blank(comment)) {
        M_MARKUP(w, "description", comment);
    } else {
        KEY(w, "description");
        isms__buf *b = scratch(x);
        if (status != ISMS_STATUS_NOT_ASSESSED) {
            isms__buf_printf(b, TR(x, "Nuläge: %s.", "Status: %s."),
                             isms_status_label(status, x->sv ? ISMS_LANG_SV : ISMS_LANG_EN));
        } else if (isms_entry_evidence_count(e) > 0 || !soa) {
            isms__buf_puts(b, TR(x, "Underlag för ", "Evidence for "));
            isms__oscal_md(b, ref, false);
            isms__buf_puts(b, ".");
        } else if (app != ISMS_APPLICABILITY_UNDECIDED) {
            isms__buf_printf(b, TR(x, "Uttalandet om tillämplighet: %s.",
                                   "Statement of Applicability: %s."),
                             isms_applicability_label(app, x->sv ? ISMS_LANG_SV
                                                                 : ISMS_LANG_EN));
        } else {
            isms__buf_puts(b, TR(x, "Uttalandet om tillämplighet för ",
                                 "Statement of Applicability for "));
            isms__oscal_md(b, ref, false);
            isms__buf_puts(b, ".");
        }
        put_scratch(x);
    }

    isms__oscal_props ps = { w, false };
    isms__oscal_props_add(&ps, "label", ref, NS);
    if (status != ISMS_STATUS_NOT_ASSESSED)
        isms__oscal_props_add(&ps, "status", isms__doc_status[status], NS);
    if (why != REVIEWED)
        isms__oscal_props_add(&ps, "reviewed", "false", NS);
    if (soa)
        prop_add_soa(&ps, e);
    isms__oscal_props_end(&ps);

    KEY(w, "methods");
    OPEN_FLAT_ARRAY(w);
    isms__json_element(w);
    isms__json_string(w, isms_entry_evidence_count(e) ? "EXAMINE" : "UNKNOWN");
    CLOSE(w);
    if (why == REVIEWED) {
        KEY(w, "types");
        OPEN_FLAT_ARRAY(w);
        isms__json_element(w);
        isms__json_string(w, "control-objective");
        CLOSE(w);
    }
    write_evidence(x, e);
    M_STRING(w, "collected", collected.s);
    isms__buf *b = scratch(x);
    if (why != REVIEWED)
        not_reviewed_remark(x, a, e, why);
    if (soa)
        append_paragraph(b, TR(x, "Motivering: ", "Justification: "),
                         isms_entry_get(e, ISMS_FIELD_JUSTIFICATION));
    put_remarks(x);
    CLOSE(w);
}

/* ---- findings ------------------------------------------------------------------------ */

/* OSCAL's implementation status of an assessed requirement, or NULL for none. */
static const char *implementation_state(const isms_entry *e, isms_status eff)
{
    switch (eff) {
    case ISMS_STATUS_YES: return "implemented";
    case ISMS_STATUS_PARTIAL: return "partial";
    case ISMS_STATUS_NO:
        return isms__oscal_blank(isms_entry_get(e, ISMS_FIELD_PLAN)) ? NULL : "planned";
    case ISMS_STATUS_NOT_APPLICABLE:
        return isms__oscal_may_exclude(e) ? "not-applicable" : NULL;
    case ISMS_STATUS_NOT_ASSESSED: break;
    }
    return NULL;
}

static void write_finding(ar_ctx *x, const isms_assessment *a, const isms_entry *e)
{
    isms__json *w = x->w;
    isms_lang lang = x->sv ? ISMS_LANG_SV : ISMS_LANG_EN;
    const char *ref = isms_entry_ref(e);
    const isms_item *item = isms_entry_item(e);
    year_text year = year_of(a);
    isms_status status = isms_entry_status(e);
    isms_status eff = isms__oscal_status(e);
    bool met = isms__oscal_met(e);
    /* not applicable where that cannot hold: a clause 4–10 */
    bool cannot_exclude = eff == ISMS_STATUS_NOT_APPLICABLE && !met;
    isms_applicability app = isms_entry_applicability(e);

    isms__json_element(w);
    OPEN_OBJECT(w);
    M_UUID(w, "uuid", ISMS__OSCAL_UUID(x->d, "ar/finding", year.s, ref));
    KEY(w, "title");
    entry_title(x, ref, item);
    put_scratch_line(x, "–");

    KEY(w, "description");
    isms__buf *b = scratch(x);
    isms__buf_printf(b, TR(x, "Nuläge: %s", "Status: %s"), isms_status_label(eff, lang));
    if (app == ISMS_APPLICABILITY_EXCLUDED)
        isms__buf_puts(b, TR(x, " (exkluderad i uttalandet om tillämplighet)",
                             " (excluded in the Statement of Applicability)"));
    isms__buf_puts(b, ".");
    append_paragraph(b, "", isms_entry_get(e, ISMS_FIELD_COMMENT));
    put_scratch(x);

    isms__oscal_props ps = { w, false };
    isms__oscal_props_add(&ps, "label", ref, NS);
    if (status != ISMS_STATUS_NOT_ASSESSED)
        isms__oscal_props_add(&ps, "status", isms__doc_status[status], NS);
    isms__oscal_props_add(&ps, "need", isms__doc_need[isms_entry_need(e)], NS);
    isms__oscal_props_add(&ps, "owner", isms_entry_get(e, ISMS_FIELD_OWNER), NS);
    isms__oscal_props_add(&ps, "due", isms_entry_get(e, ISMS_FIELD_DUE), NS);
    char due_date[16] = "";
    isms_period due = isms_entry_due(e);
    if (due.kind >= ISMS_PERIOD_DAY && isms_date_valid(due.end))
        isms_date_format(due_date, sizeof due_date, due.end);
    isms__oscal_props_add(&ps, "due-date", due_date, NS);
    prop_add_soa(&ps, e);
    isms__oscal_props_add(&ps, "origin", isms_entry_get(e, ISMS_FIELD_ORIGIN), NS);
    isms__oscal_props_end(&ps);

    KEY(w, "target");
    OPEN_OBJECT(w);
    M_STRING(w, "type", "objective-id");
    M_STRING(w, "target-id", isms_item_oscal_id(item));
    KEY(w, "status");
    OPEN_FLAT(w);
    M_STRING(w, "state", met ? "satisfied" : "not-satisfied");
    M_STRING(w, "reason", eff == ISMS_STATUS_YES              ? "pass"
                          : eff == ISMS_STATUS_NOT_APPLICABLE ? "other"
                                                              : "fail");
    CLOSE(w);
    const char *state = implementation_state(e, eff);
    if (state) {
        KEY(w, "implementation-status");
        OPEN_FLAT(w);
        M_STRING(w, "state", state);
        CLOSE(w);
    }
    CLOSE(w);

    if (has_observation(e, isms_assessment_scope(a))) {
        KEY(w, "related-observations");
        OPEN_ARRAY(w);
        isms__json_element(w);
        OPEN_FLAT(w);
        M_UUID(w, "observation-uuid", ISMS__OSCAL_UUID(x->d, "ar/observation", year.s, ref));
        CLOSE(w);
        CLOSE(w);
    }

    b = scratch(x);
    if (cannot_exclude)
        isms__buf_puts(b, TR(x, "Ledningssystemets krav i ISO/IEC 27001 (kapitel 4–10) kan "
                                "inte exkluderas: kravet räknas som inte uppfyllt.",
                             "The clauses of ISO/IEC 27001 (4–10) cannot be excluded: the "
                             "requirement counts as not satisfied."));
    append_paragraph(b, TR(x, "Handlingsplan: ", "Action plan: "),
                     isms_entry_get(e, ISMS_FIELD_PLAN));
    append_paragraph(b, TR(x, "Motivering: ", "Justification: "),
                     isms_entry_get(e, ISMS_FIELD_JUSTIFICATION));
    put_remarks(x);
    CLOSE(w);
}

/* ---- reviewed controls --------------------------------------------------------------- */

/* One selection of the reviewed controls: the requirements of `scope` (ISMS_SCOPE_CLAUSES or
 * ISMS_SCOPE_ANNEX_A, the controls) whose applicability is `app` (controls only; -1 for the
 * clauses) and that are assessed or not. */
typedef struct selection {
    isms_scope scope;
    int app;
    bool assessed;
    const char *sv, *en; /* its description */
} selection;

static const selection selections[] = {
    { ISMS_SCOPE_CLAUSES, -1, true, "Ledningssystemets krav som har bedömts.",
      "The management system clauses that were assessed." },
    { ISMS_SCOPE_CLAUSES, -1, false,
      "Ledningssystemets krav som inte har bedömts: granskade, men utan fynd eftersom inget "
      "nuläge är angivet.",
      "The management system clauses that were not assessed: reviewed, but without findings "
      "as no status is given." },
    { ISMS_SCOPE_ANNEX_A, ISMS_APPLICABILITY_APPLICABLE, true,
      "Kontroller som uttalandet om tillämplighet tar med och som har bedömts.",
      "Controls the Statement of Applicability includes that were assessed." },
    { ISMS_SCOPE_ANNEX_A, ISMS_APPLICABILITY_APPLICABLE, false,
      "Kontroller som uttalandet om tillämplighet tar med men som inte har bedömts: "
      "granskade, men utan fynd eftersom inget nuläge är angivet.",
      "Controls the Statement of Applicability includes that were not assessed: reviewed, "
      "but without findings as no status is given." },
    { ISMS_SCOPE_ANNEX_A, ISMS_APPLICABILITY_EXCLUDED, true,
      "Kontroller som uttalandet om tillämplighet exkluderar: de är inte tillämpliga.",
      "Controls the Statement of Applicability excludes: they are not applicable." },
    { ISMS_SCOPE_ANNEX_A, ISMS_APPLICABILITY_UNDECIDED, true,
      "Kontroller utan beslut i uttalandet om tillämplighet som har bedömts.",
      "Controls without a decision in the Statement of Applicability that were assessed." },
    { ISMS_SCOPE_ANNEX_A, ISMS_APPLICABILITY_UNDECIDED, false,
      "Kontroller utan beslut i uttalandet om tillämplighet som inte har bedömts: granskade, "
      "men utan fynd eftersom inget nuläge är angivet.",
      "Controls without a decision in the Statement of Applicability that were not assessed: "
      "reviewed, but without findings as no status is given." },
};

/* True when the requirement `item` belongs to the selection `sel`: its applicability in the
 * Statement of Applicability (its entry's, undecided when it has none) and whether it is
 * assessed (its entry has a status that counts, isms__oscal_status()). */
static bool selected(const isms_assessment *a, const isms_item *item, const selection *sel)
{
    const isms_entry *e = isms_assessment_find(a, isms_item_id(item));
    isms_applicability app = e ? isms_entry_applicability(e) : ISMS_APPLICABILITY_UNDECIDED;
    bool assessed = e && isms__oscal_status(e) != ISMS_STATUS_NOT_ASSESSED;
    return (sel->app < 0 || (int)app == sel->app) && assessed == sel->assessed;
}

/* The selection `sel` of the requirements of the assessment; nothing when it has none. The
 * excluded controls are its `exclude-controls`, the others its `include-controls`. */
static void write_selection(ar_ctx *x, const isms_assessment *a, const selection *sel)
{
    isms__json *w = x->w;
    const isms_catalog *cat = isms_assessment_catalog(a);
    size_t n = isms_catalog_requirement_count(cat, sel->scope);
    bool any = false;
    for (size_t i = 0; i < n; i++) {
        const isms_item *item = isms_catalog_requirement(cat, sel->scope, i);
        if (!selected(a, item, sel))
            continue;
        if (!any) {
            isms__json_element(w);
            OPEN_OBJECT(w);
            M_STRING(w, "description", TR(x, sel->sv, sel->en));
            isms__oscal_props ps = { w, false };
            bool imported = isms_catalog_edition(cat) == ISMS_EDITION_IMPORTED;
            isms__oscal_props_add(&ps, "part", sel->scope == ISMS_SCOPE_CLAUSES ? "clauses"
                                               : imported ? "controls"
                                                          : "annex-a",
                                  NS);
            if (sel->app >= 0)
                isms__oscal_props_add(&ps, "applicability",
                                      sel->app == ISMS_APPLICABILITY_UNDECIDED
                                          ? "undecided"
                                          : isms__doc_applicability[sel->app],
                                      NS);
            if (!sel->assessed)
                isms__oscal_props_add(&ps, "assessed", "false", NS);
            isms__oscal_props_end(&ps);
            if (sel->app == ISMS_APPLICABILITY_EXCLUDED)
                KEY(w, "exclude-controls");
            else
                KEY(w, "include-controls");
            OPEN_ARRAY(w);
            any = true;
        }
        isms__json_element(w);
        OPEN_FLAT(w);
        M_STRING(w, "control-id", isms_item_oscal_id(item));
        CLOSE(w);
    }
    if (any) {
        CLOSE(w);
        CLOSE(w);
    }
}

static void write_reviewed_controls(ar_ctx *x, const isms_assessment *a)
{
    isms__json *w = x->w;
    const isms_catalog *cat = isms_assessment_catalog(a);
    isms_scope scope = isms_assessment_scope(a);
    bool clauses = (scope & ISMS_SCOPE_CLAUSES) &&
                   isms_catalog_requirement_count(cat, ISMS_SCOPE_CLAUSES) > 0;
    bool controls = (scope & ISMS_SCOPE_ANNEX_A) &&
                    isms_catalog_requirement_count(cat, ISMS_SCOPE_ANNEX_A) > 0;
    KEY(w, "reviewed-controls");
    OPEN_OBJECT(w);
    if (clauses && controls)
        M_STRING(w, "description",
                 TR(x, "Kraven inom bedömningens omfattning: ledningssystemets krav och "
                       "kontrollerna efter uttalandet om tillämplighet.",
                    "The requirements in the scope of the assessment: the management system "
                    "clauses and the controls by the Statement of Applicability."));
    else if (clauses)
        M_STRING(w, "description",
                 TR(x, "Kraven inom bedömningens omfattning: ledningssystemets krav.",
                    "The requirements in the scope of the assessment: the management system "
                    "clauses."));
    else
        M_STRING(w, "description",
                 TR(x, "Kraven inom bedömningens omfattning: kontrollerna efter uttalandet om "
                       "tillämplighet.",
                    "The requirements in the scope of the assessment: the controls by the "
                    "Statement of Applicability."));
    KEY(w, "control-selections");
    OPEN_ARRAY(w);
    for (size_t i = 0; i < sizeof selections / sizeof *selections; i++) {
        const selection *sel = &selections[i];
        if (sel->scope == ISMS_SCOPE_CLAUSES ? clauses : controls)
            write_selection(x, a, sel);
    }
    if (!clauses && !controls) { /* a selection must be there: say that it is empty */
        isms__json_element(w);
        OPEN_FLAT(w);
        M_STRING(w, "description", TR(x, "Inga krav inom bedömningens omfattning.",
                                      "No requirements in the scope of the assessment."));
        CLOSE(w);
    }
    CLOSE(w);
    CLOSE(w);
}

/* ---- results ------------------------------------------------------------------------- */

static const char *scope_text(const ar_ctx *x, const isms_assessment *a)
{
    if (isms_catalog_edition(isms_assessment_catalog(a)) == ISMS_EDITION_IMPORTED)
        return TR(x, "alla kontroller", "all controls");
    switch (isms_assessment_scope(a)) {
    case ISMS_SCOPE_CLAUSES:
        return TR(x, "ledningssystemets krav", "the management system clauses");
    case ISMS_SCOPE_ANNEX_A: return TR(x, "bilaga A", "Annex A");
    case ISMS_SCOPE_BOTH: break;
    }
    return TR(x, "ledningssystemets krav och bilaga A", "the management system clauses and "
                                                        "Annex A");
}

/* The result's description: what was assessed and its figures, into the scratch buffer. */
static void result_description(ar_ctx *x, const isms_assessment *a, const isms_summary *sum)
{
    isms__buf *b = scratch(x);
    const char *org = isms_document_get(x->doc, ISMS_DOC_ORGANISATION);
    const char *unit = isms_document_get(x->doc, ISMS_DOC_UNIT);
    isms__buf_printf(b, TR(x, "Gapanalys %d", "Gap analysis %d"), isms_assessment_year(a));
    if (!isms__oscal_blank(org) || !isms__oscal_blank(unit)) {
        isms__buf_puts(b, TR(x, " för ", " of "));
        isms__oscal_md(b, org, false);
        if (!isms__oscal_blank(org) && !isms__oscal_blank(unit))
            isms__buf_puts(b, ", ");
        isms__oscal_md(b, unit, false);
        isms__buf_puts(b, ",");
    }
    isms__buf_puts(b, TR(x, " mot ", " against "));
    isms__oscal_md_catalog_title(b, isms_assessment_catalog(a));
    isms__buf_printf(b, " (%s): ", scope_text(x, a));
    const isms_tally *t = &sum->total;
    char compliance[32], coverage[32];
    const char *point = TR(x, ",", ".");
    isms__format_number(compliance, sizeof compliance, t->compliance * 100.0, 1, point, "");
    isms__format_number(coverage, sizeof coverage, t->coverage * 100.0, 1, point, "");
    isms__buf_printf(b,
                     TR(x, "%u krav, varav %u tillämpliga och %u bedömda; efterlevnad %s %%, "
                           "täckning %s %%.",
                        "%u requirements, %u applicable, %u assessed; compliance %s %%, "
                        "coverage %s %%."),
                     t->total, t->applicable, t->assessed, compliance, coverage);
}

/* The `observations` (findings false) or the `findings` of the entries, in the assessment's
 * order; nothing when no entry has one (OSCAL's arrays must not be empty). */
static void write_entries(ar_ctx *x, const isms_assessment *a, bool findings,
                          isms__stamp collected)
{
    isms__json *w = x->w;
    isms_scope scope = isms_assessment_scope(a);
    bool any = false;
    for (size_t i = 0; i < isms_assessment_count(a); i++) {
        const isms_entry *e = isms_assessment_at(a, i);
        if (!(findings ? has_finding(e, scope) : has_observation(e, scope)))
            continue;
        if (!any) {
            if (findings)
                KEY(w, "findings");
            else
                KEY(w, "observations");
            OPEN_ARRAY(w);
            any = true;
        }
        if (findings)
            write_finding(x, a, e);
        else
            write_observation(x, a, e, collected);
    }
    if (any)
        CLOSE(w);
}

static void write_result(ar_ctx *x, const isms_assessment *a)
{
    isms__json *w = x->w;
    isms_summary sum;
    int rc = isms_assessment_summarise(&sum, a, &x->weights);
    if (rc != ISMS_OK) {
        if (!w->err)
            w->err = rc;
        return;
    }
    int year = isms_assessment_year(a);
    const isms_catalog *cat = isms_assessment_catalog(a);
    isms__stamp start = isms__oscal_stamp(isms_assessment_date(a));

    isms__json_element(w);
    OPEN_OBJECT(w);
    M_UUID(w, "uuid", ISMS__OSCAL_UUID(x->d, "ar/result", year_of(a).s));
    KEY(w, "title");
    isms__buf *b = scratch(x);
    if (x->sv) {
        isms__buf_printf(b, "Gapanalys %d mot ", year);
        isms__oscal_md_catalog_title(b, cat);
    } else {
        isms__oscal_md_catalog_title(b, cat);
        isms__buf_printf(b, " gap analysis %d", year);
    }
    put_scratch_line(x, "–");
    KEY(w, "description");
    result_description(x, a, &sum);
    put_scratch(x);
    M_STRING(w, "start", start.s);

    char compliance[32], coverage[32], total[16], applicable[16], assessed[16];
    number_text(compliance, sizeof compliance, sum.total.compliance);
    number_text(coverage, sizeof coverage, sum.total.coverage);
    snprintf(total, sizeof total, "%u", sum.total.total);
    snprintf(applicable, sizeof applicable, "%u", sum.total.applicable);
    snprintf(assessed, sizeof assessed, "%u", sum.total.assessed);
    isms__oscal_props ps = { w, false };
    isms__oscal_props_add(&ps, "catalog", isms_catalog_title(cat), NS);
    isms__oscal_props_add(&ps, "catalog-uuid", isms_catalog_uuid(cat), NS);
    isms__oscal_props_add(&ps, "scope", isms__doc_scope[isms_assessment_scope(a)], NS);
    isms__oscal_props_add(&ps, "requirements", total, NS);
    isms__oscal_props_add(&ps, "applicable", applicable, NS);
    isms__oscal_props_add(&ps, "assessed", assessed, NS);
    isms__oscal_props_add(&ps, "compliance", compliance, NS);
    isms__oscal_props_add(&ps, "coverage", coverage, NS);
    isms__oscal_props_end(&ps);

    write_reviewed_controls(x, a);

    write_entries(x, a, false, start);
    write_entries(x, a, true, start);
    CLOSE(w);
}

/* ---- the document -------------------------------------------------------------------- */

int isms__oscal_write_ar(isms__buf *out, const isms_document *doc)
{
    if (!out || !doc)
        return isms__error(ISMS_EINVAL, "isms__oscal_write_ar: NULL argument");
    size_t n = isms_document_assessment_count(doc);
    if (n == 0)
        return isms__error(ISMS_ENOTFOUND,
                           "cannot write OSCAL assessment results: the document of %d has no "
                           "assessments (a gap analysis is needed)",
                           isms_document_year(doc));
    isms_settings settings;
    int rc = isms_document_settings(&settings, doc);
    if (rc != ISMS_OK)
        return rc;
    isms__oscal_doc d;
    rc = isms__oscal_doc_init(&d, doc);
    if (rc != ISMS_OK)
        return rc;

    isms__json w;
    isms__json_init(&w, out, "the OSCAL assessment results", 0);
    ar_ctx x = { .w = &w, .d = &d, .doc = doc, .weights = settings.compliance };
    x.sv = isms_document_lang(doc) == ISMS_LANG_SV;
    isms__buf_init(&x.scratch);

    OPEN_OBJECT(&w);
    KEY(&w, "assessment-results");
    OPEN_OBJECT(&w);
    M_UUID(&w, "uuid", isms__oscal_uuid(&d, "ar", NULL, 0));
    isms__oscal_metadata(&w, &d, TR(&x, "Gapanalys", "Gap analysis"));
    KEY(&w, "import-ap");
    OPEN_OBJECT(&w);
    char href[40];
    snprintf(href, sizeof href, "#%s", isms__oscal_doc_resource(&d).s);
    M_STRING(&w, "href", href);
    M_STRING(&w, "remarks", TR(&x, "Bedömningarna följer ISMS-dokumentet, som är bilagt som "
                                   "resurs; det finns ingen separat bedömningsplan i OSCAL.",
                               "The assessments follow the ISMS document, attached as a "
                               "resource; there is no separate OSCAL assessment plan."));
    CLOSE(&w);
    KEY(&w, "results");
    OPEN_ARRAY(&w);
    for (size_t i = 0; i < n; i++)
        write_result(&x, isms_document_assessment_at(doc, i));
    CLOSE(&w);
    isms__oscal_back_matter(&w, &d);
    CLOSE(&w);
    CLOSE(&w);
    isms__json_raw(&w, "\n", 1);

    isms__buf_free(&x.scratch);
    isms__oscal_doc_free(&d);
    if (w.err)
        return w.err == ISMS_ENOMEM ? isms__error_nomem() : w.err;
    return ISMS_OK;
}
