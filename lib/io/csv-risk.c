/* CSV import and export of risk registers (include/isms/csv.h), on the generic table layer. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv-internal.h"

/* ---- columns -------------------------------------------------------------------------- */

enum field {
    F_ID,
    F_TITLE,
    F_CONS_TEXT,
    F_LC,
    F_LIKELIHOOD,
    F_CONS_LEVEL,
    F_STATED,
    F_TREAT_TEXT,
    F_TREAT_OPT,
    F_OWNER,
    F_STATUS,
    F_RES_LC,
    F_RES_L,
    F_RES_C,
    F_VECTOR,   /* a vector of another rating method (CVSS, OWASP, DREAD) */
    F_COMPUTED, /* written for people by the export; recognised and ignored */
    F_BAND,     /* likewise */
    F_COUNT
};

/* Headers in any spelling: case, spaces, hyphens, diacritics and "(1-4)" hints do not
 * matter (see isms__csv_header_normalise()), so "Riskvärde" also covers "Riskvarde",
 * "RISKVÄRDE" and "Risk-\nvärde". A "Konsekvens" header with a numeric hint ("(1-4)") is
 * the consequence level, without one it is the consequence text. */
static const isms__csv_alias risk_aliases[] = {
    { "ID", F_ID },
    { "Nr", F_ID },
    { "Nummer", F_ID },
    { "Risk-ID", F_ID },
    { "Risknr", F_ID },
    { "Risknummer", F_ID },
    { "Löpnummer", F_ID },
    { "No", F_ID },
    { "Number", F_ID },
    { "Risk number", F_ID },
    { "Ref", F_ID },
    { "Referens", F_ID },
    { "Reference", F_ID },

    { "Risk", F_TITLE },
    { "Titel", F_TITLE },
    { "Title", F_TITLE },
    { "Risktitel", F_TITLE },
    { "Risk title", F_TITLE },
    { "Riskbeskrivning", F_TITLE },
    { "Risk description", F_TITLE },
    { "Beskrivning", F_TITLE },
    { "Description", F_TITLE },
    { "Riskscenario", F_TITLE },
    { "Risk scenario", F_TITLE },
    { "Risknamn", F_TITLE },
    { "Risk name", F_TITLE },
    { "Benämning", F_TITLE },

    { "Konsekvens", F_CONS_TEXT },
    { "Konsekvenser", F_CONS_TEXT },
    { "Konsekvensbeskrivning", F_CONS_TEXT },
    { "Beskrivning av konsekvens", F_CONS_TEXT },
    { "Consequence", F_CONS_TEXT },
    { "Consequences", F_CONS_TEXT },
    { "Consequence description", F_CONS_TEXT },

    { "Sannolikhet/konsekvens", F_LC },
    { "Sannolikhet och konsekvens", F_LC },
    { "S/K", F_LC },
    { "L/C", F_LC },
    { "L/I", F_LC },
    { "P/I", F_LC },
    { "Likelihood/consequence", F_LC },
    { "Likelihood/impact", F_LC },
    { "Probability/impact", F_LC },
    { "Probability/consequence", F_LC },
    { "Likelihood and consequence", F_LC },

    { "Sannolikhet", F_LIKELIHOOD },
    { "Sannolikhetsnivå", F_LIKELIHOOD },
    { "Likelihood", F_LIKELIHOOD },
    { "Likelihood level", F_LIKELIHOOD },
    { "Probability", F_LIKELIHOOD },

    { "Konsekvensnivå", F_CONS_LEVEL },
    { "Konsekvensgrad", F_CONS_LEVEL },
    { "Allvarlighetsgrad", F_CONS_LEVEL },
    { "Impact", F_CONS_LEVEL },
    { "Impact level", F_CONS_LEVEL },
    { "Consequence level", F_CONS_LEVEL },
    { "Severity", F_CONS_LEVEL },

    { "Riskvärde", F_STATED },
    { "Risk value", F_STATED },
    { "Värde", F_STATED },
    { "Value", F_STATED },
    { "Score", F_STATED },
    { "Risk score", F_STATED },
    { "Riskpoäng", F_STATED },
    { "Poäng", F_STATED },
    { "Risktal", F_STATED },

    { "Åtgärd", F_TREAT_TEXT },
    { "Åtgärder", F_TREAT_TEXT },
    { "Åtgärdsförslag", F_TREAT_TEXT },
    { "Föreslagen åtgärd", F_TREAT_TEXT },
    { "Föreslagna åtgärder", F_TREAT_TEXT },
    { "Planerad åtgärd", F_TREAT_TEXT },
    { "Planerade åtgärder", F_TREAT_TEXT },
    { "Riskbehandling", F_TREAT_TEXT },
    { "Handlingsplan", F_TREAT_TEXT },
    { "Treatment", F_TREAT_TEXT },
    { "Treatment plan", F_TREAT_TEXT },
    { "Action", F_TREAT_TEXT },
    { "Actions", F_TREAT_TEXT },
    { "Measures", F_TREAT_TEXT },
    { "Mitigation", F_TREAT_TEXT },

    { "Behandlingsalternativ", F_TREAT_OPT },
    { "Behandlingsstrategi", F_TREAT_OPT },
    { "Behandling", F_TREAT_OPT },
    { "Strategi", F_TREAT_OPT },
    { "Treatment option", F_TREAT_OPT },
    { "Treatment strategy", F_TREAT_OPT },
    { "Strategy", F_TREAT_OPT },

    { "Ansvarig", F_OWNER },
    { "Riskägare", F_OWNER },
    { "Ägare", F_OWNER },
    { "Owner", F_OWNER },
    { "Risk owner", F_OWNER },
    { "Responsible", F_OWNER },

    { "Status", F_STATUS },
    { "Riskstatus", F_STATUS },
    { "State", F_STATUS },

    { "Kvarstående sannolikhet/konsekvens", F_RES_LC },
    { "Kvarstående S/K", F_RES_LC },
    { "Restrisk sannolikhet/konsekvens", F_RES_LC },
    { "Restrisk S/K", F_RES_LC },
    { "Residual L/C", F_RES_LC },
    { "Residual likelihood/consequence", F_RES_LC },
    { "Residual likelihood/impact", F_RES_LC },

    { "Kvarstående sannolikhet", F_RES_L },
    { "Restrisk sannolikhet", F_RES_L },
    { "Residual likelihood", F_RES_L },
    { "Residual probability", F_RES_L },

    { "Kvarstående konsekvens", F_RES_C },
    { "Restrisk konsekvens", F_RES_C },
    { "Residual consequence", F_RES_C },
    { "Residual impact", F_RES_C },

    { "Vektor", F_VECTOR },
    { "Vector", F_VECTOR },
    { "Riskvektor", F_VECTOR },
    { "Risk vector", F_VECTOR },
    { "Bedömningsvektor", F_VECTOR },
    { "Rating vector", F_VECTOR },

    { "Beräknat riskvärde", F_COMPUTED },
    { "Beräknat värde", F_COMPUTED },
    { "Computed value", F_COMPUTED },
    { "Computed risk value", F_COMPUTED },
    { "Risknivå", F_BAND },
    { "Risk level", F_BAND },
    { "Band", F_BAND },
};
#define N_ALIASES (sizeof risk_aliases / sizeof *risk_aliases)

