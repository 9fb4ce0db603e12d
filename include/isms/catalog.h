/**
 * @file isms/catalog.h
 * @brief The ISO/IEC 27001 catalogs: clauses, Annex A, ISO/IEC 27002:2022 attributes and
 *        the 2013 → 2022 mapping (catalog module, pure core).
 *
 * Three editions are built in: ISO/IEC 27001:2013, ISO/IEC 27001:2022, and 2022 with
 * Amendment 1:2024. Each is a tree of items held in static, read-only data: nothing here
 * allocates, every pointer stays valid for the life of the process, and every function may be
 * called from any thread.
 *
 * The tree: the roots are the chapters `4` … `10` followed by Annex A (`A`). Under a chapter
 * come its clauses (`6.1`) and under those the sub-clauses (`6.1.2`). Under Annex A come, in
 * 2013, the 14 domains (`A.5` … `A.18`), their 35 control objectives (`A.5.1`) and the 114
 * controls (`A.5.1.1`); in 2022 the four themes (`A.5` organizational, `A.6` people, `A.7`
 * physical, `A.8` technological) and the 93 controls (`A.5.1` … `A.8.34`). Annex A controls
 * always carry the `A.` prefix in their id, which keeps them apart from clauses with the same
 * number (control `A.5.1` against clause `5.1`).
 *
 * Titles are the standards' English headings (short titles only: the requirement text is
 * © ISO/IEC and not included). No official Swedish headings are built in.
 *
 * Imported catalogs: another framework (NIST SP 800-53, CIS Controls, a city's own rule set)
 * comes in as an OSCAL catalog (isms/oscal.h, isms_catalog_parse_oscal()). Its OSCAL groups
 * become items of kind #ISMS_ITEM_GROUP and its controls (enhancements included) items of
 * kind #ISMS_ITEM_CONTROL, in the catalog's order; every control is a requirement (of the
 * scope #ISMS_SCOPE_ANNEX_A: an imported catalog has no clauses), and the top-level groups are
 * the groups an assessment is summarised by. An item's id is its `label` property when it
 * has one that no other item shares (`AC-1`, `A.5.1`), else its OSCAL id (`ac-1`);
 * isms_item_oscal_id() gives the OSCAL id. An imported catalog is on the heap and
 * reference-counted: the caller releases its own reference with isms_catalog_free(), and
 * every assessment (and document) that holds it keeps one of its own, so the catalog lives as
 * long as the last of them. It is read-only once
 * imported, so it too may be read from any thread.
 */
#ifndef ISMS_CATALOG_H
#define ISMS_CATALOG_H

#include <stdbool.h>
#include <stddef.h>

