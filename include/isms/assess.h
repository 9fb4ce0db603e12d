/**
 * @file isms/assess.h
 * @brief Assessments against ISO/IEC 27001: gap analysis, Statement of Applicability,
 *        compliance, comparison, conversion between editions, lint (assess module, pure core).
 *
 * An assessment holds one entry per requirement (a clause such as `6.1.2` or an Annex A
 * control such as `A.8.8`) of one edition, in the order they were added (a table's row order).
 * Each entry has a status, a need for action, a comment, an action plan, an owner, a due date
 * (the text as written and the #isms_period read from it), evidence references and, for Annex
 * A, the Statement of Applicability fields. Entries whose reference is not in the edition's
 * catalog are kept as written (lint reports them); they count nowhere.
 *
 * Handles: an #isms_assessment owns its entries; an #isms_entry pointer is borrowed and stays
 * valid until the entry is removed or the assessment is freed. Strings returned are borrowed
 * until the next change of the same field. Reading from several threads is safe; changes need
 * the caller's lock.
 */
#ifndef ISMS_ASSESS_H
#define ISMS_ASSESS_H

#include <stdbool.h>
#include <stddef.h>

#include "isms/base.h"
#include "isms/catalog.h"
#include "isms/findings.h"
#include "isms/period.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @defgroup assess Gap analysis and Statement of Applicability
 * @brief Assessments against ISO/IEC 27001: the gap analysis, the Statement of Applicability,
 *        compliance, the comparison of two assessments, conversion between editions, lint.
 *
 * isms/assess.h describes the module in full.
 * @{
 */

/**
 * @brief Status of a requirement (nuläge).
 * @since 0.1.0
 */
typedef enum isms_status {
    ISMS_STATUS_NOT_ASSESSED = 0,  /**< Not assessed (ej bedömd). */
    ISMS_STATUS_YES = 1,           /**< Met (ja). */
    ISMS_STATUS_PARTIAL = 2,       /**< Partly met (delvis). */
    ISMS_STATUS_NO = 3,            /**< Not met (nej). */
    ISMS_STATUS_NOT_APPLICABLE = 4 /**< Not applicable (ej tillämplig). */
} isms_status;

/** Number of statuses. @since 0.1.0 */
#define ISMS_STATUS_COUNT 5

/**
 * @brief Label of a status: "Ja", "Delvis", "Nej", "Ej tillämplig", "Ej bedömd" / "Yes",
 *        "Partial", "No", "Not applicable", "Not assessed". Never NULL.
 * @param status The status.
 * @param lang The language.
 * @return A static string; "" for a status outside #isms_status.
 * @since 0.1.0
 */
ISMS_EXPORT const char *isms_status_label(isms_status status, isms_lang lang);

/**
 * @brief Machine name of a status: "yes", "partial", "no", "not_applicable",
 *        "not_assessed". Never NULL.
 * @param status The status.
 * @return A static string; "" for a status outside #isms_status.
 * @since 0.1.0
 */
ISMS_EXPORT const char *isms_status_name(isms_status status);

/**
 * @brief Reads a status in Swedish or English, any case: `Ja`, `JA`, `yes`, `Delvis`,
 *        `partially`, `Nej`, `no`, `Ej tillämplig`, `N/A`, `E/T`, `not_applicable`,
 *        `Ej bedömd`, `not assessed`; empty text is not assessed.
 * @param[out] out The status.
 * @param text The text. Must be UTF-8.
 * @return #ISMS_OK, #ISMS_EINVAL (NULL argument), #ISMS_EPARSE (names the text and the
 *         values accepted). #ISMS_EINVAL for text that is not UTF-8:
 *         "status: not UTF-8 at byte N (0xHH)" names the first bad byte (N from 1); nothing is
 *         written.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_status_parse(isms_status *out, const char *text);

/**
 * @brief Need for action (åtgärdsbehov).
 * @since 0.1.0
 */
typedef enum isms_need {
    ISMS_NEED_UNSET = 0,  /**< Not stated (empty cell). */
    ISMS_NEED_NONE = 1,   /**< None (ingen). */
    ISMS_NEED_LOW = 2,    /**< Low (låg). */
    ISMS_NEED_MEDIUM = 3, /**< Medium (medel). */
    ISMS_NEED_HIGH = 4    /**< High (hög). */
} isms_need;

/**
 * @brief Label of a need: "Ingen", "Låg", "Medel", "Hög" / "None", "Low", "Medium", "High";
 *        "" for unset. Never NULL.
 * @param need The need.
 * @param lang The language.
 * @return A static string.
 * @since 0.1.0
 */
ISMS_EXPORT const char *isms_need_label(isms_need need, isms_lang lang);

/**
 * @brief Machine name of a need: "none", "low", "medium", "high"; "" for unset. Never NULL.
 * @param need The need.
 * @return A static string.
 * @since 0.1.0
 */
ISMS_EXPORT const char *isms_need_name(isms_need need);

/**
 * @brief Reads a need in Swedish or English, any case (`Hög`, `HÖG`, `high`, `Medel`,
 *        `medium`, `Låg`, `low`, `Ingen`, `none`); empty text is unset.
 * @param[out] out The need.
 * @param text The text. Must be UTF-8.
 * @return #ISMS_OK, #ISMS_EINVAL, #ISMS_EPARSE (names the text and the values accepted).
 *         #ISMS_EINVAL for text that is not UTF-8: "need for action: not UTF-8 at byte N (0xHH)"
 *         names the first bad byte (N from 1); nothing is written.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_need_parse(isms_need *out, const char *text);

/**
 * @brief Applicability of an Annex A control in the Statement of Applicability.
 * @since 0.1.0
 */
typedef enum isms_applicability {
    ISMS_APPLICABILITY_UNDECIDED = 0, /**< Not stated (ej angivet). */
    ISMS_APPLICABILITY_APPLICABLE = 1,/**< Applicable, included (tillämplig). */
    ISMS_APPLICABILITY_EXCLUDED = 2   /**< Excluded; needs a justification (exkluderad). */
} isms_applicability;

/**
 * @brief Label of an applicability ("Tillämplig" / "Applicable"); "" for undecided. Never
 *        NULL.
 * @param value The applicability.
 * @param lang The language.
 * @return A static string.
 * @since 0.1.0
 */
ISMS_EXPORT const char *isms_applicability_label(isms_applicability value, isms_lang lang);

/**
 * @brief Reads an applicability: `Ja`/`yes`/`tillämplig`/`applicable`/`included`,
 *        `Nej`/`no`/`exkluderad`/`excluded`/`ej tillämplig`; empty text is undecided.
 * @param[out] out The value.
 * @param text The text. Must be UTF-8.
 * @return #ISMS_OK, #ISMS_EINVAL, #ISMS_EPARSE. #ISMS_EINVAL for text that is not UTF-8:
 *         "applicability: not UTF-8 at byte N (0xHH)" names the first bad byte (N from 1); nothing
 *         is written.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_applicability_parse(isms_applicability *out, const char *text);

/**
 * @brief Reasons for including a control in the Statement of Applicability (bit flags).
 * @since 0.1.0
 */
typedef enum isms_reason {
    ISMS_REASON_RISK = 1,        /**< Risk treatment (riskbehandling). */
    ISMS_REASON_LEGAL = 2,       /**< Legal or regulatory requirement (lagkrav). */
    ISMS_REASON_CONTRACTUAL = 4, /**< Contractual obligation (avtalskrav). */
    ISMS_REASON_BUSINESS = 8     /**< Business requirement or best practice (verksamhetskrav). */
} isms_reason;

/**
 * @brief Label of one reason ("Riskbehandling" / "Risk treatment"); "" when `reason` is not
 *        exactly one flag. Never NULL.
 * @param reason One flag.
 * @param lang The language.
 * @return A static string.
 * @since 0.1.0
 */
ISMS_EXPORT const char *isms_reason_label(isms_reason reason, isms_lang lang);

/**
 * @brief Reads a list of reasons separated by commas, semicolons, `/`, `och`/`and` or line
 *        breaks (`risk, lagkrav`, `Legal; contractual`); empty text gives 0.
 * @param[out] out The flags.
 * @param text The text. Must be UTF-8.
 * @return #ISMS_OK, #ISMS_EINVAL, #ISMS_EPARSE (names the word not understood). #ISMS_EINVAL for
 *         text that is not UTF-8: "reason: not UTF-8 at byte N (0xHH)" names the first bad byte (N
 *         from 1); nothing is written.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_reason_parse(unsigned *out, const char *text);

/**
 * @brief An assessment (opaque).
 * @since 0.1.0
 */
typedef struct isms_assessment isms_assessment;

/**
 * @brief One entry of an assessment (opaque, owned by the assessment).
 * @since 0.1.0
 */
typedef struct isms_entry isms_entry;

/**
 * @brief How the edition of an assessment was decided (by import).
 * @since 0.1.0
 */
typedef enum isms_edition_basis {
    ISMS_BASIS_GIVEN = 0,           /**< Given by the caller. */
    ISMS_BASIS_NEW_CLAUSES = 1,     /**< 2022: the table has 6.3, 9.2.x or 9.3.x. */
    ISMS_BASIS_CLAUSE_TITLES = 2,   /**< 10.1/10.2 described as nonconformity/improvement. */
    ISMS_BASIS_CLAUSE_SET = 3,      /**< 2013: the clause list is exactly the 2013 set. */
    ISMS_BASIS_ANNEX_A = 4,         /**< Annex A ids of one edition's form (A.5.1.1 vs A.8.34). */
    ISMS_BASIS_DEFAULT = 5,         /**< Nothing told: 2022, the current edition, was assumed. */
    ISMS_BASIS_NAMED = 6            /**< The table names its edition (a title row or the
                                         reference column's header, as export writes it). */
} isms_edition_basis;

/**
 * @brief Creates an empty assessment.
 * @param[out] out The new assessment; the caller frees it with isms_assessment_free().
 * @param edition The edition (not unknown).
 * @param year The year assessed, 1900–9999 (due dates without a year take it).
 * @param scope Which requirements it covers.
 * @return #ISMS_OK, #ISMS_EINVAL (NULL `out`, unknown edition or scope, year out of range),
 *         #ISMS_ENOMEM.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_assessment_new(isms_assessment **out, isms_edition edition, int year,
                                    isms_scope scope);

/**
 * @brief Creates an empty assessment against a catalog: a built-in one (as
 *        isms_assessment_new() with its edition) or an imported one (isms/oscal.h), which
 *        the assessment then holds a reference to (the caller may free its own).
 *
 * Against an imported catalog the requirements are its controls: the scope is then
 * #ISMS_SCOPE_ANNEX_A or #ISMS_SCOPE_BOTH (the same: all controls); #ISMS_SCOPE_CLAUSES
 * covers nothing and is refused. The edition is #ISMS_EDITION_IMPORTED.
 * @param[out] out The new assessment; the caller frees it with isms_assessment_free().
 * @param catalog The catalog.
 * @param year The year assessed, 1900–9999.
 * @param scope Which requirements it covers.
 * @return #ISMS_OK, #ISMS_EINVAL (NULL argument, unknown scope, year out of range, clauses of
 *         an imported catalog), #ISMS_ENOMEM.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_assessment_new_catalog(isms_assessment **out, const isms_catalog *catalog,
                                            int year, isms_scope scope);

/**
 * @brief Frees an assessment and all its entries.
 * @param assessment The assessment, or NULL (then nothing happens).
 * @since 0.1.0
 */
ISMS_EXPORT void isms_assessment_free(isms_assessment *assessment);

/**
 * @brief Makes an independent copy.
 * @param[out] out The copy (caller frees).
 * @param assessment The assessment.
 * @return #ISMS_OK, #ISMS_EINVAL, #ISMS_ENOMEM.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_assessment_copy(isms_assessment **out, const isms_assessment *assessment);

/**
 * @brief Edition of the assessment.
 * @param assessment The assessment.
 * @return The edition; #ISMS_EDITION_UNKNOWN for NULL.
 * @since 0.1.0
 */
ISMS_EXPORT isms_edition isms_assessment_edition(const isms_assessment *assessment);

/**
 * @brief How the edition was decided.
 * @param assessment The assessment.
 * @return The basis; #ISMS_BASIS_GIVEN for NULL.
 * @since 0.1.0
 */
ISMS_EXPORT isms_edition_basis isms_assessment_edition_basis(const isms_assessment *assessment);

/** @brief The catalog the assessment is held against: the edition's (static) or an imported
 *         one, which lives at least as long as the assessment. @param assessment The
 *         assessment. @return The catalog (borrowed), or NULL for a NULL assessment.
 *         @since 0.1.0 */
ISMS_EXPORT const isms_catalog *isms_assessment_catalog(const isms_assessment *assessment);

/**
 * @brief Year assessed.
 * @param assessment The assessment.
 * @return The year; 0 for NULL.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_assessment_year(const isms_assessment *assessment);

/**
 * @brief Scope.
 * @param assessment The assessment.
 * @return The scope; #ISMS_SCOPE_BOTH for NULL.
 * @since 0.1.0
 */
ISMS_EXPORT isms_scope isms_assessment_scope(const isms_assessment *assessment);

/**
 * @brief Date of the assessment: the reference date for overdue checks. Defaults to
 *        31 December of its year.
 * @param assessment The assessment.
 * @return The date; {0, 0, 0} (not a valid date) for NULL.
 * @since 0.1.0
 */
ISMS_EXPORT isms_date isms_assessment_date(const isms_assessment *assessment);

/**
 * @brief Sets the date of the assessment.
 * @param assessment The assessment.
 * @param date A valid date.
 * @return #ISMS_OK, #ISMS_EINVAL.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_assessment_set_date(isms_assessment *assessment, isms_date date);

/**
 * @brief Number of entries.
 * @param assessment The assessment, or NULL (then 0).
 * @return The number of entries.
 * @since 0.1.0
 */
ISMS_EXPORT size_t isms_assessment_count(const isms_assessment *assessment);

/**
 * @brief Entry `index` in insertion order.
 * @param assessment The assessment.
 * @param index 0 … count − 1.
 * @return The entry (borrowed), or NULL when out of range.
 * @since 0.1.0
 */
ISMS_EXPORT isms_entry *isms_assessment_at(const isms_assessment *assessment, size_t index);

/**
 * @brief Finds the entry of a requirement; the reference is read as isms_catalog_find()
 *        reads it (so `A 5.1` finds `A.5.1`), else compared as written (trimmed).
 * @param assessment The assessment.
 * @param ref The reference.
 * @return The entry (borrowed), or NULL.
 * @since 0.1.0
 */
ISMS_EXPORT isms_entry *isms_assessment_find(const isms_assessment *assessment, const char *ref);

/**
 * @brief Adds an entry for a requirement, not assessed and with nothing filled in.
 *
 * A reference the catalog knows is stored in its canonical form (`A 5.1` → `A.5.1`; in an
 * Annex-A-only assessment `5.1` → `A.5.1`); another reference is stored trimmed, as written.
 * @param[out] out The new entry (borrowed), or NULL if not wanted.
 * @param assessment The assessment.
 * @param ref The requirement reference (not empty). Must be UTF-8.
 * @return #ISMS_OK, #ISMS_EINVAL (NULL or empty reference), #ISMS_EEXIST (an entry for it
 *         exists), #ISMS_ENOMEM (the assessment is unchanged). #ISMS_EINVAL for text that is not
 *         UTF-8: "ref: not UTF-8 at byte N (0xHH)" names the first bad byte (N from 1); nothing is
 *         changed.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_assessment_add(isms_entry **out, isms_assessment *assessment,
                                    const char *ref);

/**
 * @brief Adds an entry, not assessed, for every requirement of the scope that has none, in
 *        catalog order: a blank gap table or Statement of Applicability to fill in.
 * @param assessment The assessment.
 * @return #ISMS_OK, #ISMS_EINVAL, #ISMS_ENOMEM (the assessment is unchanged).
 * @since 0.1.0
 */
ISMS_EXPORT int isms_assessment_add_all(isms_assessment *assessment);

/**
 * @brief Removes the entry of a requirement.
 * @param assessment The assessment.
 * @param ref The reference, as for isms_assessment_find().
 * @return #ISMS_OK, #ISMS_EINVAL, #ISMS_ENOTFOUND.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_assessment_remove(isms_assessment *assessment, const char *ref);

/**
 * @brief Number of extra columns kept from an imported table (columns libisms does not
 *        know; they are written back on export).
 * @param assessment The assessment, or NULL (then 0).
 * @return The number of extra columns.
 * @since 0.1.0
 */
ISMS_EXPORT size_t isms_assessment_extra_count(const isms_assessment *assessment);

/**
 * @brief Header of extra column `index` as it was in the table. NULL when out of range.
 * @param assessment The assessment.
 * @param index The column.
 * @return A string borrowed from the assessment, or NULL (also for a NULL assessment).
 * @since 0.1.0
 */
ISMS_EXPORT const char *isms_assessment_extra_name(const isms_assessment *assessment,
                                                   size_t index);

/**
 * @brief Adds an extra column (every entry's cell starts empty).
 * @param[out] index Index of the new column, or NULL.
 * @param assessment The assessment.
 * @param name Its header (not blank: CSV import skips columns without a header). Must be UTF-8.
 * @return #ISMS_OK, #ISMS_EINVAL (NULL argument or a blank header), #ISMS_ENOMEM. #ISMS_EINVAL for
 *         text that is not UTF-8: "name: not UTF-8 at byte N (0xHH)" names the first bad byte (N
 *         from 1); nothing is changed.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_assessment_add_extra(size_t *index, isms_assessment *assessment,
                                          const char *name);

/**
 * @brief The entry's requirement reference (canonical when known). Never NULL.
 * @param entry The entry.
 * @return A string borrowed from the assessment ("" for NULL).
 * @since 0.1.0
 */
ISMS_EXPORT const char *isms_entry_ref(const isms_entry *entry);

/**
 * @brief The catalog item of the entry, or NULL when the reference is not in the catalog.
 * @param entry The entry.
 * @return The item, borrowed from the assessment's catalog, or NULL (also for NULL).
 * @since 0.1.0
 */
ISMS_EXPORT const isms_item *isms_entry_item(const isms_entry *entry);

/**
 * @brief Status.
 * @param entry The entry.
 * @return The status; #ISMS_STATUS_NOT_ASSESSED for NULL.
 * @since 0.1.0
 */
ISMS_EXPORT isms_status isms_entry_status(const isms_entry *entry);

/**
 * @brief Sets the status.
 * @param entry The entry.
 * @param status The status.
 * @return #ISMS_OK, #ISMS_EINVAL.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_entry_set_status(isms_entry *entry, isms_status status);

/**
 * @brief Need for action.
 * @param entry The entry.
 * @return The need; #ISMS_NEED_UNSET for NULL.
 * @since 0.1.0
 */
ISMS_EXPORT isms_need isms_entry_need(const isms_entry *entry);

/**
 * @brief Sets the need for action.
 * @param entry The entry.
 * @param need The need.
 * @return #ISMS_OK, #ISMS_EINVAL.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_entry_set_need(isms_entry *entry, isms_need need);

/**
 * @brief The text fields of an entry.
 * @since 0.1.0
 */
typedef enum isms_entry_field {
    ISMS_FIELD_TEXT = 0,          /**< The requirement as the table words it (krav). */
    ISMS_FIELD_COMMENT = 1,       /**< Comment (kommentar). */
    ISMS_FIELD_PLAN = 2,          /**< Action plan (handlingsplan). */
    ISMS_FIELD_OWNER = 3,         /**< Owner, a role or a team (ansvarig). */
    ISMS_FIELD_DUE = 4,           /**< Due date as written (datum); setting it re-reads the period. */
    ISMS_FIELD_JUSTIFICATION = 5, /**< Statement of Applicability justification (motivering). */
    ISMS_FIELD_ORIGIN = 6         /**< Where a converted entry came from ("2013: 10.1"). */
} isms_entry_field;

/**
 * @brief A text field. Never NULL ("" when empty).
 * @param entry The entry.
 * @param field The field.
 * @return A string borrowed from the assessment until the field is changed; "" also for NULL
 *         and for a field outside #isms_entry_field.
 * @since 0.1.0
 */
ISMS_EXPORT const char *isms_entry_get(const isms_entry *entry, isms_entry_field field);

/**
 * @brief Sets a text field (copied). Setting #ISMS_FIELD_DUE also reads the period from it
 *        with the assessment's year.
 * @param entry The entry.
 * @param field The field.
 * @param text The text (UTF-8), or NULL for "".
 * @return #ISMS_OK, #ISMS_EINVAL, #ISMS_ENOMEM (the field is unchanged). #ISMS_EINVAL for text that
 *         is not UTF-8: "comment: not UTF-8 at byte N (0xHH)" (with the field's name) names the
 *         first bad byte (N from 1); nothing is changed.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_entry_set(isms_entry *entry, isms_entry_field field, const char *text);

/**
 * @brief The due period read from the due text.
 * @param entry The entry.
 * @return The period (#ISMS_PERIOD_NONE for an empty text and for NULL).
 * @since 0.1.0
 */
ISMS_EXPORT isms_period isms_entry_due(const isms_entry *entry);

/**
 * @brief Number of evidence references.
 * @param entry The entry.
 * @return The number of references; 0 for NULL.
 * @since 0.1.0
 */
ISMS_EXPORT size_t isms_entry_evidence_count(const isms_entry *entry);

/**
 * @brief Evidence reference `index` (a document name, a link, a case number). NULL when out
 *        of range.
 * @param entry The entry.
 * @param index The index.
 * @return A string borrowed from the assessment, or NULL.
 * @since 0.1.0
 */
ISMS_EXPORT const char *isms_entry_evidence(const isms_entry *entry, size_t index);

/**
 * @brief Appends an evidence reference (copied).
 * @param entry The entry.
 * @param ref The reference: not empty, no line breaks (they separate references in CSV). Must be
 *            UTF-8.
 * @return #ISMS_OK, #ISMS_EINVAL, #ISMS_ENOMEM. #ISMS_EINVAL for text that is not UTF-8:
 *         "evidence: not UTF-8 at byte N (0xHH)" names the first bad byte (N from 1); nothing is
 *         changed.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_entry_add_evidence(isms_entry *entry, const char *ref);

/**
 * @brief Removes every evidence reference.
 * @param entry The entry.
 * @since 0.1.0
 */
ISMS_EXPORT void isms_entry_clear_evidence(isms_entry *entry);

/**
 * @brief Statement of Applicability: applicability.
 * @param entry The entry.
 * @return The applicability; #ISMS_APPLICABILITY_UNDECIDED for NULL.
 * @since 0.1.0
 */
ISMS_EXPORT isms_applicability isms_entry_applicability(const isms_entry *entry);

/**
 * @brief Sets the applicability (the justification is #ISMS_FIELD_JUSTIFICATION).
 * @param entry The entry.
 * @param value The applicability.
 * @return #ISMS_OK, #ISMS_EINVAL.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_entry_set_applicability(isms_entry *entry, isms_applicability value);

/**
 * @brief Statement of Applicability: reasons for inclusion (#isms_reason flags).
 * @param entry The entry.
 * @return A bitwise or of #isms_reason flags; 0 for none and for NULL.
 * @since 0.1.0
 */
ISMS_EXPORT unsigned isms_entry_reasons(const isms_entry *entry);

/**
 * @brief Sets the reasons for inclusion.
 * @param entry The entry.
 * @param reasons Bitwise OR of #isms_reason.
 * @return #ISMS_OK, #ISMS_EINVAL (unknown bits).
 * @since 0.1.0
 */
ISMS_EXPORT int isms_entry_set_reasons(isms_entry *entry, unsigned reasons);

/**
 * @brief Extra column `index` of the entry. Never NULL ("" beyond the entry's cells).
 * @param entry The entry.
 * @param index The column (see isms_assessment_extra_count()).
 * @return A string borrowed from the assessment until the cell is changed.
 * @since 0.1.0
 */
ISMS_EXPORT const char *isms_entry_extra(const isms_entry *entry, size_t index);

/**
 * @brief Sets extra column `index` of the entry.
 * @param entry The entry.
 * @param index The column; must exist.
 * @param text The text, or NULL for "". Must be UTF-8.
 * @return #ISMS_OK, #ISMS_EINVAL, #ISMS_ENOMEM. #ISMS_EINVAL for text that is not UTF-8:
 *         "extra column 0: not UTF-8 at byte N (0xHH)" (with the column's index) names the first
 *         bad byte (N from 1); nothing is changed.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_entry_set_extra(isms_entry *entry, size_t index, const char *text);

/**
 * @brief True when the entry counts as applicable: status not "not applicable" and, for an
 *        Annex A control, not excluded in the Statement of Applicability.
 * @param entry The entry.
 * @return true when applicable, false otherwise (also for NULL).
 * @since 0.1.0
 */
ISMS_EXPORT bool isms_entry_applicable(const isms_entry *entry);

/**
 * @brief Weights of the statuses in the compliance figure.
 * @since 0.1.0
 */
typedef struct isms_weights {
    double yes;     /**< Default 1. */
    double partial; /**< Default 0.5. */
    double no;      /**< Default 0. */
} isms_weights;

/**
 * @brief The default weights: yes 1, partial 0.5, no 0.
 * @return The weights.
 * @since 0.1.0
 */
ISMS_EXPORT isms_weights isms_weights_default(void);

/**
 * @brief Counts and figures for a set of requirements.
 *
 * `counts` are indexed by #isms_status. Requirements of the edition that have no entry count
 * as not assessed; excluded Annex A controls count as not applicable. In an imported catalog
 * a control at the top level (outside every group) counts in `total` and `annex_a` but in
 * no group, so the groups' tallies add up to the total only when every control lies in a
 * group.
 * @since 0.1.0
 */
typedef struct isms_tally {
    unsigned counts[ISMS_STATUS_COUNT]; /**< Requirements per status. */
    unsigned total;      /**< Requirements in the set. */
    unsigned applicable; /**< total − not applicable. */
    unsigned assessed;   /**< yes + partial + no. */
    double coverage;     /**< assessed / applicable (0 when nothing is applicable). */
    double compliance;   /**< (w.yes·yes + w.partial·partial + w.no·no) / assessed (0 when
                              nothing is assessed). */
} isms_tally;

/** Largest number of groups in a summary: the 14 domains of 2013, or the top-level groups
 *  of an imported catalog (isms_catalog_parse_oscal() refuses a catalog with more).
 *  @since 0.1.0 */
#define ISMS_MAX_GROUPS 64

/**
 * @brief Summary of an assessment.
 * @since 0.1.0
 */
typedef struct isms_summary {
    isms_tally total;                    /**< Every requirement in scope. */
    isms_tally clauses;                  /**< Clauses 4–10 (empty when out of scope). */
    isms_tally annex_a;                  /**< Annex A (empty when out of scope). */
    isms_tally chapter[7];               /**< Chapters 4–10: `chapter[c - 4]`. */
    size_t group_count;                  /**< Annex A groups: 4 themes (2022) or 14 domains
                                              (2013), an imported catalog's top-level
                                              groups; 0 when Annex A is out of scope. */
    const isms_item *group[ISMS_MAX_GROUPS]; /**< The group items (`A.5` …), in order. */
    isms_tally groups[ISMS_MAX_GROUPS];  /**< Tally per group. */
    unsigned unknown;                    /**< Entries whose reference is not a requirement. */
} isms_summary;

/**
 * @brief Summarises an assessment: counts per status, coverage and compliance, in all and per
 *        chapter and Annex A group.
 * @param[out] out The summary.
 * @param assessment The assessment.
 * @param weights Weights, or NULL for isms_weights_default().
 * @return #ISMS_OK, #ISMS_EINVAL (NULL argument; a weight not finite or outside 0–1).
 * @since 0.1.0
 */
ISMS_EXPORT int isms_assessment_summarise(isms_summary *out, const isms_assessment *assessment,
                                          const isms_weights *weights);

/**
 * @brief Lints an assessment. Appends findings in the list's language, all or none.
 *
 * Codes: `gap-no-plan` (partial or no without an action plan), `gap-need-none` (need "none"
 * on partial or no), `gap-plan-no-owner`, `gap-plan-no-due` (an action plan without owner or
 * due date), `gap-due-unparsed` (info: the due text has no readable date),
 * `gap-no-justification` (not applicable, or excluded, without a justification),
 * `gap-missing` (a requirement of the edition and scope has no entry), `gap-unknown-ref` (a
 * reference not in the catalog), `gap-not-assessable` (info: a heading such as `6.1` carries
 * a status), `gap-yes-high-need` (yes together with a high need), `gap-overdue` (a
 * requirement not yet met whose due date has passed on the reference date).
 * @param out The list to append to.
 * @param assessment The assessment.
 * @param today The reference date, or NULL for the assessment's date.
 * @return #ISMS_OK, #ISMS_EINVAL, #ISMS_ENOMEM (the list is unchanged).
 * @since 0.1.0
 */
ISMS_EXPORT int isms_assessment_lint(isms_findings *out, const isms_assessment *assessment,
                                     const isms_date *today);

/**
 * @brief Converts an assessment to another edition through the mapping.
 *
 * For each requirement of the target edition in scope, the entries of the source that map to
 * it are gathered: one source is carried over (2013 10.1 becomes 2022 10.2; 2013 9.2 is
 * inherited by 9.2.1 and 9.2.2); several are combined (all yes → yes, all no → no, otherwise
 * partial; all not applicable → not applicable; the highest need; texts joined); a yes that
 * only partly overlaps its target (intersect) becomes partial. Requirements with no source
 * (2022 6.3, the new controls) are added as not assessed. Every converted entry records where
 * it came from in #ISMS_FIELD_ORIGIN. The year, date, scope and extra columns are kept.
 * @param[out] out The new assessment (caller frees).
 * @param assessment The source.
 * @param to The target edition (the same edition gives a copy).
 * @param report Optional list (may be NULL) for what could not be carried as is:
 *        `convert-new` (info: a new requirement, not assessed), `convert-combined` (several
 *        sources with different statuses), `convert-partial-overlap` (a yes made partial),
 *        `convert-not-carried` (a source entry with no counterpart or an unknown reference).
 * @return #ISMS_OK, #ISMS_EINVAL (also: an assessment against an imported catalog, or `to`
 *         #ISMS_EDITION_IMPORTED, unless it is the same catalog: there is no mapping),
 *         #ISMS_ENOMEM (nothing returned, the report unchanged).
 * @since 0.1.0
 */
ISMS_EXPORT int isms_assessment_convert(isms_assessment **out,
                                        const isms_assessment *assessment, isms_edition to,
                                        isms_findings *report);

/**
 * @brief How a requirement changed between two assessments.
 * @since 0.1.0
 */
typedef enum isms_change {
    ISMS_CHANGE_UNCHANGED = 0, /**< Same status (oförändrad). */
    ISMS_CHANGE_IMPROVED = 1,  /**< no → partial → yes (förbättrad). */
    ISMS_CHANGE_REGRESSED = 2, /**< The other way (försämrad). */
    ISMS_CHANGE_NEW = 3,       /**< Assessed now, but not before: missing, not assessed or
                                    not applicable then (ny). */
    ISMS_CHANGE_REMOVED = 4    /**< Assessed before, but not now (borttagen). */
} isms_change;

/**
 * @brief Label of a change ("förbättrad" / "improved"). Never NULL.
 * @param change The change.
 * @param lang The language.
 * @return A static string; "" for a change outside #isms_change.
 * @since 0.1.0
 */
ISMS_EXPORT const char *isms_change_label(isms_change change, isms_lang lang);

/**
 * @brief Machine name of a change: "unchanged", "improved", "regressed", "new", "removed".
 *        Never NULL.
 * @param change The change.
 * @return A static string; "" for a change outside #isms_change.
 * @since 0.1.0
 */
ISMS_EXPORT const char *isms_change_name(isms_change change);

/**
 * @brief One row of a comparison. Strings are borrowed from the comparison.
 * @since 0.1.0
 */
typedef struct isms_delta {
    const char *ref;    /**< The requirement, in the newer assessment's edition. */
    const char *origin; /**< Where the older status came from when the editions differ
                             ("2013: 10.1"); "" otherwise. */
    isms_status before; /**< Status in the older assessment (not assessed when missing). */
    isms_status after;  /**< Status in the newer one. */
    isms_change change; /**< The change. */
} isms_delta;

/**
 * @brief A comparison of two assessments (opaque).
 * @since 0.1.0
 */
typedef struct isms_comparison isms_comparison;

/**
 * @brief Compares an older assessment with a newer one, requirement by requirement.
 *
 * When the editions differ, the older one is first converted to the newer one's edition (see
 * isms_assessment_convert()). Rows come in the newer edition's catalog order, then references
 * outside the catalog in natural order. Requirements in neither scope are left out.
 * Assessments against imported catalogs compare when both were held against the same
 * catalog (the same UUID).
 * @param[out] out The comparison (caller frees with isms_comparison_free()).
 * @param before The older assessment.
 * @param after The newer assessment.
 * @return #ISMS_OK, #ISMS_EINVAL (also: different catalogs that have no mapping, named),
 *         #ISMS_ENOMEM.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_assessment_compare(isms_comparison **out, const isms_assessment *before,
                                        const isms_assessment *after);

/**
 * @brief Frees a comparison.
 * @param comparison The comparison, or NULL.
 * @since 0.1.0
 */
ISMS_EXPORT void isms_comparison_free(isms_comparison *comparison);

/**
 * @brief Number of rows.
 * @param comparison The comparison, or NULL (then 0).
 * @return The number of rows.
 * @since 0.1.0
 */
ISMS_EXPORT size_t isms_comparison_count(const isms_comparison *comparison);

/**
 * @brief Row `index`.
 * @param[out] out The row (its strings are borrowed from the comparison).
 * @param comparison The comparison.
 * @param index The row.
 * @return #ISMS_OK, #ISMS_EINVAL (NULL argument), #ISMS_ERANGE (out of range).
 * @since 0.1.0
 */
ISMS_EXPORT int isms_comparison_get(isms_delta *out, const isms_comparison *comparison,
                                    size_t index);

/**
 * @brief Number of rows with a given change.
 * @param comparison The comparison, or NULL (then 0).
 * @param change The change.
 * @return The number of rows with that change.
 * @since 0.1.0
 */
ISMS_EXPORT size_t isms_comparison_count_change(const isms_comparison *comparison,
                                                isms_change change);

/** @} */

#ifdef __cplusplus
}
#endif

#endif
