/*
 * The management review as one self-contained HTML file: inline CSS, inline SVG charts
 * (svg.c), no scripts and no references outside the file. A Content-Security-Policy meta
 * element forbids scripts and network loads anyway, so that even a mistake in escaping
 * could not run anything. The page reads well at 1280 px and prints on A4: headings keep
 * with what follows them, figures and rows do not break across pages, table headers repeat,
 * and colour is never the only carrier of meaning (bands are named, heat map cells carry
 * their counts, late items carry a word).
 *
 * Every piece of user text goes through isms__escape_html(), attributes included.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report-internal.h"

/* ---- small helpers ------------------------------------------------------------------------ */

/* A format in the report's language (a macro, so that the compiler checks both formats). */
#define FMT(r, sv, en) ((r)->lang == ISMS_LANG_EN ? (en) : (sv))

static const char *tr(const isms__report *r, const char *sv, const char *en)
{
    return r->lang == ISMS_LANG_EN ? en : sv;
}

/* A word shared with the other formats (report.c). */
#define W(key) isms__report_word(r, key)

static void put(isms__buf *out, const char *s)
{
    isms__buf_puts(out, s);
}

static void esc(isms__buf *out, const char *text)
{
    isms__escape_html(out, text ? text : "");
}

static bool blank(const char *s)
{
    return !s || isms__text_blank(s);
}

/* <tag>escaped text</tag>. */
static void element(isms__buf *out, const char *tag, const char *text)
{
    isms__buf_printf(out, "<%s>", tag);
    esc(out, text);
    isms__buf_printf(out, "</%s>", tag);
}

static void cell_text(isms__buf *out, const char *text)
{
    put(out, "<td>");
    esc(out, text);
    put(out, "</td>");
}

static void cell_count(isms__buf *out, size_t n)
{
    isms__buf_printf(out, "<td class=\"num\">%zu</td>", n);
}

static void cell_pct(isms__buf *out, const isms__report *r, double fraction)
{
    char b[64];
    isms__report_pct(b, sizeof b, r, fraction);
    put(out, "<td class=\"num\">");
    esc(out, b);
    put(out, "</td>");
}

static void th(isms__buf *out, const char *text, bool numeric)
{
    put(out, numeric ? "<th class=\"num\">" : "<th>");
    esc(out, text);
    put(out, "</th>");
}

/* The start of a table with a header row; tables of many rows may break across pages (their
 * rows do not). */
static void table_open(isms__buf *out, size_t rows)
{
    put(out, rows > 12 ? "<table class=\"long\">\n<thead><tr>" : "<table>\n<thead><tr>");
}

static void table_body(isms__buf *out)
{
    put(out, "</tr></thead>\n<tbody>\n");
}

static void table_close(isms__buf *out)
{
    put(out, "</tbody>\n</table>\n");
}

static void para(isms__buf *out, const char *cls, const char *text)
{
    if (cls)
        isms__buf_printf(out, "<p class=\"%s\">", cls);
    else
        put(out, "<p>");
    esc(out, text);
    put(out, "</p>\n");
}

/* A tag word: <span class="tag CLS">word</span> (words are the report's own). */
static void tag(isms__buf *out, const char *cls, const char *word)
{
    isms__buf_printf(out, " <span class=\"tag %s\">", cls);
    esc(out, word);
    put(out, "</span>");
}

/* Person-days: whole numbers without decimals, else one. */
static void days_text(char *buf, size_t size, const isms__report *r, double v)
{
    if (isfinite(v) && v == floor(v))
        isms__report_int(buf, size, r, v);
    else
        isms__report_dec(buf, size, r, v, 1);
}

static void date_text(char *buf, size_t size, isms_date d)
{
    if (isms_date_format(buf, size, d) != ISMS_OK || !buf[0])
        snprintf(buf, size, "%s", "\xe2\x80\x93");
}

/* The sections in order, numbered 1–10 as in the other formats: anchor and word. */
typedef struct section_def {
    const char *id, *word;
} section_def;

static const section_def sections[] = {
    { "about", "sec-about" },       { "summary", "sec-summary" },
    { "context", "sec-context" },   { "risks", "sec-risks" },
    { "gaps", "sec-gap" },          { "classification", "sec-class" },
    { "plan", "sec-plan" },         { "quantitative", "sec-quant" },
    { "findings", "sec-findings" }, { "decision", "sec-decision" },
};
#define N_SECTIONS (sizeof sections / sizeof sections[0])

/* Opens section `number` (1–10) with its heading "4. Risker". */
static void h2(isms__buf *out, const isms__report *r, int number)
{
    const section_def *s = &sections[number - 1];
    isms__buf_printf(out, "<section id=\"%s\">\n<h2>%d. ", s->id, number);
    esc(out, W(s->word));
    put(out, "</h2>\n");
}

static void h3(isms__buf *out, const char *title)
{
    element(out, "h3", title);
    put(out, "\n");
}

/* The band's colour swatch and label; the label carries the meaning, the colour helps. */
static void band_badge(isms__buf *out, const isms__report *r, int band)
{
    isms_band b;
    if (band < 0 || !r->matrix || isms_matrix_band(&b, r->matrix, (size_t)band) != ISMS_OK)
        return;
    const char *color = isms__svg_color_ok(b.color) ? b.color : "#cccccc";
    isms__buf_printf(out, "<span class=\"swatch\" style=\"background:%s\"></span>", color);
    esc(out, isms__report_band_label(r, band));
}

/* A cell with a risk's value on the band's colour, the band named: "12 Mycket hög" with the
 * levels "3 × 4" below. A residual value without residual levels is the inherent one (no
 * levels shown); a risk without a value shows "–" (and its levels when they are off the
 * scales). */
static void value_cell(isms__buf *out, const isms__report *r, const isms_risk *risk,
                       isms_which which)
{
    int l = which == ISMS_RESIDUAL ? isms_risk_residual_likelihood(risk)
                                   : isms_risk_likelihood(risk);
    int c = which == ISMS_RESIDUAL ? isms_risk_residual_consequence(risk)
                                   : isms_risk_consequence(risk);
    bool levels = l != ISMS_LEVEL_UNSET && c != ISMS_LEVEL_UNSET;
    int value = isms_risk_value(risk, which);
    int band = value == ISMS_VALUE_UNSET ? -1 : isms_matrix_band_of(r->matrix, value);
    isms_band b;
    if (band < 0 || isms_matrix_band(&b, r->matrix, (size_t)band) != ISMS_OK) {
        put(out, "<td class=\"muted\">\xe2\x80\x93");
        if (levels)
            isms__buf_printf(out, "<br><span class=\"levels\">%d \xc3\x97 %d</span>", l, c);
        put(out, "</td>");
        return;
    }
    const char *color = isms__svg_color_ok(b.color) ? b.color : "#cccccc";
    isms__buf_printf(out, "<td class=\"band\" style=\"background:%s;color:%s\">%d ", color,
                     isms__svg_ink(color), value);
    esc(out, isms__report_band_label(r, band));
    if (levels)
        isms__buf_printf(out, "<br><span class=\"levels\">%d \xc3\x97 %d</span>", l, c);
    put(out, "</td>");
}

