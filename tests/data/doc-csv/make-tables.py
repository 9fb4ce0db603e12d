#!/usr/bin/env python3
"""Writes the CSV inputs of tests/test-doc-csv.c byte for byte.

The files are checked in; run this only to recreate them (/usr/bin/python3 make-tables.py).
They go with the sample data of examples/data/ (the risks R1-R12 of riskregister.csv, the
assets of inventory.csv). The content is fictitious. The tests name the physical lines of
some rows: keep them in step.
"""
import os

HERE = os.path.dirname(os.path.abspath(__file__))
BOM = b"\xef\xbb\xbf"


def table(rows, delim=";", eol="\r\n"):
    def cell(text):
        if any(c in text for c in (delim, '"', "\r", "\n")):
            return '"' + text.replace('"', '""') + '"'
        return text
    return "".join(delim.join(cell(c) for c in row) + eol for row in rows)


def write(name, data):
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)


# Improvement actions for the sample administration, as a coordinator keeps them in Excel.
write("actions.csv", BOM + table([
    ["Åtgärd-id", "Åtgärd", "Beskrivning", "Ansvarig", "Insats", "Kostnad", "Klart senast",
     "Status", "Återkommande", "Mål", "Förutsättningar"],
    ["Å1", "Tvåfaktorsinloggning för e-post", "Alla medarbetare,\nockså förtroendevalda",
     "IT-enheten", "M", "85 000 kr", "Q2", "Planerad", "", "risk:R1, risk:R11", ""],
    ["Å2", "Uppdatera riskbedömningsmetoden", "", "Säkerhetssamordnare", "2 veckor", "",
     "hösten", "Föreslagen", "", "krav:6.1.2", "Å3"],
    ["Å3", "Klassa om informationen", "", "Informationsägare", "S", "", "december",
     "Föreslagen", "Årligen", "tillgång:INF1, tillgång:INF2", ""],
]).encode("utf-8"))

# A smaller inventory: only INF1, INF2 and SYS1 of the sample (the relations of the others
# are dropped when it replaces the sample's).
write("inventory-small.csv", table([
    ["ID", "Namn", "Typ", "K", "R", "T"],
    ["INF1", "Journaler inom individ- och familjeomsorg", "Information", "3", "3", "2"],
    ["INF2", "Orosanmälningar", "Information", "4", "3", "3"],
    ["SYS1", "Verksamhetssystem för socialtjänsten", "IT-system", "", "", ""],
]).encode("utf-8"))

# Relations that name an asset the sample lacks (line 3).
write("relations-broken.csv", table([
    ["Från", "Relation", "Till"],
    ["SYS1", "behandlar", "INF1"],
    ["SYS1", "behandlar", "INF99"],
]).encode("utf-8"))

# Headers that two or more kinds know equally well, and headers no kind knows.
write("ambiguous.csv", table([
    ["Åtgärd", "Ansvarig", "Klart senast"],
    ["Uppdatera policyn", "Säkerhetssamordnare", "Q2 2025"],
]).encode("utf-8"))
write("unknown.csv", table([
    ["Konto", "Belopp", "Verifikation"],
    ["4010", "1 200", "V12"],
]).encode("utf-8"))
