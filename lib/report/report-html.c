/*
 * The management review as one self-contained HTML file (isms__report_html): the layout of
 * report.c (isms__report_layout(), the one the text and Markdown renderers format too) as
 * HTML, with inline CSS and the inline SVG charts of svg.c where the layout places its
 * figures. No scripts and no references outside the file; a Content-Security-Policy meta
 * element forbids scripts and network loads anyway, so that even a mistake in escaping could
 * not run anything. The page reads well at 1280 px and prints on A4: headings keep with what
 * follows them, figures and rows do not break across pages, table headers repeat, and colour
 * is never the only carrier of meaning (bands are named, heat map cells carry their counts,
 * late items carry a word).
 *
 * Every piece of text goes through isms__escape_html(); attributes hold only the layout's
 * own section names, colours checked by isms__svg_color_ok() and numbers.
 */
#include <stdio.h>
#include <string.h>

#include "report-internal.h"

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
    "nav.toc ol{columns:2;margin:.6em 0 0;padding-left:0;list-style:none}\n",
    "nav.toc a{color:var(--ink);text-decoration:none}\n",
    ".cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(260px,1fr));gap:14px}\n",
    ".card{border:1px solid var(--line);border-top:4px solid var(--accent);border-radius:4px;"
    "padding:10px 14px;break-inside:avoid;page-break-inside:avoid}\n",
    ".card h3{margin:0 0 .3em;font-size:.95rem;color:var(--muted)}\n",
    ".big{font-size:2rem;font-weight:bold;line-height:1.15}\n",
    ".sub{color:var(--muted);font-size:.9rem;margin:.2em 0}\n",
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
    ".detail{font-weight:normal;font-size:.8rem}\n",
    "td:not(.band) .detail{color:var(--muted)}\n",
    "tr.total td{font-weight:bold;background:var(--head)}\n",
    ".swatch{display:inline-block;width:.9em;height:.9em;border:1px solid #444;"
    "vertical-align:-1px;margin-right:.35em}\n",
    ".tag{display:inline-block;border:1px solid currentColor;border-radius:3px;"
    "padding:0 4px;font-size:.78rem;font-weight:bold;white-space:nowrap}\n",
    ".tag.late{color:var(--late)}\n",
    ".tag.recurring,.tag.progress{color:var(--accent)}\n",
    ".tag.over{color:var(--late)}\n",
    "tr.late td:first-child{border-left:3px solid var(--late)}\n",
    "figure{margin:0 0 1em;break-inside:avoid;page-break-inside:avoid}\n",
    "figcaption{font-weight:bold;margin-bottom:4px}\n",
    ".figures{display:flex;flex-wrap:wrap;gap:18px 36px;align-items:flex-start}\n",
    ".figures figure{flex:0 1 auto;min-width:0}\n",
    "svg.chart{max-width:100%;height:auto;display:block}\n",
    ".load{display:inline-block;width:220px;height:.8em;border:1px solid #444;"
    "vertical-align:middle;margin:0 .6em 0 0;background:#fff}\n",
    ".load span{display:block;height:100%;background:var(--accent)}\n",
    ".load.over span{background:var(--late)}\n",
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

/* ---- writing spans ------------------------------------------------------------------------ */

typedef enum group {
    GROUP_NONE,
    GROUP_ITEMS,      /* <ul> of bullets */
    GROUP_FIELDS,     /* <dl class="meta"> */
    GROUP_TEXTS,      /* <dl class="context"> */
    GROUP_FIGURES,    /* <div class="figures"> */
    GROUP_SIGNATURES  /* <div class="signatures"> of one-line fills */
} group;

typedef struct html {
    isms__buf *out;
    const isms__report *r;
    const isms__layout *lay;
    group open;        /* the group of blocks open */
    bool section;      /* a <section> is open */
} html;

static void put(html *h, const char *s)
{
    isms__buf_puts(h->out, s);
}

static void esc(html *h, const char *text)
{
    isms__escape_html(h->out, text ? text : "");
}

