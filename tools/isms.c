/*
 * isms: the command line of libisms.
 *
 * main() owns the one #cli structure of a run. This file holds the table of subcommands
 * with their help text, the options and their parser, the choice of format, language and
 * colour, and the help output; the subcommands themselves live in cmd-*.c.
 */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cli.h"

/* ---- options --------------------------------------------------------------------------- */

typedef struct opt_spec {
    cli_opt_id id;
    const char *name;      /* --name */
    char short_name;       /* -x, or 0 */
    const char *arg_sv, *arg_en; /* the argument's name in help, NULL for a flag */
    const char *help_sv, *help_en;
} opt_spec;

static const opt_spec opt_specs[] = {
    {OPT_HELP, "help", 'h', NULL, NULL, "visa den här hjälpen", "show this help"},
    {OPT_FORMAT, "format", 'f', "FORMAT", "FORMAT", "utdataformat", "output format"},
    {OPT_LANG, "lang", 0, "SPRÅK", "LANG",
     "sv eller en (standard: dokumentets språk, annars miljöns LANG)",
     "sv or en (default: the document's language, else LANG of the environment)"},
    {OPT_OUTPUT, "output", 'o', "FIL", "FILE",
     "skriv till FIL (atomiskt) i stället för standard ut; ändelsen ger formatet",
     "write to FILE (atomically) instead of standard output; its extension gives the format"},
    {OPT_QUIET, "quiet", 'q', NULL, NULL, "inga meddelanden på standard fel",
     "no notes on standard error"},
    {OPT_VERBOSE, "verbose", 'v', NULL, NULL, "alla meddelanden på standard fel",
     "every note on standard error"},
    {OPT_COMMA, "comma", 0, NULL, NULL,
     "CSV: komma som avgränsare (standard semikolon, tabb för en .tsv-fil); den sista av "
     "--comma och --tab gäller, och båda går före filändelsen",
     "CSV: comma separated (default semicolon, tab for a .tsv file); the last of --comma and "
     "--tab wins, and either wins over the file's extension"},
    {OPT_TAB, "tab", 0, NULL, NULL, "CSV: tabb som avgränsare (som en .tsv-fil)",
     "CSV: tab separated (as a .tsv file)"},
    {OPT_NO_BOM, "no-bom", 0, NULL, NULL, "CSV: ingen byte order mark i början",
     "CSV: no byte order mark at the start"},
    {OPT_LF, "lf", 0, NULL, NULL, "CSV: radslut LF (standard CRLF)",
     "CSV: LF line ends (default CRLF)"},
    {OPT_WIDTH, "width", 'w', "N", "N",
     "text: radbredd, 40–1000 (standard: terminalens bredd; annars tabeller utan radbrytning "
     "och rapporten 100)",
     "text: line width, 40–1000 (default: the terminal's width; else tables as wide as they "
     "are and the report 100)"},
    {OPT_NO_SIMULATE, "no-simulate", 0, NULL, NULL, "kör inte de kvantitativa modellerna",
     "do not run the quantitative models"},
    {OPT_LIKELIHOOD, "likelihood", 'l', "NIVÅ", "LEVEL",
     "sannolikhet: nummer eller benämning (utan dokument)",
     "likelihood: a number or a label (without a document)"},
    {OPT_CONSEQUENCE, "consequence", 'c', "NIVÅ", "LEVEL",
     "konsekvens: nummer eller benämning (utan dokument)",
     "consequence: a number or a label (without a document)"},
    {OPT_MATRIX, "matrix", 'm', "NAMN", "NAME", "riskmatris: 4x4 (standard), 5x5 eller 3x3",
     "risk matrix: 4x4 (default), 5x5 or 3x3"},
    {OPT_RESIDUAL, "residual", 'r', NULL, NULL, "sortera efter restrisk",
     "sort by residual risk"},
    {OPT_PERIOD, "period", 0, "ENHET", "UNIT",
     "periodlängd: year, tertial, quarter eller month (år, kvartal, månad)",
     "period length: year, tertial, quarter or month"},
    {OPT_PERIODS, "periods", 0, "N", "N", "antal perioder, 1–1200", "number of periods, 1–1200"},
    {OPT_CAPACITY, "capacity", 0, "DAGAR", "DAYS",
     "persondagar per period för alla (0: obegränsat)",
     "person-days per period for everyone (0: unlimited)"},
    {OPT_START, "start", 0, "ÅR", "YEAR", "planens första år", "the plan's first year"},
    {OPT_EXPLAIN, "explain", 0, NULL, NULL, "förklara varje åtgärds prioritet",
     "explain each action's priority"},
    {OPT_ORG, "org", 0, "NAMN", "NAME", "organisationen (nytt dokument)",
     "the organisation (new document)"},
    {OPT_UNIT, "unit", 0, "NAMN", "NAME", "enheten inom organisationen",
     "the unit within the organisation"},
    {OPT_KIND, "kind", 'k', "SLAG", "KIND",
     "tabellernas slag i stället för att känna igen dem: gap, risks, assets, relations, "
     "actions",
     "the tables' kind instead of recognising it: gap, risks, assets, relations, actions"},
    {OPT_TABLE, "table", 't', "SLAG", "KIND",
     "skriv den tabellen ur dokumentet som CSV: gap, risks, assets, relations, actions",
     "write that table of the document as CSV: gap, risks, assets, relations, actions"},
    {OPT_TO, "to", 0, "UTGÅVA", "EDITION",
     "konvertera gapanalyserna till utgåvan (2013, 2022 eller 2024)",
     "convert the gap analyses to the edition (2013, 2022 or 2024)"},
    {OPT_YEAR, "year", 'y', "ÅR", "YEAR",
     "dokumentets år och en ensam gaptabells; med --table gap: den gapanalys som skrivs",
     "the document's year and a single gap table's; with --table gap: the one to write"},
    {OPT_DATE, "date", 0, "DATUM", "DATE", "referensdatum ÅÅÅÅ-MM-DD",
     "reference date YYYY-MM-DD"},
    {OPT_EDITION, "edition", 'e', "UTGÅVA", "EDITION", "2013, 2022 (standard) eller 2024",
     "2013, 2022 (default) or 2024"},
    {OPT_CATALOG, "catalog", 'c', "FIL", "FILE",
     "en OSCAL-katalog (ett annat ramverk) i stället för en utgåva av ISO/IEC 27001",
     "an OSCAL catalog (another framework) instead of an edition of ISO/IEC 27001"},
    {OPT_ANNEX, "annex", 'a', NULL, NULL, "bara bilaga A", "Annex A only"},
    {OPT_CLAUSES, "clauses", 0, NULL, NULL, "bara ledningssystemskraven (kapitel 4–10)",
     "the management-system clauses only (chapters 4–10)"},
    {OPT_REQUIREMENTS, "requirements", 0, NULL, NULL,
     "bara det som bedöms: krav och säkerhetsåtgärder",
     "only what is assessed: requirements and controls"},
    {OPT_ATTR, "attr", 0, "VÄRDE", "VALUE",
     "2022: säkerhetsåtgärder med attributet (#Preventive, Detektera …); upprepas",
     "2022: controls with the attribute (#Preventive, detect …); repeatable"},
    {OPT_ANY, "any", 0, NULL, NULL, "med --attr: ett värde per familj räcker",
     "with --attr: one value per family is enough"},
    {OPT_ITERATIONS, "iterations", 'n', "N", "N",
     "simulerade år (standard: dokumentets, 10000)",
     "simulated years (default: the document's, 10000)"},
    {OPT_SEED, "seed", 's', "N", "N", "slumpfrö 0–9223372036854775807 (standard: dokumentets, 1)",
     "random seed 0–9223372036854775807 (default: the document's, 1)"},
};

