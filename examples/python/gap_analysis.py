#!/usr/bin/env python3
"""Import a gap analysis against ISO/IEC 27001, summarise, lint, convert and compare it.

    gap_analysis.py [CSV] [--previous CSV] [--year YEAR] [--lang sv|en]

Without CSV it reads the fictitious sample of Exempelby kommun, gap-analysis-2024.csv (a
Swedish Excel export: Windows-1252, semicolons, CRLF, title rows, line breaks in cells), and
compares it with gap-analysis-2023.csv. The sample files are looked up in the directory named
by the environment variable ISMS_EXAMPLES_DATA, else in examples/data/ next to this script.
The edition is inferred from the table; the year assessed is 2024 (--year to change it).
Output is in Swedish unless --lang en.

Run it in the build tree with the binding on the path:

    PYTHONPATH=<builddir>/bindings/python python3 examples/python/gap_analysis.py
"""

import argparse
import os
import pathlib
import sys

try:
    import isms
except ImportError as err:  # pragma: no cover - a hint for people running it by hand
    sys.exit("cannot import isms (%s): build libisms and set "
             "PYTHONPATH=<builddir>/bindings/python" % err)

DATA_DIR = pathlib.Path(os.environ.get("ISMS_EXAMPLES_DATA") or
                        pathlib.Path(__file__).resolve().parent.parent / "data")
DEFAULT_CSV = DATA_DIR / "gap-analysis-2024.csv"
DEFAULT_PREVIOUS = DATA_DIR / "gap-analysis-2023.csv"

STATUSES = ("yes", "partial", "no", "not_applicable", "not_assessed")
CHANGES = [isms.Change.IMPROVED, isms.Change.REGRESSED, isms.Change.NEW, isms.Change.REMOVED,
           isms.Change.UNCHANGED]

TEXT = {
    "sv": {
        "title": "Gapanalys: {path}",
        "lang": "sv",
        "rows": "Rader: {n}, bedömningsår {year}, referensdatum {date}",
        "edition": "Utgåva: {edition}",
        "basis": "Avgjort av: {basis}",
        "notes": "Om importen",
        "entries": ("ISO", "Nuläge", "Behov", "Ansvarig", "Datum (som skrivet)", "Period"),
        "assumed": "* utan år i texten: bedömningsåret antaget, {year}",
        "summary": "Sammanställning ({edition})",
        "summary_cols": ("Kapitel", "Ja", "Delvis", "Nej", "E/T", "Ej bedömd", "Efterlevnad",
                         "Täckning"),
        "total": "Totalt",
        "unknown": "Rader som inte är krav (rubriker, okända referenser): {n}",
        "formula": "Efterlevnad = (Ja + ½·Delvis) / bedömda; täckning = bedömda / tillämpliga.",
        "findings": "Anmärkningar ({n}, per {date}):",
        "no_findings": "Inga anmärkningar.",
        "converted": "Omräknad till {edition}:",
        "moved": "Krav som bytt nummer eller delats upp:",
        "compared": "Jämfört med förra året: {path} ({edition}, {year})",
        "compliance": "Efterlevnad: {before} → {after}",
        "delta_cols": ("ISO", "Förra året", "I år", "Förändring"),
        "error": "Kunde inte läsa {path}: {error}",
        "chapters": {4: "Organisationens förutsättningar", 5: "Ledarskap", 6: "Planering",
                     7: "Stöd", 8: "Verksamhet", 9: "Utvärdering av prestanda",
                     10: "Förbättring"},
        "basis_text": {
            "given": "angiven av anroparen",
            "named": "namngiven i tabellen",
            "new_clauses": "tabellen har 6.3, 9.2.x eller 9.3.x (nya i 2022)",
            "clause_titles": "kravtexterna för 10.1 och 10.2 (avvikelser och ständig "
                             "förbättring)",
            "clause_set": "avsnitten är precis de i 2013 års utgåva",
            "annex_a": "formen på bilaga A-referenserna",
            "default": "inget i tabellen avgjorde; den gällande utgåvan antogs",
        },
    },
    "en": {
        "title": "Gap analysis: {path}",
        "lang": "en",
        "rows": "Rows: {n}, year assessed {year}, reference date {date}",
        "edition": "Edition: {edition}",
        "basis": "Decided by: {basis}",
        "notes": "About the import",
        "entries": ("Clause", "Status", "Need", "Owner", "Due (as written)", "Period"),
        "assumed": "* no year in the text: the year assessed was assumed, {year}",
        "summary": "Summary ({edition})",
        "summary_cols": ("Chapter", "Yes", "Partial", "No", "N/A", "Not assessed", "Compliance",
                         "Coverage"),
        "total": "Total",
        "unknown": "Rows that are not requirements (headings, unknown references): {n}",
        "formula": "Compliance = (yes + ½·partial) / assessed; coverage = assessed / "
                   "applicable.",
        "findings": "Findings ({n}, as of {date}):",
        "no_findings": "No findings.",
        "converted": "Converted to {edition}:",
        "moved": "Requirements renumbered or split:",
        "compared": "Compared with last year: {path} ({edition}, {year})",
        "compliance": "Compliance: {before} → {after}",
        "delta_cols": ("Clause", "Last year", "This year", "Change"),
        "error": "Could not read {path}: {error}",
        "chapters": None,  # the catalog's own (English) titles
        "basis_text": {
            "given": "given by the caller",
            "named": "named in the table",
            "new_clauses": "the table has 6.3, 9.2.x or 9.3.x (new in 2022)",
            "clause_titles": "the requirement texts of 10.1 and 10.2 (nonconformity, "
                             "improvement)",
            "clause_set": "the clauses are exactly those of the 2013 edition",
            "annex_a": "the form of the Annex A references",
            "default": "nothing in the table told; the current edition was assumed",
        },
    },
}


