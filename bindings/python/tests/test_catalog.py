"""The built-in ISO/IEC 27001 catalogs: editions, items, look-up, attributes, mapping."""

import collections
import pickle

import pytest
from hypothesis import given, strategies as st

import isms

# The 2013 clauses that an assessment scores (9.2 and 9.3 have no sub-clauses in 2013).
CLAUSES_2013 = ("4.1 4.2 4.3 4.4 5.1 5.2 5.3 6.1.1 6.1.2 6.1.3 6.2 7.1 7.2 7.3 7.4 7.5.1 "
                "7.5.2 7.5.3 8.1 8.2 8.3 9.1 9.2 9.3 10.1 10.2").split()
CLAUSES_2022 = ("4.1 4.2 4.3 4.4 5.1 5.2 5.3 6.1.1 6.1.2 6.1.3 6.2 6.3 7.1 7.2 7.3 7.4 7.5.1 "
                "7.5.2 7.5.3 8.1 8.2 8.3 9.1 9.2.1 9.2.2 9.3.1 9.3.2 9.3.3 10.1 10.2").split()
NEW_2022 = ["6.3", "A.5.7", "A.5.23", "A.5.30", "A.7.4", "A.8.9", "A.8.10", "A.8.11",
            "A.8.12", "A.8.16", "A.8.23", "A.8.28"]


# ---- editions ------------------------------------------------------------------------------

@pytest.mark.parametrize("text, edition", [
    ("2013", isms.Edition.ISO27001_2013),
    ("ISO/IEC 27001:2013", isms.Edition.ISO27001_2013),
    ("SS-EN ISO/IEC 27001:2017", isms.Edition.ISO27001_2013),
    ("2022", isms.Edition.ISO27001_2022),
    ("iso/iec 27001:2022", isms.Edition.ISO27001_2022),
    ("27001:2022", isms.Edition.ISO27001_2022),
    ("2024", isms.Edition.ISO27001_2022_AMD1),
    ("2022+A1:2024", isms.Edition.ISO27001_2022_AMD1),
    ("ISO/IEC 27001:2022/Amd 1:2024", isms.Edition.ISO27001_2022_AMD1),
    (2013, isms.Edition.ISO27001_2013),
    (2022, isms.Edition.ISO27001_2022),
    (isms.Edition.ISO27001_2022, isms.Edition.ISO27001_2022),
])
def test_edition_forms(text, edition):
    assert isms.Edition.coerce(text) is edition
    assert isms.catalog(text).edition is edition


def test_edition_names_and_errors():
    assert isms.catalog("2013").edition == "ISO/IEC 27001:2013"
    assert isms.catalog("2022").edition == "ISO/IEC 27001:2022"
    assert isms.catalog("2024").edition == "ISO/IEC 27001:2022/Amd 1:2024"
    assert str(isms.Edition.ISO27001_2013) == "ISO/IEC 27001:2013"
    assert isms.Edition.ISO27001_2022.catalog is isms.catalog("2022")
    with pytest.raises(isms.ParseError) as info:
        isms.catalog("2005")
    assert "2005" in str(info.value)
    with pytest.raises(isms.ParseError):
        isms.catalog(2005)
    with pytest.raises(TypeError):
        isms.catalog(None)
    with pytest.raises(TypeError):
        isms.catalog(2022.0)


def test_catalog_is_a_singleton_per_edition():
    assert isms.catalog("2022") is isms.catalog("ISO/IEC 27001:2022")
    assert isms.Catalog("2013") is isms.catalog(2013)
    assert isms.catalog(isms.catalog("2024")) is isms.catalog("2024")
    assert pickle.loads(pickle.dumps(isms.catalog("2013"))) is isms.catalog("2013")
    assert repr(isms.catalog("2013")) == "<Catalog ISO/IEC 27001:2013, 199 items>"


# ---- golden counts ------------------------------------------------------------------------

