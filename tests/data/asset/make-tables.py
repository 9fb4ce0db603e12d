#!/usr/bin/env python3
"""Writes the asset-inventory CSV inputs of tests/test-csv-asset.c byte for byte.

The files are checked in; run this only to recreate them (/usr/bin/python3 make-tables.py).
Bytes matter here (BOM, CRLF, Windows-1252), so every file is written from an explicit bytes
value. The content is fictitious: a made-up municipality ("Exempelby kommun"), its roles,
systems and suppliers. The tests name the physical lines of some rows: keep them in step.
"""
import os

HERE = os.path.dirname(os.path.abspath(__file__))
BOM = b"\xef\xbb\xbf"


def cell(text, delim):
    """A cell as Excel writes it: quoted when it holds the delimiter, a quote or a line break."""
    if any(c in text for c in (delim, '"', "\r", "\n")):
        return '"' + text.replace('"', '""') + '"'
    return text


def bom_table(rows, delim=";", eol="\r\n"):
    """A table in UTF-8 after a byte order mark."""
    return BOM + table(rows, delim, eol).encode("utf-8")


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


# ---- Swedish Excel export: Windows-1252, semicolons, CRLF, title rows, hyphenated header ----
#
# Lines: 1 title, 2 an empty row of delimiters, 3-4 the header ("Informations-ägare" wraps),
# 5 INF1, 6 INF2, 7 SYS1, 8 LEV1, 9 a blank row of delimiters, 10 PL1.

SV_EXCEL_HEADER = ["Nr", "Informationsmängd", "Objekttyp", "Informations-\r\nägare",
                   "Beskrivning", "K", "R", "T", "S", "Personuppgifter",
                   "Känsliga personuppgifter", "NIS", "Senast klassad",
                   "Omklassning (månader)", "Ändamål", "Rättslig grund", "Gallring"]
SV_EXCEL = table([
    ["Informationsklassning Socialförvaltningen, Exempelby kommun 2024"] + [""] * 16,
    [""] * 17,
    SV_EXCEL_HEADER,
    ["INF1", "Journaler IFO", "Information", "Socialnämnden", "Akter och journalanteckningar",
     "3", "Allvarlig", "2", "3", "personuppgifter och personnummer", "Hälsa", "", "2024-04-18",
     "", "Dokumentation enligt SoL", "Myndighetsutövning (art. 6.1 e)",
     "5 år efter sista anteckning"],
    ["INF2", "Orosanmälningar", "information", "Socialnämnden", "Anmälningar om barn",
     "4", "3 - Allvarlig", "betydande", "", "Personuppgifter, känsliga, lagöverträdelser",
     "hälsa; etniskt ursprung", "Nej", "2024-01-10", "12", "Skyddsbedömning", "", ""],
    ["SYS1", "Omsorgsportalen", "IT-system", "Förvaltningschef", "Verksamhetssystem", "", "",
     "2", "", "", "", "x", "2023-11-30", "24", "", "", ""],
    ["LEV1", "Nordisk Vård AB", "Leverantör", "Upphandlingsenheten", "Driftleverantör",
     "", "", "", "", "Nej", "", "ja", "", "", "", "", ""],
    [""] * 17,
    ["PL1", "Datahallen", "Lokal", "Fastighetsenheten", "Kommunens datahall", "1", "1", "4",
     "Måttlig", "", "", "Ja", "2024-02-29", "6", "", "", ""],
])

# ---- Swedish, UTF-8 with BOM: the register of processing and overrides ------------------------
#
# Lines: 1 header, 2 INF1, 3 INF2, 4 SYS1.

SV_BOM_HEADER = ["ID", "Namn", "Typ", "Ägare", "K", "R", "T", "S", "Personuppgifter",
                 "Särskilda kategorier", "Samhällsviktig", "Klassad", "Intervall", "Ändamål",
                 "Rättslig grund", "Kategorier av registrerade", "Personuppgiftskategorier",
                 "Mottagare", "Överföring till tredje land", "Skyddsåtgärder", "Lagringstid",
                 "Säkerhetsåtgärder", "Manuell K", "Manuell T", "Motivering", "Kommentar"]
