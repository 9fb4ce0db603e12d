"""Acceptance: the sample gap tables of examples/data load as the organisation wrote them.

The issue's criterion: a real gap table exported from Swedish Excel or Word loads with its
edition detected, every row's status and need read, the right compliance figure and findings
for its inconsistent rows. The sample of Exempelby kommun (fictitious) is such an export:
Windows-1252, semicolons, CRLF, two title rows and a blank row above the header, the header
"Åtgärds-\\nbehov" hyphenated by a line wrap, " Kommentar " with stray spaces, statuses in
mixed case, line breaks inside cells, a heading row (6.1) and a blank row among the data, and
due dates as people write them. Every expectation below was checked by hand against the CSV.
"""

import datetime

import pytest

import isms

# Every entry of gap-analysis-2024.csv in file order: (ref, status, need). Not entries: the
# heading row 6.1 (a clause that only groups 6.1.1-6.1.3, with nothing but its title: import
# skips it) and the blank row after 7.5.3.
EXPECTED_2024 = [
    ("4.1", "yes", "none"),
    ("4.2", "partial", "medium"),
    ("4.3", "yes", None),             # "JA"
    ("4.4", "partial", "low"),        # "delvis"
    ("5.1", "yes", "none"),
    ("5.2", "yes", "high"),           # "JA" with "Hög"
    ("5.3", "partial", "medium"),
    ("6.1.1", "yes", "low"),
    ("6.1.2", "partial", "high"),
    ("6.1.3", "no", "high"),          # "HÖG"
    ("6.2", "partial", "medium"),
    ("7.1", "yes", None),
    ("7.2", "partial", "medium"),     # "delvis", "medel"
    ("7.3", "partial", "medium"),
    ("7.4", "no", "none"),
    ("7.5.1", "yes", "none"),
    ("7.5.2", "yes", None),
    ("7.5.3", "partial", "medium"),
    ("8.1", "not_assessed", None),    # "Ej bedömd"
    ("8.2", "partial", "medium"),
    ("8.3", "partial", "high"),
    ("9.1", "no", "high"),
    ("9.2", "not_applicable", None),  # "Ej tillämplig", no comment
    ("9.3", "yes", "low"),
    ("10.1", "partial", "medium"),
    ("10.2", "no", "low"),
]

# Lint on the default reference date, 31 December of the year assessed (2024-12-31): one
# finding for each inconsistent row, none for the 18 clean ones.
EXPECTED_FINDINGS_2024 = {
    ("gap-no-plan", "4.2"),           # Delvis, no action plan
    ("gap-yes-high-need", "5.2"),     # JA with need Hög
    ("gap-overdue", "6.1.2"),         # Delvis, due 2024-06-30, passed on 2024-12-31
    ("gap-due-unparsed", "6.2"),      # "inför nästa verksamhetsplan": tied to an event
    ("gap-need-none", "7.4"),         # Nej with need Ingen
    ("gap-plan-no-owner", "7.5.3"),   # a plan, no Ansvarig
    ("gap-plan-no-due", "8.3"),       # a plan, no Datum
    ("gap-no-justification", "9.2"),  # Ej tillämplig without a comment
}

# Last year's statuses where they differ from this year's (2023 → 2024).
IMPROVED = {"4.1", "4.2", "6.1.1", "6.1.2", "7.3", "7.5.1", "8.3", "9.3"}
REGRESSED = {"6.1.3", "10.1"}   # Delvis → Nej, Ja → Delvis
NEW = {"5.3"}                   # Ej bedömd in 2023, Delvis now
REMOVED = {"8.1"}               # Delvis in 2023, Ej bedömd now


def name(value):
    """Machine name of an enum-like value ("yes", "clause_titles")."""
    return None if value is None else str(getattr(value, "value", value))


@pytest.fixture(scope="module")
def csv_2024(data_dir):
    return data_dir / "gap-analysis-2024.csv"


@pytest.fixture(scope="module")
def csv_2023(data_dir):
    return data_dir / "gap-analysis-2023.csv"


