/* The ISO/IEC 27001 catalogs: editions, look-up, navigation, ISO/IEC 27002:2022 attributes
 * and the 2013 ↔ 2022 mapping; the same functions read imported catalogs.
 *
 * All data of the built-in catalogs lives in catalog-data.c, which gen-catalog.py generates
 * from the reference pack; catalog-internal.h describes its layout. This file only reads it:
 * nothing allocates and nothing is written, so every function is safe from any thread.
 * Imported catalogs (imported.c) share the layout of items and catalogs; where they differ
 * (texts, child counts, look-up, no mapping) a function tests the item's or catalog's
 * `edition` byte and reads the imported catalog's own tables.
 *
 * Look-up turns an id into a 32-bit key (Annex A or not, the number of parts, the parts) and
 * binary-searches the catalog's sorted key table. The same key comes out however the id was
 * written (`A 05 .1`, `a5.1.`), which is what makes the tolerant forms cheap: no string is
 * built and no comparison of text is made.
 */
#include <string.h>

#include "catalog-internal.h"

/* ---- small helpers ------------------------------------------------------------------- */

/* A string of the text pool: the offset holds the page and the position in it. */
static const char *text_at(uint16_t offset)
{
    return isms__cat_text[offset >> 12] + (offset & 0xFFFu);
}

static const isms_catalog *catalog_of(const isms_item *item)
{
    if (item->edition == ISMS_EDITION_IMPORTED)
        return &isms__imported_of(item)->base;
    return &isms__catalogs[item->edition - 1];
}

static bool imported_item(const isms_item *item)
{
    return item->edition == ISMS_EDITION_IMPORTED;
}

/* A text of an imported item: an offset into its catalog's pool. */
static const char *imported_text(const isms_item *item, uint32_t offset)
{
    return isms__imported_of(item)->pool + offset;
}

static size_t index_of(const isms_item *item)
{
    return (size_t)(item - catalog_of(item)->items);
}

static bool valid_family(isms_attr_family family)
{
    return (unsigned)family < ISMS_ATTR_FAMILIES;
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool is_blank(char c)
{
    return c == ' ' || c == '\t';
}

/* ---- editions ------------------------------------------------------------------------ */

const char *isms_edition_name(isms_edition edition)
{
    switch (edition) {
    case ISMS_EDITION_2013: return "ISO/IEC 27001:2013";
    case ISMS_EDITION_2022: return "ISO/IEC 27001:2022";
    case ISMS_EDITION_2022_AMD1: return "ISO/IEC 27001:2022/Amd 1:2024";
    case ISMS_EDITION_UNKNOWN:
    case ISMS_EDITION_IMPORTED: break;
    }
    return "";
}

/* Consumes `prefix` at *s when it is there. */
static bool eat(const char **s, const char *prefix)
{
    size_t n = strlen(prefix);
    if (strncmp(*s, prefix, n) != 0)
        return false;
    *s += n;
    return true;
}

/* The amendment after a 2022 (or SS-EN 2023) year: "/amd1:2024", "+a1:2024", "amd.1", … —
 * a separator or none, "amd", "amd." or "a", the number 1, and ":2024" or nothing. */
static bool amendment_suffix(const char *s)
{
    if (*s == '/' || *s == '+' || *s == ',')
        s++;
    if (!(eat(&s, "amd.") || eat(&s, "amd") || eat(&s, "a")))
        return false;
    if (!eat(&s, "1"))
        return false;
    if (*s == '\0')
        return true;
    return strcmp(s, ":2024") == 0;
}

int isms_edition_parse(isms_edition *out, const char *text)
{
    if (!out || !text)
        return isms__error(ISMS_EINVAL, "isms_edition_parse: NULL argument");
    if (isms__text_check("edition", text))
        return ISMS_EINVAL;
    /* Case and spacing do not matter: compare a lower-case copy without white space. */
    char buf[96];
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        if (*p == ' ' || (*p >= '\t' && *p <= '\r'))
            continue;
        if (p[0] == 0xC2 && p[1] == 0xA0) { /* NBSP */
            p++;
            continue;
        }
        if (n + 1 >= sizeof buf)
            goto bad;
        buf[n++] = (char)(*p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p);
    }
    buf[n] = '\0';

    const char *s = buf;
    bool national = eat(&s, "ss-en"); /* the Swedish adoption: SS-EN ISO/IEC 27001:2017 */
    bool iso = eat(&s, "iso/iec") || eat(&s, "iso");
    bool number = eat(&s, "27001:");
    if ((national || iso) && !number)
        goto bad;
    isms_edition found;
    if (eat(&s, national ? "2017" : "2013")) {
        found = ISMS_EDITION_2013;
    } else if (eat(&s, national ? "2023" : "2022")) {
        found = ISMS_EDITION_2022;
        if (*s != '\0') {
            if (!amendment_suffix(s))
                goto bad;
            found = ISMS_EDITION_2022_AMD1;
            s += strlen(s);
        }
    } else if (!number && eat(&s, "2024")) {
        found = ISMS_EDITION_2022_AMD1; /* the amendment's year stands for the amended 2022 */
    } else {
        goto bad;
    }
    if (*s != '\0')
        goto bad;
    *out = found;
    return ISMS_OK;
bad:
    return isms__error(ISMS_EPARSE,
                       "unknown edition \"%.64s\": expected 2013, 2022, 2024 (2022 with Amd "
                       "1:2024), ISO/IEC 27001:2013, ISO/IEC 27001:2022, ISO/IEC 27001:2022/Amd "
                       "1:2024, 2022+A1:2024, SS-EN ISO/IEC 27001:2017 or SS-EN ISO/IEC "
                       "27001:2023 (with /A1:2024)",
                       text);
}