static const char *tag_class(isms__tag tag)
{
    switch (tag) {
    case ISMS__TAG_LATE: return "late";
    case ISMS__TAG_OVER: return "over";
    case ISMS__TAG_RECURRING: return "recurring";
    case ISMS__TAG_PROGRESS: return "progress";
    default: return "";
    }
}

/* A band's colour: "#rrggbb" as the matrix has it, or a neutral grey. */
static const char *band_color(const html *h, int band)
{
    isms_band b;
    if (band < 0 || !h->r->matrix || isms_matrix_band(&b, h->r->matrix, (size_t)band) != ISMS_OK)
        return NULL;
    return isms__svg_color_ok(b.color) ? b.color : "#cccccc";
}

/* Spans [first, first + count): a detail on a line of its own, a marker word as a badge, a
 * band in running text as a swatch before its label (in a table the cell is painted
 * instead), emphasis as <strong> unless `plain`. */
static void spans(html *h, size_t first, size_t count, bool in_table, bool plain)
{
    bool any = false;
    for (size_t k = 0; k < count; k++) {
        const isms__span *sp = &h->lay->spans[first + k];
        if (sp->len == 0)
            continue;
        const char *text = isms__span_text(h->lay, sp);
        if (sp->tag != ISMS__TAG_NONE) {
            isms__buf_printf(h->out, "%s<span class=\"tag %s\">", any ? " " : "",
                             tag_class(sp->tag));
            esc(h, text);
            put(h, "</span>");
        } else if (sp->style & ISMS__SPAN_DETAIL) {
            put(h, any ? "<br><span class=\"detail\">" : "<span class=\"detail\">");
            esc(h, text);
            put(h, "</span>");
        } else {
            const char *color = in_table ? NULL : band_color(h, sp->band);
            if (color)
                isms__buf_printf(h->out,
                                 "<span class=\"swatch\" style=\"background:%s\"></span>",
                                 color);
            bool strong = !plain && (sp->style & ISMS__SPAN_BOLD);
            if (strong)
                put(h, "<strong>");
            esc(h, text);
            if (strong)
                put(h, "</strong>");
        }
        any = true;
    }
}

/* ---- groups of blocks --------------------------------------------------------------------- */

static void close_group(html *h)
{
    switch (h->open) {
    case GROUP_ITEMS: put(h, "</ul>\n"); break;
    case GROUP_FIELDS:
    case GROUP_TEXTS: put(h, "</dl>\n"); break;
    case GROUP_FIGURES:
    case GROUP_SIGNATURES: put(h, "</div>\n"); break;
    case GROUP_NONE: break;
    }
    h->open = GROUP_NONE;
}

static void open_group(html *h, group g)
{
    if (h->open == g)
        return;
    close_group(h);
    switch (g) {
    case GROUP_ITEMS: put(h, "<ul>\n"); break;
    case GROUP_FIELDS: put(h, "<dl class=\"meta\">\n"); break;
    case GROUP_TEXTS: put(h, "<dl class=\"context\">\n"); break;
    case GROUP_FIGURES: put(h, "<div class=\"figures\">\n"); break;
    case GROUP_SIGNATURES: put(h, "<div class=\"signatures\">\n"); break;
    case GROUP_NONE: break;
    }
    h->open = g;
}

/* The group a block belongs in (a table of a figure's data stays in the figures' group, as
 * it is not shown). */
static group group_of(const isms__block *bl, group open)
{
    switch (bl->kind) {
    case ISMS__BLOCK_ITEM: return GROUP_ITEMS;
    case ISMS__BLOCK_FIELD: return bl->flags & ISMS__FIELD_TEXT ? GROUP_TEXTS : GROUP_FIELDS;
    case ISMS__BLOCK_FIGURE: return GROUP_FIGURES;
    case ISMS__BLOCK_FILL: return bl->rows <= 1 ? GROUP_SIGNATURES : GROUP_NONE;
    case ISMS__BLOCK_TABLE: return bl->flags & ISMS__TABLE_DATA ? open : GROUP_NONE;
    default: return GROUP_NONE;
    }
}

/* ---- blocks ------------------------------------------------------------------------------- */

