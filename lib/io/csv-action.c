/* CSV import and export of improvement actions (include/isms/csv.h), on the generic table
 * layer (csv-internal.h). The structure follows csv-risk.c and csv-asset.c.
 *
 * One row per action, columns found by their Swedish or English header. Targets and
 * prerequisites are lists in one cell: items separated by commas, semicolons, white space or
 * line breaks; double quotes keep such characters inside an item (`asset:"HR-system 2"`), and
 * a quote inside quotes is doubled. Export writes every field so that export → import gives
 * the same actions. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv-internal.h"
#include "plan/plan-internal.h"

#define NONE ISMS__CSV_NONE

/* Title rows above the header are searched this far. */
enum { HEADER_SEARCH_ROWS = 50, TEXT_MAX = 256, NUMBER_MAX = 400 };

/* ---- columns ------------------------------------------------------------------------------ */

enum field {
    F_ID,
    F_TITLE,
    F_DESC,
    F_OWNER,
    F_EFFORT,
    F_COST,
    F_DUE,
    F_STATUS,
    F_RECUR,
    F_TARGETS,
    F_PREREQS,
    F_EXP_RESIDUAL,
    F_EXP_STATUS,
    F_COUNT
};

/* Headers in any spelling: case, spaces, hyphens, diacritics and parenthesised hints do not
 * matter (see isms__csv_header_normalise()), so "Åtgärd-id" also covers "ÅTGÄRD-ID",
 * "Atgard id" and "Kostnad (kr)" is "Kostnad". */
static const isms__csv_alias action_aliases[] = {
    { "Åtgärd-id", F_ID },
    { "Åtgärdsnummer", F_ID },
    { "Åtgärdsnr", F_ID },
    { "Id", F_ID },
    { "Nr", F_ID },
    { "Nummer", F_ID },
    { "Action id", F_ID },
    { "Action no", F_ID },
    { "Action number", F_ID },

    { "Åtgärd", F_TITLE },
    { "Rubrik", F_TITLE },
    { "Titel", F_TITLE },
    { "Benämning", F_TITLE },
    { "Aktivitet", F_TITLE },
    { "Action", F_TITLE },
    { "Title", F_TITLE },
    { "Activity", F_TITLE },
    { "Action title", F_TITLE },

    { "Beskrivning", F_DESC },
    { "Åtgärdsbeskrivning", F_DESC },
    { "Description", F_DESC },
    { "Details", F_DESC },

    { "Ansvarig", F_OWNER },
    { "Ansvar", F_OWNER },
    { "Ägare", F_OWNER },
    { "Owner", F_OWNER },
    { "Responsible", F_OWNER },

    { "Insats", F_EFFORT },
    { "Omfattning", F_EFFORT },
    { "Arbetsinsats", F_EFFORT },
    { "Storlek", F_EFFORT },
    { "Persondagar", F_EFFORT },
    { "Effort", F_EFFORT },
    { "Size", F_EFFORT },
    { "Estimate", F_EFFORT },
    { "Person-days", F_EFFORT },

    { "Kostnad", F_COST },
    { "Budget", F_COST },
    { "Cost", F_COST },

    { "Klart senast", F_DUE },
    { "Datum", F_DUE },
    { "Klart", F_DUE },
    { "Klart till", F_DUE },
    { "Slutdatum", F_DUE },
    { "Tidplan", F_DUE },
    { "Due", F_DUE },
    { "Due date", F_DUE },
    { "Deadline", F_DUE },
    { "Target date", F_DUE },

    { "Status", F_STATUS },
    { "Åtgärdsstatus", F_STATUS },
    { "Action status", F_STATUS },

    { "Återkommande", F_RECUR },
    { "Intervall", F_RECUR },
    { "Frekvens", F_RECUR },
    { "Recurrence", F_RECUR },
    { "Recurring", F_RECUR },
    { "Frequency", F_RECUR },

    { "Mål", F_TARGETS },
    { "Adresserar", F_TARGETS },
    { "Avser", F_TARGETS },
    { "Targets", F_TARGETS },
    { "Addresses", F_TARGETS },

    { "Förutsättningar", F_PREREQS },
    { "Beroenden", F_PREREQS },
    { "Beroende av", F_PREREQS },
    { "Prerequisites", F_PREREQS },
    { "Depends on", F_PREREQS },
    { "Dependencies", F_PREREQS },

    { "Förväntad restrisk", F_EXP_RESIDUAL },
    { "Förväntad kvarstående risk", F_EXP_RESIDUAL },
    { "Expected residual", F_EXP_RESIDUAL },
    { "Expected residual risk", F_EXP_RESIDUAL },

    { "Förväntat nuläge", F_EXP_STATUS },
    { "Förväntad status", F_EXP_STATUS },
    { "Expected status", F_EXP_STATUS },
};
#define N_ALIASES (sizeof action_aliases / sizeof *action_aliases)