/* ---- labels -------------------------------------------------------------------------- */

const char *isms_item_kind_label(isms_item_kind kind, isms_lang lang)
{
    bool sv = lang == ISMS_LANG_SV;
    switch (kind) {
    case ISMS_ITEM_CHAPTER: return sv ? "kapitel" : "chapter";
    case ISMS_ITEM_CLAUSE: return sv ? "avsnitt" : "clause";
    case ISMS_ITEM_SUBCLAUSE: return sv ? "underavsnitt" : "sub-clause";
    case ISMS_ITEM_ANNEX: return sv ? "bilaga" : "annex";
    /* One kind covers the 2013 domains and the 2022 themes. */
    case ISMS_ITEM_GROUP: return sv ? "område/tema" : "domain/theme";
    case ISMS_ITEM_OBJECTIVE: return sv ? "kontrollmål" : "control objective";
    case ISMS_ITEM_CONTROL: return sv ? "säkerhetsåtgärd" : "control";
    }
    return "";
}

const char *isms_theme_label(isms_theme theme, isms_lang lang)
{
    bool sv = lang == ISMS_LANG_SV;
    switch (theme) {
    case ISMS_THEME_ORGANIZATIONAL: return sv ? "organisatoriska" : "organizational";
    case ISMS_THEME_PEOPLE: return sv ? "personrelaterade" : "people";
    case ISMS_THEME_PHYSICAL: return sv ? "fysiska" : "physical";
    case ISMS_THEME_TECHNOLOGICAL: return sv ? "tekniska" : "technological";
    case ISMS_THEME_NONE: break;
    }
    return "";
}

const char *isms_relation_name(isms_relation relation)
{
    switch (relation) {
    case ISMS_RELATION_EQUAL: return "equal";
    case ISMS_RELATION_SUBSET: return "subset";
    case ISMS_RELATION_SUPERSET: return "superset";
    case ISMS_RELATION_INTERSECT: return "intersect";
    case ISMS_RELATION_NEW: return "new";
    case ISMS_RELATION_REMOVED: return "removed";
    }
    return "";
}

