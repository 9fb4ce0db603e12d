/*
 * The `isms` command: declarations shared by its source files.
 *
 * isms.c holds main(), the table of subcommands with their help text and the option
 * parser; util.c the helpers (memory, text buffers, terminal-safe text, numbers, files,
 * errors, JSON through jansson and escaping); table.c the aligned tables, their other formats
 * and the paragraph wrapper; cmd-*.c the subcommands. Everything a run needs lives in the
 * #cli structure that main() owns.
 */
#ifndef ISMS_CLI_H
#define ISMS_CLI_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <isms.h>
#include <isms/file.h>
#include <jansson.h>

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
    FMT_HTML = 16,
    FMT_OSCAL_AR = 32,      /* OSCAL assessment results */
    FMT_OSCAL_POAM = 64,    /* OSCAL plan of action and milestones */
    FMT_OSCAL_CATALOG = 128 /* OSCAL catalog */
} cli_format;

/* Every format a table can be written in. */
#define FMT_TABLES (FMT_TEXT | FMT_JSON | FMT_CSV | FMT_MD | FMT_HTML)
/* The OSCAL models (isms/oscal.h). */
#define FMT_OSCAL (FMT_OSCAL_AR | FMT_OSCAL_POAM | FMT_OSCAL_CATALOG)

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
    /* catalog (and convert: --edition, --catalog) */
    OPT_EDITION, OPT_CATALOG, OPT_ANNEX, OPT_CLAUSES, OPT_REQUIREMENTS, OPT_ATTR, OPT_ANY,
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
    bool csv_sep_given;       /* --comma or --tab: wins over a .tsv name */
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
    const char *catalog;      /* --catalog: an OSCAL catalog file ("-": standard input) */
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
    unsigned term_width; /* columns to fit text to: --width, else the terminal's; 0: do not */
    char *org;        /* the document's organisation, for page titles (owned), or NULL */
} cli;

/* ---- memory and text buffers (util.c) -------------------------------------------------- */

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));
/* The line at *p (without its line break) as a new string (free()), *p moved past it; NULL
 * at the end of the text. */
char *line_next(const char **p);

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

/* Appends `s` made safe for a terminal: C0 controls, DEL, C1 controls (U+0080–U+009F),
 * bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069) and invalid UTF-8
 * become U+FFFD; tab, line feed and carriage return become a space (CR LF one space). */
void sb_term(strbuf *b, const char *s);
/* The same into a new string (free()). */
char *term_safe(const char *s);
/* Columns text takes on a terminal (isms_text_width of a NUL-terminated string). */
size_t text_cols(const char *s);
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
/* The library's last error as "isms: FILE:LINE:COLUMN: message", the location said once:
 * what the message itself already names ("line 4, column 3") is not repeated before it.
 * Returns EXIT_USAGE. */
int cli_lib_error(const cli *c);
/* An error at a place: `where` (a file name, "<stdin>", "argument 2"), `line` and `column`
 * (0: none), and the message, with the location said once as in cli_lib_error(). `gnu`:
 * "where:line:column: ", else "where, column N: ". Returns EXIT_USAGE. */
int cli_error_at(const cli *c, const char *where, bool gnu, unsigned line, unsigned column,
                 const char *msg);
/* The library's last error as cli_lib_error() does, naming `source` (a file name,
 * "<stdin>") when the error itself names no file. Returns EXIT_USAGE. */