#define N_SPECS (sizeof opt_specs / sizeof opt_specs[0])

/* Options every subcommand takes. */
static const int common_options[] = {OPT_FORMAT, OPT_OUTPUT, OPT_LANG, OPT_QUIET, OPT_VERBOSE,
                                     OPT_HELP, OPT_NONE};
/* Options of commands that write CSV. */
static const int csv_options[] = {OPT_COMMA, OPT_TAB, OPT_NO_BOM, OPT_LF, OPT_NONE};
/* Options of commands that write text. */
static const int text_options[] = {OPT_WIDTH, OPT_NONE};

static const int report_opts[] = {OPT_NO_SIMULATE, OPT_NONE};
static const int lint_opts[] = {OPT_NONE};
static const int score_opts[] = {OPT_LIKELIHOOD, OPT_CONSEQUENCE, OPT_MATRIX, OPT_RESIDUAL,
                                 OPT_NONE};
static const int classify_opts[] = {OPT_NONE};
static const int plan_opts[] = {OPT_PERIOD, OPT_PERIODS, OPT_CAPACITY, OPT_START, OPT_EXPLAIN,
                                OPT_NONE};
static const int convert_opts[] = {OPT_ORG, OPT_UNIT, OPT_YEAR, OPT_DATE, OPT_KIND, OPT_TABLE,
                                   OPT_TO, OPT_CATALOG, OPT_EDITION, OPT_NONE};
static const int catalog_opts[] = {OPT_EDITION, OPT_CATALOG, OPT_ANNEX, OPT_CLAUSES,
                                   OPT_REQUIREMENTS, OPT_ATTR, OPT_ANY, OPT_NONE};
static const int cvss_opts[] = {OPT_MATRIX, OPT_NONE};
static const int simulate_opts[] = {OPT_ITERATIONS, OPT_SEED, OPT_NONE};
static const int version_opts[] = {OPT_NONE};

/* ---- the subcommands ------------------------------------------------------------------- */

