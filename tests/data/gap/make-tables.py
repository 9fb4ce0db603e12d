#!/usr/bin/env python3
"""Writes the gap-analysis CSV inputs of tests/test-csv-gap.c byte for byte.

The files are checked in; run this only to recreate them (/usr/bin/python3 make-tables.py).
Bytes matter here (BOM, CRLF, Windows-1252), so every file is written from an explicit bytes
value. The content is fictitious: a made-up municipality ("Exempelby kommun"), its roles and
its plans. Requirement texts are short paraphrased headings, not the standard's text.
"""
import os

HERE = os.path.dirname(os.path.abspath(__file__))
BOM = b"\xef\xbb\xbf"


def cell(text, delim):
    """A cell as Excel writes it: quoted when it holds the delimiter, a quote or a line break."""
    if any(c in text for c in (delim, '"', "\r", "\n")):
        return '"' + text.replace('"', '""') + '"'
    return text


def table(rows, delim=";", eol="\r\n"):
    out = []
    for row in rows:
        if row is None:  # an empty line
            out.append("")
        elif isinstance(row, str):  # a raw line
            out.append(row)
        else:
            out.append(delim.join(cell(c, delim) for c in row))
    return "".join(line + eol for line in out)


# ---- the Swedish 2013 gap table, as Excel exports it ---------------------------------------
#
# Physical lines (CRLF): 1-2 title rows, 3 an empty row of delimiters, 4-5 the header (the
# need header is hyphenated over two lines), then the rows below. Multi-line cells take
# several lines; the tests name the lines of some rows.

SV2013_HEADER = ["ISO", "Krav", "Nuläge", "Kommentar", "Handlingsplan", "Ansvarig",
                 "Åtgärds-\r\nbehov", "Datum"]


def h(title):  # a section heading as Word and Excel tables have them: only the Krav cell
    return ["", title, "", "", "", "", "", ""]


