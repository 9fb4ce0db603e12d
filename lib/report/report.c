/*
 * The management review (include/isms/report.h): options, the gatherer that computes every
 * figure once (isms__report_gather), the words of the report in Swedish and English, the
 * escaping of user text for each format, and the layout (isms__report_layout) that the
 * text, Markdown and HTML renderers format: every word, column and row of the review is
 * decided there once. The renderers live in report-text.c, report-md.c, report-html.c and
 * report-json.c.
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assess/assess-internal.h"
#include "asset/asset-internal.h"
#include "io/io-internal.h"
#include "io/json-internal.h"
#include "plan/plan-internal.h"
#include "report-internal.h"

/* ---- formats and options ---------------------------------------------------------------- */

static const char *const format_names[] = { "text", "md", "html", "json" };

const char *isms_report_format_name(isms_report_format format)
{
    if ((int)format < 0 || (size_t)format >= sizeof format_names / sizeof *format_names)
        return "";
    return format_names[format];
}

int isms_report_format_parse(isms_report_format *out, const char *text)
{
    if (!out || !text)
        return isms__error(ISMS_EINVAL, "isms_report_format_parse: NULL argument");
    if (isms__text_check("report format", text))
        return ISMS_EINVAL;
    static const isms__alias aliases[] = {
        { "text", ISMS_REPORT_TEXT },     { "txt", ISMS_REPORT_TEXT },
        { "md", ISMS_REPORT_MARKDOWN },   { "markdown", ISMS_REPORT_MARKDOWN },
        { "html", ISMS_REPORT_HTML },     { "htm", ISMS_REPORT_HTML },
        { "json", ISMS_REPORT_JSON },
    };
    int v;
    if (!isms__alias_lookup(&v, aliases, sizeof aliases / sizeof *aliases, text))
        return isms__error(ISMS_EPARSE,
                           "report format \"%.64s\" is not known: use \"text\", \"md\" (or "
                           "\"markdown\"), \"html\" or \"json\"",
                           text);
    *out = (isms_report_format)v;
    return ISMS_OK;
}

void isms_report_options_init(isms_report_options *out, const isms_document *doc)
{
    if (!out)
        return;
    out->format = ISMS_REPORT_HTML;
    out->lang = doc ? isms_document_lang(doc) : ISMS_LANG_SV;
    out->color = false;
    out->width = 100;
    out->simulate = true;
}

static int check_options(const isms_report_options *o)
{
    if ((int)o->format < ISMS_REPORT_TEXT || (int)o->format > ISMS_REPORT_JSON)
        return isms__error(ISMS_EINVAL,
                           "report options: format %d is not one of text (0), md (1), html (2) "
                           "or json (3)",
                           (int)o->format);
    if ((int)o->lang != ISMS_LANG_SV && (int)o->lang != ISMS_LANG_EN)
        return isms__error(ISMS_EINVAL,
                           "report options: language %d is neither Swedish (0) nor English (1)",
                           (int)o->lang);
    if (o->width < 40 || o->width > 1000)
        return isms__error(ISMS_EINVAL,
                           "report options: width %u is outside 40–1000 columns", o->width);
    return ISMS_OK;
}

/* ---- words ------------------------------------------------------------------------------ */

typedef struct word {
    const char *key, *sv, *en;
} word;

/* Every word and phrase of the report that is not a label of a vocabulary (those come from
 * their modules: isms_status_label() and the like). Section headings are "sec-*". */
static const word words[] = {
    /* section headings (numbered 1–10 as report.h lists them) */
    { "sec-about", "Om genomgången", "About this review" },
    { "sec-summary", "Sammanfattning", "Summary" },
    { "sec-context", "Förändringar som påverkar ledningssystemet",
      "Changes that affect the ISMS" },
    { "sec-risks", "Risker", "Risks" },
    { "sec-gap", "Gapanalys", "Gap analysis" },
    { "sec-class", "Klassning av information", "Classification of information" },
    { "sec-plan", "Förbättringsplan", "Improvement plan" },
    { "sec-quant", "Kvantitativ riskanalys", "Quantitative risk analysis" },
    { "sec-findings", "Iakttagelser", "Findings" },
    { "sec-decision", "Ledningens beslut", "Management's decision" },
    /* subsections */
    { "sub-register", "Riskregistret", "The risk register" },
    { "sub-heat", "Riskkartor", "Heat maps" },
    { "sub-chapters", "Efterlevnad per kapitel", "Compliance per chapter" },
    { "sub-gaps", "Krav som inte är uppfyllda", "Requirements not met" },
    { "sub-changes", "Förändringar sedan föregående år", "Changes since last year" },
    { "sub-soa", "Uttalande om tillämplighet", "Statement of Applicability" },
    { "sub-levels", "Gällande nivå per aspekt", "Effective level per aspect" },
    { "sub-types", "Tillgångar per typ", "Assets per type" },
    { "sub-due", "Klassning att se över i år", "Classifications to review this year" },
    { "sub-unscheduled", "Åtgärder som inte ryms i planen", "Actions that do not fit the plan" },
    { "sub-overdue-actions", "Försenade åtgärder", "Overdue actions" },
    { "sub-schedule-notes", "Anmärkningar till planen", "Notes on the plan" },
    { "sub-ale", "Förväntad årlig förlust", "Annual loss expectancy" },
    { "sub-lec", "Förlustöverskridandekurva", "Loss exceedance curve" },
    /* title block */
    { "title-default", "Ledningens genomgång", "Management review" },
    { "organisation", "Organisation", "Organisation" },
    { "unit", "Förvaltning", "Unit" },
    { "year", "År", "Year" },
    { "date", "Datum", "Date" },
    { "author", "Upprättad av", "Prepared by" },
    { "scope", "Omfattning", "Scope" },
    { "not-stated", "ej angiven", "not stated" },
    /* summary */
    { "key-figure", "Nyckeltal", "Key figure" },
    { "value", "Värde", "Value" },
    { "risks-total", "Risker", "Risks" },
    { "risks-above", "Risker över acceptansnivån (inneboende / rest)",
      "Risks above the acceptance level (inherent / residual)" },
    { "compliance", "Efterlevnad", "Compliance" },
    { "change", "Förändring", "Change" },
    { "percentage-points", "procentenheter", "percentage points" },
    { "change-pp", "Förändring (procentenheter)", "Change (percentage points)" },
    { "coverage", "Bedömda krav (täckning)", "Requirements assessed (coverage)" },
    { "classified-info",
      "Klassade informationstillgångar (varje aspekt bedömd eller fastställd)",
      "Classified information assets (every aspect assessed or overridden)" },
    { "information-assets", "Informationstillgångar", "Information assets" },
    { "with-pdata", "Tillgångar med personuppgifter", "Assets with personal data" },
    { "overdue-total", "Försenat", "Overdue" },
    { "overdue-gaps", "Försenade krav", "Overdue requirements" },
    { "overdue-actions", "Försenade åtgärder", "Overdue actions" },
    { "overdue-reviews", "Försenade omklassningar", "Overdue reclassifications" },
    { "open-actions", "Öppna åtgärder i planen", "Open actions in the plan" },
    { "findings-total", "Iakttagelser", "Findings" },
    { "findings-errors", "Fel", "Errors" },
    { "findings-warnings", "Varningar", "Warnings" },
    { "findings-infos", "Information", "Information" },
    { "ale-total", "Förväntad årlig förlust (ALE), alla modeller",
      "Annual loss expectancy (ALE), all models" },
    { "risks-per-band", "Risker per nivå", "Risks per level" },
    { "of", "av", "of" },
    { "no-assessment", "ingen gapanalys", "no gap analysis" },
    /* context */
    { "no-context", "Inga förändringar har förts in i dokumentet.",
      "No changes have been recorded in the document." },
    /* risks */
    { "id", "Id", "Id" },
    { "risk", "Risk", "Risk" },
    { "band", "Nivå", "Level" },
    { "inherent", "Inneboende", "Inherent" },
    { "residual", "Restrisk", "Residual" },
    { "treatment", "Behandling", "Treatment" },
    { "owner", "Ansvarig", "Owner" },
    { "status", "Status", "Status" },
    { "unscored", "Ej bedömd", "Not scored" },
    { "total", "Totalt", "Total" },
    { "no-risks", "Registret har inga risker.", "The register holds no risks." },
    { "risk-intro",
      "Riskerna i ordning efter inneboende riskvärde, det högsta först. Varje värde visas med "
      "sin nivå och med sannolikhet/konsekvens. En risk utan bedömd restrisk har den "
      "inneboende risken som restrisk. Risker med ett värde upp till acceptansnivån kan "
      "accepteras utan behandling.",
      "The risks in order of inherent value, the highest first. Each value is shown with its "
      "level and with likelihood/consequence. A risk without an assessed residual risk keeps "
      "its inherent risk as residual. Risks with a value up to the acceptance level may be "
      "retained without treatment." },
    { "acceptance-level", "Acceptansnivå", "Acceptance level" },
    { "likelihood", "Sannolikhet", "Likelihood" },
    { "consequence", "Konsekvens", "Consequence" },
    { "heat-note", "Antal risker per cell; rader: sannolikhet, kolumner: konsekvens.",
      "Number of risks per cell; rows: likelihood, columns: consequence." },
    { "bands", "Nivåer", "Levels" },
    { "heat-inherent", "Riskkarta, inneboende risk", "Heat map, inherent risk" },
    { "heat-residual", "Riskkarta, restrisk", "Heat map, residual risk" },
    { "heat-title-inherent", "Inneboende risk: antal risker per sannolikhet och konsekvens",
      "Inherent risk: number of risks by likelihood and consequence" },
    { "heat-title-residual", "Restrisk: antal risker per sannolikhet och konsekvens",
      "Residual risk: number of risks by likelihood and consequence" },
    /* gap analysis */
    { "no-gap", "Dokumentet har ingen gapanalys.", "The document holds no gap analysis." },
    { "gap-intro", "Gapanalys", "Gap analysis" },
    { "against", "mot", "against" },
    { "versus", "jämfört med", "against" },
    { "previous-year", "föregående år", "last year" },
    { "assessed-reqs", "Bedömda krav", "Requirements assessed" },
    { "applicable", "tillämpliga", "applicable" },
    { "chapter", "Kapitel", "Chapter" },
    { "heading", "Rubrik", "Title" },
    { "requirement", "Krav", "Requirement" },
    { "need", "Behov", "Need" },
    { "gap-status", "Nuläge", "Status" },
    { "comment", "Kommentar", "Comment" },
    { "action-plan", "Handlingsplan", "Action plan" },
    { "due", "Klart senast", "Due" },
    { "overdue", "försenad", "overdue" },
    { "not-assessed", "ej bedömt", "not assessed" },
    { "gaps-count", "Krav som är delvis uppfyllda eller inte uppfyllda",
      "Requirements partly met or not met" },
    { "of-them-overdue", "varav försenade", "of them overdue" },
    { "no-gaps", "Alla bedömda krav är uppfyllda.", "Every requirement assessed is met." },
    { "compared-with", "Jämfört med", "Compared with" },
    { "count", "Antal", "Count" },
    { "control", "Kontroll", "Control" },
    { "applicability", "Tillämplighet", "Applicability" },
    { "undecided", "Ej angiven", "Not decided" },
    { "justification", "Motivering", "Justification" },
    { "excluded-intro", "Kontroller som inte tillämpas, med motivering.",
      "Controls that are not applied, with the justification." },
    { "no-soa", "Gapanalysen omfattar inte bilaga A.",
      "The gap analysis does not cover Annex A." },
    { "no-comparison",
      "Föregående års gapanalys gäller en annan utgåva av standarden och jämförs inte krav "
      "för krav.",
      "Last year's gap analysis is against another edition of the standard and is not "
      "compared requirement by requirement." },
    /* gap analysis against an imported catalog (another framework) */
    { "sub-groups", "Efterlevnad per grupp", "Compliance per group" },
    { "group", "Grupp", "Group" },
    { "ungrouped", "Kontroller utanför grupperna", "Controls outside the groups" },
    { "catalog-version", "version", "version" },
    { "applicability-intro", "Tillämpligheten av kontrollerna i",
      "Applicability of the controls of" },
    { "previous-gap", "Föregående års gapanalys", "Last year's gap analysis" },
    { "is-against", "är gjord mot", "is against" },
    { "and-this-year", "och årets mot", "and this year's against" },
    { "catalogs-not-compared",
      "gapanalyser mot olika kataloger jämförs inte krav för krav.",
      "gap analyses against different catalogs are not compared requirement by "
      "requirement." },
    /* classification */
    { "no-assets", "Förteckningen har inga tillgångar.", "The inventory holds no assets." },
    { "assets", "Tillgångar", "Assets" },
    { "levels-note",
      "Gällande nivå: bedömd eller fastställd, ärvd från information som tillgången "
      "behandlar, och höjd till golven för personuppgifter. Alla tillgångar räknas.",
      "Effective level: assessed or overridden, inherited from information the asset "
      "processes, and raised to the floors for personal data. Every asset counts." },
    { "no-level", "Ingen gällande nivå", "No effective level" },
    { "overall", "Sammantagen klass", "Overall class" },
    { "type", "Typ", "Type" },
    { "asset", "Tillgång", "Asset" },
    { "name", "Namn", "Name" },
    { "classified", "Senast klassad", "Last classified" },
    { "next-review", "Nästa klassning", "Next review" },
    { "no-due", "Ingen klassning behöver ses över i år.",
      "No classification is due for review this year." },
    /* plan */
    { "no-plan", "Planen har inga åtgärder.", "The plan holds no actions." },
    { "no-open", "Planen har inga öppna åtgärder.", "The plan holds no open actions." },
    { "plan-not-scheduled", "Planen kunde inte schemaläggas", "The plan could not be scheduled" },
    { "plan-intro",
      "Öppna åtgärder i prioritetsordning (Nr), fördelade på perioder; återkommande åtgärder "
      "finns med i varje period de återkommer i.",
      "Open actions in order of priority (No.), placed in periods; recurring actions appear "
      "in every period they recur in." },
    { "unscheduled-intro",
      "Öppna åtgärder i planens ordning; de har inte fördelats på perioder.",
      "Open actions in the plan's order; they have not been placed in periods." },
    { "effort-planned", "Planerad insats", "Planned effort" },
    { "person-days", "persondagar", "person-days" },
    { "no-limit", "ingen övre gräns", "no limit" },
    { "over-capacity", "över kapaciteten", "over capacity" },
    { "rank", "Nr", "No." },
    { "action", "Åtgärd", "Action" },
    { "title", "Rubrik", "Title" },
    { "effort", "Insats", "Effort" },
    { "score", "Poäng", "Score" },
    { "note", "Anmärkning", "Note" },
    { "late", "planerad efter klart senast", "planned after its due date" },
    { "in-progress", "pågår", "in progress" },
    { "empty-period", "Inga åtgärder i perioden.", "No actions in this period." },
    /* quantitative */
    { "no-models", "Inga risker har en kvantitativ modell.",
      "No risk carries a quantitative model." },
    { "sim-off", "Simuleringen av de kvantitativa modellerna var avslagen.",
      "The simulation of the quantitative models was turned off." },
    { "sim-failed", "Modellerna kunde inte simuleras", "The models could not be simulated" },
    { "sim-intro", "Monte Carlo-simulering, antal simulerade år",
      "Monte Carlo simulation, simulated years" },
    { "seed", "frö", "seed" },
    { "portfolio", "Alla modellerade risker", "All modelled risks" },
    { "ale", "ALE (medel)", "ALE (mean)" },
    { "p50", "P50", "P50" },
    { "p90", "P90", "P90" },
    { "p99", "P99", "P99" },
    { "var95", "VaR 95 %", "VaR 95%" },
    { "es95", "ES 95 %", "ES 95%" },
    { "annual-loss", "Årlig förlust", "Annual loss" },
    { "annual-loss-log", "Årlig förlust (logaritmisk skala)", "Annual loss (log scale)" },
    { "exceedance", "Sannolikhet att överskridas", "Probability of exceeding" },
    { "lec-title",
      "Förlustöverskridandekurva: sannolikheten att den årliga förlusten överstiger ett belopp",
      "Loss exceedance curve: the probability that the annual loss exceeds an amount" },
    /* short units of money on a chart's axis (with the space before them) */
    { "thousands-short", "\xc2\xa0tn", "k" },
    { "millions-short", "\xc2\xa0mn", "M" },
    { "billions-short", "\xc2\xa0md", "B" },
    { "quant-note",
      "Årlig förlust per risk: medelvärde (ALE), percentiler, värde i risk (VaR) och "
      "förväntat underskott (ES) vid 95 %.",
      "Annual loss per risk: mean (ALE), percentiles, value at risk (VaR) and expected "
      "shortfall (ES) at 95%." },
    /* findings */
    { "no-findings", "Kontrollerna gav inga iakttagelser.", "The checks gave no findings." },
    { "severity", "Allvarlighet", "Severity" },
    { "code", "Kod", "Code" },
    { "ref", "Avser", "Concerns" },
    { "message", "Meddelande", "Message" },
    { "findings-intro", "Iakttagelser från alla kontroller av dokumentet",
      "Findings of every check of the document" },
    { "errors", "fel", "errors" },
    { "warnings", "varningar", "warnings" },
    { "infos", "information", "info" },
    /* decision */
    { "decision-intro",
      "Ledningen har gått igenom underlaget ovan och beslutar följande.",
      "Management has reviewed the material above and decides as follows." },
    { "decision", "Beslut", "Decision" },
    { "signature", "Underskrift", "Signature" },
    { "name-clarification", "Namnförtydligande", "Name in print" },
};

