#!/usr/bin/env python3
"""The yearly management review (ledningens genomgång) of an ISMS document.

    review.py [--lang sv|en] [--html FILE] [DOC]

Loads the document (isms.Document.load), says what it holds, prints the key figures (risks
per band, compliance this year and last year, overdue items, findings per severity) and
writes the whole review as one self-contained HTML file (Document.report), by default
ledningens-genomgang.html in the current directory: the same as examples/review.c.

Without DOC it reads the fictitious Exempelstads kommun, exempelstad.isms.json, looked up in
the directory named by the environment variable ISMS_EXAMPLES_DATA, else in examples/data/
next to this script. Output is in Swedish unless --lang en. Exit status: 0 done; 2 bad
arguments, a document that does not load (file:line:column: message), a file that cannot
be written.

Run it in the build tree with the binding on the path:

    PYTHONPATH=<builddir>/bindings/python python3 examples/python/review.py
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
DEFAULT_DOC = DATA_DIR / "exempelstad.isms.json"

TEXT = {
    "sv": {
        "title": "Ledningens genomgång {year}",
        "contents": "Innehåll: {risks} risker, {n} gapanalyser{years}, {assets} tillgångar, "
                    "{actions} åtgärder, {models} riskmodeller",
        "figures": "Nyckeltal",
        "bands": "Risker per nivå", "residual": "Restrisker per nivå",
        "unscored": "ej bedömda", "compliance": "Efterlevnad",
        "overdue": "Försenade", "findings": "Anmärkningar",
        "no_org": "$.organisation är tom",
        "written": "Ledningens genomgång skriven till",
    },
    "en": {
        "title": "Management review {year}",
        "contents": "Contents: {risks} risks, {n} gap analyses{years}, {assets} assets, "
                    "{actions} actions, {models} risk models",
        "figures": "Key figures",
        "bands": "Risks per level", "residual": "Residual risks per level",
        "unscored": "not assessed", "compliance": "Compliance",
        "overdue": "Overdue", "findings": "Findings",
        "no_org": "$.organisation is empty",
        "written": "Management review written to",
    },
}


def band_line(register, residual, lang, t):
    """"Låg 3, Medel 5, Hög 3, Mycket hög 1" for inherent or residual risk."""
    counts = register.band_counts(residual=residual, include_unscored=True)
    parts = ["%s %d" % (band.label(lang), counts[band.name]) for band in register.matrix.bands]
    if counts[None]:
        parts.append("%s %d" % (t["unscored"], counts[None]))
    return ", ".join(parts)


def percent(share, lang):
    """71,7 % in Swedish, 71.7% in English."""
    tenths = int(1000 * share + 0.5)
    return ("%d,%d %%" if lang == "sv" else "%d.%d%%") % (tenths // 10, tenths % 10)


def compliance_line(doc, lang):
    """"2024: 71,7 % (2023: 57,1 %)": the two latest gap analyses. (The binding does not give
    the document's compliance weights, so this uses the default ones, as the sample does.)"""
    parts = ["%d: %s" % (a.year, percent(a.summary().compliance, lang))
             for a in reversed(doc.assessments[-2:])]
    return parts[0] + "".join(" (%s)" % p for p in parts[1:]) if parts else "\u2013"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("doc", nargs="?", default=str(DEFAULT_DOC),
                        help="the ISMS document (default: the sample)")
    parser.add_argument("--lang", default="sv", choices=("sv", "en"),
                        help="language of the output (default: sv)")
    parser.add_argument("--html", default="ledningens-genomgang.html",
                        help="where to write the review (default: %(default)s)")
    args = parser.parse_args(argv)
    lang, t = args.lang, TEXT[args.lang]

    # 1. Load the document: every error names the file, line, column and JSON path.
    try:
        doc = isms.Document.load(args.doc)
    except isms.Error as err:
        where = args.doc if err.line is None else "%s:%d:%d" % (err.source, err.line, err.column)
        print("%s: %s" % (where, err.message), file=sys.stderr)
        return 2
    if not doc.organisation:  # the review is about one organisation
        print("%s: %s" % (args.doc, t["no_org"]), file=sys.stderr)
        return 2

    # 2. What it holds.
    print("%s%s: %s" % (doc.organisation, ", " + doc.unit if doc.unit else "",
                        doc.title or t["title"].format(year=doc.year)))
    years = [a.year for a in doc.assessments]
    print(t["contents"].format(risks=len(doc.register), n=len(years),
                               years=" (%s)" % ", ".join(map(str, years)) if years else "",
                               assets=len(doc.inventory), actions=len(doc.plan),
                               models=len(doc.models)))

    # 3. The key figures. Overdue requirements, actions and reclassifications are among the
    #    findings of the lints (gap-overdue, plan-overdue, asset-reclassify-overdue).
    findings = doc.findings(lang)
    overdue = sum("-overdue" in f.code for f in findings)
    severities = [isms.Severity.ERROR, isms.Severity.WARNING, isms.Severity.INFO]
    print()
    print(t["figures"])
    print("  %s: %s" % (t["bands"], band_line(doc.register, False, lang, t)))
    print("  %s: %s" % (t["residual"], band_line(doc.register, True, lang, t)))
    print("  %s: %s" % (t["compliance"], compliance_line(doc, lang)))
    print("  %s: %d" % (t["overdue"], overdue))
    print("  %s: %d (%s)" % (t["findings"], len(findings), ", ".join(
        "%s %d" % (s.label(lang), sum(f.severity == s for f in findings)) for s in severities)))

    # 4. The review itself: one HTML file with inline CSS and SVG.
    try:
        report = doc.report(format="html", lang=lang)
        with open(args.html, "w", encoding="utf-8") as f:
            f.write(report)
    except (isms.Error, OSError) as err:
        print("%s: %s" % (args.html, getattr(err, "strerror", None) or err), file=sys.stderr)
        return 2
    print()
    print("%s: %s" % (t["written"], args.html))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # output piped into head(1) and the like
        sys.stderr.close()
        sys.exit(0)
