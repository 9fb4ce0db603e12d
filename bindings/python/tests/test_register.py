"""RiskRegister and Risk: add, look up, iterate, remove, sort, count, heat map, lint."""

import pytest

import isms


def small_register():
    """Five risks on the 4x4 matrix with hand-computed values:
    R1 3x4=12 very-high, R2 2x4=8 high, R10 2x4=8 high, R3 1x1=1 low, R4 unassessed."""
    reg = isms.RiskRegister()
    reg.add("R1", "Nätfiske", 3, 4, treatment="Utbildning", option="Reducera")
    reg.add("R2", "Utpressningsvirus", 2, 4, treatment="Säkerhetskopior")
    reg.add("R10", "Leverantörskonkurs", 2, 4, option="share")
    reg.add("R3", "Strömavbrott", 1, 1)
    reg.add("R4", "Ej bedömd")
    return reg


# ---- container protocol -------------------------------------------------------------------

def test_len_iter_getitem_contains_repr():
    reg = small_register()
    assert len(reg) == 5
    assert [r.id for r in reg] == ["R1", "R2", "R10", "R3", "R4"]
    assert reg.ids() == ["R1", "R2", "R10", "R3", "R4"]
    assert reg["R10"].title == "Leverantörskonkurs"
    assert "R3" in reg and "R5" not in reg and 3 not in reg and "R\0" not in reg
    assert repr(reg) == "<RiskRegister 5 risks, matrix 4x4>"
    one = isms.RiskRegister("3x3")
    one.add("A", "a", 1, 1)
    assert repr(one) == "<RiskRegister 1 risk, matrix 3x3>"
    assert repr(isms.RiskRegister()) == "<RiskRegister 0 risks, matrix 4x4>"
    assert not isms.RiskRegister() and reg


def test_getitem_errors():
    reg = small_register()
    with pytest.raises(isms.NotFoundError):
        reg["R99"]
    with pytest.raises(KeyError):
        reg["r1"]  # ids compare exactly
    with pytest.raises(TypeError):
        reg[0]
    assert reg.get("R99") is None and reg.get("R99", 5) == 5
    assert reg.get("R1").id == "R1"


def test_same_risk_gives_same_object():
    reg = small_register()
    a = reg["R1"]
    assert reg["R1"] is a
    assert next(iter(reg)) is a
    assert reg.sorted()[0] is a


def test_remove_and_detached_risk():
    reg = small_register()
    r2 = reg["R2"]
    reg.remove("R2")
    assert len(reg) == 4 and "R2" not in reg
    assert [r.id for r in reg] == ["R1", "R10", "R3", "R4"]
    assert r2.removed and r2.register is None and r2.id == "R2"
    assert repr(r2) == "<Risk R2 (removed)>"
    with pytest.raises(isms.NotFoundError):
        r2.title
    with pytest.raises(isms.NotFoundError):
        r2.likelihood = 1
    with pytest.raises(isms.NotFoundError):
        reg.remove("R2")
    del reg["R10"]
    assert reg.ids() == ["R1", "R3", "R4"]
    # the id can be used again, and gives a new risk
    new = reg.add("R2", "ny", 1, 2)
    assert new is not r2 and new.value == 2 and r2.removed


# ---- risks --------------------------------------------------------------------------------