/* ---- attributes ---------------------------------------------------------------------- */

size_t isms_attr_count(isms_attr_family family)
{
    if (!valid_family(family))
        return 0;
    return (size_t)(isms__attr_first[family + 1] - isms__attr_first[family]);
}

static const struct isms__attr_value *attr_value(isms_attr_family family, size_t index)
{
    if (index >= isms_attr_count(family))
        return NULL;
    return &isms__attr_values[isms__attr_first[family] + index];
}

const char *isms_attr_name(isms_attr_family family, size_t index)
{
    const struct isms__attr_value *v = attr_value(family, index);
    return v ? text_at(v->name) : NULL;
}

const char *isms_attr_label(isms_attr_family family, size_t index, isms_lang lang)
{
    const struct isms__attr_value *v = attr_value(family, index);
    if (!v)
        return NULL;
    switch (lang) {
    case ISMS_LANG_SV: return text_at(v->label_sv);
    case ISMS_LANG_EN: return text_at(v->label_en);
    }
    return NULL;
}

const char *isms_attr_family_name(isms_attr_family family)
{
    static const char *const names[ISMS_ATTR_FAMILIES] = {
        "control_type", "properties", "concepts", "capabilities", "domains"
    };
    return valid_family(family) ? names[family] : NULL;
}

/* Other spellings people use, with the standard's name they stand for: the American
 * "Defense", and Swedish words besides our labels (NIST CSF's "Detektera", …). */
static const struct {
    const char *alias;
    const char *name;
} attr_aliases[] = {
    { "Defense", "Defence" },
    { "Detektera", "Detect" },
    { "Detekterande", "Detective" },
    { "Respondera", "Respond" },
    { "Agera", "Respond" },
    { "Återhämta", "Recover" },
    { "Sekretess", "Confidentiality" },
    { "Integritet", "Integrity" },
};

/* Finds a value by its standard name (exact spelling). */
static bool attr_by_name(const char *name, isms_attr_family *family, size_t *index)
{
    for (int f = 0; f < ISMS_ATTR_FAMILIES; f++)
        for (size_t i = 0; i < isms_attr_count((isms_attr_family)f); i++)
            if (strcmp(isms_attr_name((isms_attr_family)f, i), name) == 0) {
                *family = (isms_attr_family)f;
                *index = i;
                return true;
            }
    return false;
}

int isms_attr_parse(isms_attr_family *family, size_t *index, const char *text)
{
    if (!family || !index || !text)
        return isms__error(ISMS_EINVAL, "isms_attr_parse: NULL argument");
    if (isms__text_check("attribute", text))
        return ISMS_EINVAL;
    /* Drop the hashtag's '#' and read '_' as a space, so that "#Governance_and_Ecosystem"
     * and "governance and ecosystem" both meet the English label; the matcher does the rest
     * (case, white space). */
    size_t start, len;
    isms__trim_span(text, strlen(text), &start, &len);
    const char *s = text + start;
    if (len > 0 && *s == '#') {
        s++;
        len--;
    }
    char buf[128];
    if (len >= sizeof buf)
        goto bad;
    for (size_t i = 0; i < len; i++)
        buf[i] = s[i] == '_' ? ' ' : s[i];
    buf[len] = '\0';

    for (int f = 0; f < ISMS_ATTR_FAMILIES; f++)
        for (size_t i = 0; i < isms_attr_count((isms_attr_family)f); i++) {
            const struct isms__attr_value *v = attr_value((isms_attr_family)f, i);
            if (isms_text_matches(text_at(v->label_en), buf)
                || isms_text_matches(text_at(v->label_sv), buf)) {
                *family = (isms_attr_family)f;
                *index = i;
                return ISMS_OK;
            }
        }
    for (size_t a = 0; a < sizeof attr_aliases / sizeof *attr_aliases; a++)
        if (isms_text_matches(attr_aliases[a].alias, buf)) {
            isms_attr_family f;
            size_t i;
            if (attr_by_name(attr_aliases[a].name, &f, &i)) {
                *family = f;
                *index = i;
                return ISMS_OK;
            }
        }
bad:
    return isms__error(ISMS_EPARSE,
                       "\"%.64s\" is not an ISO/IEC 27002:2022 attribute value (such as "
                       "#Preventive, #Confidentiality, #Detect, #Governance, #Defence)",
                       text);
}

