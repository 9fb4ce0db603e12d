/*
 * Internal model of the management review (lib/report/), shared by the gatherer (report.c)
 * and the renderers (report-text.c, report-md.c, report-html.c, report-json.c) and the SVG
 * charts (svg.c). Nothing here is exported.
 *
 * report.c computes every figure once into an isms__report; each renderer only formats it,
 * so that the four formats always show the same numbers. Renderers append to an isms__buf
 * (lib/internal.h; its `failed` flag is sticky, so they check it once at the end).
 */
#ifndef ISMS_REPORT_INTERNAL_H
#define ISMS_REPORT_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "isms/report.h"
#include "internal.h"

/* One chapter (4–10) or Annex A group of the gap analysis, this year and last year. */
typedef struct isms__report_chapter {
    const char *id;          /* "4" … "10", or the group's id ("A.5"); borrowed */
    const char *title;       /* the catalog's title (English; the catalog has no Swedish) */
    isms_tally now;          /* this year's tally */
    isms_tally before;       /* last year's (all zero when there is no last year) */
    bool has_before;         /* last year's assessment has this chapter in scope */
} isms__report_chapter;

/* A partial or missing requirement of the current assessment, with its plan. */
typedef struct isms__report_gap {
    const isms_entry *entry; /* borrowed from the current assessment */
    bool overdue;            /* its due period ended before the reference date */
} isms__report_gap;

/* One result of the quantitative simulation. */
typedef struct isms__report_quant {
    const char *risk_id;     /* borrowed */
    const char *title;       /* the risk's title; borrowed */
    isms_sim_stats stats;
    double p50, p90, p99;    /* percentiles of the annual loss */
    double var95, es95;      /* value at risk and expected shortfall at 95 % */
} isms__report_quant;

#define ISMS__REPORT_LEC_POINTS 40 /* points of each loss exceedance curve */

typedef struct isms__report {
    /* inputs */
    isms_document *doc;
    isms_report_options opt;   /* resolved (defaults filled in) */
    isms_lang lang;            /* = opt.lang */
    isms_date today;           /* isms_document_today() */
    const char *title;         /* the document's title, or the default one (owned: title_buf) */
    char title_buf[256];

    /* risks */
    const isms_matrix *matrix;
    isms_risk **risks;         /* sorted by inherent value, highest first (isms_free) */
    size_t n_risks;
    size_t *band_inherent;     /* per band of the matrix (isms_free); */
    size_t *band_residual;     /*   residual as the register counts it: a risk without
                                    residual levels counts at its inherent value */
    size_t n_bands;
    size_t unscored;           /* risks whose levels are not on the matrix */
    size_t *heat_inherent;     /* [l * n_consequence + c], lowest levels first (isms_free) */
    size_t *heat_residual;
    size_t n_likelihood, n_consequence;

    /* gap analysis */
    const isms_assessment *current;   /* latest; NULL when none */
    const isms_assessment *previous;  /* the one before; NULL when none */
    isms_summary now, before;         /* summaries (before: zero when no previous) */
    isms__report_chapter *chapters;   /* clauses 4–10 in scope, then Annex A groups */
    size_t n_chapters;
    isms__report_gap *gaps;           /* partial and no, in catalog order (isms_free) */
    size_t n_gaps;
    size_t overdue_gaps;
    isms_comparison *comparison;      /* previous → current when both exist and share an
                                         edition, else NULL */
    size_t soa_applicable, soa_excluded, soa_undecided; /* Annex A entries of the current */

    /* classification */
    bool classified;                  /* the inventory could be classified */
    isms_inventory_summary inventory;
    isms_asset **due;                 /* assets due for reclassification this year */
    size_t n_due;
    size_t information_total;         /* information assets */
    size_t information_classified;    /* of them, with every aspect classified */

    /* plan */
    isms_schedule *schedule;          /* NULL when the plan is empty */
    isms_action **ranked;             /* isms_plan_prioritise() order (isms_free) */
    size_t n_ranked;
    size_t overdue_actions;           /* open actions whose due period has passed */

    /* quantitative */
    isms_simulation *simulation;      /* NULL when no models or simulation is off */
    isms__report_quant *quant;        /* one per model (isms_free) */
    size_t n_quant;
    isms__report_quant portfolio;     /* all models together */
    isms_lec_point lec[ISMS__REPORT_LEC_POINTS]; /* the portfolio's curve */

    /* findings of every lint */
    isms_findings *findings;

    /* ---- added by report.c's author (only additions below this line) ---- */
    size_t unscored_residual;         /* risks without a residual value */
    size_t above_inherent;            /* risks whose inherent value is above the matrix's */
    size_t above_residual;            /*   acceptance threshold; residual likewise */
    size_t overdue_reviews;           /* of `due`: the next review date is before `today` */
    size_t open_actions;              /* proposed, planned or in progress */
    char plan_error[512];             /* why the plan was not scheduled (a prerequisite that
                                         no action has), or "" */
    char sim_error[512];              /* why the models were not simulated, or "" */
    size_t sim_iterations;            /* the settings' iterations and seed */
    unsigned long long sim_seed;
} isms__report;

/* Computes everything. On failure everything gathered so far is released. */
int isms__report_gather(isms__report *r, isms_document *doc, const isms_report_options *opt);
void isms__report_release(isms__report *r);

/* Renderers: append the whole report to `out`. */
void isms__report_text(isms__buf *out, const isms__report *r);
void isms__report_md(isms__buf *out, const isms__report *r);
void isms__report_html(isms__buf *out, const isms__report *r);
void isms__report_json(isms__buf *out, const isms__report *r);