def test_2013_counts():
    cat = isms.catalog("2013")
    assert [i.id for i in cat.requirements("clauses")] == CLAUSES_2013
    assert len(cat.requirements("clauses")) == 26
    controls = cat.requirements("annex_a")
    assert len(controls) == 114
    assert all(c.kind == "control" and c.id.count(".") == 3 for c in controls)
    assert len(cat.requirements()) == len(cat.requirements("both")) == 140
    kinds = collections.Counter(i.kind for i in cat)
    assert kinds == {"chapter": 7, "clause": 22, "subclause": 6, "annex": 1, "group": 14,
                     "objective": 35, "control": 114}
    assert len(cat) == sum(kinds.values()) == 199
    assert not any(i.is_new for i in cat)
    assert not any(i.attributes for i in cat)


def test_2022_counts():
    cat = isms.catalog("2022")
    assert [i.id for i in cat.requirements("clauses")] == CLAUSES_2022
    controls = cat.requirements("annex_a")
    assert len(controls) == 93
    themes = collections.Counter(c.theme for c in controls)
    assert themes == {"organizational": 37, "people": 8, "physical": 14, "technological": 34}
    assert [g.id for g in cat["A"].children] == ["A.5", "A.6", "A.7", "A.8"]
    assert [len(g.children) for g in cat["A"].children] == [37, 8, 14, 34]
    assert [i.id for i in cat if i.is_new] == NEW_2022
    assert all(c.attributes for c in controls)
    assert len(cat) == 139


def test_amended_edition():
    amd, base = isms.catalog("2024"), isms.catalog("2022")
    assert [i.id for i in amd] == [i.id for i in base]
    assert "climate" in amd["4.1"].amendment
    assert amd["4.2"].amendment is not None
    assert base["4.1"].amendment is None and amd["4.3"].amendment is None
    assert [m.relation for m in base["4.1"].map("2024")] == ["subset"]
    assert [m.relation for m in amd["4.1"].map("2022")] == ["superset"]
    assert [(m.target, m.relation) for m in base["4.2"].map("2024")] == [(amd["4.2"], "equal")]


# ---- the tree and iteration ----------------------------------------------------------------

def test_roots_children_parents():
    for edition in ("2013", "2022"):
        cat = isms.catalog(edition)
        roots = cat.roots
        assert [r.id for r in roots] == ["4", "5", "6", "7", "8", "9", "10", "A"]
        assert all(r.parent is None for r in roots)
        seen = []
        for root in roots:
            for item in root.walk():
                seen.append(item)
                for child in item.children:
                    assert child.parent is item
        assert seen == list(cat)  # document order: depth first
        assert all(item.catalog is cat and item in cat for item in cat)


def test_item_fields_2013():
    cat = isms.catalog("2013")
    item = cat["A.9.2.1"]
    assert (item.id, item.kind, item.chapter, item.theme) == ("A.9.2.1", "control", None, None)
    assert item.title == "User registration and de-registration"
    assert item.parent.id == "A.9.2" and item.parent.kind == "objective"
    assert item.group.id == "A.9" and item.group.kind == "group"
    assert item.assessable and not item.is_new and item.amendment is None
    assert item.attributes == {}
    assert item.edition == "ISO/IEC 27001:2013"
    clause = cat["6.1.2"]
    assert (clause.kind, clause.chapter, clause.group) == ("subclause", 6, None)
    assert clause.parent.id == "6.1" and not clause.parent.assessable
    assert cat["6"].kind == "chapter" and cat["A"].kind == "annex"
    assert cat["A"].group is None
    assert cat["9.2"].assessable and cat["9.2"].children == ()


