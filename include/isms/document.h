/**
 * @file isms/document.h
 * @brief The ISMS document: one file that holds an organisation's whole ISMS (io layer).
 *
 * A document gathers what the other modules hold: the risk register (with its matrix),
 * assessments of several years (the latest one's Annex A entries are the Statement of
 * Applicability), the asset inventory (with its classification scheme, floors and
 * relations), the improvement plan, quantitative models of risks, and the settings that
 * the calculations use (priority weights, schedule capacities, compliance weights,
 * simulation). It owns every object it holds; what its accessors return is borrowed from
 * it and lives until the part is replaced or the document is freed.
 *
 * On disk a document is JSON in the versioned format `"format": "libisms/1"`, described by
 * the JSON Schema `lib/io/libisms-1.schema.json` (installed as
 * `share/libisms/libisms-1.schema.json`). Loading
 * checks everything the schema says and more (levels on the matrix's scales, references
 * between parts, duplicate ids), and an error names the JSON path, the line and the column:
 *
 *     riskregister.json:14:7: $.risks[3].likelihod: unknown key, did you mean "likelihood"?
 *
 * Saving writes keys in a fixed order, two-space indentation, UTF-8 and a newline at the
 * end, so load → save → load gives the same document and the same bytes. A save never
 * loses data: it writes a temporary file beside the old one, syncs it and renames it over
 * the old file, which keeps its permission bits.
 *
 * Tables from spreadsheets come in with isms_document_import_csv(), which recognises the
 * kind of table from its headers, and go out with isms_document_export_csv().
 *
 * Thread safety: as everywhere in libisms, reading one document from several threads is
 * safe; changing it needs the caller's lock.
 */
