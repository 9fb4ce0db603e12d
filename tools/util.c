/* Helpers of the `isms` command: memory, text, numbers, colours, errors, files, JSON. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* ---- memory ---------------------------------------------------------------------------- */

static void out_of_memory(void)
{
    fputs("isms: out of memory\n", stderr);
    exit(EXIT_USAGE);
}

void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        out_of_memory();
    return p;
}

void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p)
        out_of_memory();
    return p;
}

void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q)
        out_of_memory();
    return q;
}

char *xstrdup(const char *s)
{
    size_t n = strlen(s ? s : "");
    char *p = xmalloc(n + 1);
    memcpy(p, s ? s : "", n + 1);
    return p;
}

char *line_next(const char **p)
{
    if (!**p)
        return NULL;
    const char *nl = strchr(*p, '\n');
    size_t len = nl ? (size_t)(nl - *p) : strlen(*p);
    char *line = xmalloc(len + 1);
    memcpy(line, *p, len);
    line[len] = '\0';
    *p += len + (nl ? 1 : 0);
    return line;
}

char *xvasprintf(const char *fmt, va_list ap)
{
    strbuf b;
    sb_init(&b);
    sb_vprintf(&b, fmt, ap);
    return b.data;
}

char *xasprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = xvasprintf(fmt, ap);
    va_end(ap);
    return s;
}

/* ---- text buffers ---------------------------------------------------------------------- */

void sb_init(strbuf *b)
{
    b->cap = 256;
    b->len = 0;
    b->data = xmalloc(b->cap);
    b->data[0] = '\0';
}

void sb_free(strbuf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

static void sb_reserve(strbuf *b, size_t more)
{
    if (more >= SIZE_MAX - b->len - 1)
        out_of_memory();
    if (b->len + more + 1 <= b->cap)
        return;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + more + 1)
        cap = cap > SIZE_MAX / 2 ? b->len + more + 1 : cap * 2;
    b->data = xrealloc(b->data, cap);
    b->cap = cap;
}

void sb_add(strbuf *b, const char *s, size_t n)
{
    sb_reserve(b, n);
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void sb_puts(strbuf *b, const char *s)
{
    sb_add(b, s, strlen(s));
}

void sb_putc(strbuf *b, char ch)
{
    sb_add(b, &ch, 1);
}

void sb_vprintf(strbuf *b, const char *fmt, va_list ap)
{
    if (!fmt)
        return;
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0)
        return;
    sb_reserve(b, (size_t)n);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
}

void sb_printf(strbuf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    sb_vprintf(b, fmt, ap);
    va_end(ap);
}

void sb_repeat(strbuf *b, const char *s, size_t times)
{
    for (size_t i = 0; i < times; i++)
        sb_puts(b, s);
}

/* ---- terminal-safe text --------------------------------------------------------------- */

/* Decodes one code point at s (n > 0 bytes); returns its length, or 0 for a byte that does
 * not start a valid, shortest-form sequence. */
static size_t utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
    size_t len;
    uint32_t v, min;
    if (s[0] < 0x80) {
        *cp = s[0];
        return 1;
    } else if ((s[0] & 0xE0) == 0xC0) {
        len = 2, v = s[0] & 0x1Fu, min = 0x80;
    } else if ((s[0] & 0xF0) == 0xE0) {
        len = 3, v = s[0] & 0x0Fu, min = 0x800;
    } else if ((s[0] & 0xF8) == 0xF0) {
        len = 4, v = s[0] & 0x07u, min = 0x10000;
    } else {
        return 0;
    }
    if (len > n)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        v = (v << 6) | (s[i] & 0x3Fu);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *cp = v;
    return len;
}

#define REPLACEMENT "\xEF\xBF\xBD" /* U+FFFD */

void sb_term(strbuf *b, const char *s)
{
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    size_t n = strlen((const char *)p);
    while (n > 0) {
        uint32_t cp;
        size_t k = utf8_decode(p, n, &cp);
        if (k == 0) {
            sb_puts(b, REPLACEMENT);
            k = 1;
        } else if (cp == '\r' && n > 1 && p[1] == '\n') {
            sb_putc(b, ' ');
            k = 2;
        } else if (cp == '\t' || cp == '\n' || cp == '\r') {
            sb_putc(b, ' ');
        } else if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || (cp >= 0x202A && cp <= 0x202E) ||
                   (cp >= 0x2066 && cp <= 0x2069)) {
            sb_puts(b, REPLACEMENT);
        } else {
            sb_add(b, (const char *)p, k);
        }
        p += k;
        n -= k;
    }
}

