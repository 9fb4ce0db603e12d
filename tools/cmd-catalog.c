/* isms catalog (the built-in editions of ISO/IEC 27001, or an imported OSCAL catalog with
 * --catalog), isms version. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char *kind_name(isms_item_kind k)
{
    switch (k) {
    case ISMS_ITEM_CHAPTER: return "chapter";
    case ISMS_ITEM_CLAUSE: return "clause";
    case ISMS_ITEM_SUBCLAUSE: return "subclause";
    case ISMS_ITEM_ANNEX: return "annex";
    case ISMS_ITEM_GROUP: return "group";
    case ISMS_ITEM_OBJECTIVE: return "objective";
    case ISMS_ITEM_CONTROL: return "control";
    }
    return "";
}

static bool is_clause(const isms_item *it)
{
    isms_item_kind k = isms_item_kind_of(it);
    return k == ISMS_ITEM_CHAPTER || k == ISMS_ITEM_CLAUSE || k == ISMS_ITEM_SUBCLAUSE;
}

static size_t depth_of(const isms_item *it)
{
    size_t d = 0;
    for (const isms_item *p = isms_item_parent(it); p; p = isms_item_parent(p))
        d++;
    return d;
}

static const char *relation_label(isms_relation r, const cli *c)
{
    switch (r) {
    case ISMS_RELATION_EQUAL: return T(c, "samma", "equal");
    case ISMS_RELATION_SUBSET: return T(c, "snävare", "narrower");
    case ISMS_RELATION_SUPERSET: return T(c, "bredare", "broader");
    case ISMS_RELATION_INTERSECT: return T(c, "delvis överlapp", "partly overlapping");
    case ISMS_RELATION_NEW: return T(c, "ny", "new");
    case ISMS_RELATION_REMOVED: return T(c, "borttagen", "removed");
    }
    return "";
}

static const char *family_label(isms_attr_family f, const cli *c)
{
    switch (f) {
    case ISMS_ATTR_CONTROL_TYPE: return T(c, "Kontrolltyp", "Control type");
    case ISMS_ATTR_PROPERTIES:
        return T(c, "Informationssäkerhetsegenskaper", "Information security properties");
    case ISMS_ATTR_CONCEPTS: return T(c, "Cybersäkerhetskoncept", "Cybersecurity concepts");
    case ISMS_ATTR_CAPABILITIES: return T(c, "Operativa förmågor", "Operational capabilities");
    case ISMS_ATTR_DOMAINS: return T(c, "Säkerhetsdomäner", "Security domains");
    }
    return "";
}

/* "ny", "ändrad 2024", "ny, ändrad 2024" or "". */
static void news_text(strbuf *b, const isms_item *it, const cli *c)
{
    const char *amend = isms_item_amendment(it);
    if (isms_item_is_new(it))
        sb_puts(b, T(c, "ny", "new"));
    if (amend && *amend)
        sb_printf(b, "%s%s", b->len ? ", " : "", T(c, "ändrad 2024", "amended 2024"));
}

/* The kind of an imported item in words: an OSCAL group or control ("grupp", "kontroll"),
 * not the names of Annex A's parts that the built-in labels are. */
static const char *imported_kind_label(const isms_item *it, const cli *c)
{
    return isms_item_kind_of(it) == ISMS_ITEM_GROUP ? T(c, "grupp", "group")
                                                     : T(c, "kontroll", "control");
}

static isms_edition other_edition(isms_edition e)
{
    return e == ISMS_EDITION_2013 ? ISMS_EDITION_2022 : ISMS_EDITION_2013;
}

/* ---- one item -------------------------------------------------------------------------- */

static void kv(table *t, const char *key, const char *value)
{
    table_key(t, key);
    table_cell(t, value, COLOR_NONE);
}

/* An imported catalog: what editions have (edition, chapter, theme, news, attributes,
 * mapping) does not apply; its title, version and OSCAL ids stand in. */