isms__csv_alias_table isms__csv_action_aliases(void)
{
    isms__csv_alias_table t = { action_aliases, N_ALIASES };
    return t;
}

/* The headers of the export, in column order: Swedish, English. */
static const char *const export_headers[2][F_COUNT] = {
    { "Åtgärd-id", "Åtgärd", "Beskrivning", "Ansvarig", "Insats", "Kostnad", "Klart senast",
      "Status", "Återkommande", "Mål", "Förutsättningar", "Förväntad restrisk",
      "Förväntat nuläge" },
    { "Action id", "Action", "Description", "Owner", "Effort", "Cost", "Due", "Status",
      "Recurrence", "Targets", "Prerequisites", "Expected residual", "Expected status" },
};

/* ---- the importer ------------------------------------------------------------------------- */

typedef struct importer {
    isms__csv_import in; /* the source, the table and the notes */
    isms_plan *plan;
    const isms__csv_record *header;
    size_t col[F_COUNT]; /* column index per field, or NONE */
    unsigned *lines;     /* line of each action, by its index in the plan */
    size_t lines_cap;
    isms__buf item;      /* the list item being read */
} importer;

#define NOTE(imp, ...) ISMS__CSV_NOTE(&(imp)->in, __VA_ARGS__)

/* The error for a cell: "line 14, column 5 (\"Insats\"): <what follows>". */
static int cell_error(const importer *imp, unsigned line, size_t col, int code,
                      const char *fmt, ...) ISMS__PRINTF(5, 6);

static int cell_error(const importer *imp, unsigned line, size_t col, int code,
                      const char *fmt, ...)
{
    char what[900], name[80];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    isms__csv_header_display(name, sizeof name, isms__csv_cell(imp->header, col));
    return isms__error_at(code, imp->in.source, line, (unsigned)(col + 1),
                          "line %u, column %zu (\"%s\"): %s", line, col + 1, name, what);
}

/* The error for a cell whose value a parser refused: its message, after the position. */
static int value_error(const importer *imp, unsigned line, size_t col, int code)
{
    char why[700];
    snprintf(why, sizeof why, "%s", isms_error_last()->message);
    return cell_error(imp, line, col, code, "%s", why);
}

/* A cell for a message: trimmed, cut to ISMS__CSV_SHOW_MAX bytes ("…" marks the cut). */
#define SHOW(v) isms__csv_show_len_n((v).s, (v).n), (v).s, isms__csv_show_more_n((v).n)

/* ---- the header --------------------------------------------------------------------------- */

static int map_columns(importer *imp, size_t hrow)
{
    imp->header = &imp->in.table.records[hrow];
    return isms__csv_map_header(&imp->in, hrow, action_aliases, N_ALIASES, imp->col, F_COUNT);
}

/* ---- values ------------------------------------------------------------------------------- */

/* Bytes of the white space that may group the digits of a number: space, NBSP, narrow NBSP,
 * thin space. 0 when `p` does not start with one. */