@pytest.fixture(scope="module")
def gap_2024(csv_2024):
    return isms.Assessment.from_csv(str(csv_2024), year=2024)


@pytest.fixture(scope="module")
def gap_2023(csv_2023):
    return isms.Assessment.from_csv(str(csv_2023), year=2023)


# ---- the file is what Excel writes ------------------------------------------------------

def test_sample_is_a_swedish_excel_export(csv_2024, csv_2023):
    raw = csv_2024.read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")               # Windows-1252, not UTF-8
    text = raw.decode("cp1252")
    assert not raw.startswith(b"\xef\xbb\xbf")
    assert text.startswith("Gapanalys ISO/IEC 27001 \u2013 Exempelby kommun;")
    assert "\r\n" in text and '"\u00c5tg\u00e4rds-\nbehov"' in text
    assert text.count("\r\n;;;;;;;\r\n") == 2   # blank rows: above the header, among data
    raw23 = csv_2023.read_bytes()
    assert raw23.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw23
    raw23.decode("utf-8")


# ---- edition, rows, texts ----------------------------------------------------------------

def test_edition_is_inferred_from_the_clause_titles(gap_2024, gap_2023):
    # 10.1 "Avvikelser och korrigerande åtgärder", 10.2 "Ständig förbättring": 2013 numbering
    assert gap_2024.edition == "ISO/IEC 27001:2013"
    assert name(gap_2024.edition_basis) == "clause_titles"
    assert gap_2023.edition == "ISO/IEC 27001:2013"
    assert name(gap_2023.edition_basis) == "clause_titles"


def test_import_notes(csv_2024):
    notes = []
    isms.Assessment.from_csv(str(csv_2024), year=2024, notes=notes)
    codes = {n.code for n in notes}
    assert "csv-encoding" in codes        # Windows-1252 detected
    assert "gap-edition" in codes         # the edition, in words
    assert "csv-extra-column" not in codes and "csv-ignored-column" not in codes  # every header recognised, "Åtgärds- behov" too


def test_every_row_status_and_need(gap_2024):
    got = [(e.ref, name(e.status), name(e.need) or None) for e in gap_2024]
    assert got == EXPECTED_2024
    assert len(gap_2024) == 26
    assert "6.1" not in gap_2024          # the heading row


def test_texts_are_kept_as_written(gap_2024):
    rows = {e.ref: e for e in gap_2024}
    assert rows["4.1"].comment == ("Omvärldsanalys görs årligen i verksamhetsplaneringen.\n"
                                   "NIS2 och cybersäkerhetslagen ingår sedan 2024.")
    assert rows["6.1.3"].plan.count("\n") == 2
    assert rows["7.3"].owner == "Säkerhetssamordnare, HR"
    assert rows["10.1"].owner == "IT-avd"
    assert rows["6.1.3"].due == "under 2025 med uppföljning i tertialrapporterna"
    assert rows["6.2"].due == "inför nästa verksamhetsplan"
    assert rows["8.3"].due == "" and rows["7.5.3"].owner == ""


@pytest.mark.parametrize("ref, kind, end, assumed", [
    ("4.4", "half", datetime.date(2025, 6, 30), False),         # våren 2025
    ("5.3", "quarter", datetime.date(2025, 3, 31), False),      # Q1 2025
    ("6.1.2", "day", datetime.date(2024, 6, 30), False),        # 2024-06-30
    ("6.1.3", "year", datetime.date(2025, 12, 31), False),      # under 2025 med …
    ("7.2", "tertial", datetime.date(2025, 8, 31), False),      # T2 2025
    ("7.3", "half", datetime.date(2025, 12, 31), False),        # hösten 2025
    ("9.1", "month", datetime.date(2025, 3, 31), False),        # mars 2025
    ("9.3", "month", datetime.date(2024, 2, 29), True),         # februari: the year assessed
    ("10.2", "year", datetime.date(2025, 12, 31), False),       # 2025
])
def test_due_dates_as_people_write_them(gap_2024, ref, kind, end, assumed):
    period = {e.ref: e for e in gap_2024}[ref].period
    assert name(period.kind) == kind
    assert period.end == end
    assert period.year_assumed is assumed