/* ---- catalogs ------------------------------------------------------------------------ */

const isms_catalog *isms_catalog_get(isms_edition edition)
{
    switch (edition) {
    case ISMS_EDITION_2013:
    case ISMS_EDITION_2022:
    case ISMS_EDITION_2022_AMD1:
        return &isms__catalogs[edition - 1];
    case ISMS_EDITION_UNKNOWN:
    case ISMS_EDITION_IMPORTED:
        break;
    }
    return NULL;
}

isms_edition isms_catalog_edition(const isms_catalog *catalog)
{
    return catalog ? (isms_edition)catalog->edition : ISMS_EDITION_UNKNOWN;
}

/* Version and UUID of the built-in catalogs, indexed by edition − 1. The UUIDs are the
 * version 5 UUIDs that the OSCAL export derives from the edition (lib/io/oscal-internal.h);
 * they are written out here so that this pure-core file needs no SHA-1 at run time, and
 * test-catalog-imported checks them against isms__uuid5(). */
static const struct {
    const char *version;
    const char *uuid;
} builtin_meta[3] = {
    { "2013", "59b8e94b-4e3b-594e-97ad-f5324274e136" },
    { "2022", "5840251f-6d2e-5e76-9efc-193693a6da91" },
    { "2022/Amd 1:2024", "1f68943d-d60c-59d6-b37b-7e93c9d851d5" },
};

const char *isms_catalog_title(const isms_catalog *catalog)
{
    if (!catalog)
        return "";
    if (catalog->edition == ISMS_EDITION_IMPORTED) {
        const struct isms__imported *imp = isms__imported_cat(catalog);
        return imp->pool + imp->title;
    }
    return isms_edition_name((isms_edition)catalog->edition);
}

const char *isms_catalog_version(const isms_catalog *catalog)
{
    if (!catalog)
        return "";
    if (catalog->edition == ISMS_EDITION_IMPORTED) {
        const struct isms__imported *imp = isms__imported_cat(catalog);
        return imp->pool + imp->version;
    }
    return builtin_meta[catalog->edition - 1].version;
}

const char *isms_catalog_uuid(const isms_catalog *catalog)
{
    if (!catalog)
        return "";
    if (catalog->edition == ISMS_EDITION_IMPORTED) {
        const struct isms__imported *imp = isms__imported_cat(catalog);
        return imp->pool + imp->uuid;
    }
    return builtin_meta[catalog->edition - 1].uuid;
}

size_t isms_catalog_count(const isms_catalog *catalog)
{
    return catalog ? catalog->n_items : 0;
}

const isms_item *isms_catalog_at(const isms_catalog *catalog, size_t index)
{
    if (!catalog || index >= catalog->n_items)
        return NULL;
    return &catalog->items[index];
}

size_t isms_catalog_requirement_count(const isms_catalog *catalog, isms_scope scope)
{
    if (!catalog)
        return 0;
    switch (scope) {
    case ISMS_SCOPE_CLAUSES: return catalog->n_clause_reqs;
    case ISMS_SCOPE_ANNEX_A: return catalog->n_control_reqs;
    case ISMS_SCOPE_BOTH: return (size_t)catalog->n_clause_reqs + catalog->n_control_reqs;
    }
    return 0;
}

