"""The JSON Schema of the document format libisms/1 (lib/io/libisms-1.schema.json).

Checks that the schema is a valid JSON Schema 2020-12; that the sample document
(examples/data/exempelstad.isms.json) and the valid fixtures of the loader's tests conform to
it and that the sample has the schema's key order; that the schema rejects broken copies of
the sample (an unknown key, a wrong type, a value outside a vocabulary …) at the place that is
broken; and, when the `isms` command runs, that what the library writes conforms as well: the
sample saved again (byte for byte the sample itself), the loader's fixtures saved again, and a
document built from the organisation's CSV tables.

Run by `meson test` (tests/meson.build) with ISMS_SOURCE_ROOT, ISMS_BUILD_ROOT and ISMS_TOOL
in the environment; skips with a message where python3-jsonschema is missing.
"""

import copy
import json
import os
import pathlib
import subprocess

import pytest

jsonschema = pytest.importorskip(
    "jsonschema", reason="python3-jsonschema is not installed: the schema is not checked")

_HERE = pathlib.Path(__file__).resolve().parent
SOURCE_ROOT = pathlib.Path(os.environ.get("ISMS_SOURCE_ROOT", _HERE.parent.parent))
SCHEMA_PATH = SOURCE_ROOT / "lib" / "io" / "libisms-1.schema.json"
SAMPLE_PATH = SOURCE_ROOT / "examples" / "data" / "exempelstad.isms.json"
DATA_DIR = SOURCE_ROOT / "examples" / "data"
TOOL = os.environ.get("ISMS_TOOL")


def _load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


@pytest.fixture(scope="module")
def schema():
    return _load(SCHEMA_PATH)


@pytest.fixture(scope="module")
def validator(schema):
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema)


@pytest.fixture(scope="module")
def sample():
    return _load(SAMPLE_PATH)


def _errors(validator, document):
    """Every violation as "$.path: message", in a stable order."""
    out = []
    for e in sorted(validator.iter_errors(document), key=lambda e: list(map(str, e.path))):
        path = "$" + "".join("[%d]" % p if isinstance(p, int) else ".%s" % p for p in e.path)
        out.append("%s: %s" % (path, e.message[:300]))
    return out


# ---- the schema itself ------------------------------------------------------------------------


def test_schema_is_a_valid_2020_12_schema(schema):
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)
    assert jsonschema.validators.validator_for(schema) is jsonschema.Draft202012Validator


def test_schema_references_resolve(schema):
    """Every "$ref" names a definition that exists (a typo would only show on use)."""
    refs = []

    def walk(node):
        if isinstance(node, dict):
            if "$ref" in node:
                refs.append(node["$ref"])
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(schema)
    assert refs
    for ref in refs:
        assert ref.startswith("#/$defs/"), ref
        assert ref[len("#/$defs/"):] in schema["$defs"], ref


# ---- the sample document ----------------------------------------------------------------------


def test_sample_validates(validator, sample):
    assert _errors(validator, sample) == []


def test_sample_is_complete(sample):
    """The Quick start's demo holds every part of an ISMS, as the issue asks."""
    assert sample["format"] == "libisms/1"
    assert sample["language"] == "sv"
    assert len(sample["risks"]) >= 12
    assert sum(1 for r in sample["risks"] if "model" in r) >= 2
    assert any("vector" in r for r in sample["risks"])
    years = [a["year"] for a in sample["assessments"]]
    assert years == sorted(years) and len(years) >= 2
    latest = sample["assessments"][-1]
    soa = [e for e in latest["entries"] if e["ref"].startswith("A.")]
    assert len(soa) == 93 and all("applicability" in e for e in soa)
    assert sum(1 for a in sample["assets"] if a["type"] == "information") >= 20
    assert sample["relations"]
    assert len(sample["actions"]) >= 15
    assert {a["recurrence"] for a in sample["actions"]} >= {"yearly", "quarterly"}


