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
    strbuf b;
    sb_init(&b);
    va_list ap;
    va_start(ap, fmt);
    sb_vprintf(&b, fmt, ap);
    va_end(ap);
    table_cell(t, b.data, color);
    sb_free(&b);
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

/* The lines of a cell: split at line breaks, and wrapped to `width` columns when `wrap`. */
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
}

/* Greedy word wrap of one paragraph (no line breaks) to `width` columns. */
static void wrap_paragraph(lines *l, const char *s, size_t n, size_t width)
{
    if (width == 0 || utf8_width(s, n) <= width) {
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
        size_t ww = utf8_width(word, wlen);
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
                size_t k = utf8_fit(word, wlen, width);
                if (k == 0)
                    k = 1;
                lines_add(l, word, k);
                word += k;
                wlen -= k;
                ww = utf8_width(word, wlen);
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

static void split_cell(lines *l, const char *s, size_t width, bool wrap)
{
    const char *p = s;
    for (;;) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        if (n > 0 && p[n - 1] == '\r')
            n--;
        if (wrap)
            wrap_paragraph(l, p, n, width);
        else
            lines_add(l, p, n);
        if (!nl)
            break;
        p = nl + 1;
    }
}

static size_t max_line_width(const char *s)
{
    size_t best = 0;
    const char *p = s;
    for (;;) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        size_t w = utf8_width(p, n);
        if (w > best)
            best = w;
        if (!nl)
            break;
        p = nl + 1;
    }
    return best;
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

static void text_header(const table *t, strbuf *b, const cli *c, const size_t *width,
                        const bool *vis, size_t last)
{
    if (t->no_header)
        return;
    for (size_t i = 0; i < t->ncols; i++) {
        if (!vis[i])
            continue;
        const char *h = t->headers[i] ? t->headers[i] : "";
        size_t w = utf8_width(h, strlen(h));
        size_t pad = width[i] > w ? width[i] - w : 0;
        if (t->flags[i] & COL_RIGHT)
            sb_repeat(b, " ", pad);
        put_colored(b, c, h, COLOR_BOLD);
        if (i != last) {
            if (!(t->flags[i] & COL_RIGHT))
                sb_repeat(b, " ", pad);
            sb_puts(b, "  ");
        }
    }
    trim_line(b);
    sb_putc(b, '\n');
    for (size_t i = 0; i < t->ncols; i++) {
        if (!vis[i])
            continue;
        sb_repeat(b, "-", width[i]);
        if (i != last)
            sb_puts(b, "  ");
    }
    sb_putc(b, '\n');
}

static void render_text(const table *t, strbuf *b, const cli *c)
{
    size_t n = t->ncols;
    bool *vis = xcalloc(n, sizeof *vis);
    size_t *width = xcalloc(n, sizeof *width);
    size_t last = 0, nvis = 0;
    for (size_t i = 0; i < n; i++) {
        vis[i] = !(t->flags[i] & COL_CSV);
        if (!vis[i])
            continue;
        last = i;
        nvis++;
        if (!t->no_header && t->headers[i])
            width[i] = utf8_width(t->headers[i], strlen(t->headers[i]));
        for (size_t r = 0; r < t->nrows; r++) {
            if (!t->rows[r].cells)
                continue;
            size_t w = max_line_width(cell_text(&t->rows[r], i));
            if (w > width[i])
                width[i] = w;
        }
    }
    /* Too wide for the terminal: narrow the last column that may wrap. */
    if (c->term_width > 0 && nvis > 0) {
        size_t total = 2 * (nvis - 1);
        for (size_t i = 0; i < n; i++)
            if (vis[i])
                total += width[i];
        if (total > c->term_width) {
            for (size_t k = n; k-- > 0;) {
                if (!vis[k] || !(t->flags[k] & COL_WRAP))
                    continue;
                size_t over = total - c->term_width;
                size_t min = 20;
                if (width[k] > min) {
                    size_t cut = width[k] - min < over ? width[k] - min : over;
                    width[k] -= cut;
                }
                break;
            }
        }
    }

    bool header_due = true;
    bool any = false;
    for (size_t r = 0; r < t->nrows; r++) {
        const trow *row = &t->rows[r];
        if (row->section) {
            if (any)
                sb_putc(b, '\n');
            put_colored(b, c, row->section, COLOR_BOLD);
            sb_putc(b, '\n');
            any = true;
            header_due = true;
            continue;
        }
        if (header_due) {
            text_header(t, b, c, width, vis, last);
            header_due = false;
        }
        any = true;
        lines *cl = xcalloc(n, sizeof *cl);
        size_t height = 1;
        for (size_t i = 0; i < n; i++) {
            if (!vis[i])
                continue;
            split_cell(&cl[i], cell_text(row, i), width[i], (t->flags[i] & COL_WRAP) != 0);
            if (cl[i].n > height)
                height = cl[i].n;
        }
        for (size_t k = 0; k < height; k++) {
            for (size_t i = 0; i < n; i++) {
                if (!vis[i])
                    continue;
                const char *s = k < cl[i].n ? cl[i].v[k] : "";
                size_t w = utf8_width(s, strlen(s));
                size_t pad = width[i] > w ? width[i] - w : 0;
                cli_color color = row->cells[i].color ? row->cells[i].color : row->color;
                if (t->flags[i] & COL_RIGHT)
                    sb_repeat(b, " ", pad);
                put_colored(b, c, s, color);
                if (i != last) {
                    if (!(t->flags[i] & COL_RIGHT))
                        sb_repeat(b, " ", pad);
                    sb_puts(b, "  ");
                }
            }
            trim_line(b);
            sb_putc(b, '\n');
        }
        for (size_t i = 0; i < n; i++)
            lines_free(&cl[i]);
        free(cl);
    }
    if (header_due && !any)
        text_header(t, b, c, width, vis, last);
    free(vis);
    free(width);
}

/* ---- Markdown -------------------------------------------------------------------------- */

static void md_header(const table *t, strbuf *b)
{
    sb_puts(b, "|");
    for (size_t i = 0; i < t->ncols; i++) {
        if (t->flags[i] & COL_CSV)
            continue;
        sb_putc(b, ' ');
        esc_md(b, t->headers[i] ? t->headers[i] : "");
        sb_puts(b, " |");
    }
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
        for (size_t i = 0; i < t->ncols; i++) {
            if (t->flags[i] & COL_CSV)
                continue;
            sb_putc(b, ' ');
            esc_md(b, cell_text(row, i));
            sb_puts(b, " |");
        }
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
    for (size_t i = 0; i < t->ncols; i++) {
        if (t->flags[i] & COL_CSV)
            continue;
        sb_puts(b, "<th>");
        esc_html(b, t->headers[i] ? t->headers[i] : "");
        sb_puts(b, "</th>");
    }
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
        for (size_t i = 0; i < t->ncols; i++) {
            if (t->flags[i] & COL_CSV)
                continue;
            sb_puts(b, (t->flags[i] & COL_RIGHT) ? "<td class=\"num\">" : "<td>");
            esc_html(b, cell_text(row, i));
            sb_puts(b, "</td>");
        }
        sb_puts(b, "</tr>\n");
    }
    sb_puts(b, "</tbody>\n</table>\n");
}

/* ---- CSV ------------------------------------------------------------------------------- */

static void render_csv(const table *t, strbuf *b, const cli *c)
{
    char sep = csv_sep(c);
    const char *eol = csv_eol(c);
    if (b->len == 0 && !(c->a.csv_flags & ISMS_CSV_NO_BOM))
        sb_puts(b, "\xEF\xBB\xBF");
    bool first = true;
    for (size_t i = 0; i < t->ncols; i++) {
        if (t->flags[i] & COL_NO_CSV)
            continue;
        if (!first)
            sb_putc(b, sep);
        first = false;
        esc_csv(b, t->headers[i] ? t->headers[i] : "", sep, true);
    }
    sb_puts(b, eol);
    for (size_t r = 0; r < t->nrows; r++) {
        const trow *row = &t->rows[r];
        if (row->section)
            continue;
        first = true;
        for (size_t i = 0; i < t->ncols; i++) {
            if (t->flags[i] & COL_NO_CSV)
                continue;
            if (!first)
                sb_putc(b, sep);
            first = false;
            esc_csv(b, cell_text(row, i), sep, !(t->flags[i] & COL_NUM));
        }
        sb_puts(b, eol);
    }
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
