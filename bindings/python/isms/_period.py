"""Dates and periods: due dates as people write them ("Q1 2024", "våren", "under 2024").

:func:`parse_period` reads such text, in Swedish or English, into a :class:`Period`: a first
and a last day and a kind. Text tied to an event ("inför nästa verksamhetsplan") or
otherwise unreadable gives the kind ``"unparsed"``; that is never an error.

Dates are :class:`datetime.date` objects; the C library's empty date is ``None``.
"""

import datetime
import enum

from . import _isms
from ._errors import ErrorCode, check_result, error_for
from ._lang import _Labelled

__all__ = ["PeriodKind", "Period", "parse_period"]


# ---- shared helpers of the catalog, period and assessment modules ------------------------

def _parse_error(message):
    return error_for(ErrorCode.EPARSE, message)


def _choices(cls):
    return ", ".join(repr(m.value) for m in cls)


def _match_labelled(cls, text):
    """The member of a labelled enum whose machine name (``_`` read as a space) or Swedish or
    English label matches `text` as the C parsers match (case, surrounding white space).
    For the enumerations that have labels in C but no parser."""
    if isinstance(text, cls):
        return text
    if not isinstance(text, str):
        raise TypeError("%s must be given as a %s or a str, not %s"
                        % (cls.__name__, cls.__name__, type(text).__name__))
    if "\0" not in text:
        for member in cls:
            if (_isms.isms_text_matches(member.value, text)
                    or _isms.isms_text_matches(member.value.replace("_", " "), text)):
                return member
        for member in cls:
            for lang in (_isms.ISMS_LANG_SV, _isms.ISMS_LANG_EN):
                label = member._label_fn()(member.code, lang)
                if label and _isms.isms_text_matches(label, text):
                    return member
    raise _parse_error("unknown %s %r: expected %s" % (cls.__name__, text, _choices(cls)))


class _Coded(str, enum.Enum):
    """A str enum backed by a C enumeration without labels: ``value`` is the machine name,
    ``code`` the C value. ``parse()`` takes the name in any case, with ``-`` or a space for
    ``_``."""

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

    @classmethod
    def from_code(cls, code):
        """The member for a C enumeration value."""
        for member in cls:
            if member.code == code:
                return member
        raise error_for(ErrorCode.EINVAL, "unknown %s value %r" % (cls.__name__, code))

    @classmethod
    def _aliases(cls):
        return {}

    @classmethod
    def parse(cls, text):
        """The member that `text` names (see the class); ParseError when none does."""
        if isinstance(text, cls):
            return text
        if not isinstance(text, str):
            raise TypeError("%s must be given as a %s or a str, not %s"
                            % (cls.__name__, cls.__name__, type(text).__name__))
        folded = " ".join(text.replace("_", " ").replace("-", " ").split()).lower()
        for member in cls:
            if member.value.replace("_", " ") == folded:
                return member
        name = cls._aliases().get(folded)
        if name is not None:
            return cls(name)
        raise _parse_error("unknown %s %r: expected %s" % (cls.__name__, text, _choices(cls)))

    @classmethod
    def coerce(cls, value):
        """A member from a member or a str (see parse())."""
        if isinstance(value, cls):
            return value
        if isinstance(value, str):
            return cls.parse(value)
        raise TypeError("%s must be given as a %s or a str, not %s"
                        % (cls.__name__, cls.__name__, type(value).__name__))


def _date_out(value):
    """A C date tuple as a datetime.date (None for the empty date)."""
    if value is None:
        return None
    return datetime.date(*value)


def _date_in(value, what="date", allow_none=False):
    """A datetime.date (or a datetime, or an ISO 8601 'YYYY-MM-DD' str) as a C date tuple."""
    if value is None:
        if allow_none:
            return None
        raise TypeError("%s must be a datetime.date, not None" % what)
    if isinstance(value, datetime.date):
        return (value.year, value.month, value.day)
    if isinstance(value, str):
        if "\0" in value:
            raise _parse_error("%s must not contain NUL characters" % what)
        return check_result(_isms.isms_date_parse(value))
    raise TypeError("%s must be a datetime.date or a 'YYYY-MM-DD' str, not %s"
                    % (what, type(value).__name__))


