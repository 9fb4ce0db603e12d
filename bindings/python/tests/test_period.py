"""Periods: due dates as people write them, read into a kind and a first and last day."""

import datetime
import pickle

import pytest
from hypothesis import given, strategies as st

import isms

D = datetime.date

# (text, kind, start, end, year_assumed) with the reference year 2024.
PHRASES = [
    ("2024-03-31", "day", D(2024, 3, 31), D(2024, 3, 31), False),
    ("31 mars 2024", "day", D(2024, 3, 31), D(2024, 3, 31), False),
    ("March 31, 2024", "day", D(2024, 3, 31), D(2024, 3, 31), False),
    ("senast 15 juni 2025", "day", D(2025, 6, 15), D(2025, 6, 15), False),
    ("februari", "month", D(2024, 2, 1), D(2024, 2, 29), True),
    ("Feb 2024", "month", D(2024, 2, 1), D(2024, 2, 29), False),
    ("feb. 2023", "month", D(2023, 2, 1), D(2023, 2, 28), False),
    ("2024-02", "month", D(2024, 2, 1), D(2024, 2, 29), False),
    ("mars, dvs. 2025", "month", D(2025, 3, 1), D(2025, 3, 31), False),
    ("Q1 2024", "quarter", D(2024, 1, 1), D(2024, 3, 31), False),
    ("kvartal 1", "quarter", D(2024, 1, 1), D(2024, 3, 31), True),
    ("1:a kvartalet 2025", "quarter", D(2025, 1, 1), D(2025, 3, 31), False),
    ("2024Q4", "quarter", D(2024, 10, 1), D(2024, 12, 31), False),
    ("Q2 eller Q3 2024", "quarter", D(2024, 4, 1), D(2024, 6, 30), False),
    ("T2 2024", "tertial", D(2024, 5, 1), D(2024, 8, 31), False),
    ("tertial 2", "tertial", D(2024, 5, 1), D(2024, 8, 31), True),
    ("andra tertialet", "tertial", D(2024, 5, 1), D(2024, 8, 31), True),
    ("H1", "half", D(2024, 1, 1), D(2024, 6, 30), True),
    ("våren 2025", "half", D(2025, 1, 1), D(2025, 6, 30), False),
    ("hösten", "half", D(2024, 7, 1), D(2024, 12, 31), True),
    ("första halvåret", "half", D(2024, 1, 1), D(2024, 6, 30), True),
    ("spring 2024", "half", D(2024, 1, 1), D(2024, 6, 30), False),
    ("2024", "year", D(2024, 1, 1), D(2024, 12, 31), False),
    ("under 2025 med uppföljning i tertialrapporterna", "year", D(2025, 1, 1),
     D(2025, 12, 31), False),
    ("end of 2024", "year", D(2024, 1, 1), D(2024, 12, 31), False),
]


@pytest.mark.parametrize("text, kind, start, end, assumed", PHRASES)
def test_phrases(text, kind, start, end, assumed):
    p = isms.parse_period(text, year=2024)
    assert p.kind == kind and isinstance(p.kind, isms.PeriodKind)
    assert (p.start, p.end, p.year_assumed) == (start, end, assumed)
    assert p.text == text
    assert p.dated
    # the part that was read, in characters (the text may hold å, ö …)
    offset, length = p.span
    assert 0 <= offset and length > 0 and offset + length <= len(text)
    part = isms.parse_period(text[offset:offset + length], year=2024)
    assert part.kind == kind


@pytest.mark.parametrize("text, kind", [
    ("", "none"), ("   ", "none"), (None, "none"),
    ("inför nästa verksamhetsplan", "unparsed"), ("asap", "unparsed"),
    ("vecka 12", "unparsed"),
])
def test_text_without_a_date(text, kind):
    p = isms.parse_period(text, year=2024)
    assert p.kind == kind
    assert (p.start, p.end, p.dated, p.year_assumed) == (None, None, False, False)
    assert str(p) == ""
    assert p.span[1] == 0
    assert p.text == (text or "")
    assert not p.overdue(D(2100, 1, 1))


