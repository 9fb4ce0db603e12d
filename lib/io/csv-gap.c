/* CSV import and export of gap analyses and Statements of Applicability (include/isms/csv.h),
 * on the generic table layer (csv-internal.h). The structure follows csv-risk.c. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assess/assess-internal.h"
#include "catalog/catalog-internal.h"
#include "csv-internal.h"

/* ---- columns -------------------------------------------------------------------------- */

enum field {
    F_REF,      /* the reference: ISO, Avsnitt, Clause, Krav-ID */
    F_REF_ID,   /* a generic id header (Id, Ref): the reference when no F_REF column exists */
    F_REF_WEAK, /* Control, Kontroll: the reference when alone, else the requirement text */
    F_TEXT,
    F_STATUS,
    F_COMMENT,
    F_PLAN,
    F_OWNER,
    F_NEED,
    F_DUE,
    F_EVIDENCE,
    F_APPLICABLE,
    F_JUSTIFICATION,
    F_REASONS,
    F_ORIGIN,
    F_COUNT
};

/* Headers in any spelling: case, spaces, hyphens, diacritics and parenthesised hints do not
 * matter (see isms__csv_header_normalise()), so "Åtgärdsbehov" also covers "ÅTGÄRDSBEHOV",
 * "Atgardsbehov" and "Åtgärds-\nbehov". */
static const isms__csv_alias gap_aliases[] = {
    { "ISO", F_REF },
    { "ISO-referens", F_REF },
    { "ISO 27001", F_REF },
    { "ISO/IEC 27001", F_REF },
    { "Krav-ID", F_REF },
    { "Kravnummer", F_REF },
    { "Kravnr", F_REF },
    { "Avsnitt", F_REF },
    { "Avsnittsnummer", F_REF },
    { "Punkt", F_REF },
    { "Clause", F_REF },
    { "Clause number", F_REF },
    { "Clause no", F_REF },
    { "Control ID", F_REF },
    { "Control no", F_REF },
    { "Control number", F_REF },
    { "Requirement ID", F_REF },
    { "Kontroll-ID", F_REF },
    { "Åtgärds-ID", F_REF },

    { "Id", F_REF_ID },
    { "Ref", F_REF_ID },
    { "Referens", F_REF_ID },
    { "Reference", F_REF_ID },

    { "Control", F_REF_WEAK },
    { "Kontroll", F_REF_WEAK },

    { "Krav", F_TEXT },
    { "Kravtext", F_TEXT },
    { "Kravbeskrivning", F_TEXT },
    { "Kravrubrik", F_TEXT },
    { "Rubrik", F_TEXT },
    { "Titel", F_TEXT },
    { "Benämning", F_TEXT },
    { "Säkerhetsåtgärd", F_TEXT },
    { "Requirement", F_TEXT },
    { "Requirement text", F_TEXT },
    { "Title", F_TEXT },
    { "Control title", F_TEXT },
    { "Control name", F_TEXT },
    { "Heading", F_TEXT },

    { "Nuläge", F_STATUS },
    { "Status", F_STATUS },
    { "Uppfyllt", F_STATUS },
    { "Uppfylls", F_STATUS },
    { "Uppfyllnad", F_STATUS },
    { "Efterlevnad", F_STATUS },
    { "Implementerad", F_STATUS },
    { "Införd", F_STATUS },
    { "Implemented", F_STATUS },
    { "Implementation status", F_STATUS },
    { "Compliance", F_STATUS },
    { "Current state", F_STATUS },

    { "Kommentar", F_COMMENT },
    { "Kommentarer", F_COMMENT },
    { "Anteckning", F_COMMENT },
    { "Anteckningar", F_COMMENT },
    { "Notering", F_COMMENT },
    { "Noteringar", F_COMMENT },
    { "Comment", F_COMMENT },
    { "Comments", F_COMMENT },
    { "Note", F_COMMENT },
    { "Notes", F_COMMENT },
    { "Remarks", F_COMMENT },

    { "Handlingsplan", F_PLAN },
    { "Åtgärd", F_PLAN },
    { "Åtgärder", F_PLAN },
    { "Åtgärdsplan", F_PLAN },
    { "Planerad åtgärd", F_PLAN },
    { "Planerade åtgärder", F_PLAN },
    { "Action plan", F_PLAN },
    { "Actions", F_PLAN },
    { "Action", F_PLAN },
    { "Planned actions", F_PLAN },

    { "Ansvarig", F_OWNER },
    { "Ansvar", F_OWNER },
    { "Ägare", F_OWNER },
    { "Owner", F_OWNER },
    { "Responsible", F_OWNER },

    { "Åtgärdsbehov", F_NEED },
    { "Behov", F_NEED },
    { "Prioritet", F_NEED },
    { "Prio", F_NEED },
    { "Need", F_NEED },
    { "Need for action", F_NEED },
    { "Priority", F_NEED },

    { "Datum", F_DUE },
    { "Klart", F_DUE },
    { "Klart datum", F_DUE },
    { "Klart senast", F_DUE },
    { "Klart till", F_DUE },
    { "Tidplan", F_DUE },
    { "Slutdatum", F_DUE },
    { "Deadline", F_DUE },
    { "Due", F_DUE },
    { "Due date", F_DUE },
    { "Target date", F_DUE },

    { "Bevis", F_EVIDENCE },
    { "Evidens", F_EVIDENCE },
    { "Evidence", F_EVIDENCE },

    { "Tillämplig", F_APPLICABLE },
    { "Tillämplighet", F_APPLICABLE },
    { "Applicable", F_APPLICABLE },
    { "Applicability", F_APPLICABLE },

    { "Motivering", F_JUSTIFICATION },
    { "Motivering till exkludering", F_JUSTIFICATION },
    { "Justification", F_JUSTIFICATION },
    { "Justification for exclusion", F_JUSTIFICATION },

    { "Skäl", F_REASONS },
    { "Skäl för införande", F_REASONS },
    { "Anledning", F_REASONS },
    { "Reasons", F_REASONS },
    { "Reason", F_REASONS },
    { "Reasons for inclusion", F_REASONS },

    { "Ursprung", F_ORIGIN },
    { "Origin", F_ORIGIN },
};
#define N_ALIASES (sizeof gap_aliases / sizeof *gap_aliases)

isms__csv_alias_table isms__csv_gap_aliases(void)
{
    isms__csv_alias_table t = { gap_aliases, N_ALIASES };
    return t;
}

/* Title rows above the header are searched this far. */
enum { HEADER_SEARCH_ROWS = 50, TEXT_MAX = 256, FOLD_MAX = 1024 };

#define NONE ISMS__CSV_NONE

typedef struct layout {
    const isms__csv_record *header;
    size_t hrow;
    size_t col[F_COUNT]; /* column index per field, or NONE */
    size_t *extra;       /* table columns kept as extra columns, in order */
    size_t n_extra;
    bool ref_names_edition; /* the reference header names an edition ("ISO 27001:2013") */
} layout;

/* ---- small text helpers ---------------------------------------------------------------- */

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

/* A growable scratch buffer for NUL-terminated copies. */
typedef struct scratch {
    char *p;
    size_t cap;
} scratch;

static const char *scratch_copy(scratch *s, const char *src, size_t n)
{
    if (!isms__grow((void **)&s->p, &s->cap, n + 1, 1))
        return NULL;
    if (n)
        memcpy(s->p, src, n);
    s->p[n] = '\0';
    return s->p;
}

/* Text folded for keyword search: lower case, Latin-1 diacritics removed (å ä → a, ö → o),
 * white space runs as one space; at most `size` - 1 bytes (the rest is dropped). */
static void fold_text(char *out, size_t size, const char *s)
{
    size_t n = 0;
    bool space = false;
    for (;;) {
        uint32_t c = isms__utf8_next(&s);
        if (c == 0)
            break;
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == 0xA0) {
            space = n > 0;
            continue;
        }
        c = isms__fold(c);
        if (c >= 0xE0 && c <= 0xE5)
            c = 'a';
        else if (c == 0xE7)
            c = 'c';
        else if (c >= 0xE8 && c <= 0xEB)
            c = 'e';
        else if (c >= 0xEC && c <= 0xEF)
            c = 'i';
        else if (c == 0xF1)
            c = 'n';
        else if ((c >= 0xF2 && c <= 0xF6) || c == 0xF8)
            c = 'o';
        else if (c >= 0xF9 && c <= 0xFC)
            c = 'u';
        if (n + (space ? 1 : 0) + 4 + 1 > size)
            break;
        if (space)
            out[n++] = ' ';
        space = false;
        n += isms__utf8_put(out + n, c);
    }
    out[n] = '\0';
}

/* ---- notes ------------------------------------------------------------------------------ */

typedef struct row row;

typedef struct importer {
    isms__csv_import in; /* the source, the table and the notes */
    const isms_catalog *catalog; /* given (isms_assessment_parse_csv_catalog()), or NULL */
    bool imported;               /* `catalog` is an imported one */
    layout lay;
    row *rows; /* the rows with a reference, in file order */
    size_t n_rows;
    isms_assessment *a;
    unsigned *lines; /* line of each entry added, for duplicate messages */
    size_t lines_cap;
    scratch s1, s2; /* copies of references and texts */
} importer;

/* Adds a note to the temporary list; messages in the list's language. */
#define NOTE(imp, ...) ISMS__CSV_NOTE(&(imp)->in, __VA_ARGS__)

