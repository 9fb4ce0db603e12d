/*
 * Generic CSV table layer (lib/io/csv.c), shared by every CSV import and export of the
 * library (risk registers now; gap analyses, assets and action plans later). Nothing here is
 * exported.
 *
 * Reading: isms__csv_read() decodes the bytes (UTF-8 with or without BOM, else
 * Windows-1252), detects the delimiter, parses with libcsv and returns a table of records,
 * each with its cells (UTF-8, NUL-terminated) and the physical line where it starts.
 * Header helpers find the header row by matching normalised header cells against alias
 * tables. Writing: isms__csv_writer quotes and neutralises cells.
 */
#ifndef ISMS_CSV_INTERNAL_H
#define ISMS_CSV_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "internal.h"

/* ---- reading -------------------------------------------------------------------------- */

/* How the input bytes were decoded. */
typedef enum isms__csv_encoding {
    ISMS__CSV_UTF8 = 0,        /* valid UTF-8 without a byte order mark */
    ISMS__CSV_UTF8_BOM = 1,    /* valid UTF-8 after a byte order mark (stripped) */
    ISMS__CSV_WINDOWS_1252 = 2 /* not valid UTF-8: read as Windows-1252 and converted */
} isms__csv_encoding;

/* One record (logical row) of a table. Trailing empty cells are not stored, so `count` may
 * be smaller than the number of delimiters suggests; isms__csv_cell() gives "" beyond it. */
typedef struct isms__csv_record {
    char **cells;  /* `count` NUL-terminated UTF-8 cells, owned by the table */
    size_t count;  /* number of cells kept (rows may be ragged) */
    size_t first;  /* index of the first cell in the table's cell array (internal) */
    unsigned line; /* 1-based physical line where the record starts */
} isms__csv_record;

/* A parsed table: records in file order. Blank lines are not records; rows whose cells are
 * all empty are (see isms__csv_record_blank()). All cell text lives in one arena and all
 * cell pointers in one array, so a table costs a handful of allocations whatever its size. */
typedef struct isms__csv_table {
    isms__csv_record *records;
    size_t count;
    size_t cap;
    char delimiter;              /* ',', ';' or '\t' */
    isms__csv_encoding encoding; /* how the bytes were decoded */
    unsigned lines;              /* number of physical lines in the input */
    /* storage (internal) */
    char *text;   /* cell text, each NUL-terminated; text[0] is the shared empty cell */
    size_t text_len, text_cap;
    char **cells; /* all cells of all records, in order */
    size_t n_cells, cells_cap;
} isms__csv_table;

/*
 * Parses CSV bytes into `out` (which is overwritten; free it with isms__csv_table_free()).
 * `source` names the input in errors (NULL: "<memory>" is not added, the error has no source).
 * Returns ISMS_OK; ISMS_EINVAL; ISMS_ERANGE (input above ISMS_CSV_MAX_INPUT or a cell above
 * ISMS_CSV_MAX_CELL); ISMS_EPARSE (unclosed or stray quotes, NUL bytes, UTF-16, a binary file
 * format, UTF-8 cut short at the end or mixed with a few bytes of another encoding) with line
 * and column (1-based cell index; 0 for the whole file); ISMS_ENOMEM. On failure `*out` is left
 * empty and nothing leaks.
 */
int isms__csv_read(isms__csv_table *out, const char *data, size_t len, const char *source);

/* Frees every record and cell; the table is left empty. NULL is allowed. */
void isms__csv_table_free(isms__csv_table *table);

/* Cell `i` of a record, or "" when the record is shorter. */
const char *isms__csv_cell(const isms__csv_record *record, size_t i);

/* True when every cell of the record is empty or white space. */
bool isms__csv_record_blank(const isms__csv_record *record);

/*
 * Decodes raw bytes to UTF-8: strips a UTF-8 BOM; if the rest is valid UTF-8 it is copied,
 * otherwise it is read as Windows-1252 (see csv.c for the table). Returns a new
 * NUL-terminated buffer (isms__free) or NULL when out of memory.
 */
char *isms__csv_decode(const char *data, size_t len, size_t *out_len, isms__csv_encoding *enc);

/* Detects the delimiter of UTF-8 CSV text: ';', ',' or '\t' (';' when nothing tells). */
char isms__csv_detect_delimiter(const char *text, size_t len);