/* ---- style -------------------------------------------------------------------------------- */

/* The style sheet, a rule or two a string (compilers need not take long literals). */
static const char *const css[] = {
    ":root{--ink:#1a1a1a;--muted:#555;--line:#c4c9ce;--head:#eef1f4;--accent:#1f4e79;"
    "--late:#a3161a}\n",
    "*{box-sizing:border-box}\n",
    "html{font-family:\"Helvetica Neue\",Helvetica,Arial,\"Liberation Sans\",sans-serif;"
    "font-size:15px;line-height:1.45;color:var(--ink);background:#fff}\n",
    "body{margin:0 auto;max-width:1200px;padding:28px 36px 48px}\n",
    "header.title{border-bottom:3px solid var(--accent);padding-bottom:14px;margin-bottom:8px}\n",
    ".org{font-size:1.05rem;color:var(--muted);margin:0}\n",
    "h1{font-size:2.1rem;line-height:1.15;margin:.15em 0 .4em;color:var(--accent)}\n",
    "h2{font-size:1.45rem;margin:1.9em 0 .6em;padding-bottom:.2em;"
    "border-bottom:1px solid var(--line);color:var(--accent)}\n",
    "h3{font-size:1.12rem;margin:1.4em 0 .5em}\n",
    "h2,h3,figcaption{break-after:avoid;page-break-after:avoid}\n",
    "p{margin:.4em 0 .8em}\n",
    "dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:3px 18px;margin:0}\n",
    "dl.meta dt{font-weight:bold;color:var(--muted)}\n",
    "dl.meta dd{margin:0;white-space:pre-wrap}\n",
    "nav.toc ol{columns:2;margin:.6em 0 0;padding-left:1.4em}\n",
    "nav.toc a{color:var(--ink);text-decoration:none}\n",
    ".cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(260px,1fr));gap:14px}\n",
    ".card{border:1px solid var(--line);border-top:4px solid var(--accent);border-radius:4px;"
    "padding:10px 14px;break-inside:avoid;page-break-inside:avoid}\n",
    ".card h3{margin:0 0 .3em;font-size:.95rem;color:var(--muted)}\n",
    ".big{font-size:2rem;font-weight:bold;line-height:1.15}\n",
    ".sub{color:var(--muted);font-size:.9rem;margin:.2em 0}\n",
    ".card table{font-size:.85rem;margin:.4em 0 0}\n",
    "table{border-collapse:collapse;width:100%;margin:.5em 0 1.1em;font-size:.88rem;"
    "break-inside:avoid;page-break-inside:avoid}\n",
    "table.long{break-inside:auto;page-break-inside:auto}\n",
    "table.narrow{width:auto;min-width:40%}\n",
    "thead{display:table-header-group}\n",
    "tr{break-inside:avoid;page-break-inside:avoid}\n",
    "th,td{border:1px solid var(--line);padding:4px 7px;text-align:left;vertical-align:top}\n",
    "th{background:var(--head)}\n",
    ".num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}\n",
    "td.band{font-weight:bold;white-space:nowrap}\n",
    ".levels{font-weight:normal;font-size:.8rem}\n",
    "tr.total td{font-weight:bold;background:var(--head)}\n",
    ".swatch{display:inline-block;width:.9em;height:.9em;border:1px solid #444;"
    "vertical-align:-1px;margin-right:.35em}\n",
    ".tag{display:inline-block;border:1px solid currentColor;border-radius:3px;"
    "padding:0 4px;font-size:.78rem;font-weight:bold;white-space:nowrap}\n",
    ".tag.late{color:var(--late)}\n",
    ".tag.recurring,.tag.progress{color:var(--accent)}\n",
    ".tag.over{color:var(--late)}\n",
    ".muted{color:var(--muted)}\n",
    "tr.late td:first-child{border-left:3px solid var(--late)}\n",
    "figure{margin:0 0 1em;break-inside:avoid;page-break-inside:avoid}\n",
    "figcaption{font-weight:bold;margin-bottom:4px}\n",
    ".figures{display:flex;flex-wrap:wrap;gap:18px 36px;align-items:flex-start}\n",
    ".figures figure{flex:0 1 auto;min-width:0}\n",
    "svg.chart{max-width:100%;height:auto;display:block}\n",
    "ul.legend{list-style:none;padding:0;margin:.2em 0 1em;display:flex;flex-wrap:wrap;"
    "gap:4px 18px;font-size:.88rem}\n",
    ".load{display:inline-block;width:220px;height:.8em;border:1px solid #444;"
    "vertical-align:middle;margin:0 .5em;background:#fff}\n",
    ".load span{display:block;height:100%;background:var(--accent)}\n",
    ".load.over span{background:var(--late)}\n",
    "table.findings td:first-child{width:15em}\n",
    "table.findings td:nth-child(2){width:9em}\n",
    "dl.context dt{font-weight:bold;margin-top:.6em}\n",
    "dl.context dd{margin:0 0 .4em 0;white-space:pre-wrap}\n",
    ".decision{border-left:4px solid var(--accent);padding:8px 14px;background:#f5f7f9;"
    "white-space:pre-wrap}\n",
    ".fill{margin:1.1em 0;break-inside:avoid;page-break-inside:avoid}\n",
    ".fill .label{font-weight:bold}\n",
    ".fill .line{border-bottom:1px solid var(--ink);height:2.1em}\n",
    ".signatures{display:grid;grid-template-columns:1fr 1fr;gap:0 40px}\n",
    "footer{margin-top:3em;padding-top:6px;border-top:1px solid var(--line);"
    "color:var(--muted);font-size:.8rem}\n",
    "@page{size:A4;margin:16mm 14mm 18mm 14mm}\n",
    "@media print{\n",
    "html{font-size:9.5pt}\n",
    "body{max-width:none;padding:0}\n",
    "*{-webkit-print-color-adjust:exact;print-color-adjust:exact}\n",
    "nav.toc{display:none}\n",
    ".figures{flex-wrap:nowrap;gap:18px}\n",
    ".cards{grid-template-columns:repeat(3,1fr)}\n",
    "h2{margin-top:1.3em}\n",
    "section#decision{break-before:page;page-break-before:always}\n",
    "}\n",
};

/* ---- head, title block and 1. about ----------------------------------------------------- */