def test_item_fields_2022():
    cat = isms.catalog("2022")
    item = cat["A.5.1"]
    assert item.title == "Policies for information security"
    assert item.theme is isms.Theme.ORGANIZATIONAL and item.theme.label("sv") == "organisatoriska"
    assert item.group is cat["A.5"] and cat["A.5"].group is cat["A.5"]
    assert item.attributes == {
        "control_type": frozenset({"Preventive"}),
        "properties": frozenset({"Confidentiality", "Integrity", "Availability"}),
        "concepts": frozenset({"Identify"}),
        "capabilities": frozenset({"Governance"}),
        "domains": frozenset({"Governance_and_Ecosystem", "Resilience"}),
    }
    monitoring = cat["A.8.16"]
    assert monitoring.title == "Monitoring activities" and monitoring.is_new
    assert monitoring.attributes["concepts"] == {"Detect", "Respond"}
    assert monitoring.theme == "technological"
    assert cat["6.3"].is_new and cat["6.3"].title == "Planning of changes"
    assert cat["9.2"].kind == "clause" and not cat["9.2"].assessable
    assert cat["A"].attributes == {} and cat["A.5"].attributes == {}


def test_item_identity_equality_hash_repr():
    cat = isms.catalog("2022")
    a = cat["A.5.1"]
    assert cat["A 5.1"] is a and cat.find("a5.1") is a
    assert a == cat["A.05.01"]
    assert a != isms.catalog("2024")["A.5.1"]   # same id, other edition
    assert a != isms.catalog("2013")["A.5.1"]   # a 2013 control objective
    assert len({a, cat["A.5.1"], isms.catalog("2024")["A.5.1"]}) == 2
    assert repr(a) == ("<Item A.5.1 control 'Policies for information security' "
                       "(ISO/IEC 27001:2022)>")
    assert str(a) == "A.5.1 Policies for information security"
    assert pickle.loads(pickle.dumps(a)) is a
    with pytest.raises(TypeError):
        isms.Item()
    with pytest.raises(AttributeError):
        a.title = "x"


# ---- look-up ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text, scope, found", [
    ("A.5.1", "both", "A.5.1"), ("A 5.1", "both", "A.5.1"), ("a5.1", "both", "A.5.1"),
    ("A.05.01", "both", "A.5.1"), ("  A.5.1.  ", "both", "A.5.1"), ("A . 5 . 1", "both", "A.5.1"),
    ("5.1", "both", "5.1"), ("5.1", "clauses", "5.1"), ("5.1", "annex_a", "A.5.1"),
    ("§ 6.1.2", "both", "6.1.2"), ("6.1.2.", "both", "6.1.2"), ("A", "both", "A"),
    ("8.34", "annex_a", "A.8.34"), ("8.34", "both", None), ("A.5.1", "clauses", "A.5.1"),
    ("6.1.2 Bedömning av informationssäkerhetsrisker", "both", None),
    ("A.", "both", None), ("11", "both", None), ("", "both", None), ("x\0", "both", None),
])
def test_find(text, scope, found):
    item = isms.catalog("2022").find(text, scope)
    assert (item.id if item else None) == found


def test_getitem_get_contains():
    cat = isms.catalog("2013")
    assert cat["A.18.2.3"].title == "Technical compliance review"
    with pytest.raises(isms.NotFoundError) as info:
        cat["A.8.34"]
    assert isinstance(info.value, KeyError) and "A.8.34" in str(info.value)
    with pytest.raises(KeyError):
        cat["6.3"]
    with pytest.raises(TypeError):
        cat[0]
    assert cat.get("6.3") is None and cat.get("6.3", 7) == 7 and cat.get("6.2").id == "6.2"
    assert "A 12.6.1" in cat and "6.3" not in cat and 5 not in cat
    assert isms.catalog("2022")["A.5.1"] not in cat and cat["4.1"] in cat
    with pytest.raises(isms.ParseError):
        cat.find("4.1", scope="sideways")
    assert cat.find("12.6.1", scope=isms.Scope.ANNEX_A).id == "A.12.6.1"


# ---- attributes and filter ---------------------------------------------------------------------