char *term_safe(const char *s)
{
    strbuf b;
    sb_init(&b);
    sb_term(&b, s);
    return b.data;
}

size_t text_cols(const char *s)
{
    return s ? isms_text_width(s, strlen(s)) : 0;
}

bool ends_with_ci(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    if (m > n)
        return false;
    for (size_t i = 0; i < m; i++) {
        char a = s[n - m + i], b = suffix[i];
        if (a >= 'A' && a <= 'Z')
            a = (char)(a - 'A' + 'a');
        if (b >= 'A' && b <= 'Z')
            b = (char)(b - 'A' + 'a');
        if (a != b)
            return false;
    }
    return true;
}

/* ---- numbers --------------------------------------------------------------------------- */

void fmt_num(char *buf, size_t size, const cli *c, double v, int decimals, bool group)
{
    if (size == 0)
        return;
    if (!isfinite(v)) {
        snprintf(buf, size, "%s", isnan(v) ? "–" : (v > 0 ? "∞" : "−∞"));
        return;
    }
    bool csv = c->format == FMT_CSV;
    bool sv = c->lang == ISMS_LANG_SV;
    const char *point = (sv && !(csv && (c->a.csv_flags & ISMS_CSV_COMMA))) ? "," : ".";
    const char *sep = csv ? "" : (sv ? "\xc2\xa0" : ",");
    if (!group)
        sep = "";

    char raw[64];
    snprintf(raw, sizeof raw, "%.*f", decimals < 0 ? 0 : decimals, v);
    if (strcmp(raw, "-0") == 0 || (raw[0] == '-' && strspn(raw + 1, "0.") == strlen(raw + 1)))
        memmove(raw, raw + 1, strlen(raw));
    const char *digits = raw;
    bool neg = false;
    if (*digits == '-') {
        neg = true;
        digits++;
    }
    const char *dot = strchr(digits, '.');
    size_t intlen = dot ? (size_t)(dot - digits) : strlen(digits);

    strbuf b;
    sb_init(&b);
    if (neg)
        sb_puts(&b, csv ? "-" : "−");
    for (size_t i = 0; i < intlen; i++) {
        if (i > 0 && (intlen - i) % 3 == 0)
            sb_puts(&b, sep);
        sb_putc(&b, digits[i]);
    }
    if (dot) {
        sb_puts(&b, point);
        sb_puts(&b, dot + 1);
    }
    snprintf(buf, size, "%s", b.data);
    sb_free(&b);
}

void fmt_date(char *buf, size_t size, isms_date d)
{
    if (d.year == 0 || isms_date_format(buf, size, d) != ISMS_OK) {
        if (size)
            buf[0] = '\0';
    }
}

/* ---- colours --------------------------------------------------------------------------- */

const char *color_on(cli_color color)
{
    switch (color) {
    case COLOR_BOLD: return "\033[1m";
    case COLOR_DIM: return "\033[2m";
    case COLOR_RED: return "\033[31m";
    case COLOR_BOLD_RED: return "\033[1;31m";
    case COLOR_GREEN: return "\033[32m";
    case COLOR_YELLOW: return "\033[33m";
    case COLOR_BLUE: return "\033[34m";
    case COLOR_CYAN: return "\033[36m";
    case COLOR_NONE: break;
    }
    return "";
}

cli_color color_band(int index, size_t count)
{
    if (index < 0 || count == 0)
        return COLOR_NONE;
    if (index == 0)
        return COLOR_GREEN;
    if ((size_t)index + 1 >= count)
        return count > 3 ? COLOR_BOLD_RED : COLOR_RED;
    return (size_t)index * 2 < count ? COLOR_YELLOW : COLOR_RED;
}