static const cli_command commands[] = {
    {"report", cmd_report, FMT_TEXT | FMT_MD | FMT_HTML | FMT_JSON, FMT_TEXT, report_opts,
     "report DOKUMENT [-f text|md|html|json] [-o FIL]",
     "report DOCUMENT [-f text|md|html|json] [-o FILE]",
     "skriv ledningens genomgång", "write the management review",
     "Skriver ledningens genomgång av dokumentet: sammanfattning med nyckeltal, det som\n"
     "påverkar ledningssystemet, riskerna med värmekartor, gapanalysen per kapitel,\n"
     "klassningen, den prioriterade handlingsplanen, kvantitativa resultat, alla\n"
     "anmärkningar och ett avsnitt för ledningens beslut. Text till en terminal (i färg),\n"
     "Markdown, fristående HTML (utskrivbar på A4) eller nyckeltalen som JSON. Med -o och\n"
     "utan --format väljs formatet efter filändelsen (.html, .md, .json, .txt).",
     "Writes the management review of the document: summary with key figures, what\n"
     "affects the ISMS, the risks with heat maps, the gap analysis per chapter, the\n"
     "classification, the prioritised improvement plan, quantitative results, every\n"
     "finding and a section for management's decision. Text for a terminal (in colour),\n"
     "Markdown, self-contained HTML (prints on A4) or the key figures as JSON. With -o and\n"
     "no --format the format follows the file's extension (.html, .md, .json, .txt).",
     "isms report isms.json\nisms report isms.json -o genomgang-2024.html\n"
     "isms report isms.json --lang en --format md > review.md"},
    {"lint", cmd_lint, FMT_TABLES, FMT_TEXT, lint_opts,
     "lint DOKUMENT [-f text|json|csv|md|html]", "lint DOCUMENT [-f text|json|csv|md|html]",
     "granska dokumentet och lista anmärkningar", "check the document and list the findings",
     "Kör alla granskningar av dokumentet (riskerna, den senaste gapanalysen, tillgångarna,\n"
     "handlingsplanen och dokumentet självt) och listar anmärkningarna med allvarlighet,\n"
     "kod, vad de avser och meddelande. Avslutas med status 1 när någon anmärkning är ett\n"
     "fel.",
     "Runs every check of the document (the risks, the latest gap analysis, the assets, the\n"
     "plan and the document itself) and lists the findings with severity, code, what they\n"
     "concern and message. Exits with status 1 when a finding is an error.",
     "isms lint isms.json\nisms lint isms.json --format json | jq '.counts'"},
    {"score", cmd_score, FMT_TABLES, FMT_TEXT, score_opts,
     "score DOKUMENT [-r] | isms score -l NIVÅ -c NIVÅ [-m 4x4|5x5|3x3]",
     "score DOCUMENT [-r] | isms score -l LEVEL -c LEVEL [-m 4x4|5x5|3x3]",
     "riskvärden och nivåer", "risk values and bands",
     "Med ett dokument: riskerna sorterade efter värde med sannolikhet, konsekvens, värde\n"
     "och nivå före och efter behandling, och antal risker per nivå. Utan dokument:\n"
     "värdet och nivån av en sannolikhet och en konsekvens på en riskmatris.",
     "With a document: the risks sorted by value with likelihood, consequence, value and\n"
     "band before and after treatment, and the number of risks per band. Without a\n"
     "document: the value and band of one likelihood and consequence on a risk matrix.",
     "isms score isms.json\nisms score --likelihood 3 --consequence 4\n"
     "isms score -l 4 -c 5 --matrix 5x5 --format json"},
    {"classify", cmd_classify, FMT_TABLES, FMT_TEXT, classify_opts,
     "classify DOKUMENT", "classify DOCUMENT",
     "tillgångarnas klassning och varifrån den kommer",
     "the assets' classification and where it comes from",
     "Klassar tillgångarna: för varje aspekt den gällande nivån och dess ursprung: egen\n"
     "bedömning, ärvd från en tillgång som den stödjer (← ID), höjd till golvet som\n"
     "personuppgifter kräver (golv) eller manuellt satt (manuell).",
     "Classifies the assets: per aspect the effective level and where it comes from: the\n"
     "asset's own assessment, inherited from an asset it supports (← ID), raised to the\n"
     "floor that personal data calls for (floor) or set by hand (override).",
     "isms classify isms.json\nisms classify isms.json --format csv -o klassning.csv"},
    {"plan", cmd_plan, FMT_TABLES, FMT_TEXT, plan_opts,
     "plan DOKUMENT [--period ENHET] [--periods N] [--capacity DAGAR] [--explain]",
     "plan DOCUMENT [--period UNIT] [--periods N] [--capacity DAYS] [--explain]",
     "den prioriterade handlingsplanen per period", "the prioritised plan per period",
     "Prioriterar handlingsplanens öppna åtgärder och fördelar dem på perioder efter\n"
     "förutsättningar och kapacitet, med dokumentets inställningar om inget annat sägs.\n"
     "Återkommande åtgärder står i varje period de hör till.",
     "Prioritises the plan's open actions and places them in periods by prerequisites and\n"
     "capacity, with the document's settings unless told otherwise. Recurring actions\n"
     "appear in every period they belong to.",
     "isms plan isms.json\nisms plan isms.json --period tertial --periods 6 --explain\n"
     "isms plan isms.json --format csv -o plan.csv"},
    {"convert", cmd_convert, FMT_JSON | FMT_CSV | FMT_OSCAL, FMT_NONE, convert_opts,
     "convert TABELL.csv... [--org NAMN] [--year ÅR] [-o DOK.json]\n"
     "       isms convert DOKUMENT [TABELL.csv...] [--table SLAG] [--to 2022] [-o FIL]\n"
     "       isms convert GAP.csv --to 2022 [-o GAP-2022.csv]\n"
     "       isms convert DOKUMENT -f oscal-ar|oscal-poam|oscal-catalog [-o FIL]\n"
     "       isms convert -f oscal-catalog [-e 2013|2022|2024] [-o FIL]\n"
     "       isms convert KATALOG.json [--year ÅR] [-f csv|oscal-catalog] [-o FIL]\n"
     "       isms convert GAP.csv... --catalog KATALOG.json [-o DOK.json]",
     "convert TABLE.csv... [--org NAME] [--year YEAR] [-o DOC.json]\n"
     "       isms convert DOCUMENT [TABLE.csv...] [--table KIND] [--to 2022] [-o FILE]\n"
     "       isms convert GAP.csv --to 2022 [-o GAP-2022.csv]\n"
     "       isms convert DOCUMENT -f oscal-ar|oscal-poam|oscal-catalog [-o FILE]\n"
     "       isms convert -f oscal-catalog [-e 2013|2022|2024] [-o FILE]\n"
     "       isms convert CATALOG.json [--year YEAR] [-f csv|oscal-catalog] [-o FILE]\n"
     "       isms convert GAP.csv... --catalog CATALOG.json [-o DOC.json]",
     "CSV ↔ dokument, dokument → OSCAL, OSCAL-katalog → gapanalys",
     "CSV ↔ document, document → OSCAL, OSCAL catalog → gap analysis",
     "Bygger ett dokument av kalkylbladens tabeller (gapanalyser, riskregister,\n"
     "tillgångsförteckning, relationer, åtgärder); slaget känns igen från rubrikerna. En\n"
     "ensam gapanalys får året från --year, flera får året i sina filnamn (gap-2023.csv),\n"
     "annars dokumentets. Med ett dokument först läses tabellerna in i det. --table\n"
     "skriver en av dokumentets tabeller som CSV; --to konverterar gapanalyserna till en\n"
     "annan utgåva, också en enda gapanalys från CSV till CSV. Dokument sparas atomiskt.\n"
     "\n"
     "OSCAL (NIST:s format för kataloger, bedömningsresultat och handlingsplaner):\n"
     "-f oscal-ar skriver dokumentets gapanalyser som assessment results,\n"
     "-f oscal-poam handlingsplanen som POA&M och -f oscal-catalog den senaste\n"
     "gapanalysens katalog; utan indata skriver -f oscal-catalog den inbyggda\n"
     "katalogen för --edition (standard 2022). En JSON-fil vars rotobjekt har nyckeln\n"
     "\"catalog\" är en OSCAL-katalog (ett annat ramverk): den blir ett nytt dokument\n"
     "med en gapanalys av --year (annars i år) där varje krav finns med, ännu inte\n"
     "bedömt; med -f csv den tomma gaptabellen att fylla i, med -f oscal-catalog\n"
     "katalogen skriven på nytt. --catalog läser gaptabellerna mot en OSCAL-katalog i\n"
     "stället för att känna igen en utgåva. En utdatafil som slutar på .json är ett\n"
     "dokument om inte --format säger annat.",
     "Builds a document from the spreadsheets' tables (gap analyses, risk registers, asset\n"
     "inventories, relations, actions); the kind is recognised from the headers. A single\n"
     "gap analysis takes its year from --year, several take the year in their file names\n"
     "(gap-2023.csv), else the document's. With a document first, the tables are read into\n"
     "it. --table writes one of the document's tables as CSV; --to converts the gap\n"
     "analyses to another edition, also a single gap analysis from CSV to CSV. Documents\n"
     "are saved atomically.\n"
     "\n"
     "OSCAL (NIST's format for catalogs, assessment results and plans of action):\n"
     "-f oscal-ar writes the document's gap analyses as assessment results,\n"
     "-f oscal-poam the plan as a POA&M and -f oscal-catalog the catalog of the latest\n"
     "gap analysis; without input, -f oscal-catalog writes the built-in catalog of\n"
     "--edition (default 2022). A JSON file whose root object has the key \"catalog\" is\n"
     "an OSCAL catalog (another framework): it becomes a new document with a gap\n"
     "analysis of --year (else this year) that lists every requirement, not yet\n"
     "assessed; with -f csv the blank gap table to fill in, with -f oscal-catalog the\n"
     "catalog written anew. --catalog reads the gap tables against an OSCAL catalog\n"
     "instead of recognising an edition. An output file ending in .json is a document\n"
     "unless --format says otherwise.",
     "isms convert gap-2023.csv gap-2024.csv riskregister.csv inventory.csv relations.csv \\\n"
     "    --org \"Exempelby kommun\" --year 2024 -o isms.json\n"
     "isms convert isms.json --table risks -o risker.csv\n"
     "isms convert gap-2013.csv --to 2022 -o gap-2022.csv\n"
     "isms convert isms.json -f oscal-ar -o resultat.oscal.json\n"
     "isms convert isms.json -f oscal-poam -o poam.oscal.json\n"
     "isms convert -f oscal-catalog --edition 2013 -o iso27001-2013.oscal.json\n"
     "isms convert krav.oscal.json -f csv -o gap-krav.csv\n"
     "isms convert gap-krav.csv --catalog krav.oscal.json --year 2025 -o isms.json"},
    {"catalog", cmd_catalog, FMT_TABLES, FMT_TEXT, catalog_opts,
     "catalog [-e 2013|2022|2024] [--annex|--clauses] [--attr VÄRDE]... [ID]\n"
     "       isms catalog -c KATALOG.json [--requirements] [ID]",
     "catalog [-e 2013|2022|2024] [--annex|--clauses] [--attr VALUE]... [ID]\n"
     "       isms catalog -c CATALOG.json [--requirements] [ID]",
     "ISO/IEC 27001:s krav och bilaga A", "ISO/IEC 27001's clauses and Annex A",
     "Listar utgåvans avsnitt och säkerhetsåtgärder, eller visar en post med dess\n"
     "överordnade, underordnade, attribut (2022) och motsvarighet i den andra utgåvan.\n"
     "Med --catalog gäller det en OSCAL-katalog (ett annat ramverk): dess grupper och\n"
     "kontroller med OSCAL-id; attribut och mappning finns inte där.",
     "Lists the edition's clauses and controls, or shows one item with its parent, its\n"
     "children, its attributes (2022) and its counterpart in the other edition.\n"
     "With --catalog it does the same for an OSCAL catalog (another framework): its\n"
     "groups and controls with their OSCAL ids; attributes and mapping do not apply.",
     "isms catalog --annex\nisms catalog A.5.23\nisms catalog --edition 2013 A.9.2.1\n"
     "isms catalog --attr '#Detective' --attr confidentiality\n"
     "isms catalog --catalog krav.oscal.json --requirements\n"
     "isms catalog -c krav.oscal.json BEH-1 --format json"},
    {"cvss", cmd_cvss, FMT_TABLES, FMT_TEXT, cvss_opts,
     "cvss [-m MATRIS] VEKTOR... | isms cvss -",
     "cvss [-m MATRIX] VECTOR... | isms cvss -",
     "poäng av CVSS-, OWASP- och DREAD-vektorer", "scores of CVSS, OWASP and DREAD vectors",
     "Räknar poäng och allvarlighet av vektorer: CVSS 3.0, 3.1 och 4.0, OWASP Risk Rating\n"
     "och DREAD, och deras normaliserade värde 0–1. Med - läses vektorer från standard in,\n"
     "en per rad. Med --matrix visas också värdet och nivån på riskmatrisen. Avslutas med\n"
     "status 2 om någon vektor är ogiltig.",
     "Scores vectors and gives their severity: CVSS 3.0, 3.1 and 4.0, OWASP Risk Rating and\n"
     "DREAD, with their normalised value 0–1. With - vectors are read from standard input,\n"
     "one per line. With --matrix the value and band on the risk matrix are shown too.\n"
     "Exits with status 2 when a vector is invalid.",
     "isms cvss CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\n"
     "isms cvss D:8/R:10/E:7/A:10/DI:10 --matrix 4x4\nisms cvss - < vektorer.txt"},
    {"simulate", cmd_simulate, FMT_TABLES, FMT_TEXT, simulate_opts,
     "simulate DOKUMENT [-n N] [-s FRÖ]", "simulate DOCUMENT [-n N] [-s SEED]",
     "kvantitativa resultat (ALE, percentiler, VaR)",
     "quantitative results (ALE, percentiles, VaR)",
     "Simulerar FAIR-modellerna hos dokumentets risker (Monte Carlo) och visar per risk och\n"
     "för hela portföljen årlig förväntad förlust (ALE), standardavvikelse, median, 90:e\n"
     "percentilen och value at risk vid 95 % och 99 %.",
     "Simulates the FAIR models of the document's risks (Monte Carlo) and shows per risk\n"
     "and for the whole portfolio the annualised loss expectancy (ALE), standard\n"
     "deviation, median, 90th percentile and value at risk at 95 % and 99 %.",
     "isms simulate isms.json\nisms simulate isms.json --iterations 100000 --seed 7"},
    {"version", cmd_version, FMT_TEXT | FMT_JSON, FMT_TEXT, version_opts,
     "version", "version", "versioner av programmet, biblioteket och formatet",
     "versions of the program, the library and the format",
     "Skriver versionen av isms, av libisms som körs och dokumentformatet.",
     "Prints the version of isms, of the libisms it runs with, and the document format.",
     "isms version\nisms version --format json"},
};