/* ---- spreadsheet formulas --------------------------------------------------------------- */

/* True when a spreadsheet would run the cell as a formula once written: the cell matches
 * ^'*[=+\-@\t\r] (the apostrophes matter for the round trip; see csv.c). */
bool isms__csv_needs_neutralising(const char *cell);

/* The cell without the apostrophe that the writer added: a pointer one byte into `cell`
 * when it matches ^'+[=+\-@\t\r], else `cell` itself. */
const char *isms__csv_unneutralise(const char *cell);

/* ---- headers ---------------------------------------------------------------------------- */

/* Longest normalised header kept; longer headers match nothing. */
#define ISMS__CSV_HEADER_MAX 128

/* A header cell normalised for matching: case-folded, Swedish and other Latin diacritics
 * removed (å ä → a, ö → o, é → e), parenthesised hints dropped, hyphenation and everything
 * that is not a letter or digit removed: "Sannolik-\nhet/konsekvens (1-4)" →
 * "sannolikhetkonsekvens", "Riskvärde" → "riskvarde". */
typedef struct isms__csv_header {
    char norm[ISMS__CSV_HEADER_MAX]; /* normalised name ("" when too long or empty) */
    bool hint;                       /* a parenthesised hint was present */
    bool numeric_hint;               /* ... and it held a digit, like "(1-4)" */
} isms__csv_header;

void isms__csv_header_normalise(isms__csv_header *out, const char *cell);

/* A header name for messages: trimmed, "-" + line break removed, white space runs folded to
 * one space, cut (at a UTF-8 boundary) to fit `size`. */
void isms__csv_header_display(char *buf, size_t size, const char *cell);

/* One alias of a field: `name` in any spelling (it is normalised before comparing). */
typedef struct isms__csv_alias {
    const char *name;
    int field;
} isms__csv_alias;

/* The field of a normalised header, or -1 when no alias matches. */
int isms__csv_header_field(const isms__csv_header *header, const isms__csv_alias *aliases,
                           size_t n_aliases);

/* Index of the header row: the first of the first `max_rows` records in which at least
 * `min_matches` cells match an alias. Returns `table->count` when there is none. */
size_t isms__csv_find_header(const isms__csv_table *table, const isms__csv_alias *aliases,
                             size_t n_aliases, size_t min_matches, size_t max_rows);

/* ---- writing ---------------------------------------------------------------------------- */

typedef struct isms__csv_writer {
    isms__buf buf;
    char delimiter;
    bool crlf;
    bool row_started;
} isms__csv_writer;

/* Starts a document; writes the UTF-8 BOM when `bom`. Out of memory is sticky in
 * writer->buf.failed and reported by isms__csv_writer_take(). */
void isms__csv_writer_init(isms__csv_writer *w, char delimiter, bool crlf, bool bom);

/* Appends one cell to the current row: neutralised when a spreadsheet would run it as a
 * formula, quoted when it holds the delimiter, a quote, CR or LF, or starts or ends with
 * a space or tab (which readers trim from unquoted cells). NULL is written as "". */
void isms__csv_write_cell(isms__csv_writer *w, const char *cell);

/* Ends the current row with CRLF or LF. */
void isms__csv_end_row(isms__csv_writer *w);

/* Hands over the document (NUL-terminated; isms__free / isms_free), or NULL when out of
 * memory (the writer is then freed). */
char *isms__csv_writer_take(isms__csv_writer *w, size_t *len);

void isms__csv_writer_free(isms__csv_writer *w);

/* Starts the document of an export function after checking its language and its flags
 * (ISMS_CSV_COMMA, ISMS_CSV_TAB, ISMS_CSV_NO_BOM, ISMS_CSV_LF; see include/isms/csv.h):
 * the delimiter, the BOM and the line ends follow the flags. `fn` names the public function
 * in errors ("isms_register_write_csv: unknown language 7"). Returns ISMS_OK, or ISMS_EINVAL
 * with the writer untouched. */
int isms__csv_writer_open(isms__csv_writer *w, const char *fn, isms_lang lang, unsigned flags);

/* Ends the document of an export function: hands it over in `*out` and its length in `*len`
 * (`len` may be NULL). Returns ISMS_OK, or ISMS_ENOMEM (the writer freed, `*out` and `*len`
 * untouched) when writing ran out of memory. */