static size_t group_space(const char *p, const char *end)
{
    if (p < end && *p == ' ')
        return 1;
    if (end - p >= 2 && (unsigned char)p[0] == 0xC2 && (unsigned char)p[1] == 0xA0)
        return 2;
    if (end - p >= 3 && (unsigned char)p[0] == 0xE2 && (unsigned char)p[1] == 0x80 &&
        ((unsigned char)p[2] == 0xAF || (unsigned char)p[2] == 0x89))
        return 3;
    return 0;
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* A currency suffix after a cost: "kr", "kr.", "kronor", "SEK", ":-" (any case). */
static bool currency_suffix(const char *p, const char *end)
{
    static const char *const suffixes[] = { "kr", "kr.", "kronor", "sek", ":-" };
    size_t n = (size_t)(end - p);
    for (size_t i = 0; i < sizeof suffixes / sizeof *suffixes; i++) {
        size_t m = strlen(suffixes[i]);
        if (n != m)
            continue;
        size_t k = 0;
        while (k < m && (p[k] | 0x20) == (suffixes[i][k] | 0x20))
            k++;
        if (k == m)
            return true;
    }
    return false;
}

/*
 * Reads a cost: digits, grouped by spaces if you like ("12 500"), an optional decimal comma
 * or point and decimals, an optional exponent ("1,5E+06", as spreadsheets write large
 * numbers), then optionally a currency ("kr", "SEK", ":-"). The number is converted with
 * strtod(), with the decimal point that the C library's locale uses ('.' or ',').
 */
static bool parse_cost(double *out, isms__csv_view v)
{
    char buf[NUMBER_MAX];
    size_t n = 0;
    const char *p = v.s, *end = v.s + v.n;
    char *point = NULL; /* the decimal point in buf */
    bool digits = false;
    while (p < end && n + 1 < sizeof buf) {
        size_t g;
        if (is_digit(*p)) {
            buf[n++] = *p++;
            digits = true;
        } else if (digits && (g = group_space(p, end)) && p + g < end && is_digit(p[g])) {
            p += g; /* a space between digits groups them */
        } else {
            break;
        }
    }
    if (!digits)
        return false;
    if (p < end && (*p == ',' || *p == '.') && p + 1 < end && is_digit(p[1])) {
        p++;
        point = buf + n;
        buf[n++] = '.';
        while (p < end && is_digit(*p) && n + 1 < sizeof buf)
            buf[n++] = *p++;
    }
    if (p < end && (*p == 'e' || *p == 'E')) {
        const char *q = p + 1;
        if (q < end && (*q == '+' || *q == '-'))
            q++;
        if (q < end && is_digit(*q) && n + 8 < sizeof buf) {
            buf[n++] = 'e';
            if (*(p + 1) == '-')
                buf[n++] = '-';
            p = q;
            size_t exp_digits = 0;
            while (p < end && is_digit(*p)) {
                if (exp_digits < 5)
                    buf[n++] = *p;
                exp_digits++;
                p++;
            }
            if (exp_digits > 5)
                return false;
        }
    }
    if (n + 1 >= sizeof buf)
        return false; /* too many digits */
    buf[n] = '\0';
    isms__csv_view rest = isms__csv_trimmed(p, (size_t)(end - p));
    if (rest.n && !currency_suffix(rest.s, rest.s + rest.n))
        return false;
    char *stop = NULL;
    double d = strtod(buf, &stop);
    if (*stop && stop == point) { /* a locale that writes decimal commas */
        *point = ',';
        d = strtod(buf, &stop);
    }
    if (*stop || !isfinite(d))
        return false;
    *out = d;
    return true;
}

/* A number as the language writes it (a decimal comma in Swedish), with the fewest decimals
 * that `back` reads as the same value: "20", "2,5", "1250.75". When no number of decimals
 * up to 17 gives the value back (a tiny one), it is written with an exponent when `exponent`
 * allows, else with 17 decimals (the nearest the reader gets). */
static void format_number(char *buf, size_t size, double v, bool sv, bool exponent,
                          bool (*back)(const char *text, double v))
{
    bool found = false;
    for (int k = 0; k <= 17 && !found; k++) {
        snprintf(buf, size, "%.*f", k, v);
        found = back(buf, v);
    }
    if (!found && exponent)
        snprintf(buf, size, "%.17e", v);
    for (char *p = buf; *p; p++) /* whatever the locale wrote */
        if (*p == '.' || *p == ',')
            *p = sv ? ',' : '.';
}

static bool cost_reads_back(const char *text, double v)
{
    isms__csv_view view = { text, strlen(text) };
    double d;
    return parse_cost(&d, view) && d == v;
}

static bool effort_reads_back(const char *text, double v)
{
    double d;
    return isms_effort_parse(&d, NULL, text) == ISMS_OK && d == v;
}

/* Reads "L/C" (white space allowed around the numbers) into two levels. */
static bool parse_pair(int *l, int *c, isms__csv_view v)
{
    char buf[64];
    if (!isms__csv_view_copy(buf, sizeof buf, v))
        return false;
    char *slash = strchr(buf, '/');
    if (!slash)
        return false;
    *slash = '\0';
    return isms__parse_int(buf, l) && isms__parse_int(slash + 1, c);
}

/* ---- lists -------------------------------------------------------------------------------- */

/* Bytes of a list separator at p: comma, semicolon, white space, a line break or NBSP. */
static size_t list_sep(const char *p)
{
    if (*p == ',' || *p == ';' || *p == ' ' || *p == '\t' || *p == '\r' || *p == '\n' ||
        *p == '\v' || *p == '\f')
        return 1;
    if ((unsigned char)p[0] == 0xC2 && (unsigned char)p[1] == 0xA0)
        return 2;
    return 0;
}

/*
 * Reads the next item of a list cell at *p into imp->item (NUL-terminated). Double quotes
 * keep separators inside an item; "" inside quotes is a quote. With `join_prefix`, an
 * unquoted item that ends with ':' ("risk:") goes on past the spaces that follow it, so that
 * "risk: R1" is one item. Sets *got to false at the end of the cell.
 */
static int next_item(importer *imp, const char **p, bool join_prefix, bool *got)
{
    const char *s = *p;
    size_t k;
    while ((k = list_sep(s)) != 0)
        s += k;
    *got = false;
    if (!*s) {
        *p = s;
        return ISMS_OK;
    }
    isms__buf *b = &imp->item;
    b->len = 0;
    bool colon_last = false;
    for (;;) {
        if (*s == '"') {
            s++;
            while (*s && !(s[0] == '"' && s[1] != '"')) {
                if (s[0] == '"')
                    s++; /* the first of a doubled quote */
                isms__buf_append(b, s, 1);
                s++;
            }
            if (*s == '"')
                s++;
            colon_last = false;
            continue;
        }
        if (!*s || list_sep(s)) {
            if (join_prefix && colon_last) {
                const char *q = s;
                while (*q == ' ' || *q == '\t')
                    q++;
                if (*q && !list_sep(q)) {
                    s = q;
                    colon_last = false;
                    continue;
                }
            }
            break;
        }
        colon_last = *s == ':';
        isms__buf_append(b, s, 1);
        s++;
    }
    isms__buf_append(b, "", 0); /* the NUL, also after an empty item ("") */
    if (b->failed)
        return isms__error_nomem();
    *p = s;
    *got = true;
    return ISMS_OK;
}

/* Appends an item to a list being written: ", " between items, quotes around an id that
 * holds a separator, a quote or NBSP, or that is empty. */
static void put_item(isms__buf *b, const char *prefix, const char *id)
{
    if (b->len)
        isms__buf_puts(b, ", ");
    if (prefix) {
        isms__buf_puts(b, prefix);
        isms__buf_puts(b, ":");
    }
    bool quote = !*id || strchr(id, '"') != NULL;
    for (const char *s = id; *s && !quote; s++)
        quote = list_sep(s) != 0;
    if (!quote) {
        isms__buf_puts(b, id);
        return;
    }
    isms__buf_puts(b, "\"");
    for (const char *s = id;;) {
        const char *q = strchr(s, '"');
        if (!q) {
            isms__buf_puts(b, s);
            break;
        }
        isms__buf_append(b, s, (size_t)(q - s) + 1); /* up to and with the quote, */
        isms__buf_puts(b, "\"");                     /* which is doubled */
        s = q + 1;
    }
    isms__buf_puts(b, "\"");
}

/* ---- rows --------------------------------------------------------------------------------- */

/* True when a cell that the import reads is not blank. */
static bool row_has_cells(const importer *imp, const isms__csv_record *rec)
{
    for (size_t f = 0; f < F_COUNT; f++)
        if (imp->col[f] != NONE && !isms__text_blank(isms__csv_data_cell(rec, imp->col[f])))
            return true;
    return false;
}

static int add_action(isms_action **out, importer *imp, const isms__csv_record *rec,
                      const char *id, bool generated)
{
    isms_plan *plan = imp->plan;
    size_t count = isms_plan_count(plan);
    if (!isms__grow((void **)&imp->lines, &imp->lines_cap, count + 1, sizeof *imp->lines))
        return isms__error_nomem();
    const char *title = isms__csv_data_cell(rec, imp->col[F_TITLE]);
    int rc = isms_plan_add(out, plan, id, title);
    size_t col = imp->col[F_ID] != NONE ? imp->col[F_ID] : imp->col[F_TITLE];
    if (rc == ISMS_EEXIST) {
        const isms_action *old = isms_plan_find(plan, id);
        unsigned first = old ? imp->lines[old->idx] : 0;
        return cell_error(imp, rec->line, col, ISMS_EEXIST,
                          "the id \"%.*s%s\" is already used on line %u",
                          isms__csv_show_len(id), id, isms__csv_show_more(id), first);
    }
    if (rc == ISMS_EINVAL && !generated)
        return value_error(imp, rec->line, col, ISMS_EPARSE);
    if (rc != ISMS_OK)
        return rc;
    imp->lines[count] = rec->line;
    return ISMS_OK;
}

static int read_effort(isms_action *a, const importer *imp, const isms__csv_record *rec)
{
    size_t col = imp->col[F_EFFORT];
    const char *cell = isms__csv_data_cell(rec, col);
    if (isms__text_blank(cell))
        return ISMS_OK;
    double days;
    isms_effort_size size = ISMS_EFFORT_UNSIZED;
    int rc = isms_effort_parse(&days, &size, cell);
    if (rc == ISMS_ENOMEM)
        return rc;
    if (rc != ISMS_OK)
        return value_error(imp, rec->line, col, ISMS_EPARSE);
    return size != ISMS_EFFORT_UNSIZED ? isms_action_set_effort_size(a, size)
                                       : isms_action_set_effort(a, days);
}

static int read_cost(isms_action *a, const importer *imp, const isms__csv_record *rec)
{
    size_t col = imp->col[F_COST];
    isms__csv_view v = isms__csv_trimmed_cell(isms__csv_data_cell(rec, col));
    if (v.n == 0)
        return ISMS_OK;
    double cost;
    if (!parse_cost(&cost, v))
        return cell_error(imp, rec->line, col, ISMS_EPARSE,
                          "cost \"%.*s%s\" is not a number of at least 0 (such as 12 500, "
                          "1250,50, 800 kr or 2000 SEK)",
                          SHOW(v));
    return isms_action_set_cost(a, cost);
}

static int read_residual(isms_action *a, const importer *imp, const isms__csv_record *rec)
{
    size_t col = imp->col[F_EXP_RESIDUAL];
    isms__csv_view v = isms__csv_trimmed_cell(isms__csv_data_cell(rec, col));
    if (v.n == 0)
        return ISMS_OK;
    int l, c;
    if (!parse_pair(&l, &c, v))
        return cell_error(imp, rec->line, col, ISMS_EPARSE,
                          "expected residual risk \"%.*s%s\" is not likelihood/consequence "
                          "such as 2/3",
                          SHOW(v));
    int rc = isms_action_set_expected_residual(a, l, c);
    if (rc != ISMS_OK && rc != ISMS_ENOMEM)
        return value_error(imp, rec->line, col, ISMS_EPARSE);
    return rc;
}

static int read_expected_status(isms_action *a, const importer *imp,
                                const isms__csv_record *rec)
{
    size_t col = imp->col[F_EXP_STATUS];
    const char *cell = isms__csv_data_cell(rec, col);
    if (isms__text_blank(cell))
        return ISMS_OK;
    isms_status status;
    if (isms_status_parse(&status, cell) != ISMS_OK ||
        (status != ISMS_STATUS_YES && status != ISMS_STATUS_PARTIAL)) {
        isms__csv_view v = isms__csv_trimmed_cell(cell);
        return cell_error(imp, rec->line, col, ISMS_EPARSE,
                          "expected status \"%.*s%s\" is not one of Ja, Delvis (Yes, Partial) "
                          "or empty",
                          SHOW(v));
    }
    return isms_action_set_expected_status(a, status);
}

/* Adds one item of a list cell to the action; the error for a refused item names the line
 * and the column. */
typedef int (*add_item_fn)(isms_action *a, const importer *imp, unsigned line, size_t col,
                           const char *item);

static int add_target(isms_action *a, const importer *imp, unsigned line, size_t col,
                      const char *item)
{
    int rc = isms_action_add_target(a, ISMS_TARGET_ANY, item);
    if (rc == ISMS_EINVAL)
        return cell_error(imp, line, col, ISMS_EPARSE,
                          "the target \"%.*s%s\" names no risk, requirement or asset "
                          "(write risk:R1, req:6.1.2, asset:HR or an id)",
                          isms__csv_show_len(item), item, isms__csv_show_more(item));
    return rc;
}

static int add_prerequisite(isms_action *a, const importer *imp, unsigned line, size_t col,
                            const char *item)
{
    int rc = isms_action_add_prerequisite(a, item);
    if (rc == ISMS_ECYCLE || rc == ISMS_EINVAL)
        return value_error(imp, line, col, rc == ISMS_ECYCLE ? ISMS_ECYCLE : ISMS_EPARSE);
    return rc;
}

/* The items of the list in the column of field `f` (targets join a kind prefix to its id:
 * `join_prefix`), each given to `add`; blank items name nothing. */
static int read_list(isms_action *a, importer *imp, const isms__csv_record *rec, enum field f,
                     bool join_prefix, add_item_fn add)
{
    size_t col = imp->col[f];
    const char *p = isms__csv_data_cell(rec, col);
    for (;;) {
        bool got;
        int rc = next_item(imp, &p, join_prefix, &got);
        if (rc != ISMS_OK || !got)
            return rc;
        if (!isms__text_blank(imp->item.data) &&
            (rc = add(a, imp, rec->line, col, imp->item.data)) != ISMS_OK)
            return rc;
    }
}

/* A vocabulary cell (status, recurrence): parsed with `parse`, whose message lists what is
 * accepted. */
static int read_word(int *out, const importer *imp, const isms__csv_record *rec, size_t col,
                     int (*parse)(int *, const char *))
{
    const char *cell = isms__csv_data_cell(rec, col);
    if (isms__text_blank(cell))
        return ISMS_OK;
    int rc = parse(out, cell);
    if (rc != ISMS_OK && rc != ISMS_ENOMEM)
        return value_error(imp, rec->line, col, ISMS_EPARSE);
    return rc;
}

static int parse_status(int *out, const char *text)
{
    isms_action_status s;
    int rc = isms_action_status_parse(&s, text);
    if (rc == ISMS_OK)
        *out = (int)s;
    return rc;
}

static int parse_recurrence(int *out, const char *text)
{
    isms_recurrence r;
    int rc = isms_recurrence_parse(&r, text);
    if (rc == ISMS_OK)
        *out = (int)r;
    return rc;
}

static int read_row(importer *imp, const isms__csv_record *rec, const char *id, bool generated)
{
    isms_action *a = NULL;
    int rc = add_action(&a, imp, rec, id, generated);
    if (rc != ISMS_OK)
        return rc;
    const size_t *col = imp->col;
    static const struct {
        int f;
        isms_action_field field;
    } texts[] = {
        { F_DESC, ISMS_ACTION_DESCRIPTION },
        { F_OWNER, ISMS_ACTION_OWNER },
        { F_DUE, ISMS_ACTION_DUE },
    };
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
        const char *cell = isms__csv_data_cell(rec, col[texts[i].f]);
        if (*cell && (rc = isms_action_set(a, texts[i].field, cell)))
            return rc;
    }
    int status = ISMS_ACTION_PROPOSED, recurrence = ISMS_RECUR_NONE;
    if ((rc = read_word(&status, imp, rec, col[F_STATUS], parse_status)) ||
        (rc = isms_action_set_status(a, (isms_action_status)status)) ||
        (rc = read_word(&recurrence, imp, rec, col[F_RECUR], parse_recurrence)) ||
        (rc = isms_action_set_recurrence(a, (isms_recurrence)recurrence)) ||
        (rc = read_effort(a, imp, rec)) || (rc = read_cost(a, imp, rec)) ||
        (rc = read_list(a, imp, rec, F_TARGETS, true, add_target)) ||
        (rc = read_list(a, imp, rec, F_PREREQS, false, add_prerequisite)) ||
        (rc = read_residual(a, imp, rec)))
        return rc;
    return read_expected_status(a, imp, rec);
}