#define N_COMMANDS (sizeof commands / sizeof commands[0])

static const cli_command *find_command(const char *name)
{
    for (size_t i = 0; i < N_COMMANDS; i++)
        if (strcmp(commands[i].name, name) == 0)
            return &commands[i];
    return NULL;
}

static const opt_spec *find_spec(cli_opt_id id)
{
    for (size_t i = 0; i < N_SPECS; i++)
        if (opt_specs[i].id == id)
            return &opt_specs[i];
    return NULL;
}

static bool list_has(const int *list, int id)
{
    for (; *list != OPT_NONE; list++)
        if (*list == id)
            return true;
    return false;
}

/* Whether a command takes an option. */
static bool allowed(const cli_command *cmd, cli_opt_id id)
{
    if (list_has(common_options, id))
        return true;
    if ((cmd->formats & FMT_CSV) && list_has(csv_options, id))
        return true;
    if ((cmd->formats & FMT_TEXT) && list_has(text_options, id))
        return true;
    return list_has(cmd->options, id);
}

/* ---- formats --------------------------------------------------------------------------- */

static const char *format_name(cli_format f)
{
    switch (f) {
    case FMT_TEXT: return "text";
    case FMT_JSON: return "json";
    case FMT_CSV: return "csv";
    case FMT_MD: return "md";
    case FMT_HTML: return "html";
    case FMT_OSCAL_AR: return "oscal-ar";
    case FMT_OSCAL_POAM: return "oscal-poam";
    case FMT_OSCAL_CATALOG: return "oscal-catalog";
    case FMT_NONE: break;
    }
    return "";
}

