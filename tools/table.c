/* Tables of the `isms` command: aligned text for terminals, Markdown, HTML and CSV. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

typedef struct tcell {
    char *text;
    cli_color color;
} tcell;

typedef struct trow {
    tcell *cells;   /* ncols cells; NULL for a section */
    size_t filled;
    char *section;  /* the heading of a section, else NULL */
    cli_color color;
} trow;

struct table {
    size_t ncols;
    char **headers;
    unsigned *flags;
    trow *rows;
    size_t nrows, cap;
    bool no_header;
};

table *table_new(size_t ncols)
{
    table *t = xcalloc(1, sizeof *t);
    t->ncols = ncols;
    t->headers = xcalloc(ncols, sizeof *t->headers);
    t->flags = xcalloc(ncols, sizeof *t->flags);
    return t;
}

void table_free(table *t)
{
    if (!t)
        return;
    for (size_t r = 0; r < t->nrows; r++) {
        if (t->rows[r].cells)
            for (size_t i = 0; i < t->ncols; i++)
                free(t->rows[r].cells[i].text);
        free(t->rows[r].cells);
        free(t->rows[r].section);
    }
    for (size_t i = 0; i < t->ncols; i++)
        free(t->headers[i]);
    free(t->headers);
    free(t->flags);
    free(t->rows);
    free(t);
}

void table_col(table *t, size_t i, const char *header, unsigned flags)
{
    if (i >= t->ncols)
        return;
    free(t->headers[i]);
    t->headers[i] = xstrdup(header);
    t->flags[i] = flags;
}

void table_no_header(table *t)
{
    t->no_header = true;
}

table *table_new_kv(const cli *c, unsigned value_flags)
{
    table *t = table_new(2);
    table_col(t, 0, T(c, "Fält", "Field"), COL_LEFT);
    table_col(t, 1, T(c, "Värde", "Value"), value_flags);
    table_no_header(t);
    return t;
}

static trow *table_push(table *t)
{
    if (t->nrows == t->cap) {
        t->cap = t->cap ? t->cap * 2 : 16;
        t->rows = xrealloc(t->rows, t->cap * sizeof *t->rows);
    }
    trow *r = &t->rows[t->nrows++];
    memset(r, 0, sizeof *r);
    return r;
}

void table_section(table *t, const char *title)
{
    trow *r = table_push(t);
    r->section = xstrdup(title);
}

void table_row(table *t)
{
    trow *r = table_push(t);
    r->cells = xcalloc(t->ncols, sizeof *r->cells);
}

void table_key(table *t, const char *key)
{
    table_row(t);
    table_cell(t, key, COLOR_BOLD);
}

void table_row_color(table *t, cli_color color)
{
    if (t->nrows && t->rows[t->nrows - 1].cells)
        t->rows[t->nrows - 1].color = color;
}

void table_cell(table *t, const char *text, cli_color color)
{
    if (!t->nrows || !t->rows[t->nrows - 1].cells)
        table_row(t);
    trow *r = &t->rows[t->nrows - 1];
    if (r->filled >= t->ncols)
        return;
    r->cells[r->filled].text = xstrdup(text ? text : "");
    r->cells[r->filled].color = color;
    r->filled++;
}

void table_cellf(table *t, cli_color color, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *text = xvasprintf(fmt, ap);
    va_end(ap);
    table_cell(t, text, color);
    free(text);
}

size_t table_rows(const table *t)
{
    size_t n = 0;
    for (size_t r = 0; r < t->nrows; r++)
        if (t->rows[r].cells)
            n++;
    return n;
}

static const char *cell_text(const trow *r, size_t i)
{
    return r->cells[i].text ? r->cells[i].text : "";
}

/* ---- text ------------------------------------------------------------------------------ */

/* Lines of wrapped text. */
typedef struct lines {
    char **v;
    size_t n, cap;
} lines;

static void lines_add(lines *l, const char *s, size_t n)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 4;
        l->v = xrealloc(l->v, l->cap * sizeof *l->v);
    }
    char *p = xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    l->v[l->n++] = p;
}

static void lines_free(lines *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i]);
    free(l->v);
    l->v = NULL;
    l->n = l->cap = 0;
}

