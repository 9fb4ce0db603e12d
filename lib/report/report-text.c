/*
 * The management review as plain text for a terminal (isms__report_text): the layout of
 * report.c with aligned tables, wrapped to options.width columns. Widths are display
 * columns of UTF-8 (combining marks take none, East Asian wide characters two), not bytes.
 * With options.color, headings and table headers are bold and bands are painted in their
 * colours with ANSI escapes; without it the output holds no escape at all. User text has
 * its control characters replaced (isms__escape_text), so it cannot move the cursor or
 * change colours.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report-internal.h"

/* Display columns of [s, s + n): isms_text_width() (lib/base/text.c). */
static size_t width_of(const char *s, size_t n)
{
    return isms_text_width(s, n);
}

/* ---- wrapping ----------------------------------------------------------------------------- */

typedef struct line {
    size_t start, end; /* bytes of the text */
} line;

typedef struct lines {
    line *v;
    size_t n, cap;
    bool failed;
} lines;

static void push_line(lines *ls, const char *s, size_t start, size_t end)
{
    while (end > start && s[end - 1] == ' ')
        end--;
    if (!isms__grow((void **)&ls->v, &ls->cap, ls->n + 1, sizeof *ls->v)) {
        ls->failed = true;
        return;
    }
    ls->v[ls->n].start = start;
    ls->v[ls->n].end = end;
    ls->n++;
}

/* Breaks [s, s + n) into lines of at most `width` columns, at spaces where it can and
 * inside a word where a word alone is wider. Always at least one line. */
static void wrap(lines *ls, const char *s, size_t n, size_t width)
{
    ls->n = 0;
    if (width < 1)
        width = 1;
    size_t pos = 0;
    while (!ls->failed) {
        while (pos < n && s[pos] == ' ')
            pos++;
        if (pos >= n)
            break;
        size_t start = pos, i = pos, w = 0, last_space = 0, last_hyphen = 0;
        bool overflow = false;
        while (i < n) {
            if (s[i] == ' ')
                last_space = i;
            else if ((s[i] == '-' || s[i] == '/') && i >= start + 2)
                last_hyphen = i + 1; /* a break after it keeps it on the line */
            uint32_t cp;
            size_t len = isms__report_decode(s + i, &cp);
            size_t cw = width_of(s + i, len);
            if (w + cw > width) {
                overflow = true;
                break;
            }
            w += cw;
            i += len;
        }
        if (!overflow) {
            push_line(ls, s, start, n);
            pos = n;
        } else if (s[i] == ' ') {
            push_line(ls, s, start, i);
            pos = i;
        } else if (last_space > start) {
            push_line(ls, s, start, last_space);
            pos = last_space;
        } else if (last_hyphen > start && last_hyphen < i) {
            push_line(ls, s, start, last_hyphen);
            pos = last_hyphen;
        } else {
            if (i == start) { /* a character wider than the column: it goes alone */
                uint32_t cp;
                i += isms__report_decode(s + i, &cp);
            }
            push_line(ls, s, start, i);
            pos = i;
        }
    }
    if (ls->n == 0 && !ls->failed)
        push_line(ls, s, 0, 0);
}

/* ---- output ------------------------------------------------------------------------------- */

typedef struct ctx {
    isms__buf *out;
    const isms__report *r;
    const isms__layout *lay;
    size_t width;
    bool color;
    isms__buf tmp;  /* escaped text */
    lines ls;
} ctx;

static const char *span_text(const ctx *c, const isms__span *sp)
{
    return c->lay->text.data + sp->off;
}

static void spaces(isms__buf *out, size_t n)
{
    static const char blanks[] = "                                ";
    while (n > 0) {
        size_t k = n < sizeof blanks - 1 ? n : sizeof blanks - 1;
        isms__buf_append(out, blanks, k);
        n -= k;
    }
}

static void repeat(isms__buf *out, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        isms__buf_puts(out, s);
}

