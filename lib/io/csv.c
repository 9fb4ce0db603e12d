/* Generic CSV table layer: decoding, delimiter detection, parsing through libcsv, header
 * matching and writing. See csv-internal.h for the contract. */
#include <csv.h>
#include <stdint.h>
#include <string.h>

#include "csv-internal.h"
#include "io-internal.h"

/* ---- decoding ------------------------------------------------------------------------- */

char *isms__csv_decode(const char *data, size_t len, size_t *out_len, isms__csv_encoding *enc)
{
    const unsigned char *p = (const unsigned char *)data;
    bool bom = len >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF;
    if (bom) {
        data += 3;
        p += 3;
        len -= 3;
    }
    char *out;
    size_t n;
    if (isms__utf8_valid(data, len)) {
        out = isms__malloc(len + 1);
        if (!out)
            return NULL;
        if (len)
            memcpy(out, data, len);
        n = len;
        *enc = bom ? ISMS__CSV_UTF8_BOM : ISMS__CSV_UTF8;
    } else {
        size_t need = 0;
        for (size_t i = 0; i < len; i++) {
            uint32_t cp = isms__cp1252_to_unicode(p[i]);
            need += cp < 0x80 ? 1 : cp < 0x800 ? 2 : 3;
        }
        out = isms__malloc(need + 1);
        if (!out)
            return NULL;
        n = 0;
        for (size_t i = 0; i < len; i++)
            n += isms__utf8_put(out + n, isms__cp1252_to_unicode(p[i]));
        *enc = ISMS__CSV_WINDOWS_1252;
    }
    out[n] = '\0';
    *out_len = n;
    return out;
}

/* ---- delimiter detection -------------------------------------------------------------- */

enum { SNIFF_RECORDS = 20 };

/* The count that most records share, ignoring records without the character, and how
 * many records share it (ties: the larger count). */
static void sniff_mode(const size_t *counts, size_t n, size_t *mode, size_t *freq)
{
    *mode = 0;
    *freq = 0;
    for (size_t i = 0; i < n; i++) {
        if (counts[i] == 0)
            continue;
        size_t f = 0;
        for (size_t j = 0; j < n; j++)
            f += counts[j] == counts[i];
        if (f > *freq || (f == *freq && counts[i] > *mode)) {
            *mode = counts[i];
            *freq = f;
        }
    }
}

char isms__csv_detect_delimiter(const char *text, size_t len)
{
    /* Count each candidate outside quotes in the first non-blank records (a quoted cell may
     * span lines). The delimiter is the candidate whose count is the same in the most
     * records: text in unquoted cells may hold commas, but not a steady number per row. A
     * title row above the header usually has no delimiter, or as many as the rest. */
    static const char cand[3] = { ';', ',', '\t' };
    size_t counts[3][SNIFF_RECORDS] = { { 0 } };
    size_t nrec = 0;
    bool quoted = false, content = false;
    size_t cur[3] = { 0, 0, 0 };
    for (size_t i = 0; i <= len && nrec < SNIFF_RECORDS; i++) {
        char c = i < len ? text[i] : '\n';
        if (c == '"') {
            quoted = !quoted;
            content = true;
            continue;
        }
        if (quoted && i < len)
            continue;
        if (c == '\n' || c == '\r') {
            if (content) {
                for (int k = 0; k < 3; k++)
                    counts[k][nrec] = cur[k];
                nrec++;
            }
            content = false;
            quoted = false;
            cur[0] = cur[1] = cur[2] = 0;
            continue;
        }
        for (int k = 0; k < 3; k++)
            if (c == cand[k]) {
                cur[k]++;
                content = true;
            }
        if (c != ' ' && c != '\t')
            content = true;
    }
    char best = ';';
    size_t best_mode = 0, best_freq = 0;
    for (int k = 0; k < 3; k++) {
        size_t mode, freq;
        sniff_mode(counts[k], nrec, &mode, &freq);
        if (freq > best_freq || (freq == best_freq && freq > 0 && mode > best_mode)) {
            best = cand[k];
            best_mode = mode;
            best_freq = freq;
        }
    }
    return best;
}

