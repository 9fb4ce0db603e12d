"""OSCAL output of the `isms` command against NIST's official OSCAL 1.1.3 JSON schemas.

Every export is validated: assessment results and POA&M of the sample document
(examples/data/exempelstad.isms.json) in Swedish and in English, of a document whose gap
analysis is held against an imported catalog, of a minimal document and of one with hostile
text; the three built-in catalogs and the sample catalog examples/data/exempelstad-krav.oscal.json
written anew. The validator is shown to work both ways: NIST's own example files pass it and
a deliberately broken export fails it. Round trip: a built-in catalog exported and imported
again has the same ids and titles in the same order. Determinism: two exports are byte for
byte the same, and an edit elsewhere in the document leaves the UUIDs as they were.

Validation: python3-jsonschema (Debian 12 has 4.10), Draft7Validator with a FormatChecker.
The schemas' token pattern uses Unicode classes that Python's `re` lacks; they are rewritten
in memory only (`\\p{L}` → `[^\\W\\d_]`, `\\p{N}` → `\\d`), as the README next to the schemas
says. The vendored files are never changed.

Run by meson with ISMS_TOOL, ISMS_SOURCE_ROOT and ISMS_REFERENCE_DIR in the environment; every
test is skipped, with a message, when ISMS_REFERENCE_DIR/oscal is absent.
"""

import copy
import csv
import datetime
import io
import json
import os
import re
import subprocess

import pytest

TOOL = os.environ.get("ISMS_TOOL")
SRC = os.environ.get("ISMS_SOURCE_ROOT",
                     os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..")))
REFERENCE = os.environ.get("ISMS_REFERENCE_DIR",
                           os.path.join(SRC, "..", "shared", "reference"))
OSCAL_DIR = os.path.join(REFERENCE, "oscal")



def _skip_reason():
    """Why the module cannot run here, or None."""
    if not os.path.isdir(os.path.join(OSCAL_DIR, "schema")):
        return (f"the OSCAL schemas are not there ({OSCAL_DIR}/schema): OSCAL output is not "
                "validated")
    if not TOOL or not os.path.exists(TOOL):
        return "ISMS_TOOL is not set to the built isms command"
    try:
        import jsonschema as _  # noqa: F401
    except ImportError:
        return "python3-jsonschema is not installed: OSCAL output is not validated"
    return None


# When something is missing, every test is still collected and each is skipped with the reason
# (as tests/py/test_schema.py skips test by test): a module-level pytest.skip() would leave
# pytest with no test collected, which ends it with exit status 5, a failure for meson.
SKIP_REASON = _skip_reason()
if SKIP_REASON:
    pytestmark = pytest.mark.skip(reason=SKIP_REASON)
    jsonschema = None
else:
    import jsonschema

EXAMPLES = os.path.join(SRC, "examples", "data")
SAMPLE = os.path.join(EXAMPLES, "exempelstad.isms.json")
KRAV = os.path.join(EXAMPLES, "exempelstad-krav.oscal.json")

SCHEMAS = {
    "catalog": "oscal_catalog_schema.json",
    "assessment-results": "oscal_assessment-results_schema.json",
    "plan-of-action-and-milestones": "oscal_poam_schema.json",
}
EXAMPLE_FILES = {
    "catalog": "basic-catalog.json",
    "assessment-results": "ifa_assessment-results-example.json",
    "plan-of-action-and-milestones": "ifa_plan-of-action-and-milestones.json",
}
ROOT_OF = {"oscal-ar": "assessment-results", "oscal-poam": "plan-of-action-and-milestones",
           "oscal-catalog": "catalog"}
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


# ---- the command --------------------------------------------------------------------------

def run(*args, stdin=None):
    """Runs the command with a plain locale (the document decides the language); returns
    (status, stdout bytes, stderr text)."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("LC_ALL", "LC_MESSAGES", "LANGUAGE", "NO_COLOR")}
    env["LANG"] = "C.UTF-8"
    p = subprocess.run([TOOL, *args], input=stdin, capture_output=True, env=env, timeout=120)
    return p.returncode, p.stdout, p.stderr.decode("utf-8", "replace")


def export(*args):
    """The command's output as bytes; fails the test on a non-zero status."""
    rc, out, err = run("convert", *args)
    assert rc == 0, err
    assert out, "no output"
    return out


def export_json(*args):
    return json.loads(export(*args))


def write_doc(tmp_path, name, doc):
    path = tmp_path / name
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=2), encoding="utf-8")
    return str(path)


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