static int hex(char ch)
{
    if (ch >= '0' && ch <= '9')
        return ch - '0';
    if (ch >= 'a' && ch <= 'f')
        return ch - 'a' + 10;
    if (ch >= 'A' && ch <= 'F')
        return ch - 'A' + 10;
    return -1;
}

/* Starts the look of a span: bold, or a band's colour as the background with black or
 * white text, whichever reads better. */
static void style_on(ctx *c, unsigned style, int band)
{
    if (!c->color)
        return;
    if (band >= 0) {
        isms_band b;
        if (isms_matrix_band(&b, c->r->matrix, (size_t)band) == ISMS_OK && b.color &&
            strlen(b.color) == 7 && b.color[0] == '#') {
            int rgb[3];
            bool ok = true;
            for (int k = 0; k < 3; k++) {
                int hi = hex(b.color[1 + 2 * k]), lo = hex(b.color[2 + 2 * k]);
                ok = ok && hi >= 0 && lo >= 0;
                rgb[k] = hi * 16 + lo;
            }
            if (ok) {
                int luma = (299 * rgb[0] + 587 * rgb[1] + 114 * rgb[2]) / 1000;
                isms__buf_printf(c->out, "\033[%s48;2;%d;%d;%d;38;2;%sm",
                                 style & ISMS__SPAN_BOLD ? "1;" : "", rgb[0], rgb[1], rgb[2],
                                 luma > 140 ? "0;0;0" : "255;255;255");
                return;
            }
        }
    }
    if (style & ISMS__SPAN_BOLD)
        isms__buf_puts(c->out, "\033[1m");
}

static bool styled(const ctx *c, unsigned style, int band)
{
    return c->color && ((style & ISMS__SPAN_BOLD) || band >= 0);
}

static void style_off(ctx *c, unsigned style, int band)
{
    if (styled(c, style, band))
        isms__buf_puts(c->out, "\033[0m");
}

/* The escaped text of spans [first, first + count) in c->tmp, with the span each byte
 * came from in `owner` (allocated; NULL when out of memory). */
static size_t *gather_spans(ctx *c, size_t first, size_t count)
{
    c->tmp.len = 0;
    size_t cap = 0, *owner = NULL;
    for (size_t k = 0; k < count; k++) {
        size_t before = c->tmp.len;
        isms__escape_text(&c->tmp, span_text(c, &c->lay->spans[first + k]));
        if (c->tmp.failed)
            break;
        if (!isms__grow((void **)&owner, &cap, c->tmp.len + 1, sizeof *owner)) {
            c->tmp.failed = true;
            break;
        }
        for (size_t i = before; i < c->tmp.len; i++)
            owner[i] = first + k;
    }
    if (c->tmp.failed || (!owner && !isms__grow((void **)&owner, &cap, 1, sizeof *owner))) {
        isms__free(owner);
        c->out->failed = true;
        return NULL;
    }
    return owner;
}

/* Writes bytes [a, b) of c->tmp, switching looks where the span changes. */
static void emit_styled(ctx *c, const size_t *owner, size_t a, size_t b, unsigned extra)
{
    size_t i = a;
    while (i < b) {
        size_t k = owner[i], j = i;
        while (j < b && owner[j] == k)
            j++;
        const isms__span *sp = &c->lay->spans[k];
        style_on(c, sp->style | extra, sp->band);
        isms__buf_append(c->out, c->tmp.data + i, j - i);
        style_off(c, sp->style | extra, sp->band);
        i = j;
    }
}

/* A paragraph, a heading or a bullet: wrapped, with `first_prefix` on the first line and
 * `prefix` on the others. Returns the widest line's width. */
