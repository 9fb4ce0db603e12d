/* Unit tests of the HTML management review (lib/report/report-html.c) and its SVG charts
 * (lib/report/svg.c): escaping of hostile user text everywhere it appears, no external
 * references, a well-formed document, the print rules, the charts on hand-built models
 * (cells, bars, curve; the groups of an imported catalog), hostile titles of an imported
 * catalog, locale-independent numbers, allocation failure. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/catalog-internal.h"
#include "internal.h"
#include "report/report-internal.h"

#include "test-util.h"

/* Every kind of text that breaks HTML when it is not escaped, in one string. */
#define HOSTILE                                                                              \
    "<script>alert(1)</script> \"><img src=x onerror=alert(1)> ' onmouseover='x &amp; "      \
    "</style> ]]>"
/* The same, escaped as isms__escape_html() escapes it. */
#define HOSTILE_ESCAPED                                                                      \
    "&lt;script&gt;alert(1)&lt;/script&gt; &quot;&gt;&lt;img src=x onerror=alert(1)&gt; "    \
    "&#39; onmouseover=&#39;x &amp;amp; &lt;/style&gt; ]]&gt;"

/* ---- checks on the output ---------------------------------------------------------------- */

static size_t count(const char *text, const char *needle)
{
    size_t n = 0, len = strlen(needle);
    for (const char *p = strstr(text, needle); p; p = strstr(p + len, needle))
        n++;
    return n;
}

/* Case-insensitive strstr (ASCII). */
static const char *find_nocase(const char *text, const char *needle)
{
    size_t n = strlen(needle);
    for (const char *p = text; *p; p++) {
        size_t i = 0;
        while (i < n && p[i] && tolower((unsigned char)p[i]) == tolower((unsigned char)needle[i]))
            i++;
        if (i == n)
            return p;
    }
    return NULL;
}

static bool is_void(const char *name, size_t n)
{
    static const char *const voids[] = { "meta", "br", "hr", "img", "input", "link", "col",
                                         "wbr", "area", "base", "source" };
    for (size_t i = 0; i < sizeof voids / sizeof voids[0]; i++)
        if (strlen(voids[i]) == n && strncmp(voids[i], name, n) == 0)
            return true;
    return false;
}

/* Text between tags: no raw '<' or '>' (a tag would have been parsed), and every '&' starts
 * an entity. */
static void check_text(const char *from, const char *to)
{
    for (const char *p = from; p < to; p++) {
        if (*p == '>')
            fail_msg("raw '>' in text: \"%.60s\"", p > from + 30 ? p - 30 : from);
        if (*p == '&') {
            const char *q = p + 1;
            if (*q == '#')
                q++;
            while (isalnum((unsigned char)*q))
                q++;
            if (q == p + 1 || *q != ';')
                fail_msg("'&' that starts no entity: \"%.40s\"", p);
        }
    }
}

/* One tag's attributes (from just after its name to its '>'): every value quoted, no event
 * handlers, no sources, links only within the page, styles without URLs. Returns the '>'. */
static const char *check_attributes(const char *p, bool *self_closing)
{
    *self_closing = false;
    for (;;) {
        while (*p == ' ' || *p == '\n' || *p == '\t')
            p++;
        if (*p == '>')
            return p;
        if (p[0] == '/' && p[1] == '>') {
            *self_closing = true;
            return p + 1;
        }
        const char *name = p;
        while (isalnum((unsigned char)*p) || *p == '-' || *p == ':')
            p++;
        size_t n = (size_t)(p - name);
        if (n == 0)
            fail_msg("bad attribute at \"%.40s\"", p);
        if (n >= 2 && tolower((unsigned char)name[0]) == 'o' &&
            tolower((unsigned char)name[1]) == 'n')
            fail_msg("event handler attribute \"%.*s\"", (int)n, name);
        if (n == 3 && strncmp(name, "src", 3) == 0)
            fail_msg("src attribute");
        if (*p != '=')
            continue; /* a bare attribute */
        p++;
        if (*p != '"')
            fail_msg("unquoted attribute value at \"%.40s\"", name);
        const char *value = ++p;
        while (*p && *p != '"')
            p++;
        if (!*p)
            fail_msg("unterminated attribute value");
        size_t vlen = (size_t)(p - value);
        char v[512];
        snprintf(v, sizeof v, "%.*s", (int)(vlen < sizeof v ? vlen : sizeof v - 1), value);
        if (n == 4 && strncmp(name, "href", 4) == 0 && v[0] != '#')
            fail_msg("link out of the page: \"%s\"", v);
        if (find_nocase(v, "url(") || find_nocase(v, "javascript:") || strchr(v, '<'))
            fail_msg("suspicious attribute value \"%s\"", v);
        p++;
    }
}

/* Every element opened is closed in order (void elements and "/>" excepted), the text
 * between tags is escaped, and the only <style> holds the CSS. */
static void check_well_formed(const char *html)
{
    const char *names[64];
    size_t lens[64], depth = 0;
    assert_true(strncmp(html, "<!DOCTYPE html>\n", 16) == 0);
    const char *p = html + 15, *text = p;
    while ((p = strchr(p, '<')) != NULL) {
        check_text(text, p);
        if (p[1] == '!')
            fail_msg("comment or declaration in the body: \"%.40s\"", p);
        bool closing = p[1] == '/';
        const char *name = p + 1 + closing;
        size_t n = 0;
        while (isalnum((unsigned char)name[n]))
            n++;
        if (n == 0)
            fail_msg("raw '<' in text: \"%.40s\"", p);
        bool self = false;
        const char *end = closing ? strchr(name, '>') : check_attributes(name + n, &self);
        assert_non_null(end);
        if (closing) {
            if (depth == 0 || lens[depth - 1] != n || strncmp(names[depth - 1], name, n) != 0)
                fail_msg("</%.*s> closes <%.*s>", (int)n, name,
                         depth ? (int)lens[depth - 1] : 0, depth ? names[depth - 1] : "");
            depth--;
        } else if (!self && !is_void(name, n)) {
            assert_true(depth < 64);
            names[depth] = name;
            lens[depth++] = n;
        }
        p = end + 1;
        if (!closing && n == 5 && strncmp(name, "style", 5) == 0) {
            /* The CSS, up to the end tag; nothing in it may end the element early. */
            const char *close = strstr(p, "</style>");
            assert_non_null(close);
            p = close;
        }
        text = p;
    }
    check_text(text, text + strlen(text));
    assert_int_equal(depth, 0);
}

/* What must hold for every report, hostile or not. */
static void check_safe(const char *html)
{
    assert_true(isms__utf8_valid(html, strlen(html)));
    check_well_formed(html);
    assert_null(find_nocase(html, "<script"));
    assert_null(find_nocase(html, "<img"));
    assert_null(find_nocase(html, "<iframe"));
    assert_null(find_nocase(html, "<object"));
    assert_null(find_nocase(html, "<embed"));
    assert_null(find_nocase(html, "<link"));
    assert_null(find_nocase(html, "<base"));
    assert_null(find_nocase(html, "@import"));
    assert_null(strstr(html, "]]>"));
    assert_int_equal(count(html, "<style>"), 1);
    assert_int_equal(count(html, "</style>"), 1);
    /* No network at all: not even the SVG namespace URL (inline SVG needs none). */
    assert_null(strstr(html, "http://"));
    assert_null(strstr(html, "https://"));
    assert_null(find_nocase(html, "url("));
    assert_non_null(strstr(html, "<meta http-equiv=\"Content-Security-Policy\" "
                                 "content=\"default-src 'none'; style-src 'unsafe-inline'; "
                                 "img-src data:\">"));
}

/* ---- documents ----------------------------------------------------------------------------- */

