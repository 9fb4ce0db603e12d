/*
 * SVG charts of the management review, inline in the HTML report: the heat maps of inherent
 * and residual risk, the compliance bar chart per chapter (per group for an imported catalog)
 * and the loss exceedance curve.
 *
 * Each chart is one <svg> element with a viewBox, a width and a height in CSS pixels and a
 * <title> (its accessible name). Nothing refers outside the element: no scripts, no links,
 * no namespace URLs (inline SVG in HTML needs none), presentation attributes instead of
 * classes, so that a chart copied out of the page still looks the same. Every label is
 * escaped. Numbers are written by isms__format_number(), which does not depend on the
 * process's locale (a Swedish LC_NUMERIC would otherwise turn 12.5 into "12,5" and break the
 * coordinates).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "report-internal.h"

/* ---- shared helpers ----------------------------------------------------------------------- */

bool isms__svg_color_ok(const char *color)
{
    if (!color || color[0] != '#' || strlen(color) != 7)
        return false;
    for (int i = 1; i < 7; i++) {
        char c = color[i];
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')))
            return false;
    }
    return true;
}

static int hex_digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return c - 'A' + 10;
}

bool isms__svg_rgb(const char *color, int rgb[3])
{
    if (!isms__svg_color_ok(color))
        return false;
    for (int k = 0; k < 3; k++)
        rgb[k] = hex_digit(color[1 + 2 * k]) * 16 + hex_digit(color[2 + 2 * k]);
    return true;
}

/* An sRGB channel value 0–255, linearised (WCAG's relative luminance). */
static double channel(int value)
{
    double c = value / 255.0;
    return c <= 0.03928 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
}

const char *isms__svg_ink(const char *color)
{
    int rgb[3];
    if (!isms__svg_rgb(color, rgb))
        return "#000000";
    double lum = 0.2126 * channel(rgb[0]) + 0.7152 * channel(rgb[1]) + 0.0722 * channel(rgb[2]);
    /* Contrast with black (lum + 0.05) / 0.05 against white 1.05 / (lum + 0.05). */
    return (lum + 0.05) * (lum + 0.05) >= 0.05 * 1.05 ? "#000000" : "#ffffff";
}

/* ---- writing ------------------------------------------------------------------------------ */

#define GRID_COLOR "#b0b0b0"
#define AXIS_COLOR "#404040"
#define NOW_COLOR "#1f4e79"
#define BEFORE_COLOR "#a9bcd0"
#define CURVE_COLOR "#b03a2e"

/* A word of the report in its language (report.c). */
#define W(key) isms__report_word(r, (key))

/* A coordinate or length, "%.1f" in the C locale. */
static void num(isms__buf *out, double v)
{
    char b[48];
    isms__format_number(b, sizeof b, v, 1, ".", "");
    isms__buf_puts(out, b);
}

static void esc(isms__buf *out, const char *text)
{
    isms__escape_html(out, text ? text : "");
}

/* Number of code points of UTF-8 text (for estimating label widths). */
static size_t text_length(const char *s)
{
    size_t n = 0;
    for (; s && *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80)
            n++;
    return n;
}

/* Copies at most the first `n` bytes of `text` into buf, cut after `max` code points with an
 * ellipsis (U+2026) when there is more; never cuts a character. */
static void clip(char *buf, size_t size, const char *text, size_t n, size_t max)
{
    size_t out = 0, cps = 0;
    const char *p = text, *end = text + n;
    if (size < 4) {
        if (size)
            buf[0] = '\0';
        return;
    }
    while (p < end && *p) {
        size_t len = 1;
        while (p + len < end && ((unsigned char)p[len] & 0xC0) == 0x80)
            len++;
        if (cps == max || out + len > size - 4) {
            memcpy(buf + out, "\xe2\x80\xa6", 3);
            out += 3;
            break;
        }
        memcpy(buf + out, p, len);
        out += len;
        p += len;
        cps++;
    }
    buf[out] = '\0';
}

static void open_svg(isms__buf *out, const char *id, double w, double h)
{
    isms__buf_printf(out, "<svg class=\"chart\" id=\"%s\" viewBox=\"0 0 ", id);
    num(out, w);
    isms__buf_puts(out, " ");
    num(out, h);
    isms__buf_puts(out, "\" width=\"");
    num(out, w);
    isms__buf_puts(out, "\" height=\"");
    num(out, h);
    isms__buf_puts(out, "\" role=\"img\" font-family=\"Helvetica, Arial, sans-serif\">\n");
}