/* The bar of a period's load against its capacity (none without a limit). */
static void load_bar(html *h, size_t period)
{
    if (!h->r->schedule)
        return;
    double load = isms_schedule_load(h->r->schedule, period);
    double cap = isms_schedule_capacity(h->r->schedule, period);
    if (!(cap > 0))
        return;
    bool over = load > cap + 1e-9;
    char width[32];
    isms__format_number(width, sizeof width, over ? 100 : load / cap * 100, 1, ".", "");
    isms__buf_printf(h->out,
                     "<span class=\"load%s\"><span style=\"width:%s%%\"></span></span>",
                     over ? " over" : "", width);
}

static const isms__cell *cell_at(const html *h, const isms__block *bl, size_t row, size_t col)
{
    return &h->lay->cells[bl->first + row * bl->cols + col];
}

static bool cell_numeric(const html *h, const isms__cell *cl)
{
    return cl->count > 0 && (h->lay->spans[cl->first].style & ISMS__SPAN_NUM);
}

/* A row is a total when all it says is in bold, and late when it carries a late marker. */
static const char *row_class(const html *h, const isms__block *bl, size_t row)
{
    bool bold = false, plain = false, late = false;
    for (size_t col = 0; col < bl->cols; col++) {
        const isms__cell *cl = cell_at(h, bl, row, col);
        for (size_t k = 0; k < cl->count; k++) {
            const isms__span *sp = &h->lay->spans[cl->first + k];
            late = late || sp->tag == ISMS__TAG_LATE;
            if (sp->len == 0)
                continue;
            if (sp->style & ISMS__SPAN_BOLD)
                bold = true;
            else
                plain = true;
        }
    }
    return bold && !plain ? " class=\"total\"" : late ? " class=\"late\"" : "";
}

/* Key figures as cards: a row that begins a group gives the card's title and its figure in
 * large type, the others a line each. */
static void cards(html *h, const isms__block *bl)
{
    bool card = false;
    put(h, "<div class=\"cards\">\n");
    for (size_t row = 1; row < bl->rows; row++) {
        const isms__cell *label = cell_at(h, bl, row, 0), *value = cell_at(h, bl, row, 1);
        bool key = label->count > 0 && (h->lay->spans[label->first].style & ISMS__SPAN_KEY);
        if (key) {
            if (card)
                put(h, "</div>\n");
            put(h, "<div class=\"card\">\n<h3>");
            spans(h, label->first, label->count, true, true);
            put(h, "</h3>\n<div class=\"big\">");
            spans(h, value->first, value->count, true, true);
            put(h, "</div>\n");
            card = true;
            continue;
        }
        put(h, "<p class=\"sub\">");
        spans(h, label->first, label->count, true, true);
        put(h, ": ");
        spans(h, value->first, value->count, true, true);
        put(h, "</p>\n");
    }
    if (card)
        put(h, "</div>\n");
    put(h, "</div>\n");
}

static void table(html *h, const isms__block *bl)
{
    if (bl->flags & ISMS__TABLE_DATA || bl->cols == 0 || bl->rows == 0)
        return; /* the figure before it shows the data */
    if (bl->flags & ISMS__TABLE_KEYS) {
        cards(h, bl);
        return;
    }
    /* tables of many rows may break across pages (their rows do not); small ones need not
     * span the page */
    const char *cls = bl->rows > 13 ? (bl->cols <= 3 ? "long narrow" : "long")
                                    : bl->cols <= 3 ? "narrow" : NULL;
    if (cls)
        isms__buf_printf(h->out, "<table class=\"%s\">\n<thead><tr>", cls);
    else
        put(h, "<table>\n<thead><tr>");
    for (size_t col = 0; col < bl->cols; col++) {
        /* a column of figures is aligned right */
        bool right = bl->rows > 1;
        for (size_t row = 1; row < bl->rows; row++)
            right = right && cell_numeric(h, cell_at(h, bl, row, col));
        const isms__cell *cl = cell_at(h, bl, 0, col);
        put(h, right ? "<th class=\"num\">" : "<th>");
        spans(h, cl->first, cl->count, true, true);
        put(h, "</th>");
    }
    put(h, "</tr></thead>\n<tbody>\n");
    for (size_t row = 1; row < bl->rows; row++) {
        isms__buf_printf(h->out, "<tr%s>", row_class(h, bl, row));
        for (size_t col = 0; col < bl->cols; col++) {
            const isms__cell *cl = cell_at(h, bl, row, col);
            const char *color = NULL;
            for (size_t k = 0; k < cl->count && !color; k++)
                color = band_color(h, h->lay->spans[cl->first + k].band);
            bool num = cell_numeric(h, cl);
            if (color)
                isms__buf_printf(h->out, "<td class=\"%sband\" style=\"background:%s;color:%s\">",
                                 num ? "num " : "", color, isms__svg_ink(color));
            else
                put(h, num ? "<td class=\"num\">" : "<td>");
            spans(h, cl->first, cl->count, true, false);
            put(h, "</td>");
        }
        put(h, "</tr>\n");
    }
    put(h, "</tbody>\n</table>\n");
}