isms__csv_alias_table isms__csv_risk_aliases(void)
{
    isms__csv_alias_table t = { risk_aliases, N_ALIASES };
    return t;
}

/* Title rows above the header are searched this far. */
enum { HEADER_SEARCH_ROWS = 50, TEXT_MAX = 256, VECTOR_MAX = 512 };

typedef struct layout {
    const isms__csv_record *header;
    size_t col[F_COUNT]; /* column index per field, or NONE */
} layout;
#define NONE ISMS__CSV_NONE

/* ---- notes (collected, handed to the caller only on success) -------------------------- */

typedef struct importer {
    isms__csv_import in; /* the source, the table and the notes */
    isms_register *reg;
    const isms_matrix *m;
    unsigned *lines; /* line of each risk added, for duplicate-id messages */
    size_t lines_cap;
} importer;

/* Adds a note to the temporary list; messages in the list's language. */
#define NOTE(imp, ...) ISMS__CSV_NOTE(&(imp)->in, __VA_ARGS__)

/* ---- the header ------------------------------------------------------------------------ */

/* True when every non-empty cell of column `col` below the header is a whole number. */
static bool column_is_numeric(const isms__csv_table *t, size_t first, size_t col)
{
    bool any = false;
    for (size_t i = first; i < t->count; i++) {
        isms__csv_view v = isms__csv_trimmed_cell(isms__csv_data_cell(&t->records[i], col));
        if (v.n == 0)
            continue;
        char buf[32];
        int x;
        if (!isms__csv_view_copy(buf, sizeof buf, v) || !isms__parse_int(buf, &x))
            return false;
        any = true;
    }
    return any;
}

