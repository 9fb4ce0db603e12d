/**
 * @file isms/cvss.h
 * @brief CVSS v3.0, v3.1 and v4.0 vectors: strict parsing, scoring, canonical form (methods).
 *
 * isms_cvss_parse() reads a vector string such as
 * `CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H` or
 * `CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U` into a #isms_cvss:
 * a plain value that keeps every metric of the vector and carries its scores.
 *
 * - **v3.0 and v3.1**: the Base, Temporal and Environmental scores of the FIRST
 *   specifications, with the Roundup function of v3.1 (appendix A; it is also used for v3.0,
 *   where it gives the same results as exact decimal arithmetic). v3.0 differs from v3.1
 *   only in the modified impact of a changed scope.
 * - **v4.0**: the MacroVector method of the specification over Base, Threat and
 *   Environmental metrics; Supplemental metrics are kept but never change the score. The
 *   interpolated score is rounded half up *exactly* (in integer arithmetic). FIRST's web
 *   calculator computes in binary floating point without a correction, so it shows 0.1 less
 *   on vectors whose exact value lies on a rounding tie (x.x5): 522 of the 104,976 base
 *   vectors, in the MacroVectors 111200, 112101 and 101100, for example
 *   `CVSS:4.0/AV:L/AC:L/AT:P/PR:N/UI:A/VC:L/VI:H/VA:N/SC:N/SI:N/SA:N` (exact 5.65, so 5.7;
 *   FIRST 5.6). libisms gives 5.7, as Red Hat's reference library does.
 *
 * Parsing is strict, as the specifications and FIRST's JSON schemas define vectors: the
 * prefix `CVSS:3.0/`, `CVSS:3.1/` or `CVSS:4.0/`, then `Metric:Value` pairs separated by `/`,
 * case-sensitive, no white space, no empty field, no trailing `/`, every metric at most once,
 * every mandatory (Base) metric present. v3.x allows any order of the metrics (the v3.1
 * specification says so); v4.0 requires the canonical order (FIRST's schema does). A vector
 * that breaks a rule gives #ISMS_EPARSE, and isms_error_last() names the metric and its
 * position: the column is the 1-based byte offset where the metric starts.
 *
 * Optional metrics that are absent are Not Defined (`X`), exactly as if `X` was written.
 * isms_cvss_format() writes the canonical form: the metrics in the specification's order,
 * Not Defined ones left out.
 *
 * Everything here is pure computation on values: no allocation, no global state,
 * thread-safe.
 */
#ifndef ISMS_CVSS_H
#define ISMS_CVSS_H

#include <stdbool.h>
#include <stddef.h>

