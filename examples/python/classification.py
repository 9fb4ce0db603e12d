#!/usr/bin/env python3
"""Classify an inventory of information assets: levels, inheritance, lint, counts, due dates.

    classification.py [--lang sv|en] [--date YYYY-MM-DD] [INVENTORY.csv RELATIONS.csv]

Imports an inventory of information assets and the relations between them from spreadsheet
exports, classifies it (KLASSA levels 0-4 per aspect, personal data raising the floor,
systems inheriting the highest level of the information they process) and shows where every
inherited level comes from, the register of processing (GDPR art. 30) in short, what lint
finds, the counts per level, the assets due for reclassification and which assets a change
to one information set would affect. It prints the same as examples/classification.c.

Without files it reads the fictitious sample of the social-services administration of
Exempelby kommun, inventory.csv and relations.csv (a Swedish Excel export: UTF-8 with BOM,
semicolons, CRLF), looked up in the directory named by the environment variable
ISMS_EXAMPLES_DATA, else in examples/data/ next to this script. The reference date is
2025-01-15 unless --date says otherwise, so the output does not depend on the day it is run.
Output is in Swedish unless --lang en.

Run it in the build tree with the binding on the path:

    PYTHONPATH=<builddir>/bindings/python python3 examples/python/classification.py
"""

import argparse
import datetime
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
DEFAULT_INVENTORY = DATA_DIR / "inventory.csv"
DEFAULT_RELATIONS = DATA_DIR / "relations.csv"
DEFAULT_DATE = "2025-01-15"
IMPACT_ID = "INF1"  # the information set whose impact set is shown

# Column letters per aspect. The binding's keys are C, I, A, T (T is traceability); Swedish
# tables write K, R, T, S.
LETTERS = {
    "sv": {"C": "K", "I": "R", "A": "T", "T": "S"},
    "en": {"C": "C", "I": "I", "A": "A", "T": "T"},
}

TEXT = {
    "sv": {
        "assets": "Tillgångar: {path}",
        "relations": "Relationer: {path}",
        "counts": "Tillgångar: {n}, relationer {r}, schema {scheme}, referensdatum {date}",
        "scale": "Skala:",
        "notes": "Om importen",
        "table": ("ID", "Namn", "Typ", "Klass"),
        "legend": "Cellerna visar bedömd→effektiv nivå där de skiljer sig; – är inte "
                  "klassad. Klass är den högsta effektiva nivån.",
        "provenance": "Nivåer som inte är tillgångens egen bedömning:",
        "origin": {"unclassified": "ej klassad", "assessed": "bedömd", "floor": "golv för",
                   "inherited": "ärvd från", "overridden": "manuellt satt"},
        "cycle": "cykel",
        "register": "Registerförteckning (art. 30), i korthet:",
        "legal_basis": "Rättslig grund",
        "third_country": "Tredje land",
        "safeguards": "skyddsåtgärder",
        "retention": "Gallring",
        "findings": "Anmärkningar ({n}, per {date}):",
        "per_level": "Antal tillgångar per effektiv nivå:",
        "unclassified": "Ej klassad",
        "overall": "Klass (högsta)",
        "per_type": "Tillgångar per typ",
        "with_pdata": "med personuppgifter {n} av {total}",
        "due": "Ska klassas om under {year} ({n}):",
        "due_cols": ("ID", "Namn", "Senast klassad", "Intervall", "Nästa"),
        "months": "mån",
        "overdue": "försenad",
        "impact": "Påverkas om klassningen av {id} ändras ({n}):",
        "error": "{path}: {error}",
    },
    "en": {
        "assets": "Assets: {path}",
        "relations": "Relations: {path}",
        "counts": "Assets: {n}, relations {r}, scheme {scheme}, reference date {date}",
        "scale": "Scale:",
        "notes": "About the import",
        "table": ("ID", "Name", "Type", "Class"),
        "legend": "Cells show assessed→effective level where they differ; – is not "
                  "classified. Class is the highest effective level.",
        "provenance": "Levels that are not the asset's own assessment:",
        "origin": {"unclassified": "unclassified", "assessed": "assessed",
                   "floor": "floor for", "inherited": "inherited from",
                   "overridden": "overridden"},
        "cycle": "cycle",
        "register": "Record of processing (art. 30), in short:",
        "legal_basis": "Legal basis",
        "third_country": "Third country",
        "safeguards": "safeguards",
        "retention": "Retention",
        "findings": "Findings ({n}, as of {date}):",
        "per_level": "Assets per effective level:",
        "unclassified": "Unclassified",
        "overall": "Class (highest)",
        "per_type": "Assets per type",
        "with_pdata": "with personal data {n} of {total}",
        "due": "Due for reclassification in {year} ({n}):",
        "due_cols": ("ID", "Name", "Last classified", "Interval", "Next"),
        "months": "mo",
        "overdue": "overdue",
        "impact": "Affected if the classification of {id} changes ({n}):",
        "error": "{path}: {error}",
    },
}