cli_color color_severity(isms_severity s)
{
    switch (s) {
    case ISMS_SEVERITY_ERROR: return COLOR_BOLD_RED;
    case ISMS_SEVERITY_WARNING: return COLOR_YELLOW;
    case ISMS_SEVERITY_INFO: return COLOR_CYAN;
    }
    return COLOR_NONE;
}

const char *severity_name(isms_severity s)
{
    switch (s) {
    case ISMS_SEVERITY_ERROR: return "error";
    case ISMS_SEVERITY_WARNING: return "warning";
    case ISMS_SEVERITY_INFO: return "info";
    }
    return "info";
}

/* ---- errors ---------------------------------------------------------------------------- */

/* "isms: " and the text, made terminal-safe, as one line on standard error. */
static void print_vline(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));
static void print_vline(const char *fmt, va_list ap)
{
    strbuf raw, safe;
    sb_init(&raw);
    sb_init(&safe);
    sb_vprintf(&raw, fmt, ap);
    sb_puts(&safe, "isms: ");
    sb_term(&safe, raw.data);
    sb_putc(&safe, '\n');
    fwrite(safe.data, 1, safe.len, stderr);
    sb_free(&raw);
    sb_free(&safe);
}

int cli_error(const cli *c, const char *fmt, ...)
{
    (void)c;
    va_list ap;
    va_start(ap, fmt);
    print_vline(fmt, ap);
    va_end(ap);
    return EXIT_USAGE;
}

int cli_usage(const cli *c, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    print_vline(fmt, ap);
    va_end(ap);
    if (c->cmd)
        fprintf(stderr, T(c, "isms: se 'isms %s --help'\n", "isms: see 'isms %s --help'\n"),
                c->cmd->name);
    else
        fputs(T(c, "isms: se 'isms --help'\n", "isms: see 'isms --help'\n"), stderr);
    return EXIT_USAGE;
}

/* Reads "word N" at p (N decimal); returns the end, or NULL. */
static const char *read_word_number(const char *p, const char *word, unsigned *out)
{
    size_t wl = strlen(word);
    if (strncmp(p, word, wl) != 0 || p[wl] != ' ' || !isdigit((unsigned char)p[wl + 1]))
        return NULL;
    p += wl + 1;
    unsigned long v = 0;
    while (isdigit((unsigned char)*p) && v < 100000000UL)
        v = v * 10 + (unsigned long)(*p++ - '0');
    *out = (unsigned)v;
    return p;
}

/* Whether `msg` says "word N" for this N anywhere ("line 4", "column 3", "position 3"). */
static bool mentions(const char *msg, const char *word, unsigned value)
{
    if (value == 0)
        return false;
    for (const char *p = strstr(msg, word); p; p = strstr(p + 1, word)) {
        unsigned v;
        const char *end = read_word_number(p, word, &v);
        if (end && v == value && !isdigit((unsigned char)*end))
            return true;
    }
    return false;
}

int cli_error_at(const cli *c, const char *where, bool gnu, unsigned line, unsigned column,
                 const char *msg)
{
    msg = msg ? msg : "";
    if (!where || !*where || strstr(msg, where))
        return cli_error(c, "%s", msg); /* nothing to add: the message as it is */
    /* A message that starts with its location ("line 4, column 3: ", "column 9: ") gives it
     * up to the prefix, unless the numbers disagree with ours. */
    unsigned l = 0, col = 0;
    const char *p = read_word_number(msg, "line", &l);
    if (p && (line == 0 || l == line)) {
        const char *q = p;
        if (strncmp(q, ", ", 2) == 0 && (q = read_word_number(q + 2, "column", &col)) != NULL &&
            strncmp(q, ": ", 2) == 0 && (column == 0 || col == column)) {
            msg = q + 2, line = l, column = col;
        } else if (strncmp(p, ": ", 2) == 0) {
            msg = p + 2, line = l;
        }
    } else if ((p = read_word_number(msg, "column", &col)) != NULL && strncmp(p, ": ", 2) == 0 &&
               (column == 0 || col == column)) {
        msg = p + 2, column = col;
    }
    /* Whatever the message still names is not said again before it. */
    bool has_line = mentions(msg, "line", line);
    bool has_col = has_line || mentions(msg, "column", column) ||
                   mentions(msg, "position", column);
    if (has_line)
        line = 0;
    if (has_col)
        column = 0;

    strbuf b;
    sb_init(&b);
    sb_puts(&b, where);
    if (gnu && line > 0) {
        sb_printf(&b, ":%u", line);
        if (column > 0)
            sb_printf(&b, ":%u", column);
    } else if (!gnu && column > 0) {
        sb_printf(&b, T(c, ", kolumn %u", ", column %u"), column);
    }
    sb_puts(&b, ": ");
    sb_puts(&b, msg);
    cli_error(c, "%s", b.data);
    sb_free(&b);
    return EXIT_USAGE;
}

