"""RiskMatrix: presets, custom matrices from the builder, scoring, bands, levels."""

import pytest

import isms


# ---- presets ------------------------------------------------------------------------------

def test_4x4_preset_as_documented():
    m = isms.RiskMatrix.preset("4x4")
    assert m.name == "4x4"
    assert m.formula == isms.Formula.PRODUCT and m.formula == "product"
    assert m.shape == (4, 4)
    assert [lv.value for lv in m.likelihood_levels] == [1, 2, 3, 4]
    assert [lv.value for lv in m.consequence_levels] == [1, 2, 3, 4]
    assert m.likelihood_levels[2].label_sv == "Sannolik"
    assert m.likelihood_levels[2].label_en == "Likely"
    assert m.likelihood_levels[2].label("en") == "Likely"
    assert m.likelihood_levels[2].label() == "Sannolik"
    assert m.consequence_levels[3].label_sv == "Mycket allvarlig"
    assert m.likelihood_levels[0].description  # every preset level is described
    assert [(b.name, b.min, b.max) for b in m.bands] == [
        ("low", 1, 3), ("medium", 4, 7), ("high", 8, 11), ("very-high", 12, 16)]
    assert [b.label_sv for b in m.bands] == ["Låg", "Medel", "Hög", "Mycket hög"]
    assert [b.label("en") for b in m.bands] == ["Low", "Medium", "High", "Very high"]
    assert all(b.color.startswith("#") and len(b.color) == 7 for b in m.bands)
    assert m.acceptance == 3
    assert (m.min_value, m.max_value) == (1, 16)


def test_5x5_and_3x3_presets():
    m5 = isms.RiskMatrix.preset("5x5")
    assert m5.shape == (5, 5) and (m5.min_value, m5.max_value) == (1, 25)
    assert [(b.name, b.min, b.max) for b in m5.bands] == [
        ("low", 1, 4), ("medium", 5, 9), ("high", 10, 16), ("very-high", 17, 25)]
    assert m5.acceptance == 4
    m3 = isms.RiskMatrix.preset("3x3")
    assert m3.shape == (3, 3) and (m3.min_value, m3.max_value) == (1, 9)
    assert [(b.name, b.min, b.max) for b in m3.bands] == [
        ("low", 1, 2), ("medium", 3, 5), ("high", 6, 9)]
    assert m3.acceptance == 2


def test_preset_name_is_case_insensitive_and_constructor_shortcut():
    assert isms.RiskMatrix.preset("5X5").name == "5x5"
    assert isms.RiskMatrix("3x3").name == "3x3"
    assert isms.RiskMatrix().name == "4x4"
    with pytest.raises(TypeError):
        isms.RiskMatrix.preset(4)


def test_level_band_score_are_plain_values():
    m = isms.RiskMatrix.preset("4x4")
    lv = m.likelihood_levels[0]
    assert lv == isms.Level(1, "Osannolik", "Unlikely", lv.description)
    assert isinstance(lv, tuple)
    band = m.bands[0]
    assert band == isms.Band("low", 1, 3, band.color, "Låg", "Low")
    assert band.contains(3) and not band.contains(4)


# ---- scoring ------------------------------------------------------------------------------

@pytest.mark.parametrize("lk, co, value, band", [
    (1, 1, 1, "low"), (1, 3, 3, "low"), (2, 2, 4, "medium"), (1, 4, 4, "medium"),
    (2, 3, 6, "medium"), (3, 3, 9, "high"), (2, 4, 8, "high"), (3, 4, 12, "very-high"),
    (4, 4, 16, "very-high"), (4, 2, 8, "high"),
])
def test_4x4_scores(lk, co, value, band):
    m = isms.RiskMatrix.preset("4x4")
    s = m.score(lk, co)
    assert s.value == value
    assert s.band.name == band
    assert s.normalized == pytest.approx((value - 1) / 15)
    assert isinstance(s, isms.Score)


def test_score_accepts_labels_in_both_languages():
    m = isms.RiskMatrix.preset("4x4")
    assert m.score("Sannolik", "Mycket allvarlig").value == 12
    assert m.score("likely", "VERY SERIOUS").value == 12
    assert m.score("3", "4").value == 12
    assert m.score(m.likelihood_levels[1], 4).value == 8


