/*
 * OSCAL export, the common parts (oscal-internal.h): derived UUIDs, timestamps, strings,
 * Markdown and properties as OSCAL wants them, the status of requirements as the exports count
 * it, the metadata and back-matter of a document export; the catalog writer; and the public
 * entry points of isms/oscal.h that write (the kinds, the catalog, the dispatch of a document
 * export to oscal-ar.c and oscal-poam.c).
 *
 * Everything goes through the streaming JSON writer in its strict mode (text that is not
 * UTF-8 fails the write), so out of memory is one sticky error at the end.
 */
#include <stdio.h>
#include <string.h>

#define ISMS__OSCAL_WRITER
#include "catalog/catalog-internal.h"
#include "csv-internal.h"
#include "oscal-internal.h"

void isms__oscal_nomem(isms__json *w)
{
    if (!w->err)
        w->err = ISMS_ENOMEM;
    w->out->failed = true;
}

/* ---- white space ----------------------------------------------------------------------- */

/* Length of the white space character (see isms__oscal_blank()) at p, which has n > 0 bytes
 * left; 0 when it is something else. A byte that is not the first of a character (UTF-8)
 * is never white space, so the bytes of a text may be tried one by one. */
static size_t space_len(const unsigned char *p, size_t n)
{
    unsigned char c = p[0];
    if (c < 0x80)
        return c == ' ' || (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x1F) ? 1 : 0;
    if (c == 0xC2)
        return n >= 2 && (p[1] == 0x85 || p[1] == 0xA0) ? 2 : 0;
    if (n < 3)
        return 0;
    switch (c) {
    case 0xE1: /* U+1680 */
        return p[1] == 0x9A && p[2] == 0x80 ? 3 : 0;
    case 0xE2: /* U+2000–U+200A, U+2028, U+2029, U+202F; U+205F */
        if (p[1] == 0x80)
            return (p[2] >= 0x80 && p[2] <= 0x8A) || p[2] == 0xA8 || p[2] == 0xA9 ||
                           p[2] == 0xAF
                       ? 3
                       : 0;
        return p[1] == 0x81 && p[2] == 0x9F ? 3 : 0;
    case 0xE3: /* U+3000 */
        return p[1] == 0x80 && p[2] == 0x80 ? 3 : 0;
    case 0xEF: /* U+FEFF */
        return p[1] == 0xBB && p[2] == 0xBF ? 3 : 0;
    default:
        return 0;
    }
}

/* True when the n bytes at s are not already in OSCAL's form: white space other than single
 * spaces between other characters. */
static bool needs_fold(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    bool after_space = true; /* a space at the start needs folding */
    for (size_t i = 0; i < n;) {
        size_t k = space_len(p + i, n - i);
        if (!k) {
            after_space = false;
            i++;
            continue;
        }
        if (k > 1 || p[i] != ' ' || after_space)
            return true;
        after_space = true;
        i++;
    }
    return n > 0 && after_space; /* a space at the end */
}

/* Copies the n bytes at s to dst in OSCAL's form; returns the length (0: blank). */
static size_t fold(char *dst, const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t o = 0;
    bool pending = false;
    for (size_t i = 0; i < n;) {
        size_t k = space_len(p + i, n - i);
        if (k) {
            pending = o > 0;
            i += k;
            continue;
        }
        if (pending)
            dst[o++] = ' ';
        pending = false;
        dst[o++] = s[i++];
    }
    return o;
}

/* The part of the n bytes at s without white space at either end. */
static void trim_n(const char *s, size_t n, size_t *start, size_t *len)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t b = 0, e = n, k;
    while (b < e && (k = space_len(p + b, e - b)) > 0)
        b += k;
    while (e > b) {
        size_t c = e - 1; /* the start of the last character */
        while (c > b && (p[c] & 0xC0) == 0x80)
            c--;
        if (space_len(p + c, e - c) != e - c)
            break;
        e = c;
    }
    *start = b;
    *len = e - b;
}

void isms__oscal_trim(const char *text, size_t *start, size_t *len)
{
    trim_n(text, strlen(text), start, len);
}

bool isms__oscal_blank(const char *s)
{
    if (!s)
        return true;
    size_t start, len;
    isms__oscal_trim(s, &start, &len);
    return len == 0;
}

/* ---- UUIDs and timestamps -------------------------------------------------------------- */