/* <text x y (anchor) size (weight) fill>…</text> without the text and the end tag. */
static void text_open(isms__buf *out, double x, double y, const char *anchor, int size,
                      bool bold, const char *fill)
{
    isms__buf_puts(out, "<text x=\"");
    num(out, x);
    isms__buf_puts(out, "\" y=\"");
    num(out, y);
    isms__buf_printf(out, "\" font-size=\"%d\"", size);
    if (anchor)
        isms__buf_printf(out, " text-anchor=\"%s\"", anchor);
    if (bold)
        isms__buf_puts(out, " font-weight=\"bold\"");
    isms__buf_printf(out, " fill=\"%s\">", fill);
}

static void text_at(isms__buf *out, double x, double y, const char *anchor, int size,
                    bool bold, const char *fill, const char *text)
{
    text_open(out, x, y, anchor, size, bold, fill);
    esc(out, text);
    isms__buf_puts(out, "</text>\n");
}

/* The title of a chart's vertical axis: bold, turned a quarter left, centred on `cy`. */
static void axis_title_y(isms__buf *out, double cy, const char *title)
{
    isms__buf_puts(out, "<text x=\"0\" y=\"0\" font-size=\"12\" text-anchor=\"middle\" "
                        "font-weight=\"bold\" fill=\"" AXIS_COLOR "\" transform=\"translate(");
    num(out, 14);
    isms__buf_puts(out, " ");
    num(out, cy);
    isms__buf_puts(out, ") rotate(-90)\">");
    esc(out, title);
    isms__buf_puts(out, "</text>\n");
}

static void rect_open(isms__buf *out, double x, double y, double w, double h, const char *fill)
{
    isms__buf_puts(out, "<rect x=\"");
    num(out, x);
    isms__buf_puts(out, "\" y=\"");
    num(out, y);
    isms__buf_puts(out, "\" width=\"");
    num(out, w);
    isms__buf_puts(out, "\" height=\"");
    num(out, h);
    isms__buf_printf(out, "\" fill=\"%s\"", isms__svg_color_ok(fill) ? fill : "#cccccc");
}

static void line(isms__buf *out, double x1, double y1, double x2, double y2, const char *stroke,
                 bool dashed)
{
    isms__buf_puts(out, "<line x1=\"");
    num(out, x1);
    isms__buf_puts(out, "\" y1=\"");
    num(out, y1);
    isms__buf_puts(out, "\" x2=\"");
    num(out, x2);
    isms__buf_puts(out, "\" y2=\"");
    num(out, y2);
    isms__buf_printf(out, "\" stroke=\"%s\" stroke-width=\"1\"%s/>\n", stroke,
                     dashed ? " stroke-dasharray=\"4 3\"" : "");
}

/* ---- heat map ----------------------------------------------------------------------------- */

#define HM_CELL_W 64.0
#define HM_CELL_H 44.0
#define HM_TOP 8.0
#define HM_AXIS 22.0 /* the rotated axis title left of the row labels */

static const char *level_label(const isms__report *r, const isms_level *lv)
{
    return r->lang == ISMS_LANG_EN ? lv->label_en : lv->label_sv;
}

/* A column label under the grid: one line, or two when it is wider than the cell (the first
 * holds the words that fit, the second the rest); each line cut to about the cell's width
 * (the cells' tooltips hold the whole label). */
#define HM_LABEL_CHARS 13
static void column_label(isms__buf *out, double cx, double y, const char *label)
{
    const char *split = NULL;
    if (text_length(label) > HM_LABEL_CHARS) {
        size_t cps = 0;
        for (const char *p = label; *p; p++) {
            if (*p == ' ' && (cps <= HM_LABEL_CHARS || !split))
                split = p;
            if (((unsigned char)*p & 0xC0) != 0x80)
                cps++;
        }
    }
    char part[128];
    text_open(out, cx, y, "middle", 10, false, AXIS_COLOR);
    if (!split) {
        clip(part, sizeof part, label, strlen(label), HM_LABEL_CHARS);
        esc(out, part);
    } else {
        /* The two halves, each cut and escaped on its own. */
        clip(part, sizeof part, label, (size_t)(split - label), HM_LABEL_CHARS);
        isms__buf_puts(out, "<tspan x=\"");
        num(out, cx);
        isms__buf_puts(out, "\">");
        esc(out, part);
        isms__buf_puts(out, "</tspan><tspan x=\"");
        num(out, cx);
        isms__buf_puts(out, "\" dy=\"12\">");
        clip(part, sizeof part, split + 1, strlen(split + 1), HM_LABEL_CHARS);
        esc(out, part);
        isms__buf_puts(out, "</tspan>");
    }
    isms__buf_puts(out, "</text>\n");
}

