/*
 * The `isms` command: declarations shared by its source files.
 *
 * isms.c holds main(), the table of subcommands with their help text and the option
 * parser; util.c the helpers (memory, text buffers, UTF-8 width, numbers, files, errors,
 * JSON and escaping); table.c the aligned tables and their other formats; cmd-*.c the
 * subcommands. Everything a run needs lives in the #cli structure that main() owns.
 */
#ifndef ISMS_CLI_H
#define ISMS_CLI_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <isms.h>

/* ---- exit codes ------------------------------------------------------------------------ */

enum {
    EXIT_FINE = 0,     /* Everything fine. */
    EXIT_FINDINGS = 1, /* Findings of error severity (lint). */
    EXIT_USAGE = 2     /* A usage error, an input that cannot be read, output not written. */
};

/* ---- output formats -------------------------------------------------------------------- */

typedef enum cli_format {
    FMT_NONE = 0, /* Not given. */
    FMT_TEXT = 1,
    FMT_JSON = 2,
    FMT_CSV = 4,
    FMT_MD = 8,
    FMT_HTML = 16
} cli_format;

/* Every format a table can be written in. */
#define FMT_TABLES (FMT_TEXT | FMT_JSON | FMT_CSV | FMT_MD | FMT_HTML)

/* ---- options --------------------------------------------------------------------------- */

typedef enum cli_opt_id {
    OPT_NONE = 0,
    /* common to every subcommand */
    OPT_HELP, OPT_FORMAT, OPT_LANG, OPT_OUTPUT, OPT_QUIET, OPT_VERBOSE,
    /* CSV output */
    OPT_COMMA, OPT_TAB, OPT_NO_BOM, OPT_LF,
    /* report */
    OPT_WIDTH, OPT_NO_SIMULATE,
    /* score, cvss */
    OPT_LIKELIHOOD, OPT_CONSEQUENCE, OPT_MATRIX, OPT_RESIDUAL,
    /* plan */
    OPT_PERIOD, OPT_PERIODS, OPT_CAPACITY, OPT_START, OPT_EXPLAIN,
    /* convert */
    OPT_ORG, OPT_UNIT, OPT_KIND, OPT_TABLE, OPT_TO, OPT_YEAR, OPT_DATE,
    /* catalog */
    OPT_EDITION, OPT_ANNEX, OPT_CLAUSES, OPT_REQUIREMENTS, OPT_ATTR, OPT_ANY,
    /* simulate */
    OPT_ITERATIONS, OPT_SEED,
    OPT_COUNT
} cli_opt_id;

/* Most --attr options one catalog call takes. */
#define CLI_MAX_ATTRS 16

/* What the command line said, parsed and checked for form (not yet for meaning). */
typedef struct cli_args {
    bool help;
    cli_format format;        /* FMT_NONE when not given */
    const char *output;       /* -o FILE, or NULL */
    bool lang_given;
    isms_lang lang_opt;
    bool quiet, verbose;
    unsigned csv_flags;       /* isms_csv_flags */
    unsigned width;           /* 0: not given */
    bool no_simulate;
    const char *likelihood, *consequence, *matrix;
    bool residual;
    const char *period;       /* plan: year, tertial, quarter, month */
    long periods;             /* 0: not given */
    double capacity;          /* negative: not given */
    int start;                /* 0: not given */
    bool explain;
    const char *org, *unit, *kind, *table, *to, *date;
    int year;                 /* 0: not given */
    const char *edition;
    bool annex, clauses, requirements, any;
    const char *attrs[CLI_MAX_ATTRS];
    size_t nattrs;
    unsigned long long iterations; /* 0: not given */
    bool seed_given;
    unsigned long long seed;
    char **pos;               /* positional arguments (borrowed from argv) */
    size_t npos;
} cli_args;

struct cli;