static void add_entry(isms_assessment *a, const char *ref, isms_status status, isms_need need,
                      const char *text, const char *due)
{
    isms_entry *e = NULL;
    assert_int_equal(isms_assessment_add(&e, a, ref), ISMS_OK);
    assert_int_equal(isms_entry_set_status(e, status), ISMS_OK);
    assert_int_equal(isms_entry_set_need(e, need), ISMS_OK);
    assert_int_equal(isms_entry_set(e, ISMS_FIELD_COMMENT, text), ISMS_OK);
    assert_int_equal(isms_entry_set(e, ISMS_FIELD_PLAN, text), ISMS_OK);
    assert_int_equal(isms_entry_set(e, ISMS_FIELD_OWNER, text), ISMS_OK);
    assert_int_equal(isms_entry_set(e, ISMS_FIELD_DUE, due), ISMS_OK);
}

/* A small document that fills every section; `t` goes into every text field a user writes.
 * The reference date is 2024-06-30. */
static isms_document *make_doc(const char *t, bool decision)
{
    isms_document *doc = NULL;
    assert_int_equal(isms_document_new(&doc, 2024), ISMS_OK);
    assert_int_equal(isms_document_set(doc, ISMS_DOC_ORGANISATION, t), ISMS_OK);
    assert_int_equal(isms_document_set(doc, ISMS_DOC_UNIT, t), ISMS_OK);
    assert_int_equal(isms_document_set(doc, ISMS_DOC_AUTHOR, t), ISMS_OK);
    assert_int_equal(isms_document_set(doc, ISMS_DOC_SCOPE, t), ISMS_OK);
    if (decision)
        assert_int_equal(isms_document_set(doc, ISMS_DOC_DECISION, t), ISMS_OK);
    assert_int_equal(isms_document_set_date(doc, (isms_date){ 2024, 6, 30 }), ISMS_OK);
    assert_int_equal(isms_document_add_context(doc, t, t), ISMS_OK);

    /* risks */
    isms_register *reg = isms_document_register(doc);
    isms_risk *k = NULL;
    assert_int_equal(isms_register_add(&k, reg, "R1", t, 3, 4), ISMS_OK);
    assert_int_equal(isms_risk_set_residual(k, 2, 3), ISMS_OK);
    assert_int_equal(isms_risk_set_treatment(k, ISMS_TREATMENT_MODIFY, t), ISMS_OK);
    assert_int_equal(isms_risk_set_owner(k, t), ISMS_OK);
    assert_int_equal(isms_risk_set_consequence_text(k, t), ISMS_OK);
    assert_int_equal(isms_register_add(&k, reg, "R2", "Nätfiske", 2, 2), ISMS_OK);
    assert_int_equal(isms_register_add(&k, reg, "R3", t, ISMS_LEVEL_UNSET, ISMS_LEVEL_UNSET),
                     ISMS_OK);

    /* two years of gap analysis */
    isms_assessment *before = NULL, *now = NULL;
    assert_int_equal(isms_assessment_new(&before, ISMS_EDITION_2022, 2023, ISMS_SCOPE_BOTH),
                     ISMS_OK);
    add_entry(before, "4.1", ISMS_STATUS_NO, ISMS_NEED_HIGH, "", "");
    add_entry(before, "5.1", ISMS_STATUS_PARTIAL, ISMS_NEED_LOW, "", "");
    assert_int_equal(isms_document_add_assessment(doc, before), ISMS_OK);
    assert_int_equal(isms_assessment_new(&now, ISMS_EDITION_2022, 2024, ISMS_SCOPE_BOTH),
                     ISMS_OK);
    add_entry(now, "4.1", ISMS_STATUS_PARTIAL, ISMS_NEED_MEDIUM, t, "Q1 2024");
    add_entry(now, "5.1", ISMS_STATUS_YES, ISMS_NEED_NONE, "", "");
    add_entry(now, "A.5.1", ISMS_STATUS_NO, ISMS_NEED_HIGH, t, "hösten 2024");
    isms_entry *e = isms_assessment_find(now, "A.5.1");
    assert_non_null(e);
    assert_int_equal(isms_entry_set_applicability(e, ISMS_APPLICABILITY_APPLICABLE), ISMS_OK);
    assert_int_equal(isms_document_add_assessment(doc, now), ISMS_OK);

    /* assets */
    isms_inventory *inv = isms_document_inventory(doc);
    isms_asset *a = NULL;
    assert_int_equal(isms_inventory_add(&a, inv, "I1", t, ISMS_ASSET_INFORMATION), ISMS_OK);
    assert_int_equal(isms_asset_set(a, ISMS_ASSET_OWNER, t), ISMS_OK);
    assert_int_equal(isms_asset_set_level(a, ISMS_ASPECT_CONFIDENTIALITY, 3), ISMS_OK);
    assert_int_equal(isms_asset_set_level(a, ISMS_ASPECT_INTEGRITY, 2), ISMS_OK);
    assert_int_equal(isms_asset_set_level(a, ISMS_ASPECT_AVAILABILITY, 2), ISMS_OK);
    assert_int_equal(isms_asset_set_level(a, ISMS_ASPECT_TRACEABILITY, 1), ISMS_OK);
    assert_int_equal(isms_asset_set_classified(a, (isms_date){ 2023, 2, 1 }), ISMS_OK);
    assert_int_equal(isms_inventory_add(&a, inv, "S1", t, ISMS_ASSET_SYSTEM), ISMS_OK);
    assert_int_equal(isms_inventory_link(inv, "S1", "I1", ISMS_REL_PROCESSES), ISMS_OK);

    /* actions: one overdue, one recurring, one depending on the first */
    isms_plan *plan = isms_document_plan(doc);
    isms_action *ac = NULL;
    assert_int_equal(isms_plan_add(&ac, plan, "A1", t), ISMS_OK);
    assert_int_equal(isms_action_set(ac, ISMS_ACTION_OWNER, t), ISMS_OK);
    assert_int_equal(isms_action_set(ac, ISMS_ACTION_DUE, "2024-03-31"), ISMS_OK);
    assert_int_equal(isms_action_set_effort(ac, 5), ISMS_OK);
    assert_int_equal(isms_plan_add(&ac, plan, "A2", "Uppdatera lokal instruktion"), ISMS_OK);
    assert_int_equal(isms_action_set_recurrence(ac, ISMS_RECUR_YEARLY), ISMS_OK);
    assert_int_equal(isms_action_set_effort(ac, 2), ISMS_OK);
    assert_int_equal(isms_plan_add(&ac, plan, "A3", t), ISMS_OK);
    assert_int_equal(isms_action_add_prerequisite(ac, "A1"), ISMS_OK);
    assert_int_equal(isms_action_set_effort(ac, 20), ISMS_OK);

    /* a quantitative model, few iterations */
    isms_dist freq, mag;
    assert_int_equal(isms_dist_poisson(&freq, 0.5), ISMS_OK);
    assert_int_equal(isms_dist_lognormal90(&mag, 10000, 1000000), ISMS_OK);
    isms_fair *model = NULL;
    assert_int_equal(isms_fair_new_simple(&model, t, &freq, &mag), ISMS_OK);
    assert_int_equal(isms_document_set_model(doc, "R1", model), ISMS_OK);
    isms_settings s;
    assert_int_equal(isms_document_settings(&s, doc), ISMS_OK);
    s.iterations = 400;
    assert_int_equal(isms_document_set_settings(doc, &s), ISMS_OK);
    return doc;
}

