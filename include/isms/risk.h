/**
 * @file isms/risk.h
 * @brief Risk scoring: scales, matrices, bands, risks, registers, residual risk, lint.
 *
 * A **matrix** combines a likelihood scale and a consequence scale into a value (by product,
 * sum, maximum, or a custom grid), sorts values into **bands** (named risk levels with
 * colours), and knows the **acceptance threshold**. Matrices are immutable once built and
 * reference-counted, so one matrix can be shared by many registers and threads.
 *
 * A **register** holds **risks** in insertion order, each scored on the register's matrix
 * before (inherent) and after treatment (residual).
 *
 * Level values that were never given are #ISMS_LEVEL_UNSET; a risk with unset levels has no
 * value. Levels outside the matrix's scales are kept as given (so that imported data is not
 * lost), give no score, and are reported by isms_register_lint().
 *
 * A risk may also carry the **vector** of another rating method (CVSS, OWASP Risk Rating,
 * DREAD; isms_risk_set_vector()). Its normalised value then stands for the risk's inherent
 * value wherever risks of different methods are compared (isms_risk_normalized()); the
 * matrix levels stay as they are and keep giving the matrix value, band and heat map.
 * isms/rating.h describes how each method's value maps onto the matrix's bands.
 */
#ifndef ISMS_RISK_H
#define ISMS_RISK_H