/* ---- after the rows: prerequisites -------------------------------------------------------- */

/* Every prerequisite must name an action of the file. */
static int check_prerequisites(const importer *imp)
{
    const isms_plan *plan = imp->plan;
    for (size_t i = 0; i < isms_plan_count(plan); i++) {
        const isms_action *a = isms_plan_at(plan, i);
        const char *pre = isms__prereq_first(a);
        for (size_t k = 0; k < isms_action_prerequisite_count(a);
             k++, pre = isms__prereq_next(pre)) {
            if (isms_plan_find(plan, pre))
                continue;
            const char *id = isms_action_id(a);
            return cell_error(imp, imp->lines[i], imp->col[F_PREREQS], ISMS_ENOTFOUND,
                              "the action \"%.*s%s\" has the prerequisite \"%.*s%s\", which is "
                              "not an action of the file",
                              isms__csv_show_len(id), id, isms__csv_show_more(id),
                              isms__csv_show_len(pre), pre, isms__csv_show_more(pre));
        }
    }
    return ISMS_OK;
}

/* Prerequisites of open actions must not form a cycle (isms_plan_prioritise() could not
 * order them); the error names the cycle and the line of its first action. */
static int check_cycles(const importer *imp)
{
    const isms_plan *plan = imp->plan;
    isms__graph g;
    int rc = isms__plan_graph(&g, plan);
    if (rc != ISMS_OK)
        return rc;
    isms__cycles c;
    rc = isms__plan_cycles(&c, plan, &g);
    isms__graph_free(&g);
    if (rc != ISMS_OK)
        return rc;
    if (c.n == 0) {
        isms__cycles_free(&c);
        return ISMS_OK;
    }
    size_t best = 0; /* the cycle whose first action comes first in the file */
    for (size_t k = 1; k < c.n; k++)
        if (c.ids[c.start[k]] < c.ids[c.start[best]])
            best = k;
    char text[1024];
    uint32_t first = c.ids[c.start[best]];
    isms__cycle_text(text, sizeof text, plan, c.ids + c.start[best],
                     c.start[best + 1] - c.start[best]);
    isms__cycles_free(&c);
    return cell_error(imp, imp->lines[first], imp->col[F_PREREQS], ISMS_ECYCLE,
                      "the prerequisites form a cycle: %s (each must come before the next)",
                      text);
}