static cli_format parse_format(const char *s)
{
    static const struct {
        const char *name;
        cli_format f;
    } names[] = {{"text", FMT_TEXT}, {"txt", FMT_TEXT}, {"json", FMT_JSON}, {"csv", FMT_CSV},
                 {"md", FMT_MD}, {"markdown", FMT_MD}, {"html", FMT_HTML}, {"htm", FMT_HTML},
                 {"oscal-ar", FMT_OSCAL_AR}, {"oscal-poam", FMT_OSCAL_POAM},
                 {"oscal-catalog", FMT_OSCAL_CATALOG}};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (isms_text_casecmp(names[i].name, s) == 0)
            return names[i].f;
    return FMT_NONE;
}

/* "text, md, html eller json" */
static void describe_formats(strbuf *b, const cli *c, unsigned formats)
{
    static const cli_format order[] = {FMT_TEXT, FMT_JSON, FMT_CSV, FMT_MD, FMT_HTML,
                                       FMT_OSCAL_AR, FMT_OSCAL_POAM, FMT_OSCAL_CATALOG};
    const size_t norder = sizeof order / sizeof order[0];
    size_t n = 0, total = 0;
    for (size_t i = 0; i < norder; i++)
        if (formats & order[i])
            total++;
    for (size_t i = 0; i < norder; i++) {
        if (!(formats & order[i]))
            continue;
        if (n > 0)
            sb_puts(b, n + 1 == total ? T(c, " eller ", " or ") : ", ");
        sb_puts(b, format_name(order[i]));
        n++;
    }
}

/* The extension of a file name: after the last dot of its base name, when the name does not
 * start with that dot ("x.pdf": "pdf"; ".profile", "out": none). NULL when none. */
static const char *extension_of(const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    const char *dot = strrchr(base, '.');
    return dot && dot > base && dot[1] ? dot + 1 : NULL;
}

/* The format a file name's extension stands for; FMT_NONE when it has no extension; -1 for
 * an extension that is no format. `tsv` is set for a .tsv file. */
static int format_of_path(const char *path, bool *tsv)
{
    static const struct {
        const char *ext;
        cli_format f;
    } exts[] = {{"html", FMT_HTML}, {"htm", FMT_HTML}, {"md", FMT_MD}, {"markdown", FMT_MD},
                {"json", FMT_JSON}, {"csv", FMT_CSV}, {"tsv", FMT_CSV}, {"txt", FMT_TEXT},
                {"text", FMT_TEXT}};
    *tsv = false;
    const char *ext = extension_of(path);
    if (!ext)
        return FMT_NONE;
    for (size_t i = 0; i < sizeof exts / sizeof exts[0]; i++) {
        if (isms_text_casecmp(exts[i].ext, ext) == 0) {
            *tsv = strcmp(exts[i].ext, "tsv") == 0;
            return exts[i].f;
        }
    }
    return -1;
}

/* ---- parsing option values ------------------------------------------------------------- */

static bool parse_long(const char *s, long long lo, long long hi, long long *out)
{
    if (!s || !*s)
        return false;
    errno = 0;
    char *end;
    long long v = strtoll(s, &end, 10);
    if (errno || *end || v < lo || v > hi)
        return false;
    *out = v;
    return true;
}

static bool parse_double(const char *s, double *out)
{
    if (!s || !*s)
        return false;
    char buf[64];
    snprintf(buf, sizeof buf, "%s", s);
    for (char *p = buf; *p; p++)
        if (*p == ',')
            *p = '.'; /* "2,5" as Swedes write it */
    errno = 0;
    char *end;
    double v = strtod(buf, &end);
    if (errno || *end || !isfinite(v))
        return false;
    *out = v;
    return true;
}

static int bad_value(const cli *c, const opt_spec *s, const char *value, const char *what)
{
    return cli_usage(c, T(c, "ogiltigt värde för --%s: \"%s\" (%s)",
                          "invalid value for --%s: \"%s\" (%s)"),
                     s->name, value, what);
}

/* Stores one option's value; returns 0 or an exit code. */
static int apply_option(cli *c, const opt_spec *s, const char *value)
{
    cli_args *a = &c->a;
    long long n;
    switch (s->id) {
    case OPT_HELP: a->help = true; break;
    case OPT_FORMAT:
        a->format = parse_format(value);
        if (a->format == FMT_NONE) {
            strbuf b;
            sb_init(&b);
            describe_formats(&b, c, c->cmd ? c->cmd->formats : FMT_TABLES);
            int rc = bad_value(c, s, value, b.data);
            sb_free(&b);
            return rc;
        }
        break;
    case OPT_LANG:
        if (isms_lang_parse(&a->lang_opt, value) != ISMS_OK)
            return bad_value(c, s, value, T(c, "sv eller en", "sv or en"));
        a->lang_given = true;
        c->lang = a->lang_opt;
        break;
    case OPT_OUTPUT:
        if (!*value)
            return bad_value(c, s, value, T(c, "ett filnamn", "a file name"));
        a->output = value;
        break;
    case OPT_QUIET: a->quiet = true; a->verbose = false; break;
    case OPT_VERBOSE: a->verbose = true; a->quiet = false; break;
    case OPT_COMMA:
        a->csv_flags = (a->csv_flags & ~(unsigned)ISMS_CSV_TAB) | ISMS_CSV_COMMA;
        a->csv_sep_given = true;
        break;
    case OPT_TAB:
        a->csv_flags = (a->csv_flags & ~(unsigned)ISMS_CSV_COMMA) | ISMS_CSV_TAB;
        a->csv_sep_given = true;
        break;
    case OPT_NO_BOM: a->csv_flags |= ISMS_CSV_NO_BOM; break;
    case OPT_LF: a->csv_flags |= ISMS_CSV_LF; break;
    case OPT_WIDTH:
        if (!parse_long(value, 40, 1000, &n))
            return bad_value(c, s, value, "40–1000");
        a->width = (unsigned)n;
        break;
    case OPT_NO_SIMULATE: a->no_simulate = true; break;
    case OPT_LIKELIHOOD: a->likelihood = value; break;
    case OPT_CONSEQUENCE: a->consequence = value; break;
    case OPT_MATRIX: a->matrix = value; break;
    case OPT_RESIDUAL: a->residual = true; break;
    case OPT_PERIOD: a->period = value; break;
    case OPT_PERIODS:
        if (!parse_long(value, 1, 1200, &n))
            return bad_value(c, s, value, "1–1200");
        a->periods = (long)n;
        break;
    case OPT_CAPACITY:
        if (!parse_double(value, &a->capacity) || a->capacity < 0)
            return bad_value(c, s, value, T(c, "persondagar, 0 eller mer",
                                            "person-days, 0 or more"));
        break;
    case OPT_START:
        if (!parse_long(value, 1900, 9999, &n))
            return bad_value(c, s, value, "1900–9999");
        a->start = (int)n;
        break;
    case OPT_EXPLAIN: a->explain = true; break;
    case OPT_ORG: a->org = value; break;
    case OPT_UNIT: a->unit = value; break;
    case OPT_KIND: a->kind = value; break;
    case OPT_TABLE: a->table = value; break;
    case OPT_TO: a->to = value; break;
    case OPT_YEAR:
        if (!parse_long(value, 1900, 9999, &n))
            return bad_value(c, s, value, "1900–9999");
        a->year = (int)n;
        break;
    case OPT_DATE: a->date = value; break;
    case OPT_EDITION: a->edition = value; break;
    case OPT_CATALOG: a->catalog = value; break;
    case OPT_ANNEX: a->annex = true; break;
    case OPT_CLAUSES: a->clauses = true; break;
    case OPT_REQUIREMENTS: a->requirements = true; break;
    case OPT_ATTR:
        if (a->nattrs == CLI_MAX_ATTRS)
            return cli_usage(c, T(c, "högst %d --attr", "at most %d --attr"), CLI_MAX_ATTRS);
        a->attrs[a->nattrs++] = value;
        break;
    case OPT_ANY: a->any = true; break;
    case OPT_ITERATIONS:
        if (!parse_long(value, 1, 100000000, &n))
            return bad_value(c, s, value, "1–100000000");
        a->iterations = (unsigned long long)n;
        break;
    case OPT_SEED:
        /* The document's limit: a JSON integer a signed 64-bit reader takes. */
        if (!parse_long(value, 0, LLONG_MAX, &n))
            return bad_value(c, s, value, "0–9223372036854775807");
        a->seed = (unsigned long long)n;
        a->seed_given = true;
        break;
    case OPT_NONE:
    case OPT_COUNT:
        break;
    }
    return 0;
}

