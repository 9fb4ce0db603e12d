"""Risk matrices: scales, formula, bands, acceptance threshold, scoring."""

import operator
from typing import NamedTuple, Optional

from . import _isms
from ._errors import InvalidArgumentError, RangeError, check, check_result
from ._handle import _Handle
from ._lang import Formula, lang_value

__all__ = ["Level", "Band", "Score", "RiskMatrix", "LIKELIHOOD", "CONSEQUENCE"]

#: Axis names accepted wherever an axis is asked for.
LIKELIHOOD = "likelihood"
CONSEQUENCE = "consequence"

_AXES = {
    "likelihood": _isms.ISMS_AXIS_LIKELIHOOD,
    "sannolikhet": _isms.ISMS_AXIS_LIKELIHOOD,
    "l": _isms.ISMS_AXIS_LIKELIHOOD,
    "consequence": _isms.ISMS_AXIS_CONSEQUENCE,
    "impact": _isms.ISMS_AXIS_CONSEQUENCE,
    "konsekvens": _isms.ISMS_AXIS_CONSEQUENCE,
    "c": _isms.ISMS_AXIS_CONSEQUENCE,
}

_INT_MIN = -(2 ** 31)
_INT_MAX = 2 ** 31 - 1


def c_int(value, what):
    """`value` as a Python int that fits in a C int; TypeError or RangeError otherwise."""
    if isinstance(value, float):
        if not value.is_integer():
            raise TypeError("%s must be an integer, not %r" % (what, value))
        value = int(value)
    try:
        value = operator.index(value)
    except TypeError:
        raise TypeError("%s must be an integer, not %s" % (what, type(value).__name__)) from None
    if not _INT_MIN <= value <= _INT_MAX:
        raise RangeError("%s %d is outside the range of a C int" % (what, value))
    return value


def axis_value(axis):
    """The C ``isms_axis`` of an axis name ("likelihood", "consequence" or "impact")."""
    if isinstance(axis, str):
        try:
            return _AXES[axis.strip().lower()]
        except KeyError:
            pass
    elif axis in (_isms.ISMS_AXIS_LIKELIHOOD, _isms.ISMS_AXIS_CONSEQUENCE):
        return int(axis)
    raise InvalidArgumentError("unknown axis %r: use 'likelihood' or 'consequence'" % (axis,))


class Level(NamedTuple):
    """One level of a scale (a plain copy: it does not keep the matrix alive)."""

    value: int
    label_sv: str
    label_en: str
    description: str = ""

    def label(self, lang="sv"):
        """The label in a language ("sv" or "en")."""
        return self.label_en if lang_value(lang) == _isms.ISMS_LANG_EN else self.label_sv


class Band(NamedTuple):
    """A band: a named risk level covering the values ``min``..``max`` (inclusive).

    A plain copy: it does not keep the matrix alive. ``name`` is the stable machine name
    ("low", "medium", "high", "very-high" on the presets), ``color`` is ``"#rrggbb"``.
    """

    name: str
    min: int
    max: int
    color: str
    label_sv: str
    label_en: str

    def label(self, lang="sv"):
        """The label in a language ("sv" or "en")."""
        return self.label_en if lang_value(lang) == _isms.ISMS_LANG_EN else self.label_sv

    def contains(self, value):
        """True when `value` lies in the band."""
        return self.min <= value <= self.max


class Score(NamedTuple):
    """The score of one likelihood/consequence pair."""

    value: int
    band: Optional[Band]
    normalized: float


def _level_args(level):
    if isinstance(level, Level):
        return level.value, level.label_sv, level.label_en, level.description or None
    try:
        items = tuple(level)
    except TypeError:
        raise TypeError("a level is given as (value, label_sv, label_en[, description]), "
                        "not %s" % type(level).__name__) from None
    if len(items) == 3:
        items += (None,)
    if len(items) != 4:
        raise InvalidArgumentError("a level is given as (value, label_sv, label_en[, "
                                   "description]), not %r" % (level,))
    value, sv, en, desc = items
    return c_int(value, "level value"), sv, en, desc or None


def _band_args(band):
    try:
        items = tuple(band)
    except TypeError:
        raise TypeError("a band is given as (name, min, max, color, label_sv, label_en), "
                        "not %s" % type(band).__name__) from None
    if len(items) != 6:
        raise InvalidArgumentError("a band is given as (name, min, max, color, label_sv, "
                                   "label_en), not %r" % (band,))
    name, lo, hi, color, sv, en = items
    return name, c_int(lo, "band minimum"), c_int(hi, "band maximum"), color, sv, en