/* ---- import ------------------------------------------------------------------------------- */

static int import_table(importer *imp)
{
    const isms__csv_table *t = &imp->in.table;
    size_t hrow;
    int rc = isms__csv_header_row(&hrow, &imp->in, action_aliases, N_ALIASES, HEADER_SEARCH_ROWS,
                                  "Åtgärd-id, Åtgärd, Ansvarig, Insats, Klart senast, Mål",
                                  "Åtgärd-id, Åtgärd, Beskrivning, Ansvarig, Insats, "
                                  "Klart senast, Status, Mål, Förutsättningar (or Action id, "
                                  "Action, Description, Owner, Effort, Due, Status, Targets, "
                                  "Prerequisites)");
    if (rc != ISMS_OK)
        return rc;
    if ((rc = map_columns(imp, hrow)))
        return rc;
    if (imp->col[F_ID] == NONE && imp->col[F_TITLE] == NONE)
        return isms__csv_error_no_column(&imp->in, hrow,
                                         "id column (Åtgärd-id, Id, Nr, Action id) or title "
                                         "column (Åtgärd, Rubrik, Titel, Action, Title)");

    isms__csv_ids ids;
    if ((rc = isms__csv_ids_collect(&ids, t, hrow + 1, imp->col[F_ID])))
        return rc;
    size_t k = 0;
    for (size_t i = hrow + 1; i < t->count && rc == ISMS_OK; i++) {
        const isms__csv_record *rec = &t->records[i];
        if (!row_has_cells(imp, rec))
            continue;
        k++;
        char idbuf[TEXT_MAX], gen[48];
        char *idheap = NULL;
        const char *id = NULL;
        if (imp->col[F_ID] != NONE) {
            isms__csv_view v = isms__csv_trimmed_cell(isms__csv_data_cell(rec, imp->col[F_ID]));
            if (v.n > 0 && isms__csv_view_copy(idbuf, sizeof idbuf, v)) {
                id = idbuf;
            } else if (v.n > 0) {
                if (!(idheap = isms__strndup(v.s, v.n)))
                    rc = isms__error_nomem();
                id = idheap;
            }
        }
        bool generated = rc == ISMS_OK && !id;
        if (generated) {
            isms__csv_ids_generate(gen, sizeof gen, &ids, "A", k);
            id = gen;
        }
        if (rc == ISMS_OK)
            rc = read_row(imp, rec, id, generated);
        if (rc == ISMS_OK && generated && imp->col[F_ID] != NONE)
            rc = NOTE(imp, ISMS_SEVERITY_INFO, "csv-generated-id", id,
                      "Rad %u saknar id; åtgärden fick id %s.",
                      "Line %u has no id; the action got the id %s.", rec->line, id);
        isms__free(idheap);
    }
    isms__csv_ids_free(&ids);
    if (rc == ISMS_OK && imp->col[F_ID] == NONE && k > 0)
        rc = NOTE(imp, ISMS_SEVERITY_INFO, "csv-generated-id", NULL,
                  "Filen har ingen id-kolumn; åtgärderna fick id A1–A%zu i filens ordning.",
                  "The file has no id column; the actions got the ids A1–A%zu in file order.",
                  k);
    if (rc == ISMS_OK)
        rc = check_prerequisites(imp);
    if (rc == ISMS_OK)
        rc = check_cycles(imp);
    return rc;
}