def test_span_is_in_characters():
    p = isms.parse_period("senast 15 juni 2025", 2024)
    assert p.span == (7, 12)
    # multi-byte characters before the date: the C byte offsets are converted
    p = isms.parse_period("klart åäö senast hösten 2025", 2024)
    offset, length = p.span
    assert p.text[offset:offset + length] == "hösten 2025"
    assert isms.parse_period("våren 2025").span == (0, len("våren 2025"))


def test_year_none_is_the_current_year():
    this_year = datetime.date.today().year
    p = isms.parse_period("Q3")
    assert p.year_assumed and p.start == D(this_year, 7, 1) and p.end == D(this_year, 9, 30)
    assert isms.Period("hösten").end == D(this_year, 12, 31)
    assert isms.Period("Q3") == isms.parse_period("Q3", year=None)


def test_bad_arguments():
    with pytest.raises(isms.InvalidArgumentError):
        isms.parse_period("Q1", year=1800)
    with pytest.raises(TypeError):
        isms.parse_period("Q1", year="2024")
    with pytest.raises(TypeError):
        isms.parse_period(2024)
    with pytest.raises(isms.InvalidArgumentError):
        isms.parse_period("Q1\0 2024")


def test_str_is_the_canonical_form():
    assert [str(isms.parse_period(t, 2024)) for t in (
        "31 mars 2024", "februari", "kvartal 1", "andra tertialet", "hösten", "under 2025",
    )] == ["2024-03-31", "2024-02", "Q1 2024", "T2 2024", "H2 2024", "2025"]
    p = isms.parse_period("hösten", 2024)
    assert repr(p) == "<Period half 2024-07-01..2024-12-31 (year assumed) 'hösten'>"
    assert repr(isms.parse_period("asap")) == "<Period unparsed 'asap'>"


def test_ordering_and_equality():
    texts = ["2025", "", "Q1 2024", "asap", "2024-02-10", "februari", "H1 2024", "T1 2024"]
    ordered = sorted(isms.parse_period(t, 2024) for t in texts)
    assert [str(p) for p in ordered[:6]] == ["2024-02-10", "2024-02", "Q1 2024", "T1 2024",
                                             "H1 2024", "2025"]
    assert {p.kind for p in ordered[6:]} == {"none", "unparsed"}  # undated ones last
    q1 = isms.parse_period("Q1 2024")
    assert q1 == isms.parse_period("1:a kvartalet", 2024)   # same kind and days
    assert hash(q1) == hash(isms.parse_period("kvartal 1", 2024))
    assert q1 != isms.parse_period("2024-01-01..2024-03-31")
    assert q1 < isms.parse_period("Q2 2024") <= isms.parse_period("Q2 2024")
    assert isms.parse_period("2025") > q1 >= q1
    assert isms.parse_period("asap") != isms.parse_period("vid behov")
    assert isms.parse_period("asap") == isms.parse_period("asap")
    assert isms.parse_period("") == isms.parse_period("  ")
    with pytest.raises(TypeError):
        q1 < "Q2 2024"
    assert q1 != "Q1 2024"


def test_overdue_and_contains():
    q1 = isms.parse_period("Q1 2024")
    assert not q1.overdue(D(2024, 3, 31))
    assert q1.overdue(D(2024, 4, 1))
    assert q1.overdue()  # today is long after March 2024
    assert not isms.parse_period("9999").overdue()
    assert D(2024, 2, 29) in q1 and D(2024, 1, 1) in q1 and D(2024, 3, 31) in q1
    assert D(2024, 4, 1) not in q1 and D(2023, 12, 31) not in q1
    assert datetime.datetime(2024, 2, 1, 12, 0) in q1
    with pytest.raises(TypeError):
        "2024-02-01" in q1