/* One subcommand: its name, what it does, its options and formats, and its help text. */
typedef struct cli_command {
    const char *name;
    int (*run)(struct cli *c);
    unsigned formats;          /* the formats it writes (FMT_* bits) */
    cli_format default_format; /* when neither --format nor -o tells */
    const int *options;        /* its own options (OPT_*), ended by OPT_NONE */
    const char *usage_sv, *usage_en; /* the synopsis after "isms " */
    const char *summary_sv, *summary_en;         /* one line for `isms --help` */
    const char *description_sv, *description_en; /* paragraphs for `isms CMD --help` */
    const char *examples;                        /* examples, the same in both languages */
} cli_command;

/* Everything one run of the command owns. */
typedef struct cli {
    const cli_command *cmd;
    cli_args a;
    isms_lang lang;   /* --lang, else the document's, else the environment's */
    cli_format format; /* the format chosen */
    bool color;       /* ANSI colour in text output: a terminal, and NO_COLOR not set */
    unsigned term_width; /* columns to wrap text tables to; 0: do not wrap */
} cli;

/* ---- memory and text buffers (util.c) -------------------------------------------------- */

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

typedef struct strbuf {
    char *data;
    size_t len, cap;
} strbuf;

void sb_init(strbuf *b);
void sb_free(strbuf *b);
void sb_add(strbuf *b, const char *s, size_t n);
void sb_puts(strbuf *b, const char *s);
void sb_putc(strbuf *b, char ch);
void sb_printf(strbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sb_vprintf(strbuf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
void sb_repeat(strbuf *b, const char *s, size_t times);

/* ---- text ------------------------------------------------------------------------------ */

/* Columns a UTF-8 string takes on a terminal (combining marks 0, wide characters 2). */
size_t utf8_width(const char *s, size_t n);
/* Bytes of the longest prefix of `s` (n bytes) that fits in `cols` columns. */
size_t utf8_fit(const char *s, size_t n, size_t cols);
/* The text in the chosen language. A macro, so that the compiler checks both as formats. */
#define T(c, sv, en) ((c)->lang == ISMS_LANG_EN ? (en) : (sv))
/* A number for people: `decimals` decimals; thousands grouped when `group`; the decimal
 * mark and grouping of the language (CSV: no grouping; a decimal comma only with a
 * Swedish table that is not comma separated). */
void fmt_num(char *buf, size_t size, const cli *c, double v, int decimals, bool group);
/* A date as YYYY-MM-DD, "" for the empty date. */
void fmt_date(char *buf, size_t size, isms_date d);
/* True when `s` ends with `suffix`, ASCII case ignored. */
bool ends_with_ci(const char *s, const char *suffix);

/* ---- colours --------------------------------------------------------------------------- */

typedef enum cli_color {
    COLOR_NONE = 0, COLOR_BOLD, COLOR_DIM, COLOR_RED, COLOR_BOLD_RED, COLOR_GREEN,
    COLOR_YELLOW, COLOR_BLUE, COLOR_CYAN
} cli_color;

const char *color_on(cli_color color);
#define COLOR_OFF "\033[0m"
/* The colour of band `index` of `count`: green at the bottom, red at the top. */
cli_color color_band(int index, size_t count);
cli_color color_severity(isms_severity s);

/* ---- errors ---------------------------------------------------------------------------- */

/* "isms: message" on standard error; returns EXIT_USAGE. */
int cli_error(const cli *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A usage error: the message and where to find help; returns EXIT_USAGE. */
int cli_usage(const cli *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The library's last error as "isms: FILE:LINE:COLUMN: message"; returns EXIT_USAGE. */
int cli_lib_error(const cli *c);
/* A note on standard error unless --quiet. */
void cli_note(const cli *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* ---- files ----------------------------------------------------------------------------- */

/* Reads a file ("-": standard input) into a NUL-terminated buffer (free()). On failure
 * prints the error and returns false. */
bool cli_read_file(const cli *c, const char *path, char **out, size_t *len);
/* Replaces `path` atomically: temporary file in the same directory, fsync, the old mode,
 * rename. Returns 0, or -1 with errno set. */
int write_file_atomic(const char *path, const char *data, size_t len);
/* Writes the output: to standard output, or atomically to -o. Returns an exit code. */
int cli_emit(const cli *c, const strbuf *b);

/* ---- the document ---------------------------------------------------------------------- */

/* Loads the document (path "-": standard input) and takes its language when --lang was not
 * given. On failure prints the error and returns EXIT_USAGE. */
int cli_load_document(cli *c, const char *path, isms_document **out);
/* Severity's machine name: "info", "warning", "error". */
const char *severity_name(isms_severity s);

/* ---- JSON ------------------------------------------------------------------------------ */

#define JW_MAX_DEPTH 32

typedef struct jw {
    strbuf *b;
    int depth;
    bool first[JW_MAX_DEPTH];
    bool after_key;
} jw;

void jw_init(jw *w, strbuf *b);
void jw_obj(jw *w);
void jw_obj_end(jw *w);
void jw_arr(jw *w);
void jw_arr_end(jw *w);
void jw_key(jw *w, const char *key);
void jw_str(jw *w, const char *s);
void jw_int(jw *w, long long v);
void jw_num(jw *w, double v);
void jw_bool(jw *w, bool v);
void jw_null(jw *w);
/* A value written as is (a number already formatted). */
void jw_raw(jw *w, const char *text);
/* Ends the document with a newline. */
void jw_end(jw *w);
/* key + value in one call */
void jw_kstr(jw *w, const char *key, const char *s);
void jw_kint(jw *w, const char *key, long long v);
void jw_knum(jw *w, const char *key, double v);
void jw_kbool(jw *w, const char *key, bool v);

/* ---- escaping -------------------------------------------------------------------------- */

void esc_html(strbuf *b, const char *s);
void esc_md(strbuf *b, const char *s);
/* One CSV cell, quoted when needed; a text cell that a spreadsheet would run as a formula
 * gets a leading apostrophe. */
void esc_csv(strbuf *b, const char *s, char sep, bool text);
char csv_sep(const cli *c);
const char *csv_eol(const cli *c);
/* The start and end of a self-contained HTML page. */
void html_begin(strbuf *b, const cli *c, const char *title);
void html_end(strbuf *b);

/* ---- tables (table.c) ------------------------------------------------------------------ */

enum {
    COL_LEFT = 0,
    COL_RIGHT = 1,   /* right-aligned (numbers) */
    COL_WRAP = 2,    /* wrapped to the terminal's width in text */
    COL_NUM = 4,     /* a number: never neutralised as a formula in CSV */
    COL_CSV = 8,     /* only in CSV (sections stand for it elsewhere) */
    COL_NO_CSV = 16  /* never in CSV */
};

typedef struct table table;

table *table_new(size_t ncols);
void table_free(table *t);
/* Describes column `i`. */
void table_col(table *t, size_t i, const char *header, unsigned flags);
/* Text tables without the header row (key–value lists). */
void table_no_header(table *t);
/* Starts a section: a heading over the rows that follow. */
void table_section(table *t, const char *title);
/* Starts a row; then one table_cell() per column. */
void table_row(table *t);
void table_row_color(table *t, cli_color color);
void table_cell(table *t, const char *text, cli_color color);
void table_cellf(table *t, cli_color color, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
size_t table_rows(const table *t);
/* Writes the table in c->format (text, md, html or csv; html without the page). */
void table_render(const table *t, strbuf *b, const cli *c);

/* ---- subcommands (cmd-*.c) ------------------------------------------------------------- */

int cmd_report(cli *c);
int cmd_lint(cli *c);
int cmd_score(cli *c);
int cmd_classify(cli *c);
int cmd_plan(cli *c);
int cmd_convert(cli *c);
int cmd_catalog(cli *c);
int cmd_cvss(cli *c);
int cmd_simulate(cli *c);
int cmd_version(cli *c);

#endif