static char *render(isms_document *doc, isms_lang lang, size_t *len)
{
    isms_report_options opt;
    isms_report_options_init(&opt, doc);
    opt.format = ISMS_REPORT_HTML;
    opt.lang = lang;
    char *out = NULL;
    size_t n = 0;
    int rc = isms_report_write(&out, &n, doc, &opt);
    if (rc != ISMS_OK)
        fail_msg("isms_report_write: %d %s", rc, isms_error_last()->message);
    assert_non_null(out);
    assert_int_equal(strlen(out), n);
    if (len)
        *len = n;
    return out;
}

/* ---- whole reports ------------------------------------------------------------------------- */

static void test_hostile_text(void **state)
{
    (void)state;
    for (int lang = 0; lang < 2; lang++)
        for (int decision = 0; decision < 2; decision++) {
            isms_document *doc = make_doc(HOSTILE, decision);
            char *html = render(doc, (isms_lang)lang, NULL);
            check_safe(html);
            assert_null(strstr(html, HOSTILE));
            assert_null(strstr(html, "onerror=alert(1)>"));
            assert_null(strstr(html, "</style> ]]"));
            /* Escaped where it stands: <title> and header (organisation, unit: 3), about
             * (organisation, unit, author, scope: 4), context (title, text: 2), risks (R1's
             * title, consequence, treatment and owner, R3's title: 5), gaps (4.1 and A.5.1:
             * comment, plan, owner: 6), the asset due for review (name, owner: 2), the plan
             * (A1's title and owner, A3's title; A1 again among the overdue: 5), the model's
             * risk in the quantitative table (1): 28, the decision, and findings that quote
             * titles. */
            size_t n = count(html, HOSTILE_ESCAPED);
            if (n < 28 + (size_t)decision)
                fail_msg("the hostile text appears escaped only %zu times", n);
            assert_non_null(strstr(html, "&amp;amp;"));
            if (decision)
                assert_non_null(strstr(html, "<div class=\"decision\">" HOSTILE_ESCAPED
                                             "</div>"));
            else
                assert_null(strstr(html, "<div class=\"decision\">"));
            isms_free(html);
            isms_document_free(doc);
        }
}

/* User text reaches exactly the places named, each once more than without it. */
static void test_hostile_places(void **state)
{
    (void)state;
    isms_document *doc = make_doc("plain", false);
    isms_register *reg = isms_document_register(doc);
    isms_risk *k = isms_register_find(reg, "R2");
    assert_int_equal(isms_risk_set_title(k, HOSTILE), ISMS_OK);
    isms_asset *a = isms_inventory_find(isms_document_inventory(doc), "S1");
    assert_int_equal(isms_asset_set(a, ISMS_ASSET_NAME, HOSTILE), ISMS_OK);
    isms_action *ac = isms_plan_find(isms_document_plan(doc), "A2");
    assert_int_equal(isms_action_set(ac, ISMS_ACTION_TITLE, HOSTILE), ISMS_OK);
    isms_entry *e = isms_assessment_find(isms_document_current(doc), "4.1");
    assert_int_equal(isms_entry_set(e, ISMS_FIELD_COMMENT, HOSTILE), ISMS_OK);
    assert_int_equal(isms_document_add_context(doc, "Ny lag", HOSTILE), ISMS_OK);
    char *html = render(doc, ISMS_LANG_SV, NULL);
    check_safe(html);
    assert_non_null(strstr(html, "<td>" HOSTILE_ESCAPED "</td>"));  /* risk title, comment */
    assert_non_null(strstr(html, "<dd>" HOSTILE_ESCAPED "</dd>"));  /* context text */
    /* The recurring action appears in each of the three yearly periods. */
    if (count(html, HOSTILE_ESCAPED) < 5)
        fail_msg("hostile text escaped %zu times", count(html, HOSTILE_ESCAPED));
    isms_free(html);
    isms_document_free(doc);
}

/* Level and band labels of a custom matrix are user text too: in the heat maps' axes and
 * tooltips, the band legend and the tables. */
static void test_hostile_matrix(void **state)
{
    (void)state;
    isms_matrix_builder *b = NULL;
    assert_int_equal(isms_matrix_builder_new(&b, "<m>"), ISMS_OK);
    static const char *const labels[] = { "<l1>", "<l2>", "<l3>", "<l4>" };
    for (int i = 0; i < 4; i++) {
        char sv[32], en[32];
        snprintf(sv, sizeof sv, "%s\"sv", labels[i]);
        snprintf(en, sizeof en, "%s'en", labels[i]);
        assert_int_equal(isms_matrix_builder_add_level(b, ISMS_AXIS_LIKELIHOOD, i + 1, sv, en,
                                                       NULL), ISMS_OK);
        assert_int_equal(isms_matrix_builder_add_level(b, ISMS_AXIS_CONSEQUENCE, i + 1, sv, en,
                                                       NULL), ISMS_OK);
    }
    assert_int_equal(isms_matrix_builder_add_band(b, "low", 1, 6, "#00aa00", "<b>låg</b>",
                                                  "<b>low</b>"), ISMS_OK);
    assert_int_equal(isms_matrix_builder_add_band(b, "high", 7, 16, "#cc0000", "<b>hög</b>",
                                                  "<b>high</b>"), ISMS_OK);
    isms_matrix *m = NULL;
    assert_int_equal(isms_matrix_builder_build(&m, b), ISMS_OK);
    isms_matrix_builder_free(b);
    isms_document *doc = make_doc("plain", false);
    assert_int_equal(isms_document_set_matrix(doc, m), ISMS_OK);
    isms_matrix_free(m);
    for (int lang = 0; lang < 2; lang++) {
        char *html = render(doc, (isms_lang)lang, NULL);
        check_safe(html);
        assert_null(strstr(html, "<l1>"));
        assert_null(strstr(html, "<b>"));
        assert_non_null(strstr(html, lang ? "&lt;l4&gt;&#39;en" : "&lt;l4&gt;&quot;sv"));
        assert_non_null(strstr(html, lang ? "&lt;b&gt;high&lt;/b&gt;" : "&lt;b&gt;hög&lt;/b&gt;"));
        /* R1 is 3 × 4 = 12, high: its cell in the table carries the colour and the label. */
        assert_non_null(strstr(html, "<td class=\"band\" style=\"background:#cc0000;"
                                     "color:#ffffff\">12 "));
        isms_free(html);
    }
    isms_document_free(doc);
}