static void head(isms__buf *out, const isms__report *r)
{
    const char *code = isms_lang_code(r->lang);
    isms__buf_printf(out, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n", code ? code : "sv");
    put(out, "<meta charset=\"utf-8\">\n"
             "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
             "style-src 'unsafe-inline'; img-src data:\">\n"
             "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    isms__buf_printf(out, "<meta name=\"generator\" content=\"libisms %s\">\n", isms_version());
    put(out, "<title>");
    esc(out, r->title);
    const char *org = isms_document_get(r->doc, ISMS_DOC_ORGANISATION);
    if (!blank(org)) {
        put(out, " \xe2\x80\x93 ");
        esc(out, org);
    }
    put(out, "</title>\n<style>\n");
    for (size_t i = 0; i < sizeof css / sizeof css[0]; i++)
        put(out, css[i]);
    put(out, "</style>\n</head>\n<body>\n");
}

static void meta_row(isms__buf *out, const char *label, const char *value)
{
    if (blank(value))
        return;
    element(out, "dt", label);
    element(out, "dd", value);
    put(out, "\n");
}

/* The title and the table of contents (the screen's; print leaves it out). */
static void title_block(isms__buf *out, const isms__report *r)
{
    const char *org = isms_document_get(r->doc, ISMS_DOC_ORGANISATION);
    const char *unit = isms_document_get(r->doc, ISMS_DOC_UNIT);
    put(out, "<header class=\"title\">\n");
    if (!blank(org) || !blank(unit)) {
        put(out, "<p class=\"org\">");
        esc(out, org);
        if (!blank(org) && !blank(unit))
            put(out, " \xc2\xb7 ");
        esc(out, unit);
        put(out, "</p>\n");
    }
    element(out, "h1", r->title);
    put(out, "\n<nav class=\"toc\"><ol>\n");
    for (size_t i = 0; i < N_SECTIONS; i++) {
        isms__buf_printf(out, "<li><a href=\"#%s\">", sections[i].id);
        esc(out, W(sections[i].word));
        put(out, "</a></li>\n");
    }
    put(out, "</ol></nav>\n</header>\n");
}

/* 1. About: organisation, unit, year, date, author, scope. */
static void about(isms__buf *out, const isms__report *r)
{
    const isms_document *doc = r->doc;
    static const struct {
        const char *word;
        isms_document_field field;
    } fields[] = {
        { "organisation", ISMS_DOC_ORGANISATION },
        { "unit", ISMS_DOC_UNIT },
        { "author", ISMS_DOC_AUTHOR },
        { "scope", ISMS_DOC_SCOPE },
    };
    h2(out, r, 1);
    put(out, "<dl class=\"meta\">\n");
    char year[16], date[16];
    snprintf(year, sizeof year, "%d", isms_document_year(doc));
    date_text(date, sizeof date, r->today);
    for (size_t i = 0; i < 4; i++) {
        if (i == 2) {
            meta_row(out, W("year"), year);
            meta_row(out, W("date"), date);
        }
        const char *v = isms_document_get(doc, fields[i].field);
        meta_row(out, W(fields[i].word), blank(v) ? W("not-stated") : v);
    }
    put(out, "</dl>\n</section>\n");
}

/* ---- 2. summary --------------------------------------------------------------------------- */

static void card_open(isms__buf *out, const char *title, const char *big)
{
    put(out, "<div class=\"card\">\n");
    element(out, "h3", title);
    put(out, "\n<div class=\"big\">");
    esc(out, big);
    put(out, "</div>\n");
}

static void card_close(isms__buf *out)
{
    put(out, "</div>\n");
}

/* A line of a card: "label: value". */
static void card_line(isms__buf *out, const char *label, const char *value)
{
    put(out, "<p class=\"sub\">");
    esc(out, label);
    put(out, ": ");
    esc(out, value);
    put(out, "</p>\n");
}

static void card_risks(isms__buf *out, const isms__report *r)
{
    char big[32], v[64];
    snprintf(big, sizeof big, "%zu", r->n_risks);
    card_open(out, W("risks-total"), big);
    snprintf(v, sizeof v, "%zu / %zu", r->above_inherent, r->above_residual);
    card_line(out, W("risks-above"), v);
    put(out, "<table><thead><tr>");
    th(out, W("band"), false);
    th(out, W("inherent"), true);
    th(out, W("residual"), true);
    table_body(out);
    for (size_t b = r->n_bands; b-- > 0;) {
        put(out, "<tr><td>");
        band_badge(out, r, (int)b);
        put(out, "</td>");
        cell_count(out, r->band_inherent ? r->band_inherent[b] : 0);
        cell_count(out, r->band_residual ? r->band_residual[b] : 0);
        put(out, "</tr>\n");
    }
    if (r->unscored || r->unscored_residual) {
        put(out, "<tr>");
        cell_text(out, W("unscored"));
        cell_count(out, r->unscored);
        cell_count(out, r->unscored_residual);
        put(out, "</tr>\n");
    }
    table_close(out);
    card_close(out);
}

/* "+14,5 procentenheter" (or "+14,5" without the unit) between two compliance figures. */
static void change_text(char *buf, size_t size, const isms__report *r, double now,
                        double before, bool unit)
{
    double d = round((now - before) * 1000) / 10;
    char a[64];
    isms__report_dec(a, sizeof a, r, fabs(d), d == round(d) ? 0 : 1);
    snprintf(buf, size, "%s%s%s%s", d > 0 ? "+" : d < 0 ? "\xe2\x88\x92" : "\xc2\xb1", a,
             unit ? " " : "", unit ? W("percentage-points") : "");
}

static void card_compliance(isms__buf *out, const isms__report *r)
{
    char big[64], label[128], v[128];
    if (!r->current) {
        card_open(out, W("compliance"), "\xe2\x80\x93");
        para(out, "sub", W("no-gap"));
        card_close(out);
        return;
    }
    isms__report_pct(big, sizeof big, r,
                     r->now.total.assessed ? r->now.total.compliance : NAN);
    snprintf(label, sizeof label, "%s %d", W("compliance"), isms_assessment_year(r->current));
    card_open(out, label, big);
    if (r->previous) {
        snprintf(label, sizeof label, "%s %d", W("compliance"),
                 isms_assessment_year(r->previous));
        isms__report_pct(v, sizeof v, r,
                         r->before.total.assessed ? r->before.total.compliance : NAN);
        card_line(out, label, v);
        if (r->now.total.assessed && r->before.total.assessed) {
            change_text(v, sizeof v, r, r->now.total.compliance, r->before.total.compliance,
                        true);
            card_line(out, W("change"), v);
        }
    }
    isms__report_pct(v, sizeof v, r, r->now.total.applicable ? r->now.total.coverage : NAN);
    card_line(out, W("coverage"), v);
    card_close(out);
}

static void card_classification(isms__buf *out, const isms__report *r)
{
    char big[64], v[128];
    if (r->information_total == 0) {
        card_open(out, W("classified-info"), "\xe2\x80\x93");
    } else {
        isms__report_pct(big, sizeof big, r,
                         (double)r->information_classified / (double)r->information_total);
        card_open(out, W("classified-info"), big);
    }
    snprintf(v, sizeof v, "%zu %s %zu", r->information_classified, W("of"),
             r->information_total);
    card_line(out, W("information-assets"), v);
    snprintf(v, sizeof v, "%zu", r->inventory.with_pdata);
    card_line(out, W("with-pdata"), v);
    card_close(out);
}

static void card_overdue(isms__buf *out, const isms__report *r)
{
    char big[32], v[32];
    snprintf(big, sizeof big, "%zu", r->overdue_gaps + r->overdue_actions + r->overdue_reviews);
    card_open(out, tr(r, "Försenat", "Overdue"), big);
    snprintf(v, sizeof v, "%zu", r->overdue_gaps);
    card_line(out, W("overdue-gaps"), v);
    snprintf(v, sizeof v, "%zu", r->overdue_actions);
    card_line(out, W("overdue-actions"), v);
    snprintf(v, sizeof v, "%zu", r->overdue_reviews);
    card_line(out, W("overdue-reviews"), v);
    snprintf(v, sizeof v, "%zu", r->open_actions);
    card_line(out, W("open-actions"), v);
    card_close(out);
}

static void card_findings(isms__buf *out, const isms__report *r)
{
    char big[32], v[32];
    size_t n[3] = { isms_findings_count_severity(r->findings, ISMS_SEVERITY_ERROR),
                    isms_findings_count_severity(r->findings, ISMS_SEVERITY_WARNING),
                    isms_findings_count_severity(r->findings, ISMS_SEVERITY_INFO) };
    static const char *const words[3] = { "errors", "warnings", "infos" };
    snprintf(big, sizeof big, "%zu", n[0] + n[1] + n[2]);
    card_open(out, W("sec-findings"), big);
    for (int i = 0; i < 3; i++) {
        snprintf(v, sizeof v, "%zu", n[i]);
        card_line(out, W(words[i]), v);
    }
    card_close(out);
}

static void card_ale(isms__buf *out, const isms__report *r)
{
    char big[64];
    isms__report_int(big, sizeof big, r, r->portfolio.stats.ale);
    card_open(out, W("ale-total"), big);
    card_close(out);
}

static void summary(isms__buf *out, const isms__report *r)
{
    h2(out, r, 2);
    put(out, "<div class=\"cards\">\n");
    card_risks(out, r);
    card_compliance(out, r);
    card_classification(out, r);
    card_overdue(out, r);
    card_findings(out, r);
    if (r->simulation && r->n_quant > 0)
        card_ale(out, r);
    put(out, "</div>\n</section>\n");
}

/* ---- 3. context --------------------------------------------------------------------------- */

static void context(isms__buf *out, const isms__report *r)
{
    h2(out, r, 3);
    size_t n = isms_document_context_count(r->doc);
    if (n == 0) {
        para(out, "muted", W("no-context"));
    } else {
        put(out, "<dl class=\"context\">\n");
        for (size_t i = 0; i < n; i++) {
            const char *title = NULL, *text = NULL;
            if (isms_document_context(&title, &text, r->doc, i) != ISMS_OK)
                continue;
            element(out, "dt", title);
            put(out, "\n");
            if (!blank(text)) {
                element(out, "dd", text);
                put(out, "\n");
            }
        }
        put(out, "</dl>\n");
    }
    put(out, "</section>\n");
}

/* ---- 4. risks ----------------------------------------------------------------------------- */

static void band_legend(isms__buf *out, const isms__report *r)
{
    put(out, "<ul class=\"legend\">\n");
    for (size_t b = 0; b < r->n_bands; b++) {
        isms_band band;
        if (isms_matrix_band(&band, r->matrix, b) != ISMS_OK)
            continue;
        put(out, "<li>");
        band_badge(out, r, (int)b);
        if (band.min_value == band.max_value)
            isms__buf_printf(out, " (%d)</li>\n", band.min_value);
        else
            isms__buf_printf(out, " (%d\xe2\x80\x93%d)</li>\n", band.min_value, band.max_value);
    }
    put(out, "</ul>\n");
}

static void risks(isms__buf *out, const isms__report *r)
{
    char line[512];
    h2(out, r, 4);
    if (r->n_risks == 0) {
        para(out, "muted", W("no-risks"));
        put(out, "</section>\n");
        return;
    }
    snprintf(line, sizeof line,
             FMT(r, "%zu risker, sorterade efter riskvärde. Risker med värde upp till %d kan "
                   "accepteras utan behandling.",
                "%zu risks, sorted by value. Risks with a value up to %d may be retained "
                "without treatment."),
             r->n_risks, isms_matrix_acceptance(r->matrix));
    para(out, NULL, line);
    put(out, "<div class=\"figures\">\n<figure>\n");
    element(out, "figcaption", W("sub-heat-inherent"));
    put(out, "\n");
    isms__svg_heatmap(out, r, false);
    put(out, "</figure>\n<figure>\n");
    element(out, "figcaption", W("sub-heat-residual"));
    put(out, "\n");
    isms__svg_heatmap(out, r, true);
    put(out, "</figure>\n</div>\n");
    band_legend(out, r);

    table_open(out, r->n_risks);
    th(out, W("id"), false);
    th(out, W("risk"), false);
    th(out, W("inherent"), false);
    th(out, W("residual"), false);
    th(out, W("treatment"), false);
    th(out, W("owner"), false);
    th(out, W("status"), false);
    table_body(out);
    for (size_t i = 0; i < r->n_risks; i++) {
        const isms_risk *risk = r->risks[i];
        put(out, "<tr>");
        cell_text(out, isms_risk_id(risk));
        put(out, "<td>");
        esc(out, isms_risk_title(risk));
        const char *cons = isms_risk_consequence_text(risk);
        if (!blank(cons)) {
            put(out, "<br><span class=\"muted\">");
            esc(out, cons);
            put(out, "</span>");
        }
        put(out, "</td>");
        value_cell(out, r, risk, ISMS_INHERENT);
        value_cell(out, r, risk, ISMS_RESIDUAL);
        put(out, "<td>");
        const char *option = isms_treatment_label(isms_risk_treatment(risk), r->lang);
        const char *text = isms_risk_treatment_text(risk);
        if (!blank(option)) {
            put(out, "<strong>");
            esc(out, option);
            put(out, "</strong>");
            if (!blank(text))
                put(out, ": ");
        }
        esc(out, text);
        put(out, "</td>");
        cell_text(out, isms_risk_owner(risk));
        cell_text(out, isms_risk_status_label(isms_risk_get_status(risk), r->lang));
        put(out, "</tr>\n");
    }
    table_close(out);
    put(out, "</section>\n");
}

/* ---- 5. gap analysis ---------------------------------------------------------------------- */

static void dash_cell(isms__buf *out)
{
    put(out, "<td class=\"num muted\">\xe2\x80\x93</td>");
}

static void chapter_table(isms__buf *out, const isms__report *r)
{
    char year_now[32], year_before[32];
    snprintf(year_now, sizeof year_now, "%d", isms_assessment_year(r->current));
    snprintf(year_before, sizeof year_before, "%d",
             r->previous ? isms_assessment_year(r->previous) : 0);
    static const isms_status statuses[] = { ISMS_STATUS_YES, ISMS_STATUS_PARTIAL,
                                            ISMS_STATUS_NO, ISMS_STATUS_NOT_APPLICABLE,
                                            ISMS_STATUS_NOT_ASSESSED };
    table_open(out, r->n_chapters);
    th(out, W("chapter"), false);
    for (size_t k = 0; k < 5; k++)
        th(out, isms_status_label(statuses[k], r->lang), true);
    th(out, year_now, true);
    if (r->previous) {
        th(out, year_before, true);
        char head[128];
        snprintf(head, sizeof head, "%s (%s)", W("change"), W("percentage-points"));
        th(out, head, true);
    }
    table_body(out);
    for (size_t i = 0; i < r->n_chapters; i++) {
        const isms__report_chapter *ch = &r->chapters[i];
        put(out, "<tr><td>");
        esc(out, ch->id);
        put(out, " ");
        esc(out, isms__report_chapter_name(r, ch));
        put(out, "</td>");
        for (size_t k = 0; k < 5; k++)
            cell_count(out, ch->now.counts[statuses[k]]);
        if (ch->now.assessed)
            cell_pct(out, r, ch->now.compliance);
        else
            dash_cell(out);
        if (r->previous) {
            bool before = ch->has_before && ch->before.assessed;
            if (before)
                cell_pct(out, r, ch->before.compliance);
            else
                dash_cell(out);
            if (before && ch->now.assessed) {
                char v[128];
                change_text(v, sizeof v, r, ch->now.compliance, ch->before.compliance, false);
                put(out, "<td class=\"num\">");
                esc(out, v);
                put(out, "</td>");
            } else {
                dash_cell(out);
            }
        }
        put(out, "</tr>\n");
    }
    table_close(out);
}

static void gap_table(isms__buf *out, const isms__report *r)
{
    h3(out, W("sub-gaps"));
    if (r->n_gaps == 0) {
        para(out, "muted", W("no-gaps"));
        return;
    }
    char line[256];
    snprintf(line, sizeof line,
             FMT(r, "%zu krav är delvis uppfyllda eller inte uppfyllda; %zu av dem är "
                    "försenade.",
                 "%zu requirements are partly met or not met; %zu of them are overdue."),
             r->n_gaps, r->overdue_gaps);
    para(out, NULL, line);
    table_open(out, r->n_gaps);
    th(out, W("requirement"), false);
    th(out, W("status"), false);
    th(out, W("need"), false);
    th(out, tr(r, "Kommentar", "Comment"), false);
    th(out, W("action-plan"), false);
    th(out, W("owner"), false);
    th(out, W("due"), false);
    table_body(out);
    for (size_t i = 0; i < r->n_gaps; i++) {
        const isms_entry *e = r->gaps[i].entry;
        const char *text = isms_entry_get(e, ISMS_FIELD_TEXT);
        if (blank(text) && isms_entry_item(e))
            text = isms_item_title(isms_entry_item(e));
        put(out, r->gaps[i].overdue ? "<tr class=\"late\"><td><strong>" : "<tr><td><strong>");
        esc(out, isms_entry_ref(e));
        put(out, "</strong> ");
        esc(out, text);
        put(out, "</td>");
        cell_text(out, isms_status_label(isms_entry_status(e), r->lang));
        cell_text(out, isms_need_label(isms_entry_need(e), r->lang));
        cell_text(out, isms_entry_get(e, ISMS_FIELD_COMMENT));
        cell_text(out, isms_entry_get(e, ISMS_FIELD_PLAN));
        cell_text(out, isms_entry_get(e, ISMS_FIELD_OWNER));
        put(out, "<td>");
        esc(out, isms_entry_get(e, ISMS_FIELD_DUE));
        if (r->gaps[i].overdue)
            tag(out, "late", W("overdue"));
        put(out, "</td></tr>\n");
    }
    table_close(out);
}

static void changes(isms__buf *out, const isms__report *r)
{
    if (!r->previous)
        return;
    h3(out, W("sub-changes"));
    if (!r->comparison) {
        para(out, NULL, W("no-comparison"));
        return;
    }
    static const isms_change kinds[] = { ISMS_CHANGE_IMPROVED, ISMS_CHANGE_REGRESSED,
                                         ISMS_CHANGE_NEW, ISMS_CHANGE_REMOVED,
                                         ISMS_CHANGE_UNCHANGED };
    char line[64];
    snprintf(line, sizeof line, "%s %d", W("compared-with"), isms_assessment_year(r->previous));
    put(out, "<table><thead><tr>");
    th(out, line, false);
    th(out, W("count"), true);
    table_body(out);
    for (size_t k = 0; k < 5; k++) {
        put(out, "<tr>");
        cell_text(out, isms_change_label(kinds[k], r->lang));
        cell_count(out, isms_comparison_count_change(r->comparison, kinds[k]));
        put(out, "</tr>\n");
    }
    table_close(out);
}

static void soa(isms__buf *out, const isms__report *r)
{
    h3(out, W("sub-soa"));
    size_t total = r->soa_applicable + r->soa_excluded + r->soa_undecided;
    if (!(isms_assessment_scope(r->current) & ISMS_SCOPE_ANNEX_A)) {
        para(out, "muted", W("no-soa"));
        return;
    }
    put(out, "<table><thead><tr>");
    th(out, W("applicability"), false);
    th(out, W("count"), true);
    table_body(out);
    static const isms_applicability kinds[] = { ISMS_APPLICABILITY_APPLICABLE,
                                                ISMS_APPLICABILITY_EXCLUDED };
    size_t counts[3] = { r->soa_applicable, r->soa_excluded, r->soa_undecided };
    for (int i = 0; i < 3; i++) {
        put(out, "<tr>");
        cell_text(out, i < 2 ? isms_applicability_label(kinds[i], r->lang) : W("undecided"));
        cell_count(out, counts[i]);
        put(out, "</tr>\n");
    }
    put(out, "<tr class=\"total\">");
    cell_text(out, W("total"));
    cell_count(out, total);
    put(out, "</tr>\n");
    table_close(out);
}

static void gaps(isms__buf *out, const isms__report *r)
{
    char line[512];
    h2(out, r, 5);
    if (!r->current) {
        para(out, "muted", W("no-gap"));
        put(out, "</section>\n");
        return;
    }
    char pct[64];
    isms__report_pct(pct, sizeof pct, r, r->now.total.assessed ? r->now.total.compliance : NAN);
    snprintf(line, sizeof line,
             FMT(r, "Gapanalys %d mot %s: efterlevnad %s, %u av %u tillämpliga krav bedömda.",
                 "Gap analysis %d against %s: compliance %s, %u of %u applicable requirements "
                 "assessed."),
             isms_assessment_year(r->current),
             isms_edition_name(isms_assessment_edition(r->current)), pct,
             r->now.total.assessed, r->now.total.applicable);
    para(out, NULL, line);
    if (r->n_chapters > 0) {
        h3(out, W("sub-chapters"));
        put(out, "<figure>\n");
        isms__svg_compliance(out, r);
        put(out, "</figure>\n");
        chapter_table(out, r);
    }
    gap_table(out, r);
    changes(out, r);
    soa(out, r);
    put(out, "</section>\n");
}

/* ---- 6. classification -------------------------------------------------------------------- */

/* The label of a level value on the first aspect's scale that has it, or NULL. */
static const char *class_label(const isms__report *r, const isms_scheme *scheme, int value)
{
    for (int k = 0; k < ISMS_ASPECTS; k++)
        for (size_t i = 0; i < isms_scheme_level_count(scheme, (isms_aspect)k); i++) {
            isms_class_level cl;
            if (isms_scheme_level(&cl, scheme, (isms_aspect)k, i) == ISMS_OK &&
                cl.value == value)
                return r->lang == ISMS_LANG_EN ? cl.label_en : cl.label_sv;
        }
    return NULL;
}

/* Assets per level (rows, the highest first) and aspect (columns), and the overall class. */
static void levels_table(isms__buf *out, const isms__report *r, const isms_scheme *scheme)
{
    const isms_inventory_summary *s = &r->inventory;
    put(out, "<table><thead><tr>");
    th(out, W("band"), false);
    for (int k = 0; k < ISMS_ASPECTS; k++)
        if (isms_scheme_has_aspect(scheme, (isms_aspect)k))
            th(out, isms_aspect_label((isms_aspect)k, r->lang), true);
    th(out, tr(r, "Sammantagen klass", "Overall class"), true);
    table_body(out);
    for (int v = ISMS_CLASS_MAX; v >= 0; v--) {
        const char *label = class_label(r, scheme, v);
        if (!label)
            continue;
        isms__buf_printf(out, "<tr><td>%d ", v);
        esc(out, label);
        put(out, "</td>");
        for (int k = 0; k < ISMS_ASPECTS; k++)
            if (isms_scheme_has_aspect(scheme, (isms_aspect)k))
                cell_count(out, s->per_level[k][v + 1]);
        cell_count(out, s->per_overall[v + 1]);
        put(out, "</tr>\n");
    }
    put(out, "<tr>");
    cell_text(out, W("unclassified"));
    for (int k = 0; k < ISMS_ASPECTS; k++)
        if (isms_scheme_has_aspect(scheme, (isms_aspect)k))
            cell_count(out, s->per_level[k][0]);
    cell_count(out, s->per_overall[0]);
    put(out, "</tr>\n");
    table_close(out);
}

static void types_table(isms__buf *out, const isms__report *r)
{
    put(out, "<table class=\"narrow\"><thead><tr>");
    th(out, W("type"), false);
    th(out, W("count"), true);
    table_body(out);
    for (int t = 0; t < ISMS_ASSET_TYPES; t++) {
        if (r->inventory.per_type[t] == 0)
            continue;
        put(out, "<tr>");
        cell_text(out, isms_asset_type_label((isms_asset_type)t, r->lang));
        cell_count(out, r->inventory.per_type[t]);
        put(out, "</tr>\n");
    }
    table_close(out);
}

static void reviews(isms__buf *out, const isms__report *r)
{
    h3(out, W("sub-due"));
    if (r->n_due == 0) {
        para(out, "muted", W("no-due"));
        return;
    }
    table_open(out, r->n_due);
    th(out, W("asset"), false);
    th(out, W("name"), false);
    th(out, W("type"), false);
    th(out, W("owner"), false);
    th(out, W("classified"), false);
    th(out, W("next-review"), false);
    table_body(out);
    for (size_t i = 0; i < r->n_due; i++) {
        const isms_asset *a = r->due[i];
        char last[16], next[16];
        isms_date nd = isms_asset_next_review(a);
        date_text(last, sizeof last, isms_asset_classified(a));
        date_text(next, sizeof next, nd);
        put(out, "<tr>");
        cell_text(out, isms_asset_id(a));
        cell_text(out, isms_asset_get(a, ISMS_ASSET_NAME));
        cell_text(out, isms_asset_type_label(isms_asset_get_type(a), r->lang));
        cell_text(out, isms_asset_get(a, ISMS_ASSET_OWNER));
        cell_text(out, last);
        put(out, "<td>");
        esc(out, next);
        if (isms_date_compare(nd, r->today) < 0)
            tag(out, "late", W("overdue"));
        put(out, "</td></tr>\n");
    }
    table_close(out);
}

static void classification(isms__buf *out, const isms__report *r)
{
    char v[128], pct[64];
    h2(out, r, 6);
    const isms_inventory_summary *s = &r->inventory;
    if (s->total == 0) {
        para(out, "muted", W("no-assets"));
        put(out, "</section>\n");
        return;
    }
    put(out, "<dl class=\"meta\">\n");
    snprintf(v, sizeof v, "%zu", s->total);
    meta_row(out, W("assets"), v);
    if (r->information_total) {
        isms__report_pct(pct, sizeof pct, r,
                         (double)r->information_classified / (double)r->information_total);
        snprintf(v, sizeof v, "%zu %s %zu (%s)", r->information_classified, W("of"),
                 r->information_total, pct);
    } else {
        snprintf(v, sizeof v, "0");
    }
    meta_row(out, W("classified-info"), v);
    snprintf(v, sizeof v, "%zu", s->with_pdata);
    meta_row(out, W("with-pdata"), v);
    put(out, "</dl>\n");
    const isms_scheme *scheme = isms_inventory_scheme(isms_document_inventory(r->doc));
    h3(out, W("sub-levels"));
    levels_table(out, r, scheme);
    h3(out, W("sub-types"));
    types_table(out, r);
    reviews(out, r);
    put(out, "</section>\n");
}

/* ---- 7. plan ------------------------------------------------------------------------------ */

/* Ranks of the prioritised actions, sorted by the action's address for bsearch. */
typedef struct ranked {
    const isms_action *action;
    size_t rank;
} ranked;

static int ranked_cmp(const void *a, const void *b)
{
    uintptr_t x = (uintptr_t)((const ranked *)a)->action;
    uintptr_t y = (uintptr_t)((const ranked *)b)->action;
    return x < y ? -1 : x > y;
}

static size_t rank_of(const ranked *index, size_t n, const isms_action *a)
{
    ranked key = { a, 0 };
    const ranked *hit = index ? bsearch(&key, index, n, sizeof *index, ranked_cmp) : NULL;
    return hit ? hit->rank : 0;
}

/* "Planned effort: [bar] 35 of 60 person-days", the bar showing load against capacity. */
static void load_line(isms__buf *out, const isms__report *r, size_t period)
{
    double load = isms_schedule_load(r->schedule, period);
    double cap = isms_schedule_capacity(r->schedule, period);
    char l[64], c[64];
    days_text(l, sizeof l, r, load);
    put(out, "<p>");
    esc(out, W("effort-planned"));
    put(out, ": ");
    if (cap > 0) {
        days_text(c, sizeof c, r, cap);
        bool over = load > cap + 1e-9;
        double w = over ? 100 : load / cap * 100;
        char wb[32];
        isms__format_number(wb, sizeof wb, w, 1, ".", "");
        isms__buf_printf(out, "<span class=\"load%s\"><span style=\"width:%s%%\"></span></span>",
                         over ? " over" : "", wb);
        esc(out, l);
        put(out, " ");
        esc(out, W("of"));
        put(out, " ");
        esc(out, c);
        put(out, " ");
        esc(out, W("person-days"));
        if (over)
            tag(out, "over", W("over-capacity"));
    } else {
        esc(out, l);
        put(out, " ");
        esc(out, W("person-days"));
        put(out, " (");
        esc(out, W("no-limit"));
        put(out, ")");
    }
    put(out, "</p>\n");
}

static void action_head(isms__buf *out, const isms__report *r, size_t rows, bool note)
{
    table_open(out, rows);
    th(out, W("rank"), true);
    th(out, W("action"), false);
    th(out, W("title"), false);
    th(out, W("owner"), false);
    th(out, W("effort"), true);
    th(out, W("due"), false);
    th(out, W("score"), true);
    if (note)
        th(out, W("note"), false);
    table_body(out);
}

/* The cells of an action's row up to its note. */
static void action_cells(isms__buf *out, const isms__report *r, const ranked *index,
                         const isms_action *a, double effort)
{
    char b[64];
    size_t rank = rank_of(index, r->n_ranked, a);
    if (rank)
        isms__buf_printf(out, "<tr><td class=\"num\">%zu</td>", rank);
    else
        put(out, "<tr><td class=\"num muted\">\xe2\x80\x93</td>");
    cell_text(out, isms_action_id(a));
    cell_text(out, isms_action_get(a, ISMS_ACTION_TITLE));
    cell_text(out, isms_action_get(a, ISMS_ACTION_OWNER));
    days_text(b, sizeof b, r, effort);
    isms__buf_printf(out, "<td class=\"num\">%s</td>", b);
    put(out, "<td>");
    esc(out, isms_action_get(a, ISMS_ACTION_DUE));
    if (isms__report_action_overdue(r, a))
        tag(out, "late", W("overdue"));
    put(out, "</td>");
    double score = isms_action_score(a);
    if (score >= 0) {
        isms__report_dec(b, sizeof b, r, score, 2);
        isms__buf_printf(out, "<td class=\"num\">%s</td>", b);
    } else {
        dash_cell(out);
    }
}

static void slot_note(isms__buf *out, const isms__report *r, const isms_slot *s)
{
    put(out, "<td>");
    if (s->recurring) {
        const char *how = isms_recurrence_label(isms_action_recurrence(s->action), r->lang);
        char word[160];
        if (s->occurrences > 1)
            snprintf(word, sizeof word, "%s \xc3\x97%u", how ? how : "", s->occurrences);
        else
            snprintf(word, sizeof word, "%s", how ? how : "");
        tag(out, "recurring", word);
    }
    if (isms_action_get_status(s->action) == ISMS_ACTION_IN_PROGRESS)
        tag(out, "progress", W("in-progress"));
    if (s->late)
        tag(out, "late", tr(r, "Efter datum", "After its due date"));
    put(out, "</td></tr>\n");
}

static void plan_period(isms__buf *out, const isms__report *r, const ranked *index,
                        size_t period)
{
    isms_period p;
    char label[64];
    if (isms_schedule_period(&p, r->schedule, period) != ISMS_OK ||
        isms_period_format(label, sizeof label, &p) != ISMS_OK || !label[0])
        snprintf(label, sizeof label, "%zu", period + 1);
    h3(out, label);
    load_line(out, r, period);
    size_t n = isms_schedule_count(r->schedule, period);
    if (n == 0) {
        para(out, "muted", W("empty-period"));
        return;
    }
    action_head(out, r, n, true);
    for (size_t i = 0; i < n; i++) {
        isms_slot s;
        if (isms_schedule_item(&s, r->schedule, period, i) != ISMS_OK)
            continue;
        action_cells(out, r, index, s.action, s.effort);
        slot_note(out, r, &s);
    }
    table_close(out);
}

static void unscheduled(isms__buf *out, const isms__report *r, const ranked *index)
{
    size_t n = isms_schedule_unscheduled_count(r->schedule);
    if (n == 0)
        return;
    h3(out, W("sub-unscheduled"));
    action_head(out, r, n, false);
    for (size_t i = 0; i < n; i++) {
        const isms_action *a = isms_schedule_unscheduled(r->schedule, i);
        if (!a)
            continue;
        action_cells(out, r, index, a, isms_action_effort(a));
        put(out, "</tr>\n");
    }
    table_close(out);
}

/* The schedule's own findings (lint gives the plan's others). */
static void schedule_notes(isms__buf *out, const isms__report *r)
{
    static const char *const codes[] = { "plan-due-missed", "plan-over-capacity",
                                         "plan-owner-over-capacity", "plan-beyond-horizon",
                                         "plan-too-large" };
    const isms_findings *notes = isms_schedule_findings(r->schedule);
    bool any = false;
    for (size_t i = 0; i < isms_findings_count(notes); i++) {
        isms_finding f;
        if (isms_findings_get(&f, notes, i) != ISMS_OK)
            continue;
        bool ours = false;
        for (size_t k = 0; k < sizeof codes / sizeof codes[0]; k++)
            ours = ours || strcmp(f.code, codes[k]) == 0;
        if (!ours)
            continue;
        if (!any) {
            h3(out, W("sub-schedule-notes"));
            put(out, "<ul>\n");
            any = true;
        }
        const char *sev = isms_severity_label(f.severity, r->lang);
        put(out, "<li><strong>");
        esc(out, sev ? sev : "");
        put(out, "</strong> (");
        esc(out, f.code);
        if (f.ref[0]) {
            put(out, ", ");
            esc(out, f.ref);
        }
        put(out, "): ");
        esc(out, f.message);
        put(out, "</li>\n");
    }
    if (any)
        put(out, "</ul>\n");
}

static void plan(isms__buf *out, const isms__report *r)
{
    h2(out, r, 7);
    isms_plan *p = isms_document_plan(r->doc);
    if (isms_plan_count(p) == 0) {
        para(out, "muted", W("no-plan"));
        put(out, "</section>\n");
        return;
    }
    if (r->plan_error[0]) {
        put(out, "<p>");
        esc(out, W("plan-not-scheduled"));
        put(out, ": ");
        esc(out, r->plan_error);
        put(out, "</p>\n");
    }
    if (r->open_actions == 0)
        para(out, "muted", W("no-open"));
    ranked *index = NULL;
    if (r->n_ranked) {
        index = isms__malloc(r->n_ranked * sizeof *index);
        if (!index) {
            out->failed = true;
            return;
        }
        for (size_t i = 0; i < r->n_ranked; i++) {
            index[i].action = r->ranked[i];
            index[i].rank = i + 1;
        }
        qsort(index, r->n_ranked, sizeof *index, ranked_cmp);
    }
    if (r->schedule && r->open_actions) {
        para(out, NULL, W("plan-intro"));
        for (size_t i = 0; i < isms_schedule_period_count(r->schedule); i++)
            plan_period(out, r, index, i);
        unscheduled(out, r, index);
    }
    if (r->overdue_actions) {
        h3(out, W("sub-overdue-actions"));
        table_open(out, r->overdue_actions);
        th(out, W("action"), false);
        th(out, W("title"), false);
        th(out, W("owner"), false);
        th(out, W("due"), false);
        th(out, W("status"), false);
        table_body(out);
        size_t n = r->n_ranked ? r->n_ranked : isms_plan_count(p);
        for (size_t i = 0; i < n; i++) {
            const isms_action *a = r->n_ranked ? r->ranked[i] : isms_plan_at(p, i);
            if (!isms__report_action_overdue(r, a))
                continue;
            put(out, "<tr>");
            cell_text(out, isms_action_id(a));
            cell_text(out, isms_action_get(a, ISMS_ACTION_TITLE));
            cell_text(out, isms_action_get(a, ISMS_ACTION_OWNER));
            put(out, "<td>");
            esc(out, isms_action_get(a, ISMS_ACTION_DUE));
            tag(out, "late", W("overdue"));
            put(out, "</td>");
            cell_text(out, isms_action_status_label(isms_action_get_status(a), r->lang));
            put(out, "</tr>\n");
        }
        table_close(out);
    }
    if (r->schedule)
        schedule_notes(out, r);
    isms__free(index);
    put(out, "</section>\n");
}

/* ---- 8. quantitative ---------------------------------------------------------------------- */

static void money_cell(isms__buf *out, const isms__report *r, double v)
{
    char b[64];
    isms__report_int(b, sizeof b, r, v);
    put(out, "<td class=\"num\">");
    esc(out, b);
    put(out, "</td>");
}

static void quant_row(isms__buf *out, const isms__report *r, const isms__report_quant *q,
                      bool total)
{
    put(out, total ? "<tr class=\"total\">" : "<tr>");
    cell_text(out, q->risk_id);
    cell_text(out, q->title);
    money_cell(out, r, q->stats.ale);
    money_cell(out, r, q->p50);
    money_cell(out, r, q->p90);
    money_cell(out, r, q->p99);
    money_cell(out, r, q->var95);
    money_cell(out, r, q->es95);
    put(out, "</tr>\n");
}

static void quantitative(isms__buf *out, const isms__report *r)
{
    h2(out, r, 8);
    if (isms_document_model_count(r->doc) == 0 || (r->opt.simulate && r->simulation &&
                                                   r->n_quant == 0)) {
        para(out, "muted", W("no-models"));
    } else if (!r->opt.simulate) {
        para(out, "muted", W("sim-off"));
    } else if (!r->simulation) {
        put(out, "<p>");
        esc(out, W("sim-failed"));
        put(out, ": ");
        esc(out, r->sim_error);
        put(out, "</p>\n");
    } else {
        char it[64];
        isms__report_int(it, sizeof it, r, (double)isms_simulation_iterations(r->simulation));
        put(out, "<p>");
        esc(out, W("sim-intro"));
        put(out, ": ");
        esc(out, it);
        isms__buf_printf(out, " (%s %llu). ", W("seed"), r->sim_seed);
        esc(out, W("quant-note"));
        put(out, "</p>\n");
        h3(out, W("sub-ale"));
        table_open(out, r->n_quant + 1);
        th(out, W("id"), false);
        th(out, W("risk"), false);
        th(out, W("ale"), true);
        th(out, W("p50"), true);
        th(out, W("p90"), true);
        th(out, W("p99"), true);
        th(out, W("var95"), true);
        th(out, W("es95"), true);
        table_body(out);
        for (size_t i = 0; i < r->n_quant; i++)
            quant_row(out, r, &r->quant[i], false);
        quant_row(out, r, &r->portfolio, true);
        table_close(out);
        h3(out, W("sub-lec"));
        put(out, "<figure>\n");
        isms__svg_lec(out, r);
        put(out, "</figure>\n");
    }
    put(out, "</section>\n");
}

/* ---- 9. findings -------------------------------------------------------------------------- */

static void findings(isms__buf *out, const isms__report *r)
{
    static const isms_severity order[] = { ISMS_SEVERITY_ERROR, ISMS_SEVERITY_WARNING,
                                           ISMS_SEVERITY_INFO };
    h2(out, r, 9);
    size_t total = isms_findings_count(r->findings);
    if (total == 0) {
        para(out, "muted", W("no-findings"));
        put(out, "</section>\n");
        return;
    }
    char line[512];
    snprintf(line, sizeof line, "%s: %zu %s, %zu %s, %zu %s.", W("findings-intro"),
             isms_findings_count_severity(r->findings, ISMS_SEVERITY_ERROR), W("errors"),
             isms_findings_count_severity(r->findings, ISMS_SEVERITY_WARNING), W("warnings"),
             isms_findings_count_severity(r->findings, ISMS_SEVERITY_INFO), W("infos"));
    para(out, NULL, line);
    for (size_t k = 0; k < 3; k++) {
        size_t n = isms_findings_count_severity(r->findings, order[k]);
        if (n == 0)
            continue;
        const char *label = isms_severity_label(order[k], r->lang);
        char title[128];
        snprintf(title, sizeof title, "%s (%zu)", label ? label : "", n);
        if (title[0] >= 'a' && title[0] <= 'z')
            title[0] = (char)(title[0] - 'a' + 'A');
        h3(out, title);
        put(out, n > 12 ? "<table class=\"long findings\">\n<thead><tr>"
                        : "<table class=\"findings\">\n<thead><tr>");
        th(out, W("code"), false);
        th(out, W("ref"), false);
        th(out, W("message"), false);
        table_body(out);
        for (size_t i = 0; i < total; i++) {
            isms_finding f;
            if (isms_findings_get(&f, r->findings, i) != ISMS_OK || f.severity != order[k])
                continue;
            put(out, "<tr>");
            cell_text(out, f.code);
            cell_text(out, f.ref);
            cell_text(out, f.message);
            put(out, "</tr>\n");
        }
        table_close(out);
    }
    put(out, "</section>\n");
}

/* ---- 10. decision ------------------------------------------------------------------------- */

static void fill(isms__buf *out, const char *label, int lines)
{
    put(out, "<div class=\"fill\"><div class=\"label\">");
    esc(out, label);
    put(out, "</div>");
    for (int i = 0; i < lines; i++)
        put(out, "<div class=\"line\"></div>");
    put(out, "</div>\n");
}

static void decision(isms__buf *out, const isms__report *r)
{
    h2(out, r, 10);
    const char *text = isms_document_get(r->doc, ISMS_DOC_DECISION);
    if (!blank(text)) {
        put(out, "<div class=\"decision\">");
        esc(out, text);
        put(out, "</div>\n");
    } else {
        para(out, NULL, W("decision-intro"));
        fill(out, W("decision"), 6);
        put(out, "<div class=\"signatures\">\n");
        fill(out, W("date"), 1);
        fill(out, W("signature"), 1);
        fill(out, W("name-clarification"), 1);
        put(out, "</div>\n");
    }
    put(out, "</section>\n");
}

/* ---- the whole page ----------------------------------------------------------------------- */

void isms__report_html(isms__buf *out, const isms__report *r)
{
    head(out, r);
    title_block(out, r);
    put(out, "<main>\n");
    about(out, r);
    summary(out, r);
    context(out, r);
    risks(out, r);
    gaps(out, r);
    classification(out, r);
    plan(out, r);
    quantitative(out, r);
    findings(out, r);
    decision(out, r);
    put(out, "</main>\n<footer>");
    isms__buf_printf(out, "libisms %s", isms_version());
    put(out, "</footer>\n</body>\n</html>\n");
}