@pytest.mark.parametrize("ref, kind", [("6.2", "unparsed"), ("8.3", "none"), ("4.1", "none")])
def test_due_dates_without_a_date(gap_2024, ref, kind):
    period = {e.ref: e for e in gap_2024}[ref].period
    assert name(period.kind) == kind


# ---- compliance ----------------------------------------------------------------------------

def test_compliance_and_coverage(gap_2024):
    # The 26 requirements of the 2013 clauses (the heading 6.1 is not one):
    #   yes 9      4.1 4.3 5.1 5.2 6.1.1 7.1 7.5.1 7.5.2 9.3
    #   partial 11 4.2 4.4 5.3 6.1.2 6.2 7.2 7.3 7.5.3 8.2 8.3 10.1
    #   no 4       6.1.3 7.4 9.1 10.2
    #   n/a 1      9.2;   not assessed 1: 8.1
    # assessed = 9 + 11 + 4 = 24; applicable = 26 - 1 = 25
    # compliance = (1·9 + 0.5·11 + 0·4) / 24 = 14.5 / 24 = 0.6041666…  (60.4 %)
    # coverage   = 24 / 25 = 0.96
    s = gap_2024.summary()
    assert {name(k): v for k, v in s.counts.items()} == {
        "yes": 9, "partial": 11, "no": 4, "not_applicable": 1, "not_assessed": 1}
    assert s.total == 26 and s.applicable == 25 and s.assessed == 24
    assert s.compliance == pytest.approx(14.5 / 24)
    assert s.coverage == pytest.approx(24 / 25)
    assert s.unknown == 0   # every entry is a requirement (the heading 6.1 was skipped)


# Per chapter: (yes, partial, no, n/a, not assessed, compliance, coverage)
PER_CHAPTER = {
    4: (2, 2, 0, 0, 0, 3.0 / 4, 1.0),     # (2 + 1) / 4
    5: (2, 1, 0, 0, 0, 2.5 / 3, 1.0),     # (2 + 0.5) / 3
    6: (1, 2, 1, 0, 0, 2.0 / 4, 1.0),     # (1 + 1) / 4
    7: (3, 3, 1, 0, 0, 4.5 / 7, 1.0),     # (3 + 1.5) / 7
    8: (0, 2, 0, 0, 1, 1.0 / 2, 2.0 / 3),  # 8.1 not assessed: 2 of 3 applicable assessed
    9: (1, 0, 1, 1, 0, 1.0 / 2, 1.0),     # 9.2 not applicable
    10: (0, 1, 1, 0, 0, 0.5 / 2, 1.0),
}


@pytest.mark.parametrize("chapter", sorted(PER_CHAPTER))
def test_compliance_per_chapter(gap_2024, chapter):
    t = gap_2024.summary().by_chapter[chapter]
    yes, partial, no, na, nass, compliance, coverage = PER_CHAPTER[chapter]
    counts = {name(k): v for k, v in t.counts.items()}
    assert (counts["yes"], counts["partial"], counts["no"], counts["not_applicable"],
            counts["not_assessed"]) == (yes, partial, no, na, nass)
    assert t.compliance == pytest.approx(compliance)
    assert t.coverage == pytest.approx(coverage)


# ---- findings ------------------------------------------------------------------------------

def test_findings_for_the_inconsistent_rows(gap_2024):
    findings = gap_2024.findings()
    assert {(f.code, f.ref) for f in findings} == EXPECTED_FINDINGS_2024
    assert len(findings) == len(EXPECTED_FINDINGS_2024)
    by_code = {f.code: f for f in findings}
    assert by_code["gap-due-unparsed"].severity == "info"
    assert by_code["gap-overdue"].severity == "warning"
    assert "2024-06-30" in by_code["gap-overdue"].message


def test_findings_in_english_are_the_same(gap_2024):
    en = gap_2024.findings(lang="en")
    assert {(f.code, f.ref) for f in en} == EXPECTED_FINDINGS_2024