def shorten(text, width):
    """Cuts text to `width` characters with an ellipsis; line breaks become spaces."""
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[:width - 1] + "\u2026"


def percent(fraction, lang):
    if lang == "sv":
        return ("%.1f %%" % (fraction * 100)).replace(".", ",")
    return "%.1f%%" % (fraction * 100)


def rule(width):
    print("\u2500" * width)


def print_findings(findings, lang):
    for f in findings:
        print("  %-11s %-6s %s  [%s]" % (f.severity.label(lang), f.ref or "\u2013", f.message,
                                         f.code))


def print_entries(assessment, lang, t):
    widths = (8, 16, 8, 25, 34)
    cols = t["entries"]
    print("".join(c.ljust(w) for c, w in zip(cols, widths)) + cols[-1])
    rule(101)
    assumed = False
    for e in assessment:
        period = e.period
        if period.kind == "none":
            shown = "\u2013"
        elif period.kind == "unparsed":
            shown = "?"
        else:
            shown = str(period)             # canonical: "Q1 2025", "2024-02", "H1 2025"
            if period.year_assumed:
                shown += " *"
                assumed = True
        cells = (e.ref, e.status.label(lang), e.need.label(lang) if e.need else "\u2013",
                 shorten(e.owner, 24) or "\u2013", shorten(e.due, 33) or "\u2013")
        print("".join(c.ljust(w) for c, w in zip(cells, widths)) + shown)
    if assumed:
        print(t["assumed"].format(year=assessment.year))


def print_summary(assessment, lang, t):
    s = assessment.summary()
    cols = t["summary_cols"]
    widths = (5, 8, 5, 5, 14)
    print(cols[0].ljust(40) + "".join(c.rjust(w) for c, w in zip(cols[1:6], widths)) +
          cols[6].rjust(13) + cols[7].rjust(13))
    rule(103)
    # The catalog's titles are the standard's English headings; Swedish ones are in TEXT.
    titles = t["chapters"] or {c: assessment.catalog[str(c)].title for c in range(4, 11)}

    def line(label, tally):
        counts = "".join(str(tally.counts[st]).rjust(w)
                         for st, w in zip(STATUSES, widths))
        compliance = percent(tally.compliance, lang) if tally.assessed else "\u2013"
        coverage = percent(tally.coverage, lang) if tally.applicable else "\u2013"
        print(label.ljust(40) + counts + compliance.rjust(13) + coverage.rjust(13))

    for chapter in range(4, 11):
        line("%2d %s" % (chapter, titles[chapter]), s.by_chapter[chapter])
    rule(103)
    line(t["total"], s)
    if s.unknown:
        print(t["unknown"].format(n=s.unknown))
    print(t["formula"])
    return s