static void test_structure(void **state)
{
    (void)state;
    isms_document *doc = make_doc("Exempelstads kommun", false);
    char *html = render(doc, ISMS_LANG_SV, NULL);
    check_safe(html);
    assert_non_null(strstr(html, "<html lang=\"sv\">"));
    assert_non_null(strstr(html, "<meta charset=\"utf-8\">"));
    assert_non_null(strstr(html, "<h1>Ledningens genomgång 2024</h1>"));
    /* The sections in the order of report.h, numbered as the other formats number them. */
    static const char *const ids[] = { "about", "summary", "context", "risks", "gaps",
                                       "classification", "plan", "quantitative", "findings",
                                       "decision" };
    const char *last = html;
    for (size_t i = 0; i < 10; i++) {
        char needle[64];
        snprintf(needle, sizeof needle, "<section id=\"%s\">\n<h2>%zu. ", ids[i], i + 1);
        const char *at = strstr(html, needle);
        if (!at || at < last)
            fail_msg("section %s missing or out of order", ids[i]);
        last = at;
    }
    assert_non_null(strstr(html, "<h2>4. Risker</h2>"));
    /* Print: A4 pages, headings kept with what follows, figures and rows not broken. */
    assert_non_null(strstr(html, "@page{size:A4;margin:"));
    assert_non_null(strstr(html, "h2,h3,figcaption{break-after:avoid;page-break-after:avoid}"));
    assert_non_null(strstr(html, "figure{margin:0 0 1em;break-inside:avoid;"));
    assert_non_null(strstr(html, "tr{break-inside:avoid;"));
    assert_non_null(strstr(html, "print-color-adjust:exact"));
    /* Four charts: two heat maps side by side, compliance, the loss exceedance curve. */
    assert_int_equal(count(html, "<svg "), 4);
    assert_int_equal(count(html, "</svg>"), 4);
    assert_non_null(strstr(html, "<div class=\"figures\">\n<figure>\n<figcaption>"));
    assert_non_null(strstr(html, "id=\"heatmap-inherent\""));
    assert_non_null(strstr(html, "id=\"heatmap-residual\""));
    assert_non_null(strstr(html, "id=\"compliance\""));
    assert_non_null(strstr(html, "id=\"lec\""));
    /* Risks sorted by value: R1 (12) before R2 (4) before R3 (none). */
    const char *r1 = strstr(html, "<td>R1</td>"), *r2 = strstr(html, "<td>R2</td>");
    const char *r3 = strstr(html, "<td>R3</td>");
    assert_true(r1 && r2 && r3 && r1 < r2 && r2 < r3);
    /* R1's inherent value on its band's colour with the band named: 12, very high. */
    assert_non_null(strstr(html, "<td class=\"band\" style=\"background:#c62828;"
                                 "color:#ffffff\">12 Mycket hög<br>"
                                 "<span class=\"detail\">3/4</span></td>"));
    /* The overdue requirement (Q1 2024 before 2024-06-30) and action are marked in words. */
    assert_non_null(strstr(html, "Q1 2024 <span class=\"tag late\">"));
    assert_non_null(strstr(html, "2024-03-31 <span class=\"tag late\">"));
    /* The recurring action in each of the three yearly periods. */
    assert_int_equal(count(html, "<span class=\"tag recurring\">"), 3);
    /* No decision yet: lines to fill in. */
    assert_non_null(strstr(html, "<div class=\"fill\">"));
    /* The same input gives the same bytes. */
    char *again = render(doc, ISMS_LANG_SV, NULL);
    assert_string_equal(html, again);
    isms_free(again);
    isms_free(html);

    html = render(doc, ISMS_LANG_EN, NULL);
    check_safe(html);
    assert_non_null(strstr(html, "<html lang=\"en\">"));
    assert_non_null(strstr(html, "<h1>Management review 2024</h1>"));
    assert_non_null(strstr(html, "<h2>4. Risks</h2>"));
    assert_non_null(strstr(html, ">12 Very high<br>"));
    isms_free(html);
    isms_document_free(doc);
}

/* An empty document still gives every section, with words instead of tables. */
static void test_empty_document(void **state)
{
    (void)state;
    isms_document *doc = NULL;
    assert_int_equal(isms_document_new(&doc, 2025), ISMS_OK);
    char *html = render(doc, ISMS_LANG_EN, NULL);
    check_safe(html);
    assert_int_equal(count(html, "<section id="), 10);
    assert_int_equal(count(html, "<svg "), 0);
    assert_non_null(strstr(html, "<h1>Management review 2025</h1>"));
    isms_free(html);
    isms_document_free(doc);
}

static void test_write_alloc_failure(void **state)
{
    (void)state;
    isms_document *doc = make_doc(HOSTILE, true);
    isms_settings s;
    assert_int_equal(isms_document_settings(&s, doc), ISMS_OK);
    s.iterations = 50;
    assert_int_equal(isms_document_set_settings(doc, &s), ISMS_OK);
    isms_report_options opt;
    isms_report_options_init(&opt, doc);
    opt.format = ISMS_REPORT_HTML;
    char *out;
    size_t len;
    SWEEP_WRITE(out, len, isms_report_write(&out, &len, doc, &opt));
    isms_document_free(doc);
}

/* ---- a gap analysis against an imported catalog -------------------------------------------- */

/* A catalog titled `title` (uuid `uuid`): group G1 (titled `title` too) with the controls C1
 * (titled `title`) and C2, group G2 with C3, and C4 outside the groups. */
static isms_catalog *hostile_catalog(const char *title, const char *uuid)
{
    isms__catalog_builder *b = NULL;
    assert_int_equal(isms__catalog_builder_new(&b, title, "1.0", uuid, NULL), ISMS_OK);
    size_t g1, g2, i;
    assert_int_equal(isms__catalog_builder_add(b, &g1, SIZE_MAX, ISMS_ITEM_GROUP, "g1", "G1",
                                               title),
                     ISMS_OK);
    assert_int_equal(isms__catalog_builder_add(b, &i, g1, ISMS_ITEM_CONTROL, "c1", "C1", title),
                     ISMS_OK);
    assert_int_equal(isms__catalog_builder_add(b, &i, g1, ISMS_ITEM_CONTROL, "c2", "C2",
                                               "Andra kontrollen"),
                     ISMS_OK);
    assert_int_equal(isms__catalog_builder_add(b, &g2, SIZE_MAX, ISMS_ITEM_GROUP, "g2", "G2",
                                               "Andra gruppen"),
                     ISMS_OK);
    assert_int_equal(isms__catalog_builder_add(b, &i, g2, ISMS_ITEM_CONTROL, "c3", "C3",
                                               "Tredje kontrollen"),
                     ISMS_OK);
    assert_int_equal(isms__catalog_builder_add(b, &i, SIZE_MAX, ISMS_ITEM_CONTROL, "c4", "C4",
                                               "Fri kontroll"),
                     ISMS_OK);
    isms_catalog *cat = NULL;
    assert_int_equal(isms__catalog_builder_finish(b, &cat), ISMS_OK);
    return cat;
}

/* An assessment of `year` against `cat`: C1 partial with a plan, C2 yes, C3 excluded, C4
 * no. */
static isms_assessment *catalog_assessment(const isms_catalog *cat, int year)
{
    isms_assessment *a = NULL;
    assert_int_equal(isms_assessment_new_catalog(&a, cat, year, ISMS_SCOPE_ANNEX_A), ISMS_OK);
    add_entry(a, "C1", ISMS_STATUS_PARTIAL, ISMS_NEED_HIGH, "Åtgärda", "2025");
    add_entry(a, "C2", ISMS_STATUS_YES, ISMS_NEED_NONE, "", "");
    add_entry(a, "C3", ISMS_STATUS_NOT_ASSESSED, ISMS_NEED_UNSET, "", "");
    isms_entry *e = isms_assessment_find(a, "C3");
    assert_int_equal(isms_entry_set_applicability(e, ISMS_APPLICABILITY_EXCLUDED), ISMS_OK);
    assert_int_equal(isms_entry_set(e, ISMS_FIELD_JUSTIFICATION, "Gäller inte oss"), ISMS_OK);
    add_entry(a, "C4", ISMS_STATUS_NO, ISMS_NEED_LOW, "", "");
    return a;
}

/* The catalog's title, a group's and a control's are user text in every place they reach:
 * the sentences, the tables, the chart. */