#define SV(imp) ((imp)->in.lang == ISMS_LANG_SV)

/* ---- references ------------------------------------------------------------------------- */

enum ref_kind {
    REF_NONE = 0, /* empty cell */
    REF_PLAIN,    /* a plain number: 6.1.2, § 6.1.2, 5,23 (a clause, or Annex A: see below) */
    REF_ANNEX,    /* A.5.1, A 5.1, a5.1, A */
    REF_OTHER     /* anything else, kept as written */
};

enum { MAX_COMP = 4 };

typedef struct ref_token {
    int kind;
    const char *s;  /* the token as written: the number (plain), from the "A" (annex), or the
                       whole cell (other) */
    size_t n;
    int comp[MAX_COMP];  /* numeric components (plain and annex) */
    size_t ncomp;        /* number of components (may exceed MAX_COMP) */
    bool odd;            /* more than MAX_COMP components or a number too large */
    isms__csv_view rest; /* text after the token ("Bedömning av informationssäkerhetsrisker") */
} ref_token;

static bool is_nbsp(const char *p, const char *end)
{
    return end - p >= 2 && (unsigned char)p[0] == 0xC2 && (unsigned char)p[1] == 0xA0;
}

/* The text after a reference token: white space and one separator (":", "-", "–", "—")
 * skipped, trimmed. */
static isms__csv_view rest_after(const char *p, const char *end)
{
    isms__csv_view v = isms__csv_trimmed(p, (size_t)(end - p));
    if (v.n >= 1 && (v.s[0] == ':' || v.s[0] == '-')) {
        v.s++;
        v.n--;
    } else if (v.n >= 3 && (unsigned char)v.s[0] == 0xE2 && (unsigned char)v.s[1] == 0x80 &&
               ((unsigned char)v.s[2] == 0x93 || (unsigned char)v.s[2] == 0x94)) {
        v.s += 3;
        v.n -= 3;
    }
    return isms__csv_trimmed(v.s, v.n);
}

/*
 * Reads the reference cell (unneutralised and trimmed): a leading id token and the text after
 * it. A token is an optional "§" (a clause mark) or an Annex A prefix ("A", "A.", "A " or "a"
 * before the number, or "A" alone), then numbers separated by dots (or decimal commas, as
 * Swedish Excel writes 4,1), an optional trailing dot, and then the end of the cell, white
 * space or ":". Cells that do not start with such a token are references as written.
 */
static void parse_ref(ref_token *r, isms__csv_view v)
{
    memset(r, 0, sizeof *r);
    if (v.n == 0)
        return;
    const char *p = v.s, *end = v.s + v.n, *tok;
    int kind = REF_PLAIN;
    if (end - p >= 2 && (unsigned char)p[0] == 0xC2 && (unsigned char)p[1] == 0xA7) { /* § */
        p += 2;
        while (p < end && (*p == ' ' || *p == '\t'))
            p++;
        tok = p;
    } else if (*p == 'A' || *p == 'a') {
        const char *q = p + 1;
        if (q < end && *q == '.')
            q++;
        while (q < end && (*q == ' ' || *q == '\t'))
            q++;
        if (q < end && is_digit(*q)) {
            kind = REF_ANNEX;
            tok = p;
            p = q;
        } else if (p + 1 == end || is_space(p[1]) || is_nbsp(p + 1, end) ||
                   (p[1] == '.' && (p + 2 == end || is_space(p[2])))) {
            /* "A" or "A." alone: Annex A itself */
            r->kind = REF_ANNEX;
            r->s = p;
            r->n = 1;
            r->rest = rest_after(p[1] == '.' && p + 1 < end ? p + 2 : p + 1, end);
            return;
        } else {
            goto other;
        }
    } else {
        tok = p;
    }
    if (p >= end || !is_digit(*p))
        goto other;
    for (;;) {
        long val = 0;
        size_t digits = 0;
        while (p < end && is_digit(*p)) {
            if (val < 100000000)
                val = val * 10 + (*p - '0');
            else
                r->odd = true;
            digits++;
            p++;
        }
        if (r->ncomp < MAX_COMP)
            r->comp[r->ncomp] = (int)val;
        else
            r->odd = true;
        if (r->ncomp < 1000)
            r->ncomp++;
        if (end - p >= 2 && (*p == '.' || *p == ',') && is_digit(p[1])) {
            p++;
            continue;
        }
        break;
    }
    if (p < end && *p == '.')
        p++; /* trailing dot */
    if (p < end && !is_space(*p) && *p != ':' && !is_nbsp(p, end))
        goto other;
    r->kind = kind;
    r->s = tok;
    r->n = (size_t)(p - tok);
    r->rest = rest_after(p, end);
    return;
other:
    r->kind = REF_OTHER;
    r->s = v.s;
    r->n = v.n;
    r->rest.s = v.s + v.n;
    r->rest.n = 0;
}

/* The number of a token in canonical form ("6.1.2"), with `prefix` before it; false when the
 * token is not a short plain number. */
static bool number_text(char *buf, size_t size, const ref_token *r, const char *prefix)
{
    if (r->odd || r->ncomp == 0 || r->ncomp > MAX_COMP)
        return false;
    int n = snprintf(buf, size, "%s%d", prefix, r->comp[0]);
    for (size_t i = 1; i < r->ncomp && n > 0 && (size_t)n < size; i++)
        n += snprintf(buf + n, size - (size_t)n, ".%d", r->comp[i]);
    return n > 0 && (size_t)n < size;
}

static bool clause_side(const isms_item *item)
{
    if (!item)
        return false;
    isms_item_kind k = isms_item_kind_of(item);
    return k == ISMS_ITEM_CHAPTER || k == ISMS_ITEM_CLAUSE || k == ISMS_ITEM_SUBCLAUSE;
}

/* The clause of a catalog with this number, or NULL. */
static const isms_item *find_clause(const isms_catalog *cat, const ref_token *r)
{
    char buf[64];
    if (!cat || !number_text(buf, sizeof buf, r, ""))
        return NULL;
    const isms_item *item = isms_catalog_find(cat, buf, ISMS_SCOPE_CLAUSES);
    return clause_side(item) ? item : NULL;
}

/* The Annex A item of a catalog with this number, or NULL. */
static const isms_item *find_annex(const isms_catalog *cat, const ref_token *r)
{
    char buf[64];
    if (!cat || !number_text(buf, sizeof buf, r, "A."))
        return NULL;
    const isms_item *item = isms_catalog_find(cat, buf, ISMS_SCOPE_ANNEX_A);
    return item && !clause_side(item) ? item : NULL;
}

/* ---- the header ------------------------------------------------------------------------ */

/* The first edition named in text from `s` on: "ISO/IEC 27001:2013", "SS-EN ISO/IEC
 * 27001:2017" (= 2013), "ISO 27001:2022", "…:2023" (= 2022), "27001:2022/Amd 1:2024",
 * "27001:2022+A1:2024". Returns where the text after it starts, or NULL when there is none. */
static const char *next_edition(isms_edition *out, const char *s)
{
    for (const char *p = strstr(s, "27001"); p; p = strstr(p + 1, "27001")) {
        if (p > s && is_digit(p[-1]))
            continue;
        const char *q = p + 5;
        while (*q == ' ')
            q++;
        if (*q != ':')
            continue;
        q++;
        while (*q == ' ')
            q++;
        if (!(is_digit(q[0]) && is_digit(q[1]) && is_digit(q[2]) && is_digit(q[3])) ||
            is_digit(q[4]))
            continue;
        int y = (q[0] - '0') * 1000 + (q[1] - '0') * 100 + (q[2] - '0') * 10 + (q[3] - '0');
        q += 4;
        isms_edition e;
        if (y == 2013 || y == 2017)
            e = ISMS_EDITION_2013;
        else if (y == 2022 || y == 2023)
            e = ISMS_EDITION_2022;
        else
            continue;
        if (e == ISMS_EDITION_2022) {
            const char *r = q;
            while (*r == ' ')
                r++;
            if (*r == '/' || *r == '+') {
                r++;
                while (*r == ' ')
                    r++;
                if ((r[0] == 'A' || r[0] == 'a') && (r[1] == 'M' || r[1] == 'm') &&
                    (r[2] == 'D' || r[2] == 'd'))
                    r += 3;
                else if (r[0] == 'A' || r[0] == 'a')
                    r += 1;
                else
                    r = NULL;
                if (r) {
                    while (*r == ' ' || *r == '.')
                        r++;
                    if (*r == '1' && !is_digit(r[1])) {
                        r++;
                        while (*r == ' ')
                            r++;
                        if (*r == ':') {
                            r++;
                            while (*r == ' ')
                                r++;
                            if (strncmp(r, "2024", 4) == 0 && !is_digit(r[4])) {
                                e = ISMS_EDITION_2022_AMD1;
                                q = r + 4;
                            }
                        }
                    }
                }
            }
        }
        *out = e;
        return q;
    }
    return NULL;
}

/* The edition that text names; false when it names none, or two different ones. */
static bool edition_mention(isms_edition *out, const char *s)
{
    isms_edition e, first = ISMS_EDITION_UNKNOWN;
    while ((s = next_edition(&e, s)) != NULL) {
        if (first != ISMS_EDITION_UNKNOWN && e != first)
            return false;
        first = e;
    }
    *out = first;
    return first != ISMS_EDITION_UNKNOWN;
}

