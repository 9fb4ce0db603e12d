/**
 * @file isms/csv.h
 * @brief CSV import and export of risk registers, gap analyses, asset inventories and
 *        improvement actions (io layer).
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
 * | vector (optional) | `Vektor`, `Vector`, `Riskvektor`, `Risk vector` |
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
 *
 * The optional vector column holds a vector of another rating method for the risk (CVSS 3.x
 * or 4.0, OWASP Risk Rating, DREAD; see isms/rating.h and isms_risk_set_vector()), trimmed
 * of surrounding white space; an empty cell means none. A cell that is not such a vector is
 * a parse error that repeats why (the method's message, with the position in the vector).
 *
 * Input that is not such a table is an error of every importer, with the line and the cell: a
 * file that is UTF-8 but for a character cut short at its end (a truncated file), or but for
 * fewer bytes than it has UTF-8 characters (text pasted from another encoding), is not read
 * as Windows-1252; UTF-16 (with or without a byte order mark), NUL bytes and binary files (an
 * image, a PDF, a ZIP archive such as an Excel workbook) are refused with what they seem to
 * be; an unclosed quote names the line where its cell starts. Errors about the whole file or a
 * whole row (empty, no header row, a missing column) have the column 0.
 */
#ifndef ISMS_CSV_H
#define ISMS_CSV_H