const isms_item *isms_catalog_requirement(const isms_catalog *catalog, isms_scope scope,
                                          size_t index)
{
    if (index >= isms_catalog_requirement_count(catalog, scope))
        return NULL;
    /* The requirement list holds the clauses first, so Annex A starts after them. */
    size_t first = scope == ISMS_SCOPE_ANNEX_A ? catalog->n_clause_reqs : 0;
    return &catalog->items[catalog->requirements[first + index]];
}

size_t isms_catalog_root_count(const isms_catalog *catalog)
{
    return catalog ? catalog->n_roots : 0;
}

const isms_item *isms_catalog_root(const isms_catalog *catalog, size_t index)
{
    if (!catalog || index >= catalog->n_roots)
        return NULL;
    return &catalog->items[catalog->roots[index]];
}

/* ---- look-up ------------------------------------------------------------------------- */

enum { MAX_PARTS = 3, MAX_PART = 255 };

/* The look-up key of an id: bit 30 for Annex A, the number of parts in bits 24–25, the parts
 * in the three low bytes. gen-catalog.py (lookup_key) computes the same keys for the table. */
static uint32_t make_key(bool annex, unsigned depth, const unsigned part[MAX_PARTS])
{
    return (uint32_t)annex << 30 | (uint32_t)depth << 24 | (uint32_t)part[0] << 16
           | (uint32_t)part[1] << 8 | (uint32_t)part[2];
}

