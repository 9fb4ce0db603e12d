"""Rating methods with a vector: CVSS 3.0, 3.1 and 4.0, OWASP Risk Rating and DREAD, and one
normalised rating (0-1) for a vector of any of them.

Every rating is a plain, immutable value object made from a vector or from factors:

    v = isms.cvss("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")
    v.score, v.severity, v.severity.label("sv")     # 9.8, 'critical', 'Kritisk'
    o = isms.owasp("SL:5/M:2/O:7/S:1/ED:3/EE:6/A:9/ID:2/LC:9/LI:7/LAV:5/LAC:8")
    d = isms.dread(8, 10, 7, 10, 10)                  # or isms.dread("D:8/R:10/...")
    isms.rate("D:8/R:10/E:7/A:10/DI:10")              # Rating(method='dread', score=9.0, ...)

``vector`` is always the canonical form of the vector (isms_cvss_format(),
isms_owasp_format(), isms_dread_format()); ``normalized`` puts every method on the scale
0-1 on which the severity words cover the same ranges (see isms/rating.h).
"""

import collections.abc
import numbers
from typing import NamedTuple

from . import _isms
from ._errors import ErrorCode, InvalidArgumentError, check_result, error_for
from ._lang import _Labelled, lang_value

__all__ = [
    "RatingMethod", "CvssSeverity", "OwaspLevel", "OwaspSeverity", "OwaspFactor", "Rating",
    "Cvss", "Owasp", "Dread", "cvss", "owasp", "dread", "rate",
]

_NO_SCORE = _isms.ISMS_CVSS_NO_SCORE
_NOT_GIVEN = _isms.ISMS_OWASP_NOT_GIVEN


# ---- vocabularies ------------------------------------------------------------------------

class RatingMethod(_Labelled):
    """How a risk was rated: ``"matrix"`` (Riskmatris: likelihood x consequence on the
    register's matrix), ``"cvss"``, ``"owasp"`` (OWASP riskvärdering) or ``"dread"``.
    ``parse()`` also reads "matris", "OWASP RR", "CVSS 3.1", "CVSS v4" and the like."""

    MATRIX = ("matrix", _isms.ISMS_METHOD_MATRIX)
    CVSS = ("cvss", _isms.ISMS_METHOD_CVSS)
    OWASP = ("owasp", _isms.ISMS_METHOD_OWASP)
    DREAD = ("dread", _isms.ISMS_METHOD_DREAD)

    @staticmethod
    def _label_fn():
        return _isms.isms_method_label

    @staticmethod
    def _parse_fn():
        return _isms.isms_method_parse


class CvssSeverity(_Labelled):
    """The qualitative severity of a CVSS score (also used for DREAD): ``"none"`` (0.0,
    Ingen), ``"low"`` (0.1-3.9, Låg), ``"medium"`` (4.0-6.9, Medel), ``"high"`` (7.0-8.9,
    Hög), ``"critical"`` (9.0-10.0, Kritisk). ``rank`` orders them 0-4."""

    NONE = ("none", _isms.ISMS_CVSS_SEVERITY_NONE)
    LOW = ("low", _isms.ISMS_CVSS_SEVERITY_LOW)
    MEDIUM = ("medium", _isms.ISMS_CVSS_SEVERITY_MEDIUM)
    HIGH = ("high", _isms.ISMS_CVSS_SEVERITY_HIGH)
    CRITICAL = ("critical", _isms.ISMS_CVSS_SEVERITY_CRITICAL)

    @property
    def rank(self):
        """0 (none) to 4 (critical)."""
        return self.code

    @classmethod
    def of(cls, score):
        """The severity of a score 0-10 (first rounded half up to one decimal, so 3.95 is
        medium)."""
        return cls.from_code(_isms.isms_cvss_severity_of(_number(score, "score")))

    @staticmethod
    def _label_fn():
        return _isms.isms_cvss_severity_label

    @staticmethod
    def _parse_fn():
        return _isms.isms_cvss_severity_parse