def test_next_and_containing():
    assert str(isms.parse_period("Q4 2024").next()) == "Q1 2025"
    assert str(isms.parse_period("2024-02-28").next()) == "2024-02-29"
    assert str(isms.parse_period("hösten", 2024).next()) == "H1 2025"
    n = isms.parse_period("T3 2024").next()
    assert (n.kind, n.start, n.end, n.text) == ("tertial", D(2025, 1, 1), D(2025, 4, 30),
                                                "T1 2025")
    assert n.span == (0, len("T1 2025")) and not n.year_assumed
    with pytest.raises(isms.InvalidArgumentError):
        isms.parse_period("asap").next()
    with pytest.raises(isms.InvalidArgumentError):
        isms.parse_period("9999").next()
    q = isms.Period.containing("quarter", D(2024, 5, 2))
    assert (q.kind, q.start, q.end, str(q)) == ("quarter", D(2024, 4, 1), D(2024, 6, 30),
                                                "Q2 2024")
    assert str(isms.Period.containing(isms.PeriodKind.TERTIAL, D(2024, 5, 2))) == "T2 2024"
    assert str(isms.Period.containing("halvår", D(2024, 7, 1))) == "H2 2024"
    assert isms.Period.containing("day", D(2024, 5, 2)).text == "2024-05-02"
    with pytest.raises(isms.InvalidArgumentError):
        isms.Period.containing("unparsed", D(2024, 5, 2))
    with pytest.raises(isms.ParseError):
        isms.Period.containing("fortnight", D(2024, 5, 2))


def test_period_is_immutable_and_picklable():
    p = isms.parse_period("våren 2025")
    with pytest.raises(AttributeError):
        p.text = "x"
    with pytest.raises(AttributeError):
        p.kind = "year"
    with pytest.raises(AttributeError):
        p.extra = 1
    q = pickle.loads(pickle.dumps(p))
    assert (q.text, q.kind, q.start, q.end, q.span) == (p.text, p.kind, p.start, p.end, p.span)
    assert q == p


def test_period_kind_labels():
    assert isms.PeriodKind.QUARTER.label("sv") == "kvartal"
    assert isms.PeriodKind.HALF.label_en == "half year"
    assert isms.PeriodKind.parse("halvår") is isms.PeriodKind.HALF
    assert isms.PeriodKind.coerce("Quarter") is isms.PeriodKind.QUARTER
    assert [k.dated for k in isms.PeriodKind] == [False, False] + [True] * 6


# ---- properties ---------------------------------------------------------------------------

_WORDS = st.sampled_from([
    "Q1", "Q4", "T2", "H1", "H2", "kvartal", "tertial", "våren", "hösten", "spring", "under",
    "mars", "februari", "Feb", "dec.", "2024", "2025", "1999", "9999", "0", "31", "29", "-",
    "1:a", "andra", "senast", "end of", "eller", ",", ".", "/", "åäö", "\u00a0", " ",
])
_text = st.one_of(
    st.text(st.characters(blacklist_characters="\0", blacklist_categories=("Cs",)),
            max_size=40),
    st.lists(_WORDS, max_size=8).map(" ".join),
    st.lists(_WORDS, max_size=8).map("".join),
)


@given(_text, st.integers(1900, 9999))
def test_property_parse_never_raises(text, year):
    p = isms.parse_period(text, year)
    assert p.text == text
    offset, length = p.span
    assert 0 <= offset <= offset + length <= len(text)
    if p.dated:
        assert p.start <= p.end
        assert p.start in p and p.end in p
        assert str(p) != ""
        # the canonical form reads back as the same period
        assert isms.parse_period(str(p), year) == p
    else:
        assert p.start is None and p.end is None and str(p) == ""


@given(st.dates(D(1900, 1, 1), D(9998, 12, 31)),
       st.sampled_from(["day", "month", "quarter", "tertial", "half", "year"]))
def test_property_containing_contains(date, kind):
    p = isms.Period.containing(kind, date)
    assert date in p and p.kind == kind
    assert p.start <= date <= p.end
    if p.end.year < 9999:
        nxt = p.next()
        assert nxt.start == p.end + datetime.timedelta(days=1)
        assert p < nxt