int isms_plan_parse_csv(isms_plan **out, const char *data, size_t len, const char *source,
                        int year, isms_findings *notes)
{
    if (!out || (!data && len > 0))
        return isms__error(ISMS_EINVAL, "isms_plan_parse_csv: NULL argument");
    if (year < 1900 || year > 9999)
        return isms__error(ISMS_EINVAL, "isms_plan_parse_csv: the year %d is outside 1900–9999",
                           year);
    importer imp;
    memset(&imp, 0, sizeof imp);
    isms__buf_init(&imp.item);
    int rc = isms__csv_import_begin(&imp.in, data, len, source, notes);
    if (rc != ISMS_OK)
        return rc;
    if ((rc = isms_plan_new(&imp.plan, year)) == ISMS_OK)
        rc = import_table(&imp);
    isms__free(imp.lines);
    isms__buf_free(&imp.item);
    if ((rc = isms__csv_import_end(&imp.in, rc, notes)) != ISMS_OK) {
        isms_plan_free(imp.plan);
        return rc;
    }
    *out = imp.plan;
    return ISMS_OK;
}

int isms_plan_load_csv(isms_plan **out, const char *path, int year, isms_findings *notes)
{
    if (!out || !path)
        return isms__error(ISMS_EINVAL, "isms_plan_load_csv: NULL argument");
    char *data = NULL;
    size_t len = 0;
    int rc = isms__csv_load(&data, &len, path);
    if (rc == ISMS_OK)
        rc = isms_plan_parse_csv(out, data, len, path, year, notes);
    isms__free(data);
    return rc;
}