/* ---- parsing -------------------------------------------------------------------------- */

/* Bytes fed to libcsv at a time within one line, so that an overlong cell is caught early. */
enum { FEED_CHUNK = 64 * 1024, CSV_BLOCK = 1024 };

typedef struct reader {
    isms__csv_table *table;
    unsigned line;         /* physical line the parser is on */
    bool in_record;        /* a cell of the current record was seen */
    isms__csv_record cur;  /* the record being read (cells from cur.first on) */
    size_t pending_empty;  /* empty cells not stored yet: dropped if they end the record */
    bool nomem;            /* a callback ran out of memory */
    bool too_big;          /* a cell exceeded ISMS_CSV_MAX_CELL */
    unsigned err_line;
    size_t err_column;
} reader;

static unsigned count_breaks(const char *s, size_t n)
{
    unsigned k = 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] == '\n' || (s[i] == '\r' && (i + 1 >= n || s[i + 1] != '\n')))
            k++;
    return k;
}

/* The size that counts against ISMS_CSV_MAX_CELL: without an apostrophe that a writer added
 * to neutralise a formula, so that every cell this library can write can be read back. */
static size_t effective_size(const char *s, size_t n)
{
    if (n > 0 && isms__csv_unneutralise(s) != s)
        return n - 1;
    return n;
}

/* Cells are stored as offsets into the text arena while it may still move, and turned into
 * pointers once the table is complete (see finish_table()). */
static bool push_offset(isms__csv_table *t, size_t offset)
{
    if (!isms__grow((void **)&t->cells, &t->cells_cap, t->n_cells + 1, sizeof *t->cells))
        return false;
    t->cells[t->n_cells++] = (char *)(uintptr_t)offset;
    return true;
}

static void on_cell(void *s, size_t n, void *data)
{
    reader *r = data;
    if (r->nomem || r->too_big)
        return;
    isms__csv_table *t = r->table;
    const char *cell = s ? s : "";
    unsigned start = r->line - count_breaks(cell, n);
    if (!r->in_record) {
        r->in_record = true;
        r->cur.line = start;
        r->cur.first = t->n_cells;
        r->cur.count = 0;
        r->pending_empty = 0;
    }
    if (effective_size(cell, n) > ISMS_CSV_MAX_CELL) {
        r->too_big = true;
        r->err_line = start;
        r->err_column = r->cur.count + r->pending_empty + 1;
        return;
    }
    if (n == 0) {
        r->pending_empty++;
        return;
    }
    for (; r->pending_empty > 0; r->pending_empty--) {
        if (!push_offset(t, 0)) { /* offset 0: the shared empty cell */
            r->nomem = true;
            return;
        }
        r->cur.count++;
    }
    if (!isms__grow((void **)&t->text, &t->text_cap, t->text_len + n + 1, 1) ||
        !push_offset(t, t->text_len)) {
        r->nomem = true;
        return;
    }
    memcpy(t->text + t->text_len, cell, n);
    t->text[t->text_len + n] = '\0';
    t->text_len += n + 1;
    r->cur.count++;
}

static void on_row(int c, void *data)
{
    (void)c;
    reader *r = data;
    if (r->nomem || r->too_big)
        return;
    isms__csv_table *t = r->table;
    if (!isms__grow((void **)&t->records, &t->cap, t->count + 1, sizeof *t->records)) {
        r->nomem = true;
        return;
    }
    r->cur.cells = NULL;
    t->records[t->count++] = r->cur;
    r->in_record = false;
    r->pending_empty = 0;
}

/* The cell column for messages: cells seen in the current record, plus one. */
static size_t current_column(const reader *r)
{
    return r->in_record ? r->cur.count + r->pending_empty + 1 : 1;
}