/* Greedy word wrap of one line of safe text (no line breaks) to `width` columns (0: none).
 * The one copy of word wrapping in the command. */
static void wrap_paragraph(lines *l, const char *s, size_t n, size_t width)
{
    if (width == 0 || isms_text_width(s, n) <= width) {
        lines_add(l, s, n);
        return;
    }
    strbuf cur;
    sb_init(&cur);
    size_t cur_w = 0;
    size_t at = 0;
    while (at < n) {
        while (at < n && s[at] == ' ')
            at++;
        size_t end = at;
        while (end < n && s[end] != ' ')
            end++;
        if (end == at)
            break;
        const char *word = s + at;
        size_t wlen = end - at;
        size_t ww = isms_text_width(word, wlen);
        if (cur.len > 0 && cur_w + 1 + ww <= width) {
            sb_putc(&cur, ' ');
            sb_add(&cur, word, wlen);
            cur_w += 1 + ww;
        } else {
            if (cur.len > 0) {
                lines_add(l, cur.data, cur.len);
                cur.len = 0;
                cur.data[0] = '\0';
                cur_w = 0;
            }
            /* A word longer than the line is cut. */
            while (ww > width) {
                size_t k = isms_text_fit(word, wlen, width);
                if (k == 0)
                    k = 1;
                lines_add(l, word, k);
                word += k;
                wlen -= k;
                ww = isms_text_width(word, wlen);
            }
            sb_add(&cur, word, wlen);
            cur_w = ww;
        }
        at = end;
    }
    if (cur.len > 0 || l->n == 0)
        lines_add(l, cur.data, cur.len);
    sb_free(&cur);
}

static void put_colored(strbuf *b, const cli *c, const char *s, cli_color color)
{
    if (c->color && color != COLOR_NONE && *s) {
        sb_puts(b, color_on(color));
        sb_puts(b, s);
        sb_puts(b, COLOR_OFF);
    } else {
        sb_puts(b, s);
    }
}

/* Removes spaces at the end of the buffer (after the last line break). */
static void trim_line(strbuf *b)
{
    while (b->len > 0 && b->data[b->len - 1] == ' ')
        b->data[--b->len] = '\0';
}

/* Safe text wrapped to `width` after a lead of `lead_cols` columns, later lines indented. */
static void paragraph_colored(strbuf *b, const cli *c, const char *lead, size_t lead_cols,
                              size_t indent, const char *safe, cli_color color)
{
    size_t width = c->term_width;
    size_t first = width > lead_cols ? width - lead_cols : 0;
    size_t rest = width > indent ? width - indent : 0;
    if (width > 0 && first < 10)
        first = 10; /* a lead wider than the line: let the line run over */
    if (width > 0 && rest < 10)
        rest = 10;
    lines l = {0};
    wrap_paragraph(&l, safe, strlen(safe), first);
    sb_puts(b, lead);
    if (l.n > 0)
        put_colored(b, c, l.v[0], color);
    trim_line(b);
    sb_putc(b, '\n');
    if (l.n > 1) {
        /* The rest again, to the width of the later lines. */
        strbuf tail;
        sb_init(&tail);
        for (size_t i = 1; i < l.n; i++) {
            if (i > 1)
                sb_putc(&tail, ' ');
            sb_puts(&tail, l.v[i]);
        }
        lines r = {0};
        wrap_paragraph(&r, tail.data, tail.len, rest);
        for (size_t i = 0; i < r.n; i++) {
            sb_repeat(b, " ", indent);
            put_colored(b, c, r.v[i], color);
            trim_line(b);
            sb_putc(b, '\n');
        }
        lines_free(&r);
        sb_free(&tail);
    }
    lines_free(&l);
}

void text_paragraph(strbuf *b, const cli *c, const char *lead, size_t lead_cols, size_t indent,
                    const char *text)
{
    char *safe = term_safe(text);
    paragraph_colored(b, c, lead ? lead : "", lead_cols, indent, safe, COLOR_NONE);
    free(safe);
}

