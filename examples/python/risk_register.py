#!/usr/bin/env python3
"""Import a risk register from a spreadsheet export, score it, print it sorted, lint it.

    risk_register.py [CSV] [--lang sv|en] [--matrix 4x4|5x5|3x3]

Without CSV it reads the fictitious sample register examples/data/riskregister.csv (a
Swedish Excel export: semicolons, BOM, CRLF). Output is in Swedish unless --lang en.

Run it in the build tree with the binding on the path:

    PYTHONPATH=<builddir>/bindings/python python3 examples/python/risk_register.py
"""

import argparse
import pathlib
import sys

try:
    import isms
except ImportError as err:  # pragma: no cover - a hint for people running it by hand
    sys.exit("cannot import isms (%s): build libisms and set "
             "PYTHONPATH=<builddir>/bindings/python" % err)

DEFAULT_CSV = pathlib.Path(__file__).resolve().parent.parent / "data" / "riskregister.csv"

TEXT = {
    "sv": {
        "title": "Riskregister: {path} ({n} risker, matris {matrix})",
        "columns": ("ID", "S/K", "Värde", "Angivet", "Nivå", "Restrisk", "Risk"),
        "per_band": "Risker per nivå",
        "heatmap": "Värmekarta (sannolikhet nedåt, konsekvens åt höger)",
        "findings": "Anmärkningar ({n})",
        "no_findings": "Inga anmärkningar.",
        "notes": "Om importen",
        "error": "Kunde inte läsa {path}: {error}",
    },
    "en": {
        "title": "Risk register: {path} ({n} risks, matrix {matrix})",
        "columns": ("ID", "L/C", "Value", "Stated", "Level", "Residual", "Risk"),
        "per_band": "Risks per level",
        "heatmap": "Heat map (likelihood down, consequence across)",
        "findings": "Findings ({n})",
        "no_findings": "No findings.",
        "notes": "About the import",
        "error": "Could not read {path}: {error}",
    },
}


def shorten(text, width):
    """Cuts text to `width` characters with an ellipsis; line breaks become spaces."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width - 1] + "\u2026"


def show(value, missing="\u2013"):
    return missing if value is None else str(value)


def print_table(reg, lang, t):
    widths = (5, 5, 6, 8, 11, 9)
    header = t["columns"]
    print("".join(h.ljust(w) for h, w in zip(header, widths)) + header[-1])
    print("\u2500" * 100)
    for risk in reg.sorted():
        levels = "%s/%s" % (show(risk.likelihood, "?"), show(risk.impact, "?"))
        stated = show(risk.stated_value)
        if risk.stated_value is not None and risk.value is not None \
                and risk.stated_value != risk.value:
            stated += " !"
        band = risk.band.label(lang) if risk.band else "\u2013"
        cells = (risk.id, levels, show(risk.value), stated, band, show(risk.residual_value))
        print("".join(c.ljust(w) for c, w in zip(cells, widths)) + shorten(risk.title, 60))


def print_heatmap(reg, lang, t):
    m = reg.matrix
    print(t["heatmap"] + ":")
    rows = reg.heatmap()
    label_width = max(len(lv.label(lang)) for lv in m.likelihood_levels) + 2
    print(" " * label_width + "".join(str(cv.value).rjust(4) for cv in m.consequence_levels))
    # highest likelihood on top, as the matrix is usually drawn
    for level, row in reversed(list(zip(m.likelihood_levels, rows))):
        cells = "".join((str(n) if n else ".").rjust(4) for n in row)
        print(level.label(lang).ljust(label_width) + cells)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv", nargs="?", default=str(DEFAULT_CSV),
                        help="the register as CSV (default: the sample register)")
    parser.add_argument("--lang", default="sv", choices=("sv", "en"),
                        help="language of the output (default: sv)")
    parser.add_argument("--matrix", default="4x4", help="matrix preset (default: 4x4)")
    args = parser.parse_args(argv)
    t = TEXT[args.lang]

    try:
        reg = isms.RiskRegister.from_csv(args.csv, matrix=args.matrix, lang=args.lang)
    except isms.Error as err:
        print(t["error"].format(path=args.csv, error=err), file=sys.stderr)
        return 1

    print(t["title"].format(path=args.csv, n=len(reg), matrix=reg.matrix.name))
    print()
    print_table(reg, args.lang, t)
    print()
    counts = reg.band_counts()
    print("%s: %s" % (t["per_band"], ", ".join(
        "%s %d" % (band.label(args.lang), counts[band.name]) for band in reg.matrix.bands)))
    print()
    print_heatmap(reg, args.lang, t)
    print()

    findings = reg.findings(lang=args.lang)
    if findings:
        print(t["findings"].format(n=len(findings)) + ":")
        for f in findings:
            print("  %-9s %-5s %s  [%s]" % (f.severity.label(args.lang), f.ref or "",
                                            f.message, f.code))
    else:
        print(t["no_findings"])
    if reg.import_notes:
        print()
        print(t["notes"] + ":")
        for note in reg.import_notes:
            print("  %-9s %s  [%s]" % (note.severity.label(args.lang), note.message, note.code))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # output piped into head(1) and the like
        sys.stderr.close()
        sys.exit(0)