/* Turns the stored offsets into pointers; the arena does not move any more. */
static void finish_table(isms__csv_table *t)
{
    for (size_t i = 0; i < t->n_cells; i++)
        t->cells[i] = t->text + (uintptr_t)t->cells[i];
    for (size_t i = 0; i < t->count; i++)
        t->records[i].cells = t->records[i].count ? t->cells + t->records[i].first : NULL;
}

static int space_only(unsigned char c)
{
    return c == ' ';
}

void isms__csv_table_free(isms__csv_table *t)
{
    if (!t)
        return;
    isms__free(t->records);
    isms__free(t->cells);
    isms__free(t->text);
    t->records = NULL;
    t->cells = NULL;
    t->text = NULL;
    t->count = t->cap = t->n_cells = t->cells_cap = t->text_len = t->text_cap = 0;
}

/* Reports why libcsv stopped: strict quote errors, memory, size. */
static int parser_error(struct csv_parser *p, reader *r, const char *source)
{
    int st = csv_error(p);
    if (st == CSV_ENOMEM)
        return isms__error_nomem();
    if (st == CSV_ETOOBIG)
        return isms__error_at(ISMS_ERANGE, source, r->line, (unsigned)current_column(r),
                              "line %u, column %zu: the cell is too large", r->line,
                              current_column(r));
    if (p->quoted)
        return isms__error_at(ISMS_EPARSE, source, r->line, (unsigned)current_column(r),
                              "line %u, column %zu: unexpected text after the closing quote "
                              "of a quoted cell (a quote inside a quoted cell is written "
                              "twice: \"\")",
                              r->line, current_column(r));
    return isms__error_at(ISMS_EPARSE, source, r->line, (unsigned)current_column(r),
                          "line %u, column %zu: a quote (\") inside a cell that does not "
                          "start with one (quote the whole cell and write inner quotes "
                          "twice: \"\")",
                          r->line, current_column(r));
}

static int too_big_error(const reader *r, const char *source)
{
    return isms__error_at(ISMS_ERANGE, source, r->err_line, (unsigned)r->err_column,
                          "line %u, column %zu: the cell is larger than %u MiB, the limit "
                          "for one cell",
                          r->err_line, r->err_column,
                          (unsigned)(ISMS_CSV_MAX_CELL / (1024u * 1024u)));
}

static int parse_text(isms__csv_table *t, const char *text, size_t len, const char *source)
{
    struct csv_parser p;
    if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
        return isms__error_nomem();
    csv_set_realloc_func(&p, isms__realloc);
    csv_set_free_func(&p, isms__free);
    csv_set_blk_size(&p, CSV_BLOCK);
    csv_set_delim(&p, (unsigned char)t->delimiter);
    if (t->delimiter == '\t')
        csv_set_space_func(&p, space_only); /* a tab is a delimiter, never padding */

    reader r;
    memset(&r, 0, sizeof r);
    r.table = t;
    r.line = 1;
    /* text[0] is the empty cell that every empty cell shares. */
    if (!isms__grow((void **)&t->text, &t->text_cap, 1, 1)) {
        csv_free(&p);
        return isms__error_nomem();
    }
    t->text[0] = '\0';
    t->text_len = 1;
    int rc = ISMS_OK;
    size_t pos = 0;
    /* Line by line, so that every record knows the line it starts on. */
    while (pos < len && rc == ISMS_OK) {
        size_t end = pos;
        while (end < len && text[end] != '\n' && text[end] != '\r')
            end++;
        bool brk = end < len;
        if (brk) {
            if (text[end] == '\r' && end + 1 < len && text[end + 1] == '\n')
                end += 2;
            else
                end += 1;
        }
        while (pos < end) {
            size_t n = end - pos < FEED_CHUNK ? end - pos : FEED_CHUNK;
            /* libcsv grows the buffer of a cell by its block size: as large as the buffer
             * already is, so that a cell of n bytes costs O(n) copying, not O(n²). */
            if (p.entry_size > CSV_BLOCK)
                csv_set_blk_size(&p, p.entry_size);
            size_t done = csv_parse(&p, text + pos, n, on_cell, on_row, &r);
            if (done != n) {
                rc = parser_error(&p, &r, source);
                break;
            }
            pos += n;
            if (r.nomem) {
                rc = isms__error_nomem();
                break;
            }
            if (r.too_big) {
                rc = too_big_error(&r, source);
                break;
            }
            if (p.entry_pos > (size_t)ISMS_CSV_MAX_CELL + 1) {
                r.too_big = true;
                r.err_line = r.line - count_breaks((const char *)p.entry_buf, p.entry_pos);
                r.err_column = current_column(&r);
                rc = too_big_error(&r, source);
                break;
            }
        }
        if (brk)
            r.line++;
    }
    if (rc == ISMS_OK) {
        if (csv_fini(&p, on_cell, on_row, &r) != 0) {
            unsigned start = r.line - count_breaks((const char *)p.entry_buf, p.entry_pos);
            rc = isms__error_at(ISMS_EPARSE, source, start, (unsigned)current_column(&r),
                                "line %u, column %zu: the quoted cell is not closed before "
                                "the end of the file",
                                start, current_column(&r));
        } else if (r.nomem) {
            rc = isms__error_nomem();
        } else if (r.too_big) {
            rc = too_big_error(&r, source);
        }
    }
    csv_free(&p);
    if (rc == ISMS_OK)
        finish_table(t);
    if (rc == ISMS_OK)
        t->lines = len == 0 ? 0 : (text[len - 1] == '\n' || text[len - 1] == '\r') ? r.line - 1
                                                                                   : r.line;
    return rc;
}