static int note_column(importer *imp, size_t j, const char *cell, size_t repeats)
{
    char name[80];
    isms__csv_header_display(name, sizeof name, cell); /* already un-neutralised */
    if (repeats != NONE)
        return NOTE(imp, ISMS_SEVERITY_INFO, "csv-extra-column", NULL,
                    "Kolumn %zu (\"%s\") upprepar kolumn %zu; den behölls som en extra kolumn.",
                    "Column %zu (\"%s\") repeats column %zu; it was kept as an extra column.",
                    j + 1, name, repeats + 1);
    return NOTE(imp, ISMS_SEVERITY_INFO, "csv-extra-column", NULL,
                "Kolumn %zu (\"%s\") känns inte igen; den behölls som en extra kolumn.",
                "Column %zu (\"%s\") is not recognised; it was kept as an extra column.", j + 1,
                name);
}

/* True when a header, not an alias, names the reference column together with an edition:
 * "ISO 27001:2013", "ISO/IEC 27001:2022 avsnitt". */
static bool edition_ref_header(const char *cell, const isms__csv_header *hd)
{
    isms_edition e;
    return strncmp(hd->norm, "iso", 3) == 0 && edition_mention(&e, cell);
}

static int map_columns(importer *imp, const isms__csv_table *t, size_t hrow)
{
    layout *lay = &imp->lay;
    const isms__csv_record *h = &t->records[hrow];
    lay->header = h;
    lay->hrow = hrow;
    for (size_t f = 0; f < F_COUNT; f++)
        lay->col[f] = NONE;
    size_t edition_col = NONE;
    /* First pass: the first column of each field. */
    for (size_t j = 0; j < h->count; j++) {
        const char *cell = isms__csv_unneutralise(h->cells[j]);
        if (isms__text_blank(cell))
            continue;
        isms__csv_header hd;
        isms__csv_header_normalise(&hd, cell);
        int f = isms__csv_header_field(&hd, gap_aliases, N_ALIASES);
        if (f >= 0 && lay->col[f] == NONE)
            lay->col[f] = j;
        else if (f < 0 && edition_col == NONE && edition_ref_header(cell, &hd))
            edition_col = j;
    }
    /* The reference: the best of the reference headers; a weak one ("Control") next to a
     * real reference column is the requirement text when there is none. */
    if (lay->col[F_REF] == NONE && edition_col != NONE) {
        lay->col[F_REF] = edition_col;
        lay->ref_names_edition = true;
    }
    if (lay->col[F_REF] == NONE) {
        lay->col[F_REF] = lay->col[F_REF_ID];
        lay->col[F_REF_ID] = NONE;
    }
    if (lay->col[F_REF] == NONE) {
        lay->col[F_REF] = lay->col[F_REF_WEAK];
        lay->col[F_REF_WEAK] = NONE;
    }
    if (lay->col[F_REF_WEAK] != NONE && lay->col[F_TEXT] == NONE) {
        lay->col[F_TEXT] = lay->col[F_REF_WEAK];
        lay->col[F_REF_WEAK] = NONE;
    }
    lay->col[F_REF_ID] = lay->col[F_REF_WEAK] = NONE;

    /* Every other column with a header is kept as an extra column. */
    if (h->count) {
        lay->extra = isms__malloc(h->count * sizeof *lay->extra);
        if (!lay->extra)
            return isms__error_nomem();
    }
    int rc = ISMS_OK;
    for (size_t j = 0; j < h->count && rc == ISMS_OK; j++) {
        const char *cell = isms__csv_unneutralise(h->cells[j]);
        if (isms__text_blank(cell))
            continue; /* no header: see isms__csv_note_headerless() */
        bool used = false;
        for (size_t f = 0; f < F_COUNT && !used; f++)
            used = lay->col[f] == j;
        if (used)
            continue;
        isms__csv_header hd;
        isms__csv_header_normalise(&hd, cell);
        int f = isms__csv_header_field(&hd, gap_aliases, N_ALIASES);
        size_t repeats = NONE;
        if (f == F_REF_ID || f == F_REF_WEAK)
            f = F_REF;
        if (f >= 0)
            repeats = lay->col[f];
        lay->extra[lay->n_extra++] = j;
        rc = note_column(imp, j, cell, repeats);
    }
    if (rc == ISMS_OK)
        rc = isms__csv_note_headerless(&imp->in, hrow, isms__text_blank);
    return rc;
}

/* ---- rows ------------------------------------------------------------------------------- */

struct row {
    const isms__csv_record *rec;
    ref_token ref;
    const char *text; /* the requirement text cell ("" without that column) */
    isms_status status;
    isms_need need;
    isms_applicability applicability;
    unsigned reasons;
    bool data; /* carries anything besides its reference and requirement text */
    bool keep; /* becomes an entry (decided with the edition) */
    const isms_item *item; /* against an imported catalog: the item the reference names (its
                              id is then the reference), or NULL */
};

/* Lists the labels of an enumeration for an error message: "Ja, Delvis, Nej (Yes, …)". */
static void list_labels(char *buf, size_t size, const char *(*label)(int, isms_lang),
                        const int *values, size_t n)
{
    size_t len = 0;
    buf[0] = '\0';
    for (int lang = 0; lang < 2; lang++) {
        size_t k = 0;
        for (size_t i = 0; i < n; i++) {
            const char *s = label(values[i], (isms_lang)lang);
            if (!s || !*s)
                continue;
            const char *pre = k == 0 ? (lang == 0 ? "" : " (") : ", ";
            int w = snprintf(buf + len, size - len, "%s%s", pre, s);
            if (w < 0 || (size_t)w >= size - len)
                return;
            len += (size_t)w;
            k++;
        }
        if (lang == 1 && k > 0 && len + 2 <= size) {
            buf[len++] = ')';
            buf[len] = '\0';
        }
    }
}

static const char *status_label(int v, isms_lang lang)
{
    return isms_status_label((isms_status)v, lang);
}

static const char *need_label(int v, isms_lang lang)
{
    return isms_need_label((isms_need)v, lang);
}

static const char *applicability_label(int v, isms_lang lang)
{
    return isms_applicability_label((isms_applicability)v, lang);
}

/* The error for a value not understood: "line 14, column 3: status "Kanske" is not one of
 * Ja, Delvis, Nej, Ej tillämplig, Ej bedömd (Yes, …)". */
static int value_error(const importer *imp, const isms__csv_record *rec, size_t col,
                       const char *what, const char *value, const char *expected)
{
    isms__csv_view v = isms__csv_trimmed_cell(value);
    return isms__error_at(ISMS_EPARSE, imp->in.source, rec->line, (unsigned)(col + 1),
                          "line %u, column %zu: %s \"%.*s%s\" is not one of %s", rec->line,
                          col + 1, what, isms__csv_show_len_n(v.s, v.n), v.s,
                          isms__csv_show_more_n(v.n), expected);
}

/* Reads an enumerated cell (not blank) with `parse`; false when it is not understood. */
static bool parse_enum(int (*parse)(void *, const char *), void *out, const char *cell)
{
    isms__csv_view v = isms__csv_trimmed_cell(cell);
    char buf[TEXT_MAX];
    return isms__csv_view_copy(buf, sizeof buf, v) && parse(out, buf) == ISMS_OK;
}

static int parse_status_cb(void *out, const char *s)
{
    return isms_status_parse(out, s);
}

static int parse_need_cb(void *out, const char *s)
{
    return isms_need_parse(out, s);
}

static int parse_applicability_cb(void *out, const char *s)
{
    return isms_applicability_parse(out, s);
}

static int read_values(row *r, const importer *imp, const isms__csv_record *rec)
{
    const size_t *col = imp->lay.col;
    r->status = ISMS_STATUS_NOT_ASSESSED;
    r->need = ISMS_NEED_UNSET;
    r->applicability = ISMS_APPLICABILITY_UNDECIDED;
    r->reasons = 0;
    const char *cell;
    if (col[F_STATUS] != NONE &&
        !isms__text_blank(cell = isms__csv_data_cell(rec, col[F_STATUS])) &&
        !parse_enum(parse_status_cb, &r->status, cell)) {
        static const int v[] = { ISMS_STATUS_YES, ISMS_STATUS_PARTIAL, ISMS_STATUS_NO,
                                 ISMS_STATUS_NOT_APPLICABLE, ISMS_STATUS_NOT_ASSESSED };
        char labels[300];
        list_labels(labels, sizeof labels, status_label, v, 5);
        return value_error(imp, rec, col[F_STATUS], "status", cell, labels);
    }
    if (col[F_NEED] != NONE && !isms__text_blank(cell = isms__csv_data_cell(rec, col[F_NEED])) &&
        !parse_enum(parse_need_cb, &r->need, cell)) {
        static const int v[] = { ISMS_NEED_NONE, ISMS_NEED_LOW, ISMS_NEED_MEDIUM,
                                 ISMS_NEED_HIGH };
        char labels[300];
        list_labels(labels, sizeof labels, need_label, v, 4);
        return value_error(imp, rec, col[F_NEED], "need for action", cell, labels);
    }
    if (col[F_APPLICABLE] != NONE &&
        !isms__text_blank(cell = isms__csv_data_cell(rec, col[F_APPLICABLE])) &&
        !parse_enum(parse_applicability_cb, &r->applicability, cell)) {
        static const int v[] = { ISMS_APPLICABILITY_APPLICABLE, ISMS_APPLICABILITY_EXCLUDED };
        char labels[300];
        list_labels(labels, sizeof labels, applicability_label, v, 2);
        char expected[340];
        snprintf(expected, sizeof expected, "Ja, Nej, %s", labels);
        return value_error(imp, rec, col[F_APPLICABLE], "applicability", cell, expected);
    }
    if (col[F_REASONS] != NONE &&
        !isms__text_blank(cell = isms__csv_data_cell(rec, col[F_REASONS]))) {
        /* The whole cell: reasons may stand on several lines. */
        int rc = isms_reason_parse(&r->reasons, cell);
        if (rc == ISMS_ENOMEM)
            return rc;
        if (rc != ISMS_OK) {
            char why[400];
            snprintf(why, sizeof why, "%s", isms_error_last()->message);
            size_t c = col[F_REASONS];
            isms__csv_view vv = isms__csv_trimmed_cell(cell);
            return isms__error_at(ISMS_EPARSE, imp->in.source, rec->line, (unsigned)(c + 1),
                                  "line %u, column %zu: reasons \"%.*s%s\": %s", rec->line,
                                  c + 1, isms__csv_show_len_n(vv.s, vv.n), vv.s,
                                  isms__csv_show_more_n(vv.n), why);
        }
    }
    return ISMS_OK;
}