/* The table made ready for text: every string terminal-safe, the visible columns, widths. */
typedef struct text_layout {
    size_t n;         /* columns */
    bool *vis;
    char **head;      /* safe headers */
    char ***cell;     /* safe cells by row (NULL for a section) */
    char **section;   /* safe section titles by row */
    size_t *natural;  /* widest line of each column, header included */
    size_t *soft;     /* narrowest without cutting a word (wrap columns) */
    size_t *min;      /* narrowest each column may become */
    size_t *width;    /* the width chosen */
    size_t nvis, last;
} text_layout;

/* Columns narrower than this are not made by wrapping (unless the text is narrower). */
#define WRAP_MIN 10
/* The same for the values of a table without headers (a key–value list). */
#define KV_WRAP_MIN 24

/* The widest word of safe text. */
static size_t longest_word(const char *s)
{
    size_t best = 0;
    while (*s) {
        while (*s == ' ')
            s++;
        size_t n = strcspn(s, " ");
        size_t w = isms_text_width(s, n);
        if (w > best)
            best = w;
        s += n;
    }
    return best;
}

static void layout_init(text_layout *L, const table *t)
{
    size_t n = t->ncols;
    L->n = n;
    L->vis = xcalloc(n, sizeof *L->vis);
    L->head = xcalloc(n, sizeof *L->head);
    L->cell = xcalloc(t->nrows ? t->nrows : 1, sizeof *L->cell);
    L->section = xcalloc(t->nrows ? t->nrows : 1, sizeof *L->section);
    L->natural = xcalloc(n, sizeof *L->natural);
    L->min = xcalloc(n, sizeof *L->min);
    L->soft = xcalloc(n, sizeof *L->soft);
    L->width = xcalloc(n, sizeof *L->width);
    L->nvis = L->last = 0;
    for (size_t i = 0; i < n; i++) {
        L->vis[i] = !(t->flags[i] & COL_CSV);
        L->head[i] = term_safe(t->headers[i]);
        if (L->vis[i]) {
            L->last = i;
            L->nvis++;
        }
    }
    for (size_t r = 0; r < t->nrows; r++) {
        if (t->rows[r].section) {
            L->section[r] = term_safe(t->rows[r].section);
            continue;
        }
        L->cell[r] = xcalloc(n, sizeof *L->cell[r]);
        for (size_t i = 0; i < n; i++)
            L->cell[r][i] = term_safe(cell_text(&t->rows[r], i));
    }
    for (size_t i = 0; i < n; i++) {
        if (!L->vis[i])
            continue;
        size_t hw = t->no_header ? 0 : text_cols(L->head[i]);
        size_t w = hw, word = 0;
        for (size_t r = 0; r < t->nrows; r++) {
            if (!L->cell[r])
                continue;
            size_t cw = text_cols(L->cell[r][i]);
            if (cw > w)
                w = cw;
            if (t->flags[i] & COL_WRAP) {
                size_t lw = longest_word(L->cell[r][i]);
                if (lw > word)
                    word = lw;
            }
        }
        L->natural[i] = w;
        L->width[i] = w;
        if (t->flags[i] & COL_WRAP) {
            /* Key–value lists read better one pair a line than with a narrow value. */
            size_t floor = t->no_header ? KV_WRAP_MIN : WRAP_MIN;
            L->min[i] = hw > floor ? hw : (w < floor ? w : floor);
            L->soft[i] = word > L->min[i] ? word : L->min[i];
        } else {
            L->min[i] = L->soft[i] = w;
        }
    }
}

static void layout_free(text_layout *L, const table *t)
{
    for (size_t r = 0; r < t->nrows; r++) {
        if (L->cell[r])
            for (size_t i = 0; i < L->n; i++)
                free(L->cell[r][i]);
        free(L->cell[r]);
        free(L->section[r]);
    }
    for (size_t i = 0; i < L->n; i++)
        free(L->head[i]);
    free(L->vis);
    free(L->head);
    free(L->cell);
    free(L->section);
    free(L->natural);
    free(L->min);
    free(L->soft);
    free(L->width);
}

static size_t layout_total(const text_layout *L, const size_t *w)
{
    size_t total = L->nvis > 0 ? 2 * (L->nvis - 1) : 0;
    for (size_t i = 0; i < L->n; i++)
        if (L->vis[i])
            total += w[i];
    return total;
}