static void test_hostile_catalog(void **state)
{
    (void)state;
    isms_catalog *cat = hostile_catalog(HOSTILE, "0b7e4c52-2f4c-4d5e-9a47-3c1d2e6f7a80");
    for (int lang = 0; lang < 2; lang++) {
        isms_document *doc = NULL;
        assert_int_equal(isms_document_new(&doc, 2024), ISMS_OK);
        assert_int_equal(isms_document_add_assessment(doc, catalog_assessment(cat, 2023)),
                         ISMS_OK);
        assert_int_equal(isms_document_add_assessment(doc, catalog_assessment(cat, 2024)),
                         ISMS_OK);
        char *html = render(doc, (isms_lang)lang, NULL);
        check_safe(html);
        assert_null(strstr(html, HOSTILE));
        /* Escaped where it stands: the gap analysis's sentence and the applicability's
         * (the catalog's title: 2), G1's row (1), C1's row among the gaps (1), and the
         * findings may quote it. */
        size_t n = count(html, HOSTILE_ESCAPED);
        if (n < 4)
            fail_msg("the hostile text appears escaped only %zu times", n);
        assert_non_null(strstr(html, "<tr><td>G1</td><td>" HOSTILE_ESCAPED "</td>"));
        assert_non_null(strstr(html, "<tr><td>C1</td><td>" HOSTILE_ESCAPED "</td>"));
        /* the chart: the groups and the controls outside them, both years, the label cut */
        assert_non_null(strstr(html, lang ? "<title>Compliance per group, 2024 against 2023"
                                          : "<title>Efterlevnad per grupp, 2024 jämfört med "
                                            "2023"));
        assert_non_null(strstr(html, ">G1 &lt;script&gt;alert(1)&lt;/script&gt; "));
        assert_non_null(strstr(html, lang ? ">Controls outside the groups</text>"
                                          : ">Kontroller utanför grupperna</text>"));
        assert_non_null(strstr(html, "<tr><td>C3</td><td>Tredje kontrollen</td>"
                                     "<td>Gäller inte oss</td></tr>"));
        isms_free(html);
        isms_document_free(doc);
    }
    /* last year against ISO/IEC 27001:2022: the hostile title in the key figures too */
    isms_document *doc = make_doc("plain", false);
    assert_int_equal(isms_document_add_assessment(doc, catalog_assessment(cat, 2024)), ISMS_OK);
    char *html = render(doc, ISMS_LANG_SV, NULL);
    check_safe(html);
    assert_null(strstr(html, HOSTILE));
    assert_non_null(strstr(html, "<h3>Efterlevnad 2024 mot " HOSTILE_ESCAPED " (version 1.0)"
                                 "</h3>"));
    assert_non_null(strstr(html, "Efterlevnad 2023 mot ISO/IEC 27001:2022: "));
    assert_non_null(strstr(html, "och årets mot " HOSTILE_ESCAPED " (version 1.0): "));
    assert_non_null(strstr(html, "<title>Efterlevnad per grupp, 2024</title>"));
    isms_free(html);
    isms_document_free(doc);
    isms_catalog_free(cat);
}

/* Every word the layout (report.c) and the charts (svg.c) ask for exists in both languages
 * (an unknown key would come out as the key itself; no Swedish word is spelt like its key). */
static void test_words(void **state)
{
    (void)state;
    static const char *const keys[] = {
        "acceptance-level", "action", "action-plan", "against", "ale", "ale-total", "annual-loss",
        "annual-loss-log", "applicability", "applicable", "assessed-reqs", "asset", "assets",
        "author", "band", "bands", "billions-short", "change", "change-pp", "chapter", "classified",
        "classified-info", "code", "comment", "compared-with", "compliance", "consequence",
        "control", "count", "coverage", "date", "decision", "decision-intro", "due", "effort",
        "effort-planned", "empty-period", "errors", "es95", "exceedance", "excluded-intro",
        "findings-errors", "findings-infos", "findings-intro", "findings-total",
        "findings-warnings", "gap-intro", "gap-status", "gaps-count", "heading", "heat-inherent",
        "heat-note", "heat-residual", "heat-title-inherent", "heat-title-residual", "id",
        "in-progress", "information-assets", "infos", "inherent", "justification", "key-figure",
        "late", "lec-title", "levels-note", "likelihood", "message", "millions-short", "name",
        "name-clarification", "need", "next-review", "no-assessment", "no-assets", "no-comparison",
        "no-context", "no-due", "no-findings", "no-gap", "no-gaps", "no-level", "no-limit",
        "no-models", "no-open", "no-plan", "no-risks", "no-soa", "not-assessed", "not-stated",
        "note", "of", "of-them-overdue", "open-actions", "organisation", "over-capacity", "overall",
        "overdue", "overdue-actions", "overdue-gaps", "overdue-reviews", "overdue-total", "owner",
        "p50", "p90", "p99", "percentage-points", "person-days", "plan-intro", "plan-not-scheduled",
        "portfolio", "previous-year", "quant-note", "rank", "ref", "requirement", "residual",
        "risk", "risk-intro", "risks-above", "risks-per-band", "risks-total", "scope", "score",
        "sec-about", "sec-class", "sec-context", "sec-decision", "sec-findings", "sec-gap",
        "sec-plan", "sec-quant", "sec-risks", "sec-summary", "seed", "severity", "signature",
        "sim-failed", "sim-intro", "sim-off", "status", "sub-ale", "sub-changes", "sub-chapters",
        "sub-due", "sub-gaps", "sub-heat", "sub-lec", "sub-levels", "sub-overdue-actions",
        "sub-register", "sub-schedule-notes", "sub-soa", "sub-types", "sub-unscheduled",
        "thousands-short", "title", "title-default", "total", "treatment", "type", "undecided",
        "unit", "unscheduled-intro", "unscored", "value", "var95", "versus", "warnings",
        "with-pdata", "year",
        /* against an imported catalog */
        "sub-groups", "group", "ungrouped", "catalog-version", "applicability-intro",
        "previous-gap", "is-against", "and-this-year", "catalogs-not-compared",
    };
    isms__report r;
    memset(&r, 0, sizeof r);
    /* (English spells a few words as their keys: "of", "seed") */
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        r.lang = ISMS_LANG_SV;
        const char *sv = isms__report_word(&r, keys[i]);
        r.lang = ISMS_LANG_EN;
        const char *en = isms__report_word(&r, keys[i]);
        if (strcmp(sv, keys[i]) == 0 || !*en)
            fail_msg("no word \"%s\"", keys[i]);
    }
    r.lang = ISMS_LANG_SV;
    assert_string_equal(isms__report_word(&r, "not-assessed"), "ej bedömt");
    assert_string_equal(isms__report_word(&r, "likelihood"), "Sannolikhet");
    r.lang = ISMS_LANG_EN;
    assert_string_equal(isms__report_word(&r, "consequence"), "Consequence");
    assert_string_equal(isms__report_word(&r, "thousands-short"), "k");
}

/* ---- charts on hand-built models ----------------------------------------------------------- */

typedef struct model {
    isms__report r;
    isms_matrix *matrix;
    size_t heat_inherent[16], heat_residual[16];
    isms_assessment *now, *before;
    isms__report_chapter chapters[3];
} model;

static void model_init(model *m, isms_lang lang)
{
    memset(m, 0, sizeof *m);
    assert_int_equal(isms_matrix_preset(&m->matrix, "4x4"), ISMS_OK);
    m->r.lang = lang;
    m->r.matrix = m->matrix;
    m->r.n_likelihood = 4;
    m->r.n_consequence = 4;
    m->r.heat_inherent = m->heat_inherent;
    m->r.heat_residual = m->heat_residual;
}

static void model_free(model *m)
{
    isms_matrix_free(m->matrix);
    isms_assessment_free(m->now);
    isms_assessment_free(m->before);
}

static char *svg_of(void (*draw)(isms__buf *, const isms__report *), const isms__report *r)
{
    isms__buf b;
    isms__buf_init(&b);
    draw(&b, r);
    assert_false(b.failed);
    size_t n;
    char *text = isms__buf_take(&b, &n);
    assert_non_null(text);
    return text;
}

static void heatmap_inherent(isms__buf *b, const isms__report *r)
{
    isms__svg_heatmap(b, r, false);
}

static void heatmap_residual(isms__buf *b, const isms__report *r)
{
    isms__svg_heatmap(b, r, true);
}

/* The n-th <rect> (0-based) of an SVG. */
static const char *nth_rect(const char *svg, size_t n)
{
    const char *p = strstr(svg, "<rect ");
    while (p && n--)
        p = strstr(p + 1, "<rect ");
    assert_non_null(p);
    return p;
}