const char *isms__report_word(const isms__report *r, const char *key)
{
    if (!key)
        return "";
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (strcmp(words[i].key, key) == 0)
            return r && r->lang == ISMS_LANG_EN ? words[i].en : words[i].sv;
    return key;
}

/* ---- escaping ----------------------------------------------------------------------------- */

size_t isms__report_decode(const char *s, uint32_t *cp)
{
    /* isms__utf8_next() gives an invalid byte as itself, one byte long; a valid sequence
     * of a code point from U+0080 on is at least two bytes long */
    const char *p = s;
    uint32_t c = isms__utf8_next(&p);
    size_t n = (size_t)(p - s);
    if (n == 0) /* the NUL */
        n = 1;
    *cp = n == 1 && c >= 0x80 ? 0xFFFD : c;
    return n;
}

/* Characters that must not reach a terminal or a document as they are: C0 and C1 controls,
 * DEL, and the bidirectional overrides and isolates that can make text read differently
 * from what it holds. Line breaks are handled by the callers. */
static bool is_control(uint32_t cp)
{
    return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || (cp >= 0x202A && cp <= 0x202E) ||
           (cp >= 0x2066 && cp <= 0x2069) || cp == 0x2028 || cp == 0x2029;
}

static void put_cp(isms__buf *out, uint32_t cp)
{
    char tmp[4];
    isms__buf_append(out, tmp, isms__utf8_put(tmp, cp));
}

void isms__escape_html(isms__buf *out, const char *text)
{
    if (!text)
        return;
    const char *s = text;
    while (*s) {
        const char *run = s;
        while (*s && *s != '&' && *s != '<' && *s != '>' && *s != '"' && *s != '\'' &&
               (unsigned char)*s >= 0x20 && (unsigned char)*s < 0x7F)
            s++;
        isms__buf_append(out, run, (size_t)(s - run));
        if (!*s)
            break;
        switch (*s) {
        case '&': isms__buf_puts(out, "&amp;"); s++; continue;
        case '<': isms__buf_puts(out, "&lt;"); s++; continue;
        case '>': isms__buf_puts(out, "&gt;"); s++; continue;
        case '"': isms__buf_puts(out, "&quot;"); s++; continue;
        case '\'': isms__buf_puts(out, "&#39;"); s++; continue;
        default: break;
        }
        uint32_t cp;
        size_t n = isms__report_decode(s, &cp);
        if (cp == '\n' || cp == '\t')
            isms__buf_append(out, s, 1);
        else if (cp == '\r')
            ; /* CRLF: the LF stays */
        else if (is_control(cp))
            isms__buf_puts(out, " ");
        else if (cp == 0xFFFD && n == 1)
            put_cp(out, 0xFFFD);
        else
            isms__buf_append(out, s, n);
        s += n;
    }
}