#ifndef ISMS_DOCUMENT_H
#define ISMS_DOCUMENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "isms/base.h"
#include "isms/findings.h"
#include "isms/period.h"
#include "isms/risk.h"
#include "isms/assess.h"
#include "isms/asset.h"
#include "isms/plan.h"
#include "isms/quant.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @defgroup document The ISMS document
 * @brief One JSON file (`"format": "libisms/1"`) that holds a whole ISMS: the risk register,
 *        assessments, the asset inventory, the plan, quantitative models and settings; load,
 *        save, lint, and CSV tables in and out.
 *
 * isms/document.h describes the module in full.
 * @{
 */

/** The format name that documents of this version carry in their `format` key. @since 0.1.0 */
#define ISMS_DOCUMENT_FORMAT "libisms/1"
/** Largest document accepted by default, in bytes (512 MiB). @since 0.1.0 */
#define ISMS_DOCUMENT_MAX_BYTES ((size_t)512 * 1024 * 1024)
/** Deepest nesting of arrays and objects accepted by default. The document's own parts nest
 *  at most 7 deep and an embedded catalog as libisms writes it at most 21 (8 levels of
 *  groups and controls); a catalog with deeply nested parts that imports on its own (whose
 *  limit is 64) may need a larger isms_load_options.max_depth inside a document.
 *  @since 0.1.0 */
#define ISMS_DOCUMENT_MAX_DEPTH 32u

/**
 * @brief An ISMS document. Opaque; create with isms_document_new() or load one.
 * @since 0.1.0
 */
typedef struct isms_document isms_document;

/**
 * @brief Creates an empty document.
 *
 * It has the matrix preset `"4x4"` and an empty register, the scheme preset `"klassa"`
 * with its default floors and an empty inventory, an empty plan for `year`, no
 * assessments, no models, Swedish as its language, no reference date and the default
 * settings.
 * @param[out] out The document; the caller frees it with isms_document_free().
 * @param year The year the document is about (the management review's year), 1900–9999.
 *             Due texts without a year in the plan are read as this year.
 * @return #ISMS_OK, #ISMS_EINVAL (NULL out), #ISMS_ERANGE (year), #ISMS_ENOMEM.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_document_new(isms_document **out, int year);

/**
 * @brief Frees a document and everything it holds. NULL does nothing.
 * @param doc The document.
 * @since 0.1.0
 */
ISMS_EXPORT void isms_document_free(isms_document *doc);

/**
 * @brief The year the document is about.
 * @param doc The document.
 * @return The year, or 0 for NULL.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_document_year(const isms_document *doc);

/**
 * @brief Text fields of a document.
 * @since 0.1.0
 */
typedef enum isms_document_field {
    ISMS_DOC_ORGANISATION = 0, /**< The organisation ("Exempelstads kommun"). */
    ISMS_DOC_UNIT = 1,         /**< The unit within it ("Socialförvaltningen"), or "". */
    ISMS_DOC_TITLE = 2,        /**< The review's title; "" gives "Ledningens genomgång <year>" or
                                    "Management review <year>". */
    ISMS_DOC_AUTHOR = 3,       /**< Who prepared it (a role: "Informationssäkerhetssamordnare"). */
    ISMS_DOC_SCOPE = 4,        /**< The ISMS's scope statement (omfattning). */
    ISMS_DOC_DECISION = 5      /**< Management's decision, once taken; "" leaves the report's
                                    decision section blank to fill in. */
} isms_document_field;

/**
 * @brief A text field.
 * @param doc The document.
 * @param field The field.
 * @return The text, "" when not set or on bad arguments; borrowed from the document until the
 *         field is set again.
 * @since 0.1.0
 */
ISMS_EXPORT const char *isms_document_get(const isms_document *doc, isms_document_field field);

/**
 * @brief Sets a text field (copied). NULL clears it.
 * @param doc The document.
 * @param field The field.
 * @param text UTF-8 text, or NULL.
 * @return #ISMS_OK, #ISMS_EINVAL (names the field; for text that is not UTF-8 also the first
 *         bad byte, counted from 1: "organisation: not UTF-8 at byte N (0xHH)"; the old text
 *         stays), #ISMS_ENOMEM (the old text stays).
 * @since 0.1.0
 */
ISMS_EXPORT int isms_document_set(isms_document *doc, isms_document_field field,
                                  const char *text);

/**
 * @brief The language of the report and the findings.
 * @param doc The document.
 * @return The language (#ISMS_LANG_SV for NULL).
 * @since 0.1.0
 */
ISMS_EXPORT isms_lang isms_document_lang(const isms_document *doc);

/**
 * @brief Sets the language.
 * @param doc The document.
 * @param lang #ISMS_LANG_SV or #ISMS_LANG_EN.
 * @return #ISMS_OK, #ISMS_EINVAL.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_document_set_lang(isms_document *doc, isms_lang lang);

/**
 * @brief The reference date: "today" for lints, overdue items, urgency and review cycles.
 * @param doc The document.
 * @return The date; an empty date (year 0) when none is set, in which case calculations use
 *         31 December of the document's year.
 * @since 0.1.0
 */
ISMS_EXPORT isms_date isms_document_date(const isms_document *doc);

/**
 * @brief Sets the reference date.
 * @param doc The document.
 * @param date A valid date, or an empty date (all zero) to clear it.
 * @return #ISMS_OK, #ISMS_EINVAL (NULL, or a date that does not exist, named).
 * @since 0.1.0
 */
ISMS_EXPORT int isms_document_set_date(isms_document *doc, isms_date date);

/**
 * @brief The date calculations use: the reference date, or 31 December of the year.
 * @param doc The document.
 * @return The date (empty for NULL).
 * @since 0.1.0
 */
ISMS_EXPORT isms_date isms_document_today(const isms_document *doc);

/* ---- what affects the ISMS ------------------------------------------------------------- */

/**
 * @brief Number of context items: changes that affect the ISMS (threats, new law such as NIS2
 *        and the Swedish cybersecurity act, third-country transfer rules, reorganisations).
 * @param doc The document.
 * @return The count (0 for NULL).
 * @since 0.1.0
 */
ISMS_EXPORT size_t isms_document_context_count(const isms_document *doc);

/**
 * @brief One context item.
 * @param[out] title Receives its title (borrowed); may be NULL.
 * @param[out] text Receives its description, or "" (borrowed); may be NULL.
 * @param doc The document.
 * @param index 0 to isms_document_context_count() − 1.
 * @return #ISMS_OK, #ISMS_EINVAL, #ISMS_ERANGE.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_document_context(const char **title, const char **text,
                                      const isms_document *doc, size_t index);

/**
 * @brief Appends a context item (both texts copied).
 * @param doc The document.
 * @param title Its title, not empty. Must be UTF-8.
 * @param text Its description, or NULL. Must be UTF-8.
 * @return #ISMS_OK, #ISMS_EINVAL, #ISMS_ENOMEM (nothing added). #ISMS_EINVAL for text that is not
 *         UTF-8: "context title: not UTF-8 at byte N (0xHH)" (or context text) names the first bad
 *         byte (N from 1); nothing is changed.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_document_add_context(isms_document *doc, const char *title,
                                          const char *text);

/**
 * @brief Removes every context item.
 * @param doc The document; NULL does nothing.
 * @since 0.1.0
 */
ISMS_EXPORT void isms_document_clear_context(isms_document *doc);

/* ---- the parts ------------------------------------------------------------------------- */

/**
 * @brief The risk register. Its matrix is the document's matrix.
 * @param doc The document.
 * @return The register, borrowed (never NULL for a valid document); NULL for NULL.
 * @since 0.1.0
 */
ISMS_EXPORT isms_register *isms_document_register(const isms_document *doc);

/**
 * @brief Replaces the register (and with it the matrix).
 *
 * The document takes ownership of `reg` on success and frees the old register, along with
 * the models of risks the new register lacks (a model stays with the new register's risk of
 * its id). The plan's sources are updated.
 * @param doc The document.
 * @param reg The new register.
 * @return #ISMS_OK, #ISMS_EINVAL (NULL, or `reg` is already the document's).
 * @since 0.1.0
 */
ISMS_EXPORT int isms_document_set_register(isms_document *doc, isms_register *reg);

/**
 * @brief Changes the matrix of the register.
 *
 * Every risk is kept and scored on the new matrix; the change is refused when a risk's
 * levels (inherent, residual, or an action's expected residual) are not on the new scales.
 * @param doc The document.
 * @param matrix The matrix; the document takes a reference of its own.
 * @return #ISMS_OK, #ISMS_EINVAL, #ISMS_ERANGE (names the risk and the level), #ISMS_ENOMEM
 *         (nothing changed).
 * @since 0.1.0
 */
ISMS_EXPORT int isms_document_set_matrix(isms_document *doc, isms_matrix *matrix);

/**
 * @brief The asset inventory. Its scheme is the document's classification scheme.
 * @param doc The document.
 * @return The inventory, borrowed; NULL for NULL.
 * @since 0.1.0
 */
ISMS_EXPORT isms_inventory *isms_document_inventory(const isms_document *doc);

/**
 * @brief Replaces the inventory (and with it the scheme, floors and relations). The document
 *        takes ownership on success; the plan's sources are updated.
 * @param doc The document.
 * @param inv The new inventory.
 * @return #ISMS_OK, #ISMS_EINVAL.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_document_set_inventory(isms_document *doc, isms_inventory *inv);

/**
 * @brief The improvement plan. Its sources are the document's register, latest assessment
 *        and inventory.
 * @param doc The document.
 * @return The plan, borrowed; NULL for NULL.
 * @since 0.1.0
 */
ISMS_EXPORT isms_plan *isms_document_plan(const isms_document *doc);

/**
 * @brief Replaces the plan. The document takes ownership on success and sets its sources.
 * @param doc The document.
 * @param plan The new plan; its year (isms_plan_year()) must be the document's.
 * @return #ISMS_OK, #ISMS_EINVAL (also for a plan of another year).
 * @since 0.1.0
 */
ISMS_EXPORT int isms_document_set_plan(isms_document *doc, isms_plan *plan);

/**
 * @brief Number of assessments (gap analyses), one per year.
 * @param doc The document.
 * @return The count (0 for NULL).
 * @since 0.1.0
 */
ISMS_EXPORT size_t isms_document_assessment_count(const isms_document *doc);

/**
 * @brief An assessment by position, oldest year first.
 * @param doc The document.
 * @param index 0 to isms_document_assessment_count() − 1.
 * @return The assessment, borrowed; NULL when out of range.
 * @since 0.1.0
 */
ISMS_EXPORT isms_assessment *isms_document_assessment_at(const isms_document *doc,
                                                         size_t index);

/**
 * @brief The assessment of a year.
 * @param doc The document.
 * @param year The year.
 * @return The assessment, borrowed; NULL when there is none (no error is set).
 * @since 0.1.0
 */
ISMS_EXPORT isms_assessment *isms_document_assessment_find(const isms_document *doc, int year);

/**
 * @brief The latest assessment: the current gap analysis and Statement of Applicability.
 * @param doc The document.
 * @return The assessment, borrowed; NULL when there is none.
 * @since 0.1.0
 */
ISMS_EXPORT isms_assessment *isms_document_current(const isms_document *doc);

/**
 * @brief Adds an assessment, or replaces the one of the same year.
 *
 * The document takes ownership on success and frees a replaced one. When the latest
 * assessment changes, the plan's sources follow. An assessment against an imported catalog
 * whose uuid a catalog the document holds has (isms_document_catalog_at(), also one no
 * assessment uses any more), but whose content differs (title, version, items), is refused:
 * a document holds one catalog per uuid. A catalog new to the document is held from then on.
 * @param doc The document.
 * @param assessment The assessment; its year must be set.
 * @return #ISMS_OK, #ISMS_EINVAL (also: the catalog conflict, naming the first difference),
 *         #ISMS_ENOMEM (nothing changed; the caller still owns it).
 * @since 0.1.0
 */
ISMS_EXPORT int isms_document_add_assessment(isms_document *doc, isms_assessment *assessment);

/**
 * @brief Number of imported catalogs the document holds (isms/oscal.h).
 *
 * A catalog comes into the document with an assessment held against it
 * (isms_document_add_assessment()) or from the file's `catalogs`, and stays, also when no
 * assessment uses it any more, until isms_document_remove_catalog(): the document loses
 * nothing it was given (lint reports an unused one as `doc-catalog-unused`).
 * @param doc The document, or NULL (then 0).
 * @return The number of catalogs.
 * @since 0.1.0
 */
ISMS_EXPORT size_t isms_document_catalog_count(const isms_document *doc);

/**
 * @brief Imported catalog `index`, in the order they came into the document (the order the
 *        file's `catalogs` lists them).
 * @param doc The document.
 * @param index 0 … isms_document_catalog_count() − 1.
 * @return The catalog, borrowed from the document (isms_catalog_ref() to keep it); NULL when
 *         out of range.
 * @since 0.1.0
 */
ISMS_EXPORT const isms_catalog *isms_document_catalog_at(const isms_document *doc,
                                                         size_t index);

/**
 * @brief Removes an imported catalog that no assessment is held against.
 * @param doc The document.
 * @param uuid The catalog's uuid (ASCII case does not matter).
 * @return #ISMS_OK, #ISMS_EINVAL (NULL argument; the catalog is still used: the message
 *         names the years of the assessments held against it), #ISMS_ENOTFOUND (no catalog
 *         with that uuid; the message names those there are).
 * @since 0.1.0
 */
ISMS_EXPORT int isms_document_remove_catalog(isms_document *doc, const char *uuid);

/**
 * @brief Removes and frees the assessment of a year.
 * @param doc The document.
 * @param year The year.
 * @return #ISMS_OK, #ISMS_EINVAL, #ISMS_ENOTFOUND (names the year and those there are).
 * @since 0.1.0
 */
ISMS_EXPORT int isms_document_remove_assessment(isms_document *doc, int year);

/* ---- quantitative models --------------------------------------------------------------- */

/**
 * @brief Number of risks that carry a quantitative (FAIR) model.
 * @param doc The document.
 * @return The count (0 for NULL).
 * @since 0.1.0
 */
ISMS_EXPORT size_t isms_document_model_count(const isms_document *doc);

/**
 * @brief A model by position, in the register's order of their risks.
 *
 * Takes constant time, so a loop over every model is linear. After risks were removed from
 * the register through the borrowed register (isms_register_remove()), it takes time in the
 * number of models, until the document's next change of models or of its register
 * (isms_document_set_model(), isms_document_set_register(), isms_document_set_matrix()).
 * @param[out] risk_id Receives the risk's id (borrowed); may be NULL.
 * @param doc The document.
 * @param index 0 to isms_document_model_count() − 1.
 * @return The model, borrowed; NULL when out of range.
 * @since 0.1.0
 */
ISMS_EXPORT isms_fair *isms_document_model_at(const char **risk_id, const isms_document *doc,
                                              size_t index);

/**
 * @brief The model of a risk.
 * @param doc The document.
 * @param risk_id The risk's id.
 * @return The model, borrowed; NULL when the risk has none (no error is set).
 * @since 0.1.0
 */
ISMS_EXPORT isms_fair *isms_document_model(const isms_document *doc, const char *risk_id);

/**
 * @brief Gives a risk a model, replaces its model, or removes it (model NULL).
 *
 * The document takes ownership of `model` on success and frees a replaced one. A model
 * belongs to the risk it was given to: when that risk is removed from the register, the model
 * is no longer reported and is freed at the next change, and a risk added later with the same
 * id has no model. Constant time (amortised) for models given in the register's order.
 * @param doc The document.
 * @param risk_id The id of a risk in the register.
 * @param model The model (it must pass isms_fair_check()), or NULL to remove.
 * @return #ISMS_OK, #ISMS_EINVAL (the model's check, repeated), #ISMS_ENOTFOUND (no such
 *         risk), #ISMS_ENOMEM (nothing changed).
 * @since 0.1.0
 */
ISMS_EXPORT int isms_document_set_model(isms_document *doc, const char *risk_id,
                                        isms_fair *model);

/* ---- settings -------------------------------------------------------------------------- */

/**
 * @brief The settings that calculations on the document use.
 *
 * Strings and arrays are borrowed from the document (from isms_document_settings()) or from
 * the caller (for isms_document_set_settings(), which copies them).
 * @since 0.1.0
 */
typedef struct isms_settings {
    isms_priority priority;     /**< Priority weights; `today` is ignored here (the
                                     document's date is used). */
    isms_weights compliance;    /**< Compliance weights of yes, partial and no. */
    isms_period_kind unit;      /**< Scheduling period: year, tertial, quarter or month. */
    int start_year;             /**< First year of the plan; 0: the year after the document's. */
    size_t periods;             /**< Number of periods, 1–1200 (default 3). */
    double capacity;            /**< Person-days per period, all owners; 0: unlimited. */
    const double *capacities;   /**< A capacity per period (`periods` values), or NULL. */
    const char *const *owners;  /**< Owners with a capacity of their own, or NULL. */
    const double *owner_capacity; /**< Their person-days per period. */
    size_t owner_count;         /**< Number of owners. */
    bool strict;                /**< Prerequisites strictly in earlier periods. */
    size_t iterations;          /**< Simulated years of the quantitative models (10000). */
    uint64_t seed;              /**< Seed of the simulation (1); at most INT64_MAX, the largest
                                     whole number a JSON document carries exactly. */
} isms_settings;

/**
 * @brief The default settings: isms_priority_default(), isms_weights_default(), yearly
 *        periods, three of them starting the year after the document's, unlimited capacity,
 *        10000 iterations, seed 1.
 * @return The settings.
 * @since 0.1.0
 */
ISMS_EXPORT isms_settings isms_settings_default(void);

/**
 * @brief The document's settings.
 * @param[out] out Receives them; arrays and strings are borrowed from the document until its
 *                 settings are set again.
 * @param doc The document.
 * @return #ISMS_OK, #ISMS_EINVAL.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_document_settings(isms_settings *out, const isms_document *doc);

/**
 * @brief Sets the settings (arrays and strings copied; they may be the document's own, as
 *        isms_document_settings() gave them).
 * @param doc The document.
 * @param settings The settings; checked as isms_plan_schedule() checks its options, but for
 *                 periods that run past the year 9999, which isms_plan_schedule() refuses
 *                 when the schedule is made (a document of 9998 has its default three
 *                 yearly periods from 9999 and must load again once saved).
 * @return #ISMS_OK, #ISMS_EINVAL (also for an owner's name that is not UTF-8: "the setting
 *         schedule.owners: owner I: not UTF-8 at byte N (0xHH)"), #ISMS_ERANGE (names the
 *         setting), #ISMS_ENOMEM (nothing changed).
 * @since 0.1.0
 */
ISMS_EXPORT int isms_document_set_settings(isms_document *doc, const isms_settings *settings);

/**
 * @brief Schedule options for the document's plan, from its settings and date.
 * @param[out] out Receives the options; arrays are borrowed from the document.
 * @param doc The document.
 * @return #ISMS_OK, #ISMS_EINVAL, #ISMS_ERANGE (the plan would start after 9999).
 * @since 0.1.0
 */
ISMS_EXPORT int isms_document_schedule_options(isms_schedule_options *out,
                                               const isms_document *doc);

/* ---- calculations ---------------------------------------------------------------------- */

/**
 * @brief Runs every lint on the document.
 *
 * The register's, the latest assessment's (with the document's date), the inventory's and
 * the plan's lints, and the document's own checks: `doc-model-invalid` (error: a model that
 * no longer passes its check), `doc-assessment-edition` (info: two consecutive years
 * assessed against different editions or catalogs; comparison needs
 * isms_assessment_convert(), and there is no mapping to or from an imported catalog),
 * `doc-catalog-unused` (info: an imported catalog no assessment is held against),
 * `doc-no-date` (info: no reference date, so 31 December of the year is used).
 * Findings are in the list's language.
 * @param out The list that receives the findings (appended).
 * @param doc The document; not changed (the inventory's classification is computed into it
 *            when stale, which is why it is not const).
 * @return #ISMS_OK, #ISMS_EINVAL, #ISMS_ENOMEM (the list is as it was: all or none).
 * @since 0.1.0
 */
ISMS_EXPORT int isms_document_lint(isms_findings *out, isms_document *doc);

/**
 * @brief Simulates the quantitative models of the document's risks with its settings.
 * @param[out] out The simulation; result `i` belongs to the risk of
 *                 isms_document_model_at(i). The caller frees it with isms_simulation_free().
 * @param doc The document.
 * @param keep_samples Keep every sample (for percentiles and the loss exceedance curve).
 * @return #ISMS_OK, #ISMS_EINVAL, #ISMS_ENOTFOUND (the document has no models),
 *         #ISMS_ENOMEM.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_document_simulate(isms_simulation **out, const isms_document *doc,
                                       bool keep_samples);

/* ---- JSON ------------------------------------------------------------------------------ */

/**
 * @brief Limits for loading.
 * @since 0.1.0
 */
typedef struct isms_load_options {
    size_t max_bytes;   /**< Largest input; 0: #ISMS_DOCUMENT_MAX_BYTES. */
    unsigned max_depth; /**< Deepest nesting; 0: #ISMS_DOCUMENT_MAX_DEPTH. */
} isms_load_options;

/**
 * @brief Reads a document from JSON text.
 *
 * Accepts exactly the format `libisms/1`. On any error nothing is returned, nothing leaks,
 * and isms_error_last() has the source, line and column and a message that begins with the
 * JSON path: `$.risks[3].likelihod: unknown key, did you mean "likelihood"?`. Errors:
 * syntax; text that is not UTF-8; unknown keys (with the nearest known key); wrong types;
 * values out of range or not in a vocabulary (naming what is allowed); duplicate ids;
 * relations between assets that do not exist; an action that is its own prerequisite; input
 * larger than the limit; nesting deeper than the limit. What the library can hold loads, so
 * that every document it saves loads again: targets and prerequisites that name nothing,
 * levels off the matrix's scales, prerequisites that form a cycle, among open actions too
 * (isms_document_lint() reports them; isms_plan_prioritise() and isms_report_write() refuse
 * to order a plan with such a cycle and name it, #ISMS_ECYCLE).
 *
 * Imported catalogs (isms/oscal.h): the key `catalogs` holds them as OSCAL catalog objects,
 * read as isms_catalog_parse_oscal() reads them (errors have paths such as
 * `$.catalogs[0].groups[1].controls[2].id`). An assessment names either an `edition` or the
 * `catalog` it is held against, by uuid, never both. A catalog that no assessment names is
 * kept (and saved again); lint reports it as `doc-catalog-unused`.
 * @param[out] out The document; the caller frees it with isms_document_free().
 * @param data The JSON bytes (need not be NUL-terminated).
 * @param len Their number.
 * @param source Name used in messages (a file name), or NULL for "<memory>".
 * @param options Limits, or NULL for the defaults.
 * @return #ISMS_OK, #ISMS_EINVAL (NULL `out`, or NULL `data` with a length),
 *         #ISMS_EPARSE (also content the core refuses: a blank context title, a target
 *         that names no id), #ISMS_ERANGE, #ISMS_EEXIST (duplicate id; two catalogs with the
 *         same uuid, ASCII case ignored), #ISMS_ENOTFOUND (a relation's asset that does not
 *         exist; an assessment's catalog uuid that `catalogs` does not hold), #ISMS_ECYCLE (an
 *         action that is its own prerequisite, which the plan cannot hold:
 *         isms_action_add_prerequisite()),
 *         #ISMS_EUNSUPPORTED (another format version), #ISMS_ENOMEM.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_document_parse(isms_document **out, const char *data, size_t len,
                                    const char *source, const isms_load_options *options);

/**
 * @brief Reads a document from a file, as isms_document_parse() does.
 * @param[out] out The document; the caller frees it with isms_document_free().
 * @param path The file; "-" reads standard input.
 * @param options Limits, or NULL for the defaults.
 * @return As isms_document_parse(), and #ISMS_EIO (names the file and the reason).
 * @since 0.1.0
 */
ISMS_EXPORT int isms_document_load(isms_document **out, const char *path,
                                   const isms_load_options *options);

/**
 * @brief Writes a document as JSON text.
 *
 * Keys in a fixed order, two-space indentation, UTF-8 without escapes beyond what JSON
 * needs, numbers exact: with 15 significant digits (trailing zeros dropped: "0.1", "1e+20"),
 * or 16 or 17 where 15 do not read back to the same value, whole numbers below 10^15 as
 * integers, a '.' as the decimal point whatever the locale; a newline at the end. Defaults
 * are written out, so the file shows what the calculations use. The imported catalogs the
 * document holds (isms_document_catalog_at(): those that came with assessments or from the
 * file, used or not) are written once each, under `catalogs` between `risks` and
 * `assessments`, in the order they came into the document; the key is left out when there
 * are none.
 * @param[out] out The text, NUL-terminated; the caller frees it with isms_free().
 * @param[out] len Its length without the NUL; may be NULL.
 * @param doc The document.
 * @return #ISMS_OK, #ISMS_EINVAL, #ISMS_ENOMEM.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_document_write(char **out, size_t *len, const isms_document *doc);

/**
 * @brief Saves a document to a file atomically: the file holds either the old or the new
 *        document, whatever happens.
 *
 * Writes a temporary file in the same directory, flushes and syncs it, gives it the old
 * file's mode and renames it over the old file. "-" writes standard output.
 * @param doc The document.
 * @param path The file.
 * @return #ISMS_OK, #ISMS_EINVAL, #ISMS_EIO (names the file and the reason; the old file is
 *         untouched), #ISMS_ENOMEM.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_document_save(const isms_document *doc, const char *path);

/* ---- CSV tables ------------------------------------------------------------------------ */

/**
 * @brief Kinds of table a document imports and exports.
 * @since 0.1.0
 */
typedef enum isms_table_kind {
    ISMS_TABLE_UNKNOWN = 0,   /**< Not known: detect it from the headers. */
    ISMS_TABLE_GAP = 1,       /**< A gap analysis ("gap"; isms_assessment_parse_csv()). */
    ISMS_TABLE_RISKS = 2,     /**< A risk register ("risks"; isms_register_parse_csv()). */
    ISMS_TABLE_ASSETS = 3,    /**< An asset inventory ("assets"; isms_inventory_parse_csv()). */
    ISMS_TABLE_RELATIONS = 4, /**< Relations between assets ("relations"). */
    ISMS_TABLE_ACTIONS = 5    /**< Improvement actions ("actions"; isms_plan_parse_csv()). */
} isms_table_kind;

/**
 * @brief The machine name of a kind: "gap", "risks", "assets", "relations", "actions".
 * @param kind The kind.
 * @return The name; "unknown" for #ISMS_TABLE_UNKNOWN and values out of range.
 * @since 0.1.0
 */
ISMS_EXPORT const char *isms_table_kind_name(isms_table_kind kind);

/**
 * @brief The label of a kind ("Gapanalys" / "Gap analysis").
 * @param kind The kind.
 * @param lang The language.
 * @return The label; "" for values out of range.
 * @since 0.1.0
 */
ISMS_EXPORT const char *isms_table_kind_label(isms_table_kind kind, isms_lang lang);

/**
 * @brief Reads a kind from its name or either label, in any case ("gap", "Riskregister").
 * @param[out] out The kind.
 * @param text The text. Must be UTF-8.
 * @return #ISMS_OK, #ISMS_EINVAL, #ISMS_EPARSE (lists the names). #ISMS_EINVAL for text that is not
 *         UTF-8: "table kind: not UTF-8 at byte N (0xHH)" names the first bad byte (N from 1);
 *         nothing is written.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_table_kind_parse(isms_table_kind *out, const char *text);

/**
 * @brief Recognises the kind of a CSV table from its header row.
 *
 * Each kind has headers only it uses (gap: `Nuläge`/`Status` with `ISO`/`Krav`; risks:
 * `Sannolikhet`, `Riskvärde`; assets: `Konfidentialitet`, `Typ`; relations: `Från`, `Till`,
 * `Relation`; actions: `Åtgärd-id`, `Insats`, `Förutsättningar`). The kind whose headers
 * fit clearly best wins.
 * @param[out] out The kind.
 * @param data The CSV bytes (any encoding and separator the importers accept).
 * @param len Their number.
 * @return #ISMS_OK; #ISMS_EPARSE when no header row is recognised, or when two kinds fit
 *         equally well (the message names both and says to give the kind); #ISMS_EINVAL,
 *         #ISMS_ERANGE (input too large), #ISMS_ENOMEM.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_table_detect(isms_table_kind *out, const char *data, size_t len);

/**
 * @brief Imports a CSV table into a document.
 *
 * A gap table becomes the assessment of `year` (replacing one of that year), read against
 * the imported catalog of that year's assessment when it is held against one; for a year
 * without an assessment, against the latest assessment's imported catalog only when the
 * table fits it (no title row names a built-in edition, and more than half of the rows with
 * a reference find it there), else with its edition inferred, as an ISO/IEC 27001 table
 * (isms_assessment_parse_csv_catalog()); a risk
 * register replaces the register's risks, scored on the document's matrix; an inventory
 * replaces the assets (on the document's scheme and floors) and drops relations whose ends
 * are gone (each dropped relation is a `doc-relation-dropped` note, a warning); relations
 * replace the relations; actions replace the plan's actions. On any error the document and
 * the notes are unchanged.
 * @param[out] kind Receives the kind imported; may be NULL.
 * @param doc The document.
 * @param data The CSV bytes.
 * @param len Their number.
 * @param source Name used in messages, or NULL.
 * @param want The kind, or #ISMS_TABLE_UNKNOWN to detect it.
 * @param year For gap tables: the assessment's year; 0 for the document's year.
 * @param notes Optional list that receives the importer's notes.
 * @return #ISMS_OK, or any error of isms_table_detect() and the importer (with line and
 *         column), #ISMS_ENOMEM.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_document_import_csv(isms_table_kind *kind, isms_document *doc,
                                         const char *data, size_t len, const char *source,
                                         isms_table_kind want, int year, isms_findings *notes);

/**
 * @brief Writes one table of a document as CSV.
 * @param[out] out The text; the caller frees it with isms_free().
 * @param[out] len Its length; may be NULL.
 * @param doc The document.
 * @param kind The table (not #ISMS_TABLE_UNKNOWN).
 * @param year For gap tables: the assessment's year; 0 for the latest.
 * @param lang Language of the headers and vocabulary.
 * @param flags #isms_csv_flags.
 * @return #ISMS_OK, #ISMS_EINVAL, #ISMS_ENOTFOUND (no assessment of that year), #ISMS_ENOMEM.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_document_export_csv(char **out, size_t *len, const isms_document *doc,
                                         isms_table_kind kind, int year, isms_lang lang,
                                         unsigned flags);

/** @} */

#ifdef __cplusplus
}
#endif

#endif