static size_t flow(ctx *c, const isms__block *bl, const char *first_prefix, const char *prefix,
                   unsigned extra)
{
    size_t *owner = gather_spans(c, bl->first, bl->count);
    if (!owner)
        return 0;
    size_t indent = width_of(prefix, strlen(prefix));
    size_t avail = c->width > indent + 10 ? c->width - indent : 10;
    const char *text = c->tmp.data ? c->tmp.data : "";
    wrap(&c->ls, text, c->tmp.len, avail);
    size_t widest = 0;
    for (size_t i = 0; i < c->ls.n && !c->ls.failed; i++) {
        isms__buf_puts(c->out, i == 0 ? first_prefix : prefix);
        emit_styled(c, owner, c->ls.v[i].start, c->ls.v[i].end, extra);
        isms__buf_puts(c->out, "\n");
        size_t w = width_of(text + c->ls.v[i].start, c->ls.v[i].end - c->ls.v[i].start);
        if (w > widest)
            widest = w;
    }
    if (c->ls.failed)
        c->out->failed = true;
    isms__free(owner);
    return widest;
}

static void heading(ctx *c, const isms__block *bl, const char *rule)
{
    size_t w = flow(c, bl, "", "", ISMS__SPAN_BOLD);
    repeat(c->out, rule, w);
    isms__buf_puts(c->out, "\n");
}

/* ---- tables ------------------------------------------------------------------------------- */

typedef struct cellinfo {
    size_t off, len;   /* escaped text in the table's buffer */
    size_t width;      /* its display width on one line */
    size_t word;       /* its widest word */
} cellinfo;

/* A table too wide for the width, as records: "Header: value" per cell, wrapped, with a
 * blank line between rows. */
static void records(ctx *c, const isms__block *bl)
{
    size_t cols = bl->cols, cap = 0, *owner = NULL;
    for (size_t row = 1; row < bl->rows && !c->out->failed; row++) {
        if (row > 1)
            isms__buf_puts(c->out, "\n");
        for (size_t k = 0; k < cols; k++) {
            size_t head = bl->first + k, cell = bl->first + row * cols + k;
            c->tmp.len = 0;
            isms__escape_text(&c->tmp, span_text(c, &c->lay->spans[head]));
            if (c->tmp.len) /* a row's label has no header */
                isms__buf_puts(&c->tmp, ": ");
            size_t split = c->tmp.len;
            isms__escape_text(&c->tmp, span_text(c, &c->lay->spans[cell]));
            if (c->tmp.failed ||
                !isms__grow((void **)&owner, &cap, c->tmp.len + 1, sizeof *owner)) {
                c->out->failed = true;
                break;
            }
            for (size_t i = 0; i < c->tmp.len; i++)
                owner[i] = i < split ? head : cell;
            wrap(&c->ls, c->tmp.data ? c->tmp.data : "", c->tmp.len,
                 c->width > 12 ? c->width - 2 : 10);
            if (c->ls.failed) {
                c->out->failed = true;
                break;
            }
            for (size_t i = 0; i < c->ls.n; i++) {
                isms__buf_puts(c->out, i == 0 ? "" : "  ");
                /* the header part bold, the value in its own look */
                size_t a = c->ls.v[i].start, b = c->ls.v[i].end;
                size_t mid = a < split ? (b < split ? b : split) : a;
                emit_styled(c, owner, a, mid, ISMS__SPAN_BOLD);
                emit_styled(c, owner, mid, b, 0);
                isms__buf_puts(c->out, "\n");
            }
        }
    }
    isms__free(owner);
}