/* The cell (1-based) that byte `off` of CSV text lies in: one more than the delimiters outside
 * quotes between the start of its record and it. */
static size_t cell_at(const char *s, size_t off, char delim)
{
    size_t col = 1;
    bool quoted = false;
    for (size_t i = 0; i < off; i++) {
        if (s[i] == '"')
            quoted = !quoted;
        else if (!quoted && s[i] == delim)
            col++;
        else if (!quoted && (s[i] == '\n' || s[i] == '\r'))
            col = 1;
    }
    return col;
}

/*
 * Bytes that are not UTF-8 make the file Windows-1252 (isms__csv_decode()), unless it is UTF-8
 * but for a character that its end cuts short, or but for fewer bytes than it has UTF-8
 * characters of several bytes: such a file is broken UTF-8 (cut short, or with text pasted
 * from another encoding), and reading it as Windows-1252 would garble all its other letters.
 * A Windows-1252 file holds few byte pairs that happen to be UTF-8 ("Ã¥"), if any.
 */
static int check_utf8(const char *data, size_t len, const char *source)
{
    if (len == 0)
        return ISMS_OK;
    size_t skip = len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    const char *s = data + skip;
    size_t n = len - skip;
    isms__utf8_report rep;
    isms__utf8_scan(&rep, s, n);
    if (rep.first_bad == n)
        return ISMS_OK;
    bool cut_only = rep.cut && rep.bad == n - rep.first_bad;
    if (!(cut_only && rep.multibyte > 0) && rep.multibyte <= rep.bad)
        return ISMS_OK;
    unsigned line = 1 + count_breaks(s, rep.first_bad);
    size_t col = cell_at(s, rep.first_bad, isms__csv_detect_delimiter(s, n));
    unsigned char b = (unsigned char)s[rep.first_bad];
    if (cut_only)
        return isms__error_at(ISMS_EPARSE, source, line, (unsigned)col,
                              "line %u, column %zu: the file ends in the middle of a UTF-8 "
                              "character (byte 0x%02X); it seems to be cut short",
                              line, col, b);
    char advice[200];
    isms__not_utf8_advice(advice, sizeof advice, s, n, rep.first_bad);
    return isms__error_at(ISMS_EPARSE, source, line, (unsigned)col,
                          "line %u, column %zu: byte 0x%02X is not UTF-8%s%s%s; save the file "
                          "as UTF-8",
                          line, col, b, advice[0] ? " (" : "", advice, advice[0] ? ")" : "");
}

