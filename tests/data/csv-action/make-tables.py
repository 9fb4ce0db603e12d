#!/usr/bin/env python3
"""Writes the improvement-action CSV inputs of tests/test-csv-action.c byte for byte.

The files are checked in; run this only to recreate them (/usr/bin/python3 make-tables.py).
Bytes matter here (BOM, CRLF, Windows-1252), so every file is written from an explicit bytes
value. The content is fictitious: a made-up municipality ("Exempelby kommun"), its roles and
systems. The tests name the physical lines of some rows: keep them in step.
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
        if isinstance(row, str):  # a raw line
            out.append(row)
        else:
            out.append(delim.join(cell(c, delim) for c in row))
    return "".join(line + eol for line in out)


def write(name, data):
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)


# ---- Swedish Excel export: Windows-1252, semicolons, CRLF, a title row, a hyphenated header --
#
# Lines: 1 title, 2 an empty row of delimiters, 3-4 the header ("Förut-sättningar" wraps),
# 5-6 IS-1 (its description has two lines), 7 IS-2, 8 IS-3, 9 a blank row of delimiters,
# 10 the row without an id (it becomes A4).
SV_HEADER = ["Nr", "Åtgärd", "Beskrivning", "Ansvarig", "Insats", "Kostnad (kr)",
             "Klart senast", "Status", "Återkommande", "Mål", "Förut-\r\nsättningar",
             "Förväntad restrisk", "Förväntat nuläge", "Kommentar"]
SV_EXCEL = table([
    ["Handlingsplan informationssäkerhet 2025, Exempelby kommun"] + [""] * 13,
    [""] * 14,
    SV_HEADER,
    ["IS-1", "Uppdatera informationssäkerhetspolicyn",
     "Revidera policyn\r\noch förankra den i ledningsgruppen", "Säkerhetssamordnare", "M",
     "12 500 kr", "Q2 2025", "Planerad", "", "req:5.2, krav:A.5.1", "IS-3", "", "Ja",
     "Beslut i KS"],
    ["IS-2", "Införa tvåfaktorsinloggning", "Alla externa tjänster", "IT-enheten", "2 veckor",
     "250000", "hösten 2025", "Pågående", "", "risk:R1 risk:R4", "", "2/2", "", ""],
    ["IS-3", "Utbilda medarbetare", "", "HR-enheten", "3,5", "1250,50", "T1", "Föreslagen",
     "Årligen", "tillgång: INF1; R2", "", "", "", ""],
    [""] * 14,
    ["", "Klassa om informationen", "", "Informationsägare", "XS", "", "december", "Klar",
     "årlig", "asset:INF2", "IS-1, IS-2", "", "Delvis", ""],
]).encode("cp1252")
write("sv-excel-cp1252.csv", SV_EXCEL)

# ---- English, UTF-8 without BOM, commas, LF; quoted lists, a cost in scientific notation ----
#
# Lines: 1 header, 2 A1, 3 A2, 4-5 A3 (its prerequisites are on two lines).
EN = table([
    ["Action id", "Title", "Description", "Responsible", "Effort", "Cost", "Due", "Status",
     "Recurrence", "Targets", "Depends on", "Expected residual", "Expected status"],
    ["A1", "Back up the case system", 'Test a restore "monthly"', "IT", "L", "1,5E+06",
     "2025-06-30", "planned", "quarterly", "risk:R2, req:8.13", "", "1/3", ""],
    ["A2", "Review access rights", "", "Unit managers", "4 h", "0", "end of 2025",
     "in progress", "every tertial", 'asset:"HR system", "A ""quoted"" id"', "A1", "",
     "Partial"],
    ["A3", "Phishing exercise", "", "IT", "XL", "2 000 SEK", "Q4", "cancelled", "", "R5",
     "A2\nA1", "", ""],
], delim=",", eol="\n").encode("utf-8")
write("en-comma-lf.csv", EN)

# ---- Tab separated, UTF-8 with BOM, no id column: the ids are A1, A2, A3 -------------------
NO_ID = BOM + table([
    ["Rubrik", "Ansvarig", "Insats", "Förutsättningar"],
    ["Ta fram en kontinuitetsplan", "Förvaltningschef", "S", ""],
    ["Öva kontinuitetsplanen", "Förvaltningschef", "1 månad", "A1"],
    ["Följ upp övningen", "", "", "A2"],
], delim="\t").encode("utf-8")
write("no-id.tsv", NO_ID)

# ---- Broken files --------------------------------------------------------------------------
write("broken-duplicate-id.csv", table([
    ["Åtgärd-id", "Åtgärd", "Ansvarig"],
    ["B1", "Första", "IT"],
    ["B2", "Andra", "IT"],
    [" B1 ", "Tredje", "HR"],
]).encode("utf-8"))
write("broken-missing-prerequisite.csv", table([
    ["Åtgärd-id", "Åtgärd", "Förutsättningar"],
    ["B1", "Första", ""],
    ["B2", "Andra", "B1, B9"],
]).encode("utf-8"))
write("broken-cycle.csv", table([
    ["Åtgärd-id", "Åtgärd", "Förutsättningar", "Status"],
    ["C0", "Klar sedan länge", "", "Klar"],
    ["C1", "Först", "C3", ""],
    ["C2", "Sedan", "C1", ""],
    ["C3", "Sist", "C2", "Planerad"],
]).encode("utf-8"))