static bool row_has_data(const row *r, const importer *imp)
{
    const size_t *col = imp->lay.col;
    const isms__csv_record *rec = r->rec;
    if (r->status != ISMS_STATUS_NOT_ASSESSED || r->need != ISMS_NEED_UNSET ||
        r->applicability != ISMS_APPLICABILITY_UNDECIDED || r->reasons != 0)
        return true;
    static const int text_fields[] = { F_COMMENT, F_PLAN, F_OWNER, F_DUE, F_JUSTIFICATION,
                                       F_ORIGIN };
    for (size_t i = 0; i < sizeof text_fields / sizeof *text_fields; i++)
        if (!isms__text_blank(isms__csv_data_cell(rec, col[text_fields[i]])))
            return true;
    if (!isms__text_blank(isms__csv_data_cell(rec, col[F_EVIDENCE]))) /* at least one reference */
        return true;
    for (size_t i = 0; i < imp->lay.n_extra; i++)
        if (!isms__text_blank(isms__csv_data_cell(rec, imp->lay.extra[i])))
            return true;
    return false;
}

/* True when some cell that the import reads, other than `except`, is not blank. */
static bool row_has_cells(const importer *imp, const isms__csv_record *rec, size_t except)
{
    for (size_t f = 0; f < F_COUNT; f++)
        if (imp->lay.col[f] != NONE && imp->lay.col[f] != except &&
            !isms__text_blank(isms__csv_data_cell(rec, imp->lay.col[f])))
            return true;
    for (size_t i = 0; i < imp->lay.n_extra; i++)
        if (imp->lay.extra[i] != except &&
            !isms__text_blank(isms__csv_data_cell(rec, imp->lay.extra[i])))
            return true;
    return false;
}

/* The requirement text of a row: the requirement cell, or the text after the id in the
 * reference cell when that cell is empty. Returns a pointer into the table, or into
 * `s` (a copy) for the text after the id; NULL when out of memory. */
static const char *row_text(const row *r, scratch *s)
{
    if (!isms__text_blank(r->text) || r->ref.rest.n == 0)
        return r->text;
    return scratch_copy(s, r->ref.rest.s, r->ref.rest.n);
}

/* First pass: every row with a reference is read and checked; rows without one are section
 * headings (only requirement text: skipped with a note) or errors. */
static int read_rows(importer *imp)
{
    const isms__csv_table *t = &imp->in.table;
    const layout *lay = &imp->lay;
    size_t first = lay->hrow + 1;
    if (first < t->count) {
        imp->rows = isms__malloc((t->count - first) * sizeof *imp->rows);
        if (!imp->rows)
            return isms__error_nomem();
    }
    int rc = ISMS_OK;
    for (size_t i = first; i < t->count && rc == ISMS_OK; i++) {
        const isms__csv_record *rec = &t->records[i];
        if (isms__csv_record_blank(rec) || !row_has_cells(imp, rec, NONE))
            continue; /* blank, or data only in columns without a header (noted) */
        row *r = &imp->rows[imp->n_rows];
        memset(r, 0, sizeof *r);
        r->rec = rec;
        parse_ref(&r->ref, isms__csv_trimmed_cell(isms__csv_data_cell(rec, lay->col[F_REF])));
        r->text = isms__csv_data_cell(rec, lay->col[F_TEXT]);
        if (r->ref.kind == REF_NONE) {
            char name[80];
            isms__csv_header_display(name, sizeof name,
                                     isms__csv_unneutralise(
                                         isms__csv_cell(lay->header, lay->col[F_REF])));
            if (lay->col[F_TEXT] != NONE && !isms__text_blank(r->text) &&
                !row_has_cells(imp, rec, lay->col[F_TEXT])) {
                char tname[80];
                isms__csv_header_display(tname, sizeof tname,
                                         isms__csv_unneutralise(
                                             isms__csv_cell(lay->header, lay->col[F_TEXT])));
                isms__csv_view v = isms__csv_trimmed_cell(r->text);
                rc = NOTE(imp, ISMS_SEVERITY_INFO, "gap-skipped-row", NULL,
                          "Rad %u saknar referens och har bara text i kolumnen \"%s\" "
                          "(\"%.*s%s\"); den lästes som en rubrik och hoppades över.",
                          "Line %u has no reference and only text in the \"%s\" column "
                          "(\"%.*s%s\"); it was read as a heading and skipped.",
                          rec->line, tname, isms__csv_show_len_n(v.s, v.n), v.s,
                          isms__csv_show_more_n(v.n));
                continue;
            }
            return isms__error_at(ISMS_EPARSE, imp->in.source, rec->line,
                                  (unsigned)(lay->col[F_REF] + 1),
                                  "line %u: no reference (the \"%s\" column is empty)",
                                  rec->line, name);
        }
        if ((rc = read_values(r, imp, rec)))
            return rc;
        r->data = row_has_data(r, imp);
        imp->n_rows++;
    }
    return rc;
}

static const char *row_ref(const row *r, bool annex_numbers, scratch *s);

/* The item of an imported catalog that `n` bytes at `s` name, or NULL. */
static const isms_item *imported_item(importer *imp, const char *s, size_t n, bool *nomem)
{
    const char *copy = scratch_copy(&imp->s1, s, n);
    if (!copy) {
        *nomem = true;
        return NULL;
    }
    return isms_catalog_find(imp->catalog, copy, ISMS_SCOPE_BOTH);
}

/*
 * Looks up each row's reference in an imported catalog (isms_catalog_find(): ids, labels and
 * OSCAL ids in any ASCII case). The reference is the token parse_ref() split off (decimal
 * commas made dots), else the cell as a whole. Two more forms are tried when that names
 * nothing: an Annex A token in its canonical form ("a5.1", "A 5.1" → "A.5.1", for catalogs
 * exported from the built-in ones), and, for a cell that is not a token, its first word (up
 * to white space or a colon) with the rest as the requirement text, as Word tables write
 * them ("STY-1 Informationssäkerhetspolicy", "ac-1: Policy"). A reference that names nothing
 * is kept as written.
 */
static int resolve_imported(importer *imp)
{
    bool nomem = false;
    for (size_t i = 0; i < imp->n_rows && !nomem; i++) {
        row *r = &imp->rows[i];
        ref_token *t = &r->ref;
        const char *ref = row_ref(r, false, &imp->s2);
        if (!ref)
            return isms__error_nomem();
        r->item = isms_catalog_find(imp->catalog, ref, ISMS_SCOPE_BOTH);
        if (r->item)
            continue;
        if (t->kind == REF_ANNEX) {
            char buf[64];
            if (number_text(buf, sizeof buf, t, "A."))
                r->item = isms_catalog_find(imp->catalog, buf, ISMS_SCOPE_BOTH);
            continue;
        }
        if (t->kind != REF_OTHER)
            continue;
        size_t k = 0;
        while (k < t->n && !is_space(t->s[k]) && t->s[k] != ':' &&
               !is_nbsp(t->s + k, t->s + t->n))
            k++;
        if (k == 0 || k == t->n || !(r->item = imported_item(imp, t->s, k, &nomem)))
            continue;
        t->rest = rest_after(t->s + k, t->s + t->n);
        t->n = k;
    }
    return nomem ? isms__error_nomem() : ISMS_OK;
}

/* ---- edition and scope ------------------------------------------------------------------ */

typedef struct decision {
    isms_edition edition;
    isms_edition_basis basis;
    bool annex_numbers; /* plain numbers are read as Annex A controls */
    unsigned line;      /* line of the evidence */
    const row *evidence; /* the row that decided (new clauses, Annex A form) */
    const row *r101, *r102; /* 10.1 and 10.2 (clause titles) */
    int t101, t102;         /* their topics: 1 nonconformity, 2 improvement, 0 neither */
    const char *title;      /* the title cell naming the edition */
} decision;

static const isms_catalog *cat13(void)
{
    return isms_catalog_get(ISMS_EDITION_2013);
}

static const isms_catalog *cat22(void)
{
    return isms_catalog_get(ISMS_EDITION_2022);
}