SV2013_ROWS = [
    h("4 Organisationens förutsättningar"),
    ["4.1", "Förstå organisationen och dess förutsättningar", "JA",
     "Omvärldsanalys görs årligen i verksamhetsplaneringen.", "", "Förvaltningschef", "Ingen", ""],
    ["4.2", "Förstå intressenters behov och förväntningar", "delvis",
     "Intressentanalys saknas för utbildningsförvaltningen.",
     "Genomför intressentanalys med alla förvaltningar", "Säkerhetssamordnare", "Medel", "Q2 2024"],
    ["4.3", "Fastställa ledningssystemets omfattning", "Nej",
     "Omfattningen är inte beslutad.\r\nUtkast finns hos IT-avd.",
     "Ta fram förslag på omfattning\r\ntill KSF", "CISO", "Hög", "inför nästa verksamhetsplan"],
    ["4.4", "Ledningssystem för informationssäkerhet", "delvis",
     "Styrdokument finns men ledningssystemet är inte infört fullt ut.",
     "Införandeplan tas fram", "CISO", "Medel", "hösten 2024"],
    None,
    h("5 Ledarskap"),
    ["5.1", "Ledarskap och åtagande", "Ja", "KSF har fastställt informationssäkerhetspolicyn.",
     "", "Kommundirektör", "", ""],
    ["5.2", "Policy", "JA", "Policyn reviderades 2023.", "", "Kommundirektör", "Ingen", ""],
    ["5.3", "Roller, ansvar och befogenheter", "Delvis",
     "Roller finns i riktlinjen men är inte kommunicerade.",
     "Kommunicera roller på intranätet", "Säkerhetssamordnare", "Låg", "mars"],
    ";;;;;;;",
    h("6 Planering"),
    ["6.1", "Åtgärder för att hantera risker och möjligheter", "",
     "Riskarbetet samordnas med dataskyddsombudet.", "", "", "", ""],
    ["6.1.1", "Allmänt", "Delvis", "", "Se 6.1.2", "CISO", "Medel", "T2 2024"],
    ["6.1.2", "Bedömning av informationssäkerhetsrisker", "Nej",
     "Ingen gemensam metod för riskbedömning.",
     "Inför metod enligt MSB:s metodstöd\r\nUtbilda förvaltningarna", "Säkerhetssamordnare",
     "Hög", "2024-06-30"],
    ["6.1.3", "Behandling av informationssäkerhetsrisker", "Nej",
     "Uttalande om tillämplighet saknas.", "Ta fram uttalande om tillämplighet", "CISO", "Hög",
     "under 2024 med uppföljning i tertialrapporterna"],
    ["6.2", "Informationssäkerhetsmål och planering för att nå dem", "delvis",
     "Mål finns i verksamhetsplanen men mäts inte.", "Ta fram mätbara mål", "Förvaltningschef",
     "Medel", "2025"],
    None,
    h("7 Stöd"),
    ["7.1", "Resurser", "Ja", "", "", "IT-chef", "Ingen", ""],
    ["7.2", "Kompetens", "delvis", "Utbildningsplan saknas för informationsägarna.",
     "Ta fram utbildningsplan", "HR-chef", "Medel", "våren 2025"],
    ["7.3", "Medvetenhet", "Nej", "Ingen återkommande utbildning.",
     "Inför e-utbildning för alla medarbetare", "Säkerhetssamordnare", "Hög", "Q4 2024"],
    ["7.4", "Kommunikation", "Ja", "Kommunikationsplan finns.", "", "Kommunikationschef", "", ""],
    ["7.5", "Dokumenterad information", "", "", "", "", "", ""],
    ["7.5.1", "Allmänt", "Delvis", "Dokumentstruktur finns på intranätet.", "",
     "Säkerhetssamordnare", "Låg", ""],
    ["7.5.2", "Upprätta och uppdatera", "Ja", "", "", "Säkerhetssamordnare", "Ingen", ""],
    ["7.5.3", "Styrning av dokumenterad information", "Delvis",
     "Versionshantering görs för hand.", "Inför dokumenthanteringssystem", "IT-avd", "Medel",
     "2025-03"],
    None,
    h("8 Verksamhet"),
    ["8.1", "Verksamhetsplanering och styrning", "Delvis", "",
     "Rutin för förändringshantering tas fram", "IT-chef", "Medel", "tertial 3"],
    ["8.2", "Bedömning av informationssäkerhetsrisker", "Nej", "Görs inte regelbundet.",
     "Årlig riskbedömning i varje förvaltning", "Förvaltningschef", "Hög", "december"],
    ["8.3", "Behandling av informationssäkerhetsrisker", "Nej", "", "Se 6.1.3", "CISO", "Hög",
     ""],
    h("9 Utvärdering av prestanda"),
    ["9.1", "Övervakning, mätning, analys och utvärdering", "delvis", "Nyckeltal saknas.",
     "Ta fram nyckeltal för incidenter och utbildning", "Säkerhetssamordnare", "Medel",
     "H1 2025"],
    ["9.2", "Internrevision", "Nej", "Ingen internrevision har genomförts.",
     "Upphandla internrevision", "Revisionsenheten", "Medel", "2025"],
    ["9.3", "Ledningens genomgång", "JA", "Genomförs årligen i december.", "",
     "Kommundirektör", "Ingen", ""],
    None,
    h("10 Förbättring"),
    ["10.1", "Avvikelser och korrigerande åtgärder", "Delvis",
     "Avvikelser hanteras i incidentrutinen – men följs inte upp.",
     "Inför uppföljning av korrigerande åtgärder", "Säkerhetssamordnare", "Låg", ""],
    ["10.2", "Ständig förbättring", "delvis",
     "“Förbättringsförslag” samlas in i ärendesystemet.", "", "CISO", "Låg", ""],
]

SV2013 = table([
    ["Gapanalys ledningssystem för informationssäkerhet – Exempelby kommun", "", "", "", "",
     "", "", ""],
    ["Upprättad av säkerhetssamordnaren, reviderad 2024-02-12", "", "", "", "", "", "", ""],
    ";;;;;;;",
    SV2013_HEADER,
] + SV2013_ROWS)

# ---- a 2022 table with English headers, comma separated, LF -----------------------------------