DASH = "\u2013"
W_ID, W_NAME, W_TYPE, W_ASPECT = 7, 42, 13, 7
NO_TRANSFER = {"", "-", DASH, "nej", "no", "ingen", "inga", "none"}
# The order in which personal data is named (that of the C flags).
PDATA_ORDER = (isms.PersonalData.ORDINARY, isms.PersonalData.SPECIAL,
               isms.PersonalData.CRIMINAL, isms.PersonalData.PIN)


def cell(text, width):
    """`text` padded to `width` characters with at least one space after it; longer text is
    cut and ends in an ellipsis. Line breaks become spaces."""
    text = (text or "").replace("\r", " ").replace("\n", " ")
    if len(text) > width - 1:
        text = text[:width - 2] + "\u2026"
    return text.ljust(width)


def rule(width):
    print("\u2500" * width)


def level_text(level):
    return DASH if level is None else str(level)


def level_label(scheme, aspect, value, lang):
    for level in scheme.levels(aspect):
        if level.value == value:
            return level.label(lang)
    return ""


def print_findings(findings, lang):
    for f in findings:
        print("  " + cell(f.severity.label(lang), 12) + cell(f.ref or DASH, 7) +
              "%s  [%s]" % (f.message, f.code))


def print_assets(inv, lang, t):
    scheme = inv.scheme
    aspects = scheme.aspects
    letters = LETTERS[lang]
    cols = t["table"]
    print(cell(cols[0], W_ID) + cell(cols[1], W_NAME) + cell(cols[2], W_TYPE) +
          "".join(cell(letters[a.value], W_ASPECT) for a in aspects) + cols[3])
    rule(W_ID + W_NAME + W_TYPE + len(aspects) * W_ASPECT + 26)
    for asset in inv:
        assessed, effective = asset.levels, asset.effective
        cells = []
        for a in aspects:
            if assessed[a] == effective[a]:
                cells.append(level_text(effective[a]))
            else:
                cells.append("%s→%s" % (level_text(assessed[a]), level_text(effective[a])))
        overall = asset.overall
        overall = DASH if overall is None else "%d %s" % (
            overall, level_label(scheme, isms.Aspect.CONFIDENTIALITY, overall, lang))
        print(cell(asset.id, W_ID) + cell(asset.name, W_NAME) +
              cell(asset.type.label(lang), W_TYPE) +
              "".join(cell(c, W_ASPECT) for c in cells) + overall)
    print(t["legend"])


def origin_text(p, lang, t):
    words = t["origin"][p.origin.value]
    if p.origin == isms.Origin.FLOOR:
        words += " " + p.floor.label(lang)
    elif p.origin == isms.Origin.INHERITED:
        words += " " + (p.source or "?")
    if p.cycle:
        words += " (%s)" % t["cycle"]
    return words


def print_provenance(inv, lang, t):
    letters = LETTERS[lang]
    aspects = inv.scheme.aspects
    for asset in inv:
        first = True
        provenance = asset.provenance  # keyed by aspect letter ("C", "I", "A", "T")
        for aspect in aspects:
            p = provenance[aspect]
            if p.origin in (isms.Origin.ASSESSED, isms.Origin.UNCLASSIFIED):
                continue
            if first:
                lead = "  " + cell(asset.id, W_ID) + cell(asset.name, W_NAME)
            else:
                lead = "  " + " " * (W_ID + W_NAME)
            first = False
            line = lead + "%s %d  %s" % (letters[aspect.value], p.level,
                                         origin_text(p, lang, t))
            if p.origin == isms.Origin.INHERITED and p.source:
                line += " (%s)" % inv[p.source].name
            print(line)


def says_none(text):
    """True when a transfer cell says there is none ("Nej", "Ingen", "-"), as lint reads it
    (a subset of the words it accepts; the binding has no function that tells)."""
    return " ".join(text.split()).casefold() in NO_TRANSFER


def pdata_text(asset, lang):
    """The personal data in words, separated by semicolons, the special categories after
    theirs: "Personuppgifter; Känsliga personuppgifter (art. 9): Hälsa; Personnummer"."""
    special = ", ".join(c.label(lang) for c in isms.SpecialCategory if c in asset.special)
    words = []
    for kind in PDATA_ORDER:
        if kind in asset.personal_data:
            label = kind.label(lang)
            if kind == isms.PersonalData.SPECIAL and special:
                label += ": " + special
            words.append(label)
    return "; ".join(words)


def print_register(inv, lang, t):
    indent = "  " + " " * W_ID
    for asset in inv:
        if not asset.personal_data:
            continue
        print("  " + cell(asset.id, W_ID) + asset.name)
        print(indent + pdata_text(asset, lang))
        print(indent + "%s: %s" % (t["legal_basis"], asset.legal_basis or DASH))
        if not says_none(asset.transfers):
            print(indent + "%s: %s; %s: %s" % (t["third_country"], asset.transfers,
                                               t["safeguards"], asset.safeguards or DASH))
        print(indent + "%s: %s" % (t["retention"], asset.retention or DASH))


