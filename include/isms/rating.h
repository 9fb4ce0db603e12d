/**
 * @file isms/rating.h
 * @brief Rating methods: OWASP Risk Rating, DREAD, and one normalised score for any vector.
 *
 * Besides the likelihood × consequence matrix of a register (isms/risk.h), risks are often
 * rated with a scoring method that has a **vector**, a short text that records every factor:
 *
 * | method | vector | score | normalised |
 * |---|---|---|---|
 * | CVSS 3.x, 4.0 (isms/cvss.h) | `CVSS:3.1/AV:N/…`, `CVSS:4.0/…` | 0–10 | score / 10 |
 * | OWASP Risk Rating | `SL:5/M:2/O:7/…/PV:5` | likelihood × impact, 0–81 | by severity |
 * | DREAD | `D:8/R:10/E:7/A:10/DI:10` | mean, 0–10 | mean / 10 |
 *
 * isms_rating_parse() recognises the form of any of them and gives an #isms_rating: the
 * method, the score in the method's own units, a value **normalised** to 0–1 and the
 * severity in words. A risk of a register can carry such a vector (isms_risk_set_vector());
 * its normalised value then stands for the risk's inherent value in prioritisation
 * (isms_risk_normalized()).
 *
 * ## OWASP Risk Rating Methodology
 *
 * Sixteen factors, each a whole number 0–9, in this order:
 * - threat agent: SL skill level, M motive, O opportunity, S size;
 * - vulnerability: ED ease of discovery, EE ease of exploit, A awareness, ID intrusion
 *   detection;
 * - technical impact: LC loss of confidentiality, LI loss of integrity, LAV loss of
 *   availability, LAC loss of accountability;
 * - business impact: FD financial damage, RD reputation damage, NC non-compliance, PV privacy
 *   violation.
 *
 * Likelihood is the mean of the eight threat agent and vulnerability factors, technical
 * impact the mean of LC, LI, LAV, LAC, business impact the mean of FD, RD, NC, PV. The
 * methodology prefers the business impact when it is known, so the **impact used** is the
 * business impact when the business factors are given and the technical impact otherwise.
 * Likelihood and impact fall into levels: below 3 LOW, 3 to below 6 MEDIUM, 6–9 HIGH; the
 * overall severity is:
 *
 * | impact \ likelihood | LOW | MEDIUM | HIGH |
 * |---|---|---|---|
 * | HIGH   | Medium | High   | Critical |
 * | MEDIUM | Low    | Medium | High     |
 * | LOW    | Note   | Low    | Medium   |
 *
 * ### The OWASP vector
 *
 * `SL:n/M:n/O:n/S:n/ED:n/EE:n/A:n/ID:n/LC:n/LI:n/LAV:n/LAC:n/FD:n/RD:n/NC:n/PV:n`: the factors
 * in exactly this order, separated by `/`, metric names in capitals, each value a decimal
 * whole number 0–9 (leading zeros allowed). The business factors are **given** when all
 * four have a number. They are **not given** when all four are left out (the vector ends
 * after `LAC:n`) or all four are written `X` or `_` (the OWASP calculator's "not known").
 * Giving some business factors and not others is an error, because the mean of part of
 * them would not be the business impact. The whole vector may be enclosed in one pair of
 * parentheses, as the OWASP calculator writes it: `(SL:1/…/PV:0)`. The canonical form
 * (isms_owasp_format()) has no parentheses and leaves out business factors not given.
 *
 * ## DREAD
 *
 * Five factors, each a whole number 0–10: Damage, Reproducibility, Exploitability, Affected
 * users, Discoverability; the score is their mean. Vector: `D:n/R:n/E:n/A:n/DI:n` in this
 * order. DREAD defines no severity words; libisms applies the cut points of CVSS v3's
 * qualitative rating to the mean (0 None, below 4 Low, below 7 Medium, below 9 High, else
 * Critical), so that a word means the same normalised range in every method.
 *
 * ## Normalisation, and why
 *
 * Every method maps onto the same normalised scale 0–1, on which the severity words of the
 * methods cover the same ranges, taken from CVSS v3's qualitative rating (the best known
 * of them): Low below 0.4, Medium [0.4, 0.7), High [0.7, 0.9), Critical [0.9, 1]. Below
 * Low, CVSS's and DREAD's None is exactly 0, and OWASP's Note is [0, 0.1) (OWASP's Low then
 * takes [0.1, 0.4)).
 *
 * - **CVSS**: score / 10. The score already is 0–10 with those cut points (Low 0.1–3.9,
 *   Medium 4.0–6.9, High 7.0–8.9, Critical 9.0–10.0).
 * - **DREAD**: mean / 10. The factors are 0–10, and the severity words above use the same
 *   cut points.
 * - **OWASP**: by severity, then by position within it. The methodology's result is its
 *   severity, not a number, so the severity picks the range: Note [0, 0.1), Low [0.1, 0.4),
 *   Medium [0.4, 0.7), High [0.7, 0.9), Critical [0.9, 1]. Within the range,
 *   n = lower + t × (upper − lower), where t = ((L − L₀) + (I − I₀)) / 6, L is the
 *   likelihood, I the impact used, and L₀, I₀ the lower bounds (0, 3 or 6) of their levels.
 *   t lies in [0, 1]; it is 1 only when L and I are both 9, so only Critical reaches its
 *   upper bound (n = 1), and every other severity stays below the next one's lower bound.
 *   Thus n never decreases when a factor rises, an OWASP Critical ranks with a CVSS
 *   Critical, and within a severity a higher likelihood or impact ranks higher. The plain
 *   product likelihood × impact / 81 was rejected: it puts the lowest Critical (6 × 6) at
 *   0.44, below a CVSS 4.5 (Medium), so methods could not be mixed in one ranking. The
 *   product is still the OWASP score (isms_rating::score).
 *
 * ## From a normalised value to a matrix band
 *
 * On a register's matrix, a normalised value n stands for the matrix value
 * v = min + round(n × (max − min)) (rounded to the nearest whole number, halves up; min and
 * max are isms_matrix_min_value() and isms_matrix_max_value()), the inverse of
 * isms_matrix_normalize(); its band is isms_matrix_band_of(v). isms_matrix_denormalize()
 * computes v.
 *
 * Worked example, the "4x4" preset (values 1–16, bands low 1–3, medium 4–7, high 8–11,
 * very-high 12–16), v = 1 + round(15 n):
 *
 * | rating | n | v | band |
 * |---|---|---|---|
 * | CVSS 9.8 (Critical) | 0.98 | 1 + round(14.7) = 16 | very-high |
 * | CVSS 7.5 (High) | 0.75 | 1 + round(11.25) = 12 | very-high |
 * | CVSS 5.3 (Medium) | 0.53 | 1 + round(7.95) = 9 | high |
 * | CVSS 3.1 (Low) | 0.31 | 1 + round(4.65) = 6 | medium |
 * | DREAD 8/10/7/10/10, mean 9 (Critical) | 0.9 | 1 + round(13.5) = 15 | very-high |
 * | OWASP example, business impact (Low) | 0.28125 | 1 + round(4.22) = 5 | medium |
 * | OWASP example, technical impact (High) | 0.7875 | 1 + round(11.81) = 13 | very-high |
 *
 * The OWASP example is the methodology's: likelihood 4.375 (MEDIUM), technical impact 7.25
 * (HIGH), business impact 2.25 (LOW); with the business impact it is Low,
 * n = 0.1 + 0.3 × ((4.375 − 3) + (2.25 − 0)) / 6 = 0.28125; with the technical impact it is
 * High, n = 0.7 + 0.2 × ((4.375 − 3) + (7.25 − 6)) / 6 = 0.7875.
 *
 * Values of each severity on "4x4": None (n = 0) 1, low; OWASP's Note (below 0.1) 1–2, low;
 * Low (below 0.4) 1–7, low or medium (OWASP's Low, from 0.1: 3–7); Medium (0.4 to below
 * 0.7) 7–11, medium or high; High (0.7 to below 0.9) 12–14, very-high; Critical (0.9–1)
 * 15–16, very-high. The product matrix packs its values low (half of its
 * cells are 1–4), so a linear map lifts mid-range ratings one band; isms_register_lint()
 * reports a risk whose vector and levels land in different bands (`risk-vector-disagrees`).
 *
 * All functions here are pure computation and reentrant.
 */