/* Narrows columns, the widest first, down to `floor`, until the total is `width`. */
static size_t narrow(text_layout *L, const size_t *floor, size_t total, size_t width)
{
    while (total > width) {
        size_t best = L->n;
        for (size_t i = 0; i < L->n; i++)
            if (L->vis[i] && L->width[i] > floor[i] &&
                (best == L->n || L->width[i] > L->width[best]))
                best = i;
        if (best == L->n)
            break;
        L->width[best]--;
        total--;
    }
    return total;
}

/* Narrows the wrap columns until the table fits `width`: first without cutting words, then
 * as far as their minimum. Returns false when it cannot fit. */
static bool layout_fit(text_layout *L, size_t width)
{
    if (width == 0)
        return true;
    size_t total = layout_total(L, L->width);
    if (total <= width)
        return true;
    if (layout_total(L, L->min) > width)
        return false;
    total = narrow(L, L->soft, total, width);
    if (total > width) {
        /* Words must be cut: start again from the natural widths, so that the cuts are
         * spread over the columns by width alone. */
        memcpy(L->width, L->natural, L->n * sizeof *L->width);
        total = narrow(L, L->min, layout_total(L, L->width), width);
    }
    return total <= width;
}

/* One line of column `i` (safe text): padded to the column's width on the side its
 * alignment says, then the gap to the next column (none after the last). */
static void put_aligned(const table *t, const text_layout *L, strbuf *b, const cli *c,
                        size_t i, const char *s, cli_color color)
{
    size_t w = text_cols(s);
    size_t pad = L->width[i] > w ? L->width[i] - w : 0;
    bool right = (t->flags[i] & COL_RIGHT) != 0;
    if (right)
        sb_repeat(b, " ", pad);
    put_colored(b, c, s, color);
    if (i != L->last) {
        if (!right)
            sb_repeat(b, " ", pad);
        sb_puts(b, "  ");
    }
}

static void text_header(const table *t, const text_layout *L, strbuf *b, const cli *c)
{
    if (t->no_header)
        return;
    for (size_t i = 0; i < L->n; i++) {
        if (!L->vis[i])
            continue;
        put_aligned(t, L, b, c, i, L->head[i], COLOR_BOLD);
    }
    trim_line(b);
    sb_putc(b, '\n');
    for (size_t i = 0; i < L->n; i++) {
        if (!L->vis[i])
            continue;
        sb_repeat(b, "-", L->width[i]);
        if (i != L->last)
            sb_puts(b, "  ");
    }
    sb_putc(b, '\n');
}

static void text_section(strbuf *b, const cli *c, const char *safe, bool after)
{
    if (after)
        sb_putc(b, '\n');
    paragraph_colored(b, c, "", 0, 0, safe, COLOR_BOLD);
}

/* Aligned columns. */
static void render_columns(const table *t, const text_layout *L, strbuf *b, const cli *c)
{
    size_t n = L->n;
    bool header_due = true;
    bool any = false;
    lines *cl = xcalloc(n, sizeof *cl);
    for (size_t r = 0; r < t->nrows; r++) {
        const trow *row = &t->rows[r];
        if (row->section) {
            text_section(b, c, L->section[r], any);
            any = true;
            header_due = true;
            continue;
        }
        if (header_due) {
            text_header(t, L, b, c);
            header_due = false;
        }
        any = true;
        size_t height = 1;
        for (size_t i = 0; i < n; i++) {
            if (!L->vis[i])
                continue;
            const char *s = L->cell[r][i];
            wrap_paragraph(&cl[i], s, strlen(s), L->width[i] < L->natural[i] ? L->width[i] : 0);
            if (cl[i].n > height)
                height = cl[i].n;
        }
        for (size_t k = 0; k < height; k++) {
            for (size_t i = 0; i < n; i++) {
                if (!L->vis[i])
                    continue;
                const char *s = k < cl[i].n ? cl[i].v[k] : "";
                cli_color color = row->cells[i].color ? row->cells[i].color : row->color;
                put_aligned(t, L, b, c, i, s, color);
            }
            trim_line(b);
            sb_putc(b, '\n');
        }
        for (size_t i = 0; i < n; i++)
            lines_free(&cl[i]);
    }
    free(cl);
    if (header_due && !any)
        text_header(t, L, b, c);
}

