/**
 * @file isms/report.h
 * @brief The management review (ledningens genomgång) of an ISMS document (report layer).
 *
 * One call writes the yearly review from a document, in Swedish or English, as Markdown,
 * self-contained HTML (inline CSS and SVG, no network access, prints on A4), plain text for
 * a terminal, or a JSON summary of the same figures for other systems. The sections:
 *
 * 1. Title block: organisation, unit, title (the document's; "Ledningens genomgång 2024" or
 *    "Management review 2024" when it has none or only white space), year, date, author,
 *    scope.
 * 2. Summary with key figures: risks per band (inherent and residual), compliance this year
 *    against last year (the change is the difference of the percentages as shown),
 *    classification coverage, overdue items, findings per severity.
 * 3. What affects the ISMS: the document's context items.
 * 4. Risks sorted by value, with heat maps (SVG in HTML) of inherent and residual risk.
 * 5. The gap analysis per chapter, with a compliance bar chart (SVG in HTML), and the
 *    partial or missing requirements with their plans; the Statement of Applicability.
 * 6. Classification overview: levels per aspect, personal data, reviews due.
 * 7. The prioritised improvement plan per period, recurring items included.
 * 8. Quantitative results for risks that carry a model: annual loss expectancy, percentiles
 *    and a loss exceedance curve (SVG in HTML).
 * 9. Every finding of every lint (isms_document_lint()).
 * 10. Management's decision: the document's decision text, or a section to fill in.
 *
 * Text, Markdown and HTML are formatted from one layout of the report, so they hold the same
 * words, figures, columns and rows (HTML draws the heat maps, the compliance chart and the
 * loss exceedance curve where the others show their figures as tables), in the report's
 * language, chapter names included; the JSON summary holds the same figures.
 *
 * Every piece of user text is escaped for the format: HTML entities in HTML; Markdown's
 * special characters, table pipes and line breaks in Markdown; control characters in text;
 * JSON string escapes in JSON. Output is deterministic: the same document and options give
 * the same bytes (the simulation uses the document's seed).
 */
#ifndef ISMS_REPORT_H
#define ISMS_REPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "isms/base.h"
#include "isms/document.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @defgroup report Management review
 * @brief The yearly management review (ledningens genomgång) of a document as Markdown, HTML
 *        with SVG charts, plain text or a JSON summary.
 *
 * isms/report.h describes the module in full.
 * @{
 */

/**
 * @brief Output formats of the report.
 * @since 0.1.0
 */
typedef enum isms_report_format {
    ISMS_REPORT_TEXT = 0,     /**< Plain text for a terminal: aligned tables ("text"). */
    ISMS_REPORT_MARKDOWN = 1, /**< Markdown with pipe tables ("md"). */
    ISMS_REPORT_HTML = 2,     /**< One self-contained HTML file ("html"). */
    ISMS_REPORT_JSON = 3      /**< The key figures as JSON, for other systems ("json"). */
} isms_report_format;

/**
 * @brief The name of a format: "text", "md", "html" or "json".
 * @param format The format.
 * @return The name; "" for values out of range.
 * @since 0.1.0
 */
ISMS_EXPORT const char *isms_report_format_name(isms_report_format format);

/**
 * @brief Reads a format from its name ("text", "md" or "markdown", "html", "json"), any case.
 * @param[out] out The format.
 * @param text The name. Must be UTF-8.
 * @return #ISMS_OK, #ISMS_EINVAL, #ISMS_EPARSE (lists the names). #ISMS_EINVAL for text that is not
 *         UTF-8: "report format: not UTF-8 at byte N (0xHH)" names the first bad byte (N from 1);
 *         nothing is written.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_report_format_parse(isms_report_format *out, const char *text);

/**
 * @brief Options of the report.
 * @since 0.1.0
 */
typedef struct isms_report_options {
    isms_report_format format; /**< The format (default #ISMS_REPORT_HTML). */
    isms_lang lang;            /**< The language (default: the document's). */
    bool color;                /**< Text only: colour with ANSI escapes (default false). */
    unsigned width;            /**< Text only: wrap to this many columns (default 100;
                                    40–1000). */
    bool simulate;             /**< Run the quantitative models (default true). */
} isms_report_options;

/**
 * @brief Fills options with the defaults for a document: HTML, the document's language, no
 *        colour, 100 columns, simulation on.
 * @param[out] out The options.
 * @param doc The document, or NULL for Swedish.
 * @since 0.1.0
 */
ISMS_EXPORT void isms_report_options_init(isms_report_options *out, const isms_document *doc);

/**
 * @brief Writes the management review of a document.
 *
 * The document is not const because two computations on the way store their results in it:
 * the inventory is classified (isms_inventory_classify(): every asset's effective levels and
 * their provenance are computed), and the plan is prioritised and scheduled with the
 * document's settings (isms_plan_prioritise(): every open action's score and terms are
 * updated). Neither is saved with the document, and nothing the document holds as data (text,
 * levels, statuses, dates, settings) changes.
 *
 * "This year" is the assessment of the document's year (isms_document_year()), or the latest
 * one before it when that year has none; "last year" is the assessment before that one.
 * Assessments of later years are left out.
 * @param[out] out The report, NUL-terminated UTF-8; the caller frees it with isms_free().
 * @param[out] len Its length without the NUL; may be NULL.
 * @param doc The document.
 * @param options The options, or NULL for the defaults of isms_report_options_init().
 * @return #ISMS_OK, #ISMS_EINVAL (bad options, named), #ISMS_ECYCLE (the plan's
 *         prerequisites form a cycle; the message names it), #ISMS_ENOMEM.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_report_write(char **out, size_t *len, isms_document *doc,
                                  const isms_report_options *options);

/**
 * @brief Writes the management review to a file atomically ("-": standard output).
 * @param doc The document.
 * @param path The file.
 * @param options The options, or NULL for the defaults.
 * @return As isms_report_write(), and #ISMS_EIO.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_report_save(isms_document *doc, const char *path,
                                 const isms_report_options *options);

/** @} */

#ifdef __cplusplus
}
#endif

#endif
