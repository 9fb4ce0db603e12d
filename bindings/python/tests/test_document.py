"""isms.Document: the whole ISMS in one file, its parts, CSV tables, lint and the report."""

import datetime
import gc
import json

import pytest

import isms

try:
    from hypothesis import given, strategies as st
except ImportError:  # pragma: no cover - hypothesis is a test dependency
    given = None

SAMPLE = "exempelstad.isms.json"


def small_document():
    doc = isms.Document(2024, organisation="Exempelstads kommun", unit="Socialförvaltningen")
    doc.date = datetime.date(2024, 11, 15)
    doc.add_context("NIS2", "Cybersäkerhetslagen träder i kraft.")
    reg = doc.register
    reg.add("R1", "Ransomware", 3, 4, owner="IT-chef", residual=(2, 3), stated_value=12)
    reg.add("R2", "Felsänd e-post", 4, 2, owner="Registrator")
    a = isms.Assessment("2022", year=2024, scope="clauses")
    a.add("6.1.2", status="partial", plan="Ta fram metod")
    doc.add_assessment(a)
    doc.inventory.add_asset("INF1", "Journal", "information", c=3, i=2, a=2)
    doc.plan.add("A1", "Säkerhetskopior offline", addresses=["risk:R1"], owner="IT")
    return doc


def test_new_document_defaults_and_fields():
    doc = isms.Document(2024)
    assert doc.year == 2024
    assert doc.lang == "sv"
    assert doc.date is None
    assert doc.today == datetime.date(2024, 12, 31)
    assert doc.organisation == "" and doc.decision == ""
    doc.organisation = "Exempelstads kommun"
    doc.decision = "Planen fastställs."
    doc.lang = "en"
    doc.date = "2024-11-15"
    assert (doc.organisation, doc.decision, doc.lang) == \
        ("Exempelstads kommun", "Planen fastställs.", "en")
    assert doc.date == doc.today == datetime.date(2024, 11, 15)
    doc.add_context("NIS2", "Ny lag")
    doc.add_context("Hotbild")
    assert doc.context == [("NIS2", "Ny lag"), ("Hotbild", "")]
    doc.clear_context()
    assert doc.context == []
    with pytest.raises(isms.RangeError):
        isms.Document(99)
    with pytest.raises(TypeError):
        doc.organisation = 5


def test_parts_are_borrowed_and_survive_the_document_reference():
    doc = small_document()
    reg = doc.register
    assert reg is doc.register
    assert [r.id for r in doc.risks] == ["R1", "R2"]
    assert doc.register["R1"].value == 12
    assert [a.year for a in doc.assessments] == [2024]
    assert doc.current.year == 2024 and doc.assessment(2023) is None
    assert len(doc.inventory) == 1
    assert [a.id for a in doc.plan] == ["A1"]
    del doc
    gc.collect()
    # The register keeps the document alive.
    assert len(reg) == 2 and reg["R2"].title == "Felsänd e-post"


def test_assigning_a_register_moves_it_and_orphans_the_old_wrapper():
    doc = small_document()
    old = doc.register
    old_risk = old["R1"]
    new = isms.RiskRegister("5x5")
    new.add("X1", "Ny risk", 5, 5)
    doc.register = new
    assert doc.register is new
    assert [r.id for r in doc.risks] == ["X1"]
    assert doc.register.matrix.name == "5x5"
    # The replaced register was freed by the document: its wrappers let go of it.
    assert old._ptr is None and old_risk._ptr is None
    assert len(old) == 0
    with pytest.raises(isms.InvalidArgumentError):
        old.add("R3", "efteråt", 1, 1)
    del new
    gc.collect()
    assert doc.register["X1"].value == 25


def test_round_trip_is_byte_identical(tmp_path):
    doc = small_document()
    text = doc.dumps()
    assert text.endswith("\n")
    data = json.loads(text)
    assert data["format"] == "libisms/1"
    assert data["organisation"] == "Exempelstads kommun"
    assert [r["id"] for r in data["risks"]] == ["R1", "R2"]
    again = isms.Document.loads(text)
    assert again.dumps() == text
    path = tmp_path / "doc.json"
    doc.save(path)
    assert path.read_text(encoding="utf-8") == text
    assert isms.Document.load(path).dumps() == text


