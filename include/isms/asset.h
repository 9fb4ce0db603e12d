/**
 * @file isms/asset.h
 * @brief Information assets: classification schemes, assets, personal data, the register of
 *        processing (GDPR Article 30), relations and inheritance (asset module, pure core).
 *
 * An #isms_inventory holds assets (information, systems, services, processes, locations,
 * suppliers …) and typed relations between them. Each asset may be assessed per aspect
 * (confidentiality, integrity, availability and, when the scheme has it, traceability) on the
 * inventory's #isms_scheme. isms_inventory_classify() computes every asset's effective level
 * per aspect:
 *
 * 1. the assessed level (or unclassified);
 * 2. raised to the policy floors its personal data implies (#isms_floors);
 * 3. raised to the highest effective level of the assets it supports, transitively (the
 *    high-water mark: a system that processes information takes the information's levels);
 *    assets on a cycle share the highest level of the cycle;
 * 4. replaced by a manual override when one is set (an override needs a justification, and
 *    one below the level it replaces is reported by lint).
 *
 * An override is the asset's effective level, so it is what the assets that support it
 * inherit (not the level it replaced), and nothing is inherited through it: on a cycle, an
 * overridden member passes on its override only, and each other member takes the highest
 * level it still reaches without passing through an overridden one.
 *
 * Every effective level carries its provenance (#isms_provenance): assessed, inherited from
 * which asset, raised by which floor, or overridden. When an asset's own level (assessment
 * or floor) equals what it would inherit, the own level is the origin. When several assets
 * could be the source of an inherited level, the one whose id sorts first (bytewise) is
 * named. Neither levels nor provenance depend on the order in which assets and relations were
 * added.
 *
 * Handles: an inventory owns its assets; an #isms_asset pointer is borrowed and stays valid
 * until the asset is removed or the inventory freed. Effective levels are valid after
 * isms_inventory_classify() until the next change that can move a level: adding or removing
 * an asset, linking or unlinking, setting a level, an override, personal data or the floors
 * (text fields, type, dates, interval and NIS relevance do not count). Before that, or after
 * such a change, isms_asset_effective() reports every aspect as #ISMS_CLASS_UNSET with
 * #ISMS_ORIGIN_UNCLASSIFIED. Reading from several threads is safe; changes (and
 * isms_inventory_classify()) need the caller's lock.
 */
#ifndef ISMS_ASSET_H
#define ISMS_ASSET_H

#include <stdbool.h>
#include <stddef.h>