int isms__oscal_doc_init(isms__oscal_doc *d, const isms_document *doc)
{
    const char *org = isms_document_get(doc, ISMS_DOC_ORGANISATION);
    const char *unit = isms_document_get(doc, ISMS_DOC_UNIT);
    size_t no = strlen(org), nu = strlen(unit);
    bool fo = needs_fold(org, no), fu = needs_fold(unit, nu);
    *d = (isms__oscal_doc){ doc, org, unit, no, nu, NULL };
    if (!fo && !fu)
        return ISMS_OK;
    char *buf = isms__malloc((fo ? no + 1 : 0) + (fu ? nu + 1 : 0));
    if (!buf)
        return isms__error_nomem();
    char *o = buf;
    if (fo) {
        d->org_len = fold(o, org, no);
        o[d->org_len] = '\0';
        d->org = o;
        o += no + 1;
    }
    if (fu) {
        d->unit_len = fold(o, unit, nu);
        o[d->unit_len] = '\0';
        d->unit = o;
    }
    d->owned = buf;
    return ISMS_OK;
}

void isms__oscal_doc_free(isms__oscal_doc *d)
{
    isms__free(d->owned);
    d->owned = NULL;
}

isms__uuid isms__oscal_uuid(const isms__oscal_doc *d, const char *kind, const char *const *parts,
                            size_t n)
{
    enum { MAX = 3 + ISMS__OSCAL_UUID_PARTS };
    if (n > ISMS__OSCAL_UUID_PARTS) /* ISMS__OSCAL_UUID() does not compile with more */
        n = ISMS__OSCAL_UUID_PARTS;
    const char *text[MAX] = { d->org, d->unit, kind };
    size_t text_len[MAX] = { d->org_len, d->unit_len, strlen(kind) };
    for (size_t i = 0; i < n; i++) {
        text[3 + i] = parts[i] ? parts[i] : "";
        text_len[3 + i] = strlen(text[3 + i]);
    }
    /* every part as "<length>:<bytes>" */
    char prefix[MAX][24];
    const char *piece[2 * MAX];
    size_t piece_len[2 * MAX];
    for (size_t i = 0; i < 3 + n; i++) {
        int k = snprintf(prefix[i], sizeof prefix[i], "%zu:", text_len[i]);
        piece[2 * i] = prefix[i];
        piece_len[2 * i] = k > 0 ? (size_t)k : 0;
        piece[2 * i + 1] = text[i];
        piece_len[2 * i + 1] = text_len[i];
    }
    isms__uuid u;
    isms__uuid5_parts(NULL, u.s, (const unsigned char *)ISMS__OSCAL_NAMESPACE, piece,
                      piece_len, 2 * (3 + n));
    return u;
}

/* Writes `v` (0 … 10^digits − 1 assumed; other values are cut to their last digits) as
 * `digits` decimal digits. */
static char *put_digits(char *o, int v, int digits)
{
    unsigned u = v < 0 ? 0u : (unsigned)v;
    for (int i = digits - 1; i >= 0; i--) {
        o[i] = (char)('0' + u % 10);
        u /= 10;
    }
    return o + digits;
}

/* The date and `time` ("T00:00:00Z"). */
static isms__stamp stamp(isms_date date, const char *time)
{
    isms__stamp t;
    char *o = put_digits(t.s, date.year, 4);
    *o++ = '-';
    o = put_digits(o, date.month, 2);
    *o++ = '-';
    o = put_digits(o, date.day, 2);
    memcpy(o, time, strlen(time) + 1);
    return t;
}

isms__stamp isms__oscal_stamp(isms_date date)
{
    return stamp(date, "T00:00:00Z");
}

isms__stamp isms__oscal_stamp_end(isms_date date)
{
    return stamp(date, "T23:59:59Z");
}

/* ---- strings --------------------------------------------------------------------------- */

void isms__oscal_string(isms__json *w, const char *text)
{
    if (!text) {
        isms__json_invalid(w, "a text is missing");
        return;
    }
    size_t n = strlen(text);
    if (!needs_fold(text, n)) {
        if (n)
            isms__json_string_n(w, text, n);
        else
            isms__json_invalid(w, "a text is empty, which OSCAL does not allow here");
        return;
    }
    if (w->err)
        return;
    char small[256];
    char *buf = n < sizeof small ? small : isms__malloc(n + 1);
    if (!buf) {
        isms__oscal_nomem(w);
        return;
    }
    size_t m = fold(buf, text, n);
    if (m)
        isms__json_string_n(w, buf, m);
    else
        isms__json_invalid(w, "a text is only white space, which OSCAL does not allow here");
    if (buf != small)
        isms__free(buf);
}

const char *isms__oscal_text(const char *text, const char *fallback)
{
    return isms__oscal_blank(text) ? fallback : text;
}

/* ---- Markdown -------------------------------------------------------------------------- */

/* Characters that Markdown reads as markup wherever they stand. */
static bool md_special(unsigned char c)
{
    return c == '\\' || c == '`' || c == '*' || c == '_' || c == '[' || c == ']' || c == '<' ||
           c == '>';
}