void isms__svg_heatmap(isms__buf *out, const isms__report *r, bool residual)
{
    const isms_matrix *m = r->matrix;
    size_t nl = r->n_likelihood, nc = r->n_consequence;
    const size_t *grid = residual ? r->heat_residual : r->heat_inherent;
    if (!m || nl == 0 || nc == 0)
        return;

    /* Row labels: as wide as the longest likelihood label (about 6 px a character), at most
     * 26 characters. */
    size_t longest = 0;
    for (size_t l = 0; l < nl; l++) {
        isms_level lv;
        if (isms_matrix_level(&lv, m, ISMS_AXIS_LIKELIHOOD, l) == ISMS_OK) {
            size_t len = text_length(level_label(r, &lv));
            if (len > longest)
                longest = len;
        }
    }
    double label_w = (double)longest * 6.0 + 12.0;
    if (label_w < 40)
        label_w = 40;
    if (label_w > 170)
        label_w = 170;
    double x0 = HM_AXIS + label_w;
    double grid_h = (double)nl * HM_CELL_H;
    double w = x0 + (double)nc * HM_CELL_W + 8;
    double h = HM_TOP + grid_h + 56;

    open_svg(out, residual ? "heatmap-residual" : "heatmap-inherent", w, h);
    isms__buf_puts(out, "<title>");
    esc(out, W(residual ? "heat-title-residual" : "heat-title-inherent"));
    isms__buf_puts(out, "</title>\n");

    for (size_t row = 0; row < nl; row++) {
        size_t l = nl - 1 - row; /* the highest likelihood at the top */
        isms_level lv;
        if (isms_matrix_level(&lv, m, ISMS_AXIS_LIKELIHOOD, l) != ISMS_OK)
            continue;
        double y = HM_TOP + (double)row * HM_CELL_H;
        char label[128];
        clip(label, sizeof label, level_label(r, &lv), strlen(level_label(r, &lv)), 26);
        text_at(out, x0 - 6, y + HM_CELL_H / 2 + 4, "end", 11, false, AXIS_COLOR, label);
        for (size_t c = 0; c < nc; c++) {
            isms_level cv;
            if (isms_matrix_level(&cv, m, ISMS_AXIS_CONSEQUENCE, c) != ISMS_OK)
                continue;
            double x = x0 + (double)c * HM_CELL_W;
            const char *fill = "#cccccc", *band_label = "";
            isms_score s;
            isms_band band;
            int value = 0;
            if (isms_matrix_score(&s, m, lv.value, cv.value) == ISMS_OK) {
                value = s.value;
                if (s.band >= 0 && isms_matrix_band(&band, m, (size_t)s.band) == ISMS_OK) {
                    fill = band.color;
                    band_label = r->lang == ISMS_LANG_EN ? band.label_en : band.label_sv;
                }
            }
            size_t count = grid ? grid[l * nc + c] : 0;
            rect_open(out, x, y, HM_CELL_W, HM_CELL_H, fill);
            isms__buf_puts(out, " stroke=\"#ffffff\" stroke-width=\"2\"><title>");
            esc(out, level_label(r, &lv));
            isms__buf_printf(out, " (%d) \xc3\x97 ", lv.value);
            esc(out, level_label(r, &cv));
            isms__buf_printf(out, " (%d) = %d, ", cv.value, value);
            esc(out, band_label);
            isms__buf_printf(out, ": %zu</title></rect>\n", count);
            if (count > 0) {
                char n[32];
                snprintf(n, sizeof n, "%zu", count);
                text_at(out, x + HM_CELL_W / 2, y + HM_CELL_H / 2 + 6, "middle", 17, true,
                        isms__svg_ink(fill), n);
            }
        }
    }
    for (size_t c = 0; c < nc; c++) {
        isms_level cv;
        if (isms_matrix_level(&cv, m, ISMS_AXIS_CONSEQUENCE, c) == ISMS_OK)
            column_label(out, x0 + ((double)c + 0.5) * HM_CELL_W, HM_TOP + grid_h + 14,
                         level_label(r, &cv));
    }
    /* Axis titles. */
    text_at(out, x0 + (double)nc * HM_CELL_W / 2, HM_TOP + grid_h + 48, "middle", 12, true,
            AXIS_COLOR, W("consequence"));
    axis_title_y(out, HM_TOP + grid_h / 2, W("likelihood"));
    isms__buf_puts(out, "</svg>\n");
}