class OwaspLevel(_Labelled):
    """An OWASP likelihood or impact level: ``"low"`` (below 3), ``"medium"`` (3 to below
    6), ``"high"`` (6-9)."""

    LOW = ("low", _isms.ISMS_OWASP_LEVEL_LOW)
    MEDIUM = ("medium", _isms.ISMS_OWASP_LEVEL_MEDIUM)
    HIGH = ("high", _isms.ISMS_OWASP_LEVEL_HIGH)

    @classmethod
    def of(cls, value):
        """The level of a likelihood or impact 0-9."""
        return cls.from_code(_isms.isms_owasp_level_of(_number(value, "value")))

    @staticmethod
    def _label_fn():
        return _isms.isms_owasp_level_label

    @staticmethod
    def _parse_fn():
        return _isms.isms_owasp_level_parse


class OwaspSeverity(_Labelled):
    """OWASP's overall severity: ``"note"`` (Notering), ``"low"``, ``"medium"``, ``"high"``,
    ``"critical"``. ``rank`` orders them 0-4."""

    NOTE = ("note", _isms.ISMS_OWASP_NOTE)
    LOW = ("low", _isms.ISMS_OWASP_LOW)
    MEDIUM = ("medium", _isms.ISMS_OWASP_MEDIUM)
    HIGH = ("high", _isms.ISMS_OWASP_HIGH)
    CRITICAL = ("critical", _isms.ISMS_OWASP_CRITICAL)

    @property
    def rank(self):
        """0 (note) to 4 (critical)."""
        return self.code

    @classmethod
    def of(cls, likelihood, impact):
        """The severity of a likelihood level and an impact level (OWASP's table)."""
        return cls.from_code(_isms.isms_owasp_severity_of(OwaspLevel.coerce(likelihood).code,
                                                          OwaspLevel.coerce(impact).code))

    @staticmethod
    def _label_fn():
        return _isms.isms_owasp_severity_label

    @staticmethod
    def _parse_fn():
        return _isms.isms_owasp_severity_parse


class OwaspFactor(_Labelled):
    """The sixteen OWASP factors by their vector abbreviations, in vector order: threat
    agent SL, M, O, S; vulnerability ED, EE, A, ID; technical impact LC, LI, LAV, LAC;
    business impact FD, RD, NC, PV. ``parse()`` reads the abbreviation or the Swedish or
    English label ("skill level", "Kunskapsnivå")."""

    SL = ("SL", _isms.ISMS_OWASP_SL)
    M = ("M", _isms.ISMS_OWASP_M)
    O = ("O", _isms.ISMS_OWASP_O)  # noqa: E741 - the methodology's abbreviation
    S = ("S", _isms.ISMS_OWASP_S)
    ED = ("ED", _isms.ISMS_OWASP_ED)
    EE = ("EE", _isms.ISMS_OWASP_EE)
    A = ("A", _isms.ISMS_OWASP_A)
    ID = ("ID", _isms.ISMS_OWASP_ID)
    LC = ("LC", _isms.ISMS_OWASP_LC)
    LI = ("LI", _isms.ISMS_OWASP_LI)
    LAV = ("LAV", _isms.ISMS_OWASP_LAV)
    LAC = ("LAC", _isms.ISMS_OWASP_LAC)
    FD = ("FD", _isms.ISMS_OWASP_FD)
    RD = ("RD", _isms.ISMS_OWASP_RD)
    NC = ("NC", _isms.ISMS_OWASP_NC)
    PV = ("PV", _isms.ISMS_OWASP_PV)

    @property
    def business(self):
        """True for the four business impact factors (FD, RD, NC, PV)."""
        return self.code >= _isms.ISMS_OWASP_FACTORS_TECHNICAL

    @classmethod
    def parse(cls, text):
        if isinstance(text, str) and "_" in text:
            text = text.replace("_", " ")
        return super().parse(text)

    @staticmethod
    def _label_fn():
        return _isms.isms_owasp_factor_label

    @staticmethod
    def _parse_fn():
        return _isms.isms_owasp_factor_parse