/* One record per row: "Header: value" lines, values wrapped under each other; a blank line
 * between records. Tables without headers: the first cell is the label. */
static void render_records(const table *t, const text_layout *L, strbuf *b, const cli *c)
{
    size_t label_w = 0;
    if (!t->no_header)
        for (size_t i = 0; i < L->n; i++)
            if (L->vis[i] && text_cols(L->head[i]) > label_w)
                label_w = text_cols(L->head[i]);
    size_t width = c->term_width;
    /* Labels as wide as half the line or more: values go under them. */
    bool under = width > 0 && label_w + 2 > width / 2;
    bool any = false, first_in_section = true;
    strbuf lead;
    sb_init(&lead);
    for (size_t r = 0; r < t->nrows; r++) {
        const trow *row = &t->rows[r];
        if (row->section) {
            text_section(b, c, L->section[r], any);
            any = true;
            first_in_section = true;
            continue;
        }
        if (!first_in_section && !t->no_header)
            sb_putc(b, '\n');
        first_in_section = false;
        any = true;
        if (t->no_header) {
            /* "label: value  value" */
            size_t i0 = L->n;
            strbuf v;
            sb_init(&v);
            for (size_t i = 0; i < L->n; i++) {
                if (!L->vis[i])
                    continue;
                if (i0 == L->n) {
                    i0 = i;
                    continue;
                }
                const char *cv = L->cell[r][i] + strspn(L->cell[r][i], " ");
                if (v.len && *cv)
                    sb_puts(&v, "  ");
                sb_puts(&v, cv);
            }
            lead.len = 0;
            lead.data[0] = '\0';
            const char *label = i0 < L->n ? L->cell[r][i0] + strspn(L->cell[r][i0], " ") : "";
            put_colored(&lead, c, label, i0 < L->n && row->cells[i0].color
                                             ? row->cells[i0].color : COLOR_BOLD);
            sb_puts(&lead, ":");
            size_t lw = text_cols(label) + 1;
            if (v.len == 0) {
                sb_add(b, lead.data, lead.len);
                sb_putc(b, '\n');
            } else if (width > 0 && lw + 1 + text_cols(v.data) > width && lw + 1 > width / 2) {
                sb_add(b, lead.data, lead.len);
                sb_putc(b, '\n');
                paragraph_colored(b, c, "  ", 2, 2, v.data, row->color);
            } else {
                sb_putc(&lead, ' ');
                paragraph_colored(b, c, lead.data, lw + 1, 2, v.data, row->color);
            }
            sb_free(&v);
            continue;
        }
        for (size_t i = 0; i < L->n; i++) {
            /* Values without the indentation that shows depth in columns. */
            const char *cv = L->vis[i] ? L->cell[r][i] + strspn(L->cell[r][i], " ") : "";
            if (!*cv)
                continue;
            cli_color color = row->cells[i].color ? row->cells[i].color : row->color;
            size_t hw = text_cols(L->head[i]);
            lead.len = 0;
            lead.data[0] = '\0';
            put_colored(&lead, c, L->head[i], COLOR_BOLD);
            sb_putc(&lead, ':');
            if (under) {
                sb_add(b, lead.data, lead.len);
                sb_putc(b, '\n');
                paragraph_colored(b, c, "  ", 2, 2, cv, color);
            } else {
                sb_repeat(&lead, " ", label_w + 2 - hw - 1);
                paragraph_colored(b, c, lead.data, label_w + 2, label_w + 2, cv, color);
            }
        }
    }
    sb_free(&lead);
}

static void render_text(const table *t, strbuf *b, const cli *c)
{
    text_layout L;
    layout_init(&L, t);
    if (layout_fit(&L, c->term_width))
        render_columns(t, &L, b, c);
    else
        render_records(t, &L, b, c);
    layout_free(&L, t);
}

/* ---- Markdown -------------------------------------------------------------------------- */

/* The cells of a row (`row` NULL: the headers) in the columns shown outside CSV, each
 * escaped by `esc` between `open` (`open_right` in a right-aligned column) and `close`. */