/* Characters that Markdown reads as markup at the start of a line. */
static bool md_line_special(unsigned char c)
{
    return c == '#' || c == '+' || c == '-' || c == '=' || c == '~' || c == '|';
}

/* The number of digits of a list number at the start of the n bytes at p ("12. x", "3)"),
 * or 0 when they do not start with one. */
static size_t md_list_number(const unsigned char *p, size_t n)
{
    size_t d = 0;
    while (d < n && p[d] >= '0' && p[d] <= '9')
        d++;
    if (d == 0 || d >= n || (p[d] != '.' && p[d] != ')'))
        return 0;
    return d + 1 == n || space_len(p + d + 1, n - d - 1) ? d : 0;
}

/* True when `b` is at the start of a Markdown line: empty, or a line break last. */
static bool md_at_line_start(const isms__buf *b)
{
    return b->len == 0 || (b->data && b->data[b->len - 1] == '\n');
}

/* Appends the n bytes at s (no white space at either end, no line break that counts) with
 * each run of white space one space; `escape`: as Markdown that shows them as they are, the
 * first of them at the start of a line when `line_start`. */
static void md_line(isms__buf *b, const char *s, size_t n, bool escape, bool line_start)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    if (escape && line_start && n > 0) {
        size_t d = md_list_number(p, n);
        if (md_line_special(p[0]))
            isms__buf_append(b, "\\", 1);
        else if (d) { /* "1\. x" */
            isms__buf_append(b, s, d);
            isms__buf_append(b, "\\", 1);
            i = d;
        }
    }
    while (i < n) {
        size_t k = space_len(p + i, n - i);
        if (k) {
            while (i < n && (k = space_len(p + i, n - i)) > 0)
                i += k;
            isms__buf_append(b, " ", 1);
            continue;
        }
        size_t run = i;
        while (i < n && !(escape && md_special(p[i])) && !space_len(p + i, n - i))
            i++;
        isms__buf_append(b, s + run, i - run);
        if (i < n && escape && md_special(p[i])) {
            char esc[2] = { '\\', s[i++] };
            isms__buf_append(b, esc, 2);
        }
    }
}

void isms__oscal_md(isms__buf *b, const char *text, bool multiline)
{
    if (!text)
        return;
    size_t n = strlen(text), start, len;
    if (!multiline) {
        trim_n(text, n, &start, &len);
        if (len)
            md_line(b, text + start, len, true, md_at_line_start(b));
        return;
    }
    bool any = false, paragraph = false;
    for (size_t i = 0;;) {
        size_t j = i;
        while (j < n && text[j] != '\n' && text[j] != '\r')
            j++;
        trim_n(text + i, j - i, &start, &len);
        if (len == 0) {
            paragraph = any;
        } else {
            if (any) /* a new paragraph, or a hard line break within one */
                isms__buf_puts(b, paragraph ? "\n\n" : "  \n");
            md_line(b, text + i + start, len, true, any || md_at_line_start(b));
            any = true;
            paragraph = false;
        }
        if (j >= n)
            break;
        i = j + (text[j] == '\r' && j + 1 < n && text[j + 1] == '\n' ? 2 : 1);
    }
}

/* True when isms__oscal_md() would give `text` back unchanged: one line in OSCAL's form,
 * nothing Markdown reads as markup. */
static bool md_plain(const char *text, size_t n)
{
    const unsigned char *p = (const unsigned char *)text;
    if (needs_fold(text, n) || (n > 0 && (md_line_special(p[0]) || md_list_number(p, n))))
        return false;
    for (size_t i = 0; i < n; i++)
        if (md_special(p[i]))
            return false;
    return true;
}

isms__buf *isms__oscal_buf_reset(isms__buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
    return b;
}

void isms__oscal_put_buf(isms__json *w, const isms__buf *b)
{
    if (b->failed) {
        isms__oscal_nomem(w);
        return;
    }
    isms__json_string_n(w, b->data ? b->data : "", b->len);
}

void isms__oscal_markup(isms__json *w, const char *text, bool multiline)
{
    if (!text) {
        isms__json_invalid(w, "a text is missing");
        return;
    }
    if (isms__oscal_blank(text)) {
        isms__json_invalid(w, "a text is only white space, which OSCAL does not allow here");
        return;
    }
    size_t n = strlen(text);
    if (md_plain(text, n)) {
        isms__json_string_n(w, text, n);
        return;
    }
    if (w->err)
        return;
    isms__buf b;
    isms__buf_init(&b);
    isms__oscal_md(&b, text, multiline);
    isms__oscal_put_buf(w, &b);
    isms__buf_free(&b);
}

