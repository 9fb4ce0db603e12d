/* What the CSV importers (csv-risk.c, csv-gap.c) share, on the generic table layer: trimmed
 * views of cells, text quoted in messages, the notes of an import and the errors and notes
 * about a table's shape. See csv-internal.h for the contract. */
#include <string.h>

#include "csv-internal.h"
#include "io-internal.h"

/* ---- cells -------------------------------------------------------------------------------- */

isms__csv_view isms__csv_trimmed(const char *s, size_t n)
{
    size_t start, len;
    isms__trim_span(s, n, &start, &len);
    isms__csv_view v = { s + start, len };
    return v;
}

isms__csv_view isms__csv_trimmed_cell(const char *cell)
{
    return isms__csv_trimmed(cell, strlen(cell));
}

bool isms__csv_view_copy(char *buf, size_t size, isms__csv_view v)
{
    if (v.n >= size)
        return false;
    memcpy(buf, v.s, v.n);
    buf[v.n] = '\0';
    return true;
}

const char *isms__csv_data_cell(const isms__csv_record *rec, size_t col)
{
    return col == ISMS__CSV_NONE ? "" : isms__csv_unneutralise(isms__csv_cell(rec, col));
}

/* ---- text in messages --------------------------------------------------------------------- */

int isms__csv_show_len_n(const char *s, size_t n)
{
    if (n <= ISMS__CSV_SHOW_MAX)
        return (int)n;
    n = ISMS__CSV_SHOW_MAX;
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
        n--;
    return (int)n;
}

int isms__csv_show_len(const char *s)
{
    return isms__csv_show_len_n(s, strlen(s));
}

const char *isms__csv_show_more_n(size_t n)
{
    return n > ISMS__CSV_SHOW_MAX ? "…" : "";
}

const char *isms__csv_show_more(const char *s)
{
    return isms__csv_show_more_n(strlen(s));
}

/* ---- an import ---------------------------------------------------------------------------- */

int isms__csv_import_begin(isms__csv_import *in, const char *data, size_t len,
                           const char *source, isms_findings *notes)
{
    memset(in, 0, sizeof *in);
    in->source = source;
    if (len > ISMS_CSV_MAX_INPUT)
        return isms__error_at(ISMS_ERANGE, source, 0, 0,
                              "the CSV input is larger than %u MiB (%zu bytes)",
                              (unsigned)(ISMS_CSV_MAX_INPUT / (1024u * 1024u)), len);
    int rc = isms__csv_read(&in->table, data ? data : "", len, source);
    if (rc != ISMS_OK)
        return rc;
    if (notes) {
        in->lang = isms_findings_lang(notes);
        if ((rc = isms_findings_new(&in->notes, in->lang))) {
            isms__csv_table_free(&in->table);
            return rc;
        }
    }
    return ISMS_OK;
}

int isms__csv_import_end(isms__csv_import *in, int rc, isms_findings *notes)
{
    isms__csv_table_free(&in->table);
    size_t notes_before = isms_findings_count(notes);
    for (size_t i = 0; rc == ISMS_OK && i < isms_findings_count(in->notes); i++) {
        isms_finding f;
        isms_findings_get(&f, in->notes, i);
        rc = isms_findings_add(notes, f.severity, f.code, f.ref, f.message);
    }
    isms_findings_free(in->notes);
    in->notes = NULL;
    if (rc != ISMS_OK)
        isms__findings_truncate(notes, notes_before);
    return rc;
}

/* ---- the table's shape -------------------------------------------------------------------- */

int isms__csv_import_check(const isms__csv_import *in, const char *columns)
{
    int rc;
    if (in->table.encoding == ISMS__CSV_WINDOWS_1252 &&
        (rc = ISMS__CSV_NOTE(in, ISMS_SEVERITY_INFO, "csv-encoding", NULL,
                             "Filen är inte UTF-8 och lästes som Windows-1252%s.",
                             "The file is not UTF-8 and was read as Windows-1252%s.", "")))
        return rc;
    if (in->table.count == 0)
        return isms__error_at(ISMS_EPARSE, in->source, 1, 0,
                              "line 1: the file is empty; expected a header row with columns "
                              "such as %s",
                              columns);
    return ISMS_OK;
}

int isms__csv_error_no_header(const isms__csv_import *in, const char *columns)
{
    unsigned line = in->table.records[0].line;
    return isms__error_at(ISMS_EPARSE, in->source, line, 0,
                          "line %u: no header row found; expected columns such as %s", line,
                          columns);
}

int isms__csv_error_no_column(const isms__csv_import *in, size_t hrow, const char *column)
{
    unsigned line = in->table.records[hrow].line;
    return isms__error_at(ISMS_EPARSE, in->source, line, 0, "line %u: the header row has no %s",
                          line, column);
}

int isms__csv_note_headerless(const isms__csv_import *in, size_t hrow,
                              bool (*unnamed)(const char *header))
{
    if (!in->notes)
        return ISMS_OK;
    const isms__csv_table *t = &in->table;
    const isms__csv_record *h = &t->records[hrow];
    size_t width = 0;
    for (size_t i = hrow + 1; i < t->count; i++)
        if (t->records[i].count > width)
            width = t->records[i].count;
    if (width == 0)
        return ISMS_OK;
    unsigned char *seen = isms__calloc(width, 1);
    if (!seen)
        return isms__error_nomem();
    for (size_t i = hrow + 1; i < t->count; i++) {
        const isms__csv_record *rec = &t->records[i];
        for (size_t j = 0; j < rec->count; j++)
            if (!seen[j] && !isms__text_blank(rec->cells[j]))
                seen[j] = unnamed(isms__csv_cell(h, j)) ? 1 : 2; /* 2: has a header */
    }
    int rc = ISMS_OK;
    for (size_t j = 0; j < width && rc == ISMS_OK; j++)
        if (seen[j] == 1)
            rc = ISMS__CSV_NOTE(in, ISMS_SEVERITY_WARNING, "csv-ignored-column", NULL,
                                "Kolumn %zu saknar rubrik och lästes inte in.",
                                "Column %zu has no header and was ignored.", j + 1);
    isms__free(seen);
    return rc;
}

/* ---- files -------------------------------------------------------------------------------- */

int isms__csv_load(char **data, size_t *len, const char *path)
{
    return isms__file_read(data, len, path, ISMS_CSV_MAX_INPUT);
}

int isms__csv_save(const char *path, char *doc, size_t len)
{
    int rc = isms__file_save_atomic(path, doc, len);
    isms__free(doc);
    return rc;
}