static bool ascii_alnum(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

void isms__escape_md(isms__buf *out, const char *text)
{
    isms__escape_md_span(out, text, true);
}

void isms__escape_md_span(isms__buf *out, const char *text, bool line_start)
{
    if (!text)
        return;
    const char *s = text;
    /* Leading white space could make an indented code block; it is dropped. */
    while (line_start && (*s == ' ' || *s == '\t'))
        s++;
    /* What would start a block at the beginning of a line: a list item, a thematic break,
     * a setext underline, an ordered list. (A quote starts with '>', which becomes an
     * entity; '#' is escaped everywhere, as a heading's closing '#'s would vanish.) */
    if (!line_start) {
        /* inline: nothing starts a block here */
    } else if (*s == '+' || *s == '-' || *s == '=') {
        isms__buf_append(out, "\\", 1);
        isms__buf_append(out, s, 1);
        s++;
    } else if (*s >= '0' && *s <= '9') {
        const char *d = s;
        while (*d >= '0' && *d <= '9')
            d++;
        if (*d == '.' || *d == ')') {
            isms__buf_append(out, s, (size_t)(d - s));
            isms__buf_append(out, "\\", 1);
            isms__buf_append(out, d, 1);
            s = d + 1;
        }
    }
    while (*s) {
        unsigned char c = (unsigned char)*s;
        switch (c) {
        case '&': isms__buf_puts(out, "&amp;"); s++; continue;
        case '<': isms__buf_puts(out, "&lt;"); s++; continue;
        case '>': isms__buf_puts(out, "&gt;"); s++; continue;
        case '\\': case '`': case '*': case '_': case '[': case ']': case '|': case '~':
        case '#':
            isms__buf_append(out, "\\", 1);
            isms__buf_append(out, s, 1);
            s++;
            continue;
        case '\r':
            isms__buf_puts(out, "<br>");
            s += s[1] == '\n' ? 2 : 1;
            continue;
        case '\n':
            isms__buf_puts(out, "<br>");
            s++;
            continue;
        case ':':
            /* "https://…" would become a link in GitHub's Markdown: an escaped colon keeps
             * it text */
            if (s[1] == '/' && s[2] == '/') {
                isms__buf_puts(out, "\\:");
                s++;
                continue;
            }
            break;
        case 'w': case 'W':
            /* so would "www.…" at the start of a word */
            if ((s == text || !ascii_alnum(s[-1])) && (s[1] == 'w' || s[1] == 'W') &&
                (s[2] == 'w' || s[2] == 'W') && s[3] == '.') {
                isms__buf_append(out, s, 3);
                isms__buf_puts(out, "\\.");
                s += 4;
                continue;
            }
            break;
        default: break;
        }
        if (c >= 0x20 && c < 0x7F) {
            isms__buf_append(out, s, 1);
            s++;
            continue;
        }
        uint32_t cp;
        size_t n = isms__report_decode(s, &cp);
        if (is_control(cp))
            isms__buf_puts(out, " ");
        else if (cp == 0xFFFD && n == 1)
            put_cp(out, 0xFFFD);
        else
            isms__buf_append(out, s, n);
        s += n;
    }
}

void isms__escape_json(isms__buf *out, const char *text)
{
    isms__json w;
    isms__json_init(&w, out, "the report", ISMS__JSON_SCRIPT_SAFE);
    isms__json_string(&w, text ? text : "");
}

void isms__escape_text(isms__buf *out, const char *text)
{
    if (!text)
        return;
    const char *s = text;
    while (*s) {
        const char *run = s;
        while ((unsigned char)*s >= 0x20 && (unsigned char)*s < 0x7F)
            s++;
        isms__buf_append(out, run, (size_t)(s - run));
        if (!*s)
            break;
        uint32_t cp;
        size_t n = isms__report_decode(s, &cp);
        if (cp == '\r' && s[1] == '\n')
            n = 2; /* one line break, one space */
        if (is_control(cp))
            isms__buf_puts(out, " ");
        else if (cp == 0xFFFD && n == 1)
            isms__buf_puts(out, "?");
        else
            isms__buf_append(out, s, n);
        s += n;
    }
}

/* ---- numbers ------------------------------------------------------------------------------ */

#define NBSP "\xc2\xa0"

void isms__report_int(char *buf, size_t size, const isms__report *r, double value)
{
    isms__report_dec(buf, size, r, value, 0);
}

void isms__report_dec(char *buf, size_t size, const isms__report *r, double value, int decimals)
{
    bool en = r && r->lang == ISMS_LANG_EN;
    isms__format_number(buf, size, value, decimals, en ? "." : ",", en ? "," : NBSP);
}

/* A fraction as the report shows it: a percentage rounded to one decimal. */
static double shown_percent(double fraction)
{
    return round(fraction * 1000) / 10;
}

void isms__report_pct(char *buf, size_t size, const isms__report *r, double fraction)
{
    if (!isfinite(fraction)) {
        snprintf(buf, size, "–");
        return;
    }
    char num[64];
    double pct = shown_percent(fraction);
    if (pct == round(pct))
        isms__report_dec(num, sizeof num, r, pct, 0);
    else
        isms__report_dec(num, sizeof num, r, pct, 1);
    snprintf(buf, size, "%s%s", num, r && r->lang == ISMS_LANG_EN ? "%" : NBSP "%");
}

const char *isms__report_band_label(const isms__report *r, int band)
{
    isms_band b;
    if (band < 0 || !r->matrix || isms_matrix_band(&b, r->matrix, (size_t)band) != ISMS_OK)
        return "";
    return r->lang == ISMS_LANG_EN ? b.label_en : b.label_sv;
}

bool isms__report_action_overdue(const isms__report *r, const isms_action *a)
{
    if (!a || !isms__action_open(a))
        return false;
    isms_period due = isms_action_due(a);
    return isms_period_overdue(&due, r->today);
}

/* ---- gathering ---------------------------------------------------------------------------- */

/* The thread's last error message, cut (at a character, not inside one) to fit. */
static void keep_message(char *dst, size_t size)
{
    const char *msg = isms_error_last()->message;
    size_t n = strlen(msg);
    if (n >= size) {
        n = size - 1;
        while (n > 0 && ((unsigned char)msg[n] & 0xC0) == 0x80)
            n--; /* msg[n] would begin the part cut off: back to a character's first byte */
    }
    memcpy(dst, msg, n);
    dst[n] = '\0';
}

static int gather_risks(isms__report *r)
{
    const isms_register *reg = isms_document_register(r->doc);
    r->matrix = isms_register_matrix(reg);
    int rc = isms_register_sorted(&r->risks, &r->n_risks, reg, ISMS_INHERENT);
    if (rc != ISMS_OK)
        return rc;
    r->n_bands = isms_matrix_band_count(r->matrix);
    r->n_likelihood = isms_matrix_level_count(r->matrix, ISMS_AXIS_LIKELIHOOD);
    r->n_consequence = isms_matrix_level_count(r->matrix, ISMS_AXIS_CONSEQUENCE);
    size_t cells = r->n_likelihood * r->n_consequence;
    r->band_inherent = isms__calloc(r->n_bands, sizeof *r->band_inherent);
    r->band_residual = isms__calloc(r->n_bands, sizeof *r->band_residual);
    r->heat_inherent = isms__calloc(cells, sizeof *r->heat_inherent);
    r->heat_residual = isms__calloc(cells, sizeof *r->heat_residual);
    if (!r->band_inherent || !r->band_residual || !r->heat_inherent || !r->heat_residual)
        return isms__error_nomem();
    rc = isms_register_band_counts(r->band_inherent, r->n_bands, &r->unscored, reg,
                                   ISMS_INHERENT);
    if (rc == ISMS_OK)
        rc = isms_register_band_counts(r->band_residual, r->n_bands, &r->unscored_residual,
                                       reg, ISMS_RESIDUAL);
    if (rc == ISMS_OK)
        rc = isms_register_heatmap(r->heat_inherent, cells, reg, ISMS_INHERENT);
    if (rc == ISMS_OK)
        rc = isms_register_heatmap(r->heat_residual, cells, reg, ISMS_RESIDUAL);
    int accept = isms_matrix_acceptance(r->matrix);
    for (size_t i = 0; i < r->n_risks; i++) {
        int v = isms_risk_value(r->risks[i], ISMS_INHERENT);
        if (v != ISMS_VALUE_UNSET && v > accept)
            r->above_inherent++;
        v = isms_risk_value(r->risks[i], ISMS_RESIDUAL);
        if (v != ISMS_VALUE_UNSET && v > accept)
            r->above_residual++;
    }
    return rc;
}

/* The Swedish names of the management-system clauses and of the 2022 Annex A themes (the
 * catalog's titles are English): the name of a chapter in the report's language. */
static const char *chapter_name(const isms__report *r, const char *id, isms_edition edition,
                                const char *title)
{
    static const char *const clauses[] = {
        "Organisationens förutsättningar", "Ledarskap", "Planering", "Stöd", "Verksamhet",
        "Utvärdering av prestanda", "Förbättring",
    };
    static const char *const themes[] = {
        "Organisatoriska åtgärder", "Personrelaterade åtgärder", "Fysiska åtgärder",
        "Tekniska åtgärder",
    };
    if (r->lang != ISMS_LANG_SV || !id)
        return title ? title : "";
    int n = 0;
    if (isms__parse_int(id, &n) && n >= 4 && n <= 10)
        return clauses[n - 4];
    if (edition != ISMS_EDITION_2013 && strncmp(id, "A.", 2) == 0 && id[2] >= '5' &&
        id[2] <= '8' && id[3] == '\0')
        return themes[id[2] - '5'];
    return title ? title : "";
}

/* Annex A of 2022 and of 2022 with Amendment 1 is the same. */
static bool same_annex(isms_edition a, isms_edition b)
{
    bool a22 = a == ISMS_EDITION_2022 || a == ISMS_EDITION_2022_AMD1;
    bool b22 = b == ISMS_EDITION_2022 || b == ISMS_EDITION_2022_AMD1;
    return a == b || (a22 && b22);
}

/* True when an assessment is held against an imported catalog. */
static bool against_imported(const isms_assessment *a)
{
    return isms_catalog_edition(isms_assessment_catalog(a)) == ISMS_EDITION_IMPORTED;
}

/* True when two assessments are against other catalogs: one imported and the other not, or
 * two imported catalogs with different UUIDs (editions of ISO/IEC 27001 are not others). */
static bool other_catalogs(const isms_assessment *a, const isms_assessment *b)
{
    bool ia = against_imported(a), ib = against_imported(b);
    if (!ia && !ib)
        return false;
    return !(ia && ib &&
             strcmp(isms_catalog_uuid(isms_assessment_catalog(a)),
                    isms_catalog_uuid(isms_assessment_catalog(b))) == 0);
}

/* The controls of an imported catalog outside every top-level group, tallied: what the
 * summary counts in Annex A (every control) but in none of its groups. False when there are
 * none, or no groups (then there is no table of groups). */
static bool ungrouped_tally(isms_tally *out, const isms_summary *s, const isms_weights *w)
{
    memset(out, 0, sizeof *out);
    if (s->group_count == 0)
        return false;
    *out = s->annex_a;
    for (size_t g = 0; g < s->group_count; g++) {
        for (int k = 0; k < ISMS_STATUS_COUNT; k++)
            out->counts[k] -= s->groups[g].counts[k];
        out->total -= s->groups[g].total;
    }
    if (out->total == 0)
        return false;
    /* as the summary finishes a tally (lib/assess/analysis.c) */
    out->applicable = out->total - out->counts[ISMS_STATUS_NOT_APPLICABLE];
    out->assessed = out->counts[ISMS_STATUS_YES] + out->counts[ISMS_STATUS_PARTIAL] +
                    out->counts[ISMS_STATUS_NO];
    out->coverage = out->applicable ? (double)out->assessed / out->applicable : 0.0;
    out->compliance = out->assessed ? (w->yes * out->counts[ISMS_STATUS_YES] +
                                       w->partial * out->counts[ISMS_STATUS_PARTIAL] +
                                       w->no * out->counts[ISMS_STATUS_NO]) /
                                          out->assessed
                                    : 0.0;
    return true;
}

/* Partly or not met, as the summary counts it (an excluded control is not applicable). */
static bool is_gap(const isms_entry *e)
{
    isms_status s = isms__entry_effective(e);
    return s == ISMS_STATUS_PARTIAL || s == ISMS_STATUS_NO;
}

static void add_gap(isms__report *r, const isms_entry *e)
{
    isms_period due = isms_entry_due(e);
    isms__report_gap *g = &r->gaps[r->n_gaps++];
    g->entry = e;
    g->overdue = isms_period_overdue(&due, r->today);
    if (g->overdue)
        r->overdue_gaps++;
}

/* An entry of an Annex A control (what the Statement of Applicability lists). */
static bool annex_control(const isms_entry *e)
{
    const isms_item *it = isms_entry_item(e);
    return it && isms_item_kind_of(it) == ISMS_ITEM_CONTROL;
}

bool isms__report_excluded(const isms_entry *e)
{
    return annex_control(e) && isms_entry_applicability(e) == ISMS_APPLICABILITY_EXCLUDED;
}

const char *isms__report_entry_title(const isms_entry *e)
{
    const char *t = isms_entry_get(e, ISMS_FIELD_TEXT);
    if (*t)
        return t;
    return isms_item_title(isms_entry_item(e));
}

static int gather_gap(isms__report *r)
{
    /* this year: the assessment of the document's year, or the latest one before it (a
     * later one is not this year's); last year: the one before that (oldest first) */
    size_t na = isms_document_assessment_count(r->doc);
    int year = isms_document_year(r->doc);
    size_t at = na;
    for (size_t i = 0; i < na; i++)
        if (isms_assessment_year(isms_document_assessment_at(r->doc, i)) <= year)
            at = i;
    if (at == na)
        return ISMS_OK;
    r->current = isms_document_assessment_at(r->doc, at);
    r->previous = at > 0 ? isms_document_assessment_at(r->doc, at - 1) : NULL;
    isms_settings settings;
    int rc = isms_document_settings(&settings, r->doc);
    if (rc == ISMS_OK)
        rc = isms_assessment_summarise(&r->now, r->current, &settings.compliance);
    if (rc == ISMS_OK && r->previous)
        rc = isms_assessment_summarise(&r->before, r->previous, &settings.compliance);
    if (rc != ISMS_OK)
        return rc;

    /* chapters 4–10 in scope, then the Annex A groups (an imported catalog: its top-level
     * groups, then its controls outside them) */
    const isms_catalog *cat = isms_assessment_catalog(r->current);
    isms_edition ed = isms_assessment_edition(r->current);
    r->imported = against_imported(r->current);
    r->other_catalog = r->previous && other_catalogs(r->previous, r->current);
    bool groups_before = r->previous && !r->other_catalog &&
                         same_annex(ed, isms_assessment_edition(r->previous));
    isms_tally rest_now, rest_before;
    bool rest = r->imported && ungrouped_tally(&rest_now, &r->now, &settings.compliance);
    bool rest_had = groups_before && r->imported &&
                    ungrouped_tally(&rest_before, &r->before, &settings.compliance);
    size_t n = r->now.group_count + (rest ? 1 : 0);
    for (int c = 0; c < 7; c++)
        if (r->now.chapter[c].total > 0)
            n++;
    if (n > 0) {
        r->chapters = isms__calloc(n, sizeof *r->chapters);
        if (!r->chapters)
            return isms__error_nomem();
    }
    for (int c = 0; c < 7; c++) {
        if (r->now.chapter[c].total == 0)
            continue;
        isms__report_chapter *ch = &r->chapters[r->n_chapters++];
        static const char *const ids[] = { "4", "5", "6", "7", "8", "9", "10" };
        ch->id = ids[c];
        ch->title = "";
        for (size_t i = 0; i < isms_catalog_root_count(cat); i++) {
            const isms_item *it = isms_catalog_root(cat, i);
            if (isms_item_kind_of(it) == ISMS_ITEM_CHAPTER && isms_item_chapter(it) == c + 4) {
                ch->title = isms_item_title(it);
                break;
            }
        }
        ch->title = chapter_name(r, ch->id, ed, ch->title);
        ch->now = r->now.chapter[c];
        if (r->previous && r->before.chapter[c].total > 0) {
            ch->before = r->before.chapter[c];
            ch->has_before = true;
        }
    }
    for (size_t g = 0; g < r->now.group_count; g++) {
        isms__report_chapter *ch = &r->chapters[r->n_chapters++];
        ch->id = isms_item_id(r->now.group[g]);
        /* an imported catalog's groups are named as it names them (an id such as "5" or
         * "A.5" is not a chapter or a theme of ISO/IEC 27001 there) */
        ch->title = r->imported ? isms_item_title(r->now.group[g])
                                : chapter_name(r, ch->id, ed, isms_item_title(r->now.group[g]));
        ch->now = r->now.groups[g];
        for (size_t h = 0; groups_before && h < r->before.group_count; h++)
            if (strcmp(isms_item_id(r->before.group[h]), ch->id) == 0 &&
                r->before.groups[h].total > 0) {
                ch->before = r->before.groups[h];
                ch->has_before = true;
            }
    }
    if (rest) {
        isms__report_chapter *ch = &r->chapters[r->n_chapters++];
        ch->id = "";
        ch->title = isms__report_word(r, "ungrouped");
        ch->now = rest_now;
        if (rest_had) {
            ch->before = rest_before;
            ch->has_before = true;
        }
    }

    /* partial and missing requirements: catalog order, then what the catalog does not
     * count (unknown references, requirements out of scope) in the table's order */
    size_t ne = isms_assessment_count(r->current);
    size_t ngaps = 0;
    for (size_t i = 0; i < ne; i++)
        if (is_gap(isms_assessment_at(r->current, i)))
            ngaps++;
    if (ngaps > 0) {
        r->gaps = isms__calloc(ngaps, sizeof *r->gaps);
        if (!r->gaps)
            return isms__error_nomem();
    }
    isms_scope scope = isms_assessment_scope(r->current);
    size_t nreq = isms_catalog_requirement_count(cat, scope);
    for (size_t i = 0; i < nreq && r->n_gaps < ngaps; i++) {
        const isms_item *it = isms_catalog_requirement(cat, scope, i);
        const isms_entry *e = isms_assessment_find(r->current, isms_item_id(it));
        if (e && isms_entry_item(e) == it && is_gap(e))
            add_gap(r, e);
    }
    for (size_t i = 0; i < ne && r->n_gaps < ngaps; i++) {
        const isms_entry *e = isms_assessment_at(r->current, i);
        if (is_gap(e) && !isms__in_scope(isms_entry_item(e), scope))
            add_gap(r, e);
    }

    /* the comparison with last year */
    if (r->previous && !r->other_catalog &&
        same_annex(isms_assessment_edition(r->previous), ed)) {
        rc = isms_assessment_compare(&r->comparison, r->previous, r->current);
        if (rc != ISMS_OK)
            return rc;
    }

    /* the Statement of Applicability */
    for (size_t i = 0; i < ne; i++) {
        const isms_entry *e = isms_assessment_at(r->current, i);
        if (!annex_control(e))
            continue;
        switch (isms_entry_applicability(e)) {
        case ISMS_APPLICABILITY_APPLICABLE: r->soa_applicable++; break;
        case ISMS_APPLICABILITY_EXCLUDED: r->soa_excluded++; break;
        default: r->soa_undecided++; break;
        }
    }
    return ISMS_OK;
}

/* An asset whose every aspect of the scheme is assessed or overridden: what lint calls
 * classified (floors and inheritance do not make a classification). */
static bool fully_classified(const isms_asset *a, const isms_scheme *scheme)
{
    return isms__asset_unclassified(a, scheme) == 0;
}

static int gather_assets(isms__report *r)
{
    isms_inventory *inv = isms_document_inventory(r->doc);
    int rc = isms_inventory_classify(inv);
    if (rc == ISMS_OK)
        rc = isms_inventory_summarise(&r->inventory, inv);
    if (rc != ISMS_OK)
        return rc;
    r->classified = true;
    const isms_scheme *scheme = isms_inventory_scheme(inv);
    for (size_t i = 0; i < isms_inventory_count(inv); i++) {
        const isms_asset *a = isms_inventory_at(inv, i);
        if (isms_asset_get_type(a) != ISMS_ASSET_INFORMATION)
            continue;
        r->information_total++;
        if (fully_classified(a, scheme))
            r->information_classified++;
    }
    rc = isms_inventory_due(&r->due, &r->n_due, inv, isms_document_year(r->doc));
    if (rc != ISMS_OK)
        return rc;
    for (size_t i = 0; i < r->n_due; i++)
        if (isms_date_compare(isms_asset_next_review(r->due[i]), r->today) < 0)
            r->overdue_reviews++;
    return ISMS_OK;
}

static int gather_plan(isms__report *r)
{
    isms_plan *plan = isms_document_plan(r->doc);
    for (size_t i = 0; i < isms_plan_count(plan); i++) {
        const isms_action *a = isms_plan_at(plan, i);
        if (isms__action_open(a))
            r->open_actions++;
        if (isms__report_action_overdue(r, a))
            r->overdue_actions++;
    }
    if (isms_plan_count(plan) == 0)
        return ISMS_OK;
    isms_schedule_options so;
    int rc = isms_document_schedule_options(&so, r->doc);
    if (rc != ISMS_OK)
        return rc;
    so.lang = r->lang;
    rc = isms_plan_prioritise(&r->ranked, &r->n_ranked, plan, &so.priority);
    if (rc == ISMS_OK)
        rc = isms_plan_schedule(&r->schedule, plan, &so);
    if (rc == ISMS_ENOTFOUND) {
        /* A prerequisite that no action has: lint reports it as an error; the report shows
         * the plan unscheduled rather than not at all. */
        keep_message(r->plan_error, sizeof r->plan_error);
        isms_free(r->ranked);
        r->ranked = NULL;
        r->n_ranked = 0;
        return ISMS_OK;
    }
    return rc;
}

static int quant_of(isms__report_quant *q, const isms_simulation *sim, size_t index)
{
    int rc = isms_simulation_stats(&q->stats, sim, index);
    if (rc == ISMS_OK)
        rc = isms_simulation_percentile(&q->p50, sim, index, 50);
    if (rc == ISMS_OK)
        rc = isms_simulation_percentile(&q->p90, sim, index, 90);
    if (rc == ISMS_OK)
        rc = isms_simulation_percentile(&q->p99, sim, index, 99);
    if (rc == ISMS_OK)
        rc = isms_simulation_var(&q->var95, sim, index, 0.95);
    if (rc == ISMS_OK)
        rc = isms_simulation_expected_shortfall(&q->es95, sim, index, 0.95);
    return rc;
}

static int compare_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The portfolio's loss exceedance curve. Annual losses usually span several decades, so
 * when the largest loss is more than a hundred times the smallest positive one the points
 * are spaced evenly on a logarithmic scale between the two (the chart then draws a log
 * axis); otherwise evenly from min(0, smallest) to the largest, as isms_simulation_lec()
 * does. Each point carries the share of simulated years whose loss is above it. */
static int portfolio_lec(isms__report *r)
{
    const double *samples;
    size_t n;
    int rc = isms_simulation_samples(&samples, &n, r->simulation, ISMS_PORTFOLIO);
    if (rc != ISMS_OK || n == 0)
        return isms_simulation_lec(r->lec, ISMS__REPORT_LEC_POINTS, r->simulation,
                                   ISMS_PORTFOLIO);
    double *x = isms__malloc(n * sizeof *x);
    if (!x)
        return isms__error_nomem();
    memcpy(x, samples, n * sizeof *x);
    qsort(x, n, sizeof *x, compare_double);
    size_t first = 0; /* the smallest positive loss */
    while (first < n && !(x[first] > 0))
        first++;
    double hi = x[n - 1];
    bool logscale = first < n && hi > 100 * x[first];
    double lo = logscale ? x[first] : fmin(0, x[0]);
    size_t above = 0; /* samples at or below the current loss */
    for (size_t k = 0; k < ISMS__REPORT_LEC_POINTS; k++) {
        double t = (double)k / (double)(ISMS__REPORT_LEC_POINTS - 1);
        double loss = k + 1 == ISMS__REPORT_LEC_POINTS ? hi
                      : logscale ? lo * pow(hi / lo, t) : lo + (hi - lo) * t;
        while (above < n && x[above] <= loss)
            above++;
        r->lec[k].loss = loss;
        r->lec[k].exceedance = (double)(n - above) / (double)n;
    }
    isms__free(x);
    return ISMS_OK;
}

static int gather_quant(isms__report *r)
{
    isms_settings settings;
    int rc = isms_document_settings(&settings, r->doc);
    if (rc != ISMS_OK)
        return rc;
    r->sim_iterations = settings.iterations;
    r->sim_seed = (unsigned long long)settings.seed;
    size_t nm = isms_document_model_count(r->doc);
    if (!r->opt.simulate || nm == 0)
        return ISMS_OK;
    rc = isms_document_simulate(&r->simulation, r->doc, true);
    if (rc == ISMS_ENOMEM)
        return rc;
    if (rc != ISMS_OK) {
        /* A model that no longer passes its check: lint reports it; the report says why
         * there are no figures. */
        keep_message(r->sim_error, sizeof r->sim_error);
        r->simulation = NULL;
        return ISMS_OK;
    }
    r->quant = isms__calloc(nm, sizeof *r->quant);
    if (!r->quant)
        return isms__error_nomem();
    const isms_register *reg = isms_document_register(r->doc);
    for (size_t i = 0; i < nm; i++) {
        isms__report_quant *q = &r->quant[i];
        q->risk_id = "";
        isms_document_model_at(&q->risk_id, r->doc, i);
        const isms_risk *risk = isms__register_lookup(reg, q->risk_id);
        q->title = risk ? isms_risk_title(risk) : "";
        rc = quant_of(q, r->simulation, i);
        if (rc != ISMS_OK)
            return rc;
        r->n_quant++;
    }
    r->portfolio.risk_id = "";
    r->portfolio.title = isms__report_word(r, "portfolio");
    rc = quant_of(&r->portfolio, r->simulation, ISMS_PORTFOLIO);
    if (rc == ISMS_OK)
        rc = portfolio_lec(r);
    return rc;
}

int isms__report_gather(isms__report *r, isms_document *doc, const isms_report_options *opt)
{
    memset(r, 0, sizeof *r);
    r->doc = doc;
    r->opt = *opt;
    r->lang = opt->lang;
    r->today = isms_document_today(doc);
    const char *title = isms_document_get(doc, ISMS_DOC_TITLE);
    if (title && !isms__text_blank(title)) {
        r->title = title;
    } else {
        snprintf(r->title_buf, sizeof r->title_buf, "%s %d", isms__report_word(r, "title-default"),
                 isms_document_year(doc));
        r->title = r->title_buf;
    }
    int rc = gather_risks(r);
    if (rc == ISMS_OK)
        rc = gather_gap(r);
    if (rc == ISMS_OK)
        rc = gather_assets(r);
    if (rc == ISMS_OK)
        rc = gather_plan(r);
    if (rc == ISMS_OK)
        rc = gather_quant(r);
    if (rc == ISMS_OK)
        rc = isms_findings_new(&r->findings, r->lang);
    if (rc == ISMS_OK)
        rc = isms_document_lint(r->findings, doc);
    if (rc != ISMS_OK) {
        isms__report_release(r);
        return rc;
    }
    return ISMS_OK;
}

void isms__report_release(isms__report *r)
{
    if (!r)
        return;
    isms_free(r->risks);
    isms__free(r->band_inherent);
    isms__free(r->band_residual);
    isms__free(r->heat_inherent);
    isms__free(r->heat_residual);
    isms__free(r->chapters);
    isms__free(r->gaps);
    isms_comparison_free(r->comparison);
    isms_free(r->due);
    isms_schedule_free(r->schedule);
    isms_free(r->ranked);
    isms_simulation_free(r->simulation);
    isms__free(r->quant);
    isms_findings_free(r->findings);
    r->risks = NULL;
    r->band_inherent = r->band_residual = r->heat_inherent = r->heat_residual = NULL;
    r->chapters = NULL;
    r->gaps = NULL;
    r->comparison = NULL;
    r->due = NULL;
    r->schedule = NULL;
    r->ranked = NULL;
    r->simulation = NULL;
    r->quant = NULL;
    r->findings = NULL;
    r->n_risks = r->n_chapters = r->n_gaps = r->n_due = r->n_ranked = r->n_quant = 0;
}

/* ---- layout (shared by the text, Markdown and HTML renderers) ------------------------------ */

#define W(key) isms__report_word(r, (key))

static void push_cell(isms__layout *l, size_t first, size_t count)
{
    if (l->failed)
        return;
    if (!isms__grow((void **)&l->cells, &l->cap_cells, l->n_cells + 1, sizeof *l->cells)) {
        l->failed = true;
        return;
    }
    l->cells[l->n_cells].first = first;
    l->cells[l->n_cells].count = count;
    l->n_cells++;
}

/* Spans are NUL-terminated in the text buffer, so that the escapes can take them as they are:
 * a span is begun at the buffer's end, filled, and ended. In a table, a span is a cell of its
 * own unless a cell of several spans is open (cell_open()). */
static void span_end(isms__layout *l, size_t off, unsigned style, int band, isms__tag tag)
{
    isms__buf_append(&l->text, "", 1); /* its NUL */
    if (l->text.failed)
        l->failed = true;
    if (l->failed)
        return;
    if (!isms__grow((void **)&l->spans, &l->cap_spans, l->n_spans + 1, sizeof *l->spans)) {
        l->failed = true;
        return;
    }
    isms__span *sp = &l->spans[l->n_spans++];
    sp->off = off;
    sp->len = l->text.len - 1 - off;
    sp->style = style;
    sp->band = band;
    sp->tag = tag;
    if (l->in_table && !l->in_cell)
        push_cell(l, l->n_spans - 1, 1);
}

/* A span of up to three pieces of text (NULL pieces are left out). */
static void span3(isms__layout *l, unsigned style, int band, const char *a, const char *b,
                  const char *c)
{
    if (l->failed)
        return;
    size_t off = l->text.len;
    if (a)
        isms__buf_puts(&l->text, a);
    if (b)
        isms__buf_puts(&l->text, b);
    if (c)
        isms__buf_puts(&l->text, c);
    span_end(l, off, style, band, ISMS__TAG_NONE);
}

static void span_n(isms__layout *l, const char *s, size_t n, unsigned style, int band)
{
    if (l->failed)
        return;
    size_t off = l->text.len;
    isms__buf_append(&l->text, s ? s : "", s ? n : 0);
    span_end(l, off, style, band, ISMS__TAG_NONE);
}

static void span(isms__layout *l, const char *s, unsigned style)
{
    span3(l, style, -1, s, NULL, NULL);
}

/* A marker word (isms__tag). */
static void tag(isms__layout *l, isms__tag kind, const char *text)
{
    if (l->failed)
        return;
    size_t off = l->text.len;
    isms__buf_puts(&l->text, text ? text : "");
    span_end(l, off, 0, -1, kind);
}

static void ISMS__PRINTF(4, 5) spanf(isms__layout *l, unsigned style, int band,
                                     const char *fmt, ...)
{
    if (l->failed)
        return;
    size_t off = l->text.len;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        n = 0;
    char *tmp = isms__malloc((size_t)n + 1);
    if (!tmp) {
        l->failed = true;
        return;
    }
    va_start(ap, fmt);
    vsnprintf(tmp, (size_t)n + 1, fmt, ap);
    va_end(ap);
    isms__buf_append(&l->text, tmp, (size_t)n);
    isms__free(tmp);
    span_end(l, off, style, band, ISMS__TAG_NONE);
}

/* A span written piece by piece straight into the text: span_open(), appends to l->text,
 * span_close() with the offset span_open() gave. */
static size_t span_open(const isms__layout *l)
{
    return l->text.len;
}

static void span_close(isms__layout *l, size_t off, unsigned style)
{
    if (l->failed)
        return;
    span_end(l, off, style, -1, ISMS__TAG_NONE);
}

/* Appends the name of an assessment's catalog: its edition ("ISO/IEC 27001:2022"), or an
 * imported catalog's title with its version ("Exempelstads krav (version 2025.1)"). */
static void put_catalog_name(isms__buf *b, const isms__report *r, const isms_assessment *a)
{
    const isms_catalog *cat = isms_assessment_catalog(a);
    if (isms_catalog_edition(cat) != ISMS_EDITION_IMPORTED) {
        isms__buf_puts(b, isms_edition_name(isms_assessment_edition(a)));
        return;
    }
    isms__buf_puts(b, isms_catalog_title(cat));
    const char *version = isms_catalog_version(cat);
    if (!isms__text_blank(version))
        isms__buf_printf(b, " (%s %s)", isms__report_word(r, "catalog-version"), version);
}

/* A block of the spans from `mark` on; NULL when out of memory. */
static isms__block *block(isms__layout *l, isms__block_kind kind, int level, size_t mark)
{
    if (l->failed)
        return NULL;
    if (!isms__grow((void **)&l->blocks, &l->cap_blocks, l->n_blocks + 1, sizeof *l->blocks)) {
        l->failed = true;
        return NULL;
    }
    isms__block *b = &l->blocks[l->n_blocks++];
    memset(b, 0, sizeof *b);
    b->kind = kind;
    b->level = level;
    b->first = mark;
    b->count = l->n_spans - mark;
    return b;
}

/* A block of one span. */
static void one(isms__layout *l, isms__block_kind kind, const char *text)
{
    size_t m = l->n_spans;
    span(l, text, 0);
    block(l, kind, 0, m);
}

/* Tables: table_begin(), a span per cell (or cell_open(), spans, cell_close() for a cell of
 * several), table_end(). */
static size_t table_begin(isms__layout *l)
{
    l->in_table = true;
    l->in_cell = false;
    return l->n_cells;
}

static void table_end(isms__layout *l, size_t mark, size_t cols, unsigned flags)
{
    l->in_table = false;
    if (l->failed)
        return;
    if (!isms__grow((void **)&l->blocks, &l->cap_blocks, l->n_blocks + 1, sizeof *l->blocks)) {
        l->failed = true;
        return;
    }
    isms__block *b = &l->blocks[l->n_blocks++];
    memset(b, 0, sizeof *b);
    b->kind = ISMS__BLOCK_TABLE;
    b->first = mark;
    b->count = l->n_cells - mark;
    b->cols = cols;
    b->rows = cols ? b->count / cols : 0;
    b->flags = flags;
}

static void cell_open(isms__layout *l)
{
    l->in_cell = true;
    l->cell_mark = l->n_spans;
}

static void cell_close(isms__layout *l)
{
    l->in_cell = false;
    push_cell(l, l->cell_mark, l->n_spans - l->cell_mark);
}

/* Section headings: "4. Risker", and "4.2 Riskkartor" below them. */
typedef struct numbering {
    int section, sub;
} numbering;

static void section(isms__layout *l, numbering *nb, int number, const char *anchor,
                    const char *text)
{
    nb->section = number;
    nb->sub = 0;
    size_t m = l->n_spans;
    spanf(l, 0, -1, "%d. %s", number, text);
    isms__block *b = block(l, ISMS__BLOCK_HEADING, 2, m);
    if (b)
        b->anchor = anchor;
}

static void subsection(isms__layout *l, numbering *nb, const char *text)
{
    size_t m = l->n_spans;
    spanf(l, 0, -1, "%d.%d %s", nb->section, ++nb->sub, text);
    block(l, ISMS__BLOCK_HEADING, 3, m);
}

/* A field "label: value". */
static void field(isms__layout *l, const char *label, const char *value, unsigned flags)
{
    size_t m = l->n_spans;
    span(l, label, 0);
    span(l, value, 0);
    isms__block *b = block(l, ISMS__BLOCK_FIELD, 0, m);
    if (b)
        b->flags = flags;
}

/* A chart and its caption (NULL: none). */
static void figure(isms__layout *l, isms__figure which, const char *caption)
{
    size_t m = l->n_spans;
    if (caption)
        span(l, caption, 0);
    isms__block *b = block(l, ISMS__BLOCK_FIGURE, 0, m);
    if (b)
        b->figure = which;
}

static void cell(isms__layout *l, const char *text)
{
    span(l, text, 0);
}

static void cell_num(isms__layout *l, const char *text)
{
    span(l, text, ISMS__SPAN_NUM);
}

static void cell_count(isms__layout *l, size_t n)
{
    spanf(l, ISMS__SPAN_NUM, -1, "%zu", n);
}

static void cell_band(isms__layout *l, const isms__report *r, int band)
{
    const char *label = isms__report_band_label(r, band);
    span_n(l, label, strlen(label), 0, band);
}

/* A cell of a text and, when it is past, the word "overdue" as a marker. */
static void cell_due(isms__layout *l, const isms__report *r, const char *due, bool overdue)
{
    cell_open(l);
    span(l, due, 0);
    if (overdue)
        tag(l, ISMS__TAG_LATE, W("overdue"));
    cell_close(l);
}

static void date_text(char *buf, size_t size, isms_date d)
{
    if (isms_date_format(buf, size, d) != ISMS_OK || !*buf)
        snprintf(buf, size, "–");
}

/* Person-days: whole numbers without decimals, else one; "–" for none (negative). */
static void days_text(char *buf, size_t size, const isms__report *r, double days)
{
    if (!(days >= 0))
        snprintf(buf, size, "–");
    else
        isms__report_dec(buf, size, r, days, days == round(days) ? 0 : 1);
}

/* The change between two compliance figures as the report shows them: the difference of the
 * percentages shown (71,7 % and 57,1 % give +14,6, whatever the fractions behind them),
 * "+14,6" or "+14,6 procentenheter" with `unit`. */
static void change_text(char *buf, size_t size, const isms__report *r, double now,
                        double before, bool unit)
{
    double d = round((shown_percent(now) - shown_percent(before)) * 10) / 10;
    char a[64];
    isms__report_dec(a, sizeof a, r, fabs(d), d == round(d) ? 0 : 1);
    snprintf(buf, size, "%s%s%s%s", d > 0 ? "+" : d < 0 ? "−" : "±", a, unit ? " " : "",
             unit ? W("percentage-points") : "");
}

/* ---- 1. about ---- */

static void lay_about(isms__layout *l, numbering *nb, const isms__report *r)
{
    section(l, nb, 1, "about", W("sec-about"));
    static const struct {
        const char *key;
        isms_document_field field;
    } fields[] = {
        { "organisation", ISMS_DOC_ORGANISATION },
        { "unit", ISMS_DOC_UNIT },
        { "author", ISMS_DOC_AUTHOR },
        { "scope", ISMS_DOC_SCOPE },
    };
    char buf[64];
    for (size_t i = 0; i < 4; i++) {
        if (i == 2) {
            snprintf(buf, sizeof buf, "%d", isms_document_year(r->doc));
            field(l, W("year"), buf, 0);
            date_text(buf, sizeof buf, r->today);
            field(l, W("date"), buf, 0);
        }
        const char *v = isms_document_get(r->doc, fields[i].field);
        field(l, W(fields[i].key), v && !isms__text_blank(v) ? v : W("not-stated"), 0);
    }
}

/* ---- 2. summary ---- */

/* A row of key figures; `key` begins a group (a card in HTML). */
static void key_row(isms__layout *l, const char *label, const char *value, bool key)
{
    unsigned style = key ? ISMS__SPAN_BOLD | ISMS__SPAN_KEY : 0;
    span(l, label, style);
    span(l, value, ISMS__SPAN_NUM | style);
}

static void ISMS__PRINTF(4, 5) key_rowf(isms__layout *l, const char *label, bool key,
                                        const char *fmt, ...)
{
    char value[128];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(value, sizeof value, fmt, ap);
    va_end(ap);
    key_row(l, label, value, key);
}

/* The key figure of a year's compliance: "Efterlevnad 2024"; when last year is against another
 * catalog, each names its catalog ("Efterlevnad 2023 mot ISO/IEC 27001:2022"). */
static void compliance_row(isms__layout *l, const isms__report *r, const isms_assessment *a,
                           const char *value, bool key)
{
    unsigned style = key ? ISMS__SPAN_BOLD | ISMS__SPAN_KEY : 0;
    size_t off = span_open(l);
    isms__buf_printf(&l->text, "%s %d", W("compliance"), isms_assessment_year(a));
    if (r->other_catalog) {
        isms__buf_printf(&l->text, " %s ", W("against"));
        put_catalog_name(&l->text, r, a);
    }
    span_close(l, off, style);
    span(l, value, ISMS__SPAN_NUM | style);
}

static void lay_summary(isms__layout *l, numbering *nb, const isms__report *r)
{
    section(l, nb, 2, "summary", W("sec-summary"));
    char value[256], a[64];
    size_t m = table_begin(l);
    cell(l, W("key-figure"));
    cell(l, W("value"));
    /* risks */
    key_rowf(l, W("risks-total"), true, "%zu", r->n_risks);
    key_rowf(l, W("risks-above"), false, "%zu / %zu", r->above_inherent, r->above_residual);
    /* compliance */
    if (r->current) {
        isms__report_pct(value, sizeof value, r,
                         r->now.total.assessed ? r->now.total.compliance : NAN);
        compliance_row(l, r, r->current, value, true);
        if (r->previous) {
            isms__report_pct(value, sizeof value, r,
                             r->before.total.assessed ? r->before.total.compliance : NAN);
            compliance_row(l, r, r->previous, value, false);
            if (!r->other_catalog && r->now.total.assessed && r->before.total.assessed) {
                change_text(value, sizeof value, r, r->now.total.compliance,
                            r->before.total.compliance, true);
                key_row(l, W("change"), value, false);
            }
        }
        isms__report_pct(value, sizeof value, r,
                         r->now.total.applicable ? r->now.total.coverage : NAN);
        key_row(l, W("coverage"), value, false);
    } else {
        key_row(l, W("compliance"), W("no-assessment"), true);
    }
    /* classification */
    isms__report_pct(value, sizeof value, r,
                     r->information_total ? (double)r->information_classified /
                                                (double)r->information_total
                                          : NAN);
    key_row(l, W("classified-info"), value, true);
    snprintf(value, sizeof value, "%zu %s %zu", r->information_classified, W("of"),
             r->information_total);
    key_row(l, W("information-assets"), value, false);
    key_rowf(l, W("with-pdata"), false, "%zu", r->inventory.with_pdata);
    /* overdue */
    key_rowf(l, W("overdue-total"), true, "%zu",
             r->overdue_gaps + r->overdue_actions + r->overdue_reviews);
    key_rowf(l, W("overdue-gaps"), false, "%zu", r->overdue_gaps);
    key_rowf(l, W("overdue-actions"), false, "%zu", r->overdue_actions);
    key_rowf(l, W("overdue-reviews"), false, "%zu", r->overdue_reviews);
    key_rowf(l, W("open-actions"), false, "%zu", r->open_actions);
    /* findings */
    size_t nf[3] = { isms_findings_count_severity(r->findings, ISMS_SEVERITY_ERROR),
                     isms_findings_count_severity(r->findings, ISMS_SEVERITY_WARNING),
                     isms_findings_count_severity(r->findings, ISMS_SEVERITY_INFO) };
    key_rowf(l, W("findings-total"), true, "%zu", nf[0] + nf[1] + nf[2]);
    key_rowf(l, W("findings-errors"), false, "%zu", nf[0]);
    key_rowf(l, W("findings-warnings"), false, "%zu", nf[1]);
    key_rowf(l, W("findings-infos"), false, "%zu", nf[2]);
    if (r->simulation) {
        isms__report_int(a, sizeof a, r, r->portfolio.stats.ale);
        key_row(l, W("ale-total"), a, true);
    }
    table_end(l, m, 2, ISMS__TABLE_KEYS);

    /* risks per band, the highest first */
    m = table_begin(l);
    cell(l, W("risks-per-band"));
    cell(l, W("inherent"));
    cell(l, W("residual"));
    for (size_t i = r->n_bands; i-- > 0;) {
        cell_band(l, r, (int)i);
        cell_count(l, r->band_inherent[i]);
        cell_count(l, r->band_residual[i]);
    }
    if (r->unscored || r->unscored_residual) {
        cell(l, W("unscored"));
        cell_count(l, r->unscored);
        cell_count(l, r->unscored_residual);
    }
    span(l, W("total"), ISMS__SPAN_BOLD);
    spanf(l, ISMS__SPAN_NUM | ISMS__SPAN_BOLD, -1, "%zu", r->n_risks);
    spanf(l, ISMS__SPAN_NUM | ISMS__SPAN_BOLD, -1, "%zu", r->n_risks);
    table_end(l, m, 3, 0);
}

/* ---- 3. context ---- */

static void lay_context(isms__layout *l, numbering *nb, const isms__report *r)
{
    section(l, nb, 3, "context", W("sec-context"));
    size_t n = isms_document_context_count(r->doc);
    if (n == 0) {
        one(l, ISMS__BLOCK_PARA, W("no-context"));
        return;
    }
    for (size_t i = 0; i < n; i++) {
        const char *title = "", *text = "";
        if (isms_document_context(&title, &text, r->doc, i) != ISMS_OK)
            continue;
        field(l, title, text && !isms__text_blank(text) ? text : "", ISMS__FIELD_TEXT);
    }
}

/* ---- 4. risks ---- */

/* "12 Mycket hög" in the band's colour with the levels "3/4" as its detail; without `levels`
 * the value and band alone ("8 Hög": a residual risk that is the inherent one); "–" without a
 * value (and the levels when they are off the scales). */
static void value_cell(isms__layout *l, const isms__report *r, const isms_risk *risk,
                       isms_which which, bool levels)
{
    int lk = which == ISMS_INHERENT ? isms_risk_likelihood(risk)
                                    : isms_risk_residual_likelihood(risk);
    int cq = which == ISMS_INHERENT ? isms_risk_consequence(risk)
                                    : isms_risk_residual_consequence(risk);
    isms_score sc;
    bool scored = isms_risk_score(&sc, risk, which) == ISMS_OK;
    bool both = lk != ISMS_LEVEL_UNSET && cq != ISMS_LEVEL_UNSET;
    cell_open(l);
    if (scored)
        spanf(l, 0, sc.band, "%d %s", sc.value, isms__report_band_label(r, sc.band));
    else
        span(l, "–", 0);
    if (both && (levels || !scored))
        spanf(l, ISMS__SPAN_DETAIL, -1, "%d/%d", lk, cq);
    cell_close(l);
}

/* The heat map's counts as a table: the figure's data. */
static void lay_heatmap(isms__layout *l, const isms__report *r, bool residual)
{
    const size_t *grid = residual ? r->heat_residual : r->heat_inherent;
    size_t nl = r->n_likelihood, nc = r->n_consequence;
    size_t m = table_begin(l);
    cell(l, "");
    for (size_t c = 0; c < nc; c++) {
        isms_level lv;
        if (isms_matrix_level(&lv, r->matrix, ISMS_AXIS_CONSEQUENCE, c) == ISMS_OK)
            spanf(l, 0, -1, "%d %s", lv.value, r->lang == ISMS_LANG_EN ? lv.label_en
                                                                        : lv.label_sv);
        else
            cell(l, "");
    }
    for (size_t li = nl; li-- > 0;) {
        isms_level ll;
        if (isms_matrix_level(&ll, r->matrix, ISMS_AXIS_LIKELIHOOD, li) != ISMS_OK)
            ll.value = 0, ll.label_sv = ll.label_en = "";
        spanf(l, 0, -1, "%d %s", ll.value, r->lang == ISMS_LANG_EN ? ll.label_en : ll.label_sv);
        for (size_t c = 0; c < nc; c++) {
            isms_level lc;
            isms_score sc;
            int band = -1;
            if (isms_matrix_level(&lc, r->matrix, ISMS_AXIS_CONSEQUENCE, c) == ISMS_OK &&
                isms_matrix_score(&sc, r->matrix, ll.value, lc.value) == ISMS_OK)
                band = sc.band;
            spanf(l, ISMS__SPAN_NUM, band, "%zu", grid[li * nc + c]);
        }
    }
    table_end(l, m, nc + 1, ISMS__TABLE_DATA);
}

/* "Nivåer: Låg (1–3), Medel (4–7), …", each band in its colour. */
static void lay_legend(isms__layout *l, const isms__report *r)
{
    size_t m = l->n_spans;
    spanf(l, 0, -1, "%s: ", W("bands"));
    for (size_t b = 0; b < r->n_bands; b++) {
        isms_band band;
        if (isms_matrix_band(&band, r->matrix, b) != ISMS_OK)
            continue;
        if (b > 0)
            span(l, ", ", 0);
        const char *label = isms__report_band_label(r, (int)b);
        if (band.min_value == band.max_value)
            spanf(l, 0, (int)b, "%s (%d)", label, band.min_value);
        else
            spanf(l, 0, (int)b, "%s (%d–%d)", label, band.min_value, band.max_value);
    }
    span(l, ".", 0);
    block(l, ISMS__BLOCK_PARA, 0, m);
}

static void lay_risks(isms__layout *l, numbering *nb, const isms__report *r)
{
    section(l, nb, 4, "risks", W("sec-risks"));
    if (r->n_risks == 0) {
        one(l, ISMS__BLOCK_PARA, W("no-risks"));
        return;
    }
    size_t m = l->n_spans;
    spanf(l, 0, -1, "%s %s: %d.", W("risk-intro"), W("acceptance-level"),
          isms_matrix_acceptance(r->matrix));
    block(l, ISMS__BLOCK_PARA, 0, m);

    subsection(l, nb, W("sub-register"));
    m = table_begin(l);
    cell(l, W("id"));
    cell(l, W("risk"));
    cell(l, W("inherent"));
    cell(l, W("residual"));
    cell(l, W("treatment"));
    cell(l, W("owner"));
    cell(l, W("status"));
    for (size_t i = 0; i < r->n_risks; i++) {
        const isms_risk *risk = r->risks[i];
        cell(l, isms_risk_id(risk));
        cell_open(l);
        span(l, isms_risk_title(risk), 0);
        const char *cons = isms_risk_consequence_text(risk);
        if (cons && !isms__text_blank(cons))
            span(l, cons, ISMS__SPAN_DETAIL);
        cell_close(l);
        value_cell(l, r, risk, ISMS_INHERENT, true);
        bool res = isms_risk_residual_likelihood(risk) != ISMS_LEVEL_UNSET ||
                   isms_risk_residual_consequence(risk) != ISMS_LEVEL_UNSET;
        value_cell(l, r, risk, ISMS_RESIDUAL, res);
        const char *opt = isms_treatment_label(isms_risk_treatment(risk), r->lang);
        const char *text = isms_risk_treatment_text(risk);
        if (opt && *opt && *text)
            span3(l, 0, -1, opt, ": ", text); /* the option, then the text */
        else
            cell(l, opt && *opt ? opt : text);
        cell(l, isms_risk_owner(risk));
        const char *st = isms_risk_status_label(isms_risk_get_status(risk), r->lang);
        cell(l, st ? st : "");
    }
    table_end(l, m, 7, 0);

    subsection(l, nb, W("sub-heat"));
    one(l, ISMS__BLOCK_PARA, W("heat-note"));
    lay_legend(l, r);
    figure(l, ISMS__FIGURE_HEAT_INHERENT, W("heat-inherent"));
    lay_heatmap(l, r, false);
    figure(l, ISMS__FIGURE_HEAT_RESIDUAL, W("heat-residual"));
    lay_heatmap(l, r, true);
}

/* ---- 5. gap analysis ---- */

static void pct_cell(isms__layout *l, const isms__report *r, const isms_tally *t, unsigned style)
{
    char buf[64];
    isms__report_pct(buf, sizeof buf, r, t->assessed ? t->compliance : NAN);
    span(l, buf, ISMS__SPAN_NUM | style);
}

static void tally_cells(isms__layout *l, const isms__report *r, const isms_tally *now,
                        const isms_tally *before, bool has_before, unsigned style)
{
    static const isms_status order[] = { ISMS_STATUS_YES, ISMS_STATUS_PARTIAL, ISMS_STATUS_NO,
                                         ISMS_STATUS_NOT_APPLICABLE,
                                         ISMS_STATUS_NOT_ASSESSED };
    for (size_t k = 0; k < 5; k++)
        spanf(l, ISMS__SPAN_NUM | style, -1, "%u", now->counts[order[k]]);
    pct_cell(l, r, now, style);
    if (!r->previous || r->other_catalog)
        return;
    if (has_before)
        pct_cell(l, r, before, style);
    else
        span(l, "–", ISMS__SPAN_NUM | style);
    if (has_before && before->assessed && now->assessed) {
        char buf[64];
        change_text(buf, sizeof buf, r, now->compliance, before->compliance, false);
        span(l, buf, ISMS__SPAN_NUM | style);
    } else {
        span(l, "–", ISMS__SPAN_NUM | style);
    }
}

static void lay_chapters(isms__layout *l, numbering *nb, const isms__report *r)
{
    bool before = r->previous && !r->other_catalog;
    subsection(l, nb, W(r->imported ? "sub-groups" : "sub-chapters"));
    figure(l, ISMS__FIGURE_COMPLIANCE, NULL);
    size_t m = table_begin(l);
    cell(l, W(r->imported ? "group" : "chapter"));
    cell(l, W("heading"));
    cell(l, isms_status_label(ISMS_STATUS_YES, r->lang));
    cell(l, isms_status_label(ISMS_STATUS_PARTIAL, r->lang));
    cell(l, isms_status_label(ISMS_STATUS_NO, r->lang));
    cell(l, isms_status_label(ISMS_STATUS_NOT_APPLICABLE, r->lang));
    cell(l, isms_status_label(ISMS_STATUS_NOT_ASSESSED, r->lang));
    spanf(l, 0, -1, "%s %d", W("compliance"), isms_assessment_year(r->current));
    if (before) {
        spanf(l, 0, -1, "%d", isms_assessment_year(r->previous));
        cell(l, W("change-pp"));
    }
    for (size_t i = 0; i < r->n_chapters; i++) {
        const isms__report_chapter *ch = &r->chapters[i];
        cell(l, ch->id);
        cell(l, ch->title);
        tally_cells(l, r, &ch->now, &ch->before, ch->has_before, 0);
    }
    span(l, W("total"), ISMS__SPAN_BOLD);
    cell(l, "");
    tally_cells(l, r, &r->now.total, &r->before.total, r->previous != NULL, ISMS__SPAN_BOLD);
    table_end(l, m, before ? 10 : 8, 0);
}

static void lay_gaps(isms__layout *l, numbering *nb, const isms__report *r)
{
    subsection(l, nb, W("sub-gaps"));
    if (r->n_gaps == 0) {
        one(l, ISMS__BLOCK_PARA, W("no-gaps"));
        return;
    }
    size_t m = l->n_spans;
    spanf(l, 0, -1, "%s: %zu, %s: %zu.", W("gaps-count"), r->n_gaps, W("of-them-overdue"),
          r->overdue_gaps);
    block(l, ISMS__BLOCK_PARA, 0, m);
    m = table_begin(l);
    cell(l, W("requirement"));
    cell(l, W("heading"));
    cell(l, W("gap-status"));
    cell(l, W("need"));
    cell(l, W("comment"));
    cell(l, W("action-plan"));
    cell(l, W("owner"));
    cell(l, W("due"));
    for (size_t i = 0; i < r->n_gaps; i++) {
        const isms_entry *e = r->gaps[i].entry;
        cell(l, isms_entry_ref(e));
        cell(l, isms__report_entry_title(e));
        cell(l, isms_status_label(isms_entry_status(e), r->lang));
        cell(l, isms_need_label(isms_entry_need(e), r->lang));
        cell(l, isms_entry_get(e, ISMS_FIELD_COMMENT));
        cell(l, isms_entry_get(e, ISMS_FIELD_PLAN));
        cell(l, isms_entry_get(e, ISMS_FIELD_OWNER));
        cell_due(l, r, isms_entry_get(e, ISMS_FIELD_DUE), r->gaps[i].overdue);
    }
    table_end(l, m, 8, 0);
}

static void lay_changes(isms__layout *l, numbering *nb, const isms__report *r)
{
    subsection(l, nb, W("sub-changes"));
    if (r->other_catalog) {
        /* "Last year's gap analysis (2023) is against ISO/IEC 27001:2022 and this year's
         * against …: gap analyses against different catalogs are not compared …" */
        size_t m = l->n_spans, off = span_open(l);
        isms__buf_printf(&l->text, "%s (%d) %s ", W("previous-gap"),
                         isms_assessment_year(r->previous), W("is-against"));
        put_catalog_name(&l->text, r, r->previous);
        isms__buf_printf(&l->text, " %s ", W("and-this-year"));
        put_catalog_name(&l->text, r, r->current);
        isms__buf_printf(&l->text, ": %s", W("catalogs-not-compared"));
        span_close(l, off, 0);
        block(l, ISMS__BLOCK_PARA, 0, m);
        return;
    }
    if (!r->comparison) {
        one(l, ISMS__BLOCK_PARA, W("no-comparison"));
        return;
    }
    size_t m = l->n_spans;
    spanf(l, 0, -1, "%s %d.", W("compared-with"), isms_assessment_year(r->previous));
    block(l, ISMS__BLOCK_PARA, 0, m);
    m = table_begin(l);
    cell(l, W("change"));
    cell(l, W("count"));
    static const isms_change changes[] = { ISMS_CHANGE_IMPROVED, ISMS_CHANGE_REGRESSED,
                                           ISMS_CHANGE_NEW, ISMS_CHANGE_REMOVED,
                                           ISMS_CHANGE_UNCHANGED };
    for (size_t k = 0; k < 5; k++) {
        cell(l, isms_change_label(changes[k], r->lang));
        cell_count(l, isms_comparison_count_change(r->comparison, changes[k]));
    }
    table_end(l, m, 2, 0);
    /* the requirements that moved */
    if (isms_comparison_count_change(r->comparison, ISMS_CHANGE_IMPROVED) +
            isms_comparison_count_change(r->comparison, ISMS_CHANGE_REGRESSED) ==
        0)
        return;
    m = table_begin(l);
    cell(l, W("requirement"));
    spanf(l, 0, -1, "%d", isms_assessment_year(r->previous));
    spanf(l, 0, -1, "%d", isms_assessment_year(r->current));
    cell(l, W("change"));
    for (size_t i = 0; i < isms_comparison_count(r->comparison); i++) {
        isms_delta d;
        if (isms_comparison_get(&d, r->comparison, i) != ISMS_OK ||
            (d.change != ISMS_CHANGE_IMPROVED && d.change != ISMS_CHANGE_REGRESSED))
            continue;
        cell(l, d.ref);
        cell(l, isms_status_label(d.before, r->lang));
        cell(l, isms_status_label(d.after, r->lang));
        cell(l, isms_change_label(d.change, r->lang));
    }
    table_end(l, m, 4, 0);
}

static void lay_soa(isms__layout *l, numbering *nb, const isms__report *r)
{
    if (r->imported) {
        /* Another framework has no Statement of Applicability of its own: the applicability
         * of its controls is shown when the assessment records any, else left out. */
        if (r->soa_applicable + r->soa_excluded == 0)
            return;
        subsection(l, nb, W("applicability"));
        size_t m = l->n_spans, off = span_open(l);
        isms__buf_printf(&l->text, "%s ", W("applicability-intro"));
        put_catalog_name(&l->text, r, r->current);
        isms__buf_puts(&l->text, ".");
        span_close(l, off, 0);
        block(l, ISMS__BLOCK_PARA, 0, m);
    } else {
        subsection(l, nb, W("sub-soa"));
    }
    if (!(isms_assessment_scope(r->current) & ISMS_SCOPE_ANNEX_A)) {
        one(l, ISMS__BLOCK_PARA, W("no-soa"));
        return;
    }
    size_t m = table_begin(l);
    cell(l, W("applicability"));
    cell(l, W("count"));
    cell(l, isms_applicability_label(ISMS_APPLICABILITY_APPLICABLE, r->lang));
    cell_count(l, r->soa_applicable);
    cell(l, isms_applicability_label(ISMS_APPLICABILITY_EXCLUDED, r->lang));
    cell_count(l, r->soa_excluded);
    cell(l, W("undecided"));
    cell_count(l, r->soa_undecided);
    span(l, W("total"), ISMS__SPAN_BOLD);
    spanf(l, ISMS__SPAN_NUM | ISMS__SPAN_BOLD, -1, "%zu",
          r->soa_applicable + r->soa_excluded + r->soa_undecided);
    table_end(l, m, 2, 0);
    if (r->soa_excluded == 0)
        return;
    one(l, ISMS__BLOCK_PARA, W("excluded-intro"));
    m = table_begin(l);
    cell(l, W("control"));
    cell(l, W("heading"));
    cell(l, W("justification"));
    for (size_t i = 0; i < isms_assessment_count(r->current); i++) {
        const isms_entry *e = isms_assessment_at(r->current, i);
        if (!isms__report_excluded(e))
            continue;
        cell(l, isms_entry_ref(e));
        cell(l, isms__report_entry_title(e));
        cell(l, isms_entry_get(e, ISMS_FIELD_JUSTIFICATION));
    }
    table_end(l, m, 3, 0);
}

static void lay_gap(isms__layout *l, numbering *nb, const isms__report *r)
{
    section(l, nb, 5, "gaps", W("sec-gap"));
    if (!r->current) {
        one(l, ISMS__BLOCK_PARA, W("no-gap"));
        return;
    }
    char a[64], b[64];
    size_t m = l->n_spans, off = span_open(l);
    isms__buf_printf(&l->text, "%s %d %s ", W("gap-intro"), isms_assessment_year(r->current),
                     W("against"));
    put_catalog_name(&l->text, r, r->current);
    isms__buf_puts(&l->text, ".");
    span_close(l, off, 0);
    isms__report_pct(a, sizeof a, r, r->now.total.assessed ? r->now.total.compliance : NAN);
    spanf(l, 0, -1, " %s %s", W("compliance"), a);
    if (r->previous) {
        isms__report_pct(b, sizeof b, r,
                         r->before.total.assessed ? r->before.total.compliance : NAN);
        off = span_open(l);
        isms__buf_printf(&l->text, " (%s %d", W("previous-year"),
                         isms_assessment_year(r->previous));
        if (r->other_catalog) {
            isms__buf_printf(&l->text, " %s ", W("against"));
            put_catalog_name(&l->text, r, r->previous);
        }
        isms__buf_printf(&l->text, ": %s)", b);
        span_close(l, off, 0);
    }
    spanf(l, 0, -1, ". %s: %u %s %u %s.", W("assessed-reqs"), r->now.total.assessed, W("of"),
          r->now.total.applicable, W("applicable"));
    block(l, ISMS__BLOCK_PARA, 0, m);
    if (r->n_chapters)
        lay_chapters(l, nb, r);
    lay_gaps(l, nb, r);
    if (r->previous)
        lay_changes(l, nb, r);
    lay_soa(l, nb, r);
}

/* ---- 6. classification ---- */

/* The label of a level value on the first aspect's scale that has it, or NULL. */
static const char *class_label(const isms__report *r, const isms_scheme *scheme, int value)
{
    for (int k = 0; k < ISMS_ASPECTS; k++)
        for (size_t i = 0; i < isms_scheme_level_count(scheme, (isms_aspect)k); i++) {
            isms_class_level cl;
            if (isms_scheme_level(&cl, scheme, (isms_aspect)k, i) == ISMS_OK &&
                cl.value == value)
                return r->lang == ISMS_LANG_EN ? cl.label_en : cl.label_sv;
        }
    return NULL;
}

static void lay_class(isms__layout *l, numbering *nb, const isms__report *r)
{
    section(l, nb, 6, "classification", W("sec-class"));
    const isms_inventory_summary *s = &r->inventory;
    if (s->total == 0) {
        one(l, ISMS__BLOCK_PARA, W("no-assets"));
        return;
    }
    char buf[128], pct[64];
    snprintf(buf, sizeof buf, "%zu", s->total);
    field(l, W("assets"), buf, 0);
    if (r->information_total) {
        isms__report_pct(pct, sizeof pct, r,
                         (double)r->information_classified / (double)r->information_total);
        snprintf(buf, sizeof buf, "%zu %s %zu (%s)", r->information_classified, W("of"),
                 r->information_total, pct);
    } else {
        snprintf(buf, sizeof buf, "0");
    }
    field(l, W("classified-info"), buf, 0);
    snprintf(buf, sizeof buf, "%zu", s->with_pdata);
    field(l, W("with-pdata"), buf, 0);

    /* effective levels per aspect and overall: one row per level value any aspect has */
    const isms_scheme *scheme = isms_inventory_scheme(isms_document_inventory(r->doc));
    subsection(l, nb, W("sub-levels"));
    one(l, ISMS__BLOCK_PARA, W("levels-note"));
    size_t m = table_begin(l), cols = 2;
    cell(l, W("band"));
    for (int k = 0; k < ISMS_ASPECTS; k++)
        if (isms_scheme_has_aspect(scheme, (isms_aspect)k)) {
            cell(l, isms_aspect_label((isms_aspect)k, r->lang));
            cols++;
        }
    cell(l, W("overall"));
    for (int v = ISMS_CLASS_MAX; v >= 0; v--) {
        const char *label = class_label(r, scheme, v);
        if (!label)
            continue;
        spanf(l, 0, -1, "%d %s", v, label);
        for (int k = 0; k < ISMS_ASPECTS; k++)
            if (isms_scheme_has_aspect(scheme, (isms_aspect)k))
                cell_count(l, s->per_level[k][v + 1]);
        cell_count(l, s->per_overall[v + 1]);
    }
    cell(l, W("no-level"));
    for (int k = 0; k < ISMS_ASPECTS; k++)
        if (isms_scheme_has_aspect(scheme, (isms_aspect)k))
            cell_count(l, s->per_level[k][0]);
    cell_count(l, s->per_overall[0]);
    table_end(l, m, cols, 0);

    subsection(l, nb, W("sub-types"));
    m = table_begin(l);
    cell(l, W("type"));
    cell(l, W("count"));
    for (int t = 0; t < ISMS_ASSET_TYPES; t++)
        if (s->per_type[t]) {
            cell(l, isms_asset_type_label((isms_asset_type)t, r->lang));
            cell_count(l, s->per_type[t]);
        }
    table_end(l, m, 2, 0);

    subsection(l, nb, W("sub-due"));
    if (r->n_due == 0) {
        one(l, ISMS__BLOCK_PARA, W("no-due"));
        return;
    }
    m = table_begin(l);
    cell(l, W("asset"));
    cell(l, W("name"));
    cell(l, W("type"));
    cell(l, W("owner"));
    cell(l, W("classified"));
    cell(l, W("next-review"));
    for (size_t i = 0; i < r->n_due; i++) {
        const isms_asset *a = r->due[i];
        cell(l, isms_asset_id(a));
        cell(l, isms_asset_get(a, ISMS_ASSET_NAME));
        cell(l, isms_asset_type_label(isms_asset_get_type(a), r->lang));
        cell(l, isms_asset_get(a, ISMS_ASSET_OWNER));
        date_text(buf, sizeof buf, isms_asset_classified(a));
        cell(l, buf);
        isms_date next = isms_asset_next_review(a);
        date_text(buf, sizeof buf, next);
        cell_due(l, r, buf, isms_date_compare(next, r->today) < 0);
    }
    table_end(l, m, 6, 0);
}

/* ---- 7. plan ---- */

/* Ranks of the prioritised actions, sorted by the action's address for bsearch. */
typedef struct ranked {
    const isms_action *action;
    size_t rank; /* 1-based */
} ranked;

static int ranked_cmp(const void *a, const void *b)
{
    uintptr_t x = (uintptr_t)((const ranked *)a)->action;
    uintptr_t y = (uintptr_t)((const ranked *)b)->action;
    return x < y ? -1 : x > y;
}

static size_t rank_of(const ranked *index, size_t n, const isms_action *a)
{
    ranked key = { a, 0 };
    const ranked *hit = index ? bsearch(&key, index, n, sizeof *index, ranked_cmp) : NULL;
    return hit ? hit->rank : 0;
}

static void action_head(isms__layout *l, const isms__report *r, bool note)
{
    cell(l, W("rank"));
    cell(l, W("action"));
    cell(l, W("title"));
    cell(l, W("owner"));
    cell(l, W("effort"));
    cell(l, W("due"));
    cell(l, W("score"));
    if (note)
        cell(l, W("note"));
}

static void action_cells(isms__layout *l, const isms__report *r, const ranked *index,
                         const isms_action *a, double effort)
{
    char buf[64];
    size_t rank = rank_of(index, r->n_ranked, a);
    if (rank)
        spanf(l, ISMS__SPAN_NUM, -1, "%zu", rank);
    else
        cell_num(l, "–");
    cell(l, isms_action_id(a));
    cell(l, isms_action_get(a, ISMS_ACTION_TITLE));
    cell(l, isms_action_get(a, ISMS_ACTION_OWNER));
    days_text(buf, sizeof buf, r, effort);
    cell_num(l, buf);
    cell_due(l, r, isms_action_get(a, ISMS_ACTION_DUE), isms__report_action_overdue(r, a));
    double score = isms_action_score(a);
    if (score < 0) {
        cell_num(l, "–");
    } else {
        isms__report_dec(buf, sizeof buf, r, score, 2);
        cell_num(l, buf);
    }
}

/* The note of a slot: markers for a recurring action ("varje tertial ×3"), one in progress,
 * and one planned after its due date. */
static void slot_note(isms__layout *l, const isms__report *r, const isms_slot *s)
{
    cell_open(l);
    if (s->recurring) {
        /* the recurrence in lower case: "årligen", "varje tertial" */
        const char *how = isms_recurrence_label(isms_action_recurrence(s->action), r->lang);
        char lower[8] = "";
        const char *rest = "";
        if (how && *how) {
            rest = how;
            uint32_t cp = isms__utf8_next(&rest);
            lower[isms__utf8_put(lower, isms__fold(cp))] = '\0';
        }
        if (l->failed)
            return;
        size_t off = l->text.len;
        isms__buf_puts(&l->text, lower);
        isms__buf_puts(&l->text, rest);
        if (s->occurrences > 1)
            isms__buf_printf(&l->text, " ×%u", s->occurrences);
        span_end(l, off, 0, -1, ISMS__TAG_RECURRING);
    }
    if (isms_action_get_status(s->action) == ISMS_ACTION_IN_PROGRESS)
        tag(l, ISMS__TAG_PROGRESS, W("in-progress"));
    if (s->late)
        tag(l, ISMS__TAG_LATE, W("late"));
    cell_close(l);
}

/* "Planerad insats: 51 av 60 persondagar.", with the HTML's bar of load against capacity. */
static void lay_load(isms__layout *l, const isms__report *r, size_t period)
{
    char a[64], b[64];
    double cap = isms_schedule_capacity(r->schedule, period);
    double load = isms_schedule_load(r->schedule, period);
    days_text(a, sizeof a, r, load);
    size_t m = l->n_spans;
    if (cap > 0) {
        days_text(b, sizeof b, r, cap);
        spanf(l, 0, -1, "%s: %s %s %s %s", W("effort-planned"), a, W("of"), b,
              W("person-days"));
        if (load > cap + 1e-9)
            tag(l, ISMS__TAG_OVER, W("over-capacity"));
        span(l, ".", 0);
    } else {
        spanf(l, 0, -1, "%s: %s %s (%s).", W("effort-planned"), a, W("person-days"),
              W("no-limit"));
    }
    isms__block *bl = block(l, ISMS__BLOCK_PARA, 0, m);
    if (bl) {
        bl->figure = ISMS__FIGURE_LOAD;
        bl->index = period;
    }
}

static void lay_schedule(isms__layout *l, numbering *nb, const isms__report *r,
                         const ranked *index)
{
    char buf[512];
    one(l, ISMS__BLOCK_PARA, W("plan-intro"));
    for (size_t p = 0; p < isms_schedule_period_count(r->schedule); p++) {
        isms_period per;
        if (isms_schedule_period(&per, r->schedule, p) != ISMS_OK ||
            isms_period_format(buf, sizeof buf, &per) != ISMS_OK || !*buf)
            snprintf(buf, sizeof buf, "%zu", p + 1);
        subsection(l, nb, buf);
        lay_load(l, r, p);
        size_t n = isms_schedule_count(r->schedule, p);
        if (n == 0) {
            one(l, ISMS__BLOCK_PARA, W("empty-period"));
            continue;
        }
        size_t m = table_begin(l);
        action_head(l, r, true);
        for (size_t i = 0; i < n; i++) {
            isms_slot s;
            if (isms_schedule_item(&s, r->schedule, p, i) != ISMS_OK)
                continue;
            action_cells(l, r, index, s.action, s.effort);
            slot_note(l, r, &s);
        }
        table_end(l, m, 8, 0);
    }
    size_t nu = isms_schedule_unscheduled_count(r->schedule);
    if (nu) {
        subsection(l, nb, W("sub-unscheduled"));
        size_t m = table_begin(l);
        action_head(l, r, false);
        for (size_t i = 0; i < nu; i++) {
            const isms_action *act = isms_schedule_unscheduled(r->schedule, i);
            action_cells(l, r, index, act, isms_action_effort(act));
        }
        table_end(l, m, 7, 0);
    }
}

/* The schedule's own findings (its copy of the plan's lint is in section 9). */
static bool schedule_code(const char *code)
{
    static const char *const codes[] = { "plan-due-missed", "plan-over-capacity",
                                         "plan-owner-over-capacity", "plan-beyond-horizon",
                                         "plan-too-large" };
    for (size_t k = 0; k < sizeof codes / sizeof *codes; k++)
        if (strcmp(code, codes[k]) == 0)
            return true;
    return false;
}

static void lay_plan(isms__layout *l, numbering *nb, const isms__report *r)
{
    section(l, nb, 7, "plan", W("sec-plan"));
    isms_plan *plan = isms_document_plan(r->doc);
    if (isms_plan_count(plan) == 0) {
        one(l, ISMS__BLOCK_PARA, W("no-plan"));
        return;
    }
    if (r->plan_error[0]) {
        size_t m = l->n_spans;
        spanf(l, 0, -1, "%s: %s", W("plan-not-scheduled"), r->plan_error);
        block(l, ISMS__BLOCK_PARA, 0, m);
    }
    if (r->open_actions == 0)
        one(l, ISMS__BLOCK_PARA, W("no-open"));
    ranked *index = NULL;
    if (r->n_ranked) {
        index = isms__malloc(r->n_ranked * sizeof *index);
        if (!index) {
            l->failed = true;
            return;
        }
        for (size_t i = 0; i < r->n_ranked; i++) {
            index[i].action = r->ranked[i];
            index[i].rank = i + 1;
        }
        qsort(index, r->n_ranked, sizeof *index, ranked_cmp);
    }
    if (r->schedule && r->open_actions)
        lay_schedule(l, nb, r, index);
    if (!r->schedule && r->open_actions) {
        /* not scheduled (see plan_error): the open actions in the plan's order */
        subsection(l, nb, W("sub-unscheduled"));
        one(l, ISMS__BLOCK_PARA, W("unscheduled-intro"));
        size_t m = table_begin(l);
        action_head(l, r, false);
        for (size_t i = 0; i < isms_plan_count(plan); i++) {
            const isms_action *act = isms_plan_at(plan, i);
            if (isms__action_open(act))
                action_cells(l, r, index, act, isms_action_effort(act));
        }
        table_end(l, m, 7, 0);
    }
    if (r->overdue_actions) {
        subsection(l, nb, W("sub-overdue-actions"));
        size_t m = table_begin(l);
        cell(l, W("action"));
        cell(l, W("title"));
        cell(l, W("owner"));
        cell(l, W("due"));
        cell(l, W("status"));
        /* in priority order when there is one, else in the plan's order */
        size_t n = r->n_ranked ? r->n_ranked : isms_plan_count(plan);
        for (size_t i = 0; i < n; i++) {
            const isms_action *act = r->n_ranked ? r->ranked[i] : isms_plan_at(plan, i);
            if (!isms__report_action_overdue(r, act))
                continue;
            cell(l, isms_action_id(act));
            cell(l, isms_action_get(act, ISMS_ACTION_TITLE));
            cell(l, isms_action_get(act, ISMS_ACTION_OWNER));
            cell_due(l, r, isms_action_get(act, ISMS_ACTION_DUE), true);
            const char *st = isms_action_status_label(isms_action_get_status(act), r->lang);
            cell(l, st ? st : "");
        }
        table_end(l, m, 5, 0);
    }
    const isms_findings *notes = r->schedule ? isms_schedule_findings(r->schedule) : NULL;
    bool noted = false;
    for (size_t i = 0; i < isms_findings_count(notes); i++) {
        isms_finding f;
        if (isms_findings_get(&f, notes, i) != ISMS_OK || !schedule_code(f.code))
            continue;
        if (!noted) {
            subsection(l, nb, W("sub-schedule-notes"));
            noted = true;
        }
        size_t m = l->n_spans;
        const char *sev = isms_severity_label(f.severity, r->lang);
        span(l, sev ? sev : "", ISMS__SPAN_BOLD);
        spanf(l, 0, -1, " (%s%s%s): ", f.code, *f.ref ? ", " : "", f.ref);
        span(l, f.message, 0);
        block(l, ISMS__BLOCK_ITEM, 0, m);
    }
    isms__free(index);
}

/* ---- 8. quantitative ---- */

static void quant_row(isms__layout *l, const isms__report *r, const isms__report_quant *q,
                      unsigned style)
{
    char buf[64];
    span(l, q->risk_id, style);
    span(l, q->title, style);
    const double v[] = { q->stats.ale, q->p50, q->p90, q->p99, q->var95, q->es95 };
    for (size_t i = 0; i < sizeof v / sizeof *v; i++) {
        isms__report_int(buf, sizeof buf, r, v[i]);
        span(l, buf, ISMS__SPAN_NUM | style);
    }
}

static void lay_quant(isms__layout *l, numbering *nb, const isms__report *r)
{
    section(l, nb, 8, "quantitative", W("sec-quant"));
    if (isms_document_model_count(r->doc) == 0) {
        one(l, ISMS__BLOCK_PARA, W("no-models"));
        return;
    }
    if (!r->opt.simulate) {
        one(l, ISMS__BLOCK_PARA, W("sim-off"));
        return;
    }
    size_t m = l->n_spans;
    if (!r->simulation) {
        spanf(l, 0, -1, "%s: %s", W("sim-failed"), r->sim_error);
        block(l, ISMS__BLOCK_PARA, 0, m);
        return;
    }
    char a[64], b[64];
    isms__report_int(a, sizeof a, r, (double)isms_simulation_iterations(r->simulation));
    spanf(l, 0, -1, "%s: %s (%s %llu). %s", W("sim-intro"), a, W("seed"), r->sim_seed,
          W("quant-note"));
    block(l, ISMS__BLOCK_PARA, 0, m);
    subsection(l, nb, W("sub-ale"));
    m = table_begin(l);
    cell(l, W("id"));
    cell(l, W("risk"));
    cell(l, W("ale"));
    cell(l, W("p50"));
    cell(l, W("p90"));
    cell(l, W("p99"));
    cell(l, W("var95"));
    cell(l, W("es95"));
    for (size_t i = 0; i < r->n_quant; i++)
        quant_row(l, r, &r->quant[i], 0);
    quant_row(l, r, &r->portfolio, ISMS__SPAN_BOLD);
    table_end(l, m, 8, 0);

    subsection(l, nb, W("sub-lec"));
    figure(l, ISMS__FIGURE_LEC, NULL);
    m = table_begin(l);
    cell(l, W("annual-loss"));
    cell(l, W("exceedance"));
    for (size_t k = 1; k <= 8; k++) {
        const isms_lec_point *p = &r->lec[k * (ISMS__REPORT_LEC_POINTS - 1) / 8];
        isms__report_int(a, sizeof a, r, p->loss);
        cell_num(l, a);
        isms__report_pct(b, sizeof b, r, p->exceedance);
        cell_num(l, b);
    }
    table_end(l, m, 2, ISMS__TABLE_DATA);
}

/* ---- 9. findings ---- */

static void lay_findings(isms__layout *l, numbering *nb, const isms__report *r)
{
    section(l, nb, 9, "findings", W("sec-findings"));
    size_t n = isms_findings_count(r->findings);
    if (n == 0) {
        one(l, ISMS__BLOCK_PARA, W("no-findings"));
        return;
    }
    size_t m = l->n_spans;
    spanf(l, 0, -1, "%s: %zu %s, %zu %s, %zu %s.", W("findings-intro"),
          isms_findings_count_severity(r->findings, ISMS_SEVERITY_ERROR), W("errors"),
          isms_findings_count_severity(r->findings, ISMS_SEVERITY_WARNING), W("warnings"),
          isms_findings_count_severity(r->findings, ISMS_SEVERITY_INFO), W("infos"));
    block(l, ISMS__BLOCK_PARA, 0, m);
    m = table_begin(l);
    cell(l, W("severity"));
    cell(l, W("code"));
    cell(l, W("ref"));
    cell(l, W("message"));
    for (int sev = ISMS_SEVERITY_ERROR; sev >= ISMS_SEVERITY_INFO; sev--)
        for (size_t i = 0; i < n; i++) {
            isms_finding f;
            if (isms_findings_get(&f, r->findings, i) != ISMS_OK || (int)f.severity != sev)
                continue;
            const char *label = isms_severity_label(f.severity, r->lang);
            span(l, label ? label : "", f.severity == ISMS_SEVERITY_ERROR ? ISMS__SPAN_BOLD : 0);
            cell(l, f.code);
            cell(l, f.ref);
            cell(l, f.message);
        }
    table_end(l, m, 4, 0);
}

/* ---- 10. decision ---- */

static void fill(isms__layout *l, const char *label, size_t lines)
{
    size_t m = l->n_spans;
    span(l, label, ISMS__SPAN_BOLD);
    isms__block *b = block(l, ISMS__BLOCK_FILL, 0, m);
    if (b)
        b->rows = lines;
}

static void lay_decision(isms__layout *l, numbering *nb, const isms__report *r)
{
    section(l, nb, 10, "decision", W("sec-decision"));
    const char *text = isms_document_get(r->doc, ISMS_DOC_DECISION);
    if (text && !isms__text_blank(text)) {
        /* the decision as written: one paragraph per line that holds anything */
        size_t m = l->n_spans;
        const char *s = text;
        while (*s) {
            size_t n = strcspn(s, "\r\n");
            bool blank = true;
            for (size_t i = 0; i < n; i++)
                if (s[i] != ' ' && s[i] != '\t')
                    blank = false;
            if (!blank)
                span_n(l, s, n, 0, -1);
            s += n;
            while (*s == '\r' || *s == '\n')
                s++;
        }
        block(l, ISMS__BLOCK_QUOTE, 0, m);
        return;
    }
    one(l, ISMS__BLOCK_PARA, W("decision-intro"));
    fill(l, W("decision"), 6);
    fill(l, W("date"), 1);
    fill(l, W("signature"), 1);
    fill(l, W("name-clarification"), 1);
}

bool isms__report_layout(isms__layout *lay, const isms__report *r)
{
    memset(lay, 0, sizeof *lay);
    isms__buf_init(&lay->text);
    numbering nb = { 0, 0 };
    one(lay, ISMS__BLOCK_TITLE, r->title);
    lay_about(lay, &nb, r);
    lay_summary(lay, &nb, r);
    lay_context(lay, &nb, r);
    lay_risks(lay, &nb, r);
    lay_gap(lay, &nb, r);
    lay_class(lay, &nb, r);
    lay_plan(lay, &nb, r);
    lay_quant(lay, &nb, r);
    lay_findings(lay, &nb, r);
    lay_decision(lay, &nb, r);
    if (lay->failed || lay->text.failed) {
        isms__layout_free(lay);
        return false;
    }
    return true;
}

void isms__layout_free(isms__layout *lay)
{
    if (!lay)
        return;
    isms__buf_free(&lay->text);
    isms__free(lay->spans);
    isms__free(lay->cells);
    isms__free(lay->blocks);
    lay->spans = NULL;
    lay->cells = NULL;
    lay->blocks = NULL;
    lay->n_spans = lay->cap_spans = lay->n_cells = lay->cap_cells = 0;
    lay->n_blocks = lay->cap_blocks = 0;
}

void isms__layout_pieces(const isms__layout *lay, size_t first, size_t count,
                         isms__piece_fn piece, void *ctx)
{
    enum { NOTHING, TEXT, TAGS } last = NOTHING; /* what came before: TAGS = bare tags */
    bool open = false;                           /* a bracket is open */
    const isms__span *prev = NULL;
    for (size_t k = 0; k < count; k++) {
        const isms__span *sp = &lay->spans[first + k];
        if (sp->len == 0)
            continue;
        const char *text = isms__span_text(lay, sp);
        if (sp->tag != ISMS__TAG_NONE) {
            if (open || last == TAGS) {
                piece(ctx, sp, "; ", true);
            } else if (last == TEXT) {
                piece(ctx, sp, " (", true);
                open = true;
            }
            piece(ctx, sp, text, false);
            if (!open)
                last = TAGS;
        } else {
            if (open) {
                piece(ctx, prev, ")", true);
                open = false;
            }
            if (sp->style & ISMS__SPAN_DETAIL && last != NOTHING) {
                piece(ctx, sp, " (", true);
                piece(ctx, sp, text, false);
                piece(ctx, sp, ")", true);
            } else {
                piece(ctx, sp, text, false);
            }
            last = TEXT;
        }
        prev = sp;
    }
    if (open)
        piece(ctx, prev, ")", true);
}

const isms__block *isms__layout_next(const isms__layout *lay, const isms__block *prev,
                                     isms__buf *out)
{
    for (size_t i = prev ? (size_t)(prev - lay->blocks) + 1 : 0; i < lay->n_blocks; i++) {
        const isms__block *bl = &lay->blocks[i];
        if (out->failed)
            return NULL;
        if (bl->kind == ISMS__BLOCK_FIGURE && bl->count == 0)
            continue;
        bool list_goes_on = prev &&
                            (bl->kind == ISMS__BLOCK_ITEM || bl->kind == ISMS__BLOCK_FIELD) &&
                            prev->kind == bl->kind;
        if (prev && !list_goes_on)
            isms__buf_puts(out, "\n");
        return bl;
    }
    return NULL;
}

#undef W

/* ---- writing ------------------------------------------------------------------------------ */

int isms_report_write(char **out, size_t *len, isms_document *doc,
                      const isms_report_options *options)
{
    if (!out || !doc)
        return isms__error(ISMS_EINVAL, "isms_report_write: NULL argument");
    /* Gathering asks questions whose "no" sets the last error (a risk that is not scored, a
     * prerequisite that no action has); a successful call puts the caller's back. */
    isms__error_saved saved;
    isms__error_save(&saved);
    isms_report_options opt;
    if (options)
        opt = *options;
    else
        isms_report_options_init(&opt, doc);
    int rc = check_options(&opt);
    if (rc != ISMS_OK)
        return rc;
    isms__report r;
    rc = isms__report_gather(&r, doc, &opt);
    if (rc != ISMS_OK)
        return rc;
    isms__buf b;
    isms__buf_init(&b);
    switch (opt.format) {
    case ISMS_REPORT_TEXT: isms__report_text(&b, &r); break;
    case ISMS_REPORT_MARKDOWN: isms__report_md(&b, &r); break;
    case ISMS_REPORT_HTML: isms__report_html(&b, &r); break;
    case ISMS_REPORT_JSON: isms__report_json(&b, &r); break;
    }
    isms__report_release(&r);
    size_t n = 0;
    char *text = isms__buf_take(&b, &n);
    if (!text)
        return isms__error_nomem();
    *out = text;
    if (len)
        *len = n;
    isms__error_restore(&saved);
    return ISMS_OK;
}

int isms_report_save(isms_document *doc, const char *path, const isms_report_options *options)
{
    if (!doc || !path || !*path)
        return isms__error(ISMS_EINVAL, "isms_report_save: NULL argument or empty path");
    char *text = NULL;
    size_t len = 0;
    int rc = isms_report_write(&text, &len, doc, options);
    if (rc != ISMS_OK)
        return rc;
    if (strcmp(path, "-") == 0) {
        char why[ISMS__ERRNO_TEXT_MAX];
        if (fwrite(text, 1, len, stdout) != len || fflush(stdout) != 0)
            rc = isms__error(ISMS_EIO, "standard output: the report could not be written: %s",
                             isms__errno_text(errno, why, sizeof why));
    } else {
        rc = isms__file_save_atomic(path, text, len);
    }
    isms_free(text);
    return rc;
}
