#!/usr/bin/env python3
"""Writes the corpus of broken input files of tests/test-broken.c byte for byte.

The files are checked in; run this only to recreate them (/usr/bin/python3 make-corpus.py).
What each file must give (error code, line, column, message) is listed in MANIFEST.tsv next
to this script, which the test reads. Files larger than about 64 KiB are not stored: the test
makes them itself (the entries of MANIFEST.tsv whose name starts with '@').

Bytes matter here (BOM, CR, CRLF, Windows-1252, UTF-16, binary), so every file is written
from an explicit bytes value. The content is fictitious (a made-up municipality).
"""
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
BOM = b"\xef\xbb\xbf"

# A few bytes of a PNG image (signature, IHDR, the start of IDAT): what arrives when someone
# picks a screenshot instead of the table.
PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00"
       b"\x00\x00\x1f\xf3\xffa\x00\x00\x00\x19IDATx\x9cc\xf8\xff\xff?\x03\x0c\x0c\x8c\x0c"
       b"\x0c\x8c\xff\x19\x18\x18\x00\x00\x00\xff\xff\x03\x00\x1b\xf6\x05\xfd")
# The start of a ZIP archive, as an Excel workbook (.xlsx) is one.
XLSX = (b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00b\xee\x9dh^\x01\x00\x00\x90\x04"
        b"\x00\x00\x13\x00\x08\x02[Content_Types].xml \xa2\x04\x02(\xa0\x00\x02\x00\x00")


def cell(text, delim):
    """A cell as Excel writes it: quoted when it holds the delimiter, a quote or a line break."""
    if any(c in text for c in (delim, '"', "\r", "\n")):
        return '"' + text.replace('"', '""') + '"'
    return text


def table(rows, delim=";", eol="\r\n"):
    return "".join(delim.join(cell(c, delim) for c in row) + eol for row in rows)


def random_bytes(seed, n):
    rng = random.Random(seed)
    return bytes(rng.randrange(256) for _ in range(n))


# ---- the CSV kinds: a valid header and two rows each -------------------------------------------
#
# `trunc` is where the second data row is cut in truncated-row.csv: the row keeps its cells up
# to `trunc[0]` (0-based) and `trunc[1]` characters of that cell, which then is not a value.
# `bad` is a cell of the second row replaced by a value the importer refuses, for the files
# whose point is the line number (bare CR line ends).

CSV = {
    "risk-csv": dict(
        header=["Risk", "Konsekvens", "Sannolikhet/konsekvens (1-4)", "Riskvärde", "Åtgärd",
                "Ansvarig"],
        rows=[["Nätfiske mot medarbetare", "Obehörig åtkomst till e-post", "3/4", "12",
               "Utbildning för alla; tvåfaktorsinloggning", "IT-enheten"],
              ["Utpressningsvirus krypterar filservrar", "Verksamheten står still", "2/4", "8",
               "Återläsning av säkerhetskopior varje tertial", "IT-enheten"]],
        trunc=(2, 1), bad=(2, "hög/4")),
    "gap-csv": dict(
        header=["ISO", "Krav", "Nuläge", "Kommentar", "Handlingsplan", "Ansvarig",
                "Åtgärdsbehov", "Datum"],
        rows=[["4.1", "Förståelse av organisationen", "Delvis", "Omvärldsanalysen är gammal",
               "Uppdatera omvärldsanalysen", "KSF", "Medel", "Q2 2025"],
              ["6.1.2", "Bedömning av informationssäkerhetsrisker", "Nej", "Ingen metod",
               "Inför riskbedömning; utbilda chefer", "Säkerhetssamordnare", "Hög",
               "hösten 2025"]],
        trunc=(2, 2), bad=(2, "Kanske")),
    "asset-csv": dict(
        header=["ID", "Namn", "Typ", "Ägare", "K", "R", "T"],
        rows=[["INF1", "Journaler inom äldreomsorgen", "Information", "Socialnämnden", "3", "3",
               "2"],
              ["SYS1", "Verksamhetssystem för omsorg", "System", "IT-enheten; förvaltningen",
               "3", "3", "3"]],
        trunc=(2, 3), bad=(4, "Allvarligare")),
    "relation-csv": dict(
        header=["Från", "Relation", "Till"],
        rows=[["SYS1", "behandlar", "INF1"],
              ["SYS1", "är beroende av", "SYS3"]],
        trunc=(1, 3), bad=(1, "äger")),
    "action-csv": dict(
        header=["Åtgärd-id", "Åtgärd", "Ansvarig", "Insats", "Klart senast",
                "Förutsättningar"],
        rows=[["A1", "Uppdatera informationssäkerhetspolicyn", "KSF", "M", "juni 2025", ""],
              ["A2", "Utbilda alla medarbetare; chefer först", "HR", "2 veckor", "hösten 2025",
               "A1"]],
        trunc=(3, 5), bad=(3, "många")),
}


