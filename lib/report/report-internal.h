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

/* One chapter (4–10) or Annex A group of the gap analysis, this year and last year; for an
 * assessment against an imported catalog, one of its top-level groups (and a last row for its
 * controls outside every group, when it has both). */
typedef struct isms__report_chapter {
    const char *id;          /* "4" … "10", or the group's id ("A.5", an imported catalog's
                                "AC" or "ac"); "" for the controls outside the groups; borrowed */
    const char *title;       /* its name in the report's language: the Swedish names of clauses
                                4–10 and of the 2022 themes, else the catalog's (English)
                                title (an imported catalog's title as read, in every language;
                                for the controls outside the groups, the report's word);
                                borrowed or static */
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
    const isms_assessment *current;   /* this year's: the assessment of the document's year,
                                         else the latest before it; NULL when none */
    const isms_assessment *previous;  /* last year's: the one before `current`; NULL when
                                         none */
    isms_summary now, before;         /* summaries (before: zero when no previous) */
    isms__report_chapter *chapters;   /* clauses 4–10 in scope, then Annex A groups */
    size_t n_chapters;
    isms__report_gap *gaps;           /* partial and no, in catalog order (isms_free) */
    size_t n_gaps;
    size_t overdue_gaps;
    isms_comparison *comparison;      /* previous → current when both exist and are of the
                                         same edition (2022 and 2022 with Amendment 1 count
                                         as one) or against the same imported catalog (its
                                         UUID), else NULL */
    size_t soa_applicable, soa_excluded, soa_undecided; /* Annex A entries of the current (the
                                         controls of an imported catalog) */

    /* classification */
    bool classified;                  /* the inventory could be classified */
    isms_inventory_summary inventory;
    isms_asset **due;                 /* assets due for reclassification this year */
    size_t n_due;
    size_t information_total;         /* information assets */
    size_t information_classified;    /* of them, with every aspect of the scheme assessed
                                         or overridden (what lint calls classified; an
                                         inherited level or a floor does not count) */

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
    bool imported;                    /* `current` is against an imported catalog (another
                                         framework, isms_catalog_parse_oscal()): `chapters`
                                         are its top-level groups, named as the catalog names
                                         them, and the report names the catalog by its title
                                         and version instead of an edition */
    bool other_catalog;               /* `previous` is against another catalog than `current`:
                                         one of them imported, or two imported ones with
                                         different UUIDs. Last year is then not set beside
                                         this year (no change, no comparison, no "before" per
                                         group), only named. Two editions of ISO/IEC 27001 are
                                         not other catalogs (their chapters are compared) */
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
 * Numbers as people read them in the report's language, written by isms__format_number()
 * (locale-free): Swedish groups thousands with a no-break space (U+00A0) and writes a
 * decimal comma; English uses "," and ".". */
/* A whole number with grouped thousands: "1 234 567" / "1,234,567". */
void isms__report_int(char *buf, size_t size, const isms__report *r, double value);
/* A number with `decimals` decimals (trailing zeros kept): "0,50" / "0.50". */
void isms__report_dec(char *buf, size_t size, const isms__report *r, double value,
                      int decimals);
/* A fraction as a percentage with at most one decimal: "62,5 %" / "62.5%"; "–" for NaN. */
void isms__report_pct(char *buf, size_t size, const isms__report *r, double fraction);
/* Decodes one UTF-8 sequence at s (not at its NUL) with isms__utf8_next(): its length and
 * code point, or 1 and U+FFFD for a byte that starts no valid sequence. */
size_t isms__report_decode(const char *s, uint32_t *cp);
/* A band's label in the report's language ("" for -1). */
const char *isms__report_band_label(const isms__report *r, int band);
/* An entry's title: its own text, else its item's title. */
const char *isms__report_entry_title(const isms_entry *e);
/* True for an Annex A control excluded from the Statement of Applicability. */
bool isms__report_excluded(const isms_entry *e);
/* True when an open action's due period ended before r->today. */
bool isms__report_action_overdue(const isms__report *r, const isms_action *a);

/* ---- the layout shared by the text, Markdown and HTML renderers (report.c) ----------------
 * report.c lays the report out once as blocks of spans; report-text.c, report-md.c and
 * report-html.c only format the blocks, so the three always hold the same words, figures,
 * columns and rows (and report-json.c the same figures). Texts live in `text`; spans point
 * into it by offset. Escaping is the renderer's job. */
enum {
    ISMS__SPAN_BOLD = 1,   /* emphasis */
    ISMS__SPAN_NUM = 2,    /* a figure (tables: aligned right) */
    ISMS__SPAN_DETAIL = 4, /* a detail of the text before it ("3/4" after "12 Mycket hög"):
                              the text formats put it in brackets after a space (see
                              isms__layout_pieces()), HTML on a line of its own in small type */
    ISMS__SPAN_KEY = 8     /* key-figure tables: the row begins a group (HTML: a card, the
                              value in large type) */
};
/* A marker word that qualifies what it follows ("försenad"): the text formats put it in
 * brackets after a space, several in one pair separated by "; " (isms__layout_pieces()), HTML
 * as a badge. The alerts (late, over) are bold in the text formats and red in HTML. */
typedef enum isms__tag {
    ISMS__TAG_NONE = 0,
    ISMS__TAG_LATE = 1,      /* overdue, or planned after its due date */
    ISMS__TAG_OVER = 2,      /* over capacity */
    ISMS__TAG_RECURRING = 3, /* a recurring action: how often */
    ISMS__TAG_PROGRESS = 4   /* in progress */
} isms__tag;
typedef struct isms__span {
    size_t off, len;     /* the text: layout->text.data + off, `len` bytes and a NUL */
    unsigned style;      /* ISMS__SPAN_* */
    int band;            /* a band of the matrix to colour it with, or -1 */
    isms__tag tag;       /* a marker word, or ISMS__TAG_NONE */
} isms__span;
/* A cell of a table: spans [first, first + count). */
typedef struct isms__cell {
    size_t first, count;
} isms__cell;
typedef enum isms__block_kind {
    ISMS__BLOCK_TITLE = 0,   /* the report's title (one span) */
    ISMS__BLOCK_HEADING = 1, /* a numbered heading, level 2 (a section, with its `anchor`) or 3
                                (one span) */
    ISMS__BLOCK_PARA = 2,    /* a paragraph (spans) */
    ISMS__BLOCK_ITEM = 3,    /* a bullet (spans); consecutive bullets make one list */
    ISMS__BLOCK_TABLE = 4,   /* a table: cols × rows cells, row-major, the header first */
    ISMS__BLOCK_FILL = 5,    /* a label and `rows` blank lines to write on by hand */
    ISMS__BLOCK_FIELD = 6,   /* a label (the first span) and its value (the others);
                                consecutive fields make one list */
    ISMS__BLOCK_FIGURE = 7,  /* a chart (`figure`) and its caption (spans; may be none). The
                                figures' data that text can show follows as a table flagged
                                ISMS__TABLE_DATA. */
    ISMS__BLOCK_QUOTE = 8    /* text of the document's own, one span per paragraph */
} isms__block_kind;
/* The charts of the HTML report (svg.c). */
typedef enum isms__figure {
    ISMS__FIGURE_NONE = 0,
    ISMS__FIGURE_HEAT_INHERENT = 1, /* isms__svg_heatmap(), inherent risk */
    ISMS__FIGURE_HEAT_RESIDUAL = 2, /* isms__svg_heatmap(), residual risk */
    ISMS__FIGURE_COMPLIANCE = 3,    /* isms__svg_compliance() */
    ISMS__FIGURE_LEC = 4,           /* isms__svg_lec() */
    ISMS__FIGURE_LOAD = 5           /* a paragraph's bar of a period's load against its
                                       capacity (period `index`) */
} isms__figure;
enum {
    ISMS__TABLE_KEYS = 1,  /* key figures: (label, value) rows in groups that begin with a
                              row whose cells are ISMS__SPAN_KEY */
    ISMS__TABLE_DATA = 2,  /* the data of the figure before it (HTML draws the figure and
                              leaves the table out) */
    ISMS__FIELD_TEXT = 4   /* a field whose label is a title and its value a text of its own
                              (the document's context), not a short label and value */
};
typedef struct isms__block {
    isms__block_kind kind;
    int level;           /* headings: 2 or 3 */
    size_t first, count; /* its spans; tables: its cells (isms__layout.cells) */
    size_t cols, rows;   /* tables: columns and rows (the header row included); fill: lines */
    unsigned flags;      /* ISMS__TABLE_*, ISMS__FIELD_TEXT */
    isms__figure figure; /* figures: the chart; paragraphs: ISMS__FIGURE_LOAD or none */
    size_t index;        /* ISMS__FIGURE_LOAD: the period */
    const char *anchor;  /* level-2 headings: the section's name for links ("risks"); static */
} isms__block;
typedef struct isms__layout {
    isms__buf text;
    isms__span *spans;
    size_t n_spans, cap_spans;
    isms__cell *cells;
    size_t n_cells, cap_cells;
    isms__block *blocks;
    size_t n_blocks, cap_blocks;
    bool failed;         /* out of memory somewhere (sticky) */
    /* while laying out: a table is open (every span is a cell of its own unless a cell of
     * several spans is open, from span `cell_mark`) */
    bool in_table, in_cell;
    size_t cell_mark;
} isms__layout;
/* Lays the report out; false when out of memory (the layout is then freed). */
bool isms__report_layout(isms__layout *lay, const isms__report *r);
void isms__layout_free(isms__layout *lay);
/* The text of a span (NUL-terminated). */
static inline const char *isms__span_text(const isms__layout *lay, const isms__span *sp)
{
    return lay->text.data + sp->off;
}
/* How the text formats join the spans [first, first + count) of a line or a cell: `piece` is
 * called with each span's text (`punct` false) and with the brackets and separators that a
 * detail or a marker word takes (`punct` true, given with the span they belong to):
 * "12 Hög" + detail "3/4" → "12 Hög (3/4)"; "Q1 2024" + tag "försenad" → "Q1 2024
 * (försenad)"; tags alone → "årligen; pågår". Empty spans are left out. */
typedef void (*isms__piece_fn)(void *ctx, const isms__span *sp, const char *text, bool punct);
void isms__layout_pieces(const isms__layout *lay, size_t first, size_t count,
                         isms__piece_fn piece, void *ctx);

/* The walk of the text and Markdown renderers over the blocks: the next block after `prev`
 * (NULL: from the first) that they show (a chart without a caption is left out: HTML draws
 * it), with the blank line that goes before it written to `out` (none before the first, nor
 * between consecutive items or fields: they make one list); NULL at the end or once `out`
 * has failed.
 *     for (const isms__block *bl = NULL; (bl = isms__layout_next(&lay, bl, out)) != NULL;)
 */
const isms__block *isms__layout_next(const isms__layout *lay, const isms__block *prev,
                                     isms__buf *out);

/* SVG charts (svg.c), inline in HTML: self-contained, no scripts, no external references,
 * every label escaped, sized in CSS pixels, with a <title> for accessibility. */
void isms__svg_heatmap(isms__buf *out, const isms__report *r, bool residual);
void isms__svg_compliance(isms__buf *out, const isms__report *r);
void isms__svg_lec(isms__buf *out, const isms__report *r);

/* Colours of the bands (svg.c), for the HTML report, its charts and the terminal. */
/* True when `color` is exactly "#rrggbb" (safe to write into an attribute). */
bool isms__svg_color_ok(const char *color);
/* The channels of "#rrggbb" into rgb[0..2]; false (rgb untouched) for anything else. */
bool isms__svg_rgb(const char *color, int rgb[3]);
/* "#000000" or "#ffffff", whichever contrasts more with the fill `color` ("#rrggbb"; black
 * for anything else; WCAG's relative luminance): the text colour of a band's cell. */
const char *isms__svg_ink(const char *color);

#endif
