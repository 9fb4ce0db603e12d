/**
 * @file isms/oscal.h
 * @brief OSCAL: assessment results and a plan of action and milestones out of a document,
 *        catalogs out and in (io layer).
 *
 * OSCAL is NIST's JSON format for control catalogs, assessment results and plans of action
 * and milestones (POA&M). libisms writes OSCAL 1.1.3 (#ISMS_OSCAL_VERSION); every document it
 * writes validates against the official JSON schemas of that version.
 *
 * - **Assessment results** (isms_document_write_oscal() with #ISMS_OSCAL_ASSESSMENT_RESULTS):
 *   one `result` per assessment of the document, oldest year first. Each result lists the
 *   requirements in scope as `reviewed-controls`, in selections with the property `part`:
 *   the clauses, and the controls by their applicability in the Statement of Applicability
 *   (property `applicability`; the excluded ones as `exclude-controls`); requirements that
 *   were not assessed are in selections of their own with the property `assessed` =
 *   "false". It has one `observation` per entry that holds a status, a comment or evidence
 *   (evidence as `relevant-evidence`), or Statement of Applicability data that no finding
 *   carries (an entry that is not a requirement in scope keeps its observation, marked
 *   `reviewed` = "false"), and one `finding` per requirement in scope that is assessed (a
 *   control the Statement of Applicability excludes counts as not applicable): `satisfied`
 *   for yes, `not-satisfied` for partial and no; not applicable is `satisfied` with the
 *   implementation status `not-applicable` for an Annex A control or a control of an
 *   imported catalog, but `not-satisfied` with a remark for a clause 4–10, which ISO/IEC
 *   27001 does not allow to be excluded; otherwise the implementation status is
 *   `implemented`, `partial` or `planned` (no with an action plan). Findings carry the
 *   status, need, owner, due date and the Statement of Applicability's applicability and
 *   reasons as properties, the action plan and justification as remarks. The result's
 *   properties carry its compliance and coverage.
 * - **POA&M** (#ISMS_OSCAL_POAM): one `poam-item` per action of the document's plan, with its
 *   owner, due period and status; the risks it treats as OSCAL `risks` (the register's risks,
 *   with their levels and bands as facets, and a risk "gap in requirement X" per requirement
 *   it closes, closed when the assessment results count the requirement as satisfied), each
 *   with a remediation per action whose `tasks` are the milestones: one per period the action
 *   is scheduled in (the plan scheduled with the document's settings,
 *   isms_document_schedule_options()) and one for its due date (`on-date` for a day,
 *   `within-date-range` for a longer period such as a quarter). A risk that is not closed
 *   has as its `deadline` the latest due date of its open actions, and none when one of them
 *   has no due date.
 * - **Catalogs** (isms_catalog_write_oscal()): the built-in ISO/IEC 27001 catalogs, chapters
 *   and clauses, Annex A with its groups, each item's id as its `label` property and the
 *   ISO/IEC 27002:2022 attributes of 2022 controls as properties; or an imported catalog
 *   as it was read.
 *
 * Identifiers: every UUID is derived (version 5, SHA-1) from the organisation and unit (as
 * OSCAL writes them: trimmed, runs of white space as one space) and from the ids in the
 * document (the year, the requirement, the action, the risk), so two exports of the same
 * document give the same UUIDs, and a later export of the same document keeps the UUIDs of
 * what did not change. Times come from the document's dates (the reference date, else 31
 * December of its year; each assessment's date; the due dates and scheduled periods), never
 * the clock, so the output is deterministic: the same document gives the same bytes.
 * `last-modified`, `published` and the starts of periods are the first second of their day
 * (`T00:00:00Z`); the ends of periods, deadlines and due dates the last second of their last
 * day (`T23:59:59Z`), so that the last day is within them.
 *
 * Text: OSCAL's titles, descriptions, statements and remarks are Markdown. User text in them
 * is escaped so that it shows as it was typed (`*`, `_`, `` ` ``, `[`, `]`, `<`, `>` and `\`
 * everywhere, headings, lists and quotes at the start of a line) and its line breaks are kept
 * as Markdown line breaks; properties are plain strings, on one line. The titles of an
 * imported catalog were read as Markdown and are written as read.
 *
 * Reading: isms_catalog_parse_oscal() reads an OSCAL catalog (any framework) into an imported
 * catalog (see isms/catalog.h) that an assessment can be held against
 * (isms_assessment_new_catalog()). It checks what it uses against the schema's rules (types,
 * required keys, the token form of ids, unique ids) and every error names the JSON path, line
 * and column, and what was expected: `$.catalog.groups[2].controls[0].id: expected a
 * string, found an integer`. What it does not use (parts, params, links, back-matter) is
 * passed over, but must still be well-formed JSON.
 *
 * Everything here is written with isms__malloc's allocator, so out of memory is reported as
 * #ISMS_ENOMEM with nothing returned and nothing changed.
 */