def _resolve(schema, node):
    while isinstance(node, dict) and "$ref" in node:
        node = schema["$defs"][node["$ref"].split("/")[-1]]
    return node


def _key_order_problems(schema, value, node, path, out):
    """Objects whose keys are not in the order of the schema's "properties" (the writer's
    order), recursively."""
    node = _resolve(schema, node)
    if isinstance(value, dict):
        candidates = [node] + [_resolve(schema, c) for c in node.get("oneOf", [])]
        props = next((c["properties"] for c in candidates
                      if isinstance(c, dict) and "properties" in c), None)
        if props is None:
            sub = node.get("additionalProperties", {})
            for k, v in value.items():
                _key_order_problems(schema, v, sub if isinstance(sub, dict) else {},
                                    "%s.%s" % (path, k), out)
            return
        order = list(props)
        keys = [k for k in value if k in props]
        if keys != sorted(keys, key=order.index):
            out.append("%s: keys %s, the schema's order is %s"
                       % (path, keys, sorted(keys, key=order.index)))
        for k in keys:
            _key_order_problems(schema, value[k], props[k], "%s.%s" % (path, k), out)
    elif isinstance(value, list):
        items = node.get("items", {})
        for c in node.get("oneOf", []):
            c = _resolve(schema, c)
            if isinstance(c, dict) and "items" in c:
                items = c["items"]
        for i, v in enumerate(value):
            _key_order_problems(schema, v, items, "%s[%d]" % (path, i), out)


def test_sample_has_the_schema_key_order(schema, sample):
    problems = []
    _key_order_problems(schema, sample, schema, "$", problems)
    assert problems == []


def test_key_order_check_finds_a_swap(schema, sample):
    """The check above can fail: two keys of a risk swapped are found."""
    doc = copy.deepcopy(sample)
    risk = doc["risks"][0]
    doc["risks"][0] = {"title": risk["title"], **{k: v for k, v in risk.items() if k != "title"}}
    problems = []
    _key_order_problems(schema, doc, schema, "$", problems)
    assert len(problems) == 1 and problems[0].startswith("$.risks[0]:")


def test_sample_is_utf8_with_two_space_indent_and_final_newline():
    raw = SAMPLE_PATH.read_bytes()
    text = raw.decode("utf-8")
    assert not text.startswith("\ufeff")
    assert text.endswith("}\n") and not text.endswith("\n\n")
    assert "\r" not in text and "\t" not in text
    assert text.splitlines()[1].startswith('  "format"')
    assert "\\u00" not in text  # Swedish letters as they are, not escaped


# ---- the loader's fixtures --------------------------------------------------------------------


def _fixture_files():
    """Valid documents of the loader's and the writer's tests: JSON files under
    tests/data/doc-load/ and tests/data/doc-save/, except those named as broken."""
    files = []
    for sub in ("doc-load", "doc-save"):
        root = SOURCE_ROOT / "tests" / "data" / sub
        if not root.is_dir():
            continue
        for p in sorted(root.rglob("*.json")):
            rel = p.relative_to(root)
            parts = [x.lower() for x in rel.parts]
            if any(x.startswith(("broken", "bad", "invalid", "error")) for x in parts):
                continue
            files.append(p)
    return files


FIXTURES = _fixture_files()


@pytest.mark.skipif(not FIXTURES, reason="no fixtures under tests/data/doc-load or doc-save")
@pytest.mark.parametrize("path", FIXTURES,
                         ids=[str(p.relative_to(SOURCE_ROOT)) for p in FIXTURES])
def test_fixture_validates(validator, path):
    assert _errors(validator, _load(path)) == []


# ---- broken copies of the sample --------------------------------------------------------------


def _set(path, value):
    def mutate(doc):
        node = doc
        for p in path[:-1]:
            node = node[p]
        node[path[-1]] = value
    return mutate


def _delete(path):
    def mutate(doc):
        node = doc
        for p in path[:-1]:
            node = node[p]
        del node[path[-1]]
    return mutate