EN2022 = table([
    ["Clause", "Requirement", "Status", "Comment", "Action plan", "Responsible", "Priority",
     "Due date"],
    ["4.1", "Understanding the organization and its context", "Yes", "", "", "Head of IT",
     "None", ""],
    ["4.2", "Interested parties", "Partially", "Stakeholder list, not yet approved",
     "Approve list in the management group", "CISO", "medium", "Q3 2024"],
    ["6.2", "Objectives", "No", "", "Set measurable objectives", "CISO", "High",
     "end of 2024"],
    ["6.3", "Planning of changes", "No", "New in 2022; no routine yet",
     "Write a change routine, \"light\" version", "IT department", "HIGH", "March 31, 2025"],
    ["8.1", "Operational planning and control", "N/A", "Operations are outsourced", "",
     "", "", ""],
    ["9.2.1", "Internal audit: general", "not assessed", "", "", "", "", ""],
    ["9.2.2", "Internal audit programme", "Partial", "", "Adopt a three-year programme",
     "Internal audit", "LOW", "2025"],
    ["9.3.1", "Management review: general", "yes", "", "", "Municipal director", "none", ""],
], delim=",", eol="\n").encode("utf-8")

# ---- a Word table exported as tab separated text ---------------------------------------------
#
# The reference cell holds the id and the heading; the requirement column is often empty;
# section headings stand alone in the requirement column; chapter rows carry no data.

WORD = table([
    ["Avsnitt", "Krav", "Status", "Kommentar", "Ansvarig", "Klart"],
    ["", "4 Organisationens förutsättningar", "", "", "", ""],
    ["4.1 Förstå organisationen och dess förutsättningar", "", "Ja", "",
     "Kommunledningskontoret", ""],
    ["4.2 Intressenter", "Kartlägg intressenter och deras krav på informationssäkerhet",
     "Delvis", "Kartläggning pågår", "Säkerhetssamordnare", "Q3 2024"],
    ["5", "Ledarskap", "", "", "", ""],
    ["5.1 – Ledarskap och åtagande", "", "ja", "", "Kommundirektör", ""],
    ["6.1.2: Bedömning av informationssäkerhetsrisker", "", "nej",
     "Metod saknas, se riskregistret", "CISO", "hösten"],
    ["", "10 Förbättring", "", "", "", ""],
    ["10.1 Ständig förbättring", "", "Delvis", "", "Säkerhetssamordnare", ""],
    ["10.2 Avvikelser och korrigerande åtgärder", "", "Nej",
     "Ingen rutin för korrigerande åtgärder", "IT-avd", "2025"],
], delim="\t", eol="\r\n").encode("utf-8")

# ---- Statements of Applicability ---------------------------------------------------------------

SOA = table([
    ["Uttalande om tillämplighet – Exempelby kommun", "", "", "", "", "", "", ""],
    ["Kontroll-ID", "Säkerhetsåtgärd", "Tillämplig", "Motivering", "Skäl", "Nuläge",
     "Ansvarig", "Bevis"],
    ["A.5.1", "Policyer för informationssäkerhet", "Ja", "", "Riskbehandling, lagkrav", "Ja",
     "CISO", "Informationssäkerhetspolicy KF 2023-05-10\nRiktlinje för informationssäkerhet"],
    ["A.5.7", "Hotinformation", "Ja", "", "Riskbehandling", "Nej", "Säkerhetssamordnare", ""],
    ["A.5.23", "Informationssäkerhet vid användning av molntjänster", "Tillämplig", "",
     "Lagkrav\nAvtalskrav", "Delvis", "IT-chef", "Molnstrategi 2024\n\n  Avtal 2023/114  "],
    ["A.6.7", "Distansarbete", "ja", "", "verksamhetskrav", "Delvis", "HR-chef", ""],
    ["A.7.4", "Övervakning av fysisk säkerhet", "Nej",
     "Kommunen har inga egna serverhallar; driften sker hos leverantör.", "",
     "Ej tillämplig", "", ""],
    ["A.8.12", "Förhindrande av dataläckage", "Ja", "", "Riskbehandling", "Nej", "IT-chef",
     ""],
    ["A.8.34", "Skydd av informationssystem vid revision", "Exkluderad",
     "Revisionstester görs inte i produktionsmiljön.", "", "Ej tillämplig", "", ""],
]).encode("utf-8")