def print_counts(inv, lang, t):
    scheme = inv.scheme
    s = inv.summary()
    values = sorted({level.value for a in scheme.aspects for level in scheme.levels(a)})
    print(cell("", 20) + t["unclassified"].rjust(13) + "".join(str(v).rjust(5)
                                                               for v in values))
    width = 20 + 13 + 5 * len(values)
    rule(width)

    def line(label, counts):
        print(cell(label, 20) + str(counts.get(None, 0)).rjust(13) +
              "".join(str(counts.get(v, 0)).rjust(5) for v in values))

    for aspect in scheme.aspects:
        line(aspect.label(lang), s.per_level[aspect])
    rule(width)
    line(t["overall"], s.per_overall)
    types = ", ".join("%s %d" % (typ.label(lang), s.per_type[typ]) for typ in isms.AssetType
                      if s.per_type.get(typ))
    print("%s: %s; %s" % (t["per_type"], types,
                          t["with_pdata"].format(n=s.with_personal_data, total=s.total)))


def print_due(inv, year, today, lang, t):
    due = inv.due(year)
    print(t["due"].format(year=year, n=len(due)))
    if due:
        cols = t["due_cols"]
        print("  " + cell(cols[0], W_ID) + cell(cols[1], W_NAME) + cell(cols[2], 17) +
              cell(cols[3], 11) + cols[4])
    for asset in due:
        last, nxt = asset.classified, asset.next_review
        late = "  " + t["overdue"] if nxt is not None and nxt < today else ""
        print("  " + cell(asset.id, W_ID) + cell(asset.name, W_NAME) +
              cell(last.isoformat() if last else DASH, 17) +
              cell("%d %s" % (asset.interval, t["months"]), 11) +
              (nxt.isoformat() if nxt else DASH) + late)


def print_impact(inv, asset_id, lang, t):
    if asset_id not in inv:
        return
    impact = inv.impact_of(asset_id)
    print(t["impact"].format(id=asset_id, n=len(impact)))
    print("  " + inv[asset_id].name)
    for asset in impact:
        print("  " + cell(asset.id, W_ID) + cell(asset.name, W_NAME) + asset.type.label(lang))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", metavar="CSV",
                        help="the inventory and the relations (default: the samples)")
    parser.add_argument("--lang", default="sv", choices=("sv", "en"),
                        help="language of the output (default: sv)")
    parser.add_argument("--date", default=DEFAULT_DATE,
                        help="reference date for lint and reclassification (default: %s)"
                        % DEFAULT_DATE)
    args = parser.parse_args(argv)
    if len(args.files) not in (0, 2):
        parser.error("give both the inventory and the relations, or neither")
    try:
        today = datetime.date.fromisoformat(args.date)
    except ValueError as err:
        parser.error("--date: %s" % err)
    lang = args.lang
    t = TEXT[lang]
    inventory, relations = args.files or (str(DEFAULT_INVENTORY), str(DEFAULT_RELATIONS))

    # 1. Import the assets, then the relations between them.
    try:
        inv = isms.Inventory.from_csv(inventory, relations=relations, lang=lang)
    except (isms.Error, OSError) as err:
        print(t["error"].format(path=inventory, error=err), file=sys.stderr)
        return 1
    scheme = inv.scheme
    print(t["assets"].format(path=inventory))
    print(t["relations"].format(path=relations))
    print(t["counts"].format(n=len(inv), r=len(inv.relations), scheme=scheme.name,
                             date=today.isoformat()))
    print(t["scale"], ", ".join("%d %s" % (level.value, level.label(lang))
                                for level in scheme.levels(isms.Aspect.CONFIDENTIALITY)))
    print()
    if inv.import_notes:
        print(t["notes"] + ":")
        print_findings(inv.import_notes, lang)
        print()

    # 2. Classify: floors for personal data, then the high-water mark over the relations.
    inv.classify()
    print_assets(inv, lang, t)
    print()
    print(t["provenance"])
    print_provenance(inv, lang, t)
    print()

    # 3. The register of processing, in short.
    print(t["register"])
    print_register(inv, lang, t)
    print()

    # 4. Lint on the reference date.
    findings = inv.findings(on=today, lang=lang)
    print(t["findings"].format(n=len(findings), date=today.isoformat()))
    print_findings(findings, lang)
    print()

    # 5. Counts per level.
    print(t["per_level"])
    print_counts(inv, lang, t)
    print()

    # 6. Reclassification this year.
    print_due(inv, today.year, today, lang, t)
    print()

    # 7. Impact of a change to one information set.
    print_impact(inv, IMPACT_ID, lang, t)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # output piped into head(1) and the like
        sys.stderr.close()
        sys.exit(0)