#include "isms/base.h"
#include "isms/findings.h"
#include "isms/risk.h"
#include "isms/assess.h"
#include "isms/asset.h"
#include "isms/plan.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @defgroup csv CSV import and export
 * @brief Risk registers, gap analyses, asset inventories and action lists read from and written
 *        to the spreadsheets organisations keep (Swedish or English headers, Excel and Word
 *        exports).
 *
 * isms/csv.h describes the module in full.
 * @{
 */

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
 * treatment, treatment option, owner, status, residual `L/C`, the vector (only when a risk
 * of the register has one), then for people the computed value and band (ignored on
 * import). Headers in the chosen language. Cells that a
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

/* ---- gap analyses ------------------------------------------------------------------------ */

/**
 * @brief Reads a gap analysis (or a Statement of Applicability) from CSV text in memory.
 *
 * The input may be any of the variants described for risk registers (encodings, delimiters,
 * BOM, CRLF, multi-line cells, blank rows, title rows). Columns are found by their header, in
 * Swedish or English:
 *
 * | field | headers recognised (examples) |
 * |---|---|
 * | reference | `ISO`, `Krav-ID`, `Avsnitt`, `Clause`, `Control`, `Ref`, `Id` |
 * | requirement text | `Krav`, `Kravtext`, `Requirement`, `Title`, `Rubrik` |
 * | status | `Nuläge`, `Status`, `Uppfyllt`, `Implemented` |
 * | comment | `Kommentar`, `Comment`, `Notes` |
 * | action plan | `Handlingsplan`, `Åtgärd`, `Action plan`, `Actions` |
 * | owner | `Ansvarig`, `Owner`, `Responsible` |
 * | need for action | `Åtgärdsbehov`, `Prioritet`, `Need`, `Priority` |
 * | due | `Datum`, `Klart`, `Deadline`, `Due`, `Due date` |
 * | evidence | `Bevis`, `Evidens`, `Evidence` (one reference per line) |
 * | applicability | `Tillämplig`, `Applicable` |
 * | justification | `Motivering`, `Justification` |
 * | reasons | `Skäl`, `Anledning`, `Reasons` |
 * | origin | `Ursprung`, `Origin` (written by conversion) |
 *
 * Status and need values are read in any case (isms_status_parse(), isms_need_parse()).
 * Other columns are kept as extra columns and written back on export; each is reported once
 * as `csv-extra-column` (info). So is a
 * second column with a known header (a second `Kommentar`). When several reference headers
 * are present, `ISO`, `Avsnitt`, `Clause`, `Krav-ID` win over `Id` and `Ref`, and a `Control`
 * column next to one of them is the requirement text (when there is none). Columns without a
 * header are not read (`csv-ignored-column`, warning). All text is kept exactly, except the
 * reference (trimmed) and the evidence (one trimmed reference per non-empty line).
 *
 * Rows: the reference cell may hold the id followed by title text, as Word tables do
 * (`6.1.2 Bedömning av informationssäkerhetsrisker`, `A.5.1: Policyer`): the id is split off,
 * and the rest is the requirement text when the requirement cell is empty. Ids are written
 * `6.1.2`, `§ 6.1.2`, `A.5.1`, `A 5.1`, `a5.1`, `5,1` (a decimal comma) or `A` alone; a
 * reference cell that does not start with one (`KSF-1`) is the reference as written, whole.
 * A row without a reference whose only text is in the
 * requirement column is a section heading (`4 Organisationens förutsättningar`): it is
 * skipped with a `gap-skipped-row` note (info); any other row without a reference is an
 * error. A row whose reference is a heading of the edition (a chapter `4`, `6.1`, an Annex A
 * group or 2013 control objective) is kept only when it carries data besides its requirement
 * text (a status, need, comment, plan, owner, due date, evidence, SoA field, origin or extra
 * cell); otherwise it is skipped silently. Blank rows are skipped.
 *
 * References `A.5.1`, `A 5.1` are Annex A; a plain number is a clause, unless the table's
 * plain numbers are, in the main (more than half of them), Annex A controls that are not
 * clauses (`5.23`, `8.12`): then they are all read as Annex A (`5.1` becomes `A.5.1`). Rows
 * that may be skipped as headings do not count in that vote. The scope is what the table's
 * entries hold (clauses, Annex A or both; both when they hold neither).
 *
 * Edition: `edition` wins when given. Otherwise a title row above the header (or the
 * reference header itself, `ISO 27001:2013`) that names an edition (`ISO/IEC 27001:2013`,
 * `SS-EN ISO/IEC 27001:2017`, `ISO/IEC 27001:2022/Amd 1:2024`) decides it, with the basis
 * #ISMS_BASIS_NAMED (title rows naming two different editions decide nothing). Otherwise it is
 * inferred, in this order: 6.3, 9.2.x or 9.3.x present → 2022; 10.1 and 10.2 described (in
 * the requirement text) as nonconformity and continual improvement → the edition that
 * numbers them so (`Avvikelser och korrigerande åtgärder`, `Ständig förbättring`, in Swedish
 * or English; one of the two suffices when the other does not contradict it); a clause list
 * that is exactly the 2013 set (every one of its 26 requirements, 9.2 and 9.3 included, and
 * no clause that 2013 does not have) → 2013; Annex A ids of one edition's form (`A.5.1.1` is
 * 2013, `A.8.34` is 2022; a 2013 table may also list its control objectives such as `A.5.1`)
 * → that edition; otherwise 2022. isms_assessment_edition_basis() says which rule decided,
 * and a `gap-edition` note (info) says it in words, naming the line that decided.
 * @param[out] out The new assessment (caller frees with isms_assessment_free()).
 * @param data The bytes.
 * @param len Number of bytes, at most #ISMS_CSV_MAX_INPUT.
 * @param source Name for error messages (a file name), or NULL.
 * @param edition The edition, or #ISMS_EDITION_UNKNOWN to infer it.
 * @param year The year assessed, 1900–9999 (due dates without a year take it).
 * @param notes Optional list for import notes (`csv-encoding`, `csv-extra-column`, `csv-ignored-column`,
 *              `gap-skipped-row`, `gap-edition`), appended only on success, all or none.
 * @return #ISMS_OK, #ISMS_EINVAL (NULL argument, unknown edition, year out of range),
 *         #ISMS_EPARSE (no header row; no reference column; a row with data but no
 *         reference; a status, need, applicability or reason not understood: line, column and
 *         the values accepted), #ISMS_EEXIST (a requirement twice: both lines named),
 *         #ISMS_ERANGE, #ISMS_ENOMEM. On any error nothing is returned and nothing leaks.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_assessment_parse_csv(isms_assessment **out, const char *data, size_t len,
                                          const char *source, isms_edition edition, int year,
                                          isms_findings *notes);

/**
 * @brief Reads a gap analysis from a CSV file; see isms_assessment_parse_csv().
 * @param[out] out The new assessment (caller frees).
 * @param path File path.
 * @param edition The edition, or #ISMS_EDITION_UNKNOWN to infer it.
 * @param year The year assessed.
 * @param notes Optional list for import notes, or NULL.
 * @return As isms_assessment_parse_csv(), plus #ISMS_EIO.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_assessment_load_csv(isms_assessment **out, const char *path,
                                         isms_edition edition, int year, isms_findings *notes);

/**
 * @brief Reads a gap analysis held against a given catalog (an imported one, see
 *        isms/oscal.h, or a built-in one) from CSV text in memory.
 *
 * As isms_assessment_parse_csv(), except that nothing is inferred: references are looked up
 * in `catalog` (isms_catalog_find(): an imported catalog's ids and OSCAL ids, in any ASCII
 * case — a label is an id unless another item shares it; also `A 5.1` for `A.5.1`, and a
 * reference cell whose first word is the id, `STY-1 Policy` or `DRI-1: Backups`, the rest
 * being the requirement text), a reference it
 * does not hold is kept as written (lint reports it), and the assessment's scope is
 * #ISMS_SCOPE_BOTH for an imported catalog. A title row that names an edition other than
 * the catalog's is a `gap-edition` note (warning) and does not change the catalog;
 * otherwise the `gap-edition` note (info) names the catalog used.
 * @param[out] out The new assessment (caller frees with isms_assessment_free()); it holds a
 *             reference to the catalog.
 * @param data The bytes.
 * @param len Number of bytes, at most #ISMS_CSV_MAX_INPUT.
 * @param source Name for error messages (a file name), or NULL.
 * @param catalog The catalog.
 * @param year The year assessed, 1900–9999.
 * @param notes Optional list for import notes, as for isms_assessment_parse_csv().
 * @return As isms_assessment_parse_csv().
 * @since 0.1.0
 */
ISMS_EXPORT int isms_assessment_parse_csv_catalog(isms_assessment **out, const char *data,
                                                  size_t len, const char *source,
                                                  const isms_catalog *catalog, int year,
                                                  isms_findings *notes);

/**
 * @brief Writes an assessment as a CSV gap table into a new buffer.
 *
 * The first row names the edition (`ISO/IEC 27001:2013`), so that import reads the table back
 * as that edition (with the basis #ISMS_BASIS_NAMED); for an assessment against an imported
 * catalog it names the catalog's title (read such a table back with
 * isms_assessment_parse_csv_catalog()), the reference column is headed `Krav-ID` /
 * `Requirement ID`, and an entry without requirement text gets its control's title in that
 * column (a blank table to fill in shows what each control is), which import reads back as
 * no text. Then the header and one row per entry,
 * in order. Columns: reference, requirement text, status (empty when not assessed), comment,
 * action plan, owner, need, due (the text as written), evidence (one reference per line),
 * then applicability, justification and reasons when any entry has one of them, then origin
 * when any entry has one, then the extra columns kept from import. Headers are
 * `ISO, Krav, Nuläge, Kommentar, Handlingsplan, Ansvarig, Åtgärdsbehov, Datum, Bevis,
 * Tillämplig, Motivering, Skäl, Ursprung` or `Clause, Requirement, Status, Comment,
 * Action plan, Owner, Need, Due, Evidence, Applicable, Justification, Reasons, Origin`;
 * values in the chosen language; formula cells neutralised as in the risk export. Import →
 * export → import gives the same assessment: edition, scope, year, entries in order with every
 * field, extra columns in order. For an assessment built otherwise, note that import takes
 * the scope from what the entries hold, and skips an entry for a heading such as `6.1` that
 * carries no data (see isms_assessment_parse_csv()).
 * @param[out] out New NUL-terminated buffer; the caller frees it with isms_free().
 * @param[out] len Its length without the NUL; may be NULL.
 * @param assessment The assessment.
 * @param lang Language of headers and values.
 * @param flags Bitwise OR of #isms_csv_flags.
 * @return #ISMS_OK, #ISMS_EINVAL, #ISMS_ENOMEM.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_assessment_write_csv(char **out, size_t *len,
                                          const isms_assessment *assessment, isms_lang lang,
                                          unsigned flags);

/**
 * @brief Saves an assessment as a CSV file without ever losing the old file (see
 *        isms_register_save_csv()).
 * @param path File path.
 * @param assessment The assessment.
 * @param lang Language of headers and values.
 * @param flags Bitwise OR of #isms_csv_flags.
 * @return #ISMS_OK, #ISMS_EINVAL, #ISMS_EIO, #ISMS_ENOMEM.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_assessment_save_csv(const char *path, const isms_assessment *assessment,
                                         isms_lang lang, unsigned flags);

/* ---- asset inventories ------------------------------------------------------------------ */

/**
 * @brief Reads an asset inventory (one row per asset) from CSV text in memory.
 *
 * The input may be any of the variants described for risk registers (encodings, delimiters,
 * BOM, CRLF, multi-line cells, blank rows, title rows). Columns are found by their header, in
 * Swedish or English, whatever the case, spacing, hyphenation or parenthesised hint
 * (`Intervall (månader)`, `Informations-` + line break + `ägare`):
 *
 * | field | headers recognised |
 * |---|---|
 * | id | `ID`, `Nr`, `Nummer`, `Objekt-ID`, `Tillgångs-ID`, `Asset ID`, `Ref` |
 * | name | `Namn`, `Benämning`, `Informationsmängd`, `Informationstillgång`, `Tillgång`, `Objekt`, `Name`, `Asset`, `Asset name`, `Information set` |
 * | type | `Typ`, `Objekttyp`, `Tillgångstyp`, `Type`, `Asset type` |
 * | owner | `Ägare`, `Informationsägare`, `Systemägare`, `Ansvarig`, `Owner`, `Information owner`, `System owner`, `Asset owner` |
 * | description | `Beskrivning`, `Description` |
 * | confidentiality | `K`, `Konfidentialitet`, `C`, `Confidentiality` |
 * | integrity | `R`, `Riktighet`, `I`, `Integrity` |
 * | availability | `Tillgänglighet`, `A`, `Availability`; `T` in a Swedish table (see below) |
 * | traceability | `S`, `Spårbarhet`, `Traceability`; `T` in an English table |
 * | personal data | `Personuppgifter`, `Personal data` |
 * | special categories | `Känsliga personuppgifter`, `Känsliga kategorier`, `Särskilda kategorier`, `Special categories` (also `… av personuppgifter`, `… of personal data`) |
 * | NIS relevance | `NIS`, `NIS2`, `Samhällsviktig`, `Samhällsviktig verksamhet` |
 * | last classified | `Senast klassad`, `Senast klassificerad`, `Klassad`, `Klassningsdatum`, `Last classified`, `Classified`, `Classification date` |
 * | interval (months) | `Intervall`, `Omklassning (månader)`, `Omklassningsintervall`, `Interval`, `Reclassification interval` |
 * | purpose | `Ändamål`, `Ändamål med behandlingen`, `Purpose`, `Purpose of processing` |
 * | legal basis | `Rättslig grund`, `Laglig grund`, `Legal basis` |
 * | data subjects | `Registrerade`, `Kategorier av registrerade`, `Data subjects`, `Categories of data subjects` |
 * | categories of personal data | `Personuppgiftskategorier`, `Kategorier av personuppgifter`, `Categories of personal data`, `Data categories` |
 * | recipients | `Mottagare`, `Kategorier av mottagare`, `Recipients` |
 * | third-country transfers | `Tredje land`, `Överföring till tredje land`, `Third-country transfers`, `Transfers` |
 * | safeguards | `Skyddsåtgärder`, `Safeguards` |
 * | retention | `Gallring`, `Gallringsfrist`, `Lagringstid`, `Retention`, `Retention period` |
 * | security measures | `Säkerhetsåtgärder`, `Security measures` |
 * | overrides | `Manuell K`, `Manuell R`, `Manuell T`, `Manuell S` (Swedish letters: T is tillgänglighet), `Override C`, `Override I`, `Override A`, `Override T` (English letters: T is traceability), or the aspect's full name after `Manuell` / `Override` |
 * | justification of the overrides | `Motivering`, `Justification`, `Override justification` |
 *
 * The letter `T` is tillgänglighet in a table that also has a `K` or `R` column (Swedish
 * K-R-T-S) and traceability in one with `C`, `I` or `A` (English C-I-A-T). Failing those
 * letters, it is traceability next to an availability column (`Tillgänglighet`,
 * `Availability`), availability next to a traceability column, availability next to
 * `Konfidentialitet` or `Riktighet` and traceability next to `Confidentiality` or `Integrity`;
 * when nothing tells, the header is an error.
 *
 * The header row is the first row with at least two known headers (title rows above it are
 * skipped). It needs an id or a name column; without an id column each asset's id is its
 * name (trimmed), with a `csv-generated-id` note (info). Columns not recognised are noted as
 * `csv-ignored-column` (info); a second column for the same field (a second `Ägare`) and data
 * in a column without a header are noted the same way as warnings. None of them is read.
 *
 * Values: levels are numbers or names of the aspect's scale in either language, any case
 * (isms_scheme_parse_level()), also both together as drop-down lists write them (`3 -
 * Allvarlig`, `3 (Allvarlig)`, which must agree); empty is unclassified. Types by
 * isms_asset_type_parse() (empty is information); personal data and special categories as
 * lists (isms_pdata_parse(), isms_special_parse(); special categories imply
 * #ISMS_PDATA_SPECIAL); NIS `Ja`, `Nej`, `Yes`, `No`, `X` or empty (no); the date last
 * classified as `YYYY-MM-DD` (isms_date_parse()); the interval as whole months 1–120 (empty is
 * the default, 12). Ids are trimmed; every other text is kept exactly. Rows whose recognised
 * cells are all empty are skipped (their other cells are covered by the column notes).
 * @param[out] out The new inventory (caller frees with isms_inventory_free()).
 * @param data The bytes (need not be NUL-terminated).
 * @param len Their number, at most #ISMS_CSV_MAX_INPUT.
 * @param source Name for error messages (a file name), or NULL.
 * @param scheme The scheme, or NULL for "klassa" (the inventory takes a reference).
 * @param notes Optional list (may be NULL) for import notes (`csv-encoding`,
 *              `csv-ignored-column`, `csv-generated-id`), appended only on success, all or
 *              none.
 * @return #ISMS_OK, #ISMS_EINVAL (NULL argument), #ISMS_EPARSE (no header row; no id or name
 *         column; an ambiguous `T`; an empty id; a level not on the scale, naming the scale
 *         and its levels; a level for an aspect the scheme lacks; a type, personal data,
 *         special category, NIS value, date or interval not understood, naming what is
 *         accepted; with the line and the column), #ISMS_EEXIST (an id twice: both lines
 *         named), #ISMS_ERANGE (input or a cell too large), #ISMS_ENOMEM. On any error nothing
 *         is returned and nothing leaks.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_inventory_parse_csv(isms_inventory **out, const char *data, size_t len,
                                         const char *source, isms_scheme *scheme,
                                         isms_findings *notes);

/**
 * @brief Reads an asset inventory from a CSV file; see isms_inventory_parse_csv().
 * @param[out] out The new inventory (caller frees with isms_inventory_free()).
 * @param path File path.
 * @param scheme The scheme, or NULL for "klassa".
 * @param notes Optional list for import notes, or NULL.
 * @return As isms_inventory_parse_csv(), plus #ISMS_EIO when the file cannot be read.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_inventory_load_csv(isms_inventory **out, const char *path,
                                        isms_scheme *scheme, isms_findings *notes);

/**
 * @brief Reads relations from CSV text into an inventory, all or none.
 *
 * One row per relation "source kind destination", in any of the CSV variants above:
 *
 * | field | headers recognised |
 * |---|---|
 * | source | `Från`, `Från-ID`, `Källa`, `From`, `From ID`, `Source`, `Source ID` |
 * | kind | `Relation`, `Relationstyp`, `Typ`, `Kind`, `Type`, `Relation type` |
 * | destination | `Till`, `Till-ID`, `Mål`, `To`, `To ID`, `Target`, `Target ID`, `Destination` |
 *
 * All three columns are needed. Kinds are read with isms_relkind_parse() (`processes`,
 * `depends on`, `behandlar`, `lagras i` …, any case). Ids are trimmed and must name assets of
 * the inventory. The relations are added after the inventory's own, in file order; blank rows
 * are skipped; other columns are noted as for assets. On error nothing is added, and the
 * results of an earlier isms_inventory_classify() stay valid; on success they are out of date
 * as after isms_inventory_link() (unless the file holds no relation).
 * @param inv The inventory whose assets the relations name.
 * @param data The bytes.
 * @param len Their number, at most #ISMS_CSV_MAX_INPUT.
 * @param source Name for error messages, or NULL.
 * @param notes Optional list for import notes (`csv-encoding`, `csv-ignored-column`),
 *              appended only on success.
 * @return #ISMS_OK, #ISMS_EINVAL (NULL argument), #ISMS_EPARSE (no header row or a missing
 *         column; an empty id; an unknown kind, naming the kinds accepted; an asset related
 *         to itself), #ISMS_ENOTFOUND (an id not in the inventory; line and column given),
 *         #ISMS_EEXIST (a relation twice in the file, both lines named, or one the inventory
 *         already has), #ISMS_ERANGE, #ISMS_ENOMEM. On error the inventory is unchanged.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_inventory_parse_relations_csv(isms_inventory *inv, const char *data,
                                                   size_t len, const char *source,
                                                   isms_findings *notes);

/**
 * @brief Reads relations from a CSV file; see isms_inventory_parse_relations_csv().
 * @param inv The inventory.
 * @param path File path.
 * @param notes Optional list for import notes, or NULL.
 * @return As isms_inventory_parse_relations_csv(), plus #ISMS_EIO.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_inventory_load_relations_csv(isms_inventory *inv, const char *path,
                                                  isms_findings *notes);

/**
 * @brief Writes the assets of an inventory as CSV into a new buffer.
 *
 * One row per asset in insertion order, every field: `ID, Namn, Typ, Ägare, Beskrivning, K,
 * R, T, S, Personuppgifter, Känsliga personuppgifter, NIS, Senast klassad, Intervall
 * (månader), Ändamål, Rättslig grund, Registrerade, Personuppgiftskategorier, Mottagare,
 * Tredje land, Skyddsåtgärder, Gallring, Säkerhetsåtgärder, Manuell K, Manuell R, Manuell T,
 * Manuell S, Motivering` or `ID, Name, Type, Owner, Description, C, I, A, T, Personal data,
 * Special categories, NIS, Last classified, Interval (months), Purpose, Legal basis, Data
 * subjects, Categories of personal data, Recipients, Third-country transfers, Safeguards,
 * Retention, Security measures, Override C, Override I, Override A, Override T,
 * Justification` (the traceability columns only when the scheme has traceability). Levels and
 * overrides as numbers (empty when unset), the type, personal data and special categories as
 * labels in the chosen language (lists joined with ", "), NIS as `Ja`/`Nej` or `Yes`/`No`,
 * dates as `YYYY-MM-DD`, the interval in months; formula cells neutralised as in the risk
 * export. Import with the same scheme → export → import gives the same inventory.
 * @param[out] out New NUL-terminated buffer; the caller frees it with isms_free().
 * @param[out] len Its length without the NUL; may be NULL.
 * @param inv The inventory.
 * @param lang Language of headers and values.
 * @param flags Bitwise OR of #isms_csv_flags.
 * @return #ISMS_OK, #ISMS_EINVAL, #ISMS_ENOMEM.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_inventory_write_csv(char **out, size_t *len, const isms_inventory *inv,
                                         isms_lang lang, unsigned flags);

/**
 * @brief Writes the relations of an inventory as CSV into a new buffer.
 *
 * Columns `Från, Relation, Till` or `From, Kind, To`, one row per relation in insertion
 * order, with the ids of its assets; the kind as its Swedish form (`behandlar`, `stödjer`,
 * `är beroende av`, `lagras i`, `driftar`) or its name (isms_relkind_name()), both of which
 * isms_inventory_parse_relations_csv() reads back.
 * @param[out] out New NUL-terminated buffer; the caller frees it with isms_free().
 * @param[out] len Its length without the NUL; may be NULL.
 * @param inv The inventory.
 * @param lang Language of headers and kinds.
 * @param flags Bitwise OR of #isms_csv_flags.
 * @return #ISMS_OK, #ISMS_EINVAL, #ISMS_ENOMEM.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_inventory_write_relations_csv(char **out, size_t *len,
                                                   const isms_inventory *inv, isms_lang lang,
                                                   unsigned flags);

/**
 * @brief Saves the assets as a CSV file without ever losing the old file (see
 *        isms_register_save_csv()).
 * @param path File path.
 * @param inv The inventory.
 * @param lang Language of headers and values.
 * @param flags Bitwise OR of #isms_csv_flags.
 * @return #ISMS_OK, #ISMS_EINVAL, #ISMS_EIO, #ISMS_ENOMEM.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_inventory_save_csv(const char *path, const isms_inventory *inv,
                                        isms_lang lang, unsigned flags);

/**
 * @brief Saves the relations as a CSV file without ever losing the old file (see
 *        isms_register_save_csv()).
 * @param path File path.
 * @param inv The inventory.
 * @param lang Language of headers and kinds.
 * @param flags Bitwise OR of #isms_csv_flags.
 * @return #ISMS_OK, #ISMS_EINVAL, #ISMS_EIO, #ISMS_ENOMEM.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_inventory_save_relations_csv(const char *path, const isms_inventory *inv,
                                                  isms_lang lang, unsigned flags);

/* ---- improvement actions ---------------------------------------------------------------- */

/**
 * @brief Reads improvement actions from CSV text in memory into a new plan.
 *
 * The input may be any of the variants described for risk registers. Columns are found by
 * their header, in Swedish or English:
 *
 * | field | headers recognised (examples) |
 * |---|---|
 * | id | `Åtgärd-id`, `Id`, `Nr`, `Action id` |
 * | title | `Åtgärd`, `Rubrik`, `Titel`, `Action`, `Title` |
 * | description | `Beskrivning`, `Description` |
 * | owner | `Ansvarig`, `Owner`, `Responsible` |
 * | effort | `Insats`, `Omfattning`, `Effort` (`M`, `20`, `2 veckor`; isms_effort_parse()) |
 * | cost | `Kostnad`, `Cost` (a number; spaces and a `kr`/`SEK` suffix allowed) |
 * | due | `Klart senast`, `Datum`, `Due` |
 * | status | `Status` (isms_action_status_parse()) |
 * | recurrence | `Återkommande`, `Intervall`, `Recurrence` (isms_recurrence_parse()) |
 * | targets | `Mål`, `Adresserar`, `Targets` (`risk:R1, req:6.1.2 asset:HR`; separated by
 *   commas, semicolons, spaces or line breaks) |
 * | prerequisites | `Förutsättningar`, `Beroenden`, `Prerequisites`, `Depends on` (ids,
 *   separated the same way) |
 * | expected residual | `Förväntad restrisk`, `Expected residual` (`2/3`) |
 * | expected status | `Förväntat nuläge`, `Expected status` |
 *
 * A cell of targets or prerequisites is a list: items are separated by commas, semicolons,
 * white space or line breaks; double quotes keep separators inside one item
 * (`asset:"HR system"`, a quote inside doubled). Expected status accepts `Ja`/`Yes` and
 * `Delvis`/`Partial`. Export writes target prefixes in the language asked for (`krav:`,
 * `tillgång:` or `req:`, `asset:`).
 *
 * Rows without an id get `A1`, `A2`, … in file order (`A3-2` when the file uses `A3`
 * elsewhere). Prerequisites may name actions on
 * later rows; one that names no action of the file is an error naming both ids and the
 * line. Other columns are reported once as `csv-ignored-column`.
 * @param[out] out The new plan (caller frees with isms_plan_free()).
 * @param data The bytes.
 * @param len Number of bytes, at most #ISMS_CSV_MAX_INPUT.
 * @param source Name for error messages, or NULL.
 * @param year The plan's year (due texts without a year take it), 1900–9999.
 * @param notes Optional list for import notes (`csv-encoding`, `csv-ignored-column`,
 *              `csv-generated-id`), appended only on success.
 * @return #ISMS_OK, #ISMS_EINVAL, #ISMS_EPARSE (line, column and what was expected),
 *         #ISMS_EEXIST (an id twice: both lines named), #ISMS_ENOTFOUND (a prerequisite that
 *         is not in the file), #ISMS_ECYCLE, #ISMS_ERANGE, #ISMS_ENOMEM. On any error nothing
 *         is returned and nothing leaks.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_plan_parse_csv(isms_plan **out, const char *data, size_t len,
                                    const char *source, int year, isms_findings *notes);

/**
 * @brief Reads improvement actions from a CSV file, as isms_plan_parse_csv() does.
 * @param[out] out The new plan (caller frees with isms_plan_free()).
 * @param path The file.
 * @param year The plan's year.
 * @param notes Optional list for import notes.
 * @return As isms_plan_parse_csv(), and #ISMS_EIO.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_plan_load_csv(isms_plan **out, const char *path, int year,
                                   isms_findings *notes);

/**
 * @brief Writes a plan's actions as CSV, in the plan's order, with every column above.
 *
 * Cells that a spreadsheet would run as a formula are neutralised as in
 * isms_register_write_csv(). Reading the output back gives the same actions.
 * @param[out] out The text; the caller frees it with isms_free().
 * @param[out] len Its length; may be NULL.
 * @param plan The plan.
 * @param lang Language of the headers and the vocabulary.
 * @param flags #isms_csv_flags.
 * @return #ISMS_OK, #ISMS_EINVAL, #ISMS_ENOMEM.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_plan_write_csv(char **out, size_t *len, const isms_plan *plan,
                                    isms_lang lang, unsigned flags);

/**
 * @brief Saves a plan's actions to a CSV file atomically.
 * @param path The file.
 * @param plan The plan.
 * @param lang Language of the headers and the vocabulary.
 * @param flags #isms_csv_flags.
 * @return #ISMS_OK, #ISMS_EINVAL, #ISMS_EIO, #ISMS_ENOMEM.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_plan_save_csv(const char *path, const isms_plan *plan, isms_lang lang,
                                   unsigned flags);

/** @} */

#ifdef __cplusplus
}
#endif

#endif