SOA_PLAIN = table([
    ["Control", "Control name", "Applicable", "Justification", "Status"],
    ["5.1", "Policies for information security", "Yes", "", "Yes"],
    ["5.2", "Information security roles and responsibilities", "Yes", "", "Partial"],
    ["5.23", "Information security for use of cloud services", "Yes", "", "No"],
    ["5.30", "ICT readiness for business continuity", "Yes", "", "Partial"],
    ["6.3", "Information security awareness, education and training", "Yes", "", "Partial"],
    ["7.4", "Physical security monitoring", "No", "No own data centre", "N/A"],
    ["8.12", "Data leakage prevention", "Yes", "", "No"],
    ["8.16", "Monitoring activities", "Yes", "", "Partial"],
    ["8.34", "Protection of information systems during audit testing", "No",
     "No audit testing in production", "N/A"],
], delim=",", eol="\n").encode("utf-8")

# ---- one table per edition rule ----------------------------------------------------------------

CLAUSES_2013 = ["4.1", "4.2", "4.3", "4.4", "5.1", "5.2", "5.3", "6.1.1", "6.1.2", "6.1.3",
                "6.2", "7.1", "7.2", "7.3", "7.4", "7.5.1", "7.5.2", "7.5.3", "8.1", "8.2",
                "8.3", "9.1", "9.2", "9.3", "10.1", "10.2"]

EDITION = {
    # 6.3 decides, although 10.1 is described as in 2013.
    "edition-new-clauses.csv": table([
        ["ISO", "Krav", "Nuläge"],
        ["4.1", "Organisationen", "Ja"],
        ["6.3", "Planering av ändringar", "Nej"],
        ["10.1", "Avvikelser och korrigerande åtgärder", "Delvis"],
    ]),
    "edition-titles-2013.csv": table([
        ["Clause", "Requirement", "Status"],
        ["5.2", "Policy", "Yes"],
        ["10.1", "Nonconformity and corrective action", "No"],
        ["10.2", "Continual improvement", "Partial"],
    ]),
    # One of the two suffices.
    "edition-titles-2022.csv": table([
        ["ISO", "Krav", "Nuläge"],
        ["9.1", "Övervakning och mätning", "Delvis"],
        ["10.1", "Ständig förbättring", "Nej"],
    ]),
    "edition-clause-set.csv": table([["ISO", "Krav", "Nuläge"]] +
                                    [[c, "", "Delvis" if i % 3 else "Ja"]
                                     for i, c in enumerate(CLAUSES_2013)]),
    # A 2013 Annex A table with its control objectives as headings.
    "edition-annex-2013.csv": table([
        ["Ref", "Rubrik", "Nuläge"],
        ["A.5.1", "Ledningens inriktning för informationssäkerhet", ""],
        ["A.5.1.1", "Policyer för informationssäkerhet", "Ja"],
        ["A.5.1.2", "Granskning av policyer", "Delvis"],
        ["A.9.2", "Hantering av användaråtkomst", ""],
        ["A.9.2.3", "Hantering av privilegierad åtkomst", "Nej"],
    ]),
    "edition-annex-2022.csv": table([
        ["Ref", "Rubrik", "Nuläge"],
        ["A.5.1", "Policyer för informationssäkerhet", "Ja"],
        ["A.8.34", "Skydd vid revision", "Ej tillämplig"],
    ]),
    "edition-default.csv": table([
        ["ISO", "Krav", "Nuläge", "Ansvarig"],
        ["4.1", "Organisationen", "Ja", "Kommundirektör"],
        ["5.1", "Ledarskap", "Delvis", "KSF"],
        ["7.2", "Kompetens", "Nej", "HR-chef"],
    ]),
    "edition-title-row.csv": table([
        ["Gapanalys enligt SS-EN ISO/IEC 27001:2017, Exempelby kommun", "", "", ""],
        ["", "", "", ""],
        ["ISO", "Krav", "Nuläge", "Ansvarig"],
        ["4.1", "Organisationen", "Ja", "Kommundirektör"],
        ["5.1", "Ledarskap", "Delvis", "KSF"],
        ["7.2", "Kompetens", "Nej", "HR-chef"],
    ]),
}