class RiskMatrix(_Handle):
    """A risk matrix: a likelihood scale and a consequence scale combined into a value.

    Immutable and shared: registers built on a matrix hold their own reference in C, so a
    matrix object may be dropped as soon as the registers exist. Get one with
    :meth:`preset` (``"4x4"``, ``"5x5"``, ``"3x3"``; ``RiskMatrix("4x4")`` is the same) or
    define one with :meth:`build`.
    """

    __slots__ = ("_cache",)

    def __init__(self, preset="4x4"):
        self._adopt_into(check_result(_isms.isms_matrix_preset(_text(preset, "preset"))))

    _free = staticmethod(_isms.isms_matrix_free)

    def _adopt_into(self, ptr):
        super()._adopt_into(ptr)
        self._cache = {}

    @classmethod
    def _borrowed(cls, ptr):
        """Wraps a matrix pointer borrowed from elsewhere, taking a reference of its own."""
        return cls._adopt(_isms.isms_matrix_ref(ptr))

    @classmethod
    def preset(cls, name):
        """One of the built-in matrices.

        - ``"4x4"``: the organisation's matrix and every register's default. Likelihood and
          consequence 1–4, value = product (1–16); bands low 1–3, medium 4–7, high 8–11,
          very-high 12–16; acceptance 3.
        - ``"5x5"``: 1–5, product 1–25; bands low 1–4, medium 5–9, high 10–16, very-high
          17–25; acceptance 4.
        - ``"3x3"``: 1–3, product 1–9; bands low 1–2, medium 3–5, high 6–9; acceptance 2.

        Raises NotFoundError (a KeyError) for an unknown name.
        """
        return cls._adopt(check_result(_isms.isms_matrix_preset(_text(name, "preset name"))))

    @classmethod
    def build(cls, name, likelihood, consequence, formula=None, grid=None, bands=(),
              acceptance=None):
        """Defines a custom matrix (the C builder API).

        Args:
            name: the matrix's name.
            likelihood, consequence: the levels of each scale, lowest first, as
                ``(value, label_sv, label_en[, description])`` tuples or :class:`Level`\\ s;
                3 to 10 levels with increasing values in 0–100.
            formula: ``"product"`` (default), ``"sum"`` or ``"max"``; leave it out (or give
                ``"grid"``) with `grid`.
            grid: a value per cell instead of a formula: one row per likelihood level and one
                column per consequence level, lowest first.
            bands: ``(name, min, max, color, label_sv, label_en)`` tuples or
                :class:`Band`\\ s, in any order; together they must cover every value a cell
                can take, without gaps or overlaps.
            acceptance: the acceptance threshold (default: the top of the lowest band).

        Raises InvalidArgumentError or RangeError (both ValueErrors) with the C library's
        message when the definition is inconsistent.
        """
        builder = check_result(_isms.isms_matrix_builder_new(_text(name, "name")))
        try:
            for axis, levels in ((_isms.ISMS_AXIS_LIKELIHOOD, likelihood),
                                 (_isms.ISMS_AXIS_CONSEQUENCE, consequence)):
                for level in levels:
                    value, sv, en, desc = _level_args(level)
                    check(_isms.isms_matrix_builder_add_level(builder, axis, value, sv, en, desc))
            if grid is not None:
                if formula is not None and Formula.coerce(formula) is not Formula.GRID:
                    raise InvalidArgumentError("give either a formula or a grid, not both")
                rows = [list(row) for row in grid]
                for r, row in enumerate(rows):
                    if len(row) != len(rows[0]):
                        raise InvalidArgumentError(
                            "row %d of the grid has %d values, row 1 has %d"
                            % (r + 1, len(row), len(rows[0])))
                    row[:] = [c_int(v, "grid value") for v in row]
                check(_isms.isms_matrix_builder_set_grid(builder, rows))
            else:
                f = Formula.coerce(formula if formula is not None else Formula.PRODUCT)
                if f is Formula.GRID:
                    raise InvalidArgumentError("formula 'grid' needs grid=[[...], ...]")
                check(_isms.isms_matrix_builder_set_formula(builder, f.code))
            for band in bands:
                check(_isms.isms_matrix_builder_add_band(builder, *_band_args(band)))
            if acceptance is not None:
                check(_isms.isms_matrix_builder_set_acceptance(
                    builder, c_int(acceptance, "acceptance threshold")))
            ptr = check_result(_isms.isms_matrix_builder_build(builder))
        finally:
            _isms.isms_matrix_builder_free(builder)
        return cls._adopt(ptr)

    # ---- properties -------------------------------------------------------------------

    @property
    def name(self):
        """The matrix's name ("4x4" for the preset)."""
        return _isms.isms_matrix_name(self._ptr)

    @property
    def formula(self):
        """The :class:`Formula` (compares equal to "product", "sum", "max", "grid")."""
        return Formula.from_code(_isms.isms_matrix_formula(self._ptr))

    def levels(self, axis):
        """The levels of an axis ("likelihood" or "consequence"), lowest first."""
        axis = axis_value(axis)
        key = ("levels", axis)
        cached = self._cache.get(key)
        if cached is None:
            n = _isms.isms_matrix_level_count(self._ptr, axis)
            cached = tuple(Level(*check_result(_isms.isms_matrix_level(self._ptr, axis, i)))
                           for i in range(n))
            self._cache[key] = cached
        return cached

    @property
    def likelihood_levels(self):
        """The likelihood scale, lowest first (a tuple of :class:`Level`)."""
        return self.levels(_isms.ISMS_AXIS_LIKELIHOOD)

    @property
    def consequence_levels(self):
        """The consequence scale, lowest first (a tuple of :class:`Level`)."""
        return self.levels(_isms.ISMS_AXIS_CONSEQUENCE)

    impact_levels = consequence_levels

    @property
    def shape(self):
        """(number of likelihood levels, number of consequence levels)."""
        return (len(self.likelihood_levels), len(self.consequence_levels))

    @property
    def bands(self):
        """The bands, lowest values first (a tuple of :class:`Band`)."""
        cached = self._cache.get("bands")
        if cached is None:
            n = _isms.isms_matrix_band_count(self._ptr)
            cached = tuple(Band(*check_result(_isms.isms_matrix_band(self._ptr, i)))
                           for i in range(n))
            self._cache["bands"] = cached
        return cached

    @property
    def acceptance(self):
        """The acceptance threshold: values at or below it may be retained untreated."""
        return _isms.isms_matrix_acceptance(self._ptr)

    @property
    def min_value(self):
        """The smallest value of any cell."""
        return _isms.isms_matrix_min_value(self._ptr)

    @property
    def max_value(self):
        """The largest value of any cell."""
        return _isms.isms_matrix_max_value(self._ptr)

    @property
    def values(self):
        """Every cell's value: one row per likelihood level, lowest first."""
        cached = self._cache.get("values")
        if cached is None:
            cached = tuple(tuple(self.score(lv.value, cv.value).value
                                 for cv in self.consequence_levels)
                           for lv in self.likelihood_levels)
            self._cache["values"] = cached
        return cached

    # ---- computing --------------------------------------------------------------------

    def parse_level(self, axis, text):
        """The level value that `text` names on an axis: a number ("3") or a Swedish or
        English label ("Sannolik", "likely"). Raises RangeError or ParseError."""
        return check_result(_isms.isms_matrix_parse_level(self._ptr, axis_value(axis),
                                                          _text(text, "level")))

    def level_arg(self, axis, level, what):
        """An int level from an int or a label; None stays None (unset)."""
        if level is None:
            return None
        if isinstance(level, str):
            return self.parse_level(axis, level)
        if isinstance(level, Level):
            return level.value
        return c_int(level, what)

    def score(self, likelihood, consequence):
        """Scores one pair: a :class:`Score` (value, band, normalized).

        Levels are values (3) or labels ("Sannolik"). Raises RangeError when a level is not
        on its scale; the message names it and the scale.
        """
        lk = self.level_arg(_isms.ISMS_AXIS_LIKELIHOOD, likelihood, "likelihood")
        co = self.level_arg(_isms.ISMS_AXIS_CONSEQUENCE, consequence, "consequence")
        if lk is None or co is None:
            raise InvalidArgumentError("both likelihood and consequence are needed for a score")
        value, band, normalized = check_result(_isms.isms_matrix_score(self._ptr, lk, co))
        return Score(value, self.bands[band] if band >= 0 else None, normalized)

    def score_many(self, likelihoods, consequences, bands=False):
        """Scores many pairs at once; see :func:`isms.score_many`."""
        from ._score import score_many
        return score_many(likelihoods, consequences, self, bands=bands)

    def normalize(self, value):
        """Maps a value onto [0, 1]: (value − min) / (max − min), clamped."""
        return _isms.isms_matrix_normalize(self._ptr, c_int(value, "value"))

    def band_index(self, value):
        """The index of the band holding `value`, or -1."""
        return _isms.isms_matrix_band_of(self._ptr, c_int(value, "value"))

    def band_of(self, value):
        """The :class:`Band` holding `value`, or None when no band does."""
        if value is None:
            return None
        i = self.band_index(value)
        return self.bands[i] if i >= 0 else None

    def find_band(self, text):
        """The band with this name or Swedish or English label ("high", "Hög", "HÖG").
        Raises NotFoundError."""
        return self.bands[check_result(_isms.isms_matrix_find_band(self._ptr,
                                                                   _text(text, "band")))]

    # ---- object protocol --------------------------------------------------------------

    def __eq__(self, other):
        if not isinstance(other, RiskMatrix):
            return NotImplemented
        return int(self._ptr) == int(other._ptr)

    def __hash__(self):
        return hash(int(self._ptr))

    def __repr__(self):
        nl, nc = self.shape
        return "<RiskMatrix %s: %s, %dx%d levels, values %d-%d, %d bands, acceptance %d>" % (
            self.name, self.formula.value, nl, nc, self.min_value, self.max_value,
            len(self.bands), self.acceptance)

    def __reduce__(self):
        raise TypeError("RiskMatrix objects cannot be pickled")


def _text(value, what):
    if not isinstance(value, str):
        raise TypeError("%s must be a str, not %s" % (what, type(value).__name__))
    if "\0" in value:
        raise InvalidArgumentError("%s must not contain NUL characters" % what)
    return value


_default = None


def default_matrix():
    """The shared "4x4" preset (the default of registers and score_many())."""
    global _default
    if _default is None:
        _default = RiskMatrix.preset("4x4")
    return _default