/* ---- compliance per chapter --------------------------------------------------------------- */

#define CC_LABEL_W 224.0
#define CC_BAR_W 380.0
#define CC_TEXT_W 64.0
#define CC_BAR_H 13.0
#define CC_LEGEND_H 26.0

/* The label of a chapter in the chart: its id and name, cut to fit. */
static void chapter_label(char *buf, size_t size, const isms__report *r,
                          const isms__report_chapter *ch)
{
    char whole[512];
    if (ch->id && *ch->id)
        snprintf(whole, sizeof whole, "%s %s", ch->id, ch->title ? ch->title : "");
    else /* an imported catalog's controls outside its groups */
        snprintf(whole, sizeof whole, "%s", ch->title ? ch->title : "");
    /* About the label column's width (the table below the chart has the whole name). */
    clip(buf, size, whole, strlen(whole), 36);
}

static void compliance_bar(isms__buf *out, const isms__report *r, double x, double y,
                           const isms_tally *t, const char *fill, const char *ink)
{
    char text[64];
    if (t->assessed == 0) {
        text_at(out, x + 2, y + CC_BAR_H - 2, NULL, 10, false, ink, W("not-assessed"));
        return;
    }
    double share = t->compliance < 0 ? 0 : t->compliance > 1 ? 1 : t->compliance;
    double bw = share * CC_BAR_W;
    rect_open(out, x, y, bw, CC_BAR_H, fill);
    isms__buf_puts(out, "/>\n");
    isms__report_pct(text, sizeof text, r, share);
    text_at(out, x + bw + 4, y + CC_BAR_H - 2, NULL, 10, false, ink, text);
}

void isms__svg_compliance(isms__buf *out, const isms__report *r)
{
    if (r->n_chapters == 0)
        return;
    /* last year beside this year, unless it is against another catalog */
    bool two = r->previous != NULL && !r->other_catalog;
    double row_h = two ? 2 * CC_BAR_H + 12 : CC_BAR_H + 11;
    double top = CC_LEGEND_H;
    double rows_h = (double)r->n_chapters * row_h;
    double w = CC_LABEL_W + CC_BAR_W + CC_TEXT_W;
    double h = top + rows_h + 24;
    int year_now = r->current ? isms_assessment_year(r->current) : 0;
    int year_before = r->previous ? isms_assessment_year(r->previous) : 0;

    open_svg(out, "compliance", w, h);
    isms__buf_puts(out, "<title>");
    esc(out, W(r->imported ? "sub-groups" : "sub-chapters"));
    isms__buf_printf(out, ", %d", year_now);
    if (two) {
        isms__buf_puts(out, " ");
        esc(out, W("versus"));
        isms__buf_printf(out, " %d", year_before);
    }
    isms__buf_puts(out, "</title>\n");

    /* Legend: this year, and last year when there is one. */
    char year[16];
    rect_open(out, CC_LABEL_W, 6, 12, 12, NOW_COLOR);
    isms__buf_puts(out, "/>\n");
    snprintf(year, sizeof year, "%d", year_now);
    text_at(out, CC_LABEL_W + 16, 16, NULL, 11, false, AXIS_COLOR, year);
    if (two) {
        rect_open(out, CC_LABEL_W + 70, 6, 12, 12, BEFORE_COLOR);
        isms__buf_puts(out, "/>\n");
        snprintf(year, sizeof year, "%d", year_before);
        text_at(out, CC_LABEL_W + 86, 16, NULL, 11, false, AXIS_COLOR, year);
    }

    /* Grid lines at 0, 25, 50, 75 and 100 % with their labels below. */
    for (int k = 0; k <= 4; k++) {
        double x = CC_LABEL_W + CC_BAR_W * k / 4.0;
        char t[32];
        line(out, x, top - 2, x, top + rows_h, GRID_COLOR, k > 0);
        isms__report_pct(t, sizeof t, r, k / 4.0);
        text_at(out, x, top + rows_h + 14, "middle", 10, false, AXIS_COLOR, t);
    }

    for (size_t i = 0; i < r->n_chapters; i++) {
        const isms__report_chapter *ch = &r->chapters[i];
        double y = top + (double)i * row_h + 4;
        char label[160];
        chapter_label(label, sizeof label, r, ch);
        text_at(out, CC_LABEL_W - 6, y + (two ? CC_BAR_H + 4 : CC_BAR_H - 2), "end", 11, false,
                AXIS_COLOR, label);
        compliance_bar(out, r, CC_LABEL_W, y, &ch->now, NOW_COLOR, "#000000");
        if (two) {
            if (ch->has_before)
                compliance_bar(out, r, CC_LABEL_W, y + CC_BAR_H + 2, &ch->before, BEFORE_COLOR,
                               "#505050");
            else
                text_at(out, CC_LABEL_W + 2, y + 2 * CC_BAR_H, NULL, 10, false, "#505050",
                        W("not-assessed"));
        }
    }
    isms__buf_puts(out, "</svg>\n");
}