/* ---- export ------------------------------------------------------------------------------- */

/* The text a buffer holds so far ("" when none). */
static const char *buf_text(const isms__buf *b)
{
    return b->len && !b->failed ? b->data : "";
}

/* The prefixes of target kinds as the export writes them, per language; NULL for "any". */
static const char *const target_prefix[2][4] = {
    { NULL, "risk", "krav", "tillgång" },
    { NULL, "risk", "req", "asset" },
};

static void put_targets(isms__buf *b, const isms_action *a, int L)
{
    b->len = 0;
    for (size_t i = 0; i < isms_action_target_count(a); i++) {
        isms_target t;
        if (isms_action_target(&t, a, i) == ISMS_OK)
            put_item(b, target_prefix[L][t.kind], t.id);
    }
}

static void put_prerequisites(isms__buf *b, const isms_action *a)
{
    b->len = 0;
    const char *pre = isms__prereq_first(a); /* walked once, not from the start per id */
    for (size_t i = 0; i < isms_action_prerequisite_count(a); i++, pre = isms__prereq_next(pre))
        put_item(b, NULL, pre);
}

static void write_action(isms__csv_writer *w, isms__buf *scratch, const isms_action *a,
                         isms_lang lang)
{
    bool sv = lang == ISMS_LANG_SV;
    char num[NUMBER_MAX];
    isms__csv_write_cell(w, isms_action_id(a));
    isms__csv_write_cell(w, isms_action_get(a, ISMS_ACTION_TITLE));
    isms__csv_write_cell(w, isms_action_get(a, ISMS_ACTION_DESCRIPTION));
    isms__csv_write_cell(w, isms_action_get(a, ISMS_ACTION_OWNER));

    num[0] = '\0';
    isms_effort_size size = isms_action_effort_size(a);
    double effort = isms_action_effort(a);
    if (size != ISMS_EFFORT_UNSIZED)
        snprintf(num, sizeof num, "%s", isms_effort_size_name(size));
    else if (effort >= 0)
        format_number(num, sizeof num, effort, sv, false, effort_reads_back);
    isms__csv_write_cell(w, num);

    num[0] = '\0';
    double cost = isms_action_cost(a);
    if (cost >= 0)
        format_number(num, sizeof num, cost, sv, true, cost_reads_back);
    isms__csv_write_cell(w, num);

    isms__csv_write_cell(w, isms_action_get(a, ISMS_ACTION_DUE));
    isms__csv_write_cell(w, isms_action_status_label(isms_action_get_status(a), lang));
    isms_recurrence r = isms_action_recurrence(a);
    isms__csv_write_cell(w, r == ISMS_RECUR_NONE ? "" : isms_recurrence_label(r, lang));

    put_targets(scratch, a, sv ? 0 : 1);
    isms__csv_write_cell(w, buf_text(scratch));
    put_prerequisites(scratch, a);
    isms__csv_write_cell(w, buf_text(scratch));

    int l, c;
    isms_action_expected_residual(&l, &c, a);
    num[0] = '\0';
    if (l != ISMS_LEVEL_UNSET && c != ISMS_LEVEL_UNSET)
        snprintf(num, sizeof num, "%d/%d", l, c);
    isms__csv_write_cell(w, num);
    isms_status st = isms_action_expected_status(a);
    isms__csv_write_cell(w, st == ISMS_STATUS_NOT_ASSESSED ? "" : isms_status_label(st, lang));
    isms__csv_end_row(w);
}

