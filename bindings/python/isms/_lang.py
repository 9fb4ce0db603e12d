"""Languages and the labelled enumerations: severity, treatment option, risk status.

Languages are given as text: ``"sv"`` (Swedish, the default everywhere) or ``"en"``; the
C parser also accepts ``"sv-SE"``, ``"svenska"``, ``"English"``, ``"en-GB"`` and so on.

The enumerations are :class:`str` enums whose values are stable English machine names, so
``risk.option == "modify"`` and ``finding.severity == "warning"`` work, and each member has
``label_sv``, ``label_en`` and ``label(lang)`` for display. ``parse(text)`` accepts the
Swedish and English labels and the library's synonyms, case-insensitively (``"Reducera"``,
``"modify"``, ``"MITIGATE"``).
"""

import enum

from . import _isms
from ._errors import InvalidArgumentError, check_result, last_error

__all__ = ["Severity", "Treatment", "Status", "Formula", "lang_code"]

_LANG_CACHE = {}


def lang_value(lang):
    """The C ``isms_lang`` value of a language name or code; InvalidArgumentError if unknown."""
    if lang is None:
        return _isms.ISMS_LANG_SV
    try:
        return _LANG_CACHE[lang]
    except (KeyError, TypeError):
        pass
    if not isinstance(lang, str):
        raise TypeError("lang must be a str such as 'sv' or 'en', not %s" % type(lang).__name__)
    rc, value = _isms.isms_lang_parse(lang)
    if rc < 0:
        err = last_error(rc)
        raise InvalidArgumentError("unknown language %r: use 'sv' or 'en'" % (lang,)) from err
    if len(_LANG_CACHE) < 64:
        _LANG_CACHE[lang] = value
    return value


def lang_code(lang):
    """The ISO 639-1 code of a language: ``lang_code("Svenska") == "sv"``."""
    return _isms.isms_lang_code(lang_value(lang))


class _Labelled(str, enum.Enum):
    """A str enum backed by a C enumeration with Swedish and English labels."""

    def __new__(cls, name, code):
        obj = str.__new__(cls, name)
        obj._value_ = name
        obj.code = code
        return obj

    def __str__(self):
        return self.value

    def __format__(self, spec):
        return format(self.value, spec)

    def __repr__(self):
        return "<%s.%s: %r>" % (type(self).__name__, self.name, self.value)

    def label(self, lang="sv"):
        """The label in a language (``"sv"`` or ``"en"``)."""
        return self._label_fn()(self.code, lang_value(lang))

    @property
    def label_sv(self):
        """The Swedish label."""
        return self.label("sv")

    @property
    def label_en(self):
        """The English label."""
        return self.label("en")

    @classmethod
    def from_code(cls, code):
        """The member for a C enumeration value."""
        for member in cls:
            if member.code == code:
                return member
        raise InvalidArgumentError("unknown %s value %r" % (cls.__name__, code))

    @classmethod
    def parse(cls, text):
        """The member that `text` names: a machine name, a Swedish or English label or a
        synonym the C library accepts, case-insensitively. Raises ParseError."""
        if isinstance(text, cls):
            return text
        if not isinstance(text, str):
            raise TypeError("%s must be given as a %s or a str, not %s"
                            % (cls.__name__, cls.__name__, type(text).__name__))
        for member in cls:
            if _isms.isms_text_matches(member.value, text):
                return member
        return cls.from_code(check_result(cls._parse_fn()(text)))

    @classmethod
    def coerce(cls, value):
        """A member from a member, a str (see parse()) or a C enumeration value (int)."""
        if isinstance(value, cls):
            return value
        if isinstance(value, str):
            return cls.parse(value)
        if isinstance(value, int) and not isinstance(value, bool):
            return cls.from_code(value)
        raise TypeError("%s must be given as a %s, a str or an int, not %s"
                        % (cls.__name__, cls.__name__, type(value).__name__))


