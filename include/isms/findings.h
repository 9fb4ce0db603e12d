/**
 * @file isms/findings.h
 * @brief Findings: what every lint and import in libisms reports.
 *
 * A finding has a severity, a stable code (documented in the README's table of finding
 * codes), the id of the item it is about, and a message in the list's language. Modules
 * append findings to a caller-owned #isms_findings list.
 */
#ifndef ISMS_FINDINGS_H
#define ISMS_FINDINGS_H

#include "isms/base.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @defgroup findings Findings
 * @brief The list of findings (severity, stable code, item, message) that every lint and import
 *        of the library appends to.
 *
 * isms/findings.h describes the module in full.
 * @{
 */

/**
 * @brief How serious a finding is.
 * @since 0.1.0
 */
typedef enum isms_severity {
    ISMS_SEVERITY_INFO = 0,    /**< Worth knowing; nothing is wrong (information). */
    ISMS_SEVERITY_WARNING = 1, /**< Probably wrong; look at it (varning). */
    ISMS_SEVERITY_ERROR = 2    /**< Wrong; results that depend on it are unreliable (fel). */
} isms_severity;

/**
 * @brief One finding, as read from a list with isms_findings_get().
 *
 * The strings are borrowed from the list and stay valid until the list is cleared or freed.
 * @since 0.1.0
 */
typedef struct isms_finding {
    isms_severity severity; /**< Severity. */
    const char *code;       /**< Stable code such as "risk-value-mismatch"; never NULL. */
    const char *ref;        /**< Id of the item concerned; "" when it concerns no item. */
    const char *message;    /**< Message in the list's language; never NULL. */
} isms_finding;

/**
 * @brief An ordered, growable list of findings (opaque).
 * @since 0.1.0
 */
typedef struct isms_findings isms_findings;

/**
 * @brief Creates an empty findings list.
 * @param[out] out The new list; the caller owns it and frees it with isms_findings_free().
 * @param lang The language in which modules write their messages into this list.
 * @return #ISMS_OK, #ISMS_EINVAL (NULL `out` or unknown language), #ISMS_ENOMEM.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_findings_new(isms_findings **out, isms_lang lang);

/**
 * @brief Frees a findings list and every string in it.
 * @param list The list, or NULL (then nothing happens).
 * @since 0.1.0
 */
ISMS_EXPORT void isms_findings_free(isms_findings *list);

/**
 * @brief The language in which messages are written to this list.
 * @param list A list (not NULL).
 * @return The list's language; #ISMS_LANG_SV for a NULL list.
 * @since 0.1.0
 */
ISMS_EXPORT isms_lang isms_findings_lang(const isms_findings *list);

/**
 * @brief Number of findings in the list.
 * @param list A list, or NULL (then 0).
 * @return The number of findings.
 * @since 0.1.0
 */
ISMS_EXPORT size_t isms_findings_count(const isms_findings *list);

/**
 * @brief Number of findings of one severity.
 * @param list A list, or NULL (then 0).
 * @param severity The severity to count.
 * @return The number of findings of that severity.
 * @since 0.1.0
 */
ISMS_EXPORT size_t isms_findings_count_severity(const isms_findings *list,
                                                isms_severity severity);

/**
 * @brief Reads the finding at an index (0-based, in the order they were added).
 * @param[out] out Filled with borrowed strings, valid until the list is cleared or freed.
 * @param list The list.
 * @param index Index below isms_findings_count().
 * @return #ISMS_OK, #ISMS_EINVAL for NULL arguments, #ISMS_ERANGE for a bad index.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_findings_get(isms_finding *out, const isms_findings *list, size_t index);

/**
 * @brief Appends a finding; the strings are copied.
 * @param list The list.
 * @param severity Severity.
 * @param code Stable code (non-empty). Must be UTF-8.
 * @param ref Id of the item concerned, or NULL for none (stored as ""). Must be UTF-8.
 * @param message The message (non-empty), already in the list's language. Must be UTF-8.
 * @return #ISMS_OK, #ISMS_EINVAL, #ISMS_ENOMEM (the list is unchanged). #ISMS_EINVAL for text that
 *         is not UTF-8: "code: not UTF-8 at byte N (0xHH)" (or ref or message) names the first bad
 *         byte (N from 1); nothing is changed.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_findings_add(isms_findings *list, isms_severity severity, const char *code,
                                  const char *ref, const char *message);

/**
 * @brief Removes every finding; the language is kept.
 * @param list A list, or NULL (then nothing happens).
 * @since 0.1.0
 */
ISMS_EXPORT void isms_findings_clear(isms_findings *list);

/**
 * @brief The label of a severity: "information", "varning", "fel" / "info", "warning", "error".
 * @param severity The severity.
 * @param lang The language of the label.
 * @return A static string, or NULL for values outside #isms_severity or #isms_lang.
 * @since 0.1.0
 */
ISMS_EXPORT const char *isms_severity_label(isms_severity severity, isms_lang lang);

/**
 * @brief Parses a severity label in Swedish or English (case-insensitive).
 * @param[out] out The severity.
 * @param text The label. Must be UTF-8.
 * @return #ISMS_OK, #ISMS_EINVAL for NULL arguments, #ISMS_EPARSE for unknown text. #ISMS_EINVAL
 *         for text that is not UTF-8: "severity: not UTF-8 at byte N (0xHH)" names the first bad
 *         byte (N from 1); nothing is written.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_severity_parse(isms_severity *out, const char *text);

/** @} */

#ifdef __cplusplus
}
#endif

#endif
