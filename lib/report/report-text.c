/*
 * The management review as plain text for a terminal (isms__report_text): the layout of
 * report.c with aligned tables, wrapped to options.width columns. Widths are display
 * columns of UTF-8 (combining marks take none, East Asian wide characters two), not bytes.
 * Details and marker words go in brackets after what they qualify (isms__layout_pieces()).
 * With options.color, headings, table headers and alerting markers are bold and bands are
 * painted in their colours with ANSI escapes, the text in black or white as isms__svg_ink()
 * picks it for the HTML; without it the output holds no escape at all. User text has its
 * control characters replaced (isms__escape_text), so it cannot move the cursor or change
 * colours. Charts are HTML's: text shows their data tables and captions.
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
    size_t *owner;  /* for each byte of tmp, the span it belongs to */
    size_t cap_owner;
    lines ls;
} ctx;

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

/* The look of a span: its style, and bold for the alerting marker words. */
static unsigned look(const isms__span *sp)
{
    bool alert = sp->tag == ISMS__TAG_LATE || sp->tag == ISMS__TAG_OVER;
    return sp->style | (alert ? ISMS__SPAN_BOLD : 0);
}

/* Starts the look of a span: bold, or a band's colour as the background with black or
 * white text, whichever contrasts more (isms__svg_ink(), as the HTML's cells). */