def test_risk_fields_from_add():
    reg = isms.RiskRegister()
    r = reg.add("R7", "Sårbarheter", 2, 3, consequence_text="Webbplatsen vandaliseras",
                stated_value=6, treatment="Skanning", option="modify", owner="IT",
                status="Under åtgärd", residual=(1, 3))
    assert (r.id, r.title, r.likelihood, r.impact) == ("R7", "Sårbarheter", 2, 3)
    assert r.consequence == 3
    assert r.consequence_text == "Webbplatsen vandaliseras"
    assert (r.value, r.stated_value) == (6, 6)
    assert r.band.name == "medium" and r.band.label("sv") == "Medel"
    assert r.normalized == pytest.approx(5 / 15)
    assert (r.residual_likelihood, r.residual_impact, r.residual_value) == (1, 3, 3)
    assert r.residual == (1, 3)
    assert r.residual_band.name == "low"
    assert r.residual_normalized == pytest.approx(2 / 15)
    assert r.treatment == "Skanning"
    assert r.option is isms.Treatment.MODIFY and r.option == "modify"
    assert r.option.label("sv") == "Reducera" and r.option.label_en == "Modify"
    assert r.owner == "IT"
    assert r.status is isms.Status.IN_TREATMENT and r.status == "in-treatment"
    assert r.status.label_sv == "Under åtgärd"
    assert r.score() == isms.Score(6, r.band, pytest.approx(5 / 15))
    assert r.score(residual=True).value == 3
    assert repr(r) == "<Risk R7 2/3 = 6 medium 'Sårbarheter'>"


def test_unset_fields_are_none_and_defaults():
    reg = isms.RiskRegister()
    r = reg.add("R1")
    assert r.title == "" and r.consequence_text == "" and r.owner == "" and r.treatment == ""
    assert r.likelihood is None and r.impact is None
    assert r.value is None and r.band is None and r.normalized is None
    assert r.stated_value is None
    assert r.residual is None and r.residual_likelihood is None
    assert r.residual_value is None and r.residual_band is None
    assert r.option is isms.Treatment.NONE and r.status is isms.Status.OPEN
    assert r.score() is None
    assert repr(r) == "<Risk R1 ?/? unscored ''>"


def test_residual_falls_back_to_inherent():
    reg = isms.RiskRegister()
    r = reg.add("R1", "x", 3, 3)
    assert r.residual is None
    assert r.residual_value == 9 and r.residual_band.name == "high"


def test_setters_rescore():
    reg = isms.RiskRegister()
    r = reg.add("R1", "x", 1, 1)
    r.likelihood = 4
    assert (r.likelihood, r.impact, r.value) == (4, 1, 4)
    r.impact = "Allvarlig"
    assert (r.impact, r.value, r.band.name) == (3, 12, "very-high")
    r.set_levels(2, 2)
    assert r.value == 4
    r.residual = (1, 2)
    assert r.residual_value == 2
    r.residual_likelihood = 2
    assert r.residual_value == 4
    r.residual = None
    assert r.residual is None and r.residual_value == 4
    r.title = "ny titel"
    r.consequence_text = "följd"
    r.owner = "HR"
    assert (r.title, r.consequence_text, r.owner) == ("ny titel", "följd", "HR")
    r.consequence_text = None
    assert r.consequence_text == ""
    r.stated_value = 5
    assert r.stated_value == 5
    r.stated_value = None
    assert r.stated_value is None
    r.likelihood = None
    assert r.likelihood is None and r.value is None


def test_option_and_treatment_are_independent():
    reg = isms.RiskRegister()
    r = reg.add("R1", "x", 3, 3)
    r.treatment = "Kryptering"
    r.option = "Dela"
    assert r.option is isms.Treatment.SHARE and r.treatment == "Kryptering"
    r.option = isms.Treatment.AVOID
    assert r.treatment == "Kryptering"
    r.treatment = "Annat"
    assert r.option is isms.Treatment.AVOID and r.treatment == "Annat"
    r.option = None
    assert r.option is isms.Treatment.NONE and r.treatment == "Annat"
    r.option = 2
    assert r.option is isms.Treatment.RETAIN
    with pytest.raises(isms.ParseError):
        r.option = "ignorera"
    with pytest.raises(isms.InvalidArgumentError):
        r.option = 17
    with pytest.raises(TypeError):
        r.option = 1.5