static int map_columns(layout *lay, importer *imp, const isms__csv_table *t, size_t hrow)
{
    const isms__csv_record *h = &t->records[hrow];
    lay->header = h;
    for (size_t f = 0; f < F_COUNT; f++)
        lay->col[f] = NONE;
    size_t cons_text_columns = 0;
    int rc = ISMS_OK;
    for (size_t j = 0; j < h->count && rc == ISMS_OK; j++) {
        const char *cell = h->cells[j];
        isms__csv_header hd;
        isms__csv_header_normalise(&hd, cell);
        if (!hd.norm[0])
            continue; /* no header: see isms__csv_note_headerless() */
        int f = isms__csv_header_field(&hd, risk_aliases, N_ALIASES);
        if (f == F_CONS_TEXT && hd.numeric_hint)
            f = F_CONS_LEVEL; /* "Konsekvens (1-4)" */
        if (f == F_CONS_TEXT)
            cons_text_columns++;
        rc = isms__csv_place_column(&imp->in, lay->col, f, j, cell, ISMS_SEVERITY_WARNING);
    }
    if (rc != ISMS_OK)
        return rc;

    if ((rc = isms__csv_note_headerless(&imp->in, hrow, isms__csv_header_unnamed)))
        return rc;

    /* "Sannolikhet" next to a plain "Konsekvens" that holds only numbers: the numbers are the
     * consequence level, not a description. */
    if (lay->col[F_LIKELIHOOD] != NONE && lay->col[F_CONS_LEVEL] == NONE &&
        lay->col[F_LC] == NONE && lay->col[F_CONS_TEXT] != NONE && cons_text_columns == 1 &&
        column_is_numeric(t, hrow + 1, lay->col[F_CONS_TEXT])) {
        lay->col[F_CONS_LEVEL] = lay->col[F_CONS_TEXT];
        lay->col[F_CONS_TEXT] = NONE;
    }

    /* A combined L/C column wins over separate ones. */
    static const int pairs[2][3] = { { F_LC, F_LIKELIHOOD, F_CONS_LEVEL },
                                     { F_RES_LC, F_RES_L, F_RES_C } };
    for (int p = 0; p < 2 && rc == ISMS_OK; p++) {
        if (lay->col[pairs[p][0]] == NONE)
            continue;
        for (int k = 1; k < 3 && rc == ISMS_OK; k++) {
            size_t j = lay->col[pairs[p][k]];
            if (j == NONE)
                continue;
            rc = isms__csv_note_ignored(&imp->in, ISMS_SEVERITY_WARNING, j, h->cells[j],
                                        "överlappar kolumnen med sannolikhet/konsekvens",
                                        "overlaps the likelihood/consequence column");
            lay->col[pairs[p][k]] = NONE;
        }
    }
    return rc;
}

/* ---- cells ---------------------------------------------------------------------------- */

/* The error for a cell: "line 14, column 3 ("Sannolikhet/konsekvens (1-4)"): …". */
static int cell_error(const importer *imp, const layout *lay, unsigned line, size_t col,
                      int code, const char *what, const char *value)
{
    char name[80];
    isms__csv_header_display(name, sizeof name, isms__csv_cell(lay->header, col));
    return isms__error_at(code, imp->in.source, line, (unsigned)(col + 1),
                          "line %u, column %zu (\"%s\"): \"%.*s%s\" %s", line, col + 1, name,
                          isms__csv_show_len(value), value, isms__csv_show_more(value), what);
}

/* One level: empty = unset; a whole number is kept as given (even off the scale, which lint
 * reports); otherwise a label of the axis's scale. */
static bool parse_level(int *out, const isms_matrix *m, isms_axis axis, isms__csv_view v)
{
    if (v.n == 0) {
        *out = ISMS_LEVEL_UNSET;
        return true;
    }
    char buf[TEXT_MAX];
    if (!isms__csv_view_copy(buf, sizeof buf, v))
        return false;
    if (isms__parse_int(buf, out))
        return true;
    int value;
    if (isms_matrix_parse_level(&value, m, axis, buf) != ISMS_OK)
        return false;
    *out = value;
    return true;
}

/* "3/4", "3 / 4", "Möjlig/Allvarlig", "3/" (consequence unset) or "" (both unset). Every
 * slash is tried as the separator, so labels that contain one still work. */