#include "isms/base.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @defgroup cvss CVSS
 * @brief CVSS v3.0, v3.1 and v4.0 vectors: strict parsing, scores, severity ratings and the
 *        canonical form.
 *
 * isms/cvss.h describes the module in full.
 * @{
 */

/** Most metrics a version has (v4.0: 32). @since 0.1.0 */
#define ISMS_CVSS_METRICS_MAX 32
/** A buffer of this many bytes holds the canonical form of every vector. @since 0.1.0 */
#define ISMS_CVSS_VECTOR_MAX 192
/** The v3.x-only scores of a v4.0 vector: there is no such score. @since 0.1.0 */
#define ISMS_CVSS_NO_SCORE (-1.0)

/** The vector gives Base metrics (always). @since 0.1.0 */
#define ISMS_CVSS_PART_BASE 1u
/** The vector gives a Threat (v4.0) or Temporal (v3.x) metric other than X. @since 0.1.0 */
#define ISMS_CVSS_PART_THREAT 2u
/** The vector gives an Environmental metric other than X. @since 0.1.0 */
#define ISMS_CVSS_PART_ENVIRONMENTAL 4u
/** The vector gives a Supplemental metric other than X (v4.0 only). @since 0.1.0 */
#define ISMS_CVSS_PART_SUPPLEMENTAL 8u

/**
 * @brief The CVSS versions.
 * @since 0.1.0
 */
typedef enum isms_cvss_version {
    ISMS_CVSS_V3_0 = 0, /**< CVSS v3.0 (`CVSS:3.0/`). */
    ISMS_CVSS_V3_1 = 1, /**< CVSS v3.1 (`CVSS:3.1/`). */
    ISMS_CVSS_V4_0 = 2  /**< CVSS v4.0 (`CVSS:4.0/`). */
} isms_cvss_version;

/**
 * @brief The qualitative severity rating of a score (the same scale in all versions).
 * @since 0.1.0
 */
typedef enum isms_cvss_severity {
    ISMS_CVSS_SEVERITY_NONE = 0,     /**< 0.0 (Ingen / None). */
    ISMS_CVSS_SEVERITY_LOW = 1,      /**< 0.1–3.9 (Låg / Low). */
    ISMS_CVSS_SEVERITY_MEDIUM = 2,   /**< 4.0–6.9 (Medel / Medium). */
    ISMS_CVSS_SEVERITY_HIGH = 3,     /**< 7.0–8.9 (Hög / High). */
    ISMS_CVSS_SEVERITY_CRITICAL = 4  /**< 9.0–10.0 (Kritisk / Critical). */
} isms_cvss_severity;

/**
 * @brief Which metric groups a score takes into account (the v4.0 nomenclature).
 *
 * A group counts when the vector gives at least one of its metrics with a value other
 * than X. For v3.x vectors the same rule is applied, Temporal standing for Threat.
 * @since 0.1.0
 */
typedef enum isms_cvss_nomenclature {
    ISMS_CVSS_B = 0,  /**< "CVSS-B": Base metrics only. */
    ISMS_CVSS_BT = 1, /**< "CVSS-BT": Base and Threat metrics. */
    ISMS_CVSS_BE = 2, /**< "CVSS-BE": Base and Environmental metrics. */
    ISMS_CVSS_BTE = 3 /**< "CVSS-BTE": Base, Threat and Environmental metrics. */
} isms_cvss_nomenclature;

/**
 * @brief A parsed and scored CVSS vector.
 *
 * A plain value: copy it, compare its fields, keep it in your own structures. Scores are
 * the doubles nearest to one-decimal numbers (print them with `%.1f`).
 * @since 0.1.0
 */
typedef struct isms_cvss {
    isms_cvss_version version; /**< The version of the vector. */
    /** The score that takes every given metric into account, and the one to report:
     *  v4.0: the score; v3.x: the Environmental score when an Environmental metric is given,
     *  else the Temporal score when a Temporal metric is given, else the Base score. */
    double score;
    isms_cvss_severity severity; /**< The severity rating of `score`. */
    double base;          /**< v3.x Base score; #ISMS_CVSS_NO_SCORE for v4.0. */
    double temporal;      /**< v3.x Temporal score; #ISMS_CVSS_NO_SCORE for v4.0. */
    /** v3.x Environmental score; #ISMS_CVSS_NO_SCORE for v4.0. It is computed even when no
     *  Environmental metric is given and may then differ from the Base score (a quirk of the
     *  v3.x formulas for a changed scope). */
    double environmental;
    isms_cvss_nomenclature nomenclature; /**< The metric groups given (see the enum). */
    unsigned parts;       /**< The `ISMS_CVSS_PART_*` flags of the groups given. */
    char macrovector[8];  /**< v4.0: the MacroVector ("000200"); "" for v3.x. */
    /** The metrics, in the canonical order of the version: 1 + the index of the value in
     *  the metric's list of values, 0 when the metric was not given. Read them with
     *  isms_cvss_metric(); the coding is not part of the API. */
    unsigned char values[ISMS_CVSS_METRICS_MAX];
} isms_cvss;

/**
 * @brief Parses a CVSS v3.0, v3.1 or v4.0 vector and scores it.
 *
 * The rules are those of the file comment. Errors name the metric and its position, for
 * example `CVSS:3.1/AV:N/AC:X/PR:N/UI:N/S:U/C:H/I:H/A:H: metric AC at position 15 has
 * unknown value "X" (expected L or H)`, with the error's column set to the position (line 1).
 * @param[out] out The vector and its scores; written only on success.
 * @param vector The vector string (NUL-terminated). Must be UTF-8.
 * @return #ISMS_OK, #ISMS_EINVAL (NULL argument), #ISMS_EPARSE (wrong or unsupported prefix,
 *         empty field, a field that is not `Metric:Value`, unknown metric, duplicate metric,
 *         v4.0 metric out of order, unknown or missing value, missing mandatory metric).
 *         #ISMS_EINVAL for text that is not UTF-8: "vector: not UTF-8 at byte N (0xHH)" names the
 *         first bad byte (N from 1); nothing is written.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_cvss_parse(isms_cvss *out, const char *vector);

/**
 * @brief Writes the canonical vector string: the prefix, then the metrics in the
 *        specification's order, leaving out those that are not given or X.
 *
 * isms_cvss_parse() of the result gives the same scores and metric values (X and absent
 * being the same).
 * @param buf Buffer; #ISMS_CVSS_VECTOR_MAX bytes are always enough.
 * @param size Its size.
 * @param cvss A vector from isms_cvss_parse().
 * @return #ISMS_OK, #ISMS_EINVAL (NULL argument, buffer too small, or a value that is no
 *         parsed vector: unknown version, a metric value out of range, a mandatory metric
 *         missing).
 * @since 0.1.0
 */
ISMS_EXPORT int isms_cvss_format(char *buf, size_t size, const isms_cvss *cvss);

/**
 * @brief Reads the value of one metric.
 * @param[out] value The value as written in vectors ("N", "Clear"); "X" for an optional
 *             metric that was not given. A static string.
 * @param cvss A parsed vector.
 * @param metric The metric's abbreviation, case-sensitive ("AV", "MSI", "U"). `S` is Scope
 *               in v3.x and Safety in v4.0.
 * @return #ISMS_OK, #ISMS_EINVAL (NULL argument or no parsed vector), #ISMS_ENOTFOUND (no such
 *         metric in the vector's version).
 * @since 0.1.0
 */
ISMS_EXPORT int isms_cvss_metric(const char **value, const isms_cvss *cvss, const char *metric);

/**
 * @brief Number of metrics of a version (v3.0 and v3.1: 22, v4.0: 32).
 * @param version The version.
 * @return The count, or 0 for a value outside #isms_cvss_version.
 * @since 0.1.0
 */
ISMS_EXPORT size_t isms_cvss_metric_count(isms_cvss_version version);

/**
 * @brief The abbreviation of a metric, in the canonical order of its version ("AV", "AC", …).
 * @param version The version.
 * @param index 0-based index below isms_cvss_metric_count().
 * @return A static string, or NULL when there is no such metric.
 * @since 0.1.0
 */
ISMS_EXPORT const char *isms_cvss_metric_name(isms_cvss_version version, size_t index);

/**
 * @brief The score of a vector on the scale 0–1: `cvss->score` / 10.
 * @param cvss A parsed vector.
 * @return A value in [0, 1], or 0 for NULL.
 * @since 0.1.0
 */
ISMS_EXPORT double isms_cvss_normalized(const isms_cvss *cvss);

/**
 * @brief The severity rating of a score: None 0.0, Low 0.1–3.9, Medium 4.0–6.9,
 *        High 7.0–8.9, Critical 9.0–10.0.
 * @param score A score; it is first rounded half up to one decimal, so 3.95 is Medium.
 *              Scores below 0 (and NaN) are None, scores above 10 Critical.
 * @return The severity rating.
 * @since 0.1.0
 */
ISMS_EXPORT isms_cvss_severity isms_cvss_severity_of(double score);

/**
 * @brief The label of a severity rating: "Ingen", "Låg", "Medel", "Hög", "Kritisk" /
 *        "None", "Low", "Medium", "High", "Critical".
 * @param severity The rating.
 * @param lang The language.
 * @return A static string, or NULL for values outside #isms_cvss_severity or #isms_lang.
 * @since 0.1.0
 */
ISMS_EXPORT const char *isms_cvss_severity_label(isms_cvss_severity severity, isms_lang lang);

/**
 * @brief The machine name of a severity rating: "none", "low", "medium", "high", "critical".
 * @param severity The rating.
 * @return A static string, or NULL for values outside #isms_cvss_severity.
 * @since 0.1.0
 */
ISMS_EXPORT const char *isms_cvss_severity_name(isms_cvss_severity severity);

/**
 * @brief Parses a severity rating by its Swedish or English label, case-insensitively
 *        ("Hög", "HÖG", "high", "kritisk").
 * @param[out] out The rating.
 * @param text The label. Must be UTF-8.
 * @return #ISMS_OK, #ISMS_EINVAL (NULL argument), #ISMS_EPARSE (unknown text). #ISMS_EINVAL for
 *         text that is not UTF-8: "severity: not UTF-8 at byte N (0xHH)" names the first bad byte
 *         (N from 1); nothing is written.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_cvss_severity_parse(isms_cvss_severity *out, const char *text);

/**
 * @brief The name of a nomenclature: "CVSS-B", "CVSS-BT", "CVSS-BE", "CVSS-BTE".
 * @param nomenclature The nomenclature.
 * @return A static string, or NULL for values outside #isms_cvss_nomenclature.
 * @since 0.1.0
 */
ISMS_EXPORT const char *isms_cvss_nomenclature_name(isms_cvss_nomenclature nomenclature);

/**
 * @brief The number of a version as written in vectors: "3.0", "3.1", "4.0".
 * @param version The version.
 * @return A static string, or NULL for values outside #isms_cvss_version.
 * @since 0.1.0
 */
ISMS_EXPORT const char *isms_cvss_version_name(isms_cvss_version version);

/** @} */

#ifdef __cplusplus
}
#endif

#endif