/* Shared words of the report in both languages (report.c): `isms__report_word(r, "risks")`
 * gives "Risker" or "Risks". Unknown keys give the key itself. */
const char *isms__report_word(const isms__report *r, const char *key);

/* Escaping of user text (report.c). */
void isms__escape_html(isms__buf *out, const char *text);     /* & < > " ' */
void isms__escape_md(isms__buf *out, const char *text);       /* Markdown specials, pipes,
                                                                  line breaks as <br> */
/* isms__escape_md() for text that begins a line (`line_start`: what would open a block,
 * a heading, a list item or an indented code block, is escaped or dropped) or continues one. */
void isms__escape_md_span(isms__buf *out, const char *text, bool line_start);
void isms__escape_json(isms__buf *out, const char *text);     /* a JSON string with quotes */
void isms__escape_text(isms__buf *out, const char *text);     /* control characters as
                                                                  spaces (no ANSI injection) */

/* ---- helpers for every renderer (report.c) ----------------------------------------------
 * Numbers as people read them in the report's language: Swedish groups thousands with a
 * no-break space (U+00A0) and writes a decimal comma; English uses "," and ".". */
/* A whole number with grouped thousands: "1 234 567" / "1,234,567". */
void isms__report_int(char *buf, size_t size, const isms__report *r, double value);
/* A number with `decimals` decimals (trailing zeros kept): "0,50" / "0.50". */
void isms__report_dec(char *buf, size_t size, const isms__report *r, double value,
                      int decimals);
/* A fraction as a percentage with at most one decimal: "62,5 %" / "62.5%"; "–" for NaN. */
void isms__report_pct(char *buf, size_t size, const isms__report *r, double fraction);
/* Decodes one UTF-8 sequence at s (not at its NUL): its length and code point, or 1 and
 * U+FFFD for a byte that starts no valid sequence. */
size_t isms__report_decode(const char *s, uint32_t *cp);
/* A band's label in the report's language ("" for -1). */
const char *isms__report_band_label(const isms__report *r, int band);
/* True when an open action's due period ended before r->today. */
bool isms__report_action_overdue(const isms__report *r, const isms_action *a);

/* ---- the layout shared by the text and Markdown renderers (report.c) ---------------------
 * report.c lays the report out once as blocks of spans; report-text.c and report-md.c only
 * format the blocks, so the two always hold the same words and figures. Texts live in
 * `text`; spans point into it by offset. Escaping is the renderer's job. */
enum {
    ISMS__SPAN_BOLD = 1,  /* emphasis */
    ISMS__SPAN_NUM = 2    /* a figure (tables: aligned right) */
};
typedef struct isms__span {
    size_t off, len;     /* the text: layout->text.data + off, `len` bytes and a NUL */
    unsigned style;      /* ISMS__SPAN_* */
    int band;            /* a band of the matrix to colour it with, or -1 */
} isms__span;
typedef enum isms__block_kind {
    ISMS__BLOCK_TITLE = 0,   /* the report's title (one span) */
    ISMS__BLOCK_HEADING = 1, /* a numbered heading, level 2 or 3 (one span) */
    ISMS__BLOCK_PARA = 2,    /* a paragraph (spans) */
    ISMS__BLOCK_ITEM = 3,    /* a bullet (spans); consecutive bullets make one list */
    ISMS__BLOCK_TABLE = 4,   /* a table: cols × rows spans, row-major, the header first */
    ISMS__BLOCK_FILL = 5     /* a label and `rows` blank lines to write on by hand */
} isms__block_kind;
typedef struct isms__block {
    isms__block_kind kind;
    int level;           /* headings: 2 or 3 */
    size_t first, count; /* its spans */
    size_t cols, rows;   /* tables: columns and rows (the header row included); fill: lines */
} isms__block;
typedef struct isms__layout {
    isms__buf text;
    isms__span *spans;
    size_t n_spans, cap_spans;
    isms__block *blocks;
    size_t n_blocks, cap_blocks;
    bool failed;         /* out of memory somewhere (sticky) */
} isms__layout;
/* Lays the report out; false when out of memory (the layout is then freed). */
bool isms__report_layout(isms__layout *lay, const isms__report *r);
void isms__layout_free(isms__layout *lay);

/* SVG charts (svg.c), inline in HTML: self-contained, no scripts, no external references,
 * every label escaped, sized in CSS pixels, with a <title> for accessibility. */
void isms__svg_heatmap(isms__buf *out, const isms__report *r, bool residual);
void isms__svg_compliance(isms__buf *out, const isms__report *r);
void isms__svg_lec(isms__buf *out, const isms__report *r);

/* Helpers of the HTML report and its charts (svg.c). */
/* Numbers: isms__format_number() (lib/internal.h), locale-free. */
/* True when `color` is exactly "#rrggbb" (safe to write into an attribute). */
bool isms__svg_color_ok(const char *color);
/* "#000000" or "#ffffff", whichever contrasts more with the fill `color` ("#rrggbb"; black
 * for anything else): the text colour of a band's cell. */
const char *isms__svg_ink(const char *color);
/* The name of a chapter or Annex A group in the report's language: the Swedish names of
 * clauses 4–10 and of the 2022 themes, else the catalog's (English) title. */
const char *isms__report_chapter_name(const isms__report *r, const isms__report_chapter *ch);

#endif