@pytest.mark.parametrize("text, status", [
    ("Öppen", "open"), ("open", "open"), ("ÖPPEN", "open"), ("Under åtgärd", "in-treatment"),
    ("in treatment", "in-treatment"), ("in-treatment", "in-treatment"), ("Åtgärdad", "treated"),
    ("Accepterad", "accepted"), ("closed", "closed"), ("Stängd", "closed"),
])
def test_status_accepts_swedish_and_english(text, status):
    reg = isms.RiskRegister()
    r = reg.add("R1", status=text)
    assert r.status == status


@pytest.mark.parametrize("text, option", [
    ("Reducera", "modify"), ("modify", "modify"), ("MITIGATE", "modify"), ("minska", "modify"),
    ("Acceptera", "retain"), ("retain", "retain"), ("behålla", "retain"), ("Undvika", "avoid"),
    ("avoid", "avoid"), ("Dela", "share"), ("transfer", "share"), ("", "none"),
])
def test_option_accepts_swedish_and_english(text, option):
    assert isms.Treatment.parse(text) == option


def test_enum_labels():
    assert isms.treatment_labels("sv") == {
        isms.Treatment.NONE: "", isms.Treatment.MODIFY: "Reducera",
        isms.Treatment.RETAIN: "Acceptera", isms.Treatment.AVOID: "Undvika",
        isms.Treatment.SHARE: "Dela"}
    assert isms.status_labels("en")[isms.Status.IN_TREATMENT] == "In treatment"
    assert isms.status_labels()[isms.Status.CLOSED] == "Stängd"
    assert isms.Severity.WARNING.label("sv") == "varning"
    assert isms.Severity.parse("fel") is isms.Severity.ERROR
    assert isms.Severity.ERROR.rank > isms.Severity.WARNING.rank > isms.Severity.INFO.rank
    assert str(isms.Status.OPEN) == "open" and "%s" % isms.Treatment.SHARE == "share"
    assert isms.lang_code("Svenska") == "sv" and isms.lang_code("en-GB") == "en"
    with pytest.raises(isms.ParseError):
        isms.Status.parse("halvklar")


def test_out_of_scale_levels_are_kept_and_reported():
    reg = isms.RiskRegister()
    r = reg.add("R1", "x", 5, 2)
    assert (r.likelihood, r.impact) == (5, 2)
    assert r.value is None and r.band is None
    codes = [(f.code, f.ref) for f in reg.findings()]
    assert ("risk-level-out-of-scale", "R1") in codes


def test_levels_by_label_on_the_registers_matrix():
    reg = isms.RiskRegister(isms.RiskMatrix.preset("5x5"))
    r = reg.add("R1", "x", "Mycket sannolik", "Negligible")
    assert (r.likelihood, r.impact, r.value) == (5, 1, 5)
    with pytest.raises(isms.RangeError):
        reg.add("R2", "x", "9", 1)
    with pytest.raises(isms.ParseError):
        reg.add("R2", "x", "troligt", 1)
    assert len(reg) == 1


def test_add_is_all_or_nothing():
    reg = isms.RiskRegister()
    with pytest.raises(isms.ParseError):
        reg.add("R1", "x", 1, 1, status="halvklar")
    with pytest.raises(ValueError):
        reg.add("R1", "x", 1, 1, residual=(1, 2, 3))
    assert len(reg) == 0


def test_as_dict():
    reg = small_register()
    d = reg["R1"].as_dict()
    assert d["id"] == "R1" and d["value"] == 12 and d["band"] == "very-high"
    assert d["option"] == "modify" and d["status"] == "open"
    d = reg["R1"].as_dict(lang="sv")
    assert d["band"] == "Mycket hög" and d["option"] == "Reducera" and d["status"] == "Öppen"
    assert reg["R4"].as_dict()["band"] is None


# ---- sorted, counts, heat map -------------------------------------------------------------

def test_sorted_by_value_ties_by_natural_id_unscored_last():
    reg = small_register()
    assert [r.id for r in reg.sorted()] == ["R1", "R2", "R10", "R3", "R4"]
    reg["R1"].residual = (1, 4)  # 4
    reg["R2"].residual = (1, 1)  # 1
    # residual: R10 8 (falls back), R1 4, R2 1, R3 1, R4 none
    assert [r.id for r in reg.sorted(residual=True)] == ["R10", "R1", "R2", "R3", "R4"]
    assert isms.RiskRegister().sorted() == []