def csv_files(spec):
    h, r = spec["header"], spec["rows"]
    text = table([h] + r)
    files = {}
    files["empty.csv"] = b""
    files["bom-only.csv"] = BOM
    files["blank-lines.csv"] = b"\r\n  \r\n;;;\r\n\r\n"
    files["header-only.csv"] = BOM + table([h]).encode()
    files["title-only.csv"] = "Sammanställning 2025\r\nInget att rapportera\r\n".encode()
    # Cut inside a cell of the second row, which is left holding part of a value.
    col, keep = spec["trunc"]
    row = r[1][:col] + [r[1][col][:keep]]
    files["truncated-row.csv"] = (table([h, r[0]]) + ";".join(cell(c, ";") for c in row)).encode()
    # Cut inside a quoted cell that spans lines: the quote is never closed.
    q = list(r[1])
    q[1] = q[1] + "\r\nfortsätter på nästa rad"
    whole = table([h, r[0], q])
    files["truncated-quote.csv"] = whole[:whole.index("fortsätter") + 6].encode()
    # Cut inside a two-byte character of a UTF-8 file: half of an "ä" (or "å", "ö") at the end.
    b = text.encode()
    at = b.rindex("ä".encode()) if "ä".encode() in b else b.rindex("å".encode())
    files["truncated-utf8.csv"] = b[:at + 1]
    # A UTF-8 file with one cell pasted from a Windows-1252 text: mostly UTF-8, one "ö" not.
    mixed = [list(r[0]), list(r[1])]
    mixed[1][1] = mixed[1][1] + " (" + "kopierad från Word" + ")"
    m = table([h] + mixed).encode()
    m = m.replace("kopierad från Word".encode(), "kopierad fr\xe5n Word".encode("cp1252"))
    files["mixed-encoding.csv"] = m
    # Windows-1252 (a documented input encoding of every CSV importer: read, with a note).
    files["cp1252.csv"] = text.encode("cp1252")
    # UTF-16, as Excel's "Unicode text" writes it (tab separated), and without the BOM.
    tsv = table([h] + r, delim="\t")
    files["utf16le-bom.csv"] = b"\xff\xfe" + tsv.encode("utf-16-le")
    files["utf16be-bom.csv"] = b"\xfe\xff" + tsv.encode("utf-16-be")
    files["utf16le.csv"] = tsv.encode("utf-16-le")
    # Not text at all.
    files["png.csv"] = PNG
    files["xlsx.csv"] = XLSX
    files["random.csv"] = random_bytes(9, 1024)
    files["nul-bytes.csv"] = b"\x00" * 512
    # A NUL byte inside the fourth cell of the second line (the third of a relation).
    n = list(r[0])
    k = min(3, len(n) - 1)
    n[k] = n[k][:1] + "\x00" + n[k][1:]
    files["nul-in-cell.csv"] = table([h, n]).encode()
    # Old Mac line ends (bare CR): a valid table, and one whose error must name line 3.
    files["cr-line-ends.csv"] = table([h] + r, eol="\r").encode()
    # A text table whose first line starts with a PDF signature is still text (risk only).
    if kind == "risk-csv":
        files["pdf-text-start.csv"] = ("%PDF-utskrift av riskregistret\n" +
                                       table([h] + r)).encode()
    bcol, bval = spec["bad"]
    br = list(r[1])
    br[bcol] = bval
    files["cr-line-ends-error.csv"] = table([h, r[0], br], eol="\r").encode()
    # An unterminated quote at the very end (the last cell of the last line opens a quote).
    u = ";".join(cell(c, ";") for c in r[1][:-1]) + ';"' + r[1][-1]
    files["unterminated-quote.csv"] = (table([h, r[0]]) + u).encode()
    # Text after the closing quote of a cell, and a quote inside an unquoted cell.
    g = ";".join(cell(c, ";") for c in r[0][:-1]) + ';"' + r[0][-1] + '"x\r\n'
    files["text-after-quote.csv"] = (table([h]) + g).encode()
    s = list(r[0])
    s[0] = s[0][:2] + '"' + s[0][2:]
    files["stray-quote.csv"] = (table([h]) + ";".join(s) + "\r\n").encode()
    # The wrong kind of file: a JSON document.
    files["json.csv"] = b'{\n  "format": "libisms/1",\n  "risks": []\n}\n'
    return files


