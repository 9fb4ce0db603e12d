/* Dates and periods: due dates as people write them.
 *
 * Dates are plain values; day arithmetic goes through a day number (days from 1970-01-01,
 * Howard Hinnant's days-from-civil), so there is no table and no clock.
 *
 * Reading free text (isms_period_parse) works in two steps.
 *
 * 1. A lexer cuts the UTF-8 text into tokens: words (runs of letters, case-folded, with a
 *    decomposed å ä ö é ü composed, since text pasted from macOS may arrive as "ho\u0308sten"),
 *    numbers (runs of ASCII digits) and single punctuation code points (the dashes U+2010–2014
 *    and U+2212 read as '-', U+2019 as '\''; a byte that is not UTF-8 is punctuation of its
 *    own). White space only separates tokens, but every token remembers whether white space
 *    stood right before it: "2024-03-31" is one date while "2024 - 03" is not. Tokens live in
 *    a ring buffer filled on demand, so text of any length is read without allocation.
 *
 * 2. A scanner tries the patterns at each token from the left; the first that reads a period
 *    wins ("Q2 eller Q3 2024" is Q2). A pattern may also *consume* tokens without reading
 *    anything: a week ("vecka 12 2024"), an impossible date ("2023-02-29", "31 april"), a case
 *    number ("dnr 2024-1234"), a season that is no period kind ("sommaren 2024"). Those tokens
 *    are then not read as anything else (so "vecka 12 2024" is not the year 2024), and the
 *    scan goes on after them. A period without a year of its own takes the first year that
 *    stands alone elsewhere in the text ("mars, dvs. 2025"), else the caller's reference year.
 *
 * Decisions the header leaves open (each one is pinned by tests/test-period.c):
 *
 * - Years. A number standing alone is a year when it has four digits and lies in 1900–2100
 *   ("5000 kr" is no year); a text that is nothing but a four-digit number is a year in
 *   1900–9999, so that every formatted period reads back. A year attached to a period word
 *   ("Q1 9999", "2024-02", ISO dates) may be 1900–9999. A year is not read when it is glued
 *   by - / . : to other digits: "27001:2022", "dnr 2024-1234", "123-2024". A range reads as
 *   its first year, like any other choice between two ("2023-2024", "2024/25", "årsskiftet
 *   2024/2025" are 2024 or 2023). Two digits are a year (20yy) only when glued to the period
 *   word without white space: "HT24", "VT-24", "Q1-24", "mar-24" (spreadsheet style),
 *   "31/3-24".
 * - A year written before a period belongs to it: "2024 Q1", "2024Q1", "2024-H2", "2024 års
 *   första kvartal" are the quarter, not the year 2024 ("first match wins" applied naively
 *   would read the year).
 * - Weeks ("vecka 12", "v. 12", "v12", "week 12") have no kind: consumed, with their year.
 *   Summer, winter, "midsommar", "julen" likewise, and decades ("2020-talet", "2020s").
 * - Words that are also common words need company. "jan" (a name), "may" (a verb), "vår"
 *   (our), "fall" (Swedish: case) are read only with an attached year ("Jan 2024"), a day or,
 *   for the abbreviations, a dot ("jan."). "jul" is Christmas in Swedish: it is July only with
 *   a day ("15 jul"), a dot ("jul.") or a year glued to it ("jul-24"); "jul 2024" with a space
 *   could be either and is consumed unread. "1H"/"1Q" need a four-digit year ("2h" is two
 *   hours). "24/7" (around the clock) is no date. "1.5" is a number: a day and month written
 *   with dots need their year ("31.3.2024").
 * - Day and month numbers: "31/3" and "31.3.2024" are day/month (Swedish order, never the
 *   American month/day); an impossible day is consumed, never moved to a month.
 * - "början av 2024", "beginning of", "start of", "early 2024" read as the first quarter of
 *   the year (the end of a year is a poor due date for "early"); with any other period
 *   ("början av Q3", "i början av mars") they change nothing. "slutet av 2024", "end of
 *   2024", "utgången av 2024" are the year (its last day is the due date).
 * - "årsskiftet" (the turn of the year), "year end", "i år", "under året", "hela året",
 *   "innevarande år", "this year" are the year named, or the reference year: the year that
 *   ends at that turn. "nästa år"/"next year" are the reference year + 1 (year_assumed); they
 *   never take a year from elsewhere in the text. "början av året" is Q1, "slutet av året"
 *   the year.
 * - "sista kvartalet/tertialet/halvåret" is the last one of the year. English "last" is not
 *   read (in "last quarter" it usually means the previous one).
 * - offset/length cover the tokens read, with an attached year, a leading year and a
 *   modifier ("början av 2024"), not a year taken from elsewhere in the text.
 * - Ordering: dated periods first (by end, start, kind), then unparsed, then none, then
 *   kinds outside the enumeration, then NULL.
 */
#include <stdio.h>
#include <string.h>

#include "internal.h"

/* ---- dates --------------------------------------------------------------------------- */

static const char *const month_names_en[12] = {
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
};