/* Whether the text starts as JSON does: after a byte order mark and white space, "{" then a
 * quote or "}", or "[" then "{" or a quote (white space between). No table starts so: a quote
 * inside a cell is an error of its own, and a title line above the header ("[Utkast]
 * Riskregister") goes on with a letter. */
static bool looks_json(const char *s, size_t n)
{
    size_t i = n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    char first = 0;
    for (; i < n; i++) {
        char c = s[i];
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
            continue;
        if (!first) {
            if (c != '{' && c != '[')
                return false;
            first = c;
            continue;
        }
        return first == '{' ? c == '"' || c == '}' : c == '{' || c == '"';
    }
    return false;
}

int isms__csv_read(isms__csv_table *out, const char *data, size_t len, const char *source)
{
    if (!out || (!data && len > 0))
        return isms__error(ISMS_EINVAL, "isms__csv_read: NULL argument");
    memset(out, 0, sizeof *out);
    if (len > ISMS_CSV_MAX_INPUT)
        return isms__error_at(ISMS_ERANGE, source, 0, 0,
                              "the input is larger than %u MiB (%zu bytes)",
                              (unsigned)(ISMS_CSV_MAX_INPUT / (1024u * 1024u)), len);
    const char *what = NULL;
    isms__seems seems = isms__sniff(data, len, &what);
    if (seems == ISMS__SEEMS_UTF16)
        return isms__error_at(ISMS_EPARSE, source, 1, 0,
                              "line 1: the file is %s; save it as CSV in UTF-8 "
                              "(or Windows-1252) instead", what);
    if (seems == ISMS__SEEMS_FORMAT)
        return isms__error_at(ISMS_EPARSE, source, 1, 0,
                              "line 1: the file is %s, not CSV text; save the table as CSV "
                              "instead", what);
    if (looks_json(data, len))
        return isms__error_at(ISMS_EPARSE, source, 1, 0,
                              "line 1: the file seems to be JSON, not CSV text; a libisms "
                              "document or an OSCAL catalog is loaded as one, not imported as "
                              "a table");
    int rc = check_utf8(data, len, source);
    if (rc != ISMS_OK)
        return rc;

    isms__csv_encoding enc;
    size_t n = 0;
    char *text = len ? isms__csv_decode(data, len, &n, &enc) : NULL;
    if (len && !text)
        return isms__error_nomem();
    if (!len)
        enc = ISMS__CSV_UTF8;
    const char *nul = n ? memchr(text, '\0', n) : NULL;
    if (nul) {
        size_t off = (size_t)(nul - text);
        unsigned line = 1 + count_breaks(text, off);
        size_t col = cell_at(text, off, isms__csv_detect_delimiter(text, n));
        isms__free(text);
        return isms__error_at(ISMS_EPARSE, source, line, (unsigned)col,
                              "line %u, column %zu: the file contains a NUL byte; it is not "
                              "CSV text%s",
                              line, col,
                              seems == ISMS__SEEMS_BINARY ? " (it seems to be binary data)"
                                                          : "");
    }
    out->encoding = enc;
    out->delimiter = isms__csv_detect_delimiter(text, n);
    rc = parse_text(out, text, n, source);
    isms__free(text);
    if (rc != ISMS_OK) {
        isms__csv_table_free(out);
        memset(out, 0, sizeof *out);
    }
    return rc;
}

const char *isms__csv_cell(const isms__csv_record *record, size_t i)
{
    return record && i < record->count ? record->cells[i] : "";
}

bool isms__csv_record_blank(const isms__csv_record *record)
{
    for (size_t i = 0; i < record->count; i++)
        if (!isms__text_blank(record->cells[i]))
            return false;
    return true;
}

/* ---- spreadsheet formulas --------------------------------------------------------------- */