/* The value of attribute `name` of the element at `tag` (into buf). */
static const char *attr(char *buf, size_t size, const char *tag, const char *name)
{
    char needle[64];
    snprintf(needle, sizeof needle, " %s=\"", name);
    const char *end = strchr(tag, '>');
    const char *p = strstr(tag, needle);
    assert_true(p && p < end);
    p += strlen(needle);
    size_t n = strcspn(p, "\"");
    snprintf(buf, size, "%.*s", (int)n, p);
    return buf;
}

static void test_svg_heatmap(void **state)
{
    (void)state;
    model m;
    model_init(&m, ISMS_LANG_SV);
    /* [l * 4 + c], lowest levels first: 5 risks at likelihood 4 × consequence 4, 2 at 1 × 1,
     * 1 at likelihood 2 × consequence 3. */
    m.heat_inherent[3 * 4 + 3] = 5;
    m.heat_inherent[0] = 2;
    m.heat_inherent[1 * 4 + 2] = 1;
    m.heat_residual[1 * 4 + 1] = 7;
    char *svg = svg_of(heatmap_inherent, &m.r);
    char buf[64];
    assert_true(strncmp(svg, "<svg ", 5) == 0);
    assert_non_null(strstr(svg, " viewBox=\"0 0 "));
    assert_non_null(strstr(svg, "<title>Inneboende risk: antal risker per sannolikhet och "
                                "konsekvens</title>"));
    assert_null(find_nocase(svg, "<script"));
    assert_null(strstr(svg, "http"));
    /* One rect per cell, rows from the highest likelihood down. */
    assert_int_equal(count(svg, "<rect "), 16);
    /* The top-left cell: likelihood 4 × consequence 1 = 4, medium, nobody in it. */
    const char *cell = nth_rect(svg, 0);
    assert_string_equal(attr(buf, sizeof buf, cell, "fill"), "#f9a825");
    assert_non_null(strstr(cell, "Mycket sannolik (4) \xc3\x97 Begränsad (1) = 4, Medel: 0"
                                 "</title></rect>\n<rect "));
    /* The top-right cell: likelihood 4 × consequence 4 = 16, very high (#c62828), 5 risks
     * in white on it. */
    cell = nth_rect(svg, 3);
    assert_string_equal(attr(buf, sizeof buf, cell, "fill"), "#c62828");
    assert_non_null(strstr(cell, "= 16, Mycket hög: 5</title></rect>\n<text "));
    const char *text = strstr(cell, "</rect>\n<text ");
    assert_string_equal(attr(buf, sizeof buf, text + 8, "fill"), "#ffffff");
    assert_true(strncmp(strchr(text + 8, '>'), ">5</text>", 9) == 0);
    /* The bottom-left cell: 1 × 1 = 1, low (#2e7d32), 2 risks. */
    cell = nth_rect(svg, 12);
    assert_string_equal(attr(buf, sizeof buf, cell, "fill"), "#2e7d32");
    assert_non_null(strstr(cell, "Osannolik (1) \xc3\x97 Begränsad (1) = 1, Låg: 2</title>"));
    /* Likelihood 2 × consequence 3 (row 2 from the top, column 2) = 6, medium (#f9a825), 1
     * risk in black. */
    cell = nth_rect(svg, 2 * 4 + 2);
    assert_string_equal(attr(buf, sizeof buf, cell, "fill"), "#f9a825");
    text = strstr(cell, "</rect>\n<text ");
    assert_string_equal(attr(buf, sizeof buf, text + 8, "fill"), "#000000");
    assert_true(strncmp(strchr(text + 8, '>'), ">1</text>", 9) == 0);
    /* An empty cell carries no number: 4 × 2 = 8, high. */
    cell = nth_rect(svg, 1);
    assert_string_equal(attr(buf, sizeof buf, cell, "fill"), "#ef6c00");
    assert_non_null(strstr(cell, " = 8, Hög: 0</title></rect>\n<rect "));
    /* Bold text: the three counts and the two axis titles, in Swedish. */
    assert_int_equal(count(svg, "font-weight=\"bold\" fill=\"#"), 3 + 2);
    assert_non_null(strstr(svg, ">Mycket sannolik</text>"));
    assert_non_null(strstr(svg, ">Sannolikhet</text>"));
    assert_non_null(strstr(svg, ">Konsekvens</text>"));
    isms__free(svg);

    svg = svg_of(heatmap_residual, &m.r);
    assert_non_null(strstr(svg, "id=\"heatmap-residual\""));
    assert_int_equal(count(svg, "<rect "), 16);
    cell = nth_rect(svg, 2 * 4 + 1); /* likelihood 2 × consequence 2 = 4, medium */
    assert_non_null(strstr(cell, " = 4, Medel: 7</title></rect>\n<text "));
    isms__free(svg);

    m.r.lang = ISMS_LANG_EN;
    svg = svg_of(heatmap_inherent, &m.r);
    assert_non_null(strstr(svg, ">Likelihood</text>"));
    assert_non_null(strstr(svg, "= 16, Very high: 5</title>"));
    isms__free(svg);
    model_free(&m);
}

/* Long labels are cut to fit, between characters, with an ellipsis; the tooltips keep them
 * whole. */
static void test_svg_long_labels(void **state)
{
    (void)state;
    static const char *const rows[] = { "Ytterst osannolik att det någonsin händer",
                                        "Möjlig", "Trolig" };
    static const char *const cols[] = { "Försumbar", "Synnerligen allvarlig för kommunen",
                                        "Katastrofal" };
    isms_matrix_builder *b = NULL;
    assert_int_equal(isms_matrix_builder_new(&b, "long"), ISMS_OK);
    for (int i = 0; i < 3; i++) {
        assert_int_equal(isms_matrix_builder_add_level(b, ISMS_AXIS_LIKELIHOOD, i + 1, rows[i],
                                                       rows[i], NULL), ISMS_OK);
        assert_int_equal(isms_matrix_builder_add_level(b, ISMS_AXIS_CONSEQUENCE, i + 1,
                                                       cols[i], cols[i], NULL), ISMS_OK);
    }
    assert_int_equal(isms_matrix_builder_add_band(b, "all", 1, 9, "#888888", "Alla", "All"),
                     ISMS_OK);
    model m;
    model_init(&m, ISMS_LANG_SV);
    isms_matrix_free(m.matrix);
    assert_int_equal(isms_matrix_builder_build(&m.matrix, b), ISMS_OK);
    isms_matrix_builder_free(b);
    m.r.matrix = m.matrix;
    m.r.n_likelihood = m.r.n_consequence = 3;
    char *svg = svg_of(heatmap_inherent, &m.r);
    assert_true(isms__utf8_valid(svg, strlen(svg)));
    assert_int_equal(count(svg, "<rect "), 9);
    /* 26 characters and an ellipsis. */
    assert_non_null(strstr(svg, ">Ytterst osannolik att det \xe2\x80\xa6</text>"));
    assert_non_null(strstr(svg, "<title>Ytterst osannolik att det någonsin händer (1) "));
    /* Two lines: the words that fit in 13 characters, then the rest cut to 13. */
    assert_non_null(strstr(svg, "\">Synnerligen</tspan>"));
    assert_non_null(strstr(svg, "\">allvarlig för\xe2\x80\xa6</tspan>"));
    assert_non_null(strstr(svg, ">Katastrofal</text>"));
    isms__free(svg);
    model_free(&m);
}

static void compliance(isms__buf *b, const isms__report *r)
{
    isms__svg_compliance(b, r);
}

static isms_tally tally(unsigned assessed, double compliance)
{
    isms_tally t;
    memset(&t, 0, sizeof t);
    t.assessed = t.applicable = t.total = assessed;
    t.compliance = compliance;
    return t;
}

