#!/usr/bin/env python3
"""Turn a gap analysis and a risk register into a three-year improvement plan.

    planning.py [--lang sv|en] [GAP.csv [RISKS.csv]]

Drafts one action for every risk above the acceptance threshold and every requirement with an
action plan (Plan.draft), adds the items that come back (update the local information
security instruction and reclassify information every year, the tertial report every
tertial; two of them take over drafted actions), gives the drafted actions the security
coordinator's estimates of effort and due dates and two prerequisites, and schedules the plan
into 2025, 2026 and 2027 under a capacity per year and a capacity of its own for the security
coordinator. It prints the plan year by year in priority order, why the two first actions
come first (the terms of their scores) and what the plan's lint and the schedule found: the
same as examples/planning.c.

Without files it reads the fictitious samples of Exempelby kommun, gap-analysis-2024.csv and
riskregister.csv, looked up in the directory named by the environment variable
ISMS_EXAMPLES_DATA, else in examples/data/ next to this script. The reference date is
2025-01-15, so the output does not depend on the day it is run. Output is in Swedish unless
--lang en.

Run it in the build tree with the binding on the path:

    PYTHONPATH=<builddir>/bindings/python python3 examples/python/planning.py
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
DEFAULT_GAP = DATA_DIR / "gap-analysis-2024.csv"
DEFAULT_RISKS = DATA_DIR / "riskregister.csv"

ASSESSED = 2024
FIRST_YEAR = 2025
YEARS = 3
TODAY = "2025-01-15"

# Person-days per year for all owners together, and for the security coordinator.
CAPACITY = [200, 180, 180]
COORDINATOR = "Säkerhetssamordnare"
COORDINATOR_CAPACITY = 80

# Items that come back, added after the draft; each takes over the drafted action for what it
# addresses (the draft makes one-off actions only):
# id, Swedish and English title, owner, effort as written, recurrence, target, replaces.
RECURRING = [
    ("instruktion", "Uppdatera den lokala informationssäkerhetsinstruktionen",
     "Update the local information security instruction", "Säkerhetssamordnare", "5 dagar",
     "årligen", "krav:6.1.1", None),
    ("omklassning", "Omklassning av information", "Reclassification of information",
     "Informationsägare", "2 veckor", "årligen", "risk:R12", "risk-R12"),
    ("tertialrapport", "Tertialrapport om informationssäkerhet",
     "Tertial report on information security", "Säkerhetssamordnare", "2 dagar",
     "varje tertial", "krav:8.3", "req-8.3"),
]

# The coordinator's estimates for the drafted actions: effort as written, and a due date where
# the source gave none (None: keep the one drafted).
ESTIMATES = [
    ("risk-R1", "2 månader", "Q2 2025"), ("risk-R2", "10 dagar", "T1 2025"),
    ("risk-R3", "2 veckor", "hösten 2025"), ("risk-R4", "S", "2026"),
    ("risk-R5", "M", "Q4 2025"), ("risk-R7", "15 dagar", None),
    ("risk-R8", "L", "2026"), ("risk-R10", "XL", "2026-06-30"),
    ("risk-R11", "L", "2025"), ("req-4.4", "1 månad", None),
    ("req-5.3", "2 veckor", None), ("req-6.1.2", "L", None),
    ("req-6.1.3", "M", None), ("req-6.2", "10 dagar", None),
    ("req-7.2", "3 veckor", None), ("req-7.3", "M", None),
    ("req-7.4", "5 dagar", None), ("req-7.5.3", "L", None),
    ("req-8.2", "3 dagar", None), ("req-9.1", "M", None),
    ("req-10.1", "M", None), ("req-10.2", "S", None),
]

# Prerequisites: action, the action that must come first.
PREREQUISITES = [
    ("req-6.1.3", "req-6.1.2"),     # a treatment plan needs the risk analyses
    ("tertialrapport", "req-9.1"),  # the report needs the measures
]

TEXT = {
    "sv": {
        "title": "Handlingsplan för informationssäkerhet {first}–{last}",
        "sources": "Underlag: {gap} ({rows} rader), {risks} ({n} risker)",
        "actions": "Åtgärder: {n} i allt: {drafted} utkast ur riskregistret och gapanalysen, "
                   "{recurring} återkommande (som ersätter {replaced})",
        "capacity": "Kapacitet: {caps} persondagar per år; {owner} {owncap} per år",
        "today": "Referensdatum: {date}",
        "year": "{label}: {n} åtgärder, {load} av {cap} persondagar planerade; "
                "{owner} {own} av {owncap}",
        "cols": ("#", "ID", "Åtgärd", "Ansvarig", "Insats", "Poäng", "Anm."),
        "late": "⚠ sen, klart senast",
        "unscheduled": "Ryms inte i planen ({n}):",
        "why": "Varför de två första åtgärderna kommer först:",
        "score": "poäng",
        "findings": "Anmärkningar ({n}):",
        "notes": "Om importen:",
        "error": "{path}: {error}",
    },
    "en": {
        "title": "Information security action plan {first}–{last}",
        "sources": "Sources: {gap} ({rows} rows), {risks} ({n} risks)",
        "actions": "Actions: {n} in all: {drafted} drafted from the register and the gap "
                   "analysis, {recurring} recurring (taking over {replaced})",
        "capacity": "Capacity: {caps} person-days per year; {owner} {owncap} per year",
        "today": "Reference date: {date}",
        "year": "{label}: {n} actions, {load} of {cap} person-days planned; "
                "{owner} {own} of {owncap}",
        "cols": ("#", "ID", "Action", "Owner", "Effort", "Score", "Notes"),
        "late": "⚠ late, due",
        "unscheduled": "Does not fit in the plan ({n}):",
        "why": "Why the first two actions come first:",
        "score": "score",
        "findings": "Findings ({n}):",
        "notes": "About the import:",
        "error": "{path}: {error}",
    },
}

DASH = "\u2013"
W_NO, W_ID, W_TITLE, W_OWNER, W_EFFORT, W_SCORE = 4, 16, 48, 22, 9, 7


def cell(text, width):
    """`text` padded to `width` characters with at least one space after it; longer text is
    cut and ends in an ellipsis. Line breaks become spaces."""
    text = (text or "").replace("\r", " ").replace("\n", " ")
    if len(text) > width - 1:
        text = text[:width - 2] + "\u2026"
    return text.ljust(width)


def rule(width):
    print("\u2500" * width)


def number(value, decimals, lang):
    """A number with `decimals` decimals, with a decimal comma in Swedish."""
    text = "%.*f" % (decimals, value)
    return text.replace(".", ",") if lang == "sv" else text


def days_text(days, lang):
    return number(days, 0 if days == int(days) else 1, lang) + " d"


def effort_text(action, lang):
    """Person-days: "20 d", or "M 20 d" when given as a size, "–" when not known."""
    if action.effort is None:
        return DASH
    size = action.effort_size
    text = days_text(action.effort, lang)
    return "%s %s" % (size.value, text) if size else text


def print_findings(findings, lang):
    for f in findings:
        print("  " + cell(f.severity.label(lang), 12) + cell(f.ref or DASH, 15) +
              "%s  [%s]" % (f.message, f.code))


def table_header(t):
    cols = t["cols"]
    print(cell(cols[0], W_NO) + cell(cols[1], W_ID) + cell(cols[2], W_TITLE) +
          cell(cols[3], W_OWNER) + cols[4].rjust(W_EFFORT) + cols[5].rjust(W_SCORE) +
          "  " + cols[6])
    rule(W_NO + W_ID + W_TITLE + W_OWNER + W_EFFORT + W_SCORE + 12)


def action_row(no, action, slot, lang, t):
    if slot is not None and slot.recurring:
        effort = days_text(slot.effort, lang)
    else:
        effort = effort_text(action, lang)
    notes = ""
    if slot is not None and slot.recurring:
        notes += "↻ " + action.recurrence.label(lang)
        if slot.occurrences > 1:
            notes += " ×%d" % slot.occurrences
        notes += " "
    if action.status is isms.ActionStatus.IN_PROGRESS:
        notes += action.status.label(lang) + " "
    if slot is not None and slot.late:
        notes += "%s %s" % (t["late"], str(action.due_period))
    print(cell(str(no), W_NO) + cell(action.id, W_ID) + cell(action.title, W_TITLE) +
          cell(action.owner or DASH, W_OWNER) + effort.rjust(W_EFFORT) +
          number(action.score, 2, lang).rjust(W_SCORE) + "  " + notes)


def build_plan(gap, register, lang):
    """The draft, the recurring items that take over two drafted actions, the estimates and
    the prerequisites. Returns (plan, drafted, replaced)."""
    plan = isms.Plan.draft(assessment=gap, register=register, year=FIRST_YEAR, lang=lang)
    drafted = len(plan)
    replaced = 0
    for (action_id, title_sv, title_en, owner, effort, recurrence, target,
         replaces) in RECURRING:
        if replaces is not None and replaces in plan:
            del plan[replaces]
            replaced += 1
        plan.add(action_id, title_sv if lang == "sv" else title_en, addresses=[target],
                 owner=owner, effort=effort, status="planned", recurrence=recurrence)
    for action_id, effort, due in ESTIMATES:
        action = plan.get(action_id)
        if action is None:
            continue  # another table: not drafted
        action.effort = effort
        if due is not None:
            action.due = due
    for action_id, first in PREREQUISITES:
        if action_id in plan and first in plan:
            plan[action_id].add_prerequisite(first)
    return plan, drafted, replaced


def print_schedule(schedule, lang, t):
    no = 0
    for period in schedule:
        own = sum(s.effort for s in period.slots if s.action.owner == COORDINATOR)
        print()
        print(t["year"].format(label=period.label, n=len(period),
                               load=number(period.load, 0, lang),
                               cap=number(period.capacity or 0, 0, lang), owner=COORDINATOR,
                               own=number(own, 0, lang),
                               owncap=number(COORDINATOR_CAPACITY, 0, lang)))
        table_header(t)
        for slot in period.slots:
            no += 1
            action_row(no, slot.action, slot, lang, t)
    if schedule.unscheduled:
        print()
        print(t["unscheduled"].format(n=len(schedule.unscheduled)))
        table_header(t)
        for action in schedule.unscheduled:
            no += 1
            action_row(no, action, None, lang, t)


def explain_top(order, lang, t):
    print()
    print(t["why"])
    for i, action in enumerate(order[:2], 1):
        print()
        print("%d. %s  %s (%s %s)" % (i, action.id, action.title, t["score"],
                                      number(action.score, 2, lang)))
        for line in action.explain(lang).splitlines():
            print("   " + line)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gap", nargs="?", default=None,
                        help="the gap analysis as CSV (default: the 2024 sample)")
    parser.add_argument("risks", nargs="?", default=None,
                        help="the risk register as CSV (default: the sample)")
    parser.add_argument("--lang", default="sv", choices=("sv", "en"),
                        help="language of the output (default: sv)")
    args = parser.parse_args(argv)
    lang = args.lang
    t = TEXT[lang]
    gap_path = args.gap or str(DEFAULT_GAP)
    risk_path = args.risks or str(DEFAULT_RISKS)

    notes = []
    try:
        gap = isms.Assessment.from_csv(gap_path, year=ASSESSED, notes=notes, lang=lang)
    except isms.Error as err:
        print(t["error"].format(path=gap_path, error=err), file=sys.stderr)
        return 1
    try:
        register = isms.RiskRegister.from_csv(risk_path, lang=lang)
    except isms.Error as err:
        print(t["error"].format(path=risk_path, error=err), file=sys.stderr)
        return 1
    notes += register.import_notes

    plan, drafted, replaced = build_plan(gap, register, lang)

    print(t["title"].format(first=FIRST_YEAR, last=FIRST_YEAR + YEARS - 1))
    print(t["sources"].format(gap=gap_path, rows=len(gap), risks=risk_path, n=len(register)))
    print(t["actions"].format(n=len(plan), drafted=drafted, recurring=len(RECURRING),
                              replaced=replaced))
    print(t["capacity"].format(caps=" / ".join(number(c, 0, lang) for c in CAPACITY),
                               owner=COORDINATOR,
                               owncap=number(COORDINATOR_CAPACITY, 0, lang)))
    print(t["today"].format(date=TODAY))

    order = plan.prioritise(today=TODAY)
    schedule = plan.schedule(start=FIRST_YEAR, periods=YEARS, unit="year", capacity=CAPACITY,
                             owner_capacity={COORDINATOR: COORDINATOR_CAPACITY}, today=TODAY,
                             lang=lang)
    print_schedule(schedule, lang, t)
    explain_top(order, lang, t)

    findings = schedule.findings()
    print()
    print(t["findings"].format(n=len(findings)))
    print_findings(findings, lang)
    if notes:
        print()
        print(t["notes"])
        print_findings(notes, lang)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # output piped into head(1) and the like
        sys.stderr.close()
        sys.exit(0)