int cli_lib_error(const cli *c)
{
    const isms_error *e = isms_error_last();
    const char *msg = e->message && *e->message ? e->message : isms_strerror(e->code);
    return cli_error_at(c, e->source, true, e->line, e->column, msg);
}

void cli_note(const cli *c, const char *fmt, ...)
{
    if (c->a.quiet)
        return;
    va_list ap;
    va_start(ap, fmt);
    print_vline(fmt, ap);
    va_end(ap);
}

/* ---- files ----------------------------------------------------------------------------- */

int cli_read(const cli *c, const char *path, char **out, size_t *len)
{
    *out = NULL;
    if (isms_file_read(out, len, path, ISMS_DOCUMENT_MAX_BYTES) != ISMS_OK)
        return cli_lib_error(c);
    return EXIT_FINE;
}

int cli_lib_error_in(const cli *c, const char *source)
{
    const isms_error *e = isms_error_last();
    if (e->source && *e->source)
        return cli_lib_error(c);
    return cli_error_at(c, source, true, e->line, e->column,
                        e->message && *e->message ? e->message : isms_strerror(e->code));
}

int cli_load_catalog(const cli *c, const char *path, isms_catalog **out)
{
    *out = NULL;
    const char *source = strcmp(path, "-") == 0 ? "<stdin>" : path;
    char *data = NULL;
    size_t len = 0;
    if (isms_file_read(&data, &len, path, ISMS_OSCAL_MAX_BYTES) != ISMS_OK)
        return cli_lib_error(c);
    int r = isms_catalog_parse_oscal(out, data, len, source);
    isms_free(data);
    return r == ISMS_OK ? EXIT_FINE : cli_lib_error_in(c, source);
}

int cli_emit_bytes(const cli *c, const char *data, size_t len)
{
    const char *path = c->a.output ? c->a.output : "-";
    if (isms_file_save(path, data, len) != ISMS_OK)
        return cli_lib_error(c);
    return EXIT_FINE;
}

int cli_emit(const cli *c, const strbuf *b)
{
    return cli_emit_bytes(c, b->data, b->len);
}

/* ---- the document ---------------------------------------------------------------------- */

int cli_load_document(cli *c, const char *path, isms_document **out)
{
    isms_document *doc = NULL;
    if (isms_document_load(&doc, path, NULL) != ISMS_OK)
        return cli_lib_error(c);
    if (!c->a.lang_given)
        c->lang = isms_document_lang(doc);
    const char *org = isms_document_get(doc, ISMS_DOC_ORGANISATION);
    free(c->org);
    c->org = org && *org ? xstrdup(org) : NULL;
    *out = doc;
    return EXIT_FINE;
}

int cli_usage_one_document(const cli *c)
{
    return cli_usage(c, T(c, "isms %s tar ett dokument", "isms %s takes one document"),
                     c->cmd->name);
}

int cli_load_the_document(cli *c, isms_document **out)
{
    if (c->a.npos != 1)
        return cli_usage_one_document(c);
    return cli_load_document(c, c->a.pos[0], out);
}

int cli_document_error(const cli *c, isms_document *doc)
{
    int rc = cli_lib_error(c);
    isms_document_free(doc);
    return rc;
}

/* ---- JSON (jansson) ------------------------------------------------------------------- */

static json_t *must(json_t *v)
{
    if (!v)
        out_of_memory();
    return v;
}

json_t *jobj(void) { return must(json_object()); }
json_t *jarr(void) { return must(json_array()); }
json_t *jint(long long v) { return must(json_integer((json_int_t)v)); }
json_t *jbool(bool v) { return json_boolean(v); }
json_t *jnull(void) { return json_null(); }