static bool is_imported(const isms_catalog *cat)
{
    return isms_catalog_edition(cat) == ISMS_EDITION_IMPORTED;
}

static int show_item(cli *c, const isms_catalog *cat, const isms_item *it)
{
    isms_edition ed = isms_catalog_edition(cat);
    bool imported = is_imported(cat);
    isms_edition other = other_edition(ed);
    const isms_item *parent = isms_item_parent(it);
    size_t nchild = isms_item_child_count(it);
    isms_attributes attrs;
    bool has_attrs = !imported && isms_item_attributes(&attrs, it);
    size_t nmap = imported ? 0 : isms_item_map(NULL, 0, it, other);
    isms_mapping *map = xcalloc(nmap ? nmap : 1, sizeof *map);
    if (nmap)
        nmap = isms_item_map(map, nmap, it, other);
    const char *amend = isms_item_amendment(it);

    strbuf b;
    sb_init(&b);
    int rc;
    if (c->format == FMT_JSON) {
        json_t *o = jobj(), *children = jarr();
        if (imported)
            jset(o, "catalog", jstr(isms_catalog_title(cat)));
        else
            jset(o, "edition", jstr(isms_edition_name(ed)));
        jset(o, "id", jstr(isms_item_id(it)));
        if (imported)
            jset(o, "oscal_id", jstr(isms_item_oscal_id(it)));
        jset(o, "title", jstr(isms_item_title(it)));
        jset(o, "kind", jstr(kind_name(isms_item_kind_of(it))));
        if (parent) {
            json_t *po = jobj();
            jset(po, "id", jstr(isms_item_id(parent)));
            jset(po, "title", jstr(isms_item_title(parent)));
            jset(o, "parent", po);
        } else {
            jset(o, "parent", jnull());
        }
        for (size_t i = 0; i < nchild; i++)
            jpush(children, jstr(isms_item_id(isms_item_child(it, i))));
        jset(o, "children", children);
        if (isms_item_chapter(it))
            jset(o, "chapter", jint(isms_item_chapter(it)));
        if (isms_item_theme(it) != ISMS_THEME_NONE)
            jset(o, "theme", jstr(isms_theme_label(isms_item_theme(it), ISMS_LANG_EN)));
        jset(o, "assessable", jbool(isms_item_assessable(it)));
        if (!imported)
            jset(o, "new", jbool(isms_item_is_new(it)));
        if (amend && *amend)
            jset(o, "amendment", jstr(amend));
        if (has_attrs) {
            json_t *ao = jobj();
            for (int f = 0; f < ISMS_ATTR_FAMILIES; f++) {
                json_t *list = jarr();
                for (size_t k = 0; k < isms_attr_count((isms_attr_family)f); k++)
                    if (attrs.bits[f] & (1u << k))
                        jpush(list, jstr(isms_attr_name((isms_attr_family)f, k)));
                jset(ao, isms_attr_family_name((isms_attr_family)f), list);
            }
            jset(o, "attributes", ao);
        }
        if (!imported) {
            json_t *mo = jobj(), *mitems = jarr();
            jset(mo, "edition", jstr(isms_edition_name(other)));
            for (size_t i = 0; i < nmap; i++) {
                json_t *e = jobj();
                jset(e, "id", map[i].to ? jstr(isms_item_id(map[i].to)) : jnull());
                jset(e, "relation", jstr(isms_relation_name(map[i].relation)));
                jpush(mitems, e);
            }
            jset(mo, "items", mitems);
            jset(o, "mapping", mo);
        }
        rc = cli_emit_json(c, o);
    } else {
        table *t = table_new_kv(c, COL_WRAP);
        strbuf v;
        sb_init(&v);
        kv(t, "ID", isms_item_id(it));
        if (imported)
            kv(t, T(c, "OSCAL-id", "OSCAL id"), isms_item_oscal_id(it));
        kv(t, T(c, "Rubrik", "Title"), isms_item_title(it));
        if (imported)
            kv(t, T(c, "Katalog", "Catalog"), isms_catalog_title(cat));
        else
            kv(t, T(c, "Utgåva", "Edition"), isms_edition_name(ed));
        kv(t, T(c, "Typ", "Kind"), imported ? imported_kind_label(it, c)
                                            : isms_item_kind_label(isms_item_kind_of(it),
                                                                   c->lang));
        if (parent) {
            sb_printf(&v, "%s %s", isms_item_id(parent), isms_item_title(parent));
            kv(t, T(c, "Överordnad", "Parent"), v.data);
        }
        if (nchild > 0) {
            v.len = 0;
            v.data[0] = '\0';
            for (size_t i = 0; i < nchild; i++)
                sb_printf(&v, "%s%s", i ? ", " : "", isms_item_id(isms_item_child(it, i)));
            kv(t, T(c, "Underordnade", "Children"), v.data);
        }
        if (isms_item_theme(it) != ISMS_THEME_NONE)
            kv(t, T(c, "Tema", "Theme"), isms_theme_label(isms_item_theme(it), c->lang));
        kv(t, T(c, "Bedöms", "Assessed"),
           isms_item_assessable(it) ? T(c, "ja", "yes") : T(c, "nej", "no"));
        if (!imported)
            kv(t, T(c, "Ny i utgåvan", "New in the edition"),
               isms_item_is_new(it) ? T(c, "ja", "yes") : T(c, "nej", "no"));
        if (amend && *amend)
            kv(t, T(c, "Ändring 2024", "Amendment 2024"), amend);
        if (has_attrs) {
            for (int f = 0; f < ISMS_ATTR_FAMILIES; f++) {
                v.len = 0;
                v.data[0] = '\0';
                for (size_t k = 0; k < isms_attr_count((isms_attr_family)f); k++)
                    if (attrs.bits[f] & (1u << k))
                        sb_printf(&v, "%s%s", v.len ? ", " : "",
                                  isms_attr_label((isms_attr_family)f, k, c->lang));
                kv(t, family_label((isms_attr_family)f, c), v.data);
            }
        }
        if (nmap > 0) {
            v.len = 0;
            v.data[0] = '\0';
            for (size_t i = 0; i < nmap; i++) {
                if (i)
                    sb_puts(&v, "; ");
                if (map[i].to)
                    sb_printf(&v, "%s %s (%s)", isms_item_id(map[i].to),
                              isms_item_title(map[i].to), relation_label(map[i].relation, c));
                else
                    sb_puts(&v, relation_label(map[i].relation, c));
            }
            char key[96];
            snprintf(key, sizeof key, "%s %s", T(c, "Motsvarighet i", "Counterpart in"),
                     isms_edition_name(other));
            kv(t, key, v.data);
        }
        sb_free(&v);
        if (c->format == FMT_HTML) {
            html_begin(&b, c, isms_item_id(it));
        } else if (c->format == FMT_MD) {
            sb_puts(&b, "# ");
            esc_md(&b, isms_item_id(it));
            sb_putc(&b, ' ');
            esc_md(&b, isms_item_title(it));
            sb_puts(&b, "\n\n");
        }
        table_render(t, &b, c);
        page_end(&b, c);
        table_free(t);
        rc = cli_emit(c, &b);
    }
    sb_free(&b);
    free(map);
    return rc;
}