def test_overdue_depends_on_the_reference_date(gap_2024):
    # On the day the table was updated (2024-10-15) 2024-06-30 had passed already; on
    # 2024-06-01 it had not.
    early = gap_2024.findings(today=datetime.date(2024, 6, 1))
    assert ("gap-overdue", "6.1.2") not in {(f.code, f.ref) for f in early}
    assert {(f.code, f.ref) for f in early} == EXPECTED_FINDINGS_2024 - {("gap-overdue",
                                                                           "6.1.2")}
    # February 2024 ("februari", year assumed) is past too, but 9.3 is met: not overdue.
    updated = gap_2024.findings(today=datetime.date(2024, 10, 15))
    assert {(f.code, f.ref) for f in updated} == EXPECTED_FINDINGS_2024


# ---- conversion and comparison ------------------------------------------------------------

def test_conversion_to_2022(gap_2024):
    report = []
    g22 = gap_2024.convert("2022", report=report)
    assert g22.edition == "ISO/IEC 27001:2022"
    rows = {e.ref: e for e in g22}
    assert len(rows) == 30
    # 10.1 and 10.2 swap places; 9.2 and 9.3 are inherited by their sub-clauses; 6.3 is new
    assert name(rows["10.2"].status) == "partial" and rows["10.2"].origin == "2013: 10.1"
    assert name(rows["10.1"].status) == "no" and rows["10.1"].origin == "2013: 10.2"
    assert [name(rows[r].status) for r in ("9.2.1", "9.2.2")] == ["not_applicable"] * 2
    assert [name(rows[r].status) for r in ("9.3.1", "9.3.2", "9.3.3")] == ["yes"] * 3
    assert name(rows["6.3"].status) == "not_assessed"
    assert {(f.code, f.ref) for f in report} == {("convert-new", "6.3")}
    # yes 9 - 1 (9.3) + 3 = 11; partial 11; no 4; n/a 2; not assessed 2 (8.1, 6.3)
    # compliance (11 + 5.5) / 26 = 16.5 / 26; coverage 26 / 28
    s = g22.summary()
    assert {name(k): v for k, v in s.counts.items()} == {
        "yes": 11, "partial": 11, "no": 4, "not_applicable": 2, "not_assessed": 2}
    assert s.compliance == pytest.approx(16.5 / 26)
    assert s.coverage == pytest.approx(26 / 28)


def test_last_year(gap_2023):
    s = gap_2023.summary()
    # 2023: n/a 1 (9.2), not assessed 1 (5.3), and
    #   yes      4.3 5.1 5.2 7.1 7.5.2 10.1                              = 6
    #   partial  4.1 4.4 6.1.1 6.1.3 6.2 7.2 7.5.1 7.5.3 8.1 8.2 9.3      = 11
    #   no       4.2 6.1.2 7.3 7.4 8.3 9.1 10.2                          = 7
    # compliance (6 + 5.5) / 24 = 11.5 / 24
    assert {name(k): v for k, v in s.counts.items()} == {
        "yes": 6, "partial": 11, "no": 7, "not_applicable": 1, "not_assessed": 1}
    assert s.compliance == pytest.approx(11.5 / 24)
    assert gap_2023.findings() == []   # last year's table is clean


def test_comparison_with_last_year(gap_2024, gap_2023):
    deltas = gap_2024.compare(gap_2023)
    assert len(deltas) == 26
    by_change = {}
    for d in deltas:
        by_change.setdefault(name(d.change), set()).add(d.ref)
    assert by_change["improved"] == IMPROVED
    assert by_change["regressed"] == REGRESSED
    assert by_change["new"] == NEW
    assert by_change["removed"] == REMOVED
    assert len(by_change["unchanged"]) == 26 - 8 - 2 - 1 - 1 == 14
    d = {x.ref: x for x in deltas}
    assert (name(d["10.1"].before), name(d["10.1"].after)) == ("yes", "partial")
    assert (name(d["6.1.3"].before), name(d["6.1.3"].after)) == ("partial", "no")
    assert (name(d["9.2"].before), name(d["9.2"].after)) == ("not_applicable",
                                                             "not_applicable")
    assert all(x.origin in ("", None) for x in deltas)   # same edition: nothing converted