json_t *jstr(const char *s)
{
    s = s ? s : "";
    json_t *v = json_string(s);
    if (v)
        return v;
    /* Not valid UTF-8: each bad byte becomes U+FFFD. */
    strbuf b;
    sb_init(&b);
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s);
    while (n > 0) {
        uint32_t cp;
        size_t k = utf8_decode(p, n, &cp);
        if (k == 0) {
            sb_puts(&b, REPLACEMENT);
            k = 1;
        } else {
            sb_add(&b, (const char *)p, k);
        }
        p += k;
        n -= k;
    }
    v = must(json_stringn(b.data, b.len));
    sb_free(&b);
    return v;
}

json_t *jnum(double v)
{
    if (!isfinite(v))
        return json_null();
    if (v == floor(v) && fabs(v) < 1e15)
        return jint((long long)v);
    return must(json_real(v));
}

void jset(json_t *obj, const char *key, json_t *v)
{
    if (json_object_set_new(obj, key, v) != 0)
        out_of_memory();
}

void jpush(json_t *arr, json_t *v)
{
    if (json_array_append_new(arr, v) != 0)
        out_of_memory();
}

json_t *json_finding(const isms_finding *f)
{
    json_t *o = jobj();
    jset(o, "severity", jstr(severity_name(f->severity)));
    jset(o, "code", jstr(f->code));
    jset(o, "ref", jstr(f->ref));
    jset(o, "message", jstr(f->message));
    return o;
}

int cli_emit_json(const cli *c, json_t *root)
{
    /* Fifteen significant digits: 9.8 stays 9.8 (seventeen would print 9.8000000000000007). */
    char *text = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15));
    json_decref(root);
    if (!text)
        out_of_memory();
    strbuf b;
    sb_init(&b);
    sb_puts(&b, text);
    sb_putc(&b, '\n');
    free(text);
    int rc = cli_emit(c, &b);
    sb_free(&b);
    return rc;
}

/* ---- escaping -------------------------------------------------------------------------- */

/* Appends the code point at p (k bytes) to `b` unless it is a control character, a
 * bidirectional override or isolate, or invalid (k == 0): those become U+FFFD. */
static void put_safe_char(strbuf *b, const unsigned char *p, size_t k, uint32_t cp)
{
    if (k == 0 || cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || (cp >= 0x202A && cp <= 0x202E) ||
        (cp >= 0x2066 && cp <= 0x2069))
        sb_puts(b, REPLACEMENT);
    else
        sb_add(b, (const char *)p, k);
}

/* Appends `s` with each ASCII character that `markup` writes (it returns true) written so, the
 * other code points as put_safe_char() writes them. */
static void esc_with(strbuf *b, const char *s, bool (*markup)(strbuf *b, char ch))
{
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    size_t n = strlen((const char *)p);
    while (n > 0) {
        uint32_t cp = 0;
        size_t k = utf8_decode(p, n, &cp);
        if (k != 1 || !markup(b, (char)cp))
            put_safe_char(b, p, k, cp);
        p += k ? k : 1;
        n -= k ? k : 1;
    }
}

/* Line breaks and tabs as HTML and Markdown both write them. */
static bool markup_space(strbuf *b, char ch)
{
    switch (ch) {
    case '\n': sb_puts(b, "<br>"); return true;
    case '\t': sb_putc(b, ' '); return true;
    case '\r': return true;
    default: return false;
    }
}

static bool markup_html(strbuf *b, char ch)
{
    switch (ch) {
    case '&': sb_puts(b, "&amp;"); return true;
    case '<': sb_puts(b, "&lt;"); return true;
    case '>': sb_puts(b, "&gt;"); return true;
    case '"': sb_puts(b, "&quot;"); return true;
    case '\'': sb_puts(b, "&#39;"); return true;
    default: return markup_space(b, ch);
    }
}

static bool markup_md(strbuf *b, char ch)
{
    if (ch == '\0' || !strchr("\\`*_[]<>|#~!&", ch))
        return markup_space(b, ch);
    sb_putc(b, '\\');
    sb_putc(b, ch);
    return true;
}

void esc_html(strbuf *b, const char *s)
{
    esc_with(b, s, markup_html);
}