/* ---- the command ----------------------------------------------------------------------- */

/* isms catalog --catalog FILE: what applies to an imported catalog. */
static int check_imported_options(const cli *c)
{
    if (c->a.edition)
        return cli_usage(c, T(c, "--catalog och --edition utesluter varandra",
                              "--catalog and --edition exclude each other"));
    if (c->a.annex || c->a.clauses)
        return cli_usage(c, T(c, "--%s väljer en del av ISO/IEC 27001; en importerad katalog "
                                 "har bara grupper och kontroller (--requirements listar "
                                 "kontrollerna)",
                              "--%s selects a part of ISO/IEC 27001; an imported catalog has "
                              "only groups and controls (--requirements lists the controls)"),
                         c->a.annex ? "annex" : "clauses");
    if (c->a.nattrs > 0 || c->a.any)
        return cli_usage(c, T(c, "attribut finns bara i 2022 års utgåva, inte i en importerad "
                                 "katalog",
                              "attributes exist only in the 2022 edition, not in an imported "
                              "catalog"));
    return 0;
}

static int list_catalog(cli *c, const isms_catalog *cat);

int cmd_catalog(cli *c)
{
    if (c->a.catalog) {
        int rc = check_imported_options(c);
        if (rc)
            return rc;
        if (c->a.npos > 1)
            return cli_usage(c, T(c, "isms catalog visar en post i taget",
                                  "isms catalog shows one item at a time"));
        isms_catalog *imported = NULL;
        if ((rc = cli_load_catalog(c, c->a.catalog, &imported)) != EXIT_FINE)
            return rc;
        if (c->a.npos == 1) {
            const isms_item *it = isms_catalog_find(imported, c->a.pos[0], ISMS_SCOPE_BOTH);
            rc = it ? show_item(c, imported, it)
                    : cli_error(c, T(c, "%s har ingen post \"%s\"", "%s has no item \"%s\""),
                                isms_catalog_title(imported), c->a.pos[0]);
        } else {
            rc = list_catalog(c, imported);
        }
        isms_catalog_free(imported);
        return rc;
    }
    isms_edition ed = ISMS_EDITION_2022;
    if (c->a.edition &&
        (isms_edition_parse(&ed, c->a.edition) != ISMS_OK || ed == ISMS_EDITION_UNKNOWN))
        return cli_usage(c, T(c, "okänd utgåva \"%s\"; välj 2013, 2022 eller 2024",
                              "unknown edition \"%s\"; choose 2013, 2022 or 2024"),
                         c->a.edition);
    if (c->a.annex && c->a.clauses)
        return cli_usage(c, T(c, "--annex och --clauses utesluter varandra",
                              "--annex and --clauses exclude each other"));
    if (c->a.nattrs > 0 && c->a.clauses)
        return cli_usage(c, T(c, "--attr väljer säkerhetsåtgärder i bilaga A och går inte "
                                 "att kombinera med --clauses",
                              "--attr selects Annex A controls and cannot be combined with "
                              "--clauses"));
    if (c->a.any && c->a.nattrs == 0)
        return cli_usage(c, T(c, "--any gäller bara med --attr", "--any applies only with --attr"));
    if (c->a.nattrs > 0 && c->a.npos > 0)
        return cli_usage(c, T(c, "--attr listar säkerhetsåtgärder; det går inte att kombinera "
                                 "med en post",
                              "--attr lists controls; it cannot be combined with an item"));
    if (c->a.npos > 1)
        return cli_usage(c, T(c, "isms catalog visar en post i taget",
                              "isms catalog shows one item at a time"));
    isms_scope scope = c->a.annex ? ISMS_SCOPE_ANNEX_A
                                  : c->a.clauses ? ISMS_SCOPE_CLAUSES : ISMS_SCOPE_BOTH;
    const isms_catalog *cat = isms_catalog_get(ed);
    if (!cat)
        return cli_lib_error(c);

    if (c->a.npos == 1) {
        const isms_item *it = isms_catalog_find(cat, c->a.pos[0], scope);
        if (!it)
            return cli_error(c, T(c, "%s har ingen post \"%s\"", "%s has no item \"%s\""),
                             isms_edition_name(ed), c->a.pos[0]);
        return show_item(c, cat, it);
    }
    return list_catalog(c, cat);
}

