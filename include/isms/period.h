/**
 * @file isms/period.h
 * @brief Dates and periods: due dates as people write them (base module).
 *
 * Gap tables and action plans carry due dates as free text: `februari`, `Feb 2024`,
 * `Q1 2024`, `kvartal 1`, `T2 2024`, `tertial 2`, `våren 2024`, `hösten`, `H2`, `2024`,
 * `2024-03-31`, or a phrase with one of those inside it (`under 2024 med uppföljning i
 * tertialrapporterna`). isms_period_parse() reads such text, in Swedish or English, into a
 * #isms_period: a first and a last day and a kind. Text tied to an event (`inför nästa
 * verksamhetsplan`) or otherwise unreadable gives the kind #ISMS_PERIOD_UNPARSED; that is
 * never an error. The period does not hold the text: the caller keeps it (an assessment entry
 * keeps both).
 *
 * Everything here is pure computation on values: no allocation, no clock, thread-safe.
 */
#ifndef ISMS_PERIOD_H
#define ISMS_PERIOD_H

#include <stdbool.h>
#include <stddef.h>

#include "isms/base.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @defgroup period Dates and periods
 * @brief Calendar dates, and due dates as people write them (`Q1 2024`, `våren 2024`,
 *        `tertial 2`), read into a kind and a first and last day.
 *
 * isms/period.h describes the module in full.
 * @{
 */

/**
 * @brief A calendar date (proleptic Gregorian). All zero means "no date".
 * @since 0.1.0
 */
typedef struct isms_date {
    int year;  /**< 1900–9999, or 0 for no date. */
    int month; /**< 1–12. */
    int day;   /**< 1–31, valid for the month. */
} isms_date;

/**
 * @brief True when `date` is a real day between 1900-01-01 and 9999-12-31.
 * @param date The date.
 * @return true for a valid date, false otherwise.
 * @since 0.1.0
 */
ISMS_EXPORT bool isms_date_valid(isms_date date);

/**
 * @brief Compares two dates.
 * @param a First date.
 * @param b Second date.
 * @return Negative, zero or positive as `a` is before, equal to or after `b`. The empty date
 *         sorts after every real date.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_date_compare(isms_date a, isms_date b);

/**
 * @brief Reads an ISO 8601 calendar date, `YYYY-MM-DD`, surrounded by nothing but white space.
 * @param[out] out The date.
 * @param text The text. Must be UTF-8.
 * @return #ISMS_OK, #ISMS_EINVAL (NULL argument), #ISMS_EPARSE (not such a date; the message
 *         says why, for example "2023-02-29: February 2023 has 28 days"). #ISMS_EINVAL for text
 *         that is not UTF-8: "date: not UTF-8 at byte N (0xHH)" names the first bad byte (N from
 *         1); nothing is written.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_date_parse(isms_date *out, const char *text);

/**
 * @brief Writes a date as `YYYY-MM-DD` (or "" for the empty date).
 * @param buf Buffer of at least 11 bytes.
 * @param size Its size.
 * @param date The date.
 * @return #ISMS_OK, #ISMS_EINVAL (NULL buffer, too small, or a date that is neither valid
 *         nor empty).
 * @since 0.1.0
 */
ISMS_EXPORT int isms_date_format(char *buf, size_t size, isms_date date);

/**
 * @brief Days from `a` to `b` (negative when `b` is earlier); both must be valid.
 * @param a From.
 * @param b To.
 * @return The signed number of days; 0 when either date is invalid.
 * @since 0.1.0
 */
ISMS_EXPORT long isms_date_diff(isms_date a, isms_date b);

/**
 * @brief What a period covers.
 * @since 0.1.0
 */
typedef enum isms_period_kind {
    ISMS_PERIOD_NONE = 0,     /**< Empty text: no due date (inget datum). */
    ISMS_PERIOD_UNPARSED = 1, /**< Text with no readable date: tied to an event, or unclear. */
    ISMS_PERIOD_DAY = 2,      /**< One day (`2024-03-31`, `31 mars 2024`). */
    ISMS_PERIOD_MONTH = 3,    /**< A calendar month (`februari`, `Feb 2024`). */
    ISMS_PERIOD_QUARTER = 4,  /**< A quarter (`Q1 2024`, `kvartal 1`). */
    ISMS_PERIOD_TERTIAL = 5,  /**< Four months (`T2 2024`, `tertial 2`). */
    ISMS_PERIOD_HALF = 6,     /**< A half year (`våren 2024`, `hösten`, `H2`). */
    ISMS_PERIOD_YEAR = 7      /**< A calendar year (`2024`, `under 2024`). */
} isms_period_kind;

/**
 * @brief A period: the result of reading a due date.
 *
 * For #ISMS_PERIOD_NONE and #ISMS_PERIOD_UNPARSED the dates are empty (all zero).
 * @since 0.1.0
 */
typedef struct isms_period {
    isms_period_kind kind; /**< What the text said. */
    isms_date start;       /**< First day of the period. */
    isms_date end;         /**< Last day of the period (the due date). */
    bool year_assumed;     /**< The text had no year: the caller's reference year was used. */
    size_t offset;         /**< Byte offset in the text of the part that was read. */
    size_t length;         /**< Its length in bytes (0 when nothing was read). */
} isms_period;

/**
 * @brief Reads a due date written as people write it, in Swedish or English.
 *
 * Recognised, case-insensitively and wherever they stand among other words: ISO dates
 * (`2024-03-31`), day and month (`31 mars 2024`, `March 31, 2024`), months (`februari`,
 * `feb. 2024`, `2024-02`), quarters (`Q1 2024`, `kvartal 1`, `1:a kvartalet`, `2024Q1`),
 * tertials (`T2 2024`, `tertial 2`, `andra tertialet`), half years (`H1`, `våren 2024`,
 * `hösten`, `första halvåret`, `spring 2024`), years (`2024`, `under 2024`, `end of 2024`).
 * When the text names several, the first one is taken (`Q2 eller Q3 2024` is Q2 2024). A
 * year elsewhere in the text applies to a period that has none (`mars, dvs. 2025`). Text
 * without a year takes `ref_year`. Anything else gives #ISMS_PERIOD_UNPARSED.
 * @param[out] out The period.
 * @param text The text (UTF-8); NULL is read as "".
 * @param ref_year The year for text that names none (the assessment's year), 1900–9999.
 * @return #ISMS_OK (also for unreadable text), #ISMS_EINVAL (NULL `out`, or `ref_year`
 *         outside 1900–9999). #ISMS_EINVAL for text that is not UTF-8:
 *         "period: not UTF-8 at byte N (0xHH)" names the first bad byte (N from 1); nothing is
 *         written.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_period_parse(isms_period *out, const char *text, int ref_year);

/**
 * @brief The period of a kind that contains a date (for example the quarter of 2024-05-02).
 * @param[out] out The period.
 * @param kind #ISMS_PERIOD_DAY … #ISMS_PERIOD_YEAR.
 * @param date A valid date.
 * @return #ISMS_OK, #ISMS_EINVAL.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_period_containing(isms_period *out, isms_period_kind kind, isms_date date);

/**
 * @brief The period of the same kind that follows `period` (the next quarter, year, …).
 * @param[out] out The next period.
 * @param period A period of kind #ISMS_PERIOD_DAY … #ISMS_PERIOD_YEAR.
 * @return #ISMS_OK, #ISMS_EINVAL (no dates, or past 9999).
 * @since 0.1.0
 */
ISMS_EXPORT int isms_period_next(isms_period *out, const isms_period *period);

/**
 * @brief Orders periods by their last day, then their first day, then kind; periods without
 *        dates (none, unparsed) sort last.
 * @param a First period.
 * @param b Second period.
 * @return Negative, zero or positive.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_period_compare(const isms_period *a, const isms_period *b);

/**
 * @brief True when the period ended before `date` (its last day is earlier). Periods without
 *        dates are never overdue.
 * @param period The period.
 * @param date The reference date.
 * @return true when the period is overdue, false otherwise (also for NULL).
 * @since 0.1.0
 */
ISMS_EXPORT bool isms_period_overdue(const isms_period *period, isms_date date);

/**
 * @brief True when `date` lies within the period.
 * @param period The period.
 * @param date The date.
 * @return true when the period has dates and `date` is a valid day from its first to its last
 *         day inclusive; false otherwise (also for NULL or a period without dates).
 * @since 0.1.0
 */
ISMS_EXPORT bool isms_period_contains(const isms_period *period, isms_date date);

/**
 * @brief A period in canonical short form: `2024-03-31`, `2024-02`, `Q1 2024`, `T2 2024`,
 *        `H1 2024`, `2024`; "" for none and unparsed.
 * @param buf Buffer (16 bytes are always enough).
 * @param size Its size.
 * @param period The period.
 * @return #ISMS_OK, #ISMS_EINVAL (NULL argument or buffer too small).
 * @since 0.1.0
 */
ISMS_EXPORT int isms_period_format(char *buf, size_t size, const isms_period *period);

/**
 * @brief Label of a period kind ("kvartal" / "quarter"). Never NULL.
 * @param kind The kind.
 * @param lang The language.
 * @return A static string; "?" for a kind outside #isms_period_kind.
 * @since 0.1.0
 */
ISMS_EXPORT const char *isms_period_kind_label(isms_period_kind kind, isms_lang lang);

/**
 * @brief Short machine name of a period kind: "none", "unparsed", "day", "month", "quarter",
 *        "tertial", "half", "year". Never NULL.
 * @param kind The kind.
 * @return A static string; "?" for a kind outside #isms_period_kind.
 * @since 0.1.0
 */
ISMS_EXPORT const char *isms_period_kind_name(isms_period_kind kind);

/** @} */

#ifdef __cplusplus
}
#endif

#endif