#include "isms/base.h"
#include "isms/findings.h"
#include "isms/period.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @defgroup asset Information assets and classification
 * @brief Classification schemes, information assets and what they run on, personal data, the
 *        register of processing (GDPR Article 30), relations and the levels assets inherit.
 *
 * isms/asset.h describes the module in full.
 * @{
 */

/**
 * @brief The aspects of classification.
 * @since 0.1.0
 */
typedef enum isms_aspect {
    ISMS_ASPECT_CONFIDENTIALITY = 0, /**< Konfidentialitet. */
    ISMS_ASPECT_INTEGRITY = 1,       /**< Riktighet. */
    ISMS_ASPECT_AVAILABILITY = 2,    /**< Tillgänglighet. */
    ISMS_ASPECT_TRACEABILITY = 3     /**< Spårbarhet (optional in a scheme). */
} isms_aspect;

/** Number of aspects. @since 0.1.0 */
#define ISMS_ASPECTS 4

/** An aspect that is not classified. @since 0.1.0 */
#define ISMS_CLASS_UNSET (-1)

/** The highest level any scale may have (levels are 0 … ISMS_CLASS_MAX). @since 0.1.0 */
#define ISMS_CLASS_MAX 9

/**
 * @brief Label of an aspect ("Konfidentialitet" / "Confidentiality"). Never NULL.
 * @param aspect The aspect.
 * @param lang The language.
 * @return A static string; "" for an aspect outside #isms_aspect.
 * @since 0.1.0
 */
ISMS_EXPORT const char *isms_aspect_label(isms_aspect aspect, isms_lang lang);

/**
 * @brief Reads an aspect: its Swedish or English name (`Konfidentialitet`, `integrity`,
 *        `Tillgänglighet`, `Spårbarhet`, `traceability`) or letter, any case: `K`/`C`,
 *        `R`/`I`, `A`, `S`. `T` alone is refused as ambiguous (tillgänglighet in Swedish,
 *        traceability in English).
 * @param[out] out The aspect.
 * @param text The text. Must be UTF-8.
 * @return #ISMS_OK, #ISMS_EINVAL, #ISMS_EPARSE. #ISMS_EINVAL for text that is not UTF-8:
 *         "aspect: not UTF-8 at byte N (0xHH)" names the first bad byte (N from 1); nothing is
 *         written.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_aspect_parse(isms_aspect *out, const char *text);

/**
 * @brief A classification scheme: one scale per aspect (opaque, immutable, reference
 *        counted).
 * @since 0.1.0
 */
typedef struct isms_scheme isms_scheme;

/**
 * @brief A builder for custom schemes (opaque).
 * @since 0.1.0
 */
typedef struct isms_scheme_builder isms_scheme_builder;

/**
 * @brief One level of a scale.
 *
 * The strings are borrowed from the scheme and live as long as it does.
 * @since 0.1.0
 */
typedef struct isms_class_level {
    int value;               /**< The level, 0–9; higher is more severe. */
    const char *label_sv;    /**< Swedish name ("Allvarlig"). */
    const char *label_en;    /**< English name ("Serious"). */
    const char *description; /**< What it means, or "". */
} isms_class_level;

/**
 * @brief A built-in scheme.
 *
 * - `"klassa"` (default): the KLASSA-style scale 0–4 for confidentiality, integrity and
 *   availability, and traceability: 0 Ingen eller försumbar / None or negligible, 1 Måttlig /
 *   Moderate, 2 Betydande / Significant, 3 Allvarlig / Serious, 4 Synnerligen allvarlig /
 *   Very serious.
 * - `"klassa-cia"`: the same without traceability.
 * - `"fips199"`: FIPS 199, low 1, moderate 2, high 3 for confidentiality, integrity and
 *   availability.
 * @param[out] out The scheme (caller frees with isms_scheme_free()).
 * @param name The preset's name, any case. Must be UTF-8.
 * @return #ISMS_OK, #ISMS_EINVAL, #ISMS_ENOTFOUND (names the presets), #ISMS_ENOMEM. #ISMS_EINVAL
 *         for text that is not UTF-8: "name: not UTF-8 at byte N (0xHH)" names the first bad byte
 *         (N from 1); nothing is written.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_scheme_preset(isms_scheme **out, const char *name);

/**
 * @brief Takes another reference to a scheme.
 * @param scheme The scheme, or NULL.
 * @return `scheme`.
 * @since 0.1.0
 */
ISMS_EXPORT isms_scheme *isms_scheme_ref(isms_scheme *scheme);

/**
 * @brief Drops a reference; the last one frees the scheme.
 * @param scheme The scheme, or NULL.
 * @since 0.1.0
 */
ISMS_EXPORT void isms_scheme_free(isms_scheme *scheme);

/**
 * @brief Name of a scheme. Never NULL.
 * @param scheme The scheme.
 * @return A string borrowed from the scheme ("" for NULL).
 * @since 0.1.0
 */
ISMS_EXPORT const char *isms_scheme_name(const isms_scheme *scheme);

/**
 * @brief True when the scheme classifies the aspect (traceability is optional).
 * @param scheme The scheme.
 * @param aspect The aspect.
 * @return true when it does, false otherwise (also for NULL).
 * @since 0.1.0
 */
ISMS_EXPORT bool isms_scheme_has_aspect(const isms_scheme *scheme, isms_aspect aspect);

/**
 * @brief Number of levels of an aspect's scale (0 when the scheme lacks the aspect).
 * @param scheme The scheme.
 * @param aspect The aspect.
 * @return The number of levels.
 * @since 0.1.0
 */
ISMS_EXPORT size_t isms_scheme_level_count(const isms_scheme *scheme, isms_aspect aspect);

/**
 * @brief Level `index` of an aspect's scale, lowest first.
 * @param[out] out The level (strings borrowed from the scheme).
 * @param scheme The scheme.
 * @param aspect The aspect.
 * @param index 0 … count − 1.
 * @return #ISMS_OK, #ISMS_EINVAL, #ISMS_ERANGE.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_scheme_level(isms_class_level *out, const isms_scheme *scheme,
                                  isms_aspect aspect, size_t index);

/**
 * @brief True when `value` is a level of the aspect's scale.
 * @param scheme The scheme.
 * @param aspect The aspect.
 * @param value The value.
 * @return true for a level of the scale, false otherwise (also for NULL).
 * @since 0.1.0
 */
ISMS_EXPORT bool isms_scheme_valid(const isms_scheme *scheme, isms_aspect aspect, int value);

/**
 * @brief Reads a level of an aspect: its number, or its Swedish or English name in any case
 *        (`3`, `Allvarlig`, `serious`, `high`).
 * @param[out] value The level.
 * @param scheme The scheme.
 * @param aspect The aspect.
 * @param text The text. Must be UTF-8.
 * @return #ISMS_OK, #ISMS_EINVAL (also when the scheme lacks the aspect), #ISMS_EPARSE (names
 *         the text and the scale; also for a number that is not on the scale). #ISMS_EINVAL for
 *         text that is not UTF-8: "level: not UTF-8 at byte N (0xHH)" names the first bad byte (N
 *         from 1); nothing is written.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_scheme_parse_level(int *value, const isms_scheme *scheme,
                                        isms_aspect aspect, const char *text);

/**
 * @brief Starts a custom scheme.
 * @param[out] out The builder (caller frees with isms_scheme_builder_free()).
 * @param name The scheme's name. Must be UTF-8.
 * @return #ISMS_OK, #ISMS_EINVAL, #ISMS_ENOMEM. #ISMS_EINVAL for text that is not UTF-8:
 *         "name: not UTF-8 at byte N (0xHH)" names the first bad byte (N from 1); nothing is
 *         changed.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_scheme_builder_new(isms_scheme_builder **out, const char *name);

/**
 * @brief Frees a builder.
 * @param builder The builder, or NULL.
 * @since 0.1.0
 */
ISMS_EXPORT void isms_scheme_builder_free(isms_scheme_builder *builder);

/**
 * @brief Adds a level to an aspect's scale (which makes the aspect part of the scheme).
 * @param builder The builder.
 * @param aspect The aspect.
 * @param value The level, 0–9, unique on the scale.
 * @param label_sv Swedish name (not empty). Must be UTF-8.
 * @param label_en English name (not empty). Must be UTF-8.
 * @param description What it means, or NULL. Must be UTF-8.
 * @return #ISMS_OK, #ISMS_EINVAL (names what is wrong), #ISMS_EEXIST, #ISMS_ENOMEM. #ISMS_EINVAL
 *         for text that is not UTF-8: "label_sv: not UTF-8 at byte N (0xHH)" (or label_en or
 *         description) names the first bad byte (N from 1); nothing is changed.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_scheme_builder_add_level(isms_scheme_builder *builder, isms_aspect aspect,
                                              int value, const char *label_sv,
                                              const char *label_en, const char *description);

/**
 * @brief Builds the scheme: confidentiality, integrity and availability need at least two
 *        levels each; traceability is optional (no levels), but when given needs two too.
 * @param[out] out The scheme (caller frees).
 * @param builder The builder (unchanged; may build again).
 * @return #ISMS_OK, #ISMS_EINVAL (names the aspect that is missing or too short),
 *         #ISMS_ENOMEM.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_scheme_builder_build(isms_scheme **out, const isms_scheme_builder *builder);

/**
 * @brief Kinds of asset.
 * @since 0.1.0
 */
typedef enum isms_asset_type {
    ISMS_ASSET_INFORMATION = 0, /**< Information, an information set (information). */
    ISMS_ASSET_SYSTEM = 1,      /**< An IT system or application (system). */
    ISMS_ASSET_SERVICE = 2,     /**< A service (tjänst). */
    ISMS_ASSET_PROCESS = 3,     /**< A process or activity (process). */
    ISMS_ASSET_LOCATION = 4,    /**< A location, premises, data centre (plats). */
    ISMS_ASSET_SUPPLIER = 5,    /**< A supplier (leverantör). */
    ISMS_ASSET_HARDWARE = 6,    /**< Hardware, devices (hårdvara). */
    ISMS_ASSET_NETWORK = 7,     /**< A network (nätverk). */
    ISMS_ASSET_PERSON = 8,      /**< A role or group of people (person/roll). */
    ISMS_ASSET_OTHER = 9        /**< Anything else (övrigt). */
} isms_asset_type;

/** Number of asset types. @since 0.1.0 */
#define ISMS_ASSET_TYPES 10

/**
 * @brief Label of an asset type ("Information", "System", "Tjänst" / "Service" …). Never
 *        NULL.
 * @param type The type.
 * @param lang The language.
 * @return A static string; "" for a type outside #isms_asset_type.
 * @since 0.1.0
 */
ISMS_EXPORT const char *isms_asset_type_label(isms_asset_type type, isms_lang lang);

/**
 * @brief Reads an asset type in Swedish or English, any case (`system`, `IT-system`,
 *        `Tjänst`, `leverantör`, `supplier`, `lokal`).
 * @param[out] out The type.
 * @param text The text. Must be UTF-8.
 * @return #ISMS_OK, #ISMS_EINVAL, #ISMS_EPARSE (names the types accepted). #ISMS_EINVAL for text
 *         that is not UTF-8: "asset type: not UTF-8 at byte N (0xHH)" names the first bad byte (N
 *         from 1); nothing is written.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_asset_type_parse(isms_asset_type *out, const char *text);

/**
 * @brief Personal data held by an asset (bit flags; 0 means none).
 * @since 0.1.0
 */
typedef enum isms_pdata {
    ISMS_PDATA_ORDINARY = 1, /**< Ordinary personal data (personuppgifter). */
    ISMS_PDATA_SPECIAL = 2,  /**< GDPR Article 9 special categories (känsliga personuppgifter). */
    ISMS_PDATA_CRIMINAL = 4, /**< GDPR Article 10 criminal convictions and offences
                                  (lagöverträdelser). */
    ISMS_PDATA_PIN = 8       /**< Swedish personal identity numbers (personnummer). */
} isms_pdata;

/** Number of personal-data kinds (the bits of #isms_pdata). @since 0.1.0 */
#define ISMS_PDATA_KINDS 4

/**
 * @brief The special categories of GDPR Article 9(1) (bit flags).
 * @since 0.1.0
 */
typedef enum isms_special {
    ISMS_SPECIAL_ETHNIC = 1,      /**< Racial or ethnic origin. */
    ISMS_SPECIAL_POLITICAL = 2,   /**< Political opinions. */
    ISMS_SPECIAL_RELIGIOUS = 4,   /**< Religious or philosophical beliefs. */
    ISMS_SPECIAL_UNION = 8,       /**< Trade union membership. */
    ISMS_SPECIAL_GENETIC = 16,    /**< Genetic data. */
    ISMS_SPECIAL_BIOMETRIC = 32,  /**< Biometric data for identification. */
    ISMS_SPECIAL_HEALTH = 64,     /**< Data concerning health. */
    ISMS_SPECIAL_SEX_LIFE = 128   /**< Sex life or sexual orientation. */
} isms_special;

/**
 * @brief Label of one personal-data flag; "" when not exactly one flag. Never NULL.
 *
 * For example "Känsliga personuppgifter (art. 9)" / "Special categories (art. 9)".
 * @param flag One #isms_pdata flag.
 * @param lang The language.
 * @return A static string.
 * @since 0.1.0
 */
ISMS_EXPORT const char *isms_pdata_label(isms_pdata flag, isms_lang lang);

/**
 * @brief Reads personal-data flags from a list, separated by commas, semicolons, `/`,
 *        `och`/`and` or line breaks.
 *
 * For example `personuppgifter, känsliga` or `art. 9; personnummer`; `none`, `nej` or `inga`
 * give 0.
 * @param[out] out The flags.
 * @param text The text. Must be UTF-8.
 * @return #ISMS_OK, #ISMS_EINVAL, #ISMS_EPARSE (names the word not understood). #ISMS_EINVAL for
 *         text that is not UTF-8: "personal data: not UTF-8 at byte N (0xHH)" names the first bad
 *         byte (N from 1); nothing is written.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_pdata_parse(unsigned *out, const char *text);

/**
 * @brief Label of one special category ("Hälsa" / "Health"); "" when not exactly one flag.
 * @param flag One #isms_special flag.
 * @param lang The language.
 * @return A static string.
 * @since 0.1.0
 */
ISMS_EXPORT const char *isms_special_label(isms_special flag, isms_lang lang);

/**
 * @brief Reads special categories from a list (`hälsa, etniskt ursprung`, `health;
 *        biometric`).
 * @param[out] out The flags.
 * @param text The text. Must be UTF-8.
 * @return #ISMS_OK, #ISMS_EINVAL, #ISMS_EPARSE. #ISMS_EINVAL for text that is not UTF-8:
 *         "special category: not UTF-8 at byte N (0xHH)" names the first bad byte (N from 1);
 *         nothing is written.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_special_parse(unsigned *out, const char *text);

/**
 * @brief Policy floors: the least level per aspect that personal data implies.
 *
 * `min[k][a]` is the floor for aspect `a` when an asset holds the personal data of flag bit
 * `k` (0 ordinary, 1 special, 2 criminal, 3 personal identity numbers);
 * #ISMS_CLASS_UNSET means no floor. Levels are on the inventory's scheme; a floor above an
 * aspect's scale is capped at its top.
 * @since 0.1.0
 */
typedef struct isms_floors {
    int min[ISMS_PDATA_KINDS][ISMS_ASPECTS]; /**< Floor per personal-data kind and aspect. */
} isms_floors;

/**
 * @brief The default floors for a scheme.
 *
 * On the KLASSA 0–4 scale: ordinary personal data confidentiality ≥ 1; personal identity
 * numbers confidentiality ≥ 2; special categories and criminal-offence data confidentiality
 * ≥ 3 and integrity ≥ 2. On other scales the same floors are placed proportionally: a floor
 * k of the 0–4 scale becomes the lowest level at or above ⌈k × top / 4⌉, where top is the
 * highest level of the aspect's scale (on FIPS 199: ordinary low, identity numbers
 * moderate, special and criminal high, integrity for special and criminal moderate). Aspects
 * without a floor, and aspects the scheme lacks, are #ISMS_CLASS_UNSET.
 * @param[out] out The floors.
 * @param scheme The scheme.
 * @return #ISMS_OK, #ISMS_EINVAL.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_floors_default(isms_floors *out, const isms_scheme *scheme);

/**
 * @brief An inventory of assets and their relations (opaque).
 * @since 0.1.0
 */
typedef struct isms_inventory isms_inventory;

/**
 * @brief One asset (opaque, owned by its inventory).
 * @since 0.1.0
 */
typedef struct isms_asset isms_asset;

/**
 * @brief Creates an empty inventory.
 * @param[out] out The inventory (caller frees with isms_inventory_free()).
 * @param scheme The scheme, or NULL for "klassa" (the inventory takes a reference).
 * @return #ISMS_OK, #ISMS_EINVAL, #ISMS_ENOMEM.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_inventory_new(isms_inventory **out, isms_scheme *scheme);

/**
 * @brief Frees an inventory, its assets and relations.
 * @param inv The inventory, or NULL.
 * @since 0.1.0
 */
ISMS_EXPORT void isms_inventory_free(isms_inventory *inv);

/**
 * @brief The inventory's scheme (borrowed).
 * @param inv The inventory.
 * @return The scheme, or NULL for a NULL inventory.
 * @since 0.1.0
 */
ISMS_EXPORT isms_scheme *isms_inventory_scheme(const isms_inventory *inv);

/**
 * @brief The floors in use (the scheme's defaults until set).
 * @param[out] out The floors.
 * @param inv The inventory.
 * @return #ISMS_OK, #ISMS_EINVAL.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_inventory_floors(isms_floors *out, const isms_inventory *inv);

/**
 * @brief Sets the floors.
 * @param inv The inventory.
 * @param floors The floors (each #ISMS_CLASS_UNSET or 0–9).
 * @return #ISMS_OK, #ISMS_EINVAL.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_inventory_set_floors(isms_inventory *inv, const isms_floors *floors);

/**
 * @brief Number of assets.
 * @param inv The inventory, or NULL (0).
 * @return The number of assets.
 * @since 0.1.0
 */
ISMS_EXPORT size_t isms_inventory_count(const isms_inventory *inv);

/**
 * @brief Asset `index` in insertion order; NULL when out of range.
 * @param inv The inventory.
 * @param index The index.
 * @return The asset (borrowed), or NULL.
 * @since 0.1.0
 */
ISMS_EXPORT isms_asset *isms_inventory_at(const isms_inventory *inv, size_t index);

/**
 * @brief Finds an asset by id (exact, after trimming).
 * @param inv The inventory.
 * @param id The id.
 * @return The asset (borrowed), or NULL.
 * @since 0.1.0
 */
ISMS_EXPORT isms_asset *isms_inventory_find(const isms_inventory *inv, const char *id);

/**
 * @brief Adds an asset, unclassified.
 * @param[out] out The new asset (borrowed), or NULL if not wanted.
 * @param inv The inventory.
 * @param id Its id (trimmed; not empty). Must be UTF-8.
 * @param name Its name, or NULL. Must be UTF-8.
 * @param type Its type.
 * @return #ISMS_OK, #ISMS_EINVAL, #ISMS_EEXIST, #ISMS_ENOMEM (nothing changed). #ISMS_EINVAL for
 *         text that is not UTF-8: "id: not UTF-8 at byte N (0xHH)" (or name) names the first bad
 *         byte (N from 1); nothing is changed.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_inventory_add(isms_asset **out, isms_inventory *inv, const char *id,
                                   const char *name, isms_asset_type type);

/**
 * @brief Removes an asset and every relation it takes part in.
 * @param inv The inventory.
 * @param id The id.
 * @return #ISMS_OK, #ISMS_EINVAL, #ISMS_ENOTFOUND.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_inventory_remove(isms_inventory *inv, const char *id);

/**
 * @brief Kinds of relation, each read "src kind dst".
 * @since 0.1.0
 */
typedef enum isms_relkind {
    ISMS_REL_PROCESSES = 0,  /**< A system processes information: src supports dst. */
    ISMS_REL_SUPPORTS = 1,   /**< The generic form: src supports dst. */
    ISMS_REL_DEPENDS_ON = 2, /**< A service depends on a system: dst supports src. */
    ISMS_REL_STORED_AT = 3,  /**< Information stored at a location: dst supports src. */
    ISMS_REL_OPERATES = 4    /**< A supplier operates a system: src supports dst. */
} isms_relkind;

/**
 * @brief Name of a relation kind: "processes", "supports", "depends_on", "stored_at",
 *        "operates". Never NULL ("" when unknown).
 * @param kind The kind.
 * @return A static string.
 * @since 0.1.0
 */
ISMS_EXPORT const char *isms_relkind_name(isms_relkind kind);

/**
 * @brief Label of a relation kind for people: "behandlar", "stödjer", "är beroende av",
 *        "lagras i", "driftar" / "processes", "supports", "depends on", "stored at",
 *        "operates". isms_relkind_parse() reads every label back. Never NULL ("" when
 *        unknown).
 * @param kind The kind.
 * @param lang The language.
 * @return A static string.
 * @since 0.1.0
 */
ISMS_EXPORT const char *isms_relkind_label(isms_relkind kind, isms_lang lang);

/**
 * @brief Reads a relation kind: its name (`depends_on`, `depends on`), or Swedish (`behandlar`,
 *        `stödjer`, `är beroende av`, `lagras i`, `driftar`), any case.
 * @param[out] out The kind.
 * @param text The text. Must be UTF-8.
 * @return #ISMS_OK, #ISMS_EINVAL, #ISMS_EPARSE (names the kinds accepted). #ISMS_EINVAL for text
 *         that is not UTF-8: "relation: not UTF-8 at byte N (0xHH)" names the first bad byte (N
 *         from 1); nothing is written.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_relkind_parse(isms_relkind *out, const char *text);

/**
 * @brief True when the relation's source is the supporting side (processes, supports,
 *        operates); false when the destination is (depends_on, stored_at).
 * @param kind The kind.
 * @return true when the source supports the destination, false otherwise.
 * @since 0.1.0
 */
ISMS_EXPORT bool isms_relkind_src_supports(isms_relkind kind);

/**
 * @brief Adds a relation "src kind dst".
 * @param inv The inventory.
 * @param src Id of the source asset.
 * @param dst Id of the destination asset.
 * @param kind The kind.
 * @return #ISMS_OK, #ISMS_EINVAL (an asset related to itself, unknown kind),
 *         #ISMS_ENOTFOUND (names the id), #ISMS_EEXIST (the same relation exists),
 *         #ISMS_ENOMEM.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_inventory_link(isms_inventory *inv, const char *src, const char *dst,
                                    isms_relkind kind);

/**
 * @brief Removes a relation.
 * @param inv The inventory.
 * @param src Source id.
 * @param dst Destination id.
 * @param kind The kind.
 * @return #ISMS_OK, #ISMS_EINVAL, #ISMS_ENOTFOUND.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_inventory_unlink(isms_inventory *inv, const char *src, const char *dst,
                                      isms_relkind kind);

/**
 * @brief One relation, as read with isms_inventory_relation().
 * @since 0.1.0
 */
typedef struct isms_relation_info {
    const isms_asset *src; /**< Source. */
    const isms_asset *dst; /**< Destination. */
    isms_relkind kind;     /**< Kind. */
} isms_relation_info;

/**
 * @brief Number of relations.
 * @param inv The inventory, or NULL (0).
 * @return The number of relations.
 * @since 0.1.0
 */
ISMS_EXPORT size_t isms_inventory_relation_count(const isms_inventory *inv);

/**
 * @brief Relation `index` in insertion order.
 * @param[out] out The relation.
 * @param inv The inventory.
 * @param index The index.
 * @return #ISMS_OK, #ISMS_EINVAL, #ISMS_ERANGE.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_inventory_relation(isms_relation_info *out, const isms_inventory *inv,
                                        size_t index);

/**
 * @brief Computes every asset's effective levels and their provenance (see the file
 *        comment). Linear in assets and relations; cycles are handled.
 * @param inv The inventory.
 * @return #ISMS_OK, #ISMS_EINVAL, #ISMS_ENOMEM (the previous results stay).
 * @since 0.1.0
 */
ISMS_EXPORT int isms_inventory_classify(isms_inventory *inv);

/**
 * @brief Where an effective level comes from.
 * @since 0.1.0
 */
typedef enum isms_origin {
    ISMS_ORIGIN_UNCLASSIFIED = 0, /**< Nothing assessed, inherited or raised. */
    ISMS_ORIGIN_ASSESSED = 1,     /**< The asset's own assessment. */
    ISMS_ORIGIN_FLOOR = 2,        /**< Raised to a policy floor. */
    ISMS_ORIGIN_INHERITED = 3,    /**< Inherited from a supported asset. */
    ISMS_ORIGIN_OVERRIDDEN = 4    /**< A manual override. */
} isms_origin;

/**
 * @brief The effective level of one aspect and where it comes from.
 * @since 0.1.0
 */
typedef struct isms_provenance {
    int level;               /**< The effective level, or #ISMS_CLASS_UNSET. */
    isms_origin origin;      /**< Where it comes from. */
    const isms_asset *from;  /**< For inherited levels: the asset it comes from (the one whose
                                  own level it is, however far away); else NULL. */
    unsigned floor;          /**< For floors: the #isms_pdata flag that set it; else 0. */
    bool cycle;              /**< The asset lies on a cycle of support relations. */
} isms_provenance;

/**
 * @brief Assets whose effective levels would change if `id`'s level changed: every asset that
 *        supports it, directly or not (the assets that inherit from it), in insertion order.
 *
 * Overrides are not taken into account (an overridden asset and what lies beyond it are
 * listed too); `id` itself is not listed, even on a cycle. Linear in assets and relations.
 * @param[out] out A new array of borrowed asset pointers (free it with isms_free()), or NULL
 *             when there are none.
 * @param[out] n Number of assets.
 * @param inv The inventory.
 * @param id The asset.
 * @return #ISMS_OK, #ISMS_EINVAL, #ISMS_ENOTFOUND, #ISMS_ENOMEM.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_inventory_impact(isms_asset ***out, size_t *n, const isms_inventory *inv,
                                      const char *id);

/**
 * @brief Lints an inventory. Appends findings, all or none.
 *
 * Lint works the effective levels out itself, so it needs no isms_inventory_classify()
 * first and does not change its results. Findings come per asset in insertion order.
 *
 * Codes: `asset-no-owner` (information without an owner), `asset-unclassified` (information
 * with an aspect of the scheme neither assessed nor overridden; floors and inheritance do not
 * count as a classification), `asset-pdata-no-purpose`, `asset-pdata-no-legal-basis`
 * (personal data without purpose or legal basis), `asset-special-no-legal-basis`
 * (special-category or criminal data without a legal basis; error, given instead of
 * `asset-pdata-no-legal-basis`), `asset-transfer-no-safeguard`
 * (a third-country transfer without a safeguard; a transfers text such as "Nej" or "Ingen"
 * means none), `asset-no-retention` (personal data without
 * retention), `asset-reclassify-overdue` (the next classification date has passed),
 * `asset-processes-unclassified` (an asset of any type that directly supports information
 * with an aspect that has no effective level; the finding names the information),
 * `asset-system-no-information` (a system that supports no information, neither directly nor
 * through other assets), `asset-override-below` (an override below the level it replaces:
 * the asset's own level and what it inherits from the assets it supports; one finding per
 * aspect), `asset-override-no-justification`, `asset-cycle` (assets on a cycle of support
 * relations: one finding per cycle, about its member added first, naming up to ten members).
 * All are warnings but `asset-special-no-legal-basis`.
 * @param out The list.
 * @param inv The inventory.
 * @param today The reference date for reclassification (must be valid).
 * @return #ISMS_OK, #ISMS_EINVAL, #ISMS_ENOMEM (the list unchanged).
 * @since 0.1.0
 */
ISMS_EXPORT int isms_inventory_lint(isms_findings *out, const isms_inventory *inv,
                                    isms_date today);

/**
 * @brief Counts of assets per effective level, per aspect and type.
 * @since 0.1.0
 */
typedef struct isms_inventory_summary {
    size_t per_level[ISMS_ASPECTS][ISMS_CLASS_MAX + 2]; /**< [aspect][level + 1]: index 0 is
                                                             unclassified. */
    size_t per_type[ISMS_ASSET_TYPES];  /**< Assets per type. */
    size_t per_overall[ISMS_CLASS_MAX + 2]; /**< Assets per overall class (+ 1; 0
                                                 unclassified). */
    size_t with_pdata;                  /**< Assets holding personal data. */
    size_t total;                       /**< All assets. */
} isms_inventory_summary;

/**
 * @brief Summarises a classified inventory.
 * @param[out] out The summary.
 * @param inv The inventory.
 * @return #ISMS_OK, #ISMS_EINVAL (also when the inventory is not classified, or has changed
 *         since: call isms_inventory_classify() first).
 * @since 0.1.0
 */
ISMS_EXPORT int isms_inventory_summarise(isms_inventory_summary *out, const isms_inventory *inv);

/**
 * @brief The assets due for reclassification in a year (next date within it, or already
 *        past at its start), in order of that date, then id (natural order: "A2" before
 *        "A10"). Assets never classified have no next date and are not listed (lint reports
 *        unclassified information).
 * @param[out] out New array of borrowed pointers (isms_free()), or NULL when none.
 * @param[out] n Number of assets.
 * @param inv The inventory.
 * @param year The year.
 * @return #ISMS_OK, #ISMS_EINVAL, #ISMS_ENOMEM.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_inventory_due(isms_asset ***out, size_t *n, const isms_inventory *inv,
                                   int year);

/* ---- asset fields --------------------------------------------------------------------- */

/**
 * @brief Id. Never NULL.
 * @param asset The asset.
 * @return A string borrowed from the inventory ("" for NULL).
 * @since 0.1.0
 */
ISMS_EXPORT const char *isms_asset_id(const isms_asset *asset);

/**
 * @brief Type.
 * @param asset The asset.
 * @return The type; #ISMS_ASSET_OTHER for NULL.
 * @since 0.1.0
 */
ISMS_EXPORT isms_asset_type isms_asset_get_type(const isms_asset *asset);

/**
 * @brief Sets the type.
 * @param asset The asset.
 * @param type The type.
 * @return #ISMS_OK, #ISMS_EINVAL.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_asset_set_type(isms_asset *asset, isms_asset_type type);

/**
 * @brief Text fields of an asset, including the register of processing (GDPR Article 30).
 * @since 0.1.0
 */
typedef enum isms_asset_field {
    ISMS_ASSET_NAME = 0,           /**< Name (namn). */
    ISMS_ASSET_OWNER = 1,          /**< Owner (ägare). */
    ISMS_ASSET_DESCRIPTION = 2,    /**< Description (beskrivning). */
    ISMS_ASSET_PURPOSE = 3,        /**< Purpose of the processing (ändamål). */
    ISMS_ASSET_LEGAL_BASIS = 4,    /**< Legal basis (rättslig grund). */
    ISMS_ASSET_SUBJECTS = 5,       /**< Categories of data subjects (kategorier av registrerade). */
    ISMS_ASSET_DATA_CATEGORIES = 6,/**< Categories of personal data (kategorier av
                                        personuppgifter). */
    ISMS_ASSET_RECIPIENTS = 7,     /**< Recipients (mottagare). */
    ISMS_ASSET_TRANSFERS = 8,      /**< Third-country transfers (överföring till tredje land). */
    ISMS_ASSET_SAFEGUARDS = 9,     /**< Safeguards for those transfers (skyddsåtgärder). */
    ISMS_ASSET_RETENTION = 10,     /**< Retention (gallringsfrist / lagringstid). */
    ISMS_ASSET_MEASURES = 11,      /**< Security measures (säkerhetsåtgärder). */
    ISMS_ASSET_OVERRIDE_REASON = 12 /**< Justification of the overrides (motivering). */
} isms_asset_field;

/** Number of text fields. @since 0.1.0 */
#define ISMS_ASSET_FIELDS 13

/**
 * @brief A text field. Never NULL.
 * @param asset The asset.
 * @param field The field.
 * @return A string borrowed from the inventory until the field is changed; "" for an empty
 *         field, for NULL and for a field outside #isms_asset_field.
 * @since 0.1.0
 */
ISMS_EXPORT const char *isms_asset_get(const isms_asset *asset, isms_asset_field field);

/**
 * @brief Sets a text field (copied).
 * @param asset The asset.
 * @param field The field.
 * @param text The text, or NULL for "". Must be UTF-8.
 * @return #ISMS_OK, #ISMS_EINVAL, #ISMS_ENOMEM (unchanged). #ISMS_EINVAL for text that is not
 *         UTF-8: "owner: not UTF-8 at byte N (0xHH)" (with the field's name) names the first bad
 *         byte (N from 1); nothing is changed.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_asset_set(isms_asset *asset, isms_asset_field field, const char *text);

/**
 * @brief The assessed level of an aspect, or #ISMS_CLASS_UNSET.
 * @param asset The asset.
 * @param aspect The aspect.
 * @return The level, or #ISMS_CLASS_UNSET (also for NULL or an unknown aspect).
 * @since 0.1.0
 */
ISMS_EXPORT int isms_asset_level(const isms_asset *asset, isms_aspect aspect);

/**
 * @brief Sets the assessed level of an aspect.
 * @param asset The asset.
 * @param aspect The aspect (one the scheme has).
 * @param level A level of the aspect's scale, or #ISMS_CLASS_UNSET.
 * @return #ISMS_OK, #ISMS_EINVAL, #ISMS_ERANGE (names the scale).
 * @since 0.1.0
 */
ISMS_EXPORT int isms_asset_set_level(isms_asset *asset, isms_aspect aspect, int level);

/**
 * @brief The manual override of an aspect, or #ISMS_CLASS_UNSET.
 * @param asset The asset.
 * @param aspect The aspect.
 * @return The override, or #ISMS_CLASS_UNSET (also for NULL or an unknown aspect).
 * @since 0.1.0
 */
ISMS_EXPORT int isms_asset_override(const isms_asset *asset, isms_aspect aspect);

/**
 * @brief Sets or clears (#ISMS_CLASS_UNSET) a manual override; the justification is
 *        #ISMS_ASSET_OVERRIDE_REASON.
 * @param asset The asset.
 * @param aspect The aspect.
 * @param level A level of the scale, or #ISMS_CLASS_UNSET.
 * @return #ISMS_OK, #ISMS_EINVAL, #ISMS_ERANGE.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_asset_set_override(isms_asset *asset, isms_aspect aspect, int level);

/**
 * @brief Personal data (#isms_pdata flags).
 * @param asset The asset.
 * @return A bitwise or of #isms_pdata flags; 0 for none and for NULL.
 * @since 0.1.0
 */
ISMS_EXPORT unsigned isms_asset_pdata(const isms_asset *asset);

/**
 * @brief Special categories (#isms_special flags).
 * @param asset The asset.
 * @return A bitwise or of #isms_special flags; 0 for none and for NULL.
 * @since 0.1.0
 */
ISMS_EXPORT unsigned isms_asset_special(const isms_asset *asset);

/**
 * @brief Sets the personal data. Special categories imply #ISMS_PDATA_SPECIAL.
 * @param asset The asset.
 * @param pdata #isms_pdata flags.
 * @param special #isms_special flags (0 unless `pdata` has #ISMS_PDATA_SPECIAL or they are
 *        given, which sets it).
 * @return #ISMS_OK, #ISMS_EINVAL (unknown bits).
 * @since 0.1.0
 */
ISMS_EXPORT int isms_asset_set_pdata(isms_asset *asset, unsigned pdata, unsigned special);

/**
 * @brief NIS relevance (samhällsviktig / NIS2).
 * @param asset The asset.
 * @return true when relevant, false otherwise (also for NULL).
 * @since 0.1.0
 */
ISMS_EXPORT bool isms_asset_nis(const isms_asset *asset);

/**
 * @brief Sets NIS relevance.
 * @param asset The asset.
 * @param nis True when the asset matters under NIS2 / the Swedish cybersecurity act.
 * @since 0.1.0
 */
ISMS_EXPORT void isms_asset_set_nis(isms_asset *asset, bool nis);

/**
 * @brief Date last classified (empty when never).
 * @param asset The asset.
 * @return The date, or {0, 0, 0} (not a valid date) when never classified and for NULL.
 * @since 0.1.0
 */
ISMS_EXPORT isms_date isms_asset_classified(const isms_asset *asset);

/**
 * @brief Sets the date last classified.
 * @param asset The asset.
 * @param date A valid date, or the empty date.
 * @return #ISMS_OK, #ISMS_EINVAL.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_asset_set_classified(isms_asset *asset, isms_date date);

/**
 * @brief Reclassification interval in months (default 12).
 * @param asset The asset.
 * @return The interval in months; 12 for NULL.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_asset_interval(const isms_asset *asset);

/**
 * @brief Sets the reclassification interval.
 * @param asset The asset.
 * @param months 1–120.
 * @return #ISMS_OK, #ISMS_EINVAL.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_asset_set_interval(isms_asset *asset, int months);

/**
 * @brief The date the asset is next due for classification: last classified + interval
 *        (the empty date when never classified).
 * @param asset The asset.
 * @return The date, or {0, 0, 0} when never classified and for NULL; 9999-12-31 when the sum
 *         lies beyond the year 9999.
 * @since 0.1.0
 */
ISMS_EXPORT isms_date isms_asset_next_review(const isms_asset *asset);

/**
 * @brief The effective level of an aspect and its provenance (after
 *        isms_inventory_classify(); before it, or after a change, #ISMS_CLASS_UNSET and
 *        #ISMS_ORIGIN_UNCLASSIFIED).
 * @param[out] out The provenance.
 * @param asset The asset.
 * @param aspect The aspect.
 * @return #ISMS_OK, #ISMS_EINVAL.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_asset_effective(isms_provenance *out, const isms_asset *asset,
                                     isms_aspect aspect);

/**
 * @brief The overall class: the highest effective level over the aspects, or
 *        #ISMS_CLASS_UNSET (also when the inventory is not classified).
 * @param asset The asset.
 * @return The level, or #ISMS_CLASS_UNSET.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_asset_overall(const isms_asset *asset);

/** @} */

#ifdef __cplusplus
}
#endif

#endif