#include "isms/base.h"
#include "isms/findings.h"
#include "isms/rating.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @defgroup risk Risk register and matrices
 * @brief Likelihood and consequence scales, risk matrices with bands and an acceptance threshold,
 *        the risk register with inherent and residual risk, lint.
 *
 * isms/risk.h describes the module in full.
 * @{
 */

/** Fewest levels a scale may have. @since 0.1.0 */
#define ISMS_SCALE_MIN_LEVELS 3
/** Most levels a scale may have. @since 0.1.0 */
#define ISMS_SCALE_MAX_LEVELS 10
/** Smallest numeric value of a scale level. @since 0.1.0 */
#define ISMS_LEVEL_VALUE_MIN 0
/** Largest numeric value of a scale level. @since 0.1.0 */
#define ISMS_LEVEL_VALUE_MAX 100
/** Marks a level (or a stated value) that was not given. @since 0.1.0 */
#define ISMS_LEVEL_UNSET (-2147483647 - 1)
/** Marks a risk value that does not exist (unset or out-of-scale levels). @since 0.1.0 */
#define ISMS_VALUE_UNSET ISMS_LEVEL_UNSET
/** Largest magnitude of a custom grid value. @since 0.1.0 */
#define ISMS_GRID_VALUE_MAX 1000000

/**
 * @brief The two axes of a risk matrix.
 * @since 0.1.0
 */
typedef enum isms_axis {
    ISMS_AXIS_LIKELIHOOD = 0, /**< Likelihood (sannolikhet). */
    ISMS_AXIS_CONSEQUENCE = 1 /**< Consequence or impact (konsekvens). */
} isms_axis;

/**
 * @brief How a matrix turns a likelihood and a consequence into a value.
 * @since 0.1.0
 */
typedef enum isms_formula {
    ISMS_FORMULA_PRODUCT = 0, /**< likelihood × consequence (the organisation's method). */
    ISMS_FORMULA_SUM = 1,     /**< likelihood + consequence. */
    ISMS_FORMULA_MAX = 2,     /**< the larger of the two. */
    ISMS_FORMULA_GRID = 3     /**< a value per cell, given by isms_matrix_builder_set_grid(). */
} isms_formula;

/**
 * @brief Which value of a risk: before or after treatment.
 * @since 0.1.0
 */
typedef enum isms_which {
    ISMS_INHERENT = 0, /**< Before treatment (inneboende risk). */
    ISMS_RESIDUAL = 1  /**< After treatment (restrisk). */
} isms_which;

/**
 * @brief One level of a scale, as read with isms_matrix_level().
 *
 * Strings are borrowed from the matrix and live as long as it does.
 * @since 0.1.0
 */
typedef struct isms_level {
    int value;               /**< Numeric value used by the formula (1–4 on the 4x4 scale). */
    const char *label_sv;    /**< Swedish label ("Sannolik"). */
    const char *label_en;    /**< English label ("Likely"). */
    const char *description; /**< Optional description; "" when none. */
} isms_level;

/**
 * @brief A band: a named risk level covering a range of values.
 *
 * Strings are borrowed from the matrix and live as long as it does.
 * @since 0.1.0
 */
typedef struct isms_band {
    const char *name;     /**< Stable machine name ("low", "medium", "high", "very-high"). */
    int min_value;        /**< Lowest value in the band (inclusive). */
    int max_value;        /**< Highest value in the band (inclusive). */
    const char *color;    /**< Colour as "#rrggbb". */
    const char *label_sv; /**< Swedish label ("Hög"). */
    const char *label_en; /**< English label ("High"). */
} isms_band;

/**
 * @brief The score of one likelihood/consequence pair on a matrix.
 * @since 0.1.0
 */
typedef struct isms_score {
    int value;         /**< The matrix value (1–16 on "4x4"). */
    int band;          /**< Index of the band holding the value (see isms_matrix_band()). */
    double normalized; /**< (value − min) / (max − min) over the matrix's values, in [0, 1]. */
} isms_score;

/**
 * @brief A risk matrix (opaque, immutable, reference-counted).
 * @since 0.1.0
 */
typedef struct isms_matrix isms_matrix;

/**
 * @brief Collects the parts of a custom matrix until isms_matrix_builder_build() (opaque).
 * @since 0.1.0
 */
typedef struct isms_matrix_builder isms_matrix_builder;

/**
 * @brief Creates one of the built-in matrices.
 *
 * - `"4x4"`: the organisation's matrix and the default of every register. Likelihood and
 *   consequence 1–4, value = product (1–16). Bands: low 1–3, medium 4–7, high 8–11,
 *   very-high 12–16. Acceptance threshold 3 (low risks may be retained).
 * - `"5x5"`: 1–5 each, product 1–25. Bands: low 1–4, medium 5–9, high 10–16, very-high
 *   17–25. Acceptance threshold 4.
 * - `"3x3"`: 1–3 each, product 1–9. Bands: low 1–2, medium 3–5, high 6–9. Acceptance 2.
 *
 * @param[out] out The matrix; the caller owns one reference (release with isms_matrix_free()).
 * @param name Preset name, case-insensitive ("4x4", "5x5", "3x3"). Must be UTF-8.
 * @return #ISMS_OK, #ISMS_EINVAL (NULL argument), #ISMS_ENOTFOUND (unknown name),
 *         #ISMS_ENOMEM. #ISMS_EINVAL for text that is not UTF-8: "name: not UTF-8 at byte N (0xHH)"
 *         names the first bad byte (N from 1); nothing is written.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_matrix_preset(isms_matrix **out, const char *name);

/**
 * @brief Takes another reference to a matrix.
 * @param matrix A matrix, or NULL.
 * @return `matrix`; the caller owns the new reference and releases it with isms_matrix_free().
 * @since 0.1.0
 */
ISMS_EXPORT isms_matrix *isms_matrix_ref(isms_matrix *matrix);

/**
 * @brief Releases one reference; the matrix is freed when the last one goes.
 * @param matrix A matrix, or NULL (then nothing happens).
 * @since 0.1.0
 */
ISMS_EXPORT void isms_matrix_free(isms_matrix *matrix);

/**
 * @brief The matrix's name ("4x4" for the preset, the builder's name otherwise).
 * @param matrix The matrix.
 * @return A string borrowed from the matrix.
 * @since 0.1.0
 */
ISMS_EXPORT const char *isms_matrix_name(const isms_matrix *matrix);

/**
 * @brief The formula of the matrix.
 * @param matrix The matrix.
 * @return The formula; #ISMS_FORMULA_PRODUCT for NULL.
 * @since 0.1.0
 */
ISMS_EXPORT isms_formula isms_matrix_formula(const isms_matrix *matrix);

/**
 * @brief Number of levels on an axis (3–10).
 * @param matrix The matrix, or NULL.
 * @param axis The axis.
 * @return The count, or 0 for a NULL matrix or an unknown axis.
 * @since 0.1.0
 */
ISMS_EXPORT size_t isms_matrix_level_count(const isms_matrix *matrix, isms_axis axis);

/**
 * @brief Reads one level of an axis, lowest first.
 * @param[out] out Filled with strings borrowed from the matrix.
 * @param matrix The matrix.
 * @param axis The axis.
 * @param index 0-based index below isms_matrix_level_count().
 * @return #ISMS_OK, #ISMS_EINVAL, #ISMS_ERANGE (index too large).
 * @since 0.1.0
 */
ISMS_EXPORT int isms_matrix_level(isms_level *out, const isms_matrix *matrix, isms_axis axis,
                                  size_t index);

/**
 * @brief Finds the level value that text names: a number ("3") or a Swedish or English
 *        label ("Sannolik", "likely"), case-insensitively.
 * @param[out] value The level's numeric value.
 * @param matrix The matrix.
 * @param axis The axis whose scale is searched.
 * @param text The text. Must be UTF-8.
 * @return #ISMS_OK, #ISMS_EINVAL, #ISMS_ERANGE (a number that is not a level of the scale),
 *         #ISMS_EPARSE (neither a number nor a label). #ISMS_EINVAL for text that is not UTF-8:
 *         "level: not UTF-8 at byte N (0xHH)" names the first bad byte (N from 1); nothing is
 *         written.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_matrix_parse_level(int *value, const isms_matrix *matrix, isms_axis axis,
                                        const char *text);

/**
 * @brief Number of bands (at least 1).
 * @param matrix The matrix, or NULL.
 * @return The number of bands; 0 for NULL.
 * @since 0.1.0
 */
ISMS_EXPORT size_t isms_matrix_band_count(const isms_matrix *matrix);

/**
 * @brief Reads one band, lowest values first.
 * @param[out] out Filled with strings borrowed from the matrix.
 * @param matrix The matrix.
 * @param index 0-based index below isms_matrix_band_count().
 * @return #ISMS_OK, #ISMS_EINVAL, #ISMS_ERANGE.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_matrix_band(isms_band *out, const isms_matrix *matrix, size_t index);

/**
 * @brief Finds a band by its name or its Swedish or English label (case-insensitive).
 * @param[out] index The band's index.
 * @param matrix The matrix.
 * @param text Name or label ("high", "Hög", "HÖG"). Must be UTF-8.
 * @return #ISMS_OK, #ISMS_EINVAL, #ISMS_ENOTFOUND. #ISMS_EINVAL for text that is not UTF-8:
 *         "band: not UTF-8 at byte N (0xHH)" names the first bad byte (N from 1); nothing is
 *         written.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_matrix_find_band(size_t *index, const isms_matrix *matrix, const char *text);

/**
 * @brief The band index of a value.
 * @param matrix The matrix, or NULL (then -1).
 * @param value A matrix value.
 * @return The index, or -1 when no band holds the value.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_matrix_band_of(const isms_matrix *matrix, int value);

/**
 * @brief The acceptance threshold: risks with a value at or below it may be retained
 *        without treatment.
 * @param matrix The matrix.
 * @return The threshold; 0 for NULL.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_matrix_acceptance(const isms_matrix *matrix);

/**
 * @brief The smallest value any cell of the matrix has.
 * @param matrix The matrix.
 * @return The value; 0 for NULL.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_matrix_min_value(const isms_matrix *matrix);

/**
 * @brief The largest value any cell of the matrix has.
 * @param matrix The matrix.
 * @return The value; 0 for NULL.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_matrix_max_value(const isms_matrix *matrix);

/**
 * @brief Maps a value onto [0, 1]: (value − min) / (max − min), clamped.
 *
 * This puts values of different matrices, and later of other methods, on one scale.
 * @param matrix The matrix.
 * @param value A matrix value.
 * @return A number from 0 to 1; 0 for a NULL matrix.
 * @since 0.1.0
 */
ISMS_EXPORT double isms_matrix_normalize(const isms_matrix *matrix, int value);

/**
 * @brief The matrix value that a normalised value stands for, the inverse of
 *        isms_matrix_normalize(): min + n × (max − min), rounded to the nearest whole
 *        number (halves up).
 *
 * This is how a rating of another method (isms/rating.h) finds its place on the matrix:
 * on "4x4", n = 0.75 (CVSS 7.5) gives 1 + round(11.25) = 12, in the band very-high
 * (isms_matrix_band_of()). Every value from min to max lies in a band.
 * @param matrix The matrix.
 * @param normalized A value in [0, 1]; values outside are clamped, NaN counts as 0.
 * @return The value, or 0 for a NULL matrix.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_matrix_denormalize(const isms_matrix *matrix, double normalized);

/**
 * @brief Scores one likelihood/consequence pair.
 * @param[out] out The value, band and normalised score.
 * @param matrix The matrix.
 * @param likelihood A level value of the likelihood scale.
 * @param consequence A level value of the consequence scale.
 * @return #ISMS_OK, #ISMS_EINVAL, #ISMS_ERANGE (a level is not on its scale; the message
 *         names it and the scale).
 * @since 0.1.0
 */
ISMS_EXPORT int isms_matrix_score(isms_score *out, const isms_matrix *matrix, int likelihood,
                                  int consequence);

/**
 * @brief Scores many pairs in one call: `values[i]` (and `bands[i]`) from
 *        `likelihoods[i]` and `consequences[i]`.
 *
 * Every element is written. A pair with a level outside its scale gets #ISMS_VALUE_UNSET
 * and band -1; the call then returns #ISMS_ERANGE and the message names the first such
 * element by its 0-based index ("element 17: likelihood 5 is outside the scale 1–4").
 * Safe to call from many threads on one matrix.
 * @param[out] values Array of `n` values (caller-owned).
 * @param[out] bands Array of `n` band indices, or NULL when not wanted.
 * @param matrix The matrix.
 * @param likelihoods Array of `n` likelihood level values.
 * @param consequences Array of `n` consequence level values.
 * @param n Number of elements (0 is allowed).
 * @return #ISMS_OK, #ISMS_EINVAL (NULL arrays with n > 0), #ISMS_ERANGE.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_matrix_score_many(int *values, int *bands, const isms_matrix *matrix,
                                       const int *likelihoods, const int *consequences,
                                       size_t n);

/**
 * @brief Starts defining a custom matrix.
 * @param[out] out The builder; the caller frees it with isms_matrix_builder_free().
 * @param name The matrix's name (non-empty; copied). Must be UTF-8.
 * @return #ISMS_OK, #ISMS_EINVAL, #ISMS_ENOMEM. #ISMS_EINVAL for text that is not UTF-8:
 *         "name: not UTF-8 at byte N (0xHH)" names the first bad byte (N from 1); nothing is
 *         changed.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_matrix_builder_new(isms_matrix_builder **out, const char *name);

/**
 * @brief Frees a builder.
 * @param builder A builder, or NULL (then nothing happens).
 * @since 0.1.0
 */
ISMS_EXPORT void isms_matrix_builder_free(isms_matrix_builder *builder);

/**
 * @brief Appends a level to an axis; levels are added lowest first.
 * @param builder The builder.
 * @param axis The axis.
 * @param value Numeric value in [#ISMS_LEVEL_VALUE_MIN, #ISMS_LEVEL_VALUE_MAX], greater
 *              than the previous level's.
 * @param label_sv Swedish label (non-empty, unique on the axis; copied). Must be UTF-8.
 * @param label_en English label (non-empty, unique on the axis; copied). Must be UTF-8.
 * @param description Optional description, or NULL (copied). Must be UTF-8.
 * @return #ISMS_OK, #ISMS_EINVAL (empty or duplicate label, value not increasing),
 *         #ISMS_ERANGE (value out of range or more than #ISMS_SCALE_MAX_LEVELS levels),
 *         #ISMS_ENOMEM (builder unchanged). #ISMS_EINVAL for text that is not UTF-8:
 *         "label_sv: not UTF-8 at byte N (0xHH)" (or label_en or description) names the first bad
 *         byte (N from 1); nothing is changed.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_matrix_builder_add_level(isms_matrix_builder *builder, isms_axis axis,
                                              int value, const char *label_sv,
                                              const char *label_en, const char *description);

/**
 * @brief Chooses product, sum or maximum (the default is product).
 *
 * For a custom grid use isms_matrix_builder_set_grid() instead; choosing a formula after
 * it makes the builder ignore the grid.
 * @param builder The builder.
 * @param formula #ISMS_FORMULA_PRODUCT, #ISMS_FORMULA_SUM or #ISMS_FORMULA_MAX.
 * @return #ISMS_OK, #ISMS_EINVAL (NULL builder, #ISMS_FORMULA_GRID or unknown formula).
 * @since 0.1.0
 */
ISMS_EXPORT int isms_matrix_builder_set_formula(isms_matrix_builder *builder,
                                                isms_formula formula);

/**
 * @brief Gives a value per cell and selects #ISMS_FORMULA_GRID.
 * @param builder The builder.
 * @param values Row-major values: `values[l * n_consequence + c]` for the l-th likelihood
 *               level and the c-th consequence level (0-based, lowest first); copied.
 * @param n_likelihood Number of rows; must equal the likelihood level count at build time.
 * @param n_consequence Number of columns; must equal the consequence level count.
 * @return #ISMS_OK, #ISMS_EINVAL, #ISMS_ERANGE (a value beyond ±#ISMS_GRID_VALUE_MAX or a
 *         size beyond #ISMS_SCALE_MAX_LEVELS), #ISMS_ENOMEM (builder unchanged).
 * @since 0.1.0
 */
ISMS_EXPORT int isms_matrix_builder_set_grid(isms_matrix_builder *builder, const int *values,
                                             size_t n_likelihood, size_t n_consequence);

/**
 * @brief Appends a band. Bands may be added in any order.
 * @param builder The builder.
 * @param name Stable machine name (non-empty, unique; copied). Must be UTF-8.
 * @param min_value Lowest value of the band (inclusive).
 * @param max_value Highest value (inclusive, at least `min_value`).
 * @param color Colour as "#rrggbb" (copied). Must be UTF-8.
 * @param label_sv Swedish label (non-empty; copied). Must be UTF-8.
 * @param label_en English label (non-empty; copied). Must be UTF-8.
 * @return #ISMS_OK, #ISMS_EINVAL (bad colour, empty or duplicate name, min above max),
 *         #ISMS_ENOMEM (builder unchanged). #ISMS_EINVAL for text that is not UTF-8:
 *         "name: not UTF-8 at byte N (0xHH)" (or color, label_sv or label_en) names the first bad
 *         byte (N from 1); nothing is changed.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_matrix_builder_add_band(isms_matrix_builder *builder, const char *name,
                                             int min_value, int max_value, const char *color,
                                             const char *label_sv, const char *label_en);

/**
 * @brief Sets the acceptance threshold (default: the top of the lowest band).
 * @param builder The builder.
 * @param threshold The highest value that may be retained without treatment.
 * @return #ISMS_OK, #ISMS_EINVAL (NULL builder).
 * @since 0.1.0
 */
ISMS_EXPORT int isms_matrix_builder_set_acceptance(isms_matrix_builder *builder, int threshold);

/**
 * @brief Checks the definition and builds an immutable matrix from it.
 *
 * Rejects, with a message that says what is wrong: an axis with fewer than 3 levels, a grid
 * whose size differs from the scales, bands that overlap or leave a gap between them, bands
 * that do not cover every value a cell can take, a band that lies wholly outside the cells'
 * values, no band at all, and an acceptance threshold outside the matrix's values. The
 * builder is not changed and can be reused.
 * @param[out] out The matrix; the caller owns one reference (isms_matrix_free()).
 * @param builder The builder.
 * @return #ISMS_OK, #ISMS_EINVAL, #ISMS_ENOMEM.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_matrix_builder_build(isms_matrix **out, const isms_matrix_builder *builder);

/**
 * @brief ISO/IEC 27005 risk treatment options.
 * @since 0.1.0
 */
typedef enum isms_treatment {
    ISMS_TREATMENT_NONE = 0,   /**< Not decided yet. */
    ISMS_TREATMENT_MODIFY = 1, /**< Modify (reduce) the risk: "Reducera" / "Modify". */
    ISMS_TREATMENT_RETAIN = 2, /**< Retain (accept) the risk: "Acceptera" / "Retain". */
    ISMS_TREATMENT_AVOID = 3,  /**< Avoid the risk: "Undvika" / "Avoid". */
    ISMS_TREATMENT_SHARE = 4   /**< Share (transfer) the risk: "Dela" / "Share". */
} isms_treatment;

/**
 * @brief The label of a treatment option ("Reducera" / "Modify"; "" for none).
 * @param option The treatment option.
 * @param lang The language of the label.
 * @return A static string, or NULL for values outside the enumerations.
 * @since 0.1.0
 */
ISMS_EXPORT const char *isms_treatment_label(isms_treatment option, isms_lang lang);

/**
 * @brief Parses a treatment option in Swedish or English, case-insensitively.
 *
 * Accepts the labels and common synonyms (reduce, mitigate, modifiera, minska; accept,
 * behålla; undvik; transfer, överföra); empty text gives #ISMS_TREATMENT_NONE.
 * @param[out] out The option.
 * @param text The text. Must be UTF-8.
 * @return #ISMS_OK, #ISMS_EINVAL (NULL), #ISMS_EPARSE (the message lists what is accepted).
 *         #ISMS_EINVAL for text that is not UTF-8: "treatment: not UTF-8 at byte N (0xHH)" names
 *         the first bad byte (N from 1); nothing is written.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_treatment_parse(isms_treatment *out, const char *text);

/**
 * @brief Where a risk stands in its life cycle.
 * @since 0.1.0
 */
typedef enum isms_risk_status {
    ISMS_RISK_OPEN = 0,         /**< Identified, not yet handled ("Öppen" / "Open"). */
    ISMS_RISK_IN_TREATMENT = 1, /**< Treatment under way ("Under åtgärd" / "In treatment"). */
    ISMS_RISK_TREATED = 2,      /**< Treatment done ("Åtgärdad" / "Treated"). */
    ISMS_RISK_ACCEPTED = 3,     /**< Formally accepted ("Accepterad" / "Accepted"). */
    ISMS_RISK_CLOSED = 4        /**< No longer relevant ("Stängd" / "Closed"). */
} isms_risk_status;

/**
 * @brief The label of a risk status.
 * @param status The status.
 * @param lang The language of the label.
 * @return A static string, or NULL for values outside the enumerations.
 * @since 0.1.0
 */
ISMS_EXPORT const char *isms_risk_status_label(isms_risk_status status, isms_lang lang);

/**
 * @brief Parses a risk status in Swedish or English, case-insensitively (empty: open).
 * @param[out] out The status.
 * @param text The text. Must be UTF-8.
 * @return #ISMS_OK, #ISMS_EINVAL, #ISMS_EPARSE. #ISMS_EINVAL for text that is not UTF-8:
 *         "risk status: not UTF-8 at byte N (0xHH)" names the first bad byte (N from 1); nothing is
 *         written.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_risk_status_parse(isms_risk_status *out, const char *text);

/**
 * @brief A risk held by a register (opaque).
 *
 * A risk pointer is borrowed from its register and stays valid until the risk is removed or
 * the register is freed.
 * @since 0.1.0
 */
typedef struct isms_risk isms_risk;

/**
 * @brief A risk register (opaque): risks scored on one matrix.
 * @since 0.1.0
 */
typedef struct isms_register isms_register;

/**
 * @brief Creates an empty register.
 * @param[out] out The register; the caller frees it with isms_register_free().
 * @param matrix The matrix to score on, or NULL for the "4x4" preset. The register takes
 *               its own reference; the caller keeps (and still releases) its own.
 * @return #ISMS_OK, #ISMS_EINVAL, #ISMS_ENOMEM.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_register_new(isms_register **out, isms_matrix *matrix);

/**
 * @brief Frees a register and all its risks; borrowed risk pointers become invalid.
 * @param reg A register, or NULL (then nothing happens).
 * @since 0.1.0
 */
ISMS_EXPORT void isms_register_free(isms_register *reg);

/**
 * @brief The register's matrix, borrowed for the register's lifetime
 *        (take a reference with isms_matrix_ref() to keep it longer).
 * @param reg The register.
 * @return The matrix, or NULL for a NULL register.
 * @since 0.1.0
 */
ISMS_EXPORT isms_matrix *isms_register_matrix(const isms_register *reg);

/**
 * @brief Number of risks.
 * @param reg A register, or NULL (then 0).
 * @return The number of risks.
 * @since 0.1.0
 */
ISMS_EXPORT size_t isms_register_count(const isms_register *reg);

/**
 * @brief Adds a risk at the end of the register.
 *
 * Levels outside the scales are accepted and kept (isms_register_lint() reports them);
 * pass #ISMS_LEVEL_UNSET for levels not yet assessed.
 * @param[out] out The new risk, borrowed from the register; may be NULL when not wanted.
 * @param reg The register.
 * @param id Unique id (non-empty; copied). Ids compare exactly. Must be UTF-8.
 * @param title Title (copied; NULL is stored as ""). Must be UTF-8.
 * @param likelihood Likelihood level value or #ISMS_LEVEL_UNSET.
 * @param consequence Consequence level value or #ISMS_LEVEL_UNSET.
 * @return #ISMS_OK, #ISMS_EINVAL (NULL register, empty id), #ISMS_EEXIST (duplicate id),
 *         #ISMS_ENOMEM (register unchanged). #ISMS_EINVAL for text that is not UTF-8:
 *         "id: not UTF-8 at byte N (0xHH)" (or title) names the first bad byte (N from 1); nothing
 *         is changed.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_register_add(isms_risk **out, isms_register *reg, const char *id,
                                  const char *title, int likelihood, int consequence);

/**
 * @brief Finds a risk by id.
 * @param reg The register.
 * @param id The id (exact match).
 * @return The risk, borrowed from the register, or NULL when there is none (the thread's
 *         last error is then set to #ISMS_ENOTFOUND).
 * @since 0.1.0
 */
ISMS_EXPORT isms_risk *isms_register_find(const isms_register *reg, const char *id);

/**
 * @brief The risk at a position in insertion order.
 * @param reg The register.
 * @param index 0 … count − 1.
 * @return The risk, borrowed, or NULL when `index` is out of range.
 * @since 0.1.0
 */
ISMS_EXPORT isms_risk *isms_register_at(const isms_register *reg, size_t index);

/**
 * @brief Removes and frees the risk with this id; later risks move up one position.
 * @param reg The register.
 * @param id The id of the risk.
 * @return #ISMS_OK, #ISMS_EINVAL, #ISMS_ENOTFOUND.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_register_remove(isms_register *reg, const char *id);

/**
 * @brief The risks sorted by value, highest first; ties by id in natural order
 *        ("R2" before "R10"); risks without a value last, by id.
 * @param[out] out A new array of `*n` borrowed risk pointers; the caller frees the array
 *                 (not the risks) with isms_free(). NULL when the register is empty.
 * @param[out] n Number of elements.
 * @param reg The register.
 * @param which Sort by inherent or residual value.
 * @return #ISMS_OK, #ISMS_EINVAL, #ISMS_ENOMEM.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_register_sorted(isms_risk ***out, size_t *n, const isms_register *reg,
                                     isms_which which);

/**
 * @brief Counts risks per band.
 * @param[out] counts Array of `n_counts` elements; `counts[b]` receives the number of risks
 *                    whose value is in band b.
 * @param n_counts At least isms_matrix_band_count(); extra elements are set to 0.
 * @param[out] unscored Receives the number of risks without a value; may be NULL.
 * @param reg The register.
 * @param which Inherent or residual values.
 * @return #ISMS_OK, #ISMS_EINVAL (NULL, or `n_counts` too small).
 * @since 0.1.0
 */
ISMS_EXPORT int isms_register_band_counts(size_t *counts, size_t n_counts, size_t *unscored,
                                          const isms_register *reg, isms_which which);

/**
 * @brief A heat map: the number of risks in each likelihood × consequence cell.
 * @param[out] grid Row-major array: `grid[l * n_consequence + c]` for the l-th likelihood
 *                  level and the c-th consequence level (0-based, lowest first).
 * @param n_cells Number of elements of `grid`: exactly
 *                likelihood levels × consequence levels of the register's matrix.
 * @param reg The register.
 * @param which Inherent or residual levels; risks without valid levels are not counted.
 * @return #ISMS_OK, #ISMS_EINVAL (NULL or wrong size).
 * @since 0.1.0
 */
ISMS_EXPORT int isms_register_heatmap(size_t *grid, size_t n_cells, const isms_register *reg,
                                      isms_which which);

/**
 * @brief Checks the register and appends findings in the list's language.
 *
 * Codes (see the README's table): `risk-value-mismatch` (stated value differs from the
 * computed one; the message names both), `risk-level-out-of-scale`, `risk-unassessed`,
 * `risk-residual-above-inherent`, `risk-untreated` (above the acceptance threshold without
 * treatment), `risk-retained-above-acceptance`, `risk-vector-disagrees`,
 * `risk-duplicate-title`.
 *
 * Rules, per risk in register order:
 * - `risk-level-out-of-scale` (error): a set inherent or residual level that is not on its
 *   scale; one finding per such level.
 * - `risk-unassessed` (info): an inherent level is unset, or exactly one residual level is.
 * - `risk-value-mismatch` (warning): the stated value is set and differs from the inherent
 *   value; the message shows the formula ("3 × 3", "3 + 3", "max(3, 3)", or the grid cell).
 * - `risk-residual-above-inherent` (warning): residual levels given and the residual value
 *   exceeds the inherent value.
 * - `risk-untreated` (warning): inherent value above the acceptance threshold, treatment
 *   option #ISMS_TREATMENT_NONE, empty treatment text, and status not #ISMS_RISK_CLOSED.
 * - `risk-retained-above-acceptance` (warning): option #ISMS_TREATMENT_RETAIN while the
 *   residual value (the inherent one when no residual levels are given) is above the
 *   acceptance threshold and the status is neither #ISMS_RISK_ACCEPTED (a formal decision)
 *   nor #ISMS_RISK_CLOSED.
 * - `risk-vector-disagrees` (warning): the risk carries a vector and has an inherent value,
 *   and the vector's normalised value, placed on the matrix with isms_matrix_denormalize(),
 *   falls in another band than the inherent value; the message names the method, its
 *   score and severity, both values and both bands. One of the two ratings is probably out
 *   of date, or the levels were not chosen with the vector in mind.
 * - `risk-duplicate-title` (warning): the title equals an earlier risk's as
 *   isms_text_matches() compares them (case and spacing ignored; blank titles never match);
 *   reported on the later risk, naming the first one's id.
 * @param out The list to append to (caller-owned).
 * @param reg The register.
 * @return #ISMS_OK, #ISMS_EINVAL, #ISMS_ENOMEM (the list is left as it was: all findings
 *         or none are appended).
 * @since 0.1.0
 */
ISMS_EXPORT int isms_register_lint(isms_findings *out, const isms_register *reg);

/**
 * @brief The risk's id (borrowed).
 * @param risk The risk.
 * @return A string borrowed from the risk, valid while the risk is in its register; NULL for
 *         NULL.
 * @since 0.1.0
 */
ISMS_EXPORT const char *isms_risk_id(const isms_risk *risk);

/**
 * @brief The risk's title (borrowed; "" when none).
 * @param risk The risk.
 * @return A string borrowed from the risk until the title is set again.
 * @since 0.1.0
 */
ISMS_EXPORT const char *isms_risk_title(const isms_risk *risk);

/**
 * @brief Replaces the title (copied).
 * @param risk The risk.
 * @param title The new title (copied), or NULL for none. Must be UTF-8.
 * @return #ISMS_OK, #ISMS_EINVAL, #ISMS_ENOMEM (unchanged). #ISMS_EINVAL for text that is not
 *         UTF-8: "title: not UTF-8 at byte N (0xHH)" names the first bad byte (N from 1); nothing
 *         is changed.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_risk_set_title(isms_risk *risk, const char *title);

/**
 * @brief What happens if the risk occurs (borrowed; "" when none).
 * @param risk The risk.
 * @return A string borrowed from the risk until the text is set again.
 * @since 0.1.0
 */
ISMS_EXPORT const char *isms_risk_consequence_text(const isms_risk *risk);

/**
 * @brief Replaces the consequence text (copied; NULL clears).
 * @param risk The risk.
 * @param text The new text, or NULL. Must be UTF-8.
 * @return #ISMS_OK, #ISMS_EINVAL, #ISMS_ENOMEM (unchanged). #ISMS_EINVAL for text that is not
 *         UTF-8: "consequence text: not UTF-8 at byte N (0xHH)" names the first bad byte (N from
 *         1); nothing is changed.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_risk_set_consequence_text(isms_risk *risk, const char *text);

/**
 * @brief Likelihood level value, or #ISMS_LEVEL_UNSET.
 * @param risk The risk.
 * @return The level value; #ISMS_LEVEL_UNSET also for NULL.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_risk_likelihood(const isms_risk *risk);

/**
 * @brief Consequence level value, or #ISMS_LEVEL_UNSET.
 * @param risk The risk.
 * @return The level value; #ISMS_LEVEL_UNSET also for NULL.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_risk_consequence(const isms_risk *risk);

/**
 * @brief Sets the inherent likelihood and consequence and rescores the risk.
 * @param risk The risk.
 * @param likelihood A likelihood level value, or #ISMS_LEVEL_UNSET.
 * @param consequence A consequence level value, or #ISMS_LEVEL_UNSET.
 * @return #ISMS_OK, #ISMS_EINVAL (NULL risk).
 * @since 0.1.0
 */
ISMS_EXPORT int isms_risk_set_levels(isms_risk *risk, int likelihood, int consequence);

/**
 * @brief Residual likelihood after treatment, or #ISMS_LEVEL_UNSET.
 * @param risk The risk.
 * @return The level value; #ISMS_LEVEL_UNSET also for NULL.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_risk_residual_likelihood(const isms_risk *risk);

/**
 * @brief Residual consequence after treatment, or #ISMS_LEVEL_UNSET.
 * @param risk The risk.
 * @return The level value; #ISMS_LEVEL_UNSET also for NULL.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_risk_residual_consequence(const isms_risk *risk);

/**
 * @brief Sets the residual levels (#ISMS_LEVEL_UNSET for both clears them).
 *
 * With both unset the residual value is the inherent value; with only one of them set the
 * risk has no residual value (isms_risk_score() gives #ISMS_ENOTFOUND).
 * @param risk The risk.
 * @param likelihood The residual likelihood level value, or #ISMS_LEVEL_UNSET.
 * @param consequence The residual consequence level value, or #ISMS_LEVEL_UNSET.
 * @return #ISMS_OK, #ISMS_EINVAL (NULL risk).
 * @since 0.1.0
 */
ISMS_EXPORT int isms_risk_set_residual(isms_risk *risk, int likelihood, int consequence);

/**
 * @brief The value someone typed into the register, or #ISMS_VALUE_UNSET.
 * @param risk The risk.
 * @return The value; #ISMS_VALUE_UNSET also for NULL.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_risk_stated_value(const isms_risk *risk);

/**
 * @brief Records the value a spreadsheet carried (#ISMS_VALUE_UNSET clears it).
 * @param risk The risk.
 * @param value The value, or #ISMS_VALUE_UNSET.
 * @return #ISMS_OK, #ISMS_EINVAL.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_risk_set_stated_value(isms_risk *risk, int value);

/**
 * @brief The computed value, or #ISMS_VALUE_UNSET when levels are unset or off the scales.
 *
 * When residual levels are unset, the residual value is the inherent value.
 * @param risk The risk.
 * @param which #ISMS_INHERENT or #ISMS_RESIDUAL.
 * @return The value; #ISMS_VALUE_UNSET also for NULL or an unknown `which`.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_risk_value(const isms_risk *risk, isms_which which);

/**
 * @brief The full score (value, band, normalised).
 * @param[out] out The score.
 * @param risk The risk.
 * @param which Inherent or residual (residual falls back to inherent when unset).
 * @return #ISMS_OK, #ISMS_EINVAL, #ISMS_ENOTFOUND (levels not assessed), #ISMS_ERANGE
 *         (a level is off its scale).
 * @since 0.1.0
 */
ISMS_EXPORT int isms_risk_score(isms_score *out, const isms_risk *risk, isms_which which);

/**
 * @brief The treatment option.
 * @param risk The risk.
 * @return The option; #ISMS_TREATMENT_NONE for none and for NULL.
 * @since 0.1.0
 */
ISMS_EXPORT isms_treatment isms_risk_treatment(const isms_risk *risk);

/**
 * @brief The treatment text (borrowed; "" when none).
 * @param risk The risk.
 * @return A string borrowed from the risk until the treatment is set again.
 * @since 0.1.0
 */
ISMS_EXPORT const char *isms_risk_treatment_text(const isms_risk *risk);

/**
 * @brief Sets the treatment option and text (text copied; NULL clears it).
 * @param risk The risk.
 * @param option The treatment option.
 * @param text The treatment text, or NULL. Must be UTF-8.
 * @return #ISMS_OK, #ISMS_EINVAL (NULL risk or unknown option), #ISMS_ENOMEM (unchanged).
 *         #ISMS_EINVAL for text that is not UTF-8: "treatment text: not UTF-8 at byte N (0xHH)"
 *         names the first bad byte (N from 1); nothing is changed.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_risk_set_treatment(isms_risk *risk, isms_treatment option,
                                        const char *text);

/**
 * @brief The owner: a role, team or person (borrowed; "" when none).
 * @param risk The risk.
 * @return A string borrowed from the risk until the owner is set again.
 * @since 0.1.0
 */
ISMS_EXPORT const char *isms_risk_owner(const isms_risk *risk);

/**
 * @brief Sets the owner (copied; NULL clears).
 * @param risk The risk.
 * @param owner The owner, or NULL. Must be UTF-8.
 * @return #ISMS_OK, #ISMS_EINVAL, #ISMS_ENOMEM (unchanged). #ISMS_EINVAL for text that is not
 *         UTF-8: "owner: not UTF-8 at byte N (0xHH)" names the first bad byte (N from 1); nothing
 *         is changed.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_risk_set_owner(isms_risk *risk, const char *owner);

/**
 * @brief The status.
 * @param risk The risk.
 * @return The status; #ISMS_RISK_OPEN for NULL.
 * @since 0.1.0
 */
ISMS_EXPORT isms_risk_status isms_risk_get_status(const isms_risk *risk);

/**
 * @brief Sets the status.
 * @param risk The risk.
 * @param status The status.
 * @return #ISMS_OK, #ISMS_EINVAL (NULL risk or unknown status).
 * @since 0.1.0
 */
ISMS_EXPORT int isms_risk_set_status(isms_risk *risk, isms_risk_status status);

/**
 * @brief Gives the risk a vector of another rating method, or removes it.
 *
 * The vector is rated with isms_rating_parse() (CVSS 3.x and 4.0, OWASP Risk Rating,
 * DREAD) and kept as given (copied); an invalid vector is refused with that function's
 * error, which names the metric and its column. The matrix levels are not changed.
 * @param risk The risk.
 * @param vector The vector, exactly (no surrounding white space); NULL or "" removes it. Must be
 *               UTF-8.
 * @return #ISMS_OK, #ISMS_EINVAL (NULL risk), #ISMS_EPARSE (not a valid vector; the risk
 *         is unchanged), #ISMS_ENOMEM (the risk is unchanged). #ISMS_EINVAL for text that is not
 *         UTF-8: "vector: not UTF-8 at byte N (0xHH)" names the first bad byte (N from 1); nothing
 *         is changed.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_risk_set_vector(isms_risk *risk, const char *vector);

/**
 * @brief The risk's vector as it was given (borrowed; "" when it has none).
 * @param risk The risk.
 * @return A string borrowed from the risk until the vector is set again.
 * @since 0.1.0
 */
ISMS_EXPORT const char *isms_risk_vector(const isms_risk *risk);

/**
 * @brief The method of the risk's vector, or #ISMS_METHOD_MATRIX when it has none (or the
 *        risk is NULL).
 * @param risk The risk, or NULL.
 * @return The method.
 * @since 0.1.0
 */
ISMS_EXPORT isms_method isms_risk_method(const isms_risk *risk);

/**
 * @brief The rating of the risk's vector.
 * @param[out] out The rating (static strings).
 * @param risk The risk.
 * @return #ISMS_OK, #ISMS_EINVAL (NULL argument), #ISMS_ENOTFOUND (the risk has no vector).
 * @since 0.1.0
 */
ISMS_EXPORT int isms_risk_rating(isms_rating *out, const isms_risk *risk);

/**
 * @brief The risk's value on the common scale 0–1, whatever method rated it.
 *
 * - #ISMS_INHERENT: the vector's normalised value (isms_rating::normalized) when the risk
 *   carries a vector, else the matrix's normalised inherent value (isms_score::normalized).
 * - #ISMS_RESIDUAL: the matrix's normalised residual value when residual levels are given;
 *   when both are unset the residual risk is the inherent risk, so the result is that of
 *   #ISMS_INHERENT (the vector's value when there is one). A vector rates the risk as it is,
 *   before treatment; the residual risk after treatment is rated on the matrix.
 *
 * Use it to rank risks of one register, rated by different methods, on one scale.
 * @param[out] out The value in [0, 1]; written only on success.
 * @param risk The risk.
 * @param which Inherent or residual.
 * @return #ISMS_OK, #ISMS_EINVAL (NULL argument, unknown `which`), and when the matrix
 *         value is needed but missing, as isms_risk_score(): #ISMS_ENOTFOUND (levels not
 *         assessed), #ISMS_ERANGE (a level off its scale).
 * @since 0.1.0
 */
ISMS_EXPORT int isms_risk_normalized(double *out, const isms_risk *risk, isms_which which);

/** @} */

#ifdef __cplusplus
}
#endif

#endif