/*
 * Formula neutralisation and its inverse.
 *
 * A spreadsheet runs a cell that starts with = + - @ (or a tab or CR, which it strips
 * first) as a formula. The writer prefixes such cells with an apostrophe, which spreadsheets
 * take as "this is text". The reader must remove exactly the apostrophes the writer added,
 * and nothing else, so that import → export → import is the identity:
 *
 * - the writer prefixes one apostrophe when the cell matches ^'*[=+\-@\t\r], i.e. also when
 *   the cell already starts with apostrophes followed by a formula character;
 * - the reader removes one apostrophe when the cell matches ^'+[=+\-@\t\r].
 *
 * Writing maps the set of cells matching ^'*F (F a formula character) one-to-one onto the
 * cells matching ^'+F by adding one apostrophe, and leaves every other cell alone; those other
 * cells never match ^'+F (if one did, it would match ^'*F). Reading is the inverse on the
 * image, so read(write(x)) = x for every cell x. Without the apostrophes in the writer's
 * pattern, a cell "'=1" would be written unchanged and read back as "=1".
 */
static bool formula_char(char c)
{
    return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

bool isms__csv_needs_neutralising(const char *cell)
{
    if (!cell)
        return false;
    while (*cell == '\'')
        cell++;
    return formula_char(*cell);
}

const char *isms__csv_unneutralise(const char *cell)
{
    if (!cell || cell[0] != '\'')
        return cell;
    const char *p = cell;
    while (*p == '\'')
        p++;
    return formula_char(*p) ? cell + 1 : cell;
}

/* ---- headers ---------------------------------------------------------------------------- */

/* Walks text and yields the code points of its normalised form one by one. */
typedef struct norm_iter {
    const char *s;
    unsigned depth; /* inside parentheses */
    bool hint;
    bool numeric_hint;
    uint32_t pending; /* second letter of a ligature (æ → ae, ß → ss), or 0 */
} norm_iter;

/* Lower-case Latin-1 letters with diacritics → their base letter (0 = keep as it is). */
static uint32_t strip_diacritic(uint32_t c, uint32_t *second)
{
    *second = 0;
    if (c < 0xDF || c > 0xFF)
        return c;
    static const char base[] = "saaaaaaaceeeeiiiidnooooo/ouuuuyty";
    /* index 0 is ß (0xDF), then 0xE0.. 0xFF */
    char b = base[c - 0xDF];
    if (c == 0xDF) {
        *second = 's';
        return 's';
    }
    if (c == 0xE6) { /* æ */
        *second = 'e';
        return 'a';
    }
    if (c == 0xF7 || c == 0xFE) /* ÷ stays (dropped later), þ stays */
        return c;
    return (uint32_t)(unsigned char)b;
}

static bool keep_cp(uint32_t c)
{
    if (c < 0x80)
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (c < 0xC0 || c == 0xD7 || c == 0xF7)
        return false;
    if ((c >= 0x2000 && c <= 0x2BFF) || (c >= 0x3000 && c <= 0x303F) ||
        (c >= 0xE000 && c <= 0xF8FF) || (c >= 0xFE00 && c <= 0xFE6F) ||
        (c >= 0xFF00 && c <= 0xFF0F) || c >= 0xFFF0)
        return false;
    return true;
}

/*
 * The next code point of the normalised form, or 0 at the end. Case is folded, diacritics
 * of Latin-1 letters removed, parenthesised hints skipped (and remembered), and everything
 * that is not a letter or digit dropped. Dropping non-alphanumerics also removes hyphenation
 * left over from line wrapping ("Sannolik-\r\nhet", "Sannolik- het", soft hyphen U+00AD),
 * stray spaces, slashes and dashes, so "Risk-ID", "Risk ID" and "RiskID" are one name.
 */
static uint32_t norm_next(norm_iter *it)
{
    if (it->pending) {
        uint32_t c = it->pending;
        it->pending = 0;
        return c;
    }
    for (;;) {
        /* ASCII letters and digits outside a hint, the common case: fold and return. */
        unsigned char b = (unsigned char)*it->s;
        if (!it->depth && b < 0x80) {
            if ((unsigned)(b - 'a') < 26u || (unsigned)(b - '0') < 10u) {
                it->s++;
                return b;
            }
            if ((unsigned)(b - 'A') < 26u) {
                it->s++;
                return (uint32_t)b + 32;
            }
        }
        uint32_t c = isms__utf8_next(&it->s);
        if (c == 0)
            return 0;
        if (c == '(') {
            it->depth++;
            it->hint = true;
            continue;
        }
        if (c == ')') {
            if (it->depth)
                it->depth--;
            continue;
        }
        if (it->depth) {
            if (c >= '0' && c <= '9')
                it->numeric_hint = true;
            continue;
        }
        c = isms__fold(c);
        uint32_t second;
        c = strip_diacritic(c, &second);
        if (!keep_cp(c))
            continue;
        it->pending = second;
        return c;
    }
}

void isms__csv_header_normalise(isms__csv_header *out, const char *cell)
{
    norm_iter it = { cell ? cell : "", 0, false, false, 0 };
    size_t n = 0;
    bool overflow = false;
    for (;;) {
        uint32_t c = norm_next(&it);
        if (c == 0)
            break;
        if (overflow)
            continue;
        if (n + 5 > sizeof out->norm) {
            overflow = true;
            continue;
        }
        n += isms__utf8_put(out->norm + n, c);
    }
    if (overflow)
        n = 0;
    out->norm[n] = '\0';
    out->hint = it.hint;
    out->numeric_hint = it.numeric_hint;
}

/* Compares an alias, normalised on the fly, with a normalised header. */
static bool alias_equals(const char *alias, const char *norm)
{
    norm_iter it = { alias, 0, false, false, 0 };
    for (;;) {
        uint32_t a = norm_next(&it);
        uint32_t b = isms__utf8_next(&norm);
        if (a != b)
            return false;
        if (a == 0)
            return true;
    }
}

int isms__csv_header_field(const isms__csv_header *header, const isms__csv_alias *aliases,
                           size_t n_aliases)
{
    if (!header->norm[0])
        return -1;
    for (size_t i = 0; i < n_aliases; i++)
        if (alias_equals(aliases[i].name, header->norm))
            return aliases[i].field;
    return -1;
}

size_t isms__csv_find_header(const isms__csv_table *table, const isms__csv_alias *aliases,
                             size_t n_aliases, size_t min_matches, size_t max_rows)
{
    size_t rows = table->count < max_rows ? table->count : max_rows;
    for (size_t i = 0; i < rows; i++) {
        const isms__csv_record *rec = &table->records[i];
        size_t hits = 0;
        for (size_t j = 0; j < rec->count; j++) {
            if (!rec->cells[j][0])
                continue;
            isms__csv_header h;
            isms__csv_header_normalise(&h, rec->cells[j]);
            if (isms__csv_header_field(&h, aliases, n_aliases) >= 0 && ++hits >= min_matches)
                return i;
        }
    }
    return table->count;
}

static bool is_ws(uint32_t c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f' ||
           c == 0xA0;
}

void isms__csv_header_display(char *buf, size_t size, const char *cell)
{
    if (!size)
        return;
    size_t n = 0;
    bool space = false;
    const char *s = cell ? cell : "";
    for (;;) {
        const char *at = s;
        uint32_t c = isms__utf8_next(&s);
        if (c == 0)
            break;
        if (c == 0xAD)
            continue; /* soft hyphen */
        if (c == '-') {
            /* "-" before a line break is hyphenation from wrapping: join the word. */
            const char *q = s;
            while (*q == ' ' || *q == '\t')
                q++;
            if (*q == '\r' || *q == '\n') {
                while (is_ws((unsigned char)*q))
                    q++;
                s = q;
                continue;
            }
        }
        if (is_ws(c)) {
            space = n > 0;
            continue;
        }
        size_t len = (size_t)(s - at);
        if (n + (space ? 1 : 0) + len + 1 > size)
            break;
        if (space)
            buf[n++] = ' ';
        space = false;
        memcpy(buf + n, at, len);
        n += len;
    }
    buf[n] = '\0';
}

/* ---- writing ---------------------------------------------------------------------------- */

void isms__csv_writer_init(isms__csv_writer *w, char delimiter, bool crlf, bool bom)
{
    isms__buf_init(&w->buf);
    w->delimiter = delimiter;
    w->crlf = crlf;
    w->row_started = false;
    if (bom)
        isms__buf_append(&w->buf, "\xEF\xBB\xBF", 3);
}

/* A cell is quoted when it holds any of the candidate delimiters, not only the one in use:
 * the reader's detection counts candidates outside quotes, so an export whose cells hold many
 * commas could otherwise be read back as comma separated. */
static bool needs_quotes(const char *cell, size_t n)
{
    if (n == 0)
        return false;
    if (cell[0] == ' ' || cell[0] == '\t' || cell[n - 1] == ' ' || cell[n - 1] == '\t')
        return true; /* readers trim white space around unquoted cells */
    return strpbrk(cell, ";,\t\"\r\n") != NULL;
}

void isms__csv_write_cell(isms__csv_writer *w, const char *cell)
{
    if (!cell)
        cell = "";
    if (w->row_started)
        isms__buf_append(&w->buf, &w->delimiter, 1);
    w->row_started = true;
    size_t n = strlen(cell);
    /* A neutralised cell starts with an apostrophe, so its leading white space would not be
     * trimmed anyway; quoting it still does no harm, and keeps the rule simple. */
    bool quote = needs_quotes(cell, n);
    if (quote)
        isms__buf_append(&w->buf, "\"", 1);
    if (isms__csv_needs_neutralising(cell))
        isms__buf_append(&w->buf, "'", 1);
    if (!quote) {
        isms__buf_append(&w->buf, cell, n);
        return;
    }
    const char *p = cell;
    for (;;) {
        const char *q = strchr(p, '"');
        if (!q) {
            isms__buf_append(&w->buf, p, strlen(p));
            break;
        }
        isms__buf_append(&w->buf, p, (size_t)(q - p) + 1); /* up to and with the quote */
        isms__buf_append(&w->buf, "\"", 1);                /* ... which is doubled */
        p = q + 1;
    }
    isms__buf_append(&w->buf, "\"", 1);
}

void isms__csv_end_row(isms__csv_writer *w)
{
    isms__buf_append(&w->buf, w->crlf ? "\r\n" : "\n", w->crlf ? 2 : 1);
    w->row_started = false;
}

char *isms__csv_writer_take(isms__csv_writer *w, size_t *len)
{
    return isms__buf_take(&w->buf, len);
}

void isms__csv_writer_free(isms__csv_writer *w)
{
    isms__buf_free(&w->buf);
}

int isms__csv_writer_open(isms__csv_writer *w, const char *fn, isms_lang lang, unsigned flags)
{
    if (lang != ISMS_LANG_SV && lang != ISMS_LANG_EN)
        return isms__error(ISMS_EINVAL, "%s: unknown language %d", fn, (int)lang);
    const unsigned known = ISMS_CSV_COMMA | ISMS_CSV_TAB | ISMS_CSV_NO_BOM | ISMS_CSV_LF;
    if ((flags & ~known) || ((flags & ISMS_CSV_COMMA) && (flags & ISMS_CSV_TAB)))
        return isms__error(ISMS_EINVAL,
                           "%s: invalid flags 0x%x (unknown bits, or both comma and tab)", fn,
                           flags);
    char delim = (flags & ISMS_CSV_TAB) ? '\t' : (flags & ISMS_CSV_COMMA) ? ',' : ';';
    isms__csv_writer_init(w, delim, !(flags & ISMS_CSV_LF), !(flags & ISMS_CSV_NO_BOM));
    return ISMS_OK;
}

int isms__csv_writer_close(isms__csv_writer *w, char **out, size_t *len)
{
    size_t l = 0;
    char *doc = isms__csv_writer_take(w, &l);
    if (!doc)
        return isms__error_nomem();
    *out = doc;
    if (len)
        *len = l;
    return ISMS_OK;
}