static bool parse_pair(int *l, int *c, const isms_matrix *m, const char *cell)
{
    isms__csv_view v = isms__csv_trimmed_cell(cell);
    if (v.n == 0) {
        *l = *c = ISMS_LEVEL_UNSET;
        return true;
    }
    for (size_t i = 0; i < v.n; i++) {
        if (v.s[i] != '/')
            continue;
        isms__csv_view a = isms__csv_trimmed(v.s, i);
        isms__csv_view b = isms__csv_trimmed(v.s + i + 1, v.n - i - 1);
        int x, y;
        if (parse_level(&x, m, ISMS_AXIS_LIKELIHOOD, a) &&
            parse_level(&y, m, ISMS_AXIS_CONSEQUENCE, b)) {
            *l = x;
            *c = y;
            return true;
        }
    }
    return false;
}

typedef struct row {
    const char *id;       /* NULL: generate */
    const char *title;
    const char *cons_text;
    int l, c, rl, rc;
    int stated;
    isms_treatment option;
    const char *treat_text;
    const char *owner;
    isms_risk_status status;
    const char *vector; /* trimmed, valid (rated by isms_rating_parse()), or NULL */
} row;

static int read_levels(int *l, int *c, const importer *imp, const layout *lay,
                       const isms__csv_record *rec, int f_pair, int f_l, int f_c)
{
    *l = *c = ISMS_LEVEL_UNSET;
    if (lay->col[f_pair] != NONE) {
        const char *cell = isms__csv_data_cell(rec, lay->col[f_pair]);
        if (!parse_pair(l, c, imp->m, cell))
            return cell_error(imp, lay, rec->line, lay->col[f_pair], ISMS_EPARSE,
                              "is not likelihood/consequence such as 3/4", cell);
        return ISMS_OK;
    }
    if (lay->col[f_l] != NONE) {
        const char *cell = isms__csv_data_cell(rec, lay->col[f_l]);
        if (!parse_level(l, imp->m, ISMS_AXIS_LIKELIHOOD, isms__csv_trimmed_cell(cell)))
            return cell_error(imp, lay, rec->line, lay->col[f_l], ISMS_EPARSE,
                              "is not a likelihood level such as 3", cell);
    }
    if (lay->col[f_c] != NONE) {
        const char *cell = isms__csv_data_cell(rec, lay->col[f_c]);
        if (!parse_level(c, imp->m, ISMS_AXIS_CONSEQUENCE, isms__csv_trimmed_cell(cell)))
            return cell_error(imp, lay, rec->line, lay->col[f_c], ISMS_EPARSE,
                              "is not a consequence level such as 4", cell);
    }
    return ISMS_OK;
}

/* Lists the labels of an enumeration for an error message: "Reducera, … / Modify, …". */
static void list_labels(char *buf, size_t size, const char *(*label)(int, isms_lang), int from,
                        int to)
{
    size_t n = 0;
    buf[0] = '\0';
    for (int lang = 0; lang < 2; lang++) {
        for (int v = from; v <= to; v++) {
            const char *s = label(v, (isms_lang)lang);
            if (!s || !*s)
                continue;
            int w = snprintf(buf + n, size - n, "%s%s", n == 0 ? "" : v == from ? " / " : ", ",
                             s);
            if (w < 0 || (size_t)w >= size - n)
                return;
            n += (size_t)w;
        }
    }
}

static const char *treatment_label(int v, isms_lang lang)
{
    return isms_treatment_label((isms_treatment)v, lang);
}

static const char *status_label(int v, isms_lang lang)
{
    return isms_risk_status_label((isms_risk_status)v, lang);
}

/* The vector cell: empty, or a vector that isms_rating_parse() rates. Vectors are short
 * (a CVSS 4.0 vector with every metric written out is under 300 bytes), so a cell too long
 * for `buf` (VECTOR_MAX) is no vector. */
static int read_vector(row *r, const importer *imp, const layout *lay,
                       const isms__csv_record *rec, char *buf, size_t size)
{
    r->vector = NULL;
    size_t col = lay->col[F_VECTOR];
    if (col == NONE)
        return ISMS_OK;
    const char *cell = isms__csv_data_cell(rec, col);
    isms__csv_view v = isms__csv_trimmed_cell(cell);
    if (v.n == 0)
        return ISMS_OK;
    char what[700];
    isms_rating rating;
    if (!isms__csv_view_copy(buf, size, v))
        return cell_error(imp, lay, rec->line, col, ISMS_EPARSE,
                          "is not a risk vector: it is too long", cell);
    if (isms_rating_parse(&rating, buf) != ISMS_OK) {
        snprintf(what, sizeof what, "is not a risk vector (%s)", isms_error_last()->message);
        return cell_error(imp, lay, rec->line, col, ISMS_EPARSE, what, cell);
    }
    r->vector = buf;
    return ISMS_OK;
}