def print_moved(converted, lang, t):
    """Requirements whose number changed in the conversion (10.1 <-> 10.2, 9.2 -> 9.2.1)."""
    print(t["moved"])
    for e in converted:
        source = e.origin.split(": ", 1)[-1]
        if e.origin and source != e.ref:
            print("  %-8s\u2190 %-12s %s" % (e.ref, e.origin, e.status.label(lang)))


def print_comparison(path, before, after, deltas, lang, t):
    print(t["compared"].format(path=path, edition=before.edition.value, year=before.year))
    print(t["compliance"].format(before=percent(before.summary().compliance, lang),
                                 after=percent(after.summary().compliance, lang)))
    counts = {c: 0 for c in CHANGES}
    for d in deltas:
        counts[d.change] += 1
    for change in CHANGES:
        print("  %-14s%4d" % (change.label(lang), counts[change]))
    print()
    cols = t["delta_cols"]
    print(cols[0].ljust(8) + cols[1].ljust(16) + cols[2].ljust(16) + cols[3])
    rule(56)
    for d in deltas:
        if d.change == isms.Change.UNCHANGED:
            continue
        mark = {isms.Change.IMPROVED: "\u25b2 ", isms.Change.REGRESSED: "\u25bc "}.get(
            d.change, "  ")
        print(d.ref.ljust(8) + d.before.label(lang).ljust(16) + d.after.label(lang).ljust(16) +
              mark + d.change.label(lang))


def load(path, year, t):
    notes = []
    try:
        a = isms.Assessment.from_csv(path, year=year, lang=t["lang"], notes=notes)
    except isms.Error as err:
        print(t["error"].format(path=path, error=err), file=sys.stderr)
        return None, None
    return a, notes


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv", nargs="?", default=None,
                        help="this year's gap table as CSV (default: the 2024 sample)")
    parser.add_argument("--previous", default=None,
                        help="last year's table (default: the 2023 sample, when CSV is not "
                             "given)")
    parser.add_argument("--year", type=int, default=2024, help="the year assessed (2024)")
    parser.add_argument("--lang", default="sv", choices=("sv", "en"),
                        help="language of the output (default: sv)")
    args = parser.parse_args(argv)
    t = TEXT[args.lang]
    lang = args.lang
    path = args.csv or str(DEFAULT_CSV)
    previous = args.previous or (None if args.csv else str(DEFAULT_PREVIOUS))

    a, notes = load(path, args.year, t)
    if a is None:
        return 1
    print(t["title"].format(path=path))
    print(t["rows"].format(n=len(a), year=a.year, date=a.date.isoformat()))
    print(t["edition"].format(edition=a.edition.value))
    # EditionBasis has machine names only; the words are the demo's own.
    print(t["basis"].format(basis=t["basis_text"][a.edition_basis.value]))
    print()
    if notes:
        print(t["notes"] + ":")
        print_findings(notes, lang)
        print()

    print_entries(a, lang, t)
    print()
    print(t["summary"].format(edition=a.edition.value))
    print_summary(a, lang, t)
    print()

    findings = a.findings(lang=lang)
    if findings:
        print(t["findings"].format(n=len(findings), date=a.date.isoformat()))
        print_findings(findings, lang)
    else:
        print(t["no_findings"])
    print()

    report = []
    converted = a.convert("2022", report=report, lang=lang)
    print(t["converted"].format(edition=converted.edition.value))
    print_findings(report, lang)
    print()
    print_moved(converted, lang, t)
    print()
    print(t["summary"].format(edition=converted.edition.value))
    print_summary(converted, lang, t)

    if previous:
        before, _ = load(previous, args.year - 1, t)
        if before is None:
            return 1
        print()
        deltas = a.compare(before)
        print_comparison(previous, before, a, deltas, lang, t)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # output piped into head(1) and the like
        sys.stderr.close()
        sys.exit(0)
