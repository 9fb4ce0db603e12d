/*
 * The management review as Markdown (isms__report_md): the layout of report.c as CommonMark
 * with GitHub's pipe tables. Every span goes through isms__escape_md_span(): `<`, `>` and
 * `&` become entities (no HTML gets in), Markdown's punctuation is escaped with a backslash
 * (no emphasis, links, images or code), table pipes are escaped (no extra cells), line
 * breaks become <br> (a cell stays one row), and what would open a block at the start of a
 * line (`-`, `+`, `=`, `1.`, indentation; `#` is escaped everywhere, since a heading's
 * closing `#`s would be dropped) is escaped or dropped. Details and marker words go in
 * brackets after what they qualify (isms__layout_pieces()); the alerting markers are bold.
 */
#include <string.h>

#include "report-internal.h"

typedef struct md {
    isms__buf *out;
    bool line_start; /* the next piece begins a line of a paragraph or a bullet */
} md;

/* One piece of a line: punctuation as it is, text escaped, bold text between `**`. */
static void piece(void *ctx, const isms__span *sp, const char *text, bool punct)
{
    md *m = ctx;
    bool line_start = m->line_start;
    m->line_start = false;
    if (punct) {
        isms__buf_puts(m->out, text);
        return;
    }
    bool alert = sp->tag == ISMS__TAG_LATE || sp->tag == ISMS__TAG_OVER;
    if (!(sp->style & ISMS__SPAN_BOLD) && !alert) {
        isms__escape_md_span(m->out, text, line_start);
        return;
    }
    /* "**" next to white space would not make bold text: it goes around the text without
     * the white space at its ends */
    size_t start = 0, len = 0;
    isms__trim_span(text, strlen(text), &start, &len);
    if (len == 0)
        return;
    char *trimmed = isms__strndup(text + start, len);
    if (!trimmed) {
        m->out->failed = true;
        return;
    }
    isms__buf_puts(m->out, "**");
    isms__escape_md_span(m->out, trimmed, false);
    isms__buf_puts(m->out, "**");
    isms__free(trimmed);
}

/* Spans [first, first + count) one after the other; `starts_line` when the first one begins
 * a line of a paragraph or a bullet (not a heading's or a cell's text, which block syntax
 * cannot open). */
static void spans(isms__buf *out, const isms__layout *lay, size_t first, size_t count,
                  bool starts_line)
{
    md m = { out, starts_line };
    isms__layout_pieces(lay, first, count, piece, &m);
}

/* Text between `**` (trimmed: see piece()). */
static void bold(isms__buf *out, const isms__layout *lay, size_t span, const char *after)
{
    isms__span sp = lay->spans[span];
    sp.style |= ISMS__SPAN_BOLD;
    md m = { out, false };
    char *text = NULL;
    const char *s = isms__span_text(lay, &lay->spans[span]);
    if (after && *after) {
        size_t n = strlen(s), k = strlen(after);
        text = isms__malloc(n + k + 1);
        if (!text) {
            out->failed = true;
            return;
        }
        memcpy(text, s, n);
        memcpy(text + n, after, k + 1);
        s = text;
    }
    piece(&m, &sp, s, false);
    isms__free(text);
}

static bool numeric(const isms__layout *lay, const isms__cell *cl)
{
    return cl->count > 0 && (lay->spans[cl->first].style & ISMS__SPAN_NUM);
}

static void table(isms__buf *out, const isms__layout *lay, const isms__block *bl)
{
    size_t cols = bl->cols;
    for (size_t row = 0; row < bl->rows; row++) {
        isms__buf_puts(out, "|");
        for (size_t k = 0; k < cols; k++) {
            const isms__cell *cl = &lay->cells[bl->first + row * cols + k];
            isms__buf_puts(out, " ");
            spans(out, lay, cl->first, cl->count, false);
            isms__buf_puts(out, " |");
        }
        isms__buf_puts(out, "\n");
        if (row == 0) {
            isms__buf_puts(out, "|");
            for (size_t k = 0; k < cols; k++) {
                /* a column of figures is aligned right */
                bool right = bl->rows > 1;
                for (size_t j = 1; j < bl->rows; j++)
                    if (!numeric(lay, &lay->cells[bl->first + j * cols + k]))
                        right = false;
                isms__buf_puts(out, right ? " ---: |" : " --- |");
            }
            isms__buf_puts(out, "\n");
        }
    }
}

/* "- **label:** value", or "- **label**" without a value. */
static void field(isms__buf *out, const isms__layout *lay, const isms__block *bl)
{
    if (bl->count == 0)
        return;
    bool value = false;
    for (size_t i = 1; i < bl->count; i++)
        value = value || lay->spans[bl->first + i].len > 0;
    isms__buf_puts(out, "- ");
    bold(out, lay, bl->first, value ? ":" : NULL);
    if (value) {
        isms__buf_puts(out, " ");
        spans(out, lay, bl->first + 1, bl->count - 1, false);
    }
    isms__buf_puts(out, "\n");
}

static void fill(isms__buf *out, const isms__layout *lay, const isms__block *bl)
{
    if (bl->count > 0)
        bold(out, lay, bl->first, ":");
    if (bl->rows <= 1) {
        isms__buf_puts(out, " ");
        for (int i = 0; i < 30; i++)
            isms__buf_puts(out, "\\_");
        isms__buf_puts(out, "\n");
        return;
    }
    isms__buf_puts(out, "\n");
    for (size_t j = 0; j < bl->rows; j++) {
        isms__buf_puts(out, "\n");
        for (int i = 0; i < 60; i++)
            isms__buf_puts(out, "\\_");
        isms__buf_puts(out, "\n");
    }
}

void isms__report_md(isms__buf *out, const isms__report *r)
{
    isms__layout lay;
    if (!isms__report_layout(&lay, r)) {
        out->failed = true;
        return;
    }
    for (const isms__block *bl = NULL; (bl = isms__layout_next(&lay, bl, out)) != NULL;) {
        switch (bl->kind) {
        case ISMS__BLOCK_TITLE:
            isms__buf_puts(out, "# ");
            spans(out, &lay, bl->first, bl->count, false);
            isms__buf_puts(out, "\n");
            break;
        case ISMS__BLOCK_HEADING:
            isms__buf_puts(out, bl->level <= 2 ? "## " : "### ");
            spans(out, &lay, bl->first, bl->count, false);
            isms__buf_puts(out, "\n");
            break;
        case ISMS__BLOCK_PARA:
            spans(out, &lay, bl->first, bl->count, true);
            isms__buf_puts(out, "\n");
            break;
        case ISMS__BLOCK_ITEM:
            isms__buf_puts(out, "- ");
            spans(out, &lay, bl->first, bl->count, true);
            isms__buf_puts(out, "\n");
            break;
        case ISMS__BLOCK_FIELD: field(out, &lay, bl); break;
        case ISMS__BLOCK_FIGURE: /* its caption */
            for (size_t k = 0; k < bl->count; k++)
                bold(out, &lay, bl->first + k, NULL);
            isms__buf_puts(out, "\n");
            break;
        case ISMS__BLOCK_QUOTE:
            for (size_t k = 0; k < bl->count; k++) {
                if (k > 0)
                    isms__buf_puts(out, "\n");
                spans(out, &lay, bl->first + k, 1, true);
                isms__buf_puts(out, "\n");
            }
            break;
        case ISMS__BLOCK_TABLE: table(out, &lay, bl); break;
        case ISMS__BLOCK_FILL: fill(out, &lay, bl); break;
        }
    }
    isms__layout_free(&lay);
}