/* True for a number that names a catalog item that no assessment scores (a chapter, a clause
 * that only groups sub-clauses, an Annex A group or objective) in some edition, read as a
 * clause or as Annex A: such a row may be a heading that import skips. */
static bool maybe_heading(const ref_token *r)
{
    const isms_catalog *cats[2] = { cat13(), cat22() };
    for (int k = 0; k < 2; k++) {
        const isms_item *c = find_clause(cats[k], r), *a = find_annex(cats[k], r);
        if ((c && !isms_item_assessable(c)) || (a && !isms_item_assessable(a)))
            return true;
    }
    return false;
}

/* Plain numbers are read as Annex A when most of them are Annex A controls that are not
 * clauses (5.23, 8.12). Rows that may be skipped as headings (no data, a heading number) do
 * not count, so that the decision is the same when an export is read back. */
static bool plain_numbers_are_annex(const importer *imp)
{
    size_t counted = 0, votes = 0;
    const isms_catalog *cats[2] = { cat13(), cat22() };
    for (size_t i = 0; i < imp->n_rows; i++) {
        const row *r = &imp->rows[i];
        if (r->ref.kind != REF_PLAIN || (!r->data && maybe_heading(&r->ref)))
            continue;
        counted++;
        bool clause = false, control = false;
        for (int k = 0; k < 2; k++) {
            const isms_item *a = find_annex(cats[k], &r->ref);
            clause = clause || find_clause(cats[k], &r->ref);
            control = control || (a && isms_item_kind_of(a) == ISMS_ITEM_CONTROL);
        }
        if (control && !clause)
            votes++;
    }
    return votes * 2 > counted;
}

static bool has_word(const char *folded, const char *const *words, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strstr(folded, words[i]))
            return true;
    return false;
}

/* What a requirement text of 10.1 or 10.2 is about: 1 nonconformity, 2 improvement, 0
 * neither or both. */
static int clause10_topic(const char *text)
{
    static const char *const nc[] = { "avvikelse", "korrigerande", "nonconform",
                                      "non-conform", "non conform", "corrective" };
    static const char *const ci[] = { "forbattr", "improv" };
    char folded[FOLD_MAX];
    fold_text(folded, sizeof folded, text);
    bool a = has_word(folded, nc, sizeof nc / sizeof *nc);
    bool b = has_word(folded, ci, sizeof ci / sizeof *ci);
    return a == b ? 0 : a ? 1 : 2;
}

static bool comps_are(const ref_token *r, int a, int b)
{
    return !r->odd && r->ncomp == 2 && r->comp[0] == a && r->comp[1] == b;
}

/* A table title row (above the header) or the reference header that names an edition. */
static void named_edition(decision *d, const importer *imp)
{
    const isms__csv_table *t = &imp->in.table;
    isms_edition found = ISMS_EDITION_UNKNOWN;
    bool conflict = false;
    for (size_t i = 0; i <= imp->lay.hrow; i++) {
        const isms__csv_record *rec = &t->records[i];
        for (size_t j = 0; j < rec->count; j++) {
            if (i == imp->lay.hrow && !(imp->lay.ref_names_edition && j == imp->lay.col[F_REF]))
                continue;
            isms_edition e;
            if (!edition_mention(&e, rec->cells[j]))
                continue;
            if (found == ISMS_EDITION_UNKNOWN) {
                found = e;
                d->line = rec->line;
                d->title = rec->cells[j];
            } else if (e != found) {
                conflict = true;
            }
        }
    }
    if (found != ISMS_EDITION_UNKNOWN && !conflict) {
        d->edition = found;
        d->basis = ISMS_BASIS_NAMED;
    }
}

/* The edition rules of isms_assessment_parse_csv(), in order. */
static void infer_edition(decision *d, const importer *imp)
{
    /* 1. 6.3, 9.2.x or 9.3.x: only 2022 has them. */
    if (!d->annex_numbers)
        for (size_t i = 0; i < imp->n_rows; i++) {
            const ref_token *r = &imp->rows[i].ref;
            if (r->kind != REF_PLAIN || r->odd)
                continue;
            if (comps_are(r, 6, 3) ||
                (r->ncomp == 3 && r->comp[0] == 9 && (r->comp[1] == 2 || r->comp[1] == 3))) {
                d->edition = ISMS_EDITION_2022;
                d->basis = ISMS_BASIS_NEW_CLAUSES;
                d->evidence = &imp->rows[i];
                return;
            }
        }

    /* 2. 10.1 and 10.2 described as nonconformity and continual improvement. */
    if (!d->annex_numbers) {
        int vote13 = 0, vote22 = 0;
        for (size_t i = 0; i < imp->n_rows; i++) {
            const row *r = &imp->rows[i];
            if (r->ref.kind != REF_PLAIN)
                continue;
            bool c101 = comps_are(&r->ref, 10, 1), c102 = comps_are(&r->ref, 10, 2);
            if ((!c101 || d->r101) && (!c102 || d->r102))
                continue;
            const char *text = isms__text_blank(r->text) && r->ref.rest.n ? NULL : r->text;
            char buf[FOLD_MAX];
            if (!text) {
                isms__csv_view v = r->ref.rest;
                if (v.n >= sizeof buf)
                    v.n = sizeof buf - 1;
                memcpy(buf, v.s, v.n);
                buf[v.n] = '\0';
                text = buf;
            }
            int topic = clause10_topic(text);
            if (topic == 0)
                continue;
            if (c101) {
                d->r101 = r;
                d->t101 = topic;
                *(topic == 1 ? &vote13 : &vote22) += 1;
            } else {
                d->r102 = r;
                d->t102 = topic;
                *(topic == 2 ? &vote13 : &vote22) += 1;
            }
        }
        if ((vote13 > 0) != (vote22 > 0)) {
            d->edition = vote13 ? ISMS_EDITION_2013 : ISMS_EDITION_2022;
            d->basis = ISMS_BASIS_CLAUSE_TITLES;
            return;
        }
        d->r101 = d->r102 = NULL;
    }

    /* 3. The clause list is exactly the 2013 set. */
    const isms_catalog *c13 = cat13();
    size_t need = isms_catalog_requirement_count(c13, ISMS_SCOPE_CLAUSES);
    if (!d->annex_numbers && need > 0 && need <= 64) {
        bool seen[64] = { false }, exact = true, any = false;
        for (size_t i = 0; i < imp->n_rows && exact; i++) {
            const ref_token *r = &imp->rows[i].ref;
            if (r->kind != REF_PLAIN)
                continue;
            any = true;
            const isms_item *item = find_clause(c13, r);
            if (!item) {
                exact = false;
                break;
            }
            for (size_t k = 0; k < need; k++)
                if (isms_catalog_requirement(c13, ISMS_SCOPE_CLAUSES, k) == item)
                    seen[k] = true;
        }
        for (size_t k = 0; k < need && exact; k++)
            exact = seen[k];
        if (any && exact) {
            d->edition = ISMS_EDITION_2013;
            d->basis = ISMS_BASIS_CLAUSE_SET;
            return;
        }
    }

    /* 4. Annex A ids of one edition's form: A.5.1.1 (2013) or A.8.34 (2022). A 2013 table may
     * carry its control objectives (A.5.1) as headings. */
    const row *three = NULL, *two = NULL, *two_not_objective = NULL;
    for (size_t i = 0; i < imp->n_rows; i++) {
        const row *r = &imp->rows[i];
        if (!(r->ref.kind == REF_ANNEX || (r->ref.kind == REF_PLAIN && d->annex_numbers)) ||
            r->ref.odd)
            continue;
        if (r->ref.ncomp == 3 && !three)
            three = r;
        if (r->ref.ncomp == 2) {
            if (!two)
                two = r;
            const isms_item *o = find_annex(c13, &r->ref);
            if (!two_not_objective && !(o && isms_item_kind_of(o) == ISMS_ITEM_OBJECTIVE))
                two_not_objective = r;
        }
    }
    if (three && !two_not_objective) {
        d->edition = ISMS_EDITION_2013;
        d->basis = ISMS_BASIS_ANNEX_A;
        d->evidence = three;
        return;
    }
    if (two && !three) {
        const row *e = two;
        /* Show a control that 2013 does not have, when there is one. */
        for (size_t i = 0; i < imp->n_rows; i++) {
            const row *r = &imp->rows[i];
            if ((r->ref.kind == REF_ANNEX || (r->ref.kind == REF_PLAIN && d->annex_numbers)) &&
                !r->ref.odd && r->ref.ncomp == 2 && !find_annex(c13, &r->ref)) {
                e = r;
                break;
            }
        }
        d->edition = ISMS_EDITION_2022;
        d->basis = ISMS_BASIS_ANNEX_A;
        d->evidence = e;
        return;
    }

    /* 5. Nothing tells: the current edition. */
    d->edition = ISMS_EDITION_2022;
    d->basis = ISMS_BASIS_DEFAULT;
}

/* The row's reference as it is handed to the assessment: the token (an Annex A prefix added
 * to plain numbers read as Annex A; decimal commas made dots), or the cell as written. */