/* A title on one line: escaped, or (`markdown`) as it is but folded. */
static void md_title(isms__buf *b, const char *title, bool markdown)
{
    size_t start, len;
    isms__oscal_trim(title, &start, &len);
    if (len)
        md_line(b, title + start, len, !markdown, md_at_line_start(b));
}

void isms__oscal_md_item_title(isms__buf *b, const isms_item *item)
{
    md_title(b, isms_item_title(item), isms__catalog_imported(isms_item_catalog(item)));
}

void isms__oscal_md_catalog_title(isms__buf *b, const isms_catalog *catalog)
{
    md_title(b, isms_catalog_title(catalog), isms__catalog_imported(catalog));
}

/* ---- properties ------------------------------------------------------------------------ */

void isms__oscal_prop(isms__json *w, const char *name, const char *value, const char *ns)
{
    if (isms__oscal_blank(value))
        return;
    isms__json_element(w);
    OPEN_FLAT(w);
    M_STRING(w, "name", name);
    KEY(w, "value");
    isms__oscal_string(w, value);
    if (ns)
        M_STRING(w, "ns", ns);
    CLOSE(w);
}

void isms__oscal_props_add(isms__oscal_props *p, const char *name, const char *value,
                           const char *ns)
{
    if (isms__oscal_blank(value))
        return;
    if (!p->open) {
        KEY(p->w, "props");
        OPEN_ARRAY(p->w);
        p->open = true;
    }
    isms__oscal_prop(p->w, name, value, ns);
}

void isms__oscal_props_end(isms__oscal_props *p)
{
    if (p->open)
        CLOSE(p->w);
    p->open = false;
}

/* ---- requirements ---------------------------------------------------------------------- */

isms_status isms__oscal_status(const isms_entry *e)
{
    if (isms_entry_applicability(e) == ISMS_APPLICABILITY_EXCLUDED)
        return ISMS_STATUS_NOT_APPLICABLE;
    return isms_entry_status(e);
}

bool isms__oscal_may_exclude(const isms_entry *e)
{
    const isms_item *item = isms_entry_item(e);
    return item && isms_item_kind_of(item) == ISMS_ITEM_CONTROL;
}

bool isms__oscal_met(const isms_entry *e)
{
    isms_status s = isms__oscal_status(e);
    return s == ISMS_STATUS_YES || (s == ISMS_STATUS_NOT_APPLICABLE && isms__oscal_may_exclude(e));
}

/* ---- metadata and back-matter of a document export ------------------------------------- */

static const char *lang_text(const isms_document *doc, const char *sv, const char *en)
{
    return isms_document_lang(doc) == ISMS_LANG_EN ? en : sv;
}

/* One party: {"uuid", "type", "name"[, "member-of-organizations"]}. */
static void write_party(isms__json *w, const isms__uuid *uuid, const char *type,
                        const char *name, const isms__uuid *member_of)
{
    isms__json_element(w);
    OPEN_OBJECT(w);
    M_STRING(w, "uuid", uuid->s);
    M_STRING(w, "type", type);
    KEY(w, "name");
    isms__oscal_string(w, name);
    if (member_of) {
        KEY(w, "member-of-organizations");
        OPEN_FLAT_ARRAY(w);
        isms__json_element(w);
        isms__json_string(w, member_of->s);
        CLOSE(w);
    }
    CLOSE(w);
}

static void write_role(isms__json *w, const char *id, const char *title)
{
    isms__json_element(w);
    OPEN_FLAT(w);
    M_STRING(w, "id", id);
    M_STRING(w, "title", title);
    CLOSE(w);
}

static void write_responsible(isms__json *w, const char *role, const isms__uuid *party)
{
    isms__json_element(w);
    OPEN_OBJECT(w);
    M_STRING(w, "role-id", role);
    KEY(w, "party-uuids");
    OPEN_FLAT_ARRAY(w);
    isms__json_element(w);
    isms__json_string(w, party->s);
    CLOSE(w);
    CLOSE(w);
}

/* The version (the year) as text. */
static void write_year(isms__json *w, int year)
{
    char buf[16];
    snprintf(buf, sizeof buf, "%d", year);
    isms__json_string(w, buf);
}