int isms__csv_writer_close(isms__csv_writer *w, char **out, size_t *len);

/* ---- importing (lib/io/csv-import.c) ------------------------------------------------------
 * What every importer built on this layer shares: trimmed views of cells, text quoted in
 * messages, the notes collected while importing, and the errors and notes about the table's
 * shape. */

/* A column that the table does not have. */
#define ISMS__CSV_NONE ((size_t)-1)

/* Bytes [s, s + n) of a cell, not NUL-terminated. */
typedef struct isms__csv_view {
    const char *s;
    size_t n;
} isms__csv_view;

/* The text without white space (ASCII or NBSP) around it. */
isms__csv_view isms__csv_trimmed(const char *s, size_t n);
isms__csv_view isms__csv_trimmed_cell(const char *cell);

/* Copies a view into a NUL-terminated buffer; false when it does not fit. */
bool isms__csv_view_copy(char *buf, size_t size, isms__csv_view v);

/* Cell `col` of a data record without the apostrophe that the writer adds before formulas;
 * "" for ISMS__CSV_NONE. */
const char *isms__csv_data_cell(const isms__csv_record *rec, size_t col);

/* Text quoted in a message is cut to ISMS__CSV_SHOW_MAX bytes (at a UTF-8 boundary), and
 * "…" marks the cut: "%.*s%s" with isms__csv_show_len(s), s, isms__csv_show_more(s). The _n
 * forms take text of `n` bytes that need not be NUL-terminated. */
#define ISMS__CSV_SHOW_MAX 60
int isms__csv_show_len(const char *s);
int isms__csv_show_len_n(const char *s, size_t n);
const char *isms__csv_show_more(const char *s);
const char *isms__csv_show_more_n(size_t n);

/* One import from CSV bytes. */
typedef struct isms__csv_import {
    const char *source;    /* names the input in errors (may be NULL) */
    isms__csv_table table; /* the table read */
    isms_findings *notes;  /* the notes so far, in the caller's language, or NULL: none wanted */
    isms_lang lang;        /* the language of the notes */
} isms__csv_import;

/*
 * Starts an import: checks the size of the input (ISMS_ERANGE above ISMS_CSV_MAX_INPUT),
 * reads it into in->table (`data` may be NULL when `len` is 0) and, when the caller wants
 * notes (`notes` not NULL), starts a temporary list in the language of `notes`. Returns
 * ISMS_OK, or the error with nothing left to free.
 */
int isms__csv_import_begin(isms__csv_import *in, const char *data, size_t len,
                           const char *source, isms_findings *notes);

/*
 * Ends an import whose result is `rc`: frees the table and, when `rc` is ISMS_OK, appends the
 * notes collected to `notes`, all or none (the caller sees notes only from an import that
 * succeeded). Returns `rc`, or the error of appending (ISMS_ENOMEM); the caller then frees
 * what it built.
 */
int isms__csv_import_end(isms__csv_import *in, int rc, isms_findings *notes);

/* Adds a note to the import's list (if it keeps one), with the message in its language:
 * `sv` or `en`, a format for the arguments that follow. Returns ISMS_OK or ISMS_ENOMEM. */
#define ISMS__CSV_NOTE(in, severity, code, ref, sv, en, ...)                                 \
    ((in)->notes ? isms__findings_addf((in)->notes, severity, code, ref,                      \
                                       (in)->lang == ISMS_LANG_SV ? sv : en, __VA_ARGS__)    \
                 : ISMS_OK)

/* The first checks of a table: a note when the file was read as Windows-1252, and an error
 * when it is empty ("line 1: the file is empty; expected a header row with columns such as
 * <columns>"). */
int isms__csv_import_check(const isms__csv_import *in, const char *columns);

/* The error for a table without a header row: "line N: no header row found; expected columns
 * such as <columns>", at the line of its first record. */
int isms__csv_error_no_header(const isms__csv_import *in, const char *columns);

/* Where the header row of an import is: after the first checks (isms__csv_import_check()
 * with `columns`), the first of the first `max_rows` records in which at least two cells
 * match an alias; when there is none, the error of isms__csv_error_no_header() with
 * `all_columns`. Returns ISMS_OK with the record's index in `*hrow`, or the error. */
int isms__csv_header_row(size_t *hrow, const isms__csv_import *in,
                         const isms__csv_alias *aliases, size_t n_aliases, size_t max_rows,
                         const char *columns, const char *all_columns);