/* Edit distance of two short ASCII strings, for "did you mean". */
static size_t distance(const char *a, const char *b)
{
    size_t n = strlen(a), m = strlen(b);
    if (n > 40 || m > 40)
        return 99;
    size_t row[41];
    for (size_t j = 0; j <= m; j++)
        row[j] = j;
    for (size_t i = 1; i <= n; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= m; j++) {
            size_t up = row[j];
            size_t best = diag + (a[i - 1] != b[j - 1]);
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[m];
}

static int unknown_option(const cli *c, const char *given)
{
    const char *best = NULL;
    size_t best_d = 3;
    for (size_t i = 0; i < N_SPECS; i++) {
        if (!allowed(c->cmd, opt_specs[i].id))
            continue;
        size_t d = distance(given, opt_specs[i].name);
        if (d < best_d) {
            best_d = d;
            best = opt_specs[i].name;
        }
    }
    if (best)
        return cli_usage(c, T(c, "okänd flagga --%s; menade du --%s?",
                              "unknown option --%s; did you mean --%s?"), given, best);
    return cli_usage(c, T(c, "okänd flagga --%s", "unknown option --%s"), given);
}

/* Parses the arguments after the subcommand's name. Returns 0 or an exit code. */
static int parse_args(cli *c, int argc, char **argv)
{
    cli_args *a = &c->a;
    a->pos = xcalloc((size_t)argc + 1, sizeof *a->pos);
    /* --lang first, so that every message below is in the language asked for. */
    for (int i = 0; i < argc && strcmp(argv[i], "--") != 0; i++) {
        const char *v = NULL;
        if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc)
            v = argv[i + 1];
        else if (strncmp(argv[i], "--lang=", 7) == 0)
            v = argv[i] + 7;
        isms_lang lang;
        if (v && isms_lang_parse(&lang, v) == ISMS_OK)
            c->lang = lang;
    }
    bool options_done = false;
    for (int i = 0; i < argc; i++) {
        char *arg = argv[i];
        if (options_done || arg[0] != '-' || arg[1] == '\0') {
            a->pos[a->npos++] = arg;
            continue;
        }
        if (strcmp(arg, "--") == 0) {
            options_done = true;
            continue;
        }
        if (arg[1] == '-') {
            /* --name or --name=value */
            char name[64];
            const char *eq = strchr(arg + 2, '=');
            size_t len = eq ? (size_t)(eq - arg - 2) : strlen(arg + 2);
            if (len >= sizeof name)
                len = sizeof name - 1;
            memcpy(name, arg + 2, len);
            name[len] = '\0';
            const opt_spec *s = NULL;
            for (size_t k = 0; k < N_SPECS; k++)
                if (strcmp(opt_specs[k].name, name) == 0 && allowed(c->cmd, opt_specs[k].id))
                    s = &opt_specs[k];
            if (!s)
                return unknown_option(c, name);
            const char *value = NULL;
            if (s->arg_en) {
                if (eq) {
                    value = eq + 1;
                } else if (i + 1 < argc) {
                    value = argv[++i];
                } else {
                    return cli_usage(c, T(c, "--%s behöver ett värde (%s)",
                                          "--%s needs a value (%s)"),
                                     s->name, T(c, s->arg_sv, s->arg_en));
                }
            } else if (eq) {
                return cli_usage(c, T(c, "--%s tar inget värde", "--%s takes no value"),
                                 s->name);
            }
            int rc = apply_option(c, s, value);
            if (rc)
                return rc;
            continue;
        }
        /* -x, -xVALUE, -x VALUE, -abc */
        for (const char *p = arg + 1; *p; p++) {
            const opt_spec *s = NULL;
            for (size_t k = 0; k < N_SPECS; k++)
                if (opt_specs[k].short_name == *p && allowed(c->cmd, opt_specs[k].id))
                    s = &opt_specs[k];
            if (!s) {
                return cli_usage(c, T(c, "okänd flagga -%c", "unknown option -%c"), *p);
            }
            if (s->arg_en) {
                const char *value;
                if (p[1]) {
                    value = p + 1;
                } else if (i + 1 < argc) {
                    value = argv[++i];
                } else {
                    return cli_usage(c, T(c, "-%c behöver ett värde (%s)",
                                          "-%c needs a value (%s)"),
                                     *p, T(c, s->arg_sv, s->arg_en));
                }
                int rc = apply_option(c, s, value);
                if (rc)
                    return rc;
                break;
            }
            int rc = apply_option(c, s, NULL);
            if (rc)
                return rc;
        }
    }
    return 0;
}

/* ---- help ------------------------------------------------------------------------------ */