void isms__oscal_metadata(isms__json *w, const isms__oscal_doc *d, const char *title)
{
    const isms_document *doc = d->doc;
    const char *org = isms_document_get(doc, ISMS_DOC_ORGANISATION);
    const char *unit = isms_document_get(doc, ISMS_DOC_UNIT);
    const char *author = isms_document_get(doc, ISMS_DOC_AUTHOR);
    bool has_org = !isms__oscal_blank(org), has_unit = !isms__oscal_blank(unit);
    bool has_author = !isms__oscal_blank(author);
    isms__uuid org_uuid = isms__oscal_uuid(d, "party/organisation", NULL, 0);
    isms__uuid unit_uuid = isms__oscal_uuid(d, "party/unit", NULL, 0);
    isms__uuid author_uuid = isms__oscal_uuid(d, "party/author", NULL, 0);
    isms__stamp when = isms__oscal_stamp(isms_document_today(doc));

    KEY(w, "metadata");
    OPEN_OBJECT(w);
    M_TITLE(w, isms__oscal_text(isms_document_get(doc, ISMS_DOC_TITLE), title));
    M_STRING(w, "published", when.s);
    M_STRING(w, "last-modified", when.s);
    KEY(w, "version");
    write_year(w, isms_document_year(doc));
    M_STRING(w, "oscal-version", ISMS_OSCAL_VERSION);
    if (has_author || has_org || has_unit) {
        KEY(w, "roles");
        OPEN_ARRAY(w);
        if (has_author)
            write_role(w, "prepared-by", lang_text(doc, "Upprättad av", "Prepared by"));
        if (has_org || has_unit)
            write_role(w, "prepared-for", lang_text(doc, "Upprättad för", "Prepared for"));
        CLOSE(w);
        KEY(w, "parties");
        OPEN_ARRAY(w);
        if (has_org)
            write_party(w, &org_uuid, "organization", org, NULL);
        if (has_unit)
            write_party(w, &unit_uuid, "organization", unit, has_org ? &org_uuid : NULL);
        if (has_author)
            write_party(w, &author_uuid, "person", author, NULL);
        CLOSE(w);
        KEY(w, "responsible-parties");
        OPEN_ARRAY(w);
        if (has_author)
            write_responsible(w, "prepared-by", &author_uuid);
        if (has_org || has_unit)
            write_responsible(w, "prepared-for", has_unit ? &unit_uuid : &org_uuid);
        CLOSE(w);
    }
    CLOSE(w);
}

isms__uuid isms__oscal_doc_resource(const isms__oscal_doc *d)
{
    return isms__oscal_uuid(d, "resource/document", NULL, 0);
}

void isms__oscal_back_matter(isms__json *w, const isms__oscal_doc *d)
{
    const isms_document *doc = d->doc;
    isms__uuid uuid = isms__oscal_doc_resource(d);
    int year = isms_document_year(doc);
    char fallback[64], year_text[16];
    snprintf(fallback, sizeof fallback, "%s %d",
             lang_text(doc, "Ledningens genomgång", "Management review"), year);
    snprintf(year_text, sizeof year_text, "%d", year);

    KEY(w, "back-matter");
    OPEN_OBJECT(w);
    KEY(w, "resources");
    OPEN_ARRAY(w);
    isms__json_element(w);
    OPEN_OBJECT(w);
    M_UUID(w, "uuid", uuid);
    M_TITLE(w, isms__oscal_text(isms_document_get(doc, ISMS_DOC_TITLE), fallback));
    KEY(w, "props");
    OPEN_ARRAY(w);
    isms__oscal_prop(w, "organisation", isms_document_get(doc, ISMS_DOC_ORGANISATION), NS);
    isms__oscal_prop(w, "unit", isms_document_get(doc, ISMS_DOC_UNIT), NS);
    isms__oscal_prop(w, "year", year_text, NS);
    CLOSE(w);
    CLOSE(w);
    CLOSE(w);
    CLOSE(w);
}

/* ---- catalogs -------------------------------------------------------------------------- */

/* True when `s` has the form of OSCAL's TokenDatatype, `^(\p{L}|_)(\p{L}|\p{N}|[.\-_])*$`,
 * as far as ASCII goes: characters beyond ASCII are taken for letters. */
static bool is_token(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || *p == '_' || *p >= 0x80))
        return false;
    for (p++; *p; p++)
        if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
              (*p >= '0' && *p <= '9') || *p == '.' || *p == '-' || *p == '_' || *p >= 0x80))
            return false;
    return true;
}

typedef struct cat_writer {
    isms__json *w;
    bool imported;
    isms_edition edition;
} cat_writer;

static bool is_control(const cat_writer *c, const isms_item *it)
{
    return c->imported ? isms_item_kind_of(it) == ISMS_ITEM_CONTROL : isms_item_assessable(it);
}

static const char *item_class(const cat_writer *c, const isms_item *it)
{
    switch (isms_item_kind_of(it)) {
    case ISMS_ITEM_CHAPTER: return "chapter";
    case ISMS_ITEM_CLAUSE: return "clause";
    case ISMS_ITEM_SUBCLAUSE: return "sub-clause";
    case ISMS_ITEM_ANNEX: return "annex";
    case ISMS_ITEM_GROUP: return c->edition == ISMS_EDITION_2013 ? "domain" : "theme";
    case ISMS_ITEM_OBJECTIVE: return "objective";
    case ISMS_ITEM_CONTROL: return "control";
    }
    return NULL;
}