def test_attribute_helpers():
    values = isms.attribute_values()
    assert list(values) == ["control_type", "properties", "concepts", "capabilities",
                            "domains"]
    assert [len(v) for v in values.values()] == [3, 3, 5, 15, 4]
    assert isms.attribute_values("concepts") == ("Identify", "Protect", "Detect", "Respond",
                                                 "Recover")
    assert isms.parse_attribute("#Detect") == ("concepts", "Detect")
    assert isms.parse_attribute("governance and ecosystem") == ("domains",
                                                                "Governance_and_Ecosystem")
    assert isms.parse_attribute("Defense") == ("domains", "Defence")
    assert isms.parse_attribute("Konfidentialitet") == ("properties", "Confidentiality")
    assert isms.attribute_label("#Confidentiality") == "Konfidentialitet"
    assert isms.attribute_label("Governance_and_Ecosystem", "en") == "Governance and Ecosystem"
    with pytest.raises(isms.ParseError):
        isms.parse_attribute("#Fast")
    with pytest.raises(isms.InvalidArgumentError):
        isms.attribute_values("colours")


def _expected(cat, want, match):
    out = []
    for c in cat.requirements("annex_a"):
        attrs = c.attributes
        ok = True
        for family, values in want.items():
            have = attrs[family]
            ok = ok and (values <= have if match == "all" else bool(values & have))
        if ok:
            out.append(c)
    return out


@pytest.mark.parametrize("kwargs, want", [
    (dict(properties="Confidentiality"), {"properties": {"Confidentiality"}}),
    (dict(properties="#Confidentiality", concepts="detect"),
     {"properties": {"Confidentiality"}, "concepts": {"Detect"}}),
    (dict(control_type=["Detective", "Corrective"]),
     {"control_type": {"Detective", "Corrective"}}),
    (dict(capabilities="Continuity", domains=("Resilience",)),
     {"capabilities": {"Continuity"}, "domains": {"Resilience"}}),
    (dict(concepts={"Respond", "Recover"}), {"concepts": {"Respond", "Recover"}}),
])
@pytest.mark.parametrize("match", ["all", "any"])
def test_filter_agrees_with_the_attributes(kwargs, want, match):
    cat = isms.catalog("2022")
    got = cat.filter(match=match, **kwargs)
    assert got == _expected(cat, want, match)
    assert got and all(c.kind == "control" for c in got)


def test_filter_details():
    cat = isms.catalog("2022")
    assert cat.filter() == cat.requirements("annex_a")
    detect = cat.filter(concepts="Detect")
    assert len(detect) == 14 and cat["A.8.16"] in detect
    assert cat.filter("#Detect") == detect                 # positional: own family
    assert cat.filter("Detektera", "Konfidentialitet") == cat.filter(
        concepts="Detect", properties="Confidentiality")
    assert [c.id for c in cat.filter(concepts=["Detect", "Respond"])] == [
        "A.5.7", "A.5.25", "A.5.28", "A.8.16"]
    assert len(cat.filter(concepts=["Detect", "Respond"], match="ANY")) == 21
    assert isms.catalog("2024").filter(concepts="Detect") == [
        isms.catalog("2024")[c.id] for c in detect]
    assert isms.catalog("2013").filter(concepts="Detect") == []  # 2013 has no attributes
    with pytest.raises(isms.InvalidArgumentError) as info:
        cat.filter(properties="Detect")
    assert "concepts" in str(info.value)
    with pytest.raises(isms.ParseError):
        cat.filter(concepts="Sniff")
    with pytest.raises(isms.InvalidArgumentError):
        cat.filter(concepts="Detect", match="most")
    with pytest.raises(TypeError):
        cat.filter(concepts=3)


# ---- mapping ---------------------------------------------------------------------------------

def targets(item, edition):
    return [(m.target.id if m.target else None, m.relation) for m in item.map(edition)]