#ifndef ISMS_OSCAL_H
#define ISMS_OSCAL_H

#include <stddef.h>

#include "isms/base.h"
#include "isms/catalog.h"
#include "isms/document.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @defgroup oscal OSCAL
 * @brief OSCAL 1.1.3 out of a document (assessment results, plan of action and milestones) and
 *        catalogs out and in.
 *
 * isms/oscal.h describes the module in full.
 * @{
 */

/** The OSCAL version libisms writes, as `metadata.oscal-version`. @since 0.1.0 */
#define ISMS_OSCAL_VERSION "1.1.3"

/** Largest OSCAL catalog read: 64 MiB. @since 0.1.0 */
#define ISMS_OSCAL_MAX_BYTES ((size_t)64 * 1024 * 1024)

/**
 * @brief The OSCAL models libisms writes.
 * @since 0.1.0
 */
typedef enum isms_oscal_kind {
    ISMS_OSCAL_CATALOG = 0,            /**< A catalog (`catalog`). */
    ISMS_OSCAL_ASSESSMENT_RESULTS = 1, /**< Assessment results (`assessment-results`). */
    ISMS_OSCAL_POAM = 2                /**< A plan of action and milestones
                                            (`plan-of-action-and-milestones`). */
} isms_oscal_kind;

/**
 * @brief Short name of a kind as the command line writes it: "oscal-catalog", "oscal-ar",
 *        "oscal-poam"; "" for an unknown kind. Never NULL.
 * @param kind The kind.
 * @return A static string.
 * @since 0.1.0
 */
ISMS_EXPORT const char *isms_oscal_kind_name(isms_oscal_kind kind);

/**
 * @brief Reads a kind: "oscal-catalog", "catalog", "oscal-ar", "ar", "assessment-results",
 *        "oscal-poam", "poam", "plan-of-action-and-milestones"; ASCII case does not matter.
 * @param[out] out The kind.
 * @param text The text. Must be UTF-8.
 * @return #ISMS_OK, #ISMS_EINVAL (NULL argument), #ISMS_EPARSE (names the text and the
 *         forms accepted). #ISMS_EINVAL for text that is not UTF-8:
 *         "OSCAL kind: not UTF-8 at byte N (0xHH)" names the first bad byte (N from 1); nothing is
 *         written.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_oscal_kind_parse(isms_oscal_kind *out, const char *text);

/**
 * @brief Writes a catalog (built-in or imported) as an OSCAL catalog into a new buffer.
 *
 * Built-in catalogs: chapters, clauses, Annex A, its themes or domains and the 2013 control
 * objectives are `groups`; the requirements (the assessable clauses and the Annex A controls)
 * are `controls`, with the OSCAL ids of isms_item_oscal_id(). Each group and control carries
 * its libisms id as the property `label` and its kind as its `class` ("chapter", "clause",
 * "sub-clause", "annex", "theme", "domain", "objective", "control"); 2022 controls carry one
 * property per ISO/IEC 27002:2022 attribute value (names `control-type`,
 * `security-property`, `cybersecurity-concept`, `operational-capability`, `security-domain`,
 * values as the standard writes them, `#` left out) in the namespace
 * `urn:libisms:iso27002:2022`; what is new in 2022 (clause 6.3 and the 11 new controls) the
 * property `new` = "true" in the namespace `urn:libisms:oscal`. The metadata names
 * the edition (title, version, published date). Only ids and titles are included: the
 * requirement text is © ISO/IEC.
 *
 * Imported catalogs are written with their groups, controls, ids, labels and titles, which
 * is all they keep of what was read.
 *
 * isms_catalog_parse_oscal() of the output gives a catalog with the same ids and titles in
 * the same order.
 * @param[out] out New NUL-terminated buffer (caller frees with isms_free()).
 * @param[out] len Its length without the NUL; may be NULL.
 * @param catalog The catalog.
 * @return #ISMS_OK, #ISMS_EINVAL (NULL argument), #ISMS_ENOMEM.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_catalog_write_oscal(char **out, size_t *len, const isms_catalog *catalog);

/**
 * @brief Saves a catalog as an OSCAL catalog file, atomically (the old file is never lost).
 * @param path File path.
 * @param catalog The catalog.
 * @return #ISMS_OK, #ISMS_EINVAL, #ISMS_EIO, #ISMS_ENOMEM.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_catalog_save_oscal(const char *path, const isms_catalog *catalog);

/**
 * @brief Reads an OSCAL catalog (JSON) into an imported catalog.
 *
 * The input is an object with the key `catalog` (and optionally `$schema`; another OSCAL
 * model such as `profile` is an error that says what the file is). What the schema requires
 * of what libisms reads is required: the catalog's `uuid` (version 4 or 5), its `metadata`
 * with a non-blank `title`, `last-modified` (an OSCAL date-time), `version` and
 * `oscal-version`; a control's `id` and `title`; a group's `title`. Lists that are present
 * must not be empty, and unknown keys in the catalog, its metadata, groups, controls and
 * properties are errors with the nearest known key. Keys OSCAL has but libisms does not use
 * (`parts`, `params`, `links`, `back-matter`, ...) are passed over.
 *
 * Groups (nested) and controls (nested: enhancements) are read in document order; within a
 * group, its `groups` and `controls` come in the order their keys appear in the text. Ids
 * must have the OSCAL token form (a letter or `_`, then letters, digits, `.`, `-`, `_`;
 * letters beyond ASCII count as letters; the exact rule is in lib/io/oscal-read.c). A group
 * without an id gets `group-1`, `group-2`, ... (the first numbers no id or label uses). An
 * item's label is its first `label` property without a `class` (else the first one; a
 * property's `ns` and `class` must be strings); runs of white space in it (and in the
 * version) count as one space. The label is the item's id in libisms when no other item has
 * it as its label or as its OSCAL id (ignoring ASCII case and the length of runs of white
 * space): OSCAL does not require labels to be unique (a framework may number the controls of
 * each group `1`, `2`, ...), so items that share a label keep their OSCAL ids as ids and the
 * label as their label (written back on export). OSCAL ids must be unique across the
 * catalog, ignoring ASCII case: a second one is #ISMS_EEXIST naming the first. At most
 * #ISMS_OSCAL_MAX_LEVELS levels of nesting, #ISMS_MAX_GROUPS top-level groups and
 * #ISMS_CATALOG_MAX_ITEMS items. A UTF-8 byte order mark is skipped; UTF-16 and bytes that
 * are not UTF-8 are errors.
 * @param[out] out The catalog; release it with isms_catalog_free().
 * @param data The bytes (need not be NUL-terminated).
 * @param len Number of bytes, at most #ISMS_OSCAL_MAX_BYTES.
 * @param source Name for error messages (a file name), or NULL.
 * @return #ISMS_OK, #ISMS_EINVAL (NULL argument), #ISMS_EPARSE (not JSON, not an OSCAL
 *         catalog: the JSON path, line, column and what was expected), #ISMS_EEXIST (an OSCAL
 *         id twice: both places named), #ISMS_ERANGE (too big, too deep, too many groups or
 *         items), #ISMS_ENOMEM. On any error nothing is returned and nothing leaks.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_catalog_parse_oscal(isms_catalog **out, const char *data, size_t len,
                                         const char *source);

/**
 * @brief Reads an OSCAL catalog file; see isms_catalog_parse_oscal(). `-` is not standard
 *        input here: it is a file name.
 * @param[out] out The catalog; release it with isms_catalog_free().
 * @param path File path.
 * @return As isms_catalog_parse_oscal(), plus #ISMS_EIO.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_catalog_load_oscal(isms_catalog **out, const char *path);

/**
 * @brief Writes a document as OSCAL assessment results or a POA&M (see the file's
 *        description) into a new buffer.
 *
 * Both carry the document's metadata: its title (or, when it has none, "Gapanalys" /
 * "Gap analysis" or "Handlingsplan" / "Plan of action and milestones" in the document's
 * language), the organisation and unit as parties, the author as the party that prepared
 * it, `last-modified` and `published` at the reference date, the version (the document's
 * year), #ISMS_OSCAL_VERSION. The document itself is a back-matter resource that
 * `import-ap` (assessment results) or the `system-id` (POA&M) points at.
 * @param[out] out New NUL-terminated buffer (caller frees with isms_free()).
 * @param[out] len Its length without the NUL; may be NULL.
 * @param doc The document.
 * @param kind #ISMS_OSCAL_ASSESSMENT_RESULTS or #ISMS_OSCAL_POAM (#ISMS_OSCAL_CATALOG writes
 *        the catalog of the latest assessment).
 * @return #ISMS_OK, #ISMS_EINVAL (NULL argument, unknown kind, a text of the document that is
 *         not valid UTF-8: the message names where it would go), #ISMS_ENOTFOUND (assessment
 *         results of a document without assessments; a catalog of one without assessments),
 *         #ISMS_ERANGE (a date the export needs lies outside the years 1900–2999, the only
 *         ones OSCAL's date pattern allows), #ISMS_ENOMEM. OSCAL requires at least one
 *         `poam-item`: the POA&M of a document without actions has one item that says so
 *         ("No actions" / "Inga åtgärder", property `no-actions`).
 * @since 0.1.0
 */
ISMS_EXPORT int isms_document_write_oscal(char **out, size_t *len, const isms_document *doc,
                                          isms_oscal_kind kind);

/**
 * @brief Saves a document as an OSCAL file, atomically; see isms_document_write_oscal().
 * @param path File path.
 * @param doc The document.
 * @param kind The kind.
 * @return As isms_document_write_oscal(), plus #ISMS_EIO.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_document_save_oscal(const char *path, const isms_document *doc,
                                         isms_oscal_kind kind);

/** @} */

#ifdef __cplusplus
}
#endif

#endif