def _rename(path, new_key):
    def mutate(doc):
        node = doc
        for p in path[:-1]:
            node = node[p]
        node[new_key] = node.pop(path[-1])
    return mutate


# (name, mutation, the path at which the schema must report it)
MUTATIONS = [
    ("unknown top-level key", _set(["comment"], "x"), "$"),
    ("misspelt key of a risk", _rename(["risks", 3, "likelihood"], "likelihod"), "$.risks[3]"),
    ("unknown key of an entry", _set(["assessments", 1, "entries", 0, "statu"], "yes"),
     "$.assessments[1].entries[0]"),
    ("unknown key of a distribution",
     _set(["risks", 0, "model", "nodes", "tef", "sigma"], 1), "$.risks[0].model.nodes.tef"),
    ("unknown FAIR node", _set(["risks", 0, "model", "nodes", "loss"], {"kind": "constant"}),
     "$.risks[0].model.nodes"),
    ("year as a string", _set(["year"], "2024"), "$.year"),
    ("likelihood as a string", _set(["risks", 0, "likelihood"], "3"), "$.risks[0].likelihood"),
    ("nis as a string", _set(["assets", 0, "nis"], "ja"), "$.assets[0].nis"),
    ("evidence as a string", _set(["assessments", 1, "entries", 2, "evidence"], "KS 2023/112"),
     "$.assessments[1].entries[2].evidence"),
    ("level above the classification scale", _set(["assets", 0, "levels", "confidentiality"], 10),
     "$.assets[0].levels.confidentiality"),
    ("treatment outside the vocabulary", _set(["risks", 0, "treatment"], "mitigate"),
     "$.risks[0].treatment"),
    ("Swedish status instead of the format's name",
     _set(["assessments", 0, "entries", 0, "status"], "Delvis"),
     "$.assessments[0].entries[0].status"),
    ("relation kind outside the vocabulary", _set(["relations", 0, "kind"], "uses"),
     "$.relations[0].kind"),
    ("edition outside the vocabulary", _set(["assessments", 0, "edition"], "2017"),
     "$.assessments[0].edition"),
    ("effort size outside the vocabulary", _set(["actions", 0, "effort"], "XXL"),
     "$.actions[0].effort"),
    ("unknown matrix preset", _set(["matrix"], "4x5"), "$.matrix"),
    ("another format version", _set(["format"], "libisms/2"), "$.format"),
    ("missing required title", _delete(["risks", 0, "title"]), "$.risks[0]"),
    ("missing required year", _delete(["year"]), "$"),
    ("date not in ISO form", _set(["date"], "15 november 2024"), "$.date"),
    ("empty id", _set(["actions", 0, "id"], ""), "$.actions[0].id"),
    ("reason given twice", _set(["assessments", 1, "entries", 30, "reasons"], ["risk", "risk"]),
     "$.assessments[1].entries[30].reasons"),
    ("negative capacity", _set(["settings", "schedule", "capacity"], -1),
     "$.settings.schedule.capacity"),
    ("zero iterations", _set(["settings", "simulation", "iterations"], 0),
     "$.settings.simulation.iterations"),
]


@pytest.mark.parametrize("mutate,where", [(m, w) for _, m, w in MUTATIONS],
                         ids=[n for n, _, _ in MUTATIONS])
def test_schema_rejects_broken_copy(validator, sample, mutate, where):
    doc = copy.deepcopy(sample)
    mutate(doc)
    errors = _errors(validator, doc)
    assert errors, "the schema accepts the broken copy"
    # jsonschema reports a failing "oneOf" at the parent and every branch's reason inside
    # it, so the place must be that of one of the errors, not necessarily the first.
    assert any(e.split(": ", 1)[0] == where for e in errors), errors