static const char *row_ref(const row *r, bool annex_numbers, scratch *s)
{
    if (r->item) {
        const char *id = isms_item_id(r->item);
        return scratch_copy(s, id, strlen(id));
    }
    if (r->ref.kind == REF_OTHER)
        return scratch_copy(s, r->ref.s, r->ref.n);
    size_t pre = r->ref.kind == REF_PLAIN && annex_numbers ? 2 : 0;
    if (!isms__grow((void **)&s->p, &s->cap, r->ref.n + pre + 1, 1))
        return NULL;
    memcpy(s->p, "A.", pre);
    for (size_t i = 0; i < r->ref.n; i++) {
        char c = r->ref.s[i];
        s->p[pre + i] = c == ',' ? '.' : c;
    }
    s->p[pre + r->ref.n] = '\0';
    return s->p;
}

/* Which part of the standard a row's reference belongs to: by the catalog item, else by its
 * form. Returns ISMS_SCOPE_CLAUSES, ISMS_SCOPE_ANNEX_A or 0. */
static int row_side(const row *r, const isms_item *item, bool annex_numbers)
{
    if (item)
        return clause_side(item) ? ISMS_SCOPE_CLAUSES : ISMS_SCOPE_ANNEX_A;
    if (r->ref.kind == REF_ANNEX || (r->ref.kind == REF_PLAIN && annex_numbers))
        return ISMS_SCOPE_ANNEX_A;
    if (r->ref.kind == REF_PLAIN)
        return ISMS_SCOPE_CLAUSES;
    return 0;
}

/* Decides which rows become entries (headings without data are skipped) and the scope. */
static int decide_rows(isms_scope *scope, importer *imp, const decision *d)
{
    const isms_catalog *cat = imp->catalog ? imp->catalog : isms_catalog_get(d->edition);
    int sides = 0;
    for (size_t i = 0; i < imp->n_rows; i++) {
        row *r = &imp->rows[i];
        const char *ref = row_ref(r, d->annex_numbers, &imp->s1);
        if (!ref)
            return isms__error_nomem();
        const isms_item *item = cat ? isms_catalog_find(cat, ref, ISMS_SCOPE_BOTH) : NULL;
        r->keep = r->data || !item || isms_item_assessable(item);
        if (r->keep)
            sides |= row_side(r, item, d->annex_numbers);
    }
    *scope = sides == ISMS_SCOPE_CLAUSES  ? ISMS_SCOPE_CLAUSES
             : sides == ISMS_SCOPE_ANNEX_A ? ISMS_SCOPE_ANNEX_A
                                           : ISMS_SCOPE_BOTH;
    return ISMS_OK;
}

/* The gap-edition note of an import against a given catalog: a warning when a title row
 * names an edition that is not the catalog's (the table was still read against the catalog),
 * else an info note naming the catalog. A title cell that is the catalog's own title (as
 * isms_assessment_write_csv() writes it) names no other edition. */
static int note_catalog(importer *imp)
{
    const char *title = isms_catalog_title(imp->catalog);
    decision named;
    memset(&named, 0, sizeof named);
    named_edition(&named, imp);
    bool other = named.edition != ISMS_EDITION_UNKNOWN &&
                 named.edition != isms_catalog_edition(imp->catalog);
    if (other && imp->imported) {
        isms__csv_view v = isms__csv_trimmed_cell(named.title);
        other = !(v.n == strlen(title) && memcmp(v.s, title, v.n) == 0);
    }
    if (other)
        return NOTE(imp, ISMS_SEVERITY_WARNING, "gap-edition", NULL,
                    "Tabellen anger %s på rad %u (\"%.*s%s\"), men den lästes mot katalogen "
                    "\"%.*s%s\", som angavs vid inläsningen: referenserna slogs upp där.",
                    "The table names %s on line %u (\"%.*s%s\"), but it was read against the "
                    "catalog \"%.*s%s\", given for the import: its references were looked up "
                    "there.",
                    isms_edition_name(named.edition), named.line,
                    isms__csv_show_len(named.title), named.title,
                    isms__csv_show_more(named.title), isms__csv_show_len(title), title,
                    isms__csv_show_more(title));
    return NOTE(imp, ISMS_SEVERITY_INFO, "gap-edition", NULL,
                "Tabellen lästes mot katalogen \"%.*s%s\", som angavs vid inläsningen; den "
                "tolkades inte.",
                "The table was read against the catalog \"%.*s%s\", given for the import; "
                "the table was not examined for an edition.",
                isms__csv_show_len(title), title, isms__csv_show_more(title));
}

static int note_edition(importer *imp, const decision *d)
{
    const char *name = isms_edition_name(d->edition);
    char ref[80] = "";
    if (d->evidence) /* as read: plain numbers read as Annex A get their prefix */
        snprintf(ref, sizeof ref, "%s%.*s",
                 d->annex_numbers && d->evidence->ref.kind == REF_PLAIN ? "A." : "",
                 isms__csv_show_len_n(d->evidence->ref.s, d->evidence->ref.n), d->evidence->ref.s);
    switch (d->basis) {
    case ISMS_BASIS_GIVEN:
        return NOTE(imp, ISMS_SEVERITY_INFO, "gap-edition", NULL,
                    "Utgåvan %s angavs vid inläsningen; tabellen tolkades inte.",
                    "The edition %s was given for the import; the table was not examined "
                    "for it.",
                    name);
    case ISMS_BASIS_NAMED:
        return NOTE(imp, ISMS_SEVERITY_INFO, "gap-edition", NULL,
                    "Tabellen anger sin utgåva på rad %u (\"%.*s%s\"): den lästes som %s.",
                    "The table names its edition on line %u (\"%.*s%s\"): it was read as %s.",
                    d->line, isms__csv_show_len(d->title), d->title,
                    isms__csv_show_more(d->title), name);
    case ISMS_BASIS_NEW_CLAUSES:
        return NOTE(imp, ISMS_SEVERITY_INFO, "gap-edition", NULL,
                    "Tabellen lästes som %s eftersom den har avsnitt %s (rad %u), som bara "
                    "finns i 2022 års utgåva.",
                    "The table was read as %s because it has clause %s (line %u), which only "
                    "the 2022 edition has.",
                    name, ref, d->evidence->rec->line);
    case ISMS_BASIS_CLAUSE_TITLES: {
        bool sv = SV(imp);
        const char *topic[2][2] = {
            { "avvikelser och korrigerande åtgärder", "ständig förbättring" },
            { "nonconformity and corrective action", "continual improvement" },
        };
        char what[400];
        int n = 0;
        if (d->r101)
            n = snprintf(what, sizeof what, sv ? "10.1 (rad %u) handlar om %s"
                                               : "10.1 (line %u) is about %s",
                         d->r101->rec->line, topic[sv ? 0 : 1][d->t101 - 1]);
        if (d->r102 && n >= 0 && (size_t)n < sizeof what)
            snprintf(what + n, sizeof what - (size_t)n,
                     sv ? "%s10.2 (rad %u) %s %s" : "%s10.2 (line %u) %s %s",
                     d->r101 ? (sv ? " och " : " and ") : "", d->r102->rec->line,
                     d->r101 ? (sv ? "om" : "about") : (sv ? "handlar om" : "is about"),
                     topic[sv ? 0 : 1][d->t102 - 1]);
        bool y13 = d->edition == ISMS_EDITION_2013;
        return NOTE(imp, ISMS_SEVERITY_INFO, "gap-edition", NULL,
                    "Tabellen lästes som %s eftersom %s, som i %s års utgåva (%s års utgåva "
                    "har dem i omvänd ordning).",
                    "The table was read as %s because %s, as in the %s edition (the %s "
                    "edition has them the other way round).",
                    name, what, y13 ? "2013" : "2022", y13 ? "2022" : "2013");
    }
    case ISMS_BASIS_CLAUSE_SET:
        return NOTE(imp, ISMS_SEVERITY_INFO, "gap-edition", NULL,
                    "Tabellen lästes som %s eftersom avsnitten är exakt de %zu krav som 2013 "
                    "års utgåva har (9.2 och 9.3 utan underavsnitt, inget 6.3).",
                    "The table was read as %s because its clauses are exactly the %zu "
                    "requirements of the 2013 edition (9.2 and 9.3 without sub-clauses, no "
                    "6.3).",
                    name, isms_catalog_requirement_count(cat13(), ISMS_SCOPE_CLAUSES));
    case ISMS_BASIS_ANNEX_A:
        return NOTE(imp, ISMS_SEVERITY_INFO, "gap-edition", NULL,
                    "Tabellen lästes som %s eftersom referenserna till bilaga A har %s års "
                    "form (%s på rad %u).",
                    "The table was read as %s because its Annex A references have the form of "
                    "the %s edition (%s on line %u).",
                    name, d->edition == ISMS_EDITION_2013 ? "2013" : "2022", ref,
                    d->evidence->rec->line);
    case ISMS_BASIS_DEFAULT:
    default:
        return NOTE(imp, ISMS_SEVERITY_INFO, "gap-edition", NULL,
                    "Inget i tabellen avgör vilken utgåva den följer; den nuvarande, %s, "
                    "antogs.",
                    "Nothing in the table tells its edition; the current one, %s, was "
                    "assumed.",
                    name);
    }
}

/* ---- entries ---------------------------------------------------------------------------- */

static int duplicate_error(importer *imp, const row *r, const char *ref)
{
    isms_entry *old = isms_assessment_find(imp->a, ref);
    unsigned first = 0;
    size_t n = isms_assessment_count(imp->a);
    for (size_t i = 0; i < n && old; i++)
        if (isms_assessment_at(imp->a, i) == old)
            first = imp->lines[i];
    const char *shown = old ? isms_entry_ref(old) : ref;
    size_t col = imp->lay.col[F_REF];
    return isms__error_at(ISMS_EEXIST, imp->in.source, r->rec->line, (unsigned)(col + 1),
                          "line %u, column %zu: requirement %.*s%s appears twice, on line %u "
                          "and on line %u",
                          r->rec->line, col + 1, isms__csv_show_len(shown), shown,
                          isms__csv_show_more(shown), first, r->rec->line);
}