static void figure(html *h, const isms__block *bl)
{
    put(h, "<figure>\n");
    if (bl->count > 0) {
        put(h, "<figcaption>");
        spans(h, bl->first, bl->count, false, true);
        put(h, "</figcaption>\n");
    }
    switch (bl->figure) {
    case ISMS__FIGURE_HEAT_INHERENT: isms__svg_heatmap(h->out, h->r, false); break;
    case ISMS__FIGURE_HEAT_RESIDUAL: isms__svg_heatmap(h->out, h->r, true); break;
    case ISMS__FIGURE_COMPLIANCE: isms__svg_compliance(h->out, h->r); break;
    case ISMS__FIGURE_LEC: isms__svg_lec(h->out, h->r); break;
    default: break;
    }
    put(h, "</figure>\n");
}

static void field(html *h, const isms__block *bl)
{
    if (bl->count == 0)
        return;
    put(h, "<dt>");
    spans(h, bl->first, 1, false, true);
    put(h, "</dt>");
    bool value = false;
    for (size_t i = 1; i < bl->count; i++)
        value = value || h->lay->spans[bl->first + i].len > 0;
    if (value || !(bl->flags & ISMS__FIELD_TEXT)) {
        put(h, "<dd>");
        spans(h, bl->first + 1, bl->count - 1, false, false);
        put(h, "</dd>");
    }
    put(h, "\n");
}

static void fill(html *h, const isms__block *bl)
{
    put(h, "<div class=\"fill\"><div class=\"label\">");
    spans(h, bl->first, bl->count, false, true);
    put(h, "</div>");
    for (size_t i = 0; i < bl->rows; i++)
        put(h, "<div class=\"line\"></div>");
    put(h, "</div>\n");
}

/* The document's own text, its paragraphs as lines (the box keeps line breaks). */
static void quote(html *h, const isms__block *bl)
{
    put(h, "<div class=\"decision\">");
    for (size_t k = 0; k < bl->count; k++) {
        if (k > 0)
            put(h, "\n");
        spans(h, bl->first + k, 1, false, true);
    }
    put(h, "</div>\n");
}

static void heading(html *h, const isms__block *bl)
{
    if (bl->level <= 2) {
        if (h->section)
            put(h, "</section>\n");
        isms__buf_printf(h->out, "<section id=\"%s\">\n<h2>", bl->anchor ? bl->anchor : "");
        spans(h, bl->first, bl->count, false, true);
        put(h, "</h2>\n");
        h->section = true;
        return;
    }
    put(h, "<h3>");
    spans(h, bl->first, bl->count, false, true);
    put(h, "</h3>\n");
}