# ---- the validator -------------------------------------------------------------------------

def _rewrite_patterns(node):
    """The schema with `\\p{L}` and `\\p{N}` rewritten for Python's `re` (in memory)."""
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key == "pattern" and isinstance(value, str):
                value = value.replace("\\p{L}", "[^\\W\\d_]").replace("\\p{N}", "\\d")
            else:
                value = _rewrite_patterns(value)
            out[key] = value
        return out
    if isinstance(node, list):
        return [_rewrite_patterns(v) for v in node]
    return node


_VALIDATORS = {}


def validator(model):
    if model not in _VALIDATORS:
        schema = _rewrite_patterns(load(os.path.join(OSCAL_DIR, "schema", SCHEMAS[model])))
        assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
        jsonschema.Draft7Validator.check_schema(schema)
        _VALIDATORS[model] = jsonschema.Draft7Validator(
            schema, format_checker=jsonschema.FormatChecker())
    return _VALIDATORS[model]


def errors_of(model, document):
    """Every violation as "$.path: message", in a stable order."""
    out = []
    for e in sorted(validator(model).iter_errors(document),
                    key=lambda e: [str(p) for p in e.absolute_path]):
        path = "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}"
                             for p in e.absolute_path)
        out.append(f"{path}: {e.message[:300]}")
    return out


def assert_valid(document, model=None):
    roots = [k for k in document if k != "$schema"]
    assert len(roots) == 1, roots
    model = model or roots[0]
    assert roots[0] == model
    errs = errors_of(model, document)
    assert errs == [], "\n".join(errs[:20])
    meta = document[model]["metadata"]
    assert meta["oscal-version"] == "1.1.3"
    return document[model]


def uuids(node):
    """Every "uuid" value in document order."""
    found = []

    def walk(n):
        if isinstance(n, dict):
            for k, v in n.items():
                if k == "uuid" and isinstance(v, str):
                    found.append(v)
                else:
                    walk(v)
        elif isinstance(n, list):
            for v in n:
                walk(v)
    walk(node)
    return found


def catalog_items(catalog):
    """(id, title) of every group and control of an OSCAL catalog object, depth first."""
    items = []

    def walk(node):
        for g in node.get("groups", []):
            items.append(("group", g["id"], g["title"]))
            walk(g)
        for c in node.get("controls", []):
            items.append(("control", c["id"], c["title"]))
            walk(c)
    walk(catalog)
    return items


# ---- fixtures -------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def sample():
    return load(SAMPLE)


@pytest.fixture(scope="module")
def documents(tmp_path_factory, sample):
    """The documents whose exports are validated, by name."""
    d = tmp_path_factory.mktemp("oscal-docs")
    docs = {"sample-sv": SAMPLE}
    english = copy.deepcopy(sample)
    english["language"] = "en"
    docs["sample-en"] = write_doc(d, "sample-en.json", english)
    docs["minimal"] = write_doc(d, "minimal.json", {
        "format": "libisms/1", "organisation": "Minby", "year": 2024,
        "assessments": [{"year": 2024, "edition": "2022", "entries": []}]})
    docs["hostile"] = write_doc(d, "hostile.json", HOSTILE)
    docs["imported"] = imported_document(d)
    return docs