static int set_text(isms_entry *e, isms_entry_field field, const char *text)
{
    return *text ? isms_entry_set(e, field, text) : ISMS_OK;
}

/* Adds one reference per line of the evidence cell (trimmed, empty lines dropped). */
static int add_evidence(isms_entry *e, const char *cell, scratch *s)
{
    const char *p = cell;
    while (*p) {
        size_t n = strcspn(p, "\r\n");
        isms__csv_view v = isms__csv_trimmed(p, n);
        if (v.n > 0) {
            const char *copy = scratch_copy(s, v.s, v.n);
            if (!copy)
                return isms__error_nomem();
            int rc = isms_entry_add_evidence(e, copy);
            if (rc != ISMS_OK)
                return rc;
        }
        p += n;
        while (*p == '\r' || *p == '\n')
            p++;
    }
    return ISMS_OK;
}

/* True when `text` is the title an export writes for an entry without requirement text: the
 * control's title in an imported catalog (which, unlike ISO/IEC 27001's requirement text,
 * may be quoted). */
static bool catalog_title_of(const isms_entry *e, const char *text)
{
    const isms_item *it = isms_entry_item(e);
    return it && isms__catalog_imported(isms_item_catalog(it)) && *text &&
           strcmp(text, isms_item_title(it)) == 0;
}

/* The requirement text an export writes: the entry's own, else (imported catalogs) the
 * control's title, which import reads back as no text. */
static const char *export_text(const isms_entry *e)
{
    const char *text = isms_entry_get(e, ISMS_FIELD_TEXT);
    const isms_item *it = isms_entry_item(e);
    if (*text || !it || !isms__catalog_imported(isms_item_catalog(it)))
        return text;
    return isms_item_title(it);
}

static int add_entry(importer *imp, const row *r, bool annex_numbers)
{
    const size_t *col = imp->lay.col;
    const isms__csv_record *rec = r->rec;
    size_t count = isms_assessment_count(imp->a);
    if (!isms__grow((void **)&imp->lines, &imp->lines_cap, count + 1, sizeof *imp->lines))
        return isms__error_nomem();
    const char *ref = row_ref(r, annex_numbers, &imp->s1);
    if (!ref)
        return isms__error_nomem();
    isms_entry *e = NULL;
    int rc = isms_assessment_add(&e, imp->a, ref);
    if (rc == ISMS_EEXIST)
        return duplicate_error(imp, r, ref);
    if (rc != ISMS_OK)
        return rc;
    imp->lines[count] = rec->line;
    const char *text = row_text(r, &imp->s2);
    if (!text)
        return isms__error_nomem();
    if (catalog_title_of(e, text)) /* the export's own fill-in: the entry holds no text */
        text = "";
    if ((rc = set_text(e, ISMS_FIELD_TEXT, text)))
        return rc;
    if (r->status != ISMS_STATUS_NOT_ASSESSED && (rc = isms_entry_set_status(e, r->status)))
        return rc;
    if (r->need != ISMS_NEED_UNSET && (rc = isms_entry_set_need(e, r->need)))
        return rc;
    static const struct {
        int f;
        isms_entry_field field;
    } texts[] = {
        { F_COMMENT, ISMS_FIELD_COMMENT },
        { F_PLAN, ISMS_FIELD_PLAN },
        { F_OWNER, ISMS_FIELD_OWNER },
        { F_DUE, ISMS_FIELD_DUE },
        { F_JUSTIFICATION, ISMS_FIELD_JUSTIFICATION },
        { F_ORIGIN, ISMS_FIELD_ORIGIN },
    };
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++)
        if ((rc = set_text(e, texts[i].field, isms__csv_data_cell(rec, col[texts[i].f]))))
            return rc;
    if ((rc = add_evidence(e, isms__csv_data_cell(rec, col[F_EVIDENCE]), &imp->s2)))
        return rc;
    if (r->applicability != ISMS_APPLICABILITY_UNDECIDED &&
        (rc = isms_entry_set_applicability(e, r->applicability)))
        return rc;
    if (r->reasons && (rc = isms_entry_set_reasons(e, r->reasons)))
        return rc;
    for (size_t i = 0; i < imp->lay.n_extra; i++) {
        const char *cell = isms__csv_data_cell(rec, imp->lay.extra[i]);
        if (*cell && (rc = isms_entry_set_extra(e, i, cell)))
            return rc;
    }
    return ISMS_OK;
}

/* ---- import ---------------------------------------------------------------------------- */

static int import_table(importer *imp, isms_edition edition, int year)
{
    const isms__csv_table *t = &imp->in.table;
    size_t hrow;
    int rc = isms__csv_header_row(&hrow, &imp->in, gap_aliases, N_ALIASES, HEADER_SEARCH_ROWS,
                                  "ISO, Krav, Nuläge, Kommentar, Handlingsplan, Ansvarig, "
                                  "Åtgärdsbehov, Datum",
                                  "ISO, Krav, Nuläge, Kommentar, Handlingsplan, Ansvarig, "
                                  "Åtgärdsbehov, Datum (or Clause, Requirement, Status, "
                                  "Comment, Action plan, Owner, Need, Due)");
    if (rc != ISMS_OK)
        return rc;
    if ((rc = map_columns(imp, t, hrow)))
        return rc;
    if (imp->lay.col[F_REF] == NONE)
        return isms__csv_error_no_column(&imp->in, hrow,
                                         "reference column (ISO, Krav-ID, Avsnitt, Clause, "
                                         "Control, Ref or Id)");
    if ((rc = read_rows(imp)))
        return rc;

    decision d;
    memset(&d, 0, sizeof d);
    if (imp->imported) {
        /* Nothing is inferred: references are the catalog's own (no "A." added). */
        d.edition = ISMS_EDITION_IMPORTED;
        d.basis = ISMS_BASIS_GIVEN;
        if ((rc = resolve_imported(imp)))
            return rc;
    } else {
        d.annex_numbers = plain_numbers_are_annex(imp);
        if (imp->catalog) {
            d.edition = isms_catalog_edition(imp->catalog);
            d.basis = ISMS_BASIS_GIVEN;
        } else if (edition != ISMS_EDITION_UNKNOWN) {
            d.edition = edition;
            d.basis = ISMS_BASIS_GIVEN;
        } else {
            named_edition(&d, imp);
            if (d.edition == ISMS_EDITION_UNKNOWN)
                infer_edition(&d, imp);
        }
    }
    if ((rc = imp->catalog ? note_catalog(imp) : note_edition(imp, &d)))
        return rc;

    isms_scope scope = ISMS_SCOPE_BOTH;
    if ((rc = decide_rows(&scope, imp, &d)))
        return rc;
    /* An imported catalog has controls only: its assessments cover them all (both). */
    if (imp->imported)
        scope = ISMS_SCOPE_BOTH;
    rc = imp->catalog ? isms_assessment_new_catalog(&imp->a, imp->catalog, year, scope)
                      : isms_assessment_new(&imp->a, d.edition, year, scope);
    if (rc)
        return rc;
    isms__assessment_set_basis(imp->a, d.basis);
    for (size_t i = 0; i < imp->lay.n_extra; i++) {
        const char *name = isms__csv_unneutralise(isms__csv_cell(imp->lay.header,
                                                                 imp->lay.extra[i]));
        if ((rc = isms_assessment_add_extra(NULL, imp->a, name)))
            return rc;
    }
    for (size_t i = 0; i < imp->n_rows; i++)
        if (imp->rows[i].keep && (rc = add_entry(imp, &imp->rows[i], d.annex_numbers)))
            return rc;
    return ISMS_OK;
}

/* The import of both public parsers: against `catalog` when it is not NULL, else of `edition`
 * (ISMS_EDITION_UNKNOWN: inferred). The arguments are checked. */
static int parse_gap(isms_assessment **out, const char *data, size_t len, const char *source,
                     const isms_catalog *catalog, isms_edition edition, int year,
                     isms_findings *notes)
{
    importer imp;
    memset(&imp, 0, sizeof imp);
    imp.catalog = catalog;
    imp.imported = catalog && isms__catalog_imported(catalog);
    int rc = isms__csv_import_begin(&imp.in, data, len, source, notes);
    if (rc != ISMS_OK)
        return rc;
    rc = import_table(&imp, edition, year);
    isms__free(imp.lay.extra);
    isms__free(imp.rows);
    isms__free(imp.lines);
    isms__free(imp.s1.p);
    isms__free(imp.s2.p);
    if ((rc = isms__csv_import_end(&imp.in, rc, notes)) != ISMS_OK) {
        isms_assessment_free(imp.a);
        return rc;
    }
    *out = imp.a;
    return ISMS_OK;
}