def test_load_errors_name_path_line_and_column(tmp_path):
    text = ('{\n  "format": "libisms/1",\n  "organisation": "X",\n  "year": 2024,\n'
            '  "risks": [\n    {"id": "R1", "title": "t", "likelihod": 3, "consequence": 2}\n'
            '  ]\n}\n')
    with pytest.raises(isms.ParseError) as info:
        isms.Document.loads(text, source="bad.json")
    err = info.value
    assert str(err.message).startswith("$.risks[0].likelihod")
    assert "likelihood" in err.message
    assert (err.source, err.line) == ("bad.json", 6)
    assert err.column == text.splitlines()[5].index('"likelihod"') + 1
    with pytest.raises(isms.FileError):
        isms.Document.load(tmp_path / "missing.json")
    with pytest.raises(isms.Error):
        isms.Document.loads(b"\x00\x01 not json")


def test_csv_tables_into_and_out_of_a_document(data_dir):
    notes = []
    doc = isms.Document.from_csv(
        data_dir / "riskregister.csv", (data_dir / "gap-analysis-2023.csv", 2023),
        (data_dir / "gap-analysis-2024.csv", 2024), data_dir / "inventory.csv",
        data_dir / "relations.csv", year=2024, organisation="Exempelstad", notes=notes)
    reference = isms.RiskRegister.from_csv(data_dir / "riskregister.csv")
    assert [r.id for r in doc.risks] == reference.ids()
    assert [r.value for r in doc.risks] == [r.value for r in reference]
    assert [a.year for a in doc.assessments] == [2023, 2024]
    assert len(doc.inventory) == len(isms.Inventory.from_csv(data_dir / "inventory.csv"))
    assert all(isinstance(n, isms.Finding) for n in notes)
    csv = doc.to_csv_bytes("risks", lang="en", delimiter=",", bom=False, crlf=False)
    other = isms.Document(2024)
    assert other.import_csv_bytes(csv) == "risks"
    assert [r.id for r in other.risks] == reference.ids()
    with pytest.raises(isms.NotFoundError):
        doc.to_csv_bytes("gap", year=2019)
    with pytest.raises(isms.ParseError):
        other.import_csv_bytes(b"foo;bar\n1;2\n")
    assert [r.id for r in other.risks] == reference.ids()   # unchanged on error


def test_import_replaces_the_register_and_orphans_wrappers(data_dir):
    doc = small_document()
    old = doc.register
    assert doc.import_csv(data_dir / "riskregister.csv") == "risks"
    assert old._ptr is None
    assert len(doc.register) == 12


def test_findings_and_report_formats():
    doc = small_document()
    found = doc.findings(lang="en")
    assert all(isinstance(f, isms.Finding) for f in found)
    codes = {f.code for f in found}
    assert "doc-no-date" not in codes            # the document has a date
    html = doc.report()                            # html, the document's language (sv)
    assert html.lstrip().lower().startswith("<!doctype html>")
    assert "<svg" in html and "Ransomware" in html
    md = doc.report(format="md", lang="en")
    assert md.startswith("#") and "Ransomware" in md
    summary = json.loads(doc.report(format="json"))
    assert summary["format"].startswith("libisms-summary/")
    text = doc.report(format="text", width=80)
    assert "\x1b[" not in text
    assert "\x1b[" in doc.report(format="text", color=True)
    with pytest.raises(isms.InvalidArgumentError):
        doc.report(format="pdf")


def test_report_escapes_hostile_titles():
    doc = small_document()
    doc.organisation = '<script>alert(1)</script>'
    doc.register.add("R9", '"><img src=x onerror=alert(1)>', 1, 1)
    html = doc.report(format="html")
    assert "<script" not in html.lower()
    assert "<img" not in html.lower()
    assert "&lt;script&gt;" in html


def test_models_and_simulation():
    doc = small_document()
    model = isms.FairModel.simple("R1", isms.Poisson(2), isms.Lognormal90(1e4, 1e6))
    doc.set_model("R1", model)
    assert list(doc.models) == ["R1"]
    sim = doc.simulate()
    assert sim.iterations == 10000
    assert sim[0].ale > 0
    again = doc.simulate()
    assert again[0].ale == sim[0].ale            # the document's seed
    with pytest.raises(isms.NotFoundError):
        doc.set_model("R404", isms.FairModel.simple("x", isms.Poisson(1), 1.0))
    doc.set_model("R1", None)
    assert doc.models == {}


def test_sample_document(data_dir):
    path = data_dir / SAMPLE
    if not path.exists():
        pytest.skip("the sample document %s is not there" % path)
    doc = isms.Document.load(path)
    assert doc.year == 2024 and doc.lang == "sv"
    assert len(doc.risks) >= 10
    assert [a.year for a in doc.assessments] == [2023, 2024]
    assert len(doc.inventory) >= 20
    assert len(doc.plan) >= 10
    assert doc.models
    assert isms.Document.loads(doc.dumps()).dumps() == doc.dumps()
    html = doc.report()
    assert "Ledningens genomgång" in html or doc.title in html