SV_BOM = bom_table([
    SV_BOM_HEADER,
    ["INF1", "Elevakter", "Information", "Barn- och utbildningsnämnden", "3", "2", "1", "2",
     "Personuppgifter, personnummer", "Hälsa", "Nej", "2024-03-01", "12",
     "Dokumentation av elevhälsa", "Allmänt intresse (art. 6.1 e)", "Elever, vårdnadshavare",
     "Namn, personnummer, hälsa", "Skolinspektionen", "USA (supportleverantör)",
     "Standardavtalsklausuler", "Gallras efter 5 år", "Loggning och behörighetsstyrning",
     "", "", "", "granskad 2024"],
    ["INF2", "Mötesprotokoll", "Information", "Kommunstyrelsen", "0", "1", "1", "", "Inga",
     "", "", "2023-06-15", "36", "", "", "", "", "", "", "", "", "", "", "", "", ""],
    ["SYS1", "Elevregistret", "System", "IT-chef", "", "", "", "", "", "", "Ja", "2024-03-01",
     "12", "", "", "", "", "", "", "", "", "", "4", "3",
     "Innehåller skyddade personuppgifter", ""],
])

# ---- English, UTF-8, comma, LF ---------------------------------------------------------------
#
# Lines: 1 header, 2 INF1, 3 SYS1, 4 SUP1.

EN_HEADER = ["Id", "Asset", "Type", "Owner", "Description", "C", "I", "A", "T",
             "Personal data", "Special categories", "NIS", "Last classified", "Interval",
             "Purpose", "Legal basis", "Data subjects", "Categories of personal data",
             "Recipients", "Third-country transfers", "Safeguards", "Retention",
             "Security measures", "Override C", "Override T", "Justification"]
EN = table([
    EN_HEADER,
    ["INF1", "Payroll records", "Information", "HR director", "Salaries, sick leave",
     "Serious", "significant", "Moderate", "1", "personal data, PIN", "trade union, health",
     "no", "2024-05-02", "12", "Payroll", "Contract (art. 6.1 b)", "Employees",
     "Identity, salary, union membership", "Tax agency", "None", "", "7 years",
     "Access control"],
    ["SYS1", "Payroll system", "IT system", "CIO", "SaaS payroll", "", "", "3", "", "", "",
     "yes", "2024-05-02", "12", "", "", "", "", "", "", "", "", "", "4", "2",
     "Holds bank account numbers"],
    ["SUP1", "Payroll Cloud Ltd", "Supplier", "Procurement", "Operates the payroll system",
     "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", ""],
], delim=",", eol="\n")

# ---- Tab separated, full aspect names ----------------------------------------------------

TAB = table([
    ["Objekt-ID", "Benämning", "Typ", "Systemägare", "Konfidentialitet", "Riktighet",
     "Tillgänglighet", "Spårbarhet", "NIS"],
    ["NET1", "Kommunnätet", "Nätverk", "IT-chef", "2", "3", "4", "2", "Ja"],
    ["HW1", "Brandväggar", "Hårdvara", "IT-chef", "2", "Synnerligen allvarlig", "4", "", ""],
    ["PR1", "Ekonomiprocessen", "Process", "Ekonomichef", "", "", "", "", ""],
], delim="\t", eol="\r\n")

# ---- Multi-line cells --------------------------------------------------------------------
#
# Lines: 1 header, 2-4 INF1 (description on three lines), 5 INF2 (quotes, semicolons).

MULTI = table([
    ["ID", "Namn", "Beskrivning", "K", "R", "T", "Rättslig grund", "Säkerhetsåtgärder"],
    ["INF1", "Bygglovsärenden", "Ansökningar\r\nritningar\r\nbeslut", "1", "2", "2",
     "Myndighetsutövning", "Behörighet;\r\nloggning"],
    ["INF2", "Avtal \"ramavtal\"", "Avtal; bilagor, priser", "2", "2", "1", "", ""],
])

# ---- Without an id column: names are ids ---------------------------------------------------

NO_ID = bom_table([
    ["Informationsmängd", "K", "R", "T"],
    ["Lönedata", "2", "2", "1"],
    ["Personalakter", "3", "2", "1"],
])

