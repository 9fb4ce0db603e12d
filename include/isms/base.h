/**
 * @file isms/base.h
 * @brief Base layer: export macro, errors, version, memory, languages, text matching.
 *
 * Every other module of libisms uses what is declared here.
 *
 * Conventions that hold for the whole library:
 * - Fallible functions return `int`: #ISMS_OK (0) on success or a negative `ISMS_E*` code.
 *   On failure, isms_error_last() describes what went wrong and where. Out-parameters come
 *   first and are written only on success.
 * - Strings passed in are copied; the caller keeps ownership of its own memory.
 * - Memory that the library hands to the caller is released with isms_free().
 * - No global mutable state except the thread-local last error: reading one object from
 *   many threads is safe; writing needs the caller's lock.
 */
#ifndef ISMS_BASE_H
#define ISMS_BASE_H

#include <stdbool.h>
#include <stddef.h>

#include "isms/version.h"

#if defined(_WIN32) && !defined(ISMS_STATIC)
#  ifdef ISMS_BUILDING
#    define ISMS_EXPORT __declspec(dllexport)
#  else
#    define ISMS_EXPORT __declspec(dllimport)
#  endif
#elif defined(__GNUC__)
/** Marks a declaration as part of the public ABI. @since 0.1.0 */
#  define ISMS_EXPORT __attribute__((visibility("default")))
#else
#  define ISMS_EXPORT
#endif

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @defgroup base Base: errors, memory, languages and text
 * @brief Result codes, the calling thread's last error, freeing memory the library returns,
 *        the languages of labels (Swedish and English) and UTF-8 text matching.
 *
 * Every other module uses these. The page @ref conventions says how errors, ownership,
 * threads and text work across the library.
 *
 * isms/base.h describes the module in full.
 * @{
 */

/**
 * @brief Result codes of fallible functions. Success is zero, errors are negative.
 * @since 0.1.0
 */
typedef enum isms_result {
    ISMS_OK = 0,            /**< Success. */
    ISMS_EINVAL = -1,       /**< An argument is invalid (NULL, empty, inconsistent). */
    ISMS_ENOMEM = -2,       /**< Memory could not be allocated; nothing was changed. */
    ISMS_ERANGE = -3,       /**< A value lies outside its permitted range or scale. */
    ISMS_EPARSE = -4,       /**< Input text could not be parsed; see line and column. */
    ISMS_EIO = -5,          /**< A file could not be read or written. */
    ISMS_ENOTFOUND = -6,    /**< The named item does not exist. */
    ISMS_EEXIST = -7,       /**< An item with that id already exists. */
    ISMS_ECYCLE = -8,       /**< Dependencies form a cycle. */
    ISMS_EUNSUPPORTED = -9  /**< The request is valid but not supported. */
} isms_result;

/**
 * @brief The last error reported on the calling thread.
 *
 * All strings are borrowed from thread-local storage and stay valid until the next
 * failing call on the same thread.
 * @since 0.1.0
 */
typedef struct isms_error {
    int code;             /**< One of the negative #isms_result codes, or #ISMS_OK. */
    const char *message;  /**< Human-readable description ("" when there is no error). */
    const char *source;   /**< File or buffer name for parse and I/O errors, else NULL. */
    unsigned line;        /**< 1-based line of a parse error, 0 when not applicable. */
    unsigned column;      /**< 1-based column (CSV: cell index) of a parse error, or 0. */
} isms_error;

/**
 * @brief Describes the last error of the calling thread.
 *
 * Successful calls do not clear it; use isms_error_clear() for that.
 * @return A pointer to thread-local storage, never NULL; borrowed until the next failing
 *         call on this thread. When nothing failed yet, `code` is #ISMS_OK.
 * @since 0.1.0
 */
ISMS_EXPORT const isms_error *isms_error_last(void);

/**
 * @brief Resets the calling thread's last error to #ISMS_OK with an empty message.
 * @since 0.1.0
 */
ISMS_EXPORT void isms_error_clear(void);

/**
 * @brief A short English description of a result code ("out of memory").
 * @param code An #isms_result value.
 * @return A static string, never NULL ("unknown error" for unknown codes).
 * @since 0.1.0
 */
ISMS_EXPORT const char *isms_strerror(int code);

/**
 * @brief The run-time version of the library, "MAJOR.MINOR.PATCH".
 * @return A static string.
 * @ingroup version
 * @since 0.1.0
 */
ISMS_EXPORT const char *isms_version(void);

/**
 * @brief The run-time version as (major << 16) | (minor << 8) | patch.
 *
 * Compare it with #ISMS_VERSION_NUMBER to detect a header/library mismatch.
 * @return The version number of the linked library, e.g. 0x000100 for 0.1.0.
 * @ingroup version
 * @since 0.1.0
 */
ISMS_EXPORT unsigned isms_version_number(void);

/**
 * @brief Releases memory that a libisms function returned to the caller.
 * @param ptr Memory from libisms, or NULL (then nothing happens).
 * @since 0.1.0
 */
ISMS_EXPORT void isms_free(void *ptr);

/**
 * @brief Languages of labels, messages and reports.
 * @since 0.1.0
 */
typedef enum isms_lang {
    ISMS_LANG_SV = 0, /**< Swedish (svenska). */
    ISMS_LANG_EN = 1  /**< English. */
} isms_lang;

/**
 * @brief The ISO 639-1 code of a language: "sv" or "en".
 * @param lang The language.
 * @return A static string, or NULL for a value outside #isms_lang.
 * @since 0.1.0
 */
ISMS_EXPORT const char *isms_lang_code(isms_lang lang);

/**
 * @brief Parses a language name or code.
 *
 * Accepts "sv", "sv-SE", "sv_SE", "svenska", "swedish", "en", "en-GB", "en-US", "english",
 * "engelska", case-insensitively and ignoring surrounding white space.
 * @param[out] out The language, written on success.
 * @param text NUL-terminated UTF-8 text.
 * @return #ISMS_OK, #ISMS_EINVAL for NULL arguments, #ISMS_EPARSE for unknown text. #ISMS_EINVAL
 *         for text that is not UTF-8: "language: not UTF-8 at byte N (0xHH)" names the first bad
 *         byte (N from 1); nothing is written.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_lang_parse(isms_lang *out, const char *text);

/**
 * @brief Compares two UTF-8 strings case-insensitively.
 *
 * Folds ASCII, Latin-1 (Å Ä Ö É …), Latin Extended-A, Greek and Cyrillic capitals to their
 * lower-case forms and compares code points. Invalid UTF-8 bytes compare as themselves.
 * This is the comparison every parser of enumerated values in libisms uses.
 * @param a NUL-terminated UTF-8 text (NULL sorts before everything).
 * @param b NUL-terminated UTF-8 text (NULL sorts before everything).
 * @return Negative, zero or positive as `a` sorts before, equal to, or after `b`.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_text_casecmp(const char *a, const char *b);

/**
 * @brief Tells whether a label matches text as the library's parsers do.
 *
 * Like isms_text_casecmp() == 0, after trimming white space around `text` and folding runs
 * of inner white space to one space: " hög " matches "HÖG", "ej  tillämplig" matches
 * "Ej tillämplig".
 * @param label The canonical label (NUL-terminated UTF-8).
 * @param text Text from the user (NUL-terminated UTF-8).
 * @return true when they match; false otherwise or when either is NULL.
 * @since 0.1.0
 */
ISMS_EXPORT bool isms_text_matches(const char *label, const char *text);

/**
 * @brief The number of columns UTF-8 text takes on a terminal.
 *
 * Combining marks, zero-width characters, bidirectional controls, variation selectors and
 * control characters take none; East Asian wide and fullwidth characters and emoji take
 * two; everything else one. Invalid bytes count as one column each (as U+FFFD).
 * @param text The text (need not be NUL-terminated); NULL counts as empty.
 * @param len Its length in bytes.
 * @return The width in columns.
 * @since 0.1.0
 */
ISMS_EXPORT size_t isms_text_width(const char *text, size_t len);

/**
 * @brief How much of a UTF-8 text fits in a number of terminal columns.
 * @param text The text (need not be NUL-terminated); NULL counts as empty.
 * @param len Its length in bytes.
 * @param columns The columns available.
 * @return The length in bytes of the longest prefix, ending between characters, whose
 *         isms_text_width() is at most `columns`.
 * @since 0.1.0
 */
ISMS_EXPORT size_t isms_text_fit(const char *text, size_t len, size_t columns);

/** @} */

#ifdef __cplusplus
}
#endif

#endif