/* The names of the ISO/IEC 27002:2022 attribute families as properties. */
static const char *const attr_prop[ISMS_ATTR_FAMILIES] = {
    "control-type", "security-property", "cybersecurity-concept", "operational-capability",
    "security-domain",
};

static void write_item(const cat_writer *c, const isms_item *it);

static size_t child_count(const isms_catalog *cat, const isms_item *parent)
{
    return parent ? isms_item_child_count(parent) : isms_catalog_root_count(cat);
}

static const isms_item *child_at(const isms_catalog *cat, const isms_item *parent, size_t i)
{
    return parent ? isms_item_child(parent, i) : isms_catalog_root(cat, i);
}

/* The `controls` (controls = true) or `groups` among the children of `parent` (NULL: the
 * catalog's roots). */
static void write_list(const cat_writer *c, const isms_catalog *cat, const isms_item *parent,
                       bool controls)
{
    size_t n = child_count(cat, parent);
    bool open = false;
    for (size_t i = 0; i < n && !c->w->err; i++) {
        const isms_item *ch = child_at(cat, parent, i);
        if (is_control(c, ch) != controls)
            continue;
        if (!open) {
            if (controls)
                KEY(c->w, "controls");
            else
                KEY(c->w, "groups");
            OPEN_ARRAY(c->w);
            open = true;
        }
        isms__json_element(c->w);
        write_item(c, ch);
    }
    if (open)
        CLOSE(c->w);
}

/* The children of `parent` (NULL: the roots): the list of the first child's kind first. */
static void write_children(const cat_writer *c, const isms_catalog *cat,
                           const isms_item *parent)
{
    if (child_count(cat, parent) == 0)
        return;
    bool controls_first = is_control(c, child_at(cat, parent, 0));
    write_list(c, cat, parent, controls_first);
    write_list(c, cat, parent, !controls_first);
}

static void write_item(const cat_writer *c, const isms_item *it)
{
    isms__json *w = c->w;
    const char *id = isms_item_oscal_id(it);
    OPEN_OBJECT(w);
    KEY(w, "id");
    if (!is_token(id)) {
        char what[160];
        snprintf(what, sizeof what, "the id \"%.*s%s\" is not an OSCAL token",
                 isms__csv_show_len(id), id, isms__csv_show_more(id));
        isms__json_invalid(w, what);
        return;
    }
    isms__json_string(w, id);
    if (!c->imported)
        M_STRING(w, "class", item_class(c, it));
    if (c->imported) /* Markdown already: as it was read */
        M_STRING(w, "title", isms_item_title(it));
    else
        M_TITLE(w, isms_item_title(it));
    const char *label = c->imported ? isms__item_label(it) : isms_item_id(it);
    isms_attributes attrs;
    bool has_attrs = !c->imported && isms_item_attributes(&attrs, it);
    bool is_new = !c->imported && isms_item_is_new(it);
    if (!isms__oscal_blank(label) || has_attrs || is_new) {
        KEY(w, "props");
        OPEN_ARRAY(w);
        isms__oscal_prop(w, "label", label, NULL);
        for (int f = 0; has_attrs && f < ISMS_ATTR_FAMILIES; f++)
            for (size_t i = 0; i < isms_attr_count((isms_attr_family)f); i++)
                if (attrs.bits[f] & (1u << i))
                    isms__oscal_prop(w, attr_prop[f], isms_attr_name((isms_attr_family)f, i),
                                     ISMS__OSCAL_NS_27002);
        if (is_new)
            isms__oscal_prop(w, "new", "true", ISMS__OSCAL_NS);
        CLOSE(w);
    }
    write_children(c, NULL, it);
    CLOSE(w);
}

/* Published date of a built-in edition. */
static isms_date edition_date(isms_edition edition)
{
    switch (edition) {
    case ISMS_EDITION_2013: return (isms_date){ 2013, 10, 1 };
    case ISMS_EDITION_2022: return (isms_date){ 2022, 10, 25 };
    case ISMS_EDITION_2022_AMD1: return (isms_date){ 2024, 2, 23 };
    default: return (isms_date){ 1970, 1, 1 };
    }
}