/* ---- loss exceedance curve ---------------------------------------------------------------- */

#define LEC_W 640.0
#define LEC_H 330.0
#define LEC_LEFT 64.0
#define LEC_RIGHT 20.0
#define LEC_TOP 16.0
#define LEC_BOTTOM 56.0

/* A loss in a short form for axis ticks: "250", "1,5 tn" / "1.5k", "20 mn" / "20M". */
static void short_money(char *buf, size_t size, const isms__report *r, double v)
{
    const char *const units[] = { "", W("thousands-short"), W("millions-short"),
                                  W("billions-short") };
    int k = 0;
    double a = fabs(v);
    while (a >= 1000 && k < 3) {
        a /= 1000;
        v /= 1000;
        k++;
    }
    double rounded = floor(fabs(v) * 10 + 0.5) / 10;
    int decimals = (rounded == floor(rounded) || rounded >= 100) ? 0 : 1;
    char n[48];
    isms__report_dec(n, sizeof n, r, v, decimals);
    snprintf(buf, size, "%s%s", n, units[k]);
}

/* A "nice" step (1, 2 or 5 × 10^k) that cuts `range` into about `parts` pieces. */
static double nice_step(double range, int parts)
{
    double raw = range / parts;
    double p = pow(10, floor(log10(raw)));
    double f = raw / p;
    return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * p;
}