def test_score_errors():
    m = isms.RiskMatrix.preset("4x4")
    with pytest.raises(isms.RangeError) as info:
        m.score(0, 2)
    assert "likelihood 0" in info.value.message and "1" in info.value.message
    with pytest.raises(isms.RangeError) as info:
        m.score(2, 7)
    assert "consequence 7" in info.value.message
    with pytest.raises(isms.ParseError):
        m.score("ganska troligt", 2)
    with pytest.raises(isms.InvalidArgumentError):
        m.score(None, 2)


def test_values_grid_normalize_band_of():
    m = isms.RiskMatrix.preset("3x3")
    assert m.values == ((1, 2, 3), (2, 4, 6), (3, 6, 9))
    assert m.normalize(1) == 0.0 and m.normalize(9) == 1.0
    assert m.normalize(5) == pytest.approx(0.5)
    assert m.normalize(100) == 1.0 and m.normalize(-3) == 0.0
    assert m.band_of(5).name == "medium"
    assert m.band_of(6).name == "high"
    assert m.band_of(0) is None and m.band_of(None) is None
    assert m.band_index(2) == 0 and m.band_index(10) == -1


def test_find_band_and_parse_level():
    m = isms.RiskMatrix.preset("4x4")
    assert m.find_band("Hög").name == "high"
    assert m.find_band("HÖG").name == "high"
    assert m.find_band("very-high").name == "very-high"
    assert m.find_band("mycket hög").name == "very-high"
    with pytest.raises(isms.NotFoundError):
        m.find_band("extrem")
    assert m.parse_level("likelihood", "Möjlig") == 2
    assert m.parse_level("impact", "Serious") == 3
    assert m.parse_level("consequence", "4") == 4
    with pytest.raises(isms.RangeError):
        m.parse_level("likelihood", "9")
    with pytest.raises(isms.ParseError):
        m.parse_level("likelihood", "kanske")
    with pytest.raises(isms.InvalidArgumentError):
        m.parse_level("sideways", "1")


def test_repr_and_equality():
    a = isms.RiskMatrix.preset("4x4")
    assert repr(a) == ("<RiskMatrix 4x4: product, 4x4 levels, values 1-16, 4 bands, "
                       "acceptance 3>")
    b = isms.RiskMatrix.preset("4x4")
    assert a == a and a != b  # two presets are two matrices
    reg = isms.RiskRegister(a)
    assert reg.matrix == a and hash(reg.matrix) == hash(a)


# ---- the builder --------------------------------------------------------------------------

L3 = [(1, "Låg", "Low", "sällan"), (2, "Medel", "Medium"), (3, "Hög", "High")]
C3 = [(1, "Liten", "Minor"), (2, "Måttlig", "Moderate"), (3, "Stor", "Major")]


def test_build_sum_matrix():
    m = isms.RiskMatrix.build(
        "sum3", likelihood=L3, consequence=C3, formula="sum",
        bands=[("low", 2, 3, "#00ff00", "Låg", "Low"),
               ("high", 4, 6, "#ff0000", "Hög", "High")],
        acceptance=3)
    assert m.name == "sum3" and m.formula == "sum"
    assert m.values == ((2, 3, 4), (3, 4, 5), (4, 5, 6))
    assert (m.min_value, m.max_value, m.acceptance) == (2, 6, 3)
    assert m.likelihood_levels[0].description == "sällan"
    assert m.likelihood_levels[1].description == ""
    s = m.score(3, 2)
    assert (s.value, s.band.name, s.normalized) == (5, "high", pytest.approx(0.75))


def test_build_max_matrix_bands_in_any_order_default_acceptance():
    m = isms.RiskMatrix.build(
        "max3", likelihood=L3, consequence=C3, formula="max",
        bands=[isms.Band("high", 3, 3, "#ff0000", "Hög", "High"),
               ("low", 1, 2, "#00ff00", "Låg", "Low")])
    assert m.values == ((1, 2, 3), (2, 2, 3), (3, 3, 3))
    assert [b.name for b in m.bands] == ["low", "high"]
    assert m.acceptance == 2  # the top of the lowest band


def test_build_grid_matrix():
    grid = [[1, 2, 4], [2, 4, 8], [4, 8, 16]]
    m = isms.RiskMatrix.build(
        "grid3", likelihood=L3, consequence=C3, grid=grid,
        bands=[("low", 1, 3, "#00ff00", "Låg", "Low"),
               ("mid", 4, 7, "#ffff00", "Medel", "Medium"),
               ("high", 8, 16, "#ff0000", "Hög", "High")])
    assert m.formula == isms.Formula.GRID
    assert m.values == ((1, 2, 4), (2, 4, 8), (4, 8, 16))
    assert m.score(2, 3).value == 8 and m.score(2, 3).band.name == "high"
    assert m.score(3, 1).band.name == "mid"