void isms__oscal_write_catalog(isms__json *w, const isms_catalog *catalog)
{
    cat_writer c = { w, isms__catalog_imported(catalog), isms_catalog_edition(catalog) };
    OPEN_OBJECT(w);
    M_STRING(w, "uuid", isms_catalog_uuid(catalog));
    KEY(w, "metadata");
    OPEN_OBJECT(w);
    if (c.imported)
        M_STRING(w, "title", isms__oscal_text(isms_catalog_title(catalog), "Catalog"));
    else
        M_TITLE(w, isms_catalog_title(catalog));
    if (c.imported) {
        const char *lm = isms__catalog_last_modified(catalog);
        M_STRING(w, "last-modified", isms__oscal_is_datetime(lm) ? lm : "1970-01-01T00:00:00Z");
    } else {
        isms__stamp when = isms__oscal_stamp(edition_date(c.edition));
        M_STRING(w, "published", when.s);
        M_STRING(w, "last-modified", when.s);
    }
    KEY(w, "version");
    isms__oscal_string(w, isms__oscal_text(isms_catalog_version(catalog), "unknown"));
    M_STRING(w, "oscal-version", ISMS_OSCAL_VERSION);
    if (!c.imported)
        M_STRING(w, "remarks",
                 "The ids and short titles of the clauses and Annex A controls of the "
                 "standard, with the ISO/IEC 27002:2022 attributes of its controls; the "
                 "text of the standard is © ISO/IEC and is not included.");
    CLOSE(w);
    write_children(&c, catalog, NULL);
    CLOSE(w);
}

/* ---- the public functions -------------------------------------------------------------- */

const char *isms_oscal_kind_name(isms_oscal_kind kind)
{
    switch (kind) {
    case ISMS_OSCAL_CATALOG: return "oscal-catalog";
    case ISMS_OSCAL_ASSESSMENT_RESULTS: return "oscal-ar";
    case ISMS_OSCAL_POAM: return "oscal-poam";
    }
    return "";
}

int isms_oscal_kind_parse(isms_oscal_kind *out, const char *text)
{
    static const isms__alias words[] = {
        { "oscal-catalog", ISMS_OSCAL_CATALOG },
        { "catalog", ISMS_OSCAL_CATALOG },
        { "oscal-ar", ISMS_OSCAL_ASSESSMENT_RESULTS },
        { "ar", ISMS_OSCAL_ASSESSMENT_RESULTS },
        { "assessment-results", ISMS_OSCAL_ASSESSMENT_RESULTS },
        { "oscal-poam", ISMS_OSCAL_POAM },
        { "poam", ISMS_OSCAL_POAM },
        { "plan-of-action-and-milestones", ISMS_OSCAL_POAM },
    };
    if (!out || !text)
        return isms__error(ISMS_EINVAL, "isms_oscal_kind_parse: NULL argument");
    if (isms__text_check("OSCAL kind", text))
        return ISMS_EINVAL;
    int v;
    if (!isms__alias_lookup(&v, words, sizeof words / sizeof *words, text))
        return isms__error(ISMS_EPARSE,
                           "OSCAL kind \"%.*s%s\" is not one of oscal-catalog (catalog), "
                           "oscal-ar (ar, assessment-results) or oscal-poam (poam, "
                           "plan-of-action-and-milestones)",
                           isms__csv_show_len(text), text, isms__csv_show_more(text));
    *out = (isms_oscal_kind)v;
    return ISMS_OK;
}

/* Hands the text in `b` over after a write that returned `rc`; frees it on failure. */
static int finish(char **out, size_t *len, isms__buf *b, int rc)
{
    if (rc == ISMS_OK && b->failed)
        rc = ISMS_ENOMEM;
    if (rc != ISMS_OK) {
        isms__buf_free(b);
        return rc == ISMS_ENOMEM ? isms__error_nomem() : rc;
    }
    size_t n = b->len;
    char *text = isms__buf_take(b, NULL);
    if (!text)
        return isms__error_nomem();
    *out = text;
    if (len)
        *len = n;
    return ISMS_OK;
}

/* The whole text of a catalog export into `b`. */
static int write_catalog_text(isms__buf *b, const isms_catalog *catalog)
{
    isms__json w;
    isms__json_init(&w, b, "the OSCAL catalog", 0);
    /* 64 KiB with the NUL: one byte more would double the first block to 128 KiB (the
     * 2013 catalog is 57 KB), and the caller keeps the block as long as the text. */
    isms__json_reserve(&w, 64 * 1024 - 1);
    OPEN_OBJECT(&w);
    KEY(&w, "catalog");
    isms__oscal_write_catalog(&w, catalog);
    CLOSE(&w);
    isms__json_raw(&w, "\n", 1);
    return w.err;
}

int isms_catalog_write_oscal(char **out, size_t *len, const isms_catalog *catalog)
{
    if (!out || !catalog)
        return isms__error(ISMS_EINVAL, "isms_catalog_write_oscal: NULL argument");
    isms__buf b;
    isms__buf_init(&b);
    int rc = write_catalog_text(&b, catalog);
    return finish(out, len, &b, rc);
}