# A document whose text tries every way to break OSCAL's string rules: blank and
# white-space-only text, leading and trailing spaces, line breaks and tabs where OSCAL wants
# one line, markup, quotes, control characters, non-Latin letters.
HOSTILE = {
    "format": "libisms/1",
    "organisation": "  Fientliga\nkommunen\t",
    "unit": " ",
    "title": "\n",
    "author": "<script>alert(1)</script>",
    "year": 2024,
    "date": "2024-12-31",
    "language": "sv",
    "scope": "  \n  ",
    "risks": [
        {"id": "R1", "title": " =HYPERLINK(\"x\")\n<b>fet</b> ", "likelihood": 3,
         "consequence": 4, "treatment": "modify", "treatment_text": "\t"},
        {"id": "R 2", "title": "\u0001\u007f kontroll\u200b", "likelihood": 1,
         "consequence": 1},
    ],
    "assessments": [{
        "year": 2024, "edition": "2022", "scope": "both", "date": "2024-06-01",
        "entries": [
            {"ref": "4.1", "status": "yes", "comment": "", "owner": "   ",
             "evidence": [" KS 2023/112", "x"]},
            {"ref": "4.2", "status": "partial", "comment": "rad ett\nrad två\n\n",
             "plan": "  inledande blanksteg", "owner": "\nIT\n", "due": "\t",
             "need": "high", "evidence": ["https://example.org/a b", "\u00e5\u00e4\u00f6 \u4e2d"]},
            {"ref": "6.1.2", "status": "no", "comment": " ", "plan": "\n", "owner": "IT ",
             "due": "nästa verksamhetsplan", "need": "medium"},
            {"ref": "A.5.1", "status": "not-applicable", "applicability": "excluded",
             "justification": "  \n", "reasons": ["legal"]},
            {"ref": "A.5.2", "status": "not-assessed", "text": " ", "applicability": "applicable",
             "justification": "\"citat\" & <tag>", "reasons": ["risk", "business"]},
            {"ref": "X-99", "status": "yes", "comment": "Egen referens utanför katalogen"},
        ],
    }],
    "actions": [
        {"id": "A1", "title": " \n ", "owner": "", "effort": 3, "due": "", "status": "planned",
         "targets": ["risk:R1", "req:4.2"]},
        {"id": "A 2", "title": "Rad ett\nrad två", "description": "\t\n",
         "owner": " Säkerhets\u00adsamordnare ", "effort": 1, "due": "Q3 2025",
         "status": "in-progress", "targets": ["req:6.1.2", "risk:R 2"], "prerequisites": ["A1"]},
        {"id": "A3", "title": "Klar", "owner": "x", "effort": 1, "due": "2024-03-01",
         "status": "done", "targets": ["risk:R1"]},
    ],
}