def test_build_with_level_objects_and_non_contiguous_values():
    levels = [isms.Level(1, "Ett", "One"), isms.Level(5, "Fem", "Five"),
              isms.Level(10, "Tio", "Ten")]
    m = isms.RiskMatrix.build("sparse", levels, levels,
                              bands=[("all", 1, 100, "#123456", "Alla", "All")])
    assert m.values == ((1, 5, 10), (5, 25, 50), (10, 50, 100))
    with pytest.raises(isms.RangeError) as info:
        m.score(3, 1)
    assert "3" in info.value.message


BANDS3 = [("low", 1, 3, "#00ff00", "Låg", "Low"), ("high", 4, 9, "#ff0000", "Hög", "High")]


@pytest.mark.parametrize("kwargs, exc", [
    (dict(bands=[("low", 1, 3, "#00ff00", "Låg", "Low"),
                 ("high", 5, 9, "#ff0000", "Hög", "High")]), isms.InvalidArgumentError),  # gap
    (dict(bands=[("low", 1, 4, "#00ff00", "Låg", "Low"),
                 ("high", 4, 9, "#ff0000", "Hög", "High")]), isms.InvalidArgumentError),  # overlap
    (dict(bands=[("low", 1, 3, "#00ff00", "Låg", "Low"),
                 ("high", 4, 8, "#ff0000", "Hög", "High")]), isms.InvalidArgumentError),  # short
    (dict(bands=[("low", 1, 3, "green", "Låg", "Low"),
                 ("high", 4, 9, "#ff0000", "Hög", "High")]), isms.InvalidArgumentError),  # colour
    (dict(bands=[("low", 3, 1, "#00ff00", "Låg", "Low")]), isms.InvalidArgumentError),  # min>max
    (dict(bands=BANDS3, grid=[[1, 2], [3, 4]]), isms.InvalidArgumentError),  # grid size
    (dict(bands=BANDS3, grid=[[1, 2, 3], [4, 5]]), isms.InvalidArgumentError),  # ragged
    (dict(bands=BANDS3, grid=[[1] * 3] * 3, formula="sum"), isms.InvalidArgumentError),
    (dict(bands=BANDS3, formula="grid"), isms.InvalidArgumentError),
    (dict(bands=BANDS3, formula="median"), isms.InvalidArgumentError),
    (dict(bands=BANDS3, acceptance=50), isms.InvalidArgumentError),
    (dict(bands=BANDS3, likelihood=L3[:2]), isms.InvalidArgumentError),  # < 3 levels
    (dict(bands=BANDS3, likelihood=[(1, "A", "A"), (1, "B", "B"), (2, "C", "C")]),
     isms.InvalidArgumentError),  # values not increasing
    (dict(bands=BANDS3, likelihood=[(1, "A", "A"), (2, "A", "B"), (3, "C", "C")]),
     isms.InvalidArgumentError),  # duplicate label
    (dict(bands=BANDS3, likelihood=[(1, "A", "A"), (2, "B", "B"), (300, "C", "C")]),
     isms.RangeError),  # level value beyond 100
    (dict(bands=BANDS3, likelihood=[(1, "A")]), isms.InvalidArgumentError),  # short tuple
    (dict(bands=[("low", 1, 9, "#00ff00")]), isms.InvalidArgumentError),  # short band
    (dict(bands=BANDS3, grid=[[1, 2, 3], [4, 5, 6], [7, 8, 2_000_000]]), isms.RangeError),
])
def test_build_rejects_inconsistent_definitions(kwargs, exc):
    args = dict(likelihood=L3, consequence=L3)
    args.update(kwargs)
    with pytest.raises(exc) as info:
        isms.RiskMatrix.build("bad", **args)
    assert info.value.message


def test_build_type_errors():
    with pytest.raises(TypeError):
        isms.RiskMatrix.build("bad", likelihood=[1, 2, 3], consequence=L3, bands=BANDS3)
    with pytest.raises(TypeError):
        isms.RiskMatrix.build(None, likelihood=L3, consequence=L3, bands=BANDS3)


def test_matrix_score_many_method():
    m = isms.RiskMatrix.preset("3x3")
    assert list(m.score_many([1, 2, 3], [3, 3, 3])) == [3, 6, 9]