static void test_svg_compliance(void **state)
{
    (void)state;
    model m;
    model_init(&m, ISMS_LANG_SV);
    assert_int_equal(isms_assessment_new(&m.now, ISMS_EDITION_2022, 2024, ISMS_SCOPE_BOTH),
                     ISMS_OK);
    assert_int_equal(isms_assessment_new(&m.before, ISMS_EDITION_2022, 2023, ISMS_SCOPE_BOTH),
                     ISMS_OK);
    m.r.current = m.now;
    m.r.previous = m.before;
    /* names as the gatherer gives them in Swedish (report.c) */
    m.chapters[0] = (isms__report_chapter){ "4", "Organisationens förutsättningar",
                                            tally(4, 0.5), tally(4, 0.25), true };
    m.chapters[1] = (isms__report_chapter){ "A.5", "Organisatoriska åtgärder", tally(8, 1.0),
                                            tally(0, 0), false };
    m.chapters[2] = (isms__report_chapter){ "10", "<Improvement>", tally(0, 0), tally(2, 0.75),
                                            true };
    m.r.chapters = m.chapters;
    m.r.n_chapters = 3;
    char *svg = svg_of(compliance, &m.r);
    assert_non_null(strstr(svg, "<title>Efterlevnad per kapitel, 2024 jämfört med 2023</title>"));
    /* Two legend swatches, then the bars: chapter 4 both years, A.5 this year only, chapter
     * 10 last year only (nothing assessed this year). */
    assert_int_equal(count(svg, "<rect "), 2 + 2 + 1 + 1);
    char buf[64];
    /* The bars are 380 px at 100 %. */
    assert_string_equal(attr(buf, sizeof buf, nth_rect(svg, 2), "width"), "190.0");
    assert_string_equal(attr(buf, sizeof buf, nth_rect(svg, 2), "fill"), "#1f4e79");
    assert_string_equal(attr(buf, sizeof buf, nth_rect(svg, 3), "width"), "95.0");
    assert_string_equal(attr(buf, sizeof buf, nth_rect(svg, 3), "fill"), "#a9bcd0");
    assert_string_equal(attr(buf, sizeof buf, nth_rect(svg, 4), "width"), "380.0");
    assert_string_equal(attr(buf, sizeof buf, nth_rect(svg, 5), "width"), "285.0");
    /* Percentages written at the bars' ends, Swedish names of the chapters and themes. */
    assert_non_null(strstr(svg, ">50\xc2\xa0%</text>"));
    assert_non_null(strstr(svg, ">25\xc2\xa0%</text>"));
    assert_non_null(strstr(svg, ">100\xc2\xa0%</text>"));
    assert_non_null(strstr(svg, ">75\xc2\xa0%</text>"));
    assert_non_null(strstr(svg, ">4 Organisationens förutsättningar</text>"));
    assert_non_null(strstr(svg, ">A.5 Organisatoriska åtgärder</text>"));
    assert_non_null(strstr(svg, ">10 &lt;Improvement&gt;</text>")); /* escaped */
    assert_int_equal(count(svg, ">ej bedömt</text>"), 2); /* A.5 last year, 10 this year */
    isms__free(svg);

    /* English, and without last year: one swatch, the chapters' names as given. */
    m.r.lang = ISMS_LANG_EN;
    m.r.previous = NULL;
    m.chapters[0].title = "Context of the organization";
    svg = svg_of(compliance, &m.r);
    assert_non_null(strstr(svg, "<title>Compliance per chapter, 2024</title>"));
    assert_int_equal(count(svg, "<rect "), 1 + 1 + 1);
    assert_non_null(strstr(svg, ">4 Context of the organization</text>"));
    assert_non_null(strstr(svg, ">10 &lt;Improvement&gt;</text>"));
    assert_non_null(strstr(svg, ">50%</text>"));
    assert_int_equal(count(svg, ">not assessed</text>"), 1);
    isms__free(svg);
    model_free(&m);
}

/* The chart of an imported catalog's groups: their labels as given, the controls outside the
 * groups without an id, and last year left out when it is against another catalog. */
static void test_svg_compliance_groups(void **state)
{
    (void)state;
    model m;
    model_init(&m, ISMS_LANG_SV);
    isms_catalog *cat = hostile_catalog("Kommunens krav", "0b7e4c52-2f4c-4d5e-9a47-3c1d2e6f7a80");
    m.now = catalog_assessment(cat, 2024);
    isms_catalog_free(cat);
    assert_int_equal(isms_assessment_new(&m.before, ISMS_EDITION_2022, 2023, ISMS_SCOPE_BOTH),
                     ISMS_OK);
    m.r.current = m.now;
    m.r.previous = m.before;
    m.r.imported = true;
    m.r.other_catalog = true;
    m.chapters[0] = (isms__report_chapter){ "G1", "Första gruppen", tally(2, 0.75), tally(0, 0),
                                            false };
    m.chapters[1] = (isms__report_chapter){ "", "Kontroller utanför grupperna", tally(1, 0),
                                            tally(0, 0), false };
    m.r.chapters = m.chapters;
    m.r.n_chapters = 2;
    char *svg = svg_of(compliance, &m.r);
    assert_non_null(strstr(svg, "<title>Efterlevnad per grupp, 2024</title>"));
    /* one swatch, a bar for G1 (75 %) and none for the controls outside (0 %: a bar of no
     * width is still drawn) */
    assert_int_equal(count(svg, "<rect "), 1 + 2);
    char buf[64];
    assert_string_equal(attr(buf, sizeof buf, nth_rect(svg, 1), "width"), "285.0");
    assert_string_equal(attr(buf, sizeof buf, nth_rect(svg, 2), "width"), "0.0");
    assert_non_null(strstr(svg, ">G1 Första gruppen</text>"));
    assert_non_null(strstr(svg, ">Kontroller utanför grupperna</text>"));
    assert_null(strstr(svg, "> Kontroller"));
    assert_null(strstr(svg, "2023"));
    assert_int_equal(count(svg, ">ej bedömt</text>"), 0);
    isms__free(svg);

    /* the same catalog last year: both years, G1 compared */
    m.r.other_catalog = false;
    m.chapters[0].before = tally(2, 0.5);
    m.chapters[0].has_before = true;
    svg = svg_of(compliance, &m.r);
    assert_non_null(strstr(svg, "<title>Efterlevnad per grupp, 2024 jämfört med 2023</title>"));
    assert_int_equal(count(svg, "<rect "), 2 + 2 + 1);
    assert_int_equal(count(svg, ">ej bedömt</text>"), 1); /* outside the groups, last year */
    isms__free(svg);
    model_free(&m);
}

static void lec(isms__buf *b, const isms__report *r)
{
    isms__svg_lec(b, r);
}

/* The path's points: "M x y L x y …" → number of points; the first one in *x0, *y0. */
static size_t path_points(const char *svg, double *x0, double *y0)
{
    const char *d = strstr(svg, "<path d=\"M ");
    assert_non_null(d);
    d += 11;
    assert_int_equal(sscanf(d, "%lf %lf", x0, y0), 2);
    const char *end = strchr(d, '"');
    size_t n = 1;
    for (const char *p = d; p < end; p++) {
        if (*p == 'L')
            n++;
        /* every number has one decimal after a point */
        if (*p == '.')
            assert_true(isdigit((unsigned char)p[1]) && !isdigit((unsigned char)p[2]));
        assert_true(*p != ',');
    }
    return n;
}

/* The dashed (grid) lines of an SVG that run across it at one height: their count, and
 * whether one lies at y = `edge_a` or `edge_b` (the plot's frame). */