static int read_row(row *r, const importer *imp, const layout *lay,
                    const isms__csv_record *rec, char *idbuf, size_t idsize, char **idheap,
                    char *vecbuf, size_t vecsize)
{
    const size_t *col = lay->col;
    int rc;
    r->id = NULL;
    if (col[F_ID] != NONE) {
        isms__csv_view v = isms__csv_trimmed_cell(isms__csv_data_cell(rec, col[F_ID]));
        if (v.n > 0) {
            if (isms__csv_view_copy(idbuf, idsize, v)) {
                r->id = idbuf;
            } else {
                *idheap = isms__strndup(v.s, v.n);
                if (!*idheap)
                    return isms__error_nomem();
                r->id = *idheap;
            }
        }
    }
    r->title = isms__csv_data_cell(rec, col[F_TITLE]);
    r->cons_text = isms__csv_data_cell(rec, col[F_CONS_TEXT]);
    if ((rc = read_levels(&r->l, &r->c, imp, lay, rec, F_LC, F_LIKELIHOOD, F_CONS_LEVEL)))
        return rc;

    r->stated = ISMS_VALUE_UNSET;
    if (col[F_STATED] != NONE) {
        const char *cell = isms__csv_data_cell(rec, col[F_STATED]);
        isms__csv_view v = isms__csv_trimmed_cell(cell);
        char buf[32];
        if (v.n > 0 &&
            (!isms__csv_view_copy(buf, sizeof buf, v) || !isms__parse_int(buf, &r->stated)))
            return cell_error(imp, lay, rec->line, col[F_STATED], ISMS_EPARSE,
                              "is not a risk value (a whole number such as 12)", cell);
    }

    r->treat_text = isms__csv_data_cell(rec, col[F_TREAT_TEXT]);
    r->option = ISMS_TREATMENT_NONE;
    if (col[F_TREAT_OPT] != NONE) {
        const char *cell = isms__csv_data_cell(rec, col[F_TREAT_OPT]);
        isms__csv_view v = isms__csv_trimmed_cell(cell);
        char buf[TEXT_MAX];
        if (v.n > 0 &&
            (!isms__csv_view_copy(buf, sizeof buf, v) ||
             isms_treatment_parse(&r->option, buf) != ISMS_OK)) {
            char what[300], labels[240];
            list_labels(labels, sizeof labels, treatment_label, ISMS_TREATMENT_MODIFY,
                        ISMS_TREATMENT_SHARE);
            snprintf(what, sizeof what, "is not a treatment option (%s)", labels);
            return cell_error(imp, lay, rec->line, col[F_TREAT_OPT], ISMS_EPARSE, what, cell);
        }
    }
    r->owner = isms__csv_data_cell(rec, col[F_OWNER]);
    r->status = ISMS_RISK_OPEN;
    if (col[F_STATUS] != NONE) {
        const char *cell = isms__csv_data_cell(rec, col[F_STATUS]);
        isms__csv_view v = isms__csv_trimmed_cell(cell);
        char buf[TEXT_MAX];
        if (v.n > 0 &&
            (!isms__csv_view_copy(buf, sizeof buf, v) ||
             isms_risk_status_parse(&r->status, buf) != ISMS_OK)) {
            char what[300], labels[240];
            list_labels(labels, sizeof labels, status_label, ISMS_RISK_OPEN, ISMS_RISK_CLOSED);
            snprintf(what, sizeof what, "is not a risk status (%s)", labels);
            return cell_error(imp, lay, rec->line, col[F_STATUS], ISMS_EPARSE, what, cell);
        }
    }
    if ((rc = read_vector(r, imp, lay, rec, vecbuf, vecsize)))
        return rc;
    return read_levels(&r->rl, &r->rc, imp, lay, rec, F_RES_LC, F_RES_L, F_RES_C);
}

/* ---- import ---------------------------------------------------------------------------- */