def test_band_counts():
    reg = small_register()
    assert reg.band_counts() == {"low": 1, "medium": 0, "high": 2, "very-high": 1}
    assert list(reg.band_counts()) == ["low", "medium", "high", "very-high"]
    assert reg.band_counts(include_unscored=True)[None] == 1
    reg["R1"].residual = (2, 2)
    assert reg.band_counts(residual=True) == {"low": 1, "medium": 1, "high": 2,
                                              "very-high": 0}


def test_heatmap():
    reg = small_register()
    assert reg.heatmap() == [
        [1, 0, 0, 0],  # likelihood 1: R3 (1x1)
        [0, 0, 0, 2],  # likelihood 2: R2, R10 (2x4)
        [0, 0, 0, 1],  # likelihood 3: R1 (3x4)
        [0, 0, 0, 0],
    ]
    reg["R1"].residual = (1, 2)
    assert reg.heatmap(residual=True) == [
        [1, 1, 0, 0], [0, 0, 0, 2], [0, 0, 0, 0], [0, 0, 0, 0]]
    reg3 = isms.RiskRegister("3x3")
    reg3.add("A", "a", 3, 1)
    assert reg3.heatmap() == [[0, 0, 0], [0, 0, 0], [1, 0, 0]]


# ---- findings -----------------------------------------------------------------------------

def test_findings_value_mismatch_names_both_values():
    reg = isms.RiskRegister()
    reg.add("R1", "a", 3, 3, stated_value=6, treatment="x")
    reg.add("R2", "b", 3, 4, stated_value=12, treatment="y")
    found = reg.findings()
    assert [(f.code, f.ref) for f in found] == [("risk-value-mismatch", "R1")]
    f = found[0]
    assert isinstance(f, isms.Finding)
    assert f.severity == isms.Severity.WARNING and f.severity == "warning"
    assert "6" in f.message and "9" in f.message
    en = reg.findings(lang="en")[0]
    assert en.message != f.message and "6" in en.message and "9" in en.message
    assert "R1" in str(f) and "risk-value-mismatch" in str(f)


def test_findings_codes():
    reg = isms.RiskRegister()
    reg.add("R1", "Samma", 4, 4)                      # untreated (16 > 3)
    reg.add("R2", "samma", 1, 1)                      # duplicate title
    reg.add("R3", "c", 2, 2, treatment="t", residual=(4, 4))  # residual above inherent
    reg.add("R4", "d")                                # unassessed
    reg.add("R5", "e", 4, 4, option="retain")         # retained above acceptance
    codes = {(f.code, f.ref) for f in reg.findings()}
    assert ("risk-untreated", "R1") in codes
    assert ("risk-duplicate-title", "R2") in codes
    assert ("risk-residual-above-inherent", "R3") in codes
    assert ("risk-unassessed", "R4") in codes
    assert ("risk-retained-above-acceptance", "R5") in codes
    assert all(isinstance(f.severity, isms.Severity) for f in reg.findings())
    assert isms.RiskRegister().findings() == []


def test_register_on_custom_matrix():
    m = isms.RiskMatrix.build(
        "sum", likelihood=[(1, "L", "L"), (2, "M", "M"), (3, "H", "H")],
        consequence=[(1, "l", "l"), (2, "m", "m"), (3, "h", "h")], formula="sum",
        bands=[("ok", 2, 4, "#00ff00", "OK", "OK"), ("bad", 5, 6, "#ff0000", "Dålig", "Bad")])
    reg = isms.RiskRegister(m)
    r = reg.add("A", "x", 3, 3)
    assert r.value == 6 and r.band.name == "bad"
    assert reg.band_counts() == {"ok": 0, "bad": 1}
    assert reg.matrix.name == "sum"