# ---- extra columns -----------------------------------------------------------------------------

EXTRA = table([
    ["ISO", "Krav", "Nuläge", "Riskkoppling", "Kommentar", "Senast granskad", "Kommentar", ""],
    ["4.1", "Organisationen", "Ja", "R3, R7", "Klar", "2024-01-15", "Ingen anmärkning", ""],
    ["5.2", "Policy", "Delvis", "", "Revideras", "2023-11-02", "", "lösryckt"],
    ["6.1.2", "Riskbedömning", "Nej", "R1", "", "", "Se KSF-protokoll", ""],
]).encode("utf-8")

# ---- broken inputs -----------------------------------------------------------------------------

BROKEN = {
    # "Kanske" is on line 14, column 3.
    "broken-status.csv": table([
        ["Gapanalys 2024", "", ""],
        None,
        ["ISO", "Krav", "Nuläge"],
        ["4.1", "Organisationen", "Ja"],
        ["4.2", "Intressenter", "Delvis"],
        ["4.3", "Omfattning", "Nej"],
        ["4.4", "Ledningssystem", "Ja"],
        ["5.1", "Ledarskap", "Ja"],
        ["5.2", "Policy", "Ja"],
        ["5.3", "Roller\r\noch ansvar", "Delvis"],
        ["6", "Planering", ""],
        ["6.1.1", "Allmänt", "Nej"],
        ["6.1.2", "Riskbedömning", "Kanske"],
    ]).encode("utf-8"),
    # 6.1.2 on lines 4 and 7 (written differently).
    "broken-duplicate.csv": table([
        ["ISO", "Krav", "Nuläge"],
        ["4.1", "Organisationen", "Ja"],
        ["5.2", "Policy", "Ja"],
        ["6.1.2", "Riskbedömning", "Nej"],
        ["6.1.3", "Riskbehandling", "Nej"],
        ["6.2", "Mål", "Delvis"],
        ["6.1.2.", "Riskbedömning igen", "Ja"],
    ]).encode("utf-8"),
    "broken-no-reference-column.csv": table([
        ["Krav", "Nuläge", "Kommentar"],
        ["Organisationen", "Ja", ""],
    ]).encode("utf-8"),
    "broken-truncated-quote.csv": (
        "ISO;Krav;Nuläge;Kommentar\r\n"
        "4.1;Organisationen;Ja;\"Påbörjad\r\n"
        "men inte klar;\r\n"
    ).encode("utf-8"),
    # Data on line 5 but no reference.
    "broken-no-reference.csv": table([
        ["ISO", "Krav", "Nuläge", "Kommentar"],
        ["4.1", "Organisationen", "Ja", ""],
        ["", "5 Ledarskap", "", ""],
        ["5.1", "Ledarskap", "Ja", ""],
        ["", "Policy", "Delvis", "Ref saknas"],
    ]).encode("utf-8"),
    "broken-need.csv": table([
        ["ISO", "Krav", "Nuläge", "Åtgärdsbehov"],
        ["4.1", "Organisationen", "Ja", "Ingen"],
        ["4.2", "Intressenter", "Nej", "Akut"],
    ]).encode("utf-8"),
}


def main():
    files = {
        "sv-2013-excel-cp1252.csv": SV2013.encode("cp1252"),
        "sv-2013-excel-utf8-bom.csv": BOM + SV2013.encode("utf-8"),
        "en-2022-comma.csv": EN2022,
        "word-export.tsv": WORD,
        "soa-2022.csv": BOM + SOA,
        "soa-plain-numbers.csv": SOA_PLAIN,
        "extra-columns.csv": EXTRA,
    }
    files.update({k: v.encode("utf-8") for k, v in EDITION.items()})
    files.update(BROKEN)
    for name, data in sorted(files.items()):
        with open(os.path.join(HERE, name), "wb") as f:
            f.write(data)
        print(f"{name}: {len(data)} bytes")


if __name__ == "__main__":
    main()
