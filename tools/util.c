/* Helpers of the `isms` command: memory, text, numbers, colours, errors, files, JSON. */
#ifndef _XOPEN_SOURCE
#  define _XOPEN_SOURCE 700 /* realpath() */
#endif
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

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

char *xasprintf(const char *fmt, ...)
{
    strbuf b;
    sb_init(&b);
    va_list ap;
    va_start(ap, fmt);
    sb_vprintf(&b, fmt, ap);
    va_end(ap);
    return b.data;
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

/* ---- UTF-8 width ----------------------------------------------------------------------- */

/* Decodes one code point at s (n > 0 bytes); returns its length, with U+FFFD for bad bytes
 * (length 1). */
static size_t utf8_next(const char *s, size_t n, uint32_t *cp)
{
    const unsigned char *u = (const unsigned char *)s;
    if (u[0] < 0x80) {
        *cp = u[0];
        return 1;
    }
    size_t len;
    uint32_t v, min;
    if ((u[0] & 0xE0) == 0xC0) {
        len = 2;
        v = u[0] & 0x1F;
        min = 0x80;
    } else if ((u[0] & 0xF0) == 0xE0) {
        len = 3;
        v = u[0] & 0x0F;
        min = 0x800;
    } else if ((u[0] & 0xF8) == 0xF0) {
        len = 4;
        v = u[0] & 0x07;
        min = 0x10000;
    } else {
        *cp = 0xFFFD;
        return 1;
    }
    if (len > n) {
        *cp = 0xFFFD;
        return 1;
    }
    for (size_t i = 1; i < len; i++) {
        if ((u[i] & 0xC0) != 0x80) {
            *cp = 0xFFFD;
            return 1;
        }
        v = (v << 6) | (u[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
        *cp = 0xFFFD;
        return 1;
    }
    *cp = v;
    return len;
}

struct range {
    uint32_t lo, hi;
};

/* Combining marks and other characters that take no column. */
static const struct range zero_width[] = {
    {0x0300, 0x036F}, {0x0483, 0x0489}, {0x0591, 0x05BD}, {0x0610, 0x061A},
    {0x064B, 0x065F}, {0x0E31, 0x0E31}, {0x0E34, 0x0E3A}, {0x1AB0, 0x1AFF},
    {0x1DC0, 0x1DFF}, {0x200B, 0x200F}, {0x202A, 0x202E}, {0x2060, 0x2064},
    {0x20D0, 0x20FF}, {0xFE00, 0xFE0F}, {0xFE20, 0xFE2F}, {0xFEFF, 0xFEFF},
};

/* East Asian wide and full-width characters, and emoji: two columns. */
static const struct range wide[] = {
    {0x1100, 0x115F}, {0x231A, 0x231B}, {0x2329, 0x232A}, {0x23E9, 0x23EC},
    {0x2E80, 0x303E}, {0x3041, 0x33FF}, {0x3400, 0x4DBF}, {0x4E00, 0x9FFF},
    {0xA000, 0xA4CF}, {0xAC00, 0xD7A3}, {0xF900, 0xFAFF}, {0xFE30, 0xFE4F},
    {0xFF00, 0xFF60}, {0xFFE0, 0xFFE6}, {0x1F300, 0x1F64F}, {0x1F900, 0x1F9FF},
    {0x20000, 0x2FFFD}, {0x30000, 0x3FFFD},
};

static bool in_ranges(uint32_t cp, const struct range *r, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (cp >= r[i].lo && cp <= r[i].hi)
            return true;
    return false;
}

static size_t cp_width(uint32_t cp)
{
    if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
        return 0;
    if (in_ranges(cp, zero_width, sizeof zero_width / sizeof zero_width[0]))
        return 0;
    if (in_ranges(cp, wide, sizeof wide / sizeof wide[0]))
        return 2;
    return 1;
}

size_t utf8_width(const char *s, size_t n)
{
    size_t w = 0;
    while (n > 0) {
        uint32_t cp;
        size_t k = utf8_next(s, n, &cp);
        w += cp_width(cp);
        s += k;
        n -= k;
    }
    return w;
}

size_t utf8_fit(const char *s, size_t n, size_t cols)
{
    size_t w = 0, at = 0;
    while (at < n) {
        uint32_t cp;
        size_t k = utf8_next(s + at, n - at, &cp);
        size_t cw = cp_width(cp);
        if (w + cw > cols)
            break;
        w += cw;
        at += k;
    }
    return at;
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

int cli_error(const cli *c, const char *fmt, ...)
{
    (void)c;
    va_list ap;
    va_start(ap, fmt);
    fputs("isms: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    return EXIT_USAGE;
}

int cli_usage(const cli *c, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("isms: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    if (c->cmd)
        fprintf(stderr, T(c, "isms: se 'isms %s --help'\n", "isms: see 'isms %s --help'\n"),
                c->cmd->name);
    else
        fputs(T(c, "isms: se 'isms --help'\n", "isms: see 'isms --help'\n"), stderr);
    return EXIT_USAGE;
}

int cli_lib_error(const cli *c)
{
    (void)c;
    const isms_error *e = isms_error_last();
    const char *msg = e->message && *e->message ? e->message : isms_strerror(e->code);
    const char *src = e->source;
    if (src && *src && e->line > 0) {
        if (e->column > 0)
            fprintf(stderr, "isms: %s:%u:%u: %s\n", src, e->line, e->column, msg);
        else
            fprintf(stderr, "isms: %s:%u: %s\n", src, e->line, msg);
    } else if (src && *src && !strstr(msg, src)) {
        fprintf(stderr, "isms: %s: %s\n", src, msg);
    } else {
        fprintf(stderr, "isms: %s\n", msg);
    }
    return EXIT_USAGE;
}

void cli_note(const cli *c, const char *fmt, ...)
{
    if (c->a.quiet)
        return;
    va_list ap;
    va_start(ap, fmt);
    fputs("isms: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

/* ---- files ----------------------------------------------------------------------------- */

bool cli_read_file(const cli *c, const char *path, char **out, size_t *len)
{
    bool in = strcmp(path, "-") == 0;
    FILE *f = in ? stdin : fopen(path, "rb");
    if (!f) {
        cli_error(c, T(c, "kan inte öppna \"%s\": %s", "cannot open \"%s\": %s"), path,
                  strerror(errno));
        return false;
    }
    strbuf b;
    sb_init(&b);
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        sb_add(&b, chunk, n);
        if (b.len > ISMS_DOCUMENT_MAX_BYTES) {
            cli_error(c, T(c, "\"%s\" är för stor", "\"%s\" is too large"), path);
            sb_free(&b);
            if (!in)
                fclose(f);
            return false;
        }
    }
    bool bad = ferror(f) != 0;
    int err = errno;
    if (!in)
        fclose(f);
    if (bad) {
        cli_error(c, T(c, "kan inte läsa \"%s\": %s", "cannot read \"%s\": %s"), path,
                  strerror(err));
        sb_free(&b);
        return false;
    }
    *out = b.data;
    *len = b.len;
    return true;
}

static int write_all(int fd, const char *data, size_t len)
{
    while (len > 0) {
        ssize_t w = write(fd, data, len);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        data += w;
        len -= (size_t)w;
    }
    return 0;
}

int write_file_atomic(const char *path, const char *data, size_t len)
{
    /* Through a symbolic link, replace the file it points to. */
    char *resolved = realpath(path, NULL);
    const char *target = resolved ? resolved : path;

    const char *slash = strrchr(target, '/');
    char *tmp = slash ? xasprintf("%.*s/.isms-XXXXXX", (int)(slash - target), target)
                      : xstrdup(".isms-XXXXXX");

    bool created = false;
    int fd = mkstemp(tmp);
    if (fd < 0)
        goto fail;
    created = true;
    struct stat st;
    mode_t mode;
    if (stat(target, &st) == 0) {
        mode = st.st_mode & 07777;
    } else {
        mode_t mask = umask(022);
        umask(mask);
        mode = 0666 & ~mask;
    }
    if (write_all(fd, data, len) != 0 || fchmod(fd, mode) != 0 || fsync(fd) != 0)
        goto fail;
    if (close(fd) != 0) {
        fd = -1;
        goto fail;
    }
    fd = -1;
    if (rename(tmp, target) != 0)
        goto fail;
    /* Make the rename itself durable. */
    char *dir = slash ? xasprintf("%.*s", slash == target ? 1 : (int)(slash - target), target)
                      : xstrdup(".");
    int dfd = open(dir, O_RDONLY);
    if (dfd >= 0) {
        fsync(dfd);
        close(dfd);
    }
    free(dir);
    free(tmp);
    free(resolved);
    return 0;

fail:;
    int err = errno;
    if (fd >= 0)
        close(fd);
    if (created)
        unlink(tmp);
    free(tmp);
    free(resolved);
    errno = err;
    return -1;
}

int cli_emit(const cli *c, const strbuf *b)
{
    const char *path = c->a.output;
    if (!path || strcmp(path, "-") == 0) {
        if (b->len && fwrite(b->data, 1, b->len, stdout) != b->len) {
            return cli_error(c, T(c, "kan inte skriva till standard ut: %s",
                                  "cannot write to standard output: %s"), strerror(errno));
        }
        if (fflush(stdout) != 0)
            return cli_error(c, T(c, "kan inte skriva till standard ut: %s",
                                  "cannot write to standard output: %s"), strerror(errno));
        return EXIT_FINE;
    }
    if (write_file_atomic(path, b->data, b->len) != 0)
        return cli_error(c, T(c, "kan inte spara \"%s\": %s", "cannot save \"%s\": %s"), path,
                         strerror(errno));
    return EXIT_FINE;
}

/* ---- the document ---------------------------------------------------------------------- */

int cli_load_document(cli *c, const char *path, isms_document **out)
{
    isms_document *doc = NULL;
    if (isms_document_load(&doc, path, NULL) != ISMS_OK)
        return cli_lib_error(c);
    if (!c->a.lang_given)
        c->lang = isms_document_lang(doc);
    *out = doc;
    return EXIT_FINE;
}

/* ---- JSON ------------------------------------------------------------------------------ */

void jw_init(jw *w, strbuf *b)
{
    memset(w, 0, sizeof *w);
    w->b = b;
    w->first[0] = true;
}

static void jw_indent(jw *w)
{
    sb_putc(w->b, '\n');
    sb_repeat(w->b, "  ", (size_t)w->depth);
}

/* Before a value: the comma and the new line, unless it follows a key. */
static void jw_pre(jw *w)
{
    if (w->after_key) {
        w->after_key = false;
        return;
    }
    if (w->depth == 0)
        return;
    if (!w->first[w->depth])
        sb_putc(w->b, ',');
    w->first[w->depth] = false;
    jw_indent(w);
}

static void jw_open(jw *w, char ch)
{
    jw_pre(w);
    sb_putc(w->b, ch);
    if (w->depth + 1 < JW_MAX_DEPTH)
        w->depth++;
    w->first[w->depth] = true;
}

static void jw_close(jw *w, char ch)
{
    bool empty = w->first[w->depth];
    if (w->depth > 0)
        w->depth--;
    if (!empty)
        jw_indent(w);
    sb_putc(w->b, ch);
}

void jw_obj(jw *w) { jw_open(w, '{'); }
void jw_obj_end(jw *w) { jw_close(w, '}'); }
void jw_arr(jw *w) { jw_open(w, '['); }
void jw_arr_end(jw *w) { jw_close(w, ']'); }

static void jw_string(strbuf *b, const char *s)
{
    sb_putc(b, '"');
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
        switch (*p) {
        case '"': sb_puts(b, "\\\""); break;
        case '\\': sb_puts(b, "\\\\"); break;
        case '\n': sb_puts(b, "\\n"); break;
        case '\r': sb_puts(b, "\\r"); break;
        case '\t': sb_puts(b, "\\t"); break;
        default:
            if (*p < 0x20 || *p == 0x7F)
                sb_printf(b, "\\u%04x", *p);
            else
                sb_putc(b, (char)*p);
        }
    }
    sb_putc(b, '"');
}

void jw_key(jw *w, const char *key)
{
    jw_pre(w);
    jw_string(w->b, key);
    sb_puts(w->b, ": ");
    w->after_key = true;
}

void jw_str(jw *w, const char *s)
{
    jw_pre(w);
    jw_string(w->b, s);
}

void jw_int(jw *w, long long v)
{
    jw_pre(w);
    sb_printf(w->b, "%lld", v);
}

void jw_num(jw *w, double v)
{
    jw_pre(w);
    if (!isfinite(v)) {
        sb_puts(w->b, "null");
        return;
    }
    if (v == floor(v) && fabs(v) < 1e15) {
        sb_printf(w->b, "%.0f", v == 0 ? 0.0 : v);
        return;
    }
    /* The shortest form that reads back as the same double. */
    char buf[40];
    for (int prec = 1; prec <= 17; prec++) {
        snprintf(buf, sizeof buf, "%.*g", prec, v);
        if (strtod(buf, NULL) == v)
            break;
    }
    sb_puts(w->b, buf);
}

void jw_raw(jw *w, const char *text)
{
    jw_pre(w);
    sb_puts(w->b, text);
}

void jw_bool(jw *w, bool v)
{
    jw_pre(w);
    sb_puts(w->b, v ? "true" : "false");
}

void jw_null(jw *w)
{
    jw_pre(w);
    sb_puts(w->b, "null");
}

void jw_end(jw *w)
{
    sb_putc(w->b, '\n');
}

void jw_kstr(jw *w, const char *key, const char *s) { jw_key(w, key); jw_str(w, s); }
void jw_kint(jw *w, const char *key, long long v) { jw_key(w, key); jw_int(w, v); }
void jw_knum(jw *w, const char *key, double v) { jw_key(w, key); jw_num(w, v); }
void jw_kbool(jw *w, const char *key, bool v) { jw_key(w, key); jw_bool(w, v); }

/* ---- escaping -------------------------------------------------------------------------- */

void esc_html(strbuf *b, const char *s)
{
    for (const char *p = s ? s : ""; *p; p++) {
        switch (*p) {
        case '&': sb_puts(b, "&amp;"); break;
        case '<': sb_puts(b, "&lt;"); break;
        case '>': sb_puts(b, "&gt;"); break;
        case '"': sb_puts(b, "&quot;"); break;
        case '\'': sb_puts(b, "&#39;"); break;
        case '\n': sb_puts(b, "<br>"); break;
        case '\r': break;
        default: sb_putc(b, *p);
        }
    }
}

void esc_md(strbuf *b, const char *s)
{
    for (const char *p = s ? s : ""; *p; p++) {
        switch (*p) {
        case '\\': case '`': case '*': case '_': case '[': case ']': case '<': case '>':
        case '|': case '#': case '~': case '!': case '&':
            sb_putc(b, '\\');
            sb_putc(b, *p);
            break;
        case '\n': sb_puts(b, "<br>"); break;
        case '\r': break;
        case '\t': sb_putc(b, ' '); break;
        default: sb_putc(b, *p);
        }
    }
}

void esc_csv(strbuf *b, const char *s, char sep, bool text)
{
    s = s ? s : "";
    bool formula = text && (*s == '=' || *s == '+' || *s == '-' || *s == '@' || *s == '\t' ||
                            *s == '\r');
    bool quote = formula || strchr(s, sep) || strchr(s, '"') || strchr(s, '\n') ||
                 strchr(s, '\r') || (*s && (s[0] == ' ' || s[strlen(s) - 1] == ' '));
    if (!quote) {
        sb_puts(b, s);
        return;
    }
    sb_putc(b, '"');
    if (formula)
        sb_putc(b, '\'');
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
    sb_puts(b, "<title>");
    esc_html(b, title);
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
