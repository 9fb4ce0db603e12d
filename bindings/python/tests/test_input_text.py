"""Text that is not UTF-8 never gets into the library's objects.

A Python str holds code points; one with a lone surrogate ("\\udcff", as os.fsdecode() and the
"surrogateescape" error handler make them) has no UTF-8 form, and passing it anywhere the
library takes text raises ValueError (UnicodeEncodeError) before C is called: nothing is
stored. Bytes that are not UTF-8 are refused by the Python layer's type checks, and where
bytes do reach the C library (the raw module), the C function itself refuses them with
ISMS_EINVAL, naming the field and the first bad byte.
"""

import pytest

import isms
from isms import _isms
from isms._errors import check

SURROGATE = "Kommun \udcff"           # a lone surrogate, as surrogateescape decodes 0xFF
GOOD = "Åsa Öberg, räksmörgås 😀"     # valid multi-byte text: two-, three- and four-byte


def _doc():
    doc = isms.Document(2025, organisation="Exempelstad")
    risk = doc.register.add("R1", "Nätfiske", 3, 4, owner="IT")
    asset = doc.inventory.add_asset("HR", "Personalsystem", "system")
    action = doc.plan.add("A1", "Utbildning", due="Q2 2025")
    assessment = isms.Assessment("2022", year=2025)
    entry = assessment.add("4.1", comment="Bra")
    doc.add_assessment(assessment)
    return doc, risk, asset, action, entry


# (what, function(doc, risk, asset, action, entry, text)) for everything that stores text.
SETTERS = [
    ("Document.organisation", lambda d, r, s, a, e, t: setattr(d, "organisation", t)),
    ("Document.unit", lambda d, r, s, a, e, t: setattr(d, "unit", t)),
    ("Document.add_context", lambda d, r, s, a, e, t: d.add_context(t, "text")),
    ("Document.add_context text", lambda d, r, s, a, e, t: d.add_context("Lag", t)),
    ("RiskRegister.add id", lambda d, r, s, a, e, t: d.register.add(t, "x")),
    ("RiskRegister.add title", lambda d, r, s, a, e, t: d.register.add("R2", t)),
    ("RiskRegister.add owner", lambda d, r, s, a, e, t: d.register.add("R2", "x", owner=t)),
    ("Risk.title", lambda d, r, s, a, e, t: setattr(r, "title", t)),
    ("Risk.owner", lambda d, r, s, a, e, t: setattr(r, "owner", t)),
    ("Risk.consequence_text", lambda d, r, s, a, e, t: setattr(r, "consequence_text", t)),
    ("Risk.treatment", lambda d, r, s, a, e, t: setattr(r, "treatment", t)),
    ("Inventory.add_asset id", lambda d, r, s, a, e, t: d.inventory.add_asset(t, "x", "system")),
    ("Inventory.add_asset name", lambda d, r, s, a, e, t: d.inventory.add_asset("X", t, "system")),
    ("Asset.owner", lambda d, r, s, a, e, t: setattr(s, "owner", t)),
    ("Asset.legal_basis", lambda d, r, s, a, e, t: setattr(s, "legal_basis", t)),
    ("Plan.add id", lambda d, r, s, a, e, t: d.plan.add(t, "x")),
    ("Plan.add title", lambda d, r, s, a, e, t: d.plan.add("A2", t)),
    ("Action.title", lambda d, r, s, a, e, t: setattr(a, "title", t)),
    ("Action.owner", lambda d, r, s, a, e, t: setattr(a, "owner", t)),
    ("Action.add_prerequisite", lambda d, r, s, a, e, t: a.add_prerequisite(t)),
    ("Entry.comment", lambda d, r, s, a, e, t: setattr(e, "comment", t)),
    ("Entry.add_evidence", lambda d, r, s, a, e, t: e.add_evidence(t)),
]


@pytest.mark.parametrize("what, set_text", SETTERS, ids=[w for w, _ in SETTERS])
def test_lone_surrogate_is_refused_and_nothing_changes(what, set_text):
    doc, risk, asset, action, entry = _doc()
    before = doc.dumps()
    with pytest.raises(ValueError) as info:
        set_text(doc, risk, asset, action, entry, SURROGATE)
    assert isinstance(info.value, (UnicodeEncodeError, isms.InvalidArgumentError)), what
    assert doc.dumps() == before, what


@pytest.mark.parametrize("what, set_text", SETTERS, ids=[w for w, _ in SETTERS])
def test_multibyte_text_is_taken(what, set_text):
    doc, risk, asset, action, entry = _doc()
    set_text(doc, risk, asset, action, entry, GOOD)
    assert GOOD in doc.dumps(), what  # the JSON holds it as it is (no \u escapes)


def test_multibyte_text_reads_back():
    doc, risk, asset, action, entry = _doc()
    risk.owner = GOOD
    asset.legal_basis = GOOD
    action.owner = GOOD
    entry.comment = GOOD
    doc.organisation = GOOD
    back = isms.Document.loads(doc.dumps())
    assert back.organisation == GOOD
    assert back.register["R1"].owner == GOOD
    assert back.plan["A1"].owner == GOOD


@pytest.mark.parametrize("parse", [
    lambda t: isms.Period(t),
    lambda t: isms.RequirementStatus.parse(t),
    lambda t: isms.rate(t),
    lambda t: isms.Cvss(t),
], ids=["Period", "RequirementStatus.parse", "rate", "Cvss"])
def test_parsers_refuse_a_lone_surrogate(parse):
    with pytest.raises(ValueError):
        parse("v\udce5ren 2025")


def test_bytes_are_not_text():
    doc, risk, asset, action, entry = _doc()
    before = doc.dumps()
    with pytest.raises(TypeError):
        doc.register.add(b"R\xff", "x")
    with pytest.raises(TypeError):
        doc.organisation = b"Kommun \xff"
    with pytest.raises(TypeError):
        risk.owner = b"\xff"
    assert doc.dumps() == before


@pytest.mark.parametrize("data, at, byte", [
    (b"Kommun \xff", 8, 0xFF),
    (b"ab\xc0\xaf", 3, 0xC0),                      # overlong
    (b"x\x80y", 2, 0x80),                          # lone continuation byte
    (b"\xc3\xa5\xc3\xa4\xc3\xb6\xe2\x82", 7, 0xE2),  # cut short after åäö
    (b"R\xed\xa0\x80", 2, 0xED),                   # surrogate
    (b"\xf4\x90\x80\x80", 1, 0xF4),                # above U+10FFFF
])
def test_bytes_that_reach_c_are_refused_there(data, at, byte):
    # The extension module takes bytes as they are (file names come as os.fsencode() bytes);
    # what reaches a C setter that way is checked by the C library itself.
    doc, risk, asset, action, entry = _doc()
    before = doc.dumps()
    message = "organisation: not UTF-8 at byte %d (0x%02X)" % (at, byte)
    with pytest.raises(isms.InvalidArgumentError) as info:
        check(_isms.isms_document_set(doc._ptr, _isms.ISMS_DOC_ORGANISATION, data))
    assert info.value.message == message
    assert isinstance(info.value, ValueError)
    with pytest.raises(isms.InvalidArgumentError) as info:
        check(_isms.isms_risk_set_owner(risk._p(), data))
    assert info.value.message == "owner: not UTF-8 at byte %d (0x%02X)" % (at, byte)
    assert doc.dumps() == before
    assert doc.organisation == "Exempelstad"
    assert risk.owner == "IT"