int isms_assessment_parse_csv(isms_assessment **out, const char *data, size_t len,
                              const char *source, isms_edition edition, int year,
                              isms_findings *notes)
{
    if (!out || (!data && len > 0))
        return isms__error(ISMS_EINVAL, "isms_assessment_parse_csv: NULL argument");
    if (edition == ISMS_EDITION_IMPORTED)
        return isms__error(ISMS_EINVAL, "isms_assessment_parse_csv: an imported catalog is not "
                           "an edition; read the table against the catalog itself with "
                           "isms_assessment_parse_csv_catalog()");
    if (edition != ISMS_EDITION_UNKNOWN && edition != ISMS_EDITION_2013 &&
        edition != ISMS_EDITION_2022 && edition != ISMS_EDITION_2022_AMD1)
        return isms__error(ISMS_EINVAL, "isms_assessment_parse_csv: unknown edition %d",
                           (int)edition);
    if (year < 1900 || year > 9999)
        return isms__error(ISMS_EINVAL,
                           "isms_assessment_parse_csv: the year %d is outside 1900–9999", year);
    return parse_gap(out, data, len, source, NULL, edition, year, notes);
}

int isms_assessment_parse_csv_catalog(isms_assessment **out, const char *data, size_t len,
                                      const char *source, const isms_catalog *catalog,
                                      int year, isms_findings *notes)
{
    if (!out || !catalog || (!data && len > 0))
        return isms__error(ISMS_EINVAL, "isms_assessment_parse_csv_catalog: NULL argument");
    if (year < 1900 || year > 9999)
        return isms__error(ISMS_EINVAL,
                           "isms_assessment_parse_csv_catalog: the year %d is outside "
                           "1900–9999", year);
    return parse_gap(out, data, len, source, catalog, isms_catalog_edition(catalog), year,
                     notes);
}

int isms_assessment_load_csv(isms_assessment **out, const char *path, isms_edition edition,
                             int year, isms_findings *notes)
{
    if (!out || !path)
        return isms__error(ISMS_EINVAL, "isms_assessment_load_csv: NULL argument");
    char *data = NULL;
    size_t len = 0;
    int rc = isms__csv_load(&data, &len, path);
    if (rc == ISMS_OK)
        rc = isms_assessment_parse_csv(out, data, len, path, edition, year, notes);
    isms__free(data);
    return rc;
}

/* ---- export ---------------------------------------------------------------------------- */

/* True when an extra column's header is read as one of the fields `from` … `to` on import:
 * such a column must come after the main column of that field, so the main one is written
 * even when empty. */
static bool extra_aliases(const isms_assessment *a, int from, int to)
{
    for (size_t i = 0; i < isms_assessment_extra_count(a); i++) {
        isms__csv_header hd;
        isms__csv_header_normalise(&hd, isms__csv_unneutralise(isms_assessment_extra_name(a, i)));
        int f = isms__csv_header_field(&hd, gap_aliases, N_ALIASES);
        if (f >= from && f <= to)
            return true;
    }
    return false;
}

/* The reasons as a list of labels: "Riskbehandling, Lagkrav". */
static void put_reasons(isms__csv_writer *w, unsigned reasons, isms_lang lang)
{
    char buf[512];
    size_t n = 0;
    buf[0] = '\0';
    for (unsigned bit = 1; bit <= ISMS_REASON_BUSINESS; bit <<= 1) {
        if (!(reasons & bit))
            continue;
        const char *label = isms_reason_label((isms_reason)bit, lang);
        int k = snprintf(buf + n, sizeof buf - n, "%s%s", n ? ", " : "", label);
        if (k < 0 || (size_t)k >= sizeof buf - n)
            break;
        n += (size_t)k;
    }
    isms__csv_write_cell(w, buf);
}

/* The evidence references, one per line. */
static void put_evidence(isms__csv_writer *w, const isms_entry *e)
{
    size_t n = isms_entry_evidence_count(e);
    if (n <= 1) {
        isms__csv_write_cell(w, n ? isms_entry_evidence(e, 0) : "");
        return;
    }
    isms__buf b;
    isms__buf_init(&b);
    for (size_t i = 0; i < n; i++) {
        if (i)
            isms__buf_append(&b, "\n", 1);
        isms__buf_puts(&b, isms_entry_evidence(e, i));
    }
    if (b.failed)
        w->buf.failed = true;
    else
        isms__csv_write_cell(w, b.data);
    isms__buf_free(&b);
}

int isms_assessment_write_csv(char **out, size_t *len, const isms_assessment *assessment,
                              isms_lang lang, unsigned flags)
{
    if (!out || !assessment)
        return isms__error(ISMS_EINVAL, "isms_assessment_write_csv: NULL argument");
    isms__csv_writer w;
    int rc = isms__csv_writer_open(&w, "isms_assessment_write_csv", lang, flags);
    if (rc != ISMS_OK)
        return rc;

    const isms_assessment *a = assessment;
    size_t n = isms_assessment_count(a), n_extra = isms_assessment_extra_count(a);
    bool soa = extra_aliases(a, F_APPLICABLE, F_REASONS);
    bool origin = extra_aliases(a, F_ORIGIN, F_ORIGIN);
    for (size_t i = 0; i < n && !(soa && origin); i++) {
        const isms_entry *e = isms_assessment_at(a, i);
        if (isms_entry_applicability(e) != ISMS_APPLICABILITY_UNDECIDED ||
            isms_entry_reasons(e) != 0 || *isms_entry_get(e, ISMS_FIELD_JUSTIFICATION))
            soa = true;
        if (*isms_entry_get(e, ISMS_FIELD_ORIGIN))
            origin = true;
    }

    /* The edition (an imported catalog's title), as a title row above the header: import
     * reads it back (basis "named"; against the catalog, no warning).
     * Like Excel's title rows it is as wide as the table. That also keeps the delimiter
     * detectable: every row then has the same number of delimiters, and the title row holds
     * no other candidate (cells may hold unquoted tabs, commas or semicolons), so the real
     * delimiter is the one that all rows agree on. */
    size_t width = 9 + (soa ? 3 : 0) + (origin ? 1 : 0) + n_extra;
    isms__csv_write_cell(&w, isms_catalog_title(isms_assessment_catalog(a)));
    for (size_t i = 1; i < width; i++)
        isms__csv_write_cell(&w, "");
    isms__csv_end_row(&w);

    bool sv = lang == ISMS_LANG_SV;
    static const char *const headers[2][13] = {
        { "ISO", "Krav", "Nuläge", "Kommentar", "Handlingsplan", "Ansvarig", "Åtgärdsbehov",
          "Datum", "Bevis", "Tillämplig", "Motivering", "Skäl", "Ursprung" },
        { "Clause", "Requirement", "Status", "Comment", "Action plan", "Owner", "Need", "Due",
          "Evidence", "Applicable", "Justification", "Reasons", "Origin" },
    };
    const char *const *hd = headers[sv ? 0 : 1];
    /* Against an imported catalog the reference is not an ISO clause. */
    bool imported = isms__catalog_imported(isms_assessment_catalog(a));
    isms__csv_write_cell(&w, imported ? (sv ? "Krav-ID" : "Requirement ID") : hd[0]);
    for (size_t i = 1; i < 9; i++)
        isms__csv_write_cell(&w, hd[i]);
    if (soa)
        for (size_t i = 9; i < 12; i++)
            isms__csv_write_cell(&w, hd[i]);
    if (origin)
        isms__csv_write_cell(&w, hd[12]);
    for (size_t i = 0; i < n_extra; i++)
        isms__csv_write_cell(&w, isms_assessment_extra_name(a, i));
    isms__csv_end_row(&w);

    for (size_t i = 0; i < n && !w.buf.failed; i++) {
        const isms_entry *e = isms_assessment_at(a, i);
        isms__csv_write_cell(&w, isms_entry_ref(e));
        isms__csv_write_cell(&w, export_text(e));
        isms_status st = isms_entry_status(e);
        isms__csv_write_cell(&w, st == ISMS_STATUS_NOT_ASSESSED ? "" : isms_status_label(st, lang));
        isms__csv_write_cell(&w, isms_entry_get(e, ISMS_FIELD_COMMENT));
        isms__csv_write_cell(&w, isms_entry_get(e, ISMS_FIELD_PLAN));
        isms__csv_write_cell(&w, isms_entry_get(e, ISMS_FIELD_OWNER));
        isms__csv_write_cell(&w, isms_need_label(isms_entry_need(e), lang));
        isms__csv_write_cell(&w, isms_entry_get(e, ISMS_FIELD_DUE));
        put_evidence(&w, e);
        if (soa) {
            isms__csv_write_cell(&w, isms_applicability_label(isms_entry_applicability(e), lang));
            isms__csv_write_cell(&w, isms_entry_get(e, ISMS_FIELD_JUSTIFICATION));
            put_reasons(&w, isms_entry_reasons(e), lang);
        }
        if (origin)
            isms__csv_write_cell(&w, isms_entry_get(e, ISMS_FIELD_ORIGIN));
        for (size_t k = 0; k < n_extra; k++)
            isms__csv_write_cell(&w, isms_entry_extra(e, k));
        isms__csv_end_row(&w);
    }
    return isms__csv_writer_close(&w, out, len);
}

int isms_assessment_save_csv(const char *path, const isms_assessment *assessment,
                             isms_lang lang, unsigned flags)
{
    if (!path || !assessment)
        return isms__error(ISMS_EINVAL, "isms_assessment_save_csv: NULL argument");
    char *doc = NULL;
    size_t len = 0;
    int rc = isms_assessment_write_csv(&doc, &len, assessment, lang, flags);
    if (rc != ISMS_OK)
        return rc;
    return isms__csv_save(path, doc, len);
}