static void table(ctx *c, const isms__block *bl)
{
    size_t cols = bl->cols, rows = bl->rows, n = cols * rows;
    if (cols == 0 || rows == 0)
        return;
    isms__buf text;
    isms__buf_init(&text);
    cellinfo *ci = isms__calloc(n, sizeof *ci);
    size_t *wcol = isms__calloc(cols, sizeof *wcol);
    size_t *minw = isms__calloc(cols, sizeof *minw);
    bool *right = isms__calloc(cols, sizeof *right);
    lines *cl = isms__calloc(cols, sizeof *cl);
    if (!ci || !wcol || !minw || !right || !cl) {
        c->out->failed = true;
        goto done;
    }
    /* escape and measure every cell */
    for (size_t i = 0; i < n; i++) {
        const isms__span *sp = &c->lay->spans[bl->first + i];
        ci[i].off = text.len;
        isms__escape_text(&text, span_text(c, sp));
        ci[i].len = text.len - ci[i].off;
        if (text.failed)
            break;
        const char *s = text.data ? text.data + ci[i].off : "";
        ci[i].width = width_of(s, ci[i].len);
        /* its widest word: words end at spaces and after hyphens and slashes, where
         * wrap() may break too */
        size_t a = 0;
        while (a < ci[i].len) {
            size_t b = a;
            while (b < ci[i].len && s[b] != ' ' &&
                   !(b > a && (s[b - 1] == '-' || s[b - 1] == '/')))
                b++;
            size_t w = width_of(s + a, b - a);
            if (w > ci[i].word)
                ci[i].word = w;
            a = b < ci[i].len && s[b] == ' ' ? b + 1 : b;
        }
    }
    if (text.failed) {
        c->out->failed = true;
        goto done;
    }
    /* a column of figures is aligned right and not wrapped */
    for (size_t k = 0; k < cols; k++) {
        right[k] = rows > 1;
        for (size_t row = 1; row < rows; row++)
            if (!(c->lay->spans[bl->first + row * cols + k].style & ISMS__SPAN_NUM))
                right[k] = false;
        for (size_t row = 0; row < rows; row++) {
            const cellinfo *x = &ci[row * cols + k];
            if (x->width > wcol[k])
                wcol[k] = x->width;
            size_t mw = right[k] ? x->width : (x->word < 24 ? x->word : 24);
            if (mw > minw[k])
                minw[k] = mw;
        }
        if (minw[k] < 1)
            minw[k] = 1;
    }
    /* fit the width: narrow the widest column first, down to its longest word (24 columns
     * at most); then with one space between columns instead of two; then with words of
     * more than 16 columns broken; and when nothing fits, records */
    size_t content = 0, sep = 2;
    int stage = 0;
    for (size_t k = 0; k < cols; k++)
        content += wcol[k];
    for (;;) {
        size_t best = cols;
        if (content + sep * (cols - 1) <= c->width)
            break;
        for (size_t k = 0; k < cols; k++)
            if (wcol[k] > minw[k] && (best == cols || wcol[k] > wcol[best]))
                best = k;
        if (best < cols) {
            wcol[best]--;
            content--;
        } else if (stage == 0) {
            stage = 1;
            sep = 1;
        } else if (stage == 1) {
            stage = 2;
            for (size_t k = 0; k < cols; k++)
                if (minw[k] > 16 && !right[k])
                    minw[k] = 16;
        } else {
            break;
        }
    }
    if (content + sep * (cols - 1) > c->width) {
        records(c, bl);
        goto done;
    }
    /* rows */
    const char *base = text.data ? text.data : "";
    for (size_t row = 0; row < rows && !c->out->failed; row++) {
        size_t height = 1;
        for (size_t k = 0; k < cols; k++) {
            const cellinfo *x = &ci[row * cols + k];
            wrap(&cl[k], base + x->off, x->len, wcol[k]);
            if (cl[k].failed) {
                c->out->failed = true;
                goto done;
            }
            if (cl[k].n > height)
                height = cl[k].n;
        }
        for (size_t h = 0; h < height; h++) {
            size_t pending = 0; /* padding not yet written (dropped at the line's end) */
            for (size_t k = 0; k < cols; k++) {
                const cellinfo *x = &ci[row * cols + k];
                const isms__span *sp = &c->lay->spans[bl->first + row * cols + k];
                const char *s = "";
                size_t len = 0;
                if (h < cl[k].n) {
                    s = base + x->off + cl[k].v[h].start;
                    len = cl[k].v[h].end - cl[k].v[h].start;
                }
                size_t w = width_of(s, len);
                size_t pad = wcol[k] > w ? wcol[k] - w : 0;
                if (k > 0)
                    pending += sep;
                if (len == 0) {
                    pending += wcol[k];
                    continue;
                }
                if (right[k])
                    pending += pad;
                spaces(c->out, pending);
                pending = 0;
                unsigned style = sp->style | (row == 0 ? ISMS__SPAN_BOLD : 0);
                style_on(c, style, sp->band);
                isms__buf_append(c->out, s, len);
                style_off(c, style, sp->band);
                if (!right[k])
                    pending += pad;
            }
            isms__buf_puts(c->out, "\n");
        }
        if (row == 0) {
            size_t pending = 0;
            for (size_t k = 0; k < cols; k++) {
                if (k > 0)
                    pending += sep;
                spaces(c->out, pending);
                pending = 0;
                repeat(c->out, "-", wcol[k]);
            }
            isms__buf_puts(c->out, "\n");
        }
    }
done:
    if (cl)
        for (size_t k = 0; k < cols; k++)
            isms__free(cl[k].v);
    isms__free(cl);
    isms__free(right);
    isms__free(minw);
    isms__free(wcol);
    isms__free(ci);
    isms__buf_free(&text);
}