def test_mapping_2013_to_2022():
    c13 = isms.catalog("2013")
    # 10.1 and 10.2 swap places
    assert targets(c13["10.1"], "2022") == [("10.2", "equal")]
    assert targets(c13["10.2"], "2022") == [("10.1", "equal")]
    # 9.2 is split into 9.2.1 and 9.2.2
    assert targets(c13["9.2"], "2022") == [("9.2.1", "superset"), ("9.2.2", "superset")]
    m = c13["10.1"].map(isms.Edition.ISO27001_2022)[0]
    assert isinstance(m, isms.Mapping) and m.source is c13["10.1"]
    assert m.target is isms.catalog("2022")["10.2"]
    assert isinstance(m.relation, isms.Relation)
    # A.9.2.2, A.9.2.5, A.9.2.6 are combined into A.5.18
    for ref in ("A.9.2.2", "A.9.2.5", "A.9.2.6"):
        assert ("A.5.18", "subset") in targets(c13[ref], "2022")
    # A.8.8 also takes in A.18.2.3: each source is narrower
    assert targets(c13["A.12.6.1"], "2022") == [("A.8.8", "subset")]
    assert ("A.18.2.3", "intersect") in targets(isms.catalog("2022")["A.8.8"], "2013")
    # the two 2013 policy controls are merged into A.5.1
    assert targets(c13["A.5.1.1"], "2022") == targets(c13["A.5.1.2"], "2022") == [
        ("A.5.1", "subset")]


def test_mapping_2022_to_2013():
    c22 = isms.catalog("2022")
    assert targets(c22["6.3"], "2013") == [(None, "new")]
    assert all(targets(c22[ref], "2013") == [(None, "new")] for ref in NEW_2022)
    assert targets(c22["A.5.18"], "2013") == [
        ("A.9.2.2", "superset"), ("A.9.2.5", "superset"), ("A.9.2.6", "superset")]
    assert targets(c22["9.2.1"], "2013") == [("9.2", "subset")]
    # headings do not map between 2013 and 2022, but map within an edition
    assert c22["6.1"].map("2013") == []
    assert targets(c22["6.1"], "2022") == [("6.1", "equal")]


def test_every_2013_requirement_maps_somewhere():
    c13, c22 = isms.catalog("2013"), isms.catalog("2022")
    reached = set()
    for item in c13.requirements():
        edges = item.map("2022")
        assert edges and all(m.source is item for m in edges)
        reached.update(m.target for m in edges if m.target is not None)
    new = {c22[ref] for ref in NEW_2022}
    assert reached | new == set(c22.requirements())


@given(st.sampled_from(isms.catalog("2013").requirements()))
def test_property_mapping_reads_back(item):
    for m in item.map("2022"):
        if m.target is None:
            continue
        back = {(b.target, b.relation) for b in m.target.map("2013")}
        flipped = {"subset": "superset", "superset": "subset"}.get(m.relation, m.relation)
        assert (item, flipped) in back


# ---- enumerations ---------------------------------------------------------------------------

def test_item_kind_theme_scope_relation():
    assert [k.value for k in isms.ItemKind] == ["chapter", "clause", "subclause", "annex",
                                                "group", "objective", "control"]
    assert isms.ItemKind.SUBCLAUSE.label("sv") == "underavsnitt"
    assert isms.ItemKind.parse("kontrollmål") is isms.ItemKind.OBJECTIVE
    assert isms.Theme.parse("tekniska") is isms.Theme.TECHNOLOGICAL
    assert isms.Scope.parse("Annex A") is isms.Scope.ANNEX_A
    assert isms.Scope.coerce("annex-a") is isms.Scope.ANNEX_A
    assert isms.Scope.parse("BOTH") is isms.Scope.BOTH
    assert [r.value for r in isms.Relation] == ["equal", "subset", "superset", "intersect",
                                                "new", "removed"]
    with pytest.raises(isms.ParseError):
        isms.Scope.parse("everything and more")