/* Saves the n bytes of `text` that a write returning `rc` gave (nothing when it failed),
 * atomically, and frees them. */
static int save_text(const char *path, char *text, size_t n, int rc)
{
    if (rc != ISMS_OK)
        return rc;
    rc = isms__file_save_atomic(path, text, n);
    isms__free(text);
    return rc;
}

int isms_catalog_save_oscal(const char *path, const isms_catalog *catalog)
{
    if (!path || !catalog)
        return isms__error(ISMS_EINVAL, "isms_catalog_save_oscal: NULL argument");
    if (!*path)
        return isms__error(ISMS_EINVAL, "isms_catalog_save_oscal: the file name is empty");
    char *text = NULL;
    size_t n = 0;
    int rc = isms_catalog_write_oscal(&text, &n, catalog);
    return save_text(path, text, n, rc);
}

/* A date that a document export writes as a timestamp (isms__oscal_stamp()): OSCAL's
 * date-time pattern allows the years 1900–2999 only, a document's dates reach 9999. */
static int check_stamp(isms_date d, const char *export, const char *what)
{
    if (isms_date_valid(d) && d.year >= 1900 && d.year <= 2999)
        return ISMS_OK;
    return isms__error(ISMS_ERANGE, "cannot write %s: %s is %04d-%02d-%02d; OSCAL dates must "
                       "lie in the years 1900–2999", export, what, d.year, d.month, d.day);
}

/* The dates of `doc` that the export `kind` writes as timestamps: the document's (metadata),
 * and for assessment results each assessment's (its result's start and its observations). */
static int check_dates(const isms_document *doc, isms_oscal_kind kind)
{
    const char *export = kind == ISMS_OSCAL_ASSESSMENT_RESULTS ? "OSCAL assessment results"
                                                               : "an OSCAL POA&M";
    const char *what = isms_date_valid(isms_document_date(doc))
                           ? "the document's reference date"
                           : "the document's date (31 December of its year)";
    int rc = check_stamp(isms_document_today(doc), export, what);
    if (rc != ISMS_OK || kind != ISMS_OSCAL_ASSESSMENT_RESULTS)
        return rc;
    for (size_t i = 0; i < isms_document_assessment_count(doc); i++) {
        const isms_assessment *a = isms_document_assessment_at(doc, i);
        char name[64];
        snprintf(name, sizeof name, "the date of the assessment of %d",
                 isms_assessment_year(a));
        rc = check_stamp(isms_assessment_date(a), export, name);
        if (rc != ISMS_OK)
            return rc;
    }
    return ISMS_OK;
}

int isms_document_write_oscal(char **out, size_t *len, const isms_document *doc,
                              isms_oscal_kind kind)
{
    if (!out || !doc)
        return isms__error(ISMS_EINVAL, "isms_document_write_oscal: NULL argument");
    if (kind == ISMS_OSCAL_ASSESSMENT_RESULTS || kind == ISMS_OSCAL_POAM) {
        int rc = check_dates(doc, kind);
        if (rc != ISMS_OK)
            return rc;
    }
    isms__buf b;
    isms__buf_init(&b);
    int rc;
    switch (kind) {
    case ISMS_OSCAL_CATALOG: {
        const isms_assessment *a = isms_document_current(doc);
        const isms_catalog *cat = a ? isms_assessment_catalog(a) : NULL;
        if (!cat)
            return isms__error(ISMS_ENOTFOUND, "the document has no assessment, so it has no "
                                               "catalog to write as OSCAL");
        rc = write_catalog_text(&b, cat);
        break;
    }
    case ISMS_OSCAL_ASSESSMENT_RESULTS:
        rc = isms__oscal_write_ar(&b, doc);
        break;
    case ISMS_OSCAL_POAM:
        rc = isms__oscal_write_poam(&b, doc);
        break;
    default:
        return isms__error(ISMS_EINVAL,
                           "isms_document_write_oscal: unknown OSCAL kind %d (expected %d "
                           "catalog, %d assessment results or %d POA&M)",
                           (int)kind, ISMS_OSCAL_CATALOG, ISMS_OSCAL_ASSESSMENT_RESULTS,
                           ISMS_OSCAL_POAM);
    }
    return finish(out, len, &b, rc);
}

int isms_document_save_oscal(const char *path, const isms_document *doc, isms_oscal_kind kind)
{
    if (!path || !doc)
        return isms__error(ISMS_EINVAL, "isms_document_save_oscal: NULL argument");
    if (!*path)
        return isms__error(ISMS_EINVAL, "isms_document_save_oscal: the file name is empty");
    char *text = NULL;
    size_t n = 0;
    int rc = isms_document_write_oscal(&text, &n, doc, kind);
    return save_text(path, text, n, rc);
}