def test_mutations_start_from_what_they_claim(sample):
    """The paths in MUTATIONS hit what their names say (the sample's shape is assumed)."""
    assert sample["assessments"][1]["entries"][30]["ref"].startswith("A.")
    assert "reasons" in sample["assessments"][1]["entries"][30]
    assert sample["assessments"][1]["entries"][2]["ref"] == "4.3"
    assert "tef" in sample["risks"][0]["model"]["nodes"]
    assert "levels" in sample["assets"][0]


# ---- imported catalogs ------------------------------------------------------------------------

CATALOG_DOCS = [SOURCE_ROOT / "tests" / "data" / "doc-save" / "catalogs.json",
                SOURCE_ROOT / "tests" / "data" / "doc-load" / "catalogs.json"]
EX_UUID = "ba8eab7e-7ca6-5b08-90f0-3da2903eb537"


def _reference_oscal():
    """The official OSCAL catalog schema (../shared/reference), with the \\p{L} and \\p{N}
    classes of its token pattern rewritten for Python's re (in memory only), or a skip."""
    ref = os.environ.get("ISMS_REFERENCE_DIR") or str(SOURCE_ROOT.parent / "shared" / "reference")
    path = pathlib.Path(ref) / "oscal" / "schema" / "oscal_catalog_schema.json"
    if not path.is_file():
        pytest.skip("%s is absent: embedded catalogs are not checked against OSCAL" % path)
    text = path.read_text(encoding="utf-8")
    text = text.replace("\\\\p{L}", "[^\\\\W\\\\d_]").replace("\\\\p{N}", "\\\\d")
    return json.loads(text)


@pytest.fixture(scope="module")
def catalogs_doc():
    return _load(CATALOG_DOCS[0])


def test_catalog_documents_hold_catalogs(catalogs_doc):
    """The writer's fixture: one catalog, named by two assessments; one assessment against an
    edition."""
    assert [c["uuid"] for c in catalogs_doc["catalogs"]] == [EX_UUID]
    assert [a.get("catalog", a.get("edition")) for a in catalogs_doc["assessments"]] == [
        "2022", EX_UUID, EX_UUID]
    keys = list(catalogs_doc)
    assert keys.index("risks") + 1 == keys.index("catalogs")
    assert keys.index("catalogs") + 1 == keys.index("assessments")


def test_catalog_document_has_the_schema_key_order(schema, catalogs_doc):
    problems = []
    _key_order_problems(schema, catalogs_doc, schema, "$", problems)
    assert problems == []


@pytest.mark.parametrize("path", CATALOG_DOCS, ids=[p.parent.name for p in CATALOG_DOCS])
def test_embedded_catalogs_are_oscal(path):
    """Each element of "catalogs" is an OSCAL 1.1.3 catalog object: as the root's "catalog",
    it validates against the official schema."""
    oscal = _reference_oscal()
    validator = jsonschema.Draft7Validator(oscal, format_checker=jsonschema.FormatChecker())
    doc = _load(path)
    assert doc["catalogs"]
    for i, catalog in enumerate(doc["catalogs"]):
        errors = ["%s: %s" % (list(e.path), e.message[:200])
                  for e in validator.iter_errors({"catalog": catalog})]
        assert errors == [], "catalogs[%d]" % i


def _assessment(i, mutate):
    def run(doc):
        mutate(doc["assessments"][i])
    return run


CATALOG_MUTATIONS = [
    ("edition and catalog", _assessment(1, lambda a: a.update(edition="2022")),
     "$.assessments[1]"),
    ("neither edition nor catalog", _assessment(1, lambda a: a.pop("catalog")),
     "$.assessments[1]"),
    ("catalog not a uuid", _assessment(1, lambda a: a.update(catalog="exempelstad")),
     "$.assessments[1].catalog"),
    ("catalog without metadata", lambda d: d["catalogs"][0].pop("metadata"), "$.catalogs[0]"),
    ("catalog metadata without a version",
     lambda d: d["catalogs"][0]["metadata"].pop("version"), "$.catalogs[0].metadata"),
    ("catalogs not an array", lambda d: d.update(catalogs={}), "$.catalogs"),
    ("control without an id", lambda d: d["catalogs"][0]["groups"][0]["controls"][0].pop("id"),
     "$.catalogs[0].groups[0].controls[0]"),
]