/* A label and lines to write on by hand. */
static void fill(ctx *c, const isms__block *bl)
{
    size_t *owner = gather_spans(c, bl->first, bl->count);
    if (!owner)
        return;
    size_t rule = c->width < 72 ? c->width : 72;
    emit_styled(c, owner, 0, c->tmp.len, 0);
    isms__buf_puts(c->out, ":");
    if (bl->rows <= 1) {
        size_t used = width_of(c->tmp.data ? c->tmp.data : "", c->tmp.len) + 2;
        size_t room = c->width > used + 10 ? c->width - used : 10;
        isms__buf_puts(c->out, " ");
        repeat(c->out, "_", room < 40 ? room : 40);
        isms__buf_puts(c->out, "\n");
    } else {
        isms__buf_puts(c->out, "\n");
        for (size_t i = 0; i < bl->rows; i++) {
            isms__buf_puts(c->out, "\n");
            repeat(c->out, "_", rule);
            isms__buf_puts(c->out, "\n");
        }
    }
    isms__free(owner);
}

void isms__report_text(isms__buf *out, const isms__report *r)
{
    isms__layout lay;
    if (!isms__report_layout(&lay, r)) {
        out->failed = true;
        return;
    }
    ctx c = { out, r, &lay, r->opt.width, r->opt.color, { NULL, 0, 0, false },
              { NULL, 0, 0, false } };
    for (size_t i = 0; i < lay.n_blocks && !out->failed; i++) {
        const isms__block *bl = &lay.blocks[i];
        bool list_goes_on = bl->kind == ISMS__BLOCK_ITEM && i > 0 &&
                            lay.blocks[i - 1].kind == ISMS__BLOCK_ITEM;
        if (i > 0 && !list_goes_on)
            isms__buf_puts(out, "\n");
        switch (bl->kind) {
        case ISMS__BLOCK_TITLE: heading(&c, bl, "="); break;
        case ISMS__BLOCK_HEADING:
            if (bl->level <= 2)
                heading(&c, bl, "-");
            else
                flow(&c, bl, "", "", ISMS__SPAN_BOLD);
            break;
        case ISMS__BLOCK_PARA: flow(&c, bl, "", "", 0); break;
        case ISMS__BLOCK_ITEM: flow(&c, bl, "- ", "  ", 0); break;
        case ISMS__BLOCK_TABLE: table(&c, bl); break;
        case ISMS__BLOCK_FILL: fill(&c, bl); break;
        }
    }
    isms__buf_free(&c.tmp);
    isms__free(c.ls.v);
    isms__layout_free(&lay);
}