static int add_row(importer *imp, const layout *lay, const isms__csv_record *rec, const row *r,
                   const char *id)
{
    isms_risk *risk = NULL;
    size_t count = isms_register_count(imp->reg);
    if (!isms__grow((void **)&imp->lines, &imp->lines_cap, count + 1, sizeof *imp->lines))
        return isms__error_nomem();
    int rc = isms_register_add(&risk, imp->reg, id, r->title, r->l, r->c);
    if (rc == ISMS_EEXIST) {
        unsigned first = 0;
        for (size_t i = 0; i < count; i++)
            if (strcmp(isms_risk_id(isms_register_at(imp->reg, i)), id) == 0)
                first = imp->lines[i];
        size_t col = lay->col[F_ID];
        char name[80];
        isms__csv_header_display(name, sizeof name, isms__csv_cell(lay->header, col));
        return isms__error_at(ISMS_EEXIST, imp->in.source, rec->line, (unsigned)(col + 1),
                              "line %u, column %zu (\"%s\"): the id \"%.*s%s\" is already "
                              "used on line %u",
                              rec->line, col + 1, name, isms__csv_show_len(id), id,
                              isms__csv_show_more(id), first);
    }
    if (rc != ISMS_OK)
        return rc;
    imp->lines[count] = rec->line;
    if (*r->cons_text && (rc = isms_risk_set_consequence_text(risk, r->cons_text)))
        return rc;
    if (r->stated != ISMS_VALUE_UNSET && (rc = isms_risk_set_stated_value(risk, r->stated)))
        return rc;
    if ((r->option != ISMS_TREATMENT_NONE || *r->treat_text) &&
        (rc = isms_risk_set_treatment(risk, r->option, *r->treat_text ? r->treat_text : NULL)))
        return rc;
    if (*r->owner && (rc = isms_risk_set_owner(risk, r->owner)))
        return rc;
    if (r->status != ISMS_RISK_OPEN && (rc = isms_risk_set_status(risk, r->status)))
        return rc;
    if ((r->rl != ISMS_LEVEL_UNSET || r->rc != ISMS_LEVEL_UNSET) &&
        (rc = isms_risk_set_residual(risk, r->rl, r->rc)))
        return rc;
    if (r->vector && (rc = isms_risk_set_vector(risk, r->vector)))
        return rc;
    return ISMS_OK;
}

/* The header row of a file whose only known column is the title ("Risk;Anteckning"): the
 * first row, among those searched, with a title header. Used when no row has two known
 * headers. Returns t->count when there is none. */
static size_t find_title_only_header(const isms__csv_table *t)
{
    size_t rows = t->count < HEADER_SEARCH_ROWS ? t->count : HEADER_SEARCH_ROWS;
    for (size_t i = 0; i < rows; i++)
        for (size_t j = 0; j < t->records[i].count; j++) {
            isms__csv_header h;
            isms__csv_header_normalise(&h, t->records[i].cells[j]);
            if (isms__csv_header_field(&h, risk_aliases, N_ALIASES) == F_TITLE)
                return i;
        }
    return t->count;
}

static int import_table(importer *imp)
{
    const isms__csv_table *t = &imp->in.table;
    int rc = isms__csv_import_check(&imp->in, "Risk, Konsekvens, Sannolikhet/konsekvens, "
                                              "Riskvärde, Åtgärd");
    if (rc != ISMS_OK)
        return rc;
    size_t hrow = isms__csv_find_header(t, risk_aliases, N_ALIASES, 2, HEADER_SEARCH_ROWS);
    if (hrow == t->count)
        hrow = find_title_only_header(t);
    if (hrow == t->count)
        return isms__csv_error_no_header(&imp->in,
                                         "Risk, Konsekvens, Sannolikhet/konsekvens (1-4), "
                                         "Riskvärde, Åtgärd (or Risk, Consequence, "
                                         "Likelihood/consequence, Risk value, Treatment)");
    layout lay;
    if ((rc = map_columns(&lay, imp, t, hrow)))
        return rc;
    if (lay.col[F_TITLE] == NONE)
        return isms__csv_error_no_column(&imp->in, hrow,
                                         "risk column (Risk, Titel, Title or Riskbeskrivning)");

    /* Ids for rows without one must not take an id that a later row gives explicitly. */
    isms__csv_ids ids;
    if ((rc = isms__csv_ids_collect(&ids, t, hrow + 1, lay.col[F_ID])))
        return rc;

    size_t k = 0;
    for (size_t i = hrow + 1; i < t->count && rc == ISMS_OK; i++) {
        const isms__csv_record *rec = &t->records[i];
        if (isms__csv_record_blank(rec))
            continue;
        k++;
        row r;
        char idbuf[TEXT_MAX], gen[48], vecbuf[VECTOR_MAX];
        char *idheap = NULL;
        rc = read_row(&r, imp, &lay, rec, idbuf, sizeof idbuf, &idheap, vecbuf, sizeof vecbuf);
        if (rc == ISMS_OK) {
            const char *id = r.id;
            if (!id) {
                isms__csv_ids_generate(gen, sizeof gen, &ids, "R", k);
                id = gen;
            }
            rc = add_row(imp, &lay, rec, &r, id);
            if (rc == ISMS_OK && !r.id && lay.col[F_ID] != NONE)
                rc = NOTE(imp, ISMS_SEVERITY_INFO, "csv-generated-id", id,
                          "Rad %u saknar id; risken fick id %s.",
                          "Line %u has no id; the risk got the id %s.", rec->line, id);
        }
        isms__free(idheap);
    }
    isms__csv_ids_free(&ids);
    if (rc == ISMS_OK && lay.col[F_ID] == NONE && k == 1)
        rc = NOTE(imp, ISMS_SEVERITY_INFO, "csv-generated-id", NULL,
                  "Filen har ingen id-kolumn; risken fick id R%d.",
                  "The file has no id column; the risk got the id R%d.", 1);
    else if (rc == ISMS_OK && lay.col[F_ID] == NONE && k > 1)
        rc = NOTE(imp, ISMS_SEVERITY_INFO, "csv-generated-id", NULL,
                  "Filen har ingen id-kolumn; riskerna fick id R1–R%zu i filens ordning.",
                  "The file has no id column; the risks got the ids R1–R%zu in file order.", k);
    return rc;
}