#ifndef ISMS_RATING_H
#define ISMS_RATING_H

#include "isms/base.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @defgroup rating Rating methods
 * @brief OWASP Risk Rating and DREAD vectors, and one normalised 0–1 value for a vector of any
 *        method (CVSS, OWASP, DREAD) so that risks rated differently can be compared.
 *
 * isms/rating.h describes the module in full.
 * @{
 */

/* ---- methods ---------------------------------------------------------------------------- */

/**
 * @brief How a risk was rated.
 * @since 0.1.0
 */
typedef enum isms_method {
    ISMS_METHOD_MATRIX = 0, /**< Likelihood × consequence on the register's matrix
                                 ("Riskmatris" / "Risk matrix"). */
    ISMS_METHOD_CVSS = 1,   /**< CVSS 3.x or 4.0 ("CVSS"). */
    ISMS_METHOD_OWASP = 2,  /**< OWASP Risk Rating ("OWASP riskvärdering" /
                                 "OWASP Risk Rating"). */
    ISMS_METHOD_DREAD = 3   /**< DREAD ("DREAD"). */
} isms_method;

/**
 * @brief The stable machine name of a method: "matrix", "cvss", "owasp", "dread".
 * @param method The method.
 * @return A static string, or NULL for a value outside the enumeration.
 * @since 0.1.0
 */
ISMS_EXPORT const char *isms_method_name(isms_method method);

/**
 * @brief The label of a method ("Riskmatris" / "Risk matrix", "CVSS",
 *        "OWASP riskvärdering" / "OWASP Risk Rating", "DREAD").
 * @param method The method.
 * @param lang The language of the label.
 * @return A static string, or NULL for values outside the enumerations.
 * @since 0.1.0
 */
ISMS_EXPORT const char *isms_method_label(isms_method method, isms_lang lang);

/**
 * @brief Parses a method's machine name or label in Swedish or English, case-insensitively.
 *
 * Also accepts "matris", "riskmatrisen", "OWASP RR", "OWASP-RR" and "CVSS 3.1", "CVSS 4.0",
 * "CVSS v3", "CVSS v4".
 * @param[out] out The method.
 * @param text The text. Must be UTF-8.
 * @return #ISMS_OK, #ISMS_EINVAL (NULL), #ISMS_EPARSE (the message lists what is accepted).
 *         #ISMS_EINVAL for text that is not UTF-8: "method: not UTF-8 at byte N (0xHH)" names the
 *         first bad byte (N from 1); nothing is written.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_method_parse(isms_method *out, const char *text);

/* ---- OWASP Risk Rating -------------------------------------------------------------------- */

/** Number of OWASP factors. @since 0.1.0 */
#define ISMS_OWASP_FACTORS 16
/** Number of OWASP factors without the business impact ones. @since 0.1.0 */
#define ISMS_OWASP_FACTORS_TECHNICAL 12
/** The value of an OWASP business factor that was not given. @since 0.1.0 */
#define ISMS_OWASP_NOT_GIVEN (-1)
/** Buffer size that always holds an OWASP vector and its NUL (isms_owasp_format()).
 *  @since 0.1.0 */
#define ISMS_OWASP_VECTOR_SIZE 80

/**
 * @brief The sixteen OWASP factors, in vector order (indices into isms_owasp::factors).
 * @since 0.1.0
 */
typedef enum isms_owasp_factor {
    ISMS_OWASP_SL = 0,   /**< Skill level ("Kunskapsnivå" / "Skill level"). */
    ISMS_OWASP_M = 1,    /**< Motive ("Motiv" / "Motive"). */
    ISMS_OWASP_O = 2,    /**< Opportunity ("Möjlighet" / "Opportunity"). */
    ISMS_OWASP_S = 3,    /**< Size ("Storlek" / "Size"). */
    ISMS_OWASP_ED = 4,   /**< Ease of discovery ("Lätt att upptäcka" / "Ease of discovery"). */
    ISMS_OWASP_EE = 5,   /**< Ease of exploit ("Lätt att utnyttja" / "Ease of exploit"). */
    ISMS_OWASP_A = 6,    /**< Awareness ("Kännedom" / "Awareness"). */
    ISMS_OWASP_ID = 7,   /**< Intrusion detection ("Intrångsdetektering" /
                              "Intrusion detection"). */
    ISMS_OWASP_LC = 8,   /**< Loss of confidentiality ("Förlust av konfidentialitet" /
                              "Loss of confidentiality"). */
    ISMS_OWASP_LI = 9,   /**< Loss of integrity ("Förlust av riktighet" /
                              "Loss of integrity"). */
    ISMS_OWASP_LAV = 10, /**< Loss of availability ("Förlust av tillgänglighet" /
                              "Loss of availability"). */
    ISMS_OWASP_LAC = 11, /**< Loss of accountability ("Förlust av spårbarhet" /
                              "Loss of accountability"). */
    ISMS_OWASP_FD = 12,  /**< Financial damage ("Ekonomisk skada" / "Financial damage"). */
    ISMS_OWASP_RD = 13,  /**< Reputation damage ("Skadat anseende" / "Reputation damage"). */
    ISMS_OWASP_NC = 14,  /**< Non-compliance ("Bristande regelefterlevnad" /
                              "Non-compliance"). */
    ISMS_OWASP_PV = 15   /**< Privacy violation ("Integritetsintrång" /
                              "Privacy violation"). */
} isms_owasp_factor;

/**
 * @brief The vector abbreviation of a factor ("SL", "LAV", "PV").
 * @param factor The factor.
 * @return A static string, or NULL for a value outside the enumeration.
 * @since 0.1.0
 */
ISMS_EXPORT const char *isms_owasp_factor_abbrev(isms_owasp_factor factor);

/**
 * @brief The label of a factor ("Kunskapsnivå" / "Skill level").
 * @param factor The factor.
 * @param lang The language of the label.
 * @return A static string, or NULL for values outside the enumerations.
 * @since 0.1.0
 */
ISMS_EXPORT const char *isms_owasp_factor_label(isms_owasp_factor factor, isms_lang lang);

/**
 * @brief Parses a factor's abbreviation or its Swedish or English label, case-insensitively
 *        ("sl", "Skill level", "kunskapsnivå").
 * @param[out] out The factor.
 * @param text The text. Must be UTF-8.
 * @return #ISMS_OK, #ISMS_EINVAL (NULL), #ISMS_EPARSE. #ISMS_EINVAL for text that is not UTF-8:
 *         "OWASP factor: not UTF-8 at byte N (0xHH)" names the first bad byte (N from 1); nothing
 *         is written.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_owasp_factor_parse(isms_owasp_factor *out, const char *text);

/**
 * @brief An OWASP likelihood or impact level.
 * @since 0.1.0
 */
typedef enum isms_owasp_level {
    ISMS_OWASP_LEVEL_LOW = 0,    /**< Below 3 ("Låg" / "Low"). */
    ISMS_OWASP_LEVEL_MEDIUM = 1, /**< 3 to below 6 ("Medel" / "Medium"). */
    ISMS_OWASP_LEVEL_HIGH = 2    /**< 6 to 9 ("Hög" / "High"). */
} isms_owasp_level;

/**
 * @brief The label of a level ("Låg" / "Low", "Medel" / "Medium", "Hög" / "High").
 * @param level The level.
 * @param lang The language of the label.
 * @return A static string, or NULL for values outside the enumerations.
 * @since 0.1.0
 */
ISMS_EXPORT const char *isms_owasp_level_label(isms_owasp_level level, isms_lang lang);

/**
 * @brief Parses a level in Swedish or English, case-insensitively ("hög", "HIGH").
 * @param[out] out The level.
 * @param text The text. Must be UTF-8.
 * @return #ISMS_OK, #ISMS_EINVAL (NULL), #ISMS_EPARSE. #ISMS_EINVAL for text that is not UTF-8:
 *         "OWASP level: not UTF-8 at byte N (0xHH)" names the first bad byte (N from 1); nothing is
 *         written.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_owasp_level_parse(isms_owasp_level *out, const char *text);

/**
 * @brief The level of a likelihood or impact: below 3 LOW, below 6 MEDIUM, else HIGH.
 * @param value A mean of factors, 0–9 (values outside are clamped to LOW or HIGH).
 * @return The level; #ISMS_OWASP_LEVEL_LOW also for NaN.
 * @since 0.1.0
 */
ISMS_EXPORT isms_owasp_level isms_owasp_level_of(double value);

/**
 * @brief OWASP's overall severity.
 * @since 0.1.0
 */
typedef enum isms_owasp_severity {
    ISMS_OWASP_NOTE = 0,     /**< "Notering" / "Note". */
    ISMS_OWASP_LOW = 1,      /**< "Låg" / "Low". */
    ISMS_OWASP_MEDIUM = 2,   /**< "Medel" / "Medium". */
    ISMS_OWASP_HIGH = 3,     /**< "Hög" / "High". */
    ISMS_OWASP_CRITICAL = 4  /**< "Kritisk" / "Critical". */
} isms_owasp_severity;

/**
 * @brief The label of a severity ("Notering" / "Note", …, "Kritisk" / "Critical").
 * @param severity The severity.
 * @param lang The language of the label.
 * @return A static string, or NULL for values outside the enumerations.
 * @since 0.1.0
 */
ISMS_EXPORT const char *isms_owasp_severity_label(isms_owasp_severity severity, isms_lang lang);

/**
 * @brief Parses a severity in Swedish or English, case-insensitively ("kritisk", "Note").
 * @param[out] out The severity.
 * @param text The text. Must be UTF-8.
 * @return #ISMS_OK, #ISMS_EINVAL (NULL), #ISMS_EPARSE. #ISMS_EINVAL for text that is not UTF-8:
 *         "OWASP severity: not UTF-8 at byte N (0xHH)" names the first bad byte (N from 1); nothing
 *         is written.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_owasp_severity_parse(isms_owasp_severity *out, const char *text);

/**
 * @brief The overall severity of a likelihood level and an impact level (the table above).
 * @param likelihood The likelihood level.
 * @param impact The impact level.
 * @return The severity; #ISMS_OWASP_NOTE for levels outside the enumeration.
 * @since 0.1.0
 */
ISMS_EXPORT isms_owasp_severity isms_owasp_severity_of(isms_owasp_level likelihood,
                                                       isms_owasp_level impact);

/**
 * @brief An OWASP risk rating (a plain value).
 * @since 0.1.0
 */
typedef struct isms_owasp {
    /** The factors in vector order (index by #isms_owasp_factor), each 0–9; the four
     *  business factors are #ISMS_OWASP_NOT_GIVEN when they were not given. */
    int factors[ISMS_OWASP_FACTORS];
    bool business_given;          /**< Whether the business factors were given. */
    double likelihood;            /**< Mean of the 8 threat agent and vulnerability factors. */
    double technical_impact;      /**< Mean of LC, LI, LAV, LAC. */
    double business_impact;       /**< Mean of FD, RD, NC, PV; 0 when not given. */
    double impact;                /**< The impact used: business when given, else technical. */
    isms_owasp_level likelihood_level; /**< The likelihood's level. */
    isms_owasp_level impact_level;     /**< The level of the impact used. */
    isms_owasp_severity severity;      /**< The overall severity. */
    double normalized;            /**< 0–1, by severity (see the file's description). */
} isms_owasp;

/**
 * @brief Rates from factors.
 * @param[out] out The rating; written only on success.
 * @param factors The factors in vector order (#isms_owasp_factor), each a whole number 0–9.
 * @param n_factors 16 (business factors given) or 12 (#ISMS_OWASP_FACTORS_TECHNICAL: no
 *                  business impact; the technical impact is used).
 * @return #ISMS_OK, #ISMS_EINVAL (NULL argument, `n_factors` neither 12 nor 16),
 *         #ISMS_ERANGE (a factor outside 0–9; the message names it and its value).
 * @since 0.1.0
 */
ISMS_EXPORT int isms_owasp_compute(isms_owasp *out, const int *factors, size_t n_factors);

/**
 * @brief Parses and rates an OWASP vector (see "The OWASP vector" above).
 *
 * Errors have line 1 and, as column, the 1-based byte position of the offending
 * `METRIC:VALUE` part (or the end of the text + 1 when a factor is missing at the end); the
 * message names the metric: a wrong start, an unknown metric, a metric out of order, given
 * twice or missing, a part without `:`, an empty part, a value that is not a whole number,
 * a value above 9, `X` for a factor that must be given, and business factors given in part.
 * @param[out] out The rating; written only on success.
 * @param vector The vector (NUL-terminated). Must be UTF-8.
 * @return #ISMS_OK, #ISMS_EINVAL (NULL argument), #ISMS_EPARSE. #ISMS_EINVAL for text that is not
 *         UTF-8: "vector: not UTF-8 at byte N (0xHH)" names the first bad byte (N from 1); nothing
 *         is written.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_owasp_parse(isms_owasp *out, const char *vector);

/**
 * @brief Writes the canonical vector of a rating: all factors in order, without
 *        parentheses; business factors only when given.
 * @param buf Buffer; #ISMS_OWASP_VECTOR_SIZE bytes are always enough.
 * @param size Its size.
 * @param owasp The rating (its `factors` and `business_given` are used).
 * @return #ISMS_OK, #ISMS_EINVAL (NULL argument or buffer too small), #ISMS_ERANGE (a
 *         factor outside 0–9).
 * @since 0.1.0
 */
ISMS_EXPORT int isms_owasp_format(char *buf, size_t size, const isms_owasp *owasp);

/* ---- DREAD ---------------------------------------------------------------------------------- */

/** Buffer size that always holds a DREAD vector and its NUL (isms_dread_format()).
 *  @since 0.1.0 */
#define ISMS_DREAD_VECTOR_SIZE 32

/**
 * @brief A DREAD rating (a plain value).
 * @since 0.1.0
 */
typedef struct isms_dread {
    int damage;          /**< D, damage potential, 0–10 ("Skada" / "Damage"). */
    int reproducibility; /**< R, 0–10 ("Reproducerbarhet" / "Reproducibility"). */
    int exploitability;  /**< E, 0–10 ("Utnyttjbarhet" / "Exploitability"). */
    int affected_users;  /**< A, 0–10 ("Berörda användare" / "Affected users"). */
    int discoverability; /**< DI, 0–10 ("Upptäckbarhet" / "Discoverability"). */
    double mean;         /**< The mean of the five, 0–10: DREAD's score. */
    double normalized;   /**< mean / 10. */
} isms_dread;

/**
 * @brief Rates from the five factors.
 * @param[out] out The rating; written only on success.
 * @param damage Damage, 0–10.
 * @param reproducibility Reproducibility, 0–10.
 * @param exploitability Exploitability, 0–10.
 * @param affected_users Affected users, 0–10.
 * @param discoverability Discoverability, 0–10.
 * @return #ISMS_OK, #ISMS_EINVAL (NULL `out`), #ISMS_ERANGE (a factor outside 0–10; the
 *         message names it and its value).
 * @since 0.1.0
 */
ISMS_EXPORT int isms_dread_compute(isms_dread *out, int damage, int reproducibility,
                                   int exploitability, int affected_users,
                                   int discoverability);

/**
 * @brief Parses and rates a DREAD vector `D:n/R:n/E:n/A:n/DI:n` (this order, each 0–10).
 *
 * Errors as for isms_owasp_parse(): line 1, the column of the offending part, and a message
 * that names the metric.
 * @param[out] out The rating; written only on success.
 * @param vector The vector (NUL-terminated). Must be UTF-8.
 * @return #ISMS_OK, #ISMS_EINVAL (NULL argument), #ISMS_EPARSE. #ISMS_EINVAL for text that is not
 *         UTF-8: "vector: not UTF-8 at byte N (0xHH)" names the first bad byte (N from 1); nothing
 *         is written.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_dread_parse(isms_dread *out, const char *vector);

/**
 * @brief Writes the canonical vector of a rating: `D:8/R:10/E:7/A:10/DI:10`.
 * @param buf Buffer; #ISMS_DREAD_VECTOR_SIZE bytes are always enough.
 * @param size Its size.
 * @param dread The rating (its five factors are used).
 * @return #ISMS_OK, #ISMS_EINVAL (NULL argument or buffer too small), #ISMS_ERANGE (a
 *         factor outside 0–10).
 * @since 0.1.0
 */
ISMS_EXPORT int isms_dread_format(char *buf, size_t size, const isms_dread *dread);

/* ---- any vector -------------------------------------------------------------------------- */

/**
 * @brief The rating of any vector, in the method's own units and normalised (a plain value).
 *
 * The strings are static and live as long as the program.
 * @since 0.1.0
 */
typedef struct isms_rating {
    isms_method method;  /**< #ISMS_METHOD_CVSS, #ISMS_METHOD_OWASP or #ISMS_METHOD_DREAD. */
    double score;        /**< CVSS: isms_cvss::score, 0–10 (the score that takes every
                              metric given into account); OWASP: likelihood × the impact
                              used, 0–81; DREAD: the mean, 0–10. */
    double normalized;   /**< 0–1, see "Normalisation" in the file's description. */
    int rank;            /**< The severity as a number: 0 none or note, 1 low, 2 medium,
                              3 high, 4 critical. */
    const char *severity; /**< Machine name: "none" (CVSS, DREAD) or "note" (OWASP), "low",
                               "medium", "high", "critical". */
    const char *label_sv; /**< Swedish label: "Ingen", "Notering", "Låg", "Medel", "Hög",
                               "Kritisk". */
    const char *label_en; /**< English label: "None", "Note", "Low", "Medium", "High",
                               "Critical". */
} isms_rating;

/**
 * @brief Recognises a vector by its start and rates it.
 *
 * `CVSS:3.0/`, `CVSS:3.1/` and `CVSS:4.0/` are CVSS (isms/cvss.h); `SL:` or `(SL:` is OWASP;
 * `D:` is DREAD. The text must be the vector alone, without surrounding white space.
 * @param[out] out The rating; written only on success.
 * @param vector The vector (NUL-terminated). Must be UTF-8.
 * @return #ISMS_OK, #ISMS_EINVAL (NULL argument), #ISMS_EPARSE (not a vector of any of these
 *         forms, column 1; or the method's own parse error, with its line and column). #ISMS_EINVAL
 *         for text that is not UTF-8: "vector: not UTF-8 at byte N (0xHH)" names the first bad byte
 *         (N from 1); nothing is written.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_rating_parse(isms_rating *out, const char *vector);

/** @} */

#ifdef __cplusplus
}
#endif

#endif