static bool is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* Days in a month; 0 for a month outside 1–12. */
static int days_in_month(int y, int m)
{
    static const unsigned char days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (m < 1 || m > 12)
        return 0;
    return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

static bool date_empty(isms_date d)
{
    return d.year == 0 && d.month == 0 && d.day == 0;
}

bool isms_date_valid(isms_date date)
{
    return date.year >= 1900 && date.year <= 9999 && date.month >= 1 && date.month <= 12 &&
           date.day >= 1 && date.day <= days_in_month(date.year, date.month);
}

static int cmp_int(int a, int b)
{
    return (a > b) - (a < b);
}

int isms_date_compare(isms_date a, isms_date b)
{
    bool ea = date_empty(a), eb = date_empty(b);
    if (ea || eb)
        return (int)ea - (int)eb;
    int c = cmp_int(a.year, b.year);
    if (!c)
        c = cmp_int(a.month, b.month);
    if (!c)
        c = cmp_int(a.day, b.day);
    return c;
}

/* Days since 1970-01-01 (H. Hinnant, "chrono-Compatible Low-Level Date Algorithms"): the year
 * is shifted to start in March, so that the leap day is the last day of a year. */
static long days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;                                   /* 0..399 */
    long doy = (153L * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1; /* 0..365 */
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;           /* 0..146096 */
    return era * 146097 + doe - 719468;
}

long isms_date_diff(isms_date a, isms_date b)
{
    if (!isms_date_valid(a) || !isms_date_valid(b))
        return 0;
    return days_from_civil(b.year, b.month, b.day) - days_from_civil(a.year, a.month, a.day);
}

static bool all_digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

static int digits_value(const char *s, size_t n)
{
    int v = 0;
    for (size_t i = 0; i < n; i++)
        v = v * 10 + (s[i] - '0');
    return v;
}

/* Bytes of `s` (n long) to quote in a message: at most 40, cut at a UTF-8 boundary. */
static int quoted_len(const char *s, size_t n)
{
    if (n <= 40)
        return (int)n;
    size_t k = 40;
    while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
        k--;
    return (int)k;
}

int isms_date_parse(isms_date *out, const char *text)
{
    if (!out || !text)
        return isms__error(ISMS_EINVAL, "isms_date_parse: NULL argument");
    if (isms__text_check("date", text))
        return ISMS_EINVAL;
    size_t start, n;
    isms__trim_span(text, strlen(text), &start, &n);
    const char *s = text + start;
    if (n == 0)
        return isms__error(ISMS_EPARSE, "empty text: expected a date YYYY-MM-DD");
    int q = quoted_len(s, n);
    const char *more = (size_t)q < n ? "…" : "";
    if (n != 10 || !all_digits(s, 4) || s[4] != '-' || !all_digits(s + 5, 2) || s[7] != '-' ||
        !all_digits(s + 8, 2))
        return isms__error(ISMS_EPARSE, "%.*s%s: expected a date YYYY-MM-DD", q, s, more);
    int y = digits_value(s, 4), m = digits_value(s + 5, 2), d = digits_value(s + 8, 2);
    if (y < 1900)
        return isms__error(ISMS_EPARSE, "%.*s: the year must be 1900–9999", q, s);
    if (m < 1 || m > 12)
        return isms__error(ISMS_EPARSE, "%.*s: there is no month %d", q, s, m);
    if (d < 1)
        return isms__error(ISMS_EPARSE, "%.*s: there is no day 0", q, s);
    int dim = days_in_month(y, m);
    if (d > dim)
        return isms__error(ISMS_EPARSE, "%.*s: %s %d has %d days", q, s, month_names_en[m - 1],
                           y, dim);
    out->year = y;
    out->month = m;
    out->day = d;
    return ISMS_OK;
}

int isms_date_format(char *buf, size_t size, isms_date date)
{
    if (!buf)
        return isms__error(ISMS_EINVAL, "isms_date_format: NULL buffer");
    if (date_empty(date)) {
        if (size < 1)
            return isms__error(ISMS_EINVAL, "isms_date_format: the buffer has no room");
        buf[0] = '\0';
        return ISMS_OK;
    }
    if (!isms_date_valid(date))
        return isms__error(ISMS_EINVAL, "isms_date_format: %d-%d-%d is not a valid date",
                           date.year, date.month, date.day);
    if (size < 11)
        return isms__error(ISMS_EINVAL,
                           "isms_date_format: a buffer of %zu bytes is too small (11 needed)",
                           size);
    snprintf(buf, size, "%04d-%02d-%02d", date.year, date.month, date.day);
    return ISMS_OK;
}

/* ---- periods as values ---------------------------------------------------------------- */

static bool dated_kind(isms_period_kind kind)
{
    return kind >= ISMS_PERIOD_DAY && kind <= ISMS_PERIOD_YEAR;
}

/* Quarters, tertials or halves in a year; 12 months, 1 year. */
static int count_in_year(isms_period_kind kind)
{
    switch (kind) {
    case ISMS_PERIOD_MONTH: return 12;
    case ISMS_PERIOD_QUARTER: return 4;
    case ISMS_PERIOD_TERTIAL: return 3;
    case ISMS_PERIOD_HALF: return 2;
    default: return 1;
    }
}

/* Which month, quarter, tertial or half (1-based) holds `month`. */
static int number_of(isms_period_kind kind, int month)
{
    int months = 12 / count_in_year(kind);
    return (month - 1) / months + 1;
}

/* The first and last day of period number `n` of `kind` in `year` (for a day: month n). */
static void span_of(isms_period_kind kind, int year, int n, int day, isms_date *start,
                    isms_date *end)
{
    if (kind == ISMS_PERIOD_DAY) {
        start->year = end->year = year;
        start->month = end->month = n;
        start->day = end->day = day;
        return;
    }
    if (kind == ISMS_PERIOD_YEAR)
        n = 1;
    int months = 12 / count_in_year(kind);
    int first = (n - 1) * months + 1, last = n * months;
    start->year = end->year = year;
    start->month = first;
    start->day = 1;
    end->month = last;
    end->day = days_in_month(year, last);
}

int isms_period_containing(isms_period *out, isms_period_kind kind, isms_date date)
{
    if (!out)
        return isms__error(ISMS_EINVAL, "isms_period_containing: NULL period");
    if (!dated_kind(kind))
        return isms__error(ISMS_EINVAL, "isms_period_containing: kind %d has no dates",
                           (int)kind);
    if (!isms_date_valid(date))
        return isms__error(ISMS_EINVAL, "isms_period_containing: %d-%d-%d is not a valid date",
                           date.year, date.month, date.day);
    isms_period p = { ISMS_PERIOD_NONE, { 0, 0, 0 }, { 0, 0, 0 }, false, 0, 0 };
    p.kind = kind;
    if (kind == ISMS_PERIOD_DAY)
        span_of(kind, date.year, date.month, date.day, &p.start, &p.end);
    else
        span_of(kind, date.year, number_of(kind, date.month), 0, &p.start, &p.end);
    *out = p;
    return ISMS_OK;
}

int isms_period_next(isms_period *out, const isms_period *period)
{
    if (!out || !period)
        return isms__error(ISMS_EINVAL, "isms_period_next: NULL argument");
    if (!dated_kind(period->kind) || !isms_date_valid(period->start))
        return isms__error(ISMS_EINVAL, "isms_period_next: the period has no dates");
    isms_date d = period->start;
    isms_period p = { ISMS_PERIOD_NONE, { 0, 0, 0 }, { 0, 0, 0 }, false, 0, 0 };
    p.kind = period->kind;
    if (p.kind == ISMS_PERIOD_DAY) {
        if (++d.day > days_in_month(d.year, d.month)) {
            d.day = 1;
            if (++d.month > 12) {
                d.month = 1;
                d.year++;
            }
        }
        span_of(p.kind, d.year, d.month, d.day, &p.start, &p.end);
    } else {
        int n = number_of(p.kind, d.month) + 1;
        if (n > count_in_year(p.kind)) {
            n = 1;
            d.year++;
        }
        span_of(p.kind, d.year, n, 0, &p.start, &p.end);
    }
    if (d.year > 9999)
        return isms__error(ISMS_EINVAL, "isms_period_next: no period after 9999");
    *out = p;
    return ISMS_OK;
}

/* Dated periods first, then unparsed (something was written), then none, then garbage. */
static int rank_of(const isms_period *p)
{
    if (!p)
        return 4;
    if (dated_kind(p->kind))
        return 0;
    if (p->kind == ISMS_PERIOD_UNPARSED)
        return 1;
    if (p->kind == ISMS_PERIOD_NONE)
        return 2;
    return 3;
}

int isms_period_compare(const isms_period *a, const isms_period *b)
{
    int ra = rank_of(a), rb = rank_of(b);
    if (ra != rb)
        return ra < rb ? -1 : 1;
    if (ra != 0)
        return 0;
    int c = isms_date_compare(a->end, b->end);
    if (!c)
        c = isms_date_compare(a->start, b->start);
    if (!c)
        c = cmp_int((int)a->kind, (int)b->kind);
    return c;
}

bool isms_period_overdue(const isms_period *period, isms_date date)
{
    return period && dated_kind(period->kind) && isms_date_valid(period->end) &&
           isms_date_valid(date) && isms_date_compare(period->end, date) < 0;
}

bool isms_period_contains(const isms_period *period, isms_date date)
{
    return period && dated_kind(period->kind) && isms_date_valid(period->start) &&
           isms_date_valid(period->end) && isms_date_valid(date) &&
           isms_date_compare(period->start, date) <= 0 &&
           isms_date_compare(date, period->end) <= 0;
}

int isms_period_format(char *buf, size_t size, const isms_period *period)
{
    if (!buf || !period)
        return isms__error(ISMS_EINVAL, "isms_period_format: NULL argument");
    char tmp[48];
    const isms_date s = period->start;
    int k;
    switch (period->kind) {
    case ISMS_PERIOD_NONE:
    case ISMS_PERIOD_UNPARSED:
        tmp[0] = '\0';
        k = 0;
        break;
    case ISMS_PERIOD_DAY:
    case ISMS_PERIOD_MONTH:
    case ISMS_PERIOD_QUARTER:
    case ISMS_PERIOD_TERTIAL:
    case ISMS_PERIOD_HALF:
    case ISMS_PERIOD_YEAR:
        if (!isms_date_valid(s))
            return isms__error(ISMS_EINVAL, "isms_period_format: the period has no valid dates");
        if (period->kind == ISMS_PERIOD_DAY)
            k = snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", s.year, s.month, s.day);
        else if (period->kind == ISMS_PERIOD_MONTH)
            k = snprintf(tmp, sizeof tmp, "%04d-%02d", s.year, s.month);
        else if (period->kind == ISMS_PERIOD_YEAR)
            k = snprintf(tmp, sizeof tmp, "%04d", s.year);
        else
            k = snprintf(tmp, sizeof tmp, "%c%d %04d",
                         period->kind == ISMS_PERIOD_QUARTER   ? 'Q'
                         : period->kind == ISMS_PERIOD_TERTIAL ? 'T'
                                                               : 'H',
                         number_of(period->kind, s.month), s.year);
        break;
    default:
        return isms__error(ISMS_EINVAL, "isms_period_format: unknown kind %d",
                           (int)period->kind);
    }
    if (k < 0 || (size_t)k >= size)
        return isms__error(ISMS_EINVAL,
                           "isms_period_format: a buffer of %zu bytes is too small (%d needed)",
                           size, k + 1);
    memcpy(buf, tmp, (size_t)k + 1);
    return ISMS_OK;
}

const char *isms_period_kind_label(isms_period_kind kind, isms_lang lang)
{
    static const char *const labels[8][2] = {
        { "ingen", "none" },     { "ej tolkad", "unparsed" }, { "dag", "day" },
        { "månad", "month" },    { "kvartal", "quarter" },    { "tertial", "tertial" },
        { "halvår", "half year" }, { "år", "year" },
    };
    if ((unsigned)kind > ISMS_PERIOD_YEAR)
        return "?";
    return labels[kind][lang == ISMS_LANG_SV ? 0 : 1];
}

const char *isms_period_kind_name(isms_period_kind kind)
{
    static const char *const names[8] = {
        "none", "unparsed", "day", "month", "quarter", "tertial", "half", "year",
    };
    if ((unsigned)kind > ISMS_PERIOD_YEAR)
        return "?";
    return names[kind];
}

/* ---- lexer ---------------------------------------------------------------------------- */

enum {
    WORD_MAX = 24,       /* bytes of a folded word, NUL included; longer words match nothing */
    WIN = 64,            /* tokens kept: the look-behind plus the longest pattern, with room
                            (a power of two: at() takes the index modulo WIN very often) */
    LAST = 1000,         /* "sista": the last quarter, tertial or half (above any number) */
    BARE_YEAR_MAX = 2100 /* a number standing alone is a year up to this */
};

typedef enum tok_type { T_START, T_END, T_WORD, T_NUM, T_PUNCT } tok_type;

typedef struct tok {
    tok_type type;
    bool space;       /* white space, or the start of the text, right before the token */
    bool long_word;   /* T_WORD: longer than WORD_MAX - 1 bytes once folded */
    unsigned digits;  /* T_NUM: number of digits (counted up to 99) */
    int num;          /* T_NUM: the value, or -1 beyond nine digits */
    uint32_t cp;      /* T_PUNCT: the code point; 0xFFFD for a byte that is not UTF-8 */
    size_t off;       /* byte offset in the text */
    size_t len;       /* bytes */
    char w[WORD_MAX]; /* T_WORD: the folded text, NUL-terminated */
} tok;

typedef struct lexer {
    const char *text;
    size_t pos;
} lexer;

/* One code point; *bad tells that it is a byte that does not begin valid UTF-8, which
 * isms__utf8_next() returns as itself and which would otherwise pass for a Latin-1 letter. */
static uint32_t decode(const char **s, bool *bad)
{
    const char *before = *s;
    uint32_t c = isms__utf8_next(s);
    *bad = c >= 0x80 && *s - before == 1;
    return c;
}

static bool is_space(uint32_t c)
{
    return c == ' ' || (c >= '\t' && c <= '\r') || c == 0xA0 || c == 0x1680 ||
           (c >= 0x2000 && c <= 0x200B) || c == 0x2028 || c == 0x2029 || c == 0x202F ||
           c == 0x205F || c == 0x3000 || c == 0xFEFF;
}

static bool is_letter(uint32_t c)
{
    if (c < 0x80)
        return (c | 32) >= 'a' && (c | 32) <= 'z';
    return (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7) ||
           (c >= 0x386 && c <= 0x3FF && c != 0x387) || (c >= 0x400 && c <= 0x52F) ||
           (c >= 0x1E00 && c <= 0x1EFF);
}

static bool is_mark(uint32_t c)
{
    return c >= 0x300 && c <= 0x36F;
}

/* The precomposed letter for a folded base letter and a combining mark, for the letters the
 * vocabulary uses, or 0. */
static uint32_t compose(uint32_t base, uint32_t mark)
{
    switch (mark) {
    case 0x30A: return base == 'a' ? 0xE5 : 0;
    case 0x308: return base == 'a' ? 0xE4 : base == 'o' ? 0xF6 : base == 'u' ? 0xFC : 0;
    case 0x301: return base == 'e' ? 0xE9 : 0;
    default: return 0;
    }
}

/* Dashes and the typographic apostrophe read as their ASCII forms: Word turns "2024-03-31"
 * into non-breaking hyphens and "Q1'24" into a right quote. */
static uint32_t plain_punct(uint32_t c)
{
    if ((c >= 0x2010 && c <= 0x2014) || c == 0x2212)
        return '-';
    if (c == 0x2019)
        return '\'';
    return c;
}

/* A word from *p (which stands on a letter): letters and combining marks, case-folded. */
static void lex_word(tok *t, const char **p)
{
    size_t n = 0, last_at = 0;
    uint32_t last = 0;
    for (;;) {
        const char *q = *p;
        bool bad;
        uint32_t c = decode(&q, &bad);
        if (c == 0 || bad || !(is_letter(c) || is_mark(c)))
            break;
        *p = q;
        if (t->long_word)
            continue;
        uint32_t f = isms__fold(c);
        uint32_t composed = is_mark(c) ? compose(last, c) : 0;
        if (composed) {
            n = last_at; /* replace the base letter */
            f = composed;
        }
        if (n + 4 >= WORD_MAX) {
            t->long_word = true;
            continue;
        }
        last_at = n;
        n += isms__utf8_put(t->w + n, f);
        last = f;
    }
    t->w[n] = '\0';
}

static void lex(lexer *lx, tok *t)
{
    const char *p = lx->text + lx->pos;
    bool space = lx->pos == 0, bad;
    for (;;) {
        const char *q = p;
        uint32_t c = decode(&q, &bad);
        if (c == 0 || bad || !is_space(c))
            break;
        p = q;
        space = true;
    }
    memset(t, 0, sizeof *t);
    t->space = space;
    t->off = (size_t)(p - lx->text);
    const char *q = p;
    uint32_t c = decode(&q, &bad);
    if (c == 0) {
        t->type = T_END;
        q = p;
    } else if (c >= '0' && c <= '9') {
        t->type = T_NUM;
        q = p;
        while (*q >= '0' && *q <= '9') {
            if (t->digits < 9)
                t->num = t->num * 10 + (*q - '0');
            if (t->digits < 99)
                t->digits++;
            q++;
        }
        if (t->digits > 9)
            t->num = -1;
    } else if (!bad && is_letter(c)) {
        t->type = T_WORD;
        q = p;
        lex_word(t, &q);
    } else {
        t->type = T_PUNCT;
        t->cp = bad ? 0xFFFD : plain_punct(c);
    }
    t->len = (size_t)(q - p);
    lx->pos = (size_t)(q - lx->text);
}

/* The tokens of a text, numbered from 0, lexed on demand into a ring of WIN. A pointer to
 * token i stays valid until token i + WIN is lexed; patterns look at most a few tokens
 * behind and about twenty ahead of where they start, far less than WIN. */
typedef struct stream {
    lexer lx;
    tok ring[WIN];
    size_t count; /* tokens lexed */
    bool ended;   /* the last one lexed is T_END */
} stream;

static const tok start_tok = { .type = T_START, .space = true };
static const tok lost_tok = { .type = T_PUNCT, .space = true }; /* fell out of the ring */

static void stream_init(stream *s, const char *text)
{
    s->lx.text = text;
    s->lx.pos = 0;
    s->count = 0;
    s->ended = false;
}

static const tok *lex_to(stream *s, size_t i);

/* Token i: inline where it is already lexed and still in the ring, as it nearly always is
 * (the patterns ask for the same few tokens over and over). */
static inline const tok *at(stream *s, size_t i)
{
    if (i < s->count && i + WIN >= s->count)
        return &s->ring[i % WIN];
    return lex_to(s, i);
}

/* Token i, lexing up to it first; the end token past the end, and a stand-in for a token
 * that fell out of the ring. */
static const tok *lex_to(stream *s, size_t i)
{
    while (i >= s->count && !s->ended) {
        tok *t = &s->ring[s->count % WIN];
        lex(&s->lx, t);
        s->ended = t->type == T_END;
        s->count++;
    }
    if (i >= s->count) /* past the end: the end token, which is never overwritten */
        return &s->ring[(s->count - 1) % WIN];
    if (i + WIN < s->count)
        return &lost_tok;
    return &s->ring[i % WIN];
}

/* The token k places before i, or the start of the text. */
static const tok *before(stream *s, size_t i, size_t k)
{
    return i >= k ? at(s, i - k) : &start_tok;
}

/* The first bytes are compared here: most words differ there, and a text of words that are
 * not about time is otherwise a call of strcmp() per word per pattern. */
static bool is_word(const tok *t, const char *w)
{
    return t->type == T_WORD && !t->long_word && t->w[0] == w[0] && strcmp(t->w, w) == 0;
}

static bool word_in(const tok *t, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (is_word(t, list[i]))
            return true;
    return false;
}

#define WORD_IN(t, list) word_in((t), (list), sizeof(list) / sizeof *(list))

static bool is_punct(const tok *t, uint32_t cp)
{
    return t->type == T_PUNCT && t->cp == cp;
}

/* A number of at most `max_digits` digits. */
static bool is_small(const tok *t, unsigned max_digits)
{
    return t->type == T_NUM && t->digits <= max_digits;
}

/* Punctuation that joins digit runs into one thing: 2024-03-31, 27001:2022, 1.5, 2024/123. */
static bool is_glue(const tok *t)
{
    return t->type == T_PUNCT && (t->cp == '-' || t->cp == '/' || t->cp == '.' || t->cp == ':');
}

/* The number at i continues a run of numbers: "123-2024", "27001:2022". */
static bool glued_before(stream *s, size_t i)
{
    const tok *t = at(s, i), *p = before(s, i, 1), *pp = before(s, i, 2);
    return !t->space && is_glue(p) && !p->space && pp->type == T_NUM;
}

/* More numbers are joined to the number at i: "2024-1234". */
static bool glued_after(stream *s, size_t i)
{
    const tok *a = at(s, i + 1), *b = at(s, i + 2);
    return is_glue(a) && !a->space && b->type == T_NUM && !b->space;
}

/* The index after a run of glued numbers that starts at i. */
static size_t chain_end(stream *s, size_t i)
{
    while (glued_after(s, i))
        i += 2;
    return i + 1;
}

/* ---- patterns ------------------------------------------------------------------------ */

typedef enum outcome { NO_MATCH, CONSUMED, READ } outcome;

/* What a pattern read. */
typedef struct reading {
    isms_period_kind kind;
    int n;          /* the month (MONTH, DAY) or the quarter, tertial or half (1-based) */
    int day;        /* DAY */
    int year;       /* the year the pattern names itself, or 0 */
    bool next_year; /* "nästa år": the reference year + 1 */
    size_t end;     /* the token after the pattern */
} reading;

static outcome got(reading *r, isms_period_kind kind, int n, int year, size_t end)
{
    r->kind = kind;
    r->n = n;
    r->year = year;
    r->end = end;
    return READ;
}

static outcome consumed(reading *r, size_t end)
{
    r->end = end;
    return CONSUMED;
}

/* A quarter, tertial or half by number: out of range, it is consumed ("Q5 2024", "fjärde
 * tertialet") rather than left for its year to be read as the whole year. */
static outcome numbered(reading *r, isms_period_kind kind, int n, int year, size_t end)
{
    int count = count_in_year(kind);
    if (n == LAST)
        n = count;
    if (n < 1 || n > count)
        return consumed(r, end);
    return got(r, kind, n, year, end);
}

/* A four-digit year up to `max` at i that is not followed by more digits, or a range of years
 * ("2023-2024", "2024/25"), which reads as its first year. Returns the index after it, or 0. */
static size_t year_at(stream *s, size_t i, int max, int *year)
{
    const tok *t = at(s, i);
    if (t->type != T_NUM || t->digits != 4 || t->num < 1900 || t->num > max)
        return 0;
    int y = t->num;
    if (!glued_after(s, i)) {
        *year = y;
        return i + 1;
    }
    const tok *sep = at(s, i + 1), *u = at(s, i + 2);
    bool range = (sep->cp == '-' || sep->cp == '/') &&
                 ((u->digits == 4 && u->num > y) || (u->digits == 2 && u->num == (y + 1) % 100));
    if (!range || glued_after(s, i + 2))
        return 0;
    *year = y;
    return i + 3;
}

/* A year after a period word at i: "Q1 2024", "Q1-2024", "mars, 2024", "first half of 2024",
 * "Q1/2024" and, with `short_ok` and no white space at all, two digits: "HT24", "VT-24",
 * "mar-24", "Q1'24" (20yy). Returns the index after it, or i when there is none; *tight tells
 * that the year touches what comes before it. */
static size_t year_suffix(stream *s, size_t i, int *year, bool *tight, bool short_ok)
{
    size_t k = i;
    const tok *t = at(s, k);
    bool touching = !t->space;
    if (t->type == T_PUNCT &&
        (t->cp == ',' || t->cp == '-' || t->cp == '/' || t->cp == '\'')) {
        touching = touching && t->cp != ',';
        t = at(s, ++k);
        touching = touching && !t->space;
    } else if (is_word(t, "of") || is_word(t, "av")) {
        touching = false;
        t = at(s, ++k);
    }
    size_t e = year_at(s, k, 9999, year);
    if (e) {
        if (tight)
            *tight = touching;
        return e;
    }
    if (short_ok && touching && t->type == T_NUM && t->digits == 2 && !glued_after(s, k)) {
        *year = 2000 + t->num;
        if (tight)
            *tight = true;
        return k + 1;
    }
    return i;
}

/* An ordinal at i: "första", "andra", "tredje", "fjärde", "sista", "first" … "fourth", or a
 * number up to 31 with a suffix: "1:a", "2a", "3:e", "4e", "1st", "2nd", "3rd", "31th".
 * Returns the index after it and its value, or 0. */
static size_t ordinal_at(stream *s, size_t i, int *n)
{
    static const char *const words[] = { "första", "andra", "tredje", "fjärde",
                                         "first", "second", "third", "fourth" };
    static const char *const suffixes[] = { "a", "e", "st", "nd", "rd", "th" };
    const tok *t = at(s, i);
    if (t->type == T_WORD) {
        for (size_t k = 0; k < sizeof words / sizeof *words; k++)
            if (is_word(t, words[k])) {
                *n = (int)(k % 4) + 1;
                return i + 1;
            }
        if (is_word(t, "sista")) {
            *n = LAST;
            return i + 1;
        }
        return 0;
    }
    if (!is_small(t, 2) || t->num < 1 || t->num > 31)
        return 0;
    const tok *a = at(s, i + 1);
    if (a->space)
        return 0;
    if (is_punct(a, ':')) {
        const tok *b = at(s, i + 2);
        if (!b->space && (is_word(b, "a") || is_word(b, "e"))) {
            *n = t->num;
            return i + 3;
        }
        return 0;
    }
    if (WORD_IN(a, suffixes)) {
        *n = t->num;
        return i + 2;
    }
    return 0;
}

enum { ABBR = 1, NEEDS_COMPANY = 2, CHRISTMAS = 4 };

/* The month a word names (1–12), or 0; *flags: ABBR (may take a dot), NEEDS_COMPANY (also a
 * common word: "jan", "may"), CHRISTMAS ("jul"). */
static int month_at(const tok *t, int *flags)
{
    static const struct {
        const char *word;
        unsigned char month;
        unsigned char flags;
    } months[] = {
        { "januari", 1, 0 },   { "january", 1, 0 },   { "jan", 1, ABBR | NEEDS_COMPANY },
        { "februari", 2, 0 },  { "february", 2, 0 },  { "feb", 2, ABBR },
        { "mars", 3, 0 },      { "march", 3, 0 },     { "mar", 3, ABBR },
        { "april", 4, 0 },     { "apr", 4, ABBR },
        { "maj", 5, 0 },       { "may", 5, NEEDS_COMPANY },
        { "juni", 6, 0 },      { "june", 6, 0 },      { "jun", 6, ABBR },
        { "juli", 7, 0 },      { "july", 7, 0 },      { "jul", 7, ABBR | CHRISTMAS },
        { "augusti", 8, 0 },   { "august", 8, 0 },    { "aug", 8, ABBR },
        { "september", 9, 0 }, { "sept", 9, ABBR },   { "sep", 9, ABBR },
        { "oktober", 10, 0 },  { "october", 10, 0 },  { "okt", 10, ABBR }, { "oct", 10, ABBR },
        { "november", 11, 0 }, { "nov", 11, ABBR },
        { "december", 12, 0 }, { "dec", 12, ABBR },
    };
    if (t->type != T_WORD)
        return 0;
    for (size_t k = 0; k < sizeof months / sizeof *months; k++)
        if (is_word(t, months[k].word)) {
            *flags = months[k].flags;
            return months[k].month;
        }
    return 0;
}

/* A word that makes the number before it a length of time: "maj 2 veckor" is May. */
static bool is_unit(const tok *t)
{
    static const char *const units[] = {
        "dag", "dagar", "dagen", "vecka", "veckor", "veckan", "månad", "månader", "år",
        "timme", "timmar", "day", "days", "week", "weeks", "month", "months", "year", "years",
        "hour", "hours",
    };
    return WORD_IN(t, units);
}

/* A dot right after an abbreviation: "feb.", "kv.". */
static size_t skip_dot(stream *s, size_t k)
{
    const tok *t = at(s, k);
    return is_punct(t, '.') && !t->space ? k + 1 : k;
}

/* "i år", "under året", "innevarande år", "this year", "nästa år", "next year", "årsskiftet
 * [2024/2025]", "year end [2024]". */
static outcome relative_year(stream *s, size_t i, reading *r)
{
    static const char *const during[] = { "under", "hela", "inom" };
    static const char *const next[] = { "nästa", "nästkommande", "next" };
    static const char *const turn[] = { "årsskiftet", "årsskifte", "yearend" };
    const tok *t = at(s, i);
    if (t->type != T_WORD)
        return NO_MATCH;
    const tok *u = at(s, i + 1);
    if ((is_word(t, "i") && is_word(u, "år")) || (WORD_IN(t, during) && is_word(u, "året")) ||
        (is_word(t, "innevarande") && (is_word(u, "år") || is_word(u, "året"))) ||
        ((is_word(t, "this") || is_word(t, "current")) && is_word(u, "year")))
        return got(r, ISMS_PERIOD_YEAR, 0, 0, i + 2);
    if (WORD_IN(t, next) && (is_word(u, "år") || is_word(u, "year"))) {
        r->next_year = true;
        return got(r, ISMS_PERIOD_YEAR, 0, 0, i + 2);
    }
    size_t k = 0;
    if (WORD_IN(t, turn))
        k = i + 1;
    else if (is_word(t, "year") && is_word(u, "end"))
        k = i + 2;
    else if (is_word(t, "year") && is_punct(u, '-') && is_word(at(s, i + 2), "end"))
        k = i + 3;
    if (!k)
        return NO_MATCH;
    int year = 0;
    k = year_suffix(s, k, &year, NULL, false);
    return got(r, ISMS_PERIOD_YEAR, 0, year, k);
}

/* Weeks have no kind: "vecka 12", "v. 12", "v12", "week 12 2024", "v. 12-14" are consumed,
 * with their year. */
static outcome week(stream *s, size_t i, reading *r)
{
    static const char *const words[] = { "vecka", "veckan", "v", "w", "week", "wk" };
    if (!WORD_IN(at(s, i), words))
        return NO_MATCH;
    size_t k = i + 1;
    if (is_punct(at(s, k), '.'))
        k++;
    const tok *d = at(s, k);
    if (!is_small(d, 2) || d->num < 1 || d->num > 53)
        return NO_MATCH;
    k++;
    if (is_punct(at(s, k), '-') && is_small(at(s, k + 1), 2))
        k += 2;
    int year = 0;
    return consumed(r, year_suffix(s, k, &year, NULL, false));
}

/* Seasons that are no period kind: consumed with their year ("sommaren 2024"). */
static outcome not_a_period(stream *s, size_t i, reading *r)
{
    static const char *const words[] = { "sommar", "sommaren", "summer", "vinter", "vintern",
                                         "winter", "midsommar", "julen" };
    if (!WORD_IN(at(s, i), words))
        return NO_MATCH;
    int year = 0;
    return consumed(r, year_suffix(s, i + 1, &year, NULL, true));
}

/* "Q1", "T2", "H1", with a year: "Q1 2024", "Q1-2024", "Q1'24". Not "H2O". */
static outcome letter_number(stream *s, size_t i, reading *r)
{
    const tok *t = at(s, i);
    isms_period_kind kind = is_word(t, "q")   ? ISMS_PERIOD_QUARTER
                            : is_word(t, "t") ? ISMS_PERIOD_TERTIAL
                            : is_word(t, "h") ? ISMS_PERIOD_HALF
                                              : ISMS_PERIOD_NONE;
    if (kind == ISMS_PERIOD_NONE)
        return NO_MATCH;
    const tok *d = at(s, i + 1);
    if (!is_small(d, 2) || d->space)
        return NO_MATCH;
    int n = d->num;
    const tok *after = at(s, i + 2);
    if (after->type == T_WORD && !after->space)
        return NO_MATCH;
    int year = 0;
    size_t e = year_suffix(s, i + 2, &year, NULL, true);
    return numbered(r, kind, n, year, e);
}

/* "1H 2024", "2Q 2024": the year is required ("2h" alone is two hours). */
static outcome number_letter(stream *s, size_t i, reading *r)
{
    const tok *d = at(s, i), *l = at(s, i + 1);
    if (!is_small(d, 1) || l->space || glued_before(s, i))
        return NO_MATCH;
    isms_period_kind kind = is_word(l, "h")   ? ISMS_PERIOD_HALF
                            : is_word(l, "q") ? ISMS_PERIOD_QUARTER
                                              : ISMS_PERIOD_NONE;
    if (kind == ISMS_PERIOD_NONE)
        return NO_MATCH;
    int n = d->num, year = 0;
    size_t e = year_suffix(s, i + 2, &year, NULL, false);
    if (e == i + 2)
        return NO_MATCH;
    return numbered(r, kind, n, year, e);
}

typedef struct noun {
    const char *word;
    isms_period_kind kind;
    bool numbered; /* "kvartal 1" */
    bool ordinal;  /* "första kvartalet" */
} noun;

static const noun *noun_at(const tok *t)
{
    static const noun nouns[] = {
        { "kvartal", ISMS_PERIOD_QUARTER, true, true },
        { "kvartalet", ISMS_PERIOD_QUARTER, false, true },
        { "kv", ISMS_PERIOD_QUARTER, true, false },
        { "quarter", ISMS_PERIOD_QUARTER, true, true },
        { "tertial", ISMS_PERIOD_TERTIAL, true, true },
        { "tertialet", ISMS_PERIOD_TERTIAL, false, true },
        { "halvår", ISMS_PERIOD_HALF, true, true },
        { "halvåret", ISMS_PERIOD_HALF, false, true },
        { "halvan", ISMS_PERIOD_HALF, false, true },
        { "half", ISMS_PERIOD_HALF, false, true },
    };
    for (size_t k = 0; k < sizeof nouns / sizeof *nouns; k++)
        if (is_word(t, nouns[k].word))
            return &nouns[k];
    return NULL;
}

/* "kvartal 1", "kv. 1", "kv1", "quarter 2", "tertial 2 2024", "halvår 1". A year in place of
 * the number ("kvartal 2024") is no quarter; "tertialrapport" is no tertial. */
static outcome noun_number(stream *s, size_t i, reading *r)
{
    const noun *nn = noun_at(at(s, i));
    if (!nn || !nn->numbered)
        return NO_MATCH;
    size_t k = skip_dot(s, i + 1);
    const tok *d = at(s, k), *after = at(s, k + 1);
    if (!is_small(d, 2) || (after->type == T_WORD && !after->space))
        return NO_MATCH;
    int n = d->num, year = 0;
    size_t e = year_suffix(s, k + 1, &year, NULL, true);
    return numbered(r, nn->kind, n, year, e);
}

/* "första kvartalet", "1:a kvartalet 2024", "andra tertialet", "sista halvåret", "first
 * quarter of 2024", "second half". */
static outcome ordinal_noun(stream *s, size_t i, reading *r)
{
    int n;
    size_t k = ordinal_at(s, i, &n);
    if (!k)
        return NO_MATCH;
    const noun *nn = noun_at(at(s, k));
    if (!nn || !nn->ordinal)
        return NO_MATCH;
    int year = 0;
    size_t e = year_suffix(s, k + 1, &year, NULL, false);
    return numbered(r, nn->kind, n, year, e);
}

/* "31 mars 2024", "1:a april", "31. mars", "31st of March 2024", "den 2 maj". */
static outcome day_month(stream *s, size_t i, reading *r)
{
    const tok *d = at(s, i);
    if (!is_small(d, 2) || glued_before(s, i))
        return NO_MATCH;
    int day = d->num, n, flags = 0;
    size_t k = ordinal_at(s, i, &n);
    if (!k)
        k = skip_dot(s, i + 1);
    if (is_word(at(s, k), "of"))
        k++;
    int month = month_at(at(s, k), &flags);
    if (!month)
        return NO_MATCH;
    k++;
    if (flags & ABBR)
        k = skip_dot(s, k);
    int year = 0;
    k = year_suffix(s, k, &year, NULL, true);
    if (day < 1 || day > 31)
        return consumed(r, k);
    r->day = day;
    return got(r, ISMS_PERIOD_DAY, month, year, k);
}

/* "februari", "feb. 2024", "Feb-2024", "mar-24", and the English order "March 31, 2024",
 * "March 31st". */
static outcome month_name(stream *s, size_t i, reading *r)
{
    int flags = 0;
    int month = month_at(at(s, i), &flags);
    if (!month)
        return NO_MATCH;
    size_t k = i + 1;
    bool dot = false;
    if (flags & ABBR) {
        size_t after_dot = skip_dot(s, k);
        dot = after_dot != k;
        k = after_dot;
    }
    int year = 0, n;
    const tok *d = at(s, k);
    if (is_small(d, 2) && d->num >= 1 && d->num <= 31 && !glued_after(s, k)) {
        size_t e = ordinal_at(s, k, &n);
        if (!e)
            e = k + 1;
        if (!is_unit(at(s, e))) {
            r->day = d->num;
            e = year_suffix(s, e, &year, NULL, true);
            return got(r, ISMS_PERIOD_DAY, month, year, e);
        }
    }
    bool tight = false;
    size_t e = year_suffix(s, k, &year, &tight, true);
    if ((flags & NEEDS_COMPANY) && !dot && e == k)
        return NO_MATCH;
    if ((flags & CHRISTMAS) && !dot && !(e != k && tight))
        return e == k ? NO_MATCH : consumed(r, e);
    return got(r, ISMS_PERIOD_MONTH, month, e == k ? 0 : year, e);
}

/* Half years by season or school term: "våren 2024", "vt 2024", "VT24", "hösten", "ht",
 * "spring 2024", "autumn"; "vår" (also: our) and "fall" (also: case) need their year. */
static outcome season(stream *s, size_t i, reading *r)
{
    static const struct {
        const char *word;
        unsigned char half;
        bool needs_year;
    } seasons[] = {
        { "våren", 1, false },   { "vårterminen", 1, false },  { "vårtermin", 1, false },
        { "vt", 1, false },      { "spring", 1, false },       { "vår", 1, true },
        { "hösten", 2, false },  { "höstterminen", 2, false }, { "hösttermin", 2, false },
        { "ht", 2, false },      { "autumn", 2, false },       { "höst", 2, false },
        { "fall", 2, true },
    };
    const tok *t = at(s, i);
    if (t->type != T_WORD)
        return NO_MATCH;
    for (size_t k = 0; k < sizeof seasons / sizeof *seasons; k++) {
        if (!is_word(t, seasons[k].word))
            continue;
        int year = 0;
        size_t e = year_suffix(s, i + 1, &year, NULL, true);
        if (seasons[k].needs_year && e == i + 1)
            return NO_MATCH;
        return got(r, ISMS_PERIOD_HALF, seasons[k].half, e == i + 1 ? 0 : year, e);
    }
    return NO_MATCH;
}

/* Day and month in numbers, Swedish order: "31/3", "31/3 2024", "31/3-2024", "31/3-24",
 * "31/3/2024", "31.3.2024". Not "1.5" (a number) and not "24/7". */
static outcome day_slash_month(stream *s, size_t i, reading *r)
{
    const tok *d = at(s, i), *sep = at(s, i + 1), *m = at(s, i + 2);
    if (!is_small(d, 2) || glued_before(s, i))
        return NO_MATCH;
    if (!(is_punct(sep, '/') || is_punct(sep, '.')) || sep->space || !is_small(m, 2) ||
        m->space)
        return NO_MATCH;
    uint32_t c = sep->cp;
    int day = d->num, month = m->num, year = 0;
    size_t k = i + 3;
    const tok *s2 = at(s, k), *y = at(s, k + 1);
    if (is_punct(s2, c) && !s2->space && y->type == T_NUM && !y->space) {
        if (glued_after(s, k + 1) || (y->digits != 4 && y->digits != 2) ||
            (y->digits == 4 && y->num < 1900))
            return consumed(r, chain_end(s, i));
        year = y->digits == 4 ? y->num : 2000 + y->num;
        k += 2;
    } else if (c == '.') {
        return NO_MATCH;
    } else {
        size_t e = year_suffix(s, k, &year, NULL, true);
        if (e == k && glued_after(s, i + 2))
            return consumed(r, chain_end(s, i));
        k = e;
    }
    if (day == 24 && month == 7 && !year)
        return NO_MATCH;
    if (day < 1 || day > 31 || month < 1 || month > 12)
        return consumed(r, k);
    r->day = day;
    return got(r, ISMS_PERIOD_DAY, month, year, k);
}

/* Numbers joined to a four-digit year: "2024-03-31" (also with / or .), "2024-02" (also /),
 * year ranges. Anything else ("2024-1234", a case number) is consumed unread. */
static outcome year_chain(stream *s, size_t i, reading *r)
{
    const tok *y = at(s, i), *s1 = at(s, i + 1), *m = at(s, i + 2);
    const tok *s2 = at(s, i + 3), *d = at(s, i + 4);
    uint32_t sep = s1->cp;
    int year = y->num, month = m->num;
    if (m->digits <= 2) {
        if (is_punct(s2, sep) && !s2->space && d->type == T_NUM && !d->space) {
            const tok *s3 = at(s, i + 5), *more = at(s, i + 6);
            if (d->digits > 2 || year < 1900 ||
                (is_punct(s3, sep) && !s3->space && more->type == T_NUM && !more->space))
                return consumed(r, chain_end(s, i));
            r->day = d->num;
            return got(r, ISMS_PERIOD_DAY, month, year, i + 5);
        }
        if (sep != '.' && sep != ':' && !glued_after(s, i + 2) && month >= 1 && month <= 12 &&
            year >= 1900)
            return got(r, ISMS_PERIOD_MONTH, month, year, i + 3);
    }
    size_t e = sep == '.' || sep == ':' ? 0 : year_at(s, i, BARE_YEAR_MAX, &year);
    if (e)
        return got(r, ISMS_PERIOD_YEAR, 0, year, e);
    return consumed(r, chain_end(s, i));
}

static outcome core(stream *s, size_t i, reading *r, bool linked);

/* A year standing alone: "2024", "under 2024", "2023–2024"; not a decade ("2020-talet",
 * "2020s"). A period right after it takes it as its year: "2024 Q1", "2024Q1", "2024-H2",
 * "2024 mars", "2024 års första kvartal". */
static outcome year_form(stream *s, size_t i, reading *r)
{
    const tok *t = at(s, i);
    if (t->type != T_NUM || t->digits != 4 || glued_before(s, i))
        return NO_MATCH;
    if (glued_after(s, i) && !is_punct(at(s, i + 1), ':'))
        return year_chain(s, i, r);
    bool alone = before(s, i, 1)->type == T_START && at(s, i + 1)->type == T_END;
    int year;
    size_t e = year_at(s, i, alone ? 9999 : BARE_YEAR_MAX, &year);
    if (!e)
        return NO_MATCH;
    const tok *a = at(s, i + 1), *b = at(s, i + 2);
    if (e == i + 1 && !a->space &&
        (is_word(a, "s") ||
         (is_punct(a, '-') && !b->space && (is_word(b, "talet") || is_word(b, "tal")))))
        return consumed(r, is_word(a, "s") ? i + 2 : i + 3); /* a decade: "2020-talet" */
    size_t k = e;
    if (is_word(at(s, k), "års"))
        k++;
    if (is_punct(at(s, k), '-') || is_punct(at(s, k), '/'))
        k++;
    reading inner;
    outcome o = core(s, k, &inner, true);
    if (o == CONSUMED)
        return consumed(r, inner.end);
    if (o == READ && inner.year == 0 && !inner.next_year) {
        *r = inner;
        r->year = year;
        return READ;
    }
    return got(r, ISMS_PERIOD_YEAR, 0, year, e);
}

/* Every pattern except the modifiers, at token i. `linked`: right after a year ("2024 Q1"),
 * where only periods without a year of their own can follow. */
static outcome core(stream *s, size_t i, reading *r, bool linked)
{
    static outcome (*const forms[])(stream *, size_t, reading *) = {
        relative_year, week,        not_a_period, letter_number,   noun_number, ordinal_noun,
        day_month,     month_name,  season,       day_slash_month, number_letter, year_form,
    };
    for (size_t k = 0; k < sizeof forms / sizeof *forms; k++) {
        if (linked && (forms[k] == relative_year || forms[k] == year_form))
            continue;
        memset(r, 0, sizeof *r);
        outcome o = forms[k](s, i, r);
        if (o != NO_MATCH)
            return o;
    }
    return NO_MATCH;
}

/* "början av 2024" (Q1), "i början av mars", "beginning of", "start of", "early 2024";
 * "slutet av 2024", "end of Q3", "utgången av", "slutet av året", "end of the year". */
static outcome modified(stream *s, size_t i, reading *r)
{
    enum { BEGIN = 1, END = 2 };
    const tok *t = at(s, i);
    if (t->type != T_WORD)
        return NO_MATCH;
    const tok *u = at(s, i + 1);
    bool sv_of = is_word(u, "av") || is_word(u, "på");
    int mod = 0;
    if ((is_word(t, "början") && sv_of) ||
        ((is_word(t, "beginning") || is_word(t, "start")) && is_word(u, "of")) ||
        is_word(t, "early"))
        mod = BEGIN;
    else if (((is_word(t, "slutet") || is_word(t, "utgången")) && sv_of) ||
             (is_word(t, "end") && is_word(u, "of")))
        mod = END;
    if (!mod)
        return NO_MATCH;
    size_t k = is_word(t, "early") ? i + 1 : i + 2;
    if (is_word(at(s, k), "the"))
        k++;
    const tok *v = at(s, k);
    memset(r, 0, sizeof *r);
    if (is_word(v, "året") || is_word(v, "year")) {
        int year = 0;
        size_t e = year_suffix(s, k + 1, &year, NULL, false);
        if (e == k + 1)
            year = 0;
        return mod == BEGIN ? got(r, ISMS_PERIOD_QUARTER, 1, year, e)
                            : got(r, ISMS_PERIOD_YEAR, 0, year, e);
    }
    outcome o = core(s, k, r, false);
    if (o == READ && mod == BEGIN && r->kind == ISMS_PERIOD_YEAR) {
        r->kind = ISMS_PERIOD_QUARTER;
        r->n = 1;
    }
    return o;
}

/* The years standing alone in a text, found once per parse: when many readings fail (a
 * text full of "31 april"), each must not scan the whole text again. */
enum { YEARS_KEPT = 4 };

typedef struct years {
    bool scanned;
    bool more;     /* there are more than YEARS_KEPT */
    size_t n;      /* how many were kept */
    int year[YEARS_KEPT];
    size_t off[YEARS_KEPT];
} years;

/* With y: keeps the first YEARS_KEPT years standing alone in the text in y and returns 0.
 * Without: returns the first such year outside [from, to) bytes, or 0. */
static int scan_years(const char *text, size_t from, size_t to, years *y)
{
    stream s;
    stream_init(&s, text);
    for (size_t i = 0; at(&s, i)->type != T_END; i++) {
        const tok *t = at(&s, i);
        int year;
        if (t->type != T_NUM || glued_before(&s, i) || !year_at(&s, i, BARE_YEAR_MAX, &year))
            continue;
        if (!y) {
            if (t->off < from || t->off >= to)
                return year;
            continue;
        }
        if (y->n == YEARS_KEPT) {
            y->more = true;
            return 0;
        }
        y->year[y->n] = year;
        y->off[y->n++] = t->off;
    }
    return 0;
}

/* The first year standing alone in the text outside [from, to) bytes, or 0. */
static int year_elsewhere(const char *text, years *y, size_t from, size_t to)
{
    if (!y->scanned) {
        scan_years(text, 0, 0, y);
        y->scanned = true;
    }
    for (size_t k = 0; k < y->n; k++)
        if (y->off[k] < from || y->off[k] >= to)
            return y->year[k];
    return y->more ? scan_years(text, from, to, NULL) : 0;
}

/* Turns a reading into the period, taking the year from the reading, elsewhere in the text
 * or the reference year. False when that gives no real period (31 april, 29 februari 2023,
 * "nästa år" after 9999). */
static bool settle(isms_period *p, const reading *r, const char *text, years *y, size_t off,
                   size_t len, int ref_year)
{
    int year = r->year;
    bool assumed = false;
    if (r->next_year) {
        year = ref_year + 1;
        assumed = true;
    } else if (!year) {
        year = year_elsewhere(text, y, off, off + len);
        if (!year) {
            year = ref_year;
            assumed = true;
        }
    }
    if (year > 9999)
        return false;
    isms_date start, end;
    span_of(r->kind, year, r->n, r->day, &start, &end);
    if (!isms_date_valid(start) || !isms_date_valid(end))
        return false;
    p->kind = r->kind;
    p->start = start;
    p->end = end;
    p->year_assumed = assumed;
    p->offset = off;
    p->length = len;
    return true;
}

int isms_period_parse(isms_period *out, const char *text, int ref_year)
{
    if (!out)
        return isms__error(ISMS_EINVAL, "isms_period_parse: NULL period");
    if (ref_year < 1900 || ref_year > 9999)
        return isms__error(ISMS_EINVAL,
                           "isms_period_parse: the reference year %d is outside 1900–9999",
                           ref_year);
    if (isms__text_check("period", text))
        return ISMS_EINVAL;
    if (!text)
        text = "";
    isms_period p = { ISMS_PERIOD_NONE, { 0, 0, 0 }, { 0, 0, 0 }, false, 0, 0 };
    years y = { false, false, 0, { 0 }, { 0 } };
    stream s;
    stream_init(&s, text);
    if (at(&s, 0)->type != T_END)
        p.kind = ISMS_PERIOD_UNPARSED;
    for (size_t i = 0; at(&s, i)->type != T_END;) {
        reading r;
        outcome o = modified(&s, i, &r);
        if (o == NO_MATCH)
            o = core(&s, i, &r, false);
        if (o == READ) {
            /* Patterns read a handful of tokens, so both ends are still in the ring. */
            size_t off = at(&s, i)->off;
            const tok *last = at(&s, r.end - 1);
            size_t len = last->off + last->len - off;
            if (settle(&p, &r, text, &y, off, len, ref_year))
                break;
            o = CONSUMED;
        }
        i = o == CONSUMED && r.end > i ? r.end : i + 1;
    }
    *out = p;
    return ISMS_OK;
}