int isms_register_parse_csv(isms_register **out, const char *data, size_t len,
                            const char *source, isms_matrix *matrix, isms_findings *notes)
{
    if (!out || (!data && len > 0))
        return isms__error(ISMS_EINVAL, "isms_register_parse_csv: NULL argument");
    importer imp;
    memset(&imp, 0, sizeof imp);
    int rc = isms__csv_import_begin(&imp.in, data, len, source, notes);
    if (rc != ISMS_OK)
        return rc;
    if ((rc = isms_register_new(&imp.reg, matrix)) == ISMS_OK) {
        imp.m = isms_register_matrix(imp.reg);
        rc = import_table(&imp);
    }
    isms__free(imp.lines);
    if ((rc = isms__csv_import_end(&imp.in, rc, notes)) != ISMS_OK) {
        isms_register_free(imp.reg);
        return rc;
    }
    *out = imp.reg;
    return ISMS_OK;
}

int isms_register_load_csv(isms_register **out, const char *path, isms_matrix *matrix,
                           isms_findings *notes)
{
    if (!out || !path)
        return isms__error(ISMS_EINVAL, "isms_register_load_csv: NULL argument");
    char *data = NULL;
    size_t len = 0;
    int rc = isms__csv_load(&data, &len, path);
    if (rc == ISMS_OK)
        rc = isms_register_parse_csv(out, data, len, path, matrix, notes);
    isms__free(data);
    return rc;
}

/* ---- export ---------------------------------------------------------------------------- */

static void put_int(isms__csv_writer *w, int v)
{
    if (v == ISMS_LEVEL_UNSET) {
        isms__csv_write_cell(w, "");
        return;
    }
    char buf[16];
    snprintf(buf, sizeof buf, "%d", v);
    isms__csv_write_cell(w, buf);
}

static void put_pair(isms__csv_writer *w, int l, int c)
{
    if (l == ISMS_LEVEL_UNSET && c == ISMS_LEVEL_UNSET) {
        isms__csv_write_cell(w, "");
        return;
    }
    char a[16] = "", b[16] = "", buf[40];
    if (l != ISMS_LEVEL_UNSET)
        snprintf(a, sizeof a, "%d", l);
    if (c != ISMS_LEVEL_UNSET)
        snprintf(b, sizeof b, "%d", c);
    snprintf(buf, sizeof buf, "%s/%s", a, b);
    isms__csv_write_cell(w, buf);
}