def test_allocation_failure_leaves_the_document_unchanged(sweep):
    doc = small_document()
    text = doc.dumps()

    def unchanged():
        assert doc.dumps() == text

    assert sweep(lambda: isms.Document.loads(text)) > 0
    assert sweep(doc.dumps, unchanged) > 0
    assert sweep(lambda: doc.add_context("Ny", "text"), lambda: None) > 0


if given is not None:
    titles = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
                     min_size=1, max_size=40)

    @given(st.lists(st.tuples(titles, st.integers(1, 4), st.integers(1, 4)), max_size=8),
           titles)
    def test_round_trip_property(risks, org):
        doc = isms.Document(2024, organisation=org)
        for i, (title, lk, co) in enumerate(risks):
            doc.register.add("R%d" % (i + 1), title, lk, co)
        text = doc.dumps()
        again = isms.Document.loads(text)
        assert again.dumps() == text
        assert [(r.title, r.likelihood, r.impact) for r in again.risks] == risks


# ---- imported catalogs ----------------------------------------------------------------------

def _krav(data_dir, replace=None):
    """The sample OSCAL catalog; `replace` (old, new) changes its text first."""
    text = (data_dir / "exempelstad-krav.oscal.json").read_text(encoding="utf-8")
    if replace:
        assert replace[0] in text
        text = text.replace(*replace)
    return isms.Catalog.from_oscal_string(text)


OTHER_UUID = "5f0e8a55-3b1c-4e6d-8a2b-9c7d6e5f4a3b"


def test_catalogs_come_with_assessments_and_stay_until_removed(data_dir):
    doc = isms.Document(2025)
    assert doc.catalogs == ()
    krav = _krav(data_dir)
    other = _krav(data_dir, (krav.uuid, OTHER_UUID))
    a = isms.Assessment(other, 2024)
    a.add("sty-1", status="yes")
    doc.add_assessment(a)
    doc.add_assessment(isms.Assessment(krav, 2023))
    doc.add_assessment(isms.Assessment("2022", 2022))
    # In the order they came, not the years' order; the same Catalog objects.
    assert [c.uuid for c in doc.catalogs] == [OTHER_UUID, krav.uuid]
    assert doc.catalogs[0] is other and doc.catalogs[1] is krav
    assert isinstance(doc.catalogs, tuple)
    # Removing the assessment keeps the catalog; it is saved and loaded back.
    doc.remove_assessment(2024)
    assert [c.uuid for c in doc.catalogs] == [OTHER_UUID, krav.uuid]
    back = isms.Document.loads(doc.dumps())
    assert [c.uuid for c in back.catalogs] == [OTHER_UUID, krav.uuid]
    assert back.catalogs[1].title == krav.title
    assert [f.code for f in back.findings("en") if f.code == "doc-catalog-unused"] == \
        ["doc-catalog-unused"]
    # Not while an assessment uses it; then by uuid in any case, or by the Catalog.
    with pytest.raises(isms.InvalidArgumentError, match="still used by the assessment of 2023"):
        doc.remove_catalog(krav.uuid)
    doc.remove_catalog(OTHER_UUID.upper())
    assert doc.catalogs == (krav,)
    with pytest.raises(isms.NotFoundError, match="the document holds the imported catalog "
                       + krav.uuid):
        doc.remove_catalog(OTHER_UUID)
    doc.remove_assessment(2023)
    doc.remove_catalog(krav)
    assert doc.catalogs == ()
    with pytest.raises(isms.NotFoundError, match="holds no imported catalog"):
        doc.remove_catalog(krav.uuid)
    with pytest.raises(TypeError):
        doc.remove_catalog(5)
    # The Catalog objects outlive their removal.
    del doc, back
    gc.collect()
    assert other.uuid == OTHER_UUID and len(other) == len(krav)


def test_catalogs_of_a_loaded_document_outlive_it(data_dir):
    krav = _krav(data_dir)
    doc = isms.Document(2025)
    doc.add_assessment(isms.Assessment(krav, 2024))
    text = doc.dumps()
    del doc, krav
    gc.collect()
    loaded = isms.Document.loads(text)
    cats = loaded.catalogs
    assert len(cats) == 1
    held = cats[0]
    assert loaded.assessment(2024).catalog is held
    del loaded, cats
    gc.collect()
    # The Catalog holds a reference of its own: its items are still there.
    assert held["STY-1"].id == "STY-1"
    assert held.title
