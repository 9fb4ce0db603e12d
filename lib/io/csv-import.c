/* What the CSV importers (csv-risk.c, csv-gap.c, csv-asset.c, csv-action.c) share, on the
 * generic table layer: trimmed views of cells, text quoted in messages, the notes of an
 * import, the errors and notes about a table's shape, the mapping of header cells onto
 * fields, and the ids made for rows without one. See csv-internal.h for the contract. */
#include <stdio.h>
#include <stdlib.h>
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

int isms__csv_header_row(size_t *hrow, const isms__csv_import *in,
                         const isms__csv_alias *aliases, size_t n_aliases, size_t max_rows,
                         const char *columns, const char *all_columns)
{
    int rc = isms__csv_import_check(in, columns);
    if (rc != ISMS_OK)
        return rc;
    *hrow = isms__csv_find_header(&in->table, aliases, n_aliases, 2, max_rows);
    if (*hrow == in->table.count)
        return isms__csv_error_no_header(in, all_columns);
    return ISMS_OK;
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

/* ---- the header row ----------------------------------------------------------------------- */

bool isms__csv_header_unnamed(const char *cell)
{
    isms__csv_header hd;
    isms__csv_header_normalise(&hd, cell);
    return !hd.norm[0];
}

int isms__csv_note_ignored(const isms__csv_import *in, isms_severity severity, size_t j,
                           const char *cell, const char *why_sv, const char *why_en)
{
    char name[80];
    isms__csv_header_display(name, sizeof name, cell);
    return ISMS__CSV_NOTE(in, severity, "csv-ignored-column", NULL,
                          "Kolumn %zu (\"%s\") %s och lästes inte in.",
                          "Column %zu (\"%s\") %s and was ignored.", j + 1, name,
                          in->lang == ISMS_LANG_SV ? why_sv : why_en);
}

int isms__csv_place_column(const isms__csv_import *in, size_t *col, int f, size_t j,
                           const char *cell, isms_severity unknown)
{
    if (f < 0)
        return isms__csv_note_ignored(in, unknown, j, cell, "känns inte igen",
                                      "is not recognised");
    if (col[f] != ISMS__CSV_NONE)
        return isms__csv_note_ignored(in, ISMS_SEVERITY_WARNING, j, cell,
                                      "upprepar en tidigare kolumn", "repeats an earlier column");
    col[f] = j;
    return ISMS_OK;
}

int isms__csv_map_header(const isms__csv_import *in, size_t hrow,
                         const isms__csv_alias *aliases, size_t n_aliases, size_t *col,
                         size_t n_fields)
{
    const isms__csv_record *h = &in->table.records[hrow];
    for (size_t f = 0; f < n_fields; f++)
        col[f] = ISMS__CSV_NONE;
    int rc = ISMS_OK;
    for (size_t j = 0; j < h->count && rc == ISMS_OK; j++) {
        const char *cell = isms__csv_unneutralise(h->cells[j]);
        isms__csv_header hd;
        isms__csv_header_normalise(&hd, cell);
        if (hd.norm[0]) /* else no header: see isms__csv_note_headerless() */
            rc = isms__csv_place_column(in, col, isms__csv_header_field(&hd, aliases, n_aliases),
                                        j, cell, ISMS_SEVERITY_INFO);
    }
    if (rc == ISMS_OK)
        rc = isms__csv_note_headerless(in, hrow, isms__csv_header_unnamed);
    return rc;
}

/* ---- ids of rows without one -------------------------------------------------------------- */

/* By length, then bytes: any total order serves the search. */
static int cmp_view(const void *a, const void *b)
{
    const isms__csv_view *x = a, *y = b;
    if (x->n != y->n)
        return x->n < y->n ? -1 : 1;
    return memcmp(x->s, y->s, x->n);
}

int isms__csv_ids_collect(isms__csv_ids *ids, const isms__csv_table *t, size_t first,
                          size_t col)
{
    ids->ids = NULL;
    ids->n = 0;
    if (col == ISMS__CSV_NONE || first >= t->count)
        return ISMS_OK;
    isms__csv_view *v = isms__malloc((t->count - first) * sizeof *v);
    if (!v)
        return isms__error_nomem();
    size_t k = 0;
    for (size_t i = first; i < t->count; i++) {
        v[k] = isms__csv_trimmed_cell(isms__csv_data_cell(&t->records[i], col));
        if (v[k].n > 0)
            k++;
    }
    qsort(v, k, sizeof *v, cmp_view);
    ids->ids = v;
    ids->n = k;
    return ISMS_OK;
}

static bool ids_has(const isms__csv_ids *ids, const char *s)
{
    isms__csv_view key = { s, strlen(s) };
    return ids->n && bsearch(&key, ids->ids, ids->n, sizeof *ids->ids, cmp_view) != NULL;
}

void isms__csv_ids_generate(char *buf, size_t size, const isms__csv_ids *ids,
                            const char *prefix, size_t k)
{
    snprintf(buf, size, "%s%zu", prefix, k);
    for (unsigned j = 2; ids_has(ids, buf); j++)
        snprintf(buf, size, "%s%zu-%u", prefix, k, j);
}

void isms__csv_ids_free(isms__csv_ids *ids)
{
    isms__free(ids->ids);
    ids->ids = NULL;
    ids->n = 0;
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