int isms_plan_write_csv(char **out, size_t *len, const isms_plan *plan, isms_lang lang,
                        unsigned flags)
{
    if (!out || !plan)
        return isms__error(ISMS_EINVAL, "isms_plan_write_csv: NULL argument");
    isms__csv_writer w;
    int rc = isms__csv_writer_open(&w, "isms_plan_write_csv", lang, flags);
    if (rc != ISMS_OK)
        return rc;
    int L = lang == ISMS_LANG_SV ? 0 : 1;
    for (size_t f = 0; f < F_COUNT; f++)
        isms__csv_write_cell(&w, export_headers[L][f]);
    isms__csv_end_row(&w);
    isms__buf scratch;
    isms__buf_init(&scratch);
    for (size_t i = 0; i < isms_plan_count(plan) && !w.buf.failed && !scratch.failed; i++)
        write_action(&w, &scratch, isms_plan_at(plan, i), lang);
    if (scratch.failed)
        w.buf.failed = true;
    isms__buf_free(&scratch);
    return isms__csv_writer_close(&w, out, len);
}

int isms_plan_save_csv(const char *path, const isms_plan *plan, isms_lang lang, unsigned flags)
{
    if (!path || !plan)
        return isms__error(ISMS_EINVAL, "isms_plan_save_csv: NULL argument");
    char *doc = NULL;
    size_t len = 0;
    int rc = isms_plan_write_csv(&doc, &len, plan, lang, flags);
    if (rc != ISMS_OK)
        return rc;
    return isms__csv_save(path, doc, len);
}