static void help_option(strbuf *b, const cli *c, const opt_spec *s)
{
    char left[80];
    const char *arg = s->arg_en ? T(c, s->arg_sv, s->arg_en) : NULL;
    if (s->short_name)
        snprintf(left, sizeof left, "-%c, --%s%s%s", s->short_name, s->name, arg ? " " : "",
                 arg ? arg : "");
    else
        snprintf(left, sizeof left, "    --%s%s%s", s->name, arg ? " " : "", arg ? arg : "");
    strbuf text;
    sb_init(&text);
    sb_puts(&text, T(c, s->help_sv, s->help_en));
    if (s->id == OPT_FORMAT && c->cmd) {
        sb_puts(&text, ": ");
        describe_formats(&text, c, c->cmd->formats);
        if (c->cmd->default_format != FMT_NONE)
            sb_printf(&text, T(c, " (standard %s)", " (default %s)"),
                      format_name(c->cmd->default_format));
    }
    /* Wrapped at 80 columns, continued under the first line. */
    const size_t indent = 26;
    cli hc = *c;
    hc.term_width = 80;
    hc.color = false;
    strbuf lead;
    sb_init(&lead);
    sb_printf(&lead, "  %s", left);
    size_t w = 2 + text_cols(left);
    if (w < indent) {
        sb_repeat(&lead, " ", indent - w);
    } else {
        sb_putc(&lead, '\n');
        sb_repeat(&lead, " ", indent);
    }
    text_paragraph(b, &hc, lead.data, indent, indent, text.data);
    sb_free(&lead);
    sb_free(&text);
}

static void help_command(strbuf *b, const cli *c)
{
    const cli_command *cmd = c->cmd;
    sb_printf(b, "%s isms %s\n\n", T(c, "Användning:", "Usage:"), T(c, cmd->usage_sv,
                                                                         cmd->usage_en));
    sb_printf(b, "%s\n\n", T(c, cmd->description_sv, cmd->description_en));
    sb_puts(b, T(c, "Flaggor:\n", "Options:\n"));
    for (const int *o = cmd->options; *o != OPT_NONE; o++)
        help_option(b, c, find_spec((cli_opt_id)*o));
    if (cmd->formats & FMT_TEXT)
        for (const int *o = text_options; *o != OPT_NONE; o++)
            help_option(b, c, find_spec((cli_opt_id)*o));
    for (const int *o = common_options; *o != OPT_NONE; o++)
        help_option(b, c, find_spec((cli_opt_id)*o));
    if (cmd->formats & FMT_CSV)
        for (const int *o = csv_options; *o != OPT_NONE; o++)
            help_option(b, c, find_spec((cli_opt_id)*o));
    sb_puts(b, T(c, "\nExempel:\n", "\nExamples:\n"));
    const char *p = cmd->examples;
    for (char *line; (line = line_next(&p)) != NULL; free(line))
        sb_printf(b, "  %s\n", line);
}

static void help_main(strbuf *b, const cli *c)
{
    sb_printf(b, T(c, "isms %s – ledningssystem för informationssäkerhet (ISO/IEC 27001)\n\n",
                   "isms %s – information security management system (ISO/IEC 27001)\n\n"),
              ISMS_VERSION_STRING);
    sb_puts(b, T(c, "Användning: isms KOMMANDO [flaggor] [argument]\n"
                    "            isms help KOMMANDO\n\n"
                    "Kommandon:\n",
                 "Usage: isms COMMAND [options] [arguments]\n"
                 "       isms help COMMAND\n\n"
                 "Commands:\n"));
    for (size_t i = 0; i < N_COMMANDS; i++)
        sb_printf(b, "  %-10s%s\n", commands[i].name,
                  T(c, commands[i].summary_sv, commands[i].summary_en));
    sb_puts(b, T(c,
                 "\nGemensamma flaggor:\n"
                 "  -f, --format FORMAT     text, json, csv, md, html eller oscal-* (det som\n"
                 "                          passar)\n"
                 "  -o, --output FIL        skriv till FIL i stället för standard ut\n"
                 "      --lang SPRÅK        sv eller en\n"
                 "  -h, --help              hjälp om kommandot\n"
                 "      --version           skriv versionen\n\n"
                 "Ett filnamn - läser standard in. Status: 0 klart, 1 anmärkningar som är fel\n"
                 "(lint), 2 felaktig användning eller indata. Färg bara i en terminal och\n"
                 "aldrig med NO_COLOR. Se isms(1).\n",
                 "\nCommon options:\n"
                 "  -f, --format FORMAT     text, json, csv, md, html or oscal-* (as fits)\n"
                 "  -o, --output FILE       write to FILE instead of standard output\n"
                 "      --lang LANG         sv or en\n"
                 "  -h, --help              help on the command\n"
                 "      --version           print the version\n\n"
                 "A file name - reads standard input. Status: 0 done, 1 findings of error\n"
                 "severity (lint), 2 usage or input error. Colour only on a terminal and\n"
                 "never with NO_COLOR. See isms(1).\n"));
}

static int print_help(const cli *c)
{
    strbuf b;
    sb_init(&b);
    if (c->cmd)
        help_command(&b, c);
    else
        help_main(&b, c);
    fwrite(b.data, 1, b.len, stdout);
    sb_free(&b);
    return fflush(stdout) == 0 ? EXIT_FINE : EXIT_USAGE;
}

/* ---- environment ----------------------------------------------------------------------- */

static isms_lang lang_from_environment(void)
{
    static const char *const vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
    for (size_t i = 0; i < 3; i++) {
        const char *v = getenv(vars[i]);
        if (v && *v)
            return strncmp(v, "en", 2) == 0 ? ISMS_LANG_EN : ISMS_LANG_SV;
    }
    return ISMS_LANG_SV;
}

static bool stdout_is_terminal(const cli *c)
{
    return (!c->a.output || strcmp(c->a.output, "-") == 0) && isatty(STDOUT_FILENO);
}

static bool color_wanted(const cli *c)
{
    const char *no = getenv("NO_COLOR");
    if (no && *no)
        return false;
    const char *term = getenv("TERM");
    if (term && strcmp(term, "dumb") == 0)
        return false;
    return c->format == FMT_TEXT && stdout_is_terminal(c);
}

/* The width text is fitted to: --width, else the terminal's (at least 40; COLUMNS when the
 * terminal does not say), else 0 (not a terminal: tables as wide as they are). */
static unsigned terminal_width(const cli *c)
{
    if (c->a.width)
        return c->a.width;
    if (!stdout_is_terminal(c))
        return 0;
    unsigned w = 0;
#ifdef TIOCGWINSZ
    struct winsize ws;
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
        w = ws.ws_col;
#endif
    if (w == 0) {
        const char *cols = getenv("COLUMNS");
        long long n;
        if (cols && parse_long(cols, 1, 10000, &n))
            w = (unsigned)n;
    }
    if (w == 0)
        w = 100;
    return w < 40 ? 40 : w;
}