#include "isms/base.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @defgroup catalog ISO/IEC 27001 catalogs
 * @brief The built-in catalogs of ISO/IEC 27001:2013, 2022 and 2022 with Amd 1:2024 (clauses,
 *        Annex A, ISO/IEC 27002:2022 attributes, the 2013 → 2022 mapping) and catalogs imported
 *        from OSCAL.
 *
 * isms/catalog.h describes the module in full.
 * @{
 */

/**
 * @brief An edition of ISO/IEC 27001.
 * @since 0.1.0
 */
typedef enum isms_edition {
    ISMS_EDITION_UNKNOWN = 0,   /**< Not known (yet); no catalog. */
    ISMS_EDITION_2013 = 1,      /**< ISO/IEC 27001:2013 (SS-EN ISO/IEC 27001:2017). */
    ISMS_EDITION_2022 = 2,      /**< ISO/IEC 27001:2022 (SS-EN ISO/IEC 27001:2023). */
    ISMS_EDITION_2022_AMD1 = 3, /**< ISO/IEC 27001:2022 with Amd 1:2024 (climate action). */
    ISMS_EDITION_IMPORTED = 4   /**< Not an edition: a catalog imported from OSCAL
                                     (isms_catalog_parse_oscal()), another framework. It has
                                     no mapping and no attributes; isms_catalog_get() and
                                     isms_edition_parse() never give it. @since 0.1.0 */
} isms_edition;

/**
 * @brief Full name of an edition: "ISO/IEC 27001:2013", "ISO/IEC 27001:2022",
 *        "ISO/IEC 27001:2022/Amd 1:2024"; "" for unknown and for #ISMS_EDITION_IMPORTED
 *        (an imported catalog's name is isms_catalog_title()). Never NULL.
 * @param edition The edition.
 * @return A static string.
 * @since 0.1.0
 */
ISMS_EXPORT const char *isms_edition_name(isms_edition edition);

/**
 * @brief Reads an edition: "2013", "2022", "2024" (the amended 2022), "ISO/IEC 27001:2013",
 *        "27001:2022", "ISO/IEC 27001:2022/Amd 1:2024", "2022+A1:2024", "SS-EN ISO/IEC
 *        27001:2017" (= 2013), "…:2023" (= 2022); case and spacing do not matter.
 * @param[out] out The edition.
 * @param text The text. Must be UTF-8.
 * @return #ISMS_OK, #ISMS_EINVAL (NULL argument), #ISMS_EPARSE (names the text and the forms
 *         accepted). #ISMS_EINVAL for text that is not UTF-8: "edition: not UTF-8 at byte N (0xHH)"
 *         names the first bad byte (N from 1); nothing is written.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_edition_parse(isms_edition *out, const char *text);

/**
 * @brief Which part of the standard: clauses 4–10, Annex A, or both. Also an assessment's
 *        scope.
 * @since 0.1.0
 */
typedef enum isms_scope {
    ISMS_SCOPE_CLAUSES = 1, /**< The management-system clauses 4–10 (ledningssystemskraven). */
    ISMS_SCOPE_ANNEX_A = 2, /**< Annex A controls (bilaga A). */
    ISMS_SCOPE_BOTH = 3     /**< Both. */
} isms_scope;

/**
 * @brief The kind of a catalog item.
 * @since 0.1.0
 */
typedef enum isms_item_kind {
    ISMS_ITEM_CHAPTER = 0,   /**< A chapter, `4` … `10` (kapitel). */
    ISMS_ITEM_CLAUSE = 1,    /**< A clause, `6.1` (avsnitt). */
    ISMS_ITEM_SUBCLAUSE = 2, /**< A sub-clause, `6.1.2` (underavsnitt). */
    ISMS_ITEM_ANNEX = 3,     /**< Annex A itself, id `A` (bilaga A). */
    ISMS_ITEM_GROUP = 4,     /**< A 2013 domain (`A.9`) or a 2022 theme (`A.8`) (område, tema). */
    ISMS_ITEM_OBJECTIVE = 5, /**< A 2013 control objective, `A.9.2` (kontrollmål). */
    ISMS_ITEM_CONTROL = 6    /**< An Annex A control (säkerhetsåtgärd). */
} isms_item_kind;

/**
 * @brief Label of an item kind ("underavsnitt" / "sub-clause"). Never NULL.
 * @param kind The kind.
 * @param lang The language.
 * @return A static string; "" for a kind outside #isms_item_kind.
 * @since 0.1.0
 */
ISMS_EXPORT const char *isms_item_kind_label(isms_item_kind kind, isms_lang lang);

/**
 * @brief The Annex A themes of ISO/IEC 27001:2022.
 * @since 0.1.0
 */
typedef enum isms_theme {
    ISMS_THEME_NONE = 0,           /**< Not a 2022 Annex A item. */
    ISMS_THEME_ORGANIZATIONAL = 1, /**< A.5, 37 controls (organisatoriska). */
    ISMS_THEME_PEOPLE = 2,         /**< A.6, 8 controls (personrelaterade). */
    ISMS_THEME_PHYSICAL = 3,       /**< A.7, 14 controls (fysiska). */
    ISMS_THEME_TECHNOLOGICAL = 4   /**< A.8, 34 controls (tekniska). */
} isms_theme;

/**
 * @brief Label of a theme ("organisatoriska" / "organizational"); "" for none. Never NULL.
 * @param theme The theme.
 * @param lang The language.
 * @return A static string.
 * @since 0.1.0
 */
ISMS_EXPORT const char *isms_theme_label(isms_theme theme, isms_lang lang);

/**
 * @brief The five attribute families of ISO/IEC 27002:2022 §4.2.
 * @since 0.1.0
 */
typedef enum isms_attr_family {
    ISMS_ATTR_CONTROL_TYPE = 0, /**< Preventive, Detective, Corrective. */
    ISMS_ATTR_PROPERTIES = 1,   /**< Confidentiality, Integrity, Availability. */
    ISMS_ATTR_CONCEPTS = 2,     /**< Identify, Protect, Detect, Respond, Recover. */
    ISMS_ATTR_CAPABILITIES = 3, /**< The 15 operational capabilities. */
    ISMS_ATTR_DOMAINS = 4       /**< Governance_and_Ecosystem, Protection, Defence, Resilience. */
} isms_attr_family;

/** Number of attribute families. @since 0.1.0 */
#define ISMS_ATTR_FAMILIES 5

/**
 * @brief The attribute values of a 2022 control, one bit set per value.
 *
 * Bit `i` of `bits[f]` is the `i`-th value of family `f` in the standard's canonical order
 * (isms_attr_count() and isms_attr_name() list them). For example, bit 0 of
 * `bits[ISMS_ATTR_PROPERTIES]` is Confidentiality and bit 2 of `bits[ISMS_ATTR_CONCEPTS]`
 * is Detect.
 * @since 0.1.0
 */
typedef struct isms_attributes {
    unsigned bits[ISMS_ATTR_FAMILIES]; /**< One bit set per value, per family. */
} isms_attributes;

/**
 * @brief Number of values of an attribute family (3, 3, 5, 15, 4), 0 for an unknown family.
 * @param family The family.
 * @return The number of values.
 * @since 0.1.0
 */
ISMS_EXPORT size_t isms_attr_count(isms_attr_family family);

/**
 * @brief The standard's name of a value, without the `#`: "Confidentiality",
 *        "Governance_and_Ecosystem". NULL when out of range.
 * @param family The family.
 * @param index Index of the value (its bit number).
 * @return A static string, or NULL.
 * @since 0.1.0
 */
ISMS_EXPORT const char *isms_attr_name(isms_attr_family family, size_t index);

/**
 * @brief A value's label for people: "Konfidentialitet" / "Confidentiality",
 *        "Styrning och ekosystem" / "Governance and Ecosystem". NULL when out of range.
 * @param family The family.
 * @param index Index of the value.
 * @param lang The language.
 * @return A static string, or NULL (also for a language outside #isms_lang).
 * @since 0.1.0
 */
ISMS_EXPORT const char *isms_attr_label(isms_attr_family family, size_t index, isms_lang lang);

/**
 * @brief Name of a family: "control_type", "properties", "concepts", "capabilities",
 *        "domains"; NULL for an unknown family.
 * @param family The family.
 * @return A static string, or NULL.
 * @since 0.1.0
 */
ISMS_EXPORT const char *isms_attr_family_name(isms_attr_family family);

/**
 * @brief Reads one attribute value in any usual spelling: `#Detect`, `detect`, `Detektera`,
 *        `Governance_and_Ecosystem`, `governance and ecosystem`, `Defense`.
 * @param[out] family The family it belongs to.
 * @param[out] index Its index (bit number) in the family.
 * @param text The text. Must be UTF-8.
 * @return #ISMS_OK, #ISMS_EINVAL (NULL argument), #ISMS_EPARSE (not a value; the message
 *         names the text). #ISMS_EINVAL for text that is not UTF-8:
 *         "attribute: not UTF-8 at byte N (0xHH)" names the first bad byte (N from 1); nothing is
 *         written.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_attr_parse(isms_attr_family *family, size_t *index, const char *text);

/**
 * @brief A catalog (opaque, read-only): an edition's built-in one (static) or an imported
 *        one (reference-counted, see isms_catalog_free()).
 * @since 0.1.0
 */
typedef struct isms_catalog isms_catalog;

/** Most items (groups and controls) of an imported catalog. @since 0.1.0 */
#define ISMS_CATALOG_MAX_ITEMS 65000

/** Deepest nesting of groups and controls in an imported catalog (a group in a group in …;
 *  a control's enhancements count as a level). @since 0.1.0 */
#define ISMS_OSCAL_MAX_LEVELS 8

/**
 * @brief One item of a catalog (opaque, read-only; it lives as long as its catalog).
 * @since 0.1.0
 */
typedef struct isms_item isms_item;

/**
 * @brief The built-in catalog of an edition.
 * @param edition The edition.
 * @return The catalog (static: never freed, valid forever), or NULL for an unknown edition.
 * @since 0.1.0
 */
ISMS_EXPORT const isms_catalog *isms_catalog_get(isms_edition edition);

/**
 * @brief The edition of a catalog: #ISMS_EDITION_IMPORTED for an imported one.
 * @param catalog A catalog (not NULL).
 * @return The edition; #ISMS_EDITION_UNKNOWN for NULL.
 * @since 0.1.0
 */
ISMS_EXPORT isms_edition isms_catalog_edition(const isms_catalog *catalog);

/**
 * @brief Releases a reference to an imported catalog: the caller's own, from
 *        isms_catalog_parse_oscal() or isms_catalog_ref(). The catalog is freed when no
 *        reference is left (assessments and documents hold their own). Built-in catalogs and
 *        NULL are ignored; so never free a borrowed pointer (isms_assessment_catalog(),
 *        isms_item_catalog()): for an imported catalog that would free what the assessment
 *        still uses.
 * @param catalog The catalog, or NULL.
 * @since 0.1.0
 */
ISMS_EXPORT void isms_catalog_free(const isms_catalog *catalog);

/**
 * @brief Takes a reference to an imported catalog, to keep it beyond the assessments that
 *        hold it (for example one got from isms_assessment_catalog()); release it with
 *        isms_catalog_free(). Built-in catalogs and NULL are returned as they are. Safe from
 *        any thread.
 * @param catalog The catalog, or NULL.
 * @return `catalog`.
 * @since 0.1.0
 */
ISMS_EXPORT const isms_catalog *isms_catalog_ref(const isms_catalog *catalog);

/**
 * @brief Title of a catalog: the edition's full name ("ISO/IEC 27001:2022") for a built-in
 *        catalog, the OSCAL metadata title for an imported one. Never NULL.
 * @param catalog A catalog, or NULL (then "").
 * @return A string borrowed from the catalog (static for a built-in catalog).
 * @since 0.1.0
 */
ISMS_EXPORT const char *isms_catalog_title(const isms_catalog *catalog);

/**
 * @brief Version of a catalog: "2013", "2022", "2022/Amd 1:2024" for a built-in catalog, the
 *        OSCAL metadata version for an imported one. Never NULL.
 * @param catalog A catalog, or NULL (then "").
 * @return A string borrowed from the catalog (static for a built-in catalog).
 * @since 0.1.0
 */
ISMS_EXPORT const char *isms_catalog_version(const isms_catalog *catalog);

/**
 * @brief UUID of a catalog, lowercase `8-4-4-4-12` hex: the OSCAL catalog's own for an
 *        imported one; for a built-in catalog a fixed UUID derived from its edition (the
 *        same in every release, so exports of it can be recognised). Never NULL.
 * @param catalog A catalog, or NULL (then "").
 * @return A string borrowed from the catalog (static for a built-in catalog).
 * @since 0.1.0
 */
ISMS_EXPORT const char *isms_catalog_uuid(const isms_catalog *catalog);

/**
 * @brief Number of items in the catalog, every kind included.
 * @param catalog A catalog, or NULL (then 0).
 * @return The number of items.
 * @since 0.1.0
 */
ISMS_EXPORT size_t isms_catalog_count(const isms_catalog *catalog);

/**
 * @brief Item `index` in document order (chapters with their clauses depth first, then Annex
 *        A depth first; an imported catalog's groups and controls depth first, as read).
 * @param catalog A catalog.
 * @param index 0 … isms_catalog_count() − 1.
 * @return The item, or NULL when out of range.
 * @since 0.1.0
 */
ISMS_EXPORT const isms_item *isms_catalog_at(const isms_catalog *catalog, size_t index);

/**
 * @brief Number of requirements that an assessment scores in a scope: the assessable clauses
 *        (26 in 2013, 30 in 2022) and/or the Annex A controls (114, 93); in an imported
 *        catalog every control for #ISMS_SCOPE_ANNEX_A and #ISMS_SCOPE_BOTH, none for
 *        #ISMS_SCOPE_CLAUSES.
 * @param catalog A catalog, or NULL (then 0).
 * @param scope The scope.
 * @return The number of requirements; 0 for a scope outside #isms_scope.
 * @since 0.1.0
 */
ISMS_EXPORT size_t isms_catalog_requirement_count(const isms_catalog *catalog, isms_scope scope);

/**
 * @brief Requirement `index` of a scope, in document order (clauses first).
 * @param catalog A catalog.
 * @param scope The scope.
 * @param index 0 … isms_catalog_requirement_count() − 1.
 * @return The item, or NULL when out of range.
 * @since 0.1.0
 */
ISMS_EXPORT const isms_item *isms_catalog_requirement(const isms_catalog *catalog,
                                                      isms_scope scope, size_t index);

/**
 * @brief Finds an item by id, tolerant of how people write ids.
 *
 * Accepted: surrounding white space, a trailing dot (`6.1.2.`), a `§` or `A` prefix in any
 * case with a dot, a space or nothing after it (`A.5.1`, `A 5.1`, `a5.1`), leading zeros
 * (`A.05.01`), and spaces around the dots. A plain number (`5.1`) is a clause when `scope` is
 * #ISMS_SCOPE_CLAUSES or #ISMS_SCOPE_BOTH, and the Annex A item when `scope` is
 * #ISMS_SCOPE_ANNEX_A. `A` alone is Annex A. Text after the id (`6.1.2 Bedömning av
 * informationssäkerhetsrisker`) is not accepted: pass the id alone.
 *
 * In an imported catalog the rules are the catalog's own: the item whose id or OSCAL id is
 * the text, ignoring surrounding white space and ASCII case (`ac-1`, `AC-1`), for any of
 * the three scopes.
 * @param catalog A catalog.
 * @param id The id.
 * @param scope Where a plain number is looked up (only there: there is no fall-back to the
 *        other part); an `A` prefix always means Annex A. Other values find nothing.
 * @return The item, or NULL when there is none (no error is set).
 * @since 0.1.0
 */
ISMS_EXPORT const isms_item *isms_catalog_find(const isms_catalog *catalog, const char *id,
                                               isms_scope scope);

/**
 * @brief Number of root items: the chapters 4–10 and Annex A (8); in an imported catalog its
 *        top-level groups and controls.
 * @param catalog A catalog, or NULL (then 0).
 * @return The number of root items.
 * @since 0.1.0
 */
ISMS_EXPORT size_t isms_catalog_root_count(const isms_catalog *catalog);

/**
 * @brief Root item `index`.
 * @param catalog A catalog.
 * @param index 0 … isms_catalog_root_count() − 1.
 * @return The item, or NULL when out of range.
 * @since 0.1.0
 */
ISMS_EXPORT const isms_item *isms_catalog_root(const isms_catalog *catalog, size_t index);

/**
 * @brief How to combine the requested attribute values in isms_catalog_filter().
 * @since 0.1.0
 */
typedef enum isms_match {
    ISMS_MATCH_ALL = 0, /**< A control must have every requested value (AND). */
    ISMS_MATCH_ANY = 1  /**< Within a family, one requested value is enough (OR); families
                             with a request must all be met. */
} isms_match;

/**
 * @brief Lists the 2022 Annex A controls that have the requested attribute values, in
 *        document order. Families with no bits requested do not restrict.
 *
 * Example: all controls with the property confidentiality and the concept detect:
 * `want.bits[ISMS_ATTR_PROPERTIES] = 1u << 0; want.bits[ISMS_ATTR_CONCEPTS] = 1u << 2;`.
 * @param[out] out Array for up to `cap` items, or NULL when `cap` is 0 (to count first).
 * @param cap Its capacity.
 * @param catalog A 2022 catalog (a 2013 catalog has no attributes and gives 0).
 * @param want The requested values.
 * @param match #ISMS_MATCH_ALL or #ISMS_MATCH_ANY.
 * @return The number of matching controls (may exceed `cap`: then only `cap` were written).
 * @since 0.1.0
 */
ISMS_EXPORT size_t isms_catalog_filter(const isms_item **out, size_t cap,
                                       const isms_catalog *catalog,
                                       const isms_attributes *want, isms_match match);

/**
 * @brief The catalog an item belongs to.
 * @param item An item (not NULL).
 * @return The catalog (borrowed); NULL for a NULL item.
 * @since 0.1.0
 */
ISMS_EXPORT const isms_catalog *isms_item_catalog(const isms_item *item);

/**
 * @brief Id of an item: "6.1.2", "A", "A.9", "A.9.2", "A.9.2.1", "A.5.23". Never NULL.
 * @param item An item, or NULL (then "").
 * @return A string borrowed from the item's catalog.
 * @since 0.1.0
 */
ISMS_EXPORT const char *isms_item_id(const isms_item *item);

/**
 * @brief The item's OSCAL id: for an imported catalog the control's or group's `id` as read
 *        (`ac-1`); for a built-in catalog the id its OSCAL export uses: `clause-6.1.2` for
 *        chapters and clauses, `annex-a` for Annex A, `a.5.1` for Annex A items. Never NULL.
 * @param item An item, or NULL (then "").
 * @return A string borrowed from the item's catalog.
 * @since 0.1.0
 */
ISMS_EXPORT const char *isms_item_oscal_id(const isms_item *item);

/**
 * @brief English short title of an item (an imported item's OSCAL title). Never NULL.
 * @param item An item, or NULL (then "").
 * @return A string borrowed from the item's catalog.
 * @since 0.1.0
 */
ISMS_EXPORT const char *isms_item_title(const isms_item *item);

/**
 * @brief Kind of an item.
 * @param item An item (not NULL).
 * @return The kind (#ISMS_ITEM_CHAPTER for NULL).
 * @since 0.1.0
 */
ISMS_EXPORT isms_item_kind isms_item_kind_of(const isms_item *item);

/**
 * @brief True for the items an assessment scores: leaf clauses and sub-clauses, and Annex A
 *        controls.
 * @param item An item, or NULL (then false).
 * @return true when an assessment scores the item, false otherwise.
 * @since 0.1.0
 */
ISMS_EXPORT bool isms_item_assessable(const isms_item *item);

/**
 * @brief Parent of an item; NULL for a root.
 * @param item An item.
 * @return The parent, borrowed from the same catalog, or NULL (also for a NULL item).
 * @since 0.1.0
 */
ISMS_EXPORT const isms_item *isms_item_parent(const isms_item *item);

/**
 * @brief Number of children of an item.
 * @param item An item, or NULL (then 0).
 * @return The number of children.
 * @since 0.1.0
 */
ISMS_EXPORT size_t isms_item_child_count(const isms_item *item);

/**
 * @brief Child `index` of an item, in document order.
 * @param item An item.
 * @param index 0 … isms_item_child_count() − 1.
 * @return The child, or NULL when out of range.
 * @since 0.1.0
 */
ISMS_EXPORT const isms_item *isms_item_child(const isms_item *item, size_t index);

/**
 * @brief The chapter (4–10) a clause item belongs to; 0 for Annex A items.
 * @param item An item, or NULL (then 0).
 * @return The chapter number, or 0.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_item_chapter(const isms_item *item);

/**
 * @brief The 2022 theme of an Annex A item (theme, control); #ISMS_THEME_NONE otherwise.
 * @param item An item, or NULL.
 * @return The theme, or #ISMS_THEME_NONE (also for NULL).
 * @since 0.1.0
 */
ISMS_EXPORT isms_theme isms_item_theme(const isms_item *item);

/**
 * @brief The Annex A group of an item: the 2013 domain or 2022 theme it lies under (itself
 *        for a group); NULL for clauses and Annex A itself. In an imported catalog: the
 *        top-level group it lies under (itself for a top-level group, also for a group
 *        nested in it), NULL for a control at the top level.
 * @param item An item, or NULL.
 * @return The group, borrowed from the same catalog, or NULL.
 * @since 0.1.0
 */
ISMS_EXPORT const isms_item *isms_item_group(const isms_item *item);

/**
 * @brief The ISO/IEC 27002:2022 attributes of a 2022 control.
 * @param[out] out The attributes (all zero when the item has none).
 * @param item An item.
 * @return true when the item is a 2022 control (it has attributes), else false.
 * @since 0.1.0
 */
ISMS_EXPORT bool isms_item_attributes(isms_attributes *out, const isms_item *item);

/**
 * @brief True for items new in their edition: 2022 clause 6.3 and the 11 new 2022 controls
 *        (A.5.7, A.5.23, …); false in 2013.
 * @param item An item, or NULL.
 * @return true for a new item, false otherwise (also for NULL).
 * @since 0.1.0
 */
ISMS_EXPORT bool isms_item_is_new(const isms_item *item);

/**
 * @brief What Amendment 1:2024 changed in this item (clauses 4.1 and 4.2 of the amended
 *        edition): a one-line summary in English, or NULL when nothing.
 * @param item An item, or NULL.
 * @return A static string, or NULL.
 * @since 0.1.0
 */
ISMS_EXPORT const char *isms_item_amendment(const isms_item *item);

/**
 * @brief How an item relates to its counterpart in another edition, read from the side of
 *        the item mapped from.
 * @since 0.1.0
 */
typedef enum isms_relation {
    ISMS_RELATION_EQUAL = 0,     /**< Same scope. */
    ISMS_RELATION_SUBSET = 1,    /**< The item is narrower than its counterpart. */
    ISMS_RELATION_SUPERSET = 2,  /**< The item is broader (it was split). */
    ISMS_RELATION_INTERSECT = 3, /**< The two only partly overlap. */
    ISMS_RELATION_NEW = 4,       /**< No counterpart in the older edition (new in 2022). */
    ISMS_RELATION_REMOVED = 5    /**< No counterpart in the newer edition. */
} isms_relation;

/**
 * @brief Name of a relation: "equal", "subset", "superset", "intersect", "new", "removed".
 *        Never NULL.
 * @param relation The relation.
 * @return A static string; "" for a value outside #isms_relation.
 * @since 0.1.0
 */
ISMS_EXPORT const char *isms_relation_name(isms_relation relation);

/**
 * @brief One edge of the mapping between two editions.
 * @since 0.1.0
 */
typedef struct isms_mapping {
    const isms_item *from;  /**< The item mapped from. */
    const isms_item *to;    /**< Its counterpart, or NULL for new and removed. */
    isms_relation relation; /**< Read from `from`'s side. */
} isms_mapping;

/**
 * @brief Where an item goes in another edition.
 *
 * 2013 → 2022 follows the reference mapping (corrected against ISO/IEC 27002:2022 Annex B);
 * 2022 → 2013 is the same edges read backwards (subset and superset swap); an item without a
 * counterpart gives one edge with `to` NULL and #ISMS_RELATION_NEW (2022 → 2013) or
 * #ISMS_RELATION_REMOVED (2013 → 2022). Between 2022 and 2022 with Amd 1:2024 every item maps
 * to the item with the same id: equal, except 4.1, which gained a requirement (2022 → amended
 * is subset, amended → 2022 superset). Within one edition an item maps to itself (equal).
 * Only assessable items (clauses that are scored, Annex A controls) have mappings between 2013
 * and 2022; other items give 0.
 * @param[out] out Array for up to `cap` edges, or NULL when `cap` is 0.
 * @param cap Its capacity.
 * @param item The item to map.
 * @param to The target edition.
 * @return The number of edges (may exceed `cap`; then only `cap` were written); 0 for an
 *         unknown edition, or between 2013 and 2022 for an item that is not assessable.
 * @since 0.1.0
 */
ISMS_EXPORT size_t isms_item_map(isms_mapping *out, size_t cap, const isms_item *item,
                                 isms_edition to);

/** @} */

#ifdef __cplusplus
}
#endif

#endif