# ---- the JSON kinds -------------------------------------------------------------------------

DOCUMENT = """{
  "format": "libisms/1",
  "organisation": "Exempelby kommun",
  "unit": "Socialförvaltningen",
  "year": 2025,
  "language": "sv",
  "risks": [
    {
      "id": "R1",
      "title": "Nätfiske mot medarbetare",
      "likelihood": 3,
      "consequence": 4,
      "treatment": "Utbildning; tvåfaktorsinloggning"
    }
  ]
}
"""

CATALOG = """{
  "catalog": {
    "uuid": "3c2f5a8e-6b1d-4f7a-9e2c-1d4b7a9c0e5f",
    "metadata": {
      "title": "Stadens regelverk för informationssäkerhet",
      "last-modified": "2025-05-02T08:00:00Z",
      "version": "2025.1",
      "oscal-version": "1.1.3"
    },
    "groups": [
      {
        "id": "styr",
        "title": "Styrning",
        "controls": [
          {"id": "styr-1", "title": "Policy för informationssäkerhet"},
          {"id": "styr-2", "title": "Roller och ansvar"}
        ]
      }
    ]
  }
}
"""


def json_files(text, dup_at, dup_line, other):
    b = text.encode()
    files = {}
    files["empty.json"] = b""
    files["bom-only.json"] = BOM
    files["whitespace-only.json"] = b" \r\n\t\r\n"
    # Cut inside a string value (after "Socialf" / "Stadens regelverk f").
    at = b.index("ö".encode()) if "ö".encode() in b else b.index("för".encode())
    files["truncated-string.json"] = b[:at]
    # Cut between two members of an object, after the comma.
    files["truncated-object.json"] = b[:b.index(b",\n", b.index(b"title")) + 2]
    # Cut inside a two-byte character ("ä" or "ö"): half of it at the end.
    at = b.index("ä".encode())
    files["truncated-utf8.json"] = b[:at + 1]
    files["cp1252.json"] = text.encode("cp1252")
    files["utf16le-bom.json"] = b"\xff\xfe" + text.encode("utf-16-le")
    files["utf16be-bom.json"] = b"\xfe\xff" + text.encode("utf-16-be")
    files["utf16le.json"] = text.encode("utf-16-le")
    files["png.json"] = PNG
    files["random.json"] = random_bytes(10, 1024)
    files["nul-bytes.json"] = b"\x00" * 512
    lines = text.split("\n")
    lines.insert(dup_line, dup_at)
    files["duplicate-key.json"] = "\n".join(lines).encode()
    files["csv.json"] = table([CSV["risk-csv"]["header"]] + CSV["risk-csv"]["rows"]).encode()
    files["other-kind.json"] = other.encode()
    return files


def write(kind, files):
    d = os.path.join(HERE, kind)
    os.makedirs(d, exist_ok=True)
    for name, data in sorted(files.items()):
        assert len(data) <= 64 * 1024, name
        with open(os.path.join(d, name), "wb") as f:
            f.write(data)


def main():
    for kind, spec in CSV.items():
        write(kind, csv_files(spec))
    # The duplicate key: a second "organisation" after the first; a second "title" in the
    # catalog's metadata.
    write("document", json_files(DOCUMENT, '  "organisation": "Exempelstad",', 3, CATALOG))
    write("oscal-catalog", json_files(CATALOG, '      "title": "Ett annat namn",', 5, DOCUMENT))


if __name__ == "__main__":
    main()