void esc_md(strbuf *b, const char *s)
{
    esc_with(b, s, markup_md);
}

/* The library's formula rule (lib/io/csv.c): apostrophes, then = + - @ tab or CR. */
static bool csv_needs_neutralising(const char *s)
{
    while (*s == '\'')
        s++;
    return *s == '=' || *s == '+' || *s == '-' || *s == '@' || *s == '\t' || *s == '\r';
}

void esc_csv(strbuf *b, const char *s, char sep, bool text)
{
    s = s ? s : "";
    size_t n = strlen(s);
    /* The library's quoting rule, with the separator in use among the specials. */
    bool quote = n > 0 && (s[0] == ' ' || s[0] == '\t' || s[n - 1] == ' ' || s[n - 1] == '\t' ||
                           strpbrk(s, ";,\t\"\r\n") || strchr(s, sep));
    if (quote)
        sb_putc(b, '"');
    if (text && csv_needs_neutralising(s))
        sb_putc(b, '\'');
    if (!quote) {
        sb_add(b, s, n);
        return;
    }
    for (const char *p = s; *p; p++) {
        if (*p == '"')
            sb_putc(b, '"');
        sb_putc(b, *p);
    }
    sb_putc(b, '"');
}

char csv_sep(const cli *c)
{
    if (c->a.csv_flags & ISMS_CSV_TAB)
        return '\t';
    if (c->a.csv_flags & ISMS_CSV_COMMA)
        return ',';
    return ';';
}

const char *csv_eol(const cli *c)
{
    return (c->a.csv_flags & ISMS_CSV_LF) ? "\n" : "\r\n";
}

void html_begin(strbuf *b, const cli *c, const char *title)
{
    sb_printf(b, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n",
              isms_lang_code(c->lang));
    sb_puts(b, "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
               "style-src 'unsafe-inline'\">\n<title>");
    esc_html(b, title);
    if (c->org) {
        sb_puts(b, " \xe2\x80\x93 ");
        esc_html(b, c->org);
    }
    sb_puts(b, "</title>\n<style>\n"
               "body{font-family:system-ui,sans-serif;margin:2em;color:#222}\n"
               "table{border-collapse:collapse;margin:1em 0}\n"
               "th,td{border:1px solid #ccc;padding:.3em .6em;text-align:left;"
               "vertical-align:top}\n"
               "th{background:#f0f0f0}\ntd.num{text-align:right}\n"
               "th.section{background:#dde;font-size:1.1em}\n"
               "</style>\n</head>\n<body>\n<h1>");
    esc_html(b, title);
    sb_puts(b, "</h1>\n");
}

void html_end(strbuf *b)
{
    sb_puts(b, "</body>\n</html>\n");
}

void page_begin(strbuf *b, const cli *c, const char *title)
{
    if (c->format == FMT_HTML) {
        html_begin(b, c, title);
    } else if (c->format == FMT_MD) {
        sb_puts(b, "# ");
        esc_md(b, title);
        sb_puts(b, "\n\n");
    }
}

void page_end(strbuf *b, const cli *c)
{
    if (c->format == FMT_HTML)
        html_end(b);
}

void page_heading(strbuf *b, const cli *c, const char *title)
{
    if (c->format == FMT_HTML) {
        sb_puts(b, "<h2>");
        esc_html(b, title);
        sb_puts(b, "</h2>\n");
    } else if (c->format == FMT_MD) {
        sb_puts(b, "\n## ");
        esc_md(b, title);
        sb_puts(b, "\n\n");
    } else if (c->format != FMT_CSV) {
        sb_putc(b, '\n');
        sb_term(b, title);
        sb_puts(b, ":\n");
    }
}

void page_paragraph(strbuf *b, const cli *c, const char *text)
{
    if (c->format == FMT_CSV)
        return;
    if (c->format == FMT_HTML) {
        sb_puts(b, "<p>");
        esc_html(b, text);
        sb_puts(b, "</p>\n");
    } else if (c->format == FMT_MD) {
        sb_putc(b, '\n');
        esc_md(b, text);
        sb_putc(b, '\n');
    } else {
        sb_putc(b, '\n');
        text_paragraph(b, c, "", 0, 0, text);
    }
}