static void block(html *h, const isms__block *bl)
{
    group g = group_of(bl, h->open);
    if (g != h->open)
        open_group(h, g);
    switch (bl->kind) {
    case ISMS__BLOCK_TITLE: break; /* in the header */
    case ISMS__BLOCK_HEADING: heading(h, bl); break;
    case ISMS__BLOCK_PARA:
        put(h, "<p>");
        if (bl->figure == ISMS__FIGURE_LOAD)
            load_bar(h, bl->index);
        spans(h, bl->first, bl->count, false, false);
        put(h, "</p>\n");
        break;
    case ISMS__BLOCK_ITEM:
        put(h, "<li>");
        spans(h, bl->first, bl->count, false, false);
        put(h, "</li>\n");
        break;
    case ISMS__BLOCK_FIELD: field(h, bl); break;
    case ISMS__BLOCK_FIGURE: figure(h, bl); break;
    case ISMS__BLOCK_QUOTE: quote(h, bl); break;
    case ISMS__BLOCK_TABLE: table(h, bl); break;
    case ISMS__BLOCK_FILL: fill(h, bl); break;
    }
}

/* ---- the page ----------------------------------------------------------------------------- */

static void head(html *h)
{
    const isms__report *r = h->r;
    const char *code = isms_lang_code(r->lang);
    isms__buf_printf(h->out, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n", code ? code : "sv");
    put(h, "<meta charset=\"utf-8\">\n"
           "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
           "style-src 'unsafe-inline'; img-src data:\">\n"
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    isms__buf_printf(h->out, "<meta name=\"generator\" content=\"libisms %s\">\n",
                     isms_version());
    put(h, "<title>");
    esc(h, r->title);
    const char *org = isms_document_get(r->doc, ISMS_DOC_ORGANISATION);
    if (org && !isms__text_blank(org)) {
        put(h, " \xe2\x80\x93 ");
        esc(h, org);
    }
    put(h, "</title>\n<style>\n");
    for (size_t i = 0; i < sizeof css / sizeof css[0]; i++)
        put(h, css[i]);
    put(h, "</style>\n</head>\n<body>\n");
}

/* The organisation and unit, the title, and the table of contents of the layout's sections
 * (the screen's; print leaves it out). */
static void header(html *h)
{
    const char *org = isms_document_get(h->r->doc, ISMS_DOC_ORGANISATION);
    const char *unit = isms_document_get(h->r->doc, ISMS_DOC_UNIT);
    bool has_org = org && !isms__text_blank(org), has_unit = unit && !isms__text_blank(unit);
    put(h, "<header class=\"title\">\n");
    if (has_org || has_unit) {
        put(h, "<p class=\"org\">");
        if (has_org)
            esc(h, org);
        if (has_org && has_unit)
            put(h, " \xc2\xb7 ");
        if (has_unit)
            esc(h, unit);
        put(h, "</p>\n");
    }
    for (size_t i = 0; i < h->lay->n_blocks; i++) {
        const isms__block *bl = &h->lay->blocks[i];
        if (bl->kind != ISMS__BLOCK_TITLE)
            continue;
        put(h, "<h1>");
        spans(h, bl->first, bl->count, false, true);
        put(h, "</h1>\n");
    }
    put(h, "<nav class=\"toc\"><ol>\n");
    for (size_t i = 0; i < h->lay->n_blocks; i++) {
        const isms__block *bl = &h->lay->blocks[i];
        if (bl->kind != ISMS__BLOCK_HEADING || bl->level > 2 || !bl->anchor)
            continue;
        isms__buf_printf(h->out, "<li><a href=\"#%s\">", bl->anchor);
        spans(h, bl->first, bl->count, false, true);
        put(h, "</a></li>\n");
    }
    put(h, "</ol></nav>\n</header>\n");
}

void isms__report_html(isms__buf *out, const isms__report *r)
{
    isms__layout lay;
    if (!isms__report_layout(&lay, r)) {
        out->failed = true;
        return;
    }
    html h = { out, r, &lay, GROUP_NONE, false };
    head(&h);
    header(&h);
    put(&h, "<main>\n");
    for (size_t i = 0; i < lay.n_blocks; i++)
        block(&h, &lay.blocks[i]);
    close_group(&h);
    if (h.section)
        put(&h, "</section>\n");
    put(&h, "</main>\n<footer>");
    isms__buf_printf(out, "libisms %s", isms_version());
    put(&h, "</footer>\n</body>\n</html>\n");
    isms__layout_free(&lay);
}