/* ---- the list -------------------------------------------------------------------------- */

/* Lists the catalog's items, as --annex, --clauses, --requirements and --attr select. */
static int list_catalog(cli *c, const isms_catalog *cat)
{
    isms_edition ed = isms_catalog_edition(cat);
    bool imported = is_imported(cat);
    const char *name = imported ? isms_catalog_title(cat) : isms_edition_name(ed);
    isms_scope scope = c->a.annex ? ISMS_SCOPE_ANNEX_A
                                  : c->a.clauses ? ISMS_SCOPE_CLAUSES : ISMS_SCOPE_BOTH;

    /* The items to list. */
    size_t n = 0;
    const isms_item **items = NULL;
    if (c->a.nattrs > 0) {
        if (ed == ISMS_EDITION_2013)
            return cli_usage(c, T(c, "attribut finns bara i 2022 års utgåva",
                                  "attributes exist only in the 2022 edition"));
        isms_attributes want;
        memset(&want, 0, sizeof want);
        for (size_t i = 0; i < c->a.nattrs; i++) {
            isms_attr_family f;
            size_t idx;
            if (isms_attr_parse(&f, &idx, c->a.attrs[i]) != ISMS_OK)
                return cli_usage(c, "%s", isms_error_last()->message);
            want.bits[f] |= 1u << idx;
        }
        isms_match match = c->a.any ? ISMS_MATCH_ANY : ISMS_MATCH_ALL;
        n = isms_catalog_filter(NULL, 0, cat, &want, match);
        items = xcalloc(n ? n : 1, sizeof *items);
        if (n)
            n = isms_catalog_filter(items, n, cat, &want, match);
        /* --annex and --requirements narrow the controls further (they are both anyway for
         * the controls of the 2022 edition, but say so by filtering, not by ignoring). */
        size_t kept = 0;
        for (size_t i = 0; i < n; i++) {
            if (is_clause(items[i]) && !(scope & ISMS_SCOPE_CLAUSES))
                continue;
            if (c->a.requirements && !isms_item_assessable(items[i]))
                continue;
            items[kept++] = items[i];
        }
        n = kept;
    } else {
        size_t total = isms_catalog_count(cat);
        items = xcalloc(total ? total : 1, sizeof *items);
        for (size_t i = 0; i < total; i++) {
            const isms_item *it = isms_catalog_at(cat, i);
            if (!it)
                continue;
            bool clause = is_clause(it);
            if ((clause && !(scope & ISMS_SCOPE_CLAUSES)) ||
                (!clause && !(scope & ISMS_SCOPE_ANNEX_A)))
                continue;
            if (c->a.requirements && !isms_item_assessable(it))
                continue;
            items[n++] = it;
        }
    }

    bool themes = !imported && ed != ISMS_EDITION_2013 && (scope & ISMS_SCOPE_ANNEX_A);
    bool indent = c->format == FMT_TEXT && c->a.nattrs == 0 && !c->a.requirements;
    strbuf b;
    sb_init(&b);
    int rc;
    if (c->format == FMT_JSON) {
        json_t *root = jobj(), *list = jarr();
        if (imported) {
            jset(root, "catalog", jstr(isms_catalog_title(cat)));
            jset(root, "version", jstr(isms_catalog_version(cat)));
            jset(root, "uuid", jstr(isms_catalog_uuid(cat)));
        } else {
            jset(root, "edition", jstr(isms_edition_name(ed)));
        }
        for (size_t i = 0; i < n; i++) {
            const isms_item *it = items[i];
            const isms_item *parent = isms_item_parent(it);
            json_t *o = jobj();
            jset(o, "id", jstr(isms_item_id(it)));
            if (imported)
                jset(o, "oscal_id", jstr(isms_item_oscal_id(it)));
            jset(o, "title", jstr(isms_item_title(it)));
            jset(o, "kind", jstr(kind_name(isms_item_kind_of(it))));
            jset(o, "parent", parent ? jstr(isms_item_id(parent)) : jnull());
            jset(o, "assessable", jbool(isms_item_assessable(it)));
            if (!imported)
                jset(o, "new", jbool(isms_item_is_new(it)));
            jpush(list, o);
        }
        jset(root, "items", list);
        rc = cli_emit_json(c, root);
    } else {
        /* ID, Title, Kind, then Theme and New for an edition or OSCAL id for an imported
         * catalog. */
        size_t ncols = themes ? 5 : 4, col = 0;
        table *t = table_new(ncols);
        table_col(t, col++, "ID", COL_LEFT);
        table_col(t, col++, T(c, "Rubrik", "Title"), COL_WRAP);
        table_col(t, col++, T(c, "Typ", "Kind"), COL_LEFT);
        if (themes)
            table_col(t, col++, T(c, "Tema", "Theme"), COL_LEFT);
        if (imported)
            table_col(t, col++, T(c, "OSCAL-id", "OSCAL id"), COL_LEFT);
        else
            table_col(t, col++, T(c, "Nytt", "New"), COL_LEFT);
        for (size_t i = 0; i < n; i++) {
            const isms_item *it = items[i];
            bool leaf = isms_item_child_count(it) == 0;
            table_row(t);
            if (indent) {
                strbuf id;
                sb_init(&id);
                sb_repeat(&id, "  ", depth_of(it));
                sb_puts(&id, isms_item_id(it));
                table_cell(t, id.data, leaf ? COLOR_NONE : COLOR_BOLD);
                sb_free(&id);
            } else {
                table_cell(t, isms_item_id(it), COLOR_NONE);
            }
            table_cell(t, isms_item_title(it), leaf ? COLOR_NONE : COLOR_BOLD);
            table_cell(t, imported ? imported_kind_label(it, c)
                                   : isms_item_kind_label(isms_item_kind_of(it), c->lang),
                       COLOR_DIM);
            if (themes)
                table_cell(t, isms_theme_label(isms_item_theme(it), c->lang), COLOR_NONE);
            if (imported) {
                table_cell(t, isms_item_oscal_id(it), COLOR_DIM);
            } else {
                strbuf news;
                sb_init(&news);
                news_text(&news, it, c);
                table_cell(t, news.data, COLOR_YELLOW);
                sb_free(&news);
            }
        }
        page_begin(&b, c, name);
        table_render(t, &b, c);
        if (c->format == FMT_TEXT) {
            /* An imported catalog's title is the catalog's text: made safe and wrapped. */
            char *total = xasprintf("%s: %zu %s", name, n,
                                    n == 1 ? T(c, "post", "item") : T(c, "poster", "items"));
            sb_putc(&b, '\n');
            text_paragraph(&b, c, "", 0, 0, total);
            free(total);
        }
        page_end(&b, c);
        table_free(t);
        rc = cli_emit(c, &b);
    }
    sb_free(&b);
    free(items);
    return rc;
}

/* ---- version --------------------------------------------------------------------------- */

int cmd_version(cli *c)
{
    if (c->a.npos != 0)
        return cli_usage(c, T(c, "isms version tar inga argument",
                              "isms version takes no arguments"));
    if (c->format == FMT_JSON) {
        json_t *o = jobj();
        jset(o, "isms", jstr(ISMS_VERSION_STRING));
        jset(o, "libisms", jstr(isms_version()));
        jset(o, "format", jstr(ISMS_DOCUMENT_FORMAT));
        return cli_emit_json(c, o);
    }
    strbuf b;
    sb_init(&b);
    sb_printf(&b, "isms %s\nlibisms %s\n%s %s\n", ISMS_VERSION_STRING, isms_version(),
              T(c, "dokumentformat", "document format"), ISMS_DOCUMENT_FORMAT);
    int rc = cli_emit(c, &b);
    sb_free(&b);
    return rc;
}
