/**
 * @file isms/csv.h
 * @brief CSV import and export of risk registers (io layer).
 *
 * Reads the organisation's own spreadsheets as Excel and Word export them: UTF-8 with or
 * without BOM, or Windows-1252 (detected); comma, semicolon or tab separated (detected);
 * CRLF or LF line ends; quoted cells with line breaks; blank lines; title rows above the
 * header. Columns are found by their header, in Swedish or English, whatever the case,
 * spacing or hyphenation left over from line wrapping:
 *
 * | field | headers recognised (examples) |
 * |---|---|
 * | id | `ID`, `Nr`, `Risk-ID` |
 * | title | `Risk`, `Titel`, `Title`, `Riskbeskrivning` |
 * | consequence text | `Konsekvens`, `Consequence`, `Konsekvensbeskrivning` |
 * | likelihood/consequence | `Sannolikhet/konsekvens (1-4)` holding `3/4`, `L/C`, `S/K` |
 * | likelihood | `Sannolikhet`, `Likelihood`, `Probability` |
 * | consequence level | `Konsekvens (1-4)`, `Konsekvensnivå`, `Impact` |
 * | stated value | `Riskvärde`, `Risk value`, `Värde`, `Score` |
 * | treatment text | `Åtgärd`, `Åtgärder`, `Treatment`, `Action` |
 * | treatment option | `Behandlingsalternativ`, `Treatment option`, `Strategi` |
 * | owner | `Ansvarig`, `Riskägare`, `Owner`, `Responsible` |
 * | status | `Status` |
 * | residual levels | `Kvarstående sannolikhet/konsekvens`, `Residual L/C`, or two columns |
 *
 * The header row is the first row with at least two known headers (title rows above it are
 * skipped). `Konsekvens` or `Consequence` is the consequence text, unless the header carries a
 * numeric hint such as `(1-4)`, or it is the only consequence column next to a separate
 * likelihood column and holds only whole numbers: then it is the consequence level.
 *
 * Rows without an id column get the ids `R1`, `R2`, … in file order (blank rows do not
 * count); an empty id cell gets its row's `R<n>` too (or `R<n>-2`, … when the file uses
 * that id elsewhere). Ids are trimmed of surrounding white space; all other text is kept
 * exactly. Rows whose cells are all empty are skipped. Columns the export writes for people
 * only (computed value, band) are recognised and ignored on import.
 */
#ifndef ISMS_CSV_H
#define ISMS_CSV_H

#include "isms/base.h"
#include "isms/findings.h"
#include "isms/risk.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Largest CSV input accepted, in bytes (64 MiB). @since 0.1.0 */
#define ISMS_CSV_MAX_INPUT (64u * 1024u * 1024u)
/** Largest single cell accepted, in bytes (1 MiB). @since 0.1.0 */
#define ISMS_CSV_MAX_CELL (1024u * 1024u)

/**
 * @brief Flags for CSV export. The default (0) is what Swedish Excel opens directly:
 *        semicolon separated, UTF-8 with BOM, CRLF line ends.
 * @since 0.1.0
 */
typedef enum isms_csv_flags {
    ISMS_CSV_DEFAULT = 0,  /**< Semicolon, BOM, CRLF. */
    ISMS_CSV_COMMA = 1,    /**< Separate cells with commas instead of semicolons. */
    ISMS_CSV_TAB = 2,      /**< Separate cells with tabs instead of semicolons. */
    ISMS_CSV_NO_BOM = 4,   /**< Do not write the UTF-8 byte order mark. */
    ISMS_CSV_LF = 8        /**< End lines with LF instead of CRLF. */
} isms_csv_flags;

/**
 * @brief Reads a risk register from CSV text in memory.
 *
 * Levels outside the matrix's scales are kept (lint reports them); text that is not a level
 * at all is a parse error. On any error nothing is returned and nothing leaks.
 * @param[out] out The new register; the caller frees it with isms_register_free().
 * @param data The bytes (any encoding listed above; need not be NUL-terminated).
 * @param len Number of bytes, at most #ISMS_CSV_MAX_INPUT.
 * @param source Name used in error messages (a file name), or NULL for "<memory>".
 * @param matrix The matrix to score on, or NULL for "4x4" (the register takes a reference).
 * @param notes Optional list (may be NULL) that receives import notes: `csv-encoding`
 *              (Windows-1252 was detected), `csv-ignored-column` (a header not recognised,
 *              repeated, or data without a header), `csv-generated-id`. Notes are appended
 *              only when the import succeeds; should memory run out while they are being
 *              appended, the call fails with #ISMS_ENOMEM and those already appended stay.
 * @return #ISMS_OK, #ISMS_EINVAL, #ISMS_EPARSE (isms_error_last() has the line, the cell
 *         column and what was expected), #ISMS_EEXIST (duplicate id; line given),
 *         #ISMS_ERANGE (input or a cell too large), #ISMS_ENOMEM.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_register_parse_csv(isms_register **out, const char *data, size_t len,
                                        const char *source, isms_matrix *matrix,
                                        isms_findings *notes);

/**
 * @brief Reads a risk register from a CSV file; see isms_register_parse_csv().
 * @param[out] out The new register (caller frees with isms_register_free()).
 * @param path File path.
 * @param matrix The matrix, or NULL for "4x4".
 * @param notes Optional list for import notes, or NULL.
 * @return As isms_register_parse_csv(), plus #ISMS_EIO when the file cannot be read.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_register_load_csv(isms_register **out, const char *path,
                                       isms_matrix *matrix, isms_findings *notes);

/**
 * @brief Writes a register as CSV into a new buffer.
 *
 * Columns: id, title, consequence text, likelihood/consequence (`L/C`), stated value,
 * treatment, treatment option, owner, status, residual `L/C`, then for people the computed
 * value and band (ignored on import). Headers in the chosen language. Cells that a
 * spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, tab or CR) get a
 * leading apostrophe, which import removes again, so import → export → import gives the
 * same register.
 * @param[out] out New NUL-terminated buffer; the caller frees it with isms_free().
 * @param[out] len Its length in bytes without the NUL; may be NULL.
 * @param reg The register.
 * @param lang Language of the headers and labels.
 * @param flags Bitwise OR of #isms_csv_flags.
 * @return #ISMS_OK, #ISMS_EINVAL, #ISMS_ENOMEM.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_register_write_csv(char **out, size_t *len, const isms_register *reg,
                                        isms_lang lang, unsigned flags);

/**
 * @brief Saves a register as a CSV file without ever losing the old file.
 *
 * Writes a temporary file in the same directory, flushes and syncs it, keeps the old file's
 * permissions, and renames it over `path`. On failure the old file is untouched.
 * @param path File path.
 * @param reg The register.
 * @param lang Language of the headers.
 * @param flags Bitwise OR of #isms_csv_flags.
 * @return #ISMS_OK, #ISMS_EINVAL, #ISMS_EIO, #ISMS_ENOMEM.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_register_save_csv(const char *path, const isms_register *reg,
                                       isms_lang lang, unsigned flags);

#ifdef __cplusplus
}
#endif

#endif