def _year_arg(year):
    """The reference year: an int, or None for the current year."""
    if year is None:
        return datetime.date.today().year
    if isinstance(year, bool) or not isinstance(year, int):
        raise TypeError("year must be an int or None, not %s" % type(year).__name__)
    if not 1900 <= year <= 9999:
        raise error_for(ErrorCode.EINVAL, "year %d is outside 1900-9999" % year)
    return year


# ---- periods ---------------------------------------------------------------------------

class PeriodKind(_Labelled):
    """What a period covers: ``"none"`` (no due date), ``"unparsed"`` (text without a
    readable date), ``"day"``, ``"month"``, ``"quarter"``, ``"tertial"`` (four months),
    ``"half"`` (a half year), ``"year"``. Labels: ``PeriodKind.QUARTER.label("sv") ==
    "kvartal"``."""

    NONE = ("none", _isms.ISMS_PERIOD_NONE)
    UNPARSED = ("unparsed", _isms.ISMS_PERIOD_UNPARSED)
    DAY = ("day", _isms.ISMS_PERIOD_DAY)
    MONTH = ("month", _isms.ISMS_PERIOD_MONTH)
    QUARTER = ("quarter", _isms.ISMS_PERIOD_QUARTER)
    TERTIAL = ("tertial", _isms.ISMS_PERIOD_TERTIAL)
    HALF = ("half", _isms.ISMS_PERIOD_HALF)
    YEAR = ("year", _isms.ISMS_PERIOD_YEAR)

    @property
    def dated(self):
        """True for the kinds that have a first and a last day (day … year)."""
        return self.code >= _isms.ISMS_PERIOD_DAY

    @staticmethod
    def _label_fn():
        return _isms.isms_period_kind_label

    @classmethod
    def parse(cls, text):
        """The kind named by `text`: its name or its Swedish or English label."""
        return _match_labelled(cls, text)


def _char_offset(data, offset):
    """Byte offset into UTF-8 `data` -> offset in characters."""
    return len(data[:offset].decode("utf-8", "ignore"))