static void style_on(ctx *c, unsigned style, int band)
{
    if (!c->color)
        return;
    if (band >= 0) {
        isms_band b;
        int rgb[3];
        if (isms_matrix_band(&b, c->r->matrix, (size_t)band) == ISMS_OK &&
            isms__svg_rgb(b.color, rgb)) {
            bool black = strcmp(isms__svg_ink(b.color), "#000000") == 0;
            isms__buf_printf(c->out, "\033[%s48;2;%d;%d;%d;38;2;%sm",
                             style & ISMS__SPAN_BOLD ? "1;" : "", rgb[0], rgb[1], rgb[2],
                             black ? "0;0;0" : "255;255;255");
            return;
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

/* ---- composing the text of spans ------------------------------------------------------------ */

typedef struct compose {
    ctx *c;
    isms__buf *text;   /* escaped text */
    size_t **owner;    /* the span of each byte */
    size_t *cap;
} compose;

static void own(compose *k, size_t from, size_t span)
{
    if (k->text->failed)
        return;
    if (!isms__grow((void **)k->owner, k->cap, k->text->len + 1, sizeof **k->owner)) {
        k->text->failed = true;
        return;
    }
    for (size_t i = from; i < k->text->len; i++)
        (*k->owner)[i] = span;
}

static void put_piece(void *ctx_, const isms__span *sp, const char *text, bool punct)
{
    compose *k = ctx_;
    size_t before = k->text->len;
    if (punct)
        isms__buf_puts(k->text, text);
    else
        isms__escape_text(k->text, text);
    own(k, before, (size_t)(sp - k->c->lay->spans));
}

/* Appends the escaped text of spans [first, first + count) joined as isms__layout_pieces()
 * says, recording each byte's span. */
static void compose_spans(compose *k, size_t first, size_t count)
{
    isms__layout_pieces(k->c->lay, first, count, put_piece, k);
}

/* The text of a block's spans in c->tmp, with c->owner; for a field the label, ": " and the
 * value, and the label's length in *split (else 0). False when out of memory. */
static bool gather(ctx *c, const isms__block *bl, size_t *split)
{
    compose k = { c, &c->tmp, &c->owner, &c->cap_owner };
    c->tmp.len = 0;
    *split = 0;
    if (bl->kind == ISMS__BLOCK_FIELD && bl->count > 0) {
        compose_spans(&k, bl->first, 1);
        size_t label_end = c->tmp.len;
        size_t before = c->tmp.len;
        bool value = false;
        for (size_t i = 1; i < bl->count; i++)
            value = value || c->lay->spans[bl->first + i].len > 0;
        if (value) {
            isms__buf_puts(&c->tmp, ": ");
            own(&k, before, bl->first);
            compose_spans(&k, bl->first + 1, bl->count - 1);
        }
        *split = label_end;
    } else {
        compose_spans(&k, bl->first, bl->count);
    }
    if (c->tmp.failed || (!c->owner && !isms__grow((void **)&c->owner, &c->cap_owner, 1,
                                                    sizeof *c->owner))) {
        c->out->failed = true;
        return false;
    }
    return true;
}

/* Writes bytes [a, b) of `text`, switching looks where the span changes. */
static void emit_styled(ctx *c, const char *text, const size_t *owner, size_t a, size_t b,
                        unsigned extra)
{
    size_t i = a;
    while (i < b) {
        size_t k = owner[i], j = i;
        while (j < b && owner[j] == k)
            j++;
        const isms__span *sp = &c->lay->spans[k];
        unsigned style = look(sp) | extra;
        style_on(c, style, sp->band);
        isms__buf_append(c->out, text + i, j - i);
        style_off(c, style, sp->band);
        i = j;
    }
}

/* Writes bytes [a, b) of c->tmp, those before `split` bold too. */
static void emit_split(ctx *c, size_t a, size_t b, size_t split, unsigned extra)
{
    size_t mid = a < split ? (b < split ? b : split) : a;
    emit_styled(c, c->tmp.data, c->owner, a, mid, extra | ISMS__SPAN_BOLD);
    emit_styled(c, c->tmp.data, c->owner, mid, b, extra);
}

/* A paragraph, a heading, a bullet or a field: wrapped, with `first_prefix` on the first line
 * and `prefix` on the others. Returns the widest line's width. */
static size_t flow(ctx *c, const isms__block *bl, const char *first_prefix, const char *prefix,
                   unsigned extra)
{
    size_t split;
    if (!gather(c, bl, &split))
        return 0;
    size_t indent = width_of(prefix, strlen(prefix));
    size_t avail = c->width > indent + 10 ? c->width - indent : 10;
    const char *text = c->tmp.data ? c->tmp.data : "";
    wrap(&c->ls, text, c->tmp.len, avail);
    size_t widest = 0;
    for (size_t i = 0; i < c->ls.n && !c->ls.failed; i++) {
        isms__buf_puts(c->out, i == 0 ? first_prefix : prefix);
        emit_split(c, c->ls.v[i].start, c->ls.v[i].end, split, extra);
        isms__buf_puts(c->out, "\n");
        size_t w = width_of(text + c->ls.v[i].start, c->ls.v[i].end - c->ls.v[i].start);
        if (w > widest)
            widest = w;
    }
    if (c->ls.failed)
        c->out->failed = true;
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

/* True when a cell holds a figure (its first span does). */
static bool numeric(const ctx *c, const isms__cell *cl)
{
    return cl->count > 0 && (c->lay->spans[cl->first].style & ISMS__SPAN_NUM);
}

/* A table too wide for the width, as records: "Header: value" per cell, wrapped, with a
 * blank line between rows. */
static void records(ctx *c, const isms__block *bl)
{
    size_t cols = bl->cols;
    compose k = { c, &c->tmp, &c->owner, &c->cap_owner };
    for (size_t row = 1; row < bl->rows && !c->out->failed; row++) {
        if (row > 1)
            isms__buf_puts(c->out, "\n");
        for (size_t col = 0; col < cols; col++) {
            const isms__cell *head = &c->lay->cells[bl->first + col];
            const isms__cell *cl = &c->lay->cells[bl->first + row * cols + col];
            c->tmp.len = 0;
            compose_spans(&k, head->first, head->count);
            if (c->tmp.len) { /* a row's label has no header */
                size_t before = c->tmp.len;
                isms__buf_puts(&c->tmp, ": ");
                own(&k, before, head->first);
            }
            size_t split = c->tmp.len;
            compose_spans(&k, cl->first, cl->count);
            if (c->tmp.failed || (!c->owner && !isms__grow((void **)&c->owner,
                                                             &c->cap_owner, 1,
                                                             sizeof *c->owner))) {
                c->out->failed = true;
                break;
            }
            wrap(&c->ls, c->tmp.data ? c->tmp.data : "", c->tmp.len,
                 c->width > 12 ? c->width - 2 : 10);
            if (c->ls.failed) {
                c->out->failed = true;
                break;
            }
            for (size_t i = 0; i < c->ls.n; i++) {
                isms__buf_puts(c->out, i == 0 ? "" : "  ");
                /* the header part bold, the value in its own look */
                emit_split(c, c->ls.v[i].start, c->ls.v[i].end, split, 0);
                isms__buf_puts(c->out, "\n");
            }
        }
    }
}

static void table(ctx *c, const isms__block *bl)
{
    size_t cols = bl->cols, rows = bl->rows, n = cols * rows;
    if (cols == 0 || rows == 0)
        return;
    isms__buf text;
    isms__buf_init(&text);
    size_t *owner = NULL, cap = 0;
    compose k = { c, &text, &owner, &cap };
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
        const isms__cell *cell = &c->lay->cells[bl->first + i];
        ci[i].off = text.len;
        compose_spans(&k, cell->first, cell->count);
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
    for (size_t col = 0; col < cols; col++) {
        right[col] = rows > 1;
        for (size_t row = 1; row < rows; row++)
            if (!numeric(c, &c->lay->cells[bl->first + row * cols + col]))
                right[col] = false;
        for (size_t row = 0; row < rows; row++) {
            const cellinfo *x = &ci[row * cols + col];
            if (x->width > wcol[col])
                wcol[col] = x->width;
            /* figures are not broken; words (headers too) may be */
            size_t mw = right[col] && row > 0 ? x->width : (x->word < 24 ? x->word : 24);
            if (mw > minw[col])
                minw[col] = mw;
        }
        if (minw[col] < 1)
            minw[col] = 1;
    }
    /* fit the width: narrow the widest column first, down to its longest word (24 columns
     * at most); then with one space between columns instead of two; then with words of
     * more than 16 columns broken; and when nothing fits, records */
    size_t content = 0, sep = 2;
    int stage = 0;
    for (size_t col = 0; col < cols; col++)
        content += wcol[col];
    for (;;) {
        size_t best = cols;
        if (content + sep * (cols - 1) <= c->width)
            break;
        for (size_t col = 0; col < cols; col++)
            if (wcol[col] > minw[col] && (best == cols || wcol[col] > wcol[best]))
                best = col;
        if (best < cols) {
            wcol[best]--;
            content--;
        } else if (stage == 0) {
            stage = 1;
            sep = 1;
        } else if (stage == 1) {
            stage = 2;
            for (size_t col = 0; col < cols; col++)
                if (minw[col] > 16 && !right[col])
                    minw[col] = 16;
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
        for (size_t col = 0; col < cols; col++) {
            const cellinfo *x = &ci[row * cols + col];
            wrap(&cl[col], base + x->off, x->len, wcol[col]);
            if (cl[col].failed) {
                c->out->failed = true;
                goto done;
            }
            if (cl[col].n > height)
                height = cl[col].n;
        }
        for (size_t h = 0; h < height; h++) {
            size_t pending = 0; /* padding not yet written (dropped at the line's end) */
            for (size_t col = 0; col < cols; col++) {
                const cellinfo *x = &ci[row * cols + col];
                size_t a = 0, len = 0;
                if (h < cl[col].n) {
                    a = x->off + cl[col].v[h].start;
                    len = cl[col].v[h].end - cl[col].v[h].start;
                }
                size_t w = width_of(base + a, len);
                size_t pad = wcol[col] > w ? wcol[col] - w : 0;
                if (col > 0)
                    pending += sep;
                if (len == 0) {
                    pending += wcol[col];
                    continue;
                }
                if (right[col])
                    pending += pad;
                spaces(c->out, pending);
                pending = 0;
                emit_styled(c, base, owner, a, a + len, row == 0 ? ISMS__SPAN_BOLD : 0);
                if (!right[col])
                    pending += pad;
            }
            isms__buf_puts(c->out, "\n");
        }
        if (row == 0) {
            size_t pending = 0;
            for (size_t col = 0; col < cols; col++) {
                if (col > 0)
                    pending += sep;
                spaces(c->out, pending);
                pending = 0;
                repeat(c->out, "-", wcol[col]);
            }
            isms__buf_puts(c->out, "\n");
        }
    }
done:
    if (cl)
        for (size_t col = 0; col < cols; col++)
            isms__free(cl[col].v);
    isms__free(cl);
    isms__free(right);
    isms__free(minw);
    isms__free(wcol);
    isms__free(ci);
    isms__free(owner);
    isms__buf_free(&text);
}

/* A label and lines to write on by hand. */
static void fill(ctx *c, const isms__block *bl)
{
    size_t split;
    if (!gather(c, bl, &split))
        return;
    size_t rule = c->width < 72 ? c->width : 72;
    emit_styled(c, c->tmp.data ? c->tmp.data : "", c->owner, 0, c->tmp.len, 0);
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
}

/* Text of the document's own: each span a paragraph. */
static void quote(ctx *c, const isms__block *bl)
{
    for (size_t i = 0; i < bl->count && !c->out->failed; i++) {
        if (i > 0)
            isms__buf_puts(c->out, "\n");
        isms__block one = *bl;
        one.kind = ISMS__BLOCK_PARA;
        one.first = bl->first + i;
        one.count = 1;
        flow(c, &one, "", "", 0);
    }
}

void isms__report_text(isms__buf *out, const isms__report *r)
{
    isms__layout lay;
    if (!isms__report_layout(&lay, r)) {
        out->failed = true;
        return;
    }
    ctx c = { out, r, &lay, r->opt.width, r->opt.color, { NULL, 0, 0, false }, NULL, 0,
              { NULL, 0, 0, false } };
    for (const isms__block *bl = NULL; (bl = isms__layout_next(&lay, bl, out)) != NULL;) {
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
        case ISMS__BLOCK_FIELD: flow(&c, bl, "- ", "  ", 0); break;
        case ISMS__BLOCK_FIGURE: flow(&c, bl, "", "", ISMS__SPAN_BOLD); break;
        case ISMS__BLOCK_QUOTE: quote(&c, bl); break;
        case ISMS__BLOCK_TABLE: table(&c, bl); break;
        case ISMS__BLOCK_FILL: fill(&c, bl); break;
        }
    }
    isms__buf_free(&c.tmp);
    isms__free(c.owner);
    isms__free(c.ls.v);
    isms__layout_free(&lay);
}