static size_t dashed_rows(const char *svg, double edge_a, double edge_b, bool *on_edge)
{
    size_t n = 0;
    *on_edge = false;
    for (const char *p = strstr(svg, "<line "); p; p = strstr(p + 1, "<line ")) {
        double x1, y1, x2, y2;
        const char *eol = strchr(p, '\n');
        const char *dash = strstr(p, "stroke-dasharray");
        if (sscanf(p, "<line x1=\"%lf\" y1=\"%lf\" x2=\"%lf\" y2=\"%lf\"", &x1, &y1, &x2,
                   &y2) != 4 || !dash || (eol && dash > eol) || y1 != y2)
            continue;
        n++;
        *on_edge |= fabs(y1 - edge_a) < 1e-9 || fabs(y1 - edge_b) < 1e-9;
    }
    return n;
}

static void test_svg_lec(void **state)
{
    (void)state;
    model m;
    model_init(&m, ISMS_LANG_SV);
    m.r.n_quant = 1;
    /* Linear: losses 0 … 390 000 in steps of 10 000; exceedance falls from 1 to 0. */
    for (int i = 0; i < ISMS__REPORT_LEC_POINTS; i++) {
        m.r.lec[i].loss = 10000.0 * i;
        m.r.lec[i].exceedance = 1.0 - i / 39.0;
    }
    m.r.portfolio.stats.ale = 100000;
    char *svg = svg_of(lec, &m.r);
    assert_non_null(strstr(svg, "<title>Förlustöverskridandekurva"));
    assert_non_null(strstr(svg, ">Årlig förlust</text>"));
    assert_null(strstr(svg, "logaritmisk"));
    double x, y;
    assert_int_equal(path_points(svg, &x, &y), 40);
    /* Loss 0 at the left edge (64), exceedance 100 % at the top (16). */
    assert_double_equal(x, 64.0, 1e-9);
    assert_double_equal(y, 16.0, 1e-9);
    /* Ticks 0–100 % and 0, 100 tn, …, 400 tn (the axis ends at a round 400 000). */
    assert_non_null(strstr(svg, ">100\xc2\xa0%</text>"));
    assert_non_null(strstr(svg, ">0\xc2\xa0%</text>"));
    assert_non_null(strstr(svg, ">400\xc2\xa0tn</text>"));
    assert_non_null(strstr(svg, ">ALE 100\xc2\xa0tn</text>"));
    assert_int_equal(count(svg, "<rect "), 1);
    /* Grid lines at 20, 40, 60 and 80 %; none over the frame at 0 % (274) and 100 % (16). */
    bool on_edge;
    assert_int_equal(dashed_rows(svg, 16.0, 274.0, &on_edge), 4);
    assert_false(on_edge);
    isms__free(svg);

    /* Log scale: losses 10 … 10^6 spread over five decades. */
    for (int i = 0; i < ISMS__REPORT_LEC_POINTS; i++) {
        m.r.lec[i].loss = pow(10, 1 + 5.0 * i / 39.0);
        m.r.lec[i].exceedance = 1.0 - i / 39.0;
    }
    m.r.lang = ISMS_LANG_EN;
    svg = svg_of(lec, &m.r);
    assert_non_null(strstr(svg, ">Annual loss (log scale)</text>"));
    assert_int_equal(path_points(svg, &x, &y), 40);
    assert_double_equal(x, 64.0, 1e-9); /* 10 = the axis' first decade */
    /* A tick for every decade 10 … 1M. */
    static const char *const ticks[] = { ">10</text>", ">100</text>", ">1k</text>",
                                         ">10k</text>", ">100k</text>", ">1M</text>" };
    for (size_t i = 0; i < 6; i++)
        assert_non_null(strstr(svg, ticks[i]));
    /* The last point: 1M at the right edge (640 − 20), exceedance 0 at the bottom. */
    const char *d = strstr(svg, "<path d=\"") + 9, *end = strchr(d, '"'), *last = end;
    while (last > d && *last != 'L')
        last--;
    assert_true(strncmp(last, "L 620.0 274.0\"", 14) == 0);
    isms__free(svg);

    /* No models: nothing. */
    m.r.n_quant = 0;
    svg = svg_of(lec, &m.r);
    assert_string_equal(svg, "");
    isms__free(svg);
    model_free(&m);
}

/* ---- helpers -------------------------------------------------------------------------------- */

static void test_number(void **state)
{
    (void)state;
    char b[64];
    isms__format_number(b, sizeof b, 12.34, 1, ".", "");
    assert_string_equal(b, "12.3");
    isms__format_number(b, sizeof b, 0, 1, ".", "");
    assert_string_equal(b, "0.0");
    isms__format_number(b, sizeof b, -0.04, 1, ".", "");
    assert_string_equal(b, "0.0");
    isms__format_number(b, sizeof b, -7.06, 1, ".", "");
    assert_string_equal(b, "-7.1");
    isms__format_number(b, sizeof b, 0.05, 2, ".", "");
    assert_string_equal(b, "0.05");
    isms__format_number(b, sizeof b, 1234567.891, 2, ",", "\xc2\xa0");
    assert_string_equal(b, "1\xc2\xa0" "234\xc2\xa0" "567,89");
    isms__format_number(b, sizeof b, 999.96, 1, ".", ",");
    assert_string_equal(b, "1,000.0");
    isms__format_number(b, sizeof b, 42, 0, ".", ",");
    assert_string_equal(b, "42");
    isms__format_number(b, sizeof b, NAN, 1, ".", "");
    assert_string_equal(b, "\xe2\x80\x93");
    isms__format_number(b, sizeof b, -INFINITY, 1, ".", "");
    assert_string_equal(b, "\xe2\x80\x93");
    isms__format_number(b, sizeof b, 1e20, 1, ".", "");
    assert_string_equal(b, "100000000000000000000");
    isms__format_number(b, 5, 123456.7, 1, ".", ""); /* cut to fit */
    assert_string_equal(b, "1234");
}

static void test_colors(void **state)
{
    (void)state;
    assert_true(isms__svg_color_ok("#c62828"));
    assert_true(isms__svg_color_ok("#ABCDEF"));
    assert_false(isms__svg_color_ok("#c6282"));
    assert_false(isms__svg_color_ok("#c628280"));
    assert_false(isms__svg_color_ok("red"));
    assert_false(isms__svg_color_ok("#c6282g"));
    assert_false(isms__svg_color_ok("\"><x"));
    assert_false(isms__svg_color_ok(NULL));
    assert_string_equal(isms__svg_ink("#c62828"), "#ffffff"); /* dark red */
    assert_string_equal(isms__svg_ink("#2e7d32"), "#ffffff"); /* green */
    assert_string_equal(isms__svg_ink("#f9a825"), "#000000"); /* yellow */
    assert_string_equal(isms__svg_ink("#ef6c00"), "#000000"); /* orange */
    assert_string_equal(isms__svg_ink("#ffffff"), "#000000");
    assert_string_equal(isms__svg_ink("#000000"), "#ffffff");
    assert_string_equal(isms__svg_ink("nonsense"), "#000000");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hostile_text),
        cmocka_unit_test(test_hostile_places),
        cmocka_unit_test(test_hostile_matrix),
        cmocka_unit_test(test_structure),
        cmocka_unit_test(test_empty_document),
        cmocka_unit_test(test_write_alloc_failure),
        cmocka_unit_test(test_hostile_catalog),
        cmocka_unit_test(test_words),
        cmocka_unit_test(test_svg_heatmap),
        cmocka_unit_test(test_svg_long_labels),
        cmocka_unit_test(test_svg_compliance),
        cmocka_unit_test(test_svg_compliance_groups),
        cmocka_unit_test(test_svg_lec),
        cmocka_unit_test(test_number),
        cmocka_unit_test(test_colors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