class Period:
    """A period read from a due date: ``Period("Q1 2024")`` or :func:`parse_period`.

    Immutable. Attributes:

    ``text``
        the text it was read from, exactly as given (a period computed by :meth:`next` or
        :meth:`containing` has its canonical form as text).
    ``kind``
        a :class:`PeriodKind` (compares equal to ``"quarter"`` …).
    ``start``, ``end``
        the first and last day as :class:`datetime.date`, or None for ``"none"`` and
        ``"unparsed"``. ``end`` is the due date.
    ``year_assumed``
        the text named no year: the reference year was used.
    ``span``
        ``(offset, length)`` of the part of ``text`` that was read, in characters
        (``text[offset:offset + length]``); length 0 when nothing was read.

    ``str(period)`` is the canonical short form (``"2024-03-31"``, ``"2024-02"``,
    ``"Q1 2024"``, ``"T2 2024"``, ``"H1 2024"``, ``"2024"``; ``""`` without dates). Periods
    order by their last day, then their first day, then kind, and periods without dates sort
    last, so ``sorted()`` gives due order. Two periods are equal when they have the same kind
    and days (``Period("Q1 2024") == Period("kvartal 1", 2024)``); unparsed periods are equal
    when their texts are.
    """

    __slots__ = ("_text", "_c", "_kind", "_span")

    def __init__(self, text="", year=None):
        text = _period_text(text)
        self._set(text, check_result(_isms.isms_period_parse(text, _year_arg(year))))

    def _set(self, text, c):
        object.__setattr__(self, "_text", text)
        object.__setattr__(self, "_c", tuple(c))
        object.__setattr__(self, "_kind", PeriodKind.from_code(c[0]))
        offset, length = c[4], c[5]
        if text.isascii():
            span = (offset, length)
        else:
            data = text.encode("utf-8", "surrogateescape")
            start = _char_offset(data, offset)
            span = (start, _char_offset(data, offset + length) - start)
        object.__setattr__(self, "_span", span)

    @classmethod
    def _from_c(cls, text, c):
        self = object.__new__(cls)
        self._set(text, c)
        return self

    @classmethod
    def _canonical(cls, c):
        """A computed period, whose text is its canonical form."""
        text = check_result(_isms.isms_period_format(c))
        c = (c[0], c[1], c[2], False, 0, len(text.encode("utf-8")))
        return cls._from_c(text, c)

    @classmethod
    def containing(cls, kind, date):
        """The period of a kind that contains a date:
        ``Period.containing("quarter", date(2024, 5, 2))`` is Q2 2024."""
        kind = PeriodKind.coerce(kind)
        if not kind.dated:
            raise error_for(ErrorCode.EINVAL, "a period containing a date must be of a kind "
                            "with dates (day ... year), not %r" % kind.value)
        return cls._canonical(check_result(
            _isms.isms_period_containing(kind.code, _date_in(date))))

    def __setattr__(self, name, value):
        raise AttributeError("Period objects are immutable")

    __delattr__ = __setattr__

    # ---- fields --------------------------------------------------------------------------

    @property
    def text(self):
        """The text the period was read from."""
        return self._text

    @property
    def kind(self):
        """The :class:`PeriodKind`."""
        return self._kind

    @property
    def start(self):
        """The first day (datetime.date), or None."""
        return _date_out(self._c[1])

    @property
    def end(self):
        """The last day, the due date (datetime.date), or None."""
        return _date_out(self._c[2])

    @property
    def year_assumed(self):
        """True when the text named no year and the reference year was taken."""
        return self._c[3]

    @property
    def span(self):
        """(offset, length) in characters of the part of ``text`` that was read."""
        return self._span

    @property
    def dated(self):
        """True when the period has days (every kind but none and unparsed)."""
        return self._kind.dated

    # ---- computations --------------------------------------------------------------------

    def overdue(self, on=None):
        """True when the period ended before `on` (a date; None: today). Periods without
        dates are never overdue."""
        when = datetime.date.today() if on is None else on
        return _isms.isms_period_overdue(self._c, _date_in(when, "on"))

    def __contains__(self, date):
        if not isinstance(date, datetime.date):
            raise TypeError("'in <Period>' needs a datetime.date, not %s"
                            % type(date).__name__)
        return _isms.isms_period_contains(self._c, _date_in(date))

    def next(self):
        """The period of the same kind that follows (the next quarter, year, ...).
        InvalidArgumentError for periods without dates or past 9999."""
        return self._canonical(check_result(_isms.isms_period_next(self._c)))

    def _cmp(self, other):
        return _isms.isms_period_compare(self._c, other._c)

    def __lt__(self, other):
        if not isinstance(other, Period):
            return NotImplemented
        return self._cmp(other) < 0

    def __le__(self, other):
        if not isinstance(other, Period):
            return NotImplemented
        return self._cmp(other) <= 0

    def __gt__(self, other):
        if not isinstance(other, Period):
            return NotImplemented
        return self._cmp(other) > 0

    def __ge__(self, other):
        if not isinstance(other, Period):
            return NotImplemented
        return self._cmp(other) >= 0

    def _key(self):
        kind = self._kind
        if kind is PeriodKind.UNPARSED:
            return (kind.code, self._text.strip())
        if kind is PeriodKind.NONE:
            return (kind.code,)
        return (kind.code, self._c[1], self._c[2])

    def __eq__(self, other):
        if not isinstance(other, Period):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self):
        return hash(self._key())

    def __str__(self):
        return check_result(_isms.isms_period_format(self._c))

    def __repr__(self):
        if self.dated:
            detail = "%s %s..%s" % (self._kind.value, self.start.isoformat(),
                                    self.end.isoformat())
            if self.year_assumed:
                detail += " (year assumed)"
        else:
            detail = self._kind.value
        return "<Period %s %r>" % (detail, self._text)

    def __reduce__(self):
        return (_restore_period, (self._text, self._c))


def _restore_period(text, c):
    return Period._from_c(text, c)


def _period_text(text):
    if text is None:
        return ""
    if not isinstance(text, str):
        raise TypeError("a period is read from a str, not %s" % type(text).__name__)
    if "\0" in text:
        raise error_for(ErrorCode.EINVAL, "period text must not contain NUL characters")
    return text


def parse_period(text, year=None):
    """Reads a due date written as people write it, in Swedish or English.

    ``"2024-03-31"``, ``"31 mars 2024"``, ``"februari"``, ``"Feb 2024"``, ``"Q1 2024"``,
    ``"kvartal 1"``, ``"T2 2024"``, ``"tertial 2"``, ``"våren 2024"``, ``"hösten"``,
    ``"H2"``, ``"2024"``, ``"under 2024 med uppföljning"`` ... Text that names no year takes
    `year` (default: the current year). Never fails on odd text: it gives a period of kind
    ``"unparsed"`` (``"none"`` for empty text). Returns a :class:`Period`.
    """
    return Period(text, year)