def imported_document(directory):
    """A document whose latest gap analysis is held against the sample catalog, built with
    the command from the blank gap table, filled in."""
    rc, out, err = run("convert", KRAV, "--format", "csv", "--comma", "--lf", "--no-bom")
    assert rc == 0, err
    rows = list(csv.reader(io.StringIO(out.decode("utf-8"), newline="")))
    statuses = ["Ja", "Delvis", "Nej", "Ej tillämplig", ""]
    for i, cells in enumerate(rows[2:]):
        cells[2] = statuses[i % len(statuses)]
        cells[3] = f"Kommentar {i}" if i % 2 else ""
        if cells[2] in ("Delvis", "Nej"):
            cells[4:8] = ["Åtgärda", "IT", "Hög", "Q2 2026"]
    filled = directory / "krav-2025.csv"
    with open(filled, "w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    doc = directory / "imported.json"
    rc, _, err = run("convert", str(filled), "--catalog", KRAV, "--org", "Exempelstads kommun",
                     "--year", "2025", "--date", "2025-06-30", "-o", str(doc))
    assert rc == 0, err
    return str(doc)


# ---- the validator works -------------------------------------------------------------------

@pytest.mark.parametrize("model", sorted(SCHEMAS))
def test_official_examples_validate(model):
    """NIST's own examples pass the validator as set up here (so it accepts valid OSCAL)."""
    document = load(os.path.join(OSCAL_DIR, "examples", EXAMPLE_FILES[model]))
    assert errors_of(model, document) == []


def test_a_broken_export_does_not_validate():
    """The validator can fail: exports with a required key removed, a wrong type, a bad
    token and a bad UUID are each rejected at the place that is broken."""
    ar = export_json(SAMPLE, "-f", "oscal-ar")
    assert_valid(ar)
    broken = copy.deepcopy(ar)
    del broken["assessment-results"]["results"][0]["start"]
    errs = errors_of("assessment-results", broken)
    assert errs and any(e.startswith("$.assessment-results.results[0]") and "'start'" in e
                        for e in errs), errs
    broken = copy.deepcopy(ar)
    del broken["assessment-results"]["metadata"]["title"]
    assert any("'title' is a required property" in e
               for e in errors_of("assessment-results", broken))
    broken = copy.deepcopy(ar)
    broken["assessment-results"]["uuid"] = "not-a-uuid"
    assert errors_of("assessment-results", broken)

    poam = export_json(SAMPLE, "-f", "oscal-poam")
    assert_valid(poam)
    broken = copy.deepcopy(poam)
    broken["plan-of-action-and-milestones"]["poam-items"][0]["title"] = 17
    assert any(e.startswith("$.plan-of-action-and-milestones.poam-items[0].title")
               for e in errors_of("plan-of-action-and-milestones", broken))

    catalog = export_json("-f", "oscal-catalog", "--edition", "2022")
    assert_valid(catalog)
    broken = copy.deepcopy(catalog)
    broken["catalog"]["groups"][0]["id"] = "1 with spaces"  # not a token
    assert any(e.startswith("$.catalog.groups[0].id")
               for e in errors_of("catalog", broken))
    broken = copy.deepcopy(catalog)
    broken["catalog"]["metadata"]["last-modified"] = ""
    assert errors_of("catalog", broken)


# ---- every export validates -----------------------------------------------------------------

DOCS = ["sample-sv", "sample-en", "imported", "minimal", "hostile"]


@pytest.mark.parametrize("kind", ["oscal-ar", "oscal-poam", "oscal-catalog"])
@pytest.mark.parametrize("name", DOCS)
def test_document_exports_validate(documents, name, kind):
    out = export_json(documents[name], "--format", kind)
    body = assert_valid(out, ROOT_OF[kind])
    assert UUID.match(body["uuid"])
    for u in uuids(out):
        assert UUID.match(u), u


def test_sample_assessment_results_content(sample):
    ar = assert_valid(export_json(SAMPLE, "-f", "oscal-ar"))
    # one result per assessment, oldest year first
    assert len(ar["results"]) == len(sample["assessments"]) == 2
    assert "2023" in ar["results"][0]["title"] and "2024" in ar["results"][1]["title"]
    # a finding per assessed requirement of the latest assessment
    latest = sample["assessments"][-1]["entries"]
    assessed = [e for e in latest if e.get("status", "not-assessed") != "not-assessed"]
    findings = ar["results"][1]["findings"]
    assert len(findings) == len(assessed)
    by_label = {next(p["value"] for p in f["props"] if p["name"] == "label"): f
                for f in findings}
    e41 = next(e for e in latest if e["ref"] == "4.1")
    assert e41["status"] == "yes"
    assert by_label["4.1"]["target"]["status"]["state"] == "satisfied"
    e42 = next(e for e in latest if e["ref"] == "4.2")
    assert e42["status"] == "partial"
    assert by_label["4.2"]["target"]["status"]["state"] == "not-satisfied"
    # the document's metadata
    assert ar["metadata"]["title"] == sample["title"]
    assert ar["metadata"]["version"] == "2024"
    assert any(p.get("name") == sample["organisation"] for p in ar["metadata"]["parties"])


def test_language_switches_the_words_not_the_structure(documents):
    sv = export_json(documents["sample-sv"], "-f", "oscal-ar")["assessment-results"]
    en = export_json(documents["sample-en"], "-f", "oscal-ar")["assessment-results"]
    assert sv["results"][0]["title"].startswith("Gapanalys 2023")
    assert not en["results"][0]["title"].startswith("Gapanalys")
    assert "2023" in en["results"][0]["title"]
    # the same UUIDs in the same places: language is not an identity
    assert uuids(sv) == uuids(en)


def test_minimal_document(documents):
    ar = assert_valid(export_json(documents["minimal"], "-f", "oscal-ar"))
    assert len(ar["results"]) == 1
    assert not ar["results"][0].get("findings")
    poam = assert_valid(export_json(documents["minimal"], "-f", "oscal-poam"))
    assert not poam.get("risks")


def test_hostile_text_is_kept_where_oscal_allows_it(documents):
    ar = assert_valid(export_json(documents["hostile"], "-f", "oscal-ar"))
    text = json.dumps(ar, ensure_ascii=False)
    # the multi-line comment survives in a markup field, the evidence link as well
    assert "rad ett" in text and "rad två" in text
    assert "KS 2023/112" in text
    poam = assert_valid(export_json(documents["hostile"], "-f", "oscal-poam"))
    titles = [i["title"] for i in poam["poam-items"]]
    assert len(titles) == 3 and "Klar" in titles


def test_imported_assessment_results_name_the_catalogs_controls(documents):
    ar = assert_valid(export_json(documents["imported"], "-f", "oscal-ar"))
    result = ar["results"][-1]
    assert "2025" in result["title"]
    targets = [f["target"]["target-id"] for f in result.get("findings", [])]
    controls = [i[1] for i in catalog_items(load(KRAV)["catalog"]) if i[0] == "control"]
    # a finding per assessed control (four of every five were given a status), each
    # about a control of the catalog by its OSCAL id
    assert len(targets) == len(set(targets)) == 9
    assert set(targets) <= set(controls), targets
    # the catalog of the latest assessment is the imported one
    catalog = assert_valid(export_json(documents["imported"], "-f", "oscal-catalog"))
    assert catalog["uuid"] == load(KRAV)["catalog"]["uuid"]


# ---- catalogs ----------------------------------------------------------------------------------

EDITIONS = {"2013": "ISO/IEC 27001:2013", "2022": "ISO/IEC 27001:2022",
            "2024": "ISO/IEC 27001:2022/Amd 1:2024"}


@pytest.mark.parametrize("edition", sorted(EDITIONS))
def test_builtin_catalog_validates(edition):
    catalog = assert_valid(export_json("-f", "oscal-catalog", "--edition", edition))
    assert catalog["metadata"]["title"] == EDITIONS[edition]
    controls = [i for i in catalog_items(catalog) if i[0] == "control"]
    # the assessable clauses and the Annex A controls
    assert len(controls) == {"2013": 26 + 114, "2022": 30 + 93, "2024": 30 + 93}[edition]


def test_imported_catalog_written_anew_validates():
    original = load(KRAV)["catalog"]
    catalog = assert_valid(export_json(KRAV, "-f", "oscal-catalog"))
    assert catalog["uuid"] == original["uuid"]
    assert catalog["metadata"]["title"] == original["metadata"]["title"]
    assert sorted(catalog_items(catalog)) == sorted(catalog_items(original))
    assert len([i for i in catalog_items(catalog) if i[0] == "control"]) == 11


@pytest.mark.parametrize("edition", sorted(EDITIONS))
def test_builtin_catalog_round_trip(tmp_path, edition):
    """Exported, imported again: the same ids and titles in the same order."""
    path = tmp_path / f"iso-{edition}.oscal.json"
    rc, out, err = run("convert", "-f", "oscal-catalog", "--edition", edition, "-o", str(path))
    assert rc == 0 and out == b"", err
    rc, out, err = run("catalog", "--catalog", str(path), "--format", "json")
    assert rc == 0, err
    imported = json.loads(out)
    rc, out, err = run("catalog", "--edition", edition, "--format", "json")
    assert rc == 0, err
    builtin = json.loads(out)
    got = [(i["id"], i["title"]) for i in imported["items"]]
    want = [(i["id"], i["title"]) for i in builtin["items"]]
    assert len(want) == {"2013": 199, "2022": 139, "2024": 139}[edition]
    assert got == want
    assert imported["catalog"] == EDITIONS[edition]
    # requirements stay requirements
    assert [i["id"] for i in imported["items"] if i["assessable"]] == \
        [i["id"] for i in builtin["items"] if i["assessable"]]
    # and through convert: a document against the imported copy has every requirement
    rc, out, err = run("convert", str(path), "--year", "2025")
    assert rc == 0, err
    doc = json.loads(out)
    assert [e["ref"] for e in doc["assessments"][0]["entries"]] == \
        [i["id"] for i in builtin["items"] if i["assessable"]]


# ---- determinism ---------------------------------------------------------------------------------

@pytest.mark.parametrize("args", [[SAMPLE, "-f", "oscal-ar"], [SAMPLE, "-f", "oscal-poam"],
                                  [SAMPLE, "-f", "oscal-catalog"],
                                  ["-f", "oscal-catalog", "-e", "2013"],
                                  [KRAV, "-f", "oscal-catalog"]],
                         ids=["ar", "poam", "doc-catalog", "builtin", "imported"])
def test_two_exports_are_byte_identical(args):
    first = export(*args)
    second = export(*args)
    assert first == second


def test_imported_document_exports_are_byte_identical(documents):
    for kind in ("oscal-ar", "oscal-poam"):
        assert export(documents["imported"], "-f", kind) == \
            export(documents["imported"], "-f", kind)


def test_uuids_survive_an_unrelated_edit(tmp_path, sample):
    edited = copy.deepcopy(sample)
    edited["scope"] = "En helt annan omfattning."
    edited["context"] = edited["context"][:2]
    edited["risks"][0]["title"] = "Ny rubrik på risken"
    edited["risks"][1]["treatment_text"] = "Annan behandling."
    edited["assets"][0]["name"] = "Nytt namn"
    path = write_doc(tmp_path, "edited.json", edited)
    for kind in ("oscal-ar", "oscal-poam"):
        before = export_json(SAMPLE, "-f", kind)
        after = export_json(path, "-f", kind)
        assert_valid(after)
        assert uuids(after) == uuids(before), kind
    # an edit of one entry changes neither its UUIDs nor anyone else's
    edited = copy.deepcopy(sample)
    entry = edited["assessments"][-1]["entries"][1]
    entry["comment"] = "Ändrad kommentar."
    path = write_doc(tmp_path, "edited-entry.json", edited)
    assert uuids(export_json(path, "-f", "oscal-ar")) == \
        uuids(export_json(SAMPLE, "-f", "oscal-ar"))


def test_uuids_of_what_did_not_change_are_kept(tmp_path, sample):
    """An action removed: the other actions keep their items' UUIDs."""
    edited = copy.deepcopy(sample)
    gone = edited["actions"][-1]["id"]
    edited["actions"] = edited["actions"][:-1]
    for a in edited["actions"]:
        a["prerequisites"] = [p for p in a.get("prerequisites", []) if p != gone]
    path = write_doc(tmp_path, "fewer-actions.json", edited)

    def items(doc):
        poam = export_json(doc, "-f", "oscal-poam")["plan-of-action-and-milestones"]
        return {next(p["value"] for p in i["props"] if p["name"] == "action-id"): i["uuid"]
                for i in poam["poam-items"]}
    before, after = items(SAMPLE), items(path)
    assert gone in before and gone not in after
    assert after == {k: v for k, v in before.items() if k != gone}


def test_times_come_from_the_document_not_the_clock(sample):
    ar = export_json(SAMPLE, "-f", "oscal-ar")["assessment-results"]
    assert ar["metadata"]["last-modified"].startswith(sample["date"])
    today = datetime.date.today().isoformat()
    assert today not in json.dumps(ar) or today == sample["date"]