# ---- Relations ---------------------------------------------------------------------------
#
# For the assets of sv-utf8-bom.csv (INF1, INF2, SYS1) and en-comma-lf.csv.

REL_SV = bom_table([
    ["Från", "Relation", "Till"],
    ["SYS1", "behandlar", "INF1"],
    ["SYS1", "Behandlar", "INF2"],
    None,
    ["INF2", "lagras i", "SYS1"],
])

REL_EN = table([
    ["Source", "Kind", "Target", "Note"],
    ["SYS1", "processes", "INF1", "payroll"],
    ["SUP1", "operates", "SYS1", ""],
    ["INF1", "depends on", "SYS1", ""],
    ["SYS1", "supports", "SUP1", ""],
], delim=",", eol="\n")

# Windows-1252, a title row, "Källa;Typ;Mål", Swedish kinds with diacritics.
REL_CP1252 = table([
    ["Relationer mellan tillgångar", "", ""],
    ["Källa", "Typ", "Mål"],
    ["INF1", "är beroende av", "SYS1"],
    ["SYS1", "stödjer", "INF2"],
    ["INF2", "lagras i", "SYS1"],
])

# ---- Broken files ------------------------------------------------------------------------

BROKEN_LEVEL = table([
    ["ID", "Namn", "Typ", "Ägare", "K", "R", "T"],
    ["INF1", "Journaler", "Information", "Socialnämnden", "3", "3", "2"],
    ["INF2", "Protokoll", "Information", "Kommunstyrelsen", "Hög", "1", "1"],
])

BROKEN_TYPE = table([
    ["ID", "Namn", "Typ", "K"],
    ["INF1", "Journaler", "Information", "3"],
    ["CAR1", "Tjänstebil", "Bil", "1"],
])

BROKEN_DUPLICATE_ID = table([
    ["ID", "Namn", "K"],
    ["INF1", "Journaler", "3"],
    ["INF2", "Protokoll", "1"],
    ["INF1 ", "Journaler igen", "2"],
])

BROKEN_AMBIGUOUS_T = table([
    ["ID", "Namn", "T"],
    ["INF1", "Journaler", "3"],
])

BROKEN_REL_KIND = bom_table([
    ["Från", "Relation", "Till"],
    ["SYS1", "behandlar", "INF1"],
    ["SYS1", "äger", "INF2"],
])

BROKEN_REL_MISSING = bom_table([
    ["Från", "Relation", "Till"],
    ["SYS1", "behandlar", "INF1"],
    ["SYS1", "behandlar", "INF9"],
])

BROKEN_REL_DUPLICATE = bom_table([
    ["Från", "Relation", "Till"],
    ["SYS1", "behandlar", "INF1"],
    ["SYS1", "behandlar", "INF2"],
    ["SYS1", "processes", "INF1"],
])

FILES = {
    "sv-excel-cp1252.csv": SV_EXCEL.encode("cp1252"),
    "sv-utf8-bom.csv": SV_BOM,
    "en-comma-lf.csv": EN.encode("utf-8"),
    "tab.tsv": TAB.encode("utf-8"),
    "multiline.csv": MULTI.encode("utf-8"),
    "no-id.csv": NO_ID,
    "relations-sv.csv": REL_SV,
    "relations-en.csv": REL_EN.encode("utf-8"),
    "relations-cp1252.csv": REL_CP1252.encode("cp1252"),
    "broken-level.csv": BROKEN_LEVEL.encode("utf-8"),
    "broken-type.csv": BROKEN_TYPE.encode("utf-8"),
    "broken-duplicate-id.csv": BROKEN_DUPLICATE_ID.encode("utf-8"),
    "broken-ambiguous-t.csv": BROKEN_AMBIGUOUS_T.encode("utf-8"),
    "broken-relation-kind.csv": BROKEN_REL_KIND,
    "broken-relation-missing.csv": BROKEN_REL_MISSING,
    "broken-relation-duplicate.csv": BROKEN_REL_DUPLICATE,
}


def main():
    for name, data in FILES.items():
        if isinstance(data, str):
            data = data.encode("utf-8")
        with open(os.path.join(HERE, name), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main()
