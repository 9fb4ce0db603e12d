#!/usr/bin/env python3
"""Writes the golden CSV inputs of tests/test-csv.c byte for byte.

The files are checked in; run this only to recreate them. Bytes matter here (BOM, CRLF,
Windows-1252), so every file is written from an explicit bytes value.
"""
import os

HERE = os.path.dirname(os.path.abspath(__file__))
BOM = b"\xef\xbb\xbf"


def crlf(lines):
    return "".join(line + "\r\n" for line in lines).encode("utf-8")


def lf(lines):
    return "".join(line + "\n" for line in lines).encode("utf-8")


FILES = {
    # The organisation's own format: UTF-8 with BOM, semicolons, CRLF, no id column.
    "org-bom-semicolon-crlf.csv": BOM + crlf([
        "Risk;Konsekvens;Sannolikhet/konsekvens (1-4);Riskvärde;Åtgärd;Ansvarig",
        'Nätfiske mot medarbetare;Obehörig åtkomst till e-post;3/4;12;"Utbildning; tvåfaktorsinloggning";IT-enheten',
        "Strömavbrott i serverrummet;Kortare avbrott;2 / 2;3;;Fastighetsavdelningen",
        'Personuppgifter till fel mottagare;"Anmälan till IMY; förtroendeskada";Sannolik/Allvarlig;9;Krypterad e-post;Dataskyddsombud',
        "Leverantör går i konkurs;Systemet kan inte förvaltas;;;;Upphandlingsenheten",
    ]),
    # UTF-8 without BOM, commas, LF, every column of the export.
    "utf8-comma-lf.csv": lf([
        "ID,Risk,Konsekvens,Sannolikhet/konsekvens (1-4),Riskvärde,Åtgärd,Behandlingsalternativ,Ansvarig,Status,Kvarstående sannolikhet/konsekvens",
        'K-1,"Intrång, via VPN",Dataintrång,2/4,8,"Inför MFA, logga",Reducera,IT,Under åtgärd,1/4',
        "K-2,Brand i arkivet,Förlorade handlingar,1/3,3,,Acceptera,Arkivet,Accepterad,",
        'K-3,Nätfiske,"Stulna ""lösenord""",4/3,12,Utbildning,Reducera,HR,Öppen,2/3',
    ]),
    # Windows-1252: ä (e4), å (e5), ö (f6), Å (c5), en dash (96), euro (80), curly quotes.
    "windows-1252.csv": (
        b"Risk;Konsekvens;Sannolikhet/konsekvens (1-4);Riskv\xe4rde;\xc5tg\xe4rd;Ansvarig\r\n"
        b"Obeh\xf6rig \x96 \xe5tkomst;Kostnad 10\x80;2/3;6;\x93Rutin\x94;S\xe4kerhetschef\r\n"
        b"Str\xf6mavbrott;Avbrott;1/2;2;;Fastighet\r\n"
    ),
    # Tab separated, empty cells between tabs, commas and semicolons inside cells.
    "tab.tsv": lf([
        "Risk\tSannolikhet/konsekvens (1-4)\tRiskvärde\tÅtgärd\tAnsvarig",
        "Virus, mask; trojan\t3/4\t\t\tIT",
        "Brand\t\t\tSprinkler\t",
        "Översvämning\t1/4\t4\tFlytta servrar, säkra källaren; larm\tFastighet",
    ]),
    # Quoted cells with line breaks, the first cell of a record among them.
    "multiline.csv": BOM + crlf([
        "Risk;Konsekvens;Sannolikhet/konsekvens (1-4);Riskvärde",
        '"Första raden\r\nandra raden";Konsekvens A;2/2;4',
        'Enkel;"Rad ett\r\nrad två\r\nrad tre";3/3;9',
        "Sist;Text;1/1;1",
    ]),
    # Header cells wrapped and hyphenated by Excel, stray spaces, a soft hyphen, capitals.
    "hyphenated-header.csv": BOM + crlf([
        '" Risk ";"Konse-\r\nkvens";"Sannolik-\r\nhet/konsekvens (1-4)";Risk- värde;Åt\u00adgärd;ANSVARIG',
        "Virus;Driftstopp;3/4;12;Antivirus;IT",
    ]),
    # Title rows and a blank line above the header.
    "title-row.csv": BOM + crlf([
        "Riskregister 2024 – Kommunen;;;;",
        "Upprättad av informationssäkerhetssamordnaren;;;;",
        "",
        "Risk;Konsekvens;Sannolikhet/konsekvens (1-4);Riskvärde;Åtgärd",
        "Virus;Driftstopp;3/4;12;Antivirus",
    ]),
    # Likelihood and consequence in separate columns, numbers and labels, off-scale levels.
    "separate-levels.csv": crlf([
        "Nr;Risk;Sannolikhet (1-4);Konsekvens (1-4);Konsekvensbeskrivning;Riskvärde;Åtgärd",
        "1;Virus;3;4;Driftstopp;12;Antivirus",
        "2;Brand;Möjlig;Allvarlig;Förstörda handlingar;6;Sprinkler",
        "3;Okänd nivå;5;0;Utanför skalan;;",
    ]),
    # A plain "Konsekvens" next to "Sannolikhet" that holds only numbers is the level.
    "separate-levels-plain.csv": crlf([
        "Risk;Sannolikhet;Konsekvens;Riskvärde",
        "Virus;3;4;12",
        "Brand;2;;",
    ]),
    # English headers, labels and an unknown column.
    "english.csv": crlf([
        "Risk ID,Title,Consequence,Likelihood,Impact,Risk value,Treatment,Treatment option,Owner,Status,Residual likelihood,Residual impact,Comment",
        "E1,Ransomware,Outage,Likely,Serious,9,Backups,Modify,IT,In treatment,2,3,note",
        "E2,Lost laptop,Data leak,2,2,4,Encrypt disks,Share,Facilities,Closed,,,",
    ]),
    # Blank lines, white-space lines and rows of empty cells between the data.
    "blank-lines.csv": lf([
        "",
        "Risk;Sannolikhet/konsekvens (1-4);Riskvärde",
        "Virus;3/4;12",
        "",
        ";;",
        "Brand;1/2;2",
        "   ",
        ";  ;",
        "Sist;2/2;4",
        "",
    ]),
    # ---- broken files ----
    "broken-unterminated-quote.csv": lf([
        "Risk;Konsekvens;Sannolikhet/konsekvens (1-4)",
        "A;B;1/1",
        "C;D;2/2",
        "E;F;3/3",
        'G;"öppen cell',
        "som aldrig stängs;4/4",
    ]),
    "broken-malformed-quote.csv": lf([
        "Risk;Konsekvens;Sannolikhet/konsekvens (1-4)",
        "A;B;1/1",
        'C;Säger "hej";2/2',
    ]),
    "broken-not-a-level.csv": crlf(
        ["Risk;Konsekvens;Sannolikhet/konsekvens (1-4);Riskvärde"]
        + ["Risk %d;Konsekvens %d;2/2;4" % (i, i) for i in range(2, 14)]
        + ["Risk 14;Konsekvens 14;3/x;12"]
    ),
    "broken-duplicate-id.csv": lf([
        "ID;Risk;Sannolikhet/konsekvens (1-4)",
        "R1;A;1/1",
        "R2;B;2/2",
        "R1;C;3/3",
    ]),
    "broken-empty.csv": b"",
    "broken-no-title.csv": lf([
        "ID;Konsekvens;Riskvärde",
        "1;x;3",
    ]),
}

for name, data in FILES.items():
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)