void isms__svg_lec(isms__buf *out, const isms__report *r)
{
    if (r->n_quant == 0)
        return;
    const isms_lec_point *pts = r->lec;
    size_t n = ISMS__REPORT_LEC_POINTS;
    double max_loss = 0, min_pos = 0;
    for (size_t i = 0; i < n; i++) {
        double loss = pts[i].loss;
        if (!isfinite(loss))
            continue;
        if (loss > max_loss)
            max_loss = loss;
        if (loss > 0 && (min_pos == 0 || loss < min_pos))
            min_pos = loss;
    }
    bool logscale = max_loss > 0 && min_pos > 0 && max_loss / min_pos > 100;
    double lo, hi;
    if (logscale) {
        /* Whole decades around the data (a hair of slack against log10's rounding). */
        lo = pow(10, floor(log10(min_pos) + 1e-9));
        hi = pow(10, ceil(log10(max_loss) - 1e-9));
        if (hi <= lo)
            hi = lo * 10;
    } else {
        lo = 0;
        hi = max_loss > 0 ? max_loss : 1;
        double step = nice_step(hi, 5);
        hi = ceil(hi / step - 1e-9) * step;
    }
    double pw = LEC_W - LEC_LEFT - LEC_RIGHT, ph = LEC_H - LEC_TOP - LEC_BOTTOM;
    double llo = logscale ? log10(lo) : 0, lhi = logscale ? log10(hi) : 0;

    open_svg(out, "lec", LEC_W, LEC_H);
    isms__buf_puts(out, "<title>");
    esc(out, W("lec-title"));
    isms__buf_puts(out, "</title>\n");
    rect_open(out, LEC_LEFT, LEC_TOP, pw, ph, "#ffffff");
    isms__buf_puts(out, " stroke=\"" AXIS_COLOR "\" stroke-width=\"1\"/>\n");

    /* Exceedance ticks: 0–100 % in steps of 20. */
    for (int k = 0; k <= 5; k++) {
        double y = LEC_TOP + ph - ph * k / 5.0;
        char t[32];
        if (k > 0 && k < 5)
            line(out, LEC_LEFT, y, LEC_LEFT + pw, y, GRID_COLOR, true);
        line(out, LEC_LEFT - 4, y, LEC_LEFT, y, AXIS_COLOR, false);
        isms__report_pct(t, sizeof t, r, k / 5.0);
        text_at(out, LEC_LEFT - 7, y + 4, "end", 10, false, AXIS_COLOR, t);
    }
    /* Loss ticks: each decade on a log scale (every other one when there are many), else a
     * nice step. */
    if (logscale) {
        int d0 = (int)floor(llo + 0.5), d1 = (int)floor(lhi + 0.5);
        int every = d1 - d0 > 8 ? 2 : 1;
        for (int d = d0; d <= d1; d += every) {
            double x = LEC_LEFT + pw * (d - llo) / (lhi - llo);
            char t[48];
            if (d > d0 && d < d1)
                line(out, x, LEC_TOP, x, LEC_TOP + ph, GRID_COLOR, true);
            line(out, x, LEC_TOP + ph, x, LEC_TOP + ph + 4, AXIS_COLOR, false);
            short_money(t, sizeof t, r, pow(10, d));
            text_at(out, x, LEC_TOP + ph + 16, "middle", 10, false, AXIS_COLOR, t);
        }
    } else {
        double step = nice_step(hi, 5);
        for (int k = 0; k * step <= hi * (1 + 1e-9) && k <= 20; k++) {
            double v = k * step;
            double x = LEC_LEFT + pw * v / hi;
            char t[48];
            if (k > 0 && v < hi * (1 - 1e-9))
                line(out, x, LEC_TOP, x, LEC_TOP + ph, GRID_COLOR, true);
            line(out, x, LEC_TOP + ph, x, LEC_TOP + ph + 4, AXIS_COLOR, false);
            short_money(t, sizeof t, r, v);
            text_at(out, x, LEC_TOP + ph + 16, "middle", 10, false, AXIS_COLOR, t);
        }
    }
    text_at(out, LEC_LEFT + pw / 2, LEC_H - 18, "middle", 12, true, AXIS_COLOR,
            W(logscale ? "annual-loss-log" : "annual-loss"));
    axis_title_y(out, LEC_TOP + ph / 2, W("exceedance"));

    /* The curve. */
    bool started = false;
    for (size_t i = 0; i < n; i++) {
        double loss = pts[i].loss, e = pts[i].exceedance;
        if (!isfinite(loss) || !isfinite(e) || (logscale && loss <= 0))
            continue;
        if (e < 0)
            e = 0;
        if (e > 1)
            e = 1;
        double fx = logscale ? (log10(loss) - llo) / (lhi - llo) : (loss - lo) / (hi - lo);
        if (fx < 0)
            fx = 0;
        if (fx > 1)
            fx = 1;
        isms__buf_puts(out, started ? " L " : "<path d=\"M ");
        num(out, LEC_LEFT + pw * fx);
        isms__buf_puts(out, " ");
        num(out, LEC_TOP + ph - ph * e);
        started = true;
    }
    if (started)
        isms__buf_puts(out, "\" fill=\"none\" stroke=\"" CURVE_COLOR "\" stroke-width=\"2\" "
                            "stroke-linejoin=\"round\"/>\n");

    /* The portfolio's annual loss expectancy as a dashed line. */
    double ale = r->portfolio.stats.ale;
    if (isfinite(ale) && ale > 0 && ale >= lo && ale <= hi) {
        double fx = logscale ? (log10(ale) - llo) / (lhi - llo) : (ale - lo) / (hi - lo);
        double x = LEC_LEFT + pw * fx;
        char t[64], v[48];
        line(out, x, LEC_TOP, x, LEC_TOP + ph, AXIS_COLOR, true);
        short_money(v, sizeof v, r, ale);
        snprintf(t, sizeof t, "ALE %s", v);
        text_at(out, x + (fx > 0.8 ? -4 : 4), LEC_TOP + 14, fx > 0.8 ? "end" : NULL, 10, false,
                AXIS_COLOR, t);
    }
    isms__buf_puts(out, "</svg>\n");
}