class Severity(_Labelled):
    """How serious a finding is: ``"info"``, ``"warning"`` or ``"error"``.

    Members compare equal to those strings; ``rank`` orders them (info 0 < warning 1 <
    error 2). Labels: information/varning/fel, info/warning/error.
    """

    INFO = ("info", _isms.ISMS_SEVERITY_INFO)
    WARNING = ("warning", _isms.ISMS_SEVERITY_WARNING)
    ERROR = ("error", _isms.ISMS_SEVERITY_ERROR)

    @property
    def rank(self):
        """0 for info, 1 for warning, 2 for error."""
        return self.code

    @staticmethod
    def _label_fn():
        return _isms.isms_severity_label

    @staticmethod
    def _parse_fn():
        return _isms.isms_severity_parse


class Treatment(_Labelled):
    """ISO/IEC 27005 risk treatment option.

    ``"none"`` (not decided), ``"modify"`` (Reducera), ``"retain"`` (Acceptera),
    ``"avoid"`` (Undvika), ``"share"`` (Dela). ``Treatment.parse("Reducera")`` and
    ``Treatment.parse("mitigate")`` both give ``Treatment.MODIFY``.
    """

    NONE = ("none", _isms.ISMS_TREATMENT_NONE)
    MODIFY = ("modify", _isms.ISMS_TREATMENT_MODIFY)
    RETAIN = ("retain", _isms.ISMS_TREATMENT_RETAIN)
    AVOID = ("avoid", _isms.ISMS_TREATMENT_AVOID)
    SHARE = ("share", _isms.ISMS_TREATMENT_SHARE)

    @staticmethod
    def _label_fn():
        return _isms.isms_treatment_label

    @staticmethod
    def _parse_fn():
        return _isms.isms_treatment_parse


class Status(_Labelled):
    """Where a risk stands: ``"open"`` (Öppen), ``"in-treatment"`` (Under åtgärd),
    ``"treated"`` (Åtgärdad), ``"accepted"`` (Accepterad), ``"closed"`` (Stängd)."""

    OPEN = ("open", _isms.ISMS_RISK_OPEN)
    IN_TREATMENT = ("in-treatment", _isms.ISMS_RISK_IN_TREATMENT)
    TREATED = ("treated", _isms.ISMS_RISK_TREATED)
    ACCEPTED = ("accepted", _isms.ISMS_RISK_ACCEPTED)
    CLOSED = ("closed", _isms.ISMS_RISK_CLOSED)

    @staticmethod
    def _label_fn():
        return _isms.isms_risk_status_label

    @staticmethod
    def _parse_fn():
        return _isms.isms_risk_status_parse


class Formula(str, enum.Enum):
    """How a matrix combines likelihood and consequence: ``"product"``, ``"sum"``, ``"max"``
    or ``"grid"`` (a value per cell)."""

    PRODUCT = "product"
    SUM = "sum"
    MAX = "max"
    GRID = "grid"

    def __str__(self):
        return self.value

    def __format__(self, spec):
        return format(self.value, spec)

    @property
    def code(self):
        """The C ``isms_formula`` value."""
        return _FORMULA_CODES[self]

    @classmethod
    def from_code(cls, code):
        for member, c in _FORMULA_CODES.items():
            if c == code:
                return member
        raise InvalidArgumentError("unknown formula value %r" % (code,))

    @classmethod
    def coerce(cls, value):
        if isinstance(value, cls):
            return value
        if isinstance(value, str):
            folded = value.strip().lower()
            aliases = {"product": "product", "multiply": "product", "sum": "sum", "add": "sum",
                       "max": "max", "maximum": "max", "grid": "grid"}
            if folded in aliases:
                return cls(aliases[folded])
            raise InvalidArgumentError("unknown formula %r: use 'product', 'sum', 'max' or "
                                       "'grid'" % (value,))
        raise TypeError("formula must be a str, not %s" % type(value).__name__)


_FORMULA_CODES = {
    Formula.PRODUCT: _isms.ISMS_FORMULA_PRODUCT,
    Formula.SUM: _isms.ISMS_FORMULA_SUM,
    Formula.MAX: _isms.ISMS_FORMULA_MAX,
    Formula.GRID: _isms.ISMS_FORMULA_GRID,
}