class Rating(NamedTuple):
    """The rating of a vector of any method (``isms_rating``), a plain tuple.

    ``method`` (a :class:`RatingMethod`), ``score`` in the method's own units (CVSS 0-10,
    OWASP likelihood x impact 0-81, DREAD the mean 0-10), ``normalized`` (0-1, comparable
    across methods), ``rank`` (0 none or note, 1 low, 2 medium, 3 high, 4 critical),
    ``severity`` (machine name: "none" or "note", "low", "medium", "high", "critical") and
    its labels ``label_sv`` and ``label_en``."""

    method: RatingMethod
    score: float
    normalized: float
    rank: int
    severity: str
    label_sv: str
    label_en: str

    def label(self, lang="sv"):
        """The severity label in a language."""
        return self.label_en if lang_value(lang) == _isms.ISMS_LANG_EN else self.label_sv


def _rating(t):
    method, score, normalized, rank, severity, label_sv, label_en = t
    return Rating(RatingMethod.from_code(method), score, normalized, rank, severity, label_sv,
                  label_en)


# ---- helpers -----------------------------------------------------------------------------

def _number(value, what):
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError("%s must be a number, not %s" % (what, type(value).__name__))
    return float(value)


def _factor(value, what):
    """A whole-number factor as an int; TypeError for other types (the range is C's)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError("%s must be a whole number, not %s" % (what, type(value).__name__))
    if isinstance(value, numbers.Integral):
        value = int(value)
    else:
        value = float(value)
        if not value.is_integer():
            raise error_for(ErrorCode.ERANGE, "%s %r is not a whole number" % (what, value))
        value = int(value)
    if not -2 ** 31 <= value < 2 ** 31:
        raise error_for(ErrorCode.ERANGE, "%s %d is far outside its range" % (what, value))
    return value


def _vector_arg(vector):
    if not isinstance(vector, str):
        raise TypeError("a vector must be a str, not %s" % type(vector).__name__)
    if "\0" in vector:
        raise InvalidArgumentError("a vector must not contain NUL characters")
    return vector


class _VectorRating:
    """What Cvss, Owasp and Dread share: the C result ``_c`` and the canonical vector
    ``_vector``. Two ratings are equal when they are of the same method and their ``_key()``
    is equal."""

    __slots__ = ()
    _METHOD = ""  # "cvss", "owasp" or "dread"

    @property
    def vector(self):
        """The canonical vector; ``str(rating)`` is the same."""
        return self._vector

    @property
    def rating(self):
        """The :class:`Rating` of the vector (method "cvss", "owasp" or "dread")."""
        return _rating(check_result(_isms.isms_rating_parse(self._vector)))

    def _key(self):
        return (self._METHOD, self._vector)

    def __str__(self):
        return self._vector

    def __eq__(self, other):
        if not isinstance(other, _VectorRating) or other._METHOD != self._METHOD:
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self):
        return hash(self._key())


# ---- CVSS --------------------------------------------------------------------------------

_CVSS_VERSIONS = {
    _isms.ISMS_CVSS_V3_0: "3.0", _isms.ISMS_CVSS_V3_1: "3.1", _isms.ISMS_CVSS_V4_0: "4.0",
}
_CVSS_GROUPS = (
    (_isms.ISMS_CVSS_PART_BASE, "base"), (_isms.ISMS_CVSS_PART_THREAT, "threat"),
    (_isms.ISMS_CVSS_PART_ENVIRONMENTAL, "environmental"),
    (_isms.ISMS_CVSS_PART_SUPPLEMENTAL, "supplemental"),
)


class Cvss(_VectorRating):
    """A parsed and scored CVSS v3.0, v3.1 or v4.0 vector (immutable).

    ``Cvss(vector)`` (or :func:`cvss`) parses strictly, as the specifications define
    vectors; a bad vector raises ParseError (a ValueError) whose message names the metric
    and its position (``column`` is the 1-based position where the metric starts).

    Attributes:
        version: ``"3.0"``, ``"3.1"`` or ``"4.0"``.
        score: the score to report: v4.0 its score; v3.x the Environmental score when an
            Environmental metric is given, else the Temporal score when a Temporal metric is
            given, else the Base score.
        severity: the :class:`CvssSeverity` of `score`.
        base, temporal, environmental: the v3.x scores (None for v4.0). The Environmental
            score is computed even when no Environmental metric is given.
        nomenclature: ``"CVSS-B"``, ``"CVSS-BT"``, ``"CVSS-BE"`` or ``"CVSS-BTE"``: the
            metric groups given (for v3.x, Temporal stands for Threat).
        groups: the metric groups given, a frozenset of ``"base"``, ``"threat"``,
            ``"environmental"``, ``"supplemental"``.
        macrovector: the v4.0 MacroVector ("000200"); None for v3.x.
        vector: the canonical vector (metrics in the specification's order, Not Defined
            ones left out); ``str(cvss)`` is the same.
        normalized: score / 10.

    Two vectors are equal when their canonical forms are.
    """

    __slots__ = ("_c", "_vector")
    _METHOD = "cvss"

    def __init__(self, vector):
        if isinstance(vector, Cvss):
            self._c, self._vector = vector._c, vector._vector
            return
        self._c = check_result(_isms.isms_cvss_parse(_vector_arg(vector)))
        self._vector = check_result(_isms.isms_cvss_format(self._c))

    @classmethod
    def parse(cls, vector):
        """The same as ``Cvss(vector)``."""
        return cls(vector)

    @property
    def version(self):
        """``"3.0"``, ``"3.1"`` or ``"4.0"``."""
        return _CVSS_VERSIONS[self._c[0]]

    @property
    def score(self):
        """The score that takes every metric given into account (0-10)."""
        return self._c[1]

    @property
    def severity(self):
        """The :class:`CvssSeverity` of :attr:`score`."""
        return CvssSeverity.from_code(self._c[2])

    def _v3(self, i):
        value = self._c[i]
        return None if value == _NO_SCORE or self._c[0] == _isms.ISMS_CVSS_V4_0 else value

    @property
    def base(self):
        """The v3.x Base score; None for v4.0."""
        return self._v3(3)

    @property
    def temporal(self):
        """The v3.x Temporal score; None for v4.0."""
        return self._v3(4)

    @property
    def environmental(self):
        """The v3.x Environmental score; None for v4.0."""
        return self._v3(5)

    @property
    def nomenclature(self):
        """``"CVSS-B"``, ``"CVSS-BT"``, ``"CVSS-BE"`` or ``"CVSS-BTE"``."""
        return _isms.isms_cvss_nomenclature_name(self._c[6])

    @property
    def groups(self):
        """The metric groups given: a frozenset of "base", "threat", "environmental",
        "supplemental"."""
        parts = self._c[7]
        return frozenset(name for bit, name in _CVSS_GROUPS if parts & bit)

    @property
    def macrovector(self):
        """The v4.0 MacroVector (six digits); None for v3.x."""
        return self._c[8] or None

    @property
    def normalized(self):
        """The score on the scale 0-1 (score / 10)."""
        return _isms.isms_cvss_normalized(self._c)

    def metric(self, name):
        """The value of a metric as written in vectors ("N", "Clear"); "X" for an optional
        metric that was not given. `name` is the abbreviation, case-sensitive ("AV", "MSI";
        "S" is Scope in v3.x and Safety in v4.0). NotFoundError (a KeyError) when the
        version has no such metric."""
        if not isinstance(name, str):
            raise TypeError("a metric name must be a str, not %s" % type(name).__name__)
        if "\0" in name:
            raise error_for(ErrorCode.ENOTFOUND, "no metric %r in CVSS %s"
                            % (name, self.version))
        return check_result(_isms.isms_cvss_metric(self._c, name))

    @property
    def metrics(self):
        """Every metric of the version in the specification's order: a dict abbreviation ->
        value ("X" for optional metrics not given)."""
        version = self._c[0]
        names = (_isms.isms_cvss_metric_name(version, i)
                 for i in range(_isms.isms_cvss_metric_count(version)))
        return {name: self.metric(name) for name in names}

    def __repr__(self):
        return "<Cvss %s %.1f %s %r>" % (self.version, self.score, self.severity.value,
                                         self._vector)

    def __reduce__(self):
        return (Cvss, (self._vector,))


def cvss(vector):
    """Parses and scores a CVSS v3.0, v3.1 or v4.0 vector: a :class:`Cvss`."""
    return Cvss(vector)


# ---- OWASP -------------------------------------------------------------------------------

class Owasp(_VectorRating):
    """An OWASP Risk Rating (immutable): sixteen factors 0-9, or twelve without the business
    impact.

    Made from a vector (``Owasp(vector)``, :func:`owasp`), in the form
    ``SL:5/M:2/O:7/S:1/ED:3/EE:6/A:9/ID:2/LC:9/LI:7/LAV:5/LAC:8/FD:1/RD:2/NC:1/PV:5``
    (optionally in parentheses, as OWASP's calculator writes it; the business factors may be
    left out or written X), or from factors: ``Owasp.from_factors(SL=5, M=2, ...)``,
    ``Owasp.from_factors({"SL": 5, ...})`` or ``Owasp.from_factors([5, 2, 7, ...])`` (12 or
    16 numbers in vector order).

    Attributes:
        factors: dict abbreviation -> value in vector order; the business factors are None
            when not given.
        business_given: whether the business factors were given.
        likelihood: mean of the eight threat agent and vulnerability factors.
        technical_impact: mean of LC, LI, LAV, LAC.
        business_impact: mean of FD, RD, NC, PV; None when not given.
        impact: the impact used: the business impact when given, else the technical one.
        likelihood_level, impact_level: :class:`OwaspLevel`.
        severity: the :class:`OwaspSeverity` (OWASP's table of the two levels).
        score: likelihood x impact (0-81).
        normalized: 0-1, by severity and then by position within it (isms/rating.h).
        vector: the canonical vector (no parentheses; business factors only when given).
    """

    __slots__ = ("_c", "_vector")
    _METHOD = "owasp"

    def __init__(self, vector):
        if isinstance(vector, Owasp):
            self._c, self._vector = vector._c, vector._vector
            return
        self._set(check_result(_isms.isms_owasp_parse(_vector_arg(vector))))

    def _set(self, c):
        self._c = c
        self._vector = check_result(_isms.isms_owasp_format(c))

    @classmethod
    def parse(cls, vector):
        """The same as ``Owasp(vector)``."""
        return cls(vector)

    @classmethod
    def from_factors(cls, factors=None, **kwargs):
        """Rates from factors: a sequence of 12 or 16 whole numbers in vector order, a
        mapping, or keywords. Keys are the abbreviations (``SL``, ``LAV``, any case) or the
        labels ("skill_level", "Kunskapsnivå"). Give all twelve threat agent, vulnerability
        and technical impact factors, and all four business factors or none. RangeError
        names a factor outside 0-9."""
        if factors is not None and kwargs:
            raise TypeError("give the factors as one sequence or mapping, or as keywords, "
                            "not both")
        if factors is None:
            factors = kwargs
        if isinstance(factors, collections.abc.Mapping):
            values = [None] * _isms.ISMS_OWASP_FACTORS
            for key, value in factors.items():
                factor = OwaspFactor.parse(key)
                if values[factor.code] is not None:
                    raise InvalidArgumentError("factor %s is given twice" % factor.value)
                if value is not None:
                    values[factor.code] = _factor(value, "factor %s" % factor.value)
            missing = [f.value for f in OwaspFactor if not f.business and values[f.code] is None]
            if missing:
                raise InvalidArgumentError("OWASP factors missing: %s (give SL, M, O, S, ED, "
                                           "EE, A, ID, LC, LI, LAV, LAC, and FD, RD, NC, PV "
                                           "or none of them)" % ", ".join(missing))
            business = [values[f.code] for f in OwaspFactor if f.business]
            if all(v is None for v in business):
                values = values[:_isms.ISMS_OWASP_FACTORS_TECHNICAL]
            elif any(v is None for v in business):
                absent = [f.value for f in OwaspFactor if f.business and values[f.code] is None]
                raise InvalidArgumentError("business factors given in part (%s missing): give "
                                           "all four or none" % ", ".join(absent))
        elif isinstance(factors, (str, bytes)):
            raise TypeError("factors must be a sequence or a mapping, not a str: use "
                            "Owasp(vector) for a vector")
        else:
            try:
                values = list(factors)
            except TypeError:
                raise TypeError("factors must be a sequence or a mapping, not %s"
                                % type(factors).__name__) from None
            if len(values) not in (_isms.ISMS_OWASP_FACTORS_TECHNICAL,
                                   _isms.ISMS_OWASP_FACTORS):
                raise InvalidArgumentError("OWASP rates 12 or 16 factors, not %d" % len(values))
            values = [_factor(v, "factor %s" % f.value) for f, v in zip(OwaspFactor, values)]
        self = object.__new__(cls)
        self._set(check_result(_isms.isms_owasp_compute(values)))
        return self

    @property
    def factors(self):
        """dict abbreviation -> value (None for business factors not given)."""
        return {f.value: (None if v == _NOT_GIVEN else v)
                for f, v in zip(OwaspFactor, self._c[0])}

    def __getitem__(self, factor):
        """The value of one factor by abbreviation or label (None when not given)."""
        value = self._c[0][OwaspFactor.coerce(factor).code]
        return None if value == _NOT_GIVEN else value

    @property
    def business_given(self):
        """Whether the business factors were given."""
        return self._c[1]

    @property
    def likelihood(self):
        """Mean of the threat agent and vulnerability factors (0-9)."""
        return self._c[2]

    @property
    def technical_impact(self):
        """Mean of LC, LI, LAV, LAC (0-9)."""
        return self._c[3]

    @property
    def business_impact(self):
        """Mean of FD, RD, NC, PV (0-9), or None when they were not given."""
        return self._c[4] if self._c[1] else None

    @property
    def impact(self):
        """The impact used: business when given, else technical (0-9)."""
        return self._c[5]

    @property
    def likelihood_level(self):
        """The :class:`OwaspLevel` of the likelihood."""
        return OwaspLevel.from_code(self._c[6])

    @property
    def impact_level(self):
        """The :class:`OwaspLevel` of the impact used."""
        return OwaspLevel.from_code(self._c[7])

    @property
    def severity(self):
        """The overall :class:`OwaspSeverity`."""
        return OwaspSeverity.from_code(self._c[8])

    @property
    def normalized(self):
        """0-1, by severity, then by position within it."""
        return self._c[9]

    @property
    def score(self):
        """likelihood x impact (0-81): the OWASP score of :class:`Rating`."""
        return self.likelihood * self.impact

    def __repr__(self):
        return "<Owasp likelihood %.3g (%s) impact %.3g (%s) %s %r>" % (
            self.likelihood, self.likelihood_level.value, self.impact, self.impact_level.value,
            self.severity.value, self._vector)

    def __reduce__(self):
        return (Owasp, (self._vector,))


def owasp(vector=None, **factors):
    """An :class:`Owasp` rating from a vector (``owasp("SL:5/M:2/...")``) or from factors as
    keywords (``owasp(SL=5, M=2, O=7, ...)``, see :meth:`Owasp.from_factors`)."""
    if vector is not None:
        if factors:
            raise TypeError("give a vector or factors, not both")
        if isinstance(vector, str) or isinstance(vector, Owasp):
            return Owasp(vector)
        return Owasp.from_factors(vector)
    if not factors:
        raise TypeError("owasp() needs a vector or the factors as keywords")
    return Owasp.from_factors(**factors)


# ---- DREAD -------------------------------------------------------------------------------

_DREAD_NAMES = ("damage", "reproducibility", "exploitability", "affected_users",
                "discoverability")
_DREAD_ABBREVS = ("D", "R", "E", "A", "DI")


class Dread(_VectorRating):
    """A DREAD rating (immutable): five factors 0-10 and their mean.

    ``Dread(damage, reproducibility, exploitability, affected_users, discoverability)``,
    ``Dread.parse("D:8/R:10/E:7/A:10/DI:10")`` or :func:`dread`. DREAD defines no severity
    words; ``severity`` applies CVSS's cut points to the mean (a :class:`CvssSeverity`), so
    a word means the same normalised range in every method.

    Attributes: ``damage``, ``reproducibility``, ``exploitability``, ``affected_users``,
    ``discoverability``, ``factors`` (dict D, R, E, A, DI -> value), ``mean`` (the score,
    also as ``score``), ``normalized`` (mean / 10), ``severity``, ``vector``, ``rating``.
    """

    __slots__ = ("_c", "_vector")
    _METHOD = "dread"

    def __init__(self, damage, reproducibility, exploitability, affected_users,
                 discoverability):
        values = [_factor(v, name.replace("_", " ")) for v, name in
                  zip((damage, reproducibility, exploitability, affected_users,
                       discoverability), _DREAD_NAMES)]
        self._set(check_result(_isms.isms_dread_compute(*values)))

    def _set(self, c):
        self._c = c
        self._vector = check_result(_isms.isms_dread_format(c))

    @classmethod
    def parse(cls, vector):
        """Parses a vector ``D:n/R:n/E:n/A:n/DI:n`` (this order, each 0-10); ParseError names
        the metric and its position."""
        if isinstance(vector, Dread):
            return vector
        self = object.__new__(cls)
        self._set(check_result(_isms.isms_dread_parse(_vector_arg(vector))))
        return self

    damage = property(lambda self: self._c[0], doc="D, damage potential (0-10).")
    reproducibility = property(lambda self: self._c[1], doc="R, reproducibility (0-10).")
    exploitability = property(lambda self: self._c[2], doc="E, exploitability (0-10).")
    affected_users = property(lambda self: self._c[3], doc="A, affected users (0-10).")
    discoverability = property(lambda self: self._c[4], doc="DI, discoverability (0-10).")

    @property
    def factors(self):
        """dict D, R, E, A, DI -> value."""
        return dict(zip(_DREAD_ABBREVS, self._c[:5]))

    @property
    def mean(self):
        """The mean of the five factors (0-10): DREAD's score."""
        return self._c[5]

    score = mean

    @property
    def normalized(self):
        """mean / 10."""
        return self._c[6]

    @property
    def severity(self):
        """The :class:`CvssSeverity` of the mean (CVSS's cut points)."""
        return CvssSeverity.of(self.mean)

    def __repr__(self):
        return "<Dread %s mean %.3g %s>" % (self._vector, self.mean, self.severity.value)

    def _key(self):
        return ("dread",) + tuple(self._c[:5])

    def __reduce__(self):
        return (Dread, tuple(self._c[:5]))


def dread(damage, reproducibility=None, exploitability=None, affected_users=None,
          discoverability=None):
    """A :class:`Dread` rating from its five factors (``dread(8, 10, 7, 10, 10)``) or from a
    vector (``dread("D:8/R:10/E:7/A:10/DI:10")``)."""
    rest = (reproducibility, exploitability, affected_users, discoverability)
    if isinstance(damage, (str, Dread)):
        if any(v is not None for v in rest):
            raise TypeError("give a vector or the five factors, not both")
        return Dread.parse(damage)
    missing = [name for name, v in zip(_DREAD_NAMES[1:], rest) if v is None]
    if missing:
        raise TypeError("dread() needs all five factors; missing: %s" % ", ".join(missing))
    return Dread(damage, *rest)


# ---- any vector --------------------------------------------------------------------------

def rate(vector):
    """The :class:`Rating` of a vector of any method, recognised by its start: ``CVSS:3.0/``,
    ``CVSS:3.1/``, ``CVSS:4.0/`` (CVSS), ``SL:`` or ``(SL:`` (OWASP), ``D:`` (DREAD). The
    text must be the vector alone, without surrounding white space. A :class:`Cvss`,
    :class:`Owasp` or :class:`Dread` is rated as its vector. ParseError for anything else
    (with the method's own message and position)."""
    if isinstance(vector, (Cvss, Owasp, Dread)):
        return vector.rating
    return _rating(check_result(_isms.isms_rating_parse(_vector_arg(vector))))