/* "(1-4)", or "(1-5/1-4)" when the scales differ. */
static void scale_hint(char *buf, size_t size, const isms_matrix *m)
{
    int lo[2] = { 0, 0 }, hi[2] = { 0, 0 };
    for (int a = 0; a < 2; a++) {
        size_t n = isms_matrix_level_count(m, (isms_axis)a);
        isms_level lv;
        if (n && isms_matrix_level(&lv, m, (isms_axis)a, 0) == ISMS_OK)
            lo[a] = lv.value;
        if (n && isms_matrix_level(&lv, m, (isms_axis)a, n - 1) == ISMS_OK)
            hi[a] = lv.value;
    }
    if (lo[0] == lo[1] && hi[0] == hi[1])
        snprintf(buf, size, "(%d-%d)", lo[0], hi[0]);
    else
        snprintf(buf, size, "(%d-%d/%d-%d)", lo[0], hi[0], lo[1], hi[1]);
}

int isms_register_write_csv(char **out, size_t *len, const isms_register *reg, isms_lang lang,
                            unsigned flags)
{
    if (!out || !reg)
        return isms__error(ISMS_EINVAL, "isms_register_write_csv: NULL argument");
    isms__csv_writer w;
    int rc = isms__csv_writer_open(&w, "isms_register_write_csv", lang, flags);
    if (rc != ISMS_OK)
        return rc;

    const isms_matrix *m = isms_register_matrix(reg);

    char hint[48], lc[96];
    scale_hint(hint, sizeof hint, m);
    bool sv = lang == ISMS_LANG_SV;
    snprintf(lc, sizeof lc, "%s %s", sv ? "Sannolikhet/konsekvens" : "Likelihood/consequence",
             hint);
    /* The vector column only when a risk has a vector, so that registers without vectors
     * export as before. */
    size_t n = isms_register_count(reg);
    bool vectors = false;
    for (size_t i = 0; i < n && !vectors; i++)
        vectors = *isms_risk_vector(isms_register_at(reg, i)) != '\0';
    const char *headers[13] = {
        "ID",
        "Risk",
        sv ? "Konsekvens" : "Consequence",
        lc,
        sv ? "Riskvärde" : "Risk value",
        sv ? "Åtgärd" : "Treatment",
        sv ? "Behandlingsalternativ" : "Treatment option",
        sv ? "Ansvarig" : "Owner",
        "Status",
        sv ? "Kvarstående sannolikhet/konsekvens" : "Residual likelihood/consequence",
        sv ? "Vektor" : "Vector",
        sv ? "Beräknat riskvärde" : "Computed value",
        sv ? "Risknivå" : "Risk level",
    };
    for (size_t i = 0; i < 13; i++)
        if (i != 10 || vectors)
            isms__csv_write_cell(&w, headers[i]);
    isms__csv_end_row(&w);

    for (size_t i = 0; i < n && !w.buf.failed; i++) {
        const isms_risk *r = isms_register_at(reg, i);
        isms__csv_write_cell(&w, isms_risk_id(r));
        isms__csv_write_cell(&w, isms_risk_title(r));
        isms__csv_write_cell(&w, isms_risk_consequence_text(r));
        put_pair(&w, isms_risk_likelihood(r), isms_risk_consequence(r));
        put_int(&w, isms_risk_stated_value(r));
        isms__csv_write_cell(&w, isms_risk_treatment_text(r));
        isms__csv_write_cell(&w, isms_treatment_label(isms_risk_treatment(r), lang));
        isms__csv_write_cell(&w, isms_risk_owner(r));
        isms__csv_write_cell(&w, isms_risk_status_label(isms_risk_get_status(r), lang));
        put_pair(&w, isms_risk_residual_likelihood(r), isms_risk_residual_consequence(r));
        if (vectors)
            isms__csv_write_cell(&w, isms_risk_vector(r));
        int value = isms_risk_value(r, ISMS_INHERENT);
        put_int(&w, value);
        const char *band = "";
        isms_band b;
        int bi = value == ISMS_VALUE_UNSET ? -1 : isms_matrix_band_of(m, value);
        if (bi >= 0 && isms_matrix_band(&b, m, (size_t)bi) == ISMS_OK)
            band = sv ? b.label_sv : b.label_en;
        isms__csv_write_cell(&w, band);
        isms__csv_end_row(&w);
    }
    return isms__csv_writer_close(&w, out, len);
}

int isms_register_save_csv(const char *path, const isms_register *reg, isms_lang lang,
                           unsigned flags)
{
    if (!path || !reg)
        return isms__error(ISMS_EINVAL, "isms_register_save_csv: NULL argument");
    char *doc = NULL;
    size_t len = 0;
    int rc = isms_register_write_csv(&doc, &len, reg, lang, flags);
    if (rc != ISMS_OK)
        return rc;
    return isms__csv_save(path, doc, len);
}
