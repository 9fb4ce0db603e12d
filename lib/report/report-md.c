/*
 * The management review as Markdown (isms__report_md): the layout of report.c as CommonMark
 * with GitHub's pipe tables. Every span goes through isms__escape_md_span(): `<`, `>` and
 * `&` become entities (no HTML gets in), Markdown's punctuation is escaped with a backslash
 * (no emphasis, links, images or code), table pipes are escaped (no extra cells), line
 * breaks become <br> (a cell stays one row), and what would open a block at the start of a
 * line (`-`, `+`, `=`, `1.`, indentation; `#` is escaped everywhere, since a heading's
 * closing `#`s would be dropped) is escaped or dropped.
 */
#include <string.h>

#include "report-internal.h"

static const char *span_text(const isms__layout *lay, const isms__span *sp)
{
    return lay->text.data + sp->off;
}

/* The spans of a block one after the other, bold ones between `**`; `starts_line` when the
 * first one begins a line of a paragraph or a bullet (not a heading's or a cell's text,
 * which block syntax cannot open). */
static void spans(isms__buf *out, const isms__layout *lay, size_t first, size_t count,
                  bool starts_line)
{
    for (size_t k = 0; k < count; k++) {
        const isms__span *sp = &lay->spans[first + k];
        const char *text = span_text(lay, sp);
        if (!(sp->style & ISMS__SPAN_BOLD)) {
            /* only the block's first span begins a line */
            isms__escape_md_span(out, text, starts_line && k == 0);
            continue;
        }
        /* "**" next to white space would not make bold text: it goes around the text
         * without the white space at its ends */
        size_t start = 0, len = 0;
        isms__trim_span(text, sp->len, &start, &len);
        if (len == 0)
            continue;
        char *trimmed = isms__strndup(text + start, len);
        if (!trimmed) {
            out->failed = true;
            return;
        }
        isms__buf_puts(out, "**");
        isms__escape_md_span(out, trimmed, false);
        isms__buf_puts(out, "**");
        isms__free(trimmed);
    }
}

static void table(isms__buf *out, const isms__layout *lay, const isms__block *bl)
{
    size_t cols = bl->cols;
    for (size_t row = 0; row < bl->rows; row++) {
        isms__buf_puts(out, "|");
        for (size_t k = 0; k < cols; k++) {
            isms__buf_puts(out, " ");
            spans(out, lay, bl->first + row * cols + k, 1, false);
            isms__buf_puts(out, " |");
        }
        isms__buf_puts(out, "\n");
        if (row == 0) {
            isms__buf_puts(out, "|");
            for (size_t k = 0; k < cols; k++) {
                /* a column of figures is aligned right */
                bool right = bl->rows > 1;
                for (size_t j = 1; j < bl->rows; j++)
                    if (!(lay->spans[bl->first + j * cols + k].style & ISMS__SPAN_NUM))
                        right = false;
                isms__buf_puts(out, right ? " ---: |" : " --- |");
            }
            isms__buf_puts(out, "\n");
        }
    }
}

static void fill(isms__buf *out, const isms__layout *lay, const isms__block *bl)
{
    const isms__span *sp = &lay->spans[bl->first];
    isms__buf_puts(out, "**");
    isms__escape_md_span(out, span_text(lay, sp), false);
    isms__buf_puts(out, ":**");
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
    for (size_t i = 0; i < lay.n_blocks; i++) {
        const isms__block *bl = &lay.blocks[i];
        bool list_goes_on = bl->kind == ISMS__BLOCK_ITEM && i > 0 &&
                            lay.blocks[i - 1].kind == ISMS__BLOCK_ITEM;
        if (i > 0 && !list_goes_on)
            isms__buf_puts(out, "\n");
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
        case ISMS__BLOCK_TABLE: table(out, &lay, bl); break;
        case ISMS__BLOCK_FILL: fill(out, &lay, bl); break;
        }
    }
    isms__layout_free(&lay);
}