@pytest.mark.parametrize("mutate,where", [(m, w) for _, m, w in CATALOG_MUTATIONS],
                         ids=[n for n, _, _ in CATALOG_MUTATIONS])
def test_schema_rejects_broken_catalog_document(validator, catalogs_doc, mutate, where):
    doc = copy.deepcopy(catalogs_doc)
    assert _errors(validator, doc) == []
    mutate(doc)
    errors = _errors(validator, doc)
    assert errors, "the schema accepts the broken copy"
    assert any(e.split(": ", 1)[0] == where for e in errors), errors


# ---- what the library writes ------------------------------------------------------------------


def _tool_or_skip():
    if not TOOL:
        pytest.skip("ISMS_TOOL is not set: run through meson test")
    try:
        r = subprocess.run([TOOL, "version"], capture_output=True, text=True, timeout=60)
    except OSError as err:
        pytest.skip("the isms tool does not run: %s" % err)
    if r.returncode != 0:
        pytest.skip("`isms version` fails (%d): %s" % (r.returncode, r.stderr.strip()[:200]))
    return TOOL


def _resave(tool, src, out):
    """Saves the document `src` again as JSON with `isms convert`; skips when the command
    does not offer that (usage error), fails on any other error."""
    r = subprocess.run([tool, "convert", str(src), "--format", "json", "-o", str(out)],
                       capture_output=True, text=True, timeout=120)
    if r.returncode == 2 and not out.exists() and (
            "usage" in r.stderr.lower() or "användning" in r.stderr.lower()):
        pytest.skip("`isms convert DOC --format json -o FILE` is not offered: %s"
                    % r.stderr.strip()[:200])
    assert r.returncode == 0, "isms convert %s: exit %d: %s" % (src, r.returncode, r.stderr)
    assert out.exists()
    return out


def test_written_sample_validates_and_equals_the_sample(validator, tmp_path):
    tool = _tool_or_skip()
    out = _resave(tool, SAMPLE_PATH, tmp_path / "resaved.json")
    assert _errors(validator, _load(out)) == []
    assert out.read_bytes() == SAMPLE_PATH.read_bytes(), (
        "the sample is not what the library writes: regenerate it with "
        "`isms convert examples/data/exempelstad.isms.json -o examples/data/"
        "exempelstad.isms.json` after checking the difference")


@pytest.mark.skipif(not FIXTURES, reason="no fixtures under tests/data/doc-load or doc-save")
@pytest.mark.parametrize("path", FIXTURES,
                         ids=[str(p.relative_to(SOURCE_ROOT)) for p in FIXTURES])
def test_written_fixture_validates(validator, tmp_path, path):
    tool = _tool_or_skip()
    out = _resave(tool, path, tmp_path / "resaved.json")
    assert _errors(validator, _load(out)) == []


def test_document_built_from_csv_validates(validator, tmp_path):
    """A document the library builds from the organisation's spreadsheets (gap analyses of
    two years, the risk register, the inventory and its relations) conforms too."""
    tool = _tool_or_skip()
    out = tmp_path / "from-csv.json"
    tables = ["gap-analysis-2023.csv", "gap-analysis-2024.csv", "riskregister.csv",
              "inventory.csv", "relations.csv"]
    r = subprocess.run([tool, "convert"] + [str(DATA_DIR / t) for t in tables]
                       + ["--org", "Exempelby kommun", "--year", "2024", "-o", str(out)],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, "isms convert (CSV): exit %d: %s" % (r.returncode, r.stderr)
    doc = _load(out)
    assert _errors(validator, doc) == []
    assert len(doc["risks"]) == 12 and len(doc["assessments"]) == 2 and doc["assets"]