static const isms_item *find_key(const isms_catalog *catalog, uint32_t key)
{
    size_t lo = 0, hi = catalog->n_index;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        uint32_t k = catalog->index[mid].key;
        if (k == key)
            return &catalog->items[catalog->index[mid].item];
        if (k < key)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

/* Skips spaces, tabs and no-break spaces (ids pasted from word processors have those). */
static const char *skip_blanks(const char *s, const char *end)
{
    for (;;) {
        if (s < end && is_blank(*s))
            s++;
        else if (end - s >= 2 && (unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA0)
            s += 2;
        else
            return s;
    }
}

const isms_item *isms_catalog_find(const isms_catalog *catalog, const char *id,
                                   isms_scope scope)
{
    if (!catalog || !id)
        return NULL;
    if (scope != ISMS_SCOPE_CLAUSES && scope != ISMS_SCOPE_ANNEX_A && scope != ISMS_SCOPE_BOTH)
        return NULL;
    if (catalog->edition == ISMS_EDITION_IMPORTED)
        return isms__imported_find(isms__imported_cat(catalog), id); /* its own rules */
    size_t start, len;
    isms__trim_span(id, strlen(id), &start, &len);
    const char *s = id + start, *end = s + len;

    /* A plain number is looked up in the scope's part only: with clauses in scope, "5.1" is
     * clause 5.1 or nothing, never control A.5.1, so that a typo cannot land in the other
     * part of the standard. */
    bool annex = scope == ISMS_SCOPE_ANNEX_A;
    if (s < end && (*s == 'A' || *s == 'a')) {
        annex = true;
        s = skip_blanks(s + 1, end);
        bool dot = s < end && *s == '.';
        if (dot)
            s = skip_blanks(s + 1, end);
        if (s == end) {
            if (dot)
                return NULL; /* "A." names nothing */
            unsigned none[MAX_PARTS] = { 0, 0, 0 };
            return find_key(catalog, make_key(true, 0, none));
        }
    } else if (end - s >= 2 && (unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA7) {
        s = skip_blanks(s + 2, end); /* § */
    }

    unsigned part[MAX_PARTS] = { 0, 0, 0 };
    unsigned depth = 0;
    for (;;) {
        if (s == end || !is_digit(*s) || depth == MAX_PARTS)
            return NULL;
        unsigned v = 0;
        for (; s < end && is_digit(*s); s++) {
            v = v * 10 + (unsigned)(*s - '0');
            if (v > MAX_PART)
                return NULL; /* no id has such a part; also keeps v from overflowing */
        }
        part[depth++] = v;
        s = skip_blanks(s, end);
        if (s == end)
            break;
        if (*s != '.')
            return NULL; /* text after the id */
        s = skip_blanks(s + 1, end);
        if (s == end)
            break; /* a trailing dot: "6.1.2." */
    }
    return find_key(catalog, make_key(annex, depth, part));
}

/* ---- filter -------------------------------------------------------------------------- */

static bool attrs_match(const uint16_t *have, const isms_attributes *want, isms_match match)
{
    for (int f = 0; f < ISMS_ATTR_FAMILIES; f++) {
        unsigned w = want ? want->bits[f] : 0;
        if (w == 0)
            continue; /* no request in this family: it does not restrict */
        unsigned h = have[f];
        if (match == ISMS_MATCH_ALL ? (h & w) != w : (h & w) == 0)
            return false;
    }
    return true;
}

size_t isms_catalog_filter(const isms_item **out, size_t cap, const isms_catalog *catalog,
                           const isms_attributes *want, isms_match match)
{
    if (!catalog || (match != ISMS_MATCH_ALL && match != ISMS_MATCH_ANY))
        return 0;
    if (!out)
        cap = 0;
    size_t found = 0;
    for (size_t r = 0; r < catalog->n_control_reqs; r++) {
        const isms_item *item = &catalog->items[catalog->requirements[catalog->n_clause_reqs + r]];
        if (item->attrs == ISMS__CAT_NONE || !attrs_match(isms__cat_attrs[item->attrs], want,
                                                           match))
            continue;
        if (found < cap)
            out[found] = item;
        found++;
    }
    return found;
}

/* ---- items --------------------------------------------------------------------------- */

const isms_catalog *isms_item_catalog(const isms_item *item)
{
    return item ? catalog_of(item) : NULL;
}

const char *isms_item_id(const isms_item *item)
{
    if (!item)
        return "";
    if (imported_item(item))
        return imported_text(item, isms__imported_ext(item)->id);
    return text_at(item->id);
}

const char *isms_item_oscal_id(const isms_item *item)
{
    if (!item)
        return "";
    if (imported_item(item))
        return imported_text(item, isms__imported_ext(item)->oscal_id);
    return text_at(catalog_of(item)->oscal_ids[index_of(item)]);
}

const char *isms_item_title(const isms_item *item)
{
    if (!item)
        return "";
    if (imported_item(item))
        return imported_text(item, isms__imported_ext(item)->title);
    return text_at(item->title);
}

isms_item_kind isms_item_kind_of(const isms_item *item)
{
    return item ? (isms_item_kind)item->kind : ISMS_ITEM_CHAPTER;
}

bool isms_item_assessable(const isms_item *item)
{
    return item && (item->flags & ISMS__ITEM_ASSESSABLE);
}

const isms_item *isms_item_parent(const isms_item *item)
{
    if (!item || item->parent == ISMS__CAT_NONE)
        return NULL;
    return &catalog_of(item)->items[item->parent];
}

size_t isms_item_child_count(const isms_item *item)
{
    if (!item)
        return 0;
    if (imported_item(item)) /* may exceed the 255 of n_children */
        return isms__imported_ext(item)->n_children;
    return item->n_children;
}

const isms_item *isms_item_child(const isms_item *item, size_t index)
{
    if (!item || index >= isms_item_child_count(item))
        return NULL;
    const isms_catalog *catalog = catalog_of(item);
    return &catalog->items[catalog->children[item->children + index]];
}

int isms_item_chapter(const isms_item *item)
{
    return item ? item->chapter : 0;
}

isms_theme isms_item_theme(const isms_item *item)
{
    return item ? (isms_theme)item->theme : ISMS_THEME_NONE;
}

const isms_item *isms_item_group(const isms_item *item)
{
    if (!item || item->group == ISMS__CAT_NONE)
        return NULL;
    return &catalog_of(item)->items[item->group];
}

bool isms_item_attributes(isms_attributes *out, const isms_item *item)
{
    bool has = item && item->attrs != ISMS__CAT_NONE;
    if (out)
        for (int f = 0; f < ISMS_ATTR_FAMILIES; f++)
            out->bits[f] = has ? isms__cat_attrs[item->attrs][f] : 0;
    return has;
}

bool isms_item_is_new(const isms_item *item)
{
    return item && (item->flags & ISMS__ITEM_NEW);
}

const char *isms_item_amendment(const isms_item *item)
{
    if (!item || item->amendment == 0)
        return NULL;
    return text_at(item->amendment);
}

/* ---- mapping ------------------------------------------------------------------------- */

/* Appends one edge when there is room; returns the new count either way. */
static size_t put_edge(isms_mapping *out, size_t cap, size_t n, const isms_item *from,
                       const isms_item *to, isms_relation relation)
{
    if (n < cap) {
        out[n].from = from;
        out[n].to = to;
        out[n].relation = relation;
    }
    return n + 1;
}

/* A relation read from the other side. */
static isms_relation reverse(isms_relation relation)
{
    switch (relation) {
    case ISMS_RELATION_SUBSET: return ISMS_RELATION_SUPERSET;
    case ISMS_RELATION_SUPERSET: return ISMS_RELATION_SUBSET;
    case ISMS_RELATION_NEW: return ISMS_RELATION_REMOVED;
    case ISMS_RELATION_REMOVED: return ISMS_RELATION_NEW;
    case ISMS_RELATION_EQUAL:
    case ISMS_RELATION_INTERSECT:
        break;
    }
    return relation;
}

size_t isms_item_map(isms_mapping *out, size_t cap, const isms_item *item, isms_edition to)
{
    const isms_catalog *target = isms_catalog_get(to);
    if (!item || !target)
        return 0;
    if (!out)
        cap = 0;
    isms_edition from = (isms_edition)item->edition;
    if (from == ISMS_EDITION_IMPORTED)
        return 0; /* another framework: no mapping to ISO/IEC 27001 */
    if (from == to)
        return put_edge(out, cap, 0, item, item, ISMS_RELATION_EQUAL);

    if (from != ISMS_EDITION_2013 && to != ISMS_EDITION_2013) {
        /* 2022 and amended 2022 have the same items at the same indices. Only an item to
         * which the amendment added a requirement (4.1) differs: the amended one is broader.
         * The flag sits on the amended catalog's item, whichever side that is. */
        const isms_item *other = &target->items[index_of(item)];
        isms_relation rel = ISMS_RELATION_EQUAL;
        if ((item->flags | other->flags) & ISMS__ITEM_AMENDED)
            rel = from == ISMS_EDITION_2022 ? ISMS_RELATION_SUBSET : ISMS_RELATION_SUPERSET;
        return put_edge(out, cap, 0, item, other, rel);
    }

    if (!(item->flags & ISMS__ITEM_ASSESSABLE))
        return 0;
    size_t n = 0;
    if (from == ISMS_EDITION_2013) {
        for (size_t e = item->map; e < (size_t)item->map + item->n_map; e++) {
            const struct isms__cat_edge *edge = &isms__cat_edges[e];
            n = put_edge(out, cap, n, item, &target->items[edge->to],
                         (isms_relation)edge->relation);
        }
        if (n == 0)
            n = put_edge(out, cap, n, item, NULL, ISMS_RELATION_REMOVED);
    } else {
        /* 2022 or amended 2022 → 2013: the edges read backwards. The amended catalog shares
         * the 2022 indices, so its items find their edges the same way. */
        for (size_t r = item->map; r < (size_t)item->map + item->n_map; r++) {
            const struct isms__cat_edge *edge = &isms__cat_edges[isms__cat_rev[r]];
            n = put_edge(out, cap, n, item, &target->items[edge->from],
                         reverse((isms_relation)edge->relation));
        }
        if (n == 0)
            n = put_edge(out, cap, n, item, NULL, ISMS_RELATION_NEW);
    }
    return n;
}