/* "isms lint does not write …; choose text, json, … with --format or a file name ending in
 * .txt, .json, …" */
static int bad_extension(cli *c, const char *ext)
{
    const cli_command *cmd = c->cmd;
    static const struct {
        cli_format f;
        const char *exts;
    } names[] = {{FMT_TEXT, ".txt"}, {FMT_JSON, ".json"}, {FMT_CSV, ".csv, .tsv"},
                 {FMT_MD, ".md"}, {FMT_HTML, ".html"}};
    strbuf fm, ex;
    sb_init(&fm);
    sb_init(&ex);
    describe_formats(&fm, c, cmd->formats);
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (cmd->formats & names[i].f)
            sb_printf(&ex, "%s%s", ex.len ? ", " : "", names[i].exts);
    int rc = cli_usage(c, T(c, "isms %s skriver inte filer av typen .%s (\"%s\"); den skriver %s: "
                               "ange --format eller ett filnamn som slutar på %s",
                            "isms %s does not write .%s files (\"%s\"); it writes %s: give "
                            "--format or a file name ending in %s"),
                       cmd->name, ext, c->a.output, fm.data, ex.data);
    sb_free(&fm);
    sb_free(&ex);
    return rc;
}

/* Chooses the format: --format, else the output's extension, else the command's default.
 * CSV to a .tsv file is tab separated unless --comma or --tab said otherwise. */
static int choose_format(cli *c)
{
    const cli_command *cmd = c->cmd;
    cli_format f = c->a.format;
    bool to_file = c->a.output && strcmp(c->a.output, "-") != 0;
    bool tsv = false;
    int from_name = to_file ? format_of_path(c->a.output, &tsv) : FMT_NONE;
    if (f != FMT_NONE) {
        if (!(cmd->formats & f)) {
            strbuf b;
            sb_init(&b);
            describe_formats(&b, c, cmd->formats);
            int rc = cli_usage(c, T(c, "isms %s skriver inte formatet %s; välj %s",
                                    "isms %s does not write the format %s; choose %s"),
                               cmd->name, format_name(f), b.data);
            sb_free(&b);
            return rc;
        }
    } else if (from_name < 0) {
        return bad_extension(c, extension_of(c->a.output));
    } else if (from_name != FMT_NONE) {
        f = (cli_format)from_name;
        if (!(cmd->formats & f)) {
            strbuf b;
            sb_init(&b);
            describe_formats(&b, c, cmd->formats);
            int rc = cli_usage(c, T(c, "isms %s skriver inte formatet %s (av filnamnet \"%s\"); "
                                       "välj %s med --format",
                                    "isms %s does not write the format %s (from the file "
                                    "name \"%s\"); choose %s with --format"),
                               cmd->name, format_name(f), c->a.output, b.data);
            sb_free(&b);
            return rc;
        }
    } else {
        f = cmd->default_format;
    }
    if (tsv && !c->a.csv_sep_given)
        c->a.csv_flags |= ISMS_CSV_TAB;
    c->format = f;
    return 0;
}

/* ---- main ------------------------------------------------------------------------------ */

int main(int argc, char **argv)
{
    cli c;
    memset(&c, 0, sizeof c);
    c.a.capacity = -1;
    c.lang = lang_from_environment();

    /* Options before the subcommand: --help, --version, --lang. */
    int i = 1;
    bool want_help = false, want_version = false;
    for (; i < argc && argv[i][0] == '-' && argv[i][1] != '\0'; i++) {
        const char *arg = argv[i];
        if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
            want_help = true;
        } else if (strcmp(arg, "--version") == 0 || strcmp(arg, "-V") == 0) {
            want_version = true;
        } else if (strncmp(arg, "--lang", 6) == 0 && (arg[6] == '=' || arg[6] == '\0')) {
            const char *v = arg[6] == '=' ? arg + 7 : (i + 1 < argc ? argv[++i] : NULL);
            if (!v || isms_lang_parse(&c.lang, v) != ISMS_OK)
                return cli_usage(&c, T(&c, "--lang tar sv eller en", "--lang takes sv or en"));
            c.a.lang_given = true;
            c.a.lang_opt = c.lang;
        } else {
            return cli_usage(&c, T(&c, "okänd flagga %s före kommandot",
                                   "unknown option %s before the command"), arg);
        }
    }
    if (want_version) {
        c.cmd = find_command("version");
        c.format = FMT_TEXT;
        return cmd_version(&c);
    }
    if (i >= argc) {
        if (want_help)
            return print_help(&c);
        fputs(T(&c, "isms: inget kommando; se 'isms --help'\n",
                "isms: no command; see 'isms --help'\n"), stderr);
        return EXIT_USAGE;
    }

    const char *name = argv[i++];
    if (strcmp(name, "help") == 0) {
        const char *topic = NULL;
        for (; i < argc; i++) {
            const char *arg = argv[i];
            if (strncmp(arg, "--lang", 6) == 0 && (arg[6] == '=' || arg[6] == '\0')) {
                const char *v = arg[6] == '=' ? arg + 7 : (i + 1 < argc ? argv[++i] : NULL);
                if (!v || isms_lang_parse(&c.lang, v) != ISMS_OK)
                    return cli_usage(&c, T(&c, "--lang tar sv eller en",
                                           "--lang takes sv or en"));
            } else if (!topic) {
                topic = arg;
            }
        }
        if (topic) {
            c.cmd = find_command(topic);
            if (!c.cmd)
                return cli_usage(&c, T(&c, "okänt kommando \"%s\"", "unknown command \"%s\""),
                                 topic);
        }
        return print_help(&c);
    }
    c.cmd = find_command(name);
    if (!c.cmd) {
        const char *best = NULL;
        size_t best_d = 3;
        for (size_t k = 0; k < N_COMMANDS; k++) {
            size_t d = distance(name, commands[k].name);
            if (d < best_d) {
                best_d = d;
                best = commands[k].name;
            }
        }
        if (best)
            return cli_usage(&c, T(&c, "okänt kommando \"%s\"; menade du \"%s\"?",
                                   "unknown command \"%s\"; did you mean \"%s\"?"), name, best);
        return cli_usage(&c, T(&c, "okänt kommando \"%s\"", "unknown command \"%s\""), name);
    }
    if (want_help)
        return print_help(&c);

    int rc = parse_args(&c, argc - i, argv + i);
    if (rc == 0 && c.a.help)
        rc = print_help(&c);
    else if (rc == 0 && (rc = choose_format(&c)) == 0) {
        c.color = color_wanted(&c);
        c.term_width = terminal_width(&c);
        rc = c.cmd->run(&c);
    }
    free(c.a.pos);
    free(c.org);
    return rc;
}