int cli_lib_error_in(const cli *c, const char *source);
/* A note on standard error unless --quiet. */
void cli_note(const cli *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* ---- files ----------------------------------------------------------------------------- */

/* Reads a file ("-": standard input) with isms_file_read() (free the bytes with
 * isms_free()). On failure prints the error and returns EXIT_USAGE, else EXIT_FINE. */
int cli_read(const cli *c, const char *path, char **out, size_t *len);
/* Writes the output with isms_file_save(): to standard output, or atomically to -o (a pipe
 * or a device is written in place). Returns an exit code. */
int cli_emit(const cli *c, const strbuf *b);
/* The same for bytes the library returned. */
int cli_emit_bytes(const cli *c, const char *data, size_t len);
/* Reads an OSCAL catalog file ("-": standard input) into an imported catalog (release it with
 * isms_catalog_free()). On failure prints the error (FILE:LINE:COLUMN: the JSON path and
 * what was expected) and returns EXIT_USAGE, else EXIT_FINE. */
int cli_load_catalog(const cli *c, const char *path, isms_catalog **out);

/* ---- the document ---------------------------------------------------------------------- */

/* Loads the document (path "-": standard input) and takes its language when --lang was not
 * given, and its organisation for page titles. On failure prints the error and returns
 * EXIT_USAGE. */
int cli_load_document(cli *c, const char *path, isms_document **out);
/* The usage error of a command that takes one document ("isms plan takes one document"). */
int cli_usage_one_document(const cli *c);
/* Loads the command's one document, its only argument (cli_load_document()); with another
 * number of arguments, cli_usage_one_document(). */
int cli_load_the_document(cli *c, isms_document **out);
/* The library's last error (cli_lib_error()), the document released; returns EXIT_USAGE. */
int cli_document_error(const cli *c, isms_document *doc);
/* Severity's machine name: "info", "warning", "error". */
const char *severity_name(isms_severity s);

/* ---- JSON (jansson) ------------------------------------------------------------------- */

/* New values; each exits on running out of memory like xmalloc(). */
json_t *jobj(void);
json_t *jarr(void);
json_t *jstr(const char *s); /* NULL as ""; invalid UTF-8 replaced by U+FFFD */
json_t *jint(long long v);
json_t *jnum(double v);      /* a whole number below 1e15 as an integer; not finite: null */
json_t *jbool(bool v);
json_t *jnull(void);
/* Sets `key` of an object, or appends to an array; takes the reference to `v`. */
void jset(json_t *obj, const char *key, json_t *v);
void jpush(json_t *arr, json_t *v);
/* A finding as { "severity", "code", "ref", "message" }. */
json_t *json_finding(const isms_finding *f);
/* Writes the value (two-space indentation, keys in insertion order, UTF-8, a newline at the
 * end) with cli_emit() and releases it. Returns an exit code. */
int cli_emit_json(const cli *c, json_t *root);

/* ---- escaping -------------------------------------------------------------------------- */

/* HTML and Markdown text: markup escaped, control characters and bidirectional overrides
 * replaced as by sb_term() (line breaks become <br>). */
void esc_html(strbuf *b, const char *s);
void esc_md(strbuf *b, const char *s);
/* One CSV cell by the library's rule (lib/io/csv.c): quoted when it starts or ends with
 * white space or holds a separator, quote or line break; a text cell matching
 * ^'*[=+\-@\t\r] (what a spreadsheet would run as a formula) gets one more apostrophe, which
 * the library's readers take off again. */
void esc_csv(strbuf *b, const char *s, char sep, bool text);
char csv_sep(const cli *c);
const char *csv_eol(const cli *c);
/* The start and end of a self-contained HTML page: the report's Content-Security-Policy,
 * a title naming the document's organisation when there is one. */
void html_begin(strbuf *b, const cli *c, const char *title);
void html_end(strbuf *b);
/* The start and end of the output of a command in c->format: an HTML page (html_begin()), a
 * Markdown "# title"; nothing in text or CSV. */
void page_begin(strbuf *b, const cli *c, const char *title);
void page_end(strbuf *b, const cli *c);
/* A heading within the output: <h2> in HTML, "## " in Markdown, "title:" on a line of its own
 * after a blank one in text; nothing in CSV. */
void page_heading(strbuf *b, const cli *c, const char *title);
/* A paragraph after a table: <p> in HTML, its own line after a blank one in Markdown and
 * text (wrapped to the terminal's width); nothing in CSV. */
void page_paragraph(strbuf *b, const cli *c, const char *text);

/* ---- tables (table.c) ------------------------------------------------------------------ */

enum {
    COL_LEFT = 0,
    COL_RIGHT = 1,   /* right-aligned (numbers) */
    COL_WRAP = 2,    /* may be narrowed and wrapped to fit the width in text */
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
/* A key–value table: the columns Field (keys) and Value (`value_flags`), without the header
 * row in text. */
table *table_new_kv(const cli *c, unsigned value_flags);
/* Starts a row of a key–value table with its key (bold); then one table_cell() for the
 * value. */
void table_key(table *t, const char *key);
/* Starts a section: a heading over the rows that follow. */
void table_section(table *t, const char *title);
/* Starts a row; then one table_cell() per column. */
void table_row(table *t);
void table_row_color(table *t, cli_color color);
void table_cell(table *t, const char *text, cli_color color);
void table_cellf(table *t, cli_color color, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
size_t table_rows(const table *t);
/* Writes the table in c->format (text, md, html or csv; html without the page). Text fits
 * c->term_width: wrap columns are narrowed first; a table that still does not fit is written
 * one record per row as "Header: value" lines. */
void table_render(const table *t, strbuf *b, const cli *c);
/* Appends `text` (made terminal-safe) as a paragraph wrapped to c->term_width (as is when
 * 0): `lead` (already safe, may hold colour; `lead_cols` columns wide) starts the first line,
 * later lines are indented by `indent` spaces. Ends with a newline. */
void text_paragraph(strbuf *b, const cli *c, const char *lead, size_t lead_cols, size_t indent,
                    const char *text);

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