/* The error for a header row (record `hrow`) without a column that the import needs: "line N:
 * the header row has no <column>". */
int isms__csv_error_no_column(const isms__csv_import *in, size_t hrow, const char *column);

/* Notes every column without a header (an empty header cell, or beyond the last one) that
 * holds data below the header row `hrow`: such data is not read (warning
 * "csv-ignored-column"). `unnamed` tells which header cells name no column. One pass over
 * the data, and only when notes are wanted. */
int isms__csv_note_headerless(const isms__csv_import *in, size_t hrow,
                              bool (*unnamed)(const char *header));

/* A header cell that names no column: nothing is left of it once normalised (the `unnamed`
 * test of isms__csv_note_headerless() for importers whose headers are matched by alias). */
bool isms__csv_header_unnamed(const char *cell);

/* Notes that column `j` (0-based), headed `cell`, was not read: "Column 4 (\"Foo\") <why> and
 * was ignored." (code "csv-ignored-column"), `why_sv` or `why_en` by the notes' language. */
int isms__csv_note_ignored(const isms__csv_import *in, isms_severity severity, size_t j,
                           const char *cell, const char *why_sv, const char *why_en);

/* Places column `j`, headed `cell`, whose header names field `f` (-1: no field): a note when
 * the header is not recognised (of severity `unknown`) or names a field that an earlier
 * column already has (a warning), else col[f] = j. Returns ISMS_OK or ISMS_ENOMEM. */
int isms__csv_place_column(const isms__csv_import *in, size_t *col, int f, size_t j,
                           const char *cell, isms_severity unknown);

/* Maps the columns of the header row `hrow` onto `n_fields` fields by the alias table: col[f]
 * is the column of field f, or ISMS__CSV_NONE. Header cells are read without the writer's
 * apostrophe; headers that are not recognised are noted (info), repeated fields (warning),
 * and so are columns without a header that hold data (isms__csv_note_headerless()). */
int isms__csv_map_header(const isms__csv_import *in, size_t hrow,
                         const isms__csv_alias *aliases, size_t n_aliases, size_t *col,
                         size_t n_fields);

/* The ids that a table gives explicitly, sorted, so that the ids an importer makes for rows
 * without one never take them. The views point into the table. */
typedef struct isms__csv_ids {
    isms__csv_view *ids;
    size_t n;
} isms__csv_ids;

/* Collects the trimmed, non-empty cells of column `col` in the records from `first` on
 * (none when `col` is ISMS__CSV_NONE). Returns ISMS_OK or ISMS_ENOMEM (`ids` left empty). */
int isms__csv_ids_collect(isms__csv_ids *ids, const isms__csv_table *t, size_t first,
                          size_t col);

/* The id of the `k`th row without one: "<prefix><k>", or "<prefix><k>-2", "<prefix><k>-3",
 * … when the file itself gives that id ("A3", "A3-2"). */
void isms__csv_ids_generate(char *buf, size_t size, const isms__csv_ids *ids,
                            const char *prefix, size_t k);

void isms__csv_ids_free(isms__csv_ids *ids);

/* Reads a CSV file to import: at most ISMS_CSV_MAX_INPUT bytes (see isms__file_read()). */
int isms__csv_load(char **data, size_t *len, const char *path);

/* Saves a document that an export function made to `path` without ever leaving a partial
 * file (see isms__file_save_atomic()), and frees the document. */
int isms__csv_save(const char *path, char *doc, size_t len);

/* ---- the header tables of the importers (for isms_table_detect(), doc-csv.c) --------------
 * Each importer's aliases, the same table it finds its header row and columns with, so that
 * the kind of a table is recognised by exactly the headers its importer reads. */
typedef struct isms__csv_alias_table {
    const isms__csv_alias *aliases;
    size_t n;
} isms__csv_alias_table;

isms__csv_alias_table isms__csv_risk_aliases(void);     /* csv-risk.c */
isms__csv_alias_table isms__csv_gap_aliases(void);      /* csv-gap.c */
isms__csv_alias_table isms__csv_asset_aliases(void);    /* csv-asset.c: assets */
isms__csv_alias_table isms__csv_relation_aliases(void); /* csv-asset.c: relations */
isms__csv_alias_table isms__csv_action_aliases(void);   /* csv-action.c */

#endif