static void put_cells(const table *t, strbuf *b, const trow *row,
                      void (*esc)(strbuf *, const char *), const char *open,
                      const char *open_right, const char *close)
{
    for (size_t i = 0; i < t->ncols; i++) {
        if (t->flags[i] & COL_CSV)
            continue;
        sb_puts(b, (t->flags[i] & COL_RIGHT) ? open_right : open);
        esc(b, row ? cell_text(row, i) : t->headers[i] ? t->headers[i] : "");
        sb_puts(b, close);
    }
}

static void md_header(const table *t, strbuf *b)
{
    sb_puts(b, "|");
    put_cells(t, b, NULL, esc_md, " ", " ", " |");
    sb_puts(b, "\n|");
    for (size_t i = 0; i < t->ncols; i++) {
        if (t->flags[i] & COL_CSV)
            continue;
        sb_puts(b, (t->flags[i] & COL_RIGHT) ? " ---: |" : " --- |");
    }
    sb_putc(b, '\n');
}

static void render_md(const table *t, strbuf *b)
{
    bool header_due = true;
    for (size_t r = 0; r < t->nrows; r++) {
        const trow *row = &t->rows[r];
        if (row->section) {
            if (!header_due || r > 0)
                sb_putc(b, '\n');
            sb_puts(b, "## ");
            esc_md(b, row->section);
            sb_puts(b, "\n\n");
            header_due = true;
            continue;
        }
        if (header_due) {
            md_header(t, b);
            header_due = false;
        }
        sb_puts(b, "|");
        put_cells(t, b, row, esc_md, " ", " ", " |");
        sb_putc(b, '\n');
    }
    if (header_due && (t->nrows == 0 || t->rows[t->nrows - 1].section))
        md_header(t, b);
}

/* ---- HTML ------------------------------------------------------------------------------ */

static void render_html(const table *t, strbuf *b)
{
    size_t nvis = 0;
    for (size_t i = 0; i < t->ncols; i++)
        if (!(t->flags[i] & COL_CSV))
            nvis++;
    sb_puts(b, "<table>\n<thead><tr>");
    put_cells(t, b, NULL, esc_html, "<th>", "<th>", "</th>");
    sb_puts(b, "</tr></thead>\n<tbody>\n");
    for (size_t r = 0; r < t->nrows; r++) {
        const trow *row = &t->rows[r];
        if (row->section) {
            sb_printf(b, "<tr><th class=\"section\" colspan=\"%zu\">", nvis);
            esc_html(b, row->section);
            sb_puts(b, "</th></tr>\n");
            continue;
        }
        sb_puts(b, "<tr>");
        put_cells(t, b, row, esc_html, "<td>", "<td class=\"num\">", "</td>");
        sb_puts(b, "</tr>\n");
    }
    sb_puts(b, "</tbody>\n</table>\n");
}

/* ---- CSV ------------------------------------------------------------------------------- */

/* One record (`row` NULL: the headers, all text) of the columns CSV has. */
static void csv_line(const table *t, strbuf *b, const trow *row, char sep, const char *eol)
{
    bool first = true;
    for (size_t i = 0; i < t->ncols; i++) {
        if (t->flags[i] & COL_NO_CSV)
            continue;
        if (!first)
            sb_putc(b, sep);
        first = false;
        if (row)
            esc_csv(b, cell_text(row, i), sep, !(t->flags[i] & COL_NUM));
        else
            esc_csv(b, t->headers[i] ? t->headers[i] : "", sep, true);
    }
    sb_puts(b, eol);
}

static void render_csv(const table *t, strbuf *b, const cli *c)
{
    char sep = csv_sep(c);
    const char *eol = csv_eol(c);
    if (b->len == 0 && !(c->a.csv_flags & ISMS_CSV_NO_BOM))
        sb_puts(b, "\xEF\xBB\xBF");
    csv_line(t, b, NULL, sep, eol);
    for (size_t r = 0; r < t->nrows; r++)
        if (!t->rows[r].section)
            csv_line(t, b, &t->rows[r], sep, eol);
}

void table_render(const table *t, strbuf *b, const cli *c)
{
    switch (c->format) {
    case FMT_MD: render_md(t, b); break;
    case FMT_HTML: render_html(t, b); break;
    case FMT_CSV: render_csv(t, b, c); break;
    default: render_text(t, b, c); break;
    }
}
